// The factorizations whose LAPACK outputs PyTorch 1.13 exposes as they are: LU with its pivots
// (linalg.lu_factor, lu, lu_solve; torch.lu, lu_solve, lu_unpack), LDLᵀ with Bunch-Kaufman pivots
// (linalg.ldl_factor, ldl_solve), the Householder family (geqrf, linalg.householder_product = orgqr,
// ormqr), the deprecated torch.symeig, and 1.13's refusals (torch.solve, lstsq, eig, matrix_rank are
// removed; linalg.eig/eigvals have complex results). Checks with PyTorch's words, the kernel calls
// (assembly/linalg.ts) and PyTorch's backward formulas (FunctionsManual.cpp) side by side; the shared
// helpers are decomp.ts's. Pivots and info are int64 (PyTorch's are int32).
import { Tensor } from '../tensor.js';
import { float32, int64 } from '../dtype.js';
import { K } from '../backend/wasm.js';
import { record, refused } from '../autograd.js';
import { scoped, composite } from '../lifetime.js';
import { bind } from '../optim/optimizer.js';
import { argPosition, nativeAfter, tensorArg } from './kw.js';
import type { Init } from '../nn/module.js';
import { warnOnce } from '../warn.js';
import { NotImplementedError } from '../distributions/utils.js';
import { broadcastShapes, numelOf, sameShape } from './util.js';
import * as E from './elementwise.js';
import * as S from './shape.js';
import * as R from './reduce.js';
import * as L from './linalg.js';
import * as C from './create.js';
import {
  mT, batchOf, last, copyOf, expandTo, typeName, withWork, raiseInfo, named, checkDims, checkSquare, checkFloat,
  solve_triangular, eighCore, eigvalsBackward, eigvecsBackward,
} from './decomp.js';

const shapeStr = (s: readonly number[]) => `[${s.join(', ')}]`;
const anyTrue = (t: Tensor) => Boolean(R.any(t).item());

// ---------------------------------------------------------------- LU

export type LUFactorResult = [Tensor, Tensor] & { readonly LU: Tensor; readonly pivots: Tensor };
export type LUFactorExResult = [Tensor, Tensor, Tensor] & { readonly LU: Tensor; readonly pivots: Tensor; readonly info: Tensor };
export type PLUResult = [Tensor, Tensor, Tensor] & { readonly P: Tensor; readonly L: Tensor; readonly U: Tensor };

function luChecks(A: Tensor, fn: string, pivot: boolean): void {
  if (A._shape.length < 2) throw new RangeError(`${fn}: Expected tensor with 2 or more dimensions. Got size: ${shapeStr(A._shape)} instead`);
  if (A.dtype !== float32) throw new TypeError(`"lu_cpu" not implemented for '${typeName(A.dtype)}'`);
  if (!pivot) throw new Error('linalg.lu_factor: LU without pivoting is not implemented on the CPU');
}

/** LAPACK's getrf on each m×n matrix of A (no graph): LU (L below the diagonal, U on and above), pivots, info. */
function luRaw(A: Tensor): [Tensor, Tensor, Tensor] {
  const m = last(A, 2);
  const n = last(A);
  const k = Math.min(m, n);
  const bs = batchOf(A);
  const batch = numelOf(bs);
  const lu = copyOf(A);
  const piv = Tensor._empty([...bs, k], int64);
  const info = E.filled(bs, int64, 0);
  if (batch > 0 && k > 0) K.lu_rect_f32(lu._ptr(), piv._ptr(), info._ptr(), batch, m, n);
  return [lu, piv, info];
}

/** P (m×m, A = P·L·U), L (m×k, unit lower) and U (k×n) from LU and its pivots, no graph, no checks. */
function unpackRaw(LU: Tensor, piv: Tensor, data = true, pivots = true): [Tensor, Tensor, Tensor] {
  const m = last(LU, 2);
  const n = last(LU);
  const k = Math.min(m, n);
  const bs = batchOf(LU);
  let P = Tensor._empty([0], LU.dtype);
  if (pivots) {
    P = Tensor._empty([...bs, m, m], LU.dtype);
    const batch = numelOf(bs);
    const np = last(piv);
    if (batch > 0 && m > 0) {
      const p = S.expand(piv, [...bs, np]).contiguous();
      withWork(4 * m, (w) => K.lu_perm_f32(P._ptr(), p._ptr(), batch, m, np, k, LU.dtype === float32 ? 0 : 1, w));
    }
  }
  if (!data) return [P, Tensor._empty([0], LU.dtype), Tensor._empty([0], LU.dtype)];
  const lu = LU.detach();
  const Lm = E.add(S.tril(S.narrow(lu, -1, 0, k), -1), C.eye(m, k, { dtype: LU.dtype }));
  const U = S.triu(S.narrow(lu, -2, 0, k)).contiguous();
  return [P, Lm, U];
}

/**
 * PyTorch's linalg_lu_backward: the gradient of A = P·L·U given those of L (m×k) and U (k×n), either
 * of which may be absent. Square: P·L⁻ᴴ·[tril₋₁(Lᴴ·gL) + triu(gU·Uᴴ)]·U⁻ᴴ; wide and tall matrices add the
 * blocks past the square part.
 */
function luBackward(gL: Tensor | null, gU: Tensor | null, P: Tensor, Lm: Tensor, U: Tensor): Tensor {
  const m = last(Lm, 2);
  const n = last(U);
  const k = Math.min(m, n);
  let gA: Tensor;
  if (m === n) {
    let g: Tensor | null = gL ? S.tril(L.matmul(mT(Lm), gL), -1) : null;
    if (gU) {
      const u = S.triu(L.matmul(gU, mT(U)));
      g = g ? E.add(g, u) : u;
    }
    gA = solve_triangular(mT(U), g!, { upper: false, left: false });
    gA = solve_triangular(mT(Lm), gA, { upper: true, left: true, unitriangular: true });
  } else if (m < n) {
    const U1 = S.narrow(U, -1, 0, k);
    let g: Tensor | null = gL ? L.matmul(mT(Lm), gL) : null;
    if (gU) {
      const u = L.matmul(S.triu(gU), mT(U));
      g = g ? E.sub(g, u) : E.neg(u);
    }
    gA = solve_triangular(mT(U1), S.tril(g!, -1), { upper: false, left: false });
    if (gU) gA = S.cat([E.add(gA, S.triu(S.narrow(gU, -1, 0, k))), S.narrow(gU, -1, k, n - k)], -1);
    gA = solve_triangular(mT(Lm), gA, { upper: true, left: true, unitriangular: true });
    if (!gU) gA = S.cat([gA, E.filled([...batchOf(U), k, n - k], float32, 0)], -1);
  } else {
    const L1 = S.narrow(Lm, -2, 0, k);
    let g: Tensor | null = gU ? L.matmul(gU, mT(U)) : null;
    if (gL) {
      const l = L.matmul(mT(Lm), S.tril(gL, -1));
      g = g ? E.sub(g, l) : E.neg(l);
    }
    gA = solve_triangular(mT(L1), S.triu(g!), { upper: true, left: true, unitriangular: true });
    if (gL) gA = S.cat([E.add(gA, S.tril(S.narrow(gL, -2, 0, k), -1)), S.narrow(gL, -2, k, m - k)], -2);
    gA = solve_triangular(mT(U), gA, { upper: false, left: false });
    if (!gL) gA = S.cat([gA, E.filled([...batchOf(Lm), m - k, k], float32, 0)], -2);
  }
  return L.matmul(P, gA);
}

/** lu_factor_ex's backward: LU's gradient split into L's (first k columns) and U's (first k rows). */
function luFactorBackward(g: Tensor, LU: Tensor, piv: Tensor): Tensor {
  const k = Math.min(last(LU, 2), last(LU));
  const [P, Lm, U] = unpackRaw(LU, piv);
  return luBackward(S.narrow(g, -1, 0, k), S.narrow(g, -2, 0, k), P, Lm, U);
}

function luFactorCore(A: Tensor, fn: string, pivot: boolean, check: string | null): [Tensor, Tensor, Tensor] {
  luChecks(A, 'torch.lu_factor', pivot);
  return scoped(() => {
    const [lu, piv, info] = luRaw(A);
    if (check) {
      raiseInfo(info, A._shape.length > 2, check, (v) => `U[${v},${v}] is zero and using it on lu_solve would result in a division ` +
        'by zero. If you still want to perform the factorization, consider calling linalg.lu(A, pivot) or linalg.lu_factor_ex(A, pivot)');
    }
    const LU = record('LinalgLuFactorExBackward0', lu, [A], [lu, piv], (g, [f, p]) => [luFactorBackward(g, f, p)]);
    return [LU, piv, info] as [Tensor, Tensor, Tensor];
  }, `the end of ${fn}() (an internal temporary)`);
}

/**
 * The LU factorization with partial pivoting of each m×n matrix, as LAPACK's getrf packs it: L (unit
 * diagonal, not stored) below the diagonal, U on and above it, and the 1-based row swaps (int64, PyTorch's
 * int32): `torch.linalg.lu_factor(A)` → LU, pivots. A zero pivot (a singular A) is an error here.
 */
export function lu_factor(A: Tensor, opts: { pivot?: boolean } = {}): LUFactorResult {
  const { pivot } = bind('linalg_lu_factor', [], ['pivot'], { pivot: true }, [opts]);
  const [LU, piv, info] = luFactorCore(A, 'linalg.lu_factor', pivot, 'torch.linalg.lu_factor');
  info.dispose();
  return named('linalg_lu_factor', ['LU', 'pivots'], [LU, piv]);
}

/** `torch.linalg.lu_factor_ex(A, { pivot, check_errors })`: LU, pivots and LAPACK's info (the first zero pivot, 1-based, or 0). */
export function lu_factor_ex(A: Tensor, opts: { pivot?: boolean; check_errors?: boolean } = {}): LUFactorExResult {
  const { pivot, check_errors } = bind('linalg_lu_factor_ex', [], ['pivot', 'check_errors'], { pivot: true, check_errors: false }, [opts]);
  return named('linalg_lu_factor_ex', ['LU', 'pivots', 'info'],
    luFactorCore(A, 'linalg.lu_factor_ex', pivot, check_errors ? 'torch.linalg.lu_factor_ex' : null));
}

/**
 * A = P·L·U with P a permutation (m×m), L unit lower triangular (m×k) and U upper triangular (k×n),
 * k = min(m, n): `torch.linalg.lu(A)`. A singular A factors without error (U has a zero on its diagonal).
 */
export function lu(A: Tensor, opts: { pivot?: boolean } = {}): PLUResult {
  const { pivot } = bind('linalg_lu', [], ['pivot'], { pivot: true }, [opts]);
  luChecks(A, 'linalg.lu', pivot);
  return scoped(() => {
    const [lu_, piv] = luRaw(A);
    const [P, Lm, U] = unpackRaw(lu_, piv);
    record('LinalgLuBackward0', Lm, [A], [P, Lm, U], (g, [p, l, u]) => [luBackward(g, null, p, l, u)]);
    record('LinalgLuBackward0', U, [A], [P, Lm, U], (g, [p, l, u]) => [luBackward(null, g, p, l, u)]);
    return named('linalg_lu', ['P', 'L', 'U'], [P, Lm, U]);
  }, 'the end of linalg.lu() (an internal temporary)');
}

function checkPivotsDtype(piv: Tensor, message: string): void {
  if (piv.dtype !== int64) throw new TypeError(message);
}

/**
 * PyTorch's linalg_lu_solve_LU: the gradient of LU for X = lu_solve(LU, pivots, B) (left/adjoint as
 * the forward), through L and U's triangular solves; gLU = tril₋₁(gL) + triu(gU).
 */
function luSolveLUBackward(gX: Tensor, LU: Tensor, piv: Tensor, X: Tensor, left: boolean, adjoint: boolean): Tensor {
  const [P, Lm, U] = unpackRaw(LU, piv, true, left === adjoint);
  if (left !== adjoint) {
    const gR = solve_triangular(mT(U), E.neg(L.matmul(left ? gX : mT(gX), left ? mT(X) : X)), { upper: false });
    const gL = S.tril(solve_triangular(mT(Lm), L.matmul(gR, mT(U)), { upper: true, left: true, unitriangular: true }), -1);
    return E.add(gL, S.triu(gR));
  }
  let gR = E.neg(L.matmul(L.matmul(L.matmul(mT(P), left ? X : mT(X)), left ? mT(gX) : gX), P));
  gR = solve_triangular(mT(Lm), gR, { upper: true, left: false, unitriangular: true });
  const gU = S.triu(solve_triangular(mT(U), L.matmul(mT(Lm), gR), { upper: false, left: false }));
  return E.add(S.tril(gR, -1), gU);
}

function luSolveCore(LU: Tensor, piv: Tensor, B: Tensor, left: boolean, adjoint: boolean): Tensor {
  if (LU.dtype !== float32) throw new TypeError(`torch.linalg.lu_solve: Expected a floating point or complex tensor as input. Got ${typeName(LU.dtype)}`);
  if (B.dtype !== LU.dtype) {
    throw new TypeError(`linalg.lu_solve: Expected LU and B to have the same dtype, but found LU of type ${typeName(LU.dtype)} and B of type ${typeName(B.dtype)} instead`);
  }
  checkPivotsDtype(piv, 'linalg.lu_solve: pivots should be a Tensor of scalar type torch.int64');
  checkSquare(LU, 'torch.linalg.lu_solve');
  checkDims(B, 'linalg.lu_solve', 'B');
  const n = last(LU);
  const [r, c] = [last(B, 2), last(B)];
  if (left ? r !== n : c !== n) {
    throw new RangeError(`linalg.lu_solve: Incompatible shapes of A and B for the equation ${left ? 'AX = B' : 'XA = B'} (${n}x${n} and ${r}x${c})`);
  }
  if (piv._shape.length === 0 || last(piv) !== n) {
    throw new RangeError('linalg.lu_solve: Number of pivots per batch should be same as the dimension of the matrix');
  }
  if (!sameShape(piv._shape, LU._shape.slice(0, -1))) {
    throw new RangeError(`linalg.lu_solve: Expected LU.shape[:-1] and pivots.shape to be the same, but got pivots with shape ${shapeStr(piv._shape)} instead`);
  }
  return scoped(() => {
    const batch = broadcastShapes(batchOf(B), batchOf(LU));
    if (piv.numel() > 0) {
      if (anyTrue(E.lt(piv, 1))) throw new RangeError('Pivots given to lu_solve must all be greater or equal to 1. Did you properly pass the result of lu_factor?');
      if (anyTrue(E.gt(piv, n))) throw new RangeError('Pivots given to lu_solve must all be smaller or equal to LU.size(-2). Did you properly pass the result of lu_factor?');
    }
    const nb = numelOf(batch);
    const lu = copyOf(expandTo(LU, batch));
    const p = E.clone(S.expand(piv.detach(), [...batch, n]));
    // the kernel solves A·X = B (trans 0) or Aᵀ·X = B (trans 1); X·A = B is Aᵀ·Xᵀ = Bᵀ
    const b = expandTo(B, batch);
    const x = copyOf(left ? b : mT(b));
    const k = last(x);
    const trans = left === adjoint ? 1 : 0;
    if (nb > 0 && n > 0 && k > 0) withWork(8 * n * k, (w) => K.lu_solve_f32(lu._ptr(), p._ptr(), x._ptr(), nb, n, k, trans, w));
    const out = left ? x : mT(x).contiguous();
    return record('LinalgLuSolveBackward0', out, [LU, B], [LU, piv, out], (g, [f, pv, sx], needs) => [
      needs[0] ? luSolveLUBackward(g, f, pv, sx, left, adjoint) : null,
      needs[1] ? lu_solve(f, pv, g, { left, adjoint: !adjoint }) : null,
    ]);
  }, 'the end of linalg.lu_solve() (an internal temporary)');
}

/**
 * X with A·X = B given A's LU factorization (`left: false`: X·A = B; `adjoint: true`: Aᵀ instead of A):
 * `torch.linalg.lu_solve(LU, pivots, B)`. Batch dims of LU and B broadcast.
 */
export function lu_solve(LU: Tensor, pivots: Tensor, B: Tensor, opts: { left?: boolean; adjoint?: boolean } = {}): Tensor {
  const { left, adjoint } = bind('linalg_lu_solve', [], ['left', 'adjoint'], { left: true, adjoint: false }, [opts]);
  return luSolveCore(LU, pivots, B, left, adjoint);
}

const LU_DEPRECATED = 'torch.lu is deprecated in favor of torch.linalg.lu_factor / torch.linalg.lu_factor_ex and will be removed ' +
  'in a future PyTorch release.\nLU, pivots = torch.lu(A, compute_pivots)\nshould be replaced with\nLU, pivots = ' +
  'torch.linalg.lu_factor(A, compute_pivots)\nand\nLU, pivots, info = torch.lu(A, compute_pivots, get_infos=True)\nshould be ' +
  'replaced with\nLU, pivots, info = torch.linalg.lu_factor_ex(A, compute_pivots)';

type TorchLuArgs = [pivot?: boolean | { pivot?: boolean; get_infos?: boolean }, get_infos?: boolean | { pivot?: boolean; get_infos?: boolean },
  opts?: { pivot?: boolean; get_infos?: boolean }];

/**
 * Deprecated `torch.lu(A, pivot=True, get_infos=False)` (also `A.lu()`): linalg.lu_factor_ex's LU and
 * pivots, and its info when get_infos. As in PyTorch 1.13 it never raises for a singular A.
 */
export function torchLu(A: Tensor, ...args: TorchLuArgs): [Tensor, Tensor] | [Tensor, Tensor, Tensor] {
  const { pivot, get_infos } = bind('lu', ['pivot', 'get_infos'], [], { pivot: true, get_infos: false }, args, 1, true);
  warnOnce('torch.lu', LU_DEPRECATED);
  const [LU, piv, info] = luFactorCore(A, 'lu', pivot, null);
  if (get_infos) return [LU, piv, info];
  info.dispose();
  return [LU, piv];
}

/** Deprecated `torch.lu_solve(b, LU_data, LU_pivots)` (also `b.lu_solve(LU_data, LU_pivots)`): linalg.lu_solve(LU, pivots, b). */
export function torchLuSolve(b: Tensor, LU_data: Tensor, LU_pivots: Tensor): Tensor {
  warnOnce('torch.lu_solve', 'torch.lu_solve is deprecated in favor of torch.linalg.lu_solveand will be removed in a future PyTorch ' +
    'release.\nNote that torch.linalg.lu_solve has its arguments reversed.\nX = torch.lu_solve(B, LU, pivots)\nshould be replaced ' +
    'with\nX = torch.linalg.lu_solve(LU, pivots, B)');
  return luSolveCore(LU_data, LU_pivots, b, true, false);
}

/** PyTorch's lu_unpack_backward: L's gradient below the diagonal and U's on and above it, in LU's m×n shape. */
function luUnpackBackward(gL: Tensor | null, gU: Tensor | null, m: number, n: number): Tensor {
  if (gL) {
    if (m >= n) return S.tril(gL, -1);
    return S.cat([S.tril(gL, -1), E.filled([...batchOf(gL), m, n - m], float32, 0)], -1);
  }
  if (n >= m) return S.triu(gU!);
  return S.cat([S.triu(gU!), E.filled([...batchOf(gU!), m - n, n], float32, 0)], -2);
}

type UnpackOpts = { unpack_data?: boolean; unpack_pivots?: boolean };

/**
 * P, L and U from linalg.lu_factor's LU and pivots (A = P·L·U): `torch.lu_unpack(LU_data, LU_pivots,
 * unpack_data=True, unpack_pivots=True)`, the pivots by name too (`{ LU_pivots }`). What is not unpacked is an empty tensor.
 */
function lu_unpack_impl(LU: Tensor, ...args: [pivots: Tensor | (UnpackOpts & { LU_pivots: Tensor }), unpack_data?: boolean | UnpackOpts,
  unpack_pivots?: boolean | UnpackOpts, opts?: UnpackOpts]): PLUResult {
  const o = nativeAfter('lu_unpack', 1, ['LU_pivots', 'unpack_data', 'unpack_pivots'], { unpack_data: true, unpack_pivots: true }, args);
  const { unpack_data, unpack_pivots } = o;
  const pivots = tensorArg('lu_unpack', 'LU_pivots', argPosition(args, 0, 1), o.LU_pivots);
  if (LU._shape.length < 2) throw new RangeError(`torch.lu_unpack: Expected tensor with 2 or more dimensions. Got size: ${shapeStr(LU._shape)} instead`);
  checkPivotsDtype(pivots, 'torch.lu_unpack: LU_pivots is expected to be a contiguous tensor of torch.int64 dtype.');
  const m = last(LU, 2);
  const n = last(LU);
  if (unpack_pivots) {
    // pivots broadcast to LU's batch, as PyTorch's (which reads out of bounds past that)
    const pb = pivots._shape.slice(0, -1);
    const bs = batchOf(LU);
    if (pivots._shape.length === 0 || pb.length > bs.length || pb.some((d, i) => d !== 1 && d !== bs[bs.length - pb.length + i])) {
      throw new RangeError(`torch.lu_unpack: LU_pivots of shape ${shapeStr(pivots._shape)} do not broadcast to LU_data's batch ${shapeStr(bs)}`);
    }
  }
  if (unpack_pivots && pivots.numel() > 0 && anyTrue(E.logical_or(E.lt(pivots, 1), E.gt(pivots, m)))) {
    throw new RangeError('pivots passed to lu_unpack must be between 1 and LU.size(-2) inclusive.Did you properly pass the result of lu_factor?');
  }
  const [P, Lm, U] = unpackRaw(LU, pivots, unpack_data, unpack_pivots);
  if (!unpack_data) {
    // PyTorch 1.13's backward passes the empty outputs' gradients on, which its engine refuses
    const msg = `Function LuUnpackBackward0 returned an invalid gradient at index 0 - got [0] but expected shape compatible with ${shapeStr(LU._shape)}`;
    const fail = () => { throw new Error(msg); };
    record('LuUnpackBackward0', Lm, [LU], [], fail);
    record('LuUnpackBackward0', U, [LU], [], fail);
  } else {
    record('LuUnpackBackward0', Lm, [LU], [], (g) => [luUnpackBackward(g, null, m, n)]);
    record('LuUnpackBackward0', U, [LU], [], (g) => [luUnpackBackward(null, g, m, n)]);
  }
  return named('lu_unpack', ['P', 'L', 'U'], [P, Lm, U]);
}

// ---------------------------------------------------------------- LDLᵀ

export type LDLFactorResult = [Tensor, Tensor] & { readonly LD: Tensor; readonly pivots: Tensor };
export type LDLFactorExResult = [Tensor, Tensor, Tensor] & { readonly LD: Tensor; readonly pivots: Tensor; readonly info: Tensor };

function ldlCore(A: Tensor, fn: string, check: boolean): [Tensor, Tensor, Tensor] {
  const name = 'torch.linalg.ldl_factor_ex';
  checkSquare(A, name);
  checkFloat(A, name);
  return scoped(() => {
    const n = last(A);
    const bs = batchOf(A);
    const batch = numelOf(bs);
    const ld = copyOf(A);
    const piv = Tensor._empty([...bs, n], int64);
    const info = E.filled(bs, int64, 0);
    if (batch > 0 && n > 0) withWork(K.ldl_work(n, 0), (w) => K.ldl_f32(ld._ptr(), piv._ptr(), info._ptr(), batch, n, w));
    if (check) {
      // PyTorch 1.13 has no message for sytrf's info > 0 (a zero block of D): its internal assertion fails
      const v = info.dataSync();
      for (let b = 0; b < v.length; b++) {
        if (v[b] !== 0) {
          throw new Error('false INTERNAL ASSERT FAILED at "./aten/src/ATen/native/BatchLinearAlgebra.cpp":1491, please report a ' +
            `bug to PyTorch. ${fn}: Unknown error code: ${v[b]}.`);
        }
      }
    }
    const LD = refused('NotImplemented', 'derivative for aten::linalg_ldl_factor_ex is not implemented', ld, [A]);
    return [LD, piv, info] as [Tensor, Tensor, Tensor];
  }, `the end of ${fn}() (an internal temporary)`);
}

type LdlOpts = { hermitian?: boolean; check_errors?: boolean };

/**
 * The Bunch-Kaufman factorization A = P·L·D·Lᵀ·Pᵀ of symmetric matrices (the lower triangle is read), as
 * LAPACK's sytrf packs it: D's 1×1 and 2×2 blocks on and below the diagonal, L's multipliers below, and
 * the pivots (int64; negative pairs mark 2×2 blocks): `torch.linalg.ldl_factor(A)` → LD, pivots.
 */
export function ldl_factor(A: Tensor, opts: { hermitian?: boolean } = {}): LDLFactorResult {
  bind('linalg_ldl_factor', [], ['hermitian'], { hermitian: false }, [opts]);
  const [LD, piv, info] = ldlCore(A, 'torch.linalg.ldl_factor', true);
  info.dispose();
  return named('linalg_ldl_factor', ['LD', 'pivots'], [LD, piv]);
}

/** `torch.linalg.ldl_factor_ex(A, { hermitian, check_errors })`: LD, pivots and sytrf's info (the first zero block of D, 1-based, or 0). */
export function ldl_factor_ex(A: Tensor, opts: LdlOpts = {}): LDLFactorExResult {
  const { check_errors } = bind('linalg_ldl_factor_ex', [], ['hermitian', 'check_errors'], { hermitian: false, check_errors: false }, [opts]);
  return named('linalg_ldl_factor_ex', ['LD', 'pivots', 'info'], ldlCore(A, 'torch.linalg.ldl_factor_ex', check_errors));
}

/** X with A·X = B from linalg.ldl_factor's LD and pivots: `torch.linalg.ldl_solve(LD, pivots, B)`. Batch dims broadcast. */
export function ldl_solve(LD: Tensor, pivots: Tensor, B: Tensor, opts: { hermitian?: boolean } = {}): Tensor {
  bind('linalg_ldl_solve', [], ['hermitian'], { hermitian: false }, [opts]);
  const fn = 'torch.linalg.ldl_solve';
  checkSquare(LD, fn);
  checkFloat(LD, fn);
  if (B._shape.length < 2) throw new RangeError('Dimension out of range (expected to be in range of [-1, 0], but got -2)');
  if (B.dtype !== LD.dtype) {
    throw new TypeError(`Expected b and A to have the same dtype, but found b of type ${typeName(B.dtype)} and A of type ${typeName(LD.dtype)} instead.`);
  }
  const n = last(LD);
  if (last(B, 2) !== n) {
    throw new RangeError(`Incompatible matrix sizes for ${fn}: each A matrix is ${n} by ${n} but each b matrix is ${last(B, 2)} by ${last(B)}`);
  }
  if (pivots.dtype !== int64) throw new TypeError(`${fn}: Expected pivots to be integers. Got ${typeName(pivots.dtype)}`);
  if (!sameShape(pivots._shape, LD._shape.slice(0, -1))) {
    throw new RangeError(`${fn}: Expected LD.shape[:-1] and pivots.shape to be the same, but got pivots with shape ${shapeStr(pivots._shape)} instead`);
  }
  return scoped(() => {
    const batch = broadcastShapes(batchOf(B), batchOf(LD));
    const nb = numelOf(batch);
    const p = E.clone(S.expand(pivots.detach(), [...batch, n]));
    if (nb > 0 && n > 0) {
      const bad = K.ldl_pivots_check(p._ptr(), nb, n);
      if (bad >= 0) {
        throw new RangeError(`${fn}: pivots must be those of linalg.ldl_factor: pivots[${bad % n}] is ${p.reshape([-1]).narrow(0, bad, 1).item()} ` +
          `in a batch of ${n}x${n} matrices (PyTorch 1.13 reads past them)`);
      }
    }
    const ld = copyOf(expandTo(LD, batch));
    const x = copyOf(expandTo(B, batch));
    const k = last(x);
    if (nb > 0 && n > 0 && k > 0) withWork(K.ldl_work(n, k), (w) => K.ldl_solve_f32(ld._ptr(), p._ptr(), x._ptr(), nb, n, k, w));
    return refused('NotImplemented', 'derivative for aten::linalg_ldl_solve is not implemented', x, [LD, B]);
  }, 'the end of linalg.ldl_solve() (an internal temporary)');
}

// ---------------------------------------------------------------- Householder: geqrf, householder_product, ormqr

export type GeqrfResult = [Tensor, Tensor] & { readonly a: Tensor; readonly tau: Tensor };

/**
 * LAPACK's geqrf: R on and above the diagonal, the Householder vectors below it (v[i] = 1 implied) and
 * their scales tau: `torch.geqrf(A)` → (a, tau). Q = householder_product(a, tau).
 */
export function geqrf(A: Tensor): GeqrfResult {
  if (A._shape.length < 2) throw new RangeError('torch.geqrf: input must have at least 2 dimensions.');
  if (A.dtype !== float32) throw new TypeError(`"geqrf_cpu" not implemented for '${typeName(A.dtype)}'`);
  return scoped(() => {
    const m = last(A, 2);
    const n = last(A);
    const k = Math.min(m, n);
    const bs = batchOf(A);
    const batch = numelOf(bs);
    const a = copyOf(A);
    const out = Tensor._empty(A._shape.slice(), float32);
    const tau = Tensor._empty([...bs, k], float32);
    if (batch > 0 && k > 0) withWork(K.reflectors_work(m, n, 0), (w) => K.geqrf_f32(out._ptr(), tau._ptr(), a._ptr(), batch, m, n, w));
    else if (out.numel() > 0) E.writeInto(out, a);
    const fail = () => { throw new NotImplementedError("the derivative for 'geqrf' is not implemented."); };
    record('GeqrfBackward0', out, [A], [], fail);
    record('GeqrfBackward0', tau, [A], [], fail);
    return named('geqrf', ['a', 'tau'], [out, tau]);
  }, 'the end of geqrf() (an internal temporary)');
}

function reflectorChecks(A: Tensor, tau: Tensor, fn: string): void {
  if (A._shape.length - tau._shape.length !== 1) {
    throw new RangeError(`${fn}: Expected tau to have one dimension less than input, but got tau.ndim equal to ${tau._shape.length} and input.ndim is equal to ${A._shape.length}`);
  }
  if (A._shape.length > 2 && !sameShape(tau._shape.slice(0, -1), batchOf(A))) {
    throw new RangeError(`${fn}: Expected batch dimensions of tau to be equal to input.shape[:-2], but got ${shapeStr(tau._shape.slice(0, -1))}`);
  }
}

/**
 * PyTorch's householder_product_backward: with K = Q·gQᵀ carried from one reflector to the next
 * (K ← H(i+1)⁻¹·K·H(i), H(σ)⁻¹ = H(τ/(τ‖v‖² - 1))), gv_i = -τ_i(vᵢᵀK + K vᵢ) and gτ_i = -vᵢᵀ·K·vᵢ,
 * each over the rows/columns i.. where vᵢ is nonzero; the input's gradient is kept below the diagonal.
 */
function householderBackward(g: Tensor, Q: Tensor, A: Tensor, tau: Tensor): [Tensor, Tensor] {
  const m = last(A, 2);
  const n = last(A);
  const k = last(tau);
  const V = E.add(S.tril(A, -1), C.eye(m, n));
  const cols = (t: Tensor, i: number) => S.narrow(t, -1, i, 1);
  const norms = R.sum(E.square(S.narrow(V, -1, 0, k)), -2);
  const sigma = E.div(tau, E.sub(E.mul(tau, norms), 1));
  let Kmat = L.matmul(Q, mT(g));
  // H(t)·K (left) or K·H(t) (right), H(t) = I - t·v·vᵀ, with t of shape [..., 1]
  const reflectK = (v: Tensor, t: Tensor, left: boolean) => {
    const tt = S.unsqueeze(t, -1);
    return left ? E.sub(Kmat, L.matmul(E.mul(tt, v), L.matmul(mT(v), Kmat)))
      : E.sub(Kmat, L.matmul(L.matmul(Kmat, E.mul(tt, v)), mT(v)));
  };
  Kmat = reflectK(cols(V, 0), cols(sigma, 0), true);
  const gv: Tensor[] = [];
  const gt: Tensor[] = [];
  for (let i = 0; i < k; i++) {
    const v = S.narrow(cols(V, i), -2, i, m - i);
    const t = S.unsqueeze(cols(tau, i), -1);
    const vHK = L.matmul(mT(v), S.narrow(Kmat, -2, i, m - i));
    const Kv = L.matmul(S.narrow(Kmat, -1, i, m - i), v);
    const vg = E.sub(E.neg(S.squeeze(E.mul(t, vHK), -2)), S.squeeze(E.mul(t, Kv), -1));
    gv.push(S.unsqueeze(vg, -1));
    gt.push(S.squeeze(E.neg(L.matmul(S.narrow(vHK, -1, i, m - i), v)), -1));
    if (i !== k - 1) {
      Kmat = reflectK(cols(V, i + 1), cols(sigma, i + 1), true);
      Kmat = reflectK(cols(V, i), cols(tau, i), false);
    }
  }
  if (k < n) gv.push(E.filled([...batchOf(A), m, n - k], float32, 0));
  return [S.tril(S.cat(gv, -1), -1), S.cat(gt, -1)];
}

/**
 * The first n columns of H₁·H₂·…·H_k, Hᵢ = I - τᵢ·vᵢ·vᵢᵀ, from Householder vectors below the diagonal of the
 * m×n input (vᵢ[i] = 1 implied) and their scales τ: `torch.linalg.householder_product(A, tau)`
 * (`torch.orgqr`); with geqrf's outputs it is QR's Q.
 */
export function householder_product(A: Tensor, tau: Tensor): Tensor {
  const fn = 'torch.linalg.householder_product';
  if (A._shape.length < 2) throw new RangeError(`${fn}: input must have at least 2 dimensions.`);
  if (last(A, 2) < last(A)) throw new RangeError(`${fn}: input.shape[-2] must be greater than or equal to input.shape[-1]`);
  if (tau._shape.length > 0 && last(A) < last(tau)) throw new RangeError(`${fn}: input.shape[-1] must be greater than or equal to tau.shape[-1]`);
  reflectorChecks(A, tau, fn);
  if (tau.dtype !== A.dtype) throw new TypeError(`${fn}: tau dtype ${typeName(tau.dtype)} does not match input dtype ${typeName(A.dtype)}`);
  if (A.dtype !== float32) throw new TypeError(`"orgqr_cpu" not implemented for '${typeName(A.dtype)}'`);
  return scoped(() => {
    const m = last(A, 2);
    const n = last(A);
    const k = last(tau);
    const bs = batchOf(A);
    const batch = numelOf(bs);
    const Q = Tensor._empty(A._shape.slice(), float32);
    if (batch > 0 && n > 0) {
      const a = copyOf(A);
      const t = copyOf(tau);
      withWork(K.reflectors_work(m, n, n), (w) => K.orgqr_f32(Q._ptr(), a._ptr(), t._ptr(), batch, m, n, k, w));
    }
    return record('LinalgHouseholderProductBackward0', Q, [A, tau], [A, tau, Q], (g, [a, t, q]) =>
      (a.numel() === 0 || t.numel() === 0 ? [null, null] : householderBackward(g, q, a, t)));
  }, 'the end of linalg.householder_product() (an internal temporary)');
}

/** `torch.orgqr(A, tau)`: torch.linalg.householder_product. */
export const orgqr = (A: Tensor, tau: Tensor) => householder_product(A, tau);

type OrmqrOpts = { left?: boolean; transpose?: boolean };
/** ormqr's arguments after the input: input2 and input3, then left and transpose, by position or by name. */
export type OrmqrArgs = Init<[input2: Tensor, input3: Tensor], ['input2', 'input3'], [left: boolean, transpose: boolean], OrmqrOpts>;

/**
 * C multiplied by Q = H₁·…·H_k (geqrf's reflectors, never formed): Q·C, or C·Q with left false, Qᵀ with
 * transpose: `torch.ormqr(A, tau, C, left=True, transpose=False)`.
 */
export function ormqr(A: Tensor, ...args: OrmqrArgs): Tensor {
  // input2 and input3 by name too (x.ormqr(tau, { input3: c })), as ATen's parser binds them
  const o = nativeAfter('ormqr', 1, ['input2', 'input3', 'left', 'transpose'], { left: true, transpose: false }, args);
  const tau = tensorArg('ormqr', 'input2', argPosition(args, 0, 1), o.input2);
  const C_ = tensorArg('ormqr', 'input3', argPosition(args, 1, 1), o.input3);
  const { left, transpose } = o;
  const fn = 'torch.ormqr';
  if (A._shape.length < 2) throw new RangeError(`${fn}: input must have at least 2 dimensions.`);
  if (C_._shape.length < 2) throw new RangeError(`${fn}: other must have at least 2 dimensions.`);
  const side = left ? -2 : -1;
  const cSide = left ? last(C_, 2) : last(C_);
  const k = tau._shape.length > 0 ? last(tau) : 1;
  if (cSide < k) throw new RangeError(`${fn}: other.shape[${side}] must be greater than or equal to tau.shape[-1]`);
  if (cSide !== last(A, 2)) throw new RangeError(`${fn}: other.shape[${side}] must be equal to input.shape[-2]`);
  if (k > last(A)) throw new RangeError(`${fn}: tau.shape[-1] must be less than or equal to input.shape[-1]`);
  if (A._shape.length - tau._shape.length !== 1) {
    throw new RangeError(`${fn}: Expected tau to have one dimension less than input, but got tau.ndim equal to ${tau._shape.length} and input.ndim is equal to ${A._shape.length}`);
  }
  if (A._shape.length !== C_._shape.length) {
    throw new RangeError(`${fn}: Expected other to have the same number of dimensions as input, but got other.ndim equal to ${C_._shape.length} and input.ndim is equal to ${A._shape.length}`);
  }
  if (A._shape.length > 2) {
    reflectorChecks(A, tau, fn);
    if (!sameShape(batchOf(C_), batchOf(A))) {
      throw new RangeError(`${fn}: Expected batch dimensions of other to be equal to input.shape[:-2], but got ${shapeStr(batchOf(C_))}`);
    }
  }
  if (tau.dtype !== A.dtype) {
    throw new TypeError(`${fn}: Expected input and tau to have the same dtype, but input has dtype${typeName(A.dtype)} and tau has dtype ${typeName(tau.dtype)}`);
  }
  if (C_.dtype !== A.dtype) {
    throw new TypeError(`${fn}: Expected input and other to have the same dtype, but input has dtype${typeName(A.dtype)} and other has dtype ${typeName(C_.dtype)}`);
  }
  if (A.dtype !== float32) throw new TypeError(`"ormqr_cpu" not implemented for '${typeName(A.dtype)}'`);
  return scoped(() => {
    const m = last(A, 2);
    const n = last(A);
    const batch = numelOf(batchOf(A));
    // C·Q = (Qᵀ·Cᵀ)ᵀ: the kernel multiplies from the left
    const c = copyOf(left ? C_ : mT(C_));
    const cols = last(c);
    if (batch > 0 && m > 0 && cols > 0 && k > 0) {
      const a = copyOf(A);
      const t = copyOf(tau);
      withWork(K.reflectors_work(m, n, cols), (w) => K.ormqr_f32(c._ptr(), a._ptr(), t._ptr(), batch, m, n, k, cols,
        transpose === left ? 1 : 0, w));
    }
    const out = left ? c : mT(c).contiguous();
    return record('OrmqrBackward0', out, [A, tau, C_], [], () => { throw new NotImplementedError("the derivative for 'ormqr' is not implemented."); });
  }, 'the end of ormqr() (an internal temporary)');
}

// ---------------------------------------------------------------- symeig and the removed names

export type SymeigResult = [Tensor, Tensor] & { readonly eigenvalues: Tensor; readonly eigenvectors: Tensor };
type SymeigOpts = { eigenvectors?: boolean; upper?: boolean };

/**
 * Deprecated `torch.symeig(A, eigenvectors=False, upper=True)` (also `A.symeig()`): eigenvalues ascending,
 * and the eigenvectors when asked (an empty tensor otherwise), reading A's upper triangle by default.
 */
export function symeig(A: Tensor, ...args: [eigenvectors?: boolean | SymeigOpts, upper?: boolean | SymeigOpts, opts?: SymeigOpts]): SymeigResult {
  const { eigenvectors, upper } = bind('symeig', ['eigenvectors', 'upper'], [], { eigenvectors: false, upper: true }, args);
  warnOnce('torch.symeig', 'torch.symeig is deprecated in favor of torch.linalg.eigh and will be removed in a future PyTorch release.\n' +
    'The default behavior has changed from using the upper triangular portion of the matrix by default to using the lower triangular ' +
    'portion.\nL, _ = torch.symeig(A, upper=upper)\nshould be replaced with\nL = torch.linalg.eigvalsh(A, UPLO=\'U\' if upper else ' +
    '\'L\')\nand\nL, V = torch.symeig(A, eigenvectors=True)\nshould be replaced with\nL, V = torch.linalg.eigh(A, UPLO=\'U\' if ' +
    'upper else \'L\') (Triggered internally at  ./aten/src/ATen/native/BatchLinearAlgebra.cpp:2794.)');
  checkDims(A, 'linalg.symeig');
  if (last(A, 2) !== last(A)) {
    throw new RangeError(`linalg.symeig: A must be batches of square matrices, but they are ${last(A, 2)} by ${last(A)} matrices`);
  }
  if (A.dtype !== float32) throw new TypeError(`"symeig_cpu" not implemented for '${typeName(A.dtype)}'`);
  return scoped(() => {
    const [w, V] = eighCore(A, upper ? 'U' : 'L', eigenvectors);
    const vecs = eigenvectors ? V : Tensor._empty([0], float32);
    if (eigenvectors) {
      record('SymeigBackward0', w, [A], [V], (g, [v]) => [eigvalsBackward(g, v)]);
      record('SymeigBackward0', vecs, [A], [w, V], (g, [lw, v]) => [eigvecsBackward(g, lw, v)]);
    } else {
      const fail = () => {
        throw new Error('linalg_eig_backward: torch.symeig(A, eigenvectors=False) is not differentiable. Use torch.linalg.eigvalsh(A) instead.');
      };
      record('SymeigBackward0', w, [A], [], fail);
      record('SymeigBackward0', vecs, [A], [], fail);
    }
    return named('symeig', ['eigenvalues', 'eigenvectors'], [w, vecs]);
  }, 'the end of symeig() (an internal temporary)');
}

const REMOVED = 'This function was deprecated since version 1.9 and is now removed.';

/** `torch.solve` was removed in PyTorch 1.13 (its error, as PyTorch raises it): use torch.linalg.solve. */
export function solve(...args: unknown[]): never {
  if (args.length < 2) throw new TypeError("solve() missing 1 required positional argument: 'A'");
  throw new Error(`${REMOVED} Please use the \`torch.linalg.solve\` function instead.`);
}

/** `torch.lstsq` was removed in PyTorch 1.13 (its error, a tuple's text as PyTorch prints it): use torch.linalg.lstsq. */
export function lstsq(..._args: unknown[]): never {
  throw new Error(`('${REMOVED}', 'Please use the \`torch.linalg.lstsq\` function instead.')`);
}

/** `torch.eig` was removed in PyTorch 1.13: use torch.linalg.eig (complex results: not in tocha) or torch.linalg.eigh. */
export function eig(..._args: unknown[]): never {
  throw new Error(`${REMOVED} Please use the \`torch.linalg.eig\` function instead.`);
}

/** `torch.matrix_rank` was removed in PyTorch 1.13 (its error, a tuple's text as PyTorch prints it): use torch.linalg.matrix_rank. */
export function matrix_rank(..._args: unknown[]): never {
  throw new Error(`('${REMOVED}', 'Please use the \`torch.linalg.matrix_rank\` function instead.')`);
}

function complexResults(A: Tensor, fn: string): never {
  checkDims(A, fn);
  if (last(A, 2) !== last(A)) throw new RangeError(`${fn}: A must be batches of square matrices, but they are ${last(A, 2)} by ${last(A)} matrices`);
  if (A.dtype !== float32) throw new TypeError(`Unknown Complex ScalarType for ${typeName(A.dtype)}`);
  throw new NotImplementedError(`${fn}: the eigenvalues of a general real matrix are complex, and tocha has no complex dtype ` +
    '(PyTorch returns complex64 results, even when they are real). For a symmetric matrix use torch.linalg.eigh (or ' +
    'torch.linalg.eigvalsh for the eigenvalues alone).');
}

/** `torch.linalg.eig(A)` returns complex eigenvalues and eigenvectors: tocha has no complex dtype, so this raises (eigh for symmetric A). */
export function linalgEig(A: Tensor): never {
  return complexResults(A, 'linalg.eig');
}

/** `torch.linalg.eigvals(A)` returns complex eigenvalues: tocha has no complex dtype, so this raises (eigvalsh for symmetric A). */
export function linalgEigvals(A: Tensor): never {
  return complexResults(A, 'linalg.eigvals');
}

export const lu_unpack = /*#__PURE__*/ composite(lu_unpack_impl, 'lu_unpack');
