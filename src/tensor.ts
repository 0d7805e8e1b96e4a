// Tensor: dtype, shape, strides and offset over a shared wasm Storage, plus autograd state.
// Ops live in src/ops (each once, forward and backward side by side); the methods here only
// forward to them with PyTorch's names and argument order.
import { DType, float32, int64, bool as boolT, DTypeLike, toDType, asOp } from './dtype.js';
import { toFormat, toTarget, type ToArg } from './device.js';
import { Storage, INFERENCE_INPLACE, Scope, Owned, track, keep as keepT, finalize, unfinalize, stats, creationSite, composite } from './lifetime.js';
import { F32, I32 } from './backend/wasm.js';
import { AccumulateGrad, Node, runBackward, BackwardOptions, is_grad_enabled, no_grad, RETAIN, record, renamed, refused, shownInputs, type GradHook } from './autograd.js';
import { contiguousStrides, numelOf, Shape, sizesOf, listKw, type ListKw, normDim, sameShape, scalarName } from './ops/util.js';
import { formatTensor, formatSize, formatReturnTypes } from './print.js';
import * as E from './ops/elementwise.js';
import { contiguous_format, formatStrides, isContiguousIn, preserve_format, type memory_format } from './layout.js';
import * as R from './ops/reduce.js';
import * as S from './ops/shape.js';
import * as L from './ops/linalg.js';
import * as C from './ops/create.js';
import * as O from './ops/sorting.js';
import * as X from './ops/extra.js';
import * as Fn from './ops/funcs.js';
import * as D from './ops/decomp.js';
import * as DM from './ops/decomp-more.js';
import * as LA from './linalg.js';
import * as Sp from './ops/special.js';
import * as M from './ops/misc.js';
import { TypedStorage, storageClass } from './storage.js';
import { warnOnce } from './warn.js';
import { NotImplementedError } from './distributions/utils.js';
import { ViewMeta, regenerateViewHistory } from './ops/inplace.js';
import { argPosition, boolArg, intArg, kwargs, native, nativeAfter, pyType, type DimKw } from './ops/kw.js';

const TYPE_NAMES: Record<string, string> = { float32: 'torch.FloatTensor', int64: 'torch.LongTensor', bool: 'torch.BoolTensor' };
const TENSOR_TYPES: Record<string, DType> = { 'torch.FloatTensor': float32, 'torch.LongTensor': int64, 'torch.BoolTensor': boolT };
type SoftmaxKw = { dim?: number; axis?: number; dtype?: DType | null };
type FlattenKw = { start_dim?: number; end_dim?: number };

export type Scalar = number | boolean;
export type TensorOrScalar = Tensor | number | boolean;
/** clamp's bounds: by position, or `{ min, max }` (PyTorch's keywords). */
export type ClampArgs = [min?: number | null | Tensor | { min?: number | Tensor | null; max?: number | Tensor | null },
  max?: number | null | Tensor | { max?: number | Tensor | null }, opts?: { min?: number | Tensor | null; max?: number | Tensor | null }];
export type NestedArray = number | boolean | NestedArray[];
/** What `torch.tensor` reads: numbers, booleans and one-element tensors, nested in rectangular arrays. */
export type TensorData = number | boolean | Tensor | TensorData[];

/** `torch.Size`: an array of sizes that prints as PyTorch prints it. */
export class Size extends Array<number> {
  static of2(shape: readonly number[]): Size {
    const s = new Size();
    for (const d of shape) s.push(d);
    return s;
  }
  numel(): number {
    return numelOf(this);
  }
  override toString(): string {
    return formatSize(this);
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** The values and indices of `max(dim)`/`min(dim)`, usable as `{values, indices}` and as `[values, indices]`. */
export class ReturnTypes {
  constructor(readonly name: string, readonly values: Tensor, readonly indices: Tensor) {}
  *[Symbol.iterator](): Iterator<Tensor> {
    yield this.values;
    yield this.indices;
  }
  get 0(): Tensor { return this.values; }
  get 1(): Tensor { return this.indices; }
  get length(): number { return 2; }
  toString(): string {
    return formatReturnTypes(this.name, [['values', this.values.toString()], ['indices', this.indices.toString()]]);
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

export interface SliceSpec {
  start?: number | null;
  stop?: number | null;
  step?: number | null;
}
/**
 * One index per dimension: a number selects (removes the dim), a slice or [start, stop, step] keeps it,
 * null is `:`; an int64 tensor or a bool mask indexes as PyTorch's advanced indexing. `'...'` is Python's
 * Ellipsis, `'None'` Python's None (a new dim of size 1), and true/false index as Python's True/False.
 */
export type Index = number | boolean | null | SliceSpec | readonly (number | null)[] | Tensor | '...' | 'None';

type BackwardKw = BackwardOptions & { gradient?: Tensor | null; inputs?: Tensor[] };
/** `backward`'s arguments: (gradient, retain_graph, create_graph, inputs) by position, the rest by name. */
type BackwardArgs =
  | [kw?: BackwardKw]
  | [gradient: Tensor | null | undefined, kw?: BackwardKw]
  | [gradient: Tensor | null | undefined, retain_graph: boolean | null | undefined, kw?: BackwardKw]
  | [gradient: Tensor | null | undefined, retain_graph: boolean | null | undefined, create_graph: boolean, kw?: BackwardKw]
  | [gradient: Tensor | null | undefined, retain_graph: boolean | null | undefined, create_graph: boolean, inputs: Tensor[]];

let nextId = 1;


type DiffKw = { n?: number; dim?: number; prepend?: Tensor | null; append?: Tensor | null };

/** hsplit's, vsplit's and dsplit's sections (an int) or indices (a list), by position or by name. */
type SplitSections = number | number[] | { sections: number } | { indices: number[] };
function sections(s: SplitSections): number | number[] {
  if (typeof s !== 'object' || Array.isArray(s)) return s;
  const o = s as { sections?: number; indices?: number[] };
  return o.sections ?? o.indices!;
}

/** Tensor.swapaxes's and swapaxes_'s (axis0, axis1): by position, or from either on by name. */
type SwapArgs = [axis0: number, axis1: number] | [axis0: number, kw: { axis1: number }] | [{ axis0: number; axis1: number }];
function swapAxes(fn: string, a: readonly unknown[]): [number, number] {
  const o = nativeAfter(fn, 1, ['axis0', 'axis1'], {}, a);
  return [intArg(fn, 'axis0', argPosition(a, 0), o.axis0), intArg(fn, 'axis1', argPosition(a, 1), o.axis1)];
}

/** Tensor.expand's sizes (varargs, one list, or `{ size }`), then `{ implicit }` (a bool) after them. */
type ExpandArgs = (number | number[])[] | [ListKw<'size'> & { implicit?: boolean }]
  | [...sizes: (number | number[])[], kw: { implicit?: boolean }];
function expandSizes(a: readonly unknown[]): number[] {
  let n = a.length;
  while (n > 0 && a[n - 1] === undefined) n--;
  const last = a[n - 1] as Record<string, unknown> | undefined;
  if (last === null || typeof last !== 'object' || Array.isArray(last)) return sizesOf(a.slice(0, n) as number[], 'expand', 'size');
  const { implicit, size } = last;
  if (implicit !== undefined && typeof implicit !== 'boolean') {
    throw new TypeError(`expand(): argument 'implicit' must be bool, not ${pyType(implicit)}`);
  }
  if (size !== undefined && n > 1) throw new TypeError("expand() got multiple values for argument 'size'");
  if (size === undefined && n === 1) throw new TypeError('expand() missing 1 required positional arguments: "size"');
  return size !== undefined ? sizesOf([{ size } as ListKw<'size'>], 'expand', 'size') : sizesOf(a.slice(0, n - 1) as number[]);
}

/** `new torch.Tensor(...)` given data or sizes (up to 5, the constructor's parameters): torch.FloatTensor's. */
function legacyTensor(args: unknown[]): Tensor {
  while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  return C.FloatTensor(...(args as number[]));
}

export class Tensor implements Owned {
  // set by the constructor (`!`: its legacy form returns another tensor instead)
  readonly dtype!: DType;
  _shape!: number[];
  _strides!: number[];
  _offset!: number;
  _storage!: Storage | null;
  _releasedBy: string | null = null;
  _scope: Scope | null = null;
  _kept = false;
  _fin = false;
  _requiresGrad = false;
  _grad: Tensor | null = null;
  /** How many tensors have this as `.grad`, and whether backward made it (not kept by the user since). */
  _gradOf = 0;
  _libGrad = false;
  _gradFn: Node | null = null;
  /** The tensor this one is a view of (PyTorch's `_base`); null for a detached tensor, as in PyTorch. */
  _base: Tensor | null = null;
  /**
   * The shared version counter when this view's history was last set: a view whose base (or another
   * view of it) was modified in place since gets PyTorch's AsStridedBackward0 over its base's history.
   */
  _viewVersion = 0;
  /** How the view was made (PyTorch's CreationMeta): some may not be modified in place under grad mode. */
  _viewMeta: ViewMeta = ViewMeta.Default;
  /** Which output of a multiple-output view function (unbind, split) this view is. */
  _viewOutputNr = 0;
  _acc: AccumulateGrad | null = null;
  _site: string | undefined;
  readonly _id = nextId++;
  private _sizeCache: Size | null = null;

  /**
   * PyTorch's legacy constructor, as `torch.FloatTensor`: `new torch.Tensor([[1, 2]])` is a float32 tensor of that
   * data, `new torch.Tensor(2, 3)` one of that size (zeros here; uninitialized in PyTorch), `new torch.Tensor()` an
   * empty one. (Internally, the constructor wraps a storage: use torch.tensor / torch.zeros / ... to make tensors.)
   * @example new torch.Tensor([[3]]).long()  // tensor([[3]]), generate.py's torch.Tensor([[word_idx]]).long()
   */
  constructor(data?: TensorData | ArrayLike<number> | Size);
  constructor(size0: number, size1?: number, size2?: number, size3?: number, size4?: number);
  constructor(storage: Storage, shape: number[], dtype: DType, strides?: number[], offset?: number);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(storage?: any, shape?: any, dtype?: any, strides?: any, offset?: number) {
    if (!(storage instanceof Storage)) return legacyTensor([storage, shape, dtype, strides, offset]);   // no `arguments` on this hot path
    this._storage = storage;
    this._shape = shape;
    this._strides = strides ?? contiguousStrides(shape);
    this._offset = offset ?? 0;
    this.dtype = dtype;
    stats.tensors++;
    track(this);
    this._site = creationSite();
  }

  /** A new contiguous tensor with uninitialized memory. */
  static _empty(shape: number[], dtype: DType = float32): Tensor {
    return new Tensor(Storage.allocate(numelOf(shape)), shape, dtype);
  }

  /** A new tensor with uninitialized memory laid out with `strides` (dense in some order of the dims: every element
   *  of the numel allocated is used once). */
  static _emptyStrided(shape: number[], strides: number[], dtype: DType = float32): Tensor {
    return new Tensor(Storage.allocate(numelOf(shape)), shape, dtype, strides);
  }

  /** A view sharing this tensor's storage (and its version counter). */
  _view(shape: number[], strides: number[], offset: number, dtype: DType = this.dtype): Tensor {
    const s = this._live();
    const t = new Tensor(s.retain(), shape, dtype, strides, offset);
    t._base = this._base ?? this;
    t._viewVersion = s.version;
    // PyTorch's propagate_creation_meta: a view of a special view stays special.
    t._viewMeta = this._base !== null && this._viewMeta !== ViewMeta.Default ? this._viewMeta
      : is_grad_enabled() ? ViewMeta.Default : ViewMeta.NoGrad;
    return t;
  }

  // ---------------------------------------------------------------- lifetime

  get _released(): boolean {
    return this._storage === null;
  }

  _live(): Storage {
    const s = this._storage;
    if (s === null) {
      const where = this._site ? `\nIt was created at:\n${this._site}` : '';
      throw new Error(
        `tocha: this tensor (shape [${this._shape.join(', ')}], ${this.dtype}) was released by ${this._releasedBy} ` +
        `and can no longer be used.${where}`);
    }
    return s;
  }

  /** Byte address of the first element of the view. */
  _ptr(): number {
    return this._live().ptr + this._offset * 4;
  }

  _release(reason: string): void {
    const s = this._storage;
    if (s === null) return;
    unfinalize(this);
    this._storage = null;
    this._releasedBy = reason;
    stats.tensors--;
    s.release();
    if (this._grad && this._grad._storage) this._grad._release(reason);
  }

  /** Frees this tensor's memory now (views keep the storage alive until they are freed too). */
  dispose(): void {
    this._release('dispose()');
    if (this._scope) this._scope.remove(this);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Excludes this tensor from automatic release (tidy, DataLoader steps, spent graphs). */
  keep(): this {
    this._libGrad = false;
    return keepT(this);
  }

  get _version(): number {
    return this._live().version;
  }

  /** Marks an in-place change, before the write: PyTorch's error for an inference tensor outside
   *  inference mode is raised here, with nothing written. */
  _bumpVersion(): void {
    const s = this._live();
    if (s.inference && !Storage.inferenceMode) throw new Error(INFERENCE_INPLACE);
    s.version++;
  }

  /** Whether this tensor was made in `torch.inference_mode()` (or is a view of one that was). */
  is_inference(): boolean {
    return this._live().inference;
  }

  _storageShared(): boolean {
    return this._live().refs > 1;
  }

  /** An untracked alias that a graph node holds for backward. */
  _savedAlias(): Tensor {
    const t = new Tensor(this._live().retain(), this._shape, this.dtype, this._strides, this._offset);
    keepT(t);
    // Same autograd identity, so a graph built from it (create_graph) reaches the original's history.
    t.grad_fn = this.grad_fn;
    t._requiresGrad = this._requiresGrad;
    if (this._requiresGrad && this.grad_fn === null) t._acc = this._accumulator();
    return t;
  }

  // ---------------------------------------------------------------- autograd

  /**
   * The node that made this tensor (PyTorch's grad_fn). A view whose base, or another view of the
   * same base, was modified in place since its history was set gets a new one: AsStridedBackward0
   * over the base's current history, as PyTorch regenerates it (src/ops/inplace.ts).
   */
  get grad_fn(): Node | null {
    const b = this._base;
    if (b === null) return this._gradFn;
    if (this._gradFn === null && !b._requiresGrad) return null;
    const s = this._storage;
    if (s !== null && s.version !== this._viewVersion) regenerateViewHistory(this);
    return this._gradFn;
  }

  set grad_fn(node: Node | null) {
    this._gradFn = node;
  }

  get requires_grad(): boolean {
    // A view of a base that took a history from an in-place op on another view requires grad too.
    if (!this._requiresGrad && this._base !== null && this._base._requiresGrad) void this.grad_fn;
    return this._requiresGrad;
  }

  set requires_grad(on: boolean) {
    if (!this.is_leaf) {
      throw new Error("you can only change requires_grad flags of leaf variables. If you want to use a computed " +
        "variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
    }
    if (on && !this.dtype.isFloatingPoint) {
      throw new Error('Only Tensors of floating point and complex dtype can require gradients');
    }
    if (on && this._live().inference && !Storage.inferenceMode) {
      throw new Error('Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.');
    }
    this._requiresGrad = on;
    if (on) keepT(this);
  }

  /** Sets requires_grad in place and returns this tensor, as PyTorch's `requires_grad_()`. */
  requires_grad_(on = true): this {
    this.requires_grad = on;
    return this;
  }

  get is_leaf(): boolean {
    return this.grad_fn === null;
  }

  get grad(): Tensor | null {
    if (this._grad && this._grad._released) return null;
    if (!this._grad && this.grad_fn !== null && !this.grad_fn.retainsGrad) {
      warnOnce('non-leaf grad', 'The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute ' +
        "won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf " +
        'Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you ' +
        'access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more informations. (Triggered ' +
        'internally at  ./build/aten/src/ATen/core/TensorBody.h:480.)');
    }
    return this._grad;
  }

  /**
   * Assigning `.grad` (`p.grad = null` too) releases the old gradient when backward made it, the user
   * did not `keep()` it and it is no other tensor's `.grad` (README "Memory", rule 4).
   */
  set grad(g: Tensor | null) {
    const old = this._setGrad(g);
    if (old && old._gradOf <= 0 && old._libGrad) {
      old._release('dispose() on assigning .grad (a gradient backward made is released when replaced; keep() it to hold it)');
    }
  }

  /** Internal: sets `.grad` and returns the old gradient (not released). */
  _setGrad(g: Tensor | null): Tensor | null {
    if (g !== null) {
      if (!sameShape(g._shape, this._shape)) {
        throw new RangeError(`assigned grad has data of a different size: [${g._shape.join(', ')}] vs ` +
          `[${this._shape.join(', ')}]`);
      }
      if (g.dtype !== this.dtype) throw new TypeError('assigned grad has data of a different type');
      keepT(g);
      g._gradOf++;
    }
    const old = this._grad;
    this._grad = g;
    if (old) old._gradOf--;
    return old === g ? null : old;
  }

  /** Internal (backward): a gradient the library made becomes `.grad` (the old one is left alone). */
  _adoptGrad(g: Tensor): void {
    this._setGrad(g);
    g._libGrad = true;
  }

  _setHistory(node: Node): void {
    this._gradFn = node;
    this._requiresGrad = true;
    const st = this._storage;
    if (this._base !== null && st !== null) this._viewVersion = st.version;
  }

  _accumulator(): AccumulateGrad {
    if (!this._acc) this._acc = new AccumulateGrad(this);
    return this._acc;
  }

  /** Keeps `.grad` on this non-leaf tensor during backward, as PyTorch's `retain_grad()`. */
  retain_grad(): void {
    if (!this._requiresGrad) throw new Error("can't retain_grad on Tensor that has requires_grad=False");
    const n = this.grad_fn;
    if (n && !n.retainsGrad) (n.hooks ??= []).push(RETAIN);
  }

  /**
   * Registers `hook(grad)` to run when this tensor's gradient is computed, as PyTorch's
   * `register_hook`: it may return a gradient (same shape) to use instead. Hooks run in order of
   * registration; on a leaf, before the gradient is accumulated into `.grad`. `handle.remove()`
   * unregisters it.
   */
  register_hook(hook: GradHook): { remove(): void } {
    if (!this.requires_grad) throw new Error("cannot register a hook on a tensor that doesn't require gradient");
    if (typeof hook !== 'function') throw new TypeError(`register_hook(): hook must be a function, not ${typeof hook}`);
    const n = this.grad_fn ?? this._accumulator();
    (n.hooks ??= []).push(hook);
    return { remove: () => { const i = n.hooks?.indexOf(hook) ?? -1; if (i >= 0) n.hooks!.splice(i, 1); } };
  }

  get retains_grad(): boolean {
    return this.grad_fn?.retainsGrad ?? false;
  }

  /**
   * Computes the gradient of this tensor with respect to the graph leaves and accumulates it in
   * their `.grad`. `loss.backward()` for a scalar, `y.backward(gradient)` otherwise;
   * `loss.backward({ retain_graph: true })` or `y.backward(gradient, { retain_graph: true })`.
   */
  backward(...args: BackwardArgs): void {
    // backward(gradient=None, retain_graph=None, create_graph=False, inputs=None): by position, or by
    // name in a trailing object (`loss.backward({ retain_graph: true })`, `Q.backward({ gradient })`)
    const names = ['gradient', 'retain_graph', 'create_graph', 'inputs'] as const;
    const a: unknown[] = args.slice();
    const last = a[a.length - 1];
    const kw = last != null && typeof last === 'object' && !(last instanceof Tensor) && !Array.isArray(last)
      ? a.pop() as Record<string, unknown> : {};
    if (a.length > names.length) throw new TypeError(`backward() takes from 1 to 5 positional arguments but ${a.length + 1} were given`);
    const o: Record<string, unknown> = {};
    a.forEach((v, i) => { if (v !== undefined) o[names[i]] = v; });
    for (const [k, v] of Object.entries(kw)) {
      if (!(names as readonly string[]).includes(k)) throw new TypeError(`backward() got an unexpected keyword argument '${k}'`);
      if (k in o && v !== undefined) throw new TypeError(`backward() got multiple values for argument '${k}'`);
      if (v !== undefined) o[k] = v;
    }
    const { gradient, ...opts } = o as { gradient?: Tensor | null } & BackwardOptions & { inputs?: Tensor[] };
    runBackward([this], [gradient ?? null], opts);
  }

  /** A new tensor sharing storage (and the version counter), detached from the graph; not a view, as in PyTorch. */
  detach(): Tensor {
    const t = this._view(this._shape, this._strides, this._offset);
    t._base = null;
    t._viewMeta = ViewMeta.Default;
    return t;
  }

  /** Detaches in place. */
  detach_(): this {
    this.grad_fn = null;
    this._requiresGrad = false;
    return this;
  }

  /** The tensor's data without autograd history (`x.data`); assigning copies values in. */
  get data(): Tensor {
    return this.detach();
  }

  set data(v: Tensor) {
    if (!sameShape(v._shape, this._shape) || v.dtype !== this.dtype) {
      this._swapIn(v); // PyTorch swaps the storage; do the same
      return;
    }
    S.copyInto(this, v);
  }

  /** Internal: this tensor takes v's storage, shape and strides (`param.data = v` as PyTorch does it). */
  _swapIn(v: Tensor): void {
    const s = v._live().retain();
    this._live().release();
    unfinalize(this);
    this._storage = s;
    finalize(this);
    this._shape = v._shape.slice();
    this._strides = v._strides.slice();
    this._offset = v._offset;
    this._sizeCache = null;
  }

  // ---------------------------------------------------------------- metadata

  /** Internal: forgets the cached torch.Size after an in-place change of the shape (unsqueeze_, resize_, ...). */
  _resetSize(): void {
    this._sizeCache = null;
  }

  /** `torch.Size` of this tensor. */
  get shape(): Size {
    if (!this._sizeCache) this._sizeCache = Size.of2(this._shape);
    return this._sizeCache;
  }

  /** `size()` gives the torch.Size, `size(dim)` one size. */
  size(): Size;
  size(dim: number): number;
  size(dim?: number): Size | number {
    if (dim === undefined) return this.shape;
    return this._shape[normDim(dim, this._shape.length, false)];
  }

  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    if (dim === undefined) return this._strides.slice();
    return this._strides[normDim(dim, this._shape.length, false)];
  }

  storage_offset(): number {
    return this._offset;
  }

  dim(): number {
    return this._shape.length;
  }

  get ndim(): number {
    return this._shape.length;
  }

  numel(): number {
    return numelOf(this._shape);
  }

  nelement(): number {
    return this.numel();
  }

  element_size(): number {
    return this.dtype === float32 ? 4 : this.dtype === int64 ? 8 : 1;
  }

  is_floating_point(): boolean {
    return this.dtype.isFloatingPoint;
  }

  /** Whether the tensor is row-major in memory, or in `memory_format` (`x.is_contiguous({ memory_format:
   *  torch.channels_last })`). */
  is_contiguous(opts?: { memory_format?: memory_format }): boolean {
    if (opts?.memory_format !== undefined) return isContiguousIn(this._shape, this._strides, opts.memory_format);
    let s = 1;
    for (let d = this._shape.length - 1; d >= 0; d--) {
      if (this._shape[d] !== 1 && this._strides[d] !== s) return false;
      s *= this._shape[d];
    }
    return true;
  }

  get is_view(): boolean {
    return this._base !== null;
  }

  get device(): string {
    return 'cpu';
  }

  // ---------------------------------------------------------------- values out

  /** The values as a flat typed array in row-major order (a copy). */
  dataSync(): Float32Array | Int32Array {
    const c = this.is_contiguous() ? this : this.contiguous();
    const n = this.numel();
    const start = c._ptr() >>> 2;
    const out = this.dtype === float32 ? F32().slice(start, start + n) : I32().slice(start, start + n);
    if (c !== this) c.dispose();
    return out;
  }

  /** The value of a one-element tensor as a JS number (or boolean). */
  item(): number | boolean {
    if (this.numel() !== 1) {
      throw new RangeError('only one element tensors can be converted to Python scalars');
    }
    const p = this._ptr() >>> 2;
    if (this.dtype === float32) return F32()[p];
    if (this.dtype === boolT) return I32()[p] !== 0;
    return I32()[p];
  }

  /** Nested arrays of the values, as PyTorch's `tolist()`. */
  tolist(): NestedArray {
    const flat = this.dataSync();
    const isBool = this.dtype === boolT;
    const shape = this._shape;
    let i = 0;
    const build = (d: number): NestedArray => {
      if (d === shape.length) {
        const v = flat[i++];
        return isBool ? v !== 0 : v;
      }
      const out: NestedArray[] = [];
      for (let k = 0; k < shape[d]; k++) out.push(build(d + 1));
      return out;
    };
    return build(0);
  }

  toString(): string {
    const flat = this.numel() > 0 ? this.dataSync() : new Float32Array(0);
    const gradFn = this.grad_fn ? this.grad_fn.name() : undefined;
    return formatTensor(
      { dtype: this.dtype.name, shape: this._shape, data: flat },
      { requiresGrad: this._requiresGrad && !this.grad_fn, gradFn },
    );
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    if (this._released) return `tensor(<released by ${this._releasedBy}>)`;
    return this.toString();
  }

  // ---------------------------------------------------------------- conversions

  /** `x.to(torch.int64)`, `x.to('cpu')`, `x.to('cpu', torch.float32)`, `x.to(other)`, `x.to({ dtype })`:
   *  this tensor when nothing changes, as PyTorch; a device other than the CPU is PyTorch's error. */
  to(a: ToArg | Tensor, b?: ToArg): Tensor {
    const d = toTarget(a, b);
    const f = toFormat(a, b);
    if (f === undefined || f === preserve_format) return d === null ? this : E.cast(this, d, true);
    // `x.to({ memory_format })`: this tensor when it is laid out so already and keeps its dtype (to_will_alias)
    const dt = d ?? this.dtype;
    if (dt === this.dtype && this.is_contiguous({ memory_format: f })) return this;
    const strides = formatStrides(this._shape, f, this, 'to');
    return dt === this.dtype ? renamed('ToCopyBackward0', E.clone(this, strides)) : E.cast(this, dt, strides);
  }
  /** `x.type()`: the tensor type's name (`'torch.FloatTensor'`); `x.type(dtype)`: x converted. */
  type(): string;
  type(dtype: DTypeLike): Tensor;
  type(dtype?: DTypeLike): Tensor | string {
    if (dtype === undefined) return TYPE_NAMES[this.dtype.name];
    if (typeof dtype === 'string' && dtype in TENSOR_TYPES) return this.to(TENSOR_TYPES[dtype]);
    return this.to(dtype);
  }
  float(): Tensor { return E.cast(this, float32, true); }
  long(): Tensor { return E.cast(this, int64, true); }
  int(): Tensor { return E.cast(this, int64, true); }
  bool(): Tensor { return E.cast(this, boolT, true); }
  double(): Tensor { return E.cast(this, float32, true); }
  cpu(): Tensor { return this; }
  /** A copy laid out as this tensor where it is dense (PyTorch's preserve_format), or in `memory_format`. */
  clone(opts?: { memory_format?: memory_format }): Tensor {
    const f = opts?.memory_format;
    return E.clone(this, f === undefined || f === preserve_format ? true : formatStrides(this._shape, f, this, 'clone'));
  }
  /** This tensor if it is row-major (or in `memory_format`, e.g. torch.channels_last), else a copy laid out so. */
  contiguous(opts?: { memory_format?: memory_format }): Tensor {
    const f = opts?.memory_format;
    if (f === undefined || f === contiguous_format) return this.is_contiguous() ? this : E.clone(this);
    if (isContiguousIn(this._shape, this._strides, f)) return this;
    if (f === preserve_format) throw new RangeError('preserve memory format is unsupported by the contiguous operator');
    return E.clone(this, formatStrides(this._shape, f, null, 'contiguous'));
  }
  numpy(): Float32Array | Int32Array {
    if (this.requires_grad) throw new TypeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
    return this.dataSync();
  }

  // ---------------------------------------------------------------- elementwise
  add(other: TensorOrScalar, opts?: { alpha?: number }): Tensor { return E.add(this, other, opts); }
  sub(other: TensorOrScalar, opts?: { alpha?: number }): Tensor { return E.sub(this, other, opts); }
  mul(other: TensorOrScalar): Tensor { return E.mul(this, other); }
  div(other: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor { return E.div(this, other, opts); }
  true_divide(other: TensorOrScalar): Tensor { return E.div(this, other); }
  floor_divide(other: TensorOrScalar): Tensor { return E.floor_divide(this, other); }
  remainder(other: TensorOrScalar): Tensor { return E.remainder(this, other); }
  fmod(other: TensorOrScalar): Tensor { return E.fmod(this, other); }
  pow(exponent: TensorOrScalar): Tensor { return E.pow(this, exponent); }
  maximum(other: Tensor): Tensor { return E.maximum(this, other); }
  minimum(other: Tensor): Tensor { return E.minimum(this, other); }
  atan2(other: Tensor): Tensor { return E.atan2(this, other); }
  /** `x.rsub(other, { alpha })`: other − alpha·x. */
  rsub(other: TensorOrScalar, opts?: { alpha?: number }): Tensor {
    const o = E.asTensorLike(other, this);
    let r: Tensor;
    try {
      r = asOp('rsub', () => E.sub(o, this, opts));
    } finally {
      if (o !== other) o.dispose();
    }
    // PyTorch's one node over (self, other), or self alone for a number
    return shownInputs(renamed(other instanceof Tensor ? 'RsubBackward0' : 'RsubBackward1', r), other instanceof Tensor ? [this, other] : [this]);
  }
  eq(other: TensorOrScalar): Tensor { return E.eq(this, other); }
  ne(other: TensorOrScalar): Tensor { return E.ne(this, other); }
  lt(other: TensorOrScalar): Tensor { return E.lt(this, other); }
  le(other: TensorOrScalar): Tensor { return E.le(this, other); }
  gt(other: TensorOrScalar): Tensor { return E.gt(this, other); }
  ge(other: TensorOrScalar): Tensor { return E.ge(this, other); }
  equal(other: Tensor): boolean { return E.equal(this, other); }
  allclose(other: Tensor, ...args: E.CloseArgs): boolean {
    return E.allclose(this, other, ...args);
  }
  isclose(other: Tensor, ...args: E.CloseArgs): Tensor {
    return E.isclose(this, other, ...args);
  }
  addcmul(t1: Tensor, t2: Tensor, opts?: { value?: number }): Tensor { return E.addcmul(this, t1, t2, opts); }
  addcdiv(t1: Tensor, t2: Tensor, opts?: { value?: number }): Tensor { return E.addcdiv(this, t1, t2, opts); }
  logical_and(other: Tensor): Tensor { return E.logical_and(this, other); }
  logical_or(other: Tensor): Tensor { return E.logical_or(this, other); }
  logical_xor(other: Tensor): Tensor { return E.logical_xor(this, other); }
  logical_not(): Tensor { return E.logical_not(this); }
  neg(): Tensor { return E.neg(this); }
  negative(): Tensor { return E.neg(this); }
  abs(): Tensor { return E.abs(this); }
  exp(): Tensor { return E.exp(this); }
  exp2(): Tensor { return E.exp2(this); }
  expm1(): Tensor { return E.expm1(this); }
  log(): Tensor { return E.log(this); }
  log1p(): Tensor { return E.log1p(this); }
  log2(): Tensor { return E.log2(this); }
  log10(): Tensor { return E.log10(this); }
  sqrt(): Tensor { return E.sqrt(this); }
  rsqrt(): Tensor { return E.rsqrt(this); }
  reciprocal(): Tensor { return E.reciprocal(this); }
  square(): Tensor { return E.square(this); }
  sin(): Tensor { return E.sin(this); }
  cos(): Tensor { return E.cos(this); }
  tan(): Tensor { return E.tan(this); }
  sinh(): Tensor { return E.sinh(this); }
  cosh(): Tensor { return E.cosh(this); }
  asin(): Tensor { return E.asin(this); }
  acos(): Tensor { return E.acos(this); }
  atan(): Tensor { return E.atan(this); }
  tanh(): Tensor { return E.tanh(this); }
  sigmoid(): Tensor { return E.sigmoid(this); }
  relu(): Tensor { return E.relu(this); }
  erf(): Tensor { return E.erf(this); }
  erfinv(): Tensor { return E.erfinv(this); }
  lgamma(): Tensor { return E.lgamma(this); }
  digamma(): Tensor { return E.digamma(this); }
  floor(): Tensor { return E.floor(this); }
  ceil(): Tensor { return E.ceil(this); }
  round(opts?: { decimals?: number }): Tensor { return E.round(this, opts); }
  trunc(): Tensor { return E.trunc(this); }
  frac(): Tensor { return E.frac(this); }
  sign(): Tensor { return E.sign(this); }
  logit(eps?: number | null): Tensor { return E.logit(this, eps); }
  /** `x.erfc()`: torch.special.erfc. */
  erfc(): Tensor { return Sp.erfc(this); }
  /** `x.i0()`: torch.special.i0. */
  i0(): Tensor { return Sp.i0(this); }
  /** `x.polygamma(n)`: torch.polygamma(n, x). */
  polygamma(n: number): Tensor { return Sp.polygammaOp('polygamma', Sp.nativeArgs('polygamma', ['n'], arguments)[0], this); }
  /** `x.mvlgamma(p)`: torch.mvlgamma(x, p). */
  mvlgamma(p: number): Tensor { return Sp.mvlgammaOp('mvlgamma', this, Sp.nativeArgs('mvlgamma', ['p'], arguments)[0], 1); }
  isnan(): Tensor { return E.isnan(this); }
  isinf(): Tensor { return E.isinf(this); }
  isfinite(): Tensor { return E.isfinite(this); }
  clamp(...args: ClampArgs): Tensor { return E.clamp(this, ...args); }
  clip(...args: ClampArgs): Tensor { return E.clamp(this, ...args); }
  where(condition: Tensor, other: TensorOrScalar): Tensor { return E.where(condition, this, other); }
  masked_fill(mask: Tensor, value: number): Tensor { return E.masked_fill(this, mask, value); }
  lerp(end: Tensor, weight: TensorOrScalar): Tensor { return E.lerp(this, end, weight); }
  /** `x.softmax(dim, { dtype })`: the input cast to dtype first, as PyTorch's. */
  softmax(dim: number | SoftmaxKw, kw?: SoftmaxKw): Tensor {
    const [d, dtype] = kwargs('softmax', ['dim', 'dtype'], { dtype: null }, [dim, kw]) as [number, DTypeLike | null];
    return R.softmax(dtype == null ? this : E.cast(this, toDType(dtype)), d);
  }
  log_softmax(dim: number | SoftmaxKw, kw?: SoftmaxKw): Tensor {
    const [d, dtype] = kwargs('log_softmax', ['dim', 'dtype'], { dtype: null }, [dim, kw]) as [number, DTypeLike | null];
    return R.log_softmax(dtype == null ? this : E.cast(this, toDType(dtype)), d);
  }

  // ---------------------------------------------------------------- in place
  add_(other: TensorOrScalar, opts?: { alpha?: number }): this { return E.inplace(this, () => E.add(this, other, opts), 'add_', other); }
  sub_(other: TensorOrScalar, opts?: { alpha?: number }): this { return E.inplace(this, () => E.sub(this, other, opts), 'sub_', other); }
  mul_(other: TensorOrScalar): this { return E.inplace(this, () => E.mul(this, other), 'mul_', other); }
  div_(other: TensorOrScalar): this { return E.inplace(this, () => E.div(this, other), 'div_', other); }
  pow_(e: TensorOrScalar): this { return E.inplace(this, () => E.pow(this, e), 'pow_', e); }
  clamp_(...args: ClampArgs): this { return E.inplace(this, () => E.clamp(this, ...args), 'clamp_'); }
  neg_(): this { return E.inplace(this, () => E.neg(this), 'neg_'); }
  abs_(): this { return E.inplace(this, () => E.abs(this), 'abs_'); }
  exp_(): this { return E.inplace(this, () => E.exp(this), 'exp_'); }
  sqrt_(): this { return E.inplace(this, () => E.sqrt(this), 'sqrt_'); }
  sigmoid_(): this { return E.inplace(this, () => E.sigmoid(this), 'sigmoid_'); }
  tanh_(): this { return E.inplace(this, () => E.tanh(this), 'tanh_'); }
  relu_(): this { return E.inplace(this, () => E.relu(this), 'relu_'); }
  masked_fill_(mask: Tensor, value: number | Tensor): this {
    return E.inplace(this, () => E.masked_fill(this, mask, value), 'masked_fill_', value);
  }
  addcmul_(t1: Tensor, t2: Tensor, opts?: { value?: number }): this {
    return E.inplace(this, () => E.addcmul(this, t1, t2, opts), 'addcmul_', t1, t2);
  }
  addcdiv_(t1: Tensor, t2: Tensor, opts?: { value?: number }): this {
    return E.inplace(this, () => E.addcdiv(this, t1, t2, opts), 'addcdiv_', t1, t2);
  }
  lerp_(end: Tensor, weight: TensorOrScalar): this { return E.inplace(this, () => E.lerp(this, end, weight), 'lerp_', end, weight); }
  /** An in-place form: op(x) written into x (its dtype kept). When autograd records it, op runs on a
   *  copy of x, so the values it saves are not the ones the write overwrites (PyTorch's original_self). */
  private _inplaceOf(name: string, op: (src: Tensor) => Tensor, ...operands: unknown[]): this {
    return E.inplace(this, () => {
      const grad = is_grad_enabled() && (this.requires_grad || operands.some((o) => o instanceof Tensor && o.requires_grad));
      if (!grad) return op(this);
      const src = E.clone(this);
      const r = op(src);
      // The copy is a node's output (released with the graph, rule 3) only when it carries history: a
      // comparison saved nothing, and a copy of a tensor without history lives on in the saved alias alone.
      if (!r.requires_grad || !src.requires_grad) src.dispose();
      return r;
    }, name, ...operands);
  }

  // PyTorch's other in-place forms: the op's result written into this tensor (its dtype kept).
  acos_(): this { return this._inplaceOf('acos_', (s) => E.acos(s)); }
  asin_(): this { return this._inplaceOf('asin_', (s) => E.asin(s)); }
  atan_(): this { return this._inplaceOf('atan_', (s) => E.atan(s)); }
  acosh_(): this { return this._inplaceOf('acosh_', (s) => refused('AcoshBackward1', "the derivative for 'inplace version of acosh' is not implemented.", no_grad(() => E.acosh(s)), [s])); }
  asinh_(): this { return this._inplaceOf('asinh_', (s) => refused('AsinhBackward1', "the derivative for 'inplace version of asinh' is not implemented.", no_grad(() => E.asinh(s)), [s])); }
  atanh_(): this { return this._inplaceOf('atanh_', (s) => refused('AtanhBackward1', "the derivative for 'inplace version of atanh' is not implemented.", no_grad(() => E.atanh(s)), [s])); }
  arccos_(): this { return this.acos_(); }
  arcsin_(): this { return this.asin_(); }
  arctan_(): this { return this.atan_(); }
  arccosh_(): this { return this.acosh_(); }
  arcsinh_(): this { return this.asinh_(); }
  arctanh_(): this { return this.atanh_(); }
  atan2_(other: Tensor): this { return this._inplaceOf('atan2_', (s) => E.atan2(s, other), other); }
  arctan2_(other: Tensor): this { return this.atan2_(other); }
  cos_(): this { return this._inplaceOf('cos_', (s) => E.cos(s)); }
  cosh_(): this { return this._inplaceOf('cosh_', (s) => E.cosh(s)); }
  sin_(): this { return this._inplaceOf('sin_', (s) => E.sin(s)); }
  sinh_(): this { return this._inplaceOf('sinh_', (s) => E.sinh(s)); }
  tan_(): this { return this._inplaceOf('tan_', (s) => E.tan(s)); }
  log_(): this { return this._inplaceOf('log_', (s) => E.log(s)); }
  log10_(): this { return this._inplaceOf('log10_', (s) => E.log10(s)); }
  log1p_(): this { return this._inplaceOf('log1p_', (s) => E.log1p(s)); }
  log2_(): this { return this._inplaceOf('log2_', (s) => E.log2(s)); }
  exp2_(): this { return this._inplaceOf('exp2_', (s) => E.exp2(s)); }
  expm1_(): this { return this._inplaceOf('expm1_', (s) => E.expm1(s)); }
  rsqrt_(): this { return this._inplaceOf('rsqrt_', (s) => E.rsqrt(s)); }
  reciprocal_(): this { return this._inplaceOf('reciprocal_', (s) => E.reciprocal(s)); }
  square_(): this { return this._inplaceOf('square_', (s) => E.square(s)); }
  erf_(): this { return this._inplaceOf('erf_', (s) => E.erf(s)); }
  erfc_(): this { return this._inplaceOf('erfc_', (s) => Sp.erfc(s)); }
  erfinv_(): this { return this._inplaceOf('erfinv_', (s) => E.erfinv(s)); }
  lgamma_(): this { return this._inplaceOf('lgamma_', (s) => E.lgamma(s)); }
  digamma_(): this { return this._inplaceOf('digamma_', (s) => E.digamma(s)); }
  polygamma_(n: number): this {
    const [k] = Sp.nativeArgs('polygamma_', ['n'], arguments);
    return this._inplaceOf('polygamma_', (s) => renamed('PolygammaBackward1', Sp.polygammaOp('polygamma_', k, s)));
  }
  mvlgamma_(p: number): this {
    const [d] = Sp.nativeArgs('mvlgamma_', ['p'], arguments);
    return this._inplaceOf('mvlgamma_', (s) => Sp.mvlgammaOp('mvlgamma_', s, d, 1));
  }
  i0_(): this { return this._inplaceOf('i0_', (s) => Sp.i0(s)); }
  sinc_(): this { return this._inplaceOf('sinc_', (s) => X.sinc(s)); }
  logit_(eps?: number | null): this { return this._inplaceOf('logit_', (s) => E.logit(s, eps)); }
  floor_(): this { return this._inplaceOf('floor_', (s) => E.floor(s)); }
  ceil_(): this { return this._inplaceOf('ceil_', (s) => E.ceil(s)); }
  round_(opts?: { decimals?: number }): this { return this._inplaceOf('round_', (s) => E.round(s, opts)); }
  trunc_(): this { return this._inplaceOf('trunc_', (s) => E.trunc(s)); }
  fix_(): this { return this.trunc_(); }
  frac_(): this { return this._inplaceOf('frac_', (s) => E.frac(s)); }
  sign_(): this { return this._inplaceOf('sign_', (s) => E.sign(s)); }
  sgn_(): this { return this._inplaceOf('sgn_', (s) => X.sgn(s)); }
  negative_(): this { return this.neg_(); }
  absolute_(): this { return this.abs_(); }
  deg2rad_(): this { return this._inplaceOf('deg2rad_', (s) => X.deg2rad(s)); }
  rad2deg_(): this { return this._inplaceOf('rad2deg_', (s) => X.rad2deg(s)); }
  nan_to_num_(nan?: number | { nan?: number; posinf?: number | null; neginf?: number | null }, posinf?: number | null, neginf?: number | null): this {
    return E.inplace(this, () => X.nan_to_num(this, nan, posinf, neginf), 'nan_to_num_');
  }
  clamp_min_(min: number | Tensor): this { return this._inplaceOf('clamp_min_', (s) => s.clamp_min(min), min); }
  clamp_max_(max: number | Tensor): this { return this._inplaceOf('clamp_max_', (s) => s.clamp_max(max), max); }
  clip_(min?: number | null, max?: number | null): this { return this.clamp_(min, max); }
  multiply_(other: TensorOrScalar): this { return this.mul_(other); }
  subtract_(other: TensorOrScalar, opts?: { alpha?: number }): this { return this.sub_(other, opts); }
  divide_(other: TensorOrScalar): this { return this.div_(other); }
  true_divide_(other: TensorOrScalar): this { return this.div_(other); }
  floor_divide_(other: TensorOrScalar): this { return this._inplaceOf('floor_divide_', (s) => E.floor_divide(s, other), other); }
  remainder_(other: TensorOrScalar): this { return this._inplaceOf('remainder_', (s) => E.remainder(s, other), other); }
  fmod_(other: TensorOrScalar): this { return this._inplaceOf('fmod_', (s) => E.fmod(s, other), other); }
  hypot_(other: Tensor): this { return this._inplaceOf('hypot_', (s) => E.hypot(s, other), other); }
  copysign_(other: TensorOrScalar): this { return this._inplaceOf('copysign_', (s) => E.copysign(s, other), other); }
  xlogy_(other: TensorOrScalar): this { return this._inplaceOf('xlogy_', (s) => X.xlogy(s, other), other); }
  heaviside_(values: Tensor): this { return this._inplaceOf('heaviside_', (s) => X.heaviside(s, values), values); }
  eq_(other: TensorOrScalar): this { return this._inplaceOf('eq_', (s) => E.eq(s, other), other); }
  ne_(other: TensorOrScalar): this { return this._inplaceOf('ne_', (s) => E.ne(s, other), other); }
  lt_(other: TensorOrScalar): this { return this._inplaceOf('lt_', (s) => E.lt(s, other), other); }
  le_(other: TensorOrScalar): this { return this._inplaceOf('le_', (s) => E.le(s, other), other); }
  gt_(other: TensorOrScalar): this { return this._inplaceOf('gt_', (s) => E.gt(s, other), other); }
  ge_(other: TensorOrScalar): this { return this._inplaceOf('ge_', (s) => E.ge(s, other), other); }
  not_equal_(other: TensorOrScalar): this { return this.ne_(other); }
  less_(other: TensorOrScalar): this { return this.lt_(other); }
  less_equal_(other: TensorOrScalar): this { return this.le_(other); }
  greater_(other: TensorOrScalar): this { return this.gt_(other); }
  greater_equal_(other: TensorOrScalar): this { return this.ge_(other); }
  logical_and_(other: Tensor): this { return this._inplaceOf('logical_and_', (s) => E.logical_and(s, other), other); }
  logical_or_(other: Tensor): this { return this._inplaceOf('logical_or_', (s) => E.logical_or(s, other), other); }
  logical_xor_(other: Tensor): this { return this._inplaceOf('logical_xor_', (s) => E.logical_xor(s, other), other); }
  logical_not_(): this { return this._inplaceOf('logical_not_', (s) => E.logical_not(s)); }
  addmm_(m1: Tensor, m2: Tensor, o?: { beta?: number; alpha?: number }): this { return this._inplaceOf('addmm_', (s) => X.addmm(s, m1, m2, o), m1, m2); }
  addmv_(m: Tensor, v: Tensor, o?: { beta?: number; alpha?: number }): this { return this._inplaceOf('addmv_', (s) => X.addmv(s, m, v, o), m, v); }
  addr_(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): this { return this._inplaceOf('addr_', (s) => X.addr(s, a, b, o), a, b); }
  baddbmm_(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): this { return this._inplaceOf('baddbmm_', (s) => X.baddbmm(s, a, b, o), a, b); }
  addbmm_(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): this { return this._inplaceOf('addbmm_', (s) => X.addbmm(s, a, b, o), a, b); }
  tril_(diagonal = 0): this { return this._inplaceOf('tril_', (s) => S.tril(s, diagonal)); }
  triu_(diagonal = 0): this { return this._inplaceOf('triu_', (s) => S.triu(s, diagonal)); }
  cumsum_(dim: number): this { return this._inplaceOf('cumsum_', (s) => R.cumsum(s, dim)); }
  cumprod_(dim: number): this { return this._inplaceOf('cumprod_', (s) => R.cumprod(s, dim)); }
  /** `x.fill_diagonal_(v, wrap)`: the main diagonal set to v (a tall matrix with wrap restarts it). */
  fill_diagonal_(...a: [fill_value: number, wrap?: boolean | { wrap?: boolean }] | [{ fill_value: number; wrap?: boolean }]): this {
    const o = nativeAfter('fill_diagonal_', 1, ['fill_value', 'wrap'], { wrap: false }, a);
    return X.fill_diagonal_(this, o.fill_value, boolArg('fill_diagonal_', 'wrap', argPosition(a, 1), o.wrap));
  }

  // PyTorch's other names and real-tensor forms of complex ops
  asinh(): Tensor { return E.asinh(this); }
  acosh(): Tensor { return E.acosh(this); }
  atanh(): Tensor { return E.atanh(this); }
  arccos(): Tensor { return E.acos(this); }
  arcsin(): Tensor { return E.asin(this); }
  arctan(): Tensor { return E.atan(this); }
  arccosh(): Tensor { return E.acosh(this); }
  arcsinh(): Tensor { return E.asinh(this); }
  arctanh(): Tensor { return E.atanh(this); }
  arctan2(other: Tensor): Tensor { return E.atan2(this, other); }
  absolute(): Tensor { return E.abs(this); }
  fix(): Tensor { return E.trunc(this); }
  positive(): Tensor { return X.positive(this); }
  multiply(other: TensorOrScalar): Tensor { return E.mul(this, other); }
  subtract(other: TensorOrScalar, opts?: { alpha?: number }): Tensor { return E.sub(this, other, opts); }
  divide(other: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor { return E.div(this, other, opts); }
  greater(other: TensorOrScalar): Tensor { return E.gt(this, other); }
  greater_equal(other: TensorOrScalar): Tensor { return E.ge(this, other); }
  less(other: TensorOrScalar): Tensor { return E.lt(this, other); }
  less_equal(other: TensorOrScalar): Tensor { return E.le(this, other); }
  not_equal(other: TensorOrScalar): Tensor { return E.ne(this, other); }
  hypot(other: Tensor): Tensor { return E.hypot(this, other); }
  copysign(other: TensorOrScalar): Tensor { return E.copysign(this, other); }
  logaddexp2(other: Tensor): Tensor { return X.logaddexp2(this, other); }
  clamp_min(min: number | Tensor): Tensor { return E.clamp_min(this, min); }
  clamp_max(max: number | Tensor): Tensor { return E.clamp_max(this, max); }
  isposinf(): Tensor { return X.isposinf(this); }
  isneginf(): Tensor { return X.isneginf(this); }
  isreal(): Tensor { return X.isreal(this); }
  is_nonzero(): boolean { return X.is_nonzero(this); }
  is_complex(): boolean { return false; }
  /** Whether the dtype is signed (float32 and int64 are; bool is not). */
  is_signed(): boolean { return this.dtype !== boolT; }
  ndimension(): number { return this._shape.length; }
  swapdims(...a: [dim0: number, dim1: number] | [{ dim0: number; dim1: number }]): Tensor { return this.transpose(...(a as [number, number])); }
  adjoint(): Tensor { return X.adjoint(this); }
  /** The conjugate transpose of a matrix (its transpose, for real tensors). */
  get H(): Tensor {
    if (this._shape.length !== 2) {
      throw new Error(`tensor.H is only supported on matrices (2-D tensors). Got ${this._shape.length}-D tensor.` +
        `${this._shape.length > 2 ? ' For batches of matrices, consider using tensor.mH' : ''}`);
    }
    return S.transpose(this, 0, 1);
  }
  get mH(): Tensor { return X.adjoint(this); }
  conj(): Tensor { return this; }
  resolve_conj(): Tensor { return this; }
  resolve_neg(): Tensor { return this; }
  conj_physical(): Tensor { return this; }
  /** In place: nothing to do for a real tensor (PyTorch returns it as it is). */
  conj_physical_(): this { this._bumpVersion(); return this; }
  angle(): Tensor { return X.angle(this); }
  ger(other: Tensor): Tensor { return L.outer(this, other); }
  split_with_sizes(split_sizes: number[], dim = 0): Tensor[] { return S.split(this, split_sizes, dim); }
  unsafe_split(split_size: number, dim = 0): Tensor[] { return S.unsafe_split(this, split_size, dim); }
  unsafe_chunk(chunks: number, dim = 0): Tensor[] { return S.unsafe_chunk(this, chunks, dim); }
  unsafe_split_with_sizes(split_sizes: number[], dim = 0): Tensor[] { return S.unsafe_split(this, split_sizes, dim); }
  narrow_copy(dim: number, start: number, length: number): Tensor {
    // PyTorch 1.13 has no derivative for narrow_copy: its node raises in backward
    const d = this.detach();
    const v = S.narrow(d, dim, start, length);
    const c = refused('NotImplemented', 'derivative for aten::narrow_copy is not implemented', E.clone(v), [this]);
    v.dispose();
    d.dispose();
    return c;
  }
  is_conj(): boolean { return false; }
  is_neg(): boolean { return false; }
  is_same_size(other: Tensor): boolean { return sameShape(this._shape, other._shape); }
  /** The real part: the tensor itself, for real tensors. */
  get real(): Tensor { return this; }
  get imag(): Tensor { return X.imag(this); }
  get is_cpu(): boolean { return true; }
  get is_cuda(): boolean { return false; }
  get is_sparse(): boolean { return false; }
  get is_quantized(): boolean { return false; }
  get is_meta(): boolean { return false; }
  zero_(): this { return E.fill_(this, 0, 'zero_'); }
  fill_(value: number | boolean | Tensor): this { return E.fill_(this, value); }
  copy_(src: Tensor): this { return S.copy_(this, src); }
  uniform_(from = 0, to = 1, opts?: { generator?: C.Generator }): this { return C.uniform_(this, from, to, opts?.generator); }
  normal_(mean = 0, std = 1, opts?: { generator?: C.Generator }): this { return C.normal_(this, mean, std, opts?.generator); }
  bernoulli_(p = 0.5, opts?: { generator?: C.Generator }): this { return C.bernoulli_(this, p, opts?.generator); }
  random_(from: number, to?: number, opts?: { generator?: C.Generator }): this { return C.random_(this, from, to, opts?.generator); }
  /** Fills with exponential draws of rate lambd (PyTorch's CPU stream): `x.exponential_()`. */
  exponential_(lambd = 1, opts?: { generator?: C.Generator }): this { return C.exponential_(this, lambd, opts?.generator); }
  /** Fills with Cauchy draws of median and sigma (PyTorch's CPU stream): `x.cauchy_()`. */
  cauchy_(median = 0, sigma = 1, opts?: { generator?: C.Generator }): this { return C.cauchy_(this, median, sigma, opts?.generator); }

  // ---------------------------------------------------------------- reductions
  // Reductions take PyTorch's (dim, keepdim) by position or in the options: x.sum(1, true) = x.sum(1, { keepdim: true }).
  sum(...args: R.DimArgs): Tensor { return R.sum(this, ...args); }
  mean(...args: R.DimArgs): Tensor { return R.mean(this, ...args); }
  prod(...args: R.DimArgs<number | null | undefined>): Tensor { return R.prod(this, ...args); }
  max(): Tensor;
  max(...args: R.DimArgs<number, R.DimKeep>): ReturnTypes;
  max(other: Tensor): Tensor;
  max(...args: unknown[]): Tensor | ReturnTypes { return (R.max as (x: Tensor, ...a: unknown[]) => Tensor)(this, ...args); }
  min(): Tensor;
  min(...args: R.DimArgs<number, R.DimKeep>): ReturnTypes;
  min(other: Tensor): Tensor;
  min(...args: unknown[]): Tensor | ReturnTypes { return (R.min as (x: Tensor, ...a: unknown[]) => Tensor)(this, ...args); }
  amax(...args: R.DimArgs<number | readonly number[] | undefined>): Tensor { return R.amax(this, ...args); }
  amin(...args: R.DimArgs<number | readonly number[] | undefined>): Tensor { return R.amin(this, ...args); }
  argmax(...args: R.DimArgs<number | null | undefined>): Tensor { return R.argmax(this, ...args); }
  argmin(...args: R.DimArgs<number | null | undefined>): Tensor { return R.argmin(this, ...args); }
  /** PyTorch 1.13's var(dim, unbiased, keepdim) or var(unbiased); correction is keyword-only. */
  var(...args: R.VarArgs): Tensor { return R.var_(this, ...args); }
  std(...args: R.VarArgs): Tensor { return R.std(this, ...args); }
  logsumexp(...args: R.DimArgs<number | readonly number[]>): Tensor { return R.logsumexp(this, ...args); }
  norm(...args: R.NormArgs): Tensor {
    return R.norm(this, ...args);
  }
  cumsum(...args: R.ScanArgs): Tensor { return R.cumsum(this, ...args); }
  cumprod(...args: R.ScanArgs): Tensor { return R.cumprod(this, ...args); }
  all(...args: R.DimArgs<number | null | undefined>): Tensor { return R.all(this, ...args); }
  any(...args: R.DimArgs<number | null | undefined>): Tensor { return R.any(this, ...args); }

  // ---------------------------------------------------------------- shapes and views
  view(...shape: (number | number[])[] | [ListKw<'size'>]): Tensor { return S.view(this, sizesOf(shape, 'view', 'size')); }
  view_as(other: Tensor): Tensor { return S.view(this, other._shape); }
  reshape(...shape: (number | number[])[] | [ListKw<'shape'>]): Tensor { return S.reshape(this, sizesOf(shape, 'reshape', 'shape')); }
  reshape_as(other: Tensor): Tensor { return S.reshape(this, other._shape); }
  transpose(...a: [dim0: number, dim1: number] | [dim0: number, kw: { dim1: number }] | [{ dim0: number; dim1: number }]): Tensor {
    const [d0, d1] = kwargs('transpose', ['dim0', 'dim1'], {}, a) as number[];
    return S.transpose(this, d0, d1);
  }
  /** `x.swapaxes(axis0, axis1)`, NumPy's names as PyTorch's (by name too: `x.swapaxes(0, { axis1: 1 })`). */
  swapaxes(...a: SwapArgs): Tensor { return S.transpose(this, ...swapAxes('swapaxes', a)); }
  permute(...dims: (number | number[])[] | [ListKw<'dims'>]): Tensor { return S.permute(this, sizesOf(dims, 'permute', 'dims')); }
  t(): Tensor { return S.t(this); }
  get T(): Tensor {
    if (this._shape.length !== 2 && this._shape.length !== 0) {
      warnOnce('x.T', 'The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will ' +
        'throw an error in a future release. Consider `x.mT` to transpose batches of matrices or ' +
        '`x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor. (Triggered internally at  ' +
        './aten/src/ATen/native/TensorShape.cpp:3277.)');
    }
    return S.permute(this, this._shape.map((_, i) => this._shape.length - 1 - i));
  }
  get mT(): Tensor { return S.transpose(this, -2, -1); }
  unsqueeze(dim: number | DimKw): Tensor { return S.unsqueeze(this, kwargs('unsqueeze', ['dim'], {}, [dim])[0] as number); }
  squeeze(dim?: number | DimKw): Tensor { return S.squeeze(this, kwargs('squeeze', ['dim'], { dim: undefined }, dim === undefined ? [] : [dim])[0] as number | undefined); }
  flatten(...args: [start_dim?: number | FlattenKw, end_dim?: number | FlattenKw, kw?: FlattenKw]): Tensor {
    // (no parameter defaults: `x.flatten({ start_dim: 1 })` must reach kwargs as the options object it is)
    const [s, e] = kwargs('flatten', ['start_dim', 'end_dim'], { start_dim: 0, end_dim: -1 }, args.filter((v) => v !== undefined)) as number[];
    return S.flatten(this, s ?? 0, e ?? -1);
  }
  unflatten(dim: number, sizes: number[]): Tensor { return S.unflatten(this, dim, sizes); }
  /** `x.expand(2, 3)`, `x.expand([2, 3])`, `x.expand({ size: [2, 3] })`; PyTorch's `implicit` (a tracing flag, no effect
   *  on the result) by name after them. */
  expand(...sizes: ExpandArgs): Tensor { return S.expand(this, expandSizes(sizes)); }
  expand_as(other: Tensor): Tensor { return S.expand(this, other._shape); }
  broadcast_to(size: number[] | ListKw<'size'>): Tensor { return S.expand(this, sizesOf([size], 'broadcast_to', 'size')); }
  narrow(dim: number, start: number, length: number): Tensor { return S.narrow(this, dim, start, length); }
  select(dim: number, index: number): Tensor { return S.select(this, dim, index); }
  split(split_size_or_sections: number | number[], dim: number | DimKw = 0): Tensor[] {
    return S.split(this, split_size_or_sections, kwargs('split', ['dim'], { dim: 0 }, [dim])[0] as number);
  }
  /** `x.chunk(chunks, dim=0)`, also by name: `x.chunk({ chunks: 2, dim: 1 })`. */
  chunk(...a: [chunks: number, dim?: number | DimKw] | [{ chunks: number; dim?: number; axis?: number }]): Tensor[] {
    const o = nativeAfter('chunk', 1, ['chunks', 'dim'], { dim: 0 }, a);
    return S.chunk(this, intArg('chunk', 'chunks', argPosition(a, 0), o.chunks), intArg('chunk', 'dim', argPosition(a, 1), o.dim));
  }
  unbind(dim: number | DimKw = 0): Tensor[] { return S.unbind(this, kwargs('unbind', ['dim'], { dim: 0 }, [dim])[0] as number); }
  repeat(...sizes: (number | number[])[] | [ListKw<'repeats'>]): Tensor { return S.repeat(this, sizesOf(sizes, 'repeat', 'repeats')); }
  flip(dims: number | number[] | ListKw<'dims'>): Tensor { return S.flip(this, typeof dims === 'number' ? [dims] : dims as number[]); }
  tril(diagonal = 0): Tensor { return S.tril(this, diagonal); }
  triu(diagonal = 0): Tensor { return S.triu(this, diagonal); }
  index_select(...a: [dim: number, index: Tensor] | [dim: number, kw: { index: Tensor }] | [{ dim: number; index: Tensor }]): Tensor {
    const [dim, index] = kwargs('index_select', ['dim', 'index'], {}, a) as [number, Tensor];
    return S.index_select(this, dim, index);
  }
  gather(...a: [dim: number, index: Tensor] | [dim: number, kw: { index: Tensor }] | [{ dim: number; index: Tensor }]): Tensor {
    const [dim, index] = kwargs('gather', ['dim', 'index', 'sparse_grad'], { sparse_grad: false }, a) as [number, Tensor];
    return S.gather(this, dim, index);
  }
  scatter_add(dim: number, index: Tensor, src: Tensor): Tensor { return S.scatter_add(this, dim, index, src); }
  /** `x.scatter(dim, index, src)`; a number as `value` (`x.scatter(0, idx, { value: 1 })`). */
  scatter(...a: X.ScatterArgs): Tensor { return X.scatter(this, ...a); }
  masked_select(mask: Tensor): Tensor { return S.masked_select(this, mask); }
  /**
   * PyTorch's indexing `x[1:, ::2]`: `x.index(slice(1, null), slice(null, null, 2))` or
   * `x.index([1, null], [null, null, 2])`; a number selects, null keeps a dim whole; `x[idx]` and
   * `x[x > 0]` are `x.index(idx)` and `x.index(x.gt(0))` (int64 tensors and bool masks, a copy).
   */
  index(...indices: Index[]): Tensor { return S.index(this, indices); }
  /** Short for `index`: `x.get(0)` is `x[0]`. */
  get(...indices: Index[]): Tensor { return S.index(this, indices); }
  /**
   * `x[indices] = value`: the indices as `x.index` takes them, then the value (a number, or a tensor that
   * broadcasts to the indexed part): `x.set(null, 1, 0)` is `x[:, 1] = 0`, `x.set(x.lt(0), 0)` is
   * `x[x < 0] = 0`. Writes in place (with autograd's in-place rules) and returns x.
   */
  set(...args: [...indices: Index[], value: Tensor | number | boolean]): this {
    if (args.length < 2) throw new TypeError('set() takes the indices and then the value to write');
    let value = args[args.length - 1] as unknown;
    if (typeof value === 'boolean') value = Number(value);   // x[0] = True (losses[k] = loss.item() of a bool)
    if (typeof value !== 'number' && !(value instanceof Tensor)) {
      throw new TypeError(`can't assign a ${pyType(value)} to a ${this.type()}`);
    }
    S.setitem(this, args.slice(0, -1) as Index[], value);
    return this;
  }
  /** `x.index_put(indices, values, accumulate=false)`: a copy of x with `x[indices] = values` (or `+=`). */
  index_put(indices: (Tensor | null)[], values: Tensor | number, accumulate = false): Tensor {
    return S.index_put(this, indices, values, accumulate);
  }
  /** `x[indices] = values` (`x.index_put_([idx], v)`); accumulate adds, summing repeated indices. */
  index_put_(indices: (Tensor | null)[], values: Tensor | number, accumulate = false): this {
    return E.inplace(this, () => S.index_put(this, indices, values, accumulate), 'index_put_', values);
  }

  // ---------------------------------------------------------------- linear algebra
  matmul(other: Tensor): Tensor { return L.matmul(this, other); }
  mm(other: Tensor): Tensor { return L.mm(this, other); }
  bmm(other: Tensor): Tensor { return L.bmm(this, other); }
  mv(vec: Tensor): Tensor { return L.mv(this, vec); }
  dot(other: Tensor): Tensor { return L.dot(this, other); }
  outer(other: Tensor): Tensor { return L.outer(this, other); }
  // torch.linalg's classic methods (ops/decomp.ts, linalg.ts)
  det(): Tensor { return D.det(this); }
  logdet(): Tensor { return D.logdet(this); }
  slogdet(): D.SlogdetResult { return D.torchSlogdet(this); }
  inverse(): Tensor { return D.inv(this); }
  cholesky(upper = false): Tensor { return D.torchCholesky(this, upper); }
  cholesky_solve(L: Tensor, upper = false): Tensor { return D.cholesky_solve(this, L, upper); }
  cholesky_inverse(upper = false): Tensor { return D.cholesky_inverse(this, upper); }
  svd(some = true, compute_uv = true): D.TorchSVDResult { return D.torchSvd(this, some, compute_uv); }
  qr(some = true): D.QRResult { return D.torchQr(this, some); }
  pinverse(rcond = 1e-15): Tensor { return D.pinverse(this, rcond); }
  matrix_power(n: number): Tensor { return LA.matrix_power(this, n); }
  triangular_solve(A: Tensor, upper = true, transpose = false, unitriangular = false): D.TriangularSolveResult {
    return D.triangular_solve(this, A, upper, transpose, unitriangular);
  }
  matrix_exp(): Tensor { return LA.matrix_exp(this); }
  lu(...args: Parameters<typeof DM.torchLu> extends [Tensor, ...infer R] ? R : never): [Tensor, Tensor] | [Tensor, Tensor, Tensor] {
    return DM.torchLu(this, ...args);
  }
  lu_solve(LU_data: Tensor, LU_pivots: Tensor): Tensor { return DM.torchLuSolve(this, LU_data, LU_pivots); }
  geqrf(): DM.GeqrfResult { return DM.geqrf(this); }
  orgqr(tau: Tensor): Tensor { return DM.orgqr(this, tau); }
  ormqr(...args: DM.OrmqrArgs): Tensor { return DM.ormqr(this, ...args); }
  symeig(...args: Parameters<typeof DM.symeig> extends [Tensor, ...infer R] ? R : never): DM.SymeigResult { return DM.symeig(this, ...args); }
  /** Removed in PyTorch 1.13: raises its error (torch.linalg.solve). */
  solve(...args: unknown[]): never { return DM.solve(this, ...args); }
  /** Removed in PyTorch 1.13: raises its error (torch.linalg.lstsq). */
  lstsq(...args: unknown[]): never { return DM.lstsq(this, ...args); }
  /** Removed in PyTorch 1.13: raises its error (torch.linalg.eig). */
  eig(...args: unknown[]): never { return DM.eig(this, ...args); }

  // ---------------------------------------------------------------- sorting, selection, helpers (ops/sorting.ts, ops/extra.ts)
  sort(...args: O.SortArgs): ReturnTypes { return O.sort(this, ...args); }
  argsort(...args: O.SortArgs): Tensor { return O.argsort(this, ...args); }
  msort(): Tensor { return O.msort(this); }
  topk(k: number | O.TopkOpts, ...args: O.TopkArgs): ReturnTypes { return O.topk(this, k, ...args); }
  kthvalue(k: number, ...args: R.DimArgs<number, R.DimKeep>): ReturnTypes { return O.kthvalue(this, k, ...args); }
  median(): Tensor;
  median(...args: R.DimArgs<number, R.DimKeep>): ReturnTypes;
  median(...args: unknown[]): Tensor | ReturnTypes { return (O.median as (x: Tensor, ...a: unknown[]) => Tensor)(this, ...args); }
  nanmedian(): Tensor;
  nanmedian(...args: R.DimArgs<number, R.DimKeep>): ReturnTypes;
  nanmedian(...args: unknown[]): Tensor | ReturnTypes { return (O.nanmedian as (x: Tensor, ...a: unknown[]) => Tensor)(this, ...args); }
  mode(...args: R.DimArgs<number, R.DimKeep>): ReturnTypes { return O.mode(this, ...args); }
  /** `x.unique()`: the distinct values (a tensor); with return_inverse or return_counts, a list of tensors. */
  unique(opts?: O.UniqueOpts & { return_inverse?: false; return_counts?: false }): Tensor;
  unique(opts?: O.UniqueOpts): Tensor | Tensor[];
  unique(opts?: O.UniqueOpts): Tensor | Tensor[] { return O.unique(this, opts); }
  unique_consecutive(opts?: O.UniqueOpts): Tensor | Tensor[] { return O.unique_consecutive(this, opts); }
  nonzero(opts?: { as_tuple?: boolean }): Tensor | Tensor[] { return O.nonzero(this, opts); }
  argwhere(): Tensor { return O.argwhere(this); }
  count_nonzero(dim?: number | number[] | null): Tensor { return O.count_nonzero(this, dim); }
  cummax(dim: number): ReturnTypes { return O.cummax(this, dim); }
  cummin(dim: number): ReturnTypes { return O.cummin(this, dim); }
  logcumsumexp(dim: number): Tensor { return O.logcumsumexp(this, dim); }
  addmm(m1: Tensor, m2: Tensor, o?: { beta?: number; alpha?: number }): Tensor { return X.addmm(this, m1, m2, o); }
  addmv(m: Tensor, v: Tensor, o?: { beta?: number; alpha?: number }): Tensor { return X.addmv(this, m, v, o); }
  addr(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): Tensor { return X.addr(this, a, b, o); }
  baddbmm(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): Tensor { return X.baddbmm(this, a, b, o); }
  addbmm(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): Tensor { return X.addbmm(this, a, b, o); }
  kron(other: Tensor): Tensor { return X.kron(this, other); }
  trace(): Tensor { return X.trace(this); }
  diag(diagonal = 0): Tensor { return X.diag(this, diagonal); }
  diagonal(offset = 0, dim1 = 0, dim2 = 1): Tensor { return X.diagonal(this, offset, dim1, dim2); }
  diag_embed(offset = 0, dim1 = -2, dim2 = -1): Tensor { return X.diag_embed(this, offset, dim1, dim2); }
  diagflat(offset = 0): Tensor { return X.diagflat(this, offset); }
  dist(other: Tensor, p = 2): Tensor { return X.dist(this, other, p); }
  vdot(other: Tensor): Tensor { return X.vdot(this, other); }
  inner(other: Tensor): Tensor { return X.inner(this, other); }
  cross(other: Tensor, dim?: number | null): Tensor { return X.cross(this, other, dim); }
  cov(opts?: { correction?: number; fweights?: Tensor | null; aweights?: Tensor | null }): Tensor { return X.cov(this, opts); }
  corrcoef(): Tensor { return X.corrcoef(this); }
  roll(shifts: number | number[] | { shifts: number | number[]; dims?: number | number[] | null }, dims?: number | number[] | null): Tensor {
    return X.roll(this, shifts, dims);
  }
  rot90(k = 1, dims: number[] = [0, 1]): Tensor { return X.rot90(this, k, dims); }
  fliplr(): Tensor { return X.fliplr(this); }
  flipud(): Tensor { return X.flipud(this); }
  movedim(source: number | number[], destination: number | number[]): Tensor { return X.movedim(this, source, destination); }
  moveaxis(source: number | number[], destination: number | number[]): Tensor { return X.movedim(this, source, destination); }
  ravel(): Tensor { return X.ravel(this); }
  tile(dims: number[] | ListKw<'dims'>): Tensor { return X.tile(this, sizesOf([dims], 'tile', 'dims')); }
  repeat_interleave(...args: X.RepeatInterleaveArgs): Tensor { return X.repeat_interleave(this, ...args); }
  tensor_split(sections: number | number[] | Tensor, dim = 0): Tensor[] { return X.tensor_split(this, sections, dim); }
  hsplit(s: SplitSections): Tensor[] { return X.hsplit(this, sections(s)); }
  vsplit(s: SplitSections): Tensor[] { return X.vsplit(this, sections(s)); }
  dsplit(s: SplitSections): Tensor[] { return X.dsplit(this, sections(s)); }
  take(index: Tensor): Tensor { return X.take(this, index); }
  take_along_dim(indices: Tensor, dim?: number | null): Tensor { return X.take_along_dim(this, indices, dim); }
  index_add(dim: number, index: Tensor, source: Tensor, o?: { alpha?: number }): Tensor { return X.index_add(this, dim, index, source, o); }
  index_add_(dim: number, index: Tensor, source: Tensor, o?: { alpha?: number }): this {
    return E.inplace(this, () => X.index_add(this, dim, index, source, o), 'index_add_', source);
  }
  index_copy(dim: number, index: Tensor, source: Tensor): Tensor { return X.index_copy(this, dim, index, source); }
  index_copy_(dim: number, index: Tensor, source: Tensor): this {
    return E.inplace(this, () => X.index_copy(this, dim, index, source), 'index_copy_', source);
  }
  index_fill(dim: number, index: Tensor, value: number | Tensor): Tensor { return X.index_fill(this, dim, index, value); }
  index_fill_(dim: number, index: Tensor, value: number | Tensor): this {
    return E.inplace(this, () => X.index_fill(this, dim, index, value), 'index_fill_', value);
  }
  /** `x.scatter_(dim, index, src)` in place; a number as `value` (`x.scatter_(0, idx, { value: 1 })`). */
  scatter_(...a: X.ScatterArgs): this {
    const [dim, index, src] = X.scatterArgs(a);
    return E.inplace(this, () => X.scatter(this, dim, index, src), 'scatter_', src);
  }
  scatter_add_(dim: number, index: Tensor, src: Tensor): this {
    return E.inplace(this, () => S.scatter_add(this, dim, index, src), 'scatter_add_', src);
  }
  scatter_reduce(dim: number, index: Tensor, src: Tensor, reduce: X.ScatterReduce, o?: { include_self?: boolean }): Tensor {
    return X.scatter_reduce(this, dim, index, src, reduce, o);
  }
  scatter_reduce_(dim: number, index: Tensor, src: Tensor, reduce: X.ScatterReduce, o?: { include_self?: boolean }): this {
    return E.inplace(this, () => X.scatter_reduce(this, dim, index, src, reduce, o), 'scatter_reduce_', src);
  }
  masked_scatter(mask: Tensor, source: Tensor): Tensor { return X.masked_scatter(this, mask, source); }
  masked_scatter_(mask: Tensor, source: Tensor): this {
    return E.inplace(this, () => X.masked_scatter(this, mask, source), 'masked_scatter_', source);
  }
  /** `x.diff(n=1, dim=-1, prepend=None, append=None)`, each by position or by name. */
  diff(...a: [n?: number | DiffKw, dim?: number | DiffKw, prepend?: Tensor | null | DiffKw, append?: Tensor | null | DiffKw, kw?: DiffKw]): Tensor {
    const [n, dim, prepend, append] = kwargs('diff', ['n', 'dim', 'prepend', 'append'], { n: 1, dim: -1, prepend: null, append: null },
      a) as [number, number, Tensor | null, Tensor | null];
    return X.diff(this, n ?? 1, dim ?? -1, { prepend, append });
  }
  nan_to_num(nan?: number | { nan?: number; posinf?: number | null; neginf?: number | null }, posinf?: number | null, neginf?: number | null): Tensor {
    return X.nan_to_num(this, nan, posinf, neginf);
  }
  nansum(dim?: number | number[] | null | R.DimOpts, opts?: R.DimOpts): Tensor { return X.nansum(this, dim, opts); }
  nanmean(dim?: number | number[] | null | R.DimOpts, opts?: R.DimOpts): Tensor { return X.nanmean(this, dim, opts); }
  xlogy(other: TensorOrScalar): Tensor { return X.xlogy(this, other); }
  logaddexp(other: Tensor): Tensor { return X.logaddexp(this, other); }
  fmax(other: Tensor): Tensor { return X.fmax(this, other); }
  fmin(other: Tensor): Tensor { return X.fmin(this, other); }
  heaviside(values: Tensor): Tensor { return X.heaviside(this, values); }
  sgn(): Tensor { return X.sgn(this); }
  signbit(): Tensor { return X.signbit(this); }
  sinc(): Tensor { return X.sinc(this); }
  deg2rad(): Tensor { return X.deg2rad(this); }
  rad2deg(): Tensor { return X.rad2deg(this); }
  aminmax(opts?: { dim?: number | null; keepdim?: boolean }): [Tensor, Tensor] & { min: Tensor; max: Tensor } { return X.aminmax(this, opts); }
  histc(bins = 100, min = 0, max = 0): Tensor { return X.histc(this, bins, min, max); }
  bincount(weights?: Tensor | null, minlength = 0): Tensor { return X.bincount(this, weights, minlength); }
  /** `x.new_zeros(2, 3)` or `x.new_zeros([2, 3], { dtype })`: zeros of x's dtype unless given. */
  new_zeros(...args: C.SizeArgs): Tensor { return X.new_zeros(this, ...C.sizeAndOpts(args, 'new_zeros')); }
  new_ones(...args: C.SizeArgs): Tensor { return X.new_ones(this, ...C.sizeAndOpts(args, 'new_ones')); }
  new_empty(...args: C.SizeArgs): Tensor { return X.new_empty(this, ...C.sizeAndOpts(args, 'new_empty')); }
  /** `x.new_full(size, fill_value, { dtype, ... })`, size and fill_value by name too. */
  new_full(...a: [size: number[], fill_value: number | boolean, opts?: C.TensorOptions]
    | [size: number[], kw: C.TensorOptions & { fill_value: number | boolean }]
    | [kw: C.TensorOptions & { size: number[]; fill_value: number | boolean }]): Tensor {
    const last = a[a.length - 1];
    const kwOnly = last !== null && typeof last === 'object' && !Array.isArray(last) ? Object.keys(last) : [];
    const { size, fill_value, ...opts } = native('new_full', ['size', 'fill_value'], {}, a, kwOnly);
    if (typeof fill_value !== 'number' && typeof fill_value !== 'boolean') {
      throw new TypeError(`new_full(): argument 'fill_value'${argPosition(a, 1) === null ? '' : ' (position 2)'} must be Number, not ${pyType(fill_value)}`);
    }
    return X.new_full(this, size, fill_value, opts);
  }
  new_tensor(data: TensorData | ArrayLike<number>, opts?: C.TensorOptions): Tensor { return X.new_tensor(this, data, opts); }
  type_as(other: Tensor): Tensor { return E.cast(this, other.dtype, true); }
  multinomial(num_samples: number, replacement?: boolean, opts?: X.MultinomialOpts): Tensor;
  multinomial(num_samples: number, opts: X.MultinomialOpts): Tensor;
  multinomial(opts: X.MultinomialOpts & { num_samples: number }): Tensor;
  multinomial(...args: unknown[]): Tensor {
    return (X.multinomial as (x: Tensor, ...a: unknown[]) => Tensor)(this, ...args);
  }

  // ---------------------------------------------------------------- src/ops/funcs.ts
  /** `x.quantile(q, dim, keepdim, { interpolation })`: torch.quantile. */
  quantile(q: number | Tensor, ...args: Parameters<typeof Fn.quantile> extends [Tensor, unknown, ...infer A] ? A : never): Tensor { return Fn.quantile(this, q, ...args); }
  /** `x.nanquantile(q, dim, keepdim, { interpolation })`: torch.nanquantile. */
  nanquantile(q: number | Tensor, ...args: Parameters<typeof Fn.nanquantile> extends [Tensor, unknown, ...infer A] ? A : never): Tensor { return Fn.nanquantile(this, q, ...args); }
  /** `x.renorm(p, dim, maxnorm)`: torch.renorm. */
  renorm(p: number, dim: number, maxnorm: number): Tensor { return Fn.renorm(this, p, dim, maxnorm); }
  renorm_(p: number, dim: number, maxnorm: number): this { return this._inplaceOf('renorm_', (s) => Fn.renorm(s, p, dim, maxnorm)); }
  /** `x.frexp()`: [mantissa, exponent]. */
  frexp(): [Tensor, Tensor] & { mantissa: Tensor; exponent: Tensor } { return Fn.frexp(this); }
  /** `x.ldexp(other)`: x·2^other. */
  ldexp(other: Tensor): Tensor { return Fn.ldexp(this, other); }
  ldexp_(other: Tensor): this {
    // PyTorch 1.13 writes ldexp_ as mul(out=self), which autograd refuses
    if (is_grad_enabled() && (this.requires_grad || other.requires_grad)) {
      throw new Error("mul(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.");
    }
    return this._inplaceOf('ldexp_', (s) => Fn.ldexp(s, other), other);
  }
  /** `x.unfold(dimension, size, step)`: windows along a dim as a new last dim (a view). */
  unfold(dimension: number, size: number, step: number): Tensor { return Fn.unfold(this, dimension, size, step); }
  /** `x.diagonal_scatter(src, offset, dim1, dim2)`: torch.diagonal_scatter. */
  diagonal_scatter(src: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor { return Fn.diagonal_scatter(this, src, offset, dim1, dim2); }
  /** `x.select_scatter(src, dim, index)`: torch.select_scatter. */
  select_scatter(src: Tensor, dim: number, index: number): Tensor { return Fn.select_scatter(this, src, dim, index); }
  /** `x.slice_scatter(src, dim, start, end, step)`: torch.slice_scatter. */
  slice_scatter(src: Tensor, dim = 0, start: number | null = null, end: number | null = null, step = 1): Tensor {
    return Fn.slice_scatter(this, src, dim, start, end, step);
  }
  /** `x.sum_to_size(1, 4)`: x summed down to a size it broadcasts from. */
  sum_to_size(...size: (number | readonly number[])[] | [ListKw<'size'>]): Tensor {
    return Fn.sum_to_size(this, ...(size.length === 1 ? [listKw('sum_to_size', 'size', size[0]) as number | number[]] : size as number[]));
  }
  bitwise_and(other: TensorOrScalar): Tensor { return Fn.bitwise_and(this, other); }
  bitwise_or(other: TensorOrScalar): Tensor { return Fn.bitwise_or(this, other); }
  bitwise_xor(other: TensorOrScalar): Tensor { return Fn.bitwise_xor(this, other); }
  bitwise_not(): Tensor { return Fn.bitwise_not(this); }
  bitwise_left_shift(other: TensorOrScalar): Tensor { return Fn.bitwise_left_shift(this, other); }
  bitwise_right_shift(other: TensorOrScalar): Tensor { return Fn.bitwise_right_shift(this, other); }
  bitwise_and_(other: TensorOrScalar): this { return this._inplaceOf('bitwise_and_', (s) => Fn.bitwise_and(s, other), other); }
  bitwise_or_(other: TensorOrScalar): this { return this._inplaceOf('bitwise_or_', (s) => Fn.bitwise_or(s, other), other); }
  bitwise_xor_(other: TensorOrScalar): this { return this._inplaceOf('bitwise_xor_', (s) => Fn.bitwise_xor(s, other), other); }
  bitwise_not_(): this { return this._inplaceOf('bitwise_not_', (s) => Fn.bitwise_not(s)); }
  bitwise_left_shift_(other: TensorOrScalar): this { return this._inplaceOf('bitwise_left_shift_', (s) => Fn.bitwise_left_shift(s, other), other); }
  bitwise_right_shift_(other: TensorOrScalar): this { return this._inplaceOf('bitwise_right_shift_', (s) => Fn.bitwise_right_shift(s, other), other); }
  gcd(other: Tensor): Tensor { return Fn.gcd(this, other); }
  lcm(other: Tensor): Tensor { return Fn.lcm(this, other); }
  gcd_(other: Tensor): this { return this._inplaceOf('gcd_', (s) => Fn.gcd(s, other), other); }
  lcm_(other: Tensor): this { return this._inplaceOf('lcm_', (s) => Fn.lcm(s, other), other); }
  nextafter(other: Tensor): Tensor { return Fn.nextafter(this, other); }
  nextafter_(other: Tensor): this { return this._inplaceOf('nextafter_', (s) => Fn.nextafter(s, other), other); }
  /** `a.igamma(x)`: torch.igamma(a, x). */
  igamma(other: Tensor): Tensor { return Fn.igamma(this, other); }
  igammac(other: Tensor): Tensor { return Fn.igammac(this, other); }
  igamma_(other: Tensor): this { return this._inplaceOf('igamma_', (s) => Fn.igamma(s, other), other); }
  igammac_(other: Tensor): this { return this._inplaceOf('igammac_', (s) => Fn.igammac(s, other), other); }

  // ---------------------------------------------------------------- PyTorch 1.13's other Tensor names (ops/misc.ts)
  /** `x.bernoulli()`: draws with x as probabilities (torch.bernoulli); `x.bernoulli(p)`: x's shape drawn with p. */
  bernoulli(p?: number | { generator?: C.Generator }, opts?: { generator?: C.Generator }): Tensor {
    return typeof p === 'number' ? C.bernoulli(this, p, opts) : C.bernoulli(this, p);
  }
  /** Fills with exp(N(mean, std²)) draws (PyTorch's CPU stream). */
  log_normal_(mean = 1, std = 2, opts?: { generator?: C.Generator }): this {
    if (this.dtype !== float32) throw new TypeError(`"log_normal_cpu" not implemented for '${scalarName(this.dtype)}'`);
    return C.log_normal_(this, mean, std, opts?.generator);
  }
  /** Fills with geometric draws: the number of Bernoulli(p) trials to the first success (PyTorch's CPU stream). */
  geometric_(p: number, opts?: { generator?: C.Generator }): this { return C.geometric_(this, p, opts?.generator); }
  /** `x.float_power(e)`: torch.float_power (in double, rounded to float32). */
  float_power(exponent: Tensor | number): Tensor { return M.float_power(this, exponent); }
  /** `x.float_power_(e)`: PyTorch's error: the result is float64, which x (float32, int64 or bool) cannot hold. */
  float_power_(exponent: Tensor | number): this {
    void exponent;
    throw new Error(`the base given to float_power_ has dtype ${scalarName(this.dtype)} ` +
      "but the operation's result requires dtype Double");
  }
  /** `x.hardshrink(lambd=0.5)`: nn.functional.hardshrink. */
  hardshrink(lambd = 0.5): Tensor { return E.unary(E.unarySpecs.hardshrink, this, lambd); }
  /** `x.prelu(weight)`: nn.functional.prelu. */
  prelu(weight: Tensor): Tensor { return M.prelu(this, weight); }
  /** `x.histogram(bins, { range, weight, density })`: torch.histogram. */
  histogram(bins?: number | Tensor | { range?: readonly number[] | null; weight?: Tensor | null; density?: boolean },
    opts?: { range?: readonly number[] | null; weight?: Tensor | null; density?: boolean }): M.HistogramResult {
    return M.histogram(this, bins, opts);
  }
  /** `x.index_reduce(dim, index, source, reduce, { include_self })`: torch.index_reduce. */
  index_reduce(dim: number, index: Tensor, source: Tensor, reduce: 'prod' | 'mean' | 'amax' | 'amin', opts?: { include_self?: boolean }): Tensor {
    return M.index_reduce(this, dim, index, source, reduce, opts);
  }
  index_reduce_(dim: number, index: Tensor, source: Tensor, reduce: 'prod' | 'mean' | 'amax' | 'amin', opts?: { include_self?: boolean }): this {
    return this._inplaceOf('index_reduce_', (s) => M.index_reduce(s, dim, index, source, reduce, opts), source);
  }
  /** `x.put(index, source, accumulate=False)`: torch.put. */
  put(index: Tensor, source: Tensor, accumulate = false): Tensor { return M.put(this, index, source, accumulate); }
  /** `x.put_(index, source, accumulate=False)`: source's values written at the flat indices of x. */
  put_(index: Tensor, source: Tensor, accumulate = false): this { return M.put_(this, index, source, accumulate); }
  /** `x.as_strided(size, stride, storage_offset)`: torch.as_strided. */
  as_strided(size: readonly number[], stride: readonly number[], storage_offset?: number | null): Tensor {
    return M.as_strided(this, size, stride, storage_offset);
  }
  /** `x.as_strided_scatter(src, size, stride, storage_offset)`: torch.as_strided_scatter. */
  as_strided_scatter(src: Tensor, size: readonly number[], stride: readonly number[], storage_offset?: number | null): Tensor {
    return M.as_strided_scatter(this, src, size, stride, storage_offset);
  }
  /** `x.as_strided_(size, stride, storage_offset)`: x itself takes the geometry (bounds checked). */
  as_strided_(size: readonly number[], stride: readonly number[], storage_offset?: number | null): this {
    return M.as_strided_(this, size, stride, storage_offset);
  }
  /** `x.unsqueeze_(dim)`: in place (UnsqueezeBackward1). */
  unsqueeze_(dim: number): this {
    const d = normDim(dim, this._shape.length + 1);
    return this._viewInPlace((x) => S.unsqueeze(x, dim), 'UnsqueezeBackward1', (g) => S.squeeze(g, d));
  }
  /** `x.squeeze_(dim?)`: in place (SqueezeBackward2 without dim, SqueezeBackward3 with one). */
  squeeze_(dim?: number): this {
    const shape = this._shape.slice();
    return this._viewInPlace((x) => S.squeeze(x, dim), dim === undefined ? 'SqueezeBackward2' : 'SqueezeBackward3', (g) => S.reshape(g, shape));
  }
  /** `x.transpose_(dim0, dim1)`: in place (TransposeBackward1). */
  transpose_(dim0: number, dim1: number): this {
    return this._viewInPlace((x) => S.transpose(x, dim0, dim1), 'TransposeBackward1', (g) => S.transpose(g, dim0, dim1));
  }
  swapaxes_(...a: SwapArgs): this { return this.transpose_(...swapAxes('swapaxes_', a)); }
  swapdims_(dim0: number, dim1: number): this { return this.transpose_(dim0, dim1); }
  /** `x.t_()`: in place (TBackward1). */
  t_(): this {
    if (this._shape.length > 2) throw new Error(`t_() expects a tensor with <= 2 dimensions, but self is ${this._shape.length}D`);
    return this._viewInPlace((x) => S.t(x), 'TBackward1', (g) => S.t(g));
  }
  /** An in-place view op: the geometry `view` gives (on a detached alias, checked by the view op), taken by x. */
  private _viewInPlace(view: (x: Tensor) => Tensor, node: string, back: (g: Tensor) => Tensor): this {
    const d = this.detach();
    try {
      const v = view(d);
      const [shape, strides, offset] = [v._shape.slice(), v._strides.slice(), v._offset];
      if (v !== d) v.dispose();
      return M.inplaceView(this, node, shape, strides, offset, back);
    } finally {
      d.dispose();
    }
  }
  /** `x.new(...)`, the legacy constructor: `x.new()` (empty), `x.new(2, 3)` or `x.new(size)` (uninitialized, x's
   *  dtype), `x.new([1, 2])` (data, x's dtype), `x.new(tensor)` (an alias; same dtype), `x.new(storage)`. */
  new(...args: (number | NestedArray | Tensor | Size | TypedStorage)[]): Tensor {
    return newLegacy(this, args);
  }
  /** `x.new_empty_strided(size, stride, { dtype })`: torch.empty_strided with x's dtype unless given. */
  new_empty_strided(size: readonly number[], stride: readonly number[], opts: C.TensorOptions = {}): Tensor {
    return M.empty_strided(size, stride, { dtype: this.dtype, ...opts });
  }
  /** `x.resize_(...sizes)`: x takes the sizes (contiguous strides), its storage grown when too small (its values kept,
   *  the new ones zero; every tensor on the storage sees it). */
  resize_(...sizes: (number | readonly number[])[]): this {
    const shape = sizesOf(sizes);
    if (this._requiresGrad) throw new Error('cannot resize variables that require grad');
    for (const d of shape) if (d < 0) throw new RangeError(`Trying to create tensor with negative dimension ${d}: [${shape.join(', ')}]`);
    const s = this._live();
    s.grow(this._offset + numelOf(shape));
    this._shape = shape;
    this._strides = contiguousStrides(shape);
    this._sizeCache = null;
    return this;
  }
  /** `x.resize_as_(other)`: x.resize_(other.shape). */
  resize_as_(other: Tensor): this { return this.resize_(other._shape); }
  /** `x.resize(...sizes)` (deprecated, with PyTorch's warning): a reshaped copy with the same number of elements. */
  resize(...sizes: (number | readonly number[])[]): Tensor { return resizeLegacy(this, sizesOf(sizes), 'resize'); }
  /** `x.resize_as(other)` (deprecated): x.resize(other.shape). */
  resize_as(other: Tensor): Tensor { return resizeLegacy(this, other._shape.slice(), 'resize_as'); }
  /** `x.set_(source)`: x becomes a tensor over source's storage with source's geometry; `x.set_(storage, offset, size,
   *  stride)` over a storage; `x.set_()` an empty tensor. */
  set_(source?: Tensor | TypedStorage, storage_offset = 0, size?: readonly number[], stride?: readonly number[]): this {
    let st: Storage;
    let shape: number[];
    let strides: number[];
    let offset: number;
    if (source === undefined) {
      st = Storage.allocate(0);
      shape = [0]; strides = [1]; offset = 0;
    } else if (source instanceof Tensor) {
      if (source.dtype !== this.dtype) throw new TypeError('Could not run set_ with a source of another dtype');
      st = source._live().retain();
      shape = source._shape.slice(); strides = source._strides.slice(); offset = source._offset;
    } else {
      if (source.dtype !== this.dtype) throw new TypeError('Expected a Storage of the tensor\'s dtype');
      shape = size ? [...size] : [source.size() - storage_offset];
      strides = stride ? [...stride] : contiguousStrides(shape);
      offset = storage_offset;
      st = source._storage.retain();
    }
    this._bumpVersion();
    const old = this._live();
    unfinalize(this);
    this._storage = st;
    finalize(this);
    old.release();
    this._shape = shape;
    this._strides = strides;
    this._offset = offset;
    this._sizeCache = null;
    if (source instanceof TypedStorage || source !== undefined) M.checkStrided(this, shape, strides, offset);
    return this;
  }
  /** Whether x and other are the same view of the same storage (same offset, sizes and strides). */
  is_set_to(other: Tensor): boolean {
    return this._live() === other._live() && this._offset === other._offset && sameShape(this._shape, other._shape) &&
      sameShape(this._strides, other._strides);
  }
  /** `x.apply_(fn)`: each element replaced by fn(element), in order (a JavaScript callback, as PyTorch's Python one). */
  apply_(callable: (v: number) => number | boolean): this { return this._mapValues('apply_', [], (v) => callable(v[0])); }
  /** `x.map_(other, fn)`: each element replaced by fn(element, other's element), other broadcast to x's shape. */
  map_(tensor: Tensor, callable: (a: number, b: number) => number | boolean): this {
    return this._mapValues('map_', [tensor], (v) => callable(v[0], v[1]));
  }
  /** `x.map2_(a, b, fn)`: each element replaced by fn(element, a's, b's), a and b broadcast to x's shape. */
  map2_(x: Tensor, y: Tensor, callable: (a: number, b: number, c: number) => number | boolean): this {
    return this._mapValues('map2_', [x, y], (v) => callable(v[0], v[1], v[2]));
  }
  private _mapValues(name: string, others: Tensor[], f: (v: number[]) => number | boolean): this {
    if (this.requires_grad) throw new Error(`Can't call ${name}() on Variable that requires grad. Use var.detach().${name}() instead.`);
    const expanded = others.map((o) => S.expand(o, this._shape));
    const vals = [this, ...expanded].map((t) => Array.from(t.dataSync()));
    for (const e of expanded) if (!others.includes(e)) e.dispose();
    const isBool = this.dtype === boolT;
    const out = vals[0].map((_, i) => {
      const r = Number(f(vals.map((v) => (isBool ? Number(v[i] !== 0) : v[i]))));
      return this.dtype === float32 ? r : isBool ? (r ? 1 : 0) : Math.trunc(r);
    });
    const t = fromFlat(out, this._shape.slice(), this.dtype);
    // (PyTorch's element loop writes through the data pointer: no version bump)
    E.writeInto(this, t);
    t.dispose();
    return this;
  }
  /** The byte address of the first element in wasm memory (0 for a tensor without memory). */
  data_ptr(): number {
    const s = this._live();
    return s.bytes === 0 ? 0 : s.ptr + this._offset * 4;
  }
  /** `x.storage()`: the TypedStorage under x (all of it, not just x's view). */
  storage(): TypedStorage { return new (storageClass(this.dtype))(this._live(), this.dtype); }
  /** `x.storage_type()`: torch.FloatStorage, torch.LongStorage or torch.BoolStorage. */
  storage_type(): typeof TypedStorage { return storageClass(this.dtype); }
  /** `torch.strided`: tocha's only layout. */
  get layout(): typeof strided { return strided; }
  /** The CUDA device index: -1 on the CPU. */
  get_device(): number { return -1; }
  /** Which output of its grad_fn this tensor is (0 for most; a position for unbind's and split's). */
  get output_nr(): number { return this.grad_fn ? this._viewOutputNr : 0; }
  is_pinned(): boolean { return false; }
  /** `x.pin_memory()`: PyTorch's error without CUDA (pinned memory is page-locked host memory for GPU copies). */
  pin_memory(): Tensor {
    throw new NotImplementedError("Could not run 'aten::_pin_memory' with arguments from the 'CUDA' backend. This could be " +
      'because the operator doesn\'t exist for this backend, or was omitted during the selective/custom build process (if using custom build).');
  }
  is_shared(): boolean { return this._live().shared; }
  /** `x.share_memory_()`: marks the storage shared (wasm memory already is, across tocha's worker threads). */
  share_memory_(): this { this._live().shared = true; return this; }
  /** `x.cuda()`: PyTorch's AssertionError without CUDA. */
  cuda(): Tensor { throw Object.assign(new Error('Torch not compiled with CUDA enabled'), { name: 'AssertionError' }); }
  xpu(): Tensor { throw new Error('PyTorch is not linked with support for xpu devices'); }
  ipu(): Tensor { throw new Error('PyTorch is not linked with support for ipu devices'); }
  get is_xpu(): boolean { return false; }
  get is_ipu(): boolean { return false; }
  get is_mps(): boolean { return false; }
  get is_vulkan(): boolean { return false; }
  get is_ort(): boolean { return false; }
  get is_mkldnn(): boolean { return false; }
  get is_nested(): boolean { return false; }
  get is_sparse_csr(): boolean { return false; }
  is_distributed(): boolean { return false; }
  // the dtypes tocha lacks: a TypeError naming the dtype
  half(): Tensor { return missingDtype('half', 'torch.float16'); }
  bfloat16(): Tensor { return missingDtype('bfloat16', 'torch.bfloat16'); }
  byte(): Tensor { return missingDtype('byte', 'torch.uint8'); }
  char(): Tensor { return missingDtype('char', 'torch.int8'); }
  short(): Tensor { return missingDtype('short', 'torch.int16'); }
  cfloat(): Tensor { return missingDtype('cfloat', 'torch.complex64'); }
  cdouble(): Tensor { return missingDtype('cdouble', 'torch.complex128'); }
  chalf(): Tensor { return missingDtype('chalf', 'torch.complex32'); }
  /** Named tensors: tocha's dimensions are unnamed, so every name is null. */
  get names(): null[] { return this._shape.map(() => null); }
  has_names(): boolean { return false; }
  /** `x.name`: null (the named-tensor attribute PyTorch keeps for every tensor). */
  get name(): null { return null; }
  /** `x.volatile` (removed in PyTorch): false, with PyTorch's warning. */
  get volatile(): boolean {
    warnOnce('volatile', 'volatile was removed (Variable.volatile is always False)');
    return false;
  }
  /** `x.reinforce()`: removed in PyTorch, its error. */
  reinforce(reward?: unknown): never {
    void reward;
    throw new Error('reinforce() was removed.\nUse torch.distributions instead.\nSee https://pytorch.org/docs/master/distributions.html\n\n' +
      'Instead of:\n\nprobs = policy_network(state)\naction = probs.multinomial()\nnext_state, reward = env.step(action)\n' +
      'action.reinforce(reward)\naction.backward()\n\nUse:\n\nprobs = policy_network(state)\n# NOTE: categorical is equivalent to ' +
      'what used to be called multinomial\nm = torch.distributions.Categorical(probs)\naction = m.sample()\n' +
      'next_state, reward = env.step(action)\nloss = -m.log_prob(action) * reward\nloss.backward()\n');
  }
}

/** `torch.layout` (PyTorch's type of tensor layouts); `torch.strided` is the one tocha has. */
export class layout {
  constructor(readonly name: string) {}
  toString(): string { return `torch.${this.name}`; }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}
export const strided = /*#__PURE__*/ new layout('strided');

function missingDtype(method: string, dtype: string): never {
  throw new TypeError(`tocha: x.${method}() converts to ${dtype}, a dtype tocha lacks (tocha has float32, int64 and bool)`);
}

/** Tensor.resize / resize_as (autograd's Resize function): the same elements in a new shape, a copy. */
const resizeLegacy = /*#__PURE__*/ composite(resizeLegacyImpl, 'Tensor.resize');
function resizeLegacyImpl(x: Tensor, shape: number[], name: string): Tensor {
  warnOnce(`Tensor.${name}`, `non-inplace ${name} is deprecated`);
  if (numelOf(shape) !== x.numel()) {
    throw new Error(`requested resize to ${shape.join('x')} (${numelOf(shape)} elements in total), but the given tensor has a ` +
      `size of ${x._shape.join('x')} (${x.numel()} elements). autograd's resize can only change the shape of a given tensor, ` +
      'while preserving the number of elements. ');
  }
  return renamed('ResizeBackward', S.reshape(E.clone(x), shape));
}

/** Tensor.new, the legacy constructor. */
function newLegacy(x: Tensor, args: unknown[]): Tensor {
  if (args.length === 0) return C.empty([0], { dtype: x.dtype });
  const a = args[0];
  if (args.length === 1 && a instanceof Tensor) {
    if (a.dtype !== x.dtype) {
      const o = (d: DType) => `TensorOptions(dtype=${d === float32 ? 'float' : d === int64 ? 'long int' : 'bool'}, device=cpu, layout=Strided, ` +
        'requires_grad=false (default), pinned_memory=false (default), memory_format=(nullopt))';
      throw new TypeError(`expected ${o(x.dtype)} (got ${o(a.dtype)})`);
    }
    return a.detach();
  }
  if (args.length === 1 && a instanceof TypedStorage) return C.empty([0], { dtype: x.dtype }).set_(a);
  if (args.length === 1 && a instanceof Size) return C.empty([...a], { dtype: x.dtype });
  if (args.length === 1 && Array.isArray(a)) return C.tensor(a as NestedArray, { dtype: x.dtype });
  args.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new TypeError(`new(): argument 'size' must be tuple of ints, but found element of type ${typeof v === 'number' ? 'float' : typeof v} at pos ${i + 1}`);
    }
  });
  return C.empty(args as number[], { dtype: x.dtype });
}

/** Makes a tensor of the given shape from a flat typed array (copied into wasm memory). */
export function fromFlat(values: ArrayLike<number>, shape: number[], dtype: DType): Tensor {
  const t = Tensor._empty(shape, dtype);
  const n = values.length;
  if (n === 0) return t;
  const p = t._ptr() >>> 2;
  if (dtype === float32) F32().set(values, p);
  else I32().set(values, p);
  return t;
}

export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}

export function gradModeOn(): boolean {
  return is_grad_enabled();
}

export type { Shape };
