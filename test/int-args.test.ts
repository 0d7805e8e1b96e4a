// An int argument that is not an int gets PyTorch's TypeError, never a silent result: every argument of a torch.*
// function or Tensor method that PyTorch 1.13's parser takes as an int or a tuple of ints, with its simple message
// (test/fixtures/int-args.json and src/int-params.ts, written by scripts/gen-int-args.py). Each call is PyTorch's
// probe: a str, a float, a bool, null, a list where an int goes; a non-int element of a tuple; the same by name.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture } from './fixture.js';

interface Case { key: string; args: unknown[]; kw: Record<string, unknown>; message: string }
interface Named { key: string; args: unknown[]; shape: number[]; message: string }
interface TensorCase { key: string; args: unknown[]; kw: Record<string, unknown>; value?: unknown; error?: string; message?: string }
const { cases, named, combos, tensors, narrow_grad } = fixture('int-args.json') as { cases: Case[]; named: Named[];
  combos: Case[]; tensors: TensorCase[]; narrow_grad: number[][] };

/** The fixture's { tensor, dtype } is torch.tensor(tensor, { dtype }). */
function realTensor(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(realTensor);
  if (v !== null && typeof v === 'object' && 'tensor' in v) {
    const t = v as { tensor: number; dtype: 'int64' | 'float32' | 'bool' };
    return torch.tensor(t.tensor, { dtype: torch[t.dtype] });
  }
  return v;
}

/** The fixture's 'T' is a tensor (PyTorch's probe passes torch.ones(2, 3) there). */
const real = (v: unknown) => v === 'T' ? torch.ones([2, 3]) : v;

function call(c: Case): unknown {
  const [prefix, name] = c.key.split('.');
  const x = torch.ones([2, 3]);
  const args = [...c.args.map(real), ...(Object.keys(c.kw).length ? [c.kw] : [])];
  if (prefix === 'torch') return (torch as unknown as Record<string, (...a: unknown[]) => unknown>)[name](x, ...args);
  return (x as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...args);
}

function error(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
  return 'no error';
}

describe('int arguments', () => {
  it('the fixture covers the calls of the issue', () => {
    const keys = new Set(cases.map((c) => c.key));
    for (const k of ['torch.tril', 'Tensor.tril', 'torch.roll', 'Tensor.roll', 'torch.topk', 'Tensor.topk', 'torch.diagonal',
      'Tensor.diagonal', 'torch.flip', 'Tensor.flip', 'torch.tile', 'Tensor.tile', 'Tensor.repeat', 'torch.unsqueeze',
      'Tensor.unsqueeze']) expect(keys.has(k), k).toBe(true);
    expect(cases.length).toBeGreaterThan(1000);
  });

  it("PyTorch's message for each call, word for word", () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const got = error(() => call(c));
      if (got !== `TypeError: ${c.message}`) wrong.push(`${c.key}(${JSON.stringify(c.args)}, ${JSON.stringify(c.kw)}): ${got}\n   want ${c.message}`);
    }
    expect(wrong.slice(0, 30).join('\n')).toBe('');
    expect(wrong.length).toBe(0);
  });

  it('narrow and select, whose overloads take a Tensor start or a dim name: the invalid combination, word for word', () => {
    expect(combos.length).toBe(24);
    for (const c of combos) expect(error(() => call({ ...c, kw: {} })), `${c.key}(${JSON.stringify(c.args)})`).toBe(`TypeError: ${c.message}`);
    // what they take still passes
    const x = torch.arange(6).reshape(2, 3);
    expect(x.narrow(1, 1, 2).tolist()).toEqual([[1, 2], [4, 5]]);
    expect(x.select(0, -1).tolist()).toEqual([3, 4, 5]);
    expect(torch.select(x, 1, 0).tolist()).toEqual([0, 3]);
  });

  it("a Tensor where an int goes: a 0-d integer tensor is that int, any other PyTorch's error, word for word", () => {
    expect(tensors.length).toBeGreaterThan(70);
    const wrong: string[] = [];
    for (const c of tensors) {
      const [prefix, name] = c.key.split('.');
      const x = torch.arange(12).reshape(3, 4).float();
      const args = [...c.args.map(realTensor), ...(Object.keys(c.kw).length ? [Object.fromEntries(Object.entries(c.kw).map(([k, v]) => [k, realTensor(v)]))] : [])];
      let got: unknown;
      try {
        const r = prefix === 'torch' ? (torch as unknown as Record<string, (...a: unknown[]) => unknown>)[name](x, ...args)
          : (x as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...args);
        // (a tuple of tensors: split's list, topk's values and indices)
        const tuple = Array.isArray(r) ? r : r instanceof torch.Tensor ? null : [...(r as Iterable<torch.Tensor>)];
        got = { value: tuple ? tuple.map((t: torch.Tensor) => t.tolist()) : (r as torch.Tensor).tolist() };
      } catch (e) {
        // (PyTorch's RuntimeError is tocha's Error, its IndexError a RangeError)
        const type = { Error: 'RuntimeError', RangeError: 'IndexError' }[(e as Error).constructor.name] ?? (e as Error).constructor.name;
        got = { error: type, message: (e as Error).message };
      }
      const want = c.error ? { error: c.error, message: c.message } : { value: c.value };
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${c.key}(${JSON.stringify(c.args)}, ${JSON.stringify(c.kw)}): ${JSON.stringify(got)}\n   want ${JSON.stringify(want)}`);
    }
    expect(wrong.join('\n')).toBe('');
    // narrow's gradient with a Tensor start is its gradient with that int
    const x = torch.arange(12).reshape(3, 4).float().requires_grad_();
    torch.narrow(x, 1, torch.tensor(1), 2).mul(torch.arange(6).reshape(3, 2)).sum().backward();
    expect(x.grad!.tolist()).toEqual(narrow_grad);
  });

  it("a str where an op with a named overload takes a dim is a name PyTorch does not find (tocha's tensors have none)", () => {
    expect(named.length).toBeGreaterThan(30);
    for (const c of named) {
      const [prefix, name] = c.key.split('.');
      const x = torch.ones(c.shape);
      const f = prefix === 'torch' ? () => (torch as unknown as Record<string, (...a: unknown[]) => unknown>)[name](x, ...c.args)
        : () => (x as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...c.args);
      expect(error(f), `${c.key}(${JSON.stringify(c.args)}) of shape [${c.shape}]`).toBe(`Error: ${c.message}`);
    }
  });

  it('ints, tuples of ints and their other forms still pass', () => {
    const x = torch.arange(6).reshape(2, 3);
    expect(x.tril(-1).tolist()).toEqual([[0, 0, 0], [3, 0, 0]]);
    expect(torch.tril(x, 0).tolist()).toEqual([[0, 0, 0], [3, 4, 0]]);
    expect(x.flip(0).tolist()).toEqual([[3, 4, 5], [0, 1, 2]]);
    expect(x.flip(0, 1).tolist()).toEqual([[5, 4, 3], [2, 1, 0]]);
    expect(torch.flip(x, [1]).tolist()).toEqual([[2, 1, 0], [5, 4, 3]]);
    expect(x.repeat(2, 1).shape).toEqual([4, 3]);
    expect(x.repeat([1, 2]).shape).toEqual([2, 6]);
    expect(x.tile(2).shape).toEqual([2, 6]);
    expect(torch.roll(x, 1, null).tolist()).toEqual([[5, 0, 1], [2, 3, 4]]);
    expect(x.roll(1, 1).tolist()).toEqual([[2, 0, 1], [5, 3, 4]]);
    expect(x.reshape(x.shape).shape).toEqual([2, 3]);
    expect(x.unsqueeze(-1).shape).toEqual([2, 3, 1]);
    expect(torch.topk(x.float(), 1).values.tolist()).toEqual([[2], [5]]);
  });
});
