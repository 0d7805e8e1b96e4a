// Shared by the tests that compare against PyTorch's numbers written by scripts/gen-*.py.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import * as torch from '../src/index.js';

/** A fixture of test/fixtures/, parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
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
