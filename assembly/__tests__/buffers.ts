// Float buffers for the kernel specs: allocated 4 bytes past 16-byte alignment (kernels must not
// assume aligned pointers), read element-wise, and compared word by word.

export function allocF32(n: i32): usize {
  return heap.alloc(<usize>(n * 4 + 20)) + 4;
}
export function freeF32(p: usize): void {
  heap.free(p - 4);
}
export function f(p: usize, i: i32): f32 {
  return load<f32>(p + (<usize>i << 2));
}
/** Output length of a window op: (n + 2p − d(k − 1) − 1) / s + 1. */
export function outSize(n: i32, k: i32, s: i32, p: i32, d: i32): i32 {
  return (n + 2 * p - d * (k - 1) - 1) / s + 1;
}
/** Words that differ by more than tol (bitwise equality when tol = 0). */
export function mismatches(a: usize, b: usize, n: i32, tol: f32): i32 {
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const x = f(a, i), y = f(b, i);
    if (tol == 0 ? load<u32>(a + (<usize>i << 2)) != load<u32>(b + (<usize>i << 2)) : abs(x - y) > tol) bad++;
  }
  return bad;
}
