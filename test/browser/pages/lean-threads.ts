// test/lean-threads-run.ts's GELU and convolution through tocha/lean with its math and nn parts and its thread pool
// ('tocha/lean/threads'), in a cross-origin isolated page on `threads` threads: the workers (web workers) are handed
// the parts as they load and compute their chunks; the bits must be Node's on one thread.
import * as torch from '../../../src/lean.js';
import * as F from '../../../src/entries/lean-nn-functional.js';
import '../../../src/entries/lean-kernels-math.js';
import '../../../src/entries/lean-kernels-nn.js';
import '../../../src/entries/lean-threads.js';
import { _setTesting, stats } from '../../../src/backend/threads.js';

export interface LeanThreaded { threads: number; gelu: string; conv: string; parts_by_workers: number }

async function hash(ts: torch.Tensor[]): Promise<string> {
  const parts = ts.map((t) => new Uint8Array(t.contiguous().dataSync().slice().buffer));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return [...d].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 16);
}

export async function run(threads: number): Promise<LeanThreaded> {
  _setTesting({ adaptive: false, callerWorks: false });
  torch.set_num_threads(threads);
  const n = await torch.threads_ready();
  torch.manual_seed(0);
  const gx = torch.randn(1 << 18).mul(3).requires_grad_();
  const gg = torch.randn(1 << 18);
  const cx = torch.randn(16, 3, 32, 32).requires_grad_();
  const cw = torch.randn(16, 3, 3, 3).mul(0.2).requires_grad_();
  const cb = torch.randn(16).requires_grad_();
  const cg = torch.randn(16, 16, 15, 15);
  const before = stats.parts_by_workers;
  let gelu = '';
  let conv = '';
  for (let i = 0; i < 2; i++) { // (the parts load in the first round; the second has them on every worker)
    gx.grad = null;
    const y = F.gelu(gx);
    y.backward(gg);
    gelu = await hash([y, gx.grad!]);
    for (const t of [cx, cw, cb]) t.grad = null;
    const p = F.max_pool2d(F.conv2d(cx, cw, cb), 2);
    p.backward(cg);
    conv = await hash([p, cx.grad!, cw.grad!, cb.grad!]);
    await torch.threads_ready();
  }
  _setTesting({ adaptive: true, callerWorks: true });
  torch.set_num_threads(1);
  return { threads: n, gelu, conv, parts_by_workers: stats.parts_by_workers - before };
}
