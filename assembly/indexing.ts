// Gathers and scatters along one axis of contiguous (outer, n, inner) blocks of 32-bit words.
// Indices are i32 and already checked by the TypeScript side.

/** out[o, j, :] = src[o, idx[j], :]; src is (outer, nsrc, inner), out is (outer, nidx, inner). */
export function index_select_32(out: usize, src: usize, idx: usize, outer: i32, nsrc: i32, nidx: i32, inner: i32): void {
  const row = <usize>inner << 2;
  if (inner == 1) {
    // single words: a load and a store each (memory.copy's call costs more than the word)
    for (let o = 0; o < outer; o++) {
      const s = src + (<usize>(o * nsrc) << 2);
      const d = out + (<usize>(o * nidx) << 2);
      for (let j = 0; j < nidx; j++) {
        const q = <usize>j << 2;
        store<i32>(d + q, load<i32>(s + (<usize>load<i32>(idx + q) << 2)));
      }
    }
    return;
  }
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < nidx; j++) {
      const i = load<i32>(idx + (<usize>j << 2));
      memory.copy(
        out + (<usize>(o * nidx + j) * row),
        src + (<usize>(o * nsrc + i) * row),
        row,
      );
    }
  }
}

/** dst[o, idx[j], :] += src[o, j, :] (float32). */
export function index_add_f32(dst: usize, idx: usize, src: usize, outer: i32, ndst: i32, nidx: i32, inner: i32): void {
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < nidx; j++) {
      const i = load<i32>(idx + (<usize>j << 2));
      const d = dst + (<usize>((o * ndst + i) * inner) << 2);
      const s = src + (<usize>((o * nidx + j) * inner) << 2);
      let k = 0;
      for (; k + 4 <= inner; k += 4) {
        const q = <usize>k << 2;
        v128.store(d + q, f32x4.add(v128.load(d + q), v128.load(s + q)));
      }
      for (; k < inner; k++) {
        const q = <usize>k << 2;
        store<f32>(d + q, load<f32>(d + q) + load<f32>(s + q));
      }
    }
  }
}

// gather / scatter walk idx (and out or src) in order with running pointers; the other side is addressed
// from the start of its (o) block, src[o, i, k] at ((o · n + i) · inner + k) words.

/** torch.gather: out[o, j, k] = src[o, idx[o, j, k], k]; idx and out are (outer, nidx, inner). */
export function gather_32(out: usize, src: usize, idx: usize, outer: i32, nsrc: i32, nidx: i32, inner: i32): void {
  let q: usize = 0; // byte offset into idx and out
  for (let o = 0; o < outer; o++) {
    const block = src + (<usize>o * <usize>nsrc * <usize>inner << 2);
    for (let j = 0; j < nidx; j++) {
      for (let k = 0; k < inner; k++) {
        const i = load<i32>(idx + q);
        store<i32>(out + q, load<i32>(block + (<usize>(i * inner + k) << 2)));
        q += 4;
      }
    }
  }
}

/** scatter_add: dst[o, idx[o, j, k], k] += src[o, j, k] (float32), in order. */
export function scatter_add_f32(dst: usize, idx: usize, src: usize, outer: i32, ndst: i32, nidx: i32, inner: i32): void {
  let q: usize = 0; // byte offset into idx and src
  for (let o = 0; o < outer; o++) {
    const block = dst + (<usize>o * <usize>ndst * <usize>inner << 2);
    for (let j = 0; j < nidx; j++) {
      for (let k = 0; k < inner; k++) {
        const d = block + (<usize>(load<i32>(idx + q) * inner + k) << 2);
        store<f32>(d, load<f32>(d) + load<f32>(src + q));
        q += 4;
      }
    }
  }
}

/** scatter: dst[o, idx[o, j, k], k] = src[o, j, k] (32-bit words), in order (a repeated place keeps the last). */
export function scatter_32(dst: usize, idx: usize, src: usize, outer: i32, ndst: i32, nidx: i32, inner: i32): void {
  let q: usize = 0;
  for (let o = 0; o < outer; o++) {
    const block = dst + (<usize>o * <usize>ndst * <usize>inner << 2);
    for (let j = 0; j < nidx; j++) {
      for (let k = 0; k < inner; k++) {
        store<i32>(block + (<usize>(load<i32>(idx + q) * inner + k) << 2), load<i32>(src + q));
        q += 4;
      }
    }
  }
}

/** Lower (upper = 0) or upper triangle of contiguous (batch, rows, cols) words, diagonal offset k; the rest zero. */
export function tri_32(out: usize, a: usize, batch: i32, rows: i32, cols: i32, k: i32, upper: i32): void {
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const p = <usize>((b * rows + i) * cols + j) << 2;
        const keep = upper != 0 ? j - i >= k : j - i <= k;
        store<i32>(out + p, keep ? load<i32>(a + p) : 0);
      }
    }
  }
}

// ---------------------------------------------------------------- masks (masked_select and its gradient)
// A bool tensor's words are 0 or 1. Four words at a time: the lanes' mask bits (0-15) pick a swizzle
// (a table row) that packs the selected words together, or spreads packed words out to the selected lanes.

/** Per mask pattern (0-15), the swizzle bytes that move the words of the lanes set to the front, in order
 *  (0xff: zero). */
const PACK = memory.data<u8>([
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0x00, 0x01, 0x02, 0x03, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0x04, 0x05, 0x06, 0x07, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0x08, 0x09, 0x0a, 0x0b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0x00, 0x01, 0x02, 0x03, 0x08, 0x09, 0x0a, 0x0b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0xff, 0xff, 0xff, 0xff,
  0x0c, 0x0d, 0x0e, 0x0f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0x00, 0x01, 0x02, 0x03, 0x0c, 0x0d, 0x0e, 0x0f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0x04, 0x05, 0x06, 0x07, 0x0c, 0x0d, 0x0e, 0x0f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x0c, 0x0d, 0x0e, 0x0f, 0xff, 0xff, 0xff, 0xff,
  0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0x00, 0x01, 0x02, 0x03, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0xff, 0xff, 0xff, 0xff,
  0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0xff, 0xff, 0xff, 0xff,
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
], 16);

/** Per mask pattern, the swizzle bytes that move packed words 0, 1, ... to the lanes set, in order. */
const SPREAD = memory.data<u8>([
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0x00, 0x01, 0x02, 0x03, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02, 0x03, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02, 0x03, 0xff, 0xff, 0xff, 0xff,
  0x00, 0x01, 0x02, 0x03, 0xff, 0xff, 0xff, 0xff, 0x04, 0x05, 0x06, 0x07, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0xff, 0xff, 0xff, 0xff,
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02, 0x03,
  0x00, 0x01, 0x02, 0x03, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x04, 0x05, 0x06, 0x07,
  0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02, 0x03, 0xff, 0xff, 0xff, 0xff, 0x04, 0x05, 0x06, 0x07,
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0xff, 0xff, 0xff, 0xff, 0x08, 0x09, 0x0a, 0x0b,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
  0x00, 0x01, 0x02, 0x03, 0xff, 0xff, 0xff, 0xff, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
  0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
], 16);

/** How many of n mask words are nonzero. */
export function mask_count_32(mask: usize, n: i32): i32 {
  let acc = i32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    // a set lane compares to -1
    acc = i32x4.sub(acc, i32x4.ne(v128.load(mask + (<usize>i << 2)), i32x4.splat(0)));
  }
  let c = i32x4.extract_lane(acc, 0) + i32x4.extract_lane(acc, 1) + i32x4.extract_lane(acc, 2) + i32x4.extract_lane(acc, 3);
  for (; i < n; i++) if (load<i32>(mask + (<usize>i << 2)) != 0) c++;
  return c;
}

/**
 * The words of src (n of them) where mask is nonzero, in order, to out (which holds exactly that many:
 * mask_count_32). A block of four is packed by one swizzle while 16 bytes still fit in out.
 */
export function masked_select_32(out: usize, src: usize, mask: usize, n: i32, count: i32): void {
  let k = out;
  const end = out + (<usize>count << 2);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const q = <usize>i << 2;
    const bits = i32x4.bitmask(i32x4.ne(v128.load(mask + q), i32x4.splat(0)));
    if (bits == 0) continue;
    if (k + 16 <= end) {
      v128.store(k, i8x16.swizzle(v128.load(src + q), v128.load(PACK + (<usize>bits << 4))));
      k += <usize>popcnt<i32>(bits) << 2;
    } else {
      for (let j = 0; j < 4; j++) {
        if ((bits >> j) & 1) {
          store<i32>(k, load<i32>(src + q + (<usize>j << 2)));
          k += 4;
        }
      }
    }
  }
  for (; i < n; i++) {
    const q = <usize>i << 2;
    if (load<i32>(mask + q) != 0) {
      store<i32>(k, load<i32>(src + q));
      k += 4;
    }
  }
}

/**
 * The inverse: src's words (count of them) in order to the words of out (n of them) where mask is
 * nonzero; the other words of out are left as they are.
 */
export function masked_scatter_32(out: usize, mask: usize, src: usize, n: i32, count: i32): void {
  let k = src;
  const end = src + (<usize>count << 2);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const q = <usize>i << 2;
    const m = i32x4.ne(v128.load(mask + q), i32x4.splat(0));
    const bits = i32x4.bitmask(m);
    if (bits == 0) continue;
    if (k + 16 <= end) {
      const spread = i8x16.swizzle(v128.load(k), v128.load(SPREAD + (<usize>bits << 4)));
      v128.store(out + q, v128.bitselect(spread, v128.load(out + q), m));
      k += <usize>popcnt<i32>(bits) << 2;
    } else {
      for (let j = 0; j < 4; j++) {
        if ((bits >> j) & 1) {
          store<i32>(out + q + (<usize>j << 2), load<i32>(k));
          k += 4;
        }
      }
    }
  }
  for (; i < n; i++) {
    const q = <usize>i << 2;
    if (load<i32>(mask + q) != 0) {
      store<i32>(out + q, load<i32>(k));
      k += 4;
    }
  }
}

// ---------------------------------------------------------------- nonzero and index lists

/** Coordinates of the row being scanned by nonzero_32 (main thread only: static scratch). */
const COORD: usize = memory.data(4 * 32);

/**
 * The coordinates of the nonzero words of a contiguous tensor (mask, shape [nd, shape...] at meta), in
 * row-major order: count of them (mask_count_32), as rows of nd (out[k * nd + d]) or, when cols, as nd
 * columns (out[d * count + k]). Each row of the last dimension is scanned four words at a time; a block
 * with no nonzero word costs one compare.
 */
export function nonzero_32(out: usize, mask: usize, meta: usize, count: i32, cols: i32): void {
  const nd = load<i32>(meta);
  if (nd == 0 || count == 0) return;
  const L = load<i32>(meta + (<usize>nd << 2));
  let rows = 1;
  for (let d = 0; d < nd - 1; d++) {
    rows *= load<i32>(meta + 4 + (<usize>d << 2));
    store<i32>(COORD + (<usize>d << 2), 0);
  }
  const stepK: usize = cols ? 4 : <usize>nd << 2;
  const stepD: usize = cols ? <usize>count << 2 : 4;
  const last = <usize>(nd - 1) * stepD;
  let o = out;
  let p = mask;
  for (let r = 0; r < rows; r++) {
    let j = 0;
    for (; j + 4 <= L; j += 4) {
      let bits = i32x4.bitmask(i32x4.ne(v128.load(p + (<usize>j << 2)), i32x4.splat(0)));
      while (bits != 0) {
        const b = ctz<i32>(bits);
        bits &= bits - 1;
        for (let d = 0; d < nd - 1; d++) store<i32>(o + <usize>d * stepD, load<i32>(COORD + (<usize>d << 2)));
        store<i32>(o + last, j + b);
        o += stepK;
      }
    }
    for (; j < L; j++) {
      if (load<i32>(p + (<usize>j << 2)) != 0) {
        for (let d = 0; d < nd - 1; d++) store<i32>(o + <usize>d * stepD, load<i32>(COORD + (<usize>d << 2)));
        store<i32>(o + last, j);
        o += stepK;
      }
    }
    p += <usize>L << 2;
    // the next row's coordinates (an odometer over the leading dims)
    for (let d = nd - 2; d >= 0; d--) {
      const c = COORD + (<usize>d << 2);
      const v = load<i32>(c) + 1;
      if (v < load<i32>(meta + 4 + (<usize>d << 2))) {
        store<i32>(c, v);
        break;
      }
      store<i32>(c, 0);
    }
  }
}

/**
 * Index values checked against a dim of `size` and wrapped (negative ones count from the end), into out:
 * out[p] = wrap(idx[p]), or out[p] * size + wrap(idx[p]) when acc (the row-major position within several
 * indexed dims, one index tensor at a time). Returns the first position holding an index outside
 * [-size, size), or -1; out is then incomplete.
 */
export function index_wrap_32(out: usize, idx: usize, n: i32, size: i32, acc: i32): i32 {
  const lo = i32x4.splat(-size);
  const hi = i32x4.splat(size);
  const zero = i32x4.splat(0);
  let p = 0;
  for (; p + 4 <= n; p += 4) {
    const q = <usize>p << 2;
    const v = v128.load(idx + q);
    if (v128.any_true(v128.or(i32x4.lt_s(v, lo), i32x4.ge_s(v, hi)))) break;
    let w = i32x4.add(v, v128.and(i32x4.lt_s(v, zero), hi));
    if (acc) w = i32x4.add(i32x4.mul(v128.load(out + q), hi), w);
    v128.store(out + q, w);
  }
  for (; p < n; p++) {
    const q = <usize>p << 2;
    const v = load<i32>(idx + q);
    if (v < -size || v >= size) return p;
    const w = v < 0 ? v + size : v;
    store<i32>(out + q, acc ? load<i32>(out + q) * size + w : w);
  }
  return -1;
}

/** dst[o, idx[j], :] = src[o, j, :] in order (a repeated index keeps the last row written). */
export function index_copy_32(dst: usize, idx: usize, src: usize, outer: i32, ndst: i32, nidx: i32, inner: i32): void {
  const row = <usize>inner << 2;
  if (inner == 1) {
    for (let o = 0; o < outer; o++) {
      const d = dst + (<usize>(o * ndst) << 2);
      const s = src + (<usize>(o * nidx) << 2);
      for (let j = 0; j < nidx; j++) {
        const q = <usize>j << 2;
        store<i32>(d + (<usize>load<i32>(idx + q) << 2), load<i32>(s + q));
      }
    }
    return;
  }
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < nidx; j++) {
      const i = load<i32>(idx + (<usize>j << 2));
      memory.copy(dst + <usize>(o * ndst + i) * row, src + <usize>(o * nidx + j) * row, row);
    }
  }
}

/**
 * repeat_interleave's indices: i written repeats[i] times for i < n, in order (each one `each` times when
 * repeats is 0). The caller sizes out to the total.
 */
export function repeat_index_32(out: usize, repeats: usize, n: i32, each: i32): void {
  let o = out;
  for (let i = 0; i < n; i++) {
    const r = repeats ? load<i32>(repeats + (<usize>i << 2)) : each;
    const v = i32x4.splat(i);
    let k = 0;
    for (; k + 4 <= r; k += 4) {
      v128.store(o, v);
      o += 16;
    }
    for (; k < r; k++) {
      store<i32>(o, i);
      o += 4;
    }
  }
}

/** Float to int64-as-i32 as JavaScript's ToInt32 (truncate, then modulo 2^32; NaN and infinities 0). */
@inline export function toInt32(v: f64): i32 {
  if (!isFinite(v)) return 0;
  const t = trunc(v);
  const r = t - floor(t / 4294967296.0) * 4294967296.0;
  return <i32><u32>r;
}

/**
 * torch.bincount of n non-negative indices x into nbins bins of out. wmode 0: counts (i32); 1: sums of f32
 * weights w in index order, in f32 (PyTorch 1.13's float accumulator for float weights); 2: sums of i32
 * weights in f64 (PyTorch converts them to double and returns double: here rounded once to f32); 3: the f32
 * of 1 / count in f64 (embedding's scale_grad_by_freq; Infinity for an empty bin). tmp: nbins f64 (mode 2).
 */
export function bincount_32(out: usize, x: usize, w: usize, n: i32, nbins: i32, wmode: i32, tmp: usize): void {
  if (wmode == 0 || wmode == 3) {
    memory.fill(out, 0, <usize>nbins << 2);
    for (let i = 0; i < n; i++) {
      const p = out + (<usize>load<i32>(x + (<usize>i << 2)) << 2);
      store<i32>(p, load<i32>(p) + 1);
    }
    if (wmode == 3) {
      for (let b = 0; b < nbins; b++) {
        const p = out + (<usize>b << 2);
        store<f32>(p, <f32>(1.0 / <f64>load<i32>(p)));
      }
    }
    return;
  }
  if (wmode == 1) {
    memory.fill(out, 0, <usize>nbins << 2);
    for (let i = 0; i < n; i++) {
      const p = out + (<usize>load<i32>(x + (<usize>i << 2)) << 2);
      store<f32>(p, load<f32>(p) + load<f32>(w + (<usize>i << 2)));
    }
    return;
  }
  memory.fill(tmp, 0, <usize>nbins << 3);
  for (let i = 0; i < n; i++) {
    const p = tmp + (<usize>load<i32>(x + (<usize>i << 2)) << 3);
    store<f64>(p, load<f64>(p) + <f64>load<i32>(w + (<usize>i << 2)));
  }
  for (let b = 0; b < nbins; b++) store<f32>(out + (<usize>b << 2), <f32>load<f64>(tmp + (<usize>b << 3)));
}

/**
 * torch.histc's counts of n floats into `bins` equal bins over [lo, hi] (f32 counts), as PyTorch 1.13
 * computes them (histogramdd's linear interpolation, all in float32 over the float edges l = f32(lo),
 * r = f32(hi)): an element e with l <= e <= r goes to bin trunc((e - l) / (r - l) · bins), the top
 * edge into the last bin; elements outside are skipped (checked against PyTorch on 100k elements around
 * the edges: other orders of the same operations, or f64, put some elements one bin off). NaN passes
 * PyTorch's range check and its cast to int64 gives INT64_MIN, whose index wraps to bin 0 (on x86 and on
 * ARM, where the cast gives 0): so NaN, and an infinite or NaN quotient, count in bin 0.
 */
export function histc_f32(h: usize, x: usize, n: i32, bins: i32, lo: f64, hi: f64): void {
  memory.fill(h, 0, <usize>bins << 2);
  const l = <f32>lo;
  const r = <f32>hi;
  const span = r - l;
  const nb = <f32>bins;
  for (let i = 0; i < n; i++) {
    const e = load<f32>(x + (<usize>i << 2));
    if (e < l || e > r) continue;
    const t = ((e - l) / span) * nb;
    // t is in [0, bins] when finite: (e - l) / (r - l) <= 1
    let b = t - t == 0 ? <i32>t : 0;
    if (b >= bins) b = bins - 1;
    const p = h + (<usize>b << 2);
    store<f32>(p, load<f32>(p) + 1);
  }
}

/**
 * torch.scatter_reduce: acc (f64, xn words of x's values) and cnt (i32: how many values each element has
 * taken, 1 for x's own when include_self) start from x; then for each position of idx (shape and x's and
 * src's element strides in meta: [nd, idx shape, x strides, src strides]) the src value goes into x's
 * element at idx along d: the first value taken replaces, the next ones reduce (op 0 sum, 1 prod, 2 mean,
 * 3 amax, 4 amin; NaN wins amax/amin), in x's dtype as PyTorch does: each f32 sum or product rounded to f32
 * (the f64 of two f32 values' sum or product rounds to the f32 one), ints exact in f64 and wrapped to i32 at
 * the end. Then out = acc, for mean divided by cnt where cnt > 0 (f32 division; floor division for ints, as
 * PyTorch's div_(count, "floor")). Words are f32, or i32 where `ints` says so (bit 0: x and out, bit 1: src).
 * Integer products that leave i32 stay out (but for a zero factor); returns 1 if an integer result is outside
 * [-2^31, 2^31) (int64 words cannot hold it), else 0.
 */
export function scatter_reduce_32(out: usize, cnt: usize, acc: usize, x: usize, xn: i32, idx: usize, src: usize,
  meta: usize, d: i32, op: i32, self: i32, ints: i32): i32 {
  const isInt = ints & 1;
  const srcInt = ints & 2;
  for (let i = 0; i < xn; i++) {
    const q = <usize>i << 2;
    store<f64>(acc + (<usize>i << 3), isInt ? <f64>load<i32>(x + q) : <f64>load<f32>(x + q));
    store<i32>(cnt + q, self ? 1 : 0);
  }
  const nd = load<i32>(meta);
  let n = 1;
  for (let k = 0; k < nd; k++) {
    n *= load<i32>(meta + 4 + (<usize>k << 2));
    store<i32>(COORD + (<usize>k << 2), 0);
  }
  const xs = meta + 4 + (<usize>nd << 2);
  const ss = xs + (<usize>nd << 2);
  const xd = d < nd ? load<i32>(xs + (<usize>d << 2)) : 0; // a 0-d x has one element
  let xo = 0; // x's offset of the idx position without its d coordinate
  let so = 0;
  for (let p = 0; p < n; p++) {
    const o = xo + load<i32>(idx + (<usize>p << 2)) * xd;
    const sq = <usize>so << 2;
    const v = srcInt ? <f64>load<i32>(src + sq) : <f64>load<f32>(src + sq);
    const ap = acc + (<usize>o << 3);
    const cp = cnt + (<usize>o << 2);
    const c = load<i32>(cp);
    store<i32>(cp, c + 1);
    if (c == 0) store<f64>(ap, v);
    else {
      const a = load<f64>(ap);
      let r: f64;
      if (op == 1) {
        r = a * v;
        // an integer product past 2^32 is out of range unless a zero comes: keep it from reaching Infinity (0 · Inf is NaN)
        if (isInt && abs(r) > 4294967296.0) r = copysign(4294967296.0, r);
      }
      else if (op == 3) r = v > a || v != v ? v : a;
      else if (op == 4) r = v < a || v != v ? v : a;
      else r = a + v;
      store<f64>(ap, isInt ? r : <f64><f32>r);
    }
    // next idx position (odometer), moving the offsets along
    for (let k = nd - 1; k >= 0; k--) {
      const cq = COORD + (<usize>k << 2);
      const c1 = load<i32>(cq) + 1;
      const xk = k == d ? 0 : load<i32>(xs + (<usize>k << 2));
      const sk = load<i32>(ss + (<usize>k << 2));
      if (c1 < load<i32>(meta + 4 + (<usize>k << 2))) {
        store<i32>(cq, c1);
        xo += xk;
        so += sk;
        break;
      }
      store<i32>(cq, 0);
      xo -= xk * (c1 - 1);
      so -= sk * (c1 - 1);
    }
  }
  let wrong = false;
  for (let i = 0; i < xn; i++) {
    const v = load<f64>(acc + (<usize>i << 3));
    const c = op == 2 ? load<i32>(cnt + (<usize>i << 2)) : 0;
    if (isInt) {
      const r = c > 1 ? Math.floor(v / <f64>c) : v;
      wrong |= r < -2147483648.0 || r >= 2147483648.0; // (a NaN from a float src stays 0, as before)
      store<i32>(out + (<usize>i << 2), toInt32(r));
    } else store<f32>(out + (<usize>i << 2), c > 1 ? <f32>v / <f32>c : <f32>v);
  }
  return wrong ? 1 : 0;
}

/**
 * multilabel_margin_loss's targets: for each of n rows of c int64 targets (a row ends at its first
 * negative), counts[r, j] += 1 and notT[r, j] = 0 for each target j (counts start at 0, notT at 1; f32).
 * Returns the first position holding a target >= c, or -1.
 */
export function multilabel_targets_32(counts: usize, notT: usize, target: usize, n: i32, c: i32): i32 {
  const total = <usize>n * <usize>c;
  memory.fill(counts, 0, total << 2);
  for (let i: usize = 0; i < total; i++) store<f32>(notT + (i << 2), 1);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < c; k++) {
      const p = r * c + k;
      const j = load<i32>(target + (<usize>p << 2));
      if (j < 0) break;
      if (j >= c) return p;
      const q = <usize>(r * c + j) << 2;
      store<f32>(counts + q, load<f32>(counts + q) + 1);
      store<f32>(notT + q, 0);
    }
  }
  return -1;
}

/**
 * embedding_bag's bags over n indices ids: bag b (of bags) holds inputs offs[b] up to offs[b + 1] (the last of
 * nOffs offsets up to n; every end at most n; offsets non-negative, checked by the caller; decreasing offsets
 * make bags overlap, so more than n may be kept), those equal to pad left out. Writes count[b] = the bag's
 * size and returns the number kept; then, unless keep is 0 (a counting pass), keep[k] = each kept input's
 * position and bagOf[k] = its bag.
 */
export function bag_index_32(keep: usize, bagOf: usize, count: usize, ids: usize, offs: usize, n: i32, bags: i32, nOffs: i32, pad: i32): i32 {
  let k = 0;
  for (let b = 0; b < bags; b++) {
    const start = load<i32>(offs + (<usize>b << 2));
    const end = min(b + 1 < nOffs ? load<i32>(offs + (<usize>(b + 1) << 2)) : n, n);
    let c = 0;
    for (let i = start; i < end; i++) {
      if (load<i32>(ids + (<usize>i << 2)) == pad) continue;
      if (keep) {
        store<i32>(keep + (<usize>k << 2), i);
        store<i32>(bagOf + (<usize>k << 2), b);
      }
      k++;
      c++;
    }
    store<i32>(count + (<usize>b << 2), c);
  }
  return k;
}
