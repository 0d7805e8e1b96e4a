// Tensor storages as PyTorch 1.13 shows them: `x.storage()` is a TypedStorage over the tensor's whole memory (every
// element of every view of it), `x.storage_type()` its class (torch.FloatStorage, LongStorage, BoolStorage). tocha
// keeps every element in 4 bytes of wasm memory; sizes and element sizes are reported as PyTorch's (an int64 element
// is 8 bytes there), and data_ptr() is the storage's byte address in wasm memory.
import type { Storage } from './lifetime.js';
import { DType, float32, int64, bool } from './dtype.js';
import { F32, I32 } from './backend/wasm.js';
import { pyFloat } from './print.js';


/** `torch.TypedStorage`: a tensor's storage, as `x.storage()` returns it. */
export class TypedStorage {
  /** Internal: the wasm storage it shows. */
  readonly _storage: Storage;
  readonly dtype: DType;
  constructor(storage: Storage, dtype: DType) {
    this._storage = storage;
    this.dtype = dtype;
  }
  /** The number of elements. */
  size(): number {
    return this._storage.bytes / 4;
  }
  get length(): number {
    return this.size();
  }
  /** Element i (a number, or a boolean for bool storage), as `storage[i]`. */
  get(i: number): number | boolean {
    const n = this.size();
    if (i < -n || i >= n) throw new RangeError(`index ${i} out of range for storage of size ${n}`);
    const k = (this._storage.ptr >>> 2) + (i < 0 ? i + n : i);
    if (this.dtype === float32) return F32()[k];
    return this.dtype === bool ? I32()[k] !== 0 : I32()[k];
  }
  tolist(): (number | boolean)[] {
    return Array.from({ length: this.size() }, (_, i) => this.get(i));
  }
  /** PyTorch's element size (float32 4, int64 8, bool 1). */
  element_size(): number {
    return this.dtype === float32 ? 4 : this.dtype === int64 ? 8 : 1;
  }
  nbytes(): number {
    return this.size() * this.element_size();
  }
  /** The byte address of the storage in wasm memory. */
  data_ptr(): number {
    return this.size() === 0 ? 0 : this._storage.ptr;
  }
  get device(): string {
    return 'cpu';
  }
  is_shared(): boolean {
    return this._storage.shared;
  }
  share_memory_(): this {
    this._storage.shared = true;
    return this;
  }
  is_pinned(): boolean {
    return false;
  }
  /** `storage.type()`: 'torch.FloatStorage', ... */
  type(): string {
    return `torch.${storageClass(this.dtype).name}`;
  }
  /** PyTorch's printing: one value a line, then the storage's type and size. */
  toString(): string {
    const vals = this.tolist().map((v) => ` ${typeof v === 'boolean' ? (v ? 'True' : 'False') : this.dtype === float32 ? pyFloat(v) : v}`);
    const head = vals.length ? `${vals.join('\n')}\n` : '';
    return `${head}[torch.storage.TypedStorage(dtype=torch.${this.dtype.name}, device=cpu) of size ${this.size()}]`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** `torch.FloatStorage`: the storage class of float32 tensors (`x.storage_type()`). */
export class FloatStorage extends TypedStorage {}
/** `torch.LongStorage`: the storage class of int64 tensors. */
export class LongStorage extends TypedStorage {}
/** `torch.BoolStorage`: the storage class of bool tensors. */
export class BoolStorage extends TypedStorage {}

/** The legacy storage class of a dtype. */
export function storageClass(d: DType): typeof TypedStorage {
  return d === float32 ? FloatStorage : d === int64 ? LongStorage : BoolStorage;
}

/** `torch.is_storage(obj)`: whether obj is a storage. */
export function is_storage(obj: unknown): boolean {
  return obj instanceof TypedStorage;
}
