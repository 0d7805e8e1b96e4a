// The package entry 'tocha/lean/nn/functional': the lean build's WebAssembly first (src/backend/wasm-source.ts, src/lean.ts),
// then the module.
import '../backend/wasm-bytes-lean.generated.js';
export * from '../nn/F.js';
