// Walking an N-d strided index space row by row.
//
// Kernels receive their shape and strides in a small `meta` block of i32 written by the
// TypeScript side: [ndim, shape[0..ndim), strides of operand 0, strides of operand 1, ...],
// strides in elements (may be 0 for broadcast, or negative for flips). The last dimension is
// the row; a row kernel handles it with a v128 loop when its strides allow.

// Per-dimension counters for the outer loop; kernels never nest, so one block suffices.
const IDX: usize = memory.data(4 * 32);

@inline export function metaNdim(meta: usize): i32 {
  return load<i32>(meta);
}

@inline export function metaShape(meta: usize, d: i32): i32 {
  return load<i32>(meta + 4 + (<usize>d << 2));
}

/** Stride of operand `k` along dimension `d`. */
@inline export function metaStride(meta: usize, k: i32, d: i32): i32 {
  const ndim = load<i32>(meta);
  return load<i32>(meta + 4 + (<usize>(ndim * (k + 1) + d) << 2));
}

/** Number of elements described by the shape. */
export function metaNumel(meta: usize): i32 {
  const ndim = metaNdim(meta);
  let n = 1;
  for (let d = 0; d < ndim; d++) n *= metaShape(meta, d);
  return n;
}

/** Number of rows (product of all but the last dimension); 1 for ndim <= 1. */
export function metaRows(meta: usize): i32 {
  const ndim = metaNdim(meta);
  let n = 1;
  for (let d = 0; d < ndim - 1; d++) n *= metaShape(meta, d);
  return n;
}

/** Length of the row (last dimension); 1 for a 0-d shape. */
@inline export function metaRowLen(meta: usize): i32 {
  const ndim = metaNdim(meta);
  return ndim == 0 ? 1 : metaShape(meta, ndim - 1);
}

/** Stride of operand k along the row (last) dimension. */
@inline export function metaRowStride(meta: usize, k: i32): i32 {
  const ndim = metaNdim(meta);
  return ndim == 0 ? 1 : metaStride(meta, k, ndim - 1);
}

export function resetIndex(meta: usize): void {
  const ndim = metaNdim(meta);
  for (let d = 0; d < ndim; d++) store<i32>(IDX + (<usize>d << 2), 0);
}

/**
 * Advances the outer index by one row and returns the change of the element offset of
 * operand k... for all operands at once: offsets[k] (i32, in elements) are updated in place
 * at `offs` for `nops` operands.
 */
export function nextRow(meta: usize, offs: usize, nops: i32): void {
  const ndim = metaNdim(meta);
  for (let d = ndim - 2; d >= 0; d--) {
    const p = IDX + (<usize>d << 2);
    const i = load<i32>(p) + 1;
    const size = metaShape(meta, d);
    if (i < size) {
      store<i32>(p, i);
      for (let k = 0; k < nops; k++) {
        const q = offs + (<usize>k << 2);
        store<i32>(q, load<i32>(q) + metaStride(meta, k, d));
      }
      return;
    }
    store<i32>(p, 0);
    for (let k = 0; k < nops; k++) {
      const q = offs + (<usize>k << 2);
      store<i32>(q, load<i32>(q) - metaStride(meta, k, d) * (size - 1));
    }
  }
}

// Offsets of up to 4 operands, in elements, for the current row.
export const OFFS: usize = memory.data(4 * 4);

export function resetOffsets(): void {
  store<i32>(OFFS, 0);
  store<i32>(OFFS, 0, 4);
  store<i32>(OFFS, 0, 8);
  store<i32>(OFFS, 0, 12);
}

@inline export function offset(k: i32): usize {
  return <usize>load<i32>(OFFS + (<usize>k << 2)) << 2;
}
