// torch.nn.utils.parametrizations (PyTorch 1.13's torch/nn/utils/parametrizations.py): orthogonal and spectral_norm,
// registered with parametrize.register_parametrization, with PyTorch's algorithms (spectral_norm's u and v drawn from
// the default generator, 15 power iterations at registration, one per training-mode access; orthogonal's trivialization
// base from the QR decomposition with a non-negative diagonal of R).
import { Tensor } from '../../tensor.js';
import { float32 } from '../../dtype.js';
import { no_grad } from '../../autograd.js';
import * as C from '../../ops/create.js';
import * as E from '../../ops/elementwise.js';
import * as S from '../../ops/shape.js';
import * as L from '../../ops/linalg.js';
import * as X from '../../ops/extra.js';
import * as linalg from '../../linalg.js';
import { geqrf, householder_product } from '../../ops/decomp-more.js';
import { NotImplementedError } from '../../distributions/utils.js';
import { Module } from '../module.js';
import { ConvTranspose1d, ConvTranspose2d, ConvTranspose3d } from '../conv.js';
import { formatSize } from '../../print.js';
import { normalize } from '../functional.js';
import { bind } from '../../optim/optimizer.js';
import { register_parametrization, type ParametrizedModule } from './parametrize.js';
import * as MT from '../../ops/methods.js';

const rec = (o: object) => o as unknown as Record<string, unknown>;
const finfoEps = 2 ** -23;   // torch.finfo(torch.float32).eps

/** Q with orthonormal columns from the square A = QR, R's diagonal made non-negative (PyTorch's `_make_orthogonal`). */
function makeOrthogonal(A: Tensor): Tensor {
  const { Q, R } = linalg.qr(A);
  return E.mul(Q, S.unsqueeze(X.sgn(X.diagonal(R, 0, -2, -1)), -2));
}

/** Whether Qᴴ Q is the identity within 10·n·eps (PyTorch's `_is_orthogonal`). */
function isOrthogonal(Q: Tensor): boolean {
  const n = Q._shape[Q._shape.length - 2];
  const k = Q._shape[Q._shape.length - 1];
  return L.matmul(Q.mT, Q).allclose(C.eye(k), { atol: 10 * n * finfoEps });
}


type OrthMap = 'matrix_exp' | 'cayley' | 'householder';

/** The parametrization `orthogonal` registers (PyTorch's `_Orthogonal`), printed `_Orthogonal()`. */
class _Orthogonal extends Module {
  declare base: Tensor | null;
  shape: number[];
  orthogonal_map: OrthMap;

  constructor(weight: Tensor, orthogonal_map: OrthMap, use_trivialization = true) {
    super();
    this.shape = weight._shape.slice();
    this.orthogonal_map = orthogonal_map;
    if (use_trivialization) this.register_buffer('base', null);
  }

  override forward(Xin: Tensor): Tensor {
    let Xm = Xin;
    let n = Xm._shape[Xm._shape.length - 2];
    let k = Xm._shape[Xm._shape.length - 1];
    const transposed = n < k;
    if (transposed) {
      Xm = Xm.mT;
      [n, k] = [k, n];
    }
    let Q: Tensor;
    if (this.orthogonal_map === 'matrix_exp' || this.orthogonal_map === 'cayley') {
      Xm = Xm.tril();
      if (n !== k) Xm = S.cat([Xm, S.expand(C.zeros([n, n - k]), [...Xm._shape.slice(0, -2), -1, -1])], -1);
      const A = E.sub(Xm, Xm.mT);
      if (this.orthogonal_map === 'matrix_exp') {
        Q = linalg.matrix_exp(A);
      } else {
        // the Cayley retraction (I + A/2)(I - A/2)⁻¹
        const Id = C.eye(n);
        Q = linalg.solve(E.add(Id, A, { alpha: -0.5 }), E.add(Id, A, { alpha: 0.5 }));
      }
      if (n !== k) Q = S.narrow(Q, -1, 0, k);
    } else {
      const A = Xm.tril(-1);
      const tau = E.reciprocal(E.add(E.mul(A, A).sum(-2), 1)).mul(2);   // 2 / (1 + (A * A).sum(-2))
      Q = householder_product(A, tau);
      Q = E.mul(Q, S.unsqueeze(E.trunc(X.diagonal(Xm, 0, -2, -1).detach()), -2));
    }
    if (this.base !== undefined && this.base !== null) Q = L.matmul(this.base, Q);
    else if (Object.prototype.hasOwnProperty.call(this, 'base') || this._buffers.has('base')) {
      throw new TypeError("unsupported operand type(s) for @: 'NoneType' and 'Tensor'");
    }
    return transposed ? Q.mT : Q;
  }

  /** The original for a value Q: with the trivialization, base becomes Q (orthogonalized) and the original -I. */
  right_inverse(Qin: Tensor): Tensor {
    return no_grad(() => {
      if (formatSize(Qin._shape) !== formatSize(this.shape)) {
        throw new RangeError(`Expected a matrix or batch of matrices of shape ${formatSize(this.shape)}. Got a tensor of shape ${Qin.shape}.`);
      }
      let Q = Qin;
      let n = Q._shape[Q._shape.length - 2];
      let k = Q._shape[Q._shape.length - 1];
      const transpose = n < k;
      if (transpose) {
        Q = Q.mT;
        [n, k] = [k, n];
      }
      if (!this._buffers.has('base')) {
        if (this.orthogonal_map === 'cayley' || this.orthogonal_map === 'matrix_exp') {
          throw new NotImplementedError('It is not possible to assign to the matrix exponential or the Cayley parametrizations ' +
            'when use_trivialization=False.');
        }
        // householder: Q's QR factors as the reflectors, with diag(R) > 0 (a reflector LAPACK skipped, tau = 0,
        // keeps its sign flipped back), as PyTorch's right_inverse
        const [A, tau] = geqrf(Q);
        const d = X.diagonal(A, 0, -2, -1);
        MT.sign_(d);
        d.set(E.eq(tau, 0), E.neg(d.index(E.eq(tau, 0))));
        return transpose ? A.mT : A;
      }
      if (n === k) Q = isOrthogonal(Q) ? Q.clone() : makeOrthogonal(Q);
      else {
        const N = C.randn([...Q._shape.slice(0, -2), n, n - k]);
        Q = makeOrthogonal(S.cat([Q, N], -1));
      }
      this.base = Q;
      const negId = C.zeros_like(Qin);
      X.diagonal(negId, 0, -2, -1).fill_(-1);
      return negId;
    });
  }
}

/**
 * `parametrizations.orthogonal(module, name='weight', orthogonal_map=None, *, use_trivialization=True)`: makes
 * `module[name]` an orthogonal matrix (or batch of them): Q with orthonormal columns (rows when wide), from a
 * skew-symmetric A by the Cayley map (I + A/2)(I - A/2)⁻¹, the matrix exponential or Householder reflectors. With the
 * trivialization (default), the initial Q is the weight orthogonalized by QR, kept as `parametrizations.weight[0].base`.
 * The map defaults to `'matrix_exp'` for square matrices and `'householder'` otherwise, as in PyTorch.
 *
 * @example parametrizations.orthogonal(new nn.Linear(4, 4), 'weight', 'cayley')
 */
export function orthogonal<M extends Module>(module: M, ...args: unknown[]): ParametrizedModule<M> {
  const o = bind('orthogonal', ['name', 'orthogonal_map'], ['use_trivialization'],
    { name: 'weight', orthogonal_map: null, use_trivialization: true }, args, 1, true);
  const name: string = o.name;
  const weight = rec(module)[name];
  if (!(weight instanceof Tensor)) throw new RangeError(`Module '${module}' has no parameter or buffer with name '${name}'`);
  if (weight._shape.length < 2) {
    throw new RangeError(`Expected a matrix or batch of matrices. Got a tensor of ${weight._shape.length} dimensions.`);
  }
  const nd = weight._shape.length;
  const map: string = o.orthogonal_map ?? (weight._shape[nd - 2] === weight._shape[nd - 1] ? 'matrix_exp' : 'householder');
  if (map !== 'matrix_exp' && map !== 'cayley' && map !== 'householder') {
    throw new RangeError(`orthogonal_map has to be one of "matrix_exp", "cayley", "householder". Got: ${map}`);
  }
  const orth = new _Orthogonal(weight, map as OrthMap, o.use_trivialization);
  return register_parametrization(module, name, orth, { unsafe: true });
}

/** The parametrization `spectral_norm` registers (PyTorch's `_SpectralNorm`), printed `_SpectralNorm()`. */
class _SpectralNorm extends Module {
  dim: number;
  eps: number;
  n_power_iterations?: number;
  declare _u: Tensor;
  declare _v: Tensor;

  constructor(weight: Tensor, n_power_iterations = 1, dim = 0, eps = 1e-12) {
    super();
    const ndim = weight._shape.length;
    if (dim >= ndim || dim < -ndim) {
      throw new RangeError(`Dimension out of range (expected to be in range of [-${ndim}, ${ndim - 1}] but got ${dim})`);
    }
    if (n_power_iterations <= 0) {
      throw new RangeError(`Expected n_power_iterations to be positive, but got n_power_iterations=${n_power_iterations}`);
    }
    this.dim = dim >= 0 ? dim : dim + ndim;
    this.eps = eps;
    if (ndim > 1) {
      this.n_power_iterations = n_power_iterations;
      no_grad(() => {
        const wm = this._reshape_weight_to_matrix(weight.detach());
        const [h, w] = wm._shape;
        const u = C.normal_(Tensor._empty([h], float32), 0, 1);
        const v = C.normal_(Tensor._empty([w], float32), 0, 1);
        this.register_buffer('_u', normalize(u, { dim: 0, eps: this.eps }));
        this.register_buffer('_v', normalize(v, { dim: 0, eps: this.eps }));
        this._power_method(wm, 15);
      });
    }
  }

  _reshape_weight_to_matrix(weight: Tensor): Tensor {
    let w = weight;
    if (this.dim !== 0) w = S.permute(w, [this.dim, ...w._shape.map((_, i) => i).filter((i) => i !== this.dim)]);
    return S.flatten(w, 1);
  }

  /** n steps of the power method, u and v updated in place (PyTorch writes them with out=). */
  _power_method(weight_mat: Tensor, n_power_iterations: number): void {
    no_grad(() => {
      const wm = weight_mat.detach();
      for (let i = 0; i < n_power_iterations; i++) {
        this._u.copy_(normalize(L.mv(wm, this._v), { dim: 0, eps: this.eps }));
        this._v.copy_(normalize(L.mv(wm.t(), this._u), { dim: 0, eps: this.eps }));
      }
    });
  }

  override forward(weight: Tensor): Tensor {
    if (weight._shape.length === 1) return normalize(weight, { dim: 0, eps: this.eps });
    const wm = this._reshape_weight_to_matrix(weight);
    if (this.training) this._power_method(wm, this.n_power_iterations!);
    // clones, so that a backward through two forwards sees the u and v each used (GAN training)
    const u = this._u.clone();
    const v = this._v.clone();
    const sigma = L.dot(u, L.mv(wm, v));
    return E.div(weight, sigma);
  }

  right_inverse(value: Tensor): Tensor {
    return value;
  }
}

/**
 * `parametrizations.spectral_norm(module, name='weight', n_power_iterations=1, eps=1e-12, dim=None)`: `module[name]`
 * divided by its largest singular value, estimated by the power method (u and v drawn from the default generator,
 * 15 steps at registration, `n_power_iterations` at each access in training mode); PyTorch 1.13's reimplementation of
 * `nn.utils.spectral_norm` on parametrizations. dim defaults to 1 for transposed convolutions, else 0.
 *
 * @example const sn = parametrizations.spectral_norm(new nn.Linear(20, 40))
 */
export function spectral_norm<M extends Module>(module: M, ...args: unknown[]): ParametrizedModule<M> {
  const o = bind('spectral_norm', ['name', 'n_power_iterations', 'eps', 'dim'], [],
    { name: 'weight', n_power_iterations: 1, eps: 1e-12, dim: null }, args, 1, true);
  const name: string = o.name;
  const weight = rec(module)[name];
  if (!(weight instanceof Tensor)) throw new RangeError(`Module '${module}' has no parameter or buffer with name '${name}'`);
  const transposed = module instanceof ConvTranspose1d || module instanceof ConvTranspose2d || module instanceof ConvTranspose3d;
  const dim: number = o.dim ?? (transposed ? 1 : 0);
  return register_parametrization(module, name, new _SpectralNorm(weight, o.n_power_iterations, dim, o.eps));
}
