// torch.distributions.Exponential (torch/distributions/exponential.py).
import { Tensor } from '../tensor.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { ExponentialFamily, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { broadcast_all, type Param } from './utils.js';

export interface ExponentialOptions { rate?: Param; validate_args?: boolean | null }

/**
 * The exponential distribution with `rate` (1 / scale): `new Exponential(2)`. `rsample` is
 * `exponential_() / rate`, PyTorch's draws for a seed.
 */
export class Exponential extends ExponentialFamily {
  rate: Tensor;
  constructor(...args: Args<[rate: Param, validate_args: boolean | null], ExponentialOptions>) {
    super();
    const a = bind('Exponential.__init__', ['rate', 'validate_args'], [], { validate_args: null }, args);
    [this.rate] = broadcast_all(a.rate);
    this._init(typeof a.rate === 'number' ? [] : this.rate._shape.slice(), [], a.validate_args);
  }

  override get arg_constraints() { return { rate: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.nonnegative; }
  override get has_rsample(): boolean { return true; }
  override get _mean_carrier_measure(): number { return 0; }

  override get mean(): Tensor { return E.reciprocal(this.rate); }
  override get mode(): Tensor { return C.zeros_like(this.rate); }
  override get stddev(): Tensor { return E.reciprocal(this.rate); }
  override get variance(): Tensor { return E.pow(this.rate, -2); }

  override expand(batch_shape: SampleShape, _instance?: Exponential): Exponential {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as Exponential;
    n.rate = S.expand(this.rate, batch_shape);
    n._init(batch_shape, [], false);
    n._validate_args = this._validate_args;
    return n;
  }

  override rsample(sample_shape: SampleShape = []): Tensor {
    const e = C.exponential_(C.empty(this._extended_shape(sample_shape)));
    return E.div(e, this.rate);
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    return E.sub(E.log(this.rate), E.mul(this.rate, value));
  }

  override cdf(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const e = E.exp(E.mul(E.neg(this.rate), value));
    return E.sub(E.asTensorLike(1, e), e);
  }

  override icdf(value: Tensor): Tensor {
    return E.div(E.neg(E.log(E.sub(E.asTensorLike(1, value), value))), this.rate);
  }

  override entropy(): Tensor {
    const l = E.log(this.rate);
    return E.sub(E.asTensorLike(1, l), l);
  }

  override get _natural_params(): Tensor[] { return [E.neg(this.rate)]; }
  override _log_normalizer(x: Tensor): Tensor { return E.neg(E.log(E.neg(x))); }
}
scopeMembers(Exponential, SCOPED);
