// The ops whose JavaScript loops moved into kernels, timed against another checkout of tocha in the same
// process (both load their own wasm module): `tsx bench/loops.ts /path/to/other/checkout [reps]`. The two
// run alternately, op by op, so load from other jobs on the machine falls on both; each line is the median
// of the per-call times and their ratio (other / this). A third argument keeps the ops whose name matches it.
// LOOPS_CPU=1 times process CPU time on one thread instead of wall time (steadier when other jobs share the cores).
import { performance } from 'node:perf_hooks';

const other = process.argv[2];
const reps = Number(process.argv[3] ?? 15);
const only = process.argv[4] ? new RegExp(process.argv[4]) : null;
if (!other) throw new Error('usage: tsx bench/loops.ts /path/to/other/checkout [reps]');
type Torch = typeof import('../src/index.js');
const A: Torch = await import(new URL('../src/index.ts', import.meta.url).href);
const B: Torch = await import(`${other}/src/index.ts`);
const cpuTime = process.env.LOOPS_CPU === '1';
if (cpuTime) { A.set_num_threads(1); B.set_num_threads(1); }

let seed = 7;
const rnd = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 4294967296; };
const floats = (n: number) => Float32Array.from({ length: n }, () => rnd() * 2 - 1);
const ints = (n: number, hi: number) => Int32Array.from({ length: n }, () => Math.floor(rnd() * hi));

type Case = [name: string, setup: (T: Torch) => () => unknown];
const N = 1_000_000;
const cases: Case[] = [
  ['nonzero 1M float32, half nonzero', (T) => { const x = T.tensor(floats(N)).relu(); return () => T.nonzero(x); }],
  ['x[mask] 1000x1000, half set', (T) => { const x = T.tensor(floats(N)).reshape([1000, 1000]); const m = x.gt(0); return () => x.index(m); }],
  ['x[idx] 1M indices into 1M', (T) => { const x = T.tensor(floats(N)); const i = T.tensor(ints(N, N), { dtype: T.int64 }); return () => x.index(i); }],
  ['x[i0, i1] 2 x 1M indices into 1000x1000', (T) => {
    const x = T.tensor(floats(N)).reshape([1000, 1000]);
    const i0 = T.tensor(ints(N, 1000), { dtype: T.int64 });
    const i1 = T.tensor(ints(N, 1000), { dtype: T.int64 });
    return () => x.index(i0, i1);
  }],
  ['index_put (no accumulate) 1M', (T) => { const x = T.tensor(floats(N)); const i = T.tensor(ints(N, N), { dtype: T.int64 }); const v = T.tensor(floats(N)); return () => x.index_put([i], v); }],
  ['masked_scatter 1M, half set', (T) => { const x = T.tensor(floats(N)); const m = x.gt(0); const s = T.tensor(floats(N)); return () => T.masked_scatter(x, m, s); }],
  ['take 1M', (T) => { const x = T.tensor(floats(N)); const i = T.tensor(ints(N, N), { dtype: T.int64 }); return () => T.take(x, i); }],
  ['index_add 1M indices along dim 0', (T) => { const x = T.tensor(floats(1000)); const i = T.tensor(ints(N, 1000), { dtype: T.int64 }); const s = T.tensor(floats(N)); return () => T.index_add(x, 0, i, s); }],
  ['index_copy 1M indices', (T) => { const x = T.tensor(floats(N)); const i = T.tensor(ints(N, N), { dtype: T.int64 }); const s = T.tensor(floats(N)); return () => T.index_copy(x, 0, i, s); }],
  ['repeat_interleave 200k x ~2.5', (T) => { const x = T.tensor(floats(200_000)); const r = T.tensor(ints(200_000, 6), { dtype: T.int64 }); return () => T.repeat_interleave(x, r); }],
  ['bincount 1M into 1000 bins', (T) => { const x = T.tensor(ints(N, 1000), { dtype: T.int64 }); return () => T.bincount(x); }],
  ['bincount 1M, float weights', (T) => { const x = T.tensor(ints(N, 1000), { dtype: T.int64 }); const w = T.tensor(floats(N)); return () => T.bincount(x, w); }],
  ['histc 1M, 100 bins', (T) => { const x = T.tensor(floats(N)); return () => T.histc(x, 100); }],
  ['scatter_reduce amax 1M into 1000', (T) => {
    const x = T.tensor(floats(1000)); const i = T.tensor(ints(N, 1000), { dtype: T.int64 }); const s = T.tensor(floats(N));
    return () => T.scatter_reduce(x, 0, i, s, 'amax');
  }],
  ['unique 1M (1000 values), inverse and counts', (T) => { const x = T.tensor(ints(N, 1000), { dtype: T.int64 }); return () => T.unique(x, { return_inverse: true, return_counts: true }); }],
  ['unique_consecutive 1M sorted', (T) => { const x = T.sort(T.tensor(ints(N, 1000), { dtype: T.int64 })).values; return () => T.unique_consecutive(x, { return_counts: true }); }],
  ['median along dim 1 of 200000x5', (T) => { const x = T.tensor(floats(N)).reshape([200_000, 5]); return () => T.median(x, 1); }],
  ['mode along dim 1 of 10000x100', (T) => { const x = T.tensor(ints(N, 20), { dtype: T.int64 }).reshape([10_000, 100]); return () => T.mode(x, 1); }],
  ['searchsorted 1M into 1000', (T) => { const b = T.sort(T.tensor(floats(1000))).values; const v = T.tensor(floats(N)); return () => T.searchsorted(b, v); }],
  ['isin 1M against 1000', (T) => { const e = T.tensor(ints(N, 5000), { dtype: T.int64 }); const t = T.tensor(ints(1000, 5000), { dtype: T.int64 }); return () => T.isin(e, t); }],
  ['cummax along dim 1 of 1000x1000', (T) => { const x = T.tensor(floats(N)).reshape([1000, 1000]); return () => T.cummax(x, 1); }],
  ['embedding backward, scale_grad_by_freq, 200k ids', (T) => {
    const w = T.randn([1000, 16]).requires_grad_(); const i = T.tensor(ints(200_000, 1000), { dtype: T.int64 });
    return () => { T.nn.functional.embedding(i, w, { scale_grad_by_freq: true }).sum().backward(); w.grad = null; };
  }],
  ['embedding max_norm, 20k ids into 50000x32', (T) => {
    const w = T.randn([50_000, 32]); const i = T.tensor(ints(20_000, 50_000), { dtype: T.int64 });
    return () => T.nn.functional.embedding(i, w, { max_norm: 1 });
  }],
  ['embedding_bag mean, 200k ids in 20k bags', (T) => {
    const w = T.randn([1000, 16]); const i = T.tensor(ints(200_000, 1000), { dtype: T.int64 });
    const o = T.arange(0, 200_000, 10);
    return () => T.nn.functional.embedding_bag(i, w, o);
  }],
  ['multilabel_margin_loss 64x200', (T) => {
    const x = T.randn([64, 200]); const t = T.tensor(ints(64 * 200, 200), { dtype: T.int64 }).reshape([64, 200]);
    return () => T.nn.functional.multilabel_margin_loss(x, t);
  }],
  ['multinomial 1000x100, 100 draws with replacement', (T) => { const p = T.rand([1000, 100]); return () => T.multinomial(p, 100, true); }],
  ['int64 x > 0 and x - 1, 1M (binary_i32)', (T) => { const x = T.tensor(ints(N, 100), { dtype: T.int64 }); return () => { x.gt(0); x.sub(1); }; }],
  // the int64 paths that check their results' range (binary_i32's vector loops, the int sum)
  ['int64 x + y, 1M', (T) => { const x = T.tensor(ints(N, 1 << 20), { dtype: T.int64 }); const y = T.tensor(ints(N, 1 << 20), { dtype: T.int64 }); return () => x.add(y); }],
  ['int64 x + 3, 1M', (T) => { const x = T.tensor(ints(N, 1 << 20), { dtype: T.int64 }); return () => x.add(3); }],
  ['int64 x - y, 1M', (T) => { const x = T.tensor(ints(N, 1 << 20), { dtype: T.int64 }); const y = T.tensor(ints(N, 1 << 20), { dtype: T.int64 }); return () => x.sub(y); }],
  ['int64 x * y, 1M', (T) => { const x = T.tensor(ints(N, 1 << 15), { dtype: T.int64 }); const y = T.tensor(ints(N, 1 << 15), { dtype: T.int64 }); return () => x.mul(y); }],
  ['int64 x * y, 1M, factors past 2^15', (T) => { const x = T.tensor(ints(N, 1 << 20), { dtype: T.int64 }); const y = T.tensor(ints(N, 1 << 10), { dtype: T.int64 }); return () => x.mul(y); }],
  ['int64 x * 3, 1M', (T) => { const x = T.tensor(ints(N, 1 << 20), { dtype: T.int64 }); return () => x.mul(3); }],
  ['int64 x + row (broadcast), 1000x1000', (T) => { const x = T.tensor(ints(N, 1 << 20), { dtype: T.int64 }).reshape([1000, 1000]); const r = T.tensor(ints(1000, 1 << 20), { dtype: T.int64 }); return () => x.add(r); }],
  ['int64 x.sum(), 1M', (T) => { const x = T.tensor(ints(N, 1000), { dtype: T.int64 }); return () => x.sum(); }],
  ['int64 x.sum(1), 1000x1000', (T) => { const x = T.tensor(ints(N, 1000), { dtype: T.int64 }).reshape([1000, 1000]); return () => x.sum(1); }],
  ['int64 x.cumsum(0), 1M', (T) => { const x = T.tensor(ints(N, 100), { dtype: T.int64 }); return () => x.cumsum(0); }],
  ['int64 x.cumprod(0), 1M ones and minus ones', (T) => { const x = T.tensor(ints(N, 2), { dtype: T.int64 }).mul(2).sub(1); return () => x.cumprod(0); }],
  // float32 paths beside them (their kernels share files with the int ones)
  ['float32 x.cumsum(0), 1M', (T) => { const x = T.tensor(floats(N)); return () => x.cumsum(0); }],
  ['float32 x.t().sum(1), 1000x1000 (strided)', (T) => { const x = T.tensor(floats(N)).reshape([1000, 1000]).t(); return () => x.sum(1); }],
  ['float32 x + y, 1M', (T) => { const x = T.tensor(floats(N)); const y = T.tensor(floats(N)); return () => x.add(y); }],
  ['int64 x.neg(), 1M', (T) => { const x = T.tensor(ints(N, 1 << 20), { dtype: T.int64 }); return () => x.neg(); }],
  ['int64 floor_divide(x, 7), 1M', (T) => { const x = T.tensor(ints(N, 1 << 20), { dtype: T.int64 }); return () => T.floor_divide(x, 7); }],
  ['arange 1M int64', (T) => () => T.arange(N)],
  ['rrelu training 1M', (T) => { const x = T.tensor(floats(N)); return () => T.nn.functional.rrelu(x, 0.1, 0.3, true); }],
];

const now = cpuTime ? () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } : () => performance.now();
function time(T: Torch, f: () => unknown): number {
  const t0 = now();
  T.tidy(() => { f(); });
  return now() - t0;
}
const median = (v: number[]) => v.slice().sort((a, b) => a - b)[v.length >> 1];

console.log(`${'op'.padEnd(52)} ${'this ms'.padStart(9)} ${'other ms'.padStart(9)} ${'other/this'.padStart(10)}`);
for (const [name, setup] of cases) {
  if (only && !only.test(name)) continue;
  const fa = setup(A);
  const fb = setup(B);
  time(A, fa); time(B, fb); // warm up
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < reps; r++) {
    if (r & 1) { tb.push(time(B, fb)); ta.push(time(A, fa)); } else { ta.push(time(A, fa)); tb.push(time(B, fb)); }
  }
  const [a, b] = [median(ta), median(tb)];
  console.log(`${name.padEnd(52)} ${a.toFixed(2).padStart(9)} ${b.toFixed(2).padStart(9)} ${(b / a).toFixed(b / a < 2 ? 2 : 1).padStart(9)}×`);
}
