// torch.nn.functional: activations, linear/bilinear/embedding, dropout, normalization, distances
// and every loss, composed from the differentiable ops (tinygrad's habit: primitives have kernels,
// the rest is one-liners over them). A few composites take PyTorch's node name for their output
// (`named`), so `mse_loss(...)` prints `grad_fn=<MseLossBackward0>`.
//
// Arguments follow PyTorch's order. Every optional argument may be given by position or in a
// trailing options object under its PyTorch name: `F.softplus(x, 2, 5)` is
// `F.softplus(x, { beta: 2, threshold: 5 })`; losses take `(input, target, [weight,] { reduction, ... })`.
import { Tensor } from '../tensor.js';
import { float32, int64, bool, DType, MissingDType, toDType, type DTypeLike } from '../dtype.js';
import { K, I32 } from '../backend/wasm.js';
import { fusedKernels } from '../backend/fma.js';
import { record, renamed, no_grad, is_grad_enabled, shownInputs } from '../autograd.js';
import { openScope, scoped } from '../lifetime.js';
import { formatSize } from '../print.js';
import { warnOnce } from '../warn.js';
import { broadcastShapes, fmtShape, normDim, scalarName } from '../ops/util.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import * as L from '../ops/linalg.js';
import * as C from '../ops/create.js';
import { unique } from '../ops/sorting.js';
import { bind } from '../optim/optimizer.js';
import { argPosition, nativeAfter, pyType, tensorArg } from '../ops/kw.js';
import type { Args, Init } from './module.js';

const U = E.unarySpecs;
type UnarySpec = (typeof U)[keyof typeof U];

// Convolution and pooling live with their kernels in src/ops/conv.ts.
export { conv1d, conv2d, conv_transpose1d, conv_transpose2d, max_pool1d, max_pool2d, avg_pool1d, avg_pool2d, adaptive_avg_pool2d, adaptive_max_pool2d, unfold, fold } from '../ops/conv.js';
export { conv3d, conv_transpose3d, max_pool3d, avg_pool3d, adaptive_avg_pool3d, adaptive_max_pool3d } from '../ops/conv.js';
import { avg_pool2d } from '../ops/conv.js';
import { prelu as preluOp } from '../ops/misc.js';
import * as MT from '../ops/methods.js';
// Padding, interpolation, the shuffles, instance norm and the 1-D adaptive pools live in cnn-utils.ts.
export { ctc_loss } from './ctc.js';
export { pad, interpolate, pixel_shuffle, pixel_unshuffle, channel_shuffle, instance_norm, adaptive_avg_pool1d, adaptive_max_pool1d } from './cnn-utils.js';
export { grid_sample, affine_grid } from './grid-sample.js';
// EmbeddingBag's functional form lives in sparse.ts; max_unpool and lp_pool in pool-extra.ts.
export { embedding_bag } from './sparse.js';
export {
  max_unpool1d, max_unpool2d, max_unpool3d, lp_pool1d, lp_pool2d, fractional_max_pool2d, fractional_max_pool2d_with_indices,
  fractional_max_pool3d, fractional_max_pool3d_with_indices,
} from './pool-extra.js';
export {
  max_pool1d_with_indices, max_pool2d_with_indices, max_pool3d_with_indices, adaptive_max_pool1d_with_indices,
  adaptive_max_pool2d_with_indices, adaptive_max_pool3d_with_indices, upsample, upsample_nearest, upsample_bilinear, pdist,
  conv_tbc, native_channel_shuffle,
} from './functional-more.js';

// ---------------------------------------------------------------- argument helpers

type Opts = Record<string, unknown>;

/**
 * PyTorch's optional arguments of `fn`: the call's `args` (its `arguments`) after the first `skip`,
 * by position in `names` order or in one trailing options object; `defaults` fills the rest. Too many
 * positional values and unknown or repeated keys are Python's TypeError, never ignored (see `bind`).
 */
export function parseArgs<T extends Opts>(fn: string, names: readonly (keyof T & string)[], args: ArrayLike<unknown>,
  defaults: T, skip = 1): T {
  const lead = fn.endsWith('__init__') ? skip + 1 : skip;
  return bind(fn, names, [], defaults, Array.prototype.slice.call(args, skip), lead, true) as T;
}

/** s - x (exact: negation is exact in float). */
function rsub(x: Tensor, s: number): Tensor {
  return E.add(E.neg(x), s);
}

/** Gives a composite's output PyTorch's node name: one identity node over the composite. */
export function named(name: string, r: Tensor, inputs?: readonly (Tensor | null | undefined)[]): Tensor {
  if (!r.requires_grad) return r;
  const out = record(name, r.detach(), [r], [], (g) => [g]);
  return inputs ? shownInputs(out, inputs) : out;
}

function pyTypeName(t: Tensor): string {
  return scalarName(t.dtype);
}

// ---------------------------------------------------------------- activations

/**
 * An activation recorded under PyTorch's node name `node`. With `inplace` the result is written
 * into x (by the caller, through E.inplace): a backward that needs x then reads a copy taken before
 * it was overwritten, as PyTorch's in-place autograd does. `check` runs when the backward does.
 */
function activation(x: Tensor, s: UnarySpec, node: string, p0 = 0, p1 = 0, inplace = false, check?: () => void): Tensor {
  const out = no_grad(() => E.unary(s, x, p0, p1));
  if (!is_grad_enabled() || !x.requires_grad) return out;
  const fromY = s.saves === 'y';
  const saved = fromY ? out : inplace ? no_grad(() => x.detach().clone()) : x;
  return record(node, out, [x], [saved], (g, [v]) => {
    check?.();
    return [E.unaryGrad(s.code, fromY ? null : v, fromY ? v : null, g, p0, p1)];
  });
}

/**
 * The in-place form of an activation (PyTorch's `relu_`, `F.elu(x, inplace=True)`, ...): x takes the
 * values and the history, its version counter is bumped (so a backward that saved x fails as in
 * PyTorch), and x itself is returned.
 */
function activation_(x: Tensor, s: UnarySpec, node: string, op: string, p0 = 0, p1 = 0, check?: () => void): Tensor {
  return E.inplace(x, () => activation(x, s, node, p0, p1, true, check), op);
}

function negativeSlopeCheck(what: string, slope: number, extra: string): (() => void) | undefined {
  if (slope >= 0) return undefined;
  return () => {
    throw new Error(`In-place ${what} backward calculation is triggered with a negative slope which is not ` +
      `supported. This is caused by calling in-place forward function with a negative slope, please call ` +
      `out-of-place version instead.${extra}`);
  };
}

/** relu(x) = max(x, 0); `{ inplace: true }` overwrites x. @example F.relu(torch.randn(3)) */
export function relu(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  const o = parseArgs('relu', ['inplace'], arguments, { inplace: false });
  return o.inplace ? input.relu_() : E.relu(input);
}

/** In-place relu, as `F.relu_(x)`: returns x. */
export function relu_(input: Tensor): Tensor {
  return input.relu_();
}

/** relu6(x) = min(max(x, 0), 6). */
export function relu6(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  const o = parseArgs('relu6', ['inplace'], arguments, { inplace: false });
  if (o.inplace) return activation_(input, U.hardtanh, 'HardtanhBackward0', 'hardtanh_', 0, 6);
  return intHardtanh(input, 0, 6) ?? E.unary(U.hardtanh, input, 0, 6);
}

/** hardtanh(x, min_val=-1, max_val=1). @example F.hardtanh(x, -0.5, 0.5) */
export function hardtanh(
  input: Tensor, min_val?: number | { min_val?: number; max_val?: number; inplace?: boolean }, max_val?: number,
  inplace?: boolean,
): Tensor {
  const o = parseArgs('hardtanh', ['min_val', 'max_val', 'inplace'], arguments, { min_val: -1, max_val: 1, inplace: false });
  if (o.min_val > o.max_val) throw new Error('min_val cannot be greater than max_val');
  if (o.inplace) return activation_(input, U.hardtanh, 'HardtanhBackward0', 'hardtanh_', o.min_val, o.max_val);
  return intHardtanh(input, o.min_val, o.max_val) ?? E.unary(U.hardtanh, input, o.min_val, o.max_val);
}

/** hardtanh of int64 input stays int64 (PyTorch's clamp); bool is PyTorch's error; null for float32. */
function intHardtanh(input: Tensor, lo: number, hi: number): Tensor | null {
  if (input.dtype === float32) return null;
  if (input.dtype !== int64) throw new TypeError('Bool inputs not supported for hardtanh');
  return E.clamp(input, lo, hi);
}

/** In-place hardtanh, as `F.hardtanh_(x, min_val, max_val)`. */
export function hardtanh_(input: Tensor, min_val?: number | { min_val?: number; max_val?: number }, max_val?: number): Tensor {
  const o = parseArgs('hardtanh_', ['min_val', 'max_val'], arguments, { min_val: -1, max_val: 1 });
  return hardtanh(input, o.min_val, o.max_val, true);
}

/** leaky_relu(x, negative_slope=0.01). @example F.leaky_relu(x, 0.2) */
export function leaky_relu(input: Tensor, negative_slope?: number | { negative_slope?: number; inplace?: boolean }, inplace?: boolean): Tensor {
  const o = parseArgs('leaky_relu', ['negative_slope', 'inplace'], arguments, { negative_slope: 0.01, inplace: false });
  if (o.inplace) {
    return activation_(input, U.leaky_relu, 'LeakyReluBackward1', 'leaky_relu_', o.negative_slope, 0,
      negativeSlopeCheck('leakyReLu', o.negative_slope, ' File an issue at https://github.com/pytorch/pytorch if ' +
        'you do require supporting in-place leakRelu backward calculation with negative slope'));
  }
  return E.unary(U.leaky_relu, input, o.negative_slope);
}

/** In-place leaky_relu, as `F.leaky_relu_(x, negative_slope)`. */
export function leaky_relu_(input: Tensor, negative_slope?: number | { negative_slope?: number }): Tensor {
  const o = parseArgs('leaky_relu_', ['negative_slope'], arguments, { negative_slope: 0.01 });
  return leaky_relu(input, o.negative_slope, true);
}

// In place, ELU's backward reads the result (ATen's elu_backward with is_result: x is gone), not the input.
const ELU_FROM_RESULT = { ...U.elu, saves: 'y' as const };
const CELU_FROM_RESULT = { ...U.celu, saves: 'y' as const };

/** elu(x, alpha=1). @example F.elu(x, 0.5) */
export function elu(input: Tensor, alpha?: number | { alpha?: number; inplace?: boolean }, inplace?: boolean): Tensor {
  const o = parseArgs('elu', ['alpha', 'inplace'], arguments, { alpha: 1, inplace: false });
  if (o.inplace) {
    return activation_(input, ELU_FROM_RESULT, 'EluBackward1', 'elu_', o.alpha, 1, negativeSlopeCheck('elu', o.alpha, ''));
  }
  return E.unary(U.elu, input, o.alpha, 1);
}

type EluOptions = { alpha?: number; scale?: number; input_scale?: number };

/** In-place elu, as ATen's `elu_(x, alpha=1, scale=1, input_scale=1)`: scale·x where x > 0, else
 *  scale·alpha·(exp(input_scale·x) - 1). @example F.elu_(x, { scale: 2 }) */
export function elu_(input: Tensor, ...args: Args<[alpha: number, scale: number, input_scale: number], EluOptions>): Tensor {
  const o = bind('elu_', ['alpha', 'scale', 'input_scale'], [], { alpha: 1, scale: 1, input_scale: 1 }, args, 1);
  for (const k of ['alpha', 'scale', 'input_scale']) {
    if (typeof o[k] !== 'number' && typeof o[k] !== 'boolean') throw new TypeError(`elu_(): argument '${k}' must be Number, not ${pyType(o[k])}`);
  }
  const { alpha, scale, input_scale: inScale } = o as Required<EluOptions>;
  if ((scale === 1 && inScale === 1) || input.dtype !== float32) return elu(input, alpha, true);
  // composed over a copy of x (which the write overwrites), under ELU's node, whose backward refuses a negative alpha
  const check = negativeSlopeCheck('elu', alpha, '');
  return E.inplace(input, () => {
    const x = E.clone(input);
    const r = E.where(E.gt(x.detach(), 0), E.mul(x, scale), E.mul(E.expm1(E.mul(x, inScale)), alpha * scale));
    return r.requires_grad ? record('EluBackward1', r.detach(), [r], [], (g) => { check?.(); return [g]; }) : r;
  }, 'elu_');
}

const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/** selu(x) = scale * elu(x, alpha) with the self-normalizing constants. */
export function selu(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  const o = parseArgs('selu', ['inplace'], arguments, { inplace: false });
  if (o.inplace) return activation_(input, ELU_FROM_RESULT, 'EluBackward1', 'selu_', SELU_ALPHA, SELU_SCALE);
  return E.unary(U.elu, input, SELU_ALPHA, SELU_SCALE);
}

/** In-place selu, as `F.selu_(x)`. */
export function selu_(input: Tensor): Tensor {
  return selu(input, true);
}

/** celu(x, alpha=1) = max(0, x) + min(0, alpha * (exp(x / alpha) - 1)). */
export function celu(input: Tensor, alpha?: number | { alpha?: number; inplace?: boolean }, inplace?: boolean): Tensor {
  const o = parseArgs('celu', ['alpha', 'inplace'], arguments, { alpha: 1, inplace: false });
  if (o.alpha === 0) throw new Error('ZeroDivisionError: alpha cannot be 0 for CELU');
  // (p1: ATen's input_scale, 1 / alpha in double, rounded to float by the kernel)
  if (o.inplace) return activation_(input, CELU_FROM_RESULT, 'CeluBackward1', 'celu_', o.alpha, 1 / o.alpha);
  return E.unary(U.celu, input, o.alpha, 1 / o.alpha);
}

/** In-place celu, as `F.celu_(x, alpha)`. */
export function celu_(input: Tensor, alpha?: number | { alpha?: number }): Tensor {
  const o = parseArgs('celu_', ['alpha'], arguments, { alpha: 1 });
  return celu(input, o.alpha, true);
}

/** gelu(x), exact (erf) or `{ approximate: 'tanh' }`. */
export function gelu(input: Tensor, approximate?: 'none' | 'tanh' | { approximate?: 'none' | 'tanh' }): Tensor {
  const o = parseArgs('gelu', ['approximate'], arguments, { approximate: 'none' as 'none' | 'tanh' });
  if (o.approximate !== 'none' && o.approximate !== 'tanh') throw new Error(`approximate argument must be either none or tanh.`);
  return E.unary(o.approximate === 'tanh' ? U.gelu_tanh : U.gelu, input);
}

/** silu(x) = x * sigmoid(x). */
export function silu(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  const o = parseArgs('silu', ['inplace'], arguments, { inplace: false });
  if (o.inplace) return activation_(input, U.silu, 'SiluBackward0', 'silu_');
  return E.unary(U.silu, input);
}

/** mish(x) = x * tanh(softplus(x)). */
export function mish(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  const o = parseArgs('mish', ['inplace'], arguments, { inplace: false });
  if (o.inplace) return activation_(input, U.mish, 'MishBackward0', 'mish_');
  return E.unary(U.mish, input);
}

export function sigmoid(input: Tensor): Tensor {
  return E.sigmoid(input);
}

export function tanh(input: Tensor): Tensor {
  return E.tanh(input);
}

/** softplus(x, beta=1, threshold=20) = log(1 + exp(beta x)) / beta, linear above the threshold. */
export function softplus(input: Tensor, beta?: number | { beta?: number; threshold?: number }, threshold?: number): Tensor {
  const o = parseArgs('softplus', ['beta', 'threshold'], arguments, { beta: 1, threshold: 20 });
  return E.unary(U.softplus, input, o.beta, o.threshold);
}

/** softsign(x) = x / (1 + |x|). */
export function softsign(input: Tensor): Tensor {
  return E.unary(U.softsign, input);
}

export function hardsigmoid(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  const o = parseArgs('hardsigmoid', ['inplace'], arguments, { inplace: false });
  if (o.inplace) return activation_(input, U.hardsigmoid, 'HardsigmoidBackward0', 'hardsigmoid_');
  return E.unary(U.hardsigmoid, input);
}

export function hardswish(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  const o = parseArgs('hardswish', ['inplace'], arguments, { inplace: false });
  if (o.inplace) return activation_(input, U.hardswish, 'HardswishBackward0', 'hardswish_');
  return E.unary(U.hardswish, input);
}

/** logsigmoid(x) = log(sigmoid(x)), computed stably. */
export function logsigmoid(input: Tensor): Tensor {
  return E.unary(U.logsigmoid, input);
}

/** tanhshrink(x) = x - tanh(x). */
export function tanhshrink(input: Tensor): Tensor {
  return E.unary(U.tanhshrink, input);
}

export function hardshrink(input: Tensor, lambd?: number | { lambd?: number }): Tensor {
  const o = parseArgs('hardshrink', ['lambd'], arguments, { lambd: 0.5 });
  return E.unary(U.hardshrink, input, o.lambd);
}

export function softshrink(input: Tensor, lambd?: number | { lambd?: number }): Tensor {
  const o = parseArgs('softshrink', ['lambd'], arguments, { lambd: 0.5 });
  if (o.lambd < 0) throw new Error(`lambda must be greater or equal to 0, but found to be ${o.lambd}.`);
  return E.unary(U.softshrink, input, o.lambd);
}

/** threshold(x, threshold, value): x where x > threshold, else value. */
export function threshold(input: Tensor, threshold: number, value: number, inplace?: boolean | { inplace?: boolean }): Tensor {
  const o = parseArgs('threshold', ['inplace'], arguments, { inplace: false }, 3);
  if (o.inplace) return activation_(input, U.threshold, 'ThresholdBackward1', 'threshold_', threshold, value);
  return E.unary(U.threshold, input, threshold, value);
}

/** In-place threshold, as `F.threshold_(x, threshold, value)`. */
export function threshold_(input: Tensor, threshold_: number, value: number): Tensor {
  return threshold(input, threshold_, value, true);
}

/**
 * Randomized leaky ReLU, as `torch.nn.functional.rrelu(input, lower=1/8, upper=1/3, training=False,
 * inplace=False)`. In training each element ≤ 0 is multiplied by its own slope drawn from
 * U(lower, upper) by the default generator (PyTorch's exact draws: one 53-bit double per such element,
 * in memory order); in eval the slope is (lower + upper) / 2.
 * @example F.rrelu(x, 0.1, 0.3, true)
 */
export function rrelu(input: Tensor, lower?: number | { lower?: number; upper?: number; training?: boolean; inplace?: boolean },
  upper?: number, training?: boolean, inplace?: boolean): Tensor {
  const o = parseArgs('rrelu', ['lower', 'upper', 'training', 'inplace'], arguments, 
    { lower: 1 / 8, upper: 1 / 3, training: false, inplace: false });
  return rreluCore(input, o.lower, o.upper, o.training, o.inplace, C.default_generator);
}

/** ATen's rrelu / rrelu_ (torch.rrelu, with its `generator`): F.rrelu's work. */
export function rreluCore(input: Tensor, lower: number, upper: number, training: boolean, inplace: boolean, gen: C.Generator): Tensor {
  if (lower > upper) throw new Error('Lower bound should be less than or equal to the upper bound');
  if (!training) {
    if (input.dtype !== float32) throw new TypeError(`"leaky_relu_cpu" not implemented for '${pyTypeName(input)}'`);
    const slope = (lower + upper) / 2;
    if (inplace) return activation_(input, U.leaky_relu, 'RreluWithNoiseBackward1', 'rrelu_', slope);
    return activation(input, U.leaky_relu, 'RreluWithNoiseBackward0', slope);
  }
  if (inplace) return E.inplace(input, () => rreluTrain(input, lower, upper, 'RreluWithNoiseBackward1', gen), 'rrelu_');
  return rreluTrain(input, lower, upper, 'RreluWithNoiseBackward0', gen);
}

type RreluOptions = { lower?: number; upper?: number; training?: boolean; generator?: C.Generator | null };

/** In-place rrelu, as `F.rrelu_(x, lower, upper, training, generator)` (ATen's: its slopes drawn from `generator`). */
export function rrelu_(input: Tensor, ...args: Args<[lower: number, upper: number, training: boolean, generator: C.Generator | null],
  RreluOptions>): Tensor {
  const o = bind('rrelu_', ['lower', 'upper', 'training', 'generator'], [],
    { lower: 1 / 8, upper: 1 / 3, training: false, generator: null }, args, 1) as Required<RreluOptions>;
  if (o.generator !== null && !(o.generator instanceof C.Generator)) {
    throw new TypeError(`rrelu_(): argument 'generator' must be torch.Generator, not ${pyType(o.generator)}`);
  }
  return rreluCore(input, o.lower, o.upper, o.training, true, o.generator ?? C.default_generator);
}

/** PyTorch's _rrelu_with_noise_train: the slopes (noise) are saved for the backward, grad · noise. */
function rreluTrain(input: Tensor, lower: number, upper: number, node: string, gen: C.Generator): Tensor {
  if (input.dtype !== float32) throw new TypeError(`"rrelu_with_noise_out_cpu" not implemented for '${pyTypeName(input)}'`);
  const x = input.detach().contiguous();
  const n = x.numel();
  const out = Tensor._empty(x._shape.slice(), float32);
  const noise = Tensor._empty(x._shape.slice(), float32);
  // uniform_real_distribution<double>(lower, upper) over float bounds, the sample rounded to float.
  const lo = Math.fround(lower);
  const span = Math.fround(upper) - lo;
  // each x <= 0 draws its slope from random64()'s low 53 bits · 2⁻⁵³ scaled to [lower, upper)
  if (n > 0) K.rrelu_f32(out._ptr(), noise._ptr(), x._ptr(), n, gen._state, lo, span);
  if (x !== input) x.dispose();
  if (!is_grad_enabled() || !input.requires_grad) {
    noise.dispose();
    return out;
  }
  // PyTorch's rule: grad · noise when upper - lower > 1e-6, else leaky_relu's gradient with the mean
  // slope (noise is 1 exactly where x > 0).
  const mean = (lower + upper) / 2;
  const narrow = upper - lower <= 1e-6;
  return record(node, out, [input], [noise], (g, [nz]) => [narrow ? E.where(E.eq(nz, 1), g, E.mul(g, mean)) : E.mul(g, nz)]);
}

/** prelu(x, weight): x where x > 0, else weight * x, weight per channel (dim 1). */
export function prelu(input: Tensor, weight: Tensor): Tensor {
  return preluOp(input, weight);
}

/** glu(x, dim=-1) = a * sigmoid(b) for the two halves of x along dim. */
export function glu(input: Tensor, dim?: number | { dim?: number }): Tensor {
  const o = parseArgs('glu', ['dim'], arguments, { dim: -1 });
  const d = normDim(o.dim, input._shape.length);
  const n = input._shape[d];
  if (n % 2 !== 0) throw new Error(`Halving dimension must be even, but dimension ${d} is size ${n}`);
  const [a, b] = S.split(input, n / 2, d);
  return renamed('GluBackward0', E.mul(a, E.sigmoid(b)));
}

/** PyTorch's implicit softmax dim for legacy calls without one. */
/** PyTorch's legacy choice of dim when none is given, with its deprecation warning (`name`: the function). */
function softmaxDim(ndim: number, name = 'softmax'): number {
  warnOnce(`implicit ${name}`, `Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`);
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

/** F.softmax's, log_softmax's and softmin's options: `_stacklevel` (PyTorch's: where the implicit-dim warning points,
 *  which has no meaning here) is taken and left; `dtype` casts the input first, as PyTorch does. */
export type SoftmaxOptions = { dim?: number | null; _stacklevel?: number; dtype?: DTypeLike | null };
type SoftmaxArgs = Args<[dim: number | null, _stacklevel: number, dtype: DTypeLike | null], SoftmaxOptions>;

/** The softmaxes' arguments after the input, and the input cast to `dtype` when one is given. */
function softmaxArgs(fn: string, input: Tensor, args: readonly unknown[]): [Tensor, number | null] {
  const o = bind(fn, ['dim', '_stacklevel', 'dtype'], [], { dim: null, _stacklevel: 3, dtype: null }, args, 1, true);
  const d = o.dtype;
  if (d == null) return [input, o.dim];
  if (!(d instanceof DType) && !(d instanceof MissingDType)) throw new TypeError(`${fn}(): argument 'dtype' must be torch.dtype, not ${pyType(d)}`);
  return [E.cast(input, toDType(d)), o.dim];
}

/** softmax(x, dim). @example F.softmax(x, -1), F.softmax(x, 1, { dtype: torch.float32 }) */
export function softmax(input: Tensor, ...args: SoftmaxArgs): Tensor {
  const [x, dim] = softmaxArgs('softmax', input, args);
  return R.softmax(x, dim ?? softmaxDim(input._shape.length));
}

export function log_softmax(input: Tensor, ...args: SoftmaxArgs): Tensor {
  const [x, dim] = softmaxArgs('log_softmax', input, args);
  return R.log_softmax(x, dim ?? softmaxDim(input._shape.length, 'log_softmax'));
}

/** softmin(x, dim) = softmax(-x, dim). */
export function softmin(input: Tensor, ...args: SoftmaxArgs): Tensor {
  const [x, dim] = softmaxArgs('softmin', input, args);
  return R.softmax(E.neg(x), dim ?? softmaxDim(input._shape.length, 'softmin'));
}

/**
 * Samples from the Gumbel-Softmax distribution, as `F.gumbel_softmax(logits, tau=1, hard=False, eps=1e-10,
 * dim=-1)`: softmax((logits + g) / tau) with g = -log(Exponential(1)) drawn as PyTorch draws it (same
 * samples after `torch.manual_seed`); `hard` returns one-hot vectors whose gradient is the soft sample's
 * (straight-through). `F.gumbel_softmax(torch.randn(20, 32), { tau: 1, hard: true })`
 */
export function gumbel_softmax(logits: Tensor, tau?: number | { tau?: number; hard?: boolean; eps?: number; dim?: number },
  hard?: boolean, eps?: number, dim?: number): Tensor {
  void hard; void eps; void dim;
  const o = parseArgs('gumbel_softmax', ['tau', 'hard', 'eps', 'dim'], arguments, { tau: 1, hard: false, eps: 1e-10, dim: -1 });
  if (o.eps !== 1e-10) console.warn('UserWarning: `eps` parameter is deprecated and has no effect.');
  const gumbels = E.neg(E.log(C.exponential_(C.empty_like(logits))));
  const ySoft = R.softmax(E.div(E.add(logits, gumbels), o.tau), o.dim);
  if (!o.hard) return ySoft;
  const index = (R.max(ySoft.detach(), o.dim, true) as unknown as { indices: Tensor }).indices; // no graph for the values
  const yHard = S.scatter(C.zeros_like(logits), o.dim, index, 1);
  return E.add(E.sub(yHard, ySoft.detach()), ySoft);
}

// ---------------------------------------------------------------- linear layers

/** y = x Wᵀ + b. @example F.linear(x, weight, bias) */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null | { bias?: Tensor | null }): Tensor {
  // (every Linear layer's call: by position it binds nothing)
  if (arguments.length <= 3 && (bias == null || bias instanceof Tensor)) return L.linear(input, weight, bias ?? null);
  const o = nativeAfter('linear', 2, ['bias'], { bias: null }, Array.prototype.slice.call(arguments, 2));
  return L.linear(input, weight, o.bias);
}

/** y_k = x1ᵀ W_k x2 + b_k, weight (out, in1, in2). */
export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, b?: Tensor | null | { bias?: Tensor | null }): Tensor {
  void b;
  const bias = nativeAfter('bilinear', 3, ['bias'], { bias: null }, Array.prototype.slice.call(arguments, 3)).bias as Tensor | null;
  if (weight._shape.length !== 3) throw new Error(`bilinear(): weight must be a 3-D tensor, got ${weight._shape.length}-D`);
  const [outF, in1, in2] = weight._shape;
  const n1 = input1._shape.length;
  if (input1._shape[n1 - 1] !== in1) {
    throw new Error(`bilinear(): input1 size does not match weight size: got ${input1._shape[n1 - 1]} but expected ${in1}`);
  }
  if (input2._shape[input2._shape.length - 1] !== in2) {
    throw new Error(`bilinear(): input2 size does not match weight size: got ${input2._shape[input2._shape.length - 1]} but expected ${in2}`);
  }
  const lead = input1._shape.slice(0, -1);
  if (lead.join() !== input2._shape.slice(0, -1).join()) {
    throw new Error('bilinear(): input batch dimensions do not match: got ' +
      `${fmtShape(lead)} and ${fmtShape(input2._shape.slice(0, -1))}`);
  }
  const x1 = S.reshape(input1, [-1, in1]);
  const x2 = S.reshape(input2, [-1, in2]);
  // (N, in1) · (in1, out·in2) → (N, out, in2), then contracted with x2.
  const w = S.reshape(S.permute(weight, [1, 0, 2]), [in1, outF * in2]);
  const t = S.reshape(L.mm(x1, w), [-1, outF, in2]);
  // reshaped to the output's shape, then the bias added (ATen's order: AddBackward0 or ReshapeAliasBackward0 last)
  const y = S.reshape(R.sum(E.mul(t, S.unsqueeze(x2, 1)), -1), [...lead, outF]);
  return bias ? E.add(y, bias) : y;
}

// ---------------------------------------------------------------- embedding

export interface EmbeddingOptions {
  padding_idx?: number | null;
  max_norm?: number | null;
  norm_type?: number;
  scale_grad_by_freq?: boolean;
  sparse?: boolean;
}

/** Renormalizes, in place, the rows of weight that idx uses whose norm exceeds max_norm. */
export function embeddingRenorm(weight: Tensor, idx: Tensor, maxNorm: number, normType: number): void {
  if (!idx.numel()) return;
  weight._bumpVersion();
  no_grad(() => {
    const wd = weight.detach();
    if (!wd.is_contiguous()) {
      renormRows(wd, new Set(Array.from(idx.dataSync())), maxNorm, normType);
      return;
    }
    // All rows at once, each norm summed as a lone row's is (the rows as columns: sum_rows_f32 per column)
    const [num, dim] = wd._shape;
    const ids = unique(idx) as Tensor;
    const rows = S.index_select(wd, 0, ids);
    const tr = S.transpose(rows, 0, 1);
    const cols = E.convert(tr, float32);
    const nt = R.norm(cols, normType, 0);
    const norms = nt.dataSync();
    const id = ids.dataSync();
    const sel: number[] = [];
    const scale: number[] = [];
    norms.forEach((n, j) => {
      if (n > maxNorm) {
        sel.push(id[j]);
        scale.push(maxNorm / (n + 1e-7));
      }
    });
    const temps = [wd, ids, rows, tr, cols, nt];
    if (sel.length) {
      const selT = C.tensor(sel, { dtype: int64 });
      const picked = S.index_select(wd, 0, selT);
      const sc = C.tensor(scale, { dtype: float32 });
      const sc2 = S.reshape(sc, [-1, 1]);
      const scaled = E.mul(picked, sc2);
      K.index_copy_32(wd._ptr(), selT._ptr(), scaled._ptr(), 1, num, sel.length, dim);
      temps.push(selT, picked, sc, sc2, scaled);
    }
    for (const t of new Set(temps)) t.dispose();
  });
}

/** embeddingRenorm one row at a time (a weight whose rows are not contiguous). */
function renormRows(wd: Tensor, rows: Set<number>, maxNorm: number, normType: number): void {
  for (const r of rows) {
    const row = S.select(wd, 0, r);
    const norm = Number(R.norm(row, normType).item());
    if (norm > maxNorm) {
      const scaled = E.mul(row, maxNorm / (norm + 1e-7));
      E.writeInto(row, scaled);
      scaled.dispose();
    }
    row.dispose();
  }
}

/**
 * Looks up rows of `weight` (num_embeddings, dim) at the int64 indices `input`.
 * @example F.embedding(torch.tensor([[1, 2], [4, 3]]), weight, { padding_idx: 0 })
 */
export function embedding(input: Tensor, ...args: Init<[weight: Tensor], ['weight'], [padding_idx: number | null, max_norm: number | null,
  norm_type: number, scale_grad_by_freq: boolean, sparse: boolean], EmbeddingOptions>): Tensor {
  const { weight: w, ...opts } = bind('embedding',
    ['weight', 'padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse'], [],
    { padding_idx: null, max_norm: null, norm_type: 2, scale_grad_by_freq: false, sparse: false }, args, 1, true, true) as EmbeddingOptions & { weight: unknown };
  // (by name too: F.embedding calls torch.embedding(weight, input, ...), whose first argument it is)
  const weight = tensorArg('embedding', 'weight', 1, w);
  if (input.dtype !== int64) {
    throw new TypeError("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; " +
      `but got torch.${pyTypeName(input)}Tensor instead (while checking arguments for embedding)`);
  }
  if (weight._shape.length !== 2) throw new Error("'weight' must be 2-D");
  const [num, dim] = weight._shape;
  let pad = opts.padding_idx ?? null;
  if (pad !== null) {
    if (pad >= num || pad < -num) throw new Error('Padding_idx must be within num_embeddings');
    if (pad < 0) pad += num;
  }
  const flat = S.reshape(input, [-1]).contiguous();
  if (flat.numel() > 0) {
    const [lo, hi] = S.indexRange(flat);
    if (lo < 0 || hi >= num) {
      throw new RangeError(`index out of range in self: index ${lo < 0 ? lo : hi} is out of range for Embedding(${num}, ${dim})`);
    }
  }
  if (opts.max_norm != null) embeddingRenorm(weight, flat, opts.max_norm, opts.norm_type ?? 2);
  const rows = S.index_select(weight.detach(), 0, flat);
  const out = S.reshape(rows, [...input._shape, dim]).detach();
  const scale = opts.scale_grad_by_freq ?? false;
  return record('EmbeddingBackward0', out, [weight], [flat], (g, [idx]) => {
    let gr = S.reshape(g, [-1, dim]);
    if (scale) {
      // Each row's gradient is divided by how often its index occurs in the batch (float(1.0 / count)).
      const recip = Tensor._empty([num], float32);
      if (num > 0) K.bincount_32(recip._ptr(), idx._ptr(), 0, idx.numel(), num, 3, 0);
      gr = E.mul(gr, S.reshape(S.index_select(recip, 0, idx), [-1, 1]));
    }
    const gw = S.index_add([num, dim], 0, idx, gr);
    if (pad !== null) E.fill_(S.select(gw, 0, pad), 0);
    return [gw];
  });
}

/** One-hot int64 encoding with a last dim of num_classes (inferred as max + 1 when -1). */
export function one_hot(input: Tensor, num_classes?: number | { num_classes?: number }): Tensor {
  const o = parseArgs('one_hot', ['num_classes'], arguments, { num_classes: -1 });
  if (input.dtype !== int64) throw new TypeError('one_hot is only applicable to index tensor.');
  let n = o.num_classes;
  if (input.numel() === 0) {
    if (n <= 0) throw new Error('Can not infer total number of classes from empty tensor.');
    return C.zeros([...input._shape, n], { dtype: int64 });
  }
  const [lo, hi] = S.indexRange(input);
  if (lo < 0) throw new Error('Class values must be non-negative.');
  if (n === -1) n = hi + 1;
  else if (hi >= n) throw new Error('Class values must be smaller than num_classes.');
  const z = C.zeros([...input._shape, n], { dtype: int64 });
  return S.scatter(z, -1, S.unsqueeze(input, -1), 1);
}

// ---------------------------------------------------------------- dropout

export function checkP(p: number): void {
  if (p < 0 || p > 1) throw new Error(`dropout probability has to be between 0 and 1, but got ${p}`);
}

/** A 0/1 mask of `shape` with P(1) = 1-p, scaled by 1/(1-p), drawn as PyTorch draws it. */
function dropoutNoise(shape: number[], p: number): Tensor {
  const noise = Tensor._empty(shape, float32);
  C.bernoulli_(noise, 1 - p);
  if (p === 1) E.fill_(noise, 0);
  else E.inplace(noise, () => E.div(noise, 1 - p), 'div_');
  return noise;
}

function featureShape(input: Tensor): number[] {
  return input._shape.map((s, i) => (i < 2 ? s : 1));
}

/** ATen's _dropout_impl: the input itself when nothing is dropped, input · 0 for p = 1 (no draws), else the
 *  input times a mask of `noiseShape` drawn as PyTorch draws it. */
export function dropoutImpl(input: Tensor, p: number, training: boolean, inplace: boolean, noiseShape: () => number[]): Tensor {
  if (p === 0 || !training || input.numel() === 0) return input;
  if (p === 1) {
    const zero = C.zeros([]);
    return inplace ? input.mul_(zero) : E.mul(input, zero);
  }
  const noise = dropoutNoise(noiseShape(), p);
  return inplace ? input.mul_(noise) : E.mul(input, noise);
}

/**
 * Zeroes each element with probability p in training and scales the rest by 1/(1-p); the
 * identity in eval. @example F.dropout(x, 0.5, true)
 */
export function dropout(input: Tensor, p?: number | { p?: number; training?: boolean; inplace?: boolean }, training?: boolean, inplace?: boolean): Tensor {
  const o = parseArgs('dropout', ['p', 'training', 'inplace'], arguments, { p: 0.5, training: true, inplace: false });
  checkP(o.p);
  return dropoutImpl(input, o.p, o.training, o.inplace, () => input._shape.slice());
}

/** ATen's feature_dropout: one draw per (sample, channel) of an input of two or more dims. */
export function featureDropoutImpl(input: Tensor, p: number, training: boolean, inplace: boolean): Tensor {
  return dropoutImpl(input, p, training, inplace, () => {
    if (input._shape.length < 2) throw new Error('Feature dropout requires at least 2 dimensions in the input');
    return featureShape(input);
  });
}

/** dropout1d / dropout3d: an unbatched input gets a batch dim of 1 for the draw, as functional.py does. */
function featureDropoutUnbatched(input: Tensor, p: number, training: boolean, inplace: boolean, batched: boolean): Tensor {
  if (batched) return featureDropoutImpl(input, p, training, inplace);
  if (inplace) {
    featureDropoutImpl(S.unsqueeze(input, 0), p, training, true);
    return input;
  }
  return S.squeeze(featureDropoutImpl(S.unsqueeze(input, 0), p, training, false), 0);
}

/** Zeroes whole channels of (N, C, L) or (C, L) inputs. @example F.dropout1d(torch.randn(4, 8, 16), 0.2) */
export function dropout1d(input: Tensor, p?: number | { p?: number; training?: boolean; inplace?: boolean }, training?: boolean, inplace?: boolean): Tensor {
  const o = parseArgs('dropout1d', ['p', 'training', 'inplace'], arguments, { p: 0.5, training: true, inplace: false });
  checkP(o.p);
  const nd = input._shape.length;
  if (nd !== 2 && nd !== 3) {
    throw new Error(`dropout1d: Expected 2D or 3D input, but received a ${nd}D input. Note that dropout1d exists to provide ` +
      'channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension ' +
      '(i.e. 2D or 3D inputs).');
  }
  return featureDropoutUnbatched(input, o.p, o.training, o.inplace, nd === 3);
}

/** functional.py's warning for a rank dropout2d / dropout3d do not expect. */
function warnDropoutRank(name: string, nd: number, spatial: number): void {
  console.warn(`UserWarning: ${name}: Received a ${nd}-D input to ${name}, which is deprecated and will result in an error in a ` +
    `future release. To retain the behavior and silence this warning, please use dropout instead. Note that ${name} exists to ` +
    `provide channel-wise dropout on inputs with ${spatial} spatial dimensions, a channel dimension, and an optional batch ` +
    `dimension (i.e. ${spatial + 1}D or ${spatial + 2}D inputs).`);
}

/**
 * Zeroes whole channels of (N, C, H, W) inputs. A 3-D input is taken as (N, C, L), as PyTorch 1.13 does (with its
 * warning). @example F.dropout2d(torch.randn(4, 8, 5, 5), 0.2)
 */
export function dropout2d(input: Tensor, p?: number | { p?: number; training?: boolean; inplace?: boolean }, training?: boolean, inplace?: boolean): Tensor {
  const o = parseArgs('dropout2d', ['p', 'training', 'inplace'], arguments, { p: 0.5, training: true, inplace: false });
  checkP(o.p);
  const nd = input._shape.length;
  if (nd !== 3 && nd !== 4) warnDropoutRank('dropout2d', nd, 2);
  if (nd === 3) {
    console.warn('UserWarning: dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is ' +
      'desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future ' +
      'release to interpret the input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise ' +
      'dropout behavior, please switch to using dropout1d instead.');
  }
  return featureDropoutImpl(input, o.p, o.training, o.inplace);
}

/**
 * Zeroes whole channels of (N, C, D, H, W) or (C, D, H, W) inputs, as `torch.nn.functional.dropout3d`.
 * @example F.dropout3d(torch.randn(2, 4, 3, 5, 5), 0.2)
 */
export function dropout3d(input: Tensor, p?: number | { p?: number; training?: boolean; inplace?: boolean }, training?: boolean, inplace?: boolean): Tensor {
  const o = parseArgs('dropout3d', ['p', 'training', 'inplace'], arguments, { p: 0.5, training: true, inplace: false });
  checkP(o.p);
  const nd = input._shape.length;
  if (nd !== 4 && nd !== 5) warnDropoutRank('dropout3d', nd, 3);
  return featureDropoutUnbatched(input, o.p, o.training, o.inplace, nd === 5);
}

const ALPHA = 1.7580993408473766;

export function alphaDropoutImpl(input: Tensor, p: number, training: boolean, feature: boolean, inplace: boolean): Tensor {
  checkP(p);
  if (!training || p === 0 || input.numel() === 0) return input;
  if (p === 1) return inplace ? input.mul_(0) : E.mul(input, 0);
  const noise = Tensor._empty(feature ? featureShape(input) : input._shape.slice(), float32);
  C.bernoulli_(noise, 1 - p);
  const a = 1 / Math.sqrt((ALPHA * ALPHA * p + 1) * (1 - p));
  // b = (noise - 1) * alpha * a + alpha * a * p; out = x * (noise * a) + b
  const b = E.add(E.mul(E.sub(noise, 1), ALPHA * a), ALPHA * a * p);
  const scaled = E.mul(noise, a);
  if (inplace) return input.mul_(scaled).add_(b);
  return E.add(E.mul(input, scaled), b);
}

/** Dropout that keeps the self-normalizing mean and variance (for SELU networks). */
export function alpha_dropout(input: Tensor, p?: number | { p?: number; training?: boolean; inplace?: boolean }, training?: boolean, inplace?: boolean): Tensor {
  const o = parseArgs('alpha_dropout', ['p', 'training', 'inplace'], arguments, { p: 0.5, training: false, inplace: false });
  return alphaDropoutImpl(input, o.p, o.training, false, o.inplace);
}

export function feature_alpha_dropout(input: Tensor, p?: number | { p?: number; training?: boolean; inplace?: boolean }, training?: boolean, inplace?: boolean): Tensor {
  const o = parseArgs('feature_alpha_dropout', ['p', 'training', 'inplace'], arguments, { p: 0.5, training: false, inplace: false });
  return alphaDropoutImpl(input, o.p, o.training, true, o.inplace);
}

// ---------------------------------------------------------------- normalization

/**
 * Normalizes over the trailing `normalized_shape` dims, then scales and shifts.
 * @example F.layer_norm(x, [6], weight, bias)
 */
export function layer_norm(input: Tensor, ...args: Init<[normalized_shape: number | readonly number[]], ['normalized_shape'],
  [weight: Tensor | null, bias: Tensor | null, eps: number], { weight?: Tensor | null; bias?: Tensor | null; eps?: number }>): Tensor {
  // normalized_shape by name too: F.layer_norm(x, { normalized_shape: [3] })
  const o = bind('layer_norm', ['normalized_shape', 'weight', 'bias', 'eps'], [], { weight: null, bias: null, eps: 1e-5 }, args, 1, true,
    true) as { normalized_shape: number | readonly number[]; weight: Tensor | null; bias: Tensor | null; eps: number };
  const shape = typeof o.normalized_shape === 'number' ? [o.normalized_shape] : [...o.normalized_shape];
  const nd = input._shape.length;
  const k = shape.length;
  if (k === 0 || nd < k || input._shape.slice(nd - k).join() !== shape.join()) {
    throw new Error(`Given normalized_shape=${fmtShape(shape)}, expected input with shape [*, ${shape.join(', ')}], ` +
      `but got input of size${fmtShape(input._shape)}`);
  }
  for (const [name, t] of [['weight', o.weight], ['bias', o.bias]] as const) {
    if (t && t._shape.join() !== shape.join()) {
      throw new Error(`Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape ` +
        `${fmtShape(t._shape)} and normalized_shape = ${fmtShape(shape)}`);
    }
  }
  const n = shape.reduce((a, b) => a * b, 1);
  const f32 = (t: Tensor | null) => !t || t.dtype === float32;
  if (input.dtype === float32 && f32(o.weight) && f32(o.bias) && input.numel() > 0) {
    // ATen's values (LayerNormKernelImplInternal) and one node whose backward is ATen's (LayerNormBackwardKernelImpl),
    // from the mean and rstd the forward saves
    const m = input.numel() / n;
    const [y, mean, rstd] = scoped(() => {
      const xc = input.contiguous();
      const w = o.weight?.contiguous() ?? null;
      const b = o.bias?.contiguous() ?? null;
      const r = [Tensor._empty(input._shape.slice(), float32), Tensor._empty([m], float32), Tensor._empty([m], float32)];
      // (its fused steps on the relaxed build where that gives the core's bits: src/backend/fma.ts)
      (fusedKernels() ?? K).layer_norm_f32(r[0]._ptr(), r[1]._ptr(), r[2]._ptr(), xc._ptr(), w ? w._ptr() : 0,
        b ? b._ptr() : 0, m, n, Math.fround(o.eps));
      return r;
    }, 'layer_norm');
    const inputs = [input, o.weight, o.bias].filter((t): t is Tensor => t !== null);
    const saved = o.weight ? [input, mean, rstd, o.weight] : [input, mean, rstd];
    const hasBias = o.bias !== null;
    const out = record('NativeLayerNormBackward0', y, inputs, saved, (g, sv, needs) =>
      layerNormBackward(g, sv[0], sv[1], sv[2], sv[3] ?? null, k, o.eps, needs, hasBias));
    [mean, rstd].forEach((t) => t.dispose());   // the node's saved aliases hold their memory
    return out;
  }
  // empty (or non-float) input: the composite
  const dims = shape.map((_, i) => nd - k + i);
  const mean = R.mean(input, dims, { keepdim: true });
  const dev = E.sub(input, mean);
  const v = R.mean(E.square(dev), dims, { keepdim: true });
  let y = E.mul(dev, E.rsqrt(E.add(v, o.eps)));
  if (o.weight) y = E.mul(y, o.weight);
  if (o.bias) y = E.add(y, o.bias);
  return named('NativeLayerNormBackward0', y);
}

/**
 * NativeLayerNormBackward0's rule over the last k dims (n floats per row): ATen's LayerNormBackwardKernelImpl
 * (assembly/backward.ts layer_norm_backward_f32, PyTorch's bits) from the forward's mean and rstd. Under create_graph
 * the gradients must be differentiable: then they are ops, with mean and rstd computed again from x as functions of
 * it (x̂ = (x − mean)·rstd, ĝ = g·w: dx = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)), dw = Σ g·x̂, db = Σ g over the rows).
 */
function layerNormBackward(g: Tensor, x: Tensor, mean: Tensor, rstd: Tensor, weight: Tensor | null, k: number,
  eps: number, needs: boolean[], hasBias: boolean): (Tensor | null)[] {
  const nd = x._shape.length;
  const wantW = weight !== null && needs[1];
  const wantB = hasBias && needs[weight ? 2 : 1];
  if (is_grad_enabled()) {
    const dims = Array.from({ length: k }, (_, i) => nd - k + i);
    const rows = Array.from({ length: nd - k }, (_, i) => i);
    const mu = R.mean(x, dims, { keepdim: true });
    const xmu = E.sub(x, mu);
    const rs = E.rsqrt(E.add(R.mean(E.square(xmu), dims, { keepdim: true }), eps));
    const xhat = E.mul(xmu, rs);
    const gh = weight ? E.mul(g, weight) : g;
    const gx = needs[0] ? E.mul(rs, E.sub(E.sub(gh, R.mean(gh, dims, { keepdim: true })),
      E.mul(xhat, R.mean(E.mul(gh, xhat), dims, { keepdim: true })))) : null;
    const rowSum = (t: Tensor) => (rows.length ? R.sum(t, rows) : t);
    const out: (Tensor | null)[] = [gx];
    if (weight) out.push(wantW ? rowSum(E.mul(g, xhat)) : null);
    if (hasBias) out.push(wantB ? rowSum(g) : null);
    return out;
  }
  const n = x._shape.slice(nd - k).reduce((a, b) => a * b, 1);
  const m = x.numel() / n;
  const wshape = x._shape.slice(nd - k);
  const gx = needs[0] ? Tensor._empty(x._shape.slice(), float32) : null;
  const gw = wantW ? Tensor._empty(wshape, float32) : null;
  const gb = wantB ? Tensor._empty(wshape, float32) : null;
  scoped(() => {
    const gc = g.contiguous();
    const xc = x.contiguous();
    const w = weight?.contiguous() ?? null;
    (fusedKernels() ?? K).layer_norm_backward_f32(gx ? gx._ptr() : 0, gw ? gw._ptr() : 0, gb ? gb._ptr() : 0, gc._ptr(), xc._ptr(),
      mean._ptr(), rstd._ptr(), w ? w._ptr() : 0, m, n);
  }, 'layer_norm backward');
  const out: (Tensor | null)[] = [gx];
  if (weight) out.push(gw);
  if (hasBias) out.push(gb);
  return out;
}

export interface BatchNormOptions {
  training?: boolean;
  momentum?: number;
  eps?: number;
}

/**
 * Batch normalization over dim 1 of (N, C, *). In training, normalizes with the batch's
 * statistics and updates `running_mean`/`running_var` in place (unbiased variance) with
 * `momentum`; otherwise uses the running statistics.
 * @example F.batch_norm(x, rm, rv, weight, bias, { training: true, momentum: 0.1 })
 */
export function batch_norm(
  input: Tensor, running_mean: Tensor | null, running_var: Tensor | null,
  weight?: Tensor | null | (BatchNormOptions & { weight?: Tensor | null; bias?: Tensor | null }), bias?: Tensor | null | BatchNormOptions,
  training?: boolean | BatchNormOptions, momentum?: number, eps?: number,
): Tensor {
  const o = parseArgs('batch_norm', ['weight', 'bias', 'training', 'momentum', 'eps'], arguments, 
    { weight: null as Tensor | null, bias: null as Tensor | null, training: false, momentum: 0.1, eps: 1e-5 }, 3);
  const nd = input._shape.length;
  if (nd < 2) throw new Error(`batch_norm(): expected an input with at least 2 dims (N, C, *), got ${fmtShape(input._shape)}`);
  // functional.py's _verify_batch_size, then ATen's checks
  if (o.training && input.numel() / input._shape[1] <= 1) {
    throw new Error(`Expected more than 1 value per channel when training, got input size ${formatSize(input._shape)}`);
  }
  return batchNormCore(input, running_mean, running_var, o.weight, o.bias, o.training, o.momentum, o.eps);
}

/** ATen's batch_norm (torch.batch_norm): F.batch_norm without functional.py's batch-size check. */
export function batchNormCore(input: Tensor, running_mean: Tensor | null, running_var: Tensor | null, weight: Tensor | null,
  bias: Tensor | null, training: boolean, momentum: number, eps: number): Tensor {
  const o = { weight, bias, training, momentum, eps };
  if (input._shape.length < 2) {
    throw new Error(`batch_norm(): expected an input with at least 2 dims (N, C, *), got ${fmtShape(input._shape)}`);
  }
  const c = input._shape[1];
  const check = (name: string, t: Tensor | null) => {
    if (t && t.numel() !== c) throw new Error(`${name} should contain ${c} elements not ${t.numel()}`);
  };
  check('running_mean', running_mean);
  check('running_var', running_var);
  check('weight', o.weight);
  check('bias', o.bias);
  if (!o.training && (!running_mean || !running_var)) {
    throw new Error(`${!running_mean ? 'running_mean' : 'running_var'} must be defined in evaluation mode`);
  }
  if (input.dtype === float32 && input.numel() > 0) {
    // ATen's values and running statistics, and one node with ATen's backward (batch_norm_backward_cpu's formula)
    const stats: Tensor[] = [];
    const y = scoped(() => no_grad(() => atenBatchNorm(input.detach(), running_mean, running_var, o.weight?.detach() ?? null,
      o.bias?.detach() ?? null, o.training, o.momentum, o.eps, stats)), 'the end of batch_norm() (an internal temporary)');
    const [mean, invstd] = stats;
    const inputs = [input, o.weight, o.bias].filter((t): t is Tensor => t !== null);
    const saved = o.weight ? [input, mean, invstd, o.weight] : [input, mean, invstd];
    const out = record('NativeBatchNormBackward0', y, inputs, saved, (g, sv, needs) =>
      batchNormBackward(g, sv[0], sv[1], sv[2], sv[3] ?? null, o.training, o.eps, needs, o.bias !== null));
    [mean, invstd].forEach((t) => t.dispose());   // the node's saved aliases hold their memory
    return out;
  }
  // empty (or non-float) input: the composite
  const dims = input._shape.map((_, i) => i).filter((i) => i !== 1);
  const bshape = input._shape.map((s, i) => (i === 1 ? s : 1));
  let mean: Tensor;
  let v: Tensor;
  if (o.training) {
    mean = R.mean(input, dims, { keepdim: true });
    v = R.mean(E.square(E.sub(input, mean)), dims, { keepdim: true });
    const n = input.numel() / c;
    const m = o.momentum;
    no_grad(() => {
      const bm = S.reshape(mean.detach(), [c]);
      const bv = S.reshape(v.detach(), [c]);
      if (running_mean) updateRunning(running_mean, bm, m);
      if (running_var) updateRunning(running_var, E.mul(bv, n / (n - 1)), m);
    });
  } else {
    mean = S.reshape(running_mean!, bshape);
    v = S.reshape(running_var!, bshape);
  }
  let y = E.mul(E.sub(input, mean), E.rsqrt(E.add(v, o.eps)));
  if (o.weight) y = E.mul(y, S.reshape(o.weight, bshape));
  if (o.bias) y = E.add(y, S.reshape(o.bias, bshape));
  return named('NativeBatchNormBackward0', y);
}

/**
 * NativeBatchNormBackward0's rule, ATen's batch_norm_backward_cpu: with x̂·σ = x − mean, Σ over every dim but the
 * channels, dotp = Σ (x − mean)·g; grad_input = (g − Σg/N − (x − mean)·dotp·invstd²/N)·invstd·w in training
 * (g·invstd·w in evaluation), grad_weight = dotp·invstd, grad_bias = Σg. In ops, so a second derivative works: then
 * (create_graph) mean and invstd are computed again from x, as functions of it, in place of the forward's values.
 */
function batchNormBackward(g: Tensor, x: Tensor, mean: Tensor, invstd: Tensor, weight: Tensor | null, training: boolean,
  eps: number, needs: boolean[], hasBias: boolean): (Tensor | null)[] {
  const c = x._shape[1];
  const dims = x._shape.map((_, i) => i).filter((i) => i !== 1);
  const bshape = x._shape.map((s, i) => (i === 1 ? s : 1));
  const n = x.numel() / c;
  let m = S.reshape(mean, bshape);
  let is = S.reshape(invstd, bshape);
  if (training && is_grad_enabled()) {
    m = R.mean(x, dims, { keepdim: true });
    is = E.rsqrt(E.add(R.mean(E.square(E.sub(x, m)), dims, { keepdim: true }), eps));
  }
  const xmu = E.sub(x, m);
  const gsum = R.sum(g, dims, { keepdim: true });
  const dotp = R.sum(E.mul(xmu, g), dims, { keepdim: true });
  const w = weight ? S.reshape(weight, bshape) : null;
  let gx: Tensor | null = null;
  if (needs[0]) {
    const scale = w ? E.mul(is, w) : is;
    gx = training
      ? E.mul(E.sub(E.sub(g, E.div(gsum, n)), E.mul(xmu, E.div(E.mul(dotp, E.square(is)), n))), scale)
      : E.mul(g, scale);
  }
  const out: (Tensor | null)[] = [gx];
  if (weight) out.push(needs[1] ? S.reshape(E.mul(dotp, is), [c]) : null);
  if (hasBias) out.push(needs[out.length] ? S.reshape(gsum, [c]) : null);
  return out;
}

/**
 * ATen's batch norm arithmetic (batch_norm_cpu_collect_stats and the running statistics' update in training, then the
 * fused transform of PyTorch's AVX2 build): the output; `stats` receives the batch's mean and invstd (in evaluation a
 * copy of the running mean and the invstd of the running variance), kept, for the backward.
 */
function atenBatchNorm(input: Tensor, running_mean: Tensor | null, running_var: Tensor | null, weight: Tensor | null,
  bias: Tensor | null, training: boolean, momentum: number, eps: number, stats?: Tensor[]): Tensor {
  const c = input._shape[1];
  const n = input._shape[0];
  const l = input.numel() / (n * c);
  const x = input.contiguous();
  let mean: Tensor;
  let invstd: Tensor;
  if (training) {
    mean = Tensor._empty([c], float32);
    invstd = Tensor._empty([c], float32);
    const varSum = Tensor._empty([c], float32);
    // running statistics are buffers (contiguous float32); any other kind is updated from the batch's as before
    const direct = (t: Tensor | null) => (t && t.dtype === float32 && t.is_contiguous() ? t : null);
    const rm = direct(running_mean);
    const rv = direct(running_var);
    rm?._bumpVersion();
    rv?._bumpVersion();
    K.batch_norm_stats_f32(mean._ptr(), invstd._ptr(), varSum._ptr(), x._ptr(), n, c, l, eps, rm ? rm._ptr() : 0,
      rv ? rv._ptr() : 0, momentum);
    if (running_mean && !rm) updateRunning(running_mean, mean, momentum);
    if (running_var && !rv) updateRunning(running_var, E.div(varSum, Math.fround(n * l - 1)), momentum);
  } else {
    // 1 / sqrt(running_var + eps) in float, as ATen's evaluation transform
    mean = running_mean!.contiguous();
    invstd = E.reciprocal(E.sqrt(E.add(running_var!.detach(), Math.fround(eps))));
  }
  const w = weight ? weight.contiguous() : null;
  const b = bias ? bias.contiguous() : null;
  const y = Tensor._empty(input._shape.slice(), float32);
  K.batch_norm_apply_f32(y._ptr(), x._ptr(), mean._ptr(), invstd._ptr(), w ? w._ptr() : 0, b ? b._ptr() : 0, n, c, l);
  // the statistics for the backward: kept past the caller's scope (the batch's, or the running ones copied)
  if (stats) stats.push(...(training ? [mean, invstd] : [mean.clone(), invstd]).map((t) => t.keep()));
  return y;
}

/** r = momentum * stat + (1 - momentum) * r, in place. */
function updateRunning(r: Tensor, stat: Tensor, momentum: number): void {
  const scope = openScope('batch_norm (running statistics update)');
  try {
    const nv = E.add(E.mul(stat, momentum), E.mul(r.detach(), 1 - momentum));
    r._bumpVersion();
    E.writeInto(r, S.reshape(nv, r._shape));
  } finally {
    scope.close();
  }
}

/**
 * Local response normalization across channels, as `torch.nn.functional.local_response_norm`:
 * x / (k + alpha · mean of x² over `size` neighbouring channels)^beta, input (N, C, *), PyTorch's
 * composition (zero-padded channels, an average pool of the squares).
 * @example F.local_response_norm(torch.randn(2, 8, 5, 5), 3)
 */
export function local_response_norm(input: Tensor, ...args: Init<[size: number], ['size'], [alpha: number, beta: number, k: number],
  { alpha?: number; beta?: number; k?: number }>): Tensor {
  // size by name too: F.local_response_norm(x, { size: 2 })
  const { size, ...o } = bind('local_response_norm', ['size', 'alpha', 'beta', 'k'], [], { alpha: 1e-4, beta: 0.75, k: 1 }, args, 1,
    true, true) as { size: number; alpha: number; beta: number; k: number };
  const dim = input._shape.length;
  if (dim < 3) {
    // PyTorch's message carries the indentation of its source line.
    throw new Error(`Expected 3D or higher dimensionality                          input (got ${dim} dimensions)`);
  }
  if (input.numel() === 0) return input;
  if (!Number.isInteger(size) || size <= 0) {
    throw new RangeError(dim === 3 ? `kernel size should be greater than zero, but got kH: ${size} kW: 1`
      : `kernel size should be greater than zero, but got kT: ${size} kH: 1 kW: 1`);
  }
  const [N, Cc] = input._shape;
  const sq = S.reshape(E.mul(input, input), [N, 1, Cc, -1]);
  const rest = sq._shape[3];
  const lo = Math.floor(size / 2);
  const hi = Math.floor((size - 1) / 2);
  const parts = [C.zeros([N, 1, lo, rest]), sq, C.zeros([N, 1, hi, rest])].filter((t) => t._shape[2] > 0);
  const pooled = avg_pool2d(S.cat(parts, 2), [size, 1], { stride: 1 });
  const div = E.pow(E.add(E.mul(S.reshape(pooled, input._shape), o.alpha), o.k), o.beta);
  return E.div(input, div);
}

/** Normalizes groups of channels of (N, C, *). */
export function group_norm(input: Tensor, num_groups: number, ...args: Args<[weight: Tensor | null, bias: Tensor | null, eps: number],
  { weight?: Tensor | null; bias?: Tensor | null; eps?: number }>): Tensor {
  const { weight, bias, eps } = bind('group_norm', ['weight', 'bias', 'eps'], [], { weight: null, bias: null, eps: 1e-5 }, args, 2, true);
  const [n, c] = input._shape;
  if (c % num_groups !== 0) {
    throw new Error(`Expected number of channels in input to be divisible by num_groups, but got input of shape ${formatSize(input._shape)} and num_groups=${num_groups}`);
  }
  const g = S.reshape(input, [n, num_groups, -1]);
  const mean = R.mean(g, [2], { keepdim: true });
  const dev = E.sub(g, mean);
  const v = R.mean(E.square(dev), [2], { keepdim: true });
  let y = S.reshape(E.mul(dev, E.rsqrt(E.add(v, eps))), input._shape);
  const bshape = input._shape.map((s, i) => (i === 1 ? s : 1));
  if (weight) y = E.mul(y, S.reshape(weight, bshape));
  if (bias) y = E.add(y, S.reshape(bias, bshape));
  // ATen's values (GroupNormKernelImplInternal: RowwiseMoments per group, then (x - mean) * rstd, or fused
  // scale * x + bias per channel) written over the composite's, whose graph gives the gradients. A 4-D or 5-D input
  // that is not contiguous may be channels-last, which 1.13 runs through another kernel: the composite's values stay.
  if (input.dtype === float32 && y.is_contiguous() && y.numel() > 0 && (input._shape.length < 4 || input.is_contiguous()) &&
    (!weight || weight.dtype === float32) && (!bias || bias.dtype === float32)) {
    scoped(() => {
      const xc = input.contiguous();
      const w = weight ? weight.contiguous() : null;
      const b = bias ? bias.contiguous() : null;
      (fusedKernels() ?? K).group_norm_f32(y._ptr(), 0, 0, xc._ptr(), w ? w._ptr() : 0, b ? b._ptr() : 0, n, c, input.numel() / (n * c),
        num_groups, Math.fround(eps));
    }, 'group_norm');
  }
  return renamed('NativeGroupNormBackward0', y);
}

// ---------------------------------------------------------------- distances

/** x / max(‖x‖_p, eps) along dim. @example F.normalize(x, 2, 1) */
export function normalize(input: Tensor, p?: number | { p?: number; dim?: number; eps?: number }, dim?: number, eps?: number): Tensor {
  const o = parseArgs('normalize', ['p', 'dim', 'eps'], arguments, { p: 2, dim: 1, eps: 1e-12 });
  const n = R.norm(input, o.p, o.dim, { keepdim: true });
  return E.div(input, S.expand(E.clamp(n, o.eps, null), input._shape));
}

/** Cosine of the angle between x1 and x2 along dim: `F.cosine_similarity(a, b)`, `torch.cosine_similarity(a, { x2: b, dim: 0 })`. */
export function cosine_similarity(x1: Tensor, x2: Tensor, dim?: number | { dim?: number; eps?: number }, eps?: number): Tensor;
export function cosine_similarity(x1: Tensor, kw: { x2: Tensor; dim?: number; eps?: number }): Tensor;
export function cosine_similarity(x1: Tensor, ...args: unknown[]): Tensor {
  const o = nativeAfter('cosine_similarity', 1, ['x2', 'dim', 'eps'], { dim: 1, eps: 1e-8 }, args);
  let x2 = tensorArg('cosine_similarity', 'x2', argPosition(args, 0, 1), o.x2);
  // PyTorch computes in the inputs' common dtype, which must be floating
  if (x1.dtype !== float32 && x2.dtype !== float32) {
    throw new TypeError(`expected common dtype to be floating point, yet common dtype is ${x1.dtype === int64 || x2.dtype === int64 ? 'Long' : 'Bool'}`);
  }
  if (x1.dtype !== float32) x1 = E.cast(x1, float32);
  if (x2.dtype !== float32) x2 = E.cast(x2, float32);
  // PyTorch 1.13: each input divided by its norm (the squared norm clamped to eps² in place, without grad),
  // then the sum of products, which keeps the result in [-1, 1]
  const shape = broadcastShapes(x1._shape, x2._shape);
  const a = S.expand(x1, shape);
  const b = S.expand(x2, shape);
  const s1 = R.sum(E.pow(a, 2), o.dim, { keepdim: true });
  const s2 = R.sum(E.pow(b, 2), o.dim, { keepdim: true });
  no_grad(() => {
    MT.clamp_min_(s1, o.eps * o.eps);
    MT.clamp_min_(s2, o.eps * o.eps);
  });
  return R.sum(E.mul(E.div(a, E.sqrt(s1)), E.div(b, E.sqrt(s2))), o.dim);
}

/** ‖x1 - x2 + eps‖_p along the last dim: `F.pairwise_distance(a, b)`, `torch.pairwise_distance(a, { x2: b, p: 1 })`. */
export function pairwise_distance(
  x1: Tensor, x2: Tensor, p?: number | { p?: number; eps?: number; keepdim?: boolean }, eps?: number, keepdim?: boolean,
): Tensor;
export function pairwise_distance(x1: Tensor, kw: { x2: Tensor; p?: number; eps?: number; keepdim?: boolean }): Tensor;
export function pairwise_distance(x1: Tensor, ...args: unknown[]): Tensor {
  const o = nativeAfter('pairwise_distance', 1, ['x2', 'p', 'eps', 'keepdim'], { p: 2, eps: 1e-6, keepdim: false }, args);
  const x2 = tensorArg('pairwise_distance', 'x2', argPosition(args, 0, 1), o.x2);
  const nd = Math.max(x1._shape.length, x2._shape.length);
  const d = E.add(E.sub(x1, x2), o.eps);
  return R.norm(d, o.p, nd === 0 ? null : -1, { keepdim: o.keepdim });
}

// ---------------------------------------------------------------- losses

export type Reduction = 'none' | 'mean' | 'sum';

function reduce(loss: Tensor, reduction: string): Tensor {
  if (reduction === 'mean') return R.mean(loss);
  if (reduction === 'sum') return R.sum(loss);
  if (reduction === 'none') return loss;
  throw new Error(`${reduction} is not a valid value for reduction`);
}

function checkReduction(reduction: string): void {
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new Error(`${reduction} is not a valid value for reduction`);
  }
}

/** PyTorch warns (and broadcasts) when a pointwise loss's target size differs from the input's. */
function warnSize(input: Tensor, target: Tensor): void {
  if (input._shape.join() !== target._shape.join()) {
    console.warn(`UserWarning: Using a target size (${formatSize(target._shape)}) that is different to the input size ` +
      `(${formatSize(input._shape)}). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.`);
  }
}

/** PyTorch's errors for an integer or bool target of the binary cross entropies (ATen's dtype checks). */
function checkFloatTarget(op: string, target: Tensor): void {
  if (target.dtype === float32) return;
  if (op === 'binary_cross_entropy') throw new Error(`Found dtype ${pyTypeName(target)} but expected Float`);
  // with logits: ATen computes (1 - target) first, then writes a float result into the target's dtype
  if (target.dtype === bool) {
    throw new TypeError('Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
  }
  throw new Error(`result type Float can't be cast to the desired output type ${pyTypeName(target)}`);
}

export interface ReductionOptions { reduction?: Reduction; size_average?: boolean | null; reduce?: boolean | null }
type SR = [size_average: boolean | null, reduce: boolean | null, reduction: Reduction];
const SR = ['size_average', 'reduce', 'reduction'];
type W = Tensor | null;

/** PyTorch's _Reduction.legacy_get_string: the deprecated size_average/reduce, when either is given, set the reduction
 *  (each absent one true), with PyTorch's warning (once per message, as Python's default filter shows it). */
export function legacyReduction(size_average: boolean | null | undefined, reduce: boolean | null | undefined): Reduction | undefined {
  if (size_average == null && reduce == null) return undefined;
  const r = reduce ?? true;
  const ret = (size_average ?? true) && r ? 'mean' : r ? 'sum' : 'none';
  const m = `size_average and reduce args will be deprecated, please use reduction='${ret}' instead.`;
  warnOnce(m, m);
  return ret;
}

/** Each loss function's defaults for `bind` (all undefined: the function applies its own). */
const lossDefaults = new Map<string, Record<string, undefined>>();

/** The function and position PyTorch's message names for a loss's target that is not a Tensor (F calls a torch
 *  function with it second): its own name else. */
const TARGET_FN: Record<string, string> = { cross_entropy: 'cross_entropy_loss', nll_loss: 'nll_loss_nd' };

/**
 * A loss function's arguments (after `lead` tensors), by position in PyTorch 1.13's order (`names`) or in the
 * options (`kw`: keyword-only); unknown, doubled and missing names are Python's TypeError. A `target` among
 * `names` is required and may come by name too (`F.mse_loss(x, { target: y })`): it must be a Tensor.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function lossArgs(fn: string, lead: number, names: string[], args: readonly unknown[], kw: string[] = []): Record<string, any> {
  let defaults = lossDefaults.get(fn);
  if (!defaults) {
    lossDefaults.set(fn, defaults = Object.fromEntries([...names, ...kw].filter((k) => k !== 'target').map((k) => [k, undefined])));
  }
  const o = bind(fn, names, kw, defaults, args, lead, true, true);
  if (names[0] === 'target') tensorArg(TARGET_FN[fn] ?? fn, 'target', lead + 1, o.target);
  o.reduction = legacyReduction(o.size_average, o.reduce) ?? o.reduction;
  return o;
}

/** A loss's arguments after its input: the target then `P` by position (the rest in a trailing options object
 *  `O`), or all by name (`{ target, reduction }`). */
type Target<P extends unknown[], O> = Init<[target: Tensor], ['target'], P, O>;

/** mean((x - y)²). @example F.mse_loss(x, y, { reduction: 'sum' }) */
export function mse_loss(input: Tensor, ...args: Target<SR, ReductionOptions>): Tensor {
  const { target, ...opts } = lossArgs('mse_loss', 1, ['target', ...SR], args);
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  if (input.dtype !== float32) throw new TypeError(`"mse_cpu" not implemented for '${pyTypeName(input)}'`);
  warnSize(input, target);
  // an int or bool target is promoted, as PyTorch's kernel does
  const t = target.dtype === float32 ? target : E.cast(target, float32);
  return named('MseLossBackward0', reduce(E.square(E.sub(input, t)), reduction), [input, target]);
}

/** mean(|x - y|). */
export function l1_loss(input: Tensor, ...args: Target<SR, ReductionOptions>): Tensor {
  const { target, ...opts } = lossArgs('l1_loss', 1, ['target', ...SR], args);
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  warnSize(input, target);
  // an int target is promoted by the subtraction; a bool one is its error, as in PyTorch
  const t = target.dtype === int64 && input.dtype === float32 ? E.cast(target, float32) : target;
  const loss = reduce(E.abs(E.sub(input, t)), reduction);
  if (loss.dtype !== float32) {
    throw new TypeError('mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long');
  }
  return loss;
}

/** Quadratic below beta, linear above: 0.5 z²/beta if z < beta else z - 0.5 beta. */
export function smooth_l1_loss(input: Tensor, ...args: Target<[...SR, beta: number], ReductionOptions & { beta?: number }>): Tensor {
  const { target, ...opts } = lossArgs('smooth_l1_loss', 1, ['target', ...SR, 'beta'], args);
  const reduction = opts.reduction ?? 'mean';
  const beta = opts.beta ?? 1;
  checkReduction(reduction);
  if (beta < 0) throw new Error('smooth_l1_loss does not support negative values for beta.');
  warnSize(input, target);
  // int and bool targets are promoted, as PyTorch's kernel does
  const t = target.dtype !== float32 && input.dtype === float32 ? E.cast(target, float32) : target;
  if (beta === 0) return l1_loss(input, t, { reduction });
  const z = E.abs(E.sub(input, t));
  const loss = E.where(E.lt(z.detach(), beta), E.div(E.mul(E.square(z), 0.5), beta), E.sub(z, 0.5 * beta));
  return named('SmoothL1LossBackward0', reduce(loss, reduction), [input, target]);
}

/** Huber: 0.5 z² if z < delta else delta (z - 0.5 delta). */
export function huber_loss(input: Tensor, ...args: Target<[reduction: Reduction, delta: number], ReductionOptions & { delta?: number }>): Tensor {
  const { target, ...opts } = lossArgs('huber_loss', 1, ['target', 'reduction', 'delta'], args);
  const reduction = opts.reduction ?? 'mean';
  const delta = opts.delta ?? 1;
  checkReduction(reduction);
  if (delta <= 0) throw new Error('huber_loss does not support non-positive values for delta.');
  warnSize(input, target);
  const t = target.dtype !== float32 && input.dtype === float32 ? E.cast(target, float32) : target;
  const z = E.abs(E.sub(input, t));
  const loss = E.where(E.lt(z.detach(), delta), E.mul(E.square(z), 0.5), E.mul(E.sub(z, 0.5 * delta), delta));
  return named('HuberLossBackward0', reduce(loss, reduction), [input, target]);
}

export interface NLLOptions extends ReductionOptions {
  ignore_index?: number;
}

/**
 * nll_loss_nd's checks, then those of the function it reaches (nll_loss for 1-D and 2-D input, nll_loss2d
 * for the rest, reshaped to 4-D), in ATen's order: the batch size first, the requires_grad weight (autograd's
 * check, before the function's own), the target's shape, the weight's, and the int64 dtype last (the kernel's).
 */
function checkNll(input: Tensor, target: Tensor, weight: Tensor | null): void {
  const nd = input._shape.length;
  const ts = target._shape;
  if (nd < 1) throw new Error(`Expected 1 or more dimensions (got ${nd})`);
  // a 0-d target's size(0) reads the 0 of ATen's empty sizes
  if (nd !== 1 && input._shape[0] !== (ts[0] ?? 0)) {
    throw new Error(`Expected input batch_size (${input._shape[0]}) to match target batch_size (${ts[0] ?? 0}).`);
  }
  if (nd > 2 && nd !== 4 && ts.slice(1).join() !== input._shape.slice(2).join()) {
    throw new Error(`Expected target size ${fmtShape([input._shape[0], ...input._shape.slice(2)])}, got ${fmtShape(ts)}`);
  }
  if (weight?.requires_grad && is_grad_enabled()) {
    throw new Error(`The function '${nd <= 2 ? 'nll_loss_forward' : 'nll_loss2d_forward'}' is not differentiable with ` +
      `respect to argument 'weight'. This input cannot have requires_grad True.`);
  }
  const ncls = input._shape[nd === 1 ? 0 : 1];
  if (nd <= 2) {
    if (ts.length > 1) throw new Error('0D or 1D target tensor expected, multi-target not supported');
    if (nd === 2 && ts.length === 0) throw new RangeError('Dimension specified as 0 but tensor has no dimensions');
    // a 1-D input takes a 0-d target, or a 1-D one of its own length (whose first entry it reads)
    if (ts.length === 1 && input._shape[0] !== ts[0]) {
      throw new Error(`size mismatch (got input: ${fmtShape(input._shape)}, target: ${fmtShape(ts)})`);
    }
    if (weight && (weight._shape.length !== 1 || weight._shape[0] !== ncls)) {
      throw new Error(`weight tensor should be defined either for all ${ncls} classes or no classes but got weight tensor of shape: ${fmtShape(weight._shape)}`);
    }
  } else {
    // nll_loss2d's checks: nll_loss_nd made any other input 4-D and its target 3-D
    if (nd === 4 && ts.length !== 3) {
      throw new Error(`only batches of spatial targets supported (3D tensors) but got targets of dimension: ${ts.length}`);
    }
    if (weight && weight.numel() !== ncls) throw new Error('weight tensor should be defined either for all or no classes');
    if (nd === 4 && (ts[1] !== input._shape[2] || ts[2] !== input._shape[3])) {
      throw new Error(`size mismatch (got input: ${fmtShape(input._shape)} , target: ${fmtShape(ts)}`);
    }
  }
  if (target.dtype !== int64) throw new TypeError(`expected scalar type Long but found ${pyTypeName(target)}`);
}

/** The weight of each target entry (0 where ignored), and the safe (in-range) targets. */
function targetWeights(target: Tensor, weight: Tensor | null, ignoreIndex: number, numClasses: number): [Tensor, Tensor] {
  const ignored = E.eq(target, ignoreIndex);
  const safe = E.where(ignored, 0, target);
  if (safe.numel() > 0) {
    const [lo, hi] = S.indexRange(safe);
    if (lo < 0 || hi >= numClasses) throw new RangeError(`Target ${lo < 0 ? lo : hi} is out of bounds.`);
  }
  let w: Tensor;
  if (weight) w = S.reshape(S.index_select(weight.detach(), 0, S.reshape(safe, [-1])), safe._shape);
  else w = E.cast(E.logical_not(ignored), float32);
  if (weight) w = E.where(ignored, 0, w);
  return [safe, w];
}

/**
 * Negative log likelihood of the target classes under log-probabilities `input` (N, C, ...).
 * @example F.nll_loss(F.log_softmax(x, 1), y, weight, { ignore_index: -100 })
 */
export function nll_loss(input: Tensor, ...args: Target<[weight: W, size_average: boolean | null, ignore_index: number, reduce: boolean | null, reduction: Reduction], NLLOptions & { weight?: W }>): Tensor {
  const { target, ...opts } = lossArgs('nll_loss', 1, ['target', 'weight', 'size_average', 'ignore_index', 'reduce', 'reduction'], args);
  const weight: Tensor | null = opts.weight ?? null;
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  checkNll(input, target, weight);
  const ignore = opts.ignore_index ?? -100;
  const nd = input._shape.length;
  const ncls = nd === 1 ? input._shape[0] : input._shape[1];
  if (nd <= 2 && (ignore | 0) === ignore) return R.nllLoss(input, target, weight, reduction, ignore);
  const x = nd === 1 ? S.unsqueeze(input, 0) : input;
  const t = nd === 1 ? S.reshape(target.dim() ? S.narrow(target, 0, 0, 1) : target, [1]) : target;
  const [safe, w] = targetWeights(t, weight && S.reshape(weight, [-1]), ignore, ncls);
  const picked = S.squeeze(S.gather(x, 1, S.unsqueeze(safe, 1)), 1);
  let loss = E.neg(E.mul(picked, w));
  let out: Tensor;
  if (reduction === 'none') {
    if (nd === 1) loss = S.reshape(loss, []);
    out = loss;
  } else if (reduction === 'sum') out = R.sum(loss);
  else out = E.div(R.sum(loss), R.sum(w));
  // PyTorch runs nll_loss2d on inputs of 3 or more dims (reshaped to 4, then viewed back when unreduced)
  return named(nd <= 2 ? 'NllLossBackward0' : reduction === 'none' && nd !== 4 ? 'ViewBackward0' : 'NllLoss2DBackward0', out);
}

export interface CrossEntropyOptions extends NLLOptions {
  label_smoothing?: number;
}

/**
 * Cross entropy of logits (N, C, ...) against class indices (int64) or class probabilities
 * (float, same shape as input), with weight, ignore_index and label_smoothing as PyTorch.
 * @example F.cross_entropy(x, y, { reduction: 'sum', label_smoothing: 0.1 })
 */
export function cross_entropy(input: Tensor, ...args: Target<[weight: W, size_average: boolean | null, ignore_index: number, reduce: boolean | null, reduction: Reduction, label_smoothing: number], CrossEntropyOptions & { weight?: W }>): Tensor {
  const { target, ...opts } = lossArgs('cross_entropy', 1, ['target', 'weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'], args);
  const w: Tensor | null = opts.weight ?? null;
  const reduction = opts.reduction ?? 'mean';
  const ls = opts.label_smoothing ?? 0;
  const ignore = opts.ignore_index ?? -100;
  checkReduction(reduction);
  const nd = input._shape.length;
  const classDim = nd === 1 ? 0 : 1;
  const ncls = input._shape[classDim];
  const wshape = input._shape.map((s, i) => (i === classDim ? s : 1));
  // ATen checks label_smoothing only where it is used: a negative one means none
  const checkSmoothing = () => {
    if (ls > 1) throw new Error(`label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
  };
  if (input._shape.length === target._shape.length && input._shape.every((s, i) => s === target._shape[i])) {
    // Class probabilities.
    if (target.dtype !== float32) {
      throw new TypeError(`Expected floating point type for target with class probabilities, got ${pyTypeName(target)}`);
    }
    if (ignore >= 0) throw new Error('ignore_index is not supported for floating point target');
    if (nd === 0) throw new RangeError('Dimension specified as 1 but tensor has no dimensions');
    if (w && (w._shape.length !== 1 || w._shape[0] !== ncls)) {
      throw new Error(`cross_entropy: weight tensor should be defined either for all ${ncls} classes or no classes but got weight tensor of shape: ${fmtShape(w._shape)}`);
    }
    checkSmoothing();
    const logp = R.log_softmax(input, classDim);
    const tt = ls > 0 ? E.add(E.mul(target, 1 - ls), ls / ncls) : target;
    let prod = E.mul(logp, tt);
    if (w) prod = E.mul(prod, S.reshape(w, wshape));
    if (reduction === 'none') return E.neg(R.sum(prod, classDim));
    if (reduction === 'sum') return E.neg(R.sum(prod));
    // ATen divides by a Scalar: DivBackward1
    return renamed('DivBackward1', E.div(E.neg(R.sum(prod)), input.numel() / ncls));
  }
  checkSmoothing();
  normDim(classDim, nd); // log_softmax's check, before nll_loss's
  checkNll(input, target, w);
  const logp = R.log_softmax(input, classDim);
  const nll = nll_loss(logp, target, w, { reduction, ignore_index: ignore });
  if (ls <= 0) return nll;
  // Label smoothing: (1 - ε) nll + ε/C Σ_c -w_c log p_c, over the non-ignored entries.
  const ignored = E.eq(target, ignore);
  let smooth = w ? E.neg(R.sum(E.mul(logp, S.reshape(w, wshape)), classDim)) : E.neg(R.sum(logp, classDim));
  smooth = E.where(ignored, 0, smooth);
  let ret: Tensor;
  if (reduction === 'mean') {
    if (w) {
      const [, tw] = targetWeights(target, w, ignore, ncls);
      ret = E.div(R.sum(smooth), R.sum(tw));
    } else ret = E.div(R.sum(smooth), R.sum(E.cast(E.logical_not(ignored), float32)));
  } else if (reduction === 'sum') ret = R.sum(smooth);
  else ret = smooth;
  return E.add(E.mul(nll, 1 - ls), E.mul(ret, ls / ncls));
}

function checkBinaryTarget(input: Tensor, target: Tensor): void {
  if (input._shape.join() !== target._shape.join()) {
    throw new Error(`Using a target size (${formatSize(target._shape)}) that is different to the input size ` +
      `(${formatSize(input._shape)}) is deprecated. Please ensure they have the same size.`);
  }
}

/**
 * Binary cross entropy of probabilities: -w (y log x + (1 - y) log(1 - x)), logs clamped at -100.
 * @example F.binary_cross_entropy(torch.sigmoid(x), y)
 */
/** PyTorch's refusal of a requires_grad tensor for an argument its derivative formula does not cover. */
function checkNotDifferentiable(fn: string, arg: string, t: Tensor | null): void {
  if (t && t.requires_grad && is_grad_enabled()) {
    throw new Error(`The function '${fn}' is not differentiable with respect to argument '${arg}'. ` +
      'This input cannot have requires_grad True.');
  }
}

export function binary_cross_entropy(input: Tensor, ...args: Target<[weight: W, ...SR], ReductionOptions & { weight?: W }>): Tensor {
  const { target, ...opts } = lossArgs('binary_cross_entropy', 1, ['target', 'weight', ...SR], args);
  const w: Tensor | null = opts.weight ?? null;
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  checkBinaryTarget(input, target);
  checkFloatTarget('binary_cross_entropy', target);
  checkNotDifferentiable('binary_cross_entropy', 'weight', w);
  if (input.numel() > 0) {
    const bad = R.any(E.logical_or(E.lt(input.detach(), 0), E.logical_or(E.gt(input.detach(), 1), E.isnan(input.detach()))));
    if (bad.item()) throw new Error('all elements of input should be between 0 and 1');
  }
  // Forward as PyTorch (logs clamped at -100); backward as PyTorch: g w (x - y) / max(x (1 - x), 1e-12).
  const raw = no_grad(() => {
    const lx = E.clamp(E.log(input), -100, null);
    const l1x = E.clamp(E.log(rsub(input, 1)), -100, null);
    let l = E.neg(E.add(E.mul(target, lx), E.mul(rsub(target, 1), l1x)));
    if (w) l = E.mul(l, w);
    return l;
  });
  const inputs: Tensor[] = w ? [input, target, w] : [input, target];
  const loss = record('BinaryCrossEntropyBackward0', raw, inputs, inputs, (g, [x, y, ww]) => {
    const den = E.clamp(E.mul(x, rsub(x, 1)), 1e-12, null);
    let gx = E.div(E.mul(g, E.sub(x, y)), den);
    // d/dy = log(1 - x) - log(x), each clamped as in the forward
    let gy = E.mul(g, E.sub(E.clamp(E.log(rsub(x, 1)), -100, null), E.clamp(E.log(x), -100, null)));
    if (ww) { gx = E.mul(gx, ww); gy = E.mul(gy, ww); }
    const grads: (Tensor | null)[] = [gx, gy];
    if (ww) grads.push(null);
    return grads;
  });
  return named('BinaryCrossEntropyBackward0', reduce(loss, reduction));
}

/**
 * Sigmoid + binary cross entropy in one numerically stable expression, with pos_weight for
 * positive examples. @example F.binary_cross_entropy_with_logits(x, y, null, { pos_weight })
 */
export function binary_cross_entropy_with_logits(
  input: Tensor, ...args: Target<[weight: W, ...SR, pos_weight: W], ReductionOptions & { weight?: W; pos_weight?: W }>
): Tensor {
  const { target, ...opts } = lossArgs('binary_cross_entropy_with_logits', 1, ['target', 'weight', ...SR, 'pos_weight'], args);
  const weight: Tensor | null = opts.weight ?? null;
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  if (input._shape.join() !== target._shape.join()) {
    throw new Error(`Target size (${formatSize(target._shape)}) must be the same as input size (${formatSize(input._shape)})`);
  }
  checkFloatTarget('binary_cross_entropy_with_logits', target);
  checkNotDifferentiable('binary_cross_entropy_with_logits', 'pos_weight', opts.pos_weight ?? null);
  // max_val = max(-x, 0); loss = (1 - y) x + lw (log(exp(-max_val) + exp(-x - max_val)) + max_val)
  const maxVal = E.clamp(E.neg(input), 0, null);
  const lse = E.add(E.log(E.add(E.exp(E.neg(maxVal)), E.exp(E.sub(E.neg(input), maxVal)))), maxVal);
  const oneMinusY = rsub(target, 1);
  let loss: Tensor;
  const pw = opts.pos_weight ?? null;
  if (pw) {
    const logWeight = E.add(E.mul(E.sub(pw, 1), target), 1);
    loss = E.add(E.mul(oneMinusY, input), E.mul(logWeight, lse));
  } else {
    loss = E.add(E.mul(oneMinusY, input), lse);
  }
  if (weight) loss = E.mul(loss, weight);
  return named('BinaryCrossEntropyWithLogitsBackward0', reduce(loss, reduction));
}

/** Kullback-Leibler divergence of log-probabilities `input` from `target`. */
export function kl_div(input: Tensor, ...args: Target<[size_average: boolean | null, reduce: boolean | null, reduction: Reduction | 'batchmean', log_target: boolean], Omit<ReductionOptions, 'reduction'> & { reduction?: Reduction | 'batchmean'; log_target?: boolean }>): Tensor {
  const { target, ...opts } = lossArgs('kl_div', 1, ['target', ...SR, 'log_target'], args);
  if (input.dtype !== float32 || target.dtype !== float32) throw new TypeError('kl_div: Integral inputs not supported.');
  const reduction = opts.reduction ?? 'mean';
  if (reduction !== 'batchmean') checkReduction(reduction);
  let loss: Tensor;
  if (opts.log_target) loss = E.mul(E.exp(target), E.sub(target, input));
  else {
    // xlogy(t, t) - t x, with 0 log 0 = 0
    const safe = E.where(E.eq(target.detach(), 0), 1, target);
    loss = E.sub(E.mul(target, E.log(safe)), E.mul(target, input));
  }
  if (reduction === 'batchmean') {
    const s = R.sum(loss);
    return input._shape.length === 0 ? s : E.div(s, input._shape[0]);
  }
  return reduce(loss, reduction);
}

/** Poisson negative log likelihood: exp(x) - y x (log_input) or x - y log(x + eps). */
export function poisson_nll_loss(
  input: Tensor, ...args: Target<[log_input: boolean, full: boolean, size_average: boolean | null, eps: number, reduce: boolean | null, reduction: Reduction], ReductionOptions & { log_input?: boolean; full?: boolean; eps?: number }>
): Tensor {
  const { target, ...opts } = lossArgs('poisson_nll_loss', 1, ['target', 'log_input', 'full', 'size_average', 'eps', 'reduce', 'reduction'], args);
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  const logInput = opts.log_input ?? true;
  const eps = opts.eps ?? 1e-8;
  let loss = logInput ? E.sub(E.exp(input), E.mul(target, input)) : E.sub(input, E.mul(target, E.log(E.add(input, eps))));
  if (opts.full) {
    // Stirling's term where target > 1, masked as PyTorch (so its gradient is NaN at target 0, as there).
    const st = E.add(E.sub(E.mul(target, E.log(target)), target), E.mul(E.log(E.mul(target, 2 * Math.PI)), 0.5));
    loss = E.add(loss, E.where(E.le(target.detach(), 1), 0, st));
  }
  return reduce(loss, reduction);
}

/** Gaussian negative log likelihood: 0.5 (log var + (x - y)² / var) (+ 0.5 log 2π when full). */
export function gaussian_nll_loss(
  input: Tensor, target: Tensor, variance: Tensor, ...args: Args<[full: boolean, eps: number, reduction: Reduction], ReductionOptions & { full?: boolean; eps?: number }>
): Tensor {
  const opts = lossArgs('gaussian_nll_loss', 3, ['full', 'eps', 'reduction'], args);
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  const eps = opts.eps ?? 1e-6;
  let v = variance;
  if (v._shape.join() !== input._shape.join()) {
    const is = input._shape;
    if (is.slice(0, -1).join() === v._shape.join()) v = S.unsqueeze(v, -1);
    else if (!(is.slice(0, -1).join() === v._shape.slice(0, -1).join() && v._shape[v._shape.length - 1] === 1)) {
      throw new Error('var is of incorrect size');
    }
  }
  if (R.any(E.lt(v.detach(), 0)).item()) throw new Error('var has negative entry/entries');
  // var.clamp(min=eps) without grad through the clamp, as PyTorch's in-place clamp under no_grad.
  const clamped = E.clamp(v.detach(), eps, null);
  const vc = record('CloneBackward0', clamped, [v], [], (g) => [g]);
  let loss = E.mul(E.add(E.log(vc), E.div(E.square(E.sub(input, target)), vc)), 0.5);
  if (opts.full) loss = E.add(loss, 0.5 * Math.log(2 * Math.PI));
  return reduce(loss, reduction);
}

/** max(0, -y (x1 - x2) + margin). */
export function margin_ranking_loss(input1: Tensor, input2: Tensor, target: Tensor, ...args: Args<[margin: number, ...SR], ReductionOptions & { margin?: number }>): Tensor {
  const opts = lossArgs('margin_ranking_loss', 3, ['margin', ...SR], args);
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  if (input1._shape.length !== input2._shape.length || input1._shape.length !== target._shape.length) {
    throw new Error(`margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: ${formatSize(input1._shape)}, input2: ${formatSize(input2._shape)}, target: ${formatSize(target._shape)} `);
  }
  const loss = E.clamp_min(E.add(E.mul(E.neg(target), E.sub(input1, input2)), opts.margin ?? 0), 0);
  return reduce(loss, reduction);
}

/** x where y = 1, max(0, margin - x) where y = -1. */
export function hinge_embedding_loss(input: Tensor, ...args: Target<[margin: number, ...SR], ReductionOptions & { margin?: number }>): Tensor {
  const { target, ...opts } = lossArgs('hinge_embedding_loss', 1, ['target', 'margin', ...SR], args);
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  const marginClamp = E.clamp(rsub(input, opts.margin ?? 1), 0, null);
  const outMargin = E.where(E.ne(target, 1), marginClamp, 0);
  const outSelf = E.where(E.ne(target, -1), input, 0);
  return reduce(E.add(outMargin, outSelf), reduction);
}

/** Σ_{j target, i not} max(0, 1 - (x_j - x_i)) / C, targets listed until the first -1. */
export function multilabel_margin_loss(input: Tensor, ...args: Target<SR, ReductionOptions>): Tensor {
  const { target, ...opts } = lossArgs('multilabel_margin_loss', 1, ['target', ...SR], args);
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  if (target.dtype !== int64) throw new TypeError(`expected scalar type Long but found ${pyTypeName(target)}`);
  const nd = input._shape.length;
  if (nd > 2 || input._shape.join() !== target._shape.join()) {
    throw new Error(`inconsistent target size: ${fmtShape(target._shape)} for input of size: ${fmtShape(input._shape)}`);
  }
  const x = nd <= 1 ? S.reshape(input, [1, -1]) : input;
  const [n, c] = x._shape;
  // cnt[n, j]: how often class j is listed as a target (a row's list ends at its first negative);
  // notT[n, i]: 0 where class i is listed at all, else 1
  const tc = target.contiguous();
  const cnt = Tensor._empty([n, c, 1], float32);
  const notT = Tensor._empty([n, 1, c], float32);
  const bad = n * c ? K.multilabel_targets_32(cnt._ptr(), notT._ptr(), tc._ptr(), n, c) : -1;
  if (bad >= 0) throw new RangeError(`Target ${I32()[(tc._ptr() >>> 2) + bad]} is out of bounds.`);
  // z[n, j, i] = 1 - x_j + x_i
  const z = E.add(rsub(S.unsqueeze(x, 2), 1), S.unsqueeze(x, 1));
  let loss = E.div(R.sum(E.mul(E.mul(E.relu(z), cnt), notT), [1, 2]), c);
  if (nd <= 1) loss = S.reshape(loss, []);
  return named('MultilabelMarginLossBackward0', reduce(loss, reduction));
}

/** log(1 + exp(-y x)). */
export function soft_margin_loss(input: Tensor, ...args: Target<SR, ReductionOptions>): Tensor {
  const { target, ...opts } = lossArgs('soft_margin_loss', 1, ['target', ...SR], args);
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  return named('SoftMarginLossBackward0', reduce(E.log1p(E.exp(E.mul(E.neg(input), target))), reduction));
}

/** Per-class logistic loss averaged over classes: -(y logσ(x) + (1 - y) logσ(-x)). */
export function multilabel_soft_margin_loss(input: Tensor, ...args: Target<[weight: W, ...SR], ReductionOptions & { weight?: W }>): Tensor {
  const { target, ...opts } = lossArgs('multilabel_soft_margin_loss', 1, ['target', 'weight', ...SR], args);
  const weight: Tensor | null = opts.weight ?? null;
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  let loss = E.neg(E.add(E.mul(target, logsigmoid(input)), E.mul(rsub(target, 1), logsigmoid(E.neg(input)))));
  if (weight) loss = E.mul(loss, weight);
  const c = input._shape[input._shape.length - 1];
  loss = E.div(R.sum(loss, input._shape.length - 1), c);
  return reduce(loss, reduction);
}

/** 1 - cos(x1, x2) where y = 1, max(0, cos - margin) where y = -1. */
export function cosine_embedding_loss(input1: Tensor, input2: Tensor, target: Tensor, ...args: Args<[margin: number, ...SR], ReductionOptions & { margin?: number }>): Tensor {
  const opts = lossArgs('cosine_embedding_loss', 3, ['margin', ...SR], args);
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  // ATen's checks (1.13): the target's dims, then the inputs' dims; the shapes themselves only broadcast
  const d = target._shape.length;
  if (d !== 1 && d !== 0) throw new Error('0D or 1D target tensor expected, multi-target not supported');
  if (input1._shape.length !== d + 1 || input2._shape.length !== d + 1) {
    throw new Error(`${d}D target tensor expects ${d + 1}D input tensors, but found inputs with sizes [${input1._shape.join(", ")}] and [${input2._shape.join(", ")}].`);
  }
  const EPS = 1e-12;
  const prodSum = R.sum(E.mul(input1, input2), d);
  const mag1 = E.add(R.sum(E.mul(input1, input1), d), EPS);
  const mag2 = E.add(R.sum(E.mul(input2, input2), d), EPS);
  const cos = E.div(prodSum, E.sqrt(E.mul(mag1, mag2)));
  const pos = rsub(cos, 1);
  const neg = E.clamp(E.sub(cos, opts.margin ?? 0), 0, null);
  const out = E.add(E.where(E.eq(target, 1), pos, 0), E.where(E.eq(target, -1), neg, 0));
  return reduce(out, reduction);
}

/** Σ_{i ≠ y} max(0, margin - x_y + x_i)^p / C, p ∈ {1, 2}, optionally weighted by class. */
export function multi_margin_loss(
  input: Tensor, ...args: Target<[p: number, margin: number, weight: W, ...SR], ReductionOptions & { p?: number; margin?: number; weight?: Tensor | null }>
): Tensor {
  const { target, ...opts } = lossArgs('multi_margin_loss', 1, ['target', 'p', 'margin', 'weight', ...SR], args);
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  const p = opts.p ?? 1;
  if (p !== 1 && p !== 2) throw new Error('only p == 1 and p == 2 supported');
  if (target.dtype !== int64) throw new TypeError(`expected scalar type Long but found ${pyTypeName(target)}`);
  const nd = input._shape.length;
  const x = nd <= 1 ? S.reshape(input, [1, -1]) : input;
  const [n, c] = x._shape;
  const t = S.reshape(target, [-1]);
  if (t._shape[0] !== n) {
    throw new Error(`inconsistent target size, expected ${n} but got ${fmtShape(target._shape)}`);
  }
  if (t.numel() > 0) {
    const [lo, hi] = S.indexRange(t);
    if (lo < 0 || hi >= c) throw new RangeError('target out of range');
  }
  checkNotDifferentiable('multi_margin_loss', 'weight', opts.weight ?? null);
  const xy = S.gather(x, 1, S.unsqueeze(t, 1));
  let z = E.relu(E.add(E.sub(x, xy), opts.margin ?? 1));
  if (p === 2) z = E.square(z);
  const notY = rsub(E.cast(one_hot(t, c), float32), 1);
  z = E.mul(z, notY);
  if (opts.weight) z = E.mul(z, S.unsqueeze(S.index_select(opts.weight, 0, t), 1));
  let loss = E.div(R.sum(z, 1), c);
  if (nd <= 1) loss = S.reshape(loss, []);
  return named('MultiMarginLossBackward0', reduce(loss, reduction));
}

/** max(d(a, p) - d(a, n) + margin, 0) with the p-norm distance. */
export function triplet_margin_loss(
  anchor: Tensor, positive: Tensor, negative: Tensor,
  ...args: Args<[margin: number, p: number, eps: number, swap: boolean, ...SR], ReductionOptions & { margin?: number; p?: number; eps?: number; swap?: boolean }>
): Tensor {
  const opts = lossArgs('triplet_margin_loss', 3, ['margin', 'p', 'eps', 'swap', ...SR], args);
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  const a = anchor._shape.length;
  if (a !== positive._shape.length || a !== negative._shape.length) {
    throw new Error(`The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor ${a}D, positive ${positive._shape.length}D, and negative ${negative._shape.length}D inputs`);
  }
  const pn = opts.p ?? 2;
  const eps = opts.eps ?? 1e-6;
  const dPos = pairwise_distance(anchor, positive, pn, eps);
  let dNeg = pairwise_distance(anchor, negative, pn, eps);
  if (opts.swap) dNeg = E.minimum(dNeg, pairwise_distance(positive, negative, pn, eps));
  const loss = E.clamp_min(E.sub(E.add(dPos, opts.margin ?? 1), dNeg), 0);
  return reduce(loss, reduction);
}

/** Triplet loss with any distance function (pairwise_distance by default). */
export function triplet_margin_with_distance_loss(
  anchor: Tensor, positive: Tensor, negative: Tensor,
  ...args: [opts?: ReductionOptions & { distance_function?: ((a: Tensor, b: Tensor) => Tensor) | null; margin?: number; swap?: boolean }]
): Tensor {
  // positive or negative absent (the options object in their place): Python's message for the function PyTorch writes
  const absent = ([['positive', positive], ['negative', negative]] as const)
    .filter(([, t]) => t === undefined || (t !== null && Object.getPrototypeOf(t) === Object.prototype)).map(([n]) => `'${n}'`);
  if (absent.length) {
    throw new TypeError(`triplet_margin_with_distance_loss() missing ${absent.length} required positional argument${absent.length > 1 ? 's' : ''}: ${absent.join(' and ')}`);
  }
  const opts = lossArgs('triplet_margin_with_distance_loss', 3, [], args, ['distance_function', 'margin', 'swap', 'reduction']);
  const reduction = opts.reduction ?? 'mean';
  checkReduction(reduction);
  const margin = opts.margin ?? 1;
  if (margin <= 0) throw new Error(`TripletMarginWithDistanceLoss: expected margin to be greater than 0, got ${margin} instead`);
  const dist = opts.distance_function ?? ((x: Tensor, y: Tensor) => pairwise_distance(x, y));
  const dPos = dist(anchor, positive);
  let dNeg = dist(anchor, negative);
  if (opts.swap) dNeg = E.minimum(dNeg, dist(positive, negative));
  const loss = E.clamp_min(E.sub(E.add(dPos, margin), dNeg), 0);
  return reduce(loss, reduction);
}
