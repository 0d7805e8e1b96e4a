// exp, log, tanh, sigmoid, SiLU, softmax and log_softmax on the relaxed build (src/backend/fma.ts): SLEEF's fused steps
// as f32x4.relaxed_madd where it fuses, at every precision setting. They must give the core's bits (the core evaluates
// each fused step in f64), which test/unary-bits.test.ts checks against PyTorch on both paths; here, the two paths
// against each other on many inputs, on one and two threads, and the choice of path itself. Node 20 has relaxed SIMD
// behind a V8 flag, set before tocha loads (Node 22 and Chromium have it on).
import v8 from 'node:v8';
import { describe, it, expect, afterAll, beforeAll } from 'vitest';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');
const { fusedKernels, relaxedSimdAvailable, _setFusedKernels } = await import('../src/backend/fma.js');
const { _setFlatParallelMin, UNARY_PARALLEL_MIN, BINARY_PARALLEL_MIN } = await import('../src/backend/flat.js');
const { _setTesting, stats } = await import('../src/backend/threads.js');
type Tensor = import('../src/index.js').Tensor;
const F = torch.nn.functional;

/** Whether f32x4.relaxed_madd fuses on this CPU, read off the fused GEMM: -(1 + 2⁻¹¹) + (1 + 2⁻¹²)² is 2⁻²⁴ fused
 *  and 0 when the product is rounded first. */
function relaxedFuses(): boolean {
  torch.set_float32_matmul_precision('high');
  const a = torch.tensor([1, 1 + 2 ** -12]).reshape([1, 2]);
  const b = torch.tensor([-(1 + 2 ** -11), 1 + 2 ** -12]).reshape([2, 1]);
  const v = torch.mm(a, b).item();
  torch.set_float32_matmul_precision('highest');
  return v === 2 ** -24;
}

const OPS: [string, (x: Tensor) => Tensor][] = [
  ['exp', torch.exp], ['log', (x) => torch.log(x.abs())], ['tanh', torch.tanh], ['sigmoid', torch.sigmoid],
  ['silu', F.silu], ['erf', torch.erf], ['gelu', F.gelu], ['softmax last', (x) => torch.softmax(x.reshape([-1, 37]), 1)],
  ['log_softmax last', (x) => torch.log_softmax(x.reshape([-1, 37]), -1)],
  ['softmax dim 0', (x) => torch.softmax(x.reshape([37, -1]), 0)],
  ['log_softmax dim 0', (x) => torch.log_softmax(x.reshape([37, -1]), 0)],
];

/** The bits of op(x) on the core (fused off) and on the relaxed build. */
function both(op: (x: Tensor) => Tensor, x: Tensor): [Int32Array, Int32Array] {
  _setFusedKernels(false);
  const core = new Int32Array(op(x).dataSync().slice().buffer);
  _setFusedKernels(true);
  expect(fusedKernels(), 'the relaxed build is in use').not.toBeNull();
  const fused = new Int32Array(op(x).dataSync().slice().buffer);
  return [core, fused];
}

function differing(a: Int32Array, b: Int32Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

/** Inputs over many scales, with the special values: 37 · 2,000 of them. */
function inputs(seed: number): Tensor {
  torch.manual_seed(seed);
  const n = 37 * 2000;
  const scale = torch.pow(10, torch.rand(n).mul(6).sub(3)); // 1e-3 .. 1e3
  const x = torch.randn(n).mul(scale);
  const special = [0, -0, Infinity, -Infinity, NaN, 88.7, 89, 100, -87, -104, -150, 1e-30, -1e-30, 8.66, -8.7, 1e-40];
  x.narrow(0, 0, special.length).copy_(torch.tensor(special));
  return x;
}

describe('the relaxed build of exp, log, tanh, sigmoid, SiLU and softmax', () => {
  afterAll(() => _setFusedKernels(true));

  it('serves them exactly where relaxed SIMD is on and its multiply-add fuses', () => {
    const want = relaxedSimdAvailable() && relaxedFuses();
    expect(fusedKernels() !== null).toBe(want);
    // the hosts this project runs on (x86-64 with FMA3) do fuse: the relaxed path is what these tests exercise
    expect(want).toBe(true);
  });

  it("gives the core's bits on 74,000 inputs over 12 decades and the special values", () => {
    for (const seed of [1, 2]) {
      const x = inputs(seed);
      for (const [name, op] of OPS) {
        const [core, fused] = both(op, x);
        expect(differing(core, fused), `${name}, seed ${seed}`).toBe(0);
      }
    }
  });

  it('keeps ATen\'s blocks: the end of every row length 1..40 (sigmoid and SiLU: glibc\'s expf past 16-float blocks)', () => {
    torch.manual_seed(3);
    const x = torch.randn(40 * 41).mul(6);
    for (let n = 1; n <= 40; n++) {
      const row = x.narrow(0, n * 7, n);
      for (const [name, op] of OPS.slice(0, 5)) {
        const [core, fused] = both(op, row);
        expect(differing(core, fused), `${name}, n = ${n}`).toBe(0);
      }
    }
  });

  describe('on 2 threads', () => {
    const saved = [UNARY_PARALLEL_MIN, BINARY_PARALLEL_MIN];
    beforeAll(() => {
      _setTesting({ adaptive: false, callerWorks: false });
      _setFlatParallelMin(4096, saved[1]);
    });
    afterAll(() => {
      _setTesting({ adaptive: true, callerWorks: true });
      _setFlatParallelMin(saved[0], saved[1]);
      torch.set_num_threads(1);
    });

    it("gives one thread's core bits, the workers running the relaxed build's chunks", async () => {
      const x = inputs(4);
      torch.set_num_threads(1);
      const one = OPS.slice(0, 5).map(([, op]) => both(op, x)[0]);
      torch.set_num_threads(2);
      expect(await torch.threads_ready()).toBe(2);
      const before = { chunks: stats.chunks, by: stats.by_workers };
      OPS.slice(0, 5).forEach(([name, op], i) => {
        const got = new Int32Array(op(x).dataSync().slice().buffer);
        expect(differing(got, one[i]), name).toBe(0);
      });
      expect(stats.chunks - before.chunks).toBeGreaterThanOrEqual(5 * 2);
      expect(stats.by_workers - before.by).toBe(stats.chunks - before.chunks);
    });
  });
});
