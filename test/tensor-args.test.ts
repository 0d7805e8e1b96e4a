// A JavaScript array (or any non-tensor) where a function's first argument must be a Tensor gets PyTorch's
// argument error, not an error from inside the op: every public torch.* and nn.functional function for which
// PyTorch 1.13 raises `...(): argument '...' (position 1) must be Tensor, not list` (test/fixtures/tensor-args.json,
// written by scripts/gen-tensor-args.py). Functions tocha lacks are excluded by test/api-gaps.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import * as torchParams from '../src/torch-params.js';
import * as fParams from '../src/nn/F-params.js';
import { fixture } from './fixture.js';

const { messages: want, scalar_first: scalarFirst, second, methods, later, combo_first: comboFirst, second_kw: secondKw } =
  fixture('tensor-args.json') as {
    messages: Record<string, string>; scalar_first: string[]; second: Record<string, string>; methods: Record<string, string>;
    later: Record<string, [number, string, string, string | null][]>; combo_first: Record<string, string>;
    second_kw: Record<string, string>;
  };
/** The functions and methods with a dim overload (their `dims`: src/torch-params.ts, src/method-params*.ts), whose words
 *  are PyTorch's own. */
const dimArgs = fixture('dim-args.json') as { torch: Record<string, string>; methods: Record<string, string> };
/** PyTorch's message for a list at a later argument; an invalid combination of arguments is worded as the simple
 *  message for that argument (tocha has one signature per function): with its position when given by position, without
 *  it when given by name (`byName`), as PyTorch's parser words an argument given to a builtin by name. */
function laterMessage(name: string, i: number, key: string, message: string, byName = false): string {
  if (!message.includes('invalid combination')) return message;
  return `${name}(): argument '${key}'${byName ? '' : ` (position ${i + 1})`} must be Tensor, not list`;
}
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

  it("an array as a builtin's second argument by name: PyTorch's message without a position (torch.mm(x, { mat2: [1] }))", () => {
    let checked = 0;
    for (const [key, message] of Object.entries(secondKw)) {
      const [ns, name] = key.split('.');
      const f = NS[ns][name];
      if (typeof f !== 'function') continue;
      const arg = /argument '(\w+)'/.exec(message)![1];
      expect(error(() => (f as (...a: unknown[]) => unknown)(torch.ones(2, 2), { [arg]: [1.0, 2.5] })), key).toEqual(['TypeError', message]);
      checked++;
    }
    expect(checked).toBeGreaterThan(80);
  });

  it("PyTorch's messages for an array given by name, where users write one (PyTorch 1.13's, word for word)", () => {
    const x = torch.zeros(2, 3);
    const y = torch.tensor([0, 1]);
    const F = torch.nn.functional as unknown as Record<string, (...a: unknown[]) => unknown>;
    const T = torch as unknown as Record<string, (...a: unknown[]) => unknown>;
    const M = x as unknown as Record<string, (...a: unknown[]) => unknown>;
    const cases: [() => unknown, string][] = [
      [() => T.add(x, [1]), "add(): argument 'other' (position 2) must be Tensor, not list"],
      [() => T.add(x, { other: [1] }), "add(): argument 'other' must be Tensor, not list"],
      [() => M.add({ other: [1] }), "add(): argument 'other' must be Tensor, not list"],
      [() => M.add([1]), "add(): argument 'other' (position 1) must be Tensor, not list"],
      [() => T.mm(x, { mat2: [1] }), "mm(): argument 'mat2' must be Tensor, not list"],
      [() => T.addmm(x, x, { mat2: [1] }), "addmm(): argument 'mat2' must be Tensor, not list"],
      [() => F.linear(x, torch.zeros(4, 3), { bias: [1] }), "linear(): argument 'bias' must be Tensor, not list"],
      [() => F.linear(x, { weight: [1] }), "linear(): argument 'weight' must be Tensor, not list"],
      [() => F.prelu(x, { weight: [1] }), "prelu(): argument 'weight' must be Tensor, not list"],
      [() => F.bilinear(x, x, { weight: [1] }), "bilinear(): argument 'weight' must be Tensor, not list"],
      [() => F.cosine_similarity(x, { x2: [1] }), "cosine_similarity(): argument 'x2' must be Tensor, not list"],
      // nn.functional's Python functions pass it on by position: PyTorch's message keeps it
      [() => F.cross_entropy(x, y, { weight: [1, 2, 3] }), "cross_entropy_loss(): argument 'weight' (position 3) must be Tensor, not list"],
      [() => F.nll_loss(x, y, { weight: [1, 2, 3] }), "nll_loss_nd(): argument 'weight' (position 3) must be Tensor, not list"],
      [() => F.layer_norm(x, [3], { weight: [1] }), "layer_norm(): argument 'weight' (position 3) must be Tensor, not list"],
      [() => F.batch_norm(x, torch.zeros(3), torch.ones(3), { weight: [1] }), "batch_norm(): argument 'weight' (position 2) must be Tensor, not list"],
      [() => F.kl_div(x, { target: [1] }), "kl_div(): argument 'target' (position 2) must be Tensor, not list"],
      [() => F.embedding(y, { weight: [1] }), "embedding(): argument 'weight' (position 1) must be Tensor, not list"],
      [() => F.embedding(y, [1]), "embedding(): argument 'weight' (position 1) must be Tensor, not list"],
      [() => F.grid_sample(x.reshape(1, 1, 2, 3), { grid: [1] }), "grid_sampler(): argument 'grid' (position 2) must be Tensor, not list"],
      // an invalid combination in PyTorch, tocha's simple message: by name without a position
      [() => T.where(x.gt(0), x, { other: [1] }), "where(): argument 'other' must be Tensor, not list"],
      // (gather's two signatures: PyTorch's invalid combination, src/dim-args.ts)
      [() => T.gather(x, 1, { index: [[0]] }), "gather() received an invalid combination of arguments - got (Tensor, int, index=list), but expected one of:\n * (Tensor input, int dim, Tensor index, *, bool sparse_grad, Tensor out)\n * (Tensor input, name dim, Tensor index, *, bool sparse_grad, Tensor out)\n"],
      [() => M.gather(1, { index: [[0]] }), "gather() received an invalid combination of arguments - got (int, index=list), but expected one of:\n * (int dim, Tensor index, *, bool sparse_grad)\n * (name dim, Tensor index, *, bool sparse_grad)\n"],
    ];
    for (const [f, message] of cases) expect(error(f), message).toEqual(['TypeError', message]);
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

  it('an array at a later argument where PyTorch wants a Tensor, by position or by name (F.linear(x, w, [1]))', () => {
    let checked = 0;
    for (const [key, entries] of Object.entries(later)) {
      const [ns, name] = key.split('.');
      const self = torch.ones(2, 2);
      const f = (ns === 'Tensor' ? (self as unknown as Record<string, unknown>) : NS[ns])[name];
      if (typeof f !== 'function') continue;
      // (the functions with a dim overload word it as PyTorch does, its invalid combination: test/dim-args.test.ts)
      if ((ns === 'Tensor' ? dimArgs.methods : ns === 'torch' ? dimArgs.torch : {})[name] !== undefined) continue;
      const call = (...a: unknown[]) => (f as (...a: unknown[]) => unknown).apply(ns === 'Tensor' ? self : undefined, a);
      for (const [i, kw, message, byName] of entries) {
        // the arguments before it: tensors (first) and then numbers; tocha's check runs before the op reads them
        const lead = Array.from({ length: i }, (_, j) => (j === 0 && ns !== 'Tensor' ? torch.ones(2, 2) : 1));
        expect(error(() => call(...lead, [1.0, 2.5])), `${key} position ${i}`).toEqual(['TypeError', laterMessage(name, i, kw, message)]);
        // by name: PyTorch's own message for that call (a builtin's names no position)
        expect(byName, `${key} ${kw}=: PyTorch's message by name`).not.toBeNull();
        expect(error(() => call(...lead.slice(0, ns === 'Tensor' ? 0 : 1), { [kw]: [1.0, 2.5] })), `${key} ${kw}=`)
          .toEqual(['TypeError', laterMessage(name, i, kw, byName!, true)]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    // what users write: class weights and biases as arrays
    const x = torch.randn(4, 3);
    const y = torch.tensor([0, 1, 2, 1]);
    expect(error(() => torch.nn.functional.cross_entropy(x, y, { weight: [1, 2, 3] as unknown as torch.Tensor })))
      .toEqual(['TypeError', "cross_entropy_loss(): argument 'weight' (position 3) must be Tensor, not list"]);
    expect(error(() => torch.nn.functional.linear(x, torch.randn(2, 3), [1, 2] as unknown as torch.Tensor)))
      .toEqual(['TypeError', "linear(): argument 'bias' (position 3) must be Tensor, not list"]);
    expect(error(() => x.gather(1, [[0], [1], [2], [0]] as unknown as torch.Tensor)))
      .toEqual(['TypeError', "gather() received an invalid combination of arguments - got (int, list), but expected one of:\n * (int dim, Tensor index, *, bool sparse_grad)\n * (name dim, Tensor index, *, bool sparse_grad)\n"]);
    // arrays that are sizes or indices stay the functions' own
    expect(torch.nn.functional.layer_norm(x, [3]).shape).toEqual([4, 3]);
    expect(x.tensor_split([1, 2]).length).toBe(3);
    expect(torch.clamp(x, 0, 1).shape).toEqual([4, 3]);
  });

  it('an array first where PyTorch has overloads (an invalid combination there): the simple message', () => {
    let checked = 0;
    for (const [name, arg] of Object.entries(comboFirst)) {
      const f = NS.torch[name];
      if (typeof f !== 'function') continue;
      expect(error(() => (f as (...a: unknown[]) => unknown)([1.0, 2.5], 1, 1)), name)
        .toEqual(['TypeError', `${name}(): argument '${arg}' (position 1) must be Tensor, not list`]);
      checked++;
    }
    expect(checked).toBeGreaterThan(80);
    // a number there is one of the overloads
    expect(torch.pow(2, torch.tensor([1, 3])).tolist()).toEqual([2, 8]);
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

  it('each function of src/torch.ts and src/nn/F.ts is made with its own entry of src/torch-params.ts or src/nn/F-params.ts', () => {
    // (the entry is an export of its own, so that an app's bundler drops it with the function: the file passes it by name)
    for (const [file, maker, entries] of [['src/torch.ts', 'torchFirst|torchKw|torchLaterArgs', torchParams],
      ['src/nn/F.ts', 'fn', fParams]] as const) {
      const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
      const calls = [...text.matchAll(new RegExp(`\\b(?:${maker})\\('(\\w+)', (?:api|raw)\\.\\w+([\\s\\S]*?)\\)(?=,\\n|;\\n)`, 'g'))];
      const made = new Set(calls.map((m) => m[1]));
      const passed = calls.filter((m) => m[2].endsWith(`P.${m[1]}`)).map((m) => m[1]);
      // (torch.spmm is mm, PyTorch's messages included: src/torch.ts defines it with mm)
      const defined = new Set([...made, ...(file === 'src/torch.ts' ? ['spmm'] : [])]);
      expect(passed.sort(), file).toEqual(Object.keys(entries).filter((k) => made.has(k)).sort());
      expect(Object.keys(entries).filter((k) => !defined.has(k)), file).toEqual([]);
      expect(calls.filter((m) => /P\.\w+$/.test(m[2]) && !m[2].endsWith(`P.${m[1]}`)).map((m) => m[1]), file).toEqual([]);
      expect(made.size, file).toBeGreaterThan(file === 'src/torch.ts' ? 450 : 90);
    }
  });
});
