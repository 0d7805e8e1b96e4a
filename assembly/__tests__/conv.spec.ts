import {
  im2col_f32, col2im_f32, bias_fill_f32, max_pool2d_f32, max_pool2d_backward_f32,
  avg_pool2d_f32, avg_pool2d_backward_f32, adaptive_avg_pool2d_f32, adaptive_avg_pool2d_backward_f32,
  conv_bias_grad_f32, gemm_nt_small_f32,
} from "../conv";
import { adaptive_max_pool3d_f32 } from "../conv3d";
import { allocF32, freeF32, f, outSize, mismatches } from "./buffers";

// Each kernel against a naive loop written from its definition, on odd sizes, every
// stride/padding/dilation combination below, at 4-byte (not 16-byte) aligned addresses.

let seed: u32 = 777;
function rnd(): f32 {
  seed = seed * 1664525 + 1013904223;
  return <f32>(<i32>(seed >> 8) - (1 << 23)) / <f32>(1 << 23);
}

function fillRandom(p: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(p + (<usize>i << 2), rnd());
}

/** im2col against its definition; col2im against Σ of the same entries. Returns mismatches. */
function checkIm2col(n: i32, C: i32, H: i32, W: i32, kH: i32, kW: i32, sH: i32, sW: i32, pH: i32, pW: i32, dH: i32, dW: i32): i32 {
  const oH = outSize(H, kH, sH, pH, dH), oW = outSize(W, kW, sW, pW, dW);
  if (oH <= 0 || oW <= 0) return 0;
  const xN = n * C * H * W, colN = n * C * kH * kW * oH * oW;
  const x = allocF32(xN), col = allocF32(colN), ref = allocF32(colN), gx = allocF32(xN), gref = allocF32(xN);
  fillRandom(x, xN);
  fillRandom(col, colN);
  im2col_f32(col, x, n, C, H, W, kH, kW, sH, sW, pH, pW, dH, dW, oH, oW);
  let q = 0;
  for (let b = 0; b < n; b++) for (let c = 0; c < C; c++) for (let i = 0; i < kH; i++) for (let j = 0; j < kW; j++)
    for (let oh = 0; oh < oH; oh++) for (let ow = 0; ow < oW; ow++) {
      const ih = oh * sH - pH + i * dH, iw = ow * sW - pW + j * dW;
      const v: f32 = ih >= 0 && ih < H && iw >= 0 && iw < W ? f(x, ((b * C + c) * H + ih) * W + iw) : 0;
      store<f32>(ref + (<usize>q << 2), v);
      q++;
    }
  let bad = mismatches(col, ref, colN, 0);
  // col2im: the adjoint, summed in the same (row, oh, ow) order as the kernel.
  fillRandom(col, colN);
  fillRandom(gx, xN);
  col2im_f32(gx, col, n, C, H, W, kH, kW, sH, sW, pH, pW, dH, dW, oH, oW);
  memory.fill(gref, 0, <usize>xN << 2);
  q = 0;
  for (let b = 0; b < n; b++) for (let c = 0; c < C; c++) for (let i = 0; i < kH; i++) for (let j = 0; j < kW; j++)
    for (let oh = 0; oh < oH; oh++) for (let ow = 0; ow < oW; ow++) {
      const ih = oh * sH - pH + i * dH, iw = ow * sW - pW + j * dW;
      const v = f(col, q);
      q++;
      if (ih >= 0 && ih < H && iw >= 0 && iw < W) {
        const p = gref + (<usize>(((b * C + c) * H + ih) * W + iw) << 2);
        store<f32>(p, load<f32>(p) + v);
      }
    }
  bad += mismatches(gx, gref, xN, 0);
  if (bad) {
    trace("im2col/col2im mismatch (n C H W kH)", 5, n, C, H, W, kH);
    trace("  kW sH sW pH pW", 5, kW, sH, sW, pH, pW);
  }
  freeF32(x); freeF32(col); freeF32(ref); freeF32(gx); freeF32(gref);
  return bad;
}

/** max/avg pooling and their backward against naive windows. */
function checkPool(n: i32, H: i32, W: i32, kH: i32, kW: i32, sH: i32, sW: i32, pH: i32, pW: i32, dH: i32, dW: i32): i32 {
  const oH = outSize(H, kH, sH, pH, dH), oW = outSize(W, kW, sW, pW, dW);
  if (oH <= 0 || oW <= 0) return 0;
  const xN = n * H * W, oN = n * oH * oW;
  const x = allocF32(xN), out = allocF32(oN), idx = allocF32(oN), ref = allocF32(oN), g = allocF32(oN);
  const gx = allocF32(xN), gref = allocF32(xN);
  fillRandom(x, xN);
  // ties: a few repeated values
  for (let i = 0; i < xN; i += 7) store<f32>(x + (<usize>i << 2), 0.5);
  fillRandom(g, oN);
  max_pool2d_f32(out, idx, x, n, H, W, oH, oW, kH, kW, sH, sW, pH, pW, dH, dW);
  let bad = 0;
  memory.fill(gref, 0, <usize>xN << 2);
  for (let p = 0; p < n; p++) for (let oh = 0; oh < oH; oh++) for (let ow = 0; ow < oW; ow++) {
    let best: f32 = -Infinity, bi = -1;
    for (let i = 0; i < kH; i++) for (let j = 0; j < kW; j++) {
      const ih = oh * sH - pH + i * dH, iw = ow * sW - pW + j * dW;
      if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
      const v = f(x, (p * H + ih) * W + iw);
      if (bi < 0 || v > best) { best = v; bi = ih * W + iw; }
    }
    const o = (p * oH + oh) * oW + ow;
    if (f(out, o) != best || load<i32>(idx + (<usize>o << 2)) != bi) bad++;
    const q = gref + (<usize>(p * H * W + bi) << 2);
    store<f32>(q, load<f32>(q) + f(g, o));
  }
  max_pool2d_backward_f32(gx, g, idx, n, H * W, oH * oW);
  bad += mismatches(gx, gref, xN, 0);
  if (dH == 1 && dW == 1) {
    for (let mode = 0; mode < 3; mode++) {
      const cip = mode == 1 ? 1 : 0, div = mode == 2 ? 5 : 0;
      avg_pool2d_f32(out, x, n, H, W, oH, oW, kH, kW, sH, sW, pH, pW, cip, div);
      fillRandom(gx, xN);
      avg_pool2d_backward_f32(gx, g, n, H, W, oH, oW, kH, kW, sH, sW, pH, pW, cip, div);
      memory.fill(gref, 0, <usize>xN << 2);
      for (let p = 0; p < n; p++) for (let oh = 0; oh < oH; oh++) for (let ow = 0; ow < oW; ow++) {
        let s: f64 = 0, cnt = 0;
        const h0 = oh * sH - pH, w0 = ow * sW - pW;
        const padCount = (min(h0 + kH, H + pH) - h0) * (min(w0 + kW, W + pW) - w0);
        for (let ih = max(h0, 0); ih < min(h0 + kH, H); ih++) for (let iw = max(w0, 0); iw < min(w0 + kW, W); iw++) {
          s += <f64>f(x, (p * H + ih) * W + iw);
          cnt++;
        }
        const d = div ? div : cip ? padCount : cnt;
        const o = (p * oH + oh) * oW + ow;
        store<f32>(ref + (<usize>o << 2), cnt ? <f32>(s / <f64>d) : 0);
        const delta = f(g, o) / <f32>d;
        for (let ih = max(h0, 0); ih < min(h0 + kH, H); ih++) for (let iw = max(w0, 0); iw < min(w0 + kW, W); iw++) {
          const q = gref + (<usize>((p * H + ih) * W + iw) << 2);
          store<f32>(q, load<f32>(q) + delta);
        }
      }
      bad += mismatches(out, ref, oN, 0);
      bad += mismatches(gx, gref, xN, 0);
    }
  }
  if (bad) {
    trace("pool mismatch (H W kH kW sH)", 5, H, W, kH, kW, sH);
    trace("  sW pH pW dH dW", 5, sW, pH, pW, dH, dW);
  }
  freeF32(x); freeF32(out); freeF32(idx); freeF32(ref); freeF32(g); freeF32(gx); freeF32(gref);
  return bad;
}

function checkAdaptive(n: i32, H: i32, W: i32, oH: i32, oW: i32): i32 {
  const xN = n * H * W, oN = n * oH * oW;
  const x = allocF32(xN), out = allocF32(oN), idx = allocF32(oN), g = allocF32(oN), gx = allocF32(xN);
  const gref = allocF32(xN);
  fillRandom(x, xN);
  fillRandom(g, oN);
  adaptive_avg_pool2d_f32(out, x, n, H, W, oH, oW);
  adaptive_avg_pool2d_backward_f32(gx, g, n, H, W, oH, oW);
  let bad = 0;
  memory.fill(gref, 0, <usize>xN << 2);
  for (let p = 0; p < n; p++) for (let oh = 0; oh < oH; oh++) for (let ow = 0; ow < oW; ow++) {
    const h0 = <i32>Math.floor(<f64>(oh * H) / <f64>oH), h1 = <i32>Math.ceil(<f64>((oh + 1) * H) / <f64>oH);
    const w0 = <i32>Math.floor(<f64>(ow * W) / <f64>oW), w1 = <i32>Math.ceil(<f64>((ow + 1) * W) / <f64>oW);
    let s: f32 = 0, best: f32 = -Infinity, bi = -1;
    for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) {
      const v = f(x, (p * H + ih) * W + iw);
      s += v;
      if (bi < 0 || v > best) { best = v; bi = ih * W + iw; }
    }
    const o = (p * oH + oh) * oW + ow;
    if (f(out, o) != s / <f32>(h1 - h0) / <f32>(w1 - w0)) bad++;
    const delta = f(g, o) / <f32>(h1 - h0) / <f32>(w1 - w0);
    for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) {
      const q = gref + (<usize>((p * H + ih) * W + iw) << 2);
      store<f32>(q, load<f32>(q) + delta);
    }
    store<f32>(idx + (<usize>o << 2), best);
    store<i32>(g + (<usize>o << 2), bi);
  }
  bad += mismatches(gx, gref, xN, 0);
  // max: values were parked in idx and indices in g above
  const mo = allocF32(oN), mi = allocF32(oN);
  adaptive_max_pool3d_f32(mo, mi, x, n, 1, H, W, 1, oH, oW); // planes are volumes of depth 1
  bad += mismatches(mo, idx, oN, 0);
  bad += mismatches(mi, g, oN, 0);
  if (bad) trace("adaptive mismatch (H W oH oW)", 4, H, W, oH, oW);
  freeF32(x); freeF32(out); freeF32(idx); freeF32(g); freeF32(gx); freeF32(gref); freeF32(mo); freeF32(mi);
  return bad;
}

describe("im2col_f32 / col2im_f32", () => {
  it("match the definition for odd sizes, strides, paddings and dilations", () => {
    let bad = 0;
    const ks: i32[] = [1, 2, 3, 5];
    for (let a = 0; a < ks.length; a++) for (let s = 1; s <= 3; s++) for (let p = 0; p <= 2; p++)
      for (let d = 1; d <= 2; d++) {
        bad += checkIm2col(2, 3, 7, 9, ks[a], ks[(a + 1) % 4], s, 4 - s, p, 2 - p, d, 3 - d);
        bad += checkIm2col(1, 2, 1, 13, 1, ks[a], 1, s, 0, p, 1, d); // 1-D as H = 1
      }
    bad += checkIm2col(1, 1, 28, 28, 3, 3, 1, 1, 1, 1, 1, 1);
    bad += checkIm2col(3, 2, 5, 37, 3, 5, 1, 1, 1, 2, 1, 1); // long rows: v128 col2im + tail
    bad += checkIm2col(1, 1, 4, 4, 5, 5, 1, 1, 2, 2, 1, 1); // kernel wider than the image
    bad += checkIm2col(1, 2, 9, 9, 2, 2, 4, 4, 0, 0, 1, 1); // stride > kernel
    expect<i32>(bad).toBe(0);
  });
});

describe("bias_fill_f32", () => {
  it("writes bias[c] over every row", () => {
    const b = allocF32(3), o = allocF32(2 * 3 * 7);
    fillRandom(b, 3);
    bias_fill_f32(o, b, 2, 3, 7);
    let bad = 0;
    for (let i = 0; i < 42; i++) if (f(o, i) != f(b, (i / 7) % 3)) bad++;
    expect<i32>(bad).toBe(0);
    freeF32(b); freeF32(o);
  });
});

describe("pooling kernels", () => {
  it("max / avg pooling and backward match naive windows", () => {
    let bad = 0;
    for (let k = 1; k <= 4; k++) for (let s = 1; s <= 3; s++) for (let p = 0; p <= k / 2; p++) {
      bad += checkPool(3, 7, 9, k, k == 1 ? 2 : k - 1, s, s + 1 > 3 ? 1 : s + 1, p, p == 0 ? 0 : p - 1, 1, 1);
      bad += checkPool(2, 10, 11, k, k, s, s, p, p, 2, 3);
    }
    bad += checkPool(5, 28, 28, 2, 2, 2, 2, 0, 0, 1, 1); // the 2×2 / stride 2 path
    bad += checkPool(3, 7, 5, 2, 2, 2, 2, 0, 0, 1, 1); // odd sizes, same path
    bad += checkPool(2, 11, 11, 2, 2, 3, 3, 0, 0, 1, 1); // stride > kernel
    expect<i32>(bad).toBe(0);
  });

  it("a NaN wins a max window; the first maximum wins a tie", () => {
    const x = allocF32(16), o = allocF32(4), i = allocF32(4);
    const v: f32[] = [1, 1, 0, NaN, 1, 0.5, 2, 2, 0, 0, -1, -1, -1, -1, -Infinity, -1];
    for (let k = 0; k < 16; k++) store<f32>(x + (<usize>k << 2), v[k]);
    max_pool2d_f32(o, i, x, 1, 4, 4, 2, 2, 2, 2, 2, 2, 0, 0, 1, 1);
    expect<i32>(load<i32>(i)).toBe(0);
    expect<bool>(isNaN(f(o, 1))).toBe(true);
    expect<i32>(load<i32>(i, 4)).toBe(3);
    expect<i32>(load<i32>(i, 8)).toBe(8);
    expect<i32>(load<i32>(i, 12)).toBe(10);
    // the general path (padding 1: windows {0}, {1, 2}, {3} on the first row)
    const o2 = allocF32(9), i2 = allocF32(9);
    max_pool2d_f32(o2, i2, x, 1, 4, 4, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1);
    expect<i32>(load<i32>(i2)).toBe(0);
    expect<i32>(load<i32>(i2, 4)).toBe(1);
    expect<i32>(load<i32>(i2, 8)).toBe(3);
    expect<i32>(load<i32>(i2, 28)).toBe(13); // {-1, -inf}
    expect<i32>(load<i32>(i2, 32)).toBe(15);
    freeF32(x); freeF32(o); freeF32(i); freeF32(o2); freeF32(i2);
  });

  it("NaN and tie rules hold on the v128 2×2 path (rows of 4 windows and the tail)", () => {
    const H = 6, W = 21, oH = 3, oW = 10, n = 2;
    const x = allocF32(n * H * W), o = allocF32(n * oH * oW), i = allocF32(n * oH * oW);
    fillRandom(x, n * H * W);
    for (let k = 0; k < n * H * W; k += 5) store<f32>(x + (<usize>k << 2), NaN);
    for (let k = 2; k < n * H * W; k += 9) store<f32>(x + (<usize>k << 2), 0.75);
    for (let k = 3; k < n * H * W; k += 9) store<f32>(x + (<usize>k << 2), 0.75);
    max_pool2d_f32(o, i, x, n, H, W, oH, oW, 2, 2, 2, 2, 0, 0, 1, 1);
    let bad = 0;
    for (let p = 0; p < n; p++) for (let oh = 0; oh < oH; oh++) for (let ow = 0; ow < oW; ow++) {
      let best: f32 = -Infinity, bi = (2 * oh) * W + 2 * ow;
      for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) {
        const k = (2 * oh + a) * W + 2 * ow + b;
        const v = f(x, p * H * W + k);
        if (v > best || isNaN(v)) { best = v; bi = k; }
      }
      const q = (p * oH + oh) * oW + ow;
      if (load<i32>(i + (<usize>q << 2)) != bi) bad++;
      if (load<u32>(o + (<usize>q << 2)) != reinterpret<u32>(best) && !(isNaN(best) && isNaN(f(o, q)))) bad++;
    }
    expect<i32>(bad).toBe(0);
    freeF32(x); freeF32(o); freeF32(i);
  });

  it("adaptive pooling matches its windows (uneven, upsampling)", () => {
    let bad = 0;
    bad += checkAdaptive(3, 7, 9, 3, 4);
    bad += checkAdaptive(2, 3, 2, 5, 4);
    bad += checkAdaptive(1, 6, 6, 1, 1);
    bad += checkAdaptive(2, 13, 5, 13, 2);
    expect<i32>(bad).toBe(0);
  });
});

describe("gradient helpers", () => {
  it("conv_bias_grad_f32 sums each channel over the batch and positions", () => {
    let bad = 0;
    const Ls: i32[] = [1, 3, 4, 7, 8, 13, 33];
    for (let q = 0; q < Ls.length; q++) {
      const L = Ls[q], n = 3, C = 5;
      const g = allocF32(n * C * L), o = allocF32(C);
      fillRandom(g, n * C * L);
      conv_bias_grad_f32(o, g, n, C, L);
      for (let c = 0; c < C; c++) {
        let s: f64 = 0;
        for (let b = 0; b < n; b++) for (let l = 0; l < L; l++) s += <f64>f(g, (b * C + c) * L + l);
        if (abs(<f64>f(o, c) - s) > 1e-5) bad++;
      }
      freeF32(g); freeF32(o);
    }
    expect<i32>(bad).toBe(0);
  });

  it("gemm_nt_small_f32 matches Σ_k a[i][k]·b[j][k] on odd shapes, with and without accumulate", () => {
    let bad = 0;
    const sz: i32[] = [1, 2, 3, 5, 8, 9];
    const ks: i32[] = [1, 3, 4, 7, 33, 784];
    for (let x = 0; x < sz.length; x++) for (let y = 0; y < sz.length; y++) for (let z = 0; z < ks.length; z++)
      for (let acc = 0; acc < 2; acc++) {
        const M = sz[x], N = sz[y], K = ks[z], lda = K + 1, ldb = K + 3, ldc = N + 2;
        const a = allocF32(M * lda), b = allocF32(N * ldb), c = allocF32(M * ldc), r = allocF32(M * ldc);
        fillRandom(a, M * lda); fillRandom(b, N * ldb); fillRandom(c, M * ldc);
        memory.copy(r, c, <usize>(M * ldc) << 2);
        gemm_nt_small_f32(M, N, K, a, lda, b, ldb, c, ldc, acc);
        for (let i = 0; i < M; i++) for (let j = 0; j < ldc; j++) {
          const want = load<f32>(r + (<usize>(i * ldc + j) << 2));
          if (j >= N) { if (f(c, i * ldc + j) != want) bad++; continue; }
          let s: f64 = acc ? <f64>want : 0;
          for (let k = 0; k < K; k++) s += <f64>f(a, i * lda + k) * <f64>f(b, j * ldb + k);
          if (abs(<f64>f(c, i * ldc + j) - s) > 1e-4 * (1 + abs(s))) bad++;
        }
        freeF32(a); freeF32(b); freeF32(c); freeF32(r);
      }
    expect<i32>(bad).toBe(0);
  });
});
