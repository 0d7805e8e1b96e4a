// softmax / log_softmax and layer_norm backward, layer_norm, group_norm, the 2-norm and tanh's gradient on the relaxed
// build (src/backend/fma.ts): the multiply-adds GCC fused in PyTorch's kernels as f32x4.relaxed_madd / relaxed_nmadd
// where those fuse, at every precision setting. They must give the core's bits (the core evaluates each fused step
// exactly in f64), which backward-bits, moments-bits, tanh-backward and unary-bits check against PyTorch on both paths;
// here, the two paths against each other on many random inputs (lengths not multiples of 4, 8 or 16, many scales, the
// special values), and tanh's and GELU's gradients on two threads. Node 20 has relaxed SIMD behind a V8 flag, set before tocha
// loads.
import v8 from 'node:v8';
import { describe, it, expect, afterAll, beforeAll } from 'vitest';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');
const { fusedKernels, _setFusedKernels } = await import('../src/backend/fma.js');
const { _setFlatParallelMin, UNARY_PARALLEL_MIN, BINARY_PARALLEL_MIN } = await import('../src/backend/flat.js');
const { _setTesting, stats } = await import('../src/backend/threads.js');
type Tensor = import('../src/index.js').Tensor;
const F = torch.nn.functional;

const SPECIAL = [0, -0, Infinity, -Infinity, NaN, 3e38, -3e38, 1e-30, -1e-30, 1e-40, 1, -1, 0.5];

/** n floats over many scales (1e-3 .. 1e3), with `special` at the start when asked. */
function inputs(seed: number, shape: number[], special = false): Tensor {
  torch.manual_seed(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const x = torch.randn(n).mul(torch.pow(10, torch.rand(n).mul(6).sub(3)));
  if (special) {
    const k = Math.min(n, SPECIAL.length);
    x.narrow(0, 0, k).copy_(torch.tensor(SPECIAL.slice(0, k)));
  }
  return x.reshape(shape);
}

/** The bits of every output of `run` on the core (fused off), then on the relaxed build. */
function both(run: () => Tensor[]): [Int32Array[], Int32Array[]] {
  const bits = () => run().map((t) => new Int32Array(t.contiguous().dataSync().slice().buffer));
  _setFusedKernels(false);
  const core = bits();
  _setFusedKernels(true);
  expect(fusedKernels(), 'the relaxed build is in use').not.toBeNull();
  return [core, bits()];
}

/** A NaN's bits: any exponent-all-ones, non-zero mantissa word. */
const isNaN32 = (b: number) => (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0;

/** Elements whose bits differ, over all outputs; a NaN matches any NaN (WebAssembly leaves the sign of a NaN result
 *  to the engine, and it differs here between the core's f64 steps and a fused one: PyTorch's own group_norm gives
 *  yet other signs on the special values below). */
function differing(run: () => Tensor[]): number {
  const [core, fused] = both(run);
  let d = 0;
  core.forEach((c, k) => {
    for (let i = 0; i < c.length; i++) if (c[i] !== fused[k][i] && !(isNaN32(c[i]) && isNaN32(fused[k][i]))) d++;
  });
  return d;
}

/** The gradients of `f` (one output, reduced against a random g) with respect to `xs`. */
function grads(f: (...xs: Tensor[]) => Tensor, xs: Tensor[], seed: number): Tensor[] {
  const leaves = xs.map((x) => x.detach().requires_grad_());
  const y = f(...leaves);
  torch.manual_seed(seed);
  y.backward(torch.randn(y.shape));
  return leaves.map((l) => l.grad!);
}

describe('the relaxed build of the kernels with fused steps of their own', () => {
  afterAll(() => _setFusedKernels(true));

  it('softmax and log_softmax backward: rows of 1 to 40 over the last dim, a middle dim and dim 0', () => {
    for (let n = 1; n <= 40; n++) {
      for (const [shape, dim] of [[[7, n], 1], [[3, n, 11], 1], [[n, 13], 0], [[2, n, 21], 1]] as [number[], number][]) {
        const x = inputs(n, shape, n === 40).mul(0.01);
        for (const name of ['softmax', 'log_softmax'] as const) {
          expect(differing(() => grads((t) => torch[name](t, dim), [x], n)), `${name} ${JSON.stringify(shape)} dim ${dim}`)
            .toBe(0);
        }
      }
    }
  });

  it('softmax and log_softmax backward: wide rows, inputs over 6 decades and the special values', () => {
    for (const [shape, dim] of [[[37, 1001], 1], [[1001, 37], 0], [[5, 203, 19], 1]] as [number[], number][]) {
      const x = inputs(shape[0], shape, true);
      for (const name of ['softmax', 'log_softmax'] as const) {
        expect(differing(() => grads((t) => torch[name](t, dim), [x], 5)), `${name} ${JSON.stringify(shape)}`).toBe(0);
      }
    }
  });

  it('layer_norm, forward and backward (dx, dweight, dbias): rows of 1 to 40 and wide ones, with and without affine', () => {
    const ns = [...Array.from({ length: 40 }, (_, i) => i + 1), 127, 1000, 4099];
    for (const n of ns) {
      const x = inputs(n, [9, n]).mul(0.1).add(1);
      const w = inputs(n + 1, [n]), b = inputs(n + 2, [n]);
      expect(differing(() => grads((t, u, v) => F.layer_norm(t, [n], u, v), [x, w, b], n)), `n = ${n}, affine`).toBe(0);
      expect(differing(() => grads((t, u) => F.layer_norm(t, [n], u, null), [x, w], n)), `n = ${n}, weight`).toBe(0);
      expect(differing(() => grads((t) => F.layer_norm(t, [n]), [x], n)), `n = ${n}`).toBe(0);
      expect(differing(() => [F.layer_norm(x, [n], w, b)]), `n = ${n}, forward`).toBe(0);
    }
    // a row with the special values: its NaNs and infinities, the others' numbers
    const x = inputs(3, [4, 45], true);
    expect(differing(() => grads((t, u, v) => F.layer_norm(t, [45], u, v), [x, inputs(4, [45]), inputs(5, [45])], 3)))
      .toBe(0);
  });

  it('group_norm: groups of 1 to 40 elements and wide ones, with and without affine, the special values', () => {
    for (const [n, c, hw, g] of [[2, 6, 1, 3], [3, 4, 5, 2], [2, 6, 7, 3], [1, 8, 33, 4], [2, 10, 101, 5], [4, 3, 40, 1],
      [2, 16, 257, 8]]) {
      const x = inputs(c * hw, [n, c, hw], true).mul(0.1).add(0.5);
      const w = inputs(c, [c]), b = inputs(c + 1, [c]);
      expect(differing(() => [F.group_norm(x, g, w, b)]), `(${n}, ${c}, ${hw}) in ${g} groups, affine`).toBe(0);
      expect(differing(() => [F.group_norm(x, g, w, null)]), `(${n}, ${c}, ${hw}) in ${g} groups, weight`).toBe(0);
    }
  });

  it('the 2-norm: over the last dim (eight fused lanes and the tail), dim 0 and a strided view, lengths 1 to 70', () => {
    for (let n = 1; n <= 70; n++) {
      const x = inputs(n, [6, n], n === 70);
      expect(differing(() => [torch.norm(x, 2, 1)]), `last dim of ${n}`).toBe(0);
      expect(differing(() => [torch.linalg.vector_norm(x, 2, 0)]), `dim 0, ${n} columns`).toBe(0);
      expect(differing(() => [torch.norm(x.t(), 2, 1)]), `strided, ${n}`).toBe(0);
      expect(differing(() => [torch.norm(x)]), `all of ${6 * n}`).toBe(0);
    }
  });

  it("tanh's gradient: lengths 1 to 40, and 40,000 outputs of tanh over 6 decades with the special values", () => {
    for (let n = 1; n <= 40; n++) {
      expect(differing(() => grads(torch.tanh, [inputs(n, [n])], n)), `n = ${n}`).toBe(0);
    }
    const x = inputs(41, [40001], true);
    expect(differing(() => grads(torch.tanh, [x], 41)), 'tanh').toBe(0);
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

    it("tanh's gradient: one thread's core bits, the workers running the relaxed build's chunks", async () => {
      const x = inputs(43, [50003], true);
      torch.set_num_threads(1);
      const [[one]] = both(() => grads(torch.tanh, [x], 43));
      torch.set_num_threads(2);
      expect(await torch.threads_ready()).toBe(2);
      const before = { chunks: stats.chunks, by: stats.by_workers };
      const [[core2], [fused2]] = both(() => grads(torch.tanh, [x], 43));
      expect(core2).toEqual(one);
      expect(fused2).toEqual(one);
      // the tanh forward and the gradient, on each path, split into chunks the workers ran
      expect(stats.chunks - before.chunks).toBeGreaterThanOrEqual(4 * 2);
      expect(stats.by_workers - before.by).toBe(stats.chunks - before.chunks);
    });

    it("GELU's gradients, both forms, whole and in rows of 50 (chunks of whole rows): one thread's bits", async () => {
      const x = inputs(44, [401, 60], true);
      const run = () => (['none', 'tanh'] as const).flatMap((approximate) => [
        ...grads((t) => F.gelu(t, { approximate }), [x], 44),
        ...grads((t) => F.gelu(t.narrow(1, 0, 50), { approximate }), [x], 45)]);
      torch.set_num_threads(1);
      const [one, fusedOne] = both(run);
      expect(fusedOne).toEqual(one);
      torch.set_num_threads(2);
      expect(await torch.threads_ready()).toBe(2);
      const before = { chunks: stats.chunks, by: stats.by_workers };
      const [core2, fused2] = both(run);
      expect(core2).toEqual(one);
      expect(fused2).toEqual(one);
      expect(stats.chunks - before.chunks).toBeGreaterThanOrEqual(8 * 2);
      expect(stats.by_workers - before.by).toBe(stats.chunks - before.chunks);
    });

    it("mish's gradient (mish_grad_f32), whole, in rows of 50 and strided: one thread's bits", async () => {
      const x = inputs(46, [401, 60], true);
      const run = () => [...grads((t) => F.mish(t), [x], 46), ...grads((t) => F.mish(t.narrow(1, 0, 50)), [x], 47),
        ...grads((t) => F.mish(t.t()), [x], 48)];
      torch.set_num_threads(1);
      expect(differing(run), 'core against relaxed').toBe(0); // (a NaN's payload differs between the two: compared apart)
      const [one, fusedOne] = both(run);
      torch.set_num_threads(2);
      expect(await torch.threads_ready()).toBe(2);
      const before = { chunks: stats.chunks, by: stats.by_workers };
      const [core2, fused2] = both(run);
      expect(core2).toEqual(one);
      expect(fused2).toEqual(fusedOne);
      expect(stats.chunks - before.chunks).toBeGreaterThanOrEqual(6 * 2);
      expect(stats.by_workers - before.by).toBe(stats.chunks - before.chunks);
    });
  });
});
