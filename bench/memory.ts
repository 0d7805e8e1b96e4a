// tsx bench/memory.ts <system> <steps>: workload 2 (tutorial net, batch 10) for <steps> steps in
// a fresh process, so the process's peak RSS is this system's alone. Prints one JSON line.
import type { System } from './lib.js';

const [name, stepsArg] = process.argv.slice(2);
const steps = Number(stepsArg ?? 1000);
const mb = (bytes: number) => bytes / 1048576;

let sys: System;
let extra: () => Record<string, number> = () => ({});
if (name === 'tocha') {
  const torch = await import('../src/index.js');
  sys = (await import('./tocha.js')).tocha;
  const s0 = () => torch.memory_stats();
  let start = 0;
  extra = () => ({ peak_bytes: s0().peak_bytes, wasm_memory_bytes: s0().wasm_memory_bytes, bytes_in_use_growth: s0().bytes_in_use - start });
  const r = sys.tutorial(10);
  await r.run();
  const rss0 = process.memoryUsage().rss;
  start = s0().bytes_in_use;
  for (let i = 0; i < steps; i++) await r.run();
  report(rss0);
} else {
  if (name === 'tfjs-wasm' || name === 'tfjs-cpu') {
    const t = await import('./tfjs.js');
    await t.useBackend(name === 'tfjs-wasm' ? 'wasm' : 'cpu');
    sys = name === 'tfjs-wasm' ? t.tfjsWasm : t.tfjsCpu;
  } else if (name === 'jax-js') {
    const j = await import('./jax.js');
    await j.setup();
    sys = j.jax;
  } else {
    throw new Error(`unknown system ${name}`);
  }
  const r = sys.tutorial(10);
  await r.run();
  const rss0 = process.memoryUsage().rss;
  for (let i = 0; i < steps; i++) await r.run();
  report(rss0);
}

function report(rss0: number): void {
  const rss1 = process.memoryUsage().rss;
  // maxRSS is in kilobytes.
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ steps, rss_peak_mb: mb(peak), rss_growth_mb: mb(rss1 - rss0), ...extra() }));
  process.exit(0);
}
