// The two paths of tocha's elementwise kernels, for the tests that compare both with PyTorch's bits: the core (fused
// steps evaluated in f64) and the relaxed build (src/backend/fma.ts, real fused multiply-adds). A test file sets V8's
// --experimental-wasm-relaxed-simd before importing tocha (Node 20), then calls this at its top level.
import { afterAll, beforeAll, describe, expect } from 'vitest';

/** Declares `body` once for each path, as a describe block named after it, with that path in use. */
export async function describeBothPaths(body: (path: string) => void): Promise<void> {
  const { fusedKernels, _setFusedKernels } = await import('../src/backend/fma.js');
  for (const [path, fused] of [['the core', false], ['the relaxed build', true]] as const) describe(path, () => {
    beforeAll(() => {
      _setFusedKernels(fused);
      expect(fusedKernels() !== null, `${path} in use`).toBe(fused);
    });
    afterAll(() => _setFusedKernels(true));
    body(path);
  });
}
