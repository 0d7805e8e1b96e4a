// Making tensors: from data, filled, ranges, and random streams identical to PyTorch's CPU
// generator (a Mersenne Twister with PyTorch's own transforms, assembly/random.ts).
import { Size, Tensor, TensorData } from '../tensor.js';
import { warnOnce } from '../warn.js';
import { DType, DTypeLike, float32, int64, bool, toDType, INT_MIN, INT_MAX, checkInt64, intOverflow } from '../dtype.js';
import { K, F32, I32, malloc } from '../backend/wasm.js';
import { checkSizes, contiguousStrides, numelOf, sizesOf, fmtShape, broadcastShapes, scalarName } from './util.js';
import * as E from './elementwise.js';
import { resize_ } from './methods.js';
import { formatStrides, hasContiguousStrides, iterationOrder, memory_format, outputOrder, preservedStrides, preserve_format } from '../layout.js';
import { record, refused, withGrad, is_grad_enabled } from '../autograd.js';
import { checkDevice, type device } from '../device.js';

// ---------------------------------------------------------------- generators

/** A random number generator, as `torch.Generator()`; the default one is seeded by `torch.manual_seed`. */
export class Generator {
  /** Address of the generator state in wasm memory (never freed: generators are few). */
  readonly _state: number;
  constructor() {
    this._state = malloc(K.gen_bytes());
    K.gen_seed(this._state, 67280421310721n);
  }
  manual_seed(seed: number | bigint): this {
    K.gen_seed(this._state, BigInt.asUintN(64, BigInt(seed)));
    return this;
  }
  initial_seed(): number {
    return Number(K.gen_initial_seed(this._state));
  }
  seed(): number {
    const s = BigInt(Math.floor(Math.random() * 2 ** 32)) * 2n ** 20n + BigInt(Date.now() % 2 ** 20);
    K.gen_seed(this._state, s);
    return Number(s);
  }
  /** The whole state, to restore with set_state. */
  get_state(): Uint8Array {
    const n = K.gen_bytes();
    return new Uint8Array(K.memory.buffer, this._state, n).slice();
  }
  set_state(state: Uint8Array): this {
    if (state.length !== K.gen_bytes()) throw new RangeError('Generator.set_state: invalid state size');
    new Uint8Array(K.memory.buffer, this._state, state.length).set(state);
    return this;
  }
  /** A random 32-bit value from the stream (PyTorch's `random()`). */
  _u32(): number {
    return K.gen_u32(this._state) >>> 0;
  }
}

export const default_generator = new Generator();

/** Seeds the default generator, as `torch.manual_seed(s)`. */
export function manual_seed(seed: number | bigint): Generator {
  return default_generator.manual_seed(seed);
}

export function initial_seed(): number {
  return default_generator.initial_seed();
}

export function seed(): number {
  return default_generator.seed();
}

export function get_rng_state(): Uint8Array {
  return default_generator.get_state();
}

export function set_rng_state(state: Uint8Array): void {
  default_generator.set_state(state);
}

// ---------------------------------------------------------------- options

export interface TensorOptions {
  dtype?: DTypeLike;
  requires_grad?: boolean;
  device?: string | device;
}

/** The factories' options with `out` (zeros, ones, empty, full, rand, randn, randint, randperm, arange, range, linspace,
 *  logspace and eye take it, as PyTorch's: intoFactoryOut). */
export interface FactoryOptions extends TensorOptions {
  out?: Tensor;
}

export interface RandomOptions extends FactoryOptions {
  generator?: Generator;
}

export type SizeArgs = (number | readonly number[] | FactoryOptions)[];

/** The keyword arguments of PyTorch's factories (each takes some of them). */
const FACTORY_KEYS = new Set(['dtype', 'device', 'requires_grad', 'layout', 'pin_memory', 'generator', 'names',
  'memory_format']);
/** The one more the factories with out= take (torch.tensor, the *_like and new_* factories do not). */
const OUT = ['out'];

/**
 * A factory's options checked before anything is made or drawn, as PyTorch parses its arguments first: an unknown
 * key (`torch.zeros(2, { dtyp: torch.float32 })`) is Python's TypeError, and the device is the CPU or PyTorch's error.
 */
export function factoryOpts<O extends TensorOptions>(fn: string, opts: O, extra: readonly string[] = []): O {
  for (const k of Object.keys(opts)) {
    if (!FACTORY_KEYS.has(k) && !extra.includes(k)) throw new TypeError(`${fn}() got an unexpected keyword argument '${k}'`);
  }
  if (opts.device !== undefined && opts.device !== null) checkDevice(opts.device);
  return opts;
}

/** Splits PyTorch-style `(*sizes, options?)` arguments of the factory `fn`. */
export function sizeAndOpts<O extends TensorOptions>(args: SizeArgs, fn = 'new_tensor', extra: readonly string[] = []): [number[], O] {
  let opts = {} as O;
  const last = args[args.length - 1];
  if (last !== undefined && typeof last === 'object' && !Array.isArray(last)) {
    opts = last as O;
    args = args.slice(0, -1);
    // the size by name too, as PyTorch's parser takes it (torch.zeros(size=[2, 3]), x.new_zeros(size=[2]))
    const { size, ...rest } = opts as O & { size?: number | readonly number[] };
    if (size !== undefined) {
      if (args.length) throw new TypeError(`${fn}() got multiple values for argument 'size'`);
      args = [size as number[]];
      opts = rest as O;
    }
  }
  return [sizesOf(args as (number | number[])[]), factoryOpts(fn, opts, extra)];
}

/** The end of a factory whose options factoryOpts checked: requires_grad. */
function finish(t: Tensor, opts: TensorOptions): Tensor {
  if (opts.requires_grad) t.requires_grad_(true);
  return t;
}

/** The overloads PyTorch lists when a factory's out is not a Tensor (each ends with TAIL). */
const TAIL = 'torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)';
const SIZE_SIGS = ['tuple of ints size, *, tuple of names names, ', 'tuple of SymInts size, *, Tensor out, '];
const RANDOM_SIGS = ['tuple of ints size, *, torch.Generator generator, tuple of names names, ',
  'tuple of ints size, *, torch.Generator generator, Tensor out, ', 'tuple of ints size, *, Tensor out, ',
  'tuple of ints size, *, tuple of names names, '];
const OUT_SIGS: Record<string, string[]> = {
  zeros: SIZE_SIGS,
  ones: SIZE_SIGS,
  empty: ['tuple of ints size, *, tuple of names names, torch.memory_format memory_format, ',
    'tuple of SymInts size, *, torch.memory_format memory_format, Tensor out, '],
  full: ['tuple of ints size, Number fill_value, *, tuple of names names, ',
    'tuple of SymInts size, Number fill_value, *, Tensor out, '],
  rand: RANDOM_SIGS,
  randn: RANDOM_SIGS,
  randint: ['int high, tuple of ints size, *, torch.Generator generator, Tensor out, ', 'int high, tuple of ints size, *, Tensor out, ',
    'int low, int high, tuple of ints size, *, torch.Generator generator, Tensor out, ',
    'int low, int high, tuple of ints size, *, Tensor out, '],
  randperm: ['int n, *, torch.Generator generator, Tensor out, ', 'int n, *, Tensor out, '],
  arange: ['Number end, *, Tensor out, ', 'Number start, Number end, *, ', 'Number start, Number end, Number step, *, Tensor out, '],
  eye: ['int n, *, Tensor out, ', 'int n, int m, *, Tensor out, '],
  bernoulli: ['Tensor input, *, torch.Generator generator, Tensor out)', 'Tensor input, float p, *, torch.Generator generator)'],
  // (normal's tensor overloads end before the factory keywords)
  normal: ['Tensor mean, Tensor std, *, torch.Generator generator, Tensor out)',
    'Tensor mean, float std, *, torch.Generator generator, Tensor out)', 'float mean, Tensor std, *, torch.Generator generator, Tensor out)',
    'float mean, float std, tuple of ints size, *, torch.Generator generator, Tensor out, '],
};

/** The type name PyTorch's parser gives a value in its "got (...)" list. */
function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  if (v instanceof DType) return 'torch.dtype';
  if (v instanceof Generator) return 'torch.Generator';
  if (v instanceof Size) return 'torch.Size';
  return (v as object).constructor?.name ?? typeof v;
}

/** PyTorch's TypeError for a factory's out that is not a Tensor: linspace's and logspace's one signature names the
 *  argument, the overloaded ones list their signatures after what they got. */
function outTypeError(op: string, positional: readonly unknown[], opts: object): TypeError {
  const out = (opts as FactoryOptions).out;
  const sigs = OUT_SIGS[op];
  if (!sigs) return new TypeError(`${op}(): argument 'out' must be Tensor, not ${typeName(out)}`);
  const kw = Object.entries(opts).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${typeName(v)}`);
  return new TypeError(`${op}() received an invalid combination of arguments - got (${[...positional.map(typeName), ...kw].join(', ')}), ` +
    `but expected one of:\n${sigs.map((s) => ` * (${s.endsWith(')') ? s : s + TAIL}\n`).join('')}`);
}

/** The factories that keep out's shape when its number of elements is the result's (their out variants resize only
 *  when it is not: `torch.arange(6, out=torch.empty(2, 3))` is 2x3), arange with PyTorch's warning. */
const KEEPS_NUMEL = new Set(['arange', 'range', 'linspace', 'logspace']);

/**
 * `out=` of a factory, as ATen's `<factory>.out` does it: out's dtype is the result's (a `dtype` given must be it), out is
 * resized to the result's shape unless it has it (its strides kept then; arange, linspace and logspace keep any shape
 * of the right number of elements), and `values(out)` (out's shape, laid out as out, so that a random draw lands in
 * out's memory order as ATen's in-place draw does) is written into it. Returns out.
 */
export function intoFactoryOut(op: string, positional: readonly unknown[], shape: number[] | ((d: DType) => number[]),
  opts: FactoryOptions, values: (out: Tensor) => Tensor): Tensor {
  const out = opts.out;
  if (!(out instanceof Tensor)) throw outTypeError(op, positional, opts);
  if (opts.dtype != null && toDType(opts.dtype) !== out.dtype) {
    throw new Error(`dtype ${scalarName(toDType(opts.dtype))} does not match dtype of out parameter (${scalarName(out.dtype)})`);
  }
  // empty and randn resize out through autograd's resize_, the others write it in place (checked before any draw)
  if (out.requires_grad && (op === 'empty' || op === 'randn')) throw new Error('cannot resize variables that require grad');
  if (out.requires_grad && out.grad_fn === null && is_grad_enabled()) {
    throw new Error('a leaf Variable that requires grad is being used in an in-place operation.');
  }
  if (typeof shape === 'function') shape = shape(out.dtype);
  const n = numelOf(shape);
  if (!sameSize(shape, out._shape) && !(KEEPS_NUMEL.has(op) && out.numel() === n)) {
    if (op === 'arange' && out.numel() !== 0) {
      const m = `The number of elements in the out tensor of shape ${fmtShape(out._shape)} is ${out.numel()} which does not match ` +
        `the computed number of elements ${n}. Note that this may occur as a result of rounding error. The out tensor will be ` +
        `resized to a tensor of shape (${n},).`;
      warnOnce(m, m);
    }
    // resize_ refuses a tensor that requires grad: out's history is replaced below anyway
    const rg = out.requires_grad;
    if (rg) out._requiresGrad = false;
    try { resize_(out, shape); } finally { if (rg) out._requiresGrad = true; }
  }
  // PyTorch records no derivative for a factory written into a tensor with history: backward through it raises
  E.inplace(out, () => {
    const v = values(out);
    return is_grad_enabled() && out.requires_grad ? refused('NotImplemented', `derivative for aten::${op} is not implemented`, v, [out]) : v;
  }, op);
  // the Python binding's set_requires_grad(requires_grad): a leaf ends with the call's own (False unless given), even
  // one that required grad (under no_grad); a tensor with history keeps requiring it
  if (out.grad_fn === null) out.requires_grad_(!!opts.requires_grad);
  return out;
}

/** A factory's arguments before its options object. */
const positional = (args: readonly unknown[]) => (isOptions(args[args.length - 1]) ? args.slice(0, -1) : args);
const isOptions = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Size);

const sameSize = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function dtypeOr(opts: TensorOptions, d: DType): DType {
  return opts.dtype ? toDType(opts.dtype) : d;
}

// ---------------------------------------------------------------- from data

const checkIntRange = checkInt64;
/** Whether an int64 value computed as a double (truncated toward zero, as the cast does) fits in the words. */
const truncFits = (v: number) => Math.trunc(v) >= INT_MIN && Math.trunc(v) <= INT_MAX;

/**
 * A tensor from nested arrays, a number, or a typed array (copied), as `torch.tensor`.
 * Numbers that are all integers make an int64 tensor (JavaScript has no 1.0 distinct from 1):
 * pass `{dtype: torch.float32}` or use `torch.FloatTensor`-like helpers for floats.
 * One-element tensors in the arrays are read as their values, with their dtype's kind, as in PyTorch.
 */
export function tensor(data: TensorData | ArrayLike<number>, opts: TensorOptions = {}): Tensor {
  factoryOpts('tensor', opts);
  if (data instanceof Tensor) {
    warnOnce('tensor(Tensor)', 'To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() ' +
      'or sourceTensor.clone().detach().requires_grad_(True), rather than torch.tensor(sourceTensor).');
    const d = data.detach();
    const t = E.convert(d, dtypeOr(opts, data.dtype));
    if (t !== d) d.dispose();
    return finish(t, opts);
  }
  const shape: number[] = [];
  const flat: number[] = [];
  let sawFloat = false;
  let sawBool = false;
  let sawNumber = false;
  if (ArrayBuffer.isView(data)) {
    const ta = data as unknown as ArrayLike<number>;
    shape.push(ta.length);
    const isFloat = data instanceof Float32Array || data instanceof Float64Array;
    const d = dtypeOr(opts, isFloat ? float32 : int64);
    // (checked before the tensor is made: a refused value leaves none behind)
    if (d === int64) for (let i = 0; i < ta.length; i++) checkIntRange(Math.trunc(ta[i]), 'tensor');
    const t = Tensor._empty(shape, d);
    if (ta.length) {
      if (d === float32) F32().set(ta, t._ptr() >>> 2);
      else {
        const vals = d === bool ? Array.from(ta, (v) => (v ? 1 : 0)) : ta;
        I32().set(vals, t._ptr() >>> 2);
      }
    }
    return finish(t, opts);
  }
  const walk = (x: unknown, depth: number): void => {
    if (Array.isArray(x)) {
      if (shape.length <= depth) shape.push(x.length);
      else if (shape[depth] !== x.length) {
        throw new RangeError(`expected sequence of length ${shape[depth]} at dim ${depth} (got ${x.length})`);
      }
      for (const y of x) walk(y, depth + 1);
      return;
    }
    if (depth !== shape.length) throw new RangeError(`tensor(): nested arrays must be rectangular (a scalar at depth ${depth})`);
    if (typeof x === 'boolean') {
      sawBool = true;
      flat.push(x ? 1 : 0);
    } else if (typeof x === 'number') {
      sawNumber = true;
      if (!Number.isInteger(x)) sawFloat = true;
      flat.push(x);
    } else if (x instanceof Tensor) {
      const v = x.item(); // PyTorch's message for more than one element
      if (x.dtype === bool) sawBool = true;
      else {
        sawNumber = true;
        if (x.dtype === float32) sawFloat = true;
      }
      flat.push(Number(v));
    } else {
      throw new TypeError(`Could not infer dtype of ${x === null ? 'null' : typeof x}`);
    }
  };
  walk(data, 0);
  const inferred = sawFloat ? float32 : sawNumber ? int64 : sawBool ? bool : float32;
  const d = dtypeOr(opts, inferred);
  if (d === int64) for (const v of flat) checkIntRange(Math.trunc(v), 'tensor');
  const t = Tensor._empty(shape, d);
  if (flat.length) {
    if (d === float32) F32().set(flat, t._ptr() >>> 2);
    else I32().set(d === bool ? flat.map((v) => (v ? 1 : 0)) : flat.map(Math.trunc), t._ptr() >>> 2);
  }
  return finish(t, opts);
}

/**
 * PyTorch's legacy constructors, in their two forms: data (`torch.FloatTensor([1, 2])`), or sizes
 * (`torch.FloatTensor(2, 3)`, a `torch.Size`, or none for an empty 1-D tensor): uninitialized in PyTorch,
 * zeros here as `torch.empty`. One number is a size, as in PyTorch (`torch.LongTensor(3)` has 3 elements).
 */
function legacyNew(dtype: DType, args: readonly unknown[]): Tensor {
  if (args.length === 1 && typeof args[0] !== 'number' && !(args[0] instanceof Size)) {
    return tensor(args[0] as TensorData, { dtype });
  }
  const sizes = args.length === 1 && args[0] instanceof Size ? [...args[0]] : args;
  const bad = sizes.findIndex((a) => !Number.isInteger(a));
  if (bad >= 0) {
    if (args.length === 1) throw new TypeError(`new(): data must be a sequence (got ${typeof args[0] === 'number' ? 'float' : typeof args[0]})`);
    throw new TypeError(`new(): argument 'size' must be tuple of ints, but found element of type ${typeof sizes[bad] === 'number' ? 'float' : typeof sizes[bad]} at pos ${bad + 1}`);
  }
  return filled('new', (sizes.length ? sizes : [0]) as number[], 0, dtype);
}

/** `torch.FloatTensor(data)` (torch.tensor as float32: in JavaScript 1 and 1.0 are one number) or
 *  `torch.FloatTensor(...sizes)`. @example torch.FloatTensor(1, 5).fill_(-10000) */
export function FloatTensor(data: TensorData | ArrayLike<number> | Size): Tensor;
export function FloatTensor(...sizes: number[]): Tensor;
export function FloatTensor(...args: unknown[]): Tensor {
  return legacyNew(float32, args);
}

/** `torch.LongTensor(data)` (torch.tensor as int64) or `torch.LongTensor(...sizes)`. */
export function LongTensor(data: TensorData | ArrayLike<number> | Size): Tensor;
export function LongTensor(...sizes: number[]): Tensor;
export function LongTensor(...args: unknown[]): Tensor {
  return legacyNew(int64, args);
}

/** `torch.BoolTensor(data)` (torch.tensor as bool) or `torch.BoolTensor(...sizes)`. */
export function BoolTensor(data: TensorData | ArrayLike<number> | Size): Tensor;
export function BoolTensor(...sizes: number[]): Tensor;
export function BoolTensor(...args: unknown[]): Tensor {
  return legacyNew(bool, args);
}

export function as_tensor(data: TensorData | ArrayLike<number> | Tensor, opts: TensorOptions = {}): Tensor {
  factoryOpts('as_tensor', opts);
  if (data instanceof Tensor) {
    if (!opts.dtype || toDType(opts.dtype) === data.dtype) return data;
    return finish(E.convert(data, toDType(opts.dtype)), opts);
  }
  return tensor(data, opts);
}

export function from_numpy(data: Float32Array | Int32Array): Tensor {
  return tensor(data);
}

// ---------------------------------------------------------------- filled

function filled(op: string, shape: number[], value: number, d: DType): Tensor {
  checkSizes(op, shape);
  return E.filled(shape, d, value, op);
}

export function zeros(...args: SizeArgs): Tensor {
  const [shape, opts] = sizeAndOpts<FactoryOptions>(args, 'zeros', OUT);
  if (opts.out != null) return intoFactoryOut('zeros', positional(args), shape, opts, (t) => filled('zeros', t._shape.slice(), 0, t.dtype));
  return finish(filled('zeros', shape, 0, dtypeOr(opts, float32)), opts);
}

export function ones(...args: SizeArgs): Tensor {
  const [shape, opts] = sizeAndOpts<FactoryOptions>(args, 'ones', OUT);
  if (opts.out != null) return intoFactoryOut('ones', positional(args), shape, opts, (t) => filled('ones', t._shape.slice(), 1, t.dtype));
  return finish(filled('ones', shape, 1, dtypeOr(opts, float32)), opts);
}

export function empty(...args: (number | readonly number[] | (FactoryOptions & FormatOption))[]): Tensor {
  const [shape, opts] = sizeAndOpts<FactoryOptions & FormatOption>(args, 'empty', OUT);
  if (opts.out != null) return intoFactoryOut('empty', positional(args), shape, opts, (t) => filled('empty', t._shape.slice(), 0, t.dtype));
  const fmt = opts.memory_format;
  if (fmt === undefined) return zeros(...args);
  const { memory_format: _, ...rest } = opts;
  void _;
  return laidOut(shape, formatStrides(shape, fmt, null, 'empty'), rest, (sh, o) => zeros(sh, o));
}

export function full(size: readonly number[], fill_value: number | boolean, opts: FactoryOptions = {}): Tensor {
  factoryOpts('full', opts, OUT);
  if (opts.out != null) {
    return intoFactoryOut('full', [size, fill_value], [...size], opts, (t) => full(t._shape.slice(), fill_value, { dtype: t.dtype }));
  }
  const inferred = typeof fill_value === 'boolean' ? bool : Number.isInteger(fill_value) ? int64 : float32;
  const d = dtypeOr(opts, inferred);
  if (d === int64) checkIntRange(Number(fill_value), 'full');
  return finish(filled('full', [...size], Number(fill_value), d), opts);
}

/** A factory's `memory_format` keyword (empty and the *_like factories take it, as PyTorch's do). */
export interface FormatOption { memory_format?: memory_format }

/**
 * A new tensor of `shape` laid out with these dense strides, whose memory `make` fills in order: make gets the dims in
 * that memory order (slowest first) and fills a contiguous tensor of them, so that random draws land in memory order,
 * as PyTorch's kernels draw them.
 */
function laidOut(shape: number[], strides: number[], opts: TensorOptions,
  make: (shape: number[], o: TensorOptions, contiguous: boolean) => Tensor): Tensor {
  const order = outputOrder(shape, strides);
  // (contiguous but for a size-1 dim's stride: the same memory, PyTorch's strides)
  if (order === null && hasContiguousStrides(shape, strides)) return make(shape, opts, true);
  const m = order === null ? make(shape, { ...opts, requires_grad: false }, true)
    : make(order.map((d) => shape[d]), { ...opts, requires_grad: false }, false);
  const r = new Tensor(m._live().retain(), shape, m.dtype, strides);
  m.dispose();
  return finish(r, opts);
}

/** A *_like factory's result: laid out as t, as PyTorch's empty_like with preserve_format lays it out (t's strides where
 *  t is dense, else dense ones in t's order), or in the `memory_format` given. */
export function likeLayout(t: Tensor, opts: TensorOptions & FormatOption,
  make: (shape: number[], o: TensorOptions, contiguous: boolean) => Tensor, fn = 'empty_like'): Tensor {
  const fmt = opts.memory_format;
  const { memory_format: _, ...rest } = opts;
  void _;
  if ((fmt === undefined || fmt === preserve_format) && hasContiguousStrides(t._shape, t._strides)) {
    return make(t._shape.slice(), rest, true);
  }
  const strides = fmt === undefined ? preservedStrides(t) : formatStrides(t._shape, fmt, t, fn);
  return laidOut(t._shape.slice(), strides, rest, make);
}

export function zeros_like(t: Tensor, opts: TensorOptions & FormatOption = {}): Tensor {
  factoryOpts('zeros_like', opts);
  return likeLayout(t, opts, (shape, o) => finish(filled('zeros_like', shape, 0, dtypeOr(o, t.dtype)), o), 'zeros_like');
}

export function ones_like(t: Tensor, opts: TensorOptions & FormatOption = {}): Tensor {
  factoryOpts('ones_like', opts);
  return likeLayout(t, opts, (shape, o) => finish(filled('ones_like', shape, 1, dtypeOr(o, t.dtype)), o), 'ones_like');
}

export function empty_like(t: Tensor, opts: TensorOptions & FormatOption = {}): Tensor {
  return zeros_like(t, opts);
}

export function full_like(t: Tensor, fill_value: number | boolean, opts: TensorOptions & FormatOption = {}): Tensor {
  factoryOpts('full_like', opts);
  return likeLayout(t, opts, (shape, o) => finish(filled('full_like', shape, Number(fill_value), dtypeOr(o, t.dtype)), o), 'full_like');
}

export function rand_like(t: Tensor, opts: RandomOptions & FormatOption = {}): Tensor {
  factoryOpts('rand_like', opts);
  return likeLayout(t, opts, (shape, o) => rand(shape, { dtype: t.dtype, ...o }), 'rand_like');
}

export function randn_like(t: Tensor, opts: RandomOptions & FormatOption = {}): Tensor {
  factoryOpts('randn_like', opts);
  // normal_ on a tensor that is not contiguous draws one double normal per element (its serial kernel)
  return likeLayout(t, opts, (shape, o, contiguous) => {
    if (contiguous) return randn(shape, { dtype: t.dtype, ...o });
    checkSizes('randn_like', shape);
    floatDraw({ dtype: t.dtype, ...o }, 'normal_kernel_cpu');
    const r = Tensor._empty(shape, float32);
    serialNormal(genOf((o as RandomOptions).generator)._state, r._ptr(), r.numel(), 0, 1);
    return finish(r, o);
  }, 'randn_like');
}

/** PyTorch's normal_ on a tensor that is not contiguous (or of fewer than 16 floats): one double normal per element,
 *  with the generator's cached sample; randn_f32's own path below 16 elements, called 15 at a time. */
function serialNormal(state: number, p: number, n: number, mean: number, std: number): void {
  for (let i = 0; i < n; i += 15) K.randn_f32(state, p + 4 * i, Math.min(15, n - i), mean, std);
}

/** arange's (start, step, number of values) in dtype d, as ATen's arange_out computes them: an integer dtype
 *  truncates the three first (`torch.arange(0, 3, 1.5, dtype=torch.long)` is [0, 1, 2]). */
function arangeRange(nums: readonly number[], d: DType): [number, number, number] {
  if (d === bool) throw new TypeError(`"arange_cpu" not implemented for 'Bool'`);
  let [start, end, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
  if (d === int64) [start, end, step] = [Math.trunc(start), Math.trunc(end), Math.trunc(step)];
  if (step === 0) throw new RangeError('step must be nonzero');
  if ((end - start) / step < 0 && start !== end) {
    throw new RangeError('upper bound and larger bound inconsistent with step sign');
  }
  return [start, step, Math.max(0, Math.ceil((end - start) / step))];
}

/** arange(end), arange(start, end), arange(start, end, step); int64 when all arguments are integers. */
export function arange(...args: (number | FactoryOptions)[]): Tensor {
  let opts: FactoryOptions = {};
  if (typeof args[args.length - 1] === 'object') opts = factoryOpts('arange', args.pop() as FactoryOptions, OUT);
  const nums = args as number[];
  if (opts.out != null) {
    return intoFactoryOut('arange', nums, (d) => [arangeRange(nums, d)[2]], opts,
      (t) => shaped(arange(...nums, { dtype: t.dtype }), t._shape));
  }
  const d = dtypeOr(opts, nums.slice(0, 3).every(Number.isInteger) ? int64 : float32);
  const [start, step, n] = arangeRange(nums, d);
  // the values run from start to start + (n - 1)·step: int64 words hold them if both ends fit
  if (d !== float32 && n > 0 && !(truncFits(start) && truncFits(start + (n - 1) * step))) throw intOverflow('arange');
  const t = Tensor._empty([n], d);
  // start + i · step in f64, rounded to float32 or truncated as ToInt32
  if (n > 0) K.arange_32(t._ptr(), n, start, step, d === float32 ? 0 : 1);
  return finish(t, opts);
}

/** r (contiguous, of shape's number of elements) viewed as shape, r released. */
export function shaped(r: Tensor, shape: readonly number[]): Tensor {
  if (sameSize(r._shape, shape)) return r;
  const v = new Tensor(r._live().retain(), shape.slice(), r.dtype, contiguousStrides(shape));
  r.dispose();
  return v;
}

/** `steps` evenly spaced values from start to end, computed as PyTorch does (from both ends). */
const fmaBuf = new Float64Array(1);
const fmaBits = new Uint32Array(fmaBuf.buffer);

/**
 * fma(b, c, a) rounded once to float32, for float32 a and b and an integer c below 2^29 (so b·c is
 * exact in a double): the double sum is rounded to odd, which makes the float rounding exact.
 */
function fmaf(b: number, c: number, a: number): number {
  const prod = b * c;
  const sum = a + prod;
  const bb = sum - a;
  const err = (a - (sum - bb)) + (prod - bb);
  if (err === 0 || !Number.isFinite(sum)) return Math.fround(sum);
  fmaBuf[0] = sum;
  if ((fmaBits[0] & 1) === 0) {
    // toward err: away from zero when err has sum's sign, else toward it
    if ((err > 0) === (sum > 0)) fmaBits[0] += 1;
    else if (fmaBits[0] !== 0) fmaBits[0] -= 1;
    else { fmaBits[0] = 0xffffffff; fmaBits[1] -= 1; }
  }
  return Math.fround(fmaBuf[0]);
}

/** `torch.linspace(start, end, steps)`; steps also by name, `torch.linspace(0, 1, { steps: 5 })`. */
export function linspace(start: number, end: number, steps: number | (FactoryOptions & { steps: number }), opts: FactoryOptions = {}): Tensor {
  if (typeof steps === 'object' && steps !== null) ({ steps, ...opts } = steps);
  factoryOpts('linspace', opts, OUT);
  if (steps === undefined) throw new TypeError('linspace() missing 1 required positional arguments: "steps"');
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError('number of steps must be non-negative');
  const n = steps;
  if (opts.out != null) {
    return intoFactoryOut('linspace', [start, end, n], [n], opts, (t) => shaped(linspace(start, end, n, { dtype: t.dtype }), t._shape));
  }
  const d = dtypeOr(opts, float32);
  if (d === bool) throw new TypeError(`"linspace_cpu" not implemented for 'Bool'`);
  // an integer dtype truncates the ends first, as ATen's kernel converts them to its scalar type
  if (d === int64) [start, end] = [Math.trunc(start), Math.trunc(end)];
  // int64 values lie between start and end (truncated)
  if (d !== float32 && steps > 0 && !(truncFits(start) && (steps === 1 || truncFits(end)))) throw intOverflow('linspace');
  const t = Tensor._empty([steps], d);
  if (steps > 0) {
    const p = t._ptr() >>> 2;
    const v = d === float32 ? F32() : I32();
    if (steps === 1) v[p] = start;
    else {
      const half = Math.floor(steps / 2);
      if (d === float32) {
        // ATen's vectorized linspace (8 float lanes, two vectors a step, then a scalar tail): each
        // vector's base is fma(step, idx, start) (or end - step·(steps-idx-1)), its lanes base + k·step
        const s = Math.fround(start);
        const e = Math.fround(end);
        const step = Math.fround(Math.fround(e - s) / (steps - 1));
        const at = (i: number) => (i < half ? fmaf(step, i, s) : fmaf(-step, steps - i - 1, e));
        let i = 0;
        for (; i <= steps - 16; i += 16) {
          for (let j = i; j < i + 16; j += 8) {
            const base = at(j);
            for (let k = 0; k < 8; k++) v[p + j + k] = Math.fround(base + Math.fround(k * step));
          }
        }
        for (; i < steps; i++) v[p + i] = at(i);
      } else {
        const step = (end - start) / (steps - 1);
        for (let i = 0; i < steps; i++) v[p + i] = i < half ? start + step * i : end - step * (steps - i - 1);
      }
    }
  }
  return finish(t, opts);
}

/** `torch.logspace(start, end, steps, base = 10)`: base to the powers linspace(start, end, steps). */
export function logspace(start: number, end: number, steps: number, base: number | FactoryOptions = 10, opts: FactoryOptions = {}): Tensor {
  if (typeof base === 'object') [base, opts] = [10, base];
  factoryOpts('logspace', opts, OUT);
  const b = base;
  if (opts.out != null) {
    return intoFactoryOut('logspace', [start, end, steps, b], [steps], opts,
      (t) => shaped(logspace(start, end, steps, b, { dtype: t.dtype }), t._shape));
  }
  const d = dtypeOr(opts, float32);
  if (d === bool) throw new TypeError(`"logspace_cpu" not implemented for 'Bool'`);
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError('number of steps must be non-negative');
  // ATen's kernel: the ends in the dtype (float32 rounded, int64 truncated) and their difference too, base ** exponent
  // in doubles from both ends (the step a double), then rounded to float32 or truncated
  const round = d === float32 ? Math.fround : Math.trunc;
  const [s, e] = [round(start), round(end)];
  const step = round(e - s) / (steps - 1);
  const half = Math.floor(steps / 2);
  const vals = Array.from({ length: steps }, (_, i) =>
    round(steps === 1 ? base ** start : base ** (i < half ? s + step * i : e - step * (steps - i - 1))));
  if (d === int64) for (const v of vals) checkIntRange(v, 'logspace');
  return finish(tensor(vals, { dtype: d }), opts);
}

export function eye(n: number, m?: number | FactoryOptions, opts: FactoryOptions = {}): Tensor {
  if (typeof m === 'object') { opts = m; m = undefined; }
  factoryOpts('eye', opts, OUT);
  const cols = m ?? n;
  if (opts.out != null) return intoFactoryOut('eye', m === undefined ? [n] : [n, m], [n, cols], opts, (t) => eye(n, cols, { dtype: t.dtype }));
  const d = dtypeOr(opts, float32);
  const t = filled('eye', [n, cols], 0, d);
  const p = t._ptr() >>> 2;
  const v = d === float32 ? F32() : I32();
  for (let i = 0; i < Math.min(n, cols); i++) v[p + i * cols + i] = 1;
  return finish(t, opts);
}

// ---------------------------------------------------------------- random

function genOf(g?: Generator): Generator {
  return g ?? default_generator;
}

/** Uniform [0, 1) floats, as torch.rand (bit-identical to PyTorch after the same manual_seed). */
/** rand/randn draw floats: another dtype is PyTorch's error, naming its kernel. */
function floatDraw(opts: TensorOptions, kernel: string): void {
  const d = opts.dtype ? toDType(opts.dtype) : float32;
  if (d !== float32) throw new TypeError(`"${kernel}" not implemented for '${scalarName(d)}'`);
}

export function rand(...args: (number | readonly number[] | RandomOptions)[]): Tensor {
  const [shape, opts] = sizeAndOpts<RandomOptions>(args, 'rand', OUT);
  if (opts.out != null) return intoFactoryOut('rand', positional(args), shape, opts, (t) => rand_like(t, { generator: opts.generator }));
  checkSizes('rand', shape);
  floatDraw(opts, 'check_uniform_bounds');
  const t = Tensor._empty(shape, float32);
  if (t.numel() > 0) K.rand_f32(genOf(opts.generator)._state, t._ptr(), t.numel(), 0, 1);
  return finish(t, opts);
}

/** Standard normal floats, as torch.randn (same stream and transform as PyTorch's CPU generator). */
export function randn(...args: (number | readonly number[] | RandomOptions)[]): Tensor {
  const [shape, opts] = sizeAndOpts<RandomOptions>(args, 'randn', OUT);
  if (opts.out != null) return intoFactoryOut('randn', positional(args), shape, opts, (t) => randn_like(t, { generator: opts.generator }));
  checkSizes('randn', shape);
  floatDraw(opts, 'normal_kernel_cpu');
  const t = Tensor._empty(shape, float32);
  if (t.numel() > 0) K.randn_f32(genOf(opts.generator)._state, t._ptr(), t.numel(), 0, 1);
  return finish(t, opts);
}

/** randint(high, size) or randint(low, high, size): int64 values in [low, high). */
export function randint(...args: (number | readonly number[] | RandomOptions)[]): Tensor {
  let opts: RandomOptions = {};
  if (typeof args[args.length - 1] === 'object' && !Array.isArray(args[args.length - 1])) opts = args.pop() as RandomOptions;
  factoryOpts('randint', opts, OUT);
  const size = args.pop();
  if (!Array.isArray(size)) throw new TypeError('randint(): the size argument must be an array, e.g. randint(0, 10, [6])');
  const [low, high] = args.length === 1 ? [0, args[0] as number] : [args[0] as number, args[1] as number];
  if (!(high > low)) throw new RangeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  checkIntRange(low, 'randint');
  checkIntRange(high - 1, 'randint');
  const shape = [...size] as number[];
  if (opts.out != null) {
    return intoFactoryOut('randint', [...args, size], shape, opts,
      (t) => likeLayout(t, {}, (sh) => randint(low, high, sh, { dtype: t.dtype, generator: opts.generator })));
  }
  checkSizes('randint', shape);
  const d = dtypeOr(opts, int64);
  // random_'s bounds for a bool tensor
  if (d === bool && (low < 0 || low > 1)) throw new Error('from is out of bounds for bool');
  if (d === bool && high - 1 > 1) throw new Error('to - 1 is out of bounds for bool');
  const t = Tensor._empty(shape, int64);
  if (t.numel() > 0) K.randint_i32(genOf(opts.generator)._state, t._ptr(), t.numel(), low, high);
  return finish(d === int64 ? t : converted(t, d), opts);
}

/** t converted to d, t released (a temporary of the op). */
function converted(t: Tensor, d: DType): Tensor {
  const r = E.convert(t, d);
  if (r !== t) t.dispose();
  return r;
}

/** A random permutation of 0..n-1, as torch.randperm. */
export function randperm(n: number, opts: RandomOptions = {}): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be non-negative, got${n}`);
  factoryOpts('randperm', opts, OUT);
  if (opts.out != null) {
    return intoFactoryOut('randperm', [n], [n], opts, (t) => randperm(n, { dtype: t.dtype, generator: opts.generator }));
  }
  if (opts.dtype != null && toDType(opts.dtype) === bool) throw new TypeError(`"randperm" not implemented for 'Bool'`);
  const t = Tensor._empty([n], int64);
  if (n > 0) K.randperm_i32(genOf(opts.generator)._state, t._ptr(), n);
  const d = dtypeOr(opts, int64);
  return finish(d === int64 ? t : converted(t, d), opts);
}

/** Draws into `t` through a contiguous temporary when t is a strided view. */
/** Fills t in place with fn's draws; a tensor that is not contiguous with `strided`'s (if given) and in t's memory order,
 *  the order of PyTorch's TensorIterator over it (dims by stride), as its kernels draw. */
function fillRandom<T extends Tensor>(t: T, fn: (ptr: number, n: number) => void, strided = fn): T {
  if (t.numel() === 0) return t;
  if (t.dtype !== float32) throw new TypeError(`tocha: random fill of a ${t.dtype} tensor is not supported (use randint)`);
  t._bumpVersion();
  if (t.is_contiguous()) fn(t._ptr(), t.numel());
  else {
    const order = iterationOrder(t._shape, [t._strides]).reverse();
    const tmp = Tensor._empty(order.map((d) => t._shape[d]), float32);
    strided(tmp._ptr(), tmp.numel());
    const dst = t._view(order.map((d) => t._shape[d]), order.map((d) => t._strides[d]), t._offset);
    E.writeInto(dst, tmp);
    dst.dispose();
    tmp.dispose();
  }
  return t;
}

export function uniform_<T extends Tensor>(t: T, from = 0, to = 1, g?: Generator): T {
  if (from > to) throw new RangeError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  return fillRandom(t, (p, n) => K.rand_f32(genOf(g)._state, p, n, from, to));
}

export function normal_<T extends Tensor>(t: T, mean = 0, std = 1, g?: Generator): T {
  if (std < 0) throw new RangeError(`normal expects std >= 0.0, but found std ${std}`);
  return fillRandom(t, (p, n) => K.randn_f32(genOf(g)._state, p, n, mean, std), (p, n) => serialNormal(genOf(g)._state, p, n, mean, std));
}

export function bernoulli_<T extends Tensor>(t: T, p = 0.5, g?: Generator): T {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  return fillRandom(t, (ptr, n) => K.bernoulli_f32(genOf(g)._state, ptr, n, p));
}

export function random_<T extends Tensor>(t: T, from: number, to?: number, g?: Generator): T {
  const [lo, hi] = to === undefined ? [0, from] : [from, to];
  if (!(hi > lo)) throw new RangeError(`random_ expects 'from' to be less than 'to', but got from=${lo} >= to=${hi}`);
  checkIntRange(lo, 'random_');
  checkIntRange(hi - 1, 'random_');
  t._bumpVersion();
  const tmp = Tensor._empty(t._shape.slice(), int64);
  if (tmp.numel() > 0) K.randint_i32(genOf(g)._state, tmp._ptr(), tmp.numel(), lo, hi);
  E.writeInto(t, tmp);
  tmp.dispose();
  return t;
}

export function exponential_<T extends Tensor>(t: T, lambd = 1, g?: Generator): T {
  if (!(lambd >= 0)) throw new RangeError(`exponential_ expects lambda >= 0.0, but found lambda=${lambd}`);
  return fillRandom(t, (p, n) => K.exponential_f32(genOf(g)._state, p, n, lambd));
}

/** Fills with log-normal draws, exp(N(mean, std²)) (PyTorch's CPU stream: the double normal sample, cached pair included). */
export function log_normal_<T extends Tensor>(t: T, mean = 1, std = 2, g?: Generator): T {
  if (!(std > 0)) throw new RangeError(`log_normal_ expects std > 0.0, but found std=${std}`);
  return fillRandom(t, (p, n) => K.log_normal_f32(genOf(g)._state, p, n, mean, std));
}

/** Fills with geometric draws of success probability p (PyTorch's CPU stream: ceil(log(u) / log1p(-p)), u a double
 *  uniform); an int64 tensor gets the same values. */
export function geometric_<T extends Tensor>(t: T, p: number, g?: Generator): T {
  if (!(p > 0 && p < 1)) throw new RangeError(`geometric_ expects p to be in (0, 1), but got p=${p}`);
  if (t.dtype === float32 || t.numel() === 0) return fillRandom(t, (q, n) => K.geometric_f32(genOf(g)._state, q, n, p));
  const tmp = Tensor._empty(t._shape.slice(), float32);
  K.geometric_f32(genOf(g)._state, tmp._ptr(), tmp.numel(), p);
  t._bumpVersion();
  E.writeInto(t, tmp);
  tmp.dispose();
  return t;
}

/** Fills with Cauchy draws (PyTorch's CPU stream: median + sigma tan(pi (u - 0.5)), u a double uniform). */
export function cauchy_<T extends Tensor>(t: T, median = 0, sigma = 1, g?: Generator): T {
  if (!(sigma > 0)) throw new RangeError(`cauchy_ expects sigma > 0.0, but found sigma=${sigma}`);
  return fillRandom(t, (p, n) => K.cauchy_f32(genOf(g)._state, p, n, median, sigma));
}

/**
 * Poisson draws with the rates of `input` (`torch.poisson`, PyTorch's CPU sampler and stream:
 * Hoermann's transformed rejection for rates >= 10, products of uniforms below). No gradient.
 * @example torch.poisson(torch.tensor([1, 20], { dtype: torch.float32 }))  // tensor([ 0., 23.]) (say)
 */
export function poisson(input: Tensor, generator?: Generator | { generator?: Generator }): Tensor {
  const g = generator instanceof Generator ? generator : generator?.generator;
  const r = input.detach().contiguous();
  const out = Tensor._empty(input._shape.slice(), float32);
  if (out.numel() > 0) K.poisson_f32(genOf(g)._state, out._ptr(), r._ptr(), out.numel());
  if (r !== input) r.dispose();
  return out;
}

/**
 * Binomial draws of `count` trials with probability `prob` (`torch.binomial`, PyTorch's CPU sampler
 * and stream: BTRS when count * min(p, 1 - p) >= 10, inversion below). No gradient.
 * @example torch.binomial(torch.full([3], 10), torch.full([3], 0.5))
 */
export function binomial(count: Tensor, prob: Tensor, generator?: Generator | { generator?: Generator }): Tensor {
  const g = generator instanceof Generator ? generator : generator?.generator;
  if (count.dtype !== float32 || prob.dtype !== float32) throw new TypeError(`"binomial_cpu" not implemented for '${count.dtype === float32 ? prob.dtype.name : count.dtype.name}'`);
  const shape = count._shape;
  if (shape.length !== prob._shape.length || shape.some((d, i) => d !== prob._shape[i])) {
    throw new RangeError(`binomial: count and prob must have the same shape, got ${JSON.stringify(shape)} and ${JSON.stringify(prob._shape)}`);
  }
  const [c, p] = [count.detach().contiguous(), prob.detach().contiguous()];
  const out = Tensor._empty(shape.slice(), float32);
  if (out.numel() > 0) K.binomial_f32(genOf(g)._state, out._ptr(), c._ptr(), p._ptr(), out.numel());
  if (c !== count) c.dispose();
  if (p !== prob) p.dispose();
  return out;
}

/**
 * Normal draws, as torch.normal: `normal(mean, std, size)` with numbers, or elementwise with tensors,
 * `normal(meanTensor, stdTensor)`, `normal(meanTensor, 2)`, `normal(0, stdTensor)` (broadcast; PyTorch's
 * draws: standard normals of the output's shape, times std, plus mean; a zero gradient to mean and std).
 */
export function normal(mean: number, std: number, size: readonly number[], opts?: RandomOptions): Tensor;
export function normal(mean: Tensor | number, std?: Tensor | number, opts?: { generator?: Generator }): Tensor;
export function normal(
  mean: Tensor | number, std: Tensor | number = 1, size?: readonly number[] | { generator?: Generator }, opts: RandomOptions = {},
): Tensor {
  if (!(mean instanceof Tensor) && !(std instanceof Tensor)) {
    if (!Array.isArray(size)) throw new TypeError('normal(): with a number mean and std, give the size: normal(0, 1, [2, 3])');
    factoryOpts('normal', opts, OUT);
    if (opts.out != null) {
      // ATen's normal.float_float_out: out resized, then out.normal_(mean, std), drawn in out's memory order
      return intoFactoryOut('normal', [mean, std, size], [...size], opts, (t) => likeLayout(t, {}, (shape, _o, contiguous) => {
        floatDraw({ dtype: t.dtype }, 'normal_kernel_cpu');
        if (!(std >= 0)) throw new RangeError(`normal expects std >= 0.0, but found std ${std}`);
        const r = Tensor._empty(shape, float32);
        const n = r.numel();
        if (n > 0 && contiguous) K.randn_f32(genOf(opts.generator)._state, r._ptr(), n, mean, std);
        else if (n > 0) serialNormal(genOf(opts.generator)._state, r._ptr(), n, mean, std);
        return r;
      }));
    }
    const t = Tensor._empty([...size], float32);
    normal_(t, mean, std, opts.generator);
    return finish(t, opts);
  }
  const g = genOf(Array.isArray(size) ? undefined : (size as { generator?: Generator } | undefined)?.generator);
  if (std instanceof Tensor) {
    const ok = E.ge(std, 0);
    const all = ok.all();
    const bad = std.numel() > 0 && !all.item();
    ok.dispose();
    all.dispose();
    if (bad) throw new RangeError('normal expects all elements of std >= 0.0');
  } else if (!(std >= 0)) throw new RangeError(`normal expects std >= 0.0, but found std ${std}`);
  const shape = mean instanceof Tensor && std instanceof Tensor ? broadcastShapes(mean._shape, std._shape)
    : (mean instanceof Tensor ? mean : std as Tensor)._shape.slice();
  const z = Tensor._empty(shape, float32);
  const n = z.numel();
  if (n > 0) K.randn_f32(g._state, z._ptr(), n, 0, std instanceof Tensor ? 1 : std);
  // PyTorch: output.mul_(std).add_(mean), or output.add_(mean) for a number std
  const out = withGrad(false, () => {
    const s = std instanceof Tensor ? E.mul(z, std) : z;
    const o = E.add(s, mean);
    if (s !== z) s.dispose();
    z.dispose();
    return o;
  });
  const inputs = [mean, std].filter((v): v is Tensor => v instanceof Tensor);
  const node = mean instanceof Tensor ? (std instanceof Tensor ? 'NormalBackward3' : 'NormalBackward1') : 'NormalBackward2';
  return record(node, out, inputs, [], (gr) => inputs.map(() => E.filled(gr._shape.slice(), float32, 0)));
}

/**
 * Standard Gamma draws of concentration alpha (PyTorch's `torch._standard_gamma`, its CPU stream: a
 * Marsaglia-Tsang rejection sampler per element on double uniforms and normals). Differentiable: the
 * reparameterized gradient d x / d alpha of `_standard_gamma_grad`.
 */
export function _standard_gamma(alpha: Tensor, g?: Generator): Tensor {
  const a = alpha.detach().contiguous();
  const out = Tensor._empty(alpha._shape.slice(), float32);
  if (out.numel() > 0) K.standard_gamma_f32(genOf(g)._state, out._ptr(), a._ptr(), out.numel());
  if (a !== alpha) a.dispose();
  return record('StandardGammaBackward0', out, [alpha], [alpha, out], (gr, [al, x]) => [E.mul(gr, _standard_gamma_grad(al, x))]);
}

/** d x / d alpha for standard Gamma samples x of concentration alpha (`torch._standard_gamma_grad`). */
export function _standard_gamma_grad(alpha: Tensor, x: Tensor): Tensor {
  const [a, s] = [alpha.detach().contiguous(), x.detach().contiguous()];
  const out = Tensor._empty(alpha._shape.slice(), float32);
  if (out.numel() > 0) K.standard_gamma_grad_f32(out._ptr(), a._ptr(), s._ptr(), out.numel());
  if (a !== alpha) a.dispose();
  if (s !== x) s.dispose();
  return out;
}

/**
 * Dirichlet draws with concentration alpha along the last dim (`torch._sample_dirichlet`, PyTorch's CPU
 * stream: a double Gamma draw per element, then each row divided by its sum). No gradient of its own:
 * Dirichlet.rsample adds PyTorch's reparameterized one.
 */
export function _sample_dirichlet(alpha: Tensor, g?: Generator): Tensor {
  const a = alpha.detach().contiguous();
  const out = Tensor._empty(alpha._shape.slice(), float32);
  const n = out.numel();
  if (n > 0) {
    const k = alpha._shape[alpha._shape.length - 1];
    const work = Tensor._empty([2 * n], float32); // n doubles
    K.dirichlet_f32(genOf(g)._state, out._ptr(), a._ptr(), n / k, k, work._ptr());
    work.dispose();
  }
  if (a !== alpha) a.dispose();
  return out;
}

/** The reparameterized gradient of Dirichlet samples x (`torch._dirichlet_grad(x, alpha, total)`). */
export function _dirichlet_grad(x: Tensor, alpha: Tensor, total: Tensor): Tensor {
  const ins = [x, alpha, total].map((t) => t.detach().contiguous());
  const out = Tensor._empty(x._shape.slice(), float32);
  if (out.numel() > 0) K.dirichlet_grad_f32(out._ptr(), ins[0]._ptr(), ins[1]._ptr(), ins[2]._ptr(), out.numel());
  ins.forEach((t, i) => { if (t !== [x, alpha, total][i]) t.dispose(); });
  return out;
}

/** Samples 0/1 with the probabilities in `p`; into `out` (any dtype, resized to p's shape, drawn in its memory order). */
export function bernoulli(p: Tensor, opts?: { generator?: Generator; out?: Tensor }): Tensor;
export function bernoulli(input: Tensor, p: number, opts?: { generator?: Generator }): Tensor;
export function bernoulli(p: Tensor, a?: number | { generator?: Generator; out?: Tensor }, b?: { generator?: Generator }): Tensor {
  const kwargs = (typeof a === 'number' ? b : a) as { out?: unknown } | undefined;
  if (kwargs?.out != null && (typeof a === 'number' || !(kwargs.out instanceof Tensor))) {
    throw outTypeError('bernoulli', typeof a === 'number' ? [p, a] : [p], kwargs);
  }
  if (typeof a === 'number') {
    // torch.bernoulli(input, p): input's shape and dtype, drawn as bernoulli_(p)
    const out = Tensor._empty(p._shape.slice(), float32);
    bernoulli_(out, a, b?.generator);
    if (p.dtype === float32) return out;
    const c = E.cast(out, p.dtype);
    out.dispose();
    return c;
  }
  const opts = a ?? {};
  if (p.dtype !== float32) throw new TypeError(`"bernoulli_tensor_cpu_p_" not implemented for '${scalarName(p.dtype)}'`);
  if (opts.out != null) return bernoulliInto(opts.out, p, opts.generator);
  const u = rand(p._shape.slice(), { generator: opts.generator });
  const below = E.lt(u, p);
  const out = E.cast(below, float32);
  for (const t of new Set([u, below])) if (t !== out) t.dispose();
  // no gradient flows through a draw, but the result is in the graph, as PyTorch's (zeros for p)
  return is_grad_enabled() && p.requires_grad ? record('BernoulliBackward0', out, [p], [], (g) => [filled('zeros', g._shape.slice(), 0, float32)]) : out;
}

/** ATen's bernoulli_out: out resized to p's shape (silently), then out.bernoulli_(p): a uniform draw for each element
 *  in the order TensorIterator visits out and p (out's memory order first), below p as 1, in out's dtype. */
function bernoulliInto(out: Tensor, p: Tensor, g?: Generator): Tensor {
  if (is_grad_enabled() && (p.requires_grad || out.requires_grad)) {
    throw new Error("bernoulli(): functions with out=... arguments don't support automatic differentiation, but one of " +
      'the arguments requires grad.');
  }
  if (!sameSize(out._shape, p._shape)) resize_(out, p._shape.slice());
  if (out.numel() === 0) return out;
  const order = iterationOrder(out._shape, [out._strides, p._strides]).reverse();
  const u = rand(order.map((d) => out._shape[d]), { generator: g });
  // u's element k in that order, seen in out's dims
  const inOrder = contiguousStrides(order.map((d) => out._shape[d]));
  const strides = out._shape.map((_, d) => inOrder[order.indexOf(d)]);
  const uView = u._view(out._shape.slice(), strides, 0);
  const below = E.lt(uView, p);
  out._bumpVersion();
  E.writeInto(out, below);
  for (const t of [below, uView, u]) t.dispose();
  return out;
}

export { fmtShape, numelOf };
