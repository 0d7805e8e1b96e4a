# PyTorch 1.13's bits for log2, log10, atan, asin, acos, sinh and cosh and their gradients (one thread). The first five
# are ATen's vml ops: SLEEF's u10 functions (Sleef_log2f8_u10, ...) on every element, strided input too (gathered into
# a buffer); sinh and cosh run through cpu_kernel_vec: SLEEF on whole 16-float blocks of a contiguous row, glibc's
# sinhf/coshf on the rest and on strided elements. The gradients are derivatives.yaml's: grad / (self * ln 2),
# grad / (self * ln 10), grad / (self * self + 1), grad * (-self * self + 1).rsqrt() (acos: its negation),
# grad * self.cosh(), grad * self.sinh(). Inputs are torch.randn(n) * 3 after manual_seed(seed) (which tocha draws bit
# for bit) through each op's map (|x| for the logs, x / 10 for asin and acos) before they become the leaf; grads are
# torch.randn of the same size after manual_seed(seed + 1000). `wide` holds floats of every exponent and both signs (as
# bits), `edges` the special values. The fixture holds float32 bits in hex, NaN as 7fc00000.
#   /usr/bin/python3 scripts/gen-sleef2-bits.py   (writes test/fixtures/sleef2-bits.json)
import json

import torch

import bits_fixture

torch.set_num_threads(1)
OPS = ['log2', 'log10', 'atan', 'asin', 'acos', 'sinh', 'cosh']
MAP = {'log2': torch.abs, 'log10': torch.abs, 'asin': lambda x: x / 10, 'acos': lambda x: x / 10}


def hexes(t):
    return bits_fixture.hexes(t, one_nan=True)


def pick(t, k=24):
    return bits_fixture.pick(t, k, one_nan=True)


def run(op, x, g, k=24):
    leaf = x.clone().requires_grad_()
    y = getattr(torch, op)(leaf)
    y.backward(g)
    return {'y': pick(y.detach(), k), 'grad': pick(leaf.grad, k)}


cases = []
for seed, n in enumerate([1, 5, 16, 17, 37, 100, 1003, 40000], start=1):
    torch.manual_seed(seed)
    x = torch.randn(n) * 3
    torch.manual_seed(seed + 1000)
    g = torch.randn(n)
    cases.append({'seed': seed, 'n': n, 'ops': {op: run(op, MAP.get(op, lambda t: t)(x), g) for op in OPS}})
# every exponent, both signs: 2^e * (1 + f) for e in [-149, 127], as one row of 320 (20 blocks, no tail)
gen = torch.Generator().manual_seed(77)
e = torch.randint(-149, 128, (320,), generator=gen).double()
f = torch.rand(320, generator=gen, dtype=torch.float64)
s = torch.randint(0, 2, (320,), generator=gen).double() * 2 - 1
wide = (s * (1 + f) * torch.pow(2.0, e)).float()
g = torch.linspace(-2, 2, 320)
cases.append({'wide': hexes(wide), 'ops': {op: run(op, wide, g, 320) for op in OPS}})
# the edges: zeros, subnormals, infinities, NaN, 1, 0.5 and the functions' thresholds; 32 values (two blocks) and, the
# first 9, as a tail
edges = torch.tensor([0.0, -0.0, float('inf'), float('-inf'), float('nan'), 1.0, -1.0, 0.5, -0.5, 1e-40, -1e-45, 1e-38,
                      3.4028235e38, -3.4028235e38, 89.0, 89.1, -89.0, 88.72283, 88.8, 22.0, -21.99, 3.7e-9, 0.3465736,
                      -0.3465735, 1.0000001, 0.99999994, 0.49999997, -0.50000006, 2e-30, 1e-3, 8.6, -104.0])
g = torch.linspace(-2, 2, len(edges))
cases.append({'edges': hexes(edges), 'ops': {op: run(op, edges, g, 32) for op in OPS},
              'tail': {op: run(op, edges[:9], g[:9], 9) for op in OPS}})
# a strided input (every third element of a row): SLEEF on every element (vml) or glibc on every element (sinh, cosh)
torch.manual_seed(97)
x = torch.randn(4, 60) * 3
out = {}
for op in OPS:
    leaf = MAP.get(op, lambda t: t)(x).detach().requires_grad_()
    y = getattr(torch, op)(leaf[:, ::3])
    y.backward(torch.ones_like(y))
    out[op] = {'y': pick(y.detach()), 'grad': pick(leaf.grad)}
cases.append({'seed': 97, 'rows': 4, 'width': 60, 'step': 3, 'ops': out})
with open('test/fixtures/sleef2-bits.json', 'w') as f:
    json.dump({'version': torch.__version__, 'cases': cases}, f, separators=(',', ':'))
print(f'wrote test/fixtures/sleef2-bits.json: {len(cases)} cases')
