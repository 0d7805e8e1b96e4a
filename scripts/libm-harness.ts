// scripts/libm-check.mjs's view of assembly/libm.ts: one export that fills a block of results for consecutive float bits
// (fn: the index in libm-check.mjs's FNS).
import { c_expf, c_logf, c_erff, c_expm1f, c_tanhf, c_log1pf, c_asinhf, c_acoshf, c_atanhf, c_sinhf, c_coshf } from "../assembly/libm";
import { c_expf_fused } from "../assembly/libm";

function one(fn: i32, x: f32): f32 {
  switch (fn) {
    case 0: return c_expf(x);
    case 1: return c_logf(x);
    case 2: return c_erff(x);
    case 3: return c_expm1f(x);
    case 4: return c_tanhf(x);
    case 5: return c_log1pf(x);
    case 6: return c_asinhf(x);
    case 7: return c_acoshf(x);
    case 8: return c_atanhf(x);
    case 9: return c_sinhf(x);
    case 10: return c_coshf(x);
    default: return c_expf_fused(x); // (the host's expf too: its -mfma build)
  }
}

export function libm_block(fn: i32, out: usize, start: u32, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(out + (<usize>i << 2), one(fn, reinterpret<f32>(start + <u32>i)));
}
