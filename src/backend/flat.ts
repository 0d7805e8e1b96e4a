// Long elementwise ops and optimizer updates over contiguous float32 operands, split across
// threads when long enough.
// Each element's result does not depend on where a chunk starts (scalar and vector code give the
// same bits), so the split never changes a result.
import { K } from './wasm.js';
import { run, threadsReady, MAX_CHUNKS, type ParallelKernel } from './threads.js';

/** Elements below which a unary op (most are transcendental: ~1 ns an element) stays on one thread. */
export let UNARY_PARALLEL_MIN = 1 << 16;
/** Elements below which a binary op (memory-bound: ~0.1 ns an element) stays on one thread. */
export let BINARY_PARALLEL_MIN = 1 << 18;

/** Elements of one chunk, at least. */
const UNARY_CHUNK = 1 << 14;
const BINARY_CHUNK = 1 << 16;

/** Tuning hook for the benchmarks and tests (not public). */
export function _setFlatParallelMin(unary: number, binary: number, items = 1 << 15): void {
  UNARY_PARALLEL_MIN = unary;
  BINARY_PARALLEL_MIN = binary;
  ITEM_PARALLEL_MIN = items;
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

/** Chunks of n elements on `threads` threads: one per thread at least, up to 8 per thread while
 *  each keeps `min` elements (small chunks keep every thread busy to the end). */
function chunksFor(n: number, threads: number, min: number): number {
  return Math.min(Math.ceil(n / 16), Math.max(threads, Math.min(threads * 8, MAX_CHUNKS, Math.floor(n / min))));
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
  const chunks = chunksFor(n, threads, UNARY_CHUNK);
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
  const chunks = chunksFor(n, threads, BINARY_CHUNK);
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
  const chunks = chunksFor(n, threads, UNARY_CHUNK);
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

/** Elements below which an optimizer update stays on one thread (a few ns an element). */
export let UPDATE_PARALLEL_MIN = 1 << 16;
const UPDATE_CHUNK = 1 << 14;

/** Tuning hook for the benchmarks and tests (not public). */
export function _setUpdateParallelMin(n: number): void {
  UPDATE_PARALLEL_MIN = n;
}

/** SGD on n contiguous floats (assembly/optim.ts sgd_f32; scalars already rounded to float32). */
export function sgdFlat(p: number, g: number, buf: number, n: number, negLr: number, momentum: number,
  oneMinusDamp: number, wd: number, flags: number): void {
  const threads = n >= UPDATE_PARALLEL_MIN ? threadsReady() : 1;
  if (threads <= 1) {
    K.sgd_f32(p, g, buf, n, negLr, momentum, oneMinusDamp, wd, flags);
    return;
  }
  const s4 = [bits(negLr), bits(momentum), bits(oneMinusDamp), bits(wd)];
  const chunks = chunksFor(n, threads, UPDATE_CHUNK);
  run('sgd_bits_f32', chunks, 9, -1, 0, (i, v, at) => {
    const [s, len] = part(n, chunks, i);
    v[at] = p + s * 4;
    v[at + 1] = g + s * 4;
    v[at + 2] = buf ? buf + s * 4 : 0;
    v[at + 3] = len;
    for (let k = 0; k < 4; k++) v[at + 4 + k] = s4[k];
    v[at + 8] = flags;
  });
}

/** Adam/AdamW on n contiguous floats (assembly/optim.ts adam_f32; scalars already float32). */
export function adamFlat(p: number, g: number, m: number, v: number, vmax: number, n: number,
  scalars: readonly number[], flags: number): void {
  const threads = n >= UPDATE_PARALLEL_MIN ? threadsReady() : 1;
  if (threads <= 1) {
    const [b1, omb1, b2, omb2, eps, wd, decay, negStep, bc2] = scalars;
    K.adam_f32(p, g, m, v, vmax, n, b1, omb1, b2, omb2, eps, wd, decay, negStep, bc2, flags);
    return;
  }
  const sb = scalars.map(bits);
  const chunks = chunksFor(n, threads, UPDATE_CHUNK);
  run('adam_bits_f32', chunks, 16, -1, 0, (i, w, at) => {
    const [s, len] = part(n, chunks, i);
    w[at] = p + s * 4;
    w[at + 1] = g + s * 4;
    w[at + 2] = m + s * 4;
    w[at + 3] = v + s * 4;
    w[at + 4] = vmax ? vmax + s * 4 : 0;
    w[at + 5] = len;
    for (let k = 0; k < 9; k++) w[at + 6 + k] = sb[k];
    w[at + 15] = flags;
  });
}

/** Elements (over all items) below which a per-item kernel stays on one thread. */
export let ITEM_PARALLEL_MIN = 1 << 15;

/**
 * A kernel over `args[nAt]` independent items (images, planes: im2col, col2im, pooling) whose
 * pointer arguments advance by a fixed number of bytes per item (`strides`: [argument, bytes]),
 * split across threads by whole items. `elems` is the elements an item touches (for the threshold).
 */
export function perItem(kernel: ParallelKernel, args: number[], nAt: number, strides: [number, number][],
  elems: number): void {
  const n = args[nAt];
  const threads = n >= 2 && n * elems >= ITEM_PARALLEL_MIN ? threadsReady() : 1;
  if (threads <= 1) {
    (K as unknown as Record<string, (...a: number[]) => void>)[kernel](...args);
    return;
  }
  const per = Math.ceil(n / Math.min(n, threads * 4, MAX_CHUNKS));
  run(kernel, Math.ceil(n / per), args.length, -1, 0, (i, v, at) => {
    for (let k = 0; k < args.length; k++) v[at + k] = args[k];
    v[at + nAt] = Math.min(per, n - i * per);
    for (const [k, bytes] of strides) v[at + k] = args[k] + i * per * bytes;
  });
}
