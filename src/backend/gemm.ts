// Every float32 matrix product goes through here: the packing workspace lives here, and so
// does the split of a large product across threads (src/backend/threads.ts, through pool.ts). A
// thread computes a block of C's columns (or rows, or a range of the batch) with the path chosen for
// the whole product, so the bits are those of one thread.
import { K, malloc, mfree } from './wasm.js';
import { pool, MAX_CHUNKS } from './pool.js';
import { matmulFma } from './fma.js';

let work = 0;
let workBytes = 0;

/** The packing workspace of the calling thread, grown on demand and kept. */
function workspace(M: number, N: number, Kd: number): number {
  const need = Math.max(K.gemm_work_bytes(M, N, Kd), 16);
  if (need > workBytes) {
    if (work) mfree(work);
    work = 0; // stays consistent if malloc throws
    workBytes = 0;
    work = malloc(need);
    workBytes = need;
  }
  return work;
}

/** Products smaller than this (in multiply-adds) run on the calling thread: handing out the
 *  chunks would cost more than it saves. */
export let PARALLEL_MIN_MACS = 1 << 17;
/** Work of one chunk, at least (multiply-adds): chunks are claimed one at a time, so small ones
 *  keep every thread busy to the end (a thread that is descheduled holds up only its own chunk),
 *  while each chunk packs its own panels, which favours large ones. */
const CHUNK_MACS = 1 << 18;

/** Tuning hook for the benchmarks and tests (not public): the smallest product split, and the
 *  narrowest chunks of the packed path (tests split small products into ragged chunks). */
export function _setParallelMin(macs: number, minCols = 128, minRows = 128): void {
  PARALLEL_MIN_MACS = macs;
  MIN_COLS = minCols;
  MIN_ROWS = minRows;
}

/** Chunks for `macs` of work on `threads` threads: at least one per thread, up to 8 per thread
 *  while each keeps CHUNK_MACS of work. */
function partsFor(macs: number, threads: number): number {
  return Math.max(threads, Math.min(threads * 8, MAX_CHUNKS, Math.floor(macs / CHUNK_MACS)));
}

/** Narrowest chunk of columns (packed path) beyond one per thread: it packs all of op(A), M·K, for
 *  M·K·128 of work. */
let MIN_COLS = 128;
/** Fewest rows of a chunk of rows (packed path) beyond one per thread: it packs all of op(B), K·N. */
let MIN_ROWS = 128;

/** Writes gemm_sub_f32's arguments (but the workspace, which each thread supplies). */
function args(v: Int32Array, at: number, dot: boolean, M: number, N: number, Kd: number, a: number, lda: number,
  transA: number, b: number, ldb: number, transB: number, c: number, ldc: number, accumulate: number): void {
  v[at] = dot ? 1 : 0;
  v[at + 1] = M;
  v[at + 2] = N;
  v[at + 3] = Kd;
  v[at + 4] = a;
  v[at + 5] = lda;
  v[at + 6] = transA;
  v[at + 7] = b;
  v[at + 8] = ldb;
  v[at + 9] = transB;
  v[at + 10] = c;
  v[at + 11] = ldc;
  v[at + 12] = accumulate;
}

/** Splits `units` units of `size` into at most `parts` chunks of whole units: [chunk length, chunks]. */
function split(total: number, size: number, parts: number): [number, number] {
  const units = Math.ceil(total / size);
  const per = Math.ceil(units / Math.min(parts, units)) * size;
  return [per, Math.ceil(total / per)];
}

/** C[M×N] (row stride ldc) = (accumulate ? C : 0) + op(A)·op(B); see assembly/matmul.ts. A matrix
 *  product (`matmul`: not a convolution's) takes the fused GEMM when torch.set_float32_matmul_precision
 *  allows it (src/backend/fma.ts). */
export function gemm(M: number, N: number, Kd: number, a: number, lda: number, transA: number,
  b: number, ldb: number, transB: number, c: number, ldc: number, accumulate: number, matmul = false): void {
  const w = workspace(M, N, Kd);
  const F = matmul ? matmulFma() : null;
  const p = pool;
  const threads = p && M > 1 && N > 1 && M * N * Kd >= PARALLEL_MIN_MACS ? p.ready() : 1;
  if (threads > 1) {
    const dot = K.gemm_uses_dot(M, N, Kd, transA, transB) !== 0;
    const parts = partsFor(M * N * Kd, threads);
    const sub = F ? 'fma_gemm_sub_f32' : 'gemm_sub_f32';
    // Each chunk of columns packs all of op(A) again (M·K), each chunk of rows all of op(B) (K·N);
    // the dot path packs nothing. One chunk per thread whenever the shape allows; more (which
    // balance the load) only while each stays wide enough that its packing is a few percent of its
    // work (packing an element costs about six multiply-adds).
    const spanN = dot ? 4 : 16;
    const byN = Math.min(parts, Math.max(Math.floor(N / (dot ? 4 : MIN_COLS)), N >= spanN * threads ? threads : 0));
    const byM = Math.min(parts, Math.max(Math.floor(M / (dot ? 2 : MIN_ROWS)), M >= 2 * threads ? threads : 0));
    if (Math.max(byN, byM) >= 2) {
      // Columns when that packs less (M < N) or rows cannot be split.
      if (byN >= 2 && (M <= N || byM < 2)) {
        const [per, chunks] = split(N, dot ? 4 : 16, byN);
        const bStep = (transB ? ldb : 1) * 4;
        p!.run(sub, chunks, 14, 13, w, (i, v, at) => {
          const j0 = i * per;
          args(v, at, dot, M, Math.min(per, N - j0), Kd, a, lda, transA, b + j0 * bStep, ldb, transB, c + j0 * 4, ldc,
            accumulate);
        });
      } else {
        const [per, chunks] = split(M, 2, byM);
        const aStep = (transA ? 1 : lda) * 4;
        p!.run(sub, chunks, 14, 13, w, (i, v, at) => {
          const i0 = i * per;
          args(v, at, dot, Math.min(per, M - i0), N, Kd, a + i0 * aStep, lda, transA, b, ldb, transB, c + i0 * ldc * 4,
            ldc, accumulate);
        });
      }
      return;
    }
  }
  (F ?? K).gemm_f32(M, N, Kd, a, lda, transA, b, ldb, transB, c, ldc, accumulate, w);
}

/** `batch` products, operand i at a + i·strideA·4 (strides in elements, 0 broadcasts). */
export function gemmBatched(batch: number, M: number, N: number, Kd: number, a: number, strideA: number,
  lda: number, transA: number, b: number, strideB: number, ldb: number, transB: number, c: number,
  strideC: number, ldc: number, accumulate: number, matmul = false): void {
  const w = workspace(M, N, Kd);
  const F = matmul ? matmulFma() : null;
  const p = pool;
  const threads = p && batch * M * N * Kd >= PARALLEL_MIN_MACS ? p.ready() : 1;
  if (threads > 1 && batch >= threads && strideC !== 0) {
    // Whole products to each chunk: the path of each is the one a single call takes.
    const [per, chunks] = split(batch, 1, partsFor(batch * M * N * Kd, threads));
    p!.run(F ? 'fma_gemm_batched_f32' : 'gemm_batched_f32', chunks, 17, 16, w, (i, v, at) => {
      const i0 = i * per;
      v[at] = Math.min(per, batch - i0);
      v[at + 1] = M;
      v[at + 2] = N;
      v[at + 3] = Kd;
      v[at + 4] = a + i0 * strideA * 4;
      v[at + 5] = strideA;
      v[at + 6] = lda;
      v[at + 7] = transA;
      v[at + 8] = b + i0 * strideB * 4;
      v[at + 9] = strideB;
      v[at + 10] = ldb;
      v[at + 11] = transB;
      v[at + 12] = c + i0 * strideC * 4;
      v[at + 13] = strideC;
      v[at + 14] = ldc;
      v[at + 15] = accumulate;
    });
    return;
  }
  if (threads > 1) {
    for (let i = 0; i < batch; i++) {
      gemm(M, N, Kd, a + i * strideA * 4, lda, transA, b + i * strideB * 4, ldb, transB, c + i * strideC * 4, ldc,
        accumulate, matmul);
    }
    return;
  }
  (F ?? K).gemm_batched_f32(batch, M, N, Kd, a, strideA, lda, transA, b, strideB, ldb, transB, c, strideC, ldc,
    accumulate, w);
}
