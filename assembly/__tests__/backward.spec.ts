// softmax_backward_f32 and layer_norm_backward_f32 against scalar loops written from ATen's code (each fused step one
// fma_f32): lengths that are not a multiple of 4 or 8, unaligned pointers, and a sum whose f64 value lands on a float's
// halfway point (fmaq_v's fallback to the exact fma_v).
import { softmax_backward_f32, layer_norm_backward_f32 } from "../backward";
import { fma_f32, exp_f32 } from "../mathf";

function buf(n: i32, offsetBytes: usize = 0): usize {
  return heap.alloc(<usize>(n * 4) + 16) + offsetBytes;
}
@inline function f(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
@inline function setf(p: usize, i: i32, v: f32): void { store<f32>(p + (<usize>i << 2), v); }
@inline function bits(v: f32): u32 { return reinterpret<u32>(v); }

/** Deterministic values of mixed signs and magnitudes. */
function fillMixed(p: usize, n: i32, seed: f32): void {
  for (let i = 0; i < n; i++) setf(p, i, <f32>Math.sin(<f64>(<f32>i * 1.7 + seed)) * (<f32>1 + <f32>(i % 5)));
}

/** map2_reduce_all(x * y) / map3_reduce_all(x * y * z) as ATen's lanes run it, one element at a time. */
function term(p: usize, q: usize, r: usize, i: i32): f32 {
  let t = f(p, i) * f(q, i);
  if (r != 0) t *= f(r, i);
  return t;
}

function dotRef(p: usize, q: usize, r: usize, n: i32): f32 {
  if (n < 8) {
    let s = term(p, q, r, 0);
    for (let i = 1; i < n; i++) s += term(p, q, r, i);
    return s;
  }
  const acc = new StaticArray<f32>(8);
  for (let l = 0; l < 8; l++) acc[l] = term(p, q, r, l);
  for (let i = 8; i < n; i++) {
    const a = r != 0 ? f(p, i) * f(q, i) : f(p, i);
    const b = r != 0 ? f(r, i) : f(q, i);
    acc[i % 8] = fma_f32(a, b, acc[i % 8]);
  }
  return ((acc[0] + acc[4]) + (acc[2] + acc[6])) + ((acc[1] + acc[5]) + (acc[3] + acc[7]));
}

function sumRef(p: usize, n: i32): f32 {
  if (n < 8) {
    let s = f(p, 0);
    for (let i = 1; i < n; i++) s += f(p, i);
    return s;
  }
  const acc = new StaticArray<f32>(8);
  for (let l = 0; l < 8; l++) acc[l] = f(p, l);
  for (let i = 8; i < n; i++) acc[i % 8] += f(p, i);
  return ((acc[0] + acc[4]) + (acc[2] + acc[6])) + ((acc[1] + acc[5]) + (acc[3] + acc[7]));
}

describe("softmax_backward_f32", () => {
  it("over the last dim: reduce_all's lanes with fused products, then the map, for rows of 1 to 40", () => {
    for (let n = 1; n <= 40; n++) {
      const y = buf(2 * n, 4);
      const g = buf(2 * n, 8);
      const o = buf(2 * n, 12);
      fillMixed(y, 2 * n, 0.3);
      fillMixed(g, 2 * n, 1.1);
      for (let isLog = 0; isLog < 2; isLog++) {
        softmax_backward_f32(o, y, g, 2, n, 1, isLog, 1);
        for (let r = 0; r < 2; r++) {
          const py = y + (<usize>(r * n) << 2);
          const pg = g + (<usize>(r * n) << 2);
          const s = isLog != 0 ? sumRef(pg, n) : dotRef(pg, py, 0, n);
          for (let j = 0; j < n; j++) {
            const want = isLog != 0 ? fma_f32(-exp_f32(f(py, j)), s, f(pg, j)) : (f(pg, j) - s) * f(py, j);
            expect<u32>(bits(f(o, r * n + j))).toBe(bits(want));
          }
        }
      }
    }
  });

  it("over another dim: each column's sum is fused in float, vector columns and the columns left over alike", () => {
    // column 0..7 (a vector) and 8 (left over) hold the same values: g0 * y0 = 2^-80, then (1 + 2^-12)^2 + 2^-80,
    // whose f64 sum sits on a float's halfway point above the exact value: the fused sum is 1 + 2^-11 + 2^-23
    const inner = 9;
    const y = buf(2 * inner, 4);
    const g = buf(2 * inner, 4);
    const o = buf(2 * inner, 4);
    const tiny = reinterpret<f32>(0x2b800000); // 2^-40
    const near1 = reinterpret<f32>(0x3f800800); // 1 + 2^-12
    for (let k = 0; k < inner; k++) {
      setf(y, k, tiny); setf(g, k, tiny);
      setf(y, inner + k, near1); setf(g, inner + k, near1);
    }
    softmax_backward_f32(o, y, g, 1, 2, inner, 0, 0);
    const s = reinterpret<f32>(0x3f801001); // 1 + 2^-11 + 2^-23
    for (let k = 0; k < inner; k++) expect<u32>(bits(f(o, inner + k))).toBe(bits(near1 * (near1 - s)));
  });
});

describe("layer_norm_backward_f32", () => {
  it("dX, dweight and dbias as ATen's loops, with and without a weight, rows of 1 to 37", () => {
    for (let N = 1; N <= 37; N++) {
      const M = 3;
      const dy = buf(M * N, 4);
      const x = buf(M * N, 8);
      const w = buf(N, 12);
      const mean = buf(M);
      const rstd = buf(M);
      fillMixed(dy, M * N, 0.7);
      fillMixed(x, M * N, 2.3);
      fillMixed(w, N, 4.1);
      for (let i = 0; i < M; i++) { setf(mean, i, <f32>0.1 * <f32>i - 0.05); setf(rstd, i, <f32>1.3 + <f32>0.2 * <f32>i); }
      const dx = buf(M * N, 4);
      const dw = buf(N, 8);
      const db = buf(N, 4);
      for (let hasW = 0; hasW < 2; hasW++) {
        const wp: usize = hasW != 0 ? w : 0;
        layer_norm_backward_f32(dx, dw, db, dy, x, mean, rstd, wp, M, N);
        const scale = <f32>1 / <f32>N;
        for (let j = 0; j < N; j++) {
          let gw: f32 = 0;
          let gb: f32 = 0;
          for (let i = 0; i < M; i++) {
            const a = f(rstd, i);
            gw = fma_f32(fma_f32(a, f(x, i * N + j), -a * f(mean, i)), f(dy, i * N + j), gw);
            gb += f(dy, i * N + j);
          }
          expect<u32>(bits(f(dw, j))).toBe(bits(gw));
          expect<u32>(bits(f(db, j))).toBe(bits(gb));
        }
        for (let i = 0; i < M; i++) {
          const py = dy + (<usize>(i * N) << 2);
          const px = x + (<usize>(i * N) << 2);
          const a = f(rstd, i);
          const m = f(mean, i);
          const ds = dotRef(py, px, wp, N);
          const dbs = hasW != 0 ? dotRef(py, w, 0, N) : sumRef(py, N);
          const b = fma_f32(dbs, m, -ds) * a * a * a * scale;
          const c = fma_f32(-m, b, -(dbs * a * scale));
          for (let j = 0; j < N; j++) {
            let t = a * f(py, j);
            if (hasW != 0) t *= f(w, j);
            expect<u32>(bits(f(dx, i * N + j))).toBe(bits(fma_f32(b, f(px, j), t) + c));
          }
        }
      }
    }
  });
});
