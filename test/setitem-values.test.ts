// `x[i] = v` with a Python bool (`losses[k] = loss.item()`, item() of a bool tensor) writes 1 or 0 as PyTorch does (it
// crashed inside setitem), and a value that is no number, bool or tensor is PyTorch 1.13's TypeError.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';

const message = (f: () => unknown) => {
  try { f(); } catch (e) { return `${(e as Error).name}: ${(e as Error).message}`; }
  return 'no error';
};

describe('x.set(..., value)', () => {
  it('writes booleans as PyTorch writes True and False', () => {
    const x = torch.zeros(3);
    x.set(0, true);
    x.set(torch.tensor([false, true, false]), false);
    expect(String(x)).toBe('tensor([1., 0., 0.])');
    const b = torch.zeros(2, { dtype: torch.bool });
    b.set(1, true);
    expect(String(b)).toBe('tensor([False,  True])');
  });
  it("refuses other values with PyTorch's TypeError", () => {
    type Set = (...a: unknown[]) => unknown;
    const x = torch.zeros(3);
    expect(message(() => (x.set as Set).call(x, [0, 2], 'a'))).toBe("TypeError: can't assign a str to a torch.FloatTensor");
    expect(message(() => (x.set as Set).call(x, [0, 2], null))).toBe("TypeError: can't assign a NoneType to a torch.FloatTensor");
    expect(message(() => (x.set as Set).call(x, [0, 2], [1, 2]))).toBe("TypeError: can't assign a list to a torch.FloatTensor");
    const l = torch.zeros(3, { dtype: torch.long });
    expect(message(() => (l.set as Set).call(l, 0, null))).toBe("TypeError: can't assign a NoneType to a torch.LongTensor");
  });
});
