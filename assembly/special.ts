// Special functions with PyTorch 1.13's CPU algorithms (aten/src/ATen/native/Math.h), scalar f32.
// Where GCC contracts `a * b + c` in PyTorch's AVX2-compiled kernels, the same steps use fma_f32.
import { fma_f32, erf_f32, exp_f32, log_f32 } from "./mathf";

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
  x = x - (erf_f32(x) - y) / (TWO_OVER_SQRTPI * exp_f32(-x * x));
  x = x - (erf_f32(x) - y) / (TWO_OVER_SQRTPI * exp_f32(-x * x));
  return x;
}
