// tocha/lean's parts on worker threads: a lean app that imported the math and nn parts and the thread pool
// ('tocha/lean/threads') splits a long GELU and a convolution with max pooling, forward and backward, across workers as
// the default entry does, with the bits of one thread and of the default entry; without the pool it runs on one
// thread, with the same bits. Each run is a process of its own (test/lean-threads-run.ts), since an entry's
// WebAssembly must be the first a process imports.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Counted {
  bits: string;
  by_workers: number;
  parts_by_workers: number;
}
interface Run {
  loaded: string[];
  ready: number;
  first: { gelu: Counted; conv: Counted };
  gelu: Counted;
  conv: Counted;
}

interface Bare {
  threads: number;
  ready: number;
  two: string;
  one: string;
  bad: string[];
  after: number;
  gelu: Counted;
  conv: Counted;
}

function run(entry: 'lean' | 'full', threads: number, order?: 'pool-first' | 'parts-first'): Run;
function run(entry: 'bare', threads: number): Bare;
function run(entry: 'lean' | 'full' | 'bare', threads: number,
  order: 'pool-first' | 'parts-first' = 'pool-first'): Run | Bare {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/lean-threads-run.ts', entry, String(threads), order],
    { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(out) as Run | Bare;
}

/** The default entry on one thread: the bits every other run must give. */
let fullOne: Run | undefined;
const defaultOne = () => (fullOne ??= run('full', 1));

describe("tocha/lean's parts on worker threads", () => {
  it('split a long GELU and a convolution across workers, with the bits of one thread and of the default entry', () => {
    const full1 = defaultOne();
    const full2 = run('full', 2);
    const lean1 = run('lean', 1);
    const poolFirst = run('lean', 2, 'pool-first');
    const partsFirst = run('lean', 2, 'parts-first');
    for (const r of [full2, lean1, poolFirst, partsFirst]) {
      for (const x of [r.first.gelu, r.first.conv, r.gelu, r.conv]) {
        expect(x.bits).toBe(x === r.first.gelu || x === r.gelu ? full1.gelu.bits : full1.conv.bits);
      }
    }
    expect(full1.first.gelu.bits).toBe(full1.gelu.bits);
    expect(full1.first.conv.bits).toBe(full1.conv.bits);
    // one thread: no worker computes anything
    expect([lean1.ready, lean1.gelu.by_workers, lean1.conv.by_workers]).toEqual([1, 0, 0]);
    // the default entry's workers: the core's kernels
    expect(full2.ready).toBe(2);
    expect(full2.gelu.by_workers).toBeGreaterThan(0);
    expect(full2.conv.parts_by_workers).toBe(0);
    // the lean entry's workers run the parts' kernels: GELU and its gradient (the math part: every chunk the workers
    // computed is the part's), im2col, col2im and max pooling (the nn part) beside the core's GEMM
    expect(poolFirst.loaded).toEqual([]); // (the parts load at their first use, each worker handed them)
    expect(partsFirst.loaded).toEqual(['math', 'nn']); // (each worker starts with them)
    for (const r of [poolFirst, partsFirst]) {
      expect(r.ready).toBe(2);
      expect(r.gelu.parts_by_workers).toBeGreaterThan(0);
      expect(r.gelu.parts_by_workers).toBe(r.gelu.by_workers);
      expect(r.gelu.by_workers).toBe(full2.gelu.by_workers);
      expect(r.conv.parts_by_workers).toBeGreaterThan(0);
      expect(r.conv.by_workers).toBe(full2.conv.by_workers);
    }
  }, 300_000);

  it("without 'tocha/lean/threads': one thread, set_num_threads(2) names the import, the default entry's bits", () => {
    const bare = run('bare', 2);
    expect([bare.threads, bare.ready, bare.after]).toEqual([1, 1, 1]);
    expect(bare.two).toBe("Error: tocha/lean: set_num_threads(2) needs worker threads, which the lean core leaves " +
      "out; import 'tocha/lean/threads' adds them (or import everything from 'tocha' instead of 'tocha/lean')");
    expect(bare.one).toBe('undefined');
    // bad values: the default entry's errors
    expect(bare.bad).toEqual(['RangeError: set_num_threads: expected a positive integer, got 0',
      'RangeError: set_num_threads: expected a positive integer, got 1.5',
      'RangeError: set_num_threads: at most 64 threads, got 65']);
    expect(bare.gelu.bits).toBe(defaultOne().gelu.bits);
    expect(bare.conv.bits).toBe(defaultOne().conv.bits);
  }, 300_000);
});
