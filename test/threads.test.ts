// Threads (issue 4): products and long elementwise ops split across worker threads give the bits
// of one thread, for every shape, transposition and path of the GEMM, every split, and a whole
// training run. The split thresholds are lowered to 1 here so that small shapes split too (their
// ragged last chunks are where a split could go wrong).
import { createHash } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { _setParallelMin, PARALLEL_MIN_MACS } from '../src/backend/gemm.js';
import { _setTesting, stats } from '../src/backend/threads.js';
import {
  _setFlatParallelMin, _setUpdateParallelMin, UNARY_PARALLEL_MIN, BINARY_PARALLEL_MIN, UPDATE_PARALLEL_MIN,
} from '../src/backend/flat.js';

const { nn, optim } = torch;

function bytes(t: Tensor): Buffer {
  const d = t.contiguous().dataSync();
  return Buffer.from(d.buffer, d.byteOffset, d.byteLength);
}

function hash(ts: Tensor[]): string {
  const h = createHash('sha256');
  for (const t of ts) h.update(bytes(t));
  return h.digest('hex');
}

/** f() with 1 thread and with each of `counts` threads (started and running): all equal, bit for bit. */
async function sameBits(f: () => (Tensor | Buffer)[], counts = [2, 3]): Promise<number> {
  const copy = (x: Tensor | Buffer): Buffer => (Buffer.isBuffer(x) ? x : Buffer.from(bytes(x as Tensor)));
  torch.set_num_threads(1);
  const ref = f().map(copy);
  let used = 0;
  for (const n of counts) {
    torch.set_num_threads(n);
    used = Math.max(used, await torch.threads_ready());
    const before = { chunks: stats.chunks, by_workers: stats.by_workers };
    const got = f().map(copy);
    expect(stats.by_workers - before.by_workers).toBe(stats.chunks - before.chunks);
    expect(got.length).toBe(ref.length);
    for (let i = 0; i < ref.length; i++) {
      if (!got[i].equals(ref[i])) throw new Error(`output ${i} differs with ${n} threads`);
    }
  }
  return used;
}

const saved = { macs: PARALLEL_MIN_MACS, unary: UNARY_PARALLEL_MIN, binary: BINARY_PARALLEL_MIN, update: UPDATE_PARALLEL_MIN };

beforeAll(() => {
  // Every split job really splits here: no pause when splitting does not pay (small shapes never do).
  // The workers compute every chunk of every split job (the caller only waits), so the bits compared
  // below are theirs whatever the timing; every split job really splits (no pause when it does not pay).
  _setTesting({ adaptive: false, callerWorks: false });
  _setParallelMin(1, 16, 2);
  _setFlatParallelMin(1, 1, 1);
  _setUpdateParallelMin(1);
});

afterAll(() => {
  _setTesting({ adaptive: true, callerWorks: true });
  _setParallelMin(saved.macs);
  _setFlatParallelMin(saved.unary, saved.binary);
  _setUpdateParallelMin(saved.update);
  torch.set_num_threads(1);
});

describe('set_num_threads', () => {
  it('runs workers in Node and reports the count', async () => {
    torch.set_num_threads(3);
    expect(torch.get_num_threads()).toBe(3);
    expect(await torch.threads_ready()).toBe(3);
    torch.set_num_threads(1);
    expect(torch.get_num_threads()).toBe(1);
    expect(await torch.threads_ready()).toBe(1);
  });

  it('rejects what PyTorch rejects', () => {
    expect(() => torch.set_num_threads(0)).toThrow(/set_num_threads: expected a positive integer, got 0/);
    expect(() => torch.set_num_threads(1.5)).toThrow(/positive integer, got 1.5/);
    expect(() => torch.set_num_threads(-2)).toThrow(RangeError);
  });
});

describe('matrix products split across threads give the bits of one thread', () => {
  // [M, K, N]: the dot path (x·Wᵀ, few rows or columns), the packed path, B read in place
  // (M ≤ 16), short k (K ≤ 32), odd edges, and products larger than one packed block.
  const shapes: [number, number, number][] = [
    [10, 4096, 120], [64, 784, 256], [256, 64, 784], [2, 5, 3], [3, 7, 2], [17, 33, 65], [16, 300, 40],
    [31, 12, 129], [130, 257, 70], [5, 1, 9], [40, 1030, 13], [64, 16, 1100], [2, 2, 2], [7, 3, 1], [1, 9, 33],
  ];
  for (const [M, Kd, N] of shapes) {
    it(`${M}×${Kd} · ${Kd}×${N}, every transposition`, async () => {
      torch.manual_seed(M * 1000 + N);
      const a = torch.randn(M, Kd);
      const at = torch.randn(Kd, M);
      const b = torch.randn(Kd, N);
      const bt = torch.randn(N, Kd);
      const c0 = torch.randn(M, N);
      const used = await sameBits(() => [
        torch.mm(a, b), torch.mm(a, bt.t()), torch.mm(at.t(), b), torch.mm(at.t(), bt.t()),
        torch.matmul(a, b), nn.functional.linear(a, bt, c0.select(0, 0)),
      ]);
      expect(used).toBe(3);
    });
  }

  it('batched products (bmm, broadcast matmul) and their gradients', async () => {
    torch.manual_seed(1);
    const a = torch.randn([6, 20, 30], { requires_grad: true });
    const b = torch.randn([6, 30, 18], { requires_grad: true });
    const w = torch.randn([30, 18]);
    await sameBits(() => {
      a.grad = null;
      b.grad = null;
      const y = torch.bmm(a, b);
      const z = torch.matmul(a, w);
      y.sum().add(z.square().sum()).backward();
      return [y, z, a.grad!, b.grad!];
    });
  });

  it('convolutions, pooling, unfold and fold, forward and backward (split by images and planes)', async () => {
    torch.manual_seed(2);
    const conv = new nn.Conv2d(3, 8, 3, { padding: 1, stride: 2 });
    const pool = new nn.MaxPool2d(2, { stride: 2, padding: 1 });
    const x = torch.randn([5, 3, 17, 15], { requires_grad: true });
    await sameBits(() => {
      conv.zero_grad();
      x.grad = null;
      const y = pool(conv(x));
      const u = nn.functional.unfold(x, [3, 2], { padding: 1 });
      const f = nn.functional.fold(u, [17, 15], [3, 2], { padding: 1 });
      y.square().sum().add(f.mul(x).sum()).backward();
      return [Buffer.from(bytes(y)), Buffer.from(bytes(f)), x.grad!, conv.weight.grad!, conv.bias!.grad!];
    });
  });

  it('3-D convolutions and max pooling, forward and backward (vol2col/col2vol by images, pooling by volumes)', async () => {
    torch.manual_seed(3);
    const conv = new nn.Conv3d(2, 4, [3, 2, 3], { padding: [1, 0, 1], stride: [1, 2, 1] });
    const pool = new nn.MaxPool3d(2, { stride: 2, padding: 1 });
    const x = torch.randn([5, 2, 7, 9, 6], { requires_grad: true });
    await sameBits(() => {
      conv.zero_grad();
      x.grad = null;
      const y = pool(conv(x));
      y.square().sum().backward();
      return [Buffer.from(bytes(y)), x.grad!, conv.weight.grad!, conv.bias!.grad!];
    });
  });
});

describe('torch.linalg with threads gives the bits of one thread', () => {
  it('matrix_exp (its products and the squarings), lu_factor / lu_solve, householder_product and their gradients', async () => {
    torch.manual_seed(4);
    const A = torch.randn([3, 24, 24], { requires_grad: true });
    const big = torch.randn([2, 16, 16]).mul(0.6);
    await sameBits(() => {
      A.grad = null;
      const E = torch.linalg.matrix_exp(A.div(8));
      const [LU, piv] = torch.linalg.lu_factor(A.add(torch.eye(24).mul(4)));
      const X = torch.linalg.lu_solve(LU, piv, A.detach());
      const [qa, qt] = torch.geqrf(A.detach());
      const Q = torch.linalg.householder_product(qa, qt);
      E.square().sum().add(X.sum()).backward();
      return [E, torch.linalg.matrix_exp(big), X, Q, A.grad!];
    });
  });
});

describe('long elementwise ops split across threads give the bits of one thread', () => {
  // Lengths around the 16-element chunk unit and the vector width.
  const lengths = [1, 3, 17, 33, 100, 1000, 4099];
  it('unary ops and their gradients', async () => {
    for (const n of lengths) {
      torch.manual_seed(n);
      const x = torch.randn([n], { requires_grad: true });
      const ops: ((t: Tensor) => Tensor)[] = [
        (t) => t.sigmoid(), (t) => t.tanh(), (t) => t.exp(), (t) => t.abs().log(), (t) => t.relu(),
        (t) => nn.functional.gelu(t), (t) => t.sin(), (t) => t.abs().sqrt(), (t) => nn.functional.softplus(t),
        (t) => nn.functional.leaky_relu(t, 0.1), (t) => t.clamp(-0.5, 0.7),
        (t) => nn.functional.mish(t), (t) => t.sigmoid().logit(1e-3),
      ];
      await sameBits(() => {
        const outs: Buffer[] = [];
        for (const op of ops) {
          x.grad = null;
          const y = op(x);
          y.backward(torch.ones_like(y).mul(0.5));
          outs.push(Buffer.from(bytes(y)), Buffer.from(bytes(x.grad!)));
        }
        return outs;
      });
    }
  });

  it('binary ops, tensor and scalar operands', async () => {
    for (const n of lengths) {
      torch.manual_seed(n + 7);
      const a = torch.randn([n]);
      const b = torch.randn([n]);
      await sameBits(() => [
        a.add(b), a.sub(b), a.mul(b), a.div(b), torch.maximum(a, b), a.add(2.5), a.mul(-0.3), a.pow(2), b.rsub(1),
      ]);
    }
  });
});

describe('optimizer updates split across threads give the bits of one thread', () => {
  const make: [string, (p: Tensor[]) => InstanceType<typeof optim.Optimizer>][] = [
    ['SGD', (p) => new optim.SGD(p, { lr: 0.1 })],
    ['SGD momentum, nesterov, weight decay', (p) => new optim.SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 1e-2 })],
    ['SGD momentum, dampening, maximize', (p) => new optim.SGD(p, { lr: 0.05, momentum: 0.8, dampening: 0.3, maximize: true })],
    ['Adam', (p) => new optim.Adam(p, { lr: 1e-2 })],
    ['Adam amsgrad, weight decay', (p) => new optim.Adam(p, { lr: 1e-2, amsgrad: true, weight_decay: 0.1 })],
    ['AdamW', (p) => new optim.AdamW(p, { lr: 1e-2, weight_decay: 0.05 })],
  ];
  for (const [name, opt] of make) {
    it(name, async () => {
      await sameBits(() => {
        torch.manual_seed(5);
        const ps = [1, 17, 1003].map((n) => torch.randn([n], { requires_grad: true }));
        const o = opt(ps);
        for (let s = 0; s < 4; s++) {
          o.zero_grad();
          ps.reduce((acc, p) => acc.add(p.sin().mul(p).sum()), torch.zeros([])).backward();
          o.step();
        }
        return ps.map((p) => Buffer.from(bytes(p.detach())));
      });
    });
  }
});

describe('training with threads', () => {
  it('an MLP trained 30 steps with Adam: the same parameters with 1, 2 and 3 threads', async () => {
    const trainRun = () => {
      torch.manual_seed(0);
      const X = torch.randn(256, 784);
      const Y = torch.randint(0, 10, [256]);
      const net = new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
      const opt = new optim.Adam(net.parameters(), { lr: 1e-3 });
      const crit = new nn.CrossEntropyLoss();
      for (let s = 0; s < 30; s++) {
        const i = (s * 64) % 256;
        opt.zero_grad();
        const loss = crit(net(X.narrow(0, i, 64)), Y.narrow(0, i, 64));
        loss.backward();
        opt.step();
      }
      return [...net.parameters()];
    };
    torch.set_num_threads(1);
    const one = hash(trainRun());
    for (const n of [2, 3]) {
      torch.set_num_threads(n);
      expect(await torch.threads_ready()).toBe(n);
      expect(hash(trainRun())).toBe(one);
    }
  });
});
