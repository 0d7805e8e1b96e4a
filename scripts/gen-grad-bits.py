# PyTorch 1.13's bits for the gradients of elementwise ops whose backward is a formula of derivatives.yaml or an ATen
# kernel (one thread), and of pow's special exponents, asinh, acosh, atanh, softplus and logsigmoid forward: reciprocal (-grad * (result *
# result)), rsqrt (-0.5 * grad * result.pow(3)), asin and acos
# (grad * (-self * self + 1).rsqrt(), negated for acos), hardsigmoid (grad * (1.0f / 6.0f)), softsign and tanhshrink
# (Python composites: x / (x.abs() + 1), x - x.tanh(), so their graphs' gradients), SiLU (silu_backward: SLEEF's exp on
# 16-float blocks, glibc's expf after, 1 + x * (1 - sigmoid) contracted into a fused multiply-add by GCC).
# Inputs: torch.randn(n) * scale after manual_seed(seed) (tocha draws the same), grads torch.randn(n) after
# manual_seed(seed + 1000); the fixture holds float32 bits in hex, picked as gen-elu-bits.py does.
#   /usr/bin/python3 scripts/gen-grad-bits.py   (writes test/fixtures/grad-bits.json)
import json

import torch
import torch.nn.functional as F

from bits_fixture import pick

torch.set_num_threads(1)
# name: (function, input scale): asin and acos take inputs mostly in (-1, 1)
FNS = {
    'reciprocal': (torch.reciprocal, 3), 'rsqrt': (lambda x: torch.rsqrt(x.abs()), 3), 'asin': (torch.asin, 0.3),
    'acos': (torch.acos, 0.3), 'hardsigmoid': (F.hardsigmoid, 3), 'softsign': (F.softsign, 3),
    'tanhshrink': (F.tanhshrink, 3), 'silu': (F.silu, 3),
    # pow_backward: grad * (e * x.pow(e - 1)), where e - 1 is one of pow's special exponents (sqrt, rsqrt, x * x,
    # x * x * x, 1 / (x * x)) or 0 (zeros)
    'pow_0.5': (lambda x: x.abs().pow(0.5), 3), 'pow_1.5': (lambda x: x.abs().pow(1.5), 3),
    'pow_3': (lambda x: x.pow(3), 3), 'pow_4': (lambda x: x.pow(4), 3), 'pow_-1': (lambda x: x.pow(-1), 3),
    'pow_0': (lambda x: x.pow(0), 3),
    'asinh': (torch.asinh, 3), 'acosh': (lambda x: torch.acosh(x.abs() + 1), 3), 'atanh': (torch.atanh, 0.3),
    'softplus': (F.softplus, 3), 'softplus_2_5': (lambda x: F.softplus(x, 2, 5), 3), 'logsigmoid': (F.logsigmoid, 3),
}
# forward values: pow_tensor_scalar_kernel's special exponents
FWD = {'pow_0.5': lambda x: x.abs().pow(0.5), 'pow_2': lambda x: x.pow(2), 'pow_3': lambda x: x.pow(3),
       'pow_-0.5': lambda x: x.abs().pow(-0.5), 'pow_-1': lambda x: x.pow(-1), 'pow_-2': lambda x: x.pow(-2),
       # std::asinh, std::acosh, std::atanh on every element: glibc's float code
       'asinh': torch.asinh, 'acosh': lambda x: torch.acosh(x.abs() + 1), 'atanh': lambda x: torch.atanh(x / 10),
       # softplus: SLEEF's exp and log1p on 16-float blocks, glibc's after; logsigmoid: SLEEF's on every element
       'softplus': F.softplus, 'softplus_2_5': lambda x: F.softplus(x, 2, 5), 'logsigmoid': F.logsigmoid}


def grad(f, x, g):
    leaf = x.clone().requires_grad_()
    f(leaf).backward(g)
    return leaf.grad


cases = []
for seed, n in enumerate([1, 5, 16, 17, 37, 1003, 40000], start=1):
    out = {}
    for k, (f, scale) in FNS.items():
        torch.manual_seed(seed)
        x = torch.randn(n) * scale
        torch.manual_seed(seed + 1000)
        g = torch.randn(n)
        out[k] = pick(grad(f, x, g))
    torch.manual_seed(seed)
    x = torch.randn(n) * 3
    cases.append({'seed': seed, 'n': n, 'grad': out, 'forward': {k: pick(f(x)) for k, f in FWD.items()}})
# strided input (every third element of a row): the scalar loop
out = {}
for k, (f, scale) in FNS.items():
    torch.manual_seed(97)
    x = torch.randn(4, 60) * scale
    leaf = x.clone().requires_grad_()
    y = f(leaf[:, ::3])
    y.backward(torch.ones_like(y))
    out[k] = pick(leaf.grad)
cases.append({'seed': 97, 'rows': 4, 'width': 60, 'step': 3, 'grad': out})
with open('test/fixtures/grad-bits.json', 'w') as f:
    json.dump({'version': torch.__version__, 'scales': {k: v[1] for k, v in FNS.items()}, 'cases': cases}, f,
              separators=(',', ':'))
print(f'wrote test/fixtures/grad-bits.json: {len(cases)} cases')
