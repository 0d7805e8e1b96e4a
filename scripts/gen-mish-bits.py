# PyTorch 1.13's bits for F.mish, torch.logit (eps None and given) and torch.digamma, forward and backward (one thread).
# mish and mish_backward (Activation.cpp) and logit / logit_backward (UnaryOpsKernel.cpp, BinaryOpsKernel.cpp; this
# torch has no MKL, so no vml path) run through cpu_kernel_vec: SLEEF (expf8_u10, log1pf8_u10, tanhf8_u10, logf8_u10)
# on whole 16-float blocks of each row TensorIterator makes, glibc's scalar functions (expf, log1pf, tanhf, logf) on the
# rest and on strided operands. digamma's gradient is grad * polygamma(1, x): Math.h's trigamma(float) on every element
# (glibc's sinf), then a product.
# Inputs are torch.randn(n) * 3 after manual_seed(seed), which tocha draws bit for bit (logit takes sigmoid(x), and x / 4
# for values outside [0, 1] and eps clamps); grads are torch.randn of the same size after manual_seed(seed + 1000).
#   /usr/bin/python3 scripts/gen-mish-bits.py   (writes test/fixtures/mish-bits.json)
import json

import torch
import torch.nn.functional as F

import bits_fixture

torch.set_num_threads(1)
# each op from x (randn * 3, or an edge tensor): what it applies to x before the leaf, and the op on the leaf
OPS = {
    'mish': (lambda x: x, F.mish),
    'logit': (torch.sigmoid, torch.logit),
    'logit_e6': (torch.sigmoid, lambda t: torch.logit(t, 1e-6)),
    'logit_raw': (lambda x: x / 4, torch.logit),
    'logit_q': (lambda x: x / 4, lambda t: torch.logit(t, 0.25)),
    'digamma': (lambda x: x, torch.digamma),
}


def hexes(t):
    return bits_fixture.hexes(t, one_nan=True)  # NaN as one NaN: its sign and payload are not compared


def pick(t, k=40):
    return bits_fixture.pick(t, k, one_nan=True)


def run(name, x, g, fn=pick):
    prep, op = OPS[name]
    leaf = prep(x).clone().requires_grad_()
    y = op(leaf)
    y.backward(g)
    return {'y': fn(y.detach()), 'grad': fn(leaf.grad)}


cases = []
for seed, n in enumerate([1, 3, 16, 17, 37, 100, 1003, 40000], start=1):
    torch.manual_seed(seed)
    x = torch.randn(n) * 3
    torch.manual_seed(seed + 1000)
    g = torch.randn(n)
    cases.append({'seed': seed, 'n': n, 'ops': {k: run(k, x, g) for k in OPS}})
# the edges, in 16-float blocks and (the first 9) in a tail: zeros (logit's gradient at -0 is -g * inf in a block and
# g * inf in the tail), subnormals, 1 and its neighbours, eps's bounds, where exp overflows or underflows and tanh
# reaches 1, log1p's 1e38 bound, digamma's poles and reflection, huge values, infinities and NaN
edges = torch.tensor([0.0, -0.0, 1.0, 1e-40, -1e-30, 0.99999994, 5.960464477539063e-08, 1e-6, 0.999999, 0.25, 0.75,
                      0.5, -0.5, 1.5, -1.0, -2.5, 2.0, 9.0, -9.5, 20.0, -20.0, 88.7, 88.8, -88.0, -104.0, -110.0,
                      1e30, -3e38, float('inf'), float('-inf'), float('nan'), 1e-3])
ge = torch.linspace(-2, 2, len(edges))
EDGE_OPS = {'mish': F.mish, 'logit': torch.logit, 'logit_e6': lambda t: torch.logit(t, 1e-6),
            'logit_q': lambda t: torch.logit(t, 0.25), 'logit_0': lambda t: torch.logit(t, 0.0), 'digamma': torch.digamma}


def run_edges(t, g):
    out = {}
    for k, op in EDGE_OPS.items():
        leaf = t.clone().requires_grad_()
        y = op(leaf)
        y.backward(g)
        out[k] = {'y': hexes(y.detach()), 'grad': hexes(leaf.grad)}
    return out


cases.append({'edges': hexes(edges), 'ops': run_edges(edges, ge), 'tail': run_edges(edges[:9], ge[:9])})
# views: a strided input (every third element of a row: the scalar lambdas on every element), rows of 50 of a (4, 60)
# input (three blocks and a tail of 2 per row), and gradients of sum() (a broadcast scalar: the whole tensor as one row)
# and of sum(0) (rows of 37)
torch.manual_seed(97)
x = torch.randn(4, 60) * 3
torch.manual_seed(98)
xs = torch.randn(40, 37) * 3
views = {}
for k, (prep, op) in OPS.items():
    out = {}
    for name, view in [('step3', lambda t: t[:, ::3]), ('rows50', lambda t: t[:, :50])]:
        leaf = prep(x).clone().requires_grad_()
        y = op(view(leaf))
        y.backward(torch.ones_like(y) * 0.75)
        out[name] = {'y': pick(y.detach()), 'grad': pick(leaf.grad)}
    for name, red in [('sum', lambda y: y.sum()), ('sum0', lambda y: y.sum(0))]:
        leaf = prep(xs).clone().requires_grad_()
        red(op(leaf)).backward(torch.ones(()) if name == 'sum' else torch.full((37,), 0.75))
        out[name] = {'grad': pick(leaf.grad)}
    views[k] = out
cases.append({'views': views})
# under create_graph PyTorch takes infinitely_differentiable_mish_backward / _logit_backward, op by op (other bits than
# the kernels'), and their gradients in turn: grad(op(x), x, g, create_graph) and the gradient of (that * h).sum()
torch.manual_seed(11)
x = torch.randn(1003) * 3
torch.manual_seed(1011)
g = torch.randn(1003)
h = torch.randn(1003)
second = {}
for k in ['mish', 'logit', 'logit_q']:
    prep, op = OPS[k]
    leaf = prep(x).clone().requires_grad_()
    d, = torch.autograd.grad(op(leaf), leaf, g, create_graph=True)
    dd, = torch.autograd.grad((d * h).sum(), leaf)
    second[k] = {'y': pick(d.detach()), 'grad': pick(dd)}
cases.append({'create_graph': second})
with open('test/fixtures/mish-bits.json', 'w') as f:
    json.dump({'version': torch.__version__, 'cases': cases}, f, separators=(',', ':'))
print(f'wrote test/fixtures/mish-bits.json: {len(cases)} cases')
