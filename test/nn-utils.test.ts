// nn.utils.parametrize / parametrizations / stateless / fusion / skip_init, the deprecated clip_grad_norm and nn.init
// aliases, nn.init.sparse_, torch.autograd.Variable and torch.autograd.graph against PyTorch 1.13:
// test/fixtures/nn-utils.json, written by scripts/gen-nn-utils.py.
import { describe, expect, it, vi, afterEach } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture, expectClose } from './fixture.js';

const { nn } = torch;
const { parametrize: P, parametrizations, stateless } = nn.utils;
const fx = fixture('nn-utils.json');
const rec = (o: object) => o as unknown as Record<string, unknown>;
const at = (o: object, path: string): Tensor => path.split('.').reduce((m: unknown, k) => rec(m as object)[k], o) as Tensor;
const names = (it: Iterable<[string, unknown]>) => [...it].map(([n]) => n);
const sdClose = (m: torch.nn.Module, want: Record<string, unknown>, digits = 5) => {
  const got = m.state_dict();
  expect(Object.keys(got)).toEqual(Object.keys(want));
  for (const [k, w] of Object.entries(want)) expectClose(got[k], w, digits);
};

function pyError(f: () => unknown, want: { type: string; message: string }): void {
  const Ctor = want.type === 'TypeError' ? TypeError : want.type === 'ValueError' || want.type === 'IndexError' ? RangeError : Error;
  let thrown: unknown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `expected ${want.type}: ${want.message}`).toBeInstanceOf(Ctor);
  expect((thrown as Error).message).toBe(want.message);
}

function linear(w: unknown, b: unknown | null, i: number, o: number): torch.nn.Linear {
  const l = new nn.Linear(i, o, { bias: b !== null });
  torch.no_grad(() => {
    l.weight.copy_(torch.tensor(w as number[][]));
    if (b !== null) l.bias!.copy_(torch.tensor(b as number[]));
  });
  return l;
}

class Symmetric extends nn.Module {
  override forward(X: Tensor): Tensor { return X.triu().add(X.triu(1).transpose(-1, -2)); }
}
class SymmetricInv extends Symmetric {
  right_inverse(A: Tensor): Tensor { return A.triu(); }
}
class Scale extends nn.Module {
  constructor(readonly s: number) { super(); }
  override forward(X: Tensor): Tensor { return X.mul(this.s); }
  right_inverse(X: Tensor): Tensor { return X.div(this.s); }
}
class RankOne extends nn.Module {
  override forward(x: Tensor, y: Tensor): Tensor { return x.unsqueeze(-1).matmul(y.unsqueeze(-2)); }
  right_inverse(Z: Tensor): Tensor[] { return [Z.select(1, 0), Z.select(0, 0)]; }
}
class Double extends nn.Module {
  override forward(X: Tensor): Tensor { return torch.cat([X, X]); }
}

afterEach(() => { vi.restoreAllMocks(); });

describe('nn.utils.parametrize', () => {
  const x = torch.tensor(fx.x);
  it("a Symmetric weight: PyTorch's class, printout, state_dict keys, values, gradients and SGD steps", () => {
    const p = fx.parametrize;
    const lin = linear(p.w0, p.b0, 3, 3);
    const weight = lin.weight;
    const pl = P.register_parametrization(lin, 'weight', new Symmetric());
    expect(pl).toBe(lin);
    expect(lin._getName()).toBe(p.cls);
    expect(String(lin)).toBe(p.repr);
    expect(Object.keys(lin.state_dict())).toEqual(p.keys);
    expect(names(lin.named_parameters())).toEqual(p.params);
    expect(pl.parametrizations.weight.original === weight).toBe(p.same_object);
    expectClose(lin.weight, p.weight);
    expectClose(pl.parametrizations.weight.original, p.original);
    expect([P.is_parametrized(lin), P.is_parametrized(lin, 'weight'), P.is_parametrized(lin, 'bias')])
      .toEqual([p.is_param, p.is_param_w, p.is_param_b]);
    expect(P.type_before_parametrizations(lin).name).toBe(p.type_before);
    expect(lin instanceof nn.Linear).toBe(p.isinstance);
    expect(lin.weight.grad_fn!.name()).toBe(p.grad_fn);
    const opt = new torch.optim.SGD(lin.parameters(), { lr: 0.1 });
    const losses: number[] = [];
    for (let i = 0; i < 2; i++) {
      opt.zero_grad();
      const loss = lin(x).pow(2).sum();
      loss.backward();
      if (i === 0) expectClose(pl.parametrizations.weight.original.grad, p.grad_original);
      opt.step();
      losses.push(Number(loss.item()));
    }
    expectClose(losses, p.losses, 4);
    sdClose(lin, p.after);
    P.register_parametrization(lin, 'weight', new Scale(2));
    expectClose(lin.weight, p.chained.weight);
    expect(String(lin)).toBe(p.chained.repr);
    expect(Object.keys(lin.state_dict())).toEqual(p.chained.keys);
    pyError(() => { lin.weight = torch.eye(3) as never; }, p.assign_error);
    P.remove_parametrizations(lin, 'weight');
    expectClose(lin.weight, p.removed.weight);
    expect(String(lin)).toBe(p.removed.repr);
    expect(names(lin.named_parameters())).toEqual(p.removed.params);
    expect(lin._getName()).toBe(p.removed.cls);
    expect(P.is_parametrized(lin)).toBe(p.removed.is_param);
    expect(lin.weight instanceof nn.Parameter).toBe(p.removed.is_parameter);
    expect(lin.weight).toBe(weight);   // the original object again, as PyTorch's set_
  });

  it('right_inverse gives the initial original and makes assignment work', () => {
    const r = fx.right_inverse;
    const lin = P.register_parametrization(linear(r.w0, [0, 0, 0], 3, 3), 'weight', new SymmetricInv());
    expectClose(lin.parametrizations.weight.original, r.original);
    expectClose(lin.weight, r.weight);
    lin.weight = torch.tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]], { dtype: torch.float32 }) as never;
    expectClose(lin.parametrizations.weight.original, r.after_assign.original);
    expectClose(lin.weight, r.after_assign.weight);
    P.remove_parametrizations(lin, 'weight', false);
    expectClose(lin.weight, r.removed_unparametrized);
  });

  it('several originals (right_inverse returning a tuple)', () => {
    const r = fx.rank_one;
    const lin = P.register_parametrization(linear(r.w0, [0, 0, 0], 4, 3), 'weight', new RankOne());
    expect(Object.keys(lin.state_dict())).toEqual(r.keys);
    expect(names(lin.named_parameters())).toEqual(r.params);
    expectClose(at(lin, 'parametrizations.weight.original0'), r.original0);
    expectClose(at(lin, 'parametrizations.weight.original1'), r.original1);
    expectClose(lin.weight, r.weight);
    pyError(() => P.remove_parametrizations(lin, 'weight', false), r.remove_false);
    P.remove_parametrizations(lin, 'weight');
    expectClose(lin.weight, r.removed.weight);
    expect(names(lin.named_parameters())).toEqual(r.removed.params);
  });

  it('a buffer', () => {
    const b = fx.buffer;
    const bn = P.register_parametrization(new nn.BatchNorm1d(3), 'running_var', new Scale(3));
    expect(Object.keys(bn.state_dict())).toEqual(b.keys);
    expect(names(bn.named_buffers())).toEqual(b.buffers);
    expectClose(bn.running_var, b.running_var);
    expectClose(bn.parametrizations.running_var.original, b.original);
  });

  it("PyTorch's errors; unsafe allows a change of shape", () => {
    const e = fx.errors;
    const lin = new nn.Linear(3, 3);
    pyError(() => P.register_parametrization(lin, 'foo', new Symmetric()), e.no_name);
    pyError(() => P.register_parametrization(new nn.Linear(3, 3), 'weight', new Double()), e.shape);
    pyError(() => P.remove_parametrizations(new nn.Linear(2, 2), 'weight'), e.not_parametrized);
    const lu = P.register_parametrization(new nn.Linear(3, 3), 'weight', new Double(), { unsafe: true });
    expect(lu.weight.shape).toEqual(fx.unsafe.shape);
    const lc = P.register_parametrization(new nn.Linear(3, 3), 'weight', new Symmetric());
    pyError(() => P.register_parametrization(lc, 'weight', new Double()), e.chain_shape);
    pyError(() => { lc.weight = torch.eye(3) as never; }, e.no_right_inverse);
    expect(() => P.register_parametrization(lin, 'weight', new Symmetric(), { bad: 1 } as never)).toThrow(TypeError);
  });

  it('cached(): each parametrized tensor computed once in the block, again after it', () => {
    let calls = 0;
    class Counting extends Symmetric {
      override forward(X: Tensor): Tensor { calls++; return super.forward(X); }
    }
    const lin = P.register_parametrization(new nn.Linear(3, 3), 'weight', new Counting());
    calls = 0;
    const [a, b] = P.cached(() => [lin.weight, torch.no_grad(() => lin.weight.add(0))]);
    expect(calls).toBe(1);
    expect(a._released).toBe(false);
    void b;
    void lin.weight;
    expect(calls).toBe(2);
  });

  it('a parametrized module deep-copies (AveragedModel) and transfer_parametrizations_and_params shares the originals', () => {
    const lin = P.register_parametrization(new nn.Linear(3, 3), 'weight', new Symmetric());
    const avg = new torch.optim.swa_utils.AveragedModel(lin);
    expect(avg.module._getName()).toBe('ParametrizedLinear');
    expect(torch.equal(avg.module.weight, lin.weight)).toBe(true);
    const to = P.transfer_parametrizations_and_params(lin, new nn.Linear(3, 3));
    expect(P.is_parametrized(to, 'weight')).toBe(true);
    expect((to as unknown as typeof lin).parametrizations.weight.original).toBe(lin.parametrizations.weight.original);
  });
});

describe('nn.utils.parametrizations.spectral_norm', () => {
  it("u and v from PyTorch's stream, 15 + 1 power iterations at registration, training steps, eval", () => {
    const s = fx.spectral_norm;
    torch.manual_seed(4);
    const sl = new nn.Linear(5, 4);
    expectClose(sl.weight, s.w0, 6);
    const sn = parametrizations.spectral_norm(sl);
    expect(Object.keys(sn.state_dict())).toEqual(s.keys);
    expect(String(sn)).toBe(s.repr);
    const mod0 = sn.parametrizations.weight[0];
    expectClose(at(mod0, '_u'), s.u);
    expectClose(at(mod0, '_v'), s.v);
    const x = torch.tensor(s.x);
    const opt = new torch.optim.SGD(sn.parameters(), { lr: 0.1 });
    for (const step of s.steps) {
      opt.zero_grad();
      const loss = sn(x).pow(2).sum();
      loss.backward();
      expect(Number(loss.item())).toBeCloseTo(step.loss, 4);
      expectClose(at(mod0, '_u'), step.u);
      expectClose(sn.parametrizations.weight.original.grad, step.grad, 4);
      opt.step();
    }
    sn.eval();
    expectClose(sn(x), s.eval.y, 4);
    expect(Number(torch.linalg.matrix_norm(sn.weight, 2).item())).toBeCloseTo(s.eval.sigma, 4);
  });

  it('dim 1 for transposed convolutions, a vector normalized, the errors', () => {
    const s = fx.spectral_norm_shapes;
    const ct = parametrizations.spectral_norm(new nn.ConvTranspose2d(3, 2, 2));
    const conv = parametrizations.spectral_norm(new nn.Conv2d(2, 3, 2));
    expect([at(ct, 'parametrizations.weight.0._u').shape, at(ct, 'parametrizations.weight.0._v').shape]).toEqual([s.convT_u, s.convT_v]);
    expect([at(conv, 'parametrizations.weight.0._u').shape, at(conv, 'parametrizations.weight.0._v').shape]).toEqual([s.conv_u, s.conv_v]);
    const vec = new nn.Module();
    vec.register_parameter('w', new nn.Parameter(torch.tensor([3, 4], { dtype: torch.float32 })));
    parametrizations.spectral_norm(vec, 'w');
    expectClose(at(vec, 'w'), s.vec);
    expect(Object.keys(vec.state_dict())).toEqual(s.vec_keys);
    const e = fx.spectral_norm_errors;
    pyError(() => parametrizations.spectral_norm(new nn.Linear(2, 2), { dim: 3 }), e.dim);
    pyError(() => parametrizations.spectral_norm(new nn.Linear(2, 2), { n_power_iterations: 0 }), e.iters);
    pyError(() => parametrizations.spectral_norm(new nn.Linear(2, 2), 'foo'), e.name);
  });
});

describe('nn.utils.parametrizations.orthogonal', () => {
  for (const c of fx.orthogonal as { shape: number[]; kwargs: Record<string, boolean>; w0: number[][]; keys: string[]; repr: string;
    weight: number[][]; original: number[][]; base?: number[][]; trained: number[][]; trained_original: number[][] }[]) {
    it(`the Cayley map on a ${c.shape.join('×')} weight ${JSON.stringify(c.kwargs)}: PyTorch's Q, base and training`, () => {
      torch.manual_seed([6, 7, 8, 9][(fx.orthogonal as unknown[]).indexOf(c)]);
      const m = new nn.Linear(c.shape[1], c.shape[0], { bias: false });
      expectClose(m.weight, c.w0, 6);
      const o = parametrizations.orthogonal(m, { orthogonal_map: 'cayley', ...c.kwargs });
      expect(Object.keys(o.state_dict())).toEqual(c.keys);
      expect(String(o)).toBe(c.repr);
      expectClose(o.weight, c.weight, 5);
      expectClose(o.parametrizations.weight.original, c.original, 5);
      if (c.base) expectClose(at(o, 'parametrizations.weight.0.base'), c.base, 5);
      const xin = torch.linspace(-1, 1, 2 * c.shape[1]).reshape([2, c.shape[1]]);
      const opt = new torch.optim.SGD(o.parameters(), { lr: 0.1 });
      for (let i = 0; i < 2; i++) {
        opt.zero_grad();
        o(xin).sub(0.5).pow(2).sum().backward();
        opt.step();
      }
      expectClose(o.weight, c.trained, 4);
      expectClose(o.parametrizations.weight.original, c.trained_original, 4);
    });
  }

  it("PyTorch's errors; the maps tocha lacks say so", () => {
    const e = fx.orthogonal_errors;
    pyError(() => parametrizations.orthogonal(new nn.Linear(2, 2), 'bias'), e.ndim);
    pyError(() => parametrizations.orthogonal(new nn.Linear(2, 2), { orthogonal_map: 'qr' }), e.map);
    const mo = parametrizations.orthogonal(new nn.Linear(3, 3), { orthogonal_map: 'cayley', use_trivialization: false });
    expect(() => { mo.weight = torch.eye(3) as never; }).toThrow(e.assign.message);
    expect(() => { mo.weight = torch.eye(3) as never; }).toThrow(torch.distributions.NotImplementedError);
  });

  it("the default maps (matrix_exp for square weights, householder otherwise) print PyTorch's weights", () => {
    // PyTorch 1.13: torch.manual_seed(0); P.orthogonal(nn.Linear(3, 3)).weight, then the same for Linear(4, 3)
    torch.manual_seed(0);
    expect(String(parametrizations.orthogonal(new nn.Linear(3, 3)).weight)).toBe(
      'tensor([[-0.0102,  0.5581, -0.8297],\n        [-0.9996, -0.0280, -0.0066],\n' +
      '        [-0.0269,  0.8293,  0.5582]], grad_fn=<MmBackward0>)');
    torch.manual_seed(0);
    expect(String(parametrizations.orthogonal(new nn.Linear(4, 3)).weight)).toBe(
      'tensor([[-0.0061,  0.4370, -0.6705, -0.5995],\n        [-0.4526,  0.4884, -0.2916,  0.6867],\n' +
      '        [-0.6555,  0.2985,  0.5629, -0.4053]], grad_fn=<TransposeBackward0>)');
  });

  it('householder without the trivialization: assigning a weight stores its QR reflectors, as PyTorch', () => {
    torch.manual_seed(0);
    const m = parametrizations.orthogonal(new nn.Linear(4, 3), { orthogonal_map: 'householder', use_trivialization: false });
    m.weight = torch.tensor([[1, 2, 0, 1], [0, 1, 3, 1], [2, 0, 1, -1]], { dtype: torch.float32 }) as never;
    // PyTorch 1.13's original and weight (its geqrf is float32 LAPACK: agreement to rounding)
    const original = [[-1.0000, 0.5798, 0.0000, 0.2899], [-1.2247, -1.0000, 0.8897, 0.1913], [-0.4082, -0.4867, -1.0000, -0.3651]];
    const weight = [[0.40825, 0.81650, 0, 0.40825], [-0.16222, 0, 0.97333, 0.16222], [0.80834, -0.14090, 0.22248, -0.52653]];
    const near = (got: number[][], want: number[][], tol: number) =>
      got.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - want[i][j])).toBeLessThan(tol)));
    near(m.parametrizations.weight.original.tolist() as number[][], original, 6e-5);
    near((m.weight as torch.Tensor).tolist() as number[][], weight, 6e-5);
  });
});

describe('nn.utils.stateless.functional_call', () => {
  it('substitutes parameters and buffers for the call: gradients reach the substitutes, the module is unchanged', () => {
    const f = fx.functional_call;
    torch.manual_seed(10);
    const net = new nn.Sequential(new nn.Linear(3, 2), new nn.BatchNorm1d(2));
    const own = net.get_submodule('0') as torch.nn.Linear;
    const w = torch.tensor([[1, 0, -1], [0.5, 0.5, 0.5]], { requires_grad: true });
    const rm = torch.zeros(2);
    const x = torch.tensor(fx.x);
    const y = stateless.functional_call(net, { '0.weight': w, '1.running_mean': rm }, [x]) as Tensor;
    (y as Tensor).sum().backward();
    expectClose(y, f.y);
    expectClose(w.grad, f.grad);
    expectClose(rm, f.rm_after);
    expectClose((net.get_submodule('1') as torch.nn.BatchNorm1d).running_mean, f.module_rm);
    expectClose(own.weight, f.own_weight, 6);
    expect(own.weight.grad === null).toBe(f.own_grad);
    expect(names(net.named_parameters())).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
    net.eval();
    expectClose(stateless.functional_call(net, new Map([['0.weight', w.detach()]]), x), f.eval_y);
    pyError(() => stateless.functional_call(net, { '5.weight': w }, [x]), { type: 'Error', message: f.missing.message });
  });

  it('puts everything back when the call throws', () => {
    const lin = new nn.Linear(3, 2);
    const before = lin.weight;
    expect(() => stateless.functional_call(lin, { weight: torch.zeros(5, 5) }, [torch.ones(1, 3)])).toThrow();
    expect(lin.weight).toBe(before);
    expect(names(lin.named_parameters())).toEqual(['weight', 'bias']);
  });
});

describe('nn.utils.fusion', () => {
  it("fuse_conv_bn_eval: PyTorch's fused weights; the fused conv is bn(conv(x))", () => {
    const f = fx.fusion;
    const conv = new nn.Conv2d(2, 3, 3, { padding: 1 });
    const bn = new nn.BatchNorm2d(3);
    conv.load_state_dict(Object.fromEntries(Object.entries(f.conv).map(([k, v]) => [k, torch.tensor(v as number[])])));
    bn.load_state_dict(Object.fromEntries(Object.entries(f.bn).map(([k, v]) => [k, torch.tensor(v as number[])])));
    conv.eval();
    bn.eval();
    const fused = nn.utils.fuse_conv_bn_eval(conv, bn);
    expectClose(fused.weight, f.weight, 5);
    expectClose(fused.bias, f.bias, 5);
    const img = torch.tensor(f.img);
    expectClose(fused(img), f.y, 4);
    expectClose(fused(img), f.ref, 4);
    expect(fused.weight).toBeInstanceOf(nn.Parameter);
    expect(fused).not.toBe(conv);
    pyError(() => nn.utils.fuse_conv_bn_eval(conv.train(), bn), { type: 'Error', message: f.train_error.message });
    const t = fx.fusion_transpose;
    const ct = new nn.ConvTranspose2d(3, 2, 2);
    ct.load_state_dict(Object.fromEntries(Object.entries(t.conv).map(([k, v]) => [k, torch.tensor(v as number[])])));
    const bnt = new nn.BatchNorm2d(2);
    torch.no_grad(() => bnt.running_var!.copy_(torch.tensor([0.25, 4])));
    ct.eval();
    bnt.eval();
    const ft = nn.utils.fuse_conv_bn_eval(ct, bnt, true);
    expectClose(ft.weight, t.weight, 5);
    expectClose(ft.bias, t.bias, 5);
  });

  it('fuse_linear_bn_eval', () => {
    const lin = new nn.Linear(3, 2);
    const bn = new nn.BatchNorm1d(2);
    torch.no_grad(() => { bn.running_mean!.copy_(torch.tensor([0.5, -1])); bn.running_var!.copy_(torch.tensor([2, 0.5])); });
    lin.eval();
    bn.eval();
    const x = torch.randn(4, 3);
    expectClose(nn.utils.fusion.fuse_linear_bn_eval(lin, bn)(x), bn(lin(x)).tolist(), 5);
  });
});

describe('skip_init, deprecated aliases, nn.init.sparse_', () => {
  it('skip_init leaves the default generator alone; a module without device is refused', () => {
    const s = fx.skip_init;
    torch.manual_seed(12);
    const m = nn.utils.skip_init(nn.Linear, 3, 4);
    expectClose(torch.rand(3), s.after, 6);
    expect(String(m)).toBe(s.repr);
    expect(m.weight.shape).toEqual(s.shape);
    pyError(() => nn.utils.skip_init(nn.ReLU), s.relu);
    expect(nn.utils.init.skip_init).toBe(nn.utils.skip_init);
  });

  it('clip_grad_norm warns (once) and clips as clip_grad_norm_', () => {
    const c = fx.clip_grad_norm;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = new nn.Parameter(torch.ones(3));
    p.grad = torch.tensor([3, 4, 0], { dtype: torch.float32 });
    const total = nn.utils.clip_grad_norm([p], 1.0);
    expect(warn).toHaveBeenCalledWith(`UserWarning: ${c.warning}`);
    expect(Number(total.item())).toBeCloseTo(c.total, 6);
    expectClose(p.grad, c.grad, 6);
    expect(nn.utils.clip_grad.clip_grad_norm_).toBe(nn.utils.clip_grad_norm_);
    expect(nn.utils.convert_parameters.parameters_to_vector).toBe(nn.utils.parameters_to_vector);
  });

  it("the deprecated nn.init names warn in PyTorch's words and draw PyTorch's values", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const init = nn.init as unknown as Record<string, (...a: unknown[]) => Tensor>;
    for (const [name, c] of Object.entries(fx.init_deprecated as Record<string, { warning: string; values: unknown }>)) {
      const t = name === 'dirac' ? torch.empty(3, 2, 3) : torch.empty(4, 3);
      torch.manual_seed(13);
      init[name](t, ...(name === 'constant' || name === 'sparse' ? [0.5] : []));
      expect(warn, name).toHaveBeenCalledWith(`UserWarning: ${c.warning}`);
      expectClose(t, c.values, 5);
    }
  });

  it("sparse_: PyTorch's values for a seed", () => {
    const s = fx.sparse;
    torch.manual_seed(14);
    expectClose(nn.init.sparse_(torch.empty(5, 4), 0.4), s.a, 6);
    torch.manual_seed(14);
    expectClose(nn.init.sparse_(torch.empty(3, 6), 0.1, 2.0), s.b, 6);
    pyError(() => nn.init.sparse_(torch.empty(3), 0.5), s.ndim);
  });
});

describe('torch.autograd.Variable', () => {
  const { Variable } = torch.autograd;
  it('returns the tensor detached (sharing memory) with requires_grad, as PyTorch since 0.4', () => {
    const v = fx.variable;
    const t = torch.tensor([1, 2], { dtype: torch.float32 });
    const a = Variable(t, { requires_grad: true });
    expect([a.requires_grad, a.is_leaf, a === t]).toEqual([v.requires_grad, v.is_leaf, v.same]);
    torch.no_grad(() => t.add_(1));
    expect(a.tolist()).toEqual([2, 3]);   // shares memory
    expect(Variable(t).requires_grad).toBe(v.plain_requires_grad);
    expect(new Variable(t, true).requires_grad).toBe(true);
    expect(t instanceof Variable).toBe(v.isinstance);
    expect(Variable().shape).toEqual(v.empty_shape);
    const y = torch.tensor([1], { dtype: torch.float32, requires_grad: true }).mul(2);
    const vy = Variable(y);
    expect([vy.requires_grad, vy.is_leaf, vy.grad_fn === null]).toEqual([v.from_nonleaf.requires_grad, v.from_nonleaf.is_leaf,
      v.from_nonleaf.grad_fn]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    Variable(t, { volatile: true });
    expect(warn).toHaveBeenCalledWith(`UserWarning: ${v.volatile_warning}`);
    const e = v.errors;
    pyError(() => Variable([1, 2] as never), e.list);
    pyError(() => Variable(torch.tensor([1, 2]), { requires_grad: true }), e.int_grad);
    pyError(() => Variable(t, { foo: 1 } as never), e.kw);
    pyError(() => Variable(t, { requires_grad: true, volatile: true }), e.both);
    const x: torch.autograd.Variable = Variable(torch.ones(2), { requires_grad: true });
    x.pow(2).sum().backward();
    expect(x.grad!.tolist()).toEqual([2, 2]);
  });

  it('torch.autograd re-exports the grad modes', () => {
    const A = torch.autograd;
    expect([A.no_grad, A.enable_grad, A.set_grad_enabled, A.inference_mode]).toEqual([torch.no_grad, torch.enable_grad,
      torch.set_grad_enabled, torch.inference_mode]);
    expect(A.grad_mode.no_grad).toBe(torch.no_grad);
    expect(A.anomaly_mode.detect_anomaly).toBe(A.detect_anomaly);
  });
});

describe('torch.autograd.graph', () => {
  const { graph } = torch.autograd;
  const g = fx.graph;
  it("saved_tensors_hooks: pack with grad mode off, PyTorch's calls and gradients", () => {
    const log: unknown[] = [];
    const a = torch.tensor([1, 2, 3], { dtype: torch.float32, requires_grad: true });
    const c = graph.saved_tensors_hooks(
      (t) => { log.push(['pack', torch.is_grad_enabled(), t.shape, t.grad_fn !== null]); return t.mul(2); },
      (t: Tensor) => { log.push(['unpack', t.shape]); return t.div(2); },
      () => a.exp().mul(a).sum());
    c.backward();
    expect(log).toEqual(g.log);
    expectClose(a.grad, g.grad, 5);
  });

  it('identity hooks see in-place changes (no version check, as PyTorch); double backward; save_on_cpu', () => {
    const a = torch.tensor([1, 2], { dtype: torch.float32, requires_grad: true });
    const [b, c] = graph.saved_tensors_hooks((t) => t, (t: Tensor) => t, () => { const b = a.mul(1); return [b, b.mul(b)]; });
    torch.no_grad(() => b.add_(1));
    c.sum().backward();
    expectClose(a.grad, g.inplace_identity);
    const y5 = graph.saved_tensors_hooks(() => 5, (t: Tensor) => t, () => a.exp());
    pyError(() => y5.sum().backward(), g.bad_unpack);
    pyError(() => graph.disable_saved_tensors_hooks('no hooks here',
      () => graph.saved_tensors_hooks((t) => t, (t: Tensor) => t, () => 0)), g.disabled);
    const x3 = torch.tensor([2], { dtype: torch.float32, requires_grad: true });
    const y3 = graph.saved_tensors_hooks((t) => t, (t: Tensor) => t, () => x3.pow(3));
    const [g1] = torch.autograd.grad(y3, x3, { create_graph: true });
    const [g2] = torch.autograd.grad(g1!, x3);
    expectClose([g1, g2], g.double);
    const x4 = torch.tensor([2, 3], { dtype: torch.float32, requires_grad: true });
    graph.save_on_cpu(() => x4.mul(1).pow_(2).sum()).backward();
    expectClose(x4.grad, g.pow_);
  });

  it("linear and mm save what PyTorch saves; a pack hook's own copy outlives the op that saved it", () => {
    const shapes: number[][] = [];
    const lin = new nn.Linear(4, 3);
    graph.saved_tensors_hooks((t) => { shapes.push([...t.shape]); return t; }, (t: Tensor) => t, () => {
      lin(torch.ones(2, 4));
      torch.ones(2, 4, { requires_grad: true }).mm(torch.ones(4, 3));
      torch.ones(2, 4).mm(torch.ones(4, 3, { requires_grad: true }));
    });
    expect(shapes).toEqual(g.saved_shapes);
    const store: Tensor[] = [];
    const h = graph.saved_tensors_hooks((t) => store.push(t.clone()) - 1, (k: number) => store[k],
      () => nn.functional.linear(torch.full([2, 4], 0.5), lin.weight, lin.bias));
    h.sum().backward();
    expectClose(lin.weight.grad, g.stored_grad);
  });

  it('a tidy around the forward: the packed tensors outlive it', () => {
    const w = torch.randn(3, { requires_grad: true });
    const loss = torch.tidy(() => graph.saved_tensors_hooks((t) => t.clone(), (t: Tensor) => t, () => w.sin().mul(w).sum()));
    loss.backward();
    expectClose(w.grad, w.cos().mul(w).add(w.sin()).tolist(), 5);
  });
});
