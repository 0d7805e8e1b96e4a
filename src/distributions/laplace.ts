// torch.distributions.Laplace (torch/distributions/laplace.py).
import { Tensor } from '../tensor.js';
import * as E from '../ops/elementwise.js';
import * as C from '../ops/create.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { Distribution, initLocScale, expandLocScale, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { finfo, type Param } from './utils.js';

export interface LaplaceOptions { loc?: Param; scale?: Param; validate_args?: boolean | null }

/**
 * The Laplace distribution with location `loc` and scale `scale`: `new Laplace(0, 1)`. `rsample`
 * draws u = uniform_(eps - 1, 1) and returns loc - scale sign(u) log1p(-|u|), PyTorch's draws.
 */
export class Laplace extends Distribution {
  loc!: Tensor;
  scale!: Tensor;
  constructor(...args: Args<[loc: Param, scale: Param, validate_args: boolean | null], LaplaceOptions>) {
    super();
    const a = bind('Laplace.__init__', ['loc', 'scale', 'validate_args'], [], { validate_args: null }, args);
    initLocScale(this, a.loc, a.scale, a.validate_args);
  }

  override get arg_constraints() { return { loc: constraints.real, scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.real; }
  override get has_rsample(): boolean { return true; }

  override get mean(): Tensor { return this.loc; }
  override get mode(): Tensor { return this.loc; }
  override get variance(): Tensor { return E.mul(E.pow(this.scale, 2), 2); }
  override get stddev(): Tensor { return E.mul(this.scale, 2 ** 0.5); }

  override expand(batch_shape: SampleShape, _instance?: Laplace): Laplace { return expandLocScale(this, batch_shape, _instance); }

  override rsample(sample_shape: SampleShape = []): Tensor {
    const u = C.uniform_(C.empty(this._extended_shape(sample_shape)), finfo.eps - 1, 1);
    return E.sub(this.loc, E.mul(E.mul(this.scale, E.sign(u)), E.log1p(E.neg(E.abs(u)))));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    return E.sub(E.neg(E.log(E.mul(this.scale, 2))), E.div(E.abs(E.sub(value, this.loc)), this.scale));
  }

  override cdf(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const d = E.sub(value, this.loc);
    const t = E.mul(E.mul(E.sign(d), 0.5), E.expm1(E.div(E.neg(E.abs(d)), this.scale)));
    return E.sub(E.asTensorLike(0.5, t), t);
  }

  override icdf(value: Tensor): Tensor {
    const term = E.sub(value, 0.5);
    return E.sub(this.loc, E.mul(E.mul(this.scale, E.sign(term)), E.log1p(E.mul(E.abs(term), -2))));
  }

  override entropy(): Tensor { return E.add(E.log(E.mul(this.scale, 2)), 1); }
}
scopeMembers(Laplace, SCOPED);
