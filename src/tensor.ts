// Tensor: dtype, shape, strides and offset over a shared wasm Storage, plus autograd state.
// Ops live in src/ops (each once, forward and backward side by side); the methods here only
// forward to them with PyTorch's names and argument order. The class holds the lean core (what
// `tocha/lean` has: lifetime, autograd, metadata, the common elementwise, reduction, shape and product
// methods); src/tensor-methods.ts declares and installs the rest, and library code calls only the core
// (tsconfig.lean.json checks it).
import { DType, float32, int64, bool as boolT, DTypeLike, toDType, asOp } from './dtype.js';
import { toFormat, toTarget, type ToArg } from './device.js';
import { Storage, INFERENCE_INPLACE, Scope, Owned, track, keep as keepT, finalize, unfinalize, stats, creationSite } from './lifetime.js';
import { F32, I32 } from './backend/wasm.js';
import { AccumulateGrad, Node, runBackward, BackwardOptions, is_grad_enabled, RETAIN, renamed, shownInputs, type GradHook } from './autograd.js';
import { contiguousStrides, numelOf, Shape, sizesOf, type ListKw, normDim, sameShape } from './ops/util.js';
import { formatTensor, formatSize, formatReturnTypes } from './print.js';
import * as E from './ops/elementwise.js';
import { contiguous_format, formatStrides, isContiguousIn, preserve_format, type memory_format } from './layout.js';
import * as R from './ops/reduce.js';
import * as S from './ops/shape.js';
import * as L from './ops/linalg.js';
import * as C from './ops/create.js';
import * as X from './ops/extra.js';
import * as M from './ops/misc.js';
import { warnOnce } from './warn.js';
import { ViewMeta, regenerateViewHistory } from './ops/inplace.js';
import { argPosition, intArg, kwargs, native, nativeAfter, pyType, tensorInt, type DimKw } from './ops/kw.js';

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
  _sizeCache: Size | null = null;

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

  // ---------------------------------------------------------------- elementwise
  add(other: TensorOrScalar, opts?: { alpha?: number }): Tensor { return E.add(this, other, opts); }
  sub(other: TensorOrScalar, opts?: { alpha?: number }): Tensor { return E.sub(this, other, opts); }
  mul(other: TensorOrScalar): Tensor { return E.mul(this, other); }
  div(other: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor { return E.div(this, other, opts); }
  true_divide(other: TensorOrScalar): Tensor { return E.div(this, other); }
  floor_divide(other: TensorOrScalar): Tensor { return E.floor_divide(this, other); }
  remainder(other: TensorOrScalar): Tensor { return E.remainder(this, other); }
  pow(exponent: TensorOrScalar): Tensor { return E.pow(this, exponent); }
  maximum(other: Tensor): Tensor { return E.maximum(this, other); }
  minimum(other: Tensor): Tensor { return E.minimum(this, other); }
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
  logical_not(): Tensor { return E.logical_not(this); }
  neg(): Tensor { return E.neg(this); }
  negative(): Tensor { return E.neg(this); }
  abs(): Tensor { return E.abs(this); }
  exp(): Tensor { return E.exp(this); }
  log(): Tensor { return E.log(this); }
  log1p(): Tensor { return E.log1p(this); }
  sqrt(): Tensor { return E.sqrt(this); }
  rsqrt(): Tensor { return E.rsqrt(this); }
  reciprocal(): Tensor { return E.reciprocal(this); }
  square(): Tensor { return E.square(this); }
  sin(): Tensor { return E.sin(this); }
  cos(): Tensor { return E.cos(this); }
  tanh(): Tensor { return E.tanh(this); }
  sigmoid(): Tensor { return E.sigmoid(this); }
  relu(): Tensor { return E.relu(this); }
  floor(): Tensor { return E.floor(this); }
  ceil(): Tensor { return E.ceil(this); }
  round(opts?: { decimals?: number }): Tensor { return E.round(this, opts); }
  sign(): Tensor { return E.sign(this); }
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
  _inplaceOf(name: string, op: (src: Tensor) => Tensor, ...operands: unknown[]): this {
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
  clamp_min(min: number | Tensor): Tensor { return E.clamp_min(this, min); }
  clamp_max(max: number | Tensor): Tensor { return E.clamp_max(this, max); }
  get is_cpu(): boolean { return true; }
  get is_cuda(): boolean { return false; }
  get is_sparse(): boolean { return false; }
  zero_(): this { return E.fill_(this, 0, 'zero_'); }
  fill_(value: number | boolean | Tensor): this { return E.fill_(this, value); }
  copy_(src: Tensor): this { return S.copy_(this, src); }
  uniform_(from = 0, to = 1, opts?: { generator?: C.Generator }): this { return C.uniform_(this, from, to, opts?.generator); }
  normal_(mean = 0, std = 1, opts?: { generator?: C.Generator }): this { return C.normal_(this, mean, std, opts?.generator); }
  bernoulli_(p = 0.5, opts?: { generator?: C.Generator }): this { return C.bernoulli_(this, p, opts?.generator); }

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
  narrow(dim: number, start: number | Tensor, length: number): Tensor { return S.narrow(this, dim, start, length); }
  select(dim: number, index: number): Tensor { return S.select(this, dim, index); }
  split(split_size_or_sections: number | number[] | Tensor, dim: number | DimKw = 0): Tensor[] {
    // (Python's int() of a Tensor, as Tensor.split takes one; any other Tensor is split_with_sizes', which it calls
    // with self first)
    let s = split_size_or_sections;
    if (s instanceof Tensor) {
      const i = tensorInt(s);
      if (i === undefined) throw new TypeError("split_with_sizes(): argument 'split_sizes' (position 2) must be tuple of ints, not Tensor");
      s = i;
    }
    return S.split(this, s, kwargs('split', ['dim'], { dim: 0 }, [dim])[0] as number);
  }
  /** `x.chunk(chunks, dim=0)`, also by name: `x.chunk({ chunks: 2, dim: 1 })`. */
  chunk(...a: [chunks: number, dim?: number | DimKw] | [{ chunks: number; dim?: number; axis?: number }]): Tensor[] {
    const o = nativeAfter('chunk', 1, ['chunks', 'dim'], { dim: 0 }, a);
    return S.chunk(this, intArg('chunk', 'chunks', argPosition(a, 0), o.chunks), intArg('chunk', 'dim', argPosition(a, 1), o.dim));
  }
  unbind(dim: number | DimKw = 0): Tensor[] { return S.unbind(this, kwargs('unbind', ['dim'], { dim: 0 }, [dim])[0] as number); }
  repeat(...sizes: (number | number[])[] | [ListKw<'repeats'>]): Tensor { return S.repeat(this, sizesOf(sizes, 'repeat', 'repeats')); }
  flip(...dims: (number | number[])[] | [ListKw<'dims'>]): Tensor { return S.flip(this, sizesOf(dims, 'flip', 'dims')); }
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
  /** An in-place view op: the geometry `view` gives (on a detached alias, checked by the view op), taken by x. */
  _viewInPlace(view: (x: Tensor) => Tensor, node: string, back: (g: Tensor) => Tensor): this {
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
  _mapValues(name: string, others: Tensor[], f: (v: number[]) => number | boolean): this {
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
}

/** `torch.layout` (PyTorch's type of tensor layouts); `torch.strided` is the one tocha has. */
export class layout {
  constructor(readonly name: string) {}
  toString(): string { return `torch.${this.name}`; }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}
export const strided = /*#__PURE__*/ new layout('strided');

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
