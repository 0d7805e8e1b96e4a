# Fixture for test/samplers.test.ts: PyTorch 1.13's SubsetRandomSampler and WeightedRandomSampler
# draws for seeds and generators, a DataLoader over a WeightedRandomSampler (class balancing), errors;
# DataLoaders over IterableDatasets (batches, drop_last, len, ChainDataset, the stream position after).
# Run: /usr/bin/python3 scripts/gen-samplers.py > test/fixtures/samplers.json
import json
import torch
from pyfixture import err
from torch.utils.data import DataLoader, TensorDataset, WeightedRandomSampler, SubsetRandomSampler, IterableDataset, ChainDataset

out = {}
w = [0.1, 0.9, 0.4, 0.7, 3.0, 0.6]
torch.manual_seed(0)
out['weighted'] = list(WeightedRandomSampler(w, 12))
out['weighted_no_replacement'] = list(WeightedRandomSampler(w, 4, False))
out['subset'] = list(SubsetRandomSampler([10, 11, 12, 13, 14]))
out['weighted_again'] = list(WeightedRandomSampler(w, 5))  # the default stream moved on
g = torch.Generator().manual_seed(7)
out['weighted_generator'] = [list(WeightedRandomSampler(w, 6, generator=g)) for _ in range(2)]
g = torch.Generator().manual_seed(3)
out['subset_generator'] = list(SubsetRandomSampler(list(range(20, 40)), generator=g))
torch.manual_seed(1)
big = torch.rand(50).tolist()
out['long'] = {'weights': big, 'draws': list(WeightedRandomSampler(big, 1000))}

# Class balancing: 90 samples of class 0, 10 of class 1, each weighted by 1 / its class count.
labels = torch.tensor([0] * 90 + [1] * 10)
counts = torch.bincount(labels)
weights = (1.0 / counts.double())[labels]
torch.manual_seed(2)
loader = DataLoader(TensorDataset(torch.arange(100), labels), batch_size=20,
                    sampler=WeightedRandomSampler(weights.tolist(), 100))
out['balanced'] = [[b[0].tolist(), b[1].tolist()] for b in loader]

out['errors'] = {
    'num_samples': err(lambda: WeightedRandomSampler([1, 2], 0)),
    'replacement': err(lambda: WeightedRandomSampler([1, 2], 2, 1)),
    'shape': err(lambda: WeightedRandomSampler([[1, 2], [3, 4]], 2)),
    'too_many': err(lambda: list(WeightedRandomSampler([1, 2], 3, False))),
}

class Range(IterableDataset):
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return iter(range(self.n))
class SizedRange(Range):
    def __len__(self):
        return self.n
torch.manual_seed(0)
streams = {'batches': [b.tolist() for b in DataLoader(Range(10), batch_size=4)]}
streams['rand_after'] = torch.rand(2).tolist()  # the loader's iterator drew a base seed
streams['drop_last'] = [b.tolist() for b in DataLoader(Range(10), batch_size=4, drop_last=True)]
streams['unbatched'] = [b for b in DataLoader(Range(3), batch_size=None)]
streams['chain'] = [b.tolist() for b in DataLoader(ChainDataset([Range(3), Range(2)]), batch_size=2)]
streams['len'] = [len(DataLoader(SizedRange(10), batch_size=4)), len(DataLoader(SizedRange(10), batch_size=4, drop_last=True))]
streams['errors'] = {'shuffle': err(lambda: DataLoader(Range(3), shuffle=True)), 'len': err(lambda: len(DataLoader(Range(3))))}
out['streams'] = streams
print(json.dumps(out))
