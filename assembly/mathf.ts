// Float32 transcendental functions, scalar and f32x4, computed by our own code so every engine
// gives the same bits: plain IEEE add/mul/div/sqrt-free arithmetic, no FMA, no relaxed SIMD in the core. The relaxed
// build (assembly/fma.ts, ASC_FEATURE_RELAXED_SIMD) runs SLEEF's fused steps (ffma, ffms, fnma, fma_v, exp's
// polynomial) and the kernels' own (fma_f32, one_minus_sq_v) as f32x4.relaxed_madd / relaxed_nmadd, which gives the
// same bits where it fuses (scripts/fused-check.mjs: every float).
// exp, log, tanh and erf_sleef_v are PyTorch's own (SLEEF's expf8_u10, logf8_u10, tanhf8_u10 and erff8_u10 as ATen's AVX2 build runs them,
// their fused steps evaluated in f64): its bits, at about 3x the cost of the approximations they replaced; the
// others are our own fits within 2 ulp.
//
// Each `xxx_v(x: v128): v128` works lane-wise on f32x4; each `xxx_f32(x: f32): f32` is the same
// vector code on a splatted lane, so the two give identical bits by construction.
// Special values are fixed up with bitselect masks, never with per-lane branches. sin/cos take a
// rare whole-vector branch for |x| >= 2^28 (Payne-Hanek reduction through AssemblyScript's
// f64 Math.sin/cos: its Mathf large-argument reduction is wrong for some inputs, e.g. 1.1587766e27).
//
// Accuracy (max error vs the correctly rounded result, measured by scripts/ulp.mjs, see
// docs/transcendentals.md): all functions are within 2 ulp.
//
// Sources of the algorithms: Cephes expf (the exp reduction), FreeBSD/musl logf, log2f and log1pf
// (log family), musl __sindf/__cosdf/__rem_pio2f (sin/cos, evaluated in f64x2), Cephes atan
// (f64x2), SLEEF 3.5 (exp, log, tanh), and our own near-minimax fits for expm1 and erf (scripts/ulp/fit.py).

// ---------------------------------------------------------------- small helpers

// @ts-ignore: decorator
@inline function fs(c: f32): v128 { return f32x4.splat(c); }
// @ts-ignore: decorator
@inline function is(c: i32): v128 { return i32x4.splat(c); }
// @ts-ignore: decorator
@inline function ds(c: f64): v128 { return f64x2.splat(c); }
// @ts-ignore: decorator
@inline function ls(c: i64): v128 { return i64x2.splat(c); }
// @ts-ignore: decorator
@inline function fadd(a: v128, b: v128): v128 { return f32x4.add(a, b); }
// @ts-ignore: decorator
@inline function fsub(a: v128, b: v128): v128 { return f32x4.sub(a, b); }
// @ts-ignore: decorator
@inline function fmul(a: v128, b: v128): v128 { return f32x4.mul(a, b); }
// @ts-ignore: decorator
@inline function fdiv(a: v128, b: v128): v128 { return f32x4.div(a, b); }
// @ts-ignore: decorator
@inline function dadd(a: v128, b: v128): v128 { return f64x2.add(a, b); }
// @ts-ignore: decorator
@inline function dsub(a: v128, b: v128): v128 { return f64x2.sub(a, b); }
// @ts-ignore: decorator
@inline function dmul(a: v128, b: v128): v128 { return f64x2.mul(a, b); }
// @ts-ignore: decorator
@inline function ddiv(a: v128, b: v128): v128 { return f64x2.div(a, b); }
/** where `m` is set take `a`, else `b` */
// @ts-ignore: decorator
@inline function sel(a: v128, b: v128, m: v128): v128 { return v128.bitselect(a, b, m); }
// @ts-ignore: decorator
@inline export function lane0(v: v128): f32 { return f32x4.extract_lane(v, 0); }

// float fma, correctly rounded, through double: a*b is exact in double and
// s = a*b + c rounds once; the two-sum error e says which way the exact value
// lies, so when s sits exactly halfway between two floats we move it one double
// ulp toward the exact value and the final rounding to float is the fma's.
// (PyTorch's x86 kernels are built with -mfma and GCC contracts a*b+c into fma.)
// @ts-ignore: decorator
@inline export function fma_f32(a: f32, b: f32, c: f32): f32 {
  // the relaxed build (assembly/fma.ts): one true fused multiply-add, used only where src/backend/fma.ts has checked
  // that relaxed_madd fuses (then the same bits as the two-sum below)
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.extract_lane(f32x4.relaxed_madd(f32x4.splat(a), f32x4.splat(b), f32x4.splat(c)), 0);
  const p = <f64>a * <f64>b;
  const s = p + <f64>c;
  const t = s - p;
  const e = (p - (s - t)) + (<f64>c - t);
  let bits = reinterpret<u64>(s);
  if (e != 0 && (bits & 0x1fffffff) == 0x10000000) bits += (e > 0) == (s > 0) ? 1 : <u64>-1;
  return <f32>reinterpret<f64>(bits);
}

const SIGN: i32 = 0x80000000;
const F_NAN: f32 = NaN;
const F_INF: f32 = Infinity;

/** Low two f32 lanes of `x` as f64x2. */
// @ts-ignore: decorator
@inline function lo_d(x: v128): v128 { return f64x2.promote_low_f32x4(x); }
/** High two f32 lanes of `x` as f64x2. */
// @ts-ignore: decorator
@inline function hi_d(x: v128): v128 { return f64x2.promote_low_f32x4(i64x2.shuffle(x, x, 1, 1)); }
/** Round two f64x2 halves back to one f32x4 (low lanes from `lo`). */
// @ts-ignore: decorator
@inline function join_d(lo: v128, hi: v128): v128 {
  return i64x2.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 2);
}

/** fma_f32 on two lanes held as f64x2 (a, b, c promoted): the same two-sum and halfway fix, as masks. */
// @ts-ignore: decorator
@inline function fma_d(a: v128, b: v128, c: v128): v128 {
  const p = f64x2.mul(a, b);
  const s = f64x2.add(p, c);
  const t = f64x2.sub(s, p);
  const e = f64x2.add(f64x2.sub(p, f64x2.sub(s, t)), f64x2.sub(c, t));
  const halfway = v128.and(f64x2.ne(e, f64x2.splat(0)),
    i64x2.eq(v128.and(s, i64x2.splat(0x1fffffff)), i64x2.splat(0x10000000)));
  // +1 ulp when the exact value lies away from zero (e and s of one sign), else -1
  const away = v128.not(v128.xor(f64x2.gt(e, f64x2.splat(0)), f64x2.gt(s, f64x2.splat(0))));
  return i64x2.add(s, v128.and(halfway, v128.bitselect(i64x2.splat(1), i64x2.splat(-1), away)));
}

/** fma_f32 on four lanes: a*b + c rounded once to float (what GCC's contraction gives PyTorch's kernels). */
// @ts-ignore: decorator
@inline export function fma_v(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return join_d(fma_d(lo_d(a), lo_d(b), lo_d(c)), fma_d(hi_d(a), hi_d(b), hi_d(c)));
}

/** fma_v(-y, y, 1) (tanh's gradient), faster: 1 - y*y rounds once in double (y*y is exact there), and only a double
 *  on a float halfway point can round wrong a second time; such lanes take fma_v. For |y| <= 1 (tanh's outputs) none
 *  does: 1 - y*y is exact in double from |y| = 0.18 up, rounds to 1 below 2^-14, and no float between has a double
 *  halfway result that is inexact (checked for all of them). */
// @ts-ignore: decorator
@inline export function one_minus_sq_v(y: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_nmadd(y, y, f32x4.splat(1)); // 1 - y*y, one rounding
  const lo = lo_d(y);
  const hi = hi_d(y);
  const one = f64x2.splat(1);
  const slo = f64x2.sub(one, f64x2.mul(lo, lo));
  const shi = f64x2.sub(one, f64x2.mul(hi, hi));
  const low = i64x2.splat(0x1fffffff);
  const half = i64x2.splat(0x10000000);
  if (v128.any_true(v128.or(i64x2.eq(v128.and(slo, low), half), i64x2.eq(v128.and(shi, low), half)))) {
    return fma_v(f32x4.neg(y), y, f32x4.splat(1));
  }
  return join_d(slo, shi);
}

// ---------------------------------------------------------------- exp family

const L2E: f32 = 1.44269504088896341;
const MAGIC: f32 = 12582912.0; // 1.5 * 2^23: adding it rounds to an integer kept in the low bits
const LN2_HI: f32 = 0.693359375; // 9 significant bits: n * LN2_HI is exact for |n| < 2^15
const LN2_LO: f32 = -2.12194440e-4;

/** 2^n for integer lanes n in [-150, 128], as two normal factors multiplied into `y` (so subnormal
 *  results round once, correctly). */
// @ts-ignore: decorator
@inline function scale2(y: v128, n: v128): v128 {
  const n1 = i32x4.shr_s(n, 1);
  const n2 = i32x4.sub(n, n1);
  const s1 = i32x4.add(i32x4.shl(n1, 23), ek(K_ONE)); // 2^n1: exponent field + bits of 1.0
  const s2 = i32x4.add(i32x4.shl(n2, 23), ek(K_ONE));
  return fmul(fmul(y, s1), s2);
}

// The constants of exp, sigmoid and tanh live in memory, not in v128.const: V8 rebuilds every
// v128.const inside a loop with three instructions (movq, vmovq, vpunpcklqdq) at each use, while a
// load is one instruction (measured ~1.5x faster for exp and sigmoid).
const EXPK = memory.data<f32>([
  -104.0, -104.0, -104.0, -104.0, // 0: e^-104 rounds to 0
  L2E, L2E, L2E, L2E, // 1
  MAGIC, MAGIC, MAGIC, MAGIC, // 2: also the bits 0x4b400000
  LN2_HI, LN2_HI, LN2_HI, LN2_HI, // 3
  LN2_LO, LN2_LO, LN2_LO, LN2_LO, // 4
  // 5..9: e^r = 1 + r + r^2 (c0 + c1 r + c2 r^2 + c3 r^3 + c4 r^4), |r| <= ln2/2: weighted error
  // 0.05 ulp (fit: scripts/ulp/fit.py exp); expm1 uses it
  0.4999999403953552, 0.4999999403953552, 0.4999999403953552, 0.4999999403953552,
  0.1666652113199234, 0.1666652113199234, 0.1666652113199234, 0.1666652113199234,
  0.04166826233267784, 0.04166826233267784, 0.04166826233267784, 0.04166826233267784,
  0.008368670009076595, 0.008368670009076595, 0.008368670009076595, 0.008368670009076595,
  0.0013821023749187589, 0.0013821023749187589, 0.0013821023749187589, 0.0013821023749187589,
  1.0, 1.0, 1.0, 1.0, // 10: also the bits 0x3f800000 (2^0)
  // 11..13: SLEEF's expf: 1/ln2 as a float, its overflow bound, infinity
  1.442695040888963407359924681001892137426645954152985934135449406931,
  1.442695040888963407359924681001892137426645954152985934135449406931,
  1.442695040888963407359924681001892137426645954152985934135449406931,
  1.442695040888963407359924681001892137426645954152985934135449406931,
  100.0, 100.0, 100.0, 100.0,
  Infinity, Infinity, Infinity, Infinity,
  // 14: 1.5 2^23 + 127, whose sum with n = rint(x/ln2) has the bits of 2^n in its low nine bits (shifted left by 23)
  12583039.0, 12583039.0, 12583039.0, 12583039.0,
], 16);
const K_LO: i32 = 0;
const K_L2E: i32 = 1;
const K_MAGIC: i32 = 2;
const K_LN2_HI: i32 = 3;
const K_LN2_LO: i32 = 4;
const K_P: i32 = 5;
const K_ONE: i32 = 10;
const K_SLEEF_R_LN2: i32 = 11;
const K_SLEEF_HI: i32 = 12;
const K_INF: i32 = 13;
const K_EXP_BIAS: i32 = 14;
// The integer constants, as i32 lanes.
const EXPKI = memory.data<i32>([
  SIGN, SIGN, SIGN, SIGN, // 0
  0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff, // 1
  0x42ae0000, 0x42ae0000, 0x42ae0000, 0x42ae0000, // 2: 87.0, exp's short form up to |x| = 87 (|n| <= 126)
], 16);
const KI_SIGN: i32 = 0;
const KI_ABS: i32 = 1;
const KI_EXP_FAST: i32 = 2;
// @ts-ignore: decorator
@inline function ek(i: i32): v128 { return v128.load(EXPK + (<usize>i << 4)); }
// @ts-ignore: decorator
@inline function eki(i: i32): v128 { return v128.load(EXPKI + (<usize>i << 4)); }

/** The reduction shared by exp, sigmoid and tanh, for x clamped by the caller to [-104, 89]:
 *  x = n ln2 + r with |r| <= ln2/2; `k` holds n in its low mantissa bits (n = k - MAGIC as
 *  integers). */
// @ts-ignore: decorator
@inline function exp_k(x: v128): v128 { return fadd(fmul(x, ek(K_L2E)), ek(K_MAGIC)); }
/** r = x - n ln2 for the k of `exp_k` (Cody-Waite: n ln2 in two parts, the first product exact). */
// @ts-ignore: decorator
@inline function exp_r(x: v128, k: v128): v128 {
  const n = fsub(k, ek(K_MAGIC));
  return fsub(fsub(x, fmul(n, ek(K_LN2_HI))), fmul(n, ek(K_LN2_LO)));
}
/** e^r for the r of `exp_r`. */
// @ts-ignore: decorator
@inline function exp_p(r: v128): v128 {
  const z = fmul(r, r);
  // Estrin: a shorter dependency chain than Horner (the loops are bound by latency)
  const p = fadd(fadd(fadd(fmul(ek(K_P + 1), r), ek(K_P)), fmul(z, fadd(fmul(ek(K_P + 3), r), ek(K_P + 2)))),
    fmul(fmul(z, z), ek(K_P + 4)));
  return fadd(ek(K_ONE), fadd(r, fmul(z, p)));
}



/** f64x2 lanes rounded to float32 precision (kept as f64): one float operation's rounding. */
// @ts-ignore: decorator
@inline function rf(x: v128): v128 { return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(x)); }
/** float fma(a, b, c) of f64x2 lanes holding floats: a*b is exact in f64, the sum rounds once there, then to float
 *  (the double rounding differs from a fused float rounding only when the f64 sum lands exactly halfway between two
 *  floats, ~2^-29 of random operands; fma_f32 corrects that case, this hot path does not). */
// @ts-ignore: decorator
@inline function fmaf_d(a: v128, b: v128, c: v128): v128 { return rf(dadd(dmul(a, b), c)); }

// SLEEF's expf constants (as floats, in f64x2 lanes; in memory for the reason EXPK is)
const SLEEFK = memory.data<f64>([
  -0.693145751953125, -0.693145751953125, // 0: -L2Uf (16 bits: q L2Uf is exact)
  <f64><f32>-1.428606765330187045e-06, <f64><f32>-1.428606765330187045e-06, // 1: -L2Lf
  <f64><f32>0.000198527617612853646278381, <f64><f32>0.000198527617612853646278381, // 2..7: the polynomial
  <f64><f32>0.00139304355252534151077271, <f64><f32>0.00139304355252534151077271,
  <f64><f32>0.00833336077630519866943359, <f64><f32>0.00833336077630519866943359,
  <f64><f32>0.0416664853692054748535156, <f64><f32>0.0416664853692054748535156,
  <f64><f32>0.166666671633720397949219, <f64><f32>0.166666671633720397949219,
  0.5, 0.5,
  1.0, 1.0, // 8
], 16);
// @ts-ignore: decorator
@inline function sk(i: i32): v128 { return v128.load(SLEEFK + (<usize>i << 4)); }

/** Sleef_expf8_u10's polynomial on one f64x2 half: e^s - 1 - s, then 1 + (s^2 u + s), every step rounded to float.
 *  (x - q L2Uf is exact in float, Cody-Waite's point: that step needs no rounding.) */
// @ts-ignore: decorator
@inline function sleef_exp_half(q: v128, d: v128): v128 {
  let s = dadd(dmul(q, sk(0)), d);
  s = fmaf_d(q, sk(1), s);
  let u = fmaf_d(sk(2), s, sk(3));
  u = fmaf_d(u, s, sk(4));
  u = fmaf_d(u, s, sk(5));
  u = fmaf_d(u, s, sk(6));
  u = fmaf_d(u, s, sk(7));
  return rf(dadd(sk(8), fmaf_d(rf(dmul(s, s)), u, s)));
}

// SLEEFK's constants as f32x4 lanes, for the relaxed build's exp (a load each: see EXPK)
const SLEEFKF = memory.data<f32>([
  -0.693145751953125, -0.693145751953125, -0.693145751953125, -0.693145751953125,
  -1.428606765330187045e-06, -1.428606765330187045e-06, -1.428606765330187045e-06, -1.428606765330187045e-06,
  0.000198527617612853646278381, 0.000198527617612853646278381, 0.000198527617612853646278381, 0.000198527617612853646278381,
  0.00139304355252534151077271, 0.00139304355252534151077271, 0.00139304355252534151077271, 0.00139304355252534151077271,
  0.00833336077630519866943359, 0.00833336077630519866943359, 0.00833336077630519866943359, 0.00833336077630519866943359,
  0.0416664853692054748535156, 0.0416664853692054748535156, 0.0416664853692054748535156, 0.0416664853692054748535156,
  0.166666671633720397949219, 0.166666671633720397949219, 0.166666671633720397949219, 0.166666671633720397949219,
  0.5, 0.5, 0.5, 0.5,
], 16);
// @ts-ignore: decorator
@inline function skf(i: i32): v128 { return v128.load(SLEEFKF + (<usize>i << 4)); }

/** sleef_exp_half's steps on all four lanes with true fused multiply-adds (the relaxed build, where
 *  f32x4.relaxed_madd has been checked to fuse): the same bits, about four times fewer instructions. */
// @ts-ignore: decorator
@inline function sleef_exp_fused(q: v128, d: v128): v128 {
  let s = f32x4.relaxed_madd(q, skf(0), d);
  s = f32x4.relaxed_madd(q, skf(1), s);
  let u = f32x4.relaxed_madd(skf(2), s, skf(3));
  u = f32x4.relaxed_madd(u, s, skf(4));
  u = f32x4.relaxed_madd(u, s, skf(5));
  u = f32x4.relaxed_madd(u, s, skf(6));
  u = f32x4.relaxed_madd(u, s, skf(7));
  return fadd(ek(K_ONE), f32x4.relaxed_madd(fmul(s, s), u, s));
}

/**
 * e^x, lane-wise, as PyTorch 1.13's Vectorized<float>::exp on AVX2 computes it (SLEEF 3's xexpf, Sleef_expf8_u10,
 * built with FMA): q = rint(x / ln2), s = x - q ln2 in two fused steps, a degree-6 polynomial in fused steps, then
 * 2^q in two factors. Its bits for every float (the fused steps through f64, above). exp(x < -104) = 0, exp(x > 100)
 * = inf, NaN propagates.
 */
// @ts-ignore: decorator
@inline export function exp_v(x: v128): v128 {
  const qf = f32x4.nearest(f32x4.mul(x, ek(K_SLEEF_R_LN2)));
  const u = exp_poly(qf, x);
  if (exp_in_range(x, x)) return exp_scale(u, qf);
  const q = i32x4.trunc_sat_f32x4_s(qf);
  const h = i32x4.shr_s(q, 1);
  // 2^h 2^(q-h) as floats (|q| <= 150 where it matters: each factor is normal)
  const p1 = i32x4.shl(i32x4.add(h, is(127)), 23);
  const p2 = i32x4.shl(i32x4.add(i32x4.sub(q, h), is(127)), 23);
  let y = fmul(fmul(u, p1), p2);
  y = v128.andnot(y, f32x4.lt(x, ek(K_LO)));
  return sel(ek(K_INF), y, f32x4.lt(ek(K_SLEEF_HI), x));
}

/** exp_v for a caller that has checked exp_in_range: where |x| <= 87 (|q| <= 126) 2^q is one normal float, and u 2^q
 *  one product rounded once, as SLEEF's (u 2^h) 2^(q-h) is (u 2^h is exact), and neither bound applies: the same bits
 *  in half the instructions (the general form converts q with saturation, ~6 instructions in V8, scales twice and
 *  selects twice). */
// @ts-ignore: decorator
@inline export function exp_small_v(x: v128): v128 {
  const qf = f32x4.nearest(f32x4.mul(x, ek(K_SLEEF_R_LN2)));
  return exp_scale(exp_poly(qf, x), qf);
}
/** exp_small_v(-x), for sigmoid and SiLU (PyTorch's (0 - x).exp(), x.neg().exp()): in the relaxed build without the
 *  negation. With q' = rint(x / ln2) = -q (rint is symmetric) and s' = -s, each of SLEEF's fused steps is the negation
 *  of a fused step on (q', s') -- madd(q, c, -x) = -madd(q', c, x), madd(u, s, c) = nmadd(u, s', c) -- and the last,
 *  1 + madd(s s, u, s) = 1 - nmadd(s' s', u, s'): rounding to nearest is symmetric, so the same bits on every lane. */
// @ts-ignore: decorator
@inline export function exp_neg_small_v(x: v128): v128 {
  if (!ASC_FEATURE_RELAXED_SIMD) return exp_small_v(f32x4.neg(x));
  const q = f32x4.nearest(f32x4.mul(x, ek(K_SLEEF_R_LN2)));
  let s = f32x4.relaxed_madd(q, skf(0), x);
  s = f32x4.relaxed_madd(q, skf(1), s);
  let u = f32x4.relaxed_nmadd(skf(2), s, skf(3));
  u = f32x4.relaxed_nmadd(u, s, skf(4));
  u = f32x4.relaxed_nmadd(u, s, skf(5));
  u = f32x4.relaxed_nmadd(u, s, skf(6));
  u = f32x4.relaxed_nmadd(u, s, skf(7));
  const e = fsub(ek(K_ONE), f32x4.relaxed_nmadd(fmul(s, s), u, s));
  return fmul(e, i32x4.shl(fsub(ek(K_EXP_BIAS), q), 23));
}
/** Whether exp_small_v gives exp_v's bits on every lane of a and b: none has |x| > 87 or is NaN. One test for two
 *  vectors (the loops take them in pairs), on the bits of |x| as integers: a float max would let a NaN lane of `a`
 *  hide a large lane of `b`. */
// @ts-ignore: decorator
@inline export function exp_in_range(a: v128, b: v128): bool {
  const m = eki(KI_ABS);
  return i32x4.bitmask(i32x4.gt_s(i32x4.max_s(v128.and(a, m), v128.and(b, m)), eki(KI_EXP_FAST))) == 0;
}
/** SLEEF's polynomial for e^s, s = x - q ln2 (its fused steps: relaxed_madd, or f64 on each half). */
// @ts-ignore: decorator
@inline function exp_poly(qf: v128, x: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return sleef_exp_fused(qf, x);
  return join_d(sleef_exp_half(lo_d(qf), lo_d(x)), sleef_exp_half(hi_d(qf), hi_d(x)));
}
/** u 2^q for |q| <= 126: 1.5 2^23 + 127 + q has 127 + q in its low bits, the exponent field of 2^q once shifted. */
// @ts-ignore: decorator
@inline function exp_scale(u: v128, qf: v128): v128 { return fmul(u, i32x4.shl(fadd(qf, ek(K_EXP_BIAS)), 23)); }
/** 1.0 in every lane, from memory (a v128.const in a loop costs V8 three instructions at each use). */
// @ts-ignore: decorator
@inline export function ones_v(): v128 { return ek(K_ONE); }
/** exp_v not inlined: the scalar code and a loop's last vector share this copy (a call costs nothing next to it). */
export function exp_one(x: v128): v128 { return exp_v(x); }
export function exp_f32(x: f32): f32 { return lane0(exp_one(f32x4.splat(x))); }

/** e^x - 1, accurate near 0. expm1(-inf) = -1. */
// @ts-ignore: decorator
@inline export function expm1_v(x: v128): v128 {
  const xc = f32x4.pmin(f32x4.pmax(x, fs(-25.0)), fs(89.0));
  // truncating (not rounding) keeps r on the same side as x, so no cancellation below
  const n = f32x4.trunc(fmul(xc, fs(L2E)));
  const ni = i32x4.trunc_sat_f32x4_s(n);
  const rhi = fsub(xc, fmul(n, fs(LN2_HI)));
  const rlo = fmul(n, fs(LN2_LO));
  const r = fsub(rhi, rlo);
  const z = fmul(r, r);
  // e^r - 1 = r + r^2 P(r), |r| < ln2 (fit: scripts/ulp/fit.py expm1)
  let p = fadd(fmul(fs(2.4836983357090503e-05), r), fs(0.00020091001351829618));
  p = fadd(fmul(p, r), fs(0.0013889764668419957));
  p = fadd(fmul(p, r), fs(0.008332662284374237));
  p = fadd(fmul(p, r), fs(0.04166664555668831));
  p = fadd(fmul(p, r), fs(0.16666671633720398));
  p = fadd(fmul(p, r), fs(0.5));
  const em = fadd(rhi, fsub(fmul(z, p), rlo));
  // e^x - 1 = 2^n (em + 1 - 2^-n)
  const t = i32x4.shl(i32x4.add(i32x4.max_s(i32x4.neg(ni), is(-100)), is(127)), 23);
  const y = scale2(fadd(em, fsub(fs(1.0), t)), ni);
  return sel(x, y, f32x4.eq(x, fs(0.0))); // keeps -0
}
export function expm1_f32(x: f32): f32 { return lane0(expm1_v(f32x4.splat(x))); }

// tanh's constants (loads: see EXPK): SLEEF's -L2Uf and -L2Lf, its polynomial, 1/6 and 1/2 of expk2f, 1, and the
// saturation bound
const TANHK = memory.data<f32>([
  -0.693145751953125, -0.693145751953125, -0.693145751953125, -0.693145751953125,
  -1.428606765330187045e-06, -1.428606765330187045e-06, -1.428606765330187045e-06, -1.428606765330187045e-06,
  0.1980960224e-3, 0.1980960224e-3, 0.1980960224e-3, 0.1980960224e-3,
  0.1394256484e-2, 0.1394256484e-2, 0.1394256484e-2, 0.1394256484e-2,
  0.8333456703e-2, 0.8333456703e-2, 0.8333456703e-2, 0.8333456703e-2,
  0.4166637361e-1, 0.4166637361e-1, 0.4166637361e-1, 0.4166637361e-1,
  0.166666659414234244790680580464, 0.166666659414234244790680580464, 0.166666659414234244790680580464,
  0.166666659414234244790680580464,
  0.5, 0.5, 0.5, 0.5,
  1, 1, 1, 1,
  8.664339742, 8.664339742, 8.664339742, 8.664339742,
], 16);
// @ts-ignore: decorator
@inline function tk(i: i32): v128 { return v128.load(TANHK + (<usize>i << 4)); }

/**
 * tanh(x) as PyTorch 1.13's Vectorized<float>::tanh on AVX2 computes it (every element, a partial vector's too):
 * SLEEF 3's xtanhf (Sleef_tanhf8_u10), (e - 1/e) / (e + 1/e) for e = e^|x| in double-float arithmetic (expk2f, dfrec,
 * dfdiv in their fused-multiply-add forms, each fused step in f64). Its bits for every float tried. Saturates to ±1
 * above 8.664339742, keeps -0, NaN propagates.
 */
// @ts-ignore: decorator
@inline export function tanh_v(x: v128): v128 {
  const y = f32x4.abs(x);
  let r = expk2f_then(y, fs(0), EK_TANH);
  r = sel(tk(8), r, v128.or(f32x4.gt(y, tk(9)), f32x4.ne(r, r)));
  r = v128.xor(r, v128.and(x, eki(KI_SIGN)));
  return v128.or(r, f32x4.ne(x, x));
}
/** tanh_v not inlined (as exp_one): the scalar code, tanhshrink. */
export function tanh_one(x: v128): v128 { return tanh_v(x); }
export function tanh_f32(x: f32): f32 { return lane0(tanh_one(f32x4.splat(x))); }
// ---------------------------------------------------------------- log family (FreeBSD/musl)

const LN2_HI_L: f32 = 6.9313812256e-01; // 0x3f317180
const LN2_LO_L: f32 = 9.0580006145e-06; // 0x3717f7d1

/** s (hfsq + R) for log(1 + f) = f - hfsq + s (hfsq + R), f in [sqrt(2)/2 - 1, sqrt(2) - 1) */
// @ts-ignore: decorator
@inline function k_log1p(f: v128, hfsq: v128): v128 {
  const s = fdiv(f, fadd(fs(2.0), f));
  const z = fmul(s, s);
  const w = fmul(z, z);
  const t1 = fmul(w, fadd(fs(0.40000972152), fmul(w, fs(0.24279078841))));
  const t2 = fmul(z, fadd(fs(0.66666662693), fmul(w, fs(0.28498786688))));
  return fmul(s, fadd(hfsq, fadd(t2, t1)));
}

/** Bits of a positive normal x shifted so that x = 2^k m, m in [sqrt(2)/2, sqrt(2)). */
// @ts-ignore: decorator
@inline function log_shift(x: v128): v128 { return i32x4.add(x, is(0x3f800000 - 0x3f3504f3)); }
// @ts-ignore: decorator
@inline function log_k(ix: v128): v128 { return i32x4.sub(i32x4.shr_s(ix, 23), is(127)); }
// @ts-ignore: decorator
@inline function log_f(ix: v128): v128 {
  return fsub(i32x4.add(v128.and(ix, is(0x007fffff)), is(0x3f3504f3)), fs(1.0));
}
/** Subnormal lanes times 2^25, so the exponent trick works; `kadj` gets -25 there. */
// @ts-ignore: decorator
@inline function log_norm(x: v128): v128 {
  return sel(fmul(x, fs(33554432.0)), x, f32x4.lt(x, fs(1.17549435e-38)));
}
// @ts-ignore: decorator
@inline function log_kadj(x: v128): v128 {
  return v128.and(f32x4.lt(x, fs(1.17549435e-38)), is(-25));
}
/** log's special values: NaN or x < 0 -> NaN, 0 -> -inf, inf -> inf. */
// @ts-ignore: decorator
@inline function log_special(x: v128, r: v128): v128 {
  r = sel(fs(-F_INF), r, f32x4.eq(x, fs(0.0)));
  r = sel(fs(F_INF), r, f32x4.eq(x, fs(F_INF)));
  return sel(r, fs(F_NAN), f32x4.ge(x, fs(0.0)));
}

/** Fused a*b + c on f32x4 (through f64 halves: the product is exact there, the sum rounds once, then to float). */
// @ts-ignore: decorator
@inline function ffma(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return join_d(dadd(dmul(lo_d(a), lo_d(b)), lo_d(c)), dadd(dmul(hi_d(a), hi_d(b)), hi_d(c)));
}
/** Fused a*b - c (SLEEF's vfmapn). */
// @ts-ignore: decorator
@inline function ffms(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, f32x4.neg(c));
  return join_d(dsub(dmul(lo_d(a), lo_d(b)), lo_d(c)), dsub(dmul(hi_d(a), hi_d(b)), hi_d(c)));
}
/** Fused c - a*b (SLEEF's vfmanp). */
// @ts-ignore: decorator
@inline function fnma(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_nmadd(a, b, c);
  return join_d(dsub(lo_d(c), dmul(lo_d(a), lo_d(b))), dsub(hi_d(c), dmul(hi_d(a), hi_d(b))));
}

/** The low part of SLEEF's dfdiv (FMA form) of (nx, ny) by (dx, dy), given t = 1 / dx and the high part qx = nx t. */
// @ts-ignore: decorator
@inline function dfdiv_lo(nx: v128, ny: v128, dx: v128, dy: v128, t: v128, qx: v128): v128 {
  return ffma(qx, fnma(dy, t, fnma(dx, t, fs(1))), ffma(ny, t, ffms(t, nx, qx)));
}

/**
 * Natural logarithm as PyTorch 1.13's Vectorized<float>::log on AVX2 computes it: SLEEF 3's xlogf_u1
 * (Sleef_logf8_u10) with its double-float steps in their fused-multiply-add forms (dfmul, dfdiv, the polynomial),
 * each fused step evaluated in f64. Its bits for every float tried. log(0) = -inf, log(x < 0) = NaN.
 */
// @ts-ignore: decorator
@inline export function log_v(d0: v128): v128 {
  const tiny = f32x4.lt(d0, fs(1.17549435e-38));
  const d = sel(fmul(d0, fs(18446744073709551616.0)), d0, tiny);
  const e0 = i32x4.sub(v128.and(i32x4.shr_u(fmul(d, fs(<f32>(1.0 / 0.75))), 23), is(0xff)), is(0x7f));
  const m = i32x4.add(d, i32x4.shl(i32x4.neg(e0), 23));
  const ef = f32x4.convert_i32x4_s(sel(i32x4.sub(e0, is(64)), e0, tiny));
  // s = (0.693147182, -1.90465432e-9) * e, as dfmul
  const sx = fmul(fs(0.69314718246459960938), ef);
  const sy = ffma(fs(-1.904654323148236017e-09), ef, ffms(fs(0.69314718246459960938), ef, sx));
  // x = (m - 1) / (m + 1) in double-float: dfadd2 twice, then dfdiv
  const nx = fadd(fs(-1), m);
  const nv = fsub(nx, fs(-1));
  const ny = fadd(fsub(fs(-1), fsub(nx, nv)), fsub(m, nv));
  const dx = fadd(fs(1), m);
  const dv = fsub(dx, fs(1));
  const dy = fadd(fsub(fs(1), fsub(dx, dv)), fsub(m, dv));
  const t = fdiv(fs(1), dx);
  const qx = fmul(nx, t);
  const qy = dfdiv_lo(nx, ny, dx, dy, t, qx);
  const x2 = fmul(qx, qx);
  let p = ffma(fs(0.3027294874), x2, fs(0.3996108174));
  p = ffma(p, x2, fs(0.6666694880));
  // s += 2x (dfadd of two double-floats), then s += x^3 p (dfadd of a float)
  const x2x = fmul(qx, fs(2));
  const x2y = fmul(qy, fs(2));
  const s1x = fadd(sx, x2x);
  const s1y = fadd(fadd(fadd(fsub(sx, s1x), x2x), sy), x2y);
  const w = fmul(fmul(x2, qx), p);
  const s2x = fadd(s1x, w);
  const s2y = fadd(fadd(fsub(s1x, s2x), w), s1y);
  let r = fadd(s2x, s2y);
  r = sel(fs(F_INF), r, f32x4.eq(d0, fs(F_INF)));
  r = sel(fs(F_NAN), r, v128.or(f32x4.lt(d0, fs(0)), f32x4.ne(d0, d0)));
  return sel(fs(-F_INF), r, f32x4.eq(d0, fs(0)));
}
/** log_v not inlined (as exp_one). */
export function log_one(x: v128): v128 { return log_v(x); }
export function log_f32(x: f32): f32 { return lane0(log_one(f32x4.splat(x))); }

/** Base-2 logarithm (FreeBSD log2f: hi/lo split keeps it under 1 ulp). */
// @ts-ignore: decorator
@inline export function log2_v(x: v128): v128 {
  const ix = log_shift(log_norm(x));
  const dk = f32x4.convert_i32x4_s(i32x4.add(log_k(ix), log_kadj(x)));
  const f = log_f(ix);
  const hfsq = fmul(fmul(fs(0.5), f), f);
  const r = k_log1p(f, hfsq);
  const hi = v128.and(fsub(f, hfsq), is(0xfffff000));
  const lo = fadd(fsub(fsub(f, hi), hfsq), r);
  let vhi = fmul(hi, fs(1.4428710938e+00));
  let vlo = fadd(fmul(fadd(lo, hi), fs(-1.7605285393e-04)), fmul(lo, fs(1.4428710938e+00)));
  const w = fadd(dk, vhi);
  vlo = fadd(vlo, fadd(fsub(dk, w), vhi));
  vhi = w;
  return log_special(x, fadd(vlo, vhi));
}
export function log2_f32(x: f32): f32 { return lane0(log2_v(f32x4.splat(x))); }

/** log(1 + x), accurate near 0. log1p(-1) = -inf, log1p(x < -1) = NaN. */
// @ts-ignore: decorator
@inline export function log1p_v(x: v128): v128 {
  const u = fadd(fs(1.0), x);
  const ix = log_shift(u);
  const k = log_k(ix);
  const dk = f32x4.convert_i32x4_s(k);
  const f = log_f(ix);
  // c/u corrects for the rounding of 1 + x (u - x is exact once u >= 2, u - 1 below)
  const c = fdiv(sel(fsub(fs(1.0), fsub(u, x)), fsub(x, fsub(u, fs(1.0))), f32x4.ge(u, fs(2.0))), u);
  const hfsq = fmul(fmul(fs(0.5), f), f);
  let r = fadd(fadd(fsub(fadd(k_log1p(f, hfsq), fadd(fmul(dk, fs(LN2_LO_L)), c)), hfsq), f), fmul(dk, fs(LN2_HI_L)));
  r = sel(x, r, f32x4.eq(x, fs(0.0)));
  r = sel(fs(-F_INF), r, f32x4.eq(x, fs(-1.0)));
  r = sel(fs(F_INF), r, f32x4.eq(x, fs(F_INF)));
  return sel(r, fs(F_NAN), f32x4.ge(x, fs(-1.0)));
}
export function log1p_f32(x: f32): f32 { return lane0(log1p_v(f32x4.splat(x))); }

/** log(1 + e^x) (softplus), stable for any x: max(x, 0) + log1p(e^-|x|). */
// @ts-ignore: decorator
@inline export function log1pexp_v(x: v128): v128 {
  const e = exp_v(v128.or(x, is(SIGN)));
  return fadd(f32x4.pmax(x, fs(0.0)), log1p_v(e));
}
export function log1pexp_f32(x: f32): f32 { return lane0(log1pexp_v(f32x4.splat(x))); }

// ---------------------------------------------------------------- sin, cos (f64x2 inside)

const INVPIO2: f64 = 6.36619772367581382433e-01;
const PIO2_1: f64 = 1.57079631090164184570e+00; // first 25 bits of pi/2
const PIO2_1T: f64 = 1.58932547735281966916e-08; // pi/2 - PIO2_1
const SINCOS_BIG: f32 = 268435456.0; // 2^28: beyond it, Payne-Hanek via the f64 Math.sin/cos

/** sin (odd = 0) or cos (odd = 1) of f64x2 lanes d >= 0 with d < 2^28 (musl kernels, |r| <= pi/4). */
// @ts-ignore: decorator
@inline function sincos_d(d: v128, quad: i64): v128 {
  const fn = f64x2.nearest(dmul(d, ds(INVPIO2)));
  const r = dsub(dsub(d, dmul(fn, ds(PIO2_1))), dmul(fn, ds(PIO2_1T)));
  const q = i64x2.add(i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(fn)), ls(quad));
  const z = dmul(r, r);
  const w = dmul(z, z);
  const s = dmul(z, r);
  const sp = dadd(dadd(r, dmul(s, dadd(ds(-0.166666666416265235595), dmul(z, ds(0.0083333293858894631756))))),
    dmul(dmul(s, w), dadd(ds(-0.000198393348360966317347), dmul(z, ds(0.0000027183114939898219064)))));
  const cp = dadd(dadd(dadd(ds(1.0), dmul(z, ds(-0.499999997251031003120))), dmul(w, ds(0.0416666233237390631894))),
    dmul(dmul(w, z), dadd(ds(-0.00138867637746099294692), dmul(z, ds(0.0000243904487962774090654)))));
  const res = sel(cp, sp, i64x2.eq(v128.and(q, ls(1)), ls(1)));
  return v128.xor(res, v128.and(i64x2.shl(q, 62), ls(<i64>0x8000000000000000)));
}

/** sin(x); keeps -0, sin(±inf) = NaN. */
// @ts-ignore: decorator
@inline export function sin_v(x: v128): v128 {
  const a = f32x4.abs(x);
  let r = v128.xor(join_d(sincos_d(lo_d(a), 0), sincos_d(hi_d(a), 0)), v128.and(x, is(SIGN)));
  if (v128.any_true(f32x4.ge(a, fs(SINCOS_BIG)))) {
    let v = f32x4.extract_lane(x, 0);
    if (Mathf.abs(v) >= SINCOS_BIG) r = f32x4.replace_lane(r, 0, <f32>Math.sin(<f64>v));
    v = f32x4.extract_lane(x, 1);
    if (Mathf.abs(v) >= SINCOS_BIG) r = f32x4.replace_lane(r, 1, <f32>Math.sin(<f64>v));
    v = f32x4.extract_lane(x, 2);
    if (Mathf.abs(v) >= SINCOS_BIG) r = f32x4.replace_lane(r, 2, <f32>Math.sin(<f64>v));
    v = f32x4.extract_lane(x, 3);
    if (Mathf.abs(v) >= SINCOS_BIG) r = f32x4.replace_lane(r, 3, <f32>Math.sin(<f64>v));
  }
  return r;
}
export function sin_f32(x: f32): f32 { return lane0(sin_v(f32x4.splat(x))); }

/** cos(x); cos(±inf) = NaN. */
// @ts-ignore: decorator
@inline export function cos_v(x: v128): v128 {
  const a = f32x4.abs(x);
  let r = join_d(sincos_d(lo_d(a), 1), sincos_d(hi_d(a), 1));
  if (v128.any_true(f32x4.ge(a, fs(SINCOS_BIG)))) {
    let v = f32x4.extract_lane(x, 0);
    if (Mathf.abs(v) >= SINCOS_BIG) r = f32x4.replace_lane(r, 0, <f32>Math.cos(<f64>v));
    v = f32x4.extract_lane(x, 1);
    if (Mathf.abs(v) >= SINCOS_BIG) r = f32x4.replace_lane(r, 1, <f32>Math.cos(<f64>v));
    v = f32x4.extract_lane(x, 2);
    if (Mathf.abs(v) >= SINCOS_BIG) r = f32x4.replace_lane(r, 2, <f32>Math.cos(<f64>v));
    v = f32x4.extract_lane(x, 3);
    if (Mathf.abs(v) >= SINCOS_BIG) r = f32x4.replace_lane(r, 3, <f32>Math.cos(<f64>v));
  }
  return r;
}
export function cos_f32(x: f32): f32 { return lane0(cos_v(f32x4.splat(x))); }

// ---------------------------------------------------------------- atan, atan2 (f64x2 inside)

const PI: f64 = 3.14159265358979323846;

/** atan of f64x2 lanes a >= 0 (or NaN), Cephes atan: three intervals, rational P/Q. */
// @ts-ignore: decorator
@inline function atan_d(a: v128): v128 {
  const big = f64x2.gt(a, ds(2.41421356237309504880)); // tan(3pi/8)
  const mid = v128.andnot(f64x2.gt(a, ds(0.66)), big);
  // t = -1/a (big), (a-1)/(a+1) (mid), a (small): one division for all lanes
  const num = sel(ds(-1.0), sel(dsub(a, ds(1.0)), a, mid), big);
  const den = sel(a, sel(dadd(a, ds(1.0)), ds(1.0), mid), big);
  const t = ddiv(num, den);
  const y0 = sel(ds(PI / 2), sel(ds(PI / 4), ds(0.0), mid), big);
  const z = dmul(t, t);
  let p = dadd(dmul(ds(-8.750608600031904122785e-1), z), ds(-1.615753718733365076637e1));
  p = dadd(dmul(p, z), ds(-7.500855792314704667340e1));
  p = dadd(dmul(p, z), ds(-1.228866684490136173410e2));
  p = dadd(dmul(p, z), ds(-6.485021904942025371773e1));
  let q = dadd(z, ds(2.485846490142306297962e1));
  q = dadd(dmul(q, z), ds(1.650270098316988542046e2));
  q = dadd(dmul(q, z), ds(4.328810604912902668951e2));
  q = dadd(dmul(q, z), ds(4.853903996359136964868e2));
  q = dadd(dmul(q, z), ds(1.945506571482613964425e2));
  return dadd(y0, dadd(dmul(t, ddiv(dmul(z, p), q)), t));
}

/** atan(x); keeps -0, atan(±inf) = ±pi/2. */
// @ts-ignore: decorator
@inline export function atan_v(x: v128): v128 {
  const a = f32x4.abs(x);
  return v128.or(join_d(atan_d(lo_d(a)), atan_d(hi_d(a))), v128.and(x, is(SIGN)));
}
export function atan_f32(x: f32): f32 { return lane0(atan_v(f32x4.splat(x))); }

// @ts-ignore: decorator
@inline function atan2_d(y: v128, x: v128): v128 {
  const ay = f64x2.abs(y);
  const ax = f64x2.abs(x);
  let t = ddiv(ay, ax);
  t = sel(ds(0.0), t, v128.and(f64x2.eq(ay, ds(0.0)), f64x2.eq(ax, ds(0.0))));
  t = sel(ds(1.0), t, v128.and(f64x2.eq(ay, ds(Infinity)), f64x2.eq(ax, ds(Infinity))));
  const a = atan_d(t);
  return sel(dsub(ds(PI), a), a, i64x2.shr_s(x, 63)); // x < 0 or x = -0: the left half-plane
}

/** atan2(y, x) with C's special values: atan2(±0, -0) = ±pi, atan2(±inf, -inf) = ±3pi/4, ... */
// @ts-ignore: decorator
@inline export function atan2_v(y: v128, x: v128): v128 {
  const r = join_d(atan2_d(lo_d(y), lo_d(x)), atan2_d(hi_d(y), hi_d(x)));
  return v128.or(r, v128.and(y, is(SIGN)));
}
export function atan2_f32(y: f32, x: f32): f32 { return lane0(atan2_v(f32x4.splat(y), f32x4.splat(x))); }

// ---------------------------------------------------------------- pow (f64x2 inside)

/** log2 of f64x2 lanes d > 0 (finite, normal), relative error ~1e-12. */
// @ts-ignore: decorator
@inline function log2_d(d: v128): v128 {
  const tmp = i64x2.sub(d, ls(0x3fe6a09e667f3bcd));
  const k = i64x2.shr_s(tmp, 52);
  const m = i64x2.sub(d, i64x2.shl(k, 52)); // in [sqrt(2)/2, sqrt(2))
  const f = dsub(m, ds(1.0));
  const s = ddiv(f, dadd(ds(2.0), f));
  const s2 = dmul(s, s);
  // ln m = 2 atanh(s) = 2s (1 + s^2/3 + s^4/5 + ...), |s| < 0.1716
  let p = dadd(dmul(ds(1.0 / 15.0), s2), ds(1.0 / 13.0));
  p = dadd(dmul(p, s2), ds(1.0 / 11.0));
  p = dadd(dmul(p, s2), ds(1.0 / 9.0));
  p = dadd(dmul(p, s2), ds(1.0 / 7.0));
  p = dadd(dmul(p, s2), ds(1.0 / 5.0));
  p = dadd(dmul(p, s2), ds(1.0 / 3.0));
  const lnm = dadd(dadd(s, s), dmul(dadd(s, s), dmul(s2, p)));
  const dk = f64x2.convert_low_i32x4_s(i32x4.shuffle(k, k, 0, 2, 0, 2));
  return dadd(dk, dmul(lnm, ds(1.44269504088896340736)));
}

/** 2^w for f64x2 lanes, clamped to [-200, 200] (beyond float32's range either way). */
// @ts-ignore: decorator
@inline function exp2_d(w: v128): v128 {
  w = f64x2.pmin(f64x2.pmax(w, ds(-200.0)), ds(200.0));
  const n = f64x2.nearest(w);
  const f = dsub(w, n); // |f| <= 1/2, exact
  let p = dadd(dmul(ds(7.0549116208011209e-9), f), ds(1.0178086009239696e-7));
  p = dadd(dmul(p, f), ds(1.3215486790144305e-6));
  p = dadd(dmul(p, f), ds(1.5252733804059838e-5));
  p = dadd(dmul(p, f), ds(1.5403530393381606e-4));
  p = dadd(dmul(p, f), ds(1.3333558146428441e-3));
  p = dadd(dmul(p, f), ds(9.6181291076284769e-3));
  p = dadd(dmul(p, f), ds(5.5504108664821576e-2));
  p = dadd(dmul(p, f), ds(2.4022650695910069e-1));
  p = dadd(dmul(p, f), ds(6.9314718055994529e-1));
  p = dadd(dmul(p, f), ds(1.0));
  const ni = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(n));
  return dmul(p, i64x2.shl(i64x2.add(ni, ls(1023)), 52));
}

/** |x|^y in f64 for f64x2 lanes: 0 and inf handled through log2 = ∓inf. */
// @ts-ignore: decorator
@inline function powabs_d(ax: v128, y: v128): v128 {
  let l = log2_d(ax);
  l = sel(ds(-Infinity), l, f64x2.eq(ax, ds(0.0)));
  l = sel(ds(Infinity), l, f64x2.eq(ax, ds(Infinity)));
  return exp2_d(dmul(y, l));
}

/** x^y with C powf / PyTorch semantics: pow(x, 0) = 1 (even NaN), pow(1, y) = 1, negative x with an
 *  integer y gives the signed result, with a non-integer finite y NaN; pow(±0, y<0) = ±inf. */
// @ts-ignore: decorator
@inline export function pow_v(x: v128, y: v128): v128 {
  const ax = f32x4.abs(x);
  let r = join_d(powabs_d(lo_d(ax), lo_d(y)), powabs_d(hi_d(ax), hi_d(y)));
  const ay = f32x4.abs(y);
  const yint = f32x4.eq(f32x4.floor(y), y); // true for ±inf, false for NaN
  const yodd = v128.and(v128.and(yint, f32x4.lt(ay, fs(16777216.0))),
    i32x4.eq(v128.and(i32x4.trunc_sat_f32x4_s(y), is(1)), is(1)));
  r = v128.or(r, v128.and(v128.and(x, yodd), is(SIGN))); // sign of x when y is an odd integer
  // negative finite x, finite non-integer y -> NaN; NaN in either -> NaN
  const bad = v128.or(
    v128.andnot(v128.and(f32x4.lt(x, fs(0.0)), v128.and(f32x4.lt(ax, fs(F_INF)), f32x4.lt(ay, fs(F_INF)))), yint),
    v128.or(f32x4.ne(x, x), f32x4.ne(y, y)));
  r = sel(fs(F_NAN), r, bad);
  const one = v128.or(v128.or(f32x4.eq(x, fs(1.0)), f32x4.eq(y, fs(0.0))),
    v128.and(f32x4.eq(ax, fs(1.0)), f32x4.eq(ay, fs(F_INF))));
  return sel(fs(1.0), r, one);
}
export function pow_f32(x: f32, y: f32): f32 { return lane0(pow_v(f32x4.splat(x), f32x4.splat(y))); }

// ---------------------------------------------------------------- erf

/** Error function. erf(±inf) = ±1, keeps -0. */
// @ts-ignore: decorator
@inline export function erf_v(x: v128): v128 {
  const a = f32x4.abs(x);
  // |x| < 1: a + a Q(a^2) (fit: scripts/ulp/fit.py erfa)
  const s = fmul(a, a);
  let q = fadd(fmul(fs(7.806903158780187e-05), s), fs(-0.0007997853099368513));
  q = fadd(fmul(q, s), fs(0.005187162198126316));
  q = fadd(fmul(q, s), fs(-0.026853347197175026));
  q = fadd(fmul(q, s), fs(0.11283578723669052));
  q = fadd(fmul(q, s), fs(-0.3761262595653534));
  q = fadd(fmul(q, s), fs(0.12837916612625122));
  const small = fadd(a, fmul(a, q));
  // 1 <= |x|: 1 - e^(-a^2) g(1/a) with g = e^(a^2) erfc(a) (fit: scripts/ulp/fit.py erfb);
  // erfc(4) < 2^-25, so clamping at 4 gives exactly 1 beyond
  const ac = f32x4.pmin(a, fs(4.0));
  const u = fdiv(fs(1.0), ac);
  let g = fadd(fmul(fs(0.007089430000633001), u), fs(-0.060194969177246094));
  g = fadd(fmul(g, u), fs(0.22864295542240143));
  g = fadd(fmul(g, u), fs(-0.507538378238678));
  g = fadd(fmul(g, u), fs(0.7083284854888916));
  g = fadd(fmul(g, u), fs(-0.5772884488105774));
  g = fadd(fmul(g, u), fs(0.07438305020332336));
  g = fadd(fmul(g, u), fs(0.5534808039665222));
  g = fadd(fmul(g, u), fs(0.0006806470337323844));
  // a^2 = h + l exactly (12-bit halves), e^-(h+l) = e^-h (1 - l)
  const h = fmul(ac, ac);
  const ah = v128.and(ac, is(0xfffff000));
  const al = fsub(ac, ah);
  const l = fadd(fadd(fsub(fmul(ah, ah), h), fmul(fadd(ah, ah), al)), fmul(al, al));
  const erfc = fmul(exp_v(v128.xor(h, is(SIGN))), fsub(g, fmul(g, l)));
  const big = fsub(fs(1.0), erfc);
  const r = sel(small, big, f32x4.lt(a, fs(1.0)));
  return v128.or(r, v128.and(x, is(SIGN)));
}
export function erf_f32(x: f32): f32 { return lane0(erf_v(f32x4.splat(x))); }

// ---------------------------------------------------------------- SLEEF's erf (PyTorch's Vectorized<float>::erf)


// erf_sleef_v's constants as f32x4 lanes (bits), a load each (V8 rebuilds every v128.const at each use; see EXPK):
// per row the three branches' values (|x| < 1.1, < 2.4, beyond), the double-float constants split as vcast_vf2_d does
const ERFK = memory.data<i32>([
  0x3894ac59, 0x3894ac59, 0x3894ac59, 0x3894ac59, // 0: 0.7089292194e-4
  0xb7966140, 0xb7966140, 0xb7966140, 0xb7966140, // 1: -0.1792667899e-4
  0xb71f4ff8, 0xb71f4ff8, 0xb71f4ff8, 0xb71f4ff8, // 2: -0.9495757695e-5
  0xba4ba441, 0xba4ba441, 0xba4ba441, 0xba4ba441, // 3: -0.7768311189e-3
  0x39ce7204, 0x39ce7204, 0x39ce7204, 0x39ce7204, // 4: 0.3937633010e-3
  0x398219ac, 0x398219ac, 0x398219ac, 0x398219ac, // 5: 0.2481465926e-3
  0x3ba910b8, 0x3ba910b8, 0x3ba910b8, 0x3ba910b8, // 6: 0.5159463733e-2
  0xbb816822, 0xbb816822, 0xbb816822, 0xbb816822, // 7: -0.3949181177e-2
  0xbb3f3ee2, 0xbb3f3ee2, 0xbb3f3ee2, 0xbb3f3ee2, // 8: -0.2918176819e-2
  0xbcdbdaf9, 0xbcdbdaf9, 0xbcdbdaf9, 0xbcdbdaf9, // 9: -0.2683781274e-1
  0x3cc85552, 0x3cc85552, 0x3cc85552, 0x3cc85552, // 10: 0.2445474640e-1
  0x3ca8bb2e, 0x3ca8bb2e, 0x3ca8bb2e, 0x3ca8bb2e, // 11: 0.2059706673e-1
  0x3de7145c, 0x3de7145c, 0x3de7145c, 0x3de7145c, // 12: 0.1128318012e+0
  0xbddb570b, 0xbddb570b, 0xbddb570b, 0xbddb570b, // 13: -0.1070996150e+0
  0xbdcaca79, 0xbdcaca79, 0xbdcaca79, 0xbdcaca79, // 14: -0.9901899844e-1
  0xbec09392, 0xbec09392, 0xbec09392, 0xbec09392, // 15: hi -0.376125876000657465175213237214
  0xbf22746b, 0xbf22746b, 0xbf22746b, 0xbf22746b, // 16: hi -0.634588905908410389971210809210
  0xbf24c2d8, 0xbf24c2d8, 0xbf24c2d8, 0xbf24c2d8, // 17: hi -0.643598050547891613081201721633
  0xb184d141, 0xb184d141, 0xb184d141, 0xb184d141, // 18: lo -0.376125876000657465175213237214
  0xb2151fca, 0xb2151fca, 0xb2151fca, 0xb2151fca, // 19: lo -0.634588905908410389971210809210
  0x32fa4141, 0x32fa4141, 0x32fa4141, 0x32fa4141, // 20: lo -0.643598050547891613081201721633
  0x3f906eba, 0x3f906eba, 0x3f906eba, 0x3f906eba, // 21: hi 0.112837916021059138255978217023e+1
  0xbf907c79, 0xbf907c79, 0xbf907c79, 0xbf907c79, // 22: hi -0.112879855826694507209862753992e+1
  0xbf8ff361, 0xbf8ff361, 0xbf8ff361, 0xbf8ff361, // 23: hi -0.112461487742845562801052956293e+1
  0x336697aa, 0x336697aa, 0x336697aa, 0x336697aa, // 24: lo 0.112837916021059138255978217023e+1
  0x334478b6, 0x334478b6, 0x334478b6, 0x334478b6, // 25: lo -0.112879855826694507209862753992e+1
  0xb3372678, 0xb3372678, 0xb3372678, 0xb3372678, // 26: lo -0.112461487742845562801052956293e+1
  0x3f8ccccd, 0x3f8ccccd, 0x3f8ccccd, 0x3f8ccccd, // 27: 1.1
  0x4019999a, 0x4019999a, 0x4019999a, 0x4019999a, // 28: 2.4
  0x40800000, 0x40800000, 0x40800000, 0x40800000, // 29: 4.0
], 16);
// @ts-ignore: decorator
@inline function erk(i: i32): v128 { return v128.load(ERFK + (<usize>i << 4)); }
/** vsel_vf_vo_vo_f_f_f on ERFK's row: its first value where o0, else the second where o1, else the third. */
// @ts-ignore: decorator
@inline function sel3k(o0: v128, o1: v128, row: i32): v128 { return sel(erk(3 * row), sel(erk(3 * row + 1), erk(3 * row + 2), o1), o0); }

/**
 * erf(x) as PyTorch 1.13's Vectorized<float>::erf on AVX2 computes it (torch.erf on every element: vml's map over whole
 * and partial vectors; GELU's vector loop): SLEEF 3's xerff_u1 (Sleef_erff8_u10) with its fused steps (the polynomials,
 * dfmul, expk2f's double-float arithmetic) through ffma / ffms. Below 1.1 a polynomial in x², up to 4 1 - e^p(x) with
 * expk2f, 1 beyond; keeps -0, NaN propagates.
 */
// @ts-ignore: decorator
@inline export function erf_sleef_v(s: v128): v128 {
  const a = f32x4.abs(s);
  const o0 = f32x4.lt(a, erk(27));
  const o1 = f32x4.lt(a, erk(28));
  const o2 = f32x4.lt(a, erk(29));
  const u = sel(fmul(a, a), a, o0);
  let t = sel3k(o0, o1, 0);
  t = ffma(t, u, sel3k(o0, o1, 1));
  t = ffma(t, u, sel3k(o0, o1, 2));
  t = ffma(t, u, sel3k(o0, o1, 3));
  t = ffma(t, u, sel3k(o0, o1, 4));
  // d = dfmul(t, u)
  let dx = fmul(t, u);
  let dy = ffms(t, u, dx);
  // d = dfadd2(d, c), then dfmul(d, u)
  let cx = sel3k(o0, o1, 5);
  let cy = sel3k(o0, o1, 6);
  let rx = fadd(dx, cx);
  let v = fsub(rx, dx);
  let ry = fadd(fadd(fsub(dx, fsub(rx, v)), fsub(cx, v)), fadd(dy, cy));
  dx = fmul(rx, u);
  dy = ffma(ry, u, ffms(rx, u, dx));
  // d = dfadd2(d, c), then dfmul(d, a)
  cx = sel3k(o0, o1, 7);
  cy = sel3k(o0, o1, 8);
  rx = fadd(dx, cx);
  v = fsub(rx, dx);
  ry = fadd(fadd(fsub(dx, fsub(rx, v)), fsub(cx, v)), fadd(dy, cy));
  dx = fmul(rx, a);
  dy = ffma(ry, a, ffms(rx, a, dx));
  // from 1.1: d = dfadd(1, -expk2f(d)); then d.x + d.y
  const r = v128.xor(sel(sel(fadd(dx, dy), expk2f_then(dx, dy, EK_ONE_MINUS), o0), tk(8), o2), v128.and(s, is(SIGN)));
  return sel(fs(F_NAN), r, f32x4.ne(a, a));
}
/** erf_sleef_v not inlined (as exp_one). */
export function erf_sleef_one(x: v128): v128 { return erf_sleef_v(x); }
export function erf_sleef_f32(x: f32): f32 { return lane0(erf_sleef_one(f32x4.splat(x))); }

// What expk2f_then does with SLEEF's expk2f(d) = e (a double-float): tanh's (e - 1/e) / (e + 1/e) (xtanhf, for d = |x|),
// erf's 1 - e (xerff_u1), expm1's e - 1 (xexpm1f).
const EK_TANH = 0;
const EK_ONE_MINUS = 1;
const EK_MINUS_ONE = 2;
// sinh's e - 1/e and cosh's e + 1/e (xsinhf, xcoshf, for d = |x|), before the halving
const EK_SINH = 3;
const EK_COSH = 4;
// erfc's dfmul(e, u) summed (xerfcf_u15; u = (1, 0) where it takes e alone: the same sum)
const EK_TIMES = 5;

/**
 * SLEEF 3's expk2f (sleefsimdsp.c) of the double-float (dx, dy) in its fused-multiply-add form, every fused step
 * through ffma/ffms/fnma, then, by `mode` (a constant at every call, so the other branches fold away): tanh's
 * (e - 1/e) / (e + 1/e) by dfrec and dfdiv, before tanh_v's saturation and sign; erf's dfadd(1, -e); expm1's
 * dfadd2(e, -1); the pair summed to a float. e is 0 below dx = -104 for erf and expm1 (tanh's d is never negative).
 * One vector out keeps the relaxed module free of globals (test/fma.test.ts).
 */
// @ts-ignore: decorator
@inline function expk2f_then(dx: v128, dy: v128, mode: i32, ux: v128 = f32x4.splat(1), uy: v128 = f32x4.splat(0)): v128 {
  const qf = f32x4.nearest(fmul(fadd(dx, dy), ek(K_SLEEF_R_LN2)));
  const q = i32x4.trunc_sat_f32x4_s(qf);
  // s = dfadd2(d, q * -L2Uf), then dfadd2(s, q * -L2Lf)
  const a1 = fmul(qf, tk(0));
  let sx = fadd(dx, a1);
  let v = fsub(sx, dx);
  let sy = fadd(fadd(fsub(dx, fsub(sx, v)), fsub(a1, v)), dy);
  const a2 = fmul(qf, tk(1));
  const sx2 = fadd(sx, a2);
  v = fsub(sx2, sx);
  sy = fadd(fadd(fsub(sx, fsub(sx2, v)), fsub(a2, v)), sy);
  sx = sx2;
  let u = ffma(tk(2), sx, tk(3));
  u = ffma(u, sx, tk(4));
  u = ffma(u, sx, tk(5));
  // t = dfadd2(dfmul(s, u), 1/6)
  let px = fmul(sx, u);
  let py = ffma(sy, u, ffms(sx, u, px));
  let tx = fadd(px, tk(6));
  v = fsub(tx, px);
  let ty = fadd(fadd(fsub(px, fsub(tx, v)), fsub(tk(6), v)), py);
  // t = dfadd2(dfmul(s, t), 0.5)
  px = fmul(sx, tx);
  py = ffma(sx, ty, ffma(sy, tx, ffms(sx, tx, px)));
  tx = fadd(px, tk(7));
  v = fsub(tx, px);
  ty = fadd(fadd(fsub(px, fsub(tx, v)), fsub(tk(7), v)), py);
  // t = dfadd2(s, dfmul(dfsqu(s), t))
  const qx = fmul(sx, sx);
  const qy = ffma(fadd(sx, sx), sy, ffms(sx, sx, qx));
  px = fmul(qx, tx);
  py = ffma(qx, ty, ffma(qy, tx, ffms(qx, tx, px)));
  tx = fadd(sx, px);
  v = fsub(tx, sx);
  ty = fadd(fadd(fsub(sx, fsub(tx, v)), fsub(px, v)), fadd(sy, py));
  // t = dfadd(1, t), scaled by 2^q in two factors (vldexp2), 0 below -104
  const ox = fadd(tk(8), tx);
  const oy = fadd(fadd(fsub(tk(8), ox), tx), ty);
  const h = i32x4.shr_s(q, 1);
  const p1 = i32x4.shl(i32x4.add(h, is(127)), 23);
  const p2 = i32x4.shl(i32x4.add(i32x4.sub(q, h), is(127)), 23);
  if (mode == EK_TANH) {
    const ex = fmul(fmul(ox, p1), p2);
    const ey = fmul(fmul(oy, p1), p2);
    // r = dfrec(e), then (e - r) / (e + r): dfadd of double-floats twice, then dfdiv
    const rx = fdiv(tk(8), ex);
    const ry = fmul(rx, fnma(ey, rx, fnma(ex, rx, tk(8))));
    const nx = fsub(ex, rx);
    const nyy = fadd(fadd(fadd(fsub(ex, nx), f32x4.neg(rx)), ey), f32x4.neg(ry));
    const mx = fadd(ex, rx);
    const my = fadd(fadd(fadd(fsub(ex, mx), rx), ey), ry);
    const it = fdiv(tk(8), mx);
    const qx = fmul(nx, it);
    return fadd(qx, dfdiv_lo(nx, nyy, mx, my, it, qx));
  }
  if (mode == EK_SINH || mode == EK_COSH) {
    const ex = fmul(fmul(ox, p1), p2);
    const ey = fmul(fmul(oy, p1), p2);
    // r = dfrec(e), then dfsub(e, r) or dfadd(e, r), summed
    const rx = fdiv(tk(8), ex);
    const ry = fmul(rx, fnma(ey, rx, fnma(ex, rx, tk(8))));
    if (mode == EK_SINH) {
      const nx = fsub(ex, rx);
      return fadd(nx, fsub(fadd(fsub(fsub(ex, nx), rx), ey), ry));
    }
    const mx = fadd(ex, rx);
    return fadd(mx, fadd(fadd(fadd(fsub(ex, mx), rx), ey), ry));
  }
  const under = f32x4.lt(dx, fs(-104));
  const ex = v128.andnot(fmul(fmul(ox, p1), p2), under);
  const ey = v128.andnot(fmul(fmul(oy, p1), p2), under);
  if (mode == EK_TIMES) {
    // dfmul_vf2_vf2_vf2(e, u), summed
    const rx = fmul(ex, ux);
    return fadd(rx, ffma(ex, uy, ffma(ey, ux, ffms(ex, ux, rx))));
  }
  if (mode == EK_MINUS_ONE) {
    // dfadd2(e, -1): (e.x - 1, ((e.x - (s - v)) + (-1 - v)) + e.y with v = s - e.x), summed (xexpm1f)
    const m1 = f32x4.neg(tk(8));
    const rx = fadd(ex, m1);
    const v = fsub(rx, ex);
    return fadd(rx, fadd(fadd(fsub(ex, fsub(rx, v)), fsub(m1, v)), ey));
  }
  // dfadd(1, -e): (1 - e.x, ((1 - (1 - e.x)) - e.x) - e.y), summed
  const bx = fsub(tk(8), ex);
  return fadd(bx, fsub(fadd(fsub(tk(8), bx), f32x4.neg(ex)), ey));
}

// ---------------------------------------------------------------- oneDNN's GELU (PyTorch's contiguous F.gelu)

// jit_uni_eltwise_injector_f32's table entries for gelu_erf and its exp (oneDNN 2.6), as bits, four lanes each: a load
// per use (V8 rebuilds a v128.const at each use; see EXPK)
const DNNLK = memory.data<i32>([
  0x3f3504f3, 0x3f3504f3, 0x3f3504f3, 0x3f3504f3, // 0 gelu_erf_one_over_sqrt_two
  0xc2aeac50, 0xc2aeac50, 0xc2aeac50, 0xc2aeac50, // 1 exp_ln_flt_min_f
  0x42b17218, 0x42b17218, 0x42b17218, 0x42b17218, // 2 exp_ln_flt_max_f
  0x3fb8aa3b, 0x3fb8aa3b, 0x3fb8aa3b, 0x3fb8aa3b, // 3 exp_log2ef
  0x3f317218, 0x3f317218, 0x3f317218, 0x3f317218, // 4 ln2f
  0x3c07cfce, 0x3c07cfce, 0x3c07cfce, 0x3c07cfce, // 5 exp_pol p5
  0x3d2b9d0d, 0x3d2b9d0d, 0x3d2b9d0d, 0x3d2b9d0d, // 6 p4
  0x3e2aad40, 0x3e2aad40, 0x3e2aad40, 0x3e2aad40, // 7 p3
  0x3efffee3, 0x3efffee3, 0x3efffee3, 0x3efffee3, // 8 p2
  0x3f7ffffb, 0x3f7ffffb, 0x3f7ffffb, 0x3f7ffffb, // 9 p1
  0x3ea7ba05, 0x3ea7ba05, 0x3ea7ba05, 0x3ea7ba05, // 10 gelu_erf_approx_const
  0x3f87dc22, 0x3f87dc22, 0x3f87dc22, 0x3f87dc22, // 11 gelu_erf_pol p5
  0xbfba00e3, 0xbfba00e3, 0xbfba00e3, 0xbfba00e3, // 12 p4
  0x3fb5f0e3, 0x3fb5f0e3, 0x3fb5f0e3, 0x3fb5f0e3, // 13 p3
  0xbe91a98e, 0xbe91a98e, 0xbe91a98e, 0xbe91a98e, // 14 p2
  0x3e827906, 0x3e827906, 0x3e827906, 0x3e827906, // 15 p1
  0x3f106eba, 0x3f106eba, 0x3f106eba, 0x3f106eba, // 16 gelu_erf_one_over_sqrt_pi (the backward's)
], 16);
// @ts-ignore: decorator
@inline function dk(i: i32): v128 { return v128.load(DNNLK + (<usize>i << 4)); }

/**
 * GELU(s) as PyTorch 1.13 computes a contiguous float tensor of more than one element: gelu_out_cpu hands it to
 * oneDNN (mkldnn_gelu, ideep eltwise_gelu_erf), whose AVX2 kernel is jit_uni_eltwise_injector_f32's
 * gelu_erf_compute_vector_fwd (oneDNN 2.6) on every element, a masked tail's too: Abramowitz and Stegun's erf,
 * 1 - t·p(t)·e^(-x²) with t = 1 / (1 + p·|x|), x = s / √2, and its own exp (exp_compute_vector_fwd: a degree-5
 * polynomial on x - n·ln2 scaled by 2·2^(n-1)); each vfmadd / vfnmadd is one fused step (ffma / fnma: in the core
 * their f64 evaluation gives the true fma's bits on every float, scripts/fused-check.mjs gelu_dnnl), the rest rounds as
 * written. Returns S + S·erf with S = s / 2.
 */
// @ts-ignore: decorator
@inline export function gelu_dnnl_v(s: v128): v128 {
  const x = fmul(s, dk(0));
  const ex = dnnl_exp_v(f32x4.neg(fmul(x, x)));
  // erf = sign(x)·(1 - r(t)·t·e^(-x²)), t = 1 / (approx·|x| + 1)
  const erf = dnnl_erf_v(x, ex);
  const h = fmul(s, fs(0.5)); // S = 0.5·s (the older injector's S = x·(1/√2) misses ~30% of floats: not this build)
  return ffma(erf, h, h);
}
export function gelu_dnnl_f32(x: f32): f32 { return lane0(gelu_dnnl_v(f32x4.splat(x))); }

/** oneDNN's exp_compute_vector_fwd (gelu_erf's): lanes below ln(FLT_MIN) get 2^(n-1) = 0; vminps / vmaxps clamp (NaN
 *  to the max). */
// @ts-ignore: decorator
@inline function dnnl_exp_v(e: v128): v128 {
  const under = f32x4.lt(e, dk(1));
  const c = sel(e, dk(2), f32x4.lt(e, dk(2))); // vminps(e, max): e where e < max, else the max
  const v = sel(c, dk(1), f32x4.gt(c, dk(1))); // vmaxps(c, min)
  const fl = f32x4.floor(fadd(fmul(v, dk(3)), fs(0.5)));
  const r = fnma(fl, dk(4), v); // vfnmadd231ps: v - fl·ln2, one rounding
  const p2n = v128.andnot(i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(fsub(fl, fs(1))), is(127)), 23), under);
  let p = ffma(dk(5), r, dk(6));
  p = ffma(p, r, dk(7));
  p = ffma(p, r, dk(8));
  p = ffma(p, r, dk(9));
  p = ffma(p, r, fs(1));
  return fmul(fmul(p, p2n), fs(2));
}
/** gelu_erf's erf(x) given ex = e^(-x²): sign(x)·(1 - r(t)·t·ex), t = 1 / (approx·|x| + 1). */
// @ts-ignore: decorator
@inline function dnnl_erf_v(x: v128, ex: v128): v128 {
  const t = fdiv(fs(1), ffma(dk(10), f32x4.abs(x), fs(1)));
  const m = fmul(f32x4.neg(ex), t);
  let q = ffma(dk(11), t, dk(12));
  q = ffma(q, t, dk(13));
  q = ffma(q, t, dk(14));
  q = ffma(q, t, dk(15));
  return v128.xor(ffma(m, q, fs(1)), v128.and(x, is(SIGN)));
}

/**
 * GELU'(s) as PyTorch 1.13's gelu_backward computes it for a contiguous float input of more than one element: oneDNN's
 * eltwise_gelu_erf backward, jit_uni_eltwise_injector_f32's gelu_erf_compute_vector_bwd (oneDNN 2.6) on every element:
 * with R = s / √2, (R / √π)·e^(-R²) + 0.5, plus 0.5·erf(R) in one fused step (the kernel then multiplies by the
 * gradient). The erf and exp are the forward's.
 */
// @ts-ignore: decorator
@inline export function gelu_dnnl_bwd_v(s: v128): v128 {
  const r = fmul(s, dk(0));
  const q = dnnl_exp_v(f32x4.neg(fmul(r, r)));
  const p = fadd(fmul(fmul(r, dk(16)), q), fs(0.5));
  return ffma(dnnl_erf_v(r, q), fs(0.5), p);
}

// ---------------------------------------------------------------- SLEEF's expm1 (PyTorch's Vectorized<float>::expm1)

/**
 * e^x - 1 as PyTorch 1.13's Vectorized<float>::expm1 on AVX2 computes it (torch.expm1 on every element: vml's map over
 * whole and partial vectors): SLEEF 3's xexpm1f (Sleef_expm1f8_u10), expk2f of (x, 0) in double-float arithmetic minus
 * 1; above 88.72283 +inf, below -16.635532 -1, -0 kept.
 */
// @ts-ignore: decorator
@inline export function expm1_sleef_v(a: v128): v128 {
  let x = expk2f_then(a, fs(0), EK_MINUS_ONE);
  x = sel(fs(F_INF), x, f32x4.gt(a, fs(88.72283172607421875)));
  x = sel(fs(-1), x, f32x4.lt(a, fs(-16.635532333438687426013570)));
  return sel(a, x, i32x4.eq(a, is(SIGN))); // -0
}
/** expm1_sleef_v not inlined (as exp_one). */
export function expm1_sleef_one(x: v128): v128 { return expm1_sleef_v(x); }
export function expm1_sleef_f32(x: f32): f32 { return lane0(expm1_sleef_one(f32x4.splat(x))); }

// ---------------------------------------------------------------- SLEEF's sin, cos and log1p (PyTorch's Vectorized<float>)

// Sleef_rempitabsp (SLEEF 3.5's rempitab.c): per row ilogb(x) - 25 (from 0), four floats of 1/(2π) from that bit on,
// as bits read out of the libsleef.so 3.5.1 that PyTorch runs (Debian's), so no decimal is re-rounded here
const REMPITAB = memory.data<i32>([
  0x3e22f980, 0x335b9390, 0x2782a540, 0x9b762a0c, // 0
  0x3d0be60c, 0x31dc9c88, 0x24a94fe0, 0x191d5f48, // 1
  0x3d0be60c, 0x31dc9c88, 0x24a94fe0, 0x191d5f48, // 2
  0x3b3e60dc, 0xaed8ddf4, 0xa33580f4, 0x980a82e1, // 3
  0x3b3e60dc, 0xaed8ddf4, 0xa33580f4, 0x980a82e1, // 4
  0x3b3e60dc, 0xaed8ddf4, 0xa33580f4, 0x980a82e1, // 5
  0x3b3e60dc, 0xaed8ddf4, 0xa33580f4, 0x980a82e1, // 6
  0x3a79836c, 0x2f139104, 0x23a53f84, 0x17eafa3f, // 7
  0x3a79836c, 0x2f139104, 0x23a53f84, 0x17eafa3f, // 8
  0x39f306dc, 0x2d9c8828, 0x2294fe14, 0x96282e0b, // 9
  0x39660db8, 0x2d9c8828, 0x2294fe14, 0x96282e0b, // 10
  0x38cc1b70, 0x2d9c8828, 0x2294fe14, 0x96282e0b, // 11
  0x381836e4, 0x2c644150, 0x2127f09c, 0x15afa3ea, // 12
  0x36c1b724, 0x2bc882a4, 0x201fc274, 0x14be8faa, // 13
  0x36c1b724, 0x2bc882a4, 0x201fc274, 0x14be8faa, // 14
  0x36c1b724, 0x2bc882a4, 0x201fc274, 0x14be8faa, // 15
  0x36036e4c, 0x2b110548, 0x201fc274, 0x14be8faa, // 16
  0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f, // 17
  0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f, // 18
  0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f, // 19
  0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f, // 20
  0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f, // 21
  0x335b9390, 0x2782a540, 0x9b762a0c, 0x0efa9a6f, // 22
  0x32b72720, 0x2782a540, 0x9b762a0c, 0x0efa9a6f, // 23
  0x31dc9c88, 0x24a94fe0, 0x191d5f48, 0x8c2cb224, // 24
  0x31dc9c88, 0x24a94fe0, 0x191d5f48, 0x8c2cb224, // 25
  0x31393910, 0x24a94fe0, 0x191d5f48, 0x8c2cb224, // 26
  0x3064e440, 0x24a94fe0, 0x191d5f48, 0x8c2cb224, // 27
  0x3064e440, 0x24a94fe0, 0x191d5f48, 0x8c2cb224, // 28
  0x2fc9c880, 0x24a94fe0, 0x191d5f48, 0x8c2cb224, // 29
  0x2f139104, 0x23a53f84, 0x17eafa3c, 0x0ca9a6ee, // 30
  0x2d9c8828, 0x2294fe14, 0x96282e08, 0x8b32c890, // 31
  0x2d9c8828, 0x2294fe14, 0x96282e08, 0x8b32c890, // 32
  0x2d9c8828, 0x2294fe14, 0x96282e08, 0x8b32c890, // 33
  0x2c644150, 0x2127f09c, 0x15afa3e8, 0x0a9a6ee0, // 34
  0x2c644150, 0x2127f09c, 0x15afa3e8, 0x0a9a6ee0, // 35
  0x2c644150, 0x2127f09c, 0x15afa3e8, 0x0a9a6ee0, // 36
  0x2bc882a4, 0x201fc274, 0x14be8fa8, 0x09537703, // 37
  0x2b110548, 0x201fc274, 0x14be8fa8, 0x09537703, // 38
  0x29882a54, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c, // 39
  0x29882a54, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c, // 40
  0x29882a54, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c, // 41
  0x2782a540, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c, // 42
  0x2782a540, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c, // 43
  0x2782a540, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c, // 44
  0x2782a540, 0x9b762a0c, 0x0efa9a6c, 0x03b81b6c, // 45
  0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15, // 46
  0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15, // 47
  0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15, // 48
  0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15, // 49
  0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15, // 50
  0x24a94fe0, 0x191d5f48, 0x8c2cb224, 0x0006db15, // 51
  0x23a53f84, 0x17eafa3c, 0x0ca9a6ec, 0x0181b6c5, // 52
  0x23a53f84, 0x17eafa3c, 0x0ca9a6ec, 0x0181b6c5, // 53
  0x2294fe14, 0x96282e08, 0x8b32c890, 0x0006db15, // 54
  0x2294fe14, 0x96282e08, 0x8b32c890, 0x0006db15, // 55
  0x2127f09c, 0x15afa3e8, 0x0a9a6ee0, 0x0006db15, // 56
  0x2127f09c, 0x15afa3e8, 0x0a9a6ee0, 0x0006db15, // 57
  0x2127f09c, 0x15afa3e8, 0x0a9a6ee0, 0x0006db15, // 58
  0x201fc274, 0x14be8fa8, 0x09537700, 0x0006db15, // 59
  0x201fc274, 0x14be8fa8, 0x09537700, 0x0006db15, // 60
  0x1efe13ac, 0x91382b2c, 0x8508fc90, 0x800004eb, // 61
  0x1efe13ac, 0x91382b2c, 0x8508fc90, 0x800004eb, // 62
  0x1efe13ac, 0x91382b2c, 0x8508fc90, 0x800004eb, // 63
  0x1e7c2758, 0x91382b2c, 0x8508fc90, 0x800004eb, // 64
  0x1df84eb0, 0x91382b2c, 0x8508fc90, 0x800004eb, // 65
  0x3d709d5c, 0x3251f534, 0x265dc0d8, 0x1b58a566, // 66
  0x3ce13abc, 0x31a3ea68, 0x265dc0d8, 0x1b58a566, // 67
  0x3c42757c, 0x308fa9a4, 0x25bb81b4, 0x1ab14acd, // 68
  0x3b84eaf8, 0x308fa9a4, 0x25bb81b4, 0x1ab14acd, // 69
  0x391d5f48, 0xac2cb224, 0x1e5b6294, 0x12cc9e22, // 70
  0x391d5f48, 0xac2cb224, 0x1e5b6294, 0x12cc9e22, // 71
  0x391d5f48, 0xac2cb224, 0x1e5b6294, 0x12cc9e22, // 72
  0x391d5f48, 0xac2cb224, 0x1e5b6294, 0x12cc9e22, // 73
  0x391d5f48, 0xac2cb224, 0x1e5b6294, 0x12cc9e22, // 74
  0x37eafa3c, 0x2ca9a6ec, 0x2181b6c4, 0x1615993c, // 75
  0x37eafa3c, 0x2ca9a6ec, 0x2181b6c4, 0x1615993c, // 76
  0x37eafa3c, 0x2ca9a6ec, 0x2181b6c4, 0x1615993c, // 77
  0x3755f47c, 0x2ba69bb8, 0x1e5b6294, 0x12cc9e22, // 78
  0x36abe8f8, 0x2ba69bb8, 0x1e5b6294, 0x12cc9e22, // 79
  0x35afa3e8, 0x2a9a6ee0, 0x1e5b6294, 0x12cc9e22, // 80
  0x35afa3e8, 0x2a9a6ee0, 0x1e5b6294, 0x12cc9e22, // 81
  0x34be8fa8, 0x29537700, 0x1e5b6294, 0x12cc9e22, // 82
  0x34be8fa8, 0x29537700, 0x1e5b6294, 0x12cc9e22, // 83
  0x33fa3ea4, 0x28a6ee04, 0x1db6c528, 0x12cc9e22, // 84
  0x33fa3ea4, 0x28a6ee04, 0x1db6c528, 0x12cc9e22, // 85
  0x33747d4c, 0x279bb818, 0x1cdb14ac, 0x10c9e21d, // 86
  0x32e8fa98, 0x279bb818, 0x1cdb14ac, 0x10c9e21d, // 87
  0x3251f534, 0x265dc0d8, 0x1b58a564, 0x1013c439, // 88
  0x31a3ea68, 0x265dc0d8, 0x1b58a564, 0x1013c439, // 89
  0x308fa9a4, 0x25bb81b4, 0x1ab14acc, 0x0e9e21c8, // 90
  0x308fa9a4, 0x25bb81b4, 0x1ab14acc, 0x0e9e21c8, // 91
  0x2efa9a6c, 0x23b81b6c, 0x1725664c, 0x0c443904, // 92
  0x2efa9a6c, 0x23b81b6c, 0x1725664c, 0x0c443904, // 93
  0x2efa9a6c, 0x23b81b6c, 0x1725664c, 0x0c443904, // 94
  0x2efa9a6c, 0x23b81b6c, 0x1725664c, 0x0c443904, // 95
  0x2e7534dc, 0x22e06db0, 0x1725664c, 0x0c443904, // 96
  0x2dea69bc, 0xa17c9274, 0x95d4cd84, 0x8ade37df, // 97
  0x2d54d374, 0x2240db60, 0x1725664c, 0x0c443904, // 98
  0x2ca9a6ec, 0x2181b6c4, 0x1615993c, 0x09872084, // 99
  0x2ba69bb8, 0x1e5b6294, 0x12cc9e20, 0x07641080, // 100
  0x2ba69bb8, 0x1e5b6294, 0x12cc9e20, 0x07641080, // 101
  0x2a9a6ee0, 0x1e5b6294, 0x12cc9e20, 0x07641080, // 102
  0, 0, 0, 0, // 103: inf and NaN (SLEEF reads past its table; the lane is NaN either way)
], 16);

// sin, cos and log1p's constants as f32x4 lanes (bits; a load each: see EXPK)
const SLK = memory.data<i32>([
  0x3ea2f983, 0x3ea2f983, 0x3ea2f983, 0x3ea2f983, // 0: 1/π (float)M_1_PI
  0xc0490e00, 0xc0490e00, 0xc0490e00, 0xc0490e00, // 1: -PI_A2f
  0xb8ed5000, 0xb8ed5000, 0xb8ed5000, 0xb8ed5000, // 2: -PI_B2f
  0xb1085a31, 0xb1085a31, 0xb1085a31, 0xb1085a31, // 3: -PI_C2f
  0xbfc90e00, 0xbfc90e00, 0xbfc90e00, 0xbfc90e00, // 4: -PI_A2f/2
  0xb86d5000, 0xb86d5000, 0xb86d5000, 0xb86d5000, // 5: -PI_B2f/2
  0xb0885a31, 0xb0885a31, 0xb0885a31, 0xb0885a31, // 6: -PI_C2f/2
  0x362f0a87, 0x362f0a87, 0x362f0a87, 0x362f0a87, // 7: 2.6083159809786593541503e-06 (the polynomial)
  0xb94fbaeb, 0xb94fbaeb, 0xb94fbaeb, 0xb94fbaeb, // 8: -0.0001981069071916863322258
  0x3c088777, 0x3c088777, 0x3c088777, 0x3c088777, // 9: 0.00833307858556509017944336
  0xbe2aaaa6, 0xbe2aaaa6, 0xbe2aaaa6, 0xbe2aaaa6, // 10: -0.166666597127914428710938
  0x42fa0000, 0x42fa0000, 0x42fa0000, 0x42fa0000, // 11: TRIGRANGEMAX2f, 125
  0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, // 12: 1
  0x3e9aff5c, 0x3e9aff5c, 0x3e9aff5c, 0x3e9aff5c, // 13: log1p: 0.3027294874
  0x3ecc99ca, 0x3ecc99ca, 0x3ecc99ca, 0x3ecc99ca, // 14: 0.3996108174
  0x3f2aaada, 0x3f2aaada, 0x3f2aaada, 0x3f2aaada, // 15: 0.6666694880
  0x3f317218, 0x3f317218, 0x3f317218, 0x3f317218, // 16: ln 2, hi 0.69314718246459960938
  0xb102e308, 0xb102e308, 0xb102e308, 0xb102e308, // 17: lo -1.904654323148236017e-09
  0x3faaaaab, 0x3faaaaab, 0x3faaaaab, 0x3faaaaab, // 18: 1.0f / 0.75f
  0x7e967699, 0x7e967699, 0x7e967699, 0x7e967699, // 19: 1e+38
], 16);
// @ts-ignore: decorator
@inline function slk(i: i32): v128 { return v128.load(SLK + (<usize>i << 4)); }

// SLK's rows
const SL_1_PI = 0;
const SL_PI_A2 = 1;
const SL_PI_B2 = 2;
const SL_PI_C2 = 3;
const SL_PI_A2H = 4;
const SL_PI_B2H = 5;
const SL_PI_C2H = 6;
const SL_P0 = 7;
const SL_P1 = 8;
const SL_P2 = 9;
const SL_P3 = 10;
const SL_RANGE = 11;
const SL_ONE = 12;
const SL_L0 = 13;
const SL_L1 = 14;
const SL_L2 = 15;
const SL_LN2_HI = 16;
const SL_LN2_LO = 17;
const SL_R075 = 18;
const SL_BIG = 19;

/** Float `k` (0..3) of each lane's REMPITAB row `ex` (SLEEF's vgather_vf_p_vi2). */
// @ts-ignore: decorator
@inline function rempitab(ex: v128, k: i32): v128 {
  const base = REMPITAB + (<usize>k << 2);
  let r = f32x4.splat(load<f32>(base + (<usize>i32x4.extract_lane(ex, 0) << 4)));
  r = f32x4.replace_lane(r, 1, load<f32>(base + (<usize>i32x4.extract_lane(ex, 1) << 4)));
  r = f32x4.replace_lane(r, 2, load<f32>(base + (<usize>i32x4.extract_lane(ex, 2) << 4)));
  return f32x4.replace_lane(r, 3, load<f32>(base + (<usize>i32x4.extract_lane(ex, 3) << 4)));
}

/**
 * SLEEF 3.5's slow reduction in xsinf_u1 / xcosf_u1 (taken by a whole vector once any lane is not below 125 in
 * magnitude, NaN included): rempif's Payne-Hanek step (x times 1/(2π) from REMPITAB in double-float, rempisubf's
 * quarters taken off twice, times 2π), then sin's or cos's own quadrant and shift by π/2, normalized; inf and NaN give
 * NaN. `part` picks the reduced argument's high float (0), its low float (1) or the quadrant q (2): one vector out keeps
 * the relaxed module free of globals, and this rare path runs three times for it. Parts 3 to 5 are rempif's result
 * itself, for tan (xtanf_u1 takes it unshifted): high float, low float, q.
 */
function sincos_rempi(d: v128, cos: bool, part: i32): v128 {
  // rempif(d): a scaled by 2^-64 past ilogb 90 (then read off row ilogb - 25 all the same, as SLEEF does)
  let ex = i32x4.sub(v128.and(i32x4.shr_u(d, 23), is(0xff)), is(0x7f + 25));
  const a = i32x4.add(d, i32x4.shl(v128.and(i32x4.gt_s(ex, is(90 - 25)), is(-64)), 23));
  ex = v128.andnot(ex, i32x4.shr_s(ex, 31));
  // x = dfmul(a, t0); rempisubf(x.x); dfnormalize
  let t = rempitab(ex, 0);
  let xx = fmul(a, t);
  let xy = ffms(a, t, xx);
  let y4 = f32x4.nearest(fmul(xx, fs(4)));
  let q = i32x4.trunc_sat_f32x4_s(fsub(y4, fmul(f32x4.nearest(xx), fs(4))));
  xx = fsub(xx, fmul(y4, fs(0.25)));
  let s = fadd(xx, xy);
  xy = fadd(fsub(xx, s), xy);
  xx = s;
  // x = dfadd2(x, dfmul(a, t1)); rempisubf(x.x); dfnormalize
  t = rempitab(ex, 1);
  let yx = fmul(a, t);
  let yy = ffms(a, t, yx);
  s = fadd(xx, yx);
  let v = fsub(s, xx);
  xy = fadd(fadd(fsub(xx, fsub(s, v)), fsub(yx, v)), fadd(xy, yy));
  xx = s;
  y4 = f32x4.nearest(fmul(xx, fs(4)));
  q = i32x4.add(q, i32x4.trunc_sat_f32x4_s(fsub(y4, fmul(f32x4.nearest(xx), fs(4)))));
  xx = fsub(xx, fmul(y4, fs(0.25)));
  s = fadd(xx, xy);
  xy = fadd(fsub(xx, s), xy);
  xx = s;
  // x = dfadd2(x, dfmul((t2, t3), a)); dfnormalize
  t = rempitab(ex, 2);
  yx = fmul(t, a);
  yy = ffma(rempitab(ex, 3), a, ffms(t, a, yx));
  s = fadd(xx, yx);
  v = fsub(s, xx);
  xy = fadd(fadd(fsub(xx, fsub(s, v)), fsub(yx, v)), fadd(xy, yy));
  xx = fadd(s, xy);
  xy = fadd(fsub(s, xx), xy);
  // x = dfmul(x, 2π as (3.1415927410125732422f * 2, -8.7422776573475857731e-08f * 2)); (a, 0) below 0.7
  const px = is(0x40c90fdb);
  const mx = fmul(xx, px);
  const my = ffma(xx, is(0xb43bbd2e), ffma(xy, px, ffms(xx, px, mx)));
  const small = f32x4.lt(f32x4.abs(a), fs(0.7));
  xx = sel(a, mx, small);
  xy = v128.andnot(my, small);
  // tan (parts 3, 4, 5: rempif's own high float, low float and q), inf and NaN lanes all ones in both floats
  if (part == 5) return q;
  if (part >= 3) return v128.or(part == 3 ? xx : xy, i32x4.ge_u(v128.and(d, is(0x7fffffff)), is(0x7f800000)));
  // sin: q = ((q & 3) * 2 + (x > 0 ? 2 : 1)) >> 2, and x - (±π/2) where q is odd; cos: ((q & 3) * 2 + (x > 0 ? 8 :
  // 7)) >> 1, and x + (±π/2) where q is even (the sign from x > 0 for both)
  const pos = f32x4.gt(xx, fs(0));
  let qq = i32x4.add(i32x4.shl(v128.and(q, is(3)), 1), sel(is(cos ? 8 : 2), is(cos ? 7 : 1), pos));
  qq = i32x4.shr_s(qq, cos ? 1 : 2);
  const o = i32x4.eq(v128.and(q, is(1)), is(cos ? 0 : 1));
  // (3.1415927410125732422f * -0.5, -8.7422776573475857731e-08f * -0.5) with x's sign (sin), or with sign -(x <= 0) (cos)
  const sg = cos ? v128.andnot(is(SIGN), pos) : v128.and(xx, is(SIGN));
  const hx = v128.xor(is(0xbfc90fdb), sg);
  const hy = v128.xor(is(0x333bbd2e), sg);
  s = fadd(xx, hx);
  v = fsub(s, xx);
  const sy = fadd(fadd(fsub(xx, fsub(s, v)), fsub(hx, v)), fadd(xy, hy));
  xx = sel(s, xx, o);
  xy = sel(sy, xy, o);
  if (part == 2) return qq;
  // dfnormalize; inf and NaN lanes: all ones (NaN)
  s = fadd(xx, xy);
  if (part == 1) return fadd(fsub(xx, s), xy);
  return v128.or(s, i32x4.ge_u(v128.and(d, is(0x7fffffff)), is(0x7f800000)));
}

/**
 * sin(d) (cos = false) or cos(d) as PyTorch 1.13's Vectorized<float>::sin / cos on AVX2 compute them: SLEEF 3.5's
 * xsinf_u1 / xcosf_u1 (Sleef_sinf8_u10, Sleef_cosf8_u10), fused steps through ffma / ffms. `slow` is SLEEF's choice for
 * the whole 8-float vector this lane is in (sincos_slow): below 125 a three-part Cody-Waite reduction by π (sin) or
 * around odd multiples of π/2 (cos) in double-float, else sincos_rempi; the two give a lane different bits now and then
 * (1 in 2,400 floats below 125 for sin, 1 in 200 for cos: checked against libsleef), so the caller keeps PyTorch's
 * 8-float grouping. Then SLEEF's polynomial in the squared double-float argument; sin keeps -0.
 */
// @ts-ignore: decorator
@inline export function sincos_sleef_v(d: v128, slow: bool, cos: bool): v128 {
  let sx: v128, sy: v128, q: v128;
  if (slow) {
    sx = sincos_rempi(d, cos, 0);
    sy = sincos_rempi(d, cos, 1);
    q = sincos_rempi(d, cos, 2);
  } else if (!cos) {
    // u = rint(d / π); s = dfadd(dfadd2(fma(u, -PI_A2f, d), u * -PI_B2f), u * -PI_C2f)
    const u = f32x4.nearest(fmul(d, slk(SL_1_PI)));
    q = i32x4.trunc_sat_f32x4_s(u);
    const v = ffma(u, slk(SL_PI_A2), d);
    const w = fmul(u, slk(SL_PI_B2));
    const rx = fadd(v, w);
    const t = fsub(rx, v);
    const ry = fadd(fsub(v, fsub(rx, t)), fsub(w, t));
    const c = fmul(u, slk(SL_PI_C2));
    sx = fadd(rx, c);
    sy = fadd(fadd(fsub(rx, sx), c), ry);
  } else {
    // dq = 2 rint(d / π - 1/2) + 1 (SLEEF's fma there is exact: an odd integer below 2^8); s = d + dq (-π/2) in three
    // parts, dfadd2 each
    const r = f32x4.nearest(ffma(d, slk(SL_1_PI), fs(-0.5)));
    const dq = ASC_FEATURE_RELAXED_SIMD ? ffma(r, fs(2), slk(SL_ONE)) : fadd(fmul(r, fs(2)), slk(SL_ONE));
    q = i32x4.trunc_sat_f32x4_s(dq);
    let w = fmul(dq, slk(SL_PI_A2H));
    sx = fadd(d, w);
    let t = fsub(sx, d);
    sy = fadd(fsub(d, fsub(sx, t)), fsub(w, t));
    w = fmul(dq, slk(SL_PI_B2H));
    let rx = fadd(sx, w);
    t = fsub(rx, sx);
    sy = fadd(fadd(fsub(sx, fsub(rx, t)), fsub(w, t)), sy);
    sx = rx;
    w = fmul(dq, slk(SL_PI_C2H));
    rx = fadd(sx, w);
    t = fsub(rx, sx);
    sy = fadd(fadd(fsub(sx, fsub(rx, t)), fsub(w, t)), sy);
    sx = rx;
  }
  // s² = dfsqu(s); u = the polynomial in s².x; x = dfadd(1, dfmul(dfadd(-0.1666..., u s².x), s²)); r = dfmul(s, x)
  const zx = fmul(sx, sx);
  const zy = ffma(fadd(sx, sx), sy, ffms(sx, sx, zx));
  let u = ffma(slk(SL_P0), zx, slk(SL_P1));
  u = ffma(u, zx, slk(SL_P2));
  const b = fmul(u, zx);
  const ax = fadd(slk(SL_P3), b);
  const ay = fadd(fsub(slk(SL_P3), ax), b);
  const mx = fmul(ax, zx);
  const my = ffma(ax, zy, ffma(ay, zx, ffms(ax, zx, mx)));
  const xx = fadd(slk(SL_ONE), mx);
  const xy = fadd(fadd(fsub(slk(SL_ONE), xx), mx), my);
  let r = ffma(sx, xx, ffma(sy, xx, fmul(sx, xy)));
  if (cos) return v128.xor(r, v128.and(i32x4.eq(v128.and(q, is(2)), is(0)), is(SIGN)));
  r = v128.xor(r, i32x4.shl(q, 31)); // odd q: negate
  return sel(d, r, i32x4.eq(d, is(SIGN))); // -0
}

/** Whether SLEEF's sin / cos take the slow reduction for the 8-float AVX2 vector (x0, x1): a lane not below 125 in
 *  magnitude, or NaN. */
// @ts-ignore: decorator
@inline export function sincos_slow(x0: v128, x1: v128): bool {
  const m = slk(SL_RANGE);
  return !i32x4.all_true(v128.and(f32x4.lt(f32x4.abs(x0), m), f32x4.lt(f32x4.abs(x1), m)));
}

/**
 * log(1 + d) as PyTorch 1.13's Vectorized<float>::log1p on AVX2 computes it (torch.log1p on every element, vml's map):
 * SLEEF 3.5's xlog1pf (Sleef_log1pf8_u10), m = d 2^-e + (2^-e - 1) in one fused step, then log's double-float steps
 * (dfmul, dfdiv, its polynomial) through ffma / ffms. Its bounds as SLEEF has them: +inf above 1e38 (so log1p(3e38) is
 * inf where the true value is 88.6), NaN below -1, -inf at -1, -0 kept.
 */
// @ts-ignore: decorator
@inline export function log1p_sleef_v(d: v128): v128 {
  const one = slk(SL_ONE);
  let dp1 = fadd(d, one);
  const o = f32x4.lt(dp1, is(0x00800000)); // FLT_MIN
  dp1 = sel(fmul(dp1, is(0x5f800000)), dp1, o); // 2^64
  let e = i32x4.sub(v128.and(i32x4.shr_u(fmul(dp1, slk(SL_R075)), 23), is(0xff)), is(0x7f));
  const t = i32x4.add(one, i32x4.shl(i32x4.neg(e), 23)); // 2^-e
  const m = ffma(d, t, fsub(t, one));
  e = sel(i32x4.sub(e, is(64)), e, o);
  const ef = f32x4.convert_i32x4_s(e);
  // s = (ln 2 hi, lo) e, as dfmul
  const sx = fmul(slk(SL_LN2_HI), ef);
  const sy = ffma(slk(SL_LN2_LO), ef, ffms(slk(SL_LN2_HI), ef, sx));
  // x = (m, 0) / dfadd(2, m)
  const two = fs(2);
  const dx = fadd(two, m);
  const dy = fadd(fsub(two, dx), m);
  const it = fdiv(one, dx);
  const qx = fmul(m, it);
  const qy = dfdiv_lo(m, fs(0), dx, dy, it, qx);
  const x2 = fmul(qx, qx);
  let p = ffma(slk(SL_L0), x2, slk(SL_L1));
  p = ffma(p, x2, slk(SL_L2));
  // s += 2x (dfadd of two double-floats), then s += x^3 p (dfadd of a float)
  const x2x = fmul(qx, two);
  const x2y = fmul(qy, two);
  const s1x = fadd(sx, x2x);
  const s1y = fadd(fadd(fadd(fsub(sx, s1x), x2x), sy), x2y);
  const w = fmul(fmul(x2, qx), p);
  const s2x = fadd(s1x, w);
  const s2y = fadd(fadd(fsub(s1x, s2x), w), s1y);
  let r = fadd(s2x, s2y);
  r = sel(fs(F_INF), r, f32x4.gt(d, slk(SL_BIG)));
  r = v128.or(r, f32x4.gt(fs(-1), d));
  r = sel(fs(-F_INF), r, f32x4.eq(d, fs(-1)));
  return sel(d, r, i32x4.eq(d, is(SIGN))); // -0
}
/** log1p_sleef_v not inlined (as exp_one). */
export function log1p_sleef_one(x: v128): v128 { return log1p_sleef_v(x); }
export function log1p_sleef_f32(x: f32): f32 { return lane0(log1p_sleef_one(f32x4.splat(x))); }

// ---------------------------------------------------------------- SLEEF's log2, log10, atan, asin, acos (PyTorch's vml)
// torch.log2, log10, atan, asin and acos run SLEEF's u10 functions on every element (ATen's vml map, strided input
// gathered into a buffer), as ported here: sleefsimdsp.c's xlog2f, xlog10f, xatanf_u1 (atan2kf_u1), xasinf_u1 and
// xacosf_u1 with df.h's double-float steps in their FMA forms, each fused step through ffma/ffms/fnma.

/** The mantissa m of d in [0.75, 1.5) for SLEEF's logs (subnormals scaled by 2^64 first). */
// @ts-ignore: decorator
@inline function sleef_log_m(d0: v128): v128 {
  const tiny = f32x4.lt(d0, fs(1.17549435e-38));
  const d = sel(fmul(d0, fs(18446744073709551616.0)), d0, tiny);
  const e0 = i32x4.sub(v128.and(i32x4.shr_u(fmul(d, fs(<f32>(1.0 / 0.75))), 23), is(0xff)), is(0x7f));
  return i32x4.add(d, i32x4.shl(i32x4.neg(e0), 23));
}
/** The exponent that goes with sleef_log_m, as a float. */
// @ts-ignore: decorator
@inline function sleef_log_e(d0: v128): v128 {
  const tiny = f32x4.lt(d0, fs(1.17549435e-38));
  const d = sel(fmul(d0, fs(18446744073709551616.0)), d0, tiny);
  const e0 = i32x4.sub(v128.and(i32x4.shr_u(fmul(d, fs(<f32>(1.0 / 0.75))), 23), is(0xff)), is(0x7f));
  return f32x4.convert_i32x4_s(sel(i32x4.sub(e0, is(64)), e0, tiny));
}
/** x = (m - 1) / (m + 1) as the logs take it, a double-float (dfadd2 twice, then dfdiv): its high part... */
// @ts-ignore: decorator
@inline function sleef_log_qx(m: v128): v128 { return fmul(fadd(fs(-1), m), fdiv(fs(1), fadd(fs(1), m))); }
/** ...and its low part, for the qx of sleef_log_qx. */
// @ts-ignore: decorator
@inline function sleef_log_qy(m: v128, qx: v128): v128 {
  const nx = fadd(fs(-1), m);
  const nv = fsub(nx, fs(-1));
  const ny = fadd(fsub(fs(-1), fsub(nx, nv)), fsub(m, nv));
  const dx = fadd(fs(1), m);
  const dv = fsub(dx, fs(1));
  const dy = fadd(fsub(fs(1), fsub(dx, dv)), fsub(m, dv));
  return dfdiv_lo(nx, ny, dx, dy, fdiv(fs(1), dx), qx);
}
/** The logs' special values: +inf at +inf, NaN below 0 and at NaN, -inf at ±0. */
// @ts-ignore: decorator
@inline function sleef_log_special(d0: v128, r: v128): v128 {
  r = sel(fs(F_INF), r, f32x4.eq(d0, fs(F_INF)));
  r = sel(fs(F_NAN), r, v128.or(f32x4.lt(d0, fs(0)), f32x4.ne(d0, d0)));
  return sel(fs(-F_INF), r, f32x4.eq(d0, fs(0)));
}

/**
 * log2 as PyTorch 1.13's Vectorized<float>::log2 on AVX2 computes it (torch.log2 on every element): SLEEF 3's xlog2f
 * (Sleef_log2f8_u10): x = dfdiv(m - 1, m + 1), e + x * 2/ln 2 in double-float, plus x^3 times a polynomial in x^2.
 */
// @ts-ignore: decorator
@inline export function log2_sleef_v(d0: v128): v128 {
  const m = sleef_log_m(d0);
  const ef = sleef_log_e(d0);
  const qx = sleef_log_qx(m);
  const qy = sleef_log_qy(m, qx);
  const x2 = fmul(qx, qx);
  let p = ffma(fs(0.4374550283), x2, fs(0.5764790177));
  p = ffma(p, x2, fs(0.9618012905120));
  // s = dfadd2(e, dfmul(x, (2.8853900432586669922, 3.2734474483568488616e-08)))
  const cx = fs(2.8853900432586669922), cy = fs(3.2734474483568488616e-08);
  const mx = fmul(qx, cx);
  const my = ffma(qx, cy, ffma(qy, cx, ffms(qx, cx, mx)));
  const sx = fadd(ef, mx);
  let v = fsub(sx, ef);
  const sy = fadd(fadd(fsub(ef, fsub(sx, v)), fsub(mx, v)), my);
  // s = dfadd2(s, x2 * x * p)
  const w = fmul(fmul(x2, qx), p);
  const s2x = fadd(sx, w);
  v = fsub(s2x, sx);
  const s2y = fadd(fadd(fsub(sx, fsub(s2x, v)), fsub(w, v)), sy);
  return sleef_log_special(d0, fadd(s2x, s2y));
}
/** log2_sleef_v not inlined (as exp_one). */
export function log2_sleef_one(x: v128): v128 { return log2_sleef_v(x); }
export function log2_sleef_f32(x: f32): f32 { return lane0(log2_sleef_one(f32x4.splat(x))); }

/**
 * log10 as PyTorch 1.13's Vectorized<float>::log10 on AVX2 computes it (torch.log10 on every element): SLEEF 3's
 * xlog10f (Sleef_log10f8_u10): e log10(2) + x * 2/ln 10 in double-float, plus x^3 times a polynomial in x^2.
 */
// @ts-ignore: decorator
@inline export function log10_sleef_v(d0: v128): v128 {
  const m = sleef_log_m(d0);
  const ef = sleef_log_e(d0);
  const qx = sleef_log_qx(m);
  const qy = sleef_log_qy(m, qx);
  const x2 = fmul(qx, qx);
  let p = ffma(fs(0.1314289868), x2, fs(0.1735493541));
  p = ffma(p, x2, fs(0.2895309627));
  // s = dfmul((0.30103001, -1.432098889e-08), e)
  const lx = fs(0.30103001);
  const sx = fmul(lx, ef);
  const sy = ffma(fs(-1.432098889e-08), ef, ffms(lx, ef, sx));
  // s = dfadd(s, dfmul(x, (0.868588984, -2.170757285e-08)))
  const cx = fs(0.868588984), cy = fs(-2.170757285e-08);
  const mx = fmul(qx, cx);
  const my = ffma(qx, cy, ffma(qy, cx, ffms(qx, cx, mx)));
  const s1x = fadd(sx, mx);
  const s1y = fadd(fadd(fadd(fsub(sx, s1x), mx), sy), my);
  // s = dfadd(s, x2 * x * p)
  const w = fmul(fmul(x2, qx), p);
  const s2x = fadd(s1x, w);
  const s2y = fadd(fadd(fsub(s1x, s2x), w), s1y);
  return sleef_log_special(d0, fadd(s2x, s2y));
}
/** log10_sleef_v not inlined (as exp_one). */
export function log10_sleef_one(x: v128): v128 { return log10_sleef_v(x); }
export function log10_sleef_f32(x: f32): f32 { return lane0(log10_sleef_one(f32x4.splat(x))); }

/**
 * atan as PyTorch 1.13's Vectorized<float>::atan on AVX2 computes it (torch.atan on every element): SLEEF 3's xatanf_u1
 * (Sleef_atanf8_u10), atan2kf_u1 of (|d|, 0) over (1, 0) in double-float: s = the smaller over the larger, a polynomial
 * in s^2, plus q pi/2 (q = 1 where |d| > 1); pi/2 at ±inf, d's sign.
 */
// @ts-ignore: decorator
@inline export function atan_sleef_v(d: v128): v128 {
  const a = f32x4.abs(d);
  const p = f32x4.lt(fs(1), a);
  // s = p ? (-1, -0) : (|d|, 0); t = p ? (|d|, 0) : (1, 0); s = dfdiv(s, t)
  const nx = sel(fs(-1), a, p);
  const ny = v128.and(p, fs(-0.0));
  const dx = sel(a, fs(1), p);
  const it = fdiv(fs(1), dx);
  const sx = fmul(nx, it);
  const sy = dfdiv_lo(nx, ny, dx, fs(0), it, sx);
  // t = dfnormalize(dfsqu(s))
  const ux = fmul(sx, sx);
  const uy = ffma(fadd(sx, sx), sy, ffms(sx, sx, ux));
  const tx = fadd(ux, uy);
  const ty = fadd(fsub(ux, tx), uy);
  let u = ffma(fs(-0.00176397908944636583328247), tx, fs(0.0107900900766253471374512));
  u = ffma(u, tx, fs(-0.0309564601629972457885742));
  u = ffma(u, tx, fs(0.0577365085482597351074219));
  u = ffma(u, tx, fs(-0.0838950723409652709960938));
  u = ffma(u, tx, fs(0.109463557600975036621094));
  u = ffma(u, tx, fs(-0.142626821994781494140625));
  u = ffma(u, tx, fs(0.199983194470405578613281));
  // t = dfmul(t, dfadd(-0.333332866430282592773438, u * t.x))
  const c = fs(-0.333332866430282592773438);
  const w = fmul(u, tx);
  const bx = fadd(c, w);
  const by = fadd(fsub(c, bx), w);
  const t1x = fmul(tx, bx);
  const t1y = ffma(tx, by, ffma(ty, bx, ffms(tx, bx, t1x)));
  // t = dfmul(s, dfadd(1, t))
  const ox = fadd(fs(1), t1x);
  const oy = fadd(fadd(fsub(fs(1), ox), t1x), t1y);
  const t2x = fmul(sx, ox);
  const t2y = ffma(sx, oy, ffma(sy, ox, ffms(sx, ox, t2x)));
  // t = dfadd(dfmul((pi/2 hi, lo), q), t)
  const qf = v128.and(p, fs(1));
  const hx = fs(1.5707963705062866211);
  const mx = fmul(hx, qf);
  const my = ffma(fs(-4.3711388286737928865e-08), qf, ffms(hx, qf, mx));
  const rx = fadd(mx, t2x);
  const ry = fadd(fadd(fadd(fsub(mx, rx), t2x), my), t2y);
  let r = fadd(rx, ry);
  r = sel(fs(1.570796326794896557998982), r, f32x4.eq(a, fs(F_INF)));
  return v128.xor(r, v128.and(d, is(SIGN)));
}
/** atan_sleef_v not inlined (as exp_one). */
export function atan_sleef_one(x: v128): v128 { return atan_sleef_v(x); }
export function atan_sleef_f32(x: f32): f32 { return lane0(atan_sleef_one(f32x4.splat(x))); }

/** SLEEF's asin/acos argument: x2 = |d| < 0.5 ? d^2 : (1 - |d|) / 2. */
// @ts-ignore: decorator
@inline function asin_x2(d: v128, o: v128): v128 {
  return sel(fmul(d, d), fmul(fsub(fs(1), f32x4.abs(d)), fs(0.5)), o);
}
/** The high part of x = |d| < 0.5 ? (|d|, 0) : dfsqrt(x2), (0, 0) at |d| = 1 (asin_xlo gives the low part). */
// @ts-ignore: decorator
@inline function asin_xhi(d: v128, o: v128, x2: v128): v128 {
  const t = f32x4.sqrt(x2);
  // dfsqrt_vf2_vf: dfscale(dfmul(dfadd2(x2, dfmul(t, t)), dfrec(t)), 0.5), its high part
  const hi = sel(f32x4.abs(d), fmul(fmul(fadd(x2, fmul(t, t)), fdiv(fs(1), t)), fs(0.5)), o);
  return v128.andnot(hi, f32x4.eq(f32x4.abs(d), fs(1)));
}
// @ts-ignore: decorator
@inline function asin_xlo(d: v128, o: v128, x2: v128): v128 {
  const t = f32x4.sqrt(x2);
  const px = fmul(t, t);
  const py = ffms(t, t, px);
  const ax = fadd(x2, px);
  const v = fsub(ax, x2);
  const ay = fadd(fadd(fsub(x2, fsub(ax, v)), fsub(px, v)), py);
  const rx = fdiv(fs(1), t);
  const ry = fmul(rx, fnma(t, rx, fs(1)));
  const mx = fmul(ax, rx);
  const my = ffma(ax, ry, ffma(ay, rx, ffms(ax, rx, mx)));
  const lo = v128.andnot(fmul(my, fs(0.5)), o);
  return v128.andnot(lo, f32x4.eq(f32x4.abs(d), fs(1)));
}
/** u = P(x2) x2 x.x, the polynomial of xasinf_u1 and xacosf_u1. */
// @ts-ignore: decorator
@inline function asin_u(x2: v128, xx: v128): v128 {
  let u = ffma(fs(0.4197454825e-1), x2, fs(0.2424046025e-1));
  u = ffma(u, x2, fs(0.4547423869e-1));
  u = ffma(u, x2, fs(0.7495029271e-1));
  u = ffma(u, x2, fs(0.1666677296e+0));
  return fmul(u, fmul(x2, xx));
}

/**
 * asin as PyTorch 1.13's Vectorized<float>::asin on AVX2 computes it (torch.asin on every element): SLEEF 3's
 * xasinf_u1 (Sleef_asinf8_u10): below |d| = 0.5 |d| + u, above it 2 (pi/4 - x - u) with x = sqrt((1 - |d|)/2) as a
 * double-float; d's sign.
 */
// @ts-ignore: decorator
@inline export function asin_sleef_v(d: v128): v128 {
  const o = f32x4.lt(f32x4.abs(d), fs(0.5));
  const x2 = asin_x2(d, o);
  const xx = asin_xhi(d, o, x2);
  const xy = asin_xlo(d, o, x2);
  const u = asin_u(x2, xx);
  // y = dfsub(dfsub((pi/4 hi, lo), x), u)
  const cx = fs(<f32>3.1415927410125732422 / 4), cy = fs(<f32>-8.7422776573475857731e-08 / 4);
  const ax = fsub(cx, xx);
  const ay = fsub(fadd(fsub(fsub(cx, ax), xx), cy), xy);
  const yx = fsub(ax, u);
  const yy = fadd(fsub(fsub(ax, yx), u), ay);
  const r = sel(fadd(u, xx), fmul(fadd(yx, yy), fs(2)), o);
  return v128.xor(r, v128.and(d, is(SIGN)));
}
/** asin_sleef_v not inlined (as exp_one). */
export function asin_sleef_one(x: v128): v128 { return asin_sleef_v(x); }
export function asin_sleef_f32(x: f32): f32 { return lane0(asin_sleef_one(f32x4.splat(x))); }

/**
 * acos as PyTorch 1.13's Vectorized<float>::acos on AVX2 computes it (torch.acos on every element): SLEEF 3's
 * xacosf_u1 (Sleef_acosf8_u10): below |d| = 0.5 pi/2 - (x + u) with d's sign, above it 2 (x + u), from pi for d < 0,
 * all in double-float.
 */
// @ts-ignore: decorator
@inline export function acos_sleef_v(d: v128): v128 {
  const o = f32x4.lt(f32x4.abs(d), fs(0.5));
  const x2 = asin_x2(d, o);
  const xx = asin_xhi(d, o, x2);
  const xy = asin_xlo(d, o, x2);
  const u = asin_u(x2, xx);
  const sg = v128.and(d, is(SIGN));
  // y = dfsub((pi/2 hi, lo), dfadd(mulsign(x.x, d), mulsign(u, d)))
  const px = v128.xor(xx, sg), pu = v128.xor(u, sg);
  const bx = fadd(px, pu);
  const by = fadd(fsub(px, bx), pu);
  const cx = fs(<f32>3.1415927410125732422 / 2), cy = fs(<f32>-8.7422776573475857731e-08 / 2);
  let yx = fsub(cx, bx);
  let yy = fsub(fadd(fsub(fsub(cx, yx), bx), cy), by);
  // x = dfadd(x, u), scaled by 2 where |d| >= 0.5
  const zx = fadd(xx, u);
  const zy = fadd(fadd(fsub(xx, zx), u), xy);
  yx = sel(yx, fmul(zx, fs(2)), o);
  yy = sel(yy, fmul(zy, fs(2)), o);
  // pi - y where |d| >= 0.5 and d < 0
  const neg = v128.andnot(f32x4.lt(d, fs(0)), o);
  const pix = fs(3.1415927410125732422), piy = fs(-8.7422776573475857731e-08);
  const wx = fsub(pix, yx);
  const wy = fsub(fadd(fsub(fsub(pix, wx), yx), piy), yy);
  return fadd(sel(wx, yx, neg), sel(wy, yy, neg));
}
/** acos_sleef_v not inlined (as exp_one). */
export function acos_sleef_one(x: v128): v128 { return acos_sleef_v(x); }
export function acos_sleef_f32(x: f32): f32 { return lane0(acos_sleef_one(f32x4.splat(x))); }

// ---------------------------------------------------------------- SLEEF's sinh, cosh (PyTorch's Vectorized<float>)

/**
 * sinh as PyTorch 1.13's Vectorized<float>::sinh on AVX2 computes it (torch.sinh's whole 16-float blocks; glibc's
 * sinhf, libm.ts c_sinhf, on the rest): SLEEF 3's xsinhf (Sleef_sinhf8_u10), (e - 1/e) / 2 with e = expk2f(|x|) in
 * double-float; +inf beyond |x| = 89 (or where that is NaN), x's sign; NaN as all ones.
 */
// @ts-ignore: decorator
@inline export function sinh_sleef_v(x: v128): v128 {
  const a = f32x4.abs(x);
  let y = fmul(expk2f_then(a, fs(0), EK_SINH), fs(0.5));
  y = sel(fs(F_INF), y, v128.or(f32x4.gt(a, fs(89)), f32x4.ne(y, y)));
  y = v128.xor(y, v128.and(x, is(SIGN)));
  return v128.or(y, f32x4.ne(x, x));
}

/** cosh as PyTorch 1.13's Vectorized<float>::cosh on AVX2 computes it (SLEEF 3's xcoshf, Sleef_coshf8_u10): (e + 1/e) / 2
 *  with e = expk2f(|x|) in double-float; +inf beyond |x| = 89 (or where that is NaN); NaN as all ones. */
// @ts-ignore: decorator
@inline export function cosh_sleef_v(x: v128): v128 {
  const a = f32x4.abs(x);
  let y = fmul(expk2f_then(a, fs(0), EK_COSH), fs(0.5));
  y = sel(fs(F_INF), y, v128.or(f32x4.gt(a, fs(89)), f32x4.ne(y, y)));
  return v128.or(y, f32x4.ne(x, x));
}

// ---------------------------------------------------------------- SLEEF's erfc and lgamma (PyTorch's vml: every element)

/** vsel_vf_vo_vo_vo_f_f_f_f: c0 where o0, else c1 where o1, else c2 where o2, else c3. */
// @ts-ignore: decorator
@inline function sel4(o0: v128, o1: v128, o2: v128, c0: i32, c1: i32, c2: i32, c3: i32): v128 {
  return sel(is(c0), sel(is(c1), sel(is(c2), is(c3), o2), o1), o0);
}

/**
 * erfc(x) as PyTorch 1.13's Vectorized<float>::erfc on AVX2 computes it (torch.erfc through vml's map: every element,
 * partial vectors and strided input too): SLEEF 3's xerfcf_u15 (Sleef_erfcf8_u15), its fused steps through ffma / ffms.
 * With a = |x| and u = a below 2.2, else 1/a (dfdiv), a polynomial in u in double-float gives d, and erfc(a) is
 * expk2f(d a) below 2.2, expk2f(-a² + d) u from there (dfmul), 0 from 10.1; 2 - erfc(a) for negative x, NaN kept.
 * The constants are bits: SLEEF's float literals, and its double constants split as vcast_vf2_d does.
 */
// @ts-ignore: decorator
@inline export function erfc_sleef_v(s: v128): v128 {
  const a = f32x4.abs(s);
  const o0 = f32x4.lt(a, fs(1));
  const o1 = f32x4.lt(a, fs(2.2));
  const o2 = f32x4.lt(a, fs(4.3));
  // u = o1 ? (a, 0) : dfdiv((1, 0), (a, 0))
  const rt = fdiv(fs(1), a);
  const ux = sel(a, rt, o1);
  const uy = v128.andnot(dfdiv_lo(fs(1), fs(0), a, fs(0), rt, rt), o1);
  let t = sel4(o0, o1, o2, 0xb8b52722, 0xb6d1473a, 0xbec61e5d, 0x3f8ec399);
  t = ffma(t, ux, sel4(o0, o1, o2, 0x3a1d4a6f, 0x38712a3d, 0x3fa4dfb7, 0xbf720ba9));
  t = ffma(t, ux, sel4(o0, o1, o2, 0xbada53bd, 0x36c96c1a, 0xbfe88d02, 0xbebbc381));
  t = ffma(t, ux, sel4(o0, o1, o2, 0x393c3c5c, 0xbb3ad874, 0x3f9fe42d, 0x3f372f5b));
  t = ffma(t, ux, sel4(o0, o1, o2, 0x3c9ccdb7, 0x3cb92e80, 0xbe081337, 0xbc4eebd9));
  // d = dfmul(u, t), then dfadd2(d, c) and dfmul(d, u) twice, then dfadd2(d, c)
  let dx = fmul(ux, t);
  let dy = ffma(uy, t, ffms(ux, t, dx));
  let cx = sel4(o0, o1, o2, 0xbdd27be3, 0xbdd78c0c, 0xbef6f896, 0xbeff77e3);
  let cy = sel4(o0, o1, o2, 0xb0e6f042, 0x3170f21d, 0xaf1af648, 0xb20c7fd4);
  let rx = fadd(dx, cx);
  let v = fsub(rx, dx);
  let ry = fadd(fadd(fsub(dx, fsub(rx, v)), fsub(cx, v)), fadd(dy, cy));
  dx = fmul(rx, ux);
  dy = ffma(rx, uy, ffma(ry, ux, ffms(rx, ux, dx)));
  cx = sel4(o0, o1, o2, 0xbf22f97f, 0xbf22b74d, 0xbab03a01, 0xb845a2aa);
  cy = sel4(o0, o1, o2, 0x32d73f0d, 0xb2862974, 0x2e77e941, 0xabd98d08);
  rx = fadd(dx, cx);
  v = fsub(rx, dx);
  ry = fadd(fadd(fsub(dx, fsub(rx, v)), fsub(cx, v)), fadd(dy, cy));
  dx = fmul(rx, ux);
  dy = ffma(rx, uy, ffma(ry, ux, ffms(rx, ux, dx)));
  cx = sel4(o0, o1, o2, 0xbf906ebb, 0xbf9074a6, 0xbf12838d, 0xbf128673);
  cy = sel4(o0, o1, o2, 0x334d68b8, 0xb34567e3, 0x32d235ae, 0x31055aa9);
  rx = fadd(dx, cx);
  v = fsub(rx, dx);
  ry = fadd(fadd(fsub(dx, fsub(rx, v)), fsub(cx, v)), fadd(dy, cy));
  // x = dfmul(o1 ? d : (-a, 0), a); from 2.2 x = dfadd2(x, d)
  const mx = sel(rx, f32x4.neg(a), o1);
  const my = v128.and(ry, o1);
  const xx = fmul(mx, a);
  const xy = ffma(my, a, ffms(mx, a, xx));
  const sx = fadd(xx, rx);
  v = fsub(sx, xx);
  const sy = fadd(fadd(fsub(xx, fsub(sx, v)), fsub(rx, v)), fadd(xy, ry));
  // expk2f(x), times u from 2.2 (dfmul; below, times (1, 0): the same sum), 0 from 10.1
  let r = expk2f_then(sel(xx, sx, o1), sel(xy, sy, o1), EK_TIMES, sel(fs(1), ux, o1), v128.andnot(uy, o1));
  r = v128.and(r, f32x4.lt(a, fs(10.1)));
  r = sel(fsub(fs(2), r), r, i32x4.lt_s(s, is(0)));
  return sel(fs(F_NAN), r, f32x4.ne(s, s));
}


// Double-float steps (df.h's FMA forms) as single vectors, so that a pair's two parts are each computed once: the
// high part is the plain operation, these give the low part from it.
/** dfadd2's low part of a + b = s (a, b floats): the error of the sum. */
// @ts-ignore: decorator
@inline function add2_lo(a: v128, b: v128, s: v128): v128 {
  const v = fsub(s, a);
  return fadd(fsub(a, fsub(s, v)), fsub(b, v));
}
/** dfadd's low part of (xx, xy) + (yx, yy) = s + ...: ((xx - s) + yx) + xy + yy. */
// @ts-ignore: decorator
@inline function add_lo(xx: v128, xy: v128, yx: v128, yy: v128, s: v128): v128 {
  return fadd(fadd(fadd(fsub(xx, s), yx), xy), yy);
}
/** dfmul_vf2_vf2_vf2's low part of (xx, xy) · (yx, yy) with high part r = xx · yx. */
// @ts-ignore: decorator
@inline function mul22_lo(xx: v128, xy: v128, yx: v128, yy: v128, r: v128): v128 {
  return ffma(xx, yy, ffma(xy, yx, ffms(xx, yx, r)));
}
/** dfmul_vf2_vf2_vf's low part of (xx, xy) · y with high part r = xx · y. */
// @ts-ignore: decorator
@inline function mul21_lo(xx: v128, xy: v128, y: v128, r: v128): v128 { return ffma(xy, y, ffms(xx, y, r)); }

/** SLEEF 3's logk2f (FMA forms) of a double-float d: e = vilogbk(d.x · 4/3). */
// @ts-ignore: decorator
@inline function logk2f_e(dx: v128): v128 {
  let w = fmul(dx, is(0x3faaaaab)); // 1.0f / 0.75f
  const tiny = f32x4.lt(w, is(0x1f800000)); // 5.421010862427522e-20f
  w = sel(fmul(w, is(0x5f800000)), w, tiny); // 2^64
  return i32x4.sub(v128.and(i32x4.shr_u(w, 23), is(0xff)), sel(is(64 + 0x7f), is(0x7f), tiny));
}
/** 2^-e as vpow2i builds it. */
// @ts-ignore: decorator
@inline function logk2f_scale(e: v128): v128 { return i32x4.shl(i32x4.add(i32x4.neg(e), is(0x7f)), 23); }
/** logk2f's polynomial in x² (its high part). */
// @ts-ignore: decorator
@inline function logk2f_poly(x2x: v128): v128 {
  let t = ffma(is(0x3e750690), x2x, is(0x3e920364));
  t = ffma(t, x2x, is(0x3ecccd92));
  return ffma(t, x2x, is(0x3f2aaaab));
}
// logk2f's ln 2 as a double-float
const LK_LN2_HI: i32 = 0x3f317218;
const LK_LN2_LO: i32 = 0xb102e308;

/**
 * ln|Γ(x)| as PyTorch 1.13's Vectorized<float>::lgamma on AVX2 computes it (torch.lgamma through vml's map: every
 * element): SLEEF 3's xlgammaf_u1 (Sleef_lgammaf8_u10) over its gammafk, in double-float with the FMA forms of df.h
 * (fused steps through ffma / ffms): Γ's logarithm as (clc, clln / clld), Stirling's series from 2.3 (after the
 * product x(x + 1)(x + 2) below 7), polynomials around 1 and 2 below, the reflection through sinpifk below 0.5,
 * then clc + log|clln / clld|; +inf at poles, ±inf, and where a finite x gives NaN. The constants are bits:
 * SLEEF's float literals, its double ones as a float parameter takes them, vcast_vf2_d's splits.
 */
// @ts-ignore: decorator
@inline export function lgamma_sleef_v(a: v128): v128 {
  const otiny = f32x4.lt(f32x4.abs(a), is(0x0da24260)); // 1e-30f
  const oref = f32x4.lt(a, fs(0.5));
  // x = otiny ? (0, 0) : oref ? dfadd2(1, -a) : (a, 0)
  const na = f32x4.neg(a);
  const rx0 = fadd(fs(1), na);
  let v = fsub(rx0, fs(1));
  const ry0 = fadd(fsub(fs(1), fsub(rx0, v)), fsub(na, v));
  let xx = v128.andnot(sel(rx0, a, oref), otiny);
  let xy = v128.andnot(v128.and(ry0, oref), otiny);
  const o0 = v128.and(f32x4.le(fs(0.5), xx), f32x4.le(xx, is(0x3f99999a))); // 1.2f
  const o2 = f32x4.le(is(0x40133333), xx); // 2.3f
  // y = normalize(dfmul(dfadd2(x, 1), x)); y = normalize(dfmul(dfadd2(x, 2), y))
  let px = fadd(xx, fs(1));
  v = fsub(px, xx);
  let py = fadd(fadd(fsub(xx, fsub(px, v)), fsub(fs(1), v)), xy);
  let mx = fmul(px, xx);
  let my = ffma(px, xy, ffma(py, xx, ffms(px, xx, mx)));
  let yx = fadd(mx, my);
  let yy = fadd(fsub(mx, yx), my);
  px = fadd(xx, fs(2));
  v = fsub(px, xx);
  py = fadd(fadd(fsub(xx, fsub(px, v)), fsub(fs(2), v)), xy);
  mx = fmul(px, yx);
  my = ffma(px, yy, ffma(py, yx, ffms(px, yx, mx)));
  yx = fadd(mx, my);
  yy = fadd(fsub(mx, yx), my);
  // for 2.3 <= x <= 7: clln = y, x = dfadd2(x, 3)
  const o = v128.and(o2, f32x4.le(xx, fs(7)));
  let cllnx = sel(yx, fs(1), o), cllny = v128.and(yy, o);
  px = fadd(xx, fs(3));
  v = fsub(px, xx);
  py = fadd(fadd(fsub(xx, fsub(px, v)), fsub(fs(3), v)), xy);
  xx = sel(px, xx, o);
  xy = sel(py, xy, o);
  // t = o2 ? 1 / x.x : normalize(dfadd2(x, o0 ? -1 : -2)).x
  const cm = sel(fs(-1), fs(-2), o0);
  px = fadd(xx, cm);
  v = fsub(px, xx);
  py = fadd(fadd(fsub(xx, fsub(px, v)), fsub(cm, v)), xy);
  const t = sel(fdiv(fs(1), xx), fadd(px, py), o2);
  let u = sel(is(0x3a5c11ce), sel(is(0x3f718a40), is(0x38e73575), o0), o2);
  u = ffma(u, t, sel(is(0xb858ebaf), sel(is(0x3f5df421), is(0x38ab20c6), o0), o2));
  u = ffma(u, t, sel(is(0xba1b3b9e), sel(is(0x3ef7208e), is(0x39204586), o0), o2));
  u = ffma(u, t, sel(is(0x38923b02), sel(is(0xbdb55a62), is(0xb976f265), o0), o2));
  u = ffma(u, t, sel(is(0x3a4d87fb), sel(is(0x3dcfa1a4), is(0x3a02150b), o0), o2));
  u = ffma(u, t, sel(is(0xb9709e72), sel(is(0xbe18ecd2), is(0xba9c6ed0), o0), o2));
  u = ffma(u, t, sel(is(0xbb2fb934), sel(is(0x3e2dd32f), is(0x3b3d80fd), o0), o2));
  u = ffma(u, t, sel(is(0x3b638e39), sel(is(0xbe543827), is(0xbbf201a9), o0), o2));
  u = ffma(u, t, sel(is(0x3daaaaab), sel(is(0x3e8a8a69), is(0x3ca89901), o0), o2));
  // y = dfmul(dfadd2(x, -0.5), logk2f(x)); y = dfadd2(y, -x); y = dfadd2(y, 0.5 log(2π))
  px = fadd(xx, fs(-0.5));
  v = fsub(px, xx);
  py = fadd(fadd(fsub(xx, fsub(px, v)), fsub(fs(-0.5), v)), xy);
  // logk2f(x): m = x 2^-e, q = dfdiv(m - 1, m + 1), then e ln2 + 2q + q³ (a polynomial in q²), dfadd each
  let e = logk2f_e(xx);
  let sc = logk2f_scale(e);
  let lmx = fmul(xx, sc), lmy = fmul(xy, sc);
  let nx = fadd(lmx, fs(-1)), ny = fadd(add2_lo(lmx, fs(-1), nx), lmy);
  let ex = fadd(lmx, fs(1)), ey = fadd(add2_lo(lmx, fs(1), ex), lmy);
  let rt = fdiv(fs(1), ex);
  let qx = fmul(nx, rt), qy = dfdiv_lo(nx, ny, ex, ey, rt, qx);
  let x2x = fmul(qx, qx), x2y = ffma(fadd(qx, qx), qy, ffms(qx, qx, x2x));
  let lt = logk2f_poly(x2x);
  let ef = f32x4.convert_i32x4_s(e);
  let sx = fmul(is(LK_LN2_HI), ef), sy = ffma(is(LK_LN2_LO), ef, ffms(is(LK_LN2_HI), ef, sx));
  let qx2 = fmul(qx, fs(2)), qy2 = fmul(qy, fs(2));
  let s1x = fadd(sx, qx2), s1y = add_lo(sx, sy, qx2, qy2, s1x);
  let wx = fmul(x2x, qx), wy = mul22_lo(x2x, x2y, qx, qy, wx);
  let w2x = fmul(wx, lt), w2y = mul21_lo(wx, wy, lt, w2x);
  const lx = fadd(s1x, w2x), ly = add_lo(s1x, s1y, w2x, w2y, lx);
  mx = fmul(px, lx);
  my = ffma(px, ly, ffma(py, lx, ffms(px, lx, mx)));
  yx = fadd(mx, f32x4.neg(xx));
  v = fsub(yx, mx);
  yy = fadd(fadd(fsub(mx, fsub(yx, v)), fsub(f32x4.neg(xx), v)), fadd(my, f32x4.neg(xy)));
  px = fadd(yx, is(0x3f6b3f8e));
  v = fsub(px, yx);
  py = fadd(fadd(fsub(yx, fsub(px, v)), fsub(is(0x3f6b3f8e), v)), fadd(yy, is(0x32864beb)));
  // z = dfadd2(dfmul(u, t), c); z = dfadd2(dfmul(z, t), c) twice; z = dfmul(z, t)
  const utx = fmul(u, t);
  const uty = ffms(u, t, utx);
  let c = sel(is(0xbecd26c9), is(0xbd89f001), o0);
  let zx = fadd(utx, c);
  v = fsub(zx, utx);
  let zy = fadd(fadd(fsub(utx, fsub(zx, v)), fsub(c, v)), uty);
  mx = fmul(zx, t);
  my = ffma(zy, t, ffms(zx, t, mx));
  c = sel(is(0x3f528d32), is(0x3ea51a66), o0);
  zx = fadd(mx, c);
  v = fsub(zx, mx);
  zy = fadd(fadd(fsub(mx, fsub(zx, v)), fsub(c, v)), my);
  mx = fmul(zx, t);
  my = ffma(zy, t, ffms(zx, t, mx));
  c = sel(is(0xbf13c468), is(0x3ed87730), o0);
  zx = fadd(mx, c);
  v = fsub(zx, mx);
  zy = fadd(fadd(fsub(mx, fsub(zx, v)), fsub(c, v)), my);
  mx = fmul(zx, t);
  my = ffma(zy, t, ffms(zx, t, mx));
  let clcx = sel(px, mx, o2), clcy = sel(py, my, o2);
  // clld = o2 ? dfadd2(dfmul(u, t), 1) : (1, 0)
  px = fadd(utx, fs(1));
  v = fsub(px, utx);
  py = fadd(fadd(fsub(utx, fsub(px, v)), fsub(fs(1), v)), uty);
  const clldx = sel(px, fs(1), o2), clldy = v128.and(py, o2);
  // clc = otiny ? log(2^60) : oref ? dfadd2(log π, -clc) : clc
  const ncx = f32x4.neg(clcx), ncy = f32x4.neg(clcy);
  px = fadd(is(0x3f928682), ncx);
  v = fsub(px, is(0x3f928682));
  py = fadd(fadd(fsub(is(0x3f928682), fsub(px, v)), fsub(ncx, v)), fadd(is(0x330e7a1c), ncy));
  clcx = sel(is(0x42265af6), sel(px, clcx, oref), otiny);
  clcy = sel(is(0x35f0a965), sel(py, clcy, oref), otiny);
  // clln, clld: the reflection's clld · sin(πt) with t = a mod 4096 where oref, (a 2^60, 0) where tiny
  const cnx = sel(fs(1), sel(cllnx, clldx, oref), otiny), cny = v128.andnot(sel(cllny, clldy, oref), otiny);
  let dx = cllnx, dy = cllny;
  if (v128.any_true(oref)) {
    const tr = fsub(a, fmul(fs(4096), f32x4.convert_i32x4_s(i32x4.trunc_sat_f32x4_s(fmul(a, is(0x39800000))))));
    // sinpifk(tr): q = the quadrant pair, st = 4 tr - q, polynomials in st² (o: the cosine's), its sign by q & 4
    const u0 = fmul(tr, fs(4));
    let q = i32x4.trunc_sat_f32x4_s(u0);
    q = v128.and(i32x4.add(q, v128.xor(i32x4.shr_u(q, 31), is(1))), is(~1));
    const so = i32x4.eq(v128.and(q, is(2)), is(2));
    const st = fsub(u0, f32x4.convert_i32x4_s(q));
    const s2x = fmul(st, st), s2y = ffms(st, st, s2x);
    let su = sel(is(0xb2d0c9b8), is(0x34a61971), so);
    su = ffma(su, s2x, sel(is(0x3670f5a5), is(0xb819660a), so));
    su = ffma(su, s2x, sel(is(0xb9aae9e0), is(0x3b2335df), so));
    // x = dfadd2(u s, c1); x = dfadd2(dfmul(s2, x), c2); x = dfmul(x, so ? s2 : (st, 0)); where so, dfadd2(x, 1)
    const us = fmul(su, s2x);
    let cx = sel(is(0x3c81e0f8), is(0xbda55de7), so), cy = sel(is(0x2ff70f80), is(0xb0b7ce67), so);
    let kx = fadd(us, cx), ky = fadd(add2_lo(us, cx, kx), cy);
    const hx = fmul(s2x, kx), hy = mul22_lo(s2x, s2y, kx, ky, hx);
    cx = sel(is(0xbe9de9e6), is(0x3f490fdb), so);
    cy = sel(is(0xb21bdebf), is(0xb2bbc0cc), so);
    kx = fadd(hx, cx);
    ky = fadd(add2_lo(hx, cx, kx), fadd(hy, cy));
    const fx = sel(s2x, st, so), fy = v128.and(s2y, so);
    const jx = fmul(kx, fx), jy = mul22_lo(kx, ky, fx, fy, jx);
    const ax = fadd(jx, fs(1)), ay = fadd(add2_lo(jx, fs(1), ax), jy);
    const sgn = v128.and(i32x4.eq(v128.and(q, is(4)), is(4)), is(SIGN));
    const zx = v128.xor(sel(ax, jx, so), sgn), zy = v128.xor(sel(ay, jy, so), sgn);
    // x = dfmul(clld, sinpifk(tr))
    const rx = fmul(clldx, zx);
    dx = sel(rx, dx, oref);
    dy = sel(mul22_lo(clldx, clldy, zx, zy, rx), dy, oref);
  }
  dx = sel(fmul(a, is(0x5d800000)), dx, otiny); // 2^60
  dy = v128.andnot(dy, otiny);
  // d.b = dfdiv(clln, clld); y = dfadd2(clc, logk2f(|d.b|)); r = y.x + y.y
  const brt = fdiv(fs(1), dx);
  const bx = fmul(cnx, brt);
  const by = dfdiv_lo(cnx, cny, dx, dy, brt, bx);
  const bs = v128.and(bx, is(SIGN));
  const bax = v128.xor(bx, bs), bay = v128.xor(by, bs);
  e = logk2f_e(bax);
  sc = logk2f_scale(e);
  lmx = fmul(bax, sc);
  lmy = fmul(bay, sc);
  nx = fadd(lmx, fs(-1));
  ny = fadd(add2_lo(lmx, fs(-1), nx), lmy);
  ex = fadd(lmx, fs(1));
  ey = fadd(add2_lo(lmx, fs(1), ex), lmy);
  rt = fdiv(fs(1), ex);
  qx = fmul(nx, rt);
  qy = dfdiv_lo(nx, ny, ex, ey, rt, qx);
  x2x = fmul(qx, qx);
  x2y = ffma(fadd(qx, qx), qy, ffms(qx, qx, x2x));
  lt = logk2f_poly(x2x);
  ef = f32x4.convert_i32x4_s(e);
  sx = fmul(is(LK_LN2_HI), ef);
  sy = ffma(is(LK_LN2_LO), ef, ffms(is(LK_LN2_HI), ef, sx));
  qx2 = fmul(qx, fs(2));
  qy2 = fmul(qy, fs(2));
  s1x = fadd(sx, qx2);
  s1y = add_lo(sx, sy, qx2, qy2, s1x);
  wx = fmul(x2x, qx);
  wy = mul22_lo(x2x, x2y, qx, qy, wx);
  w2x = fmul(wx, lt);
  w2y = mul21_lo(wx, wy, lt, w2x);
  const gx = fadd(s1x, w2x), gy = add_lo(s1x, s1y, w2x, w2y, gx);
  const fx = fadd(clcx, gx);
  const r = fadd(fx, fadd(add2_lo(clcx, gx, fx), fadd(clcy, gy)));
  // +inf at ±inf, at the poles (x <= 0 whole), and where a finite x gave NaN
  const isinf = f32x4.eq(f32x4.abs(a), fs(F_INF));
  const pole = v128.and(f32x4.le(a, fs(0)), f32x4.eq(f32x4.trunc(a), a));
  const lost = v128.and(f32x4.eq(a, a), v128.and(v128.not(isinf), f32x4.ne(r, r)));
  return sel(fs(F_INF), r, v128.or(v128.or(isinf, pole), lost));
}

// ---------------------------------------------------------------- SLEEF's tan (PyTorch's Vectorized<float>)

// tan's constants as f32x4 lanes (bits; a load each: see EXPK)
const TNK = memory.data<i32>([
  0x3f22f983, 0x3f22f983, 0x3f22f983, 0x3f22f983, // 0: (float)(2 * M_1_PI)
  0x3b925a95, 0x3b925a95, 0x3b925a95, 0x3b925a95, // 1: 0.00446636462584137916564941 (the polynomial)
  0xb8affe4e, 0xb8affe4e, 0xb8affe4e, 0xb8affe4e, // 2: -8.3920182078145444393158e-05
  0x3c33a208, 0x3c33a208, 0x3c33a208, 0x3c33a208, // 3: 0.0109639242291450500488281
  0x3cadf72f, 0x3cadf72f, 0x3cadf72f, 0x3cadf72f, // 4: 0.0212360303848981857299805
  0x3d5d7728, 0x3d5d7728, 0x3d5d7728, 0x3d5d7728, // 5: 0.0540687143802642822265625
  0x3e088686, 0x3e088686, 0x3e088686, 0x3e088686, // 6: 0.133325666189193725585938
  0x3eaaaab4, 0x3eaaaab4, 0x3eaaaab4, 0x3eaaaab4, // 7: 0.33333361148834228515625
], 16);
// @ts-ignore: decorator
@inline function tnk(i: i32): v128 { return v128.load(TNK + (<usize>i << 4)); }

/**
 * tan(d) as PyTorch 1.13's Vectorized<float>::tan on AVX2 computes it (torch.tan on every element, vml's map): SLEEF
 * 3.5's xtanf_u1 (Sleef_tanf8_u10), fused steps through ffma / ffms / fnma. `slow` is SLEEF's choice for the whole
 * 8-float vector (sincos_slow, the same test as sin's): below 125 a three-part Cody-Waite reduction by π/2 in
 * double-float (sin's and cos's constants), else rempif (sincos_rempi's parts 3 to 5). Then the sign flip for odd
 * quadrants, a polynomial in the squared argument, (1 + s² (1/3 + s² P)) s in double-float, its reciprocal (dfrec) for
 * odd quadrants; -0 kept, NaN for inf and NaN.
 */
// @ts-ignore: decorator
@inline export function tan_sleef_v(d: v128, slow: bool): v128 {
  let sx: v128, sy: v128, q: v128;
  if (slow) {
    sx = sincos_rempi(d, false, 3);
    sy = sincos_rempi(d, false, 4);
    q = sincos_rempi(d, false, 5);
  } else {
    // u = rint(d 2/π); s = dfadd(dfadd2(fma(u, -PI_A2f/2, d), u * -PI_B2f/2), u * -PI_C2f/2)
    const u = f32x4.nearest(fmul(d, tnk(0)));
    q = i32x4.trunc_sat_f32x4_s(u);
    const v = ffma(u, slk(SL_PI_A2H), d);
    const w = fmul(u, slk(SL_PI_B2H));
    const rx = fadd(v, w);
    const t = fsub(rx, v);
    const ry = fadd(fsub(v, fsub(rx, t)), fsub(w, t));
    const c = fmul(u, slk(SL_PI_C2H));
    sx = fadd(rx, c);
    sy = fadd(fadd(fsub(rx, sx), c), ry);
  }
  // odd q: s = -s
  const o = i32x4.eq(v128.and(q, is(1)), is(1));
  const n = v128.and(o, is(SIGN));
  sx = v128.xor(sx, n);
  sy = v128.xor(sy, n);
  // z = dfnormalize(dfsqu(s))
  const z0 = fmul(sx, sx);
  const z1 = ffma(fadd(sx, sx), sy, ffms(sx, sx, z0));
  const zx = fadd(z0, z1);
  const zy = fadd(fsub(z0, zx), z1);
  let u = ffma(tnk(1), zx, tnk(2));
  u = ffma(u, zx, tnk(3));
  u = ffma(u, zx, tnk(4));
  u = ffma(u, zx, tnk(5));
  // a = dfadd(0.1333..., u z.x); m = dfmul(z, a)
  const w = fmul(u, zx);
  const ax = fadd(tnk(6), w);
  const ay = fadd(fsub(tnk(6), ax), w);
  const mx = fmul(zx, ax);
  const my = ffma(zx, ay, ffma(zy, ax, ffms(zx, ax, mx)));
  // b = dfadd(0.3333..., m); p = dfmul(b, z); x = dfadd(1, p)
  const bx = fadd(tnk(7), mx);
  const by = fadd(fadd(fsub(tnk(7), bx), mx), my);
  const px = fmul(bx, zx);
  const py = ffma(bx, zy, ffma(by, zx, ffms(bx, zx, px)));
  const xx = fadd(slk(SL_ONE), px);
  const xy = fadd(fadd(fsub(slk(SL_ONE), xx), px), py);
  // r = dfmul(s, x); odd q: dfrec(r)
  const rx = fmul(sx, xx);
  const ry = ffma(sx, xy, ffma(sy, xx, ffms(sx, xx, rx)));
  const ix = fdiv(slk(SL_ONE), rx);
  const iy = fmul(ix, fnma(ry, ix, fnma(rx, ix, slk(SL_ONE))));
  const r = fadd(sel(ix, rx, o), sel(iy, ry, o));
  return sel(d, r, i32x4.eq(d, is(SIGN))); // -0
}

// ---------------------------------------------------------------- SLEEF's pow (PyTorch's Vectorized<float>)

// pow's constants as f32x4 lanes (bits; a load each: see EXPK)
const PWK = memory.data<i32>([
  0x3fb8aa3b, 0x3fb8aa3b, 0x3fb8aa3b, 0x3fb8aa3b, // 0: R_LN2f
  0xbf317200, 0xbf317200, 0xbf317200, 0xbf317200, // 1: -L2Uf
  0xb5bfbe8e, 0xb5bfbe8e, 0xb5bfbe8e, 0xb5bfbe8e, // 2: -L2Lf
  0x3ab2aef6, 0x3ab2aef6, 0x3ab2aef6, 0x3ab2aef6, // 3: expkf's polynomial: 0.00136324646882712841033936
  0x3c09116b, 0x3c09116b, 0x3c09116b, 0x3c09116b, // 4: 0.00836596917361021041870117
  0x3d2aaf4c, 0x3d2aaf4c, 0x3d2aaf4c, 0x3d2aaf4c, // 5: 0.0416710823774337768554688
  0x3e2aaa5e, 0x3e2aaa5e, 0x3e2aaa5e, 0x3e2aaa5e, // 6: 0.166665524244308471679688
  0x3efffffb, 0x3efffffb, 0x3efffffb, 0x3efffffb, // 7: 0.499999850988388061523438
  0x3e76168a, 0x3e76168a, 0x3e76168a, 0x3e76168a, // 8: logkf's polynomial: 0.240320354700088500976562
  0x3e91fa4a, 0x3e91fa4a, 0x3e91fa4a, 0x3e91fa4a, // 9: 0.285112679004669189453125
  0x3ecccdd9, 0x3ecccdd9, 0x3ecccdd9, 0x3ecccdd9, // 10: 0.400007992982864379882812
  0x3f2aaaaa, 0x3f2aaaaa, 0x3f2aaaaa, 0x3f2aaaaa, // 11: (0.66666662693023681640625f,
  0x317db383, 0x317db383, 0x317db383, 0x317db383, // 12:  3.69183861259614332084311e-09f)
  0x3f317218, 0x3f317218, 0x3f317218, 0x3f317218, // 13: (0.69314718246459960938f,
  0xb102e308, 0xb102e308, 0xb102e308, 0xb102e308, // 14:  -1.904654323148236017e-09f)
  0x5f800000, 0x5f800000, 0x5f800000, 0x5f800000, // 15: 2^64
], 16);
// @ts-ignore: decorator
@inline function pwk(i: i32): v128 { return v128.load(PWK + (<usize>i << 4)); }

/** SLEEF's vldexp_vf_vf_vi2: x 2^q in five factors (any q, saturating), integer steps wrapping as AVX2's. */
// @ts-ignore: decorator
@inline function sleef_ldexp(x: v128, q: v128): v128 {
  let m = i32x4.shr_s(q, 31);
  m = i32x4.shl(i32x4.sub(i32x4.shr_s(i32x4.add(m, q), 6), m), 4);
  q = i32x4.sub(q, i32x4.shl(m, 2));
  m = i32x4.add(m, is(0x7f));
  m = v128.and(i32x4.gt_s(m, is(0)), m);
  m = sel(is(0xff), m, i32x4.gt_s(m, is(0xff)));
  const u = i32x4.shl(m, 23);
  x = fmul(fmul(fmul(fmul(x, u), u), u), u);
  return fmul(x, i32x4.shl(i32x4.add(q, is(0x7f)), 23));
}

/**
 * x^y as PyTorch 1.13's Vectorized<float>::pow on AVX2 computes it (torch.pow's whole 16-float blocks): SLEEF 3.5's
 * xpowf (Sleef_powf8_u10), expkf(logkf(|x|) y) in double-float, fused steps through ffma / ffms / fnma, then its
 * special cases in its order (a negative x's sign or NaN by y's parity, infinite y by |x| - 1, zero and infinite x,
 * NaN, then 1 for y = 0 or x = 1). vrint_vi2_vf's out-of-range answer (0x80000000, cvtps2dq's) is kept.
 */
// @ts-ignore: decorator
@inline export function pow_sleef_v(x: v128, y: v128): v128 {
  // logkf(|x|): subnormals times 2^64; e = ilogb(d / 0.75), m = d 2^-e
  let d = f32x4.abs(x);
  const o = f32x4.lt(d, fs(1.17549435e-38));
  d = sel(fmul(d, pwk(15)), d, o);
  let e = i32x4.sub(v128.and(i32x4.shr_u(fmul(d, slk(SL_R075)), 23), is(0xff)), is(0x7f));
  const m = i32x4.add(d, i32x4.shl(i32x4.neg(e), 23));
  e = sel(i32x4.sub(e, is(64)), e, o);
  // x = dfdiv(dfadd2(-1, m), dfadd2(1, m))
  const nx = fadd(fs(-1), m);
  let v = fsub(nx, fs(-1));
  const ny = fadd(fsub(fs(-1), fsub(nx, v)), fsub(m, v));
  const dx = fadd(fs(1), m);
  v = fsub(dx, fs(1));
  const dy = fadd(fsub(fs(1), fsub(dx, v)), fsub(m, v));
  const it = fdiv(fs(1), dx);
  const xx = fmul(nx, it);
  const xy = dfdiv_lo(nx, ny, dx, dy, it, xx);
  // x2 = dfsqu(x); t = the polynomial in x2.x
  const x2x = fmul(xx, xx);
  const x2y = ffma(fadd(xx, xx), xy, ffms(xx, xx, x2x));
  let t = ffma(pwk(8), x2x, pwk(9));
  t = ffma(t, x2x, pwk(10));
  // s = dfmul((ln 2 hi, lo), e); s = dfadd(s, 2x)
  const ef = f32x4.convert_i32x4_s(e);
  let sx = fmul(pwk(13), ef);
  let sy = ffma(pwk(14), ef, ffms(pwk(13), ef, sx));
  let rx = fadd(sx, fadd(xx, xx));
  sy = fadd(fadd(fadd(fsub(sx, rx), fadd(xx, xx)), sy), fadd(xy, xy));
  sx = rx;
  // s = dfadd(s, dfmul(dfmul(x2, x), dfadd2(dfmul(x2, t), c)))
  const ax = fmul(x2x, xx);
  const ay = ffma(x2x, xy, ffma(x2y, xx, ffms(x2x, xx, ax)));
  const bx0 = fmul(x2x, t);
  const by0 = ffma(x2y, t, ffms(x2x, t, bx0));
  const bx = fadd(bx0, pwk(11));
  v = fsub(bx, bx0);
  const by = fadd(fadd(fsub(bx0, fsub(bx, v)), fsub(pwk(11), v)), fadd(by0, pwk(12)));
  const px = fmul(ax, bx);
  const py = ffma(ax, by, ffma(ay, bx, ffms(ax, bx, px)));
  rx = fadd(sx, px);
  sy = fadd(fadd(fadd(fsub(sx, rx), px), sy), py);
  sx = rx;
  // d = dfmul(logkf(|x|), y); expkf(d)
  const lx = fmul(sx, y);
  const ly = ffma(sy, y, ffms(sx, y, lx));
  const u0 = f32x4.nearest(fmul(fadd(lx, ly), pwk(0)));
  const q = sel(i32x4.trunc_sat_f32x4_s(u0), is(SIGN), f32x4.lt(f32x4.abs(u0), fs(2147483648.0)));
  const qf = f32x4.convert_i32x4_s(q);
  // s = dfadd2(d, q -L2U); s = dfadd2(s, q -L2L); dfnormalize
  let w = fmul(qf, pwk(1));
  let ex = fadd(lx, w);
  v = fsub(ex, lx);
  let ey = fadd(fadd(fsub(lx, fsub(ex, v)), fsub(w, v)), ly);
  w = fmul(qf, pwk(2));
  rx = fadd(ex, w);
  v = fsub(rx, ex);
  ey = fadd(fadd(fsub(ex, fsub(rx, v)), fsub(w, v)), ey);
  ex = fadd(rx, ey);
  ey = fadd(fsub(rx, ex), ey);
  let u = ffma(pwk(3), ex, pwk(4));
  u = ffma(u, ex, pwk(5));
  u = ffma(u, ex, pwk(6));
  u = ffma(u, ex, pwk(7));
  // t = dfadd(s, dfmul(dfsqu(s), u)); t = dfadd(1, t)
  const zx = fmul(ex, ex);
  const zy = ffma(fadd(ex, ex), ey, ffms(ex, ex, zx));
  const wx = fmul(zx, u);
  const wy = ffma(zy, u, ffms(zx, u, wx));
  const tx = fadd(ex, wx);
  const ty = fadd(fadd(fadd(fsub(ex, tx), wx), ey), wy);
  const ox = fadd(slk(SL_ONE), tx);
  const oy = fadd(fadd(fsub(slk(SL_ONE), ox), tx), ty);
  let r = v128.andnot(sleef_ldexp(fadd(ox, oy), q), f32x4.lt(lx, fs(-104)));
  // the special cases, in xpowf's order
  const yisint = v128.or(f32x4.eq(f32x4.trunc(y), y), f32x4.gt(f32x4.abs(y), fs(16777216)));
  const yisodd = v128.and(v128.and(i32x4.eq(v128.and(i32x4.trunc_sat_f32x4_s(y), is(1)), is(1)), yisint),
    f32x4.lt(f32x4.abs(y), fs(16777216)));
  r = sel(fs(F_INF), r, f32x4.ne(r, r));
  r = fmul(r, sel(fs(1), sel(sel(fs(-1), fs(1), yisodd), fs(F_NAN), yisint), f32x4.gt(x, fs(0))));
  const efx = v128.xor(fsub(f32x4.abs(x), fs(1)), v128.and(y, is(SIGN)));
  const yinf = f32x4.eq(f32x4.abs(y), fs(F_INF));
  r = sel(v128.andnot(sel(fs(1), fs(F_INF), f32x4.eq(efx, fs(0))), f32x4.lt(efx, fs(0))), r, yinf);
  const x0 = f32x4.eq(x, fs(0));
  const xs = sel(v128.or(fs(1), v128.and(x, is(SIGN))), fs(1), yisodd);
  const big = v128.andnot(fs(F_INF), f32x4.lt(sel(f32x4.neg(y), y, x0), fs(0)));
  r = sel(fmul(xs, big), r, v128.or(f32x4.eq(f32x4.abs(x), fs(F_INF)), x0));
  r = v128.or(r, v128.or(f32x4.ne(x, x), f32x4.ne(y, y)));
  return sel(fs(1), r, v128.or(f32x4.eq(y, fs(0)), f32x4.eq(x, fs(1))));
}
/** x^y of one pair alone (SLEEF's lanes are independent). */
export function pow_sleef_f32(x: f32, y: f32): f32 { return lane0(pow_sleef_v(f32x4.splat(x), f32x4.splat(y))); }
