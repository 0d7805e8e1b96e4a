// torch.distributions.Kumaraswamy (torch/distributions/kumaraswamy.py).
import { Tensor } from '../tensor.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { Uniform } from './uniform.js';
import { TransformedDistribution, DEFER } from './transformed_distribution.js';
import { AffineTransform, PowerTransform } from './transforms.js';
import { broadcast_all, euler_constant, type Param } from './utils.js';

export interface KumaraswamyOptions { concentration1?: Param; concentration0?: Param; validate_args?: boolean | null }

/** The n-th moment, b B(1 + n/a, b), through lgamma (PyTorch's `_moments`). */
function moments(a: Tensor, b: Tensor, n: number): Tensor {
  const arg1 = E.add(E.mul(E.reciprocal(a), n), 1); // Python's n / a is a.reciprocal() * n
  const log_value = E.sub(E.add(E.lgamma(arg1), E.lgamma(b)), E.lgamma(E.add(arg1, b)));
  return E.mul(b, E.exp(log_value));
}

/**
 * The Kumaraswamy distribution on [0, 1] with concentrations a (`concentration1`) and b
 * (`concentration0`): (1 - U^(1/b))^(1/a) for U uniform, built from PyTorch's transforms, so samples are
 * its draws and `rsample` is differentiable in both.
 * @example new Kumaraswamy(torch.tensor([1.5]), torch.tensor([2.0])).sample()
 */
export class Kumaraswamy extends TransformedDistribution {
  static override _pyModule = 'kumaraswamy';
  concentration1!: Tensor;
  concentration0!: Tensor;
  constructor(...args: Args<[concentration1: Param, concentration0: Param, validate_args: boolean | null], KumaraswamyOptions>) {
    const a = bind('Kumaraswamy.__init__', ['concentration1', 'concentration0', 'validate_args'], [], { validate_args: null }, args);
    const [c1, c0] = broadcast_all(a.concentration1, a.concentration0);
    const base = new Uniform(C.full_like(c0, 0), C.full_like(c0, 1), a.validate_args);
    const transforms = [new PowerTransform(E.reciprocal(c0)), new AffineTransform(1.0, -1.0), new PowerTransform(E.reciprocal(c1))];
    super(DEFER as never); // PyTorch sets the concentrations before TransformedDistribution.__init__ checks them
    this.concentration1 = c1;
    this.concentration0 = c0;
    this._setup(base, transforms, a.validate_args);
  }

  override expand(batch_shape: SampleShape, _instance?: Kumaraswamy): Kumaraswamy {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as Kumaraswamy;
    n.concentration1 = S.expand(this.concentration1, batch_shape);
    n.concentration0 = S.expand(this.concentration0, batch_shape);
    return super.expand(batch_shape, n) as Kumaraswamy;
  }

  override get arg_constraints() { return { concentration1: constraints.positive, concentration0: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.unit_interval; }
  override get has_rsample(): boolean { return true; }

  override get mean(): Tensor { return moments(this.concentration1, this.concentration0, 1); }

  /** PyTorch 1.13's formula, in log space (NaN where either concentration is below 1). */
  override get mode(): Tensor {
    const c0 = this.concentration0;
    const c1 = this.concentration1;
    const log_mode = E.sub(E.mul(E.reciprocal(c0), E.log1p(E.neg(c0))), E.log1p(E.mul(E.neg(c0), c1)));
    return E.exp(E.where(E.logical_or(E.lt(c0, 1), E.lt(c1, 1)), NaN, log_mode));
  }

  override get variance(): Tensor {
    return E.sub(moments(this.concentration1, this.concentration0, 2), E.pow(this.mean, 2));
  }

  override entropy(): Tensor {
    const t1 = E.sub(E.asTensorLike(1, this.concentration1), E.reciprocal(this.concentration1));
    const t0 = E.sub(E.asTensorLike(1, this.concentration0), E.reciprocal(this.concentration0));
    const H0 = E.add(E.digamma(E.add(this.concentration0, 1)), euler_constant);
    return E.sub(E.sub(E.add(t0, E.mul(t1, H0)), E.log(this.concentration1)), E.log(this.concentration0));
  }
}
scopeMembers(Kumaraswamy, SCOPED);
