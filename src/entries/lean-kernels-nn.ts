// The package entry 'tocha/lean/kernels/nn': the lean part 'nn' (src/backend/lean-core.json), 2-D convolutions and their pooling, batch norm and layer norm,
// for an app built on 'tocha/lean'. Importing it provides the part's WebAssembly (src/backend/wasm-source.ts), which the
// lean core calls when it needs one of its kernels (src/backend/lean-guard.ts). Under 'tocha' (everything) it is unused.
import '../backend/wasm-bytes-lean-nn.generated.js';

export {};
