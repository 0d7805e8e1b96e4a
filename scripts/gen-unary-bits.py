# PyTorch 1.13's bits for the transcendental elementwise ops tocha computes as ATen's AVX2 build does (one thread):
# exp, log, tanh, erf, expm1, sin, cos and log1p (SLEEF's expf8_u10 / logf8_u10 / tanhf8_u10 / erff8_u10 / expm1f8_u10 /
# sinf8_u10 / cosf8_u10 / log1pf8_u10 on every element; log of |x|, log1p of |x| - 1), sigmoid and SiLU (SLEEF on whole 16-float
# blocks of a contiguous row, glibc's expf on the rest and on strided elements), and softmax / log_softmax over the last
# dim and over others (ATen's reduce_all tree, blocks of 8 columns, glibc's expf on the columns left over), and
# layer_norm's output. Inputs are torch.randn(n) * 5 after manual_seed(seed), which
# tocha draws bit for bit; a row view of a wider tensor has its own 16-float blocks (an LSTM's gate chunks). The
# fixture holds float32 bit patterns in hex: every result for small sizes, 64 evenly spaced ones for large.
#   /usr/bin/python3 scripts/gen-unary-bits.py   (writes test/fixtures/unary-bits.json)
import json
import struct

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
OPS = {'exp': torch.exp, 'sigmoid': torch.sigmoid, 'silu': F.silu, 'log': lambda x: torch.log(x.abs()), 'tanh': torch.tanh,
       # torch.erf: Sleef_erff8_u10 on every element (vml's map; a strided input is copied through a buffer)
       'erf': torch.erf,
       # torch.expm1: Sleef_expm1f8_u10 on every element, as erf
       'expm1': torch.expm1,
       # torch.sin, torch.cos, torch.log1p: Sleef_sinf8_u10 / cosf8_u10 / log1pf8_u10 on every element, as erf (sin and
       # cos over 8-float vectors from a row's start: see 'sincos' below)
       'sin': torch.sin, 'cos': torch.cos, 'log1p': lambda x: torch.log1p(x.abs() - 1)}
# F.gelu on a contiguous tensor of more than one float is oneDNN's eltwise_gelu_erf (its own exp and Abramowitz-Stegun
# erf, on every element); otherwise (one float, a row view, strided) ATen's GeluKernel: SLEEF's erf on whole 16-float
# blocks of a row, glibc's erff on the rest and on strided elements. Its fixtures are the 'gelu' key of each case.
STRIDED_ONLY = {'gelu': F.gelu}


def pick(t, k=64):
    v = t.flatten().tolist()
    idx = list(range(len(v))) if len(v) <= k else [i * len(v) // k for i in range(k)] + list(range(len(v) - 17, len(v)))
    return {'at': idx, 'bits': [struct.pack('>f', v[i]).hex() for i in idx]}


cases = []
for seed, n in enumerate([1, 3, 15, 16, 17, 31, 33, 40, 100, 1000, 4099, 100000], start=1):
    torch.manual_seed(seed)
    x = torch.randn(n) * 5
    cases.append({'seed': seed, 'n': n, **{k: pick(f(x)) for k, f in OPS.items()}, 'gelu': pick(F.gelu(x))})
# a row view: x[:, :h] of a (rows, 4h) tensor, as chunk() gives an LSTM's gates
torch.manual_seed(99)
x = torch.randn(6, 4 * 37) * 5
cases.append({'seed': 99, 'rows': 6, 'width': 4 * 37, 'cols': 37,
              **{k: pick(f(x[:, :37]), 10000) for k, f in {**OPS, **STRIDED_ONLY}.items()}})
# a strided row (every third element of a row): ATen's cpu_kernel_vec takes its scalar op on every element
torch.manual_seed(98)
x = torch.randn(5, 60) * 5
cases.append({'seed': 98, 'rows': 5, 'width': 60, 'step': 3,
              **{k: pick(f(x[:, ::3]), 10000) for k, f in {**OPS, **STRIDED_ONLY}.items()}})
# the special values
special = torch.tensor([0.0, -0.0, float('inf'), float('-inf'), 88.0, 88.7, 89.0, 100.0, 101.0, -87.0, -88.0, -103.0,
                        -104.0, -104.5, -150.0, 1e-30, -1e-30, 0.5, -0.5, 20.0, -20.0, 30.0])
cases.append({'special': [struct.pack('>f', v).hex() for v in special.tolist()],
              **{k: pick(f(special)) for k, f in {**OPS, **STRIDED_ONLY}.items()},
              'special_tail': {k: pick(f(special[:5])) for k, f in {**OPS, **STRIDED_ONLY}.items()}})
# the edges of SLEEF's erf's branches (1.1, 2.4, 4) and of glibc's erff's (2^-28, 0.84375, 1.25, 1/0.35, 6), in a
# 16-float block and in a tail
edges = torch.tensor([0.0, -0.0, float('inf'), float('-inf'), float('nan'), 1e-30, -1e-30, 1e-9, 3.7e-9, 1.0999999, 1.1,
                      1.1000001, 2.3999999, 2.4, 4.0, 3.9999998, -4.0, 0.84375, 0.8437499, 1.25, 1.2499999, 2.857143,
                      2.8571427, 5.9999995, 6.0, -6.0, 9.0, -9.0, 0.5, -0.5, 1.0, -1.0, 5.656854, 8.485281])
NEW = ['erf', 'gelu']
OPS_AND_GELU = {**OPS, **STRIDED_ONLY}
cases.append({'edges': [struct.pack('>f', v).hex() for v in edges.tolist()], **{k: pick(OPS_AND_GELU[k](edges)) for k in NEW},
              'edges_tail': {k: pick(OPS_AND_GELU[k](edges[16:])) for k in NEW}})
# expm1's branch edges (xexpm1f: +inf above 88.72283, -1 below -16.635532, -0 kept; expk2f's 0 below -104)
expm1_edges = torch.tensor([88.72283, 88.722836, 88.72284, -16.635532, -16.635530, -16.635534, -0.0, 0.0, 1e-30, -1e-30,
                            1e-7, -1e-7, 0.34657359, -0.34657359, 0.6931472, -0.6931472, 10.0, -10.0, float('nan'),
                            float('inf'), float('-inf')])
cases.append({'expm1_edges': [struct.pack('>f', v).hex() for v in expm1_edges.tolist()],
              'expm1': pick(torch.expm1(expm1_edges)), 'expm1_tail': pick(torch.expm1(expm1_edges[16:]))})


def pickn(t, k=64):
    # as pick, a NaN written as 7fc00000 whatever its sign and payload (the tests take any NaN for a NaN)
    p = pick(t, k)
    p['bits'] = ['7fc00000' if (int(h, 16) & 0x7fffffff) > 0x7f800000 else h for h in p['bits']]
    return p


# sin and cos: SLEEF's xsinf_u1 / xcosf_u1 reduce a whole 8-float vector the slow way (Payne-Hanek) once one lane is not
# below 125 in magnitude or is NaN, and that changes another lane's last bit now and then (these 24 floats in (-30, 30),
# found with libsleef, each differ between the two paths). Vectors of them with and without such a lane, whole, shifted
# by 3 (other vectors), one float alone, a row view, a strided view, and the gradients grad * x.cos() and grad * -x.sin().
SENSITIVE = [-7.42098236, 7.78554058, 4.72131014, -29.1853237, -4.73625183, -29.8556576, -29.9606113, -7.55220652,
             4.77480412, -4.95094681, 7.78726101, 7.6111865, -27.4512711, -26.1046314, 29.3879986, 25.9412804,
             -27.6387081, 25.7845325, 1.09106898, -27.6747112, -27.6809807, -25.8059044, -27.6379509, 27.5667419]
SLOW = [None, 1e4, float('nan'), float('inf'), 124.99999, 125.0, -125.0, 200.0, -3e38, 130.0]
vals = []
for gi, big in enumerate(SLOW):
    grp = [SENSITIVE[(gi * 5 + j) % len(SENSITIVE)] for j in range(8)]
    if big is not None:
        grp[(gi * 3) % 8] = big
    vals += grp
vals = vals[:-3]  # a partial last vector
sc = torch.tensor(vals)
torch.manual_seed(97)
g = torch.randn(len(vals))
sincos = {'x': [struct.pack('>f', v).hex() for v in sc.tolist()], 'g': [struct.pack('>f', v).hex() for v in g.tolist()]}
for name, f in {'sin': torch.sin, 'cos': torch.cos}.items():
    xr = sc.clone().requires_grad_()
    f(xr).backward(g)
    w = sc.reshape(7, 11)
    sincos[name] = {'whole': pickn(f(sc), 1000), 'shifted': pickn(f(sc[3:]), 1000),
                    'alone': pickn(torch.cat([f(sc[i:i + 1]) for i in range(len(vals))]), 1000),
                    'rows': pickn(f(w[:, :9]), 1000), 'strided': pickn(f(sc[::2]), 1000), 'grad': pickn(xr.grad, 1000)}
cases.append({'sincos': sincos})
# log1p's edges (xlog1pf: +inf above 1e38, NaN below -1, -inf at -1, -0 kept), in an 8-float vector and a partial one,
# and its gradient grad / (x + 1)
l1 = torch.tensor([1e38, 1.0000001e38, 9.9999994e37, 3.4028235e38, float('inf'), float('-inf'), float('nan'), -1.0,
                   -1.0000001, -0.99999994, -0.0, 0.0, 1e-30, -1e-30, 1e-45, -1e-45, 1e-8, -1e-8, 0.5, -0.5, 1.0,
                   16777216.0, 1.17549435e-38, -0.75, 2.0, 1e10, 7e37])
torch.manual_seed(96)
xl = (torch.randn(37) * 3).abs() - 0.9
gl = torch.randn(37)
xr = xl.clone().requires_grad_()
torch.log1p(xr).backward(gl)
cases.append({'log1p_edges': [struct.pack('>f', v).hex() for v in l1.tolist()], 'log1p': pickn(torch.log1p(l1), 1000),
              'log1p_tail': pickn(torch.log1p(l1[20:]), 1000),
              'log1p_grad': {'x': [struct.pack('>f', v).hex() for v in xl.tolist()],
                             'g': [struct.pack('>f', v).hex() for v in gl.tolist()], 'grad': pickn(xr.grad, 1000)}})
softmax = []
for i, (shape, dim) in enumerate([((16, 300), 1), ((16, 300), 0), ((8, 5, 40, 33), 1), ((3, 7), -1), ((3, 7), 0),
                                  ((10, 1), 1), ((4, 9, 1), 1), ((2, 3, 20), 1), ((5, 17), 1), ((6, 16), 0),
                                  ((64, 10), 1), ((2, 1000), 1), ((33,), 0), ((4, 12, 7), 2), ((4, 12, 7), 0),
                                  ((5, 3, 13), 1), ((6, 9, 30), 1)]):
    torch.manual_seed(500 + i)
    x = torch.randn(*shape) * 4
    softmax.append({'seed': 500 + i, 'shape': shape, 'dim': dim, 'softmax': pick(torch.softmax(x, dim), 96),
                    'log_softmax': pick(torch.log_softmax(x, dim), 96)})

# layer_norm: ATen's RowwiseMoments (unfused, as this build runs it) and fma(fma(x, rstd, -rstd * mean), w, b)
layer_norm = []
for i, (shape, k, affine) in enumerate([((4, 300), 1, True), ((4, 300), 1, False), ((3, 5, 64), 1, True),
                                        ((2, 7), 1, True), ((2, 3, 4, 5), 2, True), ((6, 1000), 1, False),
                                        ((2, 4096), 1, True), ((5, 16), 1, True), ((3, 129), 1, False)]):
    torch.manual_seed(700 + i)
    x = torch.randn(*shape) * 3 + 1
    ns = list(shape[-k:])
    w = torch.randn(ns) if affine else None
    b = torch.randn(ns) if affine else None
    layer_norm.append({'seed': 700 + i, 'shape': shape, 'k': k, 'affine': affine,
                       'y': pick(F.layer_norm(x, ns, w, b), 96)})

with open('test/fixtures/unary-bits.json', 'w') as fh:
    json.dump({'unary': cases, 'softmax': softmax, 'layer_norm': layer_norm}, fh, separators=(',', ':'))
    fh.write('\n')
print(len(cases), 'cases')
