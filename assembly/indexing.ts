// Gathers and scatters along one axis of contiguous (outer, n, inner) blocks of 32-bit words.
// Indices are i32 and already checked by the TypeScript side.

/** out[o, j, :] = src[o, idx[j], :]; src is (outer, nsrc, inner), out is (outer, nidx, inner). */
export function index_select_32(out: usize, src: usize, idx: usize, outer: i32, nsrc: i32, nidx: i32, inner: i32): void {
  const row = <usize>inner << 2;
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

/** torch.gather: out[o, j, k] = src[o, idx[o, j, k], k]; idx and out are (outer, nidx, inner). */
export function gather_32(out: usize, src: usize, idx: usize, outer: i32, nsrc: i32, nidx: i32, inner: i32): void {
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < nidx; j++) {
      for (let k = 0; k < inner; k++) {
        const p = (o * nidx + j) * inner + k;
        const i = load<i32>(idx + (<usize>p << 2));
        store<i32>(out + (<usize>p << 2), load<i32>(src + (<usize>((o * nsrc + i) * inner + k) << 2)));
      }
    }
  }
}

/** scatter_add: dst[o, idx[o, j, k], k] += src[o, j, k] (float32). */
export function scatter_add_f32(dst: usize, idx: usize, src: usize, outer: i32, ndst: i32, nidx: i32, inner: i32): void {
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < nidx; j++) {
      for (let k = 0; k < inner; k++) {
        const p = (o * nidx + j) * inner + k;
        const i = load<i32>(idx + (<usize>p << 2));
        const d = dst + (<usize>((o * ndst + i) * inner + k) << 2);
        store<f32>(d, load<f32>(d) + load<f32>(src + (<usize>p << 2)));
      }
    }
  }
}

/** scatter: dst[o, idx[o, j, k], k] = src[o, j, k] (32-bit words). */
export function scatter_32(dst: usize, idx: usize, src: usize, outer: i32, ndst: i32, nidx: i32, inner: i32): void {
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < nidx; j++) {
      for (let k = 0; k < inner; k++) {
        const p = (o * nidx + j) * inner + k;
        const i = load<i32>(idx + (<usize>p << 2));
        store<i32>(dst + (<usize>((o * ndst + i) * inner + k) << 2), load<i32>(src + (<usize>p << 2)));
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
