// What the tutorial-style suites share (test/tutorials.test.ts and the others that compare a program's printouts
// with what PyTorch 1.13 printed for the same program, written by a scripts/gen-*.py through
// scripts/tutorial_harness.py): the records a program makes, Python's str() of JS values, and the comparison.
//   'p' records (printouts before any training step, module and error texts) must be identical;
//   'n' records (printouts after training steps) must have the same text around the numbers, and each
//       number within 1e-4 relative (1e-4 absolute below 1) plus 1.5 units of its last printed digit:
//       float32 sums taken in another order drift by a few ulps per step;
//   'e' records must have PyTorch's message exactly; the type is PyTorch's where JavaScript has it
//       (TypeError), and RuntimeError/IndexError/ValueError are Error or its RangeError/TypeError.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture } from './fixture.js';

const { nn } = torch;

export type Rec = ['p' | 'n' | 'e', string];
let out: Rec[] = [];

/** Python's str() of a value print() is given: tensors, sizes, modules print themselves; JS arrays are
 *  Python lists, frozen arrays tuples, plain objects dicts (strings inside containers quoted). */
export function py(v: unknown, inner = false): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return inner ? pystr(v) : v;
  if (typeof v === 'number') return String(v);
  // an array with a toString of its own is a torch.return_types named tuple: it prints itself
  if (Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype && !Object.hasOwn(v, 'toString')) {
    const items = v.map((x) => py(x, true));
    return Object.isFrozen(v) ? `(${items.join(', ')}${items.length === 1 ? ',' : ''})` : `[${items.join(', ')}]`;
  }
  // (a state_dict prints itself, as PyTorch's OrderedDict)
  if (v instanceof torch.Tensor || v instanceof nn.Module || !isPlain(v) || Object.hasOwn(v as object, 'toString')) return String(v);
  return `{${Object.entries(v as object).map(([k, x]) => `${pystr(k)}: ${py(x, true)}`).join(', ')}}`;
}
/** Python's repr() of a string: in single quotes, or double quotes when it holds a single quote and no double one. */
export function pystr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  return q + s.replace(/\\/g, '\\\\').replaceAll(q, `\\${q}`).replace(/\n/g, '\\n') + q;
}
const isPlain = (v: unknown) => typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
/** Python's str() of a float: JS prints 12 for 12.0 (1 and 1.0 are one number in JavaScript). */
export const pyfloat = (x: number | boolean) => (Number.isInteger(x) ? `${x}.0` : String(x));
/** A tuple, as Python prints it. */
export const tuple = (...xs: unknown[]) => Object.freeze(xs);

export function p(...objs: unknown[]): void {
  out.push(['p', objs.map((o) => py(o)).join(' ')]);
}
export function n(...objs: unknown[]): void {
  out.push(['n', objs.map((o) => py(o)).join(' ')]);
}
export function e(f: () => unknown): void {
  try {
    torch.tidy(() => { f(); });
  } catch (ex) {
    out.push(['e', `${(ex as Error).name}: ${(ex as Error).message}`]);   // name: AssertionError is an Error named so
    return;
  }
  out.push(['e', 'no error']);
}
export function program(f: () => void): () => Rec[] {
  return () => {
    out = [];
    torch.manual_seed(0);
    f();
    return out;
  };
}

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

/** One test per program: its records against the fixture's (test/fixtures/<fixtureName>), and one that the
 *  fixture and the programs name the same programs in the same order. */
export function comparePrograms(title: string, fixtureName: string, programs: Record<string, () => Rec[]>): void {
  const fx = fixture(fixtureName);
  describe(title, () => {
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
}
