// torch.distributions.kl (torch/distributions/kl.py): kl_divergence(p, q) dispatches on the classes of
// p and q to the most specific registered pair; register_kl adds pairs.
import { MultivariateNormal, mahalanobis } from './multivariate_normal.js';
import { solve_triangular } from '../ops/decomp.js';
import { broadcastShapes } from '../ops/util.js';
import { Tensor } from '../tensor.js';
import { enable_grad, runBackward } from '../autograd.js';
import { scoped } from '../lifetime.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as C from '../ops/create.js';
import * as S from '../ops/shape.js';
import * as L from '../ops/linalg.js';
import { diagonal } from '../ops/extra.js';
import { softplus } from '../nn/functional.js';
import { Distribution, ExponentialFamily } from './distribution.js';
import { Normal } from './normal.js';
import { Bernoulli } from './bernoulli.js';
import { Categorical, OneHotCategorical } from './categorical.js';
import { Uniform } from './uniform.js';
import { Exponential } from './exponential.js';
import { Laplace } from './laplace.js';
import { Independent } from './independent.js';
import { Gamma, Beta, Dirichlet } from './gamma.js';
import { Cauchy } from './cauchy.js';
import { TransformedDistribution, HalfNormal, Gumbel, Pareto } from './transformed_distribution.js';
import { Geometric, Poisson, Binomial } from './discrete.js';
import { ContinuousBernoulli } from './continuous_bernoulli.js';
import { LowRankMultivariateNormal, lowrankLogdet, lowrankMahalanobis, traceXXT } from './lowrank_multivariate_normal.js';
import { _sum_rightmost, NotImplementedError, euler_constant } from './utils.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DistClass = abstract new (...args: any[]) => Distribution;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KLFunction = (p: any, q: any) => Tensor;

const REGISTRY = new Map<DistClass, Map<DistClass, KLFunction>>();
const MEMO = new Map<DistClass, Map<DistClass, KLFunction | null>>();

function isSubclass(a: DistClass, b: DistClass): boolean {
  return a === b || a.prototype instanceof b;
}

/**
 * Registers fn as KL(p || q) for p of class type_p and q of class type_q (and their subclasses, unless
 * a more specific pair is registered): `register_kl(MyDist, Normal)((p, q) => ...)`, or with the
 * function as third argument.
 */
export function register_kl(type_p: DistClass, type_q: DistClass): (fn: KLFunction) => KLFunction;
export function register_kl(type_p: DistClass, type_q: DistClass, fn: KLFunction): KLFunction;
export function register_kl(type_p: DistClass, type_q: DistClass, fn?: KLFunction): KLFunction | ((fn: KLFunction) => KLFunction) {
  for (const [t, name] of [[type_p, 'type_p'], [type_q, 'type_q']] as const) {
    if (typeof t !== 'function' || !(t === Distribution || t.prototype instanceof Distribution)) {
      throw new TypeError(`Expected ${name} to be a Distribution subclass but got ${String((t as { name?: string })?.name ?? t)}`);
    }
  }
  const decorator = (f: KLFunction): KLFunction => {
    if (!REGISTRY.has(type_p)) REGISTRY.set(type_p, new Map());
    REGISTRY.get(type_p)!.set(type_q, f);
    MEMO.clear(); // the most specific match may have changed
    return f;
  };
  return fn ? decorator(fn) : decorator;
}

/** Whether pair a is at most pair b in PyTorch's lexicographic subclass order (_Match.__le__). */
function matchLe(a: DistClass[], b: DistClass[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (!isSubclass(a[i], b[i])) return false;
    if (a[i] !== b[i]) break;
  }
  return true;
}

function minMatch(ms: DistClass[][]): DistClass[] {
  // Python's min() keeps the first of equal elements and compares with __lt__ (le and not eq)
  let best = ms[0];
  for (const m of ms.slice(1)) {
    const eq = m.every((t, i) => t === best[i]);
    if (!eq && matchLe(m, best)) best = m;
  }
  return best;
}

function dispatch(type_p: DistClass, type_q: DistClass): KLFunction | null {
  const matches: DistClass[][] = [];
  for (const [sp, row] of REGISTRY) {
    for (const sq of row.keys()) if (isSubclass(type_p, sp) && isSubclass(type_q, sq)) matches.push([sp, sq]);
  }
  if (!matches.length) return null;
  const [lp, lq] = minMatch(matches);
  const [rq, rp] = minMatch(matches.map(([a, b]) => [b, a]));
  const left = REGISTRY.get(lp)!.get(lq)!;
  const right = REGISTRY.get(rp)!.get(rq)!;
  if (left !== right) {
    console.warn(`Ambiguous kl_divergence(${type_p.name}, ${type_q.name}). Please register_kl(${lp.name}, ${rq.name})`);
  }
  return left;
}

/**
 * KL(p || q), batched over the batch shape: `kl_divergence(q_z, new Normal(0, 1))` for a VAE.
 * Throws NotImplementedError (PyTorch's message) for an unregistered pair.
 */
export function kl_divergence(p: Distribution, q: Distribution): Tensor {
  const tp = p.constructor as DistClass;
  const tq = q.constructor as DistClass;
  let row = MEMO.get(tp);
  if (!row) MEMO.set(tp, row = new Map());
  let fn = row.get(tq);
  if (fn === undefined) row.set(tq, fn = dispatch(tp, tq));
  if (fn === null) {
    throw new NotImplementedError(`No KL(p || q) is implemented for p type ${tp.name} and q type ${tq.name}`);
  }
  const f = fn;
  return scoped(() => f(p, q), 'the end of kl_divergence (an internal temporary)');
}

const inf = Infinity;
const rsub = (x: Tensor, s: number) => E.sub(E.asTensorLike(s, x), x);
/** t[mask] = v, out of place (PyTorch's kl functions assign into fresh temporaries). */
const put = (t: Tensor, mask: Tensor, v: number) => E.where(mask, v, t);
const infinite_like = (t: Tensor) => C.full_like(t, inf);
const x_log_x = (t: Tensor) => E.mul(t, E.log(t));

// ---------------------------------------------------------------- same distributions

register_kl(MultivariateNormal, MultivariateNormal, (p: MultivariateNormal, q: MultivariateNormal) => {
  if (p._event_shape.join() !== q._event_shape.join()) {
    throw new RangeError('KL-divergence between two Multivariate Normals with different event shapes cannot be computed');
  }
  const n = p._event_shape[0];
  const [pl, ql] = [p._unbroadcasted_scale_tril, q._unbroadcasted_scale_tril];
  const batch = broadcastShapes(ql._shape.slice(0, -2), pl._shape.slice(0, -2));
  const X = solve_triangular(S.expand(ql, [...batch, n, n]), S.expand(pl, [...batch, n, n]), { upper: false });
  const term2 = R.sum(E.pow(S.reshape(X, [...batch, n * n]), 2), -1);
  const term3 = mahalanobis(ql, E.sub(q.loc, p.loc));
  return E.add(E.sub(q.halfLogDet(), p.halfLogDet()), E.mul(E.sub(E.add(term2, term3), n), 0.5));
});

register_kl(Bernoulli, Bernoulli, (p: Bernoulli, q: Bernoulli) => {
  let t1 = E.mul(p.probs, E.sub(softplus(E.neg(q.logits)), softplus(E.neg(p.logits))));
  t1 = put(t1, E.eq(q.probs, 0), inf);
  t1 = put(t1, E.eq(p.probs, 0), 0);
  let t2 = E.mul(rsub(p.probs, 1), E.sub(softplus(q.logits), softplus(p.logits)));
  t2 = put(t2, E.eq(q.probs, 1), inf);
  t2 = put(t2, E.eq(p.probs, 1), 0);
  return E.add(t1, t2);
});

register_kl(Beta, Beta, (p: Beta, q: Beta) => {
  const sum_p = E.add(p.concentration1, p.concentration0);
  const sum_q = E.add(q.concentration1, q.concentration0);
  const t1 = E.add(E.add(E.lgamma(q.concentration1), E.lgamma(q.concentration0)), E.lgamma(sum_p));
  const t2 = E.add(E.add(E.lgamma(p.concentration1), E.lgamma(p.concentration0)), E.lgamma(sum_q));
  const t3 = E.mul(E.sub(p.concentration1, q.concentration1), E.digamma(p.concentration1));
  const t4 = E.mul(E.sub(p.concentration0, q.concentration0), E.digamma(p.concentration0));
  const t5 = E.mul(E.sub(sum_q, sum_p), E.digamma(sum_p));
  return E.add(E.add(E.add(E.sub(t1, t2), t3), t4), t5);
});

function klCategorical(p: Categorical, q: Categorical): Tensor {
  let t = E.mul(p.probs, E.sub(p.logits, q.logits));
  t = put(t, E.eq(q.probs, 0), inf);
  t = put(t, E.eq(p.probs, 0), 0);
  return R.sum(t, -1);
}
register_kl(Categorical, Categorical, klCategorical);

register_kl(Dirichlet, Dirichlet, (p: Dirichlet, q: Dirichlet) => {
  const sum_p = R.sum(p.concentration, -1);
  const sum_q = R.sum(q.concentration, -1);
  const t1 = E.sub(E.lgamma(sum_p), E.lgamma(sum_q));
  const t2 = R.sum(E.sub(E.lgamma(p.concentration), E.lgamma(q.concentration)), -1);
  const t3 = E.sub(p.concentration, q.concentration);
  const t4 = E.sub(E.digamma(p.concentration), S.unsqueeze(E.digamma(sum_p), -1));
  return E.add(E.sub(t1, t2), R.sum(E.mul(t3, t4), -1));
});

register_kl(Exponential, Exponential, (p: Exponential, q: Exponential) => {
  const ratio = E.div(q.rate, p.rate);
  return E.sub(E.add(E.neg(E.log(ratio)), ratio), 1);
});

register_kl(ExponentialFamily, ExponentialFamily, (p: ExponentialFamily, q: ExponentialFamily) => {
  if (p.constructor !== q.constructor) {
    throw new NotImplementedError('The cross KL-divergence between different exponential families cannot                             be computed using Bregman divergences');
  }
  const pn = p._natural_params.map((t) => t.detach().requires_grad_());
  const qn = q._natural_params;
  const lg = p._log_normalizer(...pn);
  const grads = enable_grad(() => runBackward([R.sum(lg)], [null], { create_graph: true }, pn, false));
  let result = E.sub(q._log_normalizer(...qn), lg);
  pn.forEach((pnp, i) => {
    result = E.sub(result, _sum_rightmost(E.mul(E.sub(qn[i], pnp), grads[i]!), q._event_shape.length));
  });
  return result;
});

register_kl(Gamma, Gamma, (p: Gamma, q: Gamma) => {
  const t1 = E.mul(q.concentration, E.log(E.div(p.rate, q.rate)));
  const t2 = E.sub(E.lgamma(q.concentration), E.lgamma(p.concentration));
  const t3 = E.mul(E.sub(p.concentration, q.concentration), E.digamma(p.concentration));
  const t4 = E.mul(E.sub(q.rate, p.rate), E.div(p.concentration, p.rate));
  return E.add(E.add(E.add(t1, t2), t3), t4);
});

register_kl(Laplace, Laplace, (p: Laplace, q: Laplace) => {
  const scale_ratio = E.div(p.scale, q.scale);
  const loc_abs_diff = E.abs(E.sub(p.loc, q.loc));
  const t1 = E.neg(E.log(scale_ratio));
  const t2 = E.div(loc_abs_diff, q.scale);
  const t3 = E.mul(scale_ratio, E.exp(E.div(E.neg(loc_abs_diff), p.scale)));
  return E.sub(E.add(E.add(t1, t2), t3), 1);
});

function klNormal(p: Normal, q: Normal): Tensor {
  const var_ratio = E.pow(E.div(p.scale, q.scale), 2);
  const t1 = E.pow(E.div(E.sub(p.loc, q.loc), q.scale), 2);
  return E.mul(E.sub(E.sub(E.add(var_ratio, t1), 1), E.log(var_ratio)), 0.5);
}
register_kl(Normal, Normal, klNormal);

register_kl(OneHotCategorical, OneHotCategorical, (p: OneHotCategorical, q: OneHotCategorical) => klCategorical(p._categorical, q._categorical));

register_kl(Uniform, Uniform, (p: Uniform, q: Uniform) => {
  const result = E.log(E.div(E.sub(q.high, q.low), E.sub(p.high, p.low)));
  return put(result, E.logical_or(E.gt(q.low, p.low), E.lt(q.high, p.high)), inf);
});

// ---------------------------------------------------------------- different distributions

register_kl(Beta, Exponential, (p: Beta, q: Exponential) =>
  E.add(E.sub(E.neg(p.entropy()), E.log(q.rate)), E.mul(q.rate, E.div(p.concentration1, E.add(p.concentration1, p.concentration0)))));

register_kl(Beta, Gamma, (p: Beta, q: Gamma) => {
  const t1 = E.neg(p.entropy());
  const t2 = E.sub(E.lgamma(q.concentration), E.mul(q.concentration, E.log(q.rate)));
  const t3 = E.mul(E.sub(q.concentration, 1), E.sub(E.digamma(p.concentration1), E.digamma(E.add(p.concentration1, p.concentration0))));
  const t4 = E.div(E.mul(q.rate, p.concentration1), E.add(p.concentration1, p.concentration0));
  return E.add(E.sub(E.add(t1, t2), t3), t4);
});

register_kl(Beta, Normal, (p: Beta, q: Normal) => {
  const E_beta = E.div(p.concentration1, E.add(p.concentration1, p.concentration0));
  const var_normal = E.pow(q.scale, 2);
  const t1 = E.neg(p.entropy());
  const t2 = E.mul(E.log(E.mul(E.mul(var_normal, 2), Math.PI)), 0.5);
  const t3 = E.mul(E.add(E.div(E.mul(E_beta, rsub(E_beta, 1)), E.add(E.add(p.concentration1, p.concentration0), 1)), E.pow(E_beta, 2)), 0.5);
  const t4 = E.mul(q.loc, E_beta);
  const t5 = E.mul(E.pow(q.loc, 2), 0.5);
  return E.add(E.add(t1, t2), E.div(E.add(E.sub(t3, t4), t5), var_normal));
});

register_kl(Beta, Uniform, (p: Beta, q: Uniform) => {
  const result = E.add(E.neg(p.entropy()), E.log(E.sub(q.high, q.low)));
  return put(result, E.logical_or(E.gt(q.low, 0), E.lt(q.high, 1)), inf);
});

register_kl(Exponential, Beta, (p: Exponential) => infinite_like(p.rate));

register_kl(Exponential, Gamma, (p: Exponential, q: Gamma) => {
  const ratio = E.div(q.rate, p.rate);
  const t1 = E.neg(E.mul(q.concentration, E.log(ratio)));
  return E.sub(E.add(E.add(E.add(t1, ratio), E.lgamma(q.concentration)), E.mul(q.concentration, euler_constant)), 1 + euler_constant);
});

register_kl(Gamma, Beta, (p: Gamma) => infinite_like(p.concentration));
register_kl(Gamma, Uniform, (p: Gamma) => infinite_like(p.concentration));

register_kl(Gamma, Exponential, (p: Gamma, q: Exponential) =>
  E.add(E.sub(E.neg(p.entropy()), E.log(q.rate)), E.div(E.mul(q.rate, p.concentration), p.rate)));

register_kl(Gamma, Normal, (p: Gamma, q: Normal) => {
  const var_normal = E.pow(q.scale, 2);
  const beta_sqr = E.pow(p.rate, 2);
  const t1 = E.sub(E.sub(E.mul(E.log(E.mul(E.mul(E.mul(beta_sqr, var_normal), 2), Math.PI)), 0.5), p.concentration), E.lgamma(p.concentration));
  const t2 = E.div(E.mul(E.add(E.pow(p.concentration, 2), p.concentration), 0.5), beta_sqr);
  const t3 = E.div(E.mul(q.loc, p.concentration), p.rate);
  const t4 = E.mul(E.pow(q.loc, 2), 0.5);
  return E.add(E.add(t1, E.mul(E.sub(p.concentration, 1), E.digamma(p.concentration))), E.div(E.add(E.sub(t2, t3), t4), var_normal));
});

register_kl(Laplace, Beta, (p: Laplace) => infinite_like(p.loc));
register_kl(Laplace, Gamma, (p: Laplace) => infinite_like(p.loc));
register_kl(Normal, Beta, (p: Normal) => infinite_like(p.loc));
register_kl(Normal, Gamma, (p: Normal) => infinite_like(p.loc));

register_kl(Uniform, Beta, (p: Uniform, q: Beta) => {
  const common_term = E.sub(p.high, p.low);
  const t1 = E.log(common_term);
  const t2 = E.div(E.mul(E.sub(q.concentration1, 1), E.sub(E.sub(x_log_x(p.high), x_log_x(p.low)), common_term)), common_term);
  const t3 = E.div(E.mul(E.sub(q.concentration0, 1), E.add(E.sub(x_log_x(rsub(p.high, 1)), x_log_x(rsub(p.low, 1))), common_term)), common_term);
  const t4 = E.sub(E.add(E.lgamma(q.concentration1), E.lgamma(q.concentration0)), E.lgamma(E.add(q.concentration1, q.concentration0)));
  const result = E.sub(E.sub(E.add(t3, t4), t1), t2);
  return put(result, E.logical_or(E.gt(p.high, 1), E.lt(p.low, 0)), inf);
});

register_kl(Uniform, Gamma, (p: Uniform, q: Gamma) => {
  const common_term = E.sub(p.high, p.low);
  const t1 = E.log(common_term);
  const t2 = E.sub(E.lgamma(q.concentration), E.mul(q.concentration, E.log(q.rate)));
  const t3 = E.div(E.mul(rsub(q.concentration, 1), E.sub(E.sub(x_log_x(p.high), x_log_x(p.low)), common_term)), common_term);
  const t4 = E.div(E.mul(q.rate, E.add(p.high, p.low)), 2);
  const result = E.add(E.add(E.add(E.neg(t1), t2), t3), t4);
  return put(result, E.lt(p.low, 0), inf);
});

register_kl(Exponential, Uniform, (p: Exponential) => infinite_like(p.rate));

register_kl(Exponential, Normal, (p: Exponential, q: Normal) => {
  const var_normal = E.pow(q.scale, 2);
  const rate_sqr = E.pow(p.rate, 2);
  const t1 = E.mul(E.log(E.mul(E.mul(E.mul(rate_sqr, var_normal), 2), Math.PI)), 0.5);
  const t2 = E.reciprocal(rate_sqr);
  const t3 = E.div(q.loc, p.rate);
  const t4 = E.mul(E.pow(q.loc, 2), 0.5);
  return E.add(E.sub(t1, 1), E.div(E.add(E.sub(t2, t3), t4), var_normal));
});

register_kl(Laplace, Exponential, (p: Laplace) => infinite_like(p.loc));
register_kl(Laplace, Uniform, (p: Laplace) => infinite_like(p.loc));

register_kl(Laplace, Normal, (p: Laplace, q: Normal) => {
  const var_normal = E.pow(q.scale, 2);
  const scale_sqr_var_ratio = E.div(E.pow(p.scale, 2), var_normal);
  const t1 = E.mul(E.log(E.div(E.mul(scale_sqr_var_ratio, 2), Math.PI)), 0.5);
  const t2 = E.mul(E.pow(p.loc, 2), 0.5);
  const t3 = E.mul(p.loc, q.loc);
  const t4 = E.mul(E.pow(q.loc, 2), 0.5);
  return E.sub(E.add(E.add(E.neg(t1), scale_sqr_var_ratio), E.div(E.add(E.sub(t2, t3), t4), var_normal)), 1);
});

register_kl(Normal, Exponential, (p: Normal) => infinite_like(p.loc));
register_kl(Normal, Uniform, (p: Normal) => infinite_like(p.loc));

register_kl(Normal, Laplace, (p: Normal, q: Laplace) => {
  const loc_diff = E.sub(p.loc, q.loc);
  const scale_ratio = E.div(p.scale, q.scale);
  const loc_diff_scale_ratio = E.div(loc_diff, p.scale);
  const t1 = E.log(scale_ratio);
  const t2 = E.mul(E.mul(p.scale, Math.sqrt(2 / Math.PI)), E.exp(E.mul(E.pow(loc_diff_scale_ratio, 2), -0.5)));
  const t3 = E.mul(loc_diff, E.erf(E.mul(loc_diff_scale_ratio, Math.sqrt(0.5))));
  return E.sub(E.add(E.neg(t1), E.div(E.add(t2, t3), q.scale)), 0.5 * (1 + Math.log(0.5 * Math.PI)));
});

register_kl(Uniform, Exponential, (p: Uniform, q: Exponential) => {
  const result = E.sub(E.div(E.mul(q.rate, E.add(p.high, p.low)), 2), E.log(E.mul(E.sub(p.high, p.low), q.rate)));
  return put(result, E.lt(p.low, 0), inf);
});

register_kl(Uniform, Normal, (p: Uniform, q: Normal) => {
  const common_term = E.sub(p.high, p.low);
  const t1 = E.log(E.div(E.mul(q.scale, Math.sqrt(Math.PI * 2)), common_term));
  const t2 = E.div(E.pow(common_term, 2), 12);
  const t3 = E.pow(E.div(E.sub(E.add(p.high, p.low), E.mul(q.loc, 2)), 2), 2);
  return E.add(t1, E.div(E.mul(E.add(t2, t3), 0.5), E.pow(q.scale, 2)));
});

register_kl(Independent, Independent, (p: Independent, q: Independent) => {
  if (p.reinterpreted_batch_ndims !== q.reinterpreted_batch_ndims) throw new NotImplementedError('');
  return _sum_rightmost(kl_divergence(p.base_dist, q.base_dist), p.reinterpreted_batch_ndims);
});

// ---------------------------------------------------------------- the second batch (transforms, counts)

register_kl(Binomial, Binomial, (p: Binomial, q: Binomial) => {
  if (R.any(E.lt(p.total_count, q.total_count)).item()) {
    throw new NotImplementedError('KL between Binomials where q.total_count > p.total_count is not implemented');
  }
  const kl = E.mul(p.total_count, E.sub(E.add(E.mul(p.probs, E.sub(p.logits, q.logits)), E.log1p(E.neg(p.probs))), E.log1p(E.neg(q.probs))));
  return put(kl, E.gt(p.total_count, q.total_count), inf);
});

register_kl(Gumbel, Gumbel, (p: Gumbel, q: Gumbel) => {
  const ct1 = E.div(p.scale, q.scale);
  const ct2 = E.div(q.loc, q.scale);
  const ct3 = E.div(p.loc, q.scale);
  const t1 = E.add(E.sub(E.neg(E.log(ct1)), ct2), ct3);
  const t2 = E.mul(ct1, euler_constant);
  const t3 = E.exp(E.sub(E.add(ct2, E.lgamma(E.add(ct1, 1))), ct3));
  return E.sub(E.add(E.add(t1, t2), t3), 1 + euler_constant);
});

register_kl(Geometric, Geometric, (p: Geometric, q: Geometric) =>
  E.sub(E.sub(E.neg(p.entropy()), E.div(E.log1p(E.neg(q.probs)), p.probs)), q.logits));

register_kl(HalfNormal, HalfNormal, (p: HalfNormal, q: HalfNormal) => klNormal(p.base_dist as Normal, q.base_dist as Normal));

register_kl(Pareto, Pareto, (p: Pareto, q: Pareto) => {
  const scale_ratio = E.div(p.scale, q.scale);
  const alpha_ratio = E.div(q.alpha, p.alpha);
  const t1 = E.mul(q.alpha, E.log(scale_ratio));
  const t2 = E.neg(E.log(alpha_ratio));
  const result = E.sub(E.add(E.add(t1, t2), alpha_ratio), 1);
  return put(result, E.lt(p.scale, q.scale), inf);
});

register_kl(Poisson, Poisson, (p: Poisson, q: Poisson) =>
  E.sub(E.mul(p.rate, E.sub(E.log(p.rate), E.log(q.rate))), E.sub(p.rate, q.rate)));

register_kl(TransformedDistribution, TransformedDistribution, (p: TransformedDistribution, q: TransformedDistribution) => {
  const same = p.transforms.length === q.transforms.length && p.transforms.every((t, i) => t.equals(q.transforms[i]));
  if (!same) throw new NotImplementedError('');
  if (p._event_shape.join() !== q._event_shape.join()) throw new NotImplementedError('');
  return kl_divergence(p.base_dist, q.base_dist);
});

register_kl(Cauchy, Cauchy, (p: Cauchy, q: Cauchy) => {
  const t1 = E.log(E.add(E.pow(E.add(p.scale, q.scale), 2), E.pow(E.sub(p.loc, q.loc), 2)));
  const t2 = E.log(E.mul(E.mul(p.scale, 4), q.scale));
  return E.sub(t1, t2);
});

register_kl(Bernoulli, Poisson, (p: Bernoulli, q: Poisson) =>
  E.sub(E.neg(p.entropy()), E.sub(E.mul(p.probs, E.log(q.rate)), q.rate)));

register_kl(Beta, Pareto, (p: Beta) => infinite_like(p.concentration1));
register_kl(Exponential, Pareto, (p: Exponential) => infinite_like(p.rate));
register_kl(Gamma, Pareto, (p: Gamma) => infinite_like(p.concentration));
for (const Q of [Beta, Exponential, Gamma, Pareto, Uniform]) register_kl(Gumbel, Q, (p: Gumbel) => infinite_like(p.loc));
register_kl(Laplace, Pareto, (p: Laplace) => infinite_like(p.loc));
register_kl(Normal, Pareto, (p: Normal) => infinite_like(p.loc));
register_kl(Pareto, Beta, (p: Pareto) => infinite_like(p.scale));
register_kl(Pareto, Uniform, (p: Pareto) => infinite_like(p.scale));
register_kl(Poisson, Bernoulli, (p: Poisson) => infinite_like(p.rate));
register_kl(Poisson, Binomial, (p: Poisson) => infinite_like(p.rate));

register_kl(Exponential, Gumbel, (p: Exponential, q: Gumbel) => {
  const scale_rate_prod = E.mul(p.rate, q.scale);
  const loc_scale_ratio = E.div(q.loc, q.scale);
  const t1 = E.sub(E.log(scale_rate_prod), 1);
  const t2 = E.div(E.mul(E.exp(loc_scale_ratio), scale_rate_prod), E.add(scale_rate_prod, 1));
  const t3 = E.reciprocal(scale_rate_prod);
  return E.add(E.add(E.sub(t1, loc_scale_ratio), t2), t3);
});

register_kl(Gamma, Gumbel, (p: Gamma, q: Gumbel) => {
  const beta_scale_prod = E.mul(p.rate, q.scale);
  const loc_scale_ratio = E.div(q.loc, q.scale);
  const c = p.concentration;
  const t1 = E.sub(E.sub(E.mul(E.sub(c, 1), E.digamma(c)), E.lgamma(c)), c);
  const t2 = E.add(E.log(beta_scale_prod), E.div(c, beta_scale_prod));
  const t3 = E.sub(E.mul(E.exp(loc_scale_ratio), E.pow(E.add(E.reciprocal(beta_scale_prod), 1), E.neg(c))), loc_scale_ratio);
  return E.add(E.add(t1, t2), t3);
});

register_kl(Gumbel, Normal, (p: Gumbel, q: Normal) => {
  const param_ratio = E.div(p.scale, q.scale);
  const t1 = E.log(E.div(param_ratio, Math.sqrt(2 * Math.PI)));
  const t2 = E.div(E.pow(E.mul(param_ratio, Math.PI * 0.5), 2), 3);
  const t3 = E.mul(E.pow(E.div(E.sub(E.add(p.loc, E.mul(p.scale, euler_constant)), q.loc), q.scale), 2), 0.5);
  return E.sub(E.add(E.add(E.neg(t1), t2), t3), euler_constant + 1);
});

register_kl(Normal, Gumbel, (p: Normal, q: Gumbel) => {
  const mean_scale_ratio = E.div(p.loc, q.scale);
  const var_scale_sqr_ratio = E.pow(E.div(p.scale, q.scale), 2);
  const loc_scale_ratio = E.div(q.loc, q.scale);
  const t1 = E.mul(E.log(var_scale_sqr_ratio), 0.5);
  const t2 = E.sub(mean_scale_ratio, loc_scale_ratio);
  const t3 = E.exp(E.add(E.add(E.neg(mean_scale_ratio), E.mul(var_scale_sqr_ratio, 0.5)), loc_scale_ratio));
  return E.sub(E.add(E.add(E.neg(t1), t2), t3), 0.5 * (1 + Math.log(2 * Math.PI)));
});

register_kl(Pareto, Exponential, (p: Pareto, q: Exponential) => {
  const scale_rate_prod = E.mul(p.scale, q.rate);
  const t1 = E.log(E.div(p.alpha, scale_rate_prod));
  const t2 = E.reciprocal(p.alpha);
  const t3 = E.div(E.mul(p.alpha, scale_rate_prod), E.sub(p.alpha, 1));
  return put(E.sub(E.add(E.sub(t1, t2), t3), 1), E.le(p.alpha, 1), inf);
});

register_kl(Pareto, Gamma, (p: Pareto, q: Gamma) => {
  const common_term = E.add(E.log(p.scale), E.reciprocal(p.alpha));
  const t1 = E.sub(E.log(p.alpha), common_term);
  const t2 = E.sub(E.lgamma(q.concentration), E.mul(q.concentration, E.log(q.rate)));
  const t3 = E.mul(rsub(q.concentration, 1), common_term);
  const t4 = E.div(E.mul(E.mul(q.rate, p.alpha), p.scale), E.sub(p.alpha, 1));
  return put(E.sub(E.add(E.add(E.add(t1, t2), t3), t4), 1), E.le(p.alpha, 1), inf);
});

register_kl(Pareto, Normal, (p: Pareto, q: Normal) => {
  const var_normal = E.mul(E.pow(q.scale, 2), 2);
  const common_term = E.div(p.scale, E.sub(p.alpha, 1));
  const t1 = E.log(E.div(E.mul(E.mul(q.scale, Math.sqrt(2 * Math.PI)), p.alpha), p.scale));
  const t2 = E.reciprocal(p.alpha);
  const t3 = E.div(E.mul(p.alpha, E.pow(common_term, 2)), E.sub(p.alpha, 2));
  const t4 = E.pow(E.sub(E.mul(p.alpha, common_term), q.loc), 2);
  return put(E.sub(E.add(E.sub(t1, t2), E.div(E.add(t3, t4), var_normal)), 1), E.le(p.alpha, 2), inf);
});

register_kl(Uniform, Gumbel, (p: Uniform, q: Gumbel) => {
  const common_term = E.div(q.scale, E.sub(p.high, p.low));
  const high_loc_diff = E.div(E.sub(p.high, q.loc), q.scale);
  const low_loc_diff = E.div(E.sub(p.low, q.loc), q.scale);
  const t1 = E.add(E.log(common_term), E.mul(E.add(high_loc_diff, low_loc_diff), 0.5));
  const t2 = E.mul(common_term, E.sub(E.exp(E.neg(high_loc_diff)), E.exp(E.neg(low_loc_diff))));
  return E.sub(t1, t2);
});

register_kl(Uniform, Pareto, (p: Uniform, q: Pareto) => {
  const support_uniform = E.sub(p.high, p.low);
  const t1 = E.log(E.mul(E.mul(q.alpha, E.pow(q.scale, q.alpha)), support_uniform));
  const t2 = E.div(E.sub(E.sub(x_log_x(p.high), x_log_x(p.low)), support_uniform), support_uniform);
  return put(E.sub(E.mul(t2, E.add(q.alpha, 1)), t1), E.lt(p.low, q.scale), inf);
});

const mT = (t: Tensor): Tensor => S.transpose(t, -2, -1);
/** q's Wᵀ D⁻¹ solved against its capacitance factor (the A of PyTorch's low-rank KL terms). */
const lowrankA = (q: LowRankMultivariateNormal) => solve_triangular(q._capacitance_tril,
  E.div(mT(q._unbroadcasted_cov_factor), S.unsqueeze(q._unbroadcasted_cov_diag, -2)), { upper: false });
const logdetTril = (Lt: Tensor) => E.mul(R.sum(E.log(diagonal(Lt, 0, -2, -1)), -1), 2);

register_kl(LowRankMultivariateNormal, LowRankMultivariateNormal, (p: LowRankMultivariateNormal, q: LowRankMultivariateNormal) => {
  if (p._event_shape.join() !== q._event_shape.join()) {
    throw new RangeError('KL-divergence between two Low Rank Multivariate Normals with                          different event shapes cannot be computed');
  }
  const term1 = E.sub(lowrankLogdet(q._unbroadcasted_cov_diag, q._capacitance_tril), lowrankLogdet(p._unbroadcasted_cov_diag, p._capacitance_tril));
  const term3 = lowrankMahalanobis(q._unbroadcasted_cov_factor, q._unbroadcasted_cov_diag, E.sub(q.loc, p.loc), q._capacitance_tril);
  const A = lowrankA(q);
  const term21 = R.sum(E.div(p._unbroadcasted_cov_diag, q._unbroadcasted_cov_diag), -1);
  const term22 = traceXXT(E.mul(p._unbroadcasted_cov_factor, S.unsqueeze(E.rsqrt(q._unbroadcasted_cov_diag), -1)));
  const term23 = traceXXT(E.mul(A, S.unsqueeze(E.sqrt(p._unbroadcasted_cov_diag), -2)));
  const term24 = traceXXT(L.matmul(A, p._unbroadcasted_cov_factor));
  const term2 = E.sub(E.sub(E.add(term21, term22), term23), term24);
  return E.mul(E.sub(E.add(E.add(term1, term2), term3), p._event_shape[0]), 0.5);
});

register_kl(MultivariateNormal, LowRankMultivariateNormal, (p: MultivariateNormal, q: LowRankMultivariateNormal) => {
  if (p._event_shape.join() !== q._event_shape.join()) {
    throw new RangeError('KL-divergence between two (Low Rank) Multivariate Normals with                          different event shapes cannot be computed');
  }
  const term1 = E.sub(lowrankLogdet(q._unbroadcasted_cov_diag, q._capacitance_tril), logdetTril(p._unbroadcasted_scale_tril));
  const term3 = lowrankMahalanobis(q._unbroadcasted_cov_factor, q._unbroadcasted_cov_diag, E.sub(q.loc, p.loc), q._capacitance_tril);
  const A = lowrankA(q);
  const term21 = traceXXT(E.mul(p._unbroadcasted_scale_tril, S.unsqueeze(E.rsqrt(q._unbroadcasted_cov_diag), -1)));
  const term22 = traceXXT(L.matmul(A, p._unbroadcasted_scale_tril));
  return E.mul(E.sub(E.add(E.add(term1, E.sub(term21, term22)), term3), p._event_shape[0]), 0.5);
});

register_kl(LowRankMultivariateNormal, MultivariateNormal, (p: LowRankMultivariateNormal, q: MultivariateNormal) => {
  if (p._event_shape.join() !== q._event_shape.join()) {
    throw new RangeError('KL-divergence between two (Low Rank) Multivariate Normals with                          different event shapes cannot be computed');
  }
  const term1 = E.sub(logdetTril(q._unbroadcasted_scale_tril), lowrankLogdet(p._unbroadcasted_cov_diag, p._capacitance_tril));
  const term3 = mahalanobis(q._unbroadcasted_scale_tril, E.sub(q.loc, p.loc));
  const batch = broadcastShapes(q._unbroadcasted_scale_tril._shape.slice(0, -2), p._unbroadcasted_cov_factor._shape.slice(0, -2));
  const n = p._event_shape[0];
  const qL = S.expand(q._unbroadcasted_scale_tril, [...batch, n, n]);
  const pW = S.expand(p._unbroadcasted_cov_factor, [...batch, n, p.cov_factor._shape[p.cov_factor.dim() - 1]]);
  const pD = S.expand(E.mul(C.eye(n), S.unsqueeze(E.sqrt(p._unbroadcasted_cov_diag), -2)), [...batch, n, n]);
  const term21 = traceXXT(solve_triangular(qL, pW, { upper: false }));
  const term22 = traceXXT(solve_triangular(qL, pD, { upper: false }));
  return E.mul(E.sub(E.add(E.add(term1, E.add(term21, term22)), term3), n), 0.5);
});

// ---------------------------------------------------------------- the third batch (ContinuousBernoulli)

register_kl(ContinuousBernoulli, ContinuousBernoulli, (p: ContinuousBernoulli, q: ContinuousBernoulli) => {
  const t1 = E.mul(p.mean, E.sub(p.logits, q.logits));
  const t2 = E.add(p._cont_bern_log_norm(), E.log1p(E.neg(p.probs)));
  const t3 = E.sub(E.neg(q._cont_bern_log_norm()), E.log1p(E.neg(q.probs)));
  return E.add(E.add(t1, t2), t3);
});

/** -H(p) - E_p[x] q.logits - log(1 - q.probs) - log C(q.probs): KL to a ContinuousBernoulli from p on [0, 1]. */
const klToContinuousBernoulli = (p: Distribution, q: ContinuousBernoulli) =>
  E.sub(E.sub(E.sub(E.neg(p.entropy()), E.mul(p.mean, q.logits)), E.log1p(E.neg(q.probs))), q._cont_bern_log_norm());

register_kl(Beta, ContinuousBernoulli, klToContinuousBernoulli);
register_kl(ContinuousBernoulli, Pareto, (p: ContinuousBernoulli) => infinite_like(p.probs));

register_kl(ContinuousBernoulli, Exponential, (p: ContinuousBernoulli, q: Exponential) =>
  E.add(E.sub(E.neg(p.entropy()), E.log(q.rate)), E.mul(q.rate, p.mean)));

register_kl(ContinuousBernoulli, Normal, (p: ContinuousBernoulli, q: Normal) => {
  const t1 = E.neg(p.entropy());
  const t2 = E.add(E.mul(E.add(E.square(E.div(q.loc, q.scale)), Math.log(2 * Math.PI)), 0.5), E.log(q.scale));
  const t3 = E.div(E.sub(E.add(p.variance, E.square(p.mean)), E.mul(E.mul(q.loc, 2), p.mean)), E.mul(E.square(q.scale), 2));
  return E.add(E.add(t1, t2), t3);
});

register_kl(ContinuousBernoulli, Uniform, (p: ContinuousBernoulli, q: Uniform) => {
  const result = E.add(E.neg(p.entropy()), E.log(E.sub(q.high, q.low)));
  return E.where(E.logical_or(E.ge(q.low, 0), E.le(q.high, 1)), E.mul(C.ones_like(result), inf), result);
});

register_kl(Exponential, ContinuousBernoulli, (p: Exponential) => infinite_like(p.rate));
register_kl(Gamma, ContinuousBernoulli, (p: Gamma) => infinite_like(p.concentration));
register_kl(Gumbel, ContinuousBernoulli, (p: Gumbel) => infinite_like(p.loc));
register_kl(Laplace, ContinuousBernoulli, (p: Laplace) => infinite_like(p.loc));
register_kl(Normal, ContinuousBernoulli, (p: Normal) => infinite_like(p.loc));
register_kl(Pareto, ContinuousBernoulli, (p: Pareto) => infinite_like(p.scale));

register_kl(Uniform, ContinuousBernoulli, (p: Uniform, q: ContinuousBernoulli) => {
  const result = klToContinuousBernoulli(p, q);
  return E.where(E.logical_or(E.ge(p.high, 1), E.le(p.low, 0)), E.mul(C.ones_like(result), inf), result);
});
