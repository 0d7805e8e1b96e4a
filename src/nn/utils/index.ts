// torch.nn.utils: `rnn`, whose functions release their temporaries (index tensors, padding rows) when they return.
import * as raw from './rnn.js';
import { scopedAll } from '../../lifetime.js';

/** torch.nn.utils.rnn: PackedSequence, pack_padded_sequence, pad_packed_sequence, pad_sequence, pack_sequence. */
export const rnn: typeof raw = scopedAll(raw, 'the end of the nn.utils.rnn call that made it (an internal temporary)');
