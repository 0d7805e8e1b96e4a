// Sorting and selection: sort (the sort_32 kernel), and what is built on it or on a pass over rows
// on the host (topk, kthvalue, median, mode, unique, searchsorted, nonzero, cummax, isin...).
// Values chosen by index get their gradient scattered back through the indices, as PyTorch's.
import { composite } from '../lifetime.js';
import { Tensor, ReturnTypes, fromFlat } from '../tensor.js';
import { DType, float32, int64, bool } from '../dtype.js';
import { K } from '../backend/wasm.js';
import { record, refused, renamed } from '../autograd.js';
import { normDim, fmtShape, scalarName } from './util.js';
import * as E from './elementwise.js';
import * as S from './shape.js';
import * as R from './reduce.js';
import { bind } from '../optim/optimizer.js';
import { argPosition, intArg, nativeAfter } from './kw.js';

type Flat = Float32Array | Int32Array;
const F32_MAX = 3.4028234663852886e38;

/** x (detached) with dim d last (a 0-D x as [1]), and the way back for a tensor of that layout. */
function toLast(x: Tensor, d: number): [Tensor, (t: Tensor) => Tensor] {
  const nd = x._shape.length;
  return [nd ? S.transpose(x.detach(), d, -1) : S.reshape(x.detach(), [1]), (t) => (nd ? S.transpose(t, d, -1).contiguous() : S.reshape(t, []))];
}

/** x (detached) with dim d last, as flat rows of n, and a way to put a row-shaped result back. */
export function rowsOf(x: Tensor, d: number): [Flat, number, (v: ArrayLike<number> | Tensor, dt?: DType, n?: number) => Tensor] {
  const [xt, back] = toLast(x, d);
  const shape = xt._shape;
  const n = shape[shape.length - 1];
  return [xt.dataSync(), n, (v, dt = x.dtype, m = n) => back(v instanceof Tensor ? v : fromFlat(v, shape.slice(0, -1).concat(m), dt))];
}

/** Sorted values and their indices along d as contiguous rows (d last), and the way back (no autograd). */
function sortRows(x: Tensor, d: number, desc: boolean): [Tensor, Tensor, (t: Tensor) => Tensor] {
  const [l, back] = toLast(x, d);
  const xt = l.contiguous();
  const n = xt._shape[xt._shape.length - 1];
  const v = Tensor._empty(xt._shape.slice(), x.dtype);
  const i = Tensor._empty(xt._shape.slice(), int64);
  if (n) {
    const tmp = Tensor._empty([n], int64);
    K.sort_32(v._ptr(), i._ptr(), xt._ptr(), tmp._ptr(), xt.numel() / n, n, desc ? 1 : 0, x.dtype === float32 ? 0 : 1);
    tmp.dispose();
  }
  return [v, i, back];
}

/** Sorted values and their indices along d (no autograd). */
function sortRaw(x: Tensor, d: number, desc: boolean): [Tensor, Tensor] {
  const [v, i, back] = sortRows(x, d, desc);
  return [back(v), back(i)];
}

/** x's values at idx along d; the gradient goes back to those positions. */
export function pick(name: string, x: Tensor, d: number, idx: Tensor): Tensor {
  const x1 = x._shape.length ? x.detach() : S.reshape(x.detach(), [1]);
  const i1 = x._shape.length ? idx : S.reshape(idx, [1]);
  let out = S.gather(x1, d, i1);
  if (!x._shape.length) out = S.reshape(out, []);
  const shape = x._shape.slice();
  return record(name, out, [x], [i1], (g, [i]) => {
    const gx = S.scatter_add(E.filled(shape.length ? shape : [1], float32, 0), d, i, shape.length ? g : S.reshape(g, [1]));
    return [shape.length ? gx : S.reshape(gx, [])];
  });
}

function result(name: string, node: string, x: Tensor, d: number, idx: Tensor, keepdim = true): ReturnTypes {
  let v = pick(node, x, d, idx);
  let i = idx;
  if (!keepdim && x._shape.length) {
    // the squeeze is part of PyTorch's op: the values keep its node's name (KthvalueBackward0, ...)
    v = node ? renamed(node, S.squeeze(v, d)) : S.squeeze(v, d);
    i = S.squeeze(i, d);
  }
  return new ReturnTypes(name, v, i);
}

/**
 * Sorted values and their indices along a dim (NaN last ascending, first descending; ties in
 * input order, so `stable` always holds): `torch.sort(x, -1, { descending: true })`.
 */
function sort_impl(x: Tensor, ...args: SortArgs): ReturnTypes {
  const o = bind('sort', ['dim', 'descending'], ['stable'], { dim: -1, descending: false, stable: null }, args);
  const d = normDim(o.dim, x._shape.length);
  const [, i] = sortRaw(x, d, o.descending);
  return result('sort', o.stable == null ? 'SortBackward0' : 'SortBackward1', x, d, i);
}
export interface SortOpts { dim?: number; descending?: boolean; stable?: boolean | null }
/** sort/argsort's `(dim, descending)` by position or in the options (stable is keyword-only, as PyTorch 1.13). */
export type SortArgs = [dim?: number | SortOpts, descending?: boolean | SortOpts, opts?: SortOpts];

/** The indices that sort x along a dim: `torch.argsort(x, 1, { descending: true })`. */
function argsort_impl(x: Tensor, ...args: SortArgs): Tensor {
  const o = bind('argsort', ['dim', 'descending'], ['stable'], { dim: -1, descending: false, stable: null }, args);
  return sortRaw(x, normDim(o.dim, x._shape.length), o.descending)[1];
}

/** x sorted along its first dim (`torch.msort`). */
function msort_impl(x: Tensor): Tensor {
  return sort(x, 0).values;
}

export interface TopkOpts { k?: number; dim?: number; largest?: boolean; sorted?: boolean; /** NumPy's name for dim. */ axis?: number }
export type TopkArgs = [dim?: number | TopkOpts, largest?: boolean | TopkOpts, sorted?: boolean | TopkOpts, opts?: TopkOpts];
/**
 * The k largest (or smallest) values along a dim and their indices: `torch.topk(x, 3, 0, false)` =
 * `torch.topk(x, 3, { dim: 0, largest: false })` = `torch.topk(x, { k: 3, dim: 0, largest: false })`.
 */
function topk_impl(x: Tensor, ...args: [k: number | TopkOpts, ...rest: TopkArgs]): ReturnTypes {
  const opts = nativeAfter('topk', 1, ['k', 'dim', 'largest', 'sorted'], { dim: -1, largest: true, sorted: true }, args);
  const k = opts.k as number;
  const d = normDim(opts.dim, x._shape.length);
  const n = x._shape.length ? x._shape[d] : 1;
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError('selected index k out of range');
  const i = sortRaw(x, d, opts.largest)[1];
  return result('topk', 'TopkBackward0', x, d, x._shape.length ? S.narrow(i, d, 0, k).contiguous() : i);
}

/** The kernel's modes of select_sorted_32: which position of each ascending sorted row to pick. */
const enum Pick { Kth = 0, Median = 1, NanMedian = 2, Mode = 3 }

/** Picks, in each row of a sort along d (ascending), the position `pick` names (k for Kth). */
function selectSorted(name: string, node: string, x: Tensor, d: number, keepdim: boolean, pick: Pick, k = 0): ReturnTypes {
  if (x._shape.length && x._shape[d] === 0) throw new RangeError(`${name}(): Expected reduction dim ${d} to have non-zero size.`);
  const [sv, si, back] = sortRows(x, d, false);
  const n = sv._shape[sv._shape.length - 1];
  const out = Tensor._empty(sv._shape.slice(0, -1).concat(1), int64);
  const rows = out.numel();
  if (rows) K.select_sorted_32(out._ptr(), sv._ptr(), si._ptr(), rows, n, pick, k, x.dtype === float32 ? 0 : 1);
  // the indices laid out as a new tensor of their shape, as ATen allocates them (back's view has the size-1 dim's
  // stride 1: x.kthvalue(1, 0, true) had strides [1, 1] where PyTorch's are [3, 1])
  const b = back(out);
  return result(name, node, x, d, b === out ? out : S.reshape(b, b._shape), keepdim);
}

/** kthvalue's options object, k included (`torch.kthvalue(x, { k: 2, dim: 0 })`). */
export interface KthKw extends R.DimKeep { k: number }
/** The k-th smallest value along a dim and its index: `torch.kthvalue(x, 2, 0)`, `torch.kthvalue(x, { k: 2 })`. */
function kthvalue_impl(x: Tensor, ...args: [k: number, ...rest: R.DimArgs<number, R.DimKeep>] | [kw: KthKw]): ReturnTypes {
  const opts = nativeAfter('kthvalue', 1, ['k', 'dim', 'keepdim'], { dim: -1, keepdim: false }, args);
  const k = intArg('kthvalue', 'k', argPosition(args, 0, 1), opts.k);
  const d = normDim(opts.dim, x._shape.length);
  const n = x._shape.length ? x._shape[d] : 1;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`kthvalue(): selected number k out of range for dimension ${d}`);
  return selectSorted('kthvalue', 'KthvalueBackward0', x, d, opts.keepdim, Pick.Kth, k - 1);
}

function medianImpl(name: 'median' | 'nanmedian', x: Tensor, dim?: number | null, keepdim = false): Tensor | ReturnTypes {
  const node = name === 'median' ? 'Median' : 'Nanmedian';
  // the lower median; median's is the first NaN when there is one (NaN sort last), nanmedian's ignores them
  const pick = name === 'median' ? Pick.Median : Pick.NanMedian;
  if (dim != null) return selectSorted(name, `${node}Backward1`, x, normDim(dim, x._shape.length), keepdim, pick);
  if (x.numel() === 0) return E.filled([], x.dtype, NaN);
  const flat = S.reshape(x.detach(), [-1]);
  const v = selectSorted(name, '', flat, 0, false, pick).values;
  return record(`${node}Backward0`, v, [x], [x, v], (g, [sx, y]) => {
    // evenly among the elements equal to the median (NaN: among the NaNs), as PyTorch
    const mask = E.cast(y.isnan().item() ? E.isnan(sx) : E.eq(sx, y), float32);
    return [E.mul(mask, E.div(g, R.sum(mask)))];
  });
}

/**
 * The lower median of all elements (NaN if there is one), or along a dim with its index:
 * `torch.median(x)`, `torch.median(x, 1, { keepdim: true })`.
 */
function median_impl(x: Tensor): Tensor;
function median_impl(x: Tensor, ...args: R.DimArgs<number, R.DimKeep>): ReturnTypes;
function median_impl(x: Tensor, ...args: unknown[]): Tensor | ReturnTypes {
  const o = bind('median', ['dim', 'keepdim'], [], { dim: null, keepdim: false }, args);
  if (x.dtype === bool) throw new TypeError(`"${o.dim == null ? 'median_cpu' : 'median_out'}" not implemented for 'Bool'`);
  return medianImpl('median', x, o.dim, o.keepdim);
}

/** median ignoring NaN: `torch.nanmedian(x)`, `torch.nanmedian(x, 0)`. */
function nanmedian_impl(x: Tensor): Tensor;
function nanmedian_impl(x: Tensor, ...args: R.DimArgs<number, R.DimKeep>): ReturnTypes;
function nanmedian_impl(x: Tensor, ...args: unknown[]): Tensor | ReturnTypes {
  const o = bind('nanmedian', ['dim', 'keepdim'], [], { dim: null, keepdim: false }, args);
  if (x.dtype === bool) throw new TypeError(`"${o.dim == null ? 'median_cpu' : 'median_out'}" not implemented for 'Bool'`);
  return medianImpl('nanmedian', x, o.dim, o.keepdim);
}

/** The most frequent value along a dim (the smallest of equally frequent ones) and its last index: `torch.mode(x, 0)`. */
function mode_impl(x: Tensor, ...args: R.DimArgs<number, R.DimKeep>): ReturnTypes {
  const o = bind('mode', ['dim', 'keepdim'], [], { dim: -1, keepdim: false }, args);
  // the last of the longest run of equal values in the sorted row (the smallest such value)
  return selectSorted('mode', 'ModeBackward0', x, normDim(o.dim, x._shape.length), o.keepdim, Pick.Mode);
}

export interface UniqueOpts { sorted?: boolean; return_inverse?: boolean; return_counts?: boolean; dim?: number | null }

/**
 * Groups of equal neighbours among the slices of x along dim (its elements when dim is null), taken in
 * input order or sorted (lexicographically, as PyTorch's unique_dim): values, inverse, counts.
 */
function groups(x: Tensor, opts: UniqueOpts, sorted: boolean): Tensor | Tensor[] {
  const nd = x._shape.length;
  const d = opts.dim == null ? null : normDim(opts.dim, nd);
  if (d == null) return elementGroups(x, opts, sorted);
  const src = S.permute(x.detach(), [d, ...x._shape.keys()].filter((k, i) => !i || k !== d));
  const n = src._shape[0];
  const v = src.dataSync();
  const m = n ? v.length / n : 0;
  const cmp = (a: number, b: number) => {
    for (let k = 0; k < m; k++) if (v[a * m + k] !== v[b * m + k]) return v[a * m + k] < v[b * m + k] ? -1 : 1;
    return 0;
  };
  // slices sort lexicographically on the host (the comparator is not a total order once NaN is in)
  const perm = sorted ? [...Array(n).keys()].sort(cmp) : [...Array(n).keys()];
  const firsts: number[] = [];
  const counts: number[] = [];
  const inverse = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    if (!j || cmp(perm[j], perm[j - 1])) { firsts.push(perm[j]); counts.push(0); }
    counts[counts.length - 1]++;
    inverse[perm[j]] = firsts.length - 1;
  }
  const res = [S.index_select(x.detach(), d, fromFlat(firsts, [firsts.length], int64))];
  if (opts.return_inverse) res.push(fromFlat(inverse, [n], int64));
  if (opts.return_counts) res.push(fromFlat(counts, [counts.length], int64));
  return res.length === 1 ? res[0] : res;
}

/** groups() over the elements: sort_32, then unique_count_32 / unique_fill_32 (each NaN its own group, -0 with 0). */
function elementGroups(x: Tensor, opts: UniqueOpts, sorted: boolean): Tensor | Tensor[] {
  const src = S.reshape(x.detach(), [-1]);
  const n = src._shape[0];
  const isInt = x.dtype === float32 ? 0 : 1;
  const [v, perm] = sorted ? sortRaw(src, 0, false) : [src.contiguous(), null];
  const g = n ? K.unique_count_32(v._ptr(), n, isInt) : 0;
  const firsts = Tensor._empty([g], int64);
  const inverse = opts.return_inverse ? Tensor._empty(x._shape.slice(), int64) : null;
  const counts = opts.return_counts ? Tensor._empty([g], int64) : null;
  if (n) K.unique_fill_32(firsts._ptr(), counts ? counts._ptr() : 0, inverse ? inverse._ptr() : 0, v._ptr(), perm ? perm._ptr() : 0, n, isInt);
  const res = [S.index_select(src, 0, firsts)];
  if (inverse) res.push(inverse);
  if (counts) res.push(counts);
  return res.length === 1 ? res[0] : res;
}

/**
 * The unique elements (or slices along `dim`), sorted, with optional inverse indices and counts:
 * `const [u, inv, counts] = torch.unique(x, { return_inverse: true, return_counts: true, dim: 0 })`.
 * Each NaN element counts as its own value and sorts last.
 */
function unique_impl(x: Tensor, opts: UniqueOpts = {}): Tensor | Tensor[] {
  const r = groups(x, opts, true);
  return opts.dim == null
    ? refuseValues(r, x, 'Unique2Backward0', "the derivative for '_unique2' is not implemented.")
    : refuseValues(r, x, 'UniqueDimBackward0', "the derivative for 'unique_dim' is not implemented.");
}

/** PyTorch 1.13 records a node on unique's values whose backward raises (their gradient is not implemented). */
function refuseValues(r: Tensor | Tensor[], x: Tensor, name: string, message: string): Tensor | Tensor[] {
  if (!Array.isArray(r)) return refused(name, message, r, [x]);
  r[0] = refused(name, message, r[0], [x]);
  return r;
}

/** Drops consecutive repeats (of the flattened input, or of slices along `dim`): `torch.unique_consecutive(x, { return_counts: true })`. */
function unique_consecutive_impl(x: Tensor, opts: UniqueOpts = {}): Tensor | Tensor[] {
  return refuseValues(groups(x, opts, false), x, 'UniqueConsecutiveBackward0',
    "the derivative for 'unique_consecutive' is not implemented.");
}

/**
 * Where values would be inserted into the sorted last dim of `sorted_sequence` to keep it sorted
 * (`side: 'right'` / `right: true` for after equal values): `torch.searchsorted(seq, values)`.
 */
function searchsorted_impl(seq: Tensor, values: Tensor | number, opts: { right?: boolean; side?: 'left' | 'right'; out_int32?: boolean; sorter?: Tensor } = {}): Tensor {
  const scalar = !(values instanceof Tensor);
  // a number an int64 word cannot hold (a fraction, or past 2^31) is searched as a float (the kernel compares mixed dtypes)
  const asInt = (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
  const v = values instanceof Tensor ? values : fromFlat([values], [], seq.dtype === int64 && !asInt(values) ? float32 : seq.dtype);
  if (opts.side && opts.right === true && opts.side === 'left') {
    throw new Error("torch.searchsorted(): side and right can't be set to opposites, got side of left while right was True");
  }
  const right = opts.side === 'right' || !!opts.right;
  const sd = seq._shape;
  if (sd.length > 1 && (scalar || v._shape.length !== sd.length || sd.slice(0, -1).some((s, i) => s !== v._shape[i]))) {
    throw new RangeError(`torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor ${fmtShape(sd)} and input value tensor ${fmtShape(v._shape)}`);
  }
  const s = (opts.sorter ? S.gather(seq.detach(), -1, opts.sorter) : seq).contiguous();
  const vc = v.contiguous();
  const n = sd[sd.length - 1] ?? 1;
  const nv = vc.numel();
  // one row of boundaries for all values, or one per row of values
  const per = sd.length > 1 ? v._shape[v._shape.length - 1] : nv;
  const out = Tensor._empty(v._shape.slice(), int64);
  if (nv) {
    K.searchsorted_32(out._ptr(), s._ptr(), vc._ptr(), nv / per, per, n, sd.length > 1 ? n : 0, right ? 1 : 0,
      s.dtype === float32 ? 0 : 1, vc.dtype === float32 ? 0 : 1);
  }
  return out;
}

/** The bucket of each input element among 1-D `boundaries`: `torch.bucketize(x, boundaries, { right: true })`. */
export function bucketize(x: Tensor | number, boundaries: Tensor, opts: { right?: boolean; out_int32?: boolean } = {}): Tensor {
  if (boundaries._shape.length !== 1) throw new RangeError(`boundaries tensor must be 1 dimension, but got dim(${boundaries._shape.length})`);
  return searchsorted(boundaries, x, { right: opts.right });
}

/** Indices of the non-zero elements, one row each (`as_tuple`: one index tensor per dim). */
export function nonzero(x: Tensor, opts: { as_tuple?: boolean } = {}): Tensor | Tensor[] {
  const t = S.nonzeroCoords(x, false);
  if (!opts.as_tuple) return t;
  const cnt = t._shape[0];
  return x._shape.length ? S.unbind(t, 1).map((c) => c.contiguous()) : [fromFlat(new Int32Array(cnt), [cnt], int64)];
}

/** `torch.argwhere(x)`: nonzero's index rows. */
export function argwhere(x: Tensor): Tensor {
  return nonzero(x) as Tensor;
}

/** Number of non-zero elements, overall or along dims. */
function count_nonzero_impl(x: Tensor, dim?: number | number[] | null): Tensor {
  return R.sum(E.ne(x, 0), dim ?? null);
}

function cumext(name: 'cummax' | 'cummin', x: Tensor, dim: number): ReturnTypes {
  const d = normDim(dim, x._shape.length);
  const [l, back] = toLast(x, d);
  const xt = l.contiguous();
  const n = xt._shape[xt._shape.length - 1];
  const idx = Tensor._empty(xt._shape.slice(), int64);
  const max = name === 'cummax';
  // PyTorch's rule: NaN sticks, and a tie moves the index forward
  if (idx.numel()) K.cumext_32(idx._ptr(), xt._ptr(), idx.numel() / n, n, max ? 1 : 0, x.dtype === float32 ? 0 : 1);
  return result(name, max ? 'CummaxBackward0' : 'CumminBackward0', x, d, back(idx));
}

/** Running maximum along a dim, with the index of each: `torch.cummax(x, 0)`. */
const cummax_impl = (x: Tensor, dim: number) => cumext('cummax', x, dim);
/** Running minimum along a dim, with the index of each. */
const cummin_impl = (x: Tensor, dim: number) => cumext('cummin', x, dim);

/** log(cumsum(exp(x))) along a dim, computed stably: `torch.logcumsumexp(x, 0)`. */
function logcumsumexp_impl(x: Tensor, dim: number): Tensor {
  if (x.dtype !== float32) throw new TypeError(`"logcumsumexp_out_cpu" not implemented for '${scalarName(x.dtype)}'`);
  const d = normDim(dim, x._shape.length);
  const [v, n, back] = rowsOf(x, d);
  const o = new Float32Array(v.length);
  for (let s = 0; s < v.length; s += n) {
    let acc = -Infinity;
    for (let j = 0; j < n; j++) {
      const y = v[s + j];
      const m = Math.max(acc, y);
      acc = m === -Infinity ? -Infinity : m + Math.log(Math.exp(acc - m) + Math.exp(y - m));
      o[s + j] = acc;
    }
  }
  const out = back(o, float32);
  return record('LogcumsumexpBackward0', out, [x], [x, out], (g, [sx, y]) => {
    // PyTorch's stable form: exp(revlogcumsumexp(log ±g - y) + x) for the positive and negative parts of g
    if (!g._shape.length) return [g];
    const la = E.log(E.abs(g));
    const part = (m: Tensor) => E.exp(E.add(S.flip(logcumsumexp(S.flip(E.sub(E.where(m, la, -F32_MAX), y), [d]), d), [d]), sx));
    return [E.sub(part(E.gt(g, 0)), part(E.lt(g, 0)))];
  });
}

/** Whether each element of `elements` is in `test_elements` (`invert` for not): `torch.isin(x, t)`. */
function isin_impl(elements: Tensor | number, test: Tensor | number, opts: { assume_unique?: boolean; invert?: boolean } = {}): Tensor {
  const e = elements instanceof Tensor ? elements : fromFlat([elements], [], float32);
  const invert = !!opts.invert;
  // a number test value: held exactly by a float32 or int64 tensor, or equal to no element (NaN included)
  let t: Tensor | null = null;
  if (test instanceof Tensor) t = test;
  else if (Math.fround(test) === test) t = fromFlat([test], [1], float32);
  else if (Number.isInteger(test) && test >= -2147483648 && test <= 2147483647) t = fromFlat([test], [1], int64);
  const ne = e.numel();
  if (!t || !t.numel() || !ne) return E.filled(e._shape.slice(), bool, invert ? 1 : 0);
  // the test values sorted (NaN last, matching nothing), then a binary search per element, by value
  const sorted = sortRaw(S.reshape(t.detach(), [-1]), 0, false)[0];
  const ec = e.contiguous();
  const out = Tensor._empty(e._shape.slice(), bool);
  K.isin_32(out._ptr(), ec._ptr(), ne, sorted._ptr(), sorted.numel(), invert ? 1 : 0, e.dtype === float32 ? 0 : 1, t.dtype === float32 ? 0 : 1);
  return out;
}

// Composites run in a scope of their own: their temporaries are released when they return, not left
// to the garbage collector (lifetime.ts `composite`).
export const count_nonzero = /*#__PURE__*/ composite(count_nonzero_impl, 'count_nonzero');
export const isin = /*#__PURE__*/ composite(isin_impl, 'isin');
export const searchsorted = /*#__PURE__*/ composite(searchsorted_impl, 'searchsorted');
export const logcumsumexp = /*#__PURE__*/ composite(logcumsumexp_impl, 'logcumsumexp');
export const cummax = /*#__PURE__*/ composite(cummax_impl, 'cummax');
export const cummin = /*#__PURE__*/ composite(cummin_impl, 'cummin');
export const median = /*#__PURE__*/ composite(median_impl, 'median');
export const nanmedian = /*#__PURE__*/ composite(nanmedian_impl, 'nanmedian');
export const mode = /*#__PURE__*/ composite(mode_impl, 'mode');
export const kthvalue = /*#__PURE__*/ composite(kthvalue_impl, 'kthvalue');
export const topk = /*#__PURE__*/ composite(topk_impl, 'topk');
export const sort = /*#__PURE__*/ composite(sort_impl, 'sort');
export const argsort = /*#__PURE__*/ composite(argsort_impl, 'argsort');
export const msort = /*#__PURE__*/ composite(msort_impl, 'msort');
export const unique = /*#__PURE__*/ composite(unique_impl, 'unique');
export const unique_consecutive = /*#__PURE__*/ composite(unique_consecutive_impl, 'unique_consecutive');
