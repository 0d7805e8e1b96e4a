// PyTorch 1.13 functions added in src/ops/funcs.ts against scripts/gen-funcs.py: quantile/nanquantile,
// the trapezoid rules, combinations, renorm, frexp/ldexp, Tensor.unfold, the *_scatter functions,
// sum_to_size, the bitwise and integer ops, nextafter and igamma/igammac (values, dtypes, shapes,
// gradients, node names and PyTorch's errors).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture, decode, expectTensor, messageOf, EncTensor } from './fixture.js';

type T = torch.Tensor;
type I = Record<string, T>;
const data = fixture('funcs.json');
const { tensor } = torch;
const nan = NaN;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const M = (t: T) => t as any;

const CASES: Record<string, (i: I) => T> = {
  'quantile scalar': (i) => torch.quantile(i.x, 0.3),
  'quantile dim': (i) => torch.quantile(i.x, 0.3, 1),
  'quantile dim0 keepdim': (i) => torch.quantile(i.x, 0.7, 0, true),
  'quantile q tensor': (i) => torch.quantile(i.b3, i.q2, { dim: 1 }),
  'quantile q tensor keepdim': (i) => torch.quantile(i.b3, i.q2, { dim: -1, keepdim: true }),
  'quantile q tensor all': (i) => torch.quantile(i.x, i.q2),
  'quantile lower': (i) => torch.quantile(i.x, i.q2, 1, { interpolation: 'lower' }),
  'quantile higher': (i) => torch.quantile(i.x, i.q2, 1, { interpolation: 'higher' }),
  'quantile nearest': (i) => torch.quantile(i.x, i.q2, 1, { interpolation: 'nearest' }),
  'quantile midpoint': (i) => torch.quantile(i.x, i.q2, 1, { interpolation: 'midpoint' }),
  'quantile keepdim all': (i) => torch.quantile(i.x, 0.5, { keepdim: true }),
  'quantile nan': (i) => torch.quantile(i.nanx, 0.4, 1),
  'nanquantile': (i) => torch.nanquantile(i.nanx, 0.4, 1),
  'nanquantile q tensor': (i) => torch.nanquantile(i.nanx, i.q2, 1, { interpolation: 'midpoint' }),
  'nanquantile allnan': (i) => torch.nanquantile(i.allnan, 0.5, 1),
  'method quantile': (i) => i.x.quantile(0.25, { dim: 0 }),
  'trapezoid': (i) => torch.trapezoid(i.x),
  'trapezoid dx': (i) => torch.trapezoid(i.x, { dx: 0.5, dim: 0 }),
  'trapezoid x': (i) => torch.trapezoid(i.x, i.xs),
  'trapezoid x nd': (i) => torch.trapezoid(i.x, i.x2),
  'trapz x': (i) => torch.trapz(i.x, i.xs),
  'trapz dx': (i) => torch.trapz(i.x, { dx: 2 }),
  'trapezoid int': (i) => torch.trapezoid(i.a),
  'trapezoid empty': () => torch.trapezoid(torch.zeros(3, 0)),
  'cumulative_trapezoid': (i) => torch.cumulative_trapezoid(i.x),
  'cumulative_trapezoid x': (i) => torch.cumulative_trapezoid(i.x, i.xs),
  'cumulative_trapezoid dx': (i) => torch.cumulative_trapezoid(i.x, { dx: 0.25, dim: 0 }),
  'combinations': (i) => torch.combinations(i.v),
  'combinations 3': (i) => torch.combinations(i.v, 3),
  'combinations repl': (i) => torch.combinations(i.sh.narrow(0, 0, 3), 2, true),
  'combinations 0': (i) => torch.combinations(i.v, 0),
  'combinations too many': (i) => torch.combinations(i.v.narrow(0, 0, 2), 3),
  'renorm': (i) => torch.renorm(i.w, 2, 0, 1.5),
  'renorm dim1 p1': (i) => torch.renorm(i.w, 1, 1, 2),
  'renorm_': (i) => i.w.clone().renorm_(3, 1, 1),
  'frexp mantissa': (i) => torch.frexp(i.x.mul(10)).mantissa,
  'frexp exponent': (i) => torch.frexp(i.x.mul(10)).exponent,
  'frexp special m': (i) => torch.frexp(i.fr)[0],
  'frexp special e': (i) => i.fr.frexp()[1],
  'ldexp': (i) => torch.ldexp(i.x, i.e),
  'ldexp int': (i) => torch.ldexp(i.e, i.e),
  'ldexp_': (i) => i.x.clone().ldexp_(i.e),
  'unfold': (i) => i.x.unfold(1, 2, 1),
  'unfold step': (i) => i.big.unfold(0, 3, 2),
  'unfold dim0 size1': (i) => i.b3.unfold(-2, 1, 2),
  'unfold empty': (i) => i.x.unfold(1, 0, 1),
  'unfold scalar': (i) => i.x.select(0, 0).select(0, 0).unfold(0, 1, 1),
  'unfold strided': (i) => i.big.t().unfold(1, 4, 1),
  'diagonal_scatter': (i) => torch.diagonal_scatter(i.x, i.ones3),
  'diagonal_scatter offset': (i) => torch.diagonal_scatter(i.x, i.diag2, 2),
  'diagonal_scatter 3d': (i) => torch.diagonal_scatter(i.b3, i.x.narrow(0, 0, 2).narrow(1, 0, 3), 0, 1, 2),
  'select_scatter': (i) => torch.select_scatter(i.x, i.ones4, 0, 1),
  'select_scatter neg': (i) => i.x.select_scatter(i.ones3, 1, -1),
  'slice_scatter': (i) => torch.slice_scatter(i.x, i.src32, 1, 1, 3),
  'slice_scatter step': (i) => torch.slice_scatter(i.x, i.src32, 1, 0, 4, 2),
  'slice_scatter default': (i) => torch.slice_scatter(i.x, i.x.mul(2)),
  'sum_to_size': (i) => i.x.sum_to_size(1, 4),
  'sum_to_size list': (i) => i.b3.sum_to_size([3, 1]),
  'sum_to_size lead': (i) => i.b3.sum_to_size(4),
  'bitwise_and': (i) => torch.bitwise_and(i.a, i.b),
  'bitwise_or': (i) => torch.bitwise_or(i.a, i.b),
  'bitwise_xor': (i) => i.a.bitwise_xor(i.b),
  'bitwise_not': (i) => torch.bitwise_not(i.a),
  'bitwise_and scalar': (i) => torch.bitwise_and(i.a, 6),
  'bitwise_or bool': (i) => torch.bitwise_or(i.tf, i.tt),
  'bitwise_xor bool': (i) => torch.bitwise_xor(i.tf, i.tt),
  'bitwise_not bool': (i) => i.tf.bitwise_not(),
  'bitwise_and mixed': (i) => torch.bitwise_and(i.a.narrow(0, 0, 4), i.tt),
  'left_shift': (i) => torch.bitwise_left_shift(i.a, i.sh),
  'right_shift': (i) => torch.bitwise_right_shift(i.a, i.sh),
  'left_shift scalar': (i) => i.a.bitwise_left_shift(3),
  'bitwise_and_': (i) => i.a.clone().bitwise_and_(i.b),
  'bitwise_not_': (i) => i.a.clone().bitwise_not_(),
  'right_shift_': (i) => i.a.clone().bitwise_right_shift_(1),
  'gcd': (i) => torch.gcd(i.a, i.b),
  'lcm': (i) => i.a.lcm(i.b),
  'gcd_': (i) => i.a.clone().gcd_(i.b),
  'nextafter': (i) => torch.nextafter(i.na_from, i.na_to),
  'nextafter grad_fn': (i) => torch.nextafter(i.x, i.x.add(1)),
  'igamma': (i) => torch.igamma(i.ga, i.gx),
  'igammac': (i) => i.ga.igammac(i.gx),
  'gammainc': (i) => torch.special.gammainc(i.ga.narrow(0, 0, 7), i.gx.narrow(0, 0, 7)),
  'gammaincc': (i) => torch.special.gammaincc(i.ga.narrow(0, 0, 7), i.gx.narrow(0, 0, 7)),
  'igamma_': (i) => i.ga.clone().igamma_(i.gx),
  'igamma edge': () => torch.igamma(tensor([0, 1, 2, -1, Infinity, 2]), tensor([1, 0, Infinity, 1, 3, -1])),
  'igammac edge': () => torch.igammac(tensor([0, 1, 2, -1, Infinity, 2]), tensor([1, 0, Infinity, 1, 3, -1])),
};
void nan;

interface Case { id: string; out: EncTensor; node: string | null; diff: string[]; g?: EncTensor; grads: Record<string, EncTensor>; backward_error?: string }
// The exponent is int32 in PyTorch, int64 here; igamma is computed in double here (float in ATen).
const TOL: Record<string, number> = { igamma: 2e-5, igammac: 2e-5, gammainc: 2e-5, gammaincc: 2e-5, igamma_: 2e-5 };

describe('funcs against PyTorch 1.13', () => {
  for (const c of data.cases as Case[]) {
    it(c.id, () => {
      const f = CASES[c.id];
      expect(f, 'a case for every fixture entry').toBeDefined();
      const diff = new Set(c.diff);
      const inputs: I = {};
      for (const [k, v] of Object.entries(data.inputs as Record<string, EncTensor>)) {
        inputs[k] = diff.has(k) ? decode(v).requires_grad_() : decode(v);
      }
      const out = f(inputs);
      expectTensor('value', out, c.out, TOL[c.id] ?? 1e-5);
      if (c.node) expect(out.grad_fn?.name()).toBe(c.node);
      if (c.backward_error) {
        const [type, ...msg] = c.backward_error.split(': ');
        const err = (() => { try { out.sum().backward(); } catch (e) { return e as Error; } return null; })();
        expect(err?.name).toBe(type);
        expect(err?.message).toBe(msg.join(': '));
        return;
      }
      if (!c.g) return;
      out.backward(decode(c.g));
      for (const [k, want] of Object.entries(c.grads)) expectTensor(`grad ${k}`, inputs[k].grad, want, 1e-4);
    });
  }
});

const x = decode(data.inputs.x);
const a = decode(data.inputs.a);
const b = decode(data.inputs.b);
const e = decode(data.inputs.e);
const ERRORS: Record<string, () => unknown> = {
  'quantile q range': () => torch.quantile(x, 1.5),
  'quantile q values': () => torch.quantile(x, tensor([0.5, 1.5])),
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  'quantile interpolation': () => torch.quantile(x, 0.5, { interpolation: 'foo' as any }),
  'quantile empty': () => torch.quantile(tensor([]), 0.5),
  'quantile int': () => torch.quantile(tensor([1, 2]), 0.5),
  'quantile q 2d': () => torch.quantile(x, tensor([[0.5]])),
  'quantile q dtype': () => torch.quantile(x, tensor([1, 0])),
  'quantile dim': () => torch.quantile(x, 0.5, { dim: 3 }),
  'nanquantile q range': () => torch.nanquantile(x, -0.1),
  'trapezoid x size': () => torch.trapezoid(x, tensor([1, 2, 4])),
  'trapezoid bool': () => torch.trapezoid(tensor([true, false])),
  'combinations 2d': () => torch.combinations(x),
  'combinations negative': () => torch.combinations(decode(data.inputs.v), -1),
  'renorm p': () => torch.renorm(x, -1, 0, 1),
  'renorm maxnorm': () => torch.renorm(x, 2, 0, -1),
  'renorm 1d': () => torch.renorm(decode(data.inputs.v), 2, 0, 1),
  'renorm dim': () => torch.renorm(x, 2, 2, 1),
  'frexp int': () => torch.frexp(a),
  'unfold size': () => x.unfold(1, 5, 1),
  'unfold step': () => x.unfold(1, 2, 0),
  'unfold dim': () => x.unfold(2, 2, 1),
  'unfold scalar size': () => tensor(3).unfold(0, 2, 1),
  'diagonal_scatter size': () => torch.diagonal_scatter(x, torch.ones(4)),
  'select_scatter size': () => torch.select_scatter(x, torch.ones(3), 0, 1),
  'select_scatter index': () => torch.select_scatter(x, torch.ones(4), 0, 5),
  'slice_scatter size': () => torch.slice_scatter(x, torch.ones(3, 3), 1, 1, 3, 1),
  'sum_to_size': () => x.sum_to_size(2, 4),
  'bitwise_and float': () => torch.bitwise_and(x, x),
  'bitwise_not float': () => torch.bitwise_not(x),
  'bitwise_and float scalar': () => torch.bitwise_and(a, 1.5),
  'left_shift bool': () => torch.bitwise_left_shift(tensor([true]), tensor([true])),
  'left_shift float': () => torch.bitwise_left_shift(tensor([1.5]), 1),
  'gcd float': () => torch.gcd(x, x),
  'gcd bool': () => torch.gcd(tensor([true]), tensor([true])),
  'nextafter long': () => torch.nextafter(a, b),
  'igamma long': () => torch.igamma(a, b),
  'ldexp_ grad': () => x.clone().requires_grad_().clone().ldexp_(e),
};

describe("PyTorch's errors", () => {
  for (const [id, want] of Object.entries(data.errors as Record<string, { type: string; message: string }>)) {
    it(id, () => {
      expect(ERRORS[id], 'a case for every fixture error').toBeDefined();
      expect(messageOf(ERRORS[id])).toBe(want.message);
    });
  }
  it('backward refusals', () => {
    const be = data.backward_errors as Record<string, { message: string }>;
    const xg = x.clone().requires_grad_();
    expect(messageOf(() => torch.nextafter(xg, x).sum().backward())).toBe(be.nextafter.message);
    const aa = torch.rand(4).add(0.5).requires_grad_();
    const xx = torch.rand(4).mul(3).requires_grad_();
    expect(messageOf(() => torch.igamma(aa, xx).sum().backward())).toBe(be.igamma.message);
    expect(messageOf(() => torch.igammac(aa, xx).sum().backward())).toBe(be.igammac.message);
  });
});

describe('views and in-place forms', () => {
  it('unfold is a view sharing storage', () => {
    const t = torch.arange(6).float();
    const u = t.unfold(0, 2, 2);
    expect(u._base === t || u.is_view).toBe(true);
    t.mul_(10);
    expect(u.tolist()).toEqual([[0, 10], [20, 30], [40, 50]]);
  });
  it('sum_to_size to its own size returns the tensor', () => {
    expect(x.sum_to_size(3, 4)).toBe(x);
  });
  it('in-place integer forms return the tensor', () => {
    const t = a.clone();
    expect(t.bitwise_or_(b)).toBe(t);
    expect(t.lcm_(b)).toBe(t);
    expect(M(x.clone()).renorm_(2, 0, 1)).toBeInstanceOf(torch.Tensor);
  });
});
