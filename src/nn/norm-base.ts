// PyTorch's _NormBase, what BatchNorm*d (layers.ts) and InstanceNorm*d (cnn-utils.ts) share, in a module of its
// own: InstanceNorm's module loads before layers.ts (through nn.functional), and a class must exist to be extended.
import { Tensor } from '../tensor.js';
import { int64 } from '../dtype.js';
import { no_grad } from '../autograd.js';
import * as E from '../ops/elementwise.js';
import * as C from '../ops/create.js';
import { pyFloat, pyBool } from '../print.js';
import { Module, Parameter, ownParameter, initArgs, checkArgs } from './module.js';
import * as init from './init.js';

/**
 * What BatchNorm and InstanceNorm share, PyTorch's _NormBase: the settings, the affine weight (ones) and bias
 * (zeros), and the running statistics as buffers (None when not tracked). `cls` is the class whose __init__
 * PyTorch's TypeErrors name (_BatchNorm, _InstanceNorm).
 */
export abstract class NormBase extends Module {
  static override _version = 2;
  readonly num_features: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly track_running_stats: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;

  constructor(cls: string, defaults: { eps: number; momentum: number; affine: boolean; track_running_stats: boolean },
    args: readonly unknown[]) {
    super();
    const opts = initArgs(cls, 0, ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats'], defaults, args, [], true, 1);
    checkArgs(cls, opts, { num_features: 'int', eps: 'float', momentum: 'float?' });
    const n = opts.num_features as number;
    this.num_features = n;
    this.eps = opts.eps;
    this.momentum = opts.momentum;
    this.affine = opts.affine;
    this.track_running_stats = opts.track_running_stats;
    this.weight = this.affine ? ownParameter(C.ones([n])) : null;
    this.bias = this.affine ? ownParameter(C.zeros([n])) : null;
    const t = this.track_running_stats;
    this.register_buffer('running_mean', t ? C.zeros([n]) : null);
    this.register_buffer('running_var', t ? C.ones([n]) : null);
    this.register_buffer('num_batches_tracked', t ? C.zeros([], { dtype: int64 }) : null);
  }

  /** Running statistics back to mean 0, variance 1, no batches (when tracked). */
  reset_running_stats(): void {
    if (!this.track_running_stats) return;
    no_grad(() => {
      E.fill_(this.running_mean!, 0);
      E.fill_(this.running_var!, 1);
      E.fill_(this.num_batches_tracked!, 0);
    });
  }

  /** The running statistics reset, and the affine weight 1 and bias 0. */
  reset_parameters(): void {
    this.reset_running_stats();
    if (this.affine) {
      init.ones_(this.weight!);
      init.zeros_(this.bias!);
    }
  }

  override extra_repr(): string {
    return `${this.num_features}, eps=${pyFloat(this.eps)}, momentum=${this.momentum === null ? 'None' : pyFloat(this.momentum)}, ` +
      `affine=${pyBool(this.affine)}, track_running_stats=${pyBool(this.track_running_stats)}`;
  }
}
