// torch.result_type / promote_types / can_cast, the default dtype, torch.finfo and torch.iinfo for
// tocha's dtypes (float32, int64, bool), as PyTorch 1.13 answers them.
import { Tensor } from './tensor.js';
import { DType, DTypeLike, float32, int64, bool, promote, toDType } from './dtype.js';

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

/** What torch.finfo returns. */
export class FInfo {
  readonly bits = 32;
  readonly eps = 1.1920928955078125e-7;
  readonly max = 3.4028234663852886e+38;
  readonly min = -3.4028234663852886e+38;
  readonly tiny = 1.1754943508222875e-38;
  readonly smallest_normal = 1.1754943508222875e-38;
  readonly resolution = 1e-6;
  readonly dtype = 'float32';
  constructor(type: DTypeLike = float32) {
    const t = toDType(type);
    if (t !== float32) throw new TypeError(`torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'`);
  }
  toString(): string {
    return `finfo(resolution=${g6(this.resolution)}, min=${g6(this.min)}, max=${g6(this.max)}, eps=${g6(this.eps)}, ` +
      `smallest_normal=${g6(this.smallest_normal)}, tiny=${g6(this.tiny)}, dtype=${this.dtype})`;
  }
}

/** What torch.iinfo returns. */
export class IInfo {
  readonly bits = 64;
  readonly min = -9223372036854775808n;
  readonly max = 9223372036854775807n;
  readonly dtype = 'int64';
  constructor(type: DTypeLike) {
    const t = toDType(type);
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
