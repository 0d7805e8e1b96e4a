# PyTorch 1.13's parser where a function with several signatures takes a dim and gets a float, a Tensor or a bool
# there: `sum() received an invalid combination of arguments - got (float), but expected one of: ...` with each
# signature as it prints them (those of as many arguments with their mismatches marked, `!float!`), or the simple
# message where one signature alone takes as many arguments (`kthvalue(): argument 'k' (position 1) must be int, not
# float`); a 0-d integer tensor passes where a signature takes an int (softmax, max's dim) and is refused where it takes
# a tuple of ints (sum, mean, std). For the reductions and the other ops with a dim overload, their signatures (from
# PyTorch's own listing, each argument's default and size from ATen's schema) go to test/fixtures/dim-args.json with
# calls by position and by name and PyTorch's answer (its message or its values), and from there to the `dims` of
# src/torch-params.ts and src/method-params*.ts (pyfixture.py write_params).
#   /usr/bin/python3 scripts/gen-dim-args.py
import json
import warnings

import torch

from pyfixture import real_tensor as real, schema_args, tensor_arg as T, tocha_names, write_params

warnings.simplefilter('ignore')

NAMES = ('all any argsort count_nonzero cummax cummin cumprod cumprod_ cumsum cumsum_ kthvalue log_softmax logcumsumexp '
         'logsumexp max mean median min mode nanmedian nanquantile prod quantile softmax sort squeeze squeeze_ std '
         'std_mean sum var var_mean transpose flatten unbind diagonal index_select gather movedim moveaxis').split()
# PyTorch's type names, one letter each in the table
CODES = {'Tensor': 'T', 'int': 'i', 'tuple of ints': 't', 'name': 'n', 'tuple of names': 'N', 'bool': 'b',
         'torch.dtype': 'd', 'float': 'f', 'str': 's', 'tuple of Tensors': 'L', 'Number': 'S'}


class Foreign:
    pass


def printed(call):
    """The signatures PyTorch lists when no overload fits, as it prints them."""
    try:
        call(*[Foreign()] * 7)
    except TypeError as e:
        m = str(e)
    return [line.strip()[2:] for line in m.split('\n') if line.strip().startswith('* (')]


COMPATIBLE = {'int': ('int', 'Optional[int]', 'SymInt'), 'tuple of ints': ('List[int]', 'Optional[List[int]]', 'List[SymInt]'),
              'name': ('str',), 'tuple of names': ('List[str]',), 'Tensor': ('Tensor', 'Optional[Tensor]'),
              'bool': ('bool', 'Optional[bool]'), 'torch.dtype': ('Optional[int]', 'int'), 'float': ('float',),
              'str': ('str', 'Optional[str]'), 'Number': ('number', 'Scalar')}


def schema_of(name, params):
    """The ATen schema a printed signature's [(type, name)] (input and out left out) comes from: {name: argument}."""
    for s in torch._C._jit_get_schemas_for_operator('aten::' + name):
        args = [a for a in s.arguments if not (a.alias_info is not None and a.alias_info.is_write and a.kwarg_only)]
        if not args or args[0].name != 'self' or str(args[0].type) != 'Tensor': continue
        args = args[1:]
        if [a.name for a in args] == [n for _, n in params] and all(str(a.type) in COMPATIBLE[t] for a, (t, _) in zip(args, params)):
            return {a.name: a for a in args}
    raise SystemExit(f'no schema of {name} for {params}')


def encode(name, sig, method):
    """A printed signature as the table's params: `<code><name>` ('!' where required), '*' for keyword-only ones."""
    params = []
    body = sig[1:-1]
    typed = [p.rsplit(' ', 1) for p in (body.split(', ') if body else []) if p != '*']
    args = schema_of(name, [(t, n) for t, n in typed if n not in ('input', 'out')])
    for p in (body.split(', ') if body else []):
        if p == '*':
            params.append('*')
            continue
        t, n = p.rsplit(' ', 1)
        if n == 'input' and not params:
            continue
        a = args.get(n)
        # (an argument is required where its schema gives it no default; out never is)
        required = a is not None and not a.has_default_value()
        code = CODES[t]
        if code == 't' and a.N is None: code = 'l'   # (a tuple with no size: a single int does not pass)
        params.append(code + n + ('!' if required else ''))
    return ','.join(params)


def strip_method(enc):
    """A torch.* signature's params as the method's: no out, no trailing '*'."""
    ps = [p for p in enc.split(',') if p and not p[1:].startswith('out')]
    while ps and ps[-1] == '*': ps.pop()
    return ','.join(ps)


have = tocha_names()

torch_table, method_table = {}, {}
for name in NAMES:
    if name in have['torch'] and hasattr(torch, name):
        torch_table[name] = '|'.join(encode(name, s, False) for s in printed(getattr(torch, name)))
    if name in have['Tensor'] and hasattr(torch.Tensor, name):
        sigs = printed(lambda *a, _n=name: getattr(torch.ones(2, 3), _n)(*a))
        enc = '|'.join(encode(name, s, True) for s in sigs)
        base = name.rstrip('_')
        derived = '|'.join(strip_method(s) for s in torch_table[base].split('|')) if base in torch_table else None
        method_table[name] = '' if enc == derived and base == name else '@' + base if enc == derived else enc


def text(sig, method):
    """The table's signature printed back, as PyTorch prints it (the check of the encoding)."""
    names = {v: k for k, v in CODES.items()}
    names['l'] = 'tuple of ints'
    ps = [] if method else ['Tensor input']
    for p in (sig.split(',') if sig else []):
        ps.append('*' if p == '*' else f"{names[p[0]]} {p[1:].rstrip('!')}")
    return '(' + ', '.join(ps) + ')'


for name, enc in torch_table.items():
    assert [text(s, False) for s in enc.split('|')] == printed(getattr(torch, name)), name
for name, enc in method_table.items():
    full = enc if enc and enc[0] != '@' else '|'.join(strip_method(s) for s in torch_table[enc[1:] or name].split('|'))
    assert [text(s, True) for s in full.split('|')] == printed(lambda *a, _n=name: getattr(torch.ones(2, 3), _n)(*a)), name

# The calls: a float, a Tensor (a 0-d integer one, a float one, one of one element), a bool and lists of them where
# each signature takes an int or a tuple of ints, by position (after valid leading arguments) and by name
BAD = [1.5, T(1), T(1.5, 'float32'), T([1]), True, [1, 1.5], [1.5], [T(1)], [T(1), 0], [1, T(0.5, 'float32')]]
SAMPLE = {'i': 1, 't': [1], 'l': [1], 'b': True, 'f': 0.5, 'T': 'q'}


def x_input():
    return torch.tensor([[3., 1., 2., 0.], [5., 7., 4., 6.], [9., 8., 11., 10.]])


def run(key, args, kw):
    prefix, name = key.split('.')
    x = x_input()
    a = [torch.tensor([0.25, 0.5]) if v == 'q' else real(v) for v in args]
    k = {n: real(v) for n, v in kw.items()}
    try:
        r = getattr(torch, name)(x, *a, **k) if prefix == 'torch' else getattr(x, name)(*a, **k)
        return {'value': [t.tolist() for t in r] if isinstance(r, tuple) else r.tolist()}
    except Exception as e:  # noqa: BLE001 (the message is what is read)
        return {'error': type(e).__name__, 'message': str(e)}


cases = []
seen = set()
for key_prefix, table in [('torch', torch_table), ('Tensor', method_table)]:
    for name, enc in table.items():
        full = enc if key_prefix == 'torch' or (enc and enc[0] != '@') else \
            '|'.join(strip_method(s) for s in torch_table[enc[1:] or name].split('|'))
        key = f'{key_prefix}.{name}'
        calls = []
        for sig in full.split('|'):
            ps = [p for p in sig.split(',') if p]
            lead = []
            for p in ps:
                if p == '*': break
                if p[0] in 'itl':
                    for bad in BAD:
                        calls.append((lead + [bad], {}))
                        calls.append((lead, {p[1:].rstrip('!'): bad}))
                    calls.append((lead + [1.5, True], {}))
                if p[0] == 'T':   # (a list where a signature takes a Tensor there: x.max([1.0, 2.5]))
                    calls += [(lead + [[1.5, 2.5]], {}), (lead, {p[1:].rstrip('!'): [1.5, 2.5]})]
                if p[0] not in SAMPLE: break
                lead = lead + [SAMPLE[p[0]]]
        for args, kw in calls:
            sig = json.dumps([key, args, kw], sort_keys=True)
            if sig in seen: continue
            seen.add(sig)
            cases.append({'key': key, 'args': args, 'kw': kw, **run(key, args, kw)})

with open('test/fixtures/dim-args.json', 'w') as fh:
    json.dump({'torch': torch_table, 'methods': method_table, 'cases': cases}, fh, indent=0, sort_keys=True)
    fh.write('\n')


write_params(have)
print(len(torch_table), 'functions,', len(method_table), 'methods,', len(cases), 'calls')
