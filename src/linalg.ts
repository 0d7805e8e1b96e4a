// torch.linalg: the factorizations (src/ops/decomp.ts) and what PyTorch 1.13 composes from them:
// vector/matrix norms, matrix_power, multi_dot, cross, diagonal, vecdot. Batched ([..., m, n]) throughout.
import { Tensor } from './tensor.js';
import { float32 } from './dtype.js';
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
import { checkDims, checkFloat, checkSquare, inv, svdvals } from './ops/decomp.js';

export {
  LinAlgError, det, slogdet, inv, inv_ex, solve, solve_ex, cholesky, cholesky_ex, solve_triangular, qr, eigh, eigvalsh,
  svd, svdvals, pinv, lstsq, matrix_rank,
} from './ops/decomp.js';
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
  const o = { keepdim };
  if (ord === 2) return E.sqrt(R.sum(E.square(x), dims, o));
  if (ord === Infinity) return R.amax(E.abs(x), dims, o);
  if (ord === -Infinity) return R.amin(E.abs(x), dims, o);
  if (ord === 0) return R.sum(E.cast(E.ne(x, 0), float32), dims, o);
  if (ord === 1) return R.sum(E.abs(x), dims, o);
  return E.pow(R.sum(E.pow(E.abs(x), ord), dims, o), 1 / ord);
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

export { linalg_vander as vander } from './ops/misc.js';
