// A/B of the kernels the relaxed build now also serves (src/backend/fma.ts fusedKernels): the core's export
// against the relaxed module's, the same arguments, one thread, best of several runs. Also checks they give the same
// bits. Run: npx tsx --experimental-wasm-relaxed-simd bench/fused-kernels.ts
import v8 from 'node:v8';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const { K, F32, I32, malloc, mfree, meta } = await import('../src/backend/wasm.js');
await import('../src/backend/fma-load.js'); // (the fused module's loader, as the default entries install it)
const { fmaKernels } = await import('../src/backend/fma.js');
const fk = fmaKernels() as unknown as Record<string, (...a: number[]) => void>;
const ck = K as unknown as Record<string, (...a: number[]) => void>;

function buf(n: number, f: (i: number) => number): number {
  const p = malloc(n * 4);
  const v = F32();
  for (let i = 0; i < n; i++) v[(p >> 2) + i] = f(i);
  return p;
}
let seed = 1;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;

function best(fn: () => void, reps: number): number {
  let b = Infinity;
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) fn();
    b = Math.min(b, (performance.now() - t) / reps);
  }
  return b;
}

function ab(name: string, name2: string | null, outs: [number, number][], args: (o: number[]) => number[], reps: number): void {
  const o1 = outs.map(([, n]) => malloc(n * 4)), o2 = outs.map(([, n]) => malloc(n * 4));
  const core = () => ck[name](...args(o1));
  const fused = () => fk[name2 ?? name](...args(o2));
  core(); fused();
  const w = I32();
  let diff = 0;
  outs.forEach(([, n], k) => { for (let i = 0; i < n; i++) if (w[(o1[k] >> 2) + i] !== w[(o2[k] >> 2) + i]) diff++; });
  const tc = best(core, reps), tf = best(fused, reps);
  console.log(`${name2 ?? name}: core ${tc.toFixed(3)} ms, relaxed ${tf.toFixed(3)} ms (${(tc / tf).toFixed(2)}x), ` +
    `differing ${diff}`);
  [...o1, ...o2].forEach(mfree);
}

const M = 64, N = 1000; // 64 rows of 1000: not a multiple of 16
const n = M * N;
const x = buf(n, () => rnd() * 3), g = buf(n, () => rnd()), w = buf(N, () => 1 + rnd() * 0.5);
const b = buf(N, () => rnd()), yl = buf(n, () => -Math.abs(rnd() * 5) - 0.01), ys = buf(n, () => Math.abs(rnd()) / 100);
const th = buf(n, () => Math.tanh(rnd() * 3));
const mean = buf(M, () => rnd() * 0.1), rstd = buf(M, () => 1 + rnd() * 0.1);

ab('softmax_backward_f32', null, [[0, n]], ([o]) => [o, yl, g, M, N, 1, 1, 1], 20); // log_softmax, last dim
ab('softmax_backward_f32', null, [[0, n]], ([o]) => [o, ys, g, M, N, 1, 0, 1], 20); // softmax, last dim
ab('softmax_backward_f32', null, [[0, n]], ([o]) => [o, yl, g, 1, M, N, 1, 0], 20); // log_softmax, dim 0
ab('softmax_backward_f32', null, [[0, n]], ([o]) => [o, ys, g, 1, M, N, 0, 0], 20); // softmax, dim 0
ab('layer_norm_backward_f32', null, [[0, n], [1, N], [2, N]], ([dx, dw, db]) => [dx, dw, db, g, x, mean, rstd, w, M, N], 20);
ab('layer_norm_f32', null, [[0, n], [1, M], [2, M]], ([o, m, r]) => [o, m, r, x, w, b, M, N, 1e-5], 20);
ab('group_norm_f32', null, [[0, n]], ([o]) => [o, 0, 0, x, w, b, 4, 16, n / 64, 4, 1e-5], 20);
{
  // the core's unary_grad_f32 (U_TANH = 10) against the relaxed tanh_backward_f32
  const o1 = malloc(n * 4), o2 = malloc(n * 4);
  const core = () => ck.unary_grad_f32(10, o1, 0, th, g, n, 0, 0);
  const fused = () => fk.tanh_backward_f32(o2, th, g, n);
  core(); fused();
  const v = I32();
  let diff = 0;
  for (let i = 0; i < n; i++) if (v[(o1 >> 2) + i] !== v[(o2 >> 2) + i]) diff++;
  const tc = best(core, 50), tf = best(fused, 50);
  console.log(`tanh gradient: core unary_grad_f32 ${tc.toFixed(3)} ms, relaxed ${tf.toFixed(3)} ms (${(tc / tf).toFixed(2)}x), differing ${diff}`);
}
// norm p = 2: last dim (norm2Row) and over dim 0 (the serial fused loop)
const m1 = meta([N, M], [0, 1], [1, N]);
ab('moments_reduce_f32', null, [[0, M]], ([o]) => [2, o, 0, x, m1, 2, 0, 1], 50);
const m0 = meta([M, N], [0, 1], [N, 1]);
ab('moments_reduce_f32', null, [[0, N]], ([o]) => [2, o, 0, x, m0, 2, 0, 0], 50);
