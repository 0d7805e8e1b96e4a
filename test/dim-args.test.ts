// A float, a Tensor or a bool where a function with several signatures takes a dim gets PyTorch's TypeError (its
// "invalid combination of arguments" with the signatures it prints, or its simple message where one signature alone
// takes as many arguments), and a 0-d integer tensor passes where a signature takes an int: every call of
// test/fixtures/dim-args.json (scripts/gen-dim-args.py), by position and by name, as torch.* functions and Tensor
// methods, against PyTorch's message or values.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture } from './fixture.js';

interface Case { key: string; args: unknown[]; kw: Record<string, unknown>; value?: unknown; error?: string; message?: string }
const { cases, torch: torchTable, methods } = fixture('dim-args.json') as { cases: Case[]; torch: Record<string, string>;
  methods: Record<string, string> };

/** The fixture's { tensor, dtype } is torch.tensor(tensor, { dtype }); 'q' the quantiles tensor. */
function real(v: unknown): unknown {
  if (v === 'q') return torch.tensor([0.25, 0.5]);
  if (Array.isArray(v)) return v.map(real);
  if (v !== null && typeof v === 'object' && 'tensor' in v) {
    const t = v as { tensor: number; dtype: 'int64' | 'float32' | 'bool' };
    return torch.tensor(t.tensor, { dtype: torch[t.dtype] });
  }
  return v;
}

/** A call's value as the fixture has it (a tuple of tensors as a list), or its error as PyTorch names it. */
function run(c: Case): unknown {
  const [prefix, name] = c.key.split('.');
  const x = torch.tensor([[3, 1, 2, 0], [5, 7, 4, 6], [9, 8, 11, 10]], { dtype: torch.float32 });
  const kw = Object.fromEntries(Object.entries(c.kw).map(([k, v]) => [k, real(v)]));
  const args = [...c.args.map(real), ...(Object.keys(kw).length ? [kw] : [])];
  try {
    const r = prefix === 'torch' ? (torch as unknown as Record<string, (...a: unknown[]) => unknown>)[name](x, ...args)
      : (x as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...args);
    if (r instanceof torch.Tensor) return { value: r.tolist() };
    return { value: [...(r as Iterable<torch.Tensor>)].map((t) => t.tolist()) };
  } catch (e) {
    const type = { Error: 'RuntimeError', RangeError: 'IndexError' }[(e as Error).constructor.name] ?? (e as Error).constructor.name;
    return { error: type, message: (e as Error).message };
  }
}

describe('a float, a Tensor or a bool where a dim goes', () => {
  it('the fixture covers the functions of the issue, both forms', () => {
    for (const k of ['sum', 'mean', 'max', 'std', 'var', 'median', 'logsumexp', 'softmax', 'cumsum', 'sort', 'kthvalue', 'all']) {
      expect(k in torchTable && k in methods, k).toBe(true);
    }
    expect(cases.length).toBeGreaterThan(1000);
  });

  it("PyTorch's message or values for each call, word for word", () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const got = run(c);
      const want = c.error ? { error: c.error, message: c.message } : { value: c.value };
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        wrong.push(`${c.key}(${JSON.stringify(c.args)}, ${JSON.stringify(c.kw)}): ${JSON.stringify(got)}\n   want ${JSON.stringify(want)}`);
      }
    }
    expect(wrong.slice(0, 20).join('\n')).toBe('');
    expect(wrong.length).toBe(0);
  });
});
