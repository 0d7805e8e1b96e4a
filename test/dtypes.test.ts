// torch.result_type, promote_types, can_cast, get/set_default_dtype, finfo and iinfo against PyTorch 1.13:
// test/fixtures/dtypes.json, written by scripts/gen-dtypes.py.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture } from './fixture.js';

const fx = fixture('dtypes.json') as {
  result_type: [string, string, string][]; promote_types: [string, string, string][]; can_cast: [string, string, boolean][];
  finfo: Record<string, number | string>; iinfo: Record<string, number | string>; default: string; errors: [string, string][];
};
const run = (js: string): unknown => new Function('torch', `return (${js});`)(torch);
const dt = (name: string) => (torch as unknown as Record<string, torch.DType>)[name];

describe('dtype promotion as PyTorch 1.13', () => {
  it('result_type of tensors (dimensioned, zero-dim) and numbers: 72 pairs', () => {
    for (const [a, b, want] of fx.result_type) expect(String(run(`torch.result_type(${a}, ${b})`)), `${a}, ${b}`).toBe(`torch.${want}`);
  });
  it('promote_types and can_cast: every pair of dtypes', () => {
    for (const [a, b, want] of fx.promote_types) expect(torch.promote_types(dt(a), dt(b)).name, `${a}, ${b}`).toBe(want);
    for (const [a, b, want] of fx.can_cast) expect(torch.can_cast(dt(a), dt(b)), `${a} -> ${b}`).toBe(want);
  });
  it('the default dtype is float32; other dtypes are refused', () => {
    expect(String(torch.get_default_dtype())).toBe(fx.default);
    torch.set_default_dtype(torch.float32);
    expect(() => torch.set_default_dtype('float64' as torch.DTypeLike)).toThrow(TypeError);
  });
  it('finfo(float32) and iinfo(int64): fields and printout', () => {
    const f = torch.finfo(torch.float32);
    for (const k of ['bits', 'eps', 'max', 'min', 'tiny', 'smallest_normal', 'resolution', 'dtype'] as const) expect(f[k], k).toBe(fx.finfo[k]);
    expect(String(f)).toBe(fx.finfo.repr);
    expect(String(torch.finfo())).toBe(fx.finfo.default_repr);
    const i = torch.iinfo(torch.int64);
    expect([i.bits, String(i.min), String(i.max), i.dtype]).toEqual([fx.iinfo.bits, fx.iinfo.min, fx.iinfo.max, fx.iinfo.dtype]);
    expect(String(i)).toBe(fx.iinfo.repr);
  });
  it('errors as PyTorch words them', () => {
    for (const [js, want] of fx.errors) {
      let got = '(no error)';
      try { run(js); } catch (e) { got = `${(e as Error).name}: ${(e as Error).message}`; }
      expect(got, js).toBe(want);
    }
  });
});
