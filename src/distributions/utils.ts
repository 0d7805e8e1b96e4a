// torch/distributions/utils.py: broadcasting parameters, probabilities <-> logits, and the errors
// Python raises. PyTorch's ValueError is a RangeError here (as in utils.data and nn), its TypeError a
// TypeError, its NotImplementedError an Error named NotImplementedError.
import { Tensor } from '../tensor.js';
import { float32, int64 } from '../dtype.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { broadcast_tensors, masked_scatter } from '../ops/extra.js';

export const euler_constant = 0.57721566490153286060;

/** torch.finfo(torch.float32) */
export const finfo = {
  eps: 1.1920928955078125e-07,
  tiny: 1.1754943508222875e-38,
  min: -3.4028234663852886e+38,
  max: 3.4028234663852886e+38,
} as const;

/** Python's NotImplementedError. */
export class NotImplementedError extends Error {
  override name = 'NotImplementedError';
}

export type Param = Tensor | number;

/**
 * Broadcasts tensors and numbers together: numbers become tensors of the first tensor's dtype
 * (float32 if there is none), as `broadcast_all(loc, scale)`.
 */
export function broadcast_all(...values: Param[]): Tensor[] {
  if (!values.every((v) => v instanceof Tensor || typeof v === 'number')) {
    throw new RangeError('Input arguments must all be instances of numbers.Number, torch.Tensor or objects implementing __torch_function__.');
  }
  const first = values.find((v): v is Tensor => v instanceof Tensor);
  const dtype = first ? first.dtype : float32;
  const ts = values.map((v) => (v instanceof Tensor ? v : C.tensor(v, { dtype })));
  return broadcast_tensors(...ts);
}

/** Probabilities from logits: sigmoid (binary) or softmax over the last dim. */
export function logits_to_probs(logits: Tensor, is_binary = false): Tensor {
  return is_binary ? E.sigmoid(logits) : R.softmax(logits, -1);
}

/** Clamps probabilities into [eps, 1 - eps]. */
export function clamp_probs(probs: Tensor): Tensor {
  return E.clamp(probs, finfo.eps, 1 - finfo.eps);
}

/** Logits from probabilities: log(p) - log1p(-p) (binary) or log(p), with p clamped away from 0 and 1. */
export function probs_to_logits(probs: Tensor, is_binary = false): Tensor {
  const p = clamp_probs(probs);
  return is_binary ? E.sub(E.log(p), E.log1p(E.neg(p))) : E.log(p);
}

/** Sums out the `dim` rightmost dims. */
export function _sum_rightmost(value: Tensor, dim: number): Tensor {
  if (dim === 0) return value;
  return R.sum(S.reshape(value, [...value._shape.slice(0, value._shape.length - dim), -1]), -1);
}

/** A standard normal sample of `shape` (PyTorch's `torch.empty(shape).normal_()`). */
export function _standard_normal(shape: readonly number[]): Tensor {
  return C.randn([...shape]);
}

/** A shape as Python prints a tuple: (), (2,), (2, 3). */
export function pyTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** Whether (i, j) of an n×n matrix is on or below diagonal `diag` (j <= i + diag), row by row. */
function trilMask(n: number, diag: number): boolean[] {
  const m: boolean[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.push(j < i + diag + 1);
  return m;
}

/** A vector (batch of them) as the lower triangle of D×D matrices (below diagonal `diag`), row by row. */
export function vec_to_tril_matrix(vec: Tensor, diag = 0): Tensor {
  const len = vec._shape[vec._shape.length - 1];
  const b = 1 + 2 * diag;
  const n = (-b + (b ** 2 + 8 * len + 4 * Math.abs(diag) * (diag + 1)) ** 0.5) / 2;
  if (Math.round(n) - n > finfo.eps) {
    throw new RangeError(`The size of last dimension is ${len} which cannot be expressed as the lower triangular part of a square D x D matrix.`);
  }
  const D = Math.round(n);
  const mask = C.tensor(trilMask(D, diag).map(Number), { dtype: float32 }).reshape([D, D]).ne(0);
  return masked_scatter(C.zeros([...vec._shape.slice(0, -1), D, D], { dtype: vec.dtype }), mask, vec);
}

/** The lower triangle (below diagonal `diag`) of D×D matrices as vectors, row by row. */
export function tril_matrix_to_vec(mat: Tensor, diag = 0): Tensor {
  const n = mat._shape[mat._shape.length - 1];
  if (diag < -n || diag >= n) throw new RangeError(`diag (${diag}) provided is outside [${-n}, ${n - 1}].`);
  const idx = trilMask(n, diag).flatMap((m, k) => (m ? [k] : []));
  return S.index_select(S.reshape(mat, [...mat._shape.slice(0, -2), n * n]), -1, C.tensor(idx, { dtype: int64 }));
}
