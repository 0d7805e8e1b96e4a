// torch.nn.utils.prune against PyTorch 1.13: test/fixtures/prune.json, written by scripts/gen-prune.py.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture, expectClose as close } from './fixture.js';

const { nn } = torch;
const prune = nn.utils.prune;
const fx = fixture('prune.json');
const at = (m: object, k: string) => (m as Record<string, Tensor>)[k];
const TYPES: Record<string, string> = { ValueError: 'RangeError', IndexError: 'RangeError', TypeError: 'TypeError' };

function linear(w: unknown): torch.nn.Linear {
  torch.manual_seed(3);
  const l = new nn.Linear(5, 3);
  close(l.weight, w);
  return l;
}
/** What test/fixtures/prune.json records of a pruned module (see `state` in scripts/gen-prune.py). */
function check(m: torch.nn.Module, want: Record<string, unknown>, name = 'weight'): void {
  expect([...m.named_parameters()].map(([n]) => n)).toEqual(want.params);
  expect([...m.named_buffers()].map(([n]) => n)).toEqual(want.buffers);
  expect(Object.keys(m.state_dict())).toEqual(want.keys);
  close(at(m, `${name}_mask`), want.mask);
  close(at(m, name), want.value);
  expect(at(m, name).grad_fn!.name()).toBe(want.grad_fn);
  expect([...m._forwardPreHooks.values()].map((h) => h.constructor.name)).toEqual(want.hooks);
}
function raises(f: () => unknown, want: { type: string; message: string }): void {
  let got: Error | null = null;
  try { f(); } catch (e) { got = e as Error; }
  expect(got, want.message).not.toBeNull();
  expect(got!.message.replace(/ object( at 0x[0-9a-f]+)?>/, ' object>')).toBe(want.message.replace(/ object at 0x[0-9a-f]+>/, ' object>'));
  expect(got!.constructor.name).toBe(TYPES[want.type] ?? want.type);
}

describe('nn.utils.prune', () => {
  it('prunes a Conv2d again and again: masks combined by a PruningContainer, forward, gradient, remove', () => {
    torch.manual_seed(0);
    const c = new nn.Conv2d(2, 4, 3);
    close(c.weight, fx.conv.weight);
    prune.random_unstructured(c, 'weight', 0.3);
    check(c, fx.random_unstructured);
    prune.l1_unstructured(c, { name: 'bias', amount: 2 });
    check(c, fx.l1_bias, 'bias');
    prune.ln_structured(c, 'weight', 0.5, 2, 0);
    check(c, fx.ln_after_random);
    prune.random_structured(c, 'weight', 1, 1);
    check(c, fx.random_structured_after);
    prune.l1_unstructured(c, 'weight', 5);
    check(c, fx.l1_after_structured);
    const hook = [...c._forwardPreHooks.values()].find((h) => (h as unknown as torch.nn.utils.prune.BasePruningMethod)._tensor_name === 'weight');
    expect(hook).toBeInstanceOf(prune.PruningContainer);
    expect([...(hook as unknown as torch.nn.utils.prune.PruningContainer)].map((m) => m.constructor.name)).toEqual(fx.container);
    const x = torch.randn(1, 2, 5, 5);
    close(x, fx.x);
    const y = c(x);
    y.sum().backward();
    close(y, fx.forward.y);
    close(at(c, 'weight_orig').grad, fx.forward.grad_orig);
    close(at(c, 'bias_orig').grad, fx.forward.grad_bias_orig);
    prune.remove(c, 'weight');
    expect([...c.named_parameters()].map(([n]) => n)).toEqual(fx.removed.params);
    expect([...c.named_buffers()].map(([n]) => n)).toEqual(fx.removed.buffers);
    close(c.weight, fx.removed.weight);
    expect(c.weight instanceof nn.Parameter).toBe(fx.removed.is_param);
    expect(prune.is_pruned(c)).toBe(fx.removed.pruned);
    prune.remove(c, 'bias');
    expect(prune.is_pruned(c)).toBe(fx.removed_all);
    // the pruned weight is recomputed from weight_orig before each forward
    const l = new nn.Linear(2, 2);
    prune.l1_unstructured(l, 'weight', 1);
    torch.no_grad(() => { at(l, 'weight_orig').fill_(2); });
    l(torch.ones(1, 2));
    expect(l.weight.sum().item()).toBe(6);
  });

  const CASES: Record<string, (m: torch.nn.Linear) => unknown> = {
    l1_frac: (m) => prune.l1_unstructured(m, 'weight', 0.25),
    l1_int0: (m) => prune.l1_unstructured(m, 'weight', 0),
    l1_all: (m) => prune.l1_unstructured(m, 'weight', 15),
    ln1_dim1: (m) => prune.ln_structured(m, 'weight', 2, 1, 1),
    'lninf_dim-1': (m) => prune.ln_structured(m, 'weight', 0.4, Infinity, -1),
    lnfro_dim0: (m) => prune.ln_structured(m, { name: 'weight', amount: 1, n: 'fro', dim: 0 }),
    random_structured: (m) => prune.random_structured(m, 'weight', 0.5, 0),
    random_unstructured_half: (m) => prune.random_unstructured(m, 'weight', 0.5),
    identity: (m) => prune.identity(m, 'weight'),
    importance: (m) => prune.l1_unstructured(m, 'weight', 4, { importance_scores: torch.arange(15).float().view(3, 5).flip(1) }),
    ln_importance: (m) => prune.ln_structured(m, 'weight', 1, 2, 0, torch.arange(15).float().view(3, 5)),
    custom: (m) => prune.custom_from_mask(m, 'weight', torch.tensor([[1, 0, 1, 0, 1], [1, 0, 1, 0, 1], [1, 0, 1, 0, 1]]).float()),
    custom_then_l1: (m) => prune.l1_unstructured(prune.custom_from_mask(m, 'weight', torch.tensor([[1, 0, 1, 0, 1], [1, 0, 1, 0, 1],
      [1, 0, 1, 0, 1]]).float()), 'weight', 3),
    l1_twice: (m) => prune.l1_unstructured(prune.l1_unstructured(m, 'weight', 0.2), 'weight', 0.5),
  };
  for (const [key, f] of Object.entries(CASES)) {
    it(`${key}: the mask and the module as PyTorch's`, () => {
      const m = linear(fx.cases[key].w);
      f(m);
      check(m, fx.cases[key]);
    });
  }

  it('counts a fraction of entries with Python round (halves to even); prune() on a bare tensor', () => {
    [0.25, 0.35, 0.45].forEach((a, i) => close(new prune.L1Unstructured(a).compute_mask(torch.arange(1, 11).float(), torch.ones(10)), fx.round_half_even[i]));
    close(new prune.L1Unstructured({ amount: 2 }).prune(torch.tensor([3, -1, 0.5, 2])), fx.prune_method);
  });

  it('global_unstructured: one mask over several parameters, importance scores, again on pruned ones', () => {
    torch.manual_seed(4);
    let net = new nn.Sequential(new nn.Linear(4, 3), new nn.Linear(3, 2), new nn.Linear(2, 2));
    const layers = [...net.children()] as torch.nn.Linear[];
    layers.forEach((l, i) => close(l.weight, fx.global.w[i]));
    prune.global_unstructured(layers.map((l) => [l, 'weight'] as const), prune.L1Unstructured, { amount: 0.3 });
    layers.forEach((l, i) => close(at(l, 'weight_mask'), fx.global.masks[i]));
    expect([...layers[0]._forwardPreHooks.values()].map((h) => h.constructor.name)).toEqual(fx.global.hooks);
    prune.global_unstructured([[layers[0], 'weight'], [layers[1], 'weight']], prune.L1Unstructured,
      { amount: 4, importance_scores: new Map([[layers[1], new Map([['weight', torch.ones(2, 3)]])]]) });
    layers.slice(0, 2).forEach((l, i) => close(at(l, 'weight_mask'), fx.global_again.masks[i]));
    expect([...[...layers[0]._forwardPreHooks.values()][0] as unknown as torch.nn.utils.prune.PruningContainer].map((m) => m.constructor.name))
      .toEqual(fx.global_again.container);
    torch.manual_seed(4);
    net = new nn.Sequential(new nn.Linear(4, 3), new nn.Linear(3, 2));
    const [a, b] = [...net.children()] as torch.nn.Linear[];
    prune.global_unstructured([[a, 'weight'], [b, 'bias']], prune.RandomUnstructured, { amount: 5 });
    close(at(a, 'weight_mask'), fx.global_random[0]);
    close(at(b, 'bias_mask'), fx.global_random[1]);
  });

  it('a user-defined method (BasePruningMethod subclass) joins a container with a built-in one', () => {
    class FooBarPruningMethod extends prune.BasePruningMethod {
      static override PRUNING_TYPE = 'unstructured';
      compute_mask(t: Tensor, default_mask: Tensor): Tensor {
        void t;
        const mask = default_mask.clone();
        mask.view(-1).set(torch.slice(null, null, 2), 0);
        return mask;
      }
    }
    torch.manual_seed(3);
    const m = new nn.Linear(5, 3);
    FooBarPruningMethod.apply(m, 'bias');
    prune.l1_unstructured(m, 'bias', 1);
    close(at(m, 'bias_orig'), fx.custom_method.b);
    close(at(m, 'bias_mask'), fx.custom_method.mask);
    expect([...[...m._forwardPreHooks.values()][0] as unknown as torch.nn.utils.prune.PruningContainer].map((h) => h.constructor.name))
      .toEqual(fx.custom_method.container);
  });

  it("raises PyTorch's errors and leaves the module as it was", () => {
    const f = fx.errors;
    const m = new nn.Linear(5, 3);
    raises(() => prune.l1_unstructured(m, 'weight', 16), f.too_many);
    raises(() => prune.random_unstructured(m, 'weight', 1.5), f.frac_range);
    raises(() => prune.random_unstructured(m, 'weight', -1), f.negative);
    raises(() => prune.random_unstructured(m, 'weight', 'a' as unknown as number), f.type);
    raises(() => prune.ln_structured(m, 'bias', 1, 2, 0), f.structured_1d);
    raises(() => prune.ln_structured(m, 'weight', 1, 2, 2), f.dim);
    raises(() => prune.remove(m, 'weight'), f.remove);
    raises(() => prune.random_structured(m, 'weight', 6, 1), f.channels);
    raises(() => prune.global_unstructured([[m, 'weight']], prune.LnStructured, { amount: 1, n: 2, dim: 0 }), f.global_type);
    const named = new prune.Identity();
    named._tensor_name = 'weight';
    const other = new prune.Identity();
    other._tensor_name = 'bias';
    raises(() => new prune.PruningContainer(named).add_pruning_method(3 as unknown as torch.nn.utils.prune.Identity), f.container_add);
    raises(() => new prune.PruningContainer(named).add_pruning_method(other), f.container_name);
    expect([...m.named_parameters()].map(([n]) => n)).toEqual(f.params_after);
    expect(prune.is_pruned(m)).toBe(f.pruned_after);
  });
});
