// scripts/libm-check.mjs's view of assembly/libm.ts: one export that fills a block of results for consecutive float bits.
import { c_expf, c_logf, c_erff, c_expm1f, c_tanhf } from "../assembly/libm";

export function libm_block(fn: i32, out: usize, start: u32, n: i32): void {
  for (let i = 0; i < n; i++) {
    const x = reinterpret<f32>(start + <u32>i);
    let y: f32;
    switch (fn) {
      case 0: y = c_expf(x); break;
      case 1: y = c_logf(x); break;
      case 2: y = c_erff(x); break;
      case 3: y = c_expm1f(x); break;
      default: y = c_tanhf(x);
    }
    store<f32>(out + (<usize>i << 2), y);
  }
}
