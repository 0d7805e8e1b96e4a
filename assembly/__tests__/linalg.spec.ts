// The factorization kernels of assembly/linalg.ts on small exact cases: LU's pivots, factors and
// singular detection (in getf2's f32 order), det/slogdet, solves with M and Mᵀ, Cholesky and its
// failing minor, triangular solves, QR with LAPACK's signs, eigh and the SVD (values, orthogonality,
// reconstruction, rank-deficient and wide inputs); rectangular LU and its permutation matrices, geqrf /
// orgqr / ormqr, and the Bunch-Kaufman LDLᵀ with its solve.
import {
  lu_f32, lu_solve_f32, lu_det_f32, lu_slogdet_f32, cholesky_f32, trsm_f32, qr_f32, qr_work, eigh_f32, eigh_work,
  svd_f32, svd_work, lu_rect_f32, lu_perm_f32, geqrf_f32, orgqr_f32, ormqr_f32, reflectors_work, ldl_f32, ldl_work,
  ldl_pivots_check, ldl_solve_f32,
} from "../linalg";

function buf(n: i32): usize { return heap.alloc(<usize>(n * 8) + 16); }
function put(p: usize, v: f32[]): usize {
  for (let i = 0; i < v.length; i++) store<f32>(p + (<usize>i << 2), v[i]);
  return p;
}
function mat(v: f32[]): usize { return put(buf(v.length), v); }
@inline function f(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
@inline function gi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
function near(a: f32, b: f32, tol: f32 = 1e-6): bool { return Mathf.abs(a - b) <= tol * (1 + Mathf.abs(b)); }

/** max |(X·Yᵀ or X·Y) - Z| over an r×c result: X r×k, Y k×c (row-major). */
function prodErr(x: usize, y: usize, z: usize, r: i32, k: i32, c: i32): f32 {
  let e: f32 = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let s: f64 = 0;
      for (let t = 0; t < k; t++) s += <f64>f(x, i * k + t) * <f64>f(y, t * c + j);
      e = Mathf.max(e, Mathf.abs(<f32>s - f(z, i * c + j)));
    }
  }
  return e;
}

/** max |Xᵀ·X - I| for X r×c. */
function orthoErr(x: usize, r: i32, c: i32): f32 {
  let e: f32 = 0;
  for (let i = 0; i < c; i++) {
    for (let j = 0; j < c; j++) {
      let s: f64 = 0;
      for (let t = 0; t < r; t++) s += <f64>f(x, t * c + i) * <f64>f(x, t * c + j);
      e = Mathf.max(e, Mathf.abs(<f32>s - (i == j ? 1 : 0)));
    }
  }
  return e;
}

describe("lu_f32", () => {
  it("pivots on the first largest |value| and scales by the pivot's reciprocal", () => {
    const a = mat([1, 2, 3, 4]);
    const piv = buf(2);
    const info = buf(1);
    lu_f32(a, piv, info, 1, 2);
    expect<i32>(gi(piv, 0)).toBe(2);
    expect<i32>(gi(piv, 1)).toBe(2);
    expect<i32>(gi(info, 0)).toBe(0);
    const l: f32 = <f32>1 * (<f32>1 / <f32>3);
    expect<f32>(f(a, 0)).toBe(3);
    expect<f32>(f(a, 1)).toBe(4);
    expect<f32>(f(a, 2)).toBe(l);
    expect<f32>(f(a, 3)).toBe(<f32>2 - l * <f32>4);
    // ties: the first of equal |values| is the pivot
    const t = mat([-2, 1, 2, 5]);
    lu_f32(t, piv, info, 1, 2);
    expect<i32>(gi(piv, 0)).toBe(1);
  });
  it("reports the first exactly zero pivot of 1..9 and of a zero column, batched", () => {
    const a = mat([1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 0, 3, 4, 0, 5, 6]);
    const piv = buf(6);
    const info = buf(2);
    lu_f32(a, piv, info, 2, 3);
    expect<i32>(gi(info, 0)).toBe(3);
    expect<f32>(f(a, 8)).toBe(0);
    expect<i32>(gi(info, 1)).toBe(1);
    expect<i32>(gi(piv, 0)).toBe(3);
  });
  it("det and slogdet from the factors", () => {
    const a = mat([2, 1, 0, 1, 3, 1, 0, 1, 4, 1, 2, 2, 4]);
    const piv = buf(5);
    const info = buf(2);
    lu_f32(a, piv, info, 1, 3);
    const d = buf(1);
    lu_det_f32(d, a, piv, 1, 3);
    expect<bool>(near(f(d, 0), 18)).toBe(true);
    const b = mat([1, 2, 2, 4]);
    lu_f32(b, piv, info, 1, 2);
    lu_det_f32(d, b, piv, 1, 2);
    expect<f32>(f(d, 0)).toBe(0);
    const s = buf(1);
    const l = buf(1);
    lu_slogdet_f32(s, l, b, piv, 1, 2);
    expect<f32>(f(s, 0)).toBe(-0); // det(P) = -1 times 0, as PyTorch
    expect<bool>(1 / f(s, 0) < 0).toBe(true);
    expect<f32>(f(l, 0)).toBe(-Infinity);
    const c = mat([0, 1, 1, 0]);
    lu_f32(c, piv, info, 1, 2);
    lu_slogdet_f32(s, l, c, piv, 1, 2);
    expect<f32>(f(s, 0)).toBe(-1);
    expect<f32>(f(l, 0)).toBe(0);
  });
  it("solves M·X = B and Mᵀ·X = B", () => {
    const m = mat([2, 1, 1, 1, 3, 2, 1, 0, 0]);
    const piv = buf(3);
    const info = buf(1);
    lu_f32(m, piv, info, 1, 3);
    const work = buf(6);
    // M·x = [4, 5, 6] → x = [6, 15, -23]; Mᵀ·x = [4, 5, 6] → x = [1, 9/5, -7/5]... checked by residual
    const b = mat([4, 1, 5, 2, 6, 3]);
    lu_solve_f32(m, piv, b, 1, 3, 2, 0, work);
    const orig = mat([2, 1, 1, 1, 3, 2, 1, 0, 0]);
    const rhs = mat([4, 1, 5, 2, 6, 3]);
    expect<bool>(prodErr(orig, b, rhs, 3, 3, 2) < 1e-5).toBe(true);
    expect<bool>(near(f(b, 0), 6)).toBe(true);
    const bt = mat([4, 5, 6]);
    lu_solve_f32(m, piv, bt, 1, 3, 1, 1, work);
    const ot = mat([2, 1, 1, 1, 3, 0, 1, 2, 0]);
    expect<bool>(prodErr(ot, bt, mat([4, 5, 6]), 3, 3, 1) < 1e-5).toBe(true);
  });
});

describe("cholesky_f32", () => {
  it("factors from the lower triangle and zeroes the upper", () => {
    const a = mat([4, 99, 2, 3]);
    const info = buf(1);
    cholesky_f32(a, info, 1, 2);
    expect<i32>(gi(info, 0)).toBe(0);
    expect<f32>(f(a, 0)).toBe(2);
    expect<f32>(f(a, 1)).toBe(0);
    expect<f32>(f(a, 2)).toBe(1);
    expect<f32>(f(a, 3)).toBe(Mathf.sqrt(2));
  });
  it("names the first leading minor that is not positive-definite", () => {
    const a = mat([1, 0, 0, 2, 1, 0, 0, 0, 1, 1, 2, 2, 4, 0, 0, 0]);
    const info = buf(2);
    cholesky_f32(a, info, 1, 3);
    expect<i32>(gi(info, 0)).toBe(2);
    const b = mat([1, 2, 2, 4]);
    cholesky_f32(b, info, 1, 2);
    expect<i32>(gi(info, 0)).toBe(2);
    const c = mat([-1, 0, 0, 1]);
    cholesky_f32(c, info, 1, 2);
    expect<i32>(gi(info, 0)).toBe(1);
  });
});

describe("trsm_f32", () => {
  it("solves upper, lower and unit-diagonal systems, reading only their triangle", () => {
    const work = buf(4);
    const up = mat([2, 1, 7, 4]);
    const b = mat([5, 8]);
    trsm_f32(up, b, 1, 2, 1, 1, 0, work);
    expect<f32>(f(b, 0)).toBe(1.5);
    expect<f32>(f(b, 1)).toBe(2);
    const lo = mat([2, 7, 1, 4]);
    const c = mat([4, 6]);
    trsm_f32(lo, c, 1, 2, 1, 0, 0, work);
    expect<f32>(f(c, 0)).toBe(2);
    expect<f32>(f(c, 1)).toBe(1);
    const d = mat([4, 6]);
    trsm_f32(lo, d, 1, 2, 1, 0, 1, work);
    expect<f32>(f(d, 0)).toBe(4);
    expect<f32>(f(d, 1)).toBe(2);
    const z = mat([0, 1, 0, 1]);
    const e = mat([1, 1]);
    trsm_f32(z, e, 1, 2, 1, 1, 0, work);
    expect<bool>(!isFinite(f(e, 0))).toBe(true);
  });
});

describe("qr_f32", () => {
  it("takes LAPACK's signs: beta = -sign(alpha)·norm, no reflection for a zero column below", () => {
    const a = mat([3, 4]);
    const q = buf(4);
    const r = buf(2);
    const w = buf(qr_work(2, 1) / 8);
    qr_f32(q, r, a, 1, 2, 1, 0, w);
    expect<f32>(f(r, 0)).toBe(-5);
    expect<bool>(near(f(q, 0), -0.6)).toBe(true);
    expect<bool>(near(f(q, 1), -0.8)).toBe(true);
    const t = mat([-2, 1, 0, 3]);
    const q2 = buf(4);
    const r2 = buf(4);
    qr_f32(q2, r2, t, 1, 2, 2, 0, buf(qr_work(2, 2) / 8));
    expect<f32>(f(r2, 0)).toBe(-2);
    expect<f32>(f(r2, 3)).toBe(3);
    expect<f32>(f(q2, 0)).toBe(1);
    expect<f32>(f(q2, 3)).toBe(1);
  });
  it("reduced, complete and r modes reconstruct A with orthonormal Q", () => {
    const src: f32[] = [1, 2, 3, -1, 0, 2, 4, 1, 1, 2, -3, 5];
    const a = mat(src);
    const w = buf(qr_work(4, 3) / 8);
    const q = buf(16);
    const r = buf(12);
    qr_f32(q, r, a, 1, 4, 3, 0, w);
    expect<bool>(prodErr(q, r, a, 4, 3, 3) < 1e-5).toBe(true);
    expect<bool>(orthoErr(q, 4, 3) < 1e-6).toBe(true);
    expect<f32>(f(r, 3)).toBe(0);
    qr_f32(q, r, a, 1, 4, 3, 1, w);
    expect<bool>(prodErr(q, r, a, 4, 4, 3) < 1e-5).toBe(true);
    expect<bool>(orthoErr(q, 4, 4) < 1e-6).toBe(true);
    const rr = buf(9);
    qr_f32(0, rr, a, 1, 4, 3, 2, w);
    expect<f32>(f(rr, 0)).toBe(f(r, 0));
    // wide: R is 3×4 upper trapezoidal
    const b = mat(src);
    const w2 = buf(qr_work(3, 4) / 8);
    const q3 = buf(9);
    const r3 = buf(12);
    qr_f32(q3, r3, b, 1, 3, 4, 0, w2);
    expect<bool>(prodErr(q3, r3, b, 3, 3, 4) < 1e-5).toBe(true);
    expect<bool>(orthoErr(q3, 3, 3) < 1e-6).toBe(true);
  });
});

describe("eigh_f32", () => {
  it("ascending eigenvalues, orthonormal eigenvectors, lower triangle only", () => {
    const a = mat([2, 99, 1, 2]);
    const w = buf(2);
    const v = buf(4);
    eigh_f32(w, v, a, 1, 2, 1, buf(eigh_work(2) / 8));
    expect<bool>(near(f(w, 0), 1)).toBe(true);
    expect<bool>(near(f(w, 1), 3)).toBe(true);
    expect<bool>(near(Mathf.abs(f(v, 0)), Mathf.sqrt(0.5))).toBe(true);
    expect<bool>(near(f(v, 0) * f(v, 2), -0.5)).toBe(true);
    expect<bool>(orthoErr(v, 2, 2) < 1e-6).toBe(true);
  });
  it("A·V = V·Λ for a 5×5 matrix with a repeated eigenvalue, and NaN in gives NaN out", () => {
    // 2I + ones: eigenvalues 2 (four times) and 7
    const vals: f32[] = [];
    for (let i = 0; i < 25; i++) vals.push(i % 6 == 0 ? 3 : 1);
    const a = mat(vals);
    const w = buf(5);
    const v = buf(25);
    eigh_f32(w, v, a, 1, 5, 1, buf(eigh_work(5) / 8));
    for (let i = 0; i < 4; i++) expect<bool>(near(f(w, i), 2)).toBe(true);
    expect<bool>(near(f(w, 4), 7)).toBe(true);
    expect<bool>(orthoErr(v, 5, 5) < 1e-6).toBe(true);
    const vl = buf(25);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) store<f32>(vl + (<usize>(i * 5 + j) << 2), f(v, i * 5 + j) * f(w, j));
    expect<bool>(prodErr(a, v, vl, 5, 5, 5) < 1e-5).toBe(true);
    const n = mat([1, 0, NaN, 1]);
    eigh_f32(w, v, n, 1, 2, 1, buf(eigh_work(2) / 8));
    expect<bool>(isNaN(f(w, 0))).toBe(true);
  });
});

describe("svd_f32", () => {
  it("singular values of a 2×2, descending, and U·S·Vh = A", () => {
    const a = mat([3, 0, 4, 5]);
    const u = buf(4);
    const s = buf(2);
    const vh = buf(4);
    svd_f32(u, s, vh, a, 1, 2, 2, 0, 1, buf(svd_work(2, 2) / 8));
    expect<bool>(near(f(s, 0), Mathf.sqrt(45))).toBe(true);
    expect<bool>(near(f(s, 1), Mathf.sqrt(5))).toBe(true);
    const us = buf(4);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) store<f32>(us + (<usize>(i * 2 + j) << 2), f(u, i * 2 + j) * f(s, j));
    expect<bool>(prodErr(us, vh, a, 2, 2, 2) < 1e-5).toBe(true);
  });
  it("tall, wide, full and rank-deficient inputs give orthonormal factors", () => {
    const src: f32[] = [1, 2, 2, 4, 3, 6, -1, -2, 0, 0];
    // 5×2 of rank 1
    const a = mat(src);
    const u = buf(25);
    const s = buf(2);
    const vh = buf(4);
    svd_f32(u, s, vh, a, 1, 5, 2, 1, 1, buf(svd_work(5, 2) / 8));
    expect<bool>(near(f(s, 0), Mathf.sqrt(75))).toBe(true);
    expect<bool>(f(s, 1) < 1e-5).toBe(true);
    expect<bool>(orthoErr(u, 5, 5) < 1e-5).toBe(true);
    expect<bool>(orthoErr(vh, 2, 2) < 1e-5).toBe(true);
    // 2×5 (its transpose): U 2×2, Vh 5×5 in full mode, 2×5 reduced
    const b: f32[] = [];
    for (let j = 0; j < 5; j++) b.push(src[2 * j]);
    for (let j = 0; j < 5; j++) b.push(src[2 * j + 1] + (j == 4 ? 1 : 0));
    const bt = mat(b);
    const u2 = buf(4);
    const vh2 = buf(10);
    svd_f32(u2, s, vh2, bt, 1, 2, 5, 0, 1, buf(svd_work(2, 5) / 8));
    const us = buf(4);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) store<f32>(us + (<usize>(i * 2 + j) << 2), f(u2, i * 2 + j) * f(s, j));
    expect<bool>(prodErr(us, vh2, bt, 2, 2, 5) < 1e-5).toBe(true);
    expect<bool>(f(s, 0) >= f(s, 1)).toBe(true);
    const vh3 = buf(25);
    svd_f32(u2, s, vh3, bt, 1, 2, 5, 1, 1, buf(svd_work(2, 5) / 8));
    expect<bool>(orthoErr(vh3, 5, 5) < 1e-5).toBe(true);
    // zeros: every singular value 0, U and Vh still orthonormal
    const z = mat([0, 0, 0, 0, 0, 0]);
    const u3 = buf(9);
    const vh4 = buf(4);
    svd_f32(u3, s, vh4, z, 1, 3, 2, 1, 1, buf(svd_work(3, 2) / 8));
    expect<f32>(f(s, 0)).toBe(0);
    expect<bool>(orthoErr(u3, 3, 3) < 1e-6).toBe(true);
    expect<bool>(orthoErr(vh4, 2, 2) < 1e-6).toBe(true);
  });
});

describe("lu_rect_f32 and lu_perm_f32", () => {
  it("factors a tall matrix (pivots on the column's largest |value|) and a wide one, as the square kernel does", () => {
    const t = mat([1, 2, 3, 4, 5, 6]); // 3×2
    const piv = buf(2);
    const info = buf(1);
    lu_rect_f32(t, piv, info, 1, 3, 2);
    expect<i32>(gi(piv, 0)).toBe(3);
    expect<i32>(gi(piv, 1)).toBe(3);
    expect<i32>(gi(info, 0)).toBe(0);
    expect<f32>(f(t, 0)).toBe(5);
    expect<f32>(f(t, 1)).toBe(6);
    // P·L·U = A: perm [2, 0, 1] after the swaps 0↔2, 1↔2
    const p = buf(9);
    const w = buf(3);
    lu_perm_f32(p, piv, 1, 3, 2, 2, 0, w);
    expect<f32>(f(p, 2 * 3 + 0)).toBe(1);
    expect<f32>(f(p, 0 * 3 + 1)).toBe(1);
    expect<f32>(f(p, 1 * 3 + 2)).toBe(1);
    const wide = mat([2, 1, 3, 4, 1, 0]); // 2×3
    lu_rect_f32(wide, piv, info, 1, 2, 3);
    expect<i32>(gi(piv, 0)).toBe(2);
    expect<f32>(f(wide, 0)).toBe(4);
    expect<f32>(f(wide, 3)).toBe(<f32>0.5);
    expect<f32>(f(wide, 5)).toBe(<f32>3 - <f32>0.5 * 0);
    const sq = mat([1, 2, 3, 4, 5, 6, 7, 8, 10]);
    const sq2 = mat([1, 2, 3, 4, 5, 6, 7, 8, 10]);
    const p1 = buf(3);
    const p2 = buf(3);
    lu_f32(sq, p1, info, 1, 3);
    lu_rect_f32(sq2, p2, info, 1, 3, 3);
    for (let i = 0; i < 9; i++) expect<f32>(f(sq, i)).toBe(f(sq2, i));
  });
});

describe("geqrf_f32, orgqr_f32, ormqr_f32", () => {
  it("Q·R = A with Q orthonormal, and ormqr multiplies by Q and Qᵀ", () => {
    const m = 4;
    const n = 3;
    const a = mat([2, -1, 0, 1, 3, 1, 0, 1, 4, 1, 0, -2]);
    const out = buf(m * n);
    const tau = buf(n);
    const work = buf(reflectors_work(m, n, m) / 8 + 1);
    geqrf_f32(out, tau, a, 1, m, n, work);
    const q = buf(m * n);
    orgqr_f32(q, out, tau, 1, m, n, n, work);
    expect<bool>(orthoErr(q, m, n) < 1e-6).toBe(true);
    const r = buf(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) store<f32>(r + (<usize>(i * n + j) << 2), j >= i ? f(out, i * n + j) : 0);
    expect<bool>(prodErr(q, r, a, m, n, n) < 1e-5).toBe(true);
    // ormqr: Qᵀ·A is R stacked on zeros
    const c = mat([2, -1, 0, 1, 3, 1, 0, 1, 4, 1, 0, -2]);
    ormqr_f32(c, out, tau, 1, m, n, n, n, 1, work);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) expect<bool>(Mathf.abs(f(c, i * n + j) - (i < n ? f(r, i * n + j) : 0)) < 1e-5).toBe(true);
    }
    // and Q·(Qᵀ·A) = A
    ormqr_f32(c, out, tau, 1, m, n, n, n, 0, work);
    for (let i = 0; i < m * n; i++) expect<bool>(Mathf.abs(f(c, i) - f(a, i)) < 1e-5).toBe(true);
  });
});

describe("ldl_f32, ldl_pivots_check, ldl_solve_f32", () => {
  it("takes a 2×2 block where the diagonal is zero (LAPACK's pivots and factors)", () => {
    const a = mat([0, 1, 2, 1, 0, 3, 2, 3, 0]);
    const piv = buf(3);
    const info = buf(1);
    const work = buf(ldl_work(3, 2) / 8 + 1);
    ldl_f32(a, piv, info, 1, 3, work);
    expect<i32>(gi(piv, 0)).toBe(-3);
    expect<i32>(gi(piv, 1)).toBe(-3);
    expect<i32>(gi(piv, 2)).toBe(3);
    expect<i32>(gi(info, 0)).toBe(0);
    const want: f32[] = [0, 0, 0, 2, 0, 0, 1.5, 0.5, -3];
    for (let i = 0; i < 9; i++) expect<f32>(f(a, i)).toBe(want[i]);
    expect<i32>(ldl_pivots_check(piv, 1, 3)).toBe(-1);
    // solves: A·x = b for b = A·[1, 2, 3] = [8, 10, 8]
    const b = mat([8, 10, 8]);
    ldl_solve_f32(a, piv, b, 1, 3, 1, work);
    expect<bool>(near(f(b, 0), 1) && near(f(b, 1), 2) && near(f(b, 2), 3)).toBe(true);
  });
  it("1×1 pivots for a positive definite matrix; info names a zero block", () => {
    const a = mat([4, 0, 2, 5]);
    const piv = buf(2);
    const info = buf(1);
    const work = buf(ldl_work(2, 1) / 8 + 1);
    ldl_f32(a, piv, info, 1, 2, work);
    expect<i32>(gi(piv, 0)).toBe(1);
    expect<i32>(gi(piv, 1)).toBe(2);
    expect<f32>(f(a, 2)).toBe(<f32>0.5);
    expect<f32>(f(a, 3)).toBe(4);
    const z = mat([0, 0, 0, 0]);
    ldl_f32(z, piv, info, 1, 2, work);
    expect<i32>(gi(info, 0)).toBe(1);
  });
  it("finds pivots ldl_solve cannot follow", () => {
    const bad = buf(3);
    store<i32>(bad, 1); store<i32>(bad + 4, -3); store<i32>(bad + 8, -3);
    expect<i32>(ldl_pivots_check(bad, 1, 3)).toBe(-1);
    store<i32>(bad + 8, 3);
    expect<i32>(ldl_pivots_check(bad, 1, 3)).toBe(1);
    store<i32>(bad, 0);
    expect<i32>(ldl_pivots_check(bad, 1, 3)).toBe(0);
    store<i32>(bad, 4);
    expect<i32>(ldl_pivots_check(bad, 1, 3)).toBe(0);
  });
});
