// Shared by test/linalg.test.ts and test/linalg2.test.ts: runs the cases of a fixture written by
// scripts/gen-linalg*.py (scripts/pyfixture.py's LinalgFixture). Each case runs its JavaScript expression on
// the fixture's inputs and compares every output, the grad_fn names and the gradients of sum(out_i * w_i)
// with PyTorch's; eigenvectors and singular vectors are aligned to PyTorch's signs first (they are defined
// up to sign). Each error case compares the message (of the call, or of backward).
import { expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';

export interface Enc { dtype: 'float32' | 'int64' | 'bool'; shape: number[]; data: (number | string | boolean)[] }
export interface Case {
  id: string; js: string; inputs: Record<string, Enc>; requires_grad: string[]; outs: Enc[];
  signs?: Record<string, 'col' | 'row'>; tol?: number; gtol?: number; grad_fn?: (string | null)[];
  diff?: number[]; weights?: Enc[]; grads?: (Enc | null)[];
}
export interface ErrorCase { id: string; js: string; inputs: Record<string, Enc>; backward: boolean; message: string }

export const num = (v: number | string | boolean) => (typeof v === 'string' ? Number(v.replace('inf', 'Infinity')) : Number(v));
export const decode = (e: Enc): Tensor => torch.tensor(e.data.map(num), { dtype: e.dtype }).reshape(e.shape);

/** got's values with each column ('col') or row ('row') of each matrix flipped to point along want's. */
function aligned(got: number[], want: number[], shape: number[], how: 'col' | 'row'): number[] {
  const out = got.slice();
  const [r, c] = shape.slice(-2);
  const mats = out.length / (r * c || 1);
  for (let b = 0; b < mats; b++) {
    const at = (i: number, j: number) => b * r * c + i * c + j;
    for (let v = 0; v < (how === 'col' ? c : r); v++) {
      let dot = 0;
      for (let e = 0; e < (how === 'col' ? r : c); e++) {
        const p = how === 'col' ? at(e, v) : at(v, e);
        dot += out[p] * want[p];
      }
      if (dot < 0) for (let e = 0; e < (how === 'col' ? r : c); e++) out[how === 'col' ? at(e, v) : at(v, e)] *= -1;
    }
  }
  return out;
}

export function expectClose(what: string, got: Tensor | null | undefined, want: Enc, tol: number, signs?: 'col' | 'row'): void {
  expect(got, what).toBeInstanceOf(torch.Tensor);
  const t = got!;
  expect([...t.shape], `${what} shape`).toEqual(want.shape);
  expect(t.dtype.name, `${what} dtype`).toBe(want.dtype);
  const w = want.data.map(num);
  let g = Array.from(t.detach().dataSync());
  if (signs) g = aligned(g, w, want.shape, signs);
  w.forEach((x, i) => {
    if (Number.isNaN(x)) expect(g[i], `${what}[${i}]`).toBeNaN();
    else if (!Number.isFinite(x) || want.dtype !== 'float32') expect(g[i], `${what}[${i}]`).toBe(x);
    else expect(Math.abs(g[i] - x), `${what}[${i}]: ${g[i]} vs ${x}`).toBeLessThanOrEqual(tol * (1 + Math.abs(x)));
  });
}

/** Runs `js` with the named inputs in scope. */
export function run(js: string, inputs: Record<string, Tensor>): unknown {
  const names = Object.keys(inputs);
  return new Function('torch', ...names, `return (${js});`)(torch, ...names.map((k) => inputs[k]));
}

export const outputs = (r: unknown): Tensor[] => (r instanceof torch.Tensor ? [r] : [...(r as Iterable<unknown>)].flatMap(outputs));

/** One `it` per case: outputs, grad_fn names and gradients against PyTorch's (tolerances relative to 1 + |x|). */
export function itCases(cases: readonly Case[], tol = 2e-5, gtol = 2e-4): void {
  for (const c of cases) {
    it(c.id, () => {
      const inputs: Record<string, Tensor> = {};
      for (const [k, e] of Object.entries(c.inputs)) inputs[k] = decode(e).requires_grad_(c.requires_grad.includes(k));
      const outs = outputs(run(c.js, inputs));
      expect(outs.length, 'number of outputs').toBe(c.outs.length);
      outs.forEach((o, i) => expectClose(`${c.id} out ${i}`, o, c.outs[i], c.tol ?? tol, c.signs?.[String(i)]));
      if (c.grad_fn) expect(outs.map((o) => o.grad_fn?.name() ?? null), 'grad_fn').toEqual(c.grad_fn);
      if (!c.diff) return;
      const loss = c.diff.map((i, k) => outs[i].mul(decode(c.weights![k])).sum()).reduce((a, b) => a.add(b));
      const grads = torch.autograd.grad(loss, c.requires_grad.map((k) => inputs[k]), { allow_unused: true });
      grads.forEach((g, k) => {
        const want = c.grads![k];
        if (want === null) expect(g === null || g.abs().sum().item() === 0, `${c.id} grad ${k} unused`).toBe(true);
        else expectClose(`${c.id} grad ${c.requires_grad[k]}`, g, want, c.gtol ?? gtol);
      });
    });
  }
}

/** One `it` per error case: the call (or backward of the sum of its outputs) throws PyTorch's message. */
export function itErrors(errors: readonly ErrorCase[]): void {
  for (const e of errors) {
    it(e.id, () => {
      const inputs: Record<string, Tensor> = {};
      for (const [k, v] of Object.entries(e.inputs)) inputs[k] = decode(v).requires_grad_(e.backward && v.dtype === 'float32');
      if (!e.backward) {
        expect(() => run(e.js, inputs)).toThrow(e.message);
        return;
      }
      const outs = outputs(run(e.js, inputs)).filter((o) => o.requires_grad);
      expect(() => outs.map((o) => o.sum()).reduce((a, b) => a.add(b)).backward()).toThrow(e.message);
    });
  }
}

/** Central differences of sum(f(x)·w) in float32 against autograd, on well-conditioned inputs. */
export function gradcheck(name: string, f: (x: Tensor) => Tensor, x0: Tensor, h = 1e-2, tol = 2e-2): void {
  it(name, () => {
    torch.manual_seed(11);
    const x = x0.clone().requires_grad_(true);
    const y = f(x);
    const w = torch.randn(...y.shape);
    const [g] = torch.autograd.grad(y.mul(w).sum(), x);
    const flat = x0.reshape([-1]);
    const n = flat.shape[0];
    const fd: number[] = [];
    for (let i = 0; i < n; i++) {
      const e = torch.zeros(n);
      e.index_put_([torch.tensor([i])], h);
      const plus = Number(f(flat.add(e).reshape(x0.shape)).mul(w).sum().item());
      const minus = Number(f(flat.sub(e).reshape(x0.shape)).mul(w).sum().item());
      fd.push((plus - minus) / (2 * h));
    }
    const got = Array.from(g!.dataSync());
    const scale = Math.max(1, ...fd.map(Math.abs));
    got.forEach((v, i) => expect(Math.abs(v - fd[i]), `${name}[${i}]: ${v} vs ${fd[i]}`).toBeLessThan(tol * scale));
  });
}
