# Writes test/fixtures/conv3d.json: what PyTorch 1.13 computes for the 3-D convolution and pooling
# family (F.conv3d / nn.Conv3d, max_pool3d, avg_pool3d, adaptive_avg_pool3d, adaptive_max_pool3d):
# and F.conv_transpose3d / nn.ConvTranspose3d: forward values, gradients of sum(out * g), grad_fn
# names, indices, PyTorch's initial weights for a seed, reprs, error messages and a 3-step training
# run. Inputs are written into the JSON, volumes kept small, floats to 9 significant digits (exact
# for float32). Run from the repo root: /usr/bin/python3 scripts/gen-conv3d.py
import json
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
r = torch.randn


from pyfixture import enc as enc_all, message


def enc(t):
    return enc_all(t, digits=9)  # 9 significant digits: exact for float32


out = {}

# ---------------------------------------------------------------- F.conv3d
conv = []


def cv(id, x, w, b, **kw):
    x = x.clone().requires_grad_(True)
    w = w.clone().requires_grad_(True)
    b = b.clone().requires_grad_(True) if b is not None else None
    y = F.conv3d(x, w, b, **kw)
    g = r(y.shape)
    (y * g).sum().backward()
    conv.append({'id': id, 'kwargs': kw, 'input': enc(x), 'weight': enc(w), 'bias': enc(b), 'out': enc(y),
                 'grad_fn': type(y.grad_fn).__name__, 'grad_out': enc(g), 'grad_input': enc(x.grad),
                 'grad_weight': enc(w.grad), 'grad_bias': enc(b.grad) if b is not None else None})


cv('plain', r(2, 3, 4, 5, 4), r(4, 3, 3, 3, 2), r(4))
cv('stride-pad', r(1, 2, 5, 6, 5), r(3, 2, 3, 3, 3), r(3), stride=2, padding=1)
cv('asym', r(2, 2, 5, 4, 6), r(2, 2, 2, 3, 2), None, stride=(1, 2, 3), padding=(1, 0, 2))
cv('dilation', r(1, 2, 6, 5, 6), r(3, 2, 2, 2, 3), r(3), dilation=(2, 1, 2), padding=(1, 1, 0))
cv('groups', r(2, 4, 3, 4, 4), r(6, 2, 2, 2, 2), r(6), groups=2)
cv('depthwise', r(1, 3, 4, 4, 4), r(3, 1, 3, 3, 3), None, groups=3, padding=1)
cv('1x1x1', r(2, 5, 2, 3, 3), r(4, 5, 1, 1, 1), r(4))
cv('same', r(1, 2, 4, 5, 3), r(3, 2, 3, 2, 3), r(3), padding='same')
cv('same-dil', r(1, 2, 5, 4, 4), r(2, 2, 2, 3, 2), None, padding='same', dilation=(1, 2, 3))
cv('valid', r(1, 2, 4, 4, 4), r(2, 2, 3, 3, 3), r(2), padding='valid')
cv('unbatched', r(3, 4, 4, 3), r(2, 3, 2, 2, 2), r(2), stride=(2, 1, 1))
cv('wide', r(1, 2, 3, 3, 21), r(5, 2, 2, 2, 5), r(5), padding=(0, 1, 2))
out['conv'] = conv

# ---------------------------------------------------------------- nn.Conv3d
modules = []
for seed, args, kw, xs in [(0, [2, 4, 3], {}, (1, 2, 4, 5, 4)),
                           (1, [3, 6, (2, 3, 1)], {'stride': (2, 1, 1), 'padding': 1, 'groups': 3}, (2, 3, 5, 4, 3)),
                           (2, [2, 3, 2], {'bias': False, 'dilation': 2, 'padding': (1, 0, 1)}, (1, 2, 5, 5, 5)),
                           (3, [2, 2, 3], {'padding': 'same'}, (2, 3, 3, 4)),
                           (4, [2, 3, 3], {'padding': 1, 'padding_mode': 'reflect'}, (1, 2, 4, 4, 5)),
                           (5, [2, 3, (3, 2, 3)], {'padding': 'same', 'padding_mode': 'replicate'}, (1, 2, 3, 4, 4)),
                           (6, [2, 2, 3], {'padding': (1, 2, 1), 'padding_mode': 'circular', 'stride': 2},
                            (2, 2, 4, 4, 4))]:
    torch.manual_seed(seed)
    m = nn.Conv3d(*args, **kw)
    x = r(*xs).requires_grad_(True)
    y = m(x)
    g = r(y.shape)
    (y * g).sum().backward()
    modules.append({'seed': seed, 'args': args, 'kwargs': kw, 'repr': repr(m), 'weight': enc(m.weight),
                    'bias': enc(m.bias), 'input': enc(x), 'out': enc(y), 'grad_out': enc(g), 'grad_input': enc(x.grad),
                    'grad_weight': enc(m.weight.grad), 'grad_bias': enc(m.bias.grad) if m.bias is not None else None,
                    'state_dict': list(m.state_dict().keys())})
out['modules'] = modules

# ---------------------------------------------------------------- F.conv_transpose3d / nn.ConvTranspose3d
convt = []


def ct(id, x, w, b, **kw):
    x = x.clone().requires_grad_(True)
    w = w.clone().requires_grad_(True)
    b = b.clone().requires_grad_(True) if b is not None else None
    y = F.conv_transpose3d(x, w, b, **kw)
    g = r(y.shape)
    (y * g).sum().backward()
    convt.append({'id': id, 'kwargs': kw, 'input': enc(x), 'weight': enc(w), 'bias': enc(b), 'out': enc(y),
                  'grad_fn': type(y.grad_fn).__name__, 'grad_out': enc(g), 'grad_input': enc(x.grad),
                  'grad_weight': enc(w.grad), 'grad_bias': enc(b.grad) if b is not None else None})


ct('plain', r(2, 3, 3, 2, 3), r(3, 2, 2, 3, 2), r(2))
ct('stride-pad-outpad', r(1, 2, 3, 3, 2), r(2, 3, 3, 3, 3), r(3), stride=2, padding=1, output_padding=1)
ct('asym', r(1, 2, 2, 3, 3), r(2, 2, 2, 2, 3), None, stride=(1, 2, 3), padding=(0, 1, 1), output_padding=(0, 1, 2))
ct('dilation', r(2, 2, 3, 3, 2), r(2, 2, 2, 2, 2), r(2), dilation=(2, 1, 3), output_padding=(1, 0, 1))
ct('groups', r(1, 4, 2, 3, 2), r(4, 2, 2, 2, 2), r(4), groups=2, stride=2)
ct('unbatched', r(3, 2, 3, 2), r(3, 2, 2, 2, 2), r(2), stride=(2, 1, 1))
out['convt'] = convt

convt_modules = []
for seed, args, kw, xs, osize in [(0, [2, 3, 2], {'stride': 2}, (1, 2, 2, 3, 2), None),
                                  (1, [4, 2, (3, 2, 2)], {'stride': 2, 'padding': 1, 'groups': 2, 'bias': False},
                                   (1, 4, 2, 2, 3), [4, 3, 5]),
                                  (2, [2, 2, 3], {'dilation': (1, 2, 1), 'output_padding': (0, 1, 0), 'stride': 2},
                                   (2, 2, 2, 2), None)]:
    torch.manual_seed(seed)
    m = nn.ConvTranspose3d(*args, **kw)
    x = r(*xs)
    y = m(x, osize)
    convt_modules.append({'seed': seed, 'args': args, 'kwargs': kw, 'repr': repr(m), 'weight': enc(m.weight),
                          'bias': enc(m.bias), 'input': enc(x), 'output_size': osize, 'out': enc(y)})
out['convt_modules'] = convt_modules

# Second order (create_graph): d/dx and d/dw of <gx, h1> + <gw, h2>.
double = []
for fn, xs, ws, kw in [('conv3d', (2, 2, 4, 3, 4), (3, 2, 2, 2, 3), {'stride': (1, 2, 1), 'padding': (1, 0, 1)}),
                       ('conv3d', (1, 4, 5, 4, 4), (4, 2, 3, 2, 2), {'groups': 2, 'dilation': (1, 2, 1), 'stride': 2}),
                       ('conv3d', (2, 3, 3, 4, 3), (2, 3, 1, 1, 1), {}),
                       ('conv_transpose3d', (2, 2, 2, 3, 2), (2, 3, 3, 2, 2), {'stride': 2, 'padding': 1,
                                                                              'output_padding': 1}),
                       ('conv_transpose3d', (1, 4, 2, 3, 3), (4, 1, 2, 2, 2), {'groups': 2, 'dilation': 2,
                                                                              'output_padding': (1, 0, 1)})]:
    x = r(*xs).requires_grad_(True)
    w = r(*ws).requires_grad_(True)
    nb = ws[0] if fn == 'conv3d' else ws[1] * kw.get('groups', 1)
    b = r(nb).requires_grad_(True)
    y = getattr(F, fn)(x, w, b, **kw)
    g = r(y.shape)
    gx, gw = torch.autograd.grad((y * g).sum(), [x, w], create_graph=True)
    h1 = r(gx.shape)
    h2 = r(gw.shape)
    ((gx * h1).sum() + (gw * h2).sum()).backward()
    double.append({'fn': fn, 'kwargs': kw, 'input': enc(x), 'weight': enc(w), 'bias': enc(b), 'g': enc(g),
                   'gx': enc(gx), 'gw': enc(gw), 'h1': enc(h1), 'h2': enc(h2), 'ggx': enc(x.grad), 'ggw': enc(w.grad)})
out['double'] = double

# ---------------------------------------------------------------- pooling
pools = []


def pool(id, fn, x, *args, **kw):
    x = x.clone().requires_grad_(True)
    res = getattr(F, fn)(x, *args, **kw)
    y, idx = (res if isinstance(res, tuple) else (res, None))
    g = r(y.shape)
    (y * g).sum().backward()
    pools.append({'id': id, 'fn': fn, 'args': list(args), 'kwargs': kw, 'input': enc(x), 'out': enc(y),
                  'indices': enc(idx), 'grad_fn': type(y.grad_fn).__name__, 'grad_out': enc(g), 'grad': enc(x.grad)})


def ties(shape):
    return torch.randint(0, 3, shape).float()


pool('max/2', 'max_pool3d', r(2, 2, 4, 4, 4), 2)
pool('max/3-s2-p1', 'max_pool3d', r(1, 2, 5, 6, 5), 3, stride=2, padding=1, return_indices=True)
pool('max/asym-dil', 'max_pool3d', r(1, 2, 6, 5, 7), (2, 3, 2), stride=(1, 2, 2), padding=(1, 1, 0),
     dilation=(2, 1, 2), return_indices=True)
pool('max/ceil', 'max_pool3d', r(2, 1, 5, 5, 6), 2, stride=2, ceil_mode=True, return_indices=True)
pool('max/ties', 'max_pool3d', ties((1, 2, 4, 4, 4)), 2, stride=1, return_indices=True)
pool('max/unbatched', 'max_pool3d', r(2, 4, 5, 4), (2, 2, 1), return_indices=True)
nan = r(1, 1, 4, 4, 4)
nan[0, 0, 1, 2, 3] = float('nan')
nan[0, 0, 3, 0, 0] = float('-inf')
pool('max/nan', 'max_pool3d', nan, 2, return_indices=True)
pool('avg/2', 'avg_pool3d', r(2, 2, 4, 4, 4), 2)
pool('avg/3-s2-p1', 'avg_pool3d', r(1, 2, 5, 6, 5), 3, stride=2, padding=1)
pool('avg/no-pad-count', 'avg_pool3d', r(1, 2, 5, 6, 5), 3, stride=2, padding=1, count_include_pad=False)
pool('avg/ceil', 'avg_pool3d', r(2, 1, 5, 5, 6), (2, 3, 2), stride=2, padding=(1, 1, 0), ceil_mode=True)
pool('avg/ceil-no-pad', 'avg_pool3d', r(1, 2, 5, 4, 5), 3, stride=2, padding=1, ceil_mode=True,
     count_include_pad=False)
pool('avg/divisor', 'avg_pool3d', r(1, 2, 4, 5, 4), 2, stride=(1, 2, 1), divisor_override=3)
pool('avg/unbatched', 'avg_pool3d', r(2, 4, 5, 4), (2, 1, 2))
pool('aavg/1', 'adaptive_avg_pool3d', r(2, 3, 3, 4, 5), 1)
pool('aavg/2-3-3', 'adaptive_avg_pool3d', r(2, 2, 5, 6, 7), (2, 3, 3))
pool('aavg/up', 'adaptive_avg_pool3d', r(1, 2, 3, 2, 4), (4, 3, 5))
pool('aavg/none', 'adaptive_avg_pool3d', r(1, 2, 4, 5, 3), (None, 2, None))
pool('aavg/unbatched', 'adaptive_avg_pool3d', r(2, 5, 4, 6), 3)
pool('amax/2', 'adaptive_max_pool3d', r(2, 2, 5, 5, 5), 2, return_indices=True)
pool('amax/asym', 'adaptive_max_pool3d', r(1, 2, 5, 6, 7), (3, 2, 4), return_indices=True)
pool('amax/up', 'adaptive_max_pool3d', r(1, 1, 2, 3, 2), (3, 4, 3), return_indices=True)
pool('amax/unbatched', 'adaptive_max_pool3d', r(2, 4, 4, 5), (1, None, 2))
pool('amax/ties', 'adaptive_max_pool3d', ties((1, 2, 4, 4, 4)), 3, return_indices=True)
out['pools'] = pools

# ---------------------------------------------------------------- pooling modules
pool_modules = []
for code, m, xs in [
    ('new nn.MaxPool3d(2)', nn.MaxPool3d(2), (1, 2, 4, 4, 4)),
    ('new nn.MaxPool3d(3, 2, 1, 1, true, true)', nn.MaxPool3d(3, 2, 1, 1, True, True), (1, 1, 5, 6, 7)),
    ('new nn.MaxPool3d([2, 1, 2], { stride: [1, 1, 2], dilation: [1, 2, 1] })',
     nn.MaxPool3d((2, 1, 2), stride=(1, 1, 2), dilation=(1, 2, 1)), (1, 2, 4, 5, 4)),
    ('new nn.AvgPool3d(2)', nn.AvgPool3d(2), (1, 2, 4, 4, 4)),
    ('new nn.AvgPool3d(3, { stride: 2, padding: 1, count_include_pad: false, ceil_mode: true })',
     nn.AvgPool3d(3, stride=2, padding=1, count_include_pad=False, ceil_mode=True), (1, 2, 5, 6, 5)),
    ('new nn.AvgPool3d([2, 2, 3], [1, 2, 1], 1, false, true, 5)', nn.AvgPool3d((2, 2, 3), (1, 2, 1), 1, False, True, 5),
     (1, 1, 4, 4, 5)),
    ('new nn.AdaptiveAvgPool3d(1)', nn.AdaptiveAvgPool3d(1), (2, 3, 3, 4, 5)),
    ('new nn.AdaptiveAvgPool3d([2, null, 3])', nn.AdaptiveAvgPool3d((2, None, 3)), (1, 2, 5, 4, 6)),
    ('new nn.AdaptiveMaxPool3d(2)', nn.AdaptiveMaxPool3d(2), (1, 2, 5, 5, 5)),
    ('new nn.AdaptiveMaxPool3d([1, 2, 3], true)', nn.AdaptiveMaxPool3d((1, 2, 3), True), (1, 2, 4, 4, 4)),
]:
    x = r(*xs)
    y = m(x)
    pool_modules.append({'code': code, 'repr': repr(m), 'input': enc(x),
                         'out': enc(list(y) if isinstance(y, tuple) else y)})
out['pool_modules'] = pool_modules

# ---------------------------------------------------------------- errors
x5 = r(1, 2, 4, 4, 4)
w5 = r(3, 2, 2, 2, 2)
errors = {
    'conv/3d-input': lambda: F.conv3d(r(2, 4, 4), w5),
    'conv/6d-input': lambda: F.conv3d(r(1, 1, 2, 4, 4, 4), w5),
    'conv/weight-dims': lambda: F.conv3d(x5, r(3, 2, 2, 2)),
    'conv/channels': lambda: F.conv3d(r(1, 3, 4, 4, 4), w5),
    'conv/groups-div': lambda: F.conv3d(r(1, 4, 4, 4, 4), w5, groups=2),
    'conv/bias': lambda: F.conv3d(x5, w5, r(4)),
    'conv/kernel-too-big': lambda: F.conv3d(r(1, 2, 4, 1, 4), w5),
    'conv/stride-len': lambda: F.conv3d(x5, w5, stride=(1, 2)),
    'conv/padding-len': lambda: F.conv3d(x5, w5, padding=(1, 2)),
    'conv/dilation-len': lambda: F.conv3d(x5, w5, dilation=(1, 2)),
    'conv/neg-pad': lambda: F.conv3d(x5, w5, padding=-1),
    'conv/zero-stride': lambda: F.conv3d(x5, w5, stride=0),
    'conv/same-strided': lambda: F.conv3d(x5, w5, padding='same', stride=2),
    'conv/bad-padding-string': lambda: F.conv3d(x5, w5, padding='full'),
    'conv/kwarg': lambda: F.conv3d(x5, w5, strides=2),
    'Conv3d/groups': lambda: nn.Conv3d(3, 4, 3, groups=2),
    'Conv3d/padding_mode': lambda: nn.Conv3d(2, 4, 3, padding_mode='mirror'),
    'Conv3d/reflect-too-big': lambda: nn.Conv3d(2, 4, 3, padding=4, padding_mode='reflect')(x5),
    'max/kernel-len': lambda: F.max_pool3d(x5, (2, 2)),
    'max/stride-len': lambda: F.max_pool3d(x5, 2, (2, 2)),
    'max/padding-len': lambda: F.max_pool3d(x5, 2, 2, (1, 1)),
    'max/dilation-len': lambda: F.max_pool3d(x5, 2, 2, 0, (1, 1)),
    'max/3d-input': lambda: F.max_pool3d(r(4, 4, 4), 2),
    'max/pad-too-big': lambda: F.max_pool3d(x5, 2, padding=2),
    'max/too-small': lambda: F.max_pool3d(r(1, 2, 4, 1, 4), 2),
    'max/zero-dilation': lambda: F.max_pool3d(x5, 2, dilation=0),
    'max/empty': lambda: F.max_pool3d(r(1, 0, 4, 4, 4), 2),
    'max/kwarg': lambda: F.max_pool3d(x5, 2, strides=2),
    'avg/kernel-len': lambda: F.avg_pool3d(x5, (2, 2)),
    'avg/stride-len': lambda: F.avg_pool3d(x5, 2, (2, 2)),
    'avg/padding-len': lambda: F.avg_pool3d(x5, 2, 2, (1, 1)),
    'avg/3d-input': lambda: F.avg_pool3d(r(4, 4, 4), 2),
    'avg/pad-too-big': lambda: F.avg_pool3d(x5, 2, padding=2),
    'avg/smaller-than-kernel': lambda: F.avg_pool3d(r(1, 2, 4, 2, 4), 3, padding=1),
    'avg/divisor-zero': lambda: F.avg_pool3d(x5, 2, divisor_override=0),
    'aavg/size-len': lambda: F.adaptive_avg_pool3d(x5, (2, 2)),
    'aavg/3d-input': lambda: F.adaptive_avg_pool3d(r(4, 4, 4), 2),
    'aavg/empty': lambda: F.adaptive_avg_pool3d(r(1, 2, 0, 4, 4), 2),
    'aavg/negative': lambda: F.adaptive_avg_pool3d(x5, (2, -1, 2)),
    'amax/3d-input': lambda: F.adaptive_max_pool3d(r(4, 4, 4), 2),
    'amax/empty': lambda: F.adaptive_max_pool3d(r(1, 2, 4, 0, 4), 2),
    'convt/outpad': lambda: F.conv_transpose3d(x5, r(2, 3, 2, 2, 2), output_padding=2, stride=2),
    'convt/outpad-w': lambda: F.conv_transpose3d(x5, r(2, 3, 2, 2, 2), output_padding=(0, 0, 1)),
    'convt/dilation': lambda: F.conv_transpose3d(x5, r(2, 3, 2, 2, 2), dilation=0),
    'convt/too-small': lambda: F.conv_transpose3d(x5, r(2, 3, 2, 2, 2), padding=3),
    'convt/channels': lambda: F.conv_transpose3d(r(1, 3, 3, 3, 3), r(2, 3, 2, 2, 2)),
    'convt/bias': lambda: F.conv_transpose3d(x5, r(2, 3, 2, 2, 2), r(4)),
    'convt/weight-dims': lambda: F.conv_transpose3d(x5, r(2, 3, 2, 2)),
    'convt/3d-input': lambda: F.conv_transpose3d(r(2, 3, 3), r(2, 3, 2, 2, 2)),
    'convt/groups': lambda: F.conv_transpose3d(x5, r(2, 3, 2, 2, 2), groups=3),
    'ConvTranspose3d/padding_mode': lambda: nn.ConvTranspose3d(2, 3, 2, padding_mode='reflect'),
    'ConvTranspose3d/output_size': lambda: nn.ConvTranspose3d(2, 3, 2, stride=2)(x5, output_size=[11, 11, 11]),
    'ConvTranspose3d/output_size-len': lambda: nn.ConvTranspose3d(2, 3, 2, stride=2)(x5, output_size=[9, 9]),
}
out['errors'] = [{'id': k, 'message': message(f)} for k, f in errors.items()]

# ---------------------------------------------------------------- training
torch.manual_seed(0)
net = nn.Sequential(nn.Conv3d(2, 4, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool3d(1), nn.Flatten(), nn.Linear(4, 3))
opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
x = r(4, 2, 4, 5, 4)
y = torch.tensor([0, 2, 1, 2])
w0 = net[0].weight.detach().clone()
losses = []
for _ in range(3):
    opt.zero_grad()
    loss = F.cross_entropy(net(x), y)
    loss.backward()
    opt.step()
    losses.append(loss.item())
out['train'] = {'input': enc(x), 'target': enc(y), 'losses': losses, 'repr': repr(net),
                'weight': enc(w0)}

with open('test/fixtures/conv3d.json', 'w') as f:
    json.dump(out, f)
