import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture } from './fixture.js';

const { DataLoader, TensorDataset, Dataset, Subset, ConcatDataset, random_split, default_collate, RandomSampler } =
  torch.utils.data;

// Made by test/fixtures/gen_data.py with PyTorch 1.13.
const expected = fixture('data-expected.json');

/** The batches of one pass, as nested number arrays (read inside the loop: each step releases the last). */
function batches(loader: Iterable<torch.Tensor[]>): unknown[] {
  const out: unknown[] = [];
  for (const batch of loader) out.push(batch.map((t) => t.tolist()));
  return out;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('DataLoader shuffling matches PyTorch', () => {
  for (const s of [0, 1, 42]) {
    it(`after manual_seed(${s}): two passes, then the default stream`, () => {
      torch.manual_seed(s);
      const loader = new DataLoader(new TensorDataset(torch.arange(10)), { batch_size: 3, shuffle: true });
      expect([batches(loader), batches(loader)]).toEqual(expected[`default_seed${s}`]);
      const next = Array.from(torch.rand(2).dataSync());
      next.forEach((v, i) => expect(v).toBeCloseTo(expected[`after_rand_seed${s}`][i], 7));
    });
  }

  it('a sequential pass draws the base seed too', () => {
    torch.manual_seed(5);
    const loader = new DataLoader(new TensorDataset(torch.arange(10)), { batch_size: 4 });
    expect(loader.len()).toBe(expected.sequential_len);
    expect(batches(loader)).toEqual([[[0, 1, 2, 3]], [[4, 5, 6, 7]], [[8, 9]]]);
    const next = Array.from(torch.rand(2).dataSync());
    next.forEach((v, i) => expect(v).toBeCloseTo(expected.after_sequential_seed5[i], 7));
  });

  it('with its own generator and drop_last', () => {
    const g = new torch.Generator().manual_seed(7);
    const loader = new DataLoader(new TensorDataset(torch.arange(10), torch.arange(10).mul(10)),
      { batch_size: 4, shuffle: true, generator: g, drop_last: true });
    expect([batches(loader), batches(loader)]).toEqual(expected.gen7_droplast);
    expect(loader.len()).toBe(expected.gen7_droplast_len);
    expect(loader.length).toBe(2);
  });

  it('a list dataset and a Subset of a TensorDataset give the same order', () => {
    const ds = new TensorDataset(torch.arange(20).mul(2));
    const sub = new Subset(ds, range(10).map((i) => i * 2));
    torch.manual_seed(0);
    const a = batches(new DataLoader(sub, { batch_size: 3, shuffle: true }));
    torch.manual_seed(0);
    const b = batches(new DataLoader(range(10).map((i) => [torch.tensor(i * 4)]), { batch_size: 3, shuffle: true }));
    expect(a).toEqual(b);
    expect(a).toEqual(expected.default_seed0[0].map((bt: number[][]) => [bt[0].map((v) => v * 4)]));
  });

  it('RandomSampler with replacement draws num_samples indices', () => {
    torch.manual_seed(0);
    const s = new RandomSampler(range(5), { replacement: true, num_samples: 40 });
    const idx = [...s];
    expect(idx.length).toBe(40);
    expect(idx.every((i) => i >= 0 && i < 5)).toBe(true);
  });
});

describe('random_split', () => {
  it('matches PyTorch with lengths, fractions and the default generator', () => {
    torch.manual_seed(3);
    expect(random_split(range(10), [3, 7]).map((s) => s.indices)).toEqual(expected.split_default_seed3);
    expect(random_split(range(10), [3, 7], { generator: new torch.Generator().manual_seed(42) }).map((s) => s.indices))
      .toEqual(expected.split_gen42);
    expect(random_split(range(30), [0.3, 0.3, 0.4], { generator: new torch.Generator().manual_seed(42) })
      .map((s) => s.indices)).toEqual(expected.split_frac_gen42);
    expect(random_split(range(11), [0.5, 0.25, 0.25], { generator: new torch.Generator().manual_seed(0) })
      .map((s) => s.len())).toEqual(expected.split_frac_rr);
  });

  it('uses randperm: large permutations match too', () => {
    const [a] = random_split(range(10000), [10, 9990], { generator: new torch.Generator().manual_seed(5) });
    expect(a.indices).toEqual(expected.randperm10000_seed5_head);
  });

  it('rejects lengths that do not add up', () => {
    expect(() => random_split(range(10), [3, 6])).toThrow('Sum of input lengths does not equal the length of the input dataset!');
    expect(() => random_split(range(10), [1.5, -0.5])).toThrow('Fraction at index 0 is not between 0 and 1');
  });
});

describe('datasets', () => {
  it('TensorDataset items, Subset and ConcatDataset indexing', () => {
    const ds = new TensorDataset(torch.arange(6).view(3, 2), torch.tensor([7, 8, 9]));
    expect(ds.len()).toBe(3);
    const [x, y] = ds.getitem(-1);
    expect(x.tolist()).toEqual([4, 5]);
    expect(y.item()).toBe(9);
    expect(() => new TensorDataset(torch.zeros(3), torch.zeros(4))).toThrow('Size mismatch between tensors');
    const sub = new Subset(ds, [2, 0]);
    expect(sub.getitem(0)[1].item()).toBe(9);
    const cat = new ConcatDataset([range(3), range(2).map((i) => 10 + i)]);
    expect(cat.len()).toBe(5);
    expect([0, 2, 3, 4, -1].map((i) => cat.getitem(i))).toEqual([0, 2, 10, 11, 11]);
    expect(() => cat.getitem(-6)).toThrow('absolute value of index should not exceed dataset length');
  });

  it('a user-defined Dataset', () => {
    class Squares extends Dataset<[number, number]> {
      getitem(i: number): [number, number] { return [i, i * i]; }
      len(): number { return 5; }
    }
    const loader = new DataLoader(new Squares(), { batch_size: 2 });
    const out: unknown[] = [];
    for (const [a, b] of loader) {
      expect(a.dtype).toBe(torch.int64);
      out.push([a.tolist(), b.tolist()]);
    }
    expect(out).toEqual([[[0, 1], [0, 1]], [[2, 3], [4, 9]], [[4], [16]]]);
    expect(new Squares().length).toBe(5);
  });
});

describe('default_collate', () => {
  it('stacks tensors, turns numbers into tensors, keeps strings, recurses into objects and arrays', () => {
    const out = default_collate([
      { x: torch.tensor([1.5, 2.0]), n: 3, s: 'a' },
      { x: torch.tensor([0.5, 1.0]), n: 4, s: 'b' },
    ]);
    expect({ x: out.x.tolist(), n: out.n.tolist(), s: out.s }).toEqual(expected.collate_nested);
    expect(out.n.dtype).toBe(torch.int64);
    expect(default_collate([0.5, 1]).dtype).toBe(torch.float32);
    expect(default_collate([true, false]).dtype).toBe(torch.bool);
    const [a, b] = default_collate([[1, Float32Array.of(1, 2)], [2, Float32Array.of(3, 4)]]);
    expect(a.tolist()).toEqual([1, 2]);
    expect(b.tolist()).toEqual([[1, 2], [3, 4]]);
  });

  it('a column of strings in a batch of samples is a tuple, as zip(*batch) makes it; a batch of strings a list', () => {
    // PyTorch 1.13: default_collate([(1, 'a'), (2, 'b')]) == [tensor([1, 2]), ('a', 'b')]; default_collate(['a', 'b']) == ['a', 'b']
    const [n, s] = default_collate([[1, 'a'], [2, 'b']]) as unknown as [torch.Tensor, string[]];
    expect(n.tolist()).toEqual([1, 2]);
    expect(s).toEqual(['a', 'b']);
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(default_collate(['a', 'b']))).toBe(false);
    expect(Object.isFrozen(default_collate([{ s: 'a' }, { s: 'b' }]).s)).toBe(false);   // a dict's values: a list
  });

  it("ragged tensors fail with PyTorch's message", () => {
    expect(() => default_collate([torch.zeros(3), torch.zeros(2)])).toThrow(expected.ragged_error);
    const loader = new DataLoader([torch.zeros(3), torch.zeros(2)], { batch_size: 2 });
    expect(() => { for (const b of loader) void b; }).toThrow(expected.ragged_error);
    expect(() => default_collate([[1, 2], [3]])).toThrow('each element in list of batch should be of equal size');
    expect(() => default_collate([null])).toThrow('found null');
  });

  it('a custom collate_fn and batch_size null', () => {
    const loader = new DataLoader(range(5), { batch_size: 2, collate_fn: (xs) => xs.join('+') });
    expect([...loader]).toEqual(['0+1', '2+3', '4']);
    expect([...new DataLoader(range(3), { batch_size: null })]).toEqual([0, 1, 2]);
  });
});

describe('DataLoader arguments', () => {
  it('rejects bad batch sizes, empty shuffled datasets and sampler with shuffle', () => {
    const ds = new TensorDataset(torch.zeros(3));
    expect(() => new DataLoader(ds, { batch_size: 0 })).toThrow(expected['batch_size_0_error']);
    expect(() => new DataLoader(ds, { batch_size: -1 })).toThrow(expected['batch_size_-1_error']);
    expect(() => new DataLoader(ds, { batch_size: 1.5 })).toThrow('batch_size should be a positive integer value');
    expect(() => new DataLoader(new TensorDataset(torch.zeros(0)), { shuffle: true })).toThrow(expected.empty_shuffle_error);
    expect(() => new DataLoader(ds, { shuffle: true, sampler: [0, 1, 2] })).toThrow('sampler option is mutually exclusive with shuffle');
  });

  it('an empty dataset without shuffle has no batches', () => {
    const loader = new DataLoader(new TensorDataset(torch.zeros(0, 2)), { batch_size: 4 });
    expect(loader.len()).toBe(0);
    expect(batches(loader)).toEqual([]);
  });

  it('len with and without drop_last', () => {
    const ds = new TensorDataset(torch.zeros(10));
    expect(new DataLoader(ds, { batch_size: 3 }).len()).toBe(4);
    expect(new DataLoader(ds, { batch_size: 3, drop_last: true }).len()).toBe(3);
    expect(new DataLoader(ds, { batch_size: 10 }).len()).toBe(1);
    expect(new DataLoader(ds).len()).toBe(10);
  });
});

describe('DataLoader positional arguments (PyTorch 1.13, as d2l.ai calls it: DataLoader(dataset, batch_size, shuffle=...))', () => {
  it('takes batch_size, shuffle, ..., drop_last by position', () => {
    // PyTorch: torch.manual_seed(0); DataLoader(TensorDataset(torch.arange(7)), 3, True), then with drop_last=True
    // (before, the number was taken as the options object: batches of 1, in order)
    torch.manual_seed(0);
    const ds = new TensorDataset(torch.arange(7));
    expect(batches(new DataLoader(ds, 3, true)).map((b) => (b as number[][])[0])).toEqual([[0, 4, 1], [5, 2, 6], [3]]);
    expect(batches(new DataLoader(ds, 3, false, null, null, 0, null, false, true)).map((b) => (b as number[][])[0]))
      .toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(batches(new DataLoader(ds, 3, { drop_last: true })).length).toBe(2);
  });
  it("raises PyTorch's errors for extra and unknown arguments and the worker options", () => {
    const ds = new TensorDataset(torch.arange(7));
    const args = [2, false, null, null, 0, null, false, false, 0, null, null, null, 2] as unknown[];
    expect(() => new (DataLoader as unknown as new (...a: unknown[]) => unknown)(ds, ...args))
      .toThrow('DataLoader.__init__() takes from 2 to 14 positional arguments but 15 were given');
    expect(() => new DataLoader(ds, 2, { foo: 1 } as object)).toThrow("DataLoader.__init__() got an unexpected keyword argument 'foo'");
    expect(() => new DataLoader(ds, { timeout: -1 })).toThrow('timeout option should be non-negative');
    expect(() => new DataLoader(ds, { prefetch_factor: 3 }))
      .toThrow('prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable multiprocessing.');
    expect(() => new DataLoader(ds, { persistent_workers: true })).toThrow('persistent_workers option needs num_workers > 0');
  });
});

describe('async iteration', () => {
  it('gives the same batches as sync iteration, and awaits async datasets', async () => {
    torch.manual_seed(0);
    const loader = new DataLoader(new TensorDataset(torch.arange(10)), { batch_size: 3, shuffle: true });
    const out: unknown[] = [];
    for await (const batch of loader) out.push(batch.map((t) => t.tolist()));
    expect(out).toEqual(expected.default_seed0[0]);

    const slow = { getitem: async (i: number) => [torch.tensor(i)], len: () => 4 };
    const got: unknown[] = [];
    for await (const [x] of new DataLoader(slow, { batch_size: 2 })) got.push(x.tolist());
    expect(got).toEqual([[0, 1], [2, 3]]);
    expect(() => { for (const b of new DataLoader(slow, { batch_size: 2 })) void b; }).toThrow('for await');
  });
});

// ---------------------------------------------------------------- lifetime: a DataLoader step is a scope

/** A linear regression trained by hand: forward, backward, and an update under no_grad. */
function makeProblem() {
  torch.manual_seed(0);
  const x = torch.randn(64, 8);
  const y = x.matmul(torch.randn(8, 1)).add(0.1);
  const w = torch.zeros(8, 1, { requires_grad: true });
  const b = torch.zeros(1, { requires_grad: true });
  const loader = new DataLoader(new TensorDataset(x, y), { batch_size: 4, shuffle: true });
  const step = (xb: torch.Tensor, yb: torch.Tensor): number => {
    const loss = xb.matmul(w).add(b).sub(yb).square().mean();
    loss.backward();
    torch.no_grad(() => {
      w.sub_(w.grad!.mul(0.05));
      b.data.sub_(b.grad!.data.mul(0.05));
      w.grad!.zero_();
      b.grad!.zero_();
    });
    // a tidy inside a step: its result belongs to the step
    const l = torch.tidy(() => loss.detach().mul(1));
    return l.item() as number;
  };
  return { loader, step };
}

describe('a DataLoader iteration is a step scope', () => {
  const STEPS = 2000;

  it('memory stays flat over 2,000 sync steps', () => {
    const { loader, step } = makeProblem();
    let n = 0;
    let at100: torch.MemoryStats | null = null;
    let last: torch.MemoryStats | null = null;
    let loss = 0;
    while (n < STEPS) {
      for (const [xb, yb] of loader) {
        loss = step(xb, yb);
        n++;
        if (n === 100) at100 = torch.memory_stats();
        if (n === STEPS) {
          last = torch.memory_stats();
          break;
        }
      }
    }
    expect(last!.bytes_in_use).toBe(at100!.bytes_in_use);
    expect(last!.live_tensors).toBe(at100!.live_tensors);
    expect(loss).toBeLessThan(0.01);
  });

  it('memory stays flat over 2,000 async steps', async () => {
    const { loader, step } = makeProblem();
    let n = 0;
    let at100: torch.MemoryStats | null = null;
    let last: torch.MemoryStats | null = null;
    while (n < STEPS) {
      for await (const [xb, yb] of loader) {
        step(xb, yb);
        n++;
        if (n === 100) at100 = torch.memory_stats();
        if (n === STEPS) {
          last = torch.memory_stats();
          break;
        }
      }
    }
    // The event loop turns between async steps, so the garbage collector may free unrelated
    // tensors (earlier tests' untracked ones) meanwhile: memory must not grow.
    expect(last!.bytes_in_use).toBeLessThanOrEqual(at100!.bytes_in_use);
    expect(last!.live_tensors).toBeLessThanOrEqual(at100!.live_tensors);
  });

  it('everything a pass created is released when it ends or breaks', () => {
    const { loader, step } = makeProblem();
    const before = torch.memory_stats();
    for (const [xb, yb] of loader) step(xb, yb);
    const after = torch.memory_stats();
    // the parameters' gradients are new and kept; nothing else is left
    expect(after.live_tensors - before.live_tensors).toBe(2);
    for (const [xb, yb] of loader) {
      step(xb, yb);
      break;
    }
    expect(torch.memory_stats().live_tensors).toBe(after.live_tensors);
    expect(torch.memory_stats().bytes_in_use).toBe(after.bytes_in_use);
  });

  it('a tensor from a previous step throws an error naming the DataLoader step; kept ones live on', () => {
    const loader = new DataLoader(new TensorDataset(torch.arange(6)), { batch_size: 2 });
    let old: torch.Tensor | null = null;
    let kept: torch.Tensor | null = null;
    let err: unknown = null;
    for (const [x] of loader) {
      if (!old) {
        old = x.mul(2);
        kept = x.mul(3).keep();
        continue;
      }
      try {
        old.add(1);
      } catch (e) {
        err = e;
      }
      break;
    }
    expect(String(err)).toMatch(/released by DataLoader #\d+, step 1 of 3/);
    expect(kept!.tolist()).toEqual([0, 3]);
  });

  it('a throw inside the loop ends the step', () => {
    const loader = new DataLoader(new TensorDataset(torch.arange(6)), { batch_size: 2 });
    let inside: torch.Tensor | null = null;
    expect(() => {
      for (const [x] of loader) {
        inside = x.add(1);
        throw new Error('boom');
      }
    }).toThrow('boom');
    expect(() => inside!.tolist()).toThrow(/released by DataLoader/);
  });

  it('nested loaders (evaluation inside a training pass) and interleaved iterators close their own steps', () => {
    const outer = new DataLoader(new TensorDataset(torch.arange(4)), { batch_size: 2 });
    const inner = new DataLoader(new TensorDataset(torch.arange(6)), { batch_size: 3 });
    const base = torch.memory_stats().live_tensors;
    for (const [x] of outer) {
      const before = x.add(0);
      let s = 0;
      for (const [z] of inner) s += z.sum().item() as number;
      expect(s).toBe(15);
      // the inner pass released its own tensors only
      expect(before.add(x).tolist()).toEqual(x.mul(2).tolist());
    }
    expect(torch.memory_stats().live_tensors).toBe(base);

    const a = outer[Symbol.iterator]();
    const b = inner[Symbol.iterator]();
    const [a1] = a.next().value!;
    const [b1] = b.next().value!;
    const [a2] = a.next().value!; // closes a's first step, below b's in the stack
    expect(() => a1.tolist()).toThrow(/step 1 of 2/);
    expect(b1.tolist()).toEqual([0, 1, 2]);
    const made = a2.add(1); // the innermost open scope is a's second step
    b.next();
    expect(made.tolist()).toEqual([3, 4]);
    a.return!();
    b.return!();
    expect(() => made.tolist()).toThrow(/released by DataLoader/);
    expect(torch.memory_stats().live_tensors).toBe(base);
  });
});

describe('default_convert and get_worker_info (PyTorch 1.13\'s outputs in the comments)', () => {
  const { default_convert, get_worker_info, DataLoader } = torch.utils.data;
  it('typed arrays become tensors, inside arrays and plain objects; the rest stays', () => {
    expect(default_convert(0)).toBe(0); // 0
    // [tensor([0, 1]), tensor([2., 3.])]
    expect(default_convert([new Int32Array([0, 1]), new Float32Array([2, 3])]).map(String)).toEqual(['tensor([0, 1])', 'tensor([2., 3.])']);
    const t = torch.tensor([1]);
    const d = default_convert({ x: new Float32Array([1.5, 2]), y: 3, z: 'a', t });
    // {'x': tensor([1.5000, 2.0000]), 'y': 3, 'z': 'a', 't': tensor([1])}
    expect([String(d.x), d.y, d.z, d.t === t]).toEqual(['tensor([1.5000, 2.0000])', 3, 'a', true]);
    expect(get_worker_info()).toBeNull(); // None: the main process
  });

  it('is the DataLoader\'s collate function with batching off; a collate_fn given gets each sample', () => {
    const data = [new Float32Array([1, 2]), new Float32Array([3, 4])];
    // [tensor([1., 2.]), tensor([3., 4.])]
    const seen: string[] = [];
    for (const b of new DataLoader(data, { batch_size: null })) seen.push(String(b)); // each step releases the last
    expect(seen).toEqual(['tensor([1., 2.])', 'tensor([3., 4.])']);
    // [10, 20]
    expect([...new DataLoader([1, 2], { batch_size: null, collate_fn: (x: unknown) => (x as number) * 10 } as never)]).toEqual([10, 20]);
  });
});

type Tensor = torch.Tensor;

describe('DataLoader num_workers > 0: PyTorch\'s workers, emulated in the calling thread', () => {
  // PyTorch 1.13's values (each worker seeds the global generator with the iterator's base seed + its id; batch i is
  // worker i % num_workers's; the main stream draws only the base seed and the sampler's seed)
  class D extends Dataset<[Tensor, number, number]> {
    len() { return 10; }
    getitem(i: number): [Tensor, number, number] {
      const wi = torch.utils.data.get_worker_info();
      return [torch.rand(2), i, wi ? wi.id : -1];
    }
  }
  const run = (nw: number) => {
    torch.manual_seed(0);
    const out: unknown[] = [];
    for (const [x, i, w] of new DataLoader(new D(), { batch_size: 3, shuffle: true, num_workers: nw })) {
      out.push([(x.tolist() as number[][])[0][0], i.tolist(), w.tolist()]);
    }
    return [out, torch.rand(1).item()];
  };

  it('gives each worker its own random stream and leaves the main stream as PyTorch does', () => {
    expect(run(0)).toEqual([[[0.30742281675338745, [6, 7, 1], [-1, -1, -1]], [0.3488934636116028, [4, 2, 0], [-1, -1, -1]],
      [0.6976675987243652, [9, 8, 3], [-1, -1, -1]], [0.39709991216659546, [5], [-1]]], 0.41940832138061523]);
    expect(run(2)).toEqual([[[0.7821398973464966, [6, 7, 1], [0, 0, 0]], [0.6938178539276123, [4, 2, 0], [1, 1, 1]],
      [0.5094006657600403, [9, 8, 3], [0, 0, 0]], [0.09071403741836548, [5], [1]]], 0.30742281675338745]);
    expect(run(3)).toEqual([[[0.7821398973464966, [6, 7, 1], [0, 0, 0]], [0.6938178539276123, [4, 2, 0], [1, 1, 1]],
      [0.6539527177810669, [9, 8, 3], [2, 2, 2]], [0.5094006657600403, [5], [0]]], 0.30742281675338745]);
    expect(torch.utils.data.get_worker_info()).toBe(null);
  });

  it('seeds, then runs worker_init_fn, in each worker; negative num_workers is refused', () => {
    class S extends Dataset<[Tensor, string]> {
      len() { return 4; }
      getitem(): [Tensor, string] { return [torch.rand(1), String(torch.utils.data.get_worker_info()!.seed)]; }
    }
    torch.manual_seed(5);
    const out: unknown[] = [];
    const loader = new DataLoader(new S(), { batch_size: 2, num_workers: 2, worker_init_fn: () => { torch.rand(3); } });
    for (const [x, s] of loader) out.push([x.flatten().tolist(), s]);
    expect(out).toEqual([[[0.6557484865188599, 0.11608004570007324], ['4095051218741643470', '4095051218741643470']],
      [[0.2882639169692993, 0.03832811117172241], ['4095051218741643471', '4095051218741643471']]]);
    expect(torch.rand(1).item()).toBe(0.9074696898460388);
    expect(() => new DataLoader(new S(), { num_workers: -1 })).toThrow(
      'num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.');
  });
});
