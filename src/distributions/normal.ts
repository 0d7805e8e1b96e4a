// torch.distributions.Normal (torch/distributions/normal.py).
import { Tensor } from '../tensor.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { ExponentialFamily, initLocScale, expandLocScale, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { _standard_normal, type Param } from './utils.js';

const LOG_SQRT_2PI = Math.log(Math.sqrt(2 * Math.PI));

export interface NormalOptions { loc?: Param; scale?: Param; validate_args?: boolean | null }

/**
 * The normal (Gaussian) distribution with mean `loc` and standard deviation `scale` (numbers or tensors,
 * broadcast together): `new Normal(mu, sigma)`, `new Normal(0, 1, { validate_args: false })`.
 * `sample` draws PyTorch's numbers for a seed; `rsample` is differentiable (loc + eps * scale).
 * @example const d = new Normal(torch.zeros(3), 1); d.rsample([2]).shape  // torch.Size([2, 3])
 */
export class Normal extends ExponentialFamily {
  loc!: Tensor;
  scale!: Tensor;
  constructor(...args: Args<[loc: Param, scale: Param, validate_args: boolean | null], NormalOptions>) {
    super();
    const a = bind('Normal.__init__', ['loc', 'scale', 'validate_args'], [], { validate_args: null }, args);
    initLocScale(this, a.loc, a.scale, a.validate_args);
  }

  override get arg_constraints() { return { loc: constraints.real, scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.real; }
  override get has_rsample(): boolean { return true; }
  override get _mean_carrier_measure(): number { return 0; }

  override get mean(): Tensor { return this.loc; }
  override get mode(): Tensor { return this.loc; }
  override get stddev(): Tensor { return this.scale; }
  override get variance(): Tensor { return E.pow(this.stddev, 2); }

  override expand(batch_shape: SampleShape, _instance?: Normal): Normal { return expandLocScale(this, batch_shape, _instance); }

  override sample(sample_shape: SampleShape = []): Tensor {
    const shape = this._extended_shape(sample_shape);
    return C.normal(S.expand(this.loc.detach(), shape), S.expand(this.scale.detach(), shape));
  }

  override rsample(sample_shape: SampleShape = []): Tensor {
    const eps = _standard_normal(this._extended_shape(sample_shape));
    return E.add(this.loc, E.mul(eps, this.scale));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const v = E.pow(this.scale, 2);
    // -((value - loc) ** 2) / (2 * var) - log(scale) - log(sqrt(2 pi))
    const q = E.div(E.neg(E.pow(E.sub(value, this.loc), 2)), E.mul(v, 2));
    return E.sub(E.sub(q, E.log(this.scale)), LOG_SQRT_2PI);
  }

  override cdf(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const z = E.div(E.mul(E.sub(value, this.loc), E.reciprocal(this.scale)), Math.SQRT2);
    return E.mul(E.add(E.erf(z), 1), 0.5);
  }

  override icdf(value: Tensor): Tensor {
    return E.add(this.loc, E.mul(E.mul(this.scale, E.erfinv(E.sub(E.mul(value, 2), 1))), Math.SQRT2));
  }

  override entropy(): Tensor {
    return E.add(E.log(this.scale), 0.5 + 0.5 * Math.log(2 * Math.PI));
  }

  override get _natural_params(): Tensor[] {
    const v = E.pow(this.scale, 2);
    return [E.div(this.loc, v), E.mul(E.reciprocal(v), -0.5)];
  }

  override _log_normalizer(x: Tensor, y: Tensor): Tensor {
    // -0.25 * x.pow(2) / y + 0.5 * log(-pi / y), where Python's -pi / y is y.reciprocal() * -pi
    return E.add(E.div(E.mul(E.pow(x, 2), -0.25), y), E.mul(E.log(E.mul(E.reciprocal(y), -Math.PI)), 0.5));
  }
}
scopeMembers(Normal, SCOPED);
