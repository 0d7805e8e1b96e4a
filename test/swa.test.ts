// torch.optim.swa_utils (AveragedModel, SWALR, update_bn) and optim.SparseAdam against PyTorch 1.13:
// test/fixtures/swa.json, written by scripts/gen-swa.py. The SWA training is PyTorch's run replayed: the same seed,
// initial weights, shuffles and ops, so the averaged parameters and the recomputed BatchNorm statistics agree to float32
// tolerance.
import { describe, expect, it, vi } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture, expectClose } from './fixture.js';

const { nn, optim } = torch;
const { AveragedModel, SWALR, update_bn } = optim.swa_utils;
const { DataLoader, TensorDataset } = torch.utils.data;
const fx = fixture('swa.json');

const net = () => new nn.Sequential(new nn.Linear(4, 8), new nn.BatchNorm1d(8), new nn.ReLU(), new nn.Linear(8, 3));
const state = (m: torch.nn.Module) => Object.fromEntries(Object.entries(m.state_dict()).map(([k, v]) => [k, v.tolist()]));

/** Expects tocha's state_dict to be PyTorch's: the same keys in the same order, the values within `digits`. */
function expectState(m: torch.nn.Module, want: Record<string, unknown>, digits = 5): void {
  const got = m.state_dict();
  expect(Object.keys(got)).toEqual(Object.keys(want));
  for (const [k, w] of Object.entries(want)) {
    try {
      expectClose(got[k], w, digits);
    } catch (e) {
      throw new Error(`${k}: ${(e as Error).message}`);
    }
  }
}

function pyError(f: () => unknown, want: { type: string; message: string }): void {
  const Ctor = want.type === 'TypeError' ? TypeError : Error;
  expect(f).toThrow(Ctor);
  expect(f).toThrow(want.message);
}

describe('swa_utils: a seeded SWA training replays PyTorch', () => {
  const t = fx.train;
  it('CosineAnnealingLR then SWALR, averaged from epoch 5, update_bn: PyTorch\'s averages and BatchNorm statistics', () => {
    torch.manual_seed(0);
    const X = torch.randn(64, 4);
    const Y = torch.randint(0, 3, [64]);
    expectClose(X, t.X);
    expect(Y.tolist()).toEqual(t.Y);
    const model = net();
    expectState(model, t.init, 6);
    const loader = new DataLoader(new TensorDataset(X, Y), { batch_size: 16, shuffle: true, generator: new torch.Generator().manual_seed(1) });
    const opt = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
    const sched = new optim.lr_scheduler.CosineAnnealingLR(opt, { T_max: 10 });
    const swa = new AveragedModel(model);
    const swaSched = new SWALR(opt, { swa_lr: 0.02, anneal_epochs: 3, anneal_strategy: 'linear' });
    const lrs: number[] = [];
    const losses: number[] = [];
    const nAvg: number[] = [];
    for (let epoch = 0; epoch < 10; epoch++) {
      for (const [xb, yb] of loader) {
        opt.zero_grad();
        const loss = nn.functional.cross_entropy(model(xb), yb);
        loss.backward();
        opt.step();
        losses.push(Number(loss.item()));
      }
      if (epoch >= 5) {
        swa.update_parameters(model);
        swaSched.step();
      } else sched.step();
      lrs.push(opt.param_groups[0].lr);
      nAvg.push(Number(swa.n_averaged.item()));
    }
    lrs.forEach((lr, i) => expect(lr).toBeCloseTo(t.lrs[i], 14));
    expect(nAvg).toEqual(t.n_averaged);
    expectClose(losses, t.losses, 4);
    expectState(model, t.model, 4);
    expectState(swa, t.swa_before_bn, 4);
    update_bn(loader, swa);
    expect(Object.keys(swa.state_dict())).toEqual(t.keys);
    expectState(swa, t.swa, 4);
    const bn = swa.module.get_submodule('1') as torch.nn.BatchNorm1d;
    expect(bn.momentum).toBe(t.momentum_after);
    expect(swa.training).toBe(t.training_after);
    swa.eval();
    expectClose(swa(X.narrow(0, 0, 5)), t.swa_out, 4);
    const sd = swaSched.state_dict();
    for (const [k, v] of Object.entries(t.swa_sched)) expect(sd[k], k).toEqual(v);
    expect(opt.param_groups.map((g) => g.swa_lr)).toEqual(t.groups_swa_lr);
    expect(String(swa)).toBe(t.repr);
  });

  it('an EMA (avg_fn) of parameters and buffers (use_buffers)', () => {
    const e = fx.ema;
    torch.manual_seed(2);
    const m = net();
    expectState(m, e.init, 6);
    const ema = new AveragedModel(m, { avg_fn: (a: Tensor, p: Tensor) => a.mul(0.75).add(p.mul(0.25)), use_buffers: true });
    const opt = new optim.SGD(m.parameters(), { lr: 0.1, momentum: 0.5 });
    const xs = torch.tensor(e.xs);
    for (let i = 0; i < 3; i++) {
      opt.zero_grad();
      m(xs.select(0, i)).pow(2).mean().backward();
      opt.step();
      ema.update_parameters(m);
    }
    expectState(m, e.model, 5);
    expectState(ema, e.ema, 5);
  });

  it('the equal average of an int64 buffer truncates, as copy_ into int64 does', () => {
    const bn = new nn.BatchNorm1d(2);
    bn.num_batches_tracked!.fill_(5);
    const avg = new AveragedModel(bn, null, null, true);
    avg.update_parameters(bn);
    bn.num_batches_tracked!.fill_(8);
    avg.update_parameters(bn);
    expect(avg.module.num_batches_tracked!.item()).toBe(fx.int_buffer);
  });

  it('the copy is deep: training the model leaves the average alone until update_parameters', () => {
    const m = new nn.Linear(2, 2);
    const avg = new AveragedModel(m);
    expect(avg.module).not.toBe(m);
    expect(avg.module.weight).not.toBe(m.weight);
    torch.no_grad(() => m.weight.add_(1));
    expect(torch.equal(avg.module.weight, m.weight)).toBe(false);
    avg.update_parameters(m);
    expect(torch.equal(avg.module.weight, m.weight)).toBe(true);
    expect(() => avg.to('cuda')).toThrow();
    expect(() => new AveragedModel(m, 'cuda')).toThrow();
    expect(() => new AveragedModel(m, { bad: 1 } as never)).toThrow("AveragedModel.__init__() got an unexpected keyword argument 'bad'");
  });

  it('update_bn restores momenta and the mode, and leaves models without BatchNorm alone', () => {
    const m = net();
    m.eval();
    const bn = m.get_submodule('1') as torch.nn.BatchNorm1d;
    update_bn([torch.randn(4, 4), [torch.randn(4, 4), 0]], m);
    expect(m.training).toBe(false);
    expect(bn.momentum).toBe(0.1);
    expect(Number(bn.num_batches_tracked!.item())).toBe(2);
    const lin = new nn.Linear(2, 2);
    update_bn([torch.randn(3, 2)], lin);
    expect(() => update_bn(null as never, m)).toThrow(TypeError);
  });
});

describe('swa_utils.SWALR schedules', () => {
  for (const [i, c] of (fx.schedules as { lr: number; swa_lr: number | number[]; kwargs: Record<string, unknown>;
    lrs: number[][]; last_lr: number[] }[]).entries()) {
    it(`schedule ${i}: ${JSON.stringify(c.kwargs)}`, () => {
      const p = torch.zeros(1, { requires_grad: true });
      const o = new optim.SGD([{ params: [p] }, { params: [torch.zeros(1, { requires_grad: true })], lr: c.lr * 2 }], { lr: c.lr });
      const s = new SWALR(o, c.swa_lr, c.kwargs);
      const got = [o.param_groups.map((g) => g.lr)];
      for (let k = 1; k < c.lrs.length; k++) {
        o.step();
        s.step();
        got.push(o.param_groups.map((g) => g.lr));
      }
      got.forEach((row, k) => row.forEach((v, j) => expect(v).toBeCloseTo(c.lrs[k][j], 14)));
      s.get_last_lr().forEach((v, j) => expect(v).toBeCloseTo(c.last_lr[j], 14));
    });
  }

  it('get_lr() outside step() warns as PyTorch', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const s = new SWALR(new optim.SGD([torch.zeros(1, { requires_grad: true })], { lr: 0.1 }), 0.01);
      s.get_lr();
      expect(warn).toHaveBeenCalledWith(`UserWarning: ${fx.get_lr_warning}`);
    } finally {
      warn.mockRestore();
    }
  });

  it("PyTorch's errors, before the optimizer changes", () => {
    const e = fx.errors;
    const opt = new optim.SGD([torch.zeros(1, { requires_grad: true })], { lr: 0.1 });
    pyError(() => new SWALR(opt, { swa_lr: [0.1, 0.2] }), e.swa_lr_len);
    pyError(() => new SWALR(opt, { swa_lr: 0.1, anneal_strategy: 'exp' as 'cos' }), e.strategy);
    pyError(() => new SWALR(opt, { swa_lr: 0.1, anneal_epochs: -1 }), e.epochs_neg);
    pyError(() => new SWALR(opt, { swa_lr: 0.1, anneal_epochs: 2.5 }), e.epochs_float);
    pyError(() => new SWALR(opt), e.missing);
    pyError(() => new SWALR(opt, 0.1, 2, 'cos', -1, true as never), e.too_many);
    expect('swa_lr' in opt.param_groups[0]).toBe(false);
    expect(state(new nn.Linear(1, 1))).toBeTruthy();
  });
});

describe('optim.SparseAdam', () => {
  const s = fx.sparse_adam;
  it("is built and printed as PyTorch's; step() with a dense gradient raises PyTorch's error and changes nothing", () => {
    const p = new nn.Parameter(torch.ones(3));
    const sa = new optim.SparseAdam([p]);
    expect(String(sa)).toBe(s.repr);
    const { param_groups } = sa.state_dict();
    expect(param_groups.map((g) => ({ ...g, betas: [...g.betas] }))).toEqual(s.param_groups);
    p.grad = torch.ones(3);
    pyError(() => sa.step(), s.dense_grad);
    expect(sa.state.size).toBe(s.state_after);
    expect(p.tolist()).toEqual(s.p_after);
    const q = new nn.Parameter(torch.ones(2));
    new optim.SparseAdam([q]).step();   // no gradient: nothing to do
  });

  it("PyTorch's argument checks", () => {
    const e = s.errors;
    const p = new nn.Parameter(torch.ones(3));
    pyError(() => new optim.SparseAdam([p], { lr: 0 }), e.lr0);
    pyError(() => new optim.SparseAdam([p], { eps: 0 }), e.eps0);
    pyError(() => new optim.SparseAdam([p], { betas: [1, 0.5] }), e.beta0);
    pyError(() => new optim.SparseAdam([p], { betas: [0.5, -0.1] }), e.beta1);
    pyError(() => new optim.SparseAdam([p], 0.1, [0.9, 0.99], 1e-8, false, 3), e.too_many);
    pyError(() => new optim.SparseAdam([p], { foo: 1 } as never), e.unknown);
    expect(() => new optim.SparseAdam([p], -1)).toThrow('Invalid learning rate: -1');
  });
});
