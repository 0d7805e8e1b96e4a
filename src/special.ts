// torch.special (PyTorch 1.13): the special functions with kernels of their own (src/ops/special.ts) and
// the aliases 1.13 gives torch's existing ops: every public function of 1.13's torch.special.
import { Tensor } from './tensor.js';
import { float32 } from './dtype.js';
import { bind } from './optim/optimizer.js';
import { record } from './autograd.js';
import { composite } from './lifetime.js';
import * as E from './ops/elementwise.js';
import * as R from './ops/reduce.js';
import * as X from './ops/extra.js';
import * as P from './ops/special.js';

export {
  erfc, erfcx, i0, i0e, i1, i1e, ndtr, ndtri, log_ndtr, entr, sinc, bessel_j0, bessel_j1, spherical_bessel_j0,
  zeta, xlog1py, airy_ai, bessel_y0, bessel_y1, modified_bessel_i0, modified_bessel_i1, modified_bessel_k0,
  modified_bessel_k1, scaled_modified_bessel_k0, scaled_modified_bessel_k1, chebyshev_polynomial_t,
  chebyshev_polynomial_u, chebyshev_polynomial_v, chebyshev_polynomial_w, shifted_chebyshev_polynomial_t,
  shifted_chebyshev_polynomial_u, shifted_chebyshev_polynomial_v, shifted_chebyshev_polynomial_w,
  hermite_polynomial_h, hermite_polynomial_he, laguerre_polynomial_l, legendre_polynomial_p,
} from './ops/special.js';
/** Regularized lower / upper incomplete gamma functions: `torch.special.gammainc(a, x)` (torch.igamma / igammac). */
export { igamma as gammainc, igammac as gammaincc } from './ops/funcs.js';

/** The n-th derivative of digamma: `torch.special.polygamma(2, x)`. */
export function polygamma(n: number, input: Tensor): Tensor {
  const [k, x] = P.nativeArgs('special_polygamma', ['n', 'input'], arguments);
  return P.polygammaOp('special_polygamma', k, x);
}
/** Multivariate log-gamma of dimension p: `torch.special.multigammaln(x, 2)`. */
export function multigammaln(input: Tensor, p: number): Tensor {
  const [x, d] = P.nativeArgs('special_multigammaln', ['input', 'p'], arguments);
  return P.mvlgammaOp('special_multigammaln', x, d);
}

/** The logistic sigmoid 1 / (1 + e^-x): `torch.special.expit(x)` (torch.sigmoid). */
export const expit = (x: Tensor) => E.sigmoid(x);
/** ln|Γ(x)|: `torch.special.gammaln(x)` (torch.lgamma). */
export const gammaln = (x: Tensor) => E.lgamma(x);
/** Γ'(x)/Γ(x): `torch.special.digamma(x)` (torch.digamma). */
export const digamma = (x: Tensor) => E.digamma(x);
/** `torch.special.psi(x)`: digamma. */
export const psi = (x: Tensor) => E.digamma(x);
/** `torch.special.erf(x)` (torch.erf). */
export const erf = (x: Tensor) => E.erf(x);
/** `torch.special.erfinv(x)` (torch.erfinv). */
export const erfinv = (x: Tensor) => E.erfinv(x);
/** 2^x: `torch.special.exp2(x)` (torch.exp2). */
export const exp2 = (x: Tensor) => E.exp2(x);
/** e^x - 1: `torch.special.expm1(x)` (torch.expm1). */
export const expm1 = (x: Tensor) => E.expm1(x);
/** log(1 + x): `torch.special.log1p(x)` (torch.log1p). */
export const log1p = (x: Tensor) => E.log1p(x);
/** x · log(y): `torch.special.xlogy(x, y)` (torch.xlogy). */
export const xlogy = (x: Tensor | number, y: Tensor | number) => X.xlogy(x, y);

/** log(p / (1 - p)), p clamped to [eps, 1 - eps] when eps is given: `torch.special.logit(p, 1e-6)`. */
export function logit(x: Tensor, ...args: unknown[]): Tensor {
  const { eps } = bind('special_logit', ['eps'], [], { eps: null }, args, 1, true);
  return E.logit(x, { eps });
}

/** Round half to even, to `decimals` places: `torch.special.round(x, { decimals: 2 })`. */
export const round = /*#__PURE__*/ composite(function round(x: Tensor, ...args: unknown[]): Tensor {
  const { decimals } = bind('special_round', [], ['decimals'], { decimals: 0 }, args);
  const out = E.round(x.detach(), { decimals });
  // PyTorch records the rounding (its decimals overload, even for 0) with a zero gradient
  return record('RoundBackward1', out, [x], [], (g) => [E.mul(g, 0)]);
}, 'special.round');

function softmaxArgs(fn: string, x: Tensor, args: unknown[]): number {
  const { dim, dtype } = bind(fn, ['dim'], ['dtype'], { dtype: null }, args);
  if (dim === undefined) throw new TypeError(`${fn}() missing 1 required positional arguments: "dim"`);
  if (dtype !== null && dtype !== float32) throw new TypeError(`${fn}(): tocha computes softmax in float32 only`);
  void x;
  return dim;
}

/** Softmax along dim: `torch.special.softmax(x, 1)`. */
export function softmax(x: Tensor, ...args: unknown[]): Tensor {
  return R.softmax(x, softmaxArgs('special_softmax', x, args));
}

/** log(softmax(x)) along dim, computed stably: `torch.special.log_softmax(x, 1)`. */
export function log_softmax(x: Tensor, ...args: unknown[]): Tensor {
  return R.log_softmax(x, softmaxArgs('special_log_softmax', x, args));
}

/** log Σ exp(x) over dims: `torch.special.logsumexp(x, 1, true)` (torch.logsumexp). */
export const logsumexp = /*#__PURE__*/ composite((x: Tensor, ...args: unknown[]) =>
  (R.logsumexp as (x: Tensor, ...a: unknown[]) => Tensor)(x, ...args), 'special.logsumexp');
