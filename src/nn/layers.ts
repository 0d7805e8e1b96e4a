// Layers: Linear, Bilinear, Identity, Embedding, dropouts, Flatten/Unflatten, LayerNorm,
// BatchNorm, the containers (Sequential, ModuleList, ModuleDict) and every activation as a
// module. Initializations follow each layer's reset_parameters in PyTorch, in the same order of
// random draws, and extra_repr prints what PyTorch prints.
import { Tensor } from '../tensor.js';
import { float32, int64 } from '../dtype.js';
import { no_grad } from '../autograd.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { formatSize, pyFloat, pyBool } from '../print.js';
import { checkSizes } from '../ops/util.js';
import { Module, Parameter, ownParameter, Args, Init, Factory, FactoryKwargs, initArgs, checkArgs } from './module.js';
import { isPlainObject } from '../optim/optimizer.js';
import { bind } from '../optim/optimizer.js';
import * as F from './F.js';
import * as init from './init.js';
import { Function as AutogradFunction, FunctionCtx } from '../function.js';
import { scoped } from '../lifetime.js';
import { warnOnce } from '../warn.js';
import { NormBase } from './norm-base.js';

export { pyFloat };

function pyTuple(xs: readonly number[]): string {
  return xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`;
}

function emptyParam(shape: number[]): Parameter {
  checkSizes('empty', shape);
  return ownParameter(Tensor._empty(shape, float32));
}

// ---------------------------------------------------------------- linear layers

/** The identity: returns its input. */
export class Identity extends Module {
  constructor(..._args: unknown[]) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return input;
  }
}

/**
 * y = x Wᵀ + b, with W (out_features, in_features) initialized as PyTorch (kaiming_uniform_ with
 * a = √5, then the bias from U(-1/√in, 1/√in)).
 * @example const fc = new nn.Linear(4, 3, { bias: false });
 */
export class Linear extends Module {
  /** The class whose `__init__` PyTorch's TypeErrors name (NonDynamicallyQuantizableLinear has its own). */
  protected static _initName = 'Linear';
  weight: Parameter;
  bias: Parameter | null;
  readonly in_features: number;
  readonly out_features: number;
  /** `nn.Linear(784, 20)`, `nn.Linear(784, 20, bias=False)`, `nn.Linear(in_features=784, out_features=20)`. */
  constructor(...args: LinearArgs) {
    super();
    const cls = (new.target as unknown as typeof Linear)._initName;
    const opts = initArgs(cls, 0, ['in_features', 'out_features', 'bias'], { bias: true }, args, [], true, 2);
    checkArgs(cls, opts, { in_features: 'int', out_features: 'int' });
    const { in_features, out_features } = opts as { in_features: number; out_features: number };
    this.in_features = in_features;
    this.out_features = out_features;
    this.weight = emptyParam([out_features, in_features]);
    this.bias = opts.bias ? emptyParam([out_features]) : null;
    this.reset_parameters();
  }
  reset_parameters(): void {
    init.kaiming_uniform_(this.weight, Math.sqrt(5));
    if (this.bias) {
      const [fanIn] = init._calculate_fan_in_and_fan_out(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      init.uniform_(this.bias, -bound, bound);
    }
  }
  override forward(input: Tensor): Tensor {
    return F.linear(input, this.weight, this.bias);
  }
  override extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${pyBool(this.bias !== null)}`;
  }
}

/** Linear's keyword arguments. */
export interface LinearOptions extends FactoryKwargs { bias?: boolean }
/** `(in_features, out_features, bias=True, device=None, dtype=None)`, by position or by name. */
export type LinearArgs = Init<[in_features: number, out_features: number], ['in_features', 'out_features'], [bias: boolean, ...Factory],
  LinearOptions>;

/** y = x1ᵀ A x2 + b. @example new nn.Bilinear(2, 3, 4) is new nn.Bilinear({ in1_features: 2, in2_features: 3, out_features: 4 }) */
export class Bilinear extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly in1_features: number;
  readonly in2_features: number;
  readonly out_features: number;
  constructor(...args: Init<[in1_features: number, in2_features: number, out_features: number],
    ['in1_features', 'in2_features', 'out_features'], [bias: boolean, ...Factory], LinearOptions>) {
    super();
    const opts = initArgs('Bilinear', 0, ['in1_features', 'in2_features', 'out_features', 'bias'], { bias: true }, args, [], true, 3);
    checkArgs('Bilinear', opts, { in1_features: 'int', in2_features: 'int', out_features: 'int' });
    const { in1_features, in2_features, out_features } = opts as Record<string, number>;
    this.in1_features = in1_features;
    this.in2_features = in2_features;
    this.out_features = out_features;
    this.weight = emptyParam([out_features, in1_features, in2_features]);
    this.bias = opts.bias ? emptyParam([out_features]) : null;
    this.reset_parameters();
  }
  reset_parameters(): void {
    const bound = 1 / Math.sqrt(this.weight._shape[1]);
    init.uniform_(this.weight, -bound, bound);
    if (this.bias) init.uniform_(this.bias, -bound, bound);
  }
  override forward(input1: Tensor, input2: Tensor): Tensor {
    return F.bilinear(input1, input2, this.weight, this.bias);
  }
  override extra_repr(): string {
    return `in1_features=${this.in1_features}, in2_features=${this.in2_features}, ` +
      `out_features=${this.out_features}, bias=${pyBool(this.bias !== null)}`;
  }
}

// ---------------------------------------------------------------- embedding

export interface EmbeddingModuleOptions extends FactoryKwargs {
  padding_idx?: number | null;
  max_norm?: number | null;
  norm_type?: number;
  scale_grad_by_freq?: boolean;
  sparse?: boolean;
  _weight?: Tensor | null;
}

/**
 * A lookup table of num_embeddings vectors of size embedding_dim, initialized N(0, 1) (the
 * padding row zeroed). @example new nn.Embedding(10, 3, { padding_idx: 0 })
 */
export class Embedding extends Module {
  weight: Parameter;
  readonly num_embeddings: number;
  readonly embedding_dim: number;
  padding_idx: number | null;
  max_norm: number | null;
  norm_type: number;
  scale_grad_by_freq: boolean;
  sparse: boolean;
  constructor(...args: Init<[num_embeddings: number, embedding_dim: number], ['num_embeddings', 'embedding_dim'], [padding_idx: number | null,
    max_norm: number | null, norm_type: number, scale_grad_by_freq: boolean, sparse: boolean, _weight: Tensor | null, ...Factory],
    EmbeddingModuleOptions>) {
    super();
    const opts = initArgs('Embedding', 0, ['num_embeddings', 'embedding_dim', 'padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq',
      'sparse', '_weight'], {}, args, [], true, 2);
    checkArgs('Embedding', opts, { num_embeddings: 'int', embedding_dim: 'int', padding_idx: 'int?', max_norm: 'float?', norm_type: 'float' });
    const { num_embeddings, embedding_dim } = opts as { num_embeddings: number; embedding_dim: number };
    this.num_embeddings = num_embeddings;
    this.embedding_dim = embedding_dim;
    let pad = opts.padding_idx ?? null;
    if (pad !== null) {
      if (pad >= num_embeddings || pad < -num_embeddings) throw new Error('Padding_idx must be within num_embeddings');
      if (pad < 0) pad += num_embeddings;
    }
    this.padding_idx = pad;
    this.max_norm = opts.max_norm ?? null;
    this.norm_type = opts.norm_type ?? 2;
    this.scale_grad_by_freq = opts.scale_grad_by_freq ?? false;
    this.sparse = opts.sparse ?? false;
    if (opts._weight) {
      if (opts._weight._shape.join() !== [num_embeddings, embedding_dim].join()) {
        throw new Error('Shape of weight does not match num_embeddings and embedding_dim');
      }
      this.weight = new Parameter(opts._weight);
    } else {
      this.weight = emptyParam([num_embeddings, embedding_dim]);
      this.reset_parameters();
    }
  }
  reset_parameters(): void {
    init.normal_(this.weight);
    if (this.padding_idx !== null) no_grad(() => E.fill_(S.select(this.weight.detach(), 0, this.padding_idx!), 0));
  }
  /** An Embedding holding `embeddings` (frozen unless `freeze: false`). */
  static from_pretrained(embeddings: Tensor, ...args: Args<[freeze: boolean, padding_idx: number | null, max_norm: number | null,
    norm_type: number, scale_grad_by_freq: boolean, sparse: boolean], Omit<EmbeddingModuleOptions, '_weight'> & { freeze?: boolean }>): Embedding {
    const { freeze, ...opts } = bind('from_pretrained', ['freeze', 'padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse'], [],
      { freeze: true, padding_idx: null, max_norm: null, norm_type: 2, scale_grad_by_freq: false, sparse: false }, args, 2, true);
    if (embeddings._shape.length !== 2) throw new Error('Embeddings parameter is expected to be 2-dimensional');
    const [rows, cols] = embeddings._shape;
    const e = new Embedding(rows, cols, { ...opts, _weight: embeddings });
    e.weight.requires_grad = !freeze;
    return e;
  }
  override forward(input: Tensor): Tensor {
    return F.embedding(input, this.weight, {
      padding_idx: this.padding_idx, max_norm: this.max_norm, norm_type: this.norm_type,
      scale_grad_by_freq: this.scale_grad_by_freq, sparse: this.sparse,
    });
  }
  override extra_repr(): string {
    let s = `${this.num_embeddings}, ${this.embedding_dim}`;
    if (this.padding_idx !== null) s += `, padding_idx=${this.padding_idx}`;
    if (this.max_norm !== null) s += `, max_norm=${pyFloat(this.max_norm)}`;
    if (this.norm_type !== 2) s += `, norm_type=${pyFloat(this.norm_type)}`;
    if (this.scale_grad_by_freq) s += ', scale_grad_by_freq=True';
    if (this.sparse) s += ', sparse=True';
    return s;
  }
}

// ---------------------------------------------------------------- dropout

abstract class DropoutBase extends Module {
  declare readonly p: number;
  declare readonly inplace: boolean;
  constructor(...args: Args<[p: number, inplace: boolean], { p?: number; inplace?: boolean }>) {
    super();
    setArgs(this, '_DropoutNd', ['p', 'inplace'], { p: 0.5, inplace: false }, args);
    const p = this.p;
    checkArgs('_DropoutNd', this as unknown as Record<string, unknown>, { p: 'float' });
    if (p < 0 || p > 1) throw new Error(`dropout probability has to be between 0 and 1, but got ${p}`);
  }
  override extra_repr(): string {
    return `p=${pyFloat(this.p)}, inplace=${pyBool(this.inplace)}`;
  }
}

/**
 * Zeroes elements with probability p in training (scaling the rest by 1/(1-p)); the identity
 * in eval. The masks match PyTorch's for the same seed. @example new nn.Dropout(0.25)
 */
export class Dropout extends DropoutBase {
  override forward(input: Tensor): Tensor {
    return F.dropout(input, this.p, this.training, this.inplace);
  }
}

/** Zeroes whole channels of (N, C, L) inputs. */
export class Dropout1d extends DropoutBase {
  override forward(input: Tensor): Tensor {
    return F.dropout1d(input, this.p, this.training, this.inplace);
  }
}

/** Zeroes whole channels of (N, C, H, W) inputs. */
export class Dropout2d extends DropoutBase {
  override forward(input: Tensor): Tensor {
    return F.dropout2d(input, this.p, this.training, this.inplace);
  }
}

/** Zeroes whole channels of (N, C, D, H, W) or (C, D, H, W) inputs, as `torch.nn.Dropout3d`. @example new nn.Dropout3d(0.2) */
export class Dropout3d extends DropoutBase {
  override forward(input: Tensor): Tensor {
    return F.dropout3d(input, this.p, this.training, this.inplace);
  }
}

/** Dropout keeping SELU's self-normalizing statistics. */
export class AlphaDropout extends DropoutBase {
  override forward(input: Tensor): Tensor {
    return F.alpha_dropout(input, this.p, this.training, this.inplace);
  }
}

export class FeatureAlphaDropout extends DropoutBase {
  override forward(input: Tensor): Tensor {
    return F.feature_alpha_dropout(input, this.p, this.training, this.inplace);
  }
}

// ---------------------------------------------------------------- shapes

/** Flattens dims start_dim..end_dim (1..-1 by default). */
export class Flatten extends Module {
  declare readonly start_dim: number;
  declare readonly end_dim: number;
  constructor(...args: Args<[start_dim: number, end_dim: number], { start_dim?: number; end_dim?: number }>) {
    super();
    setArgs(this, 'Flatten', ['start_dim', 'end_dim'], { start_dim: 1, end_dim: -1 }, args);
    checkArgs('Flatten', this as unknown as Record<string, unknown>, { start_dim: 'int', end_dim: 'int' });
  }
  override forward(input: Tensor): Tensor {
    return S.flatten(input, this.start_dim, this.end_dim);
  }
  override extra_repr(): string {
    return `start_dim=${this.start_dim}, end_dim=${this.end_dim}`;
  }
}

/** Splits dim into unflattened_size. @example new nn.Unflatten(1, [2, 5]) is new nn.Unflatten({ dim: 1, unflattened_size: [2, 5] }) */
export class Unflatten extends Module {
  readonly dim: number;
  readonly unflattened_size: number[];
  constructor(...args: Init<[dim: number, unflattened_size: readonly number[]], ['dim', 'unflattened_size'], [], object>) {
    super();
    const o = initArgs('Unflatten', 0, ['dim', 'unflattened_size'], {}, args, [], false, 2);
    checkArgs('Unflatten', o, { dim: 'int', unflattened_size: 'intlist' });
    this.dim = o.dim;
    this.unflattened_size = [...o.unflattened_size];
  }
  override forward(input: Tensor): Tensor {
    return S.unflatten(input, this.dim, this.unflattened_size);
  }
  override extra_repr(): string {
    return `dim=${this.dim}, unflattened_size=${pyTuple(this.unflattened_size)}`;
  }
}

// ---------------------------------------------------------------- normalization

/** Layer normalization over the trailing normalized_shape dims. @example new nn.LayerNorm(8) */
export class LayerNorm extends Module {
  readonly normalized_shape: number[];
  readonly eps: number;
  readonly elementwise_affine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  constructor(...args: Init<[normalized_shape: number | readonly number[]], ['normalized_shape'], [eps: number, elementwise_affine: boolean,
    ...Factory], { eps?: number; elementwise_affine?: boolean } & FactoryKwargs>) {
    super();
    const opts = initArgs('LayerNorm', 0, ['normalized_shape', 'eps', 'elementwise_affine'], { eps: 1e-5, elementwise_affine: true }, args, [],
      true, 1);
    checkArgs('LayerNorm', opts, { normalized_shape: 'ints', eps: 'float' });
    const normalized_shape = opts.normalized_shape as number | number[];
    this.normalized_shape = typeof normalized_shape === 'number' ? [normalized_shape] : [...normalized_shape];
    this.eps = opts.eps;
    this.elementwise_affine = opts.elementwise_affine;
    if (this.elementwise_affine) {
      this.weight = ownParameter(C.ones(this.normalized_shape));
      this.bias = ownParameter(C.zeros(this.normalized_shape));
    } else {
      this.weight = null;
      this.bias = null;
    }
  }
  override forward(input: Tensor): Tensor {
    return F.layer_norm(input, this.normalized_shape, this.weight, this.bias, this.eps);
  }
  override extra_repr(): string {
    return `${pyTuple(this.normalized_shape)}, eps=${pyFloat(this.eps)}, elementwise_affine=${pyBool(this.elementwise_affine)}`;
  }
}

export interface BatchNormOptions extends FactoryKwargs {
  eps?: number;
  /** null: cumulative moving average. */
  momentum?: number | null;
  affine?: boolean;
  track_running_stats?: boolean;
}

const BN = ['eps', 'momentum', 'affine', 'track_running_stats'];
const BN_DEFAULTS = { eps: 1e-5, momentum: 0.1, affine: true, track_running_stats: true };
/** BatchNorm's `(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None)`. */
export type BatchNormArgs = Init<[num_features: number], ['num_features'], [eps: number, momentum: number | null, affine: boolean,
  track_running_stats: boolean, ...Factory], BatchNormOptions>;

abstract class BatchNormBase extends NormBase {
  constructor(...args: BatchNormArgs) {
    super('_BatchNorm', BN_DEFAULTS, args);
  }

  abstract _check_input_dim(input: Tensor): void;

  override forward(input: Tensor): Tensor {
    this._check_input_dim(input);
    // F.batch_norm's checks, before num_batches_tracked moves: a failed call changes nothing
    const c = input._shape[1];
    if (this.training && input.numel() / c <= 1) {
      throw new Error(`Expected more than 1 value per channel when training, got input size ${formatSize(input._shape)}`);
    }
    for (const [name, t] of [['running_mean', this.running_mean], ['running_var', this.running_var], ['weight', this.weight],
      ['bias', this.bias]] as const) {
      if (t && t.numel() !== c) throw new Error(`${name} should contain ${c} elements not ${t.numel()}`);
    }
    let factor = this.momentum ?? 0;
    if (this.training && this.track_running_stats && this.num_batches_tracked) {
      no_grad(() => this.num_batches_tracked!.add_(1));
      factor = this.momentum === null ? 1 / Number(this.num_batches_tracked.item()) : this.momentum;
    }
    const bnTraining = this.training || (this.running_mean === null && this.running_var === null);
    const useStats = !this.training || this.track_running_stats;
    return F.batch_norm(input, useStats ? this.running_mean : null, useStats ? this.running_var : null,
      this.weight, this.bias, bnTraining, factor, this.eps);
  }
}

/** Batch normalization of (N, C) or (N, C, L) inputs. @example new nn.BatchNorm1d(8) */
export class BatchNorm1d extends BatchNormBase {
  _check_input_dim(input: Tensor): void {
    const d = input._shape.length;
    if (d !== 2 && d !== 3) throw new Error(`expected 2D or 3D input (got ${d}D input)`);
  }
}

/** Batch normalization of (N, C, H, W) inputs. */
export class BatchNorm2d extends BatchNormBase {
  _check_input_dim(input: Tensor): void {
    const d = input._shape.length;
    if (d !== 4) throw new Error(`expected 4D input (got ${d}D input)`);
  }
}

/** Batch normalization of (N, C, D, H, W) inputs. */
export class BatchNorm3d extends BatchNormBase {
  _check_input_dim(input: Tensor): void {
    const d = input._shape.length;
    if (d !== 5) throw new Error(`expected 5D input (got ${d}D input)`);
  }
}

/**
 * Batch normalization synchronized across processes, as `torch.nn.SyncBatchNorm(num_features, eps, momentum, affine,
 * track_running_stats, process_group)`. PyTorch runs it on GPUs only: it is built, printed and saved as a BatchNorm, and
 * its forward raises PyTorch's error for a CPU tensor (every tocha tensor). `SyncBatchNorm.convert_sync_batchnorm(model)`
 * replaces a model's BatchNorm*d layers by SyncBatchNorm sharing their parameters and buffers.
 * @example const net = nn.SyncBatchNorm.convert_sync_batchnorm(new nn.Sequential(new nn.Conv2d(3, 8, 3), new nn.BatchNorm2d(8)))
 */
export class SyncBatchNorm extends BatchNormBase {
  process_group: unknown;
  constructor(...args: Init<[num_features: number], ['num_features'], [eps: number, momentum: number | null, affine: boolean,
    track_running_stats: boolean, process_group: unknown, ...Factory], BatchNormOptions & { process_group?: unknown }>) {
    const o = initArgs('SyncBatchNorm', 0, ['num_features', ...BN, 'process_group'], { ...BN_DEFAULTS, process_group: null }, args, [],
      true, 1);
    checkArgs('SyncBatchNorm', o, { num_features: 'int', eps: 'float', momentum: 'float?' });
    super({ num_features: o.num_features, eps: o.eps, momentum: o.momentum, affine: o.affine, track_running_stats: o.track_running_stats });
    this.process_group = o.process_group ?? null;
  }

  _check_input_dim(input: Tensor): void {
    const d = input._shape.length;
    if (d < 2) throw new Error(`expected at least 2D input (got ${d}D input)`);
  }

  /** PyTorch's forward on a CPU tensor: its ValueError (tocha has no GPU tensors). */
  override forward(input: Tensor): Tensor {
    void input;
    throw new Error('SyncBatchNorm expected input tensor to be on GPU');
  }

  /**
   * Replaces every BatchNorm1d/2d/3d in `module` (or `module` itself) by a SyncBatchNorm with the same settings,
   * sharing its parameters and buffers, as PyTorch's classmethod; children are replaced in place.
   */
  static convert_sync_batchnorm<M extends Module>(module: M, process_group: unknown = null): M | SyncBatchNorm {
    let out: Module = module;
    if (module instanceof BatchNormBase) {
      const bn = module as BatchNormBase;
      const sync = new SyncBatchNorm(bn.num_features, bn.eps, bn.momentum, bn.affine, bn.track_running_stats, process_group);
      // the new module's own tensors give way to the converted one's
      const own = [sync.weight, sync.bias, sync.running_mean, sync.running_var, sync.num_batches_tracked];
      if (bn.affine) {
        sync.weight = bn.weight;
        sync.bias = bn.bias;
      }
      sync.running_mean = bn.running_mean;
      sync.running_var = bn.running_var;
      sync.num_batches_tracked = bn.num_batches_tracked;
      const kept = new Set([sync.weight, sync.bias, sync.running_mean, sync.running_var, sync.num_batches_tracked]);
      for (const t of own) if (t && !kept.has(t)) t.dispose();
      if ('qconfig' in module) (sync as unknown as Record<string, unknown>).qconfig = (module as unknown as Record<string, unknown>).qconfig;
      out = sync;
    }
    for (const [name, child] of [...module.named_children()]) out.add_module(name, SyncBatchNorm.convert_sync_batchnorm(child, process_group));
    return out as M | SyncBatchNorm;
  }
}

/** Group normalization of (N, C, *) inputs. @example new nn.GroupNorm(2, 4) is new nn.GroupNorm({ num_groups: 2, num_channels: 4 }) */
export class GroupNorm extends Module {
  weight: Parameter | null;
  bias: Parameter | null;
  readonly num_groups: number;
  readonly num_channels: number;
  readonly eps: number;
  readonly affine: boolean;
  constructor(...args: Init<[num_groups: number, num_channels: number], ['num_groups', 'num_channels'], [eps: number, affine: boolean,
    ...Factory], { eps?: number; affine?: boolean } & FactoryKwargs>) {
    super();
    const opts = initArgs('GroupNorm', 0, ['num_groups', 'num_channels', 'eps', 'affine'], { eps: 1e-5, affine: true }, args, [], true, 2);
    checkArgs('GroupNorm', opts, { num_groups: 'int', num_channels: 'int', eps: 'float' });
    const { num_groups, num_channels } = opts as { num_groups: number; num_channels: number };
    this.num_groups = num_groups;
    this.num_channels = num_channels;
    if (num_channels % num_groups !== 0) throw new Error('num_channels must be divisible by num_groups');
    this.eps = opts.eps;
    this.affine = opts.affine;
    this.weight = this.affine ? ownParameter(C.ones([num_channels])) : null;
    this.bias = this.affine ? ownParameter(C.zeros([num_channels])) : null;
  }
  override forward(input: Tensor): Tensor {
    return F.group_norm(input, this.num_groups, this.weight, this.bias, this.eps);
  }
  override extra_repr(): string {
    return `${this.num_groups}, ${this.num_channels}, eps=${pyFloat(this.eps)}, affine=${pyBool(this.affine)}`;
  }
}

// ---------------------------------------------------------------- containers

function normIndex(i: number, n: number): number {
  if (!Number.isInteger(i) || i < -n || i >= n) throw new RangeError(`index ${i} is out of range`);
  return i < 0 ? i + n : i;
}

/**
 * Local response normalization across channels, as `torch.nn.LocalResponseNorm(size, alpha=1e-4,
 * beta=0.75, k=1.0)`. @example new nn.LocalResponseNorm(2)(torch.randn(4, 16, 8, 8))
 */
export class LocalResponseNorm extends Module {
  declare readonly alpha: number;
  declare readonly beta: number;
  declare readonly k: number;
  declare readonly size: number;
  constructor(...args: Init<[size: number], ['size'], [alpha: number, beta: number, k: number], { alpha?: number; beta?: number; k?: number }>) {
    super();
    setArgs(this, 'LocalResponseNorm', ['size', 'alpha', 'beta', 'k'], { alpha: 1e-4, beta: 0.75, k: 1 }, args, 1);
    checkArgs('LocalResponseNorm', this as unknown as Record<string, unknown>, { size: 'int', alpha: 'float', beta: 'float', k: 'float' });
  }
  override forward(input: Tensor): Tensor { return F.local_response_norm(input, this.size, this.alpha, this.beta, this.k); }
  override extra_repr(): string {
    return `${this.size}, alpha=${pyFloat(this.alpha)}, beta=${pyFloat(this.beta)}, k=${pyFloat(this.k)}`;
  }
}

/**
 * Cross-channel local response normalization of (N, C, H, W) inputs as Lua Torch computed it, `torch.nn.CrossMapLRN2d(size,
 * alpha=1e-4, beta=0.75, k=1)`: x·(k + α/size·Σ x²)^(−β) over a running window of channels, with PyTorch's own backward
 * (torch/nn/modules/_functions.py, op for op). @example new nn.CrossMapLRN2d(3)(torch.randn(2, 8, 5, 5))
 */
export class CrossMapLRN2d extends Module {
  declare readonly alpha: number;
  declare readonly beta: number;
  declare readonly k: number;
  declare readonly size: number;
  constructor(...args: Init<[size: number], ['size'], [alpha: number, beta: number, k: number], { alpha?: number; beta?: number; k?: number }>) {
    super();
    setArgs(this, 'CrossMapLRN2d', ['size', 'alpha', 'beta', 'k'], { alpha: 1e-4, beta: 0.75, k: 1 }, args, 1);
    checkArgs('CrossMapLRN2d', this as unknown as Record<string, unknown>, { size: 'int', alpha: 'float', beta: 'float', k: 'float' });
  }
  override forward(input: Tensor): Tensor {
    return scoped(() => CrossMapLRN2dFunction.apply(input, this.size, this.alpha, this.beta, this.k),
      'the end of the CrossMapLRN2d call that made it (an internal temporary)');
  }
  // PyTorch formats what it was given: an int prints without a decimal point.
  override extra_repr(): string {
    const v = (x: number) => (Number.isInteger(x) ? String(x) : pyFloat(x));
    return `${this.size}, alpha=${v(this.alpha)}, beta=${v(this.beta)}, k=${v(this.k)}`;
  }
}

/** _functions.py's CrossMapLRN2d (grad_fn CrossMapLRN2dBackward): a running sum of squares over channels. */
const CrossMapLRN2dFunction = class CrossMapLRN2d extends AutogradFunction {
  static override forward(ctx: FunctionCtx, input: Tensor, size: number, alpha: number, beta: number, k: number): Tensor {
    if (input._shape.length !== 4) throw Object.assign(new Error(''), { name: 'AssertionError' });
    const [n, channels, h, w] = input._shape;
    const square = E.mul(input, input);
    const prePad = Math.trunc((size - 1) / 2 + 1);
    const prePadCrop = prePad > channels ? channels : prePad;
    // scale[:, 0] = Σ of the first squares; each next channel adds the one entering the window, drops the one leaving
    let cur = C.zeros([n, h, w]);
    for (let c = 0; c < prePadCrop; c++) cur = E.add(cur, S.select(square, 1, c));
    const scales = [cur];
    for (let c = 1; c < channels; c++) {
      if (c < channels - prePad + 1) cur = E.add(cur, S.select(square, 1, c + prePad - 1));
      if (c > prePad) cur = E.sub(cur, S.select(square, 1, c - prePad));
      scales.push(cur);
    }
    const scale = E.add(E.mul(S.stack(scales, 1), alpha / size), k);
    const output = E.mul(E.pow(scale, -beta), input);
    Object.assign(ctx, { size, alpha, beta, k });
    ctx.save_for_backward(input, output, scale);
    return output;
  }

  static override backward(ctx: FunctionCtx, gradOutput: Tensor): (Tensor | null)[] {
    const [input, output, scale] = ctx.saved_tensors;
    const { size, alpha, beta } = ctx as unknown as { size: number; alpha: number; beta: number };
    const [n, channels, h, w] = input._shape;
    const cacheRatio = 2 * alpha * beta / size;
    const inversePrePad = Math.trunc(size - (size - 1) / 2);
    const scaled = E.mul(E.pow(scale, -beta), gradOutput);
    const zero = C.zeros([h, w]);
    S.narrow(C.zeros([channels + size - 1, h, w]), 0, inversePrePad, channels); // PyTorch's narrow and its error
    const rows: Tensor[] = [];
    for (let b = 0; b < n; b++) {
      const center = E.div(E.mul(S.select(gradOutput, 0, b), S.select(output, 0, b)), S.select(scale, 0, b));
      const padded = (j: number): Tensor => (j >= inversePrePad && j < inversePrePad + channels ? S.select(center, 0, j - inversePrePad) : zero);
      let accum = zero;
      for (let j = 0; j < size - 1; j++) accum = E.add(accum, padded(j));
      const gi = S.select(scaled, 0, b);
      const chans: Tensor[] = [];
      for (let c = 0; c < channels; c++) {
        accum = E.add(accum, padded(c + size - 1));
        // addcmul_(input, accum, value=-cacheRatio): self + value·t1·t2
        chans.push(E.add(S.select(gi, 0, c), E.mul(E.mul(S.select(S.select(input, 0, b), 0, c), -cacheRatio), accum)));
        accum = E.sub(accum, padded(c));
      }
      rows.push(S.stack(chans, 0));
    }
    return [S.stack(rows, 0), null, null, null, null];
  }
};

/**
 * The deprecated base of containers, as `torch.nn.Container(**kwargs)`: a Module whose keyword arguments are added as
 * children, with PyTorch's warning (subclass nn.Module instead). @example new nn.Container({ fc: new nn.Linear(2, 2) })
 */
export class Container extends Module {
  constructor(...args: [kwargs?: Record<string, Module | null>]) {
    super();
    const kwargs = isPlainObject(args[args.length - 1]) ? args[args.length - 1] as Record<string, Module | null> : {};
    // `**kwargs` only: a positional value is Python's TypeError
    if (args.length > (args.length && args[args.length - 1] === kwargs ? 1 : 0)) initArgs('Container', 0, [], {}, args.map(() => 0), [], false);
    // DeprecationWarning is ignored by default <sigh> (PyTorch's comment): a UserWarning
    warnOnce('Container', "nn.Container is deprecated. All of it's functionality is now implemented in nn.Module. Subclass that instead.");
    for (const [key, value] of Object.entries(kwargs)) this.add_module(key, value);
  }
}

/** A plain object of modules (a dict PyTorch would take), not keyword arguments: `{ modules: null }` is ModuleDict's keyword. */
function isModuleDict(o: Record<string, unknown>): boolean {
  return Object.values(o).every((v) => v instanceof Module || v === null) && !('modules' in o && !(o.modules instanceof Module));
}

/**
 * A dict container's arguments with a dict given by position marked as such: a trailing plain object is a dict
 * when `isDict` says so (and nothing else names it), else the options object.
 */
function dictArgs(args: readonly unknown[], isDict: (o: Record<string, unknown>) => boolean): unknown[] {
  const last = args[args.length - 1];
  return args.length === 1 && isPlainObject(last) && isDict(last) ? [new Map(Object.entries(last))] : [...args];
}

/** What Sequential and ModuleList share: submodules registered under "0", "1", ... in order. */
abstract class ModuleSequence extends Module {
  protected list(): Module[] {
    this._sync();
    return [...this._modules.values()].filter((m): m is Module => m !== null);
  }
  override get length(): number {
    this._sync();
    return this._modules.size;
  }
  /** The i-th module (negative counts from the end). */
  get(i: number): Module {
    const l = this.list();
    return l[normIndex(i, l.length)];
  }
  append(module: Module): this {
    this.add_module(String(this.length), module);
    return this;
  }
  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
  }
  /** Registers the modules of l again, renumbered from 0. */
  protected rebuild(l: Module[]): void {
    for (const k of [...this._modules.keys()]) delete (this as unknown as Record<string, unknown>)[k];
    this._modules.clear();
    l.forEach((m, i) => this.add_module(String(i), m));
  }
  [Symbol.iterator](): Iterator<Module> {
    return this.list()[Symbol.iterator]();
  }
}

/**
 * Modules run in order, each on the previous one's output. Index with `seq.get(i)` (or `seq[i]`),
 * `seq.length`, iterate with `for...of`. @example new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU())
 */
export class Sequential extends ModuleSequence {
  [index: number]: Module;
  constructor(...args: Module[] | [Map<string, Module> | Record<string, Module>]) {
    super();
    const first = args[0] as unknown;
    // `*args` only: an object that is no dict of modules is keyword arguments, which Python refuses
    if (args.length === 1 && isPlainObject(first) && !isModuleDict(first)) initArgs('Sequential', 0, [], {}, args, [], false);
    if (args.length === 1 && (first instanceof Map || (typeof first === 'object' && first !== null && !(first instanceof Module)))) {
      const entries = first instanceof Map ? [...first.entries()] : Object.entries(first as Record<string, Module>);
      for (const [k, m] of entries) this.add_module(k, m);
    } else {
      (args as Module[]).forEach((m, i) => this.add_module(String(i), m));
    }
  }
  /** Registers the module, and makes `seq[i]` the i-th module whatever the names (PyTorch's __getitem__ is
   *  positional: `seq[1]` of children added as 'block 0', 'block 1', ...). */
  override add_module(name: string, module: Module | null): void {
    super.add_module(name, module);
    for (let i = 0; i < this._modules.size; i++) {
      if (!Object.hasOwn(this, String(i))) {
        Object.defineProperty(this, String(i), { get: () => this.get(i), enumerable: false, configurable: true });
      }
    }
  }
  /** A Sequential of modules start..end (Python's `seq[a:b]`). */
  slice(start?: number, end?: number): Sequential {
    this._sync();
    const entries = [...this._modules.entries()].slice(start, end);
    const s = new Sequential(new Map(entries.filter(([, m]) => m !== null) as [string, Module][]));
    return s;
  }
  insert(index: number, module: Module): this {
    const l = this.list();
    const n = l.length;
    let i = index < 0 ? index + n : index;
    if (i < 0 || i > n) throw new RangeError(`Index out of range: ${index}`);
    i = Math.min(i, n);
    l.splice(i, 0, module);
    this.rebuild(l);
    return this;
  }
  pop(index = -1): Module {
    const l = this.list();
    const i = normIndex(index, l.length);
    const [m] = l.splice(i, 1);
    this.rebuild(l);
    return m;
  }
  override forward(input: any): any { // eslint-disable-line @typescript-eslint/no-explicit-any
    let x = input;
    for (const m of this.list()) x = m(x);
    return x;
  }
}

/** A list of submodules, registered (so their parameters are the owner's). @example new nn.ModuleList([new nn.Linear(2, 2)]) */
export class ModuleList extends ModuleSequence {
  [index: number]: Module;
  constructor(...args: Args<[modules: Iterable<Module> | null], { modules?: Iterable<Module> | null }>) {
    super();
    const { modules } = initArgs('ModuleList', 0, ['modules'], { modules: null }, args, [], false);
    for (const m of modules ?? []) this.append(m);
  }
  set(i: number, module: Module): void {
    const n = this.length;
    this.add_module(String(normIndex(i, n)), module);
  }
  insert(index: number, module: Module): void {
    const l = this.list();
    const n = l.length;
    l.splice(index < 0 ? Math.max(0, index + n) : Math.min(index, n), 0, module);
    this.rebuild(l);
  }
  override forward(): never {
    throw new Error('Module [ModuleList] is missing the required "forward" function');
  }
}

/**
 * An ordered dict of submodules. @example new nn.ModuleDict({ enc: new nn.Linear(4, 2) })
 * A plain object whose values are not all modules is the options object: `new nn.ModuleDict({ modules: { enc } })`.
 */
export class ModuleDict extends Module {
  constructor(...args: Args<[modules: Map<string, Module> | Record<string, Module> | Iterable<[string, Module]> | null],
    { modules?: Map<string, Module> | Record<string, Module> | Iterable<[string, Module]> | null }>) {
    super();
    const { modules } = initArgs('ModuleDict', 0, ['modules'], { modules: null }, dictArgs(args, isModuleDict), [], false);
    if (modules) this.update(modules);
  }
  update(modules: Map<string, Module> | Record<string, Module> | Iterable<[string, Module]>): void {
    const entries = modules instanceof Map ? modules.entries()
      : Symbol.iterator in (modules as object) ? (modules as Iterable<[string, Module]>) : Object.entries(modules);
    for (const [k, m] of entries) this.add_module(k, m);
  }
  get(key: string): Module {
    this._sync();
    const m = this._modules.get(key);
    if (!m) {
      // Python's KeyError: its str() is the key's repr
      const err = new Error(`'${key}'`);
      err.name = 'KeyError';
      throw err;
    }
    return m;
  }
  set(key: string, module: Module): void {
    this.add_module(key, module);
  }
  has(key: string): boolean {
    this._sync();
    return this._modules.has(key);
  }
  pop(key: string): Module {
    const m = this.get(key);
    this._modules.delete(key);
    delete (this as unknown as Record<string, unknown>)[key];
    return m;
  }
  clear(): void {
    this._sync();
    for (const k of [...this._modules.keys()]) delete (this as unknown as Record<string, unknown>)[k];
    this._modules.clear();
  }
  keys(): string[] {
    this._sync();
    return [...this._modules.keys()];
  }
  values(): Module[] {
    this._sync();
    return [...this._modules.values()].filter((m): m is Module => m !== null);
  }
  items(): [string, Module][] {
    this._sync();
    return [...this._modules.entries()].filter((e): e is [string, Module] => e[1] !== null);
  }
  override get length(): number {
    this._sync();
    return this._modules.size;
  }
  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }
  override forward(): never {
    throw new Error('Module [ModuleDict] is missing the required "forward" function');
  }
}

/** PyTorch's one-line description of a parameter in ParameterList / ParameterDict printing. */
function paramLine(key: string, p: Parameter | null, typeName: string): string {
  if (p === null) return `  (${key}): Object of type: NoneType`;
  return `  (${key}): Parameter containing: [${typeName} of size ${p._shape.join('x')}]`;
}

function toParameter(value: Parameter | Tensor): Parameter {
  return value instanceof Parameter ? value : new Parameter(value);
}

/**
 * A list of parameters, registered as '0', '1', ... (tensors are wrapped in Parameter), as
 * `torch.nn.ParameterList`. @example new nn.ParameterList([torch.randn(2, 3), torch.randn(3)])
 */
export class ParameterList extends Module {
  constructor(...args: Args<[values: Iterable<Parameter | Tensor> | null], { values?: Iterable<Parameter | Tensor> | null }>) {
    super();
    const { values } = initArgs('ParameterList', 0, ['values'], { values: null }, args, [], false);
    for (const p of values ?? []) this.append(p);
  }
  override get length(): number {
    this._sync();
    return this._parameters.size;
  }
  append(value: Parameter | Tensor): this {
    this.register_parameter(String(this.length), toParameter(value));
    return this;
  }
  extend(values: Iterable<Parameter | Tensor>): this {
    for (const p of values) this.append(p);
    return this;
  }
  get(i: number): Parameter {
    this._sync();
    const l = [...this._parameters.values()] as Parameter[];
    return l[normIndex(i, l.length)];
  }
  /** `plist[i] = value`. */
  set(i: number, value: Parameter | Tensor): void {
    this.register_parameter(String(normIndex(i, this.length)), toParameter(value));
  }
  [Symbol.iterator](): Iterator<Parameter> {
    this._sync();
    return ([...this._parameters.values()] as Parameter[])[Symbol.iterator]();
  }
  override extra_repr(): string {
    this._sync();
    return [...this._parameters.entries()].map(([k, p]) => paramLine(k, p, p ? String(p.dtype) : '')).join('\n');
  }
}

/**
 * An ordered dict of parameters, as `torch.nn.ParameterDict`: each entry is registered under its key
 * (tensors are wrapped in Parameter), so `state_dict()` and `named_parameters()` use the keys.
 * @example const pd = new nn.ParameterDict({ scale: torch.ones(3) }); pd.set('shift', torch.zeros(3))
 */
export class ParameterDict extends Module {
  /** A plain object whose values are not all tensors is the options object: `new nn.ParameterDict({ parameters: { w } })`. */
  constructor(...args: Args<[parameters: Map<string, Parameter | Tensor> | Record<string, Parameter | Tensor> |
    Iterable<[string, Parameter | Tensor]> | null], { parameters?: Map<string, Parameter | Tensor> | Record<string, Parameter | Tensor> |
    Iterable<[string, Parameter | Tensor]> | null }>) {
    super();
    const isDict = (o: Record<string, unknown>) => Object.values(o).every((v) => v instanceof Tensor);
    const { parameters } = initArgs('ParameterDict', 0, ['parameters'], { parameters: null }, dictArgs(args, isDict), [], false);
    if (parameters) this.update(parameters);
  }
  update(parameters: Map<string, Parameter | Tensor> | Record<string, Parameter | Tensor> |
    Iterable<[string, Parameter | Tensor]> | ParameterDict): void {
    const entries = parameters instanceof ParameterDict ? parameters.items()
      : parameters instanceof Map ? [...parameters.entries()]
        : Symbol.iterator in (parameters as object) ? [...(parameters as Iterable<[string, Parameter | Tensor]>)]
          : Object.entries(parameters);
    for (const [k, p] of entries) this.set(k, p);
  }
  /** `pdict[key]` (an error as PyTorch's when missing), or `pdict.get(key, default)`. */
  get(key: string): Parameter;
  get<D>(key: string, dflt: D): Parameter | D;
  get<D>(key: string, ...dflt: [D?]): Parameter | D {
    this._sync();
    const p = this._parameters.get(key);
    if (p) return p;
    if (dflt.length > 0) return dflt[0] as D;
    throw new Error(`'ParameterDict' object has no attribute '${key}'`);
  }
  /** `pdict[key] = value`. */
  set(key: string, value: Parameter | Tensor): void {
    this.register_parameter(key, toParameter(value));
  }
  has(key: string): boolean {
    this._sync();
    return this._parameters.has(key);
  }
  pop(key: string): Parameter {
    const p = this.get(key);
    this._parameters.delete(key);
    delete (this as unknown as Record<string, unknown>)[key];
    return p;
  }
  /** Sets key to `dflt` if missing; returns the entry. */
  setdefault(key: string, dflt: Parameter | Tensor): Parameter {
    if (!this.has(key)) this.set(key, dflt);
    return this.get(key);
  }
  clear(): void {
    this._sync();
    for (const k of [...this._parameters.keys()]) delete (this as unknown as Record<string, unknown>)[k];
    this._parameters.clear();
  }
  keys(): string[] {
    this._sync();
    return [...this._parameters.keys()];
  }
  values(): Parameter[] {
    this._sync();
    return [...this._parameters.values()].filter((p): p is Parameter => p !== null);
  }
  items(): [string, Parameter][] {
    this._sync();
    return [...this._parameters.entries()].filter((e): e is [string, Parameter] => e[1] !== null);
  }
  override get length(): number {
    this._sync();
    return this._parameters.size;
  }
  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }
  override forward(): never {
    throw new Error('Module [ParameterDict] is missing the required "forward" function');
  }
  override extra_repr(): string {
    this._sync();
    return [...this._parameters.entries()].map(([k, p]) =>
      paramLine(k, p, p ? (p.dtype === float32 ? 'torch.FloatTensor' : p.dtype === int64 ? 'torch.LongTensor'
        : 'torch.BoolTensor') : '')).join('\n');
  }
}

// ---------------------------------------------------------------- activations

/** Sets an activation's (or other parameterless module's) options from its `__init__` arguments (the first `required` have no default). */
function setArgs(m: Module, cls: string, names: string[], defaults: Record<string, unknown>, args: readonly unknown[], required = 0): void {
  Object.assign(m, initArgs(cls, 0, names, defaults, args, [], false, required));
}
type Inplace = Args<[inplace: boolean], { inplace?: boolean }>;

function inplaceStr(inplace: boolean): string {
  return inplace ? 'inplace=True' : '';
}

export class ReLU extends Module {
  declare readonly inplace: boolean;
  constructor(...args: Inplace) { super(); setArgs(this, 'ReLU', ['inplace'], { inplace: false }, args); }
  override forward(input: Tensor): Tensor { return F.relu(input, this.inplace); }
  override extra_repr(): string { return inplaceStr(this.inplace); }
}

export class Hardtanh extends Module {
  declare readonly min_val: number;
  declare readonly max_val: number;
  declare readonly inplace: boolean;
  /** `min_value` and `max_value` are the deprecated names of min_val and max_val (PyTorch warns, then uses them). */
  constructor(...args: Args<[min_val: number, max_val: number, inplace: boolean, min_value: number | null, max_value: number | null],
    { min_val?: number; max_val?: number; inplace?: boolean; min_value?: number | null; max_value?: number | null }>) {
    super();
    const o = initArgs(new.target.name, 0, ['min_val', 'max_val', 'inplace', 'min_value', 'max_value'],
      { min_val: -1, max_val: 1, inplace: false, min_value: null, max_value: null }, args, [], false);
    if (o.min_value !== null) {
      console.warn('UserWarning: keyword argument min_value is deprecated and rename to min_val');
      o.min_val = o.min_value;
    }
    if (o.max_value !== null) {
      console.warn('UserWarning: keyword argument max_value is deprecated and rename to max_val');
      o.max_val = o.max_value;
    }
    checkArgs(new.target.name, o, { min_val: 'float', max_val: 'float' });
    Object.assign(this, { min_val: o.min_val, max_val: o.max_val, inplace: o.inplace });
    if (this.max_val <= this.min_val) throw new Error('max_val must be greater than min_val');
  }
  override forward(input: Tensor): Tensor { return F.hardtanh(input, this.min_val, this.max_val, this.inplace); }
  override extra_repr(): string {
    return `min_val=${pyFloat(this.min_val)}, max_val=${pyFloat(this.max_val)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

export class ReLU6 extends Hardtanh {
  constructor(...args: Inplace) { super(0, 6, initArgs('ReLU6', 0, ['inplace'], { inplace: false }, args, [], false).inplace); }
  override extra_repr(): string { return inplaceStr(this.inplace); }
}

export class LeakyReLU extends Module {
  declare readonly negative_slope: number;
  declare readonly inplace: boolean;
  constructor(...args: Args<[negative_slope: number, inplace: boolean], { negative_slope?: number; inplace?: boolean }>) {
    super();
    setArgs(this, 'LeakyReLU', ['negative_slope', 'inplace'], { negative_slope: 0.01, inplace: false }, args);
  }
  override forward(input: Tensor): Tensor { return F.leaky_relu(input, this.negative_slope, this.inplace); }
  override extra_repr(): string {
    return `negative_slope=${pyFloat(this.negative_slope)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

/**
 * Randomized leaky ReLU, as `torch.nn.RReLU(lower=1/8, upper=1/3, inplace=False)`: random slopes in
 * U(lower, upper) in training (PyTorch's draws for a seed), (lower + upper) / 2 in eval.
 * @example new nn.RReLU(0.1, 0.3)
 */
export class RReLU extends Module {
  declare readonly lower: number;
  declare readonly upper: number;
  declare readonly inplace: boolean;
  constructor(...args: Args<[lower: number, upper: number, inplace: boolean], { lower?: number; upper?: number; inplace?: boolean }>) {
    super();
    setArgs(this, 'RReLU', ['lower', 'upper', 'inplace'], { lower: 1 / 8, upper: 1 / 3, inplace: false }, args);
  }
  override forward(input: Tensor): Tensor { return F.rrelu(input, this.lower, this.upper, this.training, this.inplace); }
  override extra_repr(): string {
    return `lower=${pyFloat(this.lower)}, upper=${pyFloat(this.upper)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

/** x where x > 0, else a·x with a learned a (one, or one per channel). */
export class PReLU extends Module {
  weight: Parameter;
  declare readonly num_parameters: number;
  declare readonly init: number;
  constructor(...args: Args<[num_parameters: number, init: number, ...Factory], { num_parameters?: number; init?: number } & FactoryKwargs>) {
    super();
    const o = initArgs('PReLU', 0, ['num_parameters', 'init'], { num_parameters: 1, init: 0.25 }, args);
    checkArgs('PReLU', o, { num_parameters: 'int', init: 'float' });
    Object.assign(this, { num_parameters: o.num_parameters, init: o.init });
    this.weight = ownParameter(C.full([o.num_parameters], o.init));
  }
  override forward(input: Tensor): Tensor { return F.prelu(input, this.weight); }
  override extra_repr(): string { return `num_parameters=${this.num_parameters}`; }
}

export class ELU extends Module {
  declare readonly alpha: number;
  declare readonly inplace: boolean;
  constructor(...args: Args<[alpha: number, inplace: boolean], { alpha?: number; inplace?: boolean }>) {
    super();
    setArgs(this, 'ELU', ['alpha', 'inplace'], { alpha: 1, inplace: false }, args);
  }
  override forward(input: Tensor): Tensor { return F.elu(input, this.alpha, this.inplace); }
  override extra_repr(): string { return `alpha=${pyFloat(this.alpha)}${this.inplace ? ', inplace=True' : ''}`; }
}

export class CELU extends Module {
  declare readonly alpha: number;
  declare readonly inplace: boolean;
  constructor(...args: Args<[alpha: number, inplace: boolean], { alpha?: number; inplace?: boolean }>) {
    super();
    setArgs(this, 'CELU', ['alpha', 'inplace'], { alpha: 1, inplace: false }, args);
  }
  override forward(input: Tensor): Tensor { return F.celu(input, this.alpha, this.inplace); }
  override extra_repr(): string { return `alpha=${pyFloat(this.alpha)}${this.inplace ? ', inplace=True' : ''}`; }
}

export class SELU extends Module {
  declare readonly inplace: boolean;
  constructor(...args: Inplace) { super(); setArgs(this, 'SELU', ['inplace'], { inplace: false }, args); }
  override forward(input: Tensor): Tensor { return F.selu(input, this.inplace); }
  override extra_repr(): string { return inplaceStr(this.inplace); }
}

/** GELU, exact or `new nn.GELU({ approximate: 'tanh' })`. */
export class GELU extends Module {
  declare readonly approximate: 'none' | 'tanh';
  constructor(...args: Args<[approximate: 'none' | 'tanh'], { approximate?: 'none' | 'tanh' }>) {
    super();
    setArgs(this, 'GELU', ['approximate'], { approximate: 'none' }, args);
  }
  override forward(input: Tensor): Tensor { return F.gelu(input, { approximate: this.approximate }); }
  override extra_repr(): string { return `approximate='${this.approximate}'`; }
}

export class SiLU extends Module {
  declare readonly inplace: boolean;
  constructor(...args: Inplace) { super(); setArgs(this, 'SiLU', ['inplace'], { inplace: false }, args); }
  override forward(input: Tensor): Tensor { return F.silu(input, this.inplace); }
  override extra_repr(): string { return inplaceStr(this.inplace); }
}

export class Mish extends Module {
  declare readonly inplace: boolean;
  constructor(...args: Inplace) { super(); setArgs(this, 'Mish', ['inplace'], { inplace: false }, args); }
  override forward(input: Tensor): Tensor { return F.mish(input, this.inplace); }
  override extra_repr(): string { return inplaceStr(this.inplace); }
}

export class Sigmoid extends Module {
  override forward(input: Tensor): Tensor { return E.sigmoid(input); }
}

export class Tanh extends Module {
  override forward(input: Tensor): Tensor { return E.tanh(input); }
}

export class Softplus extends Module {
  declare readonly beta: number;
  declare readonly threshold: number;
  constructor(...args: Args<[beta: number, threshold: number], { beta?: number; threshold?: number }>) {
    super();
    setArgs(this, 'Softplus', ['beta', 'threshold'], { beta: 1, threshold: 20 }, args);
  }
  override forward(input: Tensor): Tensor { return F.softplus(input, this.beta, this.threshold); }
  override extra_repr(): string { return `beta=${this.beta}, threshold=${this.threshold}`; }
}

export class Softsign extends Module {
  override forward(input: Tensor): Tensor { return F.softsign(input); }
}

export class Hardsigmoid extends Module {
  declare readonly inplace: boolean;
  constructor(...args: Inplace) { super(); setArgs(this, 'Hardsigmoid', ['inplace'], { inplace: false }, args); }
  override forward(input: Tensor): Tensor { return F.hardsigmoid(input, this.inplace); }
}

export class Hardswish extends Module {
  declare readonly inplace: boolean;
  constructor(...args: Inplace) { super(); setArgs(this, 'Hardswish', ['inplace'], { inplace: false }, args); }
  override forward(input: Tensor): Tensor { return F.hardswish(input, this.inplace); }
}

export class LogSigmoid extends Module {
  override forward(input: Tensor): Tensor { return F.logsigmoid(input); }
}

export class Tanhshrink extends Module {
  override forward(input: Tensor): Tensor { return F.tanhshrink(input); }
}

export class Hardshrink extends Module {
  declare readonly lambd: number;
  constructor(...args: Args<[lambd: number], { lambd?: number }>) { super(); setArgs(this, 'Hardshrink', ['lambd'], { lambd: 0.5 }, args); }
  override forward(input: Tensor): Tensor { return F.hardshrink(input, this.lambd); }
  override extra_repr(): string { return pyFloat(this.lambd); }
}

export class Softshrink extends Module {
  declare readonly lambd: number;
  constructor(...args: Args<[lambd: number], { lambd?: number }>) { super(); setArgs(this, 'Softshrink', ['lambd'], { lambd: 0.5 }, args); }
  override forward(input: Tensor): Tensor { return F.softshrink(input, this.lambd); }
  override extra_repr(): string { return pyFloat(this.lambd); }
}

export class Threshold extends Module {
  declare readonly threshold: number;
  declare readonly value: number;
  declare readonly inplace: boolean;
  constructor(...args: Init<[threshold: number, value: number], ['threshold', 'value'], [inplace: boolean], { inplace?: boolean }>) {
    super();
    setArgs(this, 'Threshold', ['threshold', 'value', 'inplace'], { inplace: false }, args, 2);
    checkArgs('Threshold', this as unknown as Record<string, unknown>, { threshold: 'float', value: 'float' });
  }
  override forward(input: Tensor): Tensor { return F.threshold(input, this.threshold, this.value, this.inplace); }
  override extra_repr(): string {
    return `threshold=${pyFloat(this.threshold)}, value=${pyFloat(this.value)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

export class GLU extends Module {
  declare readonly dim: number;
  constructor(...args: Args<[dim: number], { dim?: number }>) { super(); setArgs(this, 'GLU', ['dim'], { dim: -1 }, args); }
  override forward(input: Tensor): Tensor { return F.glu(input, this.dim); }
  override extra_repr(): string { return `dim=${this.dim}`; }
}

abstract class SoftmaxBase extends Module {
  declare readonly dim: number | null;
  constructor(...args: Args<[dim: number | null], { dim?: number | null }>) {
    super();
    setArgs(this, new.target.name, ['dim'], { dim: null }, args);
  }
  override extra_repr(): string { return `dim=${this.dim === null ? 'None' : this.dim}`; }
}

/** softmax along dim. @example new nn.Softmax(-1) */
export class Softmax extends SoftmaxBase {
  override forward(input: Tensor): Tensor { return F.softmax(input, this.dim); }
}

export class LogSoftmax extends SoftmaxBase {
  override forward(input: Tensor): Tensor { return F.log_softmax(input, this.dim); }
}

export class Softmin extends SoftmaxBase {
  override forward(input: Tensor): Tensor { return F.softmin(input, this.dim); }
}

// ---------------------------------------------------------------- distances

export class CosineSimilarity extends Module {
  declare readonly dim: number;
  declare readonly eps: number;
  constructor(...args: Args<[dim: number, eps: number], { dim?: number; eps?: number }>) {
    super();
    setArgs(this, 'CosineSimilarity', ['dim', 'eps'], { dim: 1, eps: 1e-8 }, args);
  }
  override forward(x1: Tensor, x2: Tensor): Tensor { return F.cosine_similarity(x1, x2, this.dim, this.eps); }
}

export class PairwiseDistance extends Module {
  declare readonly p: number;
  declare readonly eps: number;
  declare readonly keepdim: boolean;
  constructor(...args: Args<[p: number, eps: number, keepdim: boolean], { p?: number; eps?: number; keepdim?: boolean }>) {
    super();
    setArgs(this, 'PairwiseDistance', ['p', 'eps', 'keepdim'], { p: 2, eps: 1e-6, keepdim: false }, args);
  }
  override forward(x1: Tensor, x2: Tensor): Tensor { return F.pairwise_distance(x1, x2, this.p, this.eps, this.keepdim); }
}

