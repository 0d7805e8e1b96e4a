// sort_32 against a plain insertion sort: lengths around the merge widths, ties (stable), NaN last
// ascending and first descending, int rows, several rows at once.
import { sort_32 } from "../sort";

function buf(n: i32): usize { return heap.alloc(<usize>(n * 4) + 16); }
@inline function f(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
@inline function gi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }

function lessThan(a: f32, b: f32, desc: bool): bool {
  return desc ? a > b || (isNaN(a) && !isNaN(b)) : a < b || (isNaN(b) && !isNaN(a));
}

describe("sort_32", () => {
  it("matches a stable insertion sort for f32 rows with ties and NaN, both orders", () => {
    for (let n = 0; n < 40; n++) {
      const rows = 3;
      const src = buf(rows * n);
      const vals = buf(rows * n);
      const idx = buf(rows * n);
      const tmp = buf(n);
      for (let i = 0; i < rows * n; i++) store<f32>(src + (<usize>i << 2), i % 7 == 3 ? NaN : <f32>((i * 37) % 11) - 5);
      for (let desc = 0; desc < 2; desc++) {
        sort_32(vals, idx, src, tmp, rows, n, desc, 0);
        for (let r = 0; r < rows; r++) {
          const ref: i32[] = [];
          for (let j = 0; j < n; j++) {
            let k = ref.length;
            while (k > 0 && lessThan(f(src, r * n + j), f(src, r * n + ref[k - 1]), desc == 1)) k--;
            ref.push(j);
            for (let m = ref.length - 1; m > k; m--) ref[m] = ref[m - 1];
            ref[k] = j;
          }
          for (let j = 0; j < n; j++) {
            expect<i32>(gi(idx, r * n + j)).toBe(ref[j]);
            const v = f(vals, r * n + j);
            const w = f(src, r * n + ref[j]);
            expect<bool>(v == w || (isNaN(v) && isNaN(w))).toBe(true);
          }
        }
      }
    }
  });
  it("sorts int rows beyond f32's exact range", () => {
    const src = buf(4);
    const vals = buf(4);
    const idx = buf(4);
    const tmp = buf(4);
    store<i32>(src, 16777217); store<i32>(src + 4, 16777216); store<i32>(src + 8, -3); store<i32>(src + 12, 16777217);
    sort_32(vals, idx, src, tmp, 1, 4, 0, 1);
    expect<i32>(gi(vals, 0)).toBe(-3);
    expect<i32>(gi(vals, 1)).toBe(16777216);
    expect<i32>(gi(idx, 2)).toBe(0);
    expect<i32>(gi(idx, 3)).toBe(3);
  });
});
