// The package entry 'tocha/utils/data' (torch.utils.data): the default build's WebAssembly first
// (src/backend/wasm-source.ts), then the module.
import '../backend/wasm-bytes.generated.js';
export * from '../data/index.js';
