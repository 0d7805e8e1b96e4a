// The arguments GPT code passes by name to torch.multinomial and torch.topk (`torch.multinomial(probs, num_samples=1)`
// in Karpathy's lecture and nanoGPT, `torch.topk(probs, k=1, dim=-1)` in minGPT): PyTorch 1.13's draws for the seed,
// and its TypeErrors for missing, extra and unknown arguments.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';

type Fn = (...a: unknown[]) => unknown;
const message = (f: () => unknown) => {
  try { f(); } catch (e) { return `${(e as Error).name}: ${(e as Error).message}`; }
  return 'no error';
};

describe('multinomial and topk by keyword', () => {
  const p = torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.2, 0.2]]);
  it('multinomial takes num_samples and replacement by name', () => {
    torch.manual_seed(0);
    expect(torch.multinomial(p, { num_samples: 2, replacement: true }).tolist()).toEqual([[2, 2], [0, 2]]);
    expect(p.multinomial({ num_samples: 1 }).tolist()).toEqual([[2], [0]]);
    expect(message(() => (torch.multinomial as Fn)(p))).toBe('TypeError: multinomial() missing 1 required positional arguments: "num_samples"');
    expect(message(() => (torch.multinomial as Fn)(p, 1, true, true))).toBe('TypeError: multinomial() takes from 2 to 3 positional arguments but 4 were given');
    expect(message(() => (torch.multinomial as Fn)(p, 1, { replace: true }))).toBe("TypeError: multinomial() got an unexpected keyword argument 'replace'");
  });
  it('topk takes k by name', () => {
    const r = torch.topk(p, { k: 1, dim: -1 });
    expect(r.values.tolist()).toEqual([[0.5], [0.6000000238418579]]);
    expect(r.indices.tolist()).toEqual([[2], [0]]);
    expect(p.topk({ k: 2, largest: false }).values.tolist()).toEqual([[0.20000000298023224, 0.30000001192092896], [0.20000000298023224, 0.20000000298023224]]);
    expect(message(() => (torch.topk as Fn)(p))).toBe('TypeError: topk() missing 1 required positional arguments: "k"');
    expect(message(() => (torch.topk as Fn)(p, 1, { kk: 2 }))).toBe("TypeError: topk() got an unexpected keyword argument 'kk'");
  });
});
