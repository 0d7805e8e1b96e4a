// The factories' out= against PyTorch 1.13 (test/fixtures/factory-out.json, scripts/gen-factory-out.py): out takes the
// result in out's dtype (a dtype given must be it), is resized only when its shape differs (arange, range, linspace and
// logspace keep any shape of the right number of elements; arange warns), keeps its strides otherwise, draws random
// values in its memory order, and gets autograd's and the parser's errors in PyTorch's words.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture } from './fixture.js';

type Expected = { dtype: string; shape: number[]; stride: number[]; values: unknown; requires_grad: boolean; grad_fn: string | null };
type Case = { title: string; result?: Expected; backward?: string | null; error?: string; message?: string; warnings: string[] };
const { cases } = fixture('factory-out.json') as { cases: Case[] };

const long = torch.int64;
const b8 = torch.bool;
const e = (...s: number[]) => torch.empty(...s);
const el = (...s: number[]) => torch.empty(...s, { dtype: long });
const eb = (...s: number[]) => torch.empty(...s, { dtype: b8 });
const leaf = (...s: number[]) => torch.zeros(...s, { requires_grad: true });
/** Probabilities 0.05 .. 0.95 in a tensor of shape s (contiguous). */
const ramp = (...s: number[]) => torch.linspace(0.05, 0.95, s.reduce((a, b) => a * b, 1)).reshape(s);
/** Two rows of four weights for multinomial. */
const dist = () => torch.tensor([[0.1, 0.2, 0.3, 0.4], [0.5, 0.0, 0.25, 0.25]], { dtype: torch.float32 });
/** Calls with what the types refuse (the fixture's errors). */
const T = torch as unknown as Record<string, (...a: unknown[]) => Tensor>;

/** The fixture's calls, in tocha (after manual_seed(0), as there). */
const CALLS: Record<string, () => Tensor> = {
  'zeros into a 2x3 out': () => torch.zeros(2, 3, { out: e(2, 3) }),
  'zeros into a long out': () => torch.zeros(2, 3, { out: el(2, 3) }),
  'zeros into a 5-element out (resized, no warning)': () => torch.zeros(2, 3, { out: e(5) }),
  'zeros into a 0-element out': () => torch.zeros([2, 3], { out: e(0) }),
  'zeros into a transposed out (its strides kept)': () => torch.zeros(2, 3, { out: e(3, 2).t() }),
  'zeros 3x2 into a transposed 2x3 out (resized)': () => torch.zeros(3, 2, { out: e(3, 2).t() }),
  'zeros with dtype long into a float out': () => torch.zeros(2, { out: e(2), dtype: long }),
  'zeros with dtype long into a long out': () => torch.zeros(2, { out: el(2), dtype: long }),
  'zeros into a leaf that requires grad': () => torch.zeros(2, 3, { out: leaf(2, 3) }),
  'zeros into a leaf that requires grad, under no_grad': () => torch.no_grad(() => torch.zeros(2, 3, { out: leaf(2, 3) })),
  'zeros into a tensor with history': () => torch.zeros(2, 3, { out: leaf(2, 3).mul(1) }),
  'zeros into a 5-element tensor with history': () => torch.zeros(2, 3, { out: leaf(5).mul(1) }),
  'ones into a leaf that requires grad, under no_grad': () => torch.no_grad(() => torch.ones(2, { out: leaf(2) })),
  'arange into a leaf that requires grad, under no_grad (resized)': () => torch.no_grad(() => torch.arange(3, { out: leaf(2) })),
  'rand into a leaf that requires grad, under no_grad': () => torch.no_grad(() => torch.rand(2, { out: leaf(2) })),
  'zeros with requires_grad into a leaf that requires grad, under no_grad':
    () => torch.no_grad(() => torch.zeros(2, { out: leaf(2), requires_grad: true })),
  'zeros with requires_grad into out': () => torch.zeros(2, 3, { out: e(2, 3), requires_grad: true }),
  'zeros with requires_grad into a long out': () => torch.zeros(2, 3, { out: el(2, 3), requires_grad: true }),
  'zeros with out=list': () => T.zeros(2, 3, { out: [e(2, 3)] }),
  'zeros of a list size with out=3': () => T.zeros([2, 3], { out: 3 }),
  'zeros with out=None': () => T.zeros(2, 3, { out: null }),
  'ones into a bool out': () => torch.ones(2, 3, { out: eb(2, 3) }),
  'ones into a 0-element long out': () => torch.ones(4, { out: el(0) }),
  'ones with dtype float into a long out': () => torch.ones(3, { out: el(3), dtype: torch.float32 }),
  'empty into a 5-element out': () => torch.empty(2, 3, { out: e(5) }),
  'empty into a transposed out': () => torch.empty(2, 3, { out: e(3, 2).t() }),
  'empty into a leaf that requires grad': () => torch.empty(2, 3, { out: leaf(2, 3) }),
  'empty into a leaf that requires grad, under no_grad': () => torch.no_grad(() => torch.empty(2, 3, { out: leaf(2, 3) })),
  'empty with out=list': () => T.empty(2, { out: [1] }),
  'full of 1.5 into a 5-element out': () => torch.full([2, 3], 1.5, { out: e(5) }),
  'full of 2.7 into a long out': () => torch.full([2], 2.7, { out: el(2) }),
  'full of -2.7 into a long out': () => torch.full([2], -2.7, { out: el(2) }),
  'full of 0.5 into a bool out': () => torch.full([2], 0.5, { out: eb(2) }),
  'full of True into a float out': () => torch.full([2, 3], true, { out: e(2, 3) }),
  'full into a transposed out': () => torch.full([2, 3], 7, { out: e(3, 2).t() }),
  'full with dtype long into a float out': () => torch.full([2], 1, { out: e(2), dtype: long }),
  'full into a leaf that requires grad': () => torch.full([2], 1.0, { out: leaf(2) }),
  'full with out=list': () => T.full([2], 1, { out: [1] }),
  'rand into a 2x3 out': () => torch.rand(2, 3, { out: e(2, 3) }),
  'rand into a transposed out (drawn in its memory order)': () => torch.rand(2, 3, { out: e(3, 2).t() }),
  'rand into a 5-element out': () => torch.rand(2, 3, { out: e(5) }),
  'rand into a long out': () => torch.rand(2, 3, { out: el(2, 3) }),
  'rand into a bool out': () => torch.rand(2, { out: eb(2) }),
  'rand into a leaf that requires grad': () => torch.rand(2, { out: leaf(2) }),
  'rand into a tensor with history': () => torch.rand(2, 3, { out: leaf(2, 3).mul(1) }),
  'rand with a generator into out': () => torch.rand(3, { out: e(3), generator: new torch.Generator().manual_seed(5) }),
  'rand with out=list': () => T.rand(2, { out: [1] }),
  'randn into a 20-element out': () => torch.randn(20, { out: e(20) }),
  'randn into a transposed out (the serial kernel)': () => torch.randn(2, 3, { out: e(3, 2).t() }),
  'randn into a 0-element out': () => torch.randn(3, { out: e(0) }),
  'randn into a long out': () => torch.randn(3, { out: el(3) }),
  'randn into a leaf that requires grad': () => torch.randn(3, { out: leaf(3) }),
  'randn into a tensor with history': () => torch.randn(3, { out: leaf(3).mul(1) }),
  'randint into a long out': () => torch.randint(0, 10, [2, 3], { out: el(2, 3) }),
  'randint into a float out': () => torch.randint(0, 5, [2, 3], { out: e(2, 3) }),
  'randint into a transposed long out': () => torch.randint(0, 10, [2, 3], { out: el(3, 2).t() }),
  'randint(high) into a 0-element out': () => torch.randint(7, [4], { out: el(0) }),
  'randint(0, 2) into a bool out': () => torch.randint(0, 2, [3], { out: eb(3) }),
  'randint(0, 5) into a bool out': () => torch.randint(0, 5, [3], { out: eb(3) }),
  'randint with dtype long into a float out': () => torch.randint(3, [3], { out: e(3), dtype: long }),
  'randint into a leaf that requires grad': () => torch.randint(3, [3], { out: leaf(3) }),
  'randint with out=list': () => T.randint(0, 3, [2], { out: [1] }),
  'randperm into a long out': () => torch.randperm(5, { out: el(5) }),
  'randperm into a float out': () => torch.randperm(5, { out: e(0) }),
  'randperm into a strided long out': () => torch.randperm(4, { out: el(8).as_strided([4], [2]) }),
  'randperm into a bool out': () => torch.randperm(3, { out: eb(3) }),
  'randperm with out=list': () => T.randperm(2, { out: [1] }),
  'arange into a float out': () => torch.arange(6, { out: e(6) }),
  'arange into a 2x3 out (its shape kept)': () => torch.arange(6, { out: e(2, 3) }),
  'arange into a transposed out (its shape and strides kept)': () => torch.arange(6, { out: e(3, 2).t() }),
  'arange into a 5-element out (resized, with the warning)': () => torch.arange(6, { out: e(5) }),
  'arange into a 0-element out': () => torch.arange(1, 4, { out: e(0) }),
  'arange of floats into a long out': () => torch.arange(0.5, 3, { out: el(0) }),
  'arange with step 1.5 into a long out': () => torch.arange(0, 3, 1.5, { out: el(0) }),
  'arange with step 0.5 into a long out': () => torch.arange(0, 3, 0.5, { out: el(0) }),
  'arange with step 0.5 into a float out': () => torch.arange(0, 3, 0.5, { out: e(0) }),
  'arange into a bool out': () => torch.arange(3, { out: eb(3) }),
  'arange with dtype long into a float out': () => torch.arange(3, { out: e(3), dtype: long }),
  'arange into a leaf that requires grad': () => torch.arange(3, { out: leaf(3) }),
  'arange into a tensor with history': () => torch.arange(6, { out: leaf(4).mul(1) }),
  'arange with out=list': () => T.arange(2, { out: [1] }),
  'arange(0, 2, 1) with out=list': () => T.arange(0, 2, 1, { out: [1] }),
  'linspace into a 2x3 out (resized)': () => torch.linspace(0, 1, 5, { out: e(2, 3) }),
  'linspace of 6 into a 2x3 out (its shape kept)': () => torch.linspace(0, 1, 6, { out: e(2, 3) }),
  'linspace into a long out': () => torch.linspace(-1.5, 2.5, 5, { out: el(0) }),
  'linspace into a bool out': () => torch.linspace(0, 1, 3, { out: eb(3) }),
  'linspace with dtype long into a float out': () => torch.linspace(0, 1, 3, { out: e(3), dtype: long }),
  'linspace into a leaf that requires grad': () => torch.linspace(0, 1, 3, { out: leaf(3) }),
  'linspace with out=list': () => T.linspace(0, 1, 2, { out: [1] }),
  'logspace into a 0-element out': () => torch.logspace(0, 1, 5, { out: e(0) }),
  'logspace into a long out': () => torch.logspace(0, 1, 5, { out: el(0) }),
  'logspace base 2 into a long out': () => torch.logspace(0, 3, 4, 2, { out: el(4) }),
  'logspace of 6 into a 3x2 out': () => torch.logspace(0, 1, 6, { out: e(3, 2) }),
  'logspace into a bool out': () => torch.logspace(0, 1, 3, { out: eb(3) }),
  'logspace with out=list': () => T.logspace(0, 1, 2, { out: [1] }),
  'range into a 2x2 out (its shape kept)': () => torch.range(0, 3, { out: e(2, 2) }),
  'range into a 0-element long out': () => torch.range(0, 3, 1.5, { out: el(0) }),
  'range with step 0.5 into a long out': () => torch.range(0, 3, 0.5, { out: el(0) }),
  'range with dtype long into a float out': () => torch.range(0, 3, { out: e(4), dtype: long }),
  'range with out=list': () => T.range(0, 3, { out: [1] }),
  'normal into a 5-element out (resized, no warning)': () => torch.normal(0.5, 2.0, [2, 3], { out: e(5) }),
  'normal into a transposed out (the serial kernel)': () => torch.normal(0.5, 2.0, [2, 3], { out: e(3, 2).t() }),
  'normal of 20 into out': () => torch.normal(-1.0, 0.5, [20], { out: e(20) }),
  'normal into a long out': () => torch.normal(0.0, 1.0, [2], { out: el(2) }),
  'normal with dtype long into a float out': () => torch.normal(0.0, 1.0, [2], { out: e(2), dtype: long }),
  'normal into a leaf that requires grad': () => torch.normal(0.0, 1.0, [2], { out: leaf(2) }),
  'normal into a tensor with history': () => torch.normal(0.0, 1.0, [2], { out: leaf(2).mul(1) }),
  'normal with a negative std into out': () => torch.normal(0.0, -1.0, [2], { out: e(2) }),
  'normal with out=list': () => T.normal(0.5, 1.5, [2], { out: [1] }),
  'tensor with out': () => T.tensor([1.0], { out: e(1) }),
  'as_tensor with out': () => T.as_tensor([1.0], { out: e(1) }),
  'new_zeros with out': () => (e(1) as unknown as Record<string, (...a: unknown[]) => Tensor>).new_zeros(2, { out: e(2) }),
  'zeros_like with out': () => T.zeros_like(e(2), { out: e(2) }),
  'eye into a 3x3 out': () => torch.eye(3, { out: e(3, 3) }),
  'eye into a transposed out (its strides kept)': () => torch.eye(3, { out: e(3, 3).t() }),
  'eye(2, 3) into a 5-element out': () => torch.eye(2, 3, { out: e(5) }),
  'eye into a bool out': () => torch.eye(2, { out: eb(0) }),
  'eye into a long out': () => torch.eye(2, 3, { out: el(0) }),
  'eye with dtype long into a float out': () => torch.eye(2, { out: e(2, 2), dtype: long }),
  'eye into a leaf that requires grad': () => torch.eye(2, { out: leaf(2, 2) }),
  'eye(2, 3) with out=list': () => T.eye(2, 3, { out: [1] }),
  'bernoulli into a 2x3 out': () => torch.bernoulli(ramp(2, 3), { out: e(2, 3) }),
  'bernoulli into a 5-element out (resized, no warning)': () => torch.bernoulli(ramp(2, 3), { out: e(5) }),
  'bernoulli into a transposed out (its strides kept)': () => torch.bernoulli(ramp(2, 3), { out: e(3, 2).t() }),
  'bernoulli into a long out': () => torch.bernoulli(ramp(2, 3), { out: el(2, 3) }),
  'bernoulli into a bool out': () => torch.bernoulli(ramp(2, 3), { out: eb(2, 3) }),
  'bernoulli of a transposed p': () => torch.bernoulli(ramp(3, 2).t()),
  'bernoulli of a transposed p into a 2x3 out': () => torch.bernoulli(ramp(3, 2).t(), { out: e(2, 3) }),
  'bernoulli into a leaf that requires grad': () => torch.bernoulli(ramp(2, 3), { out: leaf(2, 3) }),
  'bernoulli of p that requires grad into out': () => torch.bernoulli(ramp(2, 3).requires_grad_(), { out: e(2, 3) }),
  'bernoulli of p that requires grad': () => torch.bernoulli(ramp(2, 3).requires_grad_()),
  'bernoulli with out=list': () => T.bernoulli(ramp(2, 3), { out: [1] }),
  'bernoulli(input, 0.3) with out': () => T.bernoulli(ramp(2, 3), 0.3, { out: e(2, 3) }),
  'multinomial with replacement into a 2x3 long out': () => torch.multinomial(dist(), 3, true, { out: el(2, 3) }),
  'multinomial with replacement into a 7-element long out (resized, no warning)':
    () => torch.multinomial(dist(), 3, true, { out: el(7) }),
  'multinomial with replacement into a transposed long out': () => torch.multinomial(dist(), 3, true, { out: el(3, 2).t() }),
  'multinomial into a float out': () => torch.multinomial(dist(), 3, true, { out: e(2, 3) }),
  'multinomial without replacement into a 2x2 long out': () => torch.multinomial(dist(), 2, { out: el(2, 2) }),
  'multinomial without replacement into a 5-element long out': () => torch.multinomial(dist(), 2, { out: el(5) }),
  'multinomial of one sample into a 7-element long out': () => torch.multinomial(dist(), 1, { out: el(7) }),
  'multinomial of a 1-d p into a 2-element long out': () => torch.multinomial(dist().select(0, 0), 2, { out: el(2) }),
  'multinomial of p that requires grad into out': () => torch.multinomial(dist().requires_grad_(), 2, { out: el(2, 2) }),
  // the same factories without out, in the dtype out would give
  'arange with step 1.5 and dtype long': () => torch.arange(0, 3, 1.5, { dtype: long }),
  'arange of 0.5 to 3 and dtype long': () => torch.arange(0.5, 3, { dtype: long }),
  'arange with dtype bool': () => torch.arange(3, { dtype: b8 }),
  'linspace with dtype long': () => torch.linspace(0.9, 3.9, 5, { dtype: long }),
  'linspace with dtype bool': () => torch.linspace(0, 1, 3, { dtype: b8 }),
  'logspace with dtype long': () => torch.logspace(0, 1, 5, { dtype: long }),
  'logspace base 3 with dtype long': () => torch.logspace(-1, 2, 7, 3, { dtype: long }),
  'logspace with dtype bool': () => torch.logspace(0, 1, 3, { dtype: b8 }),
  'logspace with requires_grad': () => torch.logspace(0, 1, 3, { requires_grad: true }),
  'randint(0, 5) with dtype bool': () => torch.randint(0, 5, [3], { dtype: b8 }),
  'randint(-1, 1) with dtype bool': () => torch.randint(-1, 1, [3], { dtype: b8 }),
  'randperm with dtype bool': () => torch.randperm(3, { dtype: b8 }),
  'logspace of 6': () => torch.logspace(0, 1, 6),
  'logspace base 2 of 11': () => torch.logspace(-2, 3, 11, 2),
  'logspace base 3.5 of 9': () => torch.logspace(0.1, 1.7, 9, 3.5),
  'logspace of 1': () => torch.logspace(0.3, 1, 1),
  'logspace of 20': () => torch.logspace(-1, 1, 20),
  'logspace base 7.1 of 13': () => torch.logspace(0.3, 2.9, 13, 7.1),
  'logspace base 1.7 of 33': () => torch.logspace(-3.3, 4.4, 33, 1.7),
};

/** PyTorch's RuntimeErrors that tocha raises as another class, by its conventions: a kernel "not implemented" for a
 *  dtype is a TypeError, arange's and range's argument checks RangeErrors. */
const ownType = (message: string) => (/not implemented for/.test(message) ? 'TypeError'
  : message === 'step must be nonzero' || message.startsWith('normal expects std') ? 'RangeError' : 'Error');

afterEach(() => vi.restoreAllMocks());

describe("the factories' out= as PyTorch's", () => {
  for (const c of cases) {
    it(c.title, () => {
      const warned: string[] = [];
      vi.spyOn(console, 'warn').mockImplementation((m: unknown) => { warned.push(String(m)); });
      torch.manual_seed(0);
      const call = CALLS[c.title];
      expect(call, 'a tocha call for the fixture case').toBeDefined();
      let r: Tensor | undefined;
      let err: Error | undefined;
      try {
        r = call();
      } catch (x) {
        err = x as Error;
      }
      if (c.error) {
        expect(err, 'an error').toBeDefined();
        const type = c.error === 'RuntimeError' ? ownType(c.message!) : c.error;
        expect([err!.constructor.name, err!.message.split('\n')[0]]).toEqual([type, c.message]);
        return;
      }
      if (err) throw err;
      const want = c.result!;
      expect({
        dtype: r!.dtype.name, shape: [...r!.shape], stride: r!.stride(), values: want.values === null ? null : r!.tolist(),
        requires_grad: r!.requires_grad, grad_fn: r!.grad_fn === null ? null : r!.grad_fn.name(),
      }).toEqual(want);
      if (c.backward) expect(() => r!.sum().backward()).toThrow(new Error(c.backward));
      // tocha's warnings are once a process, as Python's default filter gives them once a place (torch.range's
      // deprecation is left out of the fixture)
      expect(warned.filter((w) => !w.startsWith('UserWarning: torch.range is deprecated')))
        .toEqual(c.warnings.map((w) => `UserWarning: ${w}`));
    });
  }

  it('returns out itself, and writes nothing when the call fails its checks', () => {
    const out = torch.full([2, 3], 9);
    expect(torch.zeros(2, 3, { out })).toBe(out);
    expect(torch.arange(6, { out })).toBe(out);
    const l = torch.full([2], 9);
    expect(() => torch.ones(2, { out: l, dtype: torch.float32 })).toThrow('dtype Float does not match dtype of out parameter (Long)');
    expect(l.tolist()).toEqual([9, 9]);
    const g = torch.full([2], 9.5, { requires_grad: true });
    expect(() => torch.rand(2, { out: g })).toThrow('a leaf Variable');
    expect(g.tolist()).toEqual([9.5, 9.5]);
  });
});
