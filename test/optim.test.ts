// torch.optim against PyTorch 1.13: every optim/* and sched/* conformance case, state_dict round
// trips, error messages, parameter groups, and flat memory over many steps.
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import * as torch from '../src/index.js';

const { optim } = torch;
const lr_scheduler = (optim as unknown as { lr_scheduler?: Record<string, unknown> }).lr_scheduler;

interface Enc { dtype: string; shape: number[]; data: (number | string)[] }
interface Case {
  id: string; call: string; kwargs: Record<string, unknown>; tol?: number;
  params?: Enc[]; grads?: Enc[][]; trajectory?: Enc[][];
  optimizer?: { type: string; lr: number; momentum: number }; metrics?: number[] | null; lrs?: number[];
}

const CASES = new URL('../../shared/conformance/torch-cases.json', import.meta.url);
const cases: Case[] = existsSync(CASES)
  ? (JSON.parse(readFileSync(CASES, 'utf8')).cases as Case[]).filter((c) => /^(optim|sched)\//.test(c.id))
  : [];

const num = (v: number | string): number => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v));
const dec = (e: Enc): torch.Tensor => torch.tensor(Float32Array.from(e.data.map(num))).reshape(e.shape);

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): string | null {
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const b = expected[i];
    if (!(Math.abs(a - b) <= tol + tol * Math.abs(b))) return `element ${i}: got ${a}, expected ${b}`;
  }
  return null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ctor = new (...args: any[]) => any;
const className = (call: string) => call.split('.').pop()!;

describe('optim conformance (PyTorch 1.13 trajectories)', () => {
  for (const c of cases.filter((x) => x.id.startsWith('optim/'))) {
    it(c.id, () => {
      const Opt = (optim as unknown as Record<string, Ctor>)[className(c.call)];
      expect(Opt, `torch.optim.${className(c.call)}`).toBeDefined();
      const params = c.params!.map((e) => dec(e).requires_grad_());
      const opt = new Opt(params, c.kwargs);
      const tol = c.tol ?? 1e-5;
      c.grads!.forEach((gs, step) => {
        params.forEach((p, i) => { p.grad = dec(gs[i]); });
        opt.step();
        params.forEach((p, i) => {
          const err = close(p.dataSync(), c.trajectory![step][i].data.map(num), tol);
          expect(err, `step ${step + 1}, param ${i}`).toBeNull();
        });
      });
    });
  }
});

describe.skipIf(!lr_scheduler)('lr_scheduler conformance (PyTorch 1.13 learning rates)', () => {
  for (const c of cases.filter((x) => x.id.startsWith('sched/'))) {
    it(c.id, () => {
      expect(lr_scheduler).toBeDefined();
      const Sched = lr_scheduler![className(c.call)] as Ctor;
      expect(Sched, c.call).toBeDefined();
      const p = torch.zeros(1, { requires_grad: true });
      const opt = new optim.SGD([p], { lr: c.optimizer!.lr, momentum: c.optimizer!.momentum });
      const s = new Sched(opt, c.kwargs);
      c.lrs!.forEach((expected, epoch) => {
        const lr = opt.param_groups[0].lr as number;
        expect(Math.abs(lr - expected), `epoch ${epoch}: lr ${lr}, expected ${expected}`).toBeLessThanOrEqual(1e-12 + 1e-9 * Math.abs(expected));
        opt.step();
        if (c.metrics) s.step(c.metrics[epoch]);
        else s.step();
      });
    });
  }
});

/** A small deterministic problem: minimize sum((W x - y)^2) over W and b. */
function problem() {
  torch.manual_seed(0);
  const W = torch.randn(4, 3).requires_grad_();
  const b = torch.zeros(4).requires_grad_();
  const x = torch.randn(3, 5);
  const y = torch.randn(4, 5);
  const loss = () => W.matmul(x).add(b.unsqueeze(1)).sub(y).square().sum();
  return { W, b, loss };
}

function train(opt: torch.optim.Optimizer, loss: () => torch.Tensor, steps: number): void {
  for (let i = 0; i < steps; i++) {
    opt.zero_grad();
    loss().backward();
    opt.step();
  }
}

describe('Optimizer', () => {
  const makers: [string, (ps: torch.Tensor[]) => torch.optim.Optimizer][] = [
    ['SGD', (ps) => new optim.SGD(ps, { lr: 0.01, momentum: 0.9, nesterov: true })],
    ['Adam', (ps) => new optim.Adam(ps, { lr: 0.01, amsgrad: true })],
    ['AdamW', (ps) => new optim.AdamW(ps, { lr: 0.01 })],
    ['Adagrad', (ps) => new optim.Adagrad(ps, { lr: 0.1 })],
    ['Adadelta', (ps) => new optim.Adadelta(ps)],
    ['RMSprop', (ps) => new optim.RMSprop(ps, { lr: 0.01, momentum: 0.5, centered: true })],
    ['Adamax', (ps) => new optim.Adamax(ps)],
    ['NAdam', (ps) => new optim.NAdam(ps)],
    ['RAdam', (ps) => new optim.RAdam(ps)],
    ['Rprop', (ps) => new optim.Rprop(ps)],
    ['ASGD', (ps) => new optim.ASGD(ps, { t0: 2 })],
  ];

  for (const [name, make] of makers) {
    it(`${name}: state_dict after 3 steps, loaded into a fresh optimizer, continues the same trajectory`, () => {
      const a = problem();
      const optA = make([a.W, a.b]);
      train(optA, a.loss, 3);
      const sd = optA.state_dict();
      expect(Object.keys(sd.state)).toEqual(['0', '1']);
      expect(sd.param_groups[0].params).toEqual([0, 1]);

      const b = problem();
      const optB0 = make([b.W, b.b]);
      train(optB0, b.loss, 3);
      const c = problem();
      torch.no_grad(() => { c.W.copy_(b.W); c.b.copy_(b.b); });
      const optC = make([c.W, c.b]);
      optC.load_state_dict(sd);
      train(optA, a.loss, 4);
      train(optC, c.loss, 4);
      expect(Array.from(c.W.dataSync())).toEqual(Array.from(a.W.dataSync()));
      expect(Array.from(c.b.dataSync())).toEqual(Array.from(a.b.dataSync()));
    });
  }

  it('minimizes a least-squares problem', () => {
    for (const [name, make] of makers) {
      const pr = problem();
      const opt = make([pr.W, pr.b]);
      const before = Number(pr.loss().item());
      train(opt, pr.loss, 30);
      const after = Number(pr.loss().item());
      expect(after, name).toBeLessThan(before);
    }
  });

  it('validates hyper-parameters with PyTorch messages', () => {
    const p = [torch.zeros(2, { requires_grad: true })];
    expect(() => new optim.SGD(p, { lr: -1 })).toThrow('Invalid learning rate: -1');
    expect(() => new optim.SGD(p, { lr: 0.1, momentum: -0.5 })).toThrow('Invalid momentum value: -0.5');
    expect(() => new optim.SGD(p, { lr: 0.1, weight_decay: -1e-5 })).toThrow('Invalid weight_decay value: -1e-05');
    expect(() => new optim.SGD(p, { lr: 0.1, nesterov: true })).toThrow('Nesterov momentum requires a momentum and zero dampening');
    expect(() => new optim.SGD(p)).toThrow("parameter group didn't specify a value of required optimization parameter lr");
    expect(() => new optim.Adam(p, { betas: [1.0, 0.999] })).toThrow('Invalid beta parameter at index 0: 1.0');
    expect(() => new optim.Adam(p, { betas: [0.9, 1.5] })).toThrow('Invalid beta parameter at index 1: 1.5');
    expect(() => new optim.Adam(p, { eps: -1 })).toThrow('Invalid epsilon value: -1');
    expect(() => new optim.Adadelta(p, { rho: 1.5 })).toThrow('Invalid rho value: 1.5');
    expect(() => new optim.Rprop(p, { etas: [1.5, 1.2] })).toThrow('Invalid eta values: 1.5, 1.2');
    expect(() => new optim.Adagrad(p, { lr_decay: -1 })).toThrow('Invalid lr_decay value: -1');
    expect(() => new optim.NAdam(p, { momentum_decay: -1 })).toThrow('Invalid momentum_decay value: -1');
    expect(() => new optim.RMSprop(p, { alpha: -1 })).toThrow('Invalid alpha value: -1');
    expect(() => new optim.SGD([], { lr: 0.1 })).toThrow('optimizer got an empty parameter list');
    expect(() => new optim.SGD(p[0] as never, { lr: 0.1 })).toThrow('params argument given to the optimizer should be an iterable');
    expect(() => new optim.SGD(p, { lr: 0.1, momentm: 0.9 } as never)).toThrow("SGD.__init__() got an unexpected keyword argument 'momentm'");
    expect(() => new optim.SGD([p[0], p[0].add(1)], { lr: 0.1 })).toThrow("can't optimize a non-leaf Tensor");
  });

  it('param groups: defaults filled in, own lr per group, duplicates rejected', () => {
    const w = torch.ones(2, { requires_grad: true });
    const b = torch.ones(2, { requires_grad: true });
    const opt = new optim.SGD([{ params: [w] }, { params: b, lr: 0.5 }], { lr: 0.1, momentum: 0.9 });
    expect(opt.param_groups.length).toBe(2);
    expect(opt.param_groups[0].lr).toBe(0.1);
    expect(opt.param_groups[1].lr).toBe(0.5);
    expect(opt.param_groups[1].momentum).toBe(0.9);
    expect(opt.param_groups[1].params).toEqual([b]);
    w.grad = torch.ones(2);
    b.grad = torch.ones(2);
    opt.step();
    expect(Array.from(w.dataSync())).toEqual([0.9, 0.9].map(Math.fround));
    expect(Array.from(b.dataSync())).toEqual([0.5, 0.5]);
    expect(() => opt.add_param_group({ params: [w] })).toThrow('some parameters appear in more than one parameter group');
    const c = torch.ones(1, { requires_grad: true });
    opt.add_param_group({ params: [c], lr: 0.01 });
    expect(opt.param_groups[2].momentum).toBe(0.9);
    expect(opt.param_groups[2].lr).toBe(0.01);
  });

  it('accepts a generator of parameters, as nn.Module.parameters()', () => {
    const ps = [torch.ones(2, { requires_grad: true }), torch.ones(3, { requires_grad: true })];
    function* parameters() { yield* ps; }
    const opt = new optim.Adam(parameters(), { lr: 0.1 });
    expect(opt.param_groups[0].params).toEqual(ps);
    expect(opt.param_groups[0].betas).toEqual([0.9, 0.999]);
  });

  it('load_state_dict checks group count and sizes before changing anything', () => {
    const a = torch.ones(2, { requires_grad: true });
    const b = torch.ones(2, { requires_grad: true });
    const one = new optim.SGD([a, b], { lr: 0.1 });
    const two = new optim.SGD([{ params: [a] }, { params: [b] }], { lr: 0.2 });
    expect(() => one.load_state_dict(two.state_dict())).toThrow('loaded state dict has a different number of parameter groups');
    const small = new optim.SGD([a], { lr: 0.3 });
    expect(() => one.load_state_dict(small.state_dict())).toThrow(
      "loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
    expect(one.param_groups[0].lr).toBe(0.1);
    const other = new optim.SGD([torch.ones(2, { requires_grad: true }), torch.ones(2, { requires_grad: true })], { lr: 0.7 });
    one.load_state_dict(other.state_dict());
    expect(one.param_groups[0].lr).toBe(0.7);
    expect(one.param_groups[0].params).toEqual([a, b]);
  });

  it('zero_grad releases gradients by default, zeroes them with set_to_none false', () => {
    const p = torch.ones(3, { requires_grad: true });
    const opt = new optim.SGD([p], { lr: 0.1 });
    p.sum().backward();
    const g = p.grad!;
    opt.zero_grad();
    expect(p.grad).toBeNull();
    expect(() => g.dataSync()).toThrow(/released by dispose/);
    p.sum().backward();
    const g2 = p.grad!;
    opt.zero_grad({ set_to_none: false });
    expect(p.grad).toBe(g2);
    expect(Array.from(g2.dataSync())).toEqual([0, 0, 0]);
  });

  it('skips parameters without a gradient', () => {
    const a = torch.ones(2, { requires_grad: true });
    const b = torch.ones(2, { requires_grad: true });
    const opt = new optim.Adam([a, b], { lr: 0.1 });
    a.grad = torch.ones(2);
    opt.step();
    expect(opt.state.has(b)).toBe(false);
    expect(Array.from(b.dataSync())).toEqual([1, 1]);
    expect(Number((opt.state.get(a)!.step as torch.Tensor).item())).toBe(1);
  });

  it('step(closure) re-evaluates the loss with grad enabled and returns it', () => {
    const pr = problem();
    const opt = new optim.SGD([pr.W, pr.b], { lr: 0.01 });
    const loss = torch.no_grad(() => opt.step(() => {
      opt.zero_grad();
      const l = pr.loss();
      l.backward();
      return l;
    }));
    expect(loss).toBeInstanceOf(torch.Tensor);
    expect(Number((loss as torch.Tensor).item())).toBeGreaterThan(Number(pr.loss().item()));
  });

  it('prints as PyTorch', () => {
    const opt = new optim.Adam([torch.ones(1, { requires_grad: true })], { lr: 0.01 });
    expect(String(opt)).toBe([
      'Adam (', 'Parameter Group 0', '    amsgrad: False', '    betas: (0.9, 0.999)', '    capturable: False',
      '    differentiable: False', '    eps: 1e-08', '    foreach: None', '    fused: False', '    lr: 0.01',
      '    maximize: False', '    weight_decay: 0', ')'].join('\n'));
  });

  it('prints whole float hyper-parameters as PyTorch 1.13 does (lr: 1.0), its int ones as ints', () => {
    const p = () => [torch.zeros(1, { requires_grad: true })];
    // str(torch.optim.Adadelta(p)), str(torch.optim.ASGD(p)), str(torch.optim.LBFGS(p)) in PyTorch 1.13
    expect(String(new optim.Adadelta(p()))).toBe(
      'Adadelta (\nParameter Group 0\n    eps: 1e-06\n    foreach: None\n    lr: 1.0\n    maximize: False\n    rho: 0.9\n    weight_decay: 0\n)');
    expect(String(new optim.ASGD(p()))).toBe('ASGD (\nParameter Group 0\n    alpha: 0.75\n    foreach: None\n    lambd: 0.0001\n' +
      '    lr: 0.01\n    maximize: False\n    t0: 1000000.0\n    weight_decay: 0\n)');
    expect(String(new optim.LBFGS(p()))).toBe('LBFGS (\nParameter Group 0\n    history_size: 100\n    line_search_fn: None\n    lr: 1\n' +
      '    max_eval: 25\n    max_iter: 20\n    tolerance_change: 1e-09\n    tolerance_grad: 1e-07\n)');
    const o = new optim.Adadelta(p());
    new optim.lr_scheduler.StepLR(o, 1);
    expect(String(o)).toBe('Adadelta (\nParameter Group 0\n    eps: 1e-06\n    foreach: None\n    initial_lr: 1.0\n    lr: 1.0\n' +
      '    maximize: False\n    rho: 0.9\n    weight_decay: 0\n)');
  });

  for (const [name, make] of makers) {
    it(`${name}: memory stays flat over 500 steps`, () => {
      const pr = problem();
      const opt = make([pr.W, pr.b]);
      const step = () => torch.tidy(() => {
        opt.zero_grad();
        pr.loss().backward();
        opt.step();
      });
      for (let i = 0; i < 5; i++) step();
      const before = torch.memory_stats();
      for (let i = 0; i < 500; i++) step();
      const after = torch.memory_stats();
      expect(after.bytes_in_use).toBe(before.bytes_in_use);
      expect(after.live_tensors).toBe(before.live_tensors);
    });
  }
});
