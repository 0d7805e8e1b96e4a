// The layout of a new tensor computed from one laid out otherwise than row-major (x.t(), permute, expand, channels-last,
// slices), and its values' bits, against PyTorch 1.13 (test/fixtures/layout.json, scripts/gen-layout.py): an
// elementwise op's output takes its inputs' layout (TensorIterator) and is computed in memory order, so SLEEF's vector
// blocks fall where PyTorch's do; clone, to(dtype) and the *_like factories keep the layout (preserve_format); the
// gradients through x.t() likewise. Both of tocha's paths (the core and the relaxed build).
import v8 from 'node:v8';
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import { fixture, pickedBits, type PickedBits } from './fixture.js';
import { describeBothPaths } from './paths.js';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');
const F = torch.nn.functional;

interface Result { shape: number[]; stride: number[]; sha256: string; y: PickedBits | null }
const fx = fixture('layout.json') as {
  A: string[]; B: string[]; C4: string[]; Z: string[];
  unary: Record<string, Result>; binary: Record<string, Result>; grad: Record<string, { y: Result; grad: Result }>;
  like: Record<string, Result>; leaf: Record<string, Result>;
  formats: Record<string, number[] | boolean[]>; formats_values: Record<string, Result>;
  pairs: Record<string, [number[], number[]][]>; R3: string[];
};
const floats = (hex: string[], shape: number[]) =>
  torch.tensor(hex.map((h) => new DataView(Uint32Array.of(parseInt(h, 16)).buffer).getFloat32(0, true))).reshape(shape);
const A = floats(fx.A, [37, 53]), B = floats(fx.B, [53, 37]), C4 = floats(fx.C4, [2, 5, 6, 7]), Z = floats(fx.Z, [3, 1, 40]);
const all = torch.slice(null);

const LAYOUTS: Record<string, () => Tensor> = {
  t: () => A.t(),
  tslice: () => A.t().index(all, torch.slice(3, 30)),
  perm3: () => A.reshape([37, 53, 1]).expand([37, 53, 2]).permute([2, 0, 1]),
  p201: () => A.index(torch.slice(null, 36)).reshape([4, 9, 53]).permute([2, 0, 1]),
  cl: () => C4.permute([0, 2, 3, 1]).contiguous().permute([0, 3, 1, 2]),
  size1: () => Z.transpose(0, 2),
  step: () => A.t().index(all, torch.slice(null, null, 2)),
};
const UNARY: Record<string, (x: Tensor) => Tensor> = {
  sigmoid: (x) => torch.sigmoid(x), exp: (x) => x.exp(), tanh: (x) => x.tanh(), gelu: (x) => F.gelu(x), silu: (x) => F.silu(x),
  sin: (x) => x.sin(), log1p: (x) => x.abs().log1p(), neg: (x) => x.neg(), relu: (x) => torch.relu(x), elu: (x) => F.elu(x),
  softplus: (x) => F.softplus(x), sqrt: (x) => x.abs().sqrt(), 'pow2.5': (x) => x.abs().pow(2.5), tan: (x) => x.tan(), erfc: (x) => x.erfc(), mish: (x) => F.mish(x), clone: (x) => x.clone(), long: (x) => x.long(),
  isnan: (x) => torch.isnan(x), sign: (x) => x.sign(), mul2: (x) => x.mul(2), gt0: (x) => x.gt(0), zeros_like: (x) => torch.zeros_like(x),
  ones_like: (x) => torch.ones_like(x), full_like: (x) => torch.full_like(x, 7),
};
const BINARY: Record<string, () => Tensor> = {
  't+t': () => A.t().add(A.t()),
  't+c': () => A.t().add(B),
  'c+t': () => B.add(A.t()),
  't+row': () => A.t().add(B.index(0)),
  'row+t': () => B.index(0).add(A.t()),
  't+col': () => A.t().add(B.index(all, torch.slice(null, 1))),
  't*0d': () => A.t().mul(torch.tensor(1.5)),
  'tl+1': () => A.t().long().add(1),
  't<c': () => A.t().lt(B),
  'cl+c': () => LAYOUTS.cl().add(C4),
  'p201*p201': () => LAYOUTS.p201().mul(LAYOUTS.p201()),
  'where(t>0,t,c)': () => torch.where(A.t().gt(0), A.t(), B),
  'where(c>0,t,0)': () => torch.where(B.gt(0), A.t(), torch.tensor(0)),
};

/** y's values in row-major order as the gen script hashes them: float32's bits in hex, or the integers. */
function sha(y: Tensor): string {
  const v = y.flatten().tolist() as (number | boolean)[];
  const b = new DataView(new ArrayBuffer(4));
  const s = y.dtype === torch.float32
    ? v.map((x) => { b.setFloat32(0, x as number); return b.getUint32(0).toString(16).padStart(8, '0'); })
    : v.map((x) => String(Number(x)));
  return createHash('sha256').update(s.join(',')).digest('hex');
}
function expectResult(y: Tensor, want: Result, what: string): void {
  expect(y.shape, `${what}: shape`).toEqual(want.shape);
  expect(y.stride(), `${what}: stride`).toEqual(want.stride);
  if (want.y) expect(pickedBits(y, want.y.at), `${what}: sampled bits`).toEqual(want.y.bits);
  expect(sha(y), `${what}: every value`).toBe(want.sha256);
}

await describeBothPaths(() => {
  it('unary ops, clone, to(dtype) and the *_like factories on seven layouts: strides and every value', () => {
    for (const [name, want] of Object.entries(fx.unary)) {
      const [layout, op] = name.split('/');
      expectResult(UNARY[op](LAYOUTS[layout]()), want, name);
    }
  });

  it('binary ops: the output follows the first operand that decides, broadcasting and 0-d operands aside', () => {
    for (const [name, want] of Object.entries(fx.binary)) expectResult(BINARY[name](), want, name);
  });

  it("gradients through x.t(): the backward kernels run in memory order on (grad, saved) laid out alike", () => {
    for (const [op, want] of Object.entries(fx.grad)) {
      const a = A.clone().requires_grad_();
      const y = UNARY[op](a.t());
      y.mul(B.t().contiguous().t()).sum().backward();
      expectResult(y.detach(), want.y, `${op}: y`);
      expectResult(a.grad!, want.grad, `${op}: grad`);
    }
  });
});

it("a leaf's gradient is laid out as the leaf where it is dense, else contiguous (AccumulateGrad's layout contract)", () => {
  const LEAVES: Record<string, [() => Tensor, (w: Tensor) => Tensor]> = {
    't-leaf mul': [() => A.t(), (w) => w.mul(2).sum()],
    't-leaf sigmoid': [() => A.t(), (w) => torch.sigmoid(w).sum()],
    'leaf via t': [() => A, (w) => torch.sigmoid(w.t()).mul(B).sum()],
    'step-leaf': [() => LAYOUTS.step(), (w) => torch.sigmoid(w).sum()],
  };
  for (const [name, want] of Object.entries(fx.leaf)) {
    const [make, f] = LEAVES[name];
    const w = make().detach().requires_grad_();
    f(w).backward();
    expectResult(w.grad!, want, name);
  }
});

it('memory_format: empty, clone, contiguous, zeros_like and is_contiguous as PyTorch lays them out', () => {
  const CL = C4.contiguous({ memory_format: torch.channels_last });
  const got: Record<string, number[] | boolean[]> = {
    'empty cl': torch.empty(2, 3, 4, 5, { memory_format: torch.channels_last }).stride(),
    'empty cl size1': torch.empty(2, 1, 3, 1, { memory_format: torch.channels_last }).stride(),
    'empty cl size0': torch.empty(2, 0, 3, 4, { memory_format: torch.channels_last }).stride(),
    'empty cl3d': torch.empty(2, 3, 4, 5, 6, { memory_format: torch.channels_last_3d }).stride(),
    'contiguous cl': CL.stride(),
    'clone cl': C4.clone({ memory_format: torch.channels_last }).stride(),
    'clone contiguous of cl': CL.clone({ memory_format: torch.contiguous_format }).stride(),
    'zeros_like cl': torch.zeros_like(C4, { memory_format: torch.channels_last }).stride(),
    'zeros_like contiguous of t': torch.zeros_like(A.t(), { memory_format: torch.contiguous_format }).stride(),
    'is_contiguous': [C4.is_contiguous({ memory_format: torch.channels_last }), CL.is_contiguous({ memory_format: torch.channels_last }),
      CL.is_contiguous(), A.t().is_contiguous({ memory_format: torch.channels_last })],
  };
  expect(got).toEqual(fx.formats);
  expectResult(CL, fx.formats_values['contiguous cl'], 'contiguous cl');
  expectResult(CL.clone({ memory_format: torch.contiguous_format }), fx.formats_values['clone contiguous of cl'], 'clone contiguous of cl');
  expect(String(torch.channels_last)).toBe('torch.channels_last');
  // PyTorch's errors
  expect(() => torch.empty(2, 3, { memory_format: torch.channels_last })).toThrow(/^required rank 4 tensor to use channels_last format$/);
  expect(() => A.t().contiguous({ memory_format: torch.preserve_format }))
    .toThrow(/^preserve memory format is unsupported by the contiguous operator$/);
  expect(() => A.clone({ memory_format: 'channels_last' as never })).toThrow(/^clone\(\): argument 'memory_format' must be torch\.memory_format/);
});

it("x.to({ memory_format }) and nn.Module.to({ memory_format }), as PyTorch's", () => {
  // PyTorch 1.13: x.to(memory_format=torch.channels_last) is ToCopyBackward0 with strides (60, 1, 15, 3), itself when
  // already so; Conv2d(3, 4, 3).to(memory_format=torch.channels_last) keeps its Parameter objects, weight strides
  // (27, 1, 9, 3), bias (1,); a 2-d tensor is 'required rank 4 tensor to use channels_last format'
  const x = torch.randn([2, 3, 4, 5], { requires_grad: true });
  const y = x.to({ memory_format: torch.channels_last });
  expect([String(y.grad_fn), y.stride()]).toEqual(['<ToCopyBackward0>', [60, 1, 15, 3]]);
  expect(y.detach().to({ memory_format: torch.channels_last })).not.toBe(y);
  const z = y.detach();
  expect(z.to({ memory_format: torch.channels_last })).toBe(z);
  expect(z.to(torch.int64, { memory_format: torch.preserve_format }).stride()).toEqual([60, 1, 15, 3]);
  expect(() => torch.randn(2, 3).to({ memory_format: torch.channels_last })).toThrow(/^required rank 4 tensor to use channels_last format$/);
  torch.manual_seed(0);
  const m = new torch.nn.Conv2d(3, 4, 3);
  const input = torch.randn(1, 3, 8, 8);
  const before = m.forward(input);
  const w = m.weight;
  m.to({ memory_format: torch.channels_last });
  expect(m.weight).toBe(w);
  expect([m.weight.stride(), m.bias!.stride()]).toEqual([[27, 1, 9, 3], [1]]);
  expect(m.forward(input).tolist()).toEqual(before.tolist());
});

it('rand_like and randint_like draw in the memory order of their layout', () => {
  for (const [name, want] of Object.entries(fx.like)) {
    const [layout, op] = name.split('/');
    torch.manual_seed(11);
    const x = LAYOUTS[layout]();
    expectResult(op === 'rand_like' ? torch.rand_like(x) : torch.randint_like(x, 10), want, name);
  }
});

it('contiguous() of a permuted result is row-major, and view() of it works as in PyTorch', () => {
  const y = torch.sigmoid(A.t());
  expect(y.is_contiguous()).toBe(false);
  expect(() => y.view([-1])).toThrow(/view size is not compatible with input tensor's size and stride/);
  const c = y.contiguous();
  expect(c.stride()).toEqual([37, 1]);
  expect(c.view([-1]).shape).toEqual([1961]);
});

it("as_strided's gradient is copied into zeros where the view does not overlap itself (-0 stays -0), added where it does, and shared out where the input overlaps", () => {
  // PyTorch 1.13 (as_strided_backward: copy_ unless _maybe_overlapping_memory, then index_add_)
  const signs = (t: Tensor) => (t.tolist() as number[]).map((v) => (Object.is(v, -0) ? '-0.0' : v.toFixed(1)));
  let x = torch.arange(6, { dtype: torch.float32 }).requires_grad_();
  x.as_strided([2, 2], [1, 2], 1).mul(0).backward(torch.ones(2, 2).neg());
  expect(signs(x.grad!)).toEqual(['0.0', '-0.0', '-0.0', '-0.0', '-0.0', '0.0']);
  x = torch.arange(6, { dtype: torch.float32 }).requires_grad_();
  x.as_strided([3, 2], [1, 1]).mul(0).backward(torch.ones(3, 2).neg());
  expect(signs(x.grad!)).toEqual(['0.0', '0.0', '0.0', '0.0', '0.0', '0.0']);
  x = torch.arange(6, { dtype: torch.float32 }).requires_grad_();
  x.as_strided([2, 2], [1, 2], 1).mul(torch.tensor([[1, 2], [3, 4]], { dtype: torch.float32 })).backward(torch.ones(2, 2));
  expect(x.grad!.tolist()).toEqual([0, 1, 3, 2, 4, 0]);
  // an input that overlaps itself (expanded) shares the gradient out by each position's count: PyTorch gives [1, 1, 1]
  // and [1, 5, 4] (tocha had given [2, 2, 2])
  let b = torch.arange(3, { dtype: torch.float32 }).requires_grad_();
  b.expand([2, 3]).as_strided([3], [1]).sum().backward();
  expect(b.grad!.tolist()).toEqual([1, 1, 1]);
  b = torch.arange(3, { dtype: torch.float32 }).requires_grad_();
  b.expand([2, 3]).as_strided([2, 2], [1, 1], 0).mul(torch.tensor([[1, 2], [3, 4]], { dtype: torch.float32 })).sum().backward();
  expect(b.grad!.tolist()).toEqual([1, 5, 4]);
});

// values and indices along a dim, keepdim or not: both laid out as a new tensor of their shape, as ATen allocates them
// (kthvalue, median and mode gave their indices a size-1 dim's stride 1 where PyTorch's is the next dims' product)
it('the pairs of values and indices have PyTorch\'s shapes and strides', () => {
  const R3 = floats(fx.R3, [3, 4, 5]);
  type Pair = Iterable<Tensor>;
  const PAIRS: Record<string, (x: Tensor, d: number, k: boolean) => Pair> = {
    max: (x, d, k) => torch.max(x, d, k) as unknown as Pair, min: (x, d, k) => torch.min(x, d, k) as unknown as Pair,
    kthvalue: (x, d, k) => torch.kthvalue(x, 2, d, k), median: (x, d, k) => torch.median(x, d, k) as unknown as Pair,
    nanmedian: (x, d, k) => torch.nanmedian(x, d, k) as unknown as Pair, mode: (x, d, k) => torch.mode(x, d, k),
    topk: (x, d) => torch.topk(x, 2, d), sort: (x, d) => torch.sort(x, d), cummax: (x, d) => torch.cummax(x, d),
    aminmax: (x, d, k) => torch.aminmax(x, { dim: d, keepdim: k }) as unknown as Pair,
  };
  const got: Record<string, [number[], number[]][]> = {};
  for (const key of Object.keys(fx.pairs)) {
    const [name, d, k] = key.split('/');
    got[key] = [...PAIRS[name](R3, Number(d), k === 'True')].map((t) => [[...t.shape], t.stride() as number[]]);
  }
  expect(got).toEqual(fx.pairs);
});
