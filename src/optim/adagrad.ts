// Per-coordinate adaptive learning rates from running squared gradients: Adagrad, Adadelta,
// RMSprop, as torch/optim/{adagrad,adadelta,rmsprop}.py (the single-tensor path).
import { Tensor } from '../tensor.js';
import { zeros_like, full_like } from '../ops/create.js';
import { addcmul } from '../ops/elementwise.js';
import { Optimizer, Params, ParamGroup, ParamState, bindArgs, stateTensor, pyNum, counter, bump } from './optimizer.js';

export interface AdagradOptions {
  lr?: number;
  lr_decay?: number;
  weight_decay?: number;
  initial_accumulator_value?: number;
  eps?: number;
  foreach?: boolean | null;
  maximize?: boolean;
}

/**
 * Adagrad: `sum += g²; p -= lr/(1 + (t-1)·lr_decay) · g / (√sum + eps)`.
 *
 * `const opt = new torch.optim.Adagrad(net.parameters(), { lr: 0.01 })`
 */
export class Adagrad extends Optimizer {
  static override _tensorState: readonly string[] = ['step'];
  constructor(params: Params, lr?: number | AdagradOptions, opts?: AdagradOptions) {
    const a = bindArgs('Adagrad', ['lr', 'lr_decay', 'weight_decay', 'initial_accumulator_value', 'eps', 'foreach'],
      ['maximize'],
      { lr: 1e-2, lr_decay: 0, weight_decay: 0, initial_accumulator_value: 0, eps: 1e-10, foreach: null,
        maximize: false }, [lr, opts]);
    if (!(0 <= a.lr)) throw new Error(`Invalid learning rate: ${pyNum(a.lr)}`);
    if (!(0 <= a.lr_decay)) throw new Error(`Invalid lr_decay value: ${pyNum(a.lr_decay)}`);
    if (!(0 <= a.weight_decay)) throw new Error(`Invalid weight_decay value: ${pyNum(a.weight_decay)}`);
    if (!(0 <= a.initial_accumulator_value)) {
      throw new Error(`Invalid initial_accumulator_value value: ${pyNum(a.initial_accumulator_value)}`);
    }
    if (!(0 <= a.eps)) throw new Error(`Invalid epsilon value: ${pyNum(a.eps)}`);
    super(params, a);
    // PyTorch creates Adagrad's state eagerly
    for (const group of this.param_groups) for (const p of group.params) this._init(p, group);
  }

  private _init(p: Tensor, group: ParamGroup): ParamState {
    const state = this._stateOf(p);
    if (state.step === undefined) {
      state.step = counter(0);
      state.sum = stateTensor(full_like(p, group.initial_accumulator_value));
    }
    return state;
  }

  protected _update(p: Tensor, grad: Tensor, state: ParamState, group: ParamGroup): void {
    this._init(p, group);
    const step = bump(state.step);
    let g = group.maximize ? grad.neg() : grad;
    if (group.weight_decay !== 0) g = g.add(p, { alpha: group.weight_decay });
    const clr = group.lr / (1 + (step - 1) * group.lr_decay);
    const sum: Tensor = state.sum;
    sum.addcmul_(g, g, { value: 1 });
    const std = sum.sqrt().add_(group.eps);
    p.addcdiv_(g, std, { value: -clr });
  }
}

export interface AdadeltaOptions {
  lr?: number;
  rho?: number;
  eps?: number;
  weight_decay?: number;
  foreach?: boolean | null;
  maximize?: boolean;
}

/**
 * Adadelta: `v = ρ·v + (1-ρ)·g²; Δ = √(u + eps)/√(v + eps) · g; u = ρ·u + (1-ρ)·Δ²; p -= lr·Δ`.
 *
 * `const opt = new torch.optim.Adadelta(net.parameters(), { lr: 1.0, rho: 0.9 })`
 */
export class Adadelta extends Optimizer {
  constructor(params: Params, lr?: number | AdadeltaOptions, opts?: AdadeltaOptions) {
    const a = bindArgs('Adadelta', ['lr', 'rho', 'eps', 'weight_decay', 'foreach'], ['maximize'],
      { lr: 1.0, rho: 0.9, eps: 1e-6, weight_decay: 0, foreach: null, maximize: false }, [lr, opts]);
    if (!(0 <= a.lr)) throw new Error(`Invalid learning rate: ${pyNum(a.lr)}`);
    if (!(0 <= a.rho && a.rho <= 1)) throw new Error(`Invalid rho value: ${pyNum(a.rho)}`);
    if (!(0 <= a.eps)) throw new Error(`Invalid epsilon value: ${pyNum(a.eps)}`);
    if (!(0 <= a.weight_decay)) throw new Error(`Invalid weight_decay value: ${pyNum(a.weight_decay)}`);
    super(params, a);
  }

  protected _update(p: Tensor, grad: Tensor, state: ParamState, group: ParamGroup): void {
    if (state.step === undefined) {
      state.step = 0;
      state.square_avg = stateTensor(zeros_like(p));
      state.acc_delta = stateTensor(zeros_like(p));
    }
    state.step++;
    const { lr, rho, eps, weight_decay } = group;
    let g = group.maximize ? grad.neg() : grad;
    if (weight_decay !== 0) g = g.add(p, { alpha: weight_decay });
    const square_avg: Tensor = state.square_avg;
    const acc_delta: Tensor = state.acc_delta;
    square_avg.mul_(rho).addcmul_(g, g, { value: 1 - rho });
    const std = square_avg.add(eps).sqrt_();
    const delta = acc_delta.add(eps).sqrt_().div_(std).mul_(g);
    acc_delta.mul_(rho).addcmul_(delta, delta, { value: 1 - rho });
    p.add_(delta, { alpha: -lr });
  }
}

export interface RMSpropOptions {
  lr?: number;
  alpha?: number;
  eps?: number;
  weight_decay?: number;
  momentum?: number;
  centered?: boolean;
  foreach?: boolean | null;
  maximize?: boolean;
  differentiable?: boolean;
}

/**
 * RMSprop: `v = α·v + (1-α)·g²; p -= lr · g / (√v + eps)`; centered subtracts the squared
 * running mean of g from v, momentum accumulates `g / (√v + eps)` into a buffer.
 *
 * `const opt = new torch.optim.RMSprop(net.parameters(), { lr: 0.01, alpha: 0.99 })`
 */
export class RMSprop extends Optimizer {
  constructor(params: Params, lr?: number | RMSpropOptions, opts?: RMSpropOptions) {
    const a = bindArgs('RMSprop', ['lr', 'alpha', 'eps', 'weight_decay', 'momentum', 'centered', 'foreach', 'maximize',
      'differentiable'], [],
    { lr: 1e-2, alpha: 0.99, eps: 1e-8, weight_decay: 0, momentum: 0, centered: false, foreach: null, maximize: false,
      differentiable: false }, [lr, opts]);
    if (!(0 <= a.lr)) throw new Error(`Invalid learning rate: ${pyNum(a.lr)}`);
    if (!(0 <= a.eps)) throw new Error(`Invalid epsilon value: ${pyNum(a.eps)}`);
    if (!(0 <= a.momentum)) throw new Error(`Invalid momentum value: ${pyNum(a.momentum)}`);
    if (!(0 <= a.weight_decay)) throw new Error(`Invalid weight_decay value: ${pyNum(a.weight_decay)}`);
    if (!(0 <= a.alpha)) throw new Error(`Invalid alpha value: ${pyNum(a.alpha)}`);
    super(params, a);
  }

  protected _update(p: Tensor, grad: Tensor, state: ParamState, group: ParamGroup): void {
    const { lr, alpha, eps, weight_decay, momentum, centered } = group;
    if (state.step === undefined) {
      state.step = 0;
      state.square_avg = stateTensor(zeros_like(p));
      if (momentum > 0) state.momentum_buffer = stateTensor(zeros_like(p));
      if (centered) state.grad_avg = stateTensor(zeros_like(p));
    }
    state.step++;
    let g = group.maximize ? grad.neg() : grad;
    if (weight_decay !== 0) g = g.add(p, { alpha: weight_decay });
    const square_avg: Tensor = state.square_avg;
    square_avg.mul_(alpha).addcmul_(g, g, { value: 1 - alpha });
    let avg: Tensor;
    if (centered) {
      const grad_avg: Tensor = state.grad_avg;
      grad_avg.mul_(alpha).add_(g, { alpha: 1 - alpha });
      avg = addcmul(square_avg, grad_avg, grad_avg, { value: -1 }).sqrt_();
    } else {
      avg = square_avg.sqrt();
    }
    avg.add_(eps);
    if (momentum > 0) {
      const buf: Tensor = state.momentum_buffer;
      buf.mul_(momentum).addcdiv_(g, avg);
      p.add_(buf, { alpha: -lr });
    } else {
      p.addcdiv_(g, avg, { value: -lr });
    }
  }
}
