// torch.distributions.TransformedDistribution (torch/distributions/transformed_distribution.py) and the
// families PyTorch builds on it: LogNormal, HalfNormal, HalfCauchy, Gumbel, Weibull, Pareto, LogisticNormal
// (log_normal.py, half_normal.py, half_cauchy.py, gumbel.py, weibull.py, pareto.py, logistic_normal.py).
import { Tensor } from '../tensor.js';
import { no_grad } from '../autograd.js';
import { scoped } from '../lifetime.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { Distribution, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { Independent } from './independent.js';
import { Normal } from './normal.js';
import { Cauchy } from './cauchy.js';
import { Uniform } from './uniform.js';
import { Exponential } from './exponential.js';
import {
  Transform, ComposeTransform, ExpTransform, AbsTransform, AffineTransform, PowerTransform, StickBreakingTransform,
} from './transforms.js';
import { broadcast_all, _sum_rightmost, euler_constant, finfo, type Param } from './utils.js';

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** Passed to TransformedDistribution's constructor by subclasses that call `_setup` themselves. */
export const DEFER = Symbol('TransformedDistribution: _setup follows');

export interface TransformedDistributionOptions {
  base_distribution?: Distribution; transforms?: Transform | Transform[]; validate_args?: boolean | null;
}

/**
 * A base distribution pushed through a list of transforms: samples are `transforms(base.sample())`,
 * log_prob subtracts each transform's log |det J|.
 * @example new TransformedDistribution(new Normal(0, 1), [new ExpTransform()])  // a LogNormal(0, 1)
 */
export class TransformedDistribution extends Distribution {
  /** Where PyTorch defines it (its messages name the class by module). */
  static _pyModule = 'transformed_distribution';
  base_dist!: Distribution;
  transforms!: Transform[];
  constructor(...args: Args<[base_distribution: Distribution, transforms: Transform | Transform[], validate_args: boolean | null], TransformedDistributionOptions>) {
    super();
    if ((args[0] as unknown) === DEFER) return;
    const a = bind('TransformedDistribution.__init__', ['base_distribution', 'transforms', 'validate_args'], [], { validate_args: null }, args);
    this._setup(a.base_distribution as Distribution, a.transforms, a.validate_args);
  }

  /** PyTorch's TransformedDistribution.__init__ (subclasses call it after setting their own fields). */
  _setup(base: Distribution, transforms: unknown, validate_args: boolean | null): void {
    if (transforms instanceof Transform) this.transforms = [transforms];
    else if (Array.isArray(transforms)) {
      if (!transforms.every((t) => t instanceof Transform)) throw new RangeError('transforms must be a Transform or a list of Transforms');
      this.transforms = transforms;
    } else throw new RangeError(`transforms must be a Transform or list, but was ${String(transforms)}`);
    const base_shape = [...base._batch_shape, ...base._event_shape];
    const base_event_dim = base._event_shape.length;
    const transform = new ComposeTransform(this.transforms);
    const domain_event_dim = transform.domain.event_dim;
    if (base_shape.length < domain_event_dim) {
      throw new RangeError(`base_distribution needs to have shape with size at least ${domain_event_dim}, but got ${base.batch_shape.concat(base.event_shape)}.`);
    }
    const shape = transform.forward_shape(base_shape);
    const expanded = transform.inverse_shape(shape);
    if (!sameShape(base_shape, expanded)) base = base.expand(expanded.slice(0, expanded.length - base_event_dim));
    const reinterpreted = domain_event_dim - base_event_dim;
    if (reinterpreted > 0) base = new Independent(base, reinterpreted);
    this.base_dist = base;
    const event_dim = transform.codomain.event_dim + Math.max(base_event_dim - domain_event_dim, 0);
    const cut = shape.length - event_dim;
    this._init(shape.slice(0, cut), shape.slice(cut), validate_args);
  }

  override get arg_constraints(): Record<string, constraints.Constraint> { return {}; }
  override get support(): constraints.Constraint {
    if (!this.transforms.length) return this.base_dist.support;
    let support = this.transforms[this.transforms.length - 1].codomain;
    if (this._event_shape.length > support.event_dim) support = constraints.independent(support, this._event_shape.length - support.event_dim);
    return support;
  }
  override get has_rsample(): boolean { return this.base_dist.has_rsample; }

  override expand(batch_shape: SampleShape, _instance?: TransformedDistribution): TransformedDistribution {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as TransformedDistribution;
    let shape = [...batch_shape, ...this._event_shape];
    for (const t of [...this.transforms].reverse()) shape = t.inverse_shape(shape);
    n.base_dist = this.base_dist.expand(shape.slice(0, shape.length - this.base_dist._event_shape.length));
    n.transforms = this.transforms;
    n._init(batch_shape, this._event_shape, false);
    n._validate_args = this._validate_args;
    return n;
  }

  override sample(sample_shape: SampleShape = []): Tensor {
    return no_grad(() => {
      let x = this.base_dist.sample(sample_shape);
      for (const t of this.transforms) x = t(x);
      return x;
    });
  }

  override rsample(sample_shape: SampleShape = []): Tensor {
    let x = this.base_dist.rsample(sample_shape);
    for (const t of this.transforms) x = t(x);
    return x;
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    let event_dim = this._event_shape.length;
    let log_prob: Tensor | null = null;
    let y = value;
    for (const t of [...this.transforms].reverse()) {
      const x = t.inv(y);
      event_dim += t.domain.event_dim - t.codomain.event_dim;
      const term = _sum_rightmost(t.log_abs_det_jacobian(x, y), event_dim - t.domain.event_dim);
      log_prob = log_prob ? E.sub(log_prob, term) : E.neg(term);
      y = x;
    }
    const base = _sum_rightmost(this.base_dist.log_prob(y), event_dim - this.base_dist._event_shape.length);
    return log_prob ? E.add(log_prob, base) : base;
  }

  _monotonize_cdf(value: Tensor): Tensor {
    let sign: number | Tensor = 1;
    for (const t of this.transforms) {
      const s = t.sign;
      sign = typeof sign === 'number' && typeof s === 'number' ? sign * s : E.mul(s instanceof Tensor ? s : sign as Tensor, s instanceof Tensor ? sign : s);
    }
    if (sign === 1) return value;
    return E.add(E.mul(E.sub(value, 0.5), sign), 0.5);
  }

  override cdf(value: Tensor): Tensor {
    for (const t of [...this.transforms].reverse()) value = t.inv(value);
    if (this._validate_args) this.base_dist._validate_sample(value);
    return this._monotonize_cdf(this.base_dist.cdf(value));
  }

  override icdf(value: Tensor): Tensor {
    let v = this.base_dist.icdf(this._monotonize_cdf(value));
    for (const t of this.transforms) v = t(v);
    return v;
  }
}
scopeMembers(TransformedDistribution, SCOPED);

/** The subclass's own instance for expand (PyTorch's `_get_checked_instance`). */
function instanceOf<T extends Distribution>(self: T, _instance?: T): T {
  return _instance ?? Object.create(Object.getPrototypeOf(self)) as T;
}

export interface LogNormalOptions { loc?: Param; scale?: Param; validate_args?: boolean | null }

/**
 * exp of a Normal(loc, scale) variable: `new LogNormal(0, 1)` (an ExpTransform of a Normal, as in PyTorch).
 * @example new LogNormal(0, 0.5).sample([2])
 */
export class LogNormal extends TransformedDistribution {
  constructor(...args: Args<[loc: Param, scale: Param, validate_args: boolean | null], LogNormalOptions>) {
    const a = bind('LogNormal.__init__', ['loc', 'scale', 'validate_args'], [], { validate_args: null }, args);
    super(new Normal(a.loc, a.scale, a.validate_args), new ExpTransform(), a.validate_args);
  }
  override expand(batch_shape: SampleShape, _instance?: LogNormal): LogNormal {
    return super.expand(batch_shape, instanceOf(this, _instance)) as LogNormal;
  }
  get loc(): Tensor { return (this.base_dist as Normal).loc; }
  get scale(): Tensor { return (this.base_dist as Normal).scale; }
  override get arg_constraints() { return { loc: constraints.real, scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.positive; }
  override get has_rsample(): boolean { return true; }
  override get mean(): Tensor { return E.exp(E.add(this.loc, E.div(E.pow(this.scale, 2), 2))); }
  override get mode(): Tensor { return E.exp(E.sub(this.loc, E.square(this.scale))); }
  override get variance(): Tensor {
    const s2 = E.pow(this.scale, 2);
    return E.mul(E.sub(E.exp(s2), 1), E.exp(E.add(E.mul(this.loc, 2), s2)));
  }
  override entropy(): Tensor { return E.add(this.base_dist.entropy(), this.loc); }
}
scopeMembers(LogNormal, SCOPED);

/**
 * |X| for X symmetric about 0 with a `scale` (HalfNormal, HalfCauchy): twice the base's density on
 * [0, inf). Not a PyTorch class; the two write these members alike.
 */
export abstract class Half extends TransformedDistribution {
  get scale(): Tensor { return (this.base_dist as Normal | Cauchy).scale; }
  override get arg_constraints() { return { scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.nonnegative; }
  override get has_rsample(): boolean { return true; }
  override get mode(): Tensor { return C.zeros_like(this.scale); }
  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    return E.where(E.ge(value, 0), E.add(this.base_dist.log_prob(value), Math.log(2)), -Infinity);
  }
  override cdf(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    return E.sub(E.mul(this.base_dist.cdf(value), 2), 1);
  }
  override icdf(prob: Tensor): Tensor { return this.base_dist.icdf(E.div(E.add(prob, 1), 2)); }
  override entropy(): Tensor { return E.sub(this.base_dist.entropy(), Math.log(2)); }
}
scopeMembers(Half, SCOPED);

export interface HalfNormalOptions { scale?: Param; validate_args?: boolean | null }

/**
 * |X| for X ~ Normal(0, scale): `new HalfNormal(1)` (an AbsTransform of a Normal).
 * @example new HalfNormal(torch.ones(2)).log_prob(torch.tensor([0.5, 1.0]))
 */
export class HalfNormal extends Half {
  constructor(...args: Args<[scale: Param, validate_args: boolean | null], HalfNormalOptions>) {
    const a = bind('HalfNormal.__init__', ['scale', 'validate_args'], [], { validate_args: null }, args);
    super(new Normal(0, a.scale, false), new AbsTransform(), a.validate_args);
  }
  override expand(batch_shape: SampleShape, _instance?: HalfNormal): HalfNormal {
    return super.expand(batch_shape, instanceOf(this, _instance)) as HalfNormal;
  }
  override get mean(): Tensor { return E.mul(this.scale, Math.sqrt(2 / Math.PI)); }
  override get variance(): Tensor { return E.mul(E.pow(this.scale, 2), 1 - 2 / Math.PI); }
}
scopeMembers(HalfNormal, SCOPED);

export interface HalfCauchyOptions { scale?: Param; validate_args?: boolean | null }

/**
 * |X| for X ~ Cauchy(0, scale): `new HalfCauchy(1)` (an AbsTransform of a Cauchy).
 * @example new HalfCauchy(2).cdf(torch.tensor([2.0]))  // tensor([0.5000])
 */
export class HalfCauchy extends Half {
  constructor(...args: Args<[scale: Param, validate_args: boolean | null], HalfCauchyOptions>) {
    const a = bind('HalfCauchy.__init__', ['scale', 'validate_args'], [], { validate_args: null }, args);
    super(new Cauchy(0, a.scale, false), new AbsTransform(), a.validate_args);
  }
  override expand(batch_shape: SampleShape, _instance?: HalfCauchy): HalfCauchy {
    return super.expand(batch_shape, instanceOf(this, _instance)) as HalfCauchy;
  }
  override get mean(): Tensor { return C.full(this._extended_shape(), Infinity, { dtype: this.scale.dtype }); }
  override get variance(): Tensor { return this.base_dist.variance; }
}
scopeMembers(HalfCauchy, SCOPED);

export interface GumbelOptions { loc?: Param; scale?: Param; validate_args?: boolean | null }

/**
 * The Gumbel (type-I extreme value) distribution: `new Gumbel(0, 1)`. Built as PyTorch builds it,
 * loc - scale log(-log U) for U uniform on [tiny, 1 - eps), so samples are PyTorch's draws.
 * @example new Gumbel(torch.zeros(3), 1).rsample()
 */
export class Gumbel extends TransformedDistribution {
  loc!: Tensor;
  scale!: Tensor;
  constructor(...args: Args<[loc: Param, scale: Param, validate_args: boolean | null], GumbelOptions>) {
    const a = bind('Gumbel.__init__', ['loc', 'scale', 'validate_args'], [], { validate_args: null }, args);
    const [loc, scale] = broadcast_all(a.loc, a.scale);
    const base = typeof a.loc === 'number' && typeof a.scale === 'number' ? new Uniform(finfo.tiny, 1 - finfo.eps)
      : new Uniform(C.full_like(loc, finfo.tiny), C.full_like(loc, 1 - finfo.eps));
    const minusOne = scoped(() => E.neg(C.ones_like(scale)), 'the end of Gumbel.__init__ (an internal temporary)');
    const transforms = [new ExpTransform().inv, new AffineTransform(0, minusOne), new ExpTransform().inv,
      new AffineTransform(a.loc, E.neg(scale))];
    super(DEFER as never); // the base is set up once loc and scale are, as in PyTorch
    this.loc = loc;
    this.scale = scale;
    this._setup(base, transforms, a.validate_args);
  }
  override expand(batch_shape: SampleShape, _instance?: Gumbel): Gumbel {
    const n = instanceOf(this, _instance);
    n.loc = S.expand(this.loc, batch_shape);
    n.scale = S.expand(this.scale, batch_shape);
    return super.expand(batch_shape, n) as Gumbel;
  }
  override get arg_constraints() { return { loc: constraints.real, scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.real; }
  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const y = E.div(E.sub(this.loc, value), this.scale);
    return E.sub(E.sub(y, E.exp(y)), E.log(this.scale));
  }
  override get mean(): Tensor { return E.add(this.loc, E.mul(this.scale, euler_constant)); }
  override get mode(): Tensor { return this.loc; }
  override get stddev(): Tensor { return E.mul(this.scale, Math.PI / Math.sqrt(6)); }
  override get variance(): Tensor { return E.pow(this.stddev, 2); }
  override entropy(): Tensor { return E.add(E.log(this.scale), 1 + euler_constant); }
}
scopeMembers(Gumbel, SCOPED);

export interface WeibullOptions { scale?: Param; concentration?: Param; validate_args?: boolean | null }

/**
 * The two-parameter Weibull distribution: `new Weibull(scale, concentration)`, scale E^(1/k) for
 * E ~ Exponential(1) (PyTorch's construction and draws).
 * @example new Weibull(1, 1.5).mean  // tensor(0.9027)
 */
export class Weibull extends TransformedDistribution {
  scale!: Tensor;
  concentration!: Tensor;
  concentration_reciprocal!: Tensor;
  constructor(...args: Args<[scale: Param, concentration: Param, validate_args: boolean | null], WeibullOptions>) {
    const a = bind('Weibull.__init__', ['scale', 'concentration', 'validate_args'], [], { validate_args: null }, args);
    const [scale, concentration] = broadcast_all(a.scale, a.concentration);
    const rec = E.reciprocal(concentration);
    const base = new Exponential(C.ones_like(scale), a.validate_args);
    super(DEFER as never);
    this.scale = scale;
    this.concentration = concentration;
    this.concentration_reciprocal = rec;
    this._setup(base, [new PowerTransform(rec), new AffineTransform(0, scale)], a.validate_args);
  }
  override expand(batch_shape: SampleShape, _instance?: Weibull): Weibull {
    const n = instanceOf(this, _instance);
    n.scale = S.expand(this.scale, batch_shape);
    n.concentration = S.expand(this.concentration, batch_shape);
    n.concentration_reciprocal = E.reciprocal(n.concentration);
    n._setup(this.base_dist.expand(batch_shape), [new PowerTransform(n.concentration_reciprocal), new AffineTransform(0, n.scale)], false);
    n._validate_args = this._validate_args;
    return n;
  }
  override get arg_constraints() { return { scale: constraints.positive, concentration: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.positive; }
  override get mean(): Tensor { return E.mul(this.scale, E.exp(E.lgamma(E.add(this.concentration_reciprocal, 1)))); }
  override get mode(): Tensor {
    const k = this.concentration;
    return E.mul(this.scale, E.pow(E.div(E.sub(k, 1), k), E.reciprocal(k)));
  }
  override get variance(): Tensor {
    const r = this.concentration_reciprocal;
    return E.mul(E.pow(this.scale, 2), E.sub(E.exp(E.lgamma(E.add(E.mul(r, 2), 1))), E.exp(E.mul(E.lgamma(E.add(r, 1)), 2))));
  }
  override entropy(): Tensor {
    const r = this.concentration_reciprocal;
    return E.add(E.add(E.mul(E.sub(E.asTensorLike(1, r), r), euler_constant), E.log(E.mul(this.scale, r))), 1);
  }
}
scopeMembers(Weibull, SCOPED);

export interface ParetoOptions { scale?: Param; alpha?: Param; validate_args?: boolean | null }

/**
 * The Pareto type-1 distribution on [scale, inf) with tail index alpha: `new Pareto(1, 2)`, scale e^E
 * for E ~ Exponential(alpha) (PyTorch's construction and draws).
 * @example new Pareto(1, 3).mean  // tensor(1.5000)
 */
export class Pareto extends TransformedDistribution {
  scale!: Tensor;
  alpha!: Tensor;
  constructor(...args: Args<[scale: Param, alpha: Param, validate_args: boolean | null], ParetoOptions>) {
    const a = bind('Pareto.__init__', ['scale', 'alpha', 'validate_args'], [], { validate_args: null }, args);
    const [scale, alpha] = broadcast_all(a.scale, a.alpha);
    const base = new Exponential(alpha, a.validate_args);
    super(DEFER as never);
    this.scale = scale;
    this.alpha = alpha;
    this._setup(base, [new ExpTransform(), new AffineTransform(0, scale)], a.validate_args);
  }
  override expand(batch_shape: SampleShape, _instance?: Pareto): Pareto {
    const n = instanceOf(this, _instance);
    n.scale = S.expand(this.scale, batch_shape);
    n.alpha = S.expand(this.alpha, batch_shape);
    return super.expand(batch_shape, n) as Pareto;
  }
  override get arg_constraints() { return { alpha: constraints.positive, scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.greater_than_eq(this.scale); }
  override get mean(): Tensor {
    const a = E.clamp(this.alpha, 1, null);
    return E.div(E.mul(a, this.scale), E.sub(a, 1));
  }
  override get mode(): Tensor { return this.scale; }
  override get variance(): Tensor {
    const a = E.clamp(this.alpha, 2, null);
    return E.div(E.mul(E.pow(this.scale, 2), a), E.mul(E.pow(E.sub(a, 1), 2), E.sub(a, 2)));
  }
  override entropy(): Tensor { return E.add(E.log(E.div(this.scale, this.alpha)), E.add(E.reciprocal(this.alpha), 1)); }
}
scopeMembers(Pareto, SCOPED);

export interface LogisticNormalOptions { loc?: Param; scale?: Param; validate_args?: boolean | null }

/**
 * The logistic-normal distribution on the simplex: a Normal(loc, scale) vector of K - 1 entries through
 * the StickBreakingTransform, giving K probabilities: `new LogisticNormal(torch.zeros(3), 1)`.
 * @example new LogisticNormal(torch.zeros(2), torch.ones(2)).sample()  // 3 probabilities
 */
export class LogisticNormal extends TransformedDistribution {
  /** Where PyTorch defines it (its messages name the class by module). */
  static override _pyModule = 'logistic_normal';
  constructor(...args: Args<[loc: Param, scale: Param, validate_args: boolean | null], LogisticNormalOptions>) {
    const a = bind('LogisticNormal.__init__', ['loc', 'scale', 'validate_args'], [], { validate_args: null }, args);
    let base: Distribution = new Normal(a.loc, a.scale, a.validate_args);
    if (!base._batch_shape.length) base = base.expand([1]);
    super(base, new StickBreakingTransform(), a.validate_args);
  }
  override expand(batch_shape: SampleShape, _instance?: LogisticNormal): LogisticNormal {
    return super.expand(batch_shape, instanceOf(this, _instance)) as LogisticNormal;
  }
  get loc(): Tensor { return ((this.base_dist as Independent).base_dist as Normal).loc; }
  get scale(): Tensor { return ((this.base_dist as Independent).base_dist as Normal).scale; }
  override get arg_constraints() { return { loc: constraints.real, scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.simplex; }
  override get has_rsample(): boolean { return true; }
}
