// torch.distributions.Distribution, after torch/distributions/distribution.py: batch and event
// shapes, argument validation with PyTorch's messages, sample = no_grad(rsample), and the repr.
import { Tensor, Size } from '../tensor.js';
import { no_grad, enable_grad, runBackward } from '../autograd.js';
import { scoped, currentScope, adopt, type Scope } from '../lifetime.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import { formatSize } from '../print.js';
import { Constraint, is_dependent, fmtBound } from './constraints.js';
import { NotImplementedError, pyTuple, broadcast_all, logits_to_probs, probs_to_logits, type Param } from './utils.js';

/** A sample shape: `[]`, `[5]`, `[2, 3]` or a torch.Size. */
export type SampleShape = readonly number[];

function checkShape(s: unknown): number[] {
  if (!Array.isArray(s)) {
    throw new TypeError(`'${typeof s === 'number' ? (Number.isInteger(s) ? 'int' : 'float') : typeof s}' object is not iterable`);
  }
  for (const d of s) {
    if (!Number.isInteger(d)) throw new TypeError(`torch.Size() takes an iterable of 'int' (item ${s.indexOf(d)} is '${typeof d}')`);
  }
  return [...s];
}

/** Whether every element of a bool tensor is true. */
export function allTrue(t: Tensor): boolean {
  return t.numel() === 0 || Boolean(t.all().item());
}

/** A parameter as PyTorch's repr and messages format it: a one-element tensor by value, else its size. */
function fmtParam(t: Tensor): string {
  return t.numel() === 1 ? fmtBound(t) : formatSize(t._shape);
}

/** What `f'{value}'` prints for a tensor: a 0-d tensor's value, else the tensor. */
export function fmtValue(t: Tensor): string {
  return t._shape.length === 0 ? fmtBound(t) : t.toString();
}

/**
 * The base class of probability distributions (`torch.distributions.Distribution`).
 *
 * Subclasses set their parameters, then call `this._init(batch_shape, event_shape, validate_args)`
 * (PyTorch's `super().__init__(...)`), which checks the parameters against `arg_constraints` when
 * validation is on (the default, as in PyTorch; `Distribution.set_default_validate_args(false)`).
 * @example const d = new Normal(0, 1); d.sample([3]); d.log_prob(torch.tensor(0.5))
 */
export abstract class Distribution {
  private static _default_validate_args = true;

  /** Turns argument and sample validation on or off for distributions without `validate_args`. */
  static set_default_validate_args(value: boolean): void {
    if (value !== true && value !== false) throw new RangeError('');
    Distribution._default_validate_args = value;
  }

  _batch_shape: number[] = [];
  _event_shape: number[] = [];
  private _validate_own: boolean | null = null;
  /** The scope the distribution's tensors were made in: values it computes lazily and caches join it. */
  _home: Scope | null = currentScope();

  /** `Distribution(batch_shape, event_shape, validate_args)`; subclasses with parameters call `_init` once they are set. */
  constructor(batch_shape?: SampleShape, event_shape?: SampleShape, validate_args: boolean | null = null) {
    if (batch_shape !== undefined || event_shape !== undefined) this._init(batch_shape ?? [], event_shape ?? [], validate_args);
  }

  /** PyTorch's `Distribution.__init__`: sets the shapes and validates the parameters. */
  _init(batch_shape: SampleShape, event_shape: SampleShape = [], validate_args: boolean | null = null): void {
    this._batch_shape = checkShape(batch_shape);
    this._event_shape = checkShape(event_shape);
    this._home = currentScope();
    if (validate_args !== null) this._validate_args = validate_args;
    if (!this._validate_args) return;
    let checks: Record<string, Constraint>;
    try {
      checks = this.arg_constraints;
    } catch (e) {
      if (!(e instanceof NotImplementedError)) throw e;
      checks = {};
      console.warn(`<class '${this.constructor.name}'> does not define \`arg_constraints\`. Please set \`arg_constraints = {}\` ` +
        'or initialize the distribution with `validate_args=False` to turn off validation.');
    }
    scoped(() => {
      for (const [param, constraint] of Object.entries(checks)) {
        if (is_dependent(constraint)) continue; // cannot be checked
        if (this._lazyUnset(param)) continue; // lazily-constructed, not yet computed
        const value = (this as unknown as Record<string, Tensor>)[param];
        if (!allTrue(constraint.check(value))) {
          throw new RangeError(`Expected parameter ${param} (${value.constructor.name} of shape ${pyTuple(value._shape)}) ` +
            `of distribution ${this} to satisfy the constraint ${constraint}, but found invalid values:\n${fmtValue(value)}`);
        }
      }
    }, 'the end of a distribution\'s argument check');
  }

  /** Whether validation is on for this distribution (its own setting, else the default). */
  get _validate_args(): boolean {
    return this._validate_own ?? Distribution._default_validate_args;
  }
  set _validate_args(v: boolean) {
    this._validate_own = v;
  }

  /** Whether the parameter is set (given, or computed already when it is lazy): PyTorch's `k in self.__dict__`. */
  _has(param: string): boolean {
    return Object.prototype.hasOwnProperty.call(this, param);
  }

  /** Whether param is computed lazily (Categorical's probs from logits) and not computed yet: validation skips it. */
  _lazyUnset(param: string): boolean {
    void param;
    return false;
  }

  /** Caches a lazily computed parameter with the distribution's own tensors (see `_home`). */
  protected _keepLazy(t: Tensor): Tensor {
    return adopt(t, this._home);
  }

  /** The shape over which parameters are batched. */
  get batch_shape(): Size { return Size.of2(this._batch_shape); }
  /** The shape of a single sample (without batching). */
  get event_shape(): Size { return Size.of2(this._event_shape); }
  /** The constraint each parameter must satisfy. */
  get arg_constraints(): Record<string, Constraint> { throw new NotImplementedError(''); }
  /** The constraint samples satisfy. */
  get support(): Constraint { throw new NotImplementedError(''); }
  get has_rsample(): boolean { return false; }
  get has_enumerate_support(): boolean { return false; }

  get mean(): Tensor { throw new NotImplementedError(''); }
  get mode(): Tensor {
    const cls = this.constructor as { name: string; _pyModule?: string };
    const name = cls._pyModule ? `torch.distributions.${cls._pyModule}.${cls.name}` : cls.name;
    throw new NotImplementedError(`<class '${name}'> does not implement mode`);
  }
  get variance(): Tensor { throw new NotImplementedError(''); }
  get stddev(): Tensor { return E.sqrt(this.variance); }

  /** A new distribution with batch dims expanded to batch_shape (parameters are expanded views). */
  expand(batch_shape: SampleShape, _instance?: Distribution): Distribution {
    void batch_shape; void _instance;
    throw new NotImplementedError('');
  }

  /** Samples of shape sample_shape + batch_shape + event_shape, without gradient. */
  sample(sample_shape: SampleShape = []): Tensor {
    return no_grad(() => this.rsample(sample_shape));
  }

  /** Reparameterized samples: differentiable with respect to the parameters. */
  rsample(sample_shape: SampleShape = []): Tensor {
    void sample_shape;
    throw new NotImplementedError('');
  }

  /** `sample([n])` (deprecated in PyTorch). */
  sample_n(n: number): Tensor {
    console.warn('sample_n will be deprecated. Use .sample((n,)) instead');
    return this.sample([n]);
  }

  /** Log of the density or mass function at value. */
  log_prob(value: Tensor): Tensor { void value; throw new NotImplementedError(''); }
  /** Cumulative distribution function at value. */
  cdf(value: Tensor): Tensor { void value; throw new NotImplementedError(''); }
  /** Inverse cumulative distribution function at value. */
  icdf(value: Tensor): Tensor { void value; throw new NotImplementedError(''); }
  /** Every value of a discrete support, along dim 0. */
  enumerate_support(expand = true): Tensor { void expand; throw new NotImplementedError(''); }
  /** Entropy, batched over batch_shape. */
  entropy(): Tensor { throw new NotImplementedError(''); }
  /** exp(entropy). */
  perplexity(): Tensor { return E.exp(this.entropy()); }

  /** sample_shape + batch_shape + event_shape. */
  _extended_shape(sample_shape: SampleShape = []): number[] {
    return [...checkShape(sample_shape), ...this._batch_shape, ...this._event_shape];
  }

  /** Checks a value given to log_prob / cdf: its shape against batch and event shapes, its values against the support. */
  _validate_sample(value: Tensor): void {
    if (!(value instanceof Tensor)) throw new RangeError('The value argument to log_prob must be a Tensor');
    const actual = value._shape;
    const event = this._event_shape;
    const tail = actual.slice(actual.length - event.length); // Python's size()[start:], start may be negative
    if (tail.length !== event.length || tail.some((d, i) => d !== event[i])) {
      throw new RangeError(`The right-most size of value must match event_shape: ${formatSize(actual)} vs ${formatSize(event)}.`);
    }
    const expected = [...this._batch_shape, ...event];
    for (let k = 1; k <= Math.min(actual.length, expected.length); k++) {
      const i = actual[actual.length - k];
      const j = expected[expected.length - k];
      if (i !== 1 && j !== 1 && i !== j) {
        throw new RangeError(`Value is not broadcastable with batch_shape+event_shape: ${formatSize(actual)} vs ${formatSize(expected)}.`);
      }
    }
    let support: Constraint;
    try {
      support = this.support;
    } catch (e) {
      if (!(e instanceof NotImplementedError)) throw e;
      console.warn(`<class '${this.constructor.name}'> does not define \`support\` to enable sample validation. ` +
        'Please initialize the distribution with `validate_args=False` to turn off validation.');
      return;
    }
    scoped(() => {
      if (!allTrue(support.check(value))) {
        throw new RangeError(`Expected value argument (${value.constructor.name} of shape ${pyTuple(value._shape)}) ` +
          `to be within the support (${support}) of the distribution ${this}, but found invalid values:\n${fmtValue(value)}`);
      }
    }, 'the end of a distribution\'s sample check');
  }

  /** PyTorch's repr: `Normal(loc: 0.0, scale: 1.0)`, `Categorical(logits: torch.Size([2, 3]))`. */
  toString(): string {
    let names: string[] = [];
    try {
      names = Object.keys(this.arg_constraints).filter((k) => this._has(k));
    } catch (e) {
      if (!(e instanceof NotImplementedError)) throw e;
    }
    const rec = this as unknown as Record<string, Tensor>;
    return `${this.constructor.name}(${names.map((k) => `${k}: ${fmtParam(rec[k])}`).join(', ')})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/**
 * Runs each listed method and getter of a distribution class in a scope, so the temporaries of
 * log_prob, entropy, sample, ... are released when it returns (what it returns is kept), as
 * nn.functional's composites do.
 */
export function scopeMembers(cls: { prototype: object; name: string }, names: readonly string[]): void {
  const proto = cls.prototype as Record<string, unknown>;
  for (const k of names) {
    const d = Object.getOwnPropertyDescriptor(proto, k);
    if (!d) continue;
    const reason = `the end of ${cls.name}.${k} (an internal temporary)`;
    if (d.get) {
      const get = d.get;
      Object.defineProperty(proto, k, { ...d, get(this: unknown) { return scoped(() => get.call(this), reason); } });
    } else if (typeof d.value === 'function') {
      const f = d.value as (...a: unknown[]) => unknown;
      Object.defineProperty(proto, k, { ...d, value: function (this: unknown, ...a: unknown[]) { return scoped(() => f.apply(this, a), reason); } });
    }
  }
}

/** The members `scopeMembers` wraps when they are a class's own. */
export const SCOPED = [
  'mean', 'mode', 'variance', 'stddev', 'sample', 'rsample', 'log_prob', 'cdf', 'icdf', 'entropy', 'enumerate_support', 'perplexity',
] as const;

/** A family parameterized by `loc` and `scale` (Normal, Cauchy, Laplace). */
interface LocScale extends Distribution { loc: Tensor; scale: Tensor }

/** `__init__` of a loc-scale family: both broadcast together; batch shape () when both are numbers. */
export function initLocScale(d: LocScale, loc: Param, scale: Param, validate_args: boolean | null): void {
  [d.loc, d.scale] = broadcast_all(loc, scale);
  d._init(typeof loc === 'number' && typeof scale === 'number' ? [] : d.loc._shape.slice(), [], validate_args);
}

/** `expand` of a loc-scale family. */
export function expandLocScale<T extends LocScale>(d: T, batch_shape: SampleShape, _instance?: T): T {
  const n = _instance ?? Object.create(Object.getPrototypeOf(d)) as T;
  n.loc = S.expand(d.loc, batch_shape);
  n.scale = S.expand(d.scale, batch_shape);
  n._init(batch_shape, [], false);
  n._validate_args = d._validate_args;
  return n;
}

/** PyTorch's error when both or neither of probs and logits are given. */
export function eitherOr(probs: unknown, logits: unknown): void {
  if ((probs == null) === (logits == null)) throw new RangeError('Either `probs` or `logits` must be specified, but not both.');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's constructor type must take any[]
type AbstractCtor<T> = abstract new (...args: any[]) => T;

/** What `ProbsOrLogits` adds (named, so the declarations tsc emits for its users need no anonymous class). */
export interface ProbsLogits {
  _probs?: Tensor;
  _logits?: Tensor;
  _param: Tensor;
  readonly probs: Tensor;
  readonly logits: Tensor;
  _setParam(probs_given: boolean, p: Tensor): void;
  _initParam(probs: Param | null, logits: Param | null, validate_args: boolean | null): void;
  _expandParams(from: ProbsLogits, param_shape: SampleShape): void;
}

/**
 * `Base` with probs / logits given as one of the two, the other computed on first use and kept
 * (PyTorch's lazy_property): sigmoid / log-odds when `is_binary`, else softmax / log over the last dim.
 * Bernoulli, Categorical, Geometric, Binomial, NegativeBinomial and LogitRelaxedBernoulli share it.
 */
export function ProbsOrLogits<B extends AbstractCtor<Distribution>>(Base: B, is_binary: boolean): B & AbstractCtor<ProbsLogits> {
  abstract class ProbsOrLogits extends Base {
    _probs?: Tensor;
    _logits?: Tensor;
    /** The one given (logits after an expand of both): its shape is `param_shape`. */
    _param!: Tensor;
    /** Probabilities (computed from logits on first use, then kept). */
    get probs(): Tensor {
      this._probs ??= this._keepLazy(enable_grad(() => logits_to_probs(this._logits!, is_binary)));
      return this._probs;
    }
    /** Log-odds, or log-probabilities (computed from probs on first use, then kept). */
    get logits(): Tensor {
      this._logits ??= this._keepLazy(enable_grad(() => probs_to_logits(this._probs!, is_binary)));
      return this._logits;
    }
    override _has(param: string): boolean {
      if (param === 'probs') return this._probs !== undefined;
      if (param === 'logits') return this._logits !== undefined;
      return super._has(param);
    }
    override _lazyUnset(param: string): boolean { return (param === 'probs' || param === 'logits') && !this._has(param); }
    /** Keeps `p` (the given parameter, broadcast) as probs or logits, as `self.probs, = broadcast_all(probs)`. */
    _setParam(probs_given: boolean, p: Tensor): void {
      if (probs_given) this._probs = p;
      else this._logits = p;
      this._param = p;
    }
    /** `__init__` with probs or logits (one of them) alone: the batch shape is theirs, () for a number. */
    _initParam(probs: Param | null, logits: Param | null, validate_args: boolean | null): void {
      eitherOr(probs, logits);
      const given = probs ?? logits!;
      const [p] = broadcast_all(given);
      this._setParam(probs != null, p);
      this._init(typeof given === 'number' ? [] : p._shape.slice(), [], validate_args);
    }
    /** Sets probs and logits (those `from` has) expanded to `param_shape`. */
    _expandParams(from: ProbsLogits, param_shape: SampleShape): void {
      if (from._probs) this._param = this._probs = S.expand(from._probs, param_shape);
      if (from._logits) this._param = this._logits = S.expand(from._logits, param_shape);
    }
  }
  scopeMembers(ProbsOrLogits, ['probs', 'logits']);
  return ProbsOrLogits;
}

/**
 * Exponential-family distributions (`torch.distributions.ExponentialFamily`): natural parameters, log
 * normalizer and carrier measure give a generic entropy (and KL divergence between two of one family)
 * through autograd, as PyTorch's Bregman-divergence forms. The families here override entropy.
 */
export abstract class ExponentialFamily extends Distribution {
  get _natural_params(): Tensor[] { throw new NotImplementedError(''); }
  _log_normalizer(...natural_params: Tensor[]): Tensor { void natural_params; throw new NotImplementedError(''); }
  get _mean_carrier_measure(): number { throw new NotImplementedError(''); }

  override entropy(): Tensor {
    return scoped(() => {
      let result: Tensor | number = -this._mean_carrier_measure;
      const nparams = this._natural_params.map((p) => p.detach().requires_grad_());
      const lg = this._log_normalizer(...nparams);
      const grads = enable_grad(() => runBackward([R.sum(lg)], [null], { create_graph: true }, nparams, false));
      let r = E.add(lg, result);
      nparams.forEach((np, i) => {
        r = E.sub(r, R.sum(S.reshape(E.mul(np, grads[i]!), [...this._batch_shape, -1]), -1));
      });
      result = r;
      return result;
    }, 'the end of ExponentialFamily.entropy (an internal temporary)');
  }
}
