// The second WebAssembly module, built with relaxed SIMD so that multiply-adds fuse (f32x4.relaxed_madd):
// - the float32 GEMM of assembly/matmul.ts, which tocha loads for torch.set_float32_matmul_precision('high' or
//   'medium') on an engine that has relaxed SIMD;
// - exp, log, tanh, sigmoid, SiLU and softmax, whose SLEEF steps are fused multiply-adds in PyTorch's kernels: here
//   they give the core's bits (which evaluates those steps in f64) at a fraction of the cost, so tocha uses them at
//   every precision where relaxed_madd fuses (src/backend/fma.ts);
// - on the same terms, the kernels with fused steps of their own (GCC's contractions in PyTorch's build, which the core
//   evaluates exactly in f64): softmax / log_softmax and layer_norm backward, layer_norm, group_norm, the norms (the
//   2-norm's fused squares) and tanh's gradient (1 - y² fused).
// It runs on the core's memory (imported, shared). Its static data sits below the core's (built with --memoryBase 16;
// scripts/build.mjs checks fused_data_end() against asconfig.json's memoryBase); it allocates nothing.
export { gemm_f32, gemm_sub_f32, gemm_batched_f32 } from "./matmul";
export { transcendental_flat_f32 } from "./transcendental";
export { geluGrad as gelu_grad_f32 } from "./transcendental";
export { pow_flat_f32 } from "./transcendental";
export { mishGrad as mish_grad_f32 } from "./transcendental";
export { softmax_f32, layer_norm_f32, group_norm_f32 } from "./reduce";
export { softmax_backward_f32, layer_norm_backward_f32, tanh_backward_f32 } from "./backward";
export { moments_reduce_f32 } from "./moments";

/** The end of this module's static data (SLEEF's and glibc's constants), which it keeps below the core's: built with
 *  --memoryBase 16 while the core's starts at asconfig.json's memoryBase. scripts/build.mjs checks the two apart. */
export function fused_data_end(): usize { return __heap_base; }
