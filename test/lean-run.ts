// test/lean.test.ts runs this in a process of its own: `tsx test/lean-run.ts lean|full|lean+methods` prints, as JSON,
// what test/lean-program.ts prints through that entry (the lean entry with the parts its CNN needs), which Tensor
// methods the entry had, and what calls of kernels the lean core lacks give before and after their part is imported.
import type * as Torch from '../src/lean.js';
import type * as Functional from '../src/nn/F.js';
import type * as Data from '../src/data/index.js';
import { program } from './lean-program.js';

const mode = process.argv[2];
// each entry's modules, its WebAssembly first, as an app imports them
const [torch, F, data] = (mode === 'full'
  ? [await import('../src/index.js'), await import('../src/entries/nn-functional.js'), await import('../src/entries/utils-data.js')]
  : [await import('../src/lean.js'), await import('../src/entries/lean-nn-functional.js'), await import('../src/entries/lean-utils-data.js')]
) as unknown as [typeof Torch, typeof Functional, typeof Data];
const before = typeof (torch.Tensor.prototype as unknown as Record<string, unknown>).erfinv;
if (mode === 'lean+methods') await import('../src/tensor-methods.js');
/** What a call prints, or the message it throws. */
const attempt = (f: () => unknown) => {
  try {
    return String(f());
  } catch (e) {
    return (e as Error).message;
  }
};
const half = () => torch.tensor([0.5], { dtype: torch.float32 });
// a lean app without the parts its CNN needs: the guard's message names the import (the default build runs it)
const geluBare = attempt(() => F.gelu(half()));
// the parts the program's CNN needs, imported as an app imports them
if (mode !== 'full') {
  await import('../src/entries/lean-kernels-math.js');
  await import('../src/entries/lean-kernels-nn.js');
}
const printed = program(torch, F, data);
// a kernel no imported part has: the guard's message; then the part that has it
const erfinvCall = attempt(() => torch.erfinv(half()));
if (mode !== 'full') await import('../src/entries/lean-kernels-all.js');
const erfinvAll = attempt(() => torch.erfinv(half()));
console.log(JSON.stringify({ erfinv: before, geluBare, erfinvCall, erfinvAll, printed }));
