# Which elementwise ops and gradients give PyTorch 1.13's bits, and which do not yet: runs ~50 ops on torch.randn(1003) * 3
# (one contiguous row: 62 whole 16-float blocks and a tail of 11) and writes their output and input-gradient bits;
# scripts/bits-survey.ts runs the same in tocha and prints how many of the 1003 differ for each. A diagnostic, not a test.
#   /usr/bin/python3 scripts/bits-survey.py && npx tsx scripts/bits-survey.ts
import json
import sys

import torch
import torch.nn.functional as F
torch.set_num_threads(1)
FNS = {
 'relu': F.relu, 'relu6': F.relu6, 'leaky_relu': lambda x: F.leaky_relu(x, 0.1), 'hardtanh': F.hardtanh,
 'softplus': F.softplus, 'softplus_b2': lambda x: F.softplus(x, 2.0, 5.0), 'logsigmoid': F.logsigmoid, 'mish': F.mish,
 'hardswish': F.hardswish, 'hardsigmoid': F.hardsigmoid, 'softsign': F.softsign, 'tanhshrink': F.tanhshrink,
 'softshrink': F.softshrink, 'hardshrink': F.hardshrink, 'gelu_tanh': lambda x: F.gelu(x, approximate='tanh'),
 'gelu': F.gelu, 'silu': F.silu, 'sigmoid': torch.sigmoid, 'tanh': torch.tanh, 'elu': F.elu,
 'sin': torch.sin, 'cos': torch.cos, 'tan': torch.tan, 'log1p': torch.log1p, 'log2': torch.log2, 'log10': torch.log10,
 'exp2': torch.exp2, 'sqrt': torch.sqrt, 'rsqrt': torch.rsqrt, 'reciprocal': torch.reciprocal, 'atan': torch.atan,
 'asinh': torch.asinh, 'sinh': torch.sinh, 'cosh': torch.cosh, 'erfc': torch.erfc, 'erfinv': lambda x: torch.erfinv(x / 10),
 'pow2.5': lambda x: torch.pow(x.abs(), 2.5), 'pow_t': lambda x: torch.pow(x.abs(), x / 3), 'logit': lambda x: torch.logit(torch.sigmoid(x)),
 'lgamma': torch.lgamma, 'digamma': torch.digamma, 'softmax': lambda x: torch.softmax(x.view(17, 59), 1), 'log_softmax': lambda x: torch.log_softmax(x.view(17, 59), 1),
 'abs': torch.abs, 'square': torch.square, 'asin': lambda x: torch.asin(x / 10), 'acos': lambda x: torch.acos(x / 10),
 'atanh': lambda x: torch.atanh(x / 10), 'acosh': lambda x: torch.acosh(x.abs() + 1), 'expm1': torch.expm1, 'log': lambda x: torch.log(x.abs()),
}
torch.manual_seed(5)
x = torch.randn(1003) * 3
torch.manual_seed(6)
g = torch.randn(1003)
hx = lambda t: [format(v & 0xffffffff, '08x') for v in t.contiguous().view(torch.int32).flatten().tolist()]
out = {}
for k, f in FNS.items():
    xr = x.clone().requires_grad_()
    y = f(xr)
    try:
        y.backward(g.view(y.shape)); gr = hx(xr.grad)
    except Exception as e:
        gr = None
    out[k] = {'y': hx(y.detach()), 'grad': gr}
json.dump(out, open(sys.argv[1] if len(sys.argv) > 1 else '/tmp/tocha-bits-survey.json', 'w'))
