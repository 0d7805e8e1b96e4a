// SubsetRandomSampler and WeightedRandomSampler against PyTorch 1.13's draws:
// test/fixtures/samplers.json, written by scripts/gen-samplers.py.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';

const { DataLoader, TensorDataset, WeightedRandomSampler, SubsetRandomSampler } = torch.utils.data;
const fx = JSON.parse(readFileSync(new URL('./fixtures/samplers.json', import.meta.url), 'utf8'));
const w = [0.1, 0.9, 0.4, 0.7, 3.0, 0.6];

describe('samplers draw as PyTorch', () => {
  it('from the default generator, in sequence', () => {
    torch.manual_seed(0);
    expect([...new WeightedRandomSampler(w, 12)]).toEqual(fx.weighted);
    expect([...new WeightedRandomSampler(w, 4, false)]).toEqual(fx.weighted_no_replacement);
    expect([...new SubsetRandomSampler([10, 11, 12, 13, 14])]).toEqual(fx.subset);
    expect([...new WeightedRandomSampler(w, { num_samples: 5 })]).toEqual(fx.weighted_again);
  });

  it('from their own generator, which moves on at every pass', () => {
    let g = new torch.Generator().manual_seed(7);
    expect([0, 1].map(() => [...new WeightedRandomSampler(w, 6, { generator: g })])).toEqual(fx.weighted_generator);
    g = new torch.Generator().manual_seed(3);
    const s = new SubsetRandomSampler(Array.from({ length: 20 }, (_, i) => 20 + i), { generator: g });
    expect([...s]).toEqual(fx.subset_generator);
    expect(s.len()).toBe(20);
  });

  it('1,000 draws over 50 float64 weights', () => {
    torch.manual_seed(1);
    const weights = torch.rand(50).tolist() as number[];
    expect(weights).toEqual(fx.long.weights);
    expect([...new WeightedRandomSampler(weights, 1000)]).toEqual(fx.long.draws);
  });

  it('class balancing through a DataLoader', () => {
    const labels = torch.tensor([...Array(90).fill(0), ...Array(10).fill(1)]);
    const counts = labels.bincount();
    const weights = Array.from(labels.dataSync(), (c) => 1 / Number(counts.dataSync()[c]));
    torch.manual_seed(2);
    const loader = new DataLoader(new TensorDataset(torch.arange(100), labels), {
      batch_size: 20, sampler: new WeightedRandomSampler(weights, 100),
    });
    const batches: unknown[] = [];
    for (const b of loader) batches.push((b as Tensor[]).map((t) => t.tolist()));
    expect(batches).toEqual(fx.balanced);
  });

  it("PyTorch's errors", () => {
    const e = fx.errors;
    expect(() => new WeightedRandomSampler([1, 2], 0)).toThrow(e.num_samples.message);
    expect(() => new WeightedRandomSampler([1, 2], 2, 1 as unknown as boolean)).toThrow(e.replacement.message);
    expect(() => new WeightedRandomSampler([[1, 2], [3, 4]] as unknown as number[], 2)).toThrow(e.shape.message);
    expect(() => [...new WeightedRandomSampler([1, 2], 3, false)]).toThrow(e.too_many.message);
  });
});
