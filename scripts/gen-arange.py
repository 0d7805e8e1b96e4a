# torch.arange and torch.range in float32 as PyTorch 1.13's CPU kernels compute them (arange: runs of 16 from
# Vectorized<float>::arange bases, fused multiply-adds; range: one scalar loop), for test/arange.test.ts: each case's
# values as float32 bit patterns.
#   /usr/bin/python3 scripts/gen-arange.py   (writes test/fixtures/arange.json)
import json
import random
import warnings

import numpy as np
import torch

warnings.simplefilter('ignore')  # torch.range is deprecated
random.seed(0)
cases = [(-8.0, 8.0, 0.1), (0.0, 1.0, 0.01), (-3.3, 7.7, 0.37), (0.1, 3.0, 0.003), (1.0, 2.0, 0.1), (-1.0, 1.0, 0.05),
         (0.0, 2000 * 0.013, 0.013), (5.0, -5.0, -0.3)]
for _ in range(60):
    a = random.uniform(-1000, 1000)
    s = random.choice([random.uniform(1e-4, 1), random.uniform(1, 50)]) * random.choice([1, -1])
    cases.append((a, a + s * random.randint(1, 150), s))


def f32bits(t):
    return t.numpy().view(np.uint32).tolist()


out = {'arange': [[a, b, s, f32bits(torch.arange(a, b, s))] for a, b, s in cases],
       'range': [[a, b, s, f32bits(torch.range(a, b, s))] for a, b, s in cases[:30]]}
with open('test/fixtures/arange.json', 'w') as f:
    json.dump(out, f, separators=(',', ':'))
print(len(out['arange']), len(out['range']))
