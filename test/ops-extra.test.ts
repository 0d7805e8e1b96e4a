// Sorting, selection, matrix, shape/indexing, elementwise and creation helpers against PyTorch 1.13:
// test/fixtures/ops-extra.json, written by scripts/gen-ops-extra.py. Each case runs its JavaScript
// expression on the fixture's inputs and compares every output, and the gradients of
// sum(out_i * w_i), with PyTorch's; each error case compares the message.
//
// Where PyTorch leaves the choice among equal values to its selection algorithm (topk, kthvalue:
// nth_element / partial sort), tocha takes them in input order (a stable sort): those cases
// (`ties`) compare the values and check that each index points at an equal value.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture as readFixture } from './fixture.js';

interface Enc { dtype: 'float32' | 'int64' | 'bool'; shape: number[]; data: (number | string | boolean)[] }
interface Case {
  id: string; js: string; inputs: Record<string, Enc>; requires_grad: string[]; outs: Enc[];
  ties: [string, number] | null; grad_fn?: string; diff?: number[]; weights?: Enc[]; grads?: (Enc | null)[];
}
const fixture = readFixture('ops-extra.json') as {
  cases: Case[];
  errors: { id: string; js: string; inputs: Record<string, Enc>; message: string }[];
};

const num = (v: number | string | boolean) => (typeof v === 'string' ? Number(v.replace('inf', 'Infinity')) : Number(v));
const decode = (e: Enc): Tensor => torch.tensor(e.data.map(num), { dtype: e.dtype }).reshape(e.shape);

function expectClose(what: string, got: Tensor | null | undefined, want: Enc, tol = 2e-5): void {
  expect(got, what).toBeInstanceOf(torch.Tensor);
  const t = got!;
  expect([...t.shape], `${what} shape`).toEqual(want.shape);
  expect(t.dtype.name, `${what} dtype`).toBe(want.dtype);
  const g = Array.from(t.dataSync());
  want.data.map(num).forEach((w, i) => {
    if (Number.isNaN(w)) expect(g[i], `${what}[${i}]`).toBeNaN();
    else if (!Number.isFinite(w) || want.dtype !== 'float32') expect(g[i], `${what}[${i}]`).toBe(w);
    else expect(Math.abs(g[i] - w), `${what}[${i}]: ${g[i]} vs ${w}`).toBeLessThanOrEqual(tol * (1 + Math.abs(w)));
  });
}

/** Runs `js` with the named inputs in scope. */
function run(js: string, inputs: Record<string, Tensor>): unknown {
  const names = Object.keys(inputs);
  return new Function('torch', ...names, `return (${js});`)(torch, ...names.map((k) => inputs[k]));
}

const outputs = (r: unknown): Tensor[] => (r instanceof torch.Tensor ? [r] : [...(r as Iterable<unknown>)].flatMap(outputs));

describe('ops-extra against PyTorch 1.13', () => {
  for (const c of fixture.cases) {
    it(c.id, () => {
      const inputs: Record<string, Tensor> = {};
      for (const [k, e] of Object.entries(c.inputs)) inputs[k] = decode(e).requires_grad_(c.requires_grad.includes(k));
      const outs = outputs(run(c.js, inputs));
      expect(outs.length, 'number of outputs').toBe(c.outs.length);
      if (c.ties) {
        // values as PyTorch; indices may pick other equal elements, so check they pick equal values
        const [name, dim] = c.ties;
        expectClose(`${c.id} values`, outs[0], c.outs[0]);
        const idx = outs[1];
        expectClose(`${c.id} indices shape`, torch.zeros(idx.shape), { ...c.outs[1], dtype: 'float32', data: c.outs[1].data.map(() => 0) });
        const picked = torch.gather(inputs[name].detach(), dim, c.outs[1].shape.length ? idx : idx.reshape([1]));
        expect(torch.isclose(picked.reshape(outs[0].shape), outs[0].detach(), { equal_nan: true }).all().item()).toBe(true);
        return;
      }
      outs.forEach((o, i) => expectClose(`${c.id} out ${i}`, o, c.outs[i]));
      if (c.grad_fn) expect(outs[0].grad_fn?.name(), 'grad_fn').toBe(c.grad_fn);
      if (!c.diff) return;
      const loss = c.diff.map((i, k) => outs[i].mul(decode(c.weights![k])).sum()).reduce((a, b) => a.add(b));
      const grads = torch.autograd.grad(loss, c.requires_grad.map((k) => inputs[k]), { allow_unused: true });
      grads.forEach((g, k) => {
        const want = c.grads![k];
        if (want === null) expect(g === null || g.abs().sum().item() === 0, `${c.id} grad ${k} unused`).toBe(true);
        else expectClose(`${c.id} grad ${c.requires_grad[k]}`, g, want, 1e-4);
      });
    });
  }
});

describe('ops-extra errors as PyTorch words them', () => {
  for (const e of fixture.errors) {
    it(e.id, () => {
      const inputs: Record<string, Tensor> = {};
      for (const [k, v] of Object.entries(e.inputs)) inputs[k] = decode(v);
      expect(() => run(e.js, inputs)).toThrow(e.message);
    });
  }
});

describe('ops-extra: tocha-specific behaviour', () => {
  it('sorting is stable, so argsort of ties keeps the input order, and sort of int rows uses exact keys', () => {
    const x = torch.tensor([16777217, 16777216, 16777217, -3]);
    expect(torch.sort(x).indices.tolist()).toEqual([3, 1, 0, 2]);
    expect(torch.argsort(torch.tensor([2, 1, 2, 1]), 0, { descending: true }).tolist()).toEqual([0, 2, 1, 3]);
  });
  it('unique puts NaN last and counts each NaN on its own (PyTorch 1.13 CPU sorts it first with a count of 0)', () => {
    const [u, inv, counts] = torch.unique(torch.tensor([3, NaN, 1, NaN], { dtype: torch.float32 }), { return_inverse: true, return_counts: true }) as Tensor[];
    expect(u.tolist()).toEqual([1, 3, NaN, NaN]);
    expect(inv.tolist()).toEqual([1, 2, 0, 3]);
    expect(counts.tolist()).toEqual([1, 1, 1, 1]);
  });
  it('returns named tuples usable both ways', () => {
    const x = torch.tensor([[1, 5, 2], [7, 0, 3]], { dtype: torch.float32 });
    const [v, i] = torch.topk(x, 2);
    expect(v.tolist()).toEqual([[5, 2], [7, 3]]);
    expect(torch.topk(x, 2).indices.tolist()).toEqual(i.tolist());
    expect(String(torch.sort(x, 0).values)).toBe('tensor([[1., 0., 2.],\n        [7., 5., 3.]])');
    const mm = torch.aminmax(x);
    expect([mm.min.item(), mm.max.item()]).toEqual([0, 7]);
  });
  it('frees no more than it made: sort/topk/unique leave no tensors behind in tidy', () => {
    const before = torch.memory_stats().live_tensors;
    torch.tidy(() => {
      const x = torch.randn(5, 7);
      torch.sort(x, 1);
      torch.topk(x, 3);
      torch.unique(x);
      torch.median(x, 0);
    });
    expect(torch.memory_stats().live_tensors).toBe(before);
  });
});
