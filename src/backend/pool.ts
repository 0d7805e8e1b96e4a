// Where the worker thread pool (src/backend/threads.ts) plugs in. The pool installs itself here when an entry imports
// it: 'tocha' always does, a tocha/lean app with `import 'tocha/lean/threads'`. The kernels' callers (flat.ts, gemm.ts)
// ask `pool` whether to split a job and hand it over through it, so that an app without the pool bundles none of its
// code: no worker's program, no control block, ops on the calling thread. torch.set_num_threads, get_num_threads and
// threads_ready live here, and answer for one thread when no pool is installed.
import type { ChunkArgs, ParallelKernel } from './threads.js';

/** Chunks per job (8 bits of the pool's job word), and so the most threads set_num_threads takes. */
export const MAX_CHUNKS = 64;

/** What src/backend/threads.ts installs. */
export interface Pool {
  /** Which module's instance runs `kernel` (op code `op`, for one that dispatches) in each thread: -1 the core (the
   *  fused module for a name fma_…), i the lean part loadedParts[i], undefined none (the job runs on the caller). */
  jobModule(kernel: ParallelKernel, op: number): number | undefined;
  /** Threads ready to take chunks now for a job of the module `part`, the caller included (1: run on the caller). */
  ready(part?: number): number;
  /** Runs a job over `chunks` chunks on the caller and the workers; returns when all are done. */
  run(kernel: ParallelKernel, chunks: number, nargs: number, workArg: number, callerWork: number, fill: ChunkArgs,
    part?: number): void;
  /** get_num_threads(), set_num_threads(n) (n checked), threads_ready(). */
  get(): number;
  set(n: number): void;
  whenReady(): Promise<number>;
}

/** The installed pool, or null: every op on the calling thread. */
export let pool: Pool | null = null;

export function installPool(p: Pool): void {
  pool = p;
}

/** The number of threads ops may use: set_num_threads' value, by default the number of cores (1 where the memory
 *  cannot be shared, and in a tocha/lean app without 'tocha/lean/threads'). */
export function get_num_threads(): number {
  return pool ? pool.get() : 1;
}

/** Sets the number of threads ops may use (the calling thread counts as one), as torch.set_num_threads. Workers start
 *  in the background; until they run, their share is computed by the calling thread. Results do not depend on the
 *  number of threads. A tocha/lean app has one thread unless it imports 'tocha/lean/threads'.
 *  @example torch.set_num_threads(2) */
export function set_num_threads(n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`set_num_threads: expected a positive integer, got ${String(n)}`);
  }
  if (n > MAX_CHUNKS) throw new RangeError(`set_num_threads: at most ${MAX_CHUNKS} threads, got ${n}`);
  if (pool) pool.set(n);
  else if (n > 1) {
    throw new Error(`tocha/lean: set_num_threads(${n}) needs worker threads, which the lean core leaves out; import ` +
      "'tocha/lean/threads' adds them (or import everything from 'tocha' instead of 'tocha/lean')");
  }
}

/** Starts the workers get_num_threads() asks for and resolves, with the number of threads ops can use, once they all
 *  run. Ops never wait for this; tests and benchmarks do. */
export function threads_ready(): Promise<number> {
  return pool ? pool.whenReady() : Promise.resolve(1);
}
