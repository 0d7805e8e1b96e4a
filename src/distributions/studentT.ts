// torch.distributions.StudentT (torch/distributions/studentT.py).
import { Tensor } from '../tensor.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { Distribution, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { Chi2 } from './gamma.js';
import { broadcast_all, _standard_normal, type Param } from './utils.js';

export interface StudentTOptions { df?: Param; loc?: Param; scale?: Param; validate_args?: boolean | null }

const LGAMMA_HALF = 0.5723649429247004; // math.lgamma(0.5)

/**
 * Student's t with `df` degrees of freedom, location `loc` (0) and scale `scale` (1): `new StudentT(3)`.
 * `rsample` is PyTorch's: loc + scale X / sqrt(Z / df) with X a standard normal and Z a Chi2(df) draw,
 * differentiable in all three parameters.
 * @example new StudentT(torch.tensor([2.0, 5.0])).log_prob(torch.zeros(2))
 */
export class StudentT extends Distribution {
  df: Tensor;
  loc: Tensor;
  scale: Tensor;
  _chi2: Chi2;
  constructor(...args: Args<[df: Param, loc: Param, scale: Param, validate_args: boolean | null], StudentTOptions>) {
    super();
    const a = bind('StudentT.__init__', ['df', 'loc', 'scale', 'validate_args'], [], { loc: 0.0, scale: 1.0, validate_args: null }, args);
    [this.df, this.loc, this.scale] = broadcast_all(a.df, a.loc, a.scale);
    this._chi2 = new Chi2(this.df);
    this._init(this.df._shape.slice(), [], a.validate_args);
  }

  override get arg_constraints() { return { df: constraints.positive, loc: constraints.real, scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.real; }
  override get has_rsample(): boolean { return true; }

  override get mean(): Tensor { return E.where(E.le(this.df, 1), NaN, this.loc); }
  override get mode(): Tensor { return this.loc; }
  override get variance(): Tensor {
    const df = this.df;
    let m = E.where(E.gt(df, 2), E.div(E.mul(E.pow(this.scale, 2), df), E.sub(df, 2)), df);
    m = E.where(E.logical_and(E.le(df, 2), E.gt(df, 1)), Infinity, m);
    return E.where(E.le(df, 1), NaN, m);
  }

  override expand(batch_shape: SampleShape, _instance?: StudentT): StudentT {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as StudentT;
    n.df = S.expand(this.df, batch_shape);
    n.loc = S.expand(this.loc, batch_shape);
    n.scale = S.expand(this.scale, batch_shape);
    n._chi2 = this._chi2.expand(batch_shape);
    n._init(batch_shape, [], false);
    n._validate_args = this._validate_args;
    return n;
  }

  override rsample(sample_shape: SampleShape = []): Tensor {
    const X = _standard_normal(this._extended_shape(sample_shape));
    const Z = this._chi2.rsample(sample_shape);
    const Y = E.mul(X, E.rsqrt(E.div(Z, this.df)));
    return E.add(this.loc, E.mul(this.scale, Y));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const df = this.df;
    const y = E.div(E.sub(value, this.loc), this.scale);
    const Z = E.sub(E.add(E.add(E.add(E.log(this.scale), E.mul(E.log(df), 0.5)), 0.5 * Math.log(Math.PI)), E.lgamma(E.mul(df, 0.5))),
      E.lgamma(E.mul(E.add(df, 1), 0.5)));
    return E.sub(E.mul(E.mul(E.add(df, 1), -0.5), E.log1p(E.div(E.pow(y, 2), df))), Z);
  }

  override entropy(): Tensor {
    const df = this.df;
    const lbeta = E.sub(E.add(E.lgamma(E.mul(df, 0.5)), LGAMMA_HALF), E.lgamma(E.mul(E.add(df, 1), 0.5)));
    const d = E.sub(E.digamma(E.mul(E.add(df, 1), 0.5)), E.digamma(E.mul(df, 0.5)));
    return E.add(E.add(E.add(E.log(this.scale), E.mul(E.mul(E.add(df, 1), 0.5), d)), E.mul(E.log(df), 0.5)), lbeta);
  }
}
scopeMembers(StudentT, SCOPED);
