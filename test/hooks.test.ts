// Tensor gradient hooks, torch.inference_mode and addcmul/addcdiv's rounding, against PyTorch 1.13:
// test/fixtures/hooks.json, written by scripts/gen-hooks.py (values, flags and error messages come
// from PyTorch).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture } from './fixture.js';
import type { Tensor } from '../src/index.js';

const fx = fixture('hooks.json');
const flat = (t: Tensor | null): number[] | null => (t ? Array.from(t.detach().reshape([-1]).dataSync()) : null);
const f32 = (a: number[]) => Array.from(Float32Array.from(a));

describe('register_hook', () => {
  type Setup = (x: Tensor, y: Tensor) => void;
  const setups: Record<string, [Setup, 'sum' | 'sq']> = {
    retain_then_hook: [(_x, y) => { y.retain_grad(); y.register_hook((g) => g.mul(10)); }, 'sum'],
    hook_then_retain: [(_x, y) => { y.register_hook((g) => g.mul(10)); y.retain_grad(); }, 'sum'],
    two_hooks_in_order: [(_x, y) => { y.register_hook((g) => g.add(1)); y.register_hook((g) => g.mul(10)); }, 'sum'],
    leaf_hook: [(x) => { x.register_hook((g) => g.add(1)); }, 'sum'],
    observing_hook: [(_x, y) => { y.register_hook(() => undefined); }, 'sum'],
    removed: [(_x, y) => { y.register_hook((g) => g.mul(10)).remove(); }, 'sum'],
    square_loss_hook: [(_x, y) => { y.register_hook((g) => g.mul(g)); }, 'sq'],
  };
  for (const [name, [setup, loss]] of Object.entries(setups)) {
    it(name, () => {
      const want = fx.cases[name];
      const x = torch.tensor([1, 2], { dtype: torch.float32, requires_grad: true });
      const y = x.mul(2);
      setup(x, y);
      (loss === 'sq' ? y.mul(y).mul(0.5) : y.mul(3)).sum().backward();
      expect(flat(x.grad)).toEqual(want.x_grad);
      expect(y.retains_grad ? flat(y.grad) : null).toEqual(want.y_grad);
    });
  }

  it('runs during autograd.grad (and retain_grad fills .grad), but not on the gradients asked for', () => {
    let x = torch.tensor([1, 2], { dtype: torch.float32, requires_grad: true });
    let y = x.mul(2);
    y.retain_grad();
    y.register_hook((g) => g.mul(10));
    expect(flat(torch.autograd.grad(y.mul(3).sum(), [x])[0])).toEqual(fx.autograd_grad.x);
    expect(flat(y.grad)).toEqual(fx.autograd_grad.y_grad);
    x = torch.tensor([1, 2], { dtype: torch.float32, requires_grad: true });
    y = x.mul(2);
    y.register_hook((g) => g.mul(10));
    expect(flat(torch.autograd.grad(y.mul(y).sum(), [y])[0])).toEqual(fx.autograd_grad_nonleaf_input);
    x = torch.tensor([1, 2], { dtype: torch.float32, requires_grad: true });
    x.register_hook((g) => g.mul(10));
    expect(flat(torch.autograd.grad(x.mul(x).sum(), [x])[0])).toEqual(fx.autograd_grad_leaf_input);
  });

  it("a hook on a layer's weight scales its gradient through three SGD steps as in PyTorch", () => {
    const s = fx.sgd_hook;
    const lin = new torch.nn.Linear(3, 2);
    torch.no_grad(() => {
      lin.weight.copy_(torch.tensor(s.w0).reshape([2, 3]));
      lin.bias!.copy_(torch.tensor(s.b0));
    });
    lin.weight.register_hook((g) => g.mul(0.5));
    const opt = new torch.optim.SGD(lin.parameters(), { lr: 0.1 });
    const inp = torch.tensor(s.input).reshape([2, 3]);
    for (let i = 0; i < 3; i++) {
      opt.zero_grad();
      torch.nn.functional.mse_loss(lin.forward(inp), torch.zeros(2, 2)).backward();
      opt.step();
    }
    flat(lin.weight)!.forEach((w, i) => expect(w).toBeCloseTo(s.w[i], 6));
    flat(lin.bias)!.forEach((b, i) => expect(b).toBeCloseTo(s.b[i], 6));
  });

  it("PyTorch's errors", () => {
    expect(() => torch.ones(2).register_hook((g) => g)).toThrow(fx.hook_errors.no_grad_tensor.message);
    const x = torch.ones(2, { requires_grad: true });
    x.register_hook(function hook() { return torch.ones(3); });
    expect(() => x.mul(2).sum().backward()).toThrow(fx.hook_errors.size.message);
    const z = torch.ones(2, { requires_grad: true });
    z.register_hook((() => 5) as unknown as () => Tensor);
    expect(() => z.mul(2).sum().backward()).toThrow("expected Tensor, but hook returned 'number'");
  });
});

describe('inference_mode', () => {
  const fi = fx.inference;
  it('makes inference tensors, records nothing, and nests with inference_mode(false)', () => {
    const w = torch.randn([3], { requires_grad: true });
    let xi!: Tensor;
    const inside = torch.inference_mode(() => {
      xi = torch.randn([3]);
      const r: Record<string, unknown> = {
        is_inference: xi.is_inference(), enabled: torch.is_inference_mode_enabled(),
        grad_enabled: torch.is_grad_enabled(), w2_requires_grad: w.mul(2).requires_grad,
        w2_is_inference: w.mul(2).is_inference(), view_of_normal: w.narrow(0, 0, 2).is_inference(),
      };
      r.nested_false = torch.inference_mode(false, () => ({
        enabled: torch.is_inference_mode_enabled(), grad_enabled: torch.is_grad_enabled(),
        new_is_inference: torch.ones(2).is_inference(),
      }));
      xi.add_(1);
      r.inplace_inside = true;
      xi.keep();
      return r;
    });
    expect(inside).toEqual(fi.inside);
    expect({
      enabled: torch.is_inference_mode_enabled(), view_is_inference: xi.narrow(0, 0, 2).is_inference(),
      op_result_is_inference: torch.exp(xi).is_inference(), clone_is_inference: xi.clone().is_inference(),
    }).toEqual(fi.after);

    const before = flat(xi);
    expect(() => w.mul(xi).sum().backward()).toThrow(fi.errors.saved_for_backward.message);
    expect(() => xi.add_(1)).toThrow(fi.errors.inplace_outside.message);
    expect(() => xi.narrow(0, 0, 1).zero_()).toThrow(fi.errors.inplace_view_outside.message);
    expect(() => xi.requires_grad_()).toThrow(fi.errors.requires_grad_outside.message);
    for (const write of [() => xi.uniform_(), () => xi.copy_(torch.zeros(3)), () => torch.nn.init.zeros_(xi)]) {
      expect(write).toThrow(fi.errors.inplace_outside.message);
    }
    expect(flat(xi)).toEqual(before); // nothing was written
    expect(fi.not_saved_ok).toBeNull();
    w.add(xi).sum().backward(); // not saved: allowed, as in PyTorch
    expect(flat(w.grad)).toEqual([1, 1, 1]);
  });

  it('a model built in inference mode cannot be trained outside it, and is left unchanged', () => {
    const net = torch.inference_mode(() => new torch.nn.Linear(2, 2));
    const before = flat(net.weight);
    const opt = new torch.optim.SGD(net.parameters(), { lr: 0.1 });
    for (const p of net.parameters()) torch.inference_mode(() => { p.grad = torch.ones(p.shape).keep(); });
    expect(() => opt.step()).toThrow(fi.errors.inplace_outside.message);
    expect(flat(net.weight)).toEqual(before);
  });

  it('evaluation: the same outputs as no_grad, and what it makes is released at its end', () => {
    const net = new torch.nn.Sequential(new torch.nn.Linear(4, 8), new torch.nn.ReLU(), new torch.nn.Linear(8, 2));
    const x = torch.randn([5, 4]);
    const a = torch.no_grad(() => net.forward(x));
    const live = torch.memory_stats().live_tensors;
    const b = torch.inference_mode(() => net.forward(x));
    expect(torch.memory_stats().live_tensors).toBe(live + 1);
    expect(flat(b)).toEqual(flat(a));
    expect(b.requires_grad).toBe(false);
    expect(b.is_inference()).toBe(true);
  });
});

describe('addcmul / addcdiv with a value round as ATen', () => {
  const a = fx.addc;
  it('bit for bit', () => {
    const [x, t1, t2] = [torch.tensor(a.a), torch.tensor(a.t1), torch.tensor(a.t2)];
    expect(flat(torch.addcmul(x, t1, t2, { value: 0.3 }))).toEqual(f32(a.addcmul));
    expect(flat(torch.addcdiv(x, t1, t2, { value: -0.7 }))).toEqual(f32(a.addcdiv));
    expect(flat(x.addcmul(t1, t2, { value: 0.3 }))).toEqual(f32(a.addcmul));
    expect(flat(x.addcdiv(t1, t2, { value: -0.7 }))).toEqual(f32(a.addcdiv));
  });
});
