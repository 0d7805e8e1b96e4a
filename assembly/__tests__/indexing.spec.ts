// The index-list kernels (nonzero, index checks and wraps, index copies, repeat_interleave, bincount,
// histc, scatter_reduce, multilabel targets) against plain scalar loops: lengths around the vector
// width, buffers 4 bytes past 16-byte alignment (unaligned tails), and sentinel words past the ends
// that must stay untouched.
import {
  nonzero_32, index_wrap_32, index_copy_32, repeat_index_32, bincount_32, histc_f32, scatter_reduce_32,
  multilabel_targets_32, mask_count_32, bag_index_32, index_select_32, gather_32, scatter_32, scatter_add_f32,
} from "../indexing";
import { range_f32, arange_32 } from "../elementwise";

const SENTINEL: i32 = -7777;
const META: usize = heap.alloc(256);

/** n words plus 4 sentinel words, 4 bytes past alignment. */
function buf(n: i32): usize {
  const p = heap.alloc(<usize>(n + 4) * 4 + 32) + 4;
  for (let i = 0; i < n + 4; i++) store<i32>(p + (<usize>i << 2), SENTINEL);
  return p;
}
@inline function gi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
@inline function seti(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }
@inline function f(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
@inline function setf(p: usize, i: i32, v: f32): void { store<f32>(p + (<usize>i << 2), v); }
function expectSentinels(p: usize, n: i32): void {
  for (let i = n; i < n + 4; i++) expect<i32>(gi(p, i)).toBe(SENTINEL);
}
/** A reproducible pseudo-random word. */
function hash(i: i32, salt: i32): i32 {
  let h = <u32>(i * 0x9e3779b1) ^ <u32>(salt * 0x85ebca6b);
  h ^= h >> 15;
  h *= 0x2c1b3c6d;
  h ^= h >> 12;
  return <i32>(h & 0x7fffffff);
}
function setShape(shape: i32[]): usize {
  store<i32>(META, shape.length);
  for (let i = 0; i < shape.length; i++) store<i32>(META + 4 + (<usize>i << 2), shape[i]);
  return META;
}

describe("nonzero_32", () => {
  it("rows and columns of coordinates for 1-3 dims, rows around the vector width, five densities", () => {
    const shapes: i32[][] = [[0], [1], [3], [4], [5], [8], [9], [13], [2, 3], [3, 4], [4, 5], [2, 1, 7], [3, 2, 9], [1, 4, 4], [5, 0, 2]];
    for (let s = 0; s < shapes.length; s++) {
      const shape = shapes[s];
      let n = 1;
      for (let d = 0; d < shape.length; d++) n *= shape[d];
      for (let dens = 0; dens < 5; dens++) {
        const mask = buf(n);
        for (let i = 0; i < n; i++) {
          const on = dens == 0 ? 0 : dens == 1 ? 1 : dens == 2 ? i & 1 : dens == 3 ? (hash(i, s) % 5 < 2 ? 1 : 0) : (hash(i, s) % 7 == 0 ? 1 : 0);
          seti(mask, i, on);
        }
        const count = mask_count_32(mask, n);
        const nd = shape.length;
        for (let cols = 0; cols < 2; cols++) {
          const out = buf(count * nd);
          nonzero_32(out, mask, setShape(shape), count, cols);
          let k = 0;
          for (let i = 0; i < n; i++) {
            if (gi(mask, i) == 0) continue;
            let r = i;
            for (let d = nd - 1; d >= 0; d--) {
              const c = r % shape[d];
              r /= shape[d];
              expect<i32>(gi(out, cols ? d * count + k : k * nd + d)).toBe(c);
            }
            k++;
          }
          expect<i32>(k).toBe(count);
          expectSentinels(out, count * nd);
        }
      }
    }
  });
  it("writes nothing for a 0-d shape", () => {
    const mask = buf(1);
    seti(mask, 0, 1);
    const out = buf(0);
    nonzero_32(out, mask, setShape([]), 1, 0);
    expectSentinels(out, 0);
  });
});

describe("index_wrap_32", () => {
  it("wraps negative indices and accumulates row-major positions, vector part and tail alike", () => {
    for (let n = 0; n <= 19; n++) {
      const size = 5;
      const idx = buf(n);
      for (let i = 0; i < n; i++) seti(idx, i, hash(i, n) % (2 * size) - size);
      const out = buf(n);
      expect<i32>(index_wrap_32(out, idx, n, size, 0)).toBe(-1);
      for (let i = 0; i < n; i++) expect<i32>(gi(out, i)).toBe(gi(idx, i) < 0 ? gi(idx, i) + size : gi(idx, i));
      expectSentinels(out, n);
      // a second index tensor over a dim of 3: out = out * 3 + wrap
      const idx2 = buf(n);
      for (let i = 0; i < n; i++) seti(idx2, i, hash(i, n + 50) % 6 - 3);
      const before = buf(n);
      for (let i = 0; i < n; i++) seti(before, i, gi(out, i));
      expect<i32>(index_wrap_32(out, idx2, n, 3, 1)).toBe(-1);
      for (let i = 0; i < n; i++) {
        const w = gi(idx2, i) < 0 ? gi(idx2, i) + 3 : gi(idx2, i);
        expect<i32>(gi(out, i)).toBe(gi(before, i) * 3 + w);
      }
      expectSentinels(out, n);
    }
  });
  it("returns the first position out of [-size, size), wherever it falls", () => {
    for (let n = 1; n <= 13; n++) {
      for (let bad = 0; bad < n; bad++) {
        const idx = buf(n);
        for (let i = 0; i < n; i++) seti(idx, i, i % 4 - 2);
        seti(idx, bad, bad & 1 ? 4 : -5);
        if (bad + 2 < n) seti(idx, bad + 2, 9); // a later bad index does not count
        const out = buf(n);
        expect<i32>(index_wrap_32(out, idx, n, 4, 0)).toBe(bad);
        expectSentinels(out, n);
      }
    }
  });
});

describe("index_select_32", () => {
  it("gathers rows of one word (the load/store path) and longer rows alike, repeated indices included", () => {
    const outer = 2, nsrc = 5;
    for (let inner = 1; inner <= 5; inner++) {
      for (let nidx = 0; nidx <= 9; nidx++) {
        const src = buf(outer * nsrc * inner);
        for (let i = 0; i < outer * nsrc * inner; i++) seti(src, i, 1000 + i);
        const idx = buf(nidx);
        for (let j = 0; j < nidx; j++) seti(idx, j, hash(j, nidx) % nsrc);
        const out = buf(outer * nidx * inner);
        index_select_32(out, src, idx, outer, nsrc, nidx, inner);
        for (let o = 0; o < outer; o++) {
          for (let j = 0; j < nidx; j++) {
            for (let k = 0; k < inner; k++) {
              expect<i32>(gi(out, (o * nidx + j) * inner + k)).toBe(1000 + (o * nsrc + gi(idx, j)) * inner + k);
            }
          }
        }
        expectSentinels(out, outer * nidx * inner);
      }
    }
  });
});

describe("gather_32 / scatter_32 / scatter_add_f32", () => {
  it("along the middle of (outer, n, inner) for inner 1-5, repeated places (scatter: the last wins; add: in order)", () => {
    for (let outer = 1; outer <= 3; outer++) {
      for (let inner = 1; inner <= 5; inner++) {
        const n = 4, nidx = 3;
        const total = outer * nidx * inner;
        const idx = buf(total);
        for (let p = 0; p < total; p++) seti(idx, p, hash(p, outer * 10 + inner) % n);
        const src = buf(outer * n * inner);
        for (let i = 0; i < outer * n * inner; i++) setf(src, i, <f32>i * <f32>0.5 + <f32>0.25);
        const out = buf(total);
        gather_32(out, src, idx, outer, n, nidx, inner);
        const vals = buf(total);
        for (let p = 0; p < total; p++) setf(vals, p, <f32>(hash(p, 77) % 100) * <f32>0.01 - <f32>0.3);
        const dst = buf(outer * n * inner);
        const acc = buf(outer * n * inner);
        for (let i = 0; i < outer * n * inner; i++) { seti(dst, i, -1); setf(acc, i, <f32>i); }
        scatter_32(dst, idx, vals, outer, n, nidx, inner);
        scatter_add_f32(acc, idx, vals, outer, n, nidx, inner);
        // references: plain loops over (o, j, k)
        const wantDst = new Array<i32>(outer * n * inner).fill(-1);
        const wantAcc = new Array<f32>(outer * n * inner);
        for (let i = 0; i < outer * n * inner; i++) wantAcc[i] = <f32>i;
        for (let o = 0; o < outer; o++) {
          for (let j = 0; j < nidx; j++) {
            for (let k = 0; k < inner; k++) {
              const p = (o * nidx + j) * inner + k;
              const at = (o * n + gi(idx, p)) * inner + k;
              expect<f32>(f(out, p)).toBe(f(src, at));
              wantDst[at] = gi(vals, p);
              wantAcc[at] += f(vals, p);
            }
          }
        }
        for (let i = 0; i < outer * n * inner; i++) {
          expect<i32>(gi(dst, i)).toBe(wantDst[i]);
          expect<f32>(f(acc, i)).toBe(wantAcc[i]);
        }
        expectSentinels(out, total);
        expectSentinels(dst, outer * n * inner);
        expectSentinels(acc, outer * n * inner);
      }
    }
  });
});

describe("index_copy_32 and repeat_index_32", () => {
  it("copies rows to their indices in order (the last of repeated indices wins)", () => {
    const outer = 2, ndst = 5, nidx = 4;
    for (let inner = 1; inner <= 6; inner++) {
      const dst = buf(outer * ndst * inner);
      const src = buf(outer * nidx * inner);
      const idx = buf(nidx);
      seti(idx, 0, 3); seti(idx, 1, 0); seti(idx, 2, 3); seti(idx, 3, 4);
      for (let i = 0; i < outer * ndst * inner; i++) seti(dst, i, -i - 1);
      for (let i = 0; i < outer * nidx * inner; i++) seti(src, i, 100 + i);
      index_copy_32(dst, idx, src, outer, ndst, nidx, inner);
      for (let o = 0; o < outer; o++) {
        for (let r = 0; r < ndst; r++) {
          const from = r == 3 ? 2 : r == 0 ? 1 : r == 4 ? 3 : -1;
          for (let k = 0; k < inner; k++) {
            const at = (o * ndst + r) * inner + k;
            expect<i32>(gi(dst, at)).toBe(from < 0 ? -at - 1 : 100 + (o * nidx + from) * inner + k);
          }
        }
      }
      expectSentinels(dst, outer * ndst * inner);
    }
  });
  it("writes i repeats[i] times (runs shorter and longer than a vector, zero repeats), or each times", () => {
    for (let n = 0; n <= 9; n++) {
      const rep = buf(n);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const r = hash(i, n) % 11;
        seti(rep, i, r);
        total += r;
      }
      const out = buf(total);
      repeat_index_32(out, rep, n, 0);
      let k = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < gi(rep, i); j++) expect<i32>(gi(out, k++)).toBe(i);
      expectSentinels(out, total);
      for (let each = 0; each <= 5; each++) {
        const o2 = buf(n * each);
        repeat_index_32(o2, 0, n, each);
        for (let i = 0; i < n * each; i++) expect<i32>(gi(o2, i)).toBe(i / each);
        expectSentinels(o2, n * each);
      }
    }
  });
});

describe("bincount_32, histc_f32, range_f32", () => {
  it("counts, f32 weights summed in f32 in order, int weights in f64 to f32, reciprocal counts", () => {
    for (let n = 0; n <= 21; n++) {
      const nbins = 7;
      const x = buf(n);
      const wf = buf(n);
      const wi = buf(n);
      for (let i = 0; i < n; i++) {
        seti(x, i, hash(i, n) % 6);
        setf(wf, i, <f32>(hash(i, 3) % 1000) * <f32>0.001 - <f32>0.3);
        seti(wi, i, hash(i, 4) % 9 - 4);
      }
      const tmp = heap.alloc(<usize>nbins * 8 + 8);
      const c = buf(nbins);
      bincount_32(c, x, 0, n, nbins, 0, tmp);
      const sf = buf(nbins);
      bincount_32(sf, x, wf, n, nbins, 1, tmp);
      const si = buf(nbins);
      bincount_32(si, x, wi, n, nbins, 2, tmp);
      const rc = buf(nbins);
      bincount_32(rc, x, 0, n, nbins, 3, tmp);
      for (let b = 0; b < nbins; b++) {
        let cnt = 0;
        let accF: f32 = 0;
        let accI: f64 = 0;
        for (let i = 0; i < n; i++) {
          if (gi(x, i) != b) continue;
          cnt++;
          accF += f(wf, i);
          accI += <f64>gi(wi, i);
        }
        expect<i32>(gi(c, b)).toBe(cnt);
        expect<f32>(f(rc, b)).toBe(<f32>(1.0 / <f64>cnt));
        expect<f32>(f(sf, b)).toBe(accF);
        expect<f32>(f(si, b)).toBe(<f32>accI);
      }
      expectSentinels(c, nbins);
      expectSentinels(sf, nbins);
      expectSentinels(si, nbins);
      expectSentinels(rc, nbins);
    }
  });
  it("int sums beyond 32 bits: summed in f64, rounded once to f32 (PyTorch returns them as float64)", () => {
    const x = buf(3);
    const w = buf(3);
    seti(x, 0, 0); seti(x, 1, 0); seti(x, 2, 1);
    seti(w, 0, 2147483647); seti(w, 1, 2); seti(w, 2, -5);
    const tmp = heap.alloc(32);
    const out = buf(2);
    bincount_32(out, x, w, 3, 2, 2, tmp);
    expect<f32>(f(out, 0)).toBe(<f32>2147483649.0);
    expect<f32>(f(out, 1)).toBe(-5);
  });
  it("histc as PyTorch: trunc((e - l) / (r - l) · bins) in f32, the top edge in the last bin, NaN in bin 0", () => {
    for (let n = 0; n <= 17; n++) {
      const x = buf(n);
      for (let i = 0; i < n; i++) setf(x, i, <f32>(hash(i, n) % 400) * <f32>0.01 - <f32>1.5);
      if (n > 3) setf(x, 3, NaN);
      if (n > 5) setf(x, 5, 2.0); // == hi
      if (n > 6) setf(x, 6, Infinity);
      if (n > 7) setf(x, 7, -1.0); // == lo
      const bins = 5;
      const lo: f64 = -1.0, hi: f64 = 2.0;
      const h = buf(bins);
      histc_f32(h, x, n, bins, lo, hi);
      for (let b = 0; b < bins; b++) {
        let want: f32 = 0;
        for (let i = 0; i < n; i++) {
          const e = f(x, i);
          if (e != e) { if (b == 0) want++; continue; }
          if (e < <f32>lo || e > <f32>hi) continue;
          const t: f32 = ((e - <f32>lo) / (<f32>hi - <f32>lo)) * <f32>5;
          if (<i32>min<f32>(4, Mathf.trunc(t)) == b) want++;
        }
        expect<f32>(f(h, b)).toBe(want);
      }
      expectSentinels(h, bins);
    }
    // edges rounded to f32 first (f32(0.1) itself is inside), and f32 arithmetic puts f32(0.2), the middle,
    // in bin 0: PyTorch's torch.histc(torch.tensor([0.1, 0.3, 0.2]), 2, 0.1, 0.3) is tensor([2., 1.])
    const y = buf(3);
    setf(y, 0, <f32>0.1); setf(y, 1, <f32>0.3); setf(y, 2, <f32>0.2);
    const h2 = buf(2);
    histc_f32(h2, y, 3, 2, 0.1, 0.3);
    expect<f32>(f(h2, 0)).toBe(2);
    expect<f32>(f(h2, 1)).toBe(1);
    expectSentinels(h2, 2);
  });
  it("range_f32: min and max, NaN wins, vector part and tail", () => {
    for (let n = 0; n <= 13; n++) {
      for (let nanAt = -1; nanAt < n; nanAt++) {
        const x = buf(n);
        for (let i = 0; i < n; i++) setf(x, i, <f32>(hash(i, n) % 100) - 50);
        if (nanAt >= 0) setf(x, nanAt, NaN);
        const res = buf(2);
        range_f32(x, n, res);
        let lo: f32 = Infinity, hi: f32 = -Infinity;
        for (let i = 0; i < n; i++) { lo = min(lo, f(x, i)); hi = max(hi, f(x, i)); }
        if (nanAt >= 0) {
          expect<bool>(isNaN(f(res, 0)) && isNaN(f(res, 1))).toBe(true);
        } else {
          expect<f32>(f(res, 0)).toBe(lo);
          expect<f32>(f(res, 1)).toBe(hi);
        }
        expectSentinels(res, 2);
      }
    }
  });
});

/** JavaScript's ToInt32: truncate, modulo 2^32 (NaN and infinities 0). */
function toInt32(v: f64): i32 {
  if (!isFinite(v)) return 0;
  const t = Math.trunc(v);
  return <i32><u32>(t - Math.floor(t / 4294967296.0) * 4294967296.0);
}

describe("scatter_reduce_32", () => {
  it("every reduction, with and without self, f32 and i32 x and src, an index smaller than x and src", () => {
    // x (3, 4), idx (2, 3) along d = 0 or 1, src (3, 5)
    const xs: i32[] = [3, 4];
    const is: i32[] = [2, 3];
    const sShape: i32[] = [3, 5];
    for (let d = 0; d < 2; d++) {
      for (let op = 0; op < 5; op++) {
        for (let self = 0; self < 2; self++) {
          for (let ints = 0; ints < 4; ints++) {
            const isInt = ints & 1;
            const srcInt = ints & 2;
            const x = buf(12);
            const src = buf(15);
            const idx = buf(6);
            for (let i = 0; i < 12; i++) {
              if (isInt) seti(x, i, hash(i, op) % 7 - 3);
              else setf(x, i, <f32>(hash(i, op) % 50) * <f32>0.1 - <f32>2.5);
            }
            for (let i = 0; i < 15; i++) {
              if (srcInt) seti(src, i, hash(i, 9 + op) % 9 - 4);
              else setf(src, i, i == 7 ? NaN : <f32>(hash(i, 9 + op) % 50) * <f32>0.1 - <f32>2.5);
            }
            for (let i = 0; i < 6; i++) seti(idx, i, hash(i, d * 10 + op) % xs[d]);
            store<i32>(META, 2);
            store<i32>(META + 4, is[0]); store<i32>(META + 8, is[1]);
            store<i32>(META + 12, 4); store<i32>(META + 16, 1);
            store<i32>(META + 20, 5); store<i32>(META + 24, 1);
            const out = buf(12);
            const cnt = buf(12);
            const acc = heap.alloc(12 * 8 + 8);
            expect<i32>(scatter_reduce_32(out, cnt, acc, x, 12, idx, src, META, d, op, self, ints)).toBe(0);
            // the reference: plain loops over the index's coordinates
            const ra = new Array<f64>(12);
            const rc = new Array<i32>(12);
            for (let i = 0; i < 12; i++) { ra[i] = isInt ? <f64>gi(x, i) : <f64>f(x, i); rc[i] = self; }
            for (let a = 0; a < is[0]; a++) {
              for (let b = 0; b < is[1]; b++) {
                const iv = gi(idx, a * is[1] + b);
                const o = d == 0 ? iv * 4 + b : a * 4 + iv;
                const v = srcInt ? <f64>gi(src, a * 5 + b) : <f64>f(src, a * 5 + b);
                const c = rc[o]++;
                const w = ra[o];
                const r = c == 0 ? v : op == 1 ? w * v : op == 3 ? (v > w || v != v ? v : w) : op == 4 ? (v < w || v != v ? v : w) : w + v;
                ra[o] = isInt ? r : <f64><f32>r; // in x's dtype, step by step
              }
            }
            for (let i = 0; i < 12; i++) {
              const v = ra[i];
              const m = op == 2 && rc[i] > 1;
              expect<i32>(gi(cnt, i)).toBe(rc[i]);
              if (isInt) expect<i32>(gi(out, i)).toBe(toInt32(m ? Math.floor(v / <f64>rc[i]) : v));
              else {
                const g = f(out, i);
                const want: f32 = m ? <f32>v / <f32>rc[i] : <f32>v;
                expect<bool>(g == want || (isNaN(g) && isNaN(want))).toBe(true);
              }
            }
            expectSentinels(out, 12);
            expectSentinels(cnt, 12);
          }
        }
      }
    }
  });
});

describe("scatter_reduce_32 int64 range", () => {
  it("flags integer results outside i32; a product that left it comes back only through a zero (never Infinity · 0)", () => {
    const n = 40;
    const x = buf(1);
    const src = buf(n);
    const idx = buf(n);
    const out = buf(1);
    const cnt = buf(1);
    const acc = heap.alloc(16);
    for (let i = 0; i < n; i++) { seti(idx, i, 0); seti(src, i, 2147483647); }
    store<i32>(META, 1); store<i32>(META + 4, n); store<i32>(META + 8, 1); store<i32>(META + 12, 1);
    seti(x, 0, 1);
    expect<i32>(scatter_reduce_32(out, cnt, acc, x, 1, idx, src, META, 0, 1 /* prod */, 1, 3)).toBe(1);
    seti(src, n - 1, 0); // 39 factors of 2^31 - 1 are past f64's range, then 0
    expect<i32>(scatter_reduce_32(out, cnt, acc, x, 1, idx, src, META, 0, 1, 1, 3)).toBe(0);
    expect<i32>(gi(out, 0)).toBe(0);
    seti(x, 0, 0);
    store<i32>(META + 4, 2);
    seti(src, 1, 1);
    expect<i32>(scatter_reduce_32(out, cnt, acc, x, 1, idx, src, META, 0, 0 /* sum */, 1, 3)).toBe(1);
    seti(src, 1, -1);
    expect<i32>(scatter_reduce_32(out, cnt, acc, x, 1, idx, src, META, 0, 0, 1, 3)).toBe(0);
    expect<i32>(gi(out, 0)).toBe(2147483646);
    seti(src, 0, -7); seti(src, 1, 0);
    expect<i32>(scatter_reduce_32(out, cnt, acc, x, 1, idx, src, META, 0, 2 /* mean */, 1, 3)).toBe(0);
    expect<i32>(gi(out, 0)).toBe(-3); // floor(-7 / 3)
  });
});

describe("multilabel_targets_32", () => {
  it("counts targets up to each row's first negative, marks them, and reports a target >= c", () => {
    const n = 3, c = 5;
    const t = buf(n * c);
    const rows: i32[] = [3, 3, -1, 0, 4, /**/ 1, 2, 4, 0, -1, /**/ -1, 2, 2, 2, 2];
    for (let i = 0; i < n * c; i++) seti(t, i, rows[i]);
    const counts = buf(n * c);
    const notT = buf(n * c);
    expect<i32>(multilabel_targets_32(counts, notT, t, n, c)).toBe(-1);
    const want: f32[] = [0, 0, 0, 2, 0, /**/ 1, 1, 1, 0, 1, /**/ 0, 0, 0, 0, 0];
    for (let i = 0; i < n * c; i++) {
      expect<f32>(f(counts, i)).toBe(want[i]);
      expect<f32>(f(notT, i)).toBe(want[i] > 0 ? 0 : 1);
    }
    expectSentinels(counts, n * c);
    expectSentinels(notT, n * c);
    seti(t, 6, 5);
    expect<i32>(multilabel_targets_32(counts, notT, t, n, c)).toBe(6);
    seti(t, 3, 7); // after row 0's end (its -1): not a target
    expect<i32>(multilabel_targets_32(counts, notT, t, n, c)).toBe(6);
  });
});

describe("bag_index_32", () => {
  it("bags between offsets (the last to n, ends capped at n, decreasing offsets: empty or overlapping bags), padding left out, a counting pass", () => {
    const n = 9;
    const ids = buf(n);
    const idv: i32[] = [4, 2, 4, 0, 4, 4, 1, 3, 4];
    for (let i = 0; i < n; i++) seti(ids, i, idv[i]);
    const cases: i32[][] = [[0, 3, 5], [0, 0, 9], [0, 6, 2, 7], [0], [0, 12], []];
    for (let c = 0; c < cases.length; c++) {
      const offv = cases[c];
      const nOffs = offv.length;
      const offs = buf(nOffs);
      for (let i = 0; i < nOffs; i++) seti(offs, i, offv[i]);
      for (let last = 0; last < 2; last++) {
        const bags = last ? max(nOffs - 1, 0) : nOffs;
        for (let padOn = 0; padOn < 2; padOn++) {
          const pad = padOn ? 4 : -1;
          const count0 = buf(bags);
          const total = bag_index_32(0, 0, count0, ids, offs, n, bags, nOffs, pad); // the counting pass
          const keep = buf(total);
          const bagOf = buf(total);
          const count = buf(bags);
          const k = bag_index_32(keep, bagOf, count, ids, offs, n, bags, nOffs, pad);
          expect<i32>(k).toBe(total);
          for (let b = 0; b < bags; b++) expect<i32>(gi(count0, b)).toBe(gi(count, b));
          let want = 0;
          for (let b = 0; b < bags; b++) {
            const end = min(b + 1 < nOffs ? offv[b + 1] : n, n);
            let cnt = 0;
            for (let i = offv[b]; i < end; i++) {
              if (idv[i] == pad) continue;
              expect<i32>(gi(keep, want)).toBe(i);
              expect<i32>(gi(bagOf, want)).toBe(b);
              want++;
              cnt++;
            }
            expect<i32>(gi(count, b)).toBe(cnt);
          }
          expect<i32>(k).toBe(want);
          expectSentinels(count, bags);
          expectSentinels(keep, total);
          expectSentinels(bagOf, total);
        }
      }
    }
  });
});

describe("arange_32", () => {
  it("range (2): start + i · step in f64, to f32; arange (0) the same where i · step is exact; or ToInt32", () => {
    const starts: f64[] = [0, -3.5, 0.1, 1e7 + 0.3, 2147483640];
    const stepsV: f64[] = [1, 0.1, -0.37, 3, 1e-3];
    for (let a = 0; a < starts.length; a++) {
      for (let b = 0; b < stepsV.length; b++) {
        for (let n = 0; n <= 40; n++) {
          const out = buf(n);
          arange_32(out, n, starts[a], stepsV[b], 2);
          for (let i = 0; i < n; i++) expect<f32>(f(out, i)).toBe(<f32>(starts[a] + <f64>i * stepsV[b]));
          expectSentinels(out, n);
          if (stepsV[b] == 1 || stepsV[b] == 3) {  // fused or not, one rounding: arange's runs of 16 and tail agree
            const oa = buf(n);
            arange_32(oa, n, starts[a], stepsV[b], 0);
            for (let i = 0; i < n; i++) expect<f32>(f(oa, i)).toBe(<f32>(starts[a] + <f64>i * stepsV[b]));
            expectSentinels(oa, n);
          }
          const oi = buf(n);
          arange_32(oi, n, starts[a], stepsV[b], 1);
          for (let i = 0; i < n; i++) expect<i32>(gi(oi, i)).toBe(toInt32(starts[a] + <f64>i * stepsV[b]));
          expectSentinels(oi, n);
        }
      }
    }
  });
});
