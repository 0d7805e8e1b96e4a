// The backward passes of softmax, log_softmax, cross_entropy and layer_norm with PyTorch 1.13's bits
// (test/fixtures/backward-bits.json, scripts/gen-backward-bits.py): ATen's AVX2 kernels sum in vec::reduce_all's order
// (over the last dim) or down each column (over other dims), with the multiply-adds GCC fused into one rounding.
// tocha's old kernel (a double sum, unfused) differed from PyTorch in 205 of 601 picked softmax gradients over the last
// dim, 57 of 601 log_softmax ones, 286 and 156 of 831 over other dims, and 27 of 783 cross_entropy gradients; the
// composite graph layer_norm's gradients came from, in 724 of 1166 dX, 404 of 569 dweight and 121 of 618 dbias values.
// Each is checked on both of tocha's paths: the core, and the relaxed build that runs the fused steps as fused
// multiply-adds where the engine's relaxed_madd fuses (src/backend/fma.ts; Node 20 needs the V8 flag set here).
import v8 from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectDoubleBackward, fixture, pickedBits, type DoubleBackwardCase, type PickedBits } from './fixture.js';

interface SoftmaxCase { seed: number; shape: number[]; dim: number; softmax: PickedBits; log_softmax: PickedBits }
interface CrossEntropyCase { seed: number; shape: number[]; t: number[]; kw: Record<string, unknown>; grad: PickedBits }
interface LayerNormCase {
  seed: number; shape: number[]; k: number; weight: boolean; bias: boolean;
  dx: PickedBits; dw: PickedBits | null; db: PickedBits | null;
}
const { softmax: softmaxCases, cross_entropy: ceCases, layer_norm: lnCases, layer_norm_double: lnDouble } =
  fixture('backward-bits.json') as { softmax: SoftmaxCase[]; cross_entropy: CrossEntropyCase[]; layer_norm: LayerNormCase[];
    layer_norm_double: (DoubleBackwardCase & { ns: number[] })[] };

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');
const { fusedKernels, _setFusedKernels } = await import('../src/backend/fma.js');
const F = torch.nn.functional;

for (const [path, fused] of [['the core', false], ['the relaxed build', true]] as const) describe(path, () => {
  beforeAll(() => {
    _setFusedKernels(fused);
    expect(fusedKernels() !== null, `${path} in use`).toBe(fused);
  });
  afterAll(() => _setFusedKernels(true));

  describe("softmax and log_softmax's gradients have PyTorch's bits", () => {
    for (const name of ['softmax', 'log_softmax'] as const) {
      it(`${name}: ${softmaxCases.length} shapes, over the last dim and over others`, () => {
        for (const c of softmaxCases) {
          torch.manual_seed(c.seed);
          const x = torch.randn(c.shape).mul(4).requires_grad_();
          const g = torch.randn(c.shape);
          torch[name](x, c.dim).backward(g);
          expect(pickedBits(x.grad!, c[name].at), `${JSON.stringify(c.shape)} dim ${c.dim}`).toEqual(c[name].bits);
        }
      });
    }
  });

  describe("cross_entropy's gradient has PyTorch's bits", () => {
    it(`${ceCases.length} cases: (N, C) and (N, C, d...), mean and sum, class weights, ignore_index`, () => {
      for (const c of ceCases) {
        torch.manual_seed(c.seed);
        const x = torch.randn(c.shape).requires_grad_();
        const t = torch.tensor(c.t, { dtype: torch.int64 }).reshape([c.shape[0], ...c.shape.slice(2)]);
        const kw: Record<string, unknown> = { ...c.kw };
        if (kw.weight) kw.weight = torch.tensor(kw.weight as number[]);
        F.cross_entropy(x, t, kw).backward();
        expect(pickedBits(x.grad!, c.grad.at), `${JSON.stringify(c.shape)} ${JSON.stringify(c.kw)}`).toEqual(c.grad.bits);
      }
    });
  });

  describe("layer_norm's gradients have PyTorch's bits", () => {
    it(`${lnCases.length} shapes, with and without weight and bias: dX, dweight, dbias`, () => {
      for (const c of lnCases) {
        torch.manual_seed(c.seed);
        const ns = c.shape.slice(-c.k);
        const x = torch.randn(c.shape).mul(3).add(1).requires_grad_();
        const w = c.weight ? torch.randn(ns).requires_grad_() : null;
        const b = c.bias ? torch.randn(ns).requires_grad_() : null;
        const g = torch.randn(c.shape);
        const y = F.layer_norm(x, ns, w, b);
        expect(y.grad_fn?.name()).toBe('NativeLayerNormBackward0');
        y.backward(g);
        const what = `${JSON.stringify(c.shape)} weight ${c.weight} bias ${c.bias}`;
        expect(pickedBits(x.grad!, c.dx.at), `dx ${what}`).toEqual(c.dx.bits);
        if (w) expect(pickedBits(w.grad!, c.dw!.at), `dweight ${what}`).toEqual(c.dw!.bits);
        if (b) expect(pickedBits(b.grad!, c.db!.at), `dbias ${what}`).toEqual(c.db!.bits);
      }
    });
  });
});

describe('layer_norm double backward (create_graph) against PyTorch', () => {
  for (const c of lnDouble) {
    it(`normalized_shape ${JSON.stringify(c.ns)} of ${JSON.stringify(c.input.shape)}`, () => {
      expectDoubleBackward((x, w, b) => F.layer_norm(x, c.ns, w, b), c);
    });
  }
});
