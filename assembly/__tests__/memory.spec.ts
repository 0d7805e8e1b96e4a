import { alloc, free } from "../memory";

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
});
