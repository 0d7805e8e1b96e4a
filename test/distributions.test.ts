// torch.distributions against PyTorch 1.13: test/fixtures/distributions.json, written by
// scripts/gen-distributions.py (parameters, reprs, shapes, moments, log_prob / cdf / icdf, gradients,
// seeded samples and the stream position after them, KL divergences, messages, a REINFORCE update and a
// VAE step all come from PyTorch), plus the random ops they use (exponential_, normal, erfinv).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { _standard_gamma, _standard_gamma_grad, _sample_dirichlet, _dirichlet_grad } from '../src/ops/create.js';
import { fixture as readFixture, type EncTensor, num, decode, expectTensor as expectClose } from './fixture.js';
import { itCases, itErrors, itKL, expectEqual, type Arg, type Case, type KLCase, type PyError } from './dist-harness.js';

const D = torch.distributions;
type Dist = torch.distributions.Distribution;

const fixture = readFixture('distributions.json') as {
  ops: {
    erfinv: { input: EncTensor; out: EncTensor };
    erfinv_grad: { input: EncTensor; grad_out: EncTensor; grad: EncTensor; grad_fn: string };
    exponential: { seed: number; shape: number[]; lambd: number; out: EncTensor; after: EncTensor }[];
    normal: { seed: number; mean: Arg; std: Arg; out: EncTensor; after: EncTensor }[];
    normal_grad: { grad_fn: string[]; mean_grad: EncTensor; std_grad: EncTensor };
    lgamma: { input: EncTensor; lgamma: EncTensor; digamma: EncTensor; lgamma64: EncTensor };
    lgamma_grad: { input: EncTensor; grad_out: EncTensor; lgamma: EncTensor; digamma: EncTensor; grad_fn: string[] };
    standard_gamma: { alpha: EncTensor; cases: { seed: number; out: EncTensor; after: EncTensor }[] };
    standard_gamma_grad: { alpha: EncTensor; x: EncTensor; grad_out: EncTensor; grad: EncTensor; direct: EncTensor };
    dirichlet: { seed: number; alpha: EncTensor; out: EncTensor; after: EncTensor }[];
    dirichlet_grad: { x: EncTensor; alpha: EncTensor; out: EncTensor };
    multinomial: { probs: EncTensor; cases: { seed: number; n: number; replacement: boolean; out: EncTensor; after: EncTensor }[] };
    errors: Record<string, PyError>;
  };
  cases: Case[];
  kl: KLCase[];
  errors: Record<string, PyError>;
  no_validate: Record<string, EncTensor>;
  reinforce: {
    W0: EncTensor; obs: EncTensor; returns: EncTensor; W: EncTensor;
    steps: { actions: EncTensor; log_prob: EncTensor; loss: number; grad: EncTensor }[];
  };
  vae: {
    x: EncTensor; We: EncTensor; Wd: EncTensor; z: EncTensor; kl: EncTensor; nll: EncTensor; loss: number;
    grad_We: EncTensor; grad_Wd: EncTensor;
  };
};

// ---------------------------------------------------------------- the ops distributions sample with

describe('random ops and erfinv against PyTorch 1.13', () => {
  it('erfinv: PyTorch\'s algorithm on [-1, 1] (±inf at ±1, NaN outside), within 2 float32 ulp', () => {
    const { input, out } = fixture.ops.erfinv;
    const got = torch.erfinv(decode(input)).tolist() as number[];
    out.data.forEach((w, i) => {
      const y = num(w);
      if (!Number.isFinite(y)) expect(got[i], `erfinv[${i}]`).toBe(y);
      else if (Math.abs(got[i] - y) > 2.4e-7 * Math.abs(y) + 1e-37) expect(got[i], `erfinv(${num(input.data[i])})`).toBe(y);
    });
    const c = fixture.ops.erfinv_grad;
    const x = decode(c.input).requires_grad_();
    const y = x.erfinv();
    expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
    y.mul(decode(c.grad_out)).sum().backward();
    expectClose('erfinv grad', x.grad, c.grad);
  });

  it('x.exponential_(lambd): PyTorch\'s draws for a seed, bit for bit, and the stream after them', () => {
    for (const c of fixture.ops.exponential) {
      torch.manual_seed(c.seed);
      expectEqual(`exponential_(${c.lambd})`, torch.empty(c.shape).exponential_(c.lambd), c.out);
      expectEqual('rand after', torch.rand(3), c.after);
    }
  });

  it('torch.normal with tensor mean and/or std: PyTorch\'s draws, bit for bit; zero gradients', () => {
    for (const c of fixture.ops.normal) {
      const arg = (a: Arg) => (typeof a === 'number' ? a : decode((a as { t: EncTensor }).t));
      torch.manual_seed(c.seed);
      expectEqual(`normal seed ${c.seed}`, torch.normal(arg(c.mean), arg(c.std)), c.out);
      expectEqual('rand after', torch.rand(3), c.after);
    }
    const m = torch.zeros(3, { requires_grad: true });
    const s = torch.ones(3, { requires_grad: true });
    const names = [torch.normal(m, s), torch.normal(m, 2), torch.normal(1, s)].map((t) => String(t.grad_fn));
    expect(names).toEqual(fixture.ops.normal_grad.grad_fn.map((n) => `<${n}>`));
    torch.normal(m, s).sum().backward();
    expectEqual('mean grad', m.grad!, fixture.ops.normal_grad.mean_grad);
    expectEqual('std grad', s.grad!, fixture.ops.normal_grad.std_grad);
    const E = fixture.ops.errors;
    void E;
  });

  it('lgamma and digamma: within 2 float32 ulp of PyTorch (digamma is PyTorch\'s algorithm; lgamma, where the C library\'s lgammaf is off by more, the double result rounded); gradients', () => {
    const L = fixture.ops.lgamma;
    const x = decode(L.input);
    for (const [name, f] of [['lgamma', torch.lgamma], ['digamma', torch.digamma]] as const) {
      const got = f(x).tolist() as number[];
      L[name].data.forEach((w, i) => {
        const y = num(w);
        const near = (v: number) => Math.abs(got[i] - v) <= 2.4e-7 * Math.abs(v) + 1e-30;
        if (!Number.isFinite(y)) expect(got[i], `${name}(${num(L.input.data[i])})`).toBe(y);
        else if (!near(y) && !(name === 'lgamma' && got[i] === num(L.lgamma64.data[i]))) expect(got[i], `${name}(${num(L.input.data[i])})`).toBe(y);
      });
    }
    const G = fixture.ops.lgamma_grad;
    for (const [k, f] of [['lgamma', (t: Tensor) => t.lgamma()], ['digamma', (t: Tensor) => t.digamma()]] as const) {
      const t = decode(G.input).requires_grad_();
      const y = f(t);
      expect(String(y.grad_fn)).toBe(`<${G.grad_fn[k === 'lgamma' ? 0 : 1]}>`);
      y.mul(decode(G.grad_out)).sum().backward();
      expectClose(`${k} grad`, t.grad, G[k]);
    }
    // second derivatives: lgamma'' = polygamma(1, x); one more is not built and says so
    const t = torch.tensor([1.5, 3], { dtype: torch.float32, requires_grad: true });
    const [d1] = torch.autograd.grad(t.lgamma().sum(), t, { create_graph: true });
    const [d2] = torch.autograd.grad(d1!.sum(), t, { create_graph: true });
    expect((d2!.tolist() as number[]).map((v) => Number(v.toFixed(5)))).toEqual([0.9348, 0.39493]);
    expect(() => torch.autograd.grad(d2!.sum(), t)).toThrow('polygamma(2, x)');
  });

  it('_standard_gamma and _sample_dirichlet: PyTorch\'s rejection sampler draws for a seed, bit for bit, and the stream after', () => {
    const SG = fixture.ops.standard_gamma;
    for (const c of SG.cases) {
      torch.manual_seed(c.seed);
      expectEqual(`_standard_gamma seed ${c.seed}`, _standard_gamma(decode(SG.alpha)), c.out);
      expectEqual('rand after', torch.rand(2), c.after);
    }
    for (const c of fixture.ops.dirichlet) {
      torch.manual_seed(c.seed);
      expectEqual(`_sample_dirichlet seed ${c.seed}`, _sample_dirichlet(decode(c.alpha)), c.out);
      expectEqual('rand after', torch.rand(2), c.after);
    }
  });

  it('the reparameterized gradients of Gamma and Dirichlet samples (_standard_gamma_grad, _dirichlet_grad)', () => {
    const G = fixture.ops.standard_gamma_grad;
    const a = decode(G.alpha).requires_grad_();
    torch.manual_seed(7);
    const x = _standard_gamma(a);
    expectEqual('x', x, G.x);
    expect(String(x.grad_fn)).toBe('<StandardGammaBackward0>');
    x.mul(decode(G.grad_out)).sum().backward();
    expectClose('grad', a.grad, G.grad, 1e-5);
    expectClose('direct', _standard_gamma_grad(decode(G.alpha), decode(G.x)), G.direct, 1e-5);
    const D2 = fixture.ops.dirichlet_grad;
    const al = decode(D2.alpha);
    expectClose('_dirichlet_grad', _dirichlet_grad(decode(D2.x), al, al.sum(-1, true).expand_as(al)), D2.out, 1e-5);
  });

  it('torch.multinomial with replacement draws one uniform per sample even for one sample (PyTorch 1.13)', () => {
    const M = fixture.ops.multinomial;
    for (const c of M.cases) {
      torch.manual_seed(c.seed);
      expectEqual(`multinomial(p, ${c.n}, ${c.replacement})`, torch.multinomial(decode(M.probs), c.n, c.replacement), c.out);
      expectEqual('rand after', torch.rand(2), c.after);
    }
  });

  it('normal and exponential_ check their arguments with PyTorch\'s messages', () => {
    const E = fixture.ops.errors;
    expect(() => torch.normal(torch.zeros(3), torch.tensor([1, -1, 1], { dtype: torch.float32 }))).toThrow(E.normal_tensor_std.message);
    expect(() => torch.normal(torch.zeros(3), -1)).toThrow(E.normal_float_std.message);
    expect(() => torch.empty(3).exponential_(-1)).toThrow(E.exponential_lambda.message);
  });
});

// ---------------------------------------------------------------- each distribution

/** Samples whose ops are exact in tocha (products and sums of PyTorch's draws) must match bit for bit. */
const EXACT_SAMPLES = /^(normal|bernoulli|categorical|onehot|uniform|exponential|independent|gamma|dirichlet|beta)/;

describe('distributions against PyTorch 1.13: shapes, reprs, moments, densities, gradients, samples', () => {
  itCases(fixture.cases, { exact: EXACT_SAMPLES });
});

// ---------------------------------------------------------------- KL

describe('kl_divergence against PyTorch 1.13: every registered pair, gradients, unregistered pairs', () => {
  itKL(fixture.kl);

  it('register_kl: a pair of one\'s own, the most specific match, PyTorch\'s TypeError for a non-distribution', () => {
    class Narrow extends D.Normal {}
    const fn = (p: Narrow, q: torch.distributions.Normal) => p.loc.sub(q.loc).abs();
    expect(D.register_kl(Narrow, D.Normal)(fn)).toBe(fn);
    const r = D.kl_divergence(new Narrow(torch.tensor([3], { dtype: torch.float32 }), 1), new D.Normal(1, 1));
    expect(r.tolist()).toEqual([2]);
    // Normal-Normal is still Normal-Normal; Normal-Narrow finds Normal-Normal (the closest registered pair)
    expect(D.kl_divergence(new D.Normal(0, 1), new Narrow(0, 1)).item()).toBe(0);
    expect(() => D.register_kl(Object as never, D.Normal)).toThrow('Expected type_p to be a Distribution subclass but got Object');
  });
});

// ---------------------------------------------------------------- messages

describe('validation and argument errors with PyTorch\'s messages (ValueError: RangeError)', () => {
  const z3 = torch.zeros(3);
  const f = (v: number[]) => torch.tensor(v, { dtype: torch.float32 });
  const calls: Record<string, () => unknown> = {
    normal_scale_scalar: () => new D.Normal(0, -1),
    normal_scale_tensor: () => new D.Normal(0, f([1, -1])),
    normal_scale_nan_loc: () => new D.Normal(f([0, NaN]), 1),
    normal_shape: () => new D.Normal(z3, 1).log_prob(torch.zeros(2)),
    normal_missing: () => new (D.Normal as new (...a: unknown[]) => Dist)(0),
    normal_too_many: () => new (D.Normal as new (...a: unknown[]) => Dist)(0, 1, null, 4),
    normal_unknown_kw: () => new D.Normal(0, 1, { sigma: 2 } as never),
    exponential_support: () => new D.Exponential(torch.ones(2)).log_prob(f([1, -1])),
    exponential_rate: () => new D.Exponential(f([1, 0]).reshape([1, 2])),
    bernoulli_both: () => new D.Bernoulli({ probs: 0.3, logits: 0.1 }),
    bernoulli_neither: () => new D.Bernoulli(),
    bernoulli_probs: () => new D.Bernoulli(f([0.5, 1.5])),
    bernoulli_support: () => new D.Bernoulli(0.5).log_prob(f([0.5])),
    categorical_both: () => new D.Categorical({ probs: torch.ones(2), logits: torch.ones(2) }),
    categorical_dim_probs: () => new D.Categorical({ probs: torch.tensor(1, { dtype: torch.float32 }) }),
    categorical_dim_logits: () => new D.Categorical({ logits: torch.tensor(1, { dtype: torch.float32 }) }),
    categorical_negative: () => new D.Categorical(f([0.5, -0.5, 1])),
    categorical_support: () => new D.Categorical({ logits: z3 }).log_prob(torch.tensor(3)),
    categorical_shape: () => new D.Categorical({ logits: torch.zeros(2, 3) }).log_prob(torch.tensor([1, 2, 0])),
    categorical_sample0: () => new D.Categorical({ logits: z3 }).sample([0]),
    onehot_support: () => new D.OneHotCategorical({ logits: z3 }).log_prob(f([1, 1, 0])),
    onehot_event: () => new D.OneHotCategorical({ logits: z3 }).log_prob(f([1, 0])),
    uniform_low_high: () => new D.Uniform(1, 0),
    uniform_support: () => new D.Uniform(torch.zeros(2), 1).log_prob(f([0.5, 1.5])),
    laplace_scale: () => new D.Laplace(0, 0),
    independent_ndims: () => new D.Independent(new D.Normal(z3, 1), 2),
    independent_event: () => new D.Independent(new D.Normal(torch.zeros(2, 3), 1), 1).log_prob(torch.zeros(2, 2)),
    independent_support: () => new D.Independent(new D.Exponential(torch.ones(2, 3)), 1).log_prob(torch.ones(2, 3).neg()),
    rsample_bernoulli: () => new D.Bernoulli(0.5).rsample(),
    normal_sample_int: () => new D.Normal(0, 1).sample(5 as never),
    gamma_rate: () => new D.Gamma(1, f([1, -2])),
    gamma_support: () => new D.Gamma(torch.ones(2), 1).log_prob(f([1, -1])),
    dirichlet_dim: () => new D.Dirichlet(torch.tensor(1, { dtype: torch.float32 })),
    dirichlet_negative: () => new D.Dirichlet(f([1, -1, 2])),
    dirichlet_support: () => new D.Dirichlet(torch.ones(3)).log_prob(f([0.5, 0.5, 0.5])),
    beta_negative: () => new D.Beta(-1, 1),
    beta_support: () => new D.Beta(1, 2).log_prob(f([1.5])),
    mode_independent_enum: () => new D.Independent(new D.Bernoulli(torch.ones(2).mul(0.5)), 1).enumerate_support(),
  };
  itErrors(fixture.errors, calls);

  it('validate_args=false skips the checks: the values are what PyTorch computes', () => {
    const nv = fixture.no_validate;
    expectClose('normal', new D.Normal(0, -1, false).log_prob(f([0.5])), nv.normal);
    expectClose('exponential', new D.Exponential(torch.ones(2), { validate_args: false }).log_prob(f([1, -1])), nv.exponential);
    expectClose('uniform', new D.Uniform(torch.zeros(2), 1, { validate_args: false }).log_prob(f([0.5, 1])), nv.uniform);
    D.Distribution.set_default_validate_args(false);
    try {
      expect(() => new D.Normal(0, -1)).not.toThrow();
      expect(() => new D.Normal(0, -1, true)).toThrow('to satisfy the constraint GreaterThan(lower_bound=0.0)');
    } finally {
      D.Distribution.set_default_validate_args(true);
    }
    expect(() => new D.Normal(0, -1)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------- training

describe('training with distributions, against PyTorch 1.13', () => {
  it('REINFORCE: Categorical(logits).sample / log_prob / entropy, three SGD steps with PyTorch\'s actions and gradients', () => {
    const R = fixture.reinforce;
    const W = decode(R.W0).requires_grad_();
    const obs = decode(R.obs);
    const returns = decode(R.returns);
    torch.manual_seed(3);
    torch.randn(4, 3); // PyTorch drew W, obs and returns from seed 3 before the first action
    torch.randn(6, 4);
    torch.randn(6);
    for (const step of R.steps) {
      const pi = new D.Categorical({ logits: obs.matmul(W) });
      const a = pi.sample();
      expectEqual('actions', a, step.actions);
      const logp = pi.log_prob(a);
      expectClose('log_prob', logp, step.log_prob);
      const loss = logp.mul(returns).mean().neg().sub(pi.entropy().mean().mul(0.01));
      expect(Number(loss.item())).toBeCloseTo(step.loss, 5);
      loss.backward();
      expectClose('grad', W.grad, step.grad, 2e-5);
      torch.no_grad(() => W.sub_(W.grad!.mul(0.5)));
      W.grad = null;
    }
    expectClose('W after three steps', W, R.W, 2e-5);
  });

  it('VAE: Normal(mu, sigma).rsample, kl_divergence to N(0, 1), Independent Gaussian likelihood, and the gradients', () => {
    const V = fixture.vae;
    const x = decode(V.x);
    const We = decode(V.We).requires_grad_();
    const Wd = decode(V.Wd).requires_grad_();
    const h = x.matmul(We);
    const mu = h.index(null, [null, 2]);
    const logvar = h.index(null, [2, null]);
    const q = new D.Normal(mu, logvar.mul(0.5).exp());
    torch.manual_seed(5);
    const z = q.rsample();
    expectClose('z', z, V.z); // loc + eps * exp(logvar / 2): exp within an ulp of PyTorch's
    const p = new D.Normal(torch.zeros_like(mu), torch.ones_like(mu));
    const kl = D.kl_divergence(q, p).sum(-1);
    expectClose('kl', kl, V.kl);
    const nll = new D.Independent(new D.Normal(z.matmul(Wd), 1), 1).log_prob(x).neg();
    expectClose('nll', nll, V.nll);
    const loss = nll.add(kl).mean();
    expect(Number(loss.item())).toBeCloseTo(V.loss, 4);
    loss.backward();
    expectClose('grad We', We.grad, V.grad_We, 2e-5);
    expectClose('grad Wd', Wd.grad, V.grad_Wd, 2e-5);
  });
});

// ---------------------------------------------------------------- API

describe('the API: arguments, shapes, memory', () => {
  it('takes PyTorch\'s arguments by position or by name, numbers where PyTorch takes floats', () => {
    const mu = torch.tensor([0.5, -1], { dtype: torch.float32 });
    const a = new D.Normal(mu, 2);
    const b = new D.Normal({ loc: mu, scale: 2 });
    const c = new D.Normal(mu, { scale: 2, validate_args: false });
    for (const d of [b, c]) expect(d.log_prob(mu).tolist()).toEqual(a.log_prob(mu).tolist());
    expect(new D.Bernoulli(0.3).probs.item()).toBe(Math.fround(0.3));
    expect(new D.Bernoulli(null, 0).probs.item()).toBe(0.5);
    expect(new D.Categorical(null, torch.zeros(4)).probs.tolist()).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(new D.Independent({ base_distribution: a, reinterpreted_batch_ndims: 1 }).event_shape).toEqual([2]);
    expect(new D.Exponential({ rate: 3 }).mean.item()).toBe(Math.fround(1 / 3));
  });

  it('sample shapes are sample_shape + batch_shape + event_shape; a torch.Size works as a shape', () => {
    const d = new D.OneHotCategorical({ logits: torch.zeros(2, 5) });
    expect(d.sample([3, 4]).shape).toEqual([3, 4, 2, 5]);
    expect(d.sample(torch.Size.of2([7])).shape).toEqual([7, 2, 5]);
    expect(d.sample().shape).toEqual([2, 5]);
    expect(new D.Normal(0, 1).sample().shape).toEqual([]);
    expect(new D.Independent(new D.Normal(torch.zeros(4, 3), 1), 1).rsample([2]).shape).toEqual([2, 4, 3]);
    expect(d._extended_shape([6])).toEqual([6, 2, 5]);
  });

  it('sample() needs no gradient; rsample() carries one back to the parameters', () => {
    const mu = torch.zeros(3, { requires_grad: true });
    const d = new D.Normal(mu, 1);
    expect(d.sample().requires_grad).toBe(false);
    expect(d.rsample().requires_grad).toBe(true);
    expect(String(d.rsample().grad_fn)).toBe('<AddBackward0>');
  });

  it('lazily computed probs (from logits) outlive the tidy or no_grad that computed them', () => {
    const c = new D.Categorical({ logits: torch.tensor([1, 2, 3], { dtype: torch.float32 }) });
    torch.tidy(() => { c.entropy(); });
    expect(() => c.sample([3])).not.toThrow();
    const b = new D.Bernoulli({ logits: torch.zeros(2) });
    torch.no_grad(() => b.sample());
    expect(b.probs.tolist()).toEqual([0.5, 0.5]);
    const made = torch.tidy(() => {
      const d = new D.Bernoulli({ logits: torch.zeros(2) });
      torch.tidy(() => d.entropy());
      return d.probs.clone();
    });
    expect(made.tolist()).toEqual([0.5, 0.5]);
  });

  it('a distribution of one\'s own: Distribution\'s shapes, sample = no_grad(rsample), validation of its constraints', () => {
    class Shifted extends D.Distribution {
      constructor(readonly shift: Tensor, validate_args: boolean | null = null) {
        super();
        this._init(shift._shape, [], validate_args);
      }
      override get arg_constraints() { return { shift: D.constraints.positive }; }
      override get support() { return D.constraints.real; }
      override get has_rsample() { return true; }
      override rsample(sample_shape: number[] = []) { return torch.randn(this._extended_shape(sample_shape)).add(this.shift); }
      override log_prob(value: Tensor) {
        if (this._validate_args) this._validate_sample(value);
        return value.sub(this.shift).pow(2).mul(-0.5);
      }
    }
    const s = new Shifted(torch.ones(2, { requires_grad: true }));
    expect(s.batch_shape).toEqual([2]);
    expect(s.sample([3]).requires_grad).toBe(false);
    expect(s.rsample([3]).shape).toEqual([3, 2]);
    expect(String(s)).toBe('Shifted(shift: torch.Size([2]))');
    expect(() => new Shifted(torch.zeros(2))).toThrow('Expected parameter shift (Tensor of shape (2,)) of distribution Shifted(shift: torch.Size([2])) ' +
      'to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values:\ntensor([0., 0.])');
    expect(() => s.log_prob(torch.zeros(3))).toThrow('Value is not broadcastable with batch_shape+event_shape: torch.Size([3]) vs torch.Size([2]).');
    expect(() => s.entropy()).toThrow(D.NotImplementedError);
    expect(() => s.mode).toThrow("<class 'Shifted'> does not implement mode");
  });

  it('a policy-gradient and VAE-loss step in torch.tidy leaves nothing behind (lazily computed probs included)', () => {
    const net = new torch.nn.Linear(4, 3);
    const opt = new torch.optim.Adam(net.parameters(), { lr: 0.01 });
    const obs = torch.randn(8, 4);
    const step = () => torch.tidy(() => {
      const pi = new D.Categorical({ logits: net(obs) });
      const a = pi.sample();
      const q = new D.Normal(net(obs), 1);
      const loss = pi.log_prob(a).mean().neg().sub(pi.entropy().mean().mul(0.01)).add(D.kl_divergence(q, new D.Normal(0, 1)).mean());
      opt.zero_grad();
      loss.backward();
      opt.step();
      return Number(loss.item());
    });
    for (let i = 0; i < 3; i++) step();
    const live = torch.memory_stats().live_tensors;
    for (let i = 0; i < 20; i++) step();
    expect(torch.memory_stats().live_tensors).toBe(live);
  });

  it('log_prob, entropy and sample release their temporaries', () => {
    const mu = torch.randn(8);
    const d = new D.Normal(mu, 1.5);
    const x = torch.randn(8);
    const c = new D.Categorical({ logits: torch.randn(4, 6) });
    const k = new D.Normal(0, 1);
    const run = () => {
      d.log_prob(x).dispose();
      d.entropy().dispose();
      d.sample([2]).dispose();
      d.rsample().dispose();
      const a = c.sample();
      c.log_prob(a).dispose();
      a.dispose();
      c.entropy().dispose();
      D.kl_divergence(d, k).dispose();
    };
    run(); // the first call computes and keeps c.probs
    const live = torch.memory_stats().live_tensors;
    for (let i = 0; i < 5; i++) run();
    expect(torch.memory_stats().live_tensors).toBe(live);
  });
});
