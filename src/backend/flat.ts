// Kernels over independent units, split across threads when long enough: long elementwise ops and
// optimizer updates over contiguous float32 operands (units: elements), and per-image or per-plane
// kernels (im2col/col2im, max pooling). A unit's result does not depend on where a chunk starts
// (scalar and vector code give the same bits), so the split never changes a result.
import { K } from './wasm.js';
import { pool, MAX_CHUNKS } from './pool.js';
import type { ParallelKernel } from './threads.js';
import { fmaKernels, fusedKernels } from './fma.js';
import { U, B, GRAD_BASIC_LOOP } from './kernels.js';

/** Elements below which a unary op (most are transcendental: ~1 ns an element) stays on one thread. */
export let UNARY_PARALLEL_MIN = 1 << 16;
/** Elements below which a binary op (memory-bound: ~0.1 ns an element) stays on one thread. */
export let BINARY_PARALLEL_MIN = 1 << 18;
/** Elements below which an optimizer update stays on one thread (a few ns an element). */
export let UPDATE_PARALLEL_MIN = 1 << 16;
/** Elements (over all items) below which a per-item kernel stays on one thread. */
export let ITEM_PARALLEL_MIN = 1 << 15;

/** Work of one chunk, at least (elements). */
const UNARY_CHUNK = 1 << 14;
const BINARY_CHUNK = 1 << 16;

/** Tuning hooks for the benchmarks and tests (not public). */
export function _setFlatParallelMin(unary: number, binary: number, items = 1 << 15): void {
  UNARY_PARALLEL_MIN = unary;
  BINARY_PARALLEL_MIN = binary;
  ITEM_PARALLEL_MIN = items;
}
export function _setUpdateParallelMin(n: number): void {
  UPDATE_PARALLEL_MIN = n;
}

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
/** The bits of x rounded to float32, as the kernels' f32 parameters receive it. */
export function bits(x: number): number {
  f32[0] = x;
  return i32[0];
}

/**
 * Runs `kernel(...args)` over `args[nAt]` independent units, each costing `cost` elements of work;
 * every [argument, bytes] of `strides` is a pointer advancing per unit (a 0 pointer, an absent
 * operand, stays 0). Split across threads when the work reaches `min`: chunks of whole `align`
 * units, one per thread at least and up to 8 per thread while each keeps `chunk` of work (small
 * chunks keep every thread busy to the end).
 */
function split(kernel: ParallelKernel, args: number[], nAt: number, strides: [number, number][], cost: number,
  min: number, chunk: number, align: number): void {
  const n = args[nAt];
  const work = n * cost;
  const p = pool; // (null: no thread pool installed, a tocha/lean app without 'tocha/lean/threads')
  // the module whose instance runs it in each thread (a lean build's part: once every worker has it)
  const part = p && n >= 2 && work >= min ? p.jobModule(kernel, args[0]) : undefined;
  const threads = part === undefined ? 1 : p!.ready(part);
  if (threads <= 1) {
    const fused = kernel.startsWith('fma_');
    ((fused ? fmaKernels() : K) as unknown as Record<string, (...a: number[]) => void>)[fused ? kernel.slice(4) : kernel](...args);
    return;
  }
  const units = Math.ceil(n / align);
  const chunks = Math.min(units, Math.max(threads, Math.min(threads * 8, MAX_CHUNKS, Math.floor(work / chunk))));
  const per = Math.ceil(units / chunks) * align;
  p!.run(kernel, Math.ceil(n / per), args.length, -1, 0, (i, v, at) => {
    const s = i * per;
    for (let k = 0; k < args.length; k++) v[at + k] = args[k];
    v[at + nAt] = Math.min(per, n - s);
    for (const [k, bytes] of strides) if (args[k]) v[at + k] = args[k] + s * bytes;
  }, part!);
}

/** The ops whose fused steps the relaxed build runs as fused multiply-adds (src/backend/fma.ts). */
const FUSED_OPS: ReadonlySet<number> = new Set([U.exp, U.log, U.tanh, U.sigmoid, U.silu, U.erf, U.gelu, U.gelu_dnnl, U.expm1,
  U.elu, U.celu, U.sin, U.cos, U.log1p, U.softplus, U.logsigmoid, U.log2, U.log10, U.atan, U.asin, U.acos, U.sinh, U.cosh,
  U.gelu_tanh, U.erfc, U.lgamma, U.erfinv, U.tan, U.rpow_scalar, U.mish, U.logit]);

/** out[i] = op(a[i]), i < n, contiguous. */
export function unaryFlat(op: number, out: number, a: number, n: number, p0: number, p1: number, contiguous = true): void {
  // F.gelu on a contiguous tensor of more than one element: oneDNN's gelu_erf, to which PyTorch 1.13's gelu_out_cpu
  // hands it (use_mkldnn); a single element and other input (strided, or dense in another order: `contiguous` false)
  // keep ATen's GeluKernel (U.gelu)
  if (op === U.gelu && n > 1 && contiguous) op = U.gelu_dnnl;
  if (FUSED_OPS.has(op) && fusedKernels()) {
    split('fma_transcendental_flat_f32', [op, out, a, n, bits(p0), bits(p1)], 3, [[1, 4], [2, 4]], 1, UNARY_PARALLEL_MIN,
      UNARY_CHUNK, 16);
    return;
  }
  split('unary_flat_f32', [op, out, a, n, bits(p0), bits(p1)], 3, [[1, 4], [2, 4]], 1, UNARY_PARALLEL_MIN,
    UNARY_CHUNK, 16);
}

/** out[i] = op(a[i], b[i·sb]), i < n, contiguous (sb = 0: b is one scalar). */
export function binaryFlat(op: number, out: number, a: number, b: number, sb: number, n: number): void {
  if (op === B.pow && fusedKernels()) { // (SLEEF's powf with its fused steps fused: the core's bits)
    split('fma_pow_flat_f32', [out, a, b, sb, n], 4, [[0, 4], [1, 4], [2, 4 * sb]], 1, BINARY_PARALLEL_MIN, BINARY_CHUNK, 16);
    return;
  }
  split('binary_flat_f32', [op, out, a, b, sb, n], 5, [[1, 4], [2, 4], [3, 4 * sb]], 1, BINARY_PARALLEL_MIN,
    BINARY_CHUNK, 16);
}

/** out = dop/dx · g over n contiguous elements (x or y may be 0 when the rule needs only one); chunks of whole `align`
 *  elements (GELU's rows). */
export function unaryGradFlat(op: number, out: number, x: number, y: number, g: number, n: number, p0: number,
  p1: number, align = 16): void {
  if (op === U.tanh && y && fusedKernels()) { // (with GRAD_BASIC_LOOP added, the core: the same bits)
    // 1 - y² fused (ATen's tanh_backward as GCC builds it): the relaxed build's one step, the core's bits
    split('fma_tanh_backward_f32', [out, y, g, n], 3, [[0, 4], [1, 4], [2, 4]], 1, UNARY_PARALLEL_MIN, UNARY_CHUNK, 16);
    return;
  }
  if ((op === U.gelu_dnnl || (op & ~GRAD_BASIC_LOOP) === U.gelu || (op & ~GRAD_BASIC_LOOP) === U.gelu_tanh) && fusedKernels()) {
    // (p0's bits: the row length, unaryGrad's)
    const row = op & GRAD_BASIC_LOOP ? -1 : bits(p0);
    split('fma_gelu_grad_f32', [op & ~GRAD_BASIC_LOOP, out, x, g, n, row], 4, [[1, 4], [2, 4], [3, 4]], 1,
      UNARY_PARALLEL_MIN, UNARY_CHUNK, align);
    return;
  }
  if ((op & ~GRAD_BASIC_LOOP) === U.mish && fusedKernels()) {
    const row = op & GRAD_BASIC_LOOP ? -1 : bits(p0);
    split('fma_mish_grad_f32', [out, x, g, n, row], 3, [[0, 4], [1, 4], [2, 4]], 1, UNARY_PARALLEL_MIN, UNARY_CHUNK, align);
    return;
  }
  split('unary_grad_flat_f32', [op, out, x, y, g, n, bits(p0), bits(p1)], 5, [[1, 4], [2, 4], [3, 4], [4, 4]], 1,
    UNARY_PARALLEL_MIN, UNARY_CHUNK, align);
}

/** SGD on n contiguous floats (assembly/optim.ts sgd_f32; scalars already rounded to float32). */
export function sgdFlat(p: number, g: number, buf: number, n: number, negLr: number, momentum: number,
  oneMinusDamp: number, wd: number, flags: number): void {
  split('sgd_bits_f32', [p, g, buf, n, bits(negLr), bits(momentum), bits(oneMinusDamp), bits(wd), flags], 3,
    [[0, 4], [1, 4], [2, 4]], 1, UPDATE_PARALLEL_MIN, UNARY_CHUNK, 16);
}

/** Adam/AdamW on n contiguous floats (assembly/optim.ts adam_f32; scalars already float32). */
export function adamFlat(p: number, g: number, m: number, v: number, vmax: number, n: number,
  scalars: readonly number[], flags: number): void {
  split('adam_bits_f32', [p, g, m, v, vmax, n, ...scalars.map(bits), flags], 5,
    [[0, 4], [1, 4], [2, 4], [3, 4], [4, 4]], 1, UPDATE_PARALLEL_MIN, UNARY_CHUNK, 16);
}

/**
 * A kernel over `args[nAt]` independent items (images, planes: im2col, col2im, pooling) whose
 * pointer arguments advance by a fixed number of bytes per item (`strides`: [argument, bytes]),
 * split across threads by whole items. `elems` is the elements an item touches.
 */
export function perItem(kernel: ParallelKernel, args: number[], nAt: number, strides: [number, number][],
  elems: number): void {
  split(kernel, args, nAt, strides, elems, ITEM_PARALLEL_MIN, UNARY_CHUNK, 1);
}
