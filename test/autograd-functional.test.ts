// torch.autograd.functional, gradcheck/gradgradcheck and F.gumbel_softmax against PyTorch 1.13:
// test/fixtures/autograd-functional.json, written by scripts/gen-autograd-functional.py (same functions).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { decode, expectTensor, fixture, messageOf, type EncTensor } from './fixture.js';
import type { Tensor, FunctionCtx } from '../src/index.js';

const fx = fixture('autograd-functional.json');
const { jacobian, hessian, vjp, jvp, hvp, vhp } = torch.autograd.functional;
const F = torch.nn.functional;
const x = decode(fx.x);
const y = decode(fx.y);
const a = decode(fx.a);
const b = decode(fx.b);
const v2 = decode(fx.v2);

const exp_reducer = (x: Tensor) => x.exp().sum(1);
const pair = (a: Tensor, b: Tensor) => [a.mul(b), a.sin().sum().add(b.pow(2).sum())];
const scalar = (a: Tensor, b: Tensor) => a.pow(3).mul(b).sum().add(a.exp().sum());
const cube_sum = (a: Tensor) => a.pow(3).sum();
const linear_only = (a: Tensor, _b: Tensor) => a.mul(2);

type Nested = EncTensor | Nested[];
type Flags = boolean | Flags[];
/** A result nested as PyTorch's tuples: values and requires_grad, element by element. */
function expectNested(what: string, got: unknown, want: { value: Nested; requires_grad: Flags }, tol = 1e-5): void {
  const walk = (g: unknown, w: Nested, r: Flags, path: string): void => {
    if (Array.isArray(w)) {
      expect(Array.isArray(g), `${path} is an array`).toBe(true);
      expect((g as unknown[]).length, `${path} length`).toBe(w.length);
      w.forEach((wi, i) => walk((g as unknown[])[i], wi, (r as Flags[])[i], `${path}[${i}]`));
      return;
    }
    expectTensor(path, g as Tensor, w, tol);
    expect((g as Tensor).requires_grad, `${path}.requires_grad`).toBe(r);
  };
  walk(got, want.value, want.requires_grad, what);
}

function expectError(f: () => unknown, want: { type: string; message: string }): void {
  expect(messageOf(f)).toBe(want.message);
  const type = { TypeError: TypeError, ValueError: RangeError }[want.type] ?? Error;
  expect(f).toThrow(type);
}

describe('torch.autograd.functional', () => {
  it('jacobian: values, tuple nesting, create_graph and arguments by position', () => {
    const J = fx.jacobian;
    expectNested('exp_reducer', jacobian(exp_reducer, x), J.exp_reducer);
    expectNested('pair', jacobian(pair, [a, b]), J.pair);
    expectNested('pair create_graph', jacobian(pair, [a, b], { create_graph: true }), J.pair_create);
    expectNested('single in, tuple out', jacobian((a) => [a.mul(2), a.sum()], a), J.single_in_tuple_out);
    expectNested('tuple in, single out', jacobian((a, b) => a.mul(b), [a, b]), J.tuple_in_single_out);
    expectNested('positional', jacobian(exp_reducer, x, false, false, false, 'reverse-mode'), J.positional);
  });

  it("jacobian: PyTorch's errors", () => {
    const E = fx.jacobian.errors;
    expectError(() => jacobian(linear_only, [a, b], { strict: true }), E.strict_independent);
    expectError(() => jacobian(() => torch.ones(2), a, { strict: true }), E.strict_no_grad);
    expectError(() => jacobian(() => 3, a), E.non_tensor_output);
    expectError(() => jacobian((a) => a, [a, 2.5 as unknown as Tensor]), E.non_tensor_in_tuple);
    expectError(() => jacobian((a) => a, 'x' as unknown as Tensor), E.non_tensor_input);
    expectError(() => (jacobian as (...a: unknown[]) => unknown)(exp_reducer, x, false, false, false, 'reverse-mode', 1), E.too_many);
    expectError(() => jacobian(exp_reducer, x, { foo: 1 } as object), E.unknown_kw);
    expect(messageOf(() => jacobian(exp_reducer, x, { strategy: 'sideways' }))).toBe(E.bad_strategy.message);
    expect(messageOf(() => jacobian(exp_reducer, x, { vectorize: true }))).toMatch(/vectorize=True is not supported/);
  });

  it('hessian', () => {
    const H = fx.hessian;
    expectNested('cube_sum', hessian(cube_sum, a), H.cube_sum, 1e-4);
    expectNested('scalar', hessian(scalar, [a, b]), H.scalar, 1e-4);
    expectNested('scalar create_graph', hessian(scalar, [a, b], { create_graph: true }), H.scalar_create, 1e-4);
    expectError(() => hessian((a) => a.mul(2), a), H.errors.not_scalar);
    expectError(() => hessian((a) => [a.sum(), a.sum()], a), H.errors.tuple_output);
    expectError(() => hessian((a) => a.sum().mul(2), a, { strict: true }), H.errors.strict_linear);
  });

  it('vjp', () => {
    const V = fx.vjp;
    expectNested('exp_reducer', vjp(exp_reducer, x, v2), V.exp_reducer);
    expectNested('exp_reducer create_graph', vjp(exp_reducer, x, v2, { create_graph: true }), V.exp_reducer_create);
    expectNested('pair', vjp(pair, [a, b], [b, torch.tensor(2.0, { dtype: torch.float32 })]), V.pair);
    expectNested('scalar, no v', vjp(cube_sum, a), V.scalar_no_v);
    expectNested('independent input gets zeros', vjp(linear_only, [a, b], a), V.strict_zero);
    const E = V.errors;
    expectError(() => vjp(exp_reducer, x), E.v_none);
    expectError(() => vjp(exp_reducer, x, a), E.v_size);
    expectError(() => vjp(pair, [a, b], [b, a]), E.v_tuple_size);
    expectError(() => vjp(pair, [a, b], [b]), E.v_tuple_len);
    expectError(() => vjp(exp_reducer, x, [v2, v2]), E.v_single);
    expectError(() => vjp(linear_only, [a, b], a, { strict: true }), E.strict);
    expectError(() => vjp(() => torch.ones(3), a, a, { strict: true }), E.strict_no_grad);
  });

  it('jvp (the double-backward trick)', () => {
    const J = fx.jvp;
    expectNested('exp_reducer', jvp(exp_reducer, x, y), J.exp_reducer);
    expectNested('exp_reducer create_graph', jvp(exp_reducer, x, y, { create_graph: true }), J.exp_reducer_create);
    expectNested('pair', jvp(pair, [a, b], [b, a]), J.pair);
    expectNested('scalar input, no v', jvp((s) => s.mul(torch.tensor([1.0, 2.0, 3.0])), torch.tensor(0.5)), J.scalar_input);
    expectError(() => jvp(exp_reducer, x), J.errors.v_none);
    expectError(() => jvp(linear_only, [a, b], [a, b], { strict: true }), J.errors.strict_linear);
  });

  it('hvp and vhp', () => {
    expectNested('hvp', hvp(scalar, [a, b], [b, a]), fx.hvp.scalar, 1e-4);
    expectNested('hvp create_graph', hvp(cube_sum, a, b, { create_graph: true }), fx.hvp.cube_sum_create, 1e-4);
    expectNested('vhp', vhp(scalar, [a, b], [b, a]), fx.vhp.scalar, 1e-4);
    expectNested('vhp one input', vhp(cube_sum, a, b), fx.vhp.cube_sum, 1e-4);
    const f = (a: Tensor, b: Tensor) => a.pow(2).mul(2).sum().add(b.sum());
    expectError(() => hvp((a) => a.mul(2), a, a), fx.hvp.errors.not_scalar);
    expectError(() => hvp(f, [a, b], [a, b], { strict: true }), fx.hvp.errors.strict);
    expectError(() => vhp((a) => [a.sum()], a, a), fx.vhp.errors.tuple_output);
    expectError(() => vhp(f, [a, b], [a, b], { strict: true }), fx.vhp.errors.strict);
  });

  it('leaves no temporaries behind (without create_graph: its results carry a graph, as autograd.grad\'s do)', () => {
    const live = () => torch.memory_stats().live_tensors;
    const leaf = a.clone().requires_grad_();
    const drop = (v: unknown): void => { if (Array.isArray(v)) v.forEach(drop); else (v as Tensor).dispose(); };
    const cycle = () => {
      drop(jacobian(pair, [a, b]));
      drop([vjp(exp_reducer, x, v2), jvp(exp_reducer, x, y), hvp(scalar, [a, b], [b, a]), vhp(cube_sum, a, b)]);
      drop(hessian(scalar, [a, b]));
      drop(jvp(pair, [a, b], [b, a]));
      torch.autograd.gradcheck((x) => x.sin(), [leaf]);
      torch.autograd.gradgradcheck((x) => x.pow(3), [leaf]);
    };
    cycle();
    const before = live();
    for (let i = 0; i < 3; i++) cycle();
    expect(live() - before).toBe(0);
  });
});

class Square extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor { ctx.save_for_backward(x); return x.mul(x); }
  static override backward(ctx: FunctionCtx, g: Tensor): Tensor { const [x] = ctx.saved_tensors; return g.mul(2).mul(x); }
}
class BadSquare extends Square {
  static override backward(ctx: FunctionCtx, g: Tensor): Tensor { const [x] = ctx.saved_tensors; return g.mul(x); } // d x² = 2x
}
class DetachedSquare extends Square {
  static override backward(ctx: FunctionCtx, g: Tensor): Tensor { const [x] = ctx.saved_tensors; return g.mul(2).mul(x.detach()); }
}

describe('torch.autograd.gradcheck / gradgradcheck (float32 defaults eps=1e-3, atol=1e-3, rtol=1e-2)', () => {
  const G = fx.gradcheck;
  const gx = decode(G.x).requires_grad_();
  const gy = decode(G.y).requires_grad_();
  const { gradcheck, gradgradcheck } = torch.autograd;
  const go = () => torch.tensor([1.0, -0.5, 0.25]);

  it('passes correct gradients', () => {
    expect(gradcheck((x) => x.sin(), [gx])).toBe(G.sin);
    expect(gradcheck((x, y) => [x.sum().mul(y.exp()), y.tanh()], [gx, gy])).toBe(G.two_inputs);
    expect(gradcheck((x) => Square.apply(x), gx)).toBe(G.square);
    expect(gradgradcheck((x) => x.pow(3).mul(x.sin()), [gx], [go()])).toBe(G.gradgrad);
    expect(gradgradcheck((x) => Square.apply(x), [gx], [go()])).toBe(G.gradgrad_square);
    expect(gradgradcheck((x) => x.pow(3).mul(x.sin()), [gx])).toBe(true); // random grad_outputs
  });

  it("catches a wrong backward with PyTorch's message", () => {
    expectError(() => gradcheck((x) => BadSquare.apply(x), [gx]), { type: 'Error', message: G.bad.message });
    expect(() => gradcheck((x) => BadSquare.apply(x), [gx])).toThrow(torch.autograd.GradcheckError);
    expectError(() => gradcheck((y, x) => [y.mul(2), BadSquare.apply(x)], [gy, gx]), { type: 'Error', message: G.bad_second_input.message });
    expect(gradcheck((x) => BadSquare.apply(x), [gx], { raise_exception: false })).toBe(G.bad_quiet);
    expectError(() => gradcheck((x) => x.mul(2), [torch.ones(2)]), G.no_grad_input);
    expectError(() => gradgradcheck((x) => DetachedSquare.apply(x), [gx], [go()]), { type: 'Error', message: G.gradgrad_bad.message });
    expect(messageOf(() => gradcheck((x) => x, [gx], { fast_mode: true }))).toMatch(/fast_mode=True is not supported/);
    // PyTorch's message, then tocha's hint naming the keyword-only arguments
    expect(messageOf(() => (gradcheck as (...a: unknown[]) => unknown)((x: Tensor) => x.sin(), [gx], 1e-3)))
      .toMatch(new RegExp(`^${G.kw_only_by_position.message.replace(/[()]/g, '\\$&')} \\(eps, atol`));
    expect(messageOf(() => gradcheck((x) => x, [gx], { foo: 1 } as object))).toBe("gradcheck() got an unexpected keyword argument 'foo'");
  });
});

describe('F.gumbel_softmax', () => {
  const g = fx.gumbel_softmax;
  const logits = decode(g.logits);
  const w = decode(g.w);
  it("draws PyTorch's samples after manual_seed", () => {
    torch.manual_seed(3);
    expectTensor('soft', F.gumbel_softmax(logits, { tau: 0.5 }), g.soft, 1e-5);
    torch.manual_seed(4);
    expectTensor('dim 0, by position', F.gumbel_softmax(logits, 2.0, false, 1e-10, 0), g.dim0, 1e-5);
  });
  it('hard: one-hot values, the soft sample’s gradient (straight-through)', () => {
    torch.manual_seed(5);
    const lg = logits.clone().requires_grad_();
    const h = F.gumbel_softmax(lg, { tau: 0.7, hard: true });
    h.mul(w).sum().backward();
    expectTensor('hard', h, g.hard, 1e-6);
    expectTensor('hard grad', lg.grad, g.hard_grad, 1e-4);
    torch.manual_seed(5);
    const lg2 = logits.clone().requires_grad_();
    F.gumbel_softmax(lg2, { tau: 0.7 }).mul(w).sum().backward();
    expectTensor('soft grad', lg2.grad, g.soft_grad, 1e-4);
    expect(messageOf(() => (F.gumbel_softmax as (...a: unknown[]) => unknown)(logits, 1, false, 1e-10, -1, 3))).toBe(g.too_many.message);
  });
});
