// PyTorch 1.13's remaining torch-level utilities, composed from tocha's ops as ATen composes them: atleast_Nd,
// broadcast_shapes, scalar_tensor, range, float_power (in float64, rounded to float32), gradient, histogram and
// histogramdd, vander, the signal windows, fill, put, index_reduce, segment_reduce, empty_strided and as_strided,
// asarray and frombuffer, typename, and the linear algebra names 1.13 deprecated (symeig) or removed.
import { namedTuple } from '../print.js';
import { composite } from '../lifetime.js';
import { isPlainObject } from '../optim/optimizer.js';
import { Tensor, Size, fromFlat, TensorData } from '../tensor.js';
import { DType, float32, int64, bool, toDType, DTypeLike, INT_MIN, INT_MAX } from '../dtype.js';
import { K } from '../backend/wasm.js';
import { record, renamed, refused, is_grad_enabled, no_grad, Node } from '../autograd.js';
import { normDim, fmtShape, numelOf, broadcastShapes, scalarName } from './util.js';
import { argPosition, native, nativeAfter, pyType, strArg } from './kw.js';
import { warnOnce } from '../warn.js';
import * as E from './elementwise.js';
import * as S from './shape.js';
import * as R from './reduce.js';
import * as C from './create.js';
import * as X from './extra.js';
import { searchsorted } from './sorting.js';
import { i0 } from './special.js';
import { eigh, eigvalsh } from './decomp.js';
import { matrix_norm } from '../linalg.js';
import { checkInplace } from './inplace.js';

type T = Tensor;

// ---------------------------------------------------------------- shapes

type AtLeastArgs = [T] | [readonly T[]] | T[];

function atleast(name: string, args: readonly unknown[], f: (t: T) => T): T | T[] {
  const one = args.length === 1 && args[0] instanceof Tensor;
  const list = args.length === 1 && Array.isArray(args[0]) ? args[0] as T[] : args as T[];
  for (const t of list) {
    if (!(t instanceof Tensor)) throw new TypeError(`${name}(): argument 'tensors' must be tuple of Tensors, not ${pyType(t)}`);
  }
  return one ? f(list[0]) : list.map(f);
}

/** `torch.atleast_1d(x)`: x, or a 0-d x as a 1-element view; several tensors (or one array of them) give an array.
 *  @example torch.atleast_1d(torch.tensor(1.5)) // tensor([1.5000]) */
export function atleast_1d(x: T): T;
export function atleast_1d(...tensors: T[]): T[];
export function atleast_1d(tensors: readonly T[]): T[];
export function atleast_1d(...args: AtLeastArgs): T | T[] {
  return atleast('atleast_1d', args, (t) => (t._shape.length === 0 ? S.reshape(t, [1]) : t));
}
/** `torch.atleast_2d(x)`: a 0-d x as (1, 1), a 1-d x as (1, n) views. @example torch.atleast_2d(torch.arange(3)).shape */
export function atleast_2d(x: T): T;
export function atleast_2d(...tensors: T[]): T[];
export function atleast_2d(tensors: readonly T[]): T[];
export function atleast_2d(...args: AtLeastArgs): T | T[] {
  return atleast('atleast_2d', args, (t) => (t._shape.length === 0 ? S.reshape(t, [1, 1])
    : t._shape.length === 1 ? S.unsqueeze(t, 0) : t));
}
/** `torch.atleast_3d(x)`: 0-d as (1, 1, 1), 1-d (n) as (1, n, 1), 2-d (m, n) as (m, n, 1) views.
 *  @example torch.atleast_3d(torch.ones(2, 3)).shape // torch.Size([2, 3, 1]) */
export function atleast_3d(x: T): T;
export function atleast_3d(...tensors: T[]): T[];
export function atleast_3d(tensors: readonly T[]): T[];
export function atleast_3d(...args: AtLeastArgs): T | T[] {
  return atleast('atleast_3d', args, (t) => {
    const n = t._shape.length;
    if (n === 0) return S.reshape(t, [1, 1, 1]);
    if (n === 1) return S.unsqueeze(S.unsqueeze(t, 0), -1);
    if (n === 2) return S.unsqueeze(t, -1);
    return t;
  });
}

/** `torch.broadcast_shapes(...shapes)`: the shape the shapes broadcast to (a torch.Size), PyTorch's errors.
 *  @example torch.broadcast_shapes([2], [3, 1], [1, 1, 1]) // torch.Size([1, 3, 2]) */
export function broadcast_shapes(...shapes: (number | readonly number[])[]): Size {
  let max = 0;
  for (const s of shapes) max = Math.max(max, typeof s === 'number' ? 1 : Array.isArray(s) ? s.length : 0);
  const result: number[] = Array(max).fill(1);
  for (const s0 of shapes) {
    if (typeof s0 !== 'number' && !Array.isArray(s0)) {
      throw new Error(`Input shapes should be of type ints, a tuple of ints, or a list of ints, got ${String(s0)}`);
    }
    const s = typeof s0 === 'number' ? [s0] : s0;
    for (let i = -1; i >= -s.length; i--) {
      const d = s[s.length + i];
      if (d < 0) throw new Error(`Trying to create tensor with negative dimension (${d}): (${d})`);
      const r = max + i;
      if (d === 1 || d === result[r]) continue;
      if (result[r] !== 1) throw new Error('Shape mismatch: objects cannot be broadcast to a single shape');
      result[r] = d;
    }
  }
  return Size.of2(result);
}

/** `torch.row_stack(tensors)`: vstack. @example torch.row_stack([a, b]) */
export function row_stack(tensors: readonly T[]): T {
  return S.vstack(tensors);
}

// ---------------------------------------------------------------- prelu

/** prelu(x, weight): x where x > 0, else weight · x, one weight per channel (dim 1; dim 0 of a 1-D x) or one for all
 *  (nn.functional.prelu, torch.prelu, x.prelu). PreluBackward0. */
function prelu_impl(input: T, weight: T): T {
  const n = weight.numel();
  let w = weight;
  if (n !== 1) {
    const ch = input._shape.length >= 2 ? input._shape[1] : input._shape[0];
    if (ch !== n) {
      throw new Error(`Mismatch of parameter numbers and input channel size. Found parameter numbers = ${n} and channel size = ${ch}.`);
    }
    const shape = input._shape.map(() => 1);
    shape[input._shape.length >= 2 ? 1 : 0] = n;
    w = S.reshape(weight, shape);
  } else if (weight._shape.length > 0) {
    w = S.reshape(weight, []);
  }
  return renamed('PreluBackward0', E.where(E.gt(input.detach(), 0), input, E.mul(w, input)));
}
export const prelu = /*#__PURE__*/ composite(prelu_impl, 'prelu');

// ---------------------------------------------------------------- creation

/** `torch.scalar_tensor(s, { dtype })`: a 0-d tensor of s, float32 unless dtype says (even for integers and booleans).
 *  @example torch.scalar_tensor(3) // tensor(3.) */
export function scalar_tensor(s: number | boolean, opts: C.TensorOptions = {}): T {
  return C.full([], Number(s), { dtype: float32, ...opts });
}

/**
 * `torch.range(start, end, step=1, { dtype })` (deprecated, with PyTorch's warning): `end` included,
 * floor((end - start) / step) + 1 values start + i·step computed in double, float32 unless dtype says.
 * @example torch.range(1, 4) // tensor([1., 2., 3., 4.])
 */
export function range(start: number, end: number, step?: number | C.FactoryOptions, opts?: C.FactoryOptions): T {
  warnOnce('torch.range', "torch.range is deprecated and will be removed in a future release because its behavior is " +
    "inconsistent with Python's range builtin. Instead, use torch.arange, which produces values in [start, end).");
  const o = C.factoryOpts('range', (typeof step === 'object' ? step : opts ?? {}) as C.FactoryOptions, ['out']);
  const st = typeof step === 'number' ? step : 1;
  if (o.out != null) {
    const args = typeof step === 'number' ? [start, end, step] : [start, end];
    return C.intoFactoryOut('range', args, (d) => [rangeSize(start, end, st, d)], o,
      (t) => C.shaped(range(start, end, st, { dtype: t.dtype }), t._shape));
  }
  const d = o.dtype ? toDType(o.dtype) : float32;
  const size = rangeSize(start, end, st, d);
  // in double for float32 (its accumulate type); in integers for int64 (truncated, integer division)
  const [s0, t0] = d === float32 ? [start, st] : [Math.trunc(start), Math.trunc(st)];
  const t = Tensor._empty([size], d === bool ? int64 : d);
  if (size > 0) K.arange_32(t._ptr(), size, s0, t0, d === float32 ? 2 : 1);
  const r = d === bool ? E.cast(t, bool) : t;
  if (r !== t) t.dispose();
  if (o.requires_grad) r.requires_grad_(true);
  return r;
}

/** torch.range's number of values in dtype d (its checks first). */
function rangeSize(start: number, end: number, st: number, d: DType): number {
  if (!(st > 0 || st < 0)) throw new RangeError('step must be nonzero');
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError(`unsupported range: ${start} -> ${end}`);
  if (!((st > 0 && end >= start) || (st < 0 && end <= start))) {
    throw new RangeError('upper bound and lower bound inconsistent with step sign');
  }
  const [s0, e0, t0] = d === float32 ? [start, end, st] : [Math.trunc(start), Math.trunc(end), Math.trunc(st)];
  if (t0 === 0) throw new RangeError('step must be nonzero');
  return d === float32 ? Math.trunc((e0 - s0) / t0 + 1) : Math.trunc((e0 - s0) / t0) + 1;
}

/**
 * `torch.empty_strided(size, stride, { dtype })`: an uninitialized tensor with the given strides over a storage just
 * large enough. @example torch.empty_strided([2, 3], [1, 2]).stride() // [1, 2]
 */
export function empty_strided(size: readonly number[], stride: readonly number[], opts: C.TensorOptions = {}): T {
  if (size.length !== stride.length) {
    throw new RangeError(`mismatch in length of strides and shape`);
  }
  for (const s of size) if (s < 0) throw new RangeError(`Trying to create tensor with negative dimension ${s}: [${size.join(', ')}]`);
  const n = numelOf(size) === 0 ? 0 : 1 + size.reduce((a, s, i) => a + (s - 1) * stride[i], 0);
  const base = Tensor._empty([n], opts.dtype ? toDType(opts.dtype) : float32);
  const t = base._view(size.slice(), stride.slice(), 0);
  t._base = null;
  base.dispose();
  if (opts.requires_grad) t.requires_grad_(true);
  return t;
}

// ---------------------------------------------------------------- as_strided

/** PyTorch's setStorage bounds check: the view must lie within the storage. */
export function checkStrided(x: T, size: readonly number[], stride: readonly number[], offset: number): void {
  if (size.length !== stride.length) {
    throw new RangeError(`mismatch in length of strides and shape`);
  }
  for (const s of stride) {
    if (s < 0) throw new RangeError(`as_strided: Negative strides are not supported at the moment, got strides: [${stride.join(', ')}]`);
  }
  if (offset < 0) throw new RangeError(`Tensor: invalid storage offset ${offset}`);
  const elems = x._live().bytes / 4;
  const need = numelOf(size) === 0 ? 0 : offset + 1 + size.reduce((a, s, i) => a + (s - 1) * stride[i], 0);
  if (need > elems) {
    const item = x.element_size();
    throw new RangeError(`setStorage: sizes [${size.join(', ')}], strides [${stride.join(', ')}], storage offset ${offset}, and ` +
      `itemsize ${item} requiring a storage size of ${need * item} are out of bounds for storage of size ${elems * item}`);
  }
}

/** The flat storage positions of a geometry's elements, as an int64 tensor of its shape. */
function positions(shape: readonly number[], stride: readonly number[], offset: number): T {
  let p = C.full([], offset, { dtype: int64 });
  shape.forEach((s, d) => {
    const shp = shape.map((_, k) => (k === d ? s : 1));
    const a = S.reshape(E.mul(C.arange(s), stride[d]), shp);
    p = E.add(p, a);
  });
  return S.expand(p, shape.slice()).contiguous();
}

/**
 * as_strided's gradient for its input: the output gradient added up at each storage position, then read back at the
 * input's positions (an input element that several output elements alias gets their sum). The storage positions
 * are relative to the input's storage, as ATen's as_strided_backward.
 */
function asStridedBackward(g: T, inShape: number[], inStride: number[], inOffset: number, size: number[], stride: number[],
  offset: number): T {
  const outPos = S.reshape(positions(size, stride, offset), [-1]);
  const inPos = S.reshape(positions(inShape, inStride, inOffset), [-1]);
  const n = 1 + Math.max(offset + size.reduce((a, s, i) => a + Math.max(s - 1, 0) * stride[i], 0),
    inOffset + inShape.reduce((a, s, i) => a + Math.max(s - 1, 0) * inStride[i], 0));
  // PyTorch's as_strided_backward: where the view's elements are distinct memory, the gradient is copied into zeros
  // (so -0 stays -0), else added at each position
  let flat: T;
  if (mayOverlap(size, stride)) flat = S.index_add([n], 0, outPos, S.reshape(g.contiguous(), [-1]));
  else {
    flat = E.filled([n], float32, 0);
    const region = flat._view(size.slice(), stride.slice(), offset);
    E.writeInto(region, g);
    region.dispose();
  }
  // an input whose elements share memory (an expanded tensor) shares the gradient out: divided by each position's
  // count (as_strided_backward's step 3; NaN where the input does not reach, as PyTorch's)
  if (mayOverlap(inShape, inStride)) {
    const count = S.index_add([n], 0, inPos, E.filled([inPos.numel()], float32, 1));
    const shared = E.div(flat, count);
    flat.dispose();
    count.dispose();
    flat = shared;
  }
  return S.reshape(S.index_select(flat, 0, inPos), inShape);
}

/** ATen's _maybe_overlapping_memory (size-1 dims dropped first, as as_strided_backward does). */
function mayOverlap(size: number[], stride: number[]): boolean {
  const dims = size.map((_, i) => i).filter((i) => size[i] > 1).sort((a, b) => stride[a] - stride[b]);
  let max = 0;
  for (const i of dims) {
    if (stride[i] <= max) return true;
    max += stride[i] * (size[i] - 1);
  }
  return false;
}

/**
 * `torch.as_strided(x, size, stride, storage_offset=None)`: a view of x's storage with the given geometry (the
 * offset is x's own unless given), within the storage's bounds (PyTorch's error otherwise); AsStridedBackward0.
 * @example torch.as_strided(torch.arange(9.), [2, 2], [3, 1], 1) // tensor([[1., 2.], [4., 5.]])
 */
export function as_strided(input: T, size: readonly number[], stride: readonly number[], storage_offset?: number | null): T {
  const o = native('as_strided', ['input', 'size', 'stride', 'storage_offset'], { storage_offset: null }, arguments);
  const x = o.input as T;
  const sz = [...o.size as number[]];
  const st = [...o.stride as number[]];
  const off = o.storage_offset ?? x._offset;
  checkStrided(x, sz, st, off);
  const out = x._view(sz, st, off);
  const inShape = x._shape.slice();
  const inStride = x._strides.slice();
  const inOffset = x._offset;
  return record('AsStridedBackward0', out, [x], [], (g) => [asStridedBackward(g, inShape, inStride, inOffset, sz, st, off)]);
}

/** An in-place view op's geometry change of x (Tensor.as_strided_, unsqueeze_, t_, ...): PyTorch's checks, the
 *  version bump and a node named `node` whose backward maps the gradient back to x's former geometry. */
export function inplaceView<X extends T>(x: X, node: string, shape: number[], strides: number[], offset: number,
  back: (g: T) => T): X {
  const grad = checkInplace(x, []);
  // the node's edge is x's history before the change (taken from an alias that carries it)
  let n: Node | null = null;
  if (grad) {
    const alias = x._savedAlias();
    n = new Node(node, [alias], [], (g) => [back(g)]);
    alias._release('an in-place view op (its former history is the node\'s edge)');
  }
  x._shape = shape;
  x._strides = strides;
  x._offset = offset;
  x._resetSize();
  x._bumpVersion();
  if (n) {
    x._setHistory(n);
    n.output = x;
  }
  return x;
}

/** x.as_strided_(size, stride, storage_offset=None): x itself takes the geometry (AsStridedBackward1). */
export function as_strided_<X extends T>(x: X, size: readonly number[], stride: readonly number[], storage_offset?: number | null): X {
  const sz = [...size];
  const st = [...stride];
  const off = storage_offset ?? x._offset;
  checkStrided(x, sz, st, off);
  const inShape = x._shape.slice();
  const inStride = x._strides.slice();
  const inOffset = x._offset;
  return inplaceView(x, 'AsStridedBackward1', sz, st, off, (g) => asStridedBackward(g, inShape, inStride, inOffset, sz, st, off));
}

/**
 * `torch.as_strided_scatter(input, src, size, stride, storage_offset=None)`: a contiguous copy of input with src
 * written into its as_strided(size, stride, storage_offset) view. AsStridedScatterBackward0.
 * @example torch.as_strided_scatter(torch.zeros(4), torch.ones(2), [2], [2]) // tensor([1., 0., 1., 0.])
 */
function as_strided_scatter_impl(input: T, src: T, size: readonly number[], stride: readonly number[], storage_offset?: number | null): T {
  const sz = [...size];
  const st = [...stride];
  const off = storage_offset ?? 0;
  const scatterInto = (base: T, v: T): T => {
    const out = E.convert(base, base.dtype);
    checkStrided(out, sz, st, off);
    const view = out._view(sz, st, off);
    if (!sameShapeOf(v._shape, sz)) {
      view.dispose();
      out.dispose();
      throw new RangeError(`expected src to have a size equal to the slice of self. src size = ${fmtShape(v._shape)}, slice size = ${fmtShape(sz)}`);
    }
    E.writeInto(view, v);
    view.dispose();
    return out;
  };
  const out = scatterInto(input.detach(), src.detach());
  const inShape = input._shape.slice();
  return record('AsStridedScatterBackward0', out, [input, src], [], (g, _s, needs) => {
    const gc = g.contiguous();
    return [
      needs[0] ? S.reshape(scatterInto(gc, C.zeros(sz)), inShape) : null,
      needs[1] ? E.convert(gc._view(sz, st, gc._offset + off), float32) : null,
    ];
  });
}
export const as_strided_scatter = /*#__PURE__*/ composite(as_strided_scatter_impl, 'as_strided_scatter');

const sameShapeOf = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

// ---------------------------------------------------------------- float_power

function fpow(a: T | number, b: T | number): T {
  // in float64 (PyTorch's result dtype), rounded once: one kernel over the broadcast operands
  const ta = typeof a === 'number' ? null : a;
  const tb = typeof b === 'number' ? null : b;
  const shape = ta && tb ? broadcastShapes(ta._shape, tb._shape) : (ta ?? tb)!._shape.slice();
  const prep = (t: T) => {
    const f = t.dtype === float32 ? t : E.cast(t, float32);
    const c = S.expand(f, shape).contiguous();
    return c;
  };
  const pa = ta ? prep(ta.detach()) : null;
  const pb = tb ? prep(tb.detach()) : null;
  const out = Tensor._empty(shape, float32);
  const n = out.numel();
  if (n > 0) {
    const mode = pa && pb ? 0 : pa ? 1 : 2;
    K.float_power_f32(out._ptr(), pa ? pa._ptr() : 0, pb ? pb._ptr() : 0, n, mode, typeof a === 'number' ? a : typeof b === 'number' ? b : 0);
  }
  return out;
}

/**
 * `torch.float_power(input, exponent)`: input ** exponent in double precision, as PyTorch computes it; tocha has no
 * float64, so the double result is rounded to float32 (README "What differs"). Either operand may be a number.
 * Gradients as PyTorch's pow (PowBackward0/1/2).
 * @example torch.float_power(torch.tensor([2, 3]), 0.5) // tensor([1.4142, 1.7321])
 */
function float_power_impl(input: T | number, exponent: T | number): T {
  if (!(input instanceof Tensor) && !(exponent instanceof Tensor)) {
    throw new TypeError(`float_power() received an invalid combination of arguments - got (${pyType(input)}, ${pyType(exponent)})`);
  }
  const out = fpow(input, exponent);
  if (!is_grad_enabled()) return out;
  if (input instanceof Tensor && typeof exponent === 'number') {
    const e = exponent;
    return record('PowBackward0', out, [input], [input], (g, [x]) => [e === 0 ? E.mul(g, 0) : E.mul(g, E.mul(fpow(x, e - 1), e))]);
  }
  if (input instanceof Tensor && exponent instanceof Tensor) {
    return record('PowBackward1', out, [input, exponent], [input, exponent, out], (g, [x, y, r], needs) => [
      needs[0] ? E.mul(g, E.where(E.eq(y, 0), 0, E.mul(fpow(x, E.sub(y, 1)), y))) : null,
      needs[1] ? E.mul(g, E.where(E.logical_and(E.eq(x, 0), E.ge(y, 0)), 0, E.mul(r, E.log(x)))) : null,
    ]);
  }
  const b = input as number;
  return record('PowBackward2', out, [exponent as T], [exponent as T, out], (g, [y, r]) => [
    b === 0 ? E.mul(g, E.where(E.ge(y, 0), 0, E.mul(r, -Infinity))) : E.mul(g, E.mul(r, Math.log(b))),
  ]);
}

export const float_power = /*#__PURE__*/ composite(float_power_impl, 'float_power');

// ---------------------------------------------------------------- gradient

type Spacing = number | readonly number[] | readonly T[] | T;

/**
 * `torch.gradient(input, { spacing = 1, dim = null, edge_order = 1 })`: the derivative estimated by central differences
 * along each dim (one tensor per dim), first- or second-order at the edges, with a uniform spacing (a number, or one
 * per dim) or coordinates (one 1-D tensor per dim), ATen's formulas.
 * @example torch.gradient(torch.tensor([1, 4, 9, 16.])) // [tensor([3., 4., 6., 7.])]
 */
function gradient_impl(input: T, opts: { spacing?: Spacing; dim?: number | readonly number[] | null; edge_order?: number } = {}): T[] {
  for (const k of Object.keys(opts)) {
    if (!['spacing', 'dim', 'edge_order'].includes(k)) throw new TypeError(`gradient() got an unexpected keyword argument '${k}'`);
  }
  const nd = input._shape.length;
  const order = opts.edge_order ?? 1;
  const dimArg = opts.dim ?? null;
  const dims = dimArg === null ? input._shape.map((_, i) => i) : typeof dimArg === 'number' ? [dimArg] : [...dimArg];
  const sp = opts.spacing ?? 1;
  const spacing: (number | T)[] = sp instanceof Tensor ? [sp]
    : typeof sp === 'number' ? Array(dims.length).fill(sp) : [...sp];
  const spacingGiven = !(typeof sp === 'number') && opts.spacing !== undefined;
  if (spacingGiven && dimArg === null && spacing.length !== 1 && spacing.length !== nd) {
    throw new RangeError(`torch.gradient expected spacing to be unspecified, a scalar or a list of length ${nd} but got a list of length ${spacing.length}`);
  }
  if (spacingGiven && dimArg !== null && spacing.length !== dims.length) {
    throw new RangeError('torch.gradient expected spacing to be unspecified, a scalar, or it\'s spacing and dim arguments to have the ' +
      `same length, but got a spacing argument of length ${spacing.length} and a dim argument of length ${dims.length}.`);
  }
  if (order !== 1 && order !== 2) throw new RangeError('torch.gradient only supports edge_order=1 and edge_order=2.');
  const seen = new Set<number>();
  for (const d0 of dims) {
    const d = normDim(d0, nd);
    if (seen.has(d)) throw new RangeError(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  for (const d of dims) {
    if (input._shape[normDim(d, nd)] < order + 1) throw new RangeError('torch.gradient expected each dimension size to be at least edge_order+1');
  }
  const full = spacing.length === 1 && dims.length > 1 ? Array(dims.length).fill(spacing[0]) : spacing;
  const sl = (d: number, a: number, b?: number) => {
    const n = input._shape[d];
    const s = a < 0 ? n + a : a;
    const e = b === undefined ? n : b < 0 ? n + b : b;
    return S.narrow(input, d, s, e - s);
  };
  return dims.map((d0, i) => {
    const d = normDim(d0, nd);
    const h = full[i];
    let center: T;
    let pre: T;
    let app: T;
    if (!(h instanceof Tensor)) {
      center = E.div(E.div(E.sub(sl(d, 2), sl(d, 0, -2)), h), 2);
      if (order === 1) {
        pre = E.div(E.sub(sl(d, 1, 2), sl(d, 0, 1)), h);
        app = E.div(E.sub(sl(d, -1), sl(d, -2, -1)), h);
      } else {
        pre = E.div(E.sub(E.add(E.mul(sl(d, 0, 1), -1.5), E.mul(sl(d, 1, 2), 2)), E.mul(sl(d, 2, 3), 0.5)), h);
        app = E.div(E.add(E.sub(E.mul(sl(d, -3, -2), 0.5), E.mul(sl(d, -2, -1), 2)), E.mul(sl(d, -1), 1.5)), h);
      }
    } else {
      if (h._shape.length !== 1) {
        throw new RangeError(`torch.gradient expected each element of spacing to have one dimension, but got an element with ${h._shape.length} dimensions!`);
      }
      const shape = input._shape.map(() => 1);
      shape[d] = -1;
      const dx = X.diff(h, 1, 0);
      const m = dx._shape[0];
      const dx1 = S.narrow(dx, 0, 0, m - 1);
      const dx2 = S.narrow(dx, 0, 1, m - 1);
      const a = S.reshape(E.div(E.neg(dx2), E.mul(dx1, E.add(dx1, dx2))), shape);
      const b = S.reshape(E.div(E.sub(dx2, dx1), E.mul(dx1, dx2)), shape);
      const c = S.reshape(E.div(dx1, E.mul(dx2, E.add(dx1, dx2))), shape);
      center = E.add(E.add(E.mul(a, sl(d, 0, -2)), E.mul(b, sl(d, 1, -1))), E.mul(c, sl(d, 2)));
      const at = (k: number) => S.select(dx, 0, k < 0 ? m + k : k);
      if (order === 1) {
        pre = E.div(E.sub(sl(d, 1, 2), sl(d, 0, 1)), at(0));
        app = E.div(E.sub(sl(d, -1), sl(d, -2, -1)), at(-1));
      } else {
        const [h0, h1] = [at(0), at(1)];
        const a0 = E.div(E.neg(E.add(E.mul(h0, 2), h1)), E.mul(h0, E.add(h0, h1)));
        const b0 = E.div(E.add(h0, h1), E.mul(h0, h1));
        const c0 = E.div(E.neg(h0), E.mul(h1, E.add(h0, h1)));
        pre = E.add(E.add(E.mul(a0, sl(d, 0, 1)), E.mul(b0, sl(d, 1, 2))), E.mul(c0, sl(d, 2, 3)));
        const [l1, l2] = [at(-1), at(-2)];
        const a1 = E.div(l1, E.mul(l2, E.add(l1, l2)));
        const b1 = E.div(E.neg(E.add(l1, l2)), E.mul(l1, l2));
        const c1 = E.div(E.add(E.mul(l1, 2), l2), E.mul(l1, E.add(l1, l2)));
        app = E.add(E.add(E.mul(a1, sl(d, -3, -2)), E.mul(b1, sl(d, -2, -1))), E.mul(c1, sl(d, -1)));
      }
    }
    return S.cat([pre, center, app], d);
  });
}
export const gradient = /*#__PURE__*/ composite(gradient_impl, 'gradient');

// ---------------------------------------------------------------- histograms

/** The histogram of points (N, D) over per-dim edges: counts (or weight sums) of the bins, rightmost edge included. */
function histogramCore(fn: string, points: T, edges: T[], weight: T | null, density: boolean): T {
  const [n, D] = points._shape;
  const sizes = edges.map((e) => e._shape[0] - 1);
  let flat: T = C.zeros([n], { dtype: int64 });
  let inside: T = C.ones([n], { dtype: bool });
  edges.forEach((e, d) => {
    const col = S.select(points, 1, d).contiguous();
    const nb = sizes[d];
    const lo = S.select(e, 0, 0);
    const hi = S.select(e, 0, nb);
    inside = E.logical_and(inside, E.logical_and(E.ge(col, lo), E.le(col, hi)));
    const pos = E.sub(searchsorted(e.contiguous(), col, { right: true }), 1).clamp(0, Math.max(nb - 1, 0));
    flat = E.add(E.mul(flat, nb), pos);
  });
  void D;
  const total = sizes.reduce((a, b) => a * b, 1);
  const keep = S.masked_select(flat, inside);
  let w: T;
  if (weight) w = S.masked_select(S.reshape(weight, [-1]), inside);
  else w = C.ones([keep.numel()], { dtype: float32 });
  let hist = S.reshape(X.bincount(keep, w, total), sizes);
  if (density) {
    const s = Number(R.sum(hist).item());
    hist = E.div(hist, s);
    edges.forEach((e, d) => {
      const shape = sizes.map(() => 1);
      shape[d] = sizes[d];
      hist = E.div(hist, S.reshape(X.diff(e), shape));
    });
  }
  void fn;
  return hist;
}

/** The outer edges of each dim: range if given, else the data's min and max (widened by 0.5 when equal). */
function outerEdges(fn: string, points: T, D: number, range: readonly number[] | null): [number[], number[]] {
  const lo: number[] = Array(D).fill(0);
  const hi: number[] = Array(D).fill(0);
  if (range) {
    if (range.length !== 2 * D) {
      throw new RangeError(`${fn}: for a ${D}-dimensional histogram range should have ${2 * D} elements, but got ${range.length}`);
    }
    for (let d = 0; d < D; d++) { lo[d] = range[2 * d]; hi[d] = range[2 * d + 1]; }
  } else if (points.numel() > 0) {
    const [mn, mx] = X.aminmax(points, { dim: 0 });
    const a = mn.tolist() as number[];
    const b = mx.tolist() as number[];
    for (let d = 0; d < D; d++) { lo[d] = a[d]; hi[d] = b[d]; }
  }
  for (let d = 0; d < D; d++) {
    if (!Number.isFinite(lo[d]) || !Number.isFinite(hi[d])) {
      throw new RangeError(`torch.histogramdd: dimension ${d}'s range [${cppDouble(lo[d])}, ${cppDouble(hi[d])}] is not finite`);
    }
    if (!(lo[d] <= hi[d])) {
      throw new RangeError(`torch.histogramdd: min should not exceed max, but got min ${cppDouble(lo[d])} max ${cppDouble(hi[d])} for dimension ${d}`);
    }
    if (lo[d] === hi[d]) { lo[d] -= 0.5; hi[d] += 0.5; }
  }
  return [lo, hi];
}

/** A double as C++'s ostream prints it (6 significant digits, %g; nan, inf). */
function cppDouble(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e6)) {
    const [m, e] = v.toExponential(5).split('e');
    const mm = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    return `${mm}e${Number(e) < 0 ? '-' : '+'}${String(Math.abs(Number(e))).padStart(2, '0')}`;
  }
  return String(Number(v.toPrecision(6)));
}

function checkHistInput(fn: string, input: T): void {
  if (input.dtype !== float32) throw new TypeError(`"${fn}" not implemented for '${scalarName(input.dtype)}'`);
}

type HistOpts = { range?: readonly number[] | null; weight?: T | null; density?: boolean };

/** The result of torch.histogram: `{ hist, bin_edges }`, also `[hist, bin_edges]`. */
export type HistogramResult = [T, T] & { hist: T; bin_edges: T };

/**
 * `torch.histogram(input, bins=100, { range, weight, density })`: counts (or weight sums) of input's values in `bins`
 * equal bins between its min and max (or `range`), or between the edges of a 1-D `bins` tensor; the rightmost edge
 * is inside the last bin. Returns `[hist, bin_edges]` (also `.hist`, `.bin_edges`), float32 input only.
 * @example torch.histogram(torch.tensor([1, 2, 1, 4.]), 3).hist // tensor([2., 1., 1.])
 */
function histogram_impl(input: T, bins: number | T | HistOpts = 100, opts: HistOpts = {}): HistogramResult {
  if (!(bins instanceof Tensor) && typeof bins === 'object') { opts = bins; bins = 100; }
  checkHistInput('histogramdd', input);
  const points = S.reshape(input, [-1, 1]);
  let edges: T;
  if (bins instanceof Tensor) {
    if (opts.range) throw new TypeError('histogram() received an invalid combination of arguments - got (Tensor, Tensor, range=...)');
    if (bins.dtype !== input.dtype) throw new TypeError('torch.histogramdd: input tensor and bins tensors should have the same dtype, but got input float and bins long');
    if (bins._shape.length !== 1) throw new RangeError(`torch.histogramdd: bins tensor should have one dimension, but got ${bins._shape.length} dimensions in the bins tensor for dimension 0`);
    if (bins.numel() < 1) throw new RangeError('torch.histogramdd: bins tensor should have at least 1 element, but got 0 elements in the bins tensor for dimension 0');
    edges = bins.contiguous();
  } else {
    if (!Number.isInteger(bins) || bins <= 0) throw new RangeError(`torch.histogramdd(): bins must be > 0, but got ${bins} for dimension 0`);
    const [lo, hi] = outerEdges('torch.histogram', points, 1, opts.range ?? null);
    edges = C.linspace(lo[0], hi[0], bins + 1);
  }
  if (opts.weight && opts.weight._shape.join() !== input._shape.join()) {
    throw new RangeError(`torch.histogramdd: if weight tensor is provided it should have the same shape as the input tensor excluding its innermost dimension, but got input with shape ${fmtShape(input._shape)} and weight with shape ${fmtShape(opts.weight._shape)}`);
  }
  const hist = histogramCore('histogram', points, [edges], opts.weight ?? null, opts.density ?? false);
  const e = edges === bins ? E.clone(edges) : edges;
  return namedTuple<HistogramResult>('histogram', ['hist', 'bin_edges'], [hist, e]);
}
export const histogram = /*#__PURE__*/ composite(histogram_impl, 'histogram');

/** The result of torch.histogramdd: `{ hist, bin_edges }` (bin_edges one tensor per dim), also `[hist, bin_edges]`. */
export type HistogramddResult = [T, T[]] & { hist: T; bin_edges: T[] };

/**
 * `torch.histogramdd(input, bins, { range, weight, density })`: the D-dimensional histogram of the points of input
 * (..., D): `bins` a number (per dim), a list of numbers, or a list of D edge tensors.
 * @example torch.histogramdd(torch.tensor([[0, 0], [1, 1.]]), [2, 2]).hist // tensor([[1., 0.], [0., 1.]])
 */
function histogramdd_impl(input: T, bins: number | readonly number[] | readonly T[],
  ...rest: [opts?: HistOpts] | [range?: readonly number[] | null, weight?: T | null, density?: boolean, opts?: HistOpts]): HistogramddResult {
  // (range, weight and density by position too, as PyTorch's signatures take them)
  const o = (rest.length && isPlainObject(rest[rest.length - 1]) ? rest.pop() : {}) as HistOpts;
  const [range = o.range, weight = o.weight, density = o.density] = rest as [(readonly number[] | null)?, (T | null)?, boolean?];
  const opts: HistOpts = { range, weight, density };
  checkHistInput('histogramdd', input);
  if (input._shape.length < 1) throw new RangeError('torch.histogramdd: input tensor should have at least 1 dimension, but got 0');
  const D = input._shape[input._shape.length - 1];
  const points = S.reshape(input, [-1, D]);
  let edges: T[];
  const list = typeof bins === 'number' ? Array(D).fill(bins) : [...bins];
  if (list.length !== D) {
    throw new RangeError(`torch.histogramdd: expected ${D} sequences of bin edges for each of the ${D} dimensions of the input, but got ${list.length}`);
  }
  if (list[0] instanceof Tensor) {
    edges = (list as T[]).map((b) => b.contiguous());
  } else {
    (list as number[]).forEach((b, d) => {
      if (!Number.isInteger(b) || b <= 0) throw new RangeError(`torch.histogramdd(): bins must be > 0, but got ${b} for dimension ${d}`);
    });
    const [lo, hi] = outerEdges('torch.histogramdd', points, D, opts.range ?? null);
    edges = (list as number[]).map((b, d) => C.linspace(lo[d], hi[d], b + 1));
  }
  const hist = histogramCore('histogramdd', points, edges, opts.weight ?? null, opts.density ?? false);
  const out = edges.map((e, d) => (e === list[d] ? E.clone(e) : e));
  return namedTuple<HistogramddResult>('histogramdd', ['hist', 'bin_edges'], [hist, out]);
}
export const histogramdd = /*#__PURE__*/ composite(histogramdd_impl, 'histogramdd');

// ---------------------------------------------------------------- vander

/**
 * `torch.vander(x, N=None, increasing=False)`: the Vandermonde matrix of a 1-D x, columns x^(N-1) ... x^0 (or
 * increasing), N = len(x) by default; integer input gives int64. ATen's steps (a cumulative product, then a flip).
 * @example torch.vander(torch.tensor([1, 2, 3]), 3) // tensor([[1, 1, 1], [4, 2, 1], [9, 3, 1]])
 */
function vander_impl(x: T, N?: number | null | { N?: number | null; increasing?: boolean }, increasing?: boolean): T {
  const o = native('vander', ['x', 'N', 'increasing'], { N: null, increasing: false }, arguments);
  if (x._shape.length !== 1) throw new RangeError('x must be a one-dimensional tensor.');
  let n = x._shape[0];
  if (o.N !== null) {
    n = o.N;
    if (n < 0) throw new RangeError('N must be non-negative.');
  }
  const dt = x.dtype === float32 ? float32 : int64;
  const rows = x._shape[0];
  // ATen: ones, then the columns after the first set to x and cumulated (a copy into a slice: CopySlices)
  let result = n > 1 ? S.cat([C.ones([rows, 1], { dtype: dt }), cumprodCols(S.unsqueeze(E.cast(x, dt), 1), n - 1)], 1)
    : C.ones([rows, n], { dtype: dt });
  if (!o.increasing) return S.flip(result, [1]);
  if (n > 1) result = renamed('CopySlices', result);
  return result;
}
export const vander = /*#__PURE__*/ composite(vander_impl, 'vander');

/** cumprod of k copies of the column c along the last dim: x, x², ... (float: ATen's cumprod; int64: exact products,
 *  where tocha's cumprod would round through float32). */
function cumprodCols(c: T, k: number): T {
  if (c.dtype === float32) return R.cumprod(S.expand(c, [...c._shape.slice(0, -1), k]), -1);
  const cols = [c];
  for (let i = 1; i < k; i++) cols.push(E.mul(cols[i - 1], c));
  return S.cat(cols, -1);
}

/**
 * `torch.linalg.vander(x, { N })`: x^0 ... x^(N-1) along a new last dim, batched over x's dims (N = x's last size by
 * default, at least 2). @example torch.linalg.vander(torch.tensor([1, 2, 3.])) // [[1,1,1],[1,2,4],[1,3,9]]
 */
function linalg_vander_impl(x: T, opts: { N?: number | null } = {}): T {
  for (const k of Object.keys(opts)) if (k !== 'N') throw new TypeError(`linalg_vander() got an unexpected keyword argument '${k}'`);
  if (x.dtype === bool) throw new TypeError('linalg.vander supports floating point, complex, and integer tensors, but got Bool');
  const x1 = x._shape.length === 0 ? S.unsqueeze(x, -1) : x;
  const shape = x1._shape.slice();
  const n = opts.N ?? shape[shape.length - 1];
  if (!(n > 1)) throw new RangeError('N must be greater than 1.');
  const cp = cumprodCols(S.unsqueeze(x1, -1), n - 1);
  const ones = C.ones([...shape, 1], { dtype: cp.dtype });
  return S.cat([ones, cp], -1);
}
export const linalg_vander = /*#__PURE__*/ composite(linalg_vander_impl, 'linalg.vander');

// ---------------------------------------------------------------- windows

type WindowOpts = C.TensorOptions;

function windowChecks(fn: string, n: number, o: WindowOpts): DType {
  const d = o.dtype ? toDType(o.dtype) : float32;
  if (d !== float32) {
    throw new TypeError(`${fn} expects floating point dtypes, got: TensorOptions(dtype=${d === int64 ? 'long int' : 'bool'}, ` +
      'device=cpu, layout=Strided (default), requires_grad=false (default), pinned_memory=false, memory_format=(nullopt))');
  }
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${fn} requires non-negative window_length, got window_length=${n}`);
  return d;
}

function windowArgs(fn: string, args: unknown[], extra: string[], defaults: number[]): [number, boolean, number[], WindowOpts] {
  const a = args.slice();
  const o = (a.length && typeof a[a.length - 1] === 'object' && a[a.length - 1] !== null ? a.pop() : {}) as WindowOpts & Record<string, unknown>;
  if (a.length > 2 + extra.length) throw new TypeError(`${fn}() takes at most ${2 + extra.length} positional arguments but ${a.length} were given`);
  const names = ['window_length', 'periodic', ...extra];
  for (const k of Object.keys(o)) {
    if (o[k] === undefined) continue;
    if (names.includes(k)) {
      const i = names.indexOf(k);
      if (i < a.length) throw new TypeError(`${fn}() got multiple values for argument '${k}'`);
      a[i] = o[k];
    } else if (!['dtype', 'requires_grad', 'device', 'layout', 'pin_memory'].includes(k)) {
      throw new TypeError(`${fn}() got an unexpected keyword argument '${k}'`);
    }
  }
  const [n, periodic = true, ...rest] = a as [number, boolean?, ...number[]];
  return [n, periodic, extra.map((_, i) => rest[i] ?? defaults[i]), o];
}

function finishWindow(w: T, periodic: boolean, n: number, o: WindowOpts): T {
  const r = periodic ? S.narrow(w, 0, 0, n - 1).contiguous() : w;
  if (o.requires_grad) r.requires_grad_(true);
  return r;
}

/** `torch.hamming_window(window_length, periodic=True, alpha=0.54, beta=0.46, { dtype })`: alpha - beta·cos(2πn/(N-1)).
 *  @example torch.hamming_window(5) */
function hamming_impl(window_length: number, ...rest: (boolean | number | WindowOpts)[]): T {
  const [n0, periodic, [alpha, beta], o] = windowArgs('hamming_window', [window_length, ...rest], ['alpha', 'beta'], [0.54, 0.46]);
  windowChecks('hamming_window', n0, o);
  return hammingCore(n0, periodic, alpha, beta, o);
}
function hammingCore(n0: number, periodic: boolean, alpha: number, beta: number, o: WindowOpts): T {
  if (n0 === 0) return C.empty([0]);
  if (n0 === 1) return C.ones([1], { requires_grad: o.requires_grad });
  const n = periodic ? n0 + 1 : n0;
  const w = E.add(E.mul(E.cos(E.mul(C.arange(n, { dtype: float32 }), (Math.PI * 2) / (n - 1))), -beta), alpha);
  return finishWindow(w, periodic, n, o);
}
export const hamming_window = /*#__PURE__*/ composite(hamming_impl, 'hamming_window');

/** `torch.hann_window(window_length, periodic=True, { dtype })`: 0.5 - 0.5·cos(2πn/(N-1)). @example torch.hann_window(5) */
function hann_impl(window_length: number, ...rest: (boolean | WindowOpts)[]): T {
  const [n0, periodic, , o] = windowArgs('hann_window', [window_length, ...rest], [], []);
  windowChecks('hann_window', n0, o);
  return hammingCore(n0, periodic, 0.5, 0.5, o);
}
export const hann_window = /*#__PURE__*/ composite(hann_impl, 'hann_window');

/** `torch.blackman_window(window_length, periodic=True, { dtype })`: 0.42 - 0.5·cos(2πn/(N-1)) + 0.08·cos(4πn/(N-1)).
 *  @example torch.blackman_window(5) */
function blackman_impl(window_length: number, ...rest: (boolean | WindowOpts)[]): T {
  const [n0, periodic, , o] = windowArgs('blackman_window', [window_length, ...rest], [], []);
  windowChecks('blackman_window', n0, o);
  if (n0 === 0) return C.empty([0]);
  if (n0 === 1) return C.ones([1], { requires_grad: o.requires_grad });
  const n = periodic ? n0 + 1 : n0;
  const w0 = E.mul(C.arange(n, { dtype: float32 }), Math.PI / (n - 1));
  const w = E.add(E.sub(E.mul(E.cos(E.mul(w0, 4)), 0.08), E.mul(E.cos(E.mul(w0, 2)), 0.5)), 0.42);
  return finishWindow(w, periodic, n, o);
}
export const blackman_window = /*#__PURE__*/ composite(blackman_impl, 'blackman_window');

/** `torch.bartlett_window(window_length, periodic=True, { dtype })`: the triangular window 1 - |2n/(N-1) - 1|.
 *  @example torch.bartlett_window(5, false) // tensor([0.0000, 0.5000, 1.0000, 0.5000, 0.0000]) */
function bartlett_impl(window_length: number, ...rest: (boolean | WindowOpts)[]): T {
  const [n0, periodic, , o] = windowArgs('bartlett_window', [window_length, ...rest], [], []);
  windowChecks('bartlett_window', n0, o);
  if (n0 === 0) return C.empty([0]);
  if (n0 === 1) return C.ones([1], { requires_grad: o.requires_grad });
  const n = periodic ? n0 + 1 : n0;
  const w = E.mul(C.arange(n, { dtype: float32 }), 2 / (n - 1));
  const half = ((n - 1) >> 1) + 1;
  const tail = S.narrow(w, 0, half, n - half);
  E.writeInto(tail, E.add(E.mul(tail, -1), 2));
  return finishWindow(w, periodic, n, o);
}
export const bartlett_window = /*#__PURE__*/ composite(bartlett_impl, 'bartlett_window');

/** `torch.kaiser_window(window_length, periodic=True, beta=12.0, { dtype })`: I₀(β·√(1 - ((n - α)/α)²)) / I₀(β),
 *  α = (N - 1)/2, in float32 as PyTorch's kernel. @example torch.kaiser_window(4) */
function kaiser_impl(window_length: number, ...rest: (boolean | number | WindowOpts)[]): T {
  const [n0, periodic, [beta], o] = windowArgs('kaiser_window', [window_length, ...rest], ['beta'], [12.0]);
  windowChecks('kaiser_window', n0, o);
  if (n0 === 0) return C.empty([0]);
  if (n0 === 1) return C.ones([1], { requires_grad: o.requires_grad });
  const n = periodic ? n0 + 1 : n0;
  const alpha = Math.fround((n - 1) / 2);
  const b = Math.fround(beta);
  const t = E.div(E.sub(C.arange(n, { dtype: float32 }), alpha), alpha);
  const arg = E.mul(E.sqrt(E.add(E.neg(E.mul(t, t)), 1)), b);
  const w = E.div(i0(arg), i0(C.full([1], b)));
  return finishWindow(w, periodic, n, o);
}
export const kaiser_window = /*#__PURE__*/ composite(kaiser_impl, 'kaiser_window');

// ---------------------------------------------------------------- fill, put, index_reduce, segment_reduce

/** `torch.fill(input, value)`: a new tensor of input's shape and dtype full of value (a number or a 0-d tensor);
 *  FillBackward0/1. @example torch.fill(torch.zeros(2), 3) // tensor([3., 3.]) */
export function fill(input: T, value: number | boolean | T): T {
  if (value instanceof Tensor && value._shape.length !== 0) {
    throw new Error(`fill_ only supports 0-dimension value tensor but got tensor with ${value._shape.length} dimensions.`);
  }
  const v = value instanceof Tensor ? Number(value.item()) : Number(value);
  const out = E.filled(input._shape.slice(), input.dtype, v);
  if (value instanceof Tensor) {
    return record('FillBackward1', out, [input, value], [], (g, _s, needs) => [needs[0] ? E.filled(g._shape.slice(), float32, 0) : null, needs[1] ? R.sum(g) : null]);
  }
  return record('FillBackward0', out, [input], [], (g) => [E.filled(g._shape.slice(), float32, 0)]);
}

/** put's checks and flat indices (negative ones wrapped), PyTorch's errors. */
function putIndex(x: T, index: T, source: T): T {
  if (index.dtype !== int64) throw new TypeError(`put_(): Expected a long tensor for index, but got ${index.dtype === float32 ? 'Float' : 'Bool'}`);
  if (source.dtype !== x.dtype) {
    throw new TypeError(`put_(): self and source expected to have the same dtype, but got self.dtype = ${scalarName(x.dtype)} and source.dtype = ${scalarName(source.dtype)}`);
  }
  if (source.numel() !== index.numel()) {
    throw new RangeError(`put_(): Expected source and index to have the same number of elements, but got source.numel() = ${source.numel()}, index.numel() = ${index.numel()}`);
  }
  const n = x.numel();
  const flat = S.reshape(index, [-1]).contiguous();
  if (flat.numel()) {
    const [lo, hi] = S.indexRange(flat);
    if (lo < -n || hi >= n) {
      throw new RangeError(`out of range: tried to access index ${lo < -n ? lo : hi} on a tensor of ${n} elements.`);
    }
  }
  return E.where(E.lt(flat, 0), E.add(flat, n), flat);
}

function putCore(x: T, idx: T, source: T, accumulate: boolean): T {
  const flat = S.reshape(x.detach(), [-1]);
  const r = S.index_put(flat, [idx], S.reshape(source.detach(), [-1]), accumulate);
  return S.reshape(r, x._shape).contiguous();
}

/**
 * `torch.put(input, index, source, accumulate=False)`: a copy of input with the elements at the flat `index` (as if
 * input were 1-D; negative from the end) set to (or, accumulating, increased by) source's. PutBackward0.
 * @example torch.put(torch.zeros(2, 2), torch.tensor([0, 3]), torch.tensor([1, 2.]))
 */
function put_impl(input: T, index: T, source: T, accumulate = false): T {
  const idx = putIndex(input, index, source);
  const out = putCore(input, idx, source, accumulate);
  const srcShape = source._shape.slice();
  return record('PutBackward0', out, [input, source], [idx], (g, [i], needs) => [
    needs[0] ? (accumulate ? g : putCore(g, i, C.zeros([i.numel()]), false)) : null,
    needs[1] ? S.reshape(S.index_select(S.reshape(g.contiguous(), [-1]), 0, i), srcShape) : null,
  ]);
}
export const put = /*#__PURE__*/ composite(put_impl, 'put');

/** Tensor.put_: put written into x. */
export function put_<X extends T>(x: X, index: T, source: T, accumulate = false): X {
  return E.inplace(x, () => put(x, index, source, accumulate), 'put_', source);
}

const INDEX_REDUCE = ['prod', 'mean', 'amax', 'amin'];

/**
 * `torch.index_reduce(input, dim, index, source, reduce, { include_self = true })`: input with source's slices along
 * dim reduced ('prod', 'mean', 'amax', 'amin') into the slices `index` names (PyTorch's beta warning, once).
 * IndexReduceBackward0. @example torch.index_reduce(x, 0, torch.tensor([0, 0]), src, 'amax')
 */
function index_reduce_impl(input: T, dim: number, index: T, source: T, reduce: string, opts: { include_self?: boolean } = {}): T {
  warnOnce('index_reduce', 'index_reduce() is in beta and the API may change at any time. (Triggered internally at  ' +
    './aten/src/ATen/native/TensorAdvancedIndexing.cpp:1008.)');
  if (!INDEX_REDUCE.includes(reduce)) {
    throw new RangeError(`index_reduce(): Expected reduce to be one of prod, mean, amax or amin but got ${reduce}.`);
  }
  const nd = input._shape.length;
  const d = normDim(dim, Math.max(nd, 1));
  if (index._shape.length > 1) throw new RangeError('index_reduce_(): Index is supposed to be a vector');
  if (index.dtype !== int64) throw new TypeError(`index_reduce_(): Expected dtype int32/int64 for index but got: ${scalarName(index.dtype)}`);
  if (source.dtype !== input.dtype) throw new TypeError('index_reduce_(): self and source expected to have the same dtype');
  const srcD = source._shape.length === 0 ? 1 : source._shape[d];
  if (index.numel() !== srcD) {
    throw new RangeError('index_reduce_(): Expected the index to have the same number of elements as the source has in dimension ' +
      `${d}, but got index.numel() = ${index.numel()} and source.size(${d}) = ${srcD}`);
  }
  const shp = source._shape.map((_, k) => (k === d ? srcD : 1));
  const idx = S.expand(S.reshape(index, shp), source._shape).contiguous();
  return renamed('IndexReduceBackward0', X.scatterReduceQuiet(input, d, idx, source, reduce as X.ScatterReduce, opts));
}
export const index_reduce = /*#__PURE__*/ composite(index_reduce_impl, 'index_reduce');

const SEGMENT = ['sum', 'mean', 'max', 'min', 'prod'];

/**
 * `torch.segment_reduce(data, reduce, { lengths, offsets, axis = 0, unsafe, initial })`: data's consecutive segments
 * along axis reduced ('sum', 'mean', 'max', 'min', 'prod'); an empty segment gives `initial`, or the reduction's
 * identity (NaN for mean, ∓inf for max/min). SegmentReduceBackward0.
 * @example torch.segment_reduce(torch.tensor([1, 2, 3.]), 'sum', { lengths: torch.tensor([1, 2]) }) // tensor([1., 5.])
 */
type SegmentOpts = { lengths?: T | null; indices?: T | null; offsets?: T | null; axis?: number; unsafe?: boolean; initial?: number | null };
function segment_reduce_impl(data: T, ...args: [reduce: string, opts?: SegmentOpts] | [kw: SegmentOpts & { reduce: string }]): T {
  const opts = nativeAfter('segment_reduce', 1, ['reduce'], {}, args, ['lengths', 'indices', 'offsets', 'axis', 'unsafe', 'initial']) as SegmentOpts;
  const reduce = strArg('segment_reduce', 'reduce', argPosition(args, 0, 1), (opts as { reduce?: unknown }).reduce);
  if (!SEGMENT.includes(reduce)) throw new RangeError(`reduce argument must be either sum, prod, mean, amax or amin, got ${reduce}`);
  if (opts.indices) throw new RangeError('segment_reduce(): indices based reduction is not supported yet.');
  const axis = normDim(opts.axis ?? 0, data._shape.length);
  let lengths: T;
  if (opts.lengths) lengths = opts.lengths;
  else if (opts.offsets) lengths = X.diff(opts.offsets, 1, -1);
  else throw new RangeError('segment_reduce(): Either lengths or offsets must be defined');
  if (lengths.dtype !== int64) throw new TypeError('segment_reduce(): Expected lengths or offsets to be int64');
  if (lengths._shape.length !== 1) throw new RangeError('segment_reduce(): Expected all rows of lengths along axis to be 1-D (batched lengths are not supported here)');
  const nseg = lengths._shape[0];
  const total = Number(R.sum(lengths).item());
  if (!opts.unsafe) {
    if (total !== data._shape[axis]) {
      throw new RangeError(`segment_reduce(): Expected all rows of lengths along axis to sum to data.size(lengths.dim()-1) when !unsafe.`);
    }
    if (lengths.numel() && Number(R.min(lengths).item()) < 0) throw new RangeError('lengths contains negative value!');
  }
  const seg = X.repeat_interleave(C.arange(nseg), lengths);
  const shp = data._shape.map((_, k) => (k === axis ? total : 1));
  const idx = S.expand(S.reshape(seg, shp), data._shape).contiguous();
  const outShape = data._shape.slice();
  outShape[axis] = nseg;
  const red = reduce === 'max' ? 'amax' : reduce === 'min' ? 'amin' : reduce === 'mean' ? 'sum' : reduce;
  const init = opts.initial ?? null;
  // ATen's loop: each segment starts from `initial` (or the reduction's identity) and takes its values in order;
  // mean divides by the length (an empty segment: initial, or NaN without one)
  const identity = reduce === 'prod' ? 1 : reduce === 'max' ? -Infinity : reduce === 'min' ? Infinity : 0;
  const base = C.full(outShape, init ?? identity, { dtype: data.dtype });
  let out = X.scatterReduceQuiet(base, axis, idx, data, red as X.ScatterReduce, { include_self: true });
  if (reduce === 'mean') {
    const lshape = data._shape.map((_, k) => (k === axis ? nseg : 1));
    const len = S.reshape(lengths, lshape);
    const empty = E.eq(len, 0);
    out = E.where(empty, init ?? NaN, E.div(out, E.where(empty, 1, len)));
  }
  return renamed('SegmentReduceBackward0', out);
}
export const segment_reduce = /*#__PURE__*/ composite(segment_reduce_impl, 'segment_reduce');

// ---------------------------------------------------------------- conversion

const typeName = (d: DType) => scalarName(d);

/**
 * `torch.asarray(obj, { dtype, copy, requires_grad })`: a tensor as it is (the same object unless a dtype change or
 * `copy: true` needs a new one), or a tensor of nested arrays, numbers, booleans or a typed array. PyTorch shares
 * memory with NumPy arrays and buffers; JavaScript arrays live outside wasm memory, so tocha copies them.
 * @example torch.asarray([1, 2]) // tensor([1, 2])
 */
export function asarray(obj: TensorData | ArrayLike<number> | T, opts: { dtype?: DTypeLike | null; copy?: boolean | null;
  requires_grad?: boolean; device?: string | null } = {}): T {
  for (const k of Object.keys(opts)) {
    if (!['dtype', 'copy', 'requires_grad', 'device'].includes(k)) throw new TypeError(`asarray() got an unexpected keyword argument '${k}'`);
  }
  const dt = opts.dtype ? toDType(opts.dtype) : null;
  let t: T;
  if (obj instanceof Tensor) {
    // PyTorch's asarray: the tensor itself unless a copy is asked for (copy) or needed (another dtype)
    const wrong = dt !== null && dt !== obj.dtype;
    if (opts.copy || (opts.copy == null && wrong)) t = wrong ? E.cast(obj, dt!) : E.clone(obj);
    else if (wrong) {
      throw new RangeError(`can't alias tensor with dtype '${typeName(obj.dtype)}' into dtype '${typeName(dt!)}'.`);
    } else t = obj;
    // PyTorch's asarray sets requires_grad to the argument (false by default) on what it returns, detaching a
    // non-leaf whose requires_grad differs
    const rg = opts.requires_grad ?? false;
    if (!t.is_leaf && t.requires_grad !== rg) t = t.detach();
    if (t.is_leaf && t.requires_grad !== rg) t.requires_grad_(rg);
    return t;
  } else {
    const typed = ArrayBuffer.isView(obj);
    t = C.tensor(typed ? Array.from(obj as ArrayLike<number>) : obj as TensorData,
      dt ? { dtype: dt } : typed ? { dtype: obj instanceof Float32Array || obj instanceof Float64Array ? float32 : int64 } : {});
  }
  if (opts.requires_grad) t.requires_grad_(true);
  return t;
}

/**
 * `torch.frombuffer(buffer, { dtype, count = -1, offset = 0, requires_grad })`: the bytes of an ArrayBuffer (or a typed
 * array's or DataView's bytes) read as `count` values of dtype (float32: 4 bytes, int64: 8 bytes little-endian, bool:
 * 1 byte). PyTorch shares the buffer's memory; tocha copies it into wasm memory.
 * @example torch.frombuffer(new Float32Array([1, 2]).buffer, { dtype: torch.float32 }) // tensor([1., 2.])
 */
export function frombuffer(buffer: ArrayBuffer | ArrayBufferView, opts: { dtype: DTypeLike; count?: number; offset?: number;
  requires_grad?: boolean }): T {
  if (!opts || opts.dtype === undefined) throw new TypeError('frombuffer() missing required keyword argument: \'dtype\'');
  for (const k of Object.keys(opts)) {
    if (!['dtype', 'count', 'offset', 'requires_grad'].includes(k)) throw new TypeError(`frombuffer() got an unexpected keyword argument '${k}'`);
  }
  const bytes = buffer instanceof ArrayBuffer ? new Uint8Array(buffer)
    : ArrayBuffer.isView(buffer) ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) : null;
  if (!bytes) throw new TypeError(`object does not implement the buffer protocol (an ArrayBuffer or a typed array): ${pyType(buffer)}`);
  const dt = toDType(opts.dtype);
  const item = dt === float32 ? 4 : dt === int64 ? 8 : 1;
  const count = opts.count ?? -1;
  const offset = opts.offset ?? 0;
  const len = bytes.byteLength;
  if (!(len > 0 && count !== 0)) throw new RangeError(`both buffer length (${len}) and count (${count}) must not be 0`);
  if (!(offset >= 0 && offset < len)) throw new RangeError(`offset (${offset} bytes) must be non-negative and no greater than buffer length (${len} bytes) minus 1`);
  if (!(count > 0 || (len - offset) % item === 0)) {
    throw new RangeError(`buffer length (${len - offset} bytes) after offset (${offset} bytes) must be a multiple of element size (${item})`);
  }
  const n = count < 0 ? (len - offset) / item : count;
  if (offset + n * item > len) {
    throw new RangeError(`requested buffer length (${n} * ${item} bytes) after offset (${offset} bytes) must not be greater than actual buffer length (${len} bytes)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, n * item);
  const vals = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    if (dt === float32) vals[i] = view.getFloat32(i * 4, true);
    else if (dt === bool) vals[i] = view.getUint8(i) ? 1 : 0;
    else {
      const v = view.getBigInt64(i * 8, true);
      if (v < BigInt(INT_MIN) || v > BigInt(INT_MAX)) throw new RangeError(`tocha: int64 value ${v} does not fit in 32 bits (tocha stores int64 in 32 bits)`);
      vals[i] = Number(v);
    }
  }
  const t = fromFlat(vals, [n], dt === bool ? int64 : dt);
  const r = dt === bool ? E.cast(t, bool) : t;
  if (r !== t) t.dispose();
  if (opts.requires_grad) r.requires_grad_(true);
  return r;
}

/**
 * `torch.typename(obj)`: a tensor's type (`'torch.FloatTensor'`), else the value's Python-style type name: `int`,
 * `float`, `bool`, `str`, `NoneType`, `list`, or the class name (a module's qualified name, `torch.nn.modules.linear.Linear`).
 * @example torch.typename(torch.zeros(2)) // 'torch.FloatTensor'
 */
export function typename(obj: unknown): string {
  if (obj instanceof Tensor) return obj.type();
  if (typeof obj === 'function') return obj.name;
  if (obj !== null && typeof obj === 'object' && !Array.isArray(obj)) {
    const ctor = (obj as object).constructor as { name: string; _pyModule?: string };
    if (ctor && ctor !== Object) return ctor._pyModule ? `${ctor._pyModule}.${ctor.name}` : ctor.name;
    return 'dict';
  }
  return pyType(obj);
}

// ---------------------------------------------------------------- norms PyTorch 1.13 still exposes

/** `torch.norm_except_dim(v, pow=2, dim=0)`: the pow-norm of v over every dim but `dim` (kept as a size-1 dim; dim -1:
 *  over all of v), weight_norm's. @example torch.norm_except_dim(torch.ones(3, 4), 2, 0).shape // [3, 1] */
function norm_except_dim_impl(v: T, pow = 2, dim = 0): T {
  const nd = v._shape.length;
  if (dim === -1) return renamed('NormBackward0', R.norm(v, pow));
  if (dim === 0) {
    const out = v._shape.map((s, i) => (i === 0 ? s : 1));
    return S.view(R.norm(S.view(v.contiguous(), [v._shape[0], -1]), pow, 1), out);
  }
  if (dim === nd - 1) {
    const out = v._shape.map((s, i) => (i === nd - 1 ? s : 1));
    return S.view(R.norm(S.view(v.contiguous(), [-1, v._shape[nd - 1]]), pow, 0), out);
  }
  return S.transpose(norm_except_dim_impl(S.transpose(v, 0, dim), pow, 0), 0, dim);
}
export const norm_except_dim = /*#__PURE__*/ composite(norm_except_dim_impl, 'norm_except_dim');

