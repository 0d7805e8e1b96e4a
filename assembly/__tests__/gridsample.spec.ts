import { grid_sample2d_f32, grid_sample2d_backward_f32, grid_sample3d_f32, grid_sample3d_backward_f32 } from "../gridsample";
import { allocF32, freeF32, f, mismatches } from "./buffers";

// grid_sample's kernels on odd sizes at 4-byte (not 16-byte) aligned addresses: a grid on the pixel centres
// reproduces the input bit for bit in every mode and padding, and the input gradient is the adjoint of the
// (linear in the input) sampling: <gOut, sample(x)> = <gInput, x> for random grids. test/grid-sample.test.ts
// compares both kernels with PyTorch's values and gradients.

let seed: u32 = 4242;
function rnd(): f32 {
  seed = seed * 1664525 + 1013904223;
  return <f32>(<i32>(seed >> 8) - (1 << 23)) / <f32>(1 << 23);
}
function fillRandom(p: usize, n: i32, scale: f32): void {
  for (let i = 0; i < n; i++) store<f32>(p + (<usize>i << 2), rnd() * scale);
}
function dot(a: usize, b: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += <f64>f(a, i) * <f64>f(b, i);
  return s;
}
/** The normalized coordinate of pixel i of n (align_corners=false: pixel centres). */
function centre(i: i32, n: i32): f32 {
  const k: i32 = i * 2 + 1;
  return <f32>k / <f32>n - <f32>1;
}

/** Mismatches of an identity sampling (2-D), every mode and padding. */
function identity2d(N: i32, C: i32, H: i32, W: i32): i32 {
  const n = N * C * H * W;
  const x = allocF32(n), out = allocF32(n), grid = allocF32(N * H * W * 2);
  fillRandom(x, n, 1);
  for (let b = 0; b < N; b++) for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) {
    const g = grid + (<usize>(((b * H + h) * W + w) * 2) << 2);
    store<f32>(g, centre(w, W));
    store<f32>(g, centre(h, H), 4);
  }
  let bad = 0;
  for (let mode = 0; mode < 3; mode++) for (let pad = 0; pad < 3; pad++) {
    grid_sample2d_f32(out, x, grid, N, C, H, W, H, W, mode, pad, false);
    bad += mismatches(out, x, n, 1e-6);
  }
  freeF32(x); freeF32(out); freeF32(grid);
  return bad;
}

/** |<gOut, sample(x)> - <gInput, x>| over every mode and padding (2-D), relative. */
function adjoint2d(N: i32, C: i32, H: i32, W: i32, OH: i32, OW: i32): f64 {
  const n = N * C * H * W, m = N * C * OH * OW, gn = N * OH * OW * 2;
  const x = allocF32(n), out = allocF32(m), gOut = allocF32(m), gIn = allocF32(n), grid = allocF32(gn), gGrid = allocF32(gn);
  fillRandom(x, n, 1);
  fillRandom(gOut, m, 1);
  fillRandom(grid, gn, 1.4);
  let worst: f64 = 0;
  for (let mode = 0; mode < 3; mode++) for (let pad = 0; pad < 3; pad++) for (let align = 0; align < 2; align++) {
    grid_sample2d_f32(out, x, grid, N, C, H, W, OH, OW, mode, pad, align == 1);
    memory.fill(gIn, 0, <usize>n << 2);
    grid_sample2d_backward_f32(gIn, gGrid, gOut, x, grid, N, C, H, W, OH, OW, mode, pad, align == 1);
    const a = dot(gOut, out, m), b = dot(gIn, x, n);
    worst = Math.max(worst, Math.abs(a - b) / (1 + Math.abs(a)));
  }
  freeF32(x); freeF32(out); freeF32(gOut); freeF32(gIn); freeF32(grid); freeF32(gGrid);
  return worst;
}

function adjoint3d(N: i32, C: i32, D: i32, H: i32, W: i32, OD: i32, OH: i32, OW: i32): f64 {
  const n = N * C * D * H * W, m = N * C * OD * OH * OW, gn = N * OD * OH * OW * 3;
  const x = allocF32(n), out = allocF32(m), gOut = allocF32(m), gIn = allocF32(n), grid = allocF32(gn), gGrid = allocF32(gn);
  fillRandom(x, n, 1);
  fillRandom(gOut, m, 1);
  fillRandom(grid, gn, 1.4);
  let worst: f64 = 0;
  for (let mode = 0; mode < 2; mode++) for (let pad = 0; pad < 3; pad++) for (let align = 0; align < 2; align++) {
    grid_sample3d_f32(out, x, grid, N, C, D, H, W, OD, OH, OW, mode, pad, align == 1);
    memory.fill(gIn, 0, <usize>n << 2);
    grid_sample3d_backward_f32(gIn, gGrid, gOut, x, grid, N, C, D, H, W, OD, OH, OW, mode, pad, align == 1);
    const a = dot(gOut, out, m), b = dot(gIn, x, n);
    worst = Math.max(worst, Math.abs(a - b) / (1 + Math.abs(a)));
  }
  freeF32(x); freeF32(out); freeF32(gOut); freeF32(gIn); freeF32(grid); freeF32(gGrid);
  return worst;
}

describe("grid_sample2d_f32 / grid_sample3d_f32", () => {
  it("a grid on the pixel centres reproduces the input (bilinear, nearest, bicubic; every padding)", () => {
    expect<i32>(identity2d(2, 3, 5, 7) + identity2d(1, 1, 1, 3) + identity2d(1, 2, 4, 1)).toBe(0);
  });
  it("the input gradient is the adjoint of the sampling", () => {
    expect<bool>(adjoint2d(2, 3, 5, 7, 3, 9) < 1e-5).toBe(true);
    expect<bool>(adjoint2d(1, 1, 1, 1, 2, 2) < 1e-5).toBe(true);
    expect<bool>(adjoint3d(1, 2, 3, 4, 5, 2, 3, 3) < 1e-5).toBe(true);
  });
});
