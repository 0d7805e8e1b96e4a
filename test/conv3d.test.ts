// The 3-D convolution and pooling family against PyTorch 1.13: test/fixtures/conv3d.json, written by
// scripts/gen-conv3d.py (inputs, outputs, gradients, indices, initial weights, reprs, error messages and
// a short training run all come from PyTorch).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { _setColBytes } from '../src/ops/conv.js';
import { fixture as readFixture, type EncTensor, num, decode, expectTensor as expectClose, messageOf, expectDoubleBackward } from './fixture.js';

const F = torch.nn.functional;
const nn = torch.nn;

type Kw = Record<string, unknown>;
type PoolFn = 'max_pool3d' | 'avg_pool3d' | 'adaptive_avg_pool3d' | 'adaptive_max_pool3d';

const fixture = readFixture('conv3d.json') as {
  conv: {
    id: string; kwargs: Kw; input: EncTensor; weight: EncTensor; bias: EncTensor | null; out: EncTensor;
    grad_fn: string; grad_out: EncTensor; grad_input: EncTensor; grad_weight: EncTensor; grad_bias: EncTensor | null;
  }[];
  modules: {
    seed: number; args: (number | number[])[]; kwargs: Kw; repr: string; weight: EncTensor; bias: EncTensor | null;
    input: EncTensor; out: EncTensor; grad_out: EncTensor; grad_input: EncTensor; grad_weight: EncTensor;
    grad_bias: EncTensor | null; state_dict: string[];
  }[];
  convt: {
    id: string; kwargs: Kw; input: EncTensor; weight: EncTensor; bias: EncTensor | null; out: EncTensor;
    grad_fn: string; grad_out: EncTensor; grad_input: EncTensor; grad_weight: EncTensor; grad_bias: EncTensor | null;
  }[];
  convt_modules: {
    seed: number; args: (number | number[])[]; kwargs: Kw; repr: string; weight: EncTensor; bias: EncTensor | null;
    input: EncTensor; output_size: number[] | null; out: EncTensor;
  }[];
  double: {
    fn: 'conv3d' | 'conv_transpose3d'; kwargs: Kw; input: EncTensor; weight: EncTensor; bias: EncTensor; g: EncTensor;
    gx: EncTensor; gw: EncTensor; h1: EncTensor; h2: EncTensor; ggx: EncTensor; ggw: EncTensor;
  }[];
  pools: {
    id: string; fn: PoolFn; args: unknown[]; kwargs: Kw; input: EncTensor; out: EncTensor; indices: EncTensor | null;
    grad_fn: string; grad_out: EncTensor; grad: EncTensor;
  }[];
  pool_modules: { code: string; repr: string; input: EncTensor; out: EncTensor | EncTensor[] }[];
  errors: { id: string; message: string }[];
  train: { input: EncTensor; target: EncTensor; losses: number[]; repr: string; weight: EncTensor };
};

// JSON has no tuples: PyTorch's (a, b, c) arrives as [a, b, c], null as null.
function kw(o: Kw): Kw {
  return { ...o };
}

/** y = fn(x, w, b, kwargs) and the gradients of ⟨y, grad_out⟩, against PyTorch's. */
function checkConv(fn: (x: Tensor, w: Tensor, b: Tensor | null, o: Kw) => Tensor, c: typeof fixture.conv[number]): void {
  const x = decode(c.input).requires_grad_();
  const w = decode(c.weight).requires_grad_();
  const b = c.bias ? decode(c.bias).requires_grad_() : null;
  const y = fn(x, w, b, kw(c.kwargs));
  expectClose('out', y, c.out);
  expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
  y.mul(decode(c.grad_out)).sum().backward();
  expectClose('grad input', x.grad, c.grad_input);
  expectClose('grad weight', w.grad, c.grad_weight);
  if (c.grad_bias) expectClose('grad bias', b!.grad, c.grad_bias);
}

describe('F.conv3d against PyTorch: forward and every gradient', () => {
  for (const c of fixture.conv) {
    it(c.id, () => checkConv(F.conv3d, c));
  }

  it("takes PyTorch's positional order: F.conv3d(x, w, b, stride, padding, dilation, groups)", () => {
    const c = fixture.conv.find((k) => k.id === 'stride-pad')!;
    const y = F.conv3d(decode(c.input), decode(c.weight), decode(c.bias!), 2, 1, 1, 1);
    expectClose('out', y, c.out);
    const g = fixture.conv.find((k) => k.id === 'groups')!;
    expectClose('groups out', F.conv3d(decode(g.input), decode(g.weight), decode(g.bias!), 1, 0, 1, 2), g.out);
  });

  it('gives the same numbers when the column buffer holds one image at a time', () => {
    const prev = _setColBytes(64);
    try {
      for (const c of fixture.conv.filter((k) => k.input.shape.length === 5 && k.input.shape[0] > 1)) {
        const x = decode(c.input).requires_grad_();
        const w = decode(c.weight).requires_grad_();
        const y = F.conv3d(x, w, c.bias ? decode(c.bias) : null, kw(c.kwargs));
        expectClose(`${c.id} out`, y, c.out);
        y.mul(decode(c.grad_out)).sum().backward();
        expectClose(`${c.id} grad input`, x.grad, c.grad_input);
        expectClose(`${c.id} grad weight`, w.grad, c.grad_weight);
      }
    } finally {
      _setColBytes(prev);
    }
  });

  it('equals conv2d when the depth kernel is 1 and the depth is 1', () => {
    torch.manual_seed(3);
    const x = torch.randn(2, 3, 1, 6, 7);
    const w = torch.randn(4, 3, 1, 3, 2);
    const y3 = F.conv3d(x, w, null, { stride: [1, 2, 1], padding: [0, 1, 1] });
    const y2 = F.conv2d(x.squeeze(2), w.squeeze(2), null, { stride: [2, 1], padding: 1 });
    expect(y3.squeeze(2).tolist()).toEqual(y2.tolist());
  });

  it('releases its temporaries', () => {
    const c = fixture.conv.find((k) => k.id === 'plain')!;
    const x = decode(c.input);
    const w = decode(c.weight);
    const live = torch.memory_stats().live_tensors;
    for (let i = 0; i < 3; i++) torch.tidy(() => { F.conv3d(x, w, null, { padding: 1 }); });
    expect(torch.memory_stats().live_tensors).toBe(live);
  });
});

describe('nn.Conv3d', () => {
  for (const c of fixture.modules) {
    it(`${c.repr}: PyTorch's initial weights after manual_seed(${c.seed}), forward and gradients`, () => {
      torch.manual_seed(c.seed);
      const m = new nn.Conv3d(c.args[0] as number, c.args[1] as number, c.args[2], kw(c.kwargs));
      expect(String(m)).toBe(c.repr);
      expectClose('weight', m.weight, c.weight, 1e-7);
      if (c.bias) expectClose('bias', m.bias, c.bias, 1e-7);
      else expect(m.bias).toBeNull();
      expect(Object.keys(m.state_dict())).toEqual(c.state_dict);
      const x = decode(c.input).requires_grad_();
      const y = m.forward(x);
      expectClose('out', y, c.out);
      y.mul(decode(c.grad_out)).sum().backward();
      expectClose('grad input', x.grad, c.grad_input);
      expectClose('grad weight', m.weight.grad, c.grad_weight);
      if (c.grad_bias) expectClose('grad bias', m.bias!.grad, c.grad_bias);
    });
  }

  it("takes PyTorch's positional order", () => {
    const m = new nn.Conv3d(3, 6, [2, 3, 1], [2, 1, 1], 1, 1, 3, true, 'zeros');
    expect(String(m)).toBe(fixture.modules[1].repr);
  });
});

describe('F.conv_transpose3d / nn.ConvTranspose3d against PyTorch', () => {
  for (const c of fixture.convt) {
    it(c.id, () => checkConv(F.conv_transpose3d, c));
  }

  for (const c of fixture.convt_modules) {
    it(`${c.repr}: PyTorch's initial weights after manual_seed(${c.seed}), forward with output_size ${JSON.stringify(c.output_size)}`, () => {
      torch.manual_seed(c.seed);
      const m = new nn.ConvTranspose3d(c.args[0] as number, c.args[1] as number, c.args[2], kw(c.kwargs));
      expect(String(m)).toBe(c.repr);
      expectClose('weight', m.weight, c.weight, 1e-7);
      if (c.bias) expectClose('bias', m.bias, c.bias, 1e-7);
      else expect(m.bias).toBeNull();
      expectClose('out', torch.no_grad(() => m.forward(decode(c.input), c.output_size)), c.out);
    });
  }

  it('is the adjoint of conv3d: <conv_transpose3d(x, w), z> = <x, conv3d(z, w)>', () => {
    const c = fixture.convt.find((k) => k.id === 'stride-pad-outpad')!;
    const x = decode(c.input);
    const w = decode(c.weight);
    const z = decode(c.grad_out);
    const lhs = F.conv_transpose3d(x, w, null, kw(c.kwargs)).mul(z).sum().item() as number;
    const rhs = x.mul(F.conv3d(z, w, null, { stride: 2, padding: 1 })).sum().item() as number;
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-3 * (1 + Math.abs(lhs)));
  });
});

describe('conv3d / conv_transpose3d double backward (create_graph) against PyTorch', () => {
  for (const c of fixture.double) {
    it(`${c.fn} ${JSON.stringify(c.kwargs)}`, () => {
      expectDoubleBackward((x, w, b) => F[c.fn](x, w, b, kw(c.kwargs)), c);
    });
  }
});

describe('3-D pooling against PyTorch: values, indices, gradients', () => {
  for (const c of fixture.pools) {
    it(`${c.fn} ${c.id}`, () => {
      const x = decode(c.input).requires_grad_();
      const res = (F[c.fn] as (...a: unknown[]) => Tensor | [Tensor, Tensor])(x, ...c.args, kw(c.kwargs));
      const [y, idx] = Array.isArray(res) ? res : [res, null];
      expectClose('out', y, c.out);
      if (c.indices) {
        expect(idx, 'indices').not.toBeNull();
        expect(idx!.dtype.name).toBe('int64');
        expect(idx!.reshape([-1]).tolist()).toEqual(c.indices.data);
      }
      expect(String(y.grad_fn)).toBe(`<${c.grad_fn}>`);
      y.mul(decode(c.grad_out)).sum().backward();
      expectClose('grad', x.grad, c.grad);
    });
  }

  it("takes PyTorch's positional order", () => {
    const m = fixture.pools.find((k) => k.id === 'max/3-s2-p1')!;
    const [y, i] = F.max_pool3d(decode(m.input), 3, 2, 1, 1, false, true);
    expectClose('max out', y, m.out);
    expect(i.reshape([-1]).tolist()).toEqual(m.indices!.data);
    const a = fixture.pools.find((k) => k.id === 'avg/divisor')!;
    expectClose('avg out', F.avg_pool3d(decode(a.input), 2, [1, 2, 1], 0, false, true, 3), a.out);
    const b = fixture.pools.find((k) => k.id === 'amax/asym')!;
    const [yb, ib] = F.adaptive_max_pool3d(decode(b.input), [3, 2, 4], true);
    expectClose('adaptive max out', yb, b.out);
    expect(ib.reshape([-1]).tolist()).toEqual(b.indices!.data);
  });

  it('pooling modules print and compute as PyTorch', () => {
    for (const c of fixture.pool_modules) {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      const m = new Function('nn', `return ${c.code}`)(nn) as torch.nn.Module;
      expect(String(m), c.code).toBe(c.repr);
      const y = m.forward(decode(c.input)) as Tensor | [Tensor, Tensor];
      if (Array.isArray(c.out)) {
        const [v, i] = y as [Tensor, Tensor];
        expectClose(`${c.code} out`, v, c.out[0]);
        expect(i.reshape([-1]).tolist(), `${c.code} indices`).toEqual(c.out[1].data);
      } else expectClose(`${c.code} out`, y as Tensor, c.out);
    }
  });
});

describe("PyTorch's errors", () => {
  const r = (...s: number[]) => torch.randn(...s);
  const x5 = r(1, 2, 4, 4, 4);
  const w5 = r(3, 2, 2, 2, 2);
  const calls: Record<string, () => unknown> = {
    'conv/3d-input': () => F.conv3d(r(2, 4, 4), w5),
    'conv/6d-input': () => F.conv3d(r(1, 1, 2, 4, 4, 4), w5),
    'conv/weight-dims': () => F.conv3d(x5, r(3, 2, 2, 2)),
    'conv/channels': () => F.conv3d(r(1, 3, 4, 4, 4), w5),
    'conv/groups-div': () => F.conv3d(r(1, 4, 4, 4, 4), w5, { groups: 2 }),
    'conv/bias': () => F.conv3d(x5, w5, r(4)),
    'conv/kernel-too-big': () => F.conv3d(r(1, 2, 4, 1, 4), w5),
    'conv/stride-len': () => F.conv3d(x5, w5, { stride: [1, 2] }),
    'conv/padding-len': () => F.conv3d(x5, w5, { padding: [1, 2] }),
    'conv/dilation-len': () => F.conv3d(x5, w5, { dilation: [1, 2] }),
    'conv/neg-pad': () => F.conv3d(x5, w5, { padding: -1 }),
    'conv/zero-stride': () => F.conv3d(x5, w5, { stride: 0 }),
    'conv/same-strided': () => F.conv3d(x5, w5, { padding: 'same', stride: 2 }),
    'conv/bad-padding-string': () => F.conv3d(x5, w5, { padding: 'full' as 'same' }),
    'Conv3d/groups': () => new nn.Conv3d(3, 4, 3, { groups: 2 }),
    'Conv3d/reflect-too-big': () => new nn.Conv3d(2, 4, 3, { padding: 4, padding_mode: 'reflect' }).forward(x5),
    'max/kernel-len': () => F.max_pool3d(x5, [2, 2]),
    'max/stride-len': () => F.max_pool3d(x5, 2, [2, 2]),
    'max/padding-len': () => F.max_pool3d(x5, 2, 2, [1, 1]),
    'max/dilation-len': () => F.max_pool3d(x5, 2, 2, 0, [1, 1]),
    'max/3d-input': () => F.max_pool3d(r(4, 4, 4), 2),
    'max/pad-too-big': () => F.max_pool3d(x5, 2, { padding: 2 }),
    'max/too-small': () => F.max_pool3d(r(1, 2, 4, 1, 4), 2),
    'max/zero-dilation': () => F.max_pool3d(x5, 2, { dilation: 0 }),
    'max/empty': () => F.max_pool3d(r(1, 0, 4, 4, 4), 2),
    'avg/kernel-len': () => F.avg_pool3d(x5, [2, 2]),
    'avg/stride-len': () => F.avg_pool3d(x5, 2, [2, 2]),
    'avg/padding-len': () => F.avg_pool3d(x5, 2, 2, [1, 1]),
    'avg/3d-input': () => F.avg_pool3d(r(4, 4, 4), 2),
    'avg/pad-too-big': () => F.avg_pool3d(x5, 2, { padding: 2 }),
    'avg/smaller-than-kernel': () => F.avg_pool3d(r(1, 2, 4, 2, 4), 3, { padding: 1 }),
    'avg/divisor-zero': () => F.avg_pool3d(x5, 2, { divisor_override: 0 }),
    'aavg/size-len': () => F.adaptive_avg_pool3d(x5, [2, 2]),
    'aavg/3d-input': () => F.adaptive_avg_pool3d(r(4, 4, 4), 2),
    'aavg/empty': () => F.adaptive_avg_pool3d(r(1, 2, 0, 4, 4), 2),
    'aavg/negative': () => F.adaptive_avg_pool3d(x5, [2, -1, 2]),
    'amax/3d-input': () => F.adaptive_max_pool3d(r(4, 4, 4), 2),
    'amax/empty': () => F.adaptive_max_pool3d(r(1, 2, 4, 0, 4), 2),
    'convt/outpad': () => F.conv_transpose3d(x5, r(2, 3, 2, 2, 2), { output_padding: 2, stride: 2 }),
    'convt/outpad-w': () => F.conv_transpose3d(x5, r(2, 3, 2, 2, 2), { output_padding: [0, 0, 1] }),
    'convt/dilation': () => F.conv_transpose3d(x5, r(2, 3, 2, 2, 2), { dilation: 0 }),
    'convt/too-small': () => F.conv_transpose3d(x5, r(2, 3, 2, 2, 2), { padding: 3 }),
    'convt/channels': () => F.conv_transpose3d(r(1, 3, 3, 3, 3), r(2, 3, 2, 2, 2)),
    'convt/bias': () => F.conv_transpose3d(x5, r(2, 3, 2, 2, 2), r(4)),
    'convt/weight-dims': () => F.conv_transpose3d(x5, r(2, 3, 2, 2)),
    'convt/3d-input': () => F.conv_transpose3d(r(2, 3, 3), r(2, 3, 2, 2, 2)),
    'convt/groups': () => F.conv_transpose3d(x5, r(2, 3, 2, 2, 2), { groups: 3 }),
    'ConvTranspose3d/padding_mode': () => new nn.ConvTranspose3d(2, 3, 2, { padding_mode: 'reflect' as 'zeros' }),
    'ConvTranspose3d/output_size': () => new nn.ConvTranspose3d(2, 3, 2, { stride: 2 }).forward(x5, [11, 11, 11]),
    'ConvTranspose3d/output_size-len': () => new nn.ConvTranspose3d(2, 3, 2, { stride: 2 }).forward(x5, [9, 9]),
  };
  for (const e of fixture.errors) {
    const call = calls[e.id];
    if (!call) continue; // Python-only spellings (below) and padding_mode's set, printed in hash order
    it(e.id, () => expect(messageOf(call)).toBe(e.message));
  }

  it("unknown keys and extra positional arguments are Python's TypeError", () => {
    expect(() => F.conv3d(x5, w5, { strides: 2 } as never)).toThrow(TypeError);
    expect(() => (F.conv3d as (...a: unknown[]) => Tensor)(x5, w5, null, 1, 0, 1, 1, 5)).toThrow(TypeError);
    expect(() => F.max_pool3d(x5, 2, { strides: 2 } as never)).toThrow(/unexpected keyword argument 'strides'/);
    expect(() => F.avg_pool3d(x5, 2, { strides: 2 } as never)).toThrow(/unexpected keyword argument 'strides'/);
    expect(() => F.adaptive_max_pool3d(x5, 2, { strides: 2 } as never)).toThrow(/unexpected keyword argument 'strides'/);
    expect(() => new nn.Conv3d(2, 4, 3, { strides: 2 } as never)).toThrow(/unexpected keyword argument 'strides'/);
    expect(() => new nn.MaxPool3d(2, { strides: 2 } as never)).toThrow(/unexpected keyword argument 'strides'/);
    expect(() => new nn.AvgPool3d(2, { strides: 2 } as never)).toThrow(/AvgPool3d.*unexpected keyword argument/);
  });
});

describe('a tiny 3-D network trains as in PyTorch', () => {
  it('Conv3d → ReLU → AdaptiveAvgPool3d → Flatten → Linear, SGD with momentum, 3 steps', () => {
    const t = fixture.train;
    torch.manual_seed(0);
    const net = new nn.Sequential(new nn.Conv3d(2, 4, 3, { padding: 1 }), new nn.ReLU(), new nn.AdaptiveAvgPool3d(1),
      new nn.Flatten(), new nn.Linear(4, 3));
    expect(String(net)).toBe(t.repr);
    expectClose('initial conv weight', (net.get(0) as torch.nn.Conv3d).weight, t.weight, 1e-7);
    const opt = new torch.optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 });
    const x = decode(t.input);
    const y = decode(t.target);
    const losses: number[] = [];
    for (let i = 0; i < 3; i++) {
      opt.zero_grad();
      const loss = F.cross_entropy(net.forward(x), y);
      loss.backward();
      opt.step();
      losses.push(loss.item() as number);
    }
    losses.forEach((l, i) => expect(Math.abs(l - t.losses[i]), `loss ${i}`).toBeLessThan(1e-5));
  });
});
