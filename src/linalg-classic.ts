// The torch.* linear algebra composed over torch.linalg that is not in that namespace: torch.nuclear_norm and
// torch.frobenius_norm, and torch.svd_lowrank and torch.pca_lowrank (torch/_lowrank.py): Halko, Martinsson and
// Tropp's randomized range finder, then a small SVD. The same steps as PyTorch's Python, drawing the same
// normal matrix from the global generator, so the factors are PyTorch's up to the usual signs of singular
// vector pairs.
import { Tensor } from './tensor.js';
import { float32, int64 } from './dtype.js';
import { renamed } from './autograd.js';
import { composite, scoped } from './lifetime.js';
import { bind } from './optim/optimizer.js';
import { normDim } from './ops/util.js';
import { checkFloat } from './ops/decomp.js';
import { matrix_norm } from './linalg.js';
import * as E from './ops/elementwise.js';
import * as S from './ops/shape.js';
import * as R from './ops/reduce.js';
import * as Lm from './ops/linalg.js';
import * as C from './ops/create.js';
import { qrQ, svd } from './ops/decomp.js';

const mT = (t: Tensor) => S.transpose(t, -2, -1);

/** An m×q matrix with orthonormal columns approximating the range of A - M (PyTorch's get_approximate_basis). */
function approximateBasis(A: Tensor, q: number, niter: number, M: Tensor | null): Tensor {
  const n = A._shape[A._shape.length - 1];
  const R_ = C.randn(n, q);
  const AH = mT(A);
  const op = (X: Tensor, adj: boolean) => {
    const y = Lm.matmul(adj ? AH : A, X);
    return M ? E.sub(y, Lm.matmul(adj ? mT(M) : M, X)) : y;
  };
  let Q = qrQ(op(R_, false));
  for (let i = 0; i < niter; i++) {
    Q = qrQ(op(Q, true));
    Q = qrQ(op(Q, false));
  }
  return Q;
}

const sizeStr = (s: readonly number[]) => `torch.Size([${s.join(', ')}])`;
/** Python's AssertionError (the failed assert's message is its argument's repr). */
const assertion = (message: string) => Object.assign(new Error(message), { name: 'AssertionError' });

function svdLowrank(A: Tensor, q: number, niter: number, M: Tensor | null): [Tensor, Tensor, Tensor] {
  const m = A._shape[A._shape.length - 2];
  const n = A._shape[A._shape.length - 1];
  const Mt = M ? mT(M) : null;
  const At = mT(A);
  const check = (Bt: Tensor, rows: number, cols: number) => {
    const s = Bt._shape.slice(-2);
    if (s[0] !== rows) throw assertion(`(${sizeStr(Bt._shape)}, ${rows})`);
    if (s[1] !== cols) throw assertion(`(${sizeStr(Bt._shape)}, ${cols})`);
    if (s[1] > s[0]) throw assertion(sizeStr(Bt._shape));
  };
  if (m < n || n > q) {
    const Q = approximateBasis(At, q, niter, Mt);
    const Bt = M ? E.sub(Lm.matmul(A, Q), Lm.matmul(M, Q)) : Lm.matmul(A, Q);
    check(Bt, m, q);
    const [U, Sv, Vh] = svd(Bt, false);
    return [U, Sv, Q.matmul(mT(Vh))];
  }
  const Q = approximateBasis(A, q, niter, M);
  const B = Mt ? E.sub(Lm.matmul(At, Q), Lm.matmul(Mt, Q)) : Lm.matmul(At, Q);
  const Bt = mT(B);
  check(Bt, q, n);
  const [U, Sv, Vh] = svd(Bt, false);
  return [Q.matmul(U), Sv, mT(Vh)];
}

type LowrankOpts = { q?: number | null; niter?: number | null; M?: Tensor | null };

/**
 * An approximate rank-q SVD A ≈ U·diag(S)·Vᵀ (of A - M when M is given) by randomized subspace iteration
 * with niter power steps: `torch.svd_lowrank(A, q=6, niter=2, M=None)` → (U, S, V). Its normal draws come
 * from the global generator (torch.manual_seed gives PyTorch's).
 */
function svd_lowrank_impl(A: Tensor, ...args: [q?: number | null | LowrankOpts, niter?: number | null | LowrankOpts, M?: Tensor | null | LowrankOpts, opts?: LowrankOpts]): [Tensor, Tensor, Tensor] {
  const o = bind('svd_lowrank', ['q', 'niter', 'M'], [], { q: 6, niter: 2, M: null }, args, 1, true);
  return svdLowrank(A, o.q ?? 6, o.niter ?? 2, o.M);
}

type PcaOpts = { q?: number | null; center?: boolean; niter?: number };

/**
 * Principal components of the rows of A (centered unless center is false) by svd_lowrank:
 * `torch.pca_lowrank(A, q=None, center=True, niter=2)` → (U, S, V), q = min(6, m, n) by default; the
 * projections are A·V[:, :k].
 */
function pca_lowrank_impl(A: Tensor, ...args: [q?: number | null | PcaOpts, center?: boolean | PcaOpts, niter?: number | PcaOpts, opts?: PcaOpts]): [Tensor, Tensor, Tensor] {
  const o = bind('pca_lowrank', ['q', 'center', 'niter'], [], { q: null, center: true, niter: 2 }, args, 1, true);
  if (A._shape.length < 2) throw new RangeError(`not enough values to unpack (expected 2, got ${A._shape.length})`);
  const [m, n] = A._shape.slice(-2);
  let q: number;
  if (o.q === null) q = Math.min(6, m, n);
  else if (!(o.q >= 0 && o.q <= Math.min(m, n))) {
    throw new RangeError(`q(=${o.q}) must be non-negative integer and not greater than min(m, n)=${Math.min(m, n)}`);
  } else q = o.q;
  if (!(o.niter >= 0)) throw new RangeError(`niter(=${o.niter}) must be non-negative integer`);
  if (!o.center) return svdLowrank(A, q, o.niter, null);
  return svdLowrank(E.sub(A, R.mean(A, [-2], { keepdim: true })), q, o.niter, null);
}

export const svd_lowrank = /*#__PURE__*/ composite(svd_lowrank_impl, 'svd_lowrank');
export const pca_lowrank = /*#__PURE__*/ composite(pca_lowrank_impl, 'pca_lowrank');

// ---------------------------------------------------------------- torch.nuclear_norm, torch.frobenius_norm

type NucOpts = { dim?: number[]; keepdim?: boolean };

/**
 * The nuclear norm (sum of singular values): `torch.nuclear_norm(A, keepdim=False)` of a 2-D A, or
 * `torch.nuclear_norm(A, dim, keepdim=False)` over the two dims.
 */
export function nuclear_norm(A: Tensor, ...args: [dim?: number[] | boolean | NucOpts, keepdim?: boolean | NucOpts, opts?: NucOpts]): Tensor {
  const withDim = Array.isArray(args[0]) || (args.length > 0 && typeof args[args.length - 1] === 'object' && args[args.length - 1] !== null &&
    !Array.isArray(args[args.length - 1]) && 'dim' in (args[args.length - 1] as object));
  const o = bind('nuclear_norm', withDim ? ['dim', 'keepdim'] : ['keepdim'], [], { keepdim: false }, args);
  if (!withDim && A._shape.length !== 2) {
    const d = A._shape.length;
    throw new RangeError(`Expected a tensor with 2 dimensions, but got a tensor with ${d} dimension${d === 1 ? '' : 's'} instead.`);
  }
  const dim: number[] = withDim ? [...o.dim] : [0, 1];
  if (dim.length !== 2) throw new RangeError("nuclear norm requires a 'dim' argument of size 2");
  checkFloat(A, 'linalg.svd');
  return matrix_norm(A, 'nuc', dim, o.keepdim);
}

/**
 * The Frobenius norm sqrt(Σ x²): `torch.frobenius_norm(A)` over every element, or
 * `torch.frobenius_norm(A, dim, keepdim=False)` over one or two dims.
 */
export function frobenius_norm(A: Tensor, ...args: [dim?: number | number[] | { dim?: number | number[]; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }, opts?: { keepdim?: boolean }]): Tensor {
  const o = bind('frobenius_norm', ['dim', 'keepdim'], [], { dim: undefined, keepdim: false }, args);
  return scoped(() => {
    if (o.dim === undefined) {
      if (A.dtype !== float32) throw new TypeError(`norm(): input dtype should be either floating point or complex. Got ${A.dtype === int64 ? 'Long' : 'Bool'} instead.`);
      return renamed('NormBackward0', R.norm(A));
    }
    const dim: number[] = typeof o.dim === 'number' ? [o.dim] : [...o.dim];
    if (dim.length > 2) throw new RangeError(`Expected at most 2 dimensions, but got ${dim.length} dimensions instead.`);
    if (dim.length < 2) return R.norm(A, 2, dim, o.keepdim);
    const [d0, d1] = dim.map((d) => normDim(d, A._shape.length));
    if (d0 === d1) throw new RangeError(`Expected dims to be different, got [${dim.join(', ')}] instead`);
    if (A.dtype !== float32) {
      throw new Error('result.scalar_type() == toRealValueType(self.scalar_type()) INTERNAL ASSERT FAILED at ' +
        '"./aten/src/ATen/native/LinearAlgebra.cpp":2694, please report a bug to PyTorch. ');
    }
    return E.sqrt(R.sum(E.mul(A, A), [d0, d1], { keepdim: o.keepdim }));
  }, 'the end of frobenius_norm() (an internal temporary)');
}
