# Fixture for test/mvn.test.ts: PyTorch 1.13's torch.distributions.MultivariateNormal from a covariance, a
# precision matrix or scale_tril (with batch dims): derived matrices, seeded samples, log_prob, entropy,
# their gradients, KL between two, reprs, and the errors.
# Run: /usr/bin/python3 scripts/gen-mvn.py > test/fixtures/mvn.json
import json
import torch
from torch.distributions import MultivariateNormal, kl_divergence
from pyfixture import err, L


def err_first(f):
    return err(f, first_line=True)


out = {}
loc = torch.tensor([0.5, -1.0, 2.0])
A = torch.tensor([[1.0, 0.2, -0.3], [0.4, 1.5, 0.1], [0.0, -0.2, 0.8]])
cov = A @ A.T + 0.5 * torch.eye(3)
prec = torch.linalg.inv(cov)
tril = torch.linalg.cholesky(cov)
x = torch.tensor([[0.0, 0.0, 0.0], [1.0, -2.0, 1.5]])
out.update({'loc': L(loc), 'cov': L(cov), 'prec': L(prec), 'tril': L(tril), 'x': L(x)})
cases = {}
for kind, M in [('covariance_matrix', cov), ('precision_matrix', prec), ('scale_tril', tril)]:
    d = MultivariateNormal(loc, **{kind: M})
    torch.manual_seed(0)
    s = d.sample((4,))
    cases[kind] = {'repr': repr(d), 'scale_tril': L(d.scale_tril), 'covariance_matrix': L(d.covariance_matrix),
                   'precision_matrix': L(d.precision_matrix), 'variance': L(d.variance), 'sample': L(s),
                   'log_prob': L(d.log_prob(x)), 'entropy': L(d.entropy())}
out['cases'] = cases
# gradients through rsample and log_prob with respect to loc and scale_tril parameters
lp = loc.clone().requires_grad_()
Lp = tril.clone().requires_grad_()
d = MultivariateNormal(lp, scale_tril=Lp)
torch.manual_seed(1)
r = d.rsample((5,))
loss = d.log_prob(r.detach()).sum() + r.pow(2).sum() + d.entropy()
loss.backward()
out['grads'] = {'loss': loss.item(), 'loc': L(lp.grad), 'scale_tril': L(Lp.grad)}
# batch: two locs, one covariance
locs = torch.tensor([[0.0, 0.0, 0.0], [1.0, 2.0, 3.0]])
db = MultivariateNormal(locs, covariance_matrix=cov)
torch.manual_seed(2)
out['batch'] = {'locs': L(locs), 'batch_shape': list(db.batch_shape), 'event_shape': list(db.event_shape),
                'sample': L(db.sample((3,))), 'log_prob': L(db.log_prob(torch.zeros(3))), 'entropy': L(db.entropy()),
                'repr': repr(db)}
q = MultivariateNormal(torch.tensor([0.0, 1.0, -1.0]), covariance_matrix=torch.eye(3) * 2)
out['kl'] = {'pq': L(kl_divergence(MultivariateNormal(loc, covariance_matrix=cov), q)),
             'batch': L(kl_divergence(db, q))}
out['errors'] = {
    'none': err_first(lambda: MultivariateNormal(loc)),
    'two': err_first(lambda: MultivariateNormal(loc, covariance_matrix=cov, scale_tril=tril)),
    'loc0d': err_first(lambda: MultivariateNormal(torch.tensor(1.0), covariance_matrix=cov)),
    'not_pd': err_first(lambda: MultivariateNormal(loc, covariance_matrix=torch.tensor([[1.0, 2.0, 0.0], [2.0, 1.0, 0.0], [0.0, 0.0, 1.0]]))),
    'not_tril': err_first(lambda: MultivariateNormal(loc, scale_tril=cov)),
    'cov1d': err_first(lambda: MultivariateNormal(loc, covariance_matrix=torch.ones(3))),
}
print(json.dumps(out))
