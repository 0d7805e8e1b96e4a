// Every export of the WebAssembly module: its whole surface is this file.
// src/backend/kernels.ts mirrors it as a typed interface.
export { alloc, free, fill_32 } from "./memory";
export {
  unary_f32, unary_grad_f32, binary_f32, unary_flat_f32, binary_flat_f32, unary_grad_flat_f32, binary_i32, copy_strided, where_32, range_i32, range_f32, check_f32,
  frexp_f32, arange_32, float_power_f32,
} from "./elementwise";
export {
  reduce_32, sum_rows_f32, sum_iter_f32, layer_norm_f32, cumsum_f32, cumprod_f32, cumprod_i32, dot_i32, softmax_f32, nll_loss_f32, nll_loss_grad_f32,
  batch_norm_stats_f32, batch_norm_apply_f32, group_norm_f32,
} from "./reduce";
export { moments_reduce_f32, var_all_f32 } from "./moments";
export { softmax_backward_f32, layer_norm_backward_f32 } from "./backward";
export {
  index_select_32, index_add_f32, gather_32, scatter_add_f32, scatter_32, tri_32, mask_count_32, masked_select_32,
  masked_scatter_32, nonzero_32, index_wrap_32, index_copy_32, repeat_index_32, bincount_32, histc_f32, scatter_reduce_32,
  multilabel_targets_32, bag_index_32,
} from "./indexing";
export { gemm_f32, gemm_sub_f32, gemm_batched_f32, gemm_work_bytes, gemm_uses_dot } from "./matmul";
export {
  gen_bytes, gen_seed, gen_initial_seed, gen_copy, gen_u32, gen_u64, rand_f32, randn_f32, randint_i32,
  randperm_i32, bernoulli_f32, exponential_f32, standard_gamma_f32, dirichlet_f32, cauchy_f32, poisson_f32, binomial_f32,
  multinomial_f32, rrelu_f32, log_normal_f32, geometric_f32,
} from "./random";
export { standard_gamma_grad_f32, dirichlet_grad_f32 } from "./special";
export {
  im2col_f32, col2im_f32, bias_fill_f32, max_pool2d_f32, max_pool2d_backward_f32,
  avg_pool2d_f32, avg_pool2d_backward_f32, adaptive_avg_pool2d_f32, adaptive_avg_pool2d_backward_f32,
  conv_bias_grad_f32, gemm_nt_small_f32,
} from "./conv";
export {
  vol2col_f32, col2vol_f32, max_pool3d_f32, adaptive_max_pool3d_f32, avg_pool3d_f32, avg_pool3d_backward_f32,
  adaptive_avg_pool3d_f32, adaptive_avg_pool3d_backward_f32, fractional_max_pool_f32,
} from "./conv3d";
export { sgd_f32, adam_f32, sgd_bits_f32, adam_bits_f32 } from "./optim";
export {
  sort_32, unique_count_32, unique_fill_32, select_sorted_32, searchsorted_32, isin_32, cumext_32,
} from "./sort";
export {
  lu_f32, lu_solve_f32, lu_det_f32, lu_slogdet_f32, cholesky_f32, trsm_f32, qr_f32, qr_work, eigh_f32, eigh_work,
  svd_f32, svd_work, lu_rect_f32, lu_perm_f32, geqrf_f32, orgqr_f32, ormqr_f32, reflectors_work, ldl_f32, ldl_work,
  ldl_pivots_check, ldl_solve_f32,
} from "./linalg";
export { grid_sample2d_f32, grid_sample2d_backward_f32, grid_sample3d_f32, grid_sample3d_backward_f32 } from "./gridsample";
export { mm_i32 } from "./intmm";
