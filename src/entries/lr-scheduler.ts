// The package entry 'tocha/optim/lr_scheduler' (torch.optim.lr_scheduler): the default build's WebAssembly first
// (src/backend/wasm-source.ts), then the module.
import '../backend/wasm-bytes.generated.js';
export * from '../optim/lr_scheduler.js';
