// Volumetric convolution lowering (vol2col / col2vol) and 3-D pooling windows, float32, NCDHW.
//
// The 3-D counterparts of assembly/conv.ts, with the same conventions: `n` contiguous items
// (images of C channels for vol2col, N·C volumes for pooling), no allocation, geometry computed
// in TypeScript. Pooling follows PyTorch 1.13's CPU kernels (DilatedMaxPool3d.cpp,
// AveragePool3d.cpp, Adaptive*Pooling3d.cpp): the same window clipping and divisors, float32
// sums, NaN wins a max window, the first maximum wins a tie; indices are flat
// (d·H + h)·W + w offsets within the volume. The max-pool backward is conv.ts'
// max_pool2d_backward_f32 (a scatter by flat index, blind to the number of dimensions); so is the
// backward of fractional_max_pool_f32 (FractionalMaxPool2d.cpp / FractionalMaxPool3d.cpp's windows).

import { ceilDiv, validLo, validHi } from './conv';

// ---------------------------------------------------------------------------
// vol2col / col2vol

/** For n images x[n][C][D][H][W], writes col[n][C·kD·kH·kW][oD·oH·oW]:
 *  col[((c·kD + a)·kH + i)·kW + j][(od·oH + oh)·oW + ow] =
 *  x[c][od·sD − pD + a·dD][oh·sH − pH + i·dH][ow·sW − pW + j·dW], 0 outside (the far padding
 *  is implicit, as in im2col_f32). Example (conv3d 3×3×3, padding 1 on [2,1,8,8,8]):
 *  vol2col_f32(col, x, 2, 1, 8, 8, 8, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 8, 8, 8). */
export function vol2col_f32(col: usize, x: usize, n: i32, C: i32, D: i32, H: i32, W: i32, kD: i32, kH: i32, kW: i32, sD: i32, sH: i32, sW: i32, pD: i32, pH: i32, pW: i32, dD: i32, dH: i32, dW: i32, oD: i32, oH: i32, oW: i32): void {
  const rowB = <usize>oW << 2;
  const volB = <usize>(D * H * W) << 2;
  for (let b = 0; b < n; b++) {
    for (let c = 0; c < C; c++) {
      const xv = x + (<usize>(b * C + c)) * volB;
      for (let a = 0; a < kD; a++) {
        for (let i = 0; i < kH; i++) {
          for (let j = 0; j < kW; j++) {
            const offW = j * dW - pW;
            const lo = validLo(offW, sW);
            const hi = max(lo, validHi(offW, sW, W, oW));
            for (let od = 0; od < oD; od++) {
              const id = od * sD - pD + a * dD;
              const inD = id >= 0 && id < D;
              for (let oh = 0; oh < oH; oh++) {
                const ih = oh * sH - pH + i * dH;
                if (!inD || ih < 0 || ih >= H || lo >= hi) {
                  memory.fill(col, 0, rowB);
                } else {
                  if (lo > 0) memory.fill(col, 0, <usize>lo << 2);
                  const src = xv + (<usize>((id * H + ih) * W) << 2);
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
  }
}

/** The adjoint of vol2col_f32: x[n][C][D][H][W] = Σ of the col entries that read each voxel
 *  (x is overwritten), summed in col's row order. Same arguments as vol2col_f32. */
export function col2vol_f32(x: usize, col: usize, n: i32, C: i32, D: i32, H: i32, W: i32, kD: i32, kH: i32, kW: i32, sD: i32, sH: i32, sW: i32, pD: i32, pH: i32, pW: i32, dD: i32, dH: i32, dW: i32, oD: i32, oH: i32, oW: i32): void {
  const rowB = <usize>oW << 2;
  const volB = <usize>(D * H * W) << 2;
  memory.fill(x, 0, <usize>(n * C) * volB);
  for (let b = 0; b < n; b++) {
    for (let c = 0; c < C; c++) {
      const xv = x + (<usize>(b * C + c)) * volB;
      for (let a = 0; a < kD; a++) {
        for (let i = 0; i < kH; i++) {
          for (let j = 0; j < kW; j++) {
            const offW = j * dW - pW;
            const lo = validLo(offW, sW);
            const hi = validHi(offW, sW, W, oW);
            for (let od = 0; od < oD; od++) {
              const id = od * sD - pD + a * dD;
              const inD = id >= 0 && id < D;
              for (let oh = 0; oh < oH; oh++) {
                const ih = oh * sH - pH + i * dH;
                if (inD && ih >= 0 && ih < H && lo < hi) {
                  const dst = xv + (<usize>((id * H + ih) * W) << 2);
                  if (sW == 1) {
                    const d0 = dst + (<usize>(lo + offW) << 2);
                    const s0 = col + (<usize>lo << 2);
                    const m = hi - lo;
                    let k = 0;
                    for (; k + 4 <= m; k += 4) {
                      const o = <usize>k << 2;
                      v128.store(d0 + o, f32x4.add(v128.load(d0 + o), v128.load(s0 + o)));
                    }
                    for (; k < m; k++) {
                      const o = <usize>k << 2;
                      store<f32>(d0 + o, load<f32>(d0 + o) + load<f32>(s0 + o));
                    }
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
  }
}

// ---------------------------------------------------------------------------
// max pooling

/** Flat index of the window's maximum (set by windowMax). */
let maxAt: i32 = 0;

/** The max of x over [t0, t1)×[h0, h1)×[w0, w1) taking every dD-th / dH-th / dW-th element; its flat
 *  index in maxAt. NaN wins, the first maximum wins a tie (PyTorch's rule). */
// @ts-ignore: decorator
@inline
function windowMax(x: usize, H: i32, W: i32, t0: i32, t1: i32, dD: i32, h0: i32, h1: i32, dH: i32, w0: i32, w1: i32, dW: i32): f32 {
  let m = (t0 * H + h0) * W + w0;
  let v = -Infinity as f32;
  for (let it = t0; it < t1; it += dD) {
    for (let ih = h0; ih < h1; ih += dH) {
      const row = (it * H + ih) * W;
      for (let iw = w0; iw < w1; iw += dW) {
        const k = row + iw;
        const u = load<f32>(x + (<usize>k << 2));
        if (u > v || u != u) {
          v = u;
          m = k;
        }
      }
    }
  }
  maxAt = m;
  return v;
}

/** Max over each window of n volumes x[D][H][W] → out[oD][oH][oW] and idx (flat, i32).
 *  Windows start at o·s − p, taps d apart, clipped to the volume. Example (F.max_pool3d(x, 2)
 *  on [2,3,4,4,4]): max_pool3d_f32(out, idx, x, 6, 4, 4, 4, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0,
 *  1, 1, 1). */
export function max_pool3d_f32(out: usize, idx: usize, x: usize, n: i32, D: i32, H: i32, W: i32, oD: i32, oH: i32, oW: i32, kD: i32, kH: i32, kW: i32, sD: i32, sH: i32, sW: i32, pD: i32, pH: i32, pW: i32, dD: i32, dH: i32, dW: i32): void {
  const volB = <usize>(D * H * W) << 2;
  for (let p = 0; p < n; p++) {
    for (let od = 0; od < oD; od++) {
      let t0 = od * sD - pD;
      const t1 = min(t0 + (kD - 1) * dD + 1, D);
      while (t0 < 0) t0 += dD;
      for (let oh = 0; oh < oH; oh++) {
        let h0 = oh * sH - pH;
        const h1 = min(h0 + (kH - 1) * dH + 1, H);
        while (h0 < 0) h0 += dH;
        for (let ow = 0; ow < oW; ow++) {
          let w0 = ow * sW - pW;
          const w1 = min(w0 + (kW - 1) * dW + 1, W);
          while (w0 < 0) w0 += dW;
          store<f32>(out, windowMax(x, H, W, t0, t1, dD, h0, h1, dH, w0, w1, dW));
          store<i32>(idx, maxAt);
          out += 4;
          idx += 4;
        }
      }
    }
    x += volB;
  }
}

/** Adaptive max pooling of n volumes: window od spans [⌊od·D/oD⌋, ⌈(od+1)·D/oD⌉), alike for
 *  rows and columns; values and flat indices as max_pool3d_f32. With D = oD = 1 it is adaptive max
 *  pooling of planes (F.adaptive_max_pool2d). */
export function adaptive_max_pool3d_f32(out: usize, idx: usize, x: usize, n: i32, D: i32, H: i32, W: i32, oD: i32, oH: i32, oW: i32): void {
  const volB = <usize>(D * H * W) << 2;
  for (let p = 0; p < n; p++) {
    for (let od = 0; od < oD; od++) {
      const t0 = (od * D) / oD;
      const t1 = ceilDiv((od + 1) * D, oD);
      for (let oh = 0; oh < oH; oh++) {
        const h0 = (oh * H) / oH;
        const h1 = ceilDiv((oh + 1) * H, oH);
        for (let ow = 0; ow < oW; ow++) {
          const w0 = (ow * W) / oW;
          const w1 = ceilDiv((ow + 1) * W, oW);
          store<f32>(out, windowMax(x, H, W, t0, t1, 1, h0, h1, 1, w0, w1, 1));
          store<i32>(idx, maxAt);
          out += 4;
          idx += 4;
        }
      }
    }
    x += volB;
  }
}

/** x86's cvttss2si, PyTorch's static_cast<int>(float) on its CPU build: truncation toward zero, and
 *  INT_MIN for NaN and for values outside the int32 range. */
// @ts-ignore: decorator
@inline
function cvtt(v: f32): i32 {
  return v == v && v >= -2147483648.0 && v < 2147483648.0 ? <i32>v : i32.MIN_VALUE;
}

/** Where fractional pooling window i (of outS) starts along a dimension of inS, from the plane's
 *  sample u (FractionalMaxPool2d.cpp's generate_intervals, float32 throughout):
 *  ⌊(i + u)·α⌋ − ⌊u·α⌋ with α = (inS − k)/(outS − 1); the last window ends at the edge. */
// @ts-ignore: decorator
@inline
function fracStart(i: i32, u: f32, inS: i32, outS: i32, k: i32): i32 {
  if (i == outS - 1) return inS - k;
  const alpha = <f32>(inS - k) / <f32>(outS - 1);
  return cvtt((<f32>i + u) * alpha) - cvtt(u * alpha);
}

/** Fractional max pooling of n volumes x[D][H][W] → out[oD][oH][oW] and idx (flat, i32): window
 *  (od, oh, ow) covers kD×kH×kW values from the fracStart of each dimension, drawn from the volume's
 *  ns samples at samples + 4·(p·ns + uD / uH / uW). A NaN wins, the first maximum wins a tie. Planes
 *  are the D = oD = kD = 1 case (PyTorch's 2-D samples are (w, h): uH = 1, uW = 0, ns = 2). The caller
 *  checks that every window lies inside its volume. Example (F.fractional_max_pool2d(x, 2,
 *  output_size=3) on [1,2,7,8]): fractional_max_pool_f32(out, idx, x, u, 2, 1, 7, 8, 1, 3, 3, 1, 2, 2, 0, 1, 0, 2). */
export function fractional_max_pool_f32(out: usize, idx: usize, x: usize, samples: usize, n: i32, D: i32, H: i32, W: i32, oD: i32, oH: i32, oW: i32, kD: i32, kH: i32, kW: i32, uD: i32, uH: i32, uW: i32, ns: i32): void {
  const volB = <usize>(D * H * W) << 2;
  for (let p = 0; p < n; p++) {
    const u = samples + (<usize>(p * ns) << 2);
    const sD = load<f32>(u + (<usize>uD << 2));
    const sH = load<f32>(u + (<usize>uH << 2));
    const sW = load<f32>(u + (<usize>uW << 2));
    for (let od = 0; od < oD; od++) {
      const t0 = fracStart(od, sD, D, oD, kD);
      for (let oh = 0; oh < oH; oh++) {
        const h0 = fracStart(oh, sH, H, oH, kH);
        for (let ow = 0; ow < oW; ow++) {
          const w0 = fracStart(ow, sW, W, oW, kW);
          store<f32>(out, windowMax(x, H, W, t0, t0 + kD, 1, h0, h0 + kH, 1, w0, w0 + kW, 1));
          store<i32>(idx, maxAt);
          out += 4;
          idx += 4;
        }
      }
    }
    x += volB;
  }
}

// ---------------------------------------------------------------------------
// average pooling

// avgWindow3 returns the divisor of window (od, oh, ow) and leaves its clipped bounds in these
// (PyTorch's rule: the pool size counts the padding but not what lies past it).
let wt0: i32 = 0;
let wt1: i32 = 0;
let wh0: i32 = 0;
let wh1: i32 = 0;
let ww0: i32 = 0;
let ww1: i32 = 0;

// @ts-ignore: decorator
@inline
function avgWindow3(od: i32, oh: i32, ow: i32, D: i32, H: i32, W: i32, kD: i32, kH: i32, kW: i32, sD: i32, sH: i32, sW: i32, pD: i32, pH: i32, pW: i32, countIncludePad: i32, divisor: i32): i32 {
  let t0 = od * sD - pD;
  let h0 = oh * sH - pH;
  let w0 = ow * sW - pW;
  let t1 = min(t0 + kD, D + pD);
  let h1 = min(h0 + kH, H + pH);
  let w1 = min(w0 + kW, W + pW);
  const poolSize = (t1 - t0) * (h1 - h0) * (w1 - w0);
  t0 = max(t0, 0);
  h0 = max(h0, 0);
  w0 = max(w0, 0);
  t1 = min(t1, D);
  h1 = min(h1, H);
  w1 = min(w1, W);
  wt0 = t0;
  wt1 = t1;
  wh0 = h0;
  wh1 = h1;
  ww0 = w0;
  ww1 = w1;
  if (divisor != 0) return divisor;
  return countIncludePad ? poolSize : (t1 - t0) * (h1 - h0) * (w1 - w0);
}

/** Average over each window of n volumes (float32 sums, as PyTorch 1.13's avg_pool3d); an empty
 *  window gives 0; divisor ≠ 0 overrides the count (divisor_override). */
export function avg_pool3d_f32(out: usize, x: usize, n: i32, D: i32, H: i32, W: i32, oD: i32, oH: i32, oW: i32, kD: i32, kH: i32, kW: i32, sD: i32, sH: i32, sW: i32, pD: i32, pH: i32, pW: i32, countIncludePad: i32, divisor: i32): void {
  const volB = <usize>(D * H * W) << 2;
  for (let p = 0; p < n; p++) {
    for (let od = 0; od < oD; od++) {
      for (let oh = 0; oh < oH; oh++) {
        for (let ow = 0; ow < oW; ow++) {
          const d = avgWindow3(od, oh, ow, D, H, W, kD, kH, kW, sD, sH, sW, pD, pH, pW, countIncludePad, divisor);
          let v: f32 = 0;
          if (wt0 < wt1 && wh0 < wh1 && ww0 < ww1) {
            let s: f32 = 0;
            for (let it = wt0; it < wt1; it++) {
              for (let ih = wh0; ih < wh1; ih++) {
                const row = x + (<usize>((it * H + ih) * W) << 2);
                for (let iw = ww0; iw < ww1; iw++) s += load<f32>(row + (<usize>iw << 2));
              }
            }
            v = s / <f32>d;
          }
          store<f32>(out, v);
          out += 4;
        }
      }
    }
    x += volB;
  }
}

/** The backward of avg_pool3d_f32: gx (overwritten) gets g/divisor on every voxel of each window. */
export function avg_pool3d_backward_f32(gx: usize, g: usize, n: i32, D: i32, H: i32, W: i32, oD: i32, oH: i32, oW: i32, kD: i32, kH: i32, kW: i32, sD: i32, sH: i32, sW: i32, pD: i32, pH: i32, pW: i32, countIncludePad: i32, divisor: i32): void {
  const volB = <usize>(D * H * W) << 2;
  memory.fill(gx, 0, <usize>n * volB);
  for (let p = 0; p < n; p++) {
    for (let od = 0; od < oD; od++) {
      for (let oh = 0; oh < oH; oh++) {
        for (let ow = 0; ow < oW; ow++) {
          const d = avgWindow3(od, oh, ow, D, H, W, kD, kH, kW, sD, sH, sW, pD, pH, pW, countIncludePad, divisor);
          const delta = load<f32>(g) / <f32>d;
          g += 4;
          for (let it = wt0; it < wt1; it++) {
            for (let ih = wh0; ih < wh1; ih++) {
              const row = gx + (<usize>((it * H + ih) * W) << 2);
              for (let iw = ww0; iw < ww1; iw++) {
                const q = row + (<usize>iw << 2);
                store<f32>(q, load<f32>(q) + delta);
              }
            }
          }
        }
      }
    }
    gx += volB;
  }
}

/** Adaptive average pooling of n volumes (windows as adaptive_max_pool3d_f32): f32 sum / kD / kH / kW
 *  as PyTorch 1.13's CPU kernel. */
export function adaptive_avg_pool3d_f32(out: usize, x: usize, n: i32, D: i32, H: i32, W: i32, oD: i32, oH: i32, oW: i32): void {
  const volB = <usize>(D * H * W) << 2;
  for (let p = 0; p < n; p++) {
    for (let od = 0; od < oD; od++) {
      const t0 = (od * D) / oD;
      const t1 = ceilDiv((od + 1) * D, oD);
      for (let oh = 0; oh < oH; oh++) {
        const h0 = (oh * H) / oH;
        const h1 = ceilDiv((oh + 1) * H, oH);
        for (let ow = 0; ow < oW; ow++) {
          const w0 = (ow * W) / oW;
          const w1 = ceilDiv((ow + 1) * W, oW);
          let s: f32 = 0;
          for (let it = t0; it < t1; it++) {
            for (let ih = h0; ih < h1; ih++) {
              const row = x + (<usize>((it * H + ih) * W) << 2);
              for (let iw = w0; iw < w1; iw++) s += load<f32>(row + (<usize>iw << 2));
            }
          }
          store<f32>(out, s / <f32>(t1 - t0) / <f32>(h1 - h0) / <f32>(w1 - w0));
          out += 4;
        }
      }
    }
    x += volB;
  }
}

/** The backward of adaptive_avg_pool3d_f32 (gx overwritten). */
export function adaptive_avg_pool3d_backward_f32(gx: usize, g: usize, n: i32, D: i32, H: i32, W: i32, oD: i32, oH: i32, oW: i32): void {
  const volB = <usize>(D * H * W) << 2;
  memory.fill(gx, 0, <usize>n * volB);
  for (let p = 0; p < n; p++) {
    for (let od = 0; od < oD; od++) {
      const t0 = (od * D) / oD;
      const t1 = ceilDiv((od + 1) * D, oD);
      for (let oh = 0; oh < oH; oh++) {
        const h0 = (oh * H) / oH;
        const h1 = ceilDiv((oh + 1) * H, oH);
        for (let ow = 0; ow < oW; ow++) {
          const w0 = (ow * W) / oW;
          const w1 = ceilDiv((ow + 1) * W, oW);
          const delta = load<f32>(g) / <f32>(t1 - t0) / <f32>(h1 - h0) / <f32>(w1 - w0);
          g += 4;
          for (let it = t0; it < t1; it++) {
            for (let ih = h0; ih < h1; ih++) {
              const row = gx + (<usize>((it * H + ih) * W) << 2);
              for (let iw = w0; iw < w1; iw++) {
                const q = row + (<usize>iw << 2);
                store<f32>(q, load<f32>(q) + delta);
              }
            }
          }
        }
      }
    }
    gx += volB;
  }
}
