// F.mish, torch.logit (eps None and given) and torch.digamma's gradient with PyTorch 1.13's bits
// (test/fixtures/mish-bits.json, scripts/gen-mish-bits.py). mish, logit and their backward kernels are ATen's
// cpu_kernel_vec: SLEEF's exp, log1p, tanh and log on whole 16-float blocks of each row TensorIterator makes, glibc's
// expf (its -mfma build), log1pf, tanhf and logf on the rest and on strided operands, with the multiply-adds GCC fused
// in mish_backward (1 - t², then t + x·sigmoid·(...)); logit clamps inside its kernel (hi = 1 - eps in float) and its
// gradient is 0 outside [eps, 1 - eps], NaN outside [0, 1] without eps. digamma's gradient is grad · trigamma(x) with
// glibc's sinf. Before: mish differed from PyTorch in 37 of bits-survey's 1003 values (gradient 327), logit in 1,
// digamma's gradient in 7. Both of tocha's paths: the core, and the relaxed build (Node 20 needs the flag).
import v8 from 'node:v8';
import { expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import { fixture, pickedBits, type PickedBits, hexFloats as floats, seededRow } from './fixture.js';
import { describeBothPaths } from './paths.js';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');
const F = torch.nn.functional;

interface Result { y?: PickedBits | string[]; grad: PickedBits | string[] }
interface Case {
  seed?: number; n?: number; edges?: string[];
  ops?: Record<string, Result>; tail?: Record<string, Result>; views?: Record<string, Record<string, Result>>;
  create_graph?: Record<string, Result>;
}
const { cases } = fixture('mish-bits.json') as { cases: Case[] };

/** Each op as the gen script runs it: what it applies to x before the leaf, and the op on the leaf. */
const OPS: Record<string, [(x: Tensor) => Tensor, (t: Tensor) => Tensor]> = {
  mish: [(x) => x, (t) => F.mish(t)],
  logit: [(x) => x.sigmoid(), (t) => torch.logit(t)],
  logit_e6: [(x) => x.sigmoid(), (t) => torch.logit(t, 1e-6)],
  logit_raw: [(x) => x.div(4), (t) => torch.logit(t)],
  logit_q: [(x) => x.div(4), (t) => torch.logit(t, 0.25)],
  digamma: [(x) => x, (t) => torch.digamma(t)],
};
const EDGE_OPS: Record<string, (t: Tensor) => Tensor> = {
  mish: (t) => F.mish(t), logit: (t) => torch.logit(t), logit_e6: (t) => torch.logit(t, 1e-6),
  logit_q: (t) => torch.logit(t, 0.25), logit_0: (t) => torch.logit(t, 0), digamma: (t) => torch.digamma(t),
};


/** y and the leaf's gradient for g. */
function run(op: (t: Tensor) => Tensor, x: Tensor, g: Tensor): { y: Tensor; grad: Tensor } {
  const leaf = x.clone().requires_grad_();
  const y = op(leaf);
  y.backward(g);
  return { y: y.detach(), grad: leaf.grad! };
}
/** The picked results' bits (all of them for a plain list), any NaN as 7fc00000 (the fixture's NaN: payloads are not
 *  compared). */
function bitsOf(t: Tensor, want: PickedBits | string[]): string[] {
  const at = Array.isArray(want) ? [...want.keys()] : want.at;
  return pickedBits(t, at).map((h) => ((parseInt(h, 16) & 0x7fffffff) > 0x7f800000 ? '7fc00000' : h));
}
const wanted = (want: PickedBits | string[]) => (Array.isArray(want) ? want : want.bits);
function expectBits(got: { y?: Tensor; grad: Tensor }, want: Result, what: string): void {
  if (want.y) expect(bitsOf(got.y!, want.y), `${what}: y`).toEqual(wanted(want.y));
  expect(bitsOf(got.grad, want.grad), `${what}: grad`).toEqual(wanted(want.grad));
}

await describeBothPaths(() => {

  it('contiguous tensors of 1 to 40,000 floats (whole 16-float blocks and the rest)', () => {
    for (const c of cases.filter((k) => k.n !== undefined)) torch.tidy(() => {
      const [x, g] = seededRow(c.seed!, c.n!);
      for (const [name, want] of Object.entries(c.ops!)) {
        const [prep, op] = OPS[name];
        expectBits(run(op, prep(x), g), want, `${name}, n = ${c.n}`);
      }
    });
  });

  it('zeros, 1 and its neighbours, eps bounds, overflow and underflow points, poles, infinities and NaN, in blocks and in a tail', () => {
    const c = cases.find((k) => k.edges)!;
    torch.tidy(() => {
      const x = floats(c.edges!);
      const g = torch.linspace(-2, 2, x.numel());
      for (const [name, want] of Object.entries(c.ops!)) expectBits(run(EDGE_OPS[name], x, g), want, name);
      for (const [name, want] of Object.entries(c.tail!)) {
        expectBits(run(EDGE_OPS[name], x.narrow(0, 0, 9), g.narrow(0, 0, 9)), want, `${name} (tail)`);
      }
    });
  });

  it('views: a strided input, rows of a wider tensor, and broadcast gradients (sum, sum(0))', () => {
    const c = cases.find((k) => k.views)!;
    for (const [name, results] of Object.entries(c.views!)) torch.tidy(() => {
      const [prep, op] = OPS[name];
      torch.manual_seed(97);
      const x = torch.randn(4, 60).mul(3);
      torch.manual_seed(98);
      const xs = torch.randn(40, 37).mul(3);
      for (const [view, f] of [['step3', (t: Tensor) => t.as_strided([4, 20], [60, 3])],
        ['rows50', (t: Tensor) => t.narrow(1, 0, 50)]] as const) {
        const leaf = prep(x).clone().requires_grad_();
        const y = op(f(leaf));
        y.backward(torch.ones_like(y).mul(0.75));
        expectBits({ y: y.detach(), grad: leaf.grad! }, results[view], `${name}, ${view}`);
      }
      for (const red of ['sum', 'sum0']) {
        const leaf = prep(xs).clone().requires_grad_();
        const y = op(leaf);
        if (red === 'sum') y.sum().backward();
        else y.sum(0).backward(torch.full([37], 0.75));
        expectBits({ grad: leaf.grad! }, results[red], `${name}, ${red}`);
      }
    });
  });

  it("create_graph: PyTorch's differentiable formulas for mish's and logit's gradients, and their gradients", () => {
    const c = cases.find((k) => k.create_graph)!;
    torch.tidy(() => {
      torch.manual_seed(11);
      const x = torch.randn(1003).mul(3);
      torch.manual_seed(1011);
      const g = torch.randn(1003);
      const h = torch.randn(1003);
      for (const [name, want] of Object.entries(c.create_graph!)) {
        const [prep, op] = OPS[name];
        const leaf = prep(x).clone().requires_grad_();
        const [d] = torch.autograd.grad(op(leaf), leaf, { grad_outputs: g, create_graph: true });
        const [dd] = torch.autograd.grad(d!.mul(h).sum(), leaf);
        expectBits({ y: d!.detach(), grad: dd! }, want, `${name}, create_graph`);
      }
    });
  });
});
