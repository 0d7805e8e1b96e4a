// torch.distributions.Cauchy (torch/distributions/cauchy.py).
import { Tensor } from '../tensor.js';
import * as E from '../ops/elementwise.js';
import * as C from '../ops/create.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { Distribution, initLocScale, expandLocScale, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import type { Param } from './utils.js';

export interface CauchyOptions { loc?: Param; scale?: Param; validate_args?: boolean | null }

/**
 * The Cauchy (Lorentz) distribution with median `loc` and half width `scale`: `new Cauchy(0, 1)`.
 * `rsample` is loc + cauchy_() * scale, PyTorch's draws for a seed; the mean is NaN, the variance inf.
 * @example new Cauchy(torch.zeros(2), 1).cdf(torch.ones(2))  // tensor([0.7500, 0.7500])
 */
export class Cauchy extends Distribution {
  loc!: Tensor;
  scale!: Tensor;
  constructor(...args: Args<[loc: Param, scale: Param, validate_args: boolean | null], CauchyOptions>) {
    super();
    const a = bind('Cauchy.__init__', ['loc', 'scale', 'validate_args'], [], { validate_args: null }, args);
    initLocScale(this, a.loc, a.scale, a.validate_args);
  }

  override get arg_constraints() { return { loc: constraints.real, scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.real; }
  override get has_rsample(): boolean { return true; }

  override get mean(): Tensor { return C.full(this._extended_shape(), NaN, { dtype: this.loc.dtype }); }
  override get mode(): Tensor { return this.loc; }
  override get variance(): Tensor { return C.full(this._extended_shape(), Infinity, { dtype: this.loc.dtype }); }

  override expand(batch_shape: SampleShape, _instance?: Cauchy): Cauchy { return expandLocScale(this, batch_shape, _instance); }

  override rsample(sample_shape: SampleShape = []): Tensor {
    const eps = C.cauchy_(C.empty(this._extended_shape(sample_shape)));
    return E.add(this.loc, E.mul(eps, this.scale));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    // -log(pi) - log(scale) - log(1 + ((value - loc) / scale) ** 2)
    const z = E.pow(E.div(E.sub(value, this.loc), this.scale), 2);
    return E.sub(E.sub(E.asTensorLike(-Math.log(Math.PI), this.scale), E.log(this.scale)), E.log(E.add(z, 1)));
  }

  override cdf(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    return E.add(E.div(E.atan(E.div(E.sub(value, this.loc), this.scale)), Math.PI), 0.5);
  }

  override icdf(value: Tensor): Tensor {
    return E.add(E.mul(E.tan(E.mul(E.sub(value, 0.5), Math.PI)), this.scale), this.loc);
  }

  override entropy(): Tensor { return E.add(E.log(this.scale), Math.log(4 * Math.PI)); }
}
scopeMembers(Cauchy, SCOPED);
