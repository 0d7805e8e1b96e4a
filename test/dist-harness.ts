// Shared by the torch.distributions tests: building a distribution (or transform) from a gen script's
// spec, comparing what a call gives with what PyTorch gave (a tensor, a string or PyTorch's error), and
// the tests of a whole case, KL pair or message list as scripts/pyfixture.py's DistFixture records them.
import { expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { type EncTensor, num, decode, expectTensor } from './fixture.js';

const D = torch.distributions;
type Dist = torch.distributions.Distribution;

export type Arg = number | null | boolean | Arg[] | { t: EncTensor; grad: boolean } | { dist: Spec } | { transform: Spec; inv?: boolean };
export interface Spec { cls: string; args?: Arg[]; kwargs?: Record<string, Arg> }
export interface PyError { type: string; message: string }
export type Attempt = { value: EncTensor | string | number | boolean | number[] } | { error: PyError };

/** Bit-for-bit equality (float32 values compared as the numbers they are). */
export function expectEqual(what: string, got: Tensor, want: EncTensor): void {
  expect([...got.shape], `${what} shape`).toEqual(want.shape);
  expect(got.dtype.name, `${what} dtype`).toBe(want.dtype);
  expect(got.reshape([-1]).tolist(), what).toEqual(want.data.map((v) => (want.dtype === 'float32' ? Math.fround(num(v)) : num(v))));
}

/** A repr with numbers in it: the same text, the numbers within float32 rounding. */
export function expectRepr(what: string, got: string, want: string): void {
  if (got === want) return;
  const re = /-?\d+\.\d+(?:e[-+]?\d+)?/g;
  expect(got.replace(re, '#'), what).toBe(want.replace(re, '#'));
  const a = got.match(re)!.map(Number);
  want.match(re)!.map(Number).forEach((w, i) => {
    if (Math.abs(a[i] - w) > 1e-6 * Math.abs(w)) expect(got, what).toBe(want);
  });
}

/** PyTorch's exception classes as tocha throws them: ValueError is a RangeError, a failed assert an Error. */
export function expectPyError(what: string, f: () => unknown, want: PyError): void {
  let err: unknown = null;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err, `${what}: no error`).toBeInstanceOf(Error);
  const e = err as Error;
  expect(e.message, what).toBe(want.message);
  const cls = { ValueError: RangeError, TypeError, NotImplementedError: D.NotImplementedError, RuntimeError: Error, AssertionError: Error }[want.type];
  expect(cls, `${what}: ${want.type}`).toBeDefined();
  expect(e, `${what}: ${want.type}`).toBeInstanceOf(cls!);
}

/** Builds a distribution or transform from a spec: positional args, then the keywords as the options object. */
export function build<T = Dist>(spec: Spec, params: Tensor[] = []): T {
  const arg = (v: Arg): unknown => {
    if (Array.isArray(v)) return v.map(arg);
    if (v !== null && typeof v === 'object' && 't' in v) {
      const t = decode(v.t);
      if (v.grad) params.push(t.requires_grad_());
      return t;
    }
    if (v !== null && typeof v === 'object' && 'dist' in v) return build(v.dist, params);
    if (v !== null && typeof v === 'object' && 'transform' in v) {
      const t = build<torch.distributions.Transform>(v.transform, params);
      return v.inv ? t.inv : t;
    }
    return v;
  };
  const args = (spec.args ?? []).map(arg);
  if (spec.kwargs) args.push(Object.fromEntries(Object.entries(spec.kwargs).map(([k, v]) => [k, arg(v)])));
  const Cls = (D as unknown as Record<string, new (...a: unknown[]) => T>)[spec.cls];
  expect(Cls, `torch.distributions.${spec.cls}`).toBeDefined();
  return new Cls(...args);
}

/** Compares what a call gives with what PyTorch gave: a tensor, a string or number, or PyTorch's error. */
export function expectAttempt(what: string, f: () => unknown, want: Attempt | undefined, tol = 1e-5): void {
  if (!want) return;
  if ('error' in want) {
    expectPyError(what, f, want.error);
    return;
  }
  const got = f();
  if (typeof want.value !== 'object') expect(got, what).toBe(want.value);
  else if (Array.isArray(want.value)) expect(got, what).toEqual(want.value);
  else expectTensor(what, got as Tensor, want.value, tol);
}

/** One distribution's record, as DistFixture.case writes it (the extras: perplexity, enumerate_false,
 *  expand.mean, repr_after). */
export interface Case {
  id: string; spec: Spec; value: { t: EncTensor } | null; q: { t: EncTensor } | null; repr: string;
  batch_shape: number[]; event_shape: number[]; has_rsample: boolean; has_enumerate_support: boolean; support: Attempt;
  arg_constraints: Record<string, string>; mean: Attempt; mode: Attempt; variance: Attempt; stddev: Attempt; entropy: Attempt;
  perplexity?: Attempt; log_prob?: Attempt; cdf?: Attempt; icdf?: Attempt; enumerate?: Attempt; enumerate_false?: Attempt;
  grad_out?: Record<string, EncTensor>; grads?: (EncTensor | null)[];
  expand: { repr: string; batch_shape: number[]; event_shape: number[]; entropy: Attempt; mean?: Attempt; log_prob?: Attempt };
  samples: {
    seed: number; shape: number[]; sample: Attempt; after: EncTensor; rsample?: EncTensor; rsample_requires_grad?: boolean;
    grad_out?: EncTensor; grads?: (EncTensor | null)[]; grad_error?: PyError;
  }[];
  repr_after?: string;
}

/** One KL pair's record, as DistFixture.kl writes it. */
export interface KLCase { id: string; p: Spec; q: Spec; value?: EncTensor; grad_out?: EncTensor; grads?: (EncTensor | null)[]; error?: PyError }

/** How close to PyTorch: moments, entropy, log_prob, cdf, KL within `tol` (icdf at least 2e-5), gradients
 *  within `gradTol`, the samples of the families `exact` does not name within `sampleTol`; `exact` names the
 *  case ids whose sample and rsample must be PyTorch's bit for bit. */
export interface Tolerances { tol?: number; gradTol?: number; sampleTol?: number; exact?: RegExp }
const TOL = { tol: 1e-5, gradTol: 2e-5, sampleTol: 1e-6, exact: /^$/ };

function expectGrads(what: string, params: Tensor[], grads: (EncTensor | null)[], tol: number): void {
  grads.forEach((want, i) => (want === null ? expect(params[i].grad, `${what} ${i}`).toBeNull()
    : expectTensor(`${what} ${i}`, params[i].grad, want, tol)));
}

/** An `it` for each case: everything DistFixture.case recorded, against the distribution built from its spec. */
export function itCases(cases: Case[], tolerances: Tolerances = {}): void {
  const o = { ...TOL, ...tolerances };
  for (const c of cases) {
    it(c.id, () => {
      const d = build(c.spec);
      expectRepr('repr', String(d), c.repr);
      expect(d.batch_shape, 'batch_shape').toEqual(c.batch_shape);
      expect(d.event_shape, 'event_shape').toEqual(c.event_shape);
      expect(String(d.batch_shape)).toBe(`torch.Size([${c.batch_shape.join(', ')}])`);
      expect(d.has_rsample, 'has_rsample').toBe(c.has_rsample);
      expect(d.has_enumerate_support, 'has_enumerate_support').toBe(c.has_enumerate_support);
      expectAttempt('support', () => String(d.support), c.support);
      expect(Object.fromEntries(Object.entries(d.arg_constraints).map(([k, v]) => [k, String(v)])), 'arg_constraints').toEqual(c.arg_constraints);
      for (const p of ['mean', 'mode', 'variance', 'stddev'] as const) expectAttempt(p, () => d[p], c[p], o.tol);
      expectAttempt('entropy', () => d.entropy(), c.entropy, o.tol);
      expectAttempt('perplexity', () => d.perplexity(), c.perplexity, o.tol);
      const v = c.value ? decode(c.value.t) : null;
      const q = c.q ? decode(c.q.t) : null;
      if (v) {
        expectAttempt('log_prob', () => d.log_prob(v), c.log_prob, o.tol);
        expectAttempt('cdf', () => d.cdf(v), c.cdf, o.tol);
      }
      if (q) expectAttempt('icdf', () => d.icdf(q), c.icdf, Math.max(o.tol, 2e-5));
      expectAttempt('enumerate_support()', () => d.enumerate_support(), c.enumerate);
      expectAttempt('enumerate_support(false)', () => d.enumerate_support(false), c.enumerate_false);

      if (c.grads) {
        const params: Tensor[] = [];
        const g = build(c.spec, params);
        const pieces: Record<string, () => Tensor> = {
          entropy: () => g.entropy(), mean: () => g.mean, variance: () => g.variance, stddev: () => g.stddev,
          log_prob: () => g.log_prob(v!), cdf: () => g.cdf(v!), icdf: () => g.icdf(q!),
        };
        let total: Tensor | null = null;
        for (const [name, go] of Object.entries(c.grad_out!)) {
          const t = pieces[name]().mul(decode(go)).sum();
          total = total ? total.add(t) : t;
        }
        total!.backward();
        expectGrads('grad of parameter', params, c.grads, o.gradTol);
      }

      const e = d.expand([2, ...c.batch_shape]);
      expect(e).toBeInstanceOf(d.constructor);
      expectRepr('expand repr', String(e), c.expand.repr);
      expect(e.batch_shape).toEqual(c.expand.batch_shape);
      expect(e.event_shape).toEqual(c.expand.event_shape);
      const ee = c.expand.entropy;
      if ('error' in ee && ee.error.type === 'AttributeError') {
        // PyTorch 1.13's Multinomial.expand leaves _binomial unset, so its entropy raises; tocha's works
        expect(e.entropy().tolist()).toEqual(d.entropy().expand(c.expand.batch_shape).tolist());
      } else expectAttempt('expand entropy', () => e.entropy(), ee, o.tol);
      expectAttempt('expand mean', () => e.mean, c.expand.mean, o.tol);
      if (v) expectAttempt('expand log_prob', () => e.log_prob(v), c.expand.log_prob, o.tol);

      const exact = o.exact.test(c.id);
      let last = d;
      for (const s of c.samples) {
        const params: Tensor[] = [];
        const f = build(c.spec, params);
        last = f;
        torch.manual_seed(s.seed);
        if ('error' in s.sample) expectPyError(`sample(${s.shape})`, () => f.sample(s.shape), s.sample.error);
        else if (exact) expectEqual(`sample(${s.shape})`, f.sample(s.shape), s.sample.value as EncTensor);
        else expectTensor(`sample(${s.shape})`, f.sample(s.shape), s.sample.value as EncTensor, o.sampleTol);
        expectEqual(`rand after sample(${s.shape})`, torch.rand(2), s.after);
        if (!s.rsample) continue;
        torch.manual_seed(s.seed);
        const rs = f.rsample(s.shape);
        if (exact) expectEqual(`rsample(${s.shape})`, rs, s.rsample);
        else expectTensor(`rsample(${s.shape})`, rs, s.rsample, o.sampleTol);
        expect(rs.requires_grad, 'rsample requires_grad').toBe(s.rsample_requires_grad);
        if (s.grad_out) {
          rs.mul(decode(s.grad_out)).sum().backward();
          expectGrads('rsample grad of parameter', params, s.grads!, o.gradTol);
        }
      }
      if (c.repr_after) expectRepr('repr after use', String(last), c.repr_after);
    });
  }
}

/** An `it` for each KL pair: the value (or PyTorch's error) and the gradients. */
export function itKL(kls: KLCase[], tolerances: Tolerances = {}): void {
  const o = { ...TOL, ...tolerances };
  for (const k of kls) {
    it(k.id, () => {
      const params: Tensor[] = [];
      const p = build(k.p, params);
      const q = build(k.q, params);
      if (k.error) {
        expectPyError('kl', () => D.kl_divergence(p, q), k.error);
        return;
      }
      const r = D.kl_divergence(p, q);
      expectTensor('kl', r, k.value!, o.tol);
      expect(D.kl.kl_divergence(p, q).shape).toEqual(r.shape);
      if (k.grad_out) {
        r.mul(decode(k.grad_out)).sum().backward();
        expectGrads('grad', params, k.grads!, o.gradTol);
      }
    });
  }
}

/** An `it` for each of PyTorch's messages: calls[id] must throw it. */
export function itErrors(errors: Record<string, PyError>, calls: Record<string, () => unknown>): void {
  for (const [id, want] of Object.entries(errors)) {
    it(id, () => {
      expect(calls[id], `no call for ${id}`).toBeDefined();
      expectPyError(id, calls[id], want);
    });
  }
}

/** One transform's record, as DistFixture.transform writes it. */
export interface TransformCase {
  id: string; spec: Spec; inverse: boolean; x: EncTensor; repr: string; inv_repr: string; domain: string; codomain: string;
  bijective: boolean; sign: Attempt; event_dim: Attempt; domain_event_dim: number; codomain_event_dim: number;
  y: EncTensor; inv_y: EncTensor; ladj: Attempt; forward_shape: Attempt; inverse_shape: Attempt;
  g_y: EncTensor; g_ladj?: EncTensor; x_grad: EncTensor | null; param_grads: (EncTensor | null)[];
}

/** An `it` for each transform: everything DistFixture.transform recorded (inverse, log |det J| and gradients within 2e-5). */
export function itTransforms(cases: TransformCase[]): void {
  for (const c of cases) {
    it(c.id, () => {
      const params: Tensor[] = [];
      let t = build<torch.distributions.Transform>(c.spec, params);
      if (c.inverse) t = t.inv;
      expect(String(t), 'repr').toBe(c.repr);
      expect(String(t.inv), 'inv repr').toBe(c.inv_repr);
      expect(t.inv.inv, 't.inv.inv is t').toBe(t);
      expectRepr('domain', String(t.domain), c.domain);
      expectRepr('codomain', String(t.codomain), c.codomain);
      expect(t.bijective).toBe(c.bijective);
      expectAttempt('sign', () => t.sign, c.sign);
      expectAttempt('event_dim', () => t.event_dim, c.event_dim);
      expect([t.domain.event_dim, t.codomain.event_dim]).toEqual([c.domain_event_dim, c.codomain_event_dim]);
      const x = decode(c.x).requires_grad_();
      const y = t(x);
      expectTensor('y', y, c.y);
      expectTensor('inv(y)', t.inv(y.detach()), c.inv_y, 2e-5);
      expectAttempt('log_abs_det_jacobian', () => t.log_abs_det_jacobian(x, y), c.ladj, 2e-5);
      expectAttempt('forward_shape', () => t.forward_shape(x.shape), c.forward_shape);
      expectAttempt('inverse_shape', () => t.inverse_shape(y.shape), c.inverse_shape);
      let loss = y.mul(decode(c.g_y)).sum();
      if (c.g_ladj) loss = loss.add(t.log_abs_det_jacobian(x, y).mul(decode(c.g_ladj)).sum());
      loss.backward();
      if (c.x_grad) expectTensor('x grad', x.grad, c.x_grad, 2e-5);
      c.param_grads.forEach((g, i) => (g ? expectTensor(`param ${i} grad`, params[i].grad, g, 2e-5) : expect(params[i].grad).toBeNull()));
    });
  }
}
