// torch.distributions.Uniform (torch/distributions/uniform.py).
import { Tensor } from '../tensor.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { Distribution, allTrue, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { broadcast_all, type Param } from './utils.js';

export interface UniformOptions { low?: Param; high?: Param; validate_args?: boolean | null }

/**
 * Uniform on [low, high): `new Uniform(0, 1)`, `new Uniform(lowTensor, highTensor)`.
 * `rsample` is low + rand * (high - low), PyTorch's draws for a seed.
 */
export class Uniform extends Distribution {
  low: Tensor;
  high: Tensor;
  constructor(...args: Args<[low: Param, high: Param, validate_args: boolean | null], UniformOptions>) {
    super();
    const a = bind('Uniform.__init__', ['low', 'high', 'validate_args'], [], { validate_args: null }, args);
    [this.low, this.high] = broadcast_all(a.low, a.high);
    this._init(typeof a.low === 'number' && typeof a.high === 'number' ? [] : this.low._shape.slice(), [], a.validate_args);
    if (this._validate_args && !allTrue(E.lt(this.low, this.high))) throw new RangeError('Uniform is not defined when low>= high');
  }

  override get arg_constraints() {
    return { low: constraints.dependent_property(false, 0), high: constraints.dependent_property(false, 0) };
  }
  override get support(): constraints.Constraint { return constraints.interval(this.low, this.high); }
  override get has_rsample(): boolean { return true; }

  override get mean(): Tensor { return E.div(E.add(this.high, this.low), 2); }
  override get mode(): Tensor { return E.mul(this.high, NaN); }
  override get stddev(): Tensor { return E.div(E.sub(this.high, this.low), 12 ** 0.5); }
  override get variance(): Tensor { return E.div(E.pow(E.sub(this.high, this.low), 2), 12); }

  override expand(batch_shape: SampleShape, _instance?: Uniform): Uniform {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as Uniform;
    n.low = S.expand(this.low, batch_shape);
    n.high = S.expand(this.high, batch_shape);
    n._init(batch_shape, [], false);
    n._validate_args = this._validate_args;
    return n;
  }

  override rsample(sample_shape: SampleShape = []): Tensor {
    const rand = C.rand(this._extended_shape(sample_shape));
    return E.add(this.low, E.mul(rand, E.sub(this.high, this.low)));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const lb = E.cast(E.le(this.low, value), this.low.dtype);
    const ub = E.cast(E.gt(this.high, value), this.low.dtype);
    return E.sub(E.log(E.mul(lb, ub)), E.log(E.sub(this.high, this.low)));
  }

  override cdf(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    return E.clamp(E.div(E.sub(value, this.low), E.sub(this.high, this.low)), 0, 1);
  }

  override icdf(value: Tensor): Tensor {
    return E.add(E.mul(value, E.sub(this.high, this.low)), this.low);
  }

  override entropy(): Tensor { return E.log(E.sub(this.high, this.low)); }
}
scopeMembers(Uniform, SCOPED);
