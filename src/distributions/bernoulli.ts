// torch.distributions.Bernoulli (torch/distributions/bernoulli.py).
import { Tensor } from '../tensor.js';
import { float32 } from '../dtype.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { binary_cross_entropy_with_logits as bce } from '../nn/functional.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { ExponentialFamily, ProbsOrLogits, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { broadcast_all, type Param } from './utils.js';

export interface BernoulliOptions { probs?: Param | null; logits?: Param | null; validate_args?: boolean | null }

/**
 * 0 or 1, 1 with probability `probs` (or sigmoid(`logits`); give one of them):
 * `new Bernoulli({ probs: 0.3 })`, `new Bernoulli(probsTensor)`, `new Bernoulli({ logits })`.
 * Samples are floats; log_prob is -BCE-with-logits.
 * @example new Bernoulli({ logits: torch.zeros(4) }).sample()  // tensor([0., 1., 1., 0.]) (say)
 */
export class Bernoulli extends ProbsOrLogits(ExponentialFamily, true) {
  constructor(...args: Args<[probs: Param | null, logits: Param | null, validate_args: boolean | null], BernoulliOptions>) {
    super();
    const a = bind('Bernoulli.__init__', ['probs', 'logits', 'validate_args'], [], { probs: null, logits: null, validate_args: null }, args);
    this._initParam(a.probs, a.logits, a.validate_args);
  }

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
    n._expandParams(this, batch_shape);
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
scopeMembers(Bernoulli, SCOPED);
