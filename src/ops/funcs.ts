// PyTorch 1.13 functions tocha lacked: quantile/nanquantile, the trapezoid rules, combinations, renorm,
// frexp/ldexp, Tensor.unfold (a view), the *_scatter functions, sum_to_size, the bitwise and integer
// ops (bitwise_*, gcd, lcm), nextafter and the regularized incomplete gamma functions. Most are composed
// of existing ops (their gradients come from those ops, renamed to PyTorch's node); the element-wise
// ones are binary kernel codes (assembly/elementwise.ts).
import { namedTuple } from '../print.js';
import { composite } from '../lifetime.js';
import { Tensor, TensorOrScalar, fromFlat } from '../tensor.js';
import { DType, float32, int64, bool } from '../dtype.js';
import { K } from '../backend/wasm.js';
import { B } from '../backend/kernels.js';
import { record, renamed, no_grad } from '../autograd.js';
import { normDim, fmtShape, scalarName } from './util.js';
import { bind } from '../optim/optimizer.js';
import { argPosition, nativeAfter, pyType } from './kw.js';
import { NotImplementedError } from '../distributions/utils.js';
import * as E from './elementwise.js';
import * as S from './shape.js';
import * as R from './reduce.js';
import * as X from './extra.js';
import { sort } from './sorting.js';

const sizesArg = (args: (number | readonly number[])[]): number[] =>
  (args.length === 1 && Array.isArray(args[0]) ? [...args[0]] : args) as number[];

// ---------------------------------------------------------------- quantile

export type QuantileInterpolation = 'linear' | 'lower' | 'higher' | 'midpoint' | 'nearest';
export interface QuantileOpts { dim?: number | null; keepdim?: boolean; interpolation?: QuantileInterpolation }
type QuantileArgs = [dim?: number | null | QuantileOpts, keepdim?: boolean | QuantileOpts, opts?: QuantileOpts];

/** quantile's options object with q in it: `torch.quantile(x, { q: 0.5, dim: 1 })`. */
export interface QuantileKw extends QuantileOpts { q: number | Tensor }

/** ATen's quantile_compute: sort along dim, ranks q·(n − 1) (NaN rows → the last, NaN), gather and lerp. */
function quantileImpl(name: string, ignoreNan: boolean, x: Tensor, args: unknown[]): Tensor {
  const o = nativeAfter(name, 1, ['q', 'dim', 'keepdim'], { dim: null, keepdim: false, interpolation: 'linear' }, args, ['interpolation']);
  const q = o.q as number | Tensor;
  if (typeof q !== 'number' && !(q instanceof Tensor)) {
    const at = argPosition(args, 0, 1);
    throw new TypeError(`${name}(): argument 'q'${at ? ` (position ${at})` : ''} must be Tensor or float, not ${pyType(q)}`);
  }
  if (typeof q === 'number' && !(q >= 0 && q <= 1)) throw new RangeError(`quantile() q must be in the range [0, 1] but got ${q}`);
  const modes = ['linear', 'lower', 'higher', 'midpoint', 'nearest'];
  if (!modes.includes(o.interpolation)) {
    throw new RangeError(`quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, but got ${o.interpolation}`);
  }
  if (x.numel() === 0) throw new RangeError('quantile() input tensor must be non-empty');
  const qt = typeof q === 'number' ? null : q;
  if (qt && qt._shape.length > 1) throw new RangeError('quantile() q must be a scalar or 1D tensor');
  if (x.dtype !== float32) throw new TypeError('quantile() input tensor must be either float or double dtype');
  if (qt && qt.dtype !== x.dtype) throw new TypeError('quantile() q tensor must be same dtype as the input tensor');
  const qs = qt ? (qt.reshape([-1]).tolist() as number[]) : [q as number];
  if (qt && !qs.every((v) => v >= 0 && v <= 1)) throw new RangeError('quantile() q values must be in the range [0, 1]');
  const nd = x._shape.length;
  const dim: number | null = o.dim;
  const d = dim == null ? -1 : normDim(dim, Math.max(nd, 1));
  // output shape (ATen's quantile_output_shape), q's length in front when q is a tensor
  let outShape: number[] = [];
  if (dim != null && nd > 0) {
    outShape = x._shape.slice();
    if (o.keepdim) outShape[d] = 1;
    else outShape.splice(d, 1);
  } else if (o.keepdim) outShape = Array(nd).fill(1);
  let sorted: Tensor;
  if (dim == null || nd === 0) sorted = sort(S.reshape(x, [-1])).values;
  else if (d === nd - 1) sorted = sort(x).values;
  else sorted = sort(S.transpose(S.unsqueeze(x, -1), d, -1)).values;
  const n = sorted._shape[sorted._shape.length - 1];
  sorted = S.reshape(sorted, [...outShape, n]);
  const qv = E.cast(qt ? S.reshape(qt.detach(), [-1]) : fromFlat([q as number], [1], float32), float32);
  const ranks = no_grad(() => {
    let r: Tensor;
    const nan = E.isnan(sorted);
    if (ignoreNan) {
      const cnt = R.sum(E.logical_not(nan), -1, true);
      r = E.mul(qv, E.sub(cnt, 1));
      r = E.where(E.lt(r, 0), 0, r);
    } else {
      const target = [...sorted._shape.slice(0, -1), qs.length];
      r = E.where(S.expand(R.any(nan, -1, true), target), n - 1, S.expand(E.mul(qv, n - 1), target));
    }
    if (o.interpolation === 'lower') r = E.floor(r);
    else if (o.interpolation === 'higher') r = E.ceil(r);
    else if (o.interpolation === 'nearest') r = E.round(r);
    return r;
  });
  const below = E.cast(ranks, int64);
  let v = S.gather(sorted, -1, below);
  if (o.interpolation === 'linear' || o.interpolation === 'midpoint') {
    const w = o.interpolation === 'midpoint' ? E.filled(ranks._shape.slice(), float32, 0.5) : no_grad(() => E.sub(ranks, E.cast(below, float32)));
    const above = S.gather(sorted, -1, E.cast(E.ceil(ranks), int64));
    v = E.lerp(v, above, w);
  }
  const out = qt === null || qt._shape.length === 0 ? S.squeeze(v, -1) : S.squeeze(S.transpose(S.unsqueeze(v, 0), 0, -1), -1);
  return renamed('SqueezeBackward3', out);
}

function quantile_impl(x: Tensor, q: number | Tensor | QuantileKw, ...args: QuantileArgs): Tensor {
  return quantileImpl('quantile', false, x, [q, ...args]);
}
function nanquantile_impl(x: Tensor, q: number | Tensor | QuantileKw, ...args: QuantileArgs): Tensor {
  return quantileImpl('nanquantile', true, x, [q, ...args]);
}
/**
 * The q-th quantiles of x (all of it, or along dim), q a number or a 1-D tensor (its quantiles first):
 * `torch.quantile(x, 0.25, 1, true)`, `torch.quantile(x, torch.tensor([0.1, 0.9]), { dim: 0, interpolation: 'midpoint' })`.
 * A row with NaN gives NaN.
 */
export const quantile = /*#__PURE__*/ composite(quantile_impl, 'quantile');
/** torch.quantile ignoring NaN (all-NaN rows give NaN): `torch.nanquantile(x, 0.5, -1)`. */
export const nanquantile = /*#__PURE__*/ composite(nanquantile_impl, 'nanquantile');

// ---------------------------------------------------------------- trapezoid rules

/** trapezoid's keyword options. */
export interface TrapOpts { dx?: number | null; dim?: number }
/** The x spacing of trapezoid(y, x, dim) as ATen views it: a 1-D x along dim, a shorter x padded in front. */
function spacing(y: Tensor, x: Tensor, d: number): Tensor {
  if (y.dtype === bool || x.dtype === bool) throw new TypeError('trapezoid: received a bool input for `x` or `y`, but bool is not supported');
  let xv = x;
  if (x._shape.length === 1) {
    if (x._shape[0] !== y._shape[d]) throw new RangeError('trapezoid: There must be one `x` value for each sample point');
    const sizes = Array(y._shape.length).fill(1);
    sizes[d] = x._shape[0];
    xv = S.reshape(x, sizes);
  } else if (x._shape.length < y._shape.length) {
    xv = S.reshape(x, [...Array(y._shape.length - x._shape.length).fill(1), ...x._shape]);
  }
  const m = xv._shape[d];
  return E.sub(S.narrow(xv, d, 1, m - 1), S.narrow(xv, d, 0, m - 1));
}
function pairSum(y: Tensor, d: number): Tensor {
  const m = y._shape[d];
  return E.add(S.narrow(y, d, 1, m - 1), S.narrow(y, d, 0, m - 1));
}
function trapArgs(name: string, y: Tensor, args: unknown[]): { x: Tensor | null; dx: number | null; d: number } {
  const o = bind(name, ['x'], ['dx', 'dim'], { x: null, dx: null, dim: -1 }, args, 1);
  if (o.x !== null && o.dx !== null) {
    throw new TypeError(`${name}() received an invalid combination of arguments - got (Tensor, Tensor, dx=${typeof o.dx === 'number' && Number.isInteger(o.dx) ? 'int' : 'float'})`);
  }
  if (y.dtype === bool) throw new TypeError('trapezoid: received a bool input for `y`, but bool is not supported');
  return { x: o.x, dx: o.dx, d: normDim(o.dim, y._shape.length) };
}

function trapezoid_impl(y: Tensor, ...args: [x?: Tensor | null | TrapOpts, opts?: TrapOpts]): Tensor {
  const { x, dx, d } = trapArgs('trapezoid', y, args);
  if (y._shape[d] === 0) return E.filled(y._shape.filter((_, i) => i !== d), y.dtype === float32 ? float32 : y.dtype, 0);
  if (x) return renamed('DivBackward1', E.div(R.sum(E.mul(pairSum(y, d), spacing(y, x, d)), d), 2));
  const ends = E.add(S.select(y, d, 0), S.select(y, d, -1));
  return renamed('MulBackward1', E.mul(E.sub(R.sum(y, d), E.mul(ends, 0.5)), dx ?? 1));
}
/** Trapezoid-rule integral of y along dim, at sample points x or spacing dx (keyword-only):
 *  `torch.trapezoid(y)`, `torch.trapezoid(y, x)`, `torch.trapezoid(y, { dx: 0.1, dim: 0 })`. */
export const trapezoid = /*#__PURE__*/ composite(trapezoid_impl, 'trapezoid');
/** The older name of torch.trapezoid: `torch.trapz(y, x)`, `torch.trapz(y, { dx: 2 })`. */
export const trapz = trapezoid;

function cumulative_trapezoid_impl(y: Tensor, ...args: [x?: Tensor | null | TrapOpts, opts?: TrapOpts]): Tensor {
  const { x, dx, d } = trapArgs('cumulative_trapezoid', y, args);
  if (y._shape[d] === 0) return E.clone(y);
  if (x) return renamed('DivBackward1', E.div(R.cumsum(E.mul(spacing(y, x, d), pairSum(y, d)), d), 2));
  return R.cumsum(E.mul(pairSum(y, d), (dx ?? 1) / 2), d);
}
/** The running trapezoid integral along dim (one shorter than y): `torch.cumulative_trapezoid(y, x)`. */
export const cumulative_trapezoid = /*#__PURE__*/ composite(cumulative_trapezoid_impl, 'cumulative_trapezoid');

// ---------------------------------------------------------------- combinations

function combinations_impl(x: Tensor, r = 2, with_replacement = false): Tensor {
  if (x._shape.length !== 1) throw new RangeError(`Expect a 1D vector, but got shape ${fmtShape(x._shape)}`);
  if (r < 0) throw new RangeError(`Expect a non-negative number, but got ${r}`);
  if (r === 0) return E.filled([0], x.dtype, 0);
  const n = x._shape[0];
  const cols: number[][] = Array.from({ length: r }, () => []);
  const cur: number[] = [];
  const walk = (from: number) => {
    if (cur.length === r) return void cur.forEach((v, i) => cols[i].push(v));
    for (let i = from; i < n; i++) {
      cur.push(i);
      walk(with_replacement ? i : i + 1);
      cur.pop();
    }
  };
  walk(0);
  return renamed('StackBackward0', S.stack(cols.map((c) => S.index_select(x, 0, fromFlat(c, [c.length], int64))), 1));
}
/** The length-r combinations of a 1-D tensor's elements, one per row, in lexicographic order of positions:
 *  `torch.combinations(torch.tensor([1, 2, 3]), 2)` → [[1, 2], [1, 3], [2, 3]]. */
export const combinations = /*#__PURE__*/ composite(combinations_impl, 'combinations');

// ---------------------------------------------------------------- renorm, frexp, ldexp

function renorm_impl(x: Tensor, p: number, dim: number, maxnorm: number): Tensor {
  if (!(p > 0)) throw new RangeError('renorm: non-positive-norm not supported');
  if (!(maxnorm >= 0)) throw new RangeError(`renorm: expected maxnorm to be >= 0 but got ${maxnorm}`);
  if (x._shape.length < 2) throw new RangeError(`renorm: input needs at least 2 dimensions, got ${x._shape.length} dimensions`);
  if (x.dtype !== float32) throw new TypeError(`linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${scalarName(x.dtype)}`);
  const d = normDim(dim, x._shape.length);
  const others = x._shape.map((_, i) => i).filter((i) => i !== d);
  const norm = R.norm(x, p, others, true);
  const big = no_grad(() => E.gt(norm, maxnorm));
  const factor = E.where(big, E.mul(E.reciprocal(E.add(norm, 1e-7)), maxnorm), 1);
  return renamed('RenormBackward0', E.mul(x, factor));
}
/** Each slice along dim whose p-norm exceeds maxnorm scaled to norm maxnorm: `torch.renorm(w, 2, 0, 1)`. */
export const renorm = /*#__PURE__*/ composite(renorm_impl, 'renorm');

/** Mantissa in [0.5, 1) and integer exponent with x = mantissa·2^exponent: `const { mantissa, exponent } = torch.frexp(x)`.
 *  The exponent is int64 here (PyTorch's is int32, which tocha lacks). */
export function frexp(x: Tensor): [Tensor, Tensor] & { mantissa: Tensor; exponent: Tensor } {
  if (x.dtype !== float32) throw new TypeError('torch.frexp() only supports floating-point dtypes');
  const src = x.is_contiguous() ? x : no_grad(() => E.clone(x));
  const m = Tensor._empty(x._shape.slice(), float32);
  const e = Tensor._empty(x._shape.slice(), int64);
  if (m.numel()) K.frexp_f32(m._ptr(), e._ptr(), src._ptr(), m.numel());
  if (src !== x) src.dispose();
  // d mantissa = g / 2^exponent
  const mant = record('FrexpBackward0', m, [x], [e], (g, [ex]) => [E.div(g, E.pow(2, E.cast(ex, float32)))]);
  return namedTuple<[Tensor, Tensor] & { mantissa: Tensor; exponent: Tensor }>('frexp', ['mantissa', 'exponent'], [mant, e]);
}

/** x·2^other: `torch.ldexp(x, torch.tensor([1, 2]))` (a float result, as PyTorch). */
function ldexp_impl(x: Tensor, other: Tensor): Tensor {
  return E.mul(x, E.pow(2, E.cast(other, float32)));
}
export const ldexp = /*#__PURE__*/ composite(ldexp_impl, 'ldexp');

// ---------------------------------------------------------------- unfold, the *_scatter functions, sum_to_size

/** Windows of `size` elements every `step` along a dim, as a new last dim (a view): `x.unfold(1, 2, 1)`. */
export function unfold(x: Tensor, dimension: number, size: number, step: number): Tensor {
  const nd = x._shape.length;
  const d = normDim(dimension, Math.max(nd, 1));
  const len = nd ? x._shape[d] : 1;
  if (size > len) throw new RangeError(`maximum size for tensor at dimension ${d} is ${len} but size is ${size}`);
  if (size < 0) throw new RangeError(`size is ${size} but must be >= 0`);
  if (!(step > 0)) throw new RangeError(`step is ${step} but must be > 0`);
  let out: Tensor;
  if (nd === 0) out = x._view([size], [1], x._offset);
  else {
    const shape = x._shape.slice();
    const strides = x._strides.slice();
    shape[d] = Math.floor((len - size) / step) + 1;
    strides[d] *= step;
    out = x._view([...shape, size], [...strides, x._strides[d]], x._offset);
  }
  const inShape = x._shape.slice();
  return record('UnfoldBackward0', out, [x], [], (g) => [unfoldBackward(g, inShape, d, size, step)]);
}

/** UnfoldBackward0: each window's gradient added back at its place (overlapping windows sum). */
function unfoldBackward(g: Tensor, inShape: number[], d: number, size: number, step: number): Tensor {
  if (inShape.length === 0) return S.reshape(R.sum(g), []);
  const windows = g._shape[d];
  const idx: number[] = [];
  for (let k = 0; k < windows; k++) for (let j = 0; j < size; j++) idx.push(k * step + j);
  const parts = S.reshape(X.movedim(g, -1, d + 1), [...inShape.slice(0, d), windows * size, ...inShape.slice(d + 1)]);
  return X.index_add(E.filled(inShape, g.dtype, 0), d, fromFlat(idx, [idx.length], int64), parts);
}

/** out = input with the region view(out) replaced by src; gradients: input's outside the region, src's the region. */
function scatterInto(name: string, input: Tensor, src: Tensor, view: (t: Tensor) => Tensor, again: (g: Tensor, s: Tensor) => Tensor): Tensor {
  const out = no_grad(() => E.clone(input));
  const region = no_grad(() => view(out));
  if (!sameSizes(region._shape, src._shape)) {
    throw new RangeError(`expected src to have a size equal to the slice of self. src size = ${fmtShape(src._shape)}, slice size = ${fmtShape(region._shape)}`);
  }
  E.writeInto(region, src);
  region.dispose();
  const srcShape = src._shape.slice();
  return record(name, out, [input, src], [], (g) => [again(g, E.filled(srcShape, g.dtype, 0)), view(g)]);
}
const sameSizes = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** input with its diagonal (offset, dim1, dim2) replaced by src (a copy): `torch.diagonal_scatter(x, torch.ones(3))`. */
export const diagonal_scatter = /*#__PURE__*/ composite(function diagonal_scatter(input: Tensor, src: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  return scatterInto('DiagonalScatterBackward0', input, src, (t) => X.diagonal(t, offset, dim1, dim2),
    (g, z) => diagonal_scatter(g, z, offset, dim1, dim2));
}, 'diagonal_scatter');
/** input with input.select(dim, index) replaced by src (a copy): `torch.select_scatter(x, torch.ones(4), 0, 1)`. */
export const select_scatter = /*#__PURE__*/ composite(function select_scatter(input: Tensor, src: Tensor, dim: number, index: number): Tensor {
  return scatterInto('SelectScatterBackward0', input, src, (t) => S.select(t, dim, index), (g, z) => select_scatter(g, z, dim, index));
}, 'select_scatter');
/** input with the slice start:end:step of dim replaced by src (a copy): `torch.slice_scatter(x, src, 1, 0, 4, 2)`. */
export const slice_scatter = /*#__PURE__*/ composite(function slice_scatter(input: Tensor, src: Tensor, dim = 0, start: number | null = null, end: number | null = null, step = 1): Tensor {
  const d = normDim(dim, input._shape.length);
  const view = (t: Tensor) => S.index(t, [...Array.from({ length: d }, () => S.slice()), S.slice(start, end, step)]);
  return scatterInto('SliceScatterBackward0', input, src, view, (g, z) => slice_scatter(g, z, d, start, end, step));
}, 'slice_scatter');

/** x summed to `size` (which x must broadcast from): `x.sum_to_size(1, 4)`, `x.sum_to_size([4])`. */
export const sum_to_size = /*#__PURE__*/ composite(function sum_to_size(x: Tensor, ...size: (number | readonly number[])[]): Tensor {
  const shape = sizesArg(size);
  const nd = x._shape.length;
  const lead = nd - shape.length;
  const ok = lead >= 0 && shape.every((s, i) => s === x._shape[lead + i] || s === 1);
  if (!ok) throw new RangeError(`size {${fmtShape(shape)}} is not expandable to size {${fmtShape(x._shape)}}.`);
  const dims: number[] = [];
  for (let i = 0; i < nd; i++) if (i < lead || (shape[i - lead] === 1 && x._shape[i] !== 1)) dims.push(i);
  if (!dims.length) return x;
  const s = R.sum(x, dims, true);
  return lead > 0 ? s.view(shape) : s;
}, 'sum_to_size');

// ---------------------------------------------------------------- bitwise and integer ops

function intOp(name: string, code: number, a: Tensor, b: TensorOrScalar, allowBool: boolean): Tensor {
  const r = E.binaryOp(code, a, b, 'same');
  if (r.dtype === float32 || (!allowBool && r.dtype === bool)) {
    r.dispose();
    throw new TypeError(`"${name}_cpu" not implemented for '${scalarName(r.dtype)}'`);
  }
  return r;
}

/** Bitwise AND of integer or bool tensors (a number broadcasts): `torch.bitwise_and(a, b)`. */
export const bitwise_and = (input: Tensor, other: TensorOrScalar) => intOp('bitwise_and', B.bitwise_and, input, other, true);
/** Bitwise OR of integer or bool tensors: `torch.bitwise_or(a, 3)`. */
export const bitwise_or = (input: Tensor, other: TensorOrScalar) => intOp('bitwise_or', B.bitwise_or, input, other, true);
/** Bitwise XOR of integer or bool tensors: `torch.bitwise_xor(a, b)`. */
export const bitwise_xor = (input: Tensor, other: TensorOrScalar) => intOp('bitwise_xor', B.bitwise_xor, input, other, true);
/** input·2^other for integer tensors (`<<`): `torch.bitwise_left_shift(a, 2)`. */
export const bitwise_left_shift = (input: Tensor, other: TensorOrScalar) => intOp('lshift', B.left_shift, input, other, false);
/** Arithmetic right shift of integer tensors (`>>`): `torch.bitwise_right_shift(a, 1)`. */
export const bitwise_right_shift = (input: Tensor, other: TensorOrScalar) => intOp('rshift', B.right_shift, input, other, false);
/** Bitwise NOT (~x; logical not of a bool tensor): `torch.bitwise_not(a)`. */
export function bitwise_not(x: Tensor): Tensor {
  if (x.dtype === float32) throw new TypeError(`"bitwise_not_cpu" not implemented for 'Float'`);
  return x.dtype === bool ? E.logical_not(x) : E.binaryOp(B.bitwise_xor, x, -1, 'same');
}
/** Greatest common divisor of integer tensors (non-negative; gcd(0, 0) = 0): `torch.gcd(a, b)`. */
export const gcd = (input: Tensor, other: Tensor) => intOp('gcd', B.gcd, input, other, false);
/** Least common multiple of integer tensors (non-negative): `torch.lcm(a, b)`. */
export const lcm = (input: Tensor, other: Tensor) => intOp('lcm', B.lcm, input, other, false);

/** The next float32 after input toward other: `torch.nextafter(x, torch.tensor(Infinity))`. */
export function nextafter(input: Tensor, other: Tensor): Tensor {
  if (input.dtype !== float32 || other.dtype !== float32) {
    throw new TypeError(`"nextafter_cpu" not implemented for '${scalarName(input.dtype !== float32 ? input.dtype : other.dtype)}'`);
  }
  const out = E.binaryOp(B.nextafter, input, other, 'same');
  return record('NextafterBackward0', out, [input, other], [], () => {
    throw new NotImplementedError("the derivative for 'nextafter' is not implemented.");
  });
}

// ---------------------------------------------------------------- regularized incomplete gamma

function igammaOp(name: 'igamma' | 'igammac', a: Tensor, x: Tensor): Tensor {
  for (const t of [a, x]) if (t.dtype !== float32) throw new TypeError(`"${name}_cpu" not implemented for '${scalarName(t.dtype)}'`);
  const out = E.binaryOp(name === 'igamma' ? B.igamma : B.igammac, a, x, 'same');
  const aGrad = a.requires_grad;
  return record(name === 'igamma' ? 'IgammaBackward0' : 'IgammacBackward0', out, [a, x], [a, x], (g, [sa, sx]) => {
    if (aGrad) throw new NotImplementedError(`the derivative for '${name}: input' is not implemented.`);
    // d/dx P(a, x) = x^(a-1) e^-x / Γ(a)
    const dens = E.exp(E.sub(E.sub(E.mul(E.sub(sa, 1), E.log(sx)), sx), E.lgamma(sa)));
    return [null, E.mul(g, name === 'igamma' ? dens : E.neg(dens))];
  });
}
/** The regularized lower incomplete gamma function P(input, other): `torch.igamma(a, x)` (gradient in x only). */
// (not `composite`: the forward makes nothing but its result, and the in-place forms' saved copy must stay the caller's)
export const igamma = (input: Tensor, other: Tensor) => igammaOp('igamma', input, other);
/** The regularized upper incomplete gamma function Q(input, other) = 1 − P: `torch.igammac(a, x)`. */
export const igammac = (input: Tensor, other: Tensor) => igammaOp('igammac', input, other);

