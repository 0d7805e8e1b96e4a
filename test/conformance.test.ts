// Every case of the conformance file (what real PyTorch computes) run against tocha.
// PENDING lists the parts still being built: each pending case must still FAIL (strict), so a
// case that starts to pass has to be taken off the list. The list only ever shrinks.
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { runFile, CasesFile } from '../scripts/conformance.js';

const file = JSON.parse(readFileSync(new URL('../../shared/conformance/torch-cases.json', import.meta.url), 'utf8')) as CasesFile;
const results = runFile(file);

/** Id prefixes (or exact ids) of cases whose feature has not landed yet. */
const PENDING: string[] = [
  'torch.nn.functional', 'leaky_relu/', 'elu/', 'gelu/', 'softplus/', 'hardtanh/', 'linear', 'embedding',
  'dropout/', 'layer_norm', 'batch_norm/', 'conv2d', 'conv1d', 'max_pool2d', 'avg_pool2d', 'adaptive_avg_pool2d',
  'cosine_similarity', 'normalize', 'one_hot', 'mse_loss/', 'l1_loss/', 'cross_entropy/', 'smooth_l1_loss',
  'huber_loss', 'nll_loss', 'binary_cross_entropy', 'bce_with_logits', 'kl_div', 'poisson_nll_loss',
  'gaussian_nll_loss', 'margin_ranking_loss', 'hinge_embedding_loss', 'multilabel_margin_loss', 'soft_margin_loss',
  'multilabel_soft_margin_loss', 'cosine_embedding_loss', 'multi_margin_loss', 'triplet_margin',
  'module/', 'repr/module/', 'repr/tensor/grad_fn-mse', 'rng/',
];

const pending = (id: string) => PENDING.some((p) => id === p || id.startsWith(p));

describe('conformance with PyTorch 1.13', () => {
  it('ran every case of the file', () => {
    expect(results.length).toBe(file.cases.length + file.reprs.length + file.rng.length);
  });
  for (const r of results) {
    if (pending(r.id)) {
      it(`${r.id} (pending: must still fail)`, () => {
        expect(r.ok, `${r.id} passes now: take it off PENDING in test/conformance.test.ts`).toBe(false);
      });
    } else {
      it(r.id, () => {
        expect(r.reason).toBe('');
        expect(r.ok).toBe(true);
      });
    }
  }
});
