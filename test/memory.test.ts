// The lifetime model (README "Memory"): each rule, released-tensor errors, and memory exhaustion.
import { describe, it, expect, vi } from 'vitest';
import * as torch from '../src/index.js';
import { collector } from '../src/lifetime.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const bytes = () => torch.memory_stats().bytes_in_use;

describe('explicit release', () => {
  it('dispose frees at once and freed memory is reused', () => {
    const before = bytes();
    const t = torch.zeros(1000);
    expect(bytes() - before).toBe(4000);
    t.dispose();
    expect(bytes()).toBe(before);
    const wasm = torch.memory_stats().wasm_memory_bytes;
    for (let i = 0; i < 200; i++) torch.zeros(250_000).dispose();
    expect(torch.memory_stats().wasm_memory_bytes).toBeLessThanOrEqual(wasm + 2 * 1_000_000 + 65536 * 20);
  });

  it('a released tensor throws an error naming what released it', () => {
    const t = torch.ones(2, 3);
    t.dispose();
    expect(() => t.add(1)).toThrow(/shape \[2, 3\], torch.float32\) was released by dispose\(\)/);
    const inner = torch.tidy(() => {
      const a = torch.ones(4);
      return { kept: a.mul(2), lost: a };
    });
    expect(inner.kept.tolist()).toEqual([2, 2, 2, 2]);
    expect(inner.lost.tolist()).toEqual([1, 1, 1, 1]);
    let escaped: torch.Tensor | null = null;
    torch.tidy(() => { escaped = torch.ones(1); });
    expect(() => escaped!.item()).toThrow(/released by torch.tidy\(\)/);
  });

  it('views keep their storage alive until the last one is released', () => {
    const before = bytes();
    const t = torch.arange(10, { dtype: torch.float32 });
    const v = t.index([2, 5]);
    t.dispose();
    expect(v.tolist()).toEqual([2, 3, 4]);
    v.dispose();
    expect(bytes()).toBe(before);
  });

  it('tidy keeps tensors marked with keep()', () => {
    let k: torch.Tensor | null = null;
    torch.tidy(() => { k = torch.ones(2).keep(); torch.ones(3); });
    expect(k!.tolist()).toEqual([1, 1]);
  });

  it('Symbol.dispose (the `using` declaration) disposes', () => {
    const t = torch.ones(5);
    t[Symbol.dispose]();
    expect(t._released).toBe(true);
  });
});

describe('automatic release in a plain training loop', () => {
  it('memory stays flat over 2,000 steps: forward and backward need no dispose; the update runs as an optimizer does', () => {
    torch.manual_seed(0);
    const w = torch.randn(64, 32).mul(0.1).requires_grad_();
    const b = torch.zeros(32, { requires_grad: true });
    const x = torch.randn(16, 64);
    const y = torch.randn(16, 32);
    const lossAt: number[] = [];
    const memAt: number[] = [];
    const opt = { zero_grad: () => { for (const p of [w, b]) p.grad = null; } };  // rule 4: releases the old gradient
    for (let step = 0; step < 2000; step++) {
      opt.zero_grad();
      const out = torch.tanh(torch.matmul(x, w).add(b));
      const loss = out.sub(y).square().mean();
      loss.backward();
      torch.tidy(() => torch.no_grad(() => { w.sub_(w.grad!.mul(0.05)); b.sub_(b.grad!.mul(0.05)); }));
      lossAt.push(Number(loss.item()));
      if (step === 100 || step === 1999) memAt.push(bytes());
    }
    expect(lossAt[1999]).toBeLessThan(lossAt[0]);
    expect(memAt[1]).toBe(memAt[0]);
  });

  it('rule 4: assigning .grad releases a gradient backward made, unless kept or another tensor\'s .grad', () => {
    const w = torch.ones(3, { requires_grad: true });
    w.mul(2).sum().backward();
    const g = w.grad!;
    w.grad = null;
    expect(g._released).toBe(true);
    expect(() => g.tolist()).toThrow(/released by dispose\(\) on assigning .grad/);
    w.mul(2).sum().backward();
    const kept = w.grad!.keep();
    w.grad = torch.zeros(3);                 // a new gradient: the old one is released unless kept
    expect(kept.tolist()).toEqual([2, 2, 2]);
    const mine = w.grad;
    w.grad = null;                           // a gradient the user made is the user's
    expect(mine.tolist()).toEqual([0, 0, 0]);
    const v = torch.ones(3, { requires_grad: true });
    v.mul(3).sum().backward();
    w.grad = v.grad;                         // shared: released only when neither holds it
    v.grad = null;
    expect(w.grad!.tolist()).toEqual([3, 3, 3]);
    const shared = w.grad!;
    w.grad = null;
    expect(shared._released).toBe(true);
  });

  it('intermediate results of a spent graph are released at the next backward, with a clear error', () => {
    const w = torch.ones(3, { requires_grad: true });
    const h = w.mul(2);
    const loss = h.sum();
    loss.backward();
    expect(loss.item()).toBe(6);
    w.mul(3).sum().backward();
    expect(() => h.tolist()).toThrow(/released by backward\(\) of the next training step/);
    // the loss itself lives one backward longer (a GAN adds its two losses after both backwards)
    expect(loss.add(1).item()).toBe(7);
    w.mul(4).sum().backward();
    expect(() => loss.tolist()).toThrow(/released by backward\(\) of the next training step/);
  });
});

describe('the JavaScript heap of a synchronous training loop', () => {
  it('stays flat: no step keeps the objects of another (WeakRefs made in the loop kept every graph until the job ended)', async () => {
    const { nn, optim } = torch;
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    await new Promise((r) => setTimeout(r, 0)); // start from a fresh job
    torch.manual_seed(0);
    const net = new nn.Sequential(new nn.Linear(2, 8), new nn.Tanh(), new nn.Linear(8, 1), new nn.Sigmoid());
    const x = torch.rand(4, 2).keep();
    const y = torch.rand(4, 1).keep();
    const crit = new nn.MSELoss();
    const opt = new optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 });
    const steps = (n: number) => {
      for (let i = 0; i < n; i++) {
        opt.zero_grad();
        crit(net(x), y).backward();
        opt.step();
      }
    };
    // all in one synchronous job, as `for (const epoch ...)` loops are
    steps(1000);
    gc();
    const before = process.memoryUsage().heapUsed;
    steps(8000);
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // before the fix: ~7 KB a step (56 MB here)
    expect(grown).toBeLessThan(4_000_000);
  });
});

describe('memory exhaustion', () => {
  it('asking for more than wasm can hold is a RangeError naming the bytes, and the library keeps working', () => {
    expect(() => torch.zeros(2_000_000_000)).toThrow(RangeError);
    expect(() => torch.zeros(2_000_000_000)).toThrow(/8000000000 bytes/);
    expect(torch.ones(3).sum().item()).toBe(3);
  });
});

describe('library temporaries and no_grad blocks', () => {
  it('a model with a loss, trained and evaluated in plain loops, keeps the live tensor count flat', () => {
    const { nn, optim } = torch;
    torch.manual_seed(0);
    const net = new nn.Sequential(new nn.Linear(20, 16), new nn.ReLU(), new nn.Dropout(0.2), new nn.Linear(16, 4));
    const opt = new optim.Adam(net.parameters(), { lr: 1e-3 });
    const crit = new nn.CrossEntropyLoss({ label_smoothing: 0.1 });
    const x = torch.randn(8, 20);
    const y = torch.randint(0, 4, [8]);
    const live: number[] = [];
    for (let s = 0; s < 40; s++) {
      opt.zero_grad();
      crit(net(x), y).backward();
      opt.step();
      if (s >= 5) live.push(torch.memory_stats().live_tensors);
    }
    net.eval();
    for (let s = 0; s < 20; s++) {
      torch.no_grad(() => net(x).argmax(1).eq(y).sum().item());
      live.push(torch.memory_stats().live_tensors);
    }
    expect(Math.max(...live)).toBe(Math.min(...live));
  });

  it('a tensor made in a no_grad block lives on only if returned or kept', () => {
    const w = torch.ones(3, { requires_grad: true });
    const out = torch.no_grad(() => w.mul(2));
    expect(out.tolist()).toEqual([2, 2, 2]);
    let leaked: torch.Tensor | null = null;
    torch.no_grad(() => { leaked = w.mul(3); });
    expect(() => leaked!.tolist()).toThrow(/released by the end of the torch.no_grad\(\) callback/);
    let kept: torch.Tensor | null = null;
    torch.no_grad(() => { kept = w.mul(4).keep(); });
    expect(kept!.tolist()).toEqual([4, 4, 4]);
  });
});

describe('models created and dropped', () => {
  it('Module.dispose (and `using`) frees every parameter, buffer and gradient', () => {
    const { nn } = torch;
    const before = torch.memory_stats().bytes_in_use;
    for (let i = 0; i < 50; i++) {
      const m = new nn.Sequential(new nn.Linear(64, 32), new nn.BatchNorm1d(32), new nn.ReLU(), new nn.Linear(32, 4));
      torch.no_grad(() => m(torch.randn(3, 64).keep()).sum().item());
      const loss = m(torch.ones(3, 64)).sum();
      loss.backward();
      m[Symbol.dispose]();
    }
    // What is left are the inputs of the last steps (freed by the collector) and the last graph's
    // intermediate results (released at the next backward): nothing of the 50 models.
    expect(torch.memory_stats().bytes_in_use - before).toBeLessThan(50 * 3 * 64 * 4 + 64 * 1024);
  });
});

describe('ops built from other ops release their temporaries when they return', () => {
  const x = torch.randn(6, 8).keep();
  const y = torch.randn(6, 8).keep();
  const v = torch.randn(8).keep();
  const xr = x.round().keep();
  const mask = x.gt(0).keep();
  const spd = torch.tidy(() => { const m = torch.randn(4, 4); return m.matmul(m.t()).add(torch.eye(4).mul(4)); }).keep();
  const rhs = torch.randn(4, 2).keep();
  const labels = torch.tensor([0, 7, 3, 3, 1, 5]).keep();
  // Each call's result is disposed: nothing else it made may stay (no collector involved).
  const calls: [string, () => unknown][] = [
    ['std', () => x.std(1)], ['var', () => torch.var(x, 0)], ['var_mean', () => torch.var_mean(x, 1)],
    ['std_mean', () => torch.std_mean(x)], ['logsumexp', () => x.logsumexp(1)], ['all', () => x.all()],
    ['any', () => x.any(1)], ['argmax', () => x.argmax()], ['norm', () => x.norm()], ['sort', () => x.sort(1)],
    ['topk', () => x.topk(3)], ['median', () => x.median(1)], ['mode', () => x.mode(0)], ['kthvalue', () => x.kthvalue(2)],
    ['unique', () => torch.unique(xr)], ['cummax', () => torch.cummax(x, 1)], ['logcumsumexp', () => torch.logcumsumexp(x, 0)],
    ['isclose', () => torch.isclose(x, y)], ['allclose', () => torch.allclose(x, y)], ['sign', () => x.sign()],
    ['where', () => torch.where(mask, x, y)], ['logical_and', () => torch.logical_and(x, y)], ['hypot', () => torch.hypot(x, y)],
    ['logaddexp', () => torch.logaddexp(x, y)], ['xlogy', () => torch.xlogy(x, y)], ['nan_to_num', () => torch.nan_to_num(x)],
    ['cdist', () => torch.cdist(x, y)], ['cov', () => torch.cov(x)], ['corrcoef', () => torch.corrcoef(x)], ['kron', () => torch.kron(x, y)],
    ['roll', () => torch.roll(x, 1)], ['rot90', () => torch.rot90(x)], ['tensordot', () => torch.tensordot(x, y, 2)],
    ['outer', () => torch.outer(v, v)], ['linalg.solve', () => torch.linalg.solve(spd, rhs)],
    ['linalg.inv', () => torch.linalg.inv(spd)], ['linalg.cholesky', () => torch.linalg.cholesky(spd)],
    ['linalg.lstsq', () => torch.linalg.lstsq(spd, rhs)], ['matmul (matrix · vector)', () => x.matmul(v)], ['trace', () => x.trace()],
    ['repeat', () => x.repeat(2, 1, 3)], ['tile', () => torch.tile(v, [2, 2])],
    ['cross_entropy', () => torch.nn.functional.cross_entropy(x, labels)],
  ];
  const drop = (r: unknown): void => {
    if (r instanceof torch.Tensor) r.dispose();
    else if (r && typeof r === 'object') for (const t of Object.values(r)) drop(t);
  };
  for (const [name, f] of calls) {
    it(name, () => {
      drop(f());
      const live = torch.memory_stats().live_tensors;
      for (let i = 0; i < 5; i++) drop(f());
      expect(torch.memory_stats().live_tensors).toBe(live);
    });
  }

  it('a plain loop of 2,000 std calls on 256×256 stays within a few MB of wasm memory (it ran out of 4 GB before)', () => {
    const big = torch.randn(256, 256).keep();
    const start = torch.memory_stats().bytes_in_use;
    for (let i = 0; i < 2000; i++) big.std(1).dispose();
    expect(torch.memory_stats().bytes_in_use).toBe(start);
    big.dispose();
  });
});

describe('a synchronous loop that leaves its tensors to the garbage collector', () => {
  it('is reported once, and a training loop that calls backward() each step is not', () => {
    const saved = { ...collector };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      // Thresholds of this test's scale (the library's: 1 GiB in 10,000 tensors).
      Object.assign(collector, { warnBytes: 400_000, warnStorages: 200, warned: false });
      const net = new torch.nn.Sequential(new torch.nn.Linear(32, 64), new torch.nn.ReLU(), new torch.nn.Linear(64, 4));
      const opt = new torch.optim.SGD(net.parameters(), { lr: 0.01 });
      const x = torch.randn(16, 32).keep();
      const y = torch.randn(16, 4).keep();
      for (let step = 0; step < 300; step++) {
        opt.zero_grad();
        torch.nn.functional.mse_loss(net(x), y).backward();
        opt.step();
        torch.no_grad(() => net(x).sum().item());
      }
      const reported = () => warn.mock.calls.filter((c) => String(c[0]).includes('waiting for the garbage collector'));
      expect(reported()).toHaveLength(0);
      // Inference without no_grad: each call's graph and results wait for the collector (counted as
      // they are registered, every 4,096 tensors in a synchronous loop).
      for (let i = 0; i < 1000; i++) net(x).argmax(1);
      expect(reported()).toHaveLength(1);
      expect(String(reported()[0][0])).toMatch(/^UserWarning: tocha: [0-9.]+ GiB in \d+ tensors are waiting for the garbage collector, which frees them only when the event loop turns/);
      for (let i = 0; i < 300; i++) net(x).argmax(1);
      expect(reported()).toHaveLength(1);
    } finally {
      warn.mockRestore();
      Object.assign(collector, { warnBytes: saved.warnBytes, warnStorages: saved.warnStorages, warned: saved.warned });
    }
  });
});
