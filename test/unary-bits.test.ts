// exp, log, tanh, sigmoid, SiLU, erf, GELU, softmax and log_softmax with PyTorch 1.13's bits (test/fixtures/unary-bits.json,
// scripts/gen-unary-bits.py): ATen's AVX2 kernels take SLEEF's expf8_u10, logf8_u10, tanhf8_u10 (fused-multiply-add steps:
// tocha evaluates each fused step in f64) on whole blocks of 16 floats and, for sigmoid and SiLU, glibc's expf on the
// rest of a contiguous row and on strided elements; softmax sums in vec::reduce_all's order. tocha's own exp had
// differed from PyTorch's in 2.3% of random inputs, its log in 3.5%, tanh in 5%, sigmoid in 23%, softmax and log_softmax in
// 20-40% (an ulp or two). erf is SLEEF's erff8_u10 on every element (tocha's own erf had differed in 1.7% of these
// values); GELU's ATen kernel (strided input, a row view, one float) takes SLEEF's erf on 16-float blocks and glibc's erff
// after them, and a contiguous GELU of more than one float is oneDNN's gelu_erf (its own exp and erf polynomial), on which
// tocha's ATen-kernel GELU had differed in 1 of 3 values. expm1 is SLEEF's expm1f8_u10 on every element (tocha's own
// had differed in 0.5% of sampled floats, 1 ulp). sin, cos and log1p are SLEEF's sinf8_u10, cosf8_u10 and log1pf8_u10 on
// every element (tocha's own had differed in 2.6%, 3.2% and 1.1% of sampled floats, and log1p above 1e38, where SLEEF
// gives inf); sin and cos reduce a whole 8-float vector the slow way once a lane is not below 125 or is NaN, which can
// change another lane's bits, so tocha keeps PyTorch's vectors (from a row's start), and so do their gradients.
// Each is checked on both of tocha's paths: the core, and the relaxed build that runs the fused steps as fused
// multiply-adds where the engine's relaxed_madd fuses (src/backend/fma.ts; Node 20 needs the V8 flag set here).
import v8 from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import { fixture, pickedBits, type PickedBits, hexFloats as floats } from './fixture.js';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');
const { fusedKernels, _setFusedKernels } = await import('../src/backend/fma.js');

type Picked = PickedBits;
type Ops = Record<'exp' | 'sigmoid' | 'silu' | 'log' | 'tanh' | 'erf' | 'expm1' | 'sin' | 'cos' | 'log1p', Picked>;
type SinCos = Record<'whole' | 'shifted' | 'alone' | 'rows' | 'strided' | 'grad', Picked>;
type Case = Ops & { gelu?: Picked; seed?: number; n?: number; rows?: number; width?: number; cols?: number; step?: number;
  special?: string[]; special_tail?: Ops & { gelu?: Picked }; expm1_edges?: string[]; expm1_tail?: Picked; edges?: string[]; edges_tail?: Partial<Ops> & { gelu?: Picked };
  sincos?: { x: string[]; g: string[]; sin: SinCos; cos: SinCos }; log1p_edges?: string[]; log1p_tail?: Picked;
  log1p_grad?: { x: string[]; g: string[]; grad: Picked } };
interface SoftmaxCase { seed: number; shape: number[]; dim: number; softmax: Picked; log_softmax: Picked }
interface LayerNormCase { seed: number; shape: number[]; k: number; affine: boolean; y: Picked }
const { unary: cases, softmax: softmaxCases, layer_norm: lnCases } = fixture('unary-bits.json') as
  { unary: Case[]; softmax: SoftmaxCase[]; layer_norm: LayerNormCase[] };
const F = torch.nn.functional;
const ops: Record<keyof Ops, (x: Tensor) => Tensor> = { exp: torch.exp, sigmoid: torch.sigmoid, silu: F.silu,
  log: (x) => torch.log(x.abs()), tanh: torch.tanh, erf: torch.erf, expm1: torch.expm1, sin: torch.sin, cos: torch.cos,
  log1p: (x) => torch.log1p(x.abs().sub(1)) };

const picked = pickedBits;
/** Any NaN as 7fc00000: sin's, cos's and log1p's NaN match any NaN (SLEEF's are all ones; the fixture's new cases write
 *  them so), the other ops' NaN bit for bit. */
const nanAsOne = (bits: string[]) => bits.map((h) => ((parseInt(h, 16) & 0x7fffffff) >>> 0) > 0x7f800000 ? '7fc00000' : h);
const NAN_ANY = new Set(['sin', 'cos', 'log1p']);
const pickedAs = (name: string, t: Tensor, at: number[]) => (NAN_ANY.has(name) ? nanAsOne(picked(t, at)) : picked(t, at));
const bitsAs = (name: string, bits: string[]) => (NAN_ANY.has(name) ? nanAsOne(bits) : bits);
const pickedN = (t: Tensor, at: number[]) => nanAsOne(picked(t, at));

for (const [path, fused] of [['the core', false], ['the relaxed build', true]] as const) describe(path, () => {
  beforeAll(() => {
    _setFusedKernels(fused);
    expect(fusedKernels() !== null, `${path} in use`).toBe(fused);
  });
  afterAll(() => _setFusedKernels(true));

  describe(`exp, log, tanh, sigmoid and SiLU have PyTorch's bits (${path})`, () => {
    for (const name of Object.keys(ops) as (keyof Ops)[]) {
      it(`${name}: contiguous tensors of 1 to 100,000 floats (whole 16-float blocks and the rest)`, () => {
        for (const c of cases.filter((k) => k.n !== undefined)) {
          torch.manual_seed(c.seed!);
          const x = torch.randn(c.n!).mul(5);
          expect(pickedAs(name, ops[name](x), c[name].at), `n = ${c.n}`).toEqual(bitsAs(name, c[name].bits));
        }
      });

      it(`${name}: rows of a wider tensor (a chunk's view) each have their own blocks`, () => {
        const c = cases.find((k) => k.cols !== undefined)!;
        torch.manual_seed(c.seed!);
        const x = torch.randn(c.rows!, c.width!).mul(5);
        expect(pickedAs(name, ops[name](x.narrow(1, 0, c.cols!)), c[name].at)).toEqual(bitsAs(name, c[name].bits));
      });

      it(`${name}: a strided row (every third element) takes the scalar op throughout`, () => {
        const c = cases.find((k) => k.step !== undefined)!;
        torch.manual_seed(c.seed!);
        const x = torch.randn(c.rows!, c.width!).mul(5);
        const v = x.as_strided([c.rows!, c.width! / c.step!], [c.width!, c.step!]);
        expect(pickedAs(name, ops[name](v), c[name].at)).toEqual(bitsAs(name, c[name].bits));
      });

      it(`${name}: special values (infinities, zeros, overflow and underflow edges) in a block and in a tail`, () => {
        const c = cases.find((k) => k.special !== undefined)!;
        const x = floats(c.special!);
        expect(pickedAs(name, ops[name](x), c[name].at)).toEqual(bitsAs(name, c[name].bits));
        expect(pickedAs(name, ops[name](x.narrow(0, 0, 5)), c.special_tail![name].at)).toEqual(bitsAs(name, c.special_tail![name].bits));
      });
    }
  });

  describe(`expm1 is SLEEF's expm1f8_u10 (${path})`, () => {
    it(`expm1 has PyTorch's bits at its branch edges (overflow, -1, -0, NaN), in a 16-float block and in a tail`, () => {
      const c = cases.find((k) => k.expm1_edges !== undefined)!;
      const x = floats(c.expm1_edges!);
      expect(picked(torch.expm1(x), c.expm1.at)).toEqual(c.expm1.bits);
      expect(picked(torch.expm1(x.narrow(0, 16, x.shape[0] - 16)), c.expm1_tail!.at)).toEqual(c.expm1_tail!.bits);
    });
  });

  describe(`sin and cos are SLEEF's sinf8_u10 / cosf8_u10 in PyTorch's 8-float vectors (${path})`, () => {
    const c = cases.find((k) => k.sincos !== undefined)!.sincos!;
    for (const name of ['sin', 'cos'] as const) {
      const f = torch[name];
      const e = c[name];
      it(`${name}: vectors with and without a lane that takes SLEEF's slow path (1e4, NaN, inf, 125, -3e38), whole and shifted by 3`, () => {
        const x = floats(c.x);
        expect(pickedN(f(x), e.whole.at)).toEqual(e.whole.bits);
        expect(pickedN(f(x.narrow(0, 3, x.shape[0] - 3)), e.shifted.at)).toEqual(e.shifted.bits);
      });
      it(`${name}: one float alone, rows of a view, a strided view`, () => {
        const x = floats(c.x);
        const n = x.shape[0];
        const alone = torch.cat(Array.from({ length: n }, (_, i) => f(x.narrow(0, i, 1))));
        expect(pickedN(alone, e.alone.at)).toEqual(e.alone.bits);
        expect(pickedN(f(x.reshape([7, 11]).narrow(1, 0, 9)), e.rows.at)).toEqual(e.rows.bits);
        expect(pickedN(f(x.as_strided([Math.ceil(n / 2)], [2])), e.strided.at)).toEqual(e.strided.bits);
      });
      it(`${name}'s gradient (grad * x.cos(), grad * -x.sin()) over the same vectors`, () => {
        const x = floats(c.x).requires_grad_();
        f(x).backward(floats(c.g));
        expect(pickedN(x.grad!, e.grad.at)).toEqual(e.grad.bits);
      });
    }
  });

  describe(`log1p is SLEEF's log1pf8_u10 (${path})`, () => {
    const c = cases.find((k) => k.log1p_edges !== undefined)!;
    it(`log1p has PyTorch's bits at its edges (inf above 1e38, NaN below -1, -inf at -1, -0), in a vector and a tail`, () => {
      const x = floats(c.log1p_edges!);
      expect(pickedN(torch.log1p(x), c.log1p.at)).toEqual(c.log1p.bits);
      expect(pickedN(torch.log1p(x.narrow(0, 20, x.shape[0] - 20)), c.log1p_tail!.at)).toEqual(c.log1p_tail!.bits);
    });
    it(`log1p's gradient grad / (x + 1)`, () => {
      const x = floats(c.log1p_grad!.x).requires_grad_();
      torch.log1p(x).backward(floats(c.log1p_grad!.g));
      expect(pickedN(x.grad!, c.log1p_grad!.grad.at)).toEqual(c.log1p_grad!.grad.bits);
    });
  });

  describe(`erf and GELU's ATen kernel (${path})`, () => {
    it(`erf has PyTorch's bits at the edges of its branches, in a 16-float block and in a tail`, () => {
      const c = cases.find((k) => k.edges !== undefined)!;
      const x = floats(c.edges!);
      expect(picked(torch.erf(x), c.erf.at)).toEqual(c.erf.bits);
      expect(picked(torch.erf(x.narrow(0, 16, x.shape[0] - 16)), c.edges_tail!.erf!.at)).toEqual(c.edges_tail!.erf!.bits);
    });

    it(`contiguous GELU has PyTorch's bits: oneDNN's gelu_erf from 2 floats on, ATen's scalar kernel for one`, () => {
      for (const c of cases.filter((k) => k.n !== undefined)) {
        torch.manual_seed(c.seed!);
        const x = torch.randn(c.n!).mul(5);
        expect(picked(F.gelu(x), c.gelu!.at), `n = ${c.n}`).toEqual(c.gelu!.bits);
      }
    });

    it(`contiguous GELU has oneDNN's bits on special values and its erf's branch edges, whole and as a tail`, () => {
      const s = cases.find((k) => k.special !== undefined)!;
      const x = floats(s.special!);
      expect(picked(F.gelu(x), s.gelu!.at)).toEqual(s.gelu!.bits);
      expect(picked(F.gelu(x.narrow(0, 0, 5).contiguous()), s.special_tail!.gelu!.at)).toEqual(s.special_tail!.gelu!.bits);
      const e = cases.find((k) => k.edges !== undefined)!;
      const y = floats(e.edges!);
      expect(picked(F.gelu(y), e.gelu!.at)).toEqual(e.gelu!.bits);
      expect(picked(F.gelu(y.narrow(0, 16, y.shape[0] - 16).contiguous()), e.edges_tail!.gelu!.at)).toEqual(e.edges_tail!.gelu!.bits);
    });

    it(`GELU of a row view (not contiguous) is ATen's kernel: SLEEF's erf on 16-float blocks, glibc's erff after`, () => {
      const c = cases.find((k) => k.cols !== undefined)!;
      torch.manual_seed(c.seed!);
      const x = torch.randn(c.rows!, c.width!).mul(5);
      expect(picked(F.gelu(x.narrow(1, 0, c.cols!)), c.gelu!.at)).toEqual(c.gelu!.bits);
    });

    it(`GELU of a strided row has PyTorch's bits (glibc's erff, as ATen's scalar GeluKernel)`, () => {
      const c = cases.find((k) => k.step !== undefined)!;
      torch.manual_seed(c.seed!);
      const x = torch.randn(c.rows!, c.width!).mul(5);
      expect(picked(F.gelu(x.as_strided([c.rows!, c.width! / c.step!], [c.width!, c.step!])), c.gelu!.at)).toEqual(c.gelu!.bits);
    });
  });

  describe(`softmax and log_softmax have PyTorch's bits, over the last dim and over others (${path})`, () => {
    for (const name of ['softmax', 'log_softmax'] as const) {
      it(`${name}: ${softmaxCases.length} shapes and dims`, () => {
        for (const c of softmaxCases) {
          torch.manual_seed(c.seed);
          const x = torch.randn(c.shape).mul(4);
          expect(picked(torch[name](x, c.dim), c[name].at), `${JSON.stringify(c.shape)} dim ${c.dim}`).toEqual(c[name].bits);
        }
      });
    }
  });

  describe(`layer_norm has PyTorch's bits (${path})`, () => {
    it(`${lnCases.length} shapes, with and without weight and bias`, () => {
      for (const c of lnCases) {
        torch.manual_seed(c.seed);
        const x = torch.randn(c.shape).mul(3).add(1);
        const ns = c.shape.slice(-c.k);
        const w = c.affine ? torch.randn(ns) : null;
        const b = c.affine ? torch.randn(ns) : null;
        expect(picked(F.layer_norm(x, ns, w, b), c.y.at), `${JSON.stringify(c.shape)} affine ${c.affine}`).toEqual(c.y.bits);
      }
    });
  });
});
