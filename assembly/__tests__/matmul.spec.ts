import { gemm_f32, gemm_batched_f32, gemm_work_bytes, gemm_uses_dot } from "../matmul";
import { allocF32, freeF32 } from "./buffers";

// gemm_f32 sums each C element over k strictly in order from C (or 0), with no
// FMA, so it must equal this naive f32 loop bit for bit. The exception is the
// dot-product path (x·Wᵀ with few rows, gemm_uses_dot): it keeps four partial sums,
// one per k mod 4, and adds them as (s0 + s2) + (s1 + s3) before C; the reference
// follows that order for those shapes.

let seed: u32 = 12345;
function rnd(): f32 {
  seed = seed * 1664525 + 1013904223;
  return <f32>(<i32>(seed >> 8) - (1 << 23)) / <f32>(1 << 23);
}

/** heap block with a 4-byte offset, so a/b/c are never 16-byte aligned. */
function fillRandom(p: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(p + (<usize>i << 2), rnd());
}

function refGemm(M: i32, N: i32, K: i32, a: usize, lda: i32, tA: i32, b: usize, ldb: i32, tB: i32, c: usize, ldc: i32, acc: i32): void {
  const dot = gemm_uses_dot(M, N, K, tA, tB);
  const p = new StaticArray<f32>(4);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      const cp = c + (<usize>(i * ldc + j) << 2);
      let s: f32 = acc ? load<f32>(cp) : 0;
      if (dot) {
        p[0] = p[1] = p[2] = p[3] = 0;
        for (let k = 0; k < K; k++) {
          p[k & 3] += load<f32>(a + (<usize>(i * lda + k) << 2)) * load<f32>(b + (<usize>(j * ldb + k) << 2));
        }
        const d = (p[0] + p[2]) + (p[1] + p[3]);
        s = acc ? s + d : d;
      } else {
        for (let k = 0; k < K; k++) {
          const av = load<f32>(a + (<usize>(tA ? k * lda + i : i * lda + k) << 2));
          const bv = load<f32>(b + (<usize>(tB ? j * ldb + k : k * ldb + j) << 2));
          s += av * bv;
        }
      }
      store<f32>(cp, s);
    }
  }
}

/** Runs one case against the reference; returns the number of mismatching words
 *  of C, including the padding between rows (which must stay untouched). */
function check(M: i32, N: i32, K: i32, tA: i32, tB: i32, acc: i32): i32 {
  const pad = 3;
  const lda = (tA ? M : K) + pad;
  const ldb = (tB ? K : N) + pad;
  const ldc = N + 2;
  const aRows = tA ? K : M;
  const bRows = tB ? N : K;
  const aN = aRows * lda, bN = bRows * ldb, cN = M * ldc;
  const a = allocF32(aN), b = allocF32(bN), c = allocF32(cN), r = allocF32(cN);
  fillRandom(a, aN);
  fillRandom(b, bN);
  fillRandom(c, cN);
  memory.copy(r, c, <usize>cN << 2);
  const wb = gemm_work_bytes(M, N, K);
  const work = heap.alloc(<usize>max(wb, 16));
  gemm_f32(M, N, K, a, lda, tA, b, ldb, tB, c, ldc, acc, work);
  refGemm(M, N, K, a, lda, tA, b, ldb, tB, r, ldc, acc);
  let bad = 0;
  for (let i = 0; i < cN; i++) {
    if (load<u32>(c + (<usize>i << 2)) != load<u32>(r + (<usize>i << 2))) bad++;
  }
  heap.free(work);
  freeF32(a);
  freeF32(b);
  freeF32(c);
  freeF32(r);
  return bad;
}

const small: i32[] = [0, 1, 2, 3, 4, 5, 7, 8, 12, 17, 20, 33];
const large: i32[] = [64, 65, 130];

/** All transposes and accumulate flags for one shape; counts failing cases. */
function checkAll(M: i32, N: i32, K: i32): i32 {
  let failed = 0;
  for (let f = 0; f < 8; f++) {
    const bad = check(M, N, K, f & 1, (f >> 1) & 1, (f >> 2) & 1);
    if (bad != 0) {
      trace("gemm mismatch M N K", 3, M, N, K);
      trace("  transA transB accumulate, bad words", 4, f & 1, (f >> 1) & 1, (f >> 2) & 1, bad);
      failed++;
    }
  }
  return failed;
}

describe("gemm_f32", () => {
  it("matches a naive f32 loop bit for bit on all small shapes", () => {
    let failed = 0;
    for (let x = 0; x < small.length; x++)
      for (let y = 0; y < small.length; y++)
        for (let z = 0; z < small.length; z++) failed += checkAll(small[x], small[y], small[z]);
    expect<i32>(failed).toBe(0);
  });

  it("matches when one dimension is 64, 65 or 130", () => {
    let failed = 0;
    for (let l = 0; l < large.length; l++) {
      const L = large[l];
      for (let x = 0; x < small.length; x++) {
        for (let y = 0; y < small.length; y += 2) {
          const s = small[x], t = small[y];
          failed += checkAll(L, s, t);
          failed += checkAll(s, L, t);
          failed += checkAll(s, t, L);
        }
      }
    }
    expect<i32>(failed).toBe(0);
  });

  it("matches on large shapes that cross the MC, KC and NC blocks", () => {
    let failed = 0;
    failed += checkAll(64, 64, 64);
    failed += checkAll(65, 130, 64);
    failed += checkAll(130, 65, 130);
    failed += checkAll(130, 33, 300); // K > KC: C is reloaded between k blocks
    failed += checkAll(17, 40, 520);
    failed += checkAll(16, 37, 520); // B read in place (M ≤ 16), k blocks and a packed tail
    failed += checkAll(5, 1030, 300); // wide B: packed even for few rows
    failed += checkAll(3, 1040, 5); // N > NC
    failed += checkAll(1, 1040, 300); // matrix-vector paths
    failed += checkAll(300, 1, 130);
    failed += checkAll(257, 2, 3); // M > 2·MC
    failed += checkAll(32, 37, 301); // the largest M of the dot path, odd N and K
    failed += checkAll(33, 37, 301); // just past it: packed
    expect<i32>(failed).toBe(0);
  });

  it("K = 0 gives zeros, or leaves C when accumulating", () => {
    const c = allocF32(12);
    fillRandom(c, 12);
    const keep = load<f32>(c + 20);
    gemm_f32(3, 4, 0, 0, 1, 0, 0, 4, 0, c, 4, 1, 0);
    expect<f32>(load<f32>(c + 20)).toBe(keep);
    gemm_f32(3, 4, 0, 0, 1, 0, 0, 4, 0, c, 4, 0, 0);
    let nonzero = 0;
    for (let i = 0; i < 12; i++) if (load<f32>(c + (<usize>i << 2)) != 0) nonzero++;
    expect<i32>(nonzero).toBe(0);
    freeF32(c);
  });

  it("needs no scratch for empty products", () => {
    expect<i32>(gemm_work_bytes(0, 5, 5)).toBe(0);
    expect<i32>(gemm_work_bytes(5, 5, 0)).toBe(0);
  });
});

describe("gemm_batched_f32", () => {
  it("matches per-batch gemm, with a broadcast (stride 0) operand", () => {
    const batch = 3, M = 5, N = 19, K = 7;
    for (let f = 0; f < 8; f++) {
      const tA = f & 1, tB = (f >> 1) & 1, acc = (f >> 2) & 1;
      const lda = tA ? M : K, ldb = tB ? K : N;
      const sa = M * K, sc = M * N;
      const a = allocF32(batch * sa), b = allocF32(K * N), c = allocF32(batch * sc), r = allocF32(batch * sc);
      fillRandom(a, batch * sa);
      fillRandom(b, K * N);
      fillRandom(c, batch * sc);
      memory.copy(r, c, <usize>(batch * sc) << 2);
      const work = heap.alloc(<usize>max(16, gemm_work_bytes(M, N, K)));
      gemm_batched_f32(batch, M, N, K, a, sa, lda, tA, b, 0, ldb, tB, c, sc, N, acc, work);
      for (let i = 0; i < batch; i++) {
        refGemm(M, N, K, a + <usize>(i * sa * 4), lda, tA, b, ldb, tB, r + <usize>(i * sc * 4), N, acc);
      }
      let bad = 0;
      for (let i = 0; i < batch * sc; i++) {
        if (load<u32>(c + (<usize>i << 2)) != load<u32>(r + (<usize>i << 2))) bad++;
      }
      expect<i32>(bad).toBe(0);
      heap.free(work);
      freeF32(a);
      freeF32(b);
      freeF32(c);
      freeF32(r);
    }
  });
});
