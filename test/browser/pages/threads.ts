// The seeded training of determinism.ts on `threads` threads: in a cross-origin isolated page the
// core's memory is shared and worker threads split the products; the bits must not change.
import * as torch from '../../../src/index.js';
import { run as train, type Hashes } from './determinism.js';

export interface Threaded { isolated: boolean | null; threads: number; hashes: Hashes; relaxed: boolean }

/** With `precision` 'high', the products use fused multiply-adds where the engine has relaxed SIMD. */
export async function run(steps: number, threads: number, precision = 'highest'): Promise<Threaded> {
  torch.set_num_threads(threads);
  const n = await torch.threads_ready();
  torch.set_float32_matmul_precision(precision);
  const hashes = await train(steps);
  torch.set_float32_matmul_precision('highest');
  torch.set_num_threads(1);
  const g = globalThis as { crossOriginIsolated?: boolean };
  return { isolated: g.crossOriginIsolated ?? null, threads: n, hashes, relaxed: torch.backends.wasm.relaxed_simd.is_available() };
}
