# The layout of an elementwise op's output and the bits of its values when its input is laid out otherwise than
# row-major (x.t(), permute, expand, channels-last, slices): PyTorch 1.13's TensorIterator gives the output its input's
# layout and iterates in memory order, so the vector blocks of SLEEF's functions fall where that order puts them.
# clone, to(dtype) and the *_like factories keep the input's layout (preserve_format). -> test/fixtures/layout.json,
# read by test/layout.test.ts.
#   /usr/bin/python3 scripts/gen-layout.py
import hashlib
import json
import os

import torch
import torch.nn.functional as F

from bits_fixture import hexes, pick

torch.set_num_threads(1)
torch.manual_seed(3)
A = torch.randn(37, 53) * 3          # a.t() is dense, (1, 53)
B = torch.randn(53, 37) * 3
C4 = torch.randn(2, 5, 6, 7) * 3     # NCHW; .permute(0, 2, 3, 1) is NHWC in memory
Z = torch.randn(3, 1, 40) * 3

LAYOUTS = {
    't': lambda: A.t(),
    'tslice': lambda: A.t()[:, 3:30],
    'perm3': lambda: A.reshape(37, 53, 1).expand(37, 53, 2).permute(2, 0, 1),
    'p201': lambda: A[:36].reshape(4, 9, 53).permute(2, 0, 1),
    'cl': lambda: C4.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2),
    'size1': lambda: Z.transpose(0, 2),
    'step': lambda: A.t()[:, ::2],
}
UNARY = {
    'sigmoid': torch.sigmoid, 'exp': torch.exp, 'tanh': torch.tanh, 'gelu': F.gelu, 'silu': F.silu, 'sin': torch.sin,
    'log1p': lambda x: torch.log1p(x.abs()), 'neg': torch.neg, 'relu': torch.relu, 'elu': F.elu,
    'softplus': F.softplus, 'sqrt': lambda x: x.abs().sqrt(), 'pow2.5': lambda x: x.abs().pow(2.5), 'tan': torch.tan, 'erfc': torch.erfc, 'mish': F.mish, 'clone': lambda x: x.clone(),
    'long': lambda x: x.long(), 'isnan': torch.isnan, 'mul2': lambda x: x * 2, 'gt0': lambda x: x > 0,
    'sign': torch.sign, 'zeros_like': torch.zeros_like, 'ones_like': torch.ones_like, 'full_like': lambda x: torch.full_like(x, 7),
}
BINARY = {
    't+t': lambda: A.t() + A.t(),
    't+c': lambda: A.t() + B,
    'c+t': lambda: B + A.t(),
    't+row': lambda: A.t() + B[0],
    'row+t': lambda: B[0] + A.t(),
    't+col': lambda: A.t() + B[:, :1],
    't*0d': lambda: A.t() * torch.tensor(1.5),
    'tl+1': lambda: A.t().long() + 1,
    't<c': lambda: A.t() < B,
    'cl+c': lambda: C4.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) + C4,
    'p201*p201': lambda: A[:36].reshape(4, 9, 53).permute(2, 0, 1) * A[:36].reshape(4, 9, 53).permute(2, 0, 1),
    'where(t>0,t,c)': lambda: torch.where(A.t() > 0, A.t(), B),
    'where(c>0,t,0)': lambda: torch.where(B > 0, A.t(), torch.tensor(0.)),
}
GRADS = ['sigmoid', 'tanh', 'gelu', 'silu', 'exp', 'sin', 'elu', 'softplus', 'pow2.5', 'tan', 'mish']


def result(y):
    """y's layout, and its values (float32's bits, or the integers) in row-major order: a sample, and a hash of all."""
    vals = hexes(y) if y.dtype == torch.float32 else [str(int(v)) for v in y.flatten().tolist()]
    return {'shape': list(y.shape), 'stride': list(y.stride()), 'sha256': hashlib.sha256(','.join(vals).encode()).hexdigest(),
            'y': pick(y, 16) if y.dtype == torch.float32 else None}


out = {'A': hexes(A), 'B': hexes(B), 'C4': hexes(C4), 'Z': hexes(Z), 'unary': {}, 'binary': {}, 'grad': {}, 'like': {}}
for ln, lf in LAYOUTS.items():
    for on, of in UNARY.items():
        out['unary'][f'{ln}/{on}'] = result(of(lf()))
for bn, bf in BINARY.items():
    out['binary'][bn] = result(bf())
# gradients through x.t(): y = f(a.t()); (y * b).sum() with b = B laid out as a.t() (B.t().contiguous().t()), so the
# gradient reaching f's backward has y's layout
for on in GRADS:
    a = A.clone().requires_grad_()
    y = UNARY[on](a.t())
    (y * B.t().contiguous().t()).sum().backward()
    out['grad'][on] = {'y': result(y.detach()), 'grad': result(a.grad)}
# AccumulateGrad's layout contract: a leaf's gradient has the leaf's strides (dense leaf) or is contiguous
out['leaf'] = {}
for name, make, f in [('t-leaf mul', lambda: A.t(), lambda w: (w * 2).sum()),
                      ('t-leaf sigmoid', lambda: A.t(), lambda w: torch.sigmoid(w).sum()),
                      ('leaf via t', lambda: A, lambda w: (torch.sigmoid(w.t()) * B).sum()),
                      ('step-leaf', lambda: A.t()[:, ::2], lambda w: torch.sigmoid(w).sum())]:
    w = make().detach().requires_grad_()
    f(w).backward()
    out['leaf'][name] = result(w.grad)
# memory_format: empty, clone, contiguous, the *_like factories and is_contiguous
CL = C4.contiguous(memory_format=torch.channels_last)
out['formats'] = {
    'empty cl': list(torch.empty(2, 3, 4, 5, memory_format=torch.channels_last).stride()),
    'empty cl size1': list(torch.empty(2, 1, 3, 1, memory_format=torch.channels_last).stride()),
    'empty cl size0': list(torch.empty(2, 0, 3, 4, memory_format=torch.channels_last).stride()),
    'empty cl3d': list(torch.empty(2, 3, 4, 5, 6, memory_format=torch.channels_last_3d).stride()),
    'contiguous cl': list(CL.stride()),
    'clone cl': list(C4.clone(memory_format=torch.channels_last).stride()),
    'clone contiguous of cl': list(CL.clone(memory_format=torch.contiguous_format).stride()),
    'zeros_like cl': list(torch.zeros_like(C4, memory_format=torch.channels_last).stride()),
    'zeros_like contiguous of t': list(torch.zeros_like(A.t(), memory_format=torch.contiguous_format).stride()),
    'is_contiguous': [C4.is_contiguous(memory_format=torch.channels_last), CL.is_contiguous(memory_format=torch.channels_last),
                      CL.is_contiguous(), A.t().is_contiguous(memory_format=torch.channels_last)],
}
out['formats_values'] = {'contiguous cl': result(CL), 'clone contiguous of cl': result(CL.clone(memory_format=torch.contiguous_format))}
# rand_like and randint_like draw in memory order
for ln in ['t', 'cl']:
    torch.manual_seed(11)
    out['like'][f'{ln}/rand_like'] = result(torch.rand_like(LAYOUTS[ln]()))
    torch.manual_seed(11)
    out['like'][f'{ln}/randint_like'] = result(torch.randint_like(LAYOUTS[ln](), 10))
# the pairs of values and indices along a dim: their shapes and strides (ATen allocates both for the result's shape)
R3 = torch.randn(3, 4, 5)
PAIRS = {
    'max': lambda x, d, k: torch.max(x, d, k), 'min': lambda x, d, k: torch.min(x, d, k),
    'kthvalue': lambda x, d, k: torch.kthvalue(x, 2, d, k), 'median': lambda x, d, k: torch.median(x, d, k),
    'nanmedian': lambda x, d, k: torch.nanmedian(x, d, k), 'mode': lambda x, d, k: torch.mode(x, d, k),
    'topk': lambda x, d, k: torch.topk(x, 2, d), 'sort': lambda x, d, k: torch.sort(x, d),
    'cummax': lambda x, d, k: torch.cummax(x, d), 'aminmax': lambda x, d, k: tuple(torch.aminmax(x, dim=d, keepdim=k)),
}
out['pairs'] = {f'{name}/{d}/{k}': [[list(t.shape), list(t.stride())] for t in f(R3, d, k)]
                for name, f in PAIRS.items() for d in range(3) for k in [True, False]}
out['R3'] = hexes(R3)
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, '..', 'test', 'fixtures', 'layout.json'), 'w') as f:
    json.dump(out, f, separators=(',', ':'))
