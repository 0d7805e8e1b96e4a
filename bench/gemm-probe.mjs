// GFLOP/s of gemm_f32 (single thread) against a raw f32x4 mul+add peak probe.
// Usage: node bench/gemm-probe.mjs                 (compiles bench/gemm-harness.ts)
//        node bench/gemm-probe.mjs --no-build      (reuses the last build)
//        node bench/gemm-probe.mjs --wasm=/tmp/x.wasm --only=train
// --only=square | train | shapes (default: all). `train` lists every GEMM of one training step of
// the issue-4 workloads and sums them (µs a step). Timings are process CPU time, not wall time:
// the machine is shared, and CPU time counts only what this process ran.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name) => process.argv.find((s) => s.startsWith(`--${name}=`))?.slice(name.length + 3);
let out = arg("wasm") ?? "/tmp/tocha-gemm-probe.wasm";
if (!arg("wasm") && !process.argv.includes("--no-build")) {
  execFileSync("npx", ["asc", "bench/gemm-harness.ts", "-O3", "--runtime", "minimal", "--enable", "simd",
    "--use", "abort=", "-o", out, "-t", out.replace(/\.wasm$/, ".wat")], { cwd: root, stdio: "inherit" });
}
// asc applies asconfig.json here too: the harness imports a shared memory, as the core does.
const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
const { instance } = await WebAssembly.instantiate(readFileSync(out), { env: { memory } });
const w = instance.exports;
if (w._initialize) w._initialize();

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
const f32 = (ptr, n) => new Float32Array(w.memory.buffer, ptr, n);
/** Process CPU time in ms. */
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

// Repeat count for ~40 ms per sample (after a warm-up call that also tiers V8 up).
function calibrate(fn) {
  fn();
  let reps = 1;
  for (;;) {
    const t0 = cpu();
    for (let r = 0; r < reps; r++) fn();
    if (cpu() - t0 > 40) return reps;
    reps *= 2;
  }
}
function sample(fn, reps) {
  const t0 = cpu();
  for (let r = 0; r < reps; r++) fn();
  return (cpu() - t0) / reps;
}

// Peak: the micro-kernel's mix of loads, f32x4.mul and f32x4.add on L1 data, 64 flops/iteration.
// This machine's other tenants make timings drift, so each GEMM sample is paired
// with a peak sample taken right before it and the ratio is reported per pair.
const iters = 1_000_000;
const pbuf = w.alloc(80);
f32(pbuf, 20).fill(1e-3);
const peakFn = () => w.peak_probe(iters, pbuf);
const peakReps = calibrate(peakFn);
const peakG = (ms) => (64 * iters) / (ms * 1e6);
{
  const ps = [];
  for (let s = 0; s < 5; s++) ps.push(peakG(sample(peakFn, peakReps)));
  console.log(`peak f32x4 mul+add: ${median(ps).toFixed(1)} GFLOP/s (median of 5; best ${Math.max(...ps).toFixed(1)})`);
}

function timeIt(fn, flops) {
  const reps = calibrate(fn);
  const g = [], ratio = [];
  for (let s = 0; s < 5; s++) {
    const p = peakG(sample(peakFn, Math.max(1, peakReps >> 2)));
    const ms = sample(fn, reps);
    g.push(flops / (ms * 1e6));
    ratio.push(flops / (ms * 1e6) / p);
  }
  return { ms: flops / (median(g) * 1e6), gflops: median(g), best: Math.max(...g), ratio: median(ratio) };
}

function bench(label, M, N, K, transA = 0, transB = 0) {
  const a = w.alloc(M * K * 4), b = w.alloc(K * N * 4), c = w.alloc(M * N * 4);
  const work = w.alloc(Math.max(16, w.gemm_work_bytes(M, N, K)));
  const fa = f32(a, M * K), fb = f32(b, K * N);
  for (let i = 0; i < fa.length; i++) fa[i] = Math.random() - 0.5;
  for (let i = 0; i < fb.length; i++) fb[i] = Math.random() - 0.5;
  const lda = transA ? M : K, ldb = transB ? K : N;
  const r = timeIt(() => w.gemm_f32(M, N, K, a, lda, transA, b, ldb, transB, c, N, 0, work), 2 * M * N * K);
  console.log(`${label.padEnd(34)} ${r.ms.toFixed(3).padStart(9)} ms ${r.gflops.toFixed(1).padStart(6)} GFLOP/s (best ${r.best.toFixed(1).padStart(5)})  ${(100 * r.ratio).toFixed(0).padStart(3)}% of peak`);
  w.free(a); w.free(b); w.free(c); w.free(work);
  return r.ms;
}

/** Every GEMM of one training step (forward, then backward: dX where the input needs it, dW). */
function step(name, B, layers) {
  console.log(`-- ${name}, batch ${B}`);
  let total = 0;
  layers.forEach(([inF, outF], l) => {
    total += bench(`  fwd x·Wᵀ ${B}×${inF}·(${outF}×${inF})ᵀ`, B, outF, inF, 0, 1);
    if (l > 0) total += bench(`  dX g·W ${B}×${outF}·${outF}×${inF}`, B, inF, outF, 0, 0);
    total += bench(`  dW gᵀ·x (${B}×${outF})ᵀ·${B}×${inF}`, outF, inF, B, 1, 0);
  });
  console.log(`  all GEMMs of a step: ${(1000 * total).toFixed(0)} µs`);
}

const only = arg("only");
if (!only || only === "square") for (const n of [64, 128, 256, 512, 1024]) bench(`${n}³ (NN)`, n, n, n);
if (!only || only === "train") {
  step("tutorial net", 10, [[4096, 120], [120, 10]]);
  step("tutorial net", 256, [[4096, 120], [120, 10]]);
  step("MNIST MLP", 64, [[784, 256], [256, 10]]);
}
if (only === "nt") {
  // Where the dot-product path (x·Wᵀ, few rows) stops beating the packed kernel.
  for (const [N, K] of [[120, 4096], [256, 784], [10, 120]]) {
    for (const M of [2, 4, 10, 16, 32, 64]) bench(`${M}×${K}·(${N}×${K})ᵀ`, M, N, K, 0, 1);
  }
}
if (only === "smallk") {
  // Weight gradients gᵀ·x: K is the batch.
  for (const [M, N] of [[120, 4096], [256, 784], [10, 120]]) {
    for (const K of [4, 10, 16, 32, 64]) bench(`(${K}×${M})ᵀ·${K}×${N}`, M, N, K, 1, 0);
  }
}
if (!only || only === "shapes") {
  bench("1024³ (TN)", 1024, 1024, 1024, 1, 0);
  bench("1024³ (NT)", 1024, 1024, 1024, 0, 1);
  bench("1024³ (TT)", 1024, 1024, 1024, 1, 1);
  bench("10×4096 · 4096×120", 10, 120, 4096);
  bench("120×4096 · 4096×10", 120, 10, 4096);
  bench("1×4096 · 4096×120 (gemv)", 1, 120, 4096);
  bench("1×4096 · (120×4096)ᵀ (gemv)", 1, 120, 4096, 0, 1);
  bench("4096×120 ·120×1 (gemv)", 4096, 1, 120);
  bench("(120×4096)ᵀ · 120×1 (gemv)", 4096, 1, 120, 1, 0);
}
