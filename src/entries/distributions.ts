// The package entry 'tocha/distributions' (torch.distributions): the default build's WebAssembly first
// (src/backend/wasm-source.ts), then the module.
import '../backend/wasm-bytes.generated.js';
export * from '../distributions/index.js';
