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

export const float32 = /*#__PURE__*/ new DType('float32', true);
export const int64 = /*#__PURE__*/ new DType('int64', false);
export const bool = /*#__PURE__*/ new DType('bool', false);
export const float = float32;
export const long = int64;

/**
 * A dtype of PyTorch's that tocha lacks (`torch.float64`, `torch.int32`, `torch.float16`, ...): it prints as PyTorch's,
 * and as a dtype float64 and int32 give float32 and int64 (as `x.double()` and `x.int()` do, and `torch.load` for
 * such storages); the others are a TypeError that names them. Without these, `{ dtype: torch.float16 }` was
 * `{ dtype: undefined }`: the default dtype, without a word.
 */
export class MissingDType {
  constructor(readonly name: string, readonly is_floating_point: boolean, readonly is_complex = false) {}
  toString(): string {
    return `torch.${this.name}`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
export const float64 = /*#__PURE__*/ new MissingDType('float64', true);
export const int32 = /*#__PURE__*/ new MissingDType('int32', false);
export const float16 = /*#__PURE__*/ new MissingDType('float16', true);
export const bfloat16 = /*#__PURE__*/ new MissingDType('bfloat16', true);
export const int16 = /*#__PURE__*/ new MissingDType('int16', false);
export const int8 = /*#__PURE__*/ new MissingDType('int8', false);
export const uint8 = /*#__PURE__*/ new MissingDType('uint8', false);
export const complex64 = /*#__PURE__*/ new MissingDType('complex64', false, true);
export const complex128 = /*#__PURE__*/ new MissingDType('complex128', false, true);
export const complex32 = /*#__PURE__*/ new MissingDType('complex32', false, true);
// PyTorch's other names for them
export { float64 as double, int32 as int, float16 as half, int16 as short, complex64 as cfloat, complex128 as cdouble,
  complex32 as chalf };

export type DTypeLike = DType | DTypeName | 'float' | 'long' | MissingDType;

export function toDType(d: DTypeLike): DType {
  if (d instanceof DType) return d;
  if (d instanceof MissingDType) {
    if (d === float64) return float32;
    if (d === int32) return int64;
    throw new TypeError(`tocha has no ${d} (its dtypes are float32, int64 and bool; torch.float64 gives float32 and ` +
      'torch.int32 int64, the nearest it has)');
  }
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

/** An int64 value entering tocha (tensor data, a fill value, a scalar operand) must fit in its 32-bit words; the
 *  error names the op the user called (a composite's, else `op`), the value and the dtype. */
export function checkInt64(v: number, op = 'tocha'): void {
  if (v < INT_MIN || v > INT_MAX) throw int64Value(op, v);
}

/** The error for a value that does not fit in int64's 32-bit words (checkInt64's). */
export function int64Value(op: string, v: number | bigint): RangeError {
  return new RangeError(`${rangeOp ?? op}: value ${v} is out of range for torch.int64 (tocha stores int64 in 32 bits: ` +
    `[${INT_MIN}, ${INT_MAX}])`);
}
