# PyTorch 1.13's column sums (x.sum(0) of a contiguous (n, c) float32 tensor, one thread): ATen's outer-sum order,
# which tocha's sum_rows_f32 follows (test/colsum.test.ts). x is torch.randn(n, c) * 10 after manual_seed(n * 1000 + c),
# which tocha draws bit for bit, so the fixture holds only the sums.
#   /usr/bin/python3 scripts/gen-colsum.py   (writes test/fixtures/colsum.json)
import json

import torch

torch.set_num_threads(1)
cases = []
for n in [1, 10, 16, 17, 64, 100, 257]:
    for c in [1, 3, 4, 7, 8, 9, 33, 40, 70]:
        torch.manual_seed(n * 1000 + c)
        x = torch.randn(n, c) * 10
        cases.append({'n': n, 'c': c, 'sum': x.sum(0).tolist()})
with open('test/fixtures/colsum.json', 'w') as f:
    json.dump(cases, f, separators=(',', ':'))
    f.write('\n')
print(len(cases), 'cases')
