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

describe("PyTorch's dtypes that tocha lacks", () => {
  it('print as PyTorch\'s; float64 and int32 give float32 and int64, the others are a TypeError', () => {
    expect([torch.float64, torch.double, torch.int32, torch.int, torch.half, torch.bfloat16, torch.uint8, torch.cfloat].map(String))
      .toEqual(['torch.float64', 'torch.float64', 'torch.int32', 'torch.int32', 'torch.float16', 'torch.bfloat16', 'torch.uint8', 'torch.complex64']);
    expect(torch.tensor([1, 2], { dtype: torch.float64 }).dtype).toBe(torch.float32);
    expect(torch.ones(2).to(torch.int32).dtype).toBe(torch.int64);
    expect(() => torch.zeros(2, { dtype: torch.float16 })).toThrow(TypeError);
    expect(() => torch.zeros(2, { dtype: torch.float16 })).toThrow('tocha has no torch.float16');
    expect(() => torch.ones(2).to({ dtype: torch.int16 })).toThrow('tocha has no torch.int16');
  });

  it("finfo and iinfo give PyTorch 1.13's limits and printouts for them", () => {
    expect(String(torch.finfo(torch.float64))).toBe('finfo(resolution=1e-15, min=-1.79769e+308, max=1.79769e+308, eps=2.22045e-16, smallest_normal=2.22507e-308, tiny=2.22507e-308, dtype=float64)');
    expect(String(torch.finfo(torch.float16))).toBe('finfo(resolution=0.001, min=-65504, max=65504, eps=0.000976562, smallest_normal=6.10352e-05, tiny=6.10352e-05, dtype=float16)');
    expect(String(torch.finfo(torch.bfloat16))).toBe('finfo(resolution=0.01, min=-3.38953e+38, max=3.38953e+38, eps=0.0078125, smallest_normal=1.17549e-38, tiny=1.17549e-38, dtype=bfloat16)');
    expect(torch.finfo(torch.float64).eps).toBe(2.220446049250313e-16);
    expect(String(torch.iinfo(torch.int32))).toBe('iinfo(min=-2.14748e+09, max=2.14748e+09, dtype=int32)');
    expect(String(torch.iinfo(torch.uint8))).toBe('iinfo(min=0, max=255, dtype=uint8)');
    expect([torch.iinfo(torch.int8).bits, torch.iinfo(torch.int16).max]).toEqual([8, 32767n]);
  });
});
