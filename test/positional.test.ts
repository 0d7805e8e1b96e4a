// PyTorch's positional-or-keyword parameters, by position and in the options object, against PyTorch
// 1.13: test/fixtures/positional.json, written by scripts/gen-positional.py (reprs, attributes, values
// and the TypeErrors come from PyTorch).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture } from './fixture.js';

const nn = torch.nn;
const fx = fixture('positional.json');

type Ctor = new (...args: unknown[]) => torch.nn.Module;
type Fn = (...args: unknown[]) => unknown;
const ctor = (name: string): Ctor => (nn as unknown as Record<string, Ctor>)[name];
/** The same call with every argument after the first `req` given by name. */
function asOptions(args: unknown[], names: string[], req: number): unknown[] {
  return [...args.slice(0, req), Object.fromEntries(args.slice(req).map((v, i) => [names[req + i], v]))];
}
interface Out { shape: number[]; values: unknown }
function check(r: unknown, want: Out | Out[]): void {
  if (Array.isArray(want)) {
    const [a, b] = r as [Tensor, Tensor];
    check(a, want[0]);
    check(b, want[1]);
    return;
  }
  const t = r as Tensor;
  expect(t.shape).toEqual(want.shape);
  const got = t.tolist();
  if (typeof (t.dtype.toString()) === 'string' && t.dtype.toString() === 'torch.float32') {
    const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
    const w = flat(want.values);
    flat(got).forEach((g, i) => expect(g).toBeCloseTo(w[i], 4));
  } else expect(got).toEqual(want.values);
}

describe('modules take PyTorch 1.13 positional arguments', () => {
  for (const m of fx.modules) {
    it(`${m.name}(${m.args.map((a: unknown) => JSON.stringify(a)).join(', ')})`, () => {
      const C = ctor(m.name);
      const pos = new C(...m.args);
      expect(String(pos)).toBe(m.repr);
      expect(String(new C(...asOptions(m.args, m.names, m.required)))).toBe(m.repr);
    });
  }
  for (const m of fx.losses) {
    it(`${m.name}(${m.args.map((a: unknown) => JSON.stringify(a)).join(', ')})`, () => {
      const C = ctor(m.name);
      for (const l of [new C(...m.args), new C(...asOptions(m.args, m.names, 0))]) {
        for (const [k, v] of Object.entries(m.attrs)) {
          if (typeof v === 'number') expect((l as unknown as Record<string, number>)[k]).toBeCloseTo(v, 6);
          else expect((l as unknown as Record<string, unknown>)[k]).toBe(v);
        }
      }
    });
  }
});

describe('ops take PyTorch 1.13 positional arguments', () => {
  const inputs: Record<string, Tensor> = { x: torch.tensor(fx.x), xm: torch.tensor(fx.xm) };
  for (const c of fx.ops) {
    it(`${c.op}(x, ${c.args.map((a: unknown) => JSON.stringify(a)).join(', ')})`, () => {
      const x = inputs[c.input ?? 'x'];
      const f = (torch as unknown as Record<string, Fn>)[c.op];
      const req = c.names[0] === 'k' ? 1 : 0;
      const method = (...a: unknown[]) => (x as unknown as Record<string, Fn>)[c.op](...a);
      check(f(x, ...c.args), c.out);
      check(method(...c.args), c.out);
      // var(x, false): unbiased alone has no options form beside { unbiased }
      const opts = typeof c.args[0] === 'boolean' ? [{ unbiased: c.args[0] }] : asOptions(c.args, c.names, req);
      check(f(x, ...opts), c.out);
      check(method(...opts), c.out);
    });
  }
  it('mixes positional values and options', () => {
    const x = inputs.x;
    expect(x.sum(1, true).tolist()).toEqual(x.sum({ dim: 1, keepdim: true }).tolist());
    expect(x.std(0, { keepdim: true, unbiased: false }).tolist()).toEqual(x.std(0, false, true).tolist());
    expect(torch.topk(x, 2, 0, { largest: false }).values.tolist()).toEqual(torch.topk(x, 2, { dim: 0, largest: false }).values.tolist());
    expect(torch.sort(x, 1, { descending: true, stable: true }).indices.tolist()).toEqual(torch.sort(x, 1, true).indices.tolist());
  });
});

describe('F.* losses take PyTorch 1.13 positional arguments', () => {
  const T: Record<string, Tensor> = Object.fromEntries(Object.entries(fx.loss_inputs).map(([k, v]) =>
    [k, k === 'cls' || k === 'idx' ? torch.tensor(v as number[], { dtype: torch.int64 }) : torch.tensor(v as number[][])]));
  for (const c of fx.flosses) {
    it(`F.${c.fn}(${c.inputs.join(', ')}, ${c.args.map((a: unknown) => JSON.stringify(a)).join(', ')})`, () => {
      const f = (nn.functional as unknown as Record<string, Fn>)[c.fn];
      const ins = c.inputs.map((k: string) => (k === 'emb' ? T[k].clone() : T[k]));   // max_norm renormalizes in place
      check(f(...ins, ...c.args), c.out);
      check(f(...c.inputs.map((k: string) => (k === 'emb' ? T[k].clone() : T[k])), ...asOptions(c.args, c.names, 0)), c.out);
    });
  }
  it('Embedding.from_pretrained(emb, false, 1, 2.0)', () => {
    for (const e of [nn.Embedding.from_pretrained(T.emb, false, 1, 2.0), nn.Embedding.from_pretrained(T.emb, { freeze: false, padding_idx: 1, max_norm: 2.0 })]) {
      expect(String(e)).toBe(fx.from_pretrained.repr);
      expect(e.weight.requires_grad).toBe(fx.from_pretrained.requires_grad);
    }
  });
  it('keyword-only and unknown options', () => {
    const a = T.a;
    expect(() => (nn.functional.triplet_margin_with_distance_loss as Fn)(a, a, a, null)).toThrow(fx.errors.tmwd_positional);
    expect(() => (nn.functional.mse_loss as Fn)(a, a, { reductio: 'sum' })).toThrow("mse_loss() got an unexpected keyword argument 'reductio'");
  });
});

describe("F.* layers' functions take PyTorch 1.13 positional arguments", () => {
  const U: Record<string, Tensor> = Object.fromEntries(Object.entries(fx.f_inputs).map(([k, v]) => [k, torch.tensor(v as number[])]));
  const F = nn.functional as unknown as Record<string, Fn>;
  for (const c of fx.ffuncs) {
    it(`F.${c.fn}(${c.inputs.join(', ')}, ${c.args.map((a: unknown) => JSON.stringify(a)).join(', ')})`, () => {
      const ins = c.inputs.map((k: string) => U[k]);
      check(F[c.fn](...ins, ...c.args), c.out);
      // The same call with the parameters after the first given by name.
      const req = c.names[0] === 'kernel_size' || c.names[0] === 'pad' ? 1 : 0;
      check(F[c.fn](...ins, ...asOptions(c.args, c.names, req)), c.out);
    });
  }
  it('positional and options mixed: F.max_pool2d(x, 3, 2, { padding: 1 })', () => {
    check(F.max_pool2d(U.img, 3, 2, { padding: 1 }), fx.ffuncs_mixed);
  });
  it("unknown options and too many positional values are PyTorch's TypeErrors, never ignored", () => {
    const e = fx.errors;
    expect(() => F.relu(U.a, { foo: 1 })).toThrow(e.f_relu_unknown);
    expect(() => F.hardtanh(U.a, -2, 2, false, 5)).toThrow(e.f_hardtanh_too_many);
    expect(() => F.dropout(U.a, { pp: 0.2 })).toThrow(e.f_dropout_unknown);
    expect(() => F.unfold(U.img, 2, 1, 0, 1, 5)).toThrow(e.f_unfold_too_many);
    expect(() => F.interpolate(U.img, { scale_factor: 2, mod: 'nearest' })).toThrow(e.f_interpolate_unknown);
    expect(() => F.conv2d(U.img, U.w, { strid: 2 })).toThrow("conv2d() got an unexpected keyword argument 'strid'");
    expect(() => F.max_pool2d(U.img, 2, { strid: 1 })).toThrow("max_pool2d() got an unexpected keyword argument 'strid'");
    expect(() => new nn.Upsample({ scale_factor: 2, mod: 'nearest' } as never)).toThrow("Upsample.__init__() got an unexpected keyword argument 'mod'");
  });
});

describe('keyword-only and unknown arguments are TypeErrors, as in PyTorch', () => {
  const x = torch.tensor(fx.x);
  it('a keyword-only parameter given by position', () => {
    const head = fx.errors.sum_dtype.split(' - ')[0];   // sum() received an invalid combination of arguments
    expect(() => (torch.sum as Fn)(x, 1, true, torch.float32)).toThrow(TypeError);
    expect(() => (torch.sum as Fn)(x, 1, true, torch.float32)).toThrow(head);
    expect(() => (torch.sum as Fn)(x, 1, true, torch.float32)).toThrow(/dtype/);
    expect(() => (x.mean as Fn).call(x, 1, true, torch.float32)).toThrow(/mean\(\) received an invalid combination.*dtype/);
    expect(() => (torch.std as Fn)(x, 0, true, true, 1)).toThrow(/std\(\) received an invalid combination.*correction/);
    expect(() => (torch.sort as Fn)(x, 0, true, true)).toThrow(/sort\(\) received an invalid combination.*stable/s);
    expect(() => (torch.cumsum as Fn)(x, 1, torch.float32)).toThrow(fx.errors.cumsum_dtype.split(' - ')[0]);
    expect(torch.cumsum(x, 1, { dtype: torch.float32 }).tolist()).toEqual(torch.cumsum(x, 1).tolist());
    expect(() => new (ctor('GaussianNLLLoss'))(true)).toThrow(fx.errors.gaussian_positional);
    expect(() => new (ctor('TripletMarginWithDistanceLoss'))(null)).toThrow(/takes 1 positional argument but 2 were given.*distance_function/);
  });
  it('too many positional arguments', () => {
    expect(() => new (ctor('Conv2d'))(1, 2, 3, 1, 0, 1, 1, true, 'zeros', null, null, 1)).toThrow(fx.errors.conv_too_many);
    expect(() => new (ctor('ReLU'))(true, 1)).toThrow('ReLU.__init__() takes from 1 to 2 positional arguments but 3 were given');
    expect(() => (torch.topk as Fn)(x, 1, 0, true, true, 1)).toThrow('topk() takes from 2 to 5 positional arguments but 6 were given');
  });
  it('an unknown option', () => {
    expect(() => new (ctor('Linear'))(2, 3, { biass: false })).toThrow(fx.errors.linear_unknown);
    expect(() => new (ctor('ReLU'))({ inplce: true })).toThrow(fx.errors.relu_unknown);
    expect(() => new (ctor('Conv2d'))(1, 2, 3, { strides: 2 })).toThrow("Conv2d.__init__() got an unexpected keyword argument 'strides'");
    expect(() => new (ctor('CrossEntropyLoss'))({ smoothing: 0.1 })).toThrow("CrossEntropyLoss.__init__() got an unexpected keyword argument 'smoothing'");
    expect(() => new (ctor('MaxPool2d'))(2, { stides: 2 })).toThrow("_MaxPoolNd.__init__() got an unexpected keyword argument 'stides'");
    expect(() => (torch.sum as Fn)(x, 1, { keep_dim: true })).toThrow("sum() got an unexpected keyword argument 'keep_dim'");
    expect(() => (torch.topk as Fn)(x, 1, { dims: 0 })).toThrow("topk() got an unexpected keyword argument 'dims'");
  });
  it('a value given both ways', () => {
    expect(() => new (ctor('Linear'))(2, 3, false, { bias: true })).toThrow("Linear.__init__() got multiple values for argument 'bias'");
  });
  // PyTorch's argument parser takes NumPy's names for a native function's dim and keepdim (python_arg_parser.cpp):
  // makemore's P.sum(1, keepdims=True); a Python function (F.softmax) does not
  it("NumPy's names: keepdims and axis for a native function's keepdim and dim", () => {
    const m = torch.tensor([[1, 2, 3], [4, 5, 6]], { dtype: torch.float32 });
    expect(m.sum(1, { keepdims: true }).tolist()).toEqual([[6], [15]]);
    expect(torch.sum(m, { axis: 0, keepdims: true }).tolist()).toEqual([[5, 7, 9]]);
    expect(m.mean({ axis: 1 }).tolist()).toEqual([2, 5]);
    expect(m.max({ axis: 1, keepdims: true }).indices.tolist()).toEqual([[2], [2]]);
    expect(torch.softmax(m, { axis: 0 }).shape).toEqual([2, 3]);
    expect(torch.cat([m, m], { axis: 0 }).shape).toEqual([4, 3]);
    expect(() => (m.sum as Fn).call(m, 1, { keepdim: true, keepdims: true })).toThrow("sum() got multiple values for argument 'keepdim'");
    expect(() => (torch.nn.functional.softmax as Fn)(m, { axis: 1 })).toThrow("softmax() got an unexpected keyword argument 'axis'");
  });
  it("torch.multinomial's num_samples and replacement by name, as makemore calls it", () => {
    const p = torch.tensor([0.2, 0.3, 0.5]);
    const byName = torch.multinomial(p, { num_samples: 4, replacement: true, generator: new torch.Generator().manual_seed(3) });
    expect(byName.tolist()).toEqual([0, 1, 2, 0]);   // PyTorch's draws for the seed
    expect(p.multinomial(4, true, { generator: new torch.Generator().manual_seed(3) }).tolist()).toEqual([0, 1, 2, 0]);
    expect(() => (torch.multinomial as Fn)(p)).toThrow('multinomial() missing 1 required positional arguments: "num_samples"');
    expect(() => torch.multinomial(p, 1.5)).toThrow("multinomial(): argument 'num_samples' (position 2) must be int, not float");
    expect(() => (torch.multinomial as Fn)(p, 2, { foo: 1 })).toThrow("multinomial() got an unexpected keyword argument 'foo'");
  });
  it('device and dtype are taken by layers with parameters', () => {
    expect(String(new nn.Linear(2, 3, { device: 'cpu', dtype: torch.float32 } as object))).toBe('Linear(in_features=2, out_features=3, bias=True)');
  });
});

describe('both call styles type-check', () => {
  it('compiles and agrees (tsc --noEmit checks this block)', () => {
    const x = torch.randn(2, 3);
    const a: torch.nn.Conv2d = new nn.Conv2d(1, 8, 3, 2, 1);
    const b = new nn.Conv2d(1, 8, 3, { stride: 2, padding: 1 });
    expect(String(a)).toBe(String(b));
    expect(String(new nn.Linear(4, 3, false))).toBe(String(new nn.Linear(4, 3, { bias: false })));
    expect(String(new nn.BatchNorm1d(4, 1e-3))).toBe(String(new nn.BatchNorm1d(4, { eps: 1e-3 })));
    expect(String(new nn.Dropout(0.2, true))).toBe(String(new nn.Dropout({ p: 0.2, inplace: true })));
    expect(String(new nn.MaxPool2d(3, 2, 1))).toBe(String(new nn.MaxPool2d(3, { stride: 2, padding: 1 })));
    expect(new nn.CrossEntropyLoss(null, null, 0).ignore_index).toBe(0);
    const m1 = torch.max(x, 1, true);
    const m2 = x.max(1, { keepdim: true });
    expect(m1.values.tolist()).toEqual(m2.values.tolist());
    expect(x.sum(1, true).shape).toEqual([2, 1]);
    expect(torch.argmax(x, 1, true).shape).toEqual([2, 1]);
    expect(torch.std(x, 0, true).shape).toEqual([3]);
    expect(x.std(0, true, true).shape).toEqual([1, 3]);
    expect(torch.sort(x, 0, true).values.tolist()).toEqual(x.sort({ dim: 0, descending: true }).values.tolist());
    expect(torch.topk(x, 1, 0).values.shape).toEqual([1, 3]);
    expect(x.median(1, true).values.shape).toEqual([2, 1]);
    expect(x.all(1, true).shape).toEqual([2, 1]);
  });
});

describe('nn.init takes its optional arguments by name (d2l.ai: nn.init.normal_(m.weight, std=0.01))', () => {
  // PyTorch 1.13: torch.manual_seed(0); w = torch.empty(2, 3); then each call in turn on w
  it('normal_, uniform_, xavier_uniform_, constant_, trunc_normal_ by name draw what PyTorch draws', () => {
    torch.manual_seed(0);
    const w = torch.empty(2, 3);
    const close = (t: Tensor, want: number[][]) => (t.tolist() as number[][]).flat().forEach((v, i) => expect(v).toBeCloseTo(want.flat()[i], 6));
    expect(nn.init.normal_(w, { std: 0.01 }).tolist()).toEqual([[0.015409961342811584, -0.002934289164841175, -0.021787893027067184],
      [0.005684312898665667, -0.010845223441720009, -0.013985954225063324]]);
    expect(nn.init.uniform_(w, { b: 2 }).tolist()).toEqual([[0.04465150833129883, 0.3377178907394409, 0.5877768993377686],
      [1.037043571472168, 1.3953351974487305, 1.600022792816162]]);
    close(nn.init.xavier_uniform_(w, { gain: 2 }), [[-1.4852945804595947, -0.9540513157844543, 0.7957688570022583],
      [1.819288969039917, -0.4508856236934662, 1.639469027519226]]);
    expect(nn.init.constant_(w, { val: 3 }).tolist()).toEqual([[3, 3, 3], [3, 3, 3]]);
    close(nn.init.trunc_normal_(w, { std: 0.5, b: 0.4 }), [[-0.21916602551937103, -0.08083248883485794, 0.33865731954574585],
      [-0.9513975977897644, -0.5268402099609375, -0.2703942060470581]]);
  });
  it("Python's TypeErrors", () => {
    const w = torch.empty(2, 3);
    expect(() => (nn.init.normal_ as Fn)(w, 0, 1, 2)).toThrow('normal_() takes from 1 to 3 positional arguments but 4 were given');
    expect(() => (nn.init.normal_ as Fn)(w, { sd: 1 })).toThrow("normal_() got an unexpected keyword argument 'sd'");
    expect(() => (nn.init.constant_ as Fn)(w)).toThrow("constant_() missing 1 required positional argument: 'val'");
  });
});

describe("NumPy's axis and keepdims name a native op's dim and keepdim, as PyTorch's argument parser allows", () => {
  it('x.argmax(axis=1), x.sum(axis=0, keepdims=True), x.mean(axis=1), torch.argmax(x, axis=0), x.topk(1, axis=1)', () => {
    // PyTorch 1.13 for x = [[1., 5., 3.], [4., 2., 6.]]: [1, 2] [[5.0, 7.0, 9.0]] [3.0, 4.0] [1, 0, 1]
    const x = torch.tensor([[1., 5., 3.], [4., 2., 6.]], { dtype: torch.float32 });
    expect(x.argmax({ axis: 1 }).tolist()).toEqual([1, 2]);
    expect(x.sum({ axis: 0, keepdims: true }).tolist()).toEqual([[5, 7, 9]]);
    expect(x.mean({ axis: 1 }).tolist()).toEqual([3, 4]);
    expect(torch.argmax(x, { axis: 0 }).tolist()).toEqual([1, 0, 1]);
    // topk (worded as a Python function by PyTorch) takes it too: x.topk(1, axis=1) is [[5.], [6.]], [[1], [2]]
    expect(x.topk(1, { axis: 1 }).indices.tolist()).toEqual([[1], [2]]);
    // a module's __init__ and a Python function take no alias
    expect(() => new (ctor('Softmax'))({ axis: 1 })).toThrow("Softmax.__init__() got an unexpected keyword argument 'axis'");
  });
});

describe("repeat_interleave's arguments by name (d2l.ai's MultiHeadAttention: repeat_interleave(valid_lens, repeats=h, dim=0))", () => {
  it('repeats, dim and output_size by name, on torch and the method (PyTorch 1.13: [1, 1, 2, 2] and [1, 2, 2])', () => {
    const x = torch.tensor([1, 2]);
    expect(torch.repeat_interleave(x, { repeats: 2, dim: 0 }).tolist()).toEqual([1, 1, 2, 2]);
    expect(x.repeat_interleave({ repeats: torch.tensor([1, 2]) }).tolist()).toEqual([1, 2, 2]);
    expect(torch.repeat_interleave(x, 2, { output_size: 4 }).tolist()).toEqual([1, 1, 2, 2]);
    expect(() => (torch.repeat_interleave as Fn)(x, { foo: 2 })).toThrow("repeat_interleave() got an unexpected keyword argument 'foo'");
  });
  it("a loss's reduction is an attribute forward reads (PyTorch: tensor([1.3133, 0.1269]))", () => {
    const l = new nn.CrossEntropyLoss();
    l.reduction = 'none';
    const out = l(torch.tensor([[1, 2], [3, 1]], { dtype: torch.float32 }), torch.tensor([0, 0]));
    expect(String(out)).toBe('tensor([1.3133, 0.1269])');
  });
});

describe('list arguments by keyword, as Python passes them', () => {
  // PyTorch 1.13 for x = torch.arange(6).reshape(2, 3): x.flip(dims=[0]), x.permute(dims=[1, 0]), x.roll(shifts=1, dims=1),
  // x.reshape(shape=[3, 2]), x.view(size=[3, 2]), x.repeat(repeats=[1, 2]), x[:, 0].reshape(2, 1).expand(size=[2, 3])
  const x = () => torch.arange(6).reshape(2, 3);
  it('flip(dims=), permute(dims=), roll(shifts=, dims=), reshape(shape=), view(size=), repeat(repeats=), expand(size=)', () => {
    expect(x().flip({ dims: [0] }).tolist()).toEqual([[3, 4, 5], [0, 1, 2]]);
    expect(torch.flip(x(), { dims: [0] }).tolist()).toEqual([[3, 4, 5], [0, 1, 2]]);
    expect(x().permute({ dims: [1, 0] }).tolist()).toEqual([[0, 3], [1, 4], [2, 5]]);
    expect(torch.permute(x(), { dims: [1, 0] }).tolist()).toEqual([[0, 3], [1, 4], [2, 5]]);
    expect(x().roll({ shifts: 1, dims: 1 }).tolist()).toEqual([[2, 0, 1], [5, 3, 4]]);
    expect(torch.roll(x(), { shifts: [1], dims: [1] }).tolist()).toEqual([[2, 0, 1], [5, 3, 4]]);
    expect(x().reshape({ shape: [3, 2] }).tolist()).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(torch.reshape(x(), { shape: [3, 2] }).tolist()).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(x().view({ size: [3, 2] }).tolist()).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(x().repeat({ repeats: [1, 2] }).tolist()).toEqual([[0, 1, 2, 0, 1, 2], [3, 4, 5, 3, 4, 5]]);
    expect(x().index(null, 0).reshape(2, 1).expand({ size: [2, 3] }).tolist()).toEqual([[0, 0, 0], [3, 3, 3]]);
  });
  it('another name is an unexpected keyword, as in Python', () => {
    // @ts-expect-error: no such argument
    expect(() => x().view({ sizes: [3, 2] })).toThrow("view() got an unexpected keyword argument 'sizes'");
    // @ts-expect-error: no such argument
    expect(() => x().flip({ dim: [0] })).toThrow("flip() got an unexpected keyword argument 'dim'");
    // @ts-expect-error: no such argument
    expect(() => x().roll({ shift: 1 })).toThrow("roll() got an unexpected keyword argument 'shift'");
  });
});
