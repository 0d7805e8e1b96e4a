// A JavaScript array (or any non-tensor) where a function's first argument must be a Tensor gets PyTorch's
// argument error, not an error from inside the op: every public torch.* and nn.functional function for which
// PyTorch 1.13 raises `...(): argument '...' (position 1) must be Tensor, not list` (test/fixtures/tensor-args.json,
// written by scripts/gen-tensor-args.py). Functions tocha lacks are excluded by test/api-gaps.test.ts.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture } from './fixture.js';

const { messages: want, scalar_first: scalarFirst, second, methods } = fixture('tensor-args.json') as {
  messages: Record<string, string>; scalar_first: string[]; second: Record<string, string>; methods: Record<string, string>;
};
const NS: Record<string, Record<string, unknown>> = {
  torch: torch as unknown as Record<string, unknown>,
  F: torch.nn.functional as unknown as Record<string, unknown>,
};

function error(f: () => unknown): [string, string] {
  try {
    f();
  } catch (e) {
    return [(e as Error).constructor.name, (e as Error).message];
  }
  return ['(none)', ''];
}

describe("PyTorch's error for a non-tensor first argument", () => {
  it('every function of the list that tocha has checks its first argument', () => {
    let checked = 0;
    for (const [key, message] of Object.entries(want)) {
      const [ns, name] = key.split('.');
      const f = NS[ns][name];
      if (typeof f !== 'function') continue;
      expect(error(() => (f as (...a: unknown[]) => unknown)([1.0, 2.5])), key).toEqual(['TypeError', message]);
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('an array as the second argument where PyTorch wants a Tensor there too', () => {
    let checked = 0;
    for (const [key, message] of Object.entries(second)) {
      const [ns, name] = key.split('.');
      const f = NS[ns][name];
      if (typeof f !== 'function') continue;
      expect(error(() => (f as (...a: unknown[]) => unknown)(torch.ones(2, 2), [1.0, 2.5])), key).toEqual(['TypeError', message]);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    // a list of tensors with something else in it: PyTorch's parser message
    expect(error(() => torch.cat([torch.ones(2), [1, 2]] as unknown as torch.Tensor[])))
      .toEqual(['TypeError', 'expected Tensor as element 1 in argument 0, but got list']);
    expect(error(() => torch.stack([torch.ones(2), null] as unknown as torch.Tensor[])))
      .toEqual(['TypeError', 'expected Tensor as element 1 in argument 0, but got NoneType']);
    // an optional second tensor may still be null
    expect(torch.bincount(torch.tensor([0, 1, 1]), null, 3).tolist()).toEqual([1, 2, 0]);
  });

  it('Tensor methods refuse an array where PyTorch wants a Tensor (x.add([1, 2]))', () => {
    let checked = 0;
    for (const [name, message] of Object.entries(methods)) {
      const x = torch.ones(2, 2);
      const f = (x as unknown as Record<string, unknown>)[name];
      if (typeof f !== 'function') continue;
      expect(error(() => (f as (...a: unknown[]) => unknown).call(x, [1.0, 2.5])), name).toEqual(['TypeError', message]);
      checked++;
    }
    expect(checked).toBeGreaterThan(80);
    expect(torch.ones(2).add(1).tolist()).toEqual([2, 2]);
  });

  it('lets a number through where PyTorch has an overload taking one first', () => {
    expect(scalarFirst).toEqual(['torch.mul', 'torch.normal']);
    torch.manual_seed(0);
    expect(torch.normal(0.0, torch.ones(3)).shape).toEqual([3]);
    expect(torch.mul(2 as unknown as torch.Tensor, torch.tensor([1, 2])).tolist()).toEqual([2, 4]);
  });

  it('names the value\'s Python type, and reaches modules and methods that call these functions', () => {
    expect(error(() => torch.relu(3 as unknown as torch.Tensor))).toEqual(['TypeError', "relu(): argument 'input' (position 1) must be Tensor, not int"]);
    expect(error(() => torch.sum(undefined as unknown as torch.Tensor))).toEqual(['TypeError', "sum(): argument 'input' (position 1) must be Tensor, not NoneType"]);
    expect(error(() => torch.exp('x' as unknown as torch.Tensor))).toEqual(['TypeError', "exp(): argument 'input' (position 1) must be Tensor, not str"]);
    const net = new torch.nn.Linear(2, 1);
    expect(error(() => net([1, 2] as unknown as torch.Tensor))).toEqual(['TypeError', "linear(): argument 'input' (position 1) must be Tensor, not list"]);
    // nn.functional's Python losses fail with an AttributeError in PyTorch: the message of the ATen loss they call
    expect(error(() => new torch.nn.MSELoss()([1] as unknown as torch.Tensor, torch.ones(1))))
      .toEqual(['TypeError', "mse_loss(): argument 'input' (position 1) must be Tensor, not list"]);
    expect(error(() => new torch.nn.CrossEntropyLoss()([[1, 2]] as unknown as torch.Tensor, torch.tensor([0]))))
      .toEqual(['TypeError', "cross_entropy_loss(): argument 'input' (position 1) must be Tensor, not list"]);
    // tensors still pass straight through
    expect(torch.relu(torch.tensor([-1, 2])).tolist()).toEqual([0, 2]);
    expect(torch.nn.functional.relu(torch.tensor([-1, 2])).tolist()).toEqual([0, 2]);
  });
});
