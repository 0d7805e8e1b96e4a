# PyTorch 1.13's float32 sums over any dims of any layout (one thread): ATen's TensorIterator order (dims reordered
# and coalesced, then cascade_sum's 2-D loops), which tocha's sum_iter_f32 follows (test/sum-order.test.ts). Each
# case draws x = torch.randn(shape) * 10 after manual_seed(seed) (tocha draws the same bits), then takes a view:
# permuted dims, every other element along one dim, or a size-1 dim expanded. The fixture holds up to 24 of the sums
# (evenly spaced in the flattened result) and 6 of the means, as float32 bit patterns in hex; then cumsum and cumprod
# along a random dim of 60 more draws.
#   /usr/bin/python3 scripts/gen-sum-order.py   (writes test/fixtures/sum-order.json)
import json
import random
import struct

import torch

torch.set_num_threads(1)
rng = random.Random(1234)
sizes = [1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17, 31, 33, 40, 64, 100]


def pick(t, k):
    """Up to k values of t flattened, evenly spaced: their indices and float32 bits in hex."""
    v = t.flatten().tolist()
    idx = list(range(len(v))) if len(v) <= k else [i * len(v) // k for i in range(k)]
    return {'at': idx, 'bits': [struct.pack('>f', v[i]).hex() for i in idx]}


cases = []
while len(cases) < 300:
    ndim = rng.choice([1, 2, 2, 3, 3, 3, 4, 4])
    shape = [rng.choice(sizes) for _ in range(ndim)]
    numel = 1
    for s in shape:
        numel *= s
    if numel > 40000:
        continue
    view = rng.choice(['contiguous', 'contiguous', 'permute', 'step', 'expand'])
    seed = len(cases) + 1
    torch.manual_seed(seed)
    x = torch.randn(shape) * 10
    case = {'seed': seed, 'shape': shape, 'view': view}
    if view == 'permute':
        perm = list(range(ndim))
        rng.shuffle(perm)
        case['perm'] = perm
        x = x.permute(perm)
    elif view == 'step':
        d = rng.randrange(ndim)
        case['dim'] = d
        x = x[(slice(None),) * d + (slice(None, None, 2),)]
    elif view == 'expand':
        d = rng.randrange(ndim)
        n = rng.choice([3, 8, 20])
        case['dim'] = d
        case['n'] = n
        x = x.narrow(d, 0, 1)
        size = list(x.shape)
        size[d] = n
        x = x.expand(size)
    k = rng.randint(1, x.dim())
    dims = sorted(rng.sample(range(x.dim()), k))
    keepdim = rng.random() < 0.3
    case['dims'] = dims
    case['keepdim'] = keepdim
    case['sum'] = pick(x.sum(dims, keepdim=keepdim), 24)
    case['mean'] = pick(x.mean(dims, keepdim=keepdim), 6)
    cases.append(case)
# Scans: cumsum and cumprod accumulate in double (ATen's acc_type for float on the CPU), each result rounded to float.
scans = []
for seed in range(1001, 1061):
    ndim = rng.choice([1, 2, 3])
    shape = [rng.choice(sizes[2:]) for _ in range(ndim)]
    torch.manual_seed(seed)
    x = torch.randn(shape) * 10
    dim = rng.randrange(ndim)
    scans.append({'seed': seed, 'shape': shape, 'dim': dim, 'cumsum': pick(torch.cumsum(x, dim), 24),
                  'cumprod': pick(torch.cumprod(x / 20 + 1, dim), 24)})

with open('test/fixtures/sum-order.json', 'w') as f:
    json.dump({'reductions': cases, 'scans': scans}, f, separators=(',', ':'))
    f.write('\n')
print(len(cases), 'cases')
