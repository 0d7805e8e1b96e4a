// test/lean.test.ts runs this in a process of its own: `tsx test/lean-run.ts lean|full|lean+methods` prints, as JSON,
// what test/lean-program.ts prints through that entry (the lean entry with the parts its CNN needs), which Tensor
// methods the entry had, and what calls of kernels the lean core lacks give before and after their part is imported
// (pow's among them).
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
// pow: the lean core has x ** 2, 0.5, 3 and -1 (values and gradients) and integer powers; any other exponent, a tensor
// exponent and a number base are the math part's
const pows = (exps: (number | 'tensor' | 'base')[]) => exps.map((e) => attempt(() => {
  const x = torch.tensor([0.5, 2, 3, -1.5], { requires_grad: true });
  const y = e === 'tensor' ? torch.pow(x, torch.tensor([1.5, -0.7, 2, 2])) : e === 'base' ? torch.pow(2.5, x) : x.pow(e);
  y.sum().backward();
  return JSON.stringify([y.tolist(), x.grad!.tolist()]);
}));
const powCore = [...pows([0.5, 3, -1, 2]), attempt(() => torch.arange(6).pow(3)), attempt(() => torch.arange(4).pow(torch.arange(4)))];
const powBare = pows([2.5, 'tensor', 'base']);
// the parts the program's CNN needs, imported as an app imports them
if (mode !== 'full') {
  await import('../src/entries/lean-kernels-math.js');
  await import('../src/entries/lean-kernels-nn.js');
}
const printed = program(torch, F, data);
const powMath = pows([2.5, 'tensor', 'base', -0.5, -2]);
// a kernel no imported part has: the guard's message; then the part that has it
const erfinvCall = attempt(() => torch.erfinv(half()));
if (mode !== 'full') await import('../src/entries/lean-kernels-all.js');
const erfinvAll = attempt(() => torch.erfinv(half()));
console.log(JSON.stringify({ erfinv: before, geluBare, erfinvCall, erfinvAll, printed, powCore, powBare, powMath }));
