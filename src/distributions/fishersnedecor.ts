// torch.distributions.FisherSnedecor (torch/distributions/fishersnedecor.py).
import { Tensor } from '../tensor.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { Distribution, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { Gamma } from './gamma.js';
import { broadcast_all, finfo, type Param } from './utils.js';

export interface FisherSnedecorOptions { df1?: Param; df2?: Param; validate_args?: boolean | null }

/**
 * The F distribution with `df1` and `df2` degrees of freedom: X1 / X2 for X1 ~ Gamma(df1 / 2, df1) and
 * X2 ~ Gamma(df2 / 2, df2), drawn in that order from PyTorch's Gamma sampler (so samples are its draws),
 * and differentiable in both.
 * @example new FisherSnedecor(torch.tensor([3.0]), torch.tensor([5.0])).log_prob(torch.tensor([1.0]))
 */
export class FisherSnedecor extends Distribution {
  df1!: Tensor;
  df2!: Tensor;
  _gamma1!: Gamma;
  _gamma2!: Gamma;
  constructor(...args: Args<[df1: Param, df2: Param, validate_args: boolean | null], FisherSnedecorOptions>) {
    super();
    const a = bind('FisherSnedecor.__init__', ['df1', 'df2', 'validate_args'], [], { validate_args: null }, args);
    [this.df1, this.df2] = broadcast_all(a.df1, a.df2);
    this._gamma1 = new Gamma(E.mul(this.df1, 0.5), this.df1);
    this._gamma2 = new Gamma(E.mul(this.df2, 0.5), this.df2);
    this._init(typeof a.df1 === 'number' && typeof a.df2 === 'number' ? [] : this.df1._shape.slice(), [], a.validate_args);
  }

  override get arg_constraints() { return { df1: constraints.positive, df2: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.positive; }
  override get has_rsample(): boolean { return true; }

  override expand(batch_shape: SampleShape, _instance?: FisherSnedecor): FisherSnedecor {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as FisherSnedecor;
    n.df1 = S.expand(this.df1, batch_shape);
    n.df2 = S.expand(this.df2, batch_shape);
    n._gamma1 = this._gamma1.expand(batch_shape);
    n._gamma2 = this._gamma2.expand(batch_shape);
    n._init(batch_shape, [], false);
    n._validate_args = this._validate_args;
    return n;
  }

  /** df2 / (df2 - 2), NaN for df2 <= 2. */
  override get mean(): Tensor {
    const df2 = E.where(E.le(this.df2, 2), NaN, this.df2);
    return E.div(df2, E.sub(df2, 2));
  }
  /** (df1 - 2) / df1 · df2 / (df2 + 2), NaN for df1 <= 2. */
  override get mode(): Tensor {
    const mode = E.div(E.mul(E.div(E.sub(this.df1, 2), this.df1), this.df2), E.add(this.df2, 2));
    return E.where(E.le(this.df1, 2), NaN, mode);
  }
  /** NaN for df2 <= 4. */
  override get variance(): Tensor {
    const df2 = E.where(E.le(this.df2, 4), NaN, this.df2);
    const num = E.mul(E.mul(E.pow(df2, 2), 2), E.sub(E.add(this.df1, df2), 2));
    return E.div(num, E.mul(E.mul(this.df1, E.pow(E.sub(df2, 2), 2)), E.sub(df2, 4)));
  }

  override rsample(sample_shape: SampleShape = []): Tensor {
    const shape = this._extended_shape(sample_shape);
    const X1 = S.view(this._gamma1.rsample(sample_shape), shape);
    const X2 = E.clamp(S.view(this._gamma2.rsample(sample_shape), shape), finfo.tiny, null);
    return E.clamp(E.div(X1, X2), finfo.tiny, null);
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const ct1 = E.mul(this.df1, 0.5);
    const ct2 = E.mul(this.df2, 0.5);
    const ct3 = E.div(this.df1, this.df2);
    const t1 = E.sub(E.sub(E.lgamma(E.add(ct1, ct2)), E.lgamma(ct1)), E.lgamma(ct2));
    const t2 = E.add(E.mul(ct1, E.log(ct3)), E.mul(E.sub(ct1, 1), E.log(value)));
    const t3 = E.mul(E.add(ct1, ct2), E.log1p(E.mul(ct3, value)));
    return E.sub(E.add(t1, t2), t3);
  }
}
scopeMembers(FisherSnedecor, SCOPED);
