// tanh's gradient as PyTorch 1.13 computes it: grad * (1 - y²) with 1 - y² one fused multiply-add (GCC contracts
// ATen's `a * (1 - b * b)` in its AVX2 build), in the vector loop and the tail alike. test/fixtures/tanh-backward.json
// is written by scripts/gen-tanh-backward.py; makemore's manual backprop (test/makemore-programs.ts) depends on it:
// its cmp('hpreact', ...) is exact: False in PyTorch for that reason.
// Checked on both of tocha's paths: the core (1 - y² exact in f64), and the relaxed build's tanh_backward_f32 (one
// relaxed_nmadd) where the engine's relaxed_madd fuses (src/backend/fma.ts; Node 20 needs the V8 flag set here).
import v8 from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { U } from '../src/backend/kernels.js';
import { fixture } from './fixture.js';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');
const { unaryGrad } = await import('../src/ops/elementwise.js');
const { fusedKernels, _setFusedKernels } = await import('../src/backend/fma.js');

const cases = fixture('tanh-backward.json') as { y: number[]; g: number[]; grad: number[]; two_roundings: number[] }[];

const PATHS = [['the core', false], ['the relaxed build', true]] as const;
for (const [path, fused] of PATHS) describe(`tanh's gradient (${path})`, () => {
  beforeAll(() => {
    _setFusedKernels(fused);
    expect(fusedKernels() !== null, `${path} in use`).toBe(fused);
  });
  afterAll(() => _setFusedKernels(true));

  it("has ATen's tanh_backward bits, not those of grad * (1 - y * y) in two roundings", () => {
    let told = 0;
    for (const { y, g, grad, two_roundings } of cases) {
      const got = unaryGrad(U.tanh, null, torch.tensor(y), torch.tensor(g)).tolist() as number[];
      expect(got, `${y.length} values`).toEqual(grad);
      told += grad.filter((v, i) => v !== two_roundings[i]).length;
    }
    expect(told).toBeGreaterThan(50);   // the cases tell the two apart
  });

  it('is what backward gives through torch.tanh', () => {
    const x = torch.linspace(-3, 3, 23, { requires_grad: true });
    const y = torch.tanh(x);
    const g = torch.linspace(-1, 2, 23);
    y.backward(g);
    expect(x.grad!.tolist()).toEqual(unaryGrad(U.tanh, null, y.detach(), g).tolist());
  });
});
