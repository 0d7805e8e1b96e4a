// Shared by the tests that compare against PyTorch's numbers written by scripts/gen-*.py.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import * as torch from '../src/index.js';

/** A fixture of test/fixtures/, parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
}

/** A float32 tensor of the gen scripts' hex bits (scripts/bits_fixture.py float_hex). */
export function hexFloats(hex: string[]): torch.Tensor {
  return torch.tensor(hex.map((h) => new DataView(Uint32Array.of(parseInt(h, 16)).buffer).getFloat32(0, true)));
}

/** pickedBits with every NaN as 7fc00000, as the fixtures written with one_nan have them (SLEEF's NaNs carry a sign). */
export function pickedBitsOneNan(t: torch.Tensor, at: number[]): string[] {
  return pickedBits(t, at).map((h) => ((parseInt(h, 16) & 0x7fffffff) > 0x7f800000 ? '7fc00000' : h));
}

/** y = f(leaf) and leaf's gradient for g, leaf a copy of x that requires grad (the gen scripts' forward and backward). */
export function yAndGrad(f: (t: torch.Tensor) => torch.Tensor, x: torch.Tensor, g: torch.Tensor): { y: torch.Tensor; grad: torch.Tensor } {
  const leaf = x.clone().requires_grad_();
  const y = f(leaf);
  y.backward(g);
  return { y: y.detach(), grad: leaf.grad! };
}

/** y's and the gradient's picked bits against a fixture's (NaN as one, as the gen scripts write them with one_nan). */
export function expectYGradBits(got: { y: torch.Tensor; grad: torch.Tensor }, want: { y: PickedBits; grad: PickedBits },
  what: string): void {
  expect(pickedBitsOneNan(got.y, want.y.at), `${what}: y`).toEqual(want.y.bits);
  expect(pickedBitsOneNan(got.grad, want.grad.at), `${what}: grad`).toEqual(want.grad.bits);
}

/** y = f(view(leaf)) and the leaf's gradient for ones, leaf a copy of x that requires grad (the gen scripts' strided and
 *  transposed cases). */
export function viewYAndGrad(f: (t: torch.Tensor) => torch.Tensor, x: torch.Tensor, view: (t: torch.Tensor) => torch.Tensor):
  { y: torch.Tensor; grad: torch.Tensor } {
  const leaf = x.clone().requires_grad_();
  const y = f(view(leaf));
  y.backward(torch.ones_like(y));
  return { y: y.detach(), grad: leaf.grad! };
}

/** The gen scripts' strided view of a [rows, width] tensor: every step-th column. */
export const everyStep = (rows: number, width: number, step: number) => (t: torch.Tensor): torch.Tensor =>
  t.as_strided([rows, width / step], [width, step]);

/** A gen script's edge case: each op over the edge floats (`edges`, against the gradient linspace(-2, 2)) and over their
 *  first 9 (`tail`: a partial vector), by `run(op, x, g)`. */
export function expectEdgeBits(c: { edges?: string[]; ops?: Record<string, { y: PickedBits; grad: PickedBits }>;
  tail?: Record<string, { y: PickedBits; grad: PickedBits }> }, run: (op: string, x: torch.Tensor, g: torch.Tensor) =>
  { y: torch.Tensor; grad: torch.Tensor }): void {
  torch.tidy(() => {
    const x = hexFloats(c.edges!);
    const g = torch.linspace(-2, 2, x.numel());
    for (const [op, want] of Object.entries(c.ops!)) expectYGradBits(run(op, x, g), want, op);
    for (const [op, want] of Object.entries(c.tail!)) expectYGradBits(run(op, x.narrow(0, 0, 9), g.narrow(0, 0, 9)), want, `${op} (tail)`);
  });
}

/** A gen script's seeded row of n floats: x = randn(n) * 3 under `seed`, the gradient randn(n) under seed + 1000. */
export function seededRow(seed: number, n: number): [torch.Tensor, torch.Tensor] {
  torch.manual_seed(seed);
  const x = torch.randn(n).mul(3);
  torch.manual_seed(seed + 1000);
  return [x, torch.randn(n)];
}

/** Nested arrays (or a tensor) as one flat list of numbers; the strings 'Infinity', '-Infinity' and
 *  'NaN' (how the gen scripts write what JSON cannot) become numbers. */
export function flat(v: unknown): number[] {
  if (v instanceof torch.Tensor) return flat(v.tolist());
  return Array.isArray(v) ? v.flatMap(flat) : [Number(v)];
}

/**
 * Expects `got` (a tensor, a number, nested arrays, or records of them) to equal PyTorch's `want`
 * within `digits` decimal digits, element by element; NaN and infinities must match exactly.
 */
export function expectClose(got: unknown, want: unknown, digits = 5): void {
  if (want === null) return void expect(got).toBeNull();
  if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
    expect(Object.keys(got as object).sort()).toEqual(Object.keys(want).sort());
    for (const [k, w] of Object.entries(want)) expectClose((got as Record<string, unknown>)[k], w, digits);
    return;
  }
  const g = flat(got);
  const w = flat(want);
  expect(g.length).toBe(w.length);
  g.forEach((x, i) => {
    if (Number.isNaN(w[i])) expect(x).toBeNaN();
    else if (!Number.isFinite(w[i])) expect(x).toBe(w[i]);
    else expect(x).toBeCloseTo(w[i], digits);
  });
}

/** Results a gen script picked for a bit-for-bit check: their indices in the flattened tensor, float32 bits in hex. */
export interface PickedBits { at: number[]; bits: string[] }

/** The float32 bits (hex) of t's flattened values at `at`, to compare with a PickedBits' `bits`. */
export function pickedBits(t: torch.Tensor, at: number[]): string[] {
  const v = t.flatten().tolist() as number[];
  const b = new DataView(new ArrayBuffer(4));
  return at.map((i) => {
    b.setFloat32(0, v[i]);
    return b.getUint32(0).toString(16).padStart(8, '0');
  });
}

/** A tensor as the gen scripts write it: dtype, shape and flat data ('inf', '-inf', 'nan' as strings). */
export interface EncTensor { dtype: 'float32' | 'int64' | 'bool'; shape: number[]; data: (number | string | boolean)[] }

/** One encoded value as a number (booleans as 0/1, the strings for infinities and NaN). */
export function num(v: number | string | boolean): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'string' ? Number(v.replace('inf', 'Infinity').replace('nan', 'NaN')) : v;
}

/** The tensor an EncTensor describes. */
export function decode(e: EncTensor): torch.Tensor {
  if (e.dtype === 'bool') return torch.tensor(e.data.map(num), { dtype: torch.int64 }).reshape(e.shape).bool();
  return torch.tensor(e.data.map(num), { dtype: e.dtype }).reshape(e.shape);
}

/**
 * Expects `got` to be a tensor of PyTorch's shape and dtype whose values are within tol·(1 + |want|) of
 * PyTorch's, element by element; NaN and infinities must match exactly (a NaN where PyTorch has a
 * number fails). Float32 expectations are rounded to float32 first (the JSON keeps 9 digits).
 */
export function expectTensor(what: string, got: torch.Tensor | null | undefined, want: EncTensor, tol = 1e-5,
  opts: { dtype?: boolean } = {}): void {
  expect(got, what).toBeInstanceOf(torch.Tensor);
  const t = got!;
  expect([...t.shape], `${what} shape`).toEqual(want.shape);
  if (opts.dtype ?? true) expect(t.dtype.name, `${what} dtype`).toBe(want.dtype);
  const a = (t.dtype.name === 'bool' ? t.long() : t).reshape([-1]).tolist() as number[];
  want.data.forEach((w, i) => {
    const y = want.dtype === 'float32' ? Math.fround(num(w)) : num(w);
    if (!(Math.abs(a[i] - y) <= tol * (1 + Math.abs(y)))) expect(a[i], `${what}[${i}]`).toBe(y);
  });
}

/** The message f throws, or '(no error)'. */
export function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '(no error)';
}

/** A double-backward case: the tensors a gen script wrote for a create_graph check of `fn`. */
export interface DoubleBackwardCase {
  input: EncTensor; weight: EncTensor; bias: EncTensor | null; g: EncTensor; h1: EncTensor; h2: EncTensor;
  gx: EncTensor; gw: EncTensor; ggx: EncTensor; ggw: EncTensor;
}

/**
 * y = fn(x, w, b); (gx, gw) = d⟨y, g⟩/d(x, w) with create_graph, then d(⟨gx, h1⟩ + ⟨gw, h2⟩)/d(x, w):
 * both against PyTorch's values.
 */
export function expectDoubleBackward(fn: (x: torch.Tensor, w: torch.Tensor, b: torch.Tensor | null) => torch.Tensor,
  c: DoubleBackwardCase): void {
  const x = decode(c.input).requires_grad_();
  const w = decode(c.weight).requires_grad_();
  const y = fn(x, w, c.bias ? decode(c.bias) : null);
  const [gx, gw] = torch.autograd.grad([y.mul(decode(c.g)).sum()], [x, w], { create_graph: true });
  expectTensor('grad x', gx, c.gx);
  expectTensor('grad w', gw, c.gw);
  gx!.mul(decode(c.h1)).sum().add(gw!.mul(decode(c.h2)).sum()).backward();
  expectTensor('d/dx', x.grad, c.ggx, 1e-4);
  expectTensor('d/dw', w.grad, c.ggw, 1e-4);
}
