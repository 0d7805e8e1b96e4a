// torch.utils.data: datasets, samplers, default collation and the DataLoader, as PyTorch 1.13
// (`torch/utils/data/{dataset,sampler,dataloader}.py`, `_utils/collate.py`), single-process.
//
// Shuffling reproduces PyTorch's random draws exactly: every new DataLoader iterator draws a
// 64-bit base seed from the loader's generator (PyTorch does it for its workers even when there
// are none), and a RandomSampler without its own generator seeds a fresh one from the default
// generator before its randperm. So after `torch.manual_seed(s)` the batches match PyTorch's.
//
// Lifetime (README "Memory", rule 2): each DataLoader iteration is a step scope. Tensors created
// after batch k is handed out (batch k+1 included) are released when the iterator hands out batch
// k+1, finishes, or is left by `break`/`throw`; `t.keep()` takes a tensor out of that.
import { Tensor, isTensor, type Index } from '../tensor.js';
import { Scope, openScope, keep } from '../lifetime.js';
import { K } from '../backend/wasm.js';
import { float32, int64, bool } from '../dtype.js';
import { Generator, default_generator, randperm, randint, tensor, from_numpy } from '../ops/create.js';
import { stack, index_select } from '../ops/shape.js';
import { multinomialDraws } from '../ops/extra.js';
import { bind } from '../optim/optimizer.js';

// ---------------------------------------------------------------- datasets

/**
 * A map-style dataset: implement `getitem(i)` and `len()`, as PyTorch's `__getitem__`/`__len__`.
 *
 *     class Squares extends Dataset<[number, number]> {
 *       getitem(i: number) { return [i, i * i] as [number, number]; }
 *       len() { return 10; }
 *     }
 */
export abstract class Dataset<T = unknown> {
  abstract getitem(index: number): T;
  abstract len(): number;

  get length(): number {
    return this.len();
  }
  __getitem__(index: number): T {
    return this.getitem(index);
  }
  __len__(): number {
    return this.len();
  }
  /** `dataset + other` in PyTorch: a ConcatDataset of both. */
  add(other: Dataset<T>): ConcatDataset<T> {
    return new ConcatDataset<T>([this, other]);
  }
}

/** Anything a DataLoader can read: a Dataset, a plain array, or an object with getitem and len. */
export type DatasetLike<T> = Dataset<T> | readonly T[] | { getitem(i: number): T; len(): number };

/** A dataset that can hand out a whole collated batch at once (TensorDataset, Subsets of it). */
interface BatchFetcher<T> {
  _getbatch(indices: readonly number[]): Collated<T>;
}

function hasBatchFetch<T>(d: unknown): d is BatchFetcher<T> {
  return typeof (d as { _getbatch?: unknown })?._getbatch === 'function' &&
    (d as { _canGetBatch?: () => boolean })._canGetBatch?.() !== false;
}

function lenOf(d: DatasetLike<unknown>): number {
  if (Array.isArray(d)) return d.length;
  return (d as { len(): number }).len();
}

function itemOf<T>(d: DatasetLike<T>, i: number): T {
  if (Array.isArray(d)) {
    const n = d.length;
    if (!Number.isInteger(i) || i < -n || i >= n) throw new RangeError('list index out of range');
    return d[i < 0 ? i + n : i];
  }
  return (d as { getitem(i: number): T }).getitem(i);
}

/**
 * Samples are the i-th rows of each tensor, as `TensorDataset(x, y)`; `ds.getitem(i)` is `[x[i], y[i]]`.
 * The tensors are kept (not released by tidy or a DataLoader step).
 */
export class TensorDataset extends Dataset<Tensor[]> implements BatchFetcher<Tensor[]> {
  readonly tensors: Tensor[];
  constructor(...tensors: Tensor[]) {
    super();
    if (tensors.length === 0) throw new RangeError('TensorDataset needs at least one tensor');
    for (const t of tensors) {
      if (!isTensor(t)) throw new TypeError(`TensorDataset expects tensors, got ${typeName(t)}`);
      if (t.dim() === 0) throw new RangeError('TensorDataset: zero-dimensional tensors have no samples');
    }
    const n = tensors[0].size(0);
    if (!tensors.every((t) => t.size(0) === n)) throw new RangeError('Size mismatch between tensors');
    this.tensors = tensors.map((t) => keep(t));
  }
  /**
   * Sample `index` of every tensor; like PyTorch's `tuple(t[index] for t in tensors)`, any index
   * `Tensor.index` takes also works: `ds.getitem([0, 64])` is `ds[0:64]`, a batch of views.
   */
  getitem(index: number | Index): Tensor[] {
    if (typeof index === 'number') return this.tensors.map((t) => t.select(0, index));
    return this.tensors.map((t) => t.index(index));
  }
  len(): number {
    return this.tensors[0].size(0);
  }
  /** One index_select per tensor instead of a stack of per-sample views. */
  _getbatch(indices: readonly number[]): Tensor[] {
    const n = this.len();
    const idx = tensor(Int32Array.from(indices, (i) => (i < 0 ? i + n : i)), { dtype: int64 });
    const out = this.tensors.map((t) => index_select(t, 0, idx));
    idx.dispose();
    return out;
  }
}

/** The samples of `dataset` at `indices`, in that order, as `Subset(dataset, indices)`. */
export class Subset<T> extends Dataset<T> {
  constructor(readonly dataset: DatasetLike<T>, readonly indices: readonly number[]) {
    super();
  }
  getitem(index: number): T {
    const n = this.indices.length;
    if (!Number.isInteger(index) || index < -n || index >= n) throw new RangeError('list index out of range');
    return itemOf(this.dataset, this.indices[index < 0 ? index + n : index]);
  }
  len(): number {
    return this.indices.length;
  }
  _canGetBatch(): boolean {
    return hasBatchFetch(this.dataset);
  }
  _getbatch(indices: readonly number[]): Collated<T> {
    const n = this.indices.length;
    const inner = indices.map((i) => {
      if (!Number.isInteger(i) || i < -n || i >= n) throw new RangeError('list index out of range');
      return this.indices[i < 0 ? i + n : i];
    });
    return (this.dataset as unknown as BatchFetcher<T>)._getbatch(inner);
  }
}

/**
 * A dataset read as a stream, as PyTorch's IterableDataset: subclasses define `[Symbol.iterator]()` (or
 * `[Symbol.asyncIterator]()` for data that arrives asynchronously, read with `for await` over the
 * DataLoader). The DataLoader batches consecutive samples; it takes no shuffle or sampler.
 *
 *     class Lines extends IterableDataset<string> {
 *       *[Symbol.iterator]() { yield* ['a', 'b', 'c']; }
 *     }
 */
export abstract class IterableDataset<T = unknown> {
  [Symbol.iterator]?(): Iterator<T>;
  [Symbol.asyncIterator]?(): AsyncIterator<T>;
  /** `dataset + other` in PyTorch: a ChainDataset of both. */
  add(other: IterableDataset<T>): ChainDataset<T> {
    return new ChainDataset<T>([this, other]);
  }
}

/** Iterable datasets one after another, as `ChainDataset([a, b])`. */
export class ChainDataset<T> extends IterableDataset<T> {
  constructor(readonly datasets: readonly (Iterable<T> | IterableDataset<T>)[]) {
    super();
  }
  override *[Symbol.iterator](): Iterator<T> {
    for (const d of this.datasets) yield* d as Iterable<T>;
  }
  len(): number {
    let n = 0;
    for (const d of this.datasets) n += lenOfIterable(d);
    return n;
  }
}

/** A stream a DataLoader reads in order: an IterableDataset, a generator, or any (async) iterable that is
 *  not an array or a map-style dataset. */
type StreamLike<T> = IterableDataset<T> | Iterable<T> | AsyncIterable<T>;

function isStream(d: unknown): d is StreamLike<unknown> {
  if (d instanceof IterableDataset) return true;
  if (d === null || typeof d !== 'object' || Array.isArray(d) || typeof (d as { getitem?: unknown }).getitem === 'function') {
    return false;
  }
  return typeof (d as Iterable<unknown>)[Symbol.iterator] === 'function' ||
    typeof (d as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/** `len(dataset)` of an iterable one: its len() or length, else Python's TypeError. */
function lenOfIterable(d: unknown): number {
  const x = d as { len?: () => number; length?: number };
  if (typeof x.len === 'function') return x.len();
  if (typeof x.length === 'number') return x.length;
  throw new TypeError(`object of type '${typeName(d)}' has no len()`);
}

/** The datasets one after another, as `ConcatDataset([a, b])`. */
export class ConcatDataset<T> extends Dataset<T> {
  readonly datasets: DatasetLike<T>[];
  readonly cumulative_sizes: number[];
  constructor(datasets: Iterable<DatasetLike<T>>) {
    super();
    this.datasets = [...datasets];
    if (this.datasets.length === 0) throw new RangeError('datasets should not be an empty iterable');
    let total = 0;
    this.cumulative_sizes = this.datasets.map((d) => (total += lenOf(d)));
  }
  getitem(index: number): T {
    const n = this.len();
    if (index < 0) {
      if (-index > n) throw new RangeError('absolute value of index should not exceed dataset length');
      index += n;
    }
    if (!Number.isInteger(index) || index >= n) throw new RangeError('list index out of range');
    // bisect_right over the cumulative sizes
    let lo = 0;
    let hi = this.cumulative_sizes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (index < this.cumulative_sizes[mid]) hi = mid;
      else lo = mid + 1;
    }
    const start = lo === 0 ? 0 : this.cumulative_sizes[lo - 1];
    return itemOf(this.datasets[lo], index - start);
  }
  len(): number {
    return this.cumulative_sizes[this.cumulative_sizes.length - 1];
  }
}

/**
 * Splits a dataset into non-overlapping Subsets of the given lengths (or fractions summing to 1),
 * with the same permutation as PyTorch: `randperm(n, generator)`.
 *
 *     const [train, test] = random_split(ds, [0.8, 0.2], { generator: new torch.Generator().manual_seed(42) });
 */
export function random_split<T>(
  dataset: DatasetLike<T>, lengths: readonly number[], opts: { generator?: Generator } = {},
): Subset<T>[] {
  const n = lenOf(dataset);
  let lens = [...lengths];
  const total = lens.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) <= 1e-9 * Math.max(1, Math.abs(total)) && total <= 1) {
    lens = lens.map((frac, i) => {
      if (frac < 0 || frac > 1) throw new RangeError(`Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(n * frac);
    });
    const remainder = n - lens.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) lens[i % lens.length] += 1;
    lens.forEach((l, i) => {
      if (l === 0) console.warn(`Length of split at index ${i} is 0. This might result in an empty dataset.`);
    });
  }
  for (const l of lens) {
    if (!Number.isInteger(l) || l < 0) throw new RangeError(`random_split: lengths must be non-negative integers or fractions summing to 1, got ${l}`);
  }
  if (lens.reduce((a, b) => a + b, 0) !== n) {
    throw new RangeError('Sum of input lengths does not equal the length of the input dataset!');
  }
  const perm = randperm(n, { generator: opts.generator });
  const indices = Array.from(perm.dataSync());
  perm.dispose();
  let offset = 0;
  return lens.map((l) => new Subset(dataset, indices.slice(offset, (offset += l))));
}

// ---------------------------------------------------------------- samplers

/** Yields dataset indices. */
export abstract class Sampler implements Iterable<number> {
  abstract [Symbol.iterator](): Iterator<number>;
  abstract len(): number;
  get length(): number {
    return this.len();
  }
}

/** 0, 1, ..., n-1. */
export class SequentialSampler extends Sampler {
  constructor(readonly data_source: DatasetLike<unknown>) {
    super();
  }
  *[Symbol.iterator](): Iterator<number> {
    const n = lenOf(this.data_source);
    for (let i = 0; i < n; i++) yield i;
  }
  len(): number {
    return lenOf(this.data_source);
  }
}

/**
 * Random order, as PyTorch's RandomSampler: a randperm per pass over the data (or draws with
 * replacement), from `generator`, or from a generator seeded by the default one.
 */
export class RandomSampler extends Sampler {
  readonly replacement: boolean;
  readonly generator: Generator | null;
  private readonly _numSamples: number | null;
  private _own: Generator | null = null;

  constructor(
    readonly data_source: DatasetLike<unknown>,
    opts: { replacement?: boolean; num_samples?: number | null; generator?: Generator | null } = {},
  ) {
    super();
    this.replacement = opts.replacement ?? false;
    this._numSamples = opts.num_samples ?? null;
    this.generator = opts.generator ?? null;
    if (typeof this.replacement !== 'boolean') {
      throw new TypeError(`replacement should be a boolean value, but got replacement=${this.replacement}`);
    }
    const ns = this.num_samples;
    if (!Number.isInteger(ns) || ns <= 0) {
      throw new RangeError(`num_samples should be a positive integer value, but got num_samples=${ns}`);
    }
  }

  get num_samples(): number {
    return this._numSamples ?? lenOf(this.data_source);
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = lenOf(this.data_source);
    let g = this.generator;
    if (g === null) {
      // seed = int(torch.empty((), dtype=torch.int64).random_().item()): a 64-bit draw modulo 2^63
      const seed = BigInt.asUintN(63, K.gen_u64(default_generator._state));
      g = this._own ??= new Generator();
      g.manual_seed(seed);
    }
    const ns = this.num_samples;
    const draw = (t: Tensor): number[] => {
      const v = Array.from(t.dataSync());
      t.dispose();
      return v;
    };
    if (this.replacement) {
      for (let i = 0; i < Math.floor(ns / 32); i++) yield* draw(randint(0, n, [32], { generator: g }));
      yield* draw(randint(0, n, [ns % 32], { generator: g }));
    } else {
      for (let i = 0; i < Math.floor(ns / n); i++) yield* draw(randperm(n, { generator: g }));
      yield* draw(randperm(n, { generator: g })).slice(0, ns % n);
    }
  }

  len(): number {
    return this.num_samples;
  }
}

/** The given indices in random order (a randperm per pass), as PyTorch's SubsetRandomSampler. */
export class SubsetRandomSampler extends Sampler {
  readonly generator: Generator | null;
  constructor(readonly indices: readonly number[], opts: { generator?: Generator | null } = {}) {
    super();
    this.generator = opts.generator ?? null;
  }
  *[Symbol.iterator](): Iterator<number> {
    const perm = randperm(this.indices.length, { generator: this.generator ?? undefined });
    const order = Array.from(perm.dataSync());
    perm.dispose();
    for (const i of order) yield this.indices[i];
  }
  len(): number {
    return this.indices.length;
  }
}

/**
 * Indices drawn with probability proportional to `weights` (with replacement by default), as PyTorch's
 * WeightedRandomSampler: `torch.multinomial` of the weights as float64, so the draws are PyTorch's.
 * `new WeightedRandomSampler(weights, num_samples, replacement?, { generator })`.
 */
export class WeightedRandomSampler extends Sampler {
  readonly weights: Float64Array;
  readonly num_samples: number;
  readonly replacement: boolean;
  readonly generator: Generator | null;
  constructor(weights: readonly number[] | Tensor, ...args: unknown[]) {
    super();
    const o = bind('WeightedRandomSampler.__init__', ['num_samples', 'replacement', 'generator'], [],
      { replacement: true, generator: null }, args, 2);
    const ns = o.num_samples;
    if (typeof ns !== 'number' || !Number.isInteger(ns) || ns <= 0) {
      throw new RangeError(`num_samples should be a positive integer value, but got num_samples=${ns}`);
    }
    if (typeof o.replacement !== 'boolean') {
      throw new RangeError(`replacement should be a boolean value, but got replacement=${o.replacement}`);
    }
    const shape = weights instanceof Tensor ? weights.shape : Array.isArray(weights) ? [weights.length] : [];
    const flat = weights instanceof Tensor ? Array.from(weights.dataSync(), Number) : (weights as unknown[]);
    if (shape.length !== 1 || flat.some((w) => Array.isArray(w))) {
      const dims = weights instanceof Tensor ? shape : [flat.length, ...(Array.isArray(flat[0]) ? [(flat[0] as unknown[]).length] : [])];
      throw new RangeError(`weights should be a 1d sequence but given weights have shape (${dims.join(', ')}${dims.length === 1 ? ',' : ''})`);
    }
    this.weights = Float64Array.from(flat as number[]);
    this.num_samples = ns;
    this.replacement = o.replacement;
    this.generator = o.generator;
  }
  *[Symbol.iterator](): Iterator<number> {
    yield* multinomialDraws(this.weights, this.weights.length, this.num_samples, this.replacement,
      this.generator ?? default_generator, (x) => x);
  }
  len(): number {
    return this.num_samples;
  }
}

/** Groups a sampler's indices into lists of batch_size (the last one shorter unless drop_last). */
export class BatchSampler implements Iterable<number[]> {
  constructor(readonly sampler: Iterable<number> & { len?(): number; length?: number },
    readonly batch_size: number, readonly drop_last = false) {
    checkBatchSize(batch_size);
    if (typeof drop_last !== 'boolean') {
      throw new TypeError(`drop_last should be a boolean value, but got drop_last=${drop_last}`);
    }
  }
  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const i of this.sampler) {
      batch.push(i);
      if (batch.length === this.batch_size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.drop_last) yield batch;
  }
  len(): number {
    const n = samplerLen(this.sampler);
    return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
  }
  get length(): number {
    return this.len();
  }
}

function samplerLen(s: { len?(): number; length?: number }): number {
  if (typeof s.len === 'function') return s.len();
  if (typeof s.length === 'number') return s.length;
  throw new TypeError('the sampler has no len() or length');
}

function checkBatchSize(b: unknown): void {
  if (typeof b !== 'number' || !Number.isInteger(b) || b <= 0) {
    throw new RangeError(`batch_size should be a positive integer value, but got batch_size=${String(b)}`);
  }
}

// ---------------------------------------------------------------- collation

/** What default_collate makes of a batch of samples of type T. */
export type Collated<T> =
  T extends PromiseLike<infer U> ? Collated<U> :
  T extends Tensor ? Tensor :
  T extends number | boolean ? Tensor :
  T extends string ? string[] :
  T extends ArrayLike<number> & { buffer: ArrayBufferLike } ? Tensor :
  T extends readonly unknown[] ? { [K in keyof T]: Collated<T[K]> } :
  T extends object ? { [K in keyof T]: Collated<T[K]> } :
  unknown;

function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  return typeof x;
}

/**
 * PyTorch's default collate: tensors are stacked along a new first dim, numbers become a tensor
 * (int64 when every number in the batch is an integer, float32 otherwise: JavaScript has no 1.0
 * distinct from 1), booleans a bool tensor, typed arrays tensors that are stacked, strings stay a
 * list, arrays and plain objects are collated element by element.
 *
 *     default_collate([[x0, 0], [x1, 1]])   // [stack([x0, x1]), tensor([0, 1])]
 */
export function default_collate<T>(batch: readonly T[]): Collated<T> {
  return collate(batch as readonly unknown[]) as Collated<T>;
}

function collate(batch: readonly unknown[]): unknown {
  const elem = batch[0];
  if (isTensor(elem)) {
    for (let i = 1; i < batch.length; i++) {
      if (!isTensor(batch[i])) throw new TypeError(`default_collate: expected a Tensor at entry ${i}, got ${typeName(batch[i])}`);
    }
    return stack(batch as Tensor[], 0);
  }
  if (typeof elem === 'number' || typeof elem === 'boolean') {
    for (let i = 1; i < batch.length; i++) {
      if (typeof batch[i] !== typeof elem) {
        throw new TypeError(`default_collate: expected a ${typeof elem} at entry ${i}, got ${typeName(batch[i])}`);
      }
    }
    if (typeof elem === 'boolean') return tensor(batch as boolean[], { dtype: bool });
    const allInt = (batch as number[]).every(Number.isInteger);
    return tensor(batch as number[], { dtype: allInt ? int64 : float32 });
  }
  // strings stay as the batch holds them: a list at the top, a tuple (frozen array) in a sample's column (zip(*batch))
  if (typeof elem === 'string') return Object.isFrozen(batch) ? batch : [...batch];
  if (ArrayBuffer.isView(elem) && !(elem instanceof DataView)) {
    const ts = batch.map((b) => from_numpy(b as Float32Array | Int32Array));
    const out = collate(ts);
    for (const t of ts) t.dispose();
    return out;
  }
  if (Array.isArray(elem)) {
    const n = elem.length;
    if (!batch.every((b) => Array.isArray(b) && b.length === n)) {
      throw new RangeError('each element in list of batch should be of equal size');
    }
    const out: unknown[] = [];
    for (let j = 0; j < n; j++) out.push(collate(Object.freeze(batch.map((b) => (b as unknown[])[j]))));
    return out;
  }
  if (elem !== null && typeof elem === 'object' && Object.getPrototypeOf(elem) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(elem)) {
      out[key] = collate(batch.map((b, i) => {
        if (b === null || typeof b !== 'object' || !(key in b)) {
          throw new RangeError(`default_collate: the sample at entry ${i} has no key '${key}'`);
        }
        return (b as Record<string, unknown>)[key];
      }));
    }
    return out;
  }
  throw new TypeError(`default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found ${typeName(elem)}`);
}

/** What default_convert makes of a sample of type T. */
export type Converted<T> =
  T extends Tensor ? Tensor :
  T extends ArrayLike<number> & { buffer: ArrayBufferLike } ? Tensor :
  T extends readonly unknown[] ? { [K in keyof T]: Converted<T[K]> } :
  T extends (...args: never[]) => unknown ? T :
  T extends object ? { [K in keyof T]: Converted<T[K]> } :
  T;

/**
 * PyTorch's default_convert, the collate function of a DataLoader with batching off: typed arrays (tocha's NumPy
 * arrays) become tensors, inside arrays and plain objects too; tensors, numbers, strings and anything else stay as
 * they are. @example default_convert({ x: new Float32Array([1, 2]), y: 3 }) // { x: tensor([1., 2.]), y: 3 }
 */
export function default_convert<T>(data: T): Converted<T> {
  return convert(data) as Converted<T>;
}

function convert(data: unknown): unknown {
  if (isTensor(data)) return data;
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) return from_numpy(data as Float32Array | Int32Array);
  if (Array.isArray(data)) return data.map(convert);
  if (data !== null && typeof data === 'object' && Object.getPrototypeOf(data) === Object.prototype) {
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, convert(v)]));
  }
  return data;
}

/** What `get_worker_info()` returns inside a worker: PyTorch's WorkerInfo (id, num_workers, seed, dataset). */
export class WorkerInfo {
  constructor(readonly id: number, readonly num_workers: number, readonly seed: bigint, readonly dataset: unknown) {}
  toString(): string {
    return `WorkerInfo(id=${this.id}, num_workers=${this.num_workers}, seed=${this.seed}, dataset=${typeName(this.dataset)})`;
  }
}
let currentWorker: WorkerInfo | null = null;

/**
 * Information about the DataLoader worker running this code, as `torch.utils.data.get_worker_info()`: null in the
 * main process. tocha has no worker processes: with `num_workers > 0` it runs each worker's batches in the calling
 * thread, on that worker's random stream (see DataLoaderOptions.num_workers), and this is its WorkerInfo meanwhile.
 */
export function get_worker_info(): WorkerInfo | null {
  return currentWorker;
}

// ---------------------------------------------------------------- DataLoader

export interface DataLoaderOptions<T, B> {
  /** Samples per batch (default 1); null turns batching off (each sample as it is). */
  batch_size?: number | null;
  /** Reshuffle the data at every pass (a RandomSampler). */
  shuffle?: boolean;
  /** Order of the indices (mutually exclusive with shuffle). */
  sampler?: Iterable<number> & { len?(): number; length?: number };
  /** Lists of indices, one per batch (mutually exclusive with batch_size, shuffle, sampler, drop_last). */
  batch_sampler?: Iterable<number[]> & { len?(): number; length?: number };
  /** Drop the last incomplete batch. */
  drop_last?: boolean;
  /** Makes a batch from a list of samples (default: default_collate); with batch_size null it gets each sample (default: default_convert). */
  collate_fn?: (batch: T[]) => B;
  /** The random source of shuffling (default: the global generator). */
  generator?: Generator;
  /**
   * PyTorch's worker processes, emulated in the calling thread for a map-style dataset: batch i is worker
   * i % num_workers's, and every worker draws its random numbers (in getitem, collate_fn, worker_init_fn) from its own
   * stream, the global generator seeded with the iterator's base seed + its id, as PyTorch's workers do; so the
   * batches are PyTorch's, and the main stream is left as PyTorch leaves it. (Draws after an `await` in an async
   * dataset come from the main stream.)
   */
  num_workers?: number;
  /** Accepted for PyTorch compatibility (a CPU has no pinned memory: nothing to do). */
  pin_memory?: boolean;
  /** Seconds to wait for a worker's batch: non-negative; without workers only 0 (PyTorch asserts it when iterating). */
  timeout?: number;
  /** Called in each worker, after seeding it, before its first batch (PyTorch's worker_init_fn). */
  worker_init_fn?: ((worker_id: number) => void) | null;
  /** Only with workers (PyTorch's ValueError otherwise); the emulated workers have no processes to start. */
  multiprocessing_context?: unknown;
  /** Keyword-only; only the default 2 without workers, as PyTorch 1.13. */
  prefetch_factor?: number;
  /** Keyword-only; only false without workers, as PyTorch 1.13. */
  persistent_workers?: boolean;
  /** Keyword-only; accepted for PyTorch compatibility. */
  pin_memory_device?: string;
}

type LoaderOpts<T, B> = DataLoaderOptions<T, B>;
/** DataLoader's arguments after the dataset: PyTorch's positional ones in order, then an options object. */
export type DataLoaderArgs<T, B> = [
  batch_size?: number | null | LoaderOpts<T, B>, shuffle?: boolean | null | LoaderOpts<T, B>,
  sampler?: DataLoaderOptions<T, B>['sampler'] | null | LoaderOpts<T, B>,
  batch_sampler?: DataLoaderOptions<T, B>['batch_sampler'] | null | LoaderOpts<T, B>,
  num_workers?: number | LoaderOpts<T, B>, collate_fn?: DataLoaderOptions<T, B>['collate_fn'] | null | LoaderOpts<T, B>,
  pin_memory?: boolean | LoaderOpts<T, B>, drop_last?: boolean | LoaderOpts<T, B>, timeout?: number | LoaderOpts<T, B>,
  worker_init_fn?: ((worker_id: number) => void) | null | LoaderOpts<T, B>, multiprocessing_context?: unknown,
  generator?: Generator | null | LoaderOpts<T, B>, opts?: LoaderOpts<T, B>,
];
const LOADER_POSITIONAL = ['batch_size', 'shuffle', 'sampler', 'batch_sampler', 'num_workers', 'collate_fn', 'pin_memory',
  'drop_last', 'timeout', 'worker_init_fn', 'multiprocessing_context', 'generator'];
const LOADER_KW_ONLY = ['prefetch_factor', 'persistent_workers', 'pin_memory_device'];
// every argument optional: an unset one stays undefined, and the constructor applies PyTorch's default
const LOADER_UNSET = Object.fromEntries([...LOADER_POSITIONAL, ...LOADER_KW_ONLY].map((k) => [k, undefined]));

let loaderCount = 0;

/**
 * Batches of a dataset, shuffled or in order, as `torch.utils.data.DataLoader`. Iterate it with
 * `for (const [x, y] of loader)` or `for await (...)`; `loader.len()` is the number of batches.
 * Each iteration is a step: tensors created while handling a batch are released when the loop
 * moves to the next one (keep what you need with `t.keep()`).
 *
 *     const loader = new DataLoader(new TensorDataset(x, y), { batch_size: 64, shuffle: true });
 *     for (const [xb, yb] of loader) { ... }
 *
 * An iterator's step stays open until it moves on, finishes or is returned: to look at one batch,
 * use `for (const b of loader) { ...; break; }` rather than an iterator left half-way (its open
 * step would collect every tensor made after it until the iterator's `return()` is called).
 */
export class DataLoader<T = unknown, B = Collated<T>> implements Iterable<B>, AsyncIterable<B> {
  readonly dataset: DatasetLike<T>;
  readonly batch_size: number | null;
  readonly drop_last: boolean;
  readonly generator: Generator | null;
  readonly sampler: Iterable<number> & { len?(): number; length?: number };
  readonly batch_sampler: (Iterable<number[]> & { len?(): number; length?: number }) | null;
  readonly collate_fn: ((batch: T[]) => B) | null;
  readonly num_workers: number;
  readonly worker_init_fn: ((worker_id: number) => void) | null;
  readonly _name: string;
  readonly pin_memory: boolean;
  readonly timeout: number;

  /** Set when the dataset is a stream (an IterableDataset, a generator, an async iterable). */
  readonly _stream: boolean;

  constructor(dataset: DatasetLike<T> | StreamLike<T>, ...args: DataLoaderArgs<T, B>) {
    // PyTorch's positional arguments in its order (DataLoader(dataset, 64, True)), then the options object
    const opts = bind('DataLoader.__init__', LOADER_POSITIONAL, LOADER_KW_ONLY, LOADER_UNSET, args, 2, true) as DataLoaderOptions<T, B>;
    this._stream = isStream(dataset);
    if (dataset === null || dataset === undefined || (!this._stream &&
      !Array.isArray(dataset) && typeof (dataset as { getitem?: unknown }).getitem !== 'function')) {
      throw new TypeError('DataLoader: the dataset must be a Dataset, an array, an IterableDataset or an iterable, or ' +
        `have getitem(i) and len(); got ${typeName(dataset)}`);
    }
    if (this._stream) {
      for (const k of ['shuffle', 'sampler', 'batch_sampler'] as const) {
        const v = opts[k];
        if (v !== undefined && v !== null && v !== false) {
          throw new RangeError(`DataLoader with IterableDataset: expected unspecified ${k} option, but got ${k}=${v === true ? 'True' : typeName(v)}`);
        }
      }
    }
    const numWorkers = opts.num_workers ?? 0;
    if (numWorkers < 0) {
      throw new RangeError('num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.');
    }
    // PyTorch's checks of the worker options
    if (opts.timeout !== undefined && opts.timeout < 0) throw new RangeError('timeout option should be non-negative');
    if (numWorkers === 0) {
      if (opts.multiprocessing_context !== undefined && opts.multiprocessing_context !== null) {
        throw new RangeError('multiprocessing_context can only be used with multi-process loading (num_workers > 0), but got num_workers=0');
      }
      if (opts.prefetch_factor !== undefined && opts.prefetch_factor !== 2) {
        throw new RangeError('prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable multiprocessing.');
      }
      if (opts.persistent_workers) throw new RangeError('persistent_workers option needs num_workers > 0');
    }
    this.pin_memory = opts.pin_memory ?? false;
    this.timeout = opts.timeout ?? 0;
    if (numWorkers > 0 && this._stream) {
      throw new RangeError('DataLoader: num_workers > 0 with an IterableDataset is not supported (each of PyTorch\'s ' +
        'workers iterates its own copy of the dataset)');
    }
    this.num_workers = numWorkers;
    this.worker_init_fn = opts.worker_init_fn ?? null;
    this.dataset = dataset as DatasetLike<T>;
    const batchSize = opts.batch_size === undefined ? 1 : opts.batch_size;
    const shuffle = opts.shuffle ?? false;
    const dropLast = opts.drop_last ?? false;
    this.generator = opts.generator ?? null;
    if (shuffle !== false && shuffle !== true) {
      throw new TypeError(`DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=${String(shuffle)}`);
    }
    if (opts.sampler && shuffle) throw new RangeError('sampler option is mutually exclusive with shuffle');
    if (opts.batch_sampler) {
      if (batchSize !== 1 || shuffle || opts.sampler || dropLast) {
        throw new RangeError('batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last');
      }
      this.batch_size = null;
      this.drop_last = false;
    } else {
      if (batchSize === null && dropLast) {
        throw new RangeError('batch_size=None option disables auto-batching and is mutually exclusive with drop_last');
      }
      if (batchSize !== null) checkBatchSize(batchSize);
      this.batch_size = batchSize;
      this.drop_last = dropLast;
    }
    this.sampler = opts.sampler ?? (shuffle
      ? new RandomSampler(dataset as DatasetLike<T>, { generator: this.generator })
      : new SequentialSampler(dataset as DatasetLike<T>));
    this.batch_sampler = opts.batch_sampler ??
      (this.batch_size !== null ? new BatchSampler(this.sampler, this.batch_size, this.drop_last) : null);
    this.collate_fn = opts.collate_fn ?? null;
    this._name = `DataLoader #${++loaderCount}`;
  }

  /** Number of batches per pass, as `len(loader)` (for a stream, from the dataset's own len()). */
  len(): number {
    if (this._stream) {
      const n = lenOfIterable(this.dataset);
      if (this.batch_size === null) return n;
      return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
    }
    return this.batch_sampler ? samplerLen(this.batch_sampler) : samplerLen(this.sampler);
  }

  get length(): number {
    return this.len();
  }

  __len__(): number {
    return this.len();
  }

  [Symbol.iterator](): DataLoaderIterator<T, B> {
    this.checkTimeout();
    return new DataLoaderIterator(this, false);
  }

  /** PyTorch's single-process iterator asserts timeout == 0. */
  private checkTimeout(): void {
    if (this.timeout !== 0 && this.num_workers === 0) {
      const err = new Error('');
      err.name = 'AssertionError';
      throw err;
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<B> & AsyncIterable<B> {
    this.checkTimeout();
    const it = new DataLoaderIterator(this, true);
    return {
      next: () => it.nextAsync(),
      return: (v?: unknown) => Promise.resolve(it.return(v)),
      throw: (e?: unknown) => Promise.resolve(it.throw(e)),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** One batch from a list of indices, collated (or one sample when batching is off). */
  _fetch(indices: readonly number[] | number, isAsync: boolean): B | Promise<B> {
    if (typeof indices === 'number') {
      // batching off: each sample through collate_fn, default_convert by default (PyTorch's _MapDatasetFetcher)
      const one = (x: T): B => (this.collate_fn ? (this.collate_fn as unknown as (x: T) => B)(x) : default_convert(x) as B);
      const item = itemOf(this.dataset, indices);
      if (isThenable(item)) return isAsync ? Promise.resolve(item).then((x) => one(x as T)) : notAsync(item);
      return one(item as T);
    }
    if (!this.collate_fn && hasBatchFetch<T>(this.dataset)) return this.dataset._getbatch(indices) as B;
    const items = indices.map((i) => itemOf(this.dataset, i));
    const finish = (xs: T[]): B => (this.collate_fn ? this.collate_fn(xs) : default_collate(xs) as B);
    if (items.some(isThenable)) return isAsync ? Promise.all(items).then(finish) : notAsync(Promise.all(items));
    return finish(items);
  }
}

function notAsync(p: PromiseLike<unknown>): never {
  Promise.resolve(p).catch(() => undefined);
  throw new TypeError('DataLoader: the dataset returned a Promise; iterate with `for await (... of loader)`');
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return x !== null && typeof x === 'object' && typeof (x as { then?: unknown }).then === 'function';
}

/** Lets the event loop turn (timers, I/O, page rendering). */
const timers = globalThis as unknown as { setImmediate?: (f: () => void) => unknown };
const yieldToEventLoop: () => Promise<void> = typeof timers.setImmediate === 'function'
  ? () => new Promise((r) => timers.setImmediate!(() => r()))
  : () => new Promise((r) => setTimeout(r, 0));

/** An iterator over one pass of a DataLoader; every batch it hands out opens a step scope. */
export class DataLoaderIterator<T, B> implements Iterator<B>, Iterable<B> {
  private readonly indices: Iterator<number[] | number>;
  private scope: Scope | null = null;
  private step = 0;
  private done = false;
  private lastYield = Date.now();

  /** The dataset's own iterator, for a stream. */
  private readonly source: Iterator<T> | AsyncIterator<T> | null = null;

  /** The emulated workers' random streams (null until a worker's first batch). */
  private readonly workers: (Uint8Array | null)[];
  private readonly baseSeed: bigint;

  constructor(private readonly loader: DataLoader<T, B>, private readonly isAsync: boolean) {
    // PyTorch draws a base seed for its workers from the loader's generator at every new iterator
    // (torch.empty((), dtype=torch.int64).random_(): a 64-bit draw modulo 2^63).
    this.baseSeed = K.gen_u64((loader.generator ?? default_generator)._state) % (1n << 63n);
    this.workers = new Array<Uint8Array | null>(loader.num_workers).fill(null);
    if (loader._stream) {
      const d = loader.dataset as unknown as Partial<Iterable<T> & AsyncIterable<T>>;
      const sync = d[Symbol.iterator];
      const asyncIt = d[Symbol.asyncIterator];
      if (!sync && !isAsync) {
        throw new TypeError('DataLoader: the dataset is an async iterable; iterate with `for await (... of loader)`');
      }
      this.source = isAsync && asyncIt ? asyncIt.call(d) : sync!.call(d);
      this.indices = [][Symbol.iterator]();
    } else {
      this.indices = (loader.batch_sampler ?? loader.sampler)[Symbol.iterator]();
    }
  }

  /** The next batch of a stream: up to batch_size consecutive samples, collated (one sample unbatched). */
  private streamBatch(items: T[]): IteratorResult<B> {
    const n = this.loader.batch_size ?? 1;
    if (items.length === 0 || (this.loader.drop_last && items.length < n)) {
      this.finish();
      return { done: true, value: undefined };
    }
    if (this.loader.batch_size === null) {
      const c1 = this.loader.collate_fn as unknown as ((x: T) => B) | null;
      return { done: false, value: c1 ? c1(items[0]) : default_convert(items[0]) as B };
    }
    const c = this.loader.collate_fn;
    return { done: false, value: c ? c(items) : default_collate(items) as B };
  }

  /** Opens the next step's scope for a stream (the samples are read inside it). */
  private openStreamStep(): boolean {
    this.endStep();
    if (this.done) return false;
    this.step++;
    this.scope = openScope(`${this.loader._name}, step ${this.step} (tensors created in a DataLoader step are ` +
      'released when the loop moves to the next batch; keep what you need with t.keep())');
    return true;
  }

  private nextStream(): IteratorResult<B> {
    if (!this.openStreamStep()) return { done: true, value: undefined };
    try {
      const items: T[] = [];
      const n = this.loader.batch_size ?? 1;
      while (items.length < n) {
        const r = (this.source as Iterator<T>).next();
        if (r.done) { this.done = true; break; }
        if (isThenable(r.value)) notAsync(r.value);
        items.push(r.value);
      }
      return this.streamBatch(items);
    } catch (e) {
      this.finish();
      throw e;
    }
  }

  private async nextStreamAsync(): Promise<IteratorResult<B>> {
    if (!this.openStreamStep()) return { done: true, value: undefined };
    try {
      const items: T[] = [];
      const n = this.loader.batch_size ?? 1;
      while (items.length < n) {
        const r = await this.source!.next();
        if (r.done) { this.done = true; break; }
        items.push(await r.value);
      }
      return this.streamBatch(items);
    } catch (e) {
      this.finish();
      throw e;
    }
  }

  [Symbol.iterator](): this {
    return this;
  }

  /** Releases what the previous step created, then opens the scope of the next one. */
  private advance(): IteratorResult<number[] | number, undefined> {
    this.endStep();
    if (this.done) return { done: true, value: undefined };
    const r = this.indices.next();
    if (r.done) {
      this.done = true;
      return { done: true, value: undefined };
    }
    this.step++;
    const total = (() => {
      try {
        return ` of ${this.loader.len()}`;
      } catch {
        return '';
      }
    })();
    this.scope = openScope(`${this.loader._name}, step ${this.step}${total} (tensors created in a DataLoader ` +
      'step are released when the loop moves to the next batch; keep what you need with t.keep())');
    return r;
  }

  private endStep(): void {
    if (this.scope) {
      this.scope.close();
      this.scope = null;
    }
  }

  /** A batch fetched as worker (step - 1) % num_workers would: on its random stream, with its WorkerInfo. */
  private fetch(indices: number[] | number, isAsync: boolean): B | Promise<B> {
    const nw = this.workers.length;
    if (nw === 0) return this.loader._fetch(indices, isAsync);
    const id = (this.step - 1) % nw;
    const seed = this.baseSeed + BigInt(id);
    const main = default_generator.get_state();
    currentWorker = new WorkerInfo(id, nw, seed, this.loader.dataset);
    try {
      const state = this.workers[id];
      if (state) {
        default_generator.set_state(state);
      } else {
        default_generator.manual_seed(seed);   // PyTorch's _worker_loop: torch.manual_seed(base_seed + worker_id)
        this.loader.worker_init_fn?.(id);
      }
      return this.loader._fetch(indices, isAsync);
    } finally {
      this.workers[id] = default_generator.get_state();
      default_generator.set_state(main);
      currentWorker = null;
    }
  }

  next(): IteratorResult<B> {
    if (this.source) return this.nextStream();
    const r = this.advance();
    if (r.done) return { done: true, value: undefined };
    try {
      return { done: false, value: this.fetch(r.value, false) as B };
    } catch (e) {
      this.finish();
      throw e;
    }
  }

  async nextAsync(): Promise<IteratorResult<B>> {
    // Let timers and rendering run now and then, so an async training loop keeps a page responsive.
    if (Date.now() - this.lastYield > 16) {
      await yieldToEventLoop();
      this.lastYield = Date.now();
    }
    if (this.source) return this.nextStreamAsync();
    const r = this.advance();
    if (r.done) return { done: true, value: undefined };
    try {
      return { done: false, value: await this.fetch(r.value, true) };
    } catch (e) {
      this.finish();
      throw e;
    }
  }

  private finish(): void {
    if (!this.done && this.source) void this.source.return?.(); // close the dataset's generator
    this.done = true;
    this.endStep();
  }

  /** Called by `break`, `return` and exceptions in a for-of loop: ends the current step. */
  return(value?: unknown): IteratorResult<B> {
    this.finish();
    return { done: true, value: value as B };
  }

  throw(e?: unknown): IteratorResult<B> {
    this.finish();
    throw e;
  }
}
