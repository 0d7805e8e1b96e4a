// torch.distributions.constraints: the regions a parameter or a sample must lie in, after
// torch/distributions/constraints.py. `check(value)` gives a bool tensor of sample_shape + batch_shape
// (the rightmost `event_dim` dims reduced); `String(c)` is PyTorch's repr (`GreaterThan(lower_bound=0.0)`).
import { Tensor } from '../tensor.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import { pyNum } from '../optim/optimizer.js';
import { cholesky_ex, eigvalsh } from '../ops/decomp.js';
import { diagonal } from '../ops/extra.js';
import * as C from '../ops/create.js';
import { finfo } from './utils.js';

/** A bound as PyTorch's format() shows it: a number as Python prints a float (or an int), a 0-d tensor as its value. */
export function fmtBound(v: number | Tensor, asFloat = true): string {
  if (typeof v === 'number') return pyNum(v, asFloat);
  if (v._shape.length === 0) return pyNum(Number(v.item()), v.dtype.name === 'float32');
  return v.toString();
}

const allOf = (t: Tensor): boolean => t.numel() === 0 || Boolean(R.all(t).item());

const lt = (a: number | Tensor, b: number | Tensor): Tensor =>
  typeof a === 'number' ? E.gt(b as Tensor, a) : E.lt(a, b);
const le = (a: number | Tensor, b: number | Tensor): Tensor =>
  typeof a === 'number' ? E.ge(b as Tensor, a) : E.le(a, b);

/** A constraint: `is_discrete`, `event_dim` and `check(value)`. */
export abstract class Constraint {
  get is_discrete(): boolean { return false; }
  get event_dim(): number { return 0; }
  /** A bool tensor: whether each event of value satisfies the constraint. */
  abstract check(value: Tensor): Tensor;
  /** PyTorch's class name without the leading underscore. */
  protected get _name(): string { return this.constructor.name.replace(/^_/, ''); }
  toString(): string { return `${this._name}()`; }
}

/** Placeholder for a parameter whose support depends on others (Uniform's low and high). */
export class _Dependent extends Constraint {
  constructor(readonly _is_discrete: boolean | null = null, readonly _event_dim: number | null = null) { super(); }
  override get is_discrete(): boolean {
    if (this._is_discrete === null) throw new Error('.is_discrete cannot be determined statically');
    return this._is_discrete;
  }
  override get event_dim(): number {
    if (this._event_dim === null) throw new Error('.event_dim cannot be determined statically');
    return this._event_dim;
  }
  check(): Tensor { throw new RangeError('Cannot determine validity of dependent constraint'); }
}

export function is_dependent(c: unknown): boolean {
  return c instanceof _Dependent;
}

/** Aggregates a base constraint over `reinterpreted_batch_ndims` more dims (all must hold). */
export class _IndependentConstraint extends Constraint {
  constructor(readonly base_constraint: Constraint, readonly reinterpreted_batch_ndims: number) { super(); }
  override get is_discrete(): boolean { return this.base_constraint.is_discrete; }
  override get event_dim(): number { return this.base_constraint.event_dim + this.reinterpreted_batch_ndims; }
  check(value: Tensor): Tensor {
    let result = this.base_constraint.check(value);
    const n = this.reinterpreted_batch_ndims;
    if (result.dim() < n) {
      throw new RangeError(`Expected value.dim() >= ${this.base_constraint.event_dim + n} but got ${value.dim()}`);
    }
    result = S.reshape(result, [...result._shape.slice(0, result.dim() - n), -1]);
    return R.all(result, -1);
  }
  override toString(): string { return `IndependentConstraint(${this.base_constraint}, ${this.reinterpreted_batch_ndims})`; }
}

/** {0, 1}. */
export class _Boolean extends Constraint {
  override get is_discrete(): boolean { return true; }
  check(value: Tensor): Tensor { return E.logical_or(E.eq(value, 0), E.eq(value, 1)); }
}

/** One-hot vectors. */
export class _OneHot extends Constraint {
  override get is_discrete(): boolean { return true; }
  override get event_dim(): number { return 1; }
  check(value: Tensor): Tensor {
    const isBoolean = E.logical_or(E.eq(value, 0), E.eq(value, 1));
    return E.logical_and(R.all(isBoolean, -1), E.eq(R.sum(value, -1), 1));
  }
}

/** Integers in [lower_bound, upper_bound]. */
export class _IntegerInterval extends Constraint {
  constructor(readonly lower_bound: number | Tensor, readonly upper_bound: number | Tensor) { super(); }
  override get is_discrete(): boolean { return true; }
  check(value: Tensor): Tensor {
    return E.logical_and(E.logical_and(E.eq(E.remainder(value, 1), 0), le(this.lower_bound, value)), le(value, this.upper_bound));
  }
  override toString(): string {
    return `${this._name}(lower_bound=${fmtBound(this.lower_bound, false)}, upper_bound=${fmtBound(this.upper_bound, false)})`;
  }
}

/** Integers >= lower_bound. */
export class _IntegerGreaterThan extends Constraint {
  constructor(readonly lower_bound: number) { super(); }
  override get is_discrete(): boolean { return true; }
  check(value: Tensor): Tensor { return E.logical_and(E.eq(E.remainder(value, 1), 0), E.ge(value, this.lower_bound)); }
  override toString(): string { return `${this._name}(lower_bound=${fmtBound(this.lower_bound, false)})`; }
}

/** Integers <= upper_bound. */
export class _IntegerLessThan extends Constraint {
  constructor(readonly upper_bound: number) { super(); }
  override get is_discrete(): boolean { return true; }
  check(value: Tensor): Tensor { return E.logical_and(E.eq(E.remainder(value, 1), 0), E.le(value, this.upper_bound)); }
  override toString(): string { return `${this._name}(upper_bound=${fmtBound(this.upper_bound, false)})`; }
}

/** The extended real line (false only for NaN). */
export class _Real extends Constraint {
  check(value: Tensor): Tensor { return E.eq(value, value); }
}

/** (lower_bound, inf]. `asFloat: false` prints a number bound as Python prints an int (Wishart's df bound). */
export class _GreaterThan extends Constraint {
  constructor(readonly lower_bound: number | Tensor, private readonly _asFloat = true) { super(); }
  check(value: Tensor): Tensor { return lt(this.lower_bound, value); }
  override toString(): string { return `${this._name}(lower_bound=${fmtBound(this.lower_bound, this._asFloat)})`; }
}

/** [lower_bound, inf). `asFloat: false` prints a number bound as Python prints an int (NegativeBinomial's 0). */
export class _GreaterThanEq extends Constraint {
  constructor(readonly lower_bound: number | Tensor, private readonly _asFloat = true) { super(); }
  check(value: Tensor): Tensor { return le(this.lower_bound, value); }
  override toString(): string { return `${this._name}(lower_bound=${fmtBound(this.lower_bound, this._asFloat)})`; }
}

/** [-inf, upper_bound). */
export class _LessThan extends Constraint {
  constructor(readonly upper_bound: number | Tensor) { super(); }
  check(value: Tensor): Tensor { return lt(value, this.upper_bound); }
  override toString(): string { return `${this._name}(upper_bound=${fmtBound(this.upper_bound)})`; }
}

/** [lower_bound, upper_bound]. */
export class _Interval extends Constraint {
  constructor(readonly lower_bound: number | Tensor, readonly upper_bound: number | Tensor) { super(); }
  check(value: Tensor): Tensor { return E.logical_and(le(this.lower_bound, value), le(value, this.upper_bound)); }
  override toString(): string {
    return `${this._name}(lower_bound=${fmtBound(this.lower_bound)}, upper_bound=${fmtBound(this.upper_bound)})`;
  }
}

/** [lower_bound, upper_bound). */
export class _HalfOpenInterval extends _Interval {
  override check(value: Tensor): Tensor { return E.logical_and(le(this.lower_bound, value), lt(value, this.upper_bound)); }
}

/** The unit simplex in the last dim: x >= 0 and |sum(x) - 1| < 1e-6. */
export class _Simplex extends Constraint {
  override get event_dim(): number { return 1; }
  check(value: Tensor): Tensor {
    return E.logical_and(R.all(E.ge(value, 0), -1), E.lt(E.abs(E.sub(R.sum(value, -1), 1)), 1e-6));
  }
}

/** Non-negative integer vectors summing to at most upper_bound. */
export class _Multinomial extends Constraint {
  constructor(readonly upper_bound: number) { super(); }
  override get is_discrete(): boolean { return true; }
  override get event_dim(): number { return 1; }
  check(x: Tensor): Tensor { return E.logical_and(R.all(E.ge(x, 0), -1), E.le(R.sum(x, -1), this.upper_bound)); }
}

/** Square matrices (the last two dims): one answer for the whole batch. */
export class _Square extends Constraint {
  override get event_dim(): number { return 2; }
  check(value: Tensor): Tensor {
    const sh = value._shape;
    return C.full(sh.slice(0, -2), sh[sh.length - 2] === sh[sh.length - 1], { dtype: 'bool' });
  }
}

/** Symmetric square matrices (to isclose with atol 1e-6). */
export class _Symmetric extends _Square {
  override check(value: Tensor): Tensor {
    const square = super.check(value);
    if (!allOf(square)) return square;
    return R.all(R.all(E.isclose(value, S.transpose(value, -2, -1), { atol: 1e-6 }), -2), -1);
  }
}

/** Symmetric matrices with eigenvalues >= 0. */
export class _PositiveSemidefinite extends _Symmetric {
  override check(value: Tensor): Tensor {
    const sym = super.check(value);
    if (!allOf(sym)) return sym;
    return R.all(E.ge(eigvalsh(value), 0), -1);
  }
}

/** Symmetric positive-definite matrices: symmetric, and with a Cholesky factor. */
export class _PositiveDefinite extends _Symmetric {
  override check(value: Tensor): Tensor {
    const sym = super.check(value);
    if (!allOf(sym)) return sym;
    return E.eq(cholesky_ex(value).info, 0);
  }
}

const isLower = (value: Tensor): Tensor => R.all(S.reshape(E.eq(S.tril(value), value), [...value._shape.slice(0, -2), -1]), -1);

/** Lower-triangular square matrices. */
export class _LowerTriangular extends Constraint {
  override get event_dim(): number { return 2; }
  check(value: Tensor): Tensor { return isLower(value); }
}

/** Lower-triangular matrices with a positive diagonal (a Cholesky factor). */
export class _LowerCholesky extends Constraint {
  override get event_dim(): number { return 2; }
  check(value: Tensor): Tensor {
    return E.logical_and(isLower(value), R.all(E.gt(diagonal(value, 0, -2, -1), 0), -1));
  }
}

/** Cholesky factors of correlation matrices: lower Cholesky, each row of norm 1 (to 10·eps·n). */
export class _CorrCholesky extends Constraint {
  override get event_dim(): number { return 2; }
  check(value: Tensor): Tensor {
    const tol = finfo.eps * value._shape[value._shape.length - 1] * 10;
    const row_norm = R.norm(value.detach(), 2, -1);
    const unit = R.all(E.le(E.abs(E.sub(row_norm, 1)), tol), -1);
    return E.logical_and(lower_cholesky.check(value), unit);
  }
}

/** Constraints for the slices of `dim` (of `lengths`, 1 each by default), checked and concatenated as torch.cat. */
export class _Cat extends Constraint {
  readonly cseq: Constraint[];
  readonly lengths: number[];
  constructor(cseq: Constraint[], readonly dim = 0, lengths: number[] | null = null) {
    super();
    if (!cseq.every((c) => c instanceof Constraint)) throw new Error('');
    this.cseq = [...cseq];
    this.lengths = lengths ? [...lengths] : this.cseq.map(() => 1);
    if (this.lengths.length !== this.cseq.length) throw new Error('');
  }
  override get is_discrete(): boolean { return this.cseq.some((c) => c.is_discrete); }
  override get event_dim(): number { return Math.max(...this.cseq.map((c) => c.event_dim)); }
  check(value: Tensor): Tensor {
    if (!(-value.dim() <= this.dim && this.dim < value.dim())) throw new Error('');
    let start = 0;
    return S.cat(this.cseq.map((c, i) => {
      const v = S.narrow(value, this.dim, start, this.lengths[i]);
      start += this.lengths[i];
      return c.check(v);
    }), this.dim);
  }
}

/** Constraints for the entries of `dim`, checked and stacked as torch.stack. */
export class _Stack extends Constraint {
  readonly cseq: Constraint[];
  constructor(cseq: Constraint[], readonly dim = 0) {
    super();
    if (!cseq.every((c) => c instanceof Constraint)) throw new Error('');
    this.cseq = [...cseq];
  }
  override get is_discrete(): boolean { return this.cseq.some((c) => c.is_discrete); }
  override get event_dim(): number {
    const dim = Math.max(...this.cseq.map((c) => c.event_dim));
    return this.dim + dim < 0 ? dim + 1 : dim;
  }
  check(value: Tensor): Tensor {
    if (!(-value.dim() <= this.dim && this.dim < value.dim())) throw new Error('');
    const n = value._shape[this.dim < 0 ? value.dim() + this.dim : this.dim];
    return S.stack(this.cseq.slice(0, n).map((c, i) => c.check(S.select(value, this.dim, i))), this.dim);
  }
}

export const dependent = /*#__PURE__*/ new _Dependent();
/** `constraints.dependent_property`: Uniform's support depends on its parameters (here a plain getter). */
export const dependent_property = (is_discrete: boolean | null = null, event_dim: number | null = null) => new _Dependent(is_discrete, event_dim);
export const independent = (base: Constraint, reinterpreted_batch_ndims: number) => new _IndependentConstraint(base, reinterpreted_batch_ndims);
export const boolean = /*#__PURE__*/ new _Boolean();
export const one_hot = /*#__PURE__*/ new _OneHot();
export const nonnegative_integer = /*#__PURE__*/ new _IntegerGreaterThan(0);
export const positive_integer = /*#__PURE__*/ new _IntegerGreaterThan(1);
export const integer_interval = (lower_bound: number | Tensor, upper_bound: number | Tensor) => new _IntegerInterval(lower_bound, upper_bound);
export const real = /*#__PURE__*/ new _Real();
export const real_vector = /*#__PURE__*/ independent(real, 1);
export const positive = /*#__PURE__*/ new _GreaterThan(0);
export const nonnegative = /*#__PURE__*/ new _GreaterThanEq(0);
export const greater_than = (lower_bound: number | Tensor, asFloat = true) => new _GreaterThan(lower_bound, asFloat);
export const greater_than_eq = (lower_bound: number | Tensor, asFloat = true) => new _GreaterThanEq(lower_bound, asFloat);
export const less_than = (upper_bound: number | Tensor) => new _LessThan(upper_bound);
export const multinomial = (upper_bound: number) => new _Multinomial(upper_bound);
export const unit_interval = /*#__PURE__*/ new _Interval(0, 1);
export const interval = (lower_bound: number | Tensor, upper_bound: number | Tensor) => new _Interval(lower_bound, upper_bound);
export const half_open_interval = (lower_bound: number | Tensor, upper_bound: number | Tensor) => new _HalfOpenInterval(lower_bound, upper_bound);
export const simplex = /*#__PURE__*/ new _Simplex();
export const lower_triangular = /*#__PURE__*/ new _LowerTriangular();
export const lower_cholesky = /*#__PURE__*/ new _LowerCholesky();
export const corr_cholesky = /*#__PURE__*/ new _CorrCholesky();
export const square = /*#__PURE__*/ new _Square();
export const symmetric = /*#__PURE__*/ new _Symmetric();
export const positive_semidefinite = /*#__PURE__*/ new _PositiveSemidefinite();
export const positive_definite = /*#__PURE__*/ new _PositiveDefinite();
export const cat = (cseq: Constraint[], dim = 0, lengths: number[] | null = null) => new _Cat(cseq, dim, lengths);
export const stack = (cseq: Constraint[], dim = 0) => new _Stack(cseq, dim);
