// The package entry 'tocha/lean/kernels/math': the lean part 'math' (src/backend/lean-core.json), sin and cos, expm1 and log1p, erf, and the activations built on them (GELU, SiLU, ELU, softplus, logsigmoid),
// for an app built on 'tocha/lean'. Importing it provides the part's WebAssembly (src/backend/wasm-source.ts), which the
// lean core calls when it needs one of its kernels (src/backend/lean-guard.ts). Under 'tocha' (everything) it is unused.
import '../backend/wasm-bytes-lean-math.generated.js';

export {};
