// Elementwise ops: unary maps (one kernel op code each, with its gradient kernel), binary
// ops with broadcasting and scalars, comparisons, where, casts and in-place updates.
import { composite } from '../lifetime.js';
import { bind, isPlainObject } from '../optim/optimizer.js';
import { Tensor, TensorOrScalar } from '../tensor.js';
import { DType, float32, int64, bool, promote, INT_MIN, INT_MAX, asOp, intOverflow, checkInt64 } from '../dtype.js';
import { K, F32, I32, meta1, metaBroadcast, SCRATCH } from '../backend/wasm.js';
import { U, B, C, GRAD_BASIC_LOOP } from '../backend/kernels.js';
import { unaryFlat, binaryFlat, unaryGradFlat, bits } from '../backend/flat.js';
import { record, renamed, refused, is_grad_enabled, registerEngineOps, shownInputs } from '../autograd.js';
import { broadcastShapes, fmtShape, numelOf, sameShape, scalarName } from './util.js';
import { sumTo } from './reduce.js';
import { broadcastStrides, elementwiseStrides, isContiguous, isNonOverlappingAndDense, outputOrder, preservedStrides } from '../layout.js';
import { nonzero } from './sorting.js';
import { checkInplace, checkNoInternalOverlap, rebaseHistory } from './inplace.js';

// ---------------------------------------------------------------- casts

/** An op's iteration in its output's memory order: the output's shape and each operand's strides (read broadcast to
 *  it) with the dims permuted so that the output is contiguous in them (layout.ts outputOrder); null when the output
 *  is contiguous already. */
function inOutputOrder(shape: readonly number[], outStrides: readonly number[],
  operands: readonly { _shape: readonly number[]; _strides: readonly number[] }[]): { shape: number[]; strides: number[][] } | null {
  const order = outputOrder(shape, outStrides);
  if (order === null) return null;
  return {
    shape: order.map((d) => shape[d]),
    strides: operands.map((o) => { const b = broadcastStrides(shape, o._shape, o._strides); return order.map((d) => b[d]); }),
  };
}

/** A new tensor of `dtype` from x (any strides) through one copy_strided mode (`op` names its range error):
 *  contiguous, or with `preserve` laid out as empty_like(x) (x.clone(), x.to(dtype)), or with these strides. */
function mapCopy(x: Tensor, mode: number, dtype: DType, op = 'copy', preserve: boolean | number[] = false): Tensor {
  const strides = Array.isArray(preserve) ? (isContiguous(x._shape, preserve) ? null : preserve)
    : preserve && !x.is_contiguous() ? preservedStrides(x) : null;
  const out = strides ? Tensor._emptyStrided(x._shape.slice(), strides, dtype) : Tensor._empty(x._shape.slice(), dtype);
  if (out.numel() === 0) return out;
  const p = strides ? inOutputOrder(x._shape, strides, [x]) : null;
  const m = p ? metaBroadcast(p.shape, p.shape, null, p.shape, p.strides[0]) : metaBroadcast(x._shape, x._shape, null, x._shape, x._strides);
  if (K.copy_strided(mode, out._ptr(), x._ptr(), m)) {
    out.dispose();
    throw intOverflow(op);
  }
  return out;
}

/** A new contiguous tensor of `shape` filled with v (bool as 0/1; an int64 v is truncated and must fit). */
export function filled(shape: number[], dtype: DType, v: number, op?: string): Tensor {
  if (dtype === int64) checkInt64(Math.trunc(v), op);
  const t = Tensor._empty(shape, dtype);
  const n = t.numel();
  if (n > 0) K.fill_32(t._ptr(), n, fillWord(dtype, v));
  return t;
}

/** The 32-bit word a value of `dtype` is stored as (an int64 v truncated). */
function fillWord(dtype: DType, v: number): number {
  return dtype === float32 ? bits(v) : dtype === bool ? (v ? 1 : 0) : Math.trunc(v);
}

/** Copies (and converts) any strided tensor into a new contiguous one of `dtype`; with `preserve`, into one laid out
 *  as empty_like(t) (PyTorch's preserve_format: clone, to). */
export function convert(t: Tensor, dtype: DType, preserve: boolean | number[] = false): Tensor {
  if (t.numel() === 0) return Tensor._empty(t._shape.slice(), dtype);
  let mode: number = C.copy;
  if (dtype === float32 && t.dtype !== float32) mode = C.i32_to_f32;
  else if (dtype === int64 && t.dtype === float32) {
    checkIntegral(t);
    mode = C.f32_to_i32;
  } else if (dtype === bool && t.dtype === float32) mode = C.f32_to_bool;
  else if (dtype === bool && t.dtype === int64) mode = C.i32_to_bool;
  return mapCopy(t, mode, dtype, 'copy', preserve);
}

function checkIntegral(t: Tensor): void {
  const c = t.contiguous();
  K.check_f32(c._ptr(), c.numel(), SCRATCH);
  const m = I32();
  const nan = m[SCRATCH >>> 2];
  const bad = m[(SCRATCH >>> 2) + 1];
  if (c !== t) c.dispose();
  if (nan > 0 || bad > 0) {
    throw new RangeError(`tocha: cannot convert a float tensor with ${nan > 0 ? 'NaN' : 'values outside'} ` +
      `${nan > 0 ? '' : `[${INT_MIN}, ${INT_MAX}] `}to int64 (tocha stores int64 in 32 bits)`);
  }
}

/** `t.to(dtype)`: the same tensor if the dtype already matches, else a copy laid out as t (`preserve`, the public
 *  methods) or contiguous. Differentiable float → float only. */
export function cast(t: Tensor, dtype: DType, preserve: boolean | number[] = false): Tensor {
  if (t.dtype === dtype) return t;
  return convert(t, dtype, preserve);
}

/** A copy; differentiable. Contiguous, or with `preserve` laid out as t (`t.clone()`: PyTorch's preserve_format). */
export function clone(t: Tensor, preserve: boolean | number[] = false): Tensor {
  const out = convert(t, t.dtype, preserve);
  return record('CloneBackward0', out, [t], [], (g) => [g]);
}

// ---------------------------------------------------------------- unary ops

interface UnarySpec {
  code: number;
  node: string;
  /** What the gradient kernel needs: the input, the output, or nothing (zero gradient). */
  saves: 'x' | 'y' | 'none';
}

function unarySpec(code: number, node: string, saves: 'x' | 'y' | 'none'): UnarySpec {
  return { code, node, saves };
}

/**
 * The float-only kernels: PyTorch refuses int and bool input to these (`"elu_cpu" not implemented for 'Long'`) where
 * the other float ops (sin, exp, sigmoid, ...) compute int input in float.
 */
const FLOAT_ONLY: Readonly<Record<number, string>> = {
  [U.frac]: 'frac_cpu', [U.gelu]: 'GeluKernelImpl', [U.gelu_tanh]: 'GeluKernelImpl', [U.silu]: 'silu_cpu', [U.elu]: 'elu_cpu',
  [U.celu]: 'elu_cpu', [U.softplus]: 'softplus_cpu', [U.mish]: 'mish_cpu', [U.hardsigmoid]: 'hardsigmoid_cpu',
  [U.hardswish]: 'hardswish_cpu', [U.leaky_relu]: 'leaky_relu_cpu',
  [U.hardshrink]: 'hardshrink_cpu', [U.softshrink]: 'softshrink_cpu',
};

/** out = op(x) for a float op, with its backward through the op's gradient kernel. */
export function unary(spec: UnarySpec, x: Tensor, p0 = 0, p1 = 0): Tensor {
  if (x.dtype !== float32) {
    const kernel = FLOAT_ONLY[spec.code];
    if (kernel) throw new TypeError(`"${kernel}" not implemented for '${scalarName(x.dtype)}'`);
    if (spec.code === U.tanhshrink && x.dtype === bool) return sub(x, 0); // x - tanh(x): subtraction's bool error
  }
  const a = x.dtype === float32 ? x : convert(x, float32, true);
  let out: Tensor;
  if (a.is_contiguous()) {
    out = Tensor._empty(a._shape.slice(), float32);
    if (out.numel() > 0) unaryFlat(spec.code, out._ptr(), a._ptr(), out.numel(), p0, p1);
  } else {
    // laid out as PyTorch's TensorIterator lays it out: as x where x is dense (x.t().exp() then runs over memory, one
    // flat row), else dense in the order of x's strides, iterated in that order
    const strides = elementwiseStrides(a._shape, [a]);
    out = Tensor._emptyStrided(a._shape.slice(), strides, float32);
    const n = out.numel();
    const p = inOutputOrder(a._shape, strides, [a]);
    if (n > 0 && p !== null && sameShape(strides, a._strides)) unaryFlat(spec.code, out._ptr(), a._ptr(), n, p0, p1, false);
    else if (n > 0) {
      K.unary_f32(spec.code, out._ptr(), a._ptr(), p ? metaBroadcast(p.shape, p.shape, p.strides[0]) : metaBroadcast(a._shape, a._shape, a._strides), p0, p1);
    }
  }
  if (a !== x) a.dispose();
  if (spec.saves === 'none' || !is_grad_enabled() || !x.requires_grad) return out;
  const code = spec.code;
  return record(spec.node, out, [x], [spec.saves === 'x' ? x : out], (g, [s]) => {
    if (code === U.trigamma) throw new Error('tocha: polygamma(2, x) (the third derivative of lgamma) is not implemented');
    const xs = spec.saves === 'x' ? s : null;
    const ys = spec.saves === 'y' ? s : null;
    // Under create_graph the gradient itself must be differentiable: use the composite form.
    if (is_grad_enabled() && (g.requires_grad || s.requires_grad)) {
      const c = compositeGrad(code, xs, ys, g, p0, p1);
      if (c) return [c];
    }
    // derivatives.yaml's grad * self.cosh() (sinh) and grad * self.sinh() (cosh): that op's own kernel, its SLEEF
    // blocks and glibc tail laid out as the saved input's
    if (code === U.sinh || code === U.cosh) return [compositeGrad(code, xs, ys, g, p0, p1)!];
    return [unaryGrad(code, xs, ys, g, p0, p1)];
  });
}

/** Differentiable gradients (f'(x) * g from ops) for double backward; null where not provided. */
function compositeGrad(code: number, x: Tensor | null, y: Tensor | null, g: Tensor, p0: number, p1: number): Tensor | null {
  void p1;
  switch (code) {
    case U.abs: return mul(g, sign(x!));
    case U.exp: return mul(g, y!);
    case U.log: return div(g, x!);
    case U.sqrt: return div(g, mul(y!, 2));
    case U.rsqrt: return mul(mul(g, pow(y!, 3)), -0.5);
    case U.reciprocal: return neg(mul(g, mul(y!, y!)));
    case U.sin: return mul(g, cos(x!));
    case U.sinh: return mul(g, cosh(x!));
    case U.cosh: return mul(g, sinh(x!));
    case U.asinh: return mul(g, rsqrt(add(mul(x!, x!), 1)));
    case U.acosh: return mul(g, rsqrt(sub(mul(x!, x!), 1)));
    case U.atanh: return div(g, neg(sub(mul(x!, x!), 1)));
    case U.cos: return neg(mul(g, sin(x!)));
    case U.tanh: return mul(g, sub(ones(y!), mul(y!, y!)));
    case U.sigmoid: return mul(mul(g, y!), sub(ones(y!), y!));
    case U.relu: return mul(g, cast(gt(y!, 0), float32));
    case U.square: return mul(g, mul(x!, 2));
    case U.pow_scalar:
    case U.pow_special: return p0 === 0 ? mul(g, 0) : mul(g, mul(pow(x!, p0 - 1), p0));
    case U.expm1: return mul(g, add(y!, 1));
    case U.log1p: return div(g, add(x!, 1));
    case U.atan: return div(g, add(mul(x!, x!), 1));
    case U.erf: return mul(g, mul(exp(neg(mul(x!, x!))), 1.1283791670955126));
    case U.erfinv: return mul(mul(exp(mul(y!, y!)), 0.886226925452758), g);
    case U.lgamma: return mul(g, digamma(x!));
    case U.digamma: return mul(g, unary(spec.trigamma, x!));
    case U.silu: {
      const s = sigmoid(x!);
      return mul(g, mul(s, add(mul(x!, sub(ones(s), s)), 1)));
    }
    // PyTorch's infinitely_differentiable_mish_backward / _logit_backward (its formulas under create_graph, op by op:
    // unfused, so other bits than the kernels')
    case U.mish: {
      const s = sigmoid(x!), t = tanh(log1p(exp(x!)));
      return mul(g, add(t, mul(mul(x!, s), sub(ones(t), mul(t, t)))));
    }
    case U.logit: {
      const lo = p0 < 0 ? 0 : p0, hi = p0 < 0 ? 1 : 1 - p0;
      return where(logical_and(ge(x!, lo), le(x!, hi)), div(g, mul(x!, sub(ones(x!), x!))), p0 < 0 ? NaN : 0);
    }
  }
  return null;
}

function ones(like: Tensor): Tensor {
  return filled(like._shape.slice(), float32, 1);
}

/** The gradient kernel: f'(x or y) * g, itself differentiable only through composites (no double backward). */
export function unaryGrad(code: number, x: Tensor | null, y: Tensor | null, g: Tensor, p0 = 0, p1 = 0): Tensor {
  const saved0 = x ?? y;
  if (saved0 && !saved0.is_contiguous() && sameShape(g._shape, saved0._shape) && sameShape(g._strides, saved0._strides) &&
    isNonOverlappingAndDense(g._shape, g._strides)) {
    // PyTorch's backward kernels are TensorIterator ops on (g, saved): both dense with the same strides (x.t()'s
    // layout, say) make one flat row over memory, and an output laid out alike (GELU: ATen's kernel, one row)
    const out = Tensor._emptyStrided(g._shape.slice(), g._strides.slice(), float32);
    if (code === U.gelu || code === U.gelu_tanh) p0 = 0;
    unaryGradFlat(code, out._ptr(), x ? x._ptr() : 0, y ? y._ptr() : 0, g._ptr(), out.numel(), p0, p1, 16);
    return out;
  }
  const gc = g.contiguous();
  const xc = x ? x.contiguous() : null;
  const yc = y ? y.contiguous() : null;
  const out = Tensor._empty(gc._shape.slice(), float32);
  const saved = x ?? y;
  let align = 16;
  if (x && (code === U.gelu || code === U.gelu_tanh)) {
    // PyTorch 1.13's gelu_backward: oneDNN's gelu_erf for a contiguous input of more than one float, else ATen's kernel
    // over TensorIterator's rows (p0: a row's length as the f32 parameter's bits, 0 for one row; chunks of whole rows)
    const row = code === U.gelu && x.is_contiguous() && x.numel() > 1 ? null : iterRow(x, g);
    if (row === null) code = U.gelu_dnnl;
    else if (row < 0) code += GRAD_BASIC_LOOP;
    else {
      p0 = new Float32Array(Int32Array.of(row).buffer)[0];
      if (row > 0) align = row;
    }
  } else if (x && (code === U.mish || code === U.logit)) {
    // mish_backward and logit_backward: ATen's kernels over TensorIterator's rows as GELU's; the row length in p0's bits
    // (mish) or p1's (logit, whose p0 is eps)
    const row = iterRow(x, g);
    if (row < 0) code += GRAD_BASIC_LOOP;
    else {
      const r = new Float32Array(Int32Array.of(row).buffer)[0];
      if (code === U.mish) p0 = r; else p1 = r;
      if (row > 0) align = row;
    }
  } else if (saved && !saved.is_contiguous()) code += GRAD_BASIC_LOOP;
  if (out.numel() > 0) {
    unaryGradFlat(code, out._ptr(), xc ? xc._ptr() : 0, yc ? yc._ptr() : 0, gc._ptr(), out.numel(), p0, p1, align);
  }
  return out;
}

/**
 * The rows over which ATen's TensorIterator runs a binary op's vectorized loop for x and g (same shape) into a new
 * output, where the layout keeps the dims' order: the innermost dims that coalesce for both (0: all of them, one row),
 * or -1 when an innermost stride is not unit (g's may be 0, a broadcast scalar) and its basic loop runs instead.
 */
function iterRow(x: Tensor, g: Tensor): number {
  const shape = x._shape, xs = x._strides, gs = g._strides;
  let row = 0, gInner = 0;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] === 1) continue;
    if (row === 0) {
      if (xs[d] !== 1 || (gs[d] !== 1 && gs[d] !== 0)) return -1;
      row = shape[d];
      gInner = gs[d];
    } else if (xs[d] === row && gs[d] === gInner * row) row *= shape[d];
    else return row;
  }
  return 0;
}

const spec = {
  neg: unarySpec(U.neg, 'NegBackward0', 'none'),
  abs: unarySpec(U.abs, 'AbsBackward0', 'x'),
  exp: unarySpec(U.exp, 'ExpBackward0', 'y'),
  exp2: unarySpec(U.exp2, 'Exp2Backward0', 'y'),
  log: unarySpec(U.log, 'LogBackward0', 'x'),
  log10: unarySpec(U.log10, 'Log10Backward0', 'x'),
  sqrt: unarySpec(U.sqrt, 'SqrtBackward0', 'y'),
  rsqrt: unarySpec(U.rsqrt, 'RsqrtBackward0', 'y'),
  reciprocal: unarySpec(U.reciprocal, 'ReciprocalBackward0', 'y'),
  sin: unarySpec(U.sin, 'SinBackward0', 'x'),
  cos: unarySpec(U.cos, 'CosBackward0', 'x'),
  tan: unarySpec(U.tan, 'TanBackward0', 'y'),
  sinh: unarySpec(U.sinh, 'SinhBackward0', 'x'),
  cosh: unarySpec(U.cosh, 'CoshBackward0', 'x'),
  asin: unarySpec(U.asin, 'AsinBackward0', 'x'),
  acos: unarySpec(U.acos, 'AcosBackward0', 'x'),
  asinh: unarySpec(U.asinh, 'AsinhBackward0', 'x'),
  acosh: unarySpec(U.acosh, 'AcoshBackward0', 'x'),
  atanh: unarySpec(U.atanh, 'AtanhBackward0', 'x'),
  tanh: unarySpec(U.tanh, 'TanhBackward0', 'y'),
  sigmoid: unarySpec(U.sigmoid, 'SigmoidBackward0', 'y'),
  relu: unarySpec(U.relu, 'ReluBackward0', 'y'),
  square: unarySpec(U.square, 'PowBackward0', 'x'),
  expm1: unarySpec(U.expm1, 'Expm1Backward0', 'y'),
  log1p: unarySpec(U.log1p, 'Log1PBackward0', 'x'),
  log2: unarySpec(U.log2, 'Log2Backward0', 'x'),
  erf: unarySpec(U.erf, 'ErfBackward0', 'x'),
  erfinv: unarySpec(U.erfinv, 'ErfinvBackward0', 'y'),
  lgamma: unarySpec(U.lgamma, 'LgammaBackward0', 'x'),
  digamma: unarySpec(U.digamma, 'DigammaBackward0', 'x'),
  // polygamma(1, x), digamma's derivative: internal; differentiating it again throws (polygamma(2) is not built)
  trigamma: unarySpec(U.trigamma, 'PolygammaBackward0', 'x'),
  atan: unarySpec(U.atan, 'AtanBackward0', 'x'),
  floor: unarySpec(U.floor, 'FloorBackward0', 'none'),
  ceil: unarySpec(U.ceil, 'CeilBackward0', 'none'),
  round: unarySpec(U.round, 'RoundBackward0', 'none'),
  trunc: unarySpec(U.trunc, 'TruncBackward0', 'none'),
  frac: unarySpec(U.frac, 'FracBackward0', 'x'),
  sign: unarySpec(U.sign, 'SignBackward0', 'none'),
  logit: unarySpec(U.logit, 'LogitBackward0', 'x'),
  gelu: unarySpec(U.gelu, 'GeluBackward0', 'x'),
  gelu_tanh: unarySpec(U.gelu_tanh, 'GeluBackward0', 'x'),
  silu: unarySpec(U.silu, 'SiluBackward0', 'x'),
  elu: unarySpec(U.elu, 'EluBackward0', 'x'),
  celu: unarySpec(U.celu, 'CeluBackward0', 'x'),
  softplus: unarySpec(U.softplus, 'SoftplusBackward0', 'x'),
  logsigmoid: unarySpec(U.logsigmoid, 'LogSigmoidBackward0', 'x'),
  softsign: unarySpec(U.softsign, 'DivBackward0', 'x'),
  clamp: unarySpec(U.clamp, 'ClampBackward1', 'x'),
  hardtanh: unarySpec(U.hardtanh, 'HardtanhBackward0', 'x'),
  mish: unarySpec(U.mish, 'MishBackward0', 'x'),
  hardsigmoid: unarySpec(U.hardsigmoid, 'HardsigmoidBackward0', 'x'),
  hardswish: unarySpec(U.hardswish, 'HardswishBackward0', 'x'),
  tanhshrink: unarySpec(U.tanhshrink, 'SubBackward0', 'x'),
  leaky_relu: unarySpec(U.leaky_relu, 'LeakyReluBackward0', 'x'),
  pow_scalar: unarySpec(U.pow_scalar, 'PowBackward0', 'x'),
  rpow_scalar: unarySpec(U.rpow_scalar, 'PowBackward2', 'y'),
  pow_special: unarySpec(U.pow_special, 'PowBackward0', 'x'),
  affine: unarySpec(U.affine, 'MulBackward0', 'none'),
  hardshrink: unarySpec(U.hardshrink, 'HardshrinkBackward0', 'x'),
  softshrink: unarySpec(U.softshrink, 'SoftshrinkBackward0', 'x'),
  threshold: unarySpec(U.threshold, 'ThresholdBackward0', 'x'),
} as const;
export { spec as unarySpecs };

export function neg(x: Tensor): Tensor {
  if (x.dtype === bool) {
    throw new TypeError('Negation, the `-` operator, on a bool tensor is not supported. ' +
      'If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
  }
  if (x.dtype !== float32) return intUnary(x, C.neg_i32, 'neg');
  const out = unary(spec.neg, x);
  return record('NegBackward0', out, [x], [], (g) => [neg(g)]);
}

export function abs(x: Tensor): Tensor {
  if (x.dtype === bool) throw new TypeError(`"abs_cpu" not implemented for 'Bool'`);
  return x.dtype === float32 ? unary(spec.abs, x) : intUnary(x, C.abs_i32, 'abs');
}

function sign_impl(x: Tensor): Tensor {
  if (x.dtype === bool) return clone(x); // PyTorch: the sign of a bool tensor is the tensor (bool)
  if (x.dtype !== float32) return intUnary(x, C.sign_i32, 'sign');
  // PyTorch's (0 < x) - (x < 0): NaN and -0 give +0; the gradient is zero
  const xd = x.detach();
  const out = add(where(isnan(xd), 0, unary(spec.sign, xd)), 0);
  return record('SignBackward0', out, [x], [], (g) => [filled(g._shape.slice(), float32, 0)]);
}

function intUnary(x: Tensor, mode: number, op: string): Tensor {
  return mapCopy(x, mode, x.dtype === bool ? int64 : x.dtype, op, true);
}

export const exp = (x: Tensor) => unary(spec.exp, x);
export const exp2 = (x: Tensor) => unary(spec.exp2, x);
export const log = (x: Tensor) => unary(spec.log, x);
export const log10 = (x: Tensor) => unary(spec.log10, x);
export const sqrt = (x: Tensor) => unary(spec.sqrt, x);
export const rsqrt = (x: Tensor) => unary(spec.rsqrt, x);
export const reciprocal = (x: Tensor) => unary(spec.reciprocal, x);
export const sin = (x: Tensor) => unary(spec.sin, x);
export const cos = (x: Tensor) => unary(spec.cos, x);
export const tan = (x: Tensor) => unary(spec.tan, x);
export const sinh = (x: Tensor) => unary(spec.sinh, x);
export const cosh = (x: Tensor) => unary(spec.cosh, x);
export const asin = (x: Tensor) => unary(spec.asin, x);
export const acos = (x: Tensor) => unary(spec.acos, x);
export const asinh = (x: Tensor) => unary(spec.asinh, x);
export const acosh = (x: Tensor) => unary(spec.acosh, x);
export const atanh = (x: Tensor) => unary(spec.atanh, x);
export const atan = (x: Tensor) => unary(spec.atan, x);
export const tanh = (x: Tensor) => unary(spec.tanh, x);
export const sigmoid = (x: Tensor) => unary(spec.sigmoid, x);
/** relu: float32 through its kernel; int64 stays int64 (clamp_min(0), as PyTorch); bool is PyTorch's error. */
export function relu(x: Tensor): Tensor {
  if (x.dtype === bool) throw new TypeError('Boolean inputs not supported for relu');
  if (x.dtype === int64) return asOp('relu', () => clamp_min(x, 0));
  return unary(spec.relu, x);
}
export const expm1 = (x: Tensor) => unary(spec.expm1, x);
export const log1p = (x: Tensor) => unary(spec.log1p, x);
export const log2 = (x: Tensor) => unary(spec.log2, x);
export const erf = (x: Tensor) => unary(spec.erf, x);
/** Inverse of erf on [-1, 1] (±inf at ±1, NaN outside), PyTorch's algorithm: `torch.erfinv(x)`. */
export const erfinv = (x: Tensor) => unary(spec.erfinv, x);
/** ln|Γ(x)|, as `torch.lgamma(x)` (gradient: digamma). */
export const lgamma = (x: Tensor) => unary(spec.lgamma, x);
/** Γ'(x)/Γ(x) with PyTorch's algorithm, as `torch.digamma(x)` (gradient: polygamma(1, x)). */
export const digamma = (x: Tensor) => unary(spec.digamma, x);
/** log(p / (1 - p)), p clamped to [eps, 1 - eps] first when eps is given: `torch.logit(p, 1e-6)`. */
export const logit = /*#__PURE__*/ composite((x: Tensor, ...args: unknown[]) => {
  const { eps } = bind('logit', ['eps'], [], { eps: null }, args, 1, true);
  // ATen's logit_kernel takes eps = -1 for None (no clamp), and clamps inside the kernel (hi = 1 - eps in float)
  return unary(spec.logit, x, eps == null ? -1 : eps);
}, 'logit');
export const frac = (x: Tensor) => unary(spec.frac, x);
export function square(x: Tensor): Tensor {
  // PyTorch's square is pow(x, 2): bool squares to int64
  if (x.dtype === bool) return asOp('square', () => { const i = cast(x, int64); const r = mul(i, i); i.dispose(); return r; });
  return x.dtype === float32 ? unary(spec.square, x) : asOp('square', () => mul(x, x));
}
/** A step function's result: PyTorch records its node (`grad_fn=<FloorBackward0>`), with a zero gradient. */
function step(node: string, out: Tensor, x: Tensor): Tensor {
  return record(node, out, [x], [], (g) => [filled(g._shape.slice(), float32, 0)]);
}
/** PyTorch's step functions refuse bool (their vml kernels have no bool case); ints come back unchanged. */
function noBool(x: Tensor, kernel: string): void {
  if (x.dtype === bool) throw new TypeError(`"${kernel}" not implemented for 'Bool'`);
}
export function floor(x: Tensor): Tensor { noBool(x, 'floor_vml_cpu'); return x.dtype === float32 ? step('FloorBackward0', unary(spec.floor, x), x) : clone(x); }
export function ceil(x: Tensor): Tensor { noBool(x, 'ceil_vml_cpu'); return x.dtype === float32 ? step('CeilBackward0', unary(spec.ceil, x), x) : clone(x); }
export function round(x: Tensor, opts?: { decimals?: number }): Tensor {
  noBool(x, 'round_vml_cpu');
  if (x.dtype !== float32) return clone(x);
  const d = opts?.decimals ?? 0;
  if (d === 0) return step('RoundBackward0', unary(spec.round, x), x);
  const s = 10 ** d;
  const xd = x.detach();
  const scaled = mul(xd, s);
  const rounded = unary(spec.round, scaled);
  const out = div(rounded, s);
  for (const t of [xd, scaled, rounded]) t.dispose();
  return step('RoundBackward1', out, x);
}
export function trunc(x: Tensor): Tensor { noBool(x, 'trunc_vml_cpu'); return x.dtype === float32 ? step('TruncBackward0', unary(spec.trunc, x), x) : clone(x); }

export function isnan(x: Tensor): Tensor { return flagOp(x, U.isnan, false); }
export function isinf(x: Tensor): Tensor { return flagOp(x, U.isinf, false); }
export function isfinite(x: Tensor): Tensor { return flagOp(x, U.isfinite, true); }

function flagOp(x: Tensor, code: number, intValue: boolean): Tensor {
  if (x.dtype !== float32) return filled(x._shape.slice(), bool, intValue ? 1 : 0);
  const f = unary({ code, node: '', saves: 'none' }, x);
  const out = convert(f, bool, true);
  f.dispose();
  return out;
}


/** clamp(x, min, max); either bound may be omitted: `torch.clamp(x, -1, 1)`, `torch.clamp(x, { min: 0 })`. */
export function clamp(x: Tensor, ...args: unknown[]): Tensor {
  const { min, max } = bind('clamp', ['min', 'max'], [], { min: null, max: null }, args) as
    { min: number | null | Tensor; max: number | null | Tensor };
  if (min instanceof Tensor || max instanceof Tensor) {
    // PyTorch: clamp.Tensor's node is ClampBackward0 (with a number bound too)
    return renamed('ClampBackward0', clampByTensors(x, min, max));
  }
  if (min == null && max == null) throw new Error("torch.clamp: At least one of 'min' or 'max' must not be None");
  // bool with bool bounds stays bool, which PyTorch's kernel lacks (a number bound promotes to int64)
  if (x.dtype === bool && (min == null || typeof min === 'boolean') && (max == null || typeof max === 'boolean')) {
    throw new TypeError(`"clamp_scalar_cpu" not implemented for 'Bool'`);
  }
  if (x.dtype !== float32) {
    // a bound past int64's words on their own side changes nothing (all values are inside it): the nearest word
    let r = x;
    if (x.dtype === int64) {
      if (min != null && min > INT_MAX) checkInt64(Math.trunc(min), 'clamp');
      if (max != null && max < INT_MIN) checkInt64(Math.trunc(max), 'clamp');
    }
    if (min != null) r = binaryOp(B.maximum, r, x.dtype === int64 && min < INT_MIN ? INT_MIN : min, 'none');
    if (max != null) {
      const lo = r;
      r = binaryOp(B.minimum, lo, x.dtype === int64 && max > INT_MAX ? INT_MAX : max, 'none');
      if (lo !== x) lo.dispose();
    }
    return r;
  }
  return unary(spec.clamp, x, min ?? -Infinity, max ?? Infinity);
}

/** `torch.clamp_min(x, min)`: ClampMinBackward0 for a number bound, ClampMinBackward1 for a tensor. */
export function clamp_min(x: Tensor, min: number | Tensor): Tensor {
  if (x.dtype === bool && typeof min === 'boolean') throw new TypeError(`"clamp_min_cpu" not implemented for 'Bool'`);
  return renamed(min instanceof Tensor ? 'ClampMinBackward1' : 'ClampMinBackward0',
    min instanceof Tensor ? clampByTensors(x, min, null) : clamp(x, min));
}

/** `torch.clamp_max(x, max)`: ClampMaxBackward0 for a number bound, ClampMaxBackward1 for a tensor. */
export function clamp_max(x: Tensor, max: number | Tensor): Tensor {
  if (x.dtype === bool && typeof max === 'boolean') throw new TypeError(`"clamp_max_cpu" not implemented for 'Bool'`);
  return renamed(max instanceof Tensor ? 'ClampMaxBackward1' : 'ClampMaxBackward0',
    max instanceof Tensor ? clampByTensors(x, null, max) : clamp(x, null, max));
}

function clampByTensors_impl(x: Tensor, min?: number | null | Tensor, max?: number | null | Tensor): Tensor {
  let r = x;
  if (min != null) r = maximum(r, min instanceof Tensor ? min : scalarLike(min, r, 'clamp'));
  if (max != null) r = minimum(r, max instanceof Tensor ? max : scalarLike(max, r, 'clamp'));
  return r;
}

function scalarLike(v: number, like: { dtype: DType }, op?: string): Tensor {
  return filled([], like.dtype, v, op);
}

// ---------------------------------------------------------------- binary ops

function scalarDtype(v: number | boolean): DType {
  if (typeof v === 'boolean') return bool;
  return Number.isInteger(v) ? int64 : float32;
}

/** A JS scalar as a tensor of a compatible dtype (for the few places that need a tensor). */
export function asTensorLike(v: TensorOrScalar, like: Tensor): Tensor {
  if (v instanceof Tensor) return v;
  const dt = like.dtype === float32 || scalarDtype(v) === float32 ? float32 : promote(like.dtype, scalarDtype(v));
  return scalarLike(Number(v), { dtype: dt });
}

/** Result dtype of `a op b` as PyTorch's type promotion (a JS number is a wrapped scalar). */
function resultType(a: Tensor, b: TensorOrScalar): DType {
  if (b instanceof Tensor) {
    // Zero-dim tensors do not promote dimensioned ones within the same category.
    if (b._shape.length === 0 && a._shape.length > 0 && sameCategory(a.dtype, b.dtype)) return a.dtype;
    if (a._shape.length === 0 && b._shape.length > 0 && sameCategory(a.dtype, b.dtype)) return b.dtype;
    return promote(a.dtype, b.dtype);
  }
  const sd = scalarDtype(b);
  if (sameCategory(a.dtype, sd) || a.dtype === float32) return a.dtype;
  return promote(a.dtype, sd);
}

function sameCategory(a: DType, b: DType): boolean {
  return (a === float32) === (b === float32) && (a === bool) === (b === bool);
}

type OutKind = 'same' | 'bool' | 'none';

/** PyTorch's names of the int ops whose exact results can leave int64's 32-bit words, for their range errors. */
const RANGE_OPS: Record<number, string> = {
  [B.add]: 'add', [B.sub]: 'sub', [B.mul]: 'mul', [B.rsub]: 'rsub', [B.floor_divide]: 'floor_divide',
  [B.div_trunc]: 'div', [B.remainder]: 'remainder', [B.fmod]: 'fmod', [B.pow]: 'pow', [B.pow_int]: 'pow', [B.sqdiff]: 'sub',
  [B.absdiff]: 'sub', [B.left_shift]: 'bitwise_left_shift', [B.gcd]: 'gcd', [B.lcm]: 'lcm',
};

/**
 * The forward of every binary op: broadcast by strides, compute in float32 or int32, write a
 * new contiguous tensor. No autograd here. Integer results are exact or a RangeError (`intOverflow`);
 * `alpha` scales b in int add and sub (a ± alpha·b in one exact step).
 */
export function binaryOp(code: number, a: Tensor, b: TensorOrScalar, kind: OutKind, forceDtype?: DType, alpha = 1): Tensor {
  const dt = forceDtype ?? resultType(a, b);
  const isFloat = dt === float32;
  if (dt === int64 && !(b instanceof Tensor)) {
    const v = Number(b);
    // compared with an integer past int64's 32-bit words (but within PyTorch's 64 bits), every element
    // is below it (or above it): the answer is one value
    if (kind === 'bool' && (v > INT_MAX || v < INT_MIN) && Math.abs(v) < 2 ** 63) {
      const below = v > INT_MAX;
      const r = code === B.eq ? false : code === B.ne ? true : code === B.lt || code === B.le ? below : !below;
      return filled(a._shape.slice(), bool, r ? 1 : 0);
    }
    // a number operand enters int64 here: it must fit in the words like any other int64 value (the error names
    // the op by its code)
    if (v < INT_MIN || v > INT_MAX) checkInt64(Math.trunc(v), Object.keys(B).find((k) => B[k as keyof typeof B] === code));
  }
  const ac = a.dtype === dt ? a : convert(a, dt, true);
  let bp: number;
  let bShape: readonly number[];
  let bStrides: readonly number[];
  let bc: Tensor | null = null;
  if (b instanceof Tensor) {
    bc = b.dtype === dt ? b : convert(b, dt, true);
    bp = bc._ptr();
    bShape = bc._shape;
    bStrides = bc._strides;
  } else {
    const v = Number(b);
    if (isFloat) F32()[SCRATCH >>> 2] = v;
    else I32()[SCRATCH >>> 2] = v;
    bp = SCRATCH;
    bShape = [];
    bStrides = [];
  }
  const same = bc !== null && sameShape(ac._shape, bShape);
  const shape = same ? ac._shape.slice() : broadcastShapes(ac._shape, bShape);
  // Laid out as PyTorch's TensorIterator lays it out (layout.ts), and iterated in that memory order: contiguous
  // operands (broadcast or not) always make a contiguous output.
  const contiguousIn = ac.is_contiguous() && (bc === null || bc.is_contiguous());
  const strides = contiguousIn ? null : elementwiseStrides(shape, bc === null ? [ac] : [ac, bc], bc === null);
  const outContiguous = strides === null || isContiguous(shape, strides);
  const out = strides === null ? Tensor._empty(shape, kind === 'bool' ? bool : dt) : Tensor._emptyStrided(shape, strides, kind === 'bool' ? bool : dt);
  const n = out.numel();
  let wrong = 0;
  // one flat row: every operand laid out as the output (a number operand: one value)
  const flat = outContiguous ? contiguousIn && (bc === null || same)
    : sameShape(ac._shape, shape) && sameShape(ac._strides, strides!) && (bc === null || (same && sameShape(bc._strides, strides!)));
  if (n > 0 && flat) {
    if (isFloat) binaryFlat(code, out._ptr(), ac._ptr(), bp, bc === null ? 0 : 1, n);
    else wrong = K.binary_i32(code, out._ptr(), ac._ptr(), bp, meta1(n, bc === null ? 0 : 1), alpha);
  } else if (n > 0) {
    const p = outContiguous ? null : inOutputOrder(shape, strides!, [ac, { _shape: bShape, _strides: bStrides }]);
    const m = p ? metaBroadcast(p.shape, p.shape, p.strides[0], p.shape, p.strides[1])
      : metaBroadcast(shape, ac._shape, ac._strides, bShape, bStrides);
    if (isFloat) K.binary_f32(code, out._ptr(), ac._ptr(), bp, m);
    else wrong = K.binary_i32(code, out._ptr(), ac._ptr(), bp, m, alpha);
  }
  if (ac !== a) ac.dispose();
  if (bc && bc !== b) bc.dispose();
  if (wrong) {
    out.dispose();
    throw intOverflow(RANGE_OPS[code] ?? 'op');
  }
  return out;
}

function checkScalar(op: string, v: TensorOrScalar): void {
  if (!(v instanceof Tensor) && typeof v !== 'number' && typeof v !== 'boolean') {
    throw new TypeError(`${op}(): argument 'other' must be Tensor or Number, not ${v === null ? 'null' : typeof v}`);
  }
}

/** Whether autograd records an op on a and b (checked before building its record's arguments). */
function tracks(a: Tensor, b: TensorOrScalar): boolean {
  return is_grad_enabled() && (a.requires_grad || (b instanceof Tensor && b.requires_grad));
}

/**
 * Whether a ± alpha·b takes the int kernel's alpha (an int64 result and an integer alpha, which must fit in
 * int64's words like any value entering): computed in one exact step, as PyTorch's int64 add does.
 */
function intAlpha(a: Tensor, b: TensorOrScalar, alpha: number, op: string): boolean {
  if (alpha === 1 || !Number.isInteger(alpha) || resultType(a, b) !== int64) return false;
  checkInt64(alpha, op);
  return true;
}

/**
 * The edges PyTorch's node for a ∘ b shows: a number operand of add, sub, mul and div is a wrapped-number tensor
 * there, an edge to nothing (`(x + 1).grad_fn.next_functions` is `((AccumulateGrad, 0), (None, 0))`), and a
 * tensor scaled by alpha is still the tensor itself.
 */
function shownOperands(r: Tensor, a: Tensor, b: TensorOrScalar): Tensor {
  return shownInputs(r, [a, b instanceof Tensor ? b : null]);
}

/** a + alpha * b. */
export function add(a: Tensor, b: TensorOrScalar, opts?: { alpha?: number }): Tensor {
  checkScalar('add', b);
  const alpha = opts?.alpha ?? 1;
  if (intAlpha(a, b, alpha, 'add')) return binaryOp(B.add, a, b, 'same', undefined, alpha);
  const operand = b;
  if (alpha !== 1) b = b instanceof Tensor ? mul(b, alpha) : Number(b) * alpha;
  const out = binaryOp(B.add, a, b, 'same');
  if (!tracks(a, b)) return out;
  return shownOperands(record('AddBackward0', out, b instanceof Tensor ? [a, b] : [a], [], (g) => [g, g]), a, operand);
}

/** a - alpha * b. */
export function sub(a: Tensor, b: TensorOrScalar, opts?: { alpha?: number }): Tensor {
  checkScalar('sub', b);
  const bBool = b instanceof Tensor ? b.dtype === bool : typeof b === 'boolean';
  if (a.dtype === bool && bBool) {
    throw new TypeError('Subtraction, the `-` operator, with two bool tensors is not supported. ' +
      'Use the `^` or `logical_xor()` operator instead.');
  }
  if (a.dtype === bool || bBool) {
    throw new TypeError('Subtraction, the `-` operator, with a bool tensor is not supported. ' +
      'If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
  }
  const alpha = opts?.alpha ?? 1;
  if (intAlpha(a, b, alpha, 'sub')) return binaryOp(B.sub, a, b, 'same', undefined, alpha);
  const operand = b;
  if (alpha !== 1) b = b instanceof Tensor ? mul(b, alpha) : Number(b) * alpha;
  const out = binaryOp(B.sub, a, b, 'same');
  if (!tracks(a, b)) return out;
  return shownOperands(record('SubBackward0', out, b instanceof Tensor ? [a, b] : [a], [], (g) => [g, neg(g)]), a, operand);
}

export function mul(a: Tensor, b: TensorOrScalar): Tensor {
  checkScalar('mul', b);
  const out = binaryOp(B.mul, a, b, 'same');
  if (!tracks(a, b)) return out;
  if (b instanceof Tensor) {
    return record('MulBackward0', out, [a, b], [a, b], (g, [sa, sb], needs) => [
      needs[0] ? mul(g, sb) : null, needs[1] ? mul(g, sa) : null]);
  }
  const s = Number(b);
  return shownOperands(record('MulBackward0', out, [a], [], (g) => [mul(g, s)]), a, b);
}

export function div(a: Tensor, b: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor {
  checkScalar('div', b);
  const mode = opts?.rounding_mode ?? null;
  if (mode === 'floor' || mode === 'trunc') {
    // int64 quotients are exact (a float32 quotient rounds past 2^24): the int kernel, as floor_divide
    const isInt = resultType(a, b) === int64;
    if (isInt) checkIntDivisor('div', a, b);
    const ad = a.detach();
    const bd = b instanceof Tensor ? b.detach() : b;
    let out: Tensor;
    try {
      if (mode === 'floor') out = asOp('div', () => binaryOp(B.floor_divide, ad, bd, 'same'));
      else if (isInt) out = binaryOp(B.div_trunc, ad, bd, 'same');
      else {
        const q = div(ad, bd);
        out = resultType(a, b) === float32 ? trunc(q) : convert(trunc(q), int64);
        q.dispose();
      }
    } finally {
      ad.dispose();
      if (bd instanceof Tensor) bd.dispose();
    }
    if (!tracks(a, b)) return out;
    // rounded quotients are piecewise constant: PyTorch's DivBackward2 gives every input a zero gradient
    const inputs = b instanceof Tensor ? [a, b] : [a];
    return shownOperands(record('DivBackward2', out, inputs, [], (g) => inputs.map(() => filled(g._shape.slice(), float32, 0))), a, b);
  }
  // True division always gives a float.
  const out = binaryOp(B.div, a, b, 'same', float32);
  if (!tracks(a, b)) return out;
  if (b instanceof Tensor) {
    // div_tensor_other_backward: -grad * ((self / other) / other) (-(grad * self) / (other * other) differs in ~47%)
    return record('DivBackward0', out, [a, b], [a, b], (g, [sa, sb], needs) => [
      needs[0] ? div(g, sb) : null, needs[1] ? mul(neg(g), div(div(sa, sb), sb)) : null]);
  }
  const s = Number(b);
  return shownOperands(record('DivBackward0', out, [a], [], (g) => [div(g, s)]), a, b);
}

export function floor_divide(a: Tensor, b: TensorOrScalar): Tensor {
  checkIntDivisor('floor_divide', a, b);
  const out = binaryOp(B.floor_divide, a, b, 'same');
  if (!tracks(a, b)) return out;
  return refused('NotImplemented', 'derivative for aten::floor_divide is not implemented', out,
    b instanceof Tensor ? [a, b] : [a]);
}

export function remainder(a: Tensor, b: TensorOrScalar): Tensor {
  checkIntDivisor('remainder', a, b);
  const out = binaryOp(B.remainder, a, b, 'same');
  // other's gradient: -grad · floor(a / b) (PyTorch's RemainderBackward1)
  if (!(b instanceof Tensor)) return record('RemainderBackward0', out, [a], [], (g) => [g]);
  return record('RemainderBackward1', out, [a, b], [a, b], (g, [sa, sb]) => [g, neg(mul(g, floor(div(sa, sb))))]);
}

export function fmod(a: Tensor, b: TensorOrScalar): Tensor {
  checkIntDivisor('fmod', a, b);
  const out = binaryOp(B.fmod, a, b, 'same');
  // other's gradient: -grad · trunc(a / b) (PyTorch's FmodBackward1)
  if (!(b instanceof Tensor)) return record('FmodBackward0', out, [a], [], (g) => [g]);
  return record('FmodBackward1', out, [a, b], [a, b], (g, [sa, sb]) => [g, neg(mul(g, trunc(div(sa, sb))))]);
}

function checkIntDivisor(op: string, a: Tensor, b: TensorOrScalar): void {
  if (resultType(a, b) === bool) {
    throw new TypeError(`"${op === 'floor_divide' ? 'div_floor' : op}_cpu" not implemented for 'Bool'`);
  }
  const isInt = resultType(a, b) !== float32;
  if (!isInt) return;
  let zero: boolean;
  if (b instanceof Tensor) {
    const z = b.eq(0);
    const any = z.any();
    zero = Boolean(any.item());
    z.dispose();
    any.dispose();
  } else zero = Number(b) === 0;
  if (zero) throw new RangeError(`${op}: ZeroDivisionError (integer division by zero)`);
}

export function pow(a: Tensor | number, b: TensorOrScalar): Tensor {
  if (a instanceof Tensor && a.dtype === bool && (b instanceof Tensor ? b.dtype === bool : typeof b === 'boolean')) {
    throw new TypeError(`"pow" not implemented for 'Bool'`);
  }
  if (!(a instanceof Tensor)) {
    if (!(b instanceof Tensor)) throw new TypeError('pow(): at least one argument must be a Tensor');
    // scalar ** tensor: int64 (exact) for an integer base and an int64 or bool exponent, as PyTorch's
    if (Number.isInteger(a) && b.dtype !== float32) {
      const base = filled([], int64, a);
      try {
        return binaryOp(B.pow_int, base, b, 'same');
      } finally {
        base.dispose();
      }
    }
    return unary(spec.rpow_scalar, b, a, Math.log(a)); // (p1: the gradient's ln a, in double as PyTorch's)
  }
  if (!(b instanceof Tensor)) {
    const e = Number(b);
    if (a.dtype !== float32) {
      // an integer exponent keeps the int64 result type, where a negative power is not an integer
      if (Number.isInteger(e) && e < 0) throw new Error('Integers to negative integer powers are not allowed.');
      // past 2^31 - 1 only |a| <= 1 keeps a power in range, and those depend on e's parity alone
      if (Number.isInteger(e) && e >= 0) return binaryOp(B.pow_int, a, e > INT_MAX ? INT_MAX - 1 + (e % 2) : e, 'same');
      // (no gradient here: ATen's own ops for ±0.5, in the lean core too)
      return unary(e === 0.5 || e === -0.5 ? spec.pow_special : spec.pow_scalar, a, e, e - Math.fround(e));
    }
    if (e === 2) {
      const out = unary(spec.square, a);
      return out;
    }
    // ATen's own ops for these exponents, and for their gradients' e - 1 (U.pow_scalar's bits, no pow routine: the
    // lean core has this code and not that one)
    if (e === 0.5 || e === 3 || e === -1) return unary(spec.pow_special, a, e, 0);
    // (p1: the rest of the exponent past float, so the kernel has it in double as PyTorch's: its scalar std::pow and the
    // gradient's exponent - 1)
    return unary(spec.pow_scalar, a, e, e - Math.fround(e));
  }
  const out = binaryOp(a.dtype !== float32 && b.dtype !== float32 ? B.pow_int : B.pow, a, b, 'same');
  // pow_backward_self and pow_backward_exponent, in PyTorch's order: grad * (b * a^(b - 1)) but 0 where b == 0, and
  // grad * (a^b ln a) but 0 where a == 0 and b >= 0
  return record('PowBackward1', out, [a, b], [a, b, out], (g, [sa, sb, y]) => [
    where(eq(sb, 0), 0, mul(g, mul(sb, pow(sa, sub(sb, 1))))),
    mul(g, where(logical_and(eq(sa, 0), ge(sb, 0)), 0, mul(y, log(sa)))),
  ]);
}

export function maximum(a: Tensor, b: Tensor): Tensor {
  const out = binaryOp(B.maximum, a, b, 'same');
  return record('MaximumBackward0', out, [a, b], [a, b], (g, [sa, sb]) => {
    const half = where(eq(sa, sb), mul(g, 0.5), g);
    return [masked_fill(half, lt(sa, sb), 0), masked_fill(half, gt(sa, sb), 0)];
  });
}

export function minimum(a: Tensor, b: Tensor): Tensor {
  const out = binaryOp(B.minimum, a, b, 'same');
  return record('MinimumBackward0', out, [a, b], [a, b], (g, [sa, sb]) => {
    const half = where(eq(sa, sb), mul(g, 0.5), g);
    return [masked_fill(half, gt(sa, sb), 0), masked_fill(half, lt(sa, sb), 0)];
  });
}

export function atan2(a: Tensor, b: Tensor): Tensor {
  const out = binaryOp(B.atan2, a, b, 'same', float32);
  return record('Atan2Backward0', out, [a, b], [a, b], (g, [sa, sb]) => {
    const den = add(mul(sa, sa), mul(sb, sb));
    return [mul(g, div(sb, den)), mul(g, div(neg(sa), den))];
  });
}

export function copysign(a: Tensor, b: TensorOrScalar): Tensor {
  const out = binaryOp(B.copysign, a, b, 'same', float32);
  // PyTorch's copysign_tensor_self_backward: grad · result / self, 0 where self is 0; other gets 0
  const inputs = b instanceof Tensor ? [a, b] : [a];
  return record(b instanceof Tensor ? 'CopysignBackward0' : 'CopysignBackward1', out, inputs, [a, out], (g, [sa, so]) => {
    const ratio = where(eq(sa, 0), 0, div(so, sa));
    const ga = mul(g, ratio);
    return b instanceof Tensor ? [ga, mul(g, 0)] : [ga];
  });
}

function hypot_impl(a: Tensor, b: Tensor): Tensor {
  const t = a.dtype !== float32 ? a : b;
  if (a.dtype !== float32 && b.dtype !== float32) throw new TypeError(`"hypot_cpu" not implemented for '${scalarName(t.dtype)}'`);
  return renamed('HypotBackward0', sqrt(add(mul(a, a), mul(b, b))));
}

// Comparisons give bool tensors and carry no gradient.
export const eq = (a: Tensor, b: TensorOrScalar) => binaryOp(B.eq, a, b, 'bool');
export const ne = (a: Tensor, b: TensorOrScalar) => binaryOp(B.ne, a, b, 'bool');
export const lt = (a: Tensor, b: TensorOrScalar) => binaryOp(B.lt, a, b, 'bool');
export const le = (a: Tensor, b: TensorOrScalar) => binaryOp(B.le, a, b, 'bool');
export const gt = (a: Tensor, b: TensorOrScalar) => binaryOp(B.gt, a, b, 'bool');
export const ge = (a: Tensor, b: TensorOrScalar) => binaryOp(B.ge, a, b, 'bool');

function logical_and_impl(a: Tensor, b: Tensor): Tensor { return binaryOp(B.logical_and, toBool(a), toBool(b), 'bool', bool); }
function logical_or_impl(a: Tensor, b: Tensor): Tensor { return binaryOp(B.logical_or, toBool(a), toBool(b), 'bool', bool); }
function logical_xor_impl(a: Tensor, b: Tensor): Tensor { return binaryOp(B.logical_xor, toBool(a), toBool(b), 'bool', bool); }
function logical_not_impl(a: Tensor): Tensor {
  return mapCopy(toBool(a), C.not, bool);
}

function toBool(t: Tensor): Tensor {
  return t.dtype === bool ? t : convert(t, bool);
}

/** True if same shape and all elements equal. */
function equal_impl(a: Tensor, b: Tensor): boolean {
  if (!sameShape(a._shape, b._shape)) return false;
  if (a.numel() === 0) return true;
  return Boolean(eq(a, b).all().item());
}

/** isclose's and allclose's tolerances: rtol, atol and equal_nan by position (PyTorch's order) or by name. */
export type CloseArgs = [opts?: CloseOpts] | [rtol?: number, atol?: number, equal_nan?: boolean, opts?: CloseOpts];
export type CloseOpts = { rtol?: number; atol?: number; equal_nan?: boolean };

function closeOpts(args: CloseArgs): CloseOpts {
  const rest: unknown[] = [...args];
  const o = (isPlainObject(rest[rest.length - 1]) ? rest.pop() : {}) as CloseOpts;
  const [rtol, atol, equal_nan] = rest as [number?, number?, boolean?];
  return { rtol: rtol ?? o.rtol, atol: atol ?? o.atol, equal_nan: equal_nan ?? o.equal_nan };
}

function allclose_impl(a: Tensor, b: Tensor, ...args: CloseArgs): boolean {
  return Boolean(isclose(a, b, closeOpts(args)).all().item());
}

function isclose_impl(a: Tensor, b: Tensor, ...args: CloseArgs): Tensor {
  const opts = closeOpts(args);
  const rtol = opts?.rtol ?? 1e-5;
  const atol = opts?.atol ?? 1e-8;
  // not differentiable: detached, so no graph (whose saved tensors only backward would free) is built
  const af = cast(a.detach(), float32);
  const bf = cast(b.detach(), float32);
  const diff = binaryOp(B.absdiff, af, bf, 'same');
  const tol = add(mul(abs(bf), rtol), atol);
  let r = logical_or(le(diff, tol), eq(af, bf));
  if (opts?.equal_nan) r = logical_or(r, logical_and(isnan(af), isnan(bf)));
  return r;
}

// ---------------------------------------------------------------- where and masks

/** where(cond, a, b): a where cond is true, else b; a or b may be scalars. `where(cond)` is `nonzero(cond, {as_tuple: true})`. */
function where_impl(cond: Tensor): Tensor[];
function where_impl(cond: Tensor, a: TensorOrScalar, b: TensorOrScalar): Tensor;
function where_impl(cond: Tensor, a?: TensorOrScalar, b?: TensorOrScalar): Tensor | Tensor[] {
  if (a === undefined && b === undefined) return nonzero(cond, { as_tuple: true }) as Tensor[];
  if (a === undefined || b === undefined) throw new TypeError('where() missing 1 required positional argument: \'other\'');
  if (cond.dtype !== bool) {
    throw new TypeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${cond.dtype.name === 'int64' ? 'Long' : 'Float'}`);
  }
  const aT = a instanceof Tensor ? a : null;
  const bT = b instanceof Tensor ? b : null;
  let dt: DType;
  if (aT && bT) dt = promote(aT.dtype, bT.dtype);
  else if (aT) dt = resultType(aT, b);
  else if (bT) dt = resultType(bT, a);
  else dt = scalarDtype(a as number) === float32 || scalarDtype(b as number) === float32 ? float32 : int64;
  const ac = aT ? (aT.dtype === dt ? aT : convert(aT, dt, true)) : scalarLike(Number(a), { dtype: dt }, 'where');
  const bc = bT ? (bT.dtype === dt ? bT : convert(bT, dt, true)) : scalarLike(Number(b), { dtype: dt }, 'where');
  const shape = broadcastShapes(broadcastShapes(cond._shape, ac._shape), bc._shape);
  // laid out by TensorIterator's rules over (condition, self, other), in that order
  const strides = cond.is_contiguous() && ac.is_contiguous() && bc.is_contiguous() ? null : elementwiseStrides(shape, [cond, ac, bc]);
  const out = strides ? Tensor._emptyStrided(shape, strides, dt) : Tensor._empty(shape, dt);
  if (out.numel() > 0) {
    const p = strides ? inOutputOrder(shape, strides, [cond, ac, bc]) : null;
    K.where_32(out._ptr(), cond._ptr(), ac._ptr(), bc._ptr(), p
      ? metaBroadcast(p.shape, p.shape, p.strides[0], p.shape, p.strides[1], p.shape, p.strides[2])
      : metaBroadcast(shape, cond._shape, cond._strides, ac._shape, ac._strides, bc._shape, bc._strides));
  }
  const inputs: Tensor[] = [];
  if (aT) inputs.push(aT);
  if (bT) inputs.push(bT);
  if (inputs.length === 0) return out;
  return record('WhereBackward0', out, [cond, ...inputs], [cond], (g, [c]) => {
    const grads: (Tensor | null)[] = [null];
    if (aT) grads.push(where(c, g, 0));
    if (bT) grads.push(where(c, 0, g));
    return grads;
  });
}

/**
 * A mask of masked_fill / masked_scatter as bool: PyTorch 1.13 takes an integer mask of 0s and 1s too (a
 * LongTensor mask, as older tutorials make them) and refuses other values; a float mask is an error (later
 * PyTorch's words: 1.13 runs it without filling anything). The caller disposes the result when it is not `mask`.
 */
export function boolMask(op: string, mask: Tensor): Tensor {
  if (mask.dtype === bool) return mask;
  if (mask.dtype === int64) {
    const b = cast(mask, bool);
    const ones = cast(b, int64);
    const ok = eq(ones, mask);
    const every = ok.all();
    const all = every.item();
    [ones, ok, every].forEach((t) => t.dispose());
    if (all) return b;
    b.dispose();
    throw new Error('Mask tensor can take 0 and 1 values only');
  }
  throw new TypeError(`${op} only supports boolean masks, but got mask with dtype float`);
}

/** x with `value` where mask is true (MaskedFillBackward0; MaskedFillBackward1 for a tensor value). */
export function masked_fill(x: Tensor, mask: Tensor, value: number | Tensor): Tensor {
  const m = boolMask('masked_fill_', mask);
  if (m === mask) return maskedFill(x, m, value);
  let out: Tensor | undefined;
  try {
    return (out = maskedFill(x, m, value));
  } finally {
    if (!out?.grad_fn) m.dispose();   // a graph's node saves it (and frees it with the graph)
  }
}

function maskedFill(x: Tensor, mask: Tensor, value: number | Tensor): Tensor {
  const v = value instanceof Tensor ? value.item() : value;
  const s = scalarLike(Number(v), x, 'masked_fill');
  const xd = x.detach();
  const out = where(mask, s, xd);
  xd.dispose();
  s.dispose();
  if (value instanceof Tensor) {
    // the value's gradient: the sum of the gradient where the mask is set (MaskedFillBackward1)
    return record('MaskedFillBackward1', out, [x, value], [mask],
      (g, [m], needs) => [needs[0] ? where(m, 0, g) : null, needs[1] ? sumTo(where(m, g, 0), []) : null]);
  }
  return record('MaskedFillBackward0', out, [x], [mask], (g, [m]) => [where(m, 0, g)]);
}

function lerp_impl(a: Tensor, end: Tensor, weight: TensorOrScalar): Tensor {
  if (a.dtype !== float32) throw new TypeError(`"lerp_kernel_${weight instanceof Tensor ? 'tensor' : 'scalar'}" not implemented for '${scalarName(a.dtype)}'`);
  const cName = (t: Tensor) => (t.dtype === int64 ? 'long int' : 'bool');
  if (end.dtype !== float32) throw new TypeError(`expected dtype float for \`end\` but got dtype ${cName(end)}`);
  if (weight instanceof Tensor && weight.dtype !== float32) throw new TypeError(`expected dtype float for \`weight\` but got dtype ${cName(weight)}`);
  return renamed(weight instanceof Tensor ? 'LerpBackward1' : 'LerpBackward0', add(a, mul(sub(end, a), weight)));
}

/** a + value·t1·t2, rounded as ATen's kernel: (value·t1)·t2. */
function addcmul_impl(a: Tensor, t1: Tensor, t2: Tensor, opts?: { value?: number }): Tensor {
  const v = opts?.value ?? 1;
  return renamed('AddcmulBackward0', add(a, v === 1 ? mul(t1, t2) : mul(mul(t1, v), t2)));
}

/** a + value·t1/t2, rounded as ATen's kernel: (value·t1)/t2. */
function addcdiv_impl(a: Tensor, t1: Tensor, t2: Tensor, opts?: { value?: number }): Tensor {
  const v = opts?.value ?? 1;
  return renamed('AddcdivBackward0', add(a, v === 1 ? div(t1, t2) : div(mul(t1, v), t2)));
}

// ---------------------------------------------------------------- in place

/**
 * Writes `result` (same shape, computed out of place) into `t`, bumping the version counter t shares
 * with its base and views. Under grad mode t takes the result's history, or, when t is a view, its
 * base gets PyTorch's CopySlices (src/ops/inplace.ts). `operands` are the op's other tensors.
 */
export function inplace<T extends Tensor>(t: T, compute: () => Tensor, op: string, ...operands: unknown[]): T {
  const grad = checkInplace(t, operands);
  checkNoInternalOverlap(t);
  const result = compute();
  if (!sameShape(result._shape, t._shape)) {
    result.dispose();
    throw new RangeError(`output with shape ${fmtShape(t._shape)} doesn't match the broadcast shape ${fmtShape(result._shape)}`);
  }
  if (result.dtype !== t.dtype && t.dtype !== float32 && result.dtype === float32) {
    result.dispose();
    throw new TypeError(`result type Float can't be cast to the desired output type ${scalarName(t.dtype)}`);
  }
  if (grad) result._gradFn?._snapshotInput(t, (s) => convert(s, s.dtype));
  writeInto(t, result);
  t._bumpVersion();
  if (grad) rebaseHistory(t, result);
  result.dispose();
  return t;
}

/** Copies values of `src` (broadcast, converted) into the view `dst`. */
export function writeInto(dst: Tensor, src: Tensor): void {
  if (dst.numel() === 0) return;
  const s = src.dtype === dst.dtype ? src : convert(src, dst.dtype);
  const shape = dst._shape;
  K.copy_strided(C.copy, dst._ptr(), s._ptr(), metaBroadcast(shape, shape, dst._strides, s._shape, s._strides));
  if (s !== src) s.dispose();
}

/**
 * `t.fill_(value)` / `t.zero_()`: under grad mode the old values get a zero gradient (PyTorch's
 * FillBackward2, FillBackward3 for a tensor value, which gets the gradient's sum, ZeroBackward0).
 */
export function fill_<T extends Tensor>(t: T, value: number | boolean | Tensor, op: 'fill_' | 'zero_' = 'fill_'): T {
  const vt = value instanceof Tensor ? value : null;
  if (vt && vt._shape.length !== 0) {
    throw new Error(`fill_ only supports 0-dimension value tensor but got tensor with ${vt._shape.length} dimensions.`);
  }
  const v = vt ? Number(vt.item()) : Number(value);
  if (t.dtype === int64) checkInt64(Math.trunc(v), op);
  if (checkInplace(t, vt ? [vt] : [])) {
    const name = op === 'zero_' ? 'ZeroBackward0' : vt ? 'FillBackward3' : 'FillBackward2';
    return inplace(t, () => {
      const out = filled(t._shape.slice(), t.dtype, v);
      const inputs = vt ? [t, vt] : [t];
      return record(name, out, inputs, [], (g) => [filled(g._shape.slice(), float32, 0), ...(vt ? [sumTo(g, [])] : [])]);
    }, op, ...(vt ? [vt] : []));
  }
  checkNoInternalOverlap(t);
  if (t.numel() > 0) {
    if (t.is_contiguous()) {
      K.fill_32(t._ptr(), t.numel(), fillWord(t.dtype, v));
    } else {
      const s = scalarLike(t.dtype === bool ? (v ? 1 : 0) : v, t);
      writeInto(t, s);
      s.dispose();
    }
  }
  t._bumpVersion();
  return t;
}

registerEngineOps({
  sumTo,
  add: (a, b) => add(a, b),
  onesLike: (t) => filled(t._shape.slice(), t.dtype, 1),
  isTensor: (x): x is Tensor => x instanceof Tensor,
  gradLayout,
});

/** AccumulateGrad's gradient layout contract (obeys_layout_contract, clone_obey_contract): a gradient for a dense v has
 *  v's strides (size-1 dims aside, but never stride 0 there), for any other v it is contiguous; null when g obeys,
 *  else a detached copy of g laid out so. */
function gradLayout(g: Tensor, v: Tensor): Tensor | null {
  if (g.is_contiguous() && v.is_contiguous() && !g._strides.includes(0)) return null;
  const dense = isNonOverlappingAndDense(v._shape, v._strides);
  if (dense) {
    let obeys = true;
    for (let d = 0; d < g._shape.length && obeys; d++) {
      obeys = g._shape[d] !== 1 ? g._strides[d] === v._strides[d] : g._strides[d] !== 0;
    }
    if (obeys) return null;
    if (v.is_contiguous()) return convert(g, g.dtype);
    const out = Tensor._emptyStrided(v._shape.slice(), v._strides.slice(), g.dtype);
    writeInto(out, g);
    return out;
  }
  return g.is_contiguous() ? null : convert(g, g.dtype);
}

export { numelOf };

// Composites run in a scope of their own: their temporaries are released when they return, not left
// to the garbage collector (lifetime.ts `composite`).
export const allclose = /*#__PURE__*/ composite(allclose_impl, 'allclose');
export const isclose = /*#__PURE__*/ composite(isclose_impl, 'isclose');
export const equal = /*#__PURE__*/ composite(equal_impl, 'equal');
export const hypot = /*#__PURE__*/ composite(hypot_impl, 'hypot');
export const logical_and = /*#__PURE__*/ composite(logical_and_impl, 'logical_and');
export const logical_or = /*#__PURE__*/ composite(logical_or_impl, 'logical_or');
export const logical_xor = /*#__PURE__*/ composite(logical_xor_impl, 'logical_xor');
export const logical_not = /*#__PURE__*/ composite(logical_not_impl, 'logical_not');
export const sign = /*#__PURE__*/ composite(sign_impl, 'sign');
export const where = /*#__PURE__*/ composite(where_impl, 'where');
export const lerp = /*#__PURE__*/ composite(lerp_impl, 'lerp');
export const addcmul = /*#__PURE__*/ composite(addcmul_impl, 'addcmul');
export const addcdiv = /*#__PURE__*/ composite(addcdiv_impl, 'addcdiv');
const clampByTensors = /*#__PURE__*/ composite(clampByTensors_impl, 'clamp');
