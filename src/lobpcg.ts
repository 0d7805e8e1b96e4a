// torch.lobpcg (torch/_lobpcg.py): Knyazev's locally optimal block preconditioned conjugate gradient for the
// k largest (or smallest) eigenpairs of a symmetric A (generalized: A·x = λ·B·x), method 'ortho' (Stathopoulos
// and Wu's robust orthogonalization, the default) or 'basic'. A line-by-line port: the same tensors in the
// same order, the same convergence test (relative residuals in float32 below tol), the initial block from the
// global generator, and LOBPCGAutogradFunction's backward (the partial-eigenspace symeig backward, its random
// complement drawn from a fresh Generator as PyTorch's). Dense only (tocha has no sparse tensors).
import { Tensor } from './tensor.js';
import { float32, int64 } from './dtype.js';
import { record, no_grad } from './autograd.js';
import { scoped } from './lifetime.js';
import { bind } from './optim/optimizer.js';
import * as E from './ops/elementwise.js';
import * as S from './ops/shape.js';
import * as R from './ops/reduce.js';
import * as Lm from './ops/linalg.js';
import * as C from './ops/create.js';
import * as X from './ops/extra.js';
import { cholesky, cholesky_solve, eigh, solve_triangular } from './ops/decomp.js';
import { geqrf, householder_product } from './ops/decomp-more.js';

const mT = (t: Tensor) => S.transpose(t, -2, -1);
const mm = (a: Tensor | null, b: Tensor) => (a ? Lm.matmul(a, b) : b);
/** Sᵀ·A·S (A = null: the identity). */
const qform = (A: Tensor | null, s: Tensor) => Lm.matmul(mT(s), mm(A, s));
const fnorm = (t: Tensor) => Number(R.norm(t).item());
const cols = (t: Tensor, a: number, b: number) => S.narrow(t, -1, a, b - a);
const sizeStr = (s: readonly number[]) => `torch.Size([${s.join(', ')}])`;
/** Python's AssertionError (the failed assert's message is its argument's repr). */
const assertion = (message: string) => Object.assign(new Error(message), { name: 'AssertionError' });

/** Eigenpairs of a symmetric A (its upper triangle), ascending or, with largest, descending (_utils.symeig). */
function symeig(A: Tensor, largest = false): [Tensor, Tensor] {
  const [e, z] = eigh(A, 'U');
  return largest ? [S.flip(e, [-1]), S.flip(z, [-1])] : [e, z];
}

/** An orthonormal basis of A's columns: orgqr(geqrf(A)) (_utils.basis on the CPU). */
function basis(A: Tensor): Tensor {
  const [a, tau] = geqrf(A);
  return householder_product(a, tau);
}

type Params = Record<string, number>;
type BParams = Record<string, boolean>;
type Tracker = ((worker: LOBPCG) => void) | null;

/** PyTorch's LOBPCG worker: its state (X, E, R, S and the ivars/fvars/bvars dicts) as a tracker sees it. */
export class LOBPCG {
  X: Tensor;
  E: Tensor;
  R: Tensor;
  S: Tensor;
  readonly ivars: Record<string, number> = { istep: 0 };
  readonly fvars: Record<string, number> = { _: 0 };
  readonly bvars: Record<string, boolean> = { _: false };
  readonly tvars: Record<string, Tensor> = {};

  constructor(readonly A: Tensor, readonly B: Tensor | null, X0: Tensor, readonly iK: Tensor | null, readonly iparams: Params,
    readonly fparams: Params, readonly bparams: BParams, readonly method: string, readonly tracker: Tracker) {
    const m = iparams.m;
    const n = iparams.n;
    this.X = X0;
    this.E = E.filled([n], float32, 0);
    this.R = E.filled([m, n], float32, 0);
    this.S = E.filled([m, 3 * n], float32, 0);
  }

  /** One step, its temporaries released (the state tensors it replaces too). */
  private step(): void {
    const old = [this.X, this.E, this.R, this.S, ...Object.values(this.tvars)];
    const keep = scoped(() => {
      this.update();
      return [this.X, this.E, this.R, this.S, ...Object.values(this.tvars)];
    }, 'the end of a lobpcg step (an internal temporary)');
    for (const t of old) if (!keep.includes(t) && !t._released) t.dispose();
  }

  update(): void {
    if (this.ivars.istep === 0) {
      const xNorm = fnorm(this.X);
      const ixNorm = xNorm ** -1;
      this.fvars.X_norm = xNorm;
      this.fvars.A_norm = fnorm(mm(this.A, this.X)) * ixNorm;
      this.fvars.B_norm = fnorm(mm(this.B, this.X)) * ixNorm;
      this.ivars.iterations_left = this.iparams.niter;
      this.ivars.converged_count = 0;
      this.ivars.converged_end = 0;
    }
    if (this.method === 'ortho') this.updateOrtho();
    else this.updateBasic();
    this.ivars.iterations_left -= 1;
    this.ivars.istep += 1;
  }

  updateResidual(): void {
    this.R = E.sub(mm(this.A, this.X), E.mul(mm(this.B, this.X), this.E));
  }

  updateConvergedCount(): number {
    const prev = this.ivars.converged_count;
    const { tol } = this.fparams;
    const { A_norm: aNorm, B_norm: bNorm } = this.fvars;
    const nx = this.X._shape[1];
    const rerr = E.mul(R.norm(this.R, 2, [0]),
      E.pow(E.mul(R.norm(this.X, 2, [0]), E.add(E.mul(S.narrow(this.E, 0, 0, nx), bNorm), aNorm)), -1));
    const converged = E.lt(rerr, tol).dataSync();
    let count = 0;
    for (const b of converged) {
      if (!b) break;
      count++;
    }
    if (count < prev) throw assertion(`the number of converged eigenpairs (was ${prev}, got ${count}) cannot decrease`);
    this.ivars.converged_count = count;
    this.tvars.rerr = rerr;
    return count;
  }

  stopIteration(): boolean {
    return (this.bvars.force_stop ?? false) || this.ivars.iterations_left === 0 || this.ivars.converged_count >= this.iparams.k;
  }

  run(): void {
    this.step();
    this.tracker?.(this);
    while (!this.stopIteration()) {
      this.step();
      this.tracker?.(this);
    }
  }

  private updateBasic(): void {
    let ns = this.ivars.converged_end;
    let nc = this.ivars.converged_count;
    const { n } = this.iparams;
    const { largest } = this.bparams;
    let np: number;
    if (this.ivars.istep === 0) {
      const Ri = this.rayleighRitzTransform(this.X);
      const M = qform(qform(this.A, this.X), Ri);
      const [e, Z] = symeig(M, largest);
      this.X.set(null, null, Lm.matmul(this.X, Lm.matmul(Ri, Z)));
      this.E.set(null, e);
      np = 0;
    } else {
      const S_ = cols(this.S, nc, ns);
      const Ri = this.rayleighRitzTransform(S_);
      const M = qform(qform(this.A, S_), Ri);
      const [e, Z] = symeig(M, largest);
      this.X.set(null, [nc, null], Lm.matmul(S_, Lm.matmul(Ri, cols(Z, 0, n - nc))));
      this.E.set([nc, null], S.narrow(e, 0, 0, n - nc));
      const P = Lm.matmul(S_, Lm.matmul(Ri, cols(Z, n, 2 * n - nc)));
      np = P._shape[1];
      this.updateResidual();
      nc = this.updateConvergedCount();
      this.S.set(null, [null, n], this.X);
      this.S.set(null, [n, n + np], P);
      const W = mm(this.iK, cols(this.R, nc, this.R._shape[1]));
      this.ivars.converged_end = ns = n + np + W._shape[1];
      this.S.set(null, [n + np, ns], W);
      return;
    }
    this.updateResidual();
    nc = this.updateConvergedCount();
    this.S.set(null, [null, n], this.X);
    const W = mm(this.iK, this.R);
    this.ivars.converged_end = ns = n + np + W._shape[1];
    this.S.set(null, [n + np, ns], W);
  }

  private updateOrtho(): void {
    let ns = this.ivars.converged_end;
    let nc = this.ivars.converged_count;
    const { n } = this.iparams;
    const { largest } = this.bparams;
    if (this.ivars.istep === 0) {
      const Ri = this.rayleighRitzTransform(this.X);
      const M = qform(qform(this.A, this.X), Ri);
      // (PyTorch keeps these eigenvalues local: E stays zero until the next step)
      const [, Z] = symeig(M, largest);
      this.X = Lm.matmul(this.X, Lm.matmul(Ri, Z));
      this.updateResidual();
      const np = 0;
      nc = this.updateConvergedCount();
      this.S.set(null, [null, n], this.X);
      const W = this.ortho(this.R, this.X);
      ns = this.ivars.converged_end = n + np + W._shape[1];
      this.S.set(null, [n + np, ns], W);
      return;
    }
    const S_ = cols(this.S, nc, ns);
    const [e, Z] = symeig(qform(this.A, S_), largest);
    this.X.set(null, [nc, null], Lm.matmul(S_, cols(Z, 0, n - nc)));
    this.E.set([nc, null], S.narrow(e, 0, 0, n - nc));
    const Zr = cols(Z, n - nc, Z._shape[1]);
    const P = Lm.matmul(S_, Lm.matmul(Zr, basis(mT(S.narrow(Zr, 0, 0, n - nc)))));
    const np = P._shape[1];
    this.updateResidual();
    nc = this.updateConvergedCount();
    this.S.set(null, [null, n], this.X);
    this.S.set(null, [n, n + np], P);
    const W = this.ortho(cols(this.R, nc, this.R._shape[1]), cols(this.S, 0, n + np));
    ns = this.ivars.converged_end = n + np + W._shape[1];
    this.S.set(null, [n + np, ns], W);
  }

  /** Ri with Riᵀ·(Sᵀ·B·S)·Ri = I through a Cholesky of the diagonally scaled Gram matrix. */
  private rayleighRitzTransform(s: Tensor): Tensor {
    const SBS = qform(this.B, s);
    const dRow = E.pow(X.diagonal(SBS, 0, -2, -1), -0.5);
    const dCol = S.reshape(dRow, [dRow._shape[0], 1]);
    const Rm = cholesky(E.mul(E.mul(SBS, dRow), dCol), { upper: true });
    return solve_triangular(Rm, X.diag_embed(dRow), { upper: true, left: false });
  }

  /** U's columns B-orthonormalized by singular value QB (dropping or lifting the eigenvalues below tau·max). */
  private svqb(U: Tensor, drop: boolean, tau: number): Tensor {
    if (U.numel() === 0) return U;
    let UBU = qform(this.B, U);
    let d = X.diagonal(UBU, 0, -2, -1);
    const nonzero = (t: Tensor) => Array.from(E.ne(E.abs(t), 0).dataSync()).map((v, i) => (v ? i : -1)).filter((i) => i >= 0);
    let nz = nonzero(d);
    if (nz.length < d._shape[0]) {
      U = S.index_select(U, 1, C.tensor(nz, { dtype: int64 }));
      if (U.numel() === 0) return U;
      UBU = qform(this.B, U);
      d = X.diagonal(UBU, 0, -2, -1);
      nz = nonzero(d);
      if (nz.length !== d._shape[0]) throw assertion('');
    }
    let dCol = S.reshape(E.pow(d, -0.5), [d._shape[0], 1]);
    const DUBUD = E.mul(E.mul(UBU, dCol), mT(dCol));
    let [e, Z] = symeig(DUBUD);
    const t = E.mul(R.amax(E.abs(e)), tau);
    if (drop) {
      const keep = C.tensor(Array.from(E.gt(e, t).dataSync()).map((v, i) => (v ? i : -1)).filter((i) => i >= 0), { dtype: int64 });
      e = S.index_select(e, 0, keep);
      Z = S.index_select(Z, 1, keep);
      dCol = S.index_select(dCol, 0, keep);
    } else {
      e = E.where(E.lt(e, t), t, e);
    }
    return Lm.matmul(E.mul(U, mT(dCol)), E.mul(Z, E.pow(e, -0.5)));
  }

  /** U B-orthonormalized against V and itself (Stathopoulos and Wu): at most i_max·j_max SVQB passes. */
  private ortho(U: Tensor, V: Tensor): Tensor {
    const { m } = this.iparams;
    const { ortho_tol: tauOrtho, ortho_tol_drop: tauDrop, ortho_tol_replace: tauReplace } = this.fparams;
    const { ortho_i_max: iMax, ortho_j_max: jMax } = this.iparams;
    const useDrop = this.bparams.ortho_use_drop;
    for (const key of Object.keys(this.fvars)) if (key.startsWith('ortho_') && key.endsWith('_rerr')) delete this.fvars[key];
    delete this.ivars.ortho_i;
    delete this.ivars.ortho_j;
    const BVnorm = fnorm(mm(this.B, V));
    let BU = mm(this.B, U);
    let VBU = Lm.matmul(mT(V), BU);
    let i = 0;
    let j = 0;
    for (i = 0; i < iMax; i++) {
      U = E.sub(U, Lm.matmul(V, VBU));
      let drop = false;
      let tauSvqb = tauDrop;
      for (j = 0; j < jMax; j++) {
        if (useDrop) {
          U = this.svqb(U, drop, tauSvqb);
          drop = true;
          tauSvqb = tauReplace;
        } else {
          U = this.svqb(U, false, tauReplace);
        }
        if (U.numel() === 0) {
          this.ivars.ortho_i = i;
          this.ivars.ortho_j = j;
          return U;
        }
        BU = mm(this.B, U);
        const UBU = Lm.matmul(mT(U), BU);
        const Unorm = R.norm(U);
        const BUnorm = R.norm(BU);
        const Rm = E.sub(UBU, C.eye(UBU._shape[1]));
        const rerr = fnorm(Rm) * Number(E.mul(BUnorm, Unorm).item()) ** -1;
        this.fvars[`ortho_UBUmI_rerr[${i}, ${j}]`] = rerr;
        if (rerr < tauOrtho) break;
      }
      VBU = Lm.matmul(mT(V), BU);
      const rerr = fnorm(VBU) * (BVnorm * fnorm(U)) ** -1;
      this.fvars[`ortho_VBU_rerr[${i}]`] = rerr;
      if (rerr < tauOrtho) break;
      if (m < U._shape[1] + V._shape[1]) {
        const bCols = this.B ? this.B._shape[1] : m;
        throw new RangeError(`Overdetermined shape of U: #B-cols(=${bCols}) >= #U-cols(=${U._shape[1]}) + #V-cols(=${V._shape[1]}) must hold`);
      }
    }
    // (Python's loop variables keep their last value)
    this.ivars.ortho_i = Math.min(i, iMax - 1);
    this.ivars.ortho_j = Math.min(j, jMax - 1);
    return U;
  }
}

export interface LobpcgOpts {
  k?: number | null; B?: Tensor | null; X?: Tensor | null; n?: number | null; iK?: Tensor | null; niter?: number | null;
  tol?: number | null; largest?: boolean | null; method?: string | null; tracker?: Tracker;
  ortho_iparams?: Params | null; ortho_fparams?: Params | null; ortho_bparams?: BParams | null;
}
const NAMES = ['k', 'B', 'X', 'n', 'iK', 'niter', 'tol', 'largest', 'method', 'tracker', 'ortho_iparams', 'ortho_fparams',
  'ortho_bparams'] as const;

/** PyTorch's _lobpcg: the eigenpairs, no graph. */
function lobpcgRaw(A: Tensor, o: Required<LobpcgOpts>): [Tensor, Tensor] {
  const a = A._shape;
  if (a[a.length - 2] !== a[a.length - 1]) throw assertion(sizeStr(a));
  if (o.B && !sameShape(A._shape, o.B._shape)) throw assertion(`(${sizeStr(a)}, ${sizeStr(o.B._shape)})`);
  const tol = o.tol ?? 1.2e-07 ** 0.5;
  const m = a[a.length - 1];
  const k = o.k ?? (o.X ? o.X._shape[o.X._shape.length - 1] : 1);
  const n = o.X ? o.X._shape[o.X._shape.length - 1] : (o.n ?? k);
  if (m < 3 * n) {
    throw new RangeError(`LPBPCG algorithm is not applicable when the number of A rows (=${m}) is smaller than 3 x the number of ` +
      `requested eigenpairs (=${n})`);
  }
  const method = o.method ?? 'ortho';
  const iparams: Params = { m, n, k, niter: o.niter ?? 1000 };
  const fparams: Params = { tol };
  const bparams: BParams = { largest: o.largest ?? true };
  if (method === 'ortho') {
    Object.assign(iparams, o.ortho_iparams ?? {});
    Object.assign(fparams, o.ortho_fparams ?? {});
    Object.assign(bparams, o.ortho_bparams ?? {});
    iparams.ortho_i_max ??= 3;
    iparams.ortho_j_max ??= 3;
    fparams.ortho_tol ??= tol;
    fparams.ortho_tol_drop ??= tol;
    fparams.ortho_tol_replace ??= tol;
    bparams.ortho_use_drop ??= false;
  }
  const solve1 = (A_: Tensor, B_: Tensor | null, X_: Tensor): [Tensor, Tensor] => {
    if (X_._shape.length !== 2 || X_._shape[0] !== m || X_._shape[1] !== n) {
      throw assertion(`(${sizeStr(X_._shape)}, (${m}, ${n}))`);
    }
    // the worker writes into X in place: a copy keeps the caller's X as it was
    const w = new LOBPCG(A_, B_, E.clone(X_), o.iK, { ...iparams }, { ...fparams }, { ...bparams }, method, o.tracker);
    w.run();
    return [S.narrow(w.E, 0, 0, k), cols(w.X, 0, k)];
  };
  if (a.length > 2) {
    const batch = a.slice(0, -2);
    const N = batch.reduce((x, y) => x * y, 1);
    const bA = S.reshape(A, [N, m, m]);
    const bB = o.B ? S.reshape(o.B, [N, m, m]) : null;
    const bX = o.X ? S.reshape(o.X, [N, ...o.X._shape.slice(-2)]) : null;
    const Es: Tensor[] = [];
    const Xs: Tensor[] = [];
    for (let i = 0; i < N; i++) {
      const X_ = bX ? S.select(bX, 0, i) : C.randn(m, n);
      iparams.batch_index = i;
      const [e, x] = solve1(S.select(bA, 0, i), bB ? S.select(bB, 0, i) : null, X_);
      Es.push(e);
      Xs.push(x);
    }
    return [S.reshape(S.stack(Es), [...batch, k]), S.reshape(S.stack(Xs), [...batch, m, k])];
  }
  return solve1(A, o.B, o.X ?? C.randn(m, n));
}

// ---------------------------------------------------------------- backward (LOBPCGAutogradFunction)

/** U·(diag(gD) + (Uᵀ·gU)∘F)·Uᵀ, F_ij = 1/(D_j - D_i) off the diagonal, 0 on it. */
function symeigBackwardComplete(gD: Tensor, gU: Tensor, D: Tensor, U: Tensor): Tensor {
  let F = E.sub(S.unsqueeze(D, -2), S.unsqueeze(D, -1));
  F = E.pow(E.add(F, X.diag_embed(E.filled(D._shape.slice(), float32, Infinity))), -1);
  const Ut = mT(U).contiguous();
  return Lm.matmul(U, Lm.matmul(E.add(X.diag_embed(gD), E.mul(Lm.matmul(Ut, gU), F)), Ut));
}

/** The coefficients (highest power last) of ∏(x - rootᵢ), as _polynomial_coefficients_given_roots. */
function polyFromRoots(roots: Tensor): Tensor {
  const order = roots._shape[roots._shape.length - 1];
  const lead = roots._shape.slice(0, -1);
  const one = E.filled([...lead, 1], float32, 1);
  let p = S.cat([one, E.filled([...lead, order], float32, 0), one], -1);
  for (let i = 1; i <= order; i++) {
    const lo = order - i;
    const rhs = E.mul(S.narrow(roots, -1, i - 1, 1), S.narrow(p, -1, lo + 1, i + 1));
    const out = E.sub(S.narrow(p, -1, lo, i + 1), rhs);
    p = S.cat([S.narrow(p, -1, 0, lo), out, S.narrow(p, -1, order + 1, 1)], -1);
  }
  return S.narrow(p, -1, 1, order + 1);
}

/** Σ poly_k·x^k at the eigenvalues x (Horner, as _vector_polynomial_value). */
function vectorPolyValue(poly: Tensor, x: Tensor): Tensor {
  let res = E.filled(x._shape.slice(), float32, 1);
  for (let k = poly._shape[poly._shape.length - 1] - 2; k >= 0; k--) res = E.addcmul(S.unsqueeze(S.select(poly, -1, k), -1), x, res);
  return res;
}

/** Σ poly_k·x^k for a matrix x (Horner, as _matrix_polynomial_value). */
function matrixPolyValue(poly: Tensor, x: Tensor): Tensor {
  const n = x._shape[x._shape.length - 1];
  let res = C.eye(n);
  for (let k = poly._shape[poly._shape.length - 1] - 2; k >= 0; k--) {
    res = E.add(Lm.matmul(x, res), X.diag_embed(S.expand(S.unsqueeze(S.select(poly, -1, k), -1), [...poly._shape.slice(0, -1), n])));
  }
  return res;
}

/** PyTorch's _symeig_backward_partial_eigenspace: the k eigenpairs' gradient, through A's orthogonal complement. */
function symeigBackwardPartial(gD: Tensor, gU: Tensor, A: Tensor, D: Tensor, U: Tensor, largest: boolean): Tensor {
  const Ut = mT(U).contiguous();
  const proj = E.add(E.neg(Lm.matmul(U, Ut)), C.eye(U._shape[U._shape.length - 2]));
  const gen = new C.Generator();
  const rnd = C.randn([...A._shape.slice(0, -1), A._shape[A._shape.length - 1] - D._shape[D._shape.length - 1]], { generator: gen });
  const Uo = Lm.matmul(proj, rnd);
  const UoT = mT(Uo).contiguous();
  const chr = polyFromRoots(D);
  let gUp = gU;
  let series = E.filled(gU._shape.slice(), float32, 0);
  const deg = chr._shape[chr._shape.length - 1];
  let k = 0;
  for (k = 1; k < deg; k++) {
    const polyD = vectorPolyValue(S.narrow(chr, -1, k, deg - k), D);
    series = E.add(series, E.mul(gUp, S.unsqueeze(polyD, -2)));
    gUp = Lm.matmul(A, gUp);
  }
  k = deg - 1;
  const atA = matrixPolyValue(chr, A);
  const toUo = Lm.matmul(UoT, Lm.matmul(atA, Uo));
  const sign = largest && k % 2 === 1 ? -1 : 1;
  const Lc = cholesky(E.mul(toUo, sign));
  const res = symeigBackwardComplete(gD, gU, D, U);
  return E.sub(res, Lm.matmul(Lm.matmul(Uo, E.mul(cholesky_solve(Lm.matmul(UoT, series), Lc), sign)), Ut));
}

function symeigBackward(gD: Tensor, gU: Tensor, A: Tensor, D: Tensor, U: Tensor, largest: boolean): Tensor {
  if (U._shape[U._shape.length - 1] === U._shape[U._shape.length - 2]) return symeigBackwardComplete(gD, gU, D, U);
  return symeigBackwardPartial(gD, gU, A, D, U, largest);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

type LobpcgArgs = [k?: number | null | LobpcgOpts, B?: Tensor | null | LobpcgOpts, X?: Tensor | null | LobpcgOpts,
  n?: number | null | LobpcgOpts, iK?: Tensor | null | LobpcgOpts, niter?: number | null | LobpcgOpts, tol?: number | null | LobpcgOpts,
  largest?: boolean | null | LobpcgOpts, method?: string | null | LobpcgOpts, tracker?: Tracker | LobpcgOpts,
  ortho_iparams?: Params | null | LobpcgOpts, ortho_fparams?: Params | null | LobpcgOpts, ortho_bparams?: BParams | null | LobpcgOpts,
  opts?: LobpcgOpts];

/**
 * The k largest (largest: false, smallest) eigenpairs of a symmetric positive definite A, or of the generalized
 * problem A·x = λ·B·x, by LOBPCG: `torch.lobpcg(A, k=None, B=None, X=None, n=None, iK=None, niter=None,
 * tol=None, largest=None, method=None, tracker=None, ...)` → (E, X). The starting block X is drawn from the
 * global generator unless given; iK is a preconditioner (basic method). Differentiable in A (B = identity).
 */
export function lobpcg(A: Tensor, ...args: LobpcgArgs): [Tensor, Tensor] {
  const defaults = Object.fromEntries(NAMES.map((k) => [k, null]));
  const o = bind('lobpcg', NAMES as unknown as string[], [], defaults, args, 1, true) as Required<LobpcgOpts>;
  return scoped(() => {
    if (A.requires_grad || (o.B?.requires_grad ?? false)) {
      const Asym = E.div(E.add(A, mT(A)), 2);
      const Bsym = o.B ? E.div(E.add(o.B, mT(o.B)), 2) : null;
      const [D, U] = no_grad(() => lobpcgRaw(Asym.contiguous(), { ...o, B: Bsym ? Bsym.contiguous() : null }));
      const largest = o.largest ?? true;
      const inputs = Bsym ? [Asym, Bsym] : [Asym];
      const withB = Bsym !== null;
      const rule = (gD: Tensor | null, gU: Tensor | null, a: Tensor, d: Tensor, u: Tensor) => {
        if (withB) throw new RangeError('lobpcg.backward does not support backward with B != I yet.');
        return [symeigBackward(gD ?? E.filled(d._shape.slice(), float32, 0), gU ?? E.filled(u._shape.slice(), float32, 0), a, d, u, largest), null];
      };
      record('LOBPCGAutogradFunctionBackward', D, inputs, [Asym, D, U], (g, [a, d, u]) => rule(g, null, a, d, u));
      record('LOBPCGAutogradFunctionBackward', U, inputs, [Asym, D, U], (g, [a, d, u]) => rule(null, g, a, d, u));
      return [D, U] as [Tensor, Tensor];
    }
    return lobpcgRaw(A, o);
  }, 'the end of lobpcg() (an internal temporary)');
}
