// Module full backward hooks against PyTorch 1.13: test/fixtures/backward-hooks.json, written by
// scripts/gen-backward-hooks.py (grad_input / grad_output, call order, replacement, errors).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture, expectClose } from './fixture.js';

const nn = torch.nn;
const fx = fixture('backward-hooks.json');
const t = (v: unknown, requires_grad = false) => torch.tensor(v as number[], { dtype: torch.float32, requires_grad });
const L = (g: Tensor | null) => (g === null ? null : g.tolist());
function load(m: torch.nn.Module, params: Record<string, unknown>): void {
  m.load_state_dict(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, t(v)])));
}
const close = (got: unknown, want: unknown) => expectClose(got, want, 5);

type Entry = { layer?: number; grad_input: unknown[]; grad_output: unknown[] };

describe('register_full_backward_hook', () => {
  it('Sequential: each layer sees grad_input and grad_output, last layer first, as PyTorch', () => {
    const s = fx.sequential;
    const net = new nn.Sequential(new nn.Linear(3, 4), new nn.Tanh(), new nn.Linear(4, 2));
    load(net, s.params);
    const log: Entry[] = [];
    [...net.children()].forEach((m, i) => m.register_full_backward_hook((_m, gi, go) => {
      log.push({ layer: i, grad_input: gi.map(L), grad_output: go.map(L) });
    }));
    const x = t(s.x, true);
    const y = net(x) as Tensor;
    expect(y.grad_fn!.name()).toBe(s.grad_fn);
    y.mul(t([[1, -1], [0.5, 2]])).sum().backward();
    expect(log.map((e) => e.layer)).toEqual(s.log.map((e: Entry) => e.layer));
    close(log, s.log);
    close(x.grad!.tolist(), s.x_grad);
  });

  it('an input that needs no gradient gives grad_input [null]', () => {
    const s = fx.no_input_grad;
    const lin = new nn.Linear(3, 4);
    load(lin, { weight: fx.sequential.params['0.weight'], bias: fx.sequential.params['0.bias'] });
    const log: Entry[] = [];
    lin.register_full_backward_hook((_m, gi, go) => { log.push({ grad_input: gi.map(L), grad_output: go.map(L) }); });
    (lin(t([[1, 2, 3]])) as Tensor).sum().backward();
    close(log, s.log);
    close(lin.weight.grad!.tolist(), s.weight_grad);
  });

  it('a returned grad_input replaces it; a residual path around the module is not part of it', () => {
    const s = fx.residual_double;
    const sq = new nn.Linear(3, 3);
    load(sq, s.params);
    const seen: unknown[] = [];
    sq.register_full_backward_hook((_m, gi) => { seen.push(gi.map(L)); return [gi[0]!.mul(2)]; });
    const x = t(s.x, true);
    x.add(sq(x) as Tensor).pow(2).sum().backward();
    close(seen, s.seen);
    close(x.grad!.tolist(), s.x_grad);
  });

  it('two tensor inputs (Bilinear): both gradients at once; zeros for one that needs none', () => {
    const s = fx.bilinear;
    const bl = new nn.Bilinear(2, 3, 2);
    load(bl, s.params);
    const log: Entry[] = [];
    bl.register_full_backward_hook((_m, gi, go) => { log.push({ grad_input: gi.map(L), grad_output: go.map(L) }); });
    const a = t(s.a, true);
    (bl(a, t(s.b, true)) as Tensor).sum().backward();
    (bl(a, t(s.b)) as Tensor).sum().backward();
    close(log, s.log);
  });

  it('a module returning several tensors: grad_output has one per output; removing the handle stops the hook', () => {
    class Two extends nn.Module {
      override forward(x: Tensor): Tensor[] { return [x.mul(2), x.mul(3)]; }
    }
    const m = new Two();
    const log: unknown[] = [];
    const h = m.register_full_backward_hook((_m, gi, go) => { log.push([gi.map(L), go.map(L)]); });
    const x = t([1, 2], true);
    const [p, q] = m(x) as Tensor[];
    p.sum().add(q.mul(10).sum()).backward();
    expect(log).toEqual([[[[32, 32]], [[1, 1], [10, 10]]]]);
    expect(x.grad!.tolist()).toEqual([32, 32]);
    const [p2] = m(x) as Tensor[];
    p2.sum().backward(); // q unused: its grad_output is zeros, as PyTorch materializes it
    expect(log[1]).toEqual([[[2, 2]], [[1, 1], [0, 0]]]);
    h.remove();
    (m(x) as Tensor[])[0].sum().backward();
    expect(log.length).toBe(2);
  });

  it("PyTorch's errors", () => {
    const m = new nn.Linear(2, 2);
    m.register_full_backward_hook((_m, gi) => [gi[0], gi[0]]);
    expect(() => (m(torch.ones(1, 2, { requires_grad: true })) as Tensor).sum().backward()).toThrow(fx.errors.wrong_count.message);
    const n = new nn.Linear(2, 2);
    n.register_full_backward_hook(() => [torch.ones(1, 2)]);
    expect(() => (n(torch.ones(1, 2)) as Tensor).sum().backward()).toThrow(fx.errors.no_input_returns.message);
  });
});
