// The conformance file (what real PyTorch computes) again under torch.set_float32_matmul_precision('high'):
// with fused multiply-adds in the matrix products, every case, model and optimizer trajectory still
// matches PyTorch 1.13 within the file's tolerances, on both seeds. Relaxed SIMD needs its V8 flag in
// Node 20, set before tocha loads.
import v8 from 'node:v8';
import { readFileSync } from 'node:fs';
import { describe, it, expect, afterAll } from 'vitest';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');
const { runFile } = await import('../scripts/conformance.js');
const { fixture } = await import('./fixture.js');
type CasesFile = import('../scripts/conformance.js').CasesFile;

afterAll(() => torch.set_float32_matmul_precision('highest'));

describe("conformance with PyTorch 1.13 under set_float32_matmul_precision('high')", () => {
  it('runs the fused GEMM here', () => {
    expect(torch.backends.wasm.relaxed_simd.is_available()).toBe(true);
  });
  const files: [string, CasesFile][] = [
    ['shared file', JSON.parse(readFileSync(new URL('../../shared/conformance/torch-cases.json', import.meta.url), 'utf8'))],
    ['second seed', fixture('torch-cases-seed2.json') as CasesFile],
  ];
  for (const [name, file] of files) {
    it(`passes every case of the ${name}`, () => {
      torch.set_float32_matmul_precision('high');
      const results = runFile(file);
      torch.set_float32_matmul_precision('highest');
      expect(results.length).toBe(file.cases.length + file.reprs.length + file.rng.length);
      expect(results.filter((r) => !r.ok).map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
    });
  }
});
