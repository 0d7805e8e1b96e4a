// Written by scripts/gen-functional-by-name.ts: checked by `npm run typecheck` (tsc), never run.
// Every nn.functional call with its leading required arguments by name, as the wrapper takes them at run time; then
// calls the types must refuse (a by-name form is not a looser positional one).
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';

const F = torch.nn.functional;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const a: any;
declare const x: Tensor;
declare const w: Tensor;

F.adaptive_avg_pool1d(a, { output_size: a });
F.adaptive_avg_pool2d(a, { output_size: a });
F.adaptive_avg_pool3d(a, { output_size: a });
F.adaptive_max_pool1d(a, { output_size: a });
F.adaptive_max_pool1d_with_indices(a, { output_size: a });
F.adaptive_max_pool2d(a, { output_size: a });
F.adaptive_max_pool2d_with_indices(a, { output_size: a });
F.adaptive_max_pool3d(a, { output_size: a });
F.adaptive_max_pool3d_with_indices(a, { output_size: a });
F.affine_grid(a, { size: a });
F.avg_pool1d(a, { kernel_size: a });
F.avg_pool2d(a, { kernel_size: a });
F.avg_pool3d(a, { kernel_size: a });
F.batch_norm(a, { running_mean: a, running_var: a });
F.batch_norm(a, a, { running_var: a });
F.bilinear(a, { input2: a, weight: a });
F.bilinear(a, a, { weight: a });
F.binary_cross_entropy(a, { target: a });
F.binary_cross_entropy_with_logits(a, { target: a });
F.channel_shuffle(a, { groups: a });
F.conv1d(a, { weight: a });
F.conv2d(a, { weight: a });
F.conv3d(a, { weight: a });
F.conv_tbc(a, { weight: a, bias: a });
F.conv_tbc(a, a, { bias: a });
F.conv_transpose1d(a, { weight: a });
F.conv_transpose2d(a, { weight: a });
F.conv_transpose3d(a, { weight: a });
F.cosine_embedding_loss(a, { input2: a, target: a });
F.cosine_embedding_loss(a, a, { target: a });
F.cosine_similarity(a, { x2: a });
F.cross_entropy(a, { target: a });
F.ctc_loss(a, { targets: a, input_lengths: a, target_lengths: a });
F.ctc_loss(a, a, { input_lengths: a, target_lengths: a });
F.ctc_loss(a, a, a, { target_lengths: a });
F.embedding(a, { weight: a });
F.embedding_bag(a, { weight: a });
F.fold(a, { output_size: a, kernel_size: a });
F.fold(a, a, { kernel_size: a });
F.fractional_max_pool2d(a, { kernel_size: a });
F.fractional_max_pool2d_with_indices(a, { kernel_size: a });
F.fractional_max_pool3d(a, { kernel_size: a });
F.fractional_max_pool3d_with_indices(a, { kernel_size: a });
F.gaussian_nll_loss(a, { target: a, var: a });
F.gaussian_nll_loss(a, a, { var: a });
F.grid_sample(a, { grid: a });
F.group_norm(a, { num_groups: a });
F.hinge_embedding_loss(a, { target: a });
F.huber_loss(a, { target: a });
F.kl_div(a, { target: a });
F.l1_loss(a, { target: a });
F.layer_norm(a, { normalized_shape: a });
F.linear(a, { weight: a });
F.local_response_norm(a, { size: a });
F.lp_pool1d(a, { norm_type: a, kernel_size: a });
F.lp_pool1d(a, a, { kernel_size: a });
F.lp_pool2d(a, { norm_type: a, kernel_size: a });
F.lp_pool2d(a, a, { kernel_size: a });
F.margin_ranking_loss(a, { input2: a, target: a });
F.margin_ranking_loss(a, a, { target: a });
F.max_pool1d(a, { kernel_size: a });
F.max_pool1d_with_indices(a, { kernel_size: a });
F.max_pool2d(a, { kernel_size: a });
F.max_pool2d_with_indices(a, { kernel_size: a });
F.max_pool3d(a, { kernel_size: a });
F.max_pool3d_with_indices(a, { kernel_size: a });
F.max_unpool1d(a, { indices: a, kernel_size: a });
F.max_unpool1d(a, a, { kernel_size: a });
F.max_unpool2d(a, { indices: a, kernel_size: a });
F.max_unpool2d(a, a, { kernel_size: a });
F.max_unpool3d(a, { indices: a, kernel_size: a });
F.max_unpool3d(a, a, { kernel_size: a });
F.mse_loss(a, { target: a });
F.multi_margin_loss(a, { target: a });
F.multilabel_margin_loss(a, { target: a });
F.multilabel_soft_margin_loss(a, { target: a });
F.native_channel_shuffle(a, { groups: a });
F.nll_loss(a, { target: a });
F.pad(a, { pad: a });
F.pairwise_distance(a, { x2: a });
F.pixel_shuffle(a, { upscale_factor: a });
F.pixel_unshuffle(a, { downscale_factor: a });
F.poisson_nll_loss(a, { target: a });
F.prelu(a, { weight: a });
F.smooth_l1_loss(a, { target: a });
F.soft_margin_loss(a, { target: a });
F.threshold(a, { threshold: a, value: a });
F.threshold(a, a, { value: a });
F.threshold_(a, { threshold: a, value: a });
F.threshold_(a, a, { value: a });
F.triplet_margin_loss(a, { positive: a, negative: a });
F.triplet_margin_loss(a, a, { negative: a });
F.triplet_margin_with_distance_loss(a, { positive: a, negative: a });
F.triplet_margin_with_distance_loss(a, a, { negative: a });
F.unfold(a, { kernel_size: a });
F.multi_head_attention_forward(a, { key: a, value: a, embed_dim_to_check: a, num_heads: a, in_proj_weight: a, in_proj_bias: a, bias_k: a, bias_v: a, add_zero_attn: a, dropout_p: a, out_proj_weight: a, out_proj_bias: a });
F.multi_head_attention_forward(a, a, { value: a, embed_dim_to_check: a, num_heads: a, in_proj_weight: a, in_proj_bias: a, bias_k: a, bias_v: a, add_zero_attn: a, dropout_p: a, out_proj_weight: a, out_proj_bias: a });
F.multi_head_attention_forward(a, a, a, { embed_dim_to_check: a, num_heads: a, in_proj_weight: a, in_proj_bias: a, bias_k: a, bias_v: a, add_zero_attn: a, dropout_p: a, out_proj_weight: a, out_proj_bias: a });
F.multi_head_attention_forward(a, a, a, a, { num_heads: a, in_proj_weight: a, in_proj_bias: a, bias_k: a, bias_v: a, add_zero_attn: a, dropout_p: a, out_proj_weight: a, out_proj_bias: a });
F.multi_head_attention_forward(a, a, a, a, a, { in_proj_weight: a, in_proj_bias: a, bias_k: a, bias_v: a, add_zero_attn: a, dropout_p: a, out_proj_weight: a, out_proj_bias: a });
F.multi_head_attention_forward(a, a, a, a, a, a, { in_proj_bias: a, bias_k: a, bias_v: a, add_zero_attn: a, dropout_p: a, out_proj_weight: a, out_proj_bias: a });
F.multi_head_attention_forward(a, a, a, a, a, a, a, { bias_k: a, bias_v: a, add_zero_attn: a, dropout_p: a, out_proj_weight: a, out_proj_bias: a });
F.multi_head_attention_forward(a, a, a, a, a, a, a, a, { bias_v: a, add_zero_attn: a, dropout_p: a, out_proj_weight: a, out_proj_bias: a });
F.multi_head_attention_forward(a, a, a, a, a, a, a, a, a, { add_zero_attn: a, dropout_p: a, out_proj_weight: a, out_proj_bias: a });
F.multi_head_attention_forward(a, a, a, a, a, a, a, a, a, a, { dropout_p: a, out_proj_weight: a, out_proj_bias: a });
F.multi_head_attention_forward(a, a, a, a, a, a, a, a, a, a, a, { out_proj_weight: a, out_proj_bias: a });
F.multi_head_attention_forward(a, a, a, a, a, a, a, a, a, a, a, a, { out_proj_bias: a });

// the values' types are the positional parameters', and the result's type the function's
export const y: Tensor = F.pad(x, { pad: [1, 1], mode: 'constant', value: 0 });
export const z: Tensor = F.max_pool2d(x, { kernel_size: 2, stride: 1 });
F.linear(x, { weight: w, bias: null });
F.unfold(x, { kernel_size: 2, stride: 2 });
// @ts-expect-error a required argument missing
F.pad(x, {});
// @ts-expect-error pad must be a list of numbers
F.pad(x, { pad: 'a' });
// @ts-expect-error an unknown name
F.pad(x, { pad: [1, 1], foo: 1 });
// @ts-expect-error weight must be a Tensor
F.linear(x, { weight: 1 });
// @ts-expect-error F.linear needs its weight
F.linear(x);
// @ts-expect-error the positional form is as strict as before
F.pad(x, 'a');
// @ts-expect-error weight given twice
F.linear(x, w, { weight: w });
// @ts-expect-error kernel_size must be a number or a pair
F.unfold(x, { kernel_size: 'a' });
// @ts-expect-error target must be a Tensor
F.gaussian_nll_loss(x, { target: 1, var: x });
