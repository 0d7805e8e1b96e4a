// The package entry 'tocha/nn/functional' (nn.functional): the default build's WebAssembly first
// (src/backend/wasm-source.ts), every Tensor method (src/tensor-methods.ts), the worker threads
// (src/backend/threads.ts) and the fused module's loader (src/backend/fma-load.ts), as 'tocha' has them, then the
// module.
import '../backend/wasm-bytes.generated.js';
import '../tensor-methods.js';
import '../backend/threads.js';
import '../backend/fma-load.js';
export * from '../nn/F.js';
