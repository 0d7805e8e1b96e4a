// The lean entry, `import * as torch from 'tocha/lean'`: the same API as 'tocha' over the lean core. Tensor has its
// core methods only (src/tensor.ts; every torch.* function, nn, optim and nn.functional are there, and a bundler drops
// the ones an app does not use), and the WebAssembly is the lean build's (only the core's kernels and op codes).
// `import 'tocha/tensor-methods'` adds the other Tensor methods. tsconfig.lean.json compiles this entry's modules
// alone: library code that calls a method the core lacks does not compile.
import './backend/wasm-bytes-lean.generated.js';

export * from './torch.js';
