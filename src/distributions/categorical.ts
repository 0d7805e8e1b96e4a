// torch.distributions.Categorical and OneHotCategorical (torch/distributions/categorical.py,
// one_hot_categorical.py).
import { Tensor } from '../tensor.js';
import { float32, int64 } from '../dtype.js';
import { scoped } from '../lifetime.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { broadcast_tensors, multinomial } from '../ops/extra.js';
import { one_hot } from '../nn/functional.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { Distribution, ProbsOrLogits, eitherOr, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { finfo } from './utils.js';

const REASON = 'the end of Categorical.__init__ (an internal temporary)';

export interface CategoricalOptions { probs?: Tensor | null; logits?: Tensor | null; validate_args?: boolean | null }

function checkTensor(v: unknown): asserts v is Tensor {
  if (!(v instanceof Tensor)) {
    throw new TypeError(`'${typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v}' object has no attribute 'dim'`);
  }
}

/**
 * Integers 0..K-1 with the probabilities in the last dim of `probs` (normalized to sum to 1), or
 * softmax(`logits`): `new Categorical({ logits })`, `new Categorical(probs)`. The other dims are batch
 * dims. `sample` draws PyTorch's numbers for a seed (torch.multinomial with replacement).
 * @example const pi = new Categorical({ logits: policy(obs) }); const a = pi.sample(); pi.log_prob(a)
 */
export class Categorical extends ProbsOrLogits(Distribution, false) {
  _num_events!: number;
  constructor(...args: Args<[probs: Tensor | null, logits: Tensor | null, validate_args: boolean | null], CategoricalOptions>) {
    super();
    const a = bind('Categorical.__init__', ['probs', 'logits', 'validate_args'], [], { probs: null, logits: null, validate_args: null }, args);
    eitherOr(a.probs, a.logits);
    if (a.probs != null) {
      checkTensor(a.probs);
      if (a.probs.dim() < 1) throw new RangeError('`probs` parameter must be at least one-dimensional.');
      const p = a.probs;
      this._param = this._probs = scoped(() => E.div(p, R.sum(p, -1, { keepdim: true })), REASON);
    } else {
      checkTensor(a.logits);
      if (a.logits.dim() < 1) throw new RangeError('`logits` parameter must be at least one-dimensional.');
      const l = a.logits;
      this._param = this._logits = scoped(() => E.sub(l, R.logsumexp(l, -1, { keepdim: true })), REASON);
    }
    const shape = this._param._shape;
    this._num_events = shape[shape.length - 1];
    this._init(shape.length > 1 ? shape.slice(0, -1) : [], [], a.validate_args);
  }

  get param_shape() { return this._param.shape; }

  override get arg_constraints() { return { probs: constraints.simplex, logits: constraints.real_vector }; }
  override get support(): constraints.Constraint { return constraints.integer_interval(0, this._num_events - 1); }
  override get has_enumerate_support(): boolean { return true; }

  override get mean(): Tensor { return C.full(this._extended_shape(), NaN, { dtype: float32 }); }
  override get mode(): Tensor { return R.argmax(this.probs, -1); }
  override get variance(): Tensor { return C.full(this._extended_shape(), NaN, { dtype: float32 }); }

  override expand(batch_shape: SampleShape, _instance?: Categorical): Categorical {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as Categorical;
    const param_shape = [...batch_shape, this._num_events];
    n._expandParams(this, param_shape);
    n._num_events = this._num_events;
    n._init(batch_shape, [], false);
    n._validate_args = this._validate_args;
    return n;
  }

  override sample(sample_shape: SampleShape = []): Tensor {
    const shape = this._extended_shape(sample_shape);
    const n = shape.slice(0, shape.length - this._batch_shape.length).reduce((a, b) => a * b, 1);
    const probs_2d = S.reshape(this.probs.detach(), [-1, this._num_events]);
    const samples_2d = S.t(multinomial(probs_2d, n, true));
    return S.reshape(samples_2d, shape);
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const [v, log_pmf] = broadcast_tensors(S.unsqueeze(E.cast(value, int64), -1), this.logits);
    return S.squeeze(S.gather(log_pmf, -1, S.narrow(v, -1, 0, 1)), -1);
  }

  override entropy(): Tensor {
    const logits = E.clamp(this.logits, finfo.min, null);
    return E.neg(R.sum(E.mul(logits, this.probs), -1));
  }

  override enumerate_support(expand = true): Tensor {
    const values = S.view(C.arange(this._num_events, { dtype: int64 }), [-1, ...this._batch_shape.map(() => 1)]);
    return expand ? S.expand(values, [-1, ...this._batch_shape]) : values;
  }
}
scopeMembers(Categorical, SCOPED);

/**
 * One-hot vectors of size K (the event dim) with Categorical's probabilities:
 * `new OneHotCategorical({ logits })`. `sample` is one_hot(Categorical.sample()) as floats.
 */
export class OneHotCategorical extends Distribution {
  _categorical!: Categorical;
  constructor(...args: Args<[probs: Tensor | null, logits: Tensor | null, validate_args: boolean | null], CategoricalOptions>) {
    super();
    const a = bind('OneHotCategorical.__init__', ['probs', 'logits', 'validate_args'], [], { probs: null, logits: null, validate_args: null }, args);
    this._categorical = new Categorical(a.probs, a.logits);
    this._init(this._categorical._batch_shape, this._categorical._param._shape.slice(-1), a.validate_args);
  }

  get probs(): Tensor { return this._categorical.probs; }
  get logits(): Tensor { return this._categorical.logits; }
  get _param(): Tensor { return this._categorical._param; }
  get param_shape() { return this._categorical.param_shape; }

  override get arg_constraints() { return { probs: constraints.simplex, logits: constraints.real_vector }; }
  override get support(): constraints.Constraint { return constraints.one_hot; }
  override get has_enumerate_support(): boolean { return true; }

  override get mean(): Tensor { return this._categorical.probs; }
  override get mode(): Tensor {
    const probs = this._categorical.probs;
    return E.cast(one_hot(R.argmax(probs, -1), probs._shape[probs._shape.length - 1]), float32);
  }
  override get variance(): Tensor {
    const p = this._categorical.probs;
    return E.mul(p, E.sub(E.asTensorLike(1, p), p));
  }

  override expand(batch_shape: SampleShape, _instance?: OneHotCategorical): OneHotCategorical {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as OneHotCategorical;
    n._categorical = this._categorical.expand(batch_shape);
    n._init(batch_shape, this._event_shape, false);
    n._validate_args = this._validate_args;
    return n;
  }

  override sample(sample_shape: SampleShape = []): Tensor {
    const indices = this._categorical.sample(sample_shape);
    return E.cast(one_hot(indices, this._categorical._num_events), float32);
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    return this._categorical.log_prob(R.max(value, -1).indices);
  }

  override entropy(): Tensor { return this._categorical.entropy(); }

  override enumerate_support(expand = true): Tensor {
    const n = this._event_shape[0];
    const values = S.view(C.eye(n, { dtype: this._param.dtype }), [n, ...this._batch_shape.map(() => 1), n]);
    return expand ? S.expand(values, [n, ...this._batch_shape, n]) : values;
  }
}
scopeMembers(OneHotCategorical, SCOPED);

/**
 * OneHotCategorical with a straight-through gradient: `rsample` is the one-hot sample plus
 * `probs - probs.detach()`, so gradients reach the probabilities.
 */
export class OneHotCategoricalStraightThrough extends OneHotCategorical {
  override get has_rsample(): boolean { return true; }
  override rsample(sample_shape: SampleShape = []): Tensor {
    const samples = this.sample(sample_shape);
    const probs = this._categorical.probs;
    return E.add(samples, E.sub(probs, probs.detach()));
  }
}
scopeMembers(OneHotCategoricalStraightThrough, ['rsample']);
