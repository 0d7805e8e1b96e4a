// Lazy modules, after torch/nn/modules/lazy.py and the Lazy* classes of linear.py, conv.py, batchnorm.py and
// instancenorm.py. A lazy module is its regular class built with zero sizes whose parameters (and batch norms'
// running statistics) are then replaced by UninitializedParameter / UninitializedBuffer. A forward pre-hook
// registered at construction infers the missing size from the first input, materializes them in place (the same
// objects, so an optimizer made before keeps them) and initializes them as the regular class does, then the
// module becomes that class (`cls_to_become`: its prototype is switched, as PyTorch assigns `__class__`).
// Loading a state_dict into an uninitialized lazy module materializes its entries with the checkpoint's shapes
// (Module.load_state_dict); the class changes at the next forward, which then infers nothing.
import { Tensor } from '../tensor.js';
import { int64 } from '../dtype.js';
import { no_grad } from '../autograd.js';
import * as C from '../ops/create.js';
import { formatSize } from '../print.js';
import { Module, UninitializedParameter, UninitializedBuffer, is_lazy, initArgs, checkArgs, type Args, type Init, type Factory,
  type RemovableHandle } from './module.js';
import { Linear, BatchNorm1d, BatchNorm2d, BatchNorm3d, type BatchNormOptions, type LinearOptions } from './layers.js';
import { Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, ConvTranspose3d, type ConvModuleOptions,
  type ConvTransposeModuleOptions } from './conv.js';
import type { ConvPadding, Pair } from '../ops/conv.js';
import { NormBase } from './norm-base.js';
import { InstanceNorm1d, InstanceNorm2d, InstanceNorm3d, type InstanceNormModuleOptions } from './cnn-utils.js';
import { NotImplementedError } from '../distributions/utils.js';
import { warnOnce } from '../warn.js';

/** PyTorch's UserWarning, once per process (Python shows a warning once per call site). */
function warnLazy(): void {
  warnOnce('lazy', 'Lazy modules are a new feature under heavy development so changes to the API or functionality can ' +
    'happen at any moment.');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ModuleClass = abstract new (...args: any[]) => Module;
type Writable = Record<string, unknown>;

/** The fields a lazy module sets after its base class made them read-only. */
function set(m: Module, values: Record<string, unknown>): void {
  Object.assign(m as unknown as Writable, values);
}

/** What LazyModuleMixin adds to a module class. */
interface LazyMembers {
  has_uninitialized_params(): boolean;
  initialize_parameters(...input: unknown[]): void;
  _infer_parameters(input: unknown[]): void;
}
/** A module class with LazyModuleMixin's members and its static `cls_to_become`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LazyClass<TBase extends ModuleClass> = TBase & (abstract new (...args: any[]) => LazyMembers) & { cls_to_become: ModuleClass | null };

/** A lazy class over `Base` whose constructor takes its own arguments: `Base`'s members and statics, LazyModuleMixin's. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LazyOf<TBase extends ModuleClass> = Omit<TBase, 'prototype'> & (new (...args: any[]) => InstanceType<TBase> & LazyMembers) &
  { cls_to_become: ModuleClass | null };

/**
 * PyTorch's LazyModuleMixin over `Base`: the inference hook, `has_uninitialized_params()`, and the switch to
 * `cls_to_become` once the first forward has materialized everything.
 */
function LazyModuleMixin<TBase extends ModuleClass>(Base: TBase): LazyClass<TBase> {
  abstract class Lazy extends Base {
    /** The class the module becomes after its first forward (PyTorch's `cls_to_become`). */
    static cls_to_become: ModuleClass | null = null;
    declare _initialize_hook?: RemovableHandle;

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    constructor(...args: any[]) {
      super(...args);
      const hook = this.register_forward_pre_hook((m, input) => { (m as unknown as Lazy)._infer_parameters(input); });
      Object.defineProperty(this, '_initialize_hook', { value: hook, writable: true, configurable: true, enumerable: false });
      warnLazy();
    }

    /** Whether a parameter or buffer of this module (not its children) is still uninitialized. */
    has_uninitialized_params(): boolean {
      this._sync();
      for (const t of [...this._parameters.values(), ...this._buffers.values()]) if (is_lazy(t)) return true;
      return false;
    }

    /** Infers the sizes from the first forward's arguments and materializes the parameters (each class's own). */
    initialize_parameters(...input: unknown[]): void {
      void input;
      throw new NotImplementedError(`initialize_parameters is not implemented for ${this._getName()}`);
    }

    /** The forward pre-hook: initialize, check, remove the hook and become `cls_to_become`. */
    _infer_parameters(input: unknown[]): void {
      this.initialize_parameters(...input);
      if (this.has_uninitialized_params()) throw new Error(`module ${this._getName()} has not been fully initialized`);
      this._initialize_hook?.remove();
      delete this._initialize_hook;
      const to = (this.constructor as typeof Lazy).cls_to_become;
      if (to !== null) Object.setPrototypeOf(this, to.prototype);
    }
  }
  return Lazy as unknown as LazyClass<TBase>;
}

/** `input.shape[i]`, with Python's IndexError for a missing dimension. */
function dimOf(input: Tensor, i: number): number {
  const n = input._shape.length;
  if (i >= n || i < -n) throw new RangeError('tuple index out of range');
  return input._shape[i < 0 ? i + n : i];
}

// ---------------------------------------------------------------- LazyLinear

/**
 * A Linear layer whose `in_features` is inferred from the first input's last dimension, as `torch.nn.LazyLinear(
 * out_features, bias=True)`. It prints `in_features=0` until then and becomes an `nn.Linear`, initialized as one.
 * @example const fc = new nn.LazyLinear(10); fc(torch.randn(2, 5)); String(fc) // 'Linear(in_features=5, out_features=10, bias=True)'
 */
export class LazyLinear extends LazyModuleMixin(Linear) {
  static override cls_to_become: ModuleClass | null = Linear;
  constructor(...args: Init<[out_features: number], ['out_features'], [bias: boolean, ...Factory], LinearOptions>) {
    const o = initArgs('LazyLinear', 0, ['out_features', 'bias'], {}, args, [], true, 1);
    checkArgs('LazyLinear', o, { out_features: 'int' });
    const out_features = o.out_features as number;
    // bias false: no tensor made only to be replaced (PyTorch's comment)
    super(0, 0, false);
    const w = this.weight;
    this.weight = new UninitializedParameter();
    w.dispose();
    set(this, { out_features });
    if (o.bias ?? true) this.bias = new UninitializedParameter();
  }

  override reset_parameters(): void {
    if (!this.has_uninitialized_params() && this.in_features !== 0) super.reset_parameters();
  }

  override initialize_parameters(input: Tensor): void {
    if (!this.has_uninitialized_params()) return;
    no_grad(() => {
      set(this, { in_features: dimOf(input, -1) });
      (this.weight as UninitializedParameter).materialize([this.out_features, this.in_features]);
      if (this.bias) (this.bias as UninitializedParameter).materialize([this.out_features]);
      this.reset_parameters();
    });
  }
}

// ---------------------------------------------------------------- LazyConv*d, LazyConvTranspose*d

const CONV = ['stride', 'padding', 'dilation', 'groups', 'bias', 'padding_mode'];
const CONV_T = ['stride', 'padding', 'output_padding', 'groups', 'bias', 'dilation', 'padding_mode'];

/** What the lazy convolutions share (PyTorch's _LazyConvXdMixin) beyond their base class. */
interface ConvLike extends Module {
  weight: UninitializedParameter; bias: UninitializedParameter | null; in_channels: number; out_channels: number;
  groups: number; transposed: boolean; kernel_size: number[];
  has_uninitialized_params(): boolean; reset_parameters(): void;
}

/** A Conv or ConvTranspose class, constructed as `new Base(in_channels, out_channels, kernel_size, options)`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ConvClass = ModuleClass & (new (...args: any[]) => Module & { reset_parameters(): void });

/**
 * PyTorch's _LazyConvXdMixin over `Base` (an `nd`-dimensional convolution whose constructor takes `names` after
 * out_channels and kernel_size, PyTorch's TypeErrors naming `cls`): built with zero channels and no bias, whose weight
 * (and bias) become uninitialized ones, materialized from the first input's channel dim.
 */
function LazyConvMixin<TBase extends ConvClass>(Base: TBase, cls: string, names: string[], nd: number): LazyOf<TBase> {
  abstract class LazyConv extends LazyModuleMixin(Base) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    constructor(...args: any[]) {
      const { out_channels, kernel_size, ...o } = initArgs(cls, 0, ['out_channels', 'kernel_size', ...names], {}, args, [], true, 2);
      checkArgs(cls, { out_channels, kernel_size }, { out_channels: 'int', kernel_size: 'ints' });
      super(0, 0, kernel_size, { ...o, bias: false });
      const m = this as unknown as ConvLike;
      const w = m.weight;
      m.weight = new UninitializedParameter();
      w.dispose();
      set(m, { out_channels });
      if (o.bias ?? true) m.bias = new UninitializedParameter();
    }

    override reset_parameters(): void {
      if (!this.has_uninitialized_params() && (this as unknown as ConvLike).in_channels !== 0) super.reset_parameters();
    }

    override initialize_parameters(input: Tensor): void {
      if (!this.has_uninitialized_params()) return;
      const m = this as unknown as ConvLike;
      const dims = input._shape.length;
      if (dims !== nd + 1 && dims !== nd + 2) {
        throw new Error(`Expected ${nd + 1}D (unbatched) or ${nd + 2}D (batched) input to ${m._getName()}, but got input of size: ` +
          formatSize(input._shape));
      }
      const inChannels = dims === nd + 2 ? input._shape[1] : input._shape[0];
      if (inChannels % m.groups !== 0) throw new RangeError('in_channels must be divisible by groups');
      no_grad(() => {
        set(m, { in_channels: inChannels });
        const g = m.groups;
        m.weight.materialize(m.transposed ? [inChannels, Math.floor(m.out_channels / g), ...m.kernel_size]
          : [m.out_channels, Math.floor(inChannels / g), ...m.kernel_size]);
        m.bias?.materialize([m.out_channels]);
        this.reset_parameters();
      });
    }
  }
  return LazyConv as unknown as LazyOf<TBase>;
}

/** A lazy convolution's `(out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros',
 *  device=None, dtype=None)`. */
type LazyConvArgs = Init<[out_channels: number, kernel_size: Pair], ['out_channels', 'kernel_size'], [stride: Pair, padding: ConvPadding,
  dilation: Pair, groups: number, bias: boolean, padding_mode: 'zeros' | 'reflect' | 'replicate' | 'circular', ...Factory], ConvModuleOptions>;
/** A lazy transposed convolution's `(out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1,
 *  padding_mode='zeros', device=None, dtype=None)`. */
type LazyConvTransposeArgs = Init<[out_channels: number, kernel_size: Pair], ['out_channels', 'kernel_size'], [stride: Pair, padding: Pair,
  output_padding: Pair, groups: number, bias: boolean, dilation: Pair, padding_mode: 'zeros', ...Factory], ConvTransposeModuleOptions>;

/**
 * Conv1d with `in_channels` inferred from the first input, as `torch.nn.LazyConv1d(out_channels, kernel_size, stride,
 * padding, dilation, groups, bias, padding_mode)`; becomes an `nn.Conv1d`. @example new nn.LazyConv1d(8, 3)
 */
export class LazyConv1d extends LazyConvMixin(Conv1d, 'LazyConv1d', CONV, 1) {
  static override cls_to_become: ModuleClass | null = Conv1d;
  constructor(...args: LazyConvArgs) { super(...args); }
}

/**
 * Conv2d with `in_channels` inferred from the first input, as `torch.nn.LazyConv2d(out_channels, kernel_size, ...)`;
 * becomes an `nn.Conv2d`. @example const conv = new nn.LazyConv2d(16, 3, { padding: 1 }); conv(torch.randn(1, 3, 8, 8))
 */
export class LazyConv2d extends LazyConvMixin(Conv2d, 'LazyConv2d', CONV, 2) {
  static override cls_to_become: ModuleClass | null = Conv2d;
  constructor(...args: LazyConvArgs) { super(...args); }
}

/** Conv3d with `in_channels` inferred from the first input, as `torch.nn.LazyConv3d`; becomes an `nn.Conv3d`. @example new nn.LazyConv3d(4, 2) */
export class LazyConv3d extends LazyConvMixin(Conv3d, 'LazyConv3d', CONV, 3) {
  static override cls_to_become: ModuleClass | null = Conv3d;
  constructor(...args: LazyConvArgs) { super(...args); }
}

/**
 * ConvTranspose1d with `in_channels` inferred from the first input, as `torch.nn.LazyConvTranspose1d(out_channels,
 * kernel_size, stride, padding, output_padding, groups, bias, dilation, padding_mode)`. @example new nn.LazyConvTranspose1d(4, 3)
 */
export class LazyConvTranspose1d extends LazyConvMixin(ConvTranspose1d, 'LazyConvTranspose1d', CONV_T, 1) {
  static override cls_to_become: ModuleClass | null = ConvTranspose1d;
  constructor(...args: LazyConvTransposeArgs) { super(...args); }
}

/** ConvTranspose2d with `in_channels` inferred from the first input, as `torch.nn.LazyConvTranspose2d`. @example new nn.LazyConvTranspose2d(4, 3, { stride: 2 }) */
export class LazyConvTranspose2d extends LazyConvMixin(ConvTranspose2d, 'LazyConvTranspose2d', CONV_T, 2) {
  static override cls_to_become: ModuleClass | null = ConvTranspose2d;
  constructor(...args: LazyConvTransposeArgs) { super(...args); }
}

/** ConvTranspose3d with `in_channels` inferred from the first input, as `torch.nn.LazyConvTranspose3d`. @example new nn.LazyConvTranspose3d(2, 2) */
export class LazyConvTranspose3d extends LazyConvMixin(ConvTranspose3d, 'LazyConvTranspose3d', CONV_T, 3) {
  static override cls_to_become: ModuleClass | null = ConvTranspose3d;
  constructor(...args: LazyConvTransposeArgs) { super(...args); }
}

// ---------------------------------------------------------------- LazyBatchNorm*d, LazyInstanceNorm*d

const NORM = ['eps', 'momentum', 'affine', 'track_running_stats'];

/** A BatchNorm or InstanceNorm class, constructed as `new Base(num_features, options)`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type NormClass = ModuleClass & (new (...args: any[]) => NormBase);

/**
 * PyTorch's _LazyNormBase over `Base`: the module is built with num_features 0 and neither affine parameters nor
 * running statistics, which then become uninitialized ones (as `affine` and `track_running_stats` ask), materialized
 * from the first input's dim 1 (batched or not, as PyTorch). The constructor takes _LazyNormBase's `(eps=1e-05,
 * momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None)`, whose TypeErrors name it.
 */
function LazyNormMixin<TBase extends NormClass>(Base: TBase): LazyOf<TBase> {
  abstract class LazyNorm extends LazyModuleMixin(Base) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    constructor(...args: any[]) {
      const o = initArgs('_LazyNormBase', 0, NORM, {}, args);
      const affine = o.affine ?? true;
      const track = o.track_running_stats ?? true;
      super(0, { eps: o.eps, momentum: o.momentum === undefined ? 0.1 : o.momentum, affine: false, track_running_stats: false,
        device: o.device, dtype: o.dtype });
      const m = this as unknown as NormBase;
      set(m, { affine, track_running_stats: track });
      if (affine) {
        m.weight = new UninitializedParameter();
        m.bias = new UninitializedParameter();
      }
      if (track) {
        m.running_mean = new UninitializedBuffer();
        m.running_var = new UninitializedBuffer();
        m.num_batches_tracked = C.zeros([], { dtype: int64 });
      }
    }

    override reset_parameters(): void {
      if (!this.has_uninitialized_params() && (this as unknown as NormBase).num_features !== 0) super.reset_parameters();
    }

    override initialize_parameters(input: Tensor): void {
      if (!this.has_uninitialized_params()) return;
      const m = this as unknown as NormBase;
      const n = dimOf(input, 1);
      no_grad(() => {
        set(m, { num_features: n });
        if (m.affine) {
          (m.weight as UninitializedParameter).materialize([n]);
          (m.bias as UninitializedParameter).materialize([n]);
        }
        if (m.track_running_stats) {
          (m.running_mean as UninitializedBuffer).materialize([n]);
          (m.running_var as UninitializedBuffer).materialize([n]);
        }
        this.reset_parameters();
      });
    }
  }
  return LazyNorm as unknown as LazyOf<TBase>;
}

/** _LazyNormBase's `(eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None)`. */
type NormArgs = Args<[eps: number, momentum: number | null, affine: boolean, track_running_stats: boolean, ...Factory], BatchNormOptions>;
type InstanceArgs = Args<[eps: number, momentum: number, affine: boolean, track_running_stats: boolean, ...Factory], InstanceNormModuleOptions>;

/**
 * BatchNorm1d with `num_features` inferred from the first input's dim 1, as `torch.nn.LazyBatchNorm1d(eps, momentum,
 * affine, track_running_stats)`; becomes an `nn.BatchNorm1d`. @example new nn.LazyBatchNorm1d()
 */
export class LazyBatchNorm1d extends LazyNormMixin(BatchNorm1d) {
  static override cls_to_become: ModuleClass | null = BatchNorm1d;
  constructor(...args: NormArgs) { super(...args); }
}

/** BatchNorm2d with `num_features` inferred from the first input, as `torch.nn.LazyBatchNorm2d`. @example new nn.LazyBatchNorm2d() */
export class LazyBatchNorm2d extends LazyNormMixin(BatchNorm2d) {
  static override cls_to_become: ModuleClass | null = BatchNorm2d;
  constructor(...args: NormArgs) { super(...args); }
}

/** BatchNorm3d with `num_features` inferred from the first input, as `torch.nn.LazyBatchNorm3d`. @example new nn.LazyBatchNorm3d() */
export class LazyBatchNorm3d extends LazyNormMixin(BatchNorm3d) {
  static override cls_to_become: ModuleClass | null = BatchNorm3d;
  constructor(...args: NormArgs) { super(...args); }
}

/**
 * InstanceNorm1d with `num_features` inferred from the first input's dim 1, as `torch.nn.LazyInstanceNorm1d(eps,
 * momentum, affine=True, track_running_stats=True)` (_LazyNormBase's defaults, not InstanceNorm's).
 * @example new nn.LazyInstanceNorm1d()
 */
export class LazyInstanceNorm1d extends LazyNormMixin(InstanceNorm1d) {
  static override cls_to_become: ModuleClass | null = InstanceNorm1d;
  constructor(...args: InstanceArgs) { super(...args); }
}

/** InstanceNorm2d with `num_features` inferred from the first input, as `torch.nn.LazyInstanceNorm2d`. @example new nn.LazyInstanceNorm2d() */
export class LazyInstanceNorm2d extends LazyNormMixin(InstanceNorm2d) {
  static override cls_to_become: ModuleClass | null = InstanceNorm2d;
  constructor(...args: InstanceArgs) { super(...args); }
}

/** InstanceNorm3d with `num_features` inferred from the first input, as `torch.nn.LazyInstanceNorm3d`. @example new nn.LazyInstanceNorm3d() */
export class LazyInstanceNorm3d extends LazyNormMixin(InstanceNorm3d) {
  static override cls_to_become: ModuleClass | null = InstanceNorm3d;
  constructor(...args: InstanceArgs) { super(...args); }
}
