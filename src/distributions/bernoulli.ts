// torch.distributions.Bernoulli (torch/distributions/bernoulli.py).
import { Tensor } from '../tensor.js';
import { float32 } from '../dtype.js';
import { enable_grad } from '../autograd.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { binary_cross_entropy_with_logits as bce } from '../nn/functional.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { ExponentialFamily, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { broadcast_all, logits_to_probs, probs_to_logits, type Param } from './utils.js';

export interface BernoulliOptions { probs?: Param | null; logits?: Param | null; validate_args?: boolean | null }

/**
 * 0 or 1, 1 with probability `probs` (or sigmoid(`logits`); give one of them):
 * `new Bernoulli({ probs: 0.3 })`, `new Bernoulli(probsTensor)`, `new Bernoulli({ logits })`.
 * Samples are floats; log_prob is -BCE-with-logits.
 * @example new Bernoulli({ logits: torch.zeros(4) }).sample()  // tensor([0., 1., 1., 0.]) (say)
 */
export class Bernoulli extends ExponentialFamily {
  _probs?: Tensor;
  _logits?: Tensor;
  _param!: Tensor;
  constructor(...args: Args<[probs: Param | null, logits: Param | null, validate_args: boolean | null], BernoulliOptions>) {
    super();
    const a = bind('Bernoulli.__init__', ['probs', 'logits', 'validate_args'], [], { probs: null, logits: null, validate_args: null }, args);
    if ((a.probs == null) === (a.logits == null)) throw new RangeError('Either `probs` or `logits` must be specified, but not both.');
    const given: Param = a.probs ?? a.logits;
    const [p] = broadcast_all(given);
    if (a.probs != null) this._probs = p;
    else this._logits = p;
    this._param = p;
    this._init(typeof given === 'number' ? [] : p._shape.slice(), [], a.validate_args);
  }

  /** Probability of 1 (computed from logits on first use, then kept). */
  get probs(): Tensor {
    this._probs ??= this._keepLazy(enable_grad(() => logits_to_probs(this._logits!, true)));
    return this._probs;
  }
  /** Log-odds of 1 (computed from probs on first use, then kept). */
  get logits(): Tensor {
    this._logits ??= this._keepLazy(enable_grad(() => probs_to_logits(this._probs!, true)));
    return this._logits;
  }
  override _has(param: string): boolean {
    if (param === 'probs') return this._probs !== undefined;
    if (param === 'logits') return this._logits !== undefined;
    return super._has(param);
  }
  override _lazyUnset(param: string): boolean { return !this._has(param); }
  get param_shape() { return this._param.shape; }

  override get arg_constraints() { return { probs: constraints.unit_interval, logits: constraints.real }; }
  override get support(): constraints.Constraint { return constraints.boolean; }
  override get has_enumerate_support(): boolean { return true; }
  override get _mean_carrier_measure(): number { return 0; }

  override get mean(): Tensor { return this.probs; }
  override get mode(): Tensor {
    const p = this.probs;
    return E.where(E.eq(p, 0.5), NaN, E.cast(E.ge(p, 0.5), float32));
  }
  override get variance(): Tensor { return E.mul(this.probs, E.sub(E.asTensorLike(1, this.probs), this.probs)); }

  override expand(batch_shape: SampleShape, _instance?: Bernoulli): Bernoulli {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as Bernoulli;
    if (this._probs) n._param = n._probs = S.expand(this._probs, batch_shape);
    if (this._logits) n._param = n._logits = S.expand(this._logits, batch_shape);
    n._init(batch_shape, [], false);
    n._validate_args = this._validate_args;
    return n;
  }

  override sample(sample_shape: SampleShape = []): Tensor {
    const shape = this._extended_shape(sample_shape);
    return C.bernoulli(S.expand(this.probs.detach(), shape));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const [logits, v] = broadcast_all(this.logits, value);
    return E.neg(bce(logits, v, { reduction: 'none' }));
  }

  override entropy(): Tensor {
    return bce(this.logits, this.probs, { reduction: 'none' });
  }

  override enumerate_support(expand = true): Tensor {
    const values = S.view(C.arange(2, { dtype: this._param.dtype }), [-1, ...this._batch_shape.map(() => 1)]);
    return expand ? S.expand(values, [-1, ...this._batch_shape]) : values;
  }

  override get _natural_params(): Tensor[] {
    return [E.log(E.div(this.probs, E.sub(E.asTensorLike(1, this.probs), this.probs)))];
  }
  override _log_normalizer(x: Tensor): Tensor {
    return E.log(E.add(E.exp(x), 1));
  }
}
scopeMembers(Bernoulli, [...SCOPED, 'probs', 'logits']);
