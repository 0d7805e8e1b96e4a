// Long elementwise ops over contiguous float32 operands, split across threads when long enough.
// Each element's result does not depend on where a chunk starts (scalar and vector code give the
// same bits), so the split never changes a result.
import { K } from './wasm.js';
import { run, threadsReady, MAX_CHUNKS } from './threads.js';

/** Elements below which a unary op (most are transcendental: ~1 ns an element) stays on one thread. */
export let UNARY_PARALLEL_MIN = 1 << 16;
/** Elements below which a binary op (memory-bound: ~0.1 ns an element) stays on one thread. */
export let BINARY_PARALLEL_MIN = 1 << 18;

/** Tuning hook for the benchmarks and tests (not public). */
export function _setFlatParallelMin(unary: number, binary: number): void {
  UNARY_PARALLEL_MIN = unary;
  BINARY_PARALLEL_MIN = binary;
}

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
/** The bits of x rounded to float32, as the kernels' f32 parameters receive it. */
function bits(x: number): number {
  f32[0] = x;
  return i32[0];
}

/** Chunk i of n elements in `chunks` parts of whole 16-element blocks: [start, length]. */
function part(n: number, chunks: number, i: number): [number, number] {
  const per = Math.ceil(n / chunks / 16) * 16;
  const s = Math.min(i * per, n);
  return [s, Math.min(per, n - s)];
}

function chunksFor(n: number, threads: number): number {
  return Math.min(threads * 2, MAX_CHUNKS, Math.ceil(n / 16));
}

/** out[i] = op(a[i]), i < n, contiguous. */
export function unaryFlat(op: number, out: number, a: number, n: number, p0: number, p1: number): void {
  const b0 = bits(p0);
  const b1 = bits(p1);
  const threads = n >= UNARY_PARALLEL_MIN ? threadsReady() : 1;
  if (threads <= 1) {
    K.unary_flat_f32(op, out, a, n, b0, b1);
    return;
  }
  const chunks = chunksFor(n, threads);
  run('unary_flat_f32', chunks, 6, -1, 0, (i, v, at) => {
    const [s, len] = part(n, chunks, i);
    v[at] = op;
    v[at + 1] = out + s * 4;
    v[at + 2] = a + s * 4;
    v[at + 3] = len;
    v[at + 4] = b0;
    v[at + 5] = b1;
  });
}

/** out[i] = op(a[i], b[i·sb]), i < n, contiguous (sb = 0: b is one scalar). */
export function binaryFlat(op: number, out: number, a: number, b: number, sb: number, n: number): void {
  const threads = n >= BINARY_PARALLEL_MIN ? threadsReady() : 1;
  if (threads <= 1) {
    K.binary_flat_f32(op, out, a, b, sb, n);
    return;
  }
  const chunks = chunksFor(n, threads);
  run('binary_flat_f32', chunks, 6, -1, 0, (i, v, at) => {
    const [s, len] = part(n, chunks, i);
    v[at] = op;
    v[at + 1] = out + s * 4;
    v[at + 2] = a + s * 4;
    v[at + 3] = b + s * 4 * sb;
    v[at + 4] = sb;
    v[at + 5] = len;
  });
}

/** out = dop/dx · g over n contiguous elements (x or y may be 0 when the rule needs only one). */
export function unaryGradFlat(op: number, out: number, x: number, y: number, g: number, n: number, p0: number,
  p1: number): void {
  const threads = n >= UNARY_PARALLEL_MIN ? threadsReady() : 1;
  if (threads <= 1) {
    K.unary_grad_f32(op, out, x, y, g, n, p0, p1);
    return;
  }
  const b0 = bits(p0);
  const b1 = bits(p1);
  const chunks = chunksFor(n, threads);
  run('unary_grad_flat_f32', chunks, 8, -1, 0, (i, v, at) => {
    const [s, len] = part(n, chunks, i);
    v[at] = op;
    v[at + 1] = out + s * 4;
    v[at + 2] = x ? x + s * 4 : 0;
    v[at + 3] = y ? y + s * 4 : 0;
    v[at + 4] = g + s * 4;
    v[at + 5] = len;
    v[at + 6] = b0;
    v[at + 7] = b1;
  });
}
