// Float sums and means over any dims of any layout in ATen's order, bit for bit: test/fixtures/sum-order.json,
// written by scripts/gen-sum-order.py from PyTorch 1.13 on one thread (contiguous tensors, permuted views, every
// other element along a dim, expanded size-1 dims; random dims, keepdim or not). Before sum_iter_f32 only whole sums
// and column sums of contiguous tensors had PyTorch's bits: a sum over a middle dim, or over (0, 2, 3) of a batch of
// images, was summed in float64 in plain order and differed in the last bits for most outputs. Scans too: cumsum and
// cumprod had summed in float (differences up to 1e-3 relative where a running sum cancels).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture, pickedBits, type PickedBits } from './fixture.js';

type Picked = PickedBits;
interface Case {
  seed: number; shape: number[]; view: 'contiguous' | 'permute' | 'step' | 'expand'; perm?: number[]; dim?: number;
  n?: number; dims: number[]; keepdim: boolean; sum: Picked; mean: Picked;
}
interface Scan { seed: number; shape: number[]; dim: number; cumsum: Picked; cumprod: Picked }
const { reductions: cases, scans } = fixture('sum-order.json') as { reductions: Case[]; scans: Scan[] };

const picked = pickedBits;
const label = (c: Case) => `seed ${c.seed}: ${c.view} ${JSON.stringify(c.shape)} over ${JSON.stringify(c.dims)}${c.keepdim ? ' keepdim' : ''}`;

function input(c: Case): Tensor {
  torch.manual_seed(c.seed);
  const x = torch.randn(c.shape).mul(10);
  if (c.view === 'permute') return x.permute(c.perm!);
  if (c.view === 'step') return x.index(...Array(c.dim!).fill(null), torch.slice(null, null, 2));
  if (c.view === 'expand') {
    const one = x.narrow(c.dim!, 0, 1);
    const size = one.shape.slice();
    size[c.dim!] = c.n!;
    return one.expand(size);
  }
  return x;
}

describe("sums in ATen's order, any dims, any layout", () => {
  it(`x.sum(dims, keepdim) has PyTorch's bits for the ${cases.length} cases of the fixture`, () => {
    for (const c of cases) expect(picked(input(c).sum(c.dims, c.keepdim), c.sum.at), label(c)).toEqual(c.sum.bits);
  });

  it('x.mean(dims, keepdim) too (the sum divided by the count, as ATen on the CPU)', () => {
    for (const c of cases) expect(picked(input(c).mean(c.dims, c.keepdim), c.mean.at), label(c)).toEqual(c.mean.bits);
  });

  it('the fixture covers each view and both the vectorized and the scalar paths', () => {
    for (const v of ['contiguous', 'permute', 'step', 'expand']) expect(cases.filter((c) => c.view === v).length, v).toBeGreaterThan(20);
    // a middle dim of a contiguous tensor (the outer-sum path with an outer loop) and a strided inner dim
    expect(cases.some((c) => c.view === 'contiguous' && c.shape.length === 3 && c.dims.length === 1 && c.dims[0] === 1 && c.shape[2] >= 8)).toBe(true);
    expect(cases.some((c) => c.view === 'step' && c.dims.includes(c.shape.length - 1) && c.dim === c.shape.length - 1)).toBe(true);
  });
});

describe('scans accumulate in double, as ATen on the CPU', () => {
  it(`cumsum and cumprod have PyTorch's bits for the ${scans.length} cases of the fixture`, () => {
    for (const c of scans) {
      torch.manual_seed(c.seed);
      const x = torch.randn(c.shape).mul(10);
      const at = `seed ${c.seed}: ${JSON.stringify(c.shape)} along ${c.dim}`;
      expect(picked(torch.cumsum(x, c.dim), c.cumsum.at), `cumsum ${at}`).toEqual(c.cumsum.bits);
      expect(picked(torch.cumprod(x.div(20).add(1), c.dim), c.cumprod.at), `cumprod ${at}`).toEqual(c.cumprod.bits);
    }
  });
});
