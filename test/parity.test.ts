// PyTorch 1.13's names that tocha gained for parity (scripts/gen-parity.py): asinh/acosh/atanh and the
// arc* aliases, the step functions' nodes, the in-place forms (values, gradients through a clone, and
// PyTorch's own refusals), and the small functions (logaddexp2, angle, positive, isposinf, is_nonzero,
// adjoint, rsub, clamp_min/max, fill_diagonal_, split_with_sizes, narrow_copy, ...).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture, decode, expectTensor, messageOf, EncTensor } from './fixture.js';

const data = fixture('parity.json');
const input = (name: string): torch.Tensor => decode(name === 'x3' ? data.x3 : data.inputs[name]);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const T = torch as any;
// Within float32 rounding of PyTorch's libm (asinh & co. are rounded once from float64 here).
const TOL = 2e-6;

describe('element-wise names and the step functions', () => {
  for (const c of data.unary as { name: string; src: string; out: EncTensor; grad: EncTensor; node: string }[]) {
    it(`torch.${c.name}`, () => {
      const a = input(c.src).requires_grad_();
      const out: torch.Tensor = c.name === 'round decimals' ? torch.round(a, { decimals: 1 }) : T[c.name](a);
      expectTensor('value', out, c.out, TOL);
      if (c.node === 'NoneType') {
        expect(out).toBe(a); // positive returns its input
        return;
      }
      expect(out.grad_fn?.name()).toBe(c.node);
      out.backward(torch.ones_like(out).mul(0.5));
      expectTensor('grad', a.grad, c.grad, 1e-5);
      // the same as a Tensor method
      const m = c.name === 'round decimals' ? null : (input(c.src) as unknown as Record<string, () => torch.Tensor>)[c.name]();
      if (m) expectTensor('method', m, c.out, TOL);
    });
  }
});

interface InplaceCase {
  name: string; src: string; other: string | null; args: number[]; out: EncTensor; grad?: EncTensor; node?: string;
  backward_error?: string;
}

describe('in-place forms', () => {
  for (const c of data.inplace as InplaceCase[]) {
    it(`x.${c.name}`, () => {
      const call = (t: torch.Tensor): torch.Tensor => {
        const extra = c.other ? [input(c.other)] : [];
        return (t as unknown as Record<string, (...a: unknown[]) => torch.Tensor>)[c.name](...extra, ...c.args);
      };
      const t = input(c.src);
      const r = call(t);
      expect(r).toBe(t);
      expectTensor('value', r, c.out, TOL, { dtype: false });
      if (c.grad === undefined && c.backward_error === undefined) return;
      const a = input(c.src).requires_grad_();
      const cl = a.clone();
      const out = call(cl);
      expect(out.grad_fn?.name()).toBe(c.node);
      if (c.backward_error) {
        expect(messageOf(() => out.backward(torch.ones_like(out).mul(0.75)))).toBe(c.backward_error);
        return;
      }
      out.backward(torch.ones_like(out).mul(0.75));
      expectTensor('grad', a.grad, c.grad!, 1e-5);
    });
  }
});

describe('small functions', () => {
  const m = data.misc;
  const x = input('x');
  const y = input('y');
  it('logaddexp2, with its gradient', () => {
    expectTensor('value', torch.logaddexp2(x, y), m.logaddexp2, TOL);
    const a = x.clone().requires_grad_();
    const b = y.clone().requires_grad_();
    torch.logaddexp2(a, b).sum().backward();
    expectTensor('grad a', a.grad, m['logaddexp2 grad'][0], 1e-5);
    expectTensor('grad b', b.grad, m['logaddexp2 grad'][1], 1e-5);
  });
  it('isposinf, isneginf, isreal, angle of the special values', () => {
    const s = torch.tensor([Infinity, -Infinity, 1, NaN]);
    expectTensor('isposinf', torch.isposinf(s), m.isposinf);
    expectTensor('isneginf', torch.isneginf(s), m.isneginf);
    expectTensor('isreal', torch.isreal(torch.tensor([1, 2])), m.isreal);
    expectTensor('angle', torch.angle(torch.tensor([1, -1, 0, -0, NaN, -Infinity], { dtype: torch.float32 })), m['angle special'], TOL);
  });
  it('is_nonzero, positive, imag, adjoint and .H refuse what PyTorch refuses', () => {
    expect([torch.is_nonzero(torch.tensor([0.5])), torch.is_nonzero(torch.tensor(0))]).toEqual(m.is_nonzero);
    expect(messageOf(() => torch.is_nonzero(torch.tensor([1, 2])))).toBe(m['is_nonzero many']);
    expect(messageOf(() => torch.is_nonzero(torch.tensor([])))).toBe(m['is_nonzero none']);
    expect(messageOf(() => torch.positive(torch.tensor([true])))).toBe(m['positive bool']);
    expect(messageOf(() => torch.imag(x))).toBe(m.imag);
    expect(messageOf(() => torch.adjoint(torch.ones(3)))).toBe(m['adjoint 1-D']);
    expect(messageOf(() => torch.ones(2, 2, 2).H)).toBe(m['H 3-D']);
    expect(messageOf(() => torch.randn(3, { requires_grad: true }).floor_())).toBe(m['inplace leaf']);
  });
  it('rsub, clamp_min, clamp_max, hardshrink, prelu, narrow_copy, split_with_sizes, is_signed', () => {
    expectTensor('rsub', torch.rsub(x, y, { alpha: 2 }), m.rsub, TOL);
    expectTensor('rsub scalar', torch.rsub(x, 5), m['rsub scalar'], TOL);
    expectTensor('clamp_min', torch.clamp_min(x, 0.1), m.clamp_min);
    expectTensor('clamp_max', torch.clamp_max(x, 0.1), m.clamp_max);
    expectTensor('hardshrink', torch.hardshrink(x, 0.6), m.hardshrink);
    expectTensor('prelu', torch.prelu(x, torch.tensor([0.25])), m.prelu, TOL);
    expectTensor('narrow_copy', x.narrow_copy(1, 1, 2), m.narrow_copy);
    expect(torch.split_with_sizes(torch.arange(10), [3, 7]).map((t) => [...t.shape])).toEqual(m.split_with_sizes);
    expect([x.is_signed(), torch.tensor([1]).is_signed(), torch.tensor([true]).is_signed()]).toEqual(m.is_signed);
    expect([...torch.adjoint(torch.ones(2, 3)).shape]).toEqual([3, 2]);
    expect(x.conj()).toBe(x);
    expect(x.real).toBe(x);
  });
  it('copysign, remainder, fmod and hypot: both gradients and the node', () => {
    for (const name of ['copysign', 'remainder', 'fmod', 'hypot']) {
      const c = m[`${name} grads`];
      const a = x.clone().requires_grad_();
      const b = y.add(0.25).requires_grad_();
      const out: torch.Tensor = T[name](a, b);
      expectTensor(`${name}`, out, c.out, TOL);
      expect(out.grad_fn?.name()).toBe(c.node);
      out.backward(torch.ones_like(out).mul(0.75));
      expectTensor(`${name} grad a`, a.grad, c.a, 1e-5);
      expectTensor(`${name} grad b`, b.grad, c.b, 1e-5);
    }
  });
  it('fill_diagonal_: 2-D, tall with and without wrap, 3-D, its errors and its gradient', () => {
    expectTensor('2-D', torch.zeros(3, 4).fill_diagonal_(2.5), m.fill_diagonal);
    expectTensor('tall wrap', torch.zeros(7, 3).fill_diagonal_(1, true), m['fill_diagonal tall wrap']);
    expectTensor('tall', torch.zeros(7, 3).fill_diagonal_(1), m['fill_diagonal tall']);
    expectTensor('3-D', torch.zeros(3, 3, 3).fill_diagonal_(4), m['fill_diagonal 3-D']);
    expect(messageOf(() => torch.zeros(3).fill_diagonal_(1))).toBe(m['fill_diagonal 1-D']);
    expect(messageOf(() => torch.zeros(3, 3, 2).fill_diagonal_(1))).toBe(m['fill_diagonal unequal']);
    const a = x.clone().requires_grad_();
    const b = a.clone();
    b.fill_diagonal_(3);
    b.mul(y).sum().backward();
    expectTensor('grad', a.grad, m['fill_diagonal grad'], 1e-6);
  });
});
