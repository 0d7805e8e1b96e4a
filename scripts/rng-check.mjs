// Checks assembly/random.ts against every seed of the conformance `rng` section.
//   node scripts/rng-check.mjs [path/to/torch-cases.json]
// Compiles scripts/rng-harness.ts to /tmp/rng.wasm, replays PyTorch's call order
// (README: rand5, randn3, randn20, randint, randperm10 from one manual_seed; then
// a fresh seed before linear_4_3, embedding_5_2 and rand_2x17) and prints pass/fail
// and the max abs difference per item. Everything is expected bit-exact ("exact");
// normals are allowed 1e-6 should PyTorch's AVX2 polynomial log/sin/cos ever be
// built with other fma contractions than the ones assembly/random.ts reproduces.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const json = process.argv[2] ?? path.resolve(root, "../shared/conformance/torch-cases.json");
const wasmPath = "/tmp/rng.wasm";

execFileSync("npx", ["asc", "scripts/rng-harness.ts", "-O3", "--runtime", "minimal", "--enable", "simd",
  "--use", "abort=", "-o", wasmPath, "-t", "/tmp/rng.wat"], { cwd: root, stdio: "inherit" });
// asc reads asconfig.json, whose core imports a shared memory (threads): give it one.
const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { env: { memory } });
const w = instance.exports;

const g = w.alloc(w.gen_bytes());
const buf = w.alloc(4 * 64);

function f32s(n) { return Array.from(new Float32Array(w.memory.buffer, buf, n)); }
function i32s(n) { return Array.from(new Int32Array(w.memory.buffer, buf, n)); }
const rand = (n, lo = 0, hi = 1) => (w.rand_f32(g, buf, n, lo, hi), f32s(n));
const randn = (n, mean = 0, std = 1) => (w.randn_f32(g, buf, n, mean, std), f32s(n));
const randint = (n, lo, hi) => (w.randint_i32(g, buf, n, lo, hi), i32s(n));
const randperm = (n) => (w.randperm_i32(g, buf, n), i32s(n));
const seed = (s) => w.gen_seed(g, BigInt.asUintN(64, BigInt(s)));

const cases = JSON.parse(readFileSync(json, "utf8")).rng;
let failures = 0;
function check(s, name, got, want, tol) {
  let diff = 0;
  if (got.length !== want.length) diff = Infinity;
  else for (let i = 0; i < got.length; i++) diff = Math.max(diff, Math.abs(got[i] - want[i]));
  const ok = diff <= tol;
  if (!ok) failures++;
  const exact = diff === 0 ? "exact" : `max abs diff ${diff.toExponential(2)}`;
  console.log(`seed ${String(s).padEnd(6)} ${name.padEnd(14)} ${ok ? "pass" : "FAIL"}  ${exact}`);
}

for (const c of cases) {
  const s = c.seed;
  seed(s);
  check(s, "rand5", rand(5), c.rand5.data, 0);
  check(s, "randn3", randn(3), c.randn3.data, 1e-6);
  check(s, "randn20", randn(20), c.randn20.data, 1e-6);
  check(s, "randint", randint(6, 0, 10), c.randint.data, 0);
  check(s, "randperm10", randperm(10), c.randperm10.data, 0);
  // nn.Linear(4, 3): kaiming_uniform_(a=√5) on the weight, then the bias uniform(±1/√fan_in);
  // the bounds computed as torch/nn/init.py does, in double
  seed(s);
  const fanIn = 4, a = Math.sqrt(5);
  const wBound = Math.sqrt(3) * (Math.sqrt(2 / (1 + a ** 2)) / Math.sqrt(fanIn));
  const bBound = 1 / Math.sqrt(fanIn);
  check(s, "linear.weight", rand(12, -wBound, wBound), c.linear_4_3.weight.data, 0);
  check(s, "linear.bias", rand(3, -bBound, bBound), c.linear_4_3.bias.data, 0);
  seed(s);
  check(s, "embedding_5_2", randn(10), c.embedding_5_2.data, 1e-6);
  seed(s);
  check(s, "rand_2x17", rand(34), c.rand_2x17.data, 0);
}
console.log(failures === 0 ? "all rng items pass" : `${failures} rng item(s) FAIL`);
process.exit(failures === 0 ? 0 : 1);
