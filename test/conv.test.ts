// Convolution and pooling against PyTorch 1.13: the shared conformance cases and
// test/fixtures/conv-cases.json (written by test/fixtures/gen_conv.py), forward and every gradient.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { _setColBytes, fold, unfold, type ConvOptions } from '../src/ops/conv.js';
import type { ConvModuleOptions } from '../src/nn/conv.js';

// The public API: ops as torch.nn.functional, layers as torch.nn.
const C = torch.nn.functional;
const M = torch.nn;

interface EncTensor { dtype: 'float32' | 'int64' | 'bool'; shape: number[]; data: (number | string)[] }
type Enc = EncTensor | Enc[] | number | string | boolean | null | { [k: string]: Enc };
interface Case {
  id: string; call?: string; fn?: string; args: Enc[]; kwargs: Record<string, Enc>; out: Enc; grad_out?: EncTensor;
  grads?: (EncTensor | null)[]; tol?: number;
}

const here = (p: string) => new URL(p, import.meta.url);
const shared = JSON.parse(readFileSync(here('../../shared/conformance/torch-cases.json'), 'utf8')) as { cases: Case[] };
const fixture = JSON.parse(readFileSync(here('./fixtures/conv-cases.json'), 'utf8')) as {
  cases: Case[];
  errors: { id: string; message: string }[];
  reprs: { code: string; text: string }[];
  double: {
    fn: 'conv1d' | 'conv2d'; kwargs: ConvOptions; args: (EncTensor | null)[]; g: EncTensor; gx: EncTensor;
    gw: EncTensor; h1: EncTensor; h2: EncTensor; ggx: EncTensor; ggw: EncTensor;
  }[];
  modules: {
    ctor: 'Conv1d' | 'Conv2d'; args: number[]; kwargs: ConvModuleOptions; repr: string; weight: EncTensor;
    bias: EncTensor | null; input: EncTensor; out: EncTensor; grad_out: EncTensor; grad_input: EncTensor;
    grad_weight: EncTensor; grad_bias: EncTensor | null;
  }[];
  inits: { seed: number; ctor: string; args: (number | number[])[]; kwargs: Record<string, number>; weight: EncTensor; bias: EncTensor }[];
};

const isEnc = (v: unknown): v is EncTensor => typeof v === 'object' && v !== null && 'shape' in v && 'data' in v;

function decode(e: EncTensor): Tensor {
  const data = e.data.map((v) => (typeof v === 'string' ? Number(v.replace('inf', 'Infinity')) : v));
  return torch.tensor(data, { dtype: e.dtype }).reshape(e.shape);
}

function decodeArg(v: Enc): unknown {
  if (isEnc(v)) return decode(v);
  return v;
}

function expectClose(what: string, got: unknown, want: EncTensor, tol: number): void {
  expect(got, what).toBeInstanceOf(torch.Tensor);
  const t = got as Tensor;
  expect([...t.shape], `${what} shape`).toEqual(want.shape);
  expect(t.dtype.name, `${what} dtype`).toBe(want.dtype);
  const a = t.reshape([-1]).tolist() as number[];
  want.data.forEach((w, i) => {
    const x = Number(a[i]);
    const y = typeof w === 'string' ? Number(w.replace('inf', 'Infinity')) : w;
    if (Number.isNaN(y)) {
      expect(Number.isNaN(x), `${what}[${i}] NaN`).toBe(true);
      return;
    }
    if (Math.abs(x - y) > tol + tol * Math.abs(y)) expect(x, `${what}[${i}]`).toBe(y);
  });
}

const FNS: Record<string, (...a: any[]) => unknown> = { // eslint-disable-line @typescript-eslint/no-explicit-any
  conv1d: C.conv1d, conv2d: C.conv2d, max_pool1d: C.max_pool1d, max_pool2d: C.max_pool2d, avg_pool1d: C.avg_pool1d,
  avg_pool2d: C.avg_pool2d, adaptive_avg_pool2d: C.adaptive_avg_pool2d, adaptive_max_pool2d: C.adaptive_max_pool2d,
  unfold, fold,
};

/** Runs a case: positional tensors (conv: input, weight, bias), the rest as the options object. */
function runCase(c: Case): void {
  const name = c.fn ?? c.call!.replace('torch.nn.functional.', '');
  const fn = FNS[name];
  const tol = c.tol ?? 1e-5;
  const args = c.args.map(decodeArg);
  if (c.grads) args.forEach((a, i) => { if (c.grads![i]) (a as Tensor).requires_grad_(true); });
  const opts = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, decodeArg(v)]));
  const callArgs = name.startsWith('conv') ? [args[0], args[1], args[2] ?? null, opts] : [...args, opts];
  const out = fn(...callArgs);
  if (Array.isArray(c.out)) {
    const outs = out as Tensor[];
    (c.out as EncTensor[]).forEach((w, i) => expectClose(`out[${i}]`, outs[i], w, tol));
  } else expectClose('out', out, c.out as EncTensor, tol);
  if (!c.grad_out) return;
  const first = Array.isArray(out) ? out[0] : (out as Tensor);
  first.mul(decode(c.grad_out)).sum().backward();
  c.grads!.forEach((g, i) => { if (g) expectClose(`grad of arg ${i}`, (args[i] as Tensor).grad, g, tol * 10); });
}

describe('conformance cases (torch-cases.json)', () => {
  const mine = shared.cases.filter((c) => /^torch\.nn\.functional\.(conv|max_pool|avg_pool|adaptive)/.test(c.call ?? ''));
  it('has the 8 cases', () => expect(mine.length).toBe(8));
  for (const c of mine) it(c.id, () => runCase(c));
});

describe('PyTorch fixture (gen_conv.py)', () => {
  for (const c of fixture.cases) it(c.id, () => runCase(c));
});

describe('double backward (create_graph) against PyTorch', () => {
  for (const c of fixture.double) {
    it(`${c.fn} ${JSON.stringify(c.kwargs)}`, () => {
      const [x, w, b] = c.args.map((a) => (a ? decode(a).requires_grad_() : null));
      const y = (c.fn === 'conv2d' ? C.conv2d : C.conv1d)(x!, w!, b, c.kwargs);
      const [gx, gw] = torch.autograd.grad([y.mul(decode(c.g)).sum()], [x!, w!], { create_graph: true });
      expectClose('grad x', gx, c.gx, 1e-5);
      expectClose('grad w', gw, c.gw, 1e-5);
      gx!.mul(decode(c.h1)).sum().add(gw!.mul(decode(c.h2)).sum()).backward();
      expectClose('d/dx', x!.grad, c.ggx, 1e-4);
      expectClose('d/dw', w!.grad, c.ggw, 1e-4);
    });
  }
});

describe('argument checks with PyTorch messages', () => {
  const r = (...s: number[]) => torch.randn(s);
  const w = r(4, 3, 3, 3);
  const calls: Record<string, () => unknown> = {
    'conv2d/channels': () => C.conv2d(r(2, 5, 7, 6), w),
    'conv2d/dims': () => C.conv2d(r(7, 6), w),
    'conv2d/kernel-too-big': () => C.conv2d(r(2, 3, 2, 2), w),
    'conv2d/groups-divisible': () => C.conv2d(r(2, 3, 7, 6), r(5, 3, 3, 3), { groups: 3 }),
    'conv2d/bias': () => C.conv2d(r(2, 3, 7, 6), w, r(5)),
    'conv2d/stride0': () => C.conv2d(r(2, 3, 7, 6), w, null, { stride: 0 }),
    'conv2d/negpad': () => C.conv2d(r(2, 3, 7, 6), w, null, { padding: -1 }),
    'conv2d/dil0': () => C.conv2d(r(2, 3, 7, 6), w, null, { dilation: 0 }),
    'conv2d/groups0': () => C.conv2d(r(2, 3, 7, 6), w, null, { groups: 0 }),
    'conv2d/same-strided': () => C.conv2d(r(2, 3, 7, 6), w, null, { stride: 2, padding: 'same' }),
    'conv2d/bad-padding': () => C.conv2d(r(2, 3, 7, 6), w, null, { padding: 'foo' as 'same' }),
    'conv2d/stride-len': () => C.conv2d(r(2, 3, 7, 6), w, null, { stride: [1, 2, 3] }),
    'conv1d/dims': () => C.conv1d(r(2, 3, 7, 6), r(4, 3, 3)),
    'max_pool2d/dims': () => C.max_pool2d(r(6, 6), 2),
    'max_pool2d/pad': () => C.max_pool2d(r(2, 3, 6, 6), 2, { padding: 2 }),
    'max_pool2d/too-small': () => C.max_pool2d(r(2, 3, 1, 1), 2),
    'max_pool2d/stride0': () => C.max_pool2d(r(2, 3, 6, 6), 2, { stride: 0 }),
    'max_pool2d/dil0': () => C.max_pool2d(r(2, 3, 6, 6), 2, { dilation: 0 }),
    'max_pool1d/dims': () => C.max_pool1d(r(2, 3, 6, 6), 2),
    'avg_pool2d/pad': () => C.avg_pool2d(r(2, 3, 6, 6), 2, { padding: 2 }),
    'avg_pool2d/divisor0': () => C.avg_pool2d(r(2, 3, 6, 6), 2, { divisor_override: 0 }),
    'avg_pool1d/dims': () => C.avg_pool1d(r(2, 3, 6, 6), 2),
    'adaptive_avg_pool2d/empty': () => C.adaptive_avg_pool2d(r(2, 3, 0, 6), [2, 3]),
    'adaptive_avg_pool2d/size': () => C.adaptive_avg_pool2d(r(2, 3, 6, 6), [2, 3, 4]),
    'fold/divisible': () => fold(r(2, 13, 20), [5, 6], 2),
    'fold/blocks': () => fold(r(2, 12, 21), [5, 6], 2),
  };
  for (const e of fixture.errors) {
    it(e.id, () => {
      expect(calls[e.id], `no call for ${e.id}`).toBeDefined();
      expect(calls[e.id]).toThrow(e.message);
      const msg = (() => { try { calls[e.id](); } catch (err) { return (err as Error).message; } return ''; })();
      expect(msg).toBe(e.message);
    });
  }
});

describe('operand dtypes, checked where PyTorch 1.13 checks them', () => {
  // PyTorch 1.13's messages (scripts: F.conv2d(torch.randint(0, 5, (1, 1, 5, 5)), torch.rand(2, 1, 3, 3), torch.rand(2)), ...)
  const L = (...s: number[]) => torch.randint(0, 5, s);
  const R = (...s: number[]) => torch.rand(s);
  const cases: [() => unknown, string][] = [
    // conv2d compares the bias with the input first, before its dims, the bias's size or the stride
    [() => C.conv2d(L(1, 1, 5, 5), R(2, 1, 3, 3), R(2)), 'Input type (long int) and bias type (float) should be the same'],
    [() => C.conv2d(L(5, 5), R(2, 1, 3, 3), R(2)), 'Input type (long int) and bias type (float) should be the same'],
    [() => C.conv2d(L(1, 1, 5, 5), R(2, 1, 3, 3), R(3)), 'Input type (long int) and bias type (float) should be the same'],
    [() => C.conv2d(L(1, 1, 5, 5), R(2, 1, 3, 3), R(2), { stride: 0 }), 'Input type (long int) and bias type (float) should be the same'],
    [() => C.conv2d(R(1, 1, 5, 5), R(2, 1, 3, 3), L(2)), 'Input type (float) and bias type (long int) should be the same'],
    [() => C.conv2d(R(1, 1, 5, 5).bool(), R(2, 1, 3, 3), R(2)), 'Input type (bool) and bias type (float) should be the same'],
    [() => new torch.nn.Conv2d(1, 2, 3)(L(1, 1, 5, 5)), 'Input type (long int) and bias type (float) should be the same'],
    // otherwise the kernel's: the input's scalar type is the kernel's, after the shapes are checked
    [() => C.conv2d(L(1, 1, 5, 5), R(2, 1, 3, 3)), 'expected scalar type Long but found Float'],
    [() => C.conv2d(R(1, 1, 5, 5), L(2, 1, 3, 3)), 'expected scalar type Float but found Long'],
    [() => C.conv2d(R(1, 1, 5, 5), R(2, 1, 3, 3).bool(), R(2)), 'expected scalar type Float but found Bool'],
    [() => C.conv2d(L(1, 1, 5, 5), R(2, 1, 3, 3), R(2), { padding: 'same' }), 'expected scalar type Long but found Float'],
    [() => C.conv1d(L(1, 1, 5), R(2, 1, 3), R(2)), 'expected scalar type Long but found Float'],
    [() => C.conv1d(L(1, 5, 5), R(2, 1, 3), R(2)),
      'Given groups=1, weight of size [2, 1, 3], expected input[1, 5, 5] to have 1 channels, but got 5 channels instead'],
    [() => C.conv3d(L(1, 1, 5, 5, 5), R(2, 1, 3, 3, 3)), 'expected scalar type Long but found Float'],
    [() => C.conv_transpose2d(R(1, 1, 5, 5), R(1, 2, 3, 3), L(2)), 'expected scalar type Float but found Long'],
    [() => C.conv_transpose1d(L(1, 1, 5), R(1, 2, 3), R(2)), 'expected scalar type Long but found Float'],
  ];
  it('gives PyTorch messages', () => {
    for (const [f, msg] of cases) {
      let got = '';
      try { f(); } catch (err) { got = (err as Error).message; }
      expect(got).toBe(msg);
    }
  });
});

describe('calling conventions', () => {
  it('max_pool2d takes PyTorch positional arguments', () => {
    const x = torch.randn([1, 2, 7, 7]);
    const a = C.max_pool2d(x, 3, 2, 1, 1, true);
    const b = C.max_pool2d(x, 3, { stride: 2, padding: 1, ceil_mode: true });
    expect(a.equal(b)).toBe(true);
    const [v, i] = C.max_pool2d(x, 3, 2, 1, 1, false, true);
    expect(v.equal(C.max_pool2d(x, 3, { stride: 2, padding: 1 }))).toBe(true);
    expect(i.dtype).toBe(torch.int64);
  });
  it('avg_pool2d takes PyTorch positional arguments', () => {
    const x = torch.randn([1, 2, 7, 7]);
    const a = C.avg_pool2d(x, 3, 2, 1, true, false);
    const b = C.avg_pool2d(x, 3, { stride: 2, padding: 1, ceil_mode: true, count_include_pad: false });
    expect(a.equal(b)).toBe(true);
  });
  it('conv2d without bias takes the options third', () => {
    const x = torch.randn([1, 2, 6, 6]);
    const w = torch.randn([3, 2, 3, 3]);
    expect(C.conv2d(x, w, { stride: 2 }).equal(C.conv2d(x, w, null, { stride: 2 }))).toBe(true);
  });
  it('unfold and fold are adjoint and twice differentiable', () => {
    const x = torch.randn([2, 3, 6, 5]).requires_grad_();
    const u = unfold(x, [2, 3], { padding: 1, stride: [2, 1] });
    expect(u.grad_fn!.name()).toBe('Im2ColBackward0');
    const back = fold(u, [6, 5], [2, 3], { padding: 1, stride: [2, 1] });
    expect(back.grad_fn!.name()).toBe('Col2ImBackward0');
    // non-overlapping blocks: fold(unfold(x)) = x
    const v = torch.randn([1, 2, 6, 4]);
    expect(fold(unfold(v, 2, { stride: 2 }), [6, 4], 2, { stride: 2 }).equal(v)).toBe(true);
    // grad of Σ unfold(x)² is 2·fold(unfold(x)); its own grad exists (create_graph)
    const gx = torch.autograd.grad([u.square().sum()], [x], { create_graph: true })[0]!;
    expect(gx.allclose(back.mul(2).detach())).toBe(true);
    expect(gx.requires_grad).toBe(true);
  });
  it('grad_fn names follow PyTorch', () => {
    const x = torch.randn([1, 2, 6, 6]).requires_grad_();
    const w = torch.randn([3, 2, 3, 3]);
    expect(C.conv2d(x, w).grad_fn!.name()).toBe('ConvolutionBackward0');
    expect(C.max_pool2d(x, 2).grad_fn!.name()).toBe('MaxPool2DWithIndicesBackward0');
    expect(C.avg_pool2d(x, 2).grad_fn!.name()).toBe('AvgPool2DBackward0');
    expect(C.adaptive_avg_pool2d(x, 2).grad_fn!.name()).toBe('AdaptiveAvgPool2DBackward0');
    expect(C.adaptive_avg_pool2d(x, 1).grad_fn!.name()).toBe('MeanBackward1');
    expect(C.adaptive_max_pool2d(x, 2).grad_fn!.name()).toBe('AdaptiveMaxPool2DBackward0');
  });
  it('non-contiguous inputs give the same result', () => {
    const x = torch.randn([6, 3, 5, 4]);
    const w = torch.randn([2, 3, 3, 3]);
    const xt = x.transpose(2, 3).contiguous().transpose(2, 3);
    expect(C.conv2d(xt, w, null, { padding: 1 }).allclose(C.conv2d(x, w, null, { padding: 1 }))).toBe(true);
  });
  const chunkCases: [string, number, number, ConvOptions][] = [
    ['3x3 groups 2', 3, 2, { padding: 1, groups: 2 }],
    ['1x1 (col = input)', 1, 4, {}],
  ];
  for (const [name, k, cg, o] of chunkCases) {
    it(`a batch processed in chunks gives the same values and gradients (${name})`, () => {
      const run = () => {
        torch.manual_seed(3);
        const x = torch.randn([7, 4, 6, 5]).requires_grad_();
        const w = torch.randn([6, cg, k, k]).requires_grad_();
        const b = torch.randn([6]).requires_grad_();
        const y = C.conv2d(x, w, b, o);
        y.backward(torch.randn(y.shape));
        return [y, x.grad!, w.grad!, b.grad!].map((t) => t.tolist());
      };
      const whole = run();
      const prev = _setColBytes(4 * 4 * 9 * 30 * 2); // two images per chunk
      try {
        expect(run()).toEqual(whole);
      } finally {
        _setColBytes(prev);
      }
    });
  }
});

describe('modules (src/nn/conv.ts)', () => {
  const ctors: Record<string, () => { toString(): string }> = {
    'Conv2d(3, 8, 3, stride=2, padding=1)': () => new M.Conv2d(3, 8, 3, { stride: 2, padding: 1 }),
    'Conv2d(1, 4, 3)': () => new M.Conv2d(1, 4, 3),
    'Conv2d(4, 8, (3, 5), stride=(2, 1), padding=(1, 2), dilation=(2, 1), groups=2, bias=False)': () =>
      new M.Conv2d(4, 8, [3, 5], { stride: [2, 1], padding: [1, 2], dilation: [2, 1], groups: 2, bias: false }),
    "Conv2d(2, 2, 3, padding='same')": () => new M.Conv2d(2, 2, 3, { padding: 'same' }),
    "Conv2d(2, 2, 3, padding='valid')": () => new M.Conv2d(2, 2, 3, { padding: 'valid' }),
    'Conv1d(3, 5, 4, stride=2, padding=1)': () => new M.Conv1d(3, 5, 4, { stride: 2, padding: 1 }),
    'Conv1d(3, 5, 4, bias=False, dilation=2)': () => new M.Conv1d(3, 5, 4, { bias: false, dilation: 2 }),
    'MaxPool2d(2)': () => new M.MaxPool2d(2),
    'MaxPool2d(3, stride=2, padding=1, ceil_mode=True)': () => new M.MaxPool2d(3, { stride: 2, padding: 1, ceil_mode: true }),
    'MaxPool2d((2, 3), return_indices=True)': () => new M.MaxPool2d([2, 3], { return_indices: true }),
    'MaxPool1d(3, stride=2)': () => new M.MaxPool1d(3, { stride: 2 }),
    'AvgPool2d(2)': () => new M.AvgPool2d(2),
    'AvgPool2d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False, divisor_override=4)': () =>
      new M.AvgPool2d(3, { stride: 2, padding: 1, ceil_mode: true, count_include_pad: false, divisor_override: 4 }),
    'AvgPool1d(3)': () => new M.AvgPool1d(3),
    'AdaptiveAvgPool2d((1, 1))': () => new M.AdaptiveAvgPool2d([1, 1]),
    'AdaptiveAvgPool2d(5)': () => new M.AdaptiveAvgPool2d(5),
    'AdaptiveAvgPool2d((None, 7))': () => new M.AdaptiveAvgPool2d([null, 7]),
    'AdaptiveMaxPool2d(2)': () => new M.AdaptiveMaxPool2d(2),
    'Unfold((2, 3), padding=1)': () => new M.Unfold([2, 3], { padding: 1 }),
    'Fold((5, 6), 2)': () => new M.Fold([5, 6], 2),
    'Fold(4, (2, 2), dilation=2, stride=(1, 2))': () => new M.Fold(4, [2, 2], { dilation: 2, stride: [1, 2] }),
  };
  for (const r of fixture.reprs) {
    it(`prints ${r.code}`, () => {
      expect(ctors[r.code], `no constructor for ${r.code}`).toBeDefined();
      expect(String(ctors[r.code]())).toBe(r.text);
    });
  }
  it('prints the conformance Sequential stacks', () => {
    expect(String(new M.Conv2d(3, 8, 3, { stride: 2, padding: 1 }))).toBe('Conv2d(3, 8, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))');
    expect(String(new M.MaxPool2d(2))).toBe('MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)');
  });
  for (const c of fixture.inits) {
    it(`initializes ${c.ctor}(${c.args.join(', ')}) as PyTorch after manual_seed(${c.seed})`, () => {
      torch.manual_seed(c.seed);
      const Ctor = c.ctor === 'Conv2d' ? M.Conv2d : M.Conv1d;
      const m = new Ctor(c.args[0] as number, c.args[1] as number, c.args[2], c.kwargs);
      expectClose('weight', m.weight, c.weight, 1e-7);
      expectClose('bias', m.bias, c.bias, 1e-7);
      expect([...m.named_parameters()].map(([k]) => k)).toEqual(['weight', 'bias']);
    });
  }
  it('forward and backward run through the layer', () => {
    const conv = new M.Conv2d(2, 3, 3, { padding: 'same', bias: false });
    const x = torch.randn([2, 2, 5, 5]);
    const y = conv(x);
    expect([...y.shape]).toEqual([2, 3, 5, 5]);
    y.sum().backward();
    expect([...conv.weight.grad!.shape]).toEqual([3, 2, 3, 3]);
    expect(conv.bias).toBeNull();
    expect([...conv.state_dict() ? Object.keys(conv.state_dict()) : []]).toEqual(['weight']);
    const [v, i] = new M.MaxPool2d(2, { return_indices: true })(x) as unknown as [Tensor, Tensor];
    expect(i.dtype).toBe(torch.int64);
    expect(v.equal(C.max_pool2d(x, 2))).toBe(true);
  });
  for (const c of fixture.modules) {
    it(`${c.repr}: padding_mode pads first (forward and gradients)`, () => {
      const Ctor = c.ctor === 'Conv2d' ? M.Conv2d : M.Conv1d;
      const m = new Ctor(c.args[0], c.args[1], c.args[2], c.kwargs);
      expect(String(m)).toBe(c.repr);
      m.weight.data = decode(c.weight);
      if (c.bias) m.bias!.data = decode(c.bias);
      const x = decode(c.input).requires_grad_();
      const y = m(x);
      expectClose('out', y, c.out, 1e-5);
      y.backward(decode(c.grad_out));
      expectClose('grad input', x.grad, c.grad_input, 1e-4);
      expectClose('grad weight', m.weight.grad, c.grad_weight, 1e-4);
      if (c.grad_bias) expectClose('grad bias', m.bias!.grad, c.grad_bias, 1e-4);
    });
  }
  it('checks padding sizes of padding_mode as PyTorch', () => {
    expect(() => new M.Conv2d(2, 3, 3, { padding: 3, padding_mode: 'reflect' })(torch.randn([1, 2, 3, 3])))
      .toThrow('Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (3, 3) at dimension 3 of input 4');
    expect(() => new M.Conv2d(2, 3, 3, { padding: 4, padding_mode: 'circular' })(torch.randn([1, 2, 3, 3])))
      .toThrow('Padding value causes wrapping around more than once.');
  });
  it('keeps memory flat over training steps (no tensor left behind by forward or backward)', () => {
    const conv = new M.Conv2d(1, 4, 3, { padding: 1 });
    const conv2 = new M.Conv2d(4, 4, 3, { padding: 1, padding_mode: 'reflect', groups: 2 });
    const x = torch.randn([3, 1, 10, 10]).keep();
    const params = [...conv.parameters(), ...conv2.parameters()];
    const step = () => torch.tidy(() => {
      const h = C.max_pool2d(conv(x).relu(), 2, { return_indices: true })[0];
      const y = C.adaptive_max_pool2d(C.avg_pool2d(conv2(h), 2, { ceil_mode: true }), 1);
      y.sum().backward();
      for (const p of params) { p.grad?.dispose(); p.grad = null; }
    });
    for (let i = 0; i < 3; i++) step();
    const before = torch.memory_stats();
    for (let i = 0; i < 10; i++) step();
    const after = torch.memory_stats();
    expect(after.live_tensors).toBe(before.live_tensors);
    expect(after.bytes_in_use).toBe(before.bytes_in_use);
    x.dispose();
  });
  it('checks its arguments as PyTorch', () => {
    expect(() => new M.Conv2d(3, 4, 3, { groups: 2 })).toThrow('in_channels must be divisible by groups');
    expect(() => new M.Conv2d(4, 3, 3, { groups: 2 })).toThrow('out_channels must be divisible by groups');
    expect(() => new M.Conv2d(4, 4, 3, { groups: 0 })).toThrow('groups must be a positive integer');
    expect(() => new M.Conv2d(4, 4, 3, { stride: 2, padding: 'same' })).toThrow("padding='same' is not supported for strided convolutions");
  });
});
