// torch.distributions.MultivariateNormal (torch/distributions/multivariate_normal.py): a Gaussian over
// the last dim, given by a covariance matrix, a precision matrix or a lower-triangular scale (its
// Cholesky factor), each with optional batch dims; everything is computed from that factor.
import { Tensor } from '../tensor.js';
import { broadcastShapes } from '../ops/util.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import * as L from '../ops/linalg.js';
import * as C from '../ops/create.js';
import { diagonal } from '../ops/extra.js';
import { cholesky, cholesky_inverse, solve_triangular } from '../ops/decomp.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { Distribution, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { _standard_normal } from './utils.js';

export interface MultivariateNormalOptions {
  loc?: Tensor; covariance_matrix?: Tensor | null; precision_matrix?: Tensor | null; scale_tril?: Tensor | null;
  validate_args?: boolean | null;
}

const LOG_2PI = Math.log(2 * Math.PI);
const mT = (t: Tensor): Tensor => S.transpose(t, -2, -1);

/** The lower Cholesky factor of P⁻¹ from the precision matrix P, as PyTorch's _precision_to_scale_tril. */
export function precisionToScaleTril(P: Tensor): Tensor {
  const Lf = cholesky(S.flip(P, [-2, -1]));
  const Linv = mT(S.flip(Lf, [-2, -1]));
  return solve_triangular(Linv, C.eye(P._shape[P._shape.length - 1]), { upper: false });
}

/**
 * `new MultivariateNormal(loc, { covariance_matrix })` (or `precision_matrix`, or `scale_tril`; exactly
 * one), loc [..., n] and the matrix [..., n, n], batch dims broadcast. `rsample` is loc + L·ε with ε
 * PyTorch's normal draws for a seed.
 * @example const d = new MultivariateNormal(torch.zeros(2), { covariance_matrix: torch.eye(2) })
 */
export class MultivariateNormal extends Distribution {
  loc: Tensor;
  _unbroadcasted_scale_tril: Tensor;
  private _given: 'covariance_matrix' | 'precision_matrix' | 'scale_tril';
  private _cache = new Map<string, Tensor>();

  constructor(...args: Args<[loc: Tensor, covariance_matrix: Tensor | null, precision_matrix: Tensor | null,
    scale_tril: Tensor | null, validate_args: boolean | null], MultivariateNormalOptions>) {
    super();
    const a = bind('MultivariateNormal.__init__', ['loc', 'covariance_matrix', 'precision_matrix', 'scale_tril', 'validate_args'],
      [], { covariance_matrix: null, precision_matrix: null, scale_tril: null, validate_args: null }, args);
    const loc: Tensor = a.loc;
    if (!(loc instanceof Tensor) || loc._shape.length < 1) throw new RangeError('loc must be at least one-dimensional.');
    const given = (['covariance_matrix', 'precision_matrix', 'scale_tril'] as const).filter((k) => a[k] != null);
    if (given.length !== 1) {
      throw new RangeError('Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.');
    }
    const k = given[0];
    const M: Tensor = a[k];
    if (M._shape.length < 2) {
      throw new RangeError(`${k === 'scale_tril' ? 'scale_tril matrix' : k} must be at least two-dimensional, with optional ` +
        'leading batch dimensions');
    }
    const batch = broadcastShapes(M._shape.slice(0, -2), loc._shape.slice(0, -1));
    this._given = k;
    this._cache.set(k, S.expand(M, [...batch, -1, -1]));
    this.loc = S.expand(loc, [...batch, -1]);
    this._unbroadcasted_scale_tril = null as unknown as Tensor;
    this._init(batch, this.loc._shape.slice(-1), a.validate_args);
    this._unbroadcasted_scale_tril = k === 'scale_tril' ? M : k === 'covariance_matrix' ? this._keepLazy(cholesky(M))
      : this._keepLazy(precisionToScaleTril(M));
  }

  override get arg_constraints() {
    return { loc: constraints.real_vector, covariance_matrix: constraints.positive_definite,
      precision_matrix: constraints.positive_definite, scale_tril: constraints.lower_cholesky };
  }
  override get support(): constraints.Constraint { return constraints.real_vector; }
  override get has_rsample(): boolean { return true; }
  override _has(param: string): boolean {
    return this._cache.has(param) || super._has(param);
  }
  override _lazyUnset(param: string): boolean {
    return param !== 'loc' && !this._cache.has(param);
  }

  private _lazy(name: string, make: () => Tensor): Tensor {
    let t = this._cache.get(name);
    if (!t) this._cache.set(name, t = this._keepLazy(make()));
    return t;
  }
  private get _matShape(): number[] { return [...this._batch_shape, ...this._event_shape, ...this._event_shape]; }

  get scale_tril(): Tensor {
    return this._lazy('scale_tril', () => S.expand(this._unbroadcasted_scale_tril, this._matShape));
  }
  get covariance_matrix(): Tensor {
    const Lt = () => this._unbroadcasted_scale_tril;
    return this._lazy('covariance_matrix', () => S.expand(L.matmul(Lt(), mT(Lt())), this._matShape));
  }
  get precision_matrix(): Tensor {
    return this._lazy('precision_matrix', () => S.expand(cholesky_inverse(this._unbroadcasted_scale_tril), this._matShape));
  }

  override get mean(): Tensor { return this.loc; }
  override get mode(): Tensor { return this.loc; }
  override get variance(): Tensor {
    return S.expand(R.sum(E.pow(this._unbroadcasted_scale_tril, 2), -1), [...this._batch_shape, ...this._event_shape]);
  }

  override expand(batch_shape: SampleShape, _instance?: MultivariateNormal): MultivariateNormal {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as MultivariateNormal;
    const b = [...batch_shape];
    n.loc = S.expand(this.loc, [...b, ...this._event_shape]);
    n._unbroadcasted_scale_tril = this._unbroadcasted_scale_tril;
    n._given = this._given;
    n._cache = new Map();
    const ev = this._event_shape[0];
    n._cache.set(this._given, S.expand(this._cache.get(this._given)!, [...b, ev, ev]));
    n._init(b, this._event_shape, false);
    n._validate_args = this._validate_args;
    return n;
  }

  override rsample(sample_shape: SampleShape = []): Tensor {
    const eps = _standard_normal(this._extended_shape(sample_shape));
    return E.add(this.loc, S.squeeze(L.matmul(this._unbroadcasted_scale_tril, S.unsqueeze(eps, -1)), -1));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const diff = E.sub(value, this.loc);
    const M = mahalanobis(this._unbroadcasted_scale_tril, diff);
    return E.sub(E.mul(E.add(M, this._event_shape[0] * LOG_2PI), -0.5), this.halfLogDet());
  }

  override entropy(): Tensor {
    const H = E.add(this.halfLogDet(), 0.5 * this._event_shape[0] * (1 + LOG_2PI));
    return this._batch_shape.length === 0 ? H : S.expand(H, this._batch_shape);
  }

  /** log |L| = sum of log diag(L). */
  halfLogDet(): Tensor {
    return R.sum(E.log(diagonal(this._unbroadcasted_scale_tril, 0, -2, -1)), -1);
  }
}

scopeMembers(MultivariateNormal, [...SCOPED, 'scale_tril', 'covariance_matrix', 'precision_matrix', 'halfLogDet']);

/** xᵀ (L Lᵀ)⁻¹ x over the last dim = |L⁻¹ x|², L broadcast over x's batch dims. */
export function mahalanobis(Lt: Tensor, x: Tensor): Tensor {
  const n = x._shape[x._shape.length - 1];
  const batch = broadcastShapes(Lt._shape.slice(0, -2), x._shape.slice(0, -1));
  const Lb = S.expand(Lt, [...batch, n, n]);
  const xb = S.unsqueeze(S.expand(x, [...batch, n]), -1);
  return R.sum(E.pow(S.squeeze(solve_triangular(Lb, xb, { upper: false }), -1), 2), -1);
}
