// torch.tan and its gradient with PyTorch 1.13's bits (test/fixtures/tan-bits.json, scripts/gen-tan-bits.py): SLEEF's
// Sleef_tanf8_u10 over 8-float vectors from a row's start (vml's map; strided input gathered first), a whole vector
// reduced the slow way once a lane is not below 125, and grad * (1 + result.pow(2)). tocha's earlier sin / cos had
// differed from PyTorch's tan in 329 of 1003 values (scripts/bits-survey), the gradient in 203. Both of tocha's paths:
// the core, and the relaxed build (Node 20 needs the flag).
import v8 from 'node:v8';
import { expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import { fixture, type PickedBits, hexFloats as floats, seededRow, yAndGrad, expectYGradBits, viewYAndGrad, everyStep } from './fixture.js';
import { describeBothPaths } from './paths.js';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');

interface Result { y: PickedBits; grad: PickedBits }
interface Case {
  seed?: number; n?: number; wide?: string[]; mixed?: string[]; edges?: string[];
  rows?: number; width?: number; step?: number; big?: [number, number, number][];
  tan: Result; tail?: Result;
}
const { cases } = fixture('tan-bits.json') as { cases: Case[] };


/** y = tan(x) and x's gradient for g, x a leaf. */
const run = (x: Tensor, g: Tensor) => yAndGrad((t) => torch.tan(t), x, g);
const expectBits = expectYGradBits;
/** A case whose input is the fixture's own floats, with g = linspace(-2, 2). */
function fromFloats(hex: string[], want: Result, what: string): void {
  torch.tidy(() => {
    const x = floats(hex);
    expectBits(run(x, torch.linspace(-2, 2, x.numel())), want, what);
  });
}

await describeBothPaths(() => {

  it('contiguous tensors of 1 to 40,000 floats (whole 8-float vectors and a partial one)', () => {
    for (const c of cases.filter((k) => k.n !== undefined)) torch.tidy(() => {
      const [x, g] = seededRow(c.seed!, c.n!);
      expectBits(run(x, g), c.tan, `n = ${c.n}`);
    });
  });

  it('floats of every exponent and both signs', () => {
    const c = cases.find((k) => k.wide)!;
    fromFloats(c.wide!, c.tan, 'wide');
  });

  it("a vector with a large lane: SLEEF's slow reduction for all its lanes", () => {
    const c = cases.find((k) => k.mixed)!;
    fromFloats(c.mixed!, c.tan, 'mixed');
  });

  it('zeros, subnormals, infinities, NaN, 125 and huge floats, in vectors and in a tail', () => {
    const c = cases.find((k) => k.edges)!;
    fromFloats(c.edges!, c.tan, 'edges');
    torch.tidy(() => {
      const x = floats(c.edges!).narrow(0, 0, 9);
      expectBits(run(x, torch.linspace(-2, 2, 32).narrow(0, 0, 9)), c.tail!, 'edges (tail)');
    });
  });

  it('a strided input: its rows gathered into 8-float vectors', () => {
    const c = cases.find((k) => k.step)!;
    torch.tidy(() => {
      torch.manual_seed(c.seed!);
      const x = torch.randn(c.rows!, c.width!).mul(3);
      for (const [i, j, v] of c.big!) x.index_put_([torch.tensor([i]), torch.tensor([j])], v);
      expectBits(viewYAndGrad((t) => torch.tan(t), x, everyStep(c.rows!, c.width!, c.step!)), c.tan, 'strided');
    });
  });
});
