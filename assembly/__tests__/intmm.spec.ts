// mm_i32: integer products summed in i64 (wrapping at 2^64, as PyTorch's int64), any strides, and the flag
// for an element outside 32 bits.
import { mm_i32 } from "../intmm";

function buf(n: i32): usize { return heap.alloc(<usize>(n * 4) + 16); }
@inline function gi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
@inline function seti(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }

describe("mm_i32", () => {
  it("matches a plain i64 loop for transposed and broadcast operands", () => {
    // A is 3×4 read row-major or transposed (a 4×3 buffer read with strides (1, 3)), B 4×2 or a broadcast row
    const a = buf(12);
    const b = buf(8);
    for (let i = 0; i < 12; i++) seti(a, i, (i * 7) % 11 - 5);
    for (let i = 0; i < 8; i++) seti(b, i, (i * 5) % 9 - 4);
    const c = buf(6);
    for (let layout = 0; layout < 3; layout++) {
      const sam = layout == 1 ? 1 : 4, sak = layout == 1 ? 3 : 1;
      const sbk = layout == 2 ? 0 : 2, sbn = 1;
      expect<i32>(mm_i32(c, a, b, 3, 2, 4, sam, sak, sbk, sbn)).toBe(0);
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 2; j++) {
          let s: i64 = 0;
          for (let p = 0; p < 4; p++) s += <i64>gi(a, i * sam + p * sak) * <i64>gi(b, p * sbk + j * sbn);
          expect<i32>(gi(c, i * 2 + j)).toBe(<i32>s);
        }
      }
    }
  });
  it("flags an element past 32 bits, and sums past them that come back exactly", () => {
    const a = buf(2);
    const b = buf(2);
    seti(a, 0, 2147483647); seti(a, 1, 1);
    seti(b, 0, 1); seti(b, 1, 1);
    const c = buf(1);
    expect<i32>(mm_i32(c, a, b, 1, 1, 2, 2, 1, 1, 1)).toBe(1);
    // (2^31 - 1)·2 - (2^32 - 2) = 0: the partial sum leaves 32 bits, the result does not
    seti(a, 1, -2147483647); seti(b, 0, 2); seti(b, 1, 2);
    expect<i32>(mm_i32(c, a, b, 1, 1, 2, 2, 1, 1, 1)).toBe(0);
    expect<i32>(gi(c, 0)).toBe(0);
  });
});
