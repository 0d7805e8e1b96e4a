// sort_32 against a plain insertion sort: lengths around the merge widths, ties (stable), NaN last
// ascending and first descending, int rows, several rows at once.
import {
  sort_32, unique_count_32, unique_fill_32, select_sorted_32, searchsorted_32, isin_32, cumext_32,
} from "../sort";

function buf(n: i32): usize { return heap.alloc(<usize>(n * 4) + 16); }
@inline function f(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
@inline function gi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }

function lessThan(a: f32, b: f32, desc: bool): bool {
  return desc ? a > b || (isNaN(a) && !isNaN(b)) : a < b || (isNaN(b) && !isNaN(a));
}

describe("sort_32", () => {
  it("matches a stable insertion sort for f32 rows with ties and NaN, both orders", () => {
    for (let n = 0; n < 40; n++) {
      const rows = 3;
      const src = buf(rows * n);
      const vals = buf(rows * n);
      const idx = buf(rows * n);
      const tmp = buf(n);
      for (let i = 0; i < rows * n; i++) store<f32>(src + (<usize>i << 2), i % 7 == 3 ? NaN : <f32>((i * 37) % 11) - 5);
      for (let desc = 0; desc < 2; desc++) {
        sort_32(vals, idx, src, tmp, rows, n, desc, 0);
        for (let r = 0; r < rows; r++) {
          const ref: i32[] = [];
          for (let j = 0; j < n; j++) {
            let k = ref.length;
            while (k > 0 && lessThan(f(src, r * n + j), f(src, r * n + ref[k - 1]), desc == 1)) k--;
            ref.push(j);
            for (let m = ref.length - 1; m > k; m--) ref[m] = ref[m - 1];
            ref[k] = j;
          }
          for (let j = 0; j < n; j++) {
            expect<i32>(gi(idx, r * n + j)).toBe(ref[j]);
            const v = f(vals, r * n + j);
            const w = f(src, r * n + ref[j]);
            expect<bool>(v == w || (isNaN(v) && isNaN(w))).toBe(true);
          }
        }
      }
    }
  });
  it("sorts int rows beyond f32's exact range", () => {
    const src = buf(4);
    const vals = buf(4);
    const idx = buf(4);
    const tmp = buf(4);
    store<i32>(src, 16777217); store<i32>(src + 4, 16777216); store<i32>(src + 8, -3); store<i32>(src + 12, 16777217);
    sort_32(vals, idx, src, tmp, 1, 4, 0, 1);
    expect<i32>(gi(vals, 0)).toBe(-3);
    expect<i32>(gi(vals, 1)).toBe(16777216);
    expect<i32>(gi(idx, 2)).toBe(0);
    expect<i32>(gi(idx, 3)).toBe(3);
  });
});

// ---------------------------------------------------------------- helpers on sorted rows

const SENTINEL: i32 = -7777;
/** n words plus 4 sentinel words, 4 bytes past alignment. */
function sbuf(n: i32): usize {
  const p = heap.alloc(<usize>(n + 4) * 4 + 32) + 4;
  for (let i = 0; i < n + 4; i++) store<i32>(p + (<usize>i << 2), SENTINEL);
  return p;
}
function expectSentinels(p: usize, n: i32): void {
  for (let i = n; i < n + 4; i++) expect<i32>(gi(p, i)).toBe(SENTINEL);
}
@inline function setf(p: usize, i: i32, v: f32): void { store<f32>(p + (<usize>i << 2), v); }
@inline function seti(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }
/** Sorted-ish values with runs, NaN, -0 and 0: value i of a length-n row. */
function val(i: i32, n: i32): f32 {
  const k = (i * 5) / 7;
  if (i % 9 == 8) return NaN;
  if (k == 1) return i & 1 ? -0.0 : 0.0;
  return <f32>k - <f32>(n / 3);
}
function same(a: f32, b: f32): bool { return a == b || (isNaN(a) && isNaN(b)); }

describe("unique_count_32 / unique_fill_32", () => {
  it("groups of equal neighbours (each NaN alone, -0 with 0), with and without perm, lengths 0-23", () => {
    for (let n = 0; n <= 23; n++) {
      for (let isInt = 0; isInt < 2; isInt++) {
        const v = sbuf(n);
        const perm = sbuf(n);
        for (let j = 0; j < n; j++) {
          if (isInt) seti(v, j, (j * 5) / 7 - 2); else setf(v, j, val(j, n));
          seti(perm, j, (j * 7 + 3) % n); // a permutation when gcd(7, n) = 1; any positions do here
        }
        // the reference groups
        let groups = 0;
        for (let j = 0; j < n; j++) {
          if (j == 0 || (isInt ? gi(v, j) != gi(v, j - 1) : f(v, j) != f(v, j - 1))) groups++;
        }
        expect<i32>(unique_count_32(v, n, isInt)).toBe(groups);
        for (let usePerm = 0; usePerm < 2; usePerm++) {
          if (usePerm && n % 7 == 0) continue;
          const firsts = sbuf(groups);
          const counts = sbuf(groups);
          const inverse = sbuf(n);
          unique_fill_32(firsts, counts, inverse, v, usePerm ? perm : 0, n, isInt);
          let g = -1;
          for (let j = 0; j < n; j++) {
            const at = usePerm ? gi(perm, j) : j;
            if (j == 0 || (isInt ? gi(v, j) != gi(v, j - 1) : f(v, j) != f(v, j - 1))) {
              g++;
              expect<i32>(gi(firsts, g)).toBe(at);
              let c = 1;
              while (j + c < n && (isInt ? gi(v, j + c) == gi(v, j) : f(v, j + c) == f(v, j))) c++;
              expect<i32>(gi(counts, g)).toBe(c);
            }
            expect<i32>(gi(inverse, at)).toBe(g);
          }
          expectSentinels(firsts, groups);
          expectSentinels(counts, groups);
          expectSentinels(inverse, n);
        }
      }
    }
  });
});

describe("select_sorted_32", () => {
  it("k-th, median (first NaN), nanmedian and mode of sorted rows, against the row loops", () => {
    for (let n = 1; n <= 11; n++) {
      const rows = 3;
      const vals = sbuf(rows * n);
      const idx = sbuf(rows * n);
      for (let r = 0; r < rows; r++) {
        // ascending with runs; NaN last in rows 1 and 2 (2: all NaN past the first)
        for (let j = 0; j < n; j++) {
          let x: f32 = <f32>((j * 3) / 5) - 1;
          if ((r == 1 && j >= n - 2) || (r == 2 && j >= 1)) x = NaN;
          setf(vals, r * n + j, x);
          seti(idx, r * n + j, 100 * r + (j * 7 + 1) % n);
        }
      }
      for (let mode = 0; mode < 4; mode++) {
        for (let k = 0; k < (mode == 0 ? n : 1); k++) {
          const out = sbuf(rows);
          select_sorted_32(out, vals, idx, rows, n, mode, k, 0);
          for (let r = 0; r < rows; r++) {
            const b = r * n;
            let pos = k;
            if (mode == 1 || mode == 2) {
              let m = n;
              while (m > 0 && isNaN(f(vals, b + m - 1))) m--;
              pos = mode == 2 ? max(0, (m - 1) >> 1) : m < n ? m : (n - 1) >> 1;
            } else if (mode == 3) {
              let best = 0, bestN = 0, run = 0;
              for (let j = 0; j < n; j++) {
                run++;
                if (j == n - 1 || f(vals, b + j) != f(vals, b + j + 1)) {
                  if (run > bestN) { best = j; bestN = run; }
                  run = 0;
                }
              }
              pos = best;
            }
            expect<i32>(gi(out, r)).toBe(gi(idx, b + pos));
          }
          expectSentinels(out, rows);
        }
      }
    }
  });
});

describe("searchsorted_32 / isin_32 / cumext_32", () => {
  it("insertion points left and right, shared and per-row boundaries, int boundaries for float values, NaN", () => {
    const n = 6;
    const seq = sbuf(2 * n);
    const b: f32[] = [-1, 0, 0, 2.5, 4, NaN, /**/ -3, -3, -2, 1, 1, 7];
    for (let i = 0; i < 2 * n; i++) setf(seq, i, b[i]);
    const seqI = sbuf(n);
    for (let i = 0; i < n; i++) seti(seqI, i, <i32>b[6 + i]);
    for (let per = 0; per <= 9; per++) {
      const vals = sbuf(2 * per);
      for (let i = 0; i < 2 * per; i++) setf(vals, i, i % 5 == 4 ? NaN : <f32>((i * 3) % 11) * <f32>0.5 - 3);
      for (let right = 0; right < 2; right++) {
        for (let shared = 0; shared < 2; shared++) {
          for (let si = 0; si < 2; si++) {
            if (si && !shared) continue;
            const out = sbuf(2 * per);
            searchsorted_32(out, si ? seqI : seq, vals, 2, per, n, shared ? 0 : n, right, si, 0);
            for (let r = 0; r < 2; r++) {
              for (let i = 0; i < per; i++) {
                const x = <f64>f(vals, r * per + i);
                let c = 0;
                while (c < n) {
                  const m: f64 = si ? <f64>gi(seqI, c) : <f64>f(seq, (shared ? 0 : r * n) + c);
                  if (right ? !(m > x) : !(m >= x)) c++; else break;
                }
                expect<i32>(gi(out, r * per + i)).toBe(c);
              }
            }
            expectSentinels(out, 2 * per);
          }
        }
      }
    }
  });
  it("isin: membership by value across f32 and i32, -0 equals 0, NaN in nothing, invert", () => {
    const test = sbuf(7);
    const tv: f32[] = [-2, -0.0, 1, 1, 3.5, NaN, NaN];
    for (let i = 0; i < 7; i++) setf(test, i, tv[i]);
    const testI = sbuf(3);
    seti(testI, 0, -2); seti(testI, 1, 0); seti(testI, 2, 16777217);
    for (let ne = 0; ne <= 9; ne++) {
      const e = sbuf(ne);
      const ei = sbuf(ne);
      const ev: f32[] = [0.0, NaN, 1, 3.5, -2, 2, -0.0, 16777216, 3];
      for (let i = 0; i < ne; i++) { setf(e, i, ev[i]); seti(ei, i, i == 7 ? 16777217 : (isNaN(ev[i]) ? 9 : <i32>ev[i])); }
      for (let invert = 0; invert < 2; invert++) {
        const out = sbuf(ne);
        isin_32(out, e, ne, test, 7, invert, 0, 0);
        for (let i = 0; i < ne; i++) {
          let hit = false;
          for (let j = 0; j < 7; j++) if (f(e, i) == tv[j]) hit = true;
          expect<i32>(gi(out, i)).toBe(hit != (invert == 1) ? 1 : 0);
        }
        expectSentinels(out, ne);
        const o2 = sbuf(ne);
        isin_32(o2, ei, ne, testI, 3, invert, 1, 1);
        for (let i = 0; i < ne; i++) {
          const x = gi(ei, i);
          const hit = x == -2 || x == 0 || x == 16777217;
          expect<i32>(gi(o2, i)).toBe(hit != (invert == 1) ? 1 : 0);
        }
        expectSentinels(o2, ne);
        const o3 = sbuf(ne);
        isin_32(o3, e, ne, testI, 3, invert, 0, 1); // float elements, int test values
        for (let i = 0; i < ne; i++) {
          const x = f(e, i);
          const hit = x == -2 || x == 0;
          expect<i32>(gi(o3, i)).toBe(hit != (invert == 1) ? 1 : 0);
        }
      }
    }
  });
  it("isin against test values that are all NaN: nothing is in them", () => {
    const test = sbuf(2);
    setf(test, 0, NaN); setf(test, 1, NaN);
    const e = sbuf(6);
    for (let i = 0; i < 6; i++) setf(e, i, i == 2 ? NaN : <f32>i);
    for (let invert = 0; invert < 2; invert++) {
      const out = sbuf(6);
      isin_32(out, e, 6, test, 2, invert, 0, 0);
      for (let i = 0; i < 6; i++) expect<i32>(gi(out, i)).toBe(invert);
      expectSentinels(out, 6);
    }
  });
  it("cummax/cummin indices: NaN sticks, ties move forward; int rows", () => {
    for (let n = 1; n <= 9; n++) {
      const rows = 2;
      const src = sbuf(rows * n);
      const srcI = sbuf(rows * n);
      for (let i = 0; i < rows * n; i++) {
        setf(src, i, i % 7 == 5 ? NaN : <f32>((i * 5) % 4));
        seti(srcI, i, (i * 5) % 4);
      }
      for (let mx = 0; mx < 2; mx++) {
        for (let isInt = 0; isInt < 2; isInt++) {
          const out = sbuf(rows * n);
          cumext_32(out, isInt ? srcI : src, rows, n, mx, isInt);
          for (let r = 0; r < rows; r++) {
            let best: f32 = isInt ? <f32>gi(srcI, r * n) : f(src, r * n);
            let at = 0;
            for (let j = 0; j < n; j++) {
              const y: f32 = isInt ? <f32>gi(srcI, r * n + j) : f(src, r * n + j);
              if (y != y || (best == best && (mx ? y >= best : y <= best))) { best = y; at = j; }
              expect<i32>(gi(out, r * n + j)).toBe(at);
            }
          }
          expectSentinels(out, rows * n);
        }
      }
    }
  });
});
