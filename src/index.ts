// tocha's public API: `import * as torch from 'tocha'`. Everything is defined in api.ts; the functions
// whose first argument must be a Tensor are exported here checked (src/tensor-args.ts), in place of
// api.ts's (a module's own exports take precedence over `export *`).
import * as api from './api.js';
import { checkFirstTensor, TORCH_FIRST, TORCH_FIRST_OTHER } from './tensor-args.js';

export * from './api.js';

const checked = checkFirstTensor(api, TORCH_FIRST, TORCH_FIRST_OTHER);
export const {
  abs, abs_, absolute, acos, acos_, acosh, acosh_, adaptive_avg_pool1d, adaptive_max_pool1d, adjoint,
  affine_grid_generator, all, allclose, alpha_dropout, alpha_dropout_, amax, amin, aminmax, angle, any, arccos,
  arccos_, arccosh, arccosh_, arcsin, arcsin_, arcsinh, arcsinh_, arctan, arctan2, arctan_, arctanh, arctanh_,
  argmax, argmin, argsort, argwhere, as_strided, as_strided_, as_strided_scatter, asin, asin_, asinh, asinh_, atan,
  atan2, atan_, atanh, atanh_, avg_pool1d, batch_norm, bernoulli, bilinear, binary_cross_entropy_with_logits,
  bincount, binomial, bitwise_not, bmm, broadcast_to, ceil, ceil_, celu, celu_, channel_shuffle, cholesky,
  cholesky_inverse, cholesky_solve, chunk, clone, combinations, conj, conj_physical, conj_physical_,
  constant_pad_nd, conv_tbc, conv_transpose1d, conv_transpose2d, conv_transpose3d, convolution, corrcoef, cos, cos_,
  cosh, cosh_, cosine_embedding_loss, cosine_similarity, count_nonzero, cov, cross, cumulative_trapezoid, deg2rad,
  deg2rad_, det, detach, detach_, diag, diag_embed, diagflat, diagonal, diagonal_scatter, diff, digamma, dist, dot,
  dropout, dropout_, embedding, embedding_renorm_, empty_like, equal, erf, erf_, erfc, erfc_, erfinv, exp, exp2,
  exp2_, exp_, expm1, expm1_, feature_alpha_dropout, feature_alpha_dropout_, feature_dropout, feature_dropout_, fix,
  fix_, flatten, flip, fliplr, flipud, floor, floor_, fmax, fmin, frac, frac_, frexp, frobenius_norm, full_like,
  gcd, gcd_, geqrf, ger, get_device, gradient, grid_sampler, grid_sampler_2d, grid_sampler_3d, group_norm,
  hardshrink, heaviside, hinge_embedding_loss, histc, histogram, hypot, i0, i0_, igamma, igammac, imag, index_put,
  index_put_, index_reduce, inner, instance_norm, inverse, is_complex, is_conj, is_distributed, is_floating_point,
  is_inference, is_neg, is_nonzero, is_same_size, is_signed, isclose, isfinite, isinf, isnan, isneginf, isposinf,
  isreal, kl_div, kron, layer_norm, lcm, lcm_, ldexp, ldexp_, lgamma, log, log10, log10_, log1p, log1p_, log2,
  log2_, log_, logaddexp, logaddexp2, logdet, logical_and, logical_not, logical_or, logical_xor, logit, logit_, lu,
  lu_solve, lu_unpack, margin_ranking_loss, masked_scatter, masked_select, matmul, matrix_exp, matrix_power, max,
  max_pool1d, max_pool1d_with_indices, max_pool2d, max_pool3d, maximum, mean, median, min, minimum, mm, mode, msort,
  mul, multinomial, mv, mvlgamma, nan_to_num, nan_to_num_, nanmean, nanmedian, nansum, narrow_copy,
  native_channel_shuffle, neg, neg_, negative, negative_, nextafter, nonzero, norm_except_dim, normal, nuclear_norm,
  numel, ones_like, orgqr, ormqr, outer, pairwise_distance, pdist, permute, pinverse, pixel_shuffle,
  pixel_unshuffle, poisson, poisson_nll_loss, positive, prelu, prod, put, qr, rad2deg, rad2deg_, rand_like,
  randn_like, ravel, real, reciprocal, reciprocal_, relu, relu_, renorm, repeat_interleave, reshape, resize_as_,
  resolve_conj, resolve_neg, roll, rot90, round, round_, rrelu, rrelu_, rsqrt, rsqrt_, scatter_reduce,
  segment_reduce, select_scatter, selu, selu_, sgn, sigmoid, sigmoid_, sign, signbit, sin, sin_, sinc, sinc_, sinh,
  sinh_, slice_scatter, slogdet, sort, split_with_sizes, sqrt, sqrt_, square, square_, squeeze, std, std_mean, sum,
  svd, swapaxes, swapdims, symeig, t, take, take_along_dim, tan, tan_, tanh, tanh_, threshold, threshold_, tile,
  topk, trace, trapezoid, trapz, triangular_solve, tril, triplet_margin_loss, triu, trunc, trunc_, unbind, unique,
  unique_consecutive, unsafe_chunk, unsafe_split, unsafe_split_with_sizes, unsqueeze, vander, var_mean, vdot,
  where, zero_, zeros_like
} = checked;
// `var` is a reserved word: exported by name
const { var: checkedVar } = checked;
export { checkedVar as var };
