// The fused multiply-add ceiling (bench/peak.ts fmaGflops), built with relaxed SIMD: the instruction
// mix of the fused GEMM's 6×8 kernel (assembly/matmul.ts micro_6x8) on L1 data: 2 vector loads and 6
// splat loads feeding 12 independent chains acc = relaxed_madd(a, b, acc), 96 flops an iteration.
export function fma_probe(iters: i32, buf: usize): f32 {
  let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
  let c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
  for (let i = 0; i < iters; i++) {
    const b0 = v128.load(buf);
    const b1 = v128.load(buf, 16);
    let a = v128.load32_splat(buf, 64);
    c00 = f32x4.relaxed_madd(a, b0, c00); c01 = f32x4.relaxed_madd(a, b1, c01);
    a = v128.load32_splat(buf, 68);
    c10 = f32x4.relaxed_madd(a, b0, c10); c11 = f32x4.relaxed_madd(a, b1, c11);
    a = v128.load32_splat(buf, 72);
    c20 = f32x4.relaxed_madd(a, b0, c20); c21 = f32x4.relaxed_madd(a, b1, c21);
    a = v128.load32_splat(buf, 76);
    c30 = f32x4.relaxed_madd(a, b0, c30); c31 = f32x4.relaxed_madd(a, b1, c31);
    a = v128.load32_splat(buf, 80);
    c40 = f32x4.relaxed_madd(a, b0, c40); c41 = f32x4.relaxed_madd(a, b1, c41);
    a = v128.load32_splat(buf, 84);
    c50 = f32x4.relaxed_madd(a, b0, c50); c51 = f32x4.relaxed_madd(a, b1, c51);
  }
  const s = f32x4.add(f32x4.add(f32x4.add(c00, c01), f32x4.add(c10, c11)), f32x4.add(f32x4.add(c20, c21), f32x4.add(c30, c31)));
  const t = f32x4.add(f32x4.add(c40, c41), f32x4.add(c50, c51));
  return f32x4.extract_lane(f32x4.add(s, t), 0);
}
