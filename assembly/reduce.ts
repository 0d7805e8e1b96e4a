// Reductions along axes, scans, softmax, and sum-to-shape for broadcast gradients.
import { exp_f32, exp_v, log_f32, log_v, fma_f32 } from "./mathf";
import { metaNdim, metaShape, metaStride } from "./strided";
import { c_expf } from "./libm";

export const R_SUM: i32 = 0;
export const R_PROD: i32 = 1;
export const R_MAX: i32 = 2; // values; NaN propagates
export const R_MIN: i32 = 3;
export const R_ARGMAX: i32 = 4; // index (i32) of the first max along the reduced extent
export const R_ARGMIN: i32 = 5;
export const R_SUM_I32: i32 = 6; // integer sum of i32 words
export const R_PROD_I32: i32 = 7;
export const R_MAX_I32: i32 = 8;
export const R_MIN_I32: i32 = 9;
export const R_ARGMAX_I32: i32 = 10;
export const R_ARGMIN_I32: i32 = 11;
export const R_ANY: i32 = 12; // of 0/1 words
export const R_ALL: i32 = 13;

const KIDX: usize = memory.data(4 * 32);
const RIDX: usize = memory.data(4 * 32);

/** Set when an int64 result (a sum, a product) is outside the i32 words' range: reduce_32 returns it. */
let outOfRange: bool = false;

// @ts-ignore: decorator
@inline function fits(r: i64): bool {
  return r == <i64><i32>r;
}

/**
 * One accumulator of ATen's multi_row_sum (SumKernel.cpp, PyTorch 1.13): `size` values `step` bytes apart, summed in
 * float in a cascade of 4 levels of 2^max(4, ceil(log2 size) / 4) values, so only sums of similar size meet.
 */
function cascadeLane(p: usize, step: usize, size: i32): f32 {
  const ceil = size <= 2 ? 1 : 32 - clz(<u32>(size - 1));
  const lp = max(4, ceil / 4);
  const levelStep = 1 << lp;
  const mask = levelStep - 1;
  let a0: f32 = 0;
  let a1: f32 = 0;
  let a2: f32 = 0;
  let a3: f32 = 0;
  let i = 0;
  while (i + levelStep <= size) {
    for (let j = 0; j < levelStep; j++, i++) a0 += load<f32>(p + <usize>i * step);
    a1 += a0;
    a0 = 0;
    if ((i & (mask << lp)) != 0) continue;
    a2 += a1;
    a1 = 0;
    if ((i & (mask << (2 * lp))) != 0) continue;
    a3 += a2;
    a2 = 0;
  }
  for (; i < size; i++) a0 += load<f32>(p + <usize>i * step);
  a0 += a1;
  a0 += a2;
  a0 += a3;
  return a0;
}

/**
 * ATen's row_sum of one accumulator lane: the row read as (-1, 4) (four interleaved cascades), the rows left over
 * added to the first, then the four added in order. `unit` is the distance between consecutive values of the lane.
 */
function rowSumLane(p: usize, unit: usize, size: i32): f32 {
  const ilp = size / 4;
  let s0 = cascadeLane(p, unit * 4, ilp);
  const s1 = cascadeLane(p + unit, unit * 4, ilp);
  const s2 = cascadeLane(p + unit * 2, unit * 4, ilp);
  const s3 = cascadeLane(p + unit * 3, unit * 4, ilp);
  for (let i = ilp * 4; i < size; i++) s0 += load<f32>(p + <usize>i * unit);
  s0 += s1;
  s0 += s2;
  s0 += s3;
  return s0;
}

/** cascadeLane on four adjacent lanes at once (f32x4): the same adds per lane, so the same bits. */
function cascadeVec(p: usize, step: usize, size: i32): v128 {
  const ceil = size <= 2 ? 1 : 32 - clz(<u32>(size - 1));
  const lp = max(4, ceil / 4);
  const levelStep = 1 << lp;
  const mask = levelStep - 1;
  const zero = f32x4.splat(0);
  let a0 = zero;
  let a1 = zero;
  let a2 = zero;
  let a3 = zero;
  let i = 0;
  while (i + levelStep <= size) {
    for (let j = 0; j < levelStep; j++, i++) a0 = f32x4.add(a0, v128.load(p + <usize>i * step));
    a1 = f32x4.add(a1, a0);
    a0 = zero;
    if ((i & (mask << lp)) != 0) continue;
    a2 = f32x4.add(a2, a1);
    a1 = zero;
    if ((i & (mask << (2 * lp))) != 0) continue;
    a3 = f32x4.add(a3, a2);
    a2 = zero;
  }
  for (; i < size; i++) a0 = f32x4.add(a0, v128.load(p + <usize>i * step));
  a0 = f32x4.add(a0, a1);
  a0 = f32x4.add(a0, a2);
  return f32x4.add(a0, a3);
}

/** rowSumLane on four adjacent lanes at once. */
function rowSumVec(p: usize, unit: usize, size: i32): v128 {
  const ilp = size / 4;
  let s0 = cascadeVec(p, unit * 4, ilp);
  const s1 = cascadeVec(p + unit, unit * 4, ilp);
  const s2 = cascadeVec(p + unit * 2, unit * 4, ilp);
  const s3 = cascadeVec(p + unit * 3, unit * 4, ilp);
  for (let i = ilp * 4; i < size; i++) s0 = f32x4.add(s0, v128.load(p + <usize>i * unit));
  s0 = f32x4.add(s0, s1);
  s0 = f32x4.add(s0, s2);
  return f32x4.add(s0, s3);
}

/**
 * Sum of n contiguous floats in ATen's order (cascade_sum's inner reduction, AVX2: vectors of 8): from 8 values on,
 * the n / 8 vectors summed lane-wise by row_sum (here two f32x4 halves), then the tail and the 8 lanes added to a
 * float in order; below 8, row_sum of the values themselves.
 */
function sumContiguous(a: usize, n: i32): f32 {
  if (n < 8) return rowSumLane(a, 4, n);
  const vecs = n / 8;
  let acc: f32 = 0;
  for (let k = vecs * 8; k < n; k++) acc += load<f32>(a + (<usize>k << 2));
  let lo: v128;
  let hi: v128;
  if (vecs < 64) {
    // below 512 floats each of row_sum's four cascades is a plain sum (fewer than 16 vectors a level): the eight
    // chains (four cascades, two halves) interleaved, the same adds per lane in the same order, so the same bits
    // as rowSumVec; one chain at a time waited on each add's latency (256-wide rows ran at half the speed)
    const ilp = vecs / 4;
    const zero = f32x4.splat(0);
    let l0 = zero; let l1 = zero; let l2 = zero; let l3 = zero;
    let h0 = zero; let h1 = zero; let h2 = zero; let h3 = zero;
    for (let i = 0; i < ilp; i++) {
      const q = a + <usize>i * 128;
      l0 = f32x4.add(l0, v128.load(q));
      h0 = f32x4.add(h0, v128.load(q, 16));
      l1 = f32x4.add(l1, v128.load(q, 32));
      h1 = f32x4.add(h1, v128.load(q, 48));
      l2 = f32x4.add(l2, v128.load(q, 64));
      h2 = f32x4.add(h2, v128.load(q, 80));
      l3 = f32x4.add(l3, v128.load(q, 96));
      h3 = f32x4.add(h3, v128.load(q, 112));
    }
    for (let i = ilp * 4; i < vecs; i++) {
      l0 = f32x4.add(l0, v128.load(a + <usize>i * 32));
      h0 = f32x4.add(h0, v128.load(a + <usize>i * 32, 16));
    }
    lo = f32x4.add(f32x4.add(f32x4.add(l0, l1), l2), l3);
    hi = f32x4.add(f32x4.add(f32x4.add(h0, h1), h2), h3);
  } else {
    lo = rowSumVec(a, 32, vecs);
    hi = rowSumVec(a + 16, 32, vecs);
  }
  acc += f32x4.extract_lane(lo, 0);
  acc += f32x4.extract_lane(lo, 1);
  acc += f32x4.extract_lane(lo, 2);
  acc += f32x4.extract_lane(lo, 3);
  acc += f32x4.extract_lane(hi, 0);
  acc += f32x4.extract_lane(hi, 1);
  acc += f32x4.extract_lane(hi, 2);
  acc += f32x4.extract_lane(hi, 3);
  return acc;
}

/**
 * Steps the odometer of the reduced dims (RIDX, dims nkept..ndim-1, the last fastest) by one element; returns the
 * change of operand 0's element offset.
 */
@inline function stepReduced(meta: usize, ndim: i32, nkept: i32): i32 {
  let delta = 0;
  for (let d = ndim - 1; d >= nkept; d--) {
    const q = RIDX + (<usize>d << 2);
    const i = load<i32>(q) + 1;
    const size = metaShape(meta, d);
    const st = metaStride(meta, 0, d);
    if (i < size) {
      store<i32>(q, i);
      return delta + st;
    }
    store<i32>(q, 0);
    delta -= st * (size - 1);
  }
  return delta;
}

/**
 * Reduces the trailing (ndim - nkept) dimensions of a strided operand (float sums over dims go through
 * sum_iter_f32 instead: this sums a 0-dim tensor's one value).
 * meta: [ndim, shape, strides of a]; out is contiguous over the kept dimensions.
 * Arg-reductions expect exactly one reduced dimension. Integer sums and products are exact (int64 arithmetic):
 * returns 1 if one of them is outside [-2^31, 2^31) (its word is then the low 32 bits), else 0.
 */
export function reduce_32(op: i32, out: usize, a: usize, meta: usize, nkept: i32): i32 {
  outOfRange = false;
  const ndim = metaNdim(meta);
  let outN = 1;
  for (let d = 0; d < nkept; d++) outN *= metaShape(meta, d);
  let redN = 1;
  for (let d = nkept; d < ndim; d++) redN *= metaShape(meta, d);
  if (outN == 0) return 0;
  for (let d = 0; d < nkept; d++) store<i32>(KIDX + (<usize>d << 2), 0);
  let base = 0;
  for (let o = 0; o < outN; o++) {
    const p = a + (<usize>base << 2);
    if (op == R_SUM_I32 || op == R_PROD_I32) {
      reduceSumProdI(op, out + (<usize>o << 2), p, meta, nkept, redN);
    } else {
      reduceOne(op, out + (<usize>o << 2), p, meta, nkept, redN);
    }
    // advance the kept index
    for (let d = nkept - 1; d >= 0; d--) {
      const q = KIDX + (<usize>d << 2);
      const i = load<i32>(q) + 1;
      const size = metaShape(meta, d);
      const st = metaStride(meta, 0, d);
      if (i < size) {
        store<i32>(q, i);
        base += st;
        break;
      }
      store<i32>(q, 0);
      base -= st * (size - 1);
    }
  }
  return outOfRange ? 1 : 0;
}

/**
 * An int64 sum or product of the reduced run, exact: a sum in i64 (n words stay below 2^62); a product is 0
 * with a zero factor, and otherwise never shrinks in magnitude, so once it leaves i32 it is out of range
 * whatever comes next (`big`). Sets outOfRange for a result outside i32. (Apart from reduceOne, whose float
 * loops keep their code.)
 */
function reduceSumProdI(op: i32, out: usize, a: usize, meta: usize, nkept: i32, redN: i32): void {
  const ndim = metaNdim(meta);
  for (let d = nkept; d < ndim; d++) store<i32>(RIDX + (<usize>d << 2), 0);
  let off = 0;
  let acc: i64 = op == R_PROD_I32 ? 1 : 0;
  let big = false;
  for (let j = 0; j < redN; j++) {
    const v = <i64>load<i32>(a + (<usize>off << 2));
    if (op == R_SUM_I32) acc += v;
    else {
      acc *= v;
      if (!fits(acc)) { big = true; acc = 1; } // past 2^31 in magnitude: keep only that, and zeros
    }
    off += stepReduced(meta, ndim, nkept);
  }
  if (big ? acc != 0 : !fits(acc)) outOfRange = true;
  store<i32>(out, <i32>acc);
}

function reduceOne(op: i32, out: usize, a: usize, meta: usize, nkept: i32, redN: i32): void {
  const ndim = metaNdim(meta);
  for (let d = nkept; d < ndim; d++) store<i32>(RIDX + (<usize>d << 2), 0);
  let off = 0;
  let accF: f64 = op == R_PROD ? 1 : 0;
  let accI: i32 = op == R_PROD_I32 || op == R_ALL ? 1 : 0;
  let best: f32 = 0;
  let bestI: i32 = 0;
  let bestAt = 0;
  for (let j = 0; j < redN; j++) {
    const p = a + (<usize>off << 2);
    switch (op) {
      case R_SUM: accF += <f64>load<f32>(p); break;
      case R_PROD: accF = <f64>(<f32>accF * load<f32>(p)); break;
      case R_MAX:
      case R_ARGMAX: {
        const v = load<f32>(p);
        if (j == 0 || (best == best && (v > best || v != v))) { best = v; bestAt = j; }
        break;
      }
      case R_MIN:
      case R_ARGMIN: {
        const v = load<f32>(p);
        if (j == 0 || (best == best && (v < best || v != v))) { best = v; bestAt = j; }
        break;
      }
      case R_SUM_I32: accI += load<i32>(p); break;
      case R_PROD_I32: accI *= load<i32>(p); break;
      case R_MAX_I32:
      case R_ARGMAX_I32: {
        const v = load<i32>(p);
        if (j == 0 || v > bestI) { bestI = v; bestAt = j; }
        break;
      }
      case R_MIN_I32:
      case R_ARGMIN_I32: {
        const v = load<i32>(p);
        if (j == 0 || v < bestI) { bestI = v; bestAt = j; }
        break;
      }
      case R_ANY: if (load<i32>(p) != 0) accI = 1; break;
      case R_ALL: if (load<i32>(p) == 0) accI = 0; break;
    }
    off += stepReduced(meta, ndim, nkept);
  }
  switch (op) {
    case R_SUM:
    case R_PROD: store<f32>(out, <f32>accF); break;
    case R_MAX:
    case R_MIN: store<f32>(out, best); break;
    case R_ARGMAX:
    case R_ARGMIN:
    case R_ARGMAX_I32:
    case R_ARGMIN_I32: store<i32>(out, bestAt); break;
    case R_MAX_I32:
    case R_MIN_I32: store<i32>(out, bestI); break;
    default: store<i32>(out, accI);
  }
}

/**
 * Column sums: out[j] (+)= sum over i of a[i * cols + j], for a contiguous (rows, cols) block, in ATen's order
 * (SumKernel.cpp's outer sums, AVX2): with 8 columns or more, the columns of whole groups of 32 are each one 4-level
 * cascade down the rows (multi_row_sum), the columns of the whole groups of 8 after them and the last cols % 8 each a
 * row_sum (four interleaved cascades, rowSumLane); with fewer than 8 columns, groups of 4 are cascades and the rest
 * row_sums. The gradient of a broadcast bias, summed over the batch, takes this path.
 */
export function sum_rows_f32(out: usize, a: usize, rows: i32, cols: i32, accumulate: i32): void {
  if (accumulate == 0) memory.fill(out, 0, <usize>cols << 2);
  // cascade_sum's 2-D loop (sumLoop2d): rows reduced (stride cols), columns contiguous in the input and the output
  sumLoop2d(out, a, rows, cols, <usize>cols << 2, 4, 0, 4);
}

/**
 * Inclusive scan along the middle axis of a contiguous (outer, n, inner) block; reverse scans from the end. Floats
 * accumulate in f64, each result rounded to f32, as ATen's cumsum_cpu_kernel (its acc_type for float is double).
 * isInt: int64 words, summed exactly (cumsumI); returns 1 if a running sum is outside [-2^31, 2^31), else 0.
 */
export function cumsum_f32(out: usize, a: usize, outer: i32, n: i32, inner: i32, reverse: i32, isInt: i32): i32 {
  if (isInt != 0) return cumsumI(out, a, outer, n, inner, reverse);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let acc: f64 = 0;
      for (let t = 0; t < n; t++) {
        const j = reverse != 0 ? n - 1 - t : t;
        const idx = <usize>((o * n + j) * inner + k) << 2;
        acc += <f64>load<f32>(a + idx);
        store<f32>(out + idx, <f32>acc);
      }
    }
  }
  return 0;
}

/**
 * cumsum_f32 of int64 words; 1 if a running sum is outside [-2^31, 2^31). Every running sum is a result, so the
 * first one to leave i32 decides: the sums before it are exact in i32, and it wrapped exactly when both its
 * operands' signs differ from its own ((acc ^ r) & (v ^ r) < 0).
 */
function cumsumI(out: usize, a: usize, outer: i32, n: i32, inner: i32, reverse: i32): i32 {
  let bad = 0;
  // a run walks from its first (or, reversed, last) word at a fixed step
  const step: isize = reverse != 0 ? -(<isize>inner << 2) : <isize>inner << 2;
  const d = out - a;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let p = a + (<usize>((o * n + (reverse != 0 ? n - 1 : 0)) * inner + k) << 2);
      let acc = 0;
      for (let t = 0; t < n; t++) {
        const v = load<i32>(p);
        const r = acc + v;
        bad |= (acc ^ r) & (v ^ r);
        acc = r;
        store<i32>(p + d, r);
        p += step;
      }
    }
  }
  return bad < 0 ? 1 : 0;
}

/**
 * Running products of int64 words along the middle axis of a contiguous (outer, n, inner) block, exact:
 * returns 1 if one is outside [-2^31, 2^31) (a product of i32 words fits in i64, and the caller throws), else 0.
 */
export function cumprod_i32(out: usize, a: usize, outer: i32, n: i32, inner: i32): i32 {
  let wrong = false;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let acc: i64 = 1;
      for (let j = 0; j < n; j++) {
        const idx = <usize>((o * n + j) * inner + k) << 2;
        acc = <i64><i32>acc * <i64>load<i32>(a + idx);
        wrong |= !fits(acc);
        store<i32>(out + idx, <i32>acc);
      }
    }
  }
  return wrong ? 1 : 0;
}

/**
 * The int64 dot product of n words of a and b (element strides sa, sb), exact: the sum is kept in 128 bits
 * (products are below 2^62 in magnitude, n below 2^31). Writes its low word to res; returns 1 if it is outside
 * [-2^31, 2^31), else 0.
 */
export function dot_i32(res: usize, a: usize, sa: i32, b: usize, sb: i32, n: i32): i32 {
  let lo: u64 = 0;
  let hi: i64 = 0;
  for (let i = 0; i < n; i++) {
    const p = <i64>load<i32>(a + (<usize>(i * sa) << 2)) * <i64>load<i32>(b + (<usize>(i * sb) << 2));
    const s = lo + <u64>p;
    hi += (p >> 63) + <i64>(s < lo); // the sign extension of p, plus the carry out of the low word
    lo = s;
  }
  store<i32>(res, <i32>lo);
  return hi == (<i64>lo >> 63) && fits(<i64>lo) ? 0 : 1;
}

/** Cumulative product along the middle axis (float32), accumulated in f64 as ATen's cumprod_cpu_kernel. */
export function cumprod_f32(out: usize, a: usize, outer: i32, n: i32, inner: i32): void {
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let acc: f64 = 1;
      for (let j = 0; j < n; j++) {
        const idx = <usize>((o * n + j) * inner + k) << 2;
        acc *= <f64>load<f32>(a + idx);
        store<f32>(out + idx, <f32>acc);
      }
    }
  }
}

/**
 * ATen's vec::reduce_all(+) of n floats (AVX2): eight lanes, lane k summing elements k, k + 8, ... (the last partial
 * vector into the first lanes), then VecReduceAllSIMD's tree ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7)); below
 * 8 floats, the values in order.
 */
export function reduceAll8(p: usize, n: i32): f32 {
  if (n < 8) {
    let s = load<f32>(p);
    for (let i = 1; i < n; i++) s += load<f32>(p + (<usize>i << 2));
    return s;
  }
  let lo = v128.load(p);
  let hi = v128.load(p, 16);
  const whole = n - n % 8;
  let d = 8;
  for (; d < whole; d += 8) {
    lo = f32x4.add(lo, v128.load(p + (<usize>d << 2)));
    hi = f32x4.add(hi, v128.load(p + (<usize>d << 2), 16));
  }
  // the partial vector: its first n - d lanes take their element
  const r = n - d;
  const pd = p + (<usize>d << 2);
  if (r > 0) lo = f32x4.replace_lane(lo, 0, f32x4.extract_lane(lo, 0) + load<f32>(pd));
  if (r > 1) lo = f32x4.replace_lane(lo, 1, f32x4.extract_lane(lo, 1) + load<f32>(pd, 4));
  if (r > 2) lo = f32x4.replace_lane(lo, 2, f32x4.extract_lane(lo, 2) + load<f32>(pd, 8));
  if (r > 3) lo = f32x4.replace_lane(lo, 3, f32x4.extract_lane(lo, 3) + load<f32>(pd, 12));
  if (r > 4) hi = f32x4.replace_lane(hi, 0, f32x4.extract_lane(hi, 0) + load<f32>(pd, 16));
  if (r > 5) hi = f32x4.replace_lane(hi, 1, f32x4.extract_lane(hi, 1) + load<f32>(pd, 20));
  if (r > 6) hi = f32x4.replace_lane(hi, 2, f32x4.extract_lane(hi, 2) + load<f32>(pd, 24));
  const t = f32x4.add(lo, hi);
  const b0 = f32x4.extract_lane(t, 0) + f32x4.extract_lane(t, 2);
  const b1 = f32x4.extract_lane(t, 1) + f32x4.extract_lane(t, 3);
  return b0 + b1;
}

/** e^(a[i] - m) into out[i], i < n (SLEEF's exp on every element, as ATen's vec::map with its partial vector). */
function expShifted(out: usize, a: usize, n: i32, m: f32): void {
  const vm = f32x4.splat(m);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(out + (<usize>i << 2), exp_v(f32x4.sub(v128.load(a + (<usize>i << 2)), vm)));
  for (; i < n; i++) store<f32>(out + (<usize>i << 2), exp_f32(load<f32>(a + (<usize>i << 2)) - m));
}

/** std::max as ATen's scalar loops use it: (m < v) ? v : m (a NaN after the first element is skipped). */
// @ts-ignore: decorator
@inline function stdMax(m: f32, v: f32): f32 { return m < v ? v : m; }

/**
 * Softmax (or log-softmax) over the middle axis of a contiguous (outer, n, inner) block, in ATen's order
 * (SoftMaxKernel.cpp / SoftMax.cpp, PyTorch 1.13, AVX2). `last`: the softmax dim is the tensor's last (inner is 1):
 * _vec_softmax_lastdim / _vec_log_softmax_lastdim: the row's max, e = exp(x - max) with SLEEF's exp, their sum by
 * vec::reduce_all, then e * (1 / sum), or x - max - log(sum). Otherwise softmax is _vec_softmax: eight columns at a
 * time (max down the dim, SLEEF's exp, a float sum down the dim, e / sum), the columns left over one by one with
 * glibc's expf; log-softmax (_vec_log_softmax) takes each column's exp (SLEEF's on whole vectors of 8 columns, glibc's
 * expf on the columns left over), a float sum down the dim and x - max - log(sum) with SLEEF's log.
 */
export function softmax_f32(out: usize, a: usize, outer: i32, n: i32, inner: i32, isLog: i32, last: i32): void {
  if (n == 0) return;
  for (let o = 0; o < outer; o++) {
    const blk = <usize>o * <usize>n * <usize>inner;
    if (last != 0) {
      const p = a + (blk << 2);
      const q = out + (blk << 2);
      let m = load<f32>(p);
      for (let j = 1; j < n; j++) {
        const v = load<f32>(p + (<usize>j << 2));
        if (v > m || v != v || m != m) m = m != m ? m : v;
      }
      expShifted(q, p, n, m);
      const s = reduceAll8(q, n);
      if (isLog != 0) {
        const ls = log_f32(s);
        for (let j = 0; j < n; j++) store<f32>(q + (<usize>j << 2), load<f32>(p + (<usize>j << 2)) - m - ls);
      } else {
        const inv = <f32>1 / s;
        const vi = f32x4.splat(inv);
        let j = 0;
        for (; j + 4 <= n; j += 4) v128.store(q + (<usize>j << 2), f32x4.mul(v128.load(q + (<usize>j << 2)), vi));
        for (; j < n; j++) store<f32>(q + (<usize>j << 2), load<f32>(q + (<usize>j << 2)) * inv);
      }
      continue;
    }
    const step = <usize>inner << 2;
    let k = 0;
    if (isLog != 0) {
      // 1.13's log-softmax over another dim (_vec_log_softmax): per column, exp, a float sum down the dim, SLEEF's
      // log of it (vec::map over the whole chunk), x - max - log(sum); exp is SLEEF's on the columns its vectors of 8
      // cover, glibc's expf (std::exp) on the inner % 8 left over
      const whole = inner - inner % 8;
      for (; k < whole; k += 4) {
        const p = a + ((blk + <usize>k) << 2);
        const q = out + ((blk + <usize>k) << 2);
        let m = v128.load(p);
        for (let j = 1; j < n; j++) m = f32x4.max(m, v128.load(p + <usize>j * step));
        let s = f32x4.splat(0);
        for (let j = 0; j < n; j++) s = f32x4.add(s, exp_v(f32x4.sub(v128.load(p + <usize>j * step), m)));
        const ls = log_v(s);
        for (let j = 0; j < n; j++) {
          v128.store(q + <usize>j * step, f32x4.sub(f32x4.sub(v128.load(p + <usize>j * step), m), ls));
        }
      }
      for (; k < inner; k++) {
        const p = a + ((blk + <usize>k) << 2);
        const q = out + ((blk + <usize>k) << 2);
        let m = load<f32>(p);
        for (let j = 1; j < n; j++) {
          const v = load<f32>(p + <usize>j * step);
          m = m != m || v != v ? NaN : max(m, v);
        }
        let s: f32 = 0;
        for (let j = 0; j < n; j++) s += c_expf(load<f32>(p + <usize>j * step) - m);
        const ls = log_f32(s);
        for (let j = 0; j < n; j++) store<f32>(q + <usize>j * step, load<f32>(p + <usize>j * step) - m - ls);
      }
      continue;
    }
    {
      const whole = inner / 8 * 8;
      for (; k < whole; k += 4) {
        // four of _vec_softmax's eight lanes (lane-wise, so four at a time gives the same bits)
        const p = a + ((blk + <usize>k) << 2);
        const q = out + ((blk + <usize>k) << 2);
        let m = v128.load(p);
        for (let j = 1; j < n; j++) m = f32x4.max(m, v128.load(p + <usize>j * step));
        let s = f32x4.splat(0);
        for (let j = 0; j < n; j++) {
          const e = exp_v(f32x4.sub(v128.load(p + <usize>j * step), m));
          v128.store(q + <usize>j * step, e);
          s = f32x4.add(s, e);
        }
        for (let j = 0; j < n; j++) v128.store(q + <usize>j * step, f32x4.div(v128.load(q + <usize>j * step), s));
      }
    }
    for (; k < inner; k++) {
      const p = a + ((blk + <usize>k) << 2);
      const q = out + ((blk + <usize>k) << 2);
      let m = load<f32>(p);
      for (let j = 1; j < n; j++) m = stdMax(m, load<f32>(p + <usize>j * step));
      {
        let s: f32 = 0;
        for (let j = 0; j < n; j++) {
          const e = c_expf(load<f32>(p + <usize>j * step) - m);
          store<f32>(q + <usize>j * step, e);
          s += e;
        }
        for (let j = 0; j < n; j++) store<f32>(q + <usize>j * step, load<f32>(q + <usize>j * step) / s);
      }
    }
  }
}

// ---------------------------------------------------------------- nll_loss (1-D and 2-D input)

const NLL_PARTIAL = memory.data(64, 16);

/**
 * Negative log likelihood of x (n rows of c log-probabilities) at int64 (i32-stored) targets t,
 * with optional class weights w (0 for none), as ATen's nll_loss_out_frame: reduction 0 (none)
 * writes out[i] = -x[i][t_i] w[t_i] (0 where t_i = ignore); 1 (mean) and 2 (sum) accumulate in
 * ATen's cascade (8 levels of 2^max(4, ceil(log2 n) / 8) rows), so the sum has PyTorch's bits.
 * res[0] = total weight (f32). Returns the row of the first target out of [0, c), or -1.
 */
export function nll_loss_f32(out: usize, x: usize, t: usize, w: usize, n: i32, c: i32, ignore: i32,
  reduction: i32, res: usize): i32 {
  if (reduction == 0) {
    for (let i = 0; i < n; i++) {
      const ti = load<i32>(t + (<usize>i << 2));
      let v: f32 = 0;
      if (ti != ignore) {
        if (ti < 0 || ti >= c) return i;
        const wv: f32 = w ? load<f32>(w + (<usize>ti << 2)) : 1;
        v = -load<f32>(x + ((<usize>i * c + ti) << 2)) * wv;
      }
      store<f32>(out + (<usize>i << 2), v);
    }
    return -1;
  }
  const levels = 8;
  let lp: i32 = 0; // ceil(log2 n)
  while ((<i64>1 << lp) < <i64>n) lp++;
  const power = max(4, lp / levels);
  const mask0 = (1 << power) - 1;
  const ls = NLL_PARTIAL, ws = NLL_PARTIAL + 32; // the loss's and the weight's partial sums
  for (let j = 0; j < levels; j++) { store<f32>(ls + (<usize>j << 2), 0); store<f32>(ws + (<usize>j << 2), 0); }
  let ignored = 0;
  for (let b = 0; b < n; b++) {
    const tb = load<i32>(t + (<usize>b << 2));
    if (tb == ignore) { ignored++; continue; }
    if (tb < 0 || tb >= c) return b;
    const d = load<f32>(x + ((<usize>b * c + tb) << 2));
    if (w) {
      const wv = load<f32>(w + (<usize>tb << 2));
      store<f32>(ls, load<f32>(ls) - d * wv);
      store<f32>(ws, load<f32>(ws) + wv);
    } else {
      store<f32>(ls, load<f32>(ls) - d);
    }
    for (let j = 0; j + 1 < levels; j++) {
      if ((b & (mask0 << (j * power))) != 0) break;
      const o = <usize>j << 2;
      store<f32>(ws + o + 4, load<f32>(ws + o + 4) + load<f32>(ws + o));
      store<f32>(ls + o + 4, load<f32>(ls + o + 4) + load<f32>(ls + o));
      store<f32>(ws + o, 0);
      store<f32>(ls + o, 0);
    }
  }
  let total: f32 = 0, sum: f32 = 0;
  for (let j = 0; j < levels; j++) {
    total += load<f32>(ws + (<usize>j << 2));
    sum += load<f32>(ls + (<usize>j << 2));
  }
  if (!w) total = <f32>(n - ignored);
  store<f32>(out, reduction == 1 ? sum / total : sum);
  store<f32>(res, total);
  return -1;
}

/**
 * Gradient of nll_loss_f32 into out (n×c, zeroed here), as ATen's nll_loss_backward_out_frame:
 * reduction 0: out[i][t_i] = -w[t_i] g[i]; otherwise out[i][t_i] = w[t_i] · -(g / total) for mean,
 * -g for sum (g = g[0]). Ignored rows stay 0. Targets were checked by the forward.
 */
export function nll_loss_grad_f32(out: usize, g: usize, t: usize, w: usize, n: i32, c: i32, ignore: i32,
  reduction: i32, total: f32): void {
  memory.fill(out, 0, <usize>n * c << 2);
  const g0 = load<f32>(g);
  const gr: f32 = -(reduction == 1 ? g0 / total : g0);
  for (let i = 0; i < n; i++) {
    const ti = load<i32>(t + (<usize>i << 2));
    if (ti == ignore) continue;
    let v: f32;
    if (reduction == 0) v = -(w ? load<f32>(w + (<usize>ti << 2)) : <f32>1) * load<f32>(g + (<usize>i << 2));
    else v = w ? load<f32>(w + (<usize>ti << 2)) * gr : gr;
    store<f32>(out + ((<usize>i * c + ti) << 2), v);
  }
}

/**
 * Batch-norm statistics of a contiguous (n, c, l) block, as ATen's batch_norm_cpu_collect_stats (1.13; for l = 1 its
 * channels-last kernel on one thread, PyTorch's default on a 2-core machine: see the loop): per channel
 * the sum of its n·l values in f64 in memory order, mean = f32(sum / count); the sum of f32 (x - mean)² in f64,
 * rounded to f32 (ATen keeps var_sum as the input's type); invstd = f32(1 / sqrt(f64(f32(var_sum / count)) + eps)).
 * Writes mean[c], invstd[c] and varSum[c] (f32), and updates the running statistics runMean, runVar (0: none).
 */
export function batch_norm_stats_f32(mean: usize, invstd: usize, varSum: usize, x: usize, n: i32, c: i32, l: i32, eps: f64,
  runMean: usize, runVar: usize, momentum: f64): void {
  const count = <i64>n * <i64>l;
  const mf = <f32>momentum;
  const keep: f32 = 1 - mf;
  for (let ch = 0; ch < c; ch++) {
    let m: f32;
    let v32: f32;
    if (l == 1) {
      // (n, c): ATen's channels-last kernel, on one thread: float sums down the rows, the squares fused
      let s: f32 = 0;
      for (let b = 0; b < n; b++) s += load<f32>(x + ((<usize>b * <usize>c + <usize>ch) << 2));
      m = <f32>(<f64>s / <f64>count);
      v32 = 0;
      for (let b = 0; b < n; b++) {
        const d = load<f32>(x + ((<usize>b * <usize>c + <usize>ch) << 2)) - m;
        v32 = fma_f32(d, d, v32);
      }
    } else {
      let sum: f64 = 0;
      for (let b = 0; b < n; b++) {
        const row = x + ((<usize>b * <usize>c + <usize>ch) * <usize>l << 2);
        for (let i = 0; i < l; i++) sum += <f64>load<f32>(row + (<usize>i << 2));
      }
      m = <f32>(sum / <f64>count);
      let vs: f64 = 0;
      for (let b = 0; b < n; b++) {
        const row = x + ((<usize>b * <usize>c + <usize>ch) * <usize>l << 2);
        for (let i = 0; i < l; i++) {
          const d = load<f32>(row + (<usize>i << 2)) - m;
          vs += <f64>(d * d);
        }
      }
      v32 = <f32>vs;
    }
    store<f32>(mean + (<usize>ch << 2), m);
    store<f32>(varSum + (<usize>ch << 2), v32);
    store<f32>(invstd + (<usize>ch << 2), <f32>(1.0 / Math.sqrt(<f64>(v32 / <f32>count) + eps)));
    // running statistics, as batch_norm_cpu_update_stats_template: momentum as a float, the unbiased variance
    // (var_sum / (count - 1), a float) promoted to double
    if (runMean) {
      const p = runMean + (<usize>ch << 2);
      store<f32>(p, mf * m + keep * load<f32>(p));
    }
    if (runVar) {
      const p = runVar + (<usize>ch << 2);
      const unbiased = v32 / <f32>(count - 1);
      store<f32>(p, <f32>(<f64>mf * <f64>unbiased + <f64>(keep * load<f32>(p))));
    }
  }
}

/**
 * Batch-norm output of a contiguous (n, c, l) block, as ATen's batch_norm_cpu_contiguous_impl in PyTorch's AVX2
 * build (GCC contracts both steps into fused multiply-adds): alpha = invstd·w, beta = fma(-mean, alpha, b),
 * out = fma(x, alpha, beta). w and b are 0 when absent (weight 1, bias 0).
 */
export function batch_norm_apply_f32(out: usize, x: usize, mean: usize, invstd: usize, w: usize, b: usize, n: i32, c: i32, l: i32): void {
  for (let ch = 0; ch < c; ch++) {
    const o = <usize>ch << 2;
    const alpha: f32 = w ? load<f32>(invstd + o) * load<f32>(w + o) : load<f32>(invstd + o);
    const beta = fma_f32(-load<f32>(mean + o), alpha, b ? load<f32>(b + o) : 0);
    for (let bt = 0; bt < n; bt++) {
      const off = (<usize>bt * <usize>c + <usize>ch) * <usize>l << 2;
      for (let i = 0; i < l; i++) {
        const p = <usize>i << 2;
        store<f32>(out + off + p, fma_f32(load<f32>(x + off + p), alpha, beta));
      }
    }
  }
}

// ---------------------------------------------------------------- float sums in ATen's order, any layout

// @ts-ignore: decorator
@inline function addStore(q: usize, s: f32): void {
  store<f32>(q, load<f32>(q) + s);
}

/** Adds the four lanes of v to out[k * os] (k = 0..3), one at a time as ATen's CastStoreAccumulate does. */
function addStoreVec(q: usize, os: usize, v: v128): void {
  if (os == 4) {
    v128.store(q, f32x4.add(v128.load(q), v));
    return;
  }
  addStore(q, f32x4.extract_lane(v, 0));
  addStore(q + os, f32x4.extract_lane(v, 1));
  addStore(q + os * 2, f32x4.extract_lane(v, 2));
  addStore(q + os * 3, f32x4.extract_lane(v, 3));
}

/**
 * One call of cascade_sum's 2-D loop (SumKernel.cpp, PyTorch 1.13, AVX2 vectors of 8): out (+)= the sums over
 * dim 0 of a (size0, size1) block, strides in bytes (i0, i1 of the input; o0, o1 of the output, 0 on reduced dims).
 */
function sumLoop2d(out: usize, a: usize, size0: i32, size1: i32, i0: usize, i1: usize, o0: usize, o1: usize): void {
  if (o0 != 0 && o1 == 0) {
    // move the reduction to dim 0
    let t = i0; i0 = i1; i1 = t;
    t = o0; o0 = o1; o1 = t;
    const s = size0; size0 = size1; size1 = s;
  }
  if (o0 != 0 && o1 != 0) {
    // not a reduction: out += a, element by element
    for (let j = 0; j < size1; j++) {
      for (let i = 0; i < size0; i++) addStore(out + <usize>i * o0 + <usize>j * o1, load<f32>(a + <usize>i * i0 + <usize>j * i1));
    }
    return;
  }
  if (i0 == 4 && size0 >= 8) {
    // contiguous inner reduction: vectorized_inner_sum
    for (let j = 0; j < size1; j++) addStore(out + <usize>j * o1, sumContiguous(a + <usize>j * i1, size0));
  } else if (i1 == 4 && size1 >= 8) {
    // contiguous outer reduction: vectorized_outer_sum; groups of 32 columns are multi_row_sum cascades, then
    // groups of 8 row_sums (two f32x4 halves each), then single columns
    const end32 = size1 / 32 * 32;
    const end8 = size1 / 8 * 8;
    let j = 0;
    for (; j < end32; j += 4) addStoreVec(out + <usize>j * o1, o1, cascadeVec(a + (<usize>j << 2), i0, size0));
    for (; j < end8; j += 4) addStoreVec(out + <usize>j * o1, o1, rowSumVec(a + (<usize>j << 2), i0, size0));
    for (; j < size1; j++) addStore(out + <usize>j * o1, rowSumLane(a + (<usize>j << 2), i0, size0));
  } else if (i0 < i1) {
    // scalar_inner_sum
    for (let j = 0; j < size1; j++) addStore(out + <usize>j * o1, rowSumLane(a + <usize>j * i1, i0, size0));
  } else {
    // scalar_outer_sum: four columns one multi_row_sum (independent cascades), then row_sums
    let j = 0;
    for (; j + 3 < size1; j += 4) {
      const s0 = cascadeLane(a + <usize>j * i1, i0, size0);
      const s1 = cascadeLane(a + <usize>(j + 1) * i1, i0, size0);
      const s2 = cascadeLane(a + <usize>(j + 2) * i1, i0, size0);
      const s3 = cascadeLane(a + <usize>(j + 3) * i1, i0, size0);
      addStore(out + <usize>j * o1, s0);
      addStore(out + <usize>(j + 1) * o1, s1);
      addStore(out + <usize>(j + 2) * o1, s2);
      addStore(out + <usize>(j + 3) * o1, s3);
    }
    for (; j < size1; j++) addStore(out + <usize>j * o1, rowSumLane(a + <usize>j * i1, i0, size0));
  }
}

/**
 * A float32 sum in ATen's order for any layout: meta is TensorIterator's view of the reduction after it reordered
 * and coalesced the dims (src/ops/reduce.ts `sumLayout`): [ndim, shape (dim 0 fastest), output strides (0 on
 * reduced dims), input strides], in elements. out must hold zeros (cascade_sum fills the output with 0 first); each
 * index of the dims past the first two, dim 2 fastest, runs the 2-D loop once and adds into out.
 */
export function sum_iter_f32(out: usize, a: usize, meta: usize): void {
  const ndim = metaNdim(meta);
  const size0 = ndim > 0 ? metaShape(meta, 0) : 1;
  const size1 = ndim > 1 ? metaShape(meta, 1) : 1;
  const o0 = ndim > 0 ? <usize>metaStride(meta, 0, 0) << 2 : 0;
  const i0 = ndim > 0 ? <usize>metaStride(meta, 1, 0) << 2 : 0;
  const o1 = ndim > 1 ? <usize>metaStride(meta, 0, 1) << 2 : 0;
  const i1 = ndim > 1 ? <usize>metaStride(meta, 1, 1) << 2 : 0;
  let outer = 1;
  for (let d = 2; d < ndim; d++) {
    outer *= metaShape(meta, d);
    store<i32>(RIDX + (<usize>d << 2), 0);
  }
  let po: usize = out;
  let pa: usize = a;
  for (let k = 0; k < outer; k++) {
    sumLoop2d(po, pa, size0, size1, i0, i1, o0, o1);
    for (let d = 2; d < ndim; d++) {
      const q = RIDX + (<usize>d << 2);
      const i = load<i32>(q) + 1;
      const so = <usize>metaStride(meta, 0, d) << 2;
      const sa = <usize>metaStride(meta, 1, d) << 2;
      if (i < metaShape(meta, d)) {
        store<i32>(q, i);
        po += so;
        pa += sa;
        break;
      }
      store<i32>(q, 0);
      po -= so * <usize>(i - 1);
      pa -= sa * <usize>(i - 1);
    }
  }
}

// ---------------------------------------------------------------- layer_norm (ATen's values)

const LN_M0 = memory.data(64 * 8, 16); // Welford stacks of RowwiseMoments: counts (i64)
const LN_M1 = memory.data(64 * 32, 16); // means, eight lanes (two f32x4) each
const LN_M2 = memory.data(64 * 32, 16); // sums of squared deviations
const LN_LANES = memory.data(64, 16);

/** ATen's AddMomentsVec on the eight lanes at stack slot `to`, adding count m0add and moments (a1, a2) (lo, hi). */
function addMomentsVec(m0add: i64, a1lo: v128, a1hi: v128, a2lo: v128, a2hi: v128, to: i32): void {
  const p0 = LN_M0 + (<usize>to << 3);
  const p1 = LN_M1 + (<usize>to << 5);
  const p2 = LN_M2 + (<usize>to << 5);
  const m0 = load<i64>(p0);
  const n = m0 + m0add;
  const c = f32x4.splat(n == 0 ? <f32>0 : <f32>m0add / <f32>n);
  const fm0 = f32x4.splat(<f32>m0);
  let m1lo = v128.load(p1);
  let m1hi = v128.load(p1, 16);
  const dlo = f32x4.sub(a1lo, m1lo);
  const dhi = f32x4.sub(a1hi, m1hi);
  v128.store(p1, f32x4.add(m1lo, f32x4.mul(c, dlo)));
  v128.store(p1, f32x4.add(m1hi, f32x4.mul(c, dhi)), 16);
  v128.store(p2, f32x4.add(v128.load(p2), f32x4.add(a2lo, f32x4.mul(f32x4.mul(f32x4.mul(dlo, dlo), c), fm0))));
  v128.store(p2, f32x4.add(v128.load(p2, 16), f32x4.add(a2hi, f32x4.mul(f32x4.mul(f32x4.mul(dhi, dhi), c), fm0))), 16);
  store<i64>(p0, n);
}

/** Clears stack slot `i`. */
function clearSlot(i: i32): void {
  store<i64>(LN_M0 + (<usize>i << 3), 0);
  v128.store(LN_M1 + (<usize>i << 5), f32x4.splat(0));
  v128.store(LN_M1 + (<usize>i << 5), f32x4.splat(0), 16);
  v128.store(LN_M2 + (<usize>i << 5), f32x4.splat(0));
  v128.store(LN_M2 + (<usize>i << 5), f32x4.splat(0), 16);
}

/**
 * ATen's utils::RowwiseMoments (moments_utils.h, PyTorch 1.13, AVX2, its float operations unfused as PyTorch's build
 * runs them): Welford over chunks of 16 vectors of 8, the chunks' moments merged in a binary cascade, the tail
 * scalar, then the eight lanes merged in order. Writes the mean to LN_LANES[0] and the biased variance to [1].
 */
function rowwiseMoments(x: usize, N: i32): void {
  const n = N / 8;
  const m = (n + 15) / 16;
  const depth = m <= 2 ? 1 : 32 - clz(<u32>(m - 1));
  for (let i = 0; i < depth; i++) clearSlot(i);
  for (let i = 0; i < m; i++) {
    const p = x + (<usize>(i * 16 * 8) << 2);
    const m0 = min(16, n - i * 16);
    let m1lo = f32x4.splat(0);
    let m1hi = f32x4.splat(0);
    let m2lo = f32x4.splat(0);
    let m2hi = f32x4.splat(0);
    for (let j = 0; j < m0; j++) {
      const c = f32x4.splat(<f32>1 / <f32>(j + 1));
      const xlo = v128.load(p + (<usize>j << 5));
      const xhi = v128.load(p + (<usize>j << 5), 16);
      const dlo = f32x4.sub(xlo, m1lo);
      const dhi = f32x4.sub(xhi, m1hi);
      m1lo = f32x4.add(m1lo, f32x4.mul(dlo, c));
      m1hi = f32x4.add(m1hi, f32x4.mul(dhi, c));
      m2lo = f32x4.add(m2lo, f32x4.mul(dlo, f32x4.sub(xlo, m1lo)));
      m2hi = f32x4.add(m2hi, f32x4.mul(dhi, f32x4.sub(xhi, m1hi)));
    }
    addMomentsVec(<i64>m0, m1lo, m1hi, m2lo, m2hi, 0);
    let mask = i + 1;
    for (let j = 1; j < depth && (mask & 1) == 0; j++) {
      const q1 = LN_M1 + (<usize>(j - 1) << 5);
      const q2 = LN_M2 + (<usize>(j - 1) << 5);
      addMomentsVec(load<i64>(LN_M0 + (<usize>(j - 1) << 3)), v128.load(q1), v128.load(q1, 16), v128.load(q2), v128.load(q2, 16), j);
      clearSlot(j - 1);
      mask >>= 1;
    }
  }
  for (let i = 1; i < depth; i++) {
    const q1 = LN_M1 + (<usize>i << 5);
    const q2 = LN_M2 + (<usize>i << 5);
    addMomentsVec(load<i64>(LN_M0 + (<usize>i << 3)), v128.load(q1), v128.load(q1, 16), v128.load(q2), v128.load(q2, 16), 0);
  }
  let m0: i64 = 0;
  let m1: f32 = 0;
  let m2: f32 = 0;
  for (let i = n * 8; i < N; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    const delta = v - m1;
    m0++;
    m1 += delta / <f32>m0;
    m2 += delta * (v - m1);
  }
  // AddMoments(n, lane mean, lane m2) for each of the eight lanes, in order
  for (let k = 0; k < 8; k++) {
    const a1 = load<f32>(LN_M1 + (<usize>k << 2));
    const a2 = load<f32>(LN_M2 + (<usize>k << 2));
    const nn = m0 + <i64>n;
    const c: f32 = nn == 0 ? 0 : <f32>n / <f32>nn;
    const delta = a1 - m1;
    m1 += c * delta;
    m2 += a2 + delta * delta * c * <f32>m0;
    m0 = nn;
  }
  store<f32>(LN_LANES, m1);
  store<f32>(LN_LANES, m2 / <f32>N, 4);
}

/**
 * layer_norm's output as ATen's LayerNormKernelImplInternal (1.13, AVX2) computes it, M rows of N floats: each row's
 * RowwiseMoments, rstd = 1 / sqrt(var + eps), then y = fma(fma(x, rstd, -rstd * mean), w, b) (w, b: 0 for none, as
 * 1 and 0). mean and rstd (M floats each) are written when not 0.
 */
export function layer_norm_f32(out: usize, mean: usize, rstd: usize, x: usize, w: usize, b: usize, M: i32, N: i32,
  eps: f32): void {
  for (let r = 0; r < M; r++) {
    const p = x + (<usize>r * <usize>N << 2);
    const q = out + (<usize>r * <usize>N << 2);
    rowwiseMoments(p, N);
    const mu = load<f32>(LN_LANES);
    const rs = <f32>1 / sqrt<f32>(load<f32>(LN_LANES, 4) + eps);
    const bias = -rs * mu;
    for (let j = 0; j < N; j++) {
      const o = <usize>j << 2;
      const g: f32 = w != 0 ? load<f32>(w + o) : 1;
      const be: f32 = b != 0 ? load<f32>(b + o) : 0;
      store<f32>(q + o, fma_f32(fma_f32(load<f32>(p + o), rs, bias), g, be));
    }
    if (mean != 0) store<f32>(mean + (<usize>r << 2), mu);
    if (rstd != 0) store<f32>(rstd + (<usize>r << 2), rs);
  }
}

// ---------------------------------------------------------------- group_norm (ATen's values)

/**
 * group_norm's output as ATen's GroupNormKernelImplInternal (group_norm_kernel.cpp, 1.13, AVX2) computes it for a
 * contiguous (N, C, HxW) input in G groups: each group's RowwiseMoments (layer_norm's), rstd = 1 / sqrt(max(var, 0) +
 * eps); without weight and bias y = (x - mean) * rstd; otherwise per channel scale = rstd * w, bias = -scale * mean +
 * b (both rounded: GCC leaves these unfused) and y = fma(scale, x, bias). w, b: 0 for none. mean and rstd (N * G
 * floats each) are written when not 0.
 */
export function group_norm_f32(out: usize, mean: usize, rstd: usize, x: usize, w: usize, b: usize, N: i32, C: i32,
  HxW: i32, G: i32, eps: f32): void {
  const D = C / G;
  const row = D * HxW;
  for (let i = 0; i < N * G; i++) {
    const p = x + (<usize>i * <usize>row << 2);
    const q = out + (<usize>i * <usize>row << 2);
    rowwiseMoments(p, row);
    const mu = load<f32>(LN_LANES);
    const rs = <f32>1 / sqrt<f32>(max<f32>(load<f32>(LN_LANES, 4), 0) + eps);
    if (w == 0 && b == 0) {
      for (let j = 0; j < row; j++) {
        const o = <usize>j << 2;
        store<f32>(q + o, (load<f32>(p + o) - mu) * rs);
      }
    } else {
      const g = i % G;
      for (let j = 0; j < D; j++) {
        const c = <usize>(g * D + j) << 2;
        const scale = rs * (w != 0 ? load<f32>(w + c) : <f32>1);
        const bias = -scale * mu + (b != 0 ? load<f32>(b + c) : <f32>0);
        const pj = p + (<usize>j * <usize>HxW << 2);
        const qj = q + (<usize>j * <usize>HxW << 2);
        for (let k = 0; k < HxW; k++) {
          const o = <usize>k << 2;
          store<f32>(qj + o, fma_f32(scale, load<f32>(pj + o), bias));
        }
      }
    }
    if (mean != 0) store<f32>(mean + (<usize>i << 2), mu);
    if (rstd != 0) store<f32>(rstd + (<usize>i << 2), rs);
  }
}
