// torch.nn.utils: `rnn`, whose functions release their temporaries (index tensors, padding rows) when they return; gradient clipping and parameter vectors (clip_grad.ts).
import * as raw from './rnn.js';
import { scopedAll } from '../../lifetime.js';

/** torch.nn.utils.rnn: PackedSequence, pack_padded_sequence, pad_packed_sequence, pad_sequence, pack_sequence. */
export const rnn: typeof raw = scopedAll(raw, 'the end of the nn.utils.rnn call that made it (an internal temporary)');
export { clip_grad_norm_, clip_grad_value_, parameters_to_vector, vector_to_parameters } from './clip_grad.js';
export type { ClipGradNormOptions } from './clip_grad.js';
export { weight_norm, remove_weight_norm, spectral_norm, remove_spectral_norm } from './weight_norm.js';
