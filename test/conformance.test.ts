// Every case of the conformance file (what real PyTorch computes) run against tocha.
// PENDING lists the parts still being built: each pending case must still FAIL (strict), so a
// case that starts to pass has to be taken off the list. The list only ever shrinks.
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { runFile, CasesFile } from '../scripts/conformance.js';
import { fixture } from './fixture.js';

const file = JSON.parse(readFileSync(new URL('../../shared/conformance/torch-cases.json', import.meta.url), 'utf8')) as CasesFile;
const results = runFile(file);

/** Id prefixes (or exact ids) of cases whose feature has not landed yet. */
const PENDING: string[] = [];

const pending = (id: string) => PENDING.some((p) => id === p || id.startsWith(p));

// The same calls on other data (gen.py with seed 2), so nothing can be fitted to one file's numbers.
const heldOut = fixture('torch-cases-seed2.json') as CasesFile;

describe('conformance with PyTorch 1.13 on a second seed', () => {
  const second = runFile(heldOut);
  it('passes every case that passes on the shared file', () => {
    const failing = second.filter((r) => !r.ok && !pending(r.id)).map((r) => `${r.id}: ${r.reason}`);
    expect(failing).toEqual([]);
    expect(second.length).toBe(heldOut.cases.length + heldOut.reprs.length + heldOut.rng.length);
  });
});

describe('conformance with PyTorch 1.13', () => {
  it('ran every case of the file', () => {
    expect(results.length).toBe(file.cases.length + file.reprs.length + file.rng.length);
  });
  for (const r of results) {
    if (pending(r.id)) {
      it(`${r.id} (pending: must still fail)`, () => {
        expect(r.ok, `${r.id} passes now: take it off PENDING in test/conformance.test.ts`).toBe(false);
      });
    } else {
      it(r.id, () => {
        expect(r.reason).toBe('');
        expect(r.ok).toBe(true);
      });
    }
  }
});
