// torch.autograd.Function against PyTorch 1.13: test/fixtures/function.json, written by
// scripts/gen-function.py (the tutorial's LegendrePolynomial3 training, several outputs, errors).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture } from './fixture.js';
import type { Tensor, FunctionCtx } from '../src/index.js';

const fx = fixture('function.json');
const { Function } = torch.autograd;

class LegendrePolynomial3 extends Function {
  static override forward(ctx: FunctionCtx, input: Tensor): Tensor {
    ctx.save_for_backward(input);
    return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
  }
  static override backward(ctx: FunctionCtx, grad_output: Tensor): Tensor {
    const [input] = ctx.saved_tensors;
    return grad_output.mul(1.5).mul(input.pow(2).mul(5).sub(1));
  }
}

class Scale extends Function {
  static override forward(ctx: FunctionCtx, x: Tensor, k: number): Tensor {
    ctx.k = k;
    return x.mul(k);
  }
  static override backward(ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
    return [g.mul(ctx.k as number), null];
  }
}

describe('torch.autograd.Function', () => {
  it("trains the tutorial's LegendrePolynomial3 model as PyTorch does", () => {
    const x = torch.linspace(-Math.PI, Math.PI, 2000);
    const y = torch.sin(x);
    const f32 = { dtype: torch.float32, requires_grad: true };
    const a = torch.full([], 0.0, f32); // a JavaScript 0.0 is an integer: the dtype says float
    const b = torch.full([], -1.0, f32);
    const c = torch.full([], 0.0, f32);
    const d = torch.full([], 0.3, f32);
    const lr = 5e-6;
    const losses: number[] = [];
    for (let t = 0; t < 300; t++) {
      const P3 = (v: Tensor) => LegendrePolynomial3.apply(v);
      const inner = P3(c.add(d.mul(x)));
      if (t === 0) expect(inner.grad_fn!.name()).toBe(fx.grad_fn);
      const y_pred = a.add(b.mul(inner));
      const loss = y_pred.sub(y).pow(2).sum();
      if (t % 100 === 99) losses.push(Number(loss.item()));
      loss.backward();
      torch.no_grad(() => {
        for (const p of [a, b, c, d]) {
          p.sub_(p.grad!.mul(lr));
          p.grad = null;
        }
      });
    }
    const L = fx.legendre;
    losses.forEach((l, i) => expect(l).toBeCloseTo(L.losses[i], 2));
    expect(Number(b.item())).toBeCloseTo(L.b, 5);
    expect(Number(d.item())).toBeCloseTo(L.d, 5);
    expect(Math.abs(Number(a.item()))).toBeLessThan(1e-6);
    expect(Math.abs(Number(c.item()))).toBeLessThan(1e-6);
  });

  it('non-tensor arguments, ctx fields, needs_input_grad, no record under no_grad', () => {
    const x = torch.tensor([1, 2], { dtype: torch.float32, requires_grad: true });
    Scale.apply(x, 3).sum().backward();
    expect(x.grad!.tolist()).toEqual([3, 3]);
    let needs: boolean[] = [];
    class Needs extends Function {
      static override forward(ctx: FunctionCtx, p: Tensor, q: Tensor, k: number): Tensor { needs = ctx.needs_input_grad; return p.mul(q).mul(k); }
      static override backward(_ctx: FunctionCtx, g: Tensor) { return [g, null, null]; }
    }
    Needs.apply(x, torch.ones(2), 5);
    expect(needs).toEqual([true, false, false]);
    const w = torch.no_grad(() => Scale.apply(x, 2));
    expect(w.requires_grad).toBe(false);
    expect(w.grad_fn).toBeNull();
  });

  it('several outputs: one backward with both gradients, zeros for an unused one (or null without materialized grads)', () => {
    let seen: unknown[] = [];
    class Two extends Function {
      static override forward(_ctx: FunctionCtx, x: Tensor): Tensor[] { return [x.mul(2), x.mul(3)]; }
      static override backward(_ctx: FunctionCtx, g1: Tensor, g2: Tensor): Tensor { seen = [g1.tolist(), g2.tolist()]; return g1.mul(2).add(g2.mul(3)); }
    }
    const x = torch.tensor([1, 2], { dtype: torch.float32, requires_grad: true });
    const [p, q] = Two.apply(x);
    p.sum().add(q.mul(10).sum()).backward();
    expect(x.grad!.tolist()).toEqual(fx.two.both);
    x.grad = null;
    Two.apply(x)[0].sum().backward();
    expect(x.grad!.tolist()).toEqual(fx.two.first_only);
    expect(seen[1]).toEqual([0, 0]);
    class Raw extends Function {
      static override forward(ctx: FunctionCtx, x: Tensor): Tensor[] { ctx.set_materialize_grads(false); return [x.mul(2), x.mul(3)]; }
      static override backward(_ctx: FunctionCtx, g1: Tensor, g2: Tensor | null): Tensor { seen = [g1.tolist(), g2]; return g1.mul(2); }
    }
    Raw.apply(x)[0].sum().backward();
    expect(seen[1]).toBeNull();
  });

  it('mark_non_differentiable: an index output needs no gradient; an input returned as is gets the node', () => {
    class ArgMax extends Function {
      static override forward(ctx: FunctionCtx, x: Tensor): [Tensor, Tensor] {
        const i = x.argmax();
        ctx.mark_non_differentiable(i);
        return [x.mul(2), i];
      }
      static override backward(_ctx: FunctionCtx, g: Tensor): Tensor { return g.mul(2); }
    }
    const x = torch.tensor([1, 5, 2], { dtype: torch.float32, requires_grad: true });
    const [v, i] = ArgMax.apply(x);
    expect(v.requires_grad).toBe(true);
    expect(i.requires_grad).toBe(false);
    v.sum().backward();
    expect(x.grad!.tolist()).toEqual([2, 2, 2]);
    class Ident extends Function {
      static override forward(_ctx: FunctionCtx, t: Tensor): Tensor { return t; }
      static override backward(_ctx: FunctionCtx, g: Tensor): Tensor { return g.mul(7); }
    }
    const z = Ident.apply(x);
    expect(z).not.toBe(x);
    expect(z.grad_fn!.name()).toBe('IdentBackward');
    x.grad = null;
    z.sum().backward();
    expect(x.grad!.tolist()).toEqual([7, 7, 7]);
  });

  it("PyTorch's errors", () => {
    const e = fx.errors;
    const x = torch.ones(2, { requires_grad: true });
    class Bad1 extends Scale { static override backward(_c: FunctionCtx, g: Tensor) { return [g]; } }
    class Bad2 extends Scale { static override backward(_c: FunctionCtx, g: Tensor) { return [g, g]; } }
    class Bad3 extends Scale { static override backward() { return [torch.ones(3), null]; } }
    class NoBackward extends Function { static override forward(_c: FunctionCtx, t: Tensor) { return t.mul(2); } }
    expect(() => Bad1.apply(x, 3).sum().backward()).toThrow(e.count.message);
    expect(() => Bad2.apply(x, 3).sum().backward()).toThrow(e.not_tensor.message);
    expect(() => Bad3.apply(x, 3).sum().backward()).toThrow(e.shape.message);
    expect(() => Function.apply(x)).toThrow(e.no_forward.message);
    expect(() => NoBackward.apply(x).sum().backward()).toThrow(e.no_backward.message);
    class Modified extends Function {
      static override forward(ctx: FunctionCtx, t: Tensor) { ctx.save_for_backward(t); return t.mul(2); }
      static override backward(ctx: FunctionCtx, g: Tensor) { return g.mul(ctx.saved_tensors[0]); }
    }
    const w = torch.ones(2, { requires_grad: true });
    const h = w.mul(1);
    const r = Modified.apply(h);
    h.add_(1);
    expect(() => r.sum().backward()).toThrow(e.modified.message);
  });
});

describe('anomaly detection', () => {
  it("a NaN gradient is PyTorch's error, the forward stack is printed, and the in-place hint changes", () => {
    const a = fx.anomaly;
    const warn = console.warn;
    const warned: string[] = [];
    console.warn = (m: string) => { warned.push(m); };
    try {
      const x = torch.tensor([0, 1], { dtype: torch.float32, requires_grad: true });
      expect(() => torch.autograd.detect_anomaly(() => torch.sqrt(x).mul(0).sum().backward())).toThrow(a.nan.message);
      expect(warned[0]).toMatch(/^UserWarning: Anomaly Detection has been enabled/);
      expect(warned[1]).toMatch(/^UserWarning: Error detected in SqrtBackward0\. Traceback of forward call that caused the error:\n.*function\.test\.ts/s);
      expect(torch.is_anomaly_enabled()).toBe(a.enabled_after);
      torch.autograd.set_detect_anomaly(true);
      try {
        const w = torch.ones(2, { requires_grad: true });
        const h = w.mul(1);
        class Modified extends Function {
          static override forward(ctx: FunctionCtx, t: Tensor) { ctx.save_for_backward(t); return t.mul(2); }
          static override backward(ctx: FunctionCtx, g: Tensor) { return g.mul(ctx.saved_tensors[0]); }
        }
        const r = Modified.apply(h);
        h.add_(1);
        expect(() => r.sum().backward()).toThrow(a.modified.message);
        expect(torch.is_anomaly_enabled()).toBe(true);
      } finally {
        torch.autograd.set_detect_anomaly(false);
      }
    } finally {
      console.warn = warn;
    }
  });
});

class ExpF extends Function {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
    const result = torch.exp(x);
    ctx.save_for_backward(result);
    return result;
  }
  static override backward(ctx: FunctionCtx, grad_out: Tensor): Tensor {
    const [result] = ctx.saved_tensors;
    return result.mul(grad_out);
  }
}
class SinhF extends Function {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor[] {
    const expx = torch.exp(x);
    const expnegx = torch.exp(x.neg());
    ctx.save_for_backward(expx, expnegx);
    return [expx.sub(expnegx).div(2), expx, expnegx];
  }
  static override backward(ctx: FunctionCtx, grad_out: Tensor, g_exp: Tensor, g_negexp: Tensor): Tensor {
    const [expx, expnegx] = ctx.saved_tensors;
    return grad_out.mul(expx.add(expnegx)).div(2).add(g_exp.mul(expx)).sub(g_negexp.mul(expnegx));
  }
}
class Once extends Function {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
    ctx.save_for_backward(x);
    return x.pow(2);
  }
  static override backward = torch.autograd.function.once_differentiable((ctx: FunctionCtx, g: Tensor) => {
    const [x] = ctx.saved_tensors;
    return x.mul(2).mul(g);
  });
}

describe('autograd.Function: saved outputs, several outputs, once_differentiable (PyTorch 1.13)', () => {
  const f = fx.saved_output;
  it("a saved output unpacks with the Function's node as grad_fn: its backward differentiates again", () => {
    const x = torch.tensor(f.x).requires_grad_();
    const [g] = torch.autograd.grad(ExpF.apply(x).sum(), x, { create_graph: true }) as Tensor[];
    expect([g.grad_fn!.name(), g.grad_fn!.next_functions[0][0]!.name()]).toEqual(f.grad_fn);
    expectList(g, f.g);
    expectList(torch.autograd.grad(g.sum(), x)[0]!, f.gg);
  });
  it("several outputs all show the Function's node; saved outputs among them differentiate again", () => {
    const x = torch.tensor(f.x).requires_grad_();
    const [s1, s2, s3] = SinhF.apply(x);
    expect([s1, s2, s3].map((t) => t.grad_fn!.name())).toEqual(f.sinh_grad_fns);
    const [gs] = torch.autograd.grad(s1.sum(), x, { create_graph: true }) as Tensor[];
    expectList(gs, f.gs);
    expectList(torch.autograd.grad(gs.sum(), x)[0]!, f.ggs);
  });
  it('once_differentiable: backward without a graph, and an error node when differentiated twice', () => {
    const x = torch.tensor(f.x).requires_grad_();
    const [g1] = torch.autograd.grad(Once.apply(x).sum(), x, { create_graph: true }) as Tensor[];
    expectList(g1, f.once.g1);
    expect(g1.requires_grad).toBe(f.once.g1_requires_grad);
    const go = torch.ones(3, { requires_grad: true });
    const [g2] = torch.autograd.grad(Once.apply(x), x, { grad_outputs: go, create_graph: true }) as Tensor[];
    expect(g2.grad_fn!.name()).toBe(f.once.g2_grad_fn);
    expect(() => g2.sum().backward()).toThrow(f.once.error.message);
  });
  it('autograd.grad with a non-leaf input neither runs nor frees the graph below it', () => {
    const leaf = torch.ones(2, { requires_grad: true });
    const mid = leaf.mul(3);
    expectList(torch.autograd.grad(mid.mul(2).sum(), mid)[0]!, fx.grad_stops_at_input.first);
    mid.mul(3).sum().backward();
    expectList(leaf.grad!, fx.grad_stops_at_input.leaf_grad);
  });
});

function expectList(t: Tensor, want: number[]): void {
  (t.tolist() as number[]).forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
}
