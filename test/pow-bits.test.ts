// torch.pow with exponents other than ATen's special ones, and its gradients, with PyTorch 1.13's bits
// (test/fixtures/pow-bits.json, scripts/gen-pow-bits.py): SLEEF's Sleef_powf8_u10 on a contiguous row's whole 16-float
// blocks, then glibc's powf (a tensor exponent, a number base) or glibc's pow in double (a number exponent) on the rest
// and on strided elements; pow_backward's grad * (exponent * self.pow(exponent - 1)) through the same kernel, and
// pow_backward_self / pow_backward_exponent. tocha's own pow had differed in 16 of 1003 values for x ** 2.5 and 14 for
// a tensor exponent (scripts/bits-survey), their gradients in 15 and 17. Both of tocha's paths (pow runs in the core on
// both: it has no relaxed-build kernel).
import v8 from 'node:v8';
import { expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import { fixture, type PickedBits, hexFloats as floats, pickedBitsOneNan } from './fixture.js';
import { describeBothPaths } from './paths.js';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');

interface Result { y: PickedBits; grad: PickedBits; grad_e?: PickedBits }
interface Case {
  seed?: number; n?: number; scalar: Result[]; tensor: Result; base?: Result[];
  wide?: string[]; ebits?: string[]; grid?: [string[], string[]]; tail?: { y: string[] }; tails?: string[][];
  rows?: number; width?: number; step?: number;
  ops?: { scalar: Result[]; tensor: Result; broadcast: { y: string[] } };
}
const { cases, exponents } = fixture('pow-bits.json') as { cases: Case[]; exponents: number[] };

const bits = pickedBitsOneNan;
const all = (t: Tensor) => bits(t, [...Array(t.numel()).keys()]);
function expectPicked(got: Tensor, want: PickedBits, what: string): void {
  expect(bits(got, want.at), what).toEqual(want.bits);
}

/** x ** e (e a number, or a tensor) or base ** x, with x's (and e's) gradients for g. */
function run(f: (x: Tensor, e: Tensor | null) => Tensor, x: Tensor, e: Tensor | null, g: Tensor) {
  const leaf = x.clone().requires_grad_();
  const le = e ? e.clone().requires_grad_() : null;
  const y = f(leaf, le);
  y.backward(g);
  return { y: y.detach(), grad: leaf.grad!, grad_e: le?.grad ?? null };
}
function expectResult(got: ReturnType<typeof run>, want: Result, what: string): void {
  expectPicked(got.y, want.y, `${what}: y`);
  expectPicked(got.grad, want.grad, `${what}: grad`);
  if (want.grad_e) expectPicked(got.grad_e!, want.grad_e, `${what}: the exponent's grad`);
}

await describeBothPaths(() => {

  it('contiguous rows of 1 to 1003: x ** e, x ** (x / 3), 2.5 ** x and 0.3 ** x, forward and backward', () => {
    for (const c of cases.filter((k) => k.n !== undefined)) torch.tidy(() => {
      torch.manual_seed(c.seed!);
      const x = torch.randn(c.n!).abs().mul(3);
      torch.manual_seed(c.seed! + 1000);
      const g = torch.randn(c.n!);
      exponents.forEach((e, i) => expectResult(run((t) => torch.pow(t, e), x, null, g), c.scalar[i], `n = ${c.n}, x ** ${e}`));
      expectResult(run((t, u) => torch.pow(t, u!), x, x.div(3), g), c.tensor, `n = ${c.n}, x ** (x / 3)`);
      [2.5, 0.3].forEach((b, i) => expectResult(run((t) => torch.pow(b, t), x, null, g), c.base![i], `n = ${c.n}, ${b} ** x`));
    });
  });

  it('floats of every exponent and both signs, to the exponents and to random-bit exponents', () => {
    const c = cases.find((k) => k.wide)!;
    torch.tidy(() => {
      const x = floats(c.wide!), e = floats(c.ebits!);
      const g = torch.linspace(-2, 2, x.numel());
      exponents.forEach((p, i) => expectResult(run((t) => torch.pow(t, p), x, null, g), c.scalar[i], `wide ** ${p}`));
      expect(all(torch.pow(x, e)), 'wide ** ebits').toEqual(c.tensor.y as unknown as string[]);
      expect(all(torch.pow(x.narrow(0, 0, 13), e.narrow(0, 0, 13))), 'wide ** ebits (tail)').toEqual(c.tail!.y);
    });
  });

  it('zeros, infinities, NaN, ±1 and others: every pair, in blocks and in a tail', () => {
    const c = cases.find((k) => k.grid)!;
    torch.tidy(() => {
      const x = floats(c.grid![0]), e = floats(c.grid![1]);
      expect(all(torch.pow(x, e)), 'grid').toEqual(c.tensor.y as unknown as string[]);
      [0, 32, 48, 64].forEach((k, i) =>
        expect(all(torch.pow(x.narrow(0, k, 15), e.narrow(0, k, 15))), `grid from ${k} (tail)`).toEqual(c.tails![i]));
      const v = x.reshape([16, 16]).select(1, 0).contiguous();
      exponents.forEach((p, i) => expect(all(torch.pow(v, p)), `specials ** ${p}`).toEqual(c.scalar[i].y as unknown as string[]));
    });
  });

  it('strided input (the scalar code on every element) and a broadcast exponent (rows)', () => {
    const c = cases.find((k) => k.step)!;
    torch.tidy(() => {
      torch.manual_seed(c.seed!);
      const x = torch.randn(c.rows!, c.width!).abs().mul(3);
      const w = c.width!, s = c.step!, cols = w / s;
      exponents.forEach((e, i) => {
        const leaf = x.detach().requires_grad_();
        const y = torch.pow(leaf.as_strided([c.rows!, cols], [w, s]), e);
        y.backward(torch.ones_like(y));
        expectPicked(y.detach(), c.ops!.scalar[i].y, `strided ** ${e}: y`);
        expectPicked(leaf.grad!, c.ops!.scalar[i].grad, `strided ** ${e}: grad`);
      });
      const a = x.detach().requires_grad_();
      const y = torch.pow(a.as_strided([c.rows!, cols], [w, s]), a.as_strided([c.rows!, cols], [w, s], 1).div(3));
      y.backward(torch.ones_like(y));
      expectPicked(y.detach(), c.ops!.tensor.y, 'strided ** strided / 3: y');
      expectPicked(a.grad!, c.ops!.tensor.grad, 'strided ** strided / 3: grad');
      torch.manual_seed(98);
      const b = torch.randn(5, 37).abs().mul(3);
      const ex = torch.randn(37);
      expect(all(torch.pow(b, ex)), '(5, 37) ** (37,)').toEqual(c.ops!.broadcast.y);
    });
  });
});
