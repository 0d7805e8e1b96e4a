// log2, log10, atan, asin, acos, sinh and cosh and their gradients with PyTorch 1.13's bits
// (test/fixtures/sleef2-bits.json, scripts/gen-sleef2-bits.py): the first five are SLEEF's u10 functions on every element
// (ATen's vml ops, strided input too), sinh and cosh SLEEF's on whole 16-float blocks of a contiguous row and glibc's
// sinhf/coshf on the rest and on strided elements; the gradients in derivatives.yaml's order (sinh's is grad times
// cosh's own kernel, and the reverse). tocha's earlier functions had differed from PyTorch in 7-315 of 1003 values per
// op (scripts/bits-survey), sinh's and cosh's gradients in 203 and 341. Both of tocha's paths: the core, and the relaxed
// build (Node 20 needs the flag).
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
  seed?: number; n?: number; wide?: string[]; edges?: string[]; rows?: number; width?: number; step?: number;
  ops: Record<string, Result>; tail?: Record<string, Result>;
}
const { cases } = fixture('sleef2-bits.json') as { cases: Case[] };

const OPS: Record<string, (x: Tensor) => Tensor> = {
  log2: (x) => torch.log2(x), log10: (x) => torch.log10(x), atan: (x) => torch.atan(x), asin: (x) => torch.asin(x),
  acos: (x) => torch.acos(x), sinh: (x) => torch.sinh(x), cosh: (x) => torch.cosh(x),
};
/** The gen script's input map per op: |x| for the logs, x / 10 for asin and acos. */
const MAP: Record<string, (x: Tensor) => Tensor> = {
  log2: (x) => x.abs(), log10: (x) => x.abs(), asin: (x) => x.div(10), acos: (x) => x.div(10),
};

/** y and x's gradient for g, x a leaf. */
const run = (op: string, x: Tensor, g: Tensor) => yAndGrad(OPS[op], x, g);
const expectBits = expectYGradBits;

await describeBothPaths(() => {

  it('contiguous tensors of 1 to 40,000 floats (whole 16-float blocks and the rest)', () => {
    for (const c of cases.filter((k) => k.n !== undefined)) torch.tidy(() => {
      const [x, g] = seededRow(c.seed!, c.n!);
      for (const [op, want] of Object.entries(c.ops)) expectBits(run(op, (MAP[op] ?? ((t) => t))(x), g), want, `${op}, n = ${c.n}`);
    });
  });

  it('floats of every exponent and both signs', () => {
    const c = cases.find((k) => k.wide)!;
    torch.tidy(() => {
      const x = floats(c.wide!);
      const g = torch.linspace(-2, 2, x.numel());
      for (const [op, want] of Object.entries(c.ops)) expectBits(run(op, x, g), want, `${op}, wide`);
    });
  });

  it('zeros, subnormals, infinities, NaN and the thresholds, in blocks and in a tail', () => {
    expectEdgeBits(cases.find((k) => k.edges)!, run);
  });

  it('a strided input: SLEEF on every element for the vml ops, glibc for sinh and cosh', () => {
    const c = cases.find((k) => k.step)!;
    torch.tidy(() => {
      torch.manual_seed(c.seed!);
      const x = torch.randn(c.rows!, c.width!).mul(3);
      for (const [op, want] of Object.entries(c.ops)) {
        expectBits(viewYAndGrad(OPS[op], (MAP[op] ?? ((t) => t))(x), everyStep(c.rows!, c.width!, c.step!)), want, `${op}, strided`);
      }
    });
  });
});
