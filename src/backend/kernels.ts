// The typed mirror of assembly/index.ts: every export of the WebAssembly module.
// Pointers are byte addresses in the module's memory; `meta` blocks are described in assembly/strided.ts.

export interface Kernels {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  free(ptr: number): void;
  /** n 32-bit words at p set to the word w. */
  fill_32(p: number, n: number, w: number): void;

  unary_f32(op: number, out: number, a: number, meta: number, p0: number, p1: number): void;
  /** Flat chunks of long ops (threads): f32 parameters passed as their bits. */
  unary_flat_f32(op: number, out: number, a: number, n: number, p0: number, p1: number): void;
  binary_flat_f32(op: number, out: number, a: number, b: number, sb: number, n: number): void;
  unary_grad_flat_f32(op: number, out: number, x: number, y: number, g: number, n: number, p0: number, p1: number): void;
  unary_grad_f32(op: number, out: number, x: number, y: number, g: number, n: number, p0: number, p1: number): void;
  binary_f32(op: number, out: number, a: number, b: number, meta: number): void;
  /** alpha scales b in add/sub. Returns 1 if an exact int64 result is outside [-2^31, 2^31) (the caller throws: `intOverflow`), else 0. */
  binary_i32(op: number, out: number, a: number, b: number, meta: number, alpha: number): number;
  /** torch.frexp over n contiguous floats: mantissas to m, exponents (int32 words) to e. */
  frexp_f32(m: number, e: number, x: number, n: number): void;
  /** Returns 1 if C.neg_i32 / C.abs_i32 met -2^31 (its negation is out of range), else 0. */
  copy_strided(mode: number, dst: number, src: number, meta: number): number;
  where_32(out: number, cond: number, a: number, b: number, meta: number): void;
  range_i32(a: number, n: number, res: number): void;
  /** min and max of n floats to res[0], res[1] (f32; NaN if there is one). */
  range_f32(a: number, n: number, res: number): void;
  check_f32(a: number, n: number, res: number): void;
  /** torch.arange's values start + i · step in f64, to f32 or (isInt) ToInt32. */
  arange_32(out: number, n: number, start: number, step: number, isInt: number): void;
  /** torch.float_power in f64, rounded to f32 (mode 1: scalar exponent s; 2: scalar base s). */
  float_power_f32(out: number, a: number, b: number, n: number, mode: number, s: number): void;

  /** Returns 1 if an int64 sum or product is outside [-2^31, 2^31), else 0. */
  reduce_32(op: number, out: number, a: number, meta: number, nkept: number): number;
  sum_rows_f32(out: number, a: number, rows: number, cols: number, accumulate: number): void;
  sum_iter_f32(out: number, a: number, meta: number): void;
  layer_norm_f32(out: number, mean: number, rstd: number, x: number, w: number, b: number, M: number, N: number, eps: number): void;
  group_norm_f32(out: number, mean: number, rstd: number, x: number, w: number, b: number, N: number, C: number, HxW: number,
    G: number, eps: number): void;
  moments_reduce_f32(op: number, out: number, out2: number, a: number, meta: number, p: number, takeSqrt: number, lastdim: number): void;
  var_all_f32(a: number, meta: number, mean: number, correction: number, takeSqrt: number): number;
  /** Returns 1 if an int64 running sum (isInt) is outside [-2^31, 2^31), else 0. */
  cumsum_f32(out: number, a: number, outer: number, n: number, inner: number, reverse: number, isInt: number): number;
  /** Running int64 products; returns 1 if one is outside [-2^31, 2^31), else 0. */
  cumprod_i32(out: number, a: number, outer: number, n: number, inner: number): number;
  /** The exact int64 dot product of n words (element strides sa, sb) to res; 1 if outside [-2^31, 2^31), else 0. */
  dot_i32(res: number, a: number, sa: number, b: number, sb: number, n: number): number;
  cumprod_f32(out: number, a: number, outer: number, n: number, inner: number): void;
  softmax_f32(out: number, a: number, outer: number, n: number, inner: number, isLog: number, last: number): void;
  softmax_backward_f32(out: number, y: number, g: number, outer: number, n: number, inner: number, isLog: number, last: number): void;
  layer_norm_backward_f32(dx: number, dw: number, db: number, dy: number, x: number, mean: number, rstd: number, w: number,
    M: number, N: number): void;
  /** Returns the row of the first target out of range, or -1; writes the total weight at res. */
  nll_loss_f32(out: number, x: number, t: number, w: number, n: number, c: number, ignore: number, reduction: number, res: number): number;
  nll_loss_grad_f32(out: number, g: number, t: number, w: number, n: number, c: number, ignore: number, reduction: number, total: number): void;
  /** ATen's batch-norm statistics of a contiguous (n, c, l) block: mean, invstd and the sum of squares per channel, and the
   *  running statistics' update (runMean, runVar: 0 for none). */
  batch_norm_stats_f32(mean: number, invstd: number, varSum: number, x: number, n: number, c: number, l: number, eps: number,
    runMean: number, runVar: number, momentum: number): void;
  /** ATen's batch-norm output fma(x, invstd·w, fma(-mean, invstd·w, b)) of a contiguous (n, c, l) block (w, b: 0 for none). */
  batch_norm_apply_f32(out: number, x: number, mean: number, invstd: number, w: number, b: number, n: number, c: number, l: number): void;

  index_select_32(out: number, src: number, idx: number, outer: number, nsrc: number, nidx: number, inner: number): void;
  index_add_f32(dst: number, idx: number, src: number, outer: number, ndst: number, nidx: number, inner: number): void;
  gather_32(out: number, src: number, idx: number, outer: number, nsrc: number, nidx: number, inner: number): void;
  scatter_add_f32(dst: number, idx: number, src: number, outer: number, ndst: number, nidx: number, inner: number): void;
  scatter_32(dst: number, idx: number, src: number, outer: number, ndst: number, nidx: number, inner: number): void;
  tri_32(out: number, a: number, batch: number, rows: number, cols: number, k: number, upper: number): void;
  /** How many of n mask words (a bool tensor) are nonzero. */
  mask_count_32(mask: number, n: number): number;
  /** The words of src where mask is set, in order, to out (count = mask_count_32 of them). */
  masked_select_32(out: number, src: number, mask: number, n: number, count: number): void;
  /** count packed words of src, in order, to the words of out where mask is set (the rest kept). */
  masked_scatter_32(out: number, mask: number, src: number, n: number, count: number): void;
  /** Coordinates of the nonzero words of a contiguous tensor (shape in meta), as rows of ndim or as ndim columns. */
  nonzero_32(out: number, mask: number, meta: number, count: number, cols: number): void;
  /** Checks and wraps indices into [0, size) (acc: out = out · size + index); the first bad position, or -1. */
  index_wrap_32(out: number, idx: number, n: number, size: number, acc: number): number;
  /** dst[o, idx[j], :] = src[o, j, :] in order. */
  index_copy_32(dst: number, idx: number, src: number, outer: number, ndst: number, nidx: number, inner: number): void;
  /** i written repeats[i] times for i < n (each `each` times when repeats is 0). */
  repeat_index_32(out: number, repeats: number, n: number, each: number): void;
  /** torch.bincount: wmode 0 counts, 1 f32 weights, 2 int weights (tmp: nbins f64), 3 f32 1 / count. */
  bincount_32(out: number, x: number, w: number, n: number, nbins: number, wmode: number, tmp: number): void;
  /** torch.histc's f32 counts of n floats in bins bins over [lo, hi]. */
  histc_f32(h: number, x: number, n: number, bins: number, lo: number, hi: number): void;
  /** torch.scatter_reduce into out (acc: xn f64 of scratch; cnt: how many values each element took). */
  scatter_reduce_32(out: number, cnt: number, acc: number, x: number, xn: number, idx: number, src: number, meta: number,
    d: number, op: number, self: number, ints: number): number;
  /** multilabel_margin_loss's target counts and non-target mask; the first position of a target >= c, or -1. */
  multilabel_targets_32(counts: number, notT: number, target: number, n: number, c: number): number;
  /** embedding_bag's bags: kept positions, their bags and each bag's size; returns how many are kept. */
  bag_index_32(keep: number, bagOf: number, count: number, ids: number, offs: number, n: number, bags: number, nOffs: number, pad: number): number;
  sort_32(vals: number, idx: number, src: number, tmp: number, rows: number, n: number, desc: number, isInt: number): void;
  /** Number of groups of equal neighbours among n values. */
  unique_count_32(v: number, n: number, isInt: number): number;
  /** Each group's first input position and size, and each value's group (perm 0: identity; 0 outputs skipped). */
  unique_fill_32(firsts: number, counts: number, inverse: number, v: number, perm: number, n: number, isInt: number): void;
  /** Per sorted row, the index at position k (mode 0), the median (1), nanmedian (2) or mode (3). */
  select_sorted_32(out: number, vals: number, idx: number, rows: number, n: number, mode: number, k: number, isInt: number): void;
  /** torch.searchsorted's insertion points of rows · per values among rows of n sorted boundaries. */
  searchsorted_32(out: number, seq: number, vals: number, rows: number, per: number, n: number, rowStride: number,
    right: number, seqInt: number, valInt: number): void;
  /** torch.isin against nt sorted test values (NaN last). */
  isin_32(out: number, elems: number, ne: number, test: number, nt: number, invert: number, elemInt: number, testInt: number): void;
  /** cummax / cummin indices along rows of n. */
  cumext_32(idx: number, src: number, rows: number, n: number, max: number, isInt: number): void;

  gemm_f32(M: number, N: number, K: number, a: number, lda: number, transA: number, b: number, ldb: number,
    transB: number, c: number, ldc: number, accumulate: number, work: number): void;
  gemm_batched_f32(batch: number, M: number, N: number, K: number, a: number, strideA: number, lda: number,
    transA: number, b: number, strideB: number, ldb: number, transB: number, c: number, strideC: number,
    ldc: number, accumulate: number, work: number): void;
  gemm_work_bytes(M: number, N: number, K: number): number;
  /** gemm_f32 on a block of a product whose path (`dot`) was decided on the whole shape. */
  gemm_sub_f32(dot: number, M: number, N: number, K: number, a: number, lda: number, transA: number, b: number,
    ldb: number, transB: number, c: number, ldc: number, accumulate: number, work: number): void;
  gemm_uses_dot(M: number, N: number, K: number, transA: number, transB: number): number;

  gen_bytes(): number;
  gen_seed(g: number, seed: bigint): void;
  gen_initial_seed(g: number): bigint;
  gen_copy(dst: number, src: number): void;
  gen_u32(g: number): number;
  gen_u64(g: number): bigint;
  rand_f32(g: number, out: number, n: number, from: number, to: number): void;
  randn_f32(g: number, out: number, n: number, mean: number, std: number): void;
  randint_i32(g: number, out: number, n: number, low: number, high: number): void;
  randperm_i32(g: number, out: number, n: number): void;
  bernoulli_f32(g: number, out: number, n: number, p: number): void;
  exponential_f32(g: number, out: number, n: number, lambd: number): void;
  standard_gamma_f32(g: number, out: number, alpha: number, n: number): void;
  dirichlet_f32(g: number, out: number, alpha: number, rows: number, k: number, work: number): void;
  cauchy_f32(g: number, out: number, n: number, median: number, sigma: number): void;
  poisson_f32(g: number, out: number, rate: number, n: number): void;
  binomial_f32(g: number, out: number, count: number, prob: number, n: number): void;
  /** torch.multinomial with replacement (cum: n f64 of scratch); 0, or (bad row << 2 | code). */
  multinomial_f32(out: number, p: number, rows: number, n: number, k: number, g: number, cum: number): number;
  /** F.rrelu in training: out and the slopes drawn for x <= 0. */
  rrelu_f32(out: number, noise: number, x: number, n: number, g: number, lo: number, span: number): void;
  /** x.log_normal_(mean, std): exp of the double normal stream. */
  log_normal_f32(g: number, out: number, n: number, mean: number, std: number): void;
  /** x.geometric_(p): ceil(log(u) / log1p(-p)) of double uniforms. */
  geometric_f32(g: number, out: number, n: number, p: number): void;
  standard_gamma_grad_f32(out: number, alpha: number, x: number, n: number): void;
  dirichlet_grad_f32(out: number, x: number, alpha: number, total: number, n: number): void;
}

// Op codes, kept in sync with assembly/elementwise.ts and assembly/reduce.ts.
export const U = {
  copy: 0, neg: 1, abs: 2, exp: 3, log: 4, sqrt: 5, rsqrt: 6, reciprocal: 7, sin: 8, cos: 9, tanh: 10,
  sigmoid: 11, relu: 12, square: 13, expm1: 14, log1p: 15, log2: 16, erf: 17, atan: 18, floor: 19, ceil: 20,
  round: 21, trunc: 22, sign: 23, gelu: 24, gelu_tanh: 25, silu: 26, elu: 27, softplus: 28, logsigmoid: 29,
  softsign: 30, clamp: 31, mish: 32, celu: 33, hardsigmoid: 34, hardswish: 35, tanhshrink: 36, leaky_relu: 37,
  pow_scalar: 38, rpow_scalar: 39, affine: 40, hardtanh: 41, tan: 42, fill: 43, logit: 44, hardshrink: 45,
  softshrink: 46, threshold: 47, isnan: 48, exp2: 49, log10: 50, sinh: 51, cosh: 52, asin: 53, acos: 54,
  isinf: 55, isfinite: 56, frac: 57, positive_part: 58, erfinv: 59, lgamma: 60, digamma: 61, trigamma: 62,
  erfc: 63, erfcx: 64, i0: 65, i0e: 66, i1: 67, i1e: 68, ndtri: 69, log_ndtr: 70, entr: 71, sinc: 72, bessel_j0: 73,
  bessel_j1: 74, spherical_bessel_j0: 75, polygamma: 76, asinh: 77, acosh: 78, atanh: 79, airy_ai: 80,
  bessel_y0: 81, bessel_y1: 82, modified_bessel_i1: 83, modified_bessel_k0: 84, modified_bessel_k1: 85,
  scaled_modified_bessel_k0: 86, scaled_modified_bessel_k1: 87,
  // x ** 0.5, 3, -1 (ATen's own ops, and their gradients' exponents too): pow_scalar's bits without a pow routine
  pow_special: 88,
  // GELU as oneDNN computes it, which PyTorch 1.13 runs for a contiguous tensor of more than one element (flat.ts)
  gelu_dnnl: 200,
} as const;

/** Added to a gradient's op code (unary_grad_f32): the saved operand was strided, which ATen's TensorIterator runs
 *  through its scalar loop (basic_loop) rather than the vector one: the ops whose two forms differ (ELU, CELU) follow,
 *  the others strip it. */
export const GRAD_BASIC_LOOP = 1 << 16;

export const B = {
  add: 0, sub: 1, mul: 2, div: 3, maximum: 4, minimum: 5, pow: 6, atan2: 7, eq: 8, ne: 9, lt: 10, le: 11,
  gt: 12, ge: 13, rsub: 14, rdiv: 15, floor_divide: 16, remainder: 17, fmod: 18, logical_and: 19,
  logical_or: 20, logical_xor: 21, copysign: 22, sqdiff: 23, absdiff: 24, hypot: 25, zeta: 26,
  bitwise_and: 27, bitwise_or: 28, bitwise_xor: 29, left_shift: 30, right_shift: 31, gcd: 32, lcm: 33, nextafter: 34,
  igamma: 35, igammac: 36, chebyshev_polynomial_t: 37, chebyshev_polynomial_u: 38, chebyshev_polynomial_v: 39,
  chebyshev_polynomial_w: 40, shifted_chebyshev_polynomial_t: 41, shifted_chebyshev_polynomial_u: 42,
  shifted_chebyshev_polynomial_v: 43, shifted_chebyshev_polynomial_w: 44, hermite_polynomial_h: 45,
  hermite_polynomial_he: 46, laguerre_polynomial_l: 47, legendre_polynomial_p: 48,
  div_trunc: 49,
  // int64 and bool only: pow's integer kernel (the lean core keeps it, and no float pow)
  pow_int: 50,
} as const;

export const C = {
  copy: 0, i32_to_f32: 1, f32_to_i32: 2, f32_to_bool: 3, i32_to_bool: 4, not: 5, neg_i32: 6, abs_i32: 7,
  sign_i32: 8,
} as const;

export const R = {
  sum: 0, prod: 1, max: 2, min: 3, argmax: 4, argmin: 5, sum_i32: 6, prod_i32: 7, max_i32: 8, min_i32: 9,
  argmax_i32: 10, argmin_i32: 11, any: 12, all: 13,
} as const;

// assembly/conv.ts (interface merging keeps these lines apart from the table above).
export interface Kernels {
  im2col_f32(col: number, x: number, n: number, C: number, H: number, W: number, kH: number, kW: number, sH: number,
    sW: number, pH: number, pW: number, dH: number, dW: number, oH: number, oW: number): void;
  col2im_f32(x: number, col: number, n: number, C: number, H: number, W: number, kH: number, kW: number, sH: number,
    sW: number, pH: number, pW: number, dH: number, dW: number, oH: number, oW: number): void;
  bias_fill_f32(out: number, bias: number, n: number, C: number, L: number): void;
  grid_sample2d_f32(out: number, input: number, grid: number, N: number, C: number, IH: number, IW: number,
    OH: number, OW: number, mode: number, padding: number, align: boolean): void;
  grid_sample2d_backward_f32(gInput: number, gGrid: number, gOut: number, input: number, grid: number, N: number,
    C: number, IH: number, IW: number, OH: number, OW: number, mode: number, padding: number, align: boolean): void;
  grid_sample3d_f32(out: number, input: number, grid: number, N: number, C: number, ID: number, IH: number, IW: number,
    OD: number, OH: number, OW: number, mode: number, padding: number, align: boolean): void;
  grid_sample3d_backward_f32(gInput: number, gGrid: number, gOut: number, input: number, grid: number, N: number,
    C: number, ID: number, IH: number, IW: number, OD: number, OH: number, OW: number, mode: number, padding: number,
    align: boolean): void;
  max_pool2d_f32(out: number, idx: number, x: number, n: number, H: number, W: number, oH: number, oW: number,
    kH: number, kW: number, sH: number, sW: number, pH: number, pW: number, dH: number, dW: number): void;
  max_pool2d_backward_f32(gx: number, g: number, idx: number, n: number, hw: number, ohw: number): void;
  avg_pool2d_f32(out: number, x: number, n: number, H: number, W: number, oH: number, oW: number, kH: number,
    kW: number, sH: number, sW: number, pH: number, pW: number, countIncludePad: number, divisor: number): void;
  avg_pool2d_backward_f32(gx: number, g: number, n: number, H: number, W: number, oH: number, oW: number, kH: number,
    kW: number, sH: number, sW: number, pH: number, pW: number, countIncludePad: number, divisor: number): void;
  adaptive_avg_pool2d_f32(out: number, x: number, n: number, H: number, W: number, oH: number, oW: number): void;
  adaptive_avg_pool2d_backward_f32(gx: number, g: number, n: number, H: number, W: number, oH: number,
    oW: number): void;
  conv_bias_grad_f32(out: number, g: number, n: number, C: number, L: number): void;
  gemm_nt_small_f32(M: number, N: number, K: number, a: number, lda: number, b: number, ldb: number, c: number,
    ldc: number, accumulate: number): void;

  sgd_f32(p: number, g: number, buf: number, n: number, negLr: number, momentum: number, oneMinusDamp: number,
    wd: number, flags: number): void;
  adam_f32(p: number, g: number, m: number, v: number, vmax: number, n: number, beta1: number, oneMinusBeta1: number,
    beta2: number, oneMinusBeta2: number, eps: number, wd: number, decay: number, negStepSize: number, bc2Sqrt: number,
    flags: number): void;
  /** The same with the f32 scalars as bits (chunks on threads). */
  sgd_bits_f32(p: number, g: number, buf: number, n: number, negLr: number, momentum: number, oneMinusDamp: number,
    wd: number, flags: number): void;
  adam_bits_f32(p: number, g: number, m: number, v: number, vmax: number, n: number, beta1: number,
    oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, eps: number, wd: number, decay: number,
    negStepSize: number, bc2Sqrt: number, flags: number): void;
}

// assembly/conv3d.ts: vol2col / col2vol and the 3-D pooling windows.
export interface Kernels {
  vol2col_f32(col: number, x: number, n: number, C: number, D: number, H: number, W: number, kD: number, kH: number,
    kW: number, sD: number, sH: number, sW: number, pD: number, pH: number, pW: number, dD: number, dH: number,
    dW: number, oD: number, oH: number, oW: number): void;
  col2vol_f32(x: number, col: number, n: number, C: number, D: number, H: number, W: number, kD: number, kH: number,
    kW: number, sD: number, sH: number, sW: number, pD: number, pH: number, pW: number, dD: number, dH: number,
    dW: number, oD: number, oH: number, oW: number): void;
  max_pool3d_f32(out: number, idx: number, x: number, n: number, D: number, H: number, W: number, oD: number,
    oH: number, oW: number, kD: number, kH: number, kW: number, sD: number, sH: number, sW: number, pD: number,
    pH: number, pW: number, dD: number, dH: number, dW: number): void;
  adaptive_max_pool3d_f32(out: number, idx: number, x: number, n: number, D: number, H: number, W: number, oD: number,
    oH: number, oW: number): void;
  /** Fractional max pooling of n volumes (planes: D = oD = kD = 1), windows placed by each volume's ns samples. */
  fractional_max_pool_f32(out: number, idx: number, x: number, samples: number, n: number, D: number, H: number, W: number,
    oD: number, oH: number, oW: number, kD: number, kH: number, kW: number, uD: number, uH: number, uW: number, ns: number): void;
  avg_pool3d_f32(out: number, x: number, n: number, D: number, H: number, W: number, oD: number, oH: number,
    oW: number, kD: number, kH: number, kW: number, sD: number, sH: number, sW: number, pD: number, pH: number,
    pW: number, countIncludePad: number, divisor: number): void;
  avg_pool3d_backward_f32(gx: number, g: number, n: number, D: number, H: number, W: number, oD: number, oH: number,
    oW: number, kD: number, kH: number, kW: number, sD: number, sH: number, sW: number, pD: number, pH: number,
    pW: number, countIncludePad: number, divisor: number): void;
  adaptive_avg_pool3d_f32(out: number, x: number, n: number, D: number, H: number, W: number, oD: number, oH: number,
    oW: number): void;
  adaptive_avg_pool3d_backward_f32(gx: number, g: number, n: number, D: number, H: number, W: number, oD: number,
    oH: number, oW: number): void;
}

// assembly/linalg.ts: the factorizations of torch.linalg (src/ops/decomp.ts calls them).
export interface Kernels {
  lu_f32(a: number, piv: number, info: number, batch: number, n: number): void;
  mm_i32(c: number, a: number, b: number, m: number, n: number, k: number, sam: number, sak: number, sbk: number, sbn: number): number;
  lu_solve_f32(lu: number, piv: number, b: number, batch: number, n: number, k: number, trans: number, work: number): void;
  lu_det_f32(out: number, lu: number, piv: number, batch: number, n: number): void;
  lu_slogdet_f32(sign: number, logabs: number, lu: number, piv: number, batch: number, n: number): void;
  cholesky_f32(a: number, info: number, batch: number, n: number): void;
  trsm_f32(a: number, b: number, batch: number, n: number, k: number, upper: number, unit: number, work: number): void;
  qr_f32(q: number, r: number, a: number, batch: number, m: number, n: number, mode: number, work: number): void;
  qr_work(m: number, n: number): number;
  eigh_f32(w: number, v: number, a: number, batch: number, n: number, wantv: number, work: number): void;
  eigh_work(n: number): number;
  svd_f32(u: number, s: number, vh: number, a: number, batch: number, m: number, n: number, full: number, wantuv: number,
    work: number): void;
  svd_work(m: number, n: number): number;
  lu_rect_f32(a: number, piv: number, info: number, batch: number, m: number, n: number): void;
  lu_perm_f32(p: number, piv: number, batch: number, m: number, np: number, k: number, asInt: number, work: number): void;
  geqrf_f32(out: number, tau: number, a: number, batch: number, m: number, n: number, work: number): void;
  orgqr_f32(q: number, a: number, tau: number, batch: number, m: number, n: number, k: number, work: number): void;
  ormqr_f32(c: number, a: number, tau: number, batch: number, m: number, n: number, k: number, cols: number, trans: number,
    work: number): void;
  reflectors_work(m: number, n: number, c: number): number;
  ldl_f32(a: number, piv: number, info: number, batch: number, n: number, work: number): void;
  ldl_work(n: number, k: number): number;
  ldl_pivots_check(piv: number, batch: number, n: number): number;
  ldl_solve_f32(ld: number, piv: number, b: number, batch: number, n: number, k: number, work: number): void;
}
