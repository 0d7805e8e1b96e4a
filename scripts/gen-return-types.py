# How PyTorch 1.13 prints the named tuples tocha returns as arrays with named fields (torch.return_types.x(...)):
# their reprs for a few calls, for test/return-types.test.ts.
#   /usr/bin/python3 scripts/gen-return-types.py   (writes test/fixtures/return-types.json)
import json

import torch

x = torch.tensor([[0.5, -1.0, 2.0], [3.0, 0.0, -2.0]])
p = torch.tensor([[0.5, -1.0], [2.0, 3.0], [0.0, -2.0]])
A = torch.tensor([[4.0, 1.0], [2.0, 3.0]])
cases = {
    'aminmax': repr(torch.aminmax(x)),
    'aminmax dim 1': repr(torch.aminmax(x, dim=1)),
    'aminmax dim 0 keepdim': repr(torch.aminmax(x, dim=0, keepdim=True)),
    'histogram': repr(torch.histogram(x.flatten(), 3)),
    'histogramdd': repr(torch.histogramdd(p, [2, 2])),
    'slogdet': repr(torch.slogdet(A)),
    'linalg.slogdet': repr(torch.linalg.slogdet(A)),
    # tocha's int64 exponent prints without PyTorch's dtype=torch.int32: the mantissa line is compared
    'frexp': repr(torch.frexp(torch.tensor([0.5, 3.0, -10.0]))),
}
json.dump(cases, open('test/fixtures/return-types.json', 'w'), indent=1)
