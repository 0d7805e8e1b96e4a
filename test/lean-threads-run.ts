// test/lean-threads.test.ts runs this in a process of its own: `tsx test/lean-threads-run.ts lean|full|bare <threads>
// pool-first|parts-first` computes a long GELU and a convolution with max pooling, forward and backward, through that
// entry (the lean one with its math and nn parts, and with its thread pool, 'tocha/lean/threads', but for `bare`) on
// that many threads, the workers computing every chunk of a split job, and prints as JSON the hashes of the results and
// the chunks the workers computed, of the lean parts' kernels among them. pool-first imports the pool and starts the
// workers before the parts load (each worker is handed them as they do); parts-first loads them first, on one thread,
// then imports the pool (the workers instantiate them as they start). `bare` (tocha/lean without the pool) also prints
// what get_num_threads, threads_ready and set_num_threads give there.
import { createHash } from 'node:crypto';
import type * as Torch from '../src/lean.js';
import type * as Functional from '../src/nn/F.js';

const [mode, threadArg, order] = process.argv.slice(2);
const threads = Number(threadArg);
// the entry's modules, its WebAssembly first, as an app imports them
const [torch, F] = (mode === 'full'
  ? [await import('../src/index.js'), await import('../src/entries/nn-functional.js')]
  : [await import('../src/lean.js'), await import('../src/entries/lean-nn-functional.js'),
    await import('../src/entries/lean-kernels-math.js'), await import('../src/entries/lean-kernels-nn.js')]
) as unknown as [typeof Torch, typeof Functional];
const { loadedParts } = await import('../src/backend/wasm.js');
/** The pool's counters, once the entry has the pool (src/backend/threads.ts, imported for them: its import installs
 *  the pool, as 'tocha/lean/threads' does). */
let stats = { by_workers: 0, parts_by_workers: 0 };
async function withPool(): Promise<void> {
  if (mode === 'lean') await import('../src/entries/lean-threads.js');
  const threaded = await import('../src/backend/threads.js');
  // every split job splits, and the workers compute all its chunks (the caller waits), whatever the timing
  threaded._setTesting({ adaptive: false, callerWorks: false });
  stats = threaded.stats;
}
/** What a call gives, or the message it throws. */
const attempt = (f: () => unknown) => {
  try {
    return String(f());
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
};
if (mode !== 'bare' && (mode === 'full' || order === 'pool-first')) await withPool();

type Tensor = Torch.Tensor;
const hash = (ts: Tensor[]) => {
  const h = createHash('sha256');
  for (const t of ts) {
    const d = t.contiguous().dataSync();
    h.update(Buffer.from(d.buffer, d.byteOffset, d.byteLength));
  }
  return h.digest('hex').slice(0, 16);
};

torch.manual_seed(0);
// GELU over 2^18 elements (4 × UNARY_PARALLEL_MIN) and its gradient: the math part's unary_flat_f32 and
// unary_grad_flat_f32 (U.gelu_dnnl)
const gx = torch.randn(1 << 18).mul(3).requires_grad_();
const gg = torch.randn(1 << 18);
// a convolution of 16 images (im2col, col2im: the nn part), 2×2 max pooling (the nn part) and their gradients
const cx = torch.randn(16, 3, 32, 32).requires_grad_();
const cw = torch.randn(16, 3, 3, 3).mul(0.2).requires_grad_();
const cb = torch.randn(16).requires_grad_();
const cg = torch.randn(16, 16, 15, 15);

function gelu(): string {
  gx.grad = null;
  const y = F.gelu(gx);
  y.backward(gg);
  return hash([y, gx.grad!]);
}
function conv(): string {
  for (const t of [cx, cw, cb]) t.grad = null;
  const y = F.max_pool2d(F.conv2d(cx, cw, cb), 2);
  y.backward(cg);
  return hash([y, cx.grad!, cw.grad!, cb.grad!]);
}
/** f's result, and the chunks workers computed while it ran (all, and those of the parts' kernels). */
const counted = (f: () => string) => {
  const before = { ...stats };
  const bits = f();
  return { bits, by_workers: stats.by_workers - before.by_workers, parts_by_workers: stats.parts_by_workers - before.parts_by_workers };
};

// pool-first: the parts load at their first use, below, the workers running (each is handed them); parts-first: they
// load on one thread, then the workers start (each instantiates them first). `loaded`: the parts when the pool starts
const names = () => loadedParts.map((p) => p.name);
if (mode === 'bare') {
  const bare = {
    threads: torch.get_num_threads(), ready: await torch.threads_ready(),
    two: attempt(() => torch.set_num_threads(2)), one: attempt(() => torch.set_num_threads(1)),
    bad: [0, 1.5, 65].map((n) => attempt(() => torch.set_num_threads(n))),
  };
  console.log(JSON.stringify({ ...bare, after: torch.get_num_threads(), gelu: counted(gelu), conv: counted(conv) }));
} else {
  torch.set_num_threads(order === 'pool-first' ? threads : 1);
  await torch.threads_ready();
  let loaded = names();
  const first = { gelu: counted(gelu), conv: counted(conv) };
  if (order === 'parts-first') {
    loaded = names();
    await withPool();
  }
  torch.set_num_threads(threads);
  const ready = await torch.threads_ready();
  console.log(JSON.stringify({ loaded, ready, first, gelu: counted(gelu), conv: counted(conv) }));
}
