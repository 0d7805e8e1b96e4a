// A plain float64 reference for the fuzz tests: strided N-d arrays (shape, strides, offset over
// a Float64Array) with PyTorch's semantics, written for clarity and not speed. Every op returns
// a new array or a view, exactly as the torch op it mirrors.

export interface Arr {
  shape: number[];
  strides: number[];
  offset: number;
  data: Float64Array;
}

export const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function contiguousStrides(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    st[d] = s;
    s *= shape[d];
  }
  return st;
}

export function fromFlat(values: ArrayLike<number>, shape: readonly number[]): Arr {
  if (values.length !== numel(shape)) throw new Error(`reference: ${values.length} values for shape [${shape}]`);
  return { shape: shape.slice(), strides: contiguousStrides(shape), offset: 0, data: Float64Array.from(values) };
}

export function scalar(v: number): Arr {
  return fromFlat([v], []);
}

/** Every multi-index of a shape, row-major. */
export function* indices(shape: readonly number[]): Generator<number[]> {
  if (shape.some((s) => s === 0)) return;
  const idx = new Array<number>(shape.length).fill(0);
  for (;;) {
    yield idx.slice();
    let d = shape.length - 1;
    while (d >= 0) {
      idx[d]++;
      if (idx[d] < shape[d]) break;
      idx[d] = 0;
      d--;
    }
    if (d < 0) return;
  }
}

export function at(a: Arr, idx: readonly number[]): number {
  let p = a.offset;
  for (let d = 0; d < idx.length; d++) p += idx[d] * a.strides[d];
  return a.data[p];
}

/** The values in row-major order. */
export function toFlat(a: Arr): Float64Array {
  const out = new Float64Array(numel(a.shape));
  let i = 0;
  for (const idx of indices(a.shape)) out[i++] = at(a, idx);
  return out;
}

export function contiguous(a: Arr): Arr {
  return fromFlat(toFlat(a), a.shape);
}

function normDim(d: number, n: number): number {
  const m = n === 0 ? 1 : n;
  if (!Number.isInteger(d) || d < -m || d >= m) throw new Error(`reference: dim ${d} out of range for ${n} dims`);
  return d < 0 ? d + m : d;
}

// ---------------------------------------------------------------- views

export function transpose(a: Arr, d0: number, d1: number): Arr {
  const n = a.shape.length;
  const x = normDim(d0, n);
  const y = normDim(d1, n);
  const shape = a.shape.slice();
  const strides = a.strides.slice();
  [shape[x], shape[y]] = [shape[y], shape[x]];
  [strides[x], strides[y]] = [strides[y], strides[x]];
  return { ...a, shape, strides };
}

export function permute(a: Arr, dims: readonly number[]): Arr {
  return { ...a, shape: dims.map((d) => a.shape[d]), strides: dims.map((d) => a.strides[d]) };
}

/** Python's `a[..., start:stop:step, ...]` on one dim (step > 0). */
export function slice(a: Arr, dim: number, start: number | null, stop: number | null, step = 1): Arr {
  const d = normDim(dim, a.shape.length);
  const size = a.shape[d];
  let s = start ?? 0;
  let e = stop ?? size;
  if (s < 0) s += size;
  if (e < 0) e += size;
  s = Math.min(Math.max(s, 0), size);
  e = Math.min(Math.max(e, s), size);
  const shape = a.shape.slice();
  const strides = a.strides.slice();
  shape[d] = Math.ceil((e - s) / step);
  strides[d] *= step;
  return { ...a, shape, strides, offset: a.offset + s * a.strides[d] };
}

export function narrow(a: Arr, dim: number, start: number, length: number): Arr {
  return slice(a, dim, start, start + length, 1);
}

export function select(a: Arr, dim: number, index: number): Arr {
  const d = normDim(dim, a.shape.length);
  const i = index < 0 ? index + a.shape[d] : index;
  const shape = a.shape.slice();
  const strides = a.strides.slice();
  shape.splice(d, 1);
  strides.splice(d, 1);
  return { ...a, shape, strides, offset: a.offset + i * a.strides[d] };
}

export function unsqueeze(a: Arr, dim: number): Arr {
  const d = normDim(dim, a.shape.length + 1);
  const shape = a.shape.slice();
  const strides = a.strides.slice();
  shape.splice(d, 0, 1);
  strides.splice(d, 0, 1);
  return { ...a, shape, strides };
}

export function expand(a: Arr, sizes: readonly number[]): Arr {
  const lead = sizes.length - a.shape.length;
  const shape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < sizes.length; i++) {
    const src = i - lead;
    if (src < 0) {
      shape.push(sizes[i]);
      strides.push(0);
    } else if (sizes[i] === -1 || sizes[i] === a.shape[src]) {
      shape.push(a.shape[src]);
      strides.push(a.strides[src]);
    } else if (a.shape[src] === 1) {
      shape.push(sizes[i]);
      strides.push(0);
    } else throw new Error(`reference: cannot expand [${a.shape}] to [${sizes}]`);
  }
  return { ...a, shape, strides };
}

export function reshape(a: Arr, shape: readonly number[]): Arr {
  return fromFlat(toFlat(a), shape);
}

// ---------------------------------------------------------------- elementwise

export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new Error(`reference: [${a}] and [${b}] do not broadcast`);
    out.push(x === 1 ? y : x);
  }
  return out;
}

export function map(a: Arr, f: (x: number) => number): Arr {
  return fromFlat(toFlat(a).map(f), a.shape);
}

export function zip(a: Arr, b: Arr, f: (x: number, y: number) => number): Arr {
  const shape = broadcastShapes(a.shape, b.shape);
  const ea = expand(a, shape);
  const eb = expand(b, shape);
  const out = new Float64Array(numel(shape));
  let i = 0;
  for (const idx of indices(shape)) out[i++] = f(at(ea, idx), at(eb, idx));
  return fromFlat(out, shape);
}

export function where(c: Arr, a: Arr, b: Arr): Arr {
  const shape = broadcastShapes(broadcastShapes(c.shape, a.shape), b.shape);
  const [ec, ea, eb] = [expand(c, shape), expand(a, shape), expand(b, shape)];
  const out = new Float64Array(numel(shape));
  let i = 0;
  for (const idx of indices(shape)) out[i++] = at(ec, idx) !== 0 ? at(ea, idx) : at(eb, idx);
  return fromFlat(out, shape);
}

/** erf to ~1e-15 (Abramowitz-Stegun is too coarse for a reference): series near 0, continued fraction beyond. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax > 6) return Math.sign(x);
  if (ax < 2.5) {
    // erf x = 2/√π Σ (-1)^n x^(2n+1) / (n! (2n+1))
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 100; n++) {
      term *= -ax * ax / n;
      const t = term / (2 * n + 1);
      sum += t;
      if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
    }
    return Math.sign(x) * sum * 2 / Math.sqrt(Math.PI);
  }
  // erfc x = exp(-x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
  let f = 0;
  for (let n = 60; n >= 1; n--) f = (n / 2) / (ax + f);
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
  return Math.sign(x) * (1 - erfc);
}

export const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
export const softplus = (x: number): number => (x > 20 ? x : Math.log1p(Math.exp(x)));

/** PyTorch's pow for float tensors (Math.pow differs only at 1 ** NaN and (-1) ** ±Inf). */
export function pow(a: number, b: number): number {
  if (a === 1 || b === 0) return 1;
  if (a === -1 && !Number.isFinite(b) && !Number.isNaN(b)) return 1;
  return Math.pow(a, b);
}

/** torch.round: half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// ---------------------------------------------------------------- reductions

function normDims(dims: number | readonly number[] | null | undefined, n: number): number[] {
  if (dims === null || dims === undefined) return Array.from({ length: n }, (_, i) => i);
  const list = typeof dims === 'number' ? [dims] : [...dims];
  if (list.length === 0) return Array.from({ length: n }, (_, i) => i);
  return list.map((d) => normDim(d, n)).sort((x, y) => x - y);
}

/**
 * Applies f to the values along `dims` (row-major order among the reduced dims) for every
 * position of the kept dims. The result has the kept dims (and size-1 reduced dims with keepdim).
 */
export function reduce(a: Arr, dims: number | readonly number[] | null | undefined, keepdim: boolean,
  f: (values: number[]) => number): Arr {
  const ds = a.shape.length === 0 ? [] : normDims(dims, a.shape.length);
  const kept = a.shape.map((_, d) => d).filter((d) => !ds.includes(d));
  const keptShape = kept.map((d) => a.shape[d]);
  const redShape = ds.map((d) => a.shape[d]);
  const out: number[] = [];
  const keptIdx = keptShape.length === 0 ? [[]] : [...indices(keptShape)];
  for (const ki of keptIdx) {
    const vals: number[] = [];
    const full = new Array<number>(a.shape.length).fill(0);
    kept.forEach((d, i) => { full[d] = ki[i]; });
    const redIdx = redShape.length === 0 ? [[]] : [...indices(redShape)];
    for (const ri of redIdx) {
      ds.forEach((d, i) => { full[d] = ri[i]; });
      vals.push(at(a, full));
    }
    out.push(f(vals));
  }
  const shape = keepdim ? a.shape.map((s, d) => (ds.includes(d) ? 1 : s)) : keptShape;
  return fromFlat(out, shape);
}

export const sumOf = (v: number[]): number => v.reduce((x, y) => x + y, 0);
export const prodOf = (v: number[]): number => v.reduce((x, y) => x * y, 1);
/** max and min with NaN propagating, as torch.amax / torch.amin. */
export function maxOfNaN(v: number[]): number {
  return v.some(Number.isNaN) ? NaN : Math.max(...v);
}
export function minOfNaN(v: number[]): number {
  return v.some(Number.isNaN) ? NaN : Math.min(...v);
}
/** Index of the first maximum (a NaN counts as the maximum), as torch.argmax. */
export function argmaxOf(v: number[]): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) {
    if (Number.isNaN(v[best])) break;
    if (Number.isNaN(v[i]) || v[i] > v[best]) best = i;
  }
  return best;
}
export function argminOf(v: number[]): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) {
    if (Number.isNaN(v[best])) break;
    if (Number.isNaN(v[i]) || v[i] < v[best]) best = i;
  }
  return best;
}
export function varOf(v: number[], correction: number): number {
  const m = sumOf(v) / v.length;
  return sumOf(v.map((x) => (x - m) * (x - m))) / Math.max(0, v.length - correction);
}
/** torch.logsumexp: an infinite maximum is replaced by 0 before subtracting, so ±inf come out as PyTorch's. */
export function logsumexpOf(v: number[]): number {
  const m0 = maxOfNaN(v);
  const m = Number.isFinite(m0) || Number.isNaN(m0) ? m0 : 0;
  return Math.log(sumOf(v.map((x) => Math.exp(x - m)))) + m;
}

export const sum = (a: Arr, dims?: number | number[] | null, keepdim = false) => reduce(a, dims, keepdim, sumOf);
export const mean = (a: Arr, dims?: number | number[] | null, keepdim = false) =>
  reduce(a, dims, keepdim, (v) => sumOf(v) / v.length);
export const prod = (a: Arr, dims?: number | null, keepdim = false) => reduce(a, dims, keepdim, prodOf);
export const amax = (a: Arr, dims?: number | number[] | null, keepdim = false) => reduce(a, dims, keepdim, maxOfNaN);
export const amin = (a: Arr, dims?: number | number[] | null, keepdim = false) => reduce(a, dims, keepdim, minOfNaN);
export const argmax = (a: Arr, dim: number, keepdim = false) => reduce(a, dim, keepdim, argmaxOf);
export const argmin = (a: Arr, dim: number, keepdim = false) => reduce(a, dim, keepdim, argminOf);
export const var_ = (a: Arr, dims: number | number[] | null | undefined, correction = 1, keepdim = false) =>
  reduce(a, dims, keepdim, (v) => varOf(v, correction));
export const std = (a: Arr, dims: number | number[] | null | undefined, correction = 1, keepdim = false) =>
  reduce(a, dims, keepdim, (v) => Math.sqrt(varOf(v, correction)));
export const logsumexp = (a: Arr, dims: number | number[], keepdim = false) => reduce(a, dims, keepdim, logsumexpOf);

/** Applies f to every 1-d lane along dim; f returns a lane of the same length. */
export function alongDim(a: Arr, dim: number, f: (lane: number[]) => number[]): Arr {
  if (a.shape.length === 0) return fromFlat(f([a.data[a.offset]]), []);
  const d = normDim(dim, a.shape.length);
  const out = contiguous(a);
  const n = a.shape[d];
  const outerShape = a.shape.filter((_, i) => i !== d);
  const outer = outerShape.length === 0 ? [[]] : [...indices(outerShape)];
  for (const oi of outer) {
    const full = [...oi.slice(0, d), 0, ...oi.slice(d)];
    const lane: number[] = [];
    for (let k = 0; k < n; k++) {
      full[d] = k;
      lane.push(at(a, full));
    }
    const r = f(lane);
    for (let k = 0; k < n; k++) {
      full[d] = k;
      out.data[full.reduce((p, x, i) => p + x * out.strides[i], 0)] = r[k];
    }
  }
  return out;
}

export const cumsum = (a: Arr, dim: number) => alongDim(a, dim, (v) => {
  let s = 0;
  return v.map((x) => (s += x));
});
export const cumprod = (a: Arr, dim: number) => alongDim(a, dim, (v) => {
  let s = 1;
  return v.map((x) => (s *= x));
});
export const softmax = (a: Arr, dim: number) => alongDim(a, dim, (v) => {
  const m = Math.max(...v);
  const e = v.map((x) => Math.exp(x - m));
  const s = sumOf(e);
  return e.map((x) => x / s);
});
/** As PyTorch computes it: t = x - max, then t - log Σ exp t (so an infinite max gives NaN everywhere). */
export const log_softmax = (a: Arr, dim: number) => alongDim(a, dim, (v) => {
  const m = maxOfNaN(v);
  const t = v.map((x) => x - m);
  const l = Math.log(sumOf(t.map(Math.exp)));
  return t.map((x) => x - l);
});

// ---------------------------------------------------------------- matmul

/** 2-D product of (M,K) and (K,N). */
function mm2(a: Arr, b: Arr): Arr {
  const [M, K] = a.shape;
  const N = b.shape[1];
  if (b.shape[0] !== K) throw new Error(`reference: mm [${a.shape}] x [${b.shape}]`);
  const out = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += at(a, [i, k]) * at(b, [k, j]);
      out[i * N + j] = s;
    }
  }
  return fromFlat(out, [M, N]);
}

/** torch.matmul: 1-D operands get a dim prepended/appended (then removed), batch dims broadcast. */
export function matmul(a: Arr, b: Arr): Arr {
  const da = a.shape.length;
  const db = b.shape.length;
  if (da === 0 || db === 0) throw new Error('reference: matmul needs at least 1-D operands');
  if (da === 1 && db === 1) return fromFlat([sumOf(Array.from(toFlat(zip(a, b, (x, y) => x * y))))], []);
  const a2 = da === 1 ? unsqueeze(a, 0) : a;
  const b2 = db === 1 ? unsqueeze(b, 1) : b;
  const batch = broadcastShapes(a2.shape.slice(0, -2), b2.shape.slice(0, -2));
  const M = a2.shape[a2.shape.length - 2];
  const N = b2.shape[b2.shape.length - 1];
  const ea = expand(a2, [...batch, M, a2.shape[a2.shape.length - 1]]);
  const eb = expand(b2, [...batch, b2.shape[b2.shape.length - 2], N]);
  const out: number[] = [];
  const bIdx = batch.length === 0 ? [[]] : [...indices(batch)];
  for (const bi of bIdx) {
    let x = ea;
    let y = eb;
    for (const i of bi) {
      x = select(x, 0, i);
      y = select(y, 0, i);
    }
    out.push(...toFlat(mm2(x, y)));
  }
  let shape = [...batch, M, N];
  let r = fromFlat(out, shape);
  if (da === 1) {
    shape = [...batch, N];
    r = reshape(r, shape);
  }
  if (db === 1) r = reshape(r, r.shape.slice(0, -1));
  return r;
}

// ---------------------------------------------------------------- data movement

export function cat(arrs: readonly Arr[], dim: number): Arr {
  const parts = arrs.filter((p) => !(p.shape.length === 1 && p.shape[0] === 0));
  if (parts.length === 0) return contiguous(arrs[0]);
  const d = normDim(dim, parts[0].shape.length);
  const shape = parts[0].shape.slice();
  shape[d] = parts.reduce((s, p) => s + p.shape[d], 0);
  const out = fromFlat(new Float64Array(numel(shape)), shape);
  let off = 0;
  for (const p of parts) {
    for (const idx of indices(p.shape)) {
      const o = idx.slice();
      o[d] += off;
      out.data[o.reduce((s, x, i) => s + x * out.strides[i], 0)] = at(p, idx);
    }
    off += p.shape[d];
  }
  return out;
}

export function stack(arrs: readonly Arr[], dim: number): Arr {
  const d = normDim(dim, arrs[0].shape.length + 1);
  return cat(arrs.map((a) => unsqueeze(contiguous(a), d)), d);
}

export function index_select(a: Arr, dim: number, index: readonly number[]): Arr {
  const d = normDim(dim, a.shape.length);
  const shape = a.shape.slice();
  shape[d] = index.length;
  const out: number[] = [];
  for (const idx of indices(shape)) {
    const src = idx.slice();
    src[d] = index[idx[d]];
    out.push(at(a, src));
  }
  return fromFlat(out, shape);
}

/** out[i][j][k] = a[index[i][j][k]][j][k] for dim 0, and so on. */
export function gather(a: Arr, dim: number, index: Arr): Arr {
  const d = normDim(dim, a.shape.length);
  const out: number[] = [];
  for (const idx of indices(index.shape)) {
    const src = idx.slice();
    src[d] = at(index, idx);
    out.push(at(a, src));
  }
  return fromFlat(out, index.shape);
}
