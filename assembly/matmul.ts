// Packed, register-blocked float32 GEMM: C = (accumulate ? C : 0) + op(A)·op(B).
//
// Summation order (all paths but the dot-product one below): each C element is
// summed over k strictly in order,
// c = ((c0 + a0·b0) + a1·b1) + …, with c0 = C or 0. The micro-kernel loads C
// back into its accumulators at each KC block instead of summing blocks apart,
// so the bits do not depend on how M, N or K are blocked (a threaded version
// splitting M or N gives the same result), and they equal a naive f32 loop.
// No FMA and no relaxed SIMD, so every engine gives the same bits.
//
// Layout (Goto/BLIS style): for each NC column block, for each KC block of k,
// pack op(B)[KC×NC] into NR-wide micro-panels; for each MC row block pack
// op(A)[MC×KC] into MR-tall micro-panels; then each NR micro-panel of B
// (KC·64 bytes, stays in L1) is swept by all MR micro-panels of A.
// With M ≤ 16 and a narrow B (not transposed), B is read in place instead.
// M = 1 and N = 1 take matrix-vector paths with the same k order (but x·Wᵀ at M = 1
// is the dot-product path below).
// With K ≤ 32 (weight gradients at small batch) one call sweeps a row pair across
// the whole packed block (micro_16_strip): the tile is then mostly its set-up.
//
// One exception to the plain k order: x·Wᵀ with few rows or few columns (A stored
// M×K, B stored N×K; gemm_uses_dot) runs as dot products of rows read in place, with
// four partial sums per element (k mod 4) added as (s0 + s2) + (s1 + s3); see
// "Dot-product path". Still a fixed order that depends on K only.
//
// MR×NR = 2×16 (8 f32x4 accumulators): V8 keeps xmm15 as scratch, so 8
// accumulators + 4 B vectors + 2 A splats is the most that stays in registers
// (a 3×16 tile spilled; unrolling the k loop by hand was slower). The last
// columns use 2×8 and 2×4 kernels; ragged edges go through a scratch tile.

/** c + a·b. The default build multiplies then adds (two roundings, the same bits on every engine);
 *  the build with relaxed SIMD (build/tocha-fma.wasm, torch.set_float32_matmul_precision('high'))
 *  fuses them where the CPU can (one rounding, twice the multiply-adds per cycle). */
// @ts-ignore: decorator
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}
/** madd on one float (wasm has no scalar fused multiply-add: lane 0 of the vector one). */
// @ts-ignore: decorator
@inline
function maddf(a: f32, b: f32, c: f32): f32 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.extract_lane(f32x4.relaxed_madd(f32x4.splat(a), f32x4.splat(b), f32x4.splat(c)), 0);
  return c + a * b;
}

/** Rows of C per micro-tile. */
const MR: i32 = 2;
/** Columns of C per micro-tile (4 × f32x4). */
const NR: i32 = 16;
/** Depth of a packed block: a B micro-panel is KC·NR·4 bytes (16 KB, in L1). */
const KC: i32 = 256;
/** Rows of A per packed block: MC·KC·4 bytes (L2). */
const MC: i32 = 128;
/** Up to this many rows, op(B) = B (not transposed) is read in place, unpacked. */
const DIRECT_B_MAX_M: i32 = 16;
/** …and only while B rows are near enough that a KC block spans few pages (a
 *  4 KB row stride also maps every row to one L1 set, measured slower). */
const DIRECT_B_MAX_LDB: i32 = 1023;
/** Up to this many rows, x·Wᵀ (A stored M×K, B stored N×K) runs as dot products, unpacked
 *  (measured: 1.5× the packed path at M = 10, even at M = 32-64, 2× gemv_dot at M = 1)… */
const DOT_MAX_M: i32 = 32;
/** …and at any M up to this many columns, where 16-wide packed tiles would be mostly padding. */
const DOT_MAX_N: i32 = 12;
/** Up to this depth, one micro_16_strip call sweeps a row pair across the whole block. */
const STRIP_MAX_K: i32 = 32;
/** Columns of B per packed block: KC·NC·4 bytes (L2). */
const NC: i32 = 1024;

// ---------------------------------------------------------------------------
// Micro-kernels
//
// C[2×w] (row stride ldcB bytes) = (keep ? C : 0) + Σ_k pa[k]·pb[k], in k order,
// for w = 16, 8, 4. pa: kc pairs (a[i][k], a[i+1][k]); pb: kc rows of B, sb bytes
// apart (64 for a packed panel). Each is its own function so V8 allocates
// registers for its loop alone; the narrow ones serve the last columns.

// @ts-ignore: decorator
@noinline
function micro_16(kc: i32, pa: usize, pb: usize, sb: usize, c: usize, ldcB: usize, keep: bool): void {
  let c00 = f32x4.splat(0), c01 = c00, c02 = c00, c03 = c00;
  let c10 = c00, c11 = c00, c12 = c00, c13 = c00;
  const c1 = c + ldcB;
  if (keep) {
    c00 = v128.load(c);
    c01 = v128.load(c, 16);
    c02 = v128.load(c, 32);
    c03 = v128.load(c, 48);
    c10 = v128.load(c1);
    c11 = v128.load(c1, 16);
    c12 = v128.load(c1, 32);
    c13 = v128.load(c1, 48);
  }
  const end = pa + (<usize>kc << 3);
  while (pa < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const b2 = v128.load(pb, 32);
    const b3 = v128.load(pb, 48);
    const a0 = v128.load32_splat(pa);
    c00 = madd(a0, b0, c00);
    c01 = madd(a0, b1, c01);
    c02 = madd(a0, b2, c02);
    c03 = madd(a0, b3, c03);
    const a1 = v128.load32_splat(pa, 4);
    c10 = madd(a1, b0, c10);
    c11 = madd(a1, b1, c11);
    c12 = madd(a1, b2, c12);
    c13 = madd(a1, b3, c13);
    pa += 8;
    pb += sb;
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c, c02, 32);
  v128.store(c, c03, 48);
  v128.store(c1, c10);
  v128.store(c1, c11, 16);
  v128.store(c1, c12, 32);
  v128.store(c1, c13, 48);
}

/** The relaxed-SIMD build's main kernel (build/tocha-fma.wasm): C[6×8] from three packed row pairs
 *  (pa, pa + P, pa + 2P, P = kc·8 bytes) and 8 columns of B. With fused multiply-adds the 2×16 tile's
 *  8 accumulators are latency-bound (4 cycles a fused add, one per accumulator per k); 12 keep two
 *  units busy (measured 37.6 → 44.5 GFLOP/s in a probe), still in registers (12 + 2 B + 1 A). The
 *  k order per element is the same. */
// @ts-ignore: decorator
@noinline
function micro_6x8(kc: i32, pa: usize, pb: usize, sb: usize, c: usize, ldcB: usize, keep: bool): void {
  const P = <usize>kc << 3;
  let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
  let c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
  if (keep) {
    c00 = v128.load(c); c01 = v128.load(c, 16);
    c10 = v128.load(c + ldcB); c11 = v128.load(c + ldcB, 16);
    c20 = v128.load(c + 2 * ldcB); c21 = v128.load(c + 2 * ldcB, 16);
    c30 = v128.load(c + 3 * ldcB); c31 = v128.load(c + 3 * ldcB, 16);
    c40 = v128.load(c + 4 * ldcB); c41 = v128.load(c + 4 * ldcB, 16);
    c50 = v128.load(c + 5 * ldcB); c51 = v128.load(c + 5 * ldcB, 16);
  }
  const end = pa + P;
  while (pa < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = v128.load32_splat(pa, 4);
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = v128.load32_splat(pa + P);
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = v128.load32_splat(pa + P, 4);
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    a = v128.load32_splat(pa + 2 * P);
    c40 = madd(a, b0, c40); c41 = madd(a, b1, c41);
    a = v128.load32_splat(pa + 2 * P, 4);
    c50 = madd(a, b0, c50); c51 = madd(a, b1, c51);
    pa += 8;
    pb += sb;
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + ldcB, c10); v128.store(c + ldcB, c11, 16);
  v128.store(c + 2 * ldcB, c20); v128.store(c + 2 * ldcB, c21, 16);
  v128.store(c + 3 * ldcB, c30); v128.store(c + 3 * ldcB, c31, 16);
  v128.store(c + 4 * ldcB, c40); v128.store(c + 4 * ldcB, c41, 16);
  v128.store(c + 5 * ldcB, c50); v128.store(c + 5 * ldcB, c51, 16);
}

/** micro_16 over np consecutive full panels of packed B (kc·64 bytes each) and the
 *  matching 16-column strips of C, in one call: for short k the per-tile call and
 *  set-up cost as much as the tile. */
// @ts-ignore: decorator
@noinline
function micro_16_strip(np: i32, kc: i32, pa: usize, pb: usize, c: usize, ldcB: usize, keep: bool): void {
  const kcB = <usize>kc << 3;
  const c1 = c + ldcB;
  for (let p: usize = 0; p < <usize>np << 6; p += 64) {
    let c00 = f32x4.splat(0), c01 = c00, c02 = c00, c03 = c00;
    let c10 = c00, c11 = c00, c12 = c00, c13 = c00;
    const cp = c + p;
    const cq = c1 + p;
    if (keep) {
      c00 = v128.load(cp);
      c01 = v128.load(cp, 16);
      c02 = v128.load(cp, 32);
      c03 = v128.load(cp, 48);
      c10 = v128.load(cq);
      c11 = v128.load(cq, 16);
      c12 = v128.load(cq, 32);
      c13 = v128.load(cq, 48);
    }
    let q = pa;
    const end = pa + kcB;
    while (q < end) {
      const b0 = v128.load(pb);
      const b1 = v128.load(pb, 16);
      const b2 = v128.load(pb, 32);
      const b3 = v128.load(pb, 48);
      const a0 = v128.load32_splat(q);
      c00 = madd(a0, b0, c00);
      c01 = madd(a0, b1, c01);
      c02 = madd(a0, b2, c02);
      c03 = madd(a0, b3, c03);
      const a1 = v128.load32_splat(q, 4);
      c10 = madd(a1, b0, c10);
      c11 = madd(a1, b1, c11);
      c12 = madd(a1, b2, c12);
      c13 = madd(a1, b3, c13);
      q += 8;
      pb += 64;
    }
    v128.store(cp, c00);
    v128.store(cp, c01, 16);
    v128.store(cp, c02, 32);
    v128.store(cp, c03, 48);
    v128.store(cq, c10);
    v128.store(cq, c11, 16);
    v128.store(cq, c12, 32);
    v128.store(cq, c13, 48);
  }
}

// @ts-ignore: decorator
@noinline
function micro_8(kc: i32, pa: usize, pb: usize, sb: usize, c: usize, ldcB: usize, keep: bool): void {
  let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00;
  const c1 = c + ldcB;
  if (keep) {
    c00 = v128.load(c);
    c01 = v128.load(c, 16);
    c10 = v128.load(c1);
    c11 = v128.load(c1, 16);
  }
  const end = pa + (<usize>kc << 3);
  while (pa < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const a0 = v128.load32_splat(pa);
    const a1 = v128.load32_splat(pa, 4);
    c00 = madd(a0, b0, c00);
    c01 = madd(a0, b1, c01);
    c10 = madd(a1, b0, c10);
    c11 = madd(a1, b1, c11);
    pa += 8;
    pb += sb;
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c1, c10);
  v128.store(c1, c11, 16);
}

// @ts-ignore: decorator
@noinline
function micro_4(kc: i32, pa: usize, pb: usize, sb: usize, c: usize, ldcB: usize, keep: bool): void {
  let c00 = f32x4.splat(0), c10 = c00;
  const c1 = c + ldcB;
  if (keep) {
    c00 = v128.load(c);
    c10 = v128.load(c1);
  }
  const end = pa + (<usize>kc << 3);
  while (pa < end) {
    const b0 = v128.load(pb);
    c00 = madd(v128.load32_splat(pa), b0, c00);
    c10 = madd(v128.load32_splat(pa, 4), b0, c10);
    pa += 8;
    pb += sb;
  }
  v128.store(c, c00);
  v128.store(c1, c10);
}

// @ts-ignore: decorator
@inline
function micro(nv: i32, kc: i32, pa: usize, pb: usize, sb: usize, c: usize, ldcB: usize, keep: bool): void {
  if (nv == 4) micro_16(kc, pa, pb, sb, c, ldcB, keep);
  else if (nv == 2) micro_8(kc, pa, pb, sb, c, ldcB, keep);
  else micro_4(kc, pa, pb, sb, c, ldcB, keep);
}

/** A tile of mr ≤ 2 rows and nr ≤ 4·nv columns that does not fill the kernel:
 *  run it on a 2×16 scratch tile, copying the valid part in and out. */
function micro_edge(nv: i32, kc: i32, pa: usize, pb: usize, sb: usize, c: usize, ldcB: usize, keep: bool, mr: i32, nr: i32, tile: usize): void {
  if (keep) {
    for (let i = 0; i < MR; i++) {
      const t = tile + <usize>(i * NR * 4);
      const ci = c + <usize>i * ldcB;
      for (let j = 0; j < NR; j++) {
        store<f32>(t + (<usize>j << 2), i < mr && j < nr ? load<f32>(ci + (<usize>j << 2)) : 0);
      }
    }
  }
  micro(nv, kc, pa, pb, sb, tile, NR * 4, keep);
  for (let i = 0; i < mr; i++) {
    const t = tile + <usize>(i * NR * 4);
    const ci = c + <usize>i * ldcB;
    for (let j = 0; j < nr; j++) store<f32>(ci + (<usize>j << 2), load<f32>(t + (<usize>j << 2)));
  }
}

// ---------------------------------------------------------------------------
// Packing

/** Packs op(A)[i0 : i0+mc, k0 : k0+kc] into MR-row micro-panels: for each pair of
 *  rows, kc pairs (a[i][k], a[i+1][k]); a missing last row is zero. */
function pack_a(mc: i32, kc: i32, a: usize, lda: i32, transA: i32, i0: i32, k0: i32, dst: usize): void {
  const ldaB = <usize>lda << 2;
  for (let i = 0; i < mc; i += MR) {
    const two = i + 1 < mc;
    if (transA) {
      // A stored K×M: rows i, i+1 of op(A) are adjacent in each stored row.
      let src = a + <usize>(k0) * ldaB + (<usize>(i0 + i) << 2);
      if (two) {
        for (let k = 0; k < kc; k++) {
          store<u64>(dst, load<u64>(src));
          src += ldaB;
          dst += 8;
        }
      } else {
        for (let k = 0; k < kc; k++) {
          store<f32>(dst, load<f32>(src));
          store<f32>(dst, 0, 4);
          src += ldaB;
          dst += 8;
        }
      }
    } else {
      // A stored M×K: interleave two rows, four k at a time.
      let r0 = a + <usize>(i0 + i) * ldaB + (<usize>k0 << 2);
      let r1 = r0 + ldaB;
      let k = 0;
      if (two) {
        for (; k + 4 <= kc; k += 4) {
          const x = v128.load(r0);
          const y = v128.load(r1);
          v128.store(dst, f32x4.shuffle(x, y, 0, 4, 1, 5));
          v128.store(dst, f32x4.shuffle(x, y, 2, 6, 3, 7), 16);
          r0 += 16;
          r1 += 16;
          dst += 32;
        }
        for (; k < kc; k++) {
          store<f32>(dst, load<f32>(r0));
          store<f32>(dst, load<f32>(r1), 4);
          r0 += 4;
          r1 += 4;
          dst += 8;
        }
      } else {
        for (; k < kc; k++) {
          store<f32>(dst, load<f32>(r0));
          store<f32>(dst, 0, 4);
          r0 += 4;
          dst += 8;
        }
      }
    }
  }
}

/** Packs op(B)[k0 : k0+kc, j0 : j0+nc] into NR-column micro-panels: for each 16
 *  columns, kc rows of 16 floats; columns past nc are zero. */
function pack_b(kc: i32, nc: i32, b: usize, ldb: i32, transB: i32, k0: i32, j0: i32, dst: usize): void {
  const ldbB = <usize>ldb << 2;
  for (let j = 0; j < nc; j += NR) {
    const nr = min(NR, nc - j);
    if (!transB) {
      // B stored K×N: each k gives 16 contiguous floats.
      let src = b + <usize>k0 * ldbB + (<usize>(j0 + j) << 2);
      if (nr == NR) {
        for (let k = 0; k < kc; k++) {
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
          v128.store(dst, v128.load(src, 32), 32);
          v128.store(dst, v128.load(src, 48), 48);
          src += ldbB;
          dst += 64;
        }
      } else {
        for (let k = 0; k < kc; k++) {
          let q = 0;
          for (; q < nr; q++) store<f32>(dst + (<usize>q << 2), load<f32>(src + (<usize>q << 2)));
          for (; q < NR; q++) store<f32>(dst + (<usize>q << 2), 0);
          src += ldbB;
          dst += 64;
        }
      }
    } else {
      // B stored N×K: column j of op(B) is stored row j; transpose 4×4 blocks.
      const base = b + <usize>(j0 + j) * ldbB + (<usize>k0 << 2);
      if (nr == NR) {
        // Four stored rows at a time over the whole kc: with a large row stride all
        // sixteen rows fall in one L1 set, and sweeping them together evicts each
        // line before its next 16 bytes are read.
        const k4 = kc & ~3;
        for (let q = 0; q < NR; q += 4) {
          let s = base + <usize>q * ldbB;
          let d = dst + (<usize>q << 2);
          const end = s + (<usize>k4 << 2);
          while (s < end) {
            const r0 = v128.load(s);
            const r1 = v128.load(s + ldbB);
            const r2 = v128.load(s + 2 * ldbB);
            const r3 = v128.load(s + 3 * ldbB);
            const t0 = f32x4.shuffle(r0, r1, 0, 4, 1, 5);
            const t1 = f32x4.shuffle(r0, r1, 2, 6, 3, 7);
            const t2 = f32x4.shuffle(r2, r3, 0, 4, 1, 5);
            const t3 = f32x4.shuffle(r2, r3, 2, 6, 3, 7);
            v128.store(d, f32x4.shuffle(t0, t2, 0, 1, 4, 5));
            v128.store(d, f32x4.shuffle(t0, t2, 2, 3, 6, 7), 64);
            v128.store(d, f32x4.shuffle(t1, t3, 0, 1, 4, 5), 128);
            v128.store(d, f32x4.shuffle(t1, t3, 2, 3, 6, 7), 192);
            s += 16;
            d += 256;
          }
        }
        dst += <usize>k4 << 6;
        for (let k = k4; k < kc; k++) {
          const kB = <usize>k << 2;
          for (let q = 0; q < NR; q++) {
            store<f32>(dst + (<usize>q << 2), load<f32>(base + <usize>q * ldbB + kB));
          }
          dst += 64;
        }
      } else {
        for (let k = 0; k < kc; k++) {
          const kB = <usize>k << 2;
          let q = 0;
          for (; q < nr; q++) {
            store<f32>(dst + (<usize>q << 2), load<f32>(base + <usize>q * ldbB + kB));
          }
          for (; q < NR; q++) store<f32>(dst + (<usize>q << 2), 0);
          dst += 64;
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Dot-product path: op(A) = A stored M×K, op(B) = B stored N×K (x·Wᵀ), few rows.
//
// Packing W for a handful of rows costs as much as the product, so this path reads both
// operands in place, each C element as a dot product of two rows contiguous along k.
// Its summation order is fixed and documented (it is not the plain k order):
//   s_l = Σ_{k ≡ l (mod 4)} a[k]·b[k], in increasing k, from +0   (l = 0..3, the v128 lanes)
//   c   = (accumulate ? C + : ) ((s0 + s2) + (s1 + s3))
// A last partial group of k is zero-padded (adding +0 leaves a sum that started at +0 unchanged).
// The order depends on K only, not on how M or N are tiled.

// @ts-ignore: decorator
@inline
function headv(p: usize, r: i32): v128 {
  // The first r (1..3) floats at p, zeros after; never reads past them.
  let v = f32x4.splat(0);
  v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (r > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (r > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}

/** [dot(a0), dot(a1), dot(a2), dot(a3)], each (s0 + s2) + (s1 + s3) of its lanes. */
// @ts-ignore: decorator
@inline
function hsum4(a0: v128, a1: v128, a2: v128, a3: v128): v128 {
  const u = f32x4.add(f32x4.shuffle(a0, a1, 0, 4, 1, 5), f32x4.shuffle(a0, a1, 2, 6, 3, 7));
  const v = f32x4.add(f32x4.shuffle(a2, a3, 0, 4, 1, 5), f32x4.shuffle(a2, a3, 2, 6, 3, 7));
  return f32x4.add(f32x4.shuffle(u, v, 0, 1, 4, 5), f32x4.shuffle(u, v, 2, 3, 6, 7));
}

// @ts-ignore: decorator
@inline
function put4(c: usize, v: v128, keep: bool): void {
  v128.store(c, keep ? f32x4.add(v128.load(c), v) : v);
}

/** C[2×4] (rows ldcB bytes apart) = (keep ? C : 0) + dots of A rows a, a+ldaB with
 *  B rows b … b+3·ldbB, over K. 8 accumulators, as the 2×16 kernel. */
// @ts-ignore: decorator
@noinline
function dot_2x4(K: i32, a: usize, ldaB: usize, b: usize, ldbB: usize, c: usize, ldcB: usize, keep: bool): void {
  let c00 = f32x4.splat(0), c01 = c00, c02 = c00, c03 = c00;
  let c10 = c00, c11 = c00, c12 = c00, c13 = c00;
  let a1 = a + ldaB;
  let b1 = b + ldbB, b2 = b1 + ldbB, b3 = b2 + ldbB;
  const end = a + (<usize>(K & ~3) << 2);
  while (a < end) {
    const x0 = v128.load(a);
    const x1 = v128.load(a1);
    let y = v128.load(b);
    c00 = madd(x0, y, c00);
    c10 = madd(x1, y, c10);
    y = v128.load(b1);
    c01 = madd(x0, y, c01);
    c11 = madd(x1, y, c11);
    y = v128.load(b2);
    c02 = madd(x0, y, c02);
    c12 = madd(x1, y, c12);
    y = v128.load(b3);
    c03 = madd(x0, y, c03);
    c13 = madd(x1, y, c13);
    a += 16;
    a1 += 16;
    b += 16;
    b1 += 16;
    b2 += 16;
    b3 += 16;
  }
  const r = K & 3;
  if (r) {
    const x0 = headv(a, r);
    const x1 = headv(a1, r);
    let y = headv(b, r);
    c00 = madd(x0, y, c00);
    c10 = madd(x1, y, c10);
    y = headv(b1, r);
    c01 = madd(x0, y, c01);
    c11 = madd(x1, y, c11);
    y = headv(b2, r);
    c02 = madd(x0, y, c02);
    c12 = madd(x1, y, c12);
    y = headv(b3, r);
    c03 = madd(x0, y, c03);
    c13 = madd(x1, y, c13);
  }
  put4(c, hsum4(c00, c01, c02, c03), keep);
  put4(c + ldcB, hsum4(c10, c11, c12, c13), keep);
}

/** C[1×4] = (keep ? C : 0) + dots of the A row a with B rows b … b+3·ldbB: the last
 *  row of an odd M (and M = 1). */
// @ts-ignore: decorator
@noinline
function dot_1x4(K: i32, a: usize, b: usize, ldbB: usize, c: usize, keep: bool): void {
  let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0;
  let b1 = b + ldbB, b2 = b1 + ldbB, b3 = b2 + ldbB;
  const end = a + (<usize>(K & ~3) << 2);
  while (a < end) {
    const x = v128.load(a);
    c0 = madd(x, v128.load(b), c0);
    c1 = madd(x, v128.load(b1), c1);
    c2 = madd(x, v128.load(b2), c2);
    c3 = madd(x, v128.load(b3), c3);
    a += 16;
    b += 16;
    b1 += 16;
    b2 += 16;
    b3 += 16;
  }
  const r = K & 3;
  if (r) {
    const x = headv(a, r);
    c0 = madd(x, headv(b, r), c0);
    c1 = madd(x, headv(b1, r), c1);
    c2 = madd(x, headv(b2, r), c2);
    c3 = madd(x, headv(b3, r), c3);
  }
  put4(c, hsum4(c0, c1, c2, c3), keep);
}

/** One C element, c = (keep ? c : 0) + dot of the rows a and b over K, in the same order:
 *  the last row or the last columns of the dot path. */
function dot_1x1(K: i32, a: usize, b: usize, c: usize, keep: bool): void {
  let s = f32x4.splat(0);
  const end = a + (<usize>(K & ~3) << 2);
  while (a < end) {
    s = madd(v128.load(a), v128.load(b), s);
    a += 16;
    b += 16;
  }
  const r = K & 3;
  if (r) s = madd(headv(a, r), headv(b, r), s);
  const t = f32x4.add(s, f32x4.shuffle(s, s, 2, 3, 0, 1));
  const d = f32x4.extract_lane(t, 0) + f32x4.extract_lane(t, 1);
  store<f32>(c, keep ? load<f32>(c) + d : d);
}

/** C = (keep ? C : 0) + A·Bᵀ with A stored M×K, B stored N×K, by dot products. Each 4 rows
 *  of B (16 KB at K = 1024) are swept by every pair of A rows before the next 4. */
function gemm_dot(M: i32, N: i32, K: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, keep: bool): void {
  const ldaB = <usize>lda << 2;
  const ldbB = <usize>ldb << 2;
  const ldcB = <usize>ldc << 2;
  const N4 = N & ~3;
  const M2 = M & ~1;
  for (let j = 0; j < N4; j += 4) {
    const bj = b + <usize>j * ldbB;
    const cj = c + (<usize>j << 2);
    for (let i = 0; i < M2; i += 2) {
      dot_2x4(K, a + <usize>i * ldaB, ldaB, bj, ldbB, cj + <usize>i * ldcB, ldcB, keep);
    }
    if (M2 < M) dot_1x4(K, a + <usize>M2 * ldaB, bj, ldbB, cj + <usize>M2 * ldcB, keep);
  }
  for (let j = N4; j < N; j++) {
    const bj = b + <usize>j * ldbB;
    for (let i = 0; i < M; i++) {
      dot_1x1(K, a + <usize>i * ldaB, bj, c + <usize>i * ldcB + (<usize>j << 2), keep);
    }
  }
}

/** True when gemm_f32 computes this product by dot products (the order above), not in
 *  plain k order: A stored M×K and B stored N×K (transA = 0, transB = 1), N ≥ 2, and
 *  M ≤ DOT_MAX_M or N ≤ DOT_MAX_N. It depends on the whole product's shape only, so a
 *  threaded split of M or N must decide it before splitting. The spec's reference
 *  follows the same rule. */
export function gemm_uses_dot(M: i32, N: i32, K: i32, transA: i32, transB: i32): bool {
  return transA == 0 && transB != 0 && M >= 1 && N >= 2 && K > 0 && (M <= DOT_MAX_M || N <= DOT_MAX_N);
}

// ---------------------------------------------------------------------------
// Matrix-vector paths (M = 1 or N = 1). Same k order as the kernel.

/** out[j] = (keep ? out[j] : 0) + Σ_k x[k]·m[k][j] for j < n; m is K×n (row stride
 *  ldm floats), x has stride incx floats, out is contiguous. k runs outermost
 *  so m streams row by row; out is revisited per k, so it is cut in L1-sized chunks. */
function gemv_axpy(n: i32, K: i32, x: usize, incx: i32, m: usize, ldm: i32, out: usize, keep: bool): void {
  const CH: i32 = 2048;
  const ldmB = <usize>ldm << 2;
  const incxB = <usize>incx << 2;
  for (let j0 = 0; j0 < n; j0 += CH) {
    const nc = min(CH, n - j0);
    const o = out + (<usize>j0 << 2);
    if (!keep) memory.fill(o, 0, <usize>nc << 2);
    let row = m + (<usize>j0 << 2);
    let xp = x;
    for (let k = 0; k < K; k++) {
      const s = load<f32>(xp);
      const sv = f32x4.splat(s);
      let j = 0;
      for (; j + 16 <= nc; j += 16) {
        const p = o + (<usize>j << 2);
        const r = row + (<usize>j << 2);
        v128.store(p, madd(sv, v128.load(r), v128.load(p)));
        v128.store(p, madd(sv, v128.load(r, 16), v128.load(p, 16)), 16);
        v128.store(p, madd(sv, v128.load(r, 32), v128.load(p, 32)), 32);
        v128.store(p, madd(sv, v128.load(r, 48), v128.load(p, 48)), 48);
      }
      for (; j + 4 <= nc; j += 4) {
        const p = o + (<usize>j << 2);
        v128.store(p, madd(sv, v128.load(row + (<usize>j << 2)), v128.load(p)));
      }
      for (; j < nc; j++) {
        const p = o + (<usize>j << 2);
        store<f32>(p, maddf(s, load<f32>(row + (<usize>j << 2)), load<f32>(p)));
      }
      row += ldmB;
      xp += incxB;
    }
  }
}

/** out[i·incout] = (keep ? out[i·incout] : 0) + Σ_k m[i][k]·x[k] for i < n; m is
 *  n×K (row stride ldm), x contiguous. Each sum runs in k order, so four rows go
 *  at once: products of 4 rows × 4 k are transposed and added k by k. */
function gemv_dot(n: i32, K: i32, x: usize, m: usize, ldm: i32, out: usize, incout: i32, keep: bool): void {
  const ldmB = <usize>ldm << 2;
  const incB = <usize>incout << 2;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const r = m + <usize>i * ldmB;
    const o = out + <usize>i * incB;
    let acc = f32x4.splat(0);
    if (keep) {
      acc = f32x4.replace_lane(acc, 0, load<f32>(o));
      acc = f32x4.replace_lane(acc, 1, load<f32>(o + incB));
      acc = f32x4.replace_lane(acc, 2, load<f32>(o + 2 * incB));
      acc = f32x4.replace_lane(acc, 3, load<f32>(o + 3 * incB));
    }
    let k = 0;
    for (; k + 4 <= K; k += 4) {
      const kB = <usize>k << 2;
      if (ASC_FEATURE_RELAXED_SIMD) {
        // fused: transpose the rows first, then one multiply-add per k
        const r0 = v128.load(r + kB);
        const r1 = v128.load(r + ldmB + kB);
        const r2 = v128.load(r + 2 * ldmB + kB);
        const r3 = v128.load(r + 3 * ldmB + kB);
        const u0 = f32x4.shuffle(r0, r1, 0, 4, 1, 5);
        const u1 = f32x4.shuffle(r0, r1, 2, 6, 3, 7);
        const u2 = f32x4.shuffle(r2, r3, 0, 4, 1, 5);
        const u3 = f32x4.shuffle(r2, r3, 2, 6, 3, 7);
        acc = madd(f32x4.shuffle(u0, u2, 0, 1, 4, 5), v128.load32_splat(x + kB), acc);
        acc = madd(f32x4.shuffle(u0, u2, 2, 3, 6, 7), v128.load32_splat(x + kB, 4), acc);
        acc = madd(f32x4.shuffle(u1, u3, 0, 1, 4, 5), v128.load32_splat(x + kB, 8), acc);
        acc = madd(f32x4.shuffle(u1, u3, 2, 3, 6, 7), v128.load32_splat(x + kB, 12), acc);
        continue;
      }
      const xv = v128.load(x + kB);
      const p0 = f32x4.mul(v128.load(r + kB), xv);
      const p1 = f32x4.mul(v128.load(r + ldmB + kB), xv);
      const p2 = f32x4.mul(v128.load(r + 2 * ldmB + kB), xv);
      const p3 = f32x4.mul(v128.load(r + 3 * ldmB + kB), xv);
      const t0 = f32x4.shuffle(p0, p1, 0, 4, 1, 5);
      const t1 = f32x4.shuffle(p0, p1, 2, 6, 3, 7);
      const t2 = f32x4.shuffle(p2, p3, 0, 4, 1, 5);
      const t3 = f32x4.shuffle(p2, p3, 2, 6, 3, 7);
      acc = f32x4.add(acc, f32x4.shuffle(t0, t2, 0, 1, 4, 5));
      acc = f32x4.add(acc, f32x4.shuffle(t0, t2, 2, 3, 6, 7));
      acc = f32x4.add(acc, f32x4.shuffle(t1, t3, 0, 1, 4, 5));
      acc = f32x4.add(acc, f32x4.shuffle(t1, t3, 2, 3, 6, 7));
    }
    for (; k < K; k++) {
      const kB = <usize>k << 2;
      const xv = v128.load32_splat(x + kB);
      let col = f32x4.splat(0);
      col = f32x4.replace_lane(col, 0, load<f32>(r + kB));
      col = f32x4.replace_lane(col, 1, load<f32>(r + ldmB + kB));
      col = f32x4.replace_lane(col, 2, load<f32>(r + 2 * ldmB + kB));
      col = f32x4.replace_lane(col, 3, load<f32>(r + 3 * ldmB + kB));
      acc = madd(col, xv, acc);
    }
    store<f32>(o, f32x4.extract_lane(acc, 0));
    store<f32>(o + incB, f32x4.extract_lane(acc, 1));
    store<f32>(o + 2 * incB, f32x4.extract_lane(acc, 2));
    store<f32>(o + 3 * incB, f32x4.extract_lane(acc, 3));
  }
  for (; i < n; i++) {
    const r = m + <usize>i * ldmB;
    const o = out + <usize>i * incB;
    let s: f32 = keep ? load<f32>(o) : 0;
    for (let k = 0; k < K; k++) {
      s = maddf(load<f32>(r + (<usize>k << 2)), load<f32>(x + (<usize>k << 2)), s);
    }
    store<f32>(o, s);
  }
}

/** Copies n floats with stride inc (floats) into contiguous dst; returns dst. */
function gather(n: i32, src: usize, inc: i32, dst: usize): usize {
  const incB = <usize>inc << 2;
  for (let i = 0; i < n; i++) {
    store<f32>(dst + (<usize>i << 2), load<f32>(src));
    src += incB;
  }
  return dst;
}

/** C[1×N] = op(A)[1×K]·op(B): the row of A is x. */
function gemv_row(N: i32, K: i32, a: usize, lda: i32, transA: i32, b: usize, ldb: i32, transB: i32, c: usize, keep: bool, work: usize): void {
  const incx = transA ? lda : 1;
  if (!transB) {
    gemv_axpy(N, K, a, incx, b, ldb, c, keep);
  } else {
    const x = incx == 1 ? a : gather(K, a, incx, work);
    gemv_dot(N, K, x, b, ldb, c, 1, keep);
  }
}

/** C[M×1] = op(A)·op(B)[K×1]: the column of B is x; C's column has stride ldc. */
function gemv_col(M: i32, K: i32, a: usize, lda: i32, transA: i32, b: usize, ldb: i32, transB: i32, c: usize, ldc: i32, keep: bool, work: usize): void {
  const incx = transB ? 1 : ldb;
  if (!transA) {
    const x = incx == 1 ? b : gather(K, b, incx, work);
    gemv_dot(M, K, x, a, lda, c, ldc, keep);
  } else if (ldc == 1) {
    gemv_axpy(M, K, b, incx, a, lda, c, keep);
  } else {
    // out must be contiguous: accumulate in work, then scatter.
    if (keep) gather(M, c, ldc, work);
    gemv_axpy(M, K, b, incx, a, lda, work, keep);
    const ldcB = <usize>ldc << 2;
    for (let i = 0; i < M; i++) store<f32>(c + <usize>i * ldcB, load<f32>(work + (<usize>i << 2)));
  }
}

// ---------------------------------------------------------------------------
// Entry points

// @ts-ignore: decorator
@inline
function roundUp(x: i32, m: i32): i32 {
  return (x + m - 1) / m * m;
}

/** Bytes of 16-byte aligned scratch that `gemm_f32(M, N, K, …)` needs.
 *  Example: gemm_work_bytes(64, 256, 784) for a 64×784 · 784×256 product. */
export function gemm_work_bytes(M: i32, N: i32, K: i32): i32 {
  if (M <= 0 || N <= 0 || K <= 0) return 0;
  if (M == 1 || N == 1) return (max(M, N) + K) << 2;
  const kc = min(K, KC);
  const mc = roundUp(min(M, MC), MR);
  const nc = roundUp(min(N, NC), NR);
  return (mc * kc + kc * nc + MR * NR) << 2;
}

/** C[M×N] (row stride ldc) = (accumulate ? C : 0) + op(A)·op(B), float32.
 *  op(A) is M×K: transA=0 → A stored M×K (row stride lda); transA=1 → A stored K×M.
 *  op(B) is K×N: transB=0 → B stored K×N (row stride ldb); transB=1 → B stored N×K.
 *  a, b, c are byte addresses (any 4-byte alignment); work is 16-byte aligned
 *  with gemm_work_bytes(M, N, K) bytes. Example (torch.mm(x, w.t())):
 *  gemm_f32(64, 256, 784, x, 784, 0, w, 784, 1, y, 256, 0, work). */
export function gemm_f32(M: i32, N: i32, K: i32, a: usize, lda: i32, transA: i32, b: usize, ldb: i32, transB: i32, c: usize, ldc: i32, accumulate: i32, work: usize): void {
  gemm_sub_f32(gemm_uses_dot(M, N, K, transA, transB), M, N, K, a, lda, transA, b, ldb, transB, c, ldc, accumulate, work);
}

/** gemm_f32 on a block of a larger product whose path was decided on the whole shape:
 *  `dot` = gemm_uses_dot(M, N, K, transA, transB) of the whole product (the dot-product
 *  order is then kept even where the block alone would take a k-order path, and the
 *  other way round). A thread computing rows or columns of C calls this, so its block
 *  has the bits the whole product would have. Example (columns 64..127 of the product in
 *  gemm_f32's example): gemm_sub_f32(0, 64, 64, 784, x, 784, 0, w + 64·784·4, 784, 1,
 *  y + 64·4, 256, 0, work). */
export function gemm_sub_f32(dot: bool, M: i32, N: i32, K: i32, a: usize, lda: i32, transA: i32, b: usize, ldb: i32, transB: i32, c: usize, ldc: i32, accumulate: i32, work: usize): void {
  if (M <= 0 || N <= 0) return;
  const ldcB = <usize>ldc << 2;
  const ldbB = <usize>ldb << 2;
  if (K <= 0) {
    if (!accumulate) {
      for (let i = 0; i < M; i++) memory.fill(c + <usize>i * ldcB, 0, <usize>N << 2);
    }
    return;
  }
  if (dot) {
    gemm_dot(M, N, K, a, lda, b, ldb, c, ldc, accumulate != 0);
    return;
  }
  if (M == 1) {
    gemv_row(N, K, a, lda, transA, b, ldb, transB, c, accumulate != 0, work);
    return;
  }
  if (N == 1) {
    gemv_col(M, K, a, lda, transA, b, ldb, transB, c, ldc, accumulate != 0, work);
    return;
  }
  const kcMax = min(K, KC);
  const mcMax = roundUp(min(M, MC), MR);
  const ncMax = roundUp(min(N, NC), NR);
  const packA = work;
  const packB = packA + (<usize>(mcMax * kcMax) << 2);
  const tile = packB + (<usize>(kcMax * ncMax) << 2);
  for (let j0 = 0; j0 < N; j0 += NC) {
    const nc = min(NC, N - j0);
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = min(KC, K - k0);
      const keep = accumulate != 0 || k0 > 0;
      // With few rows each B element is used only M/2 times: reading B in place
      // saves the copy; only a last panel narrower than its kernel is packed.
      const direct = !transB && M <= DIRECT_B_MAX_M && ldb <= DIRECT_B_MAX_LDB;
      const jLast = (nc - 1) / NR * NR;
      if (!direct) pack_b(kc, nc, b, ldb, transB, k0, j0, packB);
      else pack_b(kc, nc - jLast, b, ldb, 0, k0, j0 + jLast, packB);
      for (let i0 = 0; i0 < M; i0 += MC) {
        const mc = min(MC, M - i0);
        pack_a(mc, kc, a, lda, transA, i0, k0, packA);
        let jDone = 0;
        if (kc <= STRIP_MAX_K && !direct) {
          // Short k: one call sweeps a row pair across all full panels of the block.
          const np = nc / NR;
          const ci = c + (<usize>j0 << 2) + <usize>i0 * ldcB;
          for (let i = 0; i + MR <= mc; i += MR) {
            micro_16_strip(np, kc, packA + <usize>(i * kc) * 4, packB, ci + <usize>i * ldcB, ldcB, keep);
          }
          jDone = np * NR;
        }
        for (let j = 0; j < nc; j += NR) {
          const nr = min(NR, nc - j);
          const nv = nr > 8 ? 4 : nr > 4 ? 2 : 1;
          const full = nr == nv * 4;
          let pb = packB + <usize>(j * kc) * 4;
          let sb: usize = NR * 4;
          if (direct) {
            if (full) {
              pb = b + <usize>k0 * ldbB + (<usize>(j0 + j) << 2);
              sb = ldbB;
            } else pb = packB;
          }
          const cj = c + (<usize>(j0 + j) << 2);
          let i = j < jDone ? mc & ~1 : 0;
          if (ASC_FEATURE_RELAXED_SIMD && nv == 4 && full) {
            for (; i + 3 * MR <= mc; i += 3 * MR) {
              const pa = packA + <usize>(i * kc) * 4;
              const cij = cj + <usize>(i0 + i) * ldcB;
              micro_6x8(kc, pa, pb, sb, cij, ldcB, keep);
              micro_6x8(kc, pa, pb + 32, sb, cij + 32, ldcB, keep);
            }
          }
          for (; i < mc; i += MR) {
            const mr = min(MR, mc - i);
            const pa = packA + <usize>(i * kc) * 4;
            const cij = cj + <usize>(i0 + i) * ldcB;
            if (mr == MR && full) micro(nv, kc, pa, pb, sb, cij, ldcB, keep);
            else micro_edge(nv, kc, pa, pb, sb, cij, ldcB, keep, mr, nr, tile);
          }
        }
      }
    }
  }
}

/** Batched gemm_f32: batch i uses a + i·strideA·4, b + i·strideB·4, c + i·strideC·4
 *  (strides in elements; 0 broadcasts one matrix). Same scratch as gemm_f32.
 *  Example (torch.bmm of [8,32,16]·[8,16,64]): gemm_batched_f32(8, 32, 64, 16,
 *  a, 512, 16, 0, b, 1024, 64, 0, c, 2048, 64, 0, work). */
export function gemm_batched_f32(batch: i32, M: i32, N: i32, K: i32, a: usize, strideA: i32, lda: i32, transA: i32, b: usize, strideB: i32, ldb: i32, transB: i32, c: usize, strideC: i32, ldc: i32, accumulate: i32, work: usize): void {
  const sa = <usize>strideA << 2;
  const sb = <usize>strideB << 2;
  const sc = <usize>strideC << 2;
  for (let i = 0; i < batch; i++) {
    gemm_f32(M, N, K, a, lda, transA, b, ldb, transB, c, ldc, accumulate, work);
    a += sa;
    b += sb;
    c += sc;
  }
}
