/**
 * PyTorch 1.13's printing, as pure functions: tensors (`torch/_tensor_str.py`), `torch.Size`,
 * `torch.return_types` and `nn.Module.__repr__` (`torch/nn/modules/module.py`).
 *
 * The text must match PyTorch character for character, so this is a line-by-line port. Floats are
 * formatted the way Python formats a double (`'{:.4f}'`, `'{:.4e}'`, `'{:.0f}'`): correctly
 * rounded from the exact binary value, ties to even. JavaScript's `toFixed` rounds ties away from
 * zero and gives up above 1e21, so the digits are produced with exact BigInt arithmetic instead.
 */

export type PrintDtype = 'float32' | 'int64' | 'bool';

/** What printing needs of a tensor. `data` is flat, row-major and contiguous; bools are 0/1. */
export interface PrintableTensor {
  dtype: PrintDtype;
  shape: readonly number[];
  data: ArrayLike<number>;
}

/** The autograd part of a tensor's repr. `gradFn` wins over `requiresGrad`, as in PyTorch. */
export interface TensorSuffixes {
  requiresGrad?: boolean;
  /** The backward node's class name, e.g. `'SigmoidBackward0'`. */
  gradFn?: string;
}

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  sci_mode: boolean | null;
}

const DEFAULTS: PrintOptions = { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sci_mode: null };
const PRINT_OPTS: PrintOptions = { ...DEFAULTS };

/**
 * `torch.set_printoptions`. As in PyTorch, a profile is applied first, the other options override
 * it, and `sci_mode` goes back to automatic (`null`) whenever it is not given.
 *
 * @example set_printoptions({ precision: 2 }); // tensor([1.12345]) prints as tensor([1.12])
 */
export function set_printoptions(opts: Partial<PrintOptions> & { profile?: 'default' | 'short' | 'full' }): void {
  const { profile } = opts;
  if (profile !== undefined) {
    if (profile === 'default') Object.assign(PRINT_OPTS, { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 });
    else if (profile === 'short') Object.assign(PRINT_OPTS, { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 });
    else if (profile === 'full') Object.assign(PRINT_OPTS, { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 });
    else throw new Error(`set_printoptions(): profile must be 'default', 'short' or 'full', got ${String(profile)}`);
  }
  for (const key of ['precision', 'threshold', 'edgeitems', 'linewidth'] as const) {
    const v = opts[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || Number.isNaN(v)) throw new Error(`set_printoptions(): ${key} must be a number, got ${String(v)}`);
    if (key === 'precision' && !(Number.isInteger(v) && v >= 0)) {
      throw new Error(`set_printoptions(): precision must be a non-negative integer, got ${v}`);
    }
    PRINT_OPTS[key] = v;
  }
  PRINT_OPTS.sci_mode = opts.sci_mode ?? null;
}

/** The current print options (a copy). */
export function get_printoptions(): PrintOptions {
  return { ...PRINT_OPTS };
}

// ---------------------------------------------------------------- Python's float formatting

const BIG_TEN = 10n;
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** |v| = m * 2^e exactly, for a finite double v. */
function decompose(v: number): { m: bigint; e: number } {
  f64[0] = v;
  const bits = u64[0]!;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  if (biased === 0) return { m: frac, e: -1074 };
  return { m: frac | (1n << 52n), e: biased - 1075 };
}

/** round(|v| * 10^k), ties to even, for finite v and any integer k. */
function scaledRound(v: number, k: number): bigint {
  const { m, e } = decompose(v);
  let num = m;
  let den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  if (k >= 0) num *= BIG_TEN ** BigInt(k);
  else den *= BIG_TEN ** BigInt(-k);
  const q = num / den;
  const twice = (num - q * den) * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

function signOf(v: number): string {
  return v < 0 || Object.is(v, -0) ? '-' : '';
}

function nonFinite(v: number): string | null {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return null;
}

/** Python's `'{:.{p}f}'.format(v)`. */
function pyFixed(v: number, p: number): string {
  const special = nonFinite(v);
  if (special !== null) return special;
  const digits = scaledRound(v, p).toString().padStart(p + 1, '0');
  const int = digits.slice(0, digits.length - p);
  return signOf(v) + (p > 0 ? `${int}.${digits.slice(digits.length - p)}` : int);
}

/** Python's `'{:.{p}e}'.format(v)`. */
function pyExp(v: number, p: number): string {
  const special = nonFinite(v);
  if (special !== null) return special;
  let exp = 0;
  let digits: bigint;
  if (v === 0) {
    digits = 0n;
  } else {
    // log10 may be off by one either way; the exact rounding below settles it.
    exp = Math.floor(Math.log10(Math.abs(v)));
    const lo = BIG_TEN ** BigInt(p);
    const hi = lo * BIG_TEN;
    for (;;) {
      digits = scaledRound(v, p - exp);
      if (digits >= hi) exp += 1;
      else if (digits < lo) exp -= 1;
      else break;
    }
  }
  const s = digits.toString().padStart(p + 1, '0');
  const mantissa = p > 0 ? `${s[0]}.${s.slice(1)}` : s;
  const expStr = String(Math.abs(exp)).padStart(2, '0');
  return `${signOf(v)}${mantissa}e${exp < 0 ? '-' : '+'}${expStr}`;
}

// ---------------------------------------------------------------- _Formatter

/** `str()` of one element as Python would show it: ints exactly, bools as True/False. */
function plainStr(v: number, dtype: PrintDtype): string {
  if (dtype === 'bool') return v ? 'True' : 'False';
  return Number.isSafeInteger(v) || (Number.isInteger(v) && Math.abs(v) < 2 ** 64) ? BigInt(v).toString() : String(v);
}

/** `_Formatter`: picks int / fixed / scientific mode and a common width from the shown values. */
class Formatter {
  readonly floating: boolean;
  intMode = true;
  sciMode = false;
  maxWidth = 1;

  constructor(
    values: readonly number[],
    readonly dtype: PrintDtype,
    readonly precision: number,
  ) {
    this.floating = dtype === 'float32';
    if (!this.floating) {
      for (const v of values) this.maxWidth = Math.max(this.maxWidth, plainStr(v, dtype).length);
    } else {
      const finite = values.filter((v) => Number.isFinite(v) && v !== 0);
      // PyTorch returns before applying sci_mode here: all-zero / non-finite tensors ignore it.
      if (finite.length === 0) return;
      let min = Infinity;
      let max = 0;
      for (const v of finite) {
        const a = Math.abs(v);
        if (a < min) min = a;
        if (a > max) max = a;
      }
      this.intMode = finite.every((v) => v === Math.ceil(v));
      const wide = max / min > 1000 || max > 1e8;
      if (this.intMode) {
        if (wide) {
          this.sciMode = true;
          for (const v of finite) this.maxWidth = Math.max(this.maxWidth, pyExp(v, precision).length);
        } else {
          // the trailing '.' marks the tensor as floating
          for (const v of finite) this.maxWidth = Math.max(this.maxWidth, pyFixed(v, 0).length + 1);
        }
      } else if (wide || min < 1e-4) {
        this.sciMode = true;
        for (const v of finite) this.maxWidth = Math.max(this.maxWidth, pyExp(v, precision).length);
      } else {
        for (const v of finite) this.maxWidth = Math.max(this.maxWidth, pyFixed(v, precision).length);
      }
    }
    if (PRINT_OPTS.sci_mode !== null) this.sciMode = PRINT_OPTS.sci_mode;
  }

  format(v: number): string {
    let ret: string;
    if (this.floating) {
      if (this.sciMode) ret = pyExp(v, this.precision);
      else if (this.intMode) ret = pyFixed(v, 0) + (Number.isFinite(v) ? '.' : '');
      else ret = pyFixed(v, this.precision);
    } else {
      ret = plainStr(v, this.dtype);
    }
    return ret.padStart(this.maxWidth, ' ');
  }
}

// ---------------------------------------------------------------- _tensor_str

/** The whole tensor; a sub-tensor is (offset, first dim) into it. */
interface View {
  values: readonly number[];
  shape: readonly number[];
  strides: readonly number[];
}

/** Indices shown along a dim of this size; `null` marks the `...`. Python's `x[-0:]` is all of x. */
function shownIndices(size: number, summarize: boolean, edge: number, vector: boolean): (number | null)[] {
  const all = Array.from({ length: size }, (_, i) => i);
  if (!(summarize && size > 2 * edge)) return all;
  const head = all.slice(0, edge);
  const tail = edge === 0 ? (vector ? all : []) : all.slice(size - edge);
  return [...head, null, ...tail];
}

/** `get_summarized_data`, flattened: the values the formatter measures. */
function summarizedValues(view: View, offset: number, dim: number, out: number[]): void {
  const { shape, strides, values } = view;
  if (dim === shape.length) {
    out.push(values[offset]!);
    return;
  }
  const vector = dim === shape.length - 1;
  const idx = shownIndices(shape[dim]!, true, PRINT_OPTS.edgeitems, vector).filter((i) => i !== null);
  // edgeitems 0 leaves nothing to stack above the last dim, which torch.stack refuses
  if (idx.length === 0) throw new Error('stack expects a non-empty TensorList');
  for (const i of idx) summarizedValues(view, offset + i * strides[dim]!, dim + 1, out);
}

function vectorStr(view: View, offset: number, indent: number, summarize: boolean, fmt: Formatter): string {
  const dim = view.shape.length - 1;
  const elementLength = fmt.maxWidth + 2;
  const perLine = Math.max(1, Math.floor((PRINT_OPTS.linewidth - indent) / elementLength));
  const stride = view.strides[dim]!;
  const data = shownIndices(view.shape[dim]!, summarize, PRINT_OPTS.edgeitems, true).map((i) =>
    i === null ? ' ...' : fmt.format(view.values[offset + i * stride]!),
  );
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(', '));
  return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
}

function strWithFormatter(view: View, offset: number, dim: number, indent: number, summarize: boolean, fmt: Formatter): string {
  const ndim = view.shape.length - dim;
  if (ndim === 0) return fmt.format(view.values[offset]!);
  if (ndim === 1) return vectorStr(view, offset, indent, summarize, fmt);
  const stride = view.strides[dim]!;
  const slices = shownIndices(view.shape[dim]!, summarize, PRINT_OPTS.edgeitems, false).map((i) =>
    i === null ? '...' : strWithFormatter(view, offset + i * stride, dim + 1, indent + 1, summarize, fmt),
  );
  return '[' + slices.join(',' + '\n'.repeat(ndim - 1) + ' '.repeat(indent + 1)) + ']';
}

function tensorStr(t: PrintableTensor, values: readonly number[], indent: number): string {
  if (values.length === 0) return '[]';
  const strides: number[] = new Array(t.shape.length);
  let s = 1;
  for (let d = t.shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= t.shape[d]!;
  }
  const view: View = { values, shape: t.shape, strides };
  const summarize = values.length > PRINT_OPTS.threshold;
  let measured: readonly number[] = values;
  if (summarize) {
    const out: number[] = [];
    summarizedValues(view, 0, 0, out);
    measured = out;
  }
  const fmt = new Formatter(measured, t.dtype, PRINT_OPTS.precision);
  return strWithFormatter(view, 0, 0, indent, summarize, fmt);
}

/** `_add_suffixes`: `, suffix` on the last line, or on a new line when it would pass linewidth. */
function addSuffixes(tensorString: string, suffixes: readonly string[], indent: number): string {
  const parts = [tensorString];
  // PyTorch's own arithmetic, off by two when there is no newline: kept for identical output.
  let lastLineLen = tensorString.length - tensorString.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > PRINT_OPTS.linewidth) {
      parts.push(',\n' + ' '.repeat(indent) + suffix);
      lastLineLen = indent + suffix.length;
    } else {
      parts.push(', ' + suffix);
      lastLineLen += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/** Python's `str(tuple(shape))`: `(0, 3)`, `(0,)`, `()`. */
function pyTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

function checkTensor(t: PrintableTensor): number {
  if (t.dtype !== 'float32' && t.dtype !== 'int64' && t.dtype !== 'bool') {
    throw new Error(`formatTensor(): unsupported dtype ${String(t.dtype)}`);
  }
  let numel = 1;
  for (const n of t.shape) {
    if (!(Number.isInteger(n) && n >= 0)) throw new Error(`formatTensor(): invalid shape [${t.shape.join(', ')}]`);
    numel *= n;
  }
  if (t.data.length !== numel) {
    throw new Error(`formatTensor(): shape [${t.shape.join(', ')}] has ${numel} elements but data has ${t.data.length}`);
  }
  return numel;
}

/**
 * What `print(t)` shows for a CPU tensor of the default dtype family, in PyTorch 1.13.
 *
 * @example formatTensor({ dtype: 'float32', shape: [2], data: [1, 2.5] }) // 'tensor([1.0000, 2.5000])'
 */
export function formatTensor(t: PrintableTensor, suffixes: TensorSuffixes = {}): string {
  const numel = checkTensor(t);
  const prefix = 'tensor(';
  const indent = prefix.length;
  const tail: string[] = [];
  let body: string;
  if (numel === 0) {
    // No elements to infer the dtype from, so anything but the default float is spelled out.
    if (t.shape.length !== 1) tail.push('size=' + pyTuple(t.shape));
    if (t.dtype !== 'float32') tail.push('dtype=torch.' + t.dtype);
    body = '[]';
  } else {
    const values = Array.from(t.data, t.dtype === 'float32' ? Math.fround : Number);
    body = tensorStr(t, values, indent);
  }
  if (suffixes.gradFn !== undefined) tail.push(`grad_fn=<${suffixes.gradFn}>`);
  else if (suffixes.requiresGrad) tail.push('requires_grad=True');
  return addSuffixes(prefix + body, tail, indent);
}

/** Python's repr of a float: `1.0`, `0.1`, `1e-05`. */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return v.toFixed(1);
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e16) return String(v);
  const [m, e] = v.toExponential().split('e');
  const exp = Number(e);
  return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Python's repr of a bool. */
export function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

/** `str(torch.Size(shape))`. @example formatSize([120, 4096]) // 'torch.Size([120, 4096])' */
export function formatSize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}

/**
 * A `torch.return_types` named tuple, given each field's own repr.
 *
 * @example formatReturnTypes('max', [['values', 'tensor([0.5776])'], ['indices', 'tensor([2])']])
 * // 'torch.return_types.max(\nvalues=tensor([0.5776]),\nindices=tensor([2]))'
 */
export function formatReturnTypes(name: string, fields: [string, string][]): string {
  return `torch.return_types.${name}(\n${fields.map(([k, v]) => `${k}=${v}`).join(',\n')})`;
}

/** `_addindent`: indent every line but the first. */
function addIndent(s: string, numSpaces: number): string {
  const lines = s.split('\n');
  if (lines.length === 1) return s;
  const first = lines.shift()!;
  return first + '\n' + lines.map((line) => ' '.repeat(numSpaces) + line).join('\n');
}

/**
 * `nn.Module.__repr__` (PyTorch 1.13): the extra repr on one line when there are no children,
 * otherwise one `(name): child` line each, indented by two.
 *
 * @example moduleRepr('Net', '', [['fc', 'Linear(in_features=2, out_features=1, bias=True)']])
 * // 'Net(\n  (fc): Linear(in_features=2, out_features=1, bias=True)\n)'
 */
export function moduleRepr(className: string, extraRepr: string, children: [string, string][]): string {
  const extraLines = extraRepr ? extraRepr.split('\n') : [];
  const childLines = children.map(([key, repr]) => `(${key}): ${addIndent(repr, 2)}`);
  const lines = [...extraLines, ...childLines];
  let main = className + '(';
  if (lines.length > 0) {
    if (extraLines.length === 1 && childLines.length === 0) main += extraLines[0];
    else main += '\n  ' + lines.join('\n  ') + '\n';
  }
  return main + ')';
}

/**
 * A named tuple as PyTorch returns it: `[a, b]` and `.name` access, printed as `torch.return_types.x(...)` (a field that
 * holds several tensors, as histogramdd's bin_edges, prints as Python's tuple).
 */
export function namedTuple<T>(name: string, keys: readonly string[], values: readonly unknown[]): T {
  const out = values.slice();
  keys.forEach((k, i) => Object.defineProperty(out, k, { value: values[i], enumerable: false }));
  const show = (v: unknown) => (Array.isArray(v) ? `(${v.map(String).join(', ')}${v.length === 1 ? ',' : ''})` : String(v));
  const str = () => formatReturnTypes(name, keys.map((k, i) => [k, show(values[i])] as [string, string]));
  Object.defineProperty(out, 'toString', { value: str, enumerable: false });
  Object.defineProperty(out, Symbol.for('nodejs.util.inspect.custom'), { value: str, enumerable: false });
  return out as unknown as T;
}
