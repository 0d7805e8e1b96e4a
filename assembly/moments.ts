// var / std (and their _mean forms) and vector norms in ATen 1.13's order (ReduceOps.cpp, ReduceOpsKernel.cpp,
// SharedReduceOps.h), so their results have PyTorch's bits on one thread:
//  - a reduction over dims runs binary_kernel_reduce: one serial accumulation per output element, in
//    TensorIterator's order (the meta block of src/ops/reduce.ts `sumLayout`: reduced dims first, dim 0 fastest);
//  - var/std accumulate WelfordOps in double (its acc_scalar_t is double for float input), and var_mean's mean is
//    Welford's double mean rounded to float, not mean()'s sum;
//  - a var/std whose result is one element takes std_var_all_cpu: float mean(), then sum((double(x) - mean)^2) in
//    double, one partial sum per 2-D slab of serial_for_each;
//  - norms accumulate in float: NormOneOps (|x|), NormTwoOps (fma(x, x, acc): GCC contracts it in the AVX2 build),
//    NormOps (powf(|x|, p), then powf(acc, 1 / p)); p = 2 over one contiguous last dim takes the vectorised lastdim
//    path (`norm2Row`).
import { metaNdim, metaShape, metaStride } from "./strided";
import { fma_f32 } from "./mathf";
import { powf_lut } from "~lib/util/math";

export const MOM_VAR: i32 = 0; // Welford: out = var (or std), out2 = mean (when not 0)
export const MOM_NORM1: i32 = 1;
export const MOM_NORM2: i32 = 2;
export const MOM_NORMP: i32 = 3;

// the odometer of the dims past the innermost (reduced, then kept)
const MIDX = memory.data(4 * 64);

/**
 * ATen's lastdim 2-norm of one contiguous row (norm_kernel_tensor_iterator_impl, 1.13, AVX2 build): eight lanes
 * acc = fma(x, x, acc), the lanes added in order, then the tail as GCC compiled `buffer[0] += x * x`: groups of four
 * squares rounded by one vector multiply and added in order, the last (< 4) fused. Returns the sum of squares.
 */
function norm2Row(p: usize, n: i32): f32 {
  if (ASC_FEATURE_RELAXED_SIMD) return norm2RowFused(p, n);
  const nv = n - n % 8;
  let a0 = f64x2.splat(0);
  let a1 = f64x2.splat(0);
  let a2 = f64x2.splat(0);
  let a3 = f64x2.splat(0);
  for (let d = 0; d < nv; d += 8) {
    const lo = v128.load(p + (<usize>d << 2));
    const hi = v128.load(p + (<usize>d << 2), 16);
    // the square is exact in double, the sum rounds there once, then to float: a fused step (wrong only on an
    // exact double tie between two floats)
    let x = f64x2.promote_low_f32x4(lo);
    a0 = f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(f64x2.add(a0, f64x2.mul(x, x))));
    x = f64x2.promote_low_f32x4(i32x4.shuffle(lo, lo, 2, 3, 0, 1));
    a1 = f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(f64x2.add(a1, f64x2.mul(x, x))));
    x = f64x2.promote_low_f32x4(hi);
    a2 = f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(f64x2.add(a2, f64x2.mul(x, x))));
    x = f64x2.promote_low_f32x4(i32x4.shuffle(hi, hi, 2, 3, 0, 1));
    a3 = f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(f64x2.add(a3, f64x2.mul(x, x))));
  }
  let b = <f32>f64x2.extract_lane(a0, 0);
  b += <f32>f64x2.extract_lane(a0, 1);
  b += <f32>f64x2.extract_lane(a1, 0);
  b += <f32>f64x2.extract_lane(a1, 1);
  b += <f32>f64x2.extract_lane(a2, 0);
  b += <f32>f64x2.extract_lane(a2, 1);
  b += <f32>f64x2.extract_lane(a3, 0);
  b += <f32>f64x2.extract_lane(a3, 1);
  return norm2Tail(p, nv, n, b);
}

/** norm2Row's tail, floats nv to n, added to the lanes' sum b. */
// @ts-ignore: decorator
@inline function norm2Tail(p: usize, nv: i32, n: i32, b: f32): f32 {
  let d = nv;
  for (; n - d >= 4; d += 4) {
    for (let q = 0; q < 4; q++) {
      const v = load<f32>(p + (<usize>(d + q) << 2));
      b += v * v;
    }
  }
  for (; d < n; d++) {
    const v = load<f32>(p + (<usize>d << 2));
    b = fma_f32(v, v, b);
  }
  return b;
}

/** norm2Row in the relaxed build (assembly/fma.ts): the eight lanes' fused steps as they are, two f32x4.relaxed_madd a
 *  step (the same bits as the core's f64 steps where relaxed_madd fuses, and PyTorch's on a double halfway point,
 *  where the core's two roundings can differ). */
function norm2RowFused(p: usize, n: i32): f32 {
  const nv = n - n % 8;
  let lo = f32x4.splat(0);
  let hi = f32x4.splat(0);
  for (let d = 0; d < nv; d += 8) {
    const xl = v128.load(p + (<usize>d << 2));
    const xh = v128.load(p + (<usize>d << 2), 16);
    lo = f32x4.relaxed_madd(xl, xl, lo);
    hi = f32x4.relaxed_madd(xh, xh, hi);
  }
  let b = f32x4.extract_lane(lo, 0);
  b += f32x4.extract_lane(lo, 1);
  b += f32x4.extract_lane(lo, 2);
  b += f32x4.extract_lane(lo, 3);
  b += f32x4.extract_lane(hi, 0);
  b += f32x4.extract_lane(hi, 1);
  b += f32x4.extract_lane(hi, 2);
  b += f32x4.extract_lane(hi, 3);
  return norm2Tail(p, nv, n, b);
}

/**
 * A reduction of float32 `a` over the layout `meta` ([ndim, shape (dim 0 fastest), output strides (0 on reduced
 * dims, which come first), input strides], in elements; src/ops/reduce.ts `sumLayout`) as ATen 1.13's
 * binary_kernel_reduce runs it on one thread: each output's elements in layout order, serially.
 * op MOM_VAR: WelfordOps<float, double> (p: the correction; take_sqrt: std), out2 (if not 0) the mean;
 * MOM_NORM1 / MOM_NORM2 / MOM_NORMP: NormOneOps / NormTwoOps (lastdim path when `lastdim`) / NormOps (p).
 */
export function moments_reduce_f32(op: i32, out: usize, out2: usize, a: usize, meta: usize, p: f64, takeSqrt: i32,
  lastdim: i32): void {
  const ndim = metaNdim(meta);
  let nred = 0;
  while (nred < ndim && metaStride(meta, 0, nred) == 0) nred++;
  const n0 = nred > 0 ? metaShape(meta, 0) : 1;
  const s0 = nred > 0 ? <usize>metaStride(meta, 1, 0) << 2 : 0;
  let inner = 1; // elements of the reduced dims past the first
  for (let d = 1; d < nred; d++) inner *= metaShape(meta, d);
  let outer = 1;
  for (let d = nred; d < ndim; d++) outer *= metaShape(meta, d);
  for (let d = 0; d < ndim; d++) store<i32>(MIDX + (<usize>d << 2), 0);
  const pf = <f32>p;
  const invp = <f32>1 / pf;
  let pa = a;
  let po: usize = 0;
  for (let k = 0; k < outer; k++) {
    // one output: the reduced dims, dim 0 innermost
    let q = pa;
    let mean: f64 = 0;
    let m2: f64 = 0;
    let cnt: i64 = 0;
    let acc: f32 = 0;
    for (let j = 0; j < inner; j++) {
      if (op == MOM_VAR) {
        for (let i = 0; i < n0; i++) {
          // WelfordOps::reduce, in double
          const x = <f64>load<f32>(q + <usize>i * s0);
          cnt++;
          const delta = x - mean;
          mean += delta / <f64>cnt;
          m2 += delta * (x - mean);
        }
      } else if (op == MOM_NORM1) {
        for (let i = 0; i < n0; i++) acc += abs<f32>(load<f32>(q + <usize>i * s0));
      } else if (op == MOM_NORM2) {
        if (lastdim) acc = norm2Row(q, n0);
        else {
          for (let i = 0; i < n0; i++) {
            const x = load<f32>(q + <usize>i * s0);
            acc = fma_f32(x, x, acc);
          }
        }
      } else {
        for (let i = 0; i < n0; i++) acc += powf_lut(abs<f32>(load<f32>(q + <usize>i * s0)), pf);
      }
      // next index of reduced dims 1..nred
      for (let d = 1; d < nred; d++) {
        const c = MIDX + (<usize>d << 2);
        const i = load<i32>(c) + 1;
        const sd = <usize>metaStride(meta, 1, d) << 2;
        if (i < metaShape(meta, d)) {
          store<i32>(c, i);
          q += sd;
          break;
        }
        store<i32>(c, 0);
        q -= sd * <usize>(i - 1);
      }
    }
    if (op == MOM_VAR) {
      // WelfordOps::project: m2 / max(n - correction, 0), sqrt in double for std, then float
      const nf = <f64>cnt;
      const v = m2 / (nf > p ? nf - p : 0);
      store<f32>(out + po, <f32>(takeSqrt ? Math.sqrt(v) : v));
      if (out2 != 0) store<f32>(out2 + po, <f32>mean);
    } else if (op == MOM_NORM2) {
      store<f32>(out + po, sqrt<f32>(acc));
    } else if (op == MOM_NORMP) {
      store<f32>(out + po, powf_lut(acc, invp));
    } else {
      store<f32>(out + po, acc);
    }
    // next index of the kept dims
    for (let d = nred; d < ndim; d++) {
      const c = MIDX + (<usize>d << 2);
      const i = load<i32>(c) + 1;
      const so = <usize>metaStride(meta, 0, d) << 2;
      const sa = <usize>metaStride(meta, 1, d) << 2;
      if (i < metaShape(meta, d)) {
        store<i32>(c, i);
        po += so;
        pa += sa;
        break;
      }
      store<i32>(c, 0);
      po -= so * <usize>(i - 1);
      pa -= sa * <usize>(i - 1);
    }
  }
}

/**
 * ATen 1.13's std_var_all_cpu (ReduceOps.cpp), the path of a var/std with a one-element result: the sum of
 * (double(x) - mean)^2 in double over the layout `meta` (as sum_iter_f32's; one partial sum per 2-D slab, as
 * serial_for_each calls its loop), divided by max(0, numel - correction), sqrt'd in double for std, then rounded to
 * float. `mean` is the float mean() (ATen's self.mean()).
 */
export function var_all_f32(a: usize, meta: usize, mean: f64, correction: f64, takeSqrt: i32): f32 {
  const ndim = metaNdim(meta);
  const n0 = ndim > 0 ? metaShape(meta, 0) : 1;
  const n1 = ndim > 1 ? metaShape(meta, 1) : 1;
  const s0 = ndim > 0 ? <usize>metaStride(meta, 1, 0) << 2 : 0;
  const s1 = ndim > 1 ? <usize>metaStride(meta, 1, 1) << 2 : 0;
  let outer = 1;
  let numel: i64 = <i64>n0 * <i64>n1;
  for (let d = 2; d < ndim; d++) {
    outer *= metaShape(meta, d);
    numel *= <i64>metaShape(meta, d);
    store<i32>(MIDX + (<usize>d << 2), 0);
  }
  let total: f64 = 0;
  let pa = a;
  for (let k = 0; k < outer; k++) {
    let local: f64 = 0;
    for (let j = 0; j < n1; j++) {
      const row = pa + <usize>j * s1;
      for (let i = 0; i < n0; i++) {
        const dx = <f64>load<f32>(row + <usize>i * s0) - mean;
        local += dx * dx;
      }
    }
    total += local;
    for (let d = 2; d < ndim; d++) {
      const c = MIDX + (<usize>d << 2);
      const i = load<i32>(c) + 1;
      const sa = <usize>metaStride(meta, 1, d) << 2;
      if (i < metaShape(meta, d)) {
        store<i32>(c, i);
        pa += sa;
        break;
      }
      store<i32>(c, 0);
      pa -= sa * <usize>(i - 1);
    }
  }
  const div = <f64>numel - correction;
  const v = total / (div > 0 ? div : 0);
  return <f32>(takeSqrt ? Math.sqrt(v) : v);
}
