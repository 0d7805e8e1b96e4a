// PyTorch 1.13's CPU random streams, bit for bit: a 32-bit Mersenne Twister
// (aten/src/ATen/core/MT19937RNGEngine.h) and the transforms PyTorch puts on it
// (TransformationHelper.h, DistributionsHelper.h, native/cpu/DistributionTemplates.h).
// Every function is pure over a generator state pointer `g` that the TypeScript
// side allocates (gen_bytes() bytes), so the global generator and any
// torch.Generator() can coexist. `out` is a byte address, 4-byte aligned.
//
// Some scalar parameters are f64 although the data is f32: PyTorch receives
// them as Python floats (double) and uses the double where it matters
// (normal_ with fewer than 16 elements computes `z * std + mean` in double;
// bernoulli_(p) compares a double uniform with the double p). A JS caller
// passes a number either way.

import { fma_f32 } from "./mathf";
import { lgamma_f64 } from "./special";

// ---- state layout ----------------------------------------------------------
// @ts-ignore: decorator
@inline const N: i32 = 624;
// @ts-ignore: decorator
@inline const M: i32 = 397;
// @ts-ignore: decorator
@inline const LEFT: usize = 2496; // i32: draws left before the next twist (PyTorch's left_)
// @ts-ignore: decorator
@inline const NEXT: usize = 2500; // i32: index of the next word (next_)
// @ts-ignore: decorator
@inline const SEED: usize = 2504; // u64: the seed given to gen_seed (initial_seed())
// @ts-ignore: decorator
@inline const NORMAL: usize = 2512; // f64: cached second Box-Muller sample (next_double_normal_sample)
// @ts-ignore: decorator
@inline const HAS_NORMAL: usize = 2520; // i32: 1 when NORMAL holds a sample
// @ts-ignore: decorator
@inline const BYTES: i32 = 2528;

/** Size in bytes of one generator state (allocate it 8-byte aligned). */
export function gen_bytes(): i32 {
  return BYTES;
}

/** torch.manual_seed(seed): init_genrand with the low 32 bits of the seed; clears the cached normal. */
export function gen_seed(g: usize, seed: u64): void {
  let s = <u32>seed;
  store<u32>(g, s);
  for (let j: u32 = 1; j < <u32>N; j++) {
    s = 1812433253 * (s ^ (s >> 30)) + j;
    store<u32>(g + (<usize>j << 2), s);
  }
  store<i32>(g, 1, LEFT);
  store<i32>(g, 0, NEXT);
  store<u64>(g, seed, SEED);
  store<f64>(g, 0, NORMAL);
  store<i32>(g, 0, HAS_NORMAL);
}

/** The seed last given to gen_seed (torch.initial_seed()). */
export function gen_initial_seed(g: usize): u64 {
  return load<u64>(g, SEED);
}

/** Copies a whole generator state (get_state / set_state, fork_rng). */
export function gen_copy(dst: usize, src: usize): void {
  memory.copy(dst, src, BYTES);
}

// @ts-ignore: decorator
@inline function twist(u: u32, v: u32): u32 {
  // mixbits(u, v) >> 1 ^ (v odd ? MATRIX_A : 0)
  return (((u & 0x80000000) | (v & 0x7fffffff)) >> 1) ^ (-(v & 1) & 0x9908b0df);
}

// @ts-ignore: decorator
@inline function twist4(u: v128, v: v128): v128 {
  const hi = v128.and(u, i32x4.splat(0x80000000));
  const lo = v128.and(v, i32x4.splat(0x7fffffff));
  const odd = i32x4.sub(i32x4.splat(0), v128.and(v, i32x4.splat(1)));
  return v128.xor(i32x4.shr_u(v128.or(hi, lo), 1), v128.and(odd, i32x4.splat(0x9908b0df)));
}

/** Regenerates the 624 words (PyTorch's next_state). Each word reads words at
 *  distance 1 and 397 (or -227), never one written by the same 4-wide step. */
function next_state(g: usize): void {
  let j = 0;
  for (; j + 4 <= N - M; j += 4) {
    const p = g + (<usize>j << 2);
    v128.store(p, v128.xor(v128.load(p, M << 2), twist4(v128.load(p), v128.load(p, 4))));
  }
  for (; j < N - M; j++) {
    const p = g + (<usize>j << 2);
    store<u32>(p, load<u32>(p, M << 2) ^ twist(load<u32>(p), load<u32>(p, 4)));
  }
  for (; j + 4 <= N - 1; j += 4) {
    const p = g + (<usize>j << 2);
    v128.store(p, v128.xor(v128.load(p - ((N - M) << 2)), twist4(v128.load(p), v128.load(p, 4))));
  }
  for (; j < N - 1; j++) {
    const p = g + (<usize>j << 2);
    store<u32>(p, load<u32>(p - ((N - M) << 2)) ^ twist(load<u32>(p), load<u32>(p, 4)));
  }
  const p = g + (<usize>(N - 1) << 2);
  store<u32>(p, load<u32>(p - ((N - M) << 2)) ^ twist(load<u32>(p), load<u32>(g)));
  store<i32>(g, N, LEFT);
  store<i32>(g, 0, NEXT);
}

/** One 32-bit draw (generator->random()). */
export function gen_u32(g: usize): u32 {
  let left = load<i32>(g, LEFT) - 1;
  store<i32>(g, left, LEFT);
  if (left == 0) next_state(g);
  const next = load<i32>(g, NEXT);
  store<i32>(g, next + 1, NEXT);
  let y = load<u32>(g + (<usize>next << 2));
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >> 18;
  return y;
}

/** random64(): the first draw is the high word. */
export function gen_u64(g: usize): u64 {
  const hi = <u64>gen_u32(g);
  return (hi << 32) | <u64>gen_u32(g);
}

// uniform_real<float>: low 24 bits of one draw times 2^-24, in [0, 1).
// @ts-ignore: decorator
@inline function u01_f32(g: usize): f32 {
  return <f32>(gen_u32(g) & 0xffffff) * (1.0 / 16777216.0);
}

// uniform_real<double>: low 53 bits of random64() times 2^-53, in [0, 1).
// @ts-ignore: decorator
@inline function u01_f64(g: usize): f64 {
  return <f64>(gen_u64(g) & 0x1fffffffffffff) * (1.0 / 9007199254740992.0);
}

/** uniform_(from, to) / rand on float32: out[i] = fma(u, to - from, from) in float, with
 *  u = (random() & 0xffffff) * 2^-24 and from/to rounded to float first, as PyTorch does
 *  (its AVX2 kernel contracts u * (to - from) + from into one fma; checked against torch).
 *  e.g. torch.rand(5) is rand_f32(g, out, 5, 0, 1). */
export function rand_f32(g: usize, out: usize, n: i32, from: f64, to: f64): void {
  const lo = <f32>from;
  const range = <f32>to - lo;
  for (let i = 0; i < n; i++) {
    store<f32>(out + (<usize>i << 2), fma_f32(u01_f32(g), range, lo));
  }
}

// One double normal sample (at::normal_distribution<double>): returns the
// cached r sin θ if there is one, else draws u1 then u2 and caches r sin θ.
function normal_f64(g: usize): f64 {
  if (load<i32>(g, HAS_NORMAL)) {
    store<i32>(g, 0, HAS_NORMAL);
    return load<f64>(g, NORMAL);
  }
  const u1 = u01_f64(g);
  const u2 = u01_f64(g);
  const r = Math.sqrt(-2.0 * Math.log(1.0 - u2));
  const theta = 2.0 * Math.PI * u1;
  store<f64>(g, r * Math.sin(theta), NORMAL);
  store<i32>(g, 1, HAS_NORMAL);
  return r * Math.cos(theta);
}

// PyTorch on an AVX2 CPU (CPU capability AVX2) runs normal_fill_16_AVX2,
// whose log and sincos are the Cephes polynomials of aten/src/ATen/native/cpu/
// avx_mathfun.h, not libm. These are the same steps in the same float order, with
// fma where GCC contracts `a * b + c` of the intrinsics: every polynomial step,
// the Cody-Waite reduction, y*z + e*q1 in log (the first product is fused) and
// y*z - z/2 in sincos. Checked bit for bit against Debian's torch 1.13 (400k samples).
// @ts-ignore: decorator
@inline const SQRTHF: f32 = 0.707106781186547524;

/** ln(x) for x in (0, 1] as log256_ps computes it. */
function log_avx(x: f32): f32 {
  const ix = reinterpret<u32>(x);
  let e = <f32>(<i32>(ix >> 23) - 0x7f) + 1;
  x = reinterpret<f32>((ix & ~0x7f800000) | 0x3f000000); // mantissa in [0.5, 1)
  // x < √½: e -= 1, x = 2x - 1, else x = x - 1 (as the vector code: (x - 1) + x)
  if (x < SQRTHF) {
    e -= 1;
    x = (x - 1) + x;
  } else {
    x = x - 1;
  }
  const z = x * x;
  let y: f32 = 7.0376836292e-2;
  y = fma_f32(y, x, -1.1514610310e-1);
  y = fma_f32(y, x, 1.1676998740e-1);
  y = fma_f32(y, x, -1.2420140846e-1);
  y = fma_f32(y, x, 1.4249322787e-1);
  y = fma_f32(y, x, -1.6668057665e-1);
  y = fma_f32(y, x, 2.0000714765e-1);
  y = fma_f32(y, x, -2.4999993993e-1);
  y = fma_f32(y, x, 3.3333331174e-1);
  y = y * x;
  y = fma_f32(y, z, e * <f32>-2.12194440e-4);
  y = fma_f32(-z, 0.5, y);
  return fma_f32(e, 0.693359375, x + y);
}

/** sin and cos of x >= 0 as sincos256_ps computes them; cos goes to the global SINCOS_C. */
let SINCOS_C: f32 = 0;
function sincos_avx(x: f32): f32 {
  let j = <i32>(x * <f32>1.27323954473516); // 4/π, truncated
  j = (j + 1) & ~1;
  const y0 = <f32>j;
  x = fma_f32(y0, -0.78515625, x);
  x = fma_f32(y0, -2.4187564849853515625e-4, x);
  x = fma_f32(y0, -3.77489497744594108e-8, x);
  const z = x * x;
  let c = fma_f32(2.443315711809948e-5, z, -1.388731625493765e-3);
  c = fma_f32(c, z, 4.166664568298827e-2);
  c = c * z;
  c = fma_f32(c, z, -(z * 0.5)) + 1;
  let s = fma_f32(-1.9515295891e-4, z, 8.3321608736e-3);
  s = fma_f32(s, z, -1.6666654611e-1);
  s = s * z;
  s = fma_f32(s, x, x);
  const swap = (j & 2) != 0; // octants where sin uses the cos polynomial
  let sin = swap ? c : s;
  let cos = swap ? s : c;
  if (j & 4) sin = -sin;
  if (~(j - 2) & 4) cos = -cos;
  SINCOS_C = cos;
  return sin;
}

// Box-Muller on one block of 16 uniforms in place, pairs (j, j + 8), as
// normal_fill_16_AVX2: u1 = 1 - data[j], r = sqrt(-2 ln u1), θ = float(2π) * u2,
// data[j] = fma(r cos θ, std, mean), data[j + 8] = fma(r sin θ, std, mean).
function normal_fill_16(p: usize, mean: f32, std: f32): void {
  for (let j: usize = 0; j < 8; j++) {
    const a = p + (j << 2);
    const u1: f32 = 1 - load<f32>(a);
    const u2 = load<f32>(a, 32);
    const radius = Mathf.sqrt(<f32>-2 * log_avx(u1));
    const sin = sincos_avx(<f32>(2 * Math.PI) * u2);
    store<f32>(a, fma_f32(radius * SINCOS_C, std, mean));
    store<f32>(a, fma_f32(radius * sin, std, mean), 32);
  }
}

/** normal_(mean, std) / randn on a contiguous float32 tensor of n elements.
 *  n >= 16: fill with float uniforms, Box-Muller each full block of 16, and if
 *  n % 16 != 0 draw 16 fresh uniforms into the last 16 slots and transform them
 *  (overlapping the previous block). n < 16: one double normal per element, with
 *  the generator's cached sample. e.g. torch.randn(3) is randn_f32(g, out, 3, 0, 1). */
export function randn_f32(g: usize, out: usize, n: i32, mean: f64, std: f64): void {
  if (n < 16) {
    for (let i = 0; i < n; i++) {
      store<f32>(out + (<usize>i << 2), <f32>(normal_f64(g) * std + mean));
    }
    return;
  }
  const m = <f32>mean;
  const s = <f32>std;
  for (let i = 0; i < n; i++) store<f32>(out + (<usize>i << 2), u01_f32(g));
  for (let i = 0; i + 16 <= n; i += 16) normal_fill_16(out + (<usize>i << 2), m, s);
  if (n & 15) {
    const last = out + (<usize>(n - 16) << 2);
    for (let i = 0; i < 16; i++) store<f32>(last + (<usize>i << 2), u01_f32(g));
    normal_fill_16(last, m, s);
  }
}

/** randint(low, high) / random_(low, high) for low < high: random() % (high - low) + low. PyTorch draws
 *  random64() when the range needs more than 32 bits: in int32 only [-2^31, 2^31), whose range 2^32 is 0 as
 *  a u32 (random64() % 2^32 is its low word). */
export function randint_i32(g: usize, out: usize, n: i32, low: i32, high: i32): void {
  const range = <u32>(high - low);
  if (range == 0) {
    for (let i = 0; i < n; i++) store<i32>(out + (<usize>i << 2), <i32><u32>gen_u64(g) + low);
    return;
  }
  for (let i = 0; i < n; i++) {
    store<i32>(out + (<usize>i << 2), <i32>(gen_u32(g) % range) + low);
  }
}

/** randperm(n) (randperm_cpu): identity, then swap i with i + random() % (n - i). */
export function randperm_i32(g: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<i32>(out + (<usize>i << 2), i);
  for (let i = 0; i < n - 1; i++) {
    const z = <i32>(gen_u32(g) % <u32>(n - i));
    const a = out + (<usize>i << 2);
    const b = out + (<usize>(i + z) << 2);
    const t = load<i32>(a);
    store<i32>(a, load<i32>(b));
    store<i32>(b, t);
  }
}

/** bernoulli_(p) on float32 without MKL (bernoulli_scalar_kernel_default):
 *  out[i] = u < p ? 1 : 0 with u a double uniform (53 bits of random64()).
 *  F.dropout(x, p, training=True) on the CPU is x * bernoulli_(1 - p) / (1 - p). */
export function bernoulli_f32(g: usize, out: usize, n: i32, p: f64): void {
  for (let i = 0; i < n; i++) {
    store<f32>(out + (<usize>i << 2), u01_f64(g) < p ? <f32>1 : <f32>0);
  }
}

/** torch.bernoulli(p) for a float32 probability tensor (bernoulli_tensor_cpu_kernel):
 *  out[i] = u < p[i] ? 1 : 0 with u a float uniform (24 bits of one random()), a
 *  different stream from bernoulli_(p) with a Python float p. */
export function bernoulli_tensor_f32(g: usize, out: usize, p: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, u01_f32(g) < load<f32>(p + o) ? <f32>1 : <f32>0);
  }
}

/** exponential_(lambd) on float32 without MKL (exponential_kernel, exponential_distribution<double>):
 *  out[i] = float(-1 / lambd * log(1 - u)) with u a double uniform (53 bits of random64()).
 *  Exponential(rate).rsample() is exponential_() / rate. */
export function exponential_f32(g: usize, out: usize, n: i32, lambd: f64): void {
  for (let i = 0; i < n; i++) {
    store<f32>(out + (<usize>i << 2), <f32>(-1.0 / lambd * Math.log(1.0 - u01_f64(g))));
  }
}

// ---- Gamma and Dirichlet (aten/src/ATen/native/Distributions.h, sample_gamma; Distributions.cpp,
// _s_gamma_cpu and _s_dirichlet_cpu): Marsaglia and Tsang's rejection sampler on the double uniform and
// double normal streams, in double, without fma (Distributions.cpp is not an AVX2 kernel file).

// The acceptance loop, for d = alpha - 1/3 (alpha boosted past 1) and the boost's scale.
function marsaglia_tsang(g: usize, d: f64, scale: f64): f64 {
  const c = 1.0 / Math.sqrt(9.0 * d);
  for (;;) {
    let x: f64;
    let y: f64;
    do {
      x = normal_f64(g);
      y = 1.0 + c * x;
    } while (y <= 0);
    const v = y * y * y;
    const u = 1 - u01_f64(g);
    const xx = x * x;
    if (u < 1.0 - <f64><f32>0.0331 * xx * xx) return scale * d * v;
    if (Math.log(u) < 0.5 * xx + d * (1.0 - v + Math.log(v))) return scale * d * v;
  }
  return unreachable();
}

// sample_gamma<float, double>: alpha's own steps are float (1.0f / alpha, alpha += 1, alpha - 1.0f / 3.0f).
function sample_gamma_f32(g: usize, alpha: f32): f64 {
  let scale = 1.0;
  if (alpha < 1) {
    if (alpha == 0) return 0;
    scale *= Math.pow(1 - u01_f64(g), <f64>(<f32>1 / alpha));
    alpha += 1;
  }
  return marsaglia_tsang(g, <f64>(alpha - <f32>(1.0 / 3.0)), scale);
}

// sample_gamma<double, double>, as the Dirichlet sampler calls it.
function sample_gamma_f64(g: usize, alpha: f64): f64 {
  let scale = 1.0;
  if (alpha < 1) {
    if (alpha == 0) return 0;
    scale *= Math.pow(1 - u01_f64(g), 1.0 / alpha);
    alpha += 1;
  }
  return marsaglia_tsang(g, alpha - <f64><f32>(1.0 / 3.0), scale);
}

/** torch._standard_gamma(alpha) on float32 (_s_gamma_cpu): one draw per element of the contiguous
 *  alpha, in order, rounded to float and floored at FLT_MIN. Gamma(c, r).rsample() is this / r. */
export function standard_gamma_f32(g: usize, out: usize, alpha: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const s = <f32>sample_gamma_f32(g, load<f32>(alpha + o));
    store<f32>(out + o, <f32>1.17549435e-38 < s ? s : <f32>1.17549435e-38); // std::max(FLT_MIN, s)
  }
}

/** torch._sample_dirichlet(alpha) on float32 (_s_dirichlet_cpu) for `rows` contiguous rows of k: first a
 *  double gamma for every element (floored at DBL_MIN) into `work` (8 bytes each), then each divided by
 *  its row's double sum, rounded to float, clamped to [FLT_MIN, 1 - 2^-24]. */
export function dirichlet_f32(g: usize, out: usize, alpha: usize, rows: i32, k: i32, work: usize): void {
  const n = rows * k;
  for (let i = 0; i < n; i++) {
    const s = sample_gamma_f64(g, <f64>load<f32>(alpha + (<usize>i << 2)));
    store<f64>(work + (<usize>i << 3), 2.2250738585072014e-308 < s ? s : 2.2250738585072014e-308);
  }
  for (let r = 0; r < rows; r++) {
    const w = work + (<usize>(r * k) << 3);
    let sum = 0.0;
    for (let j = 0; j < k; j++) sum += load<f64>(w + (<usize>j << 3));
    for (let j = 0; j < k; j++) {
      const v = <f32>(load<f64>(w + (<usize>j << 3)) / sum);
      const lo = <f32>1.17549435e-38 < v ? v : <f32>1.17549435e-38;
      store<f32>(out + (<usize>(r * k + j) << 2), lo < <f32>0.99999994 ? lo : <f32>0.99999994);
    }
  }
}

// ---- Cauchy, Poisson and binomial (aten/src/ATen/core/TransformationHelper.h and DistributionsHelper.h,
// cauchy; aten/src/ATen/native/Distributions.cpp and Distributions.h, sample_poisson, sample_binomial):
// PyTorch's CPU samplers on the double uniform stream, in PyTorch's float / double steps.

/** x.cauchy_(median, sigma) on float32: out[i] = float(median + sigma * tan(pi * (u - 0.5))) with u a
 *  double uniform (53 bits of random64()). Cauchy(loc, scale).rsample() is loc + cauchy_() * scale. */
export function cauchy_f32(g: usize, out: usize, n: i32, median: f64, sigma: f64): void {
  for (let i = 0; i < n; i++) {
    store<f32>(out + (<usize>i << 2), <f32>(median + sigma * Math.tan(Math.PI * (u01_f64(g) - 0.5))));
  }
}

// sample_poisson: Hoermann's transformed rejection for lambda >= 10, else multiplying uniforms.
function sample_poisson(g: usize, lambda: f64): f64 {
  if (lambda >= 10) {
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const U = u01_f64(g) - 0.5;
      const V = u01_f64(g);
      const us = 0.5 - Math.abs(U);
      const k = Math.floor((2 * a / us + b) * U + lambda + 0.43);
      if (us >= 0.07 && V <= vr) return k;
      if (k < 0 || (us < 0.013 && V > us)) continue;
      if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - lgamma_f64(k + 1)) return k;
    }
  }
  if (lambda == 0) return 0;
  const enlam = Math.exp(-lambda);
  let x = 0.0;
  let prod = 1.0;
  for (;;) {
    prod *= u01_f64(g);
    if (prod > enlam) x += 1;
    else return x;
  }
  return unreachable();
}

/** torch.poisson(rate) on float32 (_s_poisson_cpu): one draw per element of the contiguous rate, in order. */
export function poisson_f32(g: usize, out: usize, rate: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, <f32>sample_poisson(g, <f64>load<f32>(rate + o)));
  }
}

// stirling_approx_tail: log(k!) minus its Stirling approximation.
function stirling_tail(k: f64): f64 {
  if (k <= 9) {
    switch (<i32>k) {
      case 0: return 0.0810614667953272;
      case 1: return 0.0413406959554092;
      case 2: return 0.0276779256849983;
      case 3: return 0.02079067210376509;
      case 4: return 0.0166446911898211;
      case 5: return 0.01387612882307075;
      case 6: return 0.01189670994589177;
      case 7: return 0.01041126526197209;
      case 8: return 0.009255462182712733;
      default: return 0.008330563433362871;
    }
  }
  const kp1sq = (k + 1) * (k + 1);
  return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1);
}

// btrs<float, double>: Hoermann's transformed rejection with squeeze; count and prob are float, as in ATen.
function btrs(g: usize, count: f32, prob: f32): f32 {
  const stddev = <f64>(<f32>Math.sqrt(<f64>(count * prob * (<f32>1 - prob))));
  const b = 1.15 + 2.53 * stddev;
  const a = -0.0873 + 0.0248 * b + 0.01 * <f64>prob;
  const c = <f64>(count * prob) + 0.5;
  const v_r = 0.92 - 4.2 / b;
  const r = <f64>(prob / (<f32>1 - prob));
  const alpha = (2.83 + 5.1 / b) * stddev;
  const m = <f64>Mathf.floor((count + 1) * prob);
  const n = <f64>count;
  for (;;) {
    const U = u01_f64(g) - 0.5;
    let V = u01_f64(g);
    const us = 0.5 - Math.abs(U);
    const k = <f32>Math.floor((2 * a / us + b) * U + c);
    if (us >= 0.07 && V <= v_r) return k;
    if (k < 0 || k > count) continue;
    V = Math.log(V * alpha / (a / (us * us) + b));
    const kd = <f64>k;
    const nk = <f64>(count - k + 1);
    const upper = (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1))) + <f64>(count + 1) * Math.log((n - m + 1) / nk) +
      (kd + 0.5) * Math.log(r * nk / <f64>(k + 1)) + stirling_tail(m) + stirling_tail(n - m) - stirling_tail(kd) - stirling_tail(<f64>(count - k));
    if (V <= upper) return k;
  }
  return unreachable();
}

// binomial_inversion<float, double>: counts geometric waiting times until they pass count.
function binomial_inversion(g: usize, count: f32, prob: f32): f32 {
  const logprob = <f64>(<f32>Math.log1p(-<f64>prob)); // compat_log1p on a float
  let geom_sum = 0.0;
  let num_geom: f32 = 0;
  for (;;) {
    geom_sum += Math.ceil(Math.log(u01_f64(g)) / logprob);
    if (geom_sum > <f64>count) break;
    num_geom += 1;
  }
  return num_geom;
}

function sample_binomial(g: usize, count: f32, prob: f32): f32 {
  if (count <= 0 || prob <= 0) return 0;
  if (prob >= 1) return count;
  if (prob <= 0.5) return <f64>(count * prob) >= 10.0 ? btrs(g, count, prob) : binomial_inversion(g, count, prob);
  if (prob > 0.5) {
    const q = <f32>(1.0 - <f64>prob);
    return count - (<f64>(count * q) >= 10.0 ? btrs(g, count, q) : binomial_inversion(g, count, q));
  }
  return NaN;
}

/** torch.binomial(count, prob) on float32 (_s_binomial_cpu): one draw per element of the contiguous
 *  count and prob, in order (BTRS when count * min(p, 1 - p) >= 10, inversion below). */
export function binomial_f32(g: usize, out: usize, count: usize, prob: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, sample_binomial(g, load<f32>(count + o), load<f32>(prob + o)));
  }
}

/**
 * torch.multinomial with replacement (as PyTorch 1.13's CPU kernel) for rows of n float32 weights p: per row,
 * the cumulative sums rounded to f32 (cum, n f64 of scratch), normalized and closed with 1, then k draws,
 * each the first bin whose cumulative sum is not below a uniform double. Rows are checked as they come,
 * as PyTorch's: returns 0, or (row << 2 | code) for the first bad row (code 1: an entry < 0, 2: an infinite
 * or NaN entry, 3: a sum <= 0), after drawing the rows before it.
 */
export function multinomial_f32(out: usize, p: usize, rows: i32, n: i32, k: i32, g: usize, cum: usize): i32 {
  for (let r = 0; r < rows; r++) {
    const row = p + (<usize>(r * n) << 2);
    let s: f64 = 0;
    for (let j = 0; j < n; j++) {
      const v = <f64>load<f32>(row + (<usize>j << 2));
      if (!(v >= 0)) return (r << 2) | 1;
      if (!isFinite(v)) return (r << 2) | 2;
      s = <f64><f32>(s + v);
      store<f64>(cum + (<usize>j << 3), s);
    }
    if (!(s > 0)) return (r << 2) | 3;
    for (let j = 0; j < n; j++) {
      const c = cum + (<usize>j << 3);
      store<f64>(c, <f64><f32>(load<f64>(c) / s));
    }
    store<f64>(cum + (<usize>(n - 1) << 3), 1);
    for (let t = 0; t < k; t++) {
      const x = u01_f64(g);
      let lo = 0;
      let hi = n;
      while (hi > lo) {
        const mid = lo + ((hi - lo) >> 1);
        if (load<f64>(cum + (<usize>mid << 3)) < x) lo = mid + 1;
        else hi = mid;
      }
      store<i32>(out + (<usize>(r * k + t) << 2), lo);
    }
  }
  return 0;
}

/**
 * F.rrelu in training (ATen's _rrelu_with_noise_train): each x <= 0 draws its slope r =
 * uniform_real_distribution<double>(lo, lo + span) rounded to float, out = x · r, noise = r; others
 * out = x, noise = 1.
 */
export function rrelu_f32(out: usize, noise: usize, x: usize, n: i32, g: usize, lo: f64, span: f64): void {
  for (let i = 0; i < n; i++) {
    const q = <usize>i << 2;
    const v = load<f32>(x + q);
    if (v <= 0) {
      const r = <f32>(u01_f64(g) * span + lo);
      store<f32>(out + q, v * r);
      store<f32>(noise + q, r);
    } else {
      store<f32>(out + q, v);
      store<f32>(noise + q, 1);
    }
  }
}

/** x.log_normal_(mean, std) on float32 (log_normal_kernel, lognormal_distribution<double>): out[i] =
 *  float(exp(z * std + mean)) with z the generator's double normal sample (cached second Box-Muller value first). */
export function log_normal_f32(g: usize, out: usize, n: i32, mean: f64, std: f64): void {
  for (let i = 0; i < n; i++) {
    store<f32>(out + (<usize>i << 2), <f32>Math.exp(normal_f64(g) * std + mean));
  }
}

/** x.geometric_(p) on float32 (geometric_kernel, geometric_distribution<double>): out[i] =
 *  float(ceil(log(u) / log1p(-p))) with u a double uniform (53 bits of random64()). */
export function geometric_f32(g: usize, out: usize, n: i32, p: f64): void {
  const d = Math.log1p(-p);
  for (let i = 0; i < n; i++) {
    store<f32>(out + (<usize>i << 2), <f32>Math.ceil(Math.log(u01_f64(g)) / d));
  }
}
