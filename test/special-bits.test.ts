// erfc, erfinv and lgamma and their gradients with PyTorch 1.13's bits (test/fixtures/special-bits.json,
// scripts/gen-special-bits.py): ATen runs all three through vml's map, so every element (partial vectors, strided input)
// takes SLEEF's erfcf8_u15 / lgammaf8_u10 or ATen's scalar calc_erfinv (glibc's logf, erff and expf); the gradients in
// derivatives.yaml's order. tocha's earlier functions had differed from PyTorch in 28, 47 and 47 of 1003 values
// (scripts/bits-survey), erfinv's gradient in 9. Both of tocha's paths: the core, and the relaxed build (Node 20 needs
// the flag).
import v8 from 'node:v8';
import { it } from 'vitest';
import type { Tensor } from '../src/index.js';
import { fixture, type PickedBits, hexFloats as floats, seededRow, yAndGrad, expectYGradBits, viewYAndGrad, everyStep,
  expectEdgeBits } from './fixture.js';
import { describeBothPaths } from './paths.js';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');

interface Result { y: PickedBits; grad: PickedBits }
interface Case {
  seed?: number; n?: number; wide?: string[]; unit?: string[]; edges?: string[]; rows?: number; width?: number;
  step?: number; ops: Record<string, Result>; tail?: Record<string, Result>; transposed?: Record<string, Result>;
}
const { cases } = fixture('special-bits.json') as { cases: Case[] };

const OPS: Record<string, (x: Tensor) => Tensor> = {
  erfc: (x) => torch.erfc(x), erfinv: (x) => torch.erfinv(x), lgamma: (x) => torch.lgamma(x),
};
/** The gen script's input map per op: x / 10 for erfinv. */
const MAP: Record<string, (x: Tensor) => Tensor> = { erfinv: (x) => x.div(10) };

/** y and x's gradient for g, x a leaf. */
const run = (op: string, x: Tensor, g: Tensor) => yAndGrad(OPS[op], x, g);
const expectBits = expectYGradBits;

await describeBothPaths(() => {

  it('contiguous tensors of 1 to 40,000 floats (whole vectors and a partial last one)', () => {
    for (const c of cases.filter((k) => k.n !== undefined)) torch.tidy(() => {
      const [x, g] = seededRow(c.seed!, c.n!);
      for (const [op, want] of Object.entries(c.ops)) expectBits(run(op, (MAP[op] ?? ((t) => t))(x), g), want, `${op}, n = ${c.n}`);
    });
  });

  it('floats of every exponent and both signs, and below 1 (erfinv\'s domain)', () => {
    for (const c of cases.filter((k) => k.wide || k.unit)) torch.tidy(() => {
      const x = floats((c.wide ?? c.unit)!);
      const g = torch.linspace(-2, 2, x.numel());
      for (const [op, want] of Object.entries(c.ops)) expectBits(run(op, x, g), want, `${op}, ${c.wide ? 'wide' : 'unit'}`);
    });
  });

  it('zeros, subnormals, infinities, NaN, poles and the thresholds, in blocks and in a tail', () => {
    expectEdgeBits(cases.find((k) => k.edges)!, run);
  });

  it('strided and transposed input: the same functions on every element', () => {
    const c = cases.find((k) => k.step)!;
    torch.tidy(() => {
      torch.manual_seed(c.seed!);
      const x = torch.randn(c.rows!, c.width!).mul(3);
      for (const [op, want] of Object.entries(c.ops)) {
        expectBits(viewYAndGrad(OPS[op], (MAP[op] ?? ((t) => t))(x), everyStep(c.rows!, c.width!, c.step!)), want, `${op}, strided`);
      }
      for (const [op, want] of Object.entries(c.transposed!)) {
        expectBits(viewYAndGrad(OPS[op], (MAP[op] ?? ((t) => t))(x), (t) => t.t()), want, `${op}, transposed`);
      }
    });
  });
});
