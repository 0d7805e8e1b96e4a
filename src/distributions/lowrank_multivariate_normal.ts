// torch.distributions.LowRankMultivariateNormal (torch/distributions/lowrank_multivariate_normal.py): a
// Gaussian whose covariance is W Wᵀ + diag(D), computed through the m x m capacitance matrix I + Wᵀ D⁻¹ W
// (Woodbury), never the n x n covariance.
import { Tensor } from '../tensor.js';
import { scoped } from '../lifetime.js';
import { broadcastShapes } from '../ops/util.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import * as L from '../ops/linalg.js';
import * as C from '../ops/create.js';
import { diagonal } from '../ops/extra.js';
import { cholesky, solve_triangular } from '../ops/decomp.js';
import { formatSize } from '../print.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { Distribution, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { mahalanobis } from './multivariate_normal.js';
import { _standard_normal } from './utils.js';

export interface LowRankMultivariateNormalOptions { loc?: Tensor; cov_factor?: Tensor; cov_diag?: Tensor; validate_args?: boolean | null }

const LOG_2PI = Math.log(2 * Math.PI);
const mT = (t: Tensor): Tensor => S.transpose(t, -2, -1);
const batchMv = (m: Tensor, v: Tensor): Tensor => S.squeeze(L.matmul(m, S.unsqueeze(v, -1)), -1);
/** diag_embed(v): v on the diagonal of the last two dims. */
const diagEmbed = (v: Tensor): Tensor => E.mul(C.eye(v._shape[v.dim() - 1]), S.unsqueeze(v, -2));
/** trace(X Xᵀ) over the last two dims. */
const traceXXT = (X: Tensor): Tensor => R.sum(R.sum(E.pow(X, 2), -1), -1);

/** The Cholesky factor of the capacitance I + Wᵀ D⁻¹ W. */
export function capacitanceTril(W: Tensor, D: Tensor): Tensor {
  return scoped(() => {
    const m = W._shape[W.dim() - 1];
    return cholesky(E.add(L.matmul(E.div(mT(W), S.unsqueeze(D, -2)), W), C.eye(m)));
  }, 'the end of LowRankMultivariateNormal\'s capacitance (an internal temporary)');
}

/** log det(W Wᵀ + D) by the matrix determinant lemma. */
export function lowrankLogdet(D: Tensor, capTril: Tensor): Tensor {
  return E.add(E.mul(R.sum(E.log(diagonal(capTril, 0, -2, -1)), -1), 2), R.sum(E.log(D), -1));
}

/** xᵀ (W Wᵀ + D)⁻¹ x by the Woodbury identity. */
export function lowrankMahalanobis(W: Tensor, D: Tensor, x: Tensor, capTril: Tensor): Tensor {
  const Wt_Dinv = E.div(mT(W), S.unsqueeze(D, -2));
  const term1 = R.sum(E.div(E.pow(x, 2), D), -1);
  return E.sub(term1, mahalanobis(capTril, batchMv(Wt_Dinv, x)));
}

/**
 * A multivariate normal with covariance `cov_factor @ cov_factor.mT + diag(cov_diag)`:
 * `new LowRankMultivariateNormal(loc, cov_factor, cov_diag)` with loc [..., n], cov_factor [..., n, m] and
 * cov_diag [..., n]. `rsample` is PyTorch's: loc + W ε_W + sqrt(D) ε_D with its normal draws for a seed.
 * @example new LowRankMultivariateNormal(torch.zeros(3), torch.ones(3, 1), torch.ones(3)).log_prob(torch.zeros(3))
 */
export class LowRankMultivariateNormal extends Distribution {
  loc: Tensor;
  cov_factor: Tensor;
  cov_diag: Tensor;
  _unbroadcasted_cov_factor: Tensor;
  _unbroadcasted_cov_diag: Tensor;
  _capacitance_tril: Tensor;
  constructor(...args: Args<[loc: Tensor, cov_factor: Tensor, cov_diag: Tensor, validate_args: boolean | null], LowRankMultivariateNormalOptions>) {
    super();
    const a = bind('LowRankMultivariateNormal.__init__', ['loc', 'cov_factor', 'cov_diag', 'validate_args'], [], { validate_args: null }, args);
    const [loc, W, D] = [a.loc as Tensor, a.cov_factor as Tensor, a.cov_diag as Tensor];
    if (loc.dim() < 1) throw new RangeError('loc must be at least one-dimensional.');
    const n = loc._shape[loc.dim() - 1];
    if (W.dim() < 2) throw new RangeError('cov_factor must be at least two-dimensional, with optional leading batch dimensions');
    if (W._shape[W.dim() - 2] !== n) throw new RangeError(`cov_factor must be a batch of matrices with shape ${n} x m`);
    if (D.dim() < 1 || D._shape[D.dim() - 1] !== n) throw new RangeError(`cov_diag must be a batch of vectors with shape ${formatSize([n])}`);
    let shape: number[];
    try {
      shape = broadcastShapes(broadcastShapes([...loc._shape, 1], W._shape), [...D._shape, 1]);
    } catch {
      throw new RangeError(`Incompatible batch shapes: loc ${formatSize(loc._shape)}, cov_factor ${formatSize(W._shape)}, cov_diag ${formatSize(D._shape)}`);
    }
    this.cov_factor = S.expand(W, shape);
    this.loc = S.expand(loc, shape.slice(0, -1));
    this.cov_diag = S.expand(D, shape.slice(0, -1));
    this._unbroadcasted_cov_factor = W;
    this._unbroadcasted_cov_diag = D;
    this._capacitance_tril = capacitanceTril(W, D);
    this._init(shape.slice(0, -2), [n], a.validate_args);
  }

  override get arg_constraints() {
    return { loc: constraints.real_vector, cov_factor: constraints.independent(constraints.real, 2),
      cov_diag: constraints.independent(constraints.positive, 1) };
  }
  override get support(): constraints.Constraint { return constraints.real_vector; }
  override get has_rsample(): boolean { return true; }

  private get _matShape(): number[] { return [...this._batch_shape, ...this._event_shape, ...this._event_shape]; }

  override get mean(): Tensor { return this.loc; }
  override get mode(): Tensor { return this.loc; }
  override get variance(): Tensor {
    return S.expand(E.add(R.sum(E.pow(this._unbroadcasted_cov_factor, 2), -1), this._unbroadcasted_cov_diag),
      [...this._batch_shape, ...this._event_shape]);
  }
  /** The lower Cholesky factor of the covariance. */
  get scale_tril(): Tensor {
    const n = this._event_shape[0];
    const dsqrt = S.unsqueeze(E.sqrt(this._unbroadcasted_cov_diag), -1);
    const DW = E.div(this._unbroadcasted_cov_factor, dsqrt);
    const K = E.add(L.matmul(DW, mT(DW)), C.eye(n));
    return S.expand(E.mul(dsqrt, cholesky(K)), this._matShape);
  }
  /** W Wᵀ + diag(D). */
  get covariance_matrix(): Tensor {
    const W = this._unbroadcasted_cov_factor;
    return S.expand(E.add(L.matmul(W, mT(W)), diagEmbed(this._unbroadcasted_cov_diag)), this._matShape);
  }
  /** (W Wᵀ + diag(D))⁻¹ by the Woodbury identity. */
  get precision_matrix(): Tensor {
    const Wt_Dinv = E.div(mT(this._unbroadcasted_cov_factor), S.unsqueeze(this._unbroadcasted_cov_diag, -2));
    const A = solve_triangular(this._capacitance_tril, Wt_Dinv, { upper: false });
    return S.expand(E.sub(diagEmbed(E.reciprocal(this._unbroadcasted_cov_diag)), L.matmul(mT(A), A)), this._matShape);
  }

  override expand(batch_shape: SampleShape, _instance?: LowRankMultivariateNormal): LowRankMultivariateNormal {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as LowRankMultivariateNormal;
    const loc_shape = [...batch_shape, ...this._event_shape];
    n.loc = S.expand(this.loc, loc_shape);
    n.cov_diag = S.expand(this.cov_diag, loc_shape);
    n.cov_factor = S.expand(this.cov_factor, [...loc_shape, this.cov_factor._shape[this.cov_factor.dim() - 1]]);
    n._unbroadcasted_cov_factor = this._unbroadcasted_cov_factor;
    n._unbroadcasted_cov_diag = this._unbroadcasted_cov_diag;
    n._capacitance_tril = this._capacitance_tril;
    n._init(batch_shape, this._event_shape, false);
    n._validate_args = this._validate_args;
    return n;
  }

  override rsample(sample_shape: SampleShape = []): Tensor {
    const shape = this._extended_shape(sample_shape);
    const eps_W = _standard_normal([...shape.slice(0, -1), this.cov_factor._shape[this.cov_factor.dim() - 1]]);
    const eps_D = _standard_normal(shape);
    return E.add(E.add(this.loc, batchMv(this._unbroadcasted_cov_factor, eps_W)), E.mul(E.sqrt(this._unbroadcasted_cov_diag), eps_D));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const diff = E.sub(value, this.loc);
    const M = lowrankMahalanobis(this._unbroadcasted_cov_factor, this._unbroadcasted_cov_diag, diff, this._capacitance_tril);
    const log_det = lowrankLogdet(this._unbroadcasted_cov_diag, this._capacitance_tril);
    return E.mul(E.add(E.add(log_det, this._event_shape[0] * LOG_2PI), M), -0.5);
  }

  override entropy(): Tensor {
    const log_det = lowrankLogdet(this._unbroadcasted_cov_diag, this._capacitance_tril);
    const H = E.mul(E.add(log_det, this._event_shape[0] * (1.0 + LOG_2PI)), 0.5);
    return this._batch_shape.length === 0 ? H : S.expand(H, this._batch_shape);
  }
}
scopeMembers(LowRankMultivariateNormal, [...SCOPED, 'scale_tril', 'covariance_matrix', 'precision_matrix']);

export { traceXXT };
