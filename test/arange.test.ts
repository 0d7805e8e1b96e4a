// torch.arange and torch.range in float32 against PyTorch 1.13's values bit for bit (test/fixtures/arange.json from
// scripts/gen-arange.py). ATen's arange kernel makes runs of 16 from Vectorized<float>::arange bases with fused
// multiply-adds, so its values are not start + i·step rounded once: arange(-8, 8, 0.1)[80] is 4.4409e-16, not 0
// (d2l.ai's activation-function plots take it, and relu's gradient there is 1).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture } from './fixture.js';

const fx = fixture('arange.json') as Record<'arange' | 'range', [number, number, number, number[]][]>;
const bits = (t: torch.Tensor) => [...new Uint32Array(Float32Array.from(t.tolist() as number[]).buffer)];

describe('float32 arange and range have PyTorch bits', () => {
  it('arange', () => {
    for (const [a, b, s, want] of fx.arange) expect(bits(torch.arange(a, b, s)), `arange(${a}, ${b}, ${s})`).toEqual(want);
  });
  it('range', () => {
    for (const [a, b, s, want] of fx.range) expect(bits(torch.range(a, b, s)), `range(${a}, ${b}, ${s})`).toEqual(want);
  });
  it("d2l's arange(-8.0, 8.0, 0.1)", () => {
    const x = torch.arange(-8.0, 8.0, 0.1, { requires_grad: true });
    torch.relu(x).backward(torch.ones_like(x));
    expect(x.index(80).item()).toBe(4.440892098500626e-16);
    expect(x.grad!.index(80).item()).toBe(1);
  });
});
