// The element-wise functions of torch.special that have kernels of their own (assembly/special.ts, ports
// of ATen's Math.h): forward through the unary/binary kernels, backward as PyTorch 1.13's
// derivatives.yaml writes it, composed from ops so that it is differentiable again (create_graph).
import { Tensor, TensorOrScalar } from '../tensor.js';
import { float32 } from '../dtype.js';
import { U, B } from '../backend/kernels.js';
import { record, renamed } from '../autograd.js';
import { composite } from '../lifetime.js';
import { NotImplementedError } from '../distributions/utils.js';
import { isPlainObject } from '../optim/optimizer.js';
import * as E from './elementwise.js';
import { tensor } from './create.js';
import { pyType, tensorArg } from './kw.js';

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

// PyTorch 1.13's newer special functions: forward only (1.13 records no gradient for them: their results
// do not require grad), arguments bound and checked as its Python binding does.

/** op(x) for a one-tensor function `fn` whose argument PyTorch calls `name`. */
function nonDifferentiable(fn: string, name: string, code: number, args: ArrayLike<unknown>): Tensor {
  const [x] = nativeArgs(fn, [name], args);
  return special(code, '', tensorArg(fn, name, 1, x), null);
}

/** The Airy function Ai(x): `torch.special.airy_ai(x)`. */
export function airy_ai(x: Tensor): Tensor { return nonDifferentiable('special_airy_ai', 'x', U.airy_ai, arguments); }
/** Bessel function of the second kind of order 0 (-inf at 0, NaN below): `torch.special.bessel_y0(x)`. */
export function bessel_y0(input: Tensor): Tensor { return nonDifferentiable('special_bessel_y0', 'input', U.bessel_y0, arguments); }
/** Bessel function of the second kind of order 1 (-inf at 0, NaN below): `torch.special.bessel_y1(x)`. */
export function bessel_y1(input: Tensor): Tensor { return nonDifferentiable('special_bessel_y1', 'input', U.bessel_y1, arguments); }
/** Modified Bessel function of the first kind of order 0, I₀(x) (`special.i0`'s values):
 *  `torch.special.modified_bessel_i0(x)`. */
export function modified_bessel_i0(input: Tensor): Tensor {
  return nonDifferentiable('special_modified_bessel_i0', 'input', U.i0, arguments);
}
/** Modified Bessel function of the first kind of order 1, I₁(x) (a longer Chebyshev series than `special.i1`'s):
 *  `torch.special.modified_bessel_i1(x)`. */
export function modified_bessel_i1(input: Tensor): Tensor {
  return nonDifferentiable('special_modified_bessel_i1', 'input', U.modified_bessel_i1, arguments);
}
/** Modified Bessel function of the second kind of order 0, K₀(x) (inf at 0, NaN below):
 *  `torch.special.modified_bessel_k0(x)`. */
export function modified_bessel_k0(input: Tensor): Tensor {
  return nonDifferentiable('special_modified_bessel_k0', 'input', U.modified_bessel_k0, arguments);
}
/** Modified Bessel function of the second kind of order 1, K₁(x) (inf at 0, NaN below):
 *  `torch.special.modified_bessel_k1(x)`. */
export function modified_bessel_k1(input: Tensor): Tensor {
  return nonDifferentiable('special_modified_bessel_k1', 'input', U.modified_bessel_k1, arguments);
}
/** eˣ K₀(x), without K₀'s underflow: `torch.special.scaled_modified_bessel_k0(x)`. */
export function scaled_modified_bessel_k0(x: Tensor): Tensor {
  return nonDifferentiable('special_scaled_modified_bessel_k0', 'x', U.scaled_modified_bessel_k0, arguments);
}
/** eˣ K₁(x), without K₁'s underflow: `torch.special.scaled_modified_bessel_k1(x)`. */
export function scaled_modified_bessel_k1(x: Tensor): Tensor {
  return nonDifferentiable('special_scaled_modified_bessel_k1', 'x', U.scaled_modified_bessel_k1, arguments);
}

const isNumber = (v: unknown): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';

/**
 * The orthogonal polynomial kernel `code` at (x, n), bound as PyTorch's three overloads (Tensor x, Tensor n),
 * (Number x, Tensor n), (Tensor x, Number n): both promoted to float32 and broadcast; n truncates to an
 * integer in the kernel (n < 0 gives 0). Anything else is PyTorch's "invalid combination" TypeError.
 */
function polynomialOp(fn: string, code: number, args: ArrayLike<unknown>): Tensor {
  let m = args.length;
  while (m > 0 && args[m - 1] === undefined) m--;
  const kw = m > 0 && isPlainObject(args[m - 1]) ? args[--m] as Record<string, unknown> : {};
  const keys = Object.keys(kw).filter((k) => kw[k] !== undefined).sort();
  const [x, n] = Array.prototype.slice.call(args, 0, m) as unknown[];
  const bound = [x, n];
  let ok = m <= 2;
  for (const k of keys) {
    const i = k === 'x' ? 0 : k === 'n' ? 1 : -1;
    if (i < 0 || i < m) ok = false;
    else bound[i] = kw[k];
  }
  const [a, b] = bound;
  if (!ok || !(a instanceof Tensor ? b instanceof Tensor || isNumber(b) : isNumber(a) && b instanceof Tensor)) {
    const got = [...(Array.prototype.slice.call(args, 0, m) as unknown[]).map(pyArg), ...keys.map((k) => `${k}=${pyArg(kw[k])}`)];
    throw new TypeError(`${fn}() received an invalid combination of arguments - got (${got.join(', ')}), but expected one of:\n` +
      ' * (Tensor x, Tensor n, *, Tensor out)\n * (Number x, Tensor n, *, Tensor out)\n * (Tensor x, Number n, *, Tensor out)\n');
  }
  if (a instanceof Tensor) return E.binaryOp(code, a, b instanceof Tensor ? b : Number(b), 'same', float32);
  const xt = tensor(Number(a), { dtype: float32 });
  const out = E.binaryOp(code, xt, b as Tensor, 'same', float32);
  xt.dispose();
  return out;
}

/** Chebyshev polynomial of the first kind Tₙ(x) (n < 0 gives 0; |x| < 1 and n > 6: cos(n·acos x)):
 *  `torch.special.chebyshev_polynomial_t(x, 3)`. */
export function chebyshev_polynomial_t(x: Tensor | number, n: Tensor | number): Tensor {
  return polynomialOp('special_chebyshev_polynomial_t', B.chebyshev_polynomial_t, arguments);
}
/** Chebyshev polynomial of the second kind Uₙ(x): `torch.special.chebyshev_polynomial_u(x, 3)`. */
export function chebyshev_polynomial_u(x: Tensor | number, n: Tensor | number): Tensor {
  return polynomialOp('special_chebyshev_polynomial_u', B.chebyshev_polynomial_u, arguments);
}
/** Chebyshev polynomial of the third kind Vₙ(x): `torch.special.chebyshev_polynomial_v(x, 3)`. */
export function chebyshev_polynomial_v(x: Tensor | number, n: Tensor | number): Tensor {
  return polynomialOp('special_chebyshev_polynomial_v', B.chebyshev_polynomial_v, arguments);
}
/** Chebyshev polynomial of the fourth kind Wₙ(x): `torch.special.chebyshev_polynomial_w(x, 3)`. */
export function chebyshev_polynomial_w(x: Tensor | number, n: Tensor | number): Tensor {
  return polynomialOp('special_chebyshev_polynomial_w', B.chebyshev_polynomial_w, arguments);
}
/** Shifted Chebyshev polynomial of the first kind Tₙ*(x) = Tₙ(2x - 1): `torch.special.shifted_chebyshev_polynomial_t(x, 3)`. */
export function shifted_chebyshev_polynomial_t(x: Tensor | number, n: Tensor | number): Tensor {
  return polynomialOp('special_shifted_chebyshev_polynomial_t', B.shifted_chebyshev_polynomial_t, arguments);
}
/** Shifted Chebyshev polynomial of the second kind Uₙ*(x) = Uₙ(2x - 1): `torch.special.shifted_chebyshev_polynomial_u(x, 3)`. */
export function shifted_chebyshev_polynomial_u(x: Tensor | number, n: Tensor | number): Tensor {
  return polynomialOp('special_shifted_chebyshev_polynomial_u', B.shifted_chebyshev_polynomial_u, arguments);
}
/** Shifted Chebyshev polynomial of the third kind Vₙ*(x) = Vₙ(2x - 1): `torch.special.shifted_chebyshev_polynomial_v(x, 3)`. */
export function shifted_chebyshev_polynomial_v(x: Tensor | number, n: Tensor | number): Tensor {
  return polynomialOp('special_shifted_chebyshev_polynomial_v', B.shifted_chebyshev_polynomial_v, arguments);
}
/** Shifted Chebyshev polynomial of the fourth kind Wₙ*(x) = Wₙ(2x - 1): `torch.special.shifted_chebyshev_polynomial_w(x, 3)`. */
export function shifted_chebyshev_polynomial_w(x: Tensor | number, n: Tensor | number): Tensor {
  return polynomialOp('special_shifted_chebyshev_polynomial_w', B.shifted_chebyshev_polynomial_w, arguments);
}
/** Physicists' Hermite polynomial Hₙ(x): `torch.special.hermite_polynomial_h(x, 3)`. */
export function hermite_polynomial_h(x: Tensor | number, n: Tensor | number): Tensor {
  return polynomialOp('special_hermite_polynomial_h', B.hermite_polynomial_h, arguments);
}
/** Probabilists' Hermite polynomial Heₙ(x): `torch.special.hermite_polynomial_he(x, 3)`. */
export function hermite_polynomial_he(x: Tensor | number, n: Tensor | number): Tensor {
  return polynomialOp('special_hermite_polynomial_he', B.hermite_polynomial_he, arguments);
}
/** Laguerre polynomial Lₙ(x): `torch.special.laguerre_polynomial_l(x, 3)`. */
export function laguerre_polynomial_l(x: Tensor | number, n: Tensor | number): Tensor {
  return polynomialOp('special_laguerre_polynomial_l', B.laguerre_polynomial_l, arguments);
}
/** Legendre polynomial Pₙ(x): `torch.special.legendre_polynomial_p(x, 3)`. */
export function legendre_polynomial_p(x: Tensor | number, n: Tensor | number): Tensor {
  return polynomialOp('special_legendre_polynomial_p', B.legendre_polynomial_p, arguments);
}

/** A value's Python type name as PyTorch's argument parser prints it (every tensor a `Tensor`). */
const pyArg = (v: unknown): string => (v instanceof Tensor ? 'Tensor' : pyType(v));

/**
 * The arguments of a native function with one signature, `fn(names...)`, bound as PyTorch binds them:
 * positional values in its order, then keywords in a trailing options object; PyTorch's TypeErrors for too
 * many, unknown, repeated or missing ones (its "missing 1 required positional arguments" included).
 */
export function nativeArgs(fn: string, names: readonly string[], args: ArrayLike<unknown>): unknown[] {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const kw = n > 0 && isPlainObject(args[n - 1]) ? args[--n] as Record<string, unknown> : {};
  if (n > names.length) {
    throw new TypeError(`${fn}() takes ${names.length} positional argument${names.length === 1 ? '' : 's'} but ${n} were given`);
  }
  const out = Array.prototype.slice.call(args, 0, n) as unknown[];
  for (const k of Object.keys(kw)) {
    if (kw[k] === undefined) continue;
    const i = names.indexOf(k);
    if (i < 0) throw new TypeError(`${fn}() got an unexpected keyword argument '${k}'`);
    if (i < n) throw new TypeError(`${fn}() got multiple values for argument '${k}'`);
    out[i] = kw[k];
  }
  const missing = names.filter((_, i) => out[i] === undefined);
  if (missing.length) {
    throw new TypeError(`${fn}() missing ${missing.length} required positional argument${missing.length === 1 ? 's' : ''}: ` +
      missing.map((m) => `"${m}"`).join(', '));
  }
  return out;
}


export function checkInt(fn: string, name: string, pos: number, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new TypeError(`${fn}(): argument '${name}' (position ${pos}) must be int, not ${pyArg(v)}`);
  }
  return v;
}

/** polygamma(n, x) with `fn` naming the call in messages (polygamma, special_polygamma). */
export function polygammaOp(fn: string, n: unknown, x: unknown): Tensor {
  const k = checkInt(fn, 'n', 1, n);
  const t = tensorArg(fn, 'input', 2, x);
  if (k < 0) throw new Error('polygamma(n, x) does not support negative n.');
  return special(U.polygamma, 'PolygammaBackward0', t, (g, x) => E.mul(g, polygammaOp(fn, k + 1, x)), k);
}

/** The n-th derivative of digamma, (-1)^(n+1) n! ζ(n+1, x): `torch.polygamma(n, x)` (`x.polygamma(n)`);
 *  gradient polygamma(n + 1, x). */
export function polygamma(n: number, input: Tensor): Tensor {
  const [k, x] = nativeArgs('polygamma', ['n', 'input'], arguments);
  return polygammaOp('polygamma', k, x);
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
export const zeta = /*#__PURE__*/ composite(zeta_impl, 'special.zeta');

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
export const xlog1py = /*#__PURE__*/ composite(xlog1py_impl, 'special.xlog1py');

/** mvlgamma(x, p) with `fn` naming the call in messages (mvlgamma, special_multigammaln) and p at
 *  position `pPos` in them (1 for the methods). */
export const mvlgammaOp = /*#__PURE__*/ composite(function mvlgamma(fn: string, input: unknown, p: unknown, pPos = 2): Tensor {
  const x = tensorArg(fn, 'input', 1, input);
  const d = checkInt(fn, 'p', pPos, p);
  if (d < 1) throw new Error('p has to be greater than or equal to 1');
  // Σ_{i<p} lgamma(x - i/2) + p(p-1)/4 · log π, over a new last dimension (PyTorch's arange form)
  const offs = new Array(d).fill(0).map((_, i) => -d / 2 + 0.5 + i * 0.5);
  const args = E.add(x.unsqueeze(-1), tensor(offs));
  return renamed('MvlgammaBackward0', E.add(E.lgamma(args).sum(-1), d * (d - 1) * Math.log(Math.PI) / 4));
}, 'mvlgamma');

/** Multivariate log-gamma of dimension p: `torch.mvlgamma(x, p)` (`x.mvlgamma(p)`, `torch.special.multigammaln`). */
export function mvlgamma(input: Tensor, p: number): Tensor {
  const [x, d] = nativeArgs('mvlgamma', ['input', 'p'], arguments);
  return mvlgammaOp('mvlgamma', x, d);
}

/** The standard normal CDF, (1 + erf(x/√2)) / 2 as PyTorch 1.13 composes it: `torch.special.ndtr(x)`. */
// (its last step multiplies by a Scalar in ATen: MulBackward1)
export const ndtr = /*#__PURE__*/ composite((x: Tensor) => renamed('MulBackward1', E.mul(E.add(E.erf(E.mul(x, Math.SQRT1_2)), 1), 0.5)), 'special.ndtr');
