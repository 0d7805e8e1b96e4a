// ELU, SELU and CELU and their gradients with PyTorch 1.13's bits (test/fixtures/elu-bits.json, scripts/gen-elu-bits.py):
// ATen's elu kernel takes exp(x * input_scale) - 1 (not expm1) with SLEEF's exp on whole 16-float blocks of a contiguous
// row and glibc's expf on the rest and on strided elements; its backward reads the input, or the result after an
// in-place call. tocha's earlier expm1-based ELU had differed from PyTorch in ~8% of these values (a relative 1e-3
// near 0), its CELU gradient in ~9%. Both of tocha's paths: the core, and the relaxed build (Node 20 needs the flag).
import v8 from 'node:v8';
import { expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import { fixture, pickedBits, type PickedBits, hexFloats as floats, seededRow, viewYAndGrad, everyStep } from './fixture.js';
import { describeBothPaths } from './paths.js';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');
const F = torch.nn.functional;

interface Result { y: PickedBits; grad: PickedBits }
interface Case {
  seed?: number; n?: number; edges?: string[]; rows?: number; width?: number; step?: number;
  ops: Record<string, Result>; inplace?: Record<string, Result>; tail?: Record<string, Result>;
}
const { cases } = fixture('elu-bits.json') as { cases: Case[] };

const FNS: Record<string, (x: Tensor, inplace: boolean) => Tensor> = {
  elu: (x, inplace) => F.elu(x, 1, inplace),
  'elu_0.5': (x, inplace) => F.elu(x, 0.5, inplace),
  'elu_2.5': (x, inplace) => F.elu(x, 2.5, inplace),
  selu: (x, inplace) => F.selu(x, inplace),
  celu: (x, inplace) => F.celu(x, 1, inplace),
  'celu_0.7': (x, inplace) => F.celu(x, 0.7, inplace),
  'celu_0.3': (x, inplace) => F.celu(x, 0.3, inplace),
  'celu_1.7': (x, inplace) => F.celu(x, 1.7, inplace),
};

/** y and x's gradient for g, as the gen script computes them (an in-place call on x * 1, a non-leaf). */
function run(name: string, x: Tensor, g: Tensor, inplace: boolean): { y: Tensor; grad: Tensor } {
  const leaf = x.clone().requires_grad_();
  const y = FNS[name](inplace ? leaf.mul(1) : leaf, inplace);
  y.backward(g);
  return { y: y.detach(), grad: leaf.grad! };
}
function expectBits(got: { y: Tensor; grad: Tensor }, want: Result, what: string): void {
  expect(pickedBits(got.y, want.y.at), `${what}: y`).toEqual(want.y.bits);
  expect(pickedBits(got.grad, want.grad.at), `${what}: grad`).toEqual(want.grad.bits);
}

await describeBothPaths(() => {

  it('contiguous tensors of 1 to 40,000 floats (whole 16-float blocks and the rest), out of place and in place', () => {
    for (const c of cases.filter((k) => k.n !== undefined)) torch.tidy(() => {
      const [x, g] = seededRow(c.seed!, c.n!);
      for (const [name, want] of Object.entries(c.ops)) expectBits(run(name, x, g, false), want, `${name}, n = ${c.n}`);
      for (const [name, want] of Object.entries(c.inplace!)) expectBits(run(name, x, g, true), want, `${name}_, n = ${c.n}`);
    });
  });

  it('zeros, tiny and huge values, infinities and NaN, in a block and in a tail', () => {
    const c = cases.find((k) => k.edges)!;
    torch.tidy(() => {
      const x = floats(c.edges!);
      const g = torch.linspace(-2, 2, x.numel());
      for (const [name, want] of Object.entries(c.ops)) expectBits(run(name, x, g, false), want, name);
      for (const [name, want] of Object.entries(c.tail!)) {
        expectBits(run(name, x.narrow(0, 0, 7), g.narrow(0, 0, 7), false), want, `${name} (tail)`);
      }
    });
  });

  it('a strided input: the scalar op on every element', () => {
    const c = cases.find((k) => k.step)!;
    torch.tidy(() => {
      torch.manual_seed(c.seed!);
      const x = torch.randn(c.rows!, c.width!).mul(3);
      for (const [name, want] of Object.entries(c.ops)) {
        expectBits(viewYAndGrad((t) => FNS[name](t, false), x, everyStep(c.rows!, c.width!, c.step!)), want, `${name}, strided`);
      }
    });
  });
});
