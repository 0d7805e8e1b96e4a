// The lean core (build/tocha-lean.wasm, scripts/build-lean-wasm.mjs) against the full core: both unpacked from their
// generated modules and instantiated side by side, every kept op code run over the same floats (NaN of both signs,
// ±0, ±inf, subnormals, the largest floats, a sweep of every exponent), compared bit for bit. And the guard
// (src/backend/lean-guard.ts): a kernel or op code the lean core lacks throws before the WebAssembly, and inside it a
// cut code traps.
import { describe, expect, it } from 'vitest';
import * as full from '../src/backend/wasm-bytes.generated.js';
import * as lean from '../src/backend/wasm-bytes-lean.generated.js';
import { U, B, GRAD_BASIC_LOOP, type Kernels } from '../src/backend/kernels.js';
import { guardKernels, jobGuard } from '../src/backend/lean-guard.js';

interface Packed { decoder: string; packed: string; sizes: readonly [number, number] }

/** The core module's bytes of a generated module (its LZMA stream unpacked by its own decoder). */
function coreOf(p: Packed): Uint8Array {
  const lz = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(p.decoder, 'hex')), {}).exports as unknown as {
    memory: WebAssembly.Memory; IN: WebAssembly.Global; decode(n: number, out: number, len: number): number;
  };
  const stream = Buffer.from(p.packed, 'base64');
  const at = lz.IN.value as number;
  const total = p.sizes[0] + p.sizes[1];
  lz.memory.grow(Math.ceil((at + stream.length + total) / 65536));
  new Uint8Array(lz.memory.buffer, at, stream.length).set(stream);
  expect(lz.decode(stream.length, at + stream.length, total)).toBe(total);
  return new Uint8Array(lz.memory.buffer, at + stream.length, p.sizes[0]).slice();
}

function instantiate(bytes: Uint8Array): Kernels {
  const memory = new WebAssembly.Memory({ initial: 64, maximum: 65536, shared: true } as WebAssembly.MemoryDescriptor);
  const k = new WebAssembly.Instance(new WebAssembly.Module(bytes as BufferSource), { env: { memory } }).exports as unknown as
    Kernels & { _initialize?: () => void };
  k._initialize?.();
  return k;
}

const fullK = instantiate(coreOf(full));
const leanK = instantiate(coreOf(lean));
const keptU = lean.kernels.codes.unary_f32;
const keptB = lean.kernels.codes.binary_f32;
const name = (table: Record<string, number>, v: number) => Object.keys(table).find((k) => table[k] === v)!;

// The inputs: special floats (as bits), then every exponent with a few mantissas and both signs, then values in the
// ranges the ops' branches turn on (|x| < 20), in a length that is no multiple of 16 (the tails run too).
const specials = [0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00000, 0xff812345,
  0x00000001, 0x80000001, 0x007fffff, 0x807fffff, 0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff, 0x3f800000,
  0xbf800000, 0x3f000000, 0xbf000000, 0x40000000, 0xc0000000, 0x42b17218, 0xc2ce8ed0, 0x42b20000, 0xc2d00000];
const N = 8192 + 13;
const input = new Int32Array(N);
{
  input.set(specials.map((b) => b | 0));
  let i = specials.length;
  for (let e = 0; e < 256 && i < 4096; e++) {
    for (const m of [0, 1, 0x400000, 0x7fffff, 0x2a5a5a]) {
      input[i++] = (e << 23) | m;
      input[i++] = (0x80000000 | (e << 23) | m) | 0;
    }
  }
  const f = new Float32Array(input.buffer);
  let seed = 12345;
  for (; i < N; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    f[i] = (seed / 2 ** 32 - 0.5) * (i % 3 === 0 ? 40 : 8);
  }
}

/** Runs `run` on both cores over the same operands (a: the inputs; b: the inputs reversed; g: ones and the inputs);
 *  returns the two outputs' bits. */
function both(run: (k: Kernels, out: number, a: number, b: number, g: number) => void, bInput = input): [Int32Array, Int32Array] {
  return [fullK, leanK].map((k) => {
    const bytes = N * 4;
    const a = k.alloc(bytes), b = k.alloc(bytes), g = k.alloc(bytes), out = k.alloc(bytes);
    const w = new Int32Array(k.memory.buffer);
    w.set(input, a >>> 2);
    w.set(bInput, b >>> 2);
    w.set(input.slice().reverse(), g >>> 2);
    w.fill(0x7fbadbad, out >>> 2, (out >>> 2) + N);
    run(k, out, a, b, g);
    const r = new Int32Array(k.memory.buffer, out, N).slice();
    for (const p of [a, b, g, out]) k.free(p);
    return r;
  }) as [Int32Array, Int32Array];
}

/** The positions where two outputs differ in any bit, as "input → full vs lean" (hex bits). With `nanIn` (a NaN
 *  operand the kernel multiplies by, such as a gradient's incoming g): where that operand is a NaN and both results are
 *  NaNs, any NaN passes. Two NaNs meeting in one
 *  multiply give either one (WebAssembly leaves it to the engine; V8 keeps the operand its register allocation put
 *  first, which the two builds' different code can order differently: pow_scalar's gradient g * (p * x^(p-1)) at
 *  x < 0 gave g's NaN in one build and x^(p-1)'s in the other). */
function differences([x, y]: [Int32Array, Int32Array], nanIn?: Int32Array): string[] {
  const hex = (v: number) => (v >>> 0).toString(16);
  const isNaN32 = (v: number) => (v & 0x7fffffff) > 0x7f800000;
  const out: string[] = [];
  for (let i = 0; i < N; i++) {
    if (x[i] === y[i] || (nanIn && isNaN32(nanIn[i]) && isNaN32(x[i]) && isNaN32(y[i]))) continue;
    out.push(`${hex(input[i])}: ${hex(x[i])} vs ${hex(y[i])}`);
  }
  return out;
}

const f32bits = (x: number) => new Int32Array(new Float32Array([x]).buffer)[0];
const PARAMS: [number, number][] = [[0.5, 2], [-1.5, 3], [0, 0]];
const bReversed = input.slice().reverse();

describe('the lean core gives the full core\'s bits', () => {
  it('keeps what src/backend/lean-core.json lists, and no more', () => {
    const exported = new Set(Object.keys(leanK));
    for (const n of lean.kernels.exports) expect(exported.has(n), n).toBe(true);
    expect([...exported].filter((n) => !lean.kernels.exports.includes(n) && n !== 'memory' && n !== '_initialize')).toEqual([]);
    expect(keptU).toContain(U.exp);
    expect(keptU).not.toContain(U.erfinv);
  });

  it.each(keptU.map((op) => [name(U, op), op]))('U.%s: forward (flat and strided) and gradient', (_, op) => {
    for (const [p0, p1] of PARAMS) {
      const flat = both((k, out, a) => k.unary_flat_f32(op, out, a, N, f32bits(p0), f32bits(p1)));
      expect(differences(flat), `unary_flat_f32 p=${p0},${p1}`).toEqual([]);
      const strided = both((k, out, a) => {
        const meta = k.alloc(16);
        new Int32Array(k.memory.buffer, meta, 4).set([1, N >> 1, 1, 2]); // [ndim, size, out stride, a stride]
        k.unary_f32(op, out, a, meta, p0, p1);
        k.free(meta);
      });
      expect(differences(strided), `unary_f32 strided p=${p0},${p1}`).toEqual([]);
      for (const basic of [0, GRAD_BASIC_LOOP]) {
        // y: the forward's output (the rules that read it), x the inputs, g the inputs reversed
        const grad = both((k, out, a, b, g) => {
          k.unary_flat_f32(op, b, a, N, f32bits(p0), f32bits(p1));
          k.unary_grad_flat_f32(op | basic, out, a, b, g, N, f32bits(p0), f32bits(p1));
        });
        expect(differences(grad, bReversed), `unary_grad_flat_f32${basic ? ' basic loop' : ''} p=${p0},${p1}`).toEqual([]);
      }
    }
  });

  it.each(keptB.map((op) => [name(B, op), op]))('B.%s: float (tensor and scalar operand) and int', (_, op) => {
    expect(differences(both((k, out, a, b) => k.binary_flat_f32(op, out, a, b, 1, N), bReversed)), 'tensor').toEqual([]);
    expect(differences(both((k, out, a, b) => k.binary_flat_f32(op, out, a, b + 4 * 7, 0, N), bReversed)), 'scalar').toEqual([]);
    const ints = input.map((v, i) => (i % 5 === 0 ? v : (v % 1000) - (i % 7)));
    const flags: number[] = [];
    const r = both((k, out, a, b) => {
      const w = new Int32Array(k.memory.buffer);
      w.set(ints, a >>> 2);
      w.set(ints.slice().reverse().map((v, i) => (i % 11 === 0 ? 0 : v)), b >>> 2);
      const meta = k.alloc(16);
      new Int32Array(k.memory.buffer, meta, 5).set([1, N, 1, 1, 1]);
      flags.push(k.binary_i32(op, out, a, b, meta, 1));
      k.free(meta);
    });
    expect(differences(r), 'int').toEqual([]);
    expect(flags[0]).toBe(flags[1]);
  });
});

describe('the lean guard', () => {
  const guarded = guardKernels(leanK, lean.kernels);

  it('passes the kept kernels and codes through', () => {
    expect(guarded.alloc).toBe(leanK.alloc);
    const a = guarded.alloc(64);
    new Float32Array(guarded.memory.buffer, a, 4).set([0, 1, -1, 2]);
    guarded.unary_flat_f32(U.exp, a, a, 4, 0, 0);
    expect([...new Float32Array(guarded.memory.buffer, a, 4)]).toEqual([1, Math.fround(Math.E), Math.fround(1 / Math.E),
      Math.fround(Math.exp(2))]);
    guarded.free(a);
  });

  it('names a cut op code and the fix, before the WebAssembly', () => {
    expect(() => guarded.unary_flat_f32(U.erfinv, 0, 0, 4, 0, 0)).toThrow(
      "tocha/lean: erfinv is not in the lean core's kernels (unary_flat_f32 keeps no U.erfinv); import it from 'tocha' " +
      "(everything) instead of 'tocha/lean'");
    expect(() => guarded.unary_grad_f32(U.mish | GRAD_BASIC_LOOP, 0, 0, 0, 0, 4, 0, 0)).toThrow(/mish is not in the lean core/);
    expect(() => guarded.binary_f32(B.atan2, 0, 0, 0, 0)).toThrow(/atan2 is not in the lean core's kernels \(binary_f32 keeps no B\.atan2\)/);
  });

  it('names a kernel the lean core lacks', () => {
    expect(() => guarded.group_norm_f32(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0)).toThrow(
      "tocha/lean: group_norm is not in the lean core's kernels (no group_norm_f32); import it from 'tocha' (everything) " +
      "instead of 'tocha/lean'");
  });

  it('checks the jobs worker threads run', () => {
    const check = jobGuard(lean.kernels);
    expect(() => check('unary_flat_f32', U.exp)).not.toThrow();
    expect(() => check('unary_flat_f32', U.lgamma)).toThrow(/lgamma is not in the lean core/);
    expect(() => check('vol2col_f32', 0)).toThrow(/vol2col is not in the lean core's kernels \(no vol2col_f32\)/);
  });

  it('traps inside the lean core when a cut code gets past it', () => {
    const a = leanK.alloc(64);
    expect(() => leanK.unary_flat_f32(U.erfinv, a, a, 4, 0, 0)).toThrow(/unreachable/);
    expect(() => leanK.binary_flat_f32(B.hypot, a, a, a, 1, 4)).toThrow(/unreachable/);
    leanK.free(a);
  });
});
