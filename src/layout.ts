// The memory layout of a new tensor computed from others, as PyTorch 1.13 lays it out: an elementwise op's output
// follows its inputs' layout (TensorIterator: fast_set_up, reorder_dimensions, allocate_or_resize_outputs), and
// clone, to(dtype) and the *_like factories keep their input's (empty_like with preserve_format: the input's strides
// when it is non-overlapping and dense, else infer_dense_strides). So torch.sigmoid(x.t()) is x.t()'s layout, (1, n)
// strides, not a contiguous tensor, and an op iterates in memory order: its vector blocks fall where PyTorch's do.

import { contiguousStrides as contiguousStridesOf, sameShape as sameDims } from './ops/util.js';

type Dims = readonly number[];

/** Whether `strides` are exactly `shape`'s contiguous strides (size-1 dims' too): contiguousStrides without the array. */
export function hasContiguousStrides(shape: Dims, strides: Dims): boolean {
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (strides[d] !== acc) return false;
    acc *= Math.max(shape[d], 1);
  }
  return true;
}

/** c10's is_contiguous for the default memory format. */
export function isContiguous(shape: Dims, strides: Dims): boolean {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] === 0) return true;
    if (shape[d] === 1) continue;
    if (strides[d] !== expected) return false;
    expected *= shape[d];
  }
  return true;
}

/** c10's compute_non_overlapping_and_dense: some permutation of the dims is contiguous. */
export function isNonOverlappingAndDense(shape: Dims, strides: Dims): boolean {
  const n = shape.length;
  if (n === 1) return shape[0] < 2 || strides[0] === 1;
  // by stride, dims of size 0 and 1 last (std::sort with that comparator; ties among them do not matter below)
  const perm = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const small = (shape[a] < 2 ? 1 : 0) - (shape[b] < 2 ? 1 : 0);
    return small !== 0 ? small : strides[a] - strides[b];
  });
  let require = 1;
  for (const d of perm) {
    if (shape[d] < 2) return true;
    if (strides[d] !== require) return false;
    require *= shape[d];
  }
  return true;
}

/** c10's channels-last contiguity (4-d: NHWC in memory; 5-d: NDHWC). */
function isChannelsLast(shape: Dims, strides: Dims): boolean {
  const order = shape.length === 4 ? [1, 3, 2, 0] : shape.length === 5 ? [1, 4, 3, 2, 0] : null;
  if (order === null) return false;
  let expected = 1;
  for (const d of order) {
    if (shape[d] !== 1) {
      if (strides[d] !== expected) return false;
      expected *= shape[d];
    }
  }
  return true;
}

/** get_channels_last_strides_2d / _3d (a size-0 dim counts as 0 there, unlike contiguous strides). */
function channelsLastStrides(shape: Dims): number[] {
  const s = new Array<number>(shape.length);
  const order = shape.length === 4 ? [1, 3, 2, 0] : [1, 4, 3, 2, 0];
  let acc = 1;
  for (const d of order) {
    s[d] = acc;
    acc *= shape[d];
  }
  return s;
}

/** torch.memory_format: the order of a tensor's dims in memory (`torch.channels_last`: NHWC for an NCHW tensor). */
export class memory_format {
  constructor(readonly name: 'contiguous_format' | 'channels_last' | 'channels_last_3d' | 'preserve_format') {}
  toString(): string { return `torch.${this.name}`; }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}
export const contiguous_format = /*#__PURE__*/ new memory_format('contiguous_format');
export const channels_last = /*#__PURE__*/ new memory_format('channels_last');
export const channels_last_3d = /*#__PURE__*/ new memory_format('channels_last_3d');
export const preserve_format = /*#__PURE__*/ new memory_format('preserve_format');

function checkFormat(fmt: unknown, fn: string): memory_format {
  if (!(fmt instanceof memory_format)) {
    throw new TypeError(`${fn}(): argument 'memory_format' must be torch.memory_format (torch.contiguous_format, ` +
      `torch.channels_last, torch.channels_last_3d or torch.preserve_format), not ${typeof fmt}`);
  }
  return fmt;
}

/** The strides of a new tensor of `shape` in `fmt` (preserve_format: laid out as `like`, or contiguous). */
export function formatStrides(shape: Dims, fmt: unknown, like: Operand | null, fn: string): number[] {
  const f = checkFormat(fmt, fn);
  if (f === preserve_format) return like ? preservedStrides(like) : contiguousStridesOf(shape);
  if (f === channels_last || f === channels_last_3d) {
    const rank = f === channels_last ? 4 : 5;
    if (shape.length !== rank) throw new RangeError(`required rank ${rank} tensor to use ${f.name} format`);
    return channelsLastStrides(shape);
  }
  return contiguousStridesOf(shape);
}

/** x.is_contiguous(memory_format): c10's flags (channels-last for 4-d tensors only, channels-last-3d for 5-d). */
export function isContiguousIn(shape: Dims, strides: Dims, fmt: unknown): boolean {
  const f = checkFormat(fmt, 'is_contiguous');
  if (f === channels_last) return shape.length === 4 && isChannelsLast(shape, strides);
  if (f === channels_last_3d) return shape.length === 5 && isChannelsLast(shape, strides);
  return isContiguous(shape, strides);
}

/**
 * TensorIterator's reorder_dimensions: the dims of `shape` from the fastest- to the slowest-moving, decided by the
 * operands' strides in turn (each read broadcast to `shape`: 0 where broadcast, which decides nothing). Insertion
 * sort with ambiguous comparisons, as PyTorch's; equal strides put the smaller dim first. `reduction`: operands[0] is
 * a reduction's output (0 strides on the reduced dims), whose reduced dims go first.
 */
export function iterationOrder(shape: Dims, operands: Dims[], reduction = false): number[] {
  const n = shape.length;
  const perm = Array.from({ length: n }, (_, i) => n - 1 - i);
  if (n <= 1) return perm;
  const shouldSwap = (d0: number, d1: number): number => {
    for (let k = 0; k < operands.length; k++) {
      const s0 = operands[k][d0], s1 = operands[k][d1];
      if (reduction && k === 0 && (s0 === 0) !== (s1 === 0)) return s1 === 0 ? 1 : -1;
      if (s0 === 0 || s1 === 0) continue;
      if (s0 < s1) return -1;
      if (s0 > s1) return 1;
      if (shape[d0] > shape[d1]) return 1;
    }
    return 0;
  };
  for (let i = 1; i < n; i++) {
    let d1 = i;
    for (let d0 = i - 1; d0 >= 0; d0--) {
      const c = shouldSwap(perm[d0], perm[d1]);
      if (c > 0) {
        const t = perm[d0];
        perm[d0] = perm[d1];
        perm[d1] = t;
        d1 = d0;
      } else if (c < 0) {
        break;
      }
    }
  }
  return perm;
}

/** Dense strides laid out in `perm`'s order (fastest first), or contiguous strides when that is row-major. */
function stridesInOrder(shape: Dims, perm: number[]): number[] {
  const n = shape.length;
  if (perm.every((d, j) => d === n - 1 - j)) return contiguousStridesOf(shape);
  const s = new Array<number>(n);
  let acc = 1;
  for (const d of perm) {
    s[d] = acc;
    acc *= shape[d];
  }
  return s;
}

/** An operand's strides read broadcast to `shape` (TensorIterator's compute_strides). */
export function broadcastStrides(shape: Dims, s: Dims, t: Dims): number[] {
  const n = shape.length;
  const out = new Array<number>(n);
  for (let d = 0; d < n; d++) {
    const i = d - (n - s.length);
    out[d] = i < 0 || (s[i] === 1 && shape[d] !== 1) ? 0 : t[i];
  }
  return out;
}

export interface Operand { readonly _shape: Dims; readonly _strides: Dims }

/**
 * The strides PyTorch gives the output of an elementwise op over `shape` on these tensor operands (in order; a
 * number operand is `scalar`, which keeps the op off TensorIterator's fast set-up, as a wrapped number does).
 */
export function elementwiseStrides(shape: Dims, operands: readonly Operand[], scalar = false): number[] {
  if (!scalar && operands.length > 0 && operands.every((o) => sameDims(o._shape, shape))) {
    // fast_set_up: every operand contiguous, or channels-last, or dense with the same strides
    if (operands.every((o) => isContiguous(o._shape, o._strides))) return contiguousStridesOf(shape);
    if (operands.every((o) => isChannelsLast(o._shape, o._strides))) return channelsLastStrides(shape);
    const s0 = operands[operands.length - 1]._strides;
    if (operands.every((o) => isNonOverlappingAndDense(o._shape, o._strides) && sameDims(o._strides, s0))) return s0.slice();
  }
  const perm = iterationOrder(shape, operands.map((o) => broadcastStrides(shape, o._shape, o._strides)));
  return stridesInOrder(shape, perm);
}

/** The strides of empty_like(t) with preserve_format (and of clone and to(dtype)): t's own when it is
 *  non-overlapping and dense, else dense ones in the order of t's strides (infer_dense_strides). */
export function preservedStrides(t: Operand): number[] {
  if (isNonOverlappingAndDense(t._shape, t._strides)) return t._strides.slice();
  return stridesInOrder(t._shape, iterationOrder(t._shape, [t._strides]));
}

/**
 * How to run an op over `shape` writing an output of `outStrides`: the dims in memory order of the output (slowest
 * first), so that a kernel writing its output contiguously in that order writes `outStrides`; `order[k]` is the
 * original dim of the k-th. Null when the output is contiguous (the kernels' own order).
 */
export function outputOrder(shape: Dims, outStrides: Dims): number[] | null {
  if (isContiguous(shape, outStrides)) return null;
  const n = shape.length;
  // slowest first: by stride descending, ties (size-1 dims) by dim
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => outStrides[b] - outStrides[a] || a - b);
}
