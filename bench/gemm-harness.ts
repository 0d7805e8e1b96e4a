// Entry for bench/gemm-probe.mjs: the GEMM kernels, the allocator, and a raw
// f32x4 mul+add peak probe.
export { gemm_f32, gemm_batched_f32, gemm_work_bytes } from "../assembly/matmul";
export { alloc, free } from "../assembly/memory";

/** 8 independent chains acc += a·b, iters times: 64 flops per iteration, the
 *  micro-kernel's instruction mix (4 vector loads + 2 splat loads from `buf`,
 *  which stays in L1) without its streaming, so it reads as the ceiling.
 *  (Operands in registers make V8 re-materialise the splats inside the loop.) */
export function peak_probe(iters: i32, buf: usize): f32 {
  let c00 = f32x4.splat(0), c01 = c00, c02 = c00, c03 = c00;
  let c10 = c00, c11 = c00, c12 = c00, c13 = c00;
  for (let i = 0; i < iters; i++) {
    const b0 = v128.load(buf);
    const b1 = v128.load(buf, 16);
    const b2 = v128.load(buf, 32);
    const b3 = v128.load(buf, 48);
    const a0 = v128.load32_splat(buf, 64);
    c00 = f32x4.add(c00, f32x4.mul(a0, b0));
    c01 = f32x4.add(c01, f32x4.mul(a0, b1));
    c02 = f32x4.add(c02, f32x4.mul(a0, b2));
    c03 = f32x4.add(c03, f32x4.mul(a0, b3));
    const a1 = v128.load32_splat(buf, 68);
    c10 = f32x4.add(c10, f32x4.mul(a1, b0));
    c11 = f32x4.add(c11, f32x4.mul(a1, b1));
    c12 = f32x4.add(c12, f32x4.mul(a1, b2));
    c13 = f32x4.add(c13, f32x4.mul(a1, b3));
  }
  const s = f32x4.add(f32x4.add(f32x4.add(c00, c01), f32x4.add(c02, c03)), f32x4.add(f32x4.add(c10, c11), f32x4.add(c12, c13)));
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3);
}
