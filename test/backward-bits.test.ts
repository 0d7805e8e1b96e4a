// The backward passes of softmax, log_softmax and cross_entropy with PyTorch 1.13's bits
// (test/fixtures/backward-bits.json, scripts/gen-backward-bits.py): ATen's AVX2 kernels sum in vec::reduce_all's order
// (over the last dim) or down each column (over other dims), with the multiply-adds GCC fused into one rounding.
// tocha's old kernel (a double sum, unfused) differed from PyTorch in 205 of 601 picked softmax gradients over the last
// dim, 57 of 601 log_softmax ones, 286 and 156 of 831 over other dims, and 27 of 783 cross_entropy gradients.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture, pickedBits, type PickedBits } from './fixture.js';

interface SoftmaxCase { seed: number; shape: number[]; dim: number; softmax: PickedBits; log_softmax: PickedBits }
interface CrossEntropyCase { seed: number; shape: number[]; t: number[]; kw: Record<string, unknown>; grad: PickedBits }
const { softmax: softmaxCases, cross_entropy: ceCases } = fixture('backward-bits.json') as
  { softmax: SoftmaxCase[]; cross_entropy: CrossEntropyCase[] };
const F = torch.nn.functional;

describe("softmax and log_softmax's gradients have PyTorch's bits", () => {
  for (const name of ['softmax', 'log_softmax'] as const) {
    it(`${name}: ${softmaxCases.length} shapes, over the last dim and over others`, () => {
      for (const c of softmaxCases) {
        torch.manual_seed(c.seed);
        const x = torch.randn(c.shape).mul(4).requires_grad_();
        const g = torch.randn(c.shape);
        torch[name](x, c.dim).backward(g);
        expect(pickedBits(x.grad!, c[name].at), `${JSON.stringify(c.shape)} dim ${c.dim}`).toEqual(c[name].bits);
      }
    });
  }
});

describe("cross_entropy's gradient has PyTorch's bits", () => {
  it(`${ceCases.length} cases: (N, C) and (N, C, d...), mean and sum, class weights, ignore_index`, () => {
    for (const c of ceCases) {
      torch.manual_seed(c.seed);
      const x = torch.randn(c.shape).requires_grad_();
      const t = torch.tensor(c.t, { dtype: torch.int64 }).reshape([c.shape[0], ...c.shape.slice(2)]);
      const kw: Record<string, unknown> = { ...c.kw };
      if (kw.weight) kw.weight = torch.tensor(kw.weight as number[]);
      F.cross_entropy(x, t, kw).backward();
      expect(pickedBits(x.grad!, c.grad.at), `${JSON.stringify(c.shape)} ${JSON.stringify(c.kw)}`).toEqual(c.grad.bits);
    }
  });
});
