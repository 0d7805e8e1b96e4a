// The C library's float functions that PyTorch's special-function kernels call (std::exp, std::log,
// std::sin, std::cos, sincos, std::acos on float), computed as glibc 2.36 on x86-64 computes them, so
// ports of those kernels give PyTorch's bits rather than the nearest float:
//   expf, logf, sinf, cosf   Arm's optimized-routines (glibc's sysdeps/ieee754/flt-32): evaluated in
//                            double and rounded once. glibc picks the variants built with -mfma on AVX2
//                            machines; in double a contraction moves the result by about 2^-53, which
//                            changes the rounded float with odds near 2^-29, so plain double arithmetic
//                            is used, except in sin/cos's argument reduction x - n·π/2, whose fused
//                            form cancels and is reproduced exactly.
//   acosf                    fdlibm's float code (e_acosf.c), float arithmetic throughout.
//   log1pf, asinhf, acoshf,  fdlibm's float code too (PyTorch maps std::asinh/acosh/atanh over every element).
//   atanhf
// scripts/libm-check.mjs compares each port with this host's libm on all 2^32 floats (scripts/libm-harness.ts lists them).
// The rounded double of a correctly rounded function differs from these in about 1 case in 80
// (sinf/cosf, up to 0.56 ulp), 1 in 13 (acosf) and 1 in 1500 (expf, logf) on this host's libm.

// ---------------------------------------------------------------- expf

// 2^(i/32) as double bits, minus i << 47 (so adding k << 47 scales by 2^(k/32))
const EXP2F_TAB = memory.data<u64>([
  0x3ff0000000000000, 0x3fefd9b0d3158574, 0x3fefb5586cf9890f, 0x3fef9301d0125b51,
  0x3fef72b83c7d517b, 0x3fef54873168b9aa, 0x3fef387a6e756238, 0x3fef1e9df51fdee1,
  0x3fef06fe0a31b715, 0x3feef1a7373aa9cb, 0x3feedea64c123422, 0x3feece086061892d,
  0x3feebfdad5362a27, 0x3feeb42b569d4f82, 0x3feeab07dd485429, 0x3feea47eb03a5585,
  0x3feea09e667f3bcd, 0x3fee9f75e8ec5f74, 0x3feea11473eb0187, 0x3feea589994cce13,
  0x3feeace5422aa0db, 0x3feeb737b0cdc5e5, 0x3feec49182a3f090, 0x3feed503b23e255d,
  0x3feee89f995ad3ad, 0x3feeff76f2fb5e47, 0x3fef199bdd85529c, 0x3fef3720dcef9069,
  0x3fef5818dcfba487, 0x3fef7c97337b9b5f, 0x3fefa4afa2a490da, 0x3fefd0765b6e4540,
]);

/** e^x (glibc's __expf): x·32/ln2 = k + r, e^x = 2^(k/32) · (a cubic in r). */
export function c_expf(x: f32): f32 {
  const ux = reinterpret<u32>(x);
  const abstop = (ux >> 20) & 0x7ff;
  if (abstop >= 0x42b) { // |x| >= 88 or NaN
    if (ux == 0xff800000) return 0;
    if (abstop >= 0x7f8) return x + x;
    if (x > reinterpret<f32>(0x42b17217)) return Infinity; // > log(0x1p128)
    if (x < reinterpret<f32>(0xc2cff1b4)) return 0; // < log(0x1p-150)
  }
  const SHIFT: f64 = 6755399441055744.0; // 0x1.8p+52
  const z = 46.16624130844683 * <f64>x; // 0x1.71547652b82fep+0 * 32
  let kd = z + SHIFT;
  const ki = reinterpret<u64>(kd);
  kd -= SHIFT;
  const r = z - kd;
  const t = load<u64>(EXP2F_TAB + (<usize>(ki & 31) << 3)) + (ki << 47);
  const s = reinterpret<f64>(t);
  const C0: f64 = 1.6938359250920212e-06; // 0x1.c6af84b912394p-5 / 32³
  const C1: f64 = 0.00023459809789509004; // 0x1.ebfce50fac4f3p-3 / 32²
  const C2: f64 = 0.021660849396613134; // 0x1.62e42ff0c52d6p-1 / 32
  const zz = C0 * r + C1;
  const r2 = r * r;
  let y = C2 * r + 1;
  y = zz * r2 + y;
  return <f32>(y * s);
}

// ---------------------------------------------------------------- logf

// (1/c, log c) for the 16 subintervals of [0x3f330000, 2 · 0x3f330000)
const LOGF_TAB = memory.data<f64>([
  1.398907162146528, -0.33569133332882284, 1.3403141896637998, -0.2929040563774074,
  1.286432210124115, -0.2518726580937369, 1.2367150214269895, -0.21245868807117255,
  1.1906977166711752, -0.17453945183745634, 1.1479821020556429, -0.1380057072319758,
  1.1082251448272158, -0.10275976698545139, 1.0711297413057381, -0.06871392447020525,
  1.036437278977283, -0.0357891387398228, 1.0, 0.0,
  0.9492859795739057, 0.05204517742929496, 0.8951049428609004, 0.11081431298787942,
  0.8476821620351103, 0.1652495223695143, 0.8050314851692001, 0.21687389031699977,
  0.7664671008843108, 0.2659635028121397, 0.731428603316328, 0.3127556664073557,
]);

/** log x (glibc's __logf): x = 2^k z, log x = k ln2 + log c + log1p(z/c - 1) by a cubic. */
export function c_logf(x: f32): f32 { return logf_steps(x, false); }

/** __logf's steps; `fused`: its five multiply-adds fused, as glibc's -mfma build has them (c_logf_fused). */
// @ts-ignore: decorator
@inline function logf_steps(x: f32, fused: bool): f32 {
  let ix = reinterpret<u32>(x);
  if (ix == 0x3f800000) return 0;
  if (ix - 0x00800000 >= 0x7f800000 - 0x00800000) {
    // x < 0x1p-126 or inf or nan
    if (ix << 1 == 0) return -Infinity;
    if (ix == 0x7f800000) return x;
    if ((ix & 0x80000000) != 0 || ix << 1 >= 0xff000000) return NaN;
    ix = reinterpret<u32>(x * <f32>8388608.0); // subnormal: normalize
    ix -= 23 << 23;
  }
  const tmp = ix - 0x3f330000;
  const i = (tmp >> 19) & 15;
  const k = <i32>tmp >> 23;
  const iz = ix - (tmp & (0x1ff << 23));
  const c = LOGF_TAB + (<usize>i << 4);
  const r = mad64(<f64>reinterpret<f32>(iz), load<f64>(c), -1, fused); // z / c - 1
  const y0 = mad64(<f64>k, 0.6931471805599453, load<f64>(c, 8), fused); // k ln2 + log c (0x1.62e42fefa39efp-1)
  const r2 = r * r;
  let y = mad64(0.333456765744066, r, -0.4999997485802103, fused); // A[1] r + A[2]
  y = mad64(-0.25089342214237154, r2, y, fused); // A[0] r² + y
  return <f32>mad64(y, r2, y0 + r, fused);
}
/** a b + c, fused or as two roundings. */
// @ts-ignore: decorator
@inline function mad64(a: f64, b: f64, c: f64, fused: bool): f64 { return fused ? fma64(a, b, c) : a * b + c; }

// ---------------------------------------------------------------- sinf, cosf

// sin(x) ≈ x + s1 x³ + x⁵(s2 + s3 x²); cos(x) ≈ c0 + c1 x² + c2 x⁴ + x⁶(c3 + c4 x²); the second
// table (quadrants 2 and 3) negates the cosine coefficients.
const SC_C1: f64 = -0.49999999725108224; // -0x1.ffffffd0c621cp-2
const SC_C2: f64 = 0.041666623324344516; // 0x1.55553e1068f19p-5
const SC_C3: f64 = -0.001388676379437604; // -0x1.6c087e89a359dp-10
const SC_C4: f64 = 2.4390450703564542e-05; // 0x1.99343027bf8c3p-16
const SC_S1: f64 = -0.16666654943701084; // -0x1.555545995a603p-3
const SC_S2: f64 = 0.008332178146138854; // 0x1.1107605230bc4p-7
const SC_S3: f64 = -0.00019517298981385725; // -0x1.994eb3774cf24p-13

// 4/π to 192 bits, 8 new bits per entry
const INV_PIO4 = memory.data<u32>([
  0xa2, 0xa2f9, 0xa2f983, 0xa2f9836e, 0xf9836e4e, 0x836e4e44, 0x6e4e4415, 0x4e441529,
  0x441529fc, 0x1529fc27, 0x29fc2757, 0xfc2757d1, 0x2757d1f5, 0x57d1f534, 0xd1f534dd, 0xf534ddc0,
  0x34ddc0db, 0xddc0db62, 0xc0db6295, 0xdb629599, 0x6295993c, 0x95993c43, 0x993c4390, 0x3c439041,
]);

/** sinf_poly: the sine (n even) or cosine (n odd) polynomial at x (x2 = x²); neg negates the cosine. */
function sinf_poly(x: f64, x2: f64, neg: bool, n: i32): f32 {
  if ((n & 1) == 0) {
    const x3 = x * x2;
    const s1 = SC_S2 + x2 * SC_S3;
    const x7 = x3 * x2;
    const s = x + x3 * SC_S1;
    return <f32>(s + x7 * s1);
  }
  const g: f64 = neg ? -1 : 1;
  const x4 = x2 * x2;
  const c2 = g * SC_C3 + x2 * (g * SC_C4);
  const c1 = g + x2 * (g * SC_C1);
  const x6 = x4 * x2;
  const c = c1 + x4 * (g * SC_C2);
  return <f32>(c + x6 * c2);
}

// π/2 = HPI_HI + HPI_LO with HPI_HI on 46 bits, so n·HPI_HI (|n| < 128) and x - n·HPI_HI are exact and
// the reduction rounds once, as the fused x - n·π/2 of glibc's -mfma build does.
const HPI_HI: f64 = reinterpret<f64>(0x3ff921fb54442d00);
const HPI_LO: f64 = 1.5707963267948966 - HPI_HI; // exact: 0x1.921FB54442D18p0 - HPI_HI

/** sin (cos: 1) of a float, as glibc's __sinf / __cosf. */
function sincosf1(y: f32, cos: i32): f32 {
  const ux = reinterpret<u32>(y);
  const top = (ux >> 20) & 0x7ff;
  let x = <f64>y;
  if (top < 0x3f4) { // |y| < π/4
    if (top < 0x398) return cos ? 1 : y; // |y| < 2^-12
    return sinf_poly(x, x * x, false, cos);
  }
  let n: i32;
  let sgn: i32 = 0;
  if (top < 0x42f) { // |y| < 120
    const r = x * 10680707.430881744; // 0x1.45F306DC9C883p+23: 2/π prescaled by 2^24
    n = (<i32>r + 0x800000) >> 24;
    const nd = <f64>n;
    x = (x - nd * HPI_HI) - nd * HPI_LO;
  } else if (top < 0x7f8) {
    // Payne-Hanek: a 32x96-bit product with 4/π gives the 2.62 fixed-point modulo exactly
    const arr = INV_PIO4 + (<usize>((ux >> 26) & 15) << 2);
    const shift = (ux >> 23) & 7;
    const xi = ((ux & 0xffffff) | 0x800000) << shift;
    let res0 = <u64>(xi * load<u32>(arr));
    const res1 = <u64>xi * <u64>load<u32>(arr, 16);
    const res2 = <u64>xi * <u64>load<u32>(arr, 32);
    res0 = (res2 >> 32) | (res0 << 32);
    res0 += res1;
    const nn = (res0 + (<u64>1 << 61)) >> 62;
    res0 -= nn << 62;
    n = <i32>nn;
    x = <f64><i64>res0 * 3.4061215800865545e-19; // 0x1.921FB54442D18p-62
    sgn = <i32>(ux >> 31);
  } else {
    return NaN;
  }
  const q = n + sgn;
  const s: f64 = ((q + 1) & 2) != 0 ? -1 : 1; // sign[q & 3] = {1, -1, -1, 1}
  return sinf_poly(x * s, x * x, (q & 2) != 0, n ^ cos);
}

/** sin x, as glibc's sinf (and sincosf's sine). */
export function c_sinf(x: f32): f32 { return sincosf1(x, 0); }
/** cos x, as glibc's cosf (and sincosf's cosine). */
export function c_cosf(x: f32): f32 { return sincosf1(x, 1); }

// ---------------------------------------------------------------- acosf

const ACOS_PS0: f32 = reinterpret<f32>(0x3e2aaaab);
const ACOS_PS1: f32 = reinterpret<f32>(0xbea6b090);
const ACOS_PS2: f32 = reinterpret<f32>(0x3e4e0aa8);
const ACOS_PS3: f32 = reinterpret<f32>(0xbd241146);
const ACOS_PS4: f32 = reinterpret<f32>(0x3a4f7f04);
const ACOS_PS5: f32 = reinterpret<f32>(0x3811ef08);
const ACOS_QS1: f32 = reinterpret<f32>(0xc019d139);
const ACOS_QS2: f32 = reinterpret<f32>(0x4001572d);
const ACOS_QS3: f32 = reinterpret<f32>(0xbf303361);
const ACOS_QS4: f32 = reinterpret<f32>(0x3d9dc62e);
const PIO2_HI: f32 = reinterpret<f32>(0x3fc90fda);
const PIO2_LO: f32 = reinterpret<f32>(0x33a22168);

// @ts-ignore: decorator
@inline function acos_r(z: f32): f32 {
  const p = z * (ACOS_PS0 + z * (ACOS_PS1 + z * (ACOS_PS2 + z * (ACOS_PS3 + z * (ACOS_PS4 + z * ACOS_PS5)))));
  const q = <f32>1 + z * (ACOS_QS1 + z * (ACOS_QS2 + z * (ACOS_QS3 + z * ACOS_QS4)));
  return p / q;
}

/** acos x, as glibc 2.36's __ieee754_acosf (fdlibm, in float). */
export function c_acosf(x: f32): f32 {
  const hx = reinterpret<i32>(x);
  const ix = hx & 0x7fffffff;
  if (ix == 0x3f800000) return hx > 0 ? 0 : reinterpret<f32>(0x40490fda) + <f32>2 * PIO2_LO; // ±1
  if (ix > 0x3f800000) return NaN; // |x| > 1, NaN
  if (ix < 0x3f000000) { // |x| < 0.5
    if (ix <= 0x23000000) return PIO2_HI + PIO2_LO;
    return PIO2_HI - (x - (PIO2_LO - x * acos_r(x * x)));
  }
  if (hx < 0) { // x < -0.5
    const z = (<f32>1 + x) * <f32>0.5;
    const s = sqrt<f32>(z);
    const w = acos_r(z) * s - PIO2_LO;
    return reinterpret<f32>(0x40490fda) - <f32>2 * (s + w);
  }
  const z = (<f32>1 - x) * <f32>0.5; // x > 0.5
  const s = sqrt<f32>(z);
  const df = reinterpret<f32>(reinterpret<u32>(s) & 0xfffff000);
  const c = (z - df * df) / (s + df);
  const w = acos_r(z) * s + c;
  return <f32>2 * (df + w);
}

// ---------------------------------------------------------------- erff

/** A polynomial's coefficient list evaluated as fdlibm writes it, c0 + s·(c1 + s·(c2 + ...)), in float. */
// @ts-ignore: decorator
@inline function hornerf(s: f32, c: usize, n: i32): f32 {
  let p = load<f32>(c + (<usize>(n - 1) << 2));
  for (let i = n - 2; i >= 0; i--) p = load<f32>(c + (<usize>i << 2)) + s * p;
  return p;
}
// fdlibm's s_erff.c coefficients, each list lowest degree first (the leading 1 of Q and S included)
const ERFF_PP = memory.data<f32>([1.2837916613e-01, -3.2504209876e-01, -2.8481749818e-02, -5.7702702470e-03, -2.3763017452e-05]);
const ERFF_QQ = memory.data<f32>([1, 3.9791721106e-01, 6.5022252500e-02, 5.0813062117e-03, 1.3249473704e-04, -3.9602282413e-06]);
const ERFF_PA = memory.data<f32>([-2.3621185683e-03, 4.1485610604e-01, -3.7220788002e-01, 3.1834661961e-01, -1.1089469492e-01,
  3.5478305072e-02, -2.1663755178e-03]);
const ERFF_QA = memory.data<f32>([1, 1.0642088205e-01, 5.4039794207e-01, 7.1828655899e-02, 1.2617121637e-01, 1.3637083583e-02,
  1.1984500103e-02]);
const ERFF_RA = memory.data<f32>([-9.8649440333e-03, -6.9385856390e-01, -1.0558626175e+01, -6.2375331879e+01, -1.6239666748e+02,
  -1.8460508728e+02, -8.1287437439e+01, -9.8143291473e+00]);
const ERFF_SA = memory.data<f32>([1, 1.9651271820e+01, 1.3765776062e+02, 4.3456588745e+02, 6.4538726807e+02, 4.2900814819e+02,
  1.0863500214e+02, 6.5702495575e+00, -6.0424413532e-02]);
const ERFF_RB = memory.data<f32>([-9.8649431020e-03, -7.9928326607e-01, -1.7757955551e+01, -1.6063638306e+02, -6.3756646729e+02,
  -1.0250950928e+03, -4.8351919556e+02]);
const ERFF_SB = memory.data<f32>([1, 3.0338060379e+01, 3.2579251099e+02, 1.5367296143e+03, 3.1998581543e+03, 2.5530502930e+03,
  4.7452853394e+02, -2.2440952301e+01]);

/** erf(x) as glibc 2.36's erff (fdlibm's s_erff.c, float arithmetic, built without FMA): what ATen's scalar GELU
 *  calls (std::erf) on the end of a contiguous row and on strided elements. */
export function c_erff(x: f32): f32 {
  const efx: f32 = 1.2837916613e-01;
  const erx: f32 = 8.4506291151e-01;
  const hx = reinterpret<i32>(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7f800000) return <f32>(<i32>1 - ((hx >>> 31) << 1)) + <f32>1 / x; // erf(nan) = nan, erf(±inf) = ±1
  if (ix < 0x3f580000) { // |x| < 0.84375
    if (ix < 0x31800000) { // |x| < 2^-28
      if (ix < 0x04000000) return <f32>0.0625 * (<f32>16 * x + (<f32>16 * efx) * x);
      return x + efx * x;
    }
    const z = x * x;
    const y = hornerf(z, ERFF_PP, 5) / hornerf(z, ERFF_QQ, 6);
    return x + x * y;
  }
  if (ix < 0x3fa00000) { // 0.84375 <= |x| < 1.25
    const s = abs<f32>(x) - <f32>1;
    const q = hornerf(s, ERFF_PA, 7) / hornerf(s, ERFF_QA, 7);
    return hx >= 0 ? erx + q : -erx - q;
  }
  if (ix >= 0x40c00000) return hx >= 0 ? <f32>1 - <f32>1e-30 : <f32>1e-30 - <f32>1; // |x| >= 6
  const a = abs<f32>(x);
  const s = <f32>1 / (a * a);
  let rs: f32;
  if (ix < 0x4036db6e) rs = hornerf(s, ERFF_RA, 8) / hornerf(s, ERFF_SA, 9); // |x| < 1/0.35
  else rs = hornerf(s, ERFF_RB, 7) / hornerf(s, ERFF_SB, 8);
  const z = reinterpret<f32>(reinterpret<i32>(a) & 0xfffff000);
  const r = c_expf(-z * z - <f32>0.5625) * c_expf((z - a) * (z + a) + rs);
  return hx >= 0 ? <f32>1 - r / a : r / a - <f32>1;
}

// ---------------------------------------------------------------- log1pf, asinhf, acoshf, atanhf

// fdlibm's float code, as glibc 2.36 has it (s_log1pf.c, s_asinhf.c, e_acoshf.c, e_atanhf.c): float arithmetic
// throughout. PyTorch maps std::asinh, std::acosh and std::atanh over every element; its log1p is SLEEF's.
const LN2_HI_F: f32 = 6.9313812256e-01; // 0x3f317180
const LN2_LO_F: f32 = 9.0580006145e-06; // 0x3717f7d1
const LN2_F: f32 = 6.9314718246e-01; // 0x3f317218

/** ln(1 + x) (glibc's __log1pf, fdlibm's float code). */
export function c_log1pf(x: f32): f32 {
  const hx = reinterpret<i32>(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f: f32 = 0, c: f32 = 0, hu = 0;
  if (hx < 0x3ed413d7) { // x < 0.41422
    if (ax >= 0x3f800000) { // x <= -1.0
      if (x == -1) return -Infinity;
      return NaN;
    }
    if (ax < 0x31000000) { // |x| < 2^-29
      if (ax < 0x24800000) return x; // |x| < 2^-54
      return x - x * x * <f32>0.5;
    }
    if (hx > 0 || hx <= <i32>0xbe95f61f) { // -0.2929 < x < 0.41422
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7f800000) return x + x;
  if (k != 0) {
    let u: f32;
    if (hx < 0x5a000000) {
      u = <f32>1 + x;
      hu = reinterpret<i32>(u);
      k = (hu >> 23) - 127;
      c = k > 0 ? <f32>1 - (u - x) : x - (u - <f32>1); // correction term
      c /= u;
    } else {
      u = x;
      hu = reinterpret<i32>(u);
      k = (hu >> 23) - 127;
      c = 0;
    }
    hu &= 0x007fffff;
    if (hu < 0x3504f7) {
      u = reinterpret<f32>(hu | 0x3f800000); // normalize u
    } else {
      k += 1;
      u = reinterpret<f32>(hu | 0x3f000000); // normalize u/2
      hu = (0x00800000 - hu) >> 2;
    }
    f = u - <f32>1;
  }
  const hfsq = <f32>0.5 * f * f;
  const kf = <f32>k;
  if (hu == 0) { // |f| < 2^-20
    if (f == 0) {
      if (k == 0) return 0;
      c += kf * LN2_LO_F;
      return kf * LN2_HI_F + c;
    }
    const R = hfsq * (<f32>1 - <f32>0.66666666666666666 * f);
    if (k == 0) return f - R;
    return kf * LN2_HI_F - ((R - (kf * LN2_LO_F + c)) - f);
  }
  const s = f / (<f32>2 + f);
  const z = s * s;
  const R = z * (<f32>6.6666668653e-01 + z * (<f32>4.0000000596e-01 + z * (<f32>2.8571429849e-01 +
    z * (<f32>2.2222198546e-01 + z * (<f32>1.8183572590e-01 + z * (<f32>1.5313838422e-01 + z * <f32>1.4798198640e-01))))));
  if (k == 0) return f - (hfsq - s * (hfsq + R));
  return kf * LN2_HI_F - ((hfsq - (s * (hfsq + R) + (kf * LN2_LO_F + c))) - f);
}

/** asinh(x) (glibc's __asinhf). */
export function c_asinhf(x: f32): f32 {
  const ix = reinterpret<i32>(x) & 0x7fffffff;
  if (ix < 0x38000000) return x; // |x| < 2^-14
  let w: f32;
  if (ix > 0x47000000) { // |x| > 2^14
    if (ix >= 0x7f800000) return x + x; // inf or NaN
    w = c_logf(abs<f32>(x)) + LN2_F;
  } else {
    const xa = abs<f32>(x);
    if (ix > 0x40000000) { // 2^14 > |x| > 2
      w = c_logf(<f32>2 * xa + <f32>1 / (sqrt<f32>(xa * xa + <f32>1) + xa));
    } else { // 2 > |x| > 2^-14
      const t = xa * xa;
      w = c_log1pf(xa + t / (<f32>1 + sqrt<f32>(<f32>1 + t)));
    }
  }
  return copysign<f32>(w, x);
}

/** acosh(x) (glibc's __ieee754_acoshf). */
export function c_acoshf(x: f32): f32 {
  const hx = reinterpret<i32>(x);
  if (hx < 0x3f800000) return NaN; // x < 1
  if (hx >= 0x4d800000) { // x > 2^28
    if (hx >= 0x7f800000) return x + x; // inf or NaN
    return c_logf(x) + LN2_F; // acosh(huge) = log(2x)
  }
  if (hx == 0x3f800000) return 0; // acosh(1) = 0
  if (hx > 0x40000000) { // 2^28 > x > 2
    const t = x * x;
    return c_logf(<f32>2 * x - <f32>1 / (x + sqrt<f32>(t - <f32>1)));
  }
  const t = x - <f32>1; // 1 < x < 2
  return c_log1pf(t + sqrt<f32>(<f32>2 * t + t * t));
}

/** atanh(x) (glibc's __ieee754_atanhf). */
export function c_atanhf(x: f32): f32 {
  const xa = abs<f32>(x);
  let t: f32;
  if (xa < <f32>0.5) {
    if (xa < <f32>3.7252902984e-09) return x; // 2^-28
    t = xa + xa;
    t = <f32>0.5 * c_log1pf(t + t * xa / (<f32>1 - xa));
  } else if (xa < <f32>1) {
    t = <f32>0.5 * c_log1pf((xa + xa) / (<f32>1 - xa));
  } else {
    if (xa > <f32>1) return NaN;
    return x / <f32>0;
  }
  return copysign<f32>(t, x);
}

// ---------------------------------------------------------------- sinhf, coshf (and the expm1f they call)
// fdlibm's float code (glibc's e_sinhf.c, e_coshf.c, s_expm1f.c), float arithmetic throughout: PyTorch's scalar
// sinh/cosh (std::sinh on float) on the end of a contiguous row and on strided elements.

const EXPM1F_Q1: f32 = -3.3333335072e-02; // 0xbd088889
const EXPM1F_Q2: f32 = 1.5873016091e-03; // 0x3ad00d01
const EXPM1F_Q3: f32 = -7.9365076090e-05; // 0xb8a670cd
const EXPM1F_Q4: f32 = 4.0082177293e-06; // 0x36867e54
const EXPM1F_Q5: f32 = -2.0109921195e-07; // 0xb457edbb
const EXPM1F_LN2_HI: f32 = 6.9313812256e-01; // 0x3f317180
const EXPM1F_LN2_LO: f32 = 9.0580006145e-06; // 0x3717f7d1
const EXPM1F_INVLN2: f32 = 1.4426950216e+00; // 0x3fb8aa3b

/** e^x - 1 (glibc's __expm1f). */
export function c_expm1f(x: f32): f32 {
  let hx = reinterpret<u32>(x);
  const xsb = hx & 0x80000000;
  hx &= 0x7fffffff;
  if (hx >= 0x4195b844) { // |x| >= 27 ln2
    if (hx >= 0x42b17218) {
      if (hx > 0x7f800000) return x + x;
      if (hx == 0x7f800000) return xsb == 0 ? x : -1;
      if (x > <f32>8.8721679688e+01) return Infinity;
    }
    if (xsb != 0) return <f32>1.0e-30 - <f32>1;
  }
  let k: i32 = 0;
  let c: f32 = 0;
  if (hx > 0x3eb17218) { // |x| > ln2 / 2
    let hi: f32, lo: f32;
    if (hx < 0x3f851592) { // and < 1.5 ln2
      if (xsb == 0) { hi = x - EXPM1F_LN2_HI; lo = EXPM1F_LN2_LO; k = 1; } else { hi = x + EXPM1F_LN2_HI; lo = -EXPM1F_LN2_LO; k = -1; }
    } else {
      k = <i32>(EXPM1F_INVLN2 * x + (xsb == 0 ? <f32>0.5 : <f32>-0.5));
      const t = <f32>k;
      hi = x - t * EXPM1F_LN2_HI;
      lo = t * EXPM1F_LN2_LO;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x33000000) { // |x| < 2^-25
    return x;
  }
  const hfx = <f32>0.5 * x;
  const hxs = x * hfx;
  const r1 = <f32>1 + hxs * (EXPM1F_Q1 + hxs * (EXPM1F_Q2 + hxs * (EXPM1F_Q3 + hxs * (EXPM1F_Q4 + hxs * EXPM1F_Q5))));
  let t = <f32>3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (<f32>6 - x * t));
  if (k == 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k == -1) return <f32>0.5 * (x - e) - <f32>0.5;
  if (k == 1) return x < <f32>-0.25 ? <f32>-2 * (e - (x + <f32>0.5)) : <f32>1 + <f32>2 * (x - e);
  let y: f32;
  if (k <= -2 || k > 56) {
    y = <f32>1 - (e - x);
    y = reinterpret<f32>(reinterpret<i32>(y) + (k << 23));
    return y - <f32>1;
  }
  if (k < 23) {
    t = reinterpret<f32>(0x3f800000 - (0x1000000 >> k)); // 1 - 2^-k
    y = t - (e - x);
  } else {
    t = reinterpret<f32>((0x7f - k) << 23); // 2^-k
    y = x - (e + t);
    y += <f32>1;
  }
  return reinterpret<f32>(reinterpret<i32>(y) + (k << 23));
}

/** a * b + c rounded once in double, as an FMA instruction gives it: the product's error by Veltkamp's split, the sum's
 *  by TwoSum, both added before the last rounding (which can differ from the fused one only where their own sum rounds
 *  across a halfway point of s, odds near 2^-50). */
// @ts-ignore: decorator
@inline function fma64(a: f64, b: f64, c: f64): f64 {
  const p = a * b;
  let t = 134217729.0 * a; // 2^27 + 1
  const ah = t - (t - a), al = a - ah;
  t = 134217729.0 * b;
  const bh = t - (t - b), bl = b - bh;
  const e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  const s = p + c;
  const v = s - p;
  return s + (((p - (s - v)) + (c - v)) + e);
}

/** e^x as glibc's -mfma build of __expf computes it (the variant the x86-64 libm picks on AVX2 machines, which sinhf and
 *  coshf call): c_expf's steps with five fused, as the host's machine code has them (read off its __expf_fma): the
 *  rounding shift fma(x 32/ln2, SHIFT), the reduction r = fma(x 32/ln2, -k) and the polynomial's three. (c_expf's plain
 *  steps differ from it at x = ±32.564632, where sinhf and coshf differed by an ulp from the host's.) */
export function c_expf_fused(x: f32): f32 {
  const ux = reinterpret<u32>(x);
  const abstop = (ux >> 20) & 0x7ff;
  if (abstop >= 0x42b) { // |x| >= 88 or NaN
    if (ux == 0xff800000) return 0;
    if (abstop >= 0x7f8) return x + x;
    if (x > reinterpret<f32>(0x42b17217)) return Infinity;
    if (x < reinterpret<f32>(0xc2cff1b4)) return 0;
  }
  const SHIFT: f64 = 6755399441055744.0; // 0x1.8p+52
  let kd = fma64(46.16624130844683, <f64>x, SHIFT);
  const ki = reinterpret<u64>(kd);
  kd -= SHIFT;
  const r = fma64(46.16624130844683, <f64>x, -kd);
  const s = reinterpret<f64>(load<u64>(EXP2F_TAB + (<usize>(ki & 31) << 3)) + (ki << 47));
  const zz = fma64(1.6938359250920212e-06, r, 0.00023459809789509004);
  const r2 = r * r;
  const y = fma64(zz, r2, fma64(0.021660849396613134, r, 1));
  return <f32>(y * s);
}

/** sinh (glibc's __ieee754_sinhf). */
export function c_sinhf(x: f32): f32 {
  const jx = reinterpret<i32>(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7f800000) return x + x;
  const h: f32 = jx < 0 ? -0.5 : 0.5;
  if (ix < 0x41b00000) { // |x| < 22
    if (ix < 0x31800000) return x; // |x| < 2^-28
    const t = c_expm1f(abs<f32>(x));
    if (ix < 0x3f800000) return h * (<f32>2 * t - t * t / (t + <f32>1));
    return h * (t + t / (t + <f32>1));
  }
  if (ix < 0x42b17180) return h * c_expf_fused(abs<f32>(x));
  if (ix <= 0x42b2d4fc) {
    const w = c_expf_fused(<f32>0.5 * abs<f32>(x));
    const t = h * w;
    return t * w;
  }
  return x * <f32>1.0e37;
}

/** cosh (glibc's __ieee754_coshf). */
export function c_coshf(x: f32): f32 {
  const ix = reinterpret<i32>(x) & 0x7fffffff;
  if (ix < 0x41b00000) { // |x| < 22
    if (ix < 0x3eb17218) { // |x| < ln2 / 2
      const t = c_expm1f(abs<f32>(x));
      const w = <f32>1 + t;
      if (ix < 0x24000000) return w;
      return <f32>1 + (t * t) / (w + w);
    }
    const t = c_expf_fused(abs<f32>(x));
    return <f32>0.5 * t + <f32>0.5 / t;
  }
  if (ix < 0x42b17180) return <f32>0.5 * c_expf_fused(abs<f32>(x));
  if (ix <= 0x42b2d4fc) {
    const w = c_expf_fused(<f32>0.5 * abs<f32>(x));
    const t = <f32>0.5 * w;
    return t * w;
  }
  if (ix >= 0x7f800000) return x * x;
  return Infinity;
}

// ---------------------------------------------------------------- tanhf

/** tanh x as glibc 2.36's __tanhf (fdlibm's s_tanhf.c over c_expm1f, float arithmetic): what ATen's scalar lambdas
 *  call (std::tanh) on the end of a contiguous row and on strided elements (GELU's tanh approximation). */
export function c_tanhf(x: f32): f32 {
  const jx = reinterpret<i32>(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7f800000) return jx >= 0 ? <f32>1 / x + <f32>1 : <f32>1 / x - <f32>1; // ±1, NaN
  let z: f32;
  if (ix < 0x41b00000) { // |x| < 22
    if (ix == 0) return x;
    if (ix < 0x24000000) return x * (<f32>1 + x); // |x| < 2^-55
    if (ix >= 0x3f800000) { // |x| >= 1
      const t = c_expm1f(<f32>2 * abs<f32>(x));
      z = <f32>1 - <f32>2 / (t + <f32>2);
    } else {
      const t = c_expm1f(<f32>-2 * abs<f32>(x));
      z = -t / (t + <f32>2);
    }
  } else {
    z = <f32>1 - <f32>1e-30;
  }
  return jx >= 0 ? z : -z;
}

// ---------------------------------------------------------------- logf, as its -mfma build
/** log x as glibc's -mfma build of __logf computes it (the variant the x86-64 libm picks on AVX2 machines, which
 *  ATen's calc_erfinv calls): c_logf's steps with all five multiply-adds fused, as the host's machine code has them:
 *  r = fma(z, 1/c, -1), y0 = fma(k, ln2, log c) and the polynomial's three. */
export function c_logf_fused(x: f32): f32 { return logf_steps(x, true); }
