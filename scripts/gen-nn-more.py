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

# ---------------------------------------------------------------- lazy modules

warnings.simplefilter('ignore')
lazy = []


def sd_repr(m):
    return [[k, repr(v) if isinstance(v, (nn.UninitializedParameter, nn.UninitializedBuffer)) else 'tensor']
            for k, v in m.state_dict().items()]


for seed, ctor, args, kw, shape, fkw in [
        (70, 'LazyLinear', [3], {}, (2, 5), {}),
        (71, 'LazyLinear', [4], {'bias': False}, (2, 3, 6), {}),
        (72, 'LazyConv1d', [4, 3], {'stride': 2}, (2, 3, 9), {}),
        (73, 'LazyConv2d', [4, 3], {'padding': 1, 'groups': 2, 'bias': False}, (1, 4, 5, 5), {}),
        (74, 'LazyConv2d', [3, [2, 3]], {'padding_mode': 'reflect', 'padding': 1}, (2, 6, 6), {}),
        (75, 'LazyConv3d', [2, 2], {}, (1, 3, 4, 4, 4), {}),
        (76, 'LazyConvTranspose1d', [2, 3], {'stride': 2, 'output_padding': 1}, (2, 3, 5), {}),
        (77, 'LazyConvTranspose2d', [4, 3], {'stride': 2, 'groups': 2}, (1, 4, 3, 3), {'output_size': [8, 8]}),
        (78, 'LazyConvTranspose3d', [2, 2], {'bias': False}, (1, 3, 2, 3, 2), {}),
        (79, 'LazyBatchNorm1d', [], {}, (4, 3), {}),
        (80, 'LazyBatchNorm1d', [], {'momentum': None, 'affine': False}, (4, 3, 5), {}),
        (81, 'LazyBatchNorm2d', [1e-3, 0.2], {}, (2, 3, 4, 4), {}),
        (82, 'LazyBatchNorm3d', [], {'track_running_stats': False}, (2, 2, 3, 3, 3), {}),
        (83, 'LazyBatchNorm1d', [], {'affine': False, 'track_running_stats': False}, (4, 3), {}),
        (84, 'LazyInstanceNorm1d', [], {}, (2, 3, 6), {}),
        (85, 'LazyInstanceNorm2d', [], {'affine': False}, (2, 3, 4, 4), {}),
        (86, 'LazyInstanceNorm3d', [], {'track_running_stats': False}, (1, 2, 3, 3, 3), {}),
        (87, 'LazyInstanceNorm2d', [], {}, (4, 4, 5), {})]:
    m = getattr(nn, ctor)(*args, **kw)
    rec = {'seed': seed, 'ctor': ctor, 'args': args, 'kwargs': kw, 'forward_kwargs': fkw, 'repr': repr(m), 'state_dict': sd_repr(m),
           'has_uninitialized': m.has_uninitialized_params()}
    x = r(*shape).requires_grad_(True)
    torch.manual_seed(seed)
    try:
        y = m(x, **fkw)
    except Exception as ex:  # noqa: BLE001 - PyTorch's quirk is part of the record
        rec.update({'input': enc(x), 'error': str(ex).split('\n')[0], 'class_after': type(m).__name__, 'repr_after': repr(m)})
        lazy.append(rec)
        continue
    after = torch.rand(2)
    g = r(*y.shape)
    (y * g).sum().backward()
    rec.update({'input': enc(x), 'out': enc(y), 'grad_out': enc(g), 'grad': enc(x.grad), 'class_after': type(m).__name__,
                'repr_after': repr(m), 'state_after': [[k, enc(v)] for k, v in m.state_dict().items()],
                'param_grads': [[k, enc(p.grad)] for k, p in m.named_parameters()], 'after': enc(after)})
    lazy.append(rec)
out['lazy'] = lazy


class LazyMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.LazyLinear(6)
        self.relu1 = nn.ReLU()
        self.fc2 = nn.LazyLinear(2)

    def forward(self, x):
        return self.fc2(self.relu1(self.fc1(x)))


net = LazyMLP()
rec = {'repr': repr(net), 'state_dict': sd_repr(net), 'n_params': len(list(net.parameters()))}
opts = [torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)]
x = r(4, 5)
torch.manual_seed(90)
for step in range(3):
    opts[0].zero_grad()
    net(x).pow(2).sum().backward()
    opts[0].step()
rec.update({'input': enc(x), 'seed': 90, 'repr_after': repr(net), 'params': [[k, enc(p)] for k, p in net.named_parameters()]})
net2 = LazyMLP()
adam = torch.optim.Adam(net2.parameters(), lr=0.01)
torch.manual_seed(91)
for step in range(3):
    adam.zero_grad()
    net2(x).pow(2).sum().backward()
    adam.step()
rec['adam'] = [[k, enc(p)] for k, p in net2.named_parameters()]
rec['adam_state'] = [[k, enc(v)] for k, v in adam.state_dict()['state'][0].items() if k != 'step']
out['lazy_mlp'] = rec

# loading a state_dict into an uninitialized lazy module: materialized, copied, the class changes at the next forward
torch.manual_seed(92)
full = nn.Linear(5, 3)
lz = nn.LazyLinear(3)
res = lz.load_state_dict(full.state_dict())
xl = r(2, 5)
rec = {'weight': enc(full.weight), 'bias': enc(full.bias), 'repr_loaded': repr(lz), 'class_loaded': type(lz).__name__,
       'missing': res.missing_keys, 'unexpected': res.unexpected_keys, 'input': enc(xl)}
yl = lz(xl)
rec.update({'out': enc(yl), 'repr_after': repr(lz), 'class_after': type(lz).__name__, 'in_features': lz.in_features})
bn = nn.BatchNorm1d(3)
bn(r(4, 3) * 2 + 1)
lbn = nn.LazyBatchNorm1d()
lbn.load_state_dict(bn.state_dict())
rec['bn_state'] = [[k, enc(v)] for k, v in bn.state_dict().items()]
rec['bn_loaded'] = [[k, enc(v)] for k, v in lbn.state_dict().items()]
rec['bn_repr'] = repr(lbn)
lazy_lazy = nn.LazyLinear(3)
rec['lazy_into_lazy'] = str(lazy_lazy.load_state_dict(nn.LazyLinear(3).state_dict()))
rec['lazy_into_lazy_repr'] = sd_repr(lazy_lazy)
out['lazy_load'] = rec

p = nn.UninitializedParameter()
b = nn.UninitializedBuffer()
q = nn.UninitializedParameter(requires_grad=False)
out['uninit'] = {'p': [repr(p), p.requires_grad, list(p.size()), p.is_leaf], 'b': [repr(b), b.requires_grad],
                 'q': q.requires_grad}
p.materialize((2, 3))
b.materialize(4)
out['uninit']['after'] = [type(p).__name__, list(p.shape), p.requires_grad, type(b).__name__, list(b.shape)]
out['lazy_seq_repr'] = repr(nn.Sequential(nn.LazyConv2d(8, 3), nn.LazyBatchNorm2d(), nn.ReLU(), nn.Flatten(), nn.LazyLinear(10)))

E('lazy/shape', lambda: nn.LazyLinear(3).weight.shape)
E('lazy/op', lambda: nn.LazyLinear(3).forward(torch.randn(2, 4)))
E('lazy/op-buffer', lambda: nn.UninitializedBuffer() + 1)
E('lazy/conv-dims', lambda: nn.LazyConv2d(4, 3)(torch.randn(2, 3)))
E('lazy/conv-groups', lambda: nn.LazyConv2d(4, 3, groups=2)(torch.randn(1, 3, 5, 5)))
E('lazy/conv-groups-out', lambda: nn.LazyConv2d(5, 3, groups=2)(torch.randn(1, 4, 5, 5)))
E('lazy/bn-1d', lambda: nn.LazyBatchNorm1d()(torch.randn(4)))
E('lazy/linear-0d', lambda: nn.LazyLinear(3)(torch.tensor(1.)))
E('lazy/conv-same-stride', lambda: nn.LazyConv2d(4, 3, padding='same', stride=2))
E('lazy/convt-mode', lambda: nn.LazyConvTranspose2d(4, 3, padding_mode='reflect'))
E('lazy/linear-args', lambda: nn.LazyLinear(3, True, None, None, 5))
E('lazy/norm-args', lambda: nn.LazyBatchNorm1d(1e-3, 0.2, True, True, None, None, 1))
E('lazy/instance-unbatched', lambda: nn.LazyInstanceNorm2d()(torch.randn(3, 4, 5)))
E('lazy/load-into-linear', lambda: nn.Linear(4, 3).load_state_dict(nn.LazyLinear(3).state_dict()))
E('lazy/weight_norm', lambda: nn.utils.weight_norm(nn.LazyLinear(3)))
E('lazy/spectral_norm', lambda: nn.utils.spectral_norm(nn.LazyLinear(3)))
E('lazy/bn-eval-uninit-forward', lambda: nn.LazyBatchNorm2d().forward(torch.randn(2, 3, 4, 4)))

# ---------------------------------------------------------------- DataParallel, SyncBatchNorm, Container, NLLLoss2d

torch.manual_seed(100)
dp = nn.DataParallel(nn.Linear(3, 2))
xd = r(4, 3)
out['data_parallel'] = {'repr': repr(dp), 'state_dict': list(dp.state_dict().keys()), 'device_ids': dp.device_ids,
                        'weight': enc(dp.module.weight), 'bias': enc(dp.module.bias), 'input': enc(xd), 'out': enc(dp(xd)),
                        'grad_fn': type(dp(xd).grad_fn).__name__,
                        'nested': repr(nn.DataParallel(nn.Sequential(nn.Linear(2, 2), nn.ReLU()), device_ids=[0, 1], dim=1))}
E('DataParallel/args', lambda: nn.DataParallel(nn.Linear(2, 2), None, None, 0, 1))

sb = nn.SyncBatchNorm(4, momentum=None, process_group='pg')
out['sync_bn'] = {'repr': repr(sb), 'state_dict': list(sb.state_dict().keys()), 'repr2': repr(nn.SyncBatchNorm(3, 1e-3, 0.2, False, False))}
E('SyncBatchNorm/forward', lambda: nn.SyncBatchNorm(4)(r(2, 4)))
E('SyncBatchNorm/forward-1d', lambda: nn.SyncBatchNorm(4)(r(2)))
E('SyncBatchNorm/args', lambda: nn.SyncBatchNorm(4, 1e-3, None, False, False, 'pg', None, None, 1))
torch.manual_seed(101)
seq = nn.Sequential(nn.Conv2d(2, 3, 1), nn.BatchNorm2d(3), nn.Sequential(nn.BatchNorm1d(3, affine=False, momentum=None)), nn.ReLU())
seq[1](r(2, 3, 2, 2))
before = {k: enc(v) for k, v in seq.state_dict().items()}
conv = nn.SyncBatchNorm.convert_sync_batchnorm(seq, 'pg')
out['convert_sync'] = {'repr': repr(conv), 'same': conv is seq, 'state': [[k, enc(v)] for k, v in conv.state_dict().items()],
                       'state_before': before, 'process_group': conv[1].process_group}

warnings.simplefilter('always')
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    c = nn.Container(a=nn.Linear(2, 2), b=nn.ReLU())
    out['container'] = {'repr': repr(c), 'warnings': [str(x.message) for x in w], 'state_dict': list(c.state_dict().keys())}
E('Container/forward', lambda: nn.Container(a=nn.ReLU())(r(2)))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    l2 = nn.NLLLoss2d(ignore_index=1, reduction='sum')
    xl = torch.log_softmax(r(2, 3, 4, 4), 1).requires_grad_(True)
    tl = torch.randint(0, 3, (2, 4, 4))
    yl = l2(xl, tl)
    yl.backward()
    out['nll2d'] = {'repr': repr(l2), 'repr_default': repr(nn.NLLLoss2d()), 'warnings': [str(x.message) for x in w][:1],
                    'input': enc(xl), 'target': enc(tl), 'out': enc(yl), 'grad': enc(xl.grad), 'grad_fn': type(yl.grad_fn).__name__}
E('NLLLoss2d/args', lambda: nn.NLLLoss2d(None, None, -100, None, 'mean', 1))
warnings.simplefilter('ignore')

# ---------------------------------------------------------------- CrossMapLRN2d

lrn = []
for size, args, shape in [(3, [], (2, 5, 3, 4)), (5, [1e-2, 0.5, 2], (1, 7, 3, 3)), (2, [0.1, 0.75, 1], (2, 4, 2, 3)),
                          (4, [0.05, 1.5, 0.5], (1, 3, 2, 2)), (7, [0.2, 0.6, 1], (1, 10, 2, 2))]:
    m = nn.CrossMapLRN2d(size, *args)
    x = r(*shape).requires_grad_(True)
    y = m(x)
    g = r(*y.shape)
    (y * g).sum().backward()
    lrn.append({'size': size, 'args': args, 'repr': repr(m), 'input': enc(x), 'out': enc(y), 'grad_fn': type(y.grad_fn).__name__,
                'grad_out': enc(g), 'grad': enc(x.grad)})
out['cross_map_lrn'] = lrn
E('CrossMapLRN2d/3d', lambda: nn.CrossMapLRN2d(3)(r(5, 3, 3)))
E('CrossMapLRN2d/args', lambda: nn.CrossMapLRN2d(3, 1e-4, 0.75, 1, 5))
E('CrossMapLRN2d/size1-backward', lambda: nn.CrossMapLRN2d(1)(r(1, 3, 2, 2).requires_grad_(True)).sum().backward())

# ---------------------------------------------------------------- AdaptiveLogSoftmaxWithLoss

asm = []
for seed, args, kw, xs, target in [
        (110, [8, 10, [3, 6]], {}, (6, 8), [0, 4, 9, 2, 7, 5]),
        (111, [6, 12, [4]], {'div_value': 2.0, 'head_bias': True}, (5, 6), [11, 3, 0, 8, 4]),
        (112, [16, 20, [2, 5, 11]], {'div_value': 3.0}, (7, 16), [1, 1, 1, 0, 0, 1, 0]),
        (113, [8, 10, [3, 6]], {}, (8,), 7),
        (114, [8, 10, [3, 6]], {}, (1, 8), [8])]:
    torch.manual_seed(seed)
    m = nn.AdaptiveLogSoftmaxWithLoss(*args, **kw)
    x = r(*xs).requires_grad_(True)
    t = torch.tensor(target)
    res = m(x, t)
    g = torch.randn(res.output.shape)
    ((res.output * g).sum() + res.loss).backward()
    xp = r(5, args[0])
    asm.append({'seed': seed, 'args': args, 'kwargs': kw, 'repr': repr(m), 'state_dict': list(m.state_dict().keys()),
                'params': [[k, enc(p)] for k, p in m.named_parameters()], 'input': enc(x), 'target': enc(t),
                'output': enc(res.output), 'loss': enc(res.loss), 'grad_fns': [type(res.output.grad_fn).__name__,
                                                                                   type(res.loss.grad_fn).__name__],
                'grad_out': enc(g), 'grad': enc(x.grad), 'param_grads': [[k, enc(p.grad)] for k, p in m.named_parameters()],
                'log_prob_input': enc(xp), 'log_prob': enc(m.log_prob(xp)),
                'log_prob_grad_fn': type(m.log_prob(xp).grad_fn).__name__, 'predict': enc(m.predict(xp))})
out['asm'] = asm
torch.manual_seed(115)
m = nn.AdaptiveLogSoftmaxWithLoss(4, 6, [2])
with torch.no_grad():
    m.head.weight.copy_(torch.tensor([[5.0, 0, 0, 0], [0, 0, 0, 0], [0, 5.0, 0, 0]]))
xp = torch.tensor([[1.0, 0, 0, 0], [0, 1.0, 0, 0], [0, 2.0, 0, 0], [1.0, -1.0, 0, 0]])
out['asm_predict'] = {'params': [[k, enc(p)] for k, p in m.named_parameters()], 'input': enc(xp), 'predict': enc(m.predict(xp)),
                      'all_cluster': enc(m.predict(xp[1:3])), 'shortlist': enc(m.predict(xp[[0]])),
                      'str': str(m(xp, torch.tensor([0, 3, 5, 1])))}
m = nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 6])
E('asm/cutoffs-unsorted', lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 10, [6, 3]))
E('asm/cutoffs-range', lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 10]))
E('asm/cutoffs-zero', lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 10, [0, 3]))
E('asm/cutoffs-dup', lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 3]))
E('asm/cutoffs-float', lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3.5]))
E('asm/batch', lambda: m(r(3, 8), torch.tensor([1, 2])))
E('asm/1d-target-3d-input', lambda: m(r(2, 3, 8), torch.tensor([1, 2])))
E('asm/0d-target', lambda: m(r(2, 8), torch.tensor(1)))
E('asm/2d-target', lambda: m(r(2, 8), torch.tensor([[1, 2]])))
E('asm/target-range', lambda: m(r(3, 8), torch.tensor([1, 12, -1])))
E('asm/args', lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3], 4.0, False, None, None, 1))

# ---------------------------------------------------------------- the rest of nn.functional

fx = []


def fcase(id, fn, inputs, *args, out_index=None, **kw):
    """fn(*inputs, *args, **kw): every output's value, the gradients of sum(out0 * g) and the node name."""
    xs = [t.clone().requires_grad_(t.is_floating_point()) for t in inputs]
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        res = getattr(F, fn)(*xs, *args, **kw)
    outs = list(res) if isinstance(res, tuple) else [res]
    y = outs[0]
    rec = {'id': id, 'fn': fn, 'inputs': [enc(t) for t in inputs], 'args': ['inf' if a == float('inf') else a for a in args],
           'kwargs': kw, 'outs': [enc(o) for o in outs],
           'grad_fn': type(y.grad_fn).__name__ if y.grad_fn else None, 'warnings': [str(x.message) for x in w]}
    if y.requires_grad and y.numel():
        g = r(*y.shape)
        try:
            (y * g).sum().backward()
            rec.update({'grad_out': enc(g), 'grads': [enc(t.grad) if t.grad is not None else None for t in xs]})
        except RuntimeError as ex:
            rec['backward_error'] = str(ex).split('\n')[0]
    fx.append(rec)


xi = r(2, 3, 9)
fcase('max_pool1d_with_indices', 'max_pool1d_with_indices', [xi], 3, 2, 1)
fcase('max_pool2d_with_indices', 'max_pool2d_with_indices', [r(1, 2, 6, 7)], 2, return_indices=False)
fcase('max_pool3d_with_indices', 'max_pool3d_with_indices', [r(1, 2, 4, 4, 5)], 2, ceil_mode=True)
fcase('adaptive_max_pool1d_with_indices', 'adaptive_max_pool1d_with_indices', [xi], 4)
fcase('adaptive_max_pool1d(return_indices)', 'adaptive_max_pool1d', [xi], 4, True)
fcase('adaptive_max_pool2d_with_indices', 'adaptive_max_pool2d_with_indices', [r(1, 2, 7, 6)], [3, 2])
fcase('adaptive_max_pool3d_with_indices', 'adaptive_max_pool3d_with_indices', [r(1, 2, 5, 4, 6)], 2)
fcase('upsample', 'upsample', [r(1, 2, 3, 3)], scale_factor=2)
fcase('upsample(bilinear)', 'upsample', [r(1, 2, 3, 3)], [5, 4], None, 'bilinear', False)
fcase('upsample_nearest', 'upsample_nearest', [r(1, 2, 3)], 7)
fcase('upsample_bilinear', 'upsample_bilinear', [r(1, 2, 3, 4)], scale_factor=2)
fcase('pdist', 'pdist', [r(5, 3)])
fcase('pdist(p=1)', 'pdist', [r(4, 6)], 1)
fcase('pdist(p=0)', 'pdist', [torch.tensor([[0., 1], [0, 1], [2, 3]])], 0)
fcase('pdist(p=3)', 'pdist', [r(4, 3)], p=3)
fcase('pdist(p=inf)', 'pdist', [r(4, 3)], float('inf'))
fcase('pdist(one row)', 'pdist', [r(1, 3)])
fcase('conv_tbc', 'conv_tbc', [r(6, 2, 3), r(3, 3, 4), r(4)])
fcase('conv_tbc(pad)', 'conv_tbc', [r(5, 3, 2), r(2, 2, 3), r(3)], 2)
fcase('conv_tbc(negative pad)', 'conv_tbc', [r(7, 2, 2), r(3, 2, 2), r(2)], pad=-1)
fcase('native_channel_shuffle', 'native_channel_shuffle', [r(1, 6, 2, 2)], 3)
out['functional'] = fx
E('pdist/3d', lambda: F.pdist(r(2, 3, 4)))
E('pdist/p', lambda: F.pdist(r(3, 4), -1))
E('pdist/long', lambda: F.pdist(torch.tensor([[1, 2], [3, 4]])))
E('conv_tbc/input', lambda: F.conv_tbc(r(5, 2), r(3, 3, 4), r(4)))
E('conv_tbc/weight', lambda: F.conv_tbc(r(5, 2, 3), r(3, 3), r(4)))
E('conv_tbc/bias', lambda: F.conv_tbc(r(5, 2, 3), r(3, 3, 4), r(4, 1)))
E('conv_tbc/channels', lambda: F.conv_tbc(r(5, 2, 3), r(3, 2, 4), r(4)))
E('conv_tbc/bias-size', lambda: F.conv_tbc(r(5, 2, 3), r(3, 3, 4), r(5)))
E('conv_tbc/too-long', lambda: F.conv_tbc(r(5, 2, 3), r(7, 3, 4), r(4)))
E('max_pool2d_with_indices/args', lambda: F.max_pool2d_with_indices(r(1, 2, 4, 4), 2, 2, 0, 1, False, False, 1))

out['errors'] = errors
json.dump(out, open('test/fixtures/nn-more.json', 'w'), separators=(',', ':'), allow_nan=False)
print(f'{len(frac)} fractional cases, {len(unpool)} unpool cases, {len(drops)} dropout cases, {len(errors)} errors')
