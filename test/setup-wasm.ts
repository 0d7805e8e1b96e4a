// Tests import src/ modules directly as well as src/index.ts: the default build's WebAssembly is provided first, as
// the package's entries do (src/backend/wasm-source.ts), and the fused module's loader, which they install too.
import '../src/backend/wasm-bytes.generated.js';
import '../src/backend/fma-load.js';
