# Writes test/fixtures/distributions.json: what PyTorch 1.13 computes for tocha's torch.distributions
# (reprs, shapes, supports, moments, entropies, log_prob / cdf / icdf, gradients, seeded samples and
# rsample gradients, expand, KL divergences, validation messages), the random ops they use
# (exponential_, normal with tensor arguments, erfinv), a REINFORCE update and a VAE step.
# Every input is written into the JSON, so the tests never depend on reproducing it.
# Run from the repo root: /usr/bin/python3 scripts/gen-distributions.py
import json
import torch
import torch.distributions as D
from pyfixture import DistFixture, dec

torch.manual_seed(0)
F = DistFixture()
enc, T, R, attempt = F.enc, F.T, F.R, F.attempt


def message(f):
    return attempt(f)['error']


out = {}

# ---------------------------------------------------------------- ops

ops = {}
y = torch.cat([torch.linspace(-1, 1, 2001), torch.tensor([-1.5, 1.5, 0.7, -0.7, 0.70000005, 1e-30, -1e-8, 0.999999, -0.9999999])])
ops['erfinv'] = {'input': enc(y), 'out': enc(torch.erfinv(y))}
x = torch.tensor([0.3, -0.5, 0.9, 0.0], requires_grad=True)
g = torch.tensor([1.0, -2.0, 0.5, 3.0])
yx = torch.erfinv(x)
(yx * g).sum().backward()
ops['erfinv_grad'] = {'input': enc(x), 'grad_out': enc(g), 'grad': enc(x.grad), 'grad_fn': type(yx.grad_fn).__name__}
expo = []
for seed, shape, lambd in [(0, [5], 1.0), (1, [3, 4], 3.0), (2, [40], 0.5), (3, [2, 2], 0.0)]:
    torch.manual_seed(seed)
    e = torch.empty(shape).exponential_(lambd)
    expo.append({'seed': seed, 'shape': shape, 'lambd': lambd, 'out': enc(e), 'after': enc(torch.rand(3))})
ops['exponential'] = expo
normals = []
for seed, mean, std in [(0, R(3), R(3, pos=True)), (1, R(20), R(20, pos=True)), (2, R(2, 1), R(3, pos=True)),
                        (3, R(17), 2.5), (4, R(5), 0.5), (5, 1.5, R(4, pos=True)), (6, -2.0, R(2, 9, pos=True))]:
    torch.manual_seed(seed)
    m = dec(mean['t']) if isinstance(mean, dict) else mean
    s = dec(std['t']) if isinstance(std, dict) else std
    o = torch.normal(m, s)
    normals.append({'seed': seed, 'mean': mean, 'std': std, 'out': enc(o), 'after': enc(torch.rand(3))})
ops['normal'] = normals
mg = torch.zeros(3, requires_grad=True)
sg = torch.ones(3, requires_grad=True)
o = torch.normal(mg, sg)
o.sum().backward()
ops['normal_grad'] = {'grad_fn': [type(torch.normal(mg, sg).grad_fn).__name__, type(torch.normal(mg, 2.0).grad_fn).__name__,
                                  type(torch.normal(1.0, sg).grad_fn).__name__],
                      'mean_grad': enc(mg.grad), 'std_grad': enc(sg.grad)}
lg = torch.cat([torch.linspace(0.01, 30, 1500), torch.linspace(-5.5, -0.01, 300), torch.tensor([1., 2., 0.5, 1e-30, 1e-7, 100., 1e10, 3e38, 0.0, -1., -2.])])
ops['lgamma'] = {'input': enc(lg), 'lgamma': enc(torch.lgamma(lg)), 'digamma': enc(torch.digamma(lg)),
                 'lgamma64': enc(torch.lgamma(lg.double()).float())}
x = torch.tensor([0.3, 1.7, 4.5, -0.6, 12.0], requires_grad=True)
g = torch.tensor([1.0, -2.0, 0.5, 3.0, 0.25])
(torch.lgamma(x) * g).sum().backward()
gl = x.grad.clone()
x.grad = None
(torch.digamma(x) * g).sum().backward()
ops['lgamma_grad'] = {'input': enc(x), 'grad_out': enc(g), 'lgamma': enc(gl), 'digamma': enc(x.grad),
                      'grad_fn': [type(torch.lgamma(x).grad_fn).__name__, type(torch.digamma(x).grad_fn).__name__]}
sg = []
alphas = torch.tensor([0.01, 0.1, 0.5, 0.9, 0.999, 1.0, 1.5, 2.0, 3.7, 10.0, 50.0, 1000.0, 1e-3, 7.0] * 5)
for seed in range(3):
    torch.manual_seed(seed)
    sg.append({'seed': seed, 'out': enc(torch._standard_gamma(alphas)), 'after': enc(torch.rand(2))})
ops['standard_gamma'] = {'alpha': enc(alphas), 'cases': sg}
a = torch.tensor([0.3, 1.0, 2.5, 9.0, 0.05], requires_grad=True)
torch.manual_seed(7)
xg = torch._standard_gamma(a)
(xg * g).sum().backward()
ops['standard_gamma_grad'] = {'alpha': enc(a), 'x': enc(xg), 'grad_out': enc(g), 'grad': enc(a.grad),
                              'direct': enc(torch._standard_gamma_grad(a.detach(), xg.detach()))}
sd = []
for seed, k in [(0, 2), (1, 3), (2, 5)]:
    al = torch.rand(20, k) * 3 + 0.05
    torch.manual_seed(seed)
    sd.append({'seed': seed, 'alpha': enc(al), 'out': enc(torch._sample_dirichlet(al)), 'after': enc(torch.rand(2))})
ops['dirichlet'] = sd
dx = torch.tensor([[0.01, 0.3, 0.69], [0.5, 0.25, 0.25], [0.98, 0.015, 0.005], [0.3, 0.35, 0.35]])
dal = torch.tensor([[0.5, 2.0, 3.0], [7.0, 8.0, 9.0], [1.0, 0.2, 0.1], [3.0, 2.0, 1.5]])
ops['dirichlet_grad'] = {'x': enc(dx), 'alpha': enc(dal), 'out': enc(torch._dirichlet_grad(dx, dal, dal.sum(-1, True).expand_as(dal)))}
mp = torch.softmax(torch.randn(3, 4), -1)
mo = []
for seed, n, repl in [(0, 1, True), (1, 1, False), (2, 3, True)]:
    torch.manual_seed(seed)
    mo.append({'seed': seed, 'n': n, 'replacement': repl, 'out': enc(torch.multinomial(mp, n, repl)), 'after': enc(torch.rand(2))})
ops['multinomial'] = {'probs': enc(mp), 'cases': mo}
ops['errors'] = {
    'normal_tensor_std': message(lambda: torch.normal(torch.zeros(3), torch.tensor([1.0, -1.0, 1.0]))),
    'normal_float_std': message(lambda: torch.normal(torch.zeros(3), -1.0)),
    'exponential_lambda': message(lambda: torch.empty(3).exponential_(-1.0)),
}
out['ops'] = ops

# ---------------------------------------------------------------- distributions

torch.manual_seed(1)
CASES = [
    ('normal/scalar', {'cls': 'Normal', 'args': [0.5, 2.0]}, T(1.25), T(0.3)),
    ('normal/batch', {'cls': 'Normal', 'args': [R(3, grad=True), R(3, grad=True, pos=True)]}, R(2, 3), T(0.1, 0.5, 0.9)),
    ('normal/broadcast', {'cls': 'Normal', 'args': [R(2, 1, grad=True), R(3, grad=True, pos=True)]}, R(2, 3), R(2, 3, pos=True, scale=0.1)),
    ('normal/kw', {'cls': 'Normal', 'kwargs': {'loc': R(4, grad=True), 'scale': 0.7, 'validate_args': False}}, R(4), T(0.2, 0.4, 0.6, 0.8)),
    ('normal/big', {'cls': 'Normal', 'args': [R(4, 5, grad=True), R(4, 5, grad=True, pos=True)]}, R(4, 5), None),
    ('bernoulli/probs-scalar', {'cls': 'Bernoulli', 'kwargs': {'probs': 0.3}}, T(1.0), None),
    ('bernoulli/probs', {'cls': 'Bernoulli', 'args': [T(0.1, 0.5, 0.9, 0.0, 1.0, grad=True)]}, T(1.0, 0.0, 1.0, 0.0, 1.0), None),
    ('bernoulli/logits', {'cls': 'Bernoulli', 'kwargs': {'logits': R(2, 3, grad=True, scale=2.0)}}, T([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]]), None),
    ('bernoulli/logits-scalar', {'cls': 'Bernoulli', 'kwargs': {'logits': -0.4}}, T(0.0), None),
    ('categorical/probs', {'cls': 'Categorical', 'args': [T(0.1, 0.2, 0.3, 0.4, grad=True)]}, T(2.0), None),
    ('categorical/logits', {'cls': 'Categorical', 'kwargs': {'logits': R(3, 5, grad=True, scale=2.0)}},
     {'t': enc(torch.tensor([4, 0, 2])), 'grad': False}, None),
    ('categorical/logits-sample-batch', {'cls': 'Categorical', 'kwargs': {'logits': R(2, 4, grad=True)}},
     {'t': enc(torch.tensor([[3, 1], [0, 2], [1, 1]])), 'grad': False}, None),
    ('categorical/zero-prob', {'cls': 'Categorical', 'kwargs': {'probs': T([[0.5, 0.0, 0.5], [0.0, 1.0, 0.0]])}},
     {'t': enc(torch.tensor([0, 1])), 'grad': False}, None),
    ('onehot/logits', {'cls': 'OneHotCategorical', 'kwargs': {'logits': R(2, 3, grad=True)}}, T([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]), None),
    ('onehot/probs', {'cls': 'OneHotCategorical', 'args': [T(0.2, 0.3, 0.5, grad=True)]}, T(0.0, 0.0, 1.0), None),
    ('onehot-st', {'cls': 'OneHotCategoricalStraightThrough', 'kwargs': {'logits': R(3, grad=True)}}, T(1.0, 0.0, 0.0), None),
    ('uniform/scalar', {'cls': 'Uniform', 'args': [-1.0, 3.0]}, T(0.5), T(0.25)),
    ('uniform/batch', {'cls': 'Uniform', 'args': [R(3, grad=True), R(3, grad=True, pos=True, shift=2.0)]}, None, T(0.1, 0.5, 0.9)),
    ('exponential/scalar', {'cls': 'Exponential', 'args': [2.0]}, T(0.7), T(0.5)),
    ('exponential/batch', {'cls': 'Exponential', 'kwargs': {'rate': R(2, 2, grad=True, pos=True)}}, R(2, 2, pos=True), T([[0.1, 0.3], [0.6, 0.95]])),
    ('laplace/scalar', {'cls': 'Laplace', 'args': [0.0, 1.0]}, T(-0.8), T(0.2)),
    ('laplace/batch', {'cls': 'Laplace', 'args': [R(3, grad=True), R(3, grad=True, pos=True)]}, R(3), T(0.05, 0.5, 0.7)),
    ('gamma/scalar', {'cls': 'Gamma', 'args': [2.0, 0.5]}, T(1.3), None),
    ('gamma/batch', {'cls': 'Gamma', 'args': [T(0.3, 1.5, 4.0, grad=True), T(0.5, 2.0, 1.0, grad=True)]}, T(0.2, 0.9, 3.5), None),
    ('gamma/kw', {'cls': 'Gamma', 'kwargs': {'concentration': R(2, 2, grad=True, pos=True, scale=3.0), 'rate': 2.0}}, R(2, 2, pos=True), None),
    ('dirichlet/vector', {'cls': 'Dirichlet', 'args': [T(0.5, 1.0, 2.5, grad=True)]}, T(0.2, 0.3, 0.5), None),
    ('dirichlet/batch', {'cls': 'Dirichlet', 'kwargs': {'concentration': R(2, 4, grad=True, pos=True, scale=2.0)}},
     {'t': enc(torch.softmax(torch.randn(2, 4), -1)), 'grad': False}, None),
    ('dirichlet/mode-mask', {'cls': 'Dirichlet', 'args': [T([[0.3, 0.5], [2.0, 3.0]], grad=True)]}, T([[0.4, 0.6], [0.1, 0.9]]), None),
    ('beta/scalar', {'cls': 'Beta', 'args': [2.0, 5.0]}, T(0.3), None),
    ('beta/batch', {'cls': 'Beta', 'args': [T(0.5, 2.0, 8.0, grad=True), T(0.7, 3.0, 9.0, grad=True)]}, T(0.1, 0.5, 0.9), None),
    ('beta/mixed', {'cls': 'Beta', 'kwargs': {'concentration1': T(1.5, 2.5, grad=True), 'concentration0': 3.0}}, T(0.25, 0.75), None),
    ('independent/normal', {'cls': 'Independent', 'args': [{'dist': {'cls': 'Normal', 'args': [R(2, 3, grad=True), R(2, 3, grad=True, pos=True)]}}, 1]},
     R(2, 3), None),
    ('independent/bernoulli-2', {'cls': 'Independent', 'args': [{'dist': {'cls': 'Bernoulli', 'kwargs': {'logits': R(2, 2, grad=True)}}}, 2]},
     T([[1.0, 0.0], [0.0, 1.0]]), None),
    ('independent/zero', {'cls': 'Independent', 'args': [{'dist': {'cls': 'Categorical', 'kwargs': {'logits': R(2, 3, grad=True)}}}, 0]},
     {'t': enc(torch.tensor([2, 0])), 'grad': False}, None),
]

SAMPLES = [(0, []), (1, [5]), (2, [2, 3]), (3, [20])]
GRAD_OF = ('entropy', 'mean', 'variance', 'stddev')
cases = [F.case(cid, spec, value, q, SAMPLES, GRAD_OF, extras=True) for cid, spec, value, q in CASES]
out['cases'] = cases

# ---------------------------------------------------------------- KL divergences

torch.manual_seed(2)
N = lambda *s: {'cls': 'Normal', 'args': [R(*s, grad=True), R(*s, grad=True, pos=True)]}  # noqa: E731
U = lambda *s: {'cls': 'Uniform', 'args': [R(*s, grad=True, shift=-1.0), R(*s, grad=True, pos=True, shift=1.5)]}  # noqa: E731
PAIRS = [
    ('normal-normal', N(3), N(3)),
    ('normal-normal-scalar', {'cls': 'Normal', 'args': [R(2, 3, grad=True), R(2, 3, grad=True, pos=True)]}, {'cls': 'Normal', 'args': [0.0, 1.0]}),
    ('bernoulli-bernoulli', {'cls': 'Bernoulli', 'kwargs': {'logits': R(4, grad=True)}}, {'cls': 'Bernoulli', 'args': [T(0.2, 0.0, 1.0, 0.7, grad=True)]}),
    ('bernoulli-edge', {'cls': 'Bernoulli', 'args': [T(0.0, 1.0, 0.5, 0.0)]}, {'cls': 'Bernoulli', 'args': [T(0.0, 1.0, 0.0, 1.0)]}),
    ('categorical-categorical', {'cls': 'Categorical', 'kwargs': {'logits': R(2, 4, grad=True)}}, {'cls': 'Categorical', 'kwargs': {'logits': R(2, 4, grad=True)}}),
    ('categorical-zero', {'cls': 'Categorical', 'args': [T([[0.5, 0.5, 0.0], [0.2, 0.3, 0.5]], grad=True)]},
     {'cls': 'Categorical', 'args': [T([[0.4, 0.6, 0.0], [0.0, 0.5, 0.5]])]}),
    ('onehot-onehot', {'cls': 'OneHotCategorical', 'kwargs': {'logits': R(3, grad=True)}}, {'cls': 'OneHotCategorical', 'kwargs': {'logits': R(3, grad=True)}}),
    ('exponential-exponential', {'cls': 'Exponential', 'args': [R(3, grad=True, pos=True)]}, {'cls': 'Exponential', 'args': [R(3, grad=True, pos=True)]}),
    ('laplace-laplace', {'cls': 'Laplace', 'args': [R(3, grad=True), R(3, grad=True, pos=True)]}, {'cls': 'Laplace', 'args': [R(3, grad=True), R(3, grad=True, pos=True)]}),
    ('uniform-uniform', U(4), {'cls': 'Uniform', 'args': [T(-3.0, -0.5, -3.0, -3.0), T(3.0, 3.0, 0.5, 3.0)]}),
    ('exponential-uniform', {'cls': 'Exponential', 'args': [R(2, grad=True, pos=True)]}, U(2)),
    ('exponential-normal', {'cls': 'Exponential', 'args': [R(3, grad=True, pos=True)]}, N(3)),
    ('laplace-exponential', {'cls': 'Laplace', 'args': [R(2, grad=True), R(2, grad=True, pos=True)]}, {'cls': 'Exponential', 'args': [1.0]}),
    ('laplace-uniform', {'cls': 'Laplace', 'args': [0.0, 1.0]}, {'cls': 'Uniform', 'args': [0.0, 1.0]}),
    ('laplace-normal', {'cls': 'Laplace', 'args': [R(3, grad=True), R(3, grad=True, pos=True)]}, N(3)),
    ('normal-exponential', N(2), {'cls': 'Exponential', 'args': [1.0]}),
    ('normal-uniform', N(2), {'cls': 'Uniform', 'args': [0.0, 1.0]}),
    ('normal-laplace', N(3), {'cls': 'Laplace', 'args': [R(3, grad=True), R(3, grad=True, pos=True)]}),
    ('uniform-exponential', U(3), {'cls': 'Exponential', 'args': [R(3, grad=True, pos=True)]}),
    ('uniform-normal', U(3), N(3)),
    ('independent-independent', {'cls': 'Independent', 'args': [{'dist': N(2, 3)}, 1]}, {'cls': 'Independent', 'args': [{'dist': N(2, 3)}, 1]}),
    ('independent-mismatch', {'cls': 'Independent', 'args': [{'dist': N(2, 3)}, 1]}, {'cls': 'Independent', 'args': [{'dist': N(2, 3)}, 2]}),
    ('gamma-gamma', {'cls': 'Gamma', 'args': [R(3, grad=True, pos=True), R(3, grad=True, pos=True)]}, {'cls': 'Gamma', 'args': [R(3, grad=True, pos=True), R(3, grad=True, pos=True)]}),
    ('beta-beta', {'cls': 'Beta', 'args': [R(3, grad=True, pos=True), R(3, grad=True, pos=True)]}, {'cls': 'Beta', 'args': [R(3, grad=True, pos=True), R(3, grad=True, pos=True)]}),
    ('dirichlet-dirichlet', {'cls': 'Dirichlet', 'args': [R(2, 3, grad=True, pos=True)]}, {'cls': 'Dirichlet', 'args': [R(2, 3, grad=True, pos=True)]}),
    ('beta-exponential', {'cls': 'Beta', 'args': [R(2, grad=True, pos=True), R(2, grad=True, pos=True)]}, {'cls': 'Exponential', 'args': [R(2, grad=True, pos=True)]}),
    ('beta-gamma', {'cls': 'Beta', 'args': [R(2, grad=True, pos=True), R(2, grad=True, pos=True)]}, {'cls': 'Gamma', 'args': [R(2, grad=True, pos=True), R(2, grad=True, pos=True)]}),
    ('beta-normal', {'cls': 'Beta', 'args': [R(2, grad=True, pos=True), R(2, grad=True, pos=True)]}, N(2)),
    ('beta-uniform', {'cls': 'Beta', 'args': [R(3, grad=True, pos=True), R(3, grad=True, pos=True)]}, {'cls': 'Uniform', 'args': [T(-0.5, 0.2, 0.0), T(1.5, 1.0, 0.9)]}),
    ('exponential-beta', {'cls': 'Exponential', 'args': [R(2, grad=True, pos=True)]}, {'cls': 'Beta', 'args': [1.0, 2.0]}),
    ('exponential-gamma', {'cls': 'Exponential', 'args': [R(3, grad=True, pos=True)]}, {'cls': 'Gamma', 'args': [R(3, grad=True, pos=True), R(3, grad=True, pos=True)]}),
    ('gamma-beta', {'cls': 'Gamma', 'args': [R(2, grad=True, pos=True), 1.0]}, {'cls': 'Beta', 'args': [1.0, 2.0]}),
    ('gamma-uniform', {'cls': 'Gamma', 'args': [R(2, grad=True, pos=True), 1.0]}, {'cls': 'Uniform', 'args': [0.0, 1.0]}),
    ('gamma-exponential', {'cls': 'Gamma', 'args': [R(3, grad=True, pos=True), R(3, grad=True, pos=True)]}, {'cls': 'Exponential', 'args': [R(3, grad=True, pos=True)]}),
    ('gamma-normal', {'cls': 'Gamma', 'args': [R(3, grad=True, pos=True), R(3, grad=True, pos=True)]}, N(3)),
    ('laplace-beta', {'cls': 'Laplace', 'args': [0.0, 1.0]}, {'cls': 'Beta', 'args': [1.0, 2.0]}),
    ('laplace-gamma', {'cls': 'Laplace', 'args': [R(2, grad=True), 1.0]}, {'cls': 'Gamma', 'args': [1.0, 2.0]}),
    ('normal-beta', N(2), {'cls': 'Beta', 'args': [1.0, 2.0]}),
    ('normal-gamma', N(2), {'cls': 'Gamma', 'args': [1.0, 2.0]}),
    ('uniform-beta', {'cls': 'Uniform', 'args': [T(0.1, -0.1, 0.3, grad=True), T(0.6, 0.5, 1.2, grad=True)]}, {'cls': 'Beta', 'args': [R(3, grad=True, pos=True), R(3, grad=True, pos=True)]}),
    ('uniform-gamma', {'cls': 'Uniform', 'args': [T(0.1, -0.1, 0.3, grad=True), T(0.6, 0.5, 1.2, grad=True)]}, {'cls': 'Gamma', 'args': [R(3, grad=True, pos=True), R(3, grad=True, pos=True)]}),
    ('bernoulli-normal', {'cls': 'Bernoulli', 'args': [0.3]}, {'cls': 'Normal', 'args': [0.0, 1.0]}),
    ('normal-categorical', {'cls': 'Normal', 'args': [0.0, 1.0]}, {'cls': 'Categorical', 'args': [T(0.5, 0.5)]}),
    ('uniform-laplace', {'cls': 'Uniform', 'args': [0.0, 1.0]}, {'cls': 'Laplace', 'args': [0.0, 1.0]}),
]
kls = [F.kl(*pair, finite_only=False) for pair in PAIRS]
out['kl'] = kls

# ---------------------------------------------------------------- messages


z3 = torch.zeros(3)
out['errors'] = {
    'normal_scale_scalar': message(lambda: D.Normal(0.0, -1.0)),
    'normal_scale_tensor': message(lambda: D.Normal(0.0, torch.tensor([1.0, -1.0]))),
    'normal_scale_nan_loc': message(lambda: D.Normal(torch.tensor([0.0, float('nan')]), 1.0)),
    'normal_shape': message(lambda: D.Normal(z3, 1.0).log_prob(torch.zeros(2))),
    'normal_missing': message(lambda: D.Normal(0.0)),
    'normal_too_many': message(lambda: D.Normal(0.0, 1.0, None, 4)),
    'normal_unknown_kw': message(lambda: D.Normal(0.0, 1.0, sigma=2.0)),
    'exponential_support': message(lambda: D.Exponential(torch.ones(2)).log_prob(torch.tensor([1.0, -1.0]))),
    'exponential_rate': message(lambda: D.Exponential(torch.tensor([[1.0, 0.0]]))),
    'bernoulli_both': message(lambda: D.Bernoulli(probs=0.3, logits=0.1)),
    'bernoulli_neither': message(lambda: D.Bernoulli()),
    'bernoulli_probs': message(lambda: D.Bernoulli(torch.tensor([0.5, 1.5]))),
    'bernoulli_support': message(lambda: D.Bernoulli(0.5).log_prob(torch.tensor([0.5]))),
    'categorical_both': message(lambda: D.Categorical(probs=torch.ones(2), logits=torch.ones(2))),
    'categorical_dim_probs': message(lambda: D.Categorical(probs=torch.tensor(1.0))),
    'categorical_dim_logits': message(lambda: D.Categorical(logits=torch.tensor(1.0))),
    'categorical_negative': message(lambda: D.Categorical(torch.tensor([0.5, -0.5, 1.0]))),
    'categorical_support': message(lambda: D.Categorical(logits=torch.zeros(3)).log_prob(torch.tensor(3))),
    'categorical_shape': message(lambda: D.Categorical(logits=torch.zeros(2, 3)).log_prob(torch.tensor([1, 2, 0]))),
    'categorical_sample0': message(lambda: D.Categorical(logits=torch.zeros(3)).sample([0])),
    'onehot_support': message(lambda: D.OneHotCategorical(logits=torch.zeros(3)).log_prob(torch.tensor([1.0, 1.0, 0.0]))),
    'onehot_event': message(lambda: D.OneHotCategorical(logits=torch.zeros(3)).log_prob(torch.tensor([1.0, 0.0]))),
    'uniform_low_high': message(lambda: D.Uniform(1.0, 0.0)),
    'uniform_support': message(lambda: D.Uniform(torch.zeros(2), 1.0).log_prob(torch.tensor([0.5, 1.5]))),
    'laplace_scale': message(lambda: D.Laplace(0.0, 0.0)),
    'independent_ndims': message(lambda: D.Independent(D.Normal(z3, 1.0), 2)),
    'independent_event': message(lambda: D.Independent(D.Normal(torch.zeros(2, 3), 1.0), 1).log_prob(torch.zeros(2, 2))),
    'independent_support': message(lambda: D.Independent(D.Exponential(torch.ones(2, 3)), 1).log_prob(-torch.ones(2, 3))),
    'rsample_bernoulli': message(lambda: D.Bernoulli(0.5).rsample()),
    'normal_sample_int': message(lambda: D.Normal(0.0, 1.0).sample(5)),
    'gamma_rate': message(lambda: D.Gamma(1.0, torch.tensor([1.0, -2.0]))),
    'gamma_support': message(lambda: D.Gamma(torch.ones(2), 1.0).log_prob(torch.tensor([1.0, -1.0]))),
    'dirichlet_dim': message(lambda: D.Dirichlet(torch.tensor(1.0))),
    'dirichlet_negative': message(lambda: D.Dirichlet(torch.tensor([1.0, -1.0, 2.0]))),
    'dirichlet_support': message(lambda: D.Dirichlet(torch.ones(3)).log_prob(torch.tensor([0.5, 0.5, 0.5]))),
    'beta_negative': message(lambda: D.Beta(-1.0, 1.0)),
    'beta_support': message(lambda: D.Beta(1.0, 2.0).log_prob(torch.tensor([1.5]))),
    'mode_independent_enum': message(lambda: D.Independent(D.Bernoulli(torch.ones(2) * 0.5), 1).enumerate_support()),
}
# validate_args=False: no checks, values as computed
out['no_validate'] = {
    'normal': enc(D.Normal(0.0, -1.0, validate_args=False).log_prob(torch.tensor([0.5]))),
    'exponential': enc(D.Exponential(torch.ones(2), validate_args=False).log_prob(torch.tensor([1.0, -1.0]))),
    'uniform': enc(D.Uniform(torch.zeros(2), 1.0, validate_args=False).log_prob(torch.tensor([0.5, 1.0]))),
}

# ---------------------------------------------------------------- REINFORCE and VAE


def reinforce():
    torch.manual_seed(3)
    W = torch.randn(4, 3, requires_grad=True)
    W0 = W.detach().clone()
    obs = torch.randn(6, 4)
    returns = torch.randn(6)
    steps = []
    for step in range(3):
        logits = obs @ W
        pi = D.Categorical(logits=logits)
        a = pi.sample()
        logp = pi.log_prob(a)
        loss = -(logp * returns).mean() - 0.01 * pi.entropy().mean()
        loss.backward()
        steps.append({'actions': enc(a), 'log_prob': enc(logp), 'loss': loss.item(), 'grad': enc(W.grad)})
        with torch.no_grad():
            W -= 0.5 * W.grad
        W.grad = None
    return {'W0': enc(W0), 'obs': enc(obs), 'returns': enc(returns), 'steps': steps,
            'W': enc(W)}


def vae():
    torch.manual_seed(4)
    x = torch.randn(5, 6)
    We = torch.randn(6, 4, requires_grad=True)
    Wd = torch.randn(2, 6, requires_grad=True)
    h = x @ We
    mu, logvar = h[:, :2], h[:, 2:]
    q = D.Normal(mu, torch.exp(0.5 * logvar))
    torch.manual_seed(5)
    zs = q.rsample()
    recon = zs @ Wd
    p = D.Normal(torch.zeros_like(mu), torch.ones_like(mu))
    kl = D.kl_divergence(q, p).sum(-1)
    nll = -D.Independent(D.Normal(recon, 1.0), 1).log_prob(x)
    loss = (nll + kl).mean()
    loss.backward()
    return {'x': enc(x), 'We': enc(We), 'Wd': enc(Wd), 'z': enc(zs), 'kl': enc(kl),
            'nll': enc(nll), 'loss': loss.item(), 'grad_We': enc(We.grad), 'grad_Wd': enc(Wd.grad)}


out['reinforce'] = reinforce()
out['vae'] = vae()

with open('test/fixtures/distributions.json', 'w') as f:
    json.dump({'torch': torch.__version__, **out}, f, indent=None, separators=(',', ':'))
