// torch.distributions.ContinuousBernoulli (torch/distributions/continuous_bernoulli.py).
import { Tensor } from '../tensor.js';
import { enable_grad, no_grad } from '../autograd.js';
import * as E from '../ops/elementwise.js';
import * as C from '../ops/create.js';
import { binary_cross_entropy_with_logits as bce } from '../nn/functional.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { ExponentialFamily, ProbsOrLogits, allTrue, eitherOr, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { broadcast_all, clamp_probs, logits_to_probs, type Param } from './utils.js';

export interface ContinuousBernoulliOptions {
  probs?: Param | null; logits?: Param | null; lims?: readonly [number, number]; validate_args?: boolean | null;
}

const rsub = (s: number, x: Tensor) => E.sub(E.asTensorLike(s, x), x);

/**
 * The continuous Bernoulli distribution on [0, 1] (Loaiza-Ganem and Cunningham, 2019), given `probs` in
 * (0, 1) or `logits` (one of them); unlike Bernoulli's, they are not a probability and log-odds. Within
 * `lims` of probs = 1/2 the normalizer, moments and cdf use PyTorch's Taylor expansions. `rsample` is the
 * icdf of PyTorch's uniform draws, so samples are PyTorch's for a seed.
 * @example new ContinuousBernoulli(torch.tensor([0.2, 0.8])).rsample([3])
 */
export class ContinuousBernoulli extends ProbsOrLogits(ExponentialFamily, true) {
  static _pyModule = 'continuous_bernoulli';
  _lims!: [number, number];
  constructor(...args: Args<[probs: Param | null, logits: Param | null, lims: readonly [number, number], validate_args: boolean | null],
    ContinuousBernoulliOptions>) {
    super();
    const a = bind('ContinuousBernoulli.__init__', ['probs', 'logits', 'lims', 'validate_args'], [],
      { probs: null, logits: null, lims: [0.499, 0.501], validate_args: null }, args);
    eitherOr(a.probs, a.logits);
    const given: Param = a.probs ?? a.logits;
    let [p] = broadcast_all(given);
    if (a.probs != null) {
      // checked here, before the clamp below would make any value pass (PyTorch checks whenever
      // validate_args is given, true or false)
      if (a.validate_args !== null && !allTrue(constraints.unit_interval.check(p))) {
        throw new RangeError('The parameter probs has invalid values');
      }
      p = clamp_probs(p);
    }
    this._setParam(a.probs != null, p);
    this._lims = [a.lims[0], a.lims[1]];
    this._init(typeof given === 'number' ? [] : p._shape.slice(), [], a.validate_args);
  }

  /** Probabilities (from logits: sigmoid clamped into [eps, 1 - eps], computed on first use and kept). */
  override get probs(): Tensor {
    this._probs ??= this._keepLazy(enable_grad(() => clamp_probs(logits_to_probs(this._logits!, true))));
    return this._probs;
  }

  get param_shape() { return this._param.shape; }

  override get arg_constraints() { return { probs: constraints.unit_interval, logits: constraints.real }; }
  override get support(): constraints.Constraint { return constraints.unit_interval; }
  override get has_rsample(): boolean { return true; }
  override get _mean_carrier_measure(): number { return 0; }

  override expand(batch_shape: SampleShape, _instance?: ContinuousBernoulli): ContinuousBernoulli {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as ContinuousBernoulli;
    n._lims = this._lims;
    n._expandParams(this, batch_shape);
    n._init(batch_shape, [], false);
    n._validate_args = this._validate_args;
    return n;
  }

  _outside_unstable_region(): Tensor {
    return E.logical_or(E.le(this.probs, this._lims[0]), E.gt(this.probs, this._lims[1]));
  }

  _cut_probs(): Tensor {
    return E.where(this._outside_unstable_region(), this.probs, E.mul(C.ones_like(this.probs), this._lims[0]));
  }

  /** The log normalizing constant as a function of probs. */
  _cont_bern_log_norm(): Tensor {
    const cut = this._cut_probs();
    const below = E.where(E.le(cut, 0.5), cut, C.zeros_like(cut));
    const above = E.where(E.ge(cut, 0.5), cut, C.ones_like(cut));
    const log_norm = E.sub(E.log(E.abs(E.sub(E.log1p(E.neg(cut)), E.log(cut)))),
      E.where(E.le(cut, 0.5), E.log1p(E.mul(below, -2.0)), E.log(E.sub(E.mul(above, 2.0), 1.0))));
    const x = E.pow(E.sub(this.probs, 0.5), 2);
    const taylor = E.add(E.mul(E.add(E.mul(x, 104.0 / 45.0), 4.0 / 3.0), x), Math.log(2.0));
    return E.where(this._outside_unstable_region(), log_norm, taylor);
  }

  override get mean(): Tensor {
    const cut = this._cut_probs();
    const mus = E.add(E.div(cut, E.sub(E.mul(cut, 2.0), 1.0)), E.reciprocal(E.sub(E.log1p(E.neg(cut)), E.log(cut))));
    const x = E.sub(this.probs, 0.5);
    const taylor = E.add(E.mul(E.add(E.mul(E.pow(x, 2), 16.0 / 45.0), 1.0 / 3.0), x), 0.5);
    return E.where(this._outside_unstable_region(), mus, taylor);
  }

  override get stddev(): Tensor { return E.sqrt(this.variance); }

  override get variance(): Tensor {
    const cut = this._cut_probs();
    const vars = E.add(E.div(E.mul(cut, E.sub(cut, 1.0)), E.pow(rsub(1.0, E.mul(cut, 2.0)), 2)),
      E.reciprocal(E.pow(E.sub(E.log1p(E.neg(cut)), E.log(cut)), 2)));
    const x = E.pow(E.sub(this.probs, 0.5), 2);
    const taylor = rsub(1.0 / 12.0, E.mul(E.sub(E.asTensorLike(1.0 / 15.0, x), E.mul(x, 128.0 / 945.0)), x));
    return E.where(this._outside_unstable_region(), vars, taylor);
  }

  override sample(sample_shape: SampleShape = []): Tensor {
    const u = C.rand(this._extended_shape(sample_shape), { dtype: this.probs.dtype });
    return no_grad(() => this.icdf(u));
  }

  override rsample(sample_shape: SampleShape = []): Tensor {
    return this.icdf(C.rand(this._extended_shape(sample_shape), { dtype: this.probs.dtype }));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const [logits, v] = broadcast_all(this.logits, value);
    return E.add(E.neg(bce(logits, v, { reduction: 'none' })), this._cont_bern_log_norm());
  }

  override cdf(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const cut = this._cut_probs();
    const cdfs = E.div(E.sub(E.add(E.mul(E.pow(cut, value), E.pow(rsub(1.0, cut), rsub(1.0, value))), cut), 1.0),
      E.sub(E.mul(cut, 2.0), 1.0));
    const unbounded = E.where(this._outside_unstable_region(), cdfs, value);
    return E.where(E.le(value, 0.0), C.zeros_like(value), E.where(E.ge(value, 1.0), C.ones_like(value), unbounded));
  }

  override icdf(value: Tensor): Tensor {
    const cut = this._cut_probs();
    const inv = E.div(E.sub(E.log1p(E.add(E.neg(cut), E.mul(value, E.sub(E.mul(cut, 2.0), 1.0)))), E.log1p(E.neg(cut))),
      E.sub(E.log(cut), E.log1p(E.neg(cut))));
    return E.where(this._outside_unstable_region(), inv, value);
  }

  override entropy(): Tensor {
    const log_probs0 = E.log1p(E.neg(this.probs));
    const log_probs1 = E.log(this.probs);
    return E.sub(E.sub(E.mul(this.mean, E.sub(log_probs0, log_probs1)), this._cont_bern_log_norm()), log_probs0);
  }

  override get _natural_params(): Tensor[] { return [this.logits]; }

  /** The log normalizing constant as a function of the natural parameter. */
  override _log_normalizer(x: Tensor): Tensor {
    const out = E.logical_or(E.le(x, this._lims[0] - 0.5), E.gt(x, this._lims[1] - 0.5));
    const cut = E.where(out, x, E.mul(C.ones_like(x), this._lims[0] - 0.5));
    const log_norm = E.sub(E.log(E.abs(E.sub(E.exp(cut), 1.0))), E.log(E.abs(cut)));
    const taylor = E.sub(E.add(E.mul(x, 0.5), E.div(E.pow(x, 2), 24.0)), E.div(E.pow(x, 4), 2880.0));
    return E.where(out, log_norm, taylor);
  }
}
scopeMembers(ContinuousBernoulli, [...SCOPED, 'probs', '_outside_unstable_region', '_cut_probs', '_cont_bern_log_norm']);
