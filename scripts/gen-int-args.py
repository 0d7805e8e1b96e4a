# PyTorch 1.13's argument error where an int (or a tuple of ints) goes and something else is given:
# `tril(): argument 'diagonal' (position 2) must be int, not float`, `roll(): argument 'shifts' (position 2) must be
# tuple of ints, not str`, `repeat(): argument 'repeats' must be tuple of SymInts, but found element of type str at
# pos 2`. For every torch.* function and Tensor method tocha has, each argument the ATen schema types as an int or a
# list of ints is probed with a str, by position and by name; those PyTorch answers with that simple message (not an
# invalid combination of arguments: an overload takes something else there) go to test/fixtures/int-args.json with
# the calls and their messages, and from there to the `ints` of src/torch-params.ts and src/method-params*.ts
# (pyfixture.py write_params).
#   /usr/bin/python3 scripts/gen-int-args.py
import inspect
import json
import re
import signal
import warnings

import torch

from pyfixture import real_tensor, schema_args, tensor_arg, tocha_names, write_params

warnings.simplefilter('ignore')

MSG = re.compile(r"^(\w+)\(\): argument '(\w+)'(?: \(position (\d+)\))? must be (int|tuple of ints|tuple of SymInts), "
                 r"(?:not (\w+)|but found element of type (\w+) at pos (\d+))$")
INT_TYPES = {'int', 'Optional[int]', 'SymInt', 'List[int]', 'List[SymInt]', 'Optional[List[int]]'}


def sample(t):
    t = str(t)
    if 'Tensor' in t and 'List' not in t: return 'T'
    if 'List[int]' in t or 'List[SymInt]' in t: return [1]
    if t in ('int', 'Optional[int]', 'SymInt'): return 0
    if t in ('float', 'Optional[float]', 'number', 'Optional[number]'): return 1.0
    if t in ('bool', 'Optional[bool]'): return False
    return None


class Slow(Exception): pass
def _alarm(*_): raise Slow()
signal.signal(signal.SIGALRM, _alarm)


def real(v):
    return torch.ones(2, 3) if v == 'T' else v


def message(f, args, kw):
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        try: f(torch.ones(2, 3), *[real(a) for a in args], **kw)
        finally: signal.setitimer(signal.ITIMER_REAL, 0)
        return None
    except Slow:
        return None
    except Exception as e:  # noqa: BLE001 (the message is what is read)
        return str(e) if isinstance(e, TypeError) else None


params = {}   # key -> [[index after input/self, name, kind], ...]
cases = []    # {key, args, kw, message}: calls and PyTorch's message


def probe(key, f, method):
    name = key.split('.')[1]
    seen = set()
    for args in schema_args(name):
        if not args or str(args[0].type) != 'Tensor': continue
        for i, a in enumerate(args):
            if i == 0 or a.kwarg_only or a.name in seen or str(a.type) not in INT_TYPES: continue
            lead = [sample(b.type) for b in args[1:i]]
            if any(v is None for v in lead): break
            pos = i if method else i + 1
            m = message(f, lead + ['a'], {})
            g = m and MSG.match(m)
            if not g or g.group(2) != a.name or g.group(3) != str(pos) or g.group(1) != name.rstrip('_') and g.group(1) != name:
                continue
            seen.add(a.name)
            what = g.group(4)
            kind = 'i' if what == 'int' else 'T' if what.endswith('SymInts') else 't'
            record = [[lead + ['a'], {}], [lead + [1.5], {}], [lead + [True], {}], [lead + [None], {}],
                      [lead, {a.name: 'a'}], [lead, {a.name: 2.5}]]
            if kind == 'i':
                record.append([lead + [[1]], {}])
            else:
                record += [[lead + [[1, 'a']], {}], [lead + [[1.5, 1]], {}], [lead + [1], {}], [lead, {a.name: [0, 2.5]}]]
                if method and i == 1: record += [[[1, 'a'], {}], [[1, 2.5], {}], [[2.5, 1], {}]]
            ok_none = message(f, lead + [None], {}) is None or not MSG.match(message(f, lead + [None], {}) or '')
            ok_int = kind != 'i' and (message(f, lead + [1], {}) is None or not MSG.match(message(f, lead + [1], {}) or ''))
            # (a method whose one argument is a tuple takes its elements as arguments too: x.repeat(2, 1))
            mv = method and i == 1 and kind != 'i' and message(f, [1, 'a'], {})
            gv = mv and MSG.match(mv)
            varargs = bool(gv and gv.group(2) == a.name and gv.group(7) == '2')
            ok_int = ok_int and not varargs
            # (a method written in Python passes an argument given by name on by position: its message keeps it)
            mk = message(f, lead, {a.name: 'a'})
            keeps = bool(mk and MSG.match(mk) and MSG.match(mk).group(3))
            params.setdefault(key, []).append([i - 1, a.name, kind + ('1' if ok_int else '') + ('*' if varargs else '') +
                                               ('?' if ok_none else '') + ('+' if keeps else '')])
            for r in record:
                m = message(f, r[0], r[1])
                g = m and MSG.match(m)
                # (only the calls PyTorch answers with this argument's message: those it takes, or refuses for another
                # reason, say nothing about it)
                if g and g.group(2) == a.name:
                    cases.append({'key': key, 'args': r[0], 'kw': r[1], 'message': m})


for name in sorted(dir(torch)):
    f = getattr(torch, name)
    if name.startswith('_') or not callable(f) or inspect.isclass(f) or not inspect.isbuiltin(f): continue
    probe('torch.' + name, f, False)
for name in sorted(dir(torch.Tensor)):
    if name.startswith('_') or not callable(getattr(torch.Tensor, name, None)): continue
    probe('Tensor.' + name, lambda x, *a, _n=name, **k: getattr(x, _n)(*a, **k), True)

# A str where an op with a named overload takes a dim is a name, which PyTorch looks for among the tensor's (none):
# `Name 'a' not found in Tensor[None, None].`
named = []
for key, args in [('sum', ['a']), ('sum', [['a']]), ('mean', ['a']), ('softmax', ['a']), ('log_softmax', ['a']),
                  ('select', ['a', 0]), ('cumsum', ['a']), ('max', ['a']), ('squeeze', ['a']), ('prod', ['a'])]:
    for prefix, f in [('torch', getattr(torch, key)), ('Tensor', lambda x, *a, _n=key: getattr(x, _n)(*a))]:
        for shape in [(2, 3), ()]:
            try:
                f(torch.ones(shape), *args)
            except RuntimeError as e:
                named.append({'key': f'{prefix}.{key}', 'args': args, 'shape': list(shape), 'message': str(e)})

# narrow and select take an int where an overload takes another type (a Tensor start, a dim name): PyTorch words a wrong
# type there as an invalid combination of arguments, with each signature's mismatches
combos = []
for key, calls in [('narrow', [[0, 'a', 1], [0, 1.5, 1], ['a', 0, 1], [0, 0, 1.5], [1.5, 0, 1], [0, 0, 'a'], [True, 0, 1]]),
                   ('select', [[0, 1.5], [0, 'a'], [1.5, 0], [0, True], [0, None]])]:
    for prefix, f in [('torch', getattr(torch, key)), ('Tensor', lambda x, *a, _n=key: getattr(x, _n)(*a))]:
        for args in calls:
            try:
                f(torch.ones(2, 3), *args)
            except TypeError as e:
                combos.append({'key': f'{prefix}.{key}', 'args': args, 'message': str(e)})

# A Tensor where an int goes: PyTorch's parser takes a 0-d integer tensor as that int (Python's __index__) and refuses
# any other with its words; narrow's Tensor start is an overload of its own, and Tensor.split (Python) takes int() of
# one. {'tensor': value, 'dtype': ...} is torch.tensor(value, dtype=...); the input is torch.arange(12.).reshape(3, 4).
I1, I0, F1, B1 = tensor_arg(1), tensor_arg(0), tensor_arg(1.5, 'float32'), tensor_arg(True, 'bool')
tensors = []
for key, args, kw in [
        ('narrow', [1, I1, 2], {}), ('narrow', [1, tensor_arg(-1), 1], {}), ('narrow', [1], {'start': I1, 'length': 2}),
        ('narrow', [1, F1, 2], {}), ('narrow', [1, tensor_arg([1]), 2], {}), ('narrow', [1, tensor_arg([1, 2]), 2], {}),
        ('narrow', [1, B1, 2], {}), ('narrow', [I1, I1, tensor_arg(2)], {}), ('narrow', [F1, 1, 2], {}),
        ('select', [1, I1], {}), ('select', [I1, 0], {}), ('select', [1, F1], {}), ('select', [1, tensor_arg([1])], {}),
        ('tril', [I1], {}), ('tril', [], {'diagonal': I1}), ('tril', [F1], {}), ('tril', [], {'diagonal': F1}), ('tril', [B1], {}),
        ('unsqueeze', [I1], {}), ('unsqueeze', [tensor_arg([1])], {}), ('chunk', [tensor_arg(2), 1], {}),
        ('topk', [tensor_arg(2)], {}), ('diagonal', [I1], {}), ('transpose', [I0, 1], {}), ('softmax', [I1], {}),
        ('cumsum', [I1], {}), ('flatten', [I0], {}), ('argmax', [I1], {}),
        ('permute', [[I1, I0]], {}), ('permute', [[I1, tensor_arg(0.0, 'float32')]], {}), ('reshape', [[tensor_arg(12)]], {}),
        ('reshape', [tensor_arg(12.0, 'float32')], {}), ('reshape', [[12, F1]], {}), ('roll', [I1], {}),
        ('roll', [[I1], [1]], {}), ('flip', [[I0]], {}), ('repeat', [[tensor_arg(2), 1]], {}),
        ('split', [tensor_arg(2), 1], {}), ('split', [tensor_arg(2.5, 'float32'), 1], {}),
        ('split', [tensor_arg([2, 2]), 1], {})]:
    for prefix, f in [('torch', getattr(torch, key, None)), ('Tensor', lambda x, *a, _n=key, **k: getattr(x, _n)(*a, **k))]:
        if f is None: continue
        x = torch.arange(12.).reshape(3, 4)
        try:
            r = f(x, *real_tensor(args), **{k: real_tensor(v) for k, v in kw.items()})
            out = {'value': [t.tolist() for t in r] if isinstance(r, tuple) else r.tolist()}
        except Exception as e:  # noqa: BLE001 (the message is what is read)
            out = {'error': type(e).__name__, 'message': str(e)}
        tensors.append({'key': f'{prefix}.{key}', 'args': args, 'kw': kw, **out})
# and the gradient through narrow with a Tensor start
x = torch.arange(12.).reshape(3, 4).requires_grad_()
torch.narrow(x, 1, torch.tensor(1), 2).mul(torch.arange(6.).reshape(3, 2)).sum().backward()
narrow_grad = x.grad.tolist()

# Only what tocha has (the table is in the bundle)
have = tocha_names()
params = {k: v for k, v in params.items() if k.split('.')[1] in have[k.split('.')[0]]}
cases = [c for c in cases if c['key'] in params]

with open('test/fixtures/int-args.json', 'w') as fh:
    json.dump({'params': params, 'cases': cases, 'named': named, 'combos': combos, 'tensors': tensors,
               'narrow_grad': narrow_grad}, fh, indent=0, sort_keys=True)
    fh.write('\n')


write_params(have)
print(len(params), 'functions and methods;', sum(len(v) for v in params.values()), 'arguments;', len(cases), 'cases')
