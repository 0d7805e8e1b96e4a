// nn.Module's and the optimizers' public methods take PyTorch 1.13's arguments only: one too many by position, or a
// keyword the method does not take, is Python's TypeError, word for word (test/fixtures/class-kwargs.json, written by
// scripts/gen-class-kwargs.py from PyTorch's signatures and its own messages on an instance).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture, messageOf as message } from './fixture.js';

type Entry = { positional: string | null; keywords: string[]; too_many?: string | null; unknown?: string | null };
const table = fixture('class-kwargs.json') as Record<string, Entry>;

/** tocha's class of that name, and an instance to call its methods on (an SGD for Optimizer's own). */
function subject(cname: string): [{ prototype: Record<string, unknown> }, object] {
  if (cname === 'Module') return [torch.nn.Module as never, new torch.nn.Linear(2, 3)];
  const optim = torch.optim as unknown as Record<string, new (...a: unknown[]) => object>;
  const param = torch.zeros(2).requires_grad_();
  const obj = cname === 'Optimizer' || cname === 'SGD' ? new optim.SGD([param], { lr: 0.1 }) : new optim[cname]([param]);
  return [optim[cname] as never, obj];
}

describe("nn.Module's and the optimizers' methods take PyTorch's arguments", () => {
  it('one argument too many by position is PyTorch\'s TypeError (before the method runs)', () => {
    let checked = 0;
    for (const [key, e] of Object.entries(table)) {
      if (e.too_many == null) continue;
      const [cname, name] = key.split('.');
      const [cls, obj] = subject(cname);
      const f = cls.prototype[name] as (...a: unknown[]) => unknown;
      if (typeof f !== 'function') continue;   // one tocha does not have (Module.bfloat16, ipu, xpu, ...)
      const [, , most] = /^#(\d+)-(\d+)s$/.exec(e.positional!)!;
      expect(message(() => f.call(obj, ...Array(Number(most)).fill(null))), key).toBe(e.too_many);
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('so is a keyword it does not take (after its required arguments, a plain object being one of them)', () => {
    let checked = 0;
    for (const [key, e] of Object.entries(table)) {
      if (e.unknown == null) continue;
      const [cname, name] = key.split('.');
      const [cls, obj] = subject(cname);
      const f = cls.prototype[name] as (...a: unknown[]) => unknown;
      if (typeof f !== 'function') continue;
      const required = e.positional ? Number(/^#(\d+)/.exec(e.positional)![1]) - 1 : 0;
      expect(message(() => f.call(obj, ...Array(required).fill(null), { zzz_not_a_keyword: 1 })), key).toBe(e.unknown);
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('the calls PyTorch takes still work: keywords by name, a state dict or param group as the argument', () => {
    const net = new torch.nn.Linear(2, 3);
    expect(net.train(false).training).toBe(false);
    expect([...net.parameters(true)].length).toBe(2);
    const sd = net.state_dict({ prefix: 'p.' });
    expect(Object.keys(sd)).toEqual(['p.weight', 'p.bias']);
    net.load_state_dict(net.state_dict());
    const opt = new torch.optim.SGD([torch.zeros(2).requires_grad_()], { lr: 0.1 });
    opt.add_param_group({ params: [torch.zeros(1).requires_grad_()], lr: 0.5 });
    expect(opt.param_groups.length).toBe(2);
    opt.zero_grad({ set_to_none: true });
    expect(() => opt.step()).not.toThrow();
  });

  it('their keywords by name are the same call as by position (they were passed on as an object)', () => {
    const net = new torch.nn.Sequential(new torch.nn.Linear(2, 3));
    const names = (it: Iterable<[string, unknown]>) => [...it].map(([n]) => n);
    expect(names(net.named_parameters({ prefix: 'p' } as never))).toEqual(names(net.named_parameters('p')));
    expect(names(net.named_parameters({ prefix: 'p' } as never))).toEqual(['p.0.weight', 'p.0.bias']);
    expect([...net.parameters({ recurse: false } as never)].length).toBe(0);
    expect(names(net.named_modules({ prefix: 'm' } as never))).toEqual(['m', 'm.0']);
    expect(net.train({ mode: false } as never).training).toBe(false);
    net.register_buffer('b', torch.ones(1), { persistent: false } as never);
    expect(Object.keys(net.state_dict())).toEqual(['0.weight', '0.bias']);
    expect(() => net.named_parameters('p', { prefix: 'q' } as never)).toThrow("Module.named_parameters() got multiple values for argument 'prefix'");
  });
});
