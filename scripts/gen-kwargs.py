# PyTorch 1.13's keyword arguments for every public torch.* function, and what `out=` does: the names a trailing
# options object may hold (any other is `exp() got an unexpected keyword argument 'foo'`), and calls with out= whose
# results, warnings and errors tocha must give.
#   /usr/bin/python3 scripts/gen-kwargs.py   (writes test/fixtures/kwargs.json)
#
# The names: the overloads of torch/_C/_VariableFunctions.pyi (the stub PyTorch generates from the same signatures
# as its Python argument parser) for the built-in functions, inspect.signature for those written in Python. Each
# name is then confirmed by calling the function with it: a name PyTorch answers with "got an unexpected keyword
# argument" is dropped.
import ast
import inspect
import re
import json
import os
import warnings

import torch

from pyfixture import lean_more_methods, legacy_stub, schema_signature, write_grouped

PYI = os.path.join(os.path.dirname(torch.__file__), '_C', '_VariableFunctions.pyi')

overloads: dict[str, list[ast.FunctionDef]] = {}
for node in ast.parse(open(PYI).read()).body:
    if isinstance(node, ast.FunctionDef):
        overloads.setdefault(node.name, []).append(node)


def stub_names(defs):
    """Every parameter name of these overloads, in first-seen order; and out's kind ('tensor', 'tuple' or both)."""
    names, kinds = [], set()
    for d in defs:
        a = d.args
        for p in a.posonlyargs + a.args + a.kwonlyargs:
            if p.arg not in names:
                names.append(p.arg)
            if p.arg == 'out':
                kinds.add('tuple' if 'Tuple' in ast.unparse(p.annotation) else 'tensor')
    return names, sorted(kinds)


class Probe(Exception):
    pass


def parser_names(call):
    """The parameter names in the signatures PyTorch's argument parser lists when no overload fits (a call with seven
    arguments of a foreign type): `* (Tensor input, tuple of ints dim, bool keepdim, *, torch.dtype dtype, Tensor out)`.
    Functions with one signature say something else, and give none."""
    class Foreign:
        pass
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            call(*[Foreign()] * 7)
        return []
    except Exception as e:  # noqa: BLE001 (the message is what is read)
        m = str(e)
    names = []
    for line in m.split('\n'):
        line = line.strip()
        if not line.startswith('* (') or ')' not in line:
            continue
        for part in line[3:line.rindex(')')].split(', '):
            n = part.split('=')[0].strip().split(' ')[-1]
            if n != '*' and n.isidentifier() and n not in names:
                names.append(n)
    return names


def most_positional(call, defs=None, sig=None, self_first=False):
    """How many arguments a call may give by position, as a spec token: None for any number (or not known), `#A-B`
    where PyTorch says "takes from A to B positional arguments" (one signature; `s` after it where those counts include
    a method's self, as Python's do), `#B` where it lists several signatures ("received an invalid combination of
    arguments"); then `/name,name` for its keyword-only parameters (out aside), which tocha's message names as a hint.
    Read from what PyTorch says to a call with seven arguments of a foreign type (the parameters before `*` in the
    signatures it lists, a lone int list there taking varargs: `x.view(2, 3)`), else from the stub's overloads `defs`
    or the Python signature `sig`."""
    class Foreign:
        pass
    m = ''
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            if call is not None:
                call(*[Foreign()] * 7)
    except Exception as e:  # noqa: BLE001 (the message is what is read)
        m = str(e)
    kw_only, positional_names = [], set()
    for d in defs or []:
        kw_only += [a.arg for a in d.args.kwonlyargs if a.arg not in kw_only]
        positional_names |= {a.arg for a in d.args.posonlyargs + d.args.args}
    if sig is not None:
        kw_only += [q.name for q in sig.parameters.values() if q.kind == q.KEYWORD_ONLY and q.name not in kw_only]
    counts = []
    for line in m.split('\n'):
        line = line.strip()
        if line.startswith('* (') or 'but expected (' in line:
            start = line.index('but expected (') + 13 if 'but expected (' in line else 2
            parts = [q for q in line[start + 1:line.rindex(')')].split(', ') if q]
            pos = parts[:parts.index('*')] if '*' in parts else parts
            if len(pos) == 1 and pos[0].startswith('tuple of'):
                return None
            counts.append(len(pos))
            positional_names |= {q.split('=')[0].split(' ')[-1] for q in pos}
            if '*' in parts:
                kw_only += [n for n in (q.split('=')[0].split(' ')[-1] for q in parts[parts.index('*') + 1:])
                            if n not in kw_only]
    hint = ','.join(n for n in kw_only if n != 'out' and n not in positional_names)
    hint = '/' + hint if hint else ''
    r = re.search(r'takes (?:from (\d+) to )?(\d+) positional argument', m)
    if r:
        return f'#{r.group(1) or r.group(2)}-{r.group(2)}' + ('s' if sig is not None and self_first else '') + hint
    if re.search(r'takes no arguments', m):
        return '#0-0'
    if counts:
        return f'#{max(counts)}' + hint
    if defs:
        if any(d.args.vararg for d in defs):
            return None
        most = max(len(d.args.posonlyargs) + len(d.args.args) for d in defs) - self_first
        if len(defs) > 1:
            return f'#{most}' + hint
        return f'#{most - len(defs[0].args.defaults)}-{most}' + hint
    if sig is not None:
        params = [q for q in sig.parameters.values() if q.kind in (q.POSITIONAL_ONLY, q.POSITIONAL_OR_KEYWORD)]
        if any(q.kind == q.VAR_POSITIONAL for q in sig.parameters.values()):
            return None
        return f'#{sum(q.default is q.empty for q in params)}-{len(params)}' + ('s' if self_first else '') + hint
    return None


def sig_of(f):
    try:
        return inspect.signature(f)
    except (TypeError, ValueError):
        return None


def doc_names(f):
    """The parameter names of the signatures at the head of f's docstring (`requires_grad_(requires_grad=True) ->`):
    the stubs miss some (they call requires_grad_'s `mode`), so these are candidates too."""
    names = []
    for line in (getattr(f, '__doc__', None) or '').strip().split('\n')[:3]:
        m = re.match(r'^\s*[\w.]+\((.*?)\)\s*(->|$)', line)
        if not m:
            continue
        for part in m.group(1).split(','):
            n = part.split('=')[0].split(':')[0].strip().lstrip('*')
            if n and n.isidentifier() and n not in names:
                names.append(n)
    return names


def takes(call, name, arg_lists, strict=False):
    """False when PyTorch answers the keyword `name` with "unexpected keyword argument" (or, for a method written in C,
    "takes no keyword arguments"), calling `call` with each of `arg_lists` by position until one gets past a missing
    argument: PyTorch reports a missing argument before an unknown keyword. `strict` (a name from a docstring only):
    also when it answers "invalid combination of arguments", which a function with several signatures gives an unknown
    name too, or that a required argument is missing (had it taken the name, that argument would not be missing)."""
    for args in arg_lists:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                call(*args, **{name: Probe})
        except Exception as e:  # noqa: BLE001 (every answer but these means the name is taken)
            m = str(e)
            if (f"unexpected keyword argument '{name}'" in m or 'takes no keyword arguments' in m
                    or (strict and 'invalid combination' in m)):
                return False
            if 'missing' in m and 'required positional' in m:
                if strict:
                    return False
                continue
            return True
        return True
    return True


def accepts(f, name, strict=False):
    """takes() for a torch.* function, with up to three tensors first (the losses need three:
    torch.cosine_embedding_loss, whose stub lists size_average and reduce, refuses them)."""
    x = torch.zeros(2, 2)
    return takes(f, name, ([x], [], [x, x], [x, x, x]), strict)


# Not called: files, global state and process-wide switches (probing them could write or hang).
SKIP = {'save', 'load', 'compile', 'from_file', 'import_ir_module', 'import_ir_module_from_buffer', 'autocast',
        'fork', 'wait', 'vmap'}

kwargs, out_kind, open_ended, positional = {}, {}, [], {}
for name in sorted(dir(torch)):
    f = getattr(torch, name)
    if (name.startswith('_') or not callable(f) or inspect.isclass(f) or not name[0].islower() or name in SKIP
            or name.startswith('set_') or name.startswith('use_')):
        continue
    doc_only = []
    positional[name] = most_positional(f, overloads.get(name) if inspect.isbuiltin(f) else None,
                                       None if inspect.isbuiltin(f) else sig_of(f))
    if name in overloads and inspect.isbuiltin(f) and legacy_stub(overloads[name]):
        names, kinds = sum(schema_signature(name)[:2], []), []
    elif name in overloads and inspect.isbuiltin(f):
        names, kinds = stub_names(overloads[name])
        names += [n for n in parser_names(f) if n not in names]
        doc_only = [n for n in doc_names(f) if n not in names]
    else:
        try:
            sig = inspect.signature(f)
        except (TypeError, ValueError):
            continue
        if any(p.kind == p.VAR_KEYWORD for p in sig.parameters.values()):
            open_ended.append(name)
            continue
        names = [p.name for p in sig.parameters.values() if p.kind != p.VAR_POSITIONAL]
        kinds = ['tensor'] if 'out' in names else []
    names = [n for n in names if n in ('input', 'self') or accepts(f, n)] + [n for n in doc_only if accepts(f, n, True)]
    kwargs[name] = names
    if kinds:
        out_kind[name] = kinds


# The out= functions that keep their input's dtype (ATen's unary ops other than the float ones: neg, abs, floor, ...):
# a long input into a float out is "Found dtype Float but expected Long", where other ops cast their result to out.
same_dtype = []
xi2 = torch.tensor([[3, -1, 2], [0, 5, -2]])
for name in sorted(out_kind):
    if 'tensor' not in out_kind[name]:
        continue
    f = getattr(torch, name)
    for args in ([xi2], [xi2, xi2], [xi2, 1]):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                f(*args, out=torch.empty(0))
            break
        except Exception as e:  # noqa: BLE001 (one message is recorded, the others mean another call is needed)
            if str(e).startswith('Found dtype Float but expected Long'):
                same_dtype.append(name)
                break


# Tensor methods: torch/_C/__init__.pyi's _TensorBase for the built-in ones, inspect.signature for torch/_tensor.py's;
# nn.functional: inspect.signature for those written in Python, torch/_C/_nn.pyi or _VariableFunctions.pyi else.
tensor_base = next(n for n in ast.parse(open(os.path.join(os.path.dirname(PYI), '__init__.pyi')).read()).body
                   if isinstance(n, ast.ClassDef) and n.name == '_TensorBase')
method_defs: dict[str, list[ast.FunctionDef]] = {}
for node in tensor_base.body:
    if isinstance(node, ast.FunctionDef):
        method_defs.setdefault(node.name, []).append(node)
nn_defs: dict[str, list[ast.FunctionDef]] = {}
for node in ast.parse(open(os.path.join(os.path.dirname(PYI), '_nn.pyi')).read()).body:
    if isinstance(node, ast.FunctionDef):
        nn_defs.setdefault(node.name, []).append(node)

METHOD_SKIP = {'cuda', 'ipu', 'xpu', 'pin_memory', 'share_memory_', 'numpy', 'backward', 'register_hook', 'storage',
               'untyped_storage', 'set_', 'apply_', 'map_', 'map2_', 'to_mkldnn', 'to_sparse', 'to_dense', 'mps',
               'record_stream', 'resize_', 'resize', 'resize_as_', 'tolist', 'data_ptr', 'new', 'cpu'}


def accepts_method(name, k, strict=False):
    """takes() for a Tensor method. A number first, then tensors: x.repeat(sizes=...) says "missing 'repeats'",
    x.repeat(x, sizes=...) that repeats must be ints, where x.repeat(1, sizes=...) refuses the stub's `sizes` (its
    varargs, which no signature takes by name): that refusal is PyTorch's last word."""
    method = getattr(torch.zeros(2, 2), name)
    if not takes(method, k, ([1],)):
        return False
    return takes(method, k, ([], [torch.zeros(2, 2)], [torch.zeros(2, 2), torch.zeros(2, 2)]), strict)


method_kwargs, method_open, method_no_keywords, method_positional = {}, [], [], {}
for name in sorted(dir(torch.Tensor)):
    f = getattr(torch.Tensor, name)
    if name.startswith('_') or not callable(f) or name in METHOD_SKIP:
        continue
    doc_only = []
    # (a method written in Python counts self in its "takes from 2 to 3 positional arguments": its signature is read)
    method_positional[name] = most_positional(getattr(torch.zeros(2, 2), name) if not inspect.isfunction(f) else None,
                                              method_defs.get(name) if not inspect.isfunction(f) else None,
                                              sig_of(f) if inspect.isfunction(f) else None, True)
    if name in method_defs and not inspect.isfunction(f):
        names, _ = stub_names(method_defs[name])
        names += [n for n in parser_names(getattr(torch.zeros(2, 2), name)) if n not in names]
        doc_only = [n for n in doc_names(f) if n not in names]
    else:
        try:
            sig = inspect.signature(f)
        except (TypeError, ValueError):
            continue
        if any(p.kind == p.VAR_KEYWORD for p in sig.parameters.values()):
            method_open.append(name)
            continue
        names = [p.name for p in sig.parameters.values() if p.kind != p.VAR_POSITIONAL]
    names = [n for n in names if n != 'self' and accepts_method(name, n)] + [n for n in doc_only if accepts_method(name, n, True)]
    method_kwargs[name] = names
    try:
        getattr(torch.zeros(2, 2), name)(zzz_not_a_keyword=1)
    except Exception as e:  # noqa: BLE001 (the wording is what is recorded)
        if 'takes no keyword arguments' in str(e):
            method_no_keywords.append(name)

import torch.nn.functional as F  # noqa: E402
functional_kwargs, functional_open, functional_positional = {}, [], {}
for name in sorted(dir(F)):
    f = getattr(F, name)
    if name.startswith('_') or not callable(f) or inspect.isclass(f) or not name[0].islower():
        continue
    if inspect.isfunction(f):
        sig = inspect.signature(f)
        if any(p.kind == p.VAR_KEYWORD for p in sig.parameters.values()):
            functional_open.append(name)
            continue
        names = [p.name for p in sig.parameters.values() if p.kind != p.VAR_POSITIONAL]
    elif f.__name__ in nn_defs:
        names, _ = stub_names(nn_defs[f.__name__])
    elif f.__name__ in overloads:
        names, _ = stub_names(overloads[f.__name__])
    else:
        # not in the stubs (linear, log_sigmoid, ...): the operator's schemas, whose `self` the parser calls `input`
        names = []
        for schema in torch._C._jit_get_schemas_for_operator('aten::' + f.__name__):
            for a in schema.arguments:
                n = 'input' if a.name == 'self' else a.name
                if n not in names:
                    names.append(n)
        if not names:
            continue
    functional_kwargs[name] = [n for n in names if n in ('input', 'self') or accepts(f, n)]
    functional_positional[name] = most_positional(
        f, None if inspect.isfunction(f) else nn_defs.get(f.__name__) or overloads.get(f.__name__),
        sig_of(f) if inspect.isfunction(f) else None)


def pyname(v):
    if isinstance(v, torch.Tensor):
        return {'dtype': str(v.dtype).replace('torch.', ''), 'shape': list(v.shape), 'stride': list(v.stride()),
                'values': v.tolist()}
    if isinstance(v, tuple):
        return [pyname(e) for e in v]
    return v


def case(title, fn):
    """fn() run in PyTorch: its result (the out tensors), the warnings it gave, or its error."""
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        try:
            r = fn()
            res = {'result': pyname(r)}
        except Exception as e:  # noqa: BLE001 (the error is the expectation)
            res = {'error': type(e).__name__, 'message': str(e).split('\n')[0]}
    res['warnings'] = [str(m.message) for m in w]
    return {'title': title, **res}


x = torch.tensor([[0.5, -1.0, 2.0], [3.0, 0.0, -2.0]])
xi = torch.tensor([[3, -1, 2], [0, 5, -2]])
cases = [
    case('sigmoid into a 2x3 out', lambda: torch.sigmoid(x, out=torch.empty(2, 3))),
    case('sigmoid into a 0-element out (resized without a warning)', lambda: torch.sigmoid(x, out=torch.empty(0))),
    case('exp into a 5-element out (resized, with the warning)', lambda: torch.exp(x, out=torch.empty(5))),
    case('tanh into a transposed out (its strides kept)', lambda: torch.tanh(x, out=torch.empty(3, 2).t())),
    case('sigmoid into a long out', lambda: torch.sigmoid(x, out=torch.empty(2, 3, dtype=torch.long))),
    case('neg of longs into a float out', lambda: torch.neg(xi, out=torch.empty(2, 3))),
    case('eq into a float out', lambda: torch.eq(x, 0.5, out=torch.empty(2, 3))),
    case('eq into a long out', lambda: torch.eq(x, 0.5, out=torch.empty(2, 3, dtype=torch.long))),
    case('sqrt of longs into a bool out', lambda: torch.sqrt(xi, out=torch.empty(0, dtype=torch.bool))),
    case('pow into out', lambda: torch.pow(x, 2, out=torch.empty(0))),
    case('clamp into out', lambda: torch.clamp(x, -1, 1, out=torch.empty(0))),
    case('sum over dim 1 into out', lambda: torch.sum(x, 1, out=torch.empty(0))),
    case('sum over dim 1 with keepdim into out', lambda: torch.sum(x, 1, keepdim=True, out=torch.empty(0))),
    case('sum of floats over dim 1 into a long out', lambda: torch.sum(x, 1, out=torch.empty(0, dtype=torch.long))),
    case('cumsum into a long out', lambda: torch.cumsum(x, 1, out=torch.empty(0, dtype=torch.long))),
    case('prod over dim 0 into out', lambda: torch.prod(x, 0, out=torch.empty(0))),
    case('mean over dim 1 into out', lambda: torch.mean(x, 1, out=torch.empty(0))),
    case('max over dim 1 into (values, indices)',
         lambda: torch.max(x, 1, out=(torch.empty(0), torch.empty(0, dtype=torch.long)))),
    case('max over dim 1 into float indices',
         lambda: torch.max(x, 1, out=(torch.empty(0), torch.empty(0)))),
    case('max over dim 1 into long values',
         lambda: torch.max(x, 1, out=(torch.empty(0, dtype=torch.long), torch.empty(0, dtype=torch.long)))),
    case('max over dim 1 into one tensor', lambda: torch.max(x, 1, out=torch.empty(0))),
    case('max of two tensors into out', lambda: torch.max(x, x.flip(0), out=torch.empty(0))),
    case('sort into (values, indices)',
         lambda: torch.sort(x, 1, descending=True, out=(torch.empty(0), torch.empty(0, dtype=torch.long)))),
    case('topk into (values, indices)',
         lambda: torch.topk(x, 2, out=(torch.empty(0), torch.empty(0, dtype=torch.long)))),
    case('cummax into (values, indices)',
         lambda: torch.cummax(x, 1, out=(torch.empty(0), torch.empty(0, dtype=torch.long)))),
    case('matmul into out', lambda: torch.matmul(x, x.t(), out=torch.empty(0))),
    case('cat into out', lambda: torch.cat([x, x], 0, out=torch.empty(0))),
    case('stack into out', lambda: torch.stack([x, x], 1, out=torch.empty(0))),
    case('where into out', lambda: torch.where(x > 0, x, -x, out=torch.empty(0))),
    case('sigmoid with out=list', lambda: torch.sigmoid(x, out=[torch.empty(2, 3)])),
    case('sigmoid with out=a number', lambda: torch.sigmoid(x, out=3)),
    case('exp with an unknown keyword', lambda: torch.exp(x, foo=1)),
    case('relu with out', lambda: torch.relu(x, out=torch.empty(0))),
    case('abs of longs into a float out', lambda: torch.abs(xi, out=torch.empty(0))),
    case('abs of floats into a long out', lambda: torch.abs(x, out=torch.empty(0, dtype=torch.long))),
    case('add of longs into a float out', lambda: torch.add(xi, 1, out=torch.empty(0))),
    case('mean over dim 1 into a long out', lambda: torch.mean(x, 1, out=torch.empty(0, dtype=torch.long))),
    case('softmax into out', lambda: torch.softmax(x, 1, out=torch.empty(0))),
    case('norm into out', lambda: torch.norm(x, 2, 1, out=torch.empty(0))),
    case('polygamma into out', lambda: torch.polygamma(1, x.abs() + 1, out=torch.empty(0))),
    case('sum with an unknown keyword', lambda: torch.sum(x, 1, keep_dim=True)),
    case('sigmoid of a tensor that requires grad, into out',
         lambda: torch.sigmoid(x.clone().requires_grad_(), out=torch.empty(0))),
    case('sigmoid into an out that requires grad', lambda: torch.sigmoid(x, out=torch.empty(0, requires_grad=True))),
    case('sigmoid of a tensor that requires grad, into out, under no_grad',
         lambda: torch.no_grad().__enter__() or torch.sigmoid(x.clone().requires_grad_(), out=torch.empty(0))),
]
torch.set_grad_enabled(True)


def seeded(fn):
    torch.manual_seed(0)
    return fn()


# Keyword arguments PyTorch takes (the first of each function's names included, by name): tocha's values and
# errors for the same calls.
a = torch.tensor([[0.5, 1.0, 2.0], [3.0, 0.5, -1.0]])
b = a.flip(0)
w1 = torch.tensor([[[1.0, -1.0], [0.5, 2.0]]])
lu, piv = torch.linalg.lu_factor(torch.tensor([[4.0, 3.0], [6.0, 3.0]]))
cases += [
    case('avg_pool1d with kernel_size by name', lambda: torch.avg_pool1d(x.reshape(1, 2, 3), kernel_size=2, stride=1)),
    case('avg_pool1d without kernel_size', lambda: torch.avg_pool1d(x.reshape(1, 2, 3))),
    case('chunk with chunks by name', lambda: torch.chunk(x, chunks=2, dim=1)),
    case('chunk with chunks twice', lambda: torch.chunk(x, 2, chunks=2)),
    case('chunk with a float chunks', lambda: torch.chunk(x, chunks=1.5)),
    case('conv1d with weight by name', lambda: torch.conv1d(x.reshape(1, 2, 3), weight=w1, padding=1)),
    case('conv2d with weight by name', lambda: torch.conv2d(x.reshape(1, 1, 2, 3), weight=w1.reshape(1, 1, 2, 2))),
    case('conv3d with weight by name', lambda: torch.conv3d(x.reshape(1, 1, 1, 2, 3), weight=w1.reshape(1, 1, 1, 2, 2))),
    case('conv_transpose1d with weight by name', lambda: torch.conv_transpose1d(x.reshape(1, 2, 3), weight=w1.reshape(2, 1, 2))),
    case('conv_transpose2d with weight by name',
         lambda: torch.conv_transpose2d(x.reshape(1, 1, 2, 3), weight=w1.reshape(1, 1, 2, 2), stride=2)),
    case('conv_transpose3d with weight by name',
         lambda: torch.conv_transpose3d(x.reshape(1, 1, 1, 2, 3), weight=w1.reshape(1, 1, 1, 2, 2))),
    case('conv_transpose2d without weight', lambda: torch.conv_transpose2d(x.reshape(1, 1, 2, 3))),
    case('conv_transpose2d with weight twice',
         lambda: torch.conv_transpose2d(x.reshape(1, 1, 2, 3), w1.reshape(1, 1, 2, 2), weight=w1.reshape(1, 1, 2, 2))),
    case('conv_transpose1d with a number for weight', lambda: torch.conv_transpose1d(x.reshape(1, 2, 3), weight=3)),
    case('cosine_embedding_loss with size_average', lambda: torch.cosine_embedding_loss(a, b, a[:, 0], size_average=False)),
    case('margin_ranking_loss with reduce', lambda: torch.margin_ranking_loss(a, b, a, reduce=False)),
    case('triplet_margin_loss with size_average', lambda: torch.triplet_margin_loss(a, b, a, size_average=True)),
    # nn.functional's losses take them: _Reduction.legacy_get_string's reduction, with its warning
    case('F.cosine_embedding_loss with size_average',
         lambda: torch.nn.functional.cosine_embedding_loss(a, b, torch.tensor([1.0, -1.0]), size_average=False)),
    case('F.margin_ranking_loss with reduce', lambda: torch.nn.functional.margin_ranking_loss(a, b, a, reduce=False)),
    case('F.triplet_margin_loss with size_average and reduce',
         lambda: torch.nn.functional.triplet_margin_loss(a, b, a + 1, size_average=True, reduce=True)),
    case('cosine_similarity with x2 by name', lambda: torch.cosine_similarity(a, x2=b, dim=0)),
    case('cosine_similarity without x2', lambda: torch.cosine_similarity(a)),
    case('pairwise_distance with x2 by name', lambda: torch.pairwise_distance(a, x2=b, p=1, keepdim=True)),
    case('pairwise_distance with x2 twice', lambda: torch.pairwise_distance(a, b, x2=b)),
    case('dist with other by name', lambda: torch.dist(a, other=b, p=1)),
    case('dist with a number for other', lambda: torch.dist(a, other=3)),
    case('kthvalue with k by name', lambda: torch.kthvalue(x, k=2, dim=1, keepdim=True)),
    case('kthvalue with a float k', lambda: torch.kthvalue(x, k=1.5)),
    case('lu_unpack with LU_pivots by name', lambda: torch.lu_unpack(lu, LU_pivots=piv)),
    case('lu_unpack without LU_pivots', lambda: torch.lu_unpack(lu)),
    case('max with other by name', lambda: torch.max(x, other=b)),
    case('min with other by name', lambda: torch.min(x, other=b)),
    case('max with other by name and a dim', lambda: torch.max(x, 1, other=b)),
    case('max of two tensors with a dim', lambda: torch.max(x, b, dim=1)),
    case('quantile with q by name', lambda: torch.quantile(x, q=torch.tensor([0.25, 0.75]), dim=1, keepdim=True,
                                                           interpolation='midpoint')),
    case('nanquantile with q by name', lambda: torch.nanquantile(x.where(x != 0, torch.tensor(float('nan'))), q=0.5, dim=1)),
    case('norm with dtype', lambda: torch.norm(x, 2, 1, dtype=torch.float32)),
    case('norm of longs with dtype', lambda: torch.norm(xi, p=1, dtype=torch.float32)),
    case('norm with dtype, the Frobenius norm', lambda: torch.norm(x, dtype=torch.float32)),
    case('norm with a long dtype', lambda: torch.norm(x, 2, dtype=torch.long)),
    case('randint_like with high by name', lambda: seeded(lambda: torch.randint_like(x, high=5))),
    case('randint_like with low and high by name', lambda: seeded(lambda: torch.randint_like(x, low=1, high=4))),
    case('randint_like with low by position, high by name', lambda: seeded(lambda: torch.randint_like(x, 2, high=4))),
    case('randint_like without high', lambda: torch.randint_like(x, low=1)),
    case('randint_like with a float high', lambda: torch.randint_like(x, high=1.5)),
    case('segment_reduce with reduce by name',
         lambda: torch.segment_reduce(x, reduce='max', lengths=torch.tensor([1, 1]), axis=0)),
    case('segment_reduce with reduce twice', lambda: torch.segment_reduce(x, 'sum', reduce='sum')),
    case('segment_reduce with a number for reduce', lambda: torch.segment_reduce(x, reduce=1)),
    case('split with split_size_or_sections by name', lambda: torch.split(x, split_size_or_sections=[1, 2], dim=1)),
    case('split without split_size_or_sections', lambda: torch.split(x)),
    case('split with split_size_or_sections twice', lambda: torch.split(x, 2, split_size_or_sections=2)),
    case('swapaxes with axis0 and axis1 by name', lambda: torch.swapaxes(x, axis0=0, axis1=1)),
    case('swapaxes with axis1 by name', lambda: torch.swapaxes(x.reshape(1, 2, 3), 2, axis1=0)),
    case('swapaxes without axes', lambda: torch.swapaxes(x)),
    case('swapaxes with a float axis0', lambda: torch.swapaxes(x, axis0=1.5, axis1=1)),
    case('norm with dtype by position, after out', lambda: torch.norm(x, 2, 1, False, None, torch.float32)),
    case('norm with out and dtype by position', lambda: torch.norm(x, 2, 1, False, torch.empty(0), torch.float32)),
    # functions with several signatures: PyTorch lists them (tocha's own wording, test/kwargs.test.ts OWN)
    case('conv2d without weight', lambda: torch.conv2d(x.reshape(1, 1, 2, 3))),
    case('kthvalue without k', lambda: torch.kthvalue(x)),
    case('quantile with a string q', lambda: torch.quantile(x, q='a')),
]

# nn.functional's and the Tensor methods' keywords that tocha's own bindings refused (test/kwargs.test.ts F_GAPS and
# METHOD_GAPS): a call by name per function, and PyTorch's errors for a missing, doubled or ill-typed argument.
F = torch.nn.functional
t2 = torch.tensor([2, 0])
x4 = torch.arange(16.0).reshape(1, 1, 4, 4)
x5 = torch.arange(32.0).reshape(1, 1, 2, 4, 4)
v3 = torch.tensor([1.0, 2.0, 3.0])
qr, tau = torch.geqrf(torch.tensor([[2.0, 1.0], [1.0, 3.0], [0.5, 0.5]]))  # (ormqr's values: LAPACK's, not tocha's bits)
cases += [
    case('F.mse_loss with target by name', lambda: F.mse_loss(a, target=b, reduction='sum')),
    case('F.mse_loss without target', lambda: F.mse_loss(a)),
    case('F.l1_loss with target twice', lambda: F.l1_loss(a, b, target=b)),
    case('F.l1_loss with target by name', lambda: F.l1_loss(a, target=b)),
    case('F.smooth_l1_loss with target by name', lambda: F.smooth_l1_loss(a, target=b, beta=0.5)),
    case('F.huber_loss with target by name', lambda: F.huber_loss(a, target=b, delta=0.5)),
    case('F.soft_margin_loss with target by name', lambda: F.soft_margin_loss(a, target=b.sign())),
    case('F.kl_div with target by name', lambda: F.kl_div(a.log_softmax(1), target=b.softmax(1), reduction='batchmean')),
    case('F.binary_cross_entropy with target by name', lambda: F.binary_cross_entropy(a.sigmoid(), target=b.sigmoid())),
    case('F.binary_cross_entropy_with_logits with target by name',
         lambda: F.binary_cross_entropy_with_logits(a, target=b.sigmoid(), pos_weight=torch.tensor([1.0, 2.0, 0.5]))),
    case('F.hinge_embedding_loss with target by name', lambda: F.hinge_embedding_loss(a, target=b.sign(), margin=0.5)),
    case('F.multilabel_soft_margin_loss with target by name', lambda: F.multilabel_soft_margin_loss(a, target=(b > 0).float())),
    case('F.poisson_nll_loss with target by name', lambda: F.poisson_nll_loss(a, target=b.abs())),
    case('F.multilabel_margin_loss with target by name',
         lambda: F.multilabel_margin_loss(a, target=torch.tensor([[2, 0, -1], [1, -1, 0]]))),
    case('F.multi_margin_loss with target by name', lambda: F.multi_margin_loss(a, target=t2, margin=0.5)),
    case('F.nll_loss with target by name', lambda: F.nll_loss(a.log_softmax(1), target=t2)),
    case('F.cross_entropy with target by name', lambda: F.cross_entropy(a, target=t2, label_smoothing=0.1)),
    case('F.cross_entropy with a number for target', lambda: F.cross_entropy(a, target=3)),
    case('F.embedding with weight by name', lambda: F.embedding(torch.tensor([1, 0, 1]), weight=a)),
    case('F.embedding without weight', lambda: F.embedding(torch.tensor([1, 0, 1]))),
    case('F.embedding with a number for weight', lambda: F.embedding(torch.tensor([1, 0, 1]), weight=3)),
    case('F.embedding_bag with weight by name', lambda: F.embedding_bag(torch.tensor([[0, 1], [1, 1]]), weight=a, mode='sum')),
    case('F.avg_pool2d with kernel_size by name', lambda: F.avg_pool2d(x4, kernel_size=2, stride=1)),
    case('F.avg_pool2d without kernel_size', lambda: F.avg_pool2d(x4)),
    case('F.avg_pool2d with kernel_size twice', lambda: F.avg_pool2d(x4, 2, kernel_size=2)),
    case('F.avg_pool3d with kernel_size by name', lambda: F.avg_pool3d(x5, kernel_size=[1, 2, 2])),
    case('F.max_pool1d_with_indices with kernel_size by name', lambda: F.max_pool1d_with_indices(x4[0], kernel_size=2)),
    case('F.max_pool2d_with_indices with kernel_size by name', lambda: F.max_pool2d_with_indices(x4, kernel_size=2, stride=1)),
    case('F.max_pool3d_with_indices with kernel_size by name', lambda: F.max_pool3d_with_indices(x5, kernel_size=[1, 2, 2])),
    case('F.max_pool2d_with_indices without kernel_size', lambda: F.max_pool2d_with_indices(x4)),
    case('F.adaptive_max_pool1d_with_indices with output_size by name', lambda: F.adaptive_max_pool1d_with_indices(x4[0], output_size=2)),
    case('F.adaptive_max_pool2d_with_indices with output_size by name', lambda: F.adaptive_max_pool2d_with_indices(x4, output_size=2)),
    case('F.adaptive_max_pool3d_with_indices with output_size by name',
         lambda: F.adaptive_max_pool3d_with_indices(x5, output_size=[1, 2, 2])),
    case('F.adaptive_max_pool2d_with_indices without output_size', lambda: F.adaptive_max_pool2d_with_indices(x4)),
    case('F.fractional_max_pool2d_with_indices with kernel_size by name',
         lambda: F.fractional_max_pool2d_with_indices(x4, kernel_size=2, output_size=2, _random_samples=torch.tensor([[[0.5, 0.5]]]))),
    case('F.fractional_max_pool3d_with_indices with kernel_size by name',
         lambda: F.fractional_max_pool3d_with_indices(x5, kernel_size=[1, 2, 2], output_size=[2, 2, 2],
                                                      _random_samples=torch.tensor([[[0.5, 0.5, 0.5]]]))),
    case('F.softmax with dtype', lambda: F.softmax(xi, 1, dtype=torch.float32)),
    case('F.softmax with _stacklevel and dtype by position', lambda: F.softmax(x, 1, 5, torch.float32)),
    case('F.softmax with a number for dtype', lambda: F.softmax(x, 1, dtype=3)),
    case('F.log_softmax with dtype', lambda: F.log_softmax(xi, dim=0, dtype=torch.float32)),
    case('F.softmin with dtype and _stacklevel', lambda: F.softmin(xi, 1, _stacklevel=2, dtype=torch.float32)),
    case('F.layer_norm with normalized_shape by name', lambda: F.layer_norm(x, normalized_shape=[3], eps=1e-3)),
    case('F.layer_norm without normalized_shape', lambda: F.layer_norm(x)),
    case('F.local_response_norm with size by name', lambda: F.local_response_norm(x4, size=2, alpha=0.1)),
    case('F.elu_ with scale and input_scale', lambda: F.elu_(x.clone(), scale=2.0, input_scale=0.5)),
    case('F.elu_ with alpha, scale and input_scale by position', lambda: F.elu_(x.clone(), 1.5, 2.0, 3.0)),
    case('F.elu_ with a string scale', lambda: F.elu_(x.clone(), scale='a')),
    case('F.rrelu_ with a generator', lambda: F.rrelu_(x.clone(), training=True, generator=torch.Generator().manual_seed(3))),
    case('F.rrelu_ with a number for generator', lambda: F.rrelu_(x.clone(), generator=3)),
    case('F.interpolate with antialias, bilinear', lambda: F.interpolate(x4, scale_factor=0.5, mode='bilinear', antialias=True)),
    case('F.interpolate with antialias, bicubic', lambda: F.interpolate(x4, size=[3, 5], mode='bicubic', antialias=True)),
    case('F.interpolate with antialias, nearest', lambda: F.interpolate(x4, scale_factor=0.5, antialias=True)),
    # required arguments by name in the functions whose binding took them by position only
    case('F.pad with pad by name', lambda: F.pad(x4, pad=[1, 1], value=2.0)),
    case('F.pad with pad twice', lambda: F.pad(x4, [1, 1], pad=[1, 1])),
    case('F.linear with weight by name', lambda: F.linear(a, weight=torch.ones(2, 3), bias=torch.tensor([0.5, -1.0]))),
    case('F.max_pool2d with kernel_size by name', lambda: F.max_pool2d(x4, kernel_size=2, stride=1)),
    case('F.max_pool1d with kernel_size by name', lambda: F.max_pool1d(x4[0], kernel_size=2)),
    case('F.adaptive_avg_pool2d with output_size by name', lambda: F.adaptive_avg_pool2d(x4, output_size=[2, 1])),
    case('F.adaptive_max_pool2d with output_size by name', lambda: F.adaptive_max_pool2d(x4, output_size=2, return_indices=True)),
    case('F.fractional_max_pool2d with kernel_size by name',
         lambda: F.fractional_max_pool2d(x4, kernel_size=2, output_size=2, _random_samples=torch.tensor([[[0.5, 0.5]]]))),
    case('F.group_norm with num_groups by name', lambda: F.group_norm(x4.reshape(1, 2, 8), num_groups=2, eps=1e-3)),
    case('F.gaussian_nll_loss with target and var by name', lambda: F.gaussian_nll_loss(a, target=b, var=b.abs() + 0.5)),
    case('F.gaussian_nll_loss without target', lambda: F.gaussian_nll_loss(a, var=b.abs())),
    case('F.unfold with kernel_size by name', lambda: F.unfold(x4, kernel_size=2, stride=2)),
    case('F.pixel_shuffle with upscale_factor by name', lambda: F.pixel_shuffle(torch.arange(8.0).reshape(1, 4, 1, 2), upscale_factor=2)),
    case('F.prelu with weight by name', lambda: F.prelu(x, weight=torch.tensor([0.25]))),
    case('F.lp_pool2d with kernel_size by name', lambda: F.lp_pool2d(x4, 2, kernel_size=2)),
    case('F.threshold with threshold and value by name', lambda: F.threshold(x, threshold=0.5, value=-1.0)),
    case('F.triplet_margin_with_distance_loss with positive and negative by name',
         lambda: F.triplet_margin_with_distance_loss(a, positive=b, negative=a + 1, margin=0.5)),
    case('Tensor.expand with implicit', lambda: v3.expand(2, 3, implicit=True)),
    case('Tensor.expand with size by name and implicit', lambda: v3.expand(size=[2, 3], implicit=False)),
    case('Tensor.expand with a number for implicit', lambda: v3.expand(2, 3, implicit=1)),
    case('Tensor.expand with sizes', lambda: v3.expand(2, 3, sizes=[2, 3])),
    case('Tensor.repeat with sizes', lambda: v3.repeat(2, sizes=[2, 1])),
    case('Tensor.new_full with fill_value by name', lambda: x.new_full([2], fill_value=3)),
    case('Tensor.new_full with size and fill_value by name', lambda: xi.new_full(size=[2, 2], fill_value=True)),
    case('Tensor.new_full without fill_value', lambda: x.new_full([2])),
    case('Tensor.new_full with a string fill_value', lambda: x.new_full([2], fill_value='a')),
    case('Tensor.fill_diagonal_ with wrap by name', lambda: torch.zeros(7, 3).fill_diagonal_(2, wrap=True)),
    case('Tensor.fill_diagonal_ with fill_value and wrap by name', lambda: torch.zeros(7, 3).fill_diagonal_(fill_value=2, wrap=False)),
    case('Tensor.fill_diagonal_ with an int wrap', lambda: torch.zeros(7, 3).fill_diagonal_(2, wrap=1)),
    case('Tensor.ormqr without input3', lambda: qr.ormqr(tau)),
    case('Tensor.swapaxes with axis1 by name', lambda: x.swapaxes(0, axis1=1)),
    case('Tensor.swapaxes with axis0 and axis1 by name', lambda: x.reshape(1, 2, 3).swapaxes(axis0=2, axis1=0)),
    case('Tensor.swapaxes with a float axis1', lambda: x.swapaxes(0, axis1=1.5)),
    case('Tensor.swapaxes without axis1', lambda: x.swapaxes(0)),
    case('Tensor.swapaxes_ with axis1 by name', lambda: x.clone().swapaxes_(0, axis1=1)),
    case('Tensor.chunk with chunks by name', lambda: x.chunk(chunks=2, dim=1)),
    case('Tensor.chunk with chunks twice', lambda: x.chunk(2, chunks=2)),
    case('Tensor.chunk with a float chunks', lambda: x.chunk(chunks=1.5)),
    case('Tensor.chunk without chunks', lambda: x.chunk()),
    case('Tensor.norm with dtype by position', lambda: x.norm(2, 1, False, torch.float32)),
    case('Tensor.norm with a long dtype by position', lambda: x.norm(2, 1, False, torch.long)),
]

json.dump({'kwargs': kwargs, 'out_kind': out_kind, 'same_dtype': same_dtype, 'open_ended': open_ended,
           'positional': positional, 'method_positional': method_positional,
           'functional_positional': functional_positional, 'methods': method_kwargs, 'methods_open_ended': method_open, 'methods_no_keywords': method_no_keywords, 'functional': functional_kwargs,
           'functional_open_ended': functional_open, 'cases': cases},
          open('test/fixtures/kwargs.json', 'w'), indent=0)
# The Tensor methods' table for src/method-kwargs.ts: the methods grouped by their keywords.
groups: dict[str, list[str]] = {}
for name, names in method_kwargs.items():
    most = method_positional.get(name)
    groups.setdefault(('-' if name in method_no_keywords else ','.join(names)) + (most or ''),
                      []).append(name)
# the lean core's methods here, the others (src/tensor-methods.ts's) in a module of their own, which only that module
# imports: an app of 'tocha/lean' does not carry their half of the table
more = lean_more_methods()
core_groups = {k: [m for m in v if m not in more] for k, v in groups.items()}
more_groups = {k: [m for m in v if m in more] for k, v in groups.items()}
write_grouped('src/method-kwargs.ts', [
    "Generated by scripts/gen-kwargs.py from PyTorch 1.13: the keywords each Tensor method of the lean core takes",
    "(src/tensor.ts; the others' are src/method-kwargs-more.ts), as PyTorch's argument parser takes them (a trailing",
    'options object holding another name is its TypeError): a group is `keyword,keyword#A-B:` then its methods (`:` for',
    'those that take none, `-` for those whose message is "takes no keyword arguments"; `#A-B` or `#B`: the arguments',
    'it takes by position, src/tensor-args.ts parsePositional); src/tensor-args.ts applies it.'],
    'METHOD_KW', {k: v for k, v in core_groups.items() if v})
write_grouped('src/method-kwargs-more.ts', [
    "Generated by scripts/gen-kwargs.py from PyTorch 1.13: src/method-kwargs.ts's table for the Tensor methods beyond",
    "the lean core (src/tensor-methods.ts declares them, and passes this table to src/tensor-args.ts's",
    'checkTensorMethods when it installs them).'], 'METHOD_KW_MORE', {k: v for k, v in more_groups.items() if v})

print(len(kwargs), 'functions,', len(out_kind), 'with out=,', len(method_kwargs), 'methods,', len(functional_kwargs),
      'nn.functional,', len(cases), 'cases')
