// Integer matrix products (torch.mm, matmul, dot, mv, bmm on int64 tensors, stored as i32): each element
// summed in i64 in k order, wrapping at 2^64 as PyTorch's int64 does, then stored as i32. The return value
// says whether any element left the i32 range (TypeScript turns that into tocha's int64 range error).
// Float products go through matmul.ts; these are the plain loops PyTorch runs for integers too.

/**
 * C (M×N, contiguous) = A (M×K) · B (K×N), A and B addressed by element strides (sam, sak) and (sbk, sbn).
 * Returns 1 if some element of C does not fit in 32 bits, else 0.
 */
export function mm_i32(c: usize, a: usize, b: usize, m: i32, n: i32, k: i32, sam: i32, sak: i32, sbk: i32, sbn: i32): i32 {
  let wide = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc: i64 = 0;
      let pa = a + (<usize>(i * sam) << 2);
      let pb = b + (<usize>(j * sbn) << 2);
      for (let p = 0; p < k; p++) {
        acc += <i64>load<i32>(pa) * <i64>load<i32>(pb);
        pa += <usize>sak << 2;
        pb += <usize>sbk << 2;
      }
      const r = <i32>acc;
      if (<i64>r != acc) wide = 1;
      store<i32>(c + (<usize>(i * n + j) << 2), r);
    }
  }
  return wide;
}
