# Writes test/fixtures/nn-more.json: what PyTorch 1.13 does for the torch.nn additions of test/nn-more.test.ts
# (fractional max pooling, max_unpool3d, dropout3d and the feature dropouts' draws, ...): forward values, indices,
# gradients of sum(out * g), grad_fn names, the random draws for a seed, reprs, state_dict keys, warnings and
# error messages. Every input is written into the JSON, so the tests never depend on reproducing it.
# Run from the repo root: /usr/bin/python3 scripts/gen-nn-more.py
import json
import warnings
import torch
import torch.nn as nn
import torch.nn.functional as F
from pyfixture import enc, err

torch.manual_seed(0)
r = torch.randn
out = {}
errors = []


def E(id, f):
    """PyTorch's error for a case test/nn-more.test.ts builds under the same id."""
    e = err(f)
    assert e is not None, id
    errors.append({'id': id, **e})


def warned(f):
    """f's result and the messages of the warnings it gave."""
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        res = f()
    return res, [str(x.message) for x in w]


# ---------------------------------------------------------------- fractional max pooling

frac = []


def fr(id, fn, shape, kernel, seed=None, samples=None, **kw):
    x = r(*shape).requires_grad_(True)
    if seed is not None:
        torch.manual_seed(seed)
    if samples is not None:
        kw['_random_samples'] = samples
    res = getattr(F, fn)(x, kernel, **kw)
    after = torch.rand(3)
    y, idx = res if isinstance(res, tuple) else (res, None)
    g = r(*y.shape)
    (y * g).sum().backward()
    kw.pop('_random_samples', None)
    frac.append({'id': id, 'fn': fn, 'input': enc(x), 'kernel': kernel, 'kwargs': kw, 'seed': seed,
                 'samples': enc(samples) if samples is not None else None, 'out': enc(y),
                 'indices': enc(idx) if idx is not None else None, 'grad_fn': type(y.grad_fn).__name__,
                 'grad_out': enc(g), 'grad': enc(x.grad), 'after': enc(after)})


fr('2d/size', 'fractional_max_pool2d', (2, 3, 7, 8), 2, seed=0, output_size=3, return_indices=True)
fr('2d/ratio', 'fractional_max_pool2d', (1, 2, 10, 9), 3, seed=1, output_ratio=0.5)
fr('2d/ratio-pair', 'fractional_max_pool2d', (2, 2, 11, 13), [2, 3], seed=2, output_ratio=[0.7, 0.4], return_indices=True)
fr('2d/unbatched', 'fractional_max_pool2d', (3, 9, 9), 2, seed=3, output_size=[4, 5], return_indices=True)
fr('2d/overlap', 'fractional_max_pool2d', (1, 1, 12, 12), 3, seed=4, output_size=10, return_indices=True)
fr('2d/one-window', 'fractional_max_pool2d', (2, 2, 5, 6), 2, seed=5, output_size=1, return_indices=True)
fr('2d/full', 'fractional_max_pool2d', (1, 2, 6, 6), 1, seed=6, output_size=6, return_indices=True)
fr('2d/with_indices', 'fractional_max_pool2d_with_indices', (2, 2, 8, 8), 2, seed=7, output_size=4)
fr('2d/samples', 'fractional_max_pool2d', (2, 3, 7, 8), 2, samples=torch.rand(2, 3, 2), output_size=3, return_indices=True)
fr('2d/samples-extra-batch', 'fractional_max_pool2d', (1, 2, 7, 7), 2, samples=torch.rand(3, 2, 2), output_size=[3, 4],
   return_indices=True)
fr('2d/samples-out-of-range', 'fractional_max_pool2d', (1, 1, 7, 8), 2,
   samples=torch.tensor([[[10.0, -10.0]]]), output_size=3, return_indices=True)
fr('2d/samples-nan', 'fractional_max_pool2d', (1, 1, 7, 7), 2,
   samples=torch.tensor([[[float('nan'), float('inf')]]]), output_size=3, return_indices=True)
fr('2d/empty-batch', 'fractional_max_pool2d', (0, 2, 7, 8), 2, seed=8, output_size=3)
fr('2d/empty-out', 'fractional_max_pool2d', (1, 2, 7, 8), 2, seed=9, output_size=0)
fr('3d/size', 'fractional_max_pool3d', (2, 2, 6, 7, 8), 2, seed=10, output_size=[3, 4, 5], return_indices=True)
fr('3d/ratio', 'fractional_max_pool3d', (1, 3, 8, 8, 8), [2, 3, 2], seed=11, output_ratio=0.5, return_indices=True)
fr('3d/unbatched', 'fractional_max_pool3d', (2, 6, 6, 6), 2, seed=12, output_size=3, return_indices=True)
fr('3d/with_indices', 'fractional_max_pool3d_with_indices', (1, 2, 5, 6, 7), 2, seed=13, output_size=[3, 4, 4])
fr('3d/samples', 'fractional_max_pool3d', (1, 2, 5, 6, 7), 2, samples=torch.rand(1, 2, 3), output_size=[3, 4, 5],
   return_indices=True)
with torch.no_grad():
    xn = r(1, 2, 6, 6)
    xn[0, 0, 1, 1] = float('nan')
    xn[0, 1, 2:4, 2:4] = 0.5
xn.requires_grad_(True)
torch.manual_seed(14)
yn, iN = F.fractional_max_pool2d(xn, 2, output_size=3, return_indices=True)
out['frac_nan'] = {'input': enc(xn), 'seed': 14, 'out': enc(yn), 'indices': enc(iN)}
out['frac'] = frac

fmods = []
for seed, ctor, args, kw, shape in [
        (20, 'FractionalMaxPool2d', [3], {'output_ratio': [0.5, 0.5]}, (2, 2, 10, 10)),
        (21, 'FractionalMaxPool2d', [2], {'output_size': [4, 3], 'return_indices': True}, (1, 3, 9, 7)),
        (22, 'FractionalMaxPool3d', [2], {'output_size': 3}, (1, 2, 6, 6, 6)),
        (23, 'FractionalMaxPool3d', [[2, 1, 2]], {'output_ratio': 0.6, 'return_indices': True}, (2, 1, 7, 6, 5))]:
    m = getattr(nn, ctor)(*args, **kw)
    x = r(*shape)
    torch.manual_seed(seed)
    res = m(x)
    y, idx = res if isinstance(res, tuple) else (res, None)
    fmods.append({'seed': seed, 'ctor': ctor, 'args': args, 'kwargs': kw, 'repr': repr(m), 'input': enc(x), 'out': enc(y),
                  'indices': enc(idx) if idx is not None else None, 'state_dict': list(m.state_dict().keys()),
                  'kernel_size': list(m.kernel_size),
                  'output_size': list(m.output_size) if m.output_size is not None else None,
                  'output_ratio': list(m.output_ratio) if m.output_ratio is not None else None})
samples = torch.rand(1, 2, 2)
m = nn.FractionalMaxPool2d(2, output_size=3, _random_samples=samples)
x = r(1, 2, 7, 7)
out['frac_module_samples'] = {'samples': enc(samples), 'input': enc(x), 'out': enc(m(x)), 'repr': repr(m),
                              'state_dict': list(m.state_dict().keys())}
out['frac_modules'] = fmods

x4 = r(2, 3, 7, 8)
E('frac/no-size', lambda: F.fractional_max_pool2d(x4, 2))
E('frac/pool-height', lambda: F.fractional_max_pool2d(x4, 2, output_size=7))
E('frac/pool-width', lambda: F.fractional_max_pool2d(x4, 2, output_size=(6, 8)))
E('frac/kernel-len', lambda: F.fractional_max_pool2d(x4, (2, 2, 2), output_size=3))
E('frac/kernel-list1', lambda: F.fractional_max_pool2d(x4, [2], output_size=[2, 2]))
E('frac/output-len', lambda: F.fractional_max_pool2d(x4, 2, output_size=(3, 3, 3)))
E('frac/2d-input', lambda: F.fractional_max_pool2d(r(7, 8), 2, output_size=3))
E('frac/2d-input-samples', lambda: F.fractional_max_pool2d(r(7, 8), 2, output_size=2, _random_samples=torch.rand(1, 7, 2)))
E('frac/5d-input-samples', lambda: F.fractional_max_pool2d(r(1, 1, 1, 7, 8), 2, output_size=2, _random_samples=torch.rand(1, 1, 2)))
E('frac/empty-channel', lambda: F.fractional_max_pool2d(r(2, 0, 7, 8), 2, output_size=3))
E('frac/negative-size', lambda: F.fractional_max_pool2d(x4, 2, output_size=-1))
E('frac/negative-ratio', lambda: F.fractional_max_pool2d(r(1, 2, 5, 6), 2, output_ratio=-0.5))
E('frac/ratio-len', lambda: F.fractional_max_pool2d(r(1, 2, 5, 6), 2, output_ratio=[0.5]))
E('frac/long-input', lambda: F.fractional_max_pool2d(x4.long(), 2, output_size=3))
E('frac/long-samples', lambda: F.fractional_max_pool2d(x4, 2, output_size=3, _random_samples=torch.rand(2, 3, 2).long()))
E('frac3/no-size', lambda: F.fractional_max_pool3d(r(1, 2, 5, 5, 5), 2))
E('frac3/pool-time', lambda: F.fractional_max_pool3d(r(1, 2, 5, 5, 5), 2, output_size=4))
E('frac3/pool-width-first', lambda: F.fractional_max_pool3d(r(1, 2, 5, 6, 7), 2, output_size=(3, 5, 6)))
E('frac3/pool-height', lambda: F.fractional_max_pool3d(r(1, 2, 5, 6, 7), 2, output_size=(3, 5, 5)))
E('frac3/3d-input', lambda: F.fractional_max_pool3d(r(5, 6, 7), 2, output_size=(3, 4, 5)))
E('frac3/3d-input-samples', lambda: F.fractional_max_pool3d(r(6, 7, 8), 2, output_size=2, _random_samples=torch.rand(1, 6, 3)))
E('frac3/empty-dim', lambda: F.fractional_max_pool3d(r(1, 2, 0, 6, 7), 2, output_size=2))
E('frac3/kernel-len', lambda: F.fractional_max_pool3d(r(1, 2, 5, 6, 7), (2, 2), output_size=(3, 4, 5)))
E('frac3/output-len', lambda: F.fractional_max_pool3d(r(1, 2, 5, 6, 7), 2, output_size=[2, 2]))
E('frac3/negative-size', lambda: F.fractional_max_pool3d(r(1, 2, 5, 6, 7), 2, output_size=-1))
E('Frac/none', lambda: nn.FractionalMaxPool2d(2))
E('Frac/both', lambda: nn.FractionalMaxPool2d(2, 3, 0.5))
E('Frac/ratio-1', lambda: nn.FractionalMaxPool2d(2, output_ratio=1))
E('Frac3/ratio', lambda: nn.FractionalMaxPool3d(2, output_ratio=(0.5, 0.5, 1.5)))
E('Frac3/none', lambda: nn.FractionalMaxPool3d(2))

# ---------------------------------------------------------------- max_unpool3d

unpool = []
for id, shape, k, kw, okw in [('plain', (1, 2, 4, 4, 4), 2, {}, {}),
                              ('stride-pad', (2, 1, 5, 5, 5), 3, {'stride': 2, 'padding': 1}, {'stride': 2, 'padding': 1}),
                              ('unbatched', (2, 4, 6, 4), [2, 3, 2], {}, {}),
                              ('output_size', (1, 2, 5, 5, 5), 2, {}, {'output_size': [5, 5, 5]}),
                              ('output_size5', (1, 1, 6, 7, 5), 2, {}, {'output_size': [1, 1, 7, 7, 5]})]:
    v = r(*shape)
    p, i = F.max_pool3d(v, k, return_indices=True, **kw)
    p = p.detach().requires_grad_(True)
    y = F.max_unpool3d(p, i, k, **okw)
    g = r(*y.shape)
    (y * g).sum().backward()
    unpool.append({'id': id, 'input': enc(p), 'indices': enc(i), 'kernel': k, 'kwargs': okw, 'out': enc(y),
                   'grad_fn': type(y.grad_fn).__name__, 'grad_out': enc(g), 'grad': enc(p.grad)})
out['unpool3d'] = unpool
out['unpool3d_reprs'] = [repr(nn.MaxUnpool3d(2, stride=1, padding=(0, 1, 0))), repr(nn.MaxUnpool3d((2, 3, 1))),
                         repr(nn.MaxUnpool3d(3, 2))]
vp = r(1, 2, 4, 4, 4)
pp, pi = F.max_pool3d(vp, 2, return_indices=True)
out['unpool3d_err_input'] = {'input': enc(pp), 'indices': enc(pi)}
E('unpool3d/float-indices', lambda: F.max_unpool3d(pp, pi.float(), 2))
E('unpool3d/3d-input', lambda: F.max_unpool3d(pp[0, 0], pi[0, 0], 2))
E('unpool3d/indices-shape', lambda: F.max_unpool3d(pp, pi[0], 2))
E('unpool3d/output-len', lambda: F.max_unpool3d(pp, pi, 2, output_size=[5, 5]))
E('unpool3d/output-range', lambda: F.max_unpool3d(pp, pi, 2, output_size=[6, 5, 5]))
E('unpool3d/bad-index', lambda: F.max_unpool3d(pp, pi * 10, 2))
E('unpool3d/negative-index', lambda: F.max_unpool3d(pp, pi - 100, 2))
E('unpool3d/empty-channel', lambda: F.max_unpool3d(r(1, 0, 2, 2, 2), torch.zeros(1, 0, 2, 2, 2).long(), 2))
E('unpool3d/stride0', lambda: F.max_unpool3d(pp, pi, 2, 0))
E('unpool3d/small-output', lambda: F.max_unpool3d(pp, pi, 2, 1, 1))

# ---------------------------------------------------------------- dropout3d and the feature dropouts' draws

drops = []
for fn, shape, p, training, inplace, seed in [
        ('dropout3d', (2, 3, 2, 2, 2), 0.5, True, False, 30), ('dropout3d', (3, 2, 2, 2), 0.3, True, False, 31),
        ('dropout3d', (2, 3, 2, 2, 2), 0.5, True, True, 32), ('dropout3d', (3, 2, 2, 2), 0.6, True, True, 33),
        ('dropout3d', (2, 3, 2, 2, 2), 0.5, False, False, 34), ('dropout3d', (2, 3, 2, 2, 2), 0.0, True, False, 35),
        ('dropout3d', (2, 3, 2, 2, 2), 1.0, True, False, 36), ('dropout3d', (2, 3, 4), 0.5, True, False, 37),
        ('dropout3d', (5, 3), 0.5, True, False, 38), ('dropout3d', (3,), 0.5, True, False, 55), ('dropout3d', (1, 2, 3, 2, 2, 2), 0.5, True, False, 39),
        ('dropout2d', (2, 3, 4), 0.5, True, False, 40), ('dropout2d', (2, 3, 2, 2), 0.5, True, False, 41),
        ('dropout2d', (2, 3), 0.5, True, False, 42), ('dropout2d', (2, 3, 2, 2), 0.0, True, False, 43),
        ('dropout2d', (2, 3, 2, 2), 1.0, True, False, 44), ('dropout2d', (2, 3, 4), 0.5, True, True, 45),
        ('dropout2d', (1, 2, 3, 2, 2), 0.5, True, False, 46),
        ('dropout1d', (2, 3, 4), 0.5, True, False, 47), ('dropout1d', (3, 4), 0.5, True, False, 48),
        ('dropout1d', (3, 4), 0.5, True, True, 49), ('dropout1d', (2, 3, 4), 0.0, True, False, 50),
        ('dropout1d', (2, 3, 4), 1.0, True, False, 51), ('dropout', (2, 3, 4), 1.0, True, False, 52),
        ('dropout', (2, 3, 4), 0.0, True, False, 53), ('feature_alpha_dropout', (2, 3, 4), 1.0, True, False, 54)]:
    x = torch.ones(*shape) * 2
    torch.manual_seed(seed)
    (y, warns) = warned(lambda: getattr(F, fn)(x, p, training, inplace))
    drops.append({'fn': fn, 'shape': list(shape), 'p': p, 'training': training, 'inplace': inplace, 'seed': seed,
                  'out': enc(y), 'same': y is x, 'after': enc(torch.rand(2)), 'warnings': warns,
                  'input_after': enc(x)})
out['dropout'] = drops
out['dropout3d_repr'] = [repr(nn.Dropout3d()), repr(nn.Dropout3d(0.2, True))]
m = nn.Dropout3d(0.4)
x = torch.ones(2, 4, 1, 2, 2)
torch.manual_seed(60)
out['dropout3d_module'] = {'seed': 60, 'out': enc(m(x)), 'eval': enc(m.eval()(x))}
E('dropout3d/p', lambda: F.dropout3d(torch.ones(2, 2, 2, 2, 2), 1.5))
E('Dropout3d/p', lambda: nn.Dropout3d(-0.1))
E('dropout1d/rank', lambda: F.dropout1d(torch.ones(2, 2, 2, 2), 0.5))
E('dropout2d/1d', lambda: F.dropout2d(torch.ones(3), 0.5))

out['errors'] = errors
json.dump(out, open('test/fixtures/nn-more.json', 'w'), separators=(',', ':'))
print(f'{len(frac)} fractional cases, {len(unpool)} unpool cases, {len(drops)} dropout cases, {len(errors)} errors')
