// torch.distributions.MultivariateNormal against PyTorch 1.13: test/fixtures/mvn.json, written by
// scripts/gen-mvn.py (three parametrizations, batches, seeded samples, log_prob, entropy, gradients, KL).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture, expectClose } from './fixture.js';

const { MultivariateNormal, kl_divergence } = torch.distributions;
const fx = fixture('mvn.json');
const close = (got: unknown, want: unknown, digits = 4) => expectClose(got, want, digits);
const T = (v: unknown) => torch.tensor(v as number[], { dtype: torch.float32 });

describe('MultivariateNormal', () => {
  const loc = T(fx.loc);
  const x = T(fx.x);
  for (const kind of ['covariance_matrix', 'precision_matrix', 'scale_tril'] as const) {
    it(`from ${kind}: derived matrices, samples for a seed, log_prob, entropy`, () => {
      const c = fx.cases[kind];
      const M = T(kind === 'covariance_matrix' ? fx.cov : kind === 'precision_matrix' ? fx.prec : fx.tril);
      const d = new MultivariateNormal(loc, { [kind]: M });
      expect(String(d)).toBe(c.repr);
      close(d.scale_tril, c.scale_tril);
      close(d.covariance_matrix, c.covariance_matrix);
      close(d.precision_matrix, c.precision_matrix, 3);
      close(d.variance, c.variance);
      torch.manual_seed(0);
      close(d.sample([4]), c.sample);
      close(d.log_prob(x), c.log_prob);
      close(d.entropy(), c.entropy);
    });
  }
  it('gradients through rsample, log_prob and entropy', () => {
    const g = fx.grads;
    const lp = loc.clone().requires_grad_();
    const Lp = T(fx.tril).requires_grad_();
    const d = new MultivariateNormal(lp, { scale_tril: Lp });
    torch.manual_seed(1);
    const r = d.rsample([5]);
    const loss = d.log_prob(r.detach()).sum().add(r.pow(2).sum()).add(d.entropy());
    loss.backward();
    close(loss.item(), g.loss, 3);
    close(lp.grad, g.loc);
    close(Lp.grad, g.scale_tril);
  });
  it('a batch of locations with one covariance', () => {
    const b = fx.batch;
    const db = new MultivariateNormal(T(b.locs), { covariance_matrix: T(fx.cov) });
    expect([[...db.batch_shape], [...db.event_shape]]).toEqual([b.batch_shape, b.event_shape]);
    expect(String(db)).toBe(b.repr);
    torch.manual_seed(2);
    close(db.sample([3]), b.sample);
    close(db.log_prob(torch.zeros(3)), b.log_prob);
    close(db.entropy(), b.entropy);
    const q = new MultivariateNormal(T([0, 1, -1]), { covariance_matrix: torch.eye(3).mul(2) });
    close(kl_divergence(new MultivariateNormal(loc, { covariance_matrix: T(fx.cov) }), q), fx.kl.pq);
    close(kl_divergence(db, q), fx.kl.batch);
  });
  it("PyTorch's errors", () => {
    const e = fx.errors;
    const cov = T(fx.cov);
    expect(() => new MultivariateNormal(loc)).toThrow(e.none.message);
    expect(() => new MultivariateNormal(loc, { covariance_matrix: cov, scale_tril: T(fx.tril) })).toThrow(e.two.message);
    expect(() => new MultivariateNormal(torch.tensor(1.5), { covariance_matrix: cov })).toThrow(e.loc0d.message);
    expect(() => new MultivariateNormal(loc, { covariance_matrix: T([[1, 2, 0], [2, 1, 0], [0, 0, 1]]) })).toThrow(e.not_pd.message);
    expect(() => new MultivariateNormal(loc, { scale_tril: cov })).toThrow(e.not_tril.message);
    expect(() => new MultivariateNormal(loc, { covariance_matrix: torch.ones(3) })).toThrow(e.cov1d.message);
  });
});
