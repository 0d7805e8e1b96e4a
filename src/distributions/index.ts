// torch.distributions: probability distributions with PyTorch 1.13's parameters, shapes, draws for a
// seed, log-densities, entropies and KL divergences (`import * as torch from 'tocha'`, then
// `new torch.distributions.Normal(mu, sigma)`, `torch.distributions.kl_divergence(q, p)`).
export { Distribution, ExponentialFamily } from './distribution.js';
export type { SampleShape } from './distribution.js';
export { Normal } from './normal.js';
export type { NormalOptions } from './normal.js';
export { Bernoulli } from './bernoulli.js';
export type { BernoulliOptions } from './bernoulli.js';
export { Categorical, OneHotCategorical, OneHotCategoricalStraightThrough } from './categorical.js';
export type { CategoricalOptions } from './categorical.js';
export { Uniform } from './uniform.js';
export type { UniformOptions } from './uniform.js';
export { Exponential } from './exponential.js';
export type { ExponentialOptions } from './exponential.js';
export { Laplace } from './laplace.js';
export type { LaplaceOptions } from './laplace.js';
export { Independent } from './independent.js';
export { Gamma, Beta, Dirichlet, Chi2 } from './gamma.js';
export type { GammaOptions, BetaOptions, DirichletOptions, Chi2Options } from './gamma.js';
export { Cauchy } from './cauchy.js';
export type { CauchyOptions } from './cauchy.js';
export { TransformedDistribution, LogNormal, HalfNormal, HalfCauchy, Gumbel, Weibull, Pareto, LogisticNormal } from './transformed_distribution.js';
export type {
  TransformedDistributionOptions, LogNormalOptions, HalfNormalOptions, HalfCauchyOptions, GumbelOptions, WeibullOptions, ParetoOptions,
  LogisticNormalOptions,
} from './transformed_distribution.js';
export { LogitRelaxedBernoulli, RelaxedBernoulli, ExpRelaxedCategorical, RelaxedOneHotCategorical } from './relaxed.js';
export type { RelaxedOptions } from './relaxed.js';
export { StudentT } from './studentT.js';
export type { StudentTOptions } from './studentT.js';
export { Geometric, Poisson, Binomial, NegativeBinomial, Multinomial } from './discrete.js';
export type { GeometricOptions, PoissonOptions, BinomialOptions, NegativeBinomialOptions, MultinomialOptions } from './discrete.js';
export { MixtureSameFamily } from './mixture_same_family.js';
export { LowRankMultivariateNormal } from './lowrank_multivariate_normal.js';
export type { LowRankMultivariateNormalOptions } from './lowrank_multivariate_normal.js';
export type { MixtureSameFamilyOptions } from './mixture_same_family.js';
export {
  Transform, ComposeTransform, ExpTransform, AffineTransform, SigmoidTransform, TanhTransform, PowerTransform, SoftmaxTransform,
  StickBreakingTransform, AbsTransform, ReshapeTransform, IndependentTransform, SoftplusTransform, LowerCholeskyTransform,
  CorrCholeskyTransform, CatTransform, StackTransform, CumulativeDistributionTransform, identity_transform,
} from './transforms.js';
export { biject_to, transform_to } from './constraint_registry.js';
/** torch.distributions.constraint_registry (`ConstraintRegistry`, `biject_to`, `transform_to`). */
export * as constraint_registry from './constraint_registry.js';
/** torch.distributions.transforms */
export * as transforms from './transforms.js';
export type { IndependentOptions } from './independent.js';
export { MultivariateNormal } from './multivariate_normal.js';
export { ContinuousBernoulli } from './continuous_bernoulli.js';
export type { ContinuousBernoulliOptions } from './continuous_bernoulli.js';
export { Kumaraswamy } from './kumaraswamy.js';
export type { KumaraswamyOptions } from './kumaraswamy.js';
export { VonMises } from './von_mises.js';
export type { VonMisesOptions } from './von_mises.js';
export { FisherSnedecor } from './fishersnedecor.js';
export type { FisherSnedecorOptions } from './fishersnedecor.js';
export { Wishart } from './wishart.js';
export type { WishartOptions } from './wishart.js';
export { LKJCholesky } from './lkj_cholesky.js';
export type { LKJCholeskyOptions } from './lkj_cholesky.js';
export type { MultivariateNormalOptions } from './multivariate_normal.js';
export { kl_divergence, register_kl } from './kl.js';
export type { KLFunction } from './kl.js';
/** torch.distributions.kl (`kl.kl_divergence`, `kl.register_kl`). */
export * as kl from './kl.js';
/** torch.distributions.constraints */
export * as constraints from './constraints.js';
export { NotImplementedError } from './utils.js';
