// The package entry 'tocha/lean/threads': the worker thread pool (src/backend/threads.ts), for an app built on
// 'tocha/lean'. Importing it installs the pool (src/backend/pool.ts), so that large matrix products, long elementwise
// ops, optimizer updates and the lean parts' per-image kernels split across workers as under 'tocha' (every core by
// default, torch.set_num_threads). Without it a lean app runs on the calling thread. The lean build's WebAssembly comes
// first (src/backend/wasm-source.ts): the pool instantiates the core, so this entry may be the first an app imports.
import '../backend/wasm-bytes-lean.generated.js';
import '../backend/threads.js';

export {};
