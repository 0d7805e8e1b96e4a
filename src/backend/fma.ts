// torch.set_float32_matmul_precision, and the GEMM with fused multiply-adds it may select.
//
// 'highest' (the default): matrix products run on the core's GEMM, which multiplies and then adds
// (two roundings): the same bits on every engine and every CPU, in Node and in browsers.
// 'high' and 'medium': matrix products (matmul, mm, bmm, mv, linear, addmm, einsum, ... and their
// gradients; not convolutions, as in PyTorch) run on the same GEMM built with relaxed SIMD
// (assembly/fma.ts → build/tocha-fma.wasm), whose f32x4.relaxed_madd is one fused multiply-add on
// CPUs that have one (x86-64 with FMA3, ARM64). Each element is still summed in the same k order,
// rounded once per step instead of twice: slightly more accurate, ~1.5× faster on this project's
// x86 hosts (docs/bench.md), and the same bits for any number of threads; but the bits then depend
// on the CPU and engine (fused or not). Where the engine has no relaxed SIMD (Node 20 without
// --experimental-wasm-relaxed-simd, older browsers), products compute as 'highest', as PyTorch does
// when no faster algorithm is available.

/** The exports of build/tocha-fma.wasm: the core's GEMM entry points, fused, and the SLEEF-based elementwise ops,
 *  softmax, the norms and the backward kernels with their fused steps fused (see fusedKernels): each has the
 *  signature of the core's export of the same name (tanh_backward_f32: unary_grad_f32's tanh case). */
export interface FmaKernels {
  transcendental_flat_f32(op: number, out: number, a: number, n: number, p0: number, p1: number): void;
  softmax_f32(out: number, a: number, outer: number, n: number, inner: number, isLog: number, last: number): void;
  softmax_backward_f32(out: number, y: number, g: number, outer: number, n: number, inner: number, isLog: number,
    last: number): void;
  layer_norm_f32(out: number, mean: number, rstd: number, x: number, w: number, b: number, M: number, N: number,
    eps: number): void;
  layer_norm_backward_f32(dx: number, dw: number, db: number, dy: number, x: number, mean: number, rstd: number,
    w: number, M: number, N: number): void;
  group_norm_f32(out: number, mean: number, rstd: number, x: number, w: number, b: number, N: number, C: number,
    HxW: number, G: number, eps: number): void;
  moments_reduce_f32(op: number, out: number, out2: number, a: number, meta: number, p: number, takeSqrt: number,
    lastdim: number): void;
  /** GELU's gradient over n contiguous floats (the core's unary_grad_f32 with U.gelu, U.gelu_tanh or U.gelu_dnnl): row
   *  is the length of ATen's rows, 0 for one, -1 for its scalar loop on every element. */
  gelu_grad_f32(op: number, out: number, x: number, g: number, n: number, row: number): void;
  /** mish's gradient over n contiguous floats (the core's unary_grad_f32 with U.mish): row as gelu_grad_f32's. */
  mish_grad_f32(out: number, x: number, g: number, n: number, row: number): void;
  /** tanh's gradient g·(1 - y²) over n contiguous floats (the core's unary_grad_f32 with U.tanh). */
  tanh_backward_f32(out: number, y: number, g: number, n: number): void;
  /** torch.pow of n contiguous floats to n contiguous exponents (sb = 1) or one (sb = 0): the core's binary_flat_f32
   *  with B.pow. */
  pow_flat_f32(out: number, a: number, b: number, sb: number, n: number): void;
  gemm_f32(M: number, N: number, K: number, a: number, lda: number, transA: number, b: number, ldb: number,
    transB: number, c: number, ldc: number, accumulate: number, work: number): void;
  gemm_sub_f32(dot: number, M: number, N: number, K: number, a: number, lda: number, transA: number, b: number,
    ldb: number, transB: number, c: number, ldc: number, accumulate: number, work: number): void;
  gemm_batched_f32(batch: number, M: number, N: number, K: number, a: number, strideA: number, lda: number,
    transA: number, b: number, strideB: number, ldb: number, transB: number, c: number, strideC: number,
    ldc: number, accumulate: number, work: number): void;
}

/** The fused module and its kernels on this thread's memory, null where the engine cannot run it. */
export interface Fused { module: WebAssembly.Module; k: FmaKernels }

/** What src/backend/fma-load.ts installs: the default entries import it, tocha/lean (no fused module) does not, so a
 *  lean app bundles neither the loader nor the check of the fused steps. */
export interface FusedLoader {
  /** The fused module, compiled on first use; null where the engine cannot run it. */
  load(): Fused | null;
  /** Whether its fused steps give the core's bits on this engine and CPU (checked once). */
  exact(): boolean;
}

let loader: FusedLoader | null = null;

export function installFused(l: FusedLoader): void {
  loader = l;
}

/** The fused GEMM's module, for worker threads (null where relaxed SIMD is unavailable). */
export function fmaModule(): WebAssembly.Module | null {
  return loader?.load()?.module ?? null;
}

/** The fused GEMM of this thread, whatever the precision setting (null where unavailable). */
export function fmaKernels(): FmaKernels | null {
  return loader?.load()?.k ?? null;
}

/** Whether this engine runs the fused GEMM: torch.backends.wasm.relaxed_simd.is_available(). */
export function relaxedSimdAvailable(): boolean {
  return fmaKernels() !== null;
}

type Precision = 'highest' | 'high' | 'medium';
let precision: Precision = 'highest';

/**
 * Sets the internal precision of float32 matrix products, as torch.set_float32_matmul_precision:
 * 'highest' (the default), 'high' or 'medium'. In tocha 'high' and 'medium' both let products use
 * fused multiply-adds where the engine has relaxed SIMD (see above); any other string is ignored
 * with PyTorch's warning.
 */
export function set_float32_matmul_precision(p: string): void {
  if (typeof p !== 'string') {
    throw new TypeError(`set_float32_matmul_precision expects a str, but got ${p === null ? 'null' : typeof p}`);
  }
  if (p !== 'highest' && p !== 'high' && p !== 'medium') {
    console.warn(`UserWarning: ${p} is not one of 'highest', 'high', or 'medium'; the current ` +
      'setFloat32MatmulPrecision call has no effect.');
    return;
  }
  precision = p;
}

/** The current setting: 'highest', 'high' or 'medium'. */
export function get_float32_matmul_precision(): Precision {
  return precision;
}

/** The GEMM matrix products use now: the fused one under 'high'/'medium' where available, else null
 *  (the core's). */
export function matmulFma(): FmaKernels | null {
  return precision === 'highest' ? null : fmaKernels();
}

// ---------------------------------------------------------------- the elementwise ops' fused steps
//
// exp, log and tanh are SLEEF's algorithms as PyTorch's AVX2 build runs them, whose steps are fused multiply-adds. The
// core evaluates each fused step in f64 (a*b is exact there, then one rounding to float); the relaxed build runs it as
// f32x4.relaxed_madd. Where relaxed_madd is one fused multiply-add (x86-64 with FMA3, ARM64), the two give the same
// bits for every float (scripts/fused-check.mjs, all 2^32 inputs of exp, log and tanh), so these ops take the relaxed
// build at every precision setting: 2-3x faster, nothing else changes. Where relaxed_madd is a multiply then an add
// (allowed by the spec) the bits would differ, so before using it the module's results are compared with the core's
// on inputs where an unfused step shows.
// The kernels whose own steps GCC fused in PyTorch's build (softmax and layer_norm backward, layer_norm and group_norm,
// the 2-norm, tanh's gradient) take the relaxed build on the same terms: the core runs those steps as exact fused
// multiply-adds in f64 (mathf's fma_f32 / fma_v, backward.ts's fmaq_v, one_minus_sq_v), the relaxed build as
// relaxed_madd / relaxed_nmadd, the same bits where those fuse (test/fused-kernels.test.ts): 2-6x faster.

let fusedAllowed = true;

/** The relaxed build's exp/log/tanh/sigmoid/SiLU, softmax, and the kernels above with fused steps (softmax and
 *  layer_norm backward, layer_norm, group_norm, the 2-norm, tanh's gradient) where they give the core's bits on this
 *  engine and CPU; null elsewhere (no relaxed SIMD, or relaxed_madd not fused), and the core's kernels serve. */
export function fusedKernels(): FmaKernels | null {
  return fusedAllowed && loader?.exact() ? fmaKernels() : null;
}

/** Test hook (not public): false makes every op take the core's kernels, to compare the two. */
export function _setFusedKernels(on: boolean): void {
  fusedAllowed = on;
}
