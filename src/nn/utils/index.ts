// torch.nn.utils: `rnn`, whose functions release their temporaries (index tensors, padding rows) when they return; gradient
// clipping and parameter vectors (clip_grad.ts); weight_norm / spectral_norm (weight_norm.ts); parametrize and
// parametrizations; prune; stateless.functional_call; fusion; skip_init.
import * as raw from './rnn.js';
import { scopedAll } from '../../lifetime.js';
import { clip_grad_norm, clip_grad_norm_, clip_grad_value_, parameters_to_vector, vector_to_parameters } from './clip_grad.js';
import { skip_init } from './init.js';

/** torch.nn.utils.rnn: PackedSequence, pack_padded_sequence, pad_packed_sequence, pad_sequence, pack_sequence. */
export const rnn: typeof raw = /*#__PURE__*/ scopedAll(raw, 'the end of the nn.utils.rnn call that made it (an internal temporary)');
export { clip_grad_norm, clip_grad_norm_, clip_grad_value_, parameters_to_vector, vector_to_parameters, skip_init };
export type { ClipGradNormOptions } from './clip_grad.js';
export { weight_norm, remove_weight_norm, spectral_norm, remove_spectral_norm } from './weight_norm.js';
export { fuse_conv_bn_eval, fuse_conv_bn_weights } from './fusion.js';
/** torch.nn.utils.clip_grad (the module): clip_grad_norm_, clip_grad_value_ and the deprecated clip_grad_norm. */
export const clip_grad = { clip_grad_norm, clip_grad_norm_, clip_grad_value_ };
/** torch.nn.utils.convert_parameters (the module): parameters_to_vector, vector_to_parameters. */
export const convert_parameters = { parameters_to_vector, vector_to_parameters };
/** torch.nn.utils.init (the module): skip_init. */
export const init = { skip_init };
/** torch.nn.utils.fusion: fuse_conv_bn_eval / fuse_conv_bn_weights and the Linear forms. */
export * as fusion from './fusion.js';
/** torch.nn.utils.parametrize: register_parametrization, remove_parametrizations, is_parametrized, cached, ... */
export * as parametrize from './parametrize.js';
/** torch.nn.utils.parametrizations: orthogonal, spectral_norm. */
export * as parametrizations from './parametrizations.js';
/** torch.nn.utils.prune: the pruning methods, random/l1_unstructured, random/ln_structured, global_unstructured, remove, ... */
export * as prune from './prune.js';
/** torch.nn.utils.stateless: functional_call. */
export * as stateless from './stateless.js';
export type { ParametrizedModule, ParametrizationDict } from './parametrize.js';
