// Rprop and ASGD, as torch/optim/{rprop,asgd}.py (the single-tensor path).
import { Tensor } from '../tensor.js';
import { zeros_like, full_like } from '../ops/create.js';
import { Optimizer, Params, ParamGroup, ParamState, bindArgs, stateTensor, pyNum, counter, bump, readCounter, writeCounter } from './optimizer.js';

export interface RpropOptions {
  lr?: number;
  etas?: [number, number] | number[];
  step_sizes?: [number, number] | number[];
  foreach?: boolean | null;
  maximize?: boolean;
}

/**
 * Rprop: each coordinate's step size grows by etaplus while the gradient keeps its sign and
 * shrinks by etaminus when it flips (that step is skipped); `p -= sign(g) · step_size`.
 *
 * `const opt = new torch.optim.Rprop(net.parameters(), { lr: 0.01, etas: [0.5, 1.2] })`
 */
export class Rprop extends Optimizer {
  constructor(params: Params, lr?: number | RpropOptions, opts?: RpropOptions) {
    const a = bindArgs('Rprop', ['lr', 'etas', 'step_sizes', 'foreach', 'maximize'], [],
      { lr: 1e-2, etas: [0.5, 1.2], step_sizes: [1e-6, 50], foreach: null, maximize: false }, [lr, opts]);
    if (!(0 <= a.lr)) throw new Error(`Invalid learning rate: ${pyNum(a.lr)}`);
    if (!(0 < a.etas[0] && a.etas[0] < 1 && 1 < a.etas[1])) {
      throw new Error(`Invalid eta values: ${pyNum(a.etas[0], true)}, ${pyNum(a.etas[1], true)}`);
    }
    super(params, a);
  }

  protected _update(p: Tensor, grad: Tensor, state: ParamState, group: ParamGroup): void {
    if (state.step === undefined) {
      state.step = 0;
      state.prev = stateTensor(zeros_like(p));
      state.step_size = stateTensor(full_like(grad, group.lr));
    }
    state.step++;
    const [etaminus, etaplus] = group.etas as number[];
    const [step_size_min, step_size_max] = group.step_sizes as number[];
    const prev: Tensor = state.prev;
    const step_size: Tensor = state.step_size;
    let g = group.maximize ? grad.neg() : grad;
    const sign = g.mul(prev).sign();
    sign.masked_fill_(sign.gt(0), etaplus);
    sign.masked_fill_(sign.lt(0), etaminus);
    sign.masked_fill_(sign.eq(0), 1);
    step_size.mul_(sign).clamp_(step_size_min, step_size_max);
    // where the sign flipped, skip this step and forget the gradient
    g = g.clone();
    g.masked_fill_(sign.eq(etaminus), 0);
    p.addcmul_(g.sign(), step_size, { value: -1 });
    prev.copy_(g);
  }
}

export interface ASGDOptions {
  lr?: number;
  lambd?: number;
  alpha?: number;
  t0?: number;
  weight_decay?: number;
  foreach?: boolean | null;
  maximize?: boolean;
}

/**
 * Averaged SGD: SGD with a decaying step `eta = lr / (1 + lambd·lr·t)^alpha` and, from step t0
 * on, a running average of the iterates in `state.ax`.
 *
 * `const opt = new torch.optim.ASGD(net.parameters(), { lr: 0.01, t0: 1e6 })`
 */
export class ASGD extends Optimizer {
  static override _floatHyper: readonly string[] = ['lr', 'initial_lr', 't0'];
  static override _tensorState: readonly string[] = ['step', 'eta', 'mu'];
  constructor(params: Params, lr?: number | ASGDOptions, opts?: ASGDOptions) {
    const a = bindArgs('ASGD', ['lr', 'lambd', 'alpha', 't0', 'weight_decay', 'foreach', 'maximize'], [],
      { lr: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weight_decay: 0, foreach: null, maximize: false }, [lr, opts]);
    if (!(0 <= a.lr)) throw new Error(`Invalid learning rate: ${pyNum(a.lr)}`);
    if (!(0 <= a.weight_decay)) throw new Error(`Invalid weight_decay value: ${pyNum(a.weight_decay)}`);
    super(params, a);
  }

  protected _update(p: Tensor, grad: Tensor, state: ParamState, group: ParamGroup): void {
    const { lr, lambd, alpha, t0, weight_decay } = group;
    // eta and mu are float32 tensors, as PyTorch's
    if (state.step === undefined) {
      state.step = counter(0);
      state.eta = counter(lr);
      state.mu = counter(1);
      state.ax = stateTensor(zeros_like(p));
    }
    const step = bump(state.step);
    let g = group.maximize ? grad.neg() : grad;
    if (weight_decay !== 0) g = g.add(p, { alpha: weight_decay });
    const eta = readCounter(state.eta);
    const mu = readCounter(state.mu);
    const ax: Tensor = state.ax;
    p.mul_(1 - lambd * eta);
    p.add_(g, { alpha: -eta });
    if (mu !== 1) ax.add_(p.sub(ax).mul_(mu));
    else ax.copy_(p);
    writeCounter(state.eta, lr / Math.pow(1 + lambd * lr * step, alpha));
    writeCounter(state.mu, 1 / Math.max(1, step - t0));
  }
}
