// Module registry cases d2l.ai's builders' guide relies on, against PyTorch 1.13 (the values and texts below are
// PyTorch's, from /usr/bin/python3):
// - `self._modules[str(idx)] = module` (the book's MySequential) registers children without attributes;
// - `seq[i]` is positional whatever the children's names (`rgnet[0][1]` of add_module('block 1', ...));
// - `print(module.state_dict())` prints an OrderedDict.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';

const { nn } = torch;

class MySequential extends nn.Module {
  constructor(...args: torch.nn.Module[]) {
    super();
    args.forEach((module, idx) => this._modules.set(String(idx), module));  // self._modules[str(idx)] = module
  }
  override forward(X: Tensor): Tensor {
    for (const block of this._modules.values()) X = block!(X);
    return X;
  }
}

describe('the module registry', () => {
  it('keeps children put straight into _modules (before, the next sync dropped them: an empty module)', () => {
    torch.manual_seed(0);
    const net = new MySequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 1));
    expect(String(net)).toBe('MySequential(\n  (0): Linear(in_features=2, out_features=3, bias=True)\n  (1): ReLU()\n' +
      '  (2): Linear(in_features=3, out_features=1, bias=True)\n)');
    expect([...net.named_parameters()].map(([name]) => name)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(String(net(torch.ones(1, 2)))).toBe('tensor([[-0.4966]], grad_fn=<AddmmBackward0>)');
    // a field deleted still leaves the registry
    const m = new nn.Sequential(new nn.ReLU());
    const holder = new MySequential();
    (holder as unknown as { child?: torch.nn.Module }).child = m;
    expect([...holder.named_children()].map(([k]) => k)).toEqual(['child']);
    delete (holder as unknown as { child?: torch.nn.Module }).child;
    expect([...holder.named_children()]).toEqual([]);
  });
  it('indexes a Sequential by position whatever its children are named', () => {
    const s = new nn.Sequential();
    s.add_module('block 0', new nn.ReLU());
    s.add_module('block 1', new nn.Linear(1, 1));
    expect(String(s[1])).toBe('Linear(in_features=1, out_features=1, bias=True)');
    expect(String(s[0])).toBe('ReLU()');
    expect(() => s.get(2)).toThrow('index 2 is out of range');
    expect(Object.keys(s.state_dict())).toEqual(['block 1.weight', 'block 1.bias']);
  });
  it('prints a state_dict as an OrderedDict', () => {
    torch.manual_seed(0);
    expect(String(new nn.Linear(2, 1).state_dict()))
      .toBe("OrderedDict([('weight', tensor([[-0.0053,  0.3793]])), ('bias', tensor([-0.5820]))])");
    expect(String(new nn.ReLU().state_dict())).toBe('OrderedDict()');
  });
});
