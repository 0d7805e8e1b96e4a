// The Adam family: Adam, AdamW, Adamax, NAdam, RAdam, as torch/optim/{adam,adamw,adamax,nadam,radam}.py
// (the single-tensor path). Moments are kept per parameter; `step` is a 0-dim float32 tensor, as PyTorch 1.13's.
import { Tensor } from '../tensor.js';
import { zeros_like } from '../ops/create.js';
import { maximum } from '../ops/elementwise.js';
import { adamFlat } from '../backend/flat.js';
import { float32 } from '../dtype.js';
import { Optimizer, Params, ParamGroup, ParamState, bindArgs, stateTensor, pyNum, counter, readCounter, writeCounter, bump } from './optimizer.js';

export interface AdamOptions {
  lr?: number;
  betas?: readonly [number, number] | readonly number[];
  eps?: number;
  weight_decay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
  foreach?: boolean | null;
  capturable?: boolean;
  differentiable?: boolean;
  fused?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Opts = Record<string, any>;

/** The checks Adam, AdamW, Adamax, NAdam and RAdam share, with PyTorch's messages. */
function checkAdamLike(a: Opts): void {
  if (!(0 <= a.lr)) throw new Error(`Invalid learning rate: ${pyNum(a.lr)}`);
  if (!(0 <= a.eps)) throw new Error(`Invalid epsilon value: ${pyNum(a.eps)}`);
  if (!Array.isArray(a.betas) || a.betas.length !== 2) {
    throw new TypeError(`betas must be a pair of numbers, got ${String(a.betas)}`);
  }
  if (!(0 <= a.betas[0] && a.betas[0] < 1)) throw new Error(`Invalid beta parameter at index 0: ${pyNum(a.betas[0], true)}`);
  if (!(0 <= a.betas[1] && a.betas[1] < 1)) throw new Error(`Invalid beta parameter at index 1: ${pyNum(a.betas[1], true)}`);
  if (!(0 <= a.weight_decay)) throw new Error(`Invalid weight_decay value: ${pyNum(a.weight_decay)}`);
}

function initMoments(p: Tensor, state: ParamState, amsgrad: boolean): void {
  if (state.step !== undefined) return;
  state.step = counter(0);
  state.exp_avg = stateTensor(zeros_like(p));
  state.exp_avg_sq = stateTensor(zeros_like(p));
  if (amsgrad) state.max_exp_avg_sq = stateTensor(zeros_like(p));
}

/**
 * Adam: `m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²; p -= lr/(1-β1^t) · m / (√v/√(1-β2^t) + eps)`;
 * weight_decay adds `wd·p` to the gradient (L2), amsgrad uses the running max of v.
 *
 * `const opt = new torch.optim.Adam(net.parameters(), { lr: 1e-3, betas: [0.9, 0.999] })`
 */
export class Adam extends Optimizer {
  static override _tensorState: readonly string[] = ['step'];
  constructor(params: Params, lr?: number | AdamOptions, opts?: AdamOptions) {
    const a = bindArgs('Adam', ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad'],
      ['foreach', 'maximize', 'capturable', 'differentiable', 'fused'],
      { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, amsgrad: false, maximize: false, foreach: null,
        capturable: false, differentiable: false, fused: false }, [lr, opts]);
    checkAdamLike(a);
    super(params, a);
  }

  protected _update(p: Tensor, grad: Tensor, state: ParamState, group: ParamGroup): void {
    initMoments(p, state, group.amsgrad);
    adamUpdate(p, grad, state, group, false);
  }
}

/**
 * AdamW: Adam with decoupled weight decay, `p *= 1 - lr·wd` before the Adam step.
 *
 * `const opt = new torch.optim.AdamW(net.parameters(), { lr: 1e-3, weight_decay: 0.01 })`
 */
export class AdamW extends Optimizer {
  static override _tensorState: readonly string[] = ['step'];
  // AdamW's weight_decay is a float (1e-2 by default; GPT code gives its no-decay group 0.0): it prints as 0.0, where
  // Adam's (an int 0 by default in PyTorch 1.13) prints as 0
  static override _floatHyper: readonly string[] = ['lr', 'initial_lr', 'weight_decay'];
  constructor(params: Params, lr?: number | AdamOptions, opts?: AdamOptions) {
    const a = bindArgs('AdamW', ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad'],
      ['maximize', 'foreach', 'capturable'],
      { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 1e-2, amsgrad: false, foreach: null, maximize: false,
        capturable: false }, [lr, opts]);
    checkAdamLike(a);
    super(params, a);
  }

  protected _update(p: Tensor, grad: Tensor, state: ParamState, group: ParamGroup): void {
    initMoments(p, state, group.amsgrad);
    adamUpdate(p, grad, state, group, true);
  }
}

/**
 * One Adam (decoupled = false) or AdamW (decoupled = true) step of one parameter: one fused wasm
 * pass over the parameter and its moments when they are contiguous float32 (always, for tensors
 * made by tocha), else the composed version below.
 */
export function adamUpdate(p: Tensor, grad: Tensor, state: ParamState, o: Opts, decoupled: boolean): void {
  const exp_avg: Tensor = state.exp_avg;
  const exp_avg_sq: Tensor = state.exp_avg_sq;
  const vmax: Tensor | null = o.amsgrad ? state.max_exp_avg_sq : null;
  const fusable = [p, grad, exp_avg, exp_avg_sq, ...(vmax ? [vmax] : [])]
    .every((t) => t.dtype === float32 && t.is_contiguous()) && !p._base;
  if (!fusable) {
    adamUpdateComposed(p, grad, state, o, decoupled);
    return;
  }
  for (const t of [p, exp_avg, exp_avg_sq]) t._bumpVersion();
  if (vmax) vmax._bumpVersion();
  const [beta1, beta2] = o.betas as number[];
  const { lr, weight_decay, eps } = o;
  const step = bump(state.step);
  const f = Math.fround;
  const bias_correction1 = 1 - beta1 ** step;
  const bias_correction2 = 1 - beta2 ** step;
  const flags = (o.amsgrad ? 1 : 0) | (o.maximize ? 2 : 0) | (decoupled ? 4 : 0) | (!decoupled && weight_decay !== 0 ? 8 : 0);
  adamFlat(p._ptr(), grad._ptr(), exp_avg._ptr(), exp_avg_sq._ptr(), vmax ? vmax._ptr() : 0, p.numel(),
    [f(beta1), f(1 - beta1), f(beta2), f(1 - beta2), f(eps), f(weight_decay), f(1 - lr * weight_decay),
      f(-(lr / bias_correction1)), f(Math.sqrt(bias_correction2))], flags);
}

/** The same step composed from tensor ops (PyTorch's `_single_tensor_adam`): the fused kernel's oracle. */
export function adamUpdateComposed(p: Tensor, grad: Tensor, state: ParamState, o: Opts, decoupled: boolean): void {
  const [beta1, beta2] = o.betas as number[];
  const { lr, weight_decay, eps } = o;
  let g = o.maximize ? grad.neg() : grad;
  const exp_avg: Tensor = state.exp_avg;
  const exp_avg_sq: Tensor = state.exp_avg_sq;
  const step = bump(state.step);
  if (decoupled) p.mul_(1 - lr * weight_decay);
  else if (weight_decay !== 0) g = g.add(p, { alpha: weight_decay });
  exp_avg.mul_(beta1).add_(g, { alpha: 1 - beta1 });
  exp_avg_sq.mul_(beta2).addcmul_(g, g, { value: 1 - beta2 });
  const bias_correction1 = 1 - beta1 ** step;
  const bias_correction2 = 1 - beta2 ** step;
  const step_size = lr / bias_correction1;
  const bias_correction2_sqrt = Math.sqrt(bias_correction2);
  let denom: Tensor;
  if (o.amsgrad) {
    const m: Tensor = state.max_exp_avg_sq;
    m.copy_(maximum(m, exp_avg_sq));
    denom = m.sqrt().div_(bias_correction2_sqrt).add_(eps);
  } else {
    denom = exp_avg_sq.sqrt().div_(bias_correction2_sqrt).add_(eps);
  }
  p.addcdiv_(exp_avg, denom, { value: -step_size });
}

export interface AdamaxOptions {
  lr?: number;
  betas?: readonly [number, number] | readonly number[];
  eps?: number;
  weight_decay?: number;
  foreach?: boolean | null;
  maximize?: boolean;
}

/**
 * Adamax: Adam with the infinity norm, `u = max(β2·u, |g| + eps); p -= lr/(1-β1^t) · m / u`.
 *
 * `const opt = new torch.optim.Adamax(net.parameters(), { lr: 2e-3 })`
 */
export class Adamax extends Optimizer {
  static override _tensorState: readonly string[] = ['step'];
  constructor(params: Params, lr?: number | AdamaxOptions, opts?: AdamaxOptions) {
    const a = bindArgs('Adamax', ['lr', 'betas', 'eps', 'weight_decay', 'foreach'], ['maximize'],
      { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, foreach: null, maximize: false }, [lr, opts]);
    checkAdamLike(a);
    super(params, a);
  }

  protected _update(p: Tensor, grad: Tensor, state: ParamState, group: ParamGroup): void {
    if (state.step === undefined) {
      state.step = counter(0);
      state.exp_avg = stateTensor(zeros_like(p));
      state.exp_inf = stateTensor(zeros_like(p));
    }
    const [beta1, beta2] = group.betas as number[];
    let g = group.maximize ? grad.neg() : grad;
    const step = bump(state.step);
    if (group.weight_decay !== 0) g = g.add(p, { alpha: group.weight_decay });
    const exp_avg: Tensor = state.exp_avg;
    const exp_inf: Tensor = state.exp_inf;
    exp_avg.mul_(beta1).add_(g, { alpha: 1 - beta1 });
    exp_inf.mul_(beta2);
    exp_inf.copy_(maximum(exp_inf, g.abs().add_(group.eps)));
    const clr = group.lr / (1 - beta1 ** step);
    p.addcdiv_(exp_avg, exp_inf, { value: -clr });
  }
}

export interface NAdamOptions {
  lr?: number;
  betas?: readonly [number, number] | readonly number[];
  eps?: number;
  weight_decay?: number;
  momentum_decay?: number;
  foreach?: boolean | null;
}

/**
 * NAdam: Adam with Nesterov momentum and the momentum schedule
 * `μ_t = β1·(1 - 0.5·0.96^(t·momentum_decay))`.
 *
 * `const opt = new torch.optim.NAdam(net.parameters(), { lr: 2e-3 })`
 */
export class NAdam extends Optimizer {
  static override _tensorState: readonly string[] = ['step', 'mu_product'];
  constructor(params: Params, lr?: number | NAdamOptions, opts?: NAdamOptions) {
    const a = bindArgs('NAdam', ['lr', 'betas', 'eps', 'weight_decay', 'momentum_decay', 'foreach'], [],
      { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, momentum_decay: 4e-3, foreach: null }, [lr, opts]);
    checkAdamLike(a);
    if (!(0 <= a.momentum_decay)) throw new Error(`Invalid momentum_decay value: ${pyNum(a.momentum_decay)}`);
    super(params, a);
  }

  protected _update(p: Tensor, grad: Tensor, state: ParamState, group: ParamGroup): void {
    if (state.step === undefined) {
      state.step = counter(0);
      state.mu_product = counter(1);
      state.exp_avg = stateTensor(zeros_like(p));
      state.exp_avg_sq = stateTensor(zeros_like(p));
    }
    const [beta1, beta2] = group.betas as number[];
    const { lr, weight_decay, momentum_decay, eps } = group;
    const step = bump(state.step);
    const bias_correction2 = 1 - beta2 ** step;
    let g = grad;
    if (weight_decay !== 0) g = g.add(p, { alpha: weight_decay });
    const mu = beta1 * (1 - 0.5 * 0.96 ** (step * momentum_decay));
    const mu_next = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * momentum_decay));
    // mu_product is a float32 tensor, as PyTorch's: its products round to float
    const f = Math.fround;
    const mu_product = writeCounter(state.mu_product, readCounter(state.mu_product) * f(mu));
    const mu_product_next = f(f(mu_product * f(mu)) * f(mu_next));
    const exp_avg: Tensor = state.exp_avg;
    const exp_avg_sq: Tensor = state.exp_avg_sq;
    exp_avg.mul_(beta1).add_(g, { alpha: 1 - beta1 });
    exp_avg_sq.mul_(beta2).addcmul_(g, g, { value: 1 - beta2 });
    const denom = exp_avg_sq.div(bias_correction2).sqrt_().add_(eps);
    p.addcdiv_(g, denom, { value: -lr * (1 - mu) / (1 - mu_product) });
    p.addcdiv_(exp_avg, denom, { value: -lr * mu_next / (1 - mu_product_next) });
  }
}

export interface RAdamOptions {
  lr?: number;
  betas?: readonly [number, number] | readonly number[];
  eps?: number;
  weight_decay?: number;
  foreach?: boolean | null;
}

/**
 * RAdam: Adam whose adaptive term is switched on (and rectified) once the variance of the
 * adaptive learning rate is tractable (`ρ_t > 5`); plain momentum SGD before.
 *
 * `const opt = new torch.optim.RAdam(net.parameters(), { lr: 1e-3 })`
 */
export class RAdam extends Optimizer {
  static override _tensorState: readonly string[] = ['step'];
  constructor(params: Params, lr?: number | RAdamOptions, opts?: RAdamOptions) {
    const a = bindArgs('RAdam', ['lr', 'betas', 'eps', 'weight_decay', 'foreach'], [],
      { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, foreach: null }, [lr, opts]);
    checkAdamLike(a);
    super(params, a);
  }

  protected _update(p: Tensor, grad: Tensor, state: ParamState, group: ParamGroup): void {
    initMoments(p, state, false);
    const [beta1, beta2] = group.betas as number[];
    const { lr, weight_decay, eps } = group;
    const step = bump(state.step);
    const bias_correction1 = 1 - beta1 ** step;
    const bias_correction2 = 1 - beta2 ** step;
    let g = grad;
    if (weight_decay !== 0) g = g.add(p, { alpha: weight_decay });
    const exp_avg: Tensor = state.exp_avg;
    const exp_avg_sq: Tensor = state.exp_avg_sq;
    exp_avg.mul_(beta1).add_(g, { alpha: 1 - beta1 });
    exp_avg_sq.mul_(beta2).addcmul_(g, g, { value: 1 - beta2 });
    const corrected = exp_avg.div(bias_correction1);
    const rho_inf = 2 / (1 - beta2) - 1;
    const rho_t = rho_inf - 2 * step * beta2 ** step / bias_correction2;
    if (rho_t > 5) {
      const rect = Math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t));
      // scalar / tensor is reciprocal(tensor) * scalar in PyTorch
      const adaptive_lr = exp_avg_sq.sqrt().add_(eps).reciprocal().mul_(Math.sqrt(bias_correction2));
      p.add_(corrected.mul_(lr).mul_(adaptive_lr).mul_(rect), { alpha: -1 });
    } else {
      p.add_(corrected.mul_(lr), { alpha: -1 });
    }
  }
}
