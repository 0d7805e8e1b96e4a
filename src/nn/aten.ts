// The torch-level forms of nn functions that PyTorch 1.13 exposes beside nn.functional: `torch.batch_norm`,
// `torch.dropout`, `torch.kl_div`, ... are ATen's native functions, with their own argument lists (all
// positional, no defaults for most, losses taking `reduction` as an int: 0 none, 1 mean, 2 sum). Python's
// binding of those ints reads the default `at::Reduction::Mean` as 0, so a torch-level loss called without
// `reduction` returns the unreduced loss, as it does in PyTorch 1.13. Each is nn.functional's code under
// ATen's binding (functional.py's extra checks left out where ATen has none).
import { Tensor } from '../tensor.js';
import { int64 } from '../dtype.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { scatterReduceQuiet as scatter_reduce, bincount } from '../ops/extra.js';
import { argPosition, native, intArg, tensorArg } from '../ops/kw.js';
import * as raw from './functional.js';
import { instanceNormCore } from './cnn-utils.js';
import * as F from './F.js';
import type { Reduction } from './functional.js';

type T = Tensor;
type Opt = T | null;
type IntList = number | readonly number[];

const REDUCTIONS: Reduction[] = ['none', 'mean', 'sum'];

/** `reduction` as ATen's int (0 none, 1 mean, 2 sum), PyTorch's TypeError for anything else. */
function reductionOf(fn: string, v: unknown, position: number): Reduction {
  const r = intArg(fn, 'reduction', position, v);
  // ATen's apply_loss_reduction: 1 mean, 2 sum, any other value none
  return r === 1 || r === 2 ? REDUCTIONS[r] : 'none';
}

const list = (v: IntList | null | undefined): number[] | null => (v == null ? null : typeof v === 'number' ? [v] : [...v]);

// ---------------------------------------------------------------- convolution

/**
 * `torch.convolution(input, weight, bias, stride, padding, dilation, transposed, output_padding, groups)`: ATen's
 * generic convolution (every argument required), dispatched on the weight's rank to conv1d/2d/3d or their transposes.
 * @example torch.convolution(x, w, null, [1], [0], [1], false, [0], 1)
 */
export function convolution(input: T, weight: T, bias: Opt, stride: IntList, padding: IntList, dilation: IntList,
  transposed: boolean, output_padding: IntList, groups: number): T {
  const o = native('convolution', ['input', 'weight', 'bias', 'stride', 'padding', 'dilation', 'transposed', 'output_padding',
    'groups'], {}, arguments);
  const w = o.weight as T;
  const k = w._shape.length - 2;
  if (k < 1 || k > 3) throw new RangeError(`Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [${(o.input as T)._shape.join(', ')}]`);
  const expand = (v: IntList, name: string): number[] => {
    const l = list(v)!;
    if (l.length === 1) return Array(k).fill(l[0]);
    if (l.length !== k) throw new RangeError(`expected ${name} to be a single integer value or a list of ${k} values to match the convolution dimensions, but got ${name}=[${l.join(', ')}]`);
    return l;
  };
  const s = expand(o.stride, 'stride');
  const p = expand(o.padding, 'padding');
  const d = expand(o.dilation, 'dilation');
  const fns = [F.conv1d, F.conv2d, F.conv3d] as unknown as ((...a: unknown[]) => T)[];
  const tfns = [F.conv_transpose1d, F.conv_transpose2d, F.conv_transpose3d] as unknown as ((...a: unknown[]) => T)[];
  if (o.transposed) return tfns[k - 1](o.input, w, o.bias, s, p, expand(o.output_padding, 'output_padding'), o.groups, d);
  return fns[k - 1](o.input, w, o.bias, s, p, d, o.groups);
}

// ---------------------------------------------------------------- pooling

const POOL = ['self', 'kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode'];
const POOL_DEFAULTS = { stride: [], padding: 0, dilation: 1, ceil_mode: false };

function poolArgs(fn: string, args: ArrayLike<unknown>) {
  const o = native(fn, POOL, POOL_DEFAULTS, args);
  const stride = list(o.stride);
  return [o.self as T, o.kernel_size, { stride: stride && stride.length ? stride : null, padding: o.padding, dilation: o.dilation, ceil_mode: o.ceil_mode }] as const;
}

/** `torch.max_pool1d(input, kernel_size, stride=[], padding=0, dilation=1, ceil_mode=False)`: the pooled values
 *  (no indices; `torch.max_pool1d_with_indices` has them). @example torch.max_pool1d(x, 2) */
export function max_pool1d(self: T, kernel_size: IntList, stride?: IntList, padding?: IntList, dilation?: IntList, ceil_mode?: boolean): T {
  const [x, k, o] = poolArgs('max_pool1d', arguments);
  return F.max_pool1d(x, k as number, o);
}
/** `torch.max_pool2d(input, kernel_size, stride=[], padding=0, dilation=1, ceil_mode=False)`. @example torch.max_pool2d(x, 2) */
export function max_pool2d(self: T, kernel_size: IntList, stride?: IntList, padding?: IntList, dilation?: IntList, ceil_mode?: boolean): T {
  const [x, k, o] = poolArgs('max_pool2d', arguments);
  return F.max_pool2d(x, k as number, o);
}
/** `torch.max_pool3d(input, kernel_size, stride=[], padding=0, dilation=1, ceil_mode=False)`. @example torch.max_pool3d(x, 2) */
export function max_pool3d(self: T, kernel_size: IntList, stride?: IntList, padding?: IntList, dilation?: IntList, ceil_mode?: boolean): T {
  const [x, k, o] = poolArgs('max_pool3d', arguments);
  return F.max_pool3d(x, k as number, o);
}
/** `torch.max_pool1d_with_indices(input, kernel_size, stride=[], padding=0, dilation=1, ceil_mode=False)`: `[output, indices]`.
 *  @example const [y, i] = torch.max_pool1d_with_indices(x, 2) */
export function max_pool1d_with_indices(self: T, kernel_size: IntList, stride?: IntList, padding?: IntList, dilation?: IntList,
  ceil_mode?: boolean): [T, T] {
  const [x, k, o] = poolArgs('max_pool1d_with_indices', arguments);
  return F.max_pool1d(x, k as number, { ...o, return_indices: true });
}
/** `torch.adaptive_max_pool1d(input, output_size)`: always `[output, indices]` (ATen's form). @example torch.adaptive_max_pool1d(x, 3) */
export function adaptive_max_pool1d(self: T, output_size: IntList): [T, T] {
  const o = native('adaptive_max_pool1d', ['self', 'output_size'], {}, arguments);
  return F.adaptive_max_pool1d(o.self, o.output_size, true);
}

// ---------------------------------------------------------------- normalization

/**
 * `torch.batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps, cudnn_enabled)` (every
 * argument required; note the order: weight and bias first): F.batch_norm without its Python batch-size check.
 * @example torch.batch_norm(x, null, null, rm, rv, true, 0.1, 1e-5, false)
 */
export function batch_norm(input: T, weight: Opt, bias: Opt, running_mean: Opt, running_var: Opt, training: boolean,
  momentum: number, eps: number, cudnn_enabled: boolean): T {
  const o = native('batch_norm', ['input', 'weight', 'bias', 'running_mean', 'running_var', 'training', 'momentum', 'eps',
    'cudnn_enabled'], {}, arguments);
  return raw.batchNormCore(o.input, o.running_mean, o.running_var, o.weight, o.bias, o.training, o.momentum, o.eps);
}

/** `torch.layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-05, cudnn_enable=True)`.
 *  @example torch.layer_norm(x, [4]) */
export function layer_norm(input: T, normalized_shape: IntList, weight?: Opt, bias?: Opt, eps?: number, cudnn_enable?: boolean): T {
  const o = native('layer_norm', ['input', 'normalized_shape', 'weight', 'bias', 'eps', 'cudnn_enable'],
    { weight: null, bias: null, eps: 1e-5, cudnn_enable: true }, arguments);
  return F.layer_norm(o.input, o.normalized_shape, o.weight, o.bias, o.eps);
}

/** `torch.group_norm(input, num_groups, weight=None, bias=None, eps=1e-05, cudnn_enabled=True)`.
 *  @example torch.group_norm(x, 2) */
export function group_norm(input: T, num_groups: number, weight?: Opt, bias?: Opt, eps?: number, cudnn_enabled?: boolean): T {
  const o = native('group_norm', ['input', 'num_groups', 'weight', 'bias', 'eps', 'cudnn_enabled'],
    { weight: null, bias: null, eps: 1e-5, cudnn_enabled: true }, arguments);
  return F.group_norm(o.input, o.num_groups, o.weight, o.bias, o.eps);
}

/**
 * `torch.instance_norm(input, weight, bias, running_mean, running_var, use_input_stats, momentum, eps, cudnn_enabled)`
 * (every argument required): F.instance_norm without its Python spatial-size check.
 * @example torch.instance_norm(x, null, null, null, null, true, 0.1, 1e-5, false)
 */
export function instance_norm(input: T, weight: Opt, bias: Opt, running_mean: Opt, running_var: Opt, use_input_stats: boolean,
  momentum: number, eps: number, cudnn_enabled: boolean): T {
  const o = native('instance_norm', ['input', 'weight', 'bias', 'running_mean', 'running_var', 'use_input_stats', 'momentum',
    'eps', 'cudnn_enabled'], {}, arguments);
  return instanceNormCore(o.input, o.running_mean, o.running_var, o.weight, o.bias, o.use_input_stats, o.momentum, o.eps);
}

// ---------------------------------------------------------------- embeddings

/**
 * `torch.embedding(weight, indices, padding_idx=-1, scale_grad_by_freq=False, sparse=False)`: the rows of weight (note
 * the order: weight first); a negative padding_idx is none. @example torch.embedding(weight, torch.tensor([0, 2]))
 */
export function embedding(weight: T, indices: T, padding_idx?: number, scale_grad_by_freq?: boolean, sparse?: boolean): T {
  const o = native('embedding', ['weight', 'indices', 'padding_idx', 'scale_grad_by_freq', 'sparse'],
    { padding_idx: -1, scale_grad_by_freq: false, sparse: false }, arguments);
  const pad = intArg('embedding', 'padding_idx', 3, o.padding_idx);
  return F.embedding(o.indices, o.weight, { padding_idx: pad >= 0 ? pad : null, scale_grad_by_freq: o.scale_grad_by_freq,
    sparse: o.sparse });
}

/** `torch.embedding_renorm_(weight, indices, max_norm, norm_type)`: the rows of weight at indices rescaled in place to a
 *  norm of at most max_norm; returns weight. @example torch.embedding_renorm_(weight, torch.tensor([0, 2]), 1.0, 2.0) */
export function embedding_renorm_(self: T, indices: T, max_norm: number, norm_type: number): T {
  const o = native('embedding_renorm_', ['self', 'indices', 'max_norm', 'norm_type'], {}, arguments);
  raw.embeddingRenorm(o.self, S.reshape(o.indices, [-1]).contiguous(), o.max_norm, o.norm_type);
  return o.self;
}

/**
 * `torch.embedding_bag(weight, indices, offsets, scale_grad_by_freq=False, mode=0, sparse=False, per_sample_weights=None,
 * include_last_offset=False, padding_idx=None)`: ATen's form of F.embedding_bag (mode 0 sum, 1 mean, 2 max), returning
 * `[output, offset2bag, bag_size, max_indices]` with the CPU kernel's bookkeeping: offset2bag (each index's bag) is
 * empty for sum without padding_idx (its fast path); bag_size counts each bag's non-padding indices (zeros for sum, one
 * per offset); max_indices is bag_size for mean, zeros for sum, and for max each maximum's row of weight (the first
 * one on ties; 0 for an empty bag).
 * @example const [out] = torch.embedding_bag(weight, torch.tensor([0, 2, 1]), torch.tensor([0, 1]))
 */
export function embedding_bag(weight: T, indices: T, offsets: T, scale_grad_by_freq?: boolean, mode?: number, sparse?: boolean,
  per_sample_weights?: Opt, include_last_offset?: boolean, padding_idx?: number | null): [T, T, T, T] {
  const o = native('embedding_bag', ['weight', 'indices', 'offsets', 'scale_grad_by_freq', 'mode', 'sparse', 'per_sample_weights',
    'include_last_offset', 'padding_idx'], { scale_grad_by_freq: false, mode: 0, sparse: false, per_sample_weights: null,
    include_last_offset: false, padding_idx: null }, arguments);
  const m = intArg('embedding_bag', 'mode', 5, o.mode);
  if (m < 0 || m > 2) throw new RangeError(`mode has to be one of sum, mean or max (got ${m})`);
  const w = o.weight as T;
  const idx = o.indices as T;
  const offs = o.offsets as T;
  const modeName = (['sum', 'mean', 'max'] as const)[m];
  const out = F.embedding_bag(idx, w, { offsets: offs, scale_grad_by_freq: o.scale_grad_by_freq, mode: modeName,
    sparse: o.sparse, per_sample_weights: o.per_sample_weights, include_last_offset: o.include_last_offset,
    padding_idx: o.padding_idx });
  const n = idx.numel();
  const nOffs = offs.numel();
  const bags = out._shape[0];
  let pad: number | null = o.padding_idx ?? null;
  if (pad !== null && pad < 0) pad += w._shape[0];
  // ATen's make_offset2bag: ones at the offsets (counted), cumulative sum, minus one
  const flat = S.reshape(idx, [-1]);
  const marks = bincount(S.reshape(offs, [-1]), null, n + 1);
  const offset2bag = E.sub(S.narrow(marks.cumsum(0), 0, 0, n), 1);
  const zeros = (k: number) => C.zeros([k], { dtype: int64 });
  if (m === 0) {
    const o2b = pad === null ? C.empty([0], { dtype: int64 }) : offset2bag;
    return [out, o2b, zeros(nOffs), zeros(nOffs)];
  }
  const valid = pad === null ? C.ones([n], { dtype: int64 }) : E.ne(flat, pad).long();
  // (bincount of int weights is float, PyTorch's float64: ATen counts in int64 here)
  const bagSize = S.narrow(E.cast(bincount(offset2bag, valid, bags), int64), 0, 0, bags);
  if (m === 1) return [out, offset2bag, bagSize, bagSize.clone()];
  // max: the row of the first maximum of each bag and column (non-padding indices only)
  const D = w._shape[1];
  const rows = S.index_select(w.detach(), 0, flat);
  const best = S.index_select(out.detach(), 0, offset2bag.clamp(0, Math.max(bags - 1, 0)));
  const hit = E.logical_and(E.eq(rows, best), S.unsqueeze(valid.bool(), 1));
  const pos = E.where(hit, S.unsqueeze(C.arange(n), 1), n);
  const first = scatter_reduce(C.full([bags, D], n, { dtype: int64 }), 0,
    S.expand(S.unsqueeze(offset2bag, 1), [n, D]).contiguous(), pos, 'amin');
  const ids = S.reshape(S.index_select(S.cat([flat, zeros(1)], 0), 0, S.reshape(first, [-1])), [bags, D]);
  return [out, offset2bag, bagSize, ids];
}

// ---------------------------------------------------------------- dropout

/** `torch.dropout(input, p, train)`: F.dropout's draws. @example torch.dropout(x, 0.5, true) */
export function dropout(input: T, p: number, train: boolean): T {
  const o = native('dropout', ['input', 'p', 'train'], {}, arguments);
  raw.checkP(o.p);
  return raw.dropoutImpl(o.input, o.p, o.train, false, () => (o.input as T)._shape.slice());
}
/** `torch.dropout_(input, p, train)`: in place. @example torch.dropout_(x, 0.5, true) */
export function dropout_(self: T, p: number, train: boolean): T {
  const o = native('dropout_', ['self', 'p', 'train'], {}, arguments);
  raw.checkP(o.p);
  return raw.dropoutImpl(o.self, o.p, o.train, true, () => (o.self as T)._shape.slice());
}
/** `torch.feature_dropout(input, p, train)`: one draw per (sample, channel) of an input of 2 or more dims
 *  (F.dropout2d's). @example torch.feature_dropout(x, 0.5, true) */
export function feature_dropout(input: T, p: number, train: boolean): T {
  const o = native('feature_dropout', ['input', 'p', 'train'], {}, arguments);
  raw.checkP(o.p);
  return raw.featureDropoutImpl(o.input, o.p, o.train, false);
}
/** `torch.feature_dropout_(input, p, train)`: in place. */
export function feature_dropout_(self: T, p: number, train: boolean): T {
  const o = native('feature_dropout_', ['self', 'p', 'train'], {}, arguments);
  raw.checkP(o.p);
  return raw.featureDropoutImpl(o.self, o.p, o.train, true);
}
/** `torch.alpha_dropout(input, p, train)`: F.alpha_dropout. @example torch.alpha_dropout(x, 0.2, true) */
export function alpha_dropout(input: T, p: number, train: boolean): T {
  const o = native('alpha_dropout', ['input', 'p', 'train'], {}, arguments);
  return raw.alphaDropoutImpl(o.input, o.p, o.train, false, false);
}
/** `torch.alpha_dropout_(input, p, train)`: in place. */
export function alpha_dropout_(self: T, p: number, train: boolean): T {
  const o = native('alpha_dropout_', ['self', 'p', 'train'], {}, arguments);
  return raw.alphaDropoutImpl(o.self, o.p, o.train, false, true);
}
/** `torch.feature_alpha_dropout(input, p, train)`: F.feature_alpha_dropout. */
export function feature_alpha_dropout(input: T, p: number, train: boolean): T {
  const o = native('feature_alpha_dropout', ['input', 'p', 'train'], {}, arguments);
  return raw.alphaDropoutImpl(o.input, o.p, o.train, true, false);
}
/** `torch.feature_alpha_dropout_(input, p, train)`: in place. */
export function feature_alpha_dropout_(self: T, p: number, train: boolean): T {
  const o = native('feature_alpha_dropout_', ['self', 'p', 'train'], {}, arguments);
  return raw.alphaDropoutImpl(o.self, o.p, o.train, true, true);
}

// ---------------------------------------------------------------- activations and padding

/** `torch.celu(input, alpha=1.0)`. @example torch.celu(x, 2) */
export function celu(self: T, alpha?: number): T {
  const o = native('celu', ['self', 'alpha'], { alpha: 1 }, arguments);
  return F.celu(o.self, o.alpha);
}
/** `torch.selu(input)`. @example torch.selu(x) */
export function selu(self: T): T {
  const o = native('selu', ['self'], {}, arguments);
  return F.selu(o.self);
}
/** `torch.threshold(input, threshold, value)`: x where x > threshold, else value. @example torch.threshold(x, 0.1, 20) */
export function threshold(self: T, threshold: number, value: number): T {
  const o = native('threshold', ['self', 'threshold', 'value'], {}, arguments);
  return F.threshold(o.self, o.threshold, o.value);
}
/** `torch.rrelu(input, lower=1/8, upper=1/3, training=False, generator=None)`: F.rrelu, drawing from `generator`
 *  when given. @example torch.rrelu(x, 0.1, 0.3, true) */
export function rrelu(self: T, lower?: number, upper?: number, training?: boolean, generator?: C.Generator | null): T {
  const o = native('rrelu', ['self', 'lower', 'upper', 'training', 'generator'],
    { lower: 1 / 8, upper: 1 / 3, training: false, generator: null }, arguments);
  return raw.rreluCore(o.self, o.lower, o.upper, o.training, false, o.generator ?? C.default_generator);
}
/** `torch.rrelu_(input, lower=1/8, upper=1/3, training=False, generator=None)`: in place. */
export function rrelu_(self: T, lower?: number, upper?: number, training?: boolean, generator?: C.Generator | null): T {
  const o = native('rrelu_', ['self', 'lower', 'upper', 'training', 'generator'],
    { lower: 1 / 8, upper: 1 / 3, training: false, generator: null }, arguments);
  return raw.rreluCore(o.self, o.lower, o.upper, o.training, true, o.generator ?? C.default_generator);
}
/** `torch.constant_pad_nd(input, pad, value=0)`: F.pad's constant mode (negative padding crops).
 *  @example torch.constant_pad_nd(x, [1, 1], 0.5) */
export function constant_pad_nd(self: T, pad: readonly number[], value?: number): T {
  const o = native('constant_pad_nd', ['self', 'pad', 'value'], { value: 0 }, arguments);
  const nd = (o.self as T)._shape.length;
  if (o.pad.length % 2) throw new Error(`Length of pad must be even but instead it equals ${o.pad.length}`);
  if (o.pad.length / 2 > nd) {
    throw new Error(`Length of pad should be no more than twice the number of dimensions of the input. Pad length is ` +
      `${o.pad.length} while the input has ${nd} dimensions.`);
  }
  return F.pad(o.self, o.pad, 'constant', o.value);
}

// ---------------------------------------------------------------- grid sampling

const INTERP = ['bilinear', 'nearest', 'bicubic'];
const PADDING = ['zeros', 'border', 'reflection'];

function gridSampler(fn: string, args: ArrayLike<unknown>, rank?: number): T {
  const o = native(fn, ['input', 'grid', 'interpolation_mode', 'padding_mode', 'align_corners'], {}, args);
  const im = intArg(fn, 'interpolation_mode', 3, o.interpolation_mode);
  const pm = intArg(fn, 'padding_mode', 4, o.padding_mode);
  const x = o.input as T;
  if (rank !== undefined && x._shape.length !== rank) {
    throw new RangeError(`grid_sampler(): expected ${rank}D input and grid with same number of dimensions, but got input with sizes ` +
      `[${x._shape.join(', ')}] and grid with sizes [${(o.grid as T)._shape.join(', ')}]`);
  }
  if (!(im in INTERP)) throw new RangeError(`${fn}(): unknown interpolation mode ${im}`);
  if (!(pm in PADDING)) throw new RangeError(`${fn}(): unknown padding mode ${pm}`);
  return F.grid_sample(x, o.grid, INTERP[im], PADDING[pm], o.align_corners);
}

/** `torch.grid_sampler(input, grid, interpolation_mode, padding_mode, align_corners)`: F.grid_sample with the modes as
 *  ATen's ints (interpolation 0 bilinear, 1 nearest, 2 bicubic; padding 0 zeros, 1 border, 2 reflection).
 *  @example torch.grid_sampler(img, grid, 0, 0, false) */
export function grid_sampler(input: T, grid: T, interpolation_mode: number, padding_mode: number, align_corners: boolean): T {
  return gridSampler('grid_sampler', arguments);
}
/** `torch.grid_sampler_2d(input, grid, interpolation_mode, padding_mode, align_corners)`: grid_sampler for 4-D input. */
export function grid_sampler_2d(input: T, grid: T, interpolation_mode: number, padding_mode: number, align_corners: boolean): T {
  return gridSampler('grid_sampler_2d', arguments, 4);
}
/** `torch.grid_sampler_3d(input, grid, interpolation_mode, padding_mode, align_corners)`: grid_sampler for 5-D input. */
export function grid_sampler_3d(input: T, grid: T, interpolation_mode: number, padding_mode: number, align_corners: boolean): T {
  return gridSampler('grid_sampler_3d', arguments, 5);
}
/** `torch.affine_grid_generator(theta, size, align_corners)`: F.affine_grid (every argument required).
 *  @example torch.affine_grid_generator(theta, [1, 1, 2, 2], false) */
export function affine_grid_generator(theta: T, size: readonly number[], align_corners: boolean): T {
  const o = native('affine_grid_generator', ['theta', 'size', 'align_corners'], {}, arguments);
  return F.affine_grid(o.theta, [...o.size], o.align_corners);
}

// ---------------------------------------------------------------- losses (reduction as ATen's int)

/** `torch.kl_div(input, target, reduction=0, *, log_target=False)`: F.kl_div's pointwise loss (reduction 0 none,
 *  1 mean, 2 sum; no 'batchmean'). @example torch.kl_div(logp, q, 2) */
export function kl_div(self: T, target: T, reduction?: number | { reduction?: number; log_target?: boolean }, kw?: { log_target?: boolean }): T {
  const o = native('kl_div', ['self', 'target', 'reduction'], { reduction: 0, log_target: false }, arguments, ['log_target']);
  return F.kl_div(o.self, o.target, { reduction: reductionOf('kl_div', o.reduction, 3), log_target: o.log_target });
}

/** `torch.binary_cross_entropy_with_logits(input, target, weight=None, pos_weight=None, reduction=0)`.
 *  @example torch.binary_cross_entropy_with_logits(x, y, null, null, 1) */
export function binary_cross_entropy_with_logits(self: T, target: T, weight?: Opt, pos_weight?: Opt, reduction?: number): T {
  const o = native('binary_cross_entropy_with_logits', ['self', 'target', 'weight', 'pos_weight', 'reduction'],
    { weight: null, pos_weight: null, reduction: 0 }, arguments);
  // (weight and pos_weight are Tensor? in its one signature: a number there is PyTorch's TypeError, not one from inside)
  for (const [i, k] of [[2, 'weight'], [3, 'pos_weight']] as const) {
    if (o[k] !== null && o[k] !== undefined) tensorArg('binary_cross_entropy_with_logits', k, argPosition(arguments, i), o[k]);
  }
  return F.binary_cross_entropy_with_logits(o.self, o.target, { weight: o.weight, pos_weight: o.pos_weight,
    reduction: reductionOf('binary_cross_entropy_with_logits', o.reduction, 5) });
}

/** `torch.poisson_nll_loss(input, target, log_input, full, eps, reduction)` (every argument required).
 *  @example torch.poisson_nll_loss(x, y, true, false, 1e-8, 1) */
export function poisson_nll_loss(input: T, target: T, log_input: boolean, full: boolean, eps: number, reduction: number): T {
  const o = native('poisson_nll_loss', ['input', 'target', 'log_input', 'full', 'eps', 'reduction'], {}, arguments);
  return F.poisson_nll_loss(o.input, o.target, { log_input: o.log_input, full: o.full, eps: o.eps,
    reduction: reductionOf('poisson_nll_loss', o.reduction, 6) });
}

/** `torch.margin_ranking_loss(input1, input2, target, margin=0.0, reduction=0)`. @example torch.margin_ranking_loss(a, b, y) */
export function margin_ranking_loss(input1: T, input2: T, target: T, margin?: number, reduction?: number): T {
  const o = native('margin_ranking_loss', ['input1', 'input2', 'target', 'margin', 'reduction'], { margin: 0, reduction: 0 }, arguments);
  return F.margin_ranking_loss(o.input1, o.input2, o.target, { margin: o.margin,
    reduction: reductionOf('margin_ranking_loss', o.reduction, 5) });
}

/** `torch.hinge_embedding_loss(input, target, margin=1.0, reduction=0)`. @example torch.hinge_embedding_loss(x, y) */
export function hinge_embedding_loss(self: T, target: T, margin?: number, reduction?: number): T {
  const o = native('hinge_embedding_loss', ['self', 'target', 'margin', 'reduction'], { margin: 1, reduction: 0 }, arguments);
  return F.hinge_embedding_loss(o.self, o.target, { margin: o.margin, reduction: reductionOf('hinge_embedding_loss', o.reduction, 4) });
}

/** `torch.cosine_embedding_loss(input1, input2, target, margin=0.0, reduction=0)`. @example torch.cosine_embedding_loss(a, b, y) */
export function cosine_embedding_loss(input1: T, input2: T, target: T, margin?: number, reduction?: number): T {
  const o = native('cosine_embedding_loss', ['input1', 'input2', 'target', 'margin', 'reduction'], { margin: 0, reduction: 0 }, arguments);
  return F.cosine_embedding_loss(o.input1, o.input2, o.target, { margin: o.margin,
    reduction: reductionOf('cosine_embedding_loss', o.reduction, 5) });
}

/** `torch.triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-06, swap=False, reduction=0)`.
 *  @example torch.triplet_margin_loss(a, p, n) */
export function triplet_margin_loss(anchor: T, positive: T, negative: T, margin?: number, p?: number, eps?: number, swap?: boolean,
  reduction?: number): T {
  const o = native('triplet_margin_loss', ['anchor', 'positive', 'negative', 'margin', 'p', 'eps', 'swap', 'reduction'],
    { margin: 1, p: 2, eps: 1e-6, swap: false, reduction: 0 }, arguments);
  return F.triplet_margin_loss(o.anchor, o.positive, o.negative, { margin: o.margin, p: o.p, eps: o.eps, swap: o.swap,
    reduction: reductionOf('triplet_margin_loss', o.reduction, 8) });
}

/** `torch.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction=0, zero_infinity=False)`:
 *  lengths as lists or tensors. @example torch.ctc_loss(lp, targets, [6, 5], [2, 2], 0, 1) */
export function ctc_loss(log_probs: T, targets: T, input_lengths: T | readonly number[], target_lengths: T | readonly number[],
  blank?: number, reduction?: number, zero_infinity?: boolean): T {
  const o = native('ctc_loss', ['log_probs', 'targets', 'input_lengths', 'target_lengths', 'blank', 'reduction', 'zero_infinity'],
    { blank: 0, reduction: 0, zero_infinity: false }, arguments);
  return F.ctc_loss(o.log_probs, o.targets, o.input_lengths, o.target_lengths, o.blank, reductionOf('ctc_loss', o.reduction, 6),
    o.zero_infinity);
}

// the names PyTorch shares between torch and nn.functional (one function object there)
export {
  conv1d, conv2d, conv3d, conv_transpose1d, conv_transpose2d, conv_transpose3d, conv_tbc, avg_pool1d, adaptive_avg_pool1d,
  bilinear, celu_, selu_, threshold_, relu_, channel_shuffle, native_channel_shuffle, pixel_shuffle, pixel_unshuffle,
  cosine_similarity, pairwise_distance, pdist,
} from './F.js';
