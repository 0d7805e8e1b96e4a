// Special functions with PyTorch 1.13's CPU algorithms (aten/src/ATen/native/Math.h), scalar f32.
// Where GCC contracts `a * b + c` in PyTorch's AVX2-compiled kernels, the same steps use fma_f32.
import { fma_f32, erf_f32, exp_f32, log_f32 } from "./mathf";

// The C library's logf and powf, which PyTorch calls in these functions, are correctly rounded (or
// nearly): the double result rounded to float is the same number. (mathf's own are within 2 ulp, and
// digamma's recurrence cancels digits, so an ulp of log becomes many of digamma.)
// @ts-ignore: decorator
@inline function logf(x: f32): f32 { return <f32>Math.log(<f64>x); }
// @ts-ignore: decorator
@inline function powf(x: f32, y: f32): f32 { return <f32>Math.pow(<f64>x, <f64>y); }

// 2 / sqrt(pi) in float, as calc_erfinv writes it: float(2) / float(sqrt(pi)).
const TWO_OVER_SQRTPI: f32 = <f32>2 / <f32>1.7724538509055159;

/** Inverse error function (calc_erfinv): a rational first guess, then two Newton steps.
 *  erfinv(±1) = ±inf, NaN outside [-1, 1]. */
export function erfinv_f32(y: f32): f32 {
  const ya = abs<f32>(y);
  if (ya > 1) return NaN;
  if (ya == 1) return copysign<f32>(Infinity, y);
  let x: f32;
  if (ya <= <f32>0.7) {
    const z = y * y;
    let num = fma_f32(<f32>-0.140543331, z, <f32>0.914624893);
    num = fma_f32(num, z, <f32>-1.645349621);
    num = fma_f32(num, z, <f32>0.886226899);
    let dem = fma_f32(<f32>0.012229801, z, <f32>-0.329097515);
    dem = fma_f32(dem, z, <f32>1.442710462);
    dem = fma_f32(dem, z, <f32>-2.118377725);
    dem = fma_f32(dem, z, 1);
    x = y * num / dem;
  } else {
    const z = sqrt<f32>(-log_f32((<f32>1 - ya) / <f32>2));
    let num = fma_f32(<f32>1.641345311, z, <f32>3.429567803);
    num = fma_f32(num, z, <f32>-1.624906493);
    num = fma_f32(num, z, <f32>-1.970840454);
    let dem = fma_f32(<f32>1.6370678, z, <f32>3.5438892);
    dem = fma_f32(dem, z, 1);
    x = copysign<f32>(num, y) / dem;
  }
  // two Newton steps (a loop, so erf's vector code is inlined once)
  for (let i = 0; i < 2; i++) x = x - (erf_f32(x) - y) / (TWO_OVER_SQRTPI * exp_f32(-x * x));
  return x;
}

// ---------------------------------------------------------------- gamma functions

const LN_SQRT_2PI: f64 = 0.91893853320467274178;

/** ln|Γ(x)| in double: Stirling's series from x >= 8, the recurrence below it, reflection for x < 0.
 *  Our own (PyTorch calls the C library's lgammaf); rounded to float it is within an ulp of it. */
export function lgamma_f64(x: f64): f64 {
  if (x != x) return x;
  if (x == Infinity || x == -Infinity) return Infinity;
  if (x <= 0) {
    if (x == Math.floor(x)) return Infinity; // poles, and ±0
    // Γ(x) Γ(1 - x) = π / sin(πx), with sin(πx) from the fraction so it stays exact
    const s = Math.abs(Math.sin(Math.PI * (x - Math.floor(x))));
    return Math.log(Math.PI / s) - lgamma_f64(1 - x);
  }
  if (x == 1 || x == 2) return 0;
  let shift = 0.0;
  if (x < 8) {
    let p = 1.0;
    while (x < 8) {
      p *= x;
      x += 1;
    }
    shift = Math.log(p);
  }
  const t = 1 / x;
  const t2 = t * t;
  // 1/(12x) - 1/(360x^3) + 1/(1260x^5) - 1/(1680x^7) + 1/(1188x^9) - 691/(360360x^11) + 1/(156x^13)
  const s = t * (1.0 / 12 + t2 * (-1.0 / 360 + t2 * (1.0 / 1260 + t2 * (-1.0 / 1680 + t2 * (1.0 / 1188 +
    t2 * (-691.0 / 360360 + t2 * (1.0 / 156)))))));
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + s - shift;
}

export function lgamma_f32(x: f32): f32 {
  return <f32>lgamma_f64(<f64>x);
}

// Cephes' asymptotic coefficients of digamma (PyTorch's Math.h and Distributions.h)
const PSI_A = memory.data<f64>([
  8.33333333333333333333E-2, -2.10927960927960927961E-2, 7.57575757575757575758E-3, -4.16666666666666666667E-3,
  3.96825396825396825397E-3, -8.33333333333333333333E-3, 8.33333333333333333333E-2,
]);

/** polevl(z, A, 6) in double (Distributions.h's digamma_one; Distributions.cpp is built without fma). */
function polevl_psi(z: f64): f64 {
  let p = 0.0;
  for (let i = 0; i < 7; i++) p = p * z + load<f64>(PSI_A + (<usize>i << 3));
  return p;
}

/** tan(πr) in double as sin / cos (the same float once rounded; keeps the C library's tan out of the module). */
function tanpi(r: f64): f64 {
  return Math.sin(Math.PI * r) / Math.cos(Math.PI * r);
}

/** digamma on float as PyTorch's calc_digamma(float): recurrence up to 10, then Cephes' asymptotic
 *  series (its polevl contracted to fma); reflection through tan in double for x < 0. */
export function digamma_f32(x: f32): f32 {
  if (x == 0) return copysign<f32>(Infinity, -x);
  if (x < 0) {
    if (x == trunc<f32>(x)) return NaN;
    const r = <f64>x - trunc<f64>(<f64>x);
    const pi_over_tan = <f32>(Math.PI / tanpi(r));
    return digamma_f32(<f32>1 - x) - pi_over_tan;
  }
  let result: f32 = 0;
  while (x < 10) {
    result -= <f32>1 / x;
    x += 1;
  }
  if (x == 10) return result + <f32>2.25175258906672110764;
  let y: f32 = 0;
  if (x < <f32>1.0e17) {
    const z = <f32>1 / (x * x);
    let p: f32 = 0;
    for (let i = 0; i < 7; i++) p = fma_f32(p, z, <f32>load<f64>(PSI_A + (<usize>i << 3)));
    y = z * p;
  }
  return result + logf(x) - <f32>0.5 / x - y;
}

/** polygamma(1, x) on float as PyTorch's trigamma(float) (digamma's derivative). */
export function trigamma_f32(x: f32): f32 {
  let sign: f32 = 1;
  let result: f32 = 0;
  const PI: f32 = <f32>Math.PI;
  if (x < <f32>0.5) {
    sign = -1;
    const s = <f32>Math.sin(<f64>(PI * x));
    result -= (PI * PI) / (s * s);
    x = 1 - x;
  }
  for (let i = 0; i < 6; i++) {
    result += <f32>1 / (x * x);
    x += 1;
  }
  const ixx = <f32>1 / (x * x);
  let t = fma_f32(-ixx, <f32>1 / 42, <f32>1 / 30);
  t = fma_f32(-ixx, t, <f32>1 / 6);
  result += fma_f32(ixx, t, <f32>1 + <f32>1 / (2 * x)) / x;
  return sign * result;
}

/** digamma_one<double, double> of Distributions.h, for the reparameterized gradients. */
function digamma_f64(x: f64): f64 {
  if (x == 0) return Infinity;
  let extra = 0.0;
  if (x < 0) {
    if (x == Math.floor(x)) return Infinity;
    extra = -Math.PI / tanpi(x);
    x = 1 - x;
  }
  let result = 0.0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  if (x == 10) return result + 2.25175258906672110764 + extra;
  let y = 0.0;
  if (x < 1.0e17) {
    const z = 1.0 / (x * x);
    y = z * polevl_psi(z);
  }
  return result + Math.log(x) - 0.5 / x - y + extra;
}

/** digamma_one<float, double>: float argument, float steps where PyTorch's are float, double series. */
function digamma_fd(x: f32): f32 {
  if (x == 0) return Infinity;
  let extra = 0.0;
  if (x < 0) {
    if (x == floor<f32>(x)) return Infinity;
    extra = <f64>(-<f32>Math.PI / <f32>(Math.sin(<f64>(<f32>Math.PI * x)) / Math.cos(<f64>(<f32>Math.PI * x))));
    x = 1 - x;
  }
  let result = 0.0;
  while (x < 10) {
    result -= <f64>(<f32>1 / x);
    x += 1;
  }
  if (x == 10) return <f32>(result + 2.25175258906672110764 + extra);
  let y = 0.0;
  if (x < <f32>1.0e17) {
    const z = 1.0 / <f64>(x * x);
    y = z * polevl_psi(z);
  }
  return <f32>(result + <f64>logf(x) - <f64>(<f32>0.5 / x) - y + extra);
}

// ---------------------------------------------------------------- reparameterized gradients

/** d sample / d alpha for a standard Gamma(alpha) sample x (standard_gamma_grad_one<float, double>):
 *  a Taylor series for small x, Rice's saddle point for large alpha, else a rational fit. */
export function standard_gamma_grad_one(alpha_: f32, x_: f32): f32 {
  const x = <f64>x_;
  const alpha = <f64>alpha_;
  if (x < <f64><f32>0.8) {
    let numer = 1.0;
    let denom = alpha;
    let series1 = numer / denom;
    let series2 = numer / (denom * denom);
    for (let i = 1; i <= 5; i++) {
      numer *= -x / <f64>i;
      denom += 1;
      series1 += numer / denom;
      series2 += numer / (denom * denom);
    }
    const pow_x_alpha = Math.pow(x, alpha);
    const gamma_pdf = Math.pow(x, alpha - 1) * Math.exp(-x);
    const gamma_cdf = pow_x_alpha * series1;
    const gamma_cdf_alpha = (Math.log(x) - digamma_f64(alpha)) * gamma_cdf - pow_x_alpha * series2;
    const result = -gamma_cdf_alpha / gamma_pdf;
    return result != result ? 0 : <f32>result;
  }
  if (alpha > 8.0) {
    if (<f64><f32>0.9 * alpha <= x && x <= <f64><f32>1.1 * alpha) {
      const numer_1 = 1 + 24 * alpha * (1 + 12 * alpha);
      const numer_2 = 1440 * (alpha * alpha) + 6 * x * (53 - 120 * x) - 65 * x * x / alpha + alpha * (107 + 3600 * x);
      const denom = 1244160 * (alpha * alpha) * (alpha * alpha);
      return <f32>(numer_1 * numer_2 / denom);
    }
    const denom = Math.sqrt(8 * alpha);
    const term2 = denom / (alpha - x);
    const term3 = Math.pow(x - alpha - alpha * Math.log(x / alpha), -1.5);
    const term23 = x < alpha ? term2 - term3 : term2 + term3;
    const term1 = Math.log(x / alpha) * term23 - Math.sqrt(2 / alpha) * (alpha + x) / ((alpha - x) * (alpha - x));
    const stirling = 1 + 1 / (12 * alpha) * (1 + 1 / (24 * alpha));
    const numer = x * term1;
    return <f32>(-stirling * numer / denom);
  }
  const u = Math.log(x / alpha);
  const v = Math.log(alpha);
  const p = coef_v(0, u) + v * (coef_v(1, u) + v * (coef_v(2, u) + v * coef_v(3, u)));
  const q = coef_v(4, u) + v * (coef_v(5, u) + v * (coef_v(6, u) + v * coef_v(7, u)));
  return <f32>Math.exp(p / q);
}

// coef_uv of standard_gamma_grad_one, row by row
const COEF_UV = memory.data<f64>([
  0.16009398, -0.094634809, 0.025146376, -0.0030648343, 1, 0.32668115, 0.10406089, 0.0014179084,
  0.53487893, 0.1298071, 0.065735949, -0.0015649758, 0.16639465, 0.020070113, -0.0035938915, -0.00058392623,
  0.040121004, -0.0065914022, -0.0026286047, -0.0013441777, 0.017050642, -0.0021309326, 0.00085092367, -1.5247877e-07,
]);

// @ts-ignore: decorator
@inline function coef_v(i: i32, u: f64): f64 {
  const c = COEF_UV + (<usize>i << 3);
  return load<f64>(c) + u * (load<f64>(c, 64) + u * load<f64>(c, 128));
}

// The reparameterized gradient of Beta(alpha, beta) samples with respect to alpha, scaled by 1 / (1 - x),
// as dirichlet_grad_one<float, double> computes it for Dirichlet samples x of concentration alpha and
// total concentration `total` (float where PyTorch's steps are float, double where they are double).

// Taylor expansion for x near 0
function beta_grad_alpha_small(x: f32, alpha: f32, beta: f32): f32 {
  const factor: f32 = digamma_fd(alpha) - digamma_fd(alpha + beta) - logf(x);
  let numer: f32 = 1;
  let series: f32 = numer / alpha * (factor + <f32>1 / alpha);
  for (let i = 1; i <= 10; i++) {
    const ci = <f32>i;
    numer *= (ci - beta) * x / ci;
    const denom = alpha + ci;
    series += numer / denom * (factor + <f32>1 / denom);
  }
  const result = x * powf(1 - x, -beta) * series;
  return result != result ? 0 : result;
}

// Taylor expansion for x near 0, with respect to beta
function beta_grad_beta_small(x: f32, alpha: f32, beta: f32): f32 {
  const factor: f32 = digamma_fd(alpha + beta) - digamma_fd(beta);
  let numer: f32 = 1;
  let betas: f32 = 1;
  let dbetas: f32 = 0;
  let series: f32 = factor / alpha;
  for (let i = 1; i <= 8; i++) {
    const ci = <f32>i;
    numer *= -x / ci;
    dbetas = dbetas * (beta - ci) + betas;
    betas = betas * (beta - ci);
    series += numer / (alpha + ci) * (dbetas + factor * betas);
  }
  const result = -powf(1 - x, 1 - beta) * series;
  return result != result ? 0 : result;
}

// Rice saddle point expansion when alpha and beta are both large (in double)
function beta_grad_alpha_mid(x: f64, alpha: f64, beta: f64): f32 {
  const total = alpha + beta;
  const mean = alpha / total;
  const std = Math.sqrt(alpha * beta / (total + 1)) / total;
  if (mean - 0.1 * std <= x && x <= mean + 0.1 * std) {
    // avoids the singularity at x = mean
    const poly = 47 * x * (beta * beta) * (beta * beta) + alpha * (
      (43 + 20 * (16 + 27 * beta) * x) * (beta * beta) * beta + alpha * (
        3 * (59 + 180 * beta - 90 * x) * (beta * beta) + alpha * (
          (453 + 1620 * beta * (1 - x) - 455 * x) * beta + alpha * (
            8 * (1 - x) * (135 * beta - 11)))));
    const prefactor_num = (1 + 12 * alpha) * (1 + 12 * beta) / (total * total);
    const prefactor_den = 12960 * alpha * alpha * alpha * beta * beta * (1 + 12 * total);
    return <f32>(prefactor_num / (1 - x) * poly / prefactor_den);
  }
  const prefactor = -x / Math.sqrt(2 * alpha * beta / total);
  const stirling = (1 + 1 / (12 * alpha) + 1 / (288 * alpha * alpha)) * (1 + 1 / (12 * beta) + 1 / (288 * beta * beta)) /
    (1 + 1 / (12 * total) + 1 / (288 * total * total));
  const term1_num = 2 * (alpha * alpha) * (x - 1) + alpha * beta * (x - 1) - x * (beta * beta);
  const axbx = alpha * (x - 1) + beta * x;
  const term1_den = Math.sqrt(2 * alpha / beta) * Math.pow(total, 1.5) * axbx * axbx;
  const term1 = term1_num / term1_den;
  const term2 = 0.5 * Math.log(alpha / (total * x));
  const term3 = Math.sqrt(8 * alpha * beta / total) / (beta * x + alpha * (x - 1));
  const term4_base = beta * Math.log(beta / (total * (1 - x))) + alpha * Math.log(alpha / (total * x));
  const term4 = Math.pow(term4_base, -1.5);
  const term1234 = term1 + term2 * (term3 + (x < mean ? term4 : -term4));
  return <f32>(stirling * prefactor * term1234);
}

// c[2][3][3][4] of dirichlet_grad_one: the rational correction's numerator (first 36) and denominator
const DIRICHLET_C = memory.data<f64>([
  1.003668233, -0.01061107488, -0.0657888334, 0.01201642863,
  0.6336835991, -0.3557432599, 0.05486251648, -0.001465281033,
  -0.03276231906, 0.004474107445, 0.002429354597, -0.0001557569013,
  0.221950385, -0.3187676331, 0.01799915743, 0.01074823814,
  -0.2951249643, 0.06219954479, 0.01535556598, 0.001550077057,
  0.02155310298, 0.004170831599, 0.001292462449, 6.976601077e-05,
  -0.05980841433, 0.008441916499, 0.01085618172, 0.002319392565,
  0.02911413504, 0.01400243777, -0.002721828457, 0.000751041181,
  0.005900514878, -0.001936558688, -9.495446725e-06, 5.385558597e-05,
  1, -0.02924021934, -0.04438342661, 0.007285809825,
  0.6357567472, -0.3473456711, 0.05454656494, -0.002407477521,
  -0.03301322327, 0.004845219414, 0.00231480583, -0.0002307248149,
  0.5925320577, -0.1757678135, 0.01505928619, 0.000564515273,
  0.1014815858, -0.06589186703, 0.01272886114, -0.0007316646956,
  -0.007258481865, 0.001096195486, 0.0003934994223, -4.12701925e-05,
  0.06469649321, -0.0236701437, 0.002902096474, -5.896963079e-05,
  0.001925008108, -0.002869809258, 0.0008000589141, -6.063713228e-05,
  -0.0003477407336, 6.959756487e-05, 1.097287507e-05, -1.650964693e-06,
]);

// @ts-ignore: decorator
@inline function cubic_b(c: usize, b: f64): f64 {
  return load<f64>(c) + b * (load<f64>(c, 8) + b * (load<f64>(c, 16) + b * load<f64>(c, 24)));
}

/** torch._dirichlet_grad(x, alpha, total) for one element (dirichlet_grad_one<float, double>). */
export function dirichlet_grad_one(x: f32, alpha: f32, total: f32): f32 {
  const x_ = <f64>x;
  const alpha_ = <f64>alpha;
  const total_ = <f64>total;
  const beta: f32 = total - alpha;
  const beta_ = total_ - alpha_;
  const boundary: f32 = total * x * (1 - x);
  if (x <= 0.5 && boundary < 2.5) return beta_grad_alpha_small(x, alpha, beta);
  if (x >= 0.5 && boundary < 0.75) return -beta_grad_beta_small(1 - x, beta, alpha);
  if (alpha > 6 && beta > 6) return beta_grad_alpha_mid(x_, alpha_, beta_);
  const u = Math.log(x_);
  const a = Math.log(alpha_) - u;
  const b = Math.log(total_) - a;
  let p = 0.0;
  let q = 0.0;
  for (let i = 0; i < 3; i++) {
    const pu = i == 0 ? 1.0 : i == 1 ? u : u * u;
    for (let j = 0; j < 3; j++) {
      const ua = pu * (j == 0 ? 1.0 : j == 1 ? a : a * a);
      const k = DIRICHLET_C + (<usize>(i * 3 + j) << 5);
      p += ua * cubic_b(k, b);
      q += ua * cubic_b(k + 288, b);
    }
  }
  const approx = x_ * <f64>(digamma_fd(total) - digamma_fd(alpha)) / beta_;
  return <f32>(p / q * approx);
}

/** out[i] = d x / d alpha for standard Gamma samples x of concentration alpha (torch._standard_gamma_grad),
 *  all contiguous float32. */
export function standard_gamma_grad_f32(out: usize, alpha: usize, x: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, standard_gamma_grad_one(load<f32>(alpha + o), load<f32>(x + o)));
  }
}

/** out[i] = torch._dirichlet_grad(x, alpha, total)[i], all contiguous float32. */
export function dirichlet_grad_f32(out: usize, x: usize, alpha: usize, total: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, dirichlet_grad_one(load<f32>(x + o), load<f32>(alpha + o), load<f32>(total + o)));
  }
}
