// The memory soak (issue 5): training loops written the plain PyTorch way (no dispose, no tidy)
// run for many steps while wasm memory, live tensors and process RSS are sampled.
//   npm run soak                      10,000 steps per training loop, prints the table
//   npm run soak -- --steps 2000      fewer steps (checkpoints 100, 1,000 and the last)
//   npm run soak -- --write           also writes the table to docs/memory.md
// test/soak.test.ts runs the same cases with fewer steps and asserts flatness.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, arch } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';

const { nn, optim } = torch;
const { TensorDataset, DataLoader } = torch.utils.data;

/** The MNIST-shaped MLP: 784 → 256 → relu → 10. */
export class MLP extends nn.Module {
  fc1 = new nn.Linear(784, 256);
  fc2 = new nn.Linear(256, 10);
  override forward(x: Tensor): Tensor {
    return this.fc2(torch.relu(this.fc1(x)));
  }
}

export const BATCH = 64;
/** Batches per epoch of the synthetic dataset (random inputs and labels, made once). */
export const BATCHES_PER_EPOCH = 20;

export interface Sample {
  step: number;
  live_tensors: number;
  bytes_in_use: number;
  wasm_memory_bytes: number;
  rss: number;
}

export interface CaseResult {
  name: string;
  samples: Sample[];
  /** Measured once the event loop has turned after the loop (case c and the model loop). */
  after?: Sample;
  /** Tensors the loop rightly leaves behind: gradients and optimizer state (PyTorch keeps them too). */
  state?: { tensors: number; bytes: number };
  note?: string;
}

/** Called at every checkpoint (test/soak.test.ts lists the live tensors there when a case fails). */
export const hooks: { onSample?: (step: number) => void } = {};

export function sample(step: number): Sample {
  hooks.onSample?.(step);
  const s = torch.memory_stats();
  const proc = (globalThis as { process?: { memoryUsage(): { rss: number } } }).process;
  return { step, live_tensors: s.live_tensors, bytes_in_use: s.bytes_in_use, wasm_memory_bytes: s.wasm_memory_bytes, rss: proc ? proc.memoryUsage().rss : 0 };
}

/** The garbage collector, when the process allows exposing it (Node's --expose-gc, set at run time). */
export function exposeGc(): (() => void) | null {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

/** Lets the event loop turn n times (finalizers of collected tensors run then). */
export async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
}

interface Setup {
  net: MLP;
  opt: torch.optim.Adam;
  crit: torch.nn.CrossEntropyLoss;
  X: Tensor;
  Y: Tensor;
}

export function setup(seed = 0): Setup {
  torch.manual_seed(seed);
  const X = torch.randn(BATCH * BATCHES_PER_EPOCH, 784).keep();
  const Y = torch.randint(0, 10, [BATCH * BATCHES_PER_EPOCH]).keep();
  const net = new MLP();
  const opt = new optim.Adam(net.parameters(), { lr: 1e-3 });
  const crit = new nn.CrossEntropyLoss();
  return { net, opt, crit, X, Y };
}

function stateOf(s: Setup): { tensors: number; bytes: number } {
  const ts: Tensor[] = [];
  for (const p of s.net.parameters()) if (p.grad) ts.push(p.grad);
  for (const st of s.opt.state.values()) for (const v of Object.values(st)) if (v instanceof torch.Tensor) ts.push(v);
  return { tensors: ts.length, bytes: ts.reduce((n, t) => n + t.numel() * 4, 0) };
}

function disposeSetup(s: Setup): void {
  s.X.dispose();
  s.Y.dispose();
  for (const p of s.net.parameters()) { p.grad?.dispose(); p.dispose(); }
  for (const st of s.opt.state.values()) {
    for (const v of Object.values(st)) if (v instanceof torch.Tensor) v.dispose();
  }
}

/** (a) sync for...of over a DataLoader, re-iterated for epochs. */
export async function soakLoaderSync(steps: number, at: number[]): Promise<CaseResult> {
  const s = setup();
  const loader = new DataLoader(new TensorDataset(s.X, s.Y), { batch_size: BATCH, shuffle: true });
  await collect(); // the baseline without garbage from the setup
  const samples = trainOnLoader(s, loader, steps, at);
  const after = await settle();
  disposeSetup(s);
  return { name: '(a) sync for...of over a DataLoader', samples, after };
}

function trainOnLoader(s: Setup, loader: Iterable<Tensor[]> & AsyncIterable<Tensor[]>, steps: number, at: number[]): Sample[] {
  const { net, opt, crit } = s;
  const samples: Sample[] = [];
  let step = 0;
  while (step < steps) {
    for (const [x, y] of loader) {
      opt.zero_grad();
      const loss = crit(net(x), y);
      loss.backward();
      opt.step();
      step++;
      if (at.includes(step)) samples.push(sample(step));
      if (step === steps) break;
    }
  }
  return samples;
}

/** (b) for await over a DataLoader. */
export async function soakLoaderAsync(steps: number, at: number[]): Promise<CaseResult> {
  const s = setup();
  const loader = new DataLoader(new TensorDataset(s.X, s.Y), { batch_size: BATCH, shuffle: true });
  await collect(); // the baseline without garbage from the setup
  const samples = await trainOnLoaderAsync(s, loader, steps, at);
  const after = await settle();
  disposeSetup(s);
  return { name: '(b) for await over a DataLoader', samples, after };
}

async function trainOnLoaderAsync(s: Setup, loader: Iterable<Tensor[]> & AsyncIterable<Tensor[]>, steps: number, at: number[]): Promise<Sample[]> {
  const { net, opt, crit } = s;
  const samples: Sample[] = [];
  let step = 0;
  while (step < steps) {
    for await (const [x, y] of loader) {
      opt.zero_grad();
      const loss = crit(net(x), y);
      loss.backward();
      opt.step();
      step++;
      if (at.includes(step)) samples.push(sample(step));
      if (step === steps) break;
    }
  }
  return samples;
}

/** Batches prepared once, as a plain array (the tutorial's loop runs over a list). */
function prepared(s: Setup): [Tensor, Tensor][] {
  const xs = s.X.split(BATCH);
  const ys = s.Y.split(BATCH);
  return xs.map((x, i) => [x.contiguous().keep(), ys[i].contiguous().keep()]);
}

/**
 * (c) the tutorial's loop over a plain array of batches. With no step scope, the per-step
 * tensors not freed by backward (the loss, the graph's outputs) wait for the next backward or
 * the garbage collector; `after` is measured once the event loop has turned after the loop.
 */
export async function soakArray(steps: number, at: number[], opts: { items?: boolean } = {}): Promise<CaseResult> {
  const s = setup();
  const batches = prepared(s);
  await collect(); // the baseline without garbage from the setup
  const base = sample(0);
  // The loop is a function of its own, as a train() would be: once it returns, nothing refers to the last step's tensors.
  const { samples, losses } = trainOnArray(s, batches, steps, at, !!opts.items);
  const after = await settle();
  const state = stateOf(s);
  for (const [x, y] of batches) { x.dispose(); y.dispose(); }
  disposeSetup(s);
  return {
    state,
    name: opts.items ? '(c) plain array, losses kept as loss.item() in a JS array' : '(c) the tutorial\'s loop over a plain array of batches',
    samples: [base, ...samples], after,
    note: opts.items ? `${losses.length} numbers kept` : undefined,
  };
}

function trainOnArray(s: Setup, batches: [Tensor, Tensor][], steps: number, at: number[], items: boolean): { samples: Sample[]; losses: number[] } {
  const { net, opt, crit } = s;
  const samples: Sample[] = [];
  const losses: number[] = [];
  let step = 0;
  while (step < steps) {
    for (const [x, y] of batches) {
      opt.zero_grad();
      const output = net(x);
      const loss = crit(output, y);
      loss.backward();
      opt.step();
      if (items) losses.push(loss.item() as number);
      step++;
      if (at.includes(step)) samples.push(sample(step));
      if (step === steps) break;
    }
  }
  return { samples, losses };
}

/** Lets the event loop turn (and collects garbage when the collector is exposed); then samples. */
export async function settle(): Promise<Sample> {
  await collect();
  return sample(-1);
}

/**
 * Lets the event loop turn and, when the collector can be exposed, collects until the live tensor
 * count stops changing (finalizers run in tasks after a collection).
 */
export async function collect(): Promise<void> {
  const gc = exposeGc();
  await turns(3);
  if (!gc) return;
  for (let i = 0, last = -1; i < 10 && torch.memory_stats().live_tensors !== last; i++) {
    last = torch.memory_stats().live_tensors;
    gc();
    await turns(3);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** An evaluation loop: each step in its own no_grad block, as `with torch.no_grad():` per batch. */
export function soakEval(steps: number, at: number[]): CaseResult {
  const s = setup();
  const batches = prepared(s);
  s.net.eval();
  const samples: Sample[] = [];
  let correct = 0;
  for (let step = 1; step <= steps; step++) {
    const [x, y] = batches[step % batches.length];
    correct += torch.no_grad(() => s.net(x).argmax(1).eq(y).sum().item()) as number;
    if (at.includes(step)) samples.push(sample(step));
  }
  for (const [x, y] of batches) { x.dispose(); y.dispose(); }
  disposeSetup(s);
  return { name: 'evaluation under no_grad, one block per batch', samples, note: `${correct} correct` };
}

/** `with torch.no_grad():` around a whole evaluation pass over a DataLoader (its steps release each batch's tensors). */
export function soakEvalLoader(steps: number, at: number[]): CaseResult {
  const s = setup();
  const loader = new DataLoader(new TensorDataset(s.X, s.Y), { batch_size: BATCH });
  s.net.eval();
  const samples: Sample[] = [];
  let step = 0;
  let correct = 0;
  while (step < steps) {
    torch.no_grad(() => {
      for (const [x, y] of loader) {
        correct += s.net(x).argmax(1).eq(y).sum().item() as number;
        step++;
        if (at.includes(step)) samples.push(sample(step));
        if (step === steps) break;
      }
    });
  }
  disposeSetup(s);
  return { name: 'evaluation: one no_grad block around each pass over a DataLoader', samples, note: `${correct} correct` };
}

/** A training loop that calls backward with retain_graph (and a second backward through the same graph). */
export async function soakRetainGraph(steps: number, at: number[]): Promise<CaseResult> {
  const s = setup();
  const batches = prepared(s);
  await collect(); // the baseline without garbage from the setup
  const samples: Sample[] = [sample(0)];
  trainRetainingGraph(s, batches, steps, at, samples);
  const after = await settle();
  const state = stateOf(s);
  for (const [x, y] of batches) { x.dispose(); y.dispose(); }
  disposeSetup(s);
  return { name: 'backward(retain_graph=True), then backward', samples, after, state };
}

function trainRetainingGraph(s: Setup, batches: [Tensor, Tensor][], steps: number, at: number[], samples: Sample[]): void {
  const { net, opt, crit } = s;
  for (let step = 1; step <= steps; step++) {
    const [x, y] = batches[step % batches.length];
    opt.zero_grad();
    const loss = crit(net(x), y);
    loss.backward({ retain_graph: true }); // the options without a gradient, as PyTorch's keyword form
    loss.backward();
    opt.step();
    if (at.includes(step)) samples.push(sample(step));
  }
}

/**
 * Models created, used once and dropped. Their parameters are freed by the garbage collector,
 * so memory is bounded by what the loop creates between two collections: `turnEvery` lets the
 * event loop turn every so many models, `gcEvery` also runs the collector first (when exposed).
 */
export async function soakModels(n: number, at: number[], opts: { turnEvery?: number; gcEvery?: number; dispose?: boolean } = {}): Promise<CaseResult> {
  torch.manual_seed(0);
  const x = torch.randn(BATCH, 784).keep();
  const samples: Sample[] = [sample(0)];
  const peak = await createModels(x, n, at, opts, samples);
  const after = await settle();
  x.dispose();
  const how = opts.dispose ? ' in a sync loop, each with `using`' : opts.gcEvery ? `, the collector run every ${opts.gcEvery}`
    : opts.turnEvery ? `, the event loop turning every ${opts.turnEvery}` : ' in a sync loop';
  return { name: `${n.toLocaleString('en-US')} models created and dropped${how}`, samples, after, note: `at most ${peak} live tensors` };
}

async function createModels(x: Tensor, n: number, at: number[], opts: { turnEvery?: number; gcEvery?: number; dispose?: boolean }, samples: Sample[]): Promise<number> {
  let peak = 0;
  for (let i = 1; i <= n; i++) {
    using net = opts.dispose ? new MLP() : null;
    const m = net ?? new MLP();
    torch.no_grad(() => m(x).sum().item());
    peak = Math.max(peak, torch.memory_stats().live_tensors);
    if (opts.gcEvery && i % opts.gcEvery === 0) await collect();
    else if (opts.turnEvery && i % opts.turnEvery === 0) await turns(1);
    if (at.includes(i)) samples.push(sample(i));
  }
  return peak;
}

// ---------------------------------------------------------------- the table

const MB = (b: number) => (b / 2 ** 20).toFixed(1);

export function table(results: CaseResult[]): string {
  const rows = ['| case | step | live tensors | tensor MB | wasm MB | RSS MB |', '|---|---:|---:|---:|---:|---:|'];
  for (const r of results) {
    const all = r.after ? [...r.samples, r.after] : r.samples;
    all.forEach((s, i) => {
      const step = s.step === -1 ? 'after loop' : s.step === 0 ? 'before' : s.step.toLocaleString('en-US');
      rows.push(`| ${i === 0 ? r.name : ''} | ${step} | ${s.live_tensors} | ${MB(s.bytes_in_use)} | ${MB(s.wasm_memory_bytes)} | ${MB(s.rss)} |`);
    });
    if (r.note) rows.push(`| | (${r.note}) | | | | |`);
  }
  return rows.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string, d: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : d;
  };
  const steps = arg('--steps', 10_000);
  const models = arg('--models', 1000);
  const at = [...new Set([100, 1000, steps].filter((s) => s <= steps))];
  const atModels = [...new Set([10, 100, models].filter((s) => s <= models))];
  const gcExposed = typeof (globalThis as { gc?: unknown }).gc === 'function';
  const results: CaseResult[] = [];
  const run = async (f: () => CaseResult | Promise<CaseResult>) => {
    const t0 = Date.now();
    const r = await f();
    results.push(r);
    console.error(`${r.name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  await run(() => soakLoaderSync(steps, at));
  await run(() => soakLoaderAsync(steps, at));
  await run(() => soakArray(steps, at));
  await run(() => soakArray(steps, at, { items: true }));
  await run(() => soakEval(steps, at));
  await run(() => soakEvalLoader(steps, at));
  await run(() => soakRetainGraph(steps, at));
  await run(() => soakModels(models, atModels));
  await run(() => soakModels(models, atModels, { turnEvery: 1 }));
  await run(() => soakModels(models, atModels, { gcEvery: 10 }));
  await run(() => soakModels(models, atModels, { dispose: true }));
  const t = table(results);
  console.log(t);
  if (args.includes('--write')) {
    const date = new Date().toISOString().slice(0, 10);
    const machine = `${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), ${MB(totalmem()).replace(/\.\d$/, '')} MB RAM, ${platform()} ${arch()}, Node ${process.version}`;
    writeFileSync(new URL('../docs/memory.md', import.meta.url), doc(t, date, machine, steps, gcExposed));
  }
}

function doc(t: string, date: string, machine: string, steps: number, gcExposed: boolean): string {
  return `# Memory under long runs

Measured by \`npm run soak -- --write\` (scripts/soak.ts) on ${date}, ${machine}.
${steps.toLocaleString('en-US')} training steps of the MNIST-shaped MLP (784 → 256 → relu → 10, CrossEntropyLoss, Adam,
batch ${BATCH}, synthetic data made once), each loop written the plain PyTorch way: no dispose, no tidy.
"live tensors" and "tensor MB" come from \`torch.memory_stats()\`; "wasm MB" is the size of the
WebAssembly memory (it grows, never shrinks; freed blocks are reused); RSS is the whole Node process.
"before" is measured after the model, optimizer and data are made and garbage collected; "after loop"
once the event loop has turned (\`setImmediate\`), the garbage collector has run
(${gcExposed ? 'the script ran with --expose-gc' : 'exposed at run time through node:v8 setFlagsFromString, as if run with --expose-gc'})
and the finalizers have run. The short version of every case runs in \`npm test\` (test/soak.test.ts).

${t}

## Reading the table

- **(a), (b)**: live tensors and bytes are the same at every checkpoint: each DataLoader step releases
  what the previous one made. Their values are the parameters, gradients, Adam's two moments, the data and
  the current batch.
- **(c)** and the **loss.item()** and **retain_graph** loops have no step scope: during the loop they
  hold one step's graph results on top of (a) (the loss, the output and the hidden activations, released
  at the next backward); after the loop, the baseline plus the gradients and Adam's state, which
  PyTorch keeps as well. Before the fix of this soak (autograd held the last graph's results strongly),
  the last step stayed alive until the next backward() anywhere.
- **Evaluation** under \`no_grad\` is flat whether the block wraps one batch or a whole DataLoader pass.
- **RSS** moves with the JavaScript heap (V8 collects lazily); it comes back down once the collector
  runs (120–160 MB after the loops), while tensor memory stays flat throughout.
- **Models created and dropped**: a model's parameters tell V8 their size (an untouched ArrayBuffer
  of the same byte length), so the collector runs as models pile up; their memory comes back when the
  event loop turns (finalizers cannot run inside a synchronous loop). In a synchronous loop, free a
  model you drop with \`net.dispose()\` or \`using net = new Net()\`: that row is flat.
`;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
