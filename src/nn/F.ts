// nn.functional as users and layers call it: each function runs in its own scope, so the
// temporaries a composite makes (masks, index tensors, intermediate results) are released when it
// returns; its result and the graph's saved tensors live on.
import * as raw from './functional.js';
import { multi_head_attention_forward } from './attention.js';
import { scopedAll } from '../lifetime.js';
import { checkFirstTensor, F_FIRST, F_FIRST_OTHER, F_LATER, F_SECOND } from '../tensor-args.js';

// functional.ts's helpers for the layers (argument binding, node naming, legacy reductions, the
// embedding renorm) are not PyTorch's API: they stay out of the namespace.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const { parseArgs, named, legacyReduction, embeddingRenorm, batchNormCore, featureDropoutImpl, alphaDropoutImpl, checkP, rreluCore, dropoutImpl, ...api } = raw;

// and the functions whose first argument must be a Tensor check it first (src/tensor-args.ts)
export const F = checkFirstTensor(scopedAll({ ...api, multi_head_attention_forward },
  'the end of the nn.functional call that made it (an internal temporary)'), F_FIRST, F_FIRST_OTHER, F_SECOND, F_LATER);
