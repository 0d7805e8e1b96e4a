# PyTorch 1.13's bits for F.gelu and its gradient, both approximations (one thread). approximate='none': a contiguous
# input of more than one float goes to oneDNN (gelu_erf forward and backward, on every element); anything else to
# ATen's GeluKernelImpl / GeluBackwardKernelImpl. approximate='tanh' always takes ATen's kernels (1.13 hands only 'none'
# to oneDNN). ATen's kernels run SLEEF (erff8_u10, expf8_u10, tanhf8_u10) on whole 16-float blocks of each row
# TensorIterator makes and glibc's scalar functions (erff, expf, tanhf) on the rest and on strided operands (basic_loop).
# Inputs are torch.randn(n) * 3 after manual_seed(seed), which tocha draws bit for bit; grads are torch.randn of the same
# size after manual_seed(seed + 1000). The fixture holds float32 bits in hex.
#   /usr/bin/python3 scripts/gen-gelu-bits.py   (writes test/fixtures/gelu-bits.json)
import json

import torch
import torch.nn.functional as F

import bits_fixture

torch.set_num_threads(1)
APPROX = ['none', 'tanh']


def hexes(t):
    return bits_fixture.hexes(t, one_nan=True)  # NaN as one NaN: its payload (SLEEF's tanh makes 0xffffffff) is not compared


def pick(t, k=48):
    return bits_fixture.pick(t, k, one_nan=True)


def run(ap, x, g):
    leaf = x.clone().requires_grad_()
    y = F.gelu(leaf, approximate=ap)
    y.backward(g)
    return {'y': pick(y.detach()), 'grad': pick(leaf.grad)}


cases = []
for seed, n in enumerate([1, 2, 5, 16, 17, 37, 100, 1003, 40000], start=1):
    torch.manual_seed(seed)
    x = torch.randn(n) * 3
    torch.manual_seed(seed + 1000)
    g = torch.randn(n)
    cases.append({'seed': seed, 'n': n, 'ops': {ap: run(ap, x, g) for ap in APPROX}})
# the edges: zeros, tiny and subnormal values, tanhf's and expm1f's branch points, where tanh and erf reach ±1 and exp
# underflows, huge values, infinities and NaN; in 16-float blocks and, the first 7, in a tail
edges = torch.tensor([0.0, -0.0, 1e-40, -1e-30, 2e-20, -3e-8, 1.0, -1.0, 0.3, -0.6, 1.3, -2.5, 5.0, -5.5, 6.0, -9.0,
                      10.0, -13.0, 14.0, -20.0, 60.0, -1e4, 1e30, -3e38, float('inf'), float('-inf'), float('nan'),
                      0.75, -0.25, 3.5, 2.2, -4.4])
g = torch.linspace(-2, 2, len(edges))
cases.append({'edges': hexes(edges), 'ops': {ap: run(ap, edges, g) for ap in APPROX},
              'tail': {ap: run(ap, edges[:7], g[:7]) for ap in APPROX}})
# views: a strided input (every third element of a row: the scalar functions on every element), rows of 50 of a
# (4, 60) input (three blocks and a tail of 2 per row), and gradients of sum() (a broadcast scalar: the whole tensor as
# one row) and of sum(0) (rows of 37)
torch.manual_seed(97)
x = torch.randn(4, 60) * 3
views = {}
for ap in APPROX:
    out = {}
    for name, view in [('step3', lambda t: t[:, ::3]), ('rows50', lambda t: t[:, :50])]:
        leaf = x.clone().requires_grad_()
        y = F.gelu(view(leaf), approximate=ap)
        y.backward(torch.ones_like(y) * 0.75)
        out[name] = {'y': pick(y.detach()), 'grad': pick(leaf.grad)}
    torch.manual_seed(98)
    xs = torch.randn(40, 37) * 3
    for name, red in [('sum', lambda y: y.sum()), ('sum0', lambda y: y.sum(0))]:
        leaf = xs.clone().requires_grad_()
        red(F.gelu(leaf, approximate=ap)).backward(torch.ones(()) if name == 'sum' else torch.full((37,), 0.75))
        out[name] = {'grad': pick(leaf.grad)}
    views[ap] = out
cases.append({'views': views})
with open('test/fixtures/gelu-bits.json', 'w') as f:
    json.dump({'version': torch.__version__, 'cases': cases}, f, separators=(',', ':'))
print(f'wrote test/fixtures/gelu-bits.json: {len(cases)} cases')
