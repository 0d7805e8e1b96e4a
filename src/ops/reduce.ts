// Reductions along dims (sum, mean, prod, max/min with indices, arg-reductions, var, std,
// logsumexp, norm), scans, softmax, and sum-to-shape for broadcast gradients.
import { iterationOrder } from '../layout.js';
import { composite } from '../lifetime.js';
import { Tensor, ReturnTypes } from '../tensor.js';
import { DType, DTypeLike, float32, int64, bool, toDType, intOverflow } from '../dtype.js';
import { K, meta, F32, I32, SCRATCH } from '../backend/wasm.js';
import { R, B } from '../backend/kernels.js';
import { fusedKernels } from '../backend/fma.js';
import { record, renamed, is_grad_enabled } from '../autograd.js';
import { collapse, normDim, numelOf, scalarName } from './util.js';
import { bind } from '../optim/optimizer.js';
import { pyType } from './kw.js';
import * as E from './elementwise.js';
import * as S from './shape.js';

/** NumPy's names for dim and keepdim, which PyTorch's argument parser takes for a native function's (`bind`). */
export interface NumpyNames<D = number | number[] | null> { axis?: D; keepdims?: boolean }

export interface DimOpts extends NumpyNames {
  dim?: number | number[] | null;
  keepdim?: boolean;
  /** NumPy's name for dim, which PyTorch's argument parser takes too. */
  axis?: number | number[] | null;
  /** NumPy's name for keepdim. */
  keepdims?: boolean;
  dtype?: DTypeLike;
}

/** The options of a reduction along one dim that returns values and indices (max, min, median, ...). */
export interface DimKeep extends NumpyNames<number> { dim?: number; keepdim?: boolean }

export interface NormOpts { p?: number | 'fro' | null; dim?: number | readonly number[] | null; keepdim?: boolean; dtype?: DTypeLike | null }
/** Tensor.norm's `(p='fro', dim=None, keepdim=False, dtype=None)`, each by position or by name. */
export type NormArgs = [p?: number | 'fro' | 'nuc' | null | NormOpts, dim?: Dims | NormOpts, keepdim?: boolean | NormOpts,
  dtype?: DTypeLike | null | NormOpts, opts?: NormOpts];

export interface VarOpts extends DimOpts {
  unbiased?: boolean;
  correction?: number;
}

/** Normalizes the dim argument (number, list, or none = all) to sorted unique dims. */
export function normDims(dim: number | readonly number[] | null | undefined, ndim: number): number[] {
  if (dim === null || dim === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof dim === 'number' ? [dim] : [...dim];
  if (list.length === 0) return Array.from({ length: ndim }, (_, i) => i);
  const out = list.map((d) => normDim(d, ndim));
  // A 0-dim tensor accepts dim 0 / -1 but has nothing to reduce over.
  if (ndim === 0) return [];
  const seen = new Set<number>();
  for (const d of out) {
    if (seen.has(d)) throw new Error(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  return out.sort((a, b) => a - b);
}

type Dims = number | readonly number[] | null | undefined;
/**
 * A reduction's optional arguments as PyTorch takes them: `(dim, keepdim)` by position, in an options
 * object, or both (`x.sum(1, true)`, `x.sum(1, { keepdim: true })`, `x.sum({ dim: 1 })`).
 */
export type DimArgs<D = Dims, O = DimOpts> = [dim?: D | O, keepdim?: boolean | O, opts?: O];
/** var/std's `(dim, unbiased, keepdim)`, or `(unbiased)` alone, as PyTorch 1.13. */
export type VarArgs = [dim?: Dims | boolean | VarOpts, unbiased?: boolean | VarOpts, keepdim?: boolean | VarOpts, opts?: VarOpts];
/** Binds a reduction's `(dim, keepdim)`, dtype keyword-only when `dtype`. */
function dimArgs(fn: string, args: readonly unknown[], dim: unknown = null, dtype = false): { dim: Dims; keepdim: boolean; dtype?: DTypeLike } {
  return bind(fn, ['dim', 'keepdim'], dtype ? ['dtype'] : [], { dim, keepdim: false, dtype: null }, args) as { dim: Dims; keepdim: boolean };
}

function reducedShape(shape: readonly number[], dims: number[], keepdim: boolean): number[] {
  const out: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    if (dims.includes(d)) {
      if (keepdim) out.push(1);
    } else out.push(shape[d]);
  }
  return out;
}

/**
 * Runs a reduction kernel over `dims` of x; output is contiguous with the reduced shape. An int64 sum or
 * product outside int64's words throws `intOverflow(op)` (the output freed).
 */
function reduceKernel(code: number, x: Tensor, dims: number[], keepdim: boolean, outDtype: DType, op = 'sum'): Tensor {
  const shape = x._shape;
  const outShape = reducedShape(shape, dims, keepdim);
  const out = Tensor._empty(outShape, outDtype);
  const nOut = out.numel();
  if (nOut === 0) return out;
  const kept = shape.map((_, d) => d).filter((d) => !dims.includes(d));
  const nRed = numelOf(dims.map((d) => shape[d]));
  if (nRed === 0) {
    // Empty reduction: sum 0, prod 1; max/min are errors (checked by callers).
    E.fill_(out, code === R.prod || code === R.prod_i32 || code === R.all ? 1 : 0);
    return out;
  }
  if (code === R.sum && dims.length > 0) {
    // float sums in ATen's order, whatever the layout (out starts at zero, as cascade_sum's)
    K.fill_32(out._ptr(), nOut, 0);
    K.sum_iter_f32(out._ptr(), x._ptr(), sumLayout(shape, x._strides, dims));
    return out;
  }
  const [ks, [kst]] = collapse(kept.map((d) => shape[d]), [kept.map((d) => x._strides[d])]);
  let [rs, [rst]] = collapse(dims.map((d) => shape[d]), [dims.map((d) => x._strides[d])]);
  if (rs.length > 1 && (code === R.argmax || code === R.argmin || code === R.argmax_i32 || code === R.argmin_i32)) {
    throw new Error('tocha: arg-reductions take one dim');
  }
  const keptShape = kept.length === 0 ? [] : ks;
  const keptStrides = kept.length === 0 ? [] : kst;
  if (rs.length === 0) { rs = [1]; rst = [1]; }
  const m = meta([...keptShape, ...rs], [...keptStrides, ...rst]);
  if (K.reduce_32(code, out._ptr(), x._ptr(), m, keptShape.length)) {
    out.dispose();
    throw intOverflow(op);
  }
  return out;
}

/**
 * The meta block of a float sum over `dims` as ATen's TensorIterator lays it out (TensorIterator.cpp, PyTorch 1.13:
 * reorder_dimensions, then coalesce_dimensions), for sum_iter_f32. Operands: the output (contiguous over the kept
 * dims, stride 0 on the reduced ones), then the input. Dims are sorted fastest first: reduced dims to the front, then
 * by the operands' strides (the output's first), ties to the smaller size; adjacent dims merge where every operand
 * steps through them as one (or one has size 1). The sum's order follows from the result: which dim the 2-D loop
 * reduces, which strides are contiguous.
 */
function sumLayout(shape: readonly number[], strides: readonly number[], dims: readonly number[]): number {
  const n = shape.length;
  const outS = new Array<number>(n);
  for (let d = n - 1, acc = 1; d >= 0; d--) {
    const reduced = dims.includes(d);
    outS[d] = reduced ? 0 : acc;
    if (!reduced) acc *= Math.max(shape[d], 1);
  }
  const ops = [outS, strides];
  const perm = iterationOrder(shape, ops, true);
  const sh = perm.map((d) => shape[d]);
  const st = ops.map((o) => perm.map((d) => o[d]));
  let prev = 0;
  for (let d = 1; d < n; d++) {
    const merge = sh[prev] === 1 || sh[d] === 1 || st.every((s) => sh[prev] * s[prev] === s[d]);
    if (merge) {
      if (sh[prev] === 1) for (const s of st) s[prev] = s[d];
      sh[prev] *= sh[d];
    } else {
      prev++;
      if (prev !== d) {
        for (const s of st) s[prev] = s[d];
        sh[prev] = sh[d];
      }
    }
  }
  const m = n === 0 ? 0 : prev + 1;
  return meta(sh.slice(0, m), st[0].slice(0, m), st[1].slice(0, m));
}

/** Expands a reduced gradient back over the reduced dims (a view). */
function expandBack(g: Tensor, shape: number[], dims: number[], keepdim: boolean): Tensor {
  let r = g;
  if (!keepdim) for (const d of dims) r = S.unsqueeze(r, d);
  return S.expand(r, shape);
}

/** Sum over dims (all by default): `torch.sum(x, 1, true)` = `torch.sum(x, 1, { keepdim: true })`; dtype is keyword-only. */
export function sum(x: Tensor, ...args: DimArgs): Tensor {
  const opts = dimArgs('sum', args, null, true);
  const dim = opts.dim;
  const dims = normDims(dim, x._shape.length);
  const keepdim = opts.keepdim ?? false;
  let src = x;
  if (opts.dtype) src = E.cast(x, toDType(opts.dtype));
  const isFloat = src.dtype === float32;
  let out: Tensor;
  try {
    out = reduceKernel(isFloat ? R.sum : R.sum_i32, src, dims, keepdim, isFloat ? float32 : int64);
  } finally {
    if (src !== x) src.dispose(); // the dtype's copy (no history: the node is on x)
  }
  const shape = x._shape.slice();
  const name = dim === null || dim === undefined ? 'SumBackward0' : 'SumBackward1';
  return record(name, out, [x], [], (g) => [expandBack(g, shape, dims, keepdim)]);
}

/** Mean over dims: `x.mean(0, true)`. */
export function mean(x: Tensor, ...args: DimArgs): Tensor {
  const opts = dimArgs('mean', args, null, true);
  const dim = opts.dim;
  if (x.dtype !== float32 && !opts.dtype) {
    throw new TypeError(`mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${scalarName(x.dtype)}`);
  }
  const dims = normDims(dim, x._shape.length);
  const keepdim = opts.keepdim ?? false;
  const n = numelOf(dims.map((d) => x._shape[d]));
  const s = reduceKernel(R.sum, E.cast(x, float32), dims, keepdim, float32);
  const out = E.binaryOp(B.div, s, n, 'same', float32);
  s.dispose();
  const shape = x._shape.slice();
  const name = dim === null || dim === undefined ? 'MeanBackward0' : 'MeanBackward1';
  return record(name, out, [x], [], (g) => [expandBack(E.div(g, n), shape, dims, keepdim)]);
}

/** Product of all elements or along one dim: `x.prod(1, true)`. */
export function prod(x: Tensor, ...args: DimArgs<number | null | undefined>): Tensor {
  const opts = dimArgs('prod', args, null, true);
  const dim = opts.dim as number | null | undefined;
  const keepdim = opts.keepdim ?? false;
  const dims = normDims(dim as number | null | undefined, x._shape.length);
  const all = dim === null || dim === undefined || dims.length === 0;
  const isFloat = x.dtype === float32;
  const out = reduceKernel(isFloat ? R.prod : R.prod_i32, x, dims, keepdim, isFloat ? float32 : int64, 'prod');
  const shape = x._shape.slice();
  return record(all ? 'ProdBackward0' : 'ProdBackward1', out, [x], [x], (g, [sx]) => {
    // Product of all other elements along the dim: exclusive prefix times exclusive suffix.
    const flat = all ? S.reshape(sx, [-1]) : sx;
    const d = all ? 0 : dims[0];
    const ones = S.narrow(E.add(E.mul(flat, 0), 1), d, 0, 1);
    const n = flat._shape[d];
    const before = n > 1 ? S.cat([ones, cumprod(S.narrow(flat, d, 0, n - 1), d)], d) : ones;
    const rev = S.flip(flat, [d]);
    const after = n > 1 ? S.flip(S.cat([ones, cumprod(S.narrow(rev, d, 0, n - 1), d)], d), [d]) : ones;
    let gx = E.mul(E.mul(before, after), expandBack(g, flat._shape.slice(), all ? [0] : dims, all ? false : keepdim));
    if (all) gx = S.reshape(gx, shape);
    return [gx];
  });
}

function checkNonEmpty(op: string, x: Tensor, dims: number[], all = false): void {
  // without a dim (all of them), PyTorch asks for one first
  if (all && x.numel() === 0) {
    throw new RangeError(`${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
  }
  for (const d of dims) {
    if (x._shape[d] === 0) {
      throw new RangeError(`${op}(): Expected reduction dim ${d} to have non-zero size.`);
    }
  }
  if (x.numel() === 0 && dims.length === x._shape.length) {
    throw new RangeError(`${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
  }
}

/** max/min's `other` overload: the tensor second, by position or by name (`torch.max(x, { other: y })`); undefined for
 *  the other overloads. Anything more (`torch.max(x, y, { dim: 1 })`), or a non-tensor other, is PyTorch's TypeError
 *  listing the overloads. */
function otherOf(fn: string, args: readonly unknown[]): Tensor | undefined {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const last = args[n - 1];
  const plain = last !== null && typeof last === 'object' && Object.getPrototypeOf(last) === Object.prototype;
  const kw = (plain ? args[--n] : {}) as Record<string, unknown>;
  const keys = Object.keys(kw).filter((k) => kw[k] !== undefined).sort();
  if (!(args[0] instanceof Tensor) && !keys.includes('other')) return undefined;
  const pos = args.slice(0, n);
  const other = keys.includes('other') ? kw.other : pos[0];
  if (pos.length + keys.length === 1 && other instanceof Tensor) return other;
  const got = ['Tensor', ...pos.map(pyType), ...keys.map((k) => `${k}=${pyType(kw[k])}`)];
  throw new TypeError(`${fn}() received an invalid combination of arguments - got (${got.join(', ')}), but expected one of:\n` +
    ' * (Tensor input)\n * (Tensor input, Tensor other, *, Tensor out)\n * (Tensor input, int dim, bool keepdim, *, tuple of Tensors out)\n' +
    ' * (Tensor input, name dim, bool keepdim, *, tuple of Tensors out)\n');
}

/** max(x) → the largest value; max(x, dim) → (values, indices); max(x, other) → elementwise maximum. */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, ...args: DimArgs<number, DimKeep>): ReturnTypes;
export function max(x: Tensor, other: Tensor): Tensor;
export function max(x: Tensor, kw: { other: Tensor }): Tensor;
export function max(x: Tensor, ...args: unknown[]): Tensor | ReturnTypes {
  const other = otherOf('max', args);
  if (other) return E.maximum(x, other);
  if (args.length === 0) return minmax('max', x, undefined, false);
  const o = dimArgs('max', args, undefined);
  return minmax('max', x, o.dim as number, o.keepdim);
}

export function min(x: Tensor): Tensor;
export function min(x: Tensor, ...args: DimArgs<number, DimKeep>): ReturnTypes;
export function min(x: Tensor, other: Tensor): Tensor;
export function min(x: Tensor, kw: { other: Tensor }): Tensor;
export function min(x: Tensor, ...args: unknown[]): Tensor | ReturnTypes {
  const other = otherOf('min', args);
  if (other) return E.minimum(x, other);
  if (args.length === 0) return minmax('min', x, undefined, false);
  const o = dimArgs('min', args, undefined);
  return minmax('min', x, o.dim as number, o.keepdim);
}

function minmax(op: 'max' | 'min', x: Tensor, dim: number | undefined, keepdim: boolean): Tensor | ReturnTypes {
  const isFloat = x.dtype === float32;
  const valCode = op === 'max' ? (isFloat ? R.max : R.max_i32) : (isFloat ? R.min : R.min_i32);
  const idxCode = op === 'max' ? (isFloat ? R.argmax : R.argmax_i32) : (isFloat ? R.argmin : R.argmin_i32);
  const node = op === 'max' ? 'Max' : 'Min';
  if (dim === undefined) {
    const dims = normDims(null, x._shape.length);
    checkNonEmpty(op, x, dims, true);
    const out = reduceKernel(valCode, x, dims, false, x.dtype);
    return record(`${node}Backward1`, out, [x], [x, out], (g, [sx, y]) => {
      // Evenly distributed among ties, as PyTorch.
      const mask = E.cast(E.eq(sx, y), float32);
      return [E.mul(mask, E.div(g, sum(mask)))];
    });
  }
  const d = normDim(dim, x._shape.length);
  checkNonEmpty(op, x, [d]);
  const src = x._shape.length === 0 ? S.reshape(x, [1]) : x;
  const values = reduceKernel(valCode, src, [d], keepdim, x.dtype);
  const indices = reduceKernel(idxCode, src, [d], keepdim, int64);
  const shape = x._shape.slice();
  const v = x._shape.length === 0 ? S.reshape(values, []) : values;
  const i = x._shape.length === 0 ? S.reshape(indices, []) : indices;
  record(`${node}Backward0`, v, [x], [i], (g, [idx]) => [indexBackward(g, idx, shape, d, keepdim)]);
  return new ReturnTypes(op, v, i);
}

/** Scatters a reduced gradient back to the positions the indices chose. */
function indexBackward(g: Tensor, idx: Tensor, shape: number[], d: number, keepdim: boolean): Tensor {
  if (shape.length === 0) return g;
  const gk = keepdim ? g : S.unsqueeze(g, d);
  const ik = keepdim ? idx : S.unsqueeze(idx, d);
  const zeros = E.mul(S.expand(E.mul(gk, 0), shape).contiguous(), 1);
  return S.scatter_add(zeros, d, ik, gk);
}

export function amax(x: Tensor, ...args: DimArgs<number | readonly number[] | undefined>): Tensor {
  const o = dimArgs('amax', args, []);
  return aminmax('amax', x, o.dim as number | number[], o.keepdim);
}

export function amin(x: Tensor, ...args: DimArgs<number | readonly number[] | undefined>): Tensor {
  const o = dimArgs('amin', args, []);
  return aminmax('amin', x, o.dim as number | number[], o.keepdim);
}

function aminmax(op: 'amax' | 'amin', x: Tensor, dim: Dims, keepdim: boolean): Tensor {
  const dims = normDims(dim, x._shape.length);
  checkNonEmpty(op, x, dims, dim === undefined || dim === null || (Array.isArray(dim) && dim.length === 0));
  const isFloat = x.dtype === float32;
  const code = op === 'amax' ? (isFloat ? R.max : R.max_i32) : (isFloat ? R.min : R.min_i32);
  const out = reduceKernel(code, x, dims, keepdim, x.dtype);
  const shape = x._shape.slice();
  return record(op === 'amax' ? 'AmaxBackward0' : 'AminBackward0', out, [x], [x, out], (g, [sx, y]) => {
    const yk = expandBack(y, shape, dims, keepdim);
    const mask = E.cast(E.eq(sx, yk), float32);
    const count = sum(mask, dims, { keepdim: true });
    return [E.div(E.mul(mask, expandBack(g, shape, dims, keepdim)), count)];
  });
}

function argmax_impl(x: Tensor, ...args: DimArgs<number | null | undefined>): Tensor {
  const o = dimArgs('argmax', args);
  return argReduce('argmax', x, o.dim as number | null, o.keepdim);
}

function argmin_impl(x: Tensor, ...args: DimArgs<number | null | undefined>): Tensor {
  const o = dimArgs('argmin', args);
  return argReduce('argmin', x, o.dim as number | null, o.keepdim);
}

function argReduce(op: 'argmax' | 'argmin', x: Tensor, dim: number | null | undefined, keepdim: boolean): Tensor {
  if (x.dtype === bool) throw new TypeError(`"${op}_cpu" not implemented for 'Bool'`);
  const isFloat = x.dtype === float32;
  const code = op === 'argmax' ? (isFloat ? R.argmax : R.argmax_i32) : (isFloat ? R.argmin : R.argmin_i32);
  if (dim === null || dim === undefined) {
    if (x.numel() === 0) throw new RangeError(`${op}(): Expected reduction dim to be specified for input.numel() == 0.`);
    const flat = S.reshape(x, [-1]);
    const out = reduceKernel(code, flat, [0], false, int64);
    return keepdim ? S.reshape(out, x._shape.map(() => 1)) : out;
  }
  const d = normDim(dim, x._shape.length);
  checkNonEmpty(op, x, [d]);
  if (x._shape.length === 0) return E.cast(E.mul(x, 0), int64);
  return reduceKernel(code, x, [d], keepdim, int64);
}

function correctionOf(opts: VarOpts): number {
  if (opts.correction !== undefined) return opts.correction;
  if (opts.unbiased !== undefined) return opts.unbiased ? 1 : 0;
  return 1;
}

/** PyTorch 1.13's `var(input, dim, unbiased, keepdim)` and `var(input, unbiased)`; correction is keyword-only. */
function varArgs(fn: string, args: readonly unknown[]): VarOpts & { dim: Dims } {
  const a = typeof args[0] === 'boolean' ? [undefined, ...args] : args;
  return bind(fn, ['dim', 'unbiased', 'keepdim'], ['correction'], { dim: null, unbiased: undefined, keepdim: false, correction: undefined }, a) as VarOpts & { dim: Dims };
}

/** Variance over dims (Bessel-corrected by default): `x.var(0, false, true)` = `x.var(0, { unbiased: false, keepdim: true })`. */
/** PyTorch's variance family takes floats only (`fn`: the message's name). */
function floatVar(x: Tensor, fn: string): void {
  if (x.dtype !== float32) throw new TypeError(`${fn} only support floating point and complex dtypes`);
}

function var__impl(x: Tensor, ...args: VarArgs): Tensor {
  floatVar(x, 'std and var');
  return renamed('VarBackward0', variance(x, varArgs('var', args)));
}

/**
 * The variance, composed (its gradient comes from the ops), with ATen's values written over the composite's
 * (`momentsInto`); without a graph only the kernel runs.
 */
function variance(x: Tensor, opts: VarOpts & { dim: Dims }): Tensor {
  const dims = normDims(opts.dim, x._shape.length);
  const keepdim = opts.keepdim ?? false;
  if (!(is_grad_enabled() && x.requires_grad) && x.numel() > 0) {
    const out = Tensor._empty(reducedShape(x._shape, dims, keepdim), float32);
    momentsInto(x, dims, correctionOf(opts), false, out, null);
    return out;
  }
  const v = varianceComposed(x, dims, keepdim, opts);
  momentsInto(x, dims, correctionOf(opts), false, v, null);
  return v;
}

function varianceComposed(x: Tensor, dims: number[], keepdim: boolean, opts: VarOpts): Tensor {
  const n = numelOf(dims.map((d) => x._shape[d]));
  const m = mean(x, dims, { keepdim: true });
  const dev = E.sub(x, m);
  const ss = sum(E.mul(dev, dev), dims, { keepdim });
  return E.div(ss, Math.max(0, n - correctionOf(opts)));
}

/** Standard deviation, with var's arguments: `torch.std(x, 0, true)` (dim 0, unbiased). */
function std_impl(x: Tensor, ...args: VarArgs): Tensor {
  floatVar(x, 'std and var');
  return standardDeviation('StdBackward0', x, varArgs('std', args));
}

/** std = sqrt(var) for the graph; its values are ATen's (the square root taken in double: `momentsInto`). */
function standardDeviation(node: string, x: Tensor, opts: VarOpts & { dim: Dims }, meanOut: Tensor | null = null): Tensor {
  const dims = normDims(opts.dim, x._shape.length);
  const keepdim = opts.keepdim ?? false;
  if (!(is_grad_enabled() && x.requires_grad) && x.numel() > 0) {
    const out = Tensor._empty(reducedShape(x._shape, dims, keepdim), float32);
    momentsInto(x, dims, correctionOf(opts), true, out, meanOut);
    return out;
  }
  const v = varianceComposed(x, dims, keepdim, opts);
  const out = E.sqrt(v.detach());
  momentsInto(x, dims, correctionOf(opts), true, out, meanOut);
  // d sqrt(v) = g / 2 sqrt(v), taken as 0 where the std is 0 (PyTorch's StdBackward0; not NaN)
  return record(node, out, [v], [out], (g, [y]) => [E.where(E.eq(y, 0), 0, E.div(g, E.mul(y, 2)))]);
}

/**
 * [var, mean] over dims, with var's arguments: `torch.var_mean(x, 1)`. PyTorch records one node for both
 * outputs (VarMeanBackward0); here each output has its own node of that name. Both values come from one Welford
 * pass in double, as ATen's (the mean is not mean()'s: it can differ in the last bit).
 */
function var_mean_impl(x: Tensor, ...args: VarArgs): [Tensor, Tensor] {
  const o = varArgs('var_mean', args);
  floatVar(x, 'var_mean');
  const dims = normDims(o.dim, x._shape.length);
  const keepdim = o.keepdim ?? false;
  const m = mean(x, o.dim, { keepdim });
  const v = (is_grad_enabled() && x.requires_grad) || x.numel() === 0 ? varianceComposed(x, dims, keepdim, o) : Tensor._empty(m._shape, float32);
  momentsInto(x, dims, correctionOf(o), false, v, m);
  return [renamed('VarMeanBackward0', v), renamed('VarMeanBackward0', m)];
}

/** [std, mean] over dims, with var's arguments: `torch.std_mean(x, 1)` (StdMeanBackward0, as var_mean). */
function std_mean_impl(x: Tensor, ...args: VarArgs): [Tensor, Tensor] {
  const o = varArgs('std_mean', args);
  floatVar(x, 'std_mean');
  const m = mean(x, o.dim, { keepdim: o.keepdim });
  return [standardDeviation('StdMeanBackward0', x, o, m), renamed('StdMeanBackward0', m)];
}

/** log(sum(exp(x))) over dims, computed stably: `torch.logsumexp(x, 1, true)`. */
function logsumexp_impl(x: Tensor, ...args: DimArgs<number | readonly number[]>): Tensor {
  const { dim, keepdim } = bind('logsumexp', ['dim', 'keepdim'], [], { keepdim: false }, args);
  const dims = normDims(dim, x._shape.length);
  if (x.numel() === 0) return renamed('LogsumexpBackward0', E.log(sum(E.exp(x), dims, { keepdim })));
  const mRaw = amax(x.detach(), dims, { keepdim: true });
  const m = E.where(E.isinf(mRaw), 0, mRaw);
  const s = E.log(sum(E.exp(E.sub(x, m)), dims, { keepdim: true }));
  const out = E.add(s, m);
  if (keepdim) return renamed('LogsumexpBackward0', out);
  let r = out;
  for (let i = dims.length - 1; i >= 0; i--) r = S.squeeze(r, dims[i]);
  return renamed('LogsumexpBackward0', r);
}

/**
 * Vector p-norm over dims (default: the 2-norm of all elements), PyTorch's NormBackward1. As in PyTorch 1.13,
 * 'fro' over two dims is sqrt(sum(x * x)) (its nodes, and NaN gradients at a zero norm).
 */
export function norm(x: Tensor, ...args: NormArgs): Tensor {
  const { p, dim, keepdim, dtype } = bind('norm', ['p', 'dim', 'keepdim', 'dtype'], [], { p: 'fro', dim: null, keepdim: false, dtype: null }, args);
  if (dtype != null) {
    // torch.norm's dtype: not with the matrix norms; else the vector norm of x cast to it (NormBackward3)
    if (p === 'fro' || p === 'nuc') throw new RangeError(`dtype argument is not supported in ${p === 'fro' ? 'frobenius' : 'nuclear'} norm`);
    const dt = toDType(dtype);
    if (!dt.isFloatingPoint) {
      throw new Error(`norm(): the desired output dtype should be either floating point or complex. Got ${scalarName(dt)} instead.`);
    }
    if (x.dtype === dt) return renamed('NormBackward3', norm(x, p, dim, { keepdim }));
    // an int or bool input's float copy (no gradient runs through it: nothing keeps it)
    const xc = E.cast(x, dt);
    try {
      return renamed('NormBackward3', norm(xc, p, dim, { keepdim }));
    } finally {
      xc.dispose();
    }
  }
  if (x.dtype !== float32) {
    throw new TypeError(`norm(): input dtype should be either floating point or complex. Got ${scalarName(x.dtype)} instead.`);
  }
  const pv: number = p === null || p === 'fro' ? 2 : p;
  const dims = normDims(dim, x._shape.length);
  if (p === 'fro' && dim !== null && dim !== undefined && typeof dim !== 'number') {
    if (dims.length > 2) throw new RangeError(`Expected at most 2 dimensions, but got ${dims.length} dimensions instead.`);
    if (dims.length === 2) return E.sqrt(sum(E.mul(x, x), dims, { keepdim }));
  }
  if (pv === 0) {
    // counts the nonzeros: the result requires grad, and PyTorch's backward gives the input no gradient
    const n = sum(E.cast(E.ne(x.detach(), 0), float32), dims, { keepdim });
    return record('NormBackward1', n, [x], [], () => [null]);
  }
  if (pv === Infinity) return renamed('NormBackward1', amax(E.abs(x), dims, { keepdim }));
  if (pv === -Infinity) return renamed('NormBackward1', amin(E.abs(x), dims, { keepdim }));
  if (pv === 2) {
    const xd = x.detach();
    const out = normValue(xd, 2, dims, keepdim);
    xd.dispose();
    const shape = x._shape.slice();
    return record('NormBackward1', out, [x], [x, out], (g, [sx, y]) => {
      // d|x| = x / |x|, and 0 where the norm is 0
      const yk = expandBack(y, shape, dims, keepdim);
      const scale = E.where(E.eq(yk, 0), 0, E.div(expandBack(g, shape, dims, keepdim), yk));
      return [E.mul(sx, scale)];
    });
  }
  // the composite gives the gradient; ATen's values (NormOneOps, NormOps) are written over it
  const composed = () => pv === 1 ? sum(E.abs(x), dims, { keepdim }) : E.pow(sum(E.pow(E.abs(x), pv), dims, { keepdim }), 1 / pv);
  if (!(is_grad_enabled() && x.requires_grad)) return normValue(x, pv, dims, keepdim);
  const out = composed();
  const xd = x.detach();
  const v = normValue(xd, pv, dims, keepdim);
  E.writeInto(out, v);
  v.dispose();
  xd.dispose();
  return renamed('NormBackward1', out);
}

/** Whether every element (along dim) is nonzero: `x.all(1, true)`. */
function all_impl(x: Tensor, ...args: DimArgs<number | null | undefined>): Tensor {
  const { dim, keepdim } = dimArgs('all', args);
  const b = x.dtype === bool ? x : E.cast(x, bool);
  return reduceKernel(R.all, b, normDims(dim, x._shape.length), keepdim, bool);
}

/** Whether any element (along dim) is nonzero: `x.any(1, true)`. */
function any_impl(x: Tensor, ...args: DimArgs<number | null | undefined>): Tensor {
  const { dim, keepdim } = dimArgs('any', args);
  const b = x.dtype === bool ? x : E.cast(x, bool);
  return reduceKernel(R.any, b, normDims(dim, x._shape.length), keepdim, bool);
}

/** (outer, n, inner) for a dim of a shape. */
function around(shape: readonly number[], d: number): [number, number, number] {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < d; i++) outer *= shape[i];
  for (let i = d + 1; i < shape.length; i++) inner *= shape[i];
  return [outer, shape.length === 0 ? 1 : shape[d], inner];
}

/** `cumsum(x, dim, *, dtype)` (PyTorch 1.13): the dtype is keyword-only. */
export type ScanArgs = [dim: number | { dim?: number; dtype?: DTypeLike }, opts?: { dtype?: DTypeLike }];
function scanArgs(fn: string, x: Tensor, args: readonly unknown[]): [Tensor, number] {
  const o = bind(fn, ['dim'], ['dtype'], { dtype: null }, args);
  return [o.dtype ? E.cast(x, toDType(o.dtype)) : x, o.dim];
}

/** Running sums along dim: `torch.cumsum(x, 0)`, `x.cumsum(0, { dtype: torch.float32 })`. */
export function cumsum(x0: Tensor, ...args: ScanArgs): Tensor {
  const [x, dim] = scanArgs('cumsum', x0, args);
  const d = normDim(dim, x._shape.length);
  const src = x.dtype === bool ? E.cast(x, int64) : x.contiguous();
  const out = Tensor._empty(x._shape.slice(), src.dtype);
  const [o, n, i] = around(x._shape, d);
  const wrong = out.numel() > 0 && K.cumsum_f32(out._ptr(), src._ptr(), o, n, i, 0, src.dtype === float32 ? 0 : 1);
  if (src !== x) src.dispose(); // the contiguous copy
  if (wrong) {
    out.dispose();
    if (x !== x0) x.dispose();
    throw intOverflow('cumsum');
  }
  const r = record('CumsumBackward0', out, [x], [], (g) => {
    const gc = g.contiguous();
    const r = Tensor._empty(gc._shape.slice(), float32);
    if (r.numel() > 0) K.cumsum_f32(r._ptr(), gc._ptr(), o, n, i, 1, 0);
    return [r];
  });
  // the dtype's copy: a cast to another dtype does not require grad, so no node holds it
  if (x !== x0 && !x.requires_grad) x.dispose();
  return r;
}

/** Running products along dim: `torch.cumprod(x, 1)` (int64 for integer and bool inputs, exact). */
export function cumprod(x0: Tensor, ...args: ScanArgs): Tensor {
  const [x, dim] = scanArgs('cumprod', x0, args);
  const d = normDim(dim, x._shape.length);
  if (x.dtype !== float32) {
    // no gradient: int64 and bool tensors do not require grad
    const src = x.dtype === bool ? E.cast(x, int64) : x.contiguous();
    const out = Tensor._empty(x._shape.slice(), int64);
    const [o, n, i] = around(x._shape, d);
    const wrong = out.numel() > 0 && K.cumprod_i32(out._ptr(), src._ptr(), o, n, i);
    if (src !== x) src.dispose();
    if (x !== x0) x.dispose();
    if (wrong) {
      out.dispose();
      throw intOverflow('cumprod');
    }
    return out;
  }
  const src = E.cast(x, float32).contiguous();
  const out = Tensor._empty(x._shape.slice(), float32);
  const [o, n, i] = around(x._shape, d);
  if (out.numel() > 0) K.cumprod_f32(out._ptr(), src._ptr(), o, n, i);
  return record('CumprodBackward0', out, [x], [x, out], (g, [sx, y]) => {
    if (sx._shape.length === 0) return [g];
    if (!E.eq(sx, 0).any().item()) {
      // Valid where x has no zeros: sum_{j>=i} g_j y_j / x_i
      const gy = E.mul(g, y);
      const rev = S.flip(cumsum(S.flip(gy, [d]), d), [d]);
      return [E.div(rev, sx)];
    }
    // With zeros: grad_i = (prod_{k<i} x_k) s_i, where s_i = g_i + x_{i+1} s_{i+1}
    const xs = S.unbind(E.cast(sx, float32), d);
    const gs = S.unbind(g, d);
    const parts: Tensor[] = new Array<Tensor>(n);
    for (let k = n - 1; k >= 0; k--) parts[k] = k === n - 1 ? gs[k] : E.add(gs[k], E.mul(xs[k + 1], parts[k + 1]));
    let before: Tensor | null = null;
    for (let k = 0; k < n; k++) {
      if (before) parts[k] = E.mul(parts[k], before);
      before = before ? E.mul(before, xs[k]) : xs[k];
    }
    return [S.stack(parts, d)];
  });
}

function softmaxImpl(x: Tensor, dim: number, isLog: boolean): Tensor {
  const d = normDim(dim, x._shape.length);
  if (x.dtype !== float32) {
    // PyTorch's kernel names: the last-dim kernel, or the general one
    const k = `${isLog ? 'log_softmax' : 'softmax'}_${d === x._shape.length - 1 || x._shape.length === 0 ? 'lastdim_' : ''}kernel_impl`;
    throw new TypeError(`"${k}" not implemented for '${scalarName(x.dtype)}'`);
  }
  const src = E.cast(x, float32).contiguous();
  const out = Tensor._empty(x._shape.slice(), float32);
  const [o, n, i] = around(x._shape, d);
  // ATen's last-dim kernels, forward and backward, or its kernels for another dim (even one whose inner size is 1);
  // the forward on the relaxed build where it gives the core's bits (src/backend/fma.ts): SLEEF's fused steps fused
  const last = d >= x._shape.length - 1 ? 1 : 0;
  if (out.numel() > 0) (fusedKernels() ?? K).softmax_f32(out._ptr(), src._ptr(), o, n, i, isLog ? 1 : 0, last);
  return record(isLog ? 'LogSoftmaxBackward0' : 'SoftmaxBackward0', out, [x], [out], (g, [y]) => {
    // Under create_graph the gradient itself must be differentiable: the composite form.
    if (is_grad_enabled() && (g.requires_grad || y.requires_grad)) {
      return [isLog ? E.sub(g, E.mul(E.exp(y), sum(g, d, { keepdim: true })))
        : E.mul(y, E.sub(g, sum(E.mul(g, y), d, { keepdim: true })))];
    }
    const gc = g.contiguous();
    const r = Tensor._empty(gc._shape.slice(), float32);
    // (on the relaxed build where it gives the core's bits: the fused steps, and log_softmax's exp, fused)
    if (r.numel() > 0) {
      (fusedKernels() ?? K).softmax_backward_f32(r._ptr(), y._ptr(), gc._ptr(), o, n, i, isLog ? 1 : 0, last);
    }
    return [r];
  });
}

/** Softmax along dim, computed stably (max-subtracted). */
export function softmax(x: Tensor, dim: number): Tensor {
  return softmaxImpl(x, dim, false);
}

export function log_softmax(x: Tensor, dim: number): Tensor {
  return softmaxImpl(x, dim, true);
}

const NLL_REDUCTION = { none: 0, mean: 1, sum: 2 } as const;

/**
 * nll_loss of 1-D (C) or 2-D (N, C) log-probabilities at int64 targets, in one kernel each way with
 * ATen's summation order (its cascade), so the loss and its gradient have PyTorch's bits. The caller
 * checked the shapes, the dtypes and `weight` (1-D, C entries); `ignore` is an int32.
 */
export function nllLoss(input: Tensor, target: Tensor, weight: Tensor | null, reduction: 'none' | 'mean' | 'sum', ignore: number): Tensor {
  const rows = input._shape.length === 1 ? 1 : input._shape[0];
  const classes = input._shape[input._shape.length - 1];
  const mode = NLL_REDUCTION[reduction];
  const x = E.cast(input, float32).contiguous();
  const t = target.contiguous();
  const w = weight ? E.cast(weight.detach(), float32).contiguous() : null;
  const out = Tensor._empty(mode === 0 && input._shape.length === 2 ? [rows] : [], float32);
  const bad = K.nll_loss_f32(out._ptr(), x._ptr(), t._ptr(), w ? w._ptr() : 0, rows, classes, ignore, mode, SCRATCH);
  const total = F32()[SCRATCH >>> 2];
  const value = bad >= 0 ? I32()[(t._ptr() >>> 2) + bad] : 0;
  if (x !== input) x.dispose();
  if (t !== target) t.dispose();
  if (w && w !== weight) w.dispose();
  if (bad >= 0) {
    out.dispose();
    throw new RangeError(`Target ${value} is out of bounds.`);
  }
  const saved = weight ? [target, weight] : [target];
  return record('NllLossBackward0', out, [input], saved, (g, [st, sw]) => {
    const gradOf = (gv: Tensor, m: number): Tensor => {
      const gc = gv.contiguous();
      const tc = st.contiguous();
      const wc = sw ? E.cast(sw, float32).contiguous() : null;
      const r = Tensor._empty(input._shape.length === 1 ? [classes] : [rows, classes], float32);
      K.nll_loss_grad_f32(r._ptr(), gc._ptr(), tc._ptr(), wc ? wc._ptr() : 0, rows, classes, ignore, m, total);
      if (gc !== gv) gc.dispose();
      if (tc !== st) tc.dispose();
      if (wc && wc !== sw) wc.dispose();
      return r;
    };
    if (!is_grad_enabled() || !g.requires_grad) return [gradOf(g, mode)];
    // create_graph: the same values as a differentiable product with g (-w at the targets)
    if (mode === 0) {
      const pattern = gradOf(E.filled([rows], float32, 1), 0);
      return [E.mul(input._shape.length === 1 ? g : S.unsqueeze(g, 1), pattern)];
    }
    const pattern = gradOf(E.filled([], float32, 1), 2);
    return [E.mul(mode === 1 ? E.div(g, total) : g, pattern)];
  });
}

/** Sums a (broadcast) gradient back to `shape`: the engine's one place for broadcasting. */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
  const lead = g._shape.length - shape.length;
  const dims: number[] = [];
  for (let d = 0; d < g._shape.length; d++) {
    if (d < lead) dims.push(d);
    else if (shape[d - lead] === 1 && g._shape[d] !== 1) dims.push(d);
  }
  let r = g;
  // Differentiable when the gradient is (create_graph): a double backward through broadcasting.
  if (dims.length > 0) r = g.requires_grad ? sum(g, dims, { keepdim: true }) : reduceKernel(R.sum, g, dims, true, float32);
  if (lead > 0 || r._shape.length !== shape.length) r = S.reshape(r, shape.slice());
  return r;
}

export { float32 };

// Composites run in a scope of their own: their temporaries are released when they return, not left
// to the garbage collector (lifetime.ts `composite`).
export const all = /*#__PURE__*/ composite(all_impl, 'all');
export const any = /*#__PURE__*/ composite(any_impl, 'any');
export const argmax = /*#__PURE__*/ composite(argmax_impl, 'argmax');
export const argmin = /*#__PURE__*/ composite(argmin_impl, 'argmin');
export const logsumexp = /*#__PURE__*/ composite(logsumexp_impl, 'logsumexp');
export const std = /*#__PURE__*/ composite(std_impl, 'std');
export const var_ = /*#__PURE__*/ composite(var__impl, 'var');
export const var_mean = /*#__PURE__*/ composite(var_mean_impl, 'var_mean');
export const std_mean = /*#__PURE__*/ composite(std_mean_impl, 'std_mean');

// ---------------------------------------------------------------- var / std / norm values in ATen's order

const MOM_VAR = 0;
const MOM_NORM1 = 1;
const MOM_NORM2 = 2;
const MOM_NORMP = 3;

/**
 * Writes ATen 1.13's var (or std, `takeSqrt`) of float32 x over `dims` into `out` (contiguous, the reduced shape),
 * and with `meanOut` the mean var_mean returns (Welford's double mean, rounded): assembly/moments.ts. A var/std with a
 * one-element result (and no mean asked) takes std_var_all_cpu's two-pass sum in double around the float mean().
 */
function momentsInto(x: Tensor, dims: number[], correction: number, takeSqrt: boolean, out: Tensor, meanOut: Tensor | null): void {
  if (x.numel() === 0 || out.numel() === 0) return;
  if (out.numel() === 1 && !meanOut) {
    const all = x._shape.map((_, d) => d);
    const xd = x.detach();
    const m = mean(xd);
    const mv = m.item() as number;
    m.dispose();
    xd.dispose();
    const v = K.var_all_f32(x._ptr(), sumLayout(x._shape, x._strides, all), mv, correction, takeSqrt ? 1 : 0);
    F32()[out._ptr() >>> 2] = v;
    return;
  }
  K.moments_reduce_f32(MOM_VAR, out._ptr(), meanOut ? meanOut._ptr() : 0, x._ptr(), sumLayout(x._shape, x._strides, dims),
    correction, takeSqrt ? 1 : 0, 0);
}

/**
 * The p-norm of float32 x over `dims` with ATen 1.13's values (norm_kernel_tensor_iterator_impl): p = 2 over one
 * contiguous innermost reduced dim takes its vectorised lastdim path; other p = 1, 2 and finite p != 0 are serial
 * float sums (NormOneOps, NormTwoOps, NormOps with glibc's powf). p 0 and ±inf (order-free) keep the composites.
 * Without a graph: callers record the node.
 */
export function normValue(x: Tensor, p: number, dims: number[], keepdim: boolean): Tensor {
  const o = { keepdim };
  if (p === Infinity) return amax(E.abs(x), dims, o);
  if (p === -Infinity) return amin(E.abs(x), dims, o);
  if (p === 0 || Number.isNaN(p) || x.dtype !== float32) {
    if (p === 0) return sum(E.cast(E.ne(x, 0), float32), dims, o);
    return E.pow(sum(E.pow(E.abs(x), p), dims, o), 1 / p);
  }
  const out = Tensor._empty(reducedShape(x._shape, dims, keepdim), float32);
  if (out.numel() === 0) return out;
  if (x.numel() === 0) {
    // an empty reduction: ATen fills 0 (inf for p < 0)
    E.fill_(out, p < 0 ? Infinity : 0);
    return out;
  }
  const m = sumLayout(x._shape, x._strides, dims);
  // is_reduce_lastdim: one reduced dim after coalescing, the innermost, contiguous in the input
  const mi = I32();
  const nd = mi[m >>> 2];
  const lastdim = p === 2 && nd > 0 && mi[(m >>> 2) + 1 + nd] === 0 && (nd === 1 || mi[(m >>> 2) + 2 + nd] !== 0) &&
    mi[(m >>> 2) + 1 + 2 * nd] === 1;
  // p = 2 sums fused squares: on the relaxed build where it gives the core's bits (src/backend/fma.ts)
  const k = p === 2 ? fusedKernels() ?? K : K;
  k.moments_reduce_f32(p === 1 ? MOM_NORM1 : p === 2 ? MOM_NORM2 : MOM_NORMP, out._ptr(), 0, x._ptr(), m, p, 0, lastdim ? 1 : 0);
  return out;
}
