# PyTorch 1.13's argument error for a list where a function's first argument must be a Tensor
# (`relu(): argument 'input' (position 1) must be Tensor, not list`), for every public torch.* and
# torch.nn.functional.* function that raises exactly that: the message a JavaScript array gets there.
#   /usr/bin/python3 scripts/gen-tensor-args.py   (writes test/fixtures/tensor-args.json)
import inspect
import itertools
import json
import re
import signal
import warnings

import torch
import torch.nn.functional as F

from pyfixture import schema_args, tocha_names, write_params

warnings.simplefilter('ignore')

out = {}
for mod, prefix in [(torch, 'torch'), (F, 'F')]:
    for name in sorted(dir(mod)):
        f = getattr(mod, name)
        if name.startswith('_') or not callable(f) or inspect.isclass(f):
            continue
        try:
            f([1.0, 2.5])
            continue
        except Exception as e:  # noqa: BLE001 (every error is recorded or skipped)
            m = str(e)
        if re.match(r"^\w+\(\): argument '\w+' \(position 1\) must be Tensor, not list$", m):
            out[prefix + '.' + name] = m

# nn.functional functions written in Python fail on a list with an AttributeError ('list' object has no
# attribute 'dim'): those get the message of the ATen function they call (torch._C._nn.X or torch.X).
ATEN = {'cross_entropy': 'cross_entropy_loss', 'grid_sample': 'grid_sampler'}
pattern = r"^\w+\(\): argument '\w+' \(position 1\) must be Tensor, not list$"
for name in sorted(dir(F)):
    f = getattr(F, name)
    if name.startswith('_') or not callable(f) or inspect.isclass(f) or 'F.' + name in out:
        continue
    aten = ATEN.get(name, name)
    for impl in [getattr(torch._C._nn, aten, None), getattr(torch, aten, None)]:
        if impl is None or not callable(impl):
            continue
        try:
            impl([1.0, 2.5])
            continue
        except Exception as e:  # noqa: BLE001
            m = str(e)
        if re.match(pattern, m):
            out['F.' + name] = m
            break

# Functions with an overload that takes a number first and a tensor second (torch.normal(0.0, std),
# torch.xlogy(2, x)): there a number is not this error.
scalar_first = []
for key in sorted(out):
    prefix, name = key.split('.')
    f = getattr(torch if prefix == 'torch' else F, name)
    try:
        f(2.5, torch.ones(2))
        scalar_first.append(key)
    except Exception:  # noqa: BLE001 (an error of any kind: no such overload)
        pass

# torch.* functions whose first argument is a tensor and that have overloads taking a number there (torch.add(2, x)):
# their second argument is probed too
def list_first_builtins():
    """torch's builtins whose first schema argument is a Tensor and which refuse a list there: (name, schemas, the
    first line of their message)."""
    for name in sorted(dir(torch)):
        f = getattr(torch, name)
        if name.startswith('_') or not callable(f) or inspect.isclass(f) or not inspect.isbuiltin(f):
            continue
        sc = torch._C._jit_get_schemas_for_operator('aten::' + name)
        if not sc or not sc[0].arguments or str(sc[0].arguments[0].type) != 'Tensor':
            continue
        try:
            f([1.0, 2.5])
            continue
        except Exception as e:  # noqa: BLE001
            yield name, sc, str(e).split('\n')[0]


COMBO_FIRST = re.compile(r"^(\w+)\(\) received an invalid combination of arguments - got \(list")
combo_first0 = [name for name, _, m in list_first_builtins()
                if 'torch.' + name not in out and COMBO_FIRST.match(m) and m.startswith(name + '(')]

# The second argument: f(tensor, list) with exactly `...(position 2) must be Tensor, not list` (the nn.functional
# Python-level functions through their ATen function again); `scalar_second` where a number there is no such error.
# PyTorch's message for a list where a Tensor goes: with its position, or without it for one given by name
SIMPLE_ANY = re.compile(r"^(\w+)\(\): argument '(\w+)'(?: \(position (\d+)\))? must be Tensor, not list$")
second = {}
second_kw = {}   # the same list by keyword, where PyTorch takes the argument's name: its message
scalar_second = []
p2 = r"^\w+\(\): argument '\w+' \(position 2\) must be Tensor, not (list|float)$"
# an nn.functional function written in Python passes its second argument on to another position (F.embedding's weight
# is torch.embedding's first)
pF = r"^\w+\(\): argument '\w+' \(position \d\) must be Tensor, not list$"
def keyword_message(f, name):
    try:
        f(torch.ones(2, 2), **{name: [1.0, 2.5]})
    except Exception as e:  # noqa: BLE001
        m = str(e).split('\n')[0]
        return m if SIMPLE_ANY.match(m) else None
    return None
# (only for the functions above and those with overloads taking a number first: ops whose first argument is a tensor;
# calling others with a list can abort)
for key in sorted(out) + ['torch.' + n for n in combo_first0]:
    prefix, name = key.split('.')
    f = getattr(torch if prefix == 'torch' else F, name)
    if True:
        impls = [f]
        if prefix == 'F':
            aten = ATEN.get(name, name)
            impls += [i for i in [getattr(torch._C._nn, aten, None), getattr(torch, aten, None)] if callable(i)]
        for impl in impls:
            try:
                impl(torch.ones(2, 2), [1.0, 2.5])
                break
            except Exception as e:  # noqa: BLE001
                m = str(e)
            if (re.match(p2, m) or (impl is f and prefix == 'F' and re.match(pF, m))) and m.endswith('list'):
                second[prefix + '.' + name] = m
                if impl is f and inspect.isbuiltin(f):
                    kw = keyword_message(f, re.match(r"^\w+\(\): argument '(\w+)'", m).group(1))
                    if kw:
                        second_kw[prefix + '.' + name] = kw
                try:
                    impl(torch.ones(2, 2), 2.5)
                    scalar_second.append(prefix + '.' + name)
                except Exception as e:  # noqa: BLE001
                    if not re.match(p2, str(e)):
                        scalar_second.append(prefix + '.' + name)
                break

# Tensor methods whose first argument (after self) must be a Tensor: x.add([1, 2]).
methods = {}
for name in sorted(dir(torch.Tensor)):
    if name.startswith('_'):
        continue
    try:
        f = getattr(torch.ones(2, 2), name)
    except Exception:  # noqa: BLE001 (properties that raise for a float tensor: imag, ...)
        continue
    if not callable(f):
        continue
    try:
        f([1.0, 2.5])
        continue
    except Exception as e:  # noqa: BLE001
        m = str(e)
    if re.match(r"^\w+\(\): argument '\w+' \(position 1\) must be Tensor, not list$", m):
        methods[name] = m


# Every later argument where a Tensor goes (a method's from its first): f(tensor, ..., list) by position and by
# keyword, with PyTorch's message. The arguments before it follow the op's schema (aten::name), or for an
# nn.functional function written in Python its signature (defaults, else a tensor, a size list or an int), and
# the message must be about that argument: it names it, or, an invalid combination of arguments, shows the list
# in its place (tocha words those as the simple message: `where(): argument 'other' (position 3) must be
# Tensor, not list`). The `later` entries of src/torch-params.ts,
# src/nn/F-params.ts and src/method-params*.ts are written from the same table (pyfixture.py write_params).
LIST = [1.0, 2.5]
SIMPLE = re.compile(r"^(\w+)\(\): argument '(\w+)' \(position (\d+)\) must be Tensor, not list$")
COMBO = re.compile(r"^(\w+)\(\) received an invalid combination of arguments - got \(([^)]*)\), but expected one of:")

def sample(t):
    t = str(t)
    if 'Tensor' in t and 'List' not in t: return torch.ones(2, 2)
    if t.startswith('List[Tensor]'): return [torch.ones(2, 2)]
    if 'List[int]' in t: return [1]
    if t in ('int', 'Optional[int]', 'SymInt'): return 1
    if t in ('float', 'Optional[float]', 'number', 'Optional[number]'): return 1.0
    if t == 'bool' or t == 'Optional[bool]': return False
    if t == 'str': return 'mean'
    return None

class Slow(Exception): pass
def _alarm(*_): raise Slow()
signal.signal(signal.SIGALRM, _alarm)
def about(m, name, kw, fname):
    # the message is about this argument: it names it, or (an invalid combination) shows the list in its place
    if m is None: return None
    g = SIMPLE.match(m) or SIMPLE_ANY.match(m)   # (by name, a builtin's message has no position)
    if g: return m if g.group(2) == name else None
    if m.split('(')[0] != fname: return None       # another function's (an F written in Python calls it)
    got = COMBO.match(m).group(2)
    if python_level: return None                    # a Python function's combination is about another argument
    return m if (got.rstrip(', ').endswith(name + '=list') if kw else got.split(', ')[-1] == 'list') else None

def probe(call):
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        try: call()
        finally: signal.setitimer(signal.ITIMER_REAL, 0)
        return None
    except Slow:
        return None
    except Exception as e:  # noqa: BLE001
        m = str(e).split('\n')[0]
    return m if (SIMPLE_ANY.match(m) or (COMBO.match(m) and 'list' in COMBO.match(m).group(2))) else None

later = {}  # key -> [[index of the list in the call (after self for a method), keyword name, message], ...]
def record(key, i, kw, m):
    if key.startswith('Tensor.') and i == 0 and key[7:] in methods:
        return  # a method's first argument with the simple message: `methods` has it
    if any(e[0] == i for e in later.get(key, [])):
        return  # another overload's name for the same argument (Tensor.eq's 'b')
    later.setdefault(key, []).append([i, kw, m[0] or m[1], m[1]])

python_level = False

def probe_fn(key, f, first_is_self, min_i):
    global python_level
    python_level = key.startswith('F.') and not inspect.isbuiltin(f)
    # positions/names from the schemas of the ATen op of the same name (builtins) or the Python signature (F)
    name = key.split('.')[1]
    seen = set()
    arglists = [] if key.startswith('F.') and not inspect.isbuiltin(f) else schema_args(name)
    if not arglists and not inspect.isbuiltin(f):
        try: sig = inspect.signature(f)
        except (TypeError, ValueError): return
        arglists = [[type('A', (), {'name': p.name, 'type': None,
                                     'kwarg_only': p.kind == p.KEYWORD_ONLY, 'default': p.default})()
                     for p in sig.parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]]
    for args in arglists:
        for i, a in enumerate(args):
            if i < min_i or a.name in ('out',) or a.name in seen: continue
            t = str(a.type) if a.type is not None else ''
            if a.type is not None and 'Tensor' not in t: continue
            # the arguments before it: by the schema's types, or (a Python function's required ones) a tensor, a
            # size list or an int, whichever lets the list be the error
            choices = []
            for j, b in enumerate(args[:i]):
                if b.type is not None: choices.append([sample(b.type)])
                elif getattr(b, 'default', inspect.Parameter.empty) is not inspect.Parameter.empty: choices.append([b.default])
                else: choices.append([torch.ones(2, 2)] if j == 0 else [torch.ones(2, 2), [2], 1])
            pyname = 'input' if a.name == 'self' else a.name
            m_pos = m_kw = None
            for lead in itertools.islice(itertools.product(*choices), 9):
                lead = list(lead)
                call_args = [torch.ones(2, 2)] + lead[1:] if first_is_self else [torch.ones(2, 2)] + lead[1:]
                m_pos = None if a.kwarg_only else about(probe(lambda: f(*call_args, LIST)), pyname, False, name)
                m_kw = about(probe(lambda: f(*call_args, **{pyname: LIST})), pyname, True, name)
                if m_pos or m_kw: break
            pos = len(call_args)  # 0-based index of the list in the call (methods: self is call_args[0])
            # a list of ints may be what the argument takes (tensor_split's indices): then tocha takes a JS array there
            ints = [1, 2]
            takes_ints = not (about(probe(lambda: f(*call_args, ints)), pyname, False, name) if m_pos else
                              about(probe(lambda: f(*call_args, **{pyname: ints})), pyname, True, name))
            # …or another overload takes ints there (ctc_loss's lengths)
            takes_ints = takes_ints or any(b.name == a.name and str(b.type).startswith('List[int]') for al in arglists for b in al)
            # (a keyword-only argument named in a message without a position is left out: tocha's tables give each
            # argument a place)
            if (m_pos or (m_kw and not (a.kwarg_only and SIMPLE_ANY.match(m_kw)))) and not takes_ints:
                seen.add(a.name)
                record(key, (pos - 1 if first_is_self else pos), pyname, [m_pos, m_kw])

keys = []
for name in sorted(dir(torch)):
    f = getattr(torch, name)
    if name.startswith('_') or not callable(f) or inspect.isclass(f) or not inspect.isbuiltin(f): continue
    sc = torch._C._jit_get_schemas_for_operator('aten::' + name)
    if sc and sc[0].arguments and str(sc[0].arguments[0].type) == 'Tensor': keys.append('torch.' + name)
for name in sorted(dir(F)):
    f = getattr(F, name)
    if name.startswith('_') or not callable(f) or inspect.isclass(f): continue
    keys.append('F.' + name)
for key in keys:
    prefix, name = key.split('.')
    f = getattr(torch if prefix == 'torch' else F, name)
    probe_fn(key, f, False, 2)
for name in sorted(dir(torch.Tensor)):
    if name.startswith('_'): continue
    try: f = getattr(torch.ones(2, 2), name)
    except Exception: continue
    if not callable(f): continue
    probe_fn('Tensor.' + name, lambda *a, _n=name, **k: getattr(a[0], _n)(*a[1:], **k), True, 1)

# torch.* functions whose first argument is a Tensor but for which a list there is an invalid combination of
# arguments (overloads: torch.pow(2, x) is one): an array there gets the simple message, with the schema's name.
combo_first = {}
for name, sc, m in list_first_builtins():
    if COMBO_FIRST.match(m) and m.startswith(name + '('):
        a0 = sc[0].arguments[0].name
        combo_first[name] = 'input' if a0 == 'self' else a0

# nn.functional's builtins (ATen's functions themselves): an argument given to them by name has no position in PyTorch's
# message (`linear(): argument 'bias' must be Tensor, not list`); those written in Python pass it on by position
f_builtin = sorted(n for n in dir(F) if not n.startswith('_') and inspect.isbuiltin(getattr(F, n)))

with open('test/fixtures/tensor-args.json', 'w') as fh:
    json.dump({'messages': out, 'scalar_first': scalar_first, 'second': second, 'scalar_second': scalar_second,
               'methods': methods, 'later': later, 'combo_first': combo_first, 'second_kw': second_kw,
               'f_builtin': f_builtin}, fh, indent=0, sort_keys=True)
    fh.write('\n')


# Only what tocha has (the data is in the bundle; PyTorch's fbgemm_*, miopen_* and the like would be dead weight): the
# argument checks' modules, from this fixture and the others (re-run this script after adding a function with tensor
# arguments)
have = tocha_names()
write_params(have)
print(len(out), 'functions;', sum(len(v) for v in later.values()), 'later arguments of', len(later))
