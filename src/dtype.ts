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

/**
 * The op that int64 range errors name: set by a composite around the primitives it runs (`torch.trace` sums a
 * diagonal, and its error says trace), null outside any.
 */
let rangeOp: string | null = null;

/** Runs f with `op` as the name int64 range errors give (the outermost such call names them). */
export function asOp<T>(op: string, f: () => T): T {
  if (rangeOp !== null) return f();
  rangeOp = op;
  try {
    return f();
  } finally {
    rangeOp = null;
  }
}

/**
 * The error of an int64 op whose exact result (as PyTorch's 64-bit int64 holds it) is outside the 32-bit words
 * tocha stores int64 in. Kernels report it (their return value); the caller frees what it made, then throws this.
 */
export function intOverflow(op: string): RangeError {
  return new RangeError(`${rangeOp ?? op}: an int64 result is outside [${INT_MIN}, ${INT_MAX}] (tocha stores int64 in 32 bits)`);
}

/** An int64 value entering tocha (tensor data, a fill value, a scalar operand) must fit in its 32-bit words. */
export function checkInt64(v: number): void {
  if (v < INT_MIN || v > INT_MAX) {
    throw new RangeError(`tocha: value ${v} is out of range for int64 (tocha stores int64 in 32 bits: [${INT_MIN}, ${INT_MAX}])`);
  }
}
