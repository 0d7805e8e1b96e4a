// Shared pieces of the benchmark suite: the workload interface every system implements, timing
// (warm-up, calibrated repetitions, median of samples), the data every system starts from, and
// the machine line.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** One timed unit of work: `run()` does it once and returns when it is finished (results
 *  computed, not merely queued). Async only where the system itself is (jax-js). */
export interface Runner {
  run(): void | Promise<void>;
  dispose(): void;
}

/** The workloads of issue 4, one factory each; null where a system cannot run one. */
export interface System {
  name: string;
  /** One n×n · n×n float32 product, operands already in the system's memory. */
  matmul(n: number): Runner;
  /** One step of Linear(4096,120) → relu → Linear(120,10) → sigmoid, MSELoss, SGD lr 0.01. */
  tutorial(batch: number): Runner;
  /** One step of 784 → 256 → relu → 10, cross-entropy, Adam lr 1e-3. */
  mnist(batch: number): Runner;
  /** `sigmoid(x)` or `x + y` over n floats into a new result. */
  elementwise(op: 'sigmoid' | 'add', n: number): Runner;
  /** Anything the system wants reported beside its figures (backend, threads). */
  note?: string;
}

export interface Timing {
  /** Median seconds per run, process CPU time (see `cpuSeconds`). */
  median: number;
  /** Median seconds per run, wall clock. */
  wall: number;
  samples: number[];
  reps: number;
}

export interface TimeOptions {
  /** Target length of one sample, seconds. */
  sample: number;
  /** Number of samples (the median of these is reported; at least 5). */
  count: number;
  /** Warm-up: at least this many runs and this many seconds. */
  warmRuns: number;
  warmSeconds: number;
}

const now = () => performance.now() / 1000;

/** CPU seconds this process has used. Every workload runs on one thread, so on an idle machine
 *  this equals wall time; on a shared machine (other processes competing for the cores) it
 *  still counts only the time the benchmark actually ran, which keeps figures comparable. */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Times `r.run()`: warm-up (V8 tiers up, jit compiles), repetitions per sample calibrated so a
 *  sample lasts about `o.sample` s, then `o.count` samples; reports the median per-run time. */
export async function time(r: Runner, o: TimeOptions): Promise<Timing> {
  const t0 = now();
  let runs = 0;
  let last = 0;
  while (runs < o.warmRuns || now() - t0 < o.warmSeconds) {
    const s = cpuSeconds();
    await r.run();
    last = cpuSeconds() - s;
    runs++;
    if (last > o.sample * 2 && runs >= 2) break; // a slow workload: one run per sample
  }
  const reps = Math.max(1, Math.round(o.sample / Math.max(last, 1e-7)));
  const samples: number[] = [];
  const walls: number[] = [];
  for (let k = 0; k < Math.max(5, o.count); k++) {
    const c = cpuSeconds();
    const s = now();
    for (let i = 0; i < reps; i++) await r.run();
    walls.push((now() - s) / reps);
    samples.push((cpuSeconds() - c) / reps);
  }
  return { median: median(samples), wall: median(walls), samples, reps };
}

export function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Deterministic data every system starts from (the same numbers for all of them), so no
 *  system's random generator is timed and denormal or saturation effects are shared. */
export function uniform(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    out[i] = lo + (hi - lo) * (s / 4294967296);
  }
  return out;
}

/** Class labels in [0, classes). */
export function labels(n: number, classes: number, seed: number): Int32Array {
  const u = uniform(n, seed, 0, classes);
  return Int32Array.from(u, (v) => Math.min(classes - 1, Math.floor(v)));
}

/** One-hot rows for the systems whose cross-entropy takes probabilities (tfjs, jax-js). */
export function oneHot(y: Int32Array, classes: number): Float32Array {
  const out = new Float32Array(y.length * classes);
  y.forEach((c, i) => { out[i * classes + c] = 1; });
  return out;
}

/** PyTorch's default Linear initialization scale: U(-1/√fan_in, 1/√fan_in), weight [out, in]. */
export function linearInit(fanIn: number, fanOut: number, seed: number): { w: Float32Array; b: Float32Array } {
  const k = 1 / Math.sqrt(fanIn);
  return { w: uniform(fanOut * fanIn, seed, -k, k), b: uniform(fanOut, seed + 1, -k, k) };
}

/** [out, in] row-major → [in, out] row-major (tfjs and jax-js keep x·W with W as [in, out]). */
export function transpose(w: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = w[r * cols + c];
  return t;
}

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  memory: string;
  load: string;
}

export function machine(): Machine {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch { /* not Linux */ }
  let memory = '';
  try {
    const m = /MemTotal:\s*(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (m) memory = `${(Number(m[1]) / 1048576).toFixed(0)} GiB`;
  } catch { /* not Linux */ }
  let load = '';
  try {
    load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch { /* not Linux */ }
  return { cpu, cores: cpus().length, node: process.version, memory, load };
}
