// torch.distributions.Geometric, Poisson, Binomial, NegativeBinomial and Multinomial (torch/distributions/
// geometric.py, poisson.py, binomial.py, negative_binomial.py, multinomial.py).
import { Tensor } from '../tensor.js';
import { float32 } from '../dtype.js';
import { enable_grad, no_grad } from '../autograd.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { xlogy } from '../ops/extra.js';
import { binary_cross_entropy_with_logits as bce, logsigmoid } from '../nn/functional.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { Distribution, ExponentialFamily, ProbsOrLogits, allTrue, eitherOr, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { Categorical } from './categorical.js';
import { Gamma } from './gamma.js';
import { broadcast_all, finfo, pyTuple, NotImplementedError, type Param } from './utils.js';

export interface GeometricOptions { probs?: Param | null; logits?: Param | null; validate_args?: boolean | null }

/**
 * The number of failures before the first success in Bernoulli(probs) trials: `new Geometric(0.3)`,
 * `new Geometric({ logits })`. `sample` is floor(log(u) / log1p(-p)) for u = uniform_(tiny, 1), PyTorch's draws.
 * @example new Geometric(torch.tensor([0.2, 0.5])).log_prob(torch.tensor([3.0, 0.0]))
 */
export class Geometric extends ProbsOrLogits(Distribution, true) {
  constructor(...args: Args<[probs: Param | null, logits: Param | null, validate_args: boolean | null], GeometricOptions>) {
    super();
    const a = bind('Geometric.__init__', ['probs', 'logits', 'validate_args'], [], { probs: null, logits: null, validate_args: null }, args);
    this._initParam(a.probs, a.logits, a.validate_args);
    if (this._validate_args && a.probs != null) {
      const p = this._param;
      const valid = E.gt(p, 0);
      if (!allTrue(valid)) {
        throw new RangeError(`Expected parameter probs (Tensor of shape ${pyTuple(p._shape)}) of distribution ${this} ` +
          `to be positive but found invalid values:\n${S.index(p.detach(), [E.logical_not(valid)])}`);
      }
    }
  }

  override get arg_constraints() { return { probs: constraints.unit_interval, logits: constraints.real }; }
  override get support(): constraints.Constraint { return constraints.nonnegative_integer; }

  override get mean(): Tensor { return E.sub(E.reciprocal(this.probs), 1); }
  override get mode(): Tensor { return C.zeros_like(this.probs); }
  override get variance(): Tensor { return E.div(E.sub(E.reciprocal(this.probs), 1), this.probs); }

  override expand(batch_shape: SampleShape, _instance?: Geometric): Geometric {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as Geometric;
    n._expandParams(this, batch_shape);
    n._init(batch_shape, [], false);
    n._validate_args = this._validate_args;
    return n;
  }

  override sample(sample_shape: SampleShape = []): Tensor {
    const shape = this._extended_shape(sample_shape);
    return no_grad(() => {
      const u = C.uniform_(C.empty(shape), finfo.tiny, 1);
      return E.floor(E.div(E.log(u), E.log1p(E.neg(this.probs))));
    });
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const [v, p] = broadcast_all(value, this.probs);
    const probs = E.where(E.logical_and(E.eq(p, 1), E.eq(v, 0)), 0, p);
    return E.add(E.mul(v, E.log1p(E.neg(probs))), E.log(this.probs));
  }

  override entropy(): Tensor {
    return E.div(bce(this.logits, this.probs, { reduction: 'none' }), this.probs);
  }
}
scopeMembers(Geometric, SCOPED);

export interface PoissonOptions { rate?: Param; validate_args?: boolean | null }

/**
 * Counts with mean `rate`: `new Poisson(4)`. `sample` is torch.poisson, PyTorch's sampler and draws
 * for a seed (ported from ATen: Hoermann's transformed rejection for rate >= 10, products of uniforms below).
 * @example new Poisson(torch.tensor([1, 20], { dtype: torch.float32 })).sample([3])
 */
export class Poisson extends ExponentialFamily {
  rate: Tensor;
  constructor(...args: Args<[rate: Param, validate_args: boolean | null], PoissonOptions>) {
    super();
    const a = bind('Poisson.__init__', ['rate', 'validate_args'], [], { validate_args: null }, args);
    [this.rate] = broadcast_all(a.rate);
    this._init(typeof a.rate === 'number' ? [] : this.rate._shape.slice(), [], a.validate_args);
  }

  override get arg_constraints() { return { rate: constraints.nonnegative }; }
  override get support(): constraints.Constraint { return constraints.nonnegative_integer; }

  override get mean(): Tensor { return this.rate; }
  override get mode(): Tensor { return E.floor(this.rate); }
  override get variance(): Tensor { return this.rate; }

  override expand(batch_shape: SampleShape, _instance?: Poisson): Poisson {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as Poisson;
    n.rate = S.expand(this.rate, batch_shape);
    n._init(batch_shape, [], false);
    n._validate_args = this._validate_args;
    return n;
  }

  override sample(sample_shape: SampleShape = []): Tensor {
    return C.poisson(S.expand(this.rate, this._extended_shape(sample_shape)));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const [rate, v] = broadcast_all(this.rate, value);
    return E.sub(E.sub(xlogy(v, rate), rate), E.lgamma(E.add(v, 1)));
  }

  override get _natural_params(): Tensor[] { return [E.log(this.rate)]; }
  override _log_normalizer(x: Tensor): Tensor { return E.exp(x); }
}
scopeMembers(Poisson, SCOPED);

export interface BinomialOptions { total_count?: Param; probs?: Param | null; logits?: Param | null; validate_args?: boolean | null }

const clampByZero = (x: Tensor) => E.div(E.sub(E.add(E.clamp(x, 0, null), x), E.clamp(x, null, 0)), 2);

/** The largest total_count, which must be every element's (PyTorch's homogeneity check). */
function homogeneous(total_count: Tensor, what: string): number {
  const n = Math.trunc(Number(R.max(total_count).item()));
  if (Number(R.min(total_count).item()) !== n) throw new NotImplementedError(`Inhomogeneous total count not supported by \`${what}\`.`);
  return n;
}

/** Binomial's and NegativeBinomial's `__init__` after binding: total_count in the dtype of probs / logits, broadcast with it. */
function initCount(d: Binomial | NegativeBinomial, total_count: Param, probs: Param | null, logits: Param | null,
  validate_args: boolean | null): void {
  eitherOr(probs, logits);
  const [n, p] = broadcast_all(total_count, probs ?? logits!);
  d.total_count = n.dtype === p.dtype ? n : E.cast(n, p.dtype);
  d._setParam(probs != null, p);
  d._init(p._shape.slice(), [], validate_args);
}

/**
 * The number of successes in `total_count` Bernoulli(probs) trials: `new Binomial(10, 0.3)`,
 * `new Binomial(10, { logits })`. `sample` is torch.binomial, PyTorch's sampler and draws for a seed
 * (ported from ATen: BTRS when count * min(p, 1 - p) >= 10, inversion below).
 * @example new Binomial(5, torch.tensor([0.2, 0.9])).log_prob(torch.tensor([1.0, 5.0]))
 */
export class Binomial extends ProbsOrLogits(Distribution, true) {
  total_count!: Tensor;
  constructor(...args: Args<[total_count: Param, probs: Param | null, logits: Param | null, validate_args: boolean | null], BinomialOptions>) {
    super();
    const a = bind('Binomial.__init__', ['total_count', 'probs', 'logits', 'validate_args'], [],
      { total_count: 1, probs: null, logits: null, validate_args: null }, args);
    initCount(this, a.total_count, a.probs, a.logits, a.validate_args);
  }

  override get arg_constraints() {
    return { total_count: constraints.nonnegative_integer, probs: constraints.unit_interval, logits: constraints.real };
  }
  override get support(): constraints.Constraint { return constraints.integer_interval(0, this.total_count); }
  override get has_enumerate_support(): boolean { return true; }
  get param_shape() { return this._param.shape; }

  override get mean(): Tensor { return E.mul(this.total_count, this.probs); }
  override get mode(): Tensor {
    return E.clamp(E.floor(E.mul(E.add(this.total_count, 1), this.probs)), null, this.total_count);
  }
  override get variance(): Tensor {
    return E.mul(E.mul(this.total_count, this.probs), E.sub(E.asTensorLike(1, this.probs), this.probs));
  }

  override expand(batch_shape: SampleShape, _instance?: Binomial): Binomial {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as Binomial;
    n.total_count = S.expand(this.total_count, batch_shape);
    n._expandParams(this, batch_shape);
    n._init(batch_shape, [], false);
    n._validate_args = this._validate_args;
    return n;
  }

  override sample(sample_shape: SampleShape = []): Tensor {
    const shape = this._extended_shape(sample_shape);
    return C.binomial(S.expand(this.total_count.detach(), shape), S.expand(this.probs.detach(), shape));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const n = this.total_count;
    const log_factorial_n = E.lgamma(E.add(n, 1));
    const log_factorial_k = E.lgamma(E.add(value, 1));
    const log_factorial_nmk = E.lgamma(E.add(E.sub(n, value), 1));
    const l = this.logits;
    const normalize = E.sub(E.add(E.mul(n, clampByZero(l)), E.mul(n, E.log1p(E.exp(E.neg(E.abs(l)))))), log_factorial_n);
    return E.sub(E.sub(E.sub(E.mul(value, l), log_factorial_k), log_factorial_nmk), normalize);
  }

  override entropy(): Tensor {
    homogeneous(this.total_count, 'entropy');
    const lp = this.log_prob(this.enumerate_support(false));
    return E.neg(R.sum(E.mul(E.exp(lp), lp), 0));
  }

  override enumerate_support(expand = true): Tensor {
    const total = homogeneous(this.total_count, 'enumerate_support');
    const values = S.view(C.arange(1 + total, { dtype: this._param.dtype }), [-1, ...this._batch_shape.map(() => 1)]);
    return expand ? S.expand(values, [-1, ...this._batch_shape]) : values;
  }
}
scopeMembers(Binomial, SCOPED);

export interface NegativeBinomialOptions { total_count?: Param; probs?: Param | null; logits?: Param | null; validate_args?: boolean | null }

/**
 * The number of successes before `total_count` failures of Bernoulli(probs) trials:
 * `new NegativeBinomial(5, 0.4)`. `sample` is PyTorch's: a Gamma(total_count, exp(-logits)) draw, then
 * torch.poisson of it.
 * @example new NegativeBinomial(3, { logits: torch.zeros(2) }).mean  // tensor([3., 3.])
 */
export class NegativeBinomial extends ProbsOrLogits(Distribution, true) {
  total_count!: Tensor;
  private _gammaCache?: Gamma;
  constructor(...args: Args<[total_count: Param, probs: Param | null, logits: Param | null, validate_args: boolean | null], NegativeBinomialOptions>) {
    super();
    const a = bind('NegativeBinomial.__init__', ['total_count', 'probs', 'logits', 'validate_args'], [],
      { probs: null, logits: null, validate_args: null }, args);
    initCount(this, a.total_count, a.probs, a.logits, a.validate_args);
  }

  override get arg_constraints() {
    return { total_count: constraints.greater_than_eq(0, false), probs: constraints.half_open_interval(0.0, 1.0), logits: constraints.real };
  }
  override get support(): constraints.Constraint { return constraints.nonnegative_integer; }
  get param_shape() { return this._param.shape; }

  override get mean(): Tensor { return E.mul(this.total_count, E.exp(this.logits)); }
  override get mode(): Tensor { return E.clamp(E.floor(E.mul(E.sub(this.total_count, 1), E.exp(this.logits))), 0, null); }
  override get variance(): Tensor { return E.div(this.mean, E.sigmoid(E.neg(this.logits))); }

  /** Gamma(total_count, exp(-logits)), the sampler's mixing distribution (kept once made). */
  get _gamma(): Gamma {
    this._gammaCache ??= new Gamma({ concentration: this.total_count, rate: this._keepLazy(enable_grad(() => E.exp(E.neg(this.logits)))), validate_args: false });
    return this._gammaCache;
  }

  override expand(batch_shape: SampleShape, _instance?: NegativeBinomial): NegativeBinomial {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as NegativeBinomial;
    n.total_count = S.expand(this.total_count, batch_shape);
    n._expandParams(this, batch_shape);
    n._gammaCache = undefined;
    n._init(batch_shape, [], false);
    n._validate_args = this._validate_args;
    return n;
  }

  override sample(sample_shape: SampleShape = []): Tensor {
    return no_grad(() => C.poisson(this._gamma.sample(sample_shape)));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const n = this.total_count;
    const unnormalized = E.add(E.mul(n, logsigmoid(E.neg(this.logits))), E.mul(value, logsigmoid(this.logits)));
    const nv = E.add(n, value);
    let norm = E.add(E.add(E.neg(E.lgamma(nv)), E.lgamma(E.add(value, 1))), E.lgamma(n));
    norm = E.where(E.eq(nv, 0), 0, norm);
    return E.sub(unnormalized, norm);
  }
}
scopeMembers(NegativeBinomial, SCOPED);

export interface MultinomialOptions { total_count?: number; probs?: Tensor | null; logits?: Tensor | null; validate_args?: boolean | null }

/**
 * Counts of `total_count` draws from a Categorical over the last dim of probs / logits:
 * `new Multinomial(10, probs)`. `sample` counts PyTorch's Categorical draws (so it is PyTorch's for a seed).
 * @example new Multinomial(4, torch.tensor([0.2, 0.3, 0.5])).sample()  // e.g. tensor([1., 1., 2.])
 */
export class Multinomial extends Distribution {
  /** Where PyTorch defines it (its messages name the class by module). */
  static _pyModule = 'multinomial';
  total_count!: number;
  _categorical!: Categorical;
  _binomial!: Binomial;
  constructor(...args: Args<[total_count: number, probs: Tensor | null, logits: Tensor | null, validate_args: boolean | null], MultinomialOptions>) {
    super();
    const a = bind('Multinomial.__init__', ['total_count', 'probs', 'logits', 'validate_args'], [],
      { total_count: 1, probs: null, logits: null, validate_args: null }, args);
    if (!Number.isInteger(a.total_count)) throw new NotImplementedError('inhomogeneous total_count is not supported');
    this.total_count = a.total_count;
    this._categorical = new Categorical({ probs: a.probs, logits: a.logits });
    this._binomial = new Binomial(a.total_count, { probs: this.probs });
    this._init(this._categorical._batch_shape, this._categorical._param._shape.slice(-1), a.validate_args);
  }

  get logits(): Tensor { return this._categorical.logits; }
  get probs(): Tensor { return this._categorical.probs; }
  get param_shape() { return this._categorical.param_shape; }
  override _has(param: string): boolean {
    return param === 'probs' || param === 'logits' ? false : super._has(param);
  }

  override get arg_constraints() { return { probs: constraints.simplex, logits: constraints.real_vector }; }
  override get support(): constraints.Constraint { return constraints.multinomial(this.total_count); }

  override get mean(): Tensor { return E.mul(this.probs, this.total_count); }
  override get variance(): Tensor { return E.mul(E.mul(this.probs, this.total_count), E.sub(E.asTensorLike(1, this.probs), this.probs)); }

  override expand(batch_shape: SampleShape, _instance?: Multinomial): Multinomial {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as Multinomial;
    n.total_count = this.total_count;
    n._categorical = this._categorical.expand(batch_shape) as Categorical;
    n._binomial = this._binomial.expand([...batch_shape, ...this._event_shape]); // PyTorch leaves it unset (its entropy then fails)
    n._init(batch_shape, this._event_shape, false);
    n._validate_args = this._validate_args;
    return n;
  }

  override sample(sample_shape: SampleShape = []): Tensor {
    return no_grad(() => {
      let samples = this._categorical.sample([this.total_count, ...sample_shape]);
      const order = [...Array(samples.dim()).keys()];
      order.push(order.shift()!);
      samples = S.permute(samples, order);
      const counts = C.zeros(this._extended_shape(sample_shape), { dtype: float32 });
      return S.scatter_add(counts, -1, samples, C.ones(samples._shape, { dtype: float32 }));
    });
  }

  override entropy(): Tensor {
    const n = this.total_count;
    const term1 = E.sub(E.mul(this._categorical.entropy(), n), E.lgamma(C.tensor(n + 1, { dtype: float32 })));
    const support = S.narrow(this._binomial.enumerate_support(false), 0, 1, n);
    const binomial_probs = E.exp(this._binomial.log_prob(support));
    const weights = E.lgamma(E.add(support, 1));
    return E.add(term1, R.sum(E.mul(binomial_probs, weights), [0, -1]));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const [l, v] = broadcast_all(this.logits, value);
    const log_factorial_n = E.lgamma(E.add(R.sum(v, -1), 1));
    const log_factorial_xs = R.sum(E.lgamma(E.add(v, 1)), -1);
    const logits = E.where(E.logical_and(E.eq(v, 0), E.eq(l, -Infinity)), 0, l);
    return E.add(E.sub(log_factorial_n, log_factorial_xs), R.sum(E.mul(logits, v), -1));
  }
}
scopeMembers(Multinomial, SCOPED);
