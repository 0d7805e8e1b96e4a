// Compares the two builds of exp, log, tanh, sigmoid, SiLU, erf, GELU (ATen's kernel, and oneDNN's: gelu_dnnl), expm1, ELU
// (SELU's coefficients), CELU, sin, cos, log1p, softplus, logsigmoid, log2, log10, atan, asin, acos, sinh, cosh, GELU's
// tanh form, erfc, lgamma, erfinv and tan on every float (2^32 inputs each): the core's
// unary_flat_f32 (build/tocha.wasm: SLEEF's fused steps evaluated in f64) against the relaxed build's
// transcendental_flat_f32 (build/tocha-fma.wasm: the same steps as f32x4.relaxed_madd). src/backend/fma.ts uses the
// relaxed build only because they agree (on a CPU whose relaxed_madd fuses; NaN payloads aside, reported apart).
// GELU's gradients (g = 1) likewise: the core's unary_grad_flat_f32 against the relaxed build's gelu_grad_f32, for
// oneDNN's backward (gelu_grad), ATen's vector code (gelu_grad_aten, gelu_tanh_grad) and its scalar code (*_scalar).
// mish, logit (eps None, and logit_eps: 0.25) and mish's gradient (mish_grad_f32, its vector and scalar code) too.
//   node --experimental-wasm-relaxed-simd scripts/fused-check.mjs [exp,log,tanh,sigmoid,silu,erf,gelu] [every-kth-block]
// after `node scripts/build.mjs --wasm-only`. About 4 minutes for all five on this project's hosts.
import { readFileSync } from 'node:fs';

const OPS = { exp: 3, log: 4, tanh: 10, sigmoid: 11, silu: 26, erf: 17, gelu: 24, gelu_dnnl: 200, expm1: 14, elu: 27, celu: 33,
  sin: 8, cos: 9, log1p: 15, softplus: 28, logsigmoid: 29, log2: 16, log10: 50, atan: 18, asin: 53, acos: 54, sinh: 51,
  cosh: 52, gelu_tanh: 25, erfc: 63, lgamma: 60, erfinv: 59, tan: 42,
  mish: 32, logit: 44, logit_eps: 44 };
// the f32 parameters (as bits): SELU's alpha and scale, CELU's alpha 0.7 and 1/0.7
const f32bits = (v) => new Int32Array(Float32Array.of(v).buffer)[0];
const PARAMS = { elu: [f32bits(1.6732632423543772), f32bits(1.0507009873554805)], celu: [f32bits(0.7), f32bits(1 / 0.7)],
  softplus: [f32bits(1), f32bits(20)], logit: [f32bits(-1), 0], logit_eps: [f32bits(0.25), 0] };
// GELU's gradients: [op, row] (row 0: one row, whole 16-float blocks; -1: the scalar code on every element)
const GRADS = { gelu_grad: [200, 0], gelu_grad_aten: [24, 0], gelu_tanh_grad: [25, 0], gelu_grad_scalar: [24, -1],
  gelu_tanh_grad_scalar: [25, -1],
  mish_grad: [32, 0], mish_grad_scalar: [32, -1] };
const GRAD_BASIC_LOOP = 1 << 16;
const names = (process.argv[2] ?? [...Object.keys(OPS), ...Object.keys(GRADS)].join(',')).split(',');
const every = Number(process.argv[3] ?? 1);
const N = 1 << 22; // floats per block (ends on a 16-float boundary, as each block is one row)

const memory = new WebAssembly.Memory({ initial: 1024, maximum: 65536, shared: true });
const load = (file) => new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), { env: { memory } }).exports;
const core = load('build/tocha.wasm');
core._initialize?.();
const fused = load('build/tocha-fma.wasm');
const x = core.alloc(4 * N), a = core.alloc(4 * N), b = core.alloc(4 * N), ones = core.alloc(4 * N);
new Float32Array(memory.buffer, ones, N).fill(1);

let failed = false;
for (const name of names) {
  const op = OPS[name], grad = GRADS[name];
  if (op === undefined && !grad) throw new Error(`unknown op ${name}: one of ${[...Object.keys(OPS), ...Object.keys(GRADS)].join(', ')}`);
  let differ = 0, nans = 0, tried = 0;
  const t0 = performance.now();
  for (let blk = 0; blk < 2 ** 32 / N; blk += every) {
    const start = blk * N;
    const xs = new Uint32Array(memory.buffer, x, N);
    for (let i = 0; i < N; i++) xs[i] = start + i;
    const [p0, p1] = PARAMS[name] ?? [0, 0];
    if (grad) {
      const [gop, row] = grad;
      core.unary_grad_flat_f32(row < 0 ? gop + GRAD_BASIC_LOOP : gop, a, x, 0, ones, N, row < 0 ? 0 : row, 0);
      if (gop === 32) fused.mish_grad_f32(b, x, ones, N, row);
      else fused.gelu_grad_f32(gop, b, x, ones, N, row);
    } else {
      core.unary_flat_f32(op, a, x, N, p0, p1);
      fused.transcendental_flat_f32(op, b, x, N, p0, p1);
    }
    tried += N;
    const ua = new Uint32Array(memory.buffer, a, N), ub = new Uint32Array(memory.buffer, b, N);
    if (Buffer.compare(new Uint8Array(memory.buffer, a, 4 * N), new Uint8Array(memory.buffer, b, 4 * N)) === 0) continue;
    for (let i = 0; i < N; i++) {
      if (ua[i] === ub[i]) continue;
      if ((ua[i] & 0x7fffffff) > 0x7f800000 && (ub[i] & 0x7fffffff) > 0x7f800000) { nans++; continue; }
      if (differ++ < 5) {
        const v = new Float32Array(Uint32Array.of(start + i).buffer)[0];
        console.log(`  ${name}(${v}) [0x${(start + i).toString(16)}]: core 0x${ua[i].toString(16)}, relaxed 0x${ub[i].toString(16)}`);
      }
    }
  }
  const s = ((performance.now() - t0) / 1000).toFixed(0);
  console.log(`${name}: ${differ} of ${tried} inputs differ${nans ? ` (and ${nans} NaN payloads)` : ''} (${s} s)`);
  if (differ) failed = true;
}
process.exit(failed ? 1 : 0);
