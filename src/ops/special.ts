// The element-wise functions of torch.special that have kernels of their own (assembly/special.ts, ports
// of ATen's Math.h): forward through the unary/binary kernels, backward as PyTorch 1.13's
// derivatives.yaml writes it, composed from ops so that it is differentiable again (create_graph).
import { Tensor, TensorOrScalar } from '../tensor.js';
import { float32 } from '../dtype.js';
import { U, B } from '../backend/kernels.js';
import { record, renamed } from '../autograd.js';
import { composite } from '../lifetime.js';
import { NotImplementedError } from '../distributions/utils.js';
import * as E from './elementwise.js';
import { tensor } from './create.js';

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);

type Rule = (g: Tensor, x: Tensor, y: Tensor) => Tensor;

/** out = op(x) through unary kernel `code` (ints promoted to float), recorded as PyTorch's node `node`
 *  with the gradient `rule` (null: the output does not require grad, as PyTorch's bessel_j0). */
function special(code: number, node: string, x: Tensor, rule: Rule | null, p0 = 0): Tensor {
  const out = E.unary({ code, node, saves: 'none' }, x, p0);
  if (!rule) return out;
  return record(node, out, [x], [x, out], (g, [sx, sy]) => [rule(g, sx, sy)]);
}

/** 1 - erf(x), as `torch.special.erfc(x)` (`torch.erfc`, `x.erfc()`). */
export const erfc = (x: Tensor) => special(U.erfc, 'ErfcBackward0', x,
  (g, x) => E.mul(g, E.mul(E.exp(E.neg(E.mul(x, x))), -2 / SQRT_PI)));

/** exp(x²) · erfc(x), without overflow: `torch.special.erfcx(x)`. */
export const erfcx = (x: Tensor) => special(U.erfcx, 'SpecialErfcxBackward0', x,
  (g, x, y) => E.mul(g, E.sub(E.mul(E.mul(x, y), 2), 2 / SQRT_PI)));

/** Modified Bessel function of the first kind, order 0: `torch.special.i0(x)` (`torch.i0`, `x.i0()`). */
export const i0 = (x: Tensor) => special(U.i0, 'I0Backward0', x, (g, x) => E.mul(g, i1(x)));

/** Exponentially scaled i0, exp(-|x|) · i0(x): `torch.special.i0e(x)`. */
export const i0e = (x: Tensor) => special(U.i0e, 'SpecialI0EBackward0', x,
  (g, x, y) => E.mul(g, E.sub(i1e(x), E.mul(E.sign(x), y))));

// PyTorch's i1_backward / i1e_backward: 0.5 where |x| <= eps (the limit), the formula elsewhere.
const F32_EPS = 1.1920928955078125e-7;
function besselI1Grad(g: Tensor, x: Tensor, y: Tensor, scaled: boolean): Tensor {
  const big = E.gt(E.abs(x), F32_EPS);
  const safe = E.where(big, x, F32_EPS);
  const d = scaled ? E.sub(i0e(safe), E.mul(y, E.add(E.sign(safe), E.reciprocal(safe))))
    : E.sub(i0(safe), E.mul(y, E.reciprocal(safe)));
  return E.mul(g, E.where(big, d, 0.5));
}

/** Modified Bessel function of the first kind, order 1: `torch.special.i1(x)`. */
export const i1 = (x: Tensor): Tensor => special(U.i1, 'SpecialI1Backward0', x, (g, x, y) => besselI1Grad(g, x, y, false));

/** Exponentially scaled i1, exp(-|x|) · i1(x): `torch.special.i1e(x)`. */
export const i1e = (x: Tensor): Tensor => special(U.i1e, 'SpecialI1EBackward0', x, (g, x, y) => besselI1Grad(g, x, y, true));

/** Inverse of the standard normal CDF: `torch.special.ndtri(p)`. */
export const ndtri = (x: Tensor) => special(U.ndtri, 'SpecialNdtriBackward0', x,
  (g, _x, y) => E.mul(g, E.mul(E.exp(E.div(E.mul(y, y), 2)), SQRT_2PI)));

/** log of the standard normal CDF, accurate far into the left tail: `torch.special.log_ndtr(x)`. */
export const log_ndtr = (x: Tensor) => special(U.log_ndtr, 'SpecialLogNdtrBackward0', x,
  (g, x, y) => E.mul(E.div(g, SQRT_2PI), E.exp(E.neg(E.add(y, E.div(E.mul(x, x), 2))))));

/** -x · log(x) (0 at 0, -inf below): `torch.special.entr(x)`. */
export const entr = (x: Tensor) => special(U.entr, 'SpecialEntrBackward0', x,
  (g, x) => E.mul(g, E.neg(E.add(E.log(x), 1))));

/** sin(πx) / (πx), 1 at 0: `torch.special.sinc(x)` (`torch.sinc`, `x.sinc()`). */
export const sinc = (x: Tensor) => special(U.sinc, 'SincBackward0', x, (g, x) => {
  const px = E.mul(x, Math.PI);
  const sq = E.mul(E.mul(x, x), Math.PI);
  const d = E.div(E.mul(g, E.sub(E.mul(px, E.cos(px)), E.sin(px))), sq);
  return E.where(E.eq(sq, 0), 0, d);
});

/** Bessel function of the first kind, order 0 (not differentiable in PyTorch 1.13): `torch.special.bessel_j0(x)`. */
export const bessel_j0 = (x: Tensor) => special(U.bessel_j0, '', x, null);
/** Bessel function of the first kind, order 1 (not differentiable in PyTorch 1.13): `torch.special.bessel_j1(x)`. */
export const bessel_j1 = (x: Tensor) => special(U.bessel_j1, '', x, null);
/** sin(x) / x, 1 at 0 (not differentiable in PyTorch 1.13): `torch.special.spherical_bessel_j0(x)`. */
export const spherical_bessel_j0 = (x: Tensor) => special(U.spherical_bessel_j0, '', x, null);

export function checkInt(fn: string, name: string, pos: number, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    const t = typeof v === 'number' ? 'float' : v instanceof Tensor ? 'Tensor' : typeof v === 'string' ? 'str' : typeof v;
    throw new TypeError(`${fn}(): argument '${name}' (position ${pos}) must be int, not ${t}`);
  }
  return v;
}

/** The n-th derivative of digamma, (-1)^(n+1) n! ζ(n+1, x): `torch.special.polygamma(n, x)`
 *  (`torch.polygamma(n, x)`, `x.polygamma(n)`); gradient polygamma(n + 1, x). */
export function polygamma(n: number, x: Tensor, fn = 'polygamma'): Tensor {
  checkInt(fn, 'n', 1, n);
  if (n < 0) throw new Error('polygamma(n, x) does not support negative n.');
  return special(U.polygamma, 'PolygammaBackward0', x, (g, x) => E.mul(g, polygamma(n + 1, x)), n);
}

const asFloat = (v: TensorOrScalar): Tensor =>
  v instanceof Tensor ? E.cast(v, float32) : tensor(Number(v), { dtype: float32 });

function zeta_impl(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const x = asFloat(a);
  const q = asFloat(b);
  const out = E.binaryOp(B.zeta, x, q, 'same');
  const xGrad = x.requires_grad;
  // PyTorch: d/dx not implemented, d/dq = -x ζ(x + 1, q); the node's number says which was a number
  const node = `SpecialZetaBackward${a instanceof Tensor ? (b instanceof Tensor ? 0 : 2) : 1}`;
  return record(node, out, [x, q], [x, q], (g, [sx, sq]) => {
    if (xGrad) throw new NotImplementedError("the derivative for 'zeta' is not implemented.");
    return [null, E.mul(g, E.mul(E.neg(sx), zeta(E.add(sx, 1), sq)))];
  });
}
/** Hurwitz zeta function Σₖ (k + q)^-x: `torch.special.zeta(x, q)` (either may be a number). */
export const zeta = composite(zeta_impl, 'special.zeta');

function xlog1py_impl(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const x = asFloat(a);
  const y = asFloat(b);
  const [xd, yd] = [x.detach(), y.detach()];
  const out = E.where(E.isnan(yd), NaN, E.where(E.eq(xd, 0), 0, E.mul(xd, E.log1p(yd))));
  // PyTorch: d/dx = log1p(y) (0 where x = 0 and y <= -1), d/dy = x / (1 + y)
  return record('SpecialXlog1PyBackward0', out, [x, y], [x, y], (g, [sx, sy]) =>
    [E.where(E.logical_and(E.eq(sx, 0), E.le(sy, -1)), 0, E.mul(g, E.log1p(sy))), E.div(E.mul(g, sx), E.add(sy, 1))]);
}
/** x · log1p(y), 0 where x = 0 (unless y is NaN): `torch.special.xlog1py(x, y)`. */
export const xlog1py = composite(xlog1py_impl, 'special.xlog1py');

function mvlgamma_impl(x: Tensor, p: number, fn = 'mvlgamma'): Tensor {
  checkInt(fn, 'p', 2, p);
  if (p < 1) throw new Error('p has to be greater than or equal to 1');
  // Σ_{i<p} lgamma(x - i/2) + p(p-1)/4 · log π, over a new last dimension (PyTorch's arange form)
  const offs = new Array(p).fill(0).map((_, i) => -p / 2 + 0.5 + i * 0.5);
  const args = E.add(x.unsqueeze(-1), tensor(offs));
  return renamed('MvlgammaBackward0', E.add(E.lgamma(args).sum(-1), p * (p - 1) * Math.log(Math.PI) / 4));
}
/** Multivariate log-gamma of dimension p: `torch.special.multigammaln(x, p)` (`torch.mvlgamma`, `x.mvlgamma(p)`). */
export const mvlgamma = composite(mvlgamma_impl, 'mvlgamma');

/** The standard normal CDF, (1 + erf(x/√2)) / 2 as PyTorch 1.13 composes it: `torch.special.ndtr(x)`. */
// (its last step multiplies by a Scalar in ATen: MulBackward1)
export const ndtr = composite((x: Tensor) => renamed('MulBackward1', E.mul(E.add(E.erf(E.mul(x, Math.SQRT1_2)), 1), 0.5)), 'special.ndtr');
