// PyTorch's beginner tutorials (basics/*, blitz/*, nn_tutorial, examples_autograd, examples_nn and nlp/*) and the
// mistakes beginners make on the way, run in tocha (test/tutorials-programs.ts) and compared with what
// PyTorch 1.13 prints for the same programs and seeds (test/fixtures/tutorials.json, written by
// scripts/gen-tutorials.py).
//   'p' records (printouts before any training step, module and error texts) must be identical;
//   'n' records (printouts after training steps) must have the same text around the numbers, and each
//       number within 1e-4 relative (1e-4 absolute below 1) plus 1.5 units of its last printed digit:
//       float32 sums taken in another order drift by a few ulps per step;
//   'e' records must have PyTorch's message exactly; the type is PyTorch's where JavaScript has it
//       (TypeError), and RuntimeError/IndexError/ValueError are Error or its RangeError/TypeError.
import { describe, expect, it } from 'vitest';
import { programs, type Rec } from './tutorials-programs.js';
import { fixture } from './fixture.js';

const fx = fixture('tutorials.json');
const TYPES: Record<string, string[]> = {
  RuntimeError: ['Error', 'RangeError', 'TypeError'], IndexError: ['RangeError'], ValueError: ['RangeError', 'Error'], TypeError: ['TypeError'],
};
const NUM = /-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/g;

function compare(got: Rec, want: Rec, what: string): void {
  expect(got[0], what).toBe(want[0]);
  if (want[0] === 'p') return void expect(got[1], what).toBe(want[1]);
  if (want[0] === 'e') {
    const [wt, ...wm] = want[1].split(': ');
    const [gt, ...gm] = got[1].split(': ');
    expect(gm.join(': '), what).toBe(wm.join(': '));
    expect(TYPES[wt] ?? [wt], `${what}: ${gt} for ${wt}`).toContain(gt);
    return;
  }
  expect(got[1].replace(NUM, '#'), what).toBe(want[1].replace(NUM, '#'));
  const g = got[1].match(NUM) ?? [];
  const w = want[1].match(NUM) ?? [];
  g.forEach((v, i) => {
    const digits = (w[i].split('.')[1] ?? '').replace(/e.*/, '').length;
    const scale = w[i].includes('e') ? Math.abs(Number(w[i])) : 1;
    const tol = 1e-4 * Math.max(1, Math.abs(Number(w[i]))) + 1.5 * 10 ** -digits * scale;
    expect(Math.abs(Number(v) - Number(w[i])), `${what}: number ${i} (${v} vs ${w[i]})`).toBeLessThanOrEqual(tol);
  });
}

describe('the beginner tutorials print what PyTorch prints', () => {
  it('covers every program of the fixture', () => {
    expect(Object.keys(programs)).toEqual(Object.keys(fx.programs));
  });
  for (const [name, run] of Object.entries(programs)) {
    it(name, () => {
      const got = run();
      const want: Rec[] = fx.programs[name];
      got.forEach((r, i) => { if (want[i]) compare(r, want[i], `${name}[${i}]: ${want[i][1].slice(0, 80)}`); });
      expect(got.length).toBe(want.length);
    }, 120_000);
  }
});
