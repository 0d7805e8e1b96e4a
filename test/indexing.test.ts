// Advanced indexing, index_put_, where(cond), gradient clipping and parameter vectors against
// PyTorch 1.13 (test/fixtures/indexing.json, written by scripts/gen-indexing.py).
import { describe, it, expect } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor, Index } from '../src/index.js';
import { fixture } from './fixture.js';

type Spec = ({ n: number } | { s: (number | null)[] } | { t: unknown; bool?: boolean } | { none: true } | { ell: true } | { b: boolean } | null)[];
type Err = { type: string; msg: string };
const fx = fixture('indexing.json');
const { nn } = torch;

const makeX = (shape: number[]) =>
  torch.arange(shape.reduce((a, b) => a * b, 1), { dtype: torch.float32 }).mul(0.5).sub(3).reshape(shape);
const toIndex = (spec: Spec): Index[] => spec.map((it) => {
  if (it === null) return null;
  if ('none' in it) return 'None';
  if ('ell' in it) return '...';
  if ('b' in it) return it.b;
  if ('n' in it) return it.n;
  if ('s' in it) return torch.slice(...(it.s as [number | null, number | null, number | null]));
  return torch.tensor(it.t as number[], { dtype: it.bool ? torch.bool : torch.int64 });
});
const upstream = (y: Tensor) => torch.arange(1, y.numel() + 1, { dtype: torch.float32 }).reshape(y._shape);
const num = (v: number | string) => (typeof v === 'string' ? Number(v.replace('inf', 'Infinity')) : v);
const flat = (t: Tensor) => Array.from(t.dataSync());
function expectError(fn: () => unknown, e: Err) {
  expect(fn).toThrow(e.msg);
  try { fn(); } catch (err) {
    expect((err as Error).constructor.name).toBe(e.type === 'IndexError' ? 'RangeError' : e.type === 'RuntimeError' ? (/shape mismatch/.test(e.msg) ? 'RangeError' : 'Error') : e.type);
  }
}

describe('advanced indexing (x[idx], x[mask]) as PyTorch', () => {
  for (const c of fx.index as { shape: number[]; idx: Spec; out_shape?: number[]; out?: number[]; grad_fn?: string; grad?: number[]; error?: Err }[]) {
    it(`x${JSON.stringify(c.shape)}[${JSON.stringify(c.idx)}]`, () => {
      const x = makeX(c.shape).requires_grad_();
      if (c.error) return expectError(() => x.index(...toIndex(c.idx)), c.error);
      const y = x.index(...toIndex(c.idx));
      expect(y.shape).toEqual(c.out_shape);
      expect(flat(y)).toEqual(c.out);
      expect(y.grad_fn!.name()).toBe(c.grad_fn);
      y.backward(upstream(y));
      expect(flat(x.grad!)).toEqual(c.grad);
      expect(flat(x.get(...toIndex(c.idx)))).toEqual(c.out);
    });
  }

  it('x[x > 0] on floats, an int64 tensor indexed by rows, float indices refused', () => {
    const x = makeX([3, 4]);
    expect(flat(x.index(x.gt(0)))).toEqual(fx.extra.mask_gt);
    expect(torch.arange(6).reshape(3, 2).index(torch.tensor([2, 0, 2])).tolist()).toEqual(fx.extra.long_rows);
    expect(() => x.index(torch.tensor([1], { dtype: torch.float32 }))).toThrow('tensors used as indices must be long, byte or bool tensors');
  });

  it('double backward through IndexBackward0 (its backward is IndexPutBackward0)', () => {
    const x = makeX([3, 4]).requires_grad_();
    const y = x.index(torch.tensor([2, 0, 2])).pow(2);
    const [g] = torch.autograd.grad(y.sum(), x, { create_graph: true });
    expect(flat(g!)).toEqual([-6, -5, -4, -3, 0, 0, 0, 0, 4, 6, 8, 10]);
    const [gg] = torch.autograd.grad(g!.sum(), x);
    expect(flat(gg!)).toEqual([2, 2, 2, 2, 0, 0, 0, 0, 4, 4, 4, 4]);
  });
});

describe('index_put_ / index_put as PyTorch', () => {
  for (const c of fx.put as { shape: number[]; idx: Spec; vshape: number[]; accumulate: boolean; out?: number[]; grad_fn?: string; grad?: number[]; vgrad?: number[]; error?: Err }[]) {
    it(`x${JSON.stringify(c.shape)}.index_put_(${JSON.stringify(c.idx)}, v${JSON.stringify(c.vshape)}, ${c.accumulate})`, () => {
      const x = makeX(c.shape).requires_grad_();
      const n = c.vshape.reduce((a, b) => a * b, 1);
      const v = torch.arange(n, { dtype: torch.float32 }).add(10).reshape(c.vshape).requires_grad_();
      const idx = toIndex(c.idx) as (Tensor | null)[];
      if (c.error) return expectError(() => x.clone().index_put_(idx, v, c.accumulate), c.error);
      const y = x.clone().index_put_(idx, v, c.accumulate);
      expect(flat(y)).toEqual(c.out);
      expect(flat(torch.index_put(x, idx, v, c.accumulate))).toEqual(c.out);
      if (c.grad_fn !== 'CopySlices') expect(y.grad_fn!.name()).toBe(c.grad_fn);
      y.backward(upstream(y));
      expect(flat(x.grad!)).toEqual(c.grad);
      expect(flat(v.grad!)).toEqual(c.vgrad);
    });
  }
});

describe('index_put_ with accumulate=True on int64 tensors as PyTorch', () => {
  it('sums repeated indices exactly, in place and out of place', () => {
    for (const c of fx.put_int as { shape: number[]; idx: number[][]; vals: number[]; out: number[] }[]) {
      const x = torch.arange(c.shape.reduce((a, b) => a * b, 1)).reshape(c.shape);
      const idx = c.idx.map((i) => torch.tensor(i));
      expect(flat(torch.index_put(x, idx, torch.tensor(c.vals), true))).toEqual(c.out);
      const y = x.clone().index_put_(idx, torch.tensor(c.vals), true);
      expect(y.dtype).toBe(torch.int64);
      expect(flat(y)).toEqual(c.out);
    }
  });

  it('an int64 sum outside 32 bits is tocha\'s range error, and nothing is written', () => {
    const x = torch.full([2], 2147483000);
    expect(() => x.index_put_([torch.tensor([0, 0])], torch.tensor([1000, 1000]), true)).toThrow('index_put_: an int64 result is outside');
    expect(flat(x)).toEqual([2147483000, 2147483000]);
  });
});

describe('torch.where(cond) is nonzero(cond, as_tuple=True)', () => {
  for (const c of fx.where as { cond: unknown; out: number[][] }[]) {
    it(JSON.stringify(c.cond), () => {
      const out = torch.where(torch.tensor(c.cond as number[]));
      expect(out.map((t) => t.tolist())).toEqual(c.out);
      expect(out.every((t) => t.dtype === torch.int64)).toBe(true);
    });
  }
});

describe('nn.utils.clip_grad_norm_ / clip_grad_value_ / parameters_to_vector as PyTorch', () => {
  const params = (shapes: number[][], grads: number[][]) => shapes.map((s, i) => {
    const p = torch.zeros(s, { requires_grad: true });
    p.grad = torch.tensor(grads[i].map(num), { dtype: torch.float32 }).reshape(s);
    return p;
  });
  for (const c of fx.clip as { shapes: number[][]; grads: number[][]; max_norm: number; norm_type: number | string; error_if_nonfinite: boolean; total?: number | string; after?: (number | string)[][]; error?: Err }[]) {
    it(`clip_grad_norm_(${JSON.stringify(c.shapes)}, ${c.max_norm}, ${c.norm_type}${c.error_if_nonfinite ? ', error_if_nonfinite' : ''})`, () => {
      const ps = params(c.shapes, c.grads);
      const run = () => nn.utils.clip_grad_norm_(ps, c.max_norm, c.norm_type, { error_if_nonfinite: c.error_if_nonfinite });
      if (c.error) return expectError(run, c.error);
      const total = run();
      expect(Number(total.item())).toBe(num(c.total!));
      ps.forEach((p, i) => expect(flat(p.grad!)).toEqual(c.after![i].map(num)));
    });
  }

  it('clip_grad_value_, no gradients, a single tensor', () => {
    const c = fx.value;
    const ps = params(c.shapes, c.grads);
    nn.utils.clip_grad_value_(ps, c.clip_value);
    ps.forEach((p, i) => expect(flat(p.grad!)).toEqual(c.after[i]));
    expect(nn.utils.clip_grad_norm_([torch.zeros(2, { requires_grad: true })], 1).item()).toBe(fx.empty_total);
    const p = params([[2]], [[3, 4]])[0];
    expect(nn.utils.clip_grad_norm_(p, 1, 'inf').item()).toBe(4);
    expect(() => nn.utils.clip_grad_norm_(p, 1, 'fro')).toThrow("could not convert string to float: 'fro'");
  });

  it('a clipped Linear step: the total norm, the clipped gradients, parameters_to_vector / vector_to_parameters', () => {
    const s = fx.step;
    // nn.Linear(4, 3) with PyTorch's initial weights, as plain leaves
    const w = torch.tensor(s.init.weight, { dtype: torch.float32 }).reshape(3, 4).requires_grad_();
    const b = torch.tensor(s.init.bias, { dtype: torch.float32 }).requires_grad_();
    const lin = { parameters: () => [w, b], bias: b };
    const x = torch.tensor(s.x, { dtype: torch.float32 }).reshape(5, 4);
    const y = torch.tensor(s.y, { dtype: torch.float32 }).reshape(5, 3);
    nn.functional.mse_loss(torch.matmul(x, w.t()).add(b), y).mul(50).backward();
    const total = nn.utils.clip_grad_norm_(lin.parameters(), 0.5);
    expect(Number(total.item())).toBeCloseTo(s.total, 4);
    lin.parameters().forEach((p, i) => flat(p.grad!).forEach((v, j) => expect(v).toBeCloseTo(s.grads[i][j], 6)));
    const vec = nn.utils.parameters_to_vector(lin.parameters());
    expect(flat(vec)).toEqual(s.vector);
    nn.utils.vector_to_parameters(vec.mul(2), lin.parameters());
    expect(flat(lin.bias!)).toEqual(s.init.bias.map((v: number) => v * 2));
    expect(() => nn.utils.vector_to_parameters(torch.zeros(5), lin.parameters())).toThrow("shape '[3, 4]' is invalid for input of size 5");
  });
});

describe('indexing a 0-dim tensor, x[idx] = v with leading size-1 dims, copy_ broadcasting, as PyTorch', () => {
  // RuntimeError is an Error or its RangeError (shape errors), IndexError a RangeError
  const expectMsg = (fn: () => unknown, e: Err) => {
    expect(fn).toThrow(e.msg);
    try { fn(); } catch (err) {
      expect(e.type === 'IndexError' ? ['RangeError'] : ['Error', 'RangeError']).toContain((err as Error).constructor.name);
    }
  };
  for (const c of fx.zero_dim as { idx: Spec[number]; put: boolean; error: Err }[]) {
    it(`tensor(1.5)[${JSON.stringify(c.idx)}]${c.put ? ' = 2' : ''}`, () => {
      const z = torch.tensor(1.5);
      const [ix] = toIndex([c.idx]);
      expectMsg(() => (c.put ? z.set(ix, 2) : z.index(ix)), c.error);
      expect(z.item()).toBe(1.5);
    });
  }
  for (const c of fx.set as { shape: number[]; idx: Spec; vshape: number[]; out?: number[]; grad?: number[]; vgrad?: number[]; error?: Err }[]) {
    it(`x${JSON.stringify(c.shape)}[${JSON.stringify(c.idx)}] = v${JSON.stringify(c.vshape)}`, () => {
      const x = makeX(c.shape).requires_grad_();
      const v = torch.arange(c.vshape.reduce((a, b) => a * b, 1), { dtype: torch.float32 }).add(10).reshape(c.vshape).requires_grad_();
      const y = x.clone();
      if (c.error) {
        expectMsg(() => y.set(...toIndex(c.idx), v), c.error);
        expect(flat(y)).toEqual(flat(x));
        return;
      }
      y.set(...toIndex(c.idx), v);
      y.backward(upstream(y));
      expect(flat(y)).toEqual(c.out);
      expect(flat(x.grad!)).toEqual(c.grad);
      expect(flat(v.grad!)).toEqual(c.vgrad);
    });
  }
  for (const c of fx.copy as { dst: number[]; src: number[]; out?: number[]; error?: Err }[]) {
    it(`zeros${JSON.stringify(c.dst)}.copy_(src${JSON.stringify(c.src)})`, () => {
      const dst = torch.zeros(c.dst);
      const src = torch.arange(c.src.reduce((a, b) => a * b, 1), { dtype: torch.float32 }).reshape(c.src);
      if (c.error) return expectMsg(() => dst.copy_(src), c.error);
      expect(flat(dst.copy_(src))).toEqual(c.out);
    });
  }
});
