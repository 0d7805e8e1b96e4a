// A checkpoint dict holds optimizer.state_dict() (nanoGPT's train.py): PyTorch's per-parameter state there is the
// optimizer's own dict, so the checkpoint sees the steps taken after it, its counter included; and AdamW prints its
// weight_decay as the float it is (nanoGPT's and minGPT's no-decay group has 0.0). PyTorch 1.13's values and printout.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';

describe('optimizer.state_dict() state is live', () => {
  it("is the optimizer's own per-parameter state, as PyTorch's", () => {
    const w = new torch.nn.Parameter(torch.tensor([1.0, 2.0], { dtype: torch.float32 }));  // [1., 2.]
    const opt = new torch.optim.AdamW([{ params: [w], weight_decay: 0.0 }], { lr: 0.1 });
    w.mul(w).sum().backward();
    opt.step();
    const sd = opt.state_dict();
    opt.step();
    expect(String(sd.state[0].step)).toBe('tensor(2.)');
    expect((sd.state[0].exp_avg as torch.Tensor).tolist()).toEqual([0.3799999952316284, 0.7599999904632568]);
    expect(String(opt)).toBe('AdamW (\nParameter Group 0\n    amsgrad: False\n    betas: (0.9, 0.999)\n    capturable: False\n' +
      '    eps: 1e-08\n    foreach: None\n    lr: 0.1\n    maximize: False\n    weight_decay: 0.0\n)');
  });
});
