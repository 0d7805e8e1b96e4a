// torch.nn.init: in-place initializers, run without gradient recording and drawing from the
// default generator in PyTorch's order, so that after `torch.manual_seed(s)` the same calls give
// PyTorch's numbers.
import { Tensor } from '../tensor.js';
import { float32 } from '../dtype.js';
import { F32 } from '../backend/wasm.js';
import { no_grad } from '../autograd.js';
import * as E from '../ops/elementwise.js';
import * as C from '../ops/create.js';
import { numelOf } from '../ops/util.js';
import { warnOnce } from '../warn.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from './module.js';

// PyTorch's initializers are Python functions: their optional arguments go by position or by name in a trailing
// options object (`nn.init.normal_(w, { std: 0.01 })`, the book idiom `normal_(m.weight, std=0.01)`), with Python's
// TypeErrors for extra or unknown ones.
const args_ = (fn: string, names: string[], defaults: Record<string, unknown>, args: readonly unknown[], lead = 1) =>
  bind(fn, names, [], defaults, args, lead, true);

export type Nonlinearity =
  | 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d'
  | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

/**
 * The recommended gain for a nonlinearity, as `nn.init.calculate_gain`.
 * @example nn.init.calculate_gain('leaky_relu', 0.2) // 1.3867504905630728
 */
export function calculate_gain(nonlinearity: Nonlinearity, ...given: [param?: number | null | { param?: number | null }]): number {
  const { param } = args_('calculate_gain', ['nonlinearity', 'param'], { param: null }, [nonlinearity, ...given], 0) as
    { param: number | null | undefined };
  const linear = ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'];
  if (linear.includes(nonlinearity) || nonlinearity === 'sigmoid') return 1;
  if (nonlinearity === 'tanh') return 5.0 / 3;
  if (nonlinearity === 'relu') return Math.sqrt(2.0);
  if (nonlinearity === 'leaky_relu') {
    let slope = 0.01;
    if (param !== undefined && param !== null) {
      if (typeof param !== 'number' || Number.isNaN(param)) throw new Error(`negative_slope ${param} not a valid number`);
      slope = param;
    }
    return Math.sqrt(2.0 / (1 + slope ** 2));
  }
  if (nonlinearity === 'selu') return 3.0 / 4;
  throw new Error(`Unsupported nonlinearity ${nonlinearity}`);
}

/** [fan_in, fan_out] of a weight: dims 1 and 0 times the receptive field. */
export function _calculate_fan_in_and_fan_out(tensor: Tensor): [number, number] {
  const shape = tensor._shape;
  if (shape.length < 2) {
    throw new Error('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  }
  const receptive = numelOf(shape.slice(2));
  return [shape[1] * receptive, shape[0] * receptive];
}

function fanOf(tensor: Tensor, mode: 'fan_in' | 'fan_out'): number {
  if (mode !== 'fan_in' && mode !== 'fan_out') throw new Error(`Mode ${mode} not supported, please use one of fan_in, fan_out`);
  const [fanIn, fanOut] = _calculate_fan_in_and_fan_out(tensor);
  return mode === 'fan_in' ? fanIn : fanOut;
}

/** Fills with U(a, b). */
export function uniform_<T extends Tensor>(tensor: T, ...args: Args<[a: number, b: number], { a?: number; b?: number }>): T {
  const { a, b } = args_('uniform_', ['a', 'b'], { a: 0, b: 1 }, args);
  return no_grad(() => C.uniform_(tensor, a, b));
}

/** Fills with N(mean, std²). */
export function normal_<T extends Tensor>(tensor: T, ...args: Args<[mean: number, std: number], { mean?: number; std?: number }>): T {
  const { mean, std } = args_('normal_', ['mean', 'std'], { mean: 0, std: 1 }, args);
  return no_grad(() => C.normal_(tensor, mean, std));
}

export function constant_<T extends Tensor>(tensor: T, ...args: [val: number] | [{ val: number }]): T {
  const { val } = args_('constant_', ['val'], {}, args);
  return no_grad(() => E.fill_(tensor, val));
}

export function zeros_<T extends Tensor>(tensor: T): T {
  return constant_(tensor, 0);
}

export function ones_<T extends Tensor>(tensor: T): T {
  return constant_(tensor, 1);
}

/** Fills a 2-D tensor with the identity matrix. */
export function eye_<T extends Tensor>(tensor: T): T {
  if (tensor._shape.length !== 2) throw new Error('Only tensors with 2 dimensions are supported');
  return no_grad(() => {
    const e = C.eye(tensor._shape[0], tensor._shape[1], { dtype: tensor.dtype });
    tensor._bumpVersion();
    E.writeInto(tensor, e);
    e.dispose();
    return tensor;
  });
}

/** Glorot uniform: U(-a, a) with a = gain √(6 / (fan_in + fan_out)). */
export function xavier_uniform_<T extends Tensor>(tensor: T, ...args: Args<[gain: number], { gain?: number }>): T {
  const { gain } = args_('xavier_uniform_', ['gain'], { gain: 1 }, args);
  const [fanIn, fanOut] = _calculate_fan_in_and_fan_out(tensor);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniform_(tensor, -a, a);
}

/** Glorot normal: N(0, std²) with std = gain √(2 / (fan_in + fan_out)). */
export function xavier_normal_<T extends Tensor>(tensor: T, ...args: Args<[gain: number], { gain?: number }>): T {
  const { gain } = args_('xavier_normal_', ['gain'], { gain: 1 }, args);
  const [fanIn, fanOut] = _calculate_fan_in_and_fan_out(tensor);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  return normal_(tensor, 0, std);
}

export interface KaimingOptions {
  a?: number;
  mode?: 'fan_in' | 'fan_out';
  nonlinearity?: Nonlinearity;
}

type KaimingArgs = [a?: number | KaimingOptions, mode?: 'fan_in' | 'fan_out' | KaimingOptions, nonlinearity?: Nonlinearity | KaimingOptions];
function kaimingArgs(fn: string, given: KaimingArgs): Required<KaimingOptions> {
  return args_(fn, ['a', 'mode', 'nonlinearity'], { a: 0, mode: 'fan_in', nonlinearity: 'leaky_relu' }, given) as Required<KaimingOptions>;
}

/**
 * He uniform: U(-b, b) with b = gain √(3 / fan). Linear uses `kaiming_uniform_(w, Math.sqrt(5))`.
 * @example nn.init.kaiming_uniform_(w, { mode: 'fan_out', nonlinearity: 'relu' })
 */
export function kaiming_uniform_<T extends Tensor>(
  tensor: T, ...given: KaimingArgs): T {
  const o = kaimingArgs('kaiming_uniform_', given);
  if (tensor._shape.includes(0)) {
    console.warn('UserWarning: Initializing zero-element tensors is a no-op');
    return tensor;
  }
  const fan = fanOf(tensor, o.mode);
  const gain = calculate_gain(o.nonlinearity, o.a);
  const std = gain / Math.sqrt(fan);
  const bound = Math.sqrt(3.0) * std;
  return uniform_(tensor, -bound, bound);
}

/** He normal: N(0, std²) with std = gain / √fan. */
export function kaiming_normal_<T extends Tensor>(
  tensor: T, ...given: KaimingArgs): T {
  const o = kaimingArgs('kaiming_normal_', given);
  if (tensor._shape.includes(0)) {
    console.warn('UserWarning: Initializing zero-element tensors is a no-op');
    return tensor;
  }
  const fan = fanOf(tensor, o.mode);
  const gain = calculate_gain(o.nonlinearity, o.a);
  return normal_(tensor, 0, gain / Math.sqrt(fan));
}

/**
 * A (semi-)orthogonal matrix from the QR decomposition of a normal sample, signs fixed so R has
 * a positive diagonal (which makes Q unique, so any QR method gives PyTorch's Q). Gram-Schmidt
 * (modified, twice) in float64.
 */
export function orthogonal_<T extends Tensor>(tensor: T, ...args: Args<[gain: number], { gain?: number }>): T {
  const { gain } = args_('orthogonal_', ['gain'], { gain: 1 }, args);
  if (tensor._shape.length < 2) throw new Error('Only tensors with 2 or more dimensions are supported');
  if (tensor.numel() === 0) return tensor;
  const rows = tensor._shape[0];
  const cols = tensor.numel() / rows;
  const flat = C.randn([rows, cols]);
  const data = Float64Array.from(flat.dataSync());
  flat.dispose();
  // Work on the tall orientation: m × n with m >= n, columns orthonormalized.
  const tall = rows >= cols;
  const m = tall ? rows : cols;
  const n = tall ? cols : rows;
  const a = new Float64Array(m * n); // column-major: column j at a[j*m ...]
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j];
      if (tall) a[j * m + i] = v;
      else a[i * m + j] = v;
    }
  }
  for (let j = 0; j < n; j++) {
    const cj = j * m;
    let rjj = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        const ck = k * m;
        let dot = 0;
        for (let i = 0; i < m; i++) dot += a[ck + i] * a[cj + i];
        for (let i = 0; i < m; i++) a[cj + i] -= dot * a[ck + i];
      }
    }
    for (let i = 0; i < m; i++) rjj += a[cj + i] * a[cj + i];
    rjj = Math.sqrt(rjj);
    // Gram-Schmidt gives R a positive diagonal already: Q · diag(sign(diag(R))) is this Q.
    for (let i = 0; i < m; i++) a[cj + i] = rjj > 0 ? a[cj + i] / rjj : 0;
  }
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = gain * (tall ? a[j * m + i] : a[i * m + j]);
  }
  return writeValues(tensor, out);
}

function writeValues<T extends Tensor>(tensor: T, values: Float32Array): T {
  return no_grad(() => {
    tensor._bumpVersion();
    const src = Tensor._empty(tensor._shape.slice(), float32);
    F32().set(values, src._ptr() >>> 2);
    E.writeInto(tensor, src);
    src.dispose();
    return tensor;
  });
}

// erf in float64 (Abramowitz-Stegun 7.1.26 is too coarse; this is a series / continued fraction).
function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // Maclaurin series: 2/√π Σ (-1)^n x^(2n+1) / (n! (2n+1))
    let sum = 0;
    let term = ax;
    for (let n = 0; n < 100; n++) {
      const t = term / (2 * n + 1);
      sum += t;
      if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
      term *= (-ax * ax) / (n + 1);
    }
    const r = (2 / Math.sqrt(Math.PI)) * sum;
    return x < 0 ? -r : r;
  }
  // erfc continued fraction (Lentz) for large |x|.
  let f = ax;
  let c = ax;
  let d = 0;
  for (let n = 1; n < 200; n++) {
    const an = n / 2;
    d = ax + an * d;
    d = d === 0 ? 1e-300 : 1 / d;
    c = ax + an / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  const r = 1 - erfc;
  return x < 0 ? -r : r;
}

// Inverse erf: Giles' single-precision approximation refined by Newton steps in float64.
function erfinv(y: number): number {
  if (y <= -1) return y === -1 ? -Infinity : NaN;
  if (y >= 1) return y === 1 ? Infinity : NaN;
  let w = -Math.log((1 - y) * (1 + y));
  let x: number;
  if (w < 5) {
    w -= 2.5;
    let p = 2.81022636e-08;
    p = 3.43273939e-07 + p * w; p = -3.5233877e-06 + p * w; p = -4.39150654e-06 + p * w; p = 0.00021858087 + p * w;
    p = -0.00125372503 + p * w; p = -0.00417768164 + p * w; p = 0.246640727 + p * w; p = 1.50140941 + p * w;
    x = p * y;
  } else {
    w = Math.sqrt(w) - 3;
    let p = -0.000200214257;
    p = 0.000100950558 + p * w; p = 0.00134934322 + p * w; p = -0.00367342844 + p * w; p = 0.00573950773 + p * w;
    p = -0.0076224613 + p * w; p = 0.00943887047 + p * w; p = 1.00167406 + p * w; p = 2.83297682 + p * w;
    x = p * y;
  }
  for (let i = 0; i < 2; i++) {
    const err = erf(x) - y;
    x -= err / ((2 / Math.sqrt(Math.PI)) * Math.exp(-x * x));
  }
  return x;
}

/**
 * Normal(mean, std²) truncated to [a, b], by inverse-CDF sampling as PyTorch: uniform in
 * [2Φ(a)-1, 2Φ(b)-1], erfinv, scale, shift, clamp.
 */
export function trunc_normal_<T extends Tensor>(
  tensor: T, ...args: Args<[mean: number, std: number, a: number, b: number], { mean?: number; std?: number; a?: number; b?: number }>
): T {
  const { mean, std, a, b } = args_('trunc_normal_', ['mean', 'std', 'a', 'b'], { mean: 0, std: 1, a: -2, b: 2 }, args);
  const cdf = (x: number) => (1 + erf(x / Math.SQRT2)) / 2;
  if (mean < a - 2 * std || mean > b + 2 * std) {
    console.warn('UserWarning: mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.');
  }
  const l = cdf((a - mean) / std);
  const u = cdf((b - mean) / std);
  const tmp = Tensor._empty(tensor._shape.slice(), float32);
  C.uniform_(tmp, 2 * l - 1, 2 * u - 1);
  const v = tmp.dataSync() as Float32Array;
  tmp.dispose();
  const out = new Float32Array(v.length);
  const scale = Math.fround(std * Math.SQRT2);
  for (let i = 0; i < v.length; i++) {
    const e = Math.fround(erfinv(v[i]));
    const x = Math.fround(Math.fround(e * scale) + mean);
    out[i] = Math.min(Math.max(x, a), b);
  }
  return writeValues(tensor, out);
}

/** Fills a {3,4,5}-D tensor with the Dirac delta (identity convolution). */
export function dirac_<T extends Tensor>(tensor: T, ...args: Args<[groups: number], { groups?: number }>): T {
  const { groups } = args_('dirac_', ['groups'], { groups: 1 }, args);
  const shape = tensor._shape;
  const d = shape.length;
  if (d < 3 || d > 5) throw new Error('Only tensors with 3, 4, or 5 dimensions are supported');
  if (shape[0] % groups !== 0) throw new Error('dim 0 must be divisible by groups');
  const outPerGroup = shape[0] / groups;
  const minDim = Math.min(outPerGroup, shape[1]);
  const values = new Float32Array(tensor.numel());
  const strides = shape.map((_, i) => numelOf(shape.slice(i + 1)));
  for (let g = 0; g < groups; g++) {
    for (let k = 0; k < minDim; k++) {
      let off = (g * outPerGroup + k) * strides[0] + k * strides[1];
      for (let s = 2; s < d; s++) off += Math.floor(shape[s] / 2) * strides[s];
      values[off] = 1;
    }
  }
  return writeValues(tensor, values);
}

/**
 * Fills a 2-D tensor as a sparse matrix (Martens 2010): N(0, std²) values, then in each column
 * ceil(sparsity·rows) entries set to zero at rows drawn with randperm, as `nn.init.sparse_` (the
 * same draws as PyTorch for a seed).
 * @example nn.init.sparse_(torch.empty(3, 5), 0.1)
 */
export function sparse_<T extends Tensor>(
  tensor: T, ...args: [sparsity: number, std?: number | { std?: number }] | [{ sparsity: number; std?: number }]
): T {
  const { sparsity, std } = args_('sparse_', ['sparsity', 'std'], { std: 0.01 }, args);
  if (tensor._shape.length !== 2) throw new RangeError('Only tensors with 2 dimensions are supported');
  const [rows, cols] = tensor._shape;
  const numZeros = Math.ceil(sparsity * rows);
  return no_grad(() => {
    C.normal_(tensor, 0, std);
    for (let col = 0; col < cols; col++) {
      const zero = C.randperm(rows).narrow(0, 0, Math.max(0, Math.min(rows, numZeros)));
      tensor.set(zero, col, 0);
    }
    return tensor;
  });
}

/** PyTorch's `_make_deprecate`: the old name without the underscore, warning once that it is deprecated. */
function deprecated<F extends (...args: never[]) => unknown>(fn: F, name: string): F {
  const old = name.slice(0, -1);
  const f = (...args: Parameters<F>) => {
    warnOnce(`nn.init.${old}`, `nn.init.${old} is now deprecated in favor of nn.init.${name}.`);
    return fn(...args);
  };
  return f as F;
}

/** Deprecated: `nn.init.uniform_`. */
export const uniform = /*#__PURE__*/ deprecated(uniform_, 'uniform_');
/** Deprecated: `nn.init.normal_`. */
export const normal = /*#__PURE__*/ deprecated(normal_, 'normal_');
/** Deprecated: `nn.init.constant_`. */
export const constant = /*#__PURE__*/ deprecated(constant_, 'constant_');
/** Deprecated: `nn.init.eye_`. */
export const eye = /*#__PURE__*/ deprecated(eye_, 'eye_');
/** Deprecated: `nn.init.dirac_`. */
export const dirac = /*#__PURE__*/ deprecated(dirac_, 'dirac_');
/** Deprecated: `nn.init.xavier_uniform_`. */
export const xavier_uniform = /*#__PURE__*/ deprecated(xavier_uniform_, 'xavier_uniform_');
/** Deprecated: `nn.init.xavier_normal_`. */
export const xavier_normal = /*#__PURE__*/ deprecated(xavier_normal_, 'xavier_normal_');
/** Deprecated: `nn.init.kaiming_uniform_`. */
export const kaiming_uniform = /*#__PURE__*/ deprecated(kaiming_uniform_, 'kaiming_uniform_');
/** Deprecated: `nn.init.kaiming_normal_`. */
export const kaiming_normal = /*#__PURE__*/ deprecated(kaiming_normal_, 'kaiming_normal_');
/** Deprecated: `nn.init.orthogonal_`. */
export const orthogonal = /*#__PURE__*/ deprecated(orthogonal_, 'orthogonal_');
/** Deprecated: `nn.init.sparse_`. */
export const sparse = /*#__PURE__*/ deprecated(sparse_, 'sparse_');
