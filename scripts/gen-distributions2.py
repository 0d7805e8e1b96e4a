# Writes test/fixtures/distributions2.json: what PyTorch 1.13 computes for the second batch of tocha's
# torch.distributions: the transforms (values, inverses, log |det J|, domains, signs, shapes, gradients),
# TransformedDistribution and the families built on it, Cauchy, StudentT, Chi2, Geometric, Poisson, Binomial,
# NegativeBinomial, Multinomial, MixtureSameFamily (reprs, shapes, moments, densities, gradients, seeded
# samples, expand), torch.poisson / torch.binomial / cauchy_ draws, KL divergences and messages.
# Every input is written into the JSON. Run from the repo root: /usr/bin/python3 scripts/gen-distributions2.py
import json
import torch
import torch.distributions as D
import torch.distributions.transforms as T_
from pyfixture import DistFixture

torch.manual_seed(0)
F = DistFixture(digits=9)
enc, Tn, Rn, attempt = F.enc, F.T, F.R, F.attempt

out = {}

# ---------------------------------------------------------------- random ops

ops = {}
rates = torch.tensor([0.0, 0.3, 1.0, 4.5, 9.99, 10.0, 15.0, 60.0, 2500.0, 0.05] * 3)
ops['poisson'] = []
for seed in range(3):
    torch.manual_seed(seed)
    ops['poisson'].append({'seed': seed, 'out': enc(torch.poisson(rates)), 'after': enc(torch.rand(2))})
ops['poisson_rate'] = enc(rates)
counts = torch.tensor([0., 1., 5., 10., 20., 40., 100., 1000., 7., 30., 30., 25.])
probs = torch.tensor([0.5, 0.3, 0.1, 0.99, 0.5, 0.3, 0.05, 0.7, 1.0, 0.0, 0.8, 0.6])
ops['binomial'] = []
for seed in range(3):
    torch.manual_seed(seed)
    ops['binomial'].append({'seed': seed, 'out': enc(torch.binomial(counts, probs)), 'after': enc(torch.rand(2))})
ops['binomial_count'] = enc(counts)
ops['binomial_prob'] = enc(probs)
ops['cauchy'] = []
for seed, med, sig in [(0, 0.0, 1.0), (1, 1.5, 0.5)]:
    torch.manual_seed(seed)
    ops['cauchy'].append({'seed': seed, 'median': med, 'sigma': sig, 'out': enc(torch.empty(13).cauchy_(med, sig)), 'after': enc(torch.rand(2))})
out['ops'] = ops

# ---------------------------------------------------------------- transforms

torch.manual_seed(1)
X = lambda t: {'transform': t}  # noqa: E731
TCASES = [
    ('exp', {'cls': 'ExpTransform'}, Rn(3, grad=True)),
    ('exp-inv', {'cls': 'ExpTransform'}, Rn(3, grad=True, pos=True), True),
    ('affine-numbers', {'cls': 'AffineTransform', 'args': [1.5, -2.0]}, Rn(2, 3, grad=True)),
    ('affine-tensors-event', {'cls': 'AffineTransform', 'args': [Rn(3, grad=True), Rn(3, grad=True)], 'kwargs': {'event_dim': 1}}, Rn(2, 3, grad=True)),
    ('affine-tensor-scale', {'cls': 'AffineTransform', 'kwargs': {'loc': 0.5, 'scale': Tn(2.0, -1.0, 0.5, grad=True)}}, Rn(3, grad=True)),
    ('sigmoid', {'cls': 'SigmoidTransform'}, Rn(4, grad=True, scale=3.0)),
    ('tanh', {'cls': 'TanhTransform'}, Rn(4, grad=True)),
    ('power-number', {'cls': 'PowerTransform', 'args': [0.5]}, Rn(3, grad=True, pos=True)),
    ('power-tensor', {'cls': 'PowerTransform', 'kwargs': {'exponent': Tn(2.5, 0.3, 1.0, grad=True)}}, Rn(2, 3, grad=True, pos=True)),
    ('softmax', {'cls': 'SoftmaxTransform'}, Rn(2, 3, grad=True)),
    ('stickbreaking', {'cls': 'StickBreakingTransform'}, Rn(2, 3, grad=True)),
    ('abs', {'cls': 'AbsTransform'}, Rn(4, grad=True)),
    ('compose', {'cls': 'ComposeTransform', 'args': [[X({'cls': 'AffineTransform', 'args': [0.0, 2.0]}), X({'cls': 'ExpTransform'})]]}, Rn(3, grad=True)),
    ('compose-event', {'cls': 'ComposeTransform', 'args': [[X({'cls': 'AffineTransform', 'args': [0.5, 2.0]}), X({'cls': 'StickBreakingTransform'})]]},
     Rn(2, 3, grad=True)),
    ('compose-empty', {'cls': 'ComposeTransform', 'args': [[]]}, Rn(3, grad=True)),
    ('reshape', {'cls': 'ReshapeTransform', 'args': [[6], [2, 3]]}, Rn(4, 6, grad=True)),
    ('independent', {'cls': 'IndependentTransform', 'args': [X({'cls': 'ExpTransform'}), 1]}, Rn(2, 3, grad=True)),
    ('independent-sigmoid-2', {'cls': 'IndependentTransform', 'kwargs': {'base_transform': X({'cls': 'SigmoidTransform'}), 'reinterpreted_batch_ndims': 2}},
     Rn(2, 3, grad=True)),
]
tcases = [F.transform(*case[:3], inverse=len(case) > 3) for case in TCASES]
out['transforms'] = tcases

out['transform_errors'] = {
    'cache_size': attempt(lambda: T_.ExpTransform(cache_size=2)),
    'reshape_numel': attempt(lambda: T_.ReshapeTransform([6], [4])),
    'reshape_shape': attempt(lambda: T_.ReshapeTransform([6], [2, 3]).forward_shape([4, 5])),
    'reshape_few': attempt(lambda: T_.ReshapeTransform([2, 3], [6]).forward_shape([3])),
    'stick_few': attempt(lambda: T_.StickBreakingTransform().forward_shape([])),
    'event_dim': attempt(lambda: T_.StickBreakingTransform().event_dim),
    'abs_sign': attempt(lambda: T_.AbsTransform().sign),
    'softmax_ladj': attempt(lambda: T_.SoftmaxTransform().log_abs_det_jacobian(torch.zeros(3), torch.zeros(3))),
    'td_transforms': attempt(lambda: D.TransformedDistribution(D.Normal(0.0, 1.0), [T_.ExpTransform(), 3])),
    'td_transforms_type': attempt(lambda: D.TransformedDistribution(D.Normal(0.0, 1.0), 3)),
    'td_event': attempt(lambda: D.TransformedDistribution(D.Normal(0.0, 1.0), [T_.StickBreakingTransform()])),
}

# ---------------------------------------------------------------- distributions

torch.manual_seed(2)
N = lambda *s: {'cls': 'Normal', 'args': [Rn(*s, grad=True), Rn(*s, grad=True, pos=True)]}  # noqa: E731
CASES = [
    ('transformed/lognormal-by-hand', {'cls': 'TransformedDistribution', 'args': [{'dist': N(3)}, [X({'cls': 'ExpTransform'})]]},
     Rn(3, pos=True), Tn(0.2, 0.5, 0.9)),
    ('transformed/affine-sigmoid', {'cls': 'TransformedDistribution', 'kwargs': {'base_distribution': {'dist': N(2)},
     'transforms': [X({'cls': 'AffineTransform', 'args': [0.5, -2.0]}), X({'cls': 'SigmoidTransform'})]}}, Tn(0.2, 0.7), Tn(0.3, 0.6)),
    ('transformed/stickbreaking', {'cls': 'TransformedDistribution', 'args': [{'dist': N(3)}, X({'cls': 'StickBreakingTransform'})]},
     {'t': enc(torch.softmax(torch.randn(4), -1)), 'grad': False}, None),
    ('transformed/reshape', {'cls': 'TransformedDistribution', 'args': [{'dist': {'cls': 'Independent', 'args': [{'dist': N(6)}, 1]}},
     [X({'cls': 'ReshapeTransform', 'args': [[6], [2, 3]]})]]}, Rn(2, 3), None),
    ('lognormal/scalar', {'cls': 'LogNormal', 'args': [0.5, 0.8]}, Tn(1.3), Tn(0.3)),
    ('lognormal/batch', {'cls': 'LogNormal', 'args': [Rn(3, grad=True), Rn(3, grad=True, pos=True)]}, Rn(2, 3, pos=True), Tn(0.1, 0.5, 0.9)),
    ('halfnormal/scalar', {'cls': 'HalfNormal', 'args': [2.0]}, Tn(0.7), Tn(0.4)),
    ('halfnormal/batch', {'cls': 'HalfNormal', 'kwargs': {'scale': Rn(3, grad=True, pos=True)}}, Tn(0.5, 0.0, 2.0), Tn(0.1, 0.5, 0.9)),
    ('halfcauchy/batch', {'cls': 'HalfCauchy', 'args': [Rn(3, grad=True, pos=True)]}, Tn(0.5, 1.0, 3.0), Tn(0.1, 0.5, 0.9)),
    ('cauchy/scalar', {'cls': 'Cauchy', 'args': [0.5, 2.0]}, Tn(1.25), Tn(0.3)),
    ('cauchy/batch', {'cls': 'Cauchy', 'args': [Rn(3, grad=True), Rn(3, grad=True, pos=True)]}, Rn(2, 3), Tn(0.1, 0.5, 0.9)),
    ('gumbel/scalar', {'cls': 'Gumbel', 'args': [1.0, 2.0]}, Tn(0.5), Tn(0.3)),
    ('gumbel/batch', {'cls': 'Gumbel', 'args': [Rn(3, grad=True), Rn(3, grad=True, pos=True)]}, Rn(3), Tn(0.1, 0.5, 0.9)),
    ('weibull/batch', {'cls': 'Weibull', 'args': [Rn(3, grad=True, pos=True), Tn(0.7, 1.5, 3.0, grad=True)]}, Rn(3, pos=True), Tn(0.1, 0.5, 0.9)),
    ('weibull/scalar', {'cls': 'Weibull', 'kwargs': {'scale': 1.0, 'concentration': 2.0}}, Tn(0.8), None),
    ('pareto/batch', {'cls': 'Pareto', 'args': [Tn(1.0, 0.5, 2.0, grad=True), Tn(0.8, 2.5, 3.5, grad=True)]}, Tn(1.5, 3.0, 2.0), Tn(0.1, 0.5, 0.9)),
    ('pareto/scalar', {'cls': 'Pareto', 'args': [1.0, 3.0]}, Tn(1.7), None),
    ('logisticnormal/batch', {'cls': 'LogisticNormal', 'args': [Rn(2, 3, grad=True), Rn(2, 3, grad=True, pos=True)]},
     {'t': enc(torch.softmax(torch.randn(2, 4), -1)), 'grad': False}, None),
    ('logisticnormal/vector', {'cls': 'LogisticNormal', 'args': [Rn(2, grad=True), 0.5]}, Tn(0.2, 0.3, 0.5), None),
    ('relaxedbernoulli/probs', {'cls': 'RelaxedBernoulli', 'args': [Tn(0.5)], 'kwargs': {'probs': Tn(0.2, 0.7, grad=True)}}, Tn(0.3, 0.9), None),
    ('relaxedbernoulli/logits', {'cls': 'RelaxedBernoulli', 'args': [Tn(2.2, grad=True)], 'kwargs': {'logits': Rn(3, grad=True)}}, Tn(0.1, 0.5, 0.8), None),
    ('relaxedonehot/logits', {'cls': 'RelaxedOneHotCategorical', 'args': [Tn(0.7, grad=True)], 'kwargs': {'logits': Rn(2, 3, grad=True)}},
     {'t': enc(torch.softmax(torch.randn(2, 3), -1)), 'grad': False}, None),
    ('relaxedonehot/probs', {'cls': 'RelaxedOneHotCategorical', 'args': [Tn(1.5)], 'kwargs': {'probs': Tn(0.2, 0.3, 0.5, grad=True)}},
     Tn(0.1, 0.6, 0.3), None),
    ('studentt/batch', {'cls': 'StudentT', 'args': [Tn(0.8, 1.5, 3.0, 10.0, grad=True), Rn(4, grad=True), Rn(4, grad=True, pos=True)]}, Rn(4), None),
    ('studentt/scalar', {'cls': 'StudentT', 'args': [4.0]}, Tn(0.6), None),
    ('studentt/kw', {'cls': 'StudentT', 'kwargs': {'df': Rn(2, grad=True, pos=True, scale=3.0), 'scale': 2.0}}, Rn(2), None),
    ('chi2/batch', {'cls': 'Chi2', 'args': [Tn(0.5, 2.0, 5.0, grad=True)]}, Tn(0.3, 1.5, 4.0), None),
    ('chi2/scalar', {'cls': 'Chi2', 'args': [3.0]}, Tn(2.5), None),
    ('geometric/probs', {'cls': 'Geometric', 'args': [Tn(0.2, 0.5, 0.9, 1.0, grad=True)]}, Tn(3.0, 0.0, 1.0, 0.0), None),
    ('geometric/logits', {'cls': 'Geometric', 'kwargs': {'logits': Rn(3, grad=True)}}, Tn(0.0, 2.0, 5.0), None),
    ('geometric/scalar', {'cls': 'Geometric', 'args': [0.3]}, Tn(2.0), None),
    ('poisson/batch', {'cls': 'Poisson', 'args': [Tn(0.5, 4.0, 12.0, 30.0, grad=True)]}, Tn(0.0, 3.0, 15.0, 28.0), None),
    ('poisson/zero-rate', {'cls': 'Poisson', 'kwargs': {'rate': Tn(0.0, 2.0)}}, Tn(0.0, 1.0), None),
    ('binomial/probs', {'cls': 'Binomial', 'args': [10, Tn(0.1, 0.5, 0.95, grad=True)]}, Tn(1.0, 5.0, 10.0), None),
    ('binomial/logits', {'cls': 'Binomial', 'kwargs': {'total_count': Tn(5.0, 5.0), 'logits': Rn(2, grad=True)}}, Tn(0.0, 4.0), None),
    ('binomial/large', {'cls': 'Binomial', 'args': [Tn(100.0, 50.0, 200.0), Tn(0.3, 0.6, 0.5)]}, Tn(30.0, 31.0, 99.0), None),
    ('binomial/inhomogeneous', {'cls': 'Binomial', 'args': [Tn(3.0, 4.0), Tn(0.3, 0.6)]}, Tn(1.0, 2.0), None),
    ('negbinomial/probs', {'cls': 'NegativeBinomial', 'args': [Tn(3.0, 5.5), Tn(0.3, 0.6, grad=True)]}, Tn(2.0, 7.0), None),
    ('negbinomial/logits', {'cls': 'NegativeBinomial', 'kwargs': {'total_count': 4.0, 'logits': Rn(3, grad=True)}}, Tn(0.0, 1.0, 6.0), None),
    ('multinomial/probs', {'cls': 'Multinomial', 'args': [5, Tn(0.2, 0.3, 0.5, grad=True)]}, Tn(1.0, 1.0, 3.0), None),
    ('multinomial/logits', {'cls': 'Multinomial', 'kwargs': {'total_count': 4, 'logits': Rn(2, 3, grad=True)}}, Tn([[1.0, 1.0, 2.0], [0.0, 4.0, 0.0]]), None),
    ('lowrank/vector', {'cls': 'LowRankMultivariateNormal', 'args': [Rn(3, grad=True), Rn(3, 2, grad=True), Rn(3, grad=True, pos=True)]}, Rn(3), None),
    ('lowrank/batch', {'cls': 'LowRankMultivariateNormal', 'kwargs': {'loc': Rn(2, 3, grad=True), 'cov_factor': Rn(3, 1, grad=True),
     'cov_diag': Rn(2, 3, grad=True, pos=True)}}, Rn(2, 3), None),
    ('mixture/normal', {'cls': 'MixtureSameFamily', 'args': [{'dist': {'cls': 'Categorical', 'args': [Tn(0.3, 0.7, grad=True)]}}, {'dist': N(2)}]},
     Rn(3), None),
    ('mixture/independent', {'cls': 'MixtureSameFamily', 'args': [{'dist': {'cls': 'Categorical', 'kwargs': {'logits': Rn(3, 2, grad=True)}}},
     {'dist': {'cls': 'Independent', 'args': [{'dist': N(3, 2, 4)}, 1]}}]}, Rn(3, 4), None),
]

SAMPLES = [(0, []), (1, [4]), (2, [1, 2])]
cases = [F.case(cid, spec, value, q, SAMPLES, rsample_grad_seeds={1}) for cid, spec, value, q in CASES]
out['cases'] = cases

# ---------------------------------------------------------------- KL divergences

torch.manual_seed(3)
G = lambda *s: {'cls': 'Gumbel', 'args': [Rn(*s, grad=True), Rn(*s, grad=True, pos=True)]}  # noqa: E731
P = lambda *s: {'cls': 'Pareto', 'args': [Rn(*s, grad=True, pos=True), Rn(*s, grad=True, pos=True, shift=2.0)]}  # noqa: E731
EXPO = lambda *s: {'cls': 'Exponential', 'args': [Rn(*s, grad=True, pos=True)]}  # noqa: E731
GAM = lambda *s: {'cls': 'Gamma', 'args': [Rn(*s, grad=True, pos=True), Rn(*s, grad=True, pos=True)]}  # noqa: E731
U = lambda *s: {'cls': 'Uniform', 'args': [Rn(*s, grad=True, shift=-1.0), Rn(*s, grad=True, pos=True, shift=1.5)]}  # noqa: E731
PAIRS = [
    ('binomial-binomial', {'cls': 'Binomial', 'args': [Tn(5.0, 6.0, 4.0), Tn(0.3, 0.5, 0.2, grad=True)]},
     {'cls': 'Binomial', 'kwargs': {'total_count': Tn(5.0, 5.0, 4.0), 'logits': Rn(3, grad=True)}}),
    ('binomial-binomial-smaller', {'cls': 'Binomial', 'args': [3, Tn(0.3)]}, {'cls': 'Binomial', 'args': [4, Tn(0.3)]}),
    ('gumbel-gumbel', G(3), G(3)),
    ('geometric-geometric', {'cls': 'Geometric', 'args': [Tn(0.2, 0.6, grad=True)]}, {'cls': 'Geometric', 'kwargs': {'logits': Rn(2, grad=True)}}),
    ('halfnormal-halfnormal', {'cls': 'HalfNormal', 'args': [Rn(3, grad=True, pos=True)]}, {'cls': 'HalfNormal', 'args': [Rn(3, grad=True, pos=True)]}),
    ('pareto-pareto', {'cls': 'Pareto', 'args': [Tn(1.0, 2.0, 0.5, grad=True), Tn(3.0, 2.5, 1.0, grad=True)]},
     {'cls': 'Pareto', 'args': [Tn(0.5, 2.5, 0.5, grad=True), Tn(2.0, 1.5, 4.0, grad=True)]}),
    ('poisson-poisson', {'cls': 'Poisson', 'args': [Rn(3, grad=True, pos=True)]}, {'cls': 'Poisson', 'args': [Rn(3, grad=True, pos=True)]}),
    ('lognormal-lognormal', {'cls': 'LogNormal', 'args': [Rn(3, grad=True), Rn(3, grad=True, pos=True)]},
     {'cls': 'LogNormal', 'args': [Rn(3, grad=True), Rn(3, grad=True, pos=True)]}),
    ('transformed-different', {'cls': 'LogNormal', 'args': [0.0, 1.0]}, {'cls': 'HalfNormal', 'args': [1.0]}),
    ('cauchy-cauchy', {'cls': 'Cauchy', 'args': [Rn(3, grad=True), Rn(3, grad=True, pos=True)]}, {'cls': 'Cauchy', 'args': [Rn(3, grad=True), Rn(3, grad=True, pos=True)]}),
    ('bernoulli-poisson', {'cls': 'Bernoulli', 'args': [Tn(0.3, 0.8, grad=True)]}, {'cls': 'Poisson', 'args': [Tn(0.5, 2.0, grad=True)]}),
    ('poisson-bernoulli', {'cls': 'Poisson', 'args': [Tn(0.5, 2.0)]}, {'cls': 'Bernoulli', 'args': [0.3]}),
    ('poisson-binomial', {'cls': 'Poisson', 'args': [Tn(0.5, 2.0)]}, {'cls': 'Binomial', 'args': [3, 0.3]}),
    ('beta-pareto', {'cls': 'Beta', 'args': [Tn(1.0, 2.0), 2.0]}, P(2)),
    ('exponential-pareto', EXPO(2), P(2)),
    ('gamma-pareto', GAM(2), P(2)),
    ('gumbel-beta', G(2), {'cls': 'Beta', 'args': [1.0, 2.0]}),
    ('gumbel-exponential', G(2), EXPO(2)),
    ('gumbel-gamma', G(2), GAM(2)),
    ('gumbel-pareto', G(2), P(2)),
    ('gumbel-uniform', G(2), U(2)),
    ('laplace-pareto', {'cls': 'Laplace', 'args': [0.0, 1.0]}, P(2)),
    ('normal-pareto', N(2), P(2)),
    ('pareto-beta', P(2), {'cls': 'Beta', 'args': [1.0, 2.0]}),
    ('pareto-uniform', P(2), U(2)),
    ('exponential-gumbel', EXPO(3), G(3)),
    ('gamma-gumbel', GAM(3), G(3)),
    ('gumbel-normal', G(3), N(3)),
    ('normal-gumbel', N(3), G(3)),
    ('pareto-exponential', {'cls': 'Pareto', 'args': [Tn(1.0, 2.0, 0.5, grad=True), Tn(3.0, 0.8, 1.5, grad=True)]}, EXPO(3)),
    ('pareto-gamma', {'cls': 'Pareto', 'args': [Tn(1.0, 2.0, 0.5, grad=True), Tn(3.0, 0.8, 1.5, grad=True)]}, GAM(3)),
    ('pareto-normal', {'cls': 'Pareto', 'args': [Tn(1.0, 2.0, 0.5, grad=True), Tn(3.0, 1.5, 2.5, grad=True)]}, N(3)),
    ('uniform-gumbel', U(3), G(3)),
    ('uniform-pareto', {'cls': 'Uniform', 'args': [Tn(1.0, 0.2, 2.0, grad=True), Tn(2.0, 1.0, 3.0, grad=True)]},
     {'cls': 'Pareto', 'args': [Tn(0.5, 0.5, 1.0, grad=True), Tn(2.0, 1.0, 3.0, grad=True)]}),
    ('lowrank-lowrank', {'cls': 'LowRankMultivariateNormal', 'args': [Rn(2, 3, grad=True), Rn(3, 2, grad=True), Rn(3, grad=True, pos=True)]},
     {'cls': 'LowRankMultivariateNormal', 'args': [Rn(3, grad=True), Rn(2, 3, 1, grad=True), Rn(3, grad=True, pos=True)]}),
    ('mvn-lowrank', {'cls': 'MultivariateNormal', 'args': [Rn(3, grad=True)], 'kwargs': {'scale_tril': Tn([[1.0, 0.0, 0.0], [0.3, 0.8, 0.0], [-0.2, 0.1, 1.5]], grad=True)}},
     {'cls': 'LowRankMultivariateNormal', 'args': [Rn(2, 3, grad=True), Rn(3, 2, grad=True), Rn(3, grad=True, pos=True)]}),
    ('lowrank-mvn', {'cls': 'LowRankMultivariateNormal', 'args': [Rn(2, 3, grad=True), Rn(3, 2, grad=True), Rn(3, grad=True, pos=True)]},
     {'cls': 'MultivariateNormal', 'args': [Rn(3, grad=True)], 'kwargs': {'covariance_matrix': Tn([[2.0, 0.3, 0.0], [0.3, 1.0, -0.2], [0.0, -0.2, 0.5]], grad=True)}}),
    ('lowrank-lowrank-events', {'cls': 'LowRankMultivariateNormal', 'args': [Tn(0.0, 0.0), Tn([[1.0], [0.0]]), Tn(1.0, 1.0)]},
     {'cls': 'LowRankMultivariateNormal', 'args': [Tn(0.0, 0.0, 0.0), Tn([[1.0], [0.0], [1.0]]), Tn(1.0, 1.0, 1.0)]}),
    ('studentt-normal', {'cls': 'StudentT', 'args': [3.0]}, {'cls': 'Normal', 'args': [0.0, 1.0]}),
    ('chi2-chi2', {'cls': 'Chi2', 'args': [Tn(2.0, 3.0, grad=True)]}, {'cls': 'Chi2', 'args': [Tn(1.0, 5.0, grad=True)]}),
    ('chi2-exponential', {'cls': 'Chi2', 'args': [Tn(2.0, 3.0, grad=True)]}, EXPO(2)),
]
kls = [F.kl(*pair) for pair in PAIRS]
out['kl'] = kls

# ---------------------------------------------------------------- messages

f = lambda *v: torch.tensor(v, dtype=torch.float32)  # noqa: E731
out['errors'] = {k: attempt(fn)['error'] for k, fn in {
    'lognormal_scale': lambda: D.LogNormal(0.0, f(1.0, -1.0)),
    'lognormal_support': lambda: D.LogNormal(0.0, 1.0).log_prob(f(-1.0)),
    'halfnormal_scale': lambda: D.HalfNormal(f(1.0, 0.0)),
    'halfnormal_support': lambda: D.HalfNormal(1.0).log_prob(f(-1.0)),
    'cauchy_scale': lambda: D.Cauchy(0.0, -1.0),
    'gumbel_scale': lambda: D.Gumbel(f(0.0, 1.0), f(1.0, -2.0)),
    'weibull_concentration': lambda: D.Weibull(1.0, f(1.0, 0.0)),
    'pareto_support': lambda: D.Pareto(2.0, 1.0).log_prob(f(1.0)),
    'studentt_df': lambda: D.StudentT(f(-1.0, 2.0)),
    'chi2_df': lambda: D.Chi2(f(0.0, 2.0)),
    'geometric_both': lambda: D.Geometric(probs=0.3, logits=0.1),
    'geometric_zero': lambda: D.Geometric(f(0.0, 0.5)),
    'geometric_support': lambda: D.Geometric(0.5).log_prob(f(1.5)),
    'poisson_rate': lambda: D.Poisson(f(-1.0)),
    'poisson_support': lambda: D.Poisson(1.0).log_prob(f(-1.0)),
    'binomial_neither': lambda: D.Binomial(10),
    'binomial_count': lambda: D.Binomial(f(2.5), f(0.3)),
    'binomial_support': lambda: D.Binomial(3, f(0.3)).log_prob(f(4.0)),
    'binomial_entropy': lambda: D.Binomial(f(3.0, 4.0), f(0.3, 0.6)).entropy(),
    'negbinomial_probs': lambda: D.NegativeBinomial(3.0, f(1.0)),
    'multinomial_count': lambda: D.Multinomial(f(3.0), f(0.3, 0.7)),
    'multinomial_support': lambda: D.Multinomial(3, f(0.3, 0.7)).log_prob(f(2.0, 2.0)),
    'mixture_type': lambda: D.MixtureSameFamily(D.Normal(0.0, 1.0), D.Normal(torch.zeros(2), 1.0)),
    'mixture_components': lambda: D.MixtureSameFamily(D.Categorical(torch.ones(3)), D.Normal(torch.zeros(2), 1.0)),
    'mixture_batch': lambda: D.MixtureSameFamily(D.Categorical(torch.ones(3, 2)), D.Normal(torch.zeros(4, 2), 1.0)),
    'relaxed_both': lambda: D.RelaxedBernoulli(f(0.5), probs=0.3, logits=0.1),
    'logisticnormal_scale': lambda: D.LogisticNormal(torch.zeros(2), f(1.0, -1.0)),
    'lowrank_factor': lambda: D.LowRankMultivariateNormal(torch.zeros(3), torch.ones(2, 1), torch.ones(3)),
    'lowrank_diag': lambda: D.LowRankMultivariateNormal(torch.zeros(3), torch.ones(3, 1), torch.ones(2)),
    'lowrank_batch': lambda: D.LowRankMultivariateNormal(torch.zeros(2, 3), torch.ones(3, 3, 1), torch.ones(3)),
    'lowrank_loc': lambda: D.LowRankMultivariateNormal(torch.tensor(0.0), torch.ones(3, 1), torch.ones(3)),
    'poisson_too_many': lambda: D.Poisson(1.0, None, 3),
    'binomial_unknown_kw': lambda: D.Binomial(3, probs=0.5, rate=2.0),
    'studentt_too_many': lambda: D.StudentT(3.0, 0.0, 1.0, None, 5),
    'lognormal_missing': lambda: D.LogNormal(0.0),
    'affine_too_many': lambda: T_.AffineTransform(0.0, 1.0, 0, 0, 7),
    'transformed_unknown_kw': lambda: D.TransformedDistribution(D.Normal(0.0, 1.0), [], transform=3),
    'kl_transformed_mismatch': lambda: D.kl_divergence(D.LogNormal(0.0, 1.0), D.HalfNormal(1.0)),
    'kl_binomial_counts': lambda: D.kl_divergence(D.Binomial(3, f(0.3)), D.Binomial(4, f(0.3))),
}.items()}

with open('test/fixtures/distributions2.json', 'w') as fh:
    json.dump(out, fh, separators=(',', ':'))
print('wrote test/fixtures/distributions2.json')
