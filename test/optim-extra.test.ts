// More of torch.optim against PyTorch 1.13 (test/fixtures/gen_optim.py): option combinations,
// LBFGS, composed and momentum-cycling schedulers, ReduceLROnPlateau modes; scheduler state.
import { describe, it, expect, vi } from 'vitest';
import * as torch from '../src/index.js';
import { fixture } from './fixture.js';

const { optim } = torch;
const { lr_scheduler: S } = optim;

interface OptCase { id: string; cls: string; kwargs: Record<string, unknown>; shapes: number[][];
  params: number[][]; grads: number[][][]; trajectory: number[][][] }
interface LbfgsCase { id: string; kwargs: Record<string, unknown>; A: number[]; b: number[]; x0: number[];
  trajectory: number[][]; losses: number[] }
interface SchedCase { id: string; opt?: string; lrs: number[]; momentum?: number[]; last_lr?: number[];
  plateau?: Record<string, unknown>; metrics?: number[] }

const fx = fixture('optim-cases.json') as {
  optim: OptCase[]; lbfgs: LbfgsCase[]; sched: SchedCase[] };

const T = (data: number[], shape: number[]) => torch.tensor(Float32Array.from(data)).reshape(shape);

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  for (let i = 0; i < expected.length; i++) {
    const ok = Math.abs(actual[i] - expected[i]) <= tol + tol * Math.abs(expected[i]);
    if (!ok) expect.fail(`${what}, element ${i}: got ${actual[i]}, expected ${expected[i]}`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ctor = new (...args: any[]) => any;

// First in the file: the warning prints once per process (per test file here), as Python's default filter shows it.
describe('lr_scheduler.step() before optimizer.step()', () => {
  it("prints PyTorch's UserWarning once; optimizer.step() first prints nothing", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const opt = new optim.SGD([torch.zeros(1, { requires_grad: true })], { lr: 5 });
      const s = new S.StepLR(opt, 1, { gamma: 0.1 });
      opt.step();
      s.step();
      expect(warn).not.toHaveBeenCalled();
      const s2 = new S.StepLR(opt, 1, { gamma: 0.1 });   // a new scheduler counts the optimizer's steps from 0 again
      s2.step();
      expect(warn.mock.calls).toEqual([['UserWarning: Detected call of `lr_scheduler.step()` before `optimizer.step()`. In ' +
        'PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  ' +
        'Failure to do this will result in PyTorch skipping the first value of the learning rate schedule. See more details at ' +
        'https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate']]);
      expect(Object.keys(opt)).not.toContain('_step_count');
      expect(opt.param_groups[0].lr).toBeCloseTo(0.05, 12);   // both steps applied, as in PyTorch
    } finally {
      warn.mockRestore();
    }
  });
});

describe('optimizer options (PyTorch 1.13 trajectories)', () => {
  for (const c of fx.optim) {
    it(c.id, () => {
      const Opt = (optim as unknown as Record<string, Ctor>)[c.cls];
      const params = c.params.map((d, i) => T(d, c.shapes[i]).requires_grad_());
      const opt = new Opt(params, c.kwargs);
      c.grads.forEach((gs, step) => {
        params.forEach((p, i) => { p.grad = T(gs[i], c.shapes[i]); });
        opt.step();
        params.forEach((p, i) => expectClose(p.dataSync(), c.trajectory[step][i], 1e-5, `step ${step + 1} param ${i}`));
      });
    });
  }
});

describe('LBFGS (PyTorch 1.13 trajectories)', () => {
  for (const c of fx.lbfgs) {
    it(c.id, () => {
      const A = T(c.A, [6, 4]);
      const b = T(c.b, [6]);
      const x = T(c.x0, [4]).requires_grad_();
      const opt = new optim.LBFGS([x], c.kwargs);
      const closure = () => {
        opt.zero_grad();
        const r = A.matmul(x).sub(b);
        const loss = r.mul(r).sum().add(x.pow(4).sum().mul(0.1));
        loss.backward();
        return loss;
      };
      // The strong-Wolfe search does its scalar math in float64; PyTorch's mixes in float32
      // 0-dim tensors, so its iterates drift apart slightly.
      const tol = c.kwargs.line_search_fn ? 2e-3 : 1e-4;
      c.trajectory.forEach((expected, step) => {
        const loss = opt.step(closure) as torch.Tensor;
        expectClose([Number(loss.item())], [c.losses[step]], tol, `loss of step ${step + 1}`);
        expectClose(x.dataSync(), expected, tol, `x after step ${step + 1}`);
      });
    });
  }

  it('keeps memory flat across steps', () => {
    const A = torch.randn(6, 4);
    const b = torch.randn(6);
    const x = torch.randn(4).requires_grad_();
    const opt = new optim.LBFGS([x], { history_size: 3, max_iter: 4 });
    const closure = () => {
      opt.zero_grad();
      const r = A.matmul(x).sub(b);
      const loss = r.mul(r).sum().add(x.pow(4).sum().mul(0.1));
      loss.backward();
      return loss;
    };
    const step = () => torch.tidy(() => { opt.step(closure); });
    for (let i = 0; i < 5; i++) step();
    const before = torch.memory_stats().bytes_in_use;
    for (let i = 0; i < 50; i++) step();
    expect(torch.memory_stats().bytes_in_use).toBe(before);
  });

  it("keeps the two-loop coefficients in its state as 'al', as PyTorch does", () => {
    const x = torch.tensor([1, -2], { dtype: torch.float32, requires_grad: true });
    const opt = new optim.LBFGS([x], { history_size: 3, max_iter: 4 });
    const closure = () => {
      opt.zero_grad();
      const l = x.mul(torch.tensor([1, 3], { dtype: torch.float32 })).pow(2).sum().add(x.pow(4).sum().mul(0.1));
      l.backward();
      return l;
    };
    opt.step(closure);
    let s = opt.state_dict().state[0] as Record<string, unknown>;
    expect(Object.keys(s).sort()).toEqual(['H_diag', 'al', 'd', 'func_evals', 'n_iter', 'old_dirs', 'old_stps', 'prev_flat_grad',
      'prev_loss', 'ro', 't']);
    // PyTorch 1.13: [float(a) for a in state['al']] and [float(r) for r in state['ro']]
    expectClose(s.al as number[], [-0.007182036992162466, -0.055774468928575516, 0.44114863872528076], 1e-5, 'al');
    expectClose(s.ro as number[], [0.05387117341160774, 0.06103987246751785, 3.0132927894592285], 1e-5, 'ro');
    opt.step(closure);
    s = opt.state_dict().state[0] as Record<string, unknown>;
    expectClose(s.al as number[], [0.0004329415678512305, 0.0013376805000007153, 0.010259484872221947], 1e-4, 'al after step 2');
    // a history not yet full leaves the rest None
    const y = torch.tensor([1, -2], { dtype: torch.float32, requires_grad: true });
    const opt2 = new optim.LBFGS([y], { max_iter: 3 });
    opt2.step(() => {
      opt2.zero_grad();
      const l = y.mul(torch.tensor([1, 3], { dtype: torch.float32 })).pow(2).sum().add(y.pow(4).sum().mul(0.1));
      l.backward();
      return l;
    });
    const al = (opt2.state_dict().state[0] as Record<string, unknown>).al as (number | null)[];
    expect([al.length, al.filter((a) => a === null).length]).toEqual([100, 99]);
    expectClose([al[0]!], [0.9973773956298828], 1e-5, 'al of a short history');
  });

  it('rejects parameter groups', () => {
    const a = torch.zeros(1, { requires_grad: true });
    const b = torch.zeros(1, { requires_grad: true });
    expect(() => new optim.LBFGS([{ params: [a] }, { params: [b] }])).toThrow(
      "LBFGS doesn't support per-parameter options (parameter groups)");
  });
});

const lambdas: Record<string, (o: torch.optim.Optimizer) => { step(m?: number): void; get_last_lr(): number[] }> = {
  lambda: (o) => new S.LambdaLR(o, (e: number) => 0.95 ** e),
  multiplicative: (o) => new S.MultiplicativeLR(o, () => 0.9),
  constant: (o) => new S.ConstantLR(o, { factor: 0.5, total_iters: 4 }),
  'linear-end': (o) => new S.LinearLR(o, { start_factor: 1.0, end_factor: 0.2, total_iters: 6 }),
  sequential: (o) => new S.SequentialLR(o, [new S.LinearLR(o, { start_factor: 0.5, total_iters: 3 }),
    new S.ExponentialLR(o, { gamma: 0.9 })], { milestones: [3] }),
  chained: (o) => new S.ChainedScheduler([new S.ConstantLR(o, { factor: 0.5, total_iters: 2 }),
    new S.ExponentialLR(o, 0.9)]),
  'cyclic-triangular2': (o) => new S.CyclicLR(o, { base_lr: 0.01, max_lr: 0.1, step_size_up: 2, step_size_down: 3,
    mode: 'triangular2' }),
  'cyclic-exp-range': (o) => new S.CyclicLR(o, 0.01, 0.1, { step_size_up: 3, mode: 'exp_range', gamma: 0.9 }),
  'onecycle-linear-3phase': (o) => new S.OneCycleLR(o, { max_lr: 0.5, total_steps: 14, anneal_strategy: 'linear',
    three_phase: true }),
  'onecycle-adam': (o) => new S.OneCycleLR(o, { max_lr: 0.01, epochs: 2, steps_per_epoch: 7, pct_start: 0.25 }),
  'warm-restarts-tmult1': (o) => new S.CosineAnnealingWarmRestarts(o, { T_0: 3, eta_min: 0.001 }),
  'cosine-past-tmax': (o) => new S.CosineAnnealingLR(o, 4),
  'multistep-repeated': (o) => new S.MultiStepLR(o, [2, 2, 6], { gamma: 0.5 }),
  'polynomial-linear': (o) => new S.PolynomialLR(o, { total_iters: 4 }),
};

describe('lr_scheduler (PyTorch 1.13 learning rates and momenta)', () => {
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-12 + 1e-9 * Math.abs(b);
  for (const c of fx.sched) {
    it(c.id, () => {
      const p = torch.zeros(1, { requires_grad: true });
      const opt = c.opt === 'adam' ? new optim.Adam([p], { lr: 0.1 }) : new optim.SGD([p], { lr: 0.1, momentum: 0.9 });
      const s = (c.plateau ? new S.ReduceLROnPlateau(opt, c.plateau) : lambdas[c.id](opt)) as
        { step(m?: number): void; get_last_lr(): number[] };
      c.lrs.forEach((lr, e) => {
        const g = opt.param_groups[0];
        expect(near(g.lr, lr), `epoch ${e}: lr ${g.lr}, expected ${lr}`).toBe(true);
        if (c.momentum) {
          const m = g.betas ? g.betas[0] : g.momentum;
          expect(near(m, c.momentum[e]), `epoch ${e}: momentum ${m}, expected ${c.momentum[e]}`).toBe(true);
        }
        opt.step();
        if (c.metrics) s.step(c.metrics[e]);
        else s.step();
      });
      if (c.last_lr) expect(s.get_last_lr().every((v, i) => near(v, c.last_lr![i]))).toBe(true);
    });
  }
});

describe('lr_scheduler behaviour', () => {
  const sgd = () => new optim.SGD([torch.zeros(1, { requires_grad: true })], { lr: 0.1, momentum: 0.9 });

  it('records initial_lr, base_lrs, last_epoch and get_last_lr', () => {
    const opt = sgd();
    const s = new S.StepLR(opt, 2, { gamma: 0.5 });
    expect(opt.param_groups[0].initial_lr).toBe(0.1);
    expect(s.base_lrs).toEqual([0.1]);
    expect(s.last_epoch).toBe(0);
    s.step(); s.step();
    expect(s.last_epoch).toBe(2);
    expect(s.get_last_lr()).toEqual([0.05]);
  });

  it("state_dict has PyTorch 1.13's keys in its order (the scheduler's __dict__), as a printed checkpoint shows them", () => {
    const opt = new optim.SGD([torch.zeros(1, { requires_grad: true })], { lr: 5 });
    const step = new S.StepLR(opt, 1.0, { gamma: 0.1 });
    opt.step();
    step.step();
    // {'step_size': 1.0, 'gamma': 0.1, 'base_lrs': [5], 'last_epoch': 1, 'verbose': False, '_step_count': 2,
    //  '_get_lr_called_within_step': False, '_last_lr': [0.5]}
    expect(step.state_dict()).toStrictEqual({ step_size: 1, gamma: 0.1, base_lrs: [5], last_epoch: 1, verbose: false, _step_count: 2,
      _get_lr_called_within_step: false, _last_lr: [0.5] });
    expect(Object.keys(step.state_dict())).toEqual(['step_size', 'gamma', 'base_lrs', 'last_epoch', 'verbose', '_step_count',
      '_get_lr_called_within_step', '_last_lr']);
    const base = ['base_lrs', 'last_epoch', 'verbose', '_step_count', '_get_lr_called_within_step', '_last_lr'];
    expect(Object.keys(new S.LambdaLR(opt, () => 0.5).state_dict())).toEqual([...base, 'lr_lambdas']);
    expect(Object.keys(new S.CosineAnnealingWarmRestarts(opt, 3).state_dict())).toEqual(['T_0', 'T_i', 'T_mult', 'eta_min', 'T_cur', ...base]);
    const seq = new S.SequentialLR(opt, [new S.ConstantLR(opt), new S.ExponentialLR(opt, 0.9)], [2]);
    expect(Object.keys(seq.state_dict())).toEqual(['_milestones', 'last_epoch', '_last_lr', '_schedulers']);
    expect(Object.keys((seq.state_dict()._schedulers as Record<string, unknown>[])[0])).toEqual(['factor', 'total_iters', ...base]);
    expect(Object.keys(new S.ChainedScheduler([new S.ConstantLR(opt), new S.ExponentialLR(opt, 0.9)]).state_dict()))
      .toEqual(['_last_lr', '_schedulers']);
  });

  it('state_dict round trip continues the same schedule', () => {
    const a = sgd();
    const sa = new S.CosineAnnealingLR(a, { T_max: 10, eta_min: 0.01 });
    for (let i = 0; i < 4; i++) sa.step();
    const sd = sa.state_dict();
    expect(sd.optimizer).toBeUndefined();
    expect(sd.last_epoch).toBe(4);
    const b = sgd();
    const sb = new S.CosineAnnealingLR(b, { T_max: 10, eta_min: 0.01 });
    sb.load_state_dict(sd);
    b.param_groups[0].lr = a.param_groups[0].lr;
    for (let i = 0; i < 4; i++) { sa.step(); sb.step(); }
    expect(b.param_groups[0].lr).toBe(a.param_groups[0].lr);
  });

  it('step(epoch) uses the closed form', () => {
    const opt = sgd();
    const s = new S.StepLR(opt, { step_size: 3, gamma: 0.5 });
    s.step(7);
    expect(opt.param_groups[0].lr).toBeCloseTo(0.1 * 0.25, 15);
  });

  it('validates arguments with PyTorch messages', () => {
    const opt = sgd();
    expect(() => new S.StepLR({} as never, 3)).toThrow('Object is not an Optimizer');
    expect(() => new S.StepLR(opt)).toThrow("StepLR.__init__() missing 1 required positional argument: 'step_size'");
    expect(() => new S.ConstantLR(opt, { factor: 2 })).toThrow('Constant multiplicative factor expected to be between 0 and 1.');
    expect(() => new S.LinearLR(opt, { start_factor: -1 })).toThrow('Starting multiplicative factor expected to be between 0 and 1.');
    expect(() => new S.ReduceLROnPlateau(opt, { factor: 1.0 })).toThrow('Factor should be < 1.0.');
    expect(() => new S.ReduceLROnPlateau(opt, { mode: 'mid' })).toThrow('mode mid is unknown!');
    expect(() => new S.CosineAnnealingWarmRestarts(opt, { T_0: 0 })).toThrow('Expected positive integer T_0, but got 0');
    expect(() => new S.CyclicLR(opt, { base_lr: 0.1, max_lr: 1, mode: 'square' })).toThrow('mode is invalid and scale_fn is None');
    expect(() => new S.OneCycleLR(opt, { max_lr: 1 })).toThrow('You must define either total_steps OR (epochs AND steps_per_epoch)');
    expect(() => new S.OneCycleLR(opt, { max_lr: 1, total_steps: 10, anneal_strategy: 'exp' })).toThrow(
      "anneal_strategy must by one of 'cos' or 'linear', instead got exp");
    const s = new S.OneCycleLR(opt, { max_lr: 1, total_steps: 2 });
    s.step(); s.step();
    expect(() => s.step()).toThrow('Tried to step 4 times. The specified number of total steps is 2');
    expect(() => new S.LambdaLR(opt, [() => 1, () => 1])).toThrow('Expected 1 lr_lambdas, but got 2');
    const fresh = sgd();
    expect(() => new S.StepLR(fresh, 3, { last_epoch: 5 })).toThrow(
      "param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer");
  });

  it('ReduceLROnPlateau accepts a tensor metric', () => {
    const opt = sgd();
    const s = new S.ReduceLROnPlateau(opt, { patience: 0 });
    s.step(torch.tensor(1.5));
    s.step(torch.tensor(2.5));
    expect(opt.param_groups[0].lr).toBeCloseTo(0.01, 15);
  });
});

describe("optimizer state: the counters PyTorch 1.13 keeps as 0-dim tensors", () => {
  // PyTorch 1.13, Linear(2, 1) under torch.manual_seed(0), lr=0.1 (SGD momentum 0.9, RMSprop momentum 0.9 centered),
  // one step(closure) of m(torch.ones(1, 2)).sum(): repr of each non-tensor or 0-dim entry of state_dict()['state'][0]
  const expected: Record<string, Record<string, string>> = {
    Adam: { step: 'tensor(1.)' },
    AdamW: { step: 'tensor(1.)' },
    Adamax: { step: 'tensor(1.)' },
    NAdam: { step: 'tensor(1.)', mu_product: 'tensor(0.4501)' },
    RAdam: { step: 'tensor(1.)' },
    ASGD: { step: 'tensor(1.)', eta: 'tensor(0.1000)', mu: 'tensor(1.)' },
    Adagrad: { step: 'tensor(1.)' },
    Adadelta: { step: '1' },
    Rprop: { step: '1' },
    RMSprop: { step: '1' },
  };
  for (const [name, entries] of Object.entries(expected)) {
    it(`${name}: ${Object.entries(entries).map(([k, v]) => `${k} ${v}`).join(', ')}; live, and copied by load_state_dict`, () => {
      torch.manual_seed(0);
      const m = new torch.nn.Linear(2, 1);
      const extra = name === 'RMSprop' ? { momentum: 0.9, centered: true } : {};
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const opt = new (torch.optim as any)[name](m.parameters(), { lr: 0.1, ...extra });
      opt.step(() => {
        opt.zero_grad();
        const l = m.forward(torch.ones(1, 2)).sum();
        l.backward();
        return l;
      });
      const s = opt.state_dict().state[0] as Record<string, unknown>;
      for (const [k, v] of Object.entries(entries)) {
        const got = s[k];
        if (v.startsWith('tensor')) {
          expect(got, k).toBeInstanceOf(torch.Tensor);
          expect((got as torch.Tensor).dtype).toBe(torch.float32);
          expect((got as torch.Tensor).shape).toEqual([]);
        } else expect(typeof got, k).toBe('number');
        expect(String(got), k).toBe(v);
      }
      // PyTorch's betas/etas are tuples (torch.save writes a frozen array as one)
      for (const [k, v] of Object.entries(opt.state_dict().param_groups[0])) if (k !== 'params' && Array.isArray(v)) expect(Object.isFrozen(v), k).toBe(true);
      // the state is live, as PyTorch's: a state_dict taken now shows the next step's count; loading copies it
      const again = new (torch.optim as any)[name](m.parameters(), { lr: 0.1, ...extra }); // eslint-disable-line @typescript-eslint/no-explicit-any
      again.load_state_dict(opt.state_dict());
      expect(String(again.state_dict().state[0].step)).toBe(entries.step);
      const live = opt.state_dict().state[0] as Record<string, unknown>;
      opt.step(() => {
        opt.zero_grad();
        const l = m.forward(torch.ones(1, 2)).sum();
        l.backward();
        return l;
      });
      expect(String(live.step)).toBe(entries.step.startsWith('tensor') ? 'tensor(2.)' : '2');
      expect(String(again.state_dict().state[0].step)).toBe(entries.step);
    });
  }
});
