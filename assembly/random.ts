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

/** uniform_(from, to) / rand on float32: out[i] = u * (to - from) + from, all in float,
 *  with u = (random() & 0xffffff) * 2^-24. from/to are rounded to float first, as PyTorch does.
 *  e.g. torch.rand(5) is rand_f32(g, out, 5, 0, 1). */
export function rand_f32(g: usize, out: usize, n: i32, from: f64, to: f64): void {
  const lo = <f32>from;
  const range = <f32>to - lo;
  for (let i = 0; i < n; i++) {
    store<f32>(out + (<usize>i << 2), u01_f32(g) * range + lo);
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

// Box-Muller on one block of 16 uniforms in place: pairs (j, j + 8).
// PyTorch's x86 build runs normal_fill_16_AVX2 here: theta = float(2π) * u2 in
// float and data = fma(r cos θ, std, mean); the log/sin/cos are polynomials
// (avx_mathfun.h), so results can differ from these by an ulp or two.
function normal_fill_16(p: usize, mean: f32, std: f32): void {
  for (let j: usize = 0; j < 8; j++) {
    const a = p + (j << 2);
    const u1: f32 = 1.0 - load<f32>(a);
    const u2 = load<f32>(a, 32);
    const radius = Mathf.sqrt(<f32>-2.0 * Mathf.log(u1));
    const theta = <f32>(2.0 * Math.PI) * u2;
    store<f32>(a, fma_f32(radius * Mathf.cos(theta), std, mean));
    store<f32>(a, fma_f32(radius * Mathf.sin(theta), std, mean), 32);
  }
}

// float fma through double: a*b is exact in double, one rounding of the sum
// to double then to float (a double rounding only on exact float midpoints).
// @ts-ignore: decorator
@inline function fma_f32(a: f32, b: f32, c: f32): f32 {
  return <f32>(<f64>a * <f64>b + <f64>c);
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

/** randint(low, high) / random_(low, high): random() % (high - low) + low.
 *  (PyTorch draws random64() only when the range needs more than 32 bits, which
 *  an int32 range never does.) */
export function randint_i32(g: usize, out: usize, n: i32, low: i32, high: i32): void {
  const range = <u32>(high - low);
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
