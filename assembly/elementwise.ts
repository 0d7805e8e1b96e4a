// Unary, binary and ternary elementwise maps over strided operands.
// Each map has a v128 main loop for rows with unit strides and a scalar tail; a lane of the
// vector path gives the same bits as the scalar path, so results never depend on alignment. Except where PyTorch's
// own do: sigmoid and SiLU, as ATen's cpu_kernel_vec, take SLEEF's exp on whole pairs of AVX2 vectors (16 floats)
// and glibc's expf on the rest of a contiguous row and on strided elements.
import {
  exp_f32, exp_v, expm1_f32, expm1_v, log_f32, log_v, log1p_f32, log1p_v,
  sin_f32, sin_v, cos_f32, cos_v, tanh_f32, tanh_one, erf_f32, erf_v,
  atan2_f32, atan2_v, pow_f32, fma_f32, fma_v, one_minus_sq_v,
} from "./mathf";
import {
  digamma_f32, trigamma_f32, erfcx_f32, bessel_i_f32, ndtri_f32, log_ndtr_f32,
  entr_f32, sinc_f32, bessel_j0_f32, bessel_j1_f32, spherical_bessel_j0_f32, polygamma_f32, zeta_f32,
  igamma_f32, igammac_f32, airy_ai_f32, bessel_y0_f32, bessel_y1_f32, modified_bessel_i1_f32, bessel_k_f32,
  polynomial_f32,
} from "./special";
import {
  metaNdim, metaRows, metaRowLen, metaRowStride, resetIndex, nextRow, resetOffsets, offset, OFFS,
} from "./strided";
import { toInt32 } from "./indexing";
import { c_expf, c_asinhf, c_acoshf, c_atanhf } from "./libm";
import {
  U_EXP, U_LOG, U_TANH, U_SIGMOID, U_SILU, U_ERF, U_GELU, U_GELU_DNNL, U_EXPM1, U_ELU, U_CELU, sigmoid_f32, transcendentalLoop,
  transcendentalScalar, vectorPart, U_SIN, U_COS, U_LOG1P, U_SOFTPLUS, U_LOGSIGMOID, sincosRow, sincosGrad,
  U_LOG2, U_LOG10, U_ATAN, U_ASIN, U_ACOS, U_SINH, U_COSH, U_TAN, TRIG_TAN, trigRow,
} from "./transcendental";
import { U_POW_SCALAR, U_RPOW_SCALAR, U_POW_SPECIAL, powScalar, powSpecialScalar, powExp, powSpecial, powBlocks, c_powf } from "./transcendental";
export { U_EXP, U_LOG, U_TANH, U_SIGMOID, U_SILU, U_ERF, U_GELU, U_GELU_DNNL, U_EXPM1, U_ELU, U_CELU, U_SIN, U_COS, U_LOG1P,
  U_SOFTPLUS, U_LOGSIGMOID };
export { U_LOG2, U_LOG10, U_ATAN, U_ASIN, U_ACOS, U_SINH, U_COSH };
export { U_TAN, U_POW_SCALAR, U_RPOW_SCALAR, U_POW_SPECIAL };
import { U_GELU_TANH, geluGrad, geluGradScalar } from "./transcendental";
export { U_GELU_TANH };
import { U_ERFC, U_ERFINV, U_LGAMMA } from "./transcendental";
export { U_ERFC, U_ERFINV, U_LGAMMA };
import { U_MISH, U_LOGIT, mishGrad, mishGradScalar, logitGrad, logitGradScalar } from "./transcendental";
export { U_MISH, U_LOGIT };

// ---------------------------------------------------------------- unary op codes
// Kept in sync with src/backend/ops.ts (UnaryOp).
export const U_COPY: i32 = 0;
export const U_NEG: i32 = 1;
export const U_ABS: i32 = 2;
// U_EXP = 3: assembly/transcendental.ts
// U_LOG = 4: assembly/transcendental.ts
export const U_SQRT: i32 = 5;
export const U_RSQRT: i32 = 6;
export const U_RECIPROCAL: i32 = 7;
// U_SIN = 8, U_COS = 9: assembly/transcendental.ts
// U_TANH = 10: assembly/transcendental.ts
// U_SIGMOID = 11: assembly/transcendental.ts
export const U_RELU: i32 = 12;
export const U_SQUARE: i32 = 13;
// U_EXPM1 = 14: assembly/transcendental.ts
// U_LOG1P = 15: assembly/transcendental.ts
// U_LOG2 = 16: assembly/transcendental.ts
// U_ERF = 17: assembly/transcendental.ts
// U_ATAN = 18: assembly/transcendental.ts
export const U_FLOOR: i32 = 19;
export const U_CEIL: i32 = 20;
export const U_ROUND: i32 = 21;
export const U_TRUNC: i32 = 22;
export const U_SIGN: i32 = 23;
// U_GELU = 24: assembly/transcendental.ts
// U_GELU_TANH = 25: assembly/transcendental.ts
// U_SILU = 26: assembly/transcendental.ts
// U_ELU = 27: assembly/transcendental.ts
// U_SOFTPLUS = 28, U_LOGSIGMOID = 29: assembly/transcendental.ts
export const U_SOFTSIGN: i32 = 30;
export const U_CLAMP: i32 = 31; // p0 = min, p1 = max (NaN propagates)
// U_MISH = 32: assembly/transcendental.ts
// U_CELU = 33: assembly/transcendental.ts
export const U_HARDSIGMOID: i32 = 34;
export const U_HARDSWISH: i32 = 35;
export const U_TANHSHRINK: i32 = 36;
export const U_LEAKY_RELU: i32 = 37; // p0 = negative slope
// U_POW_SCALAR = 38, U_RPOW_SCALAR = 39, U_POW_SPECIAL = 88: assembly/transcendental.ts
export const U_AFFINE: i32 = 40; // x * p0 + p1
export const U_HARDTANH: i32 = 41; // forward as clamp; backward differs at the edges
// U_TAN = 42: assembly/transcendental.ts
export const U_FILL: i32 = 43; // p0
// U_LOGIT = 44 (p0 = eps): assembly/transcendental.ts
export const U_HARDSHRINK: i32 = 45; // p0 = lambda
export const U_SOFTSHRINK: i32 = 46; // p0 = lambda
export const U_THRESHOLD: i32 = 47; // x > p0 ? x : p1
export const U_ISNAN: i32 = 48; // 1 where NaN
export const U_EXP2: i32 = 49;
// U_LOG10 = 50: assembly/transcendental.ts
// U_SINH = 51: assembly/transcendental.ts
// U_COSH = 52: assembly/transcendental.ts
// U_ASIN = 53: assembly/transcendental.ts
// U_ACOS = 54: assembly/transcendental.ts
export const U_ISINF: i32 = 55;
export const U_ISFINITE: i32 = 56;
export const U_FRAC: i32 = 57;
export const U_POSITIVE_PART: i32 = 58; // max(x, 0) with NaN propagating, used by losses
// U_ERFINV = 59, U_LGAMMA = 60: assembly/transcendental.ts
export const U_DIGAMMA: i32 = 61;
export const U_TRIGAMMA: i32 = 62; // polygamma(1, x)
// U_ERFC = 63: assembly/transcendental.ts
export const U_ERFCX: i32 = 64;
export const U_I0: i32 = 65;
export const U_I0E: i32 = 66;
export const U_I1: i32 = 67;
export const U_I1E: i32 = 68;
export const U_NDTRI: i32 = 69;
export const U_LOG_NDTR: i32 = 70;
export const U_ENTR: i32 = 71;
export const U_SINC: i32 = 72;
export const U_BESSEL_J0: i32 = 73;
export const U_BESSEL_J1: i32 = 74;
export const U_SPHERICAL_BESSEL_J0: i32 = 75;
export const U_POLYGAMMA: i32 = 76; // p0 = n
export const U_ASINH: i32 = 77;
export const U_ACOSH: i32 = 78;
export const U_ATANH: i32 = 79;
export const U_AIRY_AI: i32 = 80;
export const U_BESSEL_Y0: i32 = 81;
export const U_BESSEL_Y1: i32 = 82;
export const U_MODIFIED_BESSEL_I1: i32 = 83; // (modified_bessel_i0 is U_I0)
export const U_MODIFIED_BESSEL_K0: i32 = 84; // .. U_SCALED_MODIFIED_BESSEL_K1: bessel_k_f32(op - 84, x)
export const U_MODIFIED_BESSEL_K1: i32 = 85;
export const U_SCALED_MODIFIED_BESSEL_K0: i32 = 86;
export const U_SCALED_MODIFIED_BESSEL_K1: i32 = 87;

const SELU_ALPHA: f32 = 1.6732632423543772848170429916717;
const SELU_SCALE: f32 = 1.0507009873554804934193349852946;
const SQRT1_2: f32 = 0.70710678118654752440;
const LN2: f32 = 0.693147180559945309417;
const INV_LN2: f32 = 1.44269504088896340736;

@inline function sgn(x: f32): f32 {
  return x > 0 ? 1 : x < 0 ? -1 : x; // keeps ±0 and NaN
}

@inline function clampf(x: f32, lo: f32, hi: f32): f32 {
  // NaN propagates as in PyTorch's clamp.
  if (x != x) return x;
  return x < lo ? lo : x > hi ? hi : x;
}

@inline function roundEven(x: f32): f32 {
  return nearest<f32>(x);
}

/** One element of a unary op, the reference for the vector path. */
export function unaryScalar(op: i32, x: f32, p0: f32, p1: f32): f32 {
  switch (op) {
    case U_COPY: return x;
    case U_NEG: return -x;
    case U_ABS: return abs<f32>(x);
    case U_EXP:
    case U_LOG:
    case U_TANH:
    case U_SIGMOID:
    case U_SILU:
    case U_ERF:
    case U_GELU:
    case U_GELU_DNNL:
    case U_EXPM1:
    case U_ELU:
    case U_CELU:
    case U_SOFTPLUS:
    case U_LOGSIGMOID:
    case U_SIN:
    case U_COS:
    case U_LOG1P:
    case U_LOG2:
    case U_LOG10:
    case U_ATAN:
    case U_ASIN:
    case U_ACOS:
    case U_SINH:
    case U_COSH:
    case U_GELU_TANH:
    case U_ERFC:
    case U_ERFINV:
    case U_LGAMMA:
    case U_TAN:
    case U_POW_SCALAR:
    case U_RPOW_SCALAR: return transcendentalScalar(op, x, p0, p1);
    case U_SQRT: return sqrt<f32>(x);
    case U_RSQRT: return <f32>1 / sqrt<f32>(x);
    case U_RECIPROCAL: return <f32>1 / x;
    case U_RELU: return x > 0 ? x : (x != x ? x : 0);
    case U_SQUARE: return x * x;
    case U_FLOOR: return floor<f32>(x);
    case U_CEIL: return ceil<f32>(x);
    case U_ROUND: return roundEven(x);
    case U_TRUNC: return trunc<f32>(x);
    case U_SIGN: return sgn(x);
    case U_SOFTSIGN: return x / (<f32>1 + abs<f32>(x));
    case U_CLAMP: return clampf(x, p0, p1);
    case U_HARDTANH: return clampf(x, p0, p1);
    case U_MISH: return transcendentalScalar(op, x, p0, p1);
    case U_HARDSIGMOID: return clampf(x + 3, 0, 6) / 6;
    case U_HARDSWISH: return x * clampf(x + 3, 0, 6) / 6;
    case U_TANHSHRINK: return x - tanh_f32(x);
    case U_LEAKY_RELU: return x > 0 ? x : x * p0;
    case U_AFFINE: return x * p0 + p1;
    case U_FILL: return p0;
    case U_LOGIT: return transcendentalScalar(op, x, p0, p1);
    case U_HARDSHRINK: return x >= -p0 && x <= p0 ? <f32>0 : x;
    case U_SOFTSHRINK: return x > p0 ? x - p0 : x < -p0 ? x + p0 : <f32>0;
    case U_THRESHOLD: return x > p0 ? x : p1;
    case U_ISNAN: return x != x ? <f32>1 : <f32>0;
    case U_ISINF: return abs<f32>(x) == Infinity ? <f32>1 : <f32>0;
    case U_ISFINITE: return x - x == 0 ? <f32>1 : <f32>0;
    case U_EXP2: return pow_f32(2, x);
    case U_FRAC: return x - trunc<f32>(x);
    case U_POSITIVE_PART: return x > 0 ? x : (x != x ? x : 0);
    case U_POW_SPECIAL: return powSpecialScalar(x, powExp(p0, p1));
    case U_DIGAMMA: return digamma_f32(x);
    case U_TRIGAMMA: return trigamma_f32(x);
    case U_ERFCX: return erfcx_f32(x);
    case U_I0: return bessel_i_f32(0, x);
    case U_I0E: return bessel_i_f32(1, x);
    case U_I1: return bessel_i_f32(2, x);
    case U_I1E: return bessel_i_f32(3, x);
    case U_NDTRI: return ndtri_f32(x);
    case U_LOG_NDTR: return log_ndtr_f32(x);
    case U_ENTR: return entr_f32(x);
    case U_SINC: return sinc_f32(x);
    case U_BESSEL_J0: return bessel_j0_f32(x);
    case U_BESSEL_J1: return bessel_j1_f32(x);
    case U_SPHERICAL_BESSEL_J0: return spherical_bessel_j0_f32(x);
    case U_POLYGAMMA: return polygamma_f32(<i32>p0, x);
    // in float64, rounded once (PyTorch calls C's asinhf/acoshf/atanhf: within an ulp)
    // PyTorch maps std::asinh, std::acosh, std::atanh over every element: glibc's float code
    case U_ASINH: return c_asinhf(x);
    case U_ACOSH: return c_acoshf(x);
    case U_ATANH: return c_atanhf(x);
    case U_AIRY_AI: return airy_ai_f32(x);
    case U_BESSEL_Y0: return bessel_y0_f32(x);
    case U_BESSEL_Y1: return bessel_y1_f32(x);
    case U_MODIFIED_BESSEL_I1: return modified_bessel_i1_f32(x);
    case U_MODIFIED_BESSEL_K0:
    case U_MODIFIED_BESSEL_K1:
    case U_SCALED_MODIFIED_BESSEL_K0:
    case U_SCALED_MODIFIED_BESSEL_K1: return bessel_k_f32(op - U_MODIFIED_BESSEL_K0, x);
  }
  return x;
}

@inline function lanewise(op: i32, v: v128, p0: f32, p1: f32): v128 {
  let r = f32x4.splat(unaryScalar(op, f32x4.extract_lane(v, 0), p0, p1));
  r = f32x4.replace_lane(r, 1, unaryScalar(op, f32x4.extract_lane(v, 1), p0, p1));
  r = f32x4.replace_lane(r, 2, unaryScalar(op, f32x4.extract_lane(v, 2), p0, p1));
  r = f32x4.replace_lane(r, 3, unaryScalar(op, f32x4.extract_lane(v, 3), p0, p1));
  return r;
}

// Constants of the vector code, loaded from memory: V8 rebuilds a v128.const at every use inside a
// loop (three instructions), a load is one.
const EWK = memory.data<f32>([
  0.5, 0.5, 0.5, 0.5, // 0
  1.0, 1.0, 1.0, 1.0, // 1
  SQRT1_2, SQRT1_2, SQRT1_2, SQRT1_2, // 2
], 16);
// @ts-ignore: decorator
@inline function ck(i: i32): v128 { return v128.load(EWK + (<usize>i << 4)); }
const C_ONE = 1;
const C_SQRT1_2 = 2;

/** x > 0 ? x : (NaN ? x : 0) */
// @ts-ignore: decorator
@inline function relu_v(x: v128): v128 {
  return v128.and(x, v128.or(f32x4.gt(x, f32x4.splat(0)), f32x4.ne(x, x)));
}
// @ts-ignore: decorator

/** Four elements of a unary op without a loop of its own (see unaryContiguous); some have true
 *  vector code, the rest go lane by lane through the scalar reference. */
@inline function unaryVector(op: i32, x: v128, p0: f32, p1: f32): v128 {
  switch (op) {
    case U_RSQRT: return f32x4.div(ck(C_ONE), f32x4.sqrt(x));
    case U_RECIPROCAL: return f32x4.div(ck(C_ONE), x);
    case U_FLOOR: return f32x4.floor(x);
    case U_CEIL: return f32x4.ceil(x);
    case U_ROUND: return f32x4.nearest(x);
    case U_TRUNC: return f32x4.trunc(x);
    case U_FILL: return f32x4.splat(p0);
    case U_LEAKY_RELU: return v128.bitselect(x, f32x4.mul(x, f32x4.splat(p0)), f32x4.gt(x, f32x4.splat(0)));
    case U_TANHSHRINK: return f32x4.sub(x, tanh_one(x)); // (rare: tanh's shared copy)
    case U_POW_SPECIAL: return powSpecialV(x, powExp(p0, p1));
  }
  return lanewise(op, x, p0, p1);
}

/** powSpecialScalar on four lanes: the same IEEE operations in the same order, so the same bits. */
function powSpecialV(x: v128, e: f64): v128 {
  if (e == 0.5) return f32x4.sqrt(x);
  if (e == 2) return f32x4.mul(x, x);
  if (e == 3) return f32x4.mul(f32x4.mul(x, x), x);
  if (e == -0.5) return f32x4.div(ck(C_ONE), f32x4.sqrt(x));
  if (e == -1) return f32x4.div(ck(C_ONE), x);
  if (e == -2) return f32x4.div(ck(C_ONE), f32x4.mul(x, x));
  return f32x4.splat(NaN);
}

/**
 * The vector part of a contiguous row (n rounded down to a multiple of 4; returns that count).
 * The hot ops each get their own loop, so nothing is dispatched inside it; the rest share one
 * loop that switches per vector. The source pointer walks at a fixed distance from the output.
 */
function unaryContiguous(op: i32, out: usize, a: usize, n: i32, p0: f32, p1: f32): i32 {
  const m = vectorPart(op, n);
  const end = out + (<usize>m << 2);
  const d = a - out;
  if (transcendentalLoop(op, out, end, d, p0, p1)) return m;
  let o = out;
  switch (op) {
    case U_COPY: memory.copy(out, a, <usize>m << 2); break;
    case U_NEG: for (; o < end; o += 16) v128.store(o, f32x4.neg(v128.load(o + d))); break;
    case U_ABS: for (; o < end; o += 16) v128.store(o, f32x4.abs(v128.load(o + d))); break;
    case U_SQUARE: for (; o < end; o += 16) { const x = v128.load(o + d); v128.store(o, f32x4.mul(x, x)); } break;
    case U_SQRT: for (; o < end; o += 16) v128.store(o, f32x4.sqrt(v128.load(o + d))); break;
    case U_RELU:
    case U_POSITIVE_PART: for (; o < end; o += 16) v128.store(o, relu_v(v128.load(o + d))); break;
    case U_AFFINE: {
      const s = f32x4.splat(p0);
      const t = f32x4.splat(p1);
      for (; o < end; o += 16) v128.store(o, f32x4.add(f32x4.mul(v128.load(o + d), s), t));
      break;
    }
    default: for (; o < end; o += 16) v128.store(o, unaryVector(op, v128.load(o + d), p0, p1));
  }
  return m;
}

function unaryRow(op: i32, out: usize, a: usize, sa: i32, n: i32, p0: f32, p1: f32): void {
  // a strided row too in PyTorch's 8-float vectors (transcendental.ts)
  if (sa != 1 && (op == U_SIN || op == U_COS)) { sincosRow(out, a, <usize>(sa << 2), n, op == U_COS); return; }
  if (sa != 1 && op == U_TAN) { trigRow(out, a, <usize>(sa << 2), n, TRIG_TAN); return; }
  let i = sa == 1 ? unaryContiguous(op, out, a, n, p0, p1) : 0;
  for (; i < n; i++) {
    const x = load<f32>(a + (<usize>(i * sa) << 2));
    store<f32>(out + (<usize>i << 2), unaryScalar(op, x, p0, p1));
  }
}

/** out[i] = op(a[i]) for i < n, both contiguous: one chunk of a long op split across threads
 *  (no shared scratch, unlike the meta walk). p0, p1 are the f32 parameters' bits. */
export function unary_flat_f32(op: i32, out: usize, a: usize, n: i32, p0: i32, p1: i32): void {
  unaryRow(op, out, a, 1, n, reinterpret<f32>(p0), reinterpret<f32>(p1));
}

/** out[i] = op(a[i], b[i·sb]) for i < n (sb = 1, or 0 for a scalar b): a chunk of a long op. */
export function binary_flat_f32(op: i32, out: usize, a: usize, b: usize, sb: i32, n: i32): void {
  binaryRowF(op, out, a, 1, b, sb, n);
}

/** unary_grad_f32 with the f32 parameters as bits: a chunk of a long gradient. */
export function unary_grad_flat_f32(op: i32, out: usize, x: usize, y: usize, g: usize, n: i32, p0: i32, p1: i32): void {
  unary_grad_f32(op, out, x, y, g, n, reinterpret<f32>(p0), reinterpret<f32>(p1));
}

/** out (contiguous) = op(a) over the strided operand a. meta: [ndim, shape, strides of a]. */
export function unary_f32(op: i32, out: usize, a: usize, meta: usize, p0: f32, p1: f32): void {
  const rows = metaRows(meta);
  const n = metaRowLen(meta);
  if (n == 0 || rows == 0) return;
  const sa = metaRowStride(meta, 0);
  resetIndex(meta);
  resetOffsets();
  for (let r = 0; r < rows; r++) {
    unaryRow(op, out + (<usize>(r * n) << 2), a + offset(0), sa, n, p0, p1);
    nextRow(meta, OFFS, 1);
  }
}

// ---------------------------------------------------------------- unary gradients
// dx = f'(x) * g, from the saved input x and/or output y (contiguous, length n).

/** One element of a unary op's gradient. */
export function unaryGradScalar(op: i32, x: f32, y: f32, g: f32, p0: f32, p1: f32): f32 {
  switch (op) {
    case U_NEG: return -g;
    case U_ABS: return g * sgn(x);
    case U_EXP: return g * y;
    case U_LOG: return g / x;
    case U_SQRT: return g / (y + y);
    case U_RSQRT: return (g * <f32>-0.5) * (y * y * y); // -0.5 * grad * result.pow(3) (pow 3: x * x * x)
    case U_RECIPROCAL: return -g * (y * y); // -grad * (result * result)
    case U_SIN: return g * cos_f32(x);
    case U_COS: return -g * sin_f32(x);
    case U_TANH: return g * fma_f32(-y, y, 1);   // ATen's tanh_backward a * (1 - b * b), contracted by GCC
    case U_SIGMOID: return g * (<f32>1 - y) * y;
    case U_RELU: return y > 0 ? g : <f32>0;
    case U_SQUARE: return g * (x + x);
    case U_EXPM1: return g * (y + 1);
    case U_LOG1P: return g / (x + 1);
    case U_LOG2: return g / (x * LN2);
    case U_ERF: return g * <f32>1.1283791670955126 * exp_f32(-(x * x)); // -(x²): ATen's formula, and one NaN sign on every build
    case U_ATAN: return g / (x * x + 1);
    case U_GELU:
    case U_GELU_TANH: return geluGradScalar(op, x, g);
    case U_SILU: return siluGradScalar(x, g);
    case U_ELU:
    case U_CELU: return eluGradScalar(op, x, g, p0, p1, false);
    case U_SOFTPLUS: return softplusGradScalar(x, g, p0, p1);
    case U_LOGSIGMOID: return logsigmoidGradScalar(x, g);
    case U_SOFTSIGN: {
      // PyTorch's graph for x / (x.abs() + 1): DivBackward0's grad / other, plus its -grad * ((self / other) / other)
      // through AbsBackward0 (grad * sgn(x)); two terms, so the order of accumulation does not matter
      const d = abs<f32>(x) + <f32>1;
      return g / d + (-g * ((x / d) / d)) * sgn(x);
    }
    case U_CLAMP: return x >= p0 && x <= p1 ? g : <f32>0;
    case U_HARDTANH: return x <= p0 || x >= p1 ? <f32>0 : g;
    case U_MISH: return mishGradScalar(x, g);
    case U_HARDSIGMOID: return x > -3 && x < 3 ? g * <f32>(1.0 / 6.0) : <f32>0; // ATen: grad * one_sixth
    case U_HARDSWISH: return x < -3 ? <f32>0 : x <= 3 ? g * (x / 3 + <f32>0.5) : g;
    case U_TANHSHRINK: {
      // PyTorch's graph for x - x.tanh(): grad, plus TanhBackward0 of -grad (as U_TANH's rule)
      const t = tanh_f32(x);
      return g + -g * fma_f32(-t, t, 1);
    }
    case U_LEAKY_RELU: return x > 0 ? g : g * p0;
    // pow_backward: grad * (exponent * self.pow(exponent - 1)), zeros for exponent 0
    case U_POW_SCALAR: return p0 == 0 ? <f32>0 : g * (p0 * powScalar(x, powExp(p0, p1) - 1));
    // pow_backward_exponent: grad * (result * log(base)), 0 where base is 0 and the exponent >= 0
    case U_RPOW_SCALAR: return g * (p0 == 0 && x >= 0 ? <f32>0 : y * p1);
    case U_POW_SPECIAL: return g * (p0 * powSpecialScalar(x, powExp(p0, p1) - 1)); // (e ≠ 0, e - 1 special)
    case U_AFFINE: return g * p0;
    case U_TAN: return g * (<f32>1 + y * y);
    case U_LOGIT: return logitGradScalar(x, g, p0);
    case U_HARDSHRINK: return x >= -p0 && x <= p0 ? <f32>0 : g;
    case U_SOFTSHRINK: return x > p0 || x < -p0 ? g : <f32>0;
    case U_THRESHOLD: return x > p0 ? g : <f32>0;
    case U_EXP2: return g * y * LN2;
    case U_LOG10: return g / (x * <f32>2.302585092994046);
    case U_SINH: return g * (exp_f32(x) + exp_f32(-x)) * <f32>0.5;
    case U_COSH: return g * (exp_f32(x) - exp_f32(-x)) * <f32>0.5;
    case U_ASIN: return g * (<f32>1 / sqrt<f32>(-x * x + 1)); // grad * (-self * self + 1).rsqrt()
    case U_ACOS: return g * -(<f32>1 / sqrt<f32>(-x * x + 1)); // grad * -((-self * self + 1).rsqrt())
    // PyTorch's formulas: grad * (x² ± 1).rsqrt(), grad * 1 / (1 - x²)
    case U_ASINH: return g * (<f32>1 / sqrt<f32>(x * x + 1));
    case U_ACOSH: return g * (<f32>1 / sqrt<f32>(x * x - 1));
    case U_ATANH: return g / (<f32>1 - x * x);
    case U_FRAC: return g;
    case U_COPY: return g;
    case U_POSITIVE_PART: return x > 0 ? g : <f32>0;
    case U_ERFINV: return <f32>0.886226925452758 * exp_f32(y * y) * g; // sqrt(pi)/2 e^(y²)
    case U_LGAMMA: return g * digamma_f32(x);
    case U_DIGAMMA: return g * trigamma_f32(x);
  }
  return 0; // floor, ceil, round, trunc, sign, fill, isnan: zero gradient
}

/** Four elements of a gradient without a loop of its own (see unary_grad_f32). */
@inline function unaryGradVector(op: i32, x: v128, y: v128, g: v128, p0: f32, p1: f32): v128 {
  switch (op) {
    case U_EXP: return f32x4.mul(g, y);
    case U_NEG: return f32x4.neg(g);
    case U_SQUARE: return f32x4.mul(g, f32x4.add(x, x));
    case U_LEAKY_RELU:
      return v128.bitselect(g, f32x4.mul(g, f32x4.splat(p0)), f32x4.gt(x, f32x4.splat(0)));
    case U_POW_SPECIAL: return f32x4.mul(g, f32x4.mul(f32x4.splat(p0), powSpecialV(x, powExp(p0, p1) - 1)));
  }
  let r = f32x4.splat(unaryGradScalar(op, f32x4.extract_lane(x, 0), f32x4.extract_lane(y, 0), f32x4.extract_lane(g, 0), p0, p1));
  r = f32x4.replace_lane(r, 1, unaryGradScalar(op, f32x4.extract_lane(x, 1), f32x4.extract_lane(y, 1), f32x4.extract_lane(g, 1), p0, p1));
  r = f32x4.replace_lane(r, 2, unaryGradScalar(op, f32x4.extract_lane(x, 2), f32x4.extract_lane(y, 2), f32x4.extract_lane(g, 2), p0, p1));
  r = f32x4.replace_lane(r, 3, unaryGradScalar(op, f32x4.extract_lane(x, 3), f32x4.extract_lane(y, 3), f32x4.extract_lane(g, 3), p0, p1));
  return r;
}

/** ELU's and CELU's negiptcoef in the backward: CELU's derivative passes 1.0 / alpha.toFloat() (double), ELU's 1. */
// @ts-ignore: decorator
@inline function eluGradIpt(op: i32, p0: f32): f32 { return op == U_ELU ? <f32>1 : <f32>(1.0 / <f64>p0); }
// @ts-ignore: decorator
@inline function eluGradNeg(op: i32, p0: f32, p1: f32): f32 { return op == U_ELU ? p0 * p1 : p0; }
// @ts-ignore: decorator
@inline function eluGradPos(op: i32, p1: f32): f32 { return op == U_ELU ? p1 : <f32>1; }

/** ATen's scalar elu_backward (the end of a contiguous row): from the input b = x, or from the result b = y (the
 *  in-place elu_). Note b NaN gives g * poscoef here and NaN in the vector form, as in ATen. */
function eluGradScalar(op: i32, b: f32, g: f32, p0: f32, p1: f32, isResult: bool): f32 {
  const neg = eluGradNeg(op, p0, p1), ipt = eluGradIpt(op, p0);
  if (!(b <= 0)) return g * eluGradPos(op, p1);
  return isResult ? g * ipt * (b + neg) : g * ipt * neg * c_expf(b * ipt);
}

/** ATen's elu_backward on whole 16-float blocks (SLEEF's exp), then eluGradScalar; b is x, or y when x is 0. With
 *  `basic` (the saved operand was strided) eluGradScalar on every element, as ATen's basic_loop. */
function eluGrad(op: i32, out: usize, x: usize, y: usize, g: usize, n: i32, p0: f32, p1: f32, basic: bool): void {
  const isResult = x == 0;
  const b = isResult ? y : x;
  const m = basic ? 0 : n & ~15;
  const neg = f32x4.splat(eluGradNeg(op, p0, p1)), pos = f32x4.splat(eluGradPos(op, p1)), ipt = f32x4.splat(eluGradIpt(op, p0));
  for (let i = 0; i < m; i += 4) {
    const q = <usize>i << 2;
    const a = v128.load(g + q), bv = v128.load(b + q);
    const gt = f32x4.gt(bv, f32x4.splat(0));
    const r = isResult
      ? f32x4.mul(f32x4.mul(a, ipt), f32x4.add(bv, neg))
      : f32x4.mul(f32x4.mul(f32x4.mul(a, ipt), neg), exp_v(f32x4.mul(bv, ipt)));
    v128.store(out + q, v128.bitselect(f32x4.mul(a, pos), r, gt));
  }
  for (let i = m; i < n; i++) {
    const q = <usize>i << 2;
    store<f32>(out + q, eluGradScalar(op, load<f32>(b + q), load<f32>(g + q), p0, p1, isResult));
  }
}

/** Added to a gradient's op code: the saved operand was strided (src/backend/kernels.ts GRAD_BASIC_LOOP). */
const GRAD_BASIC_LOOP: i32 = 1 << 16;

/** ATen's scalar silu_backward (the end of a contiguous row, strided input): glibc's expf; 1 + x * (1 - s) fused, as
 *  GCC contracts it. */
function siluGradScalar(x: f32, g: f32): f32 {
  const s = <f32>1 / (<f32>1 + c_expf(-x));
  return g * s * fma_f32(x, <f32>1 - s, 1);
}
/** ATen's silu_backward: dy * sigmoid * (1 + x * (1 - sigmoid)), sigmoid = 1 / (1 + exp(-x)) with SLEEF's exp on whole
 *  16-float blocks, then siluGradScalar (on everything when `basic`). GCC contracts 1 + x * (1 - sigmoid) into a fused
 *  multiply-add in the vector code too (its _mm256_mul_ps and _mm256_add_ps are plain vector arithmetic). */
function siluGrad(out: usize, x: usize, g: usize, n: i32, basic: bool): void {
  const m = basic ? 0 : n & ~15;
  const one = ck(C_ONE);
  for (let i = 0; i < m; i += 4) {
    const q = <usize>i << 2;
    const xv = v128.load(x + q);
    const s = f32x4.div(one, f32x4.add(one, exp_v(f32x4.neg(xv))));
    v128.store(out + q, f32x4.mul(f32x4.mul(v128.load(g + q), s), fma_v(xv, f32x4.sub(one, s), one)));
  }
  for (let i = m; i < n; i++) {
    const q = <usize>i << 2;
    store<f32>(out + q, siluGradScalar(load<f32>(x + q), load<f32>(g + q)));
  }
}

/** ATen's scalar softplus_backward: z = exp(x * beta) (glibc's expf), x * beta > threshold ? g : g * z / (z + 1). */
function softplusGradScalar(x: f32, g: f32, beta: f32, threshold: f32): f32 {
  const z = c_expf(x * beta);
  return x * beta > threshold ? g : g * z / (z + <f32>1);
}
/** ATen's softplus_backward: SLEEF's exp on whole 16-float blocks, then softplusGradScalar (everywhere when `basic`). */
function softplusGrad(out: usize, x: usize, g: usize, n: i32, beta: f32, threshold: f32, basic: bool): void {
  const m = basic ? 0 : n & ~15;
  const bv = f32x4.splat(beta), tv = f32x4.splat(threshold), one = ck(C_ONE);
  for (let i = 0; i < m; i += 4) {
    const q = <usize>i << 2;
    const xb = f32x4.mul(v128.load(x + q), bv);
    const a = v128.load(g + q);
    const z = exp_v(xb);
    v128.store(out + q, v128.bitselect(a, f32x4.div(f32x4.mul(a, z), f32x4.add(z, one)), f32x4.gt(xb, tv)));
  }
  for (let i = m; i < n; i++) {
    const q = <usize>i << 2;
    store<f32>(out + q, softplusGradScalar(load<f32>(x + q), load<f32>(g + q), beta, threshold));
  }
}
/** ATen's log_sigmoid_backward with its forward's buffer b = exp(-|x|) (SLEEF's, on every element):
 *  (max_deriv - sign * (b / (1 + b))) * g (sign is ±1, so a contraction would change nothing). */
function logsigmoidGradScalar(x: f32, g: f32): f32 {
  const b = exp_f32(-abs<f32>(x));
  const neg = x < 0;
  return ((neg ? <f32>1 : <f32>0) - (neg ? <f32>1 : <f32>-1) * (b / (<f32>1 + b))) * g;
}

/** out = dop/dx * g for contiguous x, y, g of length n (x or y may be 0 when the rule needs only one). */
export function unary_grad_f32(op: i32, out: usize, x: usize, y: usize, g: usize, n: i32, p0: f32, p1: f32): void {
  const basic = (op & GRAD_BASIC_LOOP) != 0;
  op &= ~GRAD_BASIC_LOOP;
  if (op == U_ELU || op == U_CELU) {
    eluGrad(op, out, x, y, g, n, p0, p1, basic);
    return;
  }
  if (op == U_SILU) {
    siluGrad(out, x, g, n, basic);
    return;
  }
  if (op == U_SOFTPLUS) {
    softplusGrad(out, x, g, n, p0, p1, basic);
    return;
  }
  if (op == U_GELU || op == U_GELU_TANH || op == U_GELU_DNNL) {
    geluGrad(op, out, x, g, n, basic ? -1 : reinterpret<i32>(p0));
    return;
  }
  if (op == U_POW_SCALAR) {
    powGrad(out, x, g, n, p0, p1, basic);
    return;
  }
  // (ATen's rows as GELU's: mish's row length in p0's bits, logit's in p1's, p0 being eps)
  if (op == U_MISH) {
    mishGrad(out, x, g, n, basic ? -1 : reinterpret<i32>(p0));
    return;
  }
  if (op == U_LOGIT) {
    logitGrad(out, x, g, n, p0, basic ? -1 : reinterpret<i32>(p1));
    return;
  }
  const xs = x != 0 ? x : g;
  const ys = y != 0 ? y : g;
  // The activations of training get a loop each (no dispatch inside); `o` walks the output.
  const end = out + (<usize>(n & ~3) << 2);
  const dx = xs - out;
  const dy = ys - out;
  const dg = g - out;
  let o = out;
  switch (op) {
    case U_SIGMOID:
      for (; o < end; o += 16) {
        const v = v128.load(o + dy);
        v128.store(o, f32x4.mul(f32x4.mul(v128.load(o + dg), f32x4.sub(ck(C_ONE), v)), v));
      }
      break;
    case U_TANH:
      for (; o < end; o += 16) {
        const v = v128.load(o + dy);
        v128.store(o, f32x4.mul(v128.load(o + dg), one_minus_sq_v(v)));
      }
      break;
    case U_RELU:
      for (; o < end; o += 16) v128.store(o, v128.and(v128.load(o + dg), f32x4.gt(v128.load(o + dy), f32x4.splat(0))));
      break;
    // grad · x.cos(), grad · -x.sin(): the new kernels over x (transcendental.ts)
    case U_SIN:
    case U_COS: sincosGrad(op == U_COS, out, xs, g, n); return;
    default:
      for (; o < end; o += 16) {
        v128.store(o, unaryGradVector(op, v128.load(o + dx), v128.load(o + dy), v128.load(o + dg), p0, p1));
      }
  }
  for (let i = n & ~3; i < n; i++) {
    const q = <usize>i << 2;
    store<f32>(out + q, unaryGradScalar(op, load<f32>(xs + q), load<f32>(ys + q), load<f32>(g + q), p0, p1));
  }
}

/** pow_backward: grad * (exponent * self.pow(exponent - 1)), zeros for exponent 0; the pow is ATen's pow kernel over
 *  the saved input (SLEEF's on whole 16-float blocks with float(exponent - 1), powScalar after and on every element
 *  of a strided input: `basic`). */
function powGrad(out: usize, x: usize, g: usize, n: i32, p0: f32, p1: f32, basic: bool): void {
  const e1 = powExp(p0, p1) - 1;
  const m = basic || p0 == 0 || powSpecial(e1) ? 0 : n & ~15;
  // the blocks' x ** (e - 1) first, through powBlocks (the forward's copy of SLEEF's pow), then grad * (e * that)
  powBlocks(out, x, 16, changetype<usize>(0), 0, m, <f32>e1);
  const k = f32x4.splat(p0);
  for (let i = 0; i < m; i += 4) {
    const q = <usize>i << 2;
    v128.store(out + q, f32x4.mul(v128.load(g + q), f32x4.mul(k, v128.load(out + q))));
  }
  for (let i = m; i < n; i++) {
    const q = <usize>i << 2;
    store<f32>(out + q, p0 == 0 ? <f32>0 : load<f32>(g + q) * (p0 * powScalar(load<f32>(x + q), e1)));
  }
}

// ---------------------------------------------------------------- binary ops
export const B_ADD: i32 = 0;
export const B_SUB: i32 = 1;
export const B_MUL: i32 = 2;
export const B_DIV: i32 = 3;
export const B_MAX: i32 = 4; // maximum, NaN propagates
export const B_MIN: i32 = 5;
export const B_POW: i32 = 6;
export const B_ATAN2: i32 = 7;
export const B_EQ: i32 = 8; // comparisons write 1 or 0 (as i32 words in the output)
export const B_NE: i32 = 9;
export const B_LT: i32 = 10;
export const B_LE: i32 = 11;
export const B_GT: i32 = 12;
export const B_GE: i32 = 13;
export const B_RSUB: i32 = 14; // b - a
export const B_RDIV: i32 = 15; // b / a
export const B_FLOORDIV: i32 = 16;
export const B_REMAINDER: i32 = 17; // Python-style modulo, sign of the divisor
export const B_FMOD: i32 = 18;
export const B_AND: i32 = 19; // logical, on 0/1 values
export const B_OR: i32 = 20;
export const B_XOR: i32 = 21;
export const B_COPYSIGN: i32 = 22;
export const B_SQDIFF: i32 = 23; // (a - b)^2
export const B_ABSDIFF: i32 = 24; // |a - b|
export const B_HYPOT: i32 = 25;
export const B_ZETA: i32 = 26; // Hurwitz zeta(a, b)
export const B_BAND: i32 = 27; // bitwise and / or / xor of int32 words (int64 and bool tensors)
export const B_BOR: i32 = 28;
export const B_BXOR: i32 = 29;
export const B_LSHIFT: i32 = 30;
export const B_RSHIFT: i32 = 31; // arithmetic
export const B_GCD: i32 = 32;
export const B_LCM: i32 = 33;
export const B_NEXTAFTER: i32 = 34;
export const B_IGAMMA: i32 = 35; // regularized lower incomplete gamma P(a, x)
export const B_IGAMMAC: i32 = 36; // upper Q(a, x)
// the orthogonal polynomials p_b(a) (degree b), in special.ts' P_* order: polynomial_f32(op - 37, a, b)
export const B_CHEBYSHEV_T: i32 = 37; // .. U 38, V 39, W 40, shifted T 41, U 42, V 43, W 44
export const B_HERMITE_H: i32 = 45; // .. hermite_he 46, laguerre_l 47
export const B_LEGENDRE_P: i32 = 48;
export const B_DIV_TRUNC: i32 = 49; // int64 only: a / b rounded toward zero (div's rounding_mode 'trunc')
export const B_POW_INT: i32 = 50; // int64 and bool only: B_POW's powI, which the lean core keeps without a float pow

@inline function fmax(a: f32, b: f32): f32 {
  if (a != a || b != b) return a + b;
  return a > b ? a : b;
}

@inline function fmin(a: f32, b: f32): f32 {
  if (a != a || b != b) return a + b;
  return a < b ? a : b;
}

@inline function fmodf(a: f32, b: f32): f32 {
  return <f32>(<f64>a % <f64>b);
}

export function binaryScalarF(op: i32, a: f32, b: f32): f32 {
  switch (op) {
    case B_ADD: return a + b;
    case B_SUB: return a - b;
    case B_MUL: return a * b;
    case B_DIV: return a / b;
    case B_MAX: return fmax(a, b);
    case B_MIN: return fmin(a, b);
    case B_POW: return c_powf(a, b); // (ATen's scalar lambda, std::pow(float, float): glibc's powf)
    case B_ATAN2: return atan2_f32(a, b);
    case B_RSUB: return b - a;
    case B_RDIV: return b / a;
    case B_FLOORDIV: return floor<f32>(a / b);
    case B_REMAINDER: {
      const m = fmodf(a, b);
      return m != 0 && (m < 0) != (b < 0) ? m + b : m;
    }
    case B_FMOD: return fmodf(a, b);
    case B_COPYSIGN: return copysign<f32>(a, b);
    case B_SQDIFF: { const d = a - b; return d * d; }
    case B_ABSDIFF: return abs<f32>(a - b);
    case B_HYPOT: return <f32>Math.hypot(<f64>a, <f64>b);
    case B_ZETA: return zeta_f32(a, b);
    case B_NEXTAFTER: return nextafter_f32(a, b);
    case B_IGAMMA: return igamma_f32(a, b);
    case B_IGAMMAC: return igammac_f32(a, b);
  }
  if (op >= B_CHEBYSHEV_T && op <= B_LEGENDRE_P) return polynomial_f32(op - B_CHEBYSHEV_T, a, b);
  return 0;
}

export function compareScalarF(op: i32, a: f32, b: f32): i32 {
  switch (op) {
    case B_EQ: return i32(a == b);
    case B_NE: return i32(a != b);
    case B_LT: return i32(a < b);
    case B_LE: return i32(a <= b);
    case B_GT: return i32(a > b);
    case B_GE: return i32(a >= b);
  }
  return 0;
}

/** Four elements of a binary op other than add/sub/mul/div (those have loops of their own). */
@inline function binaryVectorF(op: i32, a: v128, b: v128): v128 {
  switch (op) {
    case B_RSUB: return f32x4.sub(b, a);
    case B_RDIV: return f32x4.div(b, a);
    case B_SQDIFF: { const d = f32x4.sub(a, b); return f32x4.mul(d, d); }
    case B_ABSDIFF: return f32x4.abs(f32x4.sub(a, b));
    case B_ATAN2: return atan2_v(a, b);
    case B_MAX: {
      const nan = v128.or(f32x4.ne(a, a), f32x4.ne(b, b));
      return v128.bitselect(f32x4.add(a, b), v128.bitselect(a, b, f32x4.gt(a, b)), nan);
    }
    case B_MIN: {
      const nan = v128.or(f32x4.ne(a, a), f32x4.ne(b, b));
      return v128.bitselect(f32x4.add(a, b), v128.bitselect(a, b, f32x4.lt(a, b)), nan);
    }
    case B_EQ: return v128.and(f32x4.eq(a, b), i32x4.splat(1));
    case B_NE: return v128.and(f32x4.ne(a, b), i32x4.splat(1));
    case B_LT: return v128.and(f32x4.lt(a, b), i32x4.splat(1));
    case B_LE: return v128.and(f32x4.le(a, b), i32x4.splat(1));
    case B_GT: return v128.and(f32x4.gt(a, b), i32x4.splat(1));
    case B_GE: return v128.and(f32x4.ge(a, b), i32x4.splat(1));
  }
  let r = f32x4.splat(binaryScalarF(op, f32x4.extract_lane(a, 0), f32x4.extract_lane(b, 0)));
  r = f32x4.replace_lane(r, 1, binaryScalarF(op, f32x4.extract_lane(a, 1), f32x4.extract_lane(b, 1)));
  r = f32x4.replace_lane(r, 2, binaryScalarF(op, f32x4.extract_lane(a, 2), f32x4.extract_lane(b, 2)));
  r = f32x4.replace_lane(r, 3, binaryScalarF(op, f32x4.extract_lane(a, 3), f32x4.extract_lane(b, 3)));
  return r;
}

@inline function isCompare(op: i32): bool {
  return op >= B_EQ && op <= B_GE;
}

// The vector loops of the common float ops get one loop each (the op is chosen outside the loop);
// `o` walks the output and the operands sit at fixed distances from it.
/** The vector part of a op b where each operand is contiguous (step 16 bytes) or one broadcast
 *  value (step 0); returns the count done. add/sub/mul/div get a loop per layout, the other ops
 *  share one loop. */
function binaryVector(op: i32, out: usize, a: usize, stepA: usize, b: usize, stepB: usize, n: i32): i32 {
  const m = n & ~3;
  const end = out + (<usize>m << 2);
  let o = out;
  if (stepA != 0 && stepB != 0) {
    const da = a - out;
    const db = b - out;
    switch (op) {
      case B_ADD: for (; o < end; o += 16) v128.store(o, f32x4.add(v128.load(o + da), v128.load(o + db))); return m;
      case B_SUB: for (; o < end; o += 16) v128.store(o, f32x4.sub(v128.load(o + da), v128.load(o + db))); return m;
      case B_MUL: for (; o < end; o += 16) v128.store(o, f32x4.mul(v128.load(o + da), v128.load(o + db))); return m;
      case B_DIV: for (; o < end; o += 16) v128.store(o, f32x4.div(v128.load(o + da), v128.load(o + db))); return m;
    }
  } else if (stepB == 0) {
    const da = a - out;
    const vb = v128.load32_splat(b);
    switch (op) {
      case B_ADD: for (; o < end; o += 16) v128.store(o, f32x4.add(v128.load(o + da), vb)); return m;
      case B_SUB: for (; o < end; o += 16) v128.store(o, f32x4.sub(v128.load(o + da), vb)); return m;
      case B_MUL: for (; o < end; o += 16) v128.store(o, f32x4.mul(v128.load(o + da), vb)); return m;
      case B_DIV: for (; o < end; o += 16) v128.store(o, f32x4.div(v128.load(o + da), vb)); return m;
    }
  } else {
    const db = b - out;
    const va = v128.load32_splat(a);
    switch (op) {
      case B_ADD: for (; o < end; o += 16) v128.store(o, f32x4.add(va, v128.load(o + db))); return m;
      case B_SUB: for (; o < end; o += 16) v128.store(o, f32x4.sub(va, v128.load(o + db))); return m;
      case B_MUL: for (; o < end; o += 16) v128.store(o, f32x4.mul(va, v128.load(o + db))); return m;
      case B_DIV: for (; o < end; o += 16) v128.store(o, f32x4.div(va, v128.load(o + db))); return m;
    }
  }
  for (let pa = a, pb = b; o < end; o += 16, pa += stepA, pb += stepB) {
    const va = stepA != 0 ? v128.load(pa) : v128.load32_splat(pa);
    const vb = stepB != 0 ? v128.load(pb) : v128.load32_splat(pb);
    v128.store(o, binaryVectorF(op, va, vb));
  }
  return m;
}

function binaryRowF(op: i32, out: usize, a: usize, sa: i32, b: usize, sb: i32, n: i32): void {
  let i = 0;
  if ((sa == 1 || sa == 0) && (sb == 1 || sb == 0) && (sa | sb) != 0) {
    // (an `if`, which the lean build cuts where B_POW is not kept: a ternary it keeps)
    if (op == B_POW) i = powVector(out, a, <usize>sa << 4, b, <usize>sb << 4, n);
    else i = binaryVector(op, out, a, <usize>sa << 4, b, <usize>sb << 4, n);
  }
  if (isCompare(op)) {
    for (; i < n; i++) {
      const x = load<f32>(a + (<usize>(i * sa) << 2));
      const y = load<f32>(b + (<usize>(i * sb) << 2));
      store<i32>(out + (<usize>i << 2), compareScalarF(op, x, y));
    }
  } else {
    for (; i < n; i++) {
      const x = load<f32>(a + (<usize>(i * sa) << 2));
      const y = load<f32>(b + (<usize>(i * sb) << 2));
      store<f32>(out + (<usize>i << 2), binaryScalarF(op, x, y));
    }
  }
}

/** torch.pow's whole 16-float blocks of a row whose operands are contiguous or one broadcast value, as ATen's
 *  cpu_kernel_vec: SLEEF's powf (Sleef_powf8_u10); the rest is its scalar lambda (glibc's powf). Returns the count. */
function powVector(out: usize, a: usize, stepA: usize, b: usize, stepB: usize, n: i32): i32 {
  const m = n & ~15;
  powBlocks(out, a, stepA, b, stepB, m);
  return m;
}

/** out (contiguous) = a op b, float32 operands broadcast by strides. meta: [ndim, shape, strides a, strides b]. */
export function binary_f32(op: i32, out: usize, a: usize, b: usize, meta: usize): void {
  const rows = metaRows(meta);
  const n = metaRowLen(meta);
  if (n == 0 || rows == 0) return;
  const sa = metaRowStride(meta, 0);
  const sb = metaRowStride(meta, 1);
  resetIndex(meta);
  resetOffsets();
  for (let r = 0; r < rows; r++) {
    binaryRowF(op, out + (<usize>(r * n) << 2), a + offset(0), sa, b + offset(1), sb, n);
    nextRow(meta, OFFS, 2);
  }
}

// ---------------------------------------------------------------- int32 binary ops (int64 and bool tensors)
// int64 tensors hold 32-bit words, so an op's exact result (as PyTorch's int64 would hold it) may leave their
// range. The kernels compute each result exactly (in i64 where it can leave i32), store its low word and report
// whether any result left [-2^31, 2^31): the caller throws then, so a stored word is only ever read when it is
// the exact result. The vector loops check with a few lane operations and one test per row.

/** A result outside i32 (pow's and sqdiff's answer when the exact value would not even fit in i64). */
const OUT: i64 = 0x100000000;

/** Whether a kernel of this module instance met a result outside i32 since the caller cleared it. */
let outOfRange: bool = false;

// @ts-ignore: decorator
@inline function fits(r: i64): bool {
  return r == <i64><i32>r;
}

// The divisions: one each (a remainder a - q·b costs a multiply, a second i32.rem_s another division).
// b = -1 apart: -2^31 / -1 is 2^31 (and traps in i32 division), -2^31 % -1 is 0 as PyTorch's int64 gives.
// Division by zero gives 0 (TypeScript refuses it first).
// @ts-ignore: decorator
@inline function floorDivI(a: i32, b: i32): i64 {
  if (b == 0) return 0;
  if (b == -1) return -<i64>a;
  const q = a / b;
  return <i64>(q * b != a && (a ^ b) < 0 ? q - 1 : q);
}
// @ts-ignore: decorator
@inline function truncDivI(a: i32, b: i32): i64 {
  if (b == 0) return 0;
  if (b == -1) return -<i64>a;
  return <i64>(a / b);
}
/** Python's modulo: the sign of the divisor. */
// @ts-ignore: decorator
@inline function remainderI(a: i32, b: i32): i64 {
  if (b == 0 || b == -1) return 0;
  const m = a - a / b * b;
  return <i64>(m != 0 && (m ^ b) < 0 ? m + b : m);
}
// @ts-ignore: decorator
@inline function fmodI(a: i32, b: i32): i64 {
  return b == 0 || b == -1 ? 0 : <i64>(a - a / b * b);
}

/** op(a, b) exactly, as int64 arithmetic gives it (any value outside i32 is an overflow here). */
export function wideScalarI(op: i32, a: i32, b: i32): i64 {
  const x = <i64>a;
  const y = <i64>b;
  switch (op) {
    case B_ADD: return x + y;
    case B_SUB: return x - y;
    case B_MUL: return x * y;
    case B_RSUB: return y - x;
    case B_MAX: return a > b ? x : y;
    case B_MIN: return a < b ? x : y;
    case B_FLOORDIV: return floorDivI(a, b);
    case B_DIV_TRUNC: return truncDivI(a, b);
    case B_REMAINDER: return remainderI(a, b);
    case B_FMOD: return fmodI(a, b);
    case B_EQ: return <i64>(a == b);
    case B_NE: return <i64>(a != b);
    case B_LT: return <i64>(a < b);
    case B_LE: return <i64>(a <= b);
    case B_GT: return <i64>(a > b);
    case B_GE: return <i64>(a >= b);
    case B_AND: return <i64>(a != 0 && b != 0);
    case B_OR: return <i64>(a != 0 || b != 0);
    case B_XOR: return <i64>((a != 0) != (b != 0));
    case B_SQDIFF: {
      const d = x - y;
      return d > 46340 || d < -46340 ? OUT : d * d; // 46341² > 2^31 - 1; (2^32 - 1)² would leave i64
    }
    case B_ABSDIFF: { const d = x - y; return d < 0 ? -d : d; }
    case B_POW:
    case B_POW_INT: return powI(a, b);
    case B_BAND: return <i64>(a & b);
    case B_BOR: return <i64>(a | b);
    case B_BXOR: return <i64>(a ^ b);
    // PyTorch shifts int64 by the count's low 6 bits (x86's shifts): 1 << 64 is 1, -8 >> -1 is -1; a result past
    // 32 bits (1 << 31) is out of range here
    case B_LSHIFT: return x << <i64>(b & 63);
    case B_RSHIFT: return x >> <i64>(b & 63);
    case B_GCD: return <i64>gcdU(a, b);
    case B_LCM: {
      const g = <i64>gcdU(a, b);
      if (g == 0) return 0;
      const l = x / g * y; // |x / g|, |y| <= 2^31
      return l < 0 ? -l : l;
    }
  }
  return 0;
}

/** op(a, b) as the int32 word stored (the low word of wideScalarI): the reference for the vector lanes. */
export function binaryScalarI(op: i32, a: i32, b: i32): i32 {
  return <i32>wideScalarI(op, a, b);
}

/**
 * ATen's powi for b >= 0 by squaring, exact while it fits in i32: OUT as soon as a partial product or a square
 * that a later bit multiplies in leaves i32 (from |a| >= 2 on, neither ever shrinks). b < 0: 1, ±1 or 0.
 */
function powI(a: i32, b: i32): i64 {
  if (b < 0) return a == 1 ? 1 : a == -1 ? ((b & 1) != 0 ? -1 : 1) : 0;
  let r: i64 = 1;
  let base = <i64>a;
  let e = b;
  while (e != 0) {
    if (e & 1) {
      r *= base; // |r|, |base| <= 2^31
      if (!fits(r)) return OUT;
    }
    e >>= 1;
    if (e == 0) break;
    base *= base;
    if (!fits(base)) return OUT;
  }
  return r;
}

/** ATen's calc_gcd: Euclid on |a|, |b| (as u32: gcd(-2^31, 0) is 2^31). */
function gcdU(a: i32, b: i32): u32 {
  let x: u32 = a < 0 ? <u32>-a : <u32>a;
  let y: u32 = b < 0 ? <u32>-b : <u32>b;
  while (x != 0) { const c = x; x = y % x; y = c; }
  return y;
}

/** C's nextafterf: the next float32 after x toward y. */
function nextafter_f32(x: f32, y: f32): f32 {
  if (x != x || y != y) return x + y;
  if (x == y) return y;
  if (x == 0) return copysign<f32>(reinterpret<f32>(1), y);
  const b = reinterpret<i32>(x);
  return reinterpret<f32>((y > x) == (x > 0) ? b + 1 : b - 1);
}

/** torch.frexp: x = m·2^e with |m| in [0.5, 1) (0, inf and NaN keep themselves, e = 0), n contiguous floats. */
export function frexp_f32(m: usize, e: usize, x: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    let v = load<f32>(x + o);
    let bits = reinterpret<u32>(v);
    let ex = <i32>((bits >> 23) & 0xff);
    let shift = 0;
    if (ex == 0 && v != 0) { // subnormal: scale into the normal range first
      v *= <f32>33554432.0; // 2^25
      bits = reinterpret<u32>(v);
      ex = <i32>((bits >> 23) & 0xff);
      shift = 25;
    }
    if (v == 0 || ex == 0xff) {
      store<f32>(m + o, v);
      store<i32>(e + o, 0);
    } else {
      store<f32>(m + o, reinterpret<f32>((bits & 0x807fffff) | (126 << 23)));
      store<i32>(e + o, ex - 126 - shift);
    }
  }
}

/** binaryScalarI on four lanes, for the ops whose lanes cannot leave i32 (0/1 comparisons, max/min, bitwise). */
// @ts-ignore: decorator
@inline function binaryVecI(op: i32, x: v128, y: v128): v128 {
  const one = i32x4.splat(1);
  const zero = i32x4.splat(0);
  switch (op) {
    case B_MAX: return i32x4.max_s(x, y);
    case B_MIN: return i32x4.min_s(x, y);
    case B_EQ: return v128.and(i32x4.eq(x, y), one);
    case B_NE: return v128.and(i32x4.ne(x, y), one);
    case B_LT: return v128.and(i32x4.lt_s(x, y), one);
    case B_LE: return v128.and(i32x4.le_s(x, y), one);
    case B_GT: return v128.and(i32x4.gt_s(x, y), one);
    case B_GE: return v128.and(i32x4.ge_s(x, y), one);
    case B_AND: return v128.and(v128.and(i32x4.ne(x, zero), i32x4.ne(y, zero)), one);
    case B_OR: return v128.and(v128.or(i32x4.ne(x, zero), i32x4.ne(y, zero)), one);
    case B_XOR: return v128.and(v128.xor(i32x4.ne(x, zero), i32x4.ne(y, zero)), one);
    case B_BAND: return v128.and(x, y);
    case B_BOR: return v128.or(x, y);
    case B_BXOR: return v128.xor(x, y);
  }
  return zero;
}

/**
 * A contiguous row of n words of a against a contiguous row (sb = 1) or one word (sb = 0) of b with op's
 * vector lanes, for the ops whose lanes cannot leave i32; returns how many words it did (a multiple of 4).
 * op is a constant where it is inlined.
 */
// @ts-ignore: decorator
@inline function binaryRowI(op: i32, o: usize, pa: usize, pb: usize, n: i32, sb: i32): i32 {
  let i = 0;
  if (sb == 0) {
    const y = i32x4.splat(load<i32>(pb));
    for (; i + 4 <= n; i += 4) {
      const q = <usize>i << 2;
      v128.store(o + q, binaryVecI(op, v128.load(pa + q), y));
    }
  } else {
    for (; i + 4 <= n; i += 4) {
      const q = <usize>i << 2;
      v128.store(o + q, binaryVecI(op, v128.load(pa + q), v128.load(pb + q)));
    }
  }
  return i;
}

// add, sub, rsub and mul: a loop each, written out (binaryen folds the copies of an inlined loop that differ
// only in a constant back into one loop that switches per vector). Lanes of `bad` get their sign bit set
// where a result wrapped; one test per row sets outOfRange. Sums wrap exactly when both operands' signs
// differ from the result's: (x ^ r) & (y ^ r) < 0.

/** x + y over a row (see binaryRowI); sets outOfRange if a sum left i32. */
function addRowI(o: usize, pa: usize, pb: usize, n: i32, sb: i32): i32 {
  let i = 0;
  let bad = i32x4.splat(0);
  if (sb == 0) {
    const y = v128.load32_splat(pb);
    for (; i + 4 <= n; i += 4) {
      const q = <usize>i << 2;
      const x = v128.load(pa + q);
      const r = i32x4.add(x, y);
      v128.store(o + q, r);
      bad = v128.or(bad, v128.and(v128.xor(x, r), v128.xor(y, r)));
    }
  } else {
    for (; i + 4 <= n; i += 4) {
      const q = <usize>i << 2;
      const x = v128.load(pa + q);
      const y = v128.load(pb + q);
      const r = i32x4.add(x, y);
      v128.store(o + q, r);
      bad = v128.or(bad, v128.and(v128.xor(x, r), v128.xor(y, r)));
    }
  }
  if (i32x4.bitmask(bad) != 0) outOfRange = true;
  return i;
}

/** x - y over a row; wraps when x and y have different signs and r's differs from x's. */
function subRowI(o: usize, pa: usize, pb: usize, n: i32, sb: i32): i32 {
  let i = 0;
  let bad = i32x4.splat(0);
  if (sb == 0) {
    const y = v128.load32_splat(pb);
    for (; i + 4 <= n; i += 4) {
      const q = <usize>i << 2;
      const x = v128.load(pa + q);
      const r = i32x4.sub(x, y);
      v128.store(o + q, r);
      bad = v128.or(bad, v128.and(v128.xor(x, y), v128.xor(x, r)));
    }
  } else {
    for (; i + 4 <= n; i += 4) {
      const q = <usize>i << 2;
      const x = v128.load(pa + q);
      const y = v128.load(pb + q);
      const r = i32x4.sub(x, y);
      v128.store(o + q, r);
      bad = v128.or(bad, v128.and(v128.xor(x, y), v128.xor(x, r)));
    }
  }
  if (i32x4.bitmask(bad) != 0) outOfRange = true;
  return i;
}

/** y - x over a row. */
function rsubRowI(o: usize, pa: usize, pb: usize, n: i32, sb: i32): i32 {
  let i = 0;
  let bad = i32x4.splat(0);
  if (sb == 0) {
    const y = v128.load32_splat(pb);
    for (; i + 4 <= n; i += 4) {
      const q = <usize>i << 2;
      const x = v128.load(pa + q);
      const r = i32x4.sub(y, x);
      v128.store(o + q, r);
      bad = v128.or(bad, v128.and(v128.xor(y, x), v128.xor(y, r)));
    }
  } else {
    for (; i + 4 <= n; i += 4) {
      const q = <usize>i << 2;
      const x = v128.load(pa + q);
      const y = v128.load(pb + q);
      const r = i32x4.sub(y, x);
      v128.store(o + q, r);
      bad = v128.or(bad, v128.and(v128.xor(y, x), v128.xor(y, r)));
    }
  }
  if (i32x4.bitmask(bad) != 0) outOfRange = true;
  return i;
}

/**
 * x · y over a row. By one word s: x·s is exact when x lies in [lo, hi] (s's bounds, two compares a vector).
 * Two rows: the low and high words of the 64-bit products (extmul); the high word must be the low word's sign.
 */
function mulRowI(o: usize, pa: usize, pb: usize, n: i32, sb: i32): i32 {
  let i = 0;
  let bad = i32x4.splat(0);
  if (sb == 0) {
    const s = load<i32>(pb);
    let lo = i32.MIN_VALUE;
    let hi = i32.MAX_VALUE;
    if (s > 0) {
      lo = i32.MIN_VALUE / s; // ceil: truncation of a negative quotient
      hi = i32.MAX_VALUE / s;
    } else if (s < 0) {
      lo = i32.MAX_VALUE / s;
      const h = <i64>i32.MIN_VALUE / <i64>s; // 2^31 for s = -1
      hi = h > <i64>i32.MAX_VALUE ? i32.MAX_VALUE : <i32>h;
    }
    const y = i32x4.splat(s);
    const vlo = i32x4.splat(lo);
    const vhi = i32x4.splat(hi);
    for (; i + 4 <= n; i += 4) {
      const q = <usize>i << 2;
      const x = v128.load(pa + q);
      v128.store(o + q, i32x4.mul(x, y));
      bad = v128.or(bad, v128.or(i32x4.lt_s(x, vlo), i32x4.gt_s(x, vhi)));
    }
  } else {
    for (; i + 4 <= n; i += 4) {
      const q = <usize>i << 2;
      const x = v128.load(pa + q);
      const y = v128.load(pb + q);
      const lo = i64x2.extmul_low_i32x4_s(x, y);
      const hi = i64x2.extmul_high_i32x4_s(x, y);
      const r = v128.shuffle<i32>(lo, hi, 0, 2, 4, 6);
      v128.store(o + q, r);
      bad = v128.or(bad, i32x4.ne(v128.shuffle<i32>(lo, hi, 1, 3, 5, 7), i32x4.shr_s(r, 31)));
    }
  }
  if (i32x4.bitmask(bad) != 0) outOfRange = true;
  return i;
}

/** binaryRowI for a runtime op: each case inlines its own loop; 0 for ops without vector lanes. */
function binaryRowAnyI(op: i32, o: usize, pa: usize, pb: usize, n: i32, sb: i32): i32 {
  switch (op) {
    case B_ADD: return addRowI(o, pa, pb, n, sb);
    case B_SUB: return subRowI(o, pa, pb, n, sb);
    case B_MUL: return mulRowI(o, pa, pb, n, sb);
    case B_RSUB: return rsubRowI(o, pa, pb, n, sb);
    case B_MAX: return binaryRowI(B_MAX, o, pa, pb, n, sb);
    case B_MIN: return binaryRowI(B_MIN, o, pa, pb, n, sb);
    case B_EQ: return binaryRowI(B_EQ, o, pa, pb, n, sb);
    case B_NE: return binaryRowI(B_NE, o, pa, pb, n, sb);
    case B_LT: return binaryRowI(B_LT, o, pa, pb, n, sb);
    case B_LE: return binaryRowI(B_LE, o, pa, pb, n, sb);
    case B_GT: return binaryRowI(B_GT, o, pa, pb, n, sb);
    case B_GE: return binaryRowI(B_GE, o, pa, pb, n, sb);
    case B_AND: return binaryRowI(B_AND, o, pa, pb, n, sb);
    case B_OR: return binaryRowI(B_OR, o, pa, pb, n, sb);
    case B_XOR: return binaryRowI(B_XOR, o, pa, pb, n, sb);
    case B_BAND: return binaryRowI(B_BAND, o, pa, pb, n, sb);
    case B_BOR: return binaryRowI(B_BOR, o, pa, pb, n, sb);
    case B_BXOR: return binaryRowI(B_BXOR, o, pa, pb, n, sb);
  }
  return 0;
}

/**
 * Integer version of binary_f32 (int64 stored as i32, bool as 0/1). Division by zero gives 0; TS checks first.
 * Rows with a contiguous a and a contiguous or broadcast b take four lanes at a time for the simple ops.
 * add and sub take alpha (a ± alpha·b, as PyTorch's int64 kernel: exact, no rounding of alpha·b on its own).
 * Returns 1 if some exact result is outside [-2^31, 2^31) (its word is then the low 32 bits), else 0.
 */
export function binary_i32(op: i32, out: usize, a: usize, b: usize, meta: usize, alpha: i32): i32 {
  outOfRange = false;
  const scaled = alpha != 1 && (op == B_ADD || op == B_SUB);
  const k: i64 = op == B_SUB ? -<i64>alpha : <i64>alpha;
  const rows = metaRows(meta);
  const n = metaRowLen(meta);
  if (n == 0 || rows == 0) return 0;
  const sa = metaRowStride(meta, 0);
  const sb = metaRowStride(meta, 1);
  resetIndex(meta);
  resetOffsets();
  let wrong = false;
  for (let r = 0; r < rows; r++) {
    const o = out + (<usize>(r * n) << 2);
    const pa = a + offset(0);
    const pb = b + offset(1);
    let i = !scaled && sa == 1 && (sb == 1 || sb == 0) ? binaryRowAnyI(op, o, pa, pb, n, sb) : 0;
    if (i < n) {
      if (scaled) {
        for (; i < n; i++) {
          const x = load<i32>(pa + (<usize>(i * sa) << 2));
          const y = load<i32>(pb + (<usize>(i * sb) << 2));
          const v = <i64>x + k * <i64>y; // |k·y| <= 2^62
          wrong |= !fits(v);
          store<i32>(o + (<usize>i << 2), <i32>v);
        }
      } else wrong |= scalarRowI(op, o, pa, sa, pb, sb, i, n);
    }
    nextRow(meta, OFFS, 2);
  }
  return outOfRange || wrong ? 1 : 0;
}

/** Elements i..n of a row one at a time (strides sa, sb); whether a result left i32. */
// @ts-ignore: decorator
@inline function scalarLoopI(op: i32, o: usize, pa: usize, sa: i32, pb: usize, sb: i32, i: i32, n: i32): bool {
  let wrong = false;
  for (; i < n; i++) {
    const x = load<i32>(pa + (<usize>(i * sa) << 2));
    const y = load<i32>(pb + (<usize>(i * sb) << 2));
    const v = wideScalarI(op, x, y);
    wrong |= !fits(v);
    store<i32>(o + (<usize>i << 2), <i32>v);
  }
  return wrong;
}

/** scalarLoopI with the divisions' loops of their own (no dispatch per element), the rest through the switch. */
function scalarRowI(op: i32, o: usize, pa: usize, sa: i32, pb: usize, sb: i32, i: i32, n: i32): bool {
  switch (op) {
    case B_FLOORDIV: {
      let wrong = false;
      for (; i < n; i++) {
        const v = floorDivI(load<i32>(pa + (<usize>(i * sa) << 2)), load<i32>(pb + (<usize>(i * sb) << 2)));
        wrong |= !fits(v);
        store<i32>(o + (<usize>i << 2), <i32>v);
      }
      return wrong;
    }
    case B_DIV_TRUNC: {
      let wrong = false;
      for (; i < n; i++) {
        const v = truncDivI(load<i32>(pa + (<usize>(i * sa) << 2)), load<i32>(pb + (<usize>(i * sb) << 2)));
        wrong |= !fits(v);
        store<i32>(o + (<usize>i << 2), <i32>v);
      }
      return wrong;
    }
    case B_REMAINDER: {
      for (; i < n; i++) {
        const v = remainderI(load<i32>(pa + (<usize>(i * sa) << 2)), load<i32>(pb + (<usize>(i * sb) << 2)));
        store<i32>(o + (<usize>i << 2), <i32>v);
      }
      return false;
    }
    case B_FMOD: {
      for (; i < n; i++) {
        const v = fmodI(load<i32>(pa + (<usize>(i * sa) << 2)), load<i32>(pb + (<usize>(i * sb) << 2)));
        store<i32>(o + (<usize>i << 2), <i32>v);
      }
      return false;
    }
  }
  return scalarLoopI(op, o, pa, sa, pb, sb, i, n);
}

// ---------------------------------------------------------------- copies and conversions
export const C_COPY: i32 = 0; // 32-bit words as they are
export const C_I32_TO_F32: i32 = 1;
export const C_F32_TO_I32: i32 = 2; // truncation toward zero, as PyTorch's .long()
export const C_TO_BOOL_F32: i32 = 3; // x != 0 (NaN is true)
export const C_TO_BOOL_I32: i32 = 4;
export const C_NOT: i32 = 5; // logical not of 0/1 words
export const C_NEG_I32: i32 = 6;
export const C_ABS_I32: i32 = 7;
export const C_SIGN_I32: i32 = 8;

/**
 * dst (strided) = convert(src (strided)), both described by one meta:
 * [ndim, shape, strides of dst, strides of src]. Returns 1 if neg or abs met -2^31 (whose negation 2^31 is
 * outside the int64 words' range; its word stays -2^31), else 0.
 */
export function copy_strided(mode: i32, dst: usize, src: usize, meta: usize): i32 {
  const rows = metaRows(meta);
  const n = metaRowLen(meta);
  if (n == 0 || rows == 0) return 0;
  let wrong = false;
  const sd = metaRowStride(meta, 0);
  const ss = metaRowStride(meta, 1);
  resetIndex(meta);
  resetOffsets();
  for (let r = 0; r < rows; r++) {
    const pd = dst + offset(0);
    const ps = src + offset(1);
    let i = 0;
    if (mode == C_COPY && sd == 1 && ss == 1) {
      memory.copy(pd, ps, <usize>n << 2);
      i = n;
    } else if (mode == C_COPY && sd == 1 && ss == 0) {
      const v = v128.load32_splat(ps);
      for (; i + 4 <= n; i += 4) v128.store(pd + (<usize>i << 2), v);
    } else if ((mode == C_NEG_I32 || mode == C_ABS_I32) && sd == 1 && ss == 1) {
      // four words at a time; -2^31 is the one word whose negation leaves i32
      const lowest = i32x4.splat(i32.MIN_VALUE);
      let met = i32x4.splat(0);
      for (; i + 4 <= n; i += 4) {
        const q = <usize>i << 2;
        const v = v128.load(ps + q);
        v128.store(pd + q, mode == C_NEG_I32 ? i32x4.neg(v) : i32x4.abs(v));
        met = v128.or(met, i32x4.eq(v, lowest));
      }
      wrong |= v128.any_true(met);
    }
    for (; i < n; i++) {
      const s = ps + (<usize>(i * ss) << 2);
      const d = pd + (<usize>(i * sd) << 2);
      switch (mode) {
        case C_COPY: store<i32>(d, load<i32>(s)); break;
        case C_I32_TO_F32: store<f32>(d, <f32>load<i32>(s)); break;
        case C_F32_TO_I32: {
          const x = load<f32>(s);
          // Out-of-range and NaN are rejected in TypeScript; this only truncates.
          store<i32>(d, x != x ? 0 : <i32>x);
          break;
        }
        case C_TO_BOOL_F32: store<i32>(d, i32(load<f32>(s) != 0)); break;
        case C_TO_BOOL_I32: store<i32>(d, i32(load<i32>(s) != 0)); break;
        case C_NOT: store<i32>(d, i32(load<i32>(s) == 0)); break;
        case C_NEG_I32: { const v = load<i32>(s); wrong |= v == i32.MIN_VALUE; store<i32>(d, -v); break; }
        case C_ABS_I32: { const v = load<i32>(s); wrong |= v == i32.MIN_VALUE; store<i32>(d, v < 0 ? -v : v); break; }
        case C_SIGN_I32: { const v = load<i32>(s); store<i32>(d, v > 0 ? 1 : v < 0 ? -1 : 0); break; }
      }
    }
    nextRow(meta, OFFS, 2);
  }
  return wrong ? 1 : 0;
}

/** out (contiguous) = cond ? a : b over 32-bit words; meta: [ndim, shape, strides cond, a, b]. */
export function where_32(out: usize, cond: usize, a: usize, b: usize, meta: usize): void {
  const rows = metaRows(meta);
  const n = metaRowLen(meta);
  if (n == 0 || rows == 0) return;
  const sc = metaRowStride(meta, 0);
  const sa = metaRowStride(meta, 1);
  const sb = metaRowStride(meta, 2);
  resetIndex(meta);
  resetOffsets();
  for (let r = 0; r < rows; r++) {
    const o = out + (<usize>(r * n) << 2);
    const pc = cond + offset(0);
    const pa = a + offset(1);
    const pb = b + offset(2);
    let i = 0;
    if (sc == 1 && sa == 1 && sb == 1) {
      const zero = i32x4.splat(0);
      for (; i + 4 <= n; i += 4) {
        const q = <usize>i << 2;
        const m = i32x4.ne(v128.load(pc + q), zero);
        v128.store(o + q, v128.bitselect(v128.load(pa + q), v128.load(pb + q), m));
      }
    }
    for (; i < n; i++) {
      const c = load<i32>(pc + (<usize>(i * sc) << 2));
      const v = c != 0 ? load<i32>(pa + (<usize>(i * sa) << 2)) : load<i32>(pb + (<usize>(i * sb) << 2));
      store<i32>(o + (<usize>i << 2), v);
    }
    nextRow(meta, OFFS, 3);
  }
}

/** min and max of n i32 values, written to res[0], res[1] (for index checks in TypeScript). */
export function range_i32(a: usize, n: i32, res: usize): void {
  let lo = i32.MAX_VALUE;
  let hi = i32.MIN_VALUE;
  for (let i = 0; i < n; i++) {
    const v = load<i32>(a + (<usize>i << 2));
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  store<i32>(res, lo);
  store<i32>(res, hi, 4);
}

/**
 * min and max of n floats to res[0], res[1] (f32), as Math.min / Math.max fold them: NaN if there is one
 * (f32x4.min/max propagate it); +Infinity and -Infinity for n = 0.
 */
export function range_f32(a: usize, n: i32, res: usize): void {
  let lo = f32x4.splat(Infinity);
  let hi = f32x4.splat(-Infinity);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(a + (<usize>i << 2));
    lo = f32x4.min(lo, v);
    hi = f32x4.max(hi, v);
  }
  let l = min(min(f32x4.extract_lane(lo, 0), f32x4.extract_lane(lo, 1)), min(f32x4.extract_lane(lo, 2), f32x4.extract_lane(lo, 3)));
  let h = max(max(f32x4.extract_lane(hi, 0), f32x4.extract_lane(hi, 1)), max(f32x4.extract_lane(hi, 2), f32x4.extract_lane(hi, 3)));
  for (; i < n; i++) {
    const v = load<f32>(a + (<usize>i << 2));
    l = min(l, v);
    h = max(h, v);
  }
  store<f32>(res, l);
  store<f32>(res, h, 4);
}

// a·b + c rounded once (IEEE fma in f64), which wasm lacks: a·b exactly as ph + pl (Dekker), then the correctly
// rounded sum of three doubles c + ph + pl (Boldo and Melquiond: the low parts added rounding to odd)
@inline function veltkampHi(a: f64): f64 {
  const c = 134217729.0 * a;  // 2^27 + 1
  return c - (c - a);
}
function fma64(a: f64, b: f64, c: f64): f64 {
  const ph = a * b;
  const ah = veltkampHi(a);
  const al = a - ah;
  const bh = veltkampHi(b);
  const bl = b - bh;
  const pl = ((ah * bh - ph) + ah * bl + al * bh) + al * bl;
  const th = c + ph;
  const tb = th - c;
  const tl = (c - (th - tb)) + (ph - tb);
  // v = tl + pl rounded to odd: a sum with an error and an even last bit moves one unit toward the error
  let v = tl + pl;
  const vb = v - tl;
  const ve = (tl - (v - vb)) + (pl - vb);
  let vbits = reinterpret<i64>(v);
  if (ve != 0 && (vbits & 1) == 0) {
    vbits += (ve > 0) == (v > 0) ? 1 : -1;
    v = reinterpret<f64>(vbits);
  }
  return th + v;
}

/**
 * torch.arange's n values start + i · step, rounded to f32 or (isInt) truncated to i32 as JavaScript's ToInt32.
 * float32 follows ATen's CPU kernel (arange_kernel, AVX2 build, one chunk): runs of 16 as two Vectorized<float>::arange
 * of 8, each from base = (float)(start + step·i) and then (float)(base + k·step) in double, the remaining n mod 16
 * values (float)(start + step·i); GCC contracts each a + b·c into an fma (which moves e.g. arange(-8, 8, 0.1)[80]
 * from 0 to 4.4409e-16). isInt 2 is torch.range's float32.
 */
export function arange_32(out: usize, n: i32, start: f64, step: f64, isInt: i32): void {
  let i = 0;
  if (isInt == 2) {
    // torch.range's kernel (range_out): one scalar loop, (float)(start + i·step) in double (not fused there)
    for (; i < n; i++) store<f32>(out + (<usize>i << 2), <f32>(start + <f64>i * step));
    return;
  }
  if (!isInt) {
    const nv = n - n % 16;
    for (; i < nv; i += 8) {
      const base = <f64><f32>fma64(step, <f64>i, start);
      for (let k = 0; k < 8; k++) store<f32>(out + (<usize>(i + k) << 2), <f32>fma64(<f64>k, step, base));
    }
    for (; i < n; i++) store<f32>(out + (<usize>i << 2), <f32>fma64(step, <f64>i, start));
    return;
  }
  if (isInt && n > 0) {
    // the values run monotonically from the first to the last: when both are in i32's range, so is every
    // one, and ToInt32 is a plain truncation
    const last = start + <f64>(n - 1) * step;
    if (start >= -2147483648.0 && start < 2147483648.0 && last >= -2147483648.0 && last < 2147483648.0) {
      const s = f64x2.splat(start);
      const d = f64x2.splat(step);
      let k = i32x4(0, 1, 2, 3);
      const four = i32x4.splat(4);
      for (; i + 4 <= n; i += 4) {
        const a = f64x2.add(s, f64x2.mul(f64x2.convert_low_i32x4_s(k), d));
        const b = f64x2.add(s, f64x2.mul(f64x2.convert_low_i32x4_s(v128.shuffle<i32>(k, k, 2, 3, 0, 1)), d));
        const lo = i32x4.trunc_sat_f64x2_s_zero(a);
        const hi = i32x4.trunc_sat_f64x2_s_zero(b);
        v128.store(out + (<usize>i << 2), v128.shuffle<i32>(lo, hi, 0, 1, 4, 5));
        k = i32x4.add(k, four);
      }
      for (; i < n; i++) store<i32>(out + (<usize>i << 2), <i32>(start + <f64>i * step));
      return;
    }
  }
  for (; i < n; i++) {
    const v = start + <f64>i * step;
    if (isInt) store<i32>(out + (<usize>i << 2), toInt32(v));
    else store<f32>(out + (<usize>i << 2), <f32>v);
  }
}

/** Counts of NaN and of non-integral or out-of-[-2^31, 2^31) values in n floats: res[0], res[1]. */
export function check_f32(a: usize, n: i32, res: usize): void {
  let nan = 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const v = load<f32>(a + (<usize>i << 2));
    if (v != v) nan++;
    else if (v < -2147483648.0 || v >= 2147483648.0) bad++;
  }
  store<i32>(res, nan);
  store<i32>(res, bad, 4);
}

/** torch.float_power in float64 (PyTorch's dtype for it), rounded once to float32: out[i] = pow(a[i], b[i])
 *  over n contiguous floats; `mode` 1 takes the scalar `s` as the exponent, 2 as the base (b, a unused). */
export function float_power_f32(out: usize, a: usize, b: usize, n: i32, mode: i32, s: f64): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const x = mode == 2 ? s : <f64>load<f32>(a + o);
    const y = mode == 1 ? s : <f64>load<f32>(b + o);
    store<f32>(out + o, <f32>Math.pow(x, y));
  }
}
