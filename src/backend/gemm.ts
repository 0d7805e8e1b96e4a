// Every float32 matrix product goes through here: the packing workspace lives here, and so
// does the decision to split a product across threads (src/backend/threads.ts).
import { K, malloc, mfree } from './wasm.js';

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

/** C[M×N] (row stride ldc) = (accumulate ? C : 0) + op(A)·op(B); see assembly/matmul.ts. */
export function gemm(M: number, N: number, Kd: number, a: number, lda: number, transA: number,
  b: number, ldb: number, transB: number, c: number, ldc: number, accumulate: number): void {
  K.gemm_f32(M, N, Kd, a, lda, transA, b, ldb, transB, c, ldc, accumulate, workspace(M, N, Kd));
}

/** `batch` products, operand i at a + i·strideA·4 (strides in elements, 0 broadcasts). */
export function gemmBatched(batch: number, M: number, N: number, Kd: number, a: number, strideA: number,
  lda: number, transA: number, b: number, strideB: number, ldb: number, transB: number, c: number,
  strideC: number, ldc: number, accumulate: number): void {
  K.gemm_batched_f32(batch, M, N, Kd, a, strideA, lda, transA, b, strideB, ldb, transB, c, strideC, ldc,
    accumulate, workspace(M, N, Kd));
}
