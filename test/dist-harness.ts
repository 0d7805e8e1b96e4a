// Shared by the torch.distributions tests: building a distribution (or transform) from a gen script's
// spec, and comparing what a call gives with what PyTorch gave (a tensor, a string or PyTorch's error).
import { expect } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { type EncTensor, num, decode, expectTensor } from './fixture.js';

const D = torch.distributions;
type Dist = torch.distributions.Distribution;

export type Arg = number | null | boolean | Arg[] | { t: EncTensor; grad: boolean } | { dist: Spec } | { transform: Spec; inv?: boolean };
export interface Spec { cls: string; args?: Arg[]; kwargs?: Record<string, Arg> }
export interface PyError { type: string; message: string }
export type Attempt = { value: EncTensor | string | number | boolean | number[] } | { error: PyError };

/** Bit-for-bit equality (float32 values compared as the numbers they are). */
export function expectEqual(what: string, got: Tensor, want: EncTensor): void {
  expect([...got.shape], `${what} shape`).toEqual(want.shape);
  expect(got.dtype.name, `${what} dtype`).toBe(want.dtype);
  expect(got.reshape([-1]).tolist(), what).toEqual(want.data.map((v) => (want.dtype === 'float32' ? Math.fround(num(v)) : num(v))));
}

/** A repr with numbers in it: the same text, the numbers within float32 rounding. */
export function expectRepr(what: string, got: string, want: string): void {
  if (got === want) return;
  const re = /-?\d+\.\d+(?:e[-+]?\d+)?/g;
  expect(got.replace(re, '#'), what).toBe(want.replace(re, '#'));
  const a = got.match(re)!.map(Number);
  want.match(re)!.map(Number).forEach((w, i) => {
    if (Math.abs(a[i] - w) > 1e-6 * Math.abs(w)) expect(got, what).toBe(want);
  });
}

/** PyTorch's exception classes as tocha throws them: ValueError is a RangeError. */
export function expectPyError(what: string, f: () => unknown, want: PyError): void {
  let err: unknown = null;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err, `${what}: no error`).toBeInstanceOf(Error);
  const e = err as Error;
  expect(e.message, what).toBe(want.message);
  const cls = { ValueError: RangeError, TypeError, NotImplementedError: D.NotImplementedError, RuntimeError: Error }[want.type];
  expect(cls, `${what}: ${want.type}`).toBeDefined();
  expect(e, `${what}: ${want.type}`).toBeInstanceOf(cls!);
}

/** Builds a distribution or transform from a spec: positional args, then the keywords as the options object. */
export function build<T = Dist>(spec: Spec, params: Tensor[] = []): T {
  const arg = (v: Arg): unknown => {
    if (Array.isArray(v)) return v.map(arg);
    if (v !== null && typeof v === 'object' && 't' in v) {
      const t = decode(v.t);
      if (v.grad) params.push(t.requires_grad_());
      return t;
    }
    if (v !== null && typeof v === 'object' && 'dist' in v) return build(v.dist, params);
    if (v !== null && typeof v === 'object' && 'transform' in v) {
      const t = build<torch.distributions.Transform>(v.transform, params);
      return v.inv ? t.inv : t;
    }
    return v;
  };
  const args = (spec.args ?? []).map(arg);
  if (spec.kwargs) args.push(Object.fromEntries(Object.entries(spec.kwargs).map(([k, v]) => [k, arg(v)])));
  const Cls = (D as unknown as Record<string, new (...a: unknown[]) => T>)[spec.cls];
  expect(Cls, `torch.distributions.${spec.cls}`).toBeDefined();
  return new Cls(...args);
}

/** Compares what a call gives with what PyTorch gave: a tensor, a string or number, or PyTorch's error. */
export function expectAttempt(what: string, f: () => unknown, want: Attempt | undefined, tol = 1e-5): void {
  if (!want) return;
  if ('error' in want) {
    expectPyError(what, f, want.error);
    return;
  }
  const got = f();
  if (typeof want.value !== 'object') expect(got, what).toBe(want.value);
  else if (Array.isArray(want.value)) expect(got, what).toEqual(want.value);
  else expectTensor(what, got as Tensor, want.value, tol);
}
