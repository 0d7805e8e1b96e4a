// Transposed convolutions, RReLU, LocalResponseNorm, ParameterDict / ParameterList and the in-place
// activations against PyTorch 1.13: test/fixtures/nn-extra.json, written by scripts/gen-nn-extra.py
// (inputs, outputs, gradients, grad_fn names, reprs and error messages all come from PyTorch).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { _setColBytes } from '../src/ops/conv.js';
import { fixture as readFixture, type EncTensor, num, decode, expectTensor as expectClose, messageOf, expectDoubleBackward } from './fixture.js';

const F = torch.nn.functional;
const nn = torch.nn;

type Kw = Record<string, number | number[]>;

const fixture = readFixture('nn-extra.json') as {
  convt: {
    id: string; fn: 'conv_transpose1d' | 'conv_transpose2d'; kwargs: Kw; input: EncTensor; weight: EncTensor;
    bias: EncTensor | null; out: EncTensor; grad_fn: string; grad_out: EncTensor; grad_input: EncTensor;
    grad_weight: EncTensor; grad_bias: EncTensor | null;
  }[];
  convt_double: {
    fn: 'conv_transpose1d' | 'conv_transpose2d'; kwargs: Kw; input: EncTensor; weight: EncTensor; bias: EncTensor;
    g: EncTensor; gx: EncTensor; gw: EncTensor; h1: EncTensor; h2: EncTensor; ggx: EncTensor; ggw: EncTensor;
  }[];
  convt_modules: {
    seed: number; ctor: 'ConvTranspose1d' | 'ConvTranspose2d'; args: (number | number[])[]; kwargs: Kw & { bias?: boolean };
    repr: string; weight: EncTensor; bias: EncTensor | null; input: EncTensor; output_size: number[] | null;
    out: EncTensor; state_dict: string[];
  }[];
  rrelu_train: {
    seed: number; lower: number; upper: number; inplace: boolean; input: EncTensor; out: EncTensor; grad_fn: string;
    grad_out: EncTensor; grad: EncTensor; after: EncTensor;
  }[];
  rrelu_eval: {
    lower: number; upper: number; input: EncTensor; out: EncTensor; module_out: EncTensor; grad_fn: string;
    grad_out: EncTensor; grad: EncTensor;
  }[];
  lrn: {
    size: number; kwargs: { alpha?: number; beta?: number; k?: number }; input: EncTensor; out: EncTensor;
    module_out: EncTensor; grad_fn: string; grad_out: EncTensor; grad: EncTensor; repr: string;
  }[];
  inplace: {
    input: EncTensor; grad_out: EncTensor;
    cases: { fn: string; args: number[]; same: boolean; version: number; out: EncTensor; grad_fn: string; grad: EncTensor }[];
  };
  inplace_modules: { code: string; repr: string; same: boolean; out: EncTensor }[];
  params: {
    dict_repr: string; dict_keys: string[]; dict_requires_grad: boolean[]; dict_missing: string; empty_dict_repr: string;
    empty_list_repr: string; list_repr: string; holder_repr: string; holder_keys: string[]; holder_params: string[];
    dict_after_pop: string[];
  };
  reprs: { code: string; text: string }[];
  errors: { id: string; message: string }[];
};

/** Exact equality (float32 values compared as the numbers they are). */
function expectEqual(what: string, got: Tensor, want: EncTensor): void {
  expect([...got.shape], `${what} shape`).toEqual(want.shape);
  expect(got.reshape([-1]).tolist(), what).toEqual(want.data.map(num));
}

// ---------------------------------------------------------------- transposed convolution

describe('conv_transpose1d / conv_transpose2d against PyTorch: forward and every gradient', () => {
  for (const c of fixture.convt) {
    it(c.id, () => {
      const x = decode(c.input).requires_grad_();
      const w = decode(c.weight).requires_grad_();
      const b = c.bias ? decode(c.bias).requires_grad_() : null;
      const y = F[c.fn](x, w, b, c.kwargs);
      expectClose('out', y, c.out);
      expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
      y.mul(decode(c.grad_out)).sum().backward();
      expectClose('grad input', x.grad, c.grad_input);
      expectClose('grad weight', w.grad, c.grad_weight);
      if (c.grad_bias) expectClose('grad bias', b!.grad, c.grad_bias);
    });
  }

  it('without a bias takes the options as the third argument; only the asked-for gradients are made', () => {
    const c = fixture.convt.find((k) => k.id === '2d/dilation')!;
    const x = decode(c.input);
    const w = decode(c.weight).requires_grad_();
    const y = F.conv_transpose2d(x, w, c.kwargs);
    expectClose('out', y, c.out);
    y.mul(decode(c.grad_out)).sum().backward();
    expect(x.grad).toBeNull();
    expectClose('grad weight', w.grad, c.grad_weight);
  });

  it('an unbatched result is not a view: an in-place activation may follow, with the same gradients', () => {
    const c = fixture.convt.find((k) => k.id === '1d/unbatched')!;
    const grads = [false, true].map((inplace) => {
      const w = decode(c.weight).requires_grad_();
      const y = F.relu(F.conv_transpose1d(decode(c.input), w, c.kwargs), { inplace });
      y.mul(decode(c.grad_out)).sum().backward();
      return w.grad!.tolist();
    });
    expect(grads[1]).toEqual(grads[0]);
    const live = torch.memory_stats().live_tensors;
    for (let i = 0; i < 5; i++) torch.tidy(() => { F.conv_transpose1d(decode(c.input), decode(c.weight), c.kwargs); });
    expect(torch.memory_stats().live_tensors).toBe(live);
  });

  it('gives the same numbers when the column buffer holds one image at a time', () => {
    const prev = _setColBytes(64);
    try {
      for (const c of fixture.convt.filter((k) => k.input.shape[0] > 1)) {
        const x = decode(c.input).requires_grad_();
        const w = decode(c.weight).requires_grad_();
        const y = F[c.fn](x, w, c.bias ? decode(c.bias) : null, c.kwargs);
        expectClose(`${c.id} out`, y, c.out);
        y.mul(decode(c.grad_out)).sum().backward();
        expectClose(`${c.id} grad input`, x.grad, c.grad_input);
        expectClose(`${c.id} grad weight`, w.grad, c.grad_weight);
      }
    } finally {
      _setColBytes(prev);
    }
  });

  it('is the adjoint of conv2d: <conv_transpose2d(x, w), z> = <x, conv2d(z, w)>', () => {
    const c = fixture.convt.find((k) => k.id === '2d/stride-pad-outpad')!;
    const x = decode(c.input);
    const w = decode(c.weight);
    const z = decode(c.grad_out);
    const lhs = F.conv_transpose2d(x, w, null, c.kwargs).mul(z).sum().item() as number;
    const rhs = x.mul(F.conv2d(z, w, null, { stride: 2, padding: 1 })).sum().item() as number;
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-3 * (1 + Math.abs(lhs)));
  });
});

describe('conv_transpose double backward (create_graph) against PyTorch', () => {
  for (const c of fixture.convt_double) {
    it(`${c.fn} ${JSON.stringify(c.kwargs)}`, () => {
      expectDoubleBackward((x, w, b) => F[c.fn](x, w, b, c.kwargs), c);
    });
  }
});

describe('nn.ConvTranspose1d / nn.ConvTranspose2d', () => {
  for (const c of fixture.convt_modules) {
    it(`${c.repr}: PyTorch's initial weights after manual_seed(${c.seed}), forward with output_size ${JSON.stringify(c.output_size)}`, () => {
      torch.manual_seed(c.seed);
      const Ctor = c.ctor === 'ConvTranspose2d' ? nn.ConvTranspose2d : nn.ConvTranspose1d;
      const m = new Ctor(c.args[0] as number, c.args[1] as number, c.args[2], c.kwargs);
      expect(String(m)).toBe(c.repr);
      expectClose('weight', m.weight, c.weight, 1e-7);
      if (c.bias) expectClose('bias', m.bias, c.bias, 1e-7);
      else expect(m.bias).toBeNull();
      expect(Object.keys(m.state_dict())).toEqual(c.state_dict);
      const y = torch.no_grad(() => m(decode(c.input), c.output_size));
      expectClose('out', y, c.out);
    });
  }
});

// ---------------------------------------------------------------- RReLU

describe('RReLU', () => {
  for (const c of fixture.rrelu_train) {
    it(`training slopes are PyTorch's draws after manual_seed(${c.seed}) (U(${c.lower}, ${c.upper})${c.inplace ? ', in place' : ''})`, () => {
      const a = decode(c.input).requires_grad_();
      torch.manual_seed(c.seed);
      const x = a.mul(1);
      const y = F.rrelu(x, c.lower, c.upper, true, c.inplace);
      expect(y === x).toBe(c.inplace);
      expectEqual('out', y, c.out);
      expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
      // The generator is where PyTorch's is after the draws.
      expectEqual('rand after', torch.rand(3), c.after);
      y.mul(decode(c.grad_out)).sum().backward();
      expectEqual('grad', a.grad!, c.grad);
    });
  }

  it('nn.RReLU in training mode draws the same slopes as F.rrelu', () => {
    const c = fixture.rrelu_train[0];
    torch.manual_seed(c.seed);
    const m = new nn.RReLU(c.lower, c.upper);
    expect(m.training).toBe(true);
    expectEqual('out', torch.no_grad(() => m(decode(c.input))), c.out);
  });

  for (const c of fixture.rrelu_eval) {
    it(`eval uses the fixed slope (lower + upper) / 2 = (${c.lower} + ${c.upper}) / 2`, () => {
      const a = decode(c.input).requires_grad_();
      const y = F.rrelu(a, c.lower, c.upper);
      expectClose('out', y, c.out, 1e-7);
      expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
      y.mul(decode(c.grad_out)).sum().backward();
      expectClose('grad', a.grad, c.grad, 1e-7);
      const m = new nn.RReLU(c.lower, c.upper).eval();
      expectClose('module', torch.no_grad(() => m(decode(c.input))), c.module_out, 1e-7);
    });
  }
});

// ---------------------------------------------------------------- LocalResponseNorm

describe('LocalResponseNorm', () => {
  for (const c of fixture.lrn) {
    it(`${c.repr} on ${JSON.stringify(c.input.shape)}`, () => {
      const a = decode(c.input).requires_grad_();
      const y = F.local_response_norm(a, c.size, c.kwargs);
      expectClose('out', y, c.out);
      expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
      y.mul(decode(c.grad_out)).sum().backward();
      expectClose('grad', a.grad, c.grad);
      const m = new nn.LocalResponseNorm(c.size, c.kwargs.alpha, c.kwargs.beta, c.kwargs.k);
      expect(String(m)).toBe(c.repr);
      expectClose('module', torch.no_grad(() => m(decode(c.input))), c.module_out);
    });
  }
});

// ---------------------------------------------------------------- in-place activations

describe('in-place activations', () => {
  const fns = F as unknown as Record<string, (...a: unknown[]) => Tensor>;
  for (const c of fixture.inplace.cases) {
    const call = c.fn.endsWith('_') ? `F.${c.fn}(x)` : `F.${c.fn}(x, inplace=True)`;
    it(`${call} overwrites x, bumps its version, records ${c.grad_fn}`, () => {
      const a = decode(fixture.inplace.input).requires_grad_();
      const x = a.mul(1);
      const v0 = x._version;
      // rrelu in eval mode (its default) is deterministic: slope (lower + upper) / 2.
      const y = c.fn.endsWith('_') ? fns[c.fn](x, ...c.args) : fns[c.fn](x, ...c.args, { inplace: true });
      expect(y === x).toBe(c.same);
      expect(x._version - v0).toBe(c.version);
      expectClose('out', x, c.out, 1e-6);
      expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
      y.mul(decode(fixture.inplace.grad_out)).sum().backward();
      expectClose('grad', a.grad, c.grad, 1e-6);
    });
  }

  const mods: Record<string, () => torch.nn.Module> = {
    'ReLU(True)': () => new nn.ReLU(true),
    'ReLU6(True)': () => new nn.ReLU6(true),
    'Hardtanh(-0.5, 0.5, True)': () => new nn.Hardtanh(-0.5, 0.5, true),
    'LeakyReLU(0.1, True)': () => new nn.LeakyReLU(0.1, true),
    'ELU(0.5, True)': () => new nn.ELU(0.5, true),
    'CELU(2.0, True)': () => new nn.CELU(2, true),
    'SELU(True)': () => new nn.SELU(true),
    'SiLU(True)': () => new nn.SiLU(true),
    'Mish(True)': () => new nn.Mish(true),
    'Hardsigmoid(True)': () => new nn.Hardsigmoid(true),
    'Hardswish(True)': () => new nn.Hardswish(true),
    'Threshold(0.1, 20.0, True)': () => new nn.Threshold(0.1, 20, true),
    'RReLU(0.1, 0.3, True)': () => new nn.RReLU(0.1, 0.3, true).eval(),
  };
  for (const c of fixture.inplace_modules) {
    it(`nn.${c.code} writes its output into the input`, () => {
      expect(mods[c.code], `no module for ${c.code}`).toBeDefined();
      const m = mods[c.code]();
      expect(String(m)).toBe(c.repr);
      const x = decode(fixture.inplace.input);
      const y = (m as unknown as (t: Tensor) => Tensor)(x);
      expect(y === x).toBe(c.same);
      expectClose('input after', x, c.out, 1e-6);
    });
  }

  it('in-place dropout in training multiplies the input itself (MulBackward0)', () => {
    const a = torch.ones([4, 3, 5], { requires_grad: true });
    for (const f of [F.dropout, F.dropout1d, F.dropout2d, F.alpha_dropout, F.feature_alpha_dropout]) {
      const x = a.mul(1);
      const v0 = x._version;
      const y = f(x, { p: 0.5, training: true, inplace: true });
      expect(y).toBe(x);
      expect(x._version).toBeGreaterThan(v0);
    }
  });
});

// ---------------------------------------------------------------- ParameterDict / ParameterList

describe('ParameterDict and ParameterList', () => {
  const P = fixture.params;
  it('ParameterDict registers its entries under their keys and prints as PyTorch', () => {
    const pd = new nn.ParameterDict({ alpha: new nn.Parameter(torch.ones([2, 3])), beta: torch.zeros([4]) });
    pd.set('gamma', new nn.Parameter(torch.ones([1]), false));
    pd.update([['delta', torch.ones([2, 1, 3])]]);
    expect(String(pd)).toBe(P.dict_repr);
    expect(Object.keys(pd.state_dict())).toEqual(P.dict_keys);
    expect(pd.values().map((p) => p.requires_grad)).toEqual(P.dict_requires_grad);
    expect(pd.get('beta')).toBeInstanceOf(nn.Parameter);
    expect(messageOf(() => pd.get('zz'))).toBe(P.dict_missing);
    expect(pd.get('zz', null)).toBeNull();
    expect(pd.has('alpha')).toBe(true);
    expect(pd.length).toBe(4);
    pd.pop('beta');
    expect(pd.keys()).toEqual(P.dict_after_pop);
    expect([...pd]).toEqual(P.dict_after_pop);
    expect(String(new nn.ParameterDict())).toBe(P.empty_dict_repr);
  });

  it('ParameterList prints as PyTorch', () => {
    expect(String(new nn.ParameterList([torch.ones([3, 4]), new nn.Parameter(torch.zeros([5]))]))).toBe(P.list_repr);
    expect(String(new nn.ParameterList())).toBe(P.empty_list_repr);
  });

  it('inside a module: dotted state_dict keys, named_parameters and nested printing', () => {
    class Holder extends nn.Module {
      pd = new nn.ParameterDict({ w: new nn.Parameter(torch.ones([2])) });
      pl = new nn.ParameterList([new nn.Parameter(torch.ones([2, 2])), torch.zeros([3])]);
      lin = new nn.Linear(2, 1);
    }
    const h = new Holder();
    expect(String(h)).toBe(P.holder_repr);
    expect(Object.keys(h.state_dict())).toEqual(P.holder_keys);
    expect([...h.named_parameters()].map(([k]) => k)).toEqual(P.holder_params);
    // The parameters are trained like any other.
    const sd = h.state_dict();
    expect(h.load_state_dict(sd)).toEqual({ missing_keys: [], unexpected_keys: [] });
  });
});

// ---------------------------------------------------------------- printing and errors

describe('printing', () => {
  const ctors: Record<string, () => torch.nn.Module> = {
    'ConvTranspose2d(2, 3, 3)': () => new nn.ConvTranspose2d(2, 3, 3),
    'ConvTranspose2d(2, 3, (3, 2), stride=(2, 1), padding=(1, 0), output_padding=(1, 0))':
      () => new nn.ConvTranspose2d(2, 3, [3, 2], { stride: [2, 1], padding: [1, 0], output_padding: [1, 0] }),
    'ConvTranspose2d(2, 4, 3, padding=1, dilation=2, groups=2)':
      () => new nn.ConvTranspose2d(2, 4, 3, { padding: 1, dilation: 2, groups: 2 }),
    'ConvTranspose1d(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2, bias=False, dilation=2)':
      () => new nn.ConvTranspose1d(4, 6, 3, { stride: 2, padding: 1, output_padding: 1, groups: 2, bias: false, dilation: 2 }),
    'RReLU()': () => new nn.RReLU(),
    'RReLU(0.1, 0.3, True)': () => new nn.RReLU(0.1, 0.3, true),
    'LocalResponseNorm(3)': () => new nn.LocalResponseNorm(3),
    'LocalResponseNorm(2, 1e-3, 0.5, 2.0)': () => new nn.LocalResponseNorm(2, 1e-3, 0.5, 2),
    'ReLU()': () => new nn.ReLU(),
    'ReLU(True)': () => new nn.ReLU(true),
    'ReLU6(True)': () => new nn.ReLU6(true),
    'Hardtanh(inplace=True)': () => new nn.Hardtanh(-1, 1, true),
    'LeakyReLU(inplace=True)': () => new nn.LeakyReLU(0.01, true),
    'ELU(inplace=True)': () => new nn.ELU(1, true),
    'CELU(inplace=True)': () => new nn.CELU(1, true),
    'SELU(True)': () => new nn.SELU(true),
    'SiLU(True)': () => new nn.SiLU(true),
    'Mish(True)': () => new nn.Mish(true),
    'Hardsigmoid(True)': () => new nn.Hardsigmoid(true),
    'Hardswish(True)': () => new nn.Hardswish(true),
    'Threshold(0.1, 20.0, True)': () => new nn.Threshold(0.1, 20, true),
    'Dropout(inplace=True)': () => new nn.Dropout(0.5, true),
    'Dropout2d(inplace=True)': () => new nn.Dropout2d(0.5, true),
    'AlphaDropout(inplace=True)': () => new nn.AlphaDropout(0.5, true),
  };
  for (const r of fixture.reprs) {
    it(`prints ${r.code}`, () => {
      expect(ctors[r.code], `no constructor for ${r.code}`).toBeDefined();
      expect(String(ctors[r.code]())).toBe(r.text);
    });
  }
});

describe('errors with PyTorch messages', () => {
  const z = (...s: number[]) => torch.zeros(s);
  const w2 = z(2, 3, 3, 3);
  const x2 = z(1, 2, 4, 4);
  const leaf = torch.ones([3], { requires_grad: true });
  const calls: Record<string, () => unknown> = {
    'ct2d/channels': () => F.conv_transpose2d(z(1, 3, 4, 4), w2),
    'ct1d/channels': () => F.conv_transpose1d(z(1, 3, 4), z(2, 3, 3)),
    'ct2d/outpad>=stride': () => F.conv_transpose2d(x2, w2, { stride: 2, output_padding: 2 }),
    'ct2d/outpad>=stride-dil': () => F.conv_transpose2d(x2, w2, { stride: 2, dilation: 2, output_padding: 2 }),
    'ct2d/outpad-stride1': () => F.conv_transpose2d(x2, w2, { output_padding: 1 }),
    'ct2d/outpad-one-dim': () => F.conv_transpose2d(x2, w2, { stride: [3, 1], output_padding: [2, 1] }),
    'ct1d/outpad>=stride': () => F.conv_transpose1d(z(1, 2, 4), z(2, 3, 3), { stride: 2, output_padding: 2 }),
    'ct2d/dims': () => F.conv_transpose2d(z(2, 2, 2, 4, 4), w2),
    'ct1d/dims': () => F.conv_transpose1d(z(4), z(2, 3, 3)),
    'ct2d/bias': () => F.conv_transpose2d(x2, w2, z(4)),
    'ct2d/groups-at-least': () => F.conv_transpose2d(x2, w2, { groups: 4 }),
    'ct2d/groups-divisible': () => F.conv_transpose2d(z(1, 3, 4, 4), z(3, 3, 3, 3), { groups: 2 }),
    'ct2d/groups0': () => F.conv_transpose2d(x2, w2, { groups: 0 }),
    'ct2d/stride0': () => F.conv_transpose2d(x2, w2, { stride: 0 }),
    'ct2d/negpad': () => F.conv_transpose2d(x2, w2, { padding: -1 }),
    'ct2d/neg-outpad': () => F.conv_transpose2d(x2, w2, { output_padding: -1 }),
    'ct2d/dil0': () => F.conv_transpose2d(x2, w2, { dilation: 0 }),
    'ct1d/dil0': () => F.conv_transpose1d(z(1, 2, 4), z(2, 3, 3), { dilation: 0 }),
    'ct2d/too-small': () => F.conv_transpose2d(x2, w2, { padding: 3 }),
    'ct1d/too-small': () => F.conv_transpose1d(z(1, 2, 2), z(2, 3, 2), { padding: 2 }),
    'ct2d/stride-len': () => F.conv_transpose2d(x2, w2, { stride: [1, 2, 3] }),
    'ct2d/weight-dims': () => F.conv_transpose2d(x2, z(2, 3, 3)),
    'ConvTranspose2d/padding_mode': () => new nn.ConvTranspose2d(2, 3, 3, { padding_mode: 'reflect' as 'zeros' }),
    'ConvTranspose1d/padding_mode': () => new nn.ConvTranspose1d(2, 3, 3, { padding_mode: 'circular' as 'zeros' }),
    'ConvTranspose2d/in-groups': () => new nn.ConvTranspose2d(3, 4, 3, { groups: 2 }),
    'ConvTranspose2d/out-groups': () => new nn.ConvTranspose2d(4, 3, 3, { groups: 2 }),
    'ConvTranspose2d/output_size-range': () => new nn.ConvTranspose2d(2, 3, 3, { stride: 2 })(x2, [20, 20]),
    'ConvTranspose2d/output_size-len': () => new nn.ConvTranspose2d(2, 3, 3, { stride: 2 })(x2, [1, 2, 3]),
    'ConvTranspose1d/output_size-range': () => new nn.ConvTranspose1d(2, 3, 3, { stride: 3 })(z(2, 2, 4), [9]),
    'ConvTranspose1d/output_size-unbatched': () => new nn.ConvTranspose1d(2, 3, 3, { stride: 3 })(z(2, 4), [15]),
    'ConvTranspose1d/output_size-len': () => new nn.ConvTranspose1d(2, 3, 3)(z(2, 4), [1, 2, 3]),
    'rrelu/bounds-train': () => F.rrelu(z(3), 0.5, 0.1, true),
    'rrelu/bounds-eval': () => F.rrelu(z(3), 0.5, 0.1, false),
    'rrelu/long-train': () => F.rrelu(torch.tensor([-1, 2]), { training: true }),
    'rrelu/long-eval': () => F.rrelu(torch.tensor([-1, 2])),
    'lrn/dims': () => F.local_response_norm(z(2, 3), 2),
    'lrn/size0': () => F.local_response_norm(torch.ones([2, 3, 4]), 0),
    'lrn/size0-4d': () => F.local_response_norm(torch.ones([2, 3, 4, 1]), 0),
    'inplace/leaf': () => new nn.ReLU(true)(leaf),
    'inplace/leaf-elu': () => F.elu(leaf, { inplace: true }),
    'inplace/version': () => {
      const a = torch.tensor([1.0, -2.0, 3.0], { dtype: torch.float32, requires_grad: true });
      const x = a.mul(2);
      const y = x.pow(2);
      F.relu(x, { inplace: true });
      y.sum().backward();
    },
    'inplace/leaky-negative-slope': () => F.leaky_relu(leaf.mul(1), -0.5, true).sum().backward(),
    'inplace/elu-negative-alpha': () => F.elu(leaf.mul(1), -0.5, true).sum().backward(),
  };
  // tocha's autograd words the end of the saved-tensor message differently (src/autograd.ts: it names
  // the node that made the tensor when it was saved, and has a different hint): compared up to there.
  const prefixOnly: Record<string, string> = { 'inplace/version': ' which is output 0 of' };
  for (const e of fixture.errors) {
    it(e.id, () => {
      expect(calls[e.id], `no call for ${e.id}`).toBeDefined();
      const got = messageOf(calls[e.id]);
      const cut = prefixOnly[e.id];
      if (cut) {
        const head = e.message.slice(0, e.message.indexOf(cut));
        expect(got.startsWith(head), got).toBe(true);
        expect(got).toContain('is at version 1; expected version 0 instead.');
      } else expect(got).toBe(e.message);
    });
  }
});
