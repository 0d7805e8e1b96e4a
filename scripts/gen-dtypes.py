# Writes test/fixtures/dtypes.json: PyTorch 1.13's torch.result_type, promote_types, can_cast, finfo and
# iinfo for tocha's dtypes, and the errors of finfo/iinfo/set_default_dtype.
# Run from the repo root: /usr/bin/python3 scripts/gen-dtypes.py
import json
import torch
from pyfixture import message

D = {'float32': torch.float32, 'int64': torch.int64, 'bool': torch.bool}
operands = {  # JS expression -> Python value
    'torch.tensor([1.5])': torch.tensor([1.5]), 'torch.tensor([2])': torch.tensor([2]),
    'torch.tensor([true])': torch.tensor([True]), 'torch.tensor(1.5)': torch.tensor(1.5),
    'torch.tensor(2)': torch.tensor(2), 'torch.tensor(true)': torch.tensor(True),
    '2.5': 2.5, '3': 3, 'true': True,
}
result_type = [[a, b, str(torch.result_type(pa, pb)).replace('torch.', '')]
               for a, pa in operands.items() for b, pb in operands.items()
               if isinstance(pa, torch.Tensor) or isinstance(pb, torch.Tensor)]
promote = [[a, b, str(torch.promote_types(D[a], D[b])).replace('torch.', '')] for a in D for b in D]
can_cast = [[a, b, torch.can_cast(D[a], D[b])] for a in D for b in D]
f = torch.finfo(torch.float32)
i = torch.iinfo(torch.int64)
finfo = {'bits': f.bits, 'eps': f.eps, 'max': f.max, 'min': f.min, 'tiny': f.tiny, 'smallest_normal': f.smallest_normal,
         'resolution': f.resolution, 'dtype': f.dtype, 'repr': repr(f), 'default_repr': repr(torch.finfo())}
iinfo = {'bits': i.bits, 'min': str(i.min), 'max': str(i.max), 'dtype': i.dtype, 'repr': repr(i)}
errors = [
    ['torch.finfo(torch.int64)', message(lambda: torch.finfo(torch.int64), True)],
    ['torch.iinfo(torch.float32)', message(lambda: torch.iinfo(torch.float32), True)],
    ['torch.iinfo(torch.bool)', message(lambda: torch.iinfo(torch.bool), True)],
    ['torch.set_default_dtype(torch.int64)', message(lambda: torch.set_default_dtype(torch.int64), True)],
]
with open('test/fixtures/dtypes.json', 'w') as fh:
    json.dump({'result_type': result_type, 'promote_types': promote, 'can_cast': can_cast, 'finfo': finfo,
               'iinfo': iinfo, 'default': str(torch.get_default_dtype()), 'errors': errors}, fh, indent=0)
print(len(result_type), 'result_type pairs;', errors)
