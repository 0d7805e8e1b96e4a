# PyTorch 1.13's bits for the backward passes tocha computes as ATen's AVX2 build does (one thread):
# softmax / log_softmax (softmax_backward_lastdim_kernel's vec::map2_reduce_all / reduce_all and map2 over the last dim;
# softmax_backward_kernel / log_softmax_backward_kernel's column sums over other dims, glibc's expf on the columns left
# over by 8), cross_entropy (nll_loss's gradient through log_softmax's), and layer_norm (LayerNormBackwardKernelImpl:
# dX, dgamma, dbeta, with the multiply-adds GCC fused). Inputs are torch.randn after manual_seed(seed), which tocha draws
# bit for bit. The fixture holds float32 bit patterns in hex: every gradient for small sizes, 96 evenly spaced ones (and
# the last 17) for large.
#   /usr/bin/python3 scripts/gen-backward-bits.py   (writes test/fixtures/backward-bits.json)
import json
import struct

import torch
import torch.nn.functional as F
from pyfixture import enc

torch.set_num_threads(1)


def pick(t, k=96):
    v = t.flatten().tolist()
    idx = list(range(len(v))) if len(v) <= k else [i * len(v) // k for i in range(k)] + list(range(len(v) - 17, len(v)))
    return {'at': idx, 'bits': [struct.pack('>f', x).hex() for x in (v[i] for i in idx)]}


softmax = []
for i, (shape, dim) in enumerate([((64, 10), 1), ((16, 300), 1), ((16, 300), 0), ((5, 17), 1), ((3, 7), -1),
                                  ((3, 7), 0), ((4, 9, 1), 1), ((10, 1), 1), ((8, 5, 40, 33), 1), ((2, 3, 20), 1),
                                  ((6, 16), 0), ((2, 1000), 1), ((33,), 0), ((4, 12, 7), 2), ((4, 12, 7), 0),
                                  ((5, 3, 13), 1), ((2, 6000, 3), 1)]):
    case = {'seed': 900 + i, 'shape': shape, 'dim': dim}
    for name, f in (('softmax', torch.softmax), ('log_softmax', torch.log_softmax)):
        torch.manual_seed(900 + i)
        x = (torch.randn(*shape) * 4).requires_grad_()
        g = torch.randn(*shape)
        f(x, dim).backward(g)
        case[name] = pick(x.grad)
    softmax.append(case)

# cross_entropy: class dim 1 of (N, C) or (N, C, d...), integer targets (written out, with the class weights)
cross_entropy = []
for i, (shape, kw) in enumerate([((64, 10), {}), ((16, 300), {}), ((5, 17), {}), ((3, 7), {}),
                                 ((4, 5, 6), {}), ((2, 3, 4, 5), {}), ((8, 12), {'reduction': 'sum'}),
                                 ((7, 9), {'weight': True}), ((6, 11), {'ignore_index': 2})]):
    torch.manual_seed(1000 + i)
    x = torch.randn(*shape).requires_grad_()
    t = torch.randint(0, shape[1], (shape[0],) + shape[2:])
    args = dict(kw)
    if args.get('weight'):
        args['weight'] = torch.rand(shape[1]) + 0.5
    F.cross_entropy(x, t, **args).backward()
    cross_entropy.append({'seed': 1000 + i, 'shape': shape, 't': t.flatten().tolist(),
                          'kw': {k: (args[k].tolist() if k == 'weight' else v) for k, v in kw.items()}, 'grad': pick(x.grad)})

# layer_norm: x = randn * 3 + 1, weight and bias randn (or None), grad_output randn
layer_norm = []
for i, (shape, k, w_on, b_on) in enumerate([((64, 512), 1, True, True), ((64, 512), 1, False, False),
                                            ((5, 17), 1, True, True), ((3, 7), 1, False, False), ((3, 7), 1, True, True),
                                            ((16, 300), 1, True, True), ((2, 3, 4, 5), 2, True, True),
                                            ((8, 33), 1, False, False), ((4, 1000), 1, True, True), ((2, 8), 1, True, True),
                                            ((3, 5, 64), 1, True, False), ((6, 129), 1, False, True),
                                            ((1, 4096), 1, True, True), ((6, 1), 1, True, True)]):
    torch.manual_seed(1100 + i)
    ns = list(shape[-k:])
    x = (torch.randn(*shape) * 3 + 1).requires_grad_()
    w = torch.randn(ns).requires_grad_() if w_on else None
    b = torch.randn(ns).requires_grad_() if b_on else None
    g = torch.randn(*shape)
    F.layer_norm(x, ns, w, b).backward(g)
    layer_norm.append({'seed': 1100 + i, 'shape': shape, 'k': k, 'weight': w_on, 'bias': b_on, 'dx': pick(x.grad),
                       'dw': pick(w.grad) if w_on else None, 'db': pick(b.grad) if b_on else None})

# layer_norm's second order (create_graph: tocha's rule is then made of ops): values, not bits
layer_norm_double = []
for i, (xs, ns) in enumerate([((4, 6), [6]), ((2, 3, 5), [3, 5]), ((3, 9), [9])]):
    torch.manual_seed(1200 + i)
    x = (torch.randn(*xs) * 2 + 0.5).requires_grad_()
    w = torch.randn(ns).requires_grad_()
    b = torch.randn(ns)
    y = F.layer_norm(x, ns, w, b)
    g = torch.randn(xs)
    gx, gw = torch.autograd.grad((y * g).sum(), [x, w], create_graph=True)
    h1, h2 = torch.randn(gx.shape), torch.randn(gw.shape)
    ((gx * h1).sum() + (gw * h2).sum()).backward()
    layer_norm_double.append({'ns': ns, 'input': enc(x), 'weight': enc(w), 'bias': enc(b), 'g': enc(g), 'gx': enc(gx),
                              'gw': enc(gw), 'h1': enc(h1), 'h2': enc(h2), 'ggx': enc(x.grad), 'ggw': enc(w.grad)})

with open('test/fixtures/backward-bits.json', 'w') as fh:
    json.dump({'softmax': softmax, 'cross_entropy': cross_entropy, 'layer_norm': layer_norm,
               'layer_norm_double': layer_norm_double}, fh, separators=(',', ':'))
    fh.write('\n')
print(len(softmax), 'softmax,', len(cross_entropy), 'cross_entropy,', len(layer_norm), 'layer_norm cases')
