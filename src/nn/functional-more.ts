// The rest of torch.nn.functional 1.13's names: the pools' *_with_indices forms (always (output, indices)), the
// deprecated upsample / upsample_nearest / upsample_bilinear (interpolate, with PyTorch's warning), pdist,
// conv_tbc and native_channel_shuffle, composed from tocha's ops and given PyTorch's node names.
import { Tensor } from '../tensor.js';
import { float32 } from '../dtype.js';
import { renamed, refused, record } from '../autograd.js';
import * as C from '../ops/create.js';
import * as S from '../ops/shape.js';
import { conv1d, max_pool1d, max_pool2d, max_pool3d, adaptive_max_pool2d, adaptive_max_pool3d } from '../ops/conv.js';
import type { Pair, MaxPoolOptions } from '../ops/conv.js';
import { triu_indices } from '../ops/extra.js';
import { vector_norm } from '../linalg.js';
import { fmtShape } from '../ops/util.js';
import { warnOnce } from '../warn.js';
import { parseArgs } from './functional.js';
import { interpolate, channel_shuffle, adaptive_max_pool1d, type InterpolateMode } from './cnn-utils.js';
import type { Args, Init } from './module.js';
import { bind } from '../optim/optimizer.js';

const POOL = ['stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'] as const;
const POOL_DEFAULTS: MaxPoolOptions = { stride: null, padding: 0, dilation: 1, ceil_mode: false, return_indices: false };
/** The max pools' arguments after the input, kernel_size by name too (`F.max_pool2d_with_indices(x, { kernel_size: 2 })`). */
type PoolArgs = Init<[kernel_size: Pair], ['kernel_size'],
  [stride: Pair | null, padding: Pair, dilation: Pair, ceil_mode: boolean, return_indices: boolean], MaxPoolOptions>;
const poolArgs = (fn: string, args: readonly unknown[]) =>
  bind(fn, ['kernel_size', ...POOL], [], POOL_DEFAULTS, args, 1, true, true) as MaxPoolOptions & { kernel_size: Pair };

/** `torch.nn.functional.max_pool1d_with_indices`: max_pool1d's `[output, indices]`, whatever return_indices says. @example F.max_pool1d_with_indices(x, 2) */
export function max_pool1d_with_indices(input: Tensor, ...args: PoolArgs): [Tensor, Tensor] {
  const { kernel_size, ...o } = poolArgs('max_pool1d_with_indices', args);
  return max_pool1d(input, kernel_size, { ...o, return_indices: true });
}

/** `torch.nn.functional.max_pool2d_with_indices`: max_pool2d's `[output, indices]`. @example F.max_pool2d_with_indices(x, 2) */
export function max_pool2d_with_indices(input: Tensor, ...args: PoolArgs): [Tensor, Tensor] {
  const { kernel_size, ...o } = poolArgs('max_pool2d_with_indices', args);
  return max_pool2d(input, kernel_size, { ...o, return_indices: true });
}

/** `torch.nn.functional.max_pool3d_with_indices`: max_pool3d's `[output, indices]`. @example F.max_pool3d_with_indices(x, 2) */
export function max_pool3d_with_indices(input: Tensor, ...args: PoolArgs): [Tensor, Tensor] {
  const { kernel_size, ...o } = poolArgs('max_pool3d_with_indices', args);
  return max_pool3d(input, kernel_size, { ...o, return_indices: true });
}

type Size = Pair | readonly (number | null)[];
/** The adaptive max pools' arguments after the input, output_size by name too. */
type AdaptiveArgs<S> = Init<[output_size: S], ['output_size'], [return_indices: boolean], { return_indices?: boolean }>;
const adaptiveArgs = <S>(fn: string, args: readonly unknown[]) =>
  bind(fn, ['output_size', 'return_indices'], [], { return_indices: false }, args, 1, true, true).output_size as S;

/** `torch.nn.functional.adaptive_max_pool1d_with_indices`: `[output, indices]`. @example F.adaptive_max_pool1d_with_indices(x, 4) */
export function adaptive_max_pool1d_with_indices(input: Tensor, ...args: AdaptiveArgs<number | readonly number[]>): [Tensor, Tensor] {
  const output_size = adaptiveArgs<number | readonly number[]>('adaptive_max_pool1d_with_indices', args);
  return adaptive_max_pool1d(input, output_size, true);
}

/** `torch.nn.functional.adaptive_max_pool2d_with_indices`: `[output, indices]`. @example F.adaptive_max_pool2d_with_indices(x, 3) */
export function adaptive_max_pool2d_with_indices(input: Tensor, ...args: AdaptiveArgs<Size>): [Tensor, Tensor] {
  const output_size = adaptiveArgs<Size>('adaptive_max_pool2d_with_indices', args);
  return adaptive_max_pool2d(input, output_size, { return_indices: true });
}

/** `torch.nn.functional.adaptive_max_pool3d_with_indices`: `[output, indices]`. @example F.adaptive_max_pool3d_with_indices(x, 2) */
export function adaptive_max_pool3d_with_indices(input: Tensor, ...args: AdaptiveArgs<Size>): [Tensor, Tensor] {
  const output_size = adaptiveArgs<Size>('adaptive_max_pool3d_with_indices', args);
  return adaptive_max_pool3d(input, output_size, { return_indices: true });
}

// ---------------------------------------------------------------- upsample (deprecated)

type UpsampleSize = number | readonly number[] | null;
type UpOpts = { size?: UpsampleSize; scale_factor?: number | readonly number[] | null };

/**
 * The deprecated `torch.nn.functional.upsample(input, size, scale_factor, mode='nearest', align_corners)`: interpolate,
 * with PyTorch's warning. @example F.upsample(x, { scale_factor: 2 })
 */
export function upsample(input: Tensor, ...args: Args<[size: UpsampleSize, scale_factor: number | readonly number[] | null, mode: InterpolateMode,
  align_corners: boolean | null], UpOpts & { mode?: InterpolateMode; align_corners?: boolean | null }>): Tensor {
  void args;
  const o = parseArgs('upsample', ['size', 'scale_factor', 'mode', 'align_corners'], arguments,
    { size: null, scale_factor: null, mode: 'nearest', align_corners: null } as UpOpts & { mode: InterpolateMode; align_corners: boolean | null }, 1);
  warnOnce('upsample', 'nn.functional.upsample is deprecated. Use nn.functional.interpolate instead.');
  return interpolate(input, o.size ?? null, o.scale_factor ?? null, o.mode, o.align_corners);
}

/** The deprecated `torch.nn.functional.upsample_nearest(input, size, scale_factor)`: nearest interpolation. @example F.upsample_nearest(x, { scale_factor: 2 }) */
export function upsample_nearest(input: Tensor, ...args: Args<[size: UpsampleSize, scale_factor: number | readonly number[] | null], UpOpts>): Tensor {
  void args;
  const o = parseArgs('upsample_nearest', ['size', 'scale_factor'], arguments, { size: null, scale_factor: null } as UpOpts, 1);
  warnOnce('upsample_nearest', 'nn.functional.upsample_nearest is deprecated. Use nn.functional.interpolate instead.');
  return interpolate(input, o.size ?? null, o.scale_factor ?? null, 'nearest');
}

/**
 * The deprecated `torch.nn.functional.upsample_bilinear(input, size, scale_factor)`: bilinear interpolation with
 * align_corners=True. @example F.upsample_bilinear(x, { size: [8, 8] })
 */
export function upsample_bilinear(input: Tensor, ...args: Args<[size: UpsampleSize, scale_factor: number | readonly number[] | null], UpOpts>): Tensor {
  void args;
  const o = parseArgs('upsample_bilinear', ['size', 'scale_factor'], arguments, { size: null, scale_factor: null } as UpOpts, 1);
  warnOnce('upsample_bilinear', 'nn.functional.upsample_bilinear is deprecated. Use nn.functional.interpolate instead.');
  return interpolate(input, o.size ?? null, o.scale_factor ?? null, 'bilinear', true);
}

// ---------------------------------------------------------------- pdist, conv_tbc, native_channel_shuffle

/**
 * The p-norm distance between every pair of rows of an (N, M) input, as `torch.nn.functional.pdist(input, p=2)`: the
 * upper triangle of cdist(input, input), row-major (N·(N−1)/2 values). @example F.pdist(torch.randn(4, 3)) // 6 distances
 */
export function pdist(input: Tensor, ...args: Args<[p: number], { p?: number }>): Tensor {
  void args;
  const { p } = parseArgs('pdist', ['p'], arguments, { p: 2 }, 1);
  if (input._shape.length !== 2) throw new Error(`pdist only supports 2D tensors, got: ${input._shape.length}D`);
  if (input.dtype !== float32) throw new Error('pdist only supports floating-point dtypes');
  if (!(p >= 0)) throw new Error('pdist only supports non-negative p values');
  const n = input._shape[0];
  const pairs = triu_indices(n, n, 1);
  const [i, j] = [S.select(pairs, 0, 0), S.select(pairs, 0, 1)];
  // p = 0 counts differing entries (no graph through them): PyTorch's backward gives zeros
  const x = p === 0 ? input.detach() : input;
  const dist = vector_norm(S.index_select(x, 0, i).sub(S.index_select(x, 0, j)), p, 1);
  if (p !== 0) return renamed('PdistBackward0', dist);
  const shape = input._shape.slice();
  return record('PdistBackward0', dist, [input], [], () => [C.zeros(shape)]);
}

/**
 * A 1-D convolution over (time, batch, channel) inputs, as `torch.nn.functional.conv_tbc(input, weight, bias, pad=0)`:
 * weight (kernel_width, in_channels, out_channels), bias (out_channels); the output is (time', batch, out_channels).
 * @example F.conv_tbc(torch.randn(10, 2, 3), torch.randn(3, 3, 4), torch.zeros(4), 1) // (10, 2, 4)
 */
export function conv_tbc(input: Tensor, weight: Tensor, bias: Tensor, ...args: Args<[pad: number], { pad?: number }>): Tensor {
  void args;
  const { pad } = parseArgs('conv_tbc', ['pad'], arguments, { pad: 0 }, 3);
  if (input._shape.length !== 3) throw new Error('Input must have 3 dims: time, batch, in_channel');
  if (weight._shape.length !== 3) throw new Error('Weight tensor must have 3 dims: kernel_width, in_channels, out_channels.');
  if (bias._shape.length !== 1) throw new Error('Bias must be 1-D');
  const [T, B, cin] = input._shape;
  const [K, wcin, cout] = weight._shape;
  if (cin !== wcin) throw new Error('Input dim 2 (input channels) is not == dim 1 in the weight tensor');
  if (bias._shape[0] !== cout) throw new Error('Bias size must equal dim 2 in the weight tensor (output channels).');
  const outT = T + 2 * pad - K + 1;
  if (outT < 0) throw new Error(`Trying to create tensor with negative dimension ${outT}: ${fmtShape([outT, B, cout])}`);
  // a negative pad crops the input
  const x = pad < 0 ? S.narrow(input, 0, -pad, T + 2 * pad) : input;
  const y = conv1d(S.permute(x, [1, 2, 0]), S.permute(weight, [2, 1, 0]), bias, { padding: Math.max(pad, 0) });
  return renamed('ConvTbcBackward0', S.permute(y, [2, 0, 1]).contiguous());
}

/**
 * `torch.nn.functional.native_channel_shuffle(input, groups)`: channel_shuffle's result (no derivative in PyTorch 1.13
 * either). PyTorch does not check its arguments (groups = 0 ends its process); tocha checks them as channel_shuffle.
 * @example F.native_channel_shuffle(torch.randn(1, 4, 2, 2), 2)
 */
export function native_channel_shuffle(input: Tensor, groups: number): Tensor {
  const y = channel_shuffle(input.detach(), groups);
  return refused('NotImplemented', 'derivative for aten::native_channel_shuffle is not implemented', y, [input]);
}
