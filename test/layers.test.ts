// nn.EmbeddingBag / F.embedding_bag, nn.MaxUnpool1d/2d / F.max_unpool1d/2d and nn.LPPool1d/2d /
// F.lp_pool1d/2d against PyTorch 1.13: test/fixtures/layers.json, written by scripts/gen-layers.py
// (inputs, outputs, gradients, grad_fn names, seeded weights, reprs, error messages and three SGD steps
// of a text classifier all come from PyTorch).
import { describe, expect, it, vi } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture as readFixture, type EncTensor, num, decode, expectTensor as expectClose } from './fixture.js';

const F = torch.nn.functional;
const nn = torch.nn;

type Kw = Record<string, unknown>;

const fixture = readFixture('layers.json') as {
  embedding_bag: {
    id: string; kwargs: Kw; input: EncTensor; offsets: EncTensor | null; psw: EncTensor | null; weight: EncTensor;
    weight_after: EncTensor; out: EncTensor; grad_fn: string; grad_out: EncTensor; grad_weight: EncTensor; grad_psw: EncTensor | null;
  }[];
  embedding_bag_modules: { code: string; repr: string; weight: EncTensor; padding_idx: number | null; requires_grad: boolean }[];
  pretrained: EncTensor;
  module_forward: { seed: number; input: EncTensor; offsets: EncTensor; psw: EncTensor; out: EncTensor };
  train: {
    seed: number; repr: string; text: EncTensor; offsets: EncTensor; labels: EncTensor; losses: number[];
    params: Record<string, EncTensor>;
  };
  max_unpool: {
    id: string; fn: 'max_unpool1d' | 'max_unpool2d'; args: (number | number[])[]; kwargs: Kw; input: EncTensor; indices: EncTensor;
    out: EncTensor; grad_fn: string; grad_out: EncTensor; grad: EncTensor;
  }[];
  lp_pool: {
    id: string; fn: 'lp_pool1d' | 'lp_pool2d'; args: (number | number[])[]; kwargs: Kw; input: EncTensor; out: EncTensor;
    grad_fn: string; grad_out: EncTensor; grad: EncTensor;
  }[];
  reprs: { code: string; text: string }[];
  error_inputs: { x4: EncTensor; x3: EncTensor };
  errors: { id: string; message: string }[];
};




function errorOf(f: () => unknown): Error | null {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  return null;
}

// ---------------------------------------------------------------- embedding_bag

// First in the file: tocha's warnings print once per process (per test file here), so this must run before anything
// else calls scatter_reduce.
describe('ops built on scatter_reduce do not print its beta warning (PyTorch 1.13 warns only for scatter_reduce itself)', () => {
  it('EmbeddingBag max, embedding_bag, int64 index_add and segment_reduce are silent; index_reduce warns its own only', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      new nn.EmbeddingBag(10, 3, { mode: 'max' })(torch.tensor([1, 2, 3]), torch.tensor([0]));
      F.embedding_bag(torch.tensor([1, 2, 3]), torch.randn(10, 3), torch.tensor([0]), { mode: 'max' });
      torch.zeros(3, { dtype: torch.long }).index_add(0, torch.tensor([0, 0]), torch.tensor([5, 6]));
      torch.segment_reduce(torch.arange(4).float(), 'max', { lengths: torch.tensor([2, 2]) });
      expect(warn).not.toHaveBeenCalled();
      torch.zeros(3).index_reduce(0, torch.tensor([0, 0]), torch.tensor([5, 6]).float(), 'amax');
      const said = () => warn.mock.calls.map((c) => String(c[0]).replace(/ is in beta.*/s, ''));
      expect(said()).toEqual(['UserWarning: index_reduce()']);
      torch.zeros(3).scatter_reduce(0, torch.tensor([0, 0]), torch.tensor([5, 6]).float(), 'amax');
      expect(said()).toEqual(['UserWarning: index_reduce()', 'UserWarning: scatter_reduce()']);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('F.embedding_bag against PyTorch: values, gradients, renormalized weights', () => {
  for (const c of fixture.embedding_bag) {
    it(c.id, () => {
      const w = decode(c.weight).requires_grad_();
      const psw = c.psw ? decode(c.psw).requires_grad_() : null;
      const y = F.embedding_bag(decode(c.input), w, c.offsets ? decode(c.offsets) : null, { ...c.kwargs, per_sample_weights: psw });
      expectClose('out', y, c.out);
      expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
      expectClose('weight after', w.detach(), c.weight_after);
      y.mul(decode(c.grad_out)).sum().backward();
      expectClose('grad weight', w.grad, c.grad_weight);
      if (c.grad_psw) expectClose('grad per_sample_weights', psw!.grad, c.grad_psw);
    });
  }

  it("takes PyTorch's positional order", () => {
    const c = fixture.embedding_bag.find((k) => k.id === 'max/offsets')!;
    const y = F.embedding_bag(decode(c.input), decode(c.weight), decode(c.offsets!), null, 2, false, 'max');
    expectClose('out', y, c.out);
  });
});

describe('nn.EmbeddingBag against PyTorch: seeded weights, reprs, from_pretrained, forward', () => {
  const pre = decode(fixture.pretrained);
  const ctors: Record<string, () => InstanceType<typeof nn.EmbeddingBag>> = {
    'new nn.EmbeddingBag(10, 3)': () => new nn.EmbeddingBag(10, 3),
    "new nn.EmbeddingBag(10, 3, null, 2.0, false, 'sum')": () => new nn.EmbeddingBag(10, 3, null, 2.0, false, 'sum'),
    "new nn.EmbeddingBag(6, 4, { mode: 'max', padding_idx: 1 })": () => new nn.EmbeddingBag(6, 4, { mode: 'max', padding_idx: 1 }),
    'new nn.EmbeddingBag(6, 4, { max_norm: 1.5, norm_type: 1, scale_grad_by_freq: true, padding_idx: -2 })':
      () => new nn.EmbeddingBag(6, 4, { max_norm: 1.5, norm_type: 1, scale_grad_by_freq: true, padding_idx: -2 }),
    'new nn.EmbeddingBag(5, 2, { sparse: true, include_last_offset: true })':
      () => new nn.EmbeddingBag(5, 2, { sparse: true, include_last_offset: true }),
    'nn.EmbeddingBag.from_pretrained(pre)': () => nn.EmbeddingBag.from_pretrained(pre),
    "nn.EmbeddingBag.from_pretrained(pre, false, null, 2, false, 'sum')":
      () => nn.EmbeddingBag.from_pretrained(pre, false, null, 2, false, 'sum'),
    "nn.EmbeddingBag.from_pretrained(pre, { freeze: false, mode: 'max', padding_idx: 0 })":
      () => nn.EmbeddingBag.from_pretrained(pre, { freeze: false, mode: 'max', padding_idx: 0 }),
  };
  for (const m of fixture.embedding_bag_modules) {
    it(m.code, () => {
      expect(ctors[m.code], `no constructor for ${m.code}`).toBeDefined();
      torch.manual_seed(7);
      const e = ctors[m.code]();
      expect(String(e)).toBe(m.repr);
      expectClose('weight', e.weight.detach(), m.weight, 0);
      expect(e.padding_idx).toBe(m.padding_idx);
      expect(e.weight.requires_grad).toBe(m.requires_grad);
      expect(Object.keys(e.state_dict())).toEqual(['weight']);
    });
  }

  it('forward(input, offsets, per_sample_weights) with include_last_offset', () => {
    const f = fixture.module_forward;
    torch.manual_seed(f.seed);
    const m = new nn.EmbeddingBag(10, 3, { mode: 'sum', include_last_offset: true });
    expectClose('out', m(decode(f.input), decode(f.offsets), decode(f.psw)), f.out);
  });

  it('rejects unknown keys and too many arguments as Python does', () => {
    expect(() => new nn.EmbeddingBag(10, 3, { foo: 1 } as never)).toThrow(TypeError);
    const Ctor = nn.EmbeddingBag as unknown as new (...a: unknown[]) => unknown;
    expect(() => new Ctor(10, 3, null, 2, false, 'sum', false, null, false, null, null, null, 1)).toThrow(TypeError);
    expect(() => F.embedding_bag(torch.tensor([1]), torch.zeros(3, 2), { offset: torch.tensor([0]) } as never)).toThrow(TypeError);
  });
});

describe('a text classifier (EmbeddingBag → Linear → cross_entropy, SGD with clip_grad_norm_) as PyTorch trains it', () => {
  it('three steps: losses and parameters', () => {
    const t = fixture.train;
    class TextClassificationModel extends nn.Module {
      embedding: InstanceType<typeof nn.EmbeddingBag>;
      fc: InstanceType<typeof nn.Linear>;
      constructor(vocab: number, dim: number, classes: number) {
        super();
        this.embedding = new nn.EmbeddingBag(vocab, dim, { sparse: false });
        this.fc = new nn.Linear(dim, classes);
      }
      override forward(text: Tensor, offsets: Tensor): Tensor {
        return this.fc(this.embedding(text, offsets));
      }
    }
    torch.manual_seed(t.seed);
    const model = new TextClassificationModel(30, 8, 4);
    expect(String(model)).toBe(t.repr);
    const opt = new torch.optim.SGD(model.parameters(), { lr: 4.0 });
    const text = decode(t.text);
    const offsets = decode(t.offsets);
    const labels = decode(t.labels);
    const losses: number[] = [];
    for (let i = 0; i < 3; i++) {
      opt.zero_grad();
      const loss = F.cross_entropy(model(text, offsets), labels);
      loss.backward();
      nn.utils.clip_grad_norm_(model.parameters(), 0.1);
      opt.step();
      losses.push(Number(loss.item()));
    }
    losses.forEach((l, i) => expect(Math.abs(l - t.losses[i]), `loss ${i}`).toBeLessThan(1e-5));
    const sd = model.state_dict();
    expect(Object.keys(sd)).toEqual(Object.keys(t.params));
    for (const [k, v] of Object.entries(t.params)) expectClose(k, sd[k], v);
  });
});

// ---------------------------------------------------------------- max_unpool and lp_pool

describe('F.max_unpool1d / max_unpool2d against PyTorch: values and gradients', () => {
  for (const c of fixture.max_unpool) {
    it(c.id, () => {
      const x = decode(c.input).requires_grad_();
      const fn = F[c.fn] as (...a: unknown[]) => Tensor;
      const y = fn(x, decode(c.indices), ...c.args, c.kwargs);
      expectClose('out', y, c.out, 0);
      expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
      y.mul(decode(c.grad_out)).sum().backward();
      expectClose('grad', x.grad, c.grad, 0);
    });
  }

  it('modules: forward(input, indices, output_size) and the positional order', () => {
    const c = fixture.max_unpool.find((k) => k.id === '2d/k3s2p1-output_size')!;
    const m = new nn.MaxUnpool2d(3, 2, 1);
    expectClose('module', m(decode(c.input), decode(c.indices), [7, 7]), c.out, 0);
    expectClose('F positional', F.max_unpool2d(decode(c.input), decode(c.indices), 3, 2, 1, [7, 7]), c.out, 0);
    const d = fixture.max_unpool.find((k) => k.id === '1d/k3s2-output_size')!;
    expectClose('1d module', new nn.MaxUnpool1d(3, { stride: 2 })(decode(d.input), decode(d.indices), [10]), d.out, 0);
    const e = fixture.max_unpool.find((k) => k.id === '2d/k2')!;
    expectClose('F.max_unpool2d(x, idx, 2)', F.max_unpool2d(decode(e.input), decode(e.indices), 2), e.out, 0);
    expect(() => F.max_unpool2d(decode(e.input), decode(e.indices), 2, { strides: 2 } as never)).toThrow(TypeError);
    expect(() => new nn.MaxUnpool2d(2, { stride: 2, dilation: 1 } as never)).toThrow(TypeError);
  });
});

describe('F.lp_pool1d / lp_pool2d against PyTorch: values and gradients', () => {
  for (const c of fixture.lp_pool) {
    it(c.id, () => {
      const x = decode(c.input).requires_grad_();
      const fn = F[c.fn] as (...a: unknown[]) => Tensor;
      const y = fn(x, ...c.args, c.kwargs);
      expectClose('out', y, c.out);
      expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
      y.mul(decode(c.grad_out)).sum().backward();
      expectClose('grad', x.grad, c.grad, 1e-4);
    });
  }

  it('modules give the functional values', () => {
    const c = fixture.lp_pool.find((k) => k.id === '2d/rect-ceil')!;
    expectClose('LPPool2d', new nn.LPPool2d(3, [2, 3], [2, 2], true)(decode(c.input)), c.out);
    const d = fixture.lp_pool.find((k) => k.id === '1d/ceil')!;
    expectClose('LPPool1d', new nn.LPPool1d(4, 3, { stride: 2, ceil_mode: true })(decode(d.input)), d.out);
  });
});

describe('printing', () => {
  const ctors: Record<string, () => InstanceType<typeof nn.Module>> = {
    'new nn.MaxUnpool2d(2)': () => new nn.MaxUnpool2d(2),
    'new nn.MaxUnpool2d([2, 3], 1, [1, 0])': () => new nn.MaxUnpool2d([2, 3], 1, [1, 0]),
    'new nn.MaxUnpool2d(3, { stride: 2, padding: 1 })': () => new nn.MaxUnpool2d(3, { stride: 2, padding: 1 }),
    'new nn.MaxUnpool1d(3, 2)': () => new nn.MaxUnpool1d(3, 2),
    'new nn.MaxUnpool1d(2)': () => new nn.MaxUnpool1d(2),
    'new nn.LPPool2d(2, 3)': () => new nn.LPPool2d(2, 3),
    'new nn.LPPool2d(1.5, [2, 3], [2, 2], true)': () => new nn.LPPool2d(1.5, [2, 3], [2, 2], true),
    'new nn.LPPool1d(3, 2, { stride: 1 })': () => new nn.LPPool1d(3, 2, { stride: 1 }),
  };
  for (const r of fixture.reprs) {
    it(r.code, () => {
      expect(ctors[r.code], `no constructor for ${r.code}`).toBeDefined();
      expect(String(ctors[r.code]())).toBe(r.text);
    });
  }
});

// ---------------------------------------------------------------- errors

describe('errors with PyTorch messages', () => {
  const L = (...v: number[]) => torch.tensor(v, { dtype: torch.int64 });
  const ids = L(1, 2, 4, 5, 4, 3, 2, 9);
  const W = torch.randn(10, 3);
  const x4 = decode(fixture.error_inputs.x4);
  const [y4, i4] = F.max_pool2d(x4, 2, { return_indices: true });
  const [y3, i3] = F.max_pool1d(decode(fixture.error_inputs.x3), 2, { return_indices: true });
  const calls: Record<string, () => unknown> = {
    'eb/offsets0': () => F.embedding_bag(ids, W, L(1, 4)),
    'eb/offsets-last': () => F.embedding_bag(ids, W, L(0, 9)),
    'eb/offsets-last-include': () => F.embedding_bag(ids, W, L(0, 3, 9), { include_last_offset: true }),
    'eb/2d-offsets': () => F.embedding_bag(ids.reshape([2, 4]), W, L(0, 2)),
    'eb/1d-no-offsets': () => F.embedding_bag(ids, W),
    'eb/offsets-2d': () => F.embedding_bag(ids, W, L(0, 2).reshape([1, 2])),
    'eb/input-3d': () => F.embedding_bag(ids.reshape([2, 2, 2]), W),
    'eb/mode': () => F.embedding_bag(ids, W, L(0, 4), { mode: 'median' as never }),
    'eb/max-scale': () => F.embedding_bag(ids, W, L(0, 4), { mode: 'max', scale_grad_by_freq: true }),
    'eb/max-sparse': () => F.embedding_bag(ids, W, L(0, 4), { mode: 'max', sparse: true }),
    'eb/psw-mean': () => F.embedding_bag(ids, W, L(0, 4), { mode: 'mean', per_sample_weights: torch.randn(8) }),
    'eb/psw-shape': () => F.embedding_bag(ids, W, L(0, 4), { mode: 'sum', per_sample_weights: torch.randn(7) }),
    'eb/index-range': () => F.embedding_bag(L(1, 10, 2), W, L(0, 1)),
    'eb/index-negative': () => F.embedding_bag(L(1, -1, 2), W, L(0, 1)),
    'eb/float-input': () => F.embedding_bag(torch.ones(3), W, L(0, 1)),
    'eb/float-offsets': () => F.embedding_bag(ids, W, torch.zeros(2)),
    'eb/module-padding': () => new nn.EmbeddingBag(10, 3, { padding_idx: 10 }),
    'eb/module-weight': () => new nn.EmbeddingBag(10, 3, { _weight: torch.randn(3, 10) }),
    'eb/pretrained-1d': () => nn.EmbeddingBag.from_pretrained(torch.randn(4)),
    'unpool/output_size-range': () => F.max_unpool2d(y4, i4, 2, { output_size: [6, 6] }),
    'unpool/output_size-len': () => F.max_unpool2d(y4, i4, 2, { output_size: [4, 4, 4] }),
    'unpool/index-range': () => F.max_unpool2d(y4, i4.add(16), 2),
    'unpool/index-negative': () => F.max_unpool2d(y4, i4.sub(16), 2),
    'unpool/indices-shape': () => F.max_unpool2d(y4, i4.narrow(-1, 0, 1), 2),
    'unpool/indices-dtype': () => F.max_unpool2d(y4, i4.float(), 2),
    'unpool/input-2d': () => F.max_unpool2d(y4.reshape([2, 2]), i4.reshape([2, 2]), 2),
    'unpool1d/input-4d': () => F.max_unpool1d(y4, i4, 2),
    'unpool1d/index-range': () => F.max_unpool1d(y3, i3.add(6), 2),
    'unpool1d/output_size-range': () => F.max_unpool1d(y3, i3, 2, { output_size: [8] }),
  };
  // Python's exception classes as tocha throws them.
  const classes: Record<string, (e: Error) => boolean> = {
    ValueError: (e) => e instanceof RangeError,
    NotImplementedError: (e) => e.constructor.name === 'NotImplementedError',
    RuntimeError: (e) => e instanceof Error,
    AssertionError: (e) => e instanceof Error,
  };
  for (const e of fixture.errors) {
    it(e.id, () => {
      expect(calls[e.id], `no call for ${e.id}`).toBeDefined();
      const err = errorOf(calls[e.id]);
      const cut = e.message.indexOf(': ');
      const [cls, msg] = [e.message.slice(0, cut), e.message.slice(cut + 2)];
      expect(err?.message).toBe(msg);
      expect(classes[cls](err!), `${cls} as ${err!.constructor.name}`).toBe(true);
    });
  }
});
