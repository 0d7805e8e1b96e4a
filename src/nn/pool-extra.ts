// Max unpooling and power-average pooling, after torch/nn/functional.py, torch/nn/modules/pooling.py and
// ATen's MaxUnpooling.cpp. max_unpool writes each value at its saved index in a zero output (the
// scatter of MaxUnpool2DBackward0's forward; its gradient gathers back from the same indices); lp_pool is
// composed exactly as functional.py does it (avg_pool of x^p, sign·relu(|·|), times the window size,
// ^(1/p)), so values and gradients are PyTorch's.
import { Tensor } from '../tensor.js';
import { float32, int64 } from '../dtype.js';
import { record } from '../autograd.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { avg_pool1d, avg_pool2d } from '../ops/conv.js';
import type { Pair } from '../ops/conv.js';
import { parseArgs, relu } from './functional.js';
import { Module, Args, initArgs } from './module.js';
import { F } from './F.js';

const list = (xs: readonly number[]) => `[${xs.join(', ')}]`;
const ntuple = (v: Pair, n: number): number[] => (typeof v === 'number' ? new Array<number>(n).fill(v) : v.slice());
const pyTuple = (xs: readonly number[]) => (xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`);
const pyValue = (v: Pair) => (typeof v === 'number' ? String(v) : pyTuple(v));

/** functional.py's _unpool_output_size: the default size, or output_size checked against it. */
function unpoolOutputSize(input: Tensor, k: number[], s: number[], p: number[], outputSize: Pair | null | undefined): number[] {
  const n = k.length;
  const inShape = input._shape;
  const def = k.map((kd, d) => (inShape[inShape.length - n + d] - 1) * s[d] + kd - 2 * p[d]);
  if (outputSize == null) return def;
  let os = ntuple(outputSize, 1);
  if (os.length === n + 2) os = os.slice(2);
  if (os.length !== n) {
    throw new RangeError(`output_size should be a sequence containing ${n} or ${n + 2} elements, but it has a length of '${os.length}'`);
  }
  for (let d = 0; d < n; d++) {
    const lo = def[d] - s[d];
    const hi = def[d] + s[d];
    if (!(lo < os[d] && os[d] < hi)) throw new RangeError(`invalid output_size "${list(os)}" (dim ${d} must be between ${lo} and ${hi})`);
  }
  return os;
}

/** ATen's max_unpool2d: (N, C, H, W) or (C, H, W) values written at their indices into (…, oH, oW) zeros. */
function maxUnpool2dCore(x: Tensor, indices: Tensor, size: number[]): Tensor {
  if (indices.dtype !== int64) {
    const name = indices.dtype === float32 ? 'Float' : 'Bool';
    throw new TypeError(`elements in indices should be type int64 but got: ${name}`);
  }
  if (size.length !== 2) {
    throw new Error(`There should be exactly two elements (height, width) in output_size, but got ${size.length} elements.`);
  }
  const nd = x._shape.length;
  if (nd !== 3 && nd !== 4) {
    throw new Error(`Input to max_unpooling2d should be a 3d or 4d Tensor, but got a tensor with ${nd} dimensions.`);
  }
  if (x._shape.join() !== indices._shape.join()) {
    throw new Error(`Expected shape of indices to be same as that of the input tensor (${list(x._shape)}) but got indices ` +
      `tensor with shape: ${list(indices._shape)}`);
  }
  for (let i = 1; i < nd; i++) {
    if (x._shape[i] <= 0) {
      throw new Error('max_unpooling2d_forward_out_cpu(): Expected input to have non-zero size for non-batch dimensions, but got ' +
        `${list(x._shape)} with dimension ${i} being empty.`);
    }
  }
  const [oH, oW] = size;
  const hw = x._shape[nd - 2] * x._shape[nd - 1];
  const planes = x.numel() / hw;
  const ohw = oH * oW;
  const idx = S.reshape(indices, [planes, hw]).contiguous();
  // ATen's kernel keeps going after a bad index: the message names the last one.
  const [lo, hi] = idx.numel() ? S.indexRange(idx) : [0, -1];
  if (lo < 0 || hi >= ohw) {
    const iv = idx.dataSync();
    let bad = 0;
    for (let i = iv.length - 1; i >= 0; i--) if (iv[i] < 0 || iv[i] >= ohw) { bad = iv[i]; break; }
    throw new Error(`Found an invalid max index: ${bad} (output volumes are of size ${oH}x${oW}`);
  }
  const flat = S.scatter(C.zeros([planes, ohw]), 1, idx, S.reshape(x.detach(), [planes, hw]));
  const out = S.reshape(flat, [...x._shape.slice(0, -2), oH, oW]);
  const xShape = x._shape.slice();
  return record('MaxUnpool2DBackward0', out, [x], [idx], (g, [i]) => [S.reshape(S.gather(S.reshape(g, [planes, ohw]), 1, i), xShape)]);
}

export type MaxUnpoolOptions = { stride?: Pair | null; padding?: Pair; output_size?: Pair | null };

/**
 * The partial inverse of max_pool2d: `input` values at their `indices` (from `return_indices: true`), zeros
 * elsewhere, as `torch.nn.functional.max_unpool2d(input, indices, kernel_size, stride, padding, output_size)`.
 * @example const [y, i] = F.max_pool2d(x, 2, { return_indices: true }); F.max_unpool2d(y, i, 2)
 */
export function max_unpool2d(input: Tensor, indices: Tensor, kernel_size: Pair, ...args: Args<[stride: Pair | null, padding: Pair,
  output_size: Pair | null], MaxUnpoolOptions>): Tensor {
  const o = parseArgs('max_unpool2d', ['stride', 'padding', 'output_size'], arguments, { stride: null, padding: 0, output_size: null } as MaxUnpoolOptions, 3);
  const k = ntuple(kernel_size, 2);
  const s = o.stride != null ? ntuple(o.stride, 2) : k;
  const size = unpoolOutputSize(input, k, s, ntuple(o.padding ?? 0, 2), o.output_size);
  return maxUnpool2dCore(input, indices, size);
}

/**
 * The partial inverse of max_pool1d, as `torch.nn.functional.max_unpool1d(input, indices, kernel_size, stride, padding, output_size)`.
 * @example const [y, i] = F.max_pool1d(x, 2, { return_indices: true }); F.max_unpool1d(y, i, 2)
 */
export function max_unpool1d(input: Tensor, indices: Tensor, kernel_size: Pair, ...args: Args<[stride: Pair | null, padding: Pair,
  output_size: Pair | null], MaxUnpoolOptions>): Tensor {
  const o = parseArgs('max_unpool1d', ['stride', 'padding', 'output_size'], arguments, { stride: null, padding: 0, output_size: null } as MaxUnpoolOptions, 3);
  const k = ntuple(kernel_size, 1);
  const s = o.stride != null ? ntuple(o.stride, 1) : k;
  const size = unpoolOutputSize(input, k, s, ntuple(o.padding ?? 0, 1), o.output_size);
  return S.squeeze(maxUnpool2dCore(S.unsqueeze(input, -1), S.unsqueeze(indices, -1), [...size, 1]), -1);
}

export type LPPoolOptions = { stride?: Pair | null; ceil_mode?: boolean };

/** functional.py's last step: (sign(out)·relu(|out|)·window)^(1/p). */
function lpFinish(out: Tensor, window: number, p: number): Tensor {
  return E.pow(E.mul(E.mul(E.sign(out), relu(E.abs(out))), window), 1 / p);
}

/**
 * Power-average pooling, (Σ x^p)^(1/p) over each window, as `torch.nn.functional.lp_pool2d(input, norm_type,
 * kernel_size, stride, ceil_mode)`. @example F.lp_pool2d(x, 2, 3, 2)
 */
export function lp_pool2d(input: Tensor, norm_type: number, kernel_size: Pair, ...args: Args<[stride: Pair | null, ceil_mode: boolean],
  LPPoolOptions>): Tensor {
  const o = parseArgs('lp_pool2d', ['stride', 'ceil_mode'], arguments, { stride: null, ceil_mode: false } as LPPoolOptions, 3);
  const [kw, kh] = ntuple(kernel_size, 2);
  const out = avg_pool2d(E.pow(input, norm_type), kernel_size, o.stride ?? null, 0, o.ceil_mode ?? false);
  return lpFinish(out, kw * kh, norm_type);
}

/** 1-D power-average pooling, as `torch.nn.functional.lp_pool1d`. @example F.lp_pool1d(x, 2, 3) */
export function lp_pool1d(input: Tensor, norm_type: number, kernel_size: Pair, ...args: Args<[stride: Pair | null, ceil_mode: boolean],
  LPPoolOptions>): Tensor {
  const o = parseArgs('lp_pool1d', ['stride', 'ceil_mode'], arguments, { stride: null, ceil_mode: false } as LPPoolOptions, 3);
  const out = avg_pool1d(E.pow(input, norm_type), kernel_size, o.stride ?? null, 0, o.ceil_mode ?? false);
  return lpFinish(out, ntuple(kernel_size, 1)[0], norm_type);
}

// ---------------------------------------------------------------- modules

abstract class MaxUnpoolNd extends Module {
  readonly kernel_size: number[];
  readonly stride: number[];
  readonly padding: number[];
  constructor(n: number, kernel_size: Pair, args: Args<[stride: Pair | null, padding: Pair], { stride?: Pair | null; padding?: Pair }>, cls: string) {
    super();
    const o = initArgs(cls, 1, ['stride', 'padding'], {}, args, [], false);
    this.kernel_size = ntuple(kernel_size, n);
    this.stride = ntuple(o.stride ?? kernel_size, n);
    this.padding = ntuple(o.padding ?? 0, n);
  }
  override extra_repr(): string {
    return `kernel_size=${pyTuple(this.kernel_size)}, stride=${pyTuple(this.stride)}, padding=${pyTuple(this.padding)}`;
  }
}

/** The partial inverse of MaxPool2d; forward(input, indices, output_size?). @example new nn.MaxUnpool2d(2)(y, idx) */
export class MaxUnpool2d extends MaxUnpoolNd {
  constructor(kernel_size: Pair, ...args: Args<[stride: Pair | null, padding: Pair], { stride?: Pair | null; padding?: Pair }>) {
    super(2, kernel_size, args, 'MaxUnpool2d');
  }
  override forward(input: Tensor, indices: Tensor, output_size: Pair | null = null): Tensor {
    return F.max_unpool2d(input, indices, this.kernel_size, this.stride, this.padding, output_size);
  }
}

/** The partial inverse of MaxPool1d; forward(input, indices, output_size?). @example new nn.MaxUnpool1d(2)(y, idx) */
export class MaxUnpool1d extends MaxUnpoolNd {
  constructor(kernel_size: Pair, ...args: Args<[stride: Pair | null, padding: Pair], { stride?: Pair | null; padding?: Pair }>) {
    super(1, kernel_size, args, 'MaxUnpool1d');
  }
  override forward(input: Tensor, indices: Tensor, output_size: Pair | null = null): Tensor {
    return F.max_unpool1d(input, indices, this.kernel_size, this.stride, this.padding, output_size);
  }
}

abstract class LPPoolNd extends Module {
  readonly kernel_size: Pair;
  readonly stride: Pair | null;
  readonly ceil_mode: boolean;
  constructor(readonly norm_type: number, kernel_size: Pair, args: Args<[stride: Pair | null, ceil_mode: boolean], LPPoolOptions>, cls: string) {
    super();
    const o = initArgs(cls, 2, ['stride', 'ceil_mode'], {}, args, [], false);
    this.kernel_size = kernel_size;
    this.stride = o.stride ?? null;
    this.ceil_mode = o.ceil_mode ?? false;
  }
  // norm_type prints as the number it is (PyTorch prints what it was given: 2 or 2.0; a JS number cannot tell).
  override extra_repr(): string {
    return `norm_type=${this.norm_type}, kernel_size=${pyValue(this.kernel_size)}, ` +
      `stride=${this.stride === null ? 'None' : pyValue(this.stride)}, ceil_mode=${this.ceil_mode ? 'True' : 'False'}`;
  }
}

/** 2-D power-average pooling, as `torch.nn.LPPool2d(norm_type, kernel_size, stride, ceil_mode)`. @example new nn.LPPool2d(2, 3) */
export class LPPool2d extends LPPoolNd {
  constructor(norm_type: number, kernel_size: Pair, ...args: Args<[stride: Pair | null, ceil_mode: boolean], LPPoolOptions>) {
    super(norm_type, kernel_size, args, 'LPPool2d');
  }
  override forward(input: Tensor): Tensor {
    return F.lp_pool2d(input, this.norm_type, this.kernel_size, this.stride, this.ceil_mode);
  }
}

/** 1-D power-average pooling, as `torch.nn.LPPool1d(norm_type, kernel_size, stride, ceil_mode)`. @example new nn.LPPool1d(2, 3) */
export class LPPool1d extends LPPoolNd {
  constructor(norm_type: number, kernel_size: Pair, ...args: Args<[stride: Pair | null, ceil_mode: boolean], LPPoolOptions>) {
    super(norm_type, kernel_size, args, 'LPPool1d');
  }
  override forward(input: Tensor): Tensor {
    return F.lp_pool1d(input, this.norm_type, this.kernel_size, this.stride, this.ceil_mode);
  }
}
