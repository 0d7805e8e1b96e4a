# PyTorch 1.13's bits for torch.pow with exponents other than ATen's special ones, and its gradients (one thread).
# ATen's pow kernels run through cpu_kernel_vec: SLEEF's Sleef_powf8_u10 on a contiguous row's whole 16-float blocks
# (a number exponent, or base, cast to float), then the scalar lambda on the rest and on strided elements: std::pow(float,
# float), glibc's powf, for a tensor exponent (and a number base, which is one); std::pow(float, double), glibc's pow in
# double rounded to float, for a number exponent. The gradients are FunctionsManual.cpp's: pow_backward's
# grad * (exponent * self.pow(exponent - 1)) (the same kernel again), pow_backward_self and pow_backward_exponent.
# Inputs are torch.randn after manual_seed(seed) (which tocha draws bit for bit); `wide` and `grid` hold floats as bits.
# Float32 bits in hex, NaN as 7fc00000.
#   /usr/bin/python3 scripts/gen-pow-bits.py   (writes test/fixtures/pow-bits.json)
import json

import torch

import bits_fixture

torch.set_num_threads(1)
EXPONENTS = [2.5, 1 / 3, -1.5, 0.7, 3.7, 10.0]


def hexes(t):
    return bits_fixture.hexes(t, one_nan=True)


def pick(t, k=24):
    return bits_fixture.pick(t, k, one_nan=True)


def grad_of(t):
    return pick(t.grad) if t.grad is not None else None


def scalar_exp(x, e, g, k=24):
    leaf = x.clone().requires_grad_()
    y = torch.pow(leaf, e)
    y.backward(g)
    return {'y': pick(y.detach(), k), 'grad': pick(leaf.grad, k)}


def tensor_exp(x, e, g, k=24):
    a = x.clone().requires_grad_()
    b = e.clone().requires_grad_()
    y = torch.pow(a, b)
    y.backward(g)
    return {'y': pick(y.detach(), k), 'grad': pick(a.grad, k), 'grad_e': pick(b.grad, k)}


def scalar_base(base, x, g, k=24):
    leaf = x.clone().requires_grad_()
    y = torch.pow(base, leaf)
    y.backward(g)
    return {'y': pick(y.detach(), k), 'grad': pick(leaf.grad, k)}


cases = []
# x ** e and e ** x on |randn| * 3, x ** (x / 3): contiguous rows of 1 to 1003 (whole 16-float blocks, then the rest)
for seed, n in enumerate([1, 7, 16, 17, 33, 1003], start=1):
    torch.manual_seed(seed)
    x = torch.randn(n).abs() * 3
    torch.manual_seed(seed + 1000)
    g = torch.randn(n)
    cases.append({'seed': seed, 'n': n,
                  'scalar': [scalar_exp(x, e, g) for e in EXPONENTS],
                  'tensor': tensor_exp(x, x / 3, g),
                  'base': [scalar_base(b, x, g) for b in [2.5, 0.3]]})
# every exponent, both signs (as bits), to the exponents, and to random-bit exponents; 320 (20 blocks, no tail)
gen = torch.Generator().manual_seed(77)
e = torch.randint(-149, 128, (320,), generator=gen).double()
f = torch.rand(320, generator=gen, dtype=torch.float64)
s = torch.randint(0, 2, (320,), generator=gen).double() * 2 - 1
wide = (s * (1 + f) * torch.pow(2.0, e)).float()
ebits = torch.randint(-2**31, 2**31 - 1, (320,), generator=gen, dtype=torch.int32).view(torch.float32)
ebits = torch.where(torch.rand(320, generator=gen) < 0.5, ebits, torch.randn(320, generator=gen) * 4)
g = torch.linspace(-2, 2, 320)
cases.append({'wide': hexes(wide), 'ebits': hexes(ebits), 'scalar': [scalar_exp(wide, e, g, 320) for e in EXPONENTS],
              'tensor': {'y': hexes(torch.pow(wide, ebits))},
              'tail': {'y': hexes(torch.pow(wide[:13], ebits[:13]))}})
# the special values: every pair of a grid, as one row (whole blocks) and, x = 0, 1, -1 and inf to the first 15, tails
vals = [0.0, -0.0, 1.0, -1.0, float('inf'), float('-inf'), float('nan'), 2.0, -2.0, 0.5, -0.5, 1e-40, 3.0, 1e30, 2.5,
        -3.0]
grid_x = torch.tensor(vals).repeat_interleave(len(vals))
grid_e = torch.tensor(vals).repeat(len(vals))
cases.append({'grid': [hexes(grid_x), hexes(grid_e)], 'tensor': {'y': hexes(torch.pow(grid_x, grid_e))},
              'tails': [hexes(torch.pow(grid_x[k:k + 15], grid_e[k:k + 15])) for k in (0, 32, 48, 64)],
              'scalar': [{'y': hexes(torch.pow(torch.tensor(vals), e))} for e in EXPONENTS]})
# strided input: every third float of a row (the scalar lambda on every element), and a (5, 37) base to a (37,) exponent
torch.manual_seed(97)
x = torch.randn(4, 60).abs() * 3
out = {'scalar': [], 'tensor': None}
for e in EXPONENTS:
    leaf = x.detach().requires_grad_()
    y = torch.pow(leaf[:, ::3], e)
    y.backward(torch.ones_like(y))
    out['scalar'].append({'y': pick(y.detach()), 'grad': pick(leaf.grad)})
a = x.detach().requires_grad_()
y = torch.pow(a[:, ::3], a[:, 1::3] / 3)
y.backward(torch.ones_like(y))
out['tensor'] = {'y': pick(y.detach()), 'grad': pick(a.grad)}
torch.manual_seed(98)
b = torch.randn(5, 37).abs() * 3
ex = torch.randn(37)
out['broadcast'] = {'y': hexes(torch.pow(b, ex))}
cases.append({'seed': 97, 'rows': 4, 'width': 60, 'step': 3, 'ops': out})
with open('test/fixtures/pow-bits.json', 'w') as fh:
    json.dump({'version': torch.__version__, 'exponents': EXPONENTS, 'cases': cases}, fh, separators=(',', ':'))
print(f'wrote test/fixtures/pow-bits.json: {len(cases)} cases')
