// torch.distributions.RelaxedBernoulli and RelaxedOneHotCategorical (torch/distributions/relaxed_bernoulli.py,
// relaxed_categorical.py): the Concrete / Gumbel-softmax relaxations, with their log-space bases
// LogitRelaxedBernoulli and ExpRelaxedCategorical.
import { Tensor } from '../tensor.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { Distribution, ProbsOrLogits, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { Categorical } from './categorical.js';
import { TransformedDistribution } from './transformed_distribution.js';
import { ExpTransform, SigmoidTransform } from './transforms.js';
import { broadcast_all, clamp_probs, type Param } from './utils.js';

export interface RelaxedOptions<P> { temperature?: Param; probs?: P | null; logits?: P | null; validate_args?: boolean | null }

const asTensor = (t: Param, like: Tensor): Tensor => (t instanceof Tensor ? t : C.tensor(t, { dtype: like.dtype }));

/**
 * The logit of a RelaxedBernoulli variable (`LogitRelaxedBernoulli(temperature, probs=, logits=)`):
 * (log u - log(1 - u) + log p - log(1 - p)) / temperature for u uniform.
 * @example new LogitRelaxedBernoulli(0.5, { probs: torch.tensor([0.3]) }).rsample()
 */
export class LogitRelaxedBernoulli extends ProbsOrLogits(Distribution, true) {
  /** Where PyTorch defines it (its messages name the class by module). */
  static _pyModule = 'relaxed_bernoulli';
  temperature: Param;
  constructor(...args: Args<[temperature: Param, probs: Param | null, logits: Param | null, validate_args: boolean | null], RelaxedOptions<Param>>) {
    super();
    const a = bind('LogitRelaxedBernoulli.__init__', ['temperature', 'probs', 'logits', 'validate_args'], [],
      { probs: null, logits: null, validate_args: null }, args);
    this.temperature = a.temperature;
    this._initParam(a.probs, a.logits, a.validate_args);
  }

  get param_shape() { return this._param.shape; }

  override get arg_constraints() { return { probs: constraints.unit_interval, logits: constraints.real }; }
  override get support(): constraints.Constraint { return constraints.real; }
  override get has_rsample(): boolean { return true; }

  override expand(batch_shape: SampleShape, _instance?: LogitRelaxedBernoulli): LogitRelaxedBernoulli {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as LogitRelaxedBernoulli;
    n.temperature = this.temperature;
    n._expandParams(this, batch_shape);
    n._init(batch_shape, [], false);
    n._validate_args = this._validate_args;
    return n;
  }

  override rsample(sample_shape: SampleShape = []): Tensor {
    const shape = this._extended_shape(sample_shape);
    const probs = clamp_probs(S.expand(this.probs, shape));
    const u = clamp_probs(C.rand(shape));
    const s = E.sub(E.add(E.sub(E.log(u), E.log1p(E.neg(u))), E.log(probs)), E.log1p(E.neg(probs)));
    return E.div(s, this.temperature);
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const [logits, v] = broadcast_all(this.logits, value);
    const t = asTensor(this.temperature, logits);
    const diff = E.sub(logits, E.mul(v, t));
    return E.sub(E.add(E.log(t), diff), E.mul(E.log1p(E.exp(diff)), 2));
  }
}
scopeMembers(LogitRelaxedBernoulli, SCOPED);

/**
 * A relaxed Bernoulli on (0, 1) with `temperature` (the Concrete distribution): sigmoid of a
 * LogitRelaxedBernoulli, reparameterizable. `new RelaxedBernoulli(torch.tensor(0.5), { probs })`.
 * @example new RelaxedBernoulli(torch.tensor([2.2]), { probs: torch.tensor([0.1]) }).rsample()
 */
export class RelaxedBernoulli extends TransformedDistribution {
  /** Where PyTorch defines it (its messages name the class by module). */
  static override _pyModule = 'relaxed_bernoulli';
  constructor(...args: Args<[temperature: Param, probs: Param | null, logits: Param | null, validate_args: boolean | null], RelaxedOptions<Param>>) {
    const a = bind('RelaxedBernoulli.__init__', ['temperature', 'probs', 'logits', 'validate_args'], [],
      { probs: null, logits: null, validate_args: null }, args);
    super(new LogitRelaxedBernoulli(a.temperature, a.probs, a.logits), new SigmoidTransform(), a.validate_args);
  }
  override expand(batch_shape: SampleShape, _instance?: RelaxedBernoulli): RelaxedBernoulli {
    return super.expand(batch_shape, _instance ?? Object.create(Object.getPrototypeOf(this))) as RelaxedBernoulli;
  }
  get temperature(): Param { return (this.base_dist as LogitRelaxedBernoulli).temperature; }
  get logits(): Tensor { return (this.base_dist as LogitRelaxedBernoulli).logits; }
  get probs(): Tensor { return (this.base_dist as LogitRelaxedBernoulli).probs; }
  override get arg_constraints() { return { probs: constraints.unit_interval, logits: constraints.real }; }
  override get support(): constraints.Constraint { return constraints.unit_interval; }
  override get has_rsample(): boolean { return true; }
}

/**
 * The log of a RelaxedOneHotCategorical variable (`ExpRelaxedCategorical(temperature, probs=, logits=)`):
 * log_softmax((logits + Gumbel noise) / temperature).
 * @example new ExpRelaxedCategorical(torch.tensor(0.5), { logits: torch.zeros(3) }).rsample()
 */
export class ExpRelaxedCategorical extends Distribution {
  /** Where PyTorch defines it (its messages name the class by module). */
  static _pyModule = 'relaxed_categorical';
  temperature: Param;
  _categorical: Categorical;
  constructor(...args: Args<[temperature: Param, probs: Tensor | null, logits: Tensor | null, validate_args: boolean | null], RelaxedOptions<Tensor>>) {
    super();
    const a = bind('ExpRelaxedCategorical.__init__', ['temperature', 'probs', 'logits', 'validate_args'], [],
      { probs: null, logits: null, validate_args: null }, args);
    this._categorical = new Categorical(a.probs, a.logits);
    this.temperature = a.temperature;
    this._init(this._categorical._batch_shape, this._categorical._param._shape.slice(-1), a.validate_args);
  }
  get probs(): Tensor { return this._categorical.probs; }
  get logits(): Tensor { return this._categorical.logits; }
  get param_shape() { return this._categorical.param_shape; }
  override _has(param: string): boolean {
    return param === 'probs' || param === 'logits' ? false : super._has(param);
  }
  override get arg_constraints() { return { probs: constraints.simplex, logits: constraints.real_vector }; }
  override get support(): constraints.Constraint { return constraints.real_vector; }
  override get has_rsample(): boolean { return true; }

  override expand(batch_shape: SampleShape, _instance?: ExpRelaxedCategorical): ExpRelaxedCategorical {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as ExpRelaxedCategorical;
    n.temperature = this.temperature;
    n._categorical = this._categorical.expand(batch_shape) as Categorical;
    n._init(batch_shape, this._event_shape, false);
    n._validate_args = this._validate_args;
    return n;
  }

  override rsample(sample_shape: SampleShape = []): Tensor {
    const shape = this._extended_shape(sample_shape);
    const u = clamp_probs(C.rand(shape));
    const gumbels = E.neg(E.log(E.neg(E.log(u))));
    const scores = E.div(E.add(this.logits, gumbels), this.temperature);
    return E.sub(scores, R.logsumexp(scores, -1, { keepdim: true }));
  }

  override log_prob(value: Tensor): Tensor {
    const K = this._categorical._num_events;
    if (this._validate_args) this._validate_sample(value);
    const [logits, v] = broadcast_all(this.logits, value);
    const t = asTensor(this.temperature, logits);
    const log_scale = E.sub(E.lgamma(C.full_like(t, K)), E.mul(E.log(t), -(K - 1)));
    let score = E.sub(logits, E.mul(v, t));
    score = R.sum(E.sub(score, R.logsumexp(score, -1, { keepdim: true })), -1);
    return E.add(score, log_scale);
  }
}
scopeMembers(ExpRelaxedCategorical, SCOPED);

/**
 * A relaxed one-hot categorical on the simplex with `temperature` (Gumbel-softmax / Concrete):
 * exp of an ExpRelaxedCategorical, reparameterizable. `new RelaxedOneHotCategorical(torch.tensor(0.5), { logits })`.
 * @example new RelaxedOneHotCategorical(torch.tensor([2.2]), { probs: torch.tensor([0.1, 0.2, 0.7]) }).rsample()
 */
export class RelaxedOneHotCategorical extends TransformedDistribution {
  /** Where PyTorch defines it (its messages name the class by module). */
  static override _pyModule = 'relaxed_categorical';
  constructor(...args: Args<[temperature: Param, probs: Tensor | null, logits: Tensor | null, validate_args: boolean | null], RelaxedOptions<Tensor>>) {
    const a = bind('RelaxedOneHotCategorical.__init__', ['temperature', 'probs', 'logits', 'validate_args'], [],
      { probs: null, logits: null, validate_args: null }, args);
    super(new ExpRelaxedCategorical(a.temperature, a.probs, a.logits, a.validate_args), new ExpTransform(), a.validate_args);
  }
  override expand(batch_shape: SampleShape, _instance?: RelaxedOneHotCategorical): RelaxedOneHotCategorical {
    return super.expand(batch_shape, _instance ?? Object.create(Object.getPrototypeOf(this))) as RelaxedOneHotCategorical;
  }
  get temperature(): Param { return (this.base_dist as ExpRelaxedCategorical).temperature; }
  get logits(): Tensor { return (this.base_dist as ExpRelaxedCategorical).logits; }
  get probs(): Tensor { return (this.base_dist as ExpRelaxedCategorical).probs; }
  override get arg_constraints() { return { probs: constraints.simplex, logits: constraints.real_vector }; }
  override get support(): constraints.Constraint { return constraints.simplex; }
  override get has_rsample(): boolean { return true; }
}
