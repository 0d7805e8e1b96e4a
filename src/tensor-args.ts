// PyTorch's argument check where a function's first argument must be a Tensor: a JavaScript array there (a
// list to PyTorch) gets `relu(): argument 'input' (position 1) must be Tensor, not list`, not an error from
// inside the op. The names: every public torch.* and nn.functional function that raises exactly this in
// PyTorch 1.13 and that tocha has, and the nn.functional functions written in Python (which fail with an
// AttributeError there) with the message of the ATen function they call (test/fixtures/tensor-args.json,
// scripts/gen-tensor-args.py). test/tensor-args.test.ts fails for a function of that list that tocha has and
// does not check: add its name below (src/index.ts exports the torch.* ones by name).
import { Tensor } from './tensor.js';
import { pyType } from './ops/kw.js';

/** torch.* functions whose first argument, 'input', must be a Tensor. */
export const TORCH_FIRST = `
  abs abs_ absolute acos acos_ acosh acosh_ adaptive_avg_pool1d adaptive_max_pool1d adjoint all allclose
  alpha_dropout alpha_dropout_ amax amin aminmax angle any arccos arccos_ arccosh arccosh_ arcsin arcsin_ arcsinh
  arcsinh_ arctan arctan2 arctan_ arctanh arctanh_ argmax argmin argsort argwhere as_strided as_strided_
  as_strided_scatter asin asin_ asinh asinh_ atan atan2 atan_ atanh atanh_ avg_pool1d batch_norm bernoulli
  binary_cross_entropy_with_logits bincount bitwise_not bmm broadcast_to ceil ceil_ celu celu_ channel_shuffle
  cholesky cholesky_inverse cholesky_solve chunk clone combinations conj conj_physical conj_physical_
  constant_pad_nd conv_tbc conv_transpose1d conv_transpose2d conv_transpose3d convolution corrcoef cos cos_ cosh
  cosh_ count_nonzero cov cross deg2rad deg2rad_ det detach detach_ diag diag_embed diagflat diagonal
  diagonal_scatter diff digamma dist dot dropout dropout_ embedding_renorm_ empty_like equal erf erf_ erfc erfc_
  erfinv exp exp2 exp2_ exp_ expm1 expm1_ feature_alpha_dropout feature_alpha_dropout_ feature_dropout
  feature_dropout_ fix fix_ flatten flip fliplr flipud floor floor_ fmax fmin frac frac_ frexp frobenius_norm
  full_like gcd gcd_ geqrf ger get_device gradient grid_sampler grid_sampler_2d grid_sampler_3d group_norm
  hardshrink heaviside hinge_embedding_loss histc histogram hypot i0 i0_ igamma igammac imag index_put index_put_
  index_reduce inner instance_norm inverse is_complex is_conj is_distributed is_floating_point is_inference is_neg
  is_nonzero is_same_size is_signed isclose isfinite isinf isnan isneginf isposinf isreal kl_div kron layer_norm lcm
  lcm_ ldexp ldexp_ lgamma log log10 log10_ log1p log1p_ log2 log2_ log_ logaddexp logaddexp2 logdet logical_and
  logical_not logical_or logical_xor logit logit_ lu_solve masked_scatter masked_select matmul matrix_exp
  matrix_power max max_pool1d max_pool1d_with_indices max_pool2d max_pool3d maximum mean median min minimum mm mode
  msort mul multinomial mv mvlgamma nan_to_num nan_to_num_ nanmean nanmedian nansum narrow_copy
  native_channel_shuffle neg neg_ negative negative_ nextafter nonzero nuclear_norm numel ones_like orgqr ormqr
  outer pdist permute pinverse pixel_shuffle pixel_unshuffle poisson poisson_nll_loss positive prelu prod put qr
  rad2deg rad2deg_ rand_like randn_like ravel real reciprocal reciprocal_ relu relu_ renorm reshape resize_as_
  resolve_conj resolve_neg roll rot90 round round_ rrelu rrelu_ rsqrt rsqrt_ scatter_reduce select_scatter selu
  selu_ sgn sigmoid sigmoid_ sign signbit sin sin_ sinc sinc_ sinh sinh_ slice_scatter slogdet sort split_with_sizes
  sqrt sqrt_ square square_ squeeze std std_mean sum svd swapaxes swapdims symeig t take take_along_dim tan tan_
  tanh tanh_ threshold threshold_ tile topk trace triangular_solve tril triu trunc trunc_ unbind unique_consecutive
  unsafe_chunk unsafe_split unsafe_split_with_sizes unsqueeze var var_mean vdot zero_ zeros_like
`;
/** Those whose message names another function or argument: [function, argument]. */
export const TORCH_FIRST_OTHER: Record<string, [string, string]> = {
  affine_grid_generator: ['affine_grid_generator', 'theta'],
  bilinear: ['bilinear', 'input1'],
  binomial: ['binomial', 'count'],
  cosine_embedding_loss: ['cosine_embedding_loss', 'input1'],
  cosine_similarity: ['cosine_similarity', 'x1'],
  cumulative_trapezoid: ['cumulative_trapezoid', 'y'],
  embedding: ['embedding', 'weight'],
  lu: ['_lu_with_info', 'input'],
  lu_unpack: ['lu_unpack', 'LU_data'],
  margin_ranking_loss: ['margin_ranking_loss', 'input1'],
  norm_except_dim: ['norm_except_dim', 'v'],
  normal: ['normal', 'mean'],
  pairwise_distance: ['pairwise_distance', 'x1'],
  repeat_interleave: ['repeat_interleave', 'repeats'],
  segment_reduce: ['segment_reduce', 'data'],
  trapezoid: ['trapezoid', 'y'],
  trapz: ['trapz', 'y'],
  triplet_margin_loss: ['triplet_margin_loss', 'anchor'],
  unique: ['_unique2', 'input'],
  vander: ['vander', 'x'],
  where: ['where', 'condition'],
};
/** nn.functional functions whose first argument, 'input', must be a Tensor. */
export const F_FIRST = `
  adaptive_avg_pool1d adaptive_avg_pool2d adaptive_avg_pool3d adaptive_max_pool1d adaptive_max_pool2d
  adaptive_max_pool3d alpha_dropout avg_pool1d avg_pool2d avg_pool3d batch_norm binary_cross_entropy
  binary_cross_entropy_with_logits celu celu_ channel_shuffle conv_tbc conv_transpose1d conv_transpose2d
  conv_transpose3d dropout elu elu_ feature_alpha_dropout fractional_max_pool2d fractional_max_pool3d gelu glu
  group_norm hardshrink hardsigmoid hardswish hardtanh hardtanh_ hinge_embedding_loss huber_loss instance_norm
  kl_div l1_loss layer_norm leaky_relu leaky_relu_ linear max_pool1d max_pool1d_with_indices max_pool2d
  max_pool2d_with_indices max_pool3d max_pool3d_with_indices max_unpool2d max_unpool3d mish mse_loss
  multi_margin_loss multilabel_margin_loss native_channel_shuffle nll_loss one_hot pad pdist pixel_shuffle
  pixel_unshuffle poisson_nll_loss prelu relu relu6 relu_ rrelu rrelu_ selu selu_ sigmoid silu smooth_l1_loss
  soft_margin_loss softplus softshrink tanh threshold threshold_
`;
/** Those whose message names another function or argument (PyTorch's F calls a torch function). */
export const F_FIRST_OTHER: Record<string, [string, string]> = {
  bilinear: ['bilinear', 'input1'],
  cosine_embedding_loss: ['cosine_embedding_loss', 'input1'],
  cosine_similarity: ['cosine_similarity', 'x1'],
  cross_entropy: ['cross_entropy_loss', 'input'],
  embedding: ['embedding', 'weight'],
  gumbel_softmax: ['empty_like', 'input'],
  logsigmoid: ['log_sigmoid', 'input'],
  margin_ranking_loss: ['margin_ranking_loss', 'input1'],
  pairwise_distance: ['pairwise_distance', 'x1'],
  triplet_margin_loss: ['triplet_margin_loss', 'anchor'],
};

/** Those with an overload taking a number first (`torch.normal(0.0, std)`, `torch.mul(2, x)`): a number passes. */
const SCALAR_FIRST = new Set(['mul', 'normal']);

/**
 * `ns` with each function named in `names` (or `other`) checking its first argument before it runs: PyTorch's
 * TypeError when it is not a Tensor. Other members are `ns`'s own.
 */
export function checkFirstTensor<T extends object>(ns: T, names: string, other: Record<string, [string, string]>): T {
  const out = { ...ns } as Record<string, unknown>;
  const wrap = (name: string, fn: string, arg: string) => {
    const f = out[name];
    if (typeof f !== 'function') throw new Error(`tocha: ${name} is not a function to check`);
    const scalar = SCALAR_FIRST.has(name);
    out[name] = function (this: unknown, first: unknown, ...rest: unknown[]) {
      if (!(first instanceof Tensor) && !(scalar && (typeof first === 'number' || typeof first === 'boolean'))) throw new TypeError(`${fn}(): argument '${arg}' (position 1) must be Tensor, not ${pyType(first)}`);
      return (f as (...a: unknown[]) => unknown).call(this, first, ...rest);
    };
  };
  for (const name of names.trim().split(/\s+/)) wrap(name, name, 'input');
  for (const [name, [fn, arg]] of Object.entries(other)) wrap(name, fn, arg);
  return out as T;
}
