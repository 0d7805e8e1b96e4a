// Backward kernels that give PyTorch 1.13's bits (its AVX2 build, one thread): softmax / log_softmax
// (SoftMaxKernel.cpp) and layer_norm (layer_norm_kernel.cpp). GCC (12, -O2 -mavx2 -mfma) contracts some
// `a * b + c` of these kernels into fused multiply-adds; which ones was read off a g++ build of the 1.13 code
// against ATen's headers (it matches torch's gradients bit for bit) and its disassembly. The fused steps take
// mathf's fma_f32 / fma_v (exact, evaluated in f64), so the default build has no FMA instruction; the relaxed build
// (assembly/fma.ts) compiles these kernels with each fused step one f32x4.relaxed_madd (the same bits where it fuses,
// which src/backend/fma.ts checks before using it).
import { exp_f32, exp_v, fma_f32, fma_v, one_minus_sq_v } from "./mathf";
import { c_expf } from "./libm";
import { reduceAll8 } from "./reduce";

// ---------------------------------------------------------------- fused multiply-add, the quick way

/**
 * fma_v(a, b, c) (four lanes of a * b + c rounded once), with fma_v's bits but faster: a * b is exact in f64 and
 * s = a * b + c rounds once there, so rounding s to float is the fused result unless s sits exactly on a float's
 * halfway point (the only case where two roundings differ from one); a vector with such a lane, rare, takes fma_v.
 */
// @ts-ignore: decorator
@inline function fmaq_v(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c); // the relaxed build: the fused step itself
  const lo = f64x2.add(f64x2.mul(f64x2.promote_low_f32x4(a), f64x2.promote_low_f32x4(b)), f64x2.promote_low_f32x4(c));
  const hi = f64x2.add(f64x2.mul(f64x2.promote_low_f32x4(i64x2.shuffle(a, a, 1, 1)),
    f64x2.promote_low_f32x4(i64x2.shuffle(b, b, 1, 1))), f64x2.promote_low_f32x4(i64x2.shuffle(c, c, 1, 1)));
  const low = i64x2.splat(0x1fffffff);
  const half = i64x2.splat(0x10000000);
  if (v128.any_true(v128.or(i64x2.eq(v128.and(lo, low), half), i64x2.eq(v128.and(hi, low), half)))) return fma_v(a, b, c);
  return i64x2.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 2);
}

// ---------------------------------------------------------------- vec::reduce_all's tree, fused dot products

/** vec::reduce_all's last step on eight lanes (lo, hi): AVX2's 128-, 64- then 32-bit shuffles. */
// @ts-ignore: decorator
@inline function hsum8(lo: v128, hi: v128): f32 {
  const t = f32x4.add(lo, hi);
  return (f32x4.extract_lane(t, 0) + f32x4.extract_lane(t, 2)) + (f32x4.extract_lane(t, 1) + f32x4.extract_lane(t, 3));
}

const LANES = memory.data(32, 16);

/**
 * vec::map2_reduce_all(x * y, +) over n floats (or map3_reduce_all(x * y * z, +) when r != 0) as GCC builds it: the
 * first eight products rounded, every later one fused into its lane's accumulator (acc + p * q, or acc + (p * q) * r
 * with p * q rounded), the partial vector's lanes too; below eight floats, the products are summed in order.
 */
function dot8(p: usize, q: usize, r: usize, n: i32): f32 {
  if (n < 8) {
    let s: f32 = 0;
    for (let i = 0; i < n; i++) {
      const o = <usize>i << 2;
      let t = load<f32>(p + o) * load<f32>(q + o);
      if (r != 0) t *= load<f32>(r + o);
      s = i == 0 ? t : s + t;
    }
    return s;
  }
  let lo = f32x4.mul(v128.load(p), v128.load(q));
  let hi = f32x4.mul(v128.load(p, 16), v128.load(q, 16));
  if (r != 0) {
    lo = f32x4.mul(lo, v128.load(r));
    hi = f32x4.mul(hi, v128.load(r, 16));
  }
  const whole = n - n % 8;
  let d = 8;
  for (; d < whole; d += 8) {
    const o = <usize>d << 2;
    let a0 = v128.load(p + o);
    let a1 = v128.load(p + o, 16);
    let b0 = v128.load(q + o);
    let b1 = v128.load(q + o, 16);
    if (r != 0) {
      a0 = f32x4.mul(a0, b0);
      a1 = f32x4.mul(a1, b1);
      b0 = v128.load(r + o);
      b1 = v128.load(r + o, 16);
    }
    lo = fmaq_v(a0, b0, lo);
    hi = fmaq_v(a1, b1, hi);
  }
  if (d < n) {
    // the partial vector: its first n - d lanes take their term
    v128.store(LANES, lo);
    v128.store(LANES, hi, 16);
    for (let l = 0; d + l < n; l++) {
      const o = <usize>(d + l) << 2;
      let a = load<f32>(p + o);
      let b = load<f32>(q + o);
      if (r != 0) {
        a *= b;
        b = load<f32>(r + o);
      }
      const at = LANES + (<usize>l << 2);
      store<f32>(at, fma_f32(a, b, load<f32>(at)));
    }
    lo = v128.load(LANES);
    hi = v128.load(LANES, 16);
  }
  return hsum8(lo, hi);
}

// ---------------------------------------------------------------- softmax / log_softmax backward

/**
 * Gradient of softmax (dx = y * (g - sum(g * y))) or log-softmax (dx = g - exp(y) * sum(g)) over the middle axis of
 * contiguous (outer, n, inner) blocks, y the forward's output, in ATen's order (PyTorch 1.13, AVX2). `last`: the dim
 * is the tensor's last (inner is 1): _vec_host_softmax_backward_lastdim, the row's sum by vec::map2_reduce_all (g * y
 * fused into the lanes, see dot8) or reduce_all(g), then (g - sum) * y, or fma(-exp(y), sum, g) with SLEEF's exp.
 * Otherwise softmax_backward_kernel / log_softmax_backward_kernel (_vec_softmax_backward / _vec_log_softmax_backward):
 * each column's sum down the dim in float (fma(g, y, sum), or sum + g), then the same maps; log-softmax takes glibc's
 * expf on the inner % 8 columns left over by its vectors.
 */
export function softmax_backward_f32(out: usize, y: usize, g: usize, outer: i32, n: i32, inner: i32, isLog: i32,
  last: i32): void {
  if (n == 0) return;
  for (let o = 0; o < outer; o++) {
    const blk = <usize>o * <usize>n * <usize>inner << 2;
    if (last != 0) {
      const py = y + blk;
      const pg = g + blk;
      const q = out + blk;
      const s = isLog != 0 ? reduceAll8(pg, n) : dot8(pg, py, 0, n);
      const vs = f32x4.splat(s);
      let j = 0;
      for (; j + 4 <= n; j += 4) {
        const k = <usize>j << 2;
        const yv = v128.load(py + k);
        const gv = v128.load(pg + k);
        v128.store(q + k, isLog != 0 ? fmaq_v(f32x4.neg(exp_v(yv)), vs, gv) : f32x4.mul(f32x4.sub(gv, vs), yv));
      }
      for (; j < n; j++) {
        const k = <usize>j << 2;
        const yv = load<f32>(py + k);
        const gv = load<f32>(pg + k);
        store<f32>(q + k, isLog != 0 ? fma_f32(-exp_f32(yv), s, gv) : (gv - s) * yv);
      }
      continue;
    }
    const step = <usize>inner << 2;
    const vecEnd = inner - inner % 8;
    let k = 0;
    // columns four at a time (lane-wise, so the same bits as ATen's eight)
    for (; k < vecEnd; k += 4) {
      const off = blk + (<usize>k << 2);
      let s = f32x4.splat(0);
      for (let j = 0; j < n; j++) {
        const e = off + <usize>j * step;
        s = isLog != 0 ? f32x4.add(s, v128.load(g + e)) : fmaq_v(v128.load(g + e), v128.load(y + e), s);
      }
      for (let j = 0; j < n; j++) {
        const e = off + <usize>j * step;
        const yv = v128.load(y + e);
        const gv = v128.load(g + e);
        v128.store(out + e, isLog != 0 ? fmaq_v(f32x4.neg(exp_v(yv)), s, gv) : f32x4.mul(yv, f32x4.sub(gv, s)));
      }
    }
    for (; k < inner; k++) {
      const off = blk + (<usize>k << 2);
      let s: f32 = 0;
      for (let j = 0; j < n; j++) {
        const e = off + <usize>j * step;
        s = isLog != 0 ? s + load<f32>(g + e) : fma_f32(load<f32>(g + e), load<f32>(y + e), s);
      }
      for (let j = 0; j < n; j++) {
        const e = off + <usize>j * step;
        const yv = load<f32>(y + e);
        const gv = load<f32>(g + e);
        store<f32>(out + e, isLog != 0 ? fma_f32(-c_expf(yv), s, gv) : yv * (gv - s));
      }
    }
  }
}

// ---------------------------------------------------------------- layer_norm backward

/**
 * layer_norm's gradients as ATen's LayerNormBackwardKernelImplInternal (1.13, AVX2, one thread) computes them, M rows
 * of N floats, from the forward's mean and rstd (M floats each). Pointers are 0 for a gradient not wanted (dx, dw,
 * db) or no weight (w). Per row, with a = rstd and m = mean:
 *   dw[j] = fma(fma(a, x, -a * m), dy, dw[j]), db[j] += dy (into zeroed rows; then 0 + each, the second pass's sum)
 *   ds = Σ dy·x·w, dbs = Σ dy·w (dot8: reduce_all's tree with the later products fused; w as 1 when absent)
 *   b = fma(dbs, m, -ds) · a · a · a · (1/N), c = -(m · b) - dbs · a · (1/N) (one rounding for m · b)
 *   dx = fma(b, x, a · dy · w) + c
 */
export function layer_norm_backward_f32(dx: usize, dw: usize, db: usize, dy: usize, x: usize, mean: usize, rstd: usize,
  w: usize, M: i32, N: i32): void {
  const bytes = <usize>N << 2;
  if (dw != 0) memory.fill(dw, 0, bytes);
  if (db != 0) memory.fill(db, 0, bytes);
  const scale = <f32>1 / <f32>N;
  for (let i = 0; i < M; i++) {
    const py = dy + <usize>i * bytes;
    const px = x + <usize>i * bytes;
    const a = load<f32>(rstd + (<usize>i << 2));
    const m = load<f32>(mean + (<usize>i << 2));
    if (dw != 0) {
      const b0 = -a * m;
      const va = f32x4.splat(a);
      const vb = f32x4.splat(b0);
      let j = 0;
      for (; j + 4 <= N; j += 4) {
        const o = <usize>j << 2;
        v128.store(dw + o, fmaq_v(fmaq_v(va, v128.load(px + o), vb), v128.load(py + o), v128.load(dw + o)));
      }
      for (; j < N; j++) {
        const o = <usize>j << 2;
        store<f32>(dw + o, fma_f32(fma_f32(a, load<f32>(px + o), b0), load<f32>(py + o), load<f32>(dw + o)));
      }
    }
    if (db != 0) {
      let j = 0;
      for (; j + 4 <= N; j += 4) {
        const o = <usize>j << 2;
        v128.store(db + o, f32x4.add(v128.load(db + o), v128.load(py + o)));
      }
      for (; j < N; j++) {
        const o = <usize>j << 2;
        store<f32>(db + o, load<f32>(db + o) + load<f32>(py + o));
      }
    }
    if (dx != 0) {
      const ds = dot8(py, px, w, N);
      const dbs = w != 0 ? dot8(py, w, 0, N) : reduceAll8(py, N);
      const b = fma_f32(dbs, m, -ds) * a * a * a * scale;
      const c = fma_f32(-m, b, -(dbs * a * scale));
      const q = dx + <usize>i * bytes;
      const va = f32x4.splat(a);
      const vb = f32x4.splat(b);
      const vc = f32x4.splat(c);
      let j = 0;
      for (; j + 4 <= N; j += 4) {
        const o = <usize>j << 2;
        let t = f32x4.mul(va, v128.load(py + o));
        if (w != 0) t = f32x4.mul(t, v128.load(w + o));
        v128.store(q + o, f32x4.add(fmaq_v(vb, v128.load(px + o), t), vc));
      }
      for (; j < N; j++) {
        const o = <usize>j << 2;
        let t = a * load<f32>(py + o);
        if (w != 0) t *= load<f32>(w + o);
        store<f32>(q + o, fma_f32(b, load<f32>(px + o), t) + c);
      }
    }
  }
  // the second pass: each column's sum over the (one) thread's buffer row, from 0 (so -0 becomes 0)
  for (let j = 0; j < N; j++) {
    const o = <usize>j << 2;
    if (dw != 0) store<f32>(dw + o, <f32>0 + load<f32>(dw + o));
    if (db != 0) store<f32>(db + o, <f32>0 + load<f32>(db + o));
  }
}

// ---------------------------------------------------------------- tanh backward

/**
 * tanh's gradient g * (1 - y * y) over n contiguous floats from the forward's output y: ATen's tanh_backward, GCC
 * fusing 1 - y * y. The same loops as unary_grad_f32's U_TANH case (elementwise.ts), here so that the relaxed build
 * (assembly/fma.ts) can take them without the other gradients: there 1 - y * y is one f32x4.relaxed_nmadd.
 */
export function tanh_backward_f32(out: usize, y: usize, g: usize, n: i32): void {
  const m = n & ~3;
  let i = 0;
  for (; i < m; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, f32x4.mul(v128.load(g + o), one_minus_sq_v(v128.load(y + o))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(y + o);
    store<f32>(out + o, load<f32>(g + o) * fma_f32(-v, v, 1));
  }
}
