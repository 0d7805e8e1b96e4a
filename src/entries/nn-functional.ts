// The package entry 'tocha/nn/functional' (nn.functional): the default build's WebAssembly first
// (src/backend/wasm-source.ts), every Tensor method (src/tensor-methods.ts) and the worker threads
// (src/backend/threads.ts), as 'tocha' has them, then the module.
import '../backend/wasm-bytes.generated.js';
import '../tensor-methods.js';
import '../backend/threads.js';
export * from '../nn/F.js';
