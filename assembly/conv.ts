// Convolution lowering (im2col / col2im) and pooling windows, float32, NCHW.
//
// Every kernel works on `n` contiguous planes (a batch of images of C channels for im2col,
// N·C planes for pooling) and never allocates. 1-D convolution and pooling are the 2-D
// kernels with H = 1, kH = 1. Geometry (output sizes, checks) is computed in TypeScript.
//
// im2col layout (Caffe's): for each image, col is [C·kH·kW][oH·oW], row (c·kH + i)·kW + j,
// so that conv = weight[Cout][C·kH·kW] · col, one GEMM per image, and groups are row blocks.
//
// Pooling follows PyTorch 1.13's CPU kernels (aten/src/ATen/native/cpu/*PoolKernel.cpp):
// the same window clipping, the same divisor rules, NaN wins a max window, the first
// maximum wins a tie; indices are flat h·W + w offsets within the plane.

// ---------------------------------------------------------------------------
// helpers

// @ts-ignore: decorator
@inline
export function ceilDiv(a: i32, b: i32): i32 {
  return (a + b - 1) / b;
}

/** First and one-past-last output column whose input column ow·s + off lies in [0, W). */
// @ts-ignore: decorator
@inline
export function validLo(off: i32, s: i32): i32 {
  return off >= 0 ? 0 : ceilDiv(-off, s);
}

// @ts-ignore: decorator
@inline
export function validHi(off: i32, s: i32, W: i32, oW: i32): i32 {
  if (off >= W) return 0;
  return min(oW, (W - 1 - off) / s + 1);
}

/** dst[0..n) += src[0..n), v128 main loop and scalar tail. */
// @ts-ignore: decorator
@inline
function addRow(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
  }
}

// ---------------------------------------------------------------------------
// im2col / col2im

/** For n images x[n][C][H][W], writes col[n][C·kH·kW][oH·oW]:
 *  col[(c·kH + i)·kW + j][oh·oW + ow] = x[c][oh·sH − pH + i·dH][ow·sW − pW + j·dW], 0 outside
 *  (the bottom/right padding is implicit, so asymmetric padding ('same') needs only oH, oW).
 *  Example (conv2d 3×3, padding 1 on [64,1,28,28]): im2col_f32(col, x, 64, 1, 28, 28, 3, 3,
 *  1, 1, 1, 1, 1, 1, 28, 28). */
export function im2col_f32(col: usize, x: usize, n: i32, C: i32, H: i32, W: i32, kH: i32, kW: i32, sH: i32, sW: i32, pH: i32, pW: i32, dH: i32, dW: i32, oH: i32, oW: i32): void {
  const rowB = <usize>oW << 2;
  const planeB = <usize>(H * W) << 2;
  for (let b = 0; b < n; b++) {
    for (let c = 0; c < C; c++) {
      const xp = x + (<usize>(b * C + c)) * planeB;
      for (let i = 0; i < kH; i++) {
        for (let j = 0; j < kW; j++) {
          const offW = j * dW - pW;
          const lo = validLo(offW, sW);
          const hi = max(lo, validHi(offW, sW, W, oW));
          for (let oh = 0; oh < oH; oh++) {
            const ih = oh * sH - pH + i * dH;
            if (ih < 0 || ih >= H || lo >= hi) {
              memory.fill(col, 0, rowB);
            } else {
              if (lo > 0) memory.fill(col, 0, <usize>lo << 2);
              const src = xp + (<usize>(ih * W) << 2);
              if (sW == 1) {
                memory.copy(col + (<usize>lo << 2), src + (<usize>(lo + offW) << 2), <usize>(hi - lo) << 2);
              } else {
                for (let ow = lo; ow < hi; ow++) {
                  store<f32>(col + (<usize>ow << 2), load<f32>(src + (<usize>(ow * sW + offW) << 2)));
                }
              }
              if (hi < oW) memory.fill(col + (<usize>hi << 2), 0, <usize>(oW - hi) << 2);
            }
            col += rowB;
          }
        }
      }
    }
  }
}

/** The adjoint of im2col_f32: x[n][C][H][W] = Σ of the col entries that read each pixel
 *  (x is overwritten). Same arguments as im2col_f32. */
export function col2im_f32(x: usize, col: usize, n: i32, C: i32, H: i32, W: i32, kH: i32, kW: i32, sH: i32, sW: i32, pH: i32, pW: i32, dH: i32, dW: i32, oH: i32, oW: i32): void {
  const rowB = <usize>oW << 2;
  const planeB = <usize>(H * W) << 2;
  memory.fill(x, 0, <usize>(n * C) * planeB);
  for (let b = 0; b < n; b++) {
    for (let c = 0; c < C; c++) {
      const xp = x + (<usize>(b * C + c)) * planeB;
      for (let i = 0; i < kH; i++) {
        for (let j = 0; j < kW; j++) {
          const offW = j * dW - pW;
          const lo = validLo(offW, sW);
          const hi = validHi(offW, sW, W, oW);
          for (let oh = 0; oh < oH; oh++) {
            const ih = oh * sH - pH + i * dH;
            if (ih >= 0 && ih < H && lo < hi) {
              const dst = xp + (<usize>(ih * W) << 2);
              if (sW == 1) {
                addRow(dst + (<usize>(lo + offW) << 2), col + (<usize>lo << 2), hi - lo);
              } else {
                for (let ow = lo; ow < hi; ow++) {
                  const p = dst + (<usize>(ow * sW + offW) << 2);
                  store<f32>(p, load<f32>(p) + load<f32>(col + (<usize>ow << 2)));
                }
              }
            }
            col += rowB;
          }
        }
      }
    }
  }
}

/** out[b][c][l] = bias[c] for b < n, c < C, l < L: the start the conv GEMM accumulates on. */
export function bias_fill_f32(out: usize, bias: usize, n: i32, C: i32, L: i32): void {
  for (let b = 0; b < n; b++) {
    for (let c = 0; c < C; c++) {
      const v = load<f32>(bias + (<usize>c << 2));
      const vv = f32x4.splat(v);
      let i = 0;
      for (; i + 4 <= L; i += 4) v128.store(out + (<usize>i << 2), vv);
      for (; i < L; i++) store<f32>(out + (<usize>i << 2), v);
      out += <usize>L << 2;
    }
  }
}

// ---------------------------------------------------------------------------
// max pooling

/** Max over each window of n planes x[H][W] → out[oH][oW] and idx (flat h·W + w, i32).
 *  Windows start at oh·sH − pH, taps dH apart, clipped to the plane; a NaN wins, the first
 *  maximum wins a tie. Example (F.max_pool2d(x, 2) on [64,8,28,28]): max_pool2d_f32(out, idx,
 *  x, 512, 28, 28, 14, 14, 2, 2, 2, 2, 0, 0, 1, 1). */
export function max_pool2d_f32(out: usize, idx: usize, x: usize, n: i32, H: i32, W: i32, oH: i32, oW: i32, kH: i32, kW: i32, sH: i32, sW: i32, pH: i32, pW: i32, dH: i32, dW: i32): void {
  const planeB = <usize>(H * W) << 2;
  // The common 2×2 / stride 2 window without padding: four loads, no clipping.
  if (kH == 2 && kW == 2 && sH == 2 && sW == 2 && pH == 0 && pW == 0 && dH == 1 && dW == 1) {
    for (let p = 0; p < n; p++) {
      for (let oh = 0; oh < oH; oh++) {
        const r0 = 2 * oh * W;
        let ow = 0;
        // Four windows at a time: even/odd lanes of 8 floats per row, compared as the scalar path.
        for (; ow + 4 <= oW; ow += 4) {
          const k0 = r0 + 2 * ow;
          const p0 = x + (<usize>k0 << 2);
          const p1 = p0 + (<usize>W << 2);
          const a0 = v128.load(p0), a1 = v128.load(p0, 16);
          const b0 = v128.load(p1), b1 = v128.load(p1, 16);
          let v = i8x16.shuffle(a0, a1, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
          const base = i32x4.add(i32x4.splat(k0), i32x4(0, 2, 4, 6));
          let m = base;
          let u = i8x16.shuffle(a0, a1, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
          let t = v128.or(f32x4.gt(u, v), f32x4.ne(u, u));
          v = v128.bitselect(u, v, t);
          m = v128.bitselect(i32x4.add(base, i32x4.splat(1)), m, t);
          u = i8x16.shuffle(b0, b1, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
          t = v128.or(f32x4.gt(u, v), f32x4.ne(u, u));
          v = v128.bitselect(u, v, t);
          m = v128.bitselect(i32x4.add(base, i32x4.splat(W)), m, t);
          u = i8x16.shuffle(b0, b1, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
          t = v128.or(f32x4.gt(u, v), f32x4.ne(u, u));
          v = v128.bitselect(u, v, t);
          m = v128.bitselect(i32x4.add(base, i32x4.splat(W + 1)), m, t);
          v128.store(out, v);
          v128.store(idx, m);
          out += 16;
          idx += 16;
        }
        for (; ow < oW; ow++) {
          const k0 = r0 + 2 * ow;
          let m = k0;
          let v = load<f32>(x + (<usize>k0 << 2));
          // Branch-free (select): window values are data, their order unpredictable.
          let u = load<f32>(x + (<usize>(k0 + 1) << 2));
          let t = (u > v) | (u != u);
          v = select<f32>(u, v, t);
          m = select<i32>(k0 + 1, m, t);
          u = load<f32>(x + (<usize>(k0 + W) << 2));
          t = (u > v) | (u != u);
          v = select<f32>(u, v, t);
          m = select<i32>(k0 + W, m, t);
          u = load<f32>(x + (<usize>(k0 + W + 1) << 2));
          t = (u > v) | (u != u);
          v = select<f32>(u, v, t);
          m = select<i32>(k0 + W + 1, m, t);
          store<f32>(out, v);
          store<i32>(idx, m);
          out += 4;
          idx += 4;
        }
      }
      x += planeB;
    }
    return;
  }
  for (let p = 0; p < n; p++) {
    for (let oh = 0; oh < oH; oh++) {
      let h0 = oh * sH - pH;
      const h1 = min(h0 + (kH - 1) * dH + 1, H);
      while (h0 < 0) h0 += dH;
      for (let ow = 0; ow < oW; ow++) {
        let w0 = ow * sW - pW;
        const w1 = min(w0 + (kW - 1) * dW + 1, W);
        while (w0 < 0) w0 += dW;
        let m = h0 * W + w0;
        let v = -Infinity as f32;
        for (let ih = h0; ih < h1; ih += dH) {
          for (let iw = w0; iw < w1; iw += dW) {
            const k = ih * W + iw;
            const u = load<f32>(x + (<usize>k << 2));
            if (u > v || u != u) {
              v = u;
              m = k;
            }
          }
        }
        store<f32>(out, v);
        store<i32>(idx, m);
        out += 4;
        idx += 4;
      }
    }
    x += planeB;
  }
}

/** gx[p][idx] += g[p][o] for n planes (gx of hw elements, g of ohw, overwritten first):
 *  the backward of max_pool2d_f32 and of the 3-D max pools (flat indices), adaptive ones included. */
export function max_pool2d_backward_f32(gx: usize, g: usize, idx: usize, n: i32, hw: i32, ohw: i32): void {
  memory.fill(gx, 0, <usize>(n * hw) << 2);
  const planeB = <usize>hw << 2;
  for (let p = 0; p < n; p++) {
    for (let o = 0; o < ohw; o++) {
      const q = gx + (<usize>load<i32>(idx) << 2);
      store<f32>(q, load<f32>(q) + load<f32>(g));
      g += 4;
      idx += 4;
    }
    gx += planeB;
  }
}

// ---------------------------------------------------------------------------
// average pooling

// avgWindow returns the divisor of window (oh, ow) and leaves its clipped bounds in these
// (PyTorch's rule: the pool size counts the padding but not what lies past it).
let wh0: i32 = 0;
let wh1: i32 = 0;
let ww0: i32 = 0;
let ww1: i32 = 0;

// @ts-ignore: decorator
@inline
function avgWindow(oh: i32, ow: i32, H: i32, W: i32, kH: i32, kW: i32, sH: i32, sW: i32, pH: i32, pW: i32, countIncludePad: i32, divisor: i32): i32 {
  let h0 = oh * sH - pH;
  let w0 = ow * sW - pW;
  let h1 = min(h0 + kH, H + pH);
  let w1 = min(w0 + kW, W + pW);
  const poolSize = (h1 - h0) * (w1 - w0);
  h0 = max(h0, 0);
  w0 = max(w0, 0);
  h1 = min(h1, H);
  w1 = min(w1, W);
  wh0 = h0;
  wh1 = h1;
  ww0 = w0;
  ww1 = w1;
  if (divisor != 0) return divisor;
  return countIncludePad ? poolSize : (h1 - h0) * (w1 - w0);
}

/** Average over each window of n planes (sums in f64 as PyTorch's CPU kernel does); an empty
 *  window gives 0. divisor ≠ 0 overrides the count (divisor_override). Example
 *  (F.avg_pool2d(x, 2) on [2,3,6,6]): avg_pool2d_f32(out, x, 6, 6, 6, 3, 3, 2, 2, 2, 2, 0, 0, 1, 0). */
export function avg_pool2d_f32(out: usize, x: usize, n: i32, H: i32, W: i32, oH: i32, oW: i32, kH: i32, kW: i32, sH: i32, sW: i32, pH: i32, pW: i32, countIncludePad: i32, divisor: i32): void {
  const planeB = <usize>(H * W) << 2;
  for (let p = 0; p < n; p++) {
    for (let oh = 0; oh < oH; oh++) {
      for (let ow = 0; ow < oW; ow++) {
        const d = avgWindow(oh, ow, H, W, kH, kW, sH, sW, pH, pW, countIncludePad, divisor);
        let v: f32 = 0;
        if (wh0 < wh1 && ww0 < ww1) {
          let s: f64 = 0;
          for (let ih = wh0; ih < wh1; ih++) {
            const row = x + (<usize>(ih * W) << 2);
            for (let iw = ww0; iw < ww1; iw++) s += <f64>load<f32>(row + (<usize>iw << 2));
          }
          v = <f32>(s / <f64>d);
        }
        store<f32>(out, v);
        out += 4;
      }
    }
    x += planeB;
  }
}

/** The backward of avg_pool2d_f32: gx (overwritten) gets g/divisor on every pixel of each window. */
export function avg_pool2d_backward_f32(gx: usize, g: usize, n: i32, H: i32, W: i32, oH: i32, oW: i32, kH: i32, kW: i32, sH: i32, sW: i32, pH: i32, pW: i32, countIncludePad: i32, divisor: i32): void {
  const planeB = <usize>(H * W) << 2;
  memory.fill(gx, 0, <usize>n * planeB);
  for (let p = 0; p < n; p++) {
    for (let oh = 0; oh < oH; oh++) {
      for (let ow = 0; ow < oW; ow++) {
        const d = avgWindow(oh, ow, H, W, kH, kW, sH, sW, pH, pW, countIncludePad, divisor);
        const delta = load<f32>(g) / <f32>d;
        g += 4;
        if (wh0 >= wh1 || ww0 >= ww1) continue;
        for (let ih = wh0; ih < wh1; ih++) {
          const row = gx + (<usize>(ih * W) << 2);
          for (let iw = ww0; iw < ww1; iw++) {
            const q = row + (<usize>iw << 2);
            store<f32>(q, load<f32>(q) + delta);
          }
        }
      }
    }
    gx += planeB;
  }
}

/** Adaptive average pooling of n planes (window oh spans rows [⌊oh·H/oH⌋, ⌈(oh+1)·H/oH⌉), alike for columns): f32 sum / kh / kw
 *  as PyTorch 1.13's CPU kernel. */
export function adaptive_avg_pool2d_f32(out: usize, x: usize, n: i32, H: i32, W: i32, oH: i32, oW: i32): void {
  const planeB = <usize>(H * W) << 2;
  for (let p = 0; p < n; p++) {
    for (let oh = 0; oh < oH; oh++) {
      const h0 = (oh * H) / oH;
      const h1 = ceilDiv((oh + 1) * H, oH);
      for (let ow = 0; ow < oW; ow++) {
        const w0 = (ow * W) / oW;
        const w1 = ceilDiv((ow + 1) * W, oW);
        let s: f32 = 0;
        for (let ih = h0; ih < h1; ih++) {
          const row = x + (<usize>(ih * W) << 2);
          for (let iw = w0; iw < w1; iw++) s += load<f32>(row + (<usize>iw << 2));
        }
        store<f32>(out, s / <f32>(h1 - h0) / <f32>(w1 - w0));
        out += 4;
      }
    }
    x += planeB;
  }
}

/** The backward of adaptive_avg_pool2d_f32 (gx overwritten). */
export function adaptive_avg_pool2d_backward_f32(gx: usize, g: usize, n: i32, H: i32, W: i32, oH: i32, oW: i32): void {
  const planeB = <usize>(H * W) << 2;
  memory.fill(gx, 0, <usize>n * planeB);
  for (let p = 0; p < n; p++) {
    for (let oh = 0; oh < oH; oh++) {
      const h0 = (oh * H) / oH;
      const h1 = ceilDiv((oh + 1) * H, oH);
      for (let ow = 0; ow < oW; ow++) {
        const w0 = (ow * W) / oW;
        const w1 = ceilDiv((ow + 1) * W, oW);
        const delta = load<f32>(g) / <f32>(h1 - h0) / <f32>(w1 - w0);
        g += 4;
        for (let ih = h0; ih < h1; ih++) {
          const row = gx + (<usize>(ih * W) << 2);
          for (let iw = w0; iw < w1; iw++) {
            const q = row + (<usize>iw << 2);
            store<f32>(q, load<f32>(q) + delta);
          }
        }
      }
    }
    gx += planeB;
  }
}

// ---------------------------------------------------------------------------
// gradient helpers

/** out[c] = Σ_b Σ_l g[b][c][l] for b < n (the conv bias gradient); out is overwritten. */
export function conv_bias_grad_f32(out: usize, g: usize, n: i32, C: i32, L: i32): void {
  memory.fill(out, 0, <usize>C << 2);
  for (let b = 0; b < n; b++) {
    for (let c = 0; c < C; c++) {
      let acc0 = f32x4.splat(0);
      let acc1 = acc0;
      let i = 0;
      for (; i + 8 <= L; i += 8) {
        const o = g + (<usize>i << 2);
        acc0 = f32x4.add(acc0, v128.load(o));
        acc1 = f32x4.add(acc1, v128.load(o, 16));
      }
      for (; i + 4 <= L; i += 4) acc0 = f32x4.add(acc0, v128.load(g + (<usize>i << 2)));
      acc0 = f32x4.add(acc0, acc1);
      let s = f32x4.extract_lane(acc0, 0) + f32x4.extract_lane(acc0, 1) +
        (f32x4.extract_lane(acc0, 2) + f32x4.extract_lane(acc0, 3));
      for (; i < L; i++) s += load<f32>(g + (<usize>i << 2));
      const p = out + (<usize>c << 2);
      store<f32>(p, load<f32>(p) + s);
      g += <usize>L << 2;
    }
  }
}

// @ts-ignore: decorator
@inline
function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/** c[i][j] (+)= Σ_k a[i][k]·b[j][k] (rows of a and b both contiguous along k): the weight
 *  gradient gout·colᵀ when M and N are too small for the packed GEMM to pay for packing.
 *  2×2 blocks of dot products, v128 over k, scalar tail. */
export function gemm_nt_small_f32(M: i32, N: i32, K: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, accumulate: i32): void {
  const K4 = K & ~3;
  const ldaB = <usize>lda << 2;
  const ldbB = <usize>ldb << 2;
  for (let i = 0; i < M; i += 2) {
    const two = i + 1 < M;
    const a0 = a + <usize>i * ldaB;
    const a1 = two ? a0 + ldaB : a0;
    for (let j = 0; j < N; j += 2) {
      const twoJ = j + 1 < N;
      const b0 = b + <usize>j * ldbB;
      const b1 = twoJ ? b0 + ldbB : b0;
      let s00 = f32x4.splat(0), s01 = s00, s10 = s00, s11 = s00;
      for (let k = 0; k < K4; k += 4) {
        const o = <usize>k << 2;
        const x0 = v128.load(a0 + o), x1 = v128.load(a1 + o);
        const y0 = v128.load(b0 + o), y1 = v128.load(b1 + o);
        s00 = f32x4.add(s00, f32x4.mul(x0, y0));
        s01 = f32x4.add(s01, f32x4.mul(x0, y1));
        s10 = f32x4.add(s10, f32x4.mul(x1, y0));
        s11 = f32x4.add(s11, f32x4.mul(x1, y1));
      }
      let r00 = hsum(s00), r01 = hsum(s01), r10 = hsum(s10), r11 = hsum(s11);
      for (let k = K4; k < K; k++) {
        const o = <usize>k << 2;
        const x0 = load<f32>(a0 + o), x1 = load<f32>(a1 + o);
        const y0 = load<f32>(b0 + o), y1 = load<f32>(b1 + o);
        r00 += x0 * y0;
        r01 += x0 * y1;
        r10 += x1 * y0;
        r11 += x1 * y1;
      }
      const c0 = c + ((<usize>(i * ldc + j)) << 2);
      if (accumulate) {
        r00 += load<f32>(c0);
        if (twoJ) r01 += load<f32>(c0, 4);
      }
      store<f32>(c0, r00);
      if (twoJ) store<f32>(c0, r01, 4);
      if (two) {
        const c1 = c0 + (<usize>ldc << 2);
        if (accumulate) {
          r10 += load<f32>(c1);
          if (twoJ) r11 += load<f32>(c1, 4);
        }
        store<f32>(c1, r10);
        if (twoJ) store<f32>(c1, r11, 4);
      }
    }
  }
}
