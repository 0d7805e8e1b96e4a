// PyTorch's everyday helpers composed of existing ops (their gradients come from those ops):
// matrix helpers and einsum, shape and indexing functions, elementwise extras and reductions,
// `new_*` creation and multinomial. Index bookkeeping that has no gradient runs on the host.
import { namedTuple } from '../print.js';
import { argPosition, intArg, kwargs, nativeAfter, pyType, tensorArg as parsedTensor } from './kw.js';
import { resize_ } from './methods.js';
import { composite } from '../lifetime.js';
import { isPlainObject } from '../optim/optimizer.js';
import { Tensor, TensorOrScalar, fromFlat, TensorData } from '../tensor.js';
import { DType, float32, int64, bool, promote, intOverflow } from '../dtype.js';
import { g6 } from '../dtype-info.js';
import { warnOnce } from '../warn.js';
import { K, F32, I32, SCRATCH, malloc, mfree, meta } from '../backend/wasm.js';
import { record, renamed, refused } from '../autograd.js';
import { normDim, fmtShape, numelOf, broadcastShapes, sameShape, scalarName } from './util.js';
import * as E from './elementwise.js';
import * as S from './shape.js';
import * as R from './reduce.js';
import * as L from './linalg.js';
import * as C from './create.js';
import { topk } from './sorting.js';

type Num = number | null | undefined;
const T = (v: ArrayLike<number>, shape: number[], dt: DType = int64) => fromFlat(v, shape, dt);
const zeros = (shape: number[], dt: DType = float32) => E.filled(shape, dt, 0);
const listOf = (args: (Tensor | Tensor[])[]): Tensor[] => (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as Tensor[];
const ints = (v: number | readonly number[]) => (typeof v === 'number' ? [v] : [...v]);
/** PyTorch's name of a dtype in messages. */

// ---------------------------------------------------------------- matrix helpers

export interface AddOpts { beta?: number; alpha?: number }
/** beta·input + alpha·p; beta = 0 ignores input (NaN too), as PyTorch. */
function addScaled(input: Tensor, p: Tensor, o: AddOpts = {}): Tensor {
  const { beta = 1, alpha = 1 } = o;
  const a = alpha === 1 ? p : E.mul(p, alpha);
  const i = S.expand(input, p._shape);
  // beta = 0: input still gets its (zero) gradient
  if (beta === 0) return input.requires_grad ? E.add(a, E.where(E.filled([], bool, 1), 0, i)) : a;
  return E.add(beta === 1 ? i : E.mul(i, beta), a);
}
/** beta·input + alpha·(mat1 @ mat2): `torch.addmm(b, x, w, { beta: 0.5 })`. */
export const addmm = /*#__PURE__*/ composite((input: Tensor, m1: Tensor, m2: Tensor, o?: AddOpts) => renamed('AddmmBackward0', addScaled(input, L.mm(m1, m2), o)), 'addmm');
/** beta·input + alpha·(mat @ vec). */
export const addmv = /*#__PURE__*/ composite((input: Tensor, m: Tensor, v: Tensor, o?: AddOpts) => renamed('AddmvBackward0', addScaled(input, L.matmul(m, v), o)), 'addmv');
/** beta·input + alpha·outer(vec1, vec2). */
export const addr = /*#__PURE__*/ composite((input: Tensor, a: Tensor, b: Tensor, o?: AddOpts) => renamed('AddrBackward0', addScaled(input, L.outer(a, b), o)), 'addr');
/** beta·input + alpha·bmm(batch1, batch2). */
export const baddbmm = /*#__PURE__*/ composite((input: Tensor, a: Tensor, b: Tensor, o?: AddOpts) => renamed('BaddbmmBackward0', addScaled(input, L.bmm(a, b), o)), 'baddbmm');
/** beta·input + alpha·Σ_b batch1[b] @ batch2[b]. */
export const addbmm = /*#__PURE__*/ composite((input: Tensor, a: Tensor, b: Tensor, o?: AddOpts) => renamed('AddbmmBackward0', addScaled(input, R.sum(L.bmm(a, b), 0), o)), 'addbmm');

/**
 * Einstein summation: `torch.einsum('bij,bjk->bik', a, b)`, implicit outputs (`'ij,jk'`), `...`
 * and repeated subscripts (diagonals). ATen's algorithm step for step (so the result has PyTorch's
 * nodes and values): every operand is aligned to the output's dims followed by the summed ones
 * (diagonals, unsqueezes, a permute), then operands are contracted left to right by sumproduct_pair
 * (PyTorch's order without the opt_einsum package, which would choose another for three or more operands).
 */
function einsum_impl(equation: string, ...args: (Tensor | Tensor[])[]): Tensor {
  const ops = listOf(args);
  if (!ops.length) throw new Error('einsum(): must provide at least one operand');
  const ELL = 52;
  // a label's subscript: A-Z are 0-25, a-z 26-51 (their order in an implicit output)
  const sub = (c: string) => (c >= 'A' && c <= 'Z' ? c.charCodeAt(0) - 65 : c.charCodeAt(0) - 97 + 26);
  const isLabel = (c: string) => /^[a-zA-Z]$/.test(c);
  const arrow = equation.indexOf('->');
  const lhs = arrow < 0 ? equation : equation.slice(0, arrow);
  const labels: number[][] = [[]];
  for (let i = 0; i < lhs.length; i++) {
    const c = lhs[i];
    const k = labels.length - 1;
    if (c === ' ') continue;
    if (c === '.') {
      if (labels[k].includes(ELL)) throw new Error(`einsum(): found '.' for operand ${k} for which an ellipsis was already found`);
      if (!(i + 2 < lhs.length && lhs[++i] === '.' && lhs[++i] === '.')) {
        throw new Error(`einsum(): found '.' for operand ${k} that is not part of any ellipsis`);
      }
      labels[k].push(ELL);
    } else if (c === ',') {
      if (labels.length === ops.length) throw new Error('einsum(): fewer operands were provided than specified in the equation');
      labels.push([]);
    } else if (isLabel(c)) {
      labels[k].push(sub(c));
    } else {
      throw new Error(`einsum(): invalid subscript given at index ${i} in the equation string, subscripts must be in [a-zA-Z]`);
    }
  }
  if (labels.length !== ops.length) throw new Error('einsum(): more operands were provided than specified in the equation');
  const count = new Array<number>(ELL).fill(0);
  let ellDims = 0;
  labels.forEach((ls, k) => {
    const nd = ops[k]._shape.length;
    const ell = ls.includes(ELL);
    const n = ls.length - (ell ? 1 : 0);
    for (const l of ls) if (l !== ELL) count[l]++;
    if (ell) ellDims = Math.max(ellDims, nd - n);
    if (ell ? n > nd : n !== nd) {
      throw new Error(`einsum(): the number of subscripts in the equation (${n}) ${ell ? 'is more than' : 'does not match'} the number of dimensions (${nd}) for operand ${k}${ell ? '' : ' and no ellipsis was given'}`);
    }
  });
  // Where each label goes: the output's dims first, then the dims summed out.
  const at = new Array<number>(ELL).fill(-1);
  let perm = 0;
  let ellAt = 0;
  let ellOut = false;
  if (arrow < 0) {
    perm = ellDims;
    ellOut = true;
    for (let l = 0; l < ELL; l++) if (count[l] === 1) at[l] = perm++;
  } else {
    const rhs = equation.slice(arrow + 2);
    for (let i = 0; i < rhs.length; i++) {
      const c = rhs[i];
      if (c === ' ') continue;
      if (c === '.') {
        if (ellOut) throw new Error("einsum(): found '.' for output but an ellipsis (...) was already found");
        if (!(i + 2 < rhs.length && rhs[++i] === '.' && rhs[++i] === '.')) {
          throw new Error("einsum(): found '.' for output that is not part of any ellipsis (...)");
        }
        ellAt = perm;
        perm += ellDims;
        ellOut = true;
      } else if (isLabel(c)) {
        const l = sub(c);
        if (!(count[l] > 0 && at[l] === -1)) {
          throw new Error(`einsum(): output subscript ${c} ${at[l] > -1 ? 'appears more than once in the output' : 'does not appear in the equation for any input operand'}`);
        }
        at[l] = perm++;
      } else {
        throw new Error(`einsum(): invalid subscript given at index ${lhs.length + 2 + i} in the equation string, subscripts must be in [a-zA-Z]`);
      }
    }
  }
  const outDims = perm;
  if (!ellOut) {
    ellAt = perm;
    perm += ellDims;
  }
  for (let l = 0; l < ELL; l++) if (count[l] > 0 && at[l] === -1) at[l] = perm++;
  const label = (l: number) => String.fromCharCode(l < 26 ? 65 + l : 97 + l - 26);

  // Align every operand to the `perm` dims; count the operands where each dim is not 1.
  const labelSize = new Array<number>(ELL).fill(1);
  const ellSize = new Array<number>(ellDims).fill(1);
  const dimCounts = new Array<number>(perm).fill(0);
  const aligned: Tensor[] = [];
  for (let k = 0; k < ops.length; k++) {
    let op = ops[k];
    const p = new Array<number>(perm).fill(-1);
    let dim = 0;
    for (const s of labels[k]) {
      if (s === ELL) {
        const nd = op._shape.length - (labels[k].length - 1);
        for (let j = ellDims - nd; j < ellDims; j++) {
          const size = op._shape[dim];
          if (size !== 1) {
            if (ellSize[j] !== 1 && ellSize[j] !== size) {
              throw new Error(`einsum(): dimension ${dim} covered by ellipsis in operand ${k}has size ${size} which does not broadcast with previously seen ellipsis with size ${ellSize[j]} for the respective dimension`);
            }
            ellSize[j] = size;
            dimCounts[ellAt + j]++;
          }
          p[ellAt + j] = dim++;
        }
      } else if (p[at[s]] === -1) {
        const size = op._shape[dim];
        if (size !== 1) {
          if (labelSize[s] !== 1 && labelSize[s] !== size) {
            throw new Error(`einsum(): subscript ${label(s)} has size ${size} for operand ${k} which does not broadcast with previously seen size ${labelSize[s]}`);
          }
          labelSize[s] = size;
          dimCounts[at[s]]++;
        }
        p[at[s]] = dim++;
      } else {
        // a repeated label: its diagonal takes the first one's place
        const prev = p[at[s]];
        if (op._shape[dim] !== op._shape[prev]) {
          throw new Error(`einsum(): subscript ${label(s)} is repeated for operand ${k} but the sizes don't match, ${op._shape[dim]} != ${op._shape[prev]}`);
        }
        op = movedim(diagonal(op, 0, prev, dim), -1, prev);
      }
    }
    for (let i = 0; i < perm; i++) {
      if (p[i] === -1) {
        op = S.unsqueeze(op, dim);
        p[i] = dim++;
      }
    }
    aligned.push(S.permute(op, p));
  }

  // Contract left to right; a dim is summed as soon as no later operand has it.
  while (aligned.length > 1) {
    let a = aligned.shift()!;
    let b = aligned.shift()!;
    const sumDims: number[] = [];
    const aSum: number[] = [];
    const bSum: number[] = [];
    for (let d = outDims; d < perm; d++) {
      if (a._shape[d] !== 1 && b._shape[d] !== 1) {
        if (--dimCounts[d] === 1) {
          sumDims.push(d);
          dimCounts[d] = 0;
        }
      } else if (dimCounts[d] === 1) {
        if (a._shape[d] !== 1) {
          aSum.push(d);
          dimCounts[d] = 0;
        } else if (b._shape[d] !== 1) {
          bSum.push(d);
          dimCounts[d] = 0;
        }
      }
    }
    if (aSum.length) a = R.sum(a, aSum, { keepdim: true });
    if (bSum.length) b = R.sum(b, bSum, { keepdim: true });
    aligned.unshift(sumproductPair(a, b, sumDims));
  }
  const r = aligned[0];
  if (perm === outDims) return r;
  // the summed dims: already size 1 after a contraction (dropped by a view), else summed here
  if (ops.length > 1) return S.view(r, r._shape.slice(0, outDims));
  return R.sum(r, Array.from({ length: perm - outDims }, (_, i) => outDims + i));
}

/**
 * ATen's sumproduct_pair (keepdim): (left * right) summed over sumDims (left to size 1), by permuting both
 * to (dims of both, dims of one, summed) and one bmm; a dim only one side has and is summed is summed first.
 */
function sumproductPair(left: Tensor, right: Tensor, sumDims: number[]): Tensor {
  if (!sumDims.length) return E.mul(left, right);
  const lro: number[] = [];
  const lo: number[] = [];
  const ro: number[] = [];
  let lroSize = 1;
  let loSize = 1;
  let roSize = 1;
  let sumSize = 1;
  for (let i = 0; i < left._shape.length; i++) {
    const sl = left._shape[i] !== 1;
    const sr = right._shape[i] !== 1;
    if (sumDims.includes(i)) {
      if (sl && sr) sumSize *= left._shape[i];
      else if (sl) left = R.sum(left, i, { keepdim: true });
      else if (sr) right = R.sum(right, i, { keepdim: true });
    } else if (sl && sr) {
      lro.push(i);
      lroSize *= left._shape[i];
    } else if (sl) {
      lo.push(i);
      loSize *= left._shape[i];
    } else {
      ro.push(i);
      roSize *= right._shape[i];
    }
  }
  const outSize = [...lro.map((d) => left._shape[d]), ...lo.map((d) => left._shape[d]), ...sumDims.map(() => 1),
    ...ro.map((d) => right._shape[d])];
  const order = [...lro, ...lo, ...sumDims, ...ro];
  const operm = new Array<number>(order.length);
  order.forEach((d, i) => { operm[d] = i; });
  const l = S.reshape(S.permute(left, order), [lroSize, loSize, sumSize]);
  const r = S.reshape(S.permute(right, [...lro, ...sumDims, ...ro, ...lo]), [lroSize, sumSize, roSize]);
  return S.permute(S.view(L.bmm(l, r), outSize), operm);
}

/**
 * Sum of products over dims of a and b: `torch.tensordot(a, b, 2)` or `torch.tensordot(a, b, [[1, 0], [0, 1]])`.
 * As ATen's: a contracted dim of size 1 on one side is summed on the other first (broadcast), then the rest
 * is one mm of the permuted, flattened operands.
 */
function tensordot_impl(a: Tensor, b: Tensor, dims: number | readonly (number | readonly number[])[] = 2): Tensor {
  if (typeof dims === 'number' && dims < 0) throw new RangeError(`tensordot expects dims >= 0, but got dims=${dims}`);
  const [ga, gb] = typeof dims === 'number' ? [Array.from({ length: dims }, (_, i) => i - dims), Array.from({ length: dims }, (_, i) => i)]
    : [ints(dims[0]), ints(dims[1])];
  if (ga.length !== gb.length) throw new RangeError('both dimension lists should have same length');
  let t1 = a;
  let t2 = b;
  let csize = 1;
  ga.forEach((g, i) => {
    const s1 = a._shape[normDim(g, a._shape.length)];
    const s2 = b._shape[normDim(gb[i], b._shape.length)];
    if (s2 === 1) t1 = R.sum(t1, g, true);
    else if (s1 === 1) t2 = R.sum(t2, gb[i], true);
    else {
      if (s1 !== s2) {
        throw new RangeError(`contracted dimensions need to match, but first has size ${s1} in dim ${g} and second has size ${s2} in dim ${gb[i]}`);
      }
      csize *= s1;
    }
  });
  const bits = (g: number[], nd: number) => g.map((d) => normDim(d, nd)).map((d, i, all) => {
    if (all.indexOf(d) !== i) throw new RangeError(`dim ${d} appears multiple times in the list of dims`);
    return d;
  });
  const da = bits(ga, a._shape.length);
  const db = bits(gb, b._shape.length);
  const fa = a._shape.map((_, i) => i).filter((i) => !da.includes(i));
  const fb = b._shape.map((_, i) => i).filter((i) => !db.includes(i));
  const A = S.reshape(S.permute(t1, [...fa, ...ga]), [numelOf(fa.map((d) => t1._shape[d])), csize]);
  const B = S.reshape(S.permute(t2, [...gb, ...fb]), [csize, numelOf(fb.map((d) => t2._shape[d]))]);
  return S.reshape(L.mm(A, B), [...fa.map((d) => t1._shape[d]), ...fb.map((d) => t2._shape[d])]);
}

/** Kronecker product: `torch.kron(a, b)`. */
function kron_impl(a: Tensor, b: Tensor): Tensor {
  const n = Math.max(a._shape.length, b._shape.length);
  const pa = [...Array(n - a._shape.length).fill(1), ...a._shape];
  const pb = [...Array(n - b._shape.length).fill(1), ...b._shape];
  // PyTorch's KronImpl: _unsafe_view(mul(_unsafe_view(a, ...), _unsafe_view(b, ...)), ...)
  const p = E.mul(S.unsafeView(a, pa.flatMap((s) => [s, 1])), S.unsafeView(b, pb.flatMap((s) => [1, s])));
  return S.unsafeView(p, pa.map((s, i) => s * pb[i]));
}

/** Sum of the main diagonal of a matrix. */
function trace_impl(x: Tensor): Tensor {
  if (x.dtype === bool) throw new TypeError(`"trace" not implemented for 'Bool'`);
  if (x._shape.length !== 2) throw new RangeError('trace: expected a matrix');
  return R.sum(diagonal(x));
}

/** A view of the diagonal (offset) of the plane (dim1, dim2), which becomes the last dim: `x.diagonal(0, -2, -1)`. */
export function diagonal(x: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  const nd = x._shape.length;
  const d1 = normDim(dim1, nd);
  const d2 = normDim(dim2, nd);
  if (d1 === d2) throw new Error(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const len = Math.max(0, offset >= 0 ? Math.min(x._shape[d1], x._shape[d2] - offset) : Math.min(x._shape[d1] + offset, x._shape[d2]));
  const keep = x._shape.map((_, i) => i).filter((i) => i !== d1 && i !== d2);
  const start = len === 0 ? 0 : offset >= 0 ? offset * x._strides[d2] : -offset * x._strides[d1];
  const out = x._view([...keep.map((i) => x._shape[i]), len], [...keep.map((i) => x._strides[i]), x._strides[d1] + x._strides[d2]], x._offset + start);
  const shape = x._shape.slice();
  return record('DiagonalBackward0', out, [x], [], (g) => {
    const z = zeros(shape);
    const v = diagonal(z, offset, d1, d2);
    E.writeInto(v, g);
    v.dispose();
    return [record('DiagonalBackwardBackward0', z, [g], [], (gg) => [diagonal(gg, offset, d1, d2)])];
  });
}

/** Tensors whose (dim1, dim2) planes have x's last dim on a diagonal: `torch.diag_embed(x)`. */
function diag_embed_impl(x: Tensor, offset = 0, dim1 = -2, dim2 = -1): Tensor {
  const nd = x._shape.length + 1;
  const d1 = normDim(dim1, nd);
  const d2 = normDim(dim2, nd);
  const m = (x._shape[nd - 2] ?? 1) + Math.abs(offset);
  const rest = x._shape.slice(0, -1);
  const shape = Array.from({ length: nd }, (_, i) => (i === d1 || i === d2 ? m : rest.shift()!));
  const z = zeros(shape, x.dtype);
  const v = diagonal(z, offset, d1, d2);
  E.writeInto(v, x.detach());
  v.dispose();
  return record('DiagEmbedBackward0', z, [x], [], (g) => [diagonal(g, offset, d1, d2)]);
}

/** 1-D → a matrix with it on a diagonal; 2-D → its diagonal (a copy): `torch.diag(x, 1)`. */
function diag_impl(x: Tensor, diagonal_ = 0): Tensor {
  const nd = x._shape.length;
  if (nd === 1) return diag_embed(x, diagonal_);
  if (nd === 2) return E.clone(diagonal(x, diagonal_));
  throw new RangeError('matrix or a vector expected');
}

/** The flattened input on a diagonal of a square matrix. */
const diagflat_impl = (x: Tensor, offset = 0) => diag_embed(S.reshape(x, [-1]), offset);

function triIndices(upper: boolean, row: number, col: number, offset: number): Tensor {
  const r: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < row; i++) for (let j = 0; j < col; j++) if (upper ? j - i >= offset : j - i <= offset) { r.push(i); c.push(j); }
  return T([...r, ...c], [2, r.length]);
}
/** Row and column indices of the lower triangle of a row×col matrix, as a 2×N tensor. */
export const tril_indices = (row: number, col: number, offset = 0) => triIndices(false, row, col, offset);
/** Row and column indices of the upper triangle. */
export const triu_indices = (row: number, col: number, offset = 0) => triIndices(true, row, col, offset);

/** p-norm distances between the rows of x1 [.., P, M] and x2 [.., R, M]: `torch.cdist(a, b)` → [.., P, R]. */
function cdist_impl(x1: Tensor, x2: Tensor, p = 2): Tensor {
  if (x1.dtype !== float32) throw new TypeError(`cdist only supports floating-point dtypes, X1 got: ${scalarName(x1.dtype)}`);
  if (x2.dtype !== float32) throw new TypeError(`cdist only supports floating-point dtypes, X2 got: ${scalarName(x2.dtype)}`);
  if (x1._shape.length < 2 || x2._shape.length < 2) throw new RangeError(`cdist only supports at least 2D tensors, X1 got: ${x1._shape.length}D`);
  const m1 = x1._shape[x1._shape.length - 1];
  const m2 = x2._shape[x2._shape.length - 1];
  if (m1 !== m2) throw new RangeError(`X1 and X2 must have the same number of columns. X1: ${m1} X2: ${m2}`);
  // PyTorch's default compute_mode: the matmul form for p = 2 when either side has more than 25 rows
  if (p === 2 && (x1._shape[x1._shape.length - 2] > 25 || x2._shape[x2._shape.length - 2] > 25)) return euclideanDist(x1, x2);
  return R.norm(E.sub(S.unsqueeze(x1, -2), S.unsqueeze(x2, -3)), p, -1);
}

/** ATen's _euclidean_dist: sqrt(clamp_min([-2a, |a|², 1] @ [b, 1, |b|²]ᵀ, 0)) and its backward (0 where the distance is 0). */
function euclideanDist(x1: Tensor, x2: Tensor): Tensor {
  const pad = (t: Tensor, sq: boolean) => {
    const n = R.sum(E.mul(t, t), -1, { keepdim: true });
    const o = E.filled(n._shape.slice(), float32, 1);
    return S.cat(sq ? [E.mul(t, -2), n, o] : [t, o, n], -1);
  };
  const res = E.sqrt(E.clamp(L.matmul(pad(x1.detach(), true), S.transpose(pad(x2.detach(), false), -1, -2)), 0));
  return record('EuclideanDistBackward0', res, [x1, x2], [x1, x2, res], (g, [a, b, r]) => {
    const q = E.where(E.eq(r, 0), 0, E.div(g, r));
    return [E.sub(E.mul(a, R.sum(q, -1, { keepdim: true })), L.matmul(q, b)),
      E.sub(E.mul(b, S.unsqueeze(R.sum(q, -2), -1)), L.matmul(S.transpose(q, -1, -2), a))];
  });
}

/** The p-norm of a - b: `torch.dist(a, b, 1)`, `torch.dist(a, { other: b, p: 1 })`. */
function dist_impl(a: Tensor, ...args: [other: Tensor | { other: Tensor; p?: number }, p?: number | { p?: number }, kw?: { p?: number }]): Tensor {
  const o = nativeAfter('dist', 1, ['other', 'p'], { p: 2 }, args);
  return R.norm(E.sub(a, parsedTensor('dist', 'other', argPosition(args, 0, 1), o.other)), o.p);
}
/** Dot product of two 1-D tensors (real: no conjugation). */
export const vdot = (a: Tensor, b: Tensor) => renamed('VdotBackward0', L.dot(a, b));
/** Sum of products over the last dims: `torch.inner(a, b)`. */
function inner_impl(a: Tensor, b: Tensor): Tensor {
  if (!a._shape.length || !b._shape.length) return E.mul(a, b);
  return tensordot(a, b, [[-1], [-1]]);
}

/** Cross product of 3-vectors along dim (default: the first dim of size 3), broadcasting. */
function cross_impl(a: Tensor, b: Tensor, dim?: number | null): Tensor {
  if (a.dtype !== b.dtype) throw new TypeError(`expected scalar type ${scalarName(a.dtype)} but found ${scalarName(b.dtype)}`);
  if (a.dtype === bool) throw new TypeError(`"cross" not implemented for 'Bool'`);
  if (a._shape.length !== b._shape.length) throw new RangeError(`linalg.cross: inputs must have the same number of dimensions.`);
  const shape = broadcastShapes(a._shape, b._shape);
  const d = dim == null ? shape.indexOf(3) : normDim(dim, shape.length);
  if (d < 0) throw new RangeError('no dimension of size 3 in input');
  if (a._shape[d] !== 3 || b._shape[d] !== 3) throw new RangeError(`linalg.cross: inputs dimension ${d} must have length 3. Got ${a._shape[d]} and ${b._shape[d]}`);
  const at = (x: Tensor, i: number) => S.narrow(x, d, i % 3, 1);
  const c = [1, 2, 0].map((i) => E.sub(E.mul(at(a, i), at(b, i + 1)), E.mul(at(a, i + 1), at(b, i))));
  return S.cat(c, d);
}

/** Covariance of the rows (variables) of x over its columns (observations). */
function cov_impl(x: Tensor, opts: { correction?: number; fweights?: Tensor | null; aweights?: Tensor | null } = {}): Tensor {
  if (x._shape.length > 2) throw new RangeError(`cov(): expected input to have two or fewer dimensions but got an input with ${x._shape.length} dimensions`);
  const X = x._shape.length < 2 ? S.reshape(x, [1, -1]) : x;
  const n = X._shape[1];
  const corr = opts.correction ?? 1;
  const fw = opts.fweights ?? null;
  const aw = opts.aweights ?? null;
  const w = fw && aw ? E.mul(fw, aw) : fw ?? aw;
  const ws = w ? R.sum(w) : null;
  const avg = ws ? E.div(R.sum(E.mul(X, w!), 1), ws) : R.mean(X, 1);
  const norm = ws ? (aw && corr ? E.sub(ws, E.div(E.mul(R.sum(E.mul(w!, aw)), corr), ws)) : E.sub(ws, corr)) : n - corr;
  const xm = E.sub(X, S.unsqueeze(avg, 1));
  // ATen's cov: mm(in, (in * w).t()) / norm, squeezed (a view: SqueezeBackward0, and 0-d for one variable)
  const c = E.div(L.mm(xm, S.t(w ? E.mul(xm, w) : xm)), norm instanceof Tensor ? E.clamp(norm, 0) : Math.max(norm, 0));
  return S.squeeze(c);
}

/** Pearson correlation coefficients of the rows of x. */
function corrcoef_impl(x: Tensor): Tensor {
  const c = cov(x);
  if (!c._shape.length) return E.div(c, c);
  const sd = E.sqrt(diagonal(c));
  return E.clamp(E.div(E.div(c, S.unsqueeze(sd, 1)), S.unsqueeze(sd, 0)), -1, 1);
}

// ---------------------------------------------------------------- shapes and indexing

/** Rolls elements along dims (all flattened when dims is omitted): `torch.roll(x, 1, 0)`. */
function roll_impl(x: Tensor, shifts: number | number[] | { shifts: number | number[]; dims?: number | number[] | null },
  dims?: number | number[] | null): Tensor {
  if (shifts !== null && typeof shifts === 'object' && !Array.isArray(shifts)) {
    // roll(x, shifts=..., dims=...) by keyword
    const o = kwargs('roll', ['shifts', 'dims'], { dims: null }, [shifts]) as [number | number[], number | number[] | null];
    [shifts, dims] = o;
  }
  if (dims == null || (Array.isArray(dims) && !dims.length)) return S.view(roll(S.reshape(x, [-1]), shifts, 0), x._shape);
  const s = ints(shifts);
  const ds = ints(dims);
  if (s.length !== ds.length) throw new RangeError(`shifts and dimensions must align. shifts: ${s.length}, dims:${ds.length}`);
  let r = x;
  ds.forEach((dim, i) => {
    const d = normDim(dim, x._shape.length);
    const n = x._shape[d];
    const k = n ? ((s[i] % n) + n) % n : 0;
    if (k) r = S.cat([S.narrow(r, d, n - k, k), S.narrow(r, d, 0, n - k)], d);
  });
  return r === x ? E.clone(x) : r;
}

/** Rotates by 90° k times in the plane of dims, from the first towards the second: `torch.rot90(x, 1, [0, 1])`. */
function rot90_impl(x: Tensor, k = 1, dims: number[] = [0, 1]): Tensor {
  const nd = x._shape.length;
  if (dims.length !== 2) throw new RangeError(`expected total rotation dims == 2, but got dims = ${dims.length}`);
  if (nd < 2) throw new RangeError(`expected total dims >= 2, but got total dims = ${nd}`);
  const [a, b] = dims.map((d) => normDim(d, nd));
  if (a === b) throw new RangeError(`expected rotation dims to be different, but got dim0 = ${a} and dim1 = ${b}`);
  const m = ((k % 4) + 4) % 4;
  if (m === 0) return E.clone(x);
  if (m === 2) return S.flip(x, [a, b]);
  return S.transpose(S.flip(x, [m === 1 ? b : a]), a, b);
}

/** Flips left/right (dim 1). */
function fliplr_impl(x: Tensor): Tensor {
  if (x._shape.length < 2) throw new RangeError('Input must be >= 2-d.');
  return S.flip(x, [1]);
}
/** Flips up/down (dim 0). */
function flipud_impl(x: Tensor): Tensor {
  if (x._shape.length < 1) throw new RangeError('Input must be >= 1-d.');
  return S.flip(x, [0]);
}

/** Moves dims to new positions, the others keeping their order: `torch.movedim(x, 0, -1)`. */
export function movedim(x: Tensor, source: number | number[], destination: number | number[]): Tensor {
  const nd = x._shape.length;
  const src = ints(source).map((d) => normDim(d, nd));
  const dst = ints(destination).map((d) => normDim(d, nd));
  if (src.length !== dst.length) {
    throw new Error(`movedim: Invalid source or destination dims: source (${fmtShape(ints(source))} dims) should contain the same number of dims as destination (${fmtShape(ints(destination))} dims)`);
  }
  // (ATen's messages print the dims as given, before they are wrapped)
  for (const [dims, given, name] of [[src, source, 'source'], [dst, destination, 'destination']] as const) {
    if (new Set(dims).size !== dims.length) throw new Error(`movedim: repeated dim in \`${name}\` (${fmtShape(ints(given))})`);
  }
  const perm = new Array<number>(nd).fill(-1);
  src.forEach((s, i) => { perm[dst[i]] = s; });
  const rest = x._shape.map((_, i) => i).filter((i) => !src.includes(i));
  return S.permute(x, perm.map((p) => (p < 0 ? rest.shift()! : p)));
}

/** The elements as a 1-D tensor: PyTorch's `contiguous().view(-1)` (a view unless x must be copied). */
export const ravel = (x: Tensor) => S.view(x.contiguous(), [-1]);

/** Repeats x along each dim (dims shorter than x's rank repeat its trailing dims): `torch.tile(x, [2, 1])`. */
export function tile(x: Tensor, dims: number[]): Tensor {
  return S.repeat(x, [...Array(Math.max(0, x._shape.length - dims.length)).fill(1), ...dims]);
}

/** repeat_interleave's arguments after the input, by position or by name (`{ repeats: 2, dim: 0 }`; output_size, a
 *  size hint, is taken and not needed). */
export type RepeatInterleaveArgs = [repeats?: number | Tensor | RepeatInterleaveKw, dim?: number | null | RepeatInterleaveKw,
  kw?: RepeatInterleaveKw];
export type RepeatInterleaveKw = { repeats?: number | Tensor; dim?: number | null; output_size?: number | null };

/** Repeats each element `repeats` times along dim (flattened when dim is omitted): `torch.repeat_interleave(x, 2, 0)`. */
function repeat_interleave_impl(x: Tensor, ...args: RepeatInterleaveArgs): Tensor {
  const [repeats, dim] = kwargs('repeat_interleave', ['repeats', 'dim', 'output_size'], { repeats: undefined, dim: null, output_size: null },
    args) as [number | Tensor | undefined, number | null | undefined];
  if (repeats === undefined) return repeat_interleave(C.arange(x.numel()), x, 0);
  const src = dim == null ? S.reshape(x, [-1]) : x;
  const d = dim == null ? 0 : normDim(dim, x._shape.length);
  const n = src._shape[d] ?? 1;
  const rt = repeats instanceof Tensor ? repeats.contiguous() : null;
  if (rt && rt.dtype === float32) throw new TypeError('"repeat_interleave_cpu" not implemented for \'Float\'');
  const len = rt ? rt.numel() : 1;
  if (len !== 1 && len !== n) {
    throw new RangeError('repeats must have the same size as input along dim');
  }
  // one count for every element (a number: as many as the loop j < k runs), or one each
  let each = 0;
  if (!rt || len === 1) {
    const k = rt ? Number(rt.item()) : (repeats as number);
    if (k < 0 && n > 0) throw new RangeError('repeats can not be negative');
    each = k > 0 ? Math.ceil(k) : 0;
  } else if (n > 0 && S.indexRange(rt)[0] < 0) throw new RangeError('repeats can not be negative');
  const total = !rt || len === 1 ? n * each : n > 0 ? Number(R.sum(rt).item()) : 0;
  const idx = Tensor._empty([total], int64);
  if (total > 0) K.repeat_index_32(idx._ptr(), !rt || len === 1 ? 0 : rt._ptr(), n, each);
  return S.index_select(src, d, idx);
}

/** Splits into n near-equal parts or at indices, as views: `torch.tensor_split(x, 3)`, `torch.tensor_split(x, [1, 4], 1)`. */
export function tensor_split(x: Tensor, sections: number | number[] | Tensor, dim = 0): Tensor[] {
  const d = normDim(dim, x._shape.length);
  const n = x._shape[d];
  let cuts: number[];
  const s = sections instanceof Tensor ? (sections._shape.length ? [...sections.dataSync()] : (sections.item() as number)) : sections;
  if (typeof s === 'number') {
    if (s <= 0) throw new RangeError(`number of sections must be larger than 0, got ${s}`);
    cuts = Array.from({ length: s - 1 }, (_, i) => (i + 1) * Math.floor(n / s) + Math.min(i + 1, n % s));
  } else cuts = s;
  const bounds = [0, ...cuts.map((c) => Math.min(Math.max(c < 0 ? c + n : c, 0), n)), n];
  return bounds.slice(1).map((e, i) => S.narrow(x, d, bounds[i], Math.max(0, e - bounds[i])));
}

function splitAlong(name: string, x: Tensor, s: number | number[], d: number, minDims: number): Tensor[] {
  const nd = x._shape.length;
  if (nd < minDims) throw new RangeError(`torch.${name} requires a tensor with at least ${minDims} dimension, but got a tensor with ${nd} dimensions!`);
  if (typeof s === 'number' && s !== 0 && x._shape[d] % s) {
    throw new RangeError(`torch.${name} attempted to split along dimension ${d}, but the size of the dimension ${x._shape[d]} is not divisible by the split_size ${s}!`);
  }
  return tensor_split(x, s, d);
}
/** Splits along dim 1 (dim 0 for 1-D) into equal parts or at indices. */
export const hsplit = (x: Tensor, s: number | number[]) => splitAlong('hsplit', x, s, x._shape.length === 1 ? 0 : 1, 1);
/** Splits along dim 0. */
export const vsplit = (x: Tensor, s: number | number[]) => splitAlong('vsplit', x, s, 0, 2);
/** Splits along dim 2. */
export const dsplit = (x: Tensor, s: number | number[]) => splitAlong('dsplit', x, s, 2, 3);

/** Stacks 1-D tensors as columns (2-D ones side by side). */
function column_stack_impl(tensors: readonly Tensor[]): Tensor {
  return S.cat(tensors.map((t) => (t._shape.length < 2 ? S.reshape(t, [-1, 1]) : t)), 1);
}
/** Stacks along a third dim (1-D [n] as [1, n, 1], 2-D as [a, b, 1]). */
function dstack_impl(tensors: readonly Tensor[]): Tensor {
  return S.cat(tensors.map((t) => {
    const s = t._shape;
    return s.length >= 3 ? t : S.reshape(t, s.length === 2 ? [...s, 1] : [1, s[0] ?? 1, 1]);
  }), 2);
}

/** Coordinate grids from 1-D tensors: `const [X, Y] = torch.meshgrid([x, y], { indexing: 'xy' })`. */
function meshgrid_impl(...args: (Tensor | Tensor[] | { indexing?: 'ij' | 'xy' })[]): Tensor[] {
  const last = args[args.length - 1];
  const o = !(last instanceof Tensor) && !Array.isArray(last) ? (args.pop() as { indexing?: string }) : {};
  let ts = listOf(args as Tensor[]).map((t) => S.reshape(t, [-1]));
  const xy = o.indexing === 'xy' && ts.length > 1;
  if (xy) ts = [ts[1], ts[0], ...ts.slice(2)];
  const shape = ts.map((t) => t._shape[0]);
  const out = ts.map((t, i) => S.expand(S.reshape(t, shape.map((s, j) => (i === j ? s : 1))), shape));
  return xy ? [out[1], out[0], ...out.slice(2)] : out;
}

/** Wraps negative indices and checks them against n (the message names the first bad one). */
function wrapIndex(idx: Tensor, n: number, msg: (i: number) => string): Tensor {
  if (idx.dtype !== int64) throw new TypeError(`take(): Expected a long tensor for index, but got ${scalarName(idx.dtype)}`);
  return wrapped(idx, n, (v) => msg(v));
}

/** idx (int64) as a contiguous tensor of its shape with negative values wrapped by n; `bad` names the first outside [-n, n). */
function wrapped(idx: Tensor, n: number, bad: (v: number) => string): Tensor {
  const c = idx.contiguous();
  const out = Tensor._empty(idx._shape.slice(), int64);
  const cnt = c.numel();
  const p = cnt ? K.index_wrap_32(out._ptr(), c._ptr(), cnt, n, 0) : -1;
  if (p >= 0) {
    const v = I32()[(c._ptr() >>> 2) + p];
    out.dispose();
    throw new RangeError(bad(v));
  }
  return out;
}

/** Elements of the flattened input at the given (possibly negative) indices, in index's shape. */
function take_impl(x: Tensor, index: Tensor): Tensor {
  const n = x.numel();
  const i = wrapIndex(index, n, (i) => `out of range: tried to access index ${i} on a tensor of ${n} elements.`);
  return S.reshape(S.index_select(S.reshape(x, [-1]), 0, S.reshape(i, [-1])), index._shape.slice());
}

/** gather with broadcasting of the other dims (flattened input when dim is omitted). */
function take_along_dim_impl(x: Tensor, indices: Tensor, dim?: number | null): Tensor {
  if (indices.dtype !== int64) throw new TypeError(`torch.take_along_dim(): dtype of indices should be Long but got ${scalarName(indices.dtype)}`);
  if (dim == null) return S.gather(S.reshape(x, [-1]), 0, S.reshape(indices, [-1]));
  const d = normDim(dim, x._shape.length);
  if (x._shape.length !== indices._shape.length) throw new RangeError('torch.take_along_dim(): input and indices should have the same number of dimensions, but got ' + `${x._shape.length} dimensions for input, and ${indices._shape.length} dimensions for indices`);
  const one = (s: readonly number[]) => s.map((v, i) => (i === d ? 1 : v));
  const b = broadcastShapes(one(x._shape), one(indices._shape));
  const at = (s: readonly number[]) => b.map((v, i) => (i === d ? s[d] : v));
  return S.gather(S.expand(x, at(x._shape)), d, S.expand(indices, at(indices._shape)));
}

/** Checks index for the index_* ops: 1-D int64 within dim d of x; returns it 1-D with negative values wrapped. */
function indexArg(op: string, x: Tensor, d: number, index: Tensor, source?: Tensor): Tensor {
  if (index.dtype !== int64) {   // PyTorch's three wordings
    const got = scalarName(index.dtype);
    if (op === 'index_add') throw new TypeError(`index_add_(): Expected dtype int32/int64 for index but got: ${got}`);
    if (op === 'index_copy') throw new TypeError(`index_copy_(): Expected a long tensor for index, but got ${got}`);
    throw new RangeError(`${op}_(): Expected dtype int64 for index.`);   // index_fill_: an IndexError
  }
  if (index._shape.length > 1) throw new RangeError(`${op}(): Index is supposed to be a vector`);
  const n = x._shape[d] ?? 1;
  const k = index.numel();
  if (source && (source._shape[d] ?? 1) !== k) {
    throw new RangeError(`${op}(): Number of indices (${k}) should be equal to source.size(dim) (${source._shape[d] ?? 1})`);
  }
  return S.reshape(wrapped(index, n, () => 'index out of range in self'), [k]);
}

/** A bool tensor over dim d (size 1 elsewhere) true at the given positions, and for each position the last index naming it. */
function alongMask(x: Tensor, d: number, idx: Tensor): [Tensor, Tensor] {
  const n = x._shape[d] ?? 1;
  const k = idx.numel();
  const m = zeros([n], bool);
  const last = zeros([n], int64);
  if (k > 0) {
    const ones = E.filled([k], bool, 1);
    const order = C.arange(k);
    // scatters in index order: a repeated position keeps the last index naming it
    K.scatter_32(m._ptr(), idx._ptr(), ones._ptr(), 1, n, k, 1);
    K.scatter_32(last._ptr(), idx._ptr(), order._ptr(), 1, n, k, 1);
  }
  const shape = x._shape.map((s, i) => (i === d ? n : 1));
  return [S.reshape(m, shape), last];
}

/** x with alpha·source added at index along dim: `torch.index_add(x, 0, idx, src)`. */
function index_add_impl(x: Tensor, dim: number, index: Tensor, source: Tensor, opts: { alpha?: number } = {}): Tensor {
  if (source.dtype !== x.dtype) {
    throw new TypeError(`index_add_(): self (${scalarName(x.dtype)}) and source (${scalarName(source.dtype)}) must have the same scalar type`);
  }
  const d = normDim(dim, x._shape.length);
  const alpha = opts.alpha ?? 1;
  const idx = indexArg('index_add', x, d, index, source);
  if (x.dtype === int64 && source.dtype !== float32 && x._shape.length > 0 && Number.isInteger(alpha)) {
    // int64 sums exact (a float32 sum rounds past 2^24) or a range error: scatter_reduce's sum, the index
    // spread over source's shape
    const spread = S.expand(S.reshape(idx, source._shape.map((s, i) => (i === d ? s : 1))), source._shape).contiguous();
    const src = E.cast(source.detach(), int64);
    if (alpha === 1) return scatterReduceQuiet(x.detach(), d, spread, src, 'sum');
    return E.add(x.detach(), scatterReduceQuiet(E.filled(x._shape.slice(), int64, 0), d, spread, src, 'sum'), { alpha });
  }
  const added = S.index_add(x._shape.slice(), d, idx, E.cast(source.detach(), float32));
  const out = E.cast(E.add(x.detach(), alpha === 1 ? added : E.mul(added, alpha)), x.dtype);
  return record('IndexAddBackward0', out, [x, source], [idx], (g, [i]) => [g, E.mul(S.index_select(g, d, i), alpha)]);
}

/** x with its slices at index along dim replaced by source's. */
function index_copy_impl(x: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  if (source.dtype !== x.dtype) {
    throw new TypeError('index_copy_(): self and source expected to have the same dtype, but got (self) ' +
      `${scalarName(x.dtype)} and (source) ${scalarName(source.dtype)}`);
  }
  const d = normDim(dim, x._shape.length);
  const [mask, last] = alongMask(x, d, indexArg('index_copy', x, d, index, source));
  return index.numel() ? E.where(mask, S.index_select(source, d, last), x) : E.clone(x);
}

/** x with its slices at index along dim set to value. */
function index_fill_impl(x: Tensor, dim: number, index: Tensor, value: number | Tensor): Tensor {
  const d = normDim(dim, x._shape.length);
  return E.where(alongMask(x, d, indexArg('index_fill', x, d, index))[0], value, x);
}

/** scatter's arguments: (dim, index, src) or (dim, index, value), any of them by name (`{ value: 1 }`). */
export type ScatterArgs = [dim: number, index: Tensor, src: Tensor | number, kw?: ScatterKw]
  | [dim: number, index: Tensor, kw: ScatterKw] | [dim: number, kw: ScatterKw] | [kw: ScatterKw];
export type ScatterKw = { dim?: number; index?: Tensor; src?: Tensor; value?: number; reduce?: string };

export function scatterArgs(args: readonly unknown[]): [number, Tensor, Tensor | number] {
  const o = kwargs('scatter', ['dim', 'index', 'src', 'value', 'reduce'], { src: undefined, value: undefined, reduce: undefined }, args);
  const [dim, index, src, value, reduce] = o as [number, Tensor, Tensor | number | undefined, number | undefined, string | undefined];
  if (reduce !== undefined) throw new TypeError("tocha: scatter's reduce argument is not supported: use scatter_reduce (or scatter_add)");
  if (src !== undefined && value !== undefined) throw new TypeError('scatter() received an invalid combination of arguments - got both src and value');
  const v = src ?? value;
  if (v === undefined) throw new TypeError("scatter() missing 1 required positional argument: 'src'");
  return [dim, index, v];
}

/** torch.scatter with gradients (ScatterBackward0/1): src values (or a scalar) written at index along dim. */
function scatter_impl(x: Tensor, ...args: ScatterArgs): Tensor {
  const [dim, index, src] = scatterArgs(args);
  S.checkScatterDtype(x, src);
  const d = normDim(dim, x._shape.length);
  const out = S.scatter(x.detach(), d, index, src instanceof Tensor ? src.detach() : src);
  const ins = src instanceof Tensor ? [x, src] : [x];
  return record(src instanceof Tensor ? 'ScatterBackward0' : 'ScatterBackward1', out, ins, [index.contiguous()],
    (g, [i]) => [S.scatter(g, d, i, 0), ins.length > 1 ? S.gather(g, d, i) : null]);
}

export type ScatterReduce = 'sum' | 'prod' | 'mean' | 'amax' | 'amin';
/**
 * Reduces src values into x at index along dim: `torch.scatter_reduce(x, 0, idx, src, 'amax', { include_self: false })`.
 * Gradients as PyTorch's for sum, mean, amax/amin (shared evenly among equal values) and prod (zeros too).
 */
function scatter_reduce_impl(x: Tensor, dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, opts: { include_self?: boolean } = {}): Tensor {
  warnOnce('scatter_reduce', 'scatter_reduce() is in beta and the API may change at any time. (Triggered internally at  ' +
    './aten/src/ATen/native/TensorAdvancedIndexing.cpp:1615.)');
  return scatterReduceQuiet(x, dim, index, src, reduce, opts);
}
// The ops tocha builds on scatter_reduce (EmbeddingBag's max, embedding_bag, index_add of int64, index_reduce,
// segment_reduce) use it without its beta warning: PyTorch warns only when the user calls scatter_reduce.
function scatter_reduce_quiet_impl(x: Tensor, dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce,
  opts: { include_self?: boolean } = {}): Tensor {
  const self = opts.include_self ?? true;
  const d = normDim(dim, x._shape.length);
  if (!['sum', 'prod', 'mean', 'amax', 'amin'].includes(reduce)) {
    throw new RangeError('reduce argument must be either sum, prod, mean, amax or amin.');
  }
  S.checkGatherIndex('scatter_reduce', x, d, index); // PyTorch's index checks (scatter's)
  S.checkScatterDtype(x, src);
  const sr = src.detach().contiguous();
  const xc = x.detach().contiguous();
  const ic = index.contiguous();
  const xs = x._shape;
  const xn = numelOf(xs);
  // reduced in f64, element by element in index order, then rounded (or truncated) once
  const res = Tensor._empty(xs.slice(), x.dtype);
  const cnt = Tensor._empty(xs.slice(), int64);
  const acc = malloc(Math.max(8, xn * 8));
  let wrong = 0;
  try {
    const strides = (shape: readonly number[]) => shape.map((_, i) => numelOf(shape.slice(i + 1)));
    const op = ['sum', 'prod', 'mean', 'amax', 'amin'].indexOf(reduce);
    wrong = K.scatter_reduce_32(res._ptr(), cnt._ptr(), acc, xc._ptr(), xn, ic._ptr(), sr._ptr(),
      meta(index._shape, strides(xs), strides(sr._shape)), d, op, self ? 1 : 0, (x.dtype === float32 ? 0 : 1) | (sr.dtype === float32 ? 0 : 2));
  } finally {
    mfree(acc);
  }
  if (wrong) {
    // (the copies above are this composite's temporaries: its scope frees them)
    res.dispose();
    cnt.dispose();
    throw intOverflow('scatter_reduce');
  }
  const touched = E.gt(cnt, self ? 1 : 0);
  const n = E.cast(E.where(E.gt(cnt, 0), cnt, 1), float32);
  return record('ScatterReduceBackward0', res, [x, src], [index.contiguous(), x, src, res, touched, n], (g, [i, sx, ss, y, touched, n]) => {
    const gs = (t: Tensor) => S.gather(t, d, i);
    const gSelf = self ? g : E.where(touched, 0, g);
    if (reduce === 'sum') return [gSelf, gs(g)];
    if (reduce === 'mean') return [self ? E.div(g, n) : gSelf, gs(E.div(g, n))];
    const sf = fit(ss, i._shape);
    if (reduce === 'prod') {
      // PyTorch's scatter_reduce_backward: a zero gets the product of the others (masked to 1 and
      // reduced again); a src zero that shares its group with another zero gets 0
      const red = (a: Tensor, b: Tensor) => scatterReduceQuiet(a.detach(), d, i, b.detach(), 'prod', opts);
      const ms = E.where(E.eq(sx, 0), 1, sx);
      const gx = E.div(E.mul(g, red(ms, sf)), ms);
      const z = E.eq(sf, 0);
      const one = E.logical_and(z, E.eq(gs(S.scatter_add(zeros(xs.slice()), d, i, E.cast(z, float32))), 1));
      return [self ? gx : E.where(touched, 0, gx),
        E.where(one, gs(E.mul(g, red(sx, E.where(one, 1, sf)))), E.div(gs(E.mul(g, y)), E.where(z, 1, sf)))];
    }
    const srcEq = E.cast(E.eq(sf, gs(y)), float32);
    const selfEq = E.cast(self ? E.eq(sx, y) : E.logical_not(touched), float32);
    const c = S.scatter_add(selfEq, d, i, srcEq);
    return [E.div(E.mul(g, selfEq), c), E.mul(gs(E.div(g, c)), srcEq)];
  });
}

/** t narrowed to the leading part of each dim given by shape. */
const fit = (t: Tensor, shape: readonly number[]) => shape.reduce((r, n, k) => (r._shape[k] !== n ? S.narrow(r, k, 0, n) : r), t);

/**
 * x with the positions where mask is true taking source's elements in order (MaskedScatterBackward0: x gets
 * the gradient where mask is false, source the gradient at the masked places in order, zeros after them).
 */
function masked_scatter_impl(x: Tensor, mask: Tensor, source: Tensor): Tensor {
  const shape = broadcastShapes(x._shape, mask._shape);
  const mb = E.boolMask('masked_scatter_', mask);
  const m = S.expand(mb, shape).contiguous();
  if (mb !== mask && mb !== m) mb.dispose();
  const n = numelOf(shape);
  const k = n ? K.mask_count_32(m._ptr(), n) : 0;
  if (source.dtype !== x.dtype) {
    // (sic: no space after "got", as PyTorch 1.13 words it)
    throw new TypeError(`masked_scatter: expected self and source to have same dtypes but got${scalarName(x.dtype)} and ${scalarName(source.dtype)}`);
  }
  if (k > source.numel()) throw new RangeError('masked_scatter: expected source to have at least as many elements as ones in mask');
  if (!k) return renamed('MaskedScatterBackward0', E.where(m, 0, E.clone(x)));
  const dt = promote(source.dtype, x.dtype);
  const out = E.convert(S.expand(x.detach(), shape), dt);
  const src = E.cast(source.detach(), dt).contiguous();
  K.masked_scatter_32(out._ptr(), m._ptr(), src._ptr(), n, k);
  const srcShape = source._shape.slice();
  return record('MaskedScatterBackward0', out, [x, source], [m], (g, [sm]) => {
    const sel = S.masked_select(g, sm);
    const rest = numelOf(srcShape) - sel.numel();
    return [E.where(sm, 0, g), S.reshape(rest > 0 ? S.cat([sel, zeros([rest])]) : sel, srcShape)];
  });
}

/** The tensors expanded to their common broadcast shape (views). */
export function broadcast_tensors(...args: (Tensor | Tensor[])[]): Tensor[] {
  const ts = listOf(args);
  const shape = ts.reduce<number[]>((s, t) => broadcastShapes(s, t._shape), []);
  // A tensor that already has the shape is returned itself, as PyTorch's expand_outplace does
  return ts.map((t) => (t._shape.length === shape.length && t._shape.every((d, i) => d === shape[i]) ? t : S.expand(t, shape)));
}

/** A block-diagonal matrix of the inputs (0-D and 1-D count as one row). */
function block_diag_impl(...args: (Tensor | Tensor[])[]): Tensor {
  const ts = listOf(args).map((t) => (t._shape.length < 2 ? S.reshape(t, [1, -1]) : t));
  const dt = ts.reduce<DType>((a, t) => promote(a, t.dtype), bool);
  const cols = ts.reduce((a, t) => a + t._shape[1], 0);
  let at = 0;
  const rows = ts.map((t) => {
    const [r, c] = t._shape;
    const row = S.cat([zeros([r, at], dt), E.cast(t, dt), zeros([r, cols - at - c], dt)], 1);
    at += c;
    return row;
  });
  return rows.length ? S.cat(rows, 0) : zeros([0, 0]);
}

/** All combinations of the 1-D inputs' elements, one per row. */
function cartesian_prod_impl(...args: (Tensor | Tensor[])[]): Tensor {
  const ts = listOf(args);
  if (ts.length === 1) return ts[0];
  return S.stack(meshgrid(ts).map((t) => S.reshape(t, [-1])), 1);
}

type DiffOpts = { prepend?: Tensor | null; append?: Tensor | null };

/** n-th forward difference along dim, optionally with values prepended/appended: `torch.diff(x, 1, -1)`; prepend and
 *  append by position too, as PyTorch takes them (`torch.diff(x, 2, 0, p, q)`). */
function diff_impl(x: Tensor, n?: number, dim?: number, ...rest: [opts?: DiffOpts] | [prepend?: Tensor | null, append?: Tensor | null, opts?: DiffOpts]): Tensor {
  const o = (rest.length && isPlainObject(rest[rest.length - 1]) ? rest.pop() : {}) as DiffOpts;
  const [prepend = o.prepend, append = o.append] = rest as (Tensor | null | undefined)[];
  n ??= 1;
  dim ??= -1;
  const d = normDim(dim, x._shape.length);
  let r = x;
  if (prepend || append) r = S.cat([prepend, x, append].filter((t): t is Tensor => !!t), d);
  for (let k = 0; k < n && r._shape[d] > 0; k++) {
    const m = r._shape[d] - 1;
    const [a, b] = [S.narrow(r, d, 1, m), S.narrow(r, d, 0, m)];
    r = r.dtype === bool ? E.logical_xor(a, b) : E.sub(a, b);
  }
  return r;
}

// ---------------------------------------------------------------- elementwise and reductions

const F32_MAX = 3.4028234663852886e38;
/** NaN → nan, ±inf → posinf/neginf (the float32 extremes by default). */
function nan_to_num_impl(x: Tensor, nan: number | { nan?: number; posinf?: Num; neginf?: Num } = 0, posinf?: Num, neginf?: Num): Tensor {
  if (typeof nan === 'object') return nan_to_num(x, nan.nan ?? 0, nan.posinf, nan.neginf);
  if (x.dtype !== float32) return E.clone(x);
  const f = (v: number) => E.filled([], float32, v);
  return E.where(E.isnan(x), f(nan), E.where(E.isinf(x), E.where(E.gt(x, 0), f(posinf ?? F32_MAX), f(neginf ?? -F32_MAX)), x));
}

/** x with NaN as 0; the gradient is g·(x not NaN), as PyTorch's nansum. */
function notNan(x: Tensor): Tensor {
  if (x.dtype !== float32) return x;
  const k = E.logical_not(E.isnan(x));
  return record('NansumBackward0', E.where(k, x.detach(), 0), [x], [k], (g, [m]) => [E.mul(g, m)]);
}
/** Sum treating NaN as zero. */
const nansum_impl = (x: Tensor, dim?: number | number[] | null | R.DimOpts, opts?: R.DimOpts) => R.sum(notNan(x), dim, opts);
/** Mean of the non-NaN elements. */
function nanmean_impl(x: Tensor, dim?: number | number[] | null | R.DimOpts, opts?: R.DimOpts): Tensor {
  if (x.dtype !== float32) throw new TypeError(`nanmean(): expected input to have floating point dtype but got ${scalarName(x.dtype)}`);
  return E.div(nansum(x, dim, opts), R.sum(E.logical_not(E.isnan(x)), dim, opts));
}

const tensorArg = (v: TensorOrScalar, like: Tensor) => (v instanceof Tensor ? v : E.asTensorLike(v, E.cast(like, float32)));
/** x · log(y), 0 where x = 0 (unless y is NaN): `torch.xlogy(x, y)`. */
function xlogy_impl(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const x = tensorArg(a, b as Tensor);
  const y = tensorArg(b, x);
  const [xd, yd] = [x.detach(), y.detach()];
  const out = E.where(E.isnan(yd), NaN, E.where(E.eq(xd, 0), 0, E.mul(xd, E.log(yd))));
  // PyTorch's rule: d/dx = log(y) (0 where x = 0 and y <= 0), d/dy = x / y; its node names which side is a number
  const node = !(a instanceof Tensor) ? 'XlogyBackward1' : !(b instanceof Tensor) ? 'XlogyBackward2' : 'XlogyBackward0';
  return record(node, out, [x, y], [x, y], (g, [sx, sy]) =>
    [E.where(E.logical_and(E.eq(sx, 0), E.le(sy, 0)), 0, E.mul(g, E.log(sy))), E.div(E.mul(g, sx), sy)]);
}

/** log(exp(a) + exp(b)), computed stably. */
/** log(e^a + e^b) in base e or 2, the larger factored out so nothing overflows. */
function logAddExpIn(node: string, pow: (t: Tensor) => Tensor, log: (t: Tensor) => Tensor, a: Tensor, b: Tensor): Tensor {
  if (a.dtype !== float32 && b.dtype !== float32) {
    const k = node === 'LogaddexpBackward0' ? 'logaddexp_cpu' : 'logaddexp2_cpu';
    throw new TypeError(`"${k}" not implemented for '${scalarName(a.dtype === bool && b.dtype === bool ? bool : int64)}'`);
  }
  const mr = E.maximum(a.detach(), b.detach());
  const m = E.where(E.isinf(mr), 0, mr);
  return renamed(node, E.add(log(E.add(pow(E.sub(a, m)), pow(E.sub(b, m)))), m));
}
const logaddexp_impl = (a: Tensor, b: Tensor) => logAddExpIn('LogaddexpBackward0', E.exp, E.log, a, b);
const logaddexp2_impl = (a: Tensor, b: Tensor) => logAddExpIn('Logaddexp2Backward0', E.exp2, E.log2, a, b);

/** The angle of a real number: π below 0, 0 elsewhere, NaN kept; a zero gradient (AngleBackward0). */
function angle_impl(x: Tensor): Tensor {
  const xd = E.cast(x.detach(), float32);
  const out = E.add(E.where(E.isnan(xd), xd, E.mul(E.cast(E.lt(xd, 0), float32), Math.PI)), 0);
  return record('AngleBackward0', out, [x], [], (g) => [E.mul(g, 0)]);
}

/** `x` itself (PyTorch's unary +); bool tensors are refused as PyTorch refuses them. */
export function positive(x: Tensor): Tensor {
  if (x.dtype === bool) throw new Error('The `+` operator, on a bool tensor is not supported.');
  return x;
}

/** x == +inf (false for integer tensors). */
function isposinf_impl(x: Tensor): Tensor {
  return x.dtype === float32 ? E.eq(x, Infinity) : C.zeros(x._shape.slice(), { dtype: bool });
}

/** x == -inf (false for integer tensors). */
function isneginf_impl(x: Tensor): Tensor {
  return x.dtype === float32 ? E.eq(x, -Infinity) : C.zeros(x._shape.slice(), { dtype: bool });
}

/** Whether each element is real: always, for tocha's real dtypes. */
export function isreal(x: Tensor): Tensor {
  return C.ones(x._shape.slice(), { dtype: bool });
}

/** The truth of a one-element tensor, with PyTorch's errors for more or fewer elements. */
export function is_nonzero(x: Tensor): boolean {
  const n = x.numel();
  if (n === 0) throw new Error('Boolean value of Tensor with no values is ambiguous');
  if (n > 1) throw new Error('Boolean value of Tensor with more than one value is ambiguous');
  return Number(x.item()) !== 0;
}

/** The conjugate transpose of the last two dims (the transpose, for real tensors). */
export function adjoint(x: Tensor): Tensor {
  if (x._shape.length < 2) {
    throw new Error(`tensor.adjoint() is only supported on matrices or batches of matrices. Got ${x._shape.length}-D tensor.`);
  }
  return S.transpose(x, -2, -1);
}

/** The imaginary part: real tensors have none, as PyTorch says. */
export function imag(x: Tensor): Tensor {
  void x;
  throw new Error('imag is not implemented for tensors with non-complex dtypes.');
}

/** `x.fill_diagonal_(v, wrap)`: the main diagonal (all dims equal beyond 2-D); a tall matrix with wrap
 *  starts the diagonal again every columns + 1 rows, as PyTorch. Written as an index_put_, so autograd
 *  sees it (the overwritten entries get no gradient). */
export function fill_diagonal_<T extends Tensor>(x: T, fill_value: number, wrap = false): T {
  const n = x._shape.length;
  if (n < 2) throw new Error('dimensions must larger than 1');
  if (n > 2 && x._shape.some((d) => d !== x._shape[0])) throw new Error('all dimensions of input must be of equal length');
  const rows = x._shape[0];
  const cols = n === 2 ? x._shape[1] : rows;
  const rowIdx: number[] = [];
  const colIdx: number[] = [];
  for (let i = 0; i < Math.min(rows, cols); i++) { rowIdx.push(i); colIdx.push(i); }
  if (n === 2 && wrap && rows > cols + 1) {
    for (let r = cols + 1; r < rows; r += cols + 1) {
      for (let i = 0; i < Math.min(cols, rows - r); i++) { rowIdx.push(r + i); colIdx.push(i); }
    }
  }
  const idx = [fromFlat(rowIdx, [rowIdx.length], int64), ...Array.from({ length: n - 1 }, (_, d) =>
    fromFlat(d === 0 ? colIdx : rowIdx, [rowIdx.length], int64))];
  x.index_put_(idx, fill_value);
  for (const t of idx) t.dispose();
  return x;
}

/** Elementwise maximum that ignores NaN (NaN only where both are). */
const fmax_impl = (a: Tensor, b: Tensor) => E.where(E.logical_or(E.ge(a, b), E.isnan(b)), a, b);
/** Elementwise minimum that ignores NaN. */
const fmin_impl = (a: Tensor, b: Tensor) => E.where(E.logical_or(E.le(a, b), E.isnan(b)), a, b);

/** 0 for x < 0, values where x = 0, 1 for x > 0. */
function heaviside_impl(x: Tensor, values: Tensor): Tensor {
  if (x.dtype !== values.dtype) throw new TypeError('heaviside is not yet implemented for tensors with different dtypes.');
  const out = E.where(E.eq(x.detach(), 0), values.detach(), E.cast(E.gt(x.detach(), 0), x.dtype));
  return refused('NotImplemented', 'derivative for aten::heaviside is not implemented', out, [x, values]);
}

/** The sign (for real tensors, `sign`). */
function sgn_impl(x: Tensor): Tensor {
  if (x.dtype !== float32) return E.sign(x);
  return record('SgnBackward0', E.sign(x.detach()), [x], [], (g) => [zeros(g._shape.slice())]);
}
/** Whether the sign bit is set (true for -0.0). */
const signbit_impl = (x: Tensor) => (x.dtype === float32 ? E.lt(E.copysign(E.filled(x._shape.slice(), float32, 1), x.detach()), 0) : E.lt(x, 0));
/** Degrees to radians. */
export const deg2rad = /*#__PURE__*/ composite((x: Tensor) => renamed('Deg2RadBackward0', E.mul(x, Math.PI / 180)), 'deg2rad');
/** Radians to degrees. */
export const rad2deg = /*#__PURE__*/ composite((x: Tensor) => renamed('Rad2DegBackward0', E.mul(x, 180 / Math.PI)), 'rad2deg');

/** min and max together (`.min`, `.max`, or `[min, max]`): `torch.aminmax(x, { dim: 0 })`. */
export function aminmax(x: Tensor, opts: { dim?: number | null; keepdim?: boolean } = {}): [Tensor, Tensor] & { min: Tensor; max: Tensor } {
  const dim = opts.dim ?? undefined;
  // PyTorch 1.13 has no derivative for aminmax: its outputs' node raises in backward
  const xd = x.detach();
  const msg = 'derivative for aten::aminmax is not implemented';
  const mn = refused('NotImplemented', msg, R.amin(xd, dim, opts), [x]);
  const mx = refused('NotImplemented', msg, R.amax(xd, dim, opts), [x]);
  xd.dispose();
  return namedTuple<[Tensor, Tensor] & { min: Tensor; max: Tensor }>('aminmax', ['min', 'max'], [mn, mx]);
}

/** Histogram of the elements in `bins` equal bins over [min, max] (the data's range when both are 0). */
export function histc(x: Tensor, bins = 100, min = 0, max = 0): Tensor {
  // (PyTorch's histc of bool fails first in the linspace of its edges)
  if (x.dtype !== float32) throw new TypeError(`"${x.dtype === bool ? 'linspace_cpu' : 'histogram_cpu'}" not implemented for '${scalarName(x.dtype)}'`);
  if (bins <= 0) throw new RangeError(`torch.histogram(): bins must be > 0, but got ${bins} for dimension 0`);
  const xc = x.contiguous();
  const n = xc.numel();
  let [lo, hi] = [min, max];
  // the data's NaN prints as x86's default NaN (sign set), as PyTorch's min/max reductions make it
  let dataNaN = false;
  if (lo === hi && n) {
    // the data's min and max (NaN if there is one)
    K.range_f32(xc._ptr(), n, SCRATCH);
    lo = F32()[SCRATCH >>> 2];
    hi = F32()[(SCRATCH >>> 2) + 1];
    dataNaN = true;
  }
  if (lo === hi) { lo -= 1; hi += 1; }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    if (xc !== x) xc.dispose();
    const cpp = (v: number) => (Number.isNaN(v) ? (dataNaN ? '-nan' : 'nan') : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : g6(v));
    throw new RangeError(`torch.histc: range of [${cpp(lo)}, ${cpp(hi)}] is not finite`);
  }
  if (lo > hi) {
    if (xc !== x) xc.dispose();
    throw new RangeError('torch.histc: max must be larger than min');
  }
  const h = Tensor._empty([bins], float32);
  K.histc_f32(h._ptr(), xc._ptr(), n, bins, lo, hi);
  if (xc !== x) xc.dispose();
  return h;
}

/** Counts of each value of a 1-D non-negative int tensor (or sums of weights): `torch.bincount(x)`. */
export function bincount(x: Tensor, weights?: Tensor | null, minlength = 0): Tensor {
  const n = x.numel();
  if (x.dtype === bool) throw new TypeError(`"bincount_cpu" not implemented for 'Bool'`);
  const [lo, hi] = x._shape.length === 1 && x.dtype === int64 && n ? S.indexRange(x) : [0, -1];
  if (x._shape.length !== 1 || x.dtype !== int64 || lo < 0) throw new RangeError('bincount only supports 1-d non-negative integral inputs.');
  if (weights && (weights._shape.length !== 1 || weights.numel() !== n)) throw new RangeError('weights should be 1-d and have the same length as input');
  const bins = Math.max(minlength, hi + 1);
  // float weights are summed in float32, as PyTorch; int and bool ones in f64 and given as float32 (PyTorch's
  // float64, which tocha lacks)
  const out = Tensor._empty([bins], weights ? float32 : int64);
  if (bins > 0) {
    const xc = x.contiguous();
    const wc = weights?.contiguous();
    const tmp = weights && weights.dtype !== float32 ? malloc(bins * 8) : 0;
    K.bincount_32(out._ptr(), xc._ptr(), wc ? wc._ptr() : 0, n, bins, !wc ? 0 : wc.dtype === float32 ? 1 : 2, tmp);
    if (tmp) mfree(tmp);
    if (xc !== x) xc.dispose();
    if (wc && wc !== weights) wc.dispose();
  }
  return out;
}

// ---------------------------------------------------------------- creation

type Opts = C.TensorOptions;
const like = (x: Tensor, o: Opts = {}): Opts => ({ dtype: x.dtype, ...o });
/** Tensors with self's dtype unless given: `x.new_zeros([2, 3])`. */
export const new_zeros = (x: Tensor, size: number[], o?: Opts) => C.zeros(size, like(x, o));
export const new_ones = (x: Tensor, size: number[], o?: Opts) => C.ones(size, like(x, o));
export const new_empty = (x: Tensor, size: number[], o?: Opts) => C.empty(size, like(x, o));
export const new_full = (x: Tensor, size: number[], v: number | boolean, o?: Opts) => C.full(size, v, like(x, o));
export const new_tensor = (x: Tensor, data: TensorData | ArrayLike<number>, o?: Opts) => C.tensor(data, like(x, o));

/** randint_like's keyword-only factory options, and low/high by name (`{ high: 5 }`, `{ low: 1, high: 5 }`). */
export type RandintLikeOptions = C.TensorOptions & C.FormatOption & { layout?: unknown; pin_memory?: boolean };
const LIKE_KW = ['memory_format', 'dtype', 'layout', 'device', 'pin_memory', 'requires_grad'];

/** Random integers in [low, high) in x's shape: `torch.randint_like(x, 10)` or `(x, low, high)`; PyTorch's two
 *  signatures, (input, high) and (input, low, high), by position or by name. */
export function randint_like(x: Tensor, high: number, opts?: RandintLikeOptions): Tensor;
export function randint_like(x: Tensor, low: number, high: number, opts?: RandintLikeOptions): Tensor;
export function randint_like(x: Tensor, opts: RandintLikeOptions & { high: number; low?: number }): Tensor;
export function randint_like(x: Tensor, low: number, opts: RandintLikeOptions & { high: number }): Tensor;
export function randint_like(x: Tensor, ...args: unknown[]): Tensor {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const last = args[n - 1] as Record<string, unknown> | undefined;
  const kw = last !== null && typeof last === 'object' && Object.getPrototypeOf(last) === Object.prototype ? last : {};
  // one number and neither name: it is high (the first signature)
  const names = n - (kw === last ? 1 : 0) === 1 && kw.low === undefined && kw.high === undefined ? ['high'] : ['low', 'high'];
  const o = nativeAfter('randint_like', 1, names, { low: 0 }, args, LIKE_KW);
  const bound = (k: string) => intArg('randint_like', k, argPosition(args, names.indexOf(k), 1), o[k]);
  const low = names.length === 1 ? 0 : bound('low');
  const high = bound('high');
  const opts: Record<string, unknown> = {};
  for (const k of LIKE_KW) if (o[k] !== undefined) opts[k] = o[k];
  return C.likeLayout(x, opts, (shape, oo) => C.randint(low, high, shape, like(x, oo as C.RandomOptions)));
}

/** torch.multinomial's keyword arguments. */
export interface MultinomialOpts { num_samples?: number; replacement?: boolean; generator?: C.Generator | null; out?: Tensor }

/**
 * Samples category indices from the rows of `input` (non-negative weights): `torch.multinomial(p, 4, true)`.
 * The same draws as PyTorch 1.13's CPU generator: without replacement the argmax / top-k of p / q for
 * exponential q; with replacement (even for one sample) a search of the float32 cumulative sums by uniform doubles.
 */
export function multinomial(input: Tensor, num_samples: number, replacement?: boolean, opts?: MultinomialOpts): Tensor;
export function multinomial(input: Tensor, num_samples: number, opts: MultinomialOpts): Tensor;
export function multinomial(input: Tensor, opts: MultinomialOpts & { num_samples: number }): Tensor;
export function multinomial(input: Tensor, ...args: unknown[]): Tensor {
  // num_samples and replacement by position or by name, as makemore's torch.multinomial(p, num_samples=1, ...)
  const o = nativeAfter('multinomial', 1, ['num_samples', 'replacement'], { replacement: false, generator: null, out: null },
    args, ['generator', 'out']);
  const into = o.out as unknown;
  if (into != null) {
    // ATen's multinomial_out: a long out, resized to the draws' shape without a warning (its strides kept when it has it)
    if (!(into instanceof Tensor)) throw new TypeError(`multinomial(): argument 'out' must be Tensor, not ${pyType(into)}`);
    if (into.dtype !== int64) throw new Error(`multinomial expects Long tensor out, got: ${scalarName(into.dtype)}`);
    const r = multinomial(input, o.num_samples as number, o.replacement as boolean, { generator: o.generator as C.Generator | null });
    try {
      if (!sameShape(into._shape, r._shape)) resize_(into, r._shape.slice());
      into._bumpVersion();
      E.writeInto(into, r);
    } finally {
      r.dispose();
    }
    return into;
  }
  const num_samples = intArg('multinomial', 'num_samples', 2, o.num_samples);
  const replacement = Boolean(o.replacement);
  const opts = { generator: o.generator as C.Generator | null };
  const nd = input._shape.length;
  if (nd < 1 || nd > 2) throw new RangeError('prob_dist must be 1 or 2 dim');
  if (input.dtype !== float32) throw new TypeError(`multinomial only supports floating-point dtypes for input, got: ${scalarName(input.dtype)}`);
  const n = input._shape[nd - 1];
  const gen = (o.generator as C.Generator | null) ?? C.default_generator;
  if (replacement && num_samples > 0 && n > 0) {
    // multinomialDraws' search with replacement, in the kernel: rows are checked as they are drawn
    const p = input.contiguous();
    const rows = p.numel() / n;
    const out = Tensor._empty(nd === 2 ? [rows, num_samples] : [num_samples], int64);
    const cum = malloc(n * 8);
    let code = 0;
    try {
      code = K.multinomial_f32(out._ptr(), p._ptr(), rows, n, num_samples, gen._state, cum);
    } finally {
      mfree(cum);
      if (p !== input) p.dispose();
    }
    if (code) {
      out.dispose();
      throw new RangeError(['', 'invalid multinomial distribution (encountering probability entry < 0)',
        'invalid multinomial distribution (encountering probability entry = infinity or NaN)',
        'invalid multinomial distribution (sum of probabilities <= 0)'][code & 3]);
    }
    return out;
  }
  const out = multinomialDraws(input.dataSync(), n, num_samples, replacement, gen, Math.fround);
  return T(out, nd === 2 ? [out.length / num_samples, num_samples] : [num_samples]);
}

/**
 * torch.multinomial's draws for rows of n weights `p`, computed in float32 (`round` = Math.fround) or,
 * for weights PyTorch holds as float64 (WeightedRandomSampler's), in float64 (`round` = identity).
 */
export function multinomialDraws(p: ArrayLike<number>, n: number, num_samples: number, replacement: boolean,
  gen: C.Generator, round: (x: number) => number): Int32Array {
  if (num_samples <= 0) throw new RangeError('cannot sample n_sample <= 0 samples');
  if (!replacement && num_samples > n) throw new RangeError('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
  const rows = p.length / n;
  const g = gen._state;
  const u = () => Number(K.gen_u64(g) & 0x1fffffffffffffn) * 2 ** -53;
  const f = round;
  const out = new Int32Array(rows * num_samples);
  // PyTorch 1.13 samples without replacement as the top-k of p / q for exponential q; with replacement
  // (one sample included) by searching the cumulative sums.
  if (!replacement) {
    const q = new Float64Array(p.length);
    for (let i = 0; i < p.length; i++) {
      if (!(p[i] >= 0 && p[i] < Infinity)) throw new RangeError('probability tensor contains either `inf`, `nan` or element < 0');
    }
    for (let r = 0; r < rows; r++) {
      let any = false;
      for (let j = 0; j < n; j++) any ||= p[r * n + j] !== 0;
      if (!any) throw new RangeError('invalid multinomial distribution (sum of probabilities <= 0)');
    }
    for (let i = 0; i < p.length; i++) q[i] = f(p[i] / f(-Math.log(1 - u())));
    // The largest num_samples of each row, in descending order (topk).
    for (let r = 0; r < rows; r++) {
      const idx = Array.from({ length: n }, (_, j) => j);
      idx.sort((a, b) => q[r * n + b] - q[r * n + a] || a - b);
      out.set(idx.slice(0, num_samples), r * num_samples);
    }
    return out;
  }
  const cum = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const v = p[r * n + j];
      if (!(v >= 0)) throw new RangeError('invalid multinomial distribution (encountering probability entry < 0)');
      if (!Number.isFinite(v)) throw new RangeError('invalid multinomial distribution (encountering probability entry = infinity or NaN)');
      cum[j] = s = f(s + v);
    }
    if (!(s > 0)) throw new RangeError('invalid multinomial distribution (sum of probabilities <= 0)');
    for (let j = 0; j < n; j++) cum[j] = f(cum[j] / s);
    cum[n - 1] = 1;
    for (let k = 0; k < num_samples; k++) {
      const x = u();
      let lo = 0;
      for (let hi = n; hi > lo;) {
        const mid = lo + ((hi - lo) >> 1);
        if (cum[mid] < x) lo = mid + 1; else hi = mid;
      }
      out[r * num_samples + k] = lo;
    }
  }
  return out;
}

// Composites run in a scope of their own: their temporaries are released when they return, not left
// to the garbage collector (lifetime.ts `composite`).
/** A composite whose result carries PyTorch's node name (`grad_fn=<TraceBackward0>`, renamed in autograd.ts). */
function named<A extends unknown[]>(node: string, f: (...a: A) => Tensor): (...a: A) => Tensor {
  return (...a: A) => renamed(node, f(...a));
}
export const dist = /*#__PURE__*/ composite(/*#__PURE__*/ named('DistBackward0', dist_impl), 'dist');
export const nanmean = /*#__PURE__*/ composite(nanmean_impl, 'nanmean');
export const nansum = /*#__PURE__*/ composite(/*#__PURE__*/ named('NansumBackward0', nansum_impl), 'nansum');
export const fmax = /*#__PURE__*/ composite(/*#__PURE__*/ named('FmaxBackward0', fmax_impl), 'fmax');
export const fmin = /*#__PURE__*/ composite(/*#__PURE__*/ named('FminBackward0', fmin_impl), 'fmin');
export const heaviside = /*#__PURE__*/ composite(heaviside_impl, 'heaviside');
export const logaddexp = /*#__PURE__*/ composite(logaddexp_impl, 'logaddexp');
export const logaddexp2 = /*#__PURE__*/ composite(logaddexp2_impl, 'logaddexp2');
export const angle = /*#__PURE__*/ composite(angle_impl, 'angle');
export const isposinf = /*#__PURE__*/ composite(isposinf_impl, 'isposinf');
export const isneginf = /*#__PURE__*/ composite(isneginf_impl, 'isneginf');
export const nan_to_num = /*#__PURE__*/ composite((x: Tensor, ...a: Parameters<typeof nan_to_num_impl> extends [Tensor, ...infer R] ? R : never) =>
  renamed('NanToNumBackward0', nan_to_num_impl(x, ...a)), 'nan_to_num');
export const sgn = /*#__PURE__*/ composite(sgn_impl, 'sgn');
export const signbit = /*#__PURE__*/ composite(signbit_impl, 'signbit');
export { sinc } from './special.js';
export const xlogy = /*#__PURE__*/ composite(xlogy_impl, 'xlogy');
export const block_diag = /*#__PURE__*/ composite(/*#__PURE__*/ named('BlockDiagBackward0', block_diag_impl), 'block_diag');
export const cdist = /*#__PURE__*/ composite(/*#__PURE__*/ named('CdistBackward0', cdist_impl), 'cdist');
export const corrcoef = /*#__PURE__*/ composite(corrcoef_impl, 'corrcoef');
export const cov = /*#__PURE__*/ composite(cov_impl, 'cov');
export const cross = /*#__PURE__*/ composite(/*#__PURE__*/ named('LinalgCrossBackward0', cross_impl), 'cross');
export const diag = /*#__PURE__*/ composite(/*#__PURE__*/ named('DiagBackward0', diag_impl), 'diag');
export const diag_embed = /*#__PURE__*/ composite(diag_embed_impl, 'diag_embed');
export const diagflat = /*#__PURE__*/ composite(/*#__PURE__*/ named('DiagBackward0', diagflat_impl), 'diagflat');
export const diff = /*#__PURE__*/ composite(diff_impl, 'diff');
export const fliplr = /*#__PURE__*/ composite(fliplr_impl, 'fliplr');
export const flipud = /*#__PURE__*/ composite(flipud_impl, 'flipud');
export const inner = /*#__PURE__*/ composite(inner_impl, 'inner');
export const kron = /*#__PURE__*/ composite(kron_impl, 'kron');
export const meshgrid = /*#__PURE__*/ composite(meshgrid_impl, 'meshgrid');
export const repeat_interleave = /*#__PURE__*/ composite(repeat_interleave_impl, 'repeat_interleave');
export const roll = /*#__PURE__*/ composite(/*#__PURE__*/ named('RollBackward0', roll_impl), 'roll');
export const rot90 = /*#__PURE__*/ composite(/*#__PURE__*/ named('Rot90Backward0', rot90_impl), 'rot90');
export const tensordot = /*#__PURE__*/ composite(tensordot_impl, 'tensordot');
export const trace = /*#__PURE__*/ composite(/*#__PURE__*/ named('TraceBackward0', trace_impl), 'trace');
export const einsum = /*#__PURE__*/ composite(einsum_impl, 'einsum');
export const dstack = /*#__PURE__*/ composite(dstack_impl, 'dstack');
export const column_stack = /*#__PURE__*/ composite(column_stack_impl, 'column_stack');
export const take = /*#__PURE__*/ composite(/*#__PURE__*/ named('TakeBackward0', take_impl), 'take');
export const take_along_dim = /*#__PURE__*/ composite(take_along_dim_impl, 'take_along_dim');
export const index_add = /*#__PURE__*/ composite(index_add_impl, 'index_add');
export const index_copy = /*#__PURE__*/ composite(/*#__PURE__*/ named('IndexCopyBackward0', index_copy_impl), 'index_copy');
export const index_fill = /*#__PURE__*/ composite((x: Tensor, dim: number, index: Tensor, value: number | Tensor) =>
  renamed(value instanceof Tensor ? 'IndexFillBackward1' : 'IndexFillBackward0', index_fill_impl(x, dim, index, value)), 'index_fill');
export const scatter = /*#__PURE__*/ composite(scatter_impl, 'scatter');
export const scatter_reduce = /*#__PURE__*/ composite(scatter_reduce_impl, 'scatter_reduce');
/** scatter_reduce without its beta warning, for the library's own uses. */
export const scatterReduceQuiet = /*#__PURE__*/ composite(scatter_reduce_quiet_impl, 'scatter_reduce');
export const masked_scatter = /*#__PURE__*/ composite(masked_scatter_impl, 'masked_scatter');
export const cartesian_prod = /*#__PURE__*/ composite(/*#__PURE__*/ named('StackBackward0', cartesian_prod_impl), 'cartesian_prod');
