// torch.linalg's factorizations: PyTorch 1.13's checks and messages, the kernel calls
// (assembly/linalg.ts) and each backward rule beside its forward. The rules are PyTorch's
// (FunctionsManual.cpp) written with differentiable ops. A factorization with several outputs
// records one node per output, each with the part of PyTorch's joint formula its gradient feeds:
// the formulas are linear in the output gradients, so the engine's sum is PyTorch's gradient.
// Composites (norms, matrix_power, multi_dot, ...) are in src/linalg.ts.
import { namedTuple as named } from '../print.js';
import { Tensor } from '../tensor.js';
import { float32, int64, bool, DType } from '../dtype.js';
import { K, malloc, mfree } from '../backend/wasm.js';
import { record, renamed, is_grad_enabled, needsGrad } from '../autograd.js';
import { scoped, composite } from '../lifetime.js';
import { bind } from '../optim/optimizer.js';
import { broadcastShapes, numelOf, sameShape, scalarName } from './util.js';
import * as E from './elementwise.js';
import * as S from './shape.js';
import * as R from './reduce.js';
import * as L from './linalg.js';
import * as C from './create.js';
import * as X from './extra.js';
import { multi_dot } from '../linalg.js';
import { warnOnce } from '../warn.js';

/** torch.linalg.LinAlgError: the matrix is singular, not positive-definite, or has non-finite values. */
export class LinAlgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinAlgError';
  }
}

// ---------------------------------------------------------------- helpers

export const typeName = (d: DType) => scalarName(d);
export const mT = (t: Tensor) => S.transpose(t, -2, -1);
export const batchOf = (t: Tensor) => t._shape.slice(0, -2);
export const last = (t: Tensor, i = 1) => t._shape[t._shape.length - i];
/** A contiguous float32 copy of t's values, read through its strides (no graph). */
export const copyOf = (t: Tensor) => E.convert(t.detach(), float32);
export const expandTo = (t: Tensor, batch: number[]) => S.expand(t.detach(), [...batch, last(t, 2), last(t)]);

export function checkDims(t: Tensor, fn: string, name = 'A'): void {
  if (t._shape.length < 2) throw new RangeError(`${fn}: The input tensor ${name} must have at least 2 dimensions.`);
}

export function checkSquare(t: Tensor, fn: string): void {
  checkDims(t, fn);
  if (last(t, 2) !== last(t)) {
    throw new RangeError(`${fn}: A must be batches of square matrices, but they are ${last(t, 2)} by ${last(t)} matrices`);
  }
}

export function checkFloat(t: Tensor, fn: string): void {
  if (t.dtype !== float32) throw new TypeError(`${fn}: Expected a floating point or complex tensor as input. Got ${typeName(t.dtype)}`);
}

export function withWork<T>(bytes: number, fn: (w: number) => T): T {
  const w = malloc(Math.max(16, bytes));
  try {
    return fn(w);
  } finally {
    mfree(w);
  }
}

/** PyTorch's error for the first nonzero info: `fn: (Batch element i): ...` when A is batched. */
export function raiseInfo(info: Tensor, batched: boolean, fn: string, body: (v: number) => string): void {
  const v = info.dataSync();
  for (let b = 0; b < v.length; b++) {
    if (v[b] !== 0) throw new LinAlgError(`${fn}: ${batched ? `(Batch element ${b}): ` : ''}${body(v[b])}`);
  }
}


/** A named tuple as PyTorch returns it (print.ts's namedTuple). */
export { named };

/** Diagonal matrices with d (shape [..., 1] broadcast, or [..., n]) on the diagonal. */
function diagOf(d: Tensor, n: number): Tensor {
  return X.diag_embed(S.expand(d, [...d._shape.slice(0, -1), n]));
}

// ---------------------------------------------------------------- LU: det, slogdet, inv, solve

interface LU { lu: Tensor; piv: Tensor; info: Tensor; trans: boolean; n: number; batch: number }

/**
 * LU of A (broadcast to `batch` dims). PyTorch factors Aᵀ when A is contiguous (its memory read
 * column-major) and A itself otherwise; so does this, so pivots and singular detection agree.
 */
function luFactor(A: Tensor, batchShape: number[] = batchOf(A)): LU {
  const n = last(A);
  const trans = A.is_contiguous();
  const full = expandTo(A, batchShape);
  const lu = copyOf(trans ? mT(full) : full);
  const batch = numelOf(batchShape);
  const piv = Tensor._empty([...batchShape, n], int64);
  const info = E.filled(batchShape, int64, 0);
  if (batch > 0 && n > 0) K.lu_f32(lu._ptr(), piv._ptr(), info._ptr(), batch, n);
  return { lu, piv, info, trans, n, batch };
}

/** Solves A·X = B (or Aᵀ·X = B) in place on b, a contiguous [batch, n, k] copy, with A's LU. */
function luSolve(f: LU, b: Tensor, adjoint: boolean): Tensor {
  const k = last(b);
  if (f.batch > 0 && f.n > 0 && k > 0) {
    withWork(8 * f.n * k, (w) => K.lu_solve_f32(f.lu._ptr(), f.piv._ptr(), b._ptr(), f.batch, f.n, k, f.trans !== adjoint ? 1 : 0, w));
  }
  return b;
}

/** A⁻¹·B or A⁻ᵀ·B for matrices of equal batch, with no check and no graph (singular A gives inf/nan). */
function solveRaw(A: Tensor, B: Tensor, adjoint: boolean): Tensor {
  return luSolve(luFactor(A), copyOf(B), adjoint);
}

/** The determinant: `torch.linalg.det(A)`, also `torch.det`, `A.det()`. */
export function det(A: Tensor): Tensor {
  checkSquare(A, 'linalg.det');
  checkFloat(A, 'linalg.det');
  return scoped(() => {
    const f = luFactor(A);
    const out = Tensor._empty(batchOf(A), float32);
    if (f.batch > 0) {
      if (f.n === 0) E.writeInto(out, E.filled(batchOf(A), float32, 1));
      else K.lu_det_f32(out._ptr(), f.lu._ptr(), f.piv._ptr(), f.batch, f.n);
    }
    return record('LinalgDetBackward0', out, [A], [A, out], (g, [a, d]) => [detBackward(g, d, a)]);
  }, 'the end of linalg.det() (an internal temporary)');
}

/**
 * PyTorch 1.13's linalg_det_backward, the cofactor matrix times g: g·det·A⁻ᵀ through a solve. A singular
 * A (det = 0) gets a zero gradient, as in PyTorch 1.13 (later versions give the cofactors); under
 * create_graph it gets the cofactors through the SVD, det(U)·det(Vh)·U·diag(∏_{j≠i} σ_j)·Vh, which needs
 * no inverse and is differentiable, as 1.13 does there.
 */
function detBackward(g: Tensor, d: Tensor, A: Tensor): Tensor {
  if (A.numel() === 0) return E.filled(A._shape.slice(), float32, 0);
  const n = last(A);
  const zero = E.eq(d, 0);
  const singular = Boolean(R.any(zero).item());
  const rhs = () => diagOf(S.unsqueeze(E.mul(g, d), -1), n);
  if (!is_grad_enabled()) {
    const gA = solveRaw(A, rhs(), true);
    return singular ? E.where(S.unsqueeze(S.unsqueeze(zero, -1), -1), 0, gA) : gA;
  }
  if (!singular) return solve(mT(A), rhs());
  const [U, Sv, Vh] = svd(A, false);
  const alpha = E.mul(E.mul(det(U), det(Vh)), g);
  const D = prodSafeZerosBackward(S.unsqueeze(alpha, -1), Sv);
  return L.matmul(E.mul(U, S.unsqueeze(D, -2)), Vh);
}

/** g·∏_{j≠i} x_j along the last dim, with no division (zeros are fine). */
function prodSafeZerosBackward(g: Tensor, x: Tensor): Tensor {
  const n = last(x);
  if (n === 1) return E.mul(g, E.filled(x._shape.slice(), float32, 1));
  const ones = E.filled([...x._shape.slice(0, -1), 1], float32, 1);
  const before = R.cumprod(S.cat([ones, S.narrow(x, -1, 0, n - 1)], -1), -1);
  const after = S.flip(R.cumprod(S.cat([ones, S.flip(S.narrow(x, -1, 1, n - 1), [-1])], -1), -1), [-1]);
  return E.mul(g, E.mul(before, after));
}

export type SlogdetResult = [Tensor, Tensor] & { readonly sign: Tensor; readonly logabsdet: Tensor };

/** sign and log|det|: `torch.linalg.slogdet(A)` (a singular A gives sign 0 and -inf). */
export function slogdet(A: Tensor): SlogdetResult {
  return slogdetCore(A, 'linalg_slogdet');
}

/** `torch.slogdet(A)` / `A.slogdet()`: linalg.slogdet as `torch.return_types.slogdet`. */
export function torchSlogdet(A: Tensor): SlogdetResult {
  return slogdetCore(A, 'slogdet');
}

function slogdetCore(A: Tensor, name: string): SlogdetResult {
  checkSquare(A, 'linalg.slogdet');
  checkFloat(A, 'linalg.slogdet');
  return scoped(() => {
    const f = luFactor(A);
    const sign = E.filled(batchOf(A), float32, 1);
    const logabs = E.filled(batchOf(A), float32, 0);
    if (f.batch > 0 && f.n > 0) K.lu_slogdet_f32(sign._ptr(), logabs._ptr(), f.lu._ptr(), f.piv._ptr(), f.batch, f.n);
    // the sign's gradient is zero for real inputs; log|det|'s is g·A⁻ᵀ (inf/nan for a singular A, as PyTorch)
    record('LinalgSlogdetBackward0', sign, [A], [], () => [null]);
    record('LinalgSlogdetBackward0', logabs, [A], [A], (g, [a]) => [solveRaw(a, diagOf(S.unsqueeze(g, -1), last(a)), true)]);
    return named(name, ['sign', 'logabsdet'], [sign, logabs] as [Tensor, Tensor]);
  }, 'the end of linalg.slogdet() (an internal temporary)');
}

/** log det(A), NaN where det < 0: `torch.logdet(A)`. */
export function logdet(A: Tensor): Tensor {
  checkSquare(A, 'logdet');
  checkFloat(A, 'logdet');
  return scoped(() => {
    const [sign, logabs] = slogdet(A);
    return E.where(E.eq(sign, -1), NaN, logabs);
  }, 'the end of logdet() (an internal temporary)');
}

export type InvExResult = [Tensor, Tensor] & { readonly inverse: Tensor; readonly info: Tensor };

function invCore(A: Tensor, fn: string, check: boolean): [Tensor, Tensor] {
  checkSquare(A, 'linalg.inv');
  checkFloat(A, 'linalg.inv');
  return scoped(() => {
    const n = last(A);
    const f = luFactor(A);
    const out = luSolve(f, E.convert(S.expand(C.eye(n), [...batchOf(A), n, n]), float32), false);
    if (check) {
      raiseInfo(f.info, A._shape.length > 2, fn,
        (v) => `The diagonal element ${v} is zero, the inversion could not be completed because the input matrix is singular.`);
    }
    // d(A⁻¹) = -A⁻¹·dA·A⁻¹: the gradient is -A⁻ᵀ·g·A⁻ᵀ
    record('LinalgInvExBackward0', out, [A], [out], (g, [ai]) => {
      const t = mT(ai);
      return [E.neg(L.matmul(t, L.matmul(g, t)))];
    });
    return [out, f.info] as [Tensor, Tensor];
  }, `the end of ${fn}() (an internal temporary)`);
}

/** The inverse: `torch.linalg.inv(A)`, also `torch.inverse`, `A.inverse()`; a singular A is a LinAlgError. */
function inv_impl(A: Tensor): Tensor {
  return invCore(A, 'linalg.inv', true)[0];
}

/** The inverse and LAPACK's info (0, or the first zero pivot): `torch.linalg.inv_ex(A, { check_errors })`. */
export function inv_ex(A: Tensor, opts: { check_errors?: boolean } = {}): InvExResult {
  const { check_errors } = bind('linalg_inv_ex', [], ['check_errors'], { check_errors: false }, [opts]);
  const [out, info] = invCore(A, 'linalg.inv_ex', check_errors);
  return named('linalg_inv_ex', ['inverse', 'info'], [out, info] as [Tensor, Tensor]);
}

export type SolveExResult = [Tensor, Tensor] & { readonly result: Tensor; readonly info: Tensor };

function solveCore(A: Tensor, B: Tensor, left: boolean, check: boolean): [Tensor, Tensor] {
  checkSquare(A, 'linalg.solve');
  checkFloat(A, 'linalg.solve');
  if (B.dtype !== A.dtype) {
    throw new TypeError(`linalg.solve: Expected A and B to have the same dtype, but found A of type ${typeName(A.dtype)} and B of type ${typeName(B.dtype)} instead`);
  }
  const n = last(A);
  // B is a vector (or a batch of them) when it is 1-D or has A's batch shape with one extent less
  const vec = B._shape.length === 1 || (B._shape.length === A._shape.length - 1 && sameShape(B._shape, A._shape.slice(0, -1)));
  const B2 = vec ? S.unsqueeze(B.detach(), -1) : B.detach();
  if (B2._shape.length < 2) checkDims(B, 'linalg.solve', 'B');
  const [r, c] = [last(B2, 2), last(B2)];
  if (left ? r !== n : c !== n) {
    throw new RangeError(`linalg.solve: Incompatible shapes of A and B for the equation ${left ? 'AX = B' : 'XA = B'} (${n}x${n} and ${r}x${c})`);
  }
  return scoped(() => {
    const batch = broadcastShapes(batchOf(A), batchOf(B2));
    const f = luFactor(A, batch);
    const full = expandTo(B2, batch);
    // X·A = B is Aᵀ·Xᵀ = Bᵀ
    let out = left ? luSolve(f, copyOf(full), false) : mT(luSolve(f, copyOf(mT(full)), true)).contiguous();
    if (check) {
      raiseInfo(f.info, A._shape.length > 2, 'torch.linalg.solve', () => 'The solver failed because the input matrix is singular.');
    }
    if (vec) out = S.squeeze(out, -1).contiguous();
    // gB = A⁻ᵀ·gX (left) or gX·A⁻ᵀ; gA = -gB·Xᵀ (left) or -Xᵀ·gB
    const res = record('LinalgSolveExBackward0', out, [A, B], [A, out], (g, [a, x], needs) => {
      const g2 = vec ? S.unsqueeze(g, -1) : g;
      const x2 = vec ? S.unsqueeze(x, -1) : x;
      const gB = solve(mT(a), g2, { left });
      const gA = needs[0] ? E.neg(left ? L.matmul(gB, mT(x2)) : L.matmul(mT(x2), gB)) : null;
      return [gA, needs[1] ? (vec ? S.squeeze(gB, -1) : gB) : null];
    });
    return [res, f.info] as [Tensor, Tensor];
  }, 'the end of linalg.solve() (an internal temporary)');
}

/**
 * X with A·X = B (`left`, the default) or X·A = B: `torch.linalg.solve(A, B)`. B may be a vector or a batch
 * of them; batch dims broadcast. A singular A is a LinAlgError.
 */
function solve_impl(A: Tensor, B: Tensor, opts: { left?: boolean } = {}): Tensor {
  const { left } = bind('linalg_solve', [], ['left'], { left: true }, [opts]);
  return solveCore(A, B, left, true)[0];
}

/** `torch.linalg.solve_ex(A, B, { left, check_errors })`: the solution and LAPACK's info. */
function solve_ex_impl(A: Tensor, B: Tensor, opts: { left?: boolean; check_errors?: boolean } = {}): SolveExResult {
  const { left, check_errors } = bind('linalg_solve_ex', [], ['left', 'check_errors'], { left: true, check_errors: false }, [opts]);
  return named('linalg_solve_ex', ['result', 'info'], solveCore(A, B, left, check_errors));
}

// ---------------------------------------------------------------- Cholesky and triangular solves

export type CholeskyExResult = [Tensor, Tensor] & { readonly L: Tensor; readonly info: Tensor };

function choleskyCore(A: Tensor, upper: boolean, fn: string, check: boolean, node: string): [Tensor, Tensor] {
  checkSquare(A, fn === 'linalg.cholesky_ex' ? 'linalg.cholesky' : fn);
  checkFloat(A, fn === 'linalg.cholesky_ex' ? 'linalg.cholesky' : fn);
  return scoped(() => {
    const n = last(A);
    const batch = numelOf(batchOf(A));
    // the lower triangle is read; upper=true reads A's upper triangle (Aᵀ's lower) and returns Lᵀ
    const l = copyOf(upper ? mT(A) : A);
    const info = E.filled(batchOf(A), int64, 0);
    if (batch > 0 && n > 0) K.cholesky_f32(l._ptr(), info._ptr(), batch, n);
    if (check) {
      raiseInfo(info, A._shape.length > 2, fn, (v) => 'The factorization could not be completed because the input is not ' +
        `positive-definite (the leading minor of order ${v} is not positive-definite).`);
    }
    const out = upper ? mT(l).contiguous() : l;
    record(node, out, [A], [out], (g, [f]) => [choleskyBackward(g, f, upper)]);
    return [out, info] as [Tensor, Tensor];
  }, `the end of ${fn}() (an internal temporary)`);
}

/**
 * PyTorch's cholesky_backward (Murray 2016), symmetrized: gA = L⁻ᴴ·Φ·L⁻¹ with
 * Φ = ½(P + tril(P, -1)ᴴ), P = tril(Lᴴ·gL).
 */
function choleskyBackward(gL: Tensor, Lf: Tensor, upper: boolean): Tensor {
  const l = upper ? mT(Lf) : Lf;
  const g = upper ? mT(gL) : gL;
  let gA = S.tril(L.matmul(mT(l), g));
  gA = E.mul(E.add(gA, mT(S.tril(gA, -1))), 0.5);
  gA = solve_triangular(mT(l), gA, { upper: true, left: true });
  return solve_triangular(l, gA, { upper: false, left: false });
}

/** L with A = L·Lᵀ for symmetric positive-definite A (its lower triangle is read): `torch.linalg.cholesky(A)`. */
function cholesky_impl(A: Tensor, opts: { upper?: boolean } = {}): Tensor {
  const { upper } = bind('linalg_cholesky', [], ['upper'], { upper: false }, [opts]);
  return choleskyCore(A, upper, 'linalg.cholesky', true, 'LinalgCholeskyExBackward0')[0];
}

/** `torch.linalg.cholesky_ex(A, { upper, check_errors })`: L and LAPACK's info (the failing minor, or 0). */
export function cholesky_ex(A: Tensor, opts: { upper?: boolean; check_errors?: boolean } = {}): CholeskyExResult {
  const { upper, check_errors } = bind('linalg_cholesky_ex', [], ['upper', 'check_errors'], { upper: false, check_errors: false }, [opts]);
  return named('linalg_cholesky_ex', ['L', 'info'], choleskyCore(A, upper, 'linalg.cholesky_ex', check_errors, 'LinalgCholeskyExBackward0'));
}

/** Deprecated `torch.cholesky(A, upper=False)` (upper=True reads A's upper triangle and returns U with UᵀU = A). */
function torchCholesky_impl(A: Tensor, ...args: [upper?: boolean | { upper?: boolean }, opts?: { upper?: boolean }]): Tensor {
  const { upper } = bind('cholesky', ['upper'], [], { upper: false }, args);
  warnOnce('cholesky', 'torch.cholesky is deprecated in favor of torch.linalg.cholesky and will be removed in a future ' +
    'PyTorch release.\nL = torch.cholesky(A)\nshould be replaced with\nL = torch.linalg.cholesky(A)\nand\n' +
    'U = torch.cholesky(A, upper=True)\nshould be replaced with\nU = torch.linalg.cholesky(A).mH().\nThis transform will ' +
    'produce equivalent results for all valid (symmetric positive definite) inputs.');
  return choleskyCore(A, upper, 'cholesky', true, 'CholeskyBackward0')[0];
}

/** (L·Lᵀ)⁻¹·B with two triangular solves, no graph. */
function cholSolveRaw(B: Tensor, Lf: Tensor, upper: boolean): Tensor {
  const lower = upper ? mT(Lf.detach()) : Lf.detach();
  return solve_triangular(mT(lower), solve_triangular(lower, B.detach(), { upper: false }), { upper: true });
}

/**
 * X with A·X = B for A = L·Lᵀ (or Uᵀ·U when upper) given its Cholesky factor: `torch.cholesky_solve(B, L)`.
 * Backward as PyTorch's: gB = A⁻¹·gX, gL = -(gB·Xᵀ + X·gBᵀ)·L (U·(...) when upper).
 */
export function cholesky_solve(B: Tensor, Lf: Tensor, upper = false): Tensor {
  return scoped(() => {
    const out = cholSolveRaw(B, Lf, upper);
    return record('CholeskySolveBackward0', out, [B, Lf], [Lf, out], (g, [l, x], needs) => {
      const gB = cholesky_solve(g, l, upper);
      let gL: Tensor | null = null;
      if (needs[1]) {
        const t = L.matmul(gB, mT(x));
        const common = E.add(t, mT(t));
        gL = E.neg(upper ? L.matmul(l, common) : L.matmul(common, l));
      }
      return [needs[0] ? gB : null, gL];
    });
  }, 'the end of cholesky_solve() (an internal temporary)');
}

/**
 * (L·Lᵀ)⁻¹ from the Cholesky factor L (or U): `torch.cholesky_inverse(L)`. Backward as PyTorch's:
 * gL = -(A⁻¹·(g + gᵀ)·A⁻¹)·L (U·(...) when upper).
 */
export function cholesky_inverse(Lf: Tensor, upper = false): Tensor {
  checkSquare(Lf, 'cholesky_inverse');
  const n = last(Lf);
  return scoped(() => {
    const out = cholSolveRaw(C.eye(n), Lf, upper);
    return record('CholeskyInverseBackward0', out, [Lf], [Lf, out], (g, [l, inverse]) => {
      const common = L.matmul(inverse, L.matmul(E.add(g, mT(g)), inverse));
      return [E.neg(upper ? L.matmul(l, common) : L.matmul(common, l))];
    });
  }, 'the end of cholesky_inverse() (an internal temporary)');
}

export interface SolveTriangularOpts { upper?: boolean; left?: boolean; unitriangular?: boolean }

/**
 * X with A·X = B (or X·A = B when left is false) for triangular A, of which only the upper (or lower)
 * triangle is read: `torch.linalg.solve_triangular(A, B, { upper: true })`. Batch dims broadcast.
 */
export function solve_triangular(A: Tensor, B: Tensor, opts: SolveTriangularOpts = {}): Tensor {
  if (!opts || opts.upper === undefined) throw new TypeError('linalg_solve_triangular() missing 1 required positional arguments: "upper"');
  const { upper, left, unitriangular } = bind('linalg_solve_triangular', [], ['upper', 'left', 'unitriangular'],
    { left: true, unitriangular: false }, [opts]);
  const fn = 'linalg.solve_triangular';
  checkDims(A, fn);
  checkDims(B, fn, 'B');
  checkSquare(A, fn);
  checkFloat(A, fn);
  const n = last(A);
  const [r, c] = [last(B, 2), last(B)];
  if (left ? r !== n : c !== n) {
    throw new RangeError(`${fn}: Incompatible shapes of A and B for the equation ${left ? 'AX = B' : 'XA = B'} (${n}x${n} and ${r}x${c})`);
  }
  return scoped(() => {
    const batch = broadcastShapes(batchOf(A), batchOf(B));
    const a = expandTo(A, batch);
    const b = expandTo(B, batch);
    // X·A = B is Aᵀ·Xᵀ = Bᵀ, with the other triangle
    const ac = copyOf(left ? a : mT(a));
    const x = copyOf(left ? b : mT(b));
    const k = last(x);
    const nb = numelOf(batch);
    if (nb > 0 && n > 0 && k > 0) {
      withWork(8 * n * k, (w) => K.trsm_f32(ac._ptr(), x._ptr(), nb, n, k, upper === left ? 1 : 0, unitriangular ? 1 : 0, w));
    }
    const out = left ? x : mT(x).contiguous();
    // gB = A⁻ᴴ·gX (a solve with the other triangle); gA = -gB·Xᴴ (left) or -Xᴴ·gB, on A's triangle
    return record('LinalgSolveTriangularBackward0', out, [A, B], [A, out], (g, [sa, sx], needs) => {
      const gB = solve_triangular(mT(sa), g, { upper: !upper, left, unitriangular });
      let gA: Tensor | null = null;
      if (needs[0]) {
        gA = E.neg(left ? L.matmul(gB, mT(sx)) : L.matmul(mT(sx), gB));
        gA = upper ? S.triu(gA, unitriangular ? 1 : 0) : S.tril(gA, unitriangular ? -1 : 0);
      }
      return [gA, needs[1] ? gB : null];
    });
  }, 'the end of linalg.solve_triangular() (an internal temporary)');
}

export type TriangularSolveResult = [Tensor, Tensor] & { readonly solution: Tensor; readonly cloned_coefficient: Tensor };

/** Deprecated `torch.triangular_solve(b, A, upper=True, transpose=False, unitriangular=False)`. */
export function triangular_solve(b: Tensor, A: Tensor, upper = true, transpose = false, unitriangular = false): TriangularSolveResult {
  warnOnce('triangular_solve', 'torch.triangular_solve is deprecated in favor of torch.linalg.solve_triangular and will be ' +
    'removed in a future PyTorch release.\ntorch.linalg.solve_triangular has its arguments reversed and does not return a ' +
    'copy of one of the inputs.\nX = torch.triangular_solve(B, A).solution\nshould be replaced with\n' +
    'X = torch.linalg.solve_triangular(A, B).');
  const x = solve_triangular(transpose ? mT(A) : A, b, { upper: upper !== transpose, unitriangular });
  // PyTorch records one TriangularSolveBackward0 for both outputs; here each has a node of that name
  const outs = [renamed('TriangularSolveBackward0', x), renamed('TriangularSolveBackward0', E.clone(A))];
  return named('triangular_solve', ['solution', 'cloned_coefficient'], outs as [Tensor, Tensor]);
}

// ---------------------------------------------------------------- QR

export type QRResult = [Tensor, Tensor] & { readonly Q: Tensor; readonly R: Tensor };

function qrCore(A: Tensor, mode: string, name: string, onlyQ = false): QRResult {
  checkDims(A, 'linalg.qr');
  checkFloat(A, 'linalg.qr');
  if (mode !== 'reduced' && mode !== 'complete' && mode !== 'r') {
    throw new RangeError(`qr received unrecognized mode '${mode}' but expected one of 'reduced' (default), 'r', or 'complete'`);
  }
  return scoped(() => {
    const m = last(A, 2);
    const n = last(A);
    const k = Math.min(m, n);
    const bs = batchOf(A);
    const batch = numelOf(bs);
    const Q = Tensor._empty(mode === 'r' ? [0] : [...bs, m, mode === 'complete' ? m : k], float32);
    const Rr = Tensor._empty([...bs, mode === 'complete' ? m : k, n], float32);
    const a = copyOf(A);
    if (batch > 0 && m > 0 && n > 0) {
      withWork(K.qr_work(m, n), (w) => K.qr_f32(mode === 'r' ? 0 : Q._ptr(), Rr._ptr(), a._ptr(), batch, m, n,
        mode === 'reduced' ? 0 : mode === 'complete' ? 1 : 2, w));
    } else if (mode === 'complete' && m > 0) {
      E.writeInto(Q, S.expand(C.eye(m), Q._shape));
      E.writeInto(Rr, E.filled(Rr._shape.slice(), float32, 0));
    }
    const fail = mode === 'r'
      ? 'The derivative of linalg.qr depends on Q, which is not computed when mode=\'r\'. Please use linalg.qr(A, ' +
        'mode=\'reduced\') if you are going to differentiate through linalg.qr.'
      : mode === 'complete' && m > n ? 'The QR decomposition is not differentiable when mode=\'complete\' and nrows > ncols.' : null;
    record('LinalgQrBackward0', Q, [A], [Q, Rr], (g, [q, r]) => {
      if (fail) throw new Error(fail);
      return [qrBackward(g, null, q, r)];
    });
    if (onlyQ) return named(name, ['Q', 'R'], [Q, Rr] as [Tensor, Tensor]);
    record('LinalgQrBackward0', Rr, [A], [Q, Rr], (g, [q, r]) => {
      if (fail) throw new Error(fail);
      return [qrBackward(null, g, q, r)];
    });
    return named(name, ['Q', 'R'], [Q, Rr] as [Tensor, Tensor]);
  }, 'the end of linalg.qr() (an internal temporary)');
}

/**
 * PyTorch's linalg_qr_backward. With M = gR·Rᴴ - Qᴴ·gQ: for m ≥ n, gA = (Q·syminvadj(triu(M)) + gQ)·R⁻ᴴ;
 * for m < n, gA = [Q·tril(Mᴴ - M)·R₁⁻ᴴ, 0] + Q·gR, R₁ the leading m×m block.
 */
function qrBackward(gQ: Tensor | null, gR: Tensor | null, Q: Tensor, Rr: Tensor): Tensor {
  const m = last(Q, 2);
  const n = last(Rr);
  let M: Tensor;
  if (gQ) {
    const qg = L.matmul(mT(Q), gQ);
    M = gR ? E.sub(L.matmul(gR, mT(Rr)), qg) : E.neg(qg);
  } else M = L.matmul(gR!, mT(Rr));
  if (m >= n) {
    // syminvadj(X) = X + Xᴴ with the diagonal halved
    const t = S.triu(M);
    const sym = E.sub(E.add(t, mT(t)), X.diag_embed(X.diagonal(t, 0, -2, -1)));
    let b = L.matmul(Q, sym);
    if (gQ) b = E.add(b, gQ);
    return solve_triangular(mT(Rr), b, { upper: false, left: false });
  }
  const b = L.matmul(Q, S.tril(E.sub(mT(M), M)));
  let gA = solve_triangular(mT(S.narrow(Rr, -1, 0, m)), b, { upper: false, left: false });
  gA = S.cat([gA, E.filled([...gA._shape.slice(0, -1), n - m], float32, 0)], -1);
  if (gR) gA = E.add(gA, L.matmul(Q, gR));
  return gA;
}

/**
 * Householder QR: `torch.linalg.qr(A, mode='reduced')` → Q, R with R's diagonal signs as LAPACK gives them.
 * mode 'complete' gives a square Q; 'r' gives only R (Q is an empty tensor).
 */
export function qr(A: Tensor, ...args: [mode?: string | { mode?: string }, opts?: { mode?: string }]): QRResult {
  const { mode } = bind('linalg_qr', ['mode'], [], { mode: 'reduced' }, args);
  return qrCore(A, mode, 'linalg_qr');
}

/**
 * linalg.qr(A).Q (reduced) for composites that drop R (torch.svd_lowrank's range finder): R gets no graph
 * node, so nothing unreachable by backward keeps R and Q's saved copies alive.
 */
export function qrQ(A: Tensor): Tensor {
  return scoped(() => {
    const [Q, R] = qrCore(A, 'reduced', 'linalg_qr', true);
    R.dispose();
    return Q;
  }, 'the end of linalg.qr() (an internal temporary)');
}

/** Deprecated `torch.qr(A, some=True)`: linalg.qr with mode 'reduced' (some) or 'complete'. */
export function torchQr(A: Tensor, ...args: [some?: boolean | { some?: boolean }, opts?: { some?: boolean }]): QRResult {
  const { some } = bind('qr', ['some'], [], { some: true }, args);
  warnOnce('qr', 'torch.qr is deprecated in favor of torch.linalg.qr and will be removed in a future PyTorch release.\n' +
    'The boolean parameter \'some\' has been replaced with a string parameter \'mode\'.\nQ, R = torch.qr(A, some)\n' +
    'should be replaced with\nQ, R = torch.linalg.qr(A, \'reduced\' if some else \'complete\')');
  return qrCore(A, some ? 'reduced' : 'complete', 'qr');
}

// ---------------------------------------------------------------- eigh

export type EighResult = [Tensor, Tensor] & { readonly eigenvalues: Tensor; readonly eigenvectors: Tensor };

export function eighCore(A: Tensor, uplo: string, wantV: boolean): [Tensor, Tensor] {
  checkSquare(A, 'linalg.eigh');
  if (A.dtype !== float32) throw new TypeError(`"linalg_eigh_cpu" not implemented for '${typeName(A.dtype)}'`);
  if (uplo !== 'L' && uplo !== 'U') throw new RangeError(`Expected UPLO argument to be 'L' or 'U', but got ${uplo}`);
  const n = last(A);
  const bs = batchOf(A);
  const batch = numelOf(bs);
  const w = Tensor._empty([...bs, n], float32);
  const V = Tensor._empty(wantV ? [...bs, n, n] : [0], float32);
  // the lower triangle is read; 'U' reads the upper one (Aᵀ's lower): the same symmetric matrix
  const a = copyOf(uplo === 'U' ? mT(A) : A);
  if (batch > 0 && n > 0) withWork(K.eigh_work(n), (wk) => K.eigh_f32(w._ptr(), wantV ? V._ptr() : 0, a._ptr(), batch, n, wantV ? 1 : 0, wk));
  a.dispose();
  return [w, V];
}

/** gA = V·diag(gL)·Vᵀ (the eigenvalues' part of PyTorch's linalg_eig_backward, Hermitian case). */
export function eigvalsBackward(gL: Tensor, V: Tensor): Tensor {
  return L.matmul(E.mul(V, S.unsqueeze(gL, -2)), mT(V));
}

/**
 * The eigenvectors' part: gA = V·(skew(Vᴴ·gV)/E)·Vᴴ with skew(X) = ½(X - Xᴴ) and E_ij = λ_j - λ_i
 * (1 on the diagonal): repeated eigenvalues give inf/nan, as in PyTorch.
 */
export function eigvecsBackward(gV: Tensor, w: Tensor, V: Tensor): Tensor {
  const vg = L.matmul(mT(V), gV);
  const skew = E.mul(E.sub(vg, mT(vg)), 0.5);
  const Em = E.add(E.sub(S.unsqueeze(w, -2), S.unsqueeze(w, -1)), C.eye(last(w)));
  return L.matmul(V, L.matmul(E.div(skew, Em), mT(V)));
}

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors (columns) of symmetric matrices, of which only the
 * lower (UPLO='L') or upper triangle is read: `torch.linalg.eigh(A)`. Each eigenvector's sign is arbitrary.
 */
export function eigh(A: Tensor, ...args: [UPLO?: string | { UPLO?: string }, opts?: { UPLO?: string }]): EighResult {
  const { UPLO } = bind('linalg_eigh', ['UPLO'], [], { UPLO: 'L' }, args);
  return scoped(() => {
    const [w, V] = eighCore(A, UPLO, true);
    record('LinalgEighBackward0', w, [A], [w, V], (g, [, v]) => [eigvalsBackward(g, v)]);
    record('LinalgEighBackward0', V, [A], [w, V], (g, [lw, v]) => [eigvecsBackward(g, lw, v)]);
    return named('linalg_eigh', ['eigenvalues', 'eigenvectors'], [w, V] as [Tensor, Tensor]);
  }, 'the end of linalg.eigh() (an internal temporary)');
}

/** Eigenvalues (ascending) of symmetric matrices: `torch.linalg.eigvalsh(A)`. */
export function eigvalsh(A: Tensor, ...args: [UPLO?: string | { UPLO?: string }, opts?: { UPLO?: string }]): Tensor {
  const { UPLO } = bind('linalg_eigvalsh', ['UPLO'], [], { UPLO: 'L' }, args);
  return scoped(() => {
    const want = needsGrad(A);
    const [w, V] = eighCore(A, UPLO, want);
    return record('LinalgEighBackward0', w, [A], [V], (g, [v]) => [eigvalsBackward(g, v)]);
  }, 'the end of linalg.eigvalsh() (an internal temporary)');
}

// ---------------------------------------------------------------- SVD

export type SVDResult = [Tensor, Tensor, Tensor] & { readonly U: Tensor; readonly S: Tensor; readonly Vh: Tensor };

/** U, S, Vh without graph; `check`: PyTorch's error for non-finite input. */
function svdCore(A: Tensor, full: boolean, wantUV: boolean, check = false): [Tensor, Tensor, Tensor] {
  const m = last(A, 2);
  const n = last(A);
  const k = Math.min(m, n);
  const bs = batchOf(A);
  const batch = numelOf(bs);
  const U = wantUV ? Tensor._empty([...bs, m, full ? m : k], float32) : Tensor._empty([0], float32);
  const Sv = Tensor._empty([...bs, k], float32);
  const Vh = wantUV ? Tensor._empty([...bs, full ? n : k, n], float32) : Tensor._empty([0], float32);
  if (batch > 0 && k > 0) {
    const a = copyOf(A);
    withWork(K.svd_work(m, n), (w) => K.svd_f32(wantUV ? U._ptr() : 0, Sv._ptr(), wantUV ? Vh._ptr() : 0, a._ptr(), batch, m, n,
      full ? 1 : 0, wantUV ? 1 : 0, w));
    a.dispose();
  } else if (wantUV && full && batch > 0) {
    // an empty matrix: the full factors are identities
    if (m > 0) E.writeInto(U, S.expand(C.eye(m), U._shape));
    if (n > 0) E.writeInto(Vh, S.expand(C.eye(n), Vh._shape));
  }
  if (check && k > 0) {
    const s = Sv.dataSync();
    for (let b = 0; b < batch; b++) {
      if (!Number.isFinite(s[b * k])) {
        throw new LinAlgError(`linalg.svd: ${bs.length ? `(Batch element ${b}): ` : ''}The algorithm failed to converge because ` +
          'the input matrix contained non-finite values.');
      }
    }
  }
  return [U, Sv, Vh];
}

/**
 * PyTorch's svd_backward on the reduced factors (U m×k, S, Vh k×n), with E_ij = σ_j² - σ_i² (1 on the
 * diagonal): repeated singular values give inf/nan, as in PyTorch.
 */
function svdBackward(gU: Tensor | null, gS: Tensor | null, gVh: Tensor | null, U: Tensor, Sv: Tensor, Vh: Tensor): Tensor {
  const m = last(U, 2);
  const n = last(Vh);
  if (!gU && !gVh) {
    return m >= n ? L.matmul(U, E.mul(S.unsqueeze(gS!, -1), Vh)) : L.matmul(E.mul(U, S.unsqueeze(gS!, -2)), Vh);
  }
  const skew = (t: Tensor) => E.sub(t, mT(t));
  const S2 = E.mul(Sv, Sv);
  const Em = E.add(E.sub(S.unsqueeze(S2, -2), S.unsqueeze(S2, -1)), C.eye(last(Sv)));
  let gA: Tensor;
  if (gU && gVh) {
    const uhgu = skew(L.matmul(mT(U), gU));
    const vhgv = skew(L.matmul(Vh, mT(gVh)));
    gA = E.div(E.add(E.mul(uhgu, S.unsqueeze(Sv, -2)), E.mul(S.unsqueeze(Sv, -1), vhgv)), Em);
  } else if (gU) {
    gA = E.mul(skew(L.matmul(mT(U), gU)), E.div(S.unsqueeze(Sv, -2), Em));
  } else {
    gA = E.mul(S.unsqueeze(Sv, -1), E.div(skew(L.matmul(Vh, mT(gVh!))), Em));
  }
  if (gS) gA = E.add(gA, X.diag_embed(gS));
  if (m > n && gU) {
    gA = L.matmul(U, gA);
    const gUSinv = E.div(gU, S.unsqueeze(Sv, -2));
    gA = E.add(gA, E.sub(gUSinv, L.matmul(U, L.matmul(mT(U), gUSinv))));
    return L.matmul(gA, Vh);
  }
  if (m < n && gVh) {
    gA = L.matmul(gA, Vh);
    const sInvGVh = E.div(gVh, S.unsqueeze(Sv, -1));
    gA = E.add(gA, E.sub(sInvGVh, L.matmul(L.matmul(sInvGVh, mT(Vh)), Vh)));
    return L.matmul(U, gA);
  }
  return m >= n ? L.matmul(U, L.matmul(gA, Vh)) : L.matmul(L.matmul(U, gA), Vh);
}

/** Records the SVD's three nodes; full factors are narrowed to their first k columns/rows for the rule. */
function recordSvd(A: Tensor, U: Tensor, Sv: Tensor, Vh: Tensor, full: boolean): void {
  const k = last(Sv);
  const nu = (t: Tensor) => (full ? S.narrow(t, -1, 0, k) : t);
  const nv = (t: Tensor) => (full ? S.narrow(t, -2, 0, k) : t);
  record('LinalgSvdBackward0', U, [A], [U, Sv, Vh], (g, [u, s, vh]) => [svdBackward(nu(g), null, null, nu(u), s, nv(vh))]);
  record('LinalgSvdBackward0', Sv, [A], [U, Sv, Vh], (g, [u, s, vh]) => [svdBackward(null, g, null, nu(u), s, nv(vh))]);
  record('LinalgSvdBackward0', Vh, [A], [U, Sv, Vh], (g, [u, s, vh]) => [svdBackward(null, null, nv(g), nu(u), s, nv(vh))]);
}

/**
 * A = U·diag(S)·Vh with S descending: `torch.linalg.svd(A, full_matrices=True)`. Each singular vector
 * pair's sign is arbitrary; with full_matrices the extra columns of U (rows of Vh) are any orthonormal completion.
 */
export function svd(A: Tensor, ...args: [full_matrices?: boolean | { full_matrices?: boolean; driver?: string | null }, opts?: { full_matrices?: boolean; driver?: string | null }]): SVDResult {
  const { full_matrices } = bind('linalg_svd', ['full_matrices'], ['driver'], { full_matrices: true, driver: null }, args);
  checkDims(A, 'linalg.svd');
  checkFloat(A, 'linalg.svd');
  return scoped(() => {
    const [U, Sv, Vh] = svdCore(A, full_matrices, true, true);
    recordSvd(A, U, Sv, Vh, full_matrices);
    return named('linalg_svd', ['U', 'S', 'Vh'], [U, Sv, Vh] as [Tensor, Tensor, Tensor]);
  }, 'the end of linalg.svd() (an internal temporary)');
}

/** Singular values, descending: `torch.linalg.svdvals(A)`. */
export function svdvals(A: Tensor, opts: { driver?: string | null } = {}): Tensor {
  bind('linalg_svdvals', [], ['driver'], { driver: null }, [opts]);
  checkDims(A, 'linalg.svd');
  checkFloat(A, 'linalg.svd');
  return scoped(() => {
    const want = needsGrad(A);
    const [U, Sv, Vh] = svdCore(A, false, want);
    return record('LinalgSvdBackward0', Sv, [A], [U, Sv, Vh], (g, [u, s, vh]) => [svdBackward(null, g, null, u, s, vh)]);
  }, 'the end of linalg.svdvals() (an internal temporary)');
}

export type TorchSVDResult = [Tensor, Tensor, Tensor] & { readonly U: Tensor; readonly S: Tensor; readonly V: Tensor };

/** `torch.svd(A, some=True, compute_uv=True)`: U, S and V (not Vh), reduced unless some is false. */
function torchSvd_impl(A: Tensor, ...args: [some?: boolean | { some?: boolean; compute_uv?: boolean }, compute_uv?: boolean | { some?: boolean; compute_uv?: boolean }, opts?: { some?: boolean; compute_uv?: boolean }]): TorchSVDResult {
  const { some, compute_uv } = bind('svd', ['some', 'compute_uv'], [], { some: true, compute_uv: true }, args);
  if (A._shape.length < 2) throw new RangeError(`linalg.svd: input should have at least 2 dimensions, but has ${A._shape.length} dimensions instead`);
  if (!compute_uv) {
    // U and V are zero-filled (m×m and n×n), as PyTorch returns them
    const bs = batchOf(A);
    const Sv = svdvals(A);
    return named('svd', ['U', 'S', 'V'], [E.filled([...bs, last(A, 2), last(A, 2)], float32, 0), Sv,
      E.filled([...bs, last(A), last(A)], float32, 0)] as [Tensor, Tensor, Tensor]);
  }
  const [U, Sv, Vh] = svd(A, !some);
  return named('svd', ['U', 'S', 'V'], [U, Sv, mT(Vh)] as [Tensor, Tensor, Tensor]);
}

// ---------------------------------------------------------------- pinv and lstsq

type Tol = number | Tensor | null;
const EPS32 = 1.1920928955078125e-7;

/** PyTorch's get_atol_rtol: rtol defaults to eps·max(m, n) unless atol > 0 is given. */
function atolRtol(A: Tensor, atol: Tol, rtol: Tol): [Tensor, Tensor] {
  const t = (v: number | Tensor) => (typeof v === 'number' ? C.tensor(v, { dtype: float32 }) : v);
  const a = t(atol ?? 0);
  if (rtol !== null) return [a, t(rtol)];
  const def = EPS32 * Math.max(last(A), last(A, 2));
  return [a, atol === null ? t(def) : E.where(E.gt(a, 0), 0, def)];
}

/** tol = max(atol, rtol·σ_max) per matrix, shaped [..., 1]. */
function tolerance(a: Tensor, r: Tensor, maxv: Tensor): Tensor {
  return E.maximum(S.unsqueeze(a, -1), E.mul(S.unsqueeze(r, -1), maxv));
}

/** A⁺ without graph (PyTorch's linalg_pinv forward). */
function pinvRaw(A: Tensor, atol: Tol, rtol: Tol, hermitian: boolean): Tensor {
  const [a, r] = atolRtol(A, atol, rtol);
  if (!hermitian) {
    const [U, Sv, Vh] = svdCore(A, false, true);
    if (A.numel() === 0) return L.matmul(mT(Vh), mT(U));
    const tol = tolerance(a, r, S.narrow(Sv, -1, 0, 1));
    const sInv = E.where(E.gt(Sv, tol), E.reciprocal(Sv), 0);
    return L.matmul(E.mul(mT(Vh), S.unsqueeze(sInv, -2)), mT(U));
  }
  const [w, V] = eighCore(A, 'L', true);
  const sAbs = E.abs(w);
  const tol = tolerance(a, r, R.amax(sAbs, -1, { keepdim: true }));
  const sInv = E.where(E.gt(sAbs, tol), E.reciprocal(w), 0);
  return L.matmul(E.mul(V, S.unsqueeze(sInv, -2)), mT(V));
}

/** PyTorch's pinv_backward: the gradient of A⁺ given g, A⁺ and A. */
function pinvBackward(g: Tensor, p: Tensor, A: Tensor): Tensor {
  const m = last(A, 2);
  const n = last(A);
  const ph = mT(p);
  const gh = mT(g);
  if (m <= n) {
    const Kt = L.matmul(gh, p);
    const kph = L.matmul(Kt, ph);
    return E.add(E.sub(E.sub(kph, mT(L.matmul(p, Kt))), L.matmul(L.matmul(A, p), kph)),
      L.matmul(L.matmul(ph, p), E.sub(gh, L.matmul(Kt, A))));
  }
  const Kt = L.matmul(p, gh);
  const phk = L.matmul(ph, Kt);
  return E.sub(E.add(E.sub(L.matmul(L.matmul(E.sub(gh, L.matmul(A, Kt)), p), ph), mT(L.matmul(Kt, p))), phk),
    L.matmul(L.matmul(phk, p), A));
}

export interface PinvOpts { atol?: Tol; rtol?: Tol; hermitian?: boolean; rcond?: Tol }

/**
 * The Moore-Penrose pseudo-inverse through the SVD (eigh when hermitian): singular values at or below
 * max(atol, rtol·σ_max) count as zero: `torch.linalg.pinv(A, { rtol })`; `pinv(A, rcond)` is rtol = rcond.
 */
export function pinv(A: Tensor, ...args: [rcond?: Tol | PinvOpts, hermitian?: boolean | PinvOpts, opts?: PinvOpts]): Tensor {
  const o = bind('linalg_pinv', ['rcond', 'hermitian'], ['atol', 'rtol'], { rcond: null, hermitian: false, atol: null, rtol: null }, args);
  if (A._shape.length < 2 || A.dtype !== float32) {
    throw new RangeError(`linalg.pinv(${typeName(A.dtype)}{[${A._shape.join(', ')}]}): expected a tensor with 2 or more dimensions ` +
      'of float, double, cfloat or cdouble types');
  }
  const [atol, rtol]: [Tol, Tol] = o.rcond !== null ? [0, o.rcond] : [o.atol, o.rtol];
  return scoped(() => {
    const out = pinvRaw(A, atol, rtol, o.hermitian);
    return record('LinalgPinvBackward0', out, [A], [A, out], (g, [a, p]) => [pinvBackward(g, p, a)]);
  }, 'the end of linalg.pinv() (an internal temporary)');
}

/** `torch.pinverse(A, rcond=1e-15)`. */
export function pinverse(A: Tensor, rcond = 1e-15): Tensor {
  return pinv(A, rcond);
}

export type LstsqResult = [Tensor, Tensor, Tensor, Tensor] &
  { readonly solution: Tensor; readonly residuals: Tensor; readonly rank: Tensor; readonly singular_values: Tensor };

const DRIVERS = ['gels', 'gelsy', 'gelsd', 'gelss'];

/**
 * The least-squares solution X minimizing ‖A·X - B‖ (the minimum-norm one when A is wide or rank-deficient):
 * `torch.linalg.lstsq(A, B)`. Outputs as PyTorch's CPU drivers give them: with the default 'gelsy' the
 * rank and no residuals; 'gelsd'/'gelss' add the singular values; all but 'gelsy' give the squared
 * residuals when A is tall and of full rank. Solved through the SVD, with singular values at or below
 * rcond·σ_max (default eps·max(m, n)) treated as zero.
 */
function lstsq_impl(A: Tensor, B: Tensor, ...args: [rcond?: number | null | { rcond?: number | null; driver?: string | null }, opts?: { rcond?: number | null; driver?: string | null }]): LstsqResult {
  const o = bind('linalg_lstsq', ['rcond'], ['driver'], { rcond: null, driver: null }, args);
  const fn = 'torch.linalg.lstsq';
  if (A._shape.length < 2) throw new RangeError(`${fn}: input must have at least 2 dimensions.`);
  if (B._shape.length < 1) throw new RangeError(`${fn}: other must have at least 1 dimension.`);
  if (A.dtype !== B.dtype) {
    throw new TypeError(`${fn}: Expected input and other to have the same dtype, but got input's dtype ${typeName(A.dtype)} and other's dtype ${typeName(B.dtype)}`);
  }
  checkFloat(A, 'linalg.lstsq');
  const diff = A._shape.length - B._shape.length;
  if (diff < 0 || diff > 1) {
    throw new RangeError(`${fn}: input.dim() must be greater or equal to other.dim() and (input.dim() - other.dim()) <= 1`);
  }
  const vec = diff === 1;
  const B2 = vec ? S.unsqueeze(B.detach(), -1) : B.detach();
  if (last(A, 2) !== last(B2, 2)) throw new RangeError(`${fn}: input.size(-2) should match other.size(${vec ? -1 : -2})`);
  const driver: string = o.driver ?? 'gelsy';
  if (!DRIVERS.includes(driver)) throw new RangeError(`${fn}: parameter \`driver\` should be one of (gels, gelsy, gelsd, gelss)`);
  return scoped(() => {
    const m = last(A, 2);
    const n = last(A);
    const batch = broadcastShapes(batchOf(A), batchOf(B2));
    const a = expandTo(A, batch);
    const b = expandTo(B2, batch);
    const rcond = o.rcond ?? EPS32 * Math.max(m, n);
    const [U, Sv, Vh] = svdCore(a, false, true);
    const k = Math.min(m, n);
    const keep = k > 0 ? E.gt(Sv, E.mul(S.narrow(Sv, -1, 0, 1), rcond)) : E.filled(Sv._shape.slice(), bool, 0);
    const sInv = E.where(keep, E.reciprocal(Sv), 0);
    let x = L.matmul(E.mul(mT(Vh), S.unsqueeze(sInv, -2)), L.matmul(mT(U), b));
    const rankT = R.sum(E.cast(keep, int64), -1);
    const full = k === n && Boolean(R.all(E.eq(rankT, n)).item());
    let residuals = Tensor._empty([0], float32);
    if (driver !== 'gelsy' && m > n && (driver === 'gels' || full)) {
      residuals = R.sum(E.square(E.sub(L.matmul(a, x), b)), -2);
    }
    const rank = driver === 'gels' ? Tensor._empty([0], int64) : rankT;
    const sv = driver === 'gelsd' || driver === 'gelss' ? Sv : Tensor._empty([0], float32);
    if (vec) x = S.squeeze(x, -1);
    x = x.contiguous();
    // PyTorch's linalg_lstsq_backward: through pinv(A) (gelsy is not deterministic)
    const sol = record('LinalgLstsqBackward0', x, [A, B], [A, B], (g, [sa, sb], needs) => {
      const g2 = vec ? S.unsqueeze(g, -1) : g;
      const b2 = vec ? S.unsqueeze(sb, -1) : sb;
      const pA = pinv(sa);
      const gA = needs[0] ? pinvBackward(L.matmul(g2, mT(b2)), pA, sa) : null;
      let gB = needs[1] ? L.matmul(mT(pA), g2) : null;
      if (gB && vec) gB = S.squeeze(gB, -1);
      return [gA, gB];
    });
    return named('linalg_lstsq', ['solution', 'residuals', 'rank', 'singular_values'], [sol, residuals, rank, sv] as [Tensor, Tensor, Tensor, Tensor]);
  }, 'the end of linalg.lstsq() (an internal temporary)');
}

export interface RankOpts { atol?: Tol; rtol?: Tol; hermitian?: boolean; tol?: Tol }

/**
 * The number of singular values (|eigenvalues| when hermitian) above max(atol, rtol·σ_max):
 * `torch.linalg.matrix_rank(A)`; `matrix_rank(A, tol)` is atol = tol, rtol = 0. int64.
 */
export function matrix_rank(A: Tensor, ...args: [tol?: Tol | RankOpts, hermitian?: boolean | RankOpts, opts?: RankOpts]): Tensor {
  const o = bind('linalg_matrix_rank', ['tol', 'hermitian'], ['atol', 'rtol'], { tol: null, hermitian: false, atol: null, rtol: null }, args);
  checkDims(A, 'torch.linalg.matrix_rank', 'input');
  if (A.dtype !== float32) throw new TypeError('This function doesn\'t handle types other than float and double');
  const [atol, rtol]: [Tol, Tol] = o.tol !== null ? [o.tol, 0] : [o.atol, o.rtol];
  return scoped(() => {
    const [a, r] = atolRtol(A, atol, rtol);
    const k = Math.min(last(A), last(A, 2));
    if (k === 0) return E.filled(batchOf(A), int64, 0);
    let Sv: Tensor;
    let maxv: Tensor;
    if (!o.hermitian) {
      Sv = svdCore(A, false, false)[1];
      maxv = S.narrow(Sv, -1, 0, 1);
    } else {
      Sv = E.abs(eighCore(A, 'L', false)[0]);
      maxv = R.amax(Sv, -1, { keepdim: true });
    }
    return R.sum(E.cast(E.gt(Sv, tolerance(a, r, maxv)), int64), -1);
  }, 'the end of linalg.matrix_rank() (an internal temporary)');
}

/** Deprecated `torch.chain_matmul(*matrices)`: linalg.multi_dot of 2-D matrices (one is returned as a copy). */
export function chain_matmul(...matrices: Tensor[]): Tensor {
  warnOnce('chain_matmul', 'torch.chain_matmul is deprecated and will be removed in a future PyTorch release. Use ' +
    'torch.linalg.multi_dot instead, which accepts a list of two or more tensors rather than multiple parameters.');
  if (matrices.length === 1) return E.clone(matrices[0]);
  return multi_dot(matrices);
}

// Composites run in a scope of their own: their temporaries are released when they return (lifetime.ts).
export const cholesky = /*#__PURE__*/ composite(cholesky_impl, 'linalg.cholesky');
export const inv = /*#__PURE__*/ composite(inv_impl, 'linalg.inv');
export const lstsq = /*#__PURE__*/ composite(lstsq_impl, 'linalg.lstsq');
export const solve = /*#__PURE__*/ composite(solve_impl, 'linalg.solve');
export const solve_ex = /*#__PURE__*/ composite(solve_ex_impl, 'linalg.solve_ex');
export const torchCholesky = /*#__PURE__*/ composite(torchCholesky_impl, 'cholesky');
export const torchSvd = /*#__PURE__*/ composite(torchSvd_impl, 'svd');
