// The ops whose element-by-element JavaScript loops moved into WebAssembly kernels, against those loops
// kept here as oracles (the code as it was, over plain arrays): outputs compared bit for bit (NaN's sign
// and payload aside), on random inputs with NaN, -0, repeats, negative indices and empty tensors, and
// the errors word for word.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { multinomialDraws } from '../src/ops/extra.js';

const F = torch.nn.functional;

let seed = 2024;
const rnd = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 4294967296; };
const ri = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo));
const numel = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
/** floats in [-3, 3) rounded to f32, with NaN, ±0, small integers (ties) and infinities mixed in */
function floats(n: number): number[] {
  return Array.from({ length: n }, () => {
    const r = rnd();
    if (r < 0.05) return NaN;
    if (r < 0.1) return -0;
    if (r < 0.15) return 0;
    if (r < 0.25) return ri(-2, 3);
    if (r < 0.27) return r < 0.26 ? Infinity : -Infinity;
    return Math.fround(rnd() * 6 - 3);
  });
}
const ints = (n: number, lo: number, hi: number) => Array.from({ length: n }, () => ri(lo, hi));
const t = (v: number[], shape: number[], dtype: 'float32' | 'int64' | 'bool' = 'float32') => torch.tensor(v, { dtype }).reshape(shape);
const SHAPES = [[0], [1], [3], [4], [5], [8], [13], [2, 3], [3, 5], [4, 1, 6], [2, 3, 4, 3], [200], [37, 7]];

/** The words of a float32 or int array, NaN made canonical. */
function words(v: ArrayLike<number>, float: boolean): number[] {
  const a = float ? Float32Array.from(v as ArrayLike<number>) : Int32Array.from(v as ArrayLike<number>);
  const w = Array.from(new Uint32Array(a.buffer));
  if (float) for (let i = 0; i < w.length; i++) if (a[i] !== a[i]) w[i] = 0x7fc00000;
  return w;
}
/** A tensor's shape and words against the oracle's. */
function same(got: Tensor, want: ArrayLike<number>, shape: number[], what: string): void {
  expect([...got.shape], `${what} shape`).toEqual(shape);
  expect(words(got.dataSync(), got.dtype.name === 'float32'), what).toEqual(words(want, got.dtype.name === 'float32'));
}
function message(f: () => unknown): string {
  try { f(); } catch (e) { return (e as Error).message; }
  return 'no error';
}

describe('nonzero, x[mask] and masked_scatter against the host loops', () => {
  it('nonzero: row-major coordinates of the nonzero elements (NaN counts, -0 does not), every dtype and shape', () => {
    for (const s of SHAPES) {
      for (const [v, dt] of [[floats(numel(s)), 'float32'], [ints(numel(s), -1, 2), 'int64'], [ints(numel(s), 0, 2), 'bool']] as const) {
        const rows: number[] = [];
        let cnt = 0;
        v.forEach((e, i) => {
          if (e === 0) return;
          cnt++;
          for (let d = s.length - 1, r = i, at = rows.length + s.length - 1; d >= 0; d--, at--) {
            rows[at] = r % s[d];
            r = Math.floor(r / s[d]);
          }
        });
        const x = t([...v], s, dt);
        same(torch.nonzero(x) as Tensor, rows, [cnt, s.length], `nonzero ${dt} ${s}`);
        // x[mask] picks the same elements in the same order
        if (dt === 'bool') same(torch.arange(numel(s)).reshape(s).index(x), v.flatMap((e, i) => (e ? [i] : [])), [cnt], `x[mask] ${s}`);
      }
    }
  });
  it('masked_scatter: the source in order where the mask is set, gradients to both', () => {
    for (const s of SHAPES) {
      const n = numel(s);
      const m = ints(n, 0, 2);
      const x = t(floats(n), s).requires_grad_();
      const src = t(floats(n + 3), [n + 3]).requires_grad_();
      const y = torch.masked_scatter(x, t(m, s, 'bool'), src);
      let k = 0;
      const xv = x.dataSync();
      const sv = src.dataSync();
      const want = m.map((b, i) => (b ? sv[k++] : xv[i]));
      same(y, want, s, `masked_scatter ${s}`);
      const g = t(floats(n).map((e) => (e === e ? e : 1)), s);
      y.backward(g);
      const gv = g.dataSync();
      same(x.grad!, m.map((b, i) => (b ? 0 : gv[i])), s, 'grad x');
      const gs = new Array(n + 3).fill(0);
      k = 0;
      m.forEach((b, i) => { if (b) gs[k++] = gv[i]; });
      // -0 stays -0, as PyTorch's masked_select of the gradient keeps it (the index_add it went through
      // before made it +0); an empty mask leaves the source out of the graph, as before
      if (k) same(src.grad!, gs, [n + 3], 'grad source');
      else expect(src.grad).toBeNull();
    }
  });
});

describe('index lists against the host loops', () => {
  it('x[i0, i1] and x[i0, i1] = v: broadcast index tensors, negative indices, repeats (the last write wins)', () => {
    for (let rep = 0; rep < 30; rep++) {
      const s = [ri(1, 6), ri(1, 7), ri(1, 4)];
      const x = t(floats(numel(s)), s);
      const i0 = t(ints(3, -s[0], s[0]), [3, 1], 'int64');
      const i1 = t(ints(4, -s[1], s[1]), [1, 4], 'int64');
      const xv = x.dataSync();
      const a = i0.dataSync();
      const b = i1.dataSync();
      const w = (v: number, n: number) => (v < 0 ? v + n : v);
      const want: number[] = [];
      for (let p = 0; p < 3; p++) for (let q = 0; q < 4; q++) for (let r = 0; r < s[2]; r++) want.push(xv[(w(a[p], s[0]) * s[1] + w(b[q], s[1])) * s[2] + r]);
      same(x.index(i0, i1), want, [3, 4, s[2]], 'x[i0, i1]');
      const vals = t(floats(12 * s[2]), [3, 4, s[2]]);
      const vv = vals.dataSync();
      const put = Array.from(xv);
      for (let p = 0; p < 3; p++) for (let q = 0; q < 4; q++) for (let r = 0; r < s[2]; r++) put[(w(a[p], s[0]) * s[1] + w(b[q], s[1])) * s[2] + r] = vv[(p * 4 + q) * s[2] + r];
      same(x.index_put([i0, i1], vals), put, s, 'x[i0, i1] = v');
    }
  });
  it('the error names the first bad index in position order, then tensor order', () => {
    const x = torch.zeros([3, 4]);
    expect(message(() => x.index(torch.tensor([0, 5, -9]), torch.tensor([9, 1, 0])))).toBe('index 9 is out of bounds for dimension 1 with size 4');
    expect(message(() => x.index(torch.tensor([0, 5, -9]), torch.tensor([1, 1, 0])))).toBe('index 5 is out of bounds for dimension 0 with size 3');
    expect(message(() => x.index(torch.tensor([0, 1, -4]), torch.tensor([1, 1, -5])))).toBe('index -4 is out of bounds for dimension 0 with size 3');
    expect(message(() => torch.take(x, torch.tensor([3, 12, -13])))).toBe('out of range: tried to access index 12 on a tensor of 12 elements.');
  });
  it('take, index_add / index_copy / index_fill with repeated and negative indices', () => {
    for (let rep = 0; rep < 20; rep++) {
      const s = [ri(1, 5), ri(1, 6)];
      const x = t(floats(numel(s)), s);
      const xv = x.dataSync();
      const n = numel(s);
      const ti = ints(7, -n, n);
      same(torch.take(x, t(ti, [7], 'int64')), ti.map((i) => xv[i < 0 ? i + n : i]), [7], 'take');
      const k = ri(0, 6);
      const idx = ints(k, -s[1], s[1]);
      const src = t(floats(s[0] * k), [s[0], k]);
      const sv = src.dataSync();
      const copy = Array.from(xv);
      const add = Array.from(xv, (e) => e);
      const fill = Array.from(xv);
      idx.forEach((j, c) => {
        const jj = j < 0 ? j + s[1] : j;
        for (let r = 0; r < s[0]; r++) {
          copy[r * s[1] + jj] = sv[r * k + c];
          fill[r * s[1] + jj] = -4;
        }
      });
      // index_add adds the gathered sums to x once (in float32)
      const sums = new Float32Array(n);
      idx.forEach((j, c) => { for (let r = 0; r < s[0]; r++) sums[r * s[1] + (j < 0 ? j + s[1] : j)] += sv[r * k + c]; });
      for (let i = 0; i < n; i++) add[i] = Math.fround(xv[i] + sums[i]);
      const it = t(idx, [k], 'int64');
      same(torch.index_copy(x, 1, it, src), copy, s, 'index_copy');
      same(torch.index_fill(x, 1, it, -4), fill, s, 'index_fill');
      same(torch.index_add(x, 1, it, src), add, s, 'index_add');
    }
  });
  it('repeat_interleave: tensor and number repeats, along a dim and flattened', () => {
    for (let rep = 0; rep < 20; rep++) {
      const n = ri(0, 9);
      const r = ints(n, 0, 5);
      const x = t(floats(n), [n]);
      const xv = x.dataSync();
      same(torch.repeat_interleave(x, t(r, [n], 'int64')), r.flatMap((c, i) => new Array(c).fill(xv[i])), [r.reduce((a, b) => a + b, 0)], 'tensor repeats');
      same(torch.repeat_interleave(x, 3), Array.from(xv).flatMap((e) => [e, e, e]), [3 * n], 'number repeats');
    }
    expect(message(() => torch.repeat_interleave(torch.zeros([3]), torch.tensor([1, -1, 2])))).toBe('repeats can not be negative');
    expect(message(() => torch.repeat_interleave(torch.zeros([3]), torch.tensor([1, 2, 1], { dtype: 'float32' })))).toBe('"repeat_interleave_cpu" not implemented for \'Float\'');
  });
  it('bincount (counts, float weights summed in float32, int and bool weights in double to float32) and histc', () => {
    for (let rep = 0; rep < 30; rep++) {
      const n = ri(0, 60);
      const x = ints(n, 0, 9);
      const minlength = ri(0, 12);
      const bins = Math.max(minlength, ...x.map((i) => i + 1));
      for (const wk of ['none', 'float32', 'int64', 'bool'] as const) {
        const w = wk === 'none' ? null : wk === 'float32' ? floats(n).map((e) => (Number.isFinite(e) ? e : 0.5)) : ints(n, wk === 'bool' ? 0 : -9, wk === 'bool' ? 2 : 9);
        // PyTorch sums float weights in float32, int and bool ones in float64 (float32 here: no float64)
        const out = wk === 'float32' ? new Float32Array(bins) : new Float64Array(bins);
        x.forEach((i, k) => { out[i] += w ? w[k] : 1; });
        const got = torch.bincount(t(x, [n], 'int64'), w && t(w, [n], wk as 'float32'), minlength);
        same(got, wk === 'float32' ? out : Float32Array.from(out), [bins], `bincount ${wk}`);
        expect(got.dtype.name).toBe(wk === 'none' ? 'int64' : 'float32');
      }
      const v = floats(n);
      const xs = t(v, [n]);
      for (const [b, mn, mx] of [[7, 0, 0], [5, -1, 1.5], [3, 0.1, 0.1], [4, -Infinity, 1]]) {
        let [lo, hi] = [mn, mx];
        if (lo === hi && n) { lo = Infinity; hi = -Infinity; for (const e of v) { lo = Math.min(lo, e); hi = Math.max(hi, e); } }
        if (lo === hi) { lo -= 1; hi += 1; }
        if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
          expect(() => torch.histc(xs, b, mn, mx)).toThrow(/^torch\.histc: range of \[.*\] is not finite$/);
          continue;
        }
        // PyTorch's float32 arithmetic over float32 edges; NaN counts in bin 0 (its int64 cast wraps there)
        const fr = Math.fround;
        const [l, r] = [fr(lo), fr(hi)];
        const h = new Float32Array(b);
        for (const e of v) {
          if (e < l || e > r) continue;
          const q = fr(fr(fr(e - l) / fr(r - l)) * b);
          h[Number.isFinite(q) ? Math.min(b - 1, Math.trunc(q)) : 0]++;
        }
        same(torch.histc(xs, b, mn, mx), h, [b], `histc ${b} ${mn} ${mx}`);
      }
    }
  });
  it('scatter_reduce: every reduction, with and without self, in x\'s dtype as PyTorch (f32 steps, floor mean for ints)', () => {
    for (let rep = 0; rep < 12; rep++) {
      const xs = [ri(1, 5), ri(1, 5)];
      const d = rep % 2;
      const is = xs.map((v, i) => (i === d ? ri(1, 7) : ri(1, v + 1)));
      const ss = is.map((v, i) => v + (i === 1 - d ? 1 : 0));
      const idx = ints(numel(is), 0, xs[d]);
      expect(() => torch.scatter_reduce(t(floats(numel(xs)), xs), d, t(idx, is, 'int64'), t(ints(numel(ss), -4, 5), ss, 'int64'), 'sum'))
        .toThrow(new TypeError('scatter(): Expected self.dtype to be equal to src.dtype'));
      for (const [xdt, sdt] of [['float32', 'float32'], ['int64', 'int64']] as const) {
        const xv = xdt === 'float32' ? floats(numel(xs)) : ints(numel(xs), -4, 5);
        const sv = sdt === 'float32' ? floats(numel(ss)) : ints(numel(ss), -4, 5);
        for (const reduce of ['sum', 'prod', 'mean', 'amax', 'amin'] as const) {
          for (const self of [true, false]) {
            const out = Float64Array.from(Float32Array.from(xv));
            const cnt = new Int32Array(out.length).fill(self ? 1 : 0);
            for (let k = 0; k < idx.length; k++) {
              const c = [Math.floor(k / is[1]), k % is[1]];
              const o = (d === 0 ? idx[k] : c[0]) * xs[1] + (d === 1 ? idx[k] : c[1]);
              const v = Math.fround(sv[c[0] * ss[1] + c[1]]);
              const a = out[o];
              const r = cnt[o]++ === 0 ? v : reduce === 'prod' ? a * v : reduce === 'amax' ? (v > a || v !== v ? v : a)
                : reduce === 'amin' ? (v < a || v !== v ? v : a) : a + v;
              out[o] = xdt === 'float32' ? Math.fround(r) : r;
            }
            if (reduce === 'mean') {
              out.forEach((v, i) => {
                if (cnt[i] > 1) out[i] = xdt === 'float32' ? Math.fround(v / cnt[i]) : Math.floor(v / cnt[i]);
              });
            }
            const got = torch.scatter_reduce(t(xv, xs, xdt), d, t(idx, is, 'int64'), t(sv, ss, sdt), reduce, { include_self: self });
            same(got, out, xs, `scatter_reduce ${reduce} ${self} ${xdt}/${sdt}`);
          }
        }
      }
    }
  });
});

describe('sorting helpers against the host loops', () => {
  it('unique / unique_consecutive over elements: values, inverse, counts (each NaN alone, -0 with 0)', () => {
    for (const s of SHAPES) {
      for (const [v, dt] of [[floats(numel(s)).map((e) => (Number.isFinite(e) ? Math.round(e) : e)), 'float32'], [ints(numel(s), -3, 4), 'int64']] as const) {
        const x = t([...v], s, dt);
        const flat = Array.from(x.dataSync());
        for (const sorted of [true, false]) {
          const perm = [...flat.keys()];
          // a stable sort with NaN last, as sort_32
          if (sorted) perm.sort((a, b) => (flat[a] < flat[b] || (flat[b] !== flat[b] && flat[a] === flat[a]) ? -1 : flat[b] < flat[a] || (flat[a] !== flat[a] && flat[b] === flat[b]) ? 1 : a - b));
          const firsts: number[] = [];
          const counts: number[] = [];
          const inverse = new Array<number>(flat.length);
          perm.forEach((p, j) => {
            if (!j || !(flat[p] === flat[perm[j - 1]])) { firsts.push(p); counts.push(0); }
            counts[counts.length - 1]++;
            inverse[p] = firsts.length - 1;
          });
          const opts = { return_inverse: true, return_counts: true };
          const [u, inv, c] = (sorted ? torch.unique(x, opts) : torch.unique_consecutive(x, opts)) as Tensor[];
          same(u, firsts.map((p) => flat[p]), [firsts.length], `unique ${sorted} ${dt} ${s}`);
          same(inv, inverse, s, 'inverse');
          same(c, counts, [counts.length], 'counts');
        }
      }
    }
  });
  it('kthvalue, median, nanmedian and mode pick what the per-row loops picked', () => {
    for (let rep = 0; rep < 40; rep++) {
      const s = [ri(1, 6), ri(1, 9)];
      const v = floats(numel(s)).map((e) => (rep % 3 === 0 && e === e ? Math.round(e) : e));
      const x = t(v, s);
      const rows = Array.from({ length: s[0] }, (_, r) => {
        const row = v.slice(r * s[1], (r + 1) * s[1]).map((e) => Math.fround(e));
        const order = [...row.keys()].sort((a, b) => (row[a] < row[b] || (row[b] !== row[b] && row[a] === row[a]) ? -1 : row[b] < row[a] || (row[a] !== row[a] && row[b] === row[b]) ? 1 : a - b));
        return { row, order, sorted: order.map((i) => row[i]) };
      });
      const n = s[1];
      const k = ri(1, n + 1);
      const median = (srt: number[], ignore: boolean) => {
        let m = n;
        while (m > 0 && srt[m - 1] !== srt[m - 1]) m--;
        return ignore ? Math.max(0, (m - 1) >> 1) : m < n ? m : (n - 1) >> 1;
      };
      const mode = (srt: number[]) => {
        let best = 0, bestN = 0;
        for (let j = 0, run = 0; j < n; j++) {
          run++;
          if (j === n - 1 || srt[j] !== srt[j + 1]) { if (run > bestN) { best = j; bestN = run; } run = 0; }
        }
        return best;
      };
      same(torch.kthvalue(x, k, 1).indices, rows.map((r) => r.order[k - 1]), [s[0]], 'kthvalue');
      same(torch.median(x, 1).indices, rows.map((r) => r.order[median(r.sorted, false)]), [s[0]], 'median');
      same(torch.nanmedian(x, 1).indices, rows.map((r) => r.order[median(r.sorted, true)]), [s[0]], 'nanmedian');
      same(torch.mode(x, 1).indices, rows.map((r) => r.order[mode(r.sorted)]), [s[0]], 'mode');
    }
  });
  it('searchsorted (left, right, per-row boundaries, int boundaries), isin (numbers held exactly), cummax / cummin', () => {
    for (let rep = 0; rep < 40; rep++) {
      const s = [ri(1, 5), ri(0, 8)];
      const v = floats(numel(s)).map((e) => (rep % 2 && e === e ? Math.round(e * 2) / 2 : e));
      const x = t(v, s);
      const xv = x.dataSync();
      const nb = ri(1, 8);
      const bounds = torch.sort(t(floats(s[0] * nb), [s[0], nb]), -1).values;
      const bv = bounds.dataSync();
      const bi = torch.sort(t(ints(nb, -3, 4), [nb], 'int64')).values;
      const biv = bi.dataSync();
      for (const right of [false, true]) {
        const search = (b: ArrayLike<number>, o: number, e: number) => {
          let lo = 0;
          let hi = nb;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (right ? !(b[o + mid] > e) : !(b[o + mid] >= e)) lo = mid + 1; else hi = mid;
          }
          return lo;
        };
        same(torch.searchsorted(bounds, x, { right }), Array.from(xv, (e, i) => search(bv, Math.floor(i / Math.max(s[1], 1)) * nb, e)), s, 'per-row');
        same(torch.searchsorted(bi, x, { right }), Array.from(xv, (e) => search(biv, 0, e)), s, 'int boundaries');
      }
      const test = floats(ri(0, 9)).map((e) => (e === e && rep % 2 ? Math.round(e) : e));
      const set = new Set(test.map((e) => Math.fround(e)).filter((e) => e === e));
      for (const invert of [false, true]) {
        same(torch.isin(x, t(test, [test.length]), { invert }), Array.from(xv, (e) => +(set.has(e) !== invert)), s, 'isin');
      }
      for (const num of [0.1, 1, -0, 16777217, 2 ** 40, NaN, Infinity, 0.5]) {
        const set1 = new Set([num].filter((e) => e === e));
        same(torch.isin(x, num), Array.from(xv, (e) => +set1.has(e)), s, `isin ${num}`);
        const xi = t(ints(numel(s), 16777215, 16777219), s, 'int64');
        same(torch.isin(xi, num), Array.from(xi.dataSync(), (e) => +set1.has(e)), s, `isin int ${num}`);
      }
      if (s[1] > 0) {
        for (const max of [true, false]) {
          const idx: number[] = [];
          for (let r = 0; r < s[0]; r++) {
            let best = xv[r * s[1]];
            for (let j = 0; j < s[1]; j++) {
              const y = xv[r * s[1] + j];
              if (y !== y || (best === best && (max ? y >= best : y <= best))) { best = y; idx.push(j); } else idx.push(idx[idx.length - 1]);
            }
          }
          same((max ? torch.cummax(x, 1) : torch.cummin(x, 1)).indices, idx, s, max ? 'cummax' : 'cummin');
        }
      }
    }
  });
});

describe('creation against the host loops', () => {
  it("arange: float32 in ATen's order (runs of 16 from float bases, fused multiply-adds), int64 from the truncated arguments", () => {
    // fma in doubles: a·b exactly as ph + pl (Dekker), then c + ph + pl rounded once (Boldo and Melquiond's sum of
    // three with the low parts rounded to odd); test/arange.test.ts checks the kernel against PyTorch itself
    const f64 = new Float64Array(1);
    const bits = new BigInt64Array(f64.buffer);
    const hi = (a: number) => { const c = 134217729 * a; return c - (c - a); };
    const fma = (a: number, b: number, c: number) => {
      const ph = a * b;
      const pl = ((hi(a) * hi(b) - ph) + hi(a) * (b - hi(b)) + (a - hi(a)) * hi(b)) + (a - hi(a)) * (b - hi(b));
      const th = c + ph;
      const tb = th - c;
      const tl = (c - (th - tb)) + (ph - tb);
      f64[0] = tl + pl;
      const vb = f64[0] - tl;
      const ve = (tl - (f64[0] - vb)) + (pl - vb);
      if (ve !== 0 && (bits[0] & 1n) === 0n) bits[0] += (ve > 0) === (f64[0] > 0) ? 1n : -1n;
      return th + f64[0];
    };
    const cases = [[0], [7], [1000], [3, 17], [-5, 5, 0.25], [0, 1, 0.1], [10, -3, -0.7], [0.5, 100.5], [1e7, 1e7 + 30, 0.3], [-3, 14, 3],
      [-8, 8, 0.1], [2.7, 9.9, 2.5]];
    for (const args of cases) {
      const [start, end, step] = args.length === 1 ? [0, args[0], 1] : [args[0], args[1], args[2] ?? 1];
      const n = Math.max(0, Math.ceil((end - start) / step));
      const nv = n - (n % 16);
      const want = Array.from({ length: n }, (_, i) => (i < nv
        ? fma(i % 8, step, Math.fround(fma(step, i - (i % 8), start))) : fma(step, i, start)));
      same(torch.arange(...args, { dtype: 'float32' }), want, [n], `arange ${args} float32`);
      // int64: ATen converts start, end and step to int64 first (a step that truncates to 0 is its error)
      const [s0, e0, t0] = [start, end, step].map(Math.trunc);
      if (t0 === 0) expect(() => torch.arange(...args, { dtype: 'int64' }), `arange ${args} int64`).toThrow('step must be nonzero');
      else {
        const ni = Math.max(0, Math.ceil((e0 - s0) / t0));
        same(torch.arange(...args, { dtype: 'int64' }), Array.from({ length: ni }, (_, i) => s0 + i * t0), [ni], `arange ${args} int64`);
      }
    }
    // up to the edge of int64's 32-bit words; past it, an error rather than values wrapped as ToInt32
    same(torch.arange(2147483640, 2147483648, { dtype: 'int64' }), Array.from({ length: 8 }, (_, i) => 2147483640 + i), [8], 'edge');
    expect(() => torch.arange(2147483640, 2147483650, { dtype: 'int64' })).toThrow(
      'arange: an int64 result is outside [-2147483648, 2147483647] (tocha stores int64 in 32 bits)');
  });
});

describe('nn and sampling paths against the host loops', () => {
  it("embedding's scale_grad_by_freq divides each row's gradient by float(1.0 / count)", () => {
    const W = torch.randn([9, 3]).requires_grad_();
    const ids = ints(50, 0, 9);
    F.embedding(t(ids, [50], 'int64'), W, { scale_grad_by_freq: true }).sum().backward();
    const counts = new Map<number, number>();
    for (const i of ids) counts.set(i, (counts.get(i) ?? 0) + 1);
    const want = new Float32Array(27);
    ids.forEach((i) => { for (let c = 0; c < 3; c++) want[i * 3 + c] += Math.fround(1 / counts.get(i)!); });
    same(W.grad!, want, [9, 3], 'grad');
  });
  it('multilabel_margin_loss: targets up to the first negative, counted per class', () => {
    for (let rep = 0; rep < 20; rep++) {
      const n = ri(1, 6);
      const c = ri(1, 9);
      const tv = ints(n * c, -1, c);
      const x = t(floats(n * c).map((e) => (Number.isFinite(e) ? e : 1)), [n, c]);
      const counts = new Float32Array(n * c);
      const isT = new Float32Array(n * c);
      for (let r = 0; r < n; r++) {
        for (let k = 0; k < c; k++) {
          const j = tv[r * c + k];
          if (j < 0) break;
          counts[r * c + j] += 1;
          isT[r * c + j] = 1;
        }
      }
      // the loss as the op composes it, from the host loop's counts and mask
      const cnt = t([...counts], [n, c, 1]);
      const notT = t([...isT].map((v) => 1 - v), [n, 1, c]);
      const z = torch.add(torch.add(torch.neg(x.unsqueeze(2)), 1), x.unsqueeze(1));
      const want = torch.div(torch.sum(torch.mul(torch.mul(torch.relu(z), cnt), notT), [1, 2]), c);
      same(F.multilabel_margin_loss(x, t(tv, [n, c], 'int64'), { reduction: 'none' }), want.dataSync(), [n], 'loss');
    }
    expect(message(() => F.multilabel_margin_loss(torch.zeros([2, 3]), torch.tensor([[0, 1, -1], [2, 5, 0]])))).toBe('Target 5 is out of bounds.');
  });
  it('embedding_bag: bags between offsets (decreasing ones overlap), padding left out; a negative offset is an error', () => {
    const W = torch.randn([10, 3]);
    const ids = torch.tensor([1, 2, 3, 4, 5, 6]);
    const wv = W.dataSync();
    const sumRows = (rows: number[]) => [0, 1, 2].map((c) => rows.reduce((a, r) => Math.fround(a + wv[r * 3 + c]), 0));
    // offsets 0, 4, 2: bags [0, 4), [4, 2) (empty) and [2, 6), which overlaps the first
    same(F.embedding_bag(ids, W, torch.tensor([0, 4, 2]), { mode: 'sum', padding_idx: 3 }),
      [...sumRows([1, 2, 4]), 0, 0, 0, ...sumRows([4, 5, 6])], [3, 3], 'overlapping bags');
    expect(message(() => F.embedding_bag(ids, W, torch.tensor([0, -1, 3])))).toBe('index out of range in self');
  });
  it('multinomial with replacement: the kernel draws what multinomialDraws draws, and stops at the same bad row', () => {
    for (let rep = 0; rep < 10; rep++) {
      const rows = ri(1, 4);
      const n = ri(1, 40);
      const p = Array.from({ length: rows * n }, () => Math.fround(rnd() < 0.2 ? 0 : rnd() * 3));
      if (rep === 7 && rows > 1) p[n] = -1;
      if (rep === 8) p[0] = NaN;
      const k = ri(1, 60);
      const g1 = new torch.Generator().manual_seed(rep);
      const g2 = new torch.Generator().manual_seed(rep);
      let want: Int32Array | string;
      try { want = multinomialDraws(p, n, k, true, g2, Math.fround); } catch (e) { want = (e as Error).message; }
      const input = t(p, rows > 1 ? [rows, n] : [n]);
      if (typeof want === 'string') expect(message(() => torch.multinomial(input, k, true, { generator: g1 }))).toBe(want);
      else same(torch.multinomial(input, k, true, { generator: g1 }), want, rows > 1 ? [rows, k] : [k], 'draws');
      expect(g1._u32()).toBe(g2._u32());
    }
  });
  it('rrelu in training draws a slope for each x <= 0 in order, as the host loop did', () => {
    const v = floats(300);
    torch.manual_seed(11);
    const got = F.rrelu(t(v, [300]), 0.1, 0.3, true);
    const after = torch.rand([2]).dataSync();
    torch.manual_seed(11);
    const gen = torch.default_generator;
    const lo = Math.fround(0.1);
    const span = Math.fround(0.3) - lo;
    const want = v.map((x) => {
      const e = Math.fround(x);
      if (!(e <= 0)) return e;
      const hi = gen._u32();
      const low = gen._u32();
      const u = ((hi & 0x1fffff) * 4294967296 + low) * 2 ** -53;
      return e * Math.fround(u * span + lo);
    });
    same(got, want, [300], 'rrelu');
    same(torch.rand([2]), after, [2], 'the stream after');
  });
});
