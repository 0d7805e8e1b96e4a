# PyTorch 1.13's bits for erfc, erfinv and lgamma and their gradients (one thread). All three are ATen's vml ops, so
# every element (a partial last vector and strided input too) takes Vectorized<float>'s function: SLEEF's
# Sleef_erfcf8_u15 and Sleef_lgammaf8_u10, and for erfinv ATen's scalar calc_erfinv (Math.h, float, its Horner steps
# fused by GCC, glibc's logf, erff and expf) lane by lane. The gradients are derivatives.yaml's:
# -2 / sqrt(pi) * exp(-self.pow(2)) * grad, 0.5 * sqrt(M_PI) * exp(self.erfinv().pow(2)) * grad, grad * digamma(self).
# Inputs are torch.randn(n) * 3 after manual_seed(seed) (which tocha draws bit for bit), x / 10 for erfinv, before they
# become the leaf; grads are torch.randn of the same size after manual_seed(seed + 1000). `wide` holds floats of every
# exponent and both signs (as bits), `unit` the same below 1 in magnitude (erfinv's domain), `edges` the special values
# and the functions' thresholds. The fixture holds float32 bits in hex, NaN as 7fc00000.
#   /usr/bin/python3 scripts/gen-special-bits.py   (writes test/fixtures/special-bits.json)
import json

import torch

import bits_fixture

torch.set_num_threads(1)
OPS = ['erfc', 'erfinv', 'lgamma']
MAP = {'erfinv': lambda x: x / 10}


def hexes(t):
    return bits_fixture.hexes(t, one_nan=True)


def pick(t, k=24):
    return bits_fixture.pick(t, k, one_nan=True)


def run(op, x, g, k=24):
    leaf = x.clone().requires_grad_()
    y = getattr(torch, op)(leaf)
    y.backward(g)
    return {'y': pick(y.detach(), k), 'grad': pick(leaf.grad, k)}


def spread(gen, n, emin, emax):
    """n floats 2^e (1 + f), e in [emin, emax], random signs."""
    e = torch.randint(emin, emax + 1, (n,), generator=gen).double()
    f = torch.rand(n, generator=gen, dtype=torch.float64)
    s = torch.randint(0, 2, (n,), generator=gen).double() * 2 - 1
    return (s * (1 + f) * torch.pow(2.0, e)).float()


cases = []
for seed, n in enumerate([1, 5, 8, 16, 17, 37, 100, 1003, 40000], start=1):
    torch.manual_seed(seed)
    x = torch.randn(n) * 3
    torch.manual_seed(seed + 1000)
    g = torch.randn(n)
    cases.append({'seed': seed, 'n': n, 'ops': {op: run(op, MAP.get(op, lambda t: t)(x), g) for op in OPS}})
gen = torch.Generator().manual_seed(77)
# every exponent, both signs, as one row of 320 (40 vectors, no tail)
wide = spread(gen, 320, -149, 127)
g = torch.linspace(-2, 2, 320)
cases.append({'wide': hexes(wide), 'ops': {op: run(op, wide, g, 320) for op in OPS}})
# below 1 in magnitude: erfinv's domain (its two branches meet at 0.7), 19 short of two blocks
unit = torch.cat([spread(gen, 200, -149, -1), torch.rand(109, generator=gen) * 2 - 1])
g = torch.linspace(-2, 2, len(unit))
cases.append({'unit': hexes(unit), 'ops': {op: run(op, unit, g, len(unit)) for op in OPS}})
# the edges: zeros, subnormals, infinities, NaN, ±1 and the functions' thresholds (erfc's 1, 2.2, 4.3, 10.1; lgamma's
# 0.5, 1.2, 2.3, 7, 1e-30, poles and the overflow; erfinv's 0.7), 48 values (three blocks) and, the first 9, as a tail
edges = torch.tensor([0.0, -0.0, float('inf'), float('-inf'), float('nan'), 1.0, -1.0, 0.5, -0.5, 1e-40, -1e-45, 1e-38,
                      3.4028235e38, -3.4028235e38, 0.99999994, -0.99999994, 1.0000001, 0.7, 0.70000005, -0.7, 2.2, 2.1999998,
                      4.3, 4.2999997, 10.1, 10.099999, -10.1, -4.3, 1.2, 2.3, 7.0, 7.0000005, 1e-30, 9.9999994e-31,
                      -1e-30, -1.0, -2.0, -2.5, -100.5, -8388607.5, 4.0850034e36, 4.085004e36, 1e37, 3.0, 2.0, -0.25, 26.0,
                      -3.0000002])
g = torch.linspace(-2, 2, len(edges))
cases.append({'edges': hexes(edges), 'ops': {op: run(op, edges, g, len(edges)) for op in OPS},
              'tail': {op: run(op, edges[:9], g[:9], 9) for op in OPS}})
# strided inputs (every third element of a row; a transposed matrix): the same functions on every element
torch.manual_seed(97)
x = torch.randn(4, 60) * 3
out, outT = {}, {}
for op in OPS:
    leaf = MAP.get(op, lambda t: t)(x).detach().requires_grad_()
    y = getattr(torch, op)(leaf[:, ::3])
    y.backward(torch.ones_like(y))
    out[op] = {'y': pick(y.detach()), 'grad': pick(leaf.grad)}
    leaf = MAP.get(op, lambda t: t)(x).detach().requires_grad_()
    y = getattr(torch, op)(leaf.t())
    y.backward(torch.ones_like(y))
    outT[op] = {'y': pick(y.detach()), 'grad': pick(leaf.grad)}
cases.append({'seed': 97, 'rows': 4, 'width': 60, 'step': 3, 'ops': out, 'transposed': outT})
with open('test/fixtures/special-bits.json', 'w') as f:
    json.dump({'version': torch.__version__, 'cases': cases}, f, separators=(',', ':'))
print(f'wrote test/fixtures/special-bits.json: {len(cases)} cases')
