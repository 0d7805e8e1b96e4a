// torch.* functions bind a keyword to its parameter's place, as PyTorch's parser does: torch.gt(x, { other: 1 }) is
// torch.gt(x, 1), torch.tril(x, { diagonal: 1 }) is torch.tril(x, 1), for every signature PyTorch has (torch.max(x,
// { other: y }) and torch.max(x, { dim: 1 }); torch.where(c, { input: a, other: b })). Against PyTorch 1.13
// (test/fixtures/leading-kwargs.json, written by scripts/gen-leading-kwargs.py): each call by name against PyTorch's
// values and against tocha's same call by position; an argument given both ways, or of the wrong type by name, is
// PyTorch's TypeError.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as torch from '../src/index.js';
import { fixture, messageOf } from './fixture.js';

type Arg = number | boolean | string | null | number[] | { t: unknown; dtype: string };
type Enc = { dtype: string; shape: number[]; data: (number | boolean | string)[] };
type Case = { fn: string; args: Arg[]; kw: Record<string, Arg>; result: Enc | Enc[] | number | boolean | null; same: boolean };
type Err = { fn: string; args: Arg[]; kw: Record<string, Arg>; error: string };
type Loss = { fn: string; args: Arg[]; kw: Record<string, Arg>; result?: Enc; error?: string };
const { signatures, cases, doubled, wrong, losses } = fixture('leading-kwargs.json') as {
  signatures: Record<string, [string[], string[], number][] | null>; cases: Case[]; doubled: Err[]; wrong: Err[]; losses: Loss[];
};
const T = torch as unknown as Record<string, (...a: unknown[]) => unknown>;

const arg = (v: Arg): unknown => (v !== null && typeof v === 'object' && !Array.isArray(v)
  ? torch.tensor(v.t as number[], { dtype: (torch as unknown as Record<string, torch.DType>)[v.dtype] }) : v);
const kwOf = (kw: Record<string, Arg>) => Object.fromEntries(Object.entries(kw).map(([k, v]) => [k, arg(v)]));

/** A result as the fixture writes it (scripts/pyfixture.py enc). */
const enc = (r: unknown): unknown => {
  if (r instanceof torch.Tensor) {
    const data = (r.flatten().tolist() as (number | boolean)[])
      .map((x) => (typeof x === 'number' && !Number.isFinite(x) ? (Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf') : x));
    return { dtype: r.dtype.name, shape: [...r.shape], data };
  }
  if (r !== null && typeof r === 'object' && Symbol.iterator in r) return [...r as Iterable<unknown>].map(enc);
  return r;
};
/** Whether two encoded results agree: dtype, shape and values to float32's last bits. */
const close = (p: unknown, q: unknown): boolean => {
  if (Array.isArray(p) && Array.isArray(q)) return p.length === q.length && p.every((e, i) => close(e, q[i]));
  if (p !== null && typeof p === 'object' && q !== null && typeof q === 'object') {
    const [a, b] = [p as Enc, q as Enc];
    return a.dtype === b.dtype && JSON.stringify(a.shape) === JSON.stringify(b.shape) && a.data.length === b.data.length &&
      a.data.every((v, i) => (typeof v === 'number' && typeof b.data[i] === 'number'
        ? Math.abs(v - (b.data[i] as number)) <= 1e-5 * Math.max(1, Math.abs(v)) : v === b.data[i]));
  }
  return typeof p === 'number' && typeof q === 'number' ? Math.abs(p - q) <= 1e-5 * Math.max(1, Math.abs(p)) : p === q;
};
const title = (c: { fn: string; args: Arg[]; kw: Record<string, Arg> }) =>
  `${c.fn}(${c.args.length} by position, ${Object.keys(c.kw).join(', ')} by name)`;

/** Decompositions whose vectors' signs are LAPACK's choice in PyTorch (tocha's own are checked in test/linalg*). */
const OWN_SIGNS = new Set(['svd', 'symeig']);

describe('a torch.* function takes its leading arguments by name, in their places', () => {
  it('the sweep: each call by name is the same call as by position, and gives PyTorch\'s values', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const differ: string[] = [];
    let checked = 0;
    for (const c of cases) {
      const f = T[c.fn];
      if (typeof f !== 'function') continue;
      const all = [...c.args, ...Object.values(c.kw)];
      let byPosition: unknown;
      try {
        byPosition = enc(f(...all.map(arg)));
      } catch {
        continue;   // tocha does not take this call by position either
      }
      let byName: unknown;
      try {
        byName = enc(f(...c.args.map(arg), kwOf(c.kw)));
      } catch (e) {
        byName = `${(e as Error).message}`;
      }
      checked++;
      // the same call as by position where PyTorch's is, and PyTorch's values (but the signs LAPACK picks)
      const sameCall = !c.same || JSON.stringify(byName) === JSON.stringify(byPosition);
      if (!sameCall || !(close(byName, c.result) || OWN_SIGNS.has(c.fn))) differ.push(title(c));
    }
    expect(checked).toBeGreaterThan(300);
    expect(differ).toEqual([]);
  });
});

describe("the loss builtins bind by ATen's schema, not by nn.functional's legacy stub", () => {
  // (torch.binary_cross_entropy_with_logits(x, y, { reduction: 2 }) said "got multiple values": its spec followed the
  // stub's order, weight, reduction, pos_weight)
  it.each(losses.map((c) => [`${title(c)}${c.error ? ': error' : ''}`, c]))('%s', (_, c) => {
    const l = c as Loss;
    const call = () => T[l.fn](...l.args.map(arg), ...(Object.keys(l.kw).length ? [kwOf(l.kw)] : []));
    if (l.error) expect(`TypeError: ${messageOf(call).split('\n')[0]}`).toBe(l.error);
    else expect(close(enc(call()), l.result), JSON.stringify(enc(call()))).toBe(true);
  });
});

describe("an argument by name that PyTorch refuses is PyTorch's TypeError", () => {
  const words = (c: Err) => messageOf(() => T[c.fn](...c.args.map(arg), kwOf(c.kw))).split('\n')[0];
  it.each(doubled.map((c) => [title(c), c]))('given both ways: %s', (_, c) => {
    expect(`TypeError: ${words(c as Err)}`).toBe((c as Err).error);
  });
  it.each(wrong.map((c) => [title(c), c]))('of the wrong type by name, without a position: %s', (_, c) => {
    expect(`TypeError: ${words(c as Err)}`).toBe((c as Err).error);
  });

  it('several signatures: every one PyTorch lists, a name of each bound to its place', () => {
    const x = torch.tensor([[0.5, -1.0, 2.0], [3.0, 0.25, -2.0]]);
    expect(torch.max(x, { dim: 1, keepdim: true }).values.tolist()).toEqual([[2], [3]]);
    expect((T.max(x, { other: x.flip(0) }) as torch.Tensor).tolist()).toEqual([[3, 0.25, 2], [3, 0.25, 2]]);
    expect((T.std(x, 1, { unbiased: false }) as torch.Tensor).tolist()).toEqual(torch.std(x, 1, false).tolist());
    expect((T.where(x.gt(0), { input: x, other: torch.tensor(0) }) as torch.Tensor).tolist()).toEqual([[0.5, 0, 2], [3, 0.25, 0]]);
    // out by name where PyTorch's signature takes it by position too (norm, tensordot): it stays out=
    const y = torch.empty(0);
    expect(T.norm(x, 2, 1, false, { out: y })).toBe(y);
    expect(y.tolist()).toEqual(torch.norm(x, 2, 1).tolist());
    // the whole of PyTorch's first line, then the signatures' names (PyTorch gives their types too)
    expect(messageOf(() => T.gt(x, 1, { other: 1 }))).toBe('gt() received an invalid combination of arguments - got (Tensor, int, ' +
      'other=int), but expected one of:\n * (input, other, *, out)\n * (input, other, *, out)\n');
  });

  it('the fixture\'s signatures are those the specs in src/torch.ts give (every function with several, and those with out by position)', () => {
    const src = readFileSync(new URL('../src/torch.ts', import.meta.url), 'utf8');
    let checked = 0;
    for (const [, name, spec] of src.matchAll(/(?:torchFirst|torchLaterArgs|torchKw)\('(\w+)', api\.\w+,\s*'([^']*)'/g)) {
      const sigs = signatures[name];
      const count = /#(\d+)(-\d+)?/.exec(spec);
      if (!sigs || !count || (count[2] && !sigs.some(([pos]) => pos.includes('out')))) continue;
      const tokens = spec.split(' ').filter((t) => t.startsWith('('));
      expect(tokens, name).toEqual(sigs.map(([pos, kw, fewest]) => `(${pos.join(',')}${kw.length ? `;${kw.join(',')}` : ''})${fewest}`));
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });
});
