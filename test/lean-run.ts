// test/lean.test.ts runs this in a process of its own: `tsx test/lean-run.ts lean|full|lean+methods` prints, as JSON,
// what test/lean-program.ts prints through that entry, and which Tensor methods the entry had.
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
// a kernel the lean core cut: its guard's message (the default build runs it)
let erfinvCall: string;
try {
  erfinvCall = String(torch.erfinv(torch.tensor([0.5], { dtype: torch.float32 })));
} catch (e) {
  erfinvCall = (e as Error).message;
}
console.log(JSON.stringify({ erfinv: before, erfinvCall, printed: program(torch, F, data) }));
