// The second WebAssembly module: the float32 GEMM of assembly/matmul.ts built with relaxed SIMD, so
// that its multiply-adds fuse (f32x4.relaxed_madd). tocha loads it only for
// torch.set_float32_matmul_precision('high' or 'medium') on an engine that has relaxed SIMD. It runs
// on the core's memory (imported, shared) and must own none of it: no static data, no allocation
// (its packing workspace comes from the caller, as the core's does).
export { gemm_f32, gemm_sub_f32, gemm_batched_f32 } from "./matmul";
