# PyTorch 1.13's tanh_backward(grad, y) = grad * (1 - y * y) as its AVX2 build computes it: GCC contracts 1 - y * y
# into one fused multiply-add (one rounding), in the vectorized loop and in the scalar tail alike. Values of y over
# (-1, 1) at three scales (the small ones are where 1 - y² rounds twice in double), and lengths that leave tails.
# test/tanh-backward.test.ts checks tocha's TanhBackward0 against them bit for bit.
#   /usr/bin/python3 scripts/gen-tanh-backward.py   (writes test/fixtures/tanh-backward.json)
import json

import torch

torch.set_num_threads(1)
torch.manual_seed(0)
cases = []
for n, scale in [(259, 1.0), (131, 1e-2), (67, 3e-4), (16, 1.0), (5, 0.999)]:
    y = (torch.rand(n) * 2 - 1) * scale
    g = torch.randn(n)
    cases.append({'y': y.tolist(), 'g': g.tolist(), 'grad': torch.ops.aten.tanh_backward(g, y).tolist(),
                  'two_roundings': (g * (1 - y * y)).tolist()})
with open('test/fixtures/tanh-backward.json', 'w') as f:
    json.dump(cases, f, separators=(',', ':'))
    f.write('\n')
print(len(cases), 'cases', sum(sum(a != b for a, b in zip(c['grad'], c['two_roundings'])) for c in cases), 'differ from two roundings')
