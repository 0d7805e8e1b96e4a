// torch.result_type / promote_types / can_cast, the default dtype, torch.finfo and torch.iinfo for
// tocha's dtypes (float32, int64, bool), as PyTorch 1.13 answers them.
import { Tensor } from './tensor.js';
import { DType, DTypeLike, MissingDType, float32, int64, bool, promote, toDType } from './dtype.js';

type Operand = Tensor | number | boolean;
const category = (d: DType) => (d === float32 ? 2 : d === int64 ? 1 : 0);

/** The dtype `a op b` computes in (PyTorch's rules: a dimensioned tensor outranks a zero-dim one, which
 *  outranks a number, unless the lower one is of a higher category): `torch.result_type(x, 2.5)`. */
export function result_type(a: Operand, b: Operand): DType {
  let dim: DType | null = null;
  let zero: DType | null = null;
  let wrapped: DType | null = null;
  const join = (r: DType | null, d: DType) => (r ? promote(r, d) : d);
  for (const v of [a, b]) {
    if (v instanceof Tensor) {
      if (v._shape.length > 0) dim = join(dim, v.dtype);
      else zero = join(zero, v.dtype);
    } else if (typeof v === 'boolean') wrapped = join(wrapped, bool);
    else wrapped = join(wrapped, Number.isInteger(v) ? int64 : float32);
  }
  const combine = (hi: DType | null, lo: DType | null): DType | null => {
    if (!hi) return lo;
    if (!lo || hi === float32) return hi;
    return hi === bool || lo === float32 ? promote(hi, lo) : hi;
  };
  return combine(dim, combine(zero, wrapped))!;
}

/** The smallest dtype both promote to: `torch.promote_types(torch.bool, torch.int64)` is torch.int64. */
export function promote_types(a: DTypeLike, b: DTypeLike): DType {
  return promote(toDType(a), toDType(b));
}

/** Whether PyTorch's type promotion may cast `from` to `to` (never float to integral, nor anything to
 *  bool but bool): `torch.can_cast(torch.int64, torch.float32)` is true. */
export function can_cast(from: DTypeLike, to: DTypeLike): boolean {
  return category(toDType(from)) <= category(toDType(to));
}

/** torch.float32, the only floating dtype tocha has: `torch.get_default_dtype()`. */
export function get_default_dtype(): DType {
  return float32;
}

/** Accepts torch.float32 only (the default already); integral dtypes get PyTorch's TypeError:
 *  `torch.set_default_dtype(torch.float32)`. */
export function set_default_dtype(d: DTypeLike): void {
  const t = d instanceof DType || d === 'int64' || d === 'bool' || d === 'float32' || d === 'float' || d === 'long' ? toDType(d) : null;
  if (t === float32) return;
  if (t) throw new TypeError('only floating-point types are supported as the default type');
  throw new TypeError(`set_default_dtype(): tocha supports only torch.float32 as the default dtype, got ${String(d)}`);
}

/** C's %g (6 significant digits), as Python prints these fields and C++ streams print doubles. */
export function g6(v: number): string {
  v = tieToEven(v);
  const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(Number(v.toPrecision(6)))));
  if (exp < -4 || exp >= 6) {
    const [m, e] = v.toExponential(5).split('e');
    const mant = m.includes('.') ? m.replace(/\.?0+$/, '') : m;
    const n = Math.abs(Number(e));
    return `${mant}e${Number(e) < 0 ? '-' : '+'}${n < 10 ? '0' : ''}${n}`;
  }
  const f = v.toFixed(Math.max(0, 5 - exp));
  return f.includes('.') ? f.replace(/\.?0+$/, '') : f;
}

/** v, or (when its 7th and later significant digits are exactly 5000…, a tie) v one ulp nearer zero if the 6th digit is
 *  even: C rounds a tie to even (float16's eps 0.0009765625 is 0.000976562), JavaScript's toPrecision away from it. */
function tieToEven(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  const e = Math.abs(v).toExponential(20);
  const digits = e.slice(0, e.indexOf('e')).replace('.', '');
  return /^\d{5}[02468]50*$/.test(digits) ? v - Math.sign(v) * Math.abs(v) * 2 ** -52 : v;
}

/** What torch.finfo returns. */
export class FInfo {
  readonly bits: number = 32;
  readonly eps: number = 1.1920928955078125e-7;
  readonly max: number = 3.4028234663852886e+38;
  readonly min: number = -3.4028234663852886e+38;
  readonly tiny: number = 1.1754943508222875e-38;
  readonly smallest_normal: number = 1.1754943508222875e-38;
  readonly resolution: number = 1e-6;
  readonly dtype: string = 'float32';
  constructor(type: DTypeLike = float32) {
    // the floating dtypes tocha lacks have PyTorch's limits all the same (code reads them, e.g. eps for float64)
    const m = type instanceof MissingDType ? FLOAT_LIMITS[type.name] : undefined;
    if (m) {
      [this.bits, this.eps, this.max, this.tiny, this.resolution] = m;
      this.min = -this.max;
      this.smallest_normal = this.tiny;
      this.dtype = (type as MissingDType).name;
      return;
    }
    const t = type instanceof MissingDType ? null : toDType(type);
    if (t !== float32) throw new TypeError(`torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'`);
  }
  toString(): string {
    return `finfo(resolution=${g6(this.resolution)}, min=${g6(this.min)}, max=${g6(this.max)}, eps=${g6(this.eps)}, ` +
      `smallest_normal=${g6(this.smallest_normal)}, tiny=${g6(this.tiny)}, dtype=${this.dtype})`;
  }
}

/** PyTorch's finfo of the floating dtypes tocha lacks: bits, eps, max, tiny, resolution. */
const FLOAT_LIMITS: Record<string, [number, number, number, number, number]> = {
  float64: [64, 2.220446049250313e-16, 1.7976931348623157e+308, 2.2250738585072014e-308, 1e-15],
  float16: [16, 0.0009765625, 65504, 6.103515625e-05, 0.001],
  bfloat16: [16, 0.0078125, 3.3895313892515355e+38, 1.1754943508222875e-38, 0.01],
};
/** …and iinfo of the integer ones: bits, min, max. */
const INT_LIMITS: Record<string, [number, bigint, bigint]> = {
  int32: [32, -2147483648n, 2147483647n], int16: [16, -32768n, 32767n], int8: [8, -128n, 127n], uint8: [8, 0n, 255n],
};

/** What torch.iinfo returns. */
export class IInfo {
  readonly bits: number = 64;
  readonly min: bigint = -9223372036854775808n;
  readonly max: bigint = 9223372036854775807n;
  readonly dtype: string = 'int64';
  constructor(type: DTypeLike) {
    const m = type instanceof MissingDType ? INT_LIMITS[type.name] : undefined;
    if (m) {
      [this.bits, this.min, this.max] = m;
      this.dtype = (type as MissingDType).name;
      return;
    }
    const t = type instanceof MissingDType ? null : toDType(type);
    if (t === bool) throw new TypeError('torch.bool is not supported by torch.iinfo');
    if (t !== int64) throw new TypeError(`torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'`);
  }
  toString(): string {
    return `iinfo(min=${g6(Number(this.min))}, max=${g6(Number(this.max))}, dtype=${this.dtype})`;
  }
}

/** Machine limits of float32, PyTorch's fields and printout: `torch.finfo(torch.float32).eps` is
 *  1.1920928955078125e-7, `String(torch.finfo())` is PyTorch's `finfo(resolution=1e-06, ...)`. */
export function finfo(type: DTypeLike = float32): FInfo {
  return new FInfo(type);
}

/** Limits of int64 as PyTorch reports them (`bits` 64, `min`/`max` as bigints, PyTorch's printout).
 *  tocha stores int64 in 32 bits, so the values a tensor can hold are [-2^31, 2^31):
 *  `torch.iinfo(torch.int64).max` is 9223372036854775807n. */
export function iinfo(type: DTypeLike): IInfo {
  return new IInfo(type);
}
