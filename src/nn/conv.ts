// Convolution and pooling layers, after torch/nn/modules/conv.py and pooling.py: the same
// constructor checks, the same initialization (kaiming_uniform_ with a = √5 on the weight, then
// the bias from U(-1/√fan_in, 1/√fan_in), drawn in that order) and the same printing.
import { Tensor } from '../tensor.js';
import { float32, int64 } from '../dtype.js';
import * as Cv from '../ops/conv.js';
import * as S from '../ops/shape.js';
import { tensor } from '../ops/create.js';
import type { ConvPadding, Pair } from '../ops/conv.js';
import { Module, Parameter, ownParameter, Args, Init, Factory, FactoryKwargs, initArgs, checkArgs } from './module.js';
import { formatSize, pyBool } from '../print.js';
import { fmtShape } from '../ops/util.js';
import * as init from './init.js';

function pyTuple(xs: readonly (number | null)[]): string {
  const s = xs.map((v) => (v === null ? 'None' : String(v)));
  return s.length === 1 ? `(${s[0]},)` : `(${s.join(', ')})`;
}

/** What PyTorch prints for an argument kept as given: an int, or a tuple. */
function pyValue(v: Pair | readonly (number | null)[]): string {
  return typeof v === 'number' ? String(v) : pyTuple(v);
}

/** `_single` / `_pair`: a number repeated n times, or the list as given. */
function ntuple(v: Pair, n: number): number[] {
  return typeof v === 'number' ? new Array<number>(n).fill(v) : v.slice();
}

/** Source positions of a dimension of `size` padded by (lo, hi): reflect, replicate or circular. */
function padIndex(size: number, lo: number, hi: number, mode: string, dim: number, input: string, arg = 4): Tensor {
  if (mode === 'reflect' && (lo >= size || hi >= size)) {
    throw new RangeError(`Argument #${arg}: Padding size should be less than the corresponding input dimension, but ` +
      `got: padding (${lo}, ${hi}) at dimension ${dim} of input ${input}`);
  }
  if (mode === 'circular' && (lo > size || hi > size)) {
    throw new RangeError('Padding value causes wrapping around more than once.');
  }
  const idx: number[] = [];
  for (let j = -lo; j < size + hi; j++) {
    if (mode === 'reflect') idx.push(j < 0 ? -j : j >= size ? 2 * (size - 1) - j : j);
    else if (mode === 'replicate') idx.push(Math.min(Math.max(j, 0), size - 1));
    else idx.push(((j % size) + size) % size);
  }
  return tensor(idx, { dtype: int64 });
}

export interface ConvModuleOptions extends FactoryKwargs {
  stride?: Pair;
  padding?: ConvPadding;
  dilation?: Pair;
  groups?: number;
  bias?: boolean;
  padding_mode?: 'zeros' | 'reflect' | 'replicate' | 'circular';
}
/** Conv1d/Conv2d's `(stride, padding, dilation, groups, bias, padding_mode, device, dtype)`, by position or as options. */
export type ConvArgs = Args<[stride: Pair, padding: ConvPadding, dilation: Pair, groups: number, bias: boolean,
  padding_mode: 'zeros' | 'reflect' | 'replicate' | 'circular', ...Factory], ConvModuleOptions>;
const CONV = ['stride', 'padding', 'dilation', 'groups', 'bias', 'padding_mode'];
/** A convolution's arguments: all by position, or any of them by name from a required one on
 *  (`nn.Conv2d(1, 16, kernel_size=3, stride=2)`), or every one by name. */
export type ConvCtorArgs = Init<[in_channels: number, out_channels: number, kernel_size: Pair], ['in_channels', 'out_channels', 'kernel_size'],
  [stride: Pair, padding: ConvPadding, dilation: Pair, groups: number, bias: boolean,
    padding_mode: 'zeros' | 'reflect' | 'replicate' | 'circular', ...Factory], ConvModuleOptions>;
/** The sizes a convolution's arguments must be. */
const CONV_KINDS = { in_channels: 'int', out_channels: 'int', kernel_size: 'ints', stride: 'ints', dilation: 'ints', groups: 'int',
  output_padding: 'ints' } as const;
/** Binds a ConvNd's arguments: [in_channels, out_channels, kernel_size, options]. */
function convArgs<O = ConvModuleOptions>(cls: string, all: readonly unknown[], names = CONV): [number, number, Pair, O] {
  const o = initArgs(cls, 0, ['in_channels', 'out_channels', 'kernel_size', ...names], {}, all, [], true, 3);
  checkArgs(cls, o, CONV_KINDS);
  if (typeof o.padding !== 'string') checkArgs(cls, o, { padding: 'ints' });
  return [o.in_channels, o.out_channels, o.kernel_size, o as O];
}
const CONV_T = ['stride', 'padding', 'output_padding', 'groups', 'bias', 'dilation', 'padding_mode'];

/** The shared part of Conv1d, Conv2d and the transposed ones (PyTorch's `_ConvNd`). */
abstract class ConvNd extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly kernel_size: number[];
  readonly stride: number[];
  readonly padding: number[] | 'same' | 'valid';
  readonly dilation: number[];
  readonly groups: number;
  readonly padding_mode: string;
  readonly transposed: boolean;
  readonly output_padding: number[];

  constructor(nd: number, readonly in_channels: number, readonly out_channels: number, kernel_size: Pair,
    opts: ConvModuleOptions & { output_padding?: Pair }, transposed = false) {
    super();
    const groups = opts.groups ?? 1;
    const padding = opts.padding ?? 0;
    const paddingMode = opts.padding_mode ?? 'zeros';
    if (!Number.isInteger(groups) || groups <= 0) throw new RangeError('groups must be a positive integer');
    if (in_channels % groups !== 0) throw new RangeError('in_channels must be divisible by groups');
    if (out_channels % groups !== 0) throw new RangeError('out_channels must be divisible by groups');
    this.kernel_size = ntuple(kernel_size, nd);
    this.stride = ntuple(opts.stride ?? 1, nd);
    this.dilation = ntuple(opts.dilation ?? 1, nd);
    if (typeof padding === 'string') {
      if (padding !== 'same' && padding !== 'valid') {
        throw new RangeError(`Invalid padding string '${padding}', should be one of {'valid', 'same'}`);
      }
      if (padding === 'same' && this.stride.some((s) => s !== 1)) {
        throw new RangeError("padding='same' is not supported for strided convolutions");
      }
      this.padding = padding;
    } else this.padding = ntuple(padding, nd);
    const modes = ['zeros', 'reflect', 'replicate', 'circular'];
    if (!modes.includes(paddingMode)) {
      throw new RangeError(`padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got ` +
        `padding_mode='${paddingMode}'`);
    }
    this.groups = groups;
    this.padding_mode = paddingMode;
    this.transposed = transposed;
    this.output_padding = ntuple(opts.output_padding ?? 0, nd);
    // A transposed conv's weight is (in, out/groups, k...): the adjoint of a conv from out to in channels.
    const wShape = transposed ? [in_channels, out_channels / groups] : [out_channels, in_channels / groups];
    this.weight = ownParameter(Tensor._empty([...wShape, ...this.kernel_size], float32));
    this.bias = opts.bias ?? true ? ownParameter(Tensor._empty([out_channels], float32)) : null;
    this.reset_parameters();
  }

  reset_parameters(): void {
    init.kaiming_uniform_(this.weight, Math.sqrt(5));
    if (this.bias) {
      const [fanIn] = init._calculate_fan_in_and_fan_out(this.weight);
      if (fanIn !== 0) {
        const bound = 1 / Math.sqrt(fanIn);
        init.uniform_(this.bias, -bound, bound);
      }
    }
  }

  protected convOpts(): Cv.ConvOptions {
    if (this.padding_mode !== 'zeros') return { stride: this.stride, dilation: this.dilation, groups: this.groups };
    return { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups };
  }

  /** The input, padded as padding_mode says when it is not 'zeros' (PyTorch's F.pad before the conv). */
  protected padInput(input: Tensor): Tensor {
    if (this.padding_mode === 'zeros') return input;
    const nd = this.kernel_size.length;
    const given = input;
    let x = input;
    for (let i = nd - 1; i >= 0; i--) { // the last dim first, as F.pad (and its errors)
      // 'same': total d·(k−1), the odd one after (PyTorch's _reversed_padding_repeated_twice).
      const total = this.padding === 'same' ? this.dilation[i] * (this.kernel_size[i] - 1) : 0;
      const [lo, hi] = this.padding === 'same' ? [Math.floor(total / 2), total - Math.floor(total / 2)]
        : this.padding === 'valid' ? [0, 0] : [this.padding[i], this.padding[i]];
      if (lo === 0 && hi === 0) continue;
      const dim = x._shape.length - nd + i;
      if (dim < 0) break; // the conv reports the bad input
      // reflection_pad3d names the argument and prints the input's sizes; the 1-D and 2-D ones print its rank.
      const [input, arg] = nd === 3 ? [fmtShape(x._shape), 4 + 2 * (nd - 1 - i)] : [String(x._shape.length), 4];
      const idx = padIndex(x._shape[dim], lo, hi, this.padding_mode, dim, input, arg);
      const next = S.index_select(x, dim, idx);
      idx.dispose();
      if (x !== given) x.dispose();
      x = next;
    }
    return x;
  }

  /** conv over the padded input; the padded copy (a padding_mode other than 'zeros') is released at once. */
  protected convPadded(conv: (x: Tensor) => Tensor, input: Tensor): Tensor {
    const x = this.padInput(input);
    const out = conv(x);
    if (x !== input) x.dispose();
    return out;
  }

  override extra_repr(): string {
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${pyTuple(this.kernel_size)}, ` +
      `stride=${pyTuple(this.stride)}`;
    if (typeof this.padding === 'string') s += `, padding=${this.padding}`;
    else if (this.padding.some((p) => p !== 0)) s += `, padding=${pyTuple(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyTuple(this.dilation)}`;
    if (this.output_padding.some((p) => p !== 0)) s += `, output_padding=${pyTuple(this.output_padding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ', bias=False';
    if (this.padding_mode !== 'zeros') s += `, padding_mode=${this.padding_mode}`;
    return s;
  }
}

/**
 * 2-D convolution layer, as `torch.nn.Conv2d`: weight (out, in/groups, kH, kW), bias (out).
 * @example const conv = new nn.Conv2d(3, 8, 3, { stride: 2, padding: 1 }); conv(torch.randn(1, 3, 32, 32)) // (1, 8, 16, 16)
 */
export class Conv2d extends ConvNd {
  constructor(...all: ConvCtorArgs) {
    super(2, ...convArgs('Conv2d', all));
  }
  override forward(input: Tensor): Tensor {
    return this.convPadded((x) => Cv.conv2d(x, this.weight, this.bias, this.convOpts()), input);
  }
}

/**
 * 1-D convolution layer, as `torch.nn.Conv1d`: weight (out, in/groups, k), bias (out).
 * @example const conv = new nn.Conv1d(3, 5, 4, { stride: 2 }); conv(torch.randn(2, 3, 10)) // (2, 5, 4)
 */
export class Conv1d extends ConvNd {
  constructor(...all: ConvCtorArgs) {
    super(1, ...convArgs('Conv1d', all));
  }
  override forward(input: Tensor): Tensor {
    return this.convPadded((x) => Cv.conv1d(x, this.weight, this.bias, this.convOpts()), input);
  }
}

/**
 * 3-D convolution layer, as `torch.nn.Conv3d`: weight (out, in/groups, kD, kH, kW), bias (out).
 * @example const conv = new nn.Conv3d(2, 4, 3, { padding: 1 }); conv(torch.randn(1, 2, 6, 6, 6)) // (1, 4, 6, 6, 6)
 */
export class Conv3d extends ConvNd {
  constructor(...all: ConvCtorArgs) {
    super(3, ...convArgs('Conv3d', all));
  }
  override forward(input: Tensor): Tensor {
    return this.convPadded((x) => Cv.conv3d(x, this.weight, this.bias, this.convOpts()), input);
  }
}

export interface ConvTransposeModuleOptions extends FactoryKwargs {
  stride?: Pair;
  padding?: Pair;
  output_padding?: Pair;
  groups?: number;
  bias?: boolean;
  dilation?: Pair;
  padding_mode?: 'zeros';
}
/** ConvTranspose's `(stride, padding, output_padding, groups, bias, dilation, padding_mode, device, dtype)`. */
export type ConvTransposeArgs = Args<[stride: Pair, padding: Pair, output_padding: Pair, groups: number, bias: boolean,
  dilation: Pair, padding_mode: 'zeros', ...Factory], ConvTransposeModuleOptions>;
/** A transposed convolution's arguments, all by position or by name from a required one on. */
export type ConvTransposeCtorArgs = Init<[in_channels: number, out_channels: number, kernel_size: Pair],
  ['in_channels', 'out_channels', 'kernel_size'], [stride: Pair, padding: Pair, output_padding: Pair, groups: number, bias: boolean,
    dilation: Pair, padding_mode: 'zeros', ...Factory], ConvTransposeModuleOptions>;

/** The shared part of ConvTranspose1d and ConvTranspose2d (PyTorch's `_ConvTransposeNd`). */
abstract class ConvTransposeNd extends ConvNd {
  declare readonly padding: number[];
  constructor(nd: number, in_channels: number, out_channels: number, kernel_size: Pair, opts: ConvTransposeModuleOptions) {
    if ((opts.padding_mode ?? 'zeros') !== 'zeros') {
      throw new RangeError(`Only "zeros" padding mode is supported for ${new.target.name}`);
    }
    super(nd, in_channels, out_channels, kernel_size, opts, true);
  }

  /**
   * PyTorch's `_output_padding`: the module's output_padding, or the one that gives `output_size`
   * (the spatial sizes, optionally preceded by the batch and channel sizes).
   */
  protected outputPadding(input: Tensor, output_size: readonly number[] | null | undefined): number[] {
    if (this.padding_mode !== 'zeros') {
      throw new RangeError(`Only "zeros" padding mode is supported for ${this._getName()}`);
    }
    if (output_size == null) return this.output_padding;
    const nd = this.kernel_size.length;
    const nonSpatial = input._shape.length === nd + 2 ? 2 : 1;
    let size = output_size.slice();
    if (size.length === nonSpatial + nd) size = size.slice(nonSpatial);
    if (size.length !== nd) {
      throw new RangeError(`ConvTranspose${nd}D: for ${input._shape.length}D input, output_size must have ${nd} or ` +
        `${nonSpatial + nd} elements (got ${size.length})`);
    }
    const min: number[] = [];
    const max: number[] = [];
    for (let d = 0; d < nd; d++) {
      min.push((input._shape[d + nonSpatial] - 1) * this.stride[d] - 2 * this.padding[d] +
        this.dilation[d] * (this.kernel_size[d] - 1) + 1);
      max.push(min[d] + this.stride[d] - 1);
    }
    if (size.some((s, i) => s < min[i] || s > max[i])) {
      throw new RangeError(`requested an output size of [${size.join(', ')}], ` +
        `but valid sizes range from [${min.join(', ')}] to [${max.join(', ')}] (for an input of ` +
        `${formatSize(input._shape.slice(2))})`);
    }
    return size.map((s, i) => s - min[i]);
  }

  protected transposeOpts(output_size: readonly number[] | null | undefined, input: Tensor): Cv.ConvTransposeOptions {
    return { stride: this.stride, padding: this.padding, output_padding: this.outputPadding(input, output_size),
      groups: this.groups, dilation: this.dilation };
  }
}

/**
 * 2-D transposed convolution layer, as `torch.nn.ConvTranspose2d`: weight (in, out/groups, kH, kW),
 * bias (out); `forward(input, output_size?)` picks the output_padding that gives output_size.
 * @example const up = new nn.ConvTranspose2d(8, 4, 3, { stride: 2, padding: 1, output_padding: 1 }); up(torch.randn(1, 8, 7, 7)) // (1, 4, 14, 14)
 */
export class ConvTranspose2d extends ConvTransposeNd {
  constructor(...args: ConvTransposeCtorArgs) {
    super(2, ...convArgs<ConvTransposeModuleOptions>('ConvTranspose2d', args, CONV_T));
  }
  override forward(input: Tensor, output_size?: readonly number[] | null): Tensor {
    return Cv.conv_transpose2d(input, this.weight, this.bias, this.transposeOpts(output_size, input));
  }
}

/**
 * 3-D transposed convolution layer, as `torch.nn.ConvTranspose3d`: weight (in, out/groups, kD, kH, kW),
 * bias (out); `forward(input, output_size?)` as ConvTranspose2d.
 * @example const up = new nn.ConvTranspose3d(4, 2, 2, { stride: 2 }); up(torch.randn(1, 4, 3, 3, 3)) // (1, 2, 6, 6, 6)
 */
export class ConvTranspose3d extends ConvTransposeNd {
  constructor(...args: ConvTransposeCtorArgs) {
    super(3, ...convArgs<ConvTransposeModuleOptions>('ConvTranspose3d', args, CONV_T));
  }
  override forward(input: Tensor, output_size?: readonly number[] | null): Tensor {
    return Cv.conv_transpose3d(input, this.weight, this.bias, this.transposeOpts(output_size, input));
  }
}

/**
 * 1-D transposed convolution layer, as `torch.nn.ConvTranspose1d`: weight (in, out/groups, k), bias (out).
 * @example const up = new nn.ConvTranspose1d(3, 5, 4, { stride: 2 }); up(torch.randn(2, 3, 6)) // (2, 5, 14)
 */
export class ConvTranspose1d extends ConvTransposeNd {
  constructor(...args: ConvTransposeCtorArgs) {
    super(1, ...convArgs<ConvTransposeModuleOptions>('ConvTranspose1d', args, CONV_T));
  }
  override forward(input: Tensor, output_size?: readonly number[] | null): Tensor {
    return Cv.conv_transpose1d(input, this.weight, this.bias, this.transposeOpts(output_size, input));
  }
}

// ---------------------------------------------------------------- pooling

const POOL_KINDS = { kernel_size: 'ints', stride: 'ints?', padding: 'ints', dilation: 'ints', divisor_override: 'int?' } as const;

export interface MaxPoolModuleOptions {
  stride?: Pair | null;
  padding?: Pair;
  dilation?: Pair;
  return_indices?: boolean;
  ceil_mode?: boolean;
}
/** MaxPool's `(stride, padding, dilation, return_indices, ceil_mode)`, by position or as options. */
export type MaxPoolArgs = Args<[stride: Pair | null, padding: Pair, dilation: Pair, return_indices: boolean, ceil_mode: boolean], MaxPoolModuleOptions>;
/** MaxPool's `(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)`. */
export type MaxPoolCtorArgs = Init<[kernel_size: Pair], ['kernel_size'], [stride: Pair | null, padding: Pair, dilation: Pair,
  return_indices: boolean, ceil_mode: boolean], MaxPoolModuleOptions>;

abstract class MaxPoolNd extends Module {
  readonly kernel_size: Pair;
  readonly stride: Pair;
  readonly padding: Pair;
  readonly dilation: Pair;
  readonly return_indices: boolean;
  readonly ceil_mode: boolean;
  constructor(args: readonly unknown[]) {
    super();
    const opts = initArgs('_MaxPoolNd', 0, ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode'], {}, args, [],
      false, 1);
    checkArgs('_MaxPoolNd', opts, POOL_KINDS);
    const kernel_size = opts.kernel_size as Pair;
    this.kernel_size = kernel_size;
    this.stride = opts.stride ?? kernel_size;
    this.padding = opts.padding ?? 0;
    this.dilation = opts.dilation ?? 1;
    this.return_indices = opts.return_indices ?? false;
    this.ceil_mode = opts.ceil_mode ?? false;
  }
  protected poolOpts(): Cv.MaxPoolOptions {
    return { stride: this.stride, padding: this.padding, dilation: this.dilation, ceil_mode: this.ceil_mode,
      return_indices: this.return_indices };
  }
  override extra_repr(): string {
    return `kernel_size=${pyValue(this.kernel_size)}, stride=${pyValue(this.stride)}, ` +
      `padding=${pyValue(this.padding)}, dilation=${pyValue(this.dilation)}, ceil_mode=${pyBool(this.ceil_mode)}`;
  }
}

/**
 * 2-D max pooling, as `torch.nn.MaxPool2d` (stride defaults to kernel_size). With
 * `return_indices: true` the forward gives `[output, indices]`.
 * @example new nn.MaxPool2d(2)(torch.randn(1, 4, 28, 28)) // (1, 4, 14, 14)
 */
export class MaxPool2d extends MaxPoolNd {
  constructor(...args: MaxPoolCtorArgs) {
    super(args);
  }
  override forward(input: Tensor): Tensor {
    return Cv.max_pool2d(input, this.kernel_size, this.poolOpts()) as Tensor;
  }
}

/**
 * 1-D max pooling, as `torch.nn.MaxPool1d`.
 * @example new nn.MaxPool1d(3, { stride: 2 })(torch.randn(2, 3, 11)) // (2, 3, 5)
 */
export class MaxPool1d extends MaxPoolNd {
  constructor(...args: MaxPoolCtorArgs) {
    super(args);
  }
  override forward(input: Tensor): Tensor {
    return Cv.max_pool1d(input, this.kernel_size, this.poolOpts()) as Tensor;
  }
}

/**
 * 3-D max pooling, as `torch.nn.MaxPool3d` (stride defaults to kernel_size).
 * @example new nn.MaxPool3d(2)(torch.randn(1, 2, 8, 8, 8)) // (1, 2, 4, 4, 4)
 */
export class MaxPool3d extends MaxPoolNd {
  constructor(...args: MaxPoolCtorArgs) {
    super(args);
  }
  override forward(input: Tensor): Tensor {
    return Cv.max_pool3d(input, this.kernel_size, this.poolOpts()) as Tensor;
  }
}

export interface AvgPoolModuleOptions {
  stride?: Pair | null;
  padding?: Pair;
  ceil_mode?: boolean;
  count_include_pad?: boolean;
  divisor_override?: number | null;
}

/**
 * 2-D average pooling, as `torch.nn.AvgPool2d`.
 * @example new nn.AvgPool2d(3, { stride: 2, padding: 1, count_include_pad: false })
 */
export class AvgPool2d extends Module {
  readonly kernel_size: Pair;
  readonly stride: Pair;
  readonly padding: Pair;
  readonly ceil_mode: boolean;
  readonly count_include_pad: boolean;
  readonly divisor_override: number | null;
  constructor(...args: Init<[kernel_size: Pair], ['kernel_size'], [stride: Pair | null, padding: Pair, ceil_mode: boolean,
    count_include_pad: boolean, divisor_override: number | null], AvgPoolModuleOptions>) {
    super();
    const cls = new.target.name;
    const opts = initArgs(cls, 0, ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'], {}, args, [],
      false, 1);
    checkArgs(cls, opts, POOL_KINDS);
    const kernel_size = opts.kernel_size as Pair;
    this.kernel_size = kernel_size;
    this.stride = opts.stride ?? kernel_size;
    this.padding = opts.padding ?? 0;
    this.ceil_mode = opts.ceil_mode ?? false;
    this.count_include_pad = opts.count_include_pad ?? true;
    this.divisor_override = opts.divisor_override ?? null;
  }
  override forward(input: Tensor): Tensor {
    return Cv.avg_pool2d(input, this.kernel_size, {
      stride: this.stride, padding: this.padding, ceil_mode: this.ceil_mode,
      count_include_pad: this.count_include_pad, divisor_override: this.divisor_override,
    });
  }
  override extra_repr(): string {
    return `kernel_size=${pyValue(this.kernel_size)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}`;
  }
}

/**
 * 3-D average pooling, as `torch.nn.AvgPool3d`.
 * @example new nn.AvgPool3d(3, { stride: 2, padding: 1 })(torch.randn(1, 2, 6, 6, 6)) // (1, 2, 3, 3, 3)
 */
export class AvgPool3d extends AvgPool2d {
  override forward(input: Tensor): Tensor {
    return Cv.avg_pool3d(input, this.kernel_size, {
      stride: this.stride, padding: this.padding, ceil_mode: this.ceil_mode,
      count_include_pad: this.count_include_pad, divisor_override: this.divisor_override,
    });
  }
}

/**
 * 1-D average pooling, as `torch.nn.AvgPool1d`.
 * @example new nn.AvgPool1d(3)(torch.randn(2, 3, 9)) // (2, 3, 3)
 */
export class AvgPool1d extends Module {
  readonly kernel_size: number[];
  readonly stride: number[];
  readonly padding: number[];
  readonly ceil_mode: boolean;
  readonly count_include_pad: boolean;
  constructor(...args: Init<[kernel_size: Pair], ['kernel_size'], [stride: Pair | null, padding: Pair, ceil_mode: boolean,
    count_include_pad: boolean], Omit<AvgPoolModuleOptions, 'divisor_override'>>) {
    super();
    const opts = initArgs('AvgPool1d', 0, ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad'], {}, args, [], false, 1);
    checkArgs('AvgPool1d', opts, POOL_KINDS);
    const kernel_size = opts.kernel_size as Pair;
    this.kernel_size = ntuple(kernel_size, 1);
    this.stride = ntuple(opts.stride ?? kernel_size, 1);
    this.padding = ntuple(opts.padding ?? 0, 1);
    this.ceil_mode = opts.ceil_mode ?? false;
    this.count_include_pad = opts.count_include_pad ?? true;
  }
  override forward(input: Tensor): Tensor {
    return Cv.avg_pool1d(input, this.kernel_size, {
      stride: this.stride, padding: this.padding, ceil_mode: this.ceil_mode, count_include_pad: this.count_include_pad,
    });
  }
  override extra_repr(): string {
    return `kernel_size=${pyTuple(this.kernel_size)}, stride=${pyTuple(this.stride)}, padding=${pyTuple(this.padding)}`;
  }
}

type OutputSize = number | readonly (number | null)[];

/** An adaptive pool's output size: an int, or a tuple of ints and Nones. */
function checkOutputSize(cls: string, v: unknown): void {
  if (Array.isArray(v)) checkArgs(cls, { output_size: v.map((x) => x ?? 1) }, { output_size: 'intlist' });
  else checkArgs(cls, { output_size: v }, { output_size: 'int' });
}

/**
 * Adaptive 2-D average pooling to a fixed output size, as `torch.nn.AdaptiveAvgPool2d`
 * (null in the size keeps that input dimension).
 * @example new nn.AdaptiveAvgPool2d([1, 1])(torch.randn(2, 8, 7, 7)) // (2, 8, 1, 1)
 */
export class AdaptiveAvgPool2d extends Module {
  readonly output_size: OutputSize;
  constructor(...args: Init<[output_size: OutputSize], ['output_size'], [], object>) {
    super();
    this.output_size = initArgs('_AdaptiveAvgPoolNd', 0, ['output_size'], {}, args, [], false, 1).output_size;
    checkOutputSize('_AdaptiveAvgPoolNd', this.output_size);
  }
  override forward(input: Tensor): Tensor {
    return Cv.adaptive_avg_pool2d(input, this.output_size);
  }
  override extra_repr(): string {
    return `output_size=${pyValue(this.output_size)}`;
  }
}

/**
 * Adaptive 2-D max pooling, as `torch.nn.AdaptiveMaxPool2d`.
 * @example new nn.AdaptiveMaxPool2d(2)(torch.randn(1, 3, 9, 9)) // (1, 3, 2, 2)
 */
export class AdaptiveMaxPool2d extends Module {
  readonly output_size: OutputSize;
  readonly return_indices: boolean;
  constructor(...args: Init<[output_size: OutputSize], ['output_size'], [return_indices: boolean], { return_indices?: boolean }>) {
    super();
    const o = initArgs('_AdaptiveMaxPoolNd', 0, ['output_size', 'return_indices'], { return_indices: false }, args, [], false, 1);
    checkOutputSize('_AdaptiveMaxPoolNd', o.output_size);
    this.output_size = o.output_size;
    this.return_indices = o.return_indices;
  }
  override forward(input: Tensor): Tensor {
    return Cv.adaptive_max_pool2d(input, this.output_size, { return_indices: this.return_indices } as
      { return_indices: false });
  }
  override extra_repr(): string {
    return `output_size=${pyValue(this.output_size)}`;
  }
}

/**
 * Adaptive 3-D average pooling to a fixed output size, as `torch.nn.AdaptiveAvgPool3d`
 * (null in the size keeps that input dimension).
 * @example new nn.AdaptiveAvgPool3d(1)(torch.randn(2, 8, 4, 5, 6)) // (2, 8, 1, 1, 1)
 */
export class AdaptiveAvgPool3d extends AdaptiveAvgPool2d {
  override forward(input: Tensor): Tensor {
    return Cv.adaptive_avg_pool3d(input, this.output_size);
  }
}

/**
 * Adaptive 3-D max pooling, as `torch.nn.AdaptiveMaxPool3d`.
 * @example new nn.AdaptiveMaxPool3d([1, 2, 2])(torch.randn(1, 3, 4, 6, 6)) // (1, 3, 1, 2, 2)
 */
export class AdaptiveMaxPool3d extends AdaptiveMaxPool2d {
  override forward(input: Tensor): Tensor {
    return Cv.adaptive_max_pool3d(input, this.output_size, { return_indices: this.return_indices } as
      { return_indices: false });
  }
}

// ---------------------------------------------------------------- unfold / fold


/**
 * Extracts sliding local blocks, as `torch.nn.Unfold`: (N, C, H, W) → (N, C·kH·kW, L).
 * @example new nn.Unfold(2, { stride: 2 })(torch.randn(1, 3, 8, 8)) // (1, 12, 16)
 */
export class Unfold extends Module {
  readonly dilation: Pair;
  readonly padding: Pair;
  readonly stride: Pair;
  readonly kernel_size: Pair;
  constructor(...args: Init<[kernel_size: Pair], ['kernel_size'], [dilation: Pair, padding: Pair, stride: Pair], Cv.UnfoldOptions>) {
    super();
    const opts = initArgs('Unfold', 0, ['kernel_size', 'dilation', 'padding', 'stride'], {}, args, [], false, 1);
    checkArgs('Unfold', opts, { kernel_size: 'ints', dilation: 'ints', padding: 'ints', stride: 'ints' });
    this.kernel_size = opts.kernel_size;
    this.dilation = opts.dilation ?? 1;
    this.padding = opts.padding ?? 0;
    this.stride = opts.stride ?? 1;
  }
  override forward(input: Tensor): Tensor {
    return Cv.unfold(input, this.kernel_size, { dilation: this.dilation, padding: this.padding, stride: this.stride });
  }
  override extra_repr(): string {
    return `kernel_size=${pyValue(this.kernel_size)}, dilation=${pyValue(this.dilation)}, ` +
      `padding=${pyValue(this.padding)}, stride=${pyValue(this.stride)}`;
  }
}

/**
 * Combines sliding local blocks (summing overlaps), as `torch.nn.Fold`: (N, C·kH·kW, L) → (N, C, H, W).
 * @example new nn.Fold([4, 4], 2, { stride: 2 })(torch.randn(1, 12, 4)) // (1, 3, 4, 4)
 */
export class Fold extends Module {
  readonly dilation: Pair;
  readonly padding: Pair;
  readonly stride: Pair;
  readonly output_size: Pair;
  readonly kernel_size: Pair;
  constructor(...args: Init<[output_size: Pair, kernel_size: Pair], ['output_size', 'kernel_size'], [dilation: Pair, padding: Pair,
    stride: Pair], Cv.UnfoldOptions>) {
    super();
    const opts = initArgs('Fold', 0, ['output_size', 'kernel_size', 'dilation', 'padding', 'stride'], {}, args, [], false, 2);
    checkArgs('Fold', opts, { output_size: 'ints', kernel_size: 'ints', dilation: 'ints', padding: 'ints', stride: 'ints' });
    this.output_size = opts.output_size;
    this.kernel_size = opts.kernel_size;
    this.dilation = opts.dilation ?? 1;
    this.padding = opts.padding ?? 0;
    this.stride = opts.stride ?? 1;
  }
  override forward(input: Tensor): Tensor {
    return Cv.fold(input, this.output_size, this.kernel_size,
      { dilation: this.dilation, padding: this.padding, stride: this.stride });
  }
  override extra_repr(): string {
    return `output_size=${pyValue(this.output_size)}, kernel_size=${pyValue(this.kernel_size)}, ` +
      `dilation=${pyValue(this.dilation)}, padding=${pyValue(this.padding)}, stride=${pyValue(this.stride)}`;
  }
}
