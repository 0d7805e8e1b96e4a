// F.ctc_loss and nn.CTCLoss against PyTorch 1.13: test/fixtures/ctc.json, written by scripts/gen-ctc.py
// (losses, gradients with respect to log_probs and through log_softmax, a training run, errors).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture, expectClose } from './fixture.js';

const { nn } = torch;
const F = nn.functional;
const fx = fixture('ctc.json');
const long = (v: unknown) => torch.tensor(v as number[], { dtype: torch.int64 });
const close = (got: unknown, want: unknown, digits = 4) => expectClose(got, want, digits);

describe('ctc_loss against PyTorch', () => {
  const logits = torch.tensor(fx.logits);
  for (const c of fx.cases) {
    it(c.name, () => {
      const x = logits.clone().requires_grad_();
      const lp = x.log_softmax(-1);
      lp.retain_grad();
      const loss = F.ctc_loss(lp, long(c.targets), long(c.il), long(c.tl), c.blank, c.reduction, c.zero_infinity);
      expect(loss.grad_fn!.name()).toBe(c.grad_fn);
      close(loss.tolist(), c.loss, 4);
      (c.reduction === 'none' ? loss.sum() : loss).backward();
      close(lp.grad!.tolist(), c.grad_lp, 5);
      close(x.grad!.tolist(), c.grad_logits, 5);
    });
  }
  it('unbatched (T, C) input, lengths as numbers', () => {
    const x = torch.tensor(fx.logits).select(1, 0).clone().requires_grad_();
    const loss = F.ctc_loss(x.log_softmax(-1), long(fx.padded[0]), 12, 4);
    close(loss.item(), fx.unbatched.loss);
    loss.backward();
    close(x.grad!.tolist(), fx.unbatched.grad_logits, 5);
  });
  it('an impossible alignment is an infinite loss, and arrays work as lengths', () => {
    const loss = F.ctc_loss(logits.log_softmax(-1), long(fx.padded), [12, 9, 2], fx.tl, { reduction: 'none' });
    close(loss.tolist(), fx.impossible_inf);
  });
  it('CTCLoss trains a Linear layer as PyTorch (3 SGD steps)', () => {
    const t = fx.train;
    const lin = new nn.Linear(6, 5);
    torch.no_grad(() => { lin.weight.copy_(torch.tensor(t.w0)); lin.bias!.copy_(torch.tensor(t.b0)); });
    const feats = torch.tensor(t.feats);
    const crit = new nn.CTCLoss();
    const opt = new torch.optim.SGD(lin.parameters(), { lr: 0.5 });
    const losses: number[] = [];
    for (let i = 0; i < 3; i++) {
      opt.zero_grad();
      const l = crit(lin(feats).log_softmax(-1), long(fx.padded), long(fx.il), long(fx.tl));
      losses.push(Number(l.item()));
      l.backward();
      opt.step();
    }
    close(losses, t.losses, 4);
    close(lin.weight.tolist(), t.w, 4);
    close(lin.bias!.tolist(), t.b, 4);
    expect(String(crit)).toBe(fx.repr[0]);
    expect(String(new nn.CTCLoss(3, 'sum', true))).toBe(fx.repr[1]);
    const m = new nn.CTCLoss({ blank: 3, zero_infinity: true });
    expect([m.blank, m.reduction, m.zero_infinity]).toEqual([3, 'mean', true]);
  });
  it("PyTorch's errors", () => {
    const lp = logits.log_softmax(-1);
    const [P, il, tl] = [long(fx.padded), long(fx.il), long(fx.tl)];
    const e = fx.errors;
    expect(() => F.ctc_loss(lp, P, long([13, 9, 10]), tl)).toThrow(e.input_length.message);
    expect(() => F.ctc_loss(lp, P, il, long([5, 2, 3]))).toThrow(e.target_size.message);
    expect(() => F.ctc_loss(lp, P, il, tl, 5)).toThrow(e.blank.message);
    expect(() => F.ctc_loss(lp.narrow(1, 0, 2), P, il, tl)).toThrow(e.batch.message);
    expect(() => F.ctc_loss(lp, P, il, tl, { reduction: 'foo' as never })).toThrow(e.reduction.message);
    expect(() => F.ctc_loss(lp, long([[1, 7, 2, 4], [3, 1, 0, 0], [4, 4, 4, 0]]), il, tl)).toThrow('ctc_loss(): target 7 is out of range for 5 classes');
    expect(() => F.ctc_loss(lp, P, il, long([-1, 2, 3]))).toThrow('target_lengths must be non-negative integers, but got -1');
    expect(() => F.ctc_loss(lp, P, il, tl, { blanc: 0 } as never)).toThrow("ctc_loss() got an unexpected keyword argument 'blanc'");
  });
});
