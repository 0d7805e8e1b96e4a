// PyTorch's dtypes that tocha has. Every element takes 4 bytes in wasm memory:
// float32 as f32; int64 as i32 (values must fit in [-2^31, 2^31), checked where they enter);
// bool as an i32 0 or 1.

export type DTypeName = 'float32' | 'int64' | 'bool';

export class DType {
  constructor(readonly name: DTypeName, readonly isFloatingPoint: boolean) {}
  /** PyTorch's spelling: `torch.float32`. */
  toString(): string {
    return `torch.${this.name}`;
  }
  get is_floating_point(): boolean {
    return this.isFloatingPoint;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

export const float32 = new DType('float32', true);
export const int64 = new DType('int64', false);
export const bool = new DType('bool', false);
export const float = float32;
export const long = int64;

export type DTypeLike = DType | DTypeName | 'float' | 'long';

export function toDType(d: DTypeLike): DType {
  if (d instanceof DType) return d;
  switch (d) {
    case 'float32': case 'float': return float32;
    case 'int64': case 'long': return int64;
    case 'bool': return bool;
  }
  throw new TypeError(`tocha: unknown dtype '${String(d)}' (tocha has float32, int64 and bool)`);
}

/** The result dtype of a binary op between tensors, as torch.result_type (bool < int64 < float32). */
export function promote(a: DType, b: DType): DType {
  if (a === float32 || b === float32) return float32;
  if (a === int64 || b === int64) return int64;
  return bool;
}

export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;
