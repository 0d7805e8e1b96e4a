// Compares tocha's unary op (the core's unary_flat_f32, build/tocha.wasm) with the per-block hashes that
// scripts/libm-check.c writes for this host's libm, on all 2^32 floats: a port of a glibc function (assembly/libm.ts)
// is exact when no block differs. About 1-2 minutes an op.
//   node scripts/libm-check.mjs <op name of src/backend/kernels.ts U> <hashes file>
import { readFileSync } from 'node:fs';

const [name, file] = process.argv.slice(2);
const src = readFileSync('src/backend/kernels.ts', 'utf8');
const op = Number(new RegExp(`[{\\s,]${name}: (\\d+)`).exec(src.slice(src.indexOf('export const U = {')))?.[1]);
if (!Number.isInteger(op)) throw new Error(`no unary op ${name} in src/backend/kernels.ts`);
const memory = new WebAssembly.Memory({ initial: 1024, maximum: 65536, shared: true });
const core = new WebAssembly.Instance(new WebAssembly.Module(readFileSync('build/tocha.wasm')), { env: { memory } }).exports;
core._initialize?.();
const N = 1 << 22;
const x = core.alloc(4 * N), a = core.alloc(4 * N);
const want = readFileSync(file, 'utf8').trim().split('\n');
let bad = 0;
for (let b = 0; b < 1024; b++) {
  const xs = new Uint32Array(memory.buffer, x, N);
  for (let i = 0; i < N; i++) xs[i] = b * N + i;
  core.unary_flat_f32(op, a, x, N, 0, 0);
  const r = new Uint32Array(memory.buffer, a, N);
  let h = 0, g = 0;
  for (let i = 0; i < N; i++) {
    let v = r[i];
    if ((v & 0x7fffffff) > 0x7f800000) v = 0x7fc00000;
    h = (h + Math.imul(v, i + 1)) >>> 0;
    g = (g ^ ((v + Math.imul(i, 2654435761)) >>> 0)) >>> 0;
  }
  const got = h.toString(16).padStart(8, '0') + g.toString(16).padStart(8, '0');
  if (got !== want[b] && bad++ < 5) console.log(`${name}: block ${b} (from 0x${(b * N).toString(16)}) differs`);
}
console.log(`${name}: ${bad} of 1024 blocks of 2^22 floats differ from the libm hashes`);
process.exit(bad ? 1 : 0);
