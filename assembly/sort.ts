// Stable merge sort of contiguous rows, for torch.sort / argsort / topk / median / unique.
// NaN sorts as the largest value (PyTorch's order); equal values keep their input order.

@inline function key(src: usize, i: i32, isInt: i32): f64 {
  const p = src + (<usize>i << 2);
  return isInt ? <f64>load<i32>(p) : <f64>load<f32>(p);
}

/** True if a goes strictly before b. */
@inline function before(a: f64, b: f64, desc: i32): bool {
  return desc ? a > b || (a != a && b == b) : a < b || (b != b && a == a);
}

/**
 * Sorts each of `rows` rows of n 32-bit values (f32, or i32 when isInt) at src: vals gets the sorted
 * values, idx their positions in the row (i32). tmp is scratch of n words.
 */
export function sort_32(vals: usize, idx: usize, src: usize, tmp: usize, rows: i32, n: i32, desc: i32, isInt: i32): void {
  for (let r = 0; r < rows; r++) {
    const s = src + (<usize>(r * n) << 2);
    const ir = idx + (<usize>(r * n) << 2);
    let a = ir;
    let b = tmp;
    for (let j = 0; j < n; j++) store<i32>(a + (<usize>j << 2), j);
    for (let w = 1; w < n; w <<= 1) {
      for (let lo = 0; lo < n; lo += w << 1) {
        const mid = min(lo + w, n);
        const hi = min(lo + (w << 1), n);
        let i = lo;
        let j = mid;
        for (let k = lo; k < hi; k++) {
          const ai = i < mid ? load<i32>(a + (<usize>i << 2)) : 0;
          const bj = j < hi ? load<i32>(a + (<usize>j << 2)) : 0;
          // Take the right run's head only if it goes strictly before the left's: stable.
          const right = i >= mid || (j < hi && before(key(s, bj, isInt), key(s, ai, isInt), desc));
          store<i32>(b + (<usize>k << 2), right ? bj : ai);
          if (right) j++; else i++;
        }
      }
      const t = a; a = b; b = t;
    }
    if (a != ir) memory.copy(ir, a, <usize>n << 2);
    const v = vals + (<usize>(r * n) << 2);
    for (let j = 0; j < n; j++) {
      store<i32>(v + (<usize>j << 2), load<i32>(s + (<usize>load<i32>(ir + (<usize>j << 2)) << 2)));
    }
  }
}

// ---------------------------------------------------------------- on sorted rows (unique, kthvalue, median, mode)

/** True if word j of the 32-bit values at v differs from word j - 1 (as f32: NaN differs from itself, -0 equals 0). */
@inline function differs(v: usize, j: i32, isInt: i32): bool {
  const p = v + (<usize>j << 2);
  return isInt ? load<i32>(p) != load<i32>(p - 4) : load<f32>(p) != load<f32>(p - 4);
}

/**
 * How many groups of equal neighbours n values (f32, or i32 when isInt) form: 1 + the number of j > 0 with
 * v[j] != v[j - 1] (each NaN a group of its own). Four neighbour pairs per compare.
 */
export function unique_count_32(v: usize, n: i32, isInt: i32): i32 {
  if (n == 0) return 0;
  let acc = i32x4.splat(0);
  let j = 1;
  for (; j + 4 <= n; j += 4) {
    const p = v + (<usize>j << 2);
    const a = v128.load(p);
    const b = v128.load(p - 4);
    acc = i32x4.sub(acc, isInt ? i32x4.ne(a, b) : f32x4.ne(a, b));
  }
  let c = 1 + i32x4.extract_lane(acc, 0) + i32x4.extract_lane(acc, 1) + i32x4.extract_lane(acc, 2) + i32x4.extract_lane(acc, 3);
  for (; j < n; j++) if (differs(v, j, isInt)) c++;
  return c;
}

/**
 * The groups of equal neighbours of n values v (sorted, or in input order for unique_consecutive), where
 * perm[j] is the input position of v[j] (perm = 0: the identity): firsts[g] = the input position of group g's
 * first value, counts[g] its size, inverse[perm[j]] = the group of v[j]. firsts and counts hold
 * unique_count_32 words; each of firsts, counts, inverse may be 0 (not wanted).
 */
export function unique_fill_32(firsts: usize, counts: usize, inverse: usize, v: usize, perm: usize, n: i32, isInt: i32): void {
  let g = -1;
  for (let j = 0; j < n; j++) {
    const at = perm ? load<i32>(perm + (<usize>j << 2)) : j;
    if (j == 0 || differs(v, j, isInt)) {
      g++;
      if (firsts) store<i32>(firsts + (<usize>g << 2), at);
      if (counts) store<i32>(counts + (<usize>g << 2), 0);
    }
    if (counts) {
      const c = counts + (<usize>g << 2);
      store<i32>(c, load<i32>(c) + 1);
    }
    if (inverse) store<i32>(inverse + (<usize>at << 2), g);
  }
}

/**
 * One index per row of rows sorted ascending (vals, with their input positions idx; n per row): the one at
 * position k (mode 0), the median (1: the lower median, or the first NaN), the median ignoring NaN (2), or
 * the last of the longest run of equal values (3: torch.mode; the smallest such value, as rows are sorted).
 */
export function select_sorted_32(out: usize, vals: usize, idx: usize, rows: i32, n: i32, mode: i32, k: i32, isInt: i32): void {
  for (let r = 0; r < rows; r++) {
    const v = vals + (<usize>(r * n) << 2);
    let pos = k;
    if (mode == 1 || mode == 2) {
      let m = n;
      if (!isInt) while (m > 0 && isNaN(load<f32>(v + (<usize>(m - 1) << 2)))) m--;
      pos = mode == 2 ? max(0, (m - 1) >> 1) : m < n ? m : (n - 1) >> 1;
    } else if (mode == 3) {
      let best = 0;
      let bestN = 0;
      let run = 0;
      for (let j = 0; j < n; j++) {
        run++;
        if (j == n - 1 || differs(v, j + 1, isInt)) {
          if (run > bestN) {
            best = j;
            bestN = run;
          }
          run = 0;
        }
      }
      pos = best;
    }
    store<i32>(out + (<usize>r << 2), load<i32>(idx + (<usize>(r * n + pos) << 2)));
  }
}

/** Word i of p as f64: an i32 (I = true) or an f32. */
@inline function at<I>(p: usize, i: i32): f64 {
  const q = p + (<usize>i << 2);
  return isInteger<I>() ? <f64>load<i32>(q) : <f64>load<f32>(q);
}

/**
 * searchsorted_32 with the dtypes fixed (S: boundaries, V: values; i32 or f32 words, compared in f64): the same
 * midpoints as the loop `while (lo < hi) { mid = (lo + hi) >> 1; ... }` (it matters for NaN or unsorted
 * boundaries), its branches as selects, four values at a time so the four chains of loads overlap.
 */
@inline function searchRows<S, V>(out: usize, seq: usize, vals: usize, rows: i32, per: i32, n: i32, rowStride: i32, right: bool): void {
  const last = n - 1;
  for (let r = 0; r < rows; r++) {
    const s = seq + (<usize>(r * rowStride) << 2);
    const o = out + (<usize>(r * per) << 2);
    const v = vals + (<usize>(r * per) << 2);
    let i = 0;
    for (; i + 4 <= per; i += 4) {
      const x0 = at<V>(v, i), x1 = at<V>(v, i + 1), x2 = at<V>(v, i + 2), x3 = at<V>(v, i + 3);
      let lo0 = 0, lo1 = 0, lo2 = 0, lo3 = 0;
      let hi0 = n, hi1 = n, hi2 = n, hi3 = n;
      while (lo0 < hi0 || lo1 < hi1 || lo2 < hi2 || lo3 < hi3) {
        // a finished lane probes a valid word and keeps its bounds
        const a0 = lo0 < hi0, a1 = lo1 < hi1, a2 = lo2 < hi2, a3 = lo3 < hi3;
        const m0 = (lo0 + hi0) >> 1, m1 = (lo1 + hi1) >> 1, m2 = (lo2 + hi2) >> 1, m3 = (lo3 + hi3) >> 1;
        const b0 = at<S>(s, min(m0, last)), b1 = at<S>(s, min(m1, last)), b2 = at<S>(s, min(m2, last)), b3 = at<S>(s, min(m3, last));
        const g0 = right ? !(b0 > x0) : !(b0 >= x0);
        const g1 = right ? !(b1 > x1) : !(b1 >= x1);
        const g2 = right ? !(b2 > x2) : !(b2 >= x2);
        const g3 = right ? !(b3 > x3) : !(b3 >= x3);
        lo0 = select<i32>(m0 + 1, lo0, a0 && g0); hi0 = select<i32>(m0, hi0, a0 && !g0);
        lo1 = select<i32>(m1 + 1, lo1, a1 && g1); hi1 = select<i32>(m1, hi1, a1 && !g1);
        lo2 = select<i32>(m2 + 1, lo2, a2 && g2); hi2 = select<i32>(m2, hi2, a2 && !g2);
        lo3 = select<i32>(m3 + 1, lo3, a3 && g3); hi3 = select<i32>(m3, hi3, a3 && !g3);
      }
      store<i32>(o + (<usize>i << 2), lo0);
      store<i32>(o + (<usize>(i + 1) << 2), lo1);
      store<i32>(o + (<usize>(i + 2) << 2), lo2);
      store<i32>(o + (<usize>(i + 3) << 2), lo3);
    }
    for (; i < per; i++) {
      const x = at<V>(v, i);
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const m = at<S>(s, mid);
        const go = right ? !(m > x) : !(m >= x);
        lo = select<i32>(mid + 1, lo, go);
        hi = select<i32>(hi, mid, go);
      }
      store<i32>(o + (<usize>i << 2), lo);
    }
  }
}

/**
 * torch.searchsorted: for each of the per values of each of rows rows, the number of the row's n sorted
 * boundaries (seq, row r at r · rowStride words; rowStride 0 for one shared row) that lie before it: the binary
 * search over boundaries m with !(m >= x) (right: !(m > x)), compared in f64, so NaN lands where PyTorch puts it.
 */
export function searchsorted_32(out: usize, seq: usize, vals: usize, rows: i32, per: i32, n: i32, rowStride: i32,
  right: i32, seqInt: i32, valInt: i32): void {
  const rt = right != 0;
  if (seqInt && valInt) searchRows<i32, i32>(out, seq, vals, rows, per, n, rowStride, rt);
  else if (seqInt) searchRows<i32, f32>(out, seq, vals, rows, per, n, rowStride, rt);
  else if (valInt) searchRows<f32, i32>(out, seq, vals, rows, per, n, rowStride, rt);
  else searchRows<f32, f32>(out, seq, vals, rows, per, n, rowStride, rt);
}

/** The first of the m sorted test values at t not below e (m if none): a branch-free lower bound. */
@inline function lowerBound<T>(t: usize, m: i32, e: f64): i32 {
  let base = 0;
  let len = m;
  while (len > 1) {
    const half = len >> 1;
    base = select<i32>(base + half, base, at<T>(t, base + half) < e);
    len -= half;
  }
  return base + (at<T>(t, base) < e ? 1 : 0);
}

/**
 * isin_32 with the dtypes fixed (E: elements, T: test values, m > 0 of them): a branch-free lower bound per
 * element, then one compare; four elements at a time (their searches take the same steps), so the chains overlap.
 */
@inline function isinAll<E, T>(out: usize, elems: usize, ne: i32, test: usize, m: i32, invert: bool): void {
  let i = 0;
  for (; i + 4 <= ne; i += 4) {
    const e0 = at<E>(elems, i), e1 = at<E>(elems, i + 1), e2 = at<E>(elems, i + 2), e3 = at<E>(elems, i + 3);
    let b0 = 0, b1 = 0, b2 = 0, b3 = 0;
    let len = m;
    while (len > 1) {
      const half = len >> 1;
      b0 = select<i32>(b0 + half, b0, at<T>(test, b0 + half) < e0);
      b1 = select<i32>(b1 + half, b1, at<T>(test, b1 + half) < e1);
      b2 = select<i32>(b2 + half, b2, at<T>(test, b2 + half) < e2);
      b3 = select<i32>(b3 + half, b3, at<T>(test, b3 + half) < e3);
      len -= half;
    }
    b0 += at<T>(test, b0) < e0 ? 1 : 0;
    b1 += at<T>(test, b1) < e1 ? 1 : 0;
    b2 += at<T>(test, b2) < e2 ? 1 : 0;
    b3 += at<T>(test, b3) < e3 ? 1 : 0;
    // a lower bound of m is past the end: probe word m - 1 instead (it cannot equal e then)
    store<i32>(out + (<usize>i << 2), (b0 < m && at<T>(test, min(b0, m - 1)) == e0) != invert ? 1 : 0);
    store<i32>(out + (<usize>(i + 1) << 2), (b1 < m && at<T>(test, min(b1, m - 1)) == e1) != invert ? 1 : 0);
    store<i32>(out + (<usize>(i + 2) << 2), (b2 < m && at<T>(test, min(b2, m - 1)) == e2) != invert ? 1 : 0);
    store<i32>(out + (<usize>(i + 3) << 2), (b3 < m && at<T>(test, min(b3, m - 1)) == e3) != invert ? 1 : 0);
  }
  for (; i < ne; i++) {
    const e = at<E>(elems, i);
    const lb = lowerBound<T>(test, m, e);
    store<i32>(out + (<usize>i << 2), (lb < m && at<T>(test, lb) == e) != invert ? 1 : 0);
  }
}

/**
 * torch.isin: out[i] = 1 where element i equals one of the nt test values (sorted ascending, NaN last;
 * compared in f64, so -0 equals 0 and int64 and float32 values compare by value; NaN equals nothing),
 * else 0; the other way round when invert.
 */
export function isin_32(out: usize, elems: usize, ne: i32, test: usize, nt: i32, invert: i32, elemInt: i32, testInt: i32): void {
  let m = nt;
  if (!testInt) while (m > 0 && isNaN(load<f32>(test + (<usize>(m - 1) << 2)))) m--;
  const inv = invert != 0;
  if (m == 0) {
    for (let i = 0; i < ne; i++) store<i32>(out + (<usize>i << 2), inv ? 1 : 0);
    return;
  }
  if (elemInt && testInt) isinAll<i32, i32>(out, elems, ne, test, m, inv);
  else if (elemInt) isinAll<i32, f32>(out, elems, ne, test, m, inv);
  else if (testInt) isinAll<f32, i32>(out, elems, ne, test, m, inv);
  else isinAll<f32, f32>(out, elems, ne, test, m, inv);
}

/**
 * cummax (max = 1) / cummin along rows of n: idx[j] = the index of the running extreme (PyTorch's rule: a
 * NaN sticks, and a tie moves the index forward).
 */
export function cumext_32(idx: usize, src: usize, rows: i32, n: i32, max: i32, isInt: i32): void {
  for (let r = 0; r < rows; r++) {
    const s = src + (<usize>(r * n) << 2);
    const o = idx + (<usize>(r * n) << 2);
    if (isInt) {
      let best = load<i32>(s);
      let at = 0;
      for (let j = 0; j < n; j++) {
        const y = load<i32>(s + (<usize>j << 2));
        if (max ? y >= best : y <= best) {
          best = y;
          at = j;
        }
        store<i32>(o + (<usize>j << 2), at);
      }
    } else {
      let best = load<f32>(s);
      let at = 0;
      for (let j = 0; j < n; j++) {
        const y = load<f32>(s + (<usize>j << 2));
        if (y != y || (best == best && (max ? y >= best : y <= best))) {
          best = y;
          at = j;
        }
        store<i32>(o + (<usize>j << 2), at);
      }
    }
  }
}
