// nn.functional as users and layers call it: each function runs in its own scope, so the
// temporaries a composite makes (masks, index tensors, intermediate results) are released when it
// returns; its result and the graph's saved tensors live on.
import * as raw from './functional.js';
import { multi_head_attention_forward } from './attention.js';
import { scopedAll } from '../lifetime.js';

export const F = scopedAll({ ...raw, multi_head_attention_forward }, 'the end of the nn.functional call that made it (an internal temporary)');
