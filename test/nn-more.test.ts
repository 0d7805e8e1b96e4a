// The torch.nn additions against PyTorch 1.13: test/fixtures/nn-more.json, written by scripts/gen-nn-more.py
// (fractional max pooling with PyTorch's draws for a seed, max_unpool3d, dropout3d and the feature dropouts'
// draws, ...): forward values, indices, gradients, grad_fn names, reprs, state_dict keys, warnings and errors.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture as readFixture, type EncTensor, num, decode, expectTensor } from './fixture.js';

const F = torch.nn.functional;
const nn = torch.nn;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const fixture = readFixture('nn-more.json') as Record<string, Any>;

/** Bit-for-bit equality with PyTorch (NaN where PyTorch has NaN), shape and dtype included. */
function expectExact(what: string, got: Tensor | null | undefined, want: EncTensor): void {
  expect(got, what).toBeInstanceOf(torch.Tensor);
  expect([...got!.shape], `${what} shape`).toEqual(want.shape);
  expect(got!.dtype.name, `${what} dtype`).toBe(want.dtype);
  const a = got!.reshape([-1]).tolist() as number[];
  const w = want.data.map((v) => (want.dtype === 'float32' ? Math.fround(num(v)) : num(v)));
  const bad = a.findIndex((v, i) => !Object.is(v, w[i]) && !(v === 0 && w[i] === 0));
  expect(bad, `${what}: first difference at ${bad} (${a[bad]} vs PyTorch ${w[bad]})`).toBe(-1);
}

/** Within tol·(1 + |want|) of PyTorch, element by element (tol 0: bit for bit). */
function expectTensorClose(what: string, got: Tensor, want: EncTensor, tol: number): void {
  if (tol === 0) expectExact(what, got, want);
  else expectTensor(what, got, want, tol);
}

/** The warnings tocha printed (console.warn, 'UserWarning: ' stripped) while running f. */
function warningsOf<T>(f: () => T): [T, string[]] {
  const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    const r = f();
    return [r, spy.mock.calls.map((c) => String(c[0]).replace(/^UserWarning: /, ''))];
  } finally {
    spy.mockRestore();
  }
}

// ---------------------------------------------------------------- fractional max pooling

describe('fractional_max_pool2d / 3d against PyTorch: draws for a seed, values, indices, gradients', () => {
  for (const c of fixture.frac) {
    it(c.id, () => {
      const x = decode(c.input).requires_grad_();
      const kw = { ...c.kwargs, ...(c.samples ? { _random_samples: decode(c.samples) } : {}) };
      if (c.seed !== null) torch.manual_seed(c.seed);
      const r = (F as Any)[c.fn](x, c.kernel, kw);
      if (c.seed !== null) expectExact('draws after', torch.rand(3), c.after);
      const [y, idx] = Array.isArray(r) ? r : [r, null];
      expectExact('out', y, c.out);
      if (c.indices) expectExact('indices', idx, c.indices);
      expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
      y.mul(decode(c.grad_out)).sum().backward();
      expectExact('grad', x.grad, c.grad);
    });
  }

  it('a NaN wins its window; ties go to the first maximum', () => {
    const c = fixture.frac_nan;
    torch.manual_seed(c.seed);
    const [y, i] = F.fractional_max_pool2d(decode(c.input), 2, { output_size: 3, return_indices: true });
    expectExact('out', y, c.out);
    expectExact('indices', i, c.indices);
  });

  it('takes its optional arguments by position, as PyTorch (output_size, output_ratio, return_indices, _random_samples)', () => {
    const x = torch.randn(1, 2, 7, 8);
    const u = torch.rand(1, 2, 2);
    const [a, ia] = F.fractional_max_pool2d(x, 2, 3, null, true, u) as unknown as [Tensor, Tensor];
    const [b, ib] = F.fractional_max_pool2d(x, 2, { output_size: 3, return_indices: true, _random_samples: u });
    expect(a.tolist()).toEqual(b.tolist());
    expect(ia.tolist()).toEqual(ib.tolist());
    expect(() => (F.fractional_max_pool2d as Any)(x, 2, 3, null, true, u, 1))
      .toThrow('fractional_max_pool2d() takes from 2 to 6 positional arguments but 7 were given');
    expect(() => (F.fractional_max_pool2d as Any)(x, 2, { output_sizes: 3 }))
      .toThrow("fractional_max_pool2d() got an unexpected keyword argument 'output_sizes'");
  });

  it('given samples of the wrong shape or placing a window outside the input, refuses (PyTorch 1.13 reads out of bounds)', () => {
    const x = torch.randn(2, 3, 7, 8);
    const call = (u: Tensor) => () => F.fractional_max_pool2d(x, 2, { output_size: 3, _random_samples: u });
    expect(call(torch.rand(1, 3, 2))).toThrow('Expect _random_samples.size(0) no less then input batch size.');
    expect(call(torch.rand(2, 2, 2))).toThrow('Expect _random_samples.size(1) equals to input channel size.');
    expect(call(torch.rand(2, 3, 3))).toThrow('Expect _random_samples.size(2) equals to 2; got 3.');
    expect(call(torch.rand(2, 3))).toThrow('Expect _random_samples to have 3 dimensions, got 2');
    expect(call(torch.full([2, 3, 2], 16777226, { dtype: torch.float32 }))).toThrow(/^fractional_max_pool2d: _random_samples place a pooling window outside the input/);
    expect(() => F.fractional_max_pool3d(torch.randn(1, 1, 6, 6, 6), 0, { output_size: 2 }))
      .toThrow('fractional_max_pool3d_out(): kernel_size must be greater than zero, but got [0, 0, 0]');
  });
});

describe('FractionalMaxPool2d / 3d against PyTorch', () => {
  for (const c of fixture.frac_modules) {
    it(`${c.repr} ${JSON.stringify(c.kwargs)}`, () => {
      const m = new (nn as Any)[c.ctor](...c.args, c.kwargs);
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.state_dict())).toEqual(c.state_dict);
      expect(m.kernel_size).toEqual(c.kernel_size);
      expect(m.output_size).toEqual(c.output_size);
      expect(m.output_ratio).toEqual(c.output_ratio);
      torch.manual_seed(c.seed);
      const r = m(decode(c.input));
      const [y, i] = Array.isArray(r) ? r : [r, null];
      expectExact('out', y, c.out);
      if (c.indices) expectExact('indices', i, c.indices);
    });
  }

  it('_random_samples given to the constructor are a buffer, used for every call', () => {
    const c = fixture.frac_module_samples;
    const m = new nn.FractionalMaxPool2d(2, { output_size: 3, _random_samples: decode(c.samples) });
    expect(String(m)).toBe(c.repr);
    expect(Object.keys(m.state_dict())).toEqual(c.state_dict);
    expectExact('out', m(decode(c.input)), c.out);
    expectExact('again', m(decode(c.input)), c.out);
  });
});

// ---------------------------------------------------------------- max_unpool3d

describe('max_unpool3d / MaxUnpool3d against PyTorch', () => {
  for (const c of fixture.unpool3d) {
    it(c.id, () => {
      const x = decode(c.input).requires_grad_();
      const y = F.max_unpool3d(x, decode(c.indices), c.kernel, c.kwargs);
      expectExact('out', y, c.out);
      expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
      y.mul(decode(c.grad_out)).sum().backward();
      expectExact('grad', x.grad, c.grad);
    });
  }

  it('prints as PyTorch; the module is F.max_unpool3d', () => {
    expect([new nn.MaxUnpool3d(2, { stride: 1, padding: [0, 1, 0] }), new nn.MaxUnpool3d([2, 3, 1]), new nn.MaxUnpool3d(3, 2)]
      .map(String)).toEqual(fixture.unpool3d_reprs);
    const c = fixture.unpool3d[1];
    const m = new nn.MaxUnpool3d(c.kernel, c.kwargs.stride, c.kwargs.padding);
    expectExact('out', m(decode(c.input), decode(c.indices)), c.out);
  });
});

// ---------------------------------------------------------------- dropout

describe('dropout3d and the feature dropouts: PyTorch\'s masks, draws, warnings and ranks', () => {
  for (const c of fixture.dropout) {
    it(`${c.fn}(${c.shape}, p=${c.p}, training=${c.training}, inplace=${c.inplace})`, () => {
      const x = torch.ones(c.shape).mul(2);
      torch.manual_seed(c.seed);
      const [y, warns] = warningsOf(() => (F as Any)[c.fn](x, c.p, c.training, c.inplace) as Tensor);
      expectExact('draws after', torch.rand(2), c.after);
      expectExact('out', y, c.out);
      expect(y === x).toBe(c.same);
      expectExact('input after', x, c.input_after);
      expect(warns).toEqual(c.warnings);
    });
  }

  it('Dropout3d prints and masks as PyTorch; eval is the identity', () => {
    expect([String(new nn.Dropout3d()), String(new nn.Dropout3d(0.2, true))]).toEqual(fixture.dropout3d_repr);
    const c = fixture.dropout3d_module;
    const m = new nn.Dropout3d(0.4);
    const x = torch.ones(2, 4, 1, 2, 2);
    torch.manual_seed(c.seed);
    expectExact('train', m(x), c.out);
    expectExact('eval', m.eval()(x), c.eval);
  });

  it('gradients go through the mask', () => {
    const x = torch.ones(2, 3, 2, 2, 2).requires_grad_();
    torch.manual_seed(5);
    const y = F.dropout3d(x, 0.5);
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual(y.detach().tolist());
  });
});

// ---------------------------------------------------------------- lazy modules

/** A state_dict as [key, repr of uninitialized entries or 'tensor'] (gen-nn-more.py's sd_repr). */
function sdRepr(m: torch.nn.Module): [string, string][] {
  return Object.entries(m.state_dict()).map(([k, v]) => [k, nn.UninitializedParameter && (v instanceof nn.UninitializedParameter ||
    v instanceof nn.UninitializedBuffer) ? String(v) : 'tensor']);
}

/** A lazy module's constructor call: PyTorch's positional arguments, then its keyword arguments as the options object. */
function lazyModule(c: { ctor: string; args: unknown[]; kwargs: Record<string, unknown> }): Any {
  return new (nn as Any)[c.ctor](...c.args, c.kwargs);
}

describe('lazy modules against PyTorch: uninitialized until the first forward, then the regular class', () => {
  for (const c of fixture.lazy) {
    it(`${c.repr} on ${JSON.stringify(c.input.shape)}`, () => {
      const m = lazyModule(c);
      expect(String(m)).toBe(c.repr);
      expect(sdRepr(m)).toEqual(c.state_dict);
      expect(m.has_uninitialized_params()).toBe(c.has_uninitialized);
      const x = decode(c.input).requires_grad_();
      torch.manual_seed(c.seed);
      const fargs = c.forward_kwargs.output_size ? [c.forward_kwargs.output_size] : [];
      if (c.error) {
        expect(() => m(x, ...fargs)).toThrow(c.error);
        return;
      }
      const y = m(x, ...fargs) as Tensor;
      expect(m.constructor.name).toBe(c.class_after);
      expect(m).toBeInstanceOf((nn as Any)[c.class_after]);
      expect(m).not.toBeInstanceOf((nn as Any)[c.ctor]);
      expect(String(m)).toBe(c.repr_after);
      // initialization draws and values: PyTorch's bits
      const state = Object.entries(m.state_dict()) as [string, Tensor][];
      expect(state.map(([k]) => k)).toEqual(c.state_after.map((e: [string, EncTensor]) => e[0]));
      c.state_after.forEach(([k, want]: [string, EncTensor], i: number) => {
        if (want.dtype === 'float32' && /running_(mean|var)$/.test(k)) {
          // running statistics: a float32 mean/variance of the batch (reduction order), within 1e-6
          const got = state[i][1].reshape([-1]).tolist() as number[];
          got.forEach((v, j) => expect(Math.abs(v - num(want.data[j]))).toBeLessThan(1e-6 * (1 + Math.abs(v))));
        } else expectExact(k, state[i][1], want);
      });
      expectExact('draws after', torch.rand(2), c.after);
      // float32 sums in another order than MKL's: an ulp or two
      expectTensorClose('out', y, c.out, 2e-6);
      y.mul(decode(c.grad_out)).sum().backward();
      expectTensorClose('grad input', x.grad!, c.grad, /Norm/.test(c.ctor) ? 1e-5 : 2e-6);
      const named = Object.fromEntries(m.named_parameters()) as Record<string, Tensor>;
      for (const [k, want] of c.param_grads as [string, EncTensor][]) expectTensorClose(`grad ${k}`, named[k].grad!, want, 1e-5);
    });
  }

  it('a model of lazy layers prints, counts and trains as PyTorch; SGD and Adam made before the first forward keep working', () => {
    const c = fixture.lazy_mlp;
    class LazyMLP extends nn.Module {
      fc1 = new nn.LazyLinear(6);
      relu1 = new nn.ReLU();
      fc2 = new nn.LazyLinear(2);
      override forward(x: Tensor): Tensor { return this.fc2(this.relu1(this.fc1(x))); }
    }
    const net = new LazyMLP();
    expect(String(net)).toBe(c.repr);
    expect(sdRepr(net)).toEqual(c.state_dict);
    expect([...net.parameters()].length).toBe(c.n_params);
    const sgd = new torch.optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 });
    const x = decode(c.input);
    torch.manual_seed(c.seed);
    for (let step = 0; step < 3; step++) {
      sgd.zero_grad();
      net(x).pow(2).sum().backward();
      sgd.step();
    }
    expect(String(net)).toBe(c.repr_after);
    const params = [...net.named_parameters()];
    c.params.forEach(([k, want]: [string, EncTensor], i: number) => {
      expect(params[i][0]).toBe(k);
      expectTensorClose(k, params[i][1], want, 1e-5);
    });
    const net2 = new LazyMLP();
    const adam = new torch.optim.Adam(net2.parameters(), { lr: 0.01 });
    torch.manual_seed(91);
    for (let step = 0; step < 3; step++) {
      adam.zero_grad();
      net2(x).pow(2).sum().backward();
      adam.step();
    }
    const p2 = [...net2.named_parameters()];
    c.adam.forEach(([k, want]: [string, EncTensor], i: number) => expectTensorClose(k, p2[i][1], want, 1e-5));
    const st = adam.state_dict().state[0];
    for (const [k, want] of c.adam_state as [string, EncTensor][]) expectTensorClose(`adam ${k}`, st[k], want, 1e-5);
  });

  it('load_state_dict into an uninitialized lazy module materializes it; it becomes the regular class at the next forward', () => {
    const c = fixture.lazy_load;
    const lz = new nn.LazyLinear(3);
    const full = new nn.Linear(5, 3);
    full.load_state_dict({ weight: decode(c.weight), bias: decode(c.bias) });
    const res = lz.load_state_dict(full.state_dict());
    expect(res.missing_keys).toEqual(c.missing);
    expect(res.unexpected_keys).toEqual(c.unexpected);
    expect(String(lz)).toBe(c.repr_loaded);
    expect(lz.constructor.name).toBe(c.class_loaded);
    const y = lz(decode(c.input));
    expectTensorClose('out', y, c.out, 2e-6);
    expect(String(lz)).toBe(c.repr_after); // in_features stays 0, as in PyTorch
    expect(lz.constructor.name).toBe(c.class_after);
    expect(lz.in_features).toBe(c.in_features);
    const lbn = new nn.LazyBatchNorm1d();
    lbn.load_state_dict(Object.fromEntries(c.bn_state.map(([k, v]: [string, EncTensor]) => [k, decode(v)])));
    const got = Object.entries(lbn.state_dict()) as [string, Tensor][];
    c.bn_loaded.forEach(([k, want]: [string, EncTensor], i: number) => {
      expect(got[i][0]).toBe(k);
      expectExact(k, got[i][1], want);
    });
    expect(String(lbn)).toBe(c.bn_repr);
    const ll = new nn.LazyLinear(3);
    expect(ll.load_state_dict(new nn.LazyLinear(3).state_dict())).toEqual({ missing_keys: [], unexpected_keys: [] });
    expect(sdRepr(ll)).toEqual(c.lazy_into_lazy_repr);
  });

  it('a failed load into a lazy module changes nothing (PyTorch materializes before it reports the missing keys)', () => {
    const lz = new nn.LazyLinear(3);
    expect(() => lz.load_state_dict({ weight: torch.zeros(3, 4) })).toThrow('Missing key(s) in state_dict: "bias".');
    expect(lz.has_uninitialized_params()).toBe(true);
    expect(String(lz.weight)).toBe('<UninitializedParameter>');
  });

  it('UninitializedParameter / UninitializedBuffer as PyTorch: repr, requires_grad, size(), materialize in place', () => {
    const c = fixture.uninit;
    const p = new nn.UninitializedParameter();
    const b = new nn.UninitializedBuffer();
    const q = new nn.UninitializedParameter(false);
    expect([String(p), p.requires_grad, [...p.size()], p.is_leaf]).toEqual(c.p);
    expect([String(b), b.requires_grad]).toEqual(c.b);
    expect(q.requires_grad).toBe(c.q);
    expect(p).toBeInstanceOf(nn.Parameter);
    p.materialize([2, 3]);
    b.materialize(4);
    expect([p.constructor.name, [...p.shape], p.requires_grad, b.constructor.name, [...b.shape]]).toEqual(c.after);
    expect(p).not.toBeInstanceOf(nn.UninitializedParameter);
    expect(String(new nn.Sequential(new nn.LazyConv2d(8, 3), new nn.LazyBatchNorm2d(), new nn.ReLU(), new nn.Flatten(),
      new nn.LazyLinear(10)))).toBe(fixture.lazy_seq_repr);
  });

  it('leaves nothing behind: materialized parameters are kept, the replaced ones released', () => {
    const before = torch.memory_stats().live_tensors;
    torch.tidy(() => {
      const m = new nn.LazyConv2d(4, 3);
      torch.no_grad(() => m(torch.randn(1, 2, 5, 5)));
      m.dispose();
    });
    expect(torch.memory_stats().live_tensors).toBe(before);
  });
});

// ---------------------------------------------------------------- DataParallel, SyncBatchNorm, Container, NLLLoss2d

describe('DataParallel, SyncBatchNorm, Container, NLLLoss2d as PyTorch 1.13 without GPUs', () => {
  it('DataParallel keeps the module under `module` and runs it (device_ids = [])', () => {
    const c = fixture.data_parallel;
    const lin = new nn.Linear(3, 2);
    lin.load_state_dict({ weight: decode(c.weight), bias: decode(c.bias) });
    const dp = new nn.DataParallel(lin);
    expect(String(dp)).toBe(c.repr);
    expect(Object.keys(dp.state_dict())).toEqual(c.state_dict);
    expect(dp.device_ids).toEqual(c.device_ids);
    const y = dp(decode(c.input));
    expectTensorClose('out', y, c.out, 2e-6);
    expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
    expect(String(new nn.DataParallel(new nn.Sequential(new nn.Linear(2, 2), new nn.ReLU()), [0, 1], null, 1))).toBe(c.nested);
    // loading a checkpoint of the wrapped model
    const again = new nn.DataParallel(new nn.Linear(3, 2));
    again.load_state_dict(dp.state_dict());
    expectTensorClose('reloaded', again(decode(c.input)), c.out, 2e-6);
  });

  it('SyncBatchNorm prints and saves as a BatchNorm; its forward is PyTorch\'s error on CPU tensors', () => {
    const c = fixture.sync_bn;
    const sb = new nn.SyncBatchNorm(4, { momentum: null, process_group: 'pg' });
    expect(String(sb)).toBe(c.repr);
    expect(Object.keys(sb.state_dict())).toEqual(c.state_dict);
    expect(sb.process_group).toBe('pg');
    expect(String(new nn.SyncBatchNorm(3, 1e-3, 0.2, false, false))).toBe(c.repr2);
  });

  it('convert_sync_batchnorm replaces BatchNorm layers in place, sharing their parameters and buffers', () => {
    const c = fixture.convert_sync;
    const seq = new nn.Sequential(new nn.Conv2d(2, 3, 1), new nn.BatchNorm2d(3), new nn.Sequential(new nn.BatchNorm1d(3, { affine: false, momentum: null })),
      new nn.ReLU());
    seq.load_state_dict(Object.fromEntries(Object.entries(c.state_before as Record<string, EncTensor>).map(([k, v]) => [k, decode(v)])));
    const bn = [...seq.children()][1] as torch.nn.BatchNorm2d;
    const conv = nn.SyncBatchNorm.convert_sync_batchnorm(seq, 'pg');
    expect(conv === seq).toBe(c.same);
    expect(String(conv)).toBe(c.repr);
    const sync = [...conv.children()][1] as torch.nn.SyncBatchNorm;
    expect(sync.weight).toBe(bn.weight);
    expect(sync.running_mean).toBe(bn.running_mean);
    expect(sync.process_group).toBe(c.process_group);
    const state = Object.entries(conv.state_dict()) as [string, Tensor][];
    c.state.forEach(([k, want]: [string, EncTensor], i: number) => {
      expect(state[i][0]).toBe(k);
      expectExact(k, state[i][1], want);
    });
    const single = nn.SyncBatchNorm.convert_sync_batchnorm(new nn.BatchNorm1d(3));
    expect(single).toBeInstanceOf(nn.SyncBatchNorm);
  });

  it('Container adds its keyword arguments as children, with PyTorch\'s deprecation warning', () => {
    const c = fixture.container;
    const [m, warns] = warningsOf(() => new nn.Container({ a: new nn.Linear(2, 2), b: new nn.ReLU() }));
    expect(String(m)).toBe(c.repr);
    expect(Object.keys(m.state_dict())).toEqual(c.state_dict);
    const [, again] = warningsOf(() => new nn.Container());
    // Python shows a warning once per call site; tocha once per process (this file may not be the first to warn)
    expect([...warns, ...again].length).toBeLessThanOrEqual(1);
    if (warns.length) expect(warns).toEqual(c.warnings);
  });

  it('NLLLoss2d is NLLLoss with PyTorch\'s deprecation warning', () => {
    const c = fixture.nll2d;
    const [l, warns] = warningsOf(() => new nn.NLLLoss2d({ ignore_index: 1, reduction: 'sum' }));
    if (warns.length) expect(warns).toEqual(c.warnings);
    expect(String(l)).toBe(c.repr);
    expect(String(new nn.NLLLoss2d())).toBe(c.repr_default);
    expect(l).toBeInstanceOf(nn.NLLLoss);
    const x = decode(c.input).requires_grad_();
    const y = l(x, decode(c.target));
    expectTensorClose('out', y, c.out, 1e-6);
    expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
    y.backward();
    expectExact('grad', x.grad, c.grad);
  });
});

// ---------------------------------------------------------------- CrossMapLRN2d

describe('CrossMapLRN2d against PyTorch: its running sum forward and hand-written backward', () => {
  for (const c of fixture.cross_map_lrn) {
    it(c.repr, () => {
      const m = new nn.CrossMapLRN2d(...[c.size, ...c.args] as ConstructorParameters<typeof nn.CrossMapLRN2d>);
      expect(String(m)).toBe(c.repr);
      const x = decode(c.input).requires_grad_();
      const y = m(x);
      // x·scale^(−β): powf of another libm than PyTorch's (Sleef) — within an ulp or two
      expectTensorClose('out', y, c.out, 1e-6);
      expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
      y.mul(decode(c.grad_out)).sum().backward();
      expectTensorClose('grad', x.grad!, c.grad, 1e-5);
    });
  }
});

// ---------------------------------------------------------------- AdaptiveLogSoftmaxWithLoss

describe('AdaptiveLogSoftmaxWithLoss against PyTorch: initialization, output, loss, gradients, log_prob, predict', () => {
  for (const c of fixture.asm) {
    it(`${JSON.stringify(c.args)} ${JSON.stringify(c.kwargs)} on ${JSON.stringify(c.input.shape)}`, () => {
      torch.manual_seed(c.seed);
      const m = new nn.AdaptiveLogSoftmaxWithLoss(c.args[0], c.args[1], c.args[2], c.kwargs);
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.state_dict())).toEqual(c.state_dict);
      const params = [...m.named_parameters()];
      c.params.forEach(([k, want]: [string, EncTensor], i: number) => {
        expect(params[i][0]).toBe(k);
        expectExact(k, params[i][1], want);
      });
      const x = decode(c.input).requires_grad_();
      const res = m(x, decode(c.target));
      const [output, loss] = res;
      expect(output).toBe(res.output);
      expectTensorClose('output', output, c.output, 2e-6);
      expectTensorClose('loss', loss, c.loss, 2e-6);
      expect([String(output.grad_fn), String(loss.grad_fn)]).toEqual(c.grad_fns.map((n: string) => `<${n}>`));
      output.mul(decode(c.grad_out)).sum().add(loss).backward();
      expectTensorClose('grad', x.grad!, c.grad, 1e-5);
      const named = Object.fromEntries(m.named_parameters()) as Record<string, Tensor>;
      for (const [k, want] of c.param_grads as [string, EncTensor | null][]) {
        if (want === null) expect(named[k].grad, k).toBeNull();
        else expectTensorClose(`grad ${k}`, named[k].grad!, want, 1e-5);
      }
      const xp = decode(c.log_prob_input);
      const lp = m.log_prob(xp);
      expectTensorClose('log_prob', lp, c.log_prob, 2e-6);
      expect(String(lp.grad_fn)).toBe(`<${c.log_prob_grad_fn}>`);
      expectExact('predict', m.predict(xp), c.predict);
    });
  }

  it('predict: the shortlist, every row in clusters, and a mix; the namedtuple prints as PyTorch', () => {
    const c = fixture.asm_predict;
    const m = new nn.AdaptiveLogSoftmaxWithLoss(4, 6, [2]);
    m.load_state_dict(Object.fromEntries(c.params.map(([k, v]: [string, EncTensor]) => [k, decode(v)])));
    const x = decode(c.input);
    expectExact('predict', m.predict(x), c.predict);
    expectExact('all in clusters', m.predict(x.narrow(0, 1, 2)), c.all_cluster);
    expectExact('shortlist', m.predict(x.narrow(0, 0, 1)), c.shortlist);
    expect(String(m(x, torch.tensor([0, 3, 5, 1])))).toBe(c.str);
    // log_prob and predict release their temporaries (with grad off: no graph holds saved tensors)
    torch.no_grad(() => {
      const before = torch.memory_stats().live_tensors;
      const r = [m.log_prob(x), m.predict(x), m.predict(x.narrow(0, 1, 2)), m(x, torch.tensor([0, 3, 5, 1])).loss];
      // what is returned, plus the target, the forward's output and the narrowed view made here
      expect(torch.memory_stats().live_tensors - before).toBe(r.length + 3);
    });
  });
});

// ---------------------------------------------------------------- the rest of nn.functional

describe('the rest of nn.functional 1.13: *_with_indices, upsample*, pdist, conv_tbc, native_channel_shuffle', () => {
  for (const c of fixture.functional) {
    it(c.id, () => {
      const xs = (c.inputs as EncTensor[]).map((e) => (e.dtype === 'float32' ? decode(e).requires_grad_() : decode(e)));
      const args = (c.args as unknown[]).map((a) => (a === 'inf' ? Infinity : a));
      const call = Object.keys(c.kwargs).length ? [...xs, ...args, c.kwargs] : [...xs, ...args];
      const [res, warns] = warningsOf(() => (F as Any)[c.fn](...call));
      const outs = (Array.isArray(res) ? res : [res]) as Tensor[];
      expect(outs.length).toBe(c.outs.length);
      const exact = /pool|shuffle|nearest|^upsample$/.test(c.id);
      outs.forEach((o, i) => expectTensorClose(`out ${i}`, o, c.outs[i], exact ? 0 : 2e-6));
      // interpolate's node names are not PyTorch's yet (grad-sweep KNOWN); the rest are
      if (!c.fn.startsWith('upsample')) expect(String(outs[0].grad_fn)).toBe(c.grad_fn ? `<${c.grad_fn}>` : 'null');
      // a warning is printed once per process (another test may have printed it first)
      if (warns.length) expect(warns).toEqual(c.warnings);
      if (c.backward_error) {
        expect(() => outs[0].sum().backward()).toThrow(c.backward_error);
      } else if (c.grads) {
        outs[0].mul(decode(c.grad_out)).sum().backward();
        c.grads.forEach((g: EncTensor | null, i: number) => {
          // scatter-backs sum in PyTorch's order (pools); interpolation's backward sums in another
          if (g) expectTensorClose(`grad ${i}`, xs[i].grad!, g, /pool|shuffle/.test(c.id) ? 0 : 1e-5);
        });
      }
    });
  }
});

// ---------------------------------------------------------------- errors

/** Every error case of the fixture, built the same way in tocha. */
function errorCases(): Record<string, () => unknown> {
  torch.manual_seed(0);
  const r = (...s: number[]) => torch.randn(s);
  const x4 = r(2, 3, 7, 8);
  const u = fixture.unpool3d_err_input;
  const pp = decode(u.input);
  const pi = decode(u.indices);
  const fmp2 = F.fractional_max_pool2d as Any;
  const fmp3 = F.fractional_max_pool3d as Any;
  const asm = new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 6]);
  return {
    'frac/no-size': () => fmp2(x4, 2),
    'frac/pool-height': () => fmp2(x4, 2, { output_size: 7 }),
    'frac/pool-width': () => fmp2(x4, 2, { output_size: [6, 8] }),
    'frac/kernel-len': () => fmp2(x4, [2, 2, 2], { output_size: 3 }),
    'frac/kernel-list1': () => fmp2(x4, [2], { output_size: [2, 2] }),
    'frac/output-len': () => fmp2(x4, 2, { output_size: [3, 3, 3] }),
    'frac/2d-input': () => fmp2(r(7, 8), 2, { output_size: 3 }),
    'frac/2d-input-samples': () => fmp2(r(7, 8), 2, { output_size: 2, _random_samples: torch.rand(1, 7, 2) }),
    'frac/5d-input-samples': () => fmp2(r(1, 1, 1, 7, 8), 2, { output_size: 2, _random_samples: torch.rand(1, 1, 2) }),
    'frac/empty-channel': () => fmp2(r(2, 0, 7, 8), 2, { output_size: 3 }),
    'frac/negative-size': () => fmp2(x4, 2, { output_size: -1 }),
    'frac/negative-ratio': () => fmp2(r(1, 2, 5, 6), 2, { output_ratio: -0.5 }),
    'frac/ratio-len': () => fmp2(r(1, 2, 5, 6), 2, { output_ratio: [0.5] }),
    'frac/long-input': () => fmp2(x4.long(), 2, { output_size: 3 }),
    'frac/long-samples': () => fmp2(x4, 2, { output_size: 3, _random_samples: torch.rand(2, 3, 2).long() }),
    'frac3/no-size': () => fmp3(r(1, 2, 5, 5, 5), 2),
    'frac3/pool-time': () => fmp3(r(1, 2, 5, 5, 5), 2, { output_size: 4 }),
    'frac3/pool-width-first': () => fmp3(r(1, 2, 5, 6, 7), 2, { output_size: [3, 5, 6] }),
    'frac3/pool-height': () => fmp3(r(1, 2, 5, 6, 7), 2, { output_size: [3, 5, 5] }),
    'frac3/3d-input': () => fmp3(r(5, 6, 7), 2, { output_size: [3, 4, 5] }),
    'frac3/3d-input-samples': () => fmp3(r(6, 7, 8), 2, { output_size: 2, _random_samples: torch.rand(1, 6, 3) }),
    'frac3/empty-dim': () => fmp3(r(1, 2, 0, 6, 7), 2, { output_size: 2 }),
    'frac3/kernel-len': () => fmp3(r(1, 2, 5, 6, 7), [2, 2], { output_size: [3, 4, 5] }),
    'frac3/output-len': () => fmp3(r(1, 2, 5, 6, 7), 2, { output_size: [2, 2] }),
    'frac3/negative-size': () => fmp3(r(1, 2, 5, 6, 7), 2, { output_size: -1 }),
    'Frac/none': () => new nn.FractionalMaxPool2d(2),
    'Frac/both': () => new nn.FractionalMaxPool2d(2, 3, 0.5),
    'Frac/ratio-1': () => new nn.FractionalMaxPool2d(2, { output_ratio: 1 }),
    'Frac3/ratio': () => new nn.FractionalMaxPool3d(2, { output_ratio: [0.5, 0.5, 1.5] }),
    'Frac3/none': () => new nn.FractionalMaxPool3d(2),
    'unpool3d/float-indices': () => F.max_unpool3d(pp, pi.float(), 2),
    'unpool3d/3d-input': () => F.max_unpool3d(pp.select(0, 0).select(0, 0), pi.select(0, 0).select(0, 0), 2),
    'unpool3d/indices-shape': () => F.max_unpool3d(pp, pi.select(0, 0), 2),
    'unpool3d/output-len': () => F.max_unpool3d(pp, pi, 2, { output_size: [5, 5] }),
    'unpool3d/output-range': () => F.max_unpool3d(pp, pi, 2, { output_size: [6, 5, 5] }),
    'unpool3d/bad-index': () => F.max_unpool3d(pp, pi.mul(10), 2),
    'unpool3d/negative-index': () => F.max_unpool3d(pp, pi.sub(100), 2),
    'unpool3d/empty-channel': () => F.max_unpool3d(r(1, 0, 2, 2, 2), torch.zeros([1, 0, 2, 2, 2], { dtype: torch.int64 }), 2),
    'unpool3d/stride0': () => F.max_unpool3d(pp, pi, 2, 0),
    'unpool3d/small-output': () => F.max_unpool3d(pp, pi, 2, 1, 1),
    'dropout3d/p': () => F.dropout3d(torch.ones(2, 2, 2, 2, 2), 1.5),
    'Dropout3d/p': () => new nn.Dropout3d(-0.1),
    'dropout1d/rank': () => F.dropout1d(torch.ones(2, 2, 2, 2), 0.5),
    'dropout2d/1d': () => warningsOf(() => F.dropout2d(torch.ones(3), 0.5)),
    'lazy/shape': () => new nn.LazyLinear(3).weight.shape,
    'lazy/op': () => new nn.LazyLinear(3).forward(r(2, 4)),
    'lazy/op-buffer': () => new nn.UninitializedBuffer().add(1),
    'lazy/conv-dims': () => new nn.LazyConv2d(4, 3)(r(2, 3)),
    'lazy/conv-groups': () => new nn.LazyConv2d(4, 3, { groups: 2 })(r(1, 3, 5, 5)),
    'lazy/conv-groups-out': () => new nn.LazyConv2d(5, 3, { groups: 2 })(r(1, 4, 5, 5)),
    'lazy/bn-1d': () => new nn.LazyBatchNorm1d()(r(4)),
    'lazy/linear-0d': () => new nn.LazyLinear(3)(torch.tensor(1)),
    'lazy/conv-same-stride': () => new nn.LazyConv2d(4, 3, { padding: 'same', stride: 2 }),
    'lazy/convt-mode': () => new nn.LazyConvTranspose2d(4, 3, { padding_mode: 'reflect' as 'zeros' }),
    'lazy/linear-args': () => new (nn.LazyLinear as Any)(3, true, null, null, 5),
    'lazy/norm-args': () => new (nn.LazyBatchNorm1d as Any)(1e-3, 0.2, true, true, null, null, 1),
    'lazy/instance-unbatched': () => new nn.LazyInstanceNorm2d()(r(3, 4, 5)),
    'lazy/load-into-linear': () => new nn.Linear(4, 3).load_state_dict(new nn.LazyLinear(3).state_dict()),
    'lazy/weight_norm': () => nn.utils.weight_norm(new nn.LazyLinear(3)),
    'lazy/spectral_norm': () => nn.utils.spectral_norm(new nn.LazyLinear(3)),
    'lazy/bn-eval-uninit-forward': () => new nn.LazyBatchNorm2d().forward(r(2, 3, 4, 4)),
    'DataParallel/args': () => new (nn.DataParallel as Any)(new nn.Linear(2, 2), null, null, 0, 1),
    'SyncBatchNorm/forward': () => new nn.SyncBatchNorm(4)(r(2, 4)),
    'SyncBatchNorm/forward-1d': () => new nn.SyncBatchNorm(4)(r(2)),
    'SyncBatchNorm/args': () => new (nn.SyncBatchNorm as Any)(4, 1e-3, null, false, false, 'pg', null, null, 1),
    'Container/forward': () => warningsOf(() => new (nn.Container as Any)({ a: new nn.ReLU() })(r(2))),
    'NLLLoss2d/args': () => warningsOf(() => new (nn.NLLLoss2d as Any)(null, null, -100, null, 'mean', 1)),
    'CrossMapLRN2d/3d': () => new nn.CrossMapLRN2d(3)(r(5, 3, 3)),
    'CrossMapLRN2d/args': () => new (nn.CrossMapLRN2d as Any)(3, 1e-4, 0.75, 1, 5),
    'CrossMapLRN2d/size1-backward': () => new nn.CrossMapLRN2d(1)(r(1, 3, 2, 2).requires_grad_()).sum().backward(),
    'asm/cutoffs-unsorted': () => new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [6, 3]),
    'asm/cutoffs-range': () => new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 10]),
    'asm/cutoffs-zero': () => new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [0, 3]),
    'asm/cutoffs-dup': () => new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 3]),
    'asm/cutoffs-float': () => new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3.5]),
    'asm/batch': () => asm(r(3, 8), torch.tensor([1, 2])),
    'asm/1d-target-3d-input': () => asm(r(2, 3, 8), torch.tensor([1, 2])),
    'asm/0d-target': () => asm(r(2, 8), torch.tensor(1)),
    'asm/2d-target': () => asm(r(2, 8), torch.tensor([[1, 2]])),
    'asm/target-range': () => asm(r(3, 8), torch.tensor([1, 12, -1])),
    'asm/args': () => new (nn.AdaptiveLogSoftmaxWithLoss as Any)(8, 10, [3], 4.0, false, null, null, 1),
    'pdist/3d': () => F.pdist(r(2, 3, 4)),
    'pdist/p': () => F.pdist(r(3, 4), -1),
    'pdist/long': () => F.pdist(torch.tensor([[1, 2], [3, 4]])),
    'conv_tbc/input': () => F.conv_tbc(r(5, 2), r(3, 3, 4), r(4)),
    'conv_tbc/weight': () => F.conv_tbc(r(5, 2, 3), r(3, 3), r(4)),
    'conv_tbc/bias': () => F.conv_tbc(r(5, 2, 3), r(3, 3, 4), r(4, 1)),
    'conv_tbc/channels': () => F.conv_tbc(r(5, 2, 3), r(3, 2, 4), r(4)),
    'conv_tbc/bias-size': () => F.conv_tbc(r(5, 2, 3), r(3, 3, 4), r(5)),
    'conv_tbc/too-long': () => F.conv_tbc(r(5, 2, 3), r(7, 3, 4), r(4)),
    'max_pool2d_with_indices/args': () => (F.max_pool2d_with_indices as Any)(r(1, 2, 4, 4), 2, 2, 0, 1, false, false, 1),
  };
}

/** The JavaScript error class for PyTorch's exception type. */
const ERROR_CLASS: Record<string, ErrorConstructor> = { IndexError: RangeError, TypeError, ValueError: Error, RuntimeError: Error };

describe('errors: PyTorch 1.13\'s messages, nothing changed', () => {
  const cases = errorCases();
  for (const e of fixture.errors as { id: string; type: string; message: string }[]) {
    it(e.id, () => {
      const f = cases[e.id];
      expect(f, `no tocha case for ${e.id}`).toBeDefined();
      let thrown: unknown;
      try {
        f();
      } catch (err) {
        thrown = err;
      }
      expect(thrown, 'no error').toBeInstanceOf(ERROR_CLASS[e.type] ?? Error);
      // An uninitialized parameter's ValueError names PyTorch's function object; tocha's says 'a tensor operation'.
      expect((thrown as Error).message).toBe(e.message.replace(/uninitialized parameter in <[^>]*>\./, 'uninitialized parameter in a tensor operation.'));
    });
  }
  it('every tocha case is in the fixture', () => {
    const ids = new Set((fixture.errors as { id: string }[]).map((e) => e.id));
    expect(Object.keys(cases).filter((k) => !ids.has(k))).toEqual([]);
  });
});

beforeEach(() => torch.set_grad_enabled(true));
afterEach(() => vi.restoreAllMocks());
