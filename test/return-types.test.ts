// The named tuples tocha returns as arrays with named fields print as PyTorch's torch.return_types (its reprs for the
// same calls: test/fixtures/return-types.json, written by scripts/gen-return-types.py); their fields and indexing.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture } from './fixture.js';

const want = fixture('return-types.json') as Record<string, string>;
const x = () => torch.tensor([[0.5, -1.0, 2.0], [3.0, 0.0, -2.0]]);
const p = () => torch.tensor([[0.5, -1.0], [2.0, 3.0], [0.0, -2.0]]);
const A = () => torch.tensor([[4, 1], [2, 3]], { dtype: torch.float32 });

describe('torch.return_types as PyTorch prints them', () => {
  const calls: Record<string, () => unknown> = {
    aminmax: () => torch.aminmax(x()),
    'aminmax dim 1': () => torch.aminmax(x(), { dim: 1 }),
    'aminmax dim 0 keepdim': () => torch.aminmax(x(), { dim: 0, keepdim: true }),
    histogram: () => torch.histogram(x().flatten(), 3),
    histogramdd: () => torch.histogramdd(p(), [2, 2]),
    slogdet: () => torch.slogdet(A()),
    'linalg.slogdet': () => torch.linalg.slogdet(A()),
  };
  for (const [name, call] of Object.entries(calls)) it(name, () => expect(String(call())).toBe(want[name]));

  it('frexp (its exponent is int64 in tocha, int32 in PyTorch: the rest of the text is the same)', () => {
    expect(String(torch.frexp(torch.tensor([0.5, 3.0, -10.0])))).toBe(want.frexp.replace(', dtype=torch.int32', ''));
  });

  it('indexing, destructuring and the named fields hold the same tensors', () => {
    const r = torch.aminmax(x(), { dim: 1 });
    const [mn, mx] = r;
    expect(r.min).toBe(mn);
    expect(r.max).toBe(mx);
    expect(r[0]).toBe(r.min);
    expect(Array.isArray(r)).toBe(true);
    expect(Object.keys(r)).toEqual(['0', '1']);
  });
});
