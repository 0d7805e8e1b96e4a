import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../examples/tutorial.js';

const read = (p: string) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8'));
// What the same cells print in PyTorch 1.13 (made by test/fixtures/gen_tutorial.py).
const expected: string[] = read('./fixtures/tutorial-expected.json').printed;
const reprs = new Map<string, string>(
  (read('../../shared/conformance/torch-cases.json').reprs as { id: string; text: string }[]).map((r) => [r.id, r.text]));

const NUM = /-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/g;

/** Same text around the numbers, and the numbers equal to within a unit of the last printed digit. */
function expectSamePrintout(got: string, want: string, what: string): void {
  expect(got.replace(NUM, '#'), what).toBe(want.replace(NUM, '#'));
  const g = got.match(NUM) ?? [];
  const w = want.match(NUM) ?? [];
  g.forEach((v, i) => expect(Math.abs(Number(v) - Number(w[i])), `${what}: number ${i} (${v} vs ${w[i]})`).toBeLessThanOrEqual(1.5e-4));
}

describe('examples/tutorial.ts', () => {
  const printed = main();

  it('prints as many things as the PyTorch run', () => {
    expect(printed.length).toBe(expected.length);
  });

  it("prints each cell's output as PyTorch does", () => {
    printed.forEach((text, i) => expectSamePrintout(text, expected[i], `print #${i}`));
    // the exact texts where numbers are not involved
    expect(printed[0]).toBe(reprs.get('module/mymlp'));
    expect(printed[3]).toBe(reprs.get('module/net'));
    expect(printed[4]).toBe('4');
    expect(printed[5]).toBe(reprs.get('size'));
    expect(printed[7].replace(NUM, '#')).toBe(reprs.get('tensor/max-dim')!.replace(NUM, '#'));
    expect(printed[10]).toBe('None');
  });

  it('learns the small dataset', () => {
    const acc = Number(printed[printed.length - 1].split(': ')[1]);
    expect(acc).toBeGreaterThan(0.5);
  });
});
