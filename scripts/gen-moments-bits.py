# PyTorch 1.13's bits for var / std / var_mean / std_mean, norm / linalg.vector_norm, group_norm and instance_norm
# (float32, CPU, one thread) on random inputs (tocha's torch.randn draws PyTorch's numbers), over dims of
# contiguous tensors and of permuted / narrowed views: test/fixtures/moments-bits.json for test/moments-bits.test.ts.
# Run: /usr/bin/python3 scripts/gen-moments-bits.py
import json
import struct
import torch
import torch.nn.functional as F

torch.set_num_threads(1)


def pick(t, k=48):
    v = t.flatten().tolist()
    idx = list(range(len(v))) if len(v) <= k else [i * len(v) // k for i in range(k)] + list(range(len(v) - 9, len(v)))
    return {'at': idx, 'bits': [struct.pack('>f', v[i]).hex() for i in idx]}


def make(spec):
    torch.manual_seed(spec['seed'])
    x = torch.randn(spec['shape']) * spec['scale'] + spec['offset']
    if spec.get('perm'):
        x = x.permute(spec['perm'])
    if spec.get('narrow'):
        d, s, n = spec['narrow']
        x = x.narrow(d, s, n)
    return x


cases = []
seed = [0]


def add(op, shape, args, scale=2.0, offset=0.5, perm=None, narrow=None):
    seed[0] += 1
    spec = {'op': op, 'seed': seed[0], 'shape': shape, 'scale': scale, 'offset': offset, 'perm': perm, 'narrow': narrow,
            'args': args}
    x = make(spec)
    a = args
    if op in ('var', 'std', 'var_mean', 'std_mean'):
        f = getattr(torch, op)
        kw = {'keepdim': a.get('keepdim', False)}
        if 'correction' in a:
            kw['correction'] = a['correction']
        else:
            kw['unbiased'] = a.get('unbiased', True)
        r = f(x, a['dim'], **kw) if a['dim'] is not None else f(x, **({'unbiased': kw['unbiased']} if 'unbiased' in kw else {}))
    elif op == 'norm':
        r = torch.norm(x, a['p'], a['dim'], a.get('keepdim', False))
    elif op == 'vector_norm':
        r = torch.linalg.vector_norm(x, a['ord'], a['dim'], a.get('keepdim', False))
    elif op == 'group_norm':
        c = x.shape[1]
        w = torch.randn(c) if a['weight'] else None
        b = torch.randn(c) if a['bias'] else None
        r = F.group_norm(x, a['groups'], w, b, a.get('eps', 1e-5))
    elif op == 'instance_norm':
        c = x.shape[1]
        w = torch.randn(c) if a['weight'] else None
        b = torch.randn(c) if a['bias'] else None
        r = F.instance_norm(x, weight=w, bias=b, eps=a.get('eps', 1e-5))
    for k in ('p', 'ord'):
        if isinstance(a.get(k), float) and abs(a[k]) == float('inf'):
            a[k] = 'inf' if a[k] > 0 else '-inf'  # JSON has no infinity (test/fixture.ts `num` reads these)
    if isinstance(r, tuple):
        spec['out'], spec['out2'] = pick(r[0]), pick(r[1])
    else:
        spec['out'] = pick(r)
    cases.append(spec)


# var / std / var_mean / std_mean
for op in ('var', 'std', 'var_mean', 'std_mean'):
    add(op, [256, 1000], {'dim': 1})
    add(op, [1000, 37], {'dim': 0})
    add(op, [5, 333, 7], {'dim': [0, 2]})
    add(op, [9, 17, 13], {'dim': 1, 'keepdim': True, 'unbiased': False})
    add(op, [20, 31], {'dim': 1}, perm=[1, 0])
    add(op, [40, 50], {'dim': 0}, narrow=[1, 3, 41])
    add(op, [100003], {'dim': None})
    add(op, [123, 45], {'dim': None}, perm=[1, 0])
    add(op, [64, 66], {'dim': None}, narrow=[1, 1, 63])
    add(op, [1, 777], {'dim': 1})
    add(op, [3, 4, 5, 6], {'dim': [1, 3], 'correction': 2})
    add(op, [6, 1003], {'dim': -1, 'correction': 0})
    # a large mean over a small spread: float mean() around which std_var_all_cpu sums, vs Welford
    add(op, [100003], {'dim': None}, scale=1e-3, offset=1000.0)
    add(op, [50, 2001], {'dim': 1}, scale=1e-3, offset=1000.0)
    add(op, [4, 1], {'dim': 1})
# norms
for p in (2, 1, float('inf'), float('-inf'), 0, 3, 0.5, 1.5, -1):
    for op in ('norm', 'vector_norm'):
        k = 'p' if op == 'norm' else 'ord'
        add(op, [256, 1000], {k: p, 'dim': 1})
        add(op, [1000003], {k: p, 'dim': None})
        add(op, [301, 7], {k: p, 'dim': 1})
        add(op, [37, 29], {k: p, 'dim': 0})
        add(op, [5, 43, 9], {k: p, 'dim': [0, 2], 'keepdim': True})
        add(op, [60, 70], {k: p, 'dim': None}, perm=[1, 0])
        add(op, [50, 37], {k: p, 'dim': None}, narrow=[1, 0, 31])
        add(op, [33, 41], {k: p, 'dim': 1}, narrow=[1, 2, 35])
for n in range(1, 40):
    add('vector_norm', [200, n], {'ord': 2, 'dim': 1})
add('norm', [4, 6], {'p': 'fro', 'dim': [0, 1]})
add('norm', [300, 70], {'p': 'fro', 'dim': None})
# group_norm / instance_norm
for (shape, g) in [([3, 6, 37], 3), ([2, 8, 10, 10], 4), ([4, 4, 5], 2), ([2, 6, 1000], 3), ([5, 3, 1], 3), ([2, 32, 7, 9], 8)]:
    for w, b in [(False, False), (True, True), (True, False), (False, True)]:
        add('group_norm', shape, {'groups': g, 'weight': w, 'bias': b})
add('group_norm', [6, 2, 8], {'groups': 2, 'weight': True, 'bias': True}, perm=[1, 0, 2])
for shape in [[3, 6, 37], [2, 8, 10, 10], [4, 4, 1003], [2, 3, 5, 7, 3]]:
    for w, b in [(False, False), (True, True)]:
        add('instance_norm', shape, {'weight': w, 'bias': b})

json.dump({'cases': cases}, open('test/fixtures/moments-bits.json', 'w'), separators=(',', ':'))
print(len(cases), 'cases')
