# Writes test/fixtures/inplace-views.json: what PyTorch 1.13 does for in-place ops on views (and
# on the tensors they view) under autograd: the base's values after, the grad_fn names of base and
# view (CopySlices / AsStridedBackward0), the gradients of every leaf, and the error messages.
# Every input is written into the JSON, so the tests never depend on reproducing it.
# Run from the repo root: /usr/bin/python3 scripts/gen-inplace-views.py
# Each case is mirrored by id in test/inplace-views.test.ts.
import json
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def enc(t):
    t = t.detach()
    dt = {torch.float32: 'float32', torch.int64: 'int64', torch.bool: 'bool'}[t.dtype]
    return {'dtype': dt, 'shape': list(t.shape), 'data': t.flatten().tolist()}


inputs = {
    'x': torch.randn(3, 4),
    'w': torch.randn(4),
    'u': torch.randn(3, 1),
    's': torch.randn(3),
    'a': torch.randn(2, 3, 4),
    't0': torch.randn(()),
    'm': torch.randn(3, 4) > 0,
    'G': torch.randn(3, 4),
    'G3': torch.randn(2, 3, 4),
}
GRAD = ['x', 'w', 'u', 's', 'a', 't0']


def leaves():
    return {k: (v.clone().requires_grad_(True) if k in GRAD else v.clone()) for k, v in inputs.items()}


def name(t):
    return type(t.grad_fn).__name__ if t is not None and t.grad_fn is not None else None


cases = []


def case(id):
    """fn(L) returns (base, view, extra loss or None); the loss is sum(base * G) (+ extra)."""
    def deco(fn):
        L = leaves()
        base, view, extra = fn(L)
        G = L['G3'] if base.dim() == 3 else L['G']
        loss = (base * G).sum()
        if extra is not None:
            loss = loss + extra
        entry = {'id': id, 'base': enc(base), 'base_grad_fn': name(base), 'view_grad_fn': name(view)}
        loss.backward()
        entry['grads'] = {k: enc(L[k].grad) for k in GRAD if L[k].grad is not None}
        cases.append(entry)
        return fn
    return deco


# ---- activations with inplace=True after views
@case('relu_/select')
def _(L):
    y = L['x'] * 2; v = y[0]; v.relu_(); return y, v, None

@case('F.relu_/view(-1)')
def _(L):
    y = L['x'] * 2; v = y.view(-1); F.relu_(v); return y, v, None

@case('F.relu(inplace)/flatten')
def _(L):
    y = L['x'] - 0.3; v = torch.flatten(y); F.relu(v, inplace=True); return y, v, None

@case('nn.Flatten+nn.ReLU(inplace)')
def _(L):
    y = L['a'] * 1.5; v = nn.Flatten()(y); o = nn.ReLU(inplace=True)(v); assert o is v; return y, v, None

@case('F.leaky_relu(inplace)/narrow')
def _(L):
    y = L['x'] * 2; v = y.narrow(1, 1, 2); F.leaky_relu(v, 0.2, inplace=True); return y, v, None

@case('nn.LeakyReLU(inplace)/t()')
def _(L):
    y = L['x'] * 2; v = y.t(); nn.LeakyReLU(0.1, inplace=True)(v); return y, v, None

@case('F.elu(inplace)/slice rows')
def _(L):
    y = L['x'] * 2; v = y[1:3]; F.elu(v, alpha=0.7, inplace=True); return y, v, None

@case('nn.ELU(inplace)/step slice')
def _(L):
    y = L['x'] * 2; v = y[:, ::2]; nn.ELU(inplace=True)(v); return y, v, None

@case('F.hardtanh(inplace)/select dim 1')
def _(L):
    y = L['x'] * 2; v = y.select(1, 2); F.hardtanh(v, -0.5, 0.5, inplace=True); return y, v, None

@case('nn.Hardtanh(inplace)/permute')
def _(L):
    y = L['a'] * 1; v = y.permute(2, 0, 1); nn.Hardtanh(-1.0, 1.0, inplace=True)(v); return y, v, None

@case('nn.ReLU6(inplace)/transpose 3-D')
def _(L):
    y = L['a'] * 4; v = y.transpose(0, 2)[1:3]; nn.ReLU6(inplace=True)(v); return y, v, None

# ---- arithmetic with an operand that requires grad
@case('add_(w)/select')
def _(L):
    y = L['x'] * 2; v = y[1]; v.add_(L['w']); return y, v, None

@case('mul_(w)/select')
def _(L):
    y = L['x'] * 2; v = y[2]; v.mul_(L['w']); return y, v, None

@case('sub_(u, alpha=2)/column slice')
def _(L):
    y = L['x'] * 2; v = y[:, 1:3]; v.sub_(L['u'], alpha=2); return y, v, None

@case('div_(w + 3)/view then slice')
def _(L):
    y = L['x'] * 2; v = y.view(-1)[4:8]; v.div_(L['w'] + 3); return y, v, None

@case('mul_(w) on the base (no view)')
def _(L):
    y = L['x'] * 2; y.mul_(L['w']); return y, None, None

# ---- copy_, fill_, zero_, masked_fill_
@case('copy_(w)/rows (broadcast)')
def _(L):
    y = L['x'] * 2; v = y[1:3]; v.copy_(L['w']); return y, v, None

@case('copy_(s)/column (y[:, 0] = s)')
def _(L):
    y = L['x'] * 2; v = y.select(1, 0); v.copy_(L['s']); return y, v, None

@case('fill_/row (y[1] = 2.5)')
def _(L):
    y = L['x'] * 2; v = y[1]; v.fill_(2.5); return y, v, None

@case('fill_(t0)/row, a value that requires grad')
def _(L):
    y = L['x'] * 2; v = y[0]; v.fill_(L['t0']); return y, v, None

@case('zero_/column')
def _(L):
    y = L['x'] * 2; v = y[:, 1]; v.zero_(); return y, v, None

@case('masked_fill_/t()')
def _(L):
    y = L['x'] * 2; v = y.t(); v.masked_fill_(L['m'].t(), -1.0); return y, v, None

@case('fill_ on the base (no view)')
def _(L):
    y = L['x'] * 2; y.fill_(1.5); return y, None, None

@case('zero_ on the base (no view)')
def _(L):
    y = L['x'] * 2; y.zero_(); return y, None, None

@case('copy_(w) on the base (no view)')
def _(L):
    y = L['x'] * 2; y.copy_(L['w']); return y, None, None

@case('masked_fill_ on the base (no view)')
def _(L):
    y = L['x'] * 2; y.masked_fill_(L['m'], 0.5); return y, None, None

# ---- chains, repeats, the base around the op
@case('view of a view of a view: relu_')
def _(L):
    y = L['x'] * 2; v = y.view(2, 6)[1][2:5]; v.relu_(); return y, v, None

@case('two in-place ops on one view: mul_(w) then add_(1)')
def _(L):
    y = L['x'] * 2; v = y[0]; v.mul_(L['w']); v.add_(1); return y, v, None

@case('two views of one base, both modified')
def _(L):
    y = L['x'] * 2; v = y[0]; v.mul_(L['w']); q = y[:, 3]; q.add_(L['s']); return y, q, None

@case('base used before (sum) and after the op')
def _(L):
    y = L['x'] * 2; before = y.sum(0); v = y[1]; v.tanh_(); return y, v, (before * L['w']).sum()

@case('a sibling view made before the op is read after')
def _(L):
    y = L['x'] * 2; a = y[1]; y[0].relu_(); return y, a, (a.exp() * L['w']).sum()

@case('in-place on the base, a view made before is read after')
def _(L):
    y = L['x'] * 2; a = y[0]; y.relu_(); return y, a, (a * L['w']).sum()

@case('an expanded view read after its base changed in place')
def _(L):
    y = L['x'] * 2; e = y[0].expand(3, 4); y.sigmoid_(); return y, e, (e * L['G']).sum()

@case('base without grad: z[1] = w, z[2] += w')
def _(L):
    z = torch.zeros(3, 4); z[1].copy_(L['w']); z[2].add_(L['w']); return z, z[2], None

@case('base without grad: z.view(-1)[::3].mul_(w)')
def _(L):
    z = torch.ones(3, 4); v = z.view(-1)[::3]; v.mul_(L['w']); return z, v, None

@case('view of the op result: y.view(3, 4) after relu_ on y.view(-1)')
def _(L):
    y = L['x'] * 2; y.view(-1).relu_(); v = y.view(4, 3); return y, v, (v.sum(0) * torch.arange(3.0)).sum()

# ---- double backward
doubles = []


def double(id):
    def deco(fn):
        L = leaves()
        loss = fn(L)
        gx, gw = torch.autograd.grad(loss, [L['x'], L['w']], create_graph=True)
        (gx.pow(2).sum() + (gw * L['w']).sum()).backward()
        doubles.append({'id': id, 'gx': enc(gx), 'gw': enc(gw), 'x_grad': enc(L['x'].grad), 'w_grad': enc(L['w'].grad)})
        return fn
    return deco


# (Not mul_(w) on a view: PyTorch 1.13's second derivative there gives w a gradient its graph does
# not contain, a quirk tocha does not copy; its first derivatives are tested above.)
@double('tanh_ on a row of y = x * w, loss sum(y * y * G)')
def _(L):
    y = L['x'] * L['w']; y[0].tanh_(); return (y * y * L['G']).sum()

@double('add_(w[:2]) on a column slice, then sigmoid_ on a flat slice')
def _(L):
    y = L['x'] * L['w']; y[:, 1:3].add_(L['w'][:2]); y.view(-1)[2:9].sigmoid_(); return (y * y * L['G']).sum()

@double('narrow of a flatten: mul_(2), then y[:, 0] = w[:3] * w[3]')
def _(L):
    y = L['x'] * L['w']; nn.Flatten(0)(y).narrow(0, 3, 4).mul_(2); y[:, 0].copy_(L['w'][:3] * L['w'][3])
    return (y * y * L['G']).sum()

# ---- errors
errors = []


def error(id):
    def deco(fn):
        L = leaves()
        try:
            fn(L)
        except Exception as e:  # noqa: BLE001 - the message is the point
            errors.append({'id': id, 'message': str(e)})
            return fn
        raise AssertionError(f'{id}: no error')
    return deco


@error('view of a leaf: relu_')
def _(L): L['x'][0].relu_()

@error('view of a leaf: fill_')
def _(L): L['x'].view(-1).fill_(0)

@error('view of a leaf: copy_')
def _(L): L['x'][0].copy_(L['w'])

@error('view of a leaf: nn.ReLU(inplace) after nn.Flatten')
def _(L): nn.ReLU(inplace=True)(nn.Flatten()(L['a']))

@error('leaf itself: add_')
def _(L): L['x'].add_(1)

@error('view made in no_grad, relu_ with grad mode on')
def _(L):
    y = L['x'] * 2
    with torch.no_grad():
        v = y[0]
    v.relu_()

@error('view of a leaf made in no_grad, relu_ with grad mode on')
def _(L):
    with torch.no_grad():
        v = L['x'][0]
    v.relu_()

@error('view made in no_grad of a base without grad, mul_(w)')
def _(L):
    z = torch.zeros(3, 4)
    with torch.no_grad():
        v = z[1]
    v.mul_(L['w'])

@error('view made in no_grad, read after its base changed in place')
def _(L):
    y = L['x'] * 2
    with torch.no_grad():
        a = y[0]
    y.relu_()
    (a * 2).sum()

@error('unbind output modified in place')
def _(L): (L['x'] * 2).unbind()[1].relu_()

@error('split output modified in place')
def _(L): (L['x'] * 2).split(2, 1)[0].mul_(2)

@error('chunk output modified in place')
def _(L): (L['x'] * 2).chunk(2, 1)[1].zero_()

@error('split_with_sizes output modified in place')
def _(L): (L['x'] * 2).split([1, 2])[1].relu_()

@error('a view of an unbind output modified in place')
def _(L): (L['x'] * 2).unbind()[1][0:2].relu_()

@error('unbind output of a base without grad, mul_(w)')
def _(L): torch.zeros(3, 4).unbind()[0].mul_(L['w'])

@error('unbind output read after its base changed in place')
def _(L):
    y = L['x'] * 2; a = y.unbind()[0]; y.relu_(); (a * 2).sum()

@error('saved base, its view modified: CopySlices named')
def _(L):
    y = L['x'] * 2; p = y.pow(2); y[0].relu_(); p.sum().backward()

@error('saved view, the view modified: AsStridedBackward0 named')
def _(L):
    y = L['x'] * 2; v = y[0]; p = v.pow(2); v.relu_(); p.sum().backward()

@error('saved view, its base modified')
def _(L):
    y = L['x'] * 2; v = y[0]; p = v.pow(2); y.relu_(); p.sum().backward()

@error('relu_ then sigmoid_ on one view: relu saved its result')
def _(L):
    y = L['x'] * 2; v = y[0]; v.relu_(); v.sigmoid_(); y.sum().backward()

@error('relu_ then mul_ on the base: relu saved its result')
def _(L):
    y = L['x'] * 2; y.relu_(); y.mul_(2); y.sum().backward()

@error('in-place on an expanded view')
def _(L):
    y = L['x'] * 2; y[0].unsqueeze(0).expand(2, 4).relu_()

with open('test/fixtures/inplace-views.json', 'w') as f:
    json.dump({'torch': torch.__version__, 'inputs': {k: enc(v) for k, v in inputs.items()}, 'cases': cases,
               'doubles': doubles, 'errors': errors}, f, indent=None, separators=(',', ':'))
print(len(cases), 'cases,', len(doubles), 'double backward,', len(errors), 'errors')
