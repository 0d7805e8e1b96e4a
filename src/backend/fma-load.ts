// The fused (relaxed SIMD) module's loader and the check of its fused steps (src/backend/fma.ts describes both), which
// installs itself in fma.ts when imported: 'tocha' and its subpath entries import it; tocha/lean, whose WebAssembly
// has no fused module, does not (nor its threads part).
import { fusedBytes } from './unpack.js';
import { K, F32, I32, bytesForMemory, malloc, mfree } from './wasm.js';
import { U } from './kernels.js';
import { installFused, type FmaKernels, type Fused } from './fma.js';

/** Compiled on first use: undefined until tried, null where the engine cannot run it. */
let fmaState: Fused | null | undefined;

function loadFma(): Fused | null {
  if (fmaState !== undefined) return fmaState;
  fmaState = null;
  try {
    const bytes = bytesForMemory(fusedBytes());
    if (WebAssembly.validate(bytes as BufferSource)) {
      const module = new WebAssembly.Module(bytes as BufferSource);
      const k = new WebAssembly.Instance(module, { env: { memory: K.memory } }).exports as unknown as FmaKernels;
      fmaState = { module, k };
    }
  } catch {
    fmaState = null;
  }
  return fmaState;
}

let fusedExact: boolean | undefined;

/** Inputs for the check: exp and tanh over [-20, 20], log over (0, 40]: with unfused steps, many of these differ; and
 *  tanh's gradient 1 - y² over y in (-1, 1), whose four-lane steps are one relaxed_nmadd and whose last three (1023
 *  is not a multiple of 4) a scalar relaxed_madd, as the norms' and backward kernels' steps are. */
function fusedProbe(): boolean {
  const k = loadFma()?.k;
  if (!k) return false;
  const n = 1024;
  const a = malloc(n * 4), x = malloc(n * 4), y = malloc(n * 4), g = malloc(n * 4);
  try {
    F32().fill(1, g >> 2, (g >> 2) + n);
    {
      const v = F32();
      for (let i = 0; i < n; i++) v[(a >> 2) + i] = 2 * ((i * 0.6180339887) % 1) - 1;
      K.unary_grad_f32(U.tanh, x, 0, a, g, n - 1, 0, 0);
      k.tanh_backward_f32(y, a, g, n - 1);
      const w = I32();
      for (let i = 0; i < n - 1; i++) if (w[(x >> 2) + i] !== w[(y >> 2) + i]) return false;
    }
    for (const [op, lo, hi] of [[U.exp, -20, 20], [U.log, 1e-3, 40], [U.tanh, -20, 20], [U.sigmoid, -20, 20], [U.erf, -5, 5]]) {
      const v = F32();
      for (let i = 0; i < n; i++) v[(a >> 2) + i] = lo + (hi - lo) * ((i * 0.6180339887) % 1);
      K.unary_flat_f32(op, x, a, n, 0, 0);
      k.transcendental_flat_f32(op, y, a, n, 0, 0);
      const w = I32();
      for (let i = 0; i < n; i++) if (w[(x >> 2) + i] !== w[(y >> 2) + i]) return false;
    }
    return true;
  } finally {
    mfree(a);
    mfree(x);
    mfree(y);
    mfree(g);
  }
}

installFused({
  load: loadFma,
  exact: () => (fusedExact ??= fusedProbe()),
});
