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

/** 12 independent chains acc = acc + a (or acc · a), iters times: 48 flops per iteration of f32x4
 *  adds alone (mul = 0) or multiplies alone (mul = 1); 12 accumulators and `a` stay in registers (16
 *  spilled). Beside peak_probe they show how the core issues them: with separate add and multiply
 *  units the mixed probe runs near the sum of the two, with shared ones near either alone. */
export function pipe_probe(iters: i32, buf: usize, mul: i32): f32 {
  const a = v128.load(buf);
  let c0 = v128.load(buf, 16), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
  let c8 = c0, c9 = c0, c10 = c0, c11 = c0;
  if (mul) {
    for (let i = 0; i < iters; i++) {
      c0 = f32x4.mul(c0, a); c1 = f32x4.mul(c1, a); c2 = f32x4.mul(c2, a); c3 = f32x4.mul(c3, a);
      c4 = f32x4.mul(c4, a); c5 = f32x4.mul(c5, a); c6 = f32x4.mul(c6, a); c7 = f32x4.mul(c7, a);
      c8 = f32x4.mul(c8, a); c9 = f32x4.mul(c9, a); c10 = f32x4.mul(c10, a); c11 = f32x4.mul(c11, a);
    }
  } else {
    for (let i = 0; i < iters; i++) {
      c0 = f32x4.add(c0, a); c1 = f32x4.add(c1, a); c2 = f32x4.add(c2, a); c3 = f32x4.add(c3, a);
      c4 = f32x4.add(c4, a); c5 = f32x4.add(c5, a); c6 = f32x4.add(c6, a); c7 = f32x4.add(c7, a);
      c8 = f32x4.add(c8, a); c9 = f32x4.add(c9, a); c10 = f32x4.add(c10, a); c11 = f32x4.add(c11, a);
    }
  }
  const s = f32x4.add(f32x4.add(f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)), f32x4.add(f32x4.add(c4, c5), f32x4.add(c6, c7))),
    f32x4.add(f32x4.add(c8, c9), f32x4.add(c10, c11)));
  return f32x4.extract_lane(s, 0);
}
