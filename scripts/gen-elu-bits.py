# PyTorch 1.13's bits for ELU, SELU and CELU and their gradients (one thread): ATen's elu kernel (Activation.cpp) computes
# x > 0 ? x * scale : (exp(x * input_scale) - 1) * (alpha * scale) -- exp - 1, not expm1 -- with SLEEF's expf8_u10 on
# whole 16-float blocks of a contiguous row and glibc's expf on the rest and on strided elements; CELU is elu(x, alpha,
# 1, 1/alpha), SELU elu(x, 1.6732..., 1.0507...). elu_backward reads the input, or the result after an in-place
# elu_/selu_/celu_ (is_result). Inputs are torch.randn(n) * 3 after manual_seed(seed), which tocha draws bit for bit;
# grads are torch.randn of the same size after manual_seed(seed + 1000). The fixture holds float32 bits in hex.
#   /usr/bin/python3 scripts/gen-elu-bits.py   (writes test/fixtures/elu-bits.json)
import json

import torch
import torch.nn.functional as F

from bits_fixture import hexes, pick

torch.set_num_threads(1)
FNS = {
    'elu': lambda x, inplace: F.elu(x, inplace=inplace),
    'elu_0.5': lambda x, inplace: F.elu(x, 0.5, inplace=inplace),
    'elu_2.5': lambda x, inplace: F.elu(x, 2.5, inplace=inplace),
    'selu': lambda x, inplace: F.selu(x, inplace=inplace),
    'celu': lambda x, inplace: F.celu(x, inplace=inplace),
    'celu_0.7': lambda x, inplace: F.celu(x, 0.7, inplace=inplace),
    'celu_0.3': lambda x, inplace: F.celu(x, 0.3, inplace=inplace),
    'celu_1.7': lambda x, inplace: F.celu(x, 1.7, inplace=inplace),
}


def run(name, x, g, inplace):
    leaf = x.clone().requires_grad_()
    src = leaf * 1 if inplace else leaf  # an in-place activation needs a non-leaf
    y = FNS[name](src, inplace)
    y.backward(g)
    return {'y': pick(y.detach()), 'grad': pick(leaf.grad)}


INPLACE = ['elu', 'elu_2.5', 'selu', 'celu_0.7']
cases = []
for seed, n in enumerate([1, 5, 16, 17, 37, 100, 1003, 40000], start=1):
    torch.manual_seed(seed)
    x = torch.randn(n) * 3
    torch.manual_seed(seed + 1000)
    g = torch.randn(n)
    cases.append({'seed': seed, 'n': n, 'ops': {k: run(k, x, g, False) for k in FNS},
                  'inplace': {k: run(k, x, g, True) for k in INPLACE}})
# the edges: zeros, tiny values (exp - 1 and expm1 part there), infinities, NaN, exp's bounds; in a 16-float block
# and, the first 7, in a tail
edges = torch.tensor([0.0, -0.0, -1e-5, -1e-30, 1e-30, float('inf'), float('-inf'), float('nan'), -87.0, -88.5, -104.0,
                      -110.0, -0.3, 0.3, -3.0, 3.0, -20.0, -1e-8])
g = torch.linspace(-2, 2, len(edges))
cases.append({'edges': hexes(edges), 'ops': {k: run(k, edges, g, False) for k in FNS},
              'tail': {k: run(k, edges[:7], g[:7], False) for k in FNS}})
# a strided input (every third element of a row): the scalar op on every element
torch.manual_seed(97)
x = torch.randn(4, 60) * 3
out = {}
for k in FNS:
    leaf = x.clone().requires_grad_()
    y = FNS[k](leaf[:, ::3], False)
    y.backward(torch.ones_like(y))
    out[k] = {'y': pick(y.detach()), 'grad': pick(leaf.grad)}
cases.append({'seed': 97, 'rows': 4, 'width': 60, 'step': 3, 'ops': out})
with open('test/fixtures/elu-bits.json', 'w') as f:
    json.dump({'version': torch.__version__, 'cases': cases}, f, separators=(',', ':'))
print(f'wrote test/fixtures/elu-bits.json: {len(cases)} cases')
