// Max unpooling, fractional max pooling and power-average pooling, after torch/nn/functional.py,
// torch/nn/modules/pooling.py and ATen's MaxUnpooling.cpp / FractionalMaxPool2d.cpp / FractionalMaxPool3d.cpp.
// max_unpool writes each value at its saved index in a zero output (the scatter of MaxUnpool2DBackward0's
// forward; its gradient gathers back from the same indices). Fractional max pooling places its windows from
// torch.rand samples drawn as functional.py draws them (assembly/conv3d.ts' fractional_max_pool_f32); its
// backward is the max pools' scatter by index. lp_pool is composed exactly as functional.py does it
// (avg_pool of x^p, sign·relu(|·|), times the window size, ^(1/p)), so values and gradients are PyTorch's.
import { Tensor } from '../tensor.js';
import { float32, int64 } from '../dtype.js';
import { record } from '../autograd.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { K } from '../backend/wasm.js';
import { fmtShape, scalarName } from '../ops/util.js';
import { avg_pool1d, avg_pool2d } from '../ops/conv.js';
import type { Pair } from '../ops/conv.js';
import { parseArgs, relu } from './functional.js';
import { bind } from '../optim/optimizer.js';
import { Module, Args, Init, initArgs, checkArgs } from './module.js';
import * as F from './F.js';

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
  const ohw = oH * oW;
  const idx = S.reshape(indices, [x.numel() / hw, hw]).contiguous();
  // ATen's kernel keeps going after a bad index: the message names the last one.
  badIndex(idx, ohw, `${oH}x${oW}`);
  return unpoolScatter(x, idx, [oH, oW], 'MaxUnpool2DBackward0');
}

/** ATen's kernel keeps going after a bad index: the message names the last one. Checked by range_i32; the
 *  indices are scanned for the message only when one is out of [0, size). */
function badIndex(idx: Tensor, size: number, sizes: string): void {
  const [lo, hi] = idx.numel() ? S.indexRange(idx) : [0, -1];
  if (lo >= 0 && hi < size) return;
  const iv = idx.dataSync();
  let bad = 0;
  for (let i = iv.length - 1; i >= 0; i--) if (iv[i] < 0 || iv[i] >= size) { bad = iv[i]; break; }
  throw new Error(`Found an invalid max index: ${bad} (output volumes are of size ${sizes}`);
}

/** The unpooling itself: each plane's values written at their flat indices (`idx`: planes × plane size) into
 *  zeros of the output's spatial size; the gradient gathers back from the same indices. */
function unpoolScatter(x: Tensor, idx: Tensor, size: number[], node: string): Tensor {
  const n = size.length;
  const inner = x._shape.slice(-n).reduce((a, b) => a * b, 1);
  const outer = size.reduce((a, b) => a * b, 1);
  const planes = inner === 0 ? 0 : x.numel() / inner;
  const flat = S.scatter(C.zeros([planes, outer]), 1, idx, S.reshape(x.detach(), [planes, inner]));
  const out = S.reshape(flat, [...x._shape.slice(0, -n), ...size]);
  const xShape = x._shape.slice();
  return record(node, out, [x], [idx], (g, [i]) => [S.reshape(S.gather(S.reshape(g, [planes, outer]), 1, i), xShape)]);
}

/** ATen's max_unpooling3d: (N, C, D, H, W) or (C, D, H, W) values written at their indices into (…, oD, oH, oW) zeros. */
function maxUnpool3dCore(x: Tensor, indices: Tensor, size: number[], stride: number[]): Tensor {
  if (indices.dtype !== int64) throw new TypeError('elements in indices should be type int64');
  const nd = x._shape.length;
  if (nd !== 4 && nd !== 5) {
    throw new Error(`Input to max_unpooling3d should be a 4d or 5d Tensor, but got a tensor with ${nd} dimensions.`);
  }
  if (x._shape.join() !== indices._shape.join()) {
    throw new Error(`Expected shape of indices to be same as that of the input tensor (${list(x._shape)}) but got indices ` +
      `tensor with shape: ${list(indices._shape)}`);
  }
  for (let i = 1; i < nd; i++) {
    if (x._shape[i] <= 0) {
      throw new Error('max_unpooling3d_forward_out_cpu(): Expected input to have non-zero size for non-batch dimensions, but got ' +
        `${list(x._shape)} with dimension ${i} being empty.`);
    }
  }
  if (stride.some((v) => v <= 0)) throw new Error(`strides should be greater than zero, but got stride: ${list(stride)}`);
  const [oD, oH, oW] = size;
  const vol = x._shape.slice(-3).reduce((a, b) => a * b, 1);
  const ovol = oD * oH * oW;
  const idx = S.reshape(indices, [x.numel() / vol, vol]).contiguous();
  // As in 2-D, the message names the last bad index.
  badIndex(idx, ovol, `${oD}x${oH}x${oW}`);
  return unpoolScatter(x, idx, size, 'MaxUnpool3DBackward0');
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

/**
 * The partial inverse of max_pool3d: `input` values at their `indices`, zeros elsewhere, as
 * `torch.nn.functional.max_unpool3d(input, indices, kernel_size, stride, padding, output_size)`.
 * @example const [y, i] = F.max_pool3d(x, 2, { return_indices: true }); F.max_unpool3d(y, i, 2)
 */
export function max_unpool3d(input: Tensor, indices: Tensor, kernel_size: Pair, ...args: Args<[stride: Pair | null, padding: Pair,
  output_size: Pair | null], MaxUnpoolOptions>): Tensor {
  const o = parseArgs('max_unpool3d', ['stride', 'padding', 'output_size'], arguments, { stride: null, padding: 0, output_size: null } as MaxUnpoolOptions, 3);
  const k = ntuple(kernel_size, 3);
  const s = o.stride != null ? ntuple(o.stride, 3) : k;
  const size = unpoolOutputSize(input, k, s, ntuple(o.padding ?? 0, 3), o.output_size);
  return maxUnpool3dCore(input, indices, size, s);
}

// ---------------------------------------------------------------- fractional max pooling

export type FractionalMaxPoolOptions = {
  output_size?: Pair | null; output_ratio?: number | readonly number[] | null; return_indices?: boolean;
  _random_samples?: Tensor | null;
};
type FracArgs = Args<[output_size: Pair | null, output_ratio: number | readonly number[] | null, return_indices: boolean,
  _random_samples: Tensor | null], FractionalMaxPoolOptions>;
const FRAC = ['output_size', 'output_ratio', 'return_indices', '_random_samples'] as const;
/** FractionalMaxPool's `(kernel_size, output_size=None, output_ratio=None, return_indices=False, _random_samples=None)`, and
 *  F.fractional_max_pool*_with_indices's after the input (kernel_size by name too). */
type FracCtorArgs = Init<[kernel_size: Pair], ['kernel_size'], [output_size: Pair | null, output_ratio: number | readonly number[] | null,
  return_indices: boolean, _random_samples: Tensor | null], FractionalMaxPoolOptions>;
const FRAC_DEFAULTS: FractionalMaxPoolOptions = { output_size: null, output_ratio: null, return_indices: false, _random_samples: null };

/** An int argument PyTorch's parser broadcasts: a number repeated n times, a list as given. */
const intList = (v: Pair, n: number): number[] => (typeof v === 'number' ? new Array<number>(n).fill(v) : v.slice());

/**
 * functional.py's fractional_max_pool{2,3}d_with_indices, then ATen's checks and kernel: the output size (or
 * ⌊size·ratio⌋), the samples (torch.rand(N, C, nd) unless given), windows placed by them, and the indices.
 */
function fractionalMaxPool(nd: 2 | 3, input: Tensor, kernel_size: Pair, o: FractionalMaxPoolOptions): [Tensor, Tensor] {
  const fn = `fractional_max_pool${nd}d`;
  const aten = nd === 2 ? 'fractional_max_pool2d()' : 'fractional_max_pool3d_out()';
  if (o.output_size == null && o.output_ratio == null) {
    throw new RangeError(`${fn} requires specifying either an output_size or an output_ratio`);
  }
  let size: number[];
  if (o.output_size == null) {
    const r = typeof o.output_ratio === 'number' ? new Array<number>(nd).fill(o.output_ratio) : o.output_ratio!.slice();
    size = Array.from({ length: nd }, (_, i) => {
      if (i >= r.length) throw new RangeError('tuple index out of range');
      return Math.trunc(input.size(i - nd) * r[i]);
    });
  } else size = intList(o.output_size, nd);
  let samples = o._random_samples ?? null;
  const drawn = samples === null;
  if (samples === null) {
    const batch = input.dim() === nd + 1 ? 1 : input.size(0);
    const planes = input.size(-nd - 1);
    if (input.dtype !== float32) throw new Error(`"check_uniform_bounds" not implemented for '${scalarName(input.dtype)}'`);
    samples = C.rand([batch, planes, nd]);
  }
  const k = intList(kernel_size, nd);
  const ints = nd === 2 ? 'Ints' : 'three Ints';
  if (k.length !== nd) throw new Error(`${fn}: kernel_size must either be a single Int or tuple of ${ints}`);
  if (size.length !== nd) throw new Error(`${fn}: output_size must either be a single Int or tuple of ${ints}`);
  const dims = input._shape.length;
  if (dims !== nd + 1 && dims !== nd + 2) {
    throw new Error(`${aten}: Expected ${nd + 1}D or ${nd + 2}D tensor, but got: ${fmtShape(input._shape)}`);
  }
  for (let i = 1; i < dims; i++) {
    if (input._shape[i] === 0) {
      throw new Error(`${aten}: Expected input to have non-zero size for non-batch dimensions, but got` +
        `${fmtShape(input._shape)} with dimension ${i} being empty.`);
    }
  }
  const inSize = input._shape.slice(-nd);
  // 2-D: height then width, the output may reach the edge; 3-D: time, width, height, strictly inside.
  const names = nd === 2 ? ['height', 'width'] : ['time', 'height', 'width'];
  for (const d of nd === 2 ? [0, 1] : [0, 2, 1]) {
    const fits = nd === 2 ? size[d] + k[d] - 1 <= inSize[d] : size[d] + k[d] - 1 < inSize[d];
    if (!fits) throw new Error(`${aten}: pool ${names[d]} ${k[d]} too large relative to input ${names[d]} ${inSize[d]}`);
  }
  const outShape = [...input._shape.slice(0, -nd), ...size];
  const neg = outShape.find((v) => v < 0);
  if (neg !== undefined) throw new Error(`Trying to create tensor with negative dimension ${neg}: ${fmtShape(outShape)}`);
  // tocha's checks: PyTorch 1.13 reads past samples of the wrong shape, and past the input (its windows placed
  // outside it, or empty ones' indices) for kernel sizes below 1 or samples far outside [0, 1).
  if (k.some((v) => v <= 0)) {
    throw new Error(`${aten}: kernel_size must be greater than zero, but got ${fmtShape(k)}`);
  }
  if (!drawn) checkSamples(fn, input, samples, nd, inSize, size, k);
  const out = Tensor._empty(outShape, float32);
  const idx = Tensor._empty(outShape.slice(), int64);
  if (out.numel() > 0) {
    const xc = input.contiguous();
    const sc = samples.contiguous();
    const [D, H, W] = nd === 2 ? [1, ...inSize] : inSize;
    const [oD, oH, oW] = nd === 2 ? [1, ...size] : size;
    const [kD, kH, kW] = nd === 2 ? [1, ...k] : k;
    // PyTorch's samples per plane: (w, h) in 2-D, (t, h, w) in 3-D.
    const [uD, uH, uW] = nd === 2 ? [0, 1, 0] : [0, 1, 2];
    K.fractional_max_pool_f32(out._ptr(), idx._ptr(), xc._ptr(), sc._ptr(), input.numel() / (D * H * W), D, H, W, oD, oH, oW,
      kD, kH, kW, uD, uH, uW, nd);
    if (xc !== input) xc.dispose();
    if (sc !== samples) sc.dispose();
  }
  if (drawn) samples.dispose();
  const xShape = input._shape.slice();
  const planes = numelOf(xShape.slice(0, -nd));
  record(`FractionalMaxPool${nd}DBackward0`, out, [input], [idx], (g, [i]) => [maxScatter(g, i, xShape, planes)]);
  return [out, idx];
}

/** Given samples: later PyTorch's shape checks, then every window inside the input (placed as the kernel does). */
function checkSamples(fn: string, input: Tensor, samples: Tensor, nd: number, inSize: number[], size: number[], k: number[]): void {
  if (samples.dtype !== float32) throw new Error(`expected scalar type Float but found ${scalarName(samples.dtype)}`);
  if (samples._shape.length !== 3) throw new Error(`Expect _random_samples to have 3 dimensions, got ${samples._shape.length}`);
  const batched = input._shape.length === nd + 2;
  const [n, c, d] = samples._shape;
  if (n < (batched ? input._shape[0] : 1)) throw new Error('Expect _random_samples.size(0) no less then input batch size.');
  if (c !== input._shape[batched ? 1 : 0]) throw new Error('Expect _random_samples.size(1) equals to input channel size.');
  if (d !== nd) throw new Error(`Expect _random_samples.size(2) equals to ${nd}; got ${d}.`);
  const u = samples.contiguous().dataSync();
  const planes = numelOf(input._shape.slice(0, -nd));
  // the sample of dimension j (2-D: stored as (w, h))
  const at = nd === 2 ? [1, 0] : [0, 1, 2];
  const cvtt = (v: number) => (v >= -2147483648 && v < 2147483648 ? Math.trunc(v) : -2147483648);
  for (let p = 0; p < planes; p++) {
    for (let j = 0; j < nd; j++) {
      if (size[j] < 2) continue;
      const sample = u[p * nd + at[j]];
      const alpha = Math.fround(Math.fround(inSize[j] - k[j]) / Math.fround(size[j] - 1));
      for (let i = 0; i < size[j] - 1; i++) {
        const start = (cvtt(Math.fround(Math.fround(i + sample) * alpha)) - cvtt(Math.fround(sample * alpha))) | 0;
        if (start < 0 || start + k[j] > inSize[j]) {
          throw new Error(`${fn}: _random_samples place a pooling window outside the input (window ${i} of dimension ` +
            `${input._shape.length - nd + j} starts at ${start}); samples in [0, 1) keep every window inside`);
        }
      }
    }
  }
}

/** gx[plane][idx] += g[plane][o] (the max pools' backward kernel, blind to the number of dimensions). */
function maxScatter(g: Tensor, idx: Tensor, xShape: number[], planes: number): Tensor {
  const gx = Tensor._empty(xShape, float32);
  if (gx.numel() === 0) return gx;
  const gc = g.contiguous();
  const vol = gx.numel() / planes;
  K.max_pool2d_backward_f32(gx._ptr(), gc._ptr(), idx._ptr(), planes, vol, idx.numel() / planes);
  if (gc !== g) gc.dispose();
  return gx;
}

const numelOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * 2-D fractional max pooling: kernel_size windows at pseudo-random steps giving output_size (or
 * ⌊size·output_ratio⌋), as `torch.nn.functional.fractional_max_pool2d(input, kernel_size, output_size,
 * output_ratio, return_indices, _random_samples)`. The steps come from torch.rand(N, C, 2), PyTorch's draws
 * for the same seed, unless `_random_samples` is given. @example F.fractional_max_pool2d(x, 3, { output_ratio: 0.5 })
 */
export function fractional_max_pool2d(input: Tensor, kernel_size: Pair, opts: FractionalMaxPoolOptions & { return_indices: true }): [Tensor, Tensor];
export function fractional_max_pool2d(input: Tensor, kernel_size: Pair, opts?: FractionalMaxPoolOptions & { return_indices?: false }): Tensor;
export function fractional_max_pool2d(input: Tensor, kernel_size: Pair, ...args: FracArgs): Tensor | [Tensor, Tensor];
export function fractional_max_pool2d(input: Tensor, kernel_size: Pair, ...args: FracArgs): Tensor | [Tensor, Tensor] {
  void args;
  const o = parseArgs('fractional_max_pool2d', FRAC, arguments, { ...FRAC_DEFAULTS }, 2);
  const [out, idx] = fractionalMaxPool(2, input, kernel_size, o);
  if (o.return_indices) return [out, idx];
  idx.dispose();
  return out;
}

/** `torch.nn.functional.fractional_max_pool2d_with_indices`: `[output, indices]` whatever return_indices says. */
export function fractional_max_pool2d_with_indices(input: Tensor,
  ...args: FracCtorArgs): [Tensor, Tensor] {
  const { kernel_size, ...o } = bind('fractional_max_pool2d_with_indices', ['kernel_size', ...FRAC], [], FRAC_DEFAULTS, args, 1, true, true);
  return fractionalMaxPool(2, input, kernel_size as Pair, o as FractionalMaxPoolOptions);
}

/**
 * 3-D fractional max pooling over (N, C, T, H, W) or (C, T, H, W), as `torch.nn.functional.fractional_max_pool3d`
 * (samples torch.rand(N, C, 3) unless given). @example F.fractional_max_pool3d(x, 2, { output_size: [3, 4, 4] })
 */
export function fractional_max_pool3d(input: Tensor, kernel_size: Pair, opts: FractionalMaxPoolOptions & { return_indices: true }): [Tensor, Tensor];
export function fractional_max_pool3d(input: Tensor, kernel_size: Pair, opts?: FractionalMaxPoolOptions & { return_indices?: false }): Tensor;
export function fractional_max_pool3d(input: Tensor, kernel_size: Pair, ...args: FracArgs): Tensor | [Tensor, Tensor];
export function fractional_max_pool3d(input: Tensor, kernel_size: Pair, ...args: FracArgs): Tensor | [Tensor, Tensor] {
  void args;
  const o = parseArgs('fractional_max_pool3d', FRAC, arguments, { ...FRAC_DEFAULTS }, 2);
  const [out, idx] = fractionalMaxPool(3, input, kernel_size, o);
  if (o.return_indices) return [out, idx];
  idx.dispose();
  return out;
}

/** `torch.nn.functional.fractional_max_pool3d_with_indices`: `[output, indices]` whatever return_indices says. */
export function fractional_max_pool3d_with_indices(input: Tensor,
  ...args: FracCtorArgs): [Tensor, Tensor] {
  const { kernel_size, ...o } = bind('fractional_max_pool3d_with_indices', ['kernel_size', ...FRAC], [], FRAC_DEFAULTS, args, 1, true, true);
  return fractionalMaxPool(3, input, kernel_size as Pair, o as FractionalMaxPoolOptions);
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

/** MaxUnpool's `(kernel_size, stride=None, padding=0)`, by position or by name. */
export type MaxUnpoolArgs = Init<[kernel_size: Pair], ['kernel_size'], [stride: Pair | null, padding: Pair], { stride?: Pair | null; padding?: Pair }>;

abstract class MaxUnpoolNd extends Module {
  readonly kernel_size: number[];
  readonly stride: number[];
  readonly padding: number[];
  constructor(n: number, args: readonly unknown[], cls: string) {
    super();
    const o = initArgs(cls, 0, ['kernel_size', 'stride', 'padding'], {}, args, [], false, 1);
    checkArgs(cls, o, { kernel_size: 'ints', stride: 'ints?', padding: 'ints' });
    const kernel_size = o.kernel_size as Pair;
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
  constructor(...args: MaxUnpoolArgs) {
    super(2, args, 'MaxUnpool2d');
  }
  override forward(input: Tensor, indices: Tensor, output_size: Pair | null = null): Tensor {
    return F.max_unpool2d(input, indices, this.kernel_size, this.stride, this.padding, output_size);
  }
}

/** The partial inverse of MaxPool3d; forward(input, indices, output_size?). @example new nn.MaxUnpool3d(2)(y, idx) */
export class MaxUnpool3d extends MaxUnpoolNd {
  constructor(...args: MaxUnpoolArgs) {
    super(3, args, 'MaxUnpool3d');
  }
  override forward(input: Tensor, indices: Tensor, output_size: Pair | null = null): Tensor {
    return F.max_unpool3d(input, indices, this.kernel_size, this.stride, this.padding, output_size);
  }
}

/** The partial inverse of MaxPool1d; forward(input, indices, output_size?). @example new nn.MaxUnpool1d(2)(y, idx) */
export class MaxUnpool1d extends MaxUnpoolNd {
  constructor(...args: MaxUnpoolArgs) {
    super(1, args, 'MaxUnpool1d');
  }
  override forward(input: Tensor, indices: Tensor, output_size: Pair | null = null): Tensor {
    return F.max_unpool1d(input, indices, this.kernel_size, this.stride, this.padding, output_size);
  }
}

/** LPPool's `(norm_type, kernel_size, stride=None, ceil_mode=False)`, by position or by name. */
export type LPPoolArgs = Init<[norm_type: number, kernel_size: Pair], ['norm_type', 'kernel_size'], [stride: Pair | null, ceil_mode: boolean],
  LPPoolOptions>;

abstract class LPPoolNd extends Module {
  readonly norm_type: number;
  readonly kernel_size: Pair;
  readonly stride: Pair | null;
  readonly ceil_mode: boolean;
  constructor(args: readonly unknown[]) {
    super();
    const o = initArgs('_LPPoolNd', 0, ['norm_type', 'kernel_size', 'stride', 'ceil_mode'], {}, args, [], false, 2);
    checkArgs('_LPPoolNd', o, { norm_type: 'float', kernel_size: 'ints', stride: 'ints?' });
    this.norm_type = o.norm_type;
    this.kernel_size = o.kernel_size;
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
  constructor(...args: LPPoolArgs) {
    super(args);
  }
  override forward(input: Tensor): Tensor {
    return F.lp_pool2d(input, this.norm_type, this.kernel_size, this.stride, this.ceil_mode);
  }
}

/** 1-D power-average pooling, as `torch.nn.LPPool1d(norm_type, kernel_size, stride, ceil_mode)`. @example new nn.LPPool1d(2, 3) */
export class LPPool1d extends LPPoolNd {
  constructor(...args: LPPoolArgs) {
    super(args);
  }
  override forward(input: Tensor): Tensor {
    return F.lp_pool1d(input, this.norm_type, this.kernel_size, this.stride, this.ceil_mode);
  }
}

abstract class FractionalMaxPoolNd extends Module {
  readonly kernel_size: number[];
  readonly return_indices: boolean;
  readonly output_size: number[] | null;
  readonly output_ratio: number[] | null;
  declare _random_samples: Tensor | null;
  constructor(private readonly nd: 2 | 3, args: readonly unknown[], cls: string) {
    super();
    const o = initArgs(cls, 0, ['kernel_size', ...FRAC], {}, args, [], false, 1);
    checkArgs(cls, o, { kernel_size: 'ints', output_size: 'ints?', output_ratio: 'floats?' });
    const kernel_size = o.kernel_size as Pair;
    this.kernel_size = ntuple(kernel_size, nd);
    this.return_indices = o.return_indices ?? false;
    this.register_buffer('_random_samples', o._random_samples ?? null);
    this.output_size = o.output_size != null ? ntuple(o.output_size, nd) : null;
    this.output_ratio = o.output_ratio != null ? ntuple(o.output_ratio, nd) : null;
    if (o.output_size == null && o.output_ratio == null) {
      throw new RangeError(`${cls} requires specifying either an output size, or a pooling ratio`);
    }
    if (o.output_size != null && o.output_ratio != null) throw new RangeError('only one of output_size and output_ratio may be specified');
    if (this.output_ratio !== null && !this.output_ratio.every((r) => r > 0 && r < 1)) {
      const given = o.output_ratio as number | number[];
      throw new RangeError(`output_ratio must be between 0 and 1 (got ${typeof given === 'number' ? given : pyTuple(given)})`);
    }
  }
  override forward(input: Tensor): Tensor {
    const opts = { output_size: this.output_size, output_ratio: this.output_ratio, return_indices: this.return_indices,
      _random_samples: this._random_samples };
    return (this.nd === 2 ? F.fractional_max_pool2d : F.fractional_max_pool3d)(input, this.kernel_size, opts as FractionalMaxPoolOptions) as Tensor;
  }
}

/**
 * 2-D fractional max pooling, as `torch.nn.FractionalMaxPool2d(kernel_size, output_size, output_ratio, return_indices,
 * _random_samples)`; samples given here become the `_random_samples` buffer and are used for every call.
 * @example new nn.FractionalMaxPool2d(3, { output_ratio: [0.5, 0.5] })(torch.randn(1, 2, 10, 10)) // (1, 2, 5, 5)
 */
export class FractionalMaxPool2d extends FractionalMaxPoolNd {
  constructor(...args: FracCtorArgs) {
    super(2, args, 'FractionalMaxPool2d');
  }
}

/**
 * 3-D fractional max pooling, as `torch.nn.FractionalMaxPool3d(kernel_size, output_size, output_ratio, return_indices,
 * _random_samples)`. @example new nn.FractionalMaxPool3d(2, { output_size: 3 })(torch.randn(1, 2, 6, 6, 6)) // (1, 2, 3, 3, 3)
 */
export class FractionalMaxPool3d extends FractionalMaxPoolNd {
  constructor(...args: FracCtorArgs) {
    super(3, args, 'FractionalMaxPool3d');
  }
}
