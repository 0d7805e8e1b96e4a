# Writes test/fixtures/cnn-utils.json: what PyTorch 1.13 computes for F.pad, F.interpolate, the pixel and
# channel shuffles, instance norm, Softmax2d and the 1-D adaptive pools (forward values, gradients of
# sum(out * g), running statistics, module reprs, error messages). Every input is written into the JSON.
# Run from the repo root: /usr/bin/python3 scripts/gen-cnn-utils.py
import json
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
r = torch.randn


def enc(t):
    if isinstance(t, torch.Tensor):
        t = t.detach()
        dt = {torch.float32: 'float32', torch.int64: 'int64'}[t.dtype]
        data = t.flatten().tolist()
        if dt == 'float32':  # 9 significant digits give back every float32 exactly
            data = [float('%.9g' % v) for v in data]
        return {'dtype': dt, 'shape': list(t.shape), 'data': data}
    return t


def message(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001 - the message is the point
        return str(e)
    raise AssertionError('no error')


def run(fn, x, grad=True, **kw):
    if not grad:  # PyTorch 1.13 has no derivative for channel_shuffle
        return {'kwargs': kw, 'input': enc(x), 'out': enc(fn(x))}
    x = x.clone().requires_grad_(True)
    y = fn(x)
    g = r(y.shape)
    (y * g).sum().backward()
    return {'kwargs': kw, 'input': enc(x), 'out': enc(y), 'grad_out': enc(g), 'grad': enc(x.grad)}


out = {}

# ---------------------------------------------------------------- pad
pads = []
for mode, shape, p, value in [
    ('constant', (2, 3, 4), (1, 2), 0.0), ('constant', (2, 3, 4), (2, 1, 1, 0), 1.5), ('constant', (2, 3, 4, 5), (1, 1, 0, 2, 1, 0), -2.0),
    ('constant', (2, 3, 4), (-1, 2), 0.0), ('constant', (2, 3, 4, 5), (-1, -2, 1, 0), 3.0), ('constant', (3, 4), (-1, -1, -2, 0), 0.0),
    ('constant', (5,), (0, 3), 0.5), ('constant', (2, 2, 3), (1, 1, 1, 1, 1, 1), 0.0), ('constant', (2, 3), (0, 0), 0.0),
    ('reflect', (2, 3, 5), (2, 3), None), ('reflect', (3, 5), (1, 4), None), ('reflect', (2, 2, 4, 5), (1, 2, 3, 0), None),
    ('reflect', (2, 4, 5), (2, 2, 1, 1), None), ('reflect', (1, 2, 3, 4, 5), (1, 2, 2, 1, 1, 0), None), ('reflect', (2, 3, 5), (-1, 2), None),
    ('replicate', (2, 3, 4), (3, 1), None), ('replicate', (3, 4), (0, 5), None), ('replicate', (2, 2, 3, 4), (2, 1, 0, 3), None),
    ('replicate', (2, 3, 4), (1, 1, 2, 2), None), ('replicate', (1, 2, 2, 3, 4), (1, 1, 2, 0, 1, 3), None), ('replicate', (2, 3, 4), (-2, 1), None),
    ('circular', (2, 3, 4), (2, 4), None), ('circular', (2, 2, 3, 4), (1, 2, 3, 1), None), ('circular', (1, 2, 2, 3, 4), (1, 1, 1, 2, 2, 0), None),
    ('circular', (2, 3, 5), (-2, 1), None),
]:
    kw = {'mode': mode} if value is None else {'mode': mode, 'value': value}
    c = run(lambda x: F.pad(x, p, **kw), r(*shape), **kw)
    c['pad'] = list(p)
    pads.append(c)
out['pad'] = pads
pl = torch.arange(6).view(1, 2, 3)
out['pad_long'] = {'input': enc(pl), 'out': enc(F.pad(pl, (1, 2), value=7))}

# ---------------------------------------------------------------- interpolate
interp = []
shapes = {3: (1, 2, 5), 4: (1, 2, 4, 5), 5: (1, 1, 3, 4, 3)}
cases = []
for nd in (3, 4, 5):
    lin = {3: 'linear', 4: 'bilinear', 5: 'trilinear'}[nd]
    sp = shapes[nd][2:]
    for mode in ['nearest', 'nearest-exact', 'area', lin] + (['bicubic'] if nd == 4 else []):
        acs = [None] if mode in ('nearest', 'nearest-exact', 'area') else [False, True]
        for ac in acs:
            for kw in [{'scale_factor': 2.0}, {'scale_factor': 1.7}, {'scale_factor': 0.6},
                       {'size': [s * 2 + 1 for s in sp]}, {'size': [max(1, s - 2) for s in sp]}, {'size': list(sp)},
                       {'scale_factor': [1.5, 2.25, 0.8][:len(sp)]}, {'scale_factor': 1.7, 'recompute_scale_factor': True},
                       {'size': 1}]:
                kw = dict(kw, mode=mode)
                if ac is not None:
                    kw['align_corners'] = ac
                cases.append((shapes[nd], kw))
for shape, kw in cases:
    interp.append(run(lambda x: F.interpolate(x, **kw), r(*shape), **kw))
out['interpolate'] = interp

# ---------------------------------------------------------------- shuffles, softmax2d, adaptive 1-d
out['pixel_shuffle'] = [run(lambda x: F.pixel_shuffle(x, k), r(*s), factor=k) for s, k in [((2, 8, 3, 2), 2), ((9, 2, 2), 3), ((2, 1, 4, 3, 3), 1), ((2, 2, 8, 2, 2), 2)]]
out['pixel_unshuffle'] = [run(lambda x: F.pixel_unshuffle(x, k), r(*s), factor=k) for s, k in [((2, 2, 4, 6), 2), ((1, 6, 9), 3), ((2, 2, 2, 4, 4), 2)]]
out['channel_shuffle'] = [run(lambda x: F.channel_shuffle(x, k), r(*s), grad=False, groups=k) for s, k in [((2, 6, 3), 2), ((1, 6, 2, 2), 3), ((2, 4, 1, 2, 2), 4)]]
out['softmax2d'] = [run(lambda x: nn.Softmax2d()(x), r(*s)) for s in [(2, 3, 4, 5), (3, 2, 4)]]
out['adaptive1d'] = [run(lambda x: getattr(F, f)(x, k), r(*s), op=f, size=k) for f in ['adaptive_avg_pool1d', 'adaptive_max_pool1d'] for s, k in [((2, 3, 7), 3), ((3, 5), 5), ((2, 2, 4), 6)]]

# ---------------------------------------------------------------- instance norm
inorm = []
for ctor, shape, kw in [('InstanceNorm1d', (3, 4, 6), {}), ('InstanceNorm1d', (4, 6), {'affine': True}),
                        ('InstanceNorm2d', (2, 3, 4, 5), {'affine': True, 'track_running_stats': True, 'momentum': 0.3}),
                        ('InstanceNorm2d', (3, 4, 5), {'track_running_stats': True, 'eps': 1e-3}),
                        ('InstanceNorm3d', (2, 2, 3, 2, 4), {'track_running_stats': True, 'affine': True})]:
    m = getattr(nn, ctor)(shape[1] if len(shape) == int(ctor[-2]) + 2 else shape[0], **kw)
    if m.affine:
        with torch.no_grad():
            m.weight.copy_(r(m.weight.shape))
            m.bias.copy_(r(m.bias.shape))
    steps = []
    for training in (True, True, False):
        m.train(training)
        x = r(*shape).requires_grad_(True)
        y = m(x)
        g = r(y.shape)
        (y * g).sum().backward()
        steps.append({'training': training, 'input': enc(x), 'out': enc(y), 'grad_out': enc(g), 'grad': enc(x.grad),
                      'grad_weight': enc(m.weight.grad) if m.affine else None, 'grad_bias': enc(m.bias.grad) if m.affine else None,
                      'running_mean': enc(m.running_mean) if m.track_running_stats else None,
                      'running_var': enc(m.running_var) if m.track_running_stats else None})
        if m.affine:
            m.weight.grad = None
            m.bias.grad = None
    inorm.append({'ctor': ctor, 'kwargs': kw, 'weight': enc(m.weight) if m.affine else None, 'bias': enc(m.bias) if m.affine else None,
                  'steps': steps, 'repr': repr(m), 'state_dict': list(m.state_dict().keys())})
out['instance_norm_modules'] = inorm
x = r(2, 3, 5)
rm, rv = r(3), r(3).abs() + 0.5
ev = F.instance_norm(x, rm, rv, use_input_stats=False, eps=1e-3)
out['instance_norm_eval'] = {'input': enc(x), 'running_mean': enc(rm), 'running_var': enc(rv), 'out': enc(ev)}

# ---------------------------------------------------------------- reprs
reprs = {
    'ZeroPad2d(2)': nn.ZeroPad2d(2), 'ZeroPad2d([1, 2, 3, 4])': nn.ZeroPad2d((1, 2, 3, 4)),
    'ConstantPad1d(2, 3.5)': nn.ConstantPad1d(2, 3.5), 'ConstantPad2d([1, 0, 2, 0], -1)': nn.ConstantPad2d((1, 0, 2, 0), -1.0),
    'ConstantPad3d(1, 0)': nn.ConstantPad3d(1, 0.0), 'ReflectionPad1d(2)': nn.ReflectionPad1d(2),
    'ReflectionPad2d([1, 1, 2, 0])': nn.ReflectionPad2d((1, 1, 2, 0)), 'ReflectionPad3d(1)': nn.ReflectionPad3d(1),
    'ReplicationPad1d([3, 1])': nn.ReplicationPad1d((3, 1)), 'ReplicationPad2d(1)': nn.ReplicationPad2d(1),
    'ReplicationPad3d(2)': nn.ReplicationPad3d(2),
    'Upsample({scale_factor: 2})': nn.Upsample(scale_factor=2), 'Upsample(5)': nn.Upsample(5),
    "Upsample([3, 4], null, 'bilinear', true)": nn.Upsample(size=(3, 4), mode='bilinear', align_corners=True),
    "Upsample({scale_factor: 1.5, mode: 'bicubic'})": nn.Upsample(scale_factor=1.5, mode='bicubic'),
    "Upsample({scale_factor: [2, 1.5]})": nn.Upsample(scale_factor=(2, 1.5)),
    'UpsamplingNearest2d({scale_factor: 2})': nn.UpsamplingNearest2d(scale_factor=2), 'UpsamplingBilinear2d(5)': nn.UpsamplingBilinear2d(5),
    'PixelShuffle(3)': nn.PixelShuffle(3), 'PixelUnshuffle(2)': nn.PixelUnshuffle(2), 'ChannelShuffle(2)': nn.ChannelShuffle(2),
    'Softmax2d()': nn.Softmax2d(), 'AdaptiveAvgPool1d(3)': nn.AdaptiveAvgPool1d(3), 'AdaptiveMaxPool1d(2)': nn.AdaptiveMaxPool1d(2),
    'InstanceNorm1d(3)': nn.InstanceNorm1d(3),
}
out['reprs'] = [{'code': k, 'text': repr(v)} for k, v in reprs.items()]
xu = r(1, 2, 3, 4)
out['upsampling_modules'] = {'input': enc(xu), 'nearest': enc(nn.UpsamplingNearest2d(scale_factor=2)(xu)),
                             'bilinear': enc(nn.UpsamplingBilinear2d(size=(5, 7))(xu)),
                             'upsample': enc(nn.Upsample(scale_factor=1.5, mode='bicubic')(xu))}

# ---------------------------------------------------------------- errors
z = torch.zeros
errors = {
    'pad/odd': lambda: F.pad(z(1, 2, 3), (1,)),
    'pad/odd3': lambda: F.pad(z(1, 2, 3), (1, 2, 3)),
    'pad/too-long': lambda: F.pad(z(2, 3), (1, 1, 1, 1, 1, 1)),
    'pad/crop-narrow': lambda: F.pad(z(1, 2, 3), (-2, -2)),
    'pad/crop-negative-size': lambda: F.pad(z(1, 2, 3), (-3, 0, 1, 1)),
    'pad/mode': lambda: F.pad(z(1, 2, 3), (1, 1), mode='foo'),
    'pad/value': lambda: F.pad(z(1, 2, 3), (1, 1), mode='reflect', value=1),
    'pad/reflect-1d': lambda: F.pad(z(1, 2, 3), (3, 0), mode='reflect'),
    'pad/reflect-1d-unbatched': lambda: F.pad(z(2, 3), (3, 1), mode='reflect'),
    'pad/reflect-2d-h': lambda: F.pad(z(1, 2, 3, 4), (1, 1, 3, 0), mode='reflect'),
    'pad/reflect-2d-w': lambda: F.pad(z(1, 2, 3, 4), (4, 1, 1, 0), mode='reflect'),
    'pad/reflect-2d-unbatched': lambda: F.pad(z(2, 3, 4), (1, 1, 3, 0), mode='reflect'),
    'pad/reflect-3d': lambda: F.pad(z(1, 2, 3, 4, 5), (1, 1, 1, 1, 3, 3), mode='reflect'),
    'pad/reflect-dims': lambda: F.pad(z(3), (1, 1), mode='reflect'),
    'pad/replicate-dims': lambda: F.pad(z(1, 1, 1, 3, 3), (1, 1), mode='replicate'),
    'pad/replicate-too-small': lambda: F.pad(z(1, 2, 3), (-2, -2), mode='replicate'),
    'pad/circular-wrap': lambda: F.pad(z(1, 2, 3), (4, 0), mode='circular'),
    'pad/circular-unbatched': lambda: F.pad(z(2, 3), (1, 1), mode='circular'),
    'pad/circular-empty': lambda: F.pad(z(1, 2, 3), (-2, -2), mode='circular'),
    'interp/both': lambda: F.interpolate(z(1, 2, 3), size=4, scale_factor=2),
    'interp/none': lambda: F.interpolate(z(1, 2, 3)),
    'interp/size-len': lambda: F.interpolate(z(1, 2, 3), size=[4, 4]),
    'interp/scale-len': lambda: F.interpolate(z(1, 2, 3), scale_factor=[2, 2]),
    'interp/align-nearest': lambda: F.interpolate(z(1, 2, 3), size=4, align_corners=True),
    'interp/2d-input': lambda: F.interpolate(z(2, 3), size=4),
    'interp/bilinear-3d': lambda: F.interpolate(z(1, 2, 3), size=4, mode='bilinear'),
    'interp/linear-4d': lambda: F.interpolate(z(1, 2, 3, 3), size=4, mode='linear'),
    'interp/trilinear-4d': lambda: F.interpolate(z(1, 2, 3, 3), size=4, mode='trilinear'),
    'interp/bicubic-5d': lambda: F.interpolate(z(1, 2, 3, 3, 3), size=4, mode='bicubic'),
    'interp/mode': lambda: F.interpolate(z(1, 2, 3), size=4, mode='foo'),
    'interp/recompute-size': lambda: F.interpolate(z(1, 2, 3), size=4, recompute_scale_factor=True),
    'interp/zero-out-1d': lambda: F.interpolate(z(1, 2, 3), scale_factor=0.2),
    'interp/zero-out-2d': lambda: F.interpolate(z(1, 2, 3, 3), size=(0, 2), mode='bilinear'),
    'interp/zero-out-3d': lambda: F.interpolate(z(1, 2, 3, 3, 3), size=(1, 0, 2)),
    'interp/zero-in': lambda: F.interpolate(z(1, 2, 0), size=3),
    'Upsample/none': lambda: nn.Upsample()(z(1, 2, 3)),
    'pixel_shuffle/channels': lambda: F.pixel_shuffle(z(1, 5, 2, 2), 2),
    'pixel_shuffle/dims': lambda: F.pixel_shuffle(z(4, 2), 2),
    'pixel_shuffle/factor': lambda: F.pixel_shuffle(z(1, 4, 2, 2), 0),
    'pixel_unshuffle/height': lambda: F.pixel_unshuffle(z(1, 1, 3, 4), 2),
    'pixel_unshuffle/width': lambda: F.pixel_unshuffle(z(1, 1, 4, 3), 2),
    'pixel_unshuffle/dims': lambda: F.pixel_unshuffle(z(4, 2), 2),
    'pixel_unshuffle/factor': lambda: F.pixel_unshuffle(z(1, 1, 4, 4), 0),
    'channel_shuffle/divisible': lambda: F.channel_shuffle(z(1, 5, 2, 2), 2),
    'channel_shuffle/groups': lambda: F.channel_shuffle(z(1, 4, 2, 2), 0),
    'channel_shuffle/dims': lambda: F.channel_shuffle(z(2, 4), 2),
    'InstanceNorm1d/dims': lambda: nn.InstanceNorm1d(3)(z(3)),
    'InstanceNorm2d/dims': lambda: nn.InstanceNorm2d(3)(z(3, 4)),
    'instance_norm/spatial': lambda: F.instance_norm(z(2, 3, 1)),
    'InstanceNorm1d/spatial': lambda: nn.InstanceNorm1d(3)(z(2, 3, 1)),
    'InstanceNorm1d/affine-channels': lambda: nn.InstanceNorm1d(3, affine=True)(z(2, 4, 5)),
    'InstanceNorm1d/track-channels': lambda: nn.InstanceNorm1d(3, track_running_stats=True)(z(2, 4, 5)),
    'InstanceNorm1d/both-channels': lambda: nn.InstanceNorm1d(3, affine=True, track_running_stats=True)(z(2, 4, 5)),
    'instance_norm/no-stats': lambda: F.instance_norm(z(2, 3, 4), use_input_stats=False),
    'Softmax2d/dims': lambda: nn.Softmax2d()(z(3)),
}
out['errors'] = [{'id': k, 'message': message(f)} for k, f in errors.items()]

with open('test/fixtures/cnn-utils.json', 'w') as f:
    json.dump({'torch': torch.__version__, **out}, f, indent=None, separators=(',', ':'))
    f.write('\n')
print('wrote test/fixtures/cnn-utils.json:', {k: len(v) for k, v in out.items() if isinstance(v, (list, dict))})
