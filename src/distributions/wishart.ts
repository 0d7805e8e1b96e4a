// torch.distributions.Wishart (torch/distributions/wishart.py).
import { Tensor } from '../tensor.js';
import { float32 } from '../dtype.js';
import { broadcastShapes } from '../ops/util.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import * as L from '../ops/linalg.js';
import * as C from '../ops/create.js';
import { diagonal, diag_embed, masked_scatter } from '../ops/extra.js';
import { cholesky, cholesky_solve, slogdet } from '../ops/decomp.js';
import { mvlgamma } from '../ops/special.js';
import { pyNum, bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { ExponentialFamily, fmtValue, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { Chi2 } from './gamma.js';
import { precisionToScaleTril } from './multivariate_normal.js';
import { finfo, type Param } from './utils.js';

export interface WishartOptions {
  df?: Param; covariance_matrix?: Tensor | null; precision_matrix?: Tensor | null; scale_tril?: Tensor | null;
  validate_args?: boolean | null;
}

const LOG_2 = Math.log(2);
const mT = (t: Tensor): Tensor => S.transpose(t, -2, -1);
type Given = 'covariance_matrix' | 'precision_matrix' | 'scale_tril';

/** Σ_i digamma(x - i/2) over i < p (PyTorch's `_mvdigamma`). */
function mvdigamma(x: Tensor, p: number): Tensor {
  if (!R.all(E.gt(x, (p - 1) / 2)).item()) throw new Error('Wrong domain for multivariate digamma function.');
  const half = E.div(C.arange(p, { dtype: x.dtype }), 2);
  return R.sum(E.digamma(E.sub(S.unsqueeze(x, -1), S.expand(half, [...x._shape, -1]))), -1);
}

const warned = new Set<string>();
/** Python's warnings.warn with its default filter: each warning once. */
function warnOnce(message: string): void {
  if (!warned.has(message)) console.warn(message);
  warned.add(message);
}

/**
 * The Wishart distribution over p×p positive-definite matrices with `df` degrees of freedom (> p - 1) and a
 * scale given as `covariance_matrix`, `precision_matrix` or `scale_tril` (exactly one; each with optional
 * batch dims): `new Wishart(4, { covariance_matrix: torch.eye(3) })`. `rsample` is PyTorch's Bartlett
 * decomposition on its Chi2 and normal draws, differentiable in df and the scale, and redraws as PyTorch
 * 1.13 does: its check for singular samples is inverted, so every sample it finds positive definite is
 * drawn a second time (the draws are PyTorch's for a seed, and so is the stream after them).
 * @example new Wishart(torch.tensor(5.0), { scale_tril: torch.eye(2) }).sample()
 */
export class Wishart extends ExponentialFamily {
  static _pyModule = 'wishart';
  df!: Tensor;
  _unbroadcasted_scale_tril!: Tensor;
  _batch_dims!: number[];
  _dist_chi2!: Chi2;
  private _given!: Given;
  private _cache = new Map<string, Tensor>();

  constructor(...args: Args<[df: Param, covariance_matrix: Tensor | null, precision_matrix: Tensor | null, scale_tril: Tensor | null,
    validate_args: boolean | null], WishartOptions>) {
    super();
    const a = bind('Wishart.__init__', ['df', 'covariance_matrix', 'precision_matrix', 'scale_tril', 'validate_args'], [],
      { covariance_matrix: null, precision_matrix: null, scale_tril: null, validate_args: null }, args);
    const given = (['covariance_matrix', 'precision_matrix', 'scale_tril'] as const).filter((k) => a[k] != null);
    if (given.length !== 1) throw new Error('Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.'); // an assert
    const k = given[0];
    const param: Tensor = a[k];
    if (param.dim() < 2) throw new RangeError('scale_tril must be at least two-dimensional, with optional leading batch dimensions');
    const df: Param = a.df;
    let batch: number[];
    if (typeof df === 'number') {
      batch = param._shape.slice(0, -2);
      this.df = C.tensor(df, { dtype: param.dtype });
    } else {
      batch = broadcastShapes(param._shape.slice(0, -2), df._shape);
      this.df = S.expand(df, batch);
    }
    const event = param._shape.slice(-2);
    const p = event[1];
    if (R.any(E.le(this.df, p - 1)).item()) {
      throw new RangeError(`Value of df=${typeof df === 'number' ? pyNum(df, true) : fmtValue(df)} expected to be greater than ndim - 1 = ${p - 1}.`);
    }
    this._given = k;
    this._cache.set(k, S.expand(param, [...batch, -1, -1]));
    if (R.any(E.lt(this.df, p)).item()) {
      warnOnce('Low df values detected. Singular samples are highly likely to occur for ndim - 1 < df < ndim.');
    }
    this._init(batch, event, a.validate_args);
    this._batch_dims = batch.map((_, i) => -(i + 1));
    this._unbroadcasted_scale_tril = k === 'scale_tril' ? param
      : this._keepLazy(k === 'covariance_matrix' ? cholesky(param) : precisionToScaleTril(param));
    this._dist_chi2 = this._chi2(batch);
  }

  /** Chi2(df - i) for i < p, the squared diagonal of the Bartlett factor. */
  private _chi2(batch: number[]): Chi2 {
    const p = this._event_shape[1];
    const offsets = S.expand(C.arange(p, { dtype: this._unbroadcasted_scale_tril.dtype }), [...batch, -1]);
    return new Chi2(E.sub(S.unsqueeze(this.df, -1), offsets));
  }

  override get arg_constraints() {
    return {
      covariance_matrix: constraints.positive_definite, precision_matrix: constraints.positive_definite,
      scale_tril: constraints.lower_cholesky, df: constraints.greater_than(this._event_shape[1] - 1, false),
    };
  }
  override get support(): constraints.Constraint { return constraints.positive_definite; }
  override get has_rsample(): boolean { return true; }
  override get _mean_carrier_measure(): number { return 0; }
  override _has(param: string): boolean { return this._cache.has(param) || super._has(param); }
  override _lazyUnset(param: string): boolean { return param !== 'df' && !this._cache.has(param); }

  override expand(batch_shape: SampleShape, _instance?: Wishart): Wishart {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as Wishart;
    const b = [...batch_shape];
    const cov = [...b, ...this._event_shape];
    n._unbroadcasted_scale_tril = S.expand(this._unbroadcasted_scale_tril, cov);
    n.df = S.expand(this.df, b);
    n._batch_dims = b.map((_, i) => -(i + 1));
    n._given = this._given;
    n._cache = new Map([...this._cache].map(([k, v]) => [k, S.expand(v, cov)]));
    n._init(b, this._event_shape, false);
    n._dist_chi2 = n._chi2(b);
    n._validate_args = this._validate_args;
    return n;
  }

  private _lazy(name: string, make: () => Tensor): Tensor {
    let t = this._cache.get(name);
    if (!t) this._cache.set(name, t = this._keepLazy(make()));
    return t;
  }
  private get _matShape(): number[] { return [...this._batch_shape, ...this._event_shape]; }

  get scale_tril(): Tensor { return this._lazy('scale_tril', () => S.expand(this._unbroadcasted_scale_tril, this._matShape)); }
  get covariance_matrix(): Tensor {
    const Lt = this._unbroadcasted_scale_tril;
    return this._lazy('covariance_matrix', () => S.expand(L.matmul(Lt, mT(Lt)), this._matShape));
  }
  get precision_matrix(): Tensor {
    const Lt = this._unbroadcasted_scale_tril;
    return this._lazy('precision_matrix', () => S.expand(cholesky_solve(C.eye(this._event_shape[1], { dtype: Lt.dtype }), Lt), this._matShape));
  }

  private get _dfMat(): Tensor { return S.view(this.df, [...this._batch_shape, 1, 1]); }

  override get mean(): Tensor { return E.mul(this._dfMat, this.covariance_matrix); }
  /** (df - p - 1) Σ, NaN where df <= p + 1. */
  override get mode(): Tensor {
    const factor = E.sub(E.sub(this.df, this.covariance_matrix._shape[this.covariance_matrix.dim() - 1]), 1);
    return E.mul(S.view(E.where(E.le(factor, 0), NaN, factor), [...this._batch_shape, 1, 1]), this.covariance_matrix);
  }
  override get variance(): Tensor {
    const V = this.covariance_matrix;
    const d = diagonal(V, 0, -2, -1);
    return E.mul(this._dfMat, E.add(E.pow(V, 2), E.mul(S.unsqueeze(d, -1), S.unsqueeze(d, -2))));
  }

  /** L·A·Aᵀ·Lᵀ for A lower triangular: sqrt of the Chi2 draws on the diagonal (at least eps), normal draws below. */
  _bartlett_sampling(sample_shape: SampleShape = []): Tensor {
    const p = this._event_shape[1];
    const diag = E.clamp(E.sqrt(this._dist_chi2.rsample(sample_shape)), finfo.eps, null);
    const noise = diag_embed(diag, 0, -2, -1);
    const lower = C.randn([...sample_shape, ...this._batch_shape, (p * (p - 1)) / 2], { dtype: noise.dtype });
    // the draws fill the strictly lower triangle row by row, as noise[..., i, j] = randn(...) with tril_indices
    const below = masked_scatter(C.zeros_like(noise), S.tril(C.ones([p, p], { dtype: 'bool' }), -1), lower);
    const chol = L.matmul(this._unbroadcasted_scale_tril, E.add(noise, below));
    return L.matmul(chol, mT(chol));
  }

  /** Whether each sample (over the batch: any) passes the support check, as a flat list (PyTorch's `is_singular`). */
  private _flags(sample: Tensor): boolean[] {
    let ok = this.support.check(sample);
    const nb = this._batch_shape.length;
    if (nb) ok = R.any(S.reshape(ok, [...ok._shape.slice(0, ok.dim() - nb), -1]), -1); // amax over the batch dims
    return (ok.reshape([-1]).tolist() as (boolean | number)[]).map(Boolean);
  }

  override rsample(sample_shape: SampleShape = [], max_try_correction: number | null = null): Tensor {
    const tries = max_try_correction ?? 10;
    const shape = [...sample_shape];
    let sample = this._bartlett_sampling(shape);
    // PyTorch 1.13 marks a sample "singular" when the support check passes, and redraws those
    let singular = this._flags(sample);
    if (singular.some(Boolean)) {
      warnOnce('Singular sample detected.');
      for (let t = 0; t < tries; t++) {
        const count = singular.filter(Boolean).length;
        const fresh = this._bartlett_sampling([count]);
        const mask = S.reshape(C.tensor(singular.map(Number), { dtype: float32 }), [...shape, ...this._extended_shape().map(() => 1)]);
        sample = masked_scatter(sample, E.ne(mask, 0), fresh);
        const again = this._flags(fresh).map((f) => !f);
        let i = 0;
        singular = singular.map((s) => (s ? again[i++] : false));
        if (!singular.some(Boolean)) break;
      }
    }
    return sample;
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const nu = this.df;
    const p = this._event_shape[1];
    const Lt = this._unbroadcasted_scale_tril;
    const logdetL = R.sum(E.log(diagonal(Lt, 0, -2, -1)), -1);
    const t1 = E.mul(E.neg(nu), E.add(logdetL, (p * LOG_2) / 2));
    const t3 = E.mul(E.div(E.sub(E.sub(nu, p), 1), 2), slogdet(value).logabsdet);
    const t4 = E.div(R.sum(diagonal(cholesky_solve(value, Lt), 0, -2, -1), -1), 2);
    return E.sub(E.add(E.sub(t1, mvlgamma(E.div(nu, 2), p)), t3), t4);
  }

  override entropy(): Tensor {
    const nu = this.df;
    const p = this._event_shape[1];
    const logdetL = R.sum(E.log(diagonal(this._unbroadcasted_scale_tril, 0, -2, -1)), -1);
    const t1 = E.mul(E.add(logdetL, (p * LOG_2) / 2), p + 1);
    const half = E.div(nu, 2);
    const t3 = E.mul(E.div(E.sub(E.sub(nu, p), 1), 2), mvdigamma(half, p));
    return E.add(E.sub(E.add(t1, mvlgamma(half, p)), t3), E.div(E.mul(nu, p), 2));
  }

  override get _natural_params(): Tensor[] {
    const p = this._event_shape[1];
    return [E.div(E.neg(this.precision_matrix), 2), E.div(E.sub(E.sub(this.df, p), 1), 2)];
  }

  override _log_normalizer(x: Tensor, y: Tensor): Tensor {
    const p = this._event_shape[1];
    const yp = E.add(y, (p + 1) / 2);
    return E.add(E.mul(yp, E.add(E.neg(slogdet(E.mul(x, -2)).logabsdet), LOG_2 * p)), mvlgamma(yp, p));
  }
}
scopeMembers(Wishart, [...SCOPED, 'scale_tril', 'covariance_matrix', 'precision_matrix', '_bartlett_sampling']);
