// The elementwise ops whose vector code has fused multiply-add steps: exp, log, tanh and erf (SLEEF's algorithms, as
// ATen's AVX2 build runs them), sigmoid, SiLU, ELU and CELU through exp, and GELU's ATen kernel through erf. They live apart from elementwise.ts so that the relaxed build
// (assembly/fma.ts) can take them with nothing else: there each fused step is one f32x4.relaxed_madd, which gives the
// default build's bits (its f64 evaluation of the same steps) wherever relaxed_madd fuses, as src/backend/fma.ts
// checks before using it; scripts/fused-check.mjs compares the two builds on every float.
import { exp_f32, exp_v, exp_small_v, exp_neg_small_v, exp_in_range, ones_v, log_f32, log_v, tanh_f32, tanh_v, erf_sleef_f32, erf_sleef_v,
  gelu_dnnl_f32, gelu_dnnl_v, expm1_sleef_f32, expm1_sleef_v, sincos_sleef_v, sincos_slow,
  log1p_sleef_f32, log1p_sleef_v, lane0 } from "./mathf";
import { tan_sleef_v } from "./mathf";
import { pow_sleef_v } from "./mathf";
import { atan_sleef_one, asin_sleef_one, acos_sleef_one } from "./mathf";
import { tanh_one } from "./mathf";
import { exp_one, log_one, erf_sleef_one, expm1_sleef_one, log1p_sleef_one, log2_sleef_one, log10_sleef_one } from "./mathf";
import { powf_lut, pow_lut } from "~lib/util/math";
import { log2_sleef_f32, log2_sleef_v, log10_sleef_f32, log10_sleef_v, atan_sleef_f32, atan_sleef_v, asin_sleef_f32, asin_sleef_v,
  acos_sleef_f32, acos_sleef_v, sinh_sleef_v, cosh_sleef_v } from "./mathf";
import { c_expf, c_erff, c_log1pf, c_sinhf, c_coshf, c_tanhf } from "./libm";
import { fma_f32, fma_v, one_minus_sq_v, gelu_dnnl_bwd_v } from "./mathf";
import { erfc_sleef_v, lgamma_sleef_v } from "./mathf";
import { c_logf_fused, c_expf_fused, c_logf } from "./libm";

// unary op codes (elementwise.ts's numbering, which src/backend/ops.ts mirrors)
export const U_EXP: i32 = 3;
export const U_LOG: i32 = 4;
export const U_TANH: i32 = 10;
export const U_SIGMOID: i32 = 11;
export const U_SILU: i32 = 26;
export const U_ERF: i32 = 17;
export const U_EXPM1: i32 = 14;
export const U_SIN: i32 = 8;
export const U_COS: i32 = 9;
export const U_LOG1P: i32 = 15;
export const U_GELU: i32 = 24;
/** GELU as oneDNN computes it (mathf.ts gelu_dnnl_v): PyTorch's F.gelu of a contiguous tensor of more than one
 *  element (src/backend/flat.ts picks it); U_GELU stays ATen's kernel, for strided input and a single element. */
export const U_GELU_DNNL: i32 = 200; // (far from elementwise.ts's numbering, which other branches extend)
/** ELU and SELU: p0 = alpha, p1 = scale (ATen's elu kernel with input_scale 1). */
export const U_ELU: i32 = 27;
/** CELU: p0 = alpha, p1 = 1/alpha rounded to float (ATen's elu kernel with scale 1, input_scale 1/alpha). */
export const U_CELU: i32 = 33;
/** softplus: p0 = beta, p1 = threshold. */
export const U_SOFTPLUS: i32 = 28;
export const U_LOGSIGMOID: i32 = 29;
// SLEEF's u10 functions on every element (ATen's vml map), mathf.ts *_sleef_v
export const U_LOG2: i32 = 16;
export const U_LOG10: i32 = 50;
export const U_ATAN: i32 = 18;
export const U_ASIN: i32 = 53;
export const U_ACOS: i32 = 54;
// SLEEF's u10 functions on whole 16-float blocks, glibc's on the rest (ATen's cpu_kernel_vec)
export const U_SINH: i32 = 51;
export const U_COSH: i32 = 52;
/** F.gelu(x, approximate='tanh'): ATen's GeluKernelImpl (1.13 hands only approximate='none' to oneDNN). */
export const U_GELU_TANH: i32 = 25;
// ATen's vml ops on every element: SLEEF's erfc (u15) and lgamma (u10), ATen's scalar calc_erfinv (glibc's logf, erff, expf)
export const U_ERFC: i32 = 63;
export const U_LGAMMA: i32 = 60;
export const U_ERFINV: i32 = 59;
/** SLEEF's tan on PyTorch's 8-float vectors, as sin and cos (trigRow). */
export const U_TAN: i32 = 42;
/** x ** e: p0 = float(e), p1 = float(e - p0), the exponent in double as p0 + p1 (powExp). */
export const U_POW_SCALAR: i32 = 38;
/** b ** x: p0 = b, p1 = ln b rounded from double (the gradient's). */
export const U_RPOW_SCALAR: i32 = 39;
/** x ** e for an exponent e of ATen's own ops whose gradient's e - 1 is one too (0.5, 3, -1: src/ops/elementwise.ts
 *  pow): U_POW_SCALAR's bits, forward and backward, without glibc's and SLEEF's pow (the lean core has this one). p0,
 *  p1 as U_POW_SCALAR's. */
export const U_POW_SPECIAL: i32 = 88;

/** PyTorch's scalar sigmoid (UnaryOpsKernel.cpp), glibc's expf: the end of a contiguous row, strided elements. */
export function sigmoid_f32(x: f32): f32 { return <f32>1 / (<f32>1 + c_expf(-x)); }
/** PyTorch's vectorized sigmoid: ((0 - x).exp() + 1).reciprocal(), SLEEF's exp. */
// @ts-ignore: decorator
@inline function sigmoid_v(x: v128): v128 {
  return f32x4.div(ones_v(), f32x4.add(exp_v(f32x4.sub(f32x4.splat(0), x)), ones_v()));
}
/** sigmoid_v where exp_in_range holds. */
// @ts-ignore: decorator
@inline function sigmoid_small_v(x: v128): v128 {
  return f32x4.div(ones_v(), f32x4.add(exp_neg_small_v(x), ones_v()));
}
// SLEEF's functions in the forward activations that are not in the hot set (ATen's GELU, softplus, log_sigmoid, GELU's
// tanh form, mish): the core calls the shared copies (*_one: 1M floats within 2% of inlined, ~25 KB smaller), the
// relaxed build inlines them (there a call per vector cost 2-5%, next to cheaper fused steps).
// @ts-ignore: decorator
@inline function exp_a(x: v128): v128 { return ASC_FEATURE_RELAXED_SIMD ? exp_v(x) : exp_one(x); }
// @ts-ignore: decorator
@inline function log1p_a(x: v128): v128 { return ASC_FEATURE_RELAXED_SIMD ? log1p_sleef_v(x) : log1p_sleef_one(x); }
// @ts-ignore: decorator
@inline function tanh_a(x: v128): v128 { return ASC_FEATURE_RELAXED_SIMD ? tanh_v(x) : tanh_one(x); }
// @ts-ignore: decorator
@inline function erf_a(x: v128): v128 { return ASC_FEATURE_RELAXED_SIMD ? erf_sleef_v(x) : erf_sleef_one(x); }
const SQRT1_2: f32 = 0.70710678118654752440; // ATen's kAlpha, scalar_t(M_SQRT1_2)
/** ATen's scalar GELU (GeluKernelImpl, Activation.cpp): glibc's erff, on the end of a contiguous row and strided elements. */
export function gelu_f32(x: f32): f32 { return x * <f32>0.5 * (<f32>1 + c_erff(x * SQRT1_2)); }
/** ATen's vectorized GELU: x * 0.5 * (1 + (x * kAlpha).erf()), SLEEF's erf. */
// @ts-ignore: decorator
@inline function gelu_v(x: v128): v128 {
  return f32x4.mul(f32x4.mul(x, f32x4.splat(0.5)), f32x4.add(f32x4.splat(1), erf_a(f32x4.mul(x, f32x4.splat(SQRT1_2)))));
}
/** PyTorch's vectorized SiLU: x / (1 + x.neg().exp()). */
// @ts-ignore: decorator
@inline function silu_v(x: v128): v128 { return f32x4.div(x, f32x4.add(ones_v(), exp_v(f32x4.neg(x)))); }
/** silu_v where exp_in_range holds. */
// @ts-ignore: decorator
@inline function silu_small_v(x: v128): v128 { return f32x4.div(x, f32x4.add(ones_v(), exp_neg_small_v(x))); }

/** ATen's elu kernel (Activation.cpp) on whole 16-float blocks: x > 0 ? x * poscoef : (exp(x * negiptcoef) - 1) *
 *  negcoef with SLEEF's exp (1.13 takes exp - 1, not expm1), negcoef = alpha * scale in float. */
// @ts-ignore: decorator
@inline function elu_v(x: v128, negcoef: v128, poscoef: v128, negipt: v128): v128 {
  const pos = f32x4.mul(x, poscoef);
  const gt = f32x4.gt(x, f32x4.splat(0));
  if (i32x4.all_true(gt)) return pos; // (ATen's shortcut: the same values)
  return v128.bitselect(pos, f32x4.mul(f32x4.sub(exp_v(f32x4.mul(x, negipt)), ones_v()), negcoef), gt);
}
/** ATen's scalar elu (the end of a contiguous row, strided elements), glibc's expf. */
export function elu_f32(x: f32, negcoef: f32, poscoef: f32, negipt: f32): f32 {
  return x <= 0 ? (c_expf(x * negipt) - <f32>1) * negcoef : x * poscoef;
}
/** ATen's softplus kernel on whole 16-float blocks: x * beta > threshold ? x : log1p(exp(x * beta)) / beta, SLEEF's exp
 *  and log1p. */
// @ts-ignore: decorator
@inline function softplus_v(x: v128, beta: v128, threshold: v128): v128 {
  const xb = f32x4.mul(x, beta);
  return v128.bitselect(x, f32x4.div(log1p_a(exp_a(xb)), beta), f32x4.gt(xb, threshold));
}
/** ATen's scalar softplus (the end of a contiguous row, strided elements): glibc's expf and log1pf. */
export function softplus_f32(x: f32, beta: f32, threshold: f32): f32 {
  return x * beta > threshold ? x : c_log1pf(c_expf(x * beta)) / beta;
}
/** ATen's log_sigmoid: min(x, 0) - log1p(exp(-|x|)), SLEEF's exp and log1p on every element (its loop loads the last
 *  partial vector). */
// @ts-ignore: decorator
@inline function logsigmoid_v(x: v128): v128 {
  return f32x4.sub(f32x4.min(x, f32x4.splat(0)), log1p_a(exp_a(f32x4.neg(f32x4.abs(x)))));
}

/** ELU's and CELU's three coefficients from the kernel parameters: [negcoef, poscoef, negiptcoef]. */
// @ts-ignore: decorator
@inline function eluNeg(op: i32, p0: f32, p1: f32): f32 { return op == U_ELU ? p0 * p1 : p0; }
// @ts-ignore: decorator
@inline function eluPos(op: i32, p1: f32): f32 { return op == U_ELU ? p1 : <f32>1; }
// @ts-ignore: decorator
@inline function eluIpt(op: i32, p1: f32): f32 { return op == U_ELU ? <f32>1 : p1; }

// GELU's tanh form: ATen's kBeta = M_SQRT2 * M_2_SQRTPI * 0.5 and kKappa, in double, then float
const GELU_BETA: f32 = <f32>(1.41421356237309504880 * 1.12837916709551257390 * 0.5);
const GELU_KAPPA: f32 = 0.044715;
/** ATen's vectorized GELU, tanh form: 0.5 * x * (1 + tanh(kBeta * (x + kKappa * x³))), x³ = x * x * x, SLEEF's
 *  tanh. GCC contracts x + kKappa * x³ into one fma here too (Vectorized<float>'s operators are plain vector arithmetic
 *  to it): unfused, ~0.3% of floats differ from torch. */
// @ts-ignore: decorator
@inline function gelu_tanh_v(x: v128): v128 {
  const inner = f32x4.mul(f32x4.splat(GELU_BETA), fma_v(f32x4.splat(GELU_KAPPA), f32x4.mul(f32x4.mul(x, x), x), x));
  return f32x4.mul(f32x4.mul(f32x4.splat(0.5), x), f32x4.add(ones_v(), tanh_a(inner)));
}
/** ATen's scalar GELU, tanh form (the end of a contiguous row, strided elements): glibc's tanhf, and x + kKappa * x³
 *  contracted to one fma by GCC (-mfma -ffp-contract=fast). */
export function gelu_tanh_f32(x: f32): f32 {
  const inner = GELU_BETA * fma_f32(GELU_KAPPA, x * x * x, x);
  return <f32>0.5 * x * (<f32>1 + c_tanhf(inner));
}

/** The loops of the ops whose vector code has fused steps (SLEEF's exp, log and tanh, and sigmoid and SiLU through
 *  exp), over [o, end) with the source at o + d; false for any other op. elementwise.ts's unaryContiguous runs them,
 *  and so does transcendental_flat_f32, the entry the relaxed build exports. */
// @ts-ignore: decorator
@inline export function transcendentalLoop(op: i32, o: usize, end: usize, d: usize, p0: f32, p1: f32): bool {
  // (the SLEEF ops' loops are functions of their own: V8 allocates registers for each loop alone, and this switch,
  // which unaryContiguous inlines, stays small. Measured on 1M floats in the core against their loops inlined here:
  // log and erf 10% faster, log1p and expm1 5-7%, exp and tanh 1-2%)
  switch (op) {
    case U_EXP: expLoop(o, end, d); return true;
    // (log's loop inlined in the relaxed build: 1.5% faster there than in a function of its own; 10% slower in the core)
    case U_LOG: if (ASC_FEATURE_RELAXED_SIMD) logPairs(o, end, d); else logLoop(o, end, d); return true;
    case U_TANH: tanhLoop(o, end, d); return true;
    case U_ERF: erfLoop(o, end, d); return true;
    // (sigmoid's and SiLU's loops stay inlined in the core: in a function of their own, its sigmoid ran 15% slower)
    case U_SIGMOID: if (ASC_FEATURE_RELAXED_SIMD) sigmoidLoop(o, end, d); else sigmoidPairs(o, end, d); return true;
    case U_SILU: if (ASC_FEATURE_RELAXED_SIMD) siluLoop(o, end, d); else siluPairs(o, end, d); return true;
    case U_GELU: for (; o < end; o += 16) v128.store(o, gelu_v(v128.load(o + d))); return true;
    case U_GELU_DNNL: for (; o < end; o += 16) v128.store(o, gelu_dnnl_v(v128.load(o + d))); return true;
    case U_SOFTPLUS: {
      const beta = f32x4.splat(p0), threshold = f32x4.splat(p1);
      for (; o < end; o += 16) v128.store(o, softplus_v(v128.load(o + d), beta, threshold));
      return true;
    }
    case U_LOGSIGMOID: for (; o < end; o += 16) v128.store(o, logsigmoid_v(v128.load(o + d))); return true;
    case U_GELU_TANH: for (; o < end; o += 16) v128.store(o, gelu_tanh_v(v128.load(o + d))); return true;
    case U_ELU:
    case U_CELU: {
      const neg = f32x4.splat(eluNeg(op, p0, p1)), pos = f32x4.splat(eluPos(op, p1)), ipt = f32x4.splat(eluIpt(op, p1));
      for (; o < end; o += 16) v128.store(o, elu_v(v128.load(o + d), neg, pos, ipt));
      return true;
    }
    case U_EXPM1: expm1Loop(o, end, d); return true;
    case U_LOG1P: log1pLoop(o, end, d); return true;
    // (the whole row: PyTorch's 8-float vectors from its start, the last one partial; see sincosRow)
    case U_SIN: sincosRow(o, o + d, 4, <i32>((end - o) >> 2), false); return true;
    case U_COS: sincosRow(o, o + d, 4, <i32>((end - o) >> 2), true); return true;
    case U_LOG2: log2Loop(o, end, d); return true;
    case U_LOG10: log10Loop(o, end, d); return true;
    // (rare: a call per vector to the scalar code's copy)
    case U_ATAN: for (; o < end; o += 16) v128.store(o, atan_sleef_one(v128.load(o + d))); return true;
    case U_ASIN: for (; o < end; o += 16) v128.store(o, asin_sleef_one(v128.load(o + d))); return true;
    case U_ACOS: for (; o < end; o += 16) v128.store(o, acos_sleef_one(v128.load(o + d))); return true;
    case U_SINH: for (; o < end; o += 16) v128.store(o, sinh_sleef_v(v128.load(o + d))); return true;
    case U_COSH: for (; o < end; o += 16) v128.store(o, cosh_sleef_v(v128.load(o + d))); return true;
    case U_ERFC: for (; o < end; o += 16) v128.store(o, erfc_one(v128.load(o + d))); return true;
    case U_LGAMMA: for (; o < end; o += 16) v128.store(o, lgamma_one(v128.load(o + d))); return true;
    case U_TAN: trigRow(o, o + d, 4, <i32>((end - o) >> 2), TRIG_TAN); return true;
    // (whole 16-float blocks; a special exponent's own op lane by lane. The core's alone: glibc's pow in double, its
    // scalar code, brings tables that the relaxed build's static data has no room for)
    case U_POW_SCALAR: {
      if (ASC_FEATURE_RELAXED_SIMD) return false;
      const e = powExp(p0, p1);
      if (powSpecial(e)) for (; o < end; o += 4) store<f32>(o, powScalar(load<f32>(o + d), e));
      else powBlocks(o, o + d, 16, changetype<usize>(0), 0, <i32>((end - o) >> 2), p0);
      return true;
    }
    case U_RPOW_SCALAR: powBlocks(o, changetype<usize>(0), 0, o + d, 16, <i32>((end - o) >> 2), p0); return true;
    case U_MISH: for (; o < end; o += 16) v128.store(o, mish_v(v128.load(o + d))); return true;
    case U_LOGIT: {
      const lo = f32x4.splat(p0), hi = f32x4.splat(<f32>1 - p0);
      const clamp = !(p0 < 0); // (a value, not two loops: one copy of log_v for this rare op)
      for (; o < end; o += 16) v128.store(o, logit_v(v128.load(o + d), lo, hi, clamp));
      return true;
    }
  }
  return false;
}

/** exp's loop (transcendentalLoop's): two vectors at a time, one range test for the pair, then exp's short form;
 *  the last vector through exp_one, which tests again. */
function expLoop(o: usize, end: usize, d: usize): void {
  for (; o + 32 <= end; o += 32) {
    const x0 = v128.load(o + d); const x1 = v128.load(o + d, 16);
    if (exp_in_range(x0, x1)) pair(o, exp_small_v(x0), exp_small_v(x1)); else pair(o, exp_v(x0), exp_v(x1));
  }
  if (o < end) v128.store(o, exp_one(v128.load(o + d)));
}
/** log's loop: two vectors at a time. */
// @ts-ignore: decorator
@inline function logPairs(o: usize, end: usize, d: usize): void {
  for (; o + 32 <= end; o += 32) { const x0 = v128.load(o + d); const x1 = v128.load(o + d, 16); pair(o, log_v(x0), log_v(x1)); }
  if (o < end) v128.store(o, log_one(v128.load(o + d)));
}
function logLoop(o: usize, end: usize, d: usize): void { logPairs(o, end, d); }
/** tanh's loop: one vector at a time (its double-float steps have chains enough of their own: two at a time measured
 *  no faster, at 6 KB of code). */
function tanhLoop(o: usize, end: usize, d: usize): void {
  for (; o < end; o += 16) v128.store(o, tanh_v(v128.load(o + d)));
}
/** sigmoid's loop, over whole 16-float blocks (always pairs): one range test for the pair, then exp's short form. */
// @ts-ignore: decorator
@inline function sigmoidPairs(o: usize, end: usize, d: usize): void {
  for (; o < end; o += 32) {
    const x0 = v128.load(o + d); const x1 = v128.load(o + d, 16);
    if (exp_in_range(x0, x1)) pair(o, sigmoid_small_v(x0), sigmoid_small_v(x1)); else pair(o, sigmoid_v(x0), sigmoid_v(x1));
  }
}
function sigmoidLoop(o: usize, end: usize, d: usize): void { sigmoidPairs(o, end, d); }
/** SiLU's loop, as sigmoid's. */
// @ts-ignore: decorator
@inline function siluPairs(o: usize, end: usize, d: usize): void {
  for (; o < end; o += 32) {
    const x0 = v128.load(o + d); const x1 = v128.load(o + d, 16);
    if (exp_in_range(x0, x1)) pair(o, silu_small_v(x0), silu_small_v(x1)); else pair(o, silu_v(x0), silu_v(x1));
  }
}
function siluLoop(o: usize, end: usize, d: usize): void { siluPairs(o, end, d); }
/** erf's loop (transcendentalLoop's): two vectors at a time in the core only (1M floats 25.7 -> 21.5 ms there, but
 *  11.9 -> 14.5 ms in the relaxed build); the core's last vector goes through the scalar code's copy. */
function erfLoop(o: usize, end: usize, d: usize): void {
  if (ASC_FEATURE_RELAXED_SIMD) { for (; o < end; o += 16) v128.store(o, erf_sleef_v(v128.load(o + d))); return; }
  for (; o + 32 <= end; o += 32) { const x0 = v128.load(o + d); const x1 = v128.load(o + d, 16); pair(o, erf_sleef_v(x0), erf_sleef_v(x1)); }
  if (o < end) v128.store(o, erf_sleef_one(v128.load(o + d)));
}
/** expm1's loop, as erf's. */
function expm1Loop(o: usize, end: usize, d: usize): void {
  if (ASC_FEATURE_RELAXED_SIMD) { for (; o < end; o += 16) v128.store(o, expm1_sleef_v(v128.load(o + d))); return; }
  for (; o + 32 <= end; o += 32) { const x0 = v128.load(o + d); const x1 = v128.load(o + d, 16); pair(o, expm1_sleef_v(x0), expm1_sleef_v(x1)); }
  if (o < end) v128.store(o, expm1_sleef_one(v128.load(o + d)));
}
/** log1p's loop, as erf's. */
function log1pLoop(o: usize, end: usize, d: usize): void {
  if (ASC_FEATURE_RELAXED_SIMD) { for (; o < end; o += 16) v128.store(o, log1p_sleef_v(v128.load(o + d))); return; }
  for (; o + 32 <= end; o += 32) { const x0 = v128.load(o + d); const x1 = v128.load(o + d, 16); pair(o, log1p_sleef_v(x0), log1p_sleef_v(x1)); }
  if (o < end) v128.store(o, log1p_sleef_one(v128.load(o + d)));
}
/** log2's loop: two vectors at a time in both builds, the last one through the scalar code's copy. */
function log2Loop(o: usize, end: usize, d: usize): void {
  for (; o + 32 <= end; o += 32) { const x0 = v128.load(o + d); const x1 = v128.load(o + d, 16); pair(o, log2_sleef_v(x0), log2_sleef_v(x1)); }
  if (o < end) v128.store(o, log2_sleef_one(v128.load(o + d)));
}
/** log10's loop, as log2's. */
function log10Loop(o: usize, end: usize, d: usize): void {
  for (; o + 32 <= end; o += 32) { const x0 = v128.load(o + d); const x1 = v128.load(o + d, 16); pair(o, log10_sleef_v(x0), log10_sleef_v(x1)); }
  if (o < end) v128.store(o, log10_sleef_one(v128.load(o + d)));
}

// trigRow's functions
export const TRIG_SIN = 0;
export const TRIG_COS = 1;
export const TRIG_TAN = 2;

/** sin or cos of a row (trigRow). */
export function sincosRow(o: usize, a: usize, step: usize, n: i32, cos: bool): void { trigRow(o, a, step, n, cos ? TRIG_COS : TRIG_SIN); }

/**
 * sin, cos or tan (`f`: TRIG_*) of n floats at o + d + i·step into o (contiguous), as torch.sin / cos / tan run them:
 * Sleef_sinf8_u10 / cosf8_u10 / tanf8_u10 over 8-float vectors from the row's start (vml's map; a strided row is copied
 * to a buffer first, its blocks of 2048 floats keeping that grouping), the last one a partial load padded with zeros.
 * SLEEF reduces a whole vector the slow way once one lane is not below 125 in magnitude (or NaN), and that can change
 * another lane's last bit, so the grouping is PyTorch's own (on one thread; its threads start their chunks elsewhere).
 */
export function trigRow(o: usize, a: usize, step: usize, n: i32, f: i32): void {
  const end = o + (<usize>(n & ~7) << 2);
  if (step == 4) {
    if (f == TRIG_COS) trigLoop(o, end, a - o, TRIG_COS);
    else if (f == TRIG_SIN) trigLoop(o, end, a - o, TRIG_SIN);
    else trigLoop(o, end, a - o, TRIG_TAN);
    a += end - o;
  } else {
    for (; o < end; o += 32, a += step << 3) {
      const x0 = gather4(a, step, 4);
      const x1 = gather4(a + (step << 2), step, 4);
      const slow = sincos_slow(x0, x1);
      pair(o, trig_one(x0, slow, f), trig_one(x1, slow, f));
    }
  }
  o = end;
  const k = n & 7;
  if (k == 0) return;
  const x0 = gather4(a, step, k);
  const x1 = k > 4 ? gather4(a + (step << 2), step, k - 4) : f32x4.splat(0);
  const slow = sincos_slow(x0, x1);
  scatter4(o, trig_one(x0, slow, f), k);
  if (k > 4) scatter4(o + 16, trig_one(x1, slow, f), k - 4);
}

/** trigRow's whole contiguous vectors over [o, end), the source at o + d; `f` a constant (one loop each). */
// @ts-ignore: decorator
@inline function trigLoop(o: usize, end: usize, d: usize, f: i32): void {
  for (; o < end; o += 32) {
    const x0 = v128.load(o + d);
    const x1 = v128.load(o + d, 16);
    if (sincos_slow(x0, x1)) pair(o, trig_one(x0, true, f), trig_one(x1, true, f));
    else if (f == TRIG_TAN) pair(o, tan_sleef_v(x0, false), tan_sleef_v(x1, false));
    else pair(o, sincos_sleef_v(x0, false, f == TRIG_COS), sincos_sleef_v(x1, false, f == TRIG_COS));
  }
}

/** One vector of sin, cos or tan, not inlined: the rare paths (a vector with a large lane, a row's last partial
 *  vector, strided rows) share it. */
function trig_one(x: v128, slow: bool, f: i32): v128 {
  // (slow and cos as values, not constants: one copy of SLEEF's polynomial each for sin/cos and tan, where a copy per
  // case was ~4 KB more, on these rare paths)
  if (f == TRIG_TAN) return tan_sleef_v(x, slow);
  return sincos_sleef_v(x, slow, f == TRIG_COS);
}

/** sin, cos or tan of one float alone (PyTorch's partial vector of one float: the other lanes 0), through trig_one. */
function trig_f32(x: f32, f: i32): f32 {
  const v = f32x4.splat(x);
  return lane0(trig_one(v, sincos_slow(v, v), f));
}

/** Up to four floats from a, a + step, ..., the other lanes 0 (a partial load). */
// @ts-ignore: decorator
@inline function gather4(a: usize, step: usize, k: i32): v128 {
  let x = f32x4.splat(0);
  if (k > 0) x = f32x4.replace_lane(x, 0, load<f32>(a));
  if (k > 1) x = f32x4.replace_lane(x, 1, load<f32>(a + step));
  if (k > 2) x = f32x4.replace_lane(x, 2, load<f32>(a + step * 2));
  if (k > 3) x = f32x4.replace_lane(x, 3, load<f32>(a + step * 3));
  return x;
}

/** The first k (1..4) lanes of y into o. */
// @ts-ignore: decorator
@inline function scatter4(o: usize, y: v128, k: i32): void {
  store<f32>(o, f32x4.extract_lane(y, 0));
  if (k > 1) store<f32>(o, f32x4.extract_lane(y, 1), 4);
  if (k > 2) store<f32>(o, f32x4.extract_lane(y, 2), 8);
  if (k > 3) store<f32>(o, f32x4.extract_lane(y, 3), 12);
}

/**
 * sin's and cos's gradients as PyTorch computes them, grad · x.cos() and grad · -x.sin() (two ops: the cos or sin of the
 * saved contiguous input, vml's 8-float vectors from its start as sincosRow, then the product), into out; n floats.
 */
export function sincosGrad(cos: bool, out: usize, x: usize, g: usize, n: i32): void {
  sincosRow(out, x, 4, n, !cos);
  const end = out + (<usize>(n & ~3) << 2);
  const dg = g - out;
  let o = out;
  if (cos) for (; o < end; o += 16) v128.store(o, f32x4.mul(v128.load(o + dg), f32x4.neg(v128.load(o))));
  else for (; o < end; o += 16) v128.store(o, f32x4.mul(v128.load(o + dg), v128.load(o)));
  for (; o < out + (<usize>n << 2); o += 4) store<f32>(o, load<f32>(o + dg) * (cos ? -load<f32>(o) : load<f32>(o)));
}

/** Stores two results: the loops above take two vectors at a time, two independent chains that the CPU overlaps (the
 *  polynomials are long dependency chains; measured on 1M floats, relaxed build / core: sigmoid 1.8x / 1.25x, exp 1.35x /
 *  1.2x, log 1.2x / 1.1x). Both inputs are loaded
 *  before either store, so out may be the input. */
// @ts-ignore: decorator
@inline function pair(o: usize, y0: v128, y1: v128): void {
  v128.store(o, y0);
  v128.store(o, y1, 16);
}

/** One element of those ops (unaryScalar's cases for them): the end of a row. */
// @ts-ignore: decorator
@inline export function transcendentalScalar(op: i32, x: f32, p0: f32, p1: f32): f32 {
  switch (op) {
    case U_EXP: return exp_f32(x);
    case U_LOG: return log_f32(x);
    case U_TANH: return tanh_f32(x);
    case U_ERF: return erf_sleef_f32(x);
    case U_SIGMOID: return sigmoid_f32(x);
    case U_SILU: return x / (<f32>1 + c_expf(-x));
    case U_GELU: return gelu_f32(x);
    case U_GELU_DNNL: return gelu_dnnl_f32(x);
    case U_GELU_TANH: return gelu_tanh_f32(x);
    case U_EXPM1: return expm1_sleef_f32(x);
    case U_LOG2: return log2_sleef_f32(x);
    case U_LOG10: return log10_sleef_f32(x);
    case U_ATAN: return atan_sleef_f32(x);
    case U_ASIN: return asin_sleef_f32(x);
    case U_ACOS: return acos_sleef_f32(x);
    case U_SINH: return c_sinhf(x);
    case U_COSH: return c_coshf(x);
    case U_ELU:
    case U_CELU: return elu_f32(x, eluNeg(op, p0, p1), eluPos(op, p1), eluIpt(op, p1));
    case U_SOFTPLUS: return softplus_f32(x, p0, p1);
    case U_LOGSIGMOID: return lane0(logsigmoid_v(f32x4.splat(x)));
    case U_LOG1P: return log1p_sleef_f32(x);
    case U_SIN: return trig_f32(x, TRIG_SIN);
    case U_COS: return trig_f32(x, TRIG_COS);
    case U_ERFC: return lane0(erfc_one(f32x4.splat(x)));
    case U_ERFINV: return erfinv_f32(x);
    case U_LGAMMA: return lane0(lgamma_one(f32x4.splat(x)));
    case U_TAN: return trig_f32(x, TRIG_TAN);
    case U_POW_SCALAR: if (!ASC_FEATURE_RELAXED_SIMD) return powScalar(x, powExp(p0, p1)); break;
    case U_RPOW_SCALAR: return c_powf(p0, x); // (ATen's tensor-tensor kernel: glibc's powf after the blocks)
    case U_MISH: return mish_f32(x);
    case U_LOGIT: return logit_f32(x, p0);
  }
  return x;
}

/** Where a contiguous row's vector loop stops: ATen's vectorized loop takes pairs of AVX2 vectors (16 floats), and for
 *  sigmoid, SiLU, GELU, ELU and CELU the rest is its scalar op (glibc's expf, erff); the other ops are lane-wise, so
 *  four at a time. */
// @ts-ignore: decorator
@inline export function vectorPart(op: i32, n: i32): i32 {
  if (op == U_SIN || op == U_COS || op == U_TAN) return n; // (their loop takes the partial vector too)
  if (op == U_ERFINV) return 0; // (scalar code, one element at a time)
  if (op == U_MISH || op == U_LOGIT) return n & ~15;
  return op == U_SIGMOID || op == U_SILU || op == U_GELU || op == U_ELU || op == U_CELU || op == U_SOFTPLUS || op == U_SINH ||
    op == U_COSH || op == U_GELU_TANH || op == U_POW_SCALAR || op == U_RPOW_SCALAR ? n & ~15 : n & ~3;
}

/**
 * unary_flat_f32 for the ops above alone (other ops are left untouched; p0, p1: the f32 parameters as bits, ELU's and
 * CELU's). The relaxed build
 * (assembly/fma.ts) exports it: there the fused steps of SLEEF's algorithms are true fused multiply-adds, the same bits
 * as the default build's f64 evaluation of them (checked for every float: scripts/fused-check.mjs) at a fraction of
 * the instructions.
 */
export function transcendental_flat_f32(op: i32, out: usize, a: usize, n: i32, p0b: i32, p1b: i32): void {
  const m = vectorPart(op, n);
  const p0 = reinterpret<f32>(p0b), p1 = reinterpret<f32>(p1b);
  transcendentalLoop(op, out, out + (<usize>m << 2), a - out, p0, p1);
  for (let i = m; i < n; i++) store<f32>(out + (<usize>i << 2), transcendentalScalar(op, load<f32>(a + (<usize>i << 2)), p0, p1));
}

// ---------------------------------------------------------------- GELU's gradient (GeluBackward0)

const GELU_ALPHA: f32 = <f32>0.70710678118654752440; // ATen's kAlpha, M_SQRT1_2
const GELU_BETA_ERF: f32 = <f32>(1.12837916709551257390 * 0.70710678118654752440 * 0.5); // M_2_SQRTPI * M_SQRT1_2 * 0.5
const GELU_KAPPA3: f32 = <f32>3 * GELU_KAPPA;

/** ATen's GeluBackwardKernelImpl, vectorized: approximate='none' with SLEEF's erf and exp, 'tanh' with SLEEF's tanh.
 *  Which a * b + c GCC fused was read off torch's results (each other choice differs in 0.3-5% of floats): none's
 *  cdf + x * pdf; tanh's x + kKappa * x³, 1 - t², 1 + 3kKappa * x² (not the final sum). */
// @ts-ignore: decorator
@inline function gelu_grad_v(tanhForm: bool, x: v128, g: v128): v128 {
  if (!tanhForm) {
    const cdf = f32x4.mul(f32x4.splat(0.5), f32x4.add(ones_v(), erf_sleef_one(f32x4.mul(x, f32x4.splat(GELU_ALPHA)))));
    const pdf = f32x4.mul(f32x4.splat(GELU_BETA_ERF), exp_one(f32x4.mul(f32x4.mul(x, x), f32x4.splat(-0.5))));
    return f32x4.mul(g, fma_v(x, pdf, cdf));
  }
  const xsq = f32x4.mul(x, x);
  const inner = f32x4.mul(f32x4.splat(GELU_BETA), fma_v(f32x4.splat(GELU_KAPPA), f32x4.mul(xsq, x), x));
  const t = tanh_one(inner);
  const left = f32x4.mul(f32x4.splat(0.5), x);
  const dleft = f32x4.mul(f32x4.splat(0.5), f32x4.add(ones_v(), t));
  const dinner = f32x4.mul(f32x4.splat(GELU_BETA), fma_v(f32x4.splat(GELU_KAPPA3), xsq, ones_v()));
  return f32x4.mul(g, f32x4.add(dleft, f32x4.mul(f32x4.mul(left, one_minus_sq_v(t)), dinner)));
}

/** ATen's scalar GeluBackwardKernelImpl (the end of a contiguous row, strided operands, one element): glibc's erff and
 *  expf, or tanhf. GCC fused the tanh form's a * b + c as in the vector code, but none of the erf form's (read off
 *  torch: fusing cdf + x * pdf differs in ~5% of floats). */
export function geluGradScalar(op: i32, x: f32, g: f32): f32 {
  if (op != U_GELU_TANH) {
    const cdf = <f32>0.5 * (<f32>1 + c_erff(x * GELU_ALPHA));
    const pdf = GELU_BETA_ERF * c_expf(x * x * <f32>-0.5);
    return g * (cdf + x * pdf);
  }
  const xsq = x * x;
  const t = c_tanhf(GELU_BETA * fma_f32(GELU_KAPPA, xsq * x, x));
  const left = <f32>0.5 * x;
  const dleft = <f32>0.5 * (<f32>1 + t);
  const dtanh = fma_f32(-t, t, 1);
  const dinner = GELU_BETA * fma_f32(GELU_KAPPA3, xsq, 1);
  return g * (dleft + left * dtanh * dinner);
}

/**
 * out = GELU'(x) * g over n contiguous floats. U_GELU_DNNL: oneDNN's gelu_erf backward on every element (PyTorch's
 * gelu_backward for a contiguous input of more than one float). U_GELU, U_GELU_TANH: ATen's kernel over rows of `row`
 * floats (0: one row of n), each in whole 16-float blocks and then the scalar lambda; row -1: the scalar lambda on
 * every element (TensorIterator's basic loop, for strided operands).
 */
export function geluGrad(op: i32, out: usize, x: usize, g: usize, n: i32, row: i32): void {
  if (op == U_GELU_DNNL) {
    const m = n & ~3;
    for (let i = 0; i < m; i += 4) {
      const q = <usize>i << 2;
      v128.store(out + q, f32x4.mul(gelu_dnnl_bwd_v(v128.load(x + q)), v128.load(g + q)));
    }
    for (let i = m; i < n; i++) {
      const q = <usize>i << 2;
      store<f32>(out + q, f32x4.extract_lane(gelu_dnnl_bwd_v(f32x4.splat(load<f32>(x + q))), 0) * load<f32>(g + q));
    }
    return;
  }
  const tanhForm = op == U_GELU_TANH;
  const len = row == 0 ? n : row < 0 ? n : row;
  for (let r = 0; r < n; r += len) {
    const e = min(n, r + len);
    const m = row < 0 ? r : r + ((e - r) & ~15);
    for (let i = r; i < m; i += 4) {
      const q = <usize>i << 2;
      v128.store(out + q, gelu_grad_v(tanhForm, v128.load(x + q), v128.load(g + q)));
    }
    for (let i = m; i < e; i++) {
      const q = <usize>i << 2;
      store<f32>(out + q, geluGradScalar(op, load<f32>(x + q), load<f32>(g + q)));
    }
  }
}

/** SLEEF's erfc and lgamma (mathf.ts) on one vector, not inlined (lgamma is ~10 KB of code): the loop's vectors, a row's
 *  last floats and strided elements share one copy; a call per four floats costs nothing next to them. */
function erfc_one(x: v128): v128 { return erfc_sleef_v(x); }
function lgamma_one(x: v128): v128 { return lgamma_sleef_v(x); }

// ---------------------------------------------------------------- erfinv (ATen's calc_erfinv)

// 2 / sqrt(pi) as calc_erfinv writes it: float(2) / float(sqrt(pi))
const TWO_OVER_SQRTPI: f32 = <f32>2 / <f32>1.7724538509055159;

/**
 * torch.erfinv on every element (vml's map runs Vectorized<float>::erfinv, itself calc_erfinv<float> lane by lane): ATen's
 * Math.h in float as GCC 12 builds it with -mavx2 -mfma (a g++ build of the 1.13 header matches torch on every float
 * tried): a rational first guess, its Horner steps fused, then two Newton steps x - (erf(x) - y) / (2/sqrt(pi) e^(-x²))
 * with glibc's erff, expf and logf (the -mfma builds of the last two: libm.ts c_expf_fused, c_logf_fused).
 * ±inf at ±1, NaN beyond.
 */
export function erfinv_f32(y: f32): f32 {
  const ya = abs<f32>(y);
  if (ya > 1) return NaN;
  if (ya == 1) return copysign<f32>(Infinity, y);
  let x: f32;
  if (ya <= <f32>0.7) {
    const z = y * y;
    const num = fma_f32(fma_f32(fma_f32(<f32>-0.140543331, z, <f32>0.914624893), z, <f32>-1.645349621), z, <f32>0.886226899);
    const dem = fma_f32(fma_f32(fma_f32(fma_f32(<f32>0.012229801, z, <f32>-0.329097515), z, <f32>1.442710462), z,
      <f32>-2.118377725), z, 1);
    x = y * num / dem;
  } else {
    const z = sqrt<f32>(-c_logf_fused((<f32>1 - ya) / <f32>2));
    const num = fma_f32(fma_f32(fma_f32(<f32>1.641345311, z, <f32>3.429567803), z, <f32>-1.624906493), z, <f32>-1.970840454);
    const dem = fma_f32(fma_f32(<f32>1.6370678, z, <f32>3.5438892), z, 1);
    x = copysign<f32>(num, y) / dem;
  }
  x = x - (c_erff(x) - y) / (TWO_OVER_SQRTPI * c_expf_fused(-x * x));
  return x - (c_erff(x) - y) / (TWO_OVER_SQRTPI * c_expf_fused(-x * x));
}

// ---------------------------------------------------------------- pow (PowKernel.cpp's cpu_kernel_vec)

/** x ** e as ATen's pow_tensor_scalar_kernel computes it (e in double, as its Scalar): its special exponents as sqrt,
 *  products and reciprocals, any other through its scalar lambda's std::pow(float, double), glibc's pow in double
 *  (AssemblyScript's pow_lut is the same routine), rounded to float: a contiguous row's last n % 16 floats, strided
 *  elements. */
export function powScalar(x: f32, e: f64): f32 {
  return powSpecial(e) ? powSpecialScalar(x, e) : <f32>c_pow(<f64>x, e);
}
/** x ** e for ATen's special exponents alone (powSpecial; NaN for any other): its own ops, as sqrt, products and
 *  reciprocals. U_POW_SPECIAL's, which needs no pow routine. */
export function powSpecialScalar(x: f32, e: f64): f32 {
  if (e == 0.5) return sqrt<f32>(x);
  if (e == 2) return x * x;
  if (e == 3) return x * x * x;
  if (e == -0.5) return <f32>1 / sqrt<f32>(x);
  if (e == -1) return <f32>1 / x;
  if (e == -2) return <f32>1 / (x * x);
  return NaN;
}
/** glibc's powf: AssemblyScript's powf_lut (the same ARM routine) with C's pow(1, y) = 1 and pow(-1, ±inf) = 1, where
 *  it follows JavaScript's ** (NaN). */
export function c_powf(x: f32, y: f32): f32 {
  return x == 1 || (x == -1 && abs<f32>(y) == Infinity) ? <f32>1 : powf_lut(x, y);
}
/** glibc's pow in double: pow_lut with C's pow(1, y) = 1 and pow(-1, ±inf) = 1 (as c_powf). */
function c_pow(x: f64, y: f64): f64 {
  return x == 1 || (x == -1 && abs<f64>(y) == Infinity) ? 1 : pow_lut(x, y);
}
/** Whether ATen's pow_tensor_scalar_kernel has its own op for exponent e (powScalar's first six cases). */
// @ts-ignore: decorator
@inline export function powSpecial(e: f64): bool { return e == 0.5 || e == 2 || e == 3 || e == -0.5 || e == -1 || e == -2; }
/** x ** e's exponent in double from its kernel parameters: p0 = float(e), p1 = float(e - p0) (src/ops/elementwise.ts
 *  pow): exact for a float e, 48 bits of any other. */
// @ts-ignore: decorator
@inline export function powExp(p0: f32, p1: f32): f64 { return <f64>p0 + <f64>p1; }

/**
 * SLEEF's powf (Sleef_powf8_u10, mathf.ts pow_sleef_v) over m floats into out (m a multiple of 16: torch.pow's whole
 * blocks), two vectors at a time; each operand contiguous (step 16 bytes a vector) or one value (step 0), which is `c`
 * where its address is 0 (a number exponent or base, cast to float as Vectorized's constructor does).
 */
export function powBlocks(out: usize, a: usize, stepA: usize, b: usize, stepB: usize, m: i32, c: f32 = 0): void {
  const ca = a != 0 ? v128.load32_splat(a) : f32x4.splat(c);
  const cb = b != 0 ? v128.load32_splat(b) : f32x4.splat(c);
  const end = out + (<usize>m << 2);
  for (let o = out, pa = a, pb = b; o < end; o += 32, pa += stepA << 1, pb += stepB << 1) {
    const x0 = stepA != 0 ? v128.load(pa) : ca, x1 = stepA != 0 ? v128.load(pa, 16) : ca;
    const y0 = stepB != 0 ? v128.load(pb) : cb, y1 = stepB != 0 ? v128.load(pb, 16) : cb;
    pair(o, pow_sleef_v(x0, y0), pow_sleef_v(x1, y1));
  }
}

/** torch.pow of a contiguous base and a contiguous exponent (sb = 1) or one (sb = 0), n floats: SLEEF's blocks, then
 *  glibc's powf (the scalar lambda, std::pow(float, float)). The relaxed build exports it (src/backend/flat.ts). */
export function pow_flat_f32(out: usize, a: usize, b: usize, sb: i32, n: i32): void {
  const m = n & ~15;
  powBlocks(out, a, 16, b, <usize>sb << 4, m);
  for (let i = m; i < n; i++) store<f32>(out + (<usize>i << 2), c_powf(load<f32>(a + (<usize>i << 2)), load<f32>(b + (<usize>(i * sb) << 2))));
}

// ---------------------------------------------------------------- mish and logit (ATen's cpu_kernel_vec), and their gradients

/** F.mish (Activation.cpp mish_kernel). */
export const U_MISH: i32 = 32;
/** torch.logit (UnaryOpsKernel.cpp logit_kernel): p0 = eps, the input clamped to [eps, 1 - eps] unless eps < 0 (ATen's
 *  -1 for eps=None). */
export const U_LOGIT: i32 = 44;

/** ATen's vectorized mish on whole 16-float blocks: x * x.exp().log1p().tanh(), SLEEF's exp, log1p and tanh. */
// @ts-ignore: decorator
@inline function mish_v(x: v128): v128 { return f32x4.mul(x, tanh_a(log1p_a(exp_a(x)))); }
/** ATen's scalar mish (the end of a contiguous row, strided elements): x * std::tanh(std::log1p(std::exp(x))), glibc's
 *  tanhf, log1pf and its -mfma expf. */
export function mish_f32(x: f32): f32 { return x * c_tanhf(c_log1pf(c_expf_fused(x))); }

/** ATen's vectorized logit on whole 16-float blocks: (x / (1 - x)).log() with SLEEF's log, x first through vec::clamp
 *  (_mm256_min_ps(hi, _mm256_max_ps(lo, x)): a NaN stays NaN, as pmax(x, lo) and pmin(., hi) keep it). */
// @ts-ignore: decorator
@inline function logit_v(x: v128, lo: v128, hi: v128, clamp: bool): v128 {
  if (clamp) x = f32x4.pmin(f32x4.pmax(x, lo), hi);
  return log_v(f32x4.div(x, f32x4.sub(ones_v(), x)));
}
/** ATen's scalar logit (the end of a contiguous row, strided elements): x == 1 ? inf : std::log(x / (1 - x)), glibc's
 *  logf, x clamped first unless eps < 0. */
export function logit_f32(x: f32, eps: f32): f32 {
  if (!(eps < 0)) x = x < eps ? eps : x > <f32>1 - eps ? <f32>1 - eps : x;
  return x == 1 ? Infinity : c_logf(x / (<f32>1 - x));
}

/** ATen's vectorized mish_backward: dy * (t + x * sigmoid * (1 - t * t)), sigmoid = 1 / (1 + exp(-x)), t =
 *  tanh(log1p(exp(x))), SLEEF's functions; GCC fuses 1 - t * t and t + (x * sigmoid) * (...) (read off torch: each
 *  unfused form differs in 12-30% of floats). */
// @ts-ignore: decorator
@inline function mish_grad_v(x: v128, g: v128): v128 {
  const s = f32x4.div(ones_v(), f32x4.add(ones_v(), exp_one(f32x4.neg(x))));
  const t = tanh_one(log1p_sleef_one(exp_one(x)));
  return f32x4.mul(g, fma_v(f32x4.mul(x, s), one_minus_sq_v(t), t));
}
/** ATen's scalar mish_backward: the same steps with glibc's expf (-mfma), log1pf and tanhf, the same two fused. */
export function mishGradScalar(x: f32, g: f32): f32 {
  const s = <f32>1 / (<f32>1 + c_expf_fused(-x));
  const t = c_tanhf(c_log1pf(c_expf_fused(x)));
  return g * fma_f32(x * s, fma_f32(-t, t, 1), t);
}
/** out = mish'(x) * g over n contiguous floats, ATen's kernel over rows of `row` floats as geluGrad (0: one row of n),
 *  whole 16-float blocks then the scalar lambda; row -1: the scalar lambda on every element (a strided operand). */
export function mishGrad(out: usize, x: usize, g: usize, n: i32, row: i32): void {
  const len = row <= 0 ? n : row;
  for (let r = 0; r < n; r += len) {
    const e = min(n, r + len);
    const m = row < 0 ? r : r + ((e - r) & ~15);
    for (let i = r; i < m; i += 4) {
      const q = <usize>i << 2;
      v128.store(out + q, mish_grad_v(v128.load(x + q), v128.load(g + q)));
    }
    for (let i = m; i < e; i++) {
      const q = <usize>i << 2;
      store<f32>(out + q, mishGradScalar(load<f32>(x + q), load<f32>(g + q)));
    }
  }
}

/** ATen's scalar logit_backward (BinaryOpsKernel.cpp): outside [0, 1] NaN (eps < 0) or outside [lo, hi] 0, at 0 and 1
 *  dy * inf, else dy / (x * (1 - x)). */
export function logitGradScalar(x: f32, g: f32, eps: f32): f32 {
  if (eps < 0 ? x < 0 || x > 1 : x < eps || x > <f32>1 - eps) return eps < 0 ? reinterpret<f32>(0x7fc00000) : 0;
  return x == 0 || x == 1 ? g * Infinity : g / (x * (<f32>1 - x));
}
/** out = logit'(x) * g over n contiguous floats in ATen's rows (as mishGrad): the vector form is
 *  blendv(NaN or 0, dy / (x * (1 - x)), x in range), which at x = -0 gives -dy * inf where the scalar lambda gives
 *  dy * inf. */
export function logitGrad(out: usize, x: usize, g: usize, n: i32, eps: f32, row: i32): void {
  const len = row <= 0 ? n : row;
  const none = eps < 0;
  const lo = f32x4.splat(none ? 0 : eps), hi = f32x4.splat(none ? 1 : <f32>1 - eps);
  const fill = none ? f32x4.splat(reinterpret<f32>(0x7fc00000)) : f32x4.splat(0);
  for (let r = 0; r < n; r += len) {
    const e = min(n, r + len);
    const m = row < 0 ? r : r + ((e - r) & ~15);
    for (let i = r; i < m; i += 4) {
      const q = <usize>i << 2;
      const xv = v128.load(x + q);
      const d = f32x4.div(v128.load(g + q), f32x4.mul(xv, f32x4.sub(ones_v(), xv)));
      v128.store(out + q, v128.bitselect(d, fill, v128.and(f32x4.ge(xv, lo), f32x4.le(xv, hi))));
    }
    for (let i = m; i < e; i++) {
      const q = <usize>i << 2;
      store<f32>(out + q, logitGradScalar(load<f32>(x + q), load<f32>(g + q), eps));
    }
  }
}
