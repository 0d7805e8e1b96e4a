// Worker threads for large kernels (GEMM, long elementwise runs).
//
// Every thread instantiates the same WebAssembly module on the same shared memory. A job is one
// kernel split into chunks (blocks of C, ranges of elements) whose arguments the calling thread
// writes into a control block in that memory; the caller and the workers claim chunks one at a
// time, so a worker that is not running yet (still starting, asleep, descheduled) never delays a
// job: the caller simply computes more chunks itself. A chunk's result does not depend on which
// thread computes it or on how the job was split (assembly/matmul.ts keeps a fixed summation order
// per output element), so results are bit-identical for every thread count.
//
// Where the memory cannot be shared (browsers without cross-origin isolation) everything runs on
// the calling thread, silently.
//
// The pool is a module an entry imports for its effect: it installs itself in src/backend/pool.ts, through which the
// kernels' callers reach it. 'tocha' always imports it; a tocha/lean app with `import 'tocha/lean/threads'`
// (src/entries/lean-threads.ts), and without it has none of this code.
import { K, wasmModule, memoryShared, malloc, mfree, I32, loadedParts, onPartLoaded, loadPart } from './wasm.js';
import { fmaKernels, fmaModule } from './fma.js';
import { wasmSource } from './wasm-source.js';
import { jobPart } from './lean-guard.js';
import { installPool, MAX_CHUNKS } from './pool.js';

// The control block: Int32 words.
/** The job word: generation (16 bits) << 16 | chunks (8 bits) << 8 | next unclaimed chunk (8 bits).
 *  Claiming is a compare-exchange of this one word, so a thread can never claim a chunk of a job
 *  other than the one it read. */
const JOB = 0;
/** Chunks finished in the current job. */
const DONE = 1;
/** Set when a chunk failed in a worker. */
const FAIL = 2;
/** Workers asleep in Atomics.wait on JOB (notify only when some are). */
const SLEEPERS = 3;
/** Workers that have started. */
const READY = 4;
/** The kernel: an index into FNS. */
const FN = 5;
/** Arguments per chunk. */
const NARGS = 6;
/** The argument each thread replaces with its own GEMM workspace, or -1. */
const WORKARG = 7;
/** The module whose kernel FN is: -1 the core (the fused module for a name fma_…), i the lean part i (in the order
 *  src/backend/wasm.ts loaded them, `loadedParts`). */
const PART = 8;
/** Lean parts handed to the workers so far (a worker that has fewer leaves its loop to instantiate the rest). */
const PARTS = 9;
/** Chunk c's arguments start at word ARGS + c·MAX_ARGS. */
const ARGS = 16;
const MAX_ARGS = 24;
// (MAX_CHUNKS, in src/backend/pool.ts: chunks per job, 8 bits of the job word)
/** Word LOADED + s: the lean parts the worker workers[s] has instantiated. */
const LOADED = ARGS + MAX_CHUNKS * MAX_ARGS;
const CTRL_WORDS = LOADED + MAX_CHUNKS;

/** Pauses of threads after split jobs that did not pay, ms. */
const BACKOFF_MIN = 50;
const BACKOFF_MAX = 2000;
/** Whether this thread may block in Atomics.wait (not a browser's main thread). */
let canWait = true;
/** Until this time (performance.now()), ops run on the calling thread: the last split jobs were no
 *  faster than one thread (other processes taking the cores, say). */
let backoffUntil = 0;
/** The next backoff, ms: doubles while splitting keeps not paying, back to the start when it pays. */
let backoff = BACKOFF_MIN;
/** Time split jobs saved (ms, decaying): what the caller alone would have taken minus what they took. */
let balance = 0;

/**
 * Judges a finished job: the caller computed `claimed` of `chunks` chunks between t0 and `mine`, then
 * waited until `end`. Alone it would have taken about chunks × its time per chunk. While splitting
 * saves time on balance, it goes on; when it costs time on balance (other processes taking the
 * cores, a worker descheduled while it holds a chunk), threads pause (ops stay correct either way:
 * the bits do not depend on who computes what).
 */
function judge(t0: number, mine: number, end: number, claimed: number, chunks: number): void {
  stats.jobs++;
  stats.chunks += chunks;
  stats.by_workers += chunks - claimed;
  // Nothing to learn when the caller computed no chunk (no time per chunk to compare) or all of them
  // (the workers were asleep or starting: only the wake-up was spent).
  if (!adaptive || claimed === 0 || claimed === chunks) return;
  const alone = ((mine - t0) / claimed) * chunks;
  balance = balance * 0.9 + (alone - (end - t0));
  if (balance >= 0) {
    if (balance > alone) backoff = BACKOFF_MIN; // it pays again: the next pause starts short
    return;
  }
  balance = 0;
  backoffUntil = end + backoff;
  backoff = Math.min(backoff * 2, BACKOFF_MAX);
}

/** Counters for tests and benchmarks: split jobs, their chunks, the chunks workers computed, and of those the chunks
 *  of a lean part's kernels. */
export const stats = { jobs: 0, chunks: 0, by_workers: 0, parts_by_workers: 0 };
let adaptive = true;
let callerWorks = true;
/** Test hook (not public): `adaptive` turns the pause after unprofitable jobs on or off; with
 *  `callerWorks` false the caller leaves every chunk to the workers (when some run), so that tests
 *  check the workers' results whatever the timing. */
export function _setTesting(o: { adaptive: boolean; callerWorks: boolean }): void {
  adaptive = o.adaptive;
  callerWorks = o.callerWorks;
  backoffUntil = 0;
  balance = 0;
}

/** Kernels a job can run, by index. */
const FNS = [
  'gemm_sub_f32', 'gemm_batched_f32', 'unary_flat_f32', 'binary_flat_f32', 'unary_grad_flat_f32', 'sgd_bits_f32',
  'adam_bits_f32', 'im2col_f32', 'col2im_f32', 'max_pool2d_f32', 'max_pool2d_backward_f32', 'vol2col_f32',
  'col2vol_f32', 'max_pool3d_f32', 'fma_gemm_sub_f32', 'fma_gemm_batched_f32', 'fma_transcendental_flat_f32',
  'fma_tanh_backward_f32', 'fma_gelu_grad_f32', 'fma_pow_flat_f32', 'fma_mish_grad_f32',
] as const;
export type ParallelKernel = typeof FNS[number];

/** What a worker is sent first: the module, the memory, where the control block is and how it is laid
 *  out, its own GEMM workspace, the kernels by index, and how long to spin when idle. */
interface WorkerInit {
  module: WebAssembly.Module;
  /** The fused GEMM (src/backend/fma.ts), whose kernels are named fma_… in `names`; null where the
   *  engine has no relaxed SIMD. */
  fma: WebAssembly.Module | null;
  /** The lean parts handed to the workers before this one started (PARTS of them), in order. */
  parts: WebAssembly.Module[];
  memory: WebAssembly.Memory;
  ctrl: number;
  work: number;
  /** Its index in `workers`: it writes the number of parts it has at word LOADED + slot. */
  slot: number;
  names: readonly string[];
  spin: number;
  /** [JOB, DONE, FAIL, SLEEPERS, READY, FN, NARGS, WORKARG, PART, PARTS, LOADED, ARGS, MAX_ARGS, CTRL_WORDS] */
  at: number[];
}

/** What a worker is sent for each lean part loaded after it started. */
interface WorkerPart {
  part: WebAssembly.Module;
}

/**
 * The worker's program: its source text (minified with the bundle) is what a worker runs, so it uses
 * nothing of this module but its arguments, and names no function of its own (tsx's esbuild wraps a
 * named one in a helper the worker lacks). It returns the worker's message handler. From the first
 * message on, the handler never returns to its event loop while it has every lean part handed out: it
 * claims chunks while there are any, spins a little (a training step issues its next product within
 * microseconds), then sleeps on the job word. When PARTS passes the parts it has, it returns to the
 * event loop, where the parts' messages (sent before PARTS grew) arrive; each instantiates its part
 * and comes back.
 */
function workerMain(): (msg: WorkerInit | WorkerPart) => void {
  type Fn = (...a: number[]) => void;
  let m: WorkerInit;
  let c: Int32Array;
  /** The core's kernels (the fused module's for names fma_…), by index in m.names. */
  let fns: Fn[];
  /** Each lean part's kernels, by index in m.names. */
  const parts: Fn[][] = [];
  return (msg) => {
    if (!('part' in msg)) m = msg;
    const [job, done, fail, sleepers, ready, fn, nargs, workarg, part, posted, loaded, argsAt, maxArgs, words] = m.at;
    // the modules' exports on the shared memory: the core, the fused module and the parts so far; or one more part
    const [exp, fma, ...more] = ('part' in msg ? [null, null, msg.part] : [m.module, m.fma, ...m.parts]).map((mod) =>
      (mod ? new WebAssembly.Instance(mod, { env: { memory: m.memory } }).exports : {}) as Record<string, Fn>);
    if (!('part' in msg)) fns = m.names.map((n) => n.startsWith('fma_') ? fma[n.slice(4)] : exp[n]);
    for (const e of more) parts.push(m.names.map((n) => e[n]));
    c ??= new Int32Array(m.memory.buffer, m.ctrl, words);
    Atomics.store(c, loaded + m.slot, parts.length);
    if (!('part' in msg)) Atomics.add(c, ready, 1);
    for (;;) {
      const v = Atomics.load(c, job);
      // (read after the job word: a job of a part is written after the part was counted)
      if (Atomics.load(c, posted) !== parts.length) return;
      const next = v & 255;
      if (next < ((v >>> 8) & 255)) {
        if (Atomics.compareExchange(c, job, v, v + 1) !== v) continue;
        try {
          const n = c[nargs];
          const w = c[workarg];
          const base = argsAt + next * maxArgs;
          const args = new Array<number>(n);
          for (let i = 0; i < n; i++) args[i] = c[base + i];
          if (w >= 0) args[w] = m.work;
          const p = c[part];
          (p < 0 ? fns : parts[p])[c[fn]](...args);
        } catch {
          Atomics.store(c, fail, 1);
        }
        Atomics.add(c, done, 1);
        Atomics.notify(c, done);
        continue;
      }
      for (let i = 0; i < m.spin && Atomics.load(c, job) === v; i++);
      if (Atomics.load(c, job) === v) {
        Atomics.add(c, sleepers, 1);
        Atomics.wait(c, job, v);
        Atomics.sub(c, sleepers, 1);
      }
    }
  };
}
const NODE_WORKER = `import('node:worker_threads').then((t)=>t.parentPort.on('message',(${workerMain})()));`;
const WEB_WORKER = `const h=(${workerMain})();self.onmessage=(e)=>h(e.data);`;

/** Spin iterations of an idle worker before it sleeps (tens of microseconds): enough to catch the
 *  next product of a training step, short enough not to take a busy machine's core from the
 *  caller (measured on the MLP step with a CPU hog beside it: 200,000 spins made 2 threads 30%
 *  slower than one, 5,000 made them 15% faster). */
const SPIN = 5_000;

interface WorkerHandle {
  postMessage(m: unknown): void;
  terminate(): unknown;
  /** Node's worker_threads.Worker */
  on?(event: 'error', f: (e: unknown) => void): void;
  /** A web Worker */
  addEventListener?(event: 'error', f: (e: unknown) => void): void;
}

type G = {
  process?: { versions?: { node?: string }; getBuiltinModule?: (name: string) => unknown };
  navigator?: { hardwareConcurrency?: number };
  Worker?: new (url: string | URL) => WorkerHandle;
  Blob?: typeof Blob;
  URL?: typeof URL;
};
const g = globalThis as unknown as G;
const isNode = typeof g.process?.versions?.node === 'string';

/** import() of a specifier in a variable, which keeps bundlers for browsers from resolving a Node
 *  module. */
const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);

let ctrl = 0; // byte address of the control block (0 until the first worker starts)
let gen = 0;
/** Cores as the environment reports them, once known (Node 20 has no navigator). */
type OsModule = { availableParallelism?: () => number; cpus(): unknown[] };
const coresOf = (os: unknown): number => (os as OsModule).availableParallelism?.() ?? (os as OsModule).cpus().length;
let cores: number | null = g.navigator?.hardwareConcurrency ?? null;
if (cores === null && isNode && memoryShared) {
  // Node 20 has no navigator: its os module, at once where process.getBuiltinModule exists (Node ≥ 20.16),
  // else as soon as it loads (get_num_threads() reads 1 until then).
  const os = g.process?.getBuiltinModule?.('node:os');
  if (os) cores = coresOf(os);
  else load('node:os').then((m) => { cores = coresOf(m); }, () => undefined);
}
/** set_num_threads' value, or null for the default (the number of cores). */
let requested: number | null = null;
const workers: { handle: WorkerHandle; work: number }[] = [];
/** The pool's start or resize in progress. */
let pending: Promise<void> | null = null;
/** Set when a worker could not be created here: run on one thread from then on. */
let unavailable = !memoryShared;
/** Set by a worker's error event. */
let failure = false;
/** The largest GEMM workspace any chunk needs (gemm_work_bytes saturates at its block sizes). */
let workBytes = 0;

/** get_num_threads(): set_num_threads' value, by default the number of cores (1 where the memory cannot be shared). */
function numThreads(): number {
  if (unavailable) return 1;
  return requested ?? Math.max(1, Math.min(cores ?? 1, 16));
}

/** set_num_threads(n), n checked (src/backend/pool.ts). */
function setThreads(n: number): void {
  requested = n;
  if (workers.length > n - 1) shrink(n - 1);
}

function shrink(keep: number): void {
  // Between jobs no worker is inside a chunk, so a worker can stop at once and its workspace go.
  while (workers.length > keep) {
    const w = workers.pop()!;
    void w.handle.terminate();
    mfree(w.work);
  }
  if (ctrl) {
    const c = I32();
    Atomics.store(c, (ctrl >>> 2) + READY, Math.min(Atomics.load(c, (ctrl >>> 2) + READY), keep));
  }
}

/** Lean parts every worker has instantiated (a lower bound: recounted when a job needs more, and 0 when a worker
 *  starts). */
let everywhere = 0;

/** Whether every worker has the lean part `part` (-1, the core: all have it), so that they can run its jobs. */
function partEverywhere(part: number): boolean {
  if (part < everywhere) return true;
  const c = I32();
  const at = (ctrl >>> 2) + LOADED;
  everywhere = Infinity; // (no worker: all of them)
  for (let s = 0; s < workers.length; s++) everywhere = Math.min(everywhere, Atomics.load(c, at + s));
  return part < everywhere;
}

/** Threads ready to take chunks now, the caller included, for a job of the module `part` (-1 the core, i the lean
 *  part loadedParts[i]: 1 until every worker has it, so that its jobs run on the caller meanwhile). Starts the missing
 *  workers (in the background) when fewer run than numThreads() asks for. */
function threadsReady(part = -1): number {
  if (unavailable) return 1;
  const want = numThreads();
  if (want <= 1) return 1;
  if (workers.length < want - 1 && !pending) void whenReady();
  if (ctrl === 0) return 1;
  if (backoffUntil !== 0) {
    if (performance.now() < backoffUntil) return 1;
    backoffUntil = 0;
  }
  if (part >= 0 && !partEverywhere(part)) return 1;
  return 1 + Math.min(Atomics.load(I32(), (ctrl >>> 2) + READY), want - 1);
}

/** threads_ready(): starts the workers numThreads() asks for and resolves, with the number of threads ops can use,
 *  once they all run. */
function whenReady(): Promise<number> {
  if (unavailable) return Promise.resolve(1);
  if (cores === null && isNode && requested === null) {
    // The default needs the core count (older Node: the os module, loading).
    return load('node:os').then((m) => { cores ??= coresOf(m); }, () => { cores ??= 1; }).then(whenReady);
  }
  if (!pending) {
    pending = grow().catch(() => {
      unavailable = true;
      shrink(0);
    }).finally(() => {
      pending = null;
    });
  }
  return pending.then(async () => {
    if (!unavailable && workers.length < numThreads() - 1) return whenReady();
    // Wait until every started worker has instantiated the module and the lean parts loaded so far.
    while (!unavailable && ctrl && (Atomics.load(I32(), (ctrl >>> 2) + READY) < workers.length ||
      !partEverywhere(Atomics.load(I32(), (ctrl >>> 2) + PARTS) - 1))) {
      if (failure) {
        unavailable = true;
        shrink(0);
        break;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    return unavailable ? 1 : 1 + workers.length;
  });
}

type Spawn = (src: 'node' | 'web') => WorkerHandle;

async function spawner(): Promise<Spawn> {
  if (isNode) {
    const wt = await load('node:worker_threads') as {
      Worker: new (src: string, o: { eval: boolean }) => WorkerHandle & { unref(): void };
    };
    return () => {
      const w = new wt.Worker(NODE_WORKER, { eval: true });
      w.unref(); // a process whose work is done exits; its workers do not keep it alive
      return w;
    };
  }
  if (typeof g.Worker !== 'function' || typeof g.Blob !== 'function' || !g.URL) {
    throw new Error('no Worker here');
  }
  const url = g.URL.createObjectURL(new g.Blob([WEB_WORKER], { type: 'text/javascript' }));
  return () => new g.Worker!(url);
}

let spawn: Spawn | null = null;

async function grow(): Promise<void> {
  spawn ??= await spawner();
  if (ctrl === 0) {
    ctrl = malloc(CTRL_WORDS * 4);
    I32().fill(0, ctrl >>> 2, (ctrl >>> 2) + CTRL_WORDS);
    I32()[(ctrl >>> 2) + PARTS] = loadedParts.length; // (new workers get them all in their first message)
  }
  if (workBytes === 0) workBytes = K.gemm_work_bytes(1 << 20, 1 << 20, 1 << 20);
  const want = numThreads() - 1;
  while (workers.length < want) {
    const work = malloc(workBytes);
    const handle = spawn('node');
    const slot = workers.length;
    workers.push({ handle, work });
    I32()[(ctrl >>> 2) + LOADED + slot] = 0;
    everywhere = 0;
    // A worker that cannot run (a Content Security Policy refusing blob: workers, say) turns
    // threads off; ops go on on the calling thread.
    const failed = () => {
      failure = true;
    };
    if (handle.on) handle.on('error', failed);
    else handle.addEventListener?.('error', failed);
    const parts = loadedParts.slice(0, Atomics.load(I32(), (ctrl >>> 2) + PARTS)).map((p) => p.module);
    const init: WorkerInit = {
      module: wasmModule, fma: fmaModule(), parts, memory: K.memory, ctrl, work, slot, names: FNS, spin: SPIN,
      at: [JOB, DONE, FAIL, SLEEPERS, READY, FN, NARGS, WORKARG, PART, PARTS, LOADED, ARGS, MAX_ARGS, CTRL_WORDS],
    };
    handle.postMessage(init);
  }
}

/** Arguments of one chunk; written into the control block by `run`. */
export type ChunkArgs = (chunk: number, out: Int32Array, at: number) => void;

/** Set while a job runs: a lean part loaded meanwhile is handed to the workers after it. */
let running = false;

/**
 * Hands the lean parts loaded since the last call to every worker, each in a message, then counts them in PARTS and
 * writes an empty job (a new generation, no chunks) that wakes the workers asleep: a worker that sees PARTS pass what
 * it has leaves its loop to instantiate them. Until every worker has a part, its jobs run on the caller
 * (threadsReady).
 */
function handParts(): void {
  if (ctrl === 0 || running) return;
  const c = I32();
  const base = ctrl >>> 2;
  const handed = Atomics.load(c, base + PARTS);
  if (handed === loadedParts.length) return;
  for (const w of workers) {
    for (let i = handed; i < loadedParts.length; i++) w.handle.postMessage({ part: loadedParts[i].module } satisfies WorkerPart);
  }
  Atomics.store(c, base + PARTS, loadedParts.length);
  gen = (gen + 1) & 0xffff;
  Atomics.store(c, base + JOB, gen << 16);
  if (Atomics.load(c, base + SLEEPERS) > 0) Atomics.notify(c, base + JOB);
}
onPartLoaded(handParts);

const lean = wasmSource().kernels;
const partOfJob = lean ? jobPart(lean, loadPart) : null;

/**
 * Which module's instance runs a job's `kernel` (with op code `op`, for one that dispatches), in each thread: -1 the
 * core (or the fused module, for a kernel named fma_…), i ≥ 0 the lean part loadedParts[i] (loaded now if it was
 * not), undefined none of them (a lean app that did not import the part: the job runs on the calling thread, whose
 * kernel table throws the message naming the import).
 */
function jobModule(kernel: string, op: number): number | undefined {
  const part = partOfJob ? partOfJob(kernel, op) : null;
  if (part === null) return -1;
  return part === undefined ? undefined : loadedParts.findIndex((p) => p.name === part);
}

/**
 * Runs `kernel` of the module `part` (-1 the core or, for a name fma_…, the fused module; i the lean part
 * loadedParts[i], which every worker must have: threadsReady(i)) over `chunks` chunks: chunk c's `nargs` arguments
 * are written by fill(c, view, at) at view[at…]. Argument `workArg` (or -1) is replaced by each thread's own GEMM
 * workspace (the caller's is `callerWork`). Returns when every chunk is done; a kernel that fails in any thread
 * throws here, after all chunks have finished.
 */
function run(kernel: ParallelKernel, chunks: number, nargs: number, workArg: number, callerWork: number,
  fill: ChunkArgs, part = -1): void {
  if (chunks < 1 || chunks > MAX_CHUNKS || nargs > MAX_ARGS) throw new RangeError('tocha: bad parallel job');
  const fn = FNS.indexOf(kernel);
  const c = I32();
  const base = ctrl >>> 2;
  running = true;
  c[base + FN] = fn;
  c[base + PART] = part;
  c[base + NARGS] = nargs;
  c[base + WORKARG] = workArg;
  for (let i = 0; i < chunks; i++) fill(i, c, base + ARGS + i * MAX_ARGS);
  Atomics.store(c, base + DONE, 0);
  Atomics.store(c, base + FAIL, 0);
  gen = (gen + 1) & 0xffff;
  Atomics.store(c, base + JOB, (gen << 16) | (chunks << 8));
  if (Atomics.load(c, base + SLEEPERS) > 0) Atomics.notify(c, base + JOB);
  const t0 = performance.now();
  let claimed = 0;
  type Fn = (...a: number[]) => void;
  const f = part >= 0 ? loadedParts[part].k[kernel] as Fn
    : kernel.startsWith('fma_') ? (fmaKernels() as unknown as Record<string, Fn>)[kernel.slice(4)]
    : (K as unknown as Record<string, Fn>)[kernel];
  const args = new Array<number>(nargs);
  let error: unknown = null;
  const claim = callerWorks || Atomics.load(c, base + READY) === 0;
  for (; claim;) {
    const v = Atomics.load(c, base + JOB);
    const next = v & 255;
    if (next >= chunks) break;
    if (Atomics.compareExchange(c, base + JOB, v, v + 1) !== v) continue;
    const at = base + ARGS + next * MAX_ARGS;
    for (let i = 0; i < nargs; i++) args[i] = c[at + i];
    if (workArg >= 0) args[workArg] = callerWork;
    try {
      f(...args);
    } catch (e) {
      error ??= e;
    }
    claimed++;
    Atomics.add(c, base + DONE, 1);
  }
  // The remaining chunks are being computed by workers that claimed them. Spin briefly, then sleep
  // until one finishes: on a busy machine a claimed chunk may wait for a core, and a caller spinning
  // on that core would keep it from running.
  const mine = performance.now();
  let d: number;
  for (let i = 0; (d = Atomics.load(c, base + DONE)) < chunks; i++) {
    if (i > 2000 && canWait) {
      try {
        Atomics.wait(c, base + DONE, d, 1);
      } catch {
        canWait = false; // a browser's main thread may not block
      }
    }
  }
  running = false;
  handParts();
  if (part >= 0) stats.parts_by_workers += chunks - claimed;
  judge(t0, mine, performance.now(), claimed, chunks);
  if (error) throw error;
  if (Atomics.load(c, base + FAIL)) throw new Error(`tocha: ${kernel} failed in a worker thread`);
}

installPool({ jobModule, ready: threadsReady, run, get: numThreads, set: setThreads, whenReady });
