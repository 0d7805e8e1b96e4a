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
