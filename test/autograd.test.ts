// Autograd: the engine's rules, PyTorch's safety checks, and a finite-difference gradcheck of
// compositions of differentiable ops.
import { describe, it, expect } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';

/** Central differences of sum(f(x) * w) in float64-ish steps, compared with autograd. */
function gradcheck(f: (x: Tensor) => Tensor, shape: number[], seed = 0, eps = 1e-2, tol = 2e-2): void {
  torch.manual_seed(seed);
  const x0 = torch.randn(shape);
  const w = torch.randn(f(x0).shape.length ? [...f(x0).shape] : []);
  const x = x0.clone().requires_grad_(true);
  f(x).mul(w).sum().backward();
  const analytic = x.grad!.dataSync();
  const base = x0.dataSync();
  for (let i = 0; i < base.length; i++) {
    const plus = Float32Array.from(base);
    const minus = Float32Array.from(base);
    plus[i] += eps;
    minus[i] -= eps;
    const fp = Number(f(torch.tensor(plus).reshape(shape)).mul(w).sum().item());
    const fm = Number(f(torch.tensor(minus).reshape(shape)).mul(w).sum().item());
    const numeric = (fp - fm) / (2 * eps);
    expect(Math.abs(numeric - analytic[i]), `d/dx[${i}]: numeric ${numeric} vs autograd ${analytic[i]}`)
      .toBeLessThanOrEqual(tol * (1 + Math.abs(numeric)));
  }
}

describe('gradcheck of composites', () => {
  const cases: [string, (x: Tensor) => Tensor, number[]][] = [
    ['softmax then log', (x) => torch.log(torch.softmax(x, 1)), [3, 4]],
    ['tanh * sigmoid broadcast', (x) => torch.tanh(x).mul(torch.sigmoid(x.sum(0, { keepdim: true }))), [3, 4]],
    ['matmul with its transpose', (x) => torch.matmul(x, x.t()), [3, 4]],
    ['var and std', (x) => torch.std(x, 1).add(torch.var(x, 0).sum()), [4, 5]],
    ['logsumexp', (x) => torch.logsumexp(x.mul(3), 1), [3, 4]],
    ['norm', (x) => x.norm(), [3, 4]],
    ['cat, stack and slices', (x) => torch.cat([x.index([1, null]), torch.stack([x, x], 0).sum(0)], 0), [3, 2]],
    ['gather and scatter_add', (x) => x.gather(1, torch.tensor([[0, 0], [1, 2], [3, 1]])).exp(), [3, 4]],
    ['max with indices and amax', (x) => torch.max(x, 1).values.add(torch.amax(x, 0).sum()), [3, 4]],
    ['cumsum, flip, repeat, tril', (x) => torch.cumsum(x, 1).flip(0).repeat(2, 1).tril(), [3, 3]],
    ['pow of tensors and prod', (x) => torch.pow(x.abs().add(0.5), x).add(x.prod(1, { keepdim: true })), [2, 3]],
    ['where, clamp, maximum', (x) => torch.where(x.gt(0), x.clamp(-0.5, 0.8), torch.maximum(x, x.mul(0.3))), [3, 4]],
    ['batched matmul broadcast', (x) => torch.matmul(x.view(2, 1, 2, 3), torch.ones(3, 3, 2)), [2, 2, 3]],
  ];
  for (const [name, f, shape] of cases) it(name, () => gradcheck(f, shape));
});

describe('the engine', () => {
  it("shows a number operand of add/sub/mul/div as PyTorch's empty edge of the wrapped number", () => {
    // PyTorch 1.13: (x + 1).grad_fn.next_functions is ((<AccumulateGrad>, 0), (None, 0)); x ** 2 and 1 - x have one edge
    const x = torch.rand(3, { requires_grad: true });
    const y = torch.rand(3, { requires_grad: true });
    const edges = (t: Tensor) => t.grad_fn!.next_functions.map(([f, i]) => [f ? f.name() : null, i]);
    const two = [['AccumulateGrad', 0], [null, 0]];
    for (const t of [x.add(1), x.add(1, { alpha: 2 }), x.sub(1), torch.sub(x, 1, { alpha: 2 }), x.mul(2),
      torch.mul(2 as never, x), x.div(2), x.div(2, { rounding_mode: 'floor' })]) expect(edges(t)).toEqual(two);
    expect(edges(x.reciprocal().mul(2))).toEqual([['ReciprocalBackward0', 0], [null, 0]]);
    expect(edges(x.pow(2))).toEqual([['AccumulateGrad', 0]]);
    expect(edges(torch.rsub(x, 1))).toEqual([['AccumulateGrad', 0]]);
    expect(edges(torch.rsub(x, y))).toEqual([['AccumulateGrad', 0], ['AccumulateGrad', 0]]);
    // alpha scales the tensor inside the node: the edge is still y's
    expect(edges(x.add(y, { alpha: 2 }))).toEqual([['AccumulateGrad', 0], ['AccumulateGrad', 0]]);
    const s = torch.sin(x).mul(2).add(1);
    s.sum().backward();
    expect(x.grad!.allclose(torch.cos(x).mul(2))).toBe(true);
  });

  it('accumulates across backward calls and leaves .grad null before the first', () => {
    const x = torch.ones(3, { requires_grad: true });
    expect(x.grad).toBeNull();
    x.mul(2).sum().backward();
    x.mul(3).sum().backward();
    expect(x.grad!.tolist()).toEqual([5, 5, 5]);
  });

  it('sums a gradient back over broadcast dimensions once', () => {
    const b = torch.zeros(4, { requires_grad: true });
    torch.ones(3, 4).add(b).sum().backward();
    expect(b.grad!.tolist()).toEqual([3, 3, 3, 3]);
  });

  it('backward(gradient) for non-scalars, and the error without it', () => {
    const x = torch.ones(2, { requires_grad: true });
    const y = x.mul(3);
    expect(() => y.backward()).toThrow('grad can be implicitly created only for scalar outputs');
    y.backward(torch.tensor([1, 2], { dtype: torch.float32 }));
    expect(x.grad!.tolist()).toEqual([3, 6]);
  });

  it('refuses a second backward through a freed graph unless retain_graph', () => {
    const x = torch.ones(2, { requires_grad: true });
    const y = x.sigmoid().sum();
    y.backward(null, { retain_graph: true });
    y.backward();
    expect(() => y.backward()).toThrow(/Trying to backward through the graph a second time/);
  });

  it('detects an in-place change to a tensor saved for backward', () => {
    const x = torch.ones(3, { requires_grad: true });
    const y = x.sigmoid();
    const z = y.mul(2);
    torch.no_grad(() => y.add_(1));
    expect(() => y.sum().backward()).toThrow(/modified by an inplace operation/);
    void z;
  });

  it('rejects backward on a tensor that does not require grad', () => {
    expect(() => torch.ones(1).backward()).toThrow('element 0 of tensors does not require grad and does not have a grad_fn');
  });

  it('no_grad, enable_grad, detach and is_leaf', () => {
    const x = torch.ones(2, { requires_grad: true });
    const y = torch.no_grad(() => x.mul(2));
    expect(y.requires_grad).toBe(false);
    const z = torch.no_grad(() => torch.enable_grad(() => x.mul(2)));
    expect(z.requires_grad).toBe(true);
    expect(z.is_leaf).toBe(false);
    expect(z.grad_fn!.name()).toBe('MulBackward0');
    expect(z.detach().requires_grad).toBe(false);
    expect(() => { z.requires_grad = false; }).toThrow(/only change requires_grad flags of leaf variables/);
    expect(() => torch.ones(2, { dtype: torch.int64 }).requires_grad_()).toThrow('Only Tensors of floating point and complex dtype can require gradients');
  });

  it('torch.autograd.grad returns gradients without touching .grad, and supports create_graph', () => {
    const x = torch.tensor([2.0, 3.0], { dtype: torch.float32, requires_grad: true });
    const y = x.pow(3).sum();
    const [g] = torch.autograd.grad(y, x, { create_graph: true });
    expect(g!.tolist()).toEqual([12, 27]);
    expect(x.grad).toBeNull();
    const [g2] = torch.autograd.grad(g!.sum(), x);
    expect(g2!.tolist()).toEqual([12, 18]);
  });

  it('leaf in-place ops are refused under grad mode', () => {
    const w = torch.ones(2, { requires_grad: true });
    expect(() => w.add_(1)).toThrow('a leaf Variable that requires grad is being used in an in-place operation.');
    torch.no_grad(() => w.sub_(torch.ones(2)));
    expect(w.tolist()).toEqual([0, 0]);
  });

  it('retain_grad keeps a non-leaf gradient', () => {
    const x = torch.ones(2, { requires_grad: true });
    const h = x.mul(2);
    h.retain_grad();
    h.sum().backward();
    expect(h.grad!.tolist()).toEqual([1, 1]);
  });
});
