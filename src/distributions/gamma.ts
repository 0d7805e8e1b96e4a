// torch.distributions.Gamma, Dirichlet and Beta (torch/distributions/gamma.py, dirichlet.py, beta.py).
import { Tensor } from '../tensor.js';
import { float32 } from '../dtype.js';
import { record, no_grad } from '../autograd.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { xlogy } from '../ops/extra.js';
import { one_hot } from '../nn/functional.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { ExponentialFamily, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { broadcast_all, finfo, type Param } from './utils.js';

export interface GammaOptions { concentration?: Param; rate?: Param; validate_args?: boolean | null }

/**
 * The Gamma distribution with shape `concentration` and `rate`: `new Gamma(2, 0.5)`. `rsample` draws
 * PyTorch's numbers for a seed (its Marsaglia-Tsang sampler on the CPU stream) and is differentiable
 * with respect to both parameters (PyTorch's reparameterized gradient).
 */
export class Gamma extends ExponentialFamily {
  concentration: Tensor;
  rate: Tensor;
  constructor(...args: Args<[concentration: Param, rate: Param, validate_args: boolean | null], GammaOptions>) {
    super();
    const a = bind('Gamma.__init__', ['concentration', 'rate', 'validate_args'], [], { validate_args: null }, args);
    [this.concentration, this.rate] = broadcast_all(a.concentration, a.rate);
    this._init(typeof a.concentration === 'number' && typeof a.rate === 'number' ? [] : this.concentration._shape.slice(), [], a.validate_args);
  }

  override get arg_constraints(): Record<string, constraints.Constraint> { return { concentration: constraints.positive, rate: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.nonnegative; }
  override get has_rsample(): boolean { return true; }
  override get _mean_carrier_measure(): number { return 0; }

  override get mean(): Tensor { return E.div(this.concentration, this.rate); }
  override get mode(): Tensor { return E.clamp(E.div(E.sub(this.concentration, 1), this.rate), 0, null); }
  override get variance(): Tensor { return E.div(this.concentration, E.pow(this.rate, 2)); }

  override expand(batch_shape: SampleShape, _instance?: Gamma): Gamma {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as Gamma;
    n.concentration = S.expand(this.concentration, batch_shape);
    n.rate = S.expand(this.rate, batch_shape);
    n._init(batch_shape, [], false);
    n._validate_args = this._validate_args;
    return n;
  }

  override rsample(sample_shape: SampleShape = []): Tensor {
    const shape = this._extended_shape(sample_shape);
    const value = E.div(C._standard_gamma(S.expand(this.concentration, shape)), S.expand(this.rate, shape));
    no_grad(() => value.detach().clamp_(finfo.tiny)); // not recorded in the graph
    return value;
  }

  override log_prob(value: Tensor | number): Tensor {
    const v = value instanceof Tensor ? value : C.tensor(value, { dtype: this.rate.dtype });
    if (this._validate_args) this._validate_sample(v);
    const c = this.concentration;
    return E.sub(E.sub(E.add(xlogy(c, this.rate), xlogy(E.sub(c, 1), v)), E.mul(this.rate, v)), E.lgamma(c));
  }

  override entropy(): Tensor {
    const c = this.concentration;
    return E.add(E.add(E.sub(c, E.log(this.rate)), E.lgamma(c)), E.mul(E.sub(E.asTensorLike(1, c), c), E.digamma(c)));
  }

  override get _natural_params(): Tensor[] { return [E.sub(this.concentration, 1), E.neg(this.rate)]; }
  override _log_normalizer(x: Tensor, y: Tensor): Tensor {
    return E.add(E.lgamma(E.add(x, 1)), E.mul(E.add(x, 1), E.log(E.neg(E.reciprocal(y)))));
  }
}
scopeMembers(Gamma, SCOPED);

export interface DirichletOptions { concentration?: Tensor; validate_args?: boolean | null }

/** Dirichlet samples x with PyTorch's reparameterized gradient (its `_Dirichlet` autograd function). */
function dirichletRsample(concentration: Tensor): Tensor {
  const x = C._sample_dirichlet(concentration);
  return record('_DirichletBackward', x, [concentration], [x, concentration], (g, [xs, c]) => {
    const total = S.expand(R.sum(c, -1, { keepdim: true }), c._shape);
    const grad = C._dirichlet_grad(xs, c, total);
    return [E.mul(grad, E.sub(g, R.sum(E.mul(xs, g), -1, { keepdim: true })))];
  });
}

/**
 * The Dirichlet distribution over the simplex of the last dim of `concentration`:
 * `new Dirichlet(torch.tensor([0.5, 1, 2]))`. `rsample` draws PyTorch's numbers for a seed and is
 * differentiable (PyTorch's reparameterized gradient).
 */
export class Dirichlet extends ExponentialFamily {
  concentration: Tensor;
  constructor(...args: Args<[concentration: Tensor, validate_args: boolean | null], DirichletOptions>) {
    super();
    const a = bind('Dirichlet.__init__', ['concentration', 'validate_args'], [], { validate_args: null }, args);
    const c = a.concentration as Tensor;
    if (!(c instanceof Tensor)) throw new TypeError(`'${typeof c === 'number' ? 'float' : typeof c}' object has no attribute 'dim'`);
    if (c.dim() < 1) throw new RangeError('`concentration` parameter must be at least one-dimensional.');
    this.concentration = c;
    this._init(c._shape.slice(0, -1), c._shape.slice(-1), a.validate_args);
  }

  override get arg_constraints() { return { concentration: constraints.independent(constraints.positive, 1) }; }
  override get support(): constraints.Constraint { return constraints.simplex; }
  override get has_rsample(): boolean { return true; }

  override get mean(): Tensor { return E.div(this.concentration, R.sum(this.concentration, -1, { keepdim: true })); }
  override get mode(): Tensor {
    const cm1 = E.clamp(E.sub(this.concentration, 1), 0, null);
    const mode = E.div(cm1, R.sum(cm1, -1, { keepdim: true }));
    const mask = R.all(E.lt(this.concentration, 1), -1);
    const hot = E.cast(one_hot(R.argmax(mode, -1), cm1._shape[cm1._shape.length - 1]), float32);
    return E.where(S.unsqueeze(mask, -1), hot, mode);
  }
  override get variance(): Tensor {
    const c = this.concentration;
    const c0 = R.sum(c, -1, { keepdim: true });
    return E.div(E.mul(c, E.sub(c0, c)), E.mul(E.pow(c0, 2), E.add(c0, 1)));
  }

  override expand(batch_shape: SampleShape, _instance?: Dirichlet): Dirichlet {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as Dirichlet;
    n.concentration = S.expand(this.concentration, [...batch_shape, ...this._event_shape]);
    n._init(batch_shape, this._event_shape, false);
    n._validate_args = this._validate_args;
    return n;
  }

  override rsample(sample_shape: SampleShape = []): Tensor {
    return dirichletRsample(S.expand(this.concentration, this._extended_shape(sample_shape)));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const c = this.concentration;
    return E.sub(E.add(R.sum(E.mul(E.log(value), E.sub(c, 1)), -1), E.lgamma(R.sum(c, -1))), R.sum(E.lgamma(c), -1));
  }

  override entropy(): Tensor {
    const c = this.concentration;
    const k = c._shape[c._shape.length - 1];
    const a0 = R.sum(c, -1);
    return E.sub(E.sub(E.sub(R.sum(E.lgamma(c), -1), E.lgamma(a0)), E.mul(E.sub(E.asTensorLike(k, a0), a0), E.digamma(a0))),
      R.sum(E.mul(E.sub(c, 1), E.digamma(c)), -1));
  }

  override get _natural_params(): Tensor[] { return [this.concentration]; }
  override _log_normalizer(x: Tensor): Tensor { return E.sub(R.sum(E.lgamma(x), -1), E.lgamma(R.sum(x, -1))); }
}
scopeMembers(Dirichlet, SCOPED);

export interface BetaOptions { concentration1?: Param; concentration0?: Param; validate_args?: boolean | null }

/**
 * The Beta distribution on [0, 1] with concentrations alpha (`concentration1`) and beta
 * (`concentration0`): `new Beta(2, 5)`. A two-category Dirichlet underneath, so its samples are PyTorch's.
 */
export class Beta extends ExponentialFamily {
  _dirichlet!: Dirichlet;
  constructor(...args: Args<[concentration1: Param, concentration0: Param, validate_args: boolean | null], BetaOptions>) {
    super();
    const a = bind('Beta.__init__', ['concentration1', 'concentration0', 'validate_args'], [], { validate_args: null }, args);
    let c10: Tensor;
    if (typeof a.concentration1 === 'number' && typeof a.concentration0 === 'number') {
      c10 = C.tensor([a.concentration1, a.concentration0], { dtype: float32 });
    } else {
      const [c1, c0] = broadcast_all(a.concentration1, a.concentration0);
      c10 = S.stack([c1, c0], -1);
    }
    this._dirichlet = new Dirichlet(c10, a.validate_args);
    this._init(this._dirichlet._batch_shape, [], a.validate_args);
  }

  get concentration1(): Tensor { return S.select(this._dirichlet.concentration, -1, 0); }
  get concentration0(): Tensor { return S.select(this._dirichlet.concentration, -1, 1); }

  override get arg_constraints() { return { concentration1: constraints.positive, concentration0: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.unit_interval; }
  override get has_rsample(): boolean { return true; }

  override get mean(): Tensor { return E.div(this.concentration1, E.add(this.concentration1, this.concentration0)); }
  override get mode(): Tensor { return S.select(this._dirichlet.mode, -1, 0); }
  override get variance(): Tensor {
    const c1 = this.concentration1;
    const c0 = this.concentration0;
    const total = E.add(c1, c0);
    return E.div(E.mul(c1, c0), E.mul(E.pow(total, 2), E.add(total, 1)));
  }

  override expand(batch_shape: SampleShape, _instance?: Beta): Beta {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as Beta;
    n._dirichlet = this._dirichlet.expand(batch_shape);
    n._init(batch_shape, [], false);
    n._validate_args = this._validate_args;
    return n;
  }

  override rsample(sample_shape: SampleShape = []): Tensor {
    return S.select(this._dirichlet.rsample(sample_shape), -1, 0);
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    return this._dirichlet.log_prob(S.stack([value, E.sub(E.asTensorLike(1, value), value)], -1));
  }

  override entropy(): Tensor { return this._dirichlet.entropy(); }

  override get _natural_params(): Tensor[] { return [this.concentration1, this.concentration0]; }
  override _log_normalizer(x: Tensor, y: Tensor): Tensor {
    return E.sub(E.add(E.lgamma(x), E.lgamma(y)), E.lgamma(E.add(x, y)));
  }
}
scopeMembers(Beta, [...SCOPED, 'concentration1', 'concentration0']);

export interface Chi2Options { df?: Param; validate_args?: boolean | null }

/**
 * The chi-squared distribution with `df` degrees of freedom: Gamma(df / 2, 1 / 2), as in PyTorch (so
 * its samples are PyTorch's and rsample is differentiable in df).
 * @example new Chi2(torch.tensor([1, 4], { dtype: torch.float32 })).mean  // tensor([1., 4.])
 */
export class Chi2 extends Gamma {
  constructor(...args: Args<[df: Param, validate_args: boolean | null], Chi2Options>) {
    const a = bind('Chi2.__init__', ['df', 'validate_args'], [], { validate_args: null }, args);
    super(typeof a.df === 'number' ? 0.5 * a.df : E.mul(a.df, 0.5), 0.5, a.validate_args);
  }
  override expand(batch_shape: SampleShape, _instance?: Chi2): Chi2 {
    return super.expand(batch_shape, _instance ?? Object.create(Object.getPrototypeOf(this)) as Chi2) as Chi2;
  }
  /** Degrees of freedom (2 concentration). */
  get df(): Tensor { return E.mul(this.concentration, 2); }
  override get arg_constraints(): Record<string, constraints.Constraint> { return { df: constraints.positive }; }
}
scopeMembers(Chi2, ['df']);
