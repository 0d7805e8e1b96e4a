# Fixture for test/autograd-functional.test.ts: PyTorch 1.13's torch.autograd.functional (jacobian, hessian,
# vjp, jvp, hvp, vhp: values, tuple nesting, create_graph, strict-mode and argument errors),
# torch.autograd.gradcheck / gradgradcheck (float32, tocha's defaults eps=1e-3, atol=1e-3, rtol=1e-2: a
# passing case, a Function with a wrong backward and its message) and F.gumbel_softmax's draws.
# Run: /usr/bin/python3 scripts/gen-autograd-functional.py > test/fixtures/autograd-functional.json
import json, warnings
import torch
import torch.nn.functional as F
from torch.autograd.functional import jacobian, hessian, vjp, jvp, hvp, vhp
from pyfixture import enc, err

warnings.simplefilter('ignore')
out = {}
x = torch.tensor([[0.5, -1.0], [1.5, 0.25]])
y = torch.tensor([[2.0, 0.5], [-0.5, 1.0]])
a = torch.tensor([0.3, -0.7, 1.2])
b = torch.tensor([1.1, 0.4, -0.9])
v2 = torch.tensor([0.5, -2.0])
out['x'], out['y'], out['a'], out['b'], out['v2'] = enc(x), enc(y), enc(a), enc(b), enc(v2)

# The functions (test/autograd-functional.test.ts writes the same ones).
def exp_reducer(x): return x.exp().sum(dim=1)
def pair(a, b): return (a * b, a.sin().sum() + b.pow(2).sum())
def scalar(a, b): return (a.pow(3) * b).sum() + a.exp().sum()
def cube_sum(a): return a.pow(3).sum()
def linear_only(a, b): return a * 2

def grad_flags(r):
    return [grad_flags(t) for t in r] if isinstance(r, tuple) else r.requires_grad

def case(r):
    return {'value': enc(r), 'requires_grad': grad_flags(r)}

out['jacobian'] = {
    'exp_reducer': case(jacobian(exp_reducer, x)),
    'pair': case(jacobian(pair, (a, b))),
    'pair_create': case(jacobian(pair, (a, b), create_graph=True)),
    'single_in_tuple_out': case(jacobian(lambda a: (a * 2, a.sum()), a)),
    'tuple_in_single_out': case(jacobian(lambda a, b: a * b, (a, b))),
    'positional': case(jacobian(exp_reducer, x, False, False, False, 'reverse-mode')),
    'errors': {
        'strict_independent': err(lambda: jacobian(linear_only, (a, b), strict=True)),
        'strict_no_grad': err(lambda: jacobian(lambda a: torch.ones(2), a, strict=True)),
        'non_tensor_output': err(lambda: jacobian(lambda a: 3, a)),
        'non_tensor_in_tuple': err(lambda: jacobian(lambda a, b: a, (a, 2.5))),
        'non_tensor_input': err(lambda: jacobian(lambda a: a, 'x')),
        'too_many': err(lambda: jacobian(exp_reducer, x, False, False, False, 'reverse-mode', 1)),
        'unknown_kw': err(lambda: jacobian(exp_reducer, x, foo=1)),
        'bad_strategy': err(lambda: jacobian(exp_reducer, x, strategy='sideways')),
    },
}
out['hessian'] = {
    'cube_sum': case(hessian(cube_sum, a)),
    'scalar': case(hessian(scalar, (a, b))),
    'scalar_create': case(hessian(scalar, (a, b), create_graph=True)),
    'errors': {
        'not_scalar': err(lambda: hessian(lambda a: a * 2, a)),
        'tuple_output': err(lambda: hessian(lambda a: (a.sum(), a.sum()), a)),
        'strict_linear': err(lambda: hessian(lambda a: a.sum() * 2, a, strict=True)),
    },
}
out['vjp'] = {
    'exp_reducer': case(vjp(exp_reducer, x, v2)),
    'exp_reducer_create': case(vjp(exp_reducer, x, v2, create_graph=True)),
    'pair': case(vjp(pair, (a, b), (b, torch.tensor(2.0)))),
    'scalar_no_v': case(vjp(cube_sum, a)),
    'strict_zero': case(vjp(linear_only, (a, b), a)),
    'errors': {
        'v_none': err(lambda: vjp(exp_reducer, x)),
        'v_size': err(lambda: vjp(exp_reducer, x, a)),
        'v_tuple_size': err(lambda: vjp(pair, (a, b), (b, a))),
        'v_tuple_len': err(lambda: vjp(pair, (a, b), (b,))),
        'v_single': err(lambda: vjp(exp_reducer, x, (v2, v2))),
        'strict': err(lambda: vjp(linear_only, (a, b), a, strict=True)),
        'strict_no_grad': err(lambda: vjp(lambda a: torch.ones(3), a, a, strict=True)),
    },
}
out['jvp'] = {
    'exp_reducer': case(jvp(exp_reducer, x, y)),
    'exp_reducer_create': case(jvp(exp_reducer, x, y, create_graph=True)),
    'pair': case(jvp(pair, (a, b), (b, a))),
    'scalar_input': case(jvp(lambda s: s * torch.tensor([1.0, 2.0, 3.0]), torch.tensor(0.5))),
    'errors': {
        'v_none': err(lambda: jvp(exp_reducer, x)),
        'strict_linear': err(lambda: jvp(linear_only, (a, b), (a, b), strict=True)),
    },
}
out['hvp'] = {
    'scalar': case(hvp(scalar, (a, b), (b, a))),
    'cube_sum_create': case(hvp(cube_sum, a, b, create_graph=True)),
    'errors': {'not_scalar': err(lambda: hvp(lambda a: a * 2, a, a)),
               'strict': err(lambda: hvp(lambda a, b: (a.pow(2) * 2).sum() + b.sum(), (a, b), (a, b), strict=True))},
}
out['vhp'] = {
    'scalar': case(vhp(scalar, (a, b), (b, a))),
    'cube_sum': case(vhp(cube_sum, a, b)),
    'errors': {'tuple_output': err(lambda: vhp(lambda a: (a.sum(),), a, a)),
               'strict': err(lambda: vhp(lambda a, b: (a.pow(2) * 2).sum() + b.sum(), (a, b), (a, b), strict=True))},
}

# gradcheck in float32 with tocha's defaults.
TOL = dict(eps=1e-3, atol=1e-3, rtol=1e-2)

class BadSquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * x   # wrong: d x² = 2x

class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * 2 * x

class DetachedSquare(Square):
    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * 2 * x.detach()   # right values, but not differentiable in x

gx = torch.tensor([0.5, -1.25, 2.0], requires_grad=True)
gy = torch.tensor([[0.3, -0.2], [0.8, 1.1]], requires_grad=True)
out['gradcheck'] = {
    'x': enc(gx), 'y': enc(gy),
    'sin': torch.autograd.gradcheck(lambda x: x.sin(), (gx,), **TOL),
    'two_inputs': torch.autograd.gradcheck(lambda x, y: (x.sum() * y.exp(), y.tanh()), (gx, gy), **TOL),
    'square': torch.autograd.gradcheck(Square.apply, (gx,), **TOL),
    'bad': err(lambda: torch.autograd.gradcheck(BadSquare.apply, (gx,), **TOL)),
    'bad_second_input': err(lambda: torch.autograd.gradcheck(lambda y, x: (y * 2, BadSquare.apply(x)), (gy, gx), **TOL)),
    'bad_quiet': torch.autograd.gradcheck(BadSquare.apply, (gx,), raise_exception=False, **TOL),
    'kw_only_by_position': err(lambda: torch.autograd.gradcheck(lambda x: x.sin(), (gx,), 1e-3)),
    'no_grad_input': err(lambda: torch.autograd.gradcheck(lambda x: x * 2, (torch.ones(2),), **TOL)),
    'gradgrad': torch.autograd.gradgradcheck(lambda x: x.pow(3) * x.sin(), (gx,), (torch.tensor([1.0, -0.5, 0.25]),), **TOL),
    'gradgrad_square': torch.autograd.gradgradcheck(Square.apply, (gx,), (torch.tensor([1.0, -0.5, 0.25]),), **TOL),
    'gradgrad_bad': err(lambda: torch.autograd.gradgradcheck(DetachedSquare.apply, (gx,), (torch.tensor([1.0, -0.5, 0.25]),), **TOL)),
}

# F.gumbel_softmax: PyTorch's draws after manual_seed.
logits = torch.tensor([[0.1, -0.4, 1.2, 0.3, -1.0], [0.5, 0.5, -0.2, 2.0, 0.0], [-0.3, 0.8, 0.1, -0.6, 0.9]])
w = torch.tensor([[1.0, 2.0, -1.0, 0.5, 3.0]]).expand(3, 5)
g = {'logits': enc(logits), 'w': enc(w)}
torch.manual_seed(3)
g['soft'] = enc(F.gumbel_softmax(logits, tau=0.5))
torch.manual_seed(4)
g['dim0'] = enc(F.gumbel_softmax(logits, 2.0, False, 1e-10, 0))
torch.manual_seed(5)
lg = logits.clone().requires_grad_()
h = F.gumbel_softmax(lg, tau=0.7, hard=True)
(h * w).sum().backward()
g['hard'] = enc(h)
g['hard_grad'] = enc(lg.grad)
torch.manual_seed(5)
lg2 = logits.clone().requires_grad_()
s = F.gumbel_softmax(lg2, tau=0.7)
(s * w).sum().backward()
g['soft_grad'] = enc(lg2.grad)
g['too_many'] = err(lambda: F.gumbel_softmax(logits, 1, False, 1e-10, -1, 3))
out['gumbel_softmax'] = g

print(json.dumps(out))
