// mish, mish's gradient (g = 1), logit (eps None) and trigamma (digamma's gradient) against PyTorch 1.13's kernels on
// every float (2^32 inputs each), in blocks of 2^22 compared by hash (scripts/mish-hash.cpp: torch's own headers built
// as ATen's AVX2 kernels). `vec`: a block is one contiguous row of whole 16-float blocks, so SLEEF's part on all of it,
// through the core's unary_flat_f32 / unary_grad_flat_f32 or the relaxed build's transcendental_flat_f32 /
// mish_grad_f32; `scalar`: the scalar lambdas (glibc), a strided row or the gradient's basic loop. A differing block
// prints its first values.
//   g++ ... -o /tmp/mish-hash scripts/mish-hash.cpp (see there), node scripts/build.mjs --wasm-only, then
//   node --experimental-wasm-relaxed-simd scripts/mish-exhaustive.mjs op [vec|scalar] [core|relaxed] [every-kth-block]
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const OPS = { mish: 32, mish_grad: 32, logit: 44, trigamma: 62 };
const GRAD_BASIC_LOOP = 1 << 16;
const HASH = process.env.MISH_HASH ?? '/tmp/mish-hash';
const [name, mode = 'vec', path = 'core', everyS = '1'] = process.argv.slice(2);
const op = OPS[name], every = Number(everyS), vec = mode === 'vec';
if (op === undefined) throw new Error(`unknown op ${name}: one of ${Object.keys(OPS).join(', ')}`);
const N = 1 << 22;
const memory = new WebAssembly.Memory({ initial: 1024, maximum: 65536, shared: true });
const load = (file) => new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), { env: { memory } }).exports;
const core = load('build/tocha.wasm');
core._initialize?.();
const fused = path === 'relaxed' ? load('build/tocha-fma.wasm') : null;
const x = core.alloc(8 * N), a = core.alloc(4 * N), ones = core.alloc(4 * N), meta = core.alloc(16);
new Float32Array(memory.buffer, ones, N).fill(1);
new Int32Array(memory.buffer, meta, 3).set([1, N, 2]); // one row of N, stride 2: the scalar op on every element
const none = new Int32Array(Float32Array.of(-1).buffer)[0]; // logit's eps = -1 (None), as f32 bits

/** op over the block at x into a. */
function run() {
  if (name === 'mish_grad') {
    if (fused) fused.mish_grad_f32(a, x, ones, N, vec ? 0 : -1);
    else core.unary_grad_flat_f32(vec ? op : op + GRAD_BASIC_LOOP, a, x, 0, ones, N, 0, 0);
  } else if (!vec && name !== 'trigamma') core.unary_f32(op, a, x, meta, name === 'logit' ? -1 : 0, 0);
  else if (fused && name !== 'trigamma') fused.transcendental_flat_f32(op, a, x, N, name === 'logit' ? none : 0, 0);
  else core.unary_flat_f32(op, a, x, N, name === 'logit' ? none : 0, 0);
}

const ref = execFileSync(HASH, [vec ? 'vec' : 'scalar', name, String(every)], { maxBuffer: 1 << 26 }).toString().trim()
  .split('\n').map((l) => l.split(' ').map(Number));
const canon = (w) => ((w & 0x7fffffff) > 0x7f800000 ? 0x7fc00000 : w);
const f32 = (u) => new Float32Array(Uint32Array.of(u).buffer)[0];
const strided = !vec && name !== 'trigamma' && name !== 'mish_grad';
let bad = 0;
const t0 = performance.now();
for (const [blk, want] of ref) {
  const xs = new Uint32Array(memory.buffer, x, 2 * N);
  for (let i = 0; i < N; i++) xs[strided ? 2 * i : i] = blk * N + i;
  run();
  const ua = new Uint32Array(memory.buffer, a, N);
  let h = 2166136261;
  for (let i = 0; i < N; i++) h = Math.imul(h ^ canon(ua[i]), 16777619) >>> 0;
  if (h === want) continue;
  if (bad++ >= 3) continue;
  const rb = new Uint32Array(new Uint8Array(execFileSync(HASH, [vec ? 'vec' : 'scalar', name, '1', String(blk)],
    { maxBuffer: 1 << 25 })).buffer);
  let n = 0;
  for (let i = 0; i < N; i++) {
    if (canon(ua[i]) === canon(rb[i])) continue;
    if (n++ < 4) console.log(`  ${name}(${f32(blk * N + i)}): tocha 0x${ua[i].toString(16)}, torch 0x${rb[i].toString(16)}`);
  }
  console.log(`  block ${blk}: ${n} differ`);
}
console.log(`${name} (${mode}, ${path}): ${bad} of ${ref.length} blocks differ (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
process.exit(bad ? 1 : 0);
