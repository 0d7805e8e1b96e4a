# Writes test/fixtures/nn-extra.json: what PyTorch 1.13 computes for tocha's transposed
# convolutions, RReLU, LocalResponseNorm, ParameterDict / ParameterList and the in-place activations
# (forward values, gradients of sum(out * g), grad_fn names, reprs, error messages). Every input is
# written into the JSON, so the tests never depend on reproducing it.
# Run from the repo root: /usr/bin/python3 scripts/gen-nn-extra.py
import json
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
r = torch.randn


from pyfixture import enc, message


out = {}

# ---------------------------------------------------------------- conv_transpose1d / 2d

convt = []


def ct(id, fn, x, w, b, **kw):
    x = x.clone().requires_grad_(True)
    w = w.clone().requires_grad_(True)
    b = b.clone().requires_grad_(True) if b is not None else None
    y = getattr(F, fn)(x, w, b, **kw)
    g = r(y.shape)
    (y * g).sum().backward()
    convt.append({'id': id, 'fn': fn, 'kwargs': kw, 'input': enc(x), 'weight': enc(w), 'bias': enc(b),
                  'out': enc(y), 'grad_fn': type(y.grad_fn).__name__, 'grad_out': enc(g), 'grad_input': enc(x.grad),
                  'grad_weight': enc(w.grad), 'grad_bias': enc(b.grad) if b is not None else None})


ct('2d/plain', 'conv_transpose2d', r(2, 3, 4, 5), r(3, 2, 3, 3), r(2))
ct('2d/stride-pad-outpad', 'conv_transpose2d', r(2, 3, 4, 4), r(3, 4, 3, 3), r(4), stride=2, padding=1, output_padding=1)
ct('2d/asym', 'conv_transpose2d', r(1, 2, 3, 5), r(2, 3, 3, 2), r(3), stride=(3, 2), padding=(1, 0), output_padding=(2, 1))
ct('2d/dilation', 'conv_transpose2d', r(2, 2, 4, 3), r(2, 3, 3, 2), None, dilation=(2, 3), padding=(1, 2))
ct('2d/outpad<dilation', 'conv_transpose2d', r(1, 2, 4, 4), r(2, 2, 3, 3), r(2), dilation=2, output_padding=1)
ct('2d/groups', 'conv_transpose2d', r(2, 4, 3, 3), r(4, 3, 2, 2), r(6), groups=2, stride=2)
ct('2d/depthwise', 'conv_transpose2d', r(1, 3, 4, 4), r(3, 1, 3, 3), None, groups=3, padding=1)
ct('2d/1x1', 'conv_transpose2d', r(2, 5, 3, 4), r(5, 3, 1, 1), r(3))
ct('2d/unbatched', 'conv_transpose2d', r(3, 4, 4), r(3, 2, 2, 3), r(2), stride=2)
ct('2d/stride>kernel', 'conv_transpose2d', r(1, 2, 3, 3), r(2, 2, 2, 2), r(2), stride=3, output_padding=2)
ct('2d/wide', 'conv_transpose2d', r(2, 3, 2, 19), r(3, 9, 3, 5), r(9), stride=(1, 2), padding=(1, 2))
ct('1d/plain', 'conv_transpose1d', r(2, 3, 7), r(3, 4, 3), r(4))
ct('1d/stride-outpad', 'conv_transpose1d', r(2, 4, 5), r(4, 3, 4), r(3), stride=3, padding=2, output_padding=2)
ct('1d/groups-dil', 'conv_transpose1d', r(1, 6, 6), r(6, 1, 3), r(3), groups=3, dilation=2, stride=2, output_padding=1)
ct('1d/unbatched', 'conv_transpose1d', r(3, 5), r(3, 2, 2), None, stride=2)
out['convt'] = convt

# Second order (create_graph), including an output_padding that the backward conv overshoots.
double = []
for fn, xs, ws, kw in [('conv_transpose2d', (2, 2, 3, 3), (2, 3, 3, 3), {'stride': 2, 'padding': 1, 'output_padding': 1}),
                       ('conv_transpose2d', (1, 4, 3, 2), (4, 1, 2, 2), {'groups': 2, 'dilation': 2, 'output_padding': 1}),
                       ('conv_transpose1d', (2, 2, 5), (2, 3, 3), {'stride': 2, 'output_padding': 1})]:
    x = r(*xs).requires_grad_(True)
    w = r(*ws).requires_grad_(True)
    b = r(ws[1] * kw.get('groups', 1)).requires_grad_(True)
    y = getattr(F, fn)(x, w, b, **kw)
    g = r(y.shape)
    gx, gw = torch.autograd.grad((y * g).sum(), [x, w], create_graph=True)
    h1, h2 = r(gx.shape), r(gw.shape)
    ((gx * h1).sum() + (gw * h2).sum()).backward()
    double.append({'fn': fn, 'kwargs': kw, 'input': enc(x), 'weight': enc(w), 'bias': enc(b), 'g': enc(g),
                   'gx': enc(gx), 'gw': enc(gw), 'h1': enc(h1), 'h2': enc(h2), 'ggx': enc(x.grad), 'ggw': enc(w.grad)})
out['convt_double'] = double

# Modules: PyTorch's initial weights for a seed, printing, and forward with output_size.
modules = []
for seed, ctor, args, kw, xs, osize in [
        (0, 'ConvTranspose2d', [3, 4, 3], {'stride': 2, 'padding': 1}, (2, 3, 4, 4), [8, 8]),
        (1, 'ConvTranspose2d', [4, 6, (2, 3)], {'stride': (2, 1), 'groups': 2, 'bias': False}, (1, 4, 3, 3), [1, 6, 7, 5]),
        (2, 'ConvTranspose1d', [2, 3, 4], {'stride': 3, 'dilation': 2, 'output_padding': 1}, (2, 2, 5), None),
        (3, 'ConvTranspose1d', [2, 4, 3], {'stride': 3}, (2, 6), [18])]:
    torch.manual_seed(seed)
    m = getattr(nn, ctor)(*args, **kw)
    x = r(*xs)
    y = m(x, output_size=osize) if osize is not None else m(x)
    modules.append({'seed': seed, 'ctor': ctor, 'args': args, 'kwargs': kw, 'repr': repr(m), 'weight': enc(m.weight),
                    'bias': enc(m.bias) if m.bias is not None else None, 'input': enc(x), 'output_size': osize,
                    'out': enc(y), 'state_dict': list(m.state_dict().keys())})
out['convt_modules'] = modules
torch.manual_seed(10)

# ---------------------------------------------------------------- RReLU

# Training draws: after manual_seed(seed), F.rrelu(x, lower, upper, training=True), x written here.
rrelu = []
for seed, shape, lo, hi, inplace in [(0, (4, 5), 1 / 8, 1 / 3, False), (7, (3, 2, 6), 0.1, 0.9, False),
                                     (42, (37,), 0.0, 1.0, True), (3, (2, 3), 0.25, 0.25, False)]:
    x = (torch.arange(torch.Size(shape).numel(), dtype=torch.float32).reshape(shape) * 0.37 % 2.1 - 1.0)
    a = x.clone().requires_grad_(True)
    torch.manual_seed(seed)
    z = a * 1
    y = F.rrelu(z, lo, hi, True, inplace)
    g = torch.linspace(-1, 1, y.numel()).reshape(shape)
    (y * g).sum().backward()
    after = torch.rand(3)  # the stream position after the draws
    rrelu.append({'seed': seed, 'lower': lo, 'upper': hi, 'inplace': inplace, 'input': enc(x), 'out': enc(y),
                  'grad_fn': type(y.grad_fn).__name__, 'grad_out': enc(g), 'grad': enc(a.grad), 'after': enc(after)})
out['rrelu_train'] = rrelu

rrelu_eval = []
for lo, hi in [(1 / 8, 1 / 3), (0.1, 0.7)]:
    x = r(3, 4)
    a = x.clone().requires_grad_(True)
    y = F.rrelu(a, lo, hi)
    g = r(3, 4)
    (y * g).sum().backward()
    m = nn.RReLU(lo, hi).eval()
    rrelu_eval.append({'lower': lo, 'upper': hi, 'input': enc(x), 'out': enc(y), 'module_out': enc(m(x)),
                       'grad_fn': type(y.grad_fn).__name__, 'grad_out': enc(g), 'grad': enc(a.grad)})
out['rrelu_eval'] = rrelu_eval

# ---------------------------------------------------------------- LocalResponseNorm

lrn = []
for shape, size, kw in [((2, 5, 4), 3, {}), ((2, 6, 3, 4), 2, {'alpha': 1e-2, 'beta': 0.5, 'k': 2.0}),
                        ((1, 4, 2, 3, 2), 5, {'alpha': 0.5, 'beta': 1.25, 'k': 1.5}), ((3, 3, 5), 1, {'alpha': 0.3})]:
    x = r(*shape) * 2
    a = x.clone().requires_grad_(True)
    y = F.local_response_norm(a, size, **kw)
    g = r(*shape)
    (y * g).sum().backward()
    m = nn.LocalResponseNorm(size, **kw)
    lrn.append({'size': size, 'kwargs': kw, 'input': enc(x), 'out': enc(y), 'module_out': enc(m(x)),
                'grad_fn': type(y.grad_fn).__name__, 'grad_out': enc(g), 'grad': enc(a.grad), 'repr': repr(m)})
out['lrn'] = lrn

# ---------------------------------------------------------------- in-place activations

# x = a * 1 (not a leaf); y = f(x, inplace=True): y is x, its version goes up by one, the grad of
# sum(y * g) reaches a through PyTorch's in-place node.
inplace = []
IN = [
    ('relu', [], {}), ('relu_', [], None), ('relu6', [], {}), ('hardtanh', [-0.5, 0.75], {}), ('hardtanh_', [-0.5, 0.75], None),
    ('leaky_relu', [0.2], {}), ('leaky_relu_', [0.2], None), ('elu', [0.7], {}), ('elu_', [0.7], None),
    ('selu', [], {}), ('selu_', [], None), ('celu', [1.3], {}), ('celu_', [1.3], None), ('silu', [], {}),
    ('mish', [], {}), ('hardsigmoid', [], {}), ('hardswish', [], {}), ('threshold', [0.1, -2.0], {}),
    ('threshold_', [0.1, -2.0], None), ('rrelu', [0.1, 0.3], {}), ('rrelu_', [0.1, 0.3], None),
]
xin = torch.tensor([[-3.5, -1.2, -0.4, 0.0, 0.05, 0.1], [0.3, 0.8, 1.7, 2.9, 4.2, 7.5]])
gin = torch.linspace(-1.5, 2.0, 12).reshape(2, 6)
for name, args, kw in IN:
    a = xin.clone().requires_grad_(True)
    x = a * 1
    v0 = x._version
    if kw is None:
        y = getattr(F, name)(x, *args)
    else:
        y = getattr(F, name)(x, *args, inplace=True)
    (y * gin).sum().backward()
    inplace.append({'fn': name, 'args': args, 'same': y is x, 'version': x._version - v0, 'out': enc(y),
                    'grad_fn': type(y.grad_fn).__name__, 'grad': enc(a.grad)})
out['inplace'] = {'input': enc(xin), 'grad_out': enc(gin), 'cases': inplace}

# Modules with inplace=True: the input tensor holds the output afterwards.
inplace_modules = []
for code, m in [('ReLU(True)', nn.ReLU(True)), ('ReLU6(True)', nn.ReLU6(True)),
                ('Hardtanh(-0.5, 0.5, True)', nn.Hardtanh(-0.5, 0.5, True)), ('LeakyReLU(0.1, True)', nn.LeakyReLU(0.1, True)),
                ('ELU(0.5, True)', nn.ELU(0.5, True)), ('CELU(2.0, True)', nn.CELU(2.0, True)), ('SELU(True)', nn.SELU(True)),
                ('SiLU(True)', nn.SiLU(True)), ('Mish(True)', nn.Mish(True)), ('Hardsigmoid(True)', nn.Hardsigmoid(True)),
                ('Hardswish(True)', nn.Hardswish(True)), ('Threshold(0.1, 20.0, True)', nn.Threshold(0.1, 20.0, True)),
                ('RReLU(0.1, 0.3, True)', nn.RReLU(0.1, 0.3, True).eval())]:
    x = xin.clone()
    y = m(x)
    inplace_modules.append({'code': code, 'repr': repr(m), 'same': y is x, 'out': enc(x)})
out['inplace_modules'] = inplace_modules

# ---------------------------------------------------------------- ParameterDict / ParameterList


class Holder(nn.Module):
    def __init__(self):
        super().__init__()
        self.pd = nn.ParameterDict({'w': nn.Parameter(torch.ones(2))})
        self.pl = nn.ParameterList([nn.Parameter(torch.ones(2, 2)), torch.zeros(3)])
        self.lin = nn.Linear(2, 1)


pd = nn.ParameterDict({'alpha': nn.Parameter(torch.ones(2, 3)), 'beta': torch.zeros(4)})
pd['gamma'] = nn.Parameter(torch.ones(1), requires_grad=False)
pd.update([('delta', torch.ones(2, 1, 3))])
h = Holder()
out['params'] = {
    'dict_repr': repr(pd), 'dict_keys': list(pd.state_dict().keys()),
    'dict_requires_grad': [p.requires_grad for p in pd.values()],
    'dict_missing': message(lambda: pd['zz']),
    'empty_dict_repr': repr(nn.ParameterDict()), 'empty_list_repr': repr(nn.ParameterList()),
    'list_repr': repr(nn.ParameterList([torch.ones(3, 4), nn.Parameter(torch.zeros(5))])),
    'holder_repr': repr(h), 'holder_keys': list(h.state_dict().keys()),
    'holder_params': [n for n, _ in h.named_parameters()],
}
pd.pop('beta')
out['params']['dict_after_pop'] = list(pd.keys())

# ---------------------------------------------------------------- reprs

reprs = []
for code, m in [
        ('ConvTranspose2d(2, 3, 3)', nn.ConvTranspose2d(2, 3, 3)),
        ('ConvTranspose2d(2, 3, (3, 2), stride=(2, 1), padding=(1, 0), output_padding=(1, 0))',
         nn.ConvTranspose2d(2, 3, (3, 2), stride=(2, 1), padding=(1, 0), output_padding=(1, 0))),
        ('ConvTranspose2d(2, 4, 3, padding=1, dilation=2, groups=2)', nn.ConvTranspose2d(2, 4, 3, padding=1, dilation=2, groups=2)),
        ('ConvTranspose1d(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2, bias=False, dilation=2)',
         nn.ConvTranspose1d(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2, bias=False, dilation=2)),
        ('RReLU()', nn.RReLU()), ('RReLU(0.1, 0.3, True)', nn.RReLU(0.1, 0.3, True)),
        ('LocalResponseNorm(3)', nn.LocalResponseNorm(3)), ('LocalResponseNorm(2, 1e-3, 0.5, 2.0)', nn.LocalResponseNorm(2, 1e-3, 0.5, 2.0)),
        ('ReLU()', nn.ReLU()), ('ReLU(True)', nn.ReLU(True)), ('ReLU6(True)', nn.ReLU6(True)),
        ('Hardtanh(inplace=True)', nn.Hardtanh(inplace=True)), ('LeakyReLU(inplace=True)', nn.LeakyReLU(inplace=True)),
        ('ELU(inplace=True)', nn.ELU(inplace=True)), ('CELU(inplace=True)', nn.CELU(inplace=True)), ('SELU(True)', nn.SELU(True)),
        ('SiLU(True)', nn.SiLU(True)), ('Mish(True)', nn.Mish(True)), ('Hardsigmoid(True)', nn.Hardsigmoid(True)),
        ('Hardswish(True)', nn.Hardswish(True)), ('Threshold(0.1, 20.0, True)', nn.Threshold(0.1, 20.0, True)),
        ('Dropout(inplace=True)', nn.Dropout(inplace=True)), ('Dropout2d(inplace=True)', nn.Dropout2d(inplace=True)),
        ('AlphaDropout(inplace=True)', nn.AlphaDropout(inplace=True))]:
    reprs.append({'code': code, 'text': repr(m)})
out['reprs'] = reprs

# ---------------------------------------------------------------- errors

z = torch.zeros
w2 = z(2, 3, 3, 3)
x2 = z(1, 2, 4, 4)
leaf = torch.ones(3, requires_grad=True)


def version_error():
    a = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
    x = a * 2
    y = x.pow(2)
    F.relu(x, inplace=True)
    y.sum().backward()


errors = {
    'ct2d/channels': lambda: F.conv_transpose2d(z(1, 3, 4, 4), w2),
    'ct1d/channels': lambda: F.conv_transpose1d(z(1, 3, 4), z(2, 3, 3)),
    'ct2d/outpad>=stride': lambda: F.conv_transpose2d(x2, w2, stride=2, output_padding=2),
    'ct2d/outpad>=stride-dil': lambda: F.conv_transpose2d(x2, w2, stride=2, dilation=2, output_padding=2),
    'ct2d/outpad-stride1': lambda: F.conv_transpose2d(x2, w2, output_padding=1),
    'ct2d/outpad-one-dim': lambda: F.conv_transpose2d(x2, w2, stride=(3, 1), output_padding=(2, 1)),
    'ct1d/outpad>=stride': lambda: F.conv_transpose1d(z(1, 2, 4), z(2, 3, 3), stride=2, output_padding=2),
    'ct2d/dims': lambda: F.conv_transpose2d(z(2, 2, 2, 4, 4), w2),
    'ct1d/dims': lambda: F.conv_transpose1d(z(4), z(2, 3, 3)),
    'ct2d/bias': lambda: F.conv_transpose2d(x2, w2, z(4)),
    'ct2d/groups-at-least': lambda: F.conv_transpose2d(x2, w2, groups=4),
    'ct2d/groups-divisible': lambda: F.conv_transpose2d(z(1, 3, 4, 4), z(3, 3, 3, 3), groups=2),
    'ct2d/groups0': lambda: F.conv_transpose2d(x2, w2, groups=0),
    'ct2d/stride0': lambda: F.conv_transpose2d(x2, w2, stride=0),
    'ct2d/negpad': lambda: F.conv_transpose2d(x2, w2, padding=-1),
    'ct2d/neg-outpad': lambda: F.conv_transpose2d(x2, w2, output_padding=-1),
    'ct2d/dil0': lambda: F.conv_transpose2d(x2, w2, dilation=0),
    'ct1d/dil0': lambda: F.conv_transpose1d(z(1, 2, 4), z(2, 3, 3), dilation=0),
    'ct2d/too-small': lambda: F.conv_transpose2d(x2, w2, padding=3),
    'ct1d/too-small': lambda: F.conv_transpose1d(z(1, 2, 2), z(2, 3, 2), padding=2),
    'ct2d/stride-len': lambda: F.conv_transpose2d(x2, w2, stride=[1, 2, 3]),
    'ct2d/weight-dims': lambda: F.conv_transpose2d(x2, z(2, 3, 3)),
    'ConvTranspose2d/padding_mode': lambda: nn.ConvTranspose2d(2, 3, 3, padding_mode='reflect'),
    'ConvTranspose1d/padding_mode': lambda: nn.ConvTranspose1d(2, 3, 3, padding_mode='circular'),
    'ConvTranspose2d/in-groups': lambda: nn.ConvTranspose2d(3, 4, 3, groups=2),
    'ConvTranspose2d/out-groups': lambda: nn.ConvTranspose2d(4, 3, 3, groups=2),
    'ConvTranspose2d/output_size-range': lambda: nn.ConvTranspose2d(2, 3, 3, stride=2)(x2, output_size=[20, 20]),
    'ConvTranspose2d/output_size-len': lambda: nn.ConvTranspose2d(2, 3, 3, stride=2)(x2, output_size=[1, 2, 3]),
    'ConvTranspose1d/output_size-range': lambda: nn.ConvTranspose1d(2, 3, 3, stride=3)(z(2, 2, 4), output_size=[9]),
    'ConvTranspose1d/output_size-unbatched': lambda: nn.ConvTranspose1d(2, 3, 3, stride=3)(z(2, 4), output_size=[15]),
    'ConvTranspose1d/output_size-len': lambda: nn.ConvTranspose1d(2, 3, 3)(z(2, 4), output_size=[1, 2, 3]),
    'rrelu/bounds-train': lambda: F.rrelu(z(3), 0.5, 0.1, True),
    'rrelu/bounds-eval': lambda: F.rrelu(z(3), 0.5, 0.1, False),
    'rrelu/long-train': lambda: F.rrelu(torch.tensor([-1, 2]), training=True),
    'rrelu/long-eval': lambda: F.rrelu(torch.tensor([-1, 2])),
    'lrn/dims': lambda: F.local_response_norm(z(2, 3), 2),
    'lrn/size0': lambda: F.local_response_norm(torch.ones(2, 3, 4), 0),
    'lrn/size0-4d': lambda: F.local_response_norm(torch.ones(2, 3, 4, 1), 0),
    'inplace/leaf': lambda: nn.ReLU(inplace=True)(leaf),
    'inplace/leaf-elu': lambda: F.elu(leaf, inplace=True),
    'inplace/version': version_error,
    'inplace/leaky-negative-slope': lambda: F.leaky_relu(leaf * 1, -0.5, inplace=True).sum().backward(),
    'inplace/elu-negative-alpha': lambda: F.elu(leaf * 1, -0.5, inplace=True).sum().backward(),
}
out['errors'] = [{'id': k, 'message': message(f)} for k, f in errors.items()]

with open('test/fixtures/nn-extra.json', 'w') as f:
    json.dump({'torch': torch.__version__, **out}, f, indent=None, separators=(',', ':'))
    f.write('\n')
print('wrote test/fixtures/nn-extra.json:', {k: len(v) for k, v in out.items() if isinstance(v, (list, dict))})
