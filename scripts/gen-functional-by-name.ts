// test/functional-by-name.types.ts: every nn.functional call with its leading required arguments by name, as src/nn/F.ts's
// wrapper takes them (F.pad(x, { pad: [1, 1] })), for `npm run typecheck` to fail on a type that refuses one, and a few
// calls the types must refuse. test/functional-by-name.test.ts fails when the file is not what this script writes.
//   npx tsx scripts/gen-functional-by-name.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The functions whose own binding takes their leading arguments by name (src/tensor-args.ts OWN_BINDING), with the
 *  count of required ones (their specs give several signatures). */
const OWN: Record<string, number> = {
  conv1d: 2, conv2d: 2, conv3d: 2, conv_transpose1d: 2, conv_transpose2d: 2, conv_transpose3d: 2, avg_pool1d: 2,
  avg_pool2d: 2, avg_pool3d: 2, cosine_similarity: 2, pairwise_distance: 2,
};

/** The calls, from F.ts's specs: for each k from 1 to the required count - 1, k arguments by position and the other
 *  required ones by name. */
export function byNameCalls(fSource: string): string[] {
  const calls: string[] = [];
  for (const [, name, spec] of fSource.matchAll(/fn\('(\w+)',\s*[\w.]+,\s*'([^']*)'(?:,\s*P\.\w+)?\)/g)) {
    const toks = spec.split(' ');
    const names = toks.filter((t) => t && !'#@='.includes(t[0]));
    let required = OWN[name] ?? 0;
    for (const t of toks) {
      const m = /^#(\d+)-\d+/.exec(t) ?? /^@(\d+)/.exec(t);
      if (m && !OWN[name]) required = Number(m[1]);
    }
    for (let k = 1; k < required; k++) {
      const named = names.slice(k, required).map((n) => `${n}: a`).join(', ');
      calls.push(`F.${name}(${[...Array(k).fill('a'), `{ ${named} }`].join(', ')});`);
    }
  }
  return calls;
}

const HEADER = `// Written by scripts/gen-functional-by-name.ts: checked by \`npm run typecheck\` (tsc), never run.
// Every nn.functional call with its leading required arguments by name, as the wrapper takes them at run time; then
// calls the types must refuse (a by-name form is not a looser positional one).
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';

const F = torch.nn.functional;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const a: any;
declare const x: Tensor;
declare const w: Tensor;
`;

const CHECKS = `
// the values' types are the positional parameters', and the result's type the function's
export const y: Tensor = F.pad(x, { pad: [1, 1], mode: 'constant', value: 0 });
export const z: Tensor = F.max_pool2d(x, { kernel_size: 2, stride: 1 });
F.linear(x, { weight: w, bias: null });
F.unfold(x, { kernel_size: 2, stride: 2 });
// @ts-expect-error a required argument missing
F.pad(x, {});
// @ts-expect-error pad must be a list of numbers
F.pad(x, { pad: 'a' });
// @ts-expect-error an unknown name
F.pad(x, { pad: [1, 1], foo: 1 });
// @ts-expect-error weight must be a Tensor
F.linear(x, { weight: 1 });
// @ts-expect-error F.linear needs its weight
F.linear(x);
// @ts-expect-error the positional form is as strict as before
F.pad(x, 'a');
// @ts-expect-error weight given twice
F.linear(x, w, { weight: w });
// @ts-expect-error kernel_size must be a number or a pair
F.unfold(x, { kernel_size: 'a' });
// @ts-expect-error target must be a Tensor
F.gaussian_nll_loss(x, { target: 1, var: x });
`;

export function fileText(fSource: string): string {
  return `${HEADER}\n${byNameCalls(fSource).join('\n')}\n${CHECKS}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = new URL('..', import.meta.url);
  const text = fileText(readFileSync(new URL('src/nn/F.ts', root), 'utf8'));
  writeFileSync(new URL('test/functional-by-name.types.ts', root), text);
  console.log(text.split('\n').filter((l) => l.startsWith('F.')).length, 'calls');
}
