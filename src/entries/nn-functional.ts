// The package entry 'tocha/nn/functional' (nn.functional): the default build's WebAssembly first
// (src/backend/wasm-source.ts), then the module.
import '../backend/wasm-bytes.generated.js';
export * from '../nn/F.js';
