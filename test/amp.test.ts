// torch.cuda.amp.GradScaler as PyTorch 1.13 builds it without CUDA (nanoGPT's train.py makes one with
// enabled=(dtype == 'float16'), which is True on a CPU): disabled, with PyTorch's warning; scale() is the identity,
// step() is optimizer.step(). PyTorch 1.13's values and messages.
import { describe, expect, it, vi } from 'vitest';
import * as torch from '../src/index.js';

const message = (f: () => unknown) => {
  try { f(); } catch (e) { return `${(e as Error).name}: ${(e as Error).message}`; }
  return 'no error';
};

describe('torch.cuda.amp.GradScaler', () => {
  it('is disabled without CUDA, and the loop runs as PyTorch runs it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s = new torch.cuda.amp.GradScaler({ enabled: true });
    expect(warn).toHaveBeenCalledWith('UserWarning: torch.cuda.amp.GradScaler is enabled, but CUDA is not available.  Disabling.');
    warn.mockRestore();
    expect([s.is_enabled(), s.get_scale(), s.state_dict()]).toEqual([false, 1.0, {}]);
    const x = torch.ones(2, { requires_grad: true });
    const l = x.mul(2).sum();
    expect(s.scale(l)).toBe(l);
    const opt = new torch.optim.SGD([x], { lr: 0.1 });
    s.scale(l).backward();
    expect(s.unscale_(opt)).toBeUndefined();
    expect(s.step(opt)).toBeUndefined();
    expect(s.update()).toBeUndefined();
    expect(x.tolist()).toEqual([0.800000011920929, 0.800000011920929]);
    expect(new torch.cuda.amp.GradScaler({ enabled: false }).is_enabled()).toBe(false);
  });
  it("takes PyTorch's arguments", () => {
    type Ctor = new (...a: unknown[]) => unknown;
    const G = torch.cuda.amp.GradScaler as unknown as Ctor;
    expect(message(() => new G(2 ** 16, 2.0, 0.5, 2000, true, 1))).toBe('TypeError: GradScaler.__init__() takes from 1 to 6 positional arguments but 7 were given');
    expect(message(() => new G({ enabledd: true }))).toBe("TypeError: GradScaler.__init__() got an unexpected keyword argument 'enabledd'");
  });
});
