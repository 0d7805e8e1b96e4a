// torch.special against PyTorch 1.13: test/fixtures/special.json, written by scripts/gen-special.py.
// Sweeps compare every value in float32 ulps (NaN and infinities exactly; the polynomials over x × n);
// cases compare values,
// grad_fn names, dtypes, gradients of sum(out * w) and, where recorded, the second derivatives through
// create_graph; errors compare PyTorch's message and type.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture, decode, expectTensor, num, type EncTensor } from './fixture.js';

interface Case {
  id: string; js: string; inputs: Record<string, EncTensor>; out: EncTensor; requires_grad: string[];
  grad_fn?: string | null; weight?: EncTensor; grads?: EncTensor[]; weight2?: EncTensor[]; grads2?: EncTensor[];
}
const fx = fixture('special.json') as {
  sweeps: Record<string, { x: EncTensor; q?: EncTensor; n?: EncTensor; y: EncTensor }>;
  cases: Case[];
  errors: { id: string; js: string; inputs: Record<string, EncTensor>; message: string; type: string }[];
};

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** A float32's position on the integer line of float32s (so the difference of two is their ulp distance). */
function ordinal(v: number): number {
  f32[0] = v;
  const b = u32[0];
  return b & 0x80000000 ? -(b & 0x7fffffff) : b;
}

/** How many ulps (float32 steps) tocha's result may be from PyTorch's: the largest distance seen on these
 *  sweeps (0 = PyTorch's bits). ATen's float code is ported step by step (with its FMA contractions), and
 *  so are glibc's expf, logf, sinf and cosf it calls (assembly/libm.ts); log1pf, powf and lgammaf are the
 *  rounded double, erfc is Sleef's erfcf in PyTorch (the rounded double here), and expit, erf, expm1,
 *  logit, log1p are tocha's vector functions: those account for the 1-2 ulp. */
const ULPS: Record<string, number> = {
  erfcx: 0, i0: 0, i1: 0, i1e: 0, ndtr: 0, sinc: 0, zeta: 0, psi: 0, polygamma2: 0, polygamma3: 0, exp2: 0,
  bessel_j0: 0, bessel_j1: 0, spherical_bessel_j0: 0, entr: 0,
  erfc: 1, i0e: 1, log_ndtr: 1, expit: 1, erf: 1, expm1: 1, logit: 1, gammaln: 1,
  log1p: 1, polygamma4: 1, ndtri: 2, polygamma6: 2,
  // 1.13's newer functions: PyTorch's bits here, and on 5M unary inputs and 827k (x, n) pairs of a denser
  // sweep run while porting them
  airy_ai: 0, bessel_y0: 0, bessel_y1: 0, modified_bessel_i0: 0, modified_bessel_i1: 0, modified_bessel_k0: 0,
  modified_bessel_k1: 0, scaled_modified_bessel_k0: 0, scaled_modified_bessel_k1: 0,
  chebyshev_polynomial_t: 0, chebyshev_polynomial_u: 0, chebyshev_polynomial_v: 0, chebyshev_polynomial_w: 0,
  shifted_chebyshev_polynomial_t: 0, shifted_chebyshev_polynomial_u: 0, shifted_chebyshev_polynomial_v: 0,
  shifted_chebyshev_polynomial_w: 0, hermite_polynomial_h: 0, hermite_polynomial_he: 0, laguerre_polynomial_l: 0,
  legendre_polynomial_p: 0,
};

function run(js: string, inputs: Record<string, Tensor>): unknown {
  const names = Object.keys(inputs);
  return new Function('torch', ...names, `return (${js});`)(torch, ...names.map((k) => inputs[k]));
}

describe('torch.special sweeps against PyTorch 1.13 (ulps)', () => {
  for (const [name, s] of Object.entries(fx.sweeps)) {
    it(name, () => {
      const x = decode(s.x);
      let y: Tensor;
      if (name === 'zeta') y = torch.special.zeta(x.unsqueeze(1), decode(s.q!));
      else if (name.startsWith('polygamma')) y = torch.special.polygamma(Number(name.slice(9)), x);
      else if (s.n) y = (torch.special as unknown as Record<string, (t: Tensor, n: Tensor) => Tensor>)[name](x.unsqueeze(1), decode(s.n));
      else y = (torch.special as unknown as Record<string, (t: Tensor) => Tensor>)[name](x);
      expect([...y.shape]).toEqual(s.y.shape);
      const got = y.reshape([-1]).tolist() as number[];
      const xs = x.reshape([-1]).tolist() as number[];
      const bad: string[] = [];
      s.y.data.forEach((w, i) => {
        const want = Math.fround(num(w));
        const g = got[i];
        if (Number.isNaN(want) || !Number.isFinite(want)) {
          if (!Object.is(g, want) && !(Number.isNaN(want) && Number.isNaN(g))) bad.push(`x=${xs[i % xs.length]}: ${g} vs ${want}`);
          return;
        }
        if (!(Math.abs(ordinal(g) - ordinal(want)) <= ULPS[name])) bad.push(`x=${xs[i % xs.length]}: ${g} vs ${want}`);
      });
      expect(bad, `${name}: more than ${ULPS[name]} ulp from PyTorch`).toEqual([]);
    });
  }
});

describe('torch.special cases against PyTorch 1.13', () => {
  for (const c of fx.cases) {
    it(c.id, () => {
      const inputs: Record<string, Tensor> = {};
      for (const [k, e] of Object.entries(c.inputs)) inputs[k] = decode(e).requires_grad_(c.requires_grad.includes(k));
      const out = run(c.js, inputs) as Tensor;
      expectTensor(`${c.id} out`, out, c.out, 2e-6);
      if (c.grad_fn !== undefined) expect(out.grad_fn?.name() ?? null, 'grad_fn').toBe(c.grad_fn);
      expect(out.requires_grad, 'requires_grad').toBe(c.grads !== undefined);
      if (!c.grads) return;
      const leaves = c.requires_grad.map((k) => inputs[k]);
      const second = c.grads2 !== undefined;
      const gs = torch.autograd.grad(out.mul(decode(c.weight!)).sum(), leaves, { create_graph: second });
      gs.forEach((g, k) => expectTensor(`${c.id} grad ${c.requires_grad[k]}`, g, c.grads![k], 1e-5));
      if (!second) return;
      const loss2 = gs.map((g, k) => g!.mul(decode(c.weight2![k])).sum()).reduce((a, b) => a.add(b));
      const gg = torch.autograd.grad(loss2, leaves, { allow_unused: true });
      gg.forEach((g, k) => expectTensor(`${c.id} grad² ${c.requires_grad[k]}`, g ?? torch.zeros(leaves[k].shape), c.grads2![k], 1e-4));
    });
  }
});

describe('torch.special errors as PyTorch words them', () => {
  // a RuntimeError of a shape check is a RangeError in tocha (broadcasting's), of anything else an Error
  const types: Record<string, string[]> = {
    RuntimeError: ['Error', 'RangeError'], TypeError: ['TypeError'], NotImplementedError: ['NotImplementedError'],
  };
  for (const e of fx.errors) {
    it(e.id, () => {
      const inputs: Record<string, Tensor> = {};
      for (const [k, v] of Object.entries(e.inputs)) inputs[k] = decode(v);
      let thrown: unknown = null;
      try { run(e.js, inputs); } catch (err) { thrown = err; }
      expect(thrown, 'throws').toBeInstanceOf(Error);
      expect((thrown as Error).message.split('\n')[0]).toBe(e.message); // (the fixture keeps the first line)
      expect(types[e.type]).toContain((thrown as Error).name);
    });
  }
});
