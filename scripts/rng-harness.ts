// Harness for scripts/rng-check.mjs: assembly/random.ts plus an allocator.
export * from "../assembly/random";

export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}
