// The package entry 'tocha/optim/lr_scheduler' (torch.optim.lr_scheduler): the default build's WebAssembly first
// (src/backend/wasm-source.ts), every Tensor method (src/tensor-methods.ts) and the worker threads
// (src/backend/threads.ts), as 'tocha' has them, then the module.
import '../backend/wasm-bytes.generated.js';
import '../tensor-methods.js';
import '../backend/threads.js';
export * from '../optim/lr_scheduler.js';
