// Dense factorizations for torch.linalg: LU with partial pivoting, Cholesky, triangular solves,
// Householder QR, the symmetric eigensolver and the SVD. Every matrix is contiguous row-major
// f32, `batch` of them back to back; the TypeScript side checks shapes and allocates outputs and
// the f64 `work` blocks (src/ops/decomp.ts says how large).
//
// LU and Cholesky run in f32 in the operation order of the LAPACK PyTorch 1.13 uses on the CPU
// (OpenBLAS getf2/potf2: left-looking, dot products summed in order, the pivot column scaled by the
// pivot's reciprocal), so that small matrices factor to PyTorch's bits and a singular or indefinite
// matrix is detected where PyTorch detects it. Solves, QR, eigh and the SVD compute in f64 and round
// once.

// ---------------------------------------------------------------- helpers
@inline function lf(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
@inline function sf(p: usize, i: i32, v: f32): void { store<f32>(p + (<usize>i << 2), v); }
@inline function li(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
@inline function si(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }
@inline function ld(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
@inline function sd(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }

/** sqrt(a² + b²) without overflow or underflow. */
function hypot2(a: f64, b: f64): f64 {
  a = Math.abs(a);
  b = Math.abs(b);
  if (a < b) { const t = a; a = b; b = t; }
  if (a == 0) return b;
  const r = b / a;
  return a * Math.sqrt(1 + r * r);
}

// ---------------------------------------------------------------- LU

/**
 * LU with partial pivoting, in place: each n×n matrix M of `a` becomes L\U with P·M = L·U (L unit
 * lower, below the diagonal; U on and above it). piv[j] is the 1-based row swapped with row j (LAPACK's
 * ipiv; the pivot is the first largest |value|); info is 0, or the 1-based index of the first exactly
 * zero pivot (the factorization goes on past it, as getrf's does).
 */
export function lu_f32(a: usize, piv: usize, info: usize, batch: i32, n: i32): void {
  lu_rect_f32(a, piv, info, batch, n, n);
}

/**
 * lu_f32 for m×n matrices (getf2 on a rectangle): k = min(m, n) pivots per matrix (piv holds k i32), L
 * m×k unit lower and U k×n in place. Column j gets the swaps of the pivots before it, then U's part by
 * forward substitution (rows above min(j, m)) and the rest by dot products with L's first j columns.
 */
export function lu_rect_f32(a: usize, piv: usize, info: usize, batch: i32, m: i32, n: i32): void {
  const k = m < n ? m : n;
  for (let b = 0; b < batch; b++) {
    const mt = a + (<usize>(b * m * n) << 2);
    const pv = piv + (<usize>(b * k) << 2);
    let inf = 0;
    for (let j = 0; j < n; j++) {
      // column j gets the earlier row swaps
      const js = j < m ? j : m;
      for (let i = 0; i < js; i++) {
        const ip = li(pv, i) - 1;
        if (ip != i) {
          const t = lf(mt, i * n + j);
          sf(mt, i * n + j, lf(mt, ip * n + j));
          sf(mt, ip * n + j, t);
        }
      }
      // U's column: M[i, j] -= L[i, :i]·U[:i, j] (i < j), then the rest: M[i, j] -= L[i, :j]·U[:j, j]
      for (let i = 1; i < m; i++) {
        const len = i < j ? i : j;
        if (len == 0) continue;
        let s: f32 = 0;
        for (let q = 0; q < len; q++) s += lf(mt, i * n + q) * lf(mt, q * n + j);
        sf(mt, i * n + j, lf(mt, i * n + j) - s);
      }
      if (j >= m) continue;
      let jp = j;
      let best = Mathf.abs(lf(mt, j * n + j));
      for (let i = j + 1; i < m; i++) {
        const v = Mathf.abs(lf(mt, i * n + j));
        if (v > best) { best = v; jp = i; }
      }
      si(pv, j, jp + 1);
      const p = lf(mt, jp * n + j);
      if (p != 0) {
        if (jp != j) {
          for (let q = 0; q <= j; q++) {
            const t = lf(mt, j * n + q);
            sf(mt, j * n + q, lf(mt, jp * n + q));
            sf(mt, jp * n + q, t);
          }
        }
        const r: f32 = 1 / p;
        for (let i = j + 1; i < m; i++) sf(mt, i * n + j, lf(mt, i * n + j) * r);
      } else if (inf == 0) {
        inf = j + 1;
      }
    }
    si(info, b, inf);
  }
}

/**
 * The permutation matrices P (m×m, A = P·L·U) of LAPACK's pivots (np per matrix, the first min(np, k)
 * applied, each in [1, m]: the caller checks): perm starts as 0..m-1, row i is swapped with row
 * piv[i] - 1 in order, then P[perm[j], j] = 1. asInt: P holds i32 ones (int64 LU) instead of f32.
 * `work` holds m i32.
 */
export function lu_perm_f32(p: usize, piv: usize, batch: i32, m: i32, np: i32, k: i32, asInt: i32, work: usize): void {
  const use = np < k ? np : k;
  for (let b = 0; b < batch; b++) {
    const pv = piv + (<usize>(b * np) << 2);
    for (let i = 0; i < m; i++) si(work, i, i);
    for (let i = 0; i < use; i++) {
      const ip = li(pv, i) - 1;
      const t = li(work, i);
      si(work, i, li(work, ip));
      si(work, ip, t);
    }
    const out = p + (<usize>(b * m * m) << 2);
    memory.fill(out, 0, <usize>(m * m) << 2);
    for (let j = 0; j < m; j++) {
      if (asInt) si(out, li(work, j) * m + j, 1);
      else sf(out, li(work, j) * m + j, 1);
    }
  }
}

/**
 * Solves M·X = B (trans 0) or Mᵀ·X = B (trans 1) with the factors of lu_f32, in place on b (each
 * n×k, row-major), in f64. `work` holds n·k f64.
 */
export function lu_solve_f32(lu: usize, piv: usize, b: usize, batch: i32, n: i32, k: i32, trans: i32, work: usize): void {
  for (let q = 0; q < batch; q++) {
    const m = lu + (<usize>(q * n * n) << 2);
    const pv = piv + (<usize>(q * n) << 2);
    const x = b + (<usize>(q * n * k) << 2);
    for (let i = 0; i < n * k; i++) sd(work, i, <f64>lf(x, i));
    if (trans == 0) {
      for (let j = 0; j < n; j++) swapRows(work, j, li(pv, j) - 1, k);
      // L·y = P·b (unit lower), then U·x = y
      for (let i = 1; i < n; i++) {
        for (let j = 0; j < i; j++) axpyRow(work, i, j, -<f64>lf(m, i * n + j), k);
      }
      for (let i = n - 1; i >= 0; i--) {
        for (let j = i + 1; j < n; j++) axpyRow(work, i, j, -<f64>lf(m, i * n + j), k);
        scaleRow(work, i, 1 / <f64>lf(m, i * n + i), k);
      }
    } else {
      // Mᵀ = Uᵀ·Lᵀ·P: Uᵀ·y = b (lower), Lᵀ·z = y (unit upper), x = Pᵀ·z
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < i; j++) axpyRow(work, i, j, -<f64>lf(m, j * n + i), k);
        scaleRow(work, i, 1 / <f64>lf(m, i * n + i), k);
      }
      for (let i = n - 2; i >= 0; i--) {
        for (let j = i + 1; j < n; j++) axpyRow(work, i, j, -<f64>lf(m, j * n + i), k);
      }
      for (let j = n - 1; j >= 0; j--) swapRows(work, j, li(pv, j) - 1, k);
    }
    for (let i = 0; i < n * k; i++) sf(x, i, <f32>ld(work, i));
  }
}

@inline function swapRows(w: usize, i: i32, j: i32, k: i32): void {
  if (i == j) return;
  for (let c = 0; c < k; c++) {
    const t = ld(w, i * k + c);
    sd(w, i * k + c, ld(w, j * k + c));
    sd(w, j * k + c, t);
  }
}

/** row i += alpha · row j (rows of k f64). */
@inline function axpyRow(w: usize, i: i32, j: i32, alpha: f64, k: i32): void {
  if (alpha == 0) return;
  for (let c = 0; c < k; c++) sd(w, i * k + c, ld(w, i * k + c) + alpha * ld(w, j * k + c));
}

@inline function scaleRow(w: usize, i: i32, s: f64, k: i32): void {
  for (let c = 0; c < k; c++) sd(w, i * k + c, ld(w, i * k + c) * s);
}

/** det = ±∏ U[i, i] from lu_f32's factors: the product in order, in f32 (as torch.prod), signed by the swaps. */
export function lu_det_f32(out: usize, lu: usize, piv: usize, batch: i32, n: i32): void {
  for (let q = 0; q < batch; q++) {
    const m = lu + (<usize>(q * n * n) << 2);
    const pv = piv + (<usize>(q * n) << 2);
    let d: f32 = 1;
    let neg = false;
    for (let i = 0; i < n; i++) {
      d *= lf(m, i * n + i);
      if (li(pv, i) != i + 1) neg = !neg;
    }
    sf(out, q, neg ? -d : d);
  }
}

/** slogdet from lu_f32's factors: sign (0 when singular) and Σ log|U[i, i]| (summed in f64). */
export function lu_slogdet_f32(sign: usize, logabs: usize, lu: usize, piv: usize, batch: i32, n: i32): void {
  for (let q = 0; q < batch; q++) {
    const m = lu + (<usize>(q * n * n) << 2);
    const pv = piv + (<usize>(q * n) << 2);
    // sign = det(P)·∏ sgn(U[i, i]) in that order, as PyTorch: a singular matrix with det(P) = -1 gives -0
    let p: f32 = 1;
    let neg = false;
    let l: f64 = 0;
    for (let i = 0; i < n; i++) {
      const u = lf(m, i * n + i);
      if (li(pv, i) != i + 1) neg = !neg;
      p *= u > 0 ? 1 : u < 0 ? -1 : u == 0 ? 0 : u;
      l += Math.log(Math.abs(<f64>u));
    }
    sf(sign, q, neg ? -p : p);
    sf(logabs, q, <f32>l);
  }
}

// ---------------------------------------------------------------- LDLᵀ (Bunch-Kaufman, f64)

/** f64 bytes of ldl_f32's work for n×n matrices (and of ldl_solve_f32's for n×k right-hand sides). */
export function ldl_work(n: i32, k: i32): i32 {
  return 8 * (n * (n > k ? n : k) + 2);
}

/**
 * LAPACK's sytf2 on the lower triangle (what sytrf does in blocks): A = P·L·D·Lᵀ·Pᵀ with D of 1×1 and
 * 2×2 blocks chosen by Bunch-Kaufman's test (α = (1 + √17)/8). Each n×n matrix of `a` becomes LD (D's
 * blocks on and just below the diagonal, L's multipliers below, zeros above); piv as ipiv (k: rows k and
 * piv[k] swapped; a 2×2 block at k, k+1 has piv[k] = piv[k+1] = -p, rows k+1 and p swapped), 1-based;
 * info is 0 or the first zero 1×1 block (1-based; the factorization goes on). In f64, rounded once.
 */
export function ldl_f32(a: usize, piv: usize, info: usize, batch: i32, n: i32, work: usize): void {
  const alpha: f64 = (1 + Math.sqrt(17)) / 8;
  const A = work; // row-major n×n, lower triangle used: A(i, j) at i·n + j, i ≥ j
  for (let b = 0; b < batch; b++) {
    const src = a + (<usize>(b * n * n) << 2);
    for (let i = 0; i < n * n; i++) sd(A, i, <f64>lf(src, i));
    const pv = piv + (<usize>(b * n) << 2);
    let inf = 0;
    let k = 0;
    while (k < n) {
      let kstep = 1;
      let kp = k;
      const absakk = Math.abs(ld(A, k * n + k));
      let imax = k;
      let colmax: f64 = 0;
      if (k < n - 1) {
        imax = k + 1;
        colmax = Math.abs(ld(A, (k + 1) * n + k));
        for (let i = k + 2; i < n; i++) {
          const v = Math.abs(ld(A, i * n + k));
          if (v > colmax) { colmax = v; imax = i; }
        }
      }
      if (Math.max(absakk, colmax) == 0 || isNaN(absakk)) {
        // a zero (or NaN) column: no elimination, info records it
        if (inf == 0) inf = k + 1;
      } else {
        if (absakk < alpha * colmax) {
          // the largest off-diagonal |value| in row imax (left of the diagonal, then below it)
          let rowmax: f64 = 0;
          for (let j = k; j < imax; j++) rowmax = Math.max(rowmax, Math.abs(ld(A, imax * n + j)));
          for (let i = imax + 1; i < n; i++) rowmax = Math.max(rowmax, Math.abs(ld(A, i * n + imax)));
          if (absakk >= alpha * colmax * (colmax / rowmax)) kp = k;
          else if (Math.abs(ld(A, imax * n + imax)) >= alpha * rowmax) kp = imax;
          else { kp = imax; kstep = 2; }
        }
        const kk = k + kstep - 1;
        if (kp != kk) {
          // swap rows and columns kk and kp of the trailing lower triangle
          for (let i = kp + 1; i < n; i++) swapd(A, i * n + kk, i * n + kp);
          for (let j = kk + 1; j < kp; j++) swapd(A, j * n + kk, kp * n + j);
          swapd(A, kk * n + kk, kp * n + kp);
          if (kstep == 2) swapd(A, (k + 1) * n + k, kp * n + k);
        }
        if (kstep == 1) {
          if (k < n - 1) {
            // A := A - w·wᵀ/d, then column k holds L(k) = w/d
            const d11 = 1 / ld(A, k * n + k);
            for (let j = k + 1; j < n; j++) {
              const t = -d11 * ld(A, j * n + k);
              if (t != 0) for (let i = j; i < n; i++) sd(A, i * n + j, ld(A, i * n + j) + ld(A, i * n + k) * t);
            }
            for (let i = k + 1; i < n; i++) sd(A, i * n + k, ld(A, i * n + k) * d11);
          }
        } else if (k < n - 2) {
          let d21 = ld(A, (k + 1) * n + k);
          const d11 = ld(A, (k + 1) * n + k + 1) / d21;
          const d22 = ld(A, k * n + k) / d21;
          const t = 1 / (d11 * d22 - 1);
          d21 = t / d21;
          for (let j = k + 2; j < n; j++) {
            const wk = d21 * (d11 * ld(A, j * n + k) - ld(A, j * n + k + 1));
            const wkp1 = d21 * (d22 * ld(A, j * n + k + 1) - ld(A, j * n + k));
            for (let i = j; i < n; i++) {
              sd(A, i * n + j, ld(A, i * n + j) - ld(A, i * n + k) * wk - ld(A, i * n + k + 1) * wkp1);
            }
            sd(A, j * n + k, wk);
            sd(A, j * n + k + 1, wkp1);
          }
        }
      }
      if (kstep == 1) si(pv, k, kp + 1);
      else {
        si(pv, k, -(kp + 1));
        si(pv, k + 1, -(kp + 1));
      }
      k += kstep;
    }
    const o = a + (<usize>(b * n * n) << 2);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sf(o, i * n + j, j <= i ? <f32>ld(A, i * n + j) : 0);
    si(info, b, inf);
  }
}

@inline function swapd(p: usize, i: i32, j: i32): void {
  const t = ld(p, i);
  sd(p, i, ld(p, j));
  sd(p, j, t);
}

/**
 * The first position of each matrix's pivots that ldl_solve_f32 cannot follow (-1 when all can): a value
 * outside ±[1, n], or a negative one that does not open a pair of equal negative values.
 */
export function ldl_pivots_check(piv: usize, batch: i32, n: i32): i32 {
  for (let b = 0; b < batch; b++) {
    const pv = piv + (<usize>(b * n) << 2);
    let k = 0;
    while (k < n) {
      const p = li(pv, k);
      if (p == 0 || p > n || p < -n) return b * n + k;
      if (p > 0) { k++; continue; }
      if (k + 1 >= n || li(pv, k + 1) != p) return b * n + k;
      k += 2;
    }
  }
  return -1;
}

/**
 * LAPACK's sytrs (lower): solves A·X = B with ldl_f32's factors, in place on b (each n×k), in f64:
 * L·D·y = P·b by columns of L, then Lᵀ·x = y back to front. `work` holds n·k f64.
 */
export function ldl_solve_f32(ldm: usize, piv: usize, b: usize, batch: i32, n: i32, k: i32, work: usize): void {
  for (let q = 0; q < batch; q++) {
    const A = ldm + (<usize>(q * n * n) << 2);
    const pv = piv + (<usize>(q * n) << 2);
    const x = b + (<usize>(q * n * k) << 2);
    for (let i = 0; i < n * k; i++) sd(work, i, <f64>lf(x, i));
    let j = 0;
    while (j < n) {
      const p = li(pv, j);
      if (p > 0) {
        swapRows(work, j, p - 1, k);
        for (let i = j + 1; i < n; i++) axpyRow(work, i, j, -<f64>lf(A, i * n + j), k);
        scaleRow(work, j, 1 / <f64>lf(A, j * n + j), k);
        j++;
      } else {
        swapRows(work, j + 1, -p - 1, k);
        for (let i = j + 2; i < n; i++) {
          axpyRow(work, i, j, -<f64>lf(A, i * n + j), k);
          axpyRow(work, i, j + 1, -<f64>lf(A, i * n + j + 1), k);
        }
        const akm1k = <f64>lf(A, (j + 1) * n + j);
        const akm1 = <f64>lf(A, j * n + j) / akm1k;
        const ak = <f64>lf(A, (j + 1) * n + j + 1) / akm1k;
        const denom = akm1 * ak - 1;
        for (let c = 0; c < k; c++) {
          const bkm1 = ld(work, j * k + c) / akm1k;
          const bk = ld(work, (j + 1) * k + c) / akm1k;
          sd(work, j * k + c, (ak * bkm1 - bk) / denom);
          sd(work, (j + 1) * k + c, (akm1 * bk - bkm1) / denom);
        }
        j += 2;
      }
    }
    j = n - 1;
    while (j >= 0) {
      const p = li(pv, j);
      // row j -= L(j+1:, j)ᵀ·rows j+1..; for a 2×2 block (j-1, j) row j-1 too
      for (let i = j + 1; i < n; i++) axpyRow(work, j, i, -<f64>lf(A, i * n + j), k);
      if (p > 0) {
        swapRows(work, j, p - 1, k);
        j--;
      } else {
        for (let i = j + 1; i < n; i++) axpyRow(work, j - 1, i, -<f64>lf(A, i * n + j - 1), k);
        swapRows(work, j, -p - 1, k);
        j -= 2;
      }
    }
    for (let i = 0; i < n * k; i++) sf(x, i, <f32>ld(work, i));
  }
}

// ---------------------------------------------------------------- Cholesky

/**
 * Cholesky in place: each n×n matrix (only its lower triangle is read) becomes L with L·Lᵀ = A, zeros
 * above the diagonal. info is 0, or the order of the first leading minor that is not positive
 * definite (the factorization stops there, as potrf's does).
 */
export function cholesky_f32(a: usize, info: usize, batch: i32, n: i32): void {
  for (let q = 0; q < batch; q++) {
    const m = a + (<usize>(q * n * n) << 2);
    let inf = 0;
    for (let j = 0; j < n && inf == 0; j++) {
      let s: f32 = 0;
      for (let k = 0; k < j; k++) s += lf(m, j * n + k) * lf(m, j * n + k);
      let ajj = lf(m, j * n + j) - s;
      if (ajj <= 0) {
        sf(m, j * n + j, ajj);
        inf = j + 1;
        break;
      }
      ajj = Mathf.sqrt(ajj);
      sf(m, j * n + j, ajj);
      const r: f32 = 1 / ajj;
      for (let i = j + 1; i < n; i++) {
        let t: f32 = 0;
        for (let k = 0; k < j; k++) t += lf(m, i * n + k) * lf(m, j * n + k);
        sf(m, i * n + j, (lf(m, i * n + j) - t) * r);
      }
    }
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sf(m, i * n + j, 0);
    si(info, q, inf);
  }
}

// ---------------------------------------------------------------- triangular solves

/**
 * Solves A·X = B for triangular A (upper or lower triangle read; unit: ones assumed on the diagonal)
 * in place on b (each n×k), in f64. `work` holds n·k f64. A singular A gives inf/nan, as trsm does.
 */
export function trsm_f32(a: usize, b: usize, batch: i32, n: i32, k: i32, upper: i32, unit: i32, work: usize): void {
  for (let q = 0; q < batch; q++) {
    const m = a + (<usize>(q * n * n) << 2);
    const x = b + (<usize>(q * n * k) << 2);
    for (let i = 0; i < n * k; i++) sd(work, i, <f64>lf(x, i));
    if (upper) {
      for (let i = n - 1; i >= 0; i--) {
        for (let j = i + 1; j < n; j++) axpyRow(work, i, j, -<f64>lf(m, i * n + j), k);
        if (!unit) scaleRow(work, i, 1 / <f64>lf(m, i * n + i), k);
      }
    } else {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < i; j++) axpyRow(work, i, j, -<f64>lf(m, i * n + j), k);
        if (!unit) scaleRow(work, i, 1 / <f64>lf(m, i * n + i), k);
      }
    }
    for (let i = 0; i < n * k; i++) sf(x, i, <f32>ld(work, i));
  }
}

// ---------------------------------------------------------------- f64 vectors (SIMD, a fixed order)

/** Σ a[i]·b[i] over n f64: two two-lane accumulators, then the tail in order. */
function dotd(a: usize, b: usize, n: i32): f64 {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 3;
    s0 = f64x2.add(s0, f64x2.mul(v128.load(a + o), v128.load(b + o)));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(a + o + 16), v128.load(b + o + 16)));
  }
  const v = f64x2.add(s0, s1);
  let r = f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
  for (; i < n; i++) r += ld(a, i) * ld(b, i);
  return r;
}

/** dst[i] += alpha·src[i] over n f64. */
function axpyd(dst: usize, src: usize, alpha: f64, n: i32): void {
  const av = f64x2.splat(alpha);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3;
    v128.store(dst + o, f64x2.add(v128.load(dst + o), f64x2.mul(av, v128.load(src + o))));
  }
  for (; i < n; i++) sd(dst, i, ld(dst, i) + alpha * ld(src, i));
}

/** The plane rotation (p, q) ← (c·p - s·q, s·p + c·q) over n f64. */
function rotd(p: usize, q: usize, c: f64, s: f64, n: i32): void {
  const cv = f64x2.splat(c);
  const sv = f64x2.splat(s);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3;
    const x = v128.load(p + o);
    const y = v128.load(q + o);
    v128.store(p + o, f64x2.sub(f64x2.mul(cv, x), f64x2.mul(sv, y)));
    v128.store(q + o, f64x2.add(f64x2.mul(sv, x), f64x2.mul(cv, y)));
  }
  for (; i < n; i++) {
    const x = ld(p, i);
    const y = ld(q, i);
    sd(p, i, c * x - s * y);
    sd(q, i, s * x + c * y);
  }
}

// ---------------------------------------------------------------- Householder QR (f64)

/**
 * Householder QR of the m×n f64 matrix w (row-major), in place as geqr2 leaves it: R on and above the
 * diagonal, the reflectors' vectors below it (v[0] = 1 implied), their scales in tau (min(m, n)).
 * Reflectors follow LAPACK's slarfg: beta = -sign(alpha)·‖x‖, and no reflection (tau = 0) when
 * the part below the diagonal is already zero, so R's signs are LAPACK's. Each reflection runs over
 * rows (contiguous): buf (n f64) holds vᵀ·A.
 */
function householder(w: usize, m: i32, n: i32, tau: usize, buf: usize): void {
  const k = m < n ? m : n;
  for (let j = 0; j < k; j++) {
    let xn: f64 = 0;
    let scale: f64 = 0;
    for (let i = j + 1; i < m; i++) scale = Math.max(scale, Math.abs(ld(w, i * n + j)));
    if (scale > 0) {
      for (let i = j + 1; i < m; i++) { const v = ld(w, i * n + j) / scale; xn += v * v; }
      xn = scale * Math.sqrt(xn);
    }
    const alpha = ld(w, j * n + j);
    if (xn == 0) {
      sd(tau, j, 0);
      continue;
    }
    const beta = -copysign<f64>(hypot2(alpha, xn), alpha);
    const t = (beta - alpha) / beta;
    const inv = 1 / (alpha - beta);
    for (let i = j + 1; i < m; i++) sd(w, i * n + j, ld(w, i * n + j) * inv);
    sd(w, j * n + j, beta);
    sd(tau, j, t);
    // apply H = I - t·v·vᵀ to the columns right of j: buf = vᵀ·A, then A -= t·v·buf
    const len = n - j - 1;
    if (len <= 0) continue;
    const rowj = w + (<usize>(j * n + j + 1) << 3);
    memory.copy(buf, rowj, <usize>len << 3);
    for (let i = j + 1; i < m; i++) {
      const vi = ld(w, i * n + j);
      if (vi != 0) axpyd(buf, w + (<usize>(i * n + j + 1) << 3), vi, len);
    }
    axpyd(rowj, buf, -t, len);
    for (let i = j + 1; i < m; i++) {
      const vi = ld(w, i * n + j);
      if (vi != 0) axpyd(w + (<usize>(i * n + j + 1) << 3), buf, -t * vi, len);
    }
  }
}

/**
 * Q (m×mq, f64, row-major) = H0·H1·…·H(k-1) applied to the first mq columns of the identity (org2r),
 * the reflectors applied last to first, over rows; buf holds mq f64.
 */
function formQ(w: usize, n: i32, tau: usize, m: i32, k: i32, q: usize, mq: i32, buf: usize): void {
  for (let i = 0; i < m; i++) for (let c = 0; c < mq; c++) sd(q, i * mq + c, i == c ? 1 : 0);
  applyQ(w, n, tau, m, k, q, mq, buf, true);
}

/**
 * q (m×mq, f64, row-major) ← H0·H1·…·H(k-1)·q, the reflectors applied last to first, over rows; buf
 * holds mq f64. fromIdentity: q started as the identity, so H(j) leaves its columns left of j alone.
 */
function applyQ(w: usize, n: i32, tau: usize, m: i32, k: i32, q: usize, mq: i32, buf: usize, fromIdentity: bool): void {
  for (let j = k - 1; j >= 0; j--) reflect(w, n, tau, m, j, q, mq, fromIdentity ? j : 0, buf);
}

/**
 * q ← H(j)·q on q's columns c0.. (H(j) = I - tau[j]·v·vᵀ, v = w's column j below the diagonal with
 * v[j] = 1): buf = vᵀ·q (rows j.. of q), then q -= tau·v·buf.
 */
function reflect(w: usize, n: i32, tau: usize, m: i32, j: i32, q: usize, mq: i32, c0: i32, buf: usize): void {
  const t = ld(tau, j);
  const len = mq - c0;
  if (t == 0 || len <= 0) return;
  const qj = q + (<usize>(j * mq + c0) << 3);
  memory.copy(buf, qj, <usize>len << 3);
  for (let i = j + 1; i < m; i++) {
    const vi = ld(w, i * n + j);
    if (vi != 0) axpyd(buf, q + (<usize>(i * mq + c0) << 3), vi, len);
  }
  axpyd(qj, buf, -t, len);
  for (let i = j + 1; i < m; i++) {
    const vi = ld(w, i * n + j);
    if (vi != 0) axpyd(q + (<usize>(i * mq + c0) << 3), buf, -t * vi, len);
  }
}

/** f64 bytes of geqrf_f32's, orgqr_f32's and ormqr_f32's work (m×n reflectors, an m×c second operand). */
export function reflectors_work(m: i32, n: i32, c: i32): i32 {
  return 8 * (m * n + m * c + (m < n ? m : n) + (n > c ? n : c) + 2);
}

/**
 * LAPACK's geqrf: each m×n matrix becomes R (on and above the diagonal) and the Householder vectors
 * below it (v[j] = 1 implied), with their scales in tau (min(m, n) per matrix); slarfg's signs.
 */
export function geqrf_f32(out: usize, tau: usize, a: usize, batch: i32, m: i32, n: i32, work: usize): void {
  const k = m < n ? m : n;
  const w = work;
  const t = w + (<usize>(m * n) << 3);
  const buf = t + (<usize>k << 3);
  for (let b = 0; b < batch; b++) {
    const src = a + (<usize>(b * m * n) << 2);
    for (let i = 0; i < m * n; i++) sd(w, i, <f64>lf(src, i));
    householder(w, m, n, t, buf);
    const o = out + (<usize>(b * m * n) << 2);
    for (let i = 0; i < m * n; i++) sf(o, i, <f32>ld(w, i));
    const to = tau + (<usize>(b * k) << 2);
    for (let i = 0; i < k; i++) sf(to, i, <f32>ld(t, i));
  }
}

/** Loads the m×n reflectors of matrix b (f32) and its k scales into w and t (f64). */
function loadReflectors(w: usize, t: usize, a: usize, tau: usize, b: i32, m: i32, n: i32, k: i32): void {
  const src = a + (<usize>(b * m * n) << 2);
  for (let i = 0; i < m * n; i++) sd(w, i, <f64>lf(src, i));
  const ts = tau + (<usize>(b * k) << 2);
  for (let i = 0; i < k; i++) sd(t, i, <f64>lf(ts, i));
}

/**
 * LAPACK's orgqr (torch.linalg.householder_product): the first n columns of H0·H1·…·H(k-1) (m×n, m ≥ n ≥ k)
 * from the vectors below the diagonal of each m×n matrix of `a` (its diagonal and upper part are not read).
 */
export function orgqr_f32(q: usize, a: usize, tau: usize, batch: i32, m: i32, n: i32, k: i32, work: usize): void {
  const w = work;
  const qw = w + (<usize>(m * n) << 3);
  const t = qw + (<usize>(m * n) << 3);
  const buf = t + (<usize>k << 3);
  for (let b = 0; b < batch; b++) {
    loadReflectors(w, t, a, tau, b, m, n, k);
    formQ(w, n, t, m, k, qw, n, buf);
    const o = q + (<usize>(b * m * n) << 2);
    for (let i = 0; i < m * n; i++) sf(o, i, <f32>ld(qw, i));
  }
}

/**
 * LAPACK's ormqr from the left: each m×c matrix of `c` becomes Q·C (trans 0) or Qᵀ·C (trans 1) in place,
 * Q = H0·H1·…·H(k-1) (m×m) from the m×n reflector matrices of `a` and their k scales.
 */
export function ormqr_f32(c: usize, a: usize, tau: usize, batch: i32, m: i32, n: i32, k: i32, cols: i32, trans: i32, work: usize): void {
  const w = work;
  const cw = w + (<usize>(m * n) << 3);
  const t = cw + (<usize>(m * cols) << 3);
  const buf = t + (<usize>k << 3);
  for (let b = 0; b < batch; b++) {
    loadReflectors(w, t, a, tau, b, m, n, k);
    const co = c + (<usize>(b * m * cols) << 2);
    for (let i = 0; i < m * cols; i++) sd(cw, i, <f64>lf(co, i));
    // Q·C applies H(k-1) first; Qᵀ·C = H(k-1)·…·H0·C applies H0 first
    if (trans) for (let j = 0; j < k; j++) reflect(w, n, t, m, j, cw, cols, 0, buf);
    else applyQ(w, n, t, m, k, cw, cols, buf, false);
    for (let i = 0; i < m * cols; i++) sf(co, i, <f32>ld(cw, i));
  }
}

/** f64 bytes of qr_f32's work for an m×n matrix. */
export function qr_work(m: i32, n: i32): i32 {
  return 8 * (m * n + m * m + (m < n ? m : n) + (m > n ? m : n) + 2);
}

/**
 * QR of each m×n matrix: mode 0 reduced (Q m×k, R k×n), 1 complete (Q m×m, R m×n), 2 R only
 * (k×n; q unused), k = min(m, n). R's diagonal has LAPACK's signs.
 */
export function qr_f32(q: usize, r: usize, a: usize, batch: i32, m: i32, n: i32, mode: i32, work: usize): void {
  const k = m < n ? m : n;
  const mq = mode == 1 ? m : k;
  const rr = mode == 1 ? m : k;
  const w = work;
  const qw = w + (<usize>(m * n) << 3);
  const tau = qw + (<usize>(m * m) << 3);
  const buf = tau + (<usize>k << 3);
  for (let b = 0; b < batch; b++) {
    const src = a + (<usize>(b * m * n) << 2);
    for (let i = 0; i < m * n; i++) sd(w, i, <f64>lf(src, i));
    householder(w, m, n, tau, buf);
    const ro = r + (<usize>(b * rr * n) << 2);
    for (let i = 0; i < rr; i++) for (let c = 0; c < n; c++) sf(ro, i * n + c, c >= i ? <f32>ld(w, i * n + c) : 0);
    if (mode == 2) continue;
    formQ(w, n, tau, m, k, qw, mq, buf);
    const qo = q + (<usize>(b * m * mq) << 2);
    for (let i = 0; i < m * mq; i++) sf(qo, i, <f32>ld(qw, i));
  }
}

// ---------------------------------------------------------------- symmetric eigensolver (f64)

/** f64 bytes of eigh_f32's work for n×n matrices. */
export function eigh_work(n: i32): i32 {
  return 8 * (n * n + 2 * n);
}

/**
 * Eigenvalues (ascending, into w: n per matrix) and, when wantv, eigenvectors (the columns of v, n×n)
 * of each symmetric n×n matrix, of which only the lower triangle is read. Householder
 * tridiagonalization and the implicit QL algorithm (EISPACK's tred2/tql2), in f64. A matrix with a
 * NaN gives NaN everywhere.
 */
export function eigh_f32(w: usize, v: usize, a: usize, batch: i32, n: i32, wantv: i32, work: usize): void {
  const V = work;
  const d = V + (<usize>(n * n) << 3);
  const e = d + (<usize>n << 3);
  for (let b = 0; b < batch; b++) {
    const src = a + (<usize>(b * n * n) << 2);
    let bad = false;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        const x = <f64>lf(src, i * n + j);
        if (!isFinite(x)) bad = true;
        sd(V, i * n + j, x);
        sd(V, j * n + i, x);
      }
    }
    const wo = w + (<usize>(b * n) << 2);
    const vo = v + (<usize>(b * n * n) << 2);
    if (bad) {
      for (let i = 0; i < n; i++) sf(wo, i, NaN);
      if (wantv) for (let i = 0; i < n * n; i++) sf(vo, i, NaN);
      continue;
    }
    if (n > 0) {
      tred2(V, d, e, n);
      tql2(V, d, e, n);
    }
    for (let i = 0; i < n; i++) sf(wo, i, <f32>ld(d, i));
    if (wantv) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sf(vo, i * n + j, <f32>vv(V, n, i, j));
  }
}

// V is stored column-major (V(r, c) at c·n + r): tred2's inner loops and tql2's rotations run along memory.
@inline function vv(V: usize, n: i32, r: i32, c: i32): f64 { return ld(V, c * n + r); }
@inline function sv(V: usize, n: i32, r: i32, c: i32, x: f64): void { sd(V, c * n + r, x); }

/** Householder reduction of the symmetric V to tridiagonal form (diagonal d, subdiagonal e), V accumulating the transformation. */
function tred2(V: usize, d: usize, e: usize, n: i32): void {
  for (let j = 0; j < n; j++) sd(d, j, vv(V, n, n - 1, j));
  for (let i = n - 1; i > 0; i--) {
    let scale: f64 = 0;
    let h: f64 = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(ld(d, k));
    if (scale == 0) {
      sd(e, i, ld(d, i - 1));
      for (let j = 0; j < i; j++) {
        sd(d, j, vv(V, n, i - 1, j));
        sv(V, n, i, j, 0);
        sv(V, n, j, i, 0);
      }
    } else {
      for (let k = 0; k < i; k++) {
        sd(d, k, ld(d, k) / scale);
        h += ld(d, k) * ld(d, k);
      }
      let f = ld(d, i - 1);
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      sd(e, i, scale * g);
      h = h - f * g;
      sd(d, i - 1, f - g);
      for (let j = 0; j < i; j++) sd(e, j, 0);
      for (let j = 0; j < i; j++) {
        f = ld(d, j);
        sv(V, n, j, i, f);
        g = ld(e, j) + vv(V, n, j, j) * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += vv(V, n, k, j) * ld(d, k);
          sd(e, k, ld(e, k) + vv(V, n, k, j) * f);
        }
        sd(e, j, g);
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        sd(e, j, ld(e, j) / h);
        f += ld(e, j) * ld(d, j);
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) sd(e, j, ld(e, j) - hh * ld(d, j));
      for (let j = 0; j < i; j++) {
        f = ld(d, j);
        g = ld(e, j);
        for (let k = j; k <= i - 1; k++) sv(V, n, k, j, vv(V, n, k, j) - (f * ld(e, k) + g * ld(d, k)));
        sd(d, j, vv(V, n, i - 1, j));
        sv(V, n, i, j, 0);
      }
    }
    sd(d, i, h);
  }
  // accumulate the transformations
  for (let i = 0; i < n - 1; i++) {
    sv(V, n, n - 1, i, vv(V, n, i, i));
    sv(V, n, i, i, 1);
    const h = ld(d, i + 1);
    if (h != 0) {
      for (let k = 0; k <= i; k++) sd(d, k, vv(V, n, k, i + 1) / h);
      for (let j = 0; j <= i; j++) {
        let g: f64 = 0;
        for (let k = 0; k <= i; k++) g += vv(V, n, k, i + 1) * vv(V, n, k, j);
        for (let k = 0; k <= i; k++) sv(V, n, k, j, vv(V, n, k, j) - g * ld(d, k));
      }
    }
    for (let k = 0; k <= i; k++) sv(V, n, k, i + 1, 0);
  }
  for (let j = 0; j < n; j++) {
    sd(d, j, vv(V, n, n - 1, j));
    sv(V, n, n - 1, j, 0);
  }
  sv(V, n, n - 1, n - 1, 1);
  sd(e, 0, 0);
}

/** Implicit QL on the tridiagonal (d, e), rotations accumulated into V; eigenvalues sorted ascending with their vectors. */
function tql2(V: usize, d: usize, e: usize, n: i32): void {
  for (let i = 1; i < n; i++) sd(e, i - 1, ld(e, i));
  sd(e, n - 1, 0);
  let f: f64 = 0;
  let tst1: f64 = 0;
  const eps: f64 = 2.220446049250313e-16;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(ld(d, l)) + Math.abs(ld(e, l)));
    let m = l;
    while (m < n - 1) {
      if (Math.abs(ld(e, m)) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        iter++;
        let g = ld(d, l);
        let p = (ld(d, l + 1) - g) / (2 * ld(e, l));
        let r = hypot2(p, 1);
        if (p < 0) r = -r;
        sd(d, l, ld(e, l) / (p + r));
        sd(d, l + 1, ld(e, l) * (p + r));
        const dl1 = ld(d, l + 1);
        let h = g - ld(d, l);
        for (let i = l + 2; i < n; i++) sd(d, i, ld(d, i) - h);
        f += h;
        p = ld(d, m);
        let c: f64 = 1;
        let c2 = c;
        let c3 = c;
        const el1 = ld(e, l + 1);
        let s: f64 = 0;
        let s2: f64 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * ld(e, i);
          h = c * p;
          r = hypot2(p, ld(e, i));
          sd(e, i + 1, s * r);
          s = ld(e, i) / r;
          c = p / r;
          p = c * ld(d, i) - s * g;
          sd(d, i + 1, h + s * (c * g + s * ld(d, i)));
          rotd(V + (<usize>(i * n) << 3), V + (<usize>((i + 1) * n) << 3), c, s, n);
        }
        p = -s * s2 * c3 * el1 * ld(e, l) / dl1;
        sd(e, l, s * p);
        sd(d, l, c * p);
      } while (Math.abs(ld(e, l)) > eps * tst1 && iter < 100);
    }
    sd(d, l, ld(d, l) + f);
    sd(e, l, 0);
  }
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = ld(d, i);
    for (let j = i + 1; j < n; j++) {
      if (ld(d, j) < p) { k = j; p = ld(d, j); }
    }
    if (k != i) {
      sd(d, k, ld(d, i));
      sd(d, i, p);
      for (let j = 0; j < n; j++) {
        p = vv(V, n, j, i);
        sv(V, n, j, i, vv(V, n, j, k));
        sv(V, n, j, k, p);
      }
    }
  }
}

// ---------------------------------------------------------------- SVD (f64, one-sided Jacobi)

/** f64 bytes of svd_f32's work for m×n matrices. */
export function svd_work(m: i32, n: i32): i32 {
  const p = m > n ? m : n;
  const k = m < n ? m : n;
  return 8 * (p * k + p * p + 2 * k * k + 2 * p + 3 * k + 2);
}

/**
 * Singular values (descending, k = min(m, n) per matrix into s) and, when wantuv, U (m×k, or m×m when
 * full) and Vh (k×n, or n×n when full). The tall problem T (A, or Aᵀ when A is wide; p×k) is reduced
 * by Householder QR, T = Q·R, and one-sided Jacobi (Hestenes) orthogonalizes the columns of Rᵀ (the
 * rows of R, which converge in fewer sweeps than its columns): Rᵀ·V = U'·Σ, so R = V·Σ·U'ᵀ and
 * T = (Q·V)·Σ·U'ᵀ. U' is completed to an orthonormal basis where σ is zero; so is U in full mode, by
 * the rest of Q.
 */
export function svd_f32(u: usize, s: usize, vh: usize, a: usize, batch: i32, m: i32, n: i32, full: i32, wantuv: i32, work: usize): void {
  const tall = m >= n;
  const p = tall ? m : n; // rows of the tall problem
  const k = tall ? n : m; // its columns
  const W = work; // p×k: the tall problem, then QR's reflectors
  const Q = W + (<usize>(p * k) << 3); // p×qc
  const X = Q + (<usize>(p * p) << 3); // k×k column-major: column c = row c of R
  const Vm = X + (<usize>(k * k) << 3); // k×k column-major: the accumulated rotations
  const tau = Vm + (<usize>(k * k) << 3); // k
  const buf = tau + (<usize>k << 3); // p
  const nrm = buf + (<usize>p << 3); // k
  const sv_ = nrm + (<usize>k << 3); // k
  const ord = sv_ + (<usize>k << 3); // k i32
  const uWidth = full ? m : k; // U is m×uWidth, Vh is vHeight×n
  const vHeight = full ? n : k;
  const qc = full ? p : k; // columns of Q kept
  const want = wantuv != 0;
  for (let b = 0; b < batch; b++) {
    const src = a + (<usize>(b * m * n) << 2);
    let bad = false;
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < k; j++) {
        const x = <f64>(tall ? lf(src, i * n + j) : lf(src, j * n + i));
        if (!isFinite(x)) bad = true;
        sd(W, i * k + j, x);
      }
    }
    const so = s + (<usize>(b * k) << 2);
    const uo = u + (<usize>(b * m * uWidth) << 2);
    const vo = vh + (<usize>(b * vHeight * n) << 2);
    if (bad) {
      for (let i = 0; i < k; i++) sf(so, i, NaN);
      if (want) {
        for (let i = 0; i < m * uWidth; i++) sf(uo, i, NaN);
        for (let i = 0; i < vHeight * n; i++) sf(vo, i, NaN);
      }
      continue;
    }
    const useQR = p > k;
    if (useQR) householder(W, p, k, tau, buf);
    for (let c = 0; c < k; c++) for (let r = 0; r < k; r++) sd(X, c * k + r, !useQR || r >= c ? ld(W, c * k + r) : 0);
    if (want) for (let c = 0; c < k; c++) for (let r = 0; r < k; r++) sd(Vm, c * k + r, r == c ? 1 : 0);
    jacobi(X, Vm, k, want, nrm);
    // singular values, sorted descending (stable)
    for (let c = 0; c < k; c++) {
      sd(sv_, c, Math.sqrt(dotd(X + (<usize>(c * k) << 3), X + (<usize>(c * k) << 3), k)));
      si(ord, c, c);
    }
    for (let i = 1; i < k; i++) {
      const oi = li(ord, i);
      const x = ld(sv_, oi);
      let j = i - 1;
      while (j >= 0 && ld(sv_, li(ord, j)) < x) { si(ord, j + 1, li(ord, j)); j--; }
      si(ord, j + 1, oi);
    }
    for (let i = 0; i < k; i++) sf(so, i, <f32>ld(sv_, li(ord, i)));
    if (!want) continue;
    // U' (R's right singular vectors): X's columns / σ, orthonormal
    orthonormalColumns(X, ord, sv_, k);
    // the tall problem's left vectors Q·V (p×qc; the columns past k are Q's complement) into Q
    if (useQR && full) {
      formQ(W, k, tau, p, k, Q, qc, buf);
      for (let r = 0; r < p; r++) {
        const row = Q + (<usize>(r * qc) << 3);
        for (let i = 0; i < k; i++) sd(buf, i, dotd(row, Vm + (<usize>(li(ord, i) * k) << 3), k));
        memory.copy(row, buf, <usize>k << 3);
      }
    } else if (useQR) {
      // Q·[V; 0], the reflectors applied to V directly (no explicit Q)
      for (let r = 0; r < p; r++) for (let i = 0; i < k; i++) sd(Q, r * qc + i, r < k ? ld(Vm, li(ord, i) * k + r) : 0);
      applyQ(W, k, tau, p, k, Q, qc, buf, false);
    } else {
      for (let r = 0; r < p; r++) for (let i = 0; i < k; i++) sd(Q, r * qc + i, ld(Vm, li(ord, i) * k + r));
    }
    if (tall) {
      // A = (Q·V)·Σ·U'ᵀ: U = Q·V (m×uWidth), Vh = U'ᵀ (k×n, k = n)
      for (let r = 0; r < m; r++) for (let c = 0; c < uWidth; c++) sf(uo, r * uWidth + c, <f32>ld(Q, r * qc + c));
      for (let i = 0; i < k; i++) {
        const c = li(ord, i);
        for (let j = 0; j < n; j++) sf(vo, i * n + j, <f32>ld(X, c * k + j));
      }
    } else {
      // A = Tᵀ = U'·Σ·(Q·V)ᵀ: U = U' (m×m, m = k), Vh = (Q·V)ᵀ (vHeight×n)
      for (let r = 0; r < m; r++) {
        for (let i = 0; i < k; i++) sf(uo, r * m + i, <f32>ld(X, li(ord, i) * k + r));
      }
      for (let i = 0; i < vHeight; i++) for (let j = 0; j < n; j++) sf(vo, i * n + j, <f32>ld(Q, j * qc + i));
    }
  }
}

/**
 * One-sided Jacobi on the k columns of X (column-major, k×k): rotates pairs of columns until every
 * pair is orthogonal to working precision, applying the same rotations to V's columns when wantv.
 * Squared column norms are recomputed each sweep and updated through it (α' = α - tγ, β' = β + tγ).
 */
function jacobi(X: usize, V: usize, k: i32, wantv: bool, nrm: usize): void {
  // Pairs are orthogonal enough at |cos| ≤ 1e-12: the results are rounded to f32 (eps 6e-8), and a dot
  // product of k terms cannot resolve much below sqrt(k)·eps anyway. Columns below 1e-15·σ_max are
  // rounding noise (a zero singular value): rotating them would never converge, so they are left alone.
  const tol: f64 = 1e-12;
  for (let sweep = 0; sweep < 60; sweep++) {
    let big: f64 = 0;
    for (let c = 0; c < k; c++) {
      const col = X + (<usize>(c * k) << 3);
      sd(nrm, c, dotd(col, col, k));
      big = Math.max(big, ld(nrm, c));
    }
    const tiny = big * 1e-30;
    // de Rijk's pivoting: columns in decreasing norm at the start of each sweep (fewer sweeps)
    for (let c = 0; c < k - 1; c++) {
      let best = c;
      for (let d = c + 1; d < k; d++) if (ld(nrm, d) > ld(nrm, best)) best = d;
      if (best == c) continue;
      const t = ld(nrm, c);
      sd(nrm, c, ld(nrm, best));
      sd(nrm, best, t);
      swapCols(X, c, best, k);
      if (wantv) swapCols(V, c, best, k);
    }
    let rotated = false;
    for (let pI = 0; pI < k - 1; pI++) {
      const cp = X + (<usize>(pI * k) << 3);
      for (let qI = pI + 1; qI < k; qI++) {
        const alpha = ld(nrm, pI);
        const beta = ld(nrm, qI);
        if (alpha <= tiny || beta <= tiny) continue;
        const cq = X + (<usize>(qI * k) << 3);
        const gamma = dotd(cp, cq, k);
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1.0 : -1.0) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotd(cp, cq, c, s, k);
        sd(nrm, pI, alpha - t * gamma);
        sd(nrm, qI, beta + t * gamma);
        if (wantv) rotd(V + (<usize>(pI * k) << 3), V + (<usize>(qI * k) << 3), c, s, k);
      }
    }
    if (!rotated) break;
  }
}

function swapCols(X: usize, a: i32, b: i32, k: i32): void {
  const pa = X + (<usize>(a * k) << 3);
  const pb = X + (<usize>(b * k) << 3);
  for (let r = 0; r < k; r++) {
    const t = ld(pa, r);
    sd(pa, r, ld(pb, r));
    sd(pb, r, t);
  }
}

/**
 * The columns of R (column-major k×k, taken in the order ord) divided by their singular values, then
 * orthogonalized against the columns before them (Gram-Schmidt, twice). That changes nothing for
 * well-separated σ; a column of a zero or negligible σ (its direction is rounding noise) that does not
 * survive the projection is replaced by the first unit vector that does, so the set is orthonormal.
 */
function orthonormalColumns(R: usize, ord: usize, sv_: usize, k: i32): void {
  let unit = 0;
  for (let i = 0; i < k; i++) {
    const c = li(ord, i);
    const sg = ld(sv_, c);
    const col = R + (<usize>(c * k) << 3);
    for (let r = 0; r < k; r++) sd(col, r, sg > 0 ? ld(col, r) / sg : 0);
    if (project(R, ord, col, i, k) > 0.5) continue;
    for (; unit < k; unit++) {
      for (let r = 0; r < k; r++) sd(col, r, r == unit ? 1 : 0);
      if (project(R, ord, col, i, k) > 0.5) {
        unit++;
        break;
      }
    }
  }
}

/** Removes from col its components along the first i columns (in the order ord), twice; normalizes it if its norm is still above ½; returns that norm. */
function project(R: usize, ord: usize, col: usize, i: i32, k: i32): f64 {
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < i; j++) {
      const o = R + (<usize>(li(ord, j) * k) << 3);
      axpyd(col, o, -dotd(o, col, k), k);
    }
  }
  const nr = Math.sqrt(dotd(col, col, k));
  if (nr > 0.5) for (let r = 0; r < k; r++) sd(col, r, ld(col, r) / nr);
  return nr;
}
