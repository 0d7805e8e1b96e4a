// torch.optim.swa_utils (PyTorch 1.13's torch/optim/swa_utils.py): stochastic weight averaging. AveragedModel keeps a
// deep copy of a model whose parameters (and, with use_buffers, buffers) are a running average of the model's; SWALR
// anneals each group's learning rate to its swa_lr; update_bn recomputes BatchNorm running statistics with one pass
// over the data (momentum None: a cumulative average).
import { Tensor } from '../tensor.js';
import { int64 } from '../dtype.js';
import { no_grad } from '../autograd.js';
import { keep } from '../lifetime.js';
import * as C from '../ops/create.js';
import * as E from '../ops/elementwise.js';
import { Module, initArgs } from '../nn/module.js';
import { BatchNorm1d, BatchNorm2d, BatchNorm3d, SyncBatchNorm } from '../nn/layers.js';
import { deepcopy } from '../nn/copy.js';
import type { device } from '../device.js';
import { warnOnce } from '../warn.js';
import { Optimizer, bindArgs } from './optimizer.js';
import { LRScheduler } from './lr_scheduler.js';

/** An averaging function: the new value of an averaged parameter from its current value, the model's value and
 *  the number of models averaged so far (a 0-dim int64 tensor). */
export type AvgFn = (averaged_model_parameter: Tensor, model_parameter: Tensor, num_averaged: Tensor) => Tensor;

export interface AveragedModelOptions {
  device?: device | string | null;
  avg_fn?: AvgFn | null;
  use_buffers?: boolean;
}

/** Equal weights: averaged + (model - averaged) / (n + 1). */
const equalAverage: AvgFn = (averaged, model, n) => averaged.add(model.sub(averaged).div(n.add(1)));

/**
 * `swa_utils.AveragedModel(model, device=None, avg_fn=None, use_buffers=False)`: a deep copy of `model` whose
 * parameters `update_parameters(model)` averages (equally, or with `avg_fn`); `n_averaged` counts the updates (an int64
 * buffer, saved in state_dict beside `module.*`). With `use_buffers` the buffers are averaged too (BatchNorm's
 * running statistics), else refresh them after training with `update_bn`.
 *
 * @example
 * const swa = new swa_utils.AveragedModel(net);
 * // after each epoch past swa_start:
 * swa.update_parameters(net);
 */
export class AveragedModel<M extends Module = Module> extends Module {
  module: M;
  avg_fn: AvgFn;
  use_buffers: boolean;
  declare n_averaged: Tensor;

  constructor(model: M, ...args: [(device | string | null | AveragedModelOptions)?, (AvgFn | null | AveragedModelOptions)?,
    (boolean | AveragedModelOptions)?, AveragedModelOptions?]) {
    super();
    const o = initArgs('AveragedModel', 1, ['device', 'avg_fn', 'use_buffers'],
      { device: null, avg_fn: null, use_buffers: false }, args, [], false);
    if (!(model instanceof Module)) throw new TypeError(`AveragedModel: expected an nn.Module, got ${model === null ? 'None' : typeof model}`);
    this.module = deepcopy(model);
    if (o.device !== null) this.module = this.module.to(o.device);
    this.register_buffer('n_averaged', C.tensor(0, { dtype: int64 }));
    this.avg_fn = o.avg_fn ?? equalAverage;
    this.use_buffers = o.use_buffers;
  }

  override forward(...args: Parameters<M['forward']>): ReturnType<M['forward']> {
    return (this.module as unknown as (...a: unknown[]) => ReturnType<M['forward']>)(...args);
  }

  /**
   * Folds `model`'s current parameters (and buffers, with use_buffers) into the average: copied at the first call,
   * `avg_fn(averaged, current, n_averaged)` afterwards, in place; then n_averaged += 1.
   */
  update_parameters(model: Module): void {
    const mine = this.use_buffers ? [...this.module.parameters(), ...this.module.buffers()] : [...this.parameters()];
    const theirs = this.use_buffers ? [...model.parameters(), ...model.buffers()] : [...model.parameters()];
    const n = Math.min(mine.length, theirs.length);   // Python's zip
    no_grad(() => {
      const first = Number(this.n_averaged.item()) === 0;
      for (let i = 0; i < n; i++) {
        const swa = mine[i].detach();
        const cur = theirs[i].detach();
        if (first) swa.copy_(cur);
        else {
          const avg = this.avg_fn(swa, cur, this.n_averaged);
          if (!(avg instanceof Tensor)) throw new TypeError(`AveragedModel: avg_fn must return a tensor, got ${typeof avg}`);
          swa.copy_(avg);
        }
      }
      this.n_averaged.add_(1);
    });
  }
}

/**
 * `swa_utils.update_bn(loader, model, device=None)`: one pass over `loader` (batches that are tensors, or arrays whose
 * first element is the input) in training mode, with every BatchNorm's running statistics reset and its momentum set to
 * null (a cumulative average over the batches); momenta and the model's mode are restored after. Runs under no_grad.
 *
 * @example swa_utils.update_bn(trainLoader, swaModel)
 */
export function update_bn(loader: Iterable<unknown>, model: Module, device: device | string | null = null): void {
  if (loader == null || typeof (loader as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`'${loader === null || loader === undefined ? 'NoneType' : typeof loader}' object is not iterable`);
  }
  const momenta = new Map<BatchNorm, number | null>();
  for (const m of model.modules()) {
    if (!isBatchNorm(m)) continue;
    if (m.running_mean === null || m.running_var === null) {
      throw new TypeError("zeros_like(): argument 'input' (position 1) must be Tensor, not NoneType");
    }
    momenta.set(m, m.momentum);
  }
  if (momenta.size === 0) return;
  no_grad(() => {
    for (const m of momenta.keys()) {
      m.running_mean = keep(C.zeros_like(m.running_mean!));
      m.running_var = keep(C.ones_like(m.running_var!));
    }
    const wasTraining = model.training;
    model.train();
    const writable = (m: BatchNorm) => m as unknown as { momentum: number | null };
    for (const m of momenta.keys()) {
      writable(m).momentum = null;
      if (m.num_batches_tracked) E.fill_(m.num_batches_tracked, 0);   // num_batches_tracked *= 0
    }
    try {
      for (const batch of loader) {
        let input = Array.isArray(batch) ? batch[0] : batch;
        if (device !== null && input instanceof Tensor) input = input.to(device);
        (model as unknown as (x: unknown) => unknown)(input);
      }
    } finally {
      for (const [m, momentum] of momenta) writable(m).momentum = momentum;
      model.train(wasTraining);
    }
  });
}

/** PyTorch's `torch.nn.modules.batchnorm._BatchNorm`: BatchNorm1d/2d/3d, SyncBatchNorm and their lazy forms. */
type BatchNorm = BatchNorm1d | BatchNorm2d | BatchNorm3d | SyncBatchNorm;
const isBatchNorm = (m: Module): m is BatchNorm =>
  m instanceof BatchNorm1d || m instanceof BatchNorm2d || m instanceof BatchNorm3d || m instanceof SyncBatchNorm;

export interface SWALROptions {
  swa_lr?: number | number[];
  anneal_epochs?: number;
  anneal_strategy?: 'cos' | 'linear';
  last_epoch?: number;
}

/**
 * `swa_utils.SWALR(optimizer, swa_lr, anneal_epochs=10, anneal_strategy='cos', last_epoch=-1)`: anneals each
 * group's learning rate from its value to `swa_lr` (one value, or one per group) over `anneal_epochs` steps, by a
 * cosine or a linear ramp, then holds it. PyTorch's formula, step by step, so the learning rates are PyTorch's.
 *
 * @example const swaSched = new swa_utils.SWALR(opt, { swa_lr: 0.05, anneal_epochs: 5 })
 */
export class SWALR extends LRScheduler {
  /** PyTorch's anneal_func (not in state_dict here: a function; the strategy decides it). */
  declare anneal_func: (t: number) => number;
  anneal_epochs!: number;

  constructor(optimizer: Optimizer, ...args: (number | number[] | string | SWALROptions | undefined)[]) {
    super(optimizer);
    const a = bindArgs('SWALR', ['swa_lr', 'anneal_epochs', 'anneal_strategy', 'last_epoch'], [],
      { anneal_epochs: 10, anneal_strategy: 'cos', last_epoch: -1 }, args);
    const groups = optimizer.param_groups;
    let swaLrs: number[];
    if (Array.isArray(a.swa_lr)) {
      if (a.swa_lr.length !== groups.length) {
        throw new Error('swa_lr must have the same length as optimizer.param_groups: swa_lr has ' +
          `${a.swa_lr.length}, optimizer.param_groups has ${groups.length}`);
      }
      swaLrs = a.swa_lr.slice();
    } else swaLrs = groups.map(() => a.swa_lr);
    // validated before the groups change (PyTorch writes swa_lr into them first)
    if (a.anneal_strategy !== 'cos' && a.anneal_strategy !== 'linear') {
      throw new Error(`anneal_strategy must by one of 'cos' or 'linear', instead got ${a.anneal_strategy}`);
    }
    if (typeof a.anneal_epochs !== 'number' || !Number.isInteger(a.anneal_epochs) || a.anneal_epochs < 0) {
      throw new Error(`anneal_epochs must be equal or greater than 0, got ${a.anneal_epochs}`);
    }
    groups.forEach((g, i) => { g.swa_lr = swaLrs[i]; });
    Object.defineProperty(this, 'anneal_func', {
      value: a.anneal_strategy === 'cos' ? SWALR._cosine_anneal : SWALR._linear_anneal, writable: true, configurable: true,
    });
    this.anneal_epochs = a.anneal_epochs;
    this._init(a.last_epoch, false);
  }

  static _linear_anneal(t: number): number {
    return t;
  }

  static _cosine_anneal(t: number): number {
    return (1 - Math.cos(Math.PI * t)) / 2;
  }

  static _get_initial_lr(lr: number, swa_lr: number, alpha: number): number {
    if (alpha === 1) return swa_lr;
    return (lr - alpha * swa_lr) / (1 - alpha);
  }

  override get_lr(): number[] {
    if (!this._get_lr_called_within_step) {
      warnOnce('SWALR.get_lr', 'To get the last learning rate computed by the scheduler, please use `get_last_lr()`.');
    }
    let step = this._step_count - 1;
    if (this.anneal_epochs === 0) step = Math.max(1, step);
    const prevT = Math.max(0, Math.min(1, (step - 1) / Math.max(1, this.anneal_epochs)));
    const prevAlpha = this.anneal_func(prevT);
    const groups = this.optimizer.param_groups;
    const prevLrs = groups.map((g) => SWALR._get_initial_lr(g.lr, g.swa_lr, prevAlpha));
    const t = Math.max(0, Math.min(1, step / Math.max(1, this.anneal_epochs)));
    const alpha = this.anneal_func(t);
    return groups.map((g, i) => g.swa_lr * alpha + prevLrs[i] * (1 - alpha));
  }
}
