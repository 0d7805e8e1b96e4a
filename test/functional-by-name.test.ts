// nn.functional's leading required arguments by name: test/functional-by-name.types.ts holds every such call (checked by
// `npm run typecheck`); this fails when that file is not the one scripts/gen-functional-by-name.ts writes from src/nn/F.ts's
// specs (a function added or changed without its calls), and runs a few of the calls against the same calls by position.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { byNameCalls, fileText } from '../scripts/gen-functional-by-name.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const F = torch.nn.functional;

describe("nn.functional's leading arguments by name", () => {
  it("test/functional-by-name.types.ts is the generator's, from F.ts's specs", () => {
    const f = read('src/nn/F.ts');
    expect(byNameCalls(f).length).toBeGreaterThan(100);
    expect(read('test/functional-by-name.types.ts'), 'run npx tsx scripts/gen-functional-by-name.ts').toBe(fileText(f));
  });

  it('the typed calls give what the calls by position give', () => {
    const x = torch.arange(16, { dtype: torch.float32 }).reshape(1, 1, 4, 4);
    const w = torch.ones(2, 4);
    const same = (a: torch.Tensor, b: torch.Tensor) => expect(a.tolist()).toEqual(b.tolist());
    same(F.pad(x, { pad: [1, 1], mode: 'constant', value: 2 }), F.pad(x, [1, 1], 'constant', 2));
    same(F.max_pool2d(x, { kernel_size: 2, stride: 1 }), F.max_pool2d(x, 2, 1));
    same(F.unfold(x, { kernel_size: 2, stride: 2 }), F.unfold(x, 2, 1, 0, 2));
    same(F.linear(x, { weight: w }), F.linear(x, w));
    same(F.threshold(x, { threshold: 5, value: -1 }), F.threshold(x, 5, -1));
    same(F.lp_pool2d(x, 2, { kernel_size: 2 }), F.lp_pool2d(x, 2, 2));
  });
});
