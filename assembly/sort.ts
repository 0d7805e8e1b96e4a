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

@inline function word(p: usize, i: i32, isInt: i32): f64 {
  const q = p + (<usize>i << 2);
  return isInt ? <f64>load<i32>(q) : <f64>load<f32>(q);
}

/**
 * torch.searchsorted: for each of the per values of each of rows rows, the number of the row's n sorted
 * boundaries (seq, row r at r · n; rowStride 0 for one shared row) that lie before it: boundaries m with
 * !(m >= x) (right: !(m > x)), compared in f64, so NaN lands where PyTorch puts it.
 */
export function searchsorted_32(out: usize, seq: usize, vals: usize, rows: i32, per: i32, n: i32, rowStride: i32,
  right: i32, seqInt: i32, valInt: i32): void {
  for (let r = 0; r < rows; r++) {
    const s = seq + (<usize>(r * rowStride) << 2);
    for (let i = 0; i < per; i++) {
      const at = r * per + i;
      const x = word(vals, at, valInt);
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const m = word(s, mid, seqInt);
        if (right ? !(m > x) : !(m >= x)) lo = mid + 1;
        else hi = mid;
      }
      store<i32>(out + (<usize>at << 2), lo);
    }
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
  for (let i = 0; i < ne; i++) {
    const e = word(elems, i, elemInt);
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (word(test, mid, testInt) < e) lo = mid + 1;
      else hi = mid;
    }
    const found = lo < m && word(test, lo, testInt) == e;
    store<i32>(out + (<usize>i << 2), found != (invert != 0) ? 1 : 0);
  }
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
