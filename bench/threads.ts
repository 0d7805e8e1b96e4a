// npm run bench:threads: tocha's workloads on 1 thread and on every core, alternated so the host's
// load affects both alike; wall-clock medians. A tuning aid for src/backend/threads.ts.
import { cpus } from 'node:os';
import * as torch from '../src/index.js';
import { tocha } from './tocha.js';
import { median, Runner } from './lib.js';

const rounds = Number(process.argv[2] ?? 5);
const counts = [1, cpus().length];
const work: [string, () => Runner, (s: number) => number, string][] = [
  ['matmul 256', () => tocha.matmul(256), (s) => (2 * 256 ** 3) / s / 1e9, 'GFLOP/s'],
  ['matmul 512', () => tocha.matmul(512), (s) => (2 * 512 ** 3) / s / 1e9, 'GFLOP/s'],
  ['matmul 1024', () => tocha.matmul(1024), (s) => (2 * 1024 ** 3) / s / 1e9, 'GFLOP/s'],
  ['tutorial net, batch 10', () => tocha.tutorial(10), (s) => 1 / s, 'steps/s'],
  ['tutorial net, batch 256', () => tocha.tutorial(256), (s) => 1 / s, 'steps/s'],
  ['MNIST MLP Adam, batch 64', () => tocha.mnist(64), (s) => 1 / s, 'steps/s'],
  ['sigmoid 1M', () => tocha.elementwise('sigmoid', 1 << 20), (s) => (8 << 20) / s / 1e9, 'GB/s'],
  ['add 1M', () => tocha.elementwise('add', 1 << 20), (s) => (12 << 20) / s / 1e9, 'GB/s'],
];

/** Seconds per run: runs for ~sec seconds. */
function sample(r: Runner, sec: number): number {
  let n = 0;
  const t = performance.now();
  while (performance.now() - t < sec * 1000) {
    r.run();
    n++;
  }
  return (performance.now() - t) / 1000 / n;
}

for (const [label, make, rate, unit] of work) {
  const r = make();
  const res: Record<number, number[]> = {};
  for (const n of counts) res[n] = [];
  for (let k = 0; k < rounds; k++) {
    for (const n of counts) {
      torch.set_num_threads(n);
      await torch.threads_ready();
      sample(r, 0.02);
      res[n].push(sample(r, 0.1));
    }
  }
  r.dispose();
  const f = counts.map((n) => rate(median(res[n])));
  console.log(`${label.padEnd(26)} ${counts.map((n, i) => `${n}t ${f[i].toPrecision(4)}`).join('  ')} ${unit}  ×${(f[1] / f[0]).toFixed(2)}`);
}
process.exit(0);
