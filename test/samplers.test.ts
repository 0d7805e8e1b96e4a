// SubsetRandomSampler and WeightedRandomSampler against PyTorch 1.13's draws:
// test/fixtures/samplers.json, written by scripts/gen-samplers.py.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture } from './fixture.js';
import type { Tensor } from '../src/index.js';

const { DataLoader, TensorDataset, WeightedRandomSampler, SubsetRandomSampler, IterableDataset, ChainDataset } = torch.utils.data;
const fx = fixture('samplers.json');
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

describe('DataLoader over a stream (IterableDataset) as PyTorch', () => {
  const st = fx.streams;
  class Range extends IterableDataset<number> {
    constructor(readonly n: number) { super(); }
    override *[Symbol.iterator]() { for (let i = 0; i < this.n; i++) yield i; }
  }
  class SizedRange extends Range { len() { return this.n; } }
  const lists = (loader: Iterable<unknown>) => {
    const out: unknown[] = [];
    for (const b of loader) out.push(b instanceof torch.Tensor ? b.tolist() : b);
    return out;
  };

  it('batches consecutive samples; the iterator draws its base seed as PyTorch', () => {
    torch.manual_seed(0);
    expect(lists(new DataLoader(new Range(10), { batch_size: 4 }))).toEqual(st.batches);
    expect(torch.rand(2).tolist()).toEqual(st.rand_after.map(Math.fround));
    expect(lists(new DataLoader(new Range(10), { batch_size: 4, drop_last: true }))).toEqual(st.drop_last);
    expect(lists(new DataLoader(new Range(3), { batch_size: null }))).toEqual(st.unbatched);
    expect(lists(new DataLoader(new ChainDataset([new Range(3), new Range(2)]), { batch_size: 2 }))).toEqual(st.chain);
    expect(lists(new DataLoader(new Range(3).add(new Range(2)), { batch_size: 2 }))).toEqual(st.chain);
  });

  it('len from the dataset, and PyTorch\'s errors', () => {
    expect([new DataLoader(new SizedRange(10), { batch_size: 4 }).len(),
      new DataLoader(new SizedRange(10), { batch_size: 4, drop_last: true }).len()]).toEqual(st.len);
    expect(() => new DataLoader(new Range(3), { shuffle: true })).toThrow(st.errors.shuffle.message);
    expect(() => new DataLoader(new Range(3)).len()).toThrow(st.errors.len.message);
  });

  it('a generator, an async generator read with for await, and the step scope of each batch', async () => {
    function* gen() { for (let i = 0; i < 5; i++) yield torch.full([2], i, { dtype: torch.float32 }); }
    expect(lists(new DataLoader(gen(), { batch_size: 2 }))).toEqual([[[0, 0], [1, 1]], [[2, 2], [3, 3]], [[4, 4]]]);
    async function* fetched() { for (let i = 0; i < 3; i++) { await Promise.resolve(); yield [i, i * i]; } }
    const got: unknown[] = [];
    for await (const [a, b] of new DataLoader(fetched(), { batch_size: 2 }) as AsyncIterable<Tensor[]>) got.push([a.tolist(), b.tolist()]);
    expect(got).toEqual([[[0, 1], [0, 1]], [[2], [4]]]);
    expect(() => [...new DataLoader(fetched(), { batch_size: 2 })]).toThrow('iterate with `for await');
    const live = torch.memory_stats().live_tensors;
    let seen = 0;
    for (const b of new DataLoader(gen(), { batch_size: 2 })) seen += (b as Tensor).shape[0];
    expect(seen).toBe(5);
    expect(torch.memory_stats().live_tensors).toBe(live); // each batch and its samples were released at the next step
  });
});
