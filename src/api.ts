// tocha's public API: `import * as torch from 'tocha'`, then torch.tensor, torch.nn, torch.optim,
// torch.utils.data, with PyTorch's names and argument order. Every export is named here.
import { Tensor } from './tensor.js';
import * as MT from './ops/methods.js';
import { as_strided_ as asStridedInPlace } from './ops/misc.js';
import * as E from './ops/elementwise.js';
import * as R from './ops/reduce.js';
import * as S from './ops/shape.js';
import * as L from './ops/linalg.js';
import { K } from './backend/wasm.js';
import { stats, scoped, set_debug_memory, MemoryStats } from './lifetime.js';
import { set_detect_anomaly } from './autograd.js';
import { kwargs, nativeAfter, argPosition, intArg, pyType, tensorInt, type DimKw } from './ops/kw.js';
import { bind } from './optim/optimizer.js';
import type { ListKw } from './ops/util.js';
import { FunctionCtx } from './function.js';
import type { TensorOrScalar, ClampArgs } from './tensor.js';
import { keywordCall } from './kwargs.js';
import type { DTypeLike } from './dtype.js';

export { Tensor, Size, ReturnTypes } from './tensor.js';
export type { TensorOrScalar, NestedArray, TensorData, Index, SliceSpec } from './tensor.js';
export { DType, DType as dtype, float32, float, int64, long, bool } from './dtype.js';
export { MissingDType, float64, double, int32, int, float16, half, bfloat16, int16, short, int8, uint8, complex64, cfloat,
  complex128, cdouble, complex32, chalf } from './dtype.js';
export { result_type, promote_types, can_cast, get_default_dtype, set_default_dtype, finfo, iinfo } from './dtype-info.js';
export type { FInfo, IInfo } from './dtype-info.js';
export type { DTypeLike, DTypeName } from './dtype.js';
export {
  tensor, as_tensor, from_numpy, FloatTensor, LongTensor, BoolTensor, zeros, ones, empty, full, zeros_like, ones_like,
  empty_like, full_like, rand_like, randn_like, arange, linspace, logspace, eye, rand, randn, randint, randperm,
  normal, bernoulli, poisson, binomial, manual_seed, initial_seed, seed, get_rng_state, set_rng_state, Generator, default_generator,
} from './ops/create.js';
export type { TensorOptions, RandomOptions } from './ops/create.js';
export { FunctionCtx };
export { no_grad, enable_grad, is_grad_enabled, set_grad_enabled, inference_mode, is_inference_mode_enabled,
  is_anomaly_enabled } from './autograd.js';
export { set_printoptions, get_printoptions } from './print.js';
export type { PrintOptions } from './print.js';
export { set_debug_memory };
export { set_num_threads, get_num_threads, threads_ready } from './backend/pool.js';
export { set_float32_matmul_precision, get_float32_matmul_precision } from './backend/fma.js';
export { device, cuda, backends } from './device.js';
export { memory_format, contiguous_format, channels_last, channels_last_3d, preserve_format } from './layout.js';
export { save, load } from './io/serialization.js';
export type { LoadOptions } from './io/serialization.js';
export type { MemoryStats };
export type { GradcheckOptions, GradgradcheckOptions } from './gradcheck.js';

// ---------------------------------------------------------------- elementwise
/** `torch.add(a, b, { alpha, out })`: a + alpha·b (out=: src/kwargs.ts, as every torch.* function that has it). */
export const add = (a: Tensor, b: TensorOrScalar, opts?: { alpha?: number }) => E.add(a, b, opts && { alpha: opts.alpha });
/** `torch.sub(a, b, { alpha, out })`: a − alpha·b. */
export const sub = (a: Tensor, b: TensorOrScalar, opts?: { alpha?: number }) => E.sub(a, b, opts && { alpha: opts.alpha });
export const subtract = sub;
/** `torch.mul(a, b, { out })`; a number first multiplies the tensor second, as PyTorch's overload. */
export const mul = (a: Tensor, b: TensorOrScalar) =>
  (!(a instanceof Tensor) && b instanceof Tensor ? E.mul(b, a as TensorOrScalar) : E.mul(a, b));
export const multiply = mul;
/** `torch.div(a, b, { rounding_mode, out })`. */
export const div = (a: Tensor, b: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }) =>
  E.div(a, b, opts && { rounding_mode: opts.rounding_mode });
export const divide = div;
export const true_divide = (a: Tensor, b: TensorOrScalar) => E.div(a, b);
export const {
  floor_divide, remainder, fmod, pow, maximum, minimum, atan2, copysign, hypot, eq, ne, lt, le, gt, ge,
  logical_and, logical_or, logical_xor, logical_not, equal, allclose, isclose, where, masked_fill, lerp,
  addcmul, addcdiv, neg, abs, sign, exp, exp2, log, log10, sqrt, rsqrt, reciprocal, sin, cos, tan, sinh, cosh,
  asin, acos, atan, tanh, sigmoid, relu, expm1, log1p, log2, erf, erfinv, lgamma, digamma, logit, frac, square, floor, ceil, round, trunc,
  isnan, isinf, isfinite, clamp,
} = E;
export const negative = E.neg;
export const absolute = E.abs;
export const clip = E.clamp;
export const greater = E.gt;
export const less = E.lt;
export const greater_equal = E.ge;
export const less_equal = E.le;
export const not_equal = E.ne;
export const { asinh, acosh, atanh } = E;
export const arcsin = E.asin;
export const arccos = E.acos;
export const arctan = E.atan;
export const arcsinh = E.asinh;
export const arccosh = E.acosh;
export const arctanh = E.atanh;
export const arctan2 = E.atan2;
export const fix = E.trunc;
/** `torch.clamp_min(x, min)`: clamp with a lower bound only. */
export const clamp_min = E.clamp_min;
/** `torch.clamp_max(x, max)`: clamp with an upper bound only. */
export const clamp_max = E.clamp_max;
/** `torch.rsub(x, other, { alpha })`: other − alpha·x. */
export function rsub(x: Tensor, other: TensorOrScalar, opts?: { alpha?: number }): Tensor {
  return x.rsub(other, opts);
}
/** The complex conjugate and its lazy forms: the tensor itself, for real tensors (as PyTorch returns it). */
export const conj = (x: Tensor) => x;
export const resolve_conj = (x: Tensor) => x;
export const resolve_neg = (x: Tensor) => x;
export const conj_physical = (x: Tensor) => x;
export const real = (x: Tensor) => x;
/** Whether a tensor's dtype is complex (never, here) or floating point. */
export const is_complex = (x: Tensor) => { void x; return false; };
export const is_floating_point = (x: Tensor) => x.is_floating_point();

// ---------------------------------------------------------------- reductions
export const {
  sum, mean, prod, max, min, amax, amin, argmax, argmin, std, logsumexp, cumsum, cumprod, all, any,
  var_mean, std_mean,
} = R;
/** torch.norm's arguments after the input: Tensor.norm's, but out before dtype (`(p, dim, keepdim, out, dtype)`). */
type TorchNormArgs = [p?: R.NormArgs[0], dim?: R.NormArgs[1], keepdim?: R.NormArgs[2], out?: Tensor | null | R.NormOpts,
  dtype?: DTypeLike | null | R.NormOpts, opts?: R.NormOpts & { out?: Tensor }];
const NORM_KW = new Set(['input', 'p', 'dim', 'keepdim', 'out', 'dtype']);
/** `torch.norm(input, p='fro', dim=None, keepdim=False, out=None, dtype=None)`, a Python function in PyTorch: out and
 *  dtype by position too (`torch.norm(x, 2, 1, false, null, torch.float32)`). */
export function norm(x: Tensor, ...args: TorchNormArgs): Tensor {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const last = args[n - 1];
  const kw = n > 0 && last !== null && typeof last === 'object' && Object.getPrototypeOf(last) === Object.prototype
    ? args[--n] as Record<string, unknown> : {};
  if (n <= 3) return R.norm(x, ...(args as R.NormArgs));
  const o: Record<string, unknown> = { ...kw };
  const [p, dim, keepdim, out, dtype] = args;
  for (const [k, v] of [['out', out], ['dtype', dtype]] as const) {
    if (v == null) continue;
    if (o[k] !== undefined) throw new TypeError(`norm() got multiple values for argument '${k}'`);
    o[k] = v;
  }
  const call = [x, p, dim, keepdim, o];
  const r = o.out === undefined ? undefined : keywordCall('norm', NORM_KW, false, call, 4, (a) => R.norm(a[0] as Tensor, ...a.slice(1) as R.NormArgs));
  return r ? r.value as Tensor : R.norm(x, p, dim, keepdim, o as R.NormOpts);
}
/** `torch.softmax(x, dim)` (also `{ dim }`). */
export const softmax = (x: Tensor, ...a: Parameters<Tensor['softmax']>) => x.softmax(...a);
/** `torch.log_softmax(x, dim)` (also `{ dim }`). */
export const log_softmax = (x: Tensor, ...a: Parameters<Tensor['log_softmax']>) => x.log_softmax(...a);
export { var_ as var } from './ops/reduce.js';

// ---------------------------------------------------------------- shapes
export const reshape = (x: Tensor, shape: readonly number[] | ListKw<'shape'>) => S.reshape(x, shape);
export const {
  t, permute, unflatten, narrow, select, hstack, vstack, repeat, flip, tril, triu, index_put, scatter_add, masked_select, slice,
} = S;
type Dim = number | DimKw;
/** `torch.cat(tensors, dim=0)`: `torch.cat([a, b], 1)` or `torch.cat([a, b], { dim: 1 })`. */
export const cat = (tensors: readonly Tensor[], dim: Dim = 0) => S.cat(tensors, kwargs('cat', ['dim'], { dim: 0 }, [dim])[0] as number);
export const concat = cat;
export const concatenate = cat;
/** `torch.stack(tensors, dim=0)`. */
export const stack = (tensors: readonly Tensor[], dim: Dim = 0) => S.stack(tensors, kwargs('stack', ['dim'], { dim: 0 }, [dim])[0] as number);
/** `torch.transpose(x, dim0, dim1)` (also by name). */
export const transpose = (x: Tensor, ...a: Parameters<Tensor['transpose']>) => x.transpose(...a);
/** `torch.swapaxes(x, axis0, axis1)`, NumPy's transpose (also by name: `torch.swapaxes(x, { axis0: 0, axis1: 1 })`). */
export function swapaxes(x: Tensor, axis0: number, axis1: number): Tensor;
export function swapaxes(x: Tensor, axis0: number, kw: { axis1: number }): Tensor;
export function swapaxes(x: Tensor, kw: { axis0: number; axis1: number }): Tensor;
export function swapaxes(x: Tensor, ...args: unknown[]): Tensor {
  const o = nativeAfter('swapaxes', 1, ['axis0', 'axis1'], {}, args);
  return S.transpose(x, intArg('swapaxes', 'axis0', argPosition(args, 0, 1), o.axis0),
    intArg('swapaxes', 'axis1', argPosition(args, 1, 1), o.axis1));
}
/** `torch.unsqueeze(x, dim)`. */
export const unsqueeze = (x: Tensor, dim: Dim) => x.unsqueeze(dim);
/** `torch.squeeze(x, dim?)`. */
export const squeeze = (x: Tensor, dim?: Dim) => x.squeeze(dim);
/** `torch.flatten(x, start_dim=0, end_dim=-1)`: `torch.flatten(x, 1)` or `torch.flatten(x, { start_dim: 1 })`. */
export const flatten = (x: Tensor, ...a: Parameters<Tensor['flatten']>) => x.flatten(...a);
type SplitKw = { split_size_or_sections: number | readonly number[]; dim?: number };
/** `torch.split(x, split_size_or_sections, dim=0)`, a Python function in PyTorch (its TypeErrors' wording); the
 *  sizes by name too: `torch.split(x, { split_size_or_sections: [1, 2], dim: 1 })`. */
export function split(x: Tensor, split_size_or_sections: number | readonly number[] | Tensor, dim?: Dim): Tensor[];
export function split(x: Tensor, kw: SplitKw): Tensor[];
export function split(x: Tensor, ...args: unknown[]): Tensor[] {
  const o = bind('split', ['split_size_or_sections', 'dim'], [], { dim: 0 }, args, 1, true, true);
  // (Python's int() of a Tensor of one element, as Tensor.split takes one)
  const s = o.split_size_or_sections instanceof Tensor ? tensorInt(o.split_size_or_sections) ?? o.split_size_or_sections
    : o.split_size_or_sections;
  const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
  // Tensor.split takes an int, else ATen's split_with_sizes its list
  if (!isInt(s) && !(Array.isArray(s) && s.every(isInt))) {
    throw new TypeError(`split_with_sizes(): argument 'split_sizes' (position 2) must be tuple of ints, not ${pyType(s)}`);
  }
  return x.split(s, o.dim);
}
/** `torch.chunk(x, chunks, dim=0)`, also by name: `torch.chunk(x, { chunks: 2, dim: 1 })`. */
export function chunk(x: Tensor, chunks: number, dim?: Dim): Tensor[];
export function chunk(x: Tensor, kw: { chunks: number; dim?: number }): Tensor[];
export function chunk(x: Tensor, ...args: unknown[]): Tensor[] {
  const o = nativeAfter('chunk', 1, ['chunks', 'dim'], { dim: 0 }, args);
  return S.chunk(x, intArg('chunk', 'chunks', argPosition(args, 0, 1), o.chunks), intArg('chunk', 'dim', argPosition(args, 1, 1), o.dim));
}
/** `torch.unbind(x, dim=0)`. */
export const unbind = (x: Tensor, dim?: Dim) => x.unbind(dim);
/** `torch.index_select(x, dim, index)`. */
export const index_select = (x: Tensor, ...a: Parameters<Tensor['index_select']>) => x.index_select(...a);
/** `torch.gather(x, dim, index)`. */
export const gather = (x: Tensor, ...a: Parameters<Tensor['gather']>) => x.gather(...a);
export const broadcast_to = (x: Tensor, shape: readonly number[]) => S.expand(x, shape);
export const clone = (x: Tensor, opts?: { memory_format?: import('./layout.js').memory_format }) => x.clone(opts);
export const numel = (x: Tensor) => x.numel();
export const is_tensor = (x: unknown): x is Tensor => x instanceof Tensor;

// ---------------------------------------------------------------- linear algebra
export const { mv, bmm, dot, outer } = L;
/** `torch.matmul(a, b, { out })`: every rank rule of PyTorch's matmul. */
export const matmul = (a: Tensor, b: Tensor) => L.matmul(a, b);
/** `torch.mm(a, b, { out })`: a product of matrices. */
export const mm = (a: Tensor, b: Tensor) => L.mm(a, b);

// ---------------------------------------------------------------- torch.linalg and the classic names
export * as linalg from './linalg.js';
// ---------------------------------------------------------------- torch.special and its torch-level aliases
export * as special from './special.js';
export { erfc, i0, polygamma, mvlgamma } from './ops/special.js';
export { matrix_power } from './linalg.js';
export {
  det, logdet, torchSlogdet as slogdet, inv as inverse, torchCholesky as cholesky, cholesky_solve, cholesky_inverse,
  torchSvd as svd, torchQr as qr, pinverse, triangular_solve, chain_matmul,
} from './ops/decomp.js';
export { matrix_exp } from './linalg.js';
export {
  torchLu as lu, torchLuSolve as lu_solve, lu_unpack, geqrf, orgqr, ormqr, symeig, solve, lstsq, eig, matrix_rank,
} from './ops/decomp-more.js';
export { svd_lowrank, pca_lowrank, nuclear_norm, frobenius_norm } from './linalg-classic.js';
export { lobpcg } from './lobpcg.js';

// ---------------------------------------------------------------- sorting, selection and helpers
export {
  sort, argsort, msort, topk, kthvalue, median, nanmedian, mode, unique, unique_consecutive, searchsorted, bucketize,
  nonzero, argwhere, count_nonzero, cummax, cummin, logcumsumexp, isin,
} from './ops/sorting.js';
export {
  addmm, addmv, addr, baddbmm, addbmm, einsum, tensordot, kron, trace, diag, diagonal, diag_embed, diagflat,
  tril_indices, triu_indices, cdist, dist, vdot, inner, cross, cov, corrcoef, roll, rot90, fliplr, flipud, movedim,
  movedim as moveaxis, ravel, tile, repeat_interleave, tensor_split, hsplit, vsplit, dsplit, column_stack, dstack,
  meshgrid, take, take_along_dim, index_add, index_copy, index_fill, scatter, scatter_reduce, masked_scatter,
  broadcast_tensors, block_diag, cartesian_prod, diff, nan_to_num, nansum, nanmean, xlogy, logaddexp, fmax, fmin,
  heaviside, sgn, signbit, sinc, deg2rad, rad2deg, aminmax, histc, bincount, randint_like, multinomial,
  logaddexp2, angle, positive, isposinf, isneginf, isreal, is_nonzero, adjoint, imag,
} from './ops/extra.js';
export {
  quantile, nanquantile, trapezoid, trapz, cumulative_trapezoid, combinations, renorm, frexp, ldexp, diagonal_scatter,
  select_scatter, slice_scatter, bitwise_and, bitwise_or, bitwise_xor, bitwise_not, bitwise_left_shift, bitwise_right_shift,
  gcd, lcm, nextafter, igamma, igammac,
} from './ops/funcs.js';
export const swapdims = S.transpose;
export const ger = L.outer;
/** `torch.split_with_sizes(x, sizes, dim)`: split into pieces of the given sizes. */
export const split_with_sizes = (x: Tensor, split_sizes: number[], dim = 0) => S.split(x, split_sizes, dim);
export const unsafe_split = (x: Tensor, split_size: number, dim = 0) => S.unsafe_split(x, split_size, dim);
export const unsafe_chunk = (x: Tensor, chunks: number, dim = 0) => S.unsafe_chunk(x, chunks, dim);
// ---------------------------------------------------------------- torch-level forms of nn functions (ATen's signatures)
// each in its own scope (a composite's temporaries are released when it returns), one pure call each
const atenFn = <F>(f: F): F => scopedFn(f, 'the end of the torch call that made it (an internal temporary)');
export const convolution = /*#__PURE__*/ atenFn(aten.convolution), conv1d = /*#__PURE__*/ atenFn(aten.conv1d),
  conv2d = /*#__PURE__*/ atenFn(aten.conv2d), conv3d = /*#__PURE__*/ atenFn(aten.conv3d),
  conv_transpose1d = /*#__PURE__*/ atenFn(aten.conv_transpose1d),
  conv_transpose2d = /*#__PURE__*/ atenFn(aten.conv_transpose2d),
  conv_transpose3d = /*#__PURE__*/ atenFn(aten.conv_transpose3d), conv_tbc = /*#__PURE__*/ atenFn(aten.conv_tbc),
  max_pool1d = /*#__PURE__*/ atenFn(aten.max_pool1d), max_pool2d = /*#__PURE__*/ atenFn(aten.max_pool2d),
  max_pool3d = /*#__PURE__*/ atenFn(aten.max_pool3d),
  max_pool1d_with_indices = /*#__PURE__*/ atenFn(aten.max_pool1d_with_indices),
  avg_pool1d = /*#__PURE__*/ atenFn(aten.avg_pool1d),
  adaptive_avg_pool1d = /*#__PURE__*/ atenFn(aten.adaptive_avg_pool1d),
  adaptive_max_pool1d = /*#__PURE__*/ atenFn(aten.adaptive_max_pool1d),
  batch_norm = /*#__PURE__*/ atenFn(aten.batch_norm), layer_norm = /*#__PURE__*/ atenFn(aten.layer_norm),
  group_norm = /*#__PURE__*/ atenFn(aten.group_norm), instance_norm = /*#__PURE__*/ atenFn(aten.instance_norm),
  embedding = /*#__PURE__*/ atenFn(aten.embedding), embedding_bag = /*#__PURE__*/ atenFn(aten.embedding_bag),
  embedding_renorm_ = /*#__PURE__*/ atenFn(aten.embedding_renorm_), dropout = /*#__PURE__*/ atenFn(aten.dropout),
  dropout_ = /*#__PURE__*/ atenFn(aten.dropout_), alpha_dropout = /*#__PURE__*/ atenFn(aten.alpha_dropout),
  alpha_dropout_ = /*#__PURE__*/ atenFn(aten.alpha_dropout_),
  feature_dropout = /*#__PURE__*/ atenFn(aten.feature_dropout),
  feature_dropout_ = /*#__PURE__*/ atenFn(aten.feature_dropout_),
  feature_alpha_dropout = /*#__PURE__*/ atenFn(aten.feature_alpha_dropout),
  feature_alpha_dropout_ = /*#__PURE__*/ atenFn(aten.feature_alpha_dropout_),
  bilinear = /*#__PURE__*/ atenFn(aten.bilinear), pixel_shuffle = /*#__PURE__*/ atenFn(aten.pixel_shuffle),
  pixel_unshuffle = /*#__PURE__*/ atenFn(aten.pixel_unshuffle),
  channel_shuffle = /*#__PURE__*/ atenFn(aten.channel_shuffle),
  native_channel_shuffle = /*#__PURE__*/ atenFn(aten.native_channel_shuffle),
  cosine_similarity = /*#__PURE__*/ atenFn(aten.cosine_similarity),
  pairwise_distance = /*#__PURE__*/ atenFn(aten.pairwise_distance), pdist = /*#__PURE__*/ atenFn(aten.pdist),
  kl_div = /*#__PURE__*/ atenFn(aten.kl_div), ctc_loss = /*#__PURE__*/ atenFn(aten.ctc_loss),
  margin_ranking_loss = /*#__PURE__*/ atenFn(aten.margin_ranking_loss),
  hinge_embedding_loss = /*#__PURE__*/ atenFn(aten.hinge_embedding_loss),
  cosine_embedding_loss = /*#__PURE__*/ atenFn(aten.cosine_embedding_loss),
  triplet_margin_loss = /*#__PURE__*/ atenFn(aten.triplet_margin_loss),
  poisson_nll_loss = /*#__PURE__*/ atenFn(aten.poisson_nll_loss),
  binary_cross_entropy_with_logits = /*#__PURE__*/ atenFn(aten.binary_cross_entropy_with_logits),
  celu = /*#__PURE__*/ atenFn(aten.celu), celu_ = /*#__PURE__*/ atenFn(aten.celu_),
  selu = /*#__PURE__*/ atenFn(aten.selu), selu_ = /*#__PURE__*/ atenFn(aten.selu_),
  rrelu = /*#__PURE__*/ atenFn(aten.rrelu), rrelu_ = /*#__PURE__*/ atenFn(aten.rrelu_),
  threshold = /*#__PURE__*/ atenFn(aten.threshold), threshold_ = /*#__PURE__*/ atenFn(aten.threshold_),
  relu_ = /*#__PURE__*/ atenFn(aten.relu_), constant_pad_nd = /*#__PURE__*/ atenFn(aten.constant_pad_nd),
  grid_sampler = /*#__PURE__*/ atenFn(aten.grid_sampler),
  grid_sampler_2d = /*#__PURE__*/ atenFn(aten.grid_sampler_2d),
  grid_sampler_3d = /*#__PURE__*/ atenFn(aten.grid_sampler_3d),
  affine_grid_generator = /*#__PURE__*/ atenFn(aten.affine_grid_generator);
// ---------------------------------------------------------------- torch.X_: the in-place forms PyTorch exposes as functions
// (each is the Tensor method: `torch.exp_(x)` is `x.exp_()`, the same version counter and autograd rules)
export const abs_ = (input: Tensor): Tensor => input.abs_();
export const acos_ = (input: Tensor): Tensor => MT.acos_(input);
export const acosh_ = (input: Tensor): Tensor => MT.acosh_(input);
export const arccos_ = (input: Tensor): Tensor => MT.arccos_(input);
export const arccosh_ = (input: Tensor): Tensor => MT.arccosh_(input);
export const arcsin_ = (input: Tensor): Tensor => MT.arcsin_(input);
export const arcsinh_ = (input: Tensor): Tensor => MT.arcsinh_(input);
export const arctan_ = (input: Tensor): Tensor => MT.arctan_(input);
export const arctanh_ = (input: Tensor): Tensor => MT.arctanh_(input);
export const asin_ = (input: Tensor): Tensor => MT.asin_(input);
export const asinh_ = (input: Tensor): Tensor => MT.asinh_(input);
export const atan_ = (input: Tensor): Tensor => MT.atan_(input);
export const atanh_ = (input: Tensor): Tensor => MT.atanh_(input);
export const ceil_ = (input: Tensor): Tensor => MT.ceil_(input);
export const cos_ = (input: Tensor): Tensor => MT.cos_(input);
export const cosh_ = (input: Tensor): Tensor => MT.cosh_(input);
export const deg2rad_ = (input: Tensor): Tensor => MT.deg2rad_(input);
export const erf_ = (input: Tensor): Tensor => MT.erf_(input);
export const erfc_ = (input: Tensor): Tensor => MT.erfc_(input);
export const exp2_ = (input: Tensor): Tensor => MT.exp2_(input);
export const exp_ = (input: Tensor): Tensor => input.exp_();
export const expm1_ = (input: Tensor): Tensor => MT.expm1_(input);
export const fix_ = (input: Tensor): Tensor => MT.fix_(input);
export const floor_ = (input: Tensor): Tensor => MT.floor_(input);
export const frac_ = (input: Tensor): Tensor => MT.frac_(input);
export const i0_ = (input: Tensor): Tensor => MT.i0_(input);
export const log10_ = (input: Tensor): Tensor => MT.log10_(input);
export const log1p_ = (input: Tensor): Tensor => MT.log1p_(input);
export const log2_ = (input: Tensor): Tensor => MT.log2_(input);
export const log_ = (input: Tensor): Tensor => MT.log_(input);
export const neg_ = (input: Tensor): Tensor => input.neg_();
export const negative_ = (input: Tensor): Tensor => MT.negative_(input);
export const rad2deg_ = (input: Tensor): Tensor => MT.rad2deg_(input);
export const reciprocal_ = (input: Tensor): Tensor => MT.reciprocal_(input);
export const rsqrt_ = (input: Tensor): Tensor => MT.rsqrt_(input);
export const sigmoid_ = (input: Tensor): Tensor => input.sigmoid_();
export const sin_ = (input: Tensor): Tensor => MT.sin_(input);
export const sinc_ = (input: Tensor): Tensor => MT.sinc_(input);
export const sinh_ = (input: Tensor): Tensor => MT.sinh_(input);
export const sqrt_ = (input: Tensor): Tensor => input.sqrt_();
export const square_ = (input: Tensor): Tensor => MT.square_(input);
export const tan_ = (input: Tensor): Tensor => MT.tan_(input);
export const tanh_ = (input: Tensor): Tensor => input.tanh_();
export const trunc_ = (input: Tensor): Tensor => MT.trunc_(input);
export const zero_ = (input: Tensor): Tensor => input.zero_();
export const detach_ = (input: Tensor): Tensor => input.detach_();
export const conj_physical_ = (input: Tensor): Tensor => MT.conj_physical_(input);
export const round_ = (input: Tensor, opts?: { decimals?: number }): Tensor => MT.round_(input, opts);
export const logit_ = (input: Tensor, eps?: number | null): Tensor => MT.logit_(input, eps);
export const clamp_ = (input: Tensor, ...args: ClampArgs): Tensor => input.clamp_(...args);
export const clip_ = (input: Tensor, ...args: ClampArgs): Tensor => input.clamp_(...args);
export const clamp_min_ = (input: Tensor, min: number | Tensor): Tensor => MT.clamp_min_(input, min);
export const clamp_max_ = (input: Tensor, max: number | Tensor): Tensor => MT.clamp_max_(input, max);
export const fill_ = (input: Tensor, value: number | boolean | Tensor): Tensor => input.fill_(value);
export const xlogy_ = (input: Tensor, other: TensorOrScalar): Tensor => MT.xlogy_(input, other);
export const gcd_ = (input: Tensor, other: Tensor): Tensor => MT.gcd_(input, other);
export const lcm_ = (input: Tensor, other: Tensor): Tensor => MT.lcm_(input, other);
export const ldexp_ = (input: Tensor, other: Tensor): Tensor => MT.ldexp_(input, other);
/** `torch.nan_to_num_(x, nan=0.0, posinf=None, neginf=None)`. */
export const nan_to_num_ = (input: Tensor, nan?: number | { nan?: number; posinf?: number | null; neginf?: number | null },
  posinf?: number | null, neginf?: number | null): Tensor => MT.nan_to_num_(input, nan, posinf, neginf);
/** `torch.addmv_(x, mat, vec, { beta, alpha })`. */
export const addmv_ = (input: Tensor, mat: Tensor, vec: Tensor, opts?: { beta?: number; alpha?: number }): Tensor => MT.addmv_(input, mat, vec, opts);
/** `torch.index_put_(x, indices, values, accumulate=False)`. */
export const index_put_ = (input: Tensor, indices: (Tensor | null)[], values: Tensor | number, accumulate = false): Tensor =>
  input.index_put_(indices, values, accumulate);
// ---------------------------------------------------------------- PyTorch 1.13's other utilities (ops/misc.ts, flags.ts)
export {
  atleast_1d, atleast_2d, atleast_3d, broadcast_shapes, row_stack, scalar_tensor, range, empty_strided, as_strided, float_power,
  gradient, histogram, histogramdd, vander, hamming_window, hann_window, blackman_window, bartlett_window, kaiser_window, fill,
  put, index_reduce, segment_reduce, asarray, frombuffer, typename, as_strided_scatter, norm_except_dim,
} from './ops/misc.js';
export type { HistogramResult, HistogramddResult } from './ops/misc.js';
export {
  use_deterministic_algorithms, are_deterministic_algorithms_enabled, is_deterministic_algorithms_warn_only_enabled,
  set_deterministic_debug_mode, get_deterministic_debug_mode, set_warn_always, is_warn_always_enabled, get_num_interop_threads,
  set_num_interop_threads, set_flush_denormal, set_default_tensor_type, is_autocast_enabled, set_autocast_enabled,
  is_autocast_cpu_enabled, set_autocast_cpu_enabled, is_autocast_cache_enabled, set_autocast_cache_enabled, clear_autocast_cache,
  autocast_increment_nesting, autocast_decrement_nesting, has_cuda, has_cudnn, has_mps, has_mkl, has_mkldnn, has_openmp,
  has_lapack, has_spectral, is_vulkan_available, e, pi, inf, nan,
} from './flags.js';
export { TypedStorage, FloatStorage, LongStorage, BoolStorage, is_storage } from './storage.js';
export { layout, strided } from './tensor.js';
export { is_anomaly_check_nan_enabled } from './autograd.js';
/** `torch.set_anomaly_enabled(enabled, check_nan=True)`: anomaly detection on or off (torch.autograd.set_detect_anomaly). */
export const set_anomaly_enabled = (enabled: boolean, check_nan: boolean | { check_nan?: boolean } = true): void =>
  set_detect_anomaly(enabled, check_nan);
/** `torch.as_strided_(x, size, stride, storage_offset)`: x.as_strided_. */
export const as_strided_ = (input: Tensor, size: readonly number[], stride: readonly number[], storage_offset?: number | null): Tensor =>
  asStridedInPlace(input, size, stride, storage_offset);
/** `torch.resize_as_(x, other)`: x.resize_as_(other). */
export const resize_as_ = (input: Tensor, the_template: Tensor): Tensor => MT.resize_as_(input, the_template);
/** `torch.narrow_copy(x, dim, start, length)`: x.narrow_copy. */
export const narrow_copy = (input: Tensor, dim: number, start: number, length: number): Tensor => MT.narrow_copy(input, dim, start, length);
/** `torch.detach(x)`: x.detach(). */
export const detach = (input: Tensor): Tensor => input.detach();
/** `torch.is_signed(x)`, `is_same_size(x, y)`, `is_inference(x)`, `is_conj(x)`, `is_neg(x)`: the Tensor predicates. */
export const is_signed = (input: Tensor): boolean => MT.is_signed(input);
export const is_same_size = (input: Tensor, other: Tensor): boolean => MT.is_same_size(input, other);
export const is_inference = (input: Tensor): boolean => input.is_inference();
export const is_conj = (input: Tensor): boolean => MT.is_conj(input);
export const is_neg = (input: Tensor): boolean => MT.is_neg(input);
/** `torch.is_distributed(x)`: false (no torch.distributed here). */
export const is_distributed = (input: Tensor): boolean => MT.is_distributed(input);
/** `torch.get_device(x)`: -1 (the CPU). */
export const get_device = (input: Tensor): number => MT.get_device(input);
/** `torch.unsafe_split_with_sizes(x, split_sizes, dim=0)`: split_with_sizes. */
export const unsafe_split_with_sizes = (x: Tensor, split_sizes: number[], dim = 0) => S.unsafe_split(x, split_sizes, dim);
/** `torch.prelu(x, weight)`: nn.functional.prelu. */
export function prelu(input: Tensor, weight: Tensor): Tensor { return nnF.prelu(input, weight); }
/** `torch.hardshrink(x, lambd)`: nn.functional.hardshrink. */
export function hardshrink(input: Tensor, lambd = 0.5): Tensor { return nnF.hardshrink(input, lambd); }

// ---------------------------------------------------------------- autograd
/** torch.autograd: `grad(outputs, inputs)`, `backward(tensors)`, `Function` for ops with a user-defined
 *  backward, `functional` (jacobian, hessian, vjp, jvp, hvp, vhp), `gradcheck`/`gradgradcheck`, the grad modes,
 *  the deprecated `Variable` and `graph` (saved tensors hooks). */
export * as autograd from './autograd-api.js';

// ---------------------------------------------------------------- memory
/**
 * Runs fn and releases every tensor it created except the ones it returns (a tensor, or
 * tensors inside a returned array or plain object) and the ones kept with `t.keep()`.
 */
export function tidy<T>(fn: () => T): T {
  const probe = { async: false };
  const result = scoped(() => {
    const r = fn();
    probe.async = r instanceof Promise;
    return r;
  }, 'torch.tidy()');
  if (probe.async) {
    throw new TypeError('torch.tidy() takes a synchronous function (an async body would release tensors it still uses)');
  }
  return result;
}

/** Excludes tensors from automatic release (tidy, DataLoader steps, spent graphs). */
export function keep<T extends Tensor>(t: T): T {
  return t.keep();
}

/** Frees tensors now. */
export function dispose(...tensors: (Tensor | Tensor[] | null | undefined)[]): void {
  for (const t of tensors) {
    if (Array.isArray(t)) t.forEach((x) => x.dispose());
    else t?.dispose();
  }
}

/** Live tensors and bytes of tensor memory, so tests and users can see leaks. */
export function memory_stats(): MemoryStats {
  return {
    live_tensors: stats.tensors,
    storages: stats.storages,
    bytes_in_use: stats.bytes,
    peak_bytes: stats.peakBytes,
    wasm_memory_bytes: K.memory.buffer.byteLength,
  };
}

export const __version__ = '0.1.0';

// ---------------------------------------------------------------- namespaces
export * as nn from './nn/index.js';
import * as nnF from './nn/F.js';
// (after nn: the torch-level forms are nn.functional's code)
import * as aten from './nn/aten.js';
import { scopedFn } from './lifetime.js';
export * as optim from './optim/index.js';
export * as distributions from './distributions/index.js';
/** torch.utils (torch.utils.data) */
export * as utils from './utils.js';
