// The allocator the TypeScript side calls. AssemblyScript's TLSF heap gives
// 16-byte aligned blocks, reuses freed blocks and grows the memory on demand.

/** Allocates `bytes` (16-byte aligned). Traps if the memory cannot grow; the
 *  TypeScript side turns that trap into a RangeError naming the request. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes == 0 ? 16 : bytes);
}

export function free(ptr: usize): void {
  if (ptr != 0) heap.free(ptr);
}
