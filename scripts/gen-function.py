# Fixture for test/function.test.ts: PyTorch 1.13's torch.autograd.Function: the tutorial's
# LegendrePolynomial3 ("Learning PyTorch with Examples") trained as there, several outputs,
# non-differentiable outputs, materialized grads, needs_input_grad, the errors, and anomaly detection.
# Run: /usr/bin/python3 scripts/gen-function.py > test/fixtures/function.json
import json, math
import torch
from pyfixture import err

out = {}

class LegendrePolynomial3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return 0.5 * (5 * input ** 3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        return grad_output * 1.5 * (5 * input ** 2 - 1)

x = torch.linspace(-math.pi, math.pi, 2000)
y = torch.sin(x)
a = torch.full((), 0.0, requires_grad=True)
b = torch.full((), -1.0, requires_grad=True)
c = torch.full((), 0.0, requires_grad=True)
d = torch.full((), 0.3, requires_grad=True)
lr = 5e-6
losses = []
for t in range(300):
    P3 = LegendrePolynomial3.apply
    y_pred = a + b * P3(c + d * x)
    loss = (y_pred - y).pow(2).sum()
    if t % 100 == 99:
        losses.append(loss.item())
    if t == 0:
        out['grad_fn'] = y_pred.grad_fn.next_functions[1][0].next_functions[1][0].name()
    loss.backward()
    with torch.no_grad():
        for p in (a, b, c, d):
            p -= lr * p.grad
            p.grad = None
out['legendre'] = {'losses': losses, 'a': a.item(), 'b': b.item(), 'c': c.item(), 'd': d.item()}

class Two(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2, x * 3

    @staticmethod
    def backward(ctx, g1, g2):
        return g1 * 2 + g2 * 3

x = torch.tensor([1.0, 2.0], requires_grad=True)
p, q = Two.apply(x)
(p.sum() + (q * 10).sum()).backward()
g_both = x.grad.tolist()
x.grad = None
Two.apply(x)[0].sum().backward()
out['two'] = {'both': g_both, 'first_only': x.grad.tolist()}

class Scale(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k):
        ctx.k = k
        return x * k

    @staticmethod
    def backward(ctx, g):
        return g * ctx.k, None


class Bad1(Scale):
    @staticmethod
    def backward(ctx, g):
        return g
class Bad2(Scale):
    @staticmethod
    def backward(ctx, g):
        return g, g
class Bad3(Scale):
    @staticmethod
    def backward(ctx, g):
        return torch.ones(3), None
class NoBackward(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2
class Modified(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * 2
    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * x
def modified():
    w = torch.ones(2, requires_grad=True)
    h = w * 1
    r = Modified.apply(h)
    h.add_(1)
    r.sum().backward()
x = torch.ones(2, requires_grad=True)
out['errors'] = {
    'count': err(lambda: Bad1.apply(x, 3.0).sum().backward()),
    'not_tensor': err(lambda: Bad2.apply(x, 3.0).sum().backward()),
    'shape': err(lambda: Bad3.apply(x, 3.0).sum().backward()),
    'no_forward': err(lambda: torch.autograd.Function.apply(x)),
    'no_backward': err(lambda: NoBackward.apply(x).sum().backward()),
    'modified': err(modified),
}

# Anomaly detection: a NaN gradient is an error; the in-place hint changes.
import warnings
warnings.filterwarnings('ignore')
def nan_grad():
    x = torch.tensor([0.0, 1.0], requires_grad=True)
    with torch.autograd.detect_anomaly():
        (torch.sqrt(x) * 0).sum().backward()
def modified_anomaly():
    with torch.autograd.detect_anomaly():
        modified()
out['anomaly'] = {'nan': err(nan_grad), 'modified': err(modified_anomaly), 'enabled_after': torch.is_anomaly_enabled()}

# A Function that saves its output: unpacked in backward it has the Function's node as grad_fn, so its backward can be
# differentiated again; several outputs all show the Function's node; once_differentiable.
class ExpF(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        result = torch.exp(x)
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_out):
        result, = ctx.saved_tensors
        return result * grad_out


class SinhF(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        expx = torch.exp(x)
        expnegx = torch.exp(-x)
        ctx.save_for_backward(expx, expnegx)
        return (expx - expnegx) / 2, expx, expnegx

    @staticmethod
    def backward(ctx, grad_out, g_exp, g_negexp):
        expx, expnegx = ctx.saved_tensors
        return grad_out * (expx + expnegx) / 2 + g_exp * expx - g_negexp * expnegx


class Once(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 2

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return 2 * x * g


xs = torch.tensor([0.5, -1.0, 2.0])
x = xs.clone().requires_grad_()
y = ExpF.apply(x)
g, = torch.autograd.grad(y.sum(), x, create_graph=True)
gg, = torch.autograd.grad(g.sum(), x)
s1, s2, s3 = SinhF.apply(x)
gs, = torch.autograd.grad(s1.sum(), x, create_graph=True)
ggs, = torch.autograd.grad(gs.sum(), x)
y = Once.apply(x)
g1, = torch.autograd.grad(y.sum(), x, create_graph=True)
go = torch.ones(3, requires_grad=True)
g2, = torch.autograd.grad(Once.apply(x), x, go, create_graph=True)
out['saved_output'] = {
    'x': xs.tolist(), 'grad_fn': [type(g.grad_fn).__name__, type(g.grad_fn.next_functions[0][0]).__name__], 'g': g.tolist(), 'gg': gg.tolist(),
    'sinh_grad_fns': [t.grad_fn.name() for t in (s1, s2, s3)], 'gs': gs.tolist(), 'ggs': ggs.tolist(),
    'once': {'g1': g1.tolist(), 'g1_requires_grad': g1.requires_grad, 'g2_grad_fn': g2.grad_fn.name(),
             'error': err(lambda: g2.sum().backward())},
}
# torch.autograd.grad with a non-leaf input runs (and frees) nothing below it
leaf = torch.ones(2, requires_grad=True)
mid = leaf * 3
first = torch.autograd.grad((mid * 2).sum(), mid)[0]
(mid * 3).sum().backward()
out['grad_stops_at_input'] = {'first': first.tolist(), 'leaf_grad': leaf.grad.tolist()}
print(json.dumps(out))
