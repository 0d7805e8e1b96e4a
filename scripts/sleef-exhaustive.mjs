// log2, log10, atan, asin, acos, sinh, cosh, tan, erfc, lgamma and erfinv against their references on every float (2^32 inputs
// each), in blocks of 2^22 compared by hash (scripts/sleef-hash.c): the SLEEF part against libsleef 3.5.1's
// Sleef_<op>f8_u10avx2 (erfc: _u15; the bits PyTorch 1.13's Vectorized<float> gets), erfinv against ATen's calc_erfinv
// built as PyTorch's AVX2 kernels (scripts/aten-hash.cpp), through unary_flat_f32 of the core or transcendental_flat_f32 of the relaxed
// build (a block is whole 16-float blocks, so sinh and cosh take SLEEF on all of it); with `glibc`, sinh's and cosh's
// scalar op (strided input, every element) against the host's sinhf/coshf. A differing block prints its first values.
//   gcc -O2 -mavx2 -mfma -o /tmp/sleef-hash scripts/sleef-hash.c /usr/lib/x86_64-linux-gnu/libsleef.so -lm
//   (erfinv: /tmp/aten-hash, built as scripts/aten-hash.cpp says)
//   node --experimental-wasm-relaxed-simd scripts/sleef-exhaustive.mjs op [core|relaxed|glibc] [every-kth-block]
// after `node scripts/build.mjs --wasm-only`. 1.5-3 minutes an op here (core; the relaxed build is faster).
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const OPS = { log2: 16, log10: 50, atan: 18, asin: 53, acos: 54, sinh: 51, cosh: 52, erfc: 63, lgamma: 60, erfinv: 59, tan: 42 };
const [name, path = 'core', everyS = '1'] = process.argv.slice(2);
const op = OPS[name], every = Number(everyS);
if (op === undefined) throw new Error(`unknown op ${name}: one of ${Object.keys(OPS).join(', ')}`);
const glibc = path === 'glibc';
const aten = name === 'erfinv';
const HASH = aten ? process.env.ATEN_HASH ?? '/tmp/aten-hash' : process.env.SLEEF_HASH ?? '/tmp/sleef-hash';
const REF = aten ? 'aten' : glibc ? 'glibc' : 'sleef';
const N = 1 << 22;
const memory = new WebAssembly.Memory({ initial: 1024, maximum: 65536, shared: true });
const load = (file) => new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), { env: { memory } }).exports;
const core = load('build/tocha.wasm');
core._initialize?.();
const fused = path === 'relaxed' ? load('build/tocha-fma.wasm') : null;
const x = core.alloc(8 * N), a = core.alloc(4 * N), meta = core.alloc(16);
new Int32Array(memory.buffer, meta, 3).set([1, N, 2]); // one row of N, stride 2: the scalar op on every element
const ref = execFileSync(HASH, [REF, name, String(every)], { maxBuffer: 1 << 26 }).toString().trim()
  .split('\n').map((l) => l.split(' ').map(Number));
const canon = (w) => ((w & 0x7fffffff) > 0x7f800000 ? 0x7fc00000 : w);
const f32 = (u) => new Float32Array(Uint32Array.of(u).buffer)[0];
let bad = 0;
const t0 = performance.now();
for (const [blk, want] of ref) {
  const xs = new Uint32Array(memory.buffer, x, 2 * N);
  for (let i = 0; i < N; i++) xs[glibc ? 2 * i : i] = blk * N + i;
  if (glibc) core.unary_f32(op, a, x, meta, 0, 0);
  else if (fused) fused.transcendental_flat_f32(op, a, x, N, 0, 0);
  else core.unary_flat_f32(op, a, x, N, 0, 0);
  const ua = new Uint32Array(memory.buffer, a, N);
  let h = 2166136261;
  for (let i = 0; i < N; i++) { h = Math.imul(h ^ canon(ua[i]), 16777619) >>> 0; h = (h ^ (h >>> 15)) >>> 0; }
  if (h === want) continue;
  if (bad++ >= 3) continue;
  const rb = new Uint32Array(new Uint8Array(execFileSync(HASH, [REF, name, '1', String(blk)],
    { maxBuffer: 1 << 25 })).buffer);
  let n = 0;
  for (let i = 0; i < N; i++) {
    if (canon(ua[i]) === canon(rb[i])) continue;
    if (n++ < 4) console.log(`  ${name}(${f32(blk * N + i)}): tocha 0x${ua[i].toString(16)}, reference 0x${rb[i].toString(16)}`);
  }
  console.log(`  block ${blk}: ${n} differ`);
}
console.log(`${name} (${path}): ${bad} of ${ref.length} blocks differ (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
process.exit(bad ? 1 : 0);
