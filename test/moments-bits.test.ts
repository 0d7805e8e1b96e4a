// var / std / var_mean / std_mean, norm / linalg.vector_norm, group_norm and instance_norm with PyTorch 1.13's bits
// (test/fixtures/moments-bits.json, scripts/gen-moments-bits.py), over dims of contiguous tensors and of permuted and
// narrowed views. ATen accumulates var/std in double (WelfordOps; a one-element var/std: std_var_all_cpu's two-pass
// sum around the float mean), norms serially in float (p = 2 over a contiguous last dim: eight fused lanes), group_norm
// through RowwiseMoments and instance_norm through batch_norm (assembly/moments.ts, group_norm_f32). tocha's composed
// float formulas had differed from PyTorch in ~40% of these values.
// Each is checked on both of tocha's paths: the core, and the relaxed build that runs the fused steps (the 2-norm's
// squares, group_norm's output) as fused multiply-adds where the engine's relaxed_madd fuses (src/backend/fma.ts; Node
// 20 needs the V8 flag set here).
import v8 from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import { fixture, num, pickedBits, type PickedBits } from './fixture.js';

interface Case {
  op: string; seed: number; shape: number[]; scale: number; offset: number; perm: number[] | null;
  narrow: [number, number, number] | null; args: Record<string, unknown>; out: PickedBits; out2?: PickedBits;
}
const { cases } = fixture('moments-bits.json') as { cases: Case[] };
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');
const { fusedKernels, _setFusedKernels } = await import('../src/backend/fma.js');
const F = torch.nn.functional;

function make(c: Case): Tensor {
  torch.manual_seed(c.seed);
  let x = torch.randn(c.shape).mul(c.scale).add(c.offset);
  if (c.perm) x = x.permute(c.perm);
  if (c.narrow) x = x.narrow(...c.narrow);
  return x;
}

function run(c: Case): Tensor | [Tensor, Tensor] {
  const x = make(c);
  const a = c.args as { dim: number | number[] | null; keepdim?: boolean; unbiased?: boolean; correction?: number;
    p?: number | string; ord?: number | string; groups?: number; weight?: boolean; bias?: boolean };
  switch (c.op) {
    case 'var': case 'std': case 'var_mean': case 'std_mean': {
      const f = { var: torch.var, std: torch.std, var_mean: torch.var_mean, std_mean: torch.std_mean }[c.op] as
        (x: Tensor, ...args: unknown[]) => Tensor | [Tensor, Tensor];
      if (a.dim === null) return f(x, a.unbiased ?? true);
      const o = a.correction !== undefined ? { correction: a.correction, keepdim: a.keepdim ?? false }
        : { unbiased: a.unbiased ?? true, keepdim: a.keepdim ?? false };
      return f(x, a.dim, o);
    }
    case 'norm': return torch.norm(x, a.p === 'fro' ? 'fro' : num(a.p as number | string), a.dim, a.keepdim ?? false);
    case 'vector_norm': return torch.linalg.vector_norm(x, num(a.ord as number | string), a.dim, a.keepdim ?? false);
    case 'group_norm': case 'instance_norm': {
      const ch = x.shape[1];
      const w = a.weight ? torch.randn([ch]) : null;
      const b = a.bias ? torch.randn([ch]) : null;
      if (c.op === 'group_norm') return F.group_norm(x, a.groups!, w, b);
      return F.instance_norm(x, null, null, w, b);
    }
  }
  throw new Error(c.op);
}

for (const [path, fused] of [['the core', false], ['the relaxed build', true]] as const) describe(path, () => {
  beforeAll(() => {
    _setFusedKernels(fused);
    expect(fusedKernels() !== null, `${path} in use`).toBe(fused);
  });
  afterAll(() => _setFusedKernels(true));

  describe(`moments and norms have PyTorch 1.13 bits (${path})`, () => {
    for (const op of [...new Set(cases.map((c) => c.op))]) {
      it(op, () => {
        let total = 0;
        const bad: string[] = [];
        for (const c of cases.filter((k) => k.op === op)) {
          const r = run(c);
          const outs: [Tensor, PickedBits][] = Array.isArray(r) ? [[r[0], c.out], [r[1], c.out2!]] : [[r, c.out]];
          for (const [t, want] of outs) {
            const got = pickedBits(t, want.at);
            const diff = got.filter((g, i) => g !== want.bits[i]).length;
            total += want.at.length;
            if (diff) bad.push(`${op} seed ${c.seed} ${JSON.stringify(c.shape)} ${JSON.stringify(c.args)}: ${diff}/${want.at.length}`);
          }
        }
        expect(bad, `${bad.length} cases differ (of ${total} values)`).toEqual([]);
      });
    }
  });
});
