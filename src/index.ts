// The package's entry, `import * as torch from 'tocha'`: everything, synchronously. The default build's WebAssembly
// first (src/backend/wasm-source.ts: the first entry an app imports provides it), then every Tensor method and the
// worker threads (src/backend/threads.ts installs its pool in src/backend/pool.ts) and the fused module's loader
// (src/backend/fma-load.ts installs it in src/backend/fma.ts), then the API (src/torch.ts, which the lean entry
// src/lean.ts shares).
import './backend/wasm-bytes.generated.js';
import './tensor-methods.js';
import './backend/threads.js';
import './backend/fma-load.js';

export * from './torch.js';
