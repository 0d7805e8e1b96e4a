// SGD with momentum, dampening, Nesterov, weight decay and maximize, as torch/optim/sgd.py.
import { Tensor } from '../tensor.js';
import { sgdFlat } from '../backend/flat.js';
import { float32 } from '../dtype.js';
import { zeros_like } from '../ops/create.js';
import { Optimizer, Params, ParamGroup, ParamState, bindArgs, required, stateTensor, pyNum } from './optimizer.js';

export interface SGDOptions {
  lr?: number;
  momentum?: number;
  dampening?: number;
  weight_decay?: number;
  nesterov?: boolean;
  maximize?: boolean;
  foreach?: boolean | null;
  differentiable?: boolean;
}

/**
 * Stochastic gradient descent, optionally with momentum:
 * `g = grad (+ weight_decay·p); buf = momentum·buf + (1-dampening)·g; p -= lr·(nesterov ? g + momentum·buf : buf)`.
 *
 * `const opt = new torch.optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 })`
 */
export class SGD extends Optimizer {
  constructor(params: Params, lr?: number | SGDOptions, opts?: SGDOptions) {
    const a = bindArgs('SGD', ['lr', 'momentum', 'dampening', 'weight_decay', 'nesterov'],
      ['maximize', 'foreach', 'differentiable'],
      { lr: required, momentum: 0, dampening: 0, weight_decay: 0, nesterov: false, maximize: false, foreach: null,
        differentiable: false }, [lr, opts]);
    if (a.lr !== required && a.lr < 0) throw new Error(`Invalid learning rate: ${pyNum(a.lr)}`);
    if (a.momentum < 0) throw new Error(`Invalid momentum value: ${pyNum(a.momentum)}`);
    if (a.weight_decay < 0) throw new Error(`Invalid weight_decay value: ${pyNum(a.weight_decay)}`);
    if (a.nesterov && (a.momentum <= 0 || a.dampening !== 0)) {
      throw new Error('Nesterov momentum requires a momentum and zero dampening');
    }
    super(params, a);
  }

  protected _update(p: Tensor, grad: Tensor, state: ParamState, group: ParamGroup): void {
    sgdUpdate(p, grad, state, group as Required<SGDOptions> & ParamGroup);
  }
}

/**
 * One SGD step of one parameter: one fused wasm pass when the tensors are contiguous float32,
 * else the composed version below.
 */
export function sgdUpdate(p: Tensor, grad: Tensor, state: ParamState, o: Required<SGDOptions>): void {
  const fusable = p.dtype === float32 && grad.dtype === float32 && p.is_contiguous() && grad.is_contiguous() && !p._base;
  if (!fusable) {
    sgdUpdateComposed(p, grad, state, o);
    return;
  }
  let buf: Tensor | null = null;
  let first = false;
  if (o.momentum !== 0) {
    buf = state.momentum_buffer ?? null;
    if (buf === null) {
      buf = stateTensor(zeros_like(p));
      state.momentum_buffer = buf;
      first = true;
    }
  } else if (!('momentum_buffer' in state)) {
    state.momentum_buffer = null;
  }
  const f = Math.fround;
  const flags = (o.nesterov ? 1 : 0) | (o.maximize ? 2 : 0) | (first ? 4 : 0) | (o.momentum !== 0 ? 8 : 0) |
    (o.weight_decay !== 0 ? 16 : 0);
  p._bumpVersion();
  buf?._bumpVersion();
  sgdFlat(p._ptr(), grad._ptr(), buf ? buf._ptr() : 0, p.numel(), f(-o.lr), f(o.momentum), f(1 - o.dampening),
    f(o.weight_decay), flags);
}

/** The same step composed from tensor ops (torch/optim/sgd.py `_single_tensor_sgd`): the fused kernel's oracle. */
export function sgdUpdateComposed(p: Tensor, grad: Tensor, state: ParamState, o: Required<SGDOptions>): void {
  let d_p = o.maximize ? grad.neg() : grad;
  if (o.weight_decay !== 0) d_p = d_p.add(p, { alpha: o.weight_decay });
  if (o.momentum !== 0) {
    let buf: Tensor | null = state.momentum_buffer ?? null;
    if (buf === null) {
      buf = stateTensor(d_p.clone());
      state.momentum_buffer = buf;
    } else {
      buf.mul_(o.momentum).add_(d_p, { alpha: 1 - o.dampening });
    }
    d_p = o.nesterov ? d_p.add(buf, { alpha: o.momentum }) : buf;
  } else if (!('momentum_buffer' in state)) {
    state.momentum_buffer = null;
  }
  p.add_(d_p, { alpha: -o.lr });
}
