import { alloc, free, fill_32 } from "../memory";

describe("memory", () => {
  it("returns 16-byte aligned blocks and reuses freed ones", () => {
    const a = alloc(12);
    expect<usize>(a & 15).toBe(0);
    const b = alloc(1000);
    expect<usize>(b & 15).toBe(0);
    free(a);
    const c = alloc(12);
    expect<usize>(c).toBe(a, "a freed block of the same size is reused");
    free(b);
    free(c);
  });
  it("gives a distinct block for a zero-byte request", () => {
    const a = alloc(0);
    const b = alloc(0);
    expect<bool>(a != b).toBe(true);
    free(a);
    free(b);
  });
  it("fill_32 sets exactly n words at any alignment, zero or not", () => {
    const buf = alloc(256);
    const ns: StaticArray<i32> = [0, 1, 3, 4, 5, 16, 17, 31];
    const ws: StaticArray<i32> = [0, 0x3fc00000, -1, reinterpret<i32>(<f32>-0.0)];
    for (let a = 0; a < 4; a++) {
      for (let i = 0; i < ns.length; i++) {
        for (let j = 0; j < ws.length; j++) {
          for (let k = 0; k < 64; k++) store<i32>(buf + (<usize>k << 2), 0x55555555);
          const p = buf + 16 + (<usize>a << 2);
          fill_32(p, ns[i], ws[j]);
          let ok = true;
          for (let k = 0; k < 64; k++) {
            const at = buf + (<usize>k << 2);
            const inside = at >= p && at < p + (<usize>ns[i] << 2);
            if (load<i32>(at) != (inside ? ws[j] : 0x55555555)) ok = false;
          }
          expect<bool>(ok).toBe(true, "offset " + a.toString() + ", n " + ns[i].toString() + ", word " + ws[j].toString());
        }
      }
    }
    free(buf);
  });
});
