# PyTorch 1.13 binds a keyword to its parameter's place: torch.gt(x, other=1) is torch.gt(x, 1), torch.tril(x,
# diagonal=1) is torch.tril(x, 1). For every public torch.* function: its signatures' positional names (in the order
# PyTorch's parser tries them), and calls that give the arguments after the first k by name, with what PyTorch makes
# of them, beside the same call by position; and PyTorch's words for an argument given both ways.
#   /usr/bin/python3 scripts/gen-leading-kwargs.py   (writes test/fixtures/leading-kwargs.json)
#
# The calls: the first argument lists of a generic set (small tensors, dims, numbers, index tensors) that a function
# takes by position; each later argument then comes by the name of the first signature that takes the call so.
import ast
import inspect
import json
import os
import warnings

import torch

from pyfixture import enc, legacy_stub, schema_signature

warnings.simplefilter('ignore')
kwargs = json.load(open('test/fixtures/kwargs.json'))
PYI = os.path.join(os.path.dirname(torch.__file__), '_C', '_VariableFunctions.pyi')
overloads: dict[str, list[ast.FunctionDef]] = {}
for node in ast.parse(open(PYI).read()).body:
    if isinstance(node, ast.FunctionDef):
        overloads.setdefault(node.name, []).append(node)


def required(name, pos, kw):
    """How many arguments the stub's overload with these names requires (the parser's listing gives no defaults): the
    one with the same names (its required keyword-only names marked in `kw`), else the same positional ones (div's
    rounding_mode is spelt otherwise there), else 0."""
    defs = overloads.get(name, [])
    for d in defs:
        a = d.args
        if [p.arg for p in a.posonlyargs + a.args] == pos and [p.arg for p in a.kwonlyargs] == kw:
            # (the keyword-only ones it requires marked: `outdim!`)
            kw[:] = [k + ('!' if v is None else '') for k, v in zip(kw, a.kw_defaults)]
            return len(pos) - len(a.defaults) + sum(v is None for v in a.kw_defaults)
    for d in defs:
        a = d.args
        if [p.arg for p in a.posonlyargs + a.args] == pos:
            return len(pos) - len(a.defaults)
    return 0


def signatures(name):
    """torch.<name>'s signatures as its parser lists them for a call none takes, each [positional names, keyword-only
    names, how many it requires] (a name's variants by type stay apart: PyTorch counts them when it words a doubled
    argument); else the stub's (the built-in functions with one) or the Python function's; None where none says."""
    f = getattr(torch, name)

    class Foreign:
        pass
    m = ''
    try:
        f(*[Foreign()] * 7)
    except Exception as e:  # noqa: BLE001 (the message is what is read)
        m = str(e)
    sigs = []
    for line in m.split('\n'):
        line = line.strip()
        if line.startswith('* (') or 'but expected (' in line:
            start = line.index('but expected (') + 14 if 'but expected (' in line else 3
            parts = [q for q in line[start:line.rindex(')')].split(', ') if q]
            star = parts.index('*') if '*' in parts else len(parts)
            names = [q.split('=')[0].split(' ')[-1] for q in parts]
            kw = names[star + 1:]
            sigs.append([names[:star], kw, required(name, names[:star], kw)])
    if sigs:
        return sigs
    if inspect.isbuiltin(f) and legacy_stub(overloads.get(name, [])):
        return [schema_signature(name)]
    if inspect.isbuiltin(f):
        return [[[p.arg for p in d.args.posonlyargs + d.args.args],
                 [p.arg + ('!' if v is None else '') for p, v in zip(d.args.kwonlyargs, d.args.kw_defaults)],
                 len(d.args.posonlyargs + d.args.args) - len(d.args.defaults)
                 + sum(v is None for v in d.args.kw_defaults)]
                for d in overloads.get(name, []) if not d.args.vararg] or None
    try:
        s = inspect.signature(f)
    except (TypeError, ValueError):
        return None
    return [[[q.name for q in s.parameters.values() if q.kind in (q.POSITIONAL_ONLY, q.POSITIONAL_OR_KEYWORD)],
             [q.name + ('!' if q.default is q.empty else '') for q in s.parameters.values() if q.kind == q.KEYWORD_ONLY],
             sum(q.default is q.empty and q.kind != q.VAR_POSITIONAL for q in s.parameters.values())]]


# The argument lists, as the fixture writes them: a tensor {'t': values, 'dtype': ...}, numbers, bools, strings,
# lists and None as they are.
def T(v, dtype='float32'):
    return {'t': v, 'dtype': dtype}


A = T([[0.5, -1.0, 2.0], [3.0, 0.25, -2.0]])
B = T([[3.0, 0.25, -2.0], [0.5, -1.0, 2.0]])
P = T([[0.25, 0.5, 0.75], [0.125, 0.875, 0.5]])
I = T([[2, 0, 1], [1, 2, 0]], 'int64')
IX = T([1, 0], 'int64')
MASK = T([[True, False, True], [False, True, True]], 'bool')
V = T([1.0, 2.0, 3.0])
S = T([[4.0, 1.0], [1.0, 3.0]])
B3 = T([[[0.5, 1.0], [2.0, -1.0]], [[1.5, 0.25], [-0.5, 2.0]]])
CANDIDATES = [
    [A, B], [A, 1], [A, 0], [A, -1], [A, 2], [A, 0.5], [A, B, 0.5], [A, B, B], [A, 1, True], [A, 0, True],
    [A, 2, 1], [A, 2, 1, False], [A, 2, 1, False, True], [A, 1, 0], [A, 0, 1], [A, 1, 1, 2], [A, 0, 1, 1],
    [A, 1, IX], [A, 0, IX], [A, 1, I], [A, 1, I, B], [A, 0, IX, T([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])],
    [A, 1, IX, 2.5], [A, MASK, 0.5], [A, MASK, B], [MASK, A, B], [A, [1, 2], 1], [A, [0, 1]], [A, [1]], [A, (1,)],
    [A, 1, 1, True], [A, 0.5, 1, True], [A, P, 1, True], [V, V], [V, 2], [V, V, 2], [S, S], [S, 1], [S, True], [S, 2],
    [B3, B3], [B3, 1, 2], [B3, 0, 2], [B3, 2, 0, 1], [A, -1.0, 1.0], [A, 0, None], [A, B, 1, 0.5], [A, 3], [A, 'sum'],
    [A, 2, 1, True], [A, T(2.0)], [A, 2, [0, 1]], [A, 1, 2], [S, S, True], [A, [1, 2], [0, 1]], [B3, [0, 1], [1, 0]],
    [A, 1, 1], [A, [2, 3]], [A, 6], [A, [3, 2]], [P, 2, True],
]

RANDOM = {'bernoulli', 'normal', 'poisson', 'multinomial', 'rand_like', 'randn_like', 'randint_like', 'binomial',
          'dropout', 'dropout_', 'alpha_dropout', 'alpha_dropout_', 'feature_dropout', 'feature_dropout_',
          'feature_alpha_dropout', 'feature_alpha_dropout_', 'rrelu', 'rrelu_', 'native_dropout', 'empty_like',
          'randperm', 'randint', 'rand', 'randn', 'empty', 'empty_strided', 'empty_quantized', 'svd_lowrank',
          'pca_lowrank', 'lobpcg'}
SKIP = {'save', 'load', 'compile', 'from_file', 'import_ir_module', 'import_ir_module_from_buffer', 'autocast',
        'fork', 'wait', 'vmap', 'manual_seed', 'set_default_dtype', 'set_grad_enabled', 'use_deterministic_algorithms',
        'resize_as_', 'set_rng_state', 'seed', 'set_num_threads', 'set_num_interop_threads'}


def dec(v):
    if isinstance(v, dict):
        return torch.tensor(v['t'], dtype=getattr(torch, v['dtype']))
    if isinstance(v, tuple):
        return list(v)
    return v


def encode(r):
    if isinstance(r, torch.Tensor):
        return enc(r)
    if isinstance(r, (tuple, list)) and all(isinstance(e, torch.Tensor) for e in r):
        return [enc(e) for e in r]
    if isinstance(r, (bool, int, float, str)) or r is None:
        return r
    raise TypeError('not recorded')


def run(f, args, kw):
    """(result, error): f's result encoded, or its error's first line."""
    try:
        with torch.no_grad():
            return encode(f(*[dec(a) for a in args], **{k: dec(v) for k, v in kw.items()})), None
    except Exception as e:  # noqa: BLE001 (the error is the record)
        return None, f'{type(e).__name__}: {str(e).splitlines()[0]}'


def same(p, q):
    return json.dumps(p) == json.dumps(q)


def plain(a):
    return [list(v) if isinstance(v, tuple) else v for v in a]


sigs, cases = {}, []
for name in sorted(kwargs['kwargs']):
    if name in SKIP or name not in dir(torch):
        continue
    f = getattr(torch, name)
    sigs[name] = signatures(name)
    # (the random functions are not called: each call draws anew; test/kwargs.test.ts seeds randint_like's)
    if name in RANDOM or not sigs[name] or not any(len(s[0]) > 1 for s in sigs[name]):
        continue
    lengths = set()
    for args in CANDIDATES:
        if len(args) in lengths:
            continue
        by_position, e = run(f, args, {})
        if e is not None or by_position is None:
            continue
        lengths.add(len(args))
        for k in range(1, len(args)):
            for s, _, _ in sigs[name]:
                if len(s) < len(args) or 'out' in s[k:len(args)]:
                    continue
                kw = dict(zip(s[k:len(args)], args[k:]))
                by_name, e = run(f, args[:k], kw)
                if e is None:
                    cases.append({'fn': name, 'args': plain(args[:k]), 'kw': kw, 'result': by_name,
                                  'same': same(by_name, by_position)})
                    break
        if len(lengths) >= 3:
            break

# An argument given both by position and by name: one signature says "got multiple values", several "received an
# invalid combination of arguments" (the first line recorded)
doubled = []
for name, args, kw in [('gt', [A, 1], {'other': 1}), ('tril', [A, 1], {'diagonal': 1}), ('topk', [A, 1], {'k': 1}),
                       ('index_select', [A, 0, IX], {'dim': 0}), ('clamp', [A, 0], {'min': 0}),
                       ('add', [A, B], {'other': B}), ('cross', [A, B], {'other': B}), ('diagonal', [A, 0], {'offset': 0}),
                       ('transpose', [A, 0, 1], {'dim0': 0}), ('movedim', [A, 0, 1], {'source': 0}),
                       ('unsqueeze', [A, 0], {'dim': 0}), ('where', [MASK, A, B], {'input': A}), ('lerp', [A, B, 0.5], {'end': B}),
                       ('gather', [A, 1, I], {'index': I}), ('narrow', [A, 1, 0, 2], {'dim': 1}), ('roll', [A, 1], {'shifts': 1})]:
    doubled.append({'fn': name, 'args': plain(args), 'kw': kw, 'error': run(getattr(torch, name), args, kw)[1]})

# A value of the wrong type given by name: PyTorch's message names the argument without a position (by position:
# "argument 'other' (position 2)")
wrong = []
for name, kw in [('cross', {'other': [1]}), ('dot', {'tensor': [1]}), ('mm', {'mat2': [1]}), ('bmm', {'mat2': [1]}),
                 ('outer', {'vec2': [1]}), ('inner', {'other': [1]}), ('kron', {'other': [1]}), ('matmul', {'other': [1]}),
                 ('maximum', {'other': [1]}), ('atan2', {'other': [1]}), ('dist', {'other': [1]}),
                 ('cosine_similarity', {'x2': [1]}), ('chunk', {'chunks': 1.5}), ('kthvalue', {'k': 1.5})]:
    wrong.append({'fn': name, 'args': [A], 'kw': kw, 'error': run(getattr(torch, name), [A], kw)[1]})

# The loss builtins (torch.binary_cross_entropy_with_logits, kl_div, ...) bind by ATen's schema, not by their stubs
# (nn.functional's legacy signatures): their keywords and positions, their values and their TypeErrors
X = T([[0.5, -1.0, 2.0, 0.1], [3.0, 0.25, -2.0, 1.0], [0.3, 0.2, -0.7, 1.5]])
Y = T([[0.5, 0.1, 0.9, 0.1], [0.3, 0.25, 0.2, 1.0], [0.3, 0.2, 0.7, 0.5]])
W, PW = T([0.5, 1.0, 2.0, 3.0]), T([1.5, 2.0, 0.5, 1.0])
X1, X2, LAB = T([0.5, -1.0, 2.0]), T([0.1, 0.3, -2.0]), T([1.0, -1.0, 1.0])
XF = T([[0.3, 0.2, -0.7, 1.5], [3.0, 0.25, -2.0, 1.0], [0.5, -1.0, 2.0, 0.1]])
losses = []
for name, args, kw in [
        ('binary_cross_entropy_with_logits', [X, Y], {}), ('binary_cross_entropy_with_logits', [X, Y], {'reduction': 'sum'}),
        ('binary_cross_entropy_with_logits', [X, Y], {'reduction': 2}), ('binary_cross_entropy_with_logits', [X, Y, W, PW, 2], {}),
        ('binary_cross_entropy_with_logits', [X, Y, W, PW], {}), ('binary_cross_entropy_with_logits', [X, Y], {'pos_weight': PW, 'reduction': 1}),
        ('binary_cross_entropy_with_logits', [X, Y, W], {'reduction': 2}), ('binary_cross_entropy_with_logits', [X, Y, W, 2], {}),
        ('binary_cross_entropy_with_logits', [X], {'target': Y, 'weight': W, 'pos_weight': PW}),
        ('binary_cross_entropy_with_logits', [X, Y, None, None, 2, 1], {}),
        ('binary_cross_entropy_with_logits', [X, Y, W, W], {'pos_weight': PW}),
        ('binary_cross_entropy_with_logits', [X, Y], {'size_average': True}),
        ('kl_div', [X, Y], {}), ('kl_div', [X, Y, 2], {}), ('kl_div', [X, Y], {'reduction': 1, 'log_target': True}),
        ('kl_div', [X, Y, 1, True], {}), ('kl_div', [X, Y], {'reduction': 'sum'}), ('kl_div', [X, Y], {'reduce': False}),
        ('hinge_embedding_loss', [X, Y], {}), ('hinge_embedding_loss', [X, Y, 0.5, 2], {}),
        ('hinge_embedding_loss', [X, Y], {'margin': 0.5, 'reduction': 1}), ('hinge_embedding_loss', [X, Y], {'reduction': 'mean'}),
        ('margin_ranking_loss', [X1, X2, LAB], {}), ('margin_ranking_loss', [X1, X2, LAB, 0.5, 2], {}),
        ('margin_ranking_loss', [X1, X2, LAB], {'reduction': 1, 'margin': 0.25}),
        ('cosine_embedding_loss', [X, Y, LAB], {}), ('cosine_embedding_loss', [X, Y, LAB, 0.2, 2], {}),
        ('cosine_embedding_loss', [X, Y, LAB], {'margin': 0.2, 'reduction': 1}),
        ('triplet_margin_loss', [X, Y, XF], {}), ('triplet_margin_loss', [X, Y, XF, 0.5, 1.0, 1e-6, True, 2], {}),
        ('triplet_margin_loss', [X, Y, XF], {'swap': True, 'reduction': 1}),
        ('triplet_margin_loss', [X, Y, XF], {'size_average': True}),
        ('poisson_nll_loss', [X, Y, True, False, 1e-8, 1], {}), ('poisson_nll_loss', [X, Y, False, True, 1e-8, 0], {}),
        ('poisson_nll_loss', [X, Y], {'log_input': True, 'full': True, 'eps': 1e-8, 'reduction': 2}),
        ('poisson_nll_loss', [X, Y, True, False], {'eps': 1e-8, 'reduction': 'mean'})]:
    result, error = run(getattr(torch, name), args, kw)
    losses.append({'fn': name, 'args': args, 'kw': kw, **({'error': error} if error else {'result': result})})

json.dump({'signatures': sigs, 'cases': cases, 'doubled': doubled, 'wrong': wrong, 'losses': losses},
          open('test/fixtures/leading-kwargs.json', 'w'), indent=0)
print(len(sigs), 'functions,', len(cases), 'calls by name,', len({c['fn'] for c in cases}), 'functions called')
