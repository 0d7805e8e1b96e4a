// The raw WebAssembly SIMD ceiling of this CPU: bench/gemm-harness.ts's peak_probe (8 independent
// f32x4 mul+add chains on L1 data, the GEMM micro-kernel's instruction mix), compiled with asc
// once per harness version into the temp directory.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { time, TimeOptions } from './lib.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Harness {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  peak_probe(iters: number, buf: number): number;
  pipe_probe(iters: number, buf: number, mul: number): number;
  _initialize?(): void;
}

async function harness(): Promise<Harness> {
  const src = join(root, 'bench/gemm-harness.ts');
  const hash = createHash('sha1').update(readFileSync(src)).update(readFileSync(join(root, 'assembly/matmul.ts')))
    .digest('hex').slice(0, 12);
  const out = join(tmpdir(), `tocha-bench-peak-${hash}.wasm`);
  if (!existsSync(out)) {
    execFileSync(join(root, 'node_modules/.bin/asc'), ['bench/gemm-harness.ts', '-O3', '--runtime', 'minimal',
      '--enable', 'simd', '--use', 'abort=', '-o', out, '-t', out.replace(/\.wasm$/, '.wat')], { cwd: root, stdio: 'inherit' });
  }
  // asc applies asconfig.json here too: the harness imports a shared memory, as the core does.
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true } as WebAssembly.MemoryDescriptor);
  const { instance } = await WebAssembly.instantiate(readFileSync(out), { env: { memory } });
  const w = instance.exports as unknown as Harness;
  w._initialize?.();
  return w;
}

/** GFLOP/s of the probe (64 flops per iteration), median of the timing's samples. */
export async function peakGflops(o: TimeOptions): Promise<number> {
  const w = await harness();
  const buf = w.alloc(80);
  new Float32Array(w.memory.buffer, buf, 20).fill(1e-3);
  const iters = 200_000;
  const t = await time({ run: () => { w.peak_probe(iters, buf); }, dispose() {} }, o);
  return (64 * iters) / t.median / 1e9;
}

/** GFLOP/s of f32x4 adds alone and multiplies alone (pipe_probe): with peakGflops, how this core
 *  issues the GEMM's mix (separate units: the mixed figure near their sum; shared: near either). */
export async function pipeGflops(o: TimeOptions): Promise<{ add: number; mul: number }> {
  const w = await harness();
  const buf = w.alloc(32);
  const v = new Float32Array(w.memory.buffer, buf, 8);
  v.fill(1, 0, 4); // a = 1: the chains stay normal numbers (no subnormal slow paths)
  v.fill(1e-3, 4, 8);
  const iters = 100_000;
  const rate = async (mul: number) => (48 * iters) / (await time({ run: () => { w.pipe_probe(iters, buf, mul); }, dispose() {} }, o)).median / 1e9;
  return { add: await rate(0), mul: await rate(1) };
}

/** GFLOP/s of the fused multiply-add probe (bench/fma-harness.ts, 96 flops an iteration): the
 *  ceiling of the tocha-fma columns. Null where the engine has no relaxed SIMD. */
export async function fmaGflops(o: TimeOptions): Promise<number | null> {
  const src = join(root, 'bench/fma-harness.ts');
  const hash = createHash('sha1').update(readFileSync(src)).digest('hex').slice(0, 12);
  const out = join(tmpdir(), `tocha-bench-fma-${hash}.wasm`);
  if (!existsSync(out)) {
    execFileSync(join(root, 'node_modules/.bin/asc'), ['bench/fma-harness.ts', '-O3', '--runtime', 'stub',
      '--enable', 'simd', '--enable', 'relaxed-simd', '--use', 'abort=', '-o', out, '-t', out.replace(/\.wasm$/, '.wat')], { cwd: root, stdio: 'inherit' });
  }
  const bytes = readFileSync(out);
  if (!WebAssembly.validate(bytes)) return null;
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true } as WebAssembly.MemoryDescriptor);
  const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
  const probe = instance.exports.fma_probe as (iters: number, buf: number) => number;
  new Float32Array(memory.buffer, 1024, 32).fill(1e-3);
  const iters = 200_000;
  const t = await time({ run: () => { probe(iters, 1024); }, dispose() {} }, o);
  return (96 * iters) / t.median / 1e9;
}
