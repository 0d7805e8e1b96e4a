// The fused optimizer kernels against their composed tensor-op oracles, over every flag.
import { describe, it, expect } from 'vitest';
import * as torch from '../src/index.js';
import { sgdUpdate, sgdUpdateComposed } from '../src/optim/sgd.js';
import { adamUpdate, adamUpdateComposed } from '../src/optim/adam.js';

function maxDiff(a: torch.Tensor, b: torch.Tensor): number {
  return Number(a.sub(b).abs().max().item());
}

describe('fused SGD equals the composed update', () => {
  const variants = [
    { momentum: 0, dampening: 0, weight_decay: 0, nesterov: false, maximize: false },
    { momentum: 0.9, dampening: 0, weight_decay: 0.01, nesterov: true, maximize: false },
    { momentum: 0.5, dampening: 0.3, weight_decay: 0, nesterov: false, maximize: true },
  ];
  for (const v of variants) {
    it(JSON.stringify(v), () => {
      torch.manual_seed(1);
      const p1 = torch.randn(37);
      const p2 = p1.clone();
      const s1: Record<string, any> = {};
      const s2: Record<string, any> = {};
      const o = { lr: 0.05, foreach: null, differentiable: false, ...v } as any;
      for (let step = 0; step < 5; step++) {
        const g = torch.randn(37);
        sgdUpdate(p1, g, s1, o);
        sgdUpdateComposed(p2, g, s2, o);
      }
      expect(maxDiff(p1, p2)).toBeLessThan(1e-6);
    });
  }
});

describe('fused Adam/AdamW equals the composed update', () => {
  const variants = [
    { decoupled: false, weight_decay: 0, amsgrad: false, maximize: false },
    { decoupled: false, weight_decay: 0.1, amsgrad: true, maximize: false },
    { decoupled: true, weight_decay: 0.1, amsgrad: false, maximize: true },
  ];
  for (const v of variants) {
    it(JSON.stringify(v), () => {
      torch.manual_seed(2);
      const p1 = torch.randn(41);
      const p2 = p1.clone();
      const mk = () => ({ step: torch.tensor(0).keep(), exp_avg: torch.zeros(41).keep(), exp_avg_sq: torch.zeros(41).keep(), max_exp_avg_sq: torch.zeros(41).keep() });
      const s1: Record<string, any> = mk();
      const s2: Record<string, any> = mk();
      const o = { lr: 0.01, betas: [0.8, 0.9], eps: 1e-8, weight_decay: v.weight_decay, amsgrad: v.amsgrad, maximize: v.maximize } as any;
      for (let step = 0; step < 6; step++) {
        const g = torch.randn(41);
        adamUpdate(p1, g, s1, o, v.decoupled);
        adamUpdateComposed(p2, g, s2, o, v.decoupled);
      }
      expect(maxDiff(p1, p2)).toBeLessThan(1e-6);
      expect(maxDiff(s1.exp_avg_sq, s2.exp_avg_sq)).toBeLessThan(1e-6);
    });
  }
});
