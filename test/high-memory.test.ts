// Tensors above 2 GiB of WebAssembly memory. Pointers there do not fit an int32: every conversion of
// an address to a typed-array index must be unsigned (`ptr >>> 2`), or ops fail ("offset is out of
// bounds") or read the wrong place. Each op below runs once with low memory and once with more than
// 2 GiB held, and must give the same result (random ops after the same seed).
import { describe, it, expect } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '../src/index.js';

const F = torch.nn.functional;

/** Every op here whose JS side writes or reads tensor memory through an address, as plain values. */
function exercise(): unknown[] {
  torch.manual_seed(3);
  const out: unknown[] = [];
  const keep = (t: torch.Tensor) => { out.push(t.tolist()); t.dispose(); };
  keep(torch.tensor([1.5, -2.25, 3]));
  keep(torch.tensor([[4, 5], [6, 7]]));
  keep(torch.tensor(new Float32Array([0.5, 0.25])));
  keep(torch.arange(5));
  keep(torch.arange(0, 1, 0.25));
  keep(torch.linspace(0, 1, 5));
  keep(torch.eye(3));
  keep(torch.full([2, 2], 7));
  keep(torch.randint(0, 100, [6]));
  keep(torch.randperm(7));
  keep(torch.rand(4));
  keep(torch.randn(4));
  keep(torch.ones(3).multinomial(2));
  const x = torch.arange(12, { dtype: torch.float32 }).reshape([3, 4]);
  out.push(x.sum().item(), x.max().item(), x.tolist());
  keep(x.add(1).mul(x));
  keep(x.index_put([torch.tensor([0, 2])], torch.tensor(9.5)));
  keep(x.clone().fill_(2));
  keep(F.dropout(x, 0.5));
  keep(F.rrelu(x.sub(6), 0.1, 0.3, true));
  const emb = torch.randn(5, 3);
  keep(F.embedding(torch.tensor([[0, 2], [2, 4]]), emb, { max_norm: 1 }));
  keep(emb);
  keep(F.multilabel_margin_loss(torch.randn(2, 4), torch.tensor([[3, 0, -1, 1], [1, -1, 0, 0]])));
  keep(torch.nn.init.orthogonal_(torch.empty(3, 3)));
  keep(F.cross_entropy(x, torch.tensor([0, 3, 1])));
  const file = join(tmpdir(), `tocha-high-memory-${process.pid}.pt`);
  torch.save({ w: x, i: torch.tensor([5, -6]) }, file);
  const back = torch.load(file) as { w: torch.Tensor; i: torch.Tensor };
  keep(back.w);
  keep(back.i);
  out.push(String(torch.tensor([0.125, 2])));
  try {
    F.nll_loss(x, torch.tensor([0, 9, 1]));
  } catch (e) {
    out.push((e as Error).message);
  }
  const a = torch.randn(256, 256);
  keep(torch.mm(a, a).sum());
  x.dispose();
  a.dispose();
  return out;
}

describe('tensors above 2 GiB of wasm memory', () => {
  it('ops give the same results there as in low memory, on one thread and on two', async () => {
    torch.set_num_threads(1);
    const low = exercise();
    // Hold 2.25 GiB, then plug every free gap below 2^31 (the allocator reuses the best-fitting free
    // block): everything allocated next lies above 2^31.
    const held = Array.from({ length: 36 }, () => torch.empty(16 * 1024 * 1024));
    for (const n of [262144, 16384, 1024, 64, 4, 1]) {
      for (;;) {
        const p = torch.empty(n);
        if (p._ptr() > 2 ** 31) {
          p.dispose();
          break;
        }
        held.push(p);
      }
    }
    expect(torch.memory_stats().wasm_memory_bytes).toBeGreaterThan(2 ** 31);
    const t = torch.zeros(4);
    expect(t._ptr()).toBeGreaterThan(2 ** 31);
    t.dispose();
    expect(exercise()).toEqual(low);
    // Worker threads started now get their control block above 2^31 too.
    torch.set_num_threads(2);
    await torch.threads_ready();
    expect(exercise()).toEqual(low);
    for (const h of held) h.dispose();
  }, 120_000);
});
