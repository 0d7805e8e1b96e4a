// Where tocha's time goes in one workload: runs it under V8's sampling profiler and prints the
// functions with the most self time, wasm functions by name (V8 shows `wasm-function[i]` when the
// module has no name section; i is the function's index in build/tocha.wat, imports first).
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts tutorial_10 [steps] [--threads N] [--high]
//   npx tsx bench/profile.ts --report /tmp/prof/<file>.cpuprofile   (the largest file: the main thread)
// One thread unless --threads says otherwise; --high runs under set_float32_matmul_precision('high').
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

/** Names of the wasm functions in index order: imports first, then definitions, as in the .wat. */
function watNames(file = 'build/tocha.wat'): string[] {
  const wat = join(root, file);
  if (!existsSync(wat)) return [];
  const names: string[] = [];
  for (const line of readFileSync(wat, 'utf8').split('\n')) {
    const imp = /^\s*\(import "[^"]*" "[^"]*" \(func (\$\S+)/.exec(line);
    const def = /^\s*\(func (\$\S+)/.exec(line);
    if (imp) names.push(imp[1]);
    else if (def) names.push(def[1]);
  }
  return names;
}

function report(file: string, top = 25): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const core = watNames();
  // Under set_float32_matmul_precision('high') the products run in a second module (the fused GEMM,
  // build/tocha-fma.wat). V8 names each module's functions by index under its own wasm:// url: a url
  // with an index past the fused module's functions is the core's.
  const fma = watNames('build/tocha-fma.wat');
  const urls = new Map<string, number>();
  for (const n of p.nodes) {
    const m = /wasm-function\[(\d+)\]/.exec(n.callFrame.functionName);
    if (m) urls.set(n.callFrame.url, Math.max(urls.get(n.callFrame.url) ?? 0, Number(m[1])));
  }
  const fused = urls.size > 1 ? new Set([...urls].filter(([, max]) => max < fma.length).map(([u]) => u)) : new Set<string>();
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const byName = new Map<string, number>();
  let total = 0;
  for (const n of p.nodes) {
    const t = self.get(n.id) ?? 0;
    total += t;
    let name = n.callFrame.functionName || '(anonymous)';
    const m = /wasm-function\[(\d+)\]/.exec(name) ?? /^\$?f(?:unc)?(\d+)$/.exec(name);
    const names = fused.has(n.callFrame.url) ? fma : core;
    if (m && names[Number(m[1])]) name = `wasm ${names[Number(m[1])]}${names === fma ? ' (fused)' : ''}`;
    else if (n.callFrame.url.includes('.wasm') || n.callFrame.url.startsWith('wasm://')) name = `wasm ${name}`;
    const where = n.callFrame.url && !name.startsWith('wasm')
      ? ` (${n.callFrame.url.replace(/^.*\/(src|node_modules|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1})` : '';
    byName.set(name + where, (byName.get(name + where) ?? 0) + t);
  }
  const rows = [...byName].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`self time, ${(total / 1000).toFixed(0)} ms sampled:`);
  for (const [name, t] of rows) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${name}`);
}

if (argv[0] === '--report') {
  report(argv[1], Number(argv[2] ?? 25));
} else {
  if (argv.includes('--high')) (await import('node:v8')).setFlagsFromString('--experimental-wasm-relaxed-simd');
  const torch = await import('../src/index.js');
  const t = argv.indexOf('--threads');
  torch.set_num_threads(t >= 0 ? Number(argv[t + 1]) : 1);
  await torch.threads_ready();
  if (argv.includes('--high')) torch.set_float32_matmul_precision('high');
  const { tocha } = await import('./tocha.js');
  const id = argv[0] ?? 'tutorial_10';
  const steps = Number(argv[1]) || 2000;
  const [kind, arg] = id.split('_');
  const r = kind === 'tutorial' ? tocha.tutorial(Number(arg)) : kind === 'mnist' ? tocha.mnist(Number(arg))
    : kind === 'matmul' ? tocha.matmul(Number(arg)) : tocha.elementwise(kind as 'sigmoid' | 'add', 1 << 20);
  for (let i = 0; i < steps; i++) await r.run();
  r.dispose();
}
