// The package entry 'tocha/lean/kernels/all': the lean part 'all' (src/backend/lean-core.json), every kernel of the default build that the lean core lacks (math and nn included),
// for an app built on 'tocha/lean'. Importing it provides the part's WebAssembly (src/backend/wasm-source.ts), which the
// lean core calls when it needs one of its kernels (src/backend/lean-guard.ts). Under 'tocha' (everything) it is unused.
import '../backend/wasm-bytes-lean-all.generated.js';

export {};
