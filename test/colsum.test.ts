// Column sums (x.sum(0), the bias gradient of a batch) in ATen's order, bit for bit: test/fixtures/colsum.json,
// written by scripts/gen-colsum.py from PyTorch 1.13 on one thread. A sum down the rows in plain order differs from
// PyTorch's in the last bits for 195 of 272 shapes tried (from 16 rows on, ATen cascades).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture } from './fixture.js';

const cases = fixture('colsum.json') as { n: number; c: number; sum: number[] }[];

describe("column sums in ATen's order", () => {
  it('x.sum(0) has PyTorch\'s bits for every shape of the fixture', () => {
    for (const { n, c, sum } of cases) {
      torch.manual_seed(n * 1000 + c);
      const x = torch.randn(n, c).mul(10);
      expect(x.sum(0).tolist(), `${n}x${c}`).toEqual(sum);
    }
  });

  it("a Linear layer's bias gradient is the same sum of the upstream gradient", () => {
    const { n, c, sum } = cases.find((k) => k.n === 100 && k.c === 70)!;
    torch.manual_seed(n * 1000 + c);
    const g = torch.randn(n, c).mul(10);
    const lin = new torch.nn.Linear(5, c);
    lin(torch.randn(n, 5)).backward(g);
    expect(lin.bias!.grad!.tolist()).toEqual(sum);
  });
});
