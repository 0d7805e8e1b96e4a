// torch.distributions.transforms (torch/distributions/transforms.py): invertible maps with their
// log |det J|, domains and codomains. A transform is callable, `t(x)`, as in PyTorch; `t.inv` is its
// inverse (the same object each time while it lives), `cache_size: 1` remembers the last pair (x, y) so
// that inverting y gives back x itself.
import { Tensor, Size } from '../tensor.js';
import { float32 } from '../dtype.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { broadcastShapes } from '../ops/util.js';
import { softplus, logsigmoid } from '../nn/functional.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { formatSize } from '../print.js';
import * as constraints from './constraints.js';
import { scopeMembers } from './distribution.js';
import { scoped } from '../lifetime.js';
import { broadcast_all, _sum_rightmost, finfo, NotImplementedError, vec_to_tril_matrix, tril_matrix_to_vec, type Param } from './utils.js';
import { diagonal, diag_embed } from '../ops/extra.js';

type Shape = readonly number[];

const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);

function clippedSigmoid(x: Tensor): Tensor {
  return E.clamp(E.sigmoid(x), finfo.tiny, 1 - finfo.eps);
}

/** torch.atanh, as PyTorch's gradient 1 / (1 - y²) comes out of it: (log1p(y) - log1p(-y)) / 2. */
function atanh(y: Tensor): Tensor {
  return E.mul(E.sub(E.log1p(y), E.log1p(E.neg(y))), 0.5);
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Transform {
  /** `t(x)`: the forward map x => y (cached when cache_size is 1). */
  (x: Tensor): Tensor;
}

/**
 * The base of invertible transforms (`torch.distributions.transforms.Transform`): `t(x)`, `t.inv(y)`,
 * `log_abs_det_jacobian(x, y)`, `domain`/`codomain`, `bijective`, `sign`, `event_dim`, and shape maps.
 * Subclasses implement `_call` and `_inverse`.
 * @example const t = new ExpTransform(); t(torch.zeros(2)); t.inv(torch.ones(2))
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class Transform {
  declare _cache_size: number;
  declare _inv: WeakRef<Transform> | null;
  declare _cached_x_y: [Tensor | null, Tensor | null];

  constructor(cache_size: number | { cache_size?: number } = 0) {
    const fn = ((x: Tensor) => (fn as unknown as Transform)._forward(x)) as unknown as Record<string, unknown>;
    delete fn.name;
    delete fn.length;
    Object.setPrototypeOf(fn, new.target.prototype);
    const self = fn as unknown as Transform;
    const size = typeof cache_size === 'number' ? cache_size : bind(`${new.target.name}.__init__`, ['cache_size'], [], { cache_size: 0 }, [cache_size]).cache_size as number;
    if (size !== 0 && size !== 1) throw new RangeError('cache_size must be 0 or 1');
    self._cache_size = size;
    self._inv = null;
    self._cached_x_y = [null, null];
    return self;
  }

  get bijective(): boolean { return false; }
  get domain(): constraints.Constraint { throw new NotImplementedError(''); }
  get codomain(): constraints.Constraint { throw new NotImplementedError(''); }
  /** The event dims the transform acts on (domain and codomain must agree). */
  get event_dim(): number {
    if (this.domain.event_dim === this.codomain.event_dim) return this.domain.event_dim;
    throw new RangeError('Please use either .domain.event_dim or .codomain.event_dim');
  }
  /** The inverse transform; `t.inv.inv === t`. */
  get inv(): Transform {
    let inv = this._inv?.deref();
    if (!inv) {
      inv = new _InverseTransform(this);
      this._inv = new WeakRef(inv);
    }
    return inv;
  }
  /** The sign of the Jacobian's determinant (+1 or -1, or a tensor for AffineTransform with a tensor scale). */
  get sign(): number | Tensor { throw new NotImplementedError(''); }

  /** The same transform with another cache size. */
  with_cache(cache_size = 1): Transform {
    if (this._cache_size === cache_size) return this;
    const Cls = this.constructor as new (o: { cache_size: number }) => Transform;
    if (SIMPLE.has(Cls)) return new Cls({ cache_size });
    throw new NotImplementedError(`<class '${this.constructor.name}'>.with_cache is not implemented`);
  }

  /** PyTorch's `==`: identity, or the same kind (and parameters) for the parameter-free transforms. */
  equals(other: Transform): boolean { return this === other; }

  _forward(x: Tensor): Tensor {
    if (this._cache_size === 0) return this._call(x);
    const [x_old, y_old] = this._cached_x_y;
    if (x === x_old && y_old && !y_old._released) return y_old;
    const y = this._call(x);
    this._cached_x_y = [x, y];
    return y;
  }

  _inv_call(y: Tensor): Tensor {
    if (this._cache_size === 0) return this._inverse(y);
    const [x_old, y_old] = this._cached_x_y;
    if (y === y_old && x_old && !x_old._released) return x_old;
    const x = this._inverse(y);
    this._cached_x_y = [x, y];
    return x;
  }

  _call(x: Tensor): Tensor { void x; throw new NotImplementedError(''); }
  _inverse(y: Tensor): Tensor { void y; throw new NotImplementedError(''); }
  /** log |dy/dx| for input x and output y. */
  log_abs_det_jacobian(x: Tensor, y: Tensor): Tensor { void x; void y; throw new NotImplementedError(''); }
  /** The output shape for an input shape. */
  forward_shape(shape: Shape): number[] { return [...shape]; }
  /** The input shape for an output shape. */
  inverse_shape(shape: Shape): number[] { return [...shape]; }

  toString(): string { return `${this.constructor.name}()`; }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}

/** The inverse of a transform (`t.inv`): swaps call and inverse, domain and codomain, negates log |det J|. */
export class _InverseTransform extends Transform {
  declare _base: Transform;
  constructor(transform: Transform) {
    super(transform._cache_size);
    (this as _InverseTransform)._base = transform;
  }
  override get domain() { return this._base.codomain; }
  override get codomain() { return this._base.domain; }
  override get bijective() { return this._base.bijective; }
  override get sign() { return this._base.sign; }
  override get inv(): Transform { return this._base; }
  override with_cache(cache_size = 1): Transform { return this._base.with_cache(cache_size).inv; }
  override equals(other: Transform): boolean { return other instanceof _InverseTransform && this._base.equals(other._base); }
  override _forward(x: Tensor): Tensor { return this._base._inv_call(x); }
  override log_abs_det_jacobian(x: Tensor, y: Tensor): Tensor { return E.neg(this._base.log_abs_det_jacobian(y, x)); }
  override forward_shape(shape: Shape) { return this._base.inverse_shape(shape); }
  override inverse_shape(shape: Shape) { return this._base.forward_shape(shape); }
  override toString(): string { return `_InverseTransform(${this._base})`; }
}

const mulSign = (a: number | Tensor, b: number | Tensor): number | Tensor =>
  typeof a === 'number' && typeof b === 'number' ? a * b : E.mul(a instanceof Tensor ? a : b as Tensor, a instanceof Tensor ? b : a);

/**
 * A chain of transforms applied in order (`ComposeTransform([t1, t2])(x)` is t2(t1(x))); its
 * log |det J| sums the parts' over the event dims.
 * @example new ComposeTransform([new AffineTransform(0, 2), new ExpTransform()])
 */
export class ComposeTransform extends Transform {
  declare parts: Transform[];
  constructor(...args: Args<[parts: Transform[], cache_size: number], { parts?: Transform[]; cache_size?: number }>) {
    const a = bind('ComposeTransform.__init__', ['parts', 'cache_size'], [], { cache_size: 0 }, args as never) as { parts: Transform[]; cache_size: number };
    super(a.cache_size);
    (this as ComposeTransform).parts = a.cache_size ? a.parts.map((p) => p.with_cache(a.cache_size)) : a.parts;
  }
  override equals(other: Transform): boolean {
    return other instanceof ComposeTransform && other.parts.length === this.parts.length && this.parts.every((p, i) => p.equals(other.parts[i]));
  }
  override get domain(): constraints.Constraint {
    if (!this.parts.length) return constraints.real;
    let domain = this.parts[0].domain;
    let event_dim = this.parts[this.parts.length - 1].codomain.event_dim;
    for (const part of [...this.parts].reverse()) {
      event_dim += part.domain.event_dim - part.codomain.event_dim;
      event_dim = Math.max(event_dim, part.domain.event_dim);
    }
    if (event_dim > domain.event_dim) domain = constraints.independent(domain, event_dim - domain.event_dim);
    return domain;
  }
  override get codomain(): constraints.Constraint {
    if (!this.parts.length) return constraints.real;
    let codomain = this.parts[this.parts.length - 1].codomain;
    let event_dim = this.parts[0].domain.event_dim;
    for (const part of this.parts) {
      event_dim += part.codomain.event_dim - part.domain.event_dim;
      event_dim = Math.max(event_dim, part.codomain.event_dim);
    }
    if (event_dim > codomain.event_dim) codomain = constraints.independent(codomain, event_dim - codomain.event_dim);
    return codomain;
  }
  override get bijective(): boolean { return this.parts.every((p) => p.bijective); }
  override get sign(): number | Tensor { return this.parts.reduce<number | Tensor>((s, p) => mulSign(s, p.sign), 1); }
  override get inv(): Transform {
    let inv = this._inv?.deref();
    if (!inv) {
      inv = new ComposeTransform([...this.parts].reverse().map((p) => p.inv));
      this._inv = new WeakRef(inv);
      inv._inv = new WeakRef(this);
    }
    return inv;
  }
  override with_cache(cache_size = 1): Transform {
    return this._cache_size === cache_size ? this : new ComposeTransform(this.parts, cache_size);
  }
  override _forward(x: Tensor): Tensor {
    const run = () => {
      for (const part of this.parts) x = part(x);
      return x;
    };
    // with a cache, the parts keep the intermediate values (for the inverse), so they outlive the call
    return this._cache_size ? run() : scoped(run, 'the end of ComposeTransform (an internal temporary)');
  }
  override log_abs_det_jacobian(x: Tensor, y: Tensor): Tensor {
    if (!this.parts.length) return C.zeros_like(x);
    const xs = [x];
    for (const part of this.parts.slice(0, -1)) xs.push(part(xs[xs.length - 1]));
    xs.push(y);
    let event_dim = this.domain.event_dim;
    let total: Tensor | null = null;
    this.parts.forEach((part, i) => {
      const term = _sum_rightmost(part.log_abs_det_jacobian(xs[i], xs[i + 1]), event_dim - part.domain.event_dim);
      total = total ? E.add(total, term) : term;
      event_dim += part.codomain.event_dim - part.domain.event_dim;
    });
    return total!;
  }
  override forward_shape(shape: Shape): number[] {
    let s = [...shape];
    for (const part of this.parts) s = part.forward_shape(s);
    return s;
  }
  override inverse_shape(shape: Shape): number[] {
    let s = [...shape];
    for (const part of [...this.parts].reverse()) s = part.inverse_shape(s);
    return s;
  }
  override toString(): string { return `ComposeTransform(\n    ${this.parts.map(String).join(',\n    ')}\n)`; }
}

/** `ComposeTransform([])`: the identity. */
export const identity_transform = /*#__PURE__*/ new ComposeTransform([]);

/**
 * Treats `reinterpreted_batch_ndims` more rightmost dims of a transform as event dims: the map is the
 * same, log |det J| is summed over them.
 * @example new IndependentTransform(new ExpTransform(), 1)
 */
export class IndependentTransform extends Transform {
  declare base_transform: Transform;
  declare reinterpreted_batch_ndims: number;
  constructor(...args: Args<[base_transform: Transform, reinterpreted_batch_ndims: number, cache_size: number], { base_transform?: Transform; reinterpreted_batch_ndims?: number; cache_size?: number }>) {
    const a = bind('IndependentTransform.__init__', ['base_transform', 'reinterpreted_batch_ndims', 'cache_size'], [], { cache_size: 0 }, args as never) as
      { base_transform: Transform; reinterpreted_batch_ndims: number; cache_size: number };
    super(a.cache_size);
    const self = this as IndependentTransform;
    self.base_transform = a.base_transform.with_cache(a.cache_size);
    self.reinterpreted_batch_ndims = a.reinterpreted_batch_ndims;
  }
  override with_cache(cache_size = 1): Transform {
    return this._cache_size === cache_size ? this : new IndependentTransform(this.base_transform, this.reinterpreted_batch_ndims, cache_size);
  }
  override get domain() { return constraints.independent(this.base_transform.domain, this.reinterpreted_batch_ndims); }
  override get codomain() { return constraints.independent(this.base_transform.codomain, this.reinterpreted_batch_ndims); }
  override get bijective() { return this.base_transform.bijective; }
  override get sign() { return this.base_transform.sign; }
  override _call(x: Tensor): Tensor {
    if (x.dim() < this.domain.event_dim) throw new RangeError('Too few dimensions on input');
    return this.base_transform(x);
  }
  override _inverse(y: Tensor): Tensor {
    if (y.dim() < this.codomain.event_dim) throw new RangeError('Too few dimensions on input');
    return this.base_transform.inv(y);
  }
  override log_abs_det_jacobian(x: Tensor, y: Tensor): Tensor {
    return _sum_rightmost(this.base_transform.log_abs_det_jacobian(x, y), this.reinterpreted_batch_ndims);
  }
  override forward_shape(shape: Shape) { return this.base_transform.forward_shape(shape); }
  override inverse_shape(shape: Shape) { return this.base_transform.inverse_shape(shape); }
  override toString(): string { return `IndependentTransform(${this.base_transform}, ${this.reinterpreted_batch_ndims})`; }
}

/**
 * Reshapes the rightmost `in_shape` dims to `out_shape` (log |det J| = 0).
 * @example new ReshapeTransform([6], [2, 3])
 */
export class ReshapeTransform extends Transform {
  declare in_shape: number[];
  declare out_shape: number[];
  constructor(...args: Args<[in_shape: readonly number[], out_shape: readonly number[], cache_size: number], { in_shape?: readonly number[]; out_shape?: readonly number[]; cache_size?: number }>) {
    const a = bind('ReshapeTransform.__init__', ['in_shape', 'out_shape', 'cache_size'], [], { cache_size: 0 }, args as never) as
      { in_shape: number[]; out_shape: number[]; cache_size: number };
    const numel = (s: number[]) => s.reduce((p, d) => p * d, 1);
    if (numel([...a.in_shape]) !== numel([...a.out_shape])) throw new RangeError('in_shape, out_shape have different numbers of elements');
    super(a.cache_size);
    const self = this as ReshapeTransform;
    self.in_shape = [...a.in_shape];
    self.out_shape = [...a.out_shape];
  }
  override get bijective() { return true; }
  override get domain() { return constraints.independent(constraints.real, this.in_shape.length); }
  override get codomain() { return constraints.independent(constraints.real, this.out_shape.length); }
  override with_cache(cache_size = 1): Transform {
    return this._cache_size === cache_size ? this : new ReshapeTransform(this.in_shape, this.out_shape, cache_size);
  }
  override _call(x: Tensor): Tensor {
    return S.reshape(x, [...x._shape.slice(0, x.dim() - this.in_shape.length), ...this.out_shape]);
  }
  override _inverse(y: Tensor): Tensor {
    return S.reshape(y, [...y._shape.slice(0, y.dim() - this.out_shape.length), ...this.in_shape]);
  }
  override log_abs_det_jacobian(x: Tensor): Tensor {
    return C.zeros(x._shape.slice(0, x.dim() - this.in_shape.length), { dtype: x.dtype });
  }
  private _reshape(shape: Shape, from: number[], to: number[]): number[] {
    if (shape.length < from.length) throw new RangeError('Too few dimensions on input');
    const cut = shape.length - from.length;
    if (!sameShape(shape.slice(cut), from)) {
      // Python prints the slice of what it was given: a torch.Size, or a list
      const got = shape instanceof Size ? formatSize(shape.slice(cut)) : `[${shape.slice(cut).join(', ')}]`;
      throw new RangeError(`Shape mismatch: expected ${got} but got ${formatSize(from)}`);
    }
    return [...shape.slice(0, cut), ...to];
  }
  override forward_shape(shape: Shape) { return this._reshape(shape, this.in_shape, this.out_shape); }
  override inverse_shape(shape: Shape) { return this._reshape(shape, this.out_shape, this.in_shape); }
}

/**
 * y = exp(x).
 * @example new ExpTransform()(torch.zeros(2))  // tensor([1., 1.])
 */
export class ExpTransform extends Transform {
  override get domain() { return constraints.real; }
  override get codomain() { return constraints.positive; }
  override get bijective() { return true; }
  override get sign() { return 1; }
  override equals(other: Transform) { return other instanceof ExpTransform; }
  override _call(x: Tensor) { return E.exp(x); }
  override _inverse(y: Tensor) { return E.log(y); }
  override log_abs_det_jacobian(x: Tensor) { return x; }
}

/**
 * y = x ** exponent on the positive reals.
 * @example new PowerTransform(0.5)(torch.tensor([4.0]))  // tensor([2.])
 */
export class PowerTransform extends Transform {
  declare exponent: Tensor;
  constructor(...args: Args<[exponent: Param, cache_size: number], { exponent?: Param; cache_size?: number }>) {
    const a = bind('PowerTransform.__init__', ['exponent', 'cache_size'], [], { cache_size: 0 }, args as never) as { exponent: Param; cache_size: number };
    super(a.cache_size);
    [(this as PowerTransform).exponent] = broadcast_all(a.exponent);
  }
  override get domain() { return constraints.positive; }
  override get codomain() { return constraints.positive; }
  override get bijective() { return true; }
  override get sign() { return 1; }
  override with_cache(cache_size = 1): Transform {
    return this._cache_size === cache_size ? this : new PowerTransform(this.exponent, cache_size);
  }
  override equals(other: Transform) { return other instanceof PowerTransform && Boolean(R.all(E.eq(this.exponent, other.exponent)).item()); }
  override _call(x: Tensor) { return E.pow(x, this.exponent); }
  override _inverse(y: Tensor) { return E.pow(y, E.reciprocal(this.exponent)); }
  override log_abs_det_jacobian(x: Tensor, y: Tensor) { return E.log(E.abs(E.div(E.mul(this.exponent, y), x))); }
  override forward_shape(shape: Shape) { return broadcastShapes(shape, this.exponent._shape); }
  override inverse_shape(shape: Shape) { return broadcastShapes(shape, this.exponent._shape); }
}

/**
 * y = sigmoid(x) (clamped into [tiny, 1 - eps]), x = logit(y).
 * @example new SigmoidTransform()(torch.zeros(1))  // tensor([0.5000])
 */
export class SigmoidTransform extends Transform {
  override get domain() { return constraints.real; }
  override get codomain() { return constraints.unit_interval; }
  override get bijective() { return true; }
  override get sign() { return 1; }
  override equals(other: Transform) { return other instanceof SigmoidTransform; }
  override _call(x: Tensor) { return clippedSigmoid(x); }
  override _inverse(y: Tensor) {
    const c = E.clamp(y, finfo.tiny, 1 - finfo.eps);
    return E.sub(E.log(c), E.log1p(E.neg(c)));
  }
  override log_abs_det_jacobian(x: Tensor) { return E.sub(E.neg(softplus(E.neg(x))), softplus(x)); }
}

/**
 * y = tanh(x), onto (-1, 1).
 * @example new TanhTransform().inv(torch.tensor([0.5]))  // tensor([0.5493])
 */
export class TanhTransform extends Transform {
  override get domain() { return constraints.real; }
  override get codomain() { return constraints.interval(-1.0, 1.0); }
  override get bijective() { return true; }
  override get sign() { return 1; }
  override equals(other: Transform) { return other instanceof TanhTransform; }
  override _call(x: Tensor) { return E.tanh(x); }
  override _inverse(y: Tensor) { return atanh(y); }
  override log_abs_det_jacobian(x: Tensor) {
    // 2 (log 2 - x - softplus(-2x))
    return E.mul(E.sub(E.sub(E.asTensorLike(Math.log(2), x), x), softplus(E.mul(x, -2))), 2);
  }
}

/**
 * y = |x| (not bijective: the inverse is the identity on the positive reals).
 * @example new AbsTransform()(torch.tensor([-2.0]))  // tensor([2.])
 */
export class AbsTransform extends Transform {
  override get domain() { return constraints.real; }
  override get codomain() { return constraints.positive; }
  override equals(other: Transform) { return other instanceof AbsTransform; }
  override _call(x: Tensor) { return E.abs(x); }
  override _inverse(y: Tensor) { return y; }
}

/**
 * y = loc + scale * x (numbers or tensors), over `event_dim` event dims.
 * @example new AffineTransform(1, 2)(torch.zeros(2))  // tensor([1., 1.])
 */
export class AffineTransform extends Transform {
  declare loc: Param;
  declare scale: Param;
  declare _event_dim: number;
  constructor(...args: Args<[loc: Param, scale: Param, event_dim: number, cache_size: number], { loc?: Param; scale?: Param; event_dim?: number; cache_size?: number }>) {
    const a = bind('AffineTransform.__init__', ['loc', 'scale', 'event_dim', 'cache_size'], [], { event_dim: 0, cache_size: 0 }, args as never) as
      { loc: Param; scale: Param; event_dim: number; cache_size: number };
    super(a.cache_size);
    const self = this as AffineTransform;
    self.loc = a.loc;
    self.scale = a.scale;
    self._event_dim = a.event_dim;
  }
  override get event_dim() { return this._event_dim; }
  override get bijective() { return true; }
  override get domain() { return this.event_dim === 0 ? constraints.real : constraints.independent(constraints.real, this.event_dim); }
  override get codomain() { return this.domain; }
  override with_cache(cache_size = 1): Transform {
    return this._cache_size === cache_size ? this : new AffineTransform(this.loc, this.scale, this.event_dim, cache_size);
  }
  override equals(other: Transform): boolean {
    if (!(other instanceof AffineTransform)) return false;
    const same = (a: Param, b: Param) => (typeof a === 'number' && typeof b === 'number' ? a === b
      : Boolean(R.all(E.eq(a instanceof Tensor ? a : b as Tensor, a instanceof Tensor ? b : a)).item()));
    return same(this.loc, other.loc) && same(this.scale, other.scale);
  }
  override get sign(): number | Tensor {
    return typeof this.scale === 'number' ? Math.sign(this.scale) : E.sign(this.scale);
  }
  override _call(x: Tensor): Tensor {
    return typeof this.loc === 'number' ? E.add(E.mul(x, this.scale), this.loc) : E.add(this.loc, E.mul(x, this.scale));
  }
  override _inverse(y: Tensor): Tensor { return E.div(E.sub(y, this.loc), this.scale); }
  override log_abs_det_jacobian(x: Tensor): Tensor {
    let shape = x._shape.slice();
    let result = typeof this.scale === 'number' ? C.full_like(x, Math.log(Math.abs(this.scale))) : E.log(E.abs(this.scale));
    if (this.event_dim) {
      result = R.sum(S.reshape(result, [...result._shape.slice(0, result.dim() - this.event_dim), -1]), -1);
      shape = shape.slice(0, shape.length - this.event_dim);
    }
    return S.expand(result, shape);
  }
  private get _shapes(): number[][] {
    return [this.loc, this.scale].filter((v): v is Tensor => v instanceof Tensor).map((t) => t._shape);
  }
  override forward_shape(shape: Shape) { return this._shapes.reduce<number[]>((s, t) => broadcastShapes(s, t), [...shape]); }
  override inverse_shape(shape: Shape) { return this.forward_shape(shape); }
}

/**
 * From the reals to the simplex by exp and normalization over the last dim (not bijective).
 * @example new SoftmaxTransform()(torch.zeros(3))  // tensor([0.3333, 0.3333, 0.3333])
 */
export class SoftmaxTransform extends Transform {
  override get domain() { return constraints.real_vector; }
  override get codomain() { return constraints.simplex; }
  override equals(other: Transform) { return other instanceof SoftmaxTransform; }
  override _call(x: Tensor) {
    const probs = E.exp(E.sub(x, R.amax(x, -1, true)));
    return E.div(probs, R.sum(probs, -1, { keepdim: true }));
  }
  override _inverse(y: Tensor) { return E.log(y); }
  override forward_shape(shape: Shape) {
    if (shape.length < 1) throw new RangeError('Too few dimensions on input');
    return [...shape];
  }
  override inverse_shape(shape: Shape) { return this.forward_shape(shape); }
}

/**
 * From K-1 reals to the K-simplex by stick breaking (bijective; the Dirichlet's iterated sigmoid).
 * @example new StickBreakingTransform()(torch.zeros(2))  // tensor([0.3333, 0.3333, 0.3333])
 */
export class StickBreakingTransform extends Transform {
  override get domain() { return constraints.real_vector; }
  override get codomain() { return constraints.simplex; }
  override get bijective() { return true; }
  override equals(other: Transform) { return other instanceof StickBreakingTransform; }
  private static _logOffset(k: number, top: number): Tensor {
    return E.log(C.arange(top, top - k, -1, { dtype: float32 })); // PyTorch's offset: top, top - 1, ..., top - k + 1
  }
  override _call(x: Tensor): Tensor {
    const k = x._shape[x.dim() - 1];
    const z = clippedSigmoid(E.sub(x, StickBreakingTransform._logOffset(k, k)));
    const z_cumprod = R.cumprod(E.sub(E.asTensorLike(1, z), z), -1);
    const ones = C.ones([...z._shape.slice(0, -1), 1], { dtype: z.dtype });
    return E.mul(S.cat([z, ones], -1), S.cat([ones, z_cumprod], -1));
  }
  override _inverse(y: Tensor): Tensor {
    const k = y._shape[y.dim() - 1];
    const y_crop = S.narrow(y, -1, 0, k - 1);
    const sf = E.clamp(E.sub(E.asTensorLike(1, y_crop), R.cumsum(y_crop, -1)), finfo.tiny, null);
    return E.add(E.sub(E.log(y_crop), E.log(sf)), StickBreakingTransform._logOffset(k - 1, k - 1));
  }
  override log_abs_det_jacobian(x: Tensor, y: Tensor): Tensor {
    const k = x._shape[x.dim() - 1];
    const xo = E.sub(x, StickBreakingTransform._logOffset(k, k));
    return R.sum(E.add(E.add(E.neg(xo), logsigmoid(xo)), E.log(S.narrow(y, -1, 0, k))), -1);
  }
  override forward_shape(shape: Shape) {
    if (shape.length < 1) throw new RangeError('Too few dimensions on input');
    return [...shape.slice(0, -1), shape[shape.length - 1] + 1];
  }
  override inverse_shape(shape: Shape) {
    if (shape.length < 1) throw new RangeError('Too few dimensions on input');
    return [...shape.slice(0, -1), shape[shape.length - 1] - 1];
  }
}

/**
 * y = softplus(x) = log(1 + exp(x)) (linear above 20), onto the positive reals.
 * @example new SoftplusTransform().inv(torch.tensor([1.0]))  // tensor([0.5413])
 */
export class SoftplusTransform extends Transform {
  override get domain() { return constraints.real; }
  override get codomain() { return constraints.positive; }
  override get bijective() { return true; }
  override get sign() { return 1; }
  override equals(other: Transform) { return other instanceof SoftplusTransform; }
  override _call(x: Tensor) { return softplus(x); }
  override _inverse(y: Tensor) { return E.add(E.log(E.neg(E.expm1(E.neg(y)))), y); }
  override log_abs_det_jacobian(x: Tensor) { return E.neg(softplus(E.neg(x))); }
}

/**
 * From unconstrained square matrices to lower-triangular ones with a positive diagonal: the strict lower
 * triangle kept, the diagonal exponentiated (not bijective onto all matrices; no log |det J|).
 * @example new LowerCholeskyTransform()(torch.zeros(2, 2))  // tensor([[1., 0.], [0., 1.]])
 */
export class LowerCholeskyTransform extends Transform {
  override get domain() { return constraints.independent(constraints.real, 2); }
  override get codomain() { return constraints.lower_cholesky; }
  override equals(other: Transform) { return other instanceof LowerCholeskyTransform; }
  override _call(x: Tensor) { return E.add(S.tril(x, -1), diag_embed(E.exp(diagonal(x, 0, -2, -1)), 0, -2, -1)); }
  override _inverse(y: Tensor) { return E.add(S.tril(y, -1), diag_embed(E.log(diagonal(y, 0, -2, -1)), 0, -2, -1)); }
}

/** [1, t[..., :-1]] along the last dim (PyTorch's pad(t[..., :-1], [1, 0], value=1)). */
function shiftRightOnes(t: Tensor): Tensor {
  const n = t._shape[t.dim() - 1];
  return S.cat([C.ones([...t._shape.slice(0, -1), 1], { dtype: t.dtype }), S.narrow(t, -1, 0, n - 1)], -1);
}

/**
 * From D(D - 1)/2 reals to the Cholesky factor of a D×D correlation matrix: tanh into (-1, 1), placed in
 * the strict lower triangle row by row, each row made of unit norm by a signed stick breaking. log |det J|
 * is that of x and the flattened strict lower triangle of y.
 * @example new CorrCholeskyTransform()(torch.zeros(3))  // the 3×3 identity
 */
export class CorrCholeskyTransform extends Transform {
  override get domain() { return constraints.real_vector; }
  override get codomain() { return constraints.corr_cholesky; }
  override get bijective() { return true; }
  override _call(x: Tensor): Tensor {
    const t = E.clamp(E.tanh(x), -1 + finfo.eps, 1 - finfo.eps);
    const r = vec_to_tril_matrix(t, -1);
    // y = sign(r) sqrt(z · cumprod(1 - z)) = r · sqrt(cumprod(1 - z)) shifted, with z = r²
    const z1m_cumprod_sqrt = R.cumprod(E.sqrt(E.sub(E.asTensorLike(1, r), E.pow(r, 2))), -1);
    const rd = E.add(r, C.eye(r._shape[r.dim() - 1], { dtype: r.dtype }));
    return E.mul(rd, shiftRightOnes(z1m_cumprod_sqrt));
  }
  override _inverse(y: Tensor): Tensor {
    const y_cumsum = E.sub(E.asTensorLike(1, y), R.cumsum(E.mul(y, y), -1));
    const y_vec = tril_matrix_to_vec(y, -1);
    const y_cumsum_vec = tril_matrix_to_vec(shiftRightOnes(y_cumsum), -1);
    const t = E.div(y_vec, E.sqrt(y_cumsum_vec));
    return E.div(E.log(E.div(E.add(t, 1), E.sub(E.asTensorLike(1, t), t))), 2); // atanh
  }
  override log_abs_det_jacobian(x: Tensor, y: Tensor): Tensor {
    const y1m_cumsum = E.sub(E.asTensorLike(1, y), R.cumsum(E.mul(y, y), -1));
    // diagonal -2 takes cumprod(1 - z) already shifted right (and works for 2×2)
    const stick_breaking_logdet = E.mul(R.sum(E.log(tril_matrix_to_vec(y1m_cumsum, -2)), -1), 0.5);
    const tanh_logdet = E.mul(R.sum(E.sub(E.add(x, softplus(E.mul(x, -2))), Math.log(2)), -1), -2);
    return E.add(stick_breaking_logdet, tanh_logdet);
  }
  override forward_shape(shape: Shape): number[] {
    if (shape.length < 1) throw new RangeError('Too few dimensions on input');
    const N = shape[shape.length - 1];
    const D = Math.round((0.25 + 2 * N) ** 0.5 + 0.5);
    if ((D * (D - 1)) / 2 !== N) throw new RangeError('Input is not a flattend lower-diagonal number');
    return [...shape.slice(0, -1), D, D];
  }
  override inverse_shape(shape: Shape): number[] {
    if (shape.length < 2) throw new RangeError('Too few dimensions on input');
    if (shape[shape.length - 2] !== shape[shape.length - 1]) throw new RangeError('Input is not square');
    const D = shape[shape.length - 1];
    return [...shape.slice(0, -2), (D * (D - 1)) / 2];
  }
}

/** PyTorch's `assert` (an AssertionError without a message). */
function check(ok: boolean): void {
  if (!ok) throw new Error('');
}
const inRange = (dim: number, t: Tensor) => -t.dim() <= dim && dim < t.dim();
const sizeAt = (t: Tensor, dim: number) => t._shape[dim < 0 ? t.dim() + dim : dim];

/**
 * Transforms applied to consecutive slices of `dim` (of `lengths`, 1 each by default), as torch.cat
 * joins them: `new CatTransform([new ExpTransform(), identity_transform], 0, [2, 3])`.
 */
export class CatTransform extends Transform {
  declare transforms: Transform[];
  declare lengths: number[];
  declare dim: number;
  constructor(...args: Args<[tseq: Transform[], dim: number, lengths: number[] | null, cache_size: number],
    { tseq?: Transform[]; dim?: number; lengths?: number[] | null; cache_size?: number }>) {
    const a = bind('CatTransform.__init__', ['tseq', 'dim', 'lengths', 'cache_size'], [], { dim: 0, lengths: null, cache_size: 0 }, args as never) as
      { tseq: Transform[]; dim: number; lengths: number[] | null; cache_size: number };
    check(a.tseq.every((t) => t instanceof Transform));
    super(a.cache_size);
    const self = this as CatTransform;
    self.transforms = a.cache_size ? a.tseq.map((t) => t.with_cache(a.cache_size)) : [...a.tseq];
    self.lengths = a.lengths ? [...a.lengths] : self.transforms.map(() => 1);
    check(self.lengths.length === self.transforms.length);
    self.dim = a.dim;
  }
  override get event_dim(): number { return Math.max(...this.transforms.map((t) => t.event_dim)); }
  override get length(): number { return this.lengths.reduce((s, n) => s + n, 0); }
  override with_cache(cache_size = 1): Transform {
    return this._cache_size === cache_size ? this : new CatTransform(this.transforms, this.dim, this.lengths, cache_size);
  }
  private _map(v: Tensor, f: (t: Transform, slice: Tensor) => Tensor): Tensor {
    check(inRange(this.dim, v));
    check(sizeAt(v, this.dim) === this.length);
    let start = 0;
    return S.cat(this.transforms.map((t, i) => {
      const slice = S.narrow(v, this.dim, start, this.lengths[i]);
      start += this.lengths[i];
      return f(t, slice);
    }), this.dim);
  }
  override _call(x: Tensor): Tensor { return this._map(x, (t, s) => t(s)); }
  override _inverse(y: Tensor): Tensor { return this._map(y, (t, s) => t.inv(s)); }
  override log_abs_det_jacobian(x: Tensor, y: Tensor): Tensor {
    check(inRange(this.dim, x) && sizeAt(x, this.dim) === this.length);
    check(inRange(this.dim, y) && sizeAt(y, this.dim) === this.length);
    const event_dim = this.event_dim;
    let start = 0;
    const parts = this.transforms.map((t, i) => {
      const n = this.lengths[i];
      let l = t.log_abs_det_jacobian(S.narrow(x, this.dim, start, n), S.narrow(y, this.dim, start, n));
      if (t.event_dim < event_dim) l = _sum_rightmost(l, event_dim - t.event_dim);
      start += n;
      return l;
    });
    // concatenated where dim is a batch dim of the result, summed where it is an event dim
    const dim = (this.dim >= 0 ? this.dim - x.dim() : this.dim) + event_dim;
    return dim < 0 ? S.cat(parts, dim) : parts.reduce((s, l) => E.add(s, l));
  }
  override get bijective(): boolean { return this.transforms.every((t) => t.bijective); }
  override get domain() { return constraints.cat(this.transforms.map((t) => t.domain), this.dim, this.lengths); }
  override get codomain() { return constraints.cat(this.transforms.map((t) => t.codomain), this.dim, this.lengths); }
}

/**
 * Transforms applied to the entries of `dim`, as torch.stack joins them:
 * `new StackTransform([new ExpTransform(), identity_transform], 1)`.
 */
export class StackTransform extends Transform {
  declare transforms: Transform[];
  declare dim: number;
  constructor(...args: Args<[tseq: Transform[], dim: number, cache_size: number], { tseq?: Transform[]; dim?: number; cache_size?: number }>) {
    const a = bind('StackTransform.__init__', ['tseq', 'dim', 'cache_size'], [], { dim: 0, cache_size: 0 }, args as never) as
      { tseq: Transform[]; dim: number; cache_size: number };
    check(a.tseq.every((t) => t instanceof Transform));
    super(a.cache_size);
    const self = this as StackTransform;
    self.transforms = a.cache_size ? a.tseq.map((t) => t.with_cache(a.cache_size)) : [...a.tseq];
    self.dim = a.dim;
  }
  override with_cache(cache_size = 1): Transform {
    return this._cache_size === cache_size ? this : new StackTransform(this.transforms, this.dim, cache_size);
  }
  private _slices(z: Tensor): Tensor[] {
    return Array.from({ length: sizeAt(z, this.dim) }, (_, i) => S.select(z, this.dim, i));
  }
  private _map(v: Tensor, f: (t: Transform, slice: Tensor) => Tensor): Tensor {
    check(inRange(this.dim, v));
    check(sizeAt(v, this.dim) === this.transforms.length);
    return S.stack(this._slices(v).map((s, i) => f(this.transforms[i], s)), this.dim);
  }
  override _call(x: Tensor): Tensor { return this._map(x, (t, s) => t(s)); }
  override _inverse(y: Tensor): Tensor { return this._map(y, (t, s) => t.inv(s)); }
  override log_abs_det_jacobian(x: Tensor, y: Tensor): Tensor {
    check(inRange(this.dim, x) && sizeAt(x, this.dim) === this.transforms.length);
    check(inRange(this.dim, y) && sizeAt(y, this.dim) === this.transforms.length);
    const ys = this._slices(y);
    return S.stack(this._slices(x).map((xs, i) => this.transforms[i].log_abs_det_jacobian(xs, ys[i])), this.dim);
  }
  override get bijective(): boolean { return this.transforms.every((t) => t.bijective); }
  override get domain() { return constraints.stack(this.transforms.map((t) => t.domain), this.dim); }
  override get codomain() { return constraints.stack(this.transforms.map((t) => t.codomain), this.dim); }
}

/** What CumulativeDistributionTransform needs of a distribution. */
interface HasCdf { support: constraints.Constraint; cdf(x: Tensor): Tensor; icdf(y: Tensor): Tensor; log_prob(x: Tensor): Tensor }

/**
 * y = distribution.cdf(x), onto [0, 1] (a Gaussian copula: `new CumulativeDistributionTransform(new Normal(0, 1))`
 * on a MultivariateNormal); log |det J| is the distribution's log_prob.
 */
export class CumulativeDistributionTransform extends Transform {
  declare distribution: HasCdf;
  constructor(...args: Args<[distribution: HasCdf, cache_size: number], { distribution?: HasCdf; cache_size?: number }>) {
    const a = bind('CumulativeDistributionTransform.__init__', ['distribution', 'cache_size'], [], { cache_size: 0 }, args as never) as
      { distribution: HasCdf; cache_size: number };
    super(a.cache_size);
    (this as CumulativeDistributionTransform).distribution = a.distribution;
  }
  override get domain() { return this.distribution.support; }
  override get codomain() { return constraints.unit_interval; }
  override get bijective() { return true; }
  override get sign() { return 1; }
  override with_cache(cache_size = 1): Transform {
    return this._cache_size === cache_size ? this : new CumulativeDistributionTransform(this.distribution, cache_size);
  }
  override _call(x: Tensor) { return this.distribution.cdf(x); }
  override _inverse(y: Tensor) { return this.distribution.icdf(y); }
  override log_abs_det_jacobian(x: Tensor) { return this.distribution.log_prob(x); }
}

/** The transforms whose only argument is cache_size (Transform.with_cache makes a new one). */
const SIMPLE = new Set<unknown>([ExpTransform, SigmoidTransform, TanhTransform, AbsTransform, SoftmaxTransform, StickBreakingTransform,
  SoftplusTransform, LowerCholeskyTransform, CorrCholeskyTransform]);

// A transform's temporaries are released when it returns (its output kept), as a distribution's are.
scopeMembers(Transform, ['_forward', '_inv_call', 'log_abs_det_jacobian']);
scopeMembers(ComposeTransform, ['log_abs_det_jacobian']);
for (const cls of [_InverseTransform, IndependentTransform, ReshapeTransform, ExpTransform, PowerTransform, SigmoidTransform,
  TanhTransform, AbsTransform, AffineTransform, SoftmaxTransform, StickBreakingTransform, SoftplusTransform, LowerCholeskyTransform,
  CorrCholeskyTransform, CatTransform, StackTransform, CumulativeDistributionTransform]) {
  scopeMembers(cls, ['_forward', 'log_abs_det_jacobian']);
}
