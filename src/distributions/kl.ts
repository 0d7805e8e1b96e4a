// torch.distributions.kl (torch/distributions/kl.py): kl_divergence(p, q) dispatches on the classes of
// p and q to the most specific registered pair; register_kl adds pairs.
import { Tensor } from '../tensor.js';
import { enable_grad, runBackward } from '../autograd.js';
import { scoped } from '../lifetime.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as C from '../ops/create.js';
import { softplus } from '../nn/functional.js';
import { Distribution, ExponentialFamily } from './distribution.js';
import { Normal } from './normal.js';
import { Bernoulli } from './bernoulli.js';
import { Categorical, OneHotCategorical } from './categorical.js';
import { Uniform } from './uniform.js';
import { Exponential } from './exponential.js';
import { Laplace } from './laplace.js';
import { Independent } from './independent.js';
import { _sum_rightmost, NotImplementedError } from './utils.js';

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

// ---------------------------------------------------------------- same distributions

register_kl(Bernoulli, Bernoulli, (p: Bernoulli, q: Bernoulli) => {
  let t1 = E.mul(p.probs, E.sub(softplus(E.neg(q.logits)), softplus(E.neg(p.logits))));
  t1 = put(t1, E.eq(q.probs, 0), inf);
  t1 = put(t1, E.eq(p.probs, 0), 0);
  let t2 = E.mul(rsub(p.probs, 1), E.sub(softplus(q.logits), softplus(p.logits)));
  t2 = put(t2, E.eq(q.probs, 1), inf);
  t2 = put(t2, E.eq(p.probs, 1), 0);
  return E.add(t1, t2);
});

function klCategorical(p: Categorical, q: Categorical): Tensor {
  let t = E.mul(p.probs, E.sub(p.logits, q.logits));
  t = put(t, E.eq(q.probs, 0), inf);
  t = put(t, E.eq(p.probs, 0), 0);
  return R.sum(t, -1);
}
register_kl(Categorical, Categorical, klCategorical);

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
