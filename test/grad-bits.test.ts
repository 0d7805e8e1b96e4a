// The gradients of reciprocal, rsqrt, asin, acos, hardsigmoid, softsign, tanhshrink, SiLU, pow, asinh, acosh, atanh, softplus
// and logsigmoid, and the forward of pow (special exponents), asinh, acosh, atanh (glibc's float code), softplus and
// logsigmoid (SLEEF's exp and log1p), with PyTorch 1.13's bits
// (test/fixtures/grad-bits.json, scripts/gen-grad-bits.py): derivatives.yaml's formulas evaluated in their order (-grad *
// (result * result), not (-grad * result) * result), softsign's and tanhshrink's Python graphs, ATen's silu_backward with
// GCC's contraction. tocha's earlier rules had differed from PyTorch in 20-70% of these values (an ulp or two).
// Both of tocha's paths: the forward values come from the relaxed build where the engine has it.
import v8 from 'node:v8';
import { expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import { fixture, pickedBits, type PickedBits } from './fixture.js';
import { describeBothPaths } from './paths.js';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');
const F = torch.nn.functional;

interface Case {
  seed: number; n?: number; rows?: number; width?: number; step?: number; grad: Record<string, PickedBits>;
  forward?: Record<string, PickedBits>;
}
const { scales, cases } = fixture('grad-bits.json') as { scales: Record<string, number>; cases: Case[] };
const FNS: Record<string, (x: Tensor) => Tensor> = {
  reciprocal: torch.reciprocal, rsqrt: (x) => torch.rsqrt(x.abs()), asin: torch.asin, acos: torch.acos,
  hardsigmoid: F.hardsigmoid, softsign: F.softsign, tanhshrink: F.tanhshrink, silu: F.silu,
  'pow_0.5': (x) => x.abs().pow(0.5), 'pow_1.5': (x) => x.abs().pow(1.5), pow_3: (x) => x.pow(3), pow_4: (x) => x.pow(4),
  'pow_-1': (x) => x.pow(-1), pow_0: (x) => x.pow(0), pow_2: (x) => x.pow(2), 'pow_-0.5': (x) => x.abs().pow(-0.5),
  'pow_-2': (x) => x.pow(-2),
  asinh: torch.asinh, acosh: (x) => torch.acosh(x.abs().add(1)), atanh: (x) => torch.atanh(x.div(10)),
  softplus: F.softplus, softplus_2_5: (x) => F.softplus(x, 2, 5), logsigmoid: F.logsigmoid,
};
// (the gradient cases of atanh scale their inputs instead of dividing them)
const GRAD_FNS: Record<string, (x: Tensor) => Tensor> = { ...FNS, atanh: torch.atanh };

await describeBothPaths(() => {

  it('contiguous tensors of 1 to 40,000 floats', () => {
    for (const c of cases.filter((k) => k.n !== undefined)) {
      for (const [name, want] of Object.entries(c.grad)) torch.tidy(() => {
        torch.manual_seed(c.seed);
        const x = torch.randn(c.n!).mul(scales[name]).requires_grad_();
        torch.manual_seed(c.seed + 1000);
        const g = torch.randn(c.n!);
        GRAD_FNS[name](x).backward(g);
        expect(pickedBits(x.grad!, want.at), `${name}, n = ${c.n}`).toEqual(want.bits);
      });
    }
  });

  it("pow's special exponents (sqrt, products, reciprocals), asinh, acosh, atanh (glibc's), softplus, logsigmoid", () => {
    for (const c of cases.filter((k) => k.forward)) {
      for (const [name, want] of Object.entries(c.forward!)) torch.tidy(() => {
        torch.manual_seed(c.seed);
        const x = torch.randn(c.n!).mul(3);
        expect(pickedBits(FNS[name](x), want.at), `${name}, n = ${c.n}`).toEqual(want.bits);
      });
    }
  });

  it('pow: a zero exponent or a zero base gives a zero gradient, not NaN', () => {
    // pow_backward_self: where(exponent == 0, 0, ...); pow_backward_exponent: where(self == 0 & exponent >= 0, 0, ...)
    // (PyTorch's values: tocha had NaN at a = 0, b = 0, and NaN or -inf for pow(0, e), e >= 0)
    const a = torch.tensor([0, 2, 0, 3], { dtype: torch.float32 }).requires_grad_();
    const b = torch.tensor([0, 0, 2, -1], { dtype: torch.float32 }).requires_grad_();
    torch.pow(a, b).sum().backward();
    expect(a.grad!.tolist()).toEqual([0, 0, 0, -0.1111111119389534]);
    expect(b.grad!.tolist()).toEqual([0, 0.6931471824645996, 0, 0.3662041127681732]);
    const e = torch.tensor([0, 1, 2], { dtype: torch.float32 }).requires_grad_();
    torch.pow(0, e).sum().backward();
    expect(e.grad!.tolist()).toEqual([0, 0, 0]);
  });

  it('a strided input', () => {
    const c = cases.find((k) => k.step)!;
    for (const [name, want] of Object.entries(c.grad)) torch.tidy(() => {
      torch.manual_seed(c.seed);
      const x = torch.randn(c.rows!, c.width!).mul(scales[name]).requires_grad_();
      const y = GRAD_FNS[name](x.as_strided([c.rows!, c.width! / c.step!], [c.width!, c.step!]));
      y.backward(torch.ones_like(y));
      expect(pickedBits(x.grad!, want.at), `${name}, strided`).toEqual(want.bits);
    });
  });
});
