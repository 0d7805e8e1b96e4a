// torch.pow's three kernels against their references on every float x for one exponent e (2^32 inputs), in blocks of
// 2^22 compared by hash (scripts/pow-hash.c): `sleef`, x ** e on whole 16-float blocks (the core's unary_flat_f32,
// mathf.ts pow_sleef_v) against libsleef's Sleef_powf8_u10avx2; `powf`, a tensor exponent's scalar lambda (strided
// binary_f32: glibc's powf, AssemblyScript's powf_lut) against the host's powf; `pow`, a number exponent's scalar lambda
// (strided unary_f32: std::pow(float, double), pow_lut in double) against the host's pow. A differing block prints its
// first values. With `relaxed`, the sleef part runs on the relaxed build's pow_flat_f32 (a tensor exponent of one value).
//   gcc -O2 -mavx2 -mfma -fno-builtin -o /tmp/pow-hash scripts/pow-hash.c /usr/lib/x86_64-linux-gnu/libsleef.so -lm
//   node --experimental-wasm-relaxed-simd scripts/pow-check.mjs sleef|powf|pow e [every-kth-block] [relaxed]
// after `node scripts/build.mjs --wasm-only`. About 2-4 minutes a run here for every block.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const HASH = process.env.POW_HASH ?? '/tmp/pow-hash';
const [mode, eS, everyS = '1', build = 'core'] = process.argv.slice(2);
const e = Number(eS), every = Number(everyS);
if (!['sleef', 'powf', 'pow'].includes(mode) || Number.isNaN(e)) throw new Error('usage: pow-check.mjs sleef|powf|pow e [every]');
const N = 1 << 22;
const memory = new WebAssembly.Memory({ initial: 1024, maximum: 65536, shared: true });
const core = new WebAssembly.Instance(new WebAssembly.Module(readFileSync('build/tocha.wasm')), { env: { memory } }).exports;
core._initialize?.();
const fused = build === 'relaxed'
  ? new WebAssembly.Instance(new WebAssembly.Module(readFileSync('build/tocha-fma.wasm')), { env: { memory } }).exports : null;
const x = core.alloc(8 * N), a = core.alloc(4 * N), b = core.alloc(16), meta = core.alloc(32);
const hi = Math.fround(e), lo = Math.fround(e - hi); // the kernels' exponent parameters (src/ops/elementwise.ts pow)
const bits = (v) => new Int32Array(Float32Array.of(v).buffer)[0];
new Float32Array(memory.buffer, b, 1)[0] = hi;
// one row of N, x at stride 2 (and the exponent at stride 0): the scalar code on every element
new Int32Array(memory.buffer, meta, 4).set(mode === 'powf' ? [1, N, 2, 0] : [1, N, 2]);
const ref = execFileSync(HASH, [mode, eS, String(every)], { maxBuffer: 1 << 26 }).toString().trim()
  .split('\n').map((l) => l.split(' ').map(Number));
const canon = (w) => ((w & 0x7fffffff) > 0x7f800000 ? 0x7fc00000 : w);
const f32 = (u) => new Float32Array(Uint32Array.of(u).buffer)[0];
let bad = 0;
const t0 = performance.now();
for (const [blk, want] of ref) {
  const xs = new Uint32Array(memory.buffer, x, 2 * N);
  const step = mode === 'sleef' ? 1 : 2;
  for (let i = 0; i < N; i++) xs[step * i] = blk * N + i;
  if (mode === 'sleef' && fused) fused.pow_flat_f32(a, x, b, 0, N);
  else if (mode === 'sleef') core.unary_flat_f32(38, a, x, N, bits(hi), bits(lo));
  else if (mode === 'powf') core.binary_f32(6, a, x, b, meta);
  else core.unary_f32(38, a, x, meta, hi, lo);
  const ua = new Uint32Array(memory.buffer, a, N);
  let h = 2166136261;
  for (let i = 0; i < N; i++) h = Math.imul(h ^ canon(ua[i]), 16777619) >>> 0;
  if (h === want) continue;
  if (bad++ >= 3) continue;
  const rb = new Uint32Array(new Uint8Array(execFileSync(HASH, [mode, eS, '1', String(blk)], { maxBuffer: 1 << 25 })).buffer);
  let n = 0;
  for (let i = 0; i < N; i++) {
    if (canon(ua[i]) === canon(rb[i])) continue;
    if (n++ < 4) console.log(`  pow(${f32(blk * N + i)}, ${e}): tocha 0x${ua[i].toString(16)}, reference 0x${rb[i].toString(16)}`);
  }
  console.log(`  block ${blk}: ${n} differ`);
}
console.log(`${mode}${fused ? ' (relaxed)' : ''} e = ${e}: ${bad} of ${ref.length} blocks differ (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
process.exit(bad ? 1 : 0);
