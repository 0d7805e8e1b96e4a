# PyTorch 1.13's bits for torch.tan and its gradient (one thread). tan is an ATen vml op: SLEEF's Sleef_tanf8_u10 over
# 8-float vectors from a row's start, the last one a zero-padded partial load, strided input gathered into a buffer
# first. SLEEF reduces a whole vector the slow way (rempif) once one lane is not below 125 or is NaN, which now and then
# changes another lane's last bit: `mixed` holds such floats (near multiples of pi/2) beside a large lane and alone.
# The gradient is derivatives.yaml's grad * (1 + result.pow(2)). Inputs are torch.randn(n) * 3 after manual_seed(seed)
# (which tocha draws bit for bit); grads torch.randn of the same size after manual_seed(seed + 1000). `wide` holds
# floats of every exponent and both signs (as bits), `edges` the special values. Float32 bits in hex, NaN as 7fc00000.
#   /usr/bin/python3 scripts/gen-tan-bits.py   (writes test/fixtures/tan-bits.json)
import json
import struct

import torch

import bits_fixture

torch.set_num_threads(1)


def hexes(t):
    return bits_fixture.hexes(t, one_nan=True)


def pick(t, k=24):
    return bits_fixture.pick(t, k, one_nan=True)


def run(x, g, k=24):
    leaf = x.clone().requires_grad_()
    y = torch.tan(leaf)
    y.backward(g)
    return {'y': pick(y.detach(), k), 'grad': pick(leaf.grad, k)}


def floats(hex_bits):
    return torch.tensor([struct.unpack('>f', bytes.fromhex(h))[0] for h in hex_bits])


cases = []
for seed, n in enumerate([1, 5, 7, 8, 9, 16, 17, 37, 100, 1003, 40000], start=1):
    torch.manual_seed(seed)
    x = torch.randn(n) * 3
    torch.manual_seed(seed + 1000)
    g = torch.randn(n)
    cases.append({'seed': seed, 'n': n, 'tan': run(x, g)})
# every exponent, both signs: 2^e * (1 + f) for e in [-149, 127], as one row of 320 (40 vectors, several slow)
gen = torch.Generator().manual_seed(77)
e = torch.randint(-149, 128, (320,), generator=gen).double()
f = torch.rand(320, generator=gen, dtype=torch.float64)
s = torch.randint(0, 2, (320,), generator=gen).double() * 2 - 1
wide = (s * (1 + f) * torch.pow(2.0, e)).float()
g = torch.linspace(-2, 2, 320)
cases.append({'wide': hexes(wide), 'tan': run(wide, g, 320)})
# floats whose tan SLEEF's slow reduction changes (found against libsleef's Sleef_tanf8_u10avx2), each in an 8-float
# vector with a large lane (1000), then the same floats in vectors below 125 only; 4 x 15 + 4 + 15 values, a partial tail
near = floats(['4258c519', '4200d965', 'c2f69d73', 'c2c77dbb', 'c283f267', '42c77dbb', '425c2e10', 'c2caa1fb',
               '4216cbca', '42caa1fb', 'c2a36a57', '42f69d73', '420d5f26', '425c2e10', 'c216cbca'])
big = torch.full((15,), 1000.0)
mixed = torch.stack([near, big, -near, near], 1).flatten()  # lanes: near, 1000, -near, near (two rows per vector)
mixed = torch.cat([mixed, torch.zeros(4), near])  # (the zeros end the last slow vector)
g = torch.linspace(-2, 2, len(mixed))
cases.append({'mixed': hexes(mixed), 'tan': run(mixed, g, len(mixed))})
# the edges: zeros, subnormals, infinities, NaN, the slow-path bound 125, pi/2 and its neighbours, huge floats; 32
# values (four vectors, some slow) and, the first 9, alone (a vector and a partial one)
edges = torch.tensor([0.0, -0.0, float('inf'), float('-inf'), float('nan'), 1.0, -1.0, 1e-40, -1e-45, 1.1754942e-38,
                      1.5707964, -1.5707964, 1.5707963, 4.712389, 124.99999, 125.0, -125.0, 3.4028235e38, -3.4028235e38,
                      1e10, 8388608.0, 0.7, -0.69999999, 3.1415927, 1e-4, 39.0, 0.7853982, 1e30, 2e-30, 80.0, 1.0e5, -6.0])
g = torch.linspace(-2, 2, len(edges))
cases.append({'edges': hexes(edges), 'tan': run(edges, g, 32), 'tail': run(edges[:9], g[:9], 9)})
# strided input: every third float of a row (gathered, then 8-float vectors), large lanes among them
torch.manual_seed(97)
x = torch.randn(4, 60) * 3
x[1, 6] = 500.0
x[2, 33] = -3e6
leaf = x.detach().requires_grad_()
y = torch.tan(leaf[:, ::3])
y.backward(torch.ones_like(y))
cases.append({'seed': 97, 'rows': 4, 'width': 60, 'step': 3, 'big': [[1, 6, 500.0], [2, 33, -3e6]],
              'tan': {'y': pick(y.detach()), 'grad': pick(leaf.grad)}})
with open('test/fixtures/tan-bits.json', 'w') as f:
    json.dump({'version': torch.__version__, 'cases': cases}, f, separators=(',', ':'))
print(f'wrote test/fixtures/tan-bits.json: {len(cases)} cases')
