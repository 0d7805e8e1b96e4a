// Property-based tests: tocha against the float64 reference in test/reference.ts, over random
// shapes (0-4 dims, sizes 0-7), random strided views of them (permutes, narrow, slices with
// steps, a selected leading dim, expand) and broadcast pairs, for elementwise ops, reductions,
// matmul and the ops that move data.
//
// Replay: every property runs from TOCHA_FUZZ_SEED (a fixed seed if unset, so `npm test` is the same
// run every time; TOCHA_FUZZ_SEED=random draws one and prints it); a failure prints fast-check's
// counterexample with its seed and path. TOCHA_FUZZ_RUNS=4 runs four times as many cases.
// `npm run fuzz` does both: a new seed, four times the cases.
import { describe, it } from 'vitest';
import fc from 'fast-check';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import * as R from './reference.js';

const SEED_ENV = process.env.TOCHA_FUZZ_SEED;
const SEED = SEED_ENV === 'random' ? Math.floor(Math.random() * 2 ** 31) : SEED_ENV ? Number(SEED_ENV) : 20261127;
const SCALE = Number(process.env.TOCHA_FUZZ_RUNS ?? 1);
console.log(`fuzz.test.ts: TOCHA_FUZZ_SEED=${SEED} (set it to replay these cases)`);
const params = (numRuns: number) => ({ seed: SEED, numRuns: Math.max(1, Math.round(numRuns * SCALE)) });

// ---------------------------------------------------------------- values

type U = () => number;
type Gen = (u: U) => number;

/** mulberry32: the values of a case come from one integer seed fast-check picks. */
function rng(seed: number): U {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uniform = (lo: number, hi: number): Gen => (u) => lo + (hi - lo) * u();
/** Magnitudes over 10^lo..10^hi with either sign. */
const wide = (lo: number, hi: number, signed = true): Gen => (u) =>
  (signed && u() < 0.5 ? -1 : 1) * 10 ** (lo + (hi - lo) * u());
/** Few distinct values, so ties and equalities happen. */
const discrete: Gen = (u) => (Math.floor(u() * 7) - 3) / 2;
const ints = (lo: number, hi: number): Gen => (u) => lo + Math.floor(u() * (hi - lo + 1));
const nonzeroInts = (lo: number, hi: number): Gen => (u) => {
  const v = ints(lo, hi)(u);
  return v === 0 ? 1 : v;
};
const SPECIALS = [NaN, Infinity, -Infinity, 0, -0];
const withSpecials = (g: Gen, p = 0.2): Gen => (u) => (u() < p ? SPECIALS[Math.floor(u() * SPECIALS.length)] : g(u));

// ---------------------------------------------------------------- shapes and views

const sizeArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant(1) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 9, arbitrary: fc.integer({ min: 2, max: 7 }) },
);
const shapeArb = (minDims = 0, maxDims = 4) => fc.array(sizeArb, { minLength: minDims, maxLength: maxDims });

/** How an operand of a given shape is laid out in memory; shrinks to a contiguous tensor. */
interface Layout {
  perm: number;
  steps: number[];
  starts: number[];
  expand: number;
  lead: boolean;
  seed: number;
}
const four = (a: fc.Arbitrary<number>) => fc.array(a, { minLength: 4, maxLength: 4 });
const layoutArb: fc.Arbitrary<Layout> = fc.record({
  perm: fc.nat({ max: 23 }),
  steps: four(fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.integer({ min: 2, max: 3 }) })),
  starts: four(fc.integer({ min: 0, max: 2 })),
  expand: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 15 }) }),
  lead: fc.boolean(),
  seed: fc.nat(),
});

/** The k-th permutation of 0..n-1 (Lehmer code). */
function permutation(n: number, k: number): number[] {
  const items = Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  k %= f;
  for (let i = n; i >= 1; i--) {
    f /= i;
    const j = Math.floor(k / f);
    k %= f;
    out.push(items.splice(j, 1)[0]);
  }
  return out;
}

interface Operand {
  t: Tensor;
  r: R.Arr;
  /** How it was made, for failure messages. */
  how: string;
}

/**
 * A tensor of `shape` that is a strided view into a bigger buffer: the buffer is stored with its
 * dims permuted, maybe under a leading dim that is selected away, then each dim is narrowed or
 * sliced with a step, and the dims chosen by `expand` are broadcast from size 1. The reference
 * array goes through the same views.
 */
function operand(shape: readonly number[], L: Layout, gen: Gen, dtype: torch.DType = torch.float32): Operand {
  const nd = shape.length;
  const src = shape.map((s, d) => ((L.expand >> d) & 1 && s !== 1 ? 1 : s));
  const stop = src.map((s, d) => L.starts[d] + (s === 0 ? 0 : (s - 1) * L.steps[d] + 1));
  const base = stop.map((e, d) => e + (L.starts[d] > 0 ? 1 : 0));
  const p = permutation(nd, L.perm);
  let baseShape = p.map((d) => base[d]);
  if (L.lead) baseShape = [2, ...baseShape];
  const u = rng(L.seed);
  const n = R.numel(baseShape);
  const vals = dtype === torch.float32 ? new Float32Array(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) vals[i] = gen(u);
  let t = torch.tensor(vals, { dtype }).reshape(baseShape);
  let r = R.fromFlat(vals, baseShape);
  const how: string[] = [`buffer [${baseShape}]`];
  if (L.lead) {
    t = t.select(0, 1);
    r = R.select(r, 0, 1);
    how.push('select(0, 1)');
  }
  const inv = new Array<number>(nd);
  p.forEach((d, i) => { inv[d] = i; });
  t = t.permute(inv);
  r = R.permute(r, inv);
  how.push(`permute(${inv})`);
  for (let d = 0; d < nd; d++) {
    const start = L.starts[d];
    const step = L.steps[d];
    if (step === 1) {
      t = t.narrow(d, start, src[d]);
      r = R.narrow(r, d, start, src[d]);
      how.push(`narrow(${d}, ${start}, ${src[d]})`);
    } else {
      const ix: torch.Index[] = new Array<torch.Index>(d).fill(null);
      ix.push([start, stop[d], step]);
      t = t.index(...ix);
      r = R.slice(r, d, start, stop[d], step);
      how.push(`[${start}:${stop[d]}:${step}] at dim ${d}`);
    }
  }
  if (src.some((s, d) => s !== shape[d])) {
    t = t.expand([...shape]);
    r = R.expand(r, shape);
    how.push(`expand(${shape})`);
  }
  return { t, r, how: `${how.join(' . ')} (strides [${t.stride()}], offset ${t.storage_offset()})` };
}

/** Shapes that broadcast to `full`: leading dims dropped and some dims set to 1. */
const bcastArb = fc.record({ drop: fc.nat({ max: 4 }), ones: fc.nat({ max: 15 }) });
function bcastShape(full: readonly number[], b: { drop: number; ones: number }): number[] {
  const s = full.slice(Math.min(b.drop, full.length));
  const off = full.length - s.length;
  return s.map((v, i) => ((b.ones >> (i + off)) & 1 ? 1 : v));
}

// ---------------------------------------------------------------- comparison

const EPS32 = 2 ** -24;
const F32_OVERFLOW = 2 ** 128 * (1 - 2 ** -25);
function ulp32(x: number): number {
  const a = Math.abs(x);
  if (!Number.isFinite(a) || a < 2 ** -126) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}

interface Tol {
  /** Allowed error in float32 ulps of the exact result. */
  ulps?: number;
  atol?: number;
  /** Relative to the exact result, or to `mag` when given. */
  rtol?: number;
  mag?: Float64Array;
}

/** Asserts that a tocha tensor matches the reference (shape, dtype, every value within tolerance). */
function expectClose(op: string, got: Tensor, want: R.Arr, tol: Tol, ctx: () => string, dtype?: torch.DType): void {
  const fail = (msg: string) => {
    throw new Error(`${op}: ${msg}\n${ctx()}`);
  };
  if ([...got.shape].join() !== want.shape.join()) fail(`shape [${[...got.shape]}], expected [${want.shape}]`);
  if (dtype && got.dtype !== dtype) fail(`dtype ${got.dtype}, expected ${dtype}`);
  const g = got.dataSync();
  const w = R.toFlat(want);
  for (let i = 0; i < w.length; i++) {
    const a = g[i];
    // float32 results overflow where the exact value is past the largest float
    const b = got.dtype !== torch.float32 ? Math.fround(w[i]) : Math.abs(w[i]) >= F32_OVERFLOW ? Math.sign(w[i]) * Infinity : w[i];
    if (Number.isNaN(b) ? Number.isNaN(a) : a === b) continue;
    const m = tol.mag ? tol.mag[i] : Math.abs(b);
    const allowed = (tol.atol ?? 0) + (tol.rtol ?? 0) * m + (tol.ulps ?? 0) * ulp32(b);
    if (!(Math.abs(a - b) <= allowed)) {
      fail(`element ${i} of [${want.shape}] is ${a}, expected ${b} (error ${Math.abs(a - b)}, ` +
        `${(Math.abs(a - b) / ulp32(b)).toFixed(1)} ulp, allowed ${allowed})`);
    }
  }
}

const show = (name: string, o: Operand) => `  ${name}: ${o.how}\n    values ${fmtVals(R.toFlat(o.r))}`;
function fmtVals(v: Float64Array): string {
  const s = Array.from(v.slice(0, 24), (x) => (Object.is(x, -0) ? '-0' : String(x))).join(', ');
  return `[${s}${v.length > 24 ? ', ...' : ''}]`;
}

/** Runs a case with every tensor it makes released afterwards. */
const tidy = (fn: () => void) => torch.tidy(() => { fn(); });

// ---------------------------------------------------------------- unary ops

interface UnaryOp {
  name: string;
  f: (t: Tensor) => Tensor;
  ref: (x: number) => number;
  gen: Gen;
  /** A tolerance, or the allowed error at each input. */
  tol: Tol | ((x: number, y: number) => number);
}

const exact: Tol = {};
const tr = (ulps: number, atol = 0): Tol => ({ ulps, atol });
const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);
const halves: Gen = (u) => Math.round((u() * 2 - 1) * 40) / 4 + (u() < 0.3 ? (u() - 0.5) * 1e-3 : 0);

const UNARY: UnaryOp[] = [
  { name: 'neg', f: (t) => t.neg(), ref: (x) => -x, gen: uniform(-8, 8), tol: exact },
  { name: 'abs', f: (t) => t.abs(), ref: Math.abs, gen: uniform(-8, 8), tol: exact },
  { name: 'square', f: (t) => t.square(), ref: (x) => x * x, gen: wide(-3, 3), tol: tr(0.5) },
  { name: 'exp', f: (t) => t.exp(), ref: Math.exp, gen: uniform(-20, 20), tol: tr(2) },
  { name: 'exp2', f: (t) => t.exp2(), ref: (x) => 2 ** x, gen: uniform(-30, 30), tol: tr(2) },
  { name: 'expm1', f: (t) => t.expm1(), ref: Math.expm1, gen: (u) => (u() < 0.5 ? wide(-6, 0)(u) : uniform(-10, 10)(u)), tol: tr(2) },
  { name: 'log', f: (t) => t.log(), ref: Math.log, gen: wide(-6, 6, false), tol: tr(2) },
  { name: 'log2', f: (t) => t.log2(), ref: Math.log2, gen: wide(-6, 6, false), tol: tr(2) },
  { name: 'log10', f: (t) => t.log10(), ref: Math.log10, gen: wide(-6, 6, false), tol: tr(2) },
  { name: 'log1p', f: (t) => t.log1p(), ref: Math.log1p, gen: (u) => (u() < 0.5 ? wide(-6, -0.01)(u) : uniform(-0.99, 10)(u)), tol: tr(2) },
  { name: 'sqrt', f: (t) => t.sqrt(), ref: Math.sqrt, gen: (u) => (u() < 0.1 ? 0 : wide(-6, 6, false)(u)), tol: tr(0.5) },
  { name: 'rsqrt', f: (t) => t.rsqrt(), ref: (x) => 1 / Math.sqrt(x), gen: wide(-6, 6, false), tol: tr(2) },
  { name: 'reciprocal', f: (t) => t.reciprocal(), ref: (x) => 1 / x, gen: wide(-6, 6), tol: tr(0.5) },
  { name: 'sin', f: (t) => t.sin(), ref: Math.sin, gen: uniform(-10, 10), tol: tr(2, EPS32) },
  { name: 'cos', f: (t) => t.cos(), ref: Math.cos, gen: uniform(-10, 10), tol: tr(2, EPS32) },
  { name: 'tan', f: (t) => t.tan(), ref: Math.tan, gen: uniform(-1.4, 1.4), tol: tr(3, EPS32) },
  { name: 'sinh', f: (t) => t.sinh(), ref: Math.sinh, gen: (u) => (u() < 0.3 ? wide(-5, 0)(u) : uniform(-10, 10)(u)), tol: tr(3) },
  { name: 'cosh', f: (t) => t.cosh(), ref: Math.cosh, gen: uniform(-10, 10), tol: tr(3) },
  { name: 'asin', f: (t) => t.asin(), ref: Math.asin, gen: uniform(-1, 1), tol: tr(3) },
  { name: 'acos', f: (t) => t.acos(), ref: Math.acos, gen: uniform(-1, 1), tol: tr(3) },
  { name: 'atan', f: (t) => t.atan(), ref: Math.atan, gen: wide(-4, 4), tol: tr(2) },
  { name: 'tanh', f: (t) => t.tanh(), ref: Math.tanh, gen: (u) => (u() < 0.3 ? wide(-5, 0)(u) : uniform(-10, 10)(u)), tol: tr(3) },
  { name: 'sigmoid', f: (t) => t.sigmoid(), ref: R.sigmoid, gen: uniform(-30, 30), tol: tr(3) },
  { name: 'relu', f: (t) => t.relu(), ref: (x) => Math.max(x, 0), gen: uniform(-8, 8), tol: exact },
  { name: 'erf', f: (t) => t.erf(), ref: R.erf, gen: (u) => (u() < 0.3 ? wide(-5, 0)(u) : uniform(-4, 4)(u)), tol: tr(3, EPS32 / 4) },
  { name: 'floor', f: (t) => t.floor(), ref: Math.floor, gen: halves, tol: exact },
  { name: 'ceil', f: (t) => t.ceil(), ref: Math.ceil, gen: halves, tol: exact },
  { name: 'round', f: (t) => t.round(), ref: R.roundHalfEven, gen: halves, tol: exact },
  { name: 'trunc', f: (t) => t.trunc(), ref: Math.trunc, gen: halves, tol: exact },
  { name: 'frac', f: (t) => t.frac(), ref: (x) => x - Math.trunc(x), gen: halves, tol: exact },
  { name: 'sign', f: (t) => t.sign(), ref: Math.sign, gen: (u) => (u() < 0.2 ? 0 : uniform(-8, 8)(u)), tol: exact },
  { name: 'logit', f: (t) => t.logit(), ref: (x) => Math.log(x / (1 - x)), gen: uniform(0.001, 0.999), tol: tr(4, 4 * EPS32) },
  { name: 'clamp(-1, 2)', f: (t) => t.clamp(-1, 2), ref: (x) => clamp(x, -1, 2), gen: uniform(-4, 4), tol: exact },
  { name: 'clamp(min=0.5)', f: (t) => t.clamp_min(0.5), ref: (x) => Math.max(x, 0.5), gen: uniform(-4, 4), tol: exact },
  { name: 'clamp(max=-0.5)', f: (t) => torch.clamp(t, null, -0.5), ref: (x) => Math.min(x, -0.5), gen: uniform(-4, 4), tol: exact },
  { name: 'pow(x, 2)', f: (t) => t.pow(2), ref: (x) => x * x, gen: uniform(-8, 8), tol: tr(0.5) },
  { name: 'pow(x, 3)', f: (t) => t.pow(3), ref: (x) => x ** 3, gen: uniform(-8, 8), tol: tr(2) },
  { name: 'pow(x, -1)', f: (t) => t.pow(-1), ref: (x) => 1 / x, gen: wide(-3, 3), tol: tr(2) },
  { name: 'pow(x, 0.5)', f: (t) => t.pow(0.5), ref: Math.sqrt, gen: wide(-4, 4, false), tol: tr(2) },
  // (PyTorch's blocks take float(1.7), its scalar code the double: up to ~6 ulp apart over 1e±3)
  { name: 'pow(x, 1.7)', f: (t) => t.pow(1.7), ref: (x) => x ** 1.7, gen: wide(-3, 3, false), tol: tr(8) },
  { name: 'pow(x, -2.5)', f: (t) => t.pow(-2.5), ref: (x) => x ** -2.5, gen: wide(-2, 2, false), tol: tr(4) },
  { name: 'pow(x, 0)', f: (t) => t.pow(0), ref: () => 1, gen: uniform(-8, 8), tol: exact },
  { name: 'pow(2.5, x)', f: (t) => torch.pow(2.5, t), ref: (x) => 2.5 ** x, gen: uniform(-20, 20), tol: tr(4) },
  { name: 'mul(x, 2.5)', f: (t) => t.mul(2.5), ref: (x) => x * 2.5, gen: uniform(-8, 8), tol: tr(0.5) },
  { name: 'add(x, 0.3)', f: (t) => t.add(0.3), ref: (x) => x + Math.fround(0.3), gen: uniform(-8, 8), tol: tr(0.5) },
  { name: 'sub(x, 3)', f: (t) => t.sub(3), ref: (x) => x - 3, gen: uniform(-8, 8), tol: tr(0.5) },
  { name: 'div(x, 3)', f: (t) => t.div(3), ref: (x) => x / 3, gen: uniform(-8, 8), tol: tr(1) },
  { name: 'rsub(x, 1)', f: (t) => t.rsub(1), ref: (x) => 1 - x, gen: uniform(-8, 8), tol: tr(0.5) },
  { name: 'clone', f: (t) => t.clone(), ref: (x) => x, gen: uniform(-8, 8), tol: exact },
];

// nn.functional activations, when the module is there.
const F = (torch.nn as unknown as { functional?: Record<string, (...a: unknown[]) => Tensor> }).functional;
const SELU_A = 1.6732632423543772848170429916717;
const SELU_S = 1.0507009873554804934193349852946;
const relu6 = (x: number) => clamp(x, 0, 6);
type Activation = [string, (t: Tensor) => Tensor, (x: number) => number, UnaryOp['tol']];
const ACTIVATION_CASES = (F: Record<string, (...a: unknown[]) => Tensor>): Activation[] => [
  // x/2 (1 + erf(x/√2)) cancels for x < 0 in float32 (PyTorch's too): an absolute error of |x| ulp(1)/2
  ['gelu', (t) => F.gelu(t), (x) => 0.5 * x * (1 + R.erf(x / Math.SQRT2)), (x, y) => 4 * ulp32(y) + Math.abs(x) * EPS32],
  ['gelu(tanh)', (t) => F.gelu(t, { approximate: 'tanh' }),
    (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3))), (x, y) => 4 * ulp32(y) + Math.abs(x) * EPS32],
  ['silu', (t) => F.silu(t), (x) => x * R.sigmoid(x), tr(4, EPS32)],
  ['mish', (t) => F.mish(t), (x) => x * Math.tanh(R.softplus(x)), tr(4, EPS32)],
  ['softplus', (t) => F.softplus(t), R.softplus, tr(4, EPS32)],
  ['elu', (t) => F.elu(t), (x) => (x > 0 ? x : Math.expm1(x)), tr(3)],
  ['selu', (t) => F.selu(t), (x) => SELU_S * (x > 0 ? x : SELU_A * Math.expm1(x)), tr(4)],
  ['celu', (t) => F.celu(t), (x) => Math.max(0, x) + Math.min(0, Math.expm1(x)), tr(3)],
  ['leaky_relu', (t) => F.leaky_relu(t), (x) => (x > 0 ? x : 0.01 * x), tr(1)],
  ['hardtanh', (t) => F.hardtanh(t), (x) => clamp(x, -1, 1), exact],
  ['relu6', (t) => F.relu6(t), relu6, exact],
  ['hardsigmoid', (t) => F.hardsigmoid(t), (x) => relu6(x + 3) / 6, tr(2)],
  ['hardswish', (t) => F.hardswish(t), (x) => (x * relu6(x + 3)) / 6, tr(3, EPS32)],
  ['logsigmoid', (t) => F.logsigmoid(t), (x) => -R.softplus(-x), tr(4, EPS32)],
  ['softsign', (t) => F.softsign(t), (x) => x / (1 + Math.abs(x)), tr(2)],
  ['tanhshrink', (t) => F.tanhshrink(t), (x) => x - Math.tanh(x), { ulps: 4, atol: 2 * EPS32 }],
  ['hardshrink', (t) => F.hardshrink(t), (x) => (Math.abs(x) > 0.5 ? x : 0), exact],
  ['softshrink', (t) => F.softshrink(t), (x) => (x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : 0), tr(0.5)],
];
const ACTIVATIONS = F ? ACTIVATION_CASES(F).filter(([name]) => typeof F[name.replace(/\(.*/, '')] === 'function') : [];
for (const [name, f, ref, tol] of ACTIVATIONS) {
  UNARY.push({ name: `F.${name}`, f, ref, gen: (u) => (u() < 0.2 ? discrete(u) * 2 : uniform(-12, 12)(u)), tol });
}

describe('fuzz: unary ops on strided views', () => {
  const runs = 12;
  for (const op of UNARY) {
    it(op.name, () => {
      fc.assert(fc.property(shapeArb(), layoutArb, (shape, L) => tidy(() => {
        const x = operand(shape, L, op.gen);
        const want = R.map(x.r, op.ref);
        const tol = op.tol;
        const t: Tol = typeof tol === 'function' ? { rtol: 1, mag: R.toFlat(R.zip(x.r, want, tol)) } : tol;
        expectClose(op.name, op.f(x.t), want, t, () => show('x', x), torch.float32);
      })), params(runs));
    });
  }
});

// ---------------------------------------------------------------- binary ops

interface BinaryOp {
  name: string;
  f: (a: Tensor, b: Tensor) => Tensor;
  ref: (x: number, y: number) => number;
  genA: Gen;
  genB: Gen;
  tol: Tol | ((x: number, y: number) => number);
  out?: torch.DType;
}

const cmp = (name: string, f: (a: Tensor, b: Tensor) => Tensor, ref: (x: number, y: number) => boolean): BinaryOp =>
  ({ name, f, ref: (x, y) => Number(ref(x, y)), genA: discrete, genB: discrete, tol: exact, out: torch.bool });

/** Python's modulo: the sign of the divisor. */
const pyMod = (x: number, y: number) => {
  const r = x % y;
  return r !== 0 && (r < 0) !== (y < 0) ? r + y : r;
};

const BINARY: BinaryOp[] = [
  { name: 'add', f: (a, b) => a.add(b), ref: (x, y) => x + y, genA: uniform(-8, 8), genB: wide(-3, 1), tol: tr(0.5) },
  { name: 'sub', f: (a, b) => a.sub(b), ref: (x, y) => x - y, genA: uniform(-8, 8), genB: uniform(-8, 8), tol: tr(0.5) },
  { name: 'mul', f: (a, b) => a.mul(b), ref: (x, y) => x * y, genA: wide(-3, 3), genB: wide(-3, 3), tol: tr(0.5) },
  { name: 'div', f: (a, b) => a.div(b), ref: (x, y) => x / y, genA: wide(-3, 3), genB: wide(-3, 3), tol: tr(0.5) },
  {
    name: 'add(alpha=-2.5)', f: (a, b) => a.add(b, { alpha: -2.5 }), ref: (x, y) => x - 2.5 * y,
    genA: uniform(-8, 8), genB: uniform(-8, 8), tol: (x, y) => 1.5 * ulp32(Math.abs(x) + Math.abs(2.5 * y)),
  },
  { name: 'maximum', f: (a, b) => torch.maximum(a, b), ref: Math.max, genA: discrete, genB: uniform(-2, 2), tol: exact },
  { name: 'minimum', f: (a, b) => torch.minimum(a, b), ref: Math.min, genA: discrete, genB: uniform(-2, 2), tol: exact },
  {
    name: 'pow', f: (a, b) => a.pow(b), ref: R.pow, genA: wide(-2, 2, false), genB: uniform(-3, 3),
    // float32 powf: a few ulp, plus the exponent's rounding amplified by |y ln x|
    tol: tr(4),
  },
  { name: 'pow(int exponents)', f: (a, b) => a.pow(b), ref: R.pow, genA: uniform(-4, 4), genB: ints(-3, 4), tol: tr(4) },
  { name: 'atan2', f: (a, b) => torch.atan2(a, b), ref: Math.atan2, genA: wide(-3, 3), genB: wide(-3, 3), tol: tr(3) },
  { name: 'remainder', f: (a, b) => a.remainder(b), ref: pyMod, genA: ints(-20, 20), genB: nonzeroInts(-5, 5), tol: exact },
  { name: 'fmod', f: (a, b) => a.fmod(b), ref: (x, y) => x % y, genA: ints(-20, 20), genB: nonzeroInts(-5, 5), tol: exact },
  {
    name: 'floor_divide', f: (a, b) => a.floor_divide(b), ref: (x, y) => Math.floor(x / y),
    genA: ints(-20, 20), genB: nonzeroInts(-5, 5), tol: exact,
  },
  { name: 'hypot', f: (a, b) => torch.hypot(a, b), ref: Math.hypot, genA: uniform(-8, 8), genB: uniform(-8, 8), tol: tr(2) },
  cmp('eq', (a, b) => a.eq(b), (x, y) => x === y),
  cmp('ne', (a, b) => a.ne(b), (x, y) => x !== y),
  cmp('lt', (a, b) => a.lt(b), (x, y) => x < y),
  cmp('le', (a, b) => a.le(b), (x, y) => x <= y),
  cmp('gt', (a, b) => a.gt(b), (x, y) => x > y),
  cmp('ge', (a, b) => a.ge(b), (x, y) => x >= y),
];

const broadcastPairArb = fc.record({
  full: shapeArb(), ba: bcastArb, bb: bcastArb, la: layoutArb, lb: layoutArb, swap: fc.boolean(),
});

describe('fuzz: binary ops on broadcast pairs of strided views', () => {
  const runs = 25;
  for (const op of BINARY) {
    it(op.name, () => {
      fc.assert(fc.property(broadcastPairArb, ({ full, ba, bb, la, lb }) => tidy(() => {
        const a = operand(bcastShape(full, ba), la, op.genA);
        const b = operand(bcastShape(full, bb), lb, op.genB);
        const want = R.zip(a.r, b.r, op.ref);
        const tol: Tol = typeof op.tol === 'function' ? { ulps: 0, atol: 0, rtol: 1, mag: magOf(a.r, b.r, op.tol) } : op.tol;
        expectClose(op.name, op.f(a.t, b.t), want, tol, () => `${show('a', a)}\n${show('b', b)}`, op.out ?? torch.float32);
      })), params(runs));
    });
  }

  /** Per-element allowed error as a `mag` with rtol 1. */
  function magOf(a: R.Arr, b: R.Arr, f: (x: number, y: number) => number): Float64Array {
    return R.toFlat(R.zip(a, b, f));
  }

  it('where(cond, a, b) with three broadcast operands', () => {
    fc.assert(fc.property(broadcastPairArb, bcastArb, layoutArb, ({ full, ba, bb, la, lb }, bc, lc) => tidy(() => {
      const a = operand(bcastShape(full, ba), la, uniform(-8, 8));
      const b = operand(bcastShape(full, bb), lb, uniform(-8, 8));
      const c = operand(bcastShape(full, bc), lc, uniform(-1, 1));
      const cond = c.t.gt(0);
      expectClose('where', torch.where(cond, a.t, b.t), R.where(R.map(c.r, (v) => Number(v > 0)), a.r, b.r), exact,
        () => `${show('cond > 0', c)}\n${show('a', a)}\n${show('b', b)}`, torch.float32);
      expectClose('where(scalar)', torch.where(cond, a.t, 0.5), R.where(R.map(c.r, (v) => Number(v > 0)), a.r, R.scalar(0.5)),
        exact, () => `${show('cond > 0', c)}\n${show('a', a)}`, torch.float32);
    })), params(60));
  });

  it('int64 arithmetic, comparisons and promotion to float', () => {
    const ops: [string, (a: Tensor, b: Tensor) => Tensor, (x: number, y: number) => number, torch.DType][] = [
      ['add', (a, b) => a.add(b), (x, y) => x + y, torch.int64],
      ['sub', (a, b) => a.sub(b), (x, y) => x - y, torch.int64],
      ['mul', (a, b) => a.mul(b), (x, y) => x * y, torch.int64],
      ['maximum', (a, b) => torch.maximum(a, b), Math.max, torch.int64],
      ['minimum', (a, b) => torch.minimum(a, b), Math.min, torch.int64],
      ['floor_divide', (a, b) => a.floor_divide(b), (x, y) => Math.floor(x / y), torch.int64],
      ['remainder', (a, b) => a.remainder(b), pyMod, torch.int64],
      ['div', (a, b) => a.div(b), (x, y) => x / y, torch.float32],
      ['lt', (a, b) => a.lt(b), (x, y) => Number(x < y), torch.bool],
      ['add float', (a, b) => a.add(b.float().mul(0.5)), (x, y) => x + y * 0.5, torch.float32],
    ];
    fc.assert(fc.property(broadcastPairArb, fc.nat({ max: ops.length - 1 }), ({ full, ba, bb, la, lb }, k) => tidy(() => {
      const [name, f, ref, dt] = ops[k];
      const a = operand(bcastShape(full, ba), la, ints(-50, 50), torch.int64);
      const b = operand(bcastShape(full, bb), lb, nonzeroInts(-7, 7), torch.int64);
      expectClose(`int64 ${name}`, f(a.t, b.t), R.zip(a.r, b.r, ref), tr(0.5), () => `${show('a', a)}\n${show('b', b)}`, dt);
    })), params(150));
  });
});

// ---------------------------------------------------------------- special values

describe('fuzz: NaN, ±Inf and ±0 propagate as in PyTorch', () => {
  const g = withSpecials(uniform(-4, 4), 0.25);
  const unary: [string, (t: Tensor) => Tensor, (x: number) => number, torch.DType?][] = [
    ['neg', (t) => t.neg(), (x) => -x],
    ['abs', (t) => t.abs(), Math.abs],
    ['relu', (t) => t.relu(), (x) => (Number.isNaN(x) ? NaN : Math.max(x, 0))],
    ['exp', (t) => t.exp(), Math.exp],
    ['log', (t) => t.log(), Math.log],
    ['sqrt', (t) => t.sqrt(), Math.sqrt],
    ['tanh', (t) => t.tanh(), Math.tanh],
    ['sigmoid', (t) => t.sigmoid(), R.sigmoid],
    ['clamp', (t) => t.clamp(-1, 1), (x) => clamp(x, -1, 1)],
    ['isnan', (t) => t.isnan(), (x) => Number(Number.isNaN(x)), torch.bool],
    ['isinf', (t) => t.isinf(), (x) => Number(Math.abs(x) === Infinity), torch.bool],
    ['isfinite', (t) => t.isfinite(), (x) => Number(Number.isFinite(x)), torch.bool],
  ];
  it('unary', () => {
    fc.assert(fc.property(shapeArb(), layoutArb, fc.nat({ max: unary.length - 1 }), (shape, L, k) => tidy(() => {
      const [name, f, ref, dt] = unary[k];
      const x = operand(shape, L, g);
      expectClose(name, f(x.t), R.map(x.r, ref), tr(4), () => show('x', x), dt ?? torch.float32);
    })), params(150));
  });

  const binary: [string, (a: Tensor, b: Tensor) => Tensor, (x: number, y: number) => number, torch.DType?][] = [
    ['add', (a, b) => a.add(b), (x, y) => x + y],
    ['mul', (a, b) => a.mul(b), (x, y) => x * y],
    ['div', (a, b) => a.div(b), (x, y) => x / y],
    ['maximum', (a, b) => torch.maximum(a, b), (x, y) => R.maxOfNaN([x, y])],
    ['minimum', (a, b) => torch.minimum(a, b), (x, y) => R.minOfNaN([x, y])],
    ['eq', (a, b) => a.eq(b), (x, y) => Number(x === y), torch.bool],
    ['lt', (a, b) => a.lt(b), (x, y) => Number(x < y), torch.bool],
    ['ge', (a, b) => a.ge(b), (x, y) => Number(x >= y), torch.bool],
  ];
  it('binary', () => {
    fc.assert(fc.property(broadcastPairArb, fc.nat({ max: binary.length - 1 }), ({ full, ba, bb, la, lb }, k) => tidy(() => {
      const [name, f, ref, dt] = binary[k];
      const a = operand(bcastShape(full, ba), la, g);
      const b = operand(bcastShape(full, bb), lb, g);
      expectClose(name, f(a.t, b.t), R.zip(a.r, b.r, ref), tr(0.5), () => `${show('a', a)}\n${show('b', b)}`, dt ?? torch.float32);
    })), params(150));
  });

  it('reductions and matmul', () => {
    const ops: [string, (t: Tensor, d: number) => Tensor, (r: R.Arr, d: number) => R.Arr, torch.DType?][] = [
      ['sum', (t, d) => t.sum(d), (r, d) => R.sum(r, d)],
      ['mean', (t, d) => t.mean(d), (r, d) => R.mean(r, d)],
      ['amax', (t, d) => t.amax(d), (r, d) => R.amax(r, d)],
      ['amin', (t, d) => t.amin(d), (r, d) => R.amin(r, d)],
      ['max(dim).values', (t, d) => t.max(d).values, (r, d) => R.amax(r, d)],
      ['max(dim).indices', (t, d) => t.max(d).indices, (r, d) => R.argmax(r, d), torch.int64],
      ['min(dim).indices', (t, d) => t.min(d).indices, (r, d) => R.argmin(r, d), torch.int64],
      ['argmax', (t, d) => t.argmax(d), (r, d) => R.argmax(r, d), torch.int64],
      ['argmin', (t, d) => t.argmin(d), (r, d) => R.argmin(r, d), torch.int64],
      ['logsumexp', (t, d) => t.logsumexp(d), (r, d) => R.logsumexp(r, d)],
      ['softmax', (t, d) => t.softmax(d), (r, d) => R.softmax(r, d)],
      ['log_softmax', (t, d) => t.log_softmax(d), (r, d) => R.log_softmax(r, d)],
      ['cumsum', (t, d) => t.cumsum(d), (r, d) => R.cumsum(r, d)],
      ['matmul', (t) => t.matmul(t.mT), (r) => R.matmul(r, R.transpose(r, -1, -2))],
    ];
    const shape2 = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 3 });
    fc.assert(fc.property(shape2, layoutArb, fc.nat({ max: ops.length - 1 }), fc.nat(), (shape, L, k, dd) => tidy(() => {
      const [name, f, ref, dt] = ops[k];
      const x = operand(shape, L, g);
      const d = dd % shape.length;
      expectClose(`${name} over dim ${d}`, f(x.t, d), ref(x.r, d), { ulps: 8, rtol: 1e-5, atol: 1e-6 }, () => show('x', x), dt ?? torch.float32);
    })), params(200));
  });
});

// ---------------------------------------------------------------- reductions

const dimsArb = fc.record({ mask: fc.nat({ max: 15 }), all: fc.boolean(), negative: fc.boolean(), keepdim: fc.boolean() });
type DimsSpec = { mask: number; all: boolean; negative: boolean; keepdim: boolean };
/** The dims a case reduces over: null (all) or a non-empty list, some written negative. */
function dimsOf(nd: number, s: DimsSpec): number[] | null {
  if (s.all) return null;
  const ds: number[] = [];
  for (let d = 0; d < Math.max(nd, 1); d++) if ((s.mask >> d) & 1) ds.push(s.negative ? d - Math.max(nd, 1) : d);
  return ds.length ? ds : null;
}
const reducedSizes = (shape: readonly number[], dims: number[] | null) =>
  dims === null ? shape.slice() : dims.map((d) => shape[d < 0 ? d + shape.length : d] ?? 1);

describe('fuzz: reductions over random dims, keepdim', () => {
  const runs = 60;
  const abs = (r: R.Arr) => R.map(r, Math.abs);

  const multi: [string, (t: Tensor, dims: number[] | null, keepdim: boolean) => Tensor,
    (r: R.Arr, dims: number[] | null, keepdim: boolean) => R.Arr, (r: R.Arr, dims: number[] | null, keepdim: boolean, n: number) => Tol, Gen][] = [
    ['sum', (t, d, k) => torch.sum(t, d, { keepdim: k }), (r, d, k) => R.sum(r, d, k),
      (r, d, k) => ({ ulps: 1, rtol: 1e-5, mag: R.toFlat(R.sum(abs(r), d, k)) }), uniform(-8, 8)],
    ['mean', (t, d, k) => torch.mean(t, d, { keepdim: k }), (r, d, k) => R.mean(r, d, k),
      (r, d, k) => ({ ulps: 1, rtol: 1e-5, mag: R.toFlat(R.mean(abs(r), d, k)) }), uniform(-8, 8)],
    ['amax', (t, d, k) => torch.amax(t, d ?? [], { keepdim: k }), (r, d, k) => R.amax(r, d, k), () => exact, discrete],
    ['amin', (t, d, k) => torch.amin(t, d ?? [], { keepdim: k }), (r, d, k) => R.amin(r, d, k), () => exact, discrete],
    ['logsumexp', (t, d, k) => torch.logsumexp(t, d ?? [], { keepdim: k }), (r, d, k) => R.logsumexp(r, d ?? [], k),
      (r, d, k) => ({ ulps: 4, rtol: 8 * EPS32, mag: R.toFlat(R.reduce(r, d, k, (v) => 1 + Math.log(v.length + 1) + Math.max(0, ...v.map(Math.abs)))) }),
      uniform(-20, 20)],
    // PyTorch's norm kernel accumulates in float32 along the reduced elements (not pairwise, as sum
    // does): its error grows with their count n, and tocha gives its bits (e.g. 4842.1587 for 1,050
    // terms whose exact sum is 4842.0965).
    ['norm(2)', (t, d, k) => torch.norm(t, 2, d, { keepdim: k }), (r, d, k) => R.reduce(r, d, k, (v) => Math.sqrt(R.sumOf(v.map((x) => x * x)))),
      (_r, _d, _k, n) => ({ ulps: 2, rtol: Math.max(1e-5, n * EPS32) }), uniform(-8, 8)],
    ['norm(1)', (t, d, k) => torch.norm(t, 1, d, { keepdim: k }), (r, d, k) => R.sum(abs(r), d, k),
      (_r, _d, _k, n) => ({ ulps: 2, rtol: Math.max(1e-5, n * EPS32) }), uniform(-8, 8)],
    ['norm(inf)', (t, d, k) => torch.norm(t, Infinity, d, { keepdim: k }), (r, d, k) => R.amax(abs(r), d, k), () => exact, uniform(-8, 8)],
  ];
  for (const [name, f, ref, tolOf, gen] of multi) {
    it(name, () => {
      fc.assert(fc.property(shapeArb(), layoutArb, dimsArb, (shape, L, ds) => tidy(() => {
        const x = operand(shape, L, gen);
        const dims = dimsOf(shape.length, ds);
        const ctx = () => `dims ${dims === null ? 'all' : `[${dims}]`}, keepdim ${ds.keepdim}\n${show('x', x)}`;
        if ((name === 'amax' || name === 'amin' || name === 'norm(inf)') && reducedSizes(shape, dims).includes(0)) {
          // PyTorch refuses a max over an empty dim.
          let threw = false;
          try { f(x.t, dims, ds.keepdim); } catch (e) { threw = e instanceof RangeError || e instanceof Error; }
          if (!threw) throw new Error(`${name} over an empty dim did not throw\n${ctx()}`);
          return;
        }
        const n = reducedSizes(shape, dims).reduce((a, b) => a * b, 1);
        expectClose(name, f(x.t, dims, ds.keepdim), ref(x.r, dims, ds.keepdim), tolOf(x.r, dims, ds.keepdim, n), ctx, torch.float32);
      })), params(runs));
    });
  }

  it('var and std with correction', () => {
    fc.assert(fc.property(shapeArb(), layoutArb, dimsArb, fc.integer({ min: 0, max: 2 }), fc.boolean(), (shape, L, ds, c, isStd) => tidy(() => {
      const x = operand(shape, L, uniform(-8, 8));
      const dims = dimsOf(shape.length, ds);
      const n = R.numel(reducedSizes(shape, dims));
      const v = R.var_(x.r, dims, c, ds.keepdim);
      // error of the float32 two-pass variance: relative to Σx²/(n - c)
      const e = R.toFlat(R.reduce(x.r, dims, ds.keepdim, (vals) => 1e-5 * R.sumOf(vals.map((y) => y * y)) / Math.max(1, n - c)));
      const opts = { correction: c, keepdim: ds.keepdim };
      if (isStd) {
        const sv = R.toFlat(v);
        const mag = e.map((ei, i) => Math.min(ei / (2 * Math.sqrt(sv[i])), Math.sqrt(ei)));
        expectClose('std', torch.std(x.t, dims, opts), R.std(x.r, dims, c, ds.keepdim), { ulps: 2, rtol: 1, mag }, () => `correction ${c}, dims ${dims}\n${show('x', x)}`, torch.float32);
      } else {
        expectClose('var', torch.var(x.t, dims, opts), v, { ulps: 2, rtol: 1, mag: e }, () => `correction ${c}, dims ${dims}\n${show('x', x)}`, torch.float32);
      }
    })), params(80));
  });

  const oneDim = fc.record({ d: fc.nat(), negative: fc.boolean(), keepdim: fc.boolean() });
  const dimOf = (nd: number, s: { d: number; negative: boolean }) => {
    const n = Math.max(nd, 1);
    return s.negative ? (s.d % n) - n : s.d % n;
  };

  it('max(dim) / min(dim): values and first-index indices', () => {
    fc.assert(fc.property(shapeArb(), layoutArb, oneDim, fc.boolean(), (shape, L, s, isMax) => tidy(() => {
      const x = operand(shape, L, discrete);
      const d = dimOf(shape.length, s);
      const ctx = () => `dim ${d}, keepdim ${s.keepdim}\n${show('x', x)}`;
      if (shape.length > 0 && shape[d < 0 ? d + shape.length : d] === 0) return;
      const r = isMax ? x.t.max(d, { keepdim: s.keepdim }) : x.t.min(d, { keepdim: s.keepdim });
      expectClose(isMax ? 'max.values' : 'min.values', r.values, (isMax ? R.amax : R.amin)(x.r, d, s.keepdim), exact, ctx, torch.float32);
      expectClose(isMax ? 'max.indices' : 'min.indices', r.indices, (isMax ? R.argmax : R.argmin)(x.r, d, s.keepdim), exact, ctx, torch.int64);
    })), params(runs));
  });

  it('argmax / argmin over a dim or flattened', () => {
    fc.assert(fc.property(shapeArb(), layoutArb, oneDim, fc.boolean(), fc.boolean(), (shape, L, s, isMax, flat) => tidy(() => {
      const x = operand(shape, L, discrete);
      if (x.t.numel() === 0) return;
      const d = dimOf(shape.length, s);
      const ctx = () => `dim ${flat ? 'None' : d}, keepdim ${s.keepdim}\n${show('x', x)}`;
      const got = flat ? (isMax ? x.t.argmax(null, { keepdim: s.keepdim }) : x.t.argmin(null, { keepdim: s.keepdim }))
        : (isMax ? x.t.argmax(d, { keepdim: s.keepdim }) : x.t.argmin(d, { keepdim: s.keepdim }));
      let want: R.Arr;
      if (flat) {
        const fl = R.reshape(x.r, [R.numel(shape)]);
        want = (isMax ? R.argmax : R.argmin)(fl, 0, false);
        if (s.keepdim) want = R.reshape(want, shape.map(() => 1));
      } else want = (isMax ? R.argmax : R.argmin)(x.r, d, s.keepdim);
      expectClose(isMax ? 'argmax' : 'argmin', got, want, exact, ctx, torch.int64);
    })), params(runs));
  });

  it('prod over a dim or everything', () => {
    fc.assert(fc.property(shapeArb(), layoutArb, oneDim, fc.boolean(), (shape, L, s, all) => tidy(() => {
      const x = operand(shape, L, (u) => (u() < 0.5 ? -1 : 1) * uniform(0.7, 1.4)(u));
      const d = dimOf(shape.length, s);
      const n = all ? R.numel(shape) : (shape[d < 0 ? d + shape.length : d] ?? 1);
      const got = all ? x.t.prod() : x.t.prod(d, { keepdim: s.keepdim });
      const want = all ? R.prod(x.r, null, false) : R.prod(x.r, d, s.keepdim);
      expectClose('prod', got, want, { ulps: 1, rtol: Math.max(1e-5, 2 * n * EPS32) }, () => `dim ${all ? 'None' : d}\n${show('x', x)}`, torch.float32);
    })), params(runs));
  });

  const scans: [string, (t: Tensor, d: number) => Tensor, (r: R.Arr, d: number) => R.Arr, (r: R.Arr, d: number) => Tol, Gen][] = [
    ['softmax', (t, d) => t.softmax(d), R.softmax, () => ({ rtol: 1e-5, atol: 1e-30 }), uniform(-8, 8)],
    ['log_softmax', (t, d) => t.log_softmax(d), R.log_softmax,
      (r, d) => ({ ulps: 2, rtol: 2e-6, mag: R.toFlat(R.alongDim(r, d, (v) => v.map((x) => Math.abs(x) + Math.abs(R.logsumexpOf(v)) + 1))) }),
      uniform(-8, 8)],
    ['cumsum', (t, d) => t.cumsum(d), R.cumsum, (r, d) => ({ ulps: 1, rtol: 1e-5, mag: R.toFlat(R.cumsum(R.map(r, Math.abs), d)) }), uniform(-8, 8)],
    ['cumprod', (t, d) => t.cumprod(d), R.cumprod, (r, d) => ({ ulps: 1, rtol: 1e-5, mag: R.toFlat(R.cumprod(R.map(r, Math.abs), d)) }),
      (u) => (u() < 0.5 ? -1 : 1) * uniform(0.5, 2)(u)],
  ];
  for (const [name, f, ref, tolOf, gen] of scans) {
    it(`${name} along a dim`, () => {
      fc.assert(fc.property(shapeArb(), layoutArb, oneDim, (shape, L, s) => tidy(() => {
        const x = operand(shape, L, gen);
        const d = dimOf(shape.length, s);
        expectClose(name, f(x.t, d), ref(x.r, d), tolOf(x.r, d), () => `dim ${d}\n${show('x', x)}`, torch.float32);
      })), params(runs));
    });
  }
});

// ---------------------------------------------------------------- matmul

describe('fuzz: matmul with PyTorch rank rules', () => {
  const dimArb = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(1) }, { weight: 6, arbitrary: fc.integer({ min: 2, max: 7 }) });
  it('1-D to 4-D operands, broadcast batches, transposed and strided views', () => {
    fc.assert(fc.property(
      fc.record({
        da: fc.integer({ min: 1, max: 4 }), db: fc.integer({ min: 1, max: 4 }), M: dimArb, N: dimArb, K: dimArb,
        batch: fc.array(sizeArb, { minLength: 2, maxLength: 2 }), ba: bcastArb, bb: bcastArb, la: layoutArb, lb: layoutArb,
      }),
      ({ da, db, M, N, K, batch, ba, bb, la, lb }) => tidy(() => {
        const batchOf = (n: number, b: { drop: number; ones: number }) =>
          bcastShape(batch, { drop: 0, ones: b.ones }).slice(2 - Math.max(0, n - 2));
        const sa = da === 1 ? [K] : [...batchOf(da, ba), M, K];
        const sb = db === 1 ? [K] : [...batchOf(db, bb), K, N];
        const a = operand(sa, la, uniform(-2, 2));
        const b = operand(sb, lb, uniform(-2, 2));
        const want = R.matmul(a.r, b.r);
        const mag = R.toFlat(R.matmul(R.map(a.r, Math.abs), R.map(b.r, Math.abs)));
        expectClose(`matmul [${sa}] @ [${sb}]`, torch.matmul(a.t, b.t), want, { ulps: 1, rtol: 1e-5, mag },
          () => `${show('a', a)}\n${show('b', b)}`, torch.float32);
      })), params(400));
  });

  it('mm and bmm on strided views', () => {
    fc.assert(fc.property(fc.record({ B: dimArb, M: dimArb, N: dimArb, K: dimArb, la: layoutArb, lb: layoutArb, batched: fc.boolean() }),
      ({ B, M, N, K, la, lb, batched }) => tidy(() => {
        const sa = batched ? [B, M, K] : [M, K];
        const sb = batched ? [B, K, N] : [K, N];
        const a = operand(sa, la, uniform(-2, 2));
        const b = operand(sb, lb, uniform(-2, 2));
        const mag = R.toFlat(R.matmul(R.map(a.r, Math.abs), R.map(b.r, Math.abs)));
        const got = batched ? torch.bmm(a.t, b.t) : torch.mm(a.t, b.t);
        expectClose(batched ? 'bmm' : 'mm', got, R.matmul(a.r, b.r), { ulps: 1, rtol: 1e-5, mag }, () => `${show('a', a)}\n${show('b', b)}`, torch.float32);
      })), params(150));
  });
});

// ---------------------------------------------------------------- views and data movement

describe('fuzz: views, cat, stack, index_select, gather', () => {
  it('strided views read the right elements; contiguous, reshape, transpose agree', () => {
    fc.assert(fc.property(shapeArb(), layoutArb, fc.nat(), fc.nat(), (shape, L, i, j) => tidy(() => {
      const x = operand(shape, L, uniform(-8, 8));
      const ctx = () => show('x', x);
      expectClose('view', x.t, x.r, exact, ctx, torch.float32);
      expectClose('contiguous', x.t.contiguous(), x.r, exact, ctx);
      expectClose('reshape(-1)', x.t.reshape(-1), R.reshape(x.r, [R.numel(shape)]), exact, ctx);
      if (shape.length > 0) {
        const a = i % shape.length;
        const b = j % shape.length;
        const tt = x.t.transpose(a, b);
        expectClose(`transpose(${a}, ${b}).contiguous()`, tt.contiguous(), R.transpose(x.r, a, b), exact, ctx);
        expectClose(`transpose(${a}, ${b}).reshape(-1)`, tt.reshape(-1), R.reshape(R.transpose(x.r, a, b), [R.numel(shape)]), exact, ctx);
        const k = i % (shape[a] + 1);
        expectClose(`select/narrow`, x.t.narrow(a, k, shape[a] - k), R.narrow(x.r, a, k, shape[a] - k), exact, ctx);
        if (shape[a] > 0) expectClose(`select(${a}, -1)`, x.t.select(a, -1), R.select(x.r, a, shape[a] - 1), exact, ctx);
        expectClose('unsqueeze(-1)', x.t.unsqueeze(-1), R.unsqueeze(x.r, shape.length), exact, ctx);
        const step = 1 + (j % 3);
        const ix: torch.Index[] = new Array<torch.Index>(a).fill(null);
        ix.push([-(i % 9) - 1, null, step]);
        expectClose(`[${ix.map((v) => JSON.stringify(v))}]`, x.t.index(...ix), R.slice(x.r, a, -(i % 9) - 1, null, step), exact, ctx);
      }
    })), params(300));
  });

  it('cat along a random dim (including empty parts)', () => {
    fc.assert(fc.property(shapeArb(1, 4), fc.nat(), fc.array(fc.record({ size: fc.integer({ min: 0, max: 4 }), L: layoutArb }), { minLength: 1, maxLength: 4 }),
      fc.boolean(), (shape, dd, parts, legacyEmpty) => tidy(() => {
        const d = dd % shape.length;
        const ops = parts.map(({ size, L }) => {
          const s = shape.slice();
          s[d] = size;
          return operand(s, L, uniform(-8, 8));
        });
        const ts = ops.map((o) => o.t);
        const rs = ops.map((o) => o.r);
        if (legacyEmpty) {
          // PyTorch skips 1-D empty tensors in cat.
          ts.splice(1, 0, torch.zeros(0));
          rs.splice(1, 0, R.fromFlat([], [0]));
        }
        const neg = dd % 2 === 1 ? d - shape.length : d;
        expectClose(`cat(dim=${neg})`, torch.cat(ts, neg), R.cat(rs, d), exact,
          () => ops.map((o, k) => show(`part ${k}`, o)).join('\n'), torch.float32);
      })), params(200));
  });

  it('stack at a random dim', () => {
    fc.assert(fc.property(shapeArb(0, 3), fc.nat(), fc.array(layoutArb, { minLength: 1, maxLength: 4 }), (shape, dd, layouts) => tidy(() => {
      const n = shape.length + 1;
      const d = (dd % (2 * n)) - n;
      const ops = layouts.map((L) => operand(shape, L, uniform(-8, 8)));
      expectClose(`stack(dim=${d})`, torch.stack(ops.map((o) => o.t), d), R.stack(ops.map((o) => o.r), d), exact,
        () => ops.map((o, k) => show(`part ${k}`, o)).join('\n'), torch.float32);
    })), params(150));
  });

  it('index_select with random (repeated) indices', () => {
    fc.assert(fc.property(shapeArb(1, 4), layoutArb, fc.nat(), fc.array(fc.nat(), { maxLength: 6 }), (shape, L, dd, raw) => tidy(() => {
      const d = dd % shape.length;
      if (shape[d] === 0 && raw.length > 0) return;
      const idx = raw.map((v) => v % Math.max(shape[d], 1));
      const x = operand(shape, L, uniform(-8, 8));
      const it = torch.tensor(new Int32Array(idx));
      expectClose(`index_select(${d}, [${idx}])`, torch.index_select(x.t, d, it), R.index_select(x.r, d, idx), exact,
        () => show('x', x), torch.float32);
    })), params(200));
  });

  it('gather with a random index tensor', () => {
    fc.assert(fc.property(shapeArb(1, 4), layoutArb, fc.nat(), fc.array(fc.nat({ max: 7 }), { minLength: 4, maxLength: 4 }), fc.nat(),
      (shape, L, dd, sizes, seed) => tidy(() => {
        const d = dd % shape.length;
        const ishape = shape.map((s, k) => (k === d ? sizes[k] % 6 : Math.min(s, sizes[k] % (s + 1))));
        if (shape[d] === 0 && R.numel(ishape) > 0) return;
        const u = rng(seed);
        const vals = new Int32Array(R.numel(ishape)).map(() => Math.floor(u() * shape[d]));
        const x = operand(shape, L, uniform(-8, 8));
        const index = torch.tensor(vals).reshape(ishape);
        expectClose(`gather(${d}, index [${ishape}])`, torch.gather(x.t, d, index), R.gather(x.r, d, R.fromFlat(vals, ishape)), exact,
          () => `${show('x', x)}\n  index ${fmtVals(Float64Array.from(vals))}`, torch.float32);
      })), params(200));
  });
});
