// nn.utils.weight_norm / spectral_norm and remove_* against PyTorch 1.13: test/fixtures/weight-norm.json,
// written by scripts/gen-weight-norm.py.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture, expectClose as close } from './fixture.js';

const { nn } = torch;
const U = nn.utils;
const fx = fixture('weight-norm.json');
const at = (m: object, k: string) => (m as Record<string, Tensor>)[k];
function linear(w: unknown, b: unknown, i = 4, o = 3): torch.nn.Linear {
  const l = new nn.Linear(i, o);
  torch.no_grad(() => { l.weight.copy_(torch.tensor(w as number[])); l.bias!.copy_(torch.tensor(b as number[])); });
  return l;
}

describe('nn.utils.weight_norm', () => {
  const x = torch.tensor(fx.x);
  it('replaces weight by weight_g and weight_v, recomputed before each forward; three SGD steps as PyTorch', () => {
    const f = fx.weight_norm;
    const lin = U.weight_norm(linear(f.w0, f.b0));
    expect(Object.keys(lin.state_dict())).toEqual(f.keys);
    expect([...lin.named_parameters()].map(([n]) => n)).toEqual(f.params);
    expect(String(lin)).toBe(f.repr);
    close(at(lin, 'weight_g'), f.g);
    close(at(lin, 'weight_v'), f.v);
    close(lin.weight, f.weight);
    expect(lin.weight.grad_fn!.name()).toBe(f.grad_fn);
    const opt = new torch.optim.SGD(lin.parameters(), { lr: 0.1 });
    const losses: number[] = [];
    for (let i = 0; i < 3; i++) {
      opt.zero_grad();
      const loss = lin(x).pow(2).sum();
      losses.push(Number(loss.item()));
      loss.backward();
      if (i === 0) {
        close(at(lin, 'weight_g').grad, f.grad_g);
        close(at(lin, 'weight_v').grad, f.grad_v);
      }
      opt.step();
    }
    close(losses, f.losses, 4);
    close(at(lin, 'weight_g'), f.g_after);
    close(at(lin, 'weight_v'), f.v_after);
    close(lin(x), f.weight_after);
    U.remove_weight_norm(lin);
    expect([...lin.named_parameters()].map(([n]) => n)).toEqual(f.removed.params);
    close(lin.weight, f.removed.weight);
    expect(lin.weight).toBeInstanceOf(nn.Parameter);
  });

  it('dim null, another dim, and a Conv2d', () => {
    const s = fx.weight_norm_shapes;
    expect(at(U.weight_norm(new nn.Linear(3, 2), { dim: null }), 'weight_g').shape).toEqual(s.none);
    expect(at(U.weight_norm(new nn.Conv2d(2, 4, 3), 'weight', 1), 'weight_g').shape).toEqual(s.conv_dim1);
    expect(at(U.weight_norm(new nn.Conv2d(2, 4, 3), { dim: 3 }), 'weight_g').shape).toEqual(s.conv_last);
    expect(U.weight_norm(new nn.Linear(3, 2), { dim: null }).weight.grad_fn!.name()).toBe(fx.weight_norm_none_grad_fn);
    const c = fx.weight_norm_conv;
    const conv = new nn.Conv2d(2, 3, 2);
    torch.no_grad(() => { conv.weight.copy_(torch.tensor(c.w)); conv.bias!.copy_(torch.tensor(c.b)); });
    U.weight_norm(conv, 'weight', 1);
    expect(conv.weight.grad_fn!.name()).toBe(c.grad_fn);
    const y = conv(torch.tensor(c.img));
    close(y, c.y);
    y.sum().backward();
    close(at(conv, 'weight_g').grad, c.grad_g);
    close(at(conv, 'weight_v').grad, c.grad_v);
  });
});

describe('nn.utils.spectral_norm', () => {
  const x = torch.tensor(fx.x);
  it("seeded u and v, one power iteration per training forward, none in eval, then removal, as PyTorch", () => {
    const f = fx.spectral_norm;
    torch.manual_seed(1);
    const sl = new nn.Linear(4, 3); // the same initial weights and stream position as PyTorch
    close(sl.weight, f.w0);
    U.spectral_norm(sl);
    expect(Object.keys(sl.state_dict())).toEqual(f.keys);
    expect([...sl.named_parameters()].map(([n]) => n)).toEqual(f.params);
    expect([...sl.named_buffers()].map(([n]) => n)).toEqual(f.buffers);
    close(at(sl, 'weight_u'), f.u0, 6);
    close(at(sl, 'weight_v'), f.v0, 6);
    const opt = new torch.optim.SGD(sl.parameters(), { lr: 0.1 });
    for (const st of f.steps) {
      opt.zero_grad();
      const loss = sl(x).pow(2).sum();
      loss.backward();
      close(loss.item(), st.loss, 4);
      close(at(sl, 'weight_u'), st.u);
      close(at(sl, 'weight_v'), st.v);
      close(sl.weight, st.weight);
      close(at(sl, 'weight_orig').grad, st.grad_orig, 4);
      expect(sl.weight.grad_fn!.name()).toBe(st.grad_fn);
      opt.step();
    }
    sl.eval();
    close(sl(x), f.eval.y);
    close(at(sl, 'weight_u'), f.eval.u);
    U.remove_spectral_norm(sl);
    expect([...sl.named_parameters()].map(([n]) => n)).toEqual(f.removed.params);
    expect([...sl.named_buffers()].map(([n]) => n)).toEqual(f.removed.buffers);
    close(sl.weight, f.removed.weight);
  });

  it('transposed convolutions normalize along dim 1', () => {
    const ct = U.spectral_norm(new nn.ConvTranspose2d(3, 5, 2));
    expect([at(ct, 'weight_u').shape, at(ct, 'weight_v').shape]).toEqual([fx.spectral_norm_convt.u, fx.spectral_norm_convt.v]);
  });
});

describe('memory', () => {
  it('the recomputed weight replaces the last one: live tensors stay flat over 100 training steps', () => {
    const x = torch.tensor(fx.x);
    for (const m of [U.weight_norm(new nn.Linear(4, 3)), U.spectral_norm(new nn.Linear(4, 3))]) {
      const opt = new torch.optim.SGD(m.parameters(), { lr: 0.01 });
      const step = () => { opt.zero_grad(); m(x).pow(2).sum().backward(); opt.step(); };
      step();
      step();
      const live = torch.memory_stats().live_tensors;
      for (let i = 0; i < 100; i++) step();
      expect(torch.memory_stats().live_tensors).toBe(live);
    }
  });
});

describe("PyTorch's errors", () => {
  it('twice on one parameter, bad iterations, removing what is not there', () => {
    const e = fx.errors;
    expect(() => U.weight_norm(U.weight_norm(new nn.Linear(3, 2)))).toThrow(e.wn_twice.message);
    expect(() => U.spectral_norm(U.spectral_norm(new nn.Linear(3, 2)))).toThrow(e.sn_twice.message);
    expect(() => U.spectral_norm(new nn.Linear(3, 2), { n_power_iterations: 0 })).toThrow(e.sn_iters.message);
    expect(() => U.remove_weight_norm(new nn.Linear(3, 2))).toThrow(e.wn_remove.message);
    expect(() => U.remove_spectral_norm(new nn.Linear(3, 2))).toThrow(e.sn_remove.message);
    expect(() => U.weight_norm(new nn.Linear(3, 2), { dimm: 0 })).toThrow("weight_norm() got an unexpected keyword argument 'dimm'");
  });
});
