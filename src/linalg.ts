// torch.linalg: the factorizations (src/ops/decomp.ts) and what PyTorch 1.13 composes from them:
// vector/matrix norms, matrix_power, multi_dot, cross, diagonal, vecdot. Batched ([..., m, n]) throughout.
import { Tensor } from './tensor.js';
import { float32, int64 } from './dtype.js';
import { record } from './autograd.js';
import { scoped } from './lifetime.js';
import { bind } from './optim/optimizer.js';
import { normDim } from './ops/util.js';
import * as E from './ops/elementwise.js';
import * as S from './ops/shape.js';
import * as R from './ops/reduce.js';
import * as Lm from './ops/linalg.js';
import * as C from './ops/create.js';
import * as X from './ops/extra.js';
import { checkDims, checkFloat, checkSquare, inv, inv_ex, solve, svdvals, LinAlgError } from './ops/decomp.js';
import * as MT from './ops/methods.js';

export {
  LinAlgError, det, slogdet, inv, inv_ex, solve, solve_ex, cholesky, cholesky_ex, solve_triangular, qr, eigh, eigvalsh,
  svd, svdvals, pinv, lstsq, matrix_rank,
} from './ops/decomp.js';
export {
  lu_factor, lu_factor_ex, lu, lu_solve, ldl_factor, ldl_factor_ex, ldl_solve, householder_product,
  linalgEig as eig, linalgEigvals as eigvals,
} from './ops/decomp-more.js';
export type {
  LUFactorResult, LUFactorExResult, PLUResult, LDLFactorResult, LDLFactorExResult,
} from './ops/decomp-more.js';
export type {
  SlogdetResult, InvExResult, SolveExResult, CholeskyExResult, QRResult, EighResult, SVDResult, LstsqResult, PinvOpts,
  RankOpts, SolveTriangularOpts,
} from './ops/decomp.js';

/** `torch.linalg.matmul`: torch.matmul. */
export const matmul = (a: Tensor, b: Tensor) => Lm.matmul(a, b);

const pyType = (v: unknown) => (typeof v === 'string' ? 'str' : v === null ? 'NoneType' : Array.isArray(v) ? 'list' : typeof v);

// ---------------------------------------------------------------- norms

type Dim = number | readonly number[] | null;
export interface NormOpts { dim?: Dim; keepdim?: boolean; dtype?: unknown }

function checkDtype(fn: string, dtype: unknown): void {
  if (dtype != null && dtype !== float32 && dtype !== 'float32') throw new TypeError(`${fn}: dtype must be float32 in tocha, got ${String(dtype)}`);
}

/** x's values reduced to their ord-norm over dims (no graph). */
function vnormValue(x: Tensor, ord: number, dims: number[], keepdim: boolean): Tensor {
  // ATen's norm kernel: serial float sums in TensorIterator's order, p = 2's vectorised lastdim path, glibc's powf
  return R.normValue(x, ord, dims, keepdim);
}

/** PyTorch's norm_backward for the ord-norm y of x over dims. */
function vnormBackward(g: Tensor, x: Tensor, y: Tensor, p: number, dims: number[], keepdim: boolean): Tensor {
  if (!keepdim && x._shape.length !== 0) {
    for (const d of dims) {
      g = S.unsqueeze(g, d);
      y = S.unsqueeze(y, d);
    }
  }
  const zeroNorm = E.eq(y, 0);
  if (p === 0) return E.filled(x._shape.slice(), float32, 0);
  if (p === 1) return E.mul(X.sgn(x), g);
  if (p === 2) return E.mul(g, E.where(zeroNorm, 0, E.div(x, y)));
  if (!Number.isFinite(p)) {
    // the gradient goes evenly to the elements that attain the norm (and to NaNs)
    const ax = E.abs(x);
    const mask = E.cast(E.logical_or(E.eq(ax, y), E.isnan(ax)), float32);
    return E.mul(X.sgn(x), E.mul(E.div(g, R.sum(mask, dims, { keepdim: true })), mask));
  }
  if (p < 1) {
    const scaled = E.where(E.eq(x, 0), 0, E.mul(X.sgn(x), E.pow(E.abs(x), p - 1)));
    return E.mul(E.mul(scaled, g), E.pow(y, 1 - p));
  }
  const scaled = p < 2 ? E.mul(X.sgn(x), E.pow(E.abs(x), p - 1)) : E.mul(x, E.pow(E.abs(x), p - 2));
  return E.mul(scaled, E.where(zeroNorm, 0, E.div(g, E.pow(y, p - 1))));
}

/**
 * The ord-norm of x as a vector (over all elements, or over dim): `torch.linalg.vector_norm(x, ord=2, dim=None,
 * keepdim=False)`. ord may be any number, Infinity (max |x|), -Infinity (min |x|) or 0 (count of nonzeros).
 */
export function vector_norm(x: Tensor, ...args: [ord?: number | NormOpts & { ord?: number }, dim?: Dim | NormOpts, keepdim?: boolean | NormOpts, opts?: NormOpts]): Tensor {
  const o = bind('linalg_vector_norm', ['ord', 'dim', 'keepdim'], ['dtype'], { ord: 2, dim: null, keepdim: false, dtype: null }, args);
  const ord: unknown = o.ord;
  if (typeof ord !== 'number') throw new TypeError(`linalg_vector_norm(): argument 'ord' (position 2) must be Number, not ${pyType(ord)}`);
  checkFloat(x, 'linalg.vector_norm');
  checkDtype('linalg.vector_norm', o.dtype);
  const dims = R.normDims(typeof o.dim === 'number' ? [o.dim] : o.dim, x._shape.length);
  const keepdim: boolean = o.keepdim;
  if (!Number.isFinite(ord) && !Number.isNaN(ord) && x.numel() === 0) {
    throw new RangeError(`linalg.vector_norm cannot compute the ${ord > 0 ? '' : '-'}inf norm on an empty tensor because the operation does not have an identity`);
  }
  return scoped(() => {
    const out = vnormValue(x.detach(), ord, dims, keepdim);
    // ord 0 counts nonzeros: PyTorch's backward gives no gradient at all (None), not zeros
    return record('LinalgVectorNormBackward0', out, [x], [x, out],
      (g, [sx, y]) => [ord === 0 ? null : vnormBackward(g, sx, y, ord, dims, keepdim)]);
  }, 'the end of linalg.vector_norm() (an internal temporary)');
}

type MatrixOrd = number | 'fro' | 'nuc';

/** dims except d0 and d1 in order, then d0, d1 (PyTorch's create_dim_backshift_permutation). */
function backshift(d0: number, d1: number, nd: number): number[] {
  const p: number[] = [];
  for (let i = 0; i < nd; i++) if (i !== d0 && i !== d1) p.push(i);
  return [...p, d0, d1];
}

function inversePerm(p: number[]): number[] {
  const r = new Array<number>(p.length);
  p.forEach((v, i) => { r[v] = i; });
  return r;
}

/**
 * The matrix norm of A over the two dims: `torch.linalg.matrix_norm(A, ord='fro', dim=(-2, -1), keepdim=False)`.
 * ord: 'fro', 'nuc' (sum of singular values), 2 / -2 (largest / smallest singular value), 1 / -1 (max / min
 * column abs sum), Infinity / -Infinity (max / min row abs sum).
 */
export function matrix_norm(A: Tensor, ...args: [ord?: MatrixOrd | NormOpts & { ord?: MatrixOrd }, dim?: Dim | NormOpts, keepdim?: boolean | NormOpts, opts?: NormOpts]): Tensor {
  const o = bind('linalg_matrix_norm', ['ord', 'dim', 'keepdim'], ['dtype'], { ord: 'fro', dim: [-2, -1], keepdim: false, dtype: null }, args);
  const ord: MatrixOrd = o.ord;
  const fn = 'linalg.matrix_norm';
  if (typeof ord === 'string' ? ord !== 'fro' && ord !== 'nuc' : ![1, 2, Infinity].includes(Math.abs(ord))) {
    throw new RangeError(`${fn}: Order ${typeof ord === 'number' && !Number.isInteger(ord) ? ord : String(ord)} not supported.`);
  }
  checkDims(A, fn);
  checkFloat(A, fn);
  checkDtype(fn, o.dtype);
  const dimList: number[] = typeof o.dim === 'number' ? [o.dim] : [...o.dim];
  if (dimList.length !== 2) throw new RangeError(`${fn}: dim must be a 2-tuple. Got ${dimList.join(' ')}`);
  const nd = A._shape.length;
  let [d0, d1] = dimList.map((d) => normDim(d, nd));
  if (d0 === d1) throw new RangeError(`${fn}: dims must be different. Got (${d0}, ${d1})`);
  const keepdim: boolean = o.keepdim;
  return scoped(() => {
    if (ord === 'fro') return vector_norm(A, 2, [d0, d1], keepdim);
    if (ord === 'nuc' || Math.abs(ord) === 2) {
      const perm = backshift(d0, d1, nd);
      const sv = svdvals(S.permute(A, perm));
      let r = ord === 'nuc' ? R.sum(sv, -1, { keepdim }) : ord > 0 ? R.amax(sv, -1, { keepdim }) : R.amin(sv, -1, { keepdim });
      if (keepdim) r = S.permute(S.unsqueeze(r, -1), inversePerm(perm));
      return r;
    }
    // the inf norm is the 1 norm of the transpose
    if (Math.abs(ord) === Infinity) [d0, d1] = [d1, d0];
    if (!keepdim && d0 < d1) d1--;
    const colSums = vector_norm(A, 1, [d0], keepdim);
    return ord > 0 ? R.amax(colSums, d1, { keepdim }) : R.amin(colSums, d1, { keepdim });
  }, 'the end of linalg.matrix_norm() (an internal temporary)');
}

/**
 * `torch.linalg.norm(A, ord=None, dim=None, keepdim=False)`: a matrix norm when dim has two entries (or A
 * is 2-D and ord is given), else a vector norm (ord=None is the 2-norm of the flattened input).
 */
export function norm(A: Tensor, ...args: [ord?: MatrixOrd | null | NormOpts & { ord?: MatrixOrd | null }, dim?: Dim | NormOpts, keepdim?: boolean | NormOpts, opts?: NormOpts]): Tensor {
  const o = bind('linalg_norm', ['ord', 'dim', 'keepdim'], ['dtype'], { ord: null, dim: null, keepdim: false, dtype: null }, args);
  const ord: MatrixOrd | null = o.ord;
  const dim: number[] | null = o.dim === null ? null : typeof o.dim === 'number' ? [o.dim] : [...o.dim];
  const nd = A._shape.length;
  if (dim !== null) {
    if (dim.length !== 1 && dim.length !== 2) {
      throw new RangeError(`linalg.norm: If dim is specified, it ${typeof ord === 'string' ? 'mut' : 'must'} be of length 1 or 2. Got [${dim.join(', ')}]`);
    }
  } else if (ord !== null && nd !== 1 && nd !== 2) {
    throw new RangeError(`linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ${nd}D.`);
  }
  if (typeof ord === 'string') return matrix_norm(A, ord, dim ?? [0, 1], o.keepdim, { dtype: o.dtype });
  if (ord !== null && ((dim !== null && dim.length === 2) || (dim === null && nd === 2))) {
    return matrix_norm(A, ord, dim ?? [0, 1], o.keepdim, { dtype: o.dtype });
  }
  return vector_norm(A, ord ?? 2, dim, o.keepdim, { dtype: o.dtype });
}

// ---------------------------------------------------------------- products

/**
 * A raised to the integer power n by repeated squaring (n < 0: of inv(A); n = 0: the identity):
 * `torch.linalg.matrix_power(A, n)`, also `torch.matrix_power`.
 */
export function matrix_power(A: Tensor, n: number): Tensor {
  if (!Number.isInteger(n)) throw new TypeError(`linalg_matrix_power(): argument 'n' (position 2) must be int, not ${Number.isFinite(n) ? 'float' : pyType(n)}`);
  checkSquare(A, 'linalg.matrix_power');
  return scoped(() => {
    if (n === 0) return S.copy_(E.clone(A), S.expand(C.eye(A._shape[A._shape.length - 1]), A._shape));
    if (n === 1) return E.clone(A);
    if (n === -1) return inv(A);
    const a = n < 0 ? inv(A) : A;
    let k = Math.abs(n);
    if (k === 2) return Lm.matmul(a, a);
    if (k === 3) return Lm.matmul(Lm.matmul(a, a), a);
    // binary decomposition of k, least significant bit first (PyTorch's order of products)
    let z: Tensor | null = null;
    let result: Tensor | null = null;
    while (k > 0) {
      const bit = k % 2;
      k = Math.floor(k / 2);
      z = z ? Lm.matmul(z, z) : a;
      if (bit === 1) result = result ? Lm.matmul(result, z) : z;
    }
    return result!;
  }, 'the end of linalg.matrix_power() (an internal temporary)');
}

/**
 * The product of two or more matrices in the cheapest order (1-D first/last operands are a row/column
 * vector): `torch.linalg.multi_dot([A, B, C])`.
 */
export function multi_dot(tensors: readonly Tensor[]): Tensor {
  const n = tensors.length;
  if (n < 2) throw new RangeError(`multi_dot(): expected at least 2 tensors but got ${n}`);
  const first = tensors[0];
  const lastT = tensors[n - 1];
  if (first._shape.length !== 1 && first._shape.length !== 2) throw new RangeError(`multi_dot(): the first tensor must be 1D or 2D but got ${first._shape.length}D`);
  if (lastT._shape.length !== 1 && lastT._shape.length !== 2) throw new RangeError(`multi_dot(): the last tensor must be 1D or 2D but got ${lastT._shape.length}D`);
  for (let i = 1; i < n - 1; i++) {
    if (tensors[i]._shape.length !== 2) throw new RangeError(`multi_dot(): tensor ${i} must be 2D but got ${tensors[i]._shape.length}D`);
  }
  return scoped(() => {
    const outShape: number[] = [];
    const ts = tensors.slice();
    if (first._shape.length === 1) ts[0] = S.unsqueeze(first, 0);
    else outShape.push(first._shape[0]);
    if (lastT._shape.length === 1) ts[n - 1] = S.unsqueeze(lastT, -1);
    else outShape.push(lastT._shape[1]);
    for (let i = 1; i < n; i++) {
      if (ts[i].dtype !== ts[0].dtype) {
        throw new TypeError(`multi_dot(): all tensors must have be the same dtype but tensor 0 is ${ts[0].dtype} and tensor ${i} ${ts[i].dtype}`);
      }
      if (ts[i - 1]._shape[1] !== ts[i]._shape[0]) {
        throw new RangeError(`multi_dot(): tensors ${i - 1} and ${i} with shapes [${tensors[i - 1]._shape.join(', ')}] and ` +
          `[${tensors[i]._shape.join(', ')}] cannot be multiplied`);
      }
    }
    let out: Tensor;
    if (n === 2) out = Lm.mm(ts[0], ts[1]);
    else if (n === 3) {
      const [a, b, c, d] = [ts[0]._shape[0], ts[1]._shape[0], ts[2]._shape[0], ts[2]._shape[1]];
      out = a * c * (b + d) > b * d * (a + c) ? Lm.mm(ts[0], Lm.mm(ts[1], ts[2])) : Lm.mm(Lm.mm(ts[0], ts[1]), ts[2]);
    } else {
      const s = chainOrder(ts);
      const mul = (i: number, j: number): Tensor => (i === j ? ts[i] : Lm.mm(mul(i, s[i][j]), mul(s[i][j] + 1, j)));
      out = mul(0, n - 1);
    }
    return S.view(out, outShape);
  }, 'the end of linalg.multi_dot() (an internal temporary)');
}

/** The matrix-chain split points of the cheapest product (PyTorch's matrix_chain_order, first minimum). */
function chainOrder(ts: Tensor[]): number[][] {
  const n = ts.length;
  const p = ts.map((t) => t._shape[0]);
  p.push(ts[n - 1]._shape[1]);
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const s = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let l = 1; l < n; l++) {
    for (let i = 0; i < n - l; i++) {
      const j = i + l;
      m[i][j] = Infinity;
      for (let k = i; k < j; k++) {
        const q = m[i][k] + m[k + 1][j] + p[i] * p[k + 1] * p[j + 1];
        if (q < m[i][j]) {
          m[i][j] = q;
          s[i][j] = k;
        }
      }
    }
  }
  return s;
}

/** Cross product of 3-vectors along dim (default -1), broadcasting: `torch.linalg.cross(a, b)`. */
export function cross(a: Tensor, b: Tensor, opts: { dim?: number } = {}): Tensor {
  const { dim } = bind('linalg_cross', [], ['dim'], { dim: -1 }, [opts]);
  if (a._shape.length !== b._shape.length) throw new RangeError('linalg.cross: inputs must have the same number of dimensions.');
  const d = normDim(dim, a._shape.length);
  if (a._shape[d] !== 3 || b._shape[d] !== 3) {
    throw new RangeError(`linalg.cross: inputs dimension ${dim} must have length 3. Got ${a._shape[d]} and ${b._shape[d]}`);
  }
  return scoped(() => {
    const out = X.cross(a.detach(), b.detach(), d);
    // d(a×b) = da×b + a×db: ga = b×g, gb = g×a
    return record('LinalgCrossBackward0', out, [a, b], [a, b], (g, [sa, sb], needs) => [
      needs[0] ? cross(sb, g, { dim: d }) : null,
      needs[1] ? cross(g, sa, { dim: d }) : null,
    ]);
  }, 'the end of linalg.cross() (an internal temporary)');
}

/** The diagonals of the matrices (offset, dim1=-2, dim2=-1): `torch.linalg.diagonal(A, { offset })`. */
export function diagonal(A: Tensor, opts: { offset?: number; dim1?: number; dim2?: number } = {}): Tensor {
  const { offset, dim1, dim2 } = bind('linalg_diagonal', [], ['offset', 'dim1', 'dim2'], { offset: 0, dim1: -2, dim2: -1 }, [opts]);
  return X.diagonal(A, offset, dim1, dim2);
}

/** Σ x·y along dim (default -1), broadcasting: `torch.linalg.vecdot(x, y)`. */
export function vecdot(x: Tensor, y: Tensor, opts: { dim?: number } = {}): Tensor {
  const { dim } = bind('linalg_vecdot', [], ['dim'], { dim: -1 }, [opts]);
  checkFloat(x, 'linalg.vecdot');
  if (x.dtype !== y.dtype) {
    throw new TypeError(`linalg.vecdot: Expected x and y to have the same dtype, but found x of type Float and y of type ${y.dtype === float32 ? 'Float' : y.dtype.name === 'int64' ? 'Long' : 'Bool'} instead`);
  }
  if (x._shape.length === 1 && y._shape.length === 1) {
    return scoped(() => {
      const out = Lm.dot(x.detach(), y.detach());
      return record('VdotBackward0', out, [x, y], [x, y], (g, [sx, sy]) => [E.mul(sy, g), E.mul(sx, g)]);
    }, 'the end of linalg.vecdot() (an internal temporary)');
  }
  return scoped(() => R.sum(E.mul(x, y), dim), 'the end of linalg.vecdot() (an internal temporary)');
}

// ---------------------------------------------------------------- matrix functions and condition numbers

const f32 = Math.fround;
// ATen's thresholds on ‖A‖₁ for the degree 1, 2, 4, 8, 12 and 18 Taylor approximations (float32)
const THETAS = [1.192092800768788e-07, 5.978858893805233e-04, 5.116619363445086e-02, 5.800524627688768e-01,
  1.461661507209034e+00, 3.010066362817634e+00].map(f32);

/** Σ_k As[k]·c[k] in k order (ATen's _compute_linear_combination), the coefficients in float32. */
function lincomb(As: readonly Tensor[], c: readonly number[]): Tensor {
  let out: Tensor | null = null;
  As.forEach((a, k) => {
    const t = E.mul(a, f32(c[k]));
    out = out ? E.add(out, t) : t;
  });
  return out!;
}

/** [I, A, A², A³, A⁶][0:count], the powers by matmul as ATen's _fill_matrix_powers. */
function powers(A: Tensor, count: number): Tensor[] {
  const I = S.expand(C.eye(A._shape[1]), A._shape);
  const As = [I, A];
  if (count > 2) As.push(Lm.matmul(A, A));
  if (count > 3) As.push(Lm.matmul(A, As[2]));
  if (count > 4) As.push(Lm.matmul(As[3], As[3]));
  return As;
}

/** ATen's Taylor approximations T1, T2, T4, T8, T12, T18 of exp(A) (Bader, Blanes, Casas 2019), for a batch [b, n, n]. */
function taylor(deg: number, A: Tensor): Tensor {
  if (deg === 0) return E.add(S.expand(C.eye(A._shape[1]), A._shape), A);
  if (deg === 1) {
    const [I, A1, A2] = powers(A, 3);
    return E.add(E.add(I, A1), E.div(A2, 2));
  }
  if (deg === 2) {
    const As = powers(A, 3);
    As.push(Lm.matmul(As[2], lincomb(As, [1 / 2, 1 / 6, 1 / 24])));
    return lincomb(As, [1, 1, 0, 1]);
  }
  if (deg === 3) {
    const sqrt177 = f32(0.1330413469565007072504e+2);
    const x3 = f32(2 / 3);
    const x1 = f32(x3 * ((1 + sqrt177) / 88));
    const x2 = f32(x3 * ((1 + sqrt177) / 352));
    const x4 = f32((-271 + 29 * sqrt177) / (315 * x3));
    const x5 = f32((-11 + 11 * sqrt177) / (1260 * x3));
    const x6 = f32((-99 + 11 * sqrt177) / (5040 * x3));
    const x7 = f32((89 - sqrt177) / (5040 * x3));
    const y2 = f32((857 - 58 * sqrt177) / 630);
    const As = powers(A, 3);
    // A4 = A2·(x1·A + x2·A2); A8 = (x3·A2 + A4)·(x4·I + x5·A + x6·A2 + x7·A4)
    As.push(Lm.matmul(As[2], lincomb([As[1], As[2]], [x1, x2])));
    As.push(Lm.matmul(lincomb([As[2], As[3]], [x3, 1]), lincomb(As.slice(0, 4), [x4, x5, x6, x7])));
    return lincomb(As, [1, 1, y2, 0, 1]);
  }
  const b = deg === 4 ? T12 : T18;
  const As = powers(A, b.length);
  const Bs = b.map((row) => lincomb(As, row));
  if (deg === 4) {
    // A6 = B3², then B0 + (B1 + B2)·B2 with B2 += A6
    Bs[2] = E.add(Bs[2], Lm.matmul(Bs[3], Bs[3]));
    return E.add(Bs[0], Lm.matmul(E.add(Bs[1], Bs[2]), Bs[2]));
  }
  // A9 = B0·B4, then B1 + (B2 + B3)·B3 with B3 += A9
  Bs[3] = E.add(Bs[3], Lm.matmul(Bs[0], Bs[4]));
  return E.add(Bs[1], Lm.matmul(E.add(Bs[2], Bs[3]), Bs[3]));
}

const T12 = [
  [9.0198e-16, 0.46932117595418237389, -0.20099424927047284052, -0.04623946134063071740],
  [5.31597895759871264183, 1.19926790417132231573, 0.01179296240992997031, 0.01108844528519167989],
  [0.18188869982170434744, 0.05502798439925399070, 0.09351590770535414968, 0.00610700528898058230],
  [-2.0861320e-13, -0.13181061013830184015, -0.02027855540589259079, -0.00675951846863086359],
];
const T18 = [
  [0, -1.00365581030144618291e-01, -8.02924648241156932449e-03, -8.92138498045729985177e-04, 0],
  [0, 3.97849749499645077844e-01, 1.36783778460411720168e+00, 4.98289622525382669416e-01, -6.37898194594723280150e-04],
  [-1.09676396052962061844e+01, 1.68015813878906206114e+00, 5.71779846478865511061e-02, -6.98210122488052056106e-03,
    3.34975017086070470649e-05],
  [-9.04316832390810593223e-02, -6.76404519071381882256e-02, 6.75961301770459654925e-02, 2.95552570429315521194e-02,
    -1.39180257516060693404e-05],
  [0, 0, -9.23364619367118555360e-02, -1.69364939002081722752e-02, -1.40086798182036094347e-05],
];

/**
 * exp of each matrix of the batch a ([b, n, n], n ≥ 2), no graph: ATen's mexp. Each matrix takes the lowest
 * degree whose threshold its ‖·‖₁ is within; beyond the degree-12 one, T18 of A/2^s squared s times,
 * s = max(0, ⌈log₂(‖A‖₁/θ₁₈)⌉).
 */
function mexp(a: Tensor): Tensor {
  const b = a._shape[0];
  const norms = Array.from(R.amax(R.sum(E.abs(a), -2), -1).dataSync());
  const slots: (Tensor | null)[] = new Array(b).fill(null);
  const group = (pick: (v: number) => boolean) => norms.map((v, i) => (pick(v) ? i : -1)).filter((i) => i >= 0);
  const place = (idx: number[], res: Tensor) => S.unbind(res, 0).forEach((t, j) => { slots[idx[j]] = t; });
  const rows = (idx: number[]) => S.index_select(a, 0, C.tensor(idx, { dtype: int64 }));
  for (let d = 0; d < 5; d++) {
    const lo = d === 0 ? -1 : THETAS[d - 1];
    const idx = group((v) => lo < v && v <= THETAS[d]);
    if (idx.length) place(idx, taylor(d, rows(idx)));
  }
  // (a norm equal to θ₁₂ falls in both groups: the scaled T18, computed last, is kept, as in ATen)
  const big = group((v) => v >= THETAS[4]);
  if (big.length) {
    const s = big.map((i) => Math.max(0, Math.ceil(f32(Math.log2(f32(norms[i] / THETAS[5]))))));
    const pow2 = C.tensor(s.map((v) => 2 ** v), { dtype: float32 }).reshape([-1, 1, 1]);
    const scaled = taylor(5, E.div(rows(big), pow2));
    S.unbind(scaled, 0).forEach((m, j) => {
      let r = m;
      for (let p = 0; p < s[j]; p++) r = Lm.matmul(r, r);
      slots[big[j]] = r;
    });
  }
  // a NaN norm is in no group (ATen leaves that matrix uninitialized)
  const nan = E.filled([a._shape[1], a._shape[2]], float32, NaN);
  return S.stack(slots.map((t) => t ?? nan), 0);
}

/** PyTorch's matrix_exp backward: the upper-right block of exp([[Aᵀ, G], [0, Aᵀ]]) (differentiable). */
function matrixExpBackward(g: Tensor, A: Tensor): Tensor {
  const n = A._shape[A._shape.length - 1];
  const At = S.transpose(A, -2, -1);
  const meta = S.cat([S.cat([At, g], -1), S.cat([E.filled(A._shape.slice(), float32, 0), At], -1)], -2);
  return S.narrow(S.narrow(matrix_exp(meta), -2, 0, n), -1, n, n);
}

/**
 * The matrix exponential e^A = Σ Aᵏ/k! of each square matrix: `torch.linalg.matrix_exp(A)`, also
 * `torch.matrix_exp`, `A.matrix_exp()`. PyTorch's algorithm: a Taylor polynomial of degree 1 to 18
 * chosen by ‖A‖₁, with scaling and squaring past the degree-18 threshold.
 */
export function matrix_exp(A: Tensor): Tensor {
  checkSquare(A, 'linalg.matrix_exp');
  checkFloat(A, 'matrix_exp');
  return scoped(() => {
    const n = A._shape[A._shape.length - 1];
    const x = A.detach();
    let out: Tensor;
    if (n === 0) out = E.clone(x);
    else if (n === 1) out = E.exp(x);
    else out = S.reshape(mexp(S.reshape(x, [-1, n, n])), A._shape.slice()).contiguous();
    return record('LinalgMatrixExpBackward0', out, [A], [A], (g, [a]) => [matrixExpBackward(g, a)]);
  }, 'the end of linalg.matrix_exp() (an internal temporary)');
}

type CondOrd = number | 'fro' | 'nuc' | null;

/**
 * ‖A‖·‖A⁻¹‖ in the ord-norm, A⁻¹ = inf where A is singular, and inf for 0·inf: PyTorch's _linalg_cond_helper,
 * in place as it is. (So its backward fails as 1.13's does: masked_fill_ modifies the inverse saved for backward.)
 */
function condHelper(A: Tensor, ord: number | 'fro' | 'nuc'): Tensor {
  const [inverse, info] = inv_ex(A);
  inverse.masked_fill_(S.unsqueeze(S.unsqueeze(E.gt(info, 0), -1), -1), Infinity);
  return MT.nan_to_num_(E.mul(matrix_norm(A, ord), matrix_norm(inverse, ord)), Infinity, Infinity, -Infinity);
}

/**
 * The condition number of each matrix in the p-norm: `torch.linalg.cond(A, p=None)`. p None or 2 is
 * σ_max/σ_min (-2: σ_min/σ_max, any shape); 'fro', 'nuc', 1, -1, Infinity, -Infinity (square matrices only)
 * are ‖A‖·‖A⁻¹‖, infinite for a singular A. 0×0 matrices give 0.
 */
export function cond(A: Tensor, ...args: [p?: CondOrd | { p?: CondOrd }, opts?: { p?: CondOrd }]): Tensor {
  const { p } = bind('linalg_cond', ['p'], [], { p: null }, args);
  const ord: CondOrd = p;
  const invalid = () => new RangeError(`linalg.cond got an invalid norm type: ${String(ord)}`);
  return scoped(() => {
    const zeros = () => E.filled(A._shape.slice(0, -2), float32, 0);
    if (typeof ord === 'string') {
      checkSquare(A, `linalg.cond(ord=${ord})`);
      if (ord !== 'fro' && ord !== 'nuc') throw invalid();
      if (A.numel() === 0) return zeros();
      if (ord === 'nuc') {
        const sv = svdvals(A);
        return E.mul(R.sum(sv, -1), R.sum(E.reciprocal(sv), -1));
      }
      return condHelper(A, ord);
    }
    if (A._shape.length < 2) throw new RangeError('linalg.cond: The input tensor must have at least 2 dimensions.');
    const o = ord ?? 2;
    if (![2, -2, 1, -1, Infinity, -Infinity].includes(o)) throw invalid();
    if (A.numel() === 0) return zeros();
    if (Math.abs(o) === 2) {
      const sv = svdvals(A);
      const k = sv._shape[sv._shape.length - 1];
      const sMax = S.narrow(sv, -1, 0, 1);
      const sMin = S.narrow(sv, -1, k - 1, 1);
      return S.squeeze(o === -2 ? E.div(sMin, sMax) : E.div(sMax, sMin), -1);
    }
    checkSquare(A, `linalg.cond(ord=${Number.isFinite(o) ? o : o > 0 ? 'inf' : '-inf'})`);
    return condHelper(A, o);
  }, 'the end of linalg.cond() (an internal temporary)');
}

// ---------------------------------------------------------------- tensor equations

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/**
 * The inverse of A as a tensor map: with ind leading dims, reshaped to a prod(shape[:ind]) square matrix,
 * inverted, and shaped shape[ind:] + shape[:ind]: `torch.linalg.tensorinv(A, ind=2)`.
 */
export function tensorinv(A: Tensor, ...args: [ind?: number | { ind?: number }, opts?: { ind?: number }]): Tensor {
  const { ind } = bind('linalg_tensorinv', ['ind'], [], { ind: 2 }, args);
  if (!(ind > 0)) throw new RangeError(`Expected a strictly positive integer for 'ind', but got ${ind}`);
  const end = A._shape.slice(ind);
  const start = A._shape.slice(0, ind);
  const pe = prod(end);
  const ps = prod(start);
  if (pe !== ps) {
    throw new RangeError(`Expected self to satisfy the requirement prod(self.shape[ind:]) == prod(self.shape[:ind]), but got ${pe} != ${ps}`);
  }
  return scoped(() => {
    const [result, info] = inv_ex(S.reshape(A, [pe, pe]));
    const v = info.item();
    if (v !== 0) {
      throw new LinAlgError(`inv: The diagonal element ${v} is zero, the inversion could not be completed because the input matrix is singular.`);
    }
    return S.reshape(result, [...end, ...start]);
  }, 'the end of linalg.tensorinv() (an internal temporary)');
}

/**
 * X with tensordot(A, X, X.ndim) = B: A's leading B.ndim dims are the equations, the rest X's shape
 * (after moving `dims` of A to the end): `torch.linalg.tensorsolve(A, B, dims=None)`.
 */
export function tensorsolve(A: Tensor, B: Tensor, ...args: [dims?: number[] | null | { dims?: number[] | null }, opts?: { dims?: number[] | null }]): Tensor {
  const { dims } = bind('linalg_tensorsolve', ['dims'], [], { dims: null }, args);
  return scoped(() => {
    const nd = A._shape.length;
    let a = A;
    if (dims !== null) {
      const dest = (dims as number[]).map((_, i) => nd - dims.length + i);
      a = X.movedim(a, dims, dest);
    }
    const resultShape = a._shape.slice(B._shape.length);
    const rp = prod(resultShape);
    const op = prod(B._shape);
    if (rp !== op) {
      throw new RangeError(`Expected self to satisfy the requirement prod(self.shape[other.ndim:]) == prod(self.shape[:other.ndim]), but got ${rp} != ${op}`);
    }
    return S.reshape(solve(S.reshape(a, [rp, rp]), S.flatten(B)), resultShape);
  }, 'the end of linalg.tensorsolve() (an internal temporary)');
}

export { linalg_vander as vander } from './ops/misc.js';
