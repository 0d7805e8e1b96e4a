// torch.distributions.LKJCholesky (torch/distributions/lkj_cholesky.py, after NumPyro's).
import { Tensor } from '../tensor.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { diagonal, diag_embed } from '../ops/extra.js';
import { mvlgamma } from '../ops/special.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { Distribution, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { Beta } from './gamma.js';
import { broadcast_all, finfo, type Param } from './utils.js';

export interface LKJCholeskyOptions { dim?: number; concentration?: Param; validate_args?: boolean | null }

/**
 * The LKJ distribution over lower Cholesky factors L of dim×dim correlation matrices (L Lᵀ has
 * density ∝ det^(concentration - 1)): `new LKJCholesky(3, 0.5)`. Samples use PyTorch's onion method
 * on its Beta and normal draws, so they are its draws for a seed.
 * @example new LKJCholesky(3, torch.tensor([0.5, 2.0])).sample()  // shape [2, 3, 3]
 */
export class LKJCholesky extends Distribution {
  static _pyModule = 'lkj_cholesky';
  dim!: number;
  concentration!: Tensor;
  _beta!: Beta;
  constructor(...args: Args<[dim: number, concentration: Param, validate_args: boolean | null], LKJCholeskyOptions>) {
    super();
    const a = bind('LKJCholesky.__init__', ['dim', 'concentration', 'validate_args'], [], { concentration: 1.0, validate_args: null }, args);
    const dim: number = a.dim;
    if (dim < 2) throw new RangeError(`Expected dim to be an integer greater than or equal to 2. Found dim=${dim}.`);
    this.dim = dim;
    [this.concentration] = broadcast_all(a.concentration);
    // the Beta marginals of the onion method's Section 3.2, vectorized: Beta(i/2, c + (dim - 2 - i)/2) for
    // the rows i = 1 .. dim - 1, the first (row 0) a placeholder
    const marginal = E.add(this.concentration, 0.5 * (dim - 2));
    const arange = C.arange(dim - 1, { dtype: this.concentration.dtype });
    const offset = S.cat([C.zeros([1], { dtype: arange.dtype }), arange]);
    this._beta = new Beta(E.add(offset, 0.5), E.sub(S.unsqueeze(marginal, -1), E.mul(offset, 0.5)));
    this._init(this.concentration._shape.slice(), [dim, dim], a.validate_args);
  }

  override get arg_constraints() { return { concentration: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.corr_cholesky; }

  override expand(batch_shape: SampleShape, _instance?: LKJCholesky): LKJCholesky {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as LKJCholesky;
    n.dim = this.dim;
    n.concentration = S.expand(this.concentration, batch_shape);
    n._beta = this._beta.expand([...batch_shape, this.dim]);
    n._init(batch_shape, this._event_shape, false);
    n._validate_args = this._validate_args;
    return n;
  }

  override sample(sample_shape: SampleShape = []): Tensor {
    const y = S.unsqueeze(this._beta.sample(sample_shape), -1);
    const u_normal = S.tril(C.randn(this._extended_shape(sample_shape), { dtype: y.dtype }), -1);
    let u_hypersphere = E.div(u_normal, R.norm(u_normal, 2, -1, true));
    // the first row is 0 / 0: zeros, as PyTorch's fill_
    const first = E.eq(S.unsqueeze(C.arange(this.dim), -1), 0);
    u_hypersphere = E.where(first, 0, u_hypersphere);
    const w = E.mul(E.sqrt(y), u_hypersphere);
    const diag = E.sqrt(E.clamp(E.sub(E.asTensorLike(1, w), R.sum(E.pow(w, 2), -1)), finfo.tiny, null));
    return E.add(w, diag_embed(diag, 0, -2, -1));
  }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    // density of L: prod_i L_ii^(2 (concentration - 1) + dim - i) for i = 2 .. dim, over the normalizer of [1]
    const diag = S.narrow(diagonal(value, 0, -1, -2), -1, 1, this.dim - 1);
    const order = E.sub(E.add(E.mul(S.unsqueeze(E.sub(this.concentration, 1), -1), 2), this.dim), C.arange(2, this.dim + 1));
    const unnormalized = R.sum(E.mul(order, E.log(diag)), -1);
    const dm1 = this.dim - 1;
    const alpha = E.add(this.concentration, 0.5 * dm1);
    const denominator = E.mul(E.lgamma(alpha), dm1);
    const numerator = mvlgamma(E.sub(alpha, 0.5), dm1);
    const normalize = E.sub(E.add(numerator, 0.5 * dm1 * Math.log(Math.PI)), denominator);
    return E.sub(unnormalized, normalize);
  }
}
scopeMembers(LKJCholesky, SCOPED);
