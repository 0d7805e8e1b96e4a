// The lean core (build/tocha-lean.wasm, scripts/build-lean-wasm.mjs) and its parts against the full core: unpacked
// from their generated modules and instantiated side by side (the parts on the lean core's memory, reached through the
// guard), every op code of U and B run over the same floats (NaN of both signs, ±0, ±inf, subnormals, the largest
// floats, a sweep of every exponent), compared bit for bit. And the guard (src/backend/lean-guard.ts): a kernel or op
// code the lean core lacks goes to a part the app imported, or throws before the WebAssembly naming the import that
// adds it; inside the core a cut code traps.
import { describe, expect, it } from 'vitest';
import * as full from '../src/backend/wasm-bytes.generated.js';
import * as lean from '../src/backend/wasm-bytes-lean.generated.js';
import * as mathPart from '../src/backend/wasm-bytes-lean-math.generated.js';
import * as nnPart from '../src/backend/wasm-bytes-lean-nn.generated.js';
import * as allPart from '../src/backend/wasm-bytes-lean-all.generated.js';
import { U, B, GRAD_BASIC_LOOP, type Kernels } from '../src/backend/kernels.js';
import { guardKernels, jobPart } from '../src/backend/lean-guard.js';
import type { LeanKernels } from '../src/backend/wasm-source.js';

interface Packed { decoder: string; packed: string; sizes: readonly [number, number] }

/** `total` bytes unpacked from an LZMA stream (base64) by a build's decoder (hex). */
function unpack(decoder: string, packed: string, total: number): Uint8Array {
  const lz = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(decoder, 'hex')), {}).exports as unknown as {
    memory: WebAssembly.Memory; IN: WebAssembly.Global; decode(n: number, out: number, len: number): number;
  };
  const stream = Buffer.from(packed, 'base64');
  const at = lz.IN.value as number;
  lz.memory.grow(Math.ceil((at + stream.length + total) / 65536));
  new Uint8Array(lz.memory.buffer, at, stream.length).set(stream);
  expect(lz.decode(stream.length, at + stream.length, total)).toBe(total);
  return new Uint8Array(lz.memory.buffer, at + stream.length, total).slice();
}

/** The core module's bytes of a generated module. */
const coreOf = (p: Packed) => unpack(p.decoder, p.packed, p.sizes[0] + p.sizes[1]).slice(0, p.sizes[0]);

function instantiate(bytes: Uint8Array, memory?: WebAssembly.Memory): Kernels {
  memory ??= new WebAssembly.Memory({ initial: 64, maximum: 65536, shared: true } as WebAssembly.MemoryDescriptor);
  const k = new WebAssembly.Instance(new WebAssembly.Module(bytes as BufferSource), { env: { memory } }).exports as unknown as
    Kernels & { _initialize?: () => void };
  k._initialize?.();
  return k;
}

const fullK = instantiate(coreOf(full));
const leanK = instantiate(coreOf(lean));
/** The generated modules of the parts, by name. */
const PARTS: Record<string, { packed: string; size: number }> = { math: mathPart, nn: nnPart, all: allPart };
/** The parts instantiated on the lean core's memory when first asked for (as src/backend/wasm.ts does). */
const partsLoaded = new Map<string, Record<string, unknown>>();
const loadPart = (name: string) => {
  if (!partsLoaded.has(name)) {
    const p = PARTS[name];
    partsLoaded.set(name, instantiate(unpack(lean.decoder, p.packed, p.size), leanK.memory) as unknown as Record<string, unknown>);
  }
  return partsLoaded.get(name);
};
/** The lean core with every part, as an app that imports them all runs it. */
const leanAll = guardKernels(leanK, lean.kernels, loadPart);
/** What the lean core and its parts keep. */
const kept: LeanKernels = lean.kernels;
const keptU = lean.kernels.codes.unary_f32;
const allU = [...new Set(Object.values(U))].sort((a, b) => a - b);
const allB = [...new Set(Object.values(B))].sort((a, b) => a - b);
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

/** Runs `run` on the full core and on the lean core with its parts over the same operands (a: the inputs; b: the
 *  inputs reversed; g: ones and the inputs); returns the two outputs' bits, or the error each threw (a code a kernel
 *  does not take traps in both). */
function both(run: (k: Kernels, out: number, a: number, b: number, g: number) => void, bInput = input): [Outcome, Outcome] {
  return [fullK, leanAll].map((k) => {
    const bytes = N * 4;
    const a = k.alloc(bytes), b = k.alloc(bytes), g = k.alloc(bytes), out = k.alloc(bytes);
    const w = new Int32Array(k.memory.buffer);
    w.set(input, a >>> 2);
    w.set(bInput, b >>> 2);
    w.set(input.slice().reverse(), g >>> 2);
    w.fill(0x7fbadbad, out >>> 2, (out >>> 2) + N);
    let r: Outcome;
    try {
      run(k, out, a, b, g);
      r = new Int32Array(k.memory.buffer, out, N).slice();
    } catch (e) {
      r = (e as Error).message;
    }
    for (const p of [a, b, g, out]) k.free(p);
    return r;
  }) as [Outcome, Outcome];
}
type Outcome = Int32Array | string;

/** The positions where two outputs differ in any bit, as "input → full vs lean" (hex bits). With `nanIn` (a NaN
 *  operand the kernel multiplies by, such as a gradient's incoming g): where that operand is a NaN and both results are
 *  NaNs, any NaN passes. Two NaNs meeting in one
 *  multiply give either one (WebAssembly leaves it to the engine; V8 keeps the operand its register allocation put
 *  first, which the two builds' different code can order differently: pow_scalar's gradient g * (p * x^(p-1)) at
 *  x < 0 gave g's NaN in one build and x^(p-1)'s in the other). */
function differences([x, y]: [Outcome, Outcome], nanIn?: Int32Array | 'any'): string[] {
  if (typeof x === 'string' || typeof y === 'string') {
    return typeof x === typeof y ? [] : [`full: ${typeof x === 'string' ? x : 'ran'}; lean: ${typeof y === 'string' ? y : 'ran'}`];
  }
  const hex = (v: number) => (v >>> 0).toString(16);
  const isNaN32 = (v: number) => (v & 0x7fffffff) > 0x7f800000;
  const out: string[] = [];
  for (let i = 0; i < N; i++) {
    if (x[i] === y[i] || (nanIn && (nanIn === 'any' || isNaN32(nanIn[i])) && isNaN32(x[i]) && isNaN32(y[i]))) continue;
    out.push(`${hex(input[i])}: ${hex(x[i])} vs ${hex(y[i])}`);
  }
  return out;
}

const f32bits = (x: number) => new Int32Array(new Float32Array([x]).buffer)[0];
const PARAMS: [number, number][] = [[0.5, 2], [-1.5, 3], [0, 0]];
const bReversed = input.slice().reverse();
/** The B codes whose work grows with their operands (see the test). */
const MODERATE_B = new Set<number>([B.zeta, B.igamma, B.igammac, ...allB.filter((v) => /polynomial/.test(name(B, v)))]);
/** Floats in [-20, 20) with two decimals and small integer degrees -1..11, as float bits. */
const moderate = input.map((_, i) => f32bits(((i * 7919) % 4000) / 100 - 20));
const degrees = input.map((_, i) => f32bits((i % 13) - 1));

/** Where the lean build computes a code of a dispatching kernel: the core, or the first part that keeps it. */
const home = (kernel: string, op: number) => (kept.codes[kernel].includes(op) ? 'core'
  : Object.keys(kept.parts!).find((n) => { const p = kept.parts![n]; return 'rest' in p || p.codes[kernel]?.includes(op); }) ?? 'nowhere');

describe('the lean core and its parts give the full core\'s bits', () => {
  it('keep what src/backend/lean-core.json lists, and no more', () => {
    const exported = new Set(Object.keys(leanK));
    for (const n of lean.kernels.exports) expect(exported.has(n), n).toBe(true);
    expect([...exported].filter((n) => !lean.kernels.exports.includes(n) && n !== 'memory' && n !== '_initialize')).toEqual([]);
    expect(keptU).toContain(U.exp);
    expect(keptU).not.toContain(U.erfinv);
    expect(keptU).not.toContain(U.gelu);
    const own = (names: string[]) => names.filter((n) => !['memory', '_initialize', 'part_data_end'].includes(n));
    for (const [part, has] of Object.entries(kept.parts!)) {
      const names = own(Object.keys(loadPart(part)!));
      if ('rest' in has) {
        // the rest: every export of the full core the lean core lacks, and the dispatching kernels (for their codes)
        const rest = own(Object.keys(fullK)).filter((n) => !kept.exports.includes(n) || n in kept.codes);
        expect(names.sort(), part).toEqual(rest.filter((n) => n !== 'alloc' && n !== 'free').sort());
        continue;
      }
      expect(names.filter((n) => !has.exports.includes(n)), part).toEqual([]);
      for (const n of has.exports) expect(names, part).toContain(n);
    }
    // every code of U and B is somewhere
    for (const op of allU) expect(home('unary_flat_f32', op), name(U, op)).not.toBe('nowhere');
    for (const op of allB) expect(home('binary_flat_f32', op), name(B, op)).not.toBe('nowhere');
  });

  it.each(allU.map((op) => [name(U, op), home('unary_flat_f32', op), op]))('U.%s (%s): forward (flat and strided) and gradient', (_, where, op) => {
    // (the all part's special functions: where both give a NaN, any NaN. Their NaNs meet other NaNs in operations whose
    // result WebAssembly leaves to the engine, and V8's two tiers (Liftoff, then TurboFan once a function is hot) order
    // the operands differently: digamma, the Bessel functions and mish gave the full build's NaN in one run and
    // another's in the next, under load. The core's and the other parts' codes keep every bit.)
    const nan = where === 'all' ? 'any' : undefined;
    for (const [p0, p1] of PARAMS) {
      const flat = both((k, out, a) => k.unary_flat_f32(op, out, a, N, f32bits(p0), f32bits(p1)));
      expect(differences(flat, nan), `unary_flat_f32 p=${p0},${p1}`).toEqual([]);
      const strided = both((k, out, a) => {
        const meta = k.alloc(16);
        new Int32Array(k.memory.buffer, meta, 4).set([1, N >> 1, 1, 2]); // [ndim, size, out stride, a stride]
        k.unary_f32(op, out, a, meta, p0, p1);
        k.free(meta);
      });
      expect(differences(strided, nan), `unary_f32 strided p=${p0},${p1}`).toEqual([]);
      for (const basic of [0, GRAD_BASIC_LOOP]) {
        // y: the forward's output (the rules that read it), x the inputs, g the inputs reversed
        const grad = both((k, out, a, b, g) => {
          k.unary_flat_f32(op, b, a, N, f32bits(p0), f32bits(p1));
          k.unary_grad_flat_f32(op | basic, out, a, b, g, N, f32bits(p0), f32bits(p1));
        });
        expect(differences(grad, nan ?? bReversed), `unary_grad_flat_f32${basic ? ' basic loop' : ''} p=${p0},${p1}`).toEqual([]);
      }
    }
  });

  it.each(allB.map((op) => [name(B, op), home('binary_flat_f32', op), op]))('B.%s (%s): float (tensor and scalar operand) and int', (_, where, op) => {
    const nan = where === 'all' ? 'any' : undefined; // (as for U above)
    // the special functions' series and the polynomials' recurrences run as long as their operands ask (a degree of
    // 1e38): those get moderate x and small degrees, in both builds alike
    const [aIn, bIn] = MODERATE_B.has(op) ? [moderate, degrees] : [input, bReversed];
    const set = (k: Kernels, a: number) => new Int32Array(k.memory.buffer).set(aIn, a >>> 2);
    expect(differences(both((k, out, a, b) => (set(k, a), k.binary_flat_f32(op, out, a, b, 1, N)), bIn), nan), 'tensor').toEqual([]);
    expect(differences(both((k, out, a, b) => (set(k, a), k.binary_flat_f32(op, out, a, b + 4 * 7, 0, N)), bIn), nan), 'scalar').toEqual([]);
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

describe("the lean core's pow", () => {
  /** Forward (flat and strided) and gradient (vector and basic loop) bits of op with exponent e, on kernels k. */
  const powBits = (k: Kernels, op: number, e: number): number[] => {
    const bytes = N * 4;
    const a = k.alloc(bytes), y = k.alloc(bytes), g = k.alloc(bytes), out = k.alloc(bytes), meta = k.alloc(16);
    const w = () => new Int32Array(k.memory.buffer);
    w().set(input, a >>> 2);
    w().set(bReversed, g >>> 2);
    const [p0, p1] = [Math.fround(e), e - Math.fround(e)].map(f32bits);
    const bits: number[] = [];
    const take = () => bits.push(...w().subarray(out >>> 2, (out >>> 2) + N));
    k.unary_flat_f32(op, out, a, N, p0, p1); take();
    w().set([1, N >> 1, 1, 2], meta >>> 2);
    k.unary_f32(op, out, a, meta, e, 0); take();
    k.unary_flat_f32(op, y, a, N, p0, p1);
    for (const basic of [0, GRAD_BASIC_LOOP]) { k.unary_grad_flat_f32(op | basic, out, a, y, g, N, p0, p1); take(); }
    for (const p of [a, y, g, out, meta]) k.free(p);
    return bits;
  };
  // src/ops/elementwise.ts pow sends x ** 0.5, 3 and -1 to U.pow_special (the lean core's; 2 is U.square), whose
  // gradients' exponents (-0.5, 2, -2) are ATen's own ops too
  it.each([0.5, 3, -1])('U.pow_special gives U.pow_scalar\'s bits for x ** %s, forward and gradient, in both cores', (e) => {
    const want = powBits(fullK, U.pow_scalar, e);
    // (the gradients, segments 2 and 3: where g is a NaN and both give one, any NaN, as in `differences`)
    const isNaN32 = (v: number) => (v & 0x7fffffff) > 0x7f800000;
    const same = (v: number, i: number) => v === want[i] || (i >= 2 * N && isNaN32(bReversed[i % N]) && isNaN32(v) && isNaN32(want[i]));
    const bad = (got: number[]) => got.flatMap((v, i) => (same(v, i) ? [] : [`${(i / N) | 0}/${i % N}: ${(want[i] >>> 0).toString(16)} vs ${(v >>> 0).toString(16)}`]));
    expect(bad(powBits(fullK, U.pow_special, e)).slice(0, 5)).toEqual([]);
    expect(bad(powBits(leanAll, U.pow_special, e)).slice(0, 5)).toEqual([]);
  });
  it('keeps no pow routine: a general exponent, a tensor one and a number base are the math part\'s', () => {
    expect(kept.codes.unary_f32).toContain(U.pow_special);
    for (const op of [U.pow_scalar, U.rpow_scalar]) expect(home('unary_flat_f32', op)).toBe('math');
    expect(kept.codes.binary_f32).not.toContain(B.pow);
  });
});

describe('the lean guard', () => {
  const guarded = guardKernels(leanK, lean.kernels, () => undefined);

  it('passes the kept kernels and codes through', () => {
    expect(guarded.alloc).toBe(leanK.alloc);
    const a = guarded.alloc(64);
    new Float32Array(guarded.memory.buffer, a, 4).set([0, 1, -1, 2]);
    guarded.unary_flat_f32(U.exp, a, a, 4, 0, 0);
    expect([...new Float32Array(guarded.memory.buffer, a, 4)]).toEqual([1, Math.fround(Math.E), Math.fround(1 / Math.E),
      Math.fround(Math.exp(2))]);
    guarded.free(a);
  });

  it('names a cut op code and the import that adds it, before the WebAssembly', () => {
    expect(() => guarded.unary_flat_f32(U.gelu, 0, 0, 4, 0, 0)).toThrow(
      "tocha/lean: gelu is not in the lean core's kernels (unary_flat_f32 keeps no U.gelu); import 'tocha/lean/kernels/math' " +
      "adds it (or import everything from 'tocha' instead of 'tocha/lean')");
    expect(() => guarded.unary_flat_f32(U.erfinv, 0, 0, 4, 0, 0)).toThrow(
      "tocha/lean: erfinv is not in the lean core's kernels (unary_flat_f32 keeps no U.erfinv); import 'tocha/lean/kernels/all' " +
      "adds it (or import everything from 'tocha' instead of 'tocha/lean')");
    expect(() => guarded.unary_grad_f32(U.mish | GRAD_BASIC_LOOP, 0, 0, 0, 0, 4, 0, 0)).toThrow(/mish is not in the lean core.*kernels\/all/);
    expect(() => guarded.binary_f32(B.atan2, 0, 0, 0, 0)).toThrow(/atan2 is not in the lean core's kernels \(binary_f32 keeps no B\.atan2\); import 'tocha\/lean\/kernels\/all'/);
  });

  it('names a kernel the lean core lacks and the part that has it', () => {
    expect(() => guarded.layer_norm_f32(0, 0, 0, 0, 0, 0, 1, 1, 0)).toThrow(
      "tocha/lean: layer_norm is not in the lean core's kernels (no layer_norm_f32); import 'tocha/lean/kernels/nn' adds it " +
      "(or import everything from 'tocha' instead of 'tocha/lean')");
    expect(() => guarded.group_norm_f32(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0)).toThrow(
      "tocha/lean: group_norm is not in the lean core's kernels (no group_norm_f32); import 'tocha/lean/kernels/all' adds it " +
      "(or import everything from 'tocha' instead of 'tocha/lean')");
  });

  it('reaches a part the app imported, and only that one', () => {
    const loaded: string[] = [];
    const withMath = guardKernels(leanK, lean.kernels, (n) => (n === 'math' ? (loaded.push(n), loadPart(n)) : undefined));
    const a = withMath.alloc(64);
    new Float32Array(withMath.memory.buffer, a, 4).set([0, 1, -1, 2]);
    withMath.unary_flat_f32(U.erf, a, a, 4, 0, 0);
    const erf = [...new Float32Array(withMath.memory.buffer, a, 4)];
    new Float32Array(fullK.memory.buffer, a, 4).set([0, 1, -1, 2]); // the same address in the full core's memory
    expect(loaded).toEqual(['math']);
    expect(() => withMath.unary_flat_f32(U.erfinv, a, a, 4, 0, 0)).toThrow(/kernels\/all/);
    expect(() => withMath.layer_norm_f32(0, 0, 0, 0, 0, 0, 1, 1, 0)).toThrow(/kernels\/nn/);
    withMath.free(a);
    const b = fullK.alloc(64);
    new Float32Array(fullK.memory.buffer, b, 4).set([0, 1, -1, 2]);
    fullK.unary_flat_f32(U.erf, b, b, 4, 0, 0);
    expect(erf).toEqual([...new Float32Array(fullK.memory.buffer, b, 4)]);
    fullK.free(b);
  });

  it('names the module whose kernel a worker thread runs for a job: the core, or the part that has it', () => {
    const where = jobPart(lean.kernels, loadPart);
    expect(where('unary_flat_f32', U.exp)).toBe(null);
    expect(where('unary_flat_f32', U.gelu)).toBe('math');
    expect(where('unary_grad_flat_f32', U.gelu | GRAD_BASIC_LOOP)).toBe('math');
    expect(where('unary_flat_f32', U.lgamma)).toBe('all');
    expect(where('im2col_f32', 0)).toBe('nn');
    expect(where('vol2col_f32', 0)).toBe('all');
    expect(where('gemm_sub_f32', 0)).toBe(null);
    // an app that imported the math part alone: what only another part has runs on the calling thread (which throws)
    const mathOnly = jobPart(lean.kernels, (n) => (n === 'math' ? loadPart(n) : undefined));
    expect(mathOnly('unary_flat_f32', U.gelu)).toBe('math');
    expect(mathOnly('unary_flat_f32', U.lgamma)).toBe(undefined);
    expect(mathOnly('im2col_f32', 0)).toBe(undefined);
  });

  it('traps inside the lean core when a cut code gets past it', () => {
    const a = leanK.alloc(64);
    expect(() => leanK.unary_flat_f32(U.erfinv, a, a, 4, 0, 0)).toThrow(/unreachable/);
    expect(() => leanK.binary_flat_f32(B.hypot, a, a, a, 1, 4)).toThrow(/unreachable/);
    leanK.free(a);
  });
});
