// torch.optim.SparseAdam (torch/optim/sparse_adam.py, PyTorch 1.13): Adam for sparse gradients (an
// nn.Embedding(sparse=True)'s). tocha has no sparse tensors, so its gradients are always dense: the optimizer is
// built with PyTorch's checks and printed and saved as PyTorch's, and step() raises PyTorch's error for a dense
// gradient before anything changes, as PyTorch 1.13 does.
import { Tensor } from '../tensor.js';
import { enable_grad } from '../autograd.js';
import { Optimizer, Params, ParamGroup, ParamState, Closure, bindArgs, pyNum } from './optimizer.js';

export interface SparseAdamOptions {
  lr?: number;
  betas?: readonly [number, number] | readonly number[];
  eps?: number;
  maximize?: boolean;
}

/**
 * `optim.SparseAdam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, maximize=False)`: lazy Adam for sparse
 * gradients. tocha's gradients are dense, and for those `step()` raises PyTorch's RuntimeError ("SparseAdam does
 * not support dense gradients, please consider Adam instead"); use `optim.Adam`.
 */
export class SparseAdam extends Optimizer {
  constructor(params: Params, ...args: (number | [number, number] | number[] | boolean | SparseAdamOptions | undefined)[]) {
    const a = bindArgs('SparseAdam', ['lr', 'betas', 'eps', 'maximize'], [],
      { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, maximize: false }, args);
    if (!(0 < a.lr)) throw new Error(`Invalid learning rate: ${pyNum(a.lr)}`);
    if (!(0 < a.eps)) throw new Error(`Invalid epsilon value: ${pyNum(a.eps, true)}`);
    if (!Array.isArray(a.betas) || a.betas.length !== 2) throw new TypeError(`betas must be a pair of numbers, got ${String(a.betas)}`);
    if (!(0 <= a.betas[0] && a.betas[0] < 1)) throw new Error(`Invalid beta parameter at index 0: ${pyNum(a.betas[0], true)}`);
    if (!(0 <= a.betas[1] && a.betas[1] < 1)) throw new Error(`Invalid beta parameter at index 1: ${pyNum(a.betas[1], true)}`);
    // (PyTorch refuses sparse parameters here, "SparseAdam requires dense parameter tensors": tocha has none)
    super(params instanceof Tensor ? params : [...params] as Params, a);
  }

  /** Raises PyTorch's error at the first parameter with a (dense) gradient; the closure runs first, as PyTorch's. */
  override step(closure?: Closure): Tensor | number | undefined {
    let loss: Tensor | number | undefined;
    if (closure) loss = enable_grad(closure);
    for (const group of this.param_groups) {
      for (const p of group.params) {
        if (p.grad !== null && !p.grad.is_sparse) {
          throw new Error('SparseAdam does not support dense gradients, please consider Adam instead');
        }
      }
    }
    return loss;
  }

  protected _update(_p: Tensor, _grad: Tensor, _state: ParamState, _group: ParamGroup): void {
    throw new Error('SparseAdam does not support dense gradients, please consider Adam instead');
  }
}
