import {
  vol2col_f32, col2vol_f32, max_pool3d_f32, adaptive_max_pool3d_f32, avg_pool3d_f32, avg_pool3d_backward_f32,
  adaptive_avg_pool3d_f32, adaptive_avg_pool3d_backward_f32, fractional_max_pool_f32,
} from "../conv3d";
import { max_pool2d_backward_f32 } from "../conv";
import { allocF32, freeF32, f, outSize, mismatches } from "./buffers";

// The 3-D kernels against naive loops written from their definitions, on odd sizes, at 4-byte
// (not 16-byte) aligned addresses; vol2col with a depth of 1 is also checked against nothing but
// the same definition, so the 2-D layout (row (c·kH + i)·kW + j) is the kD = 1 case.

let seed: u32 = 4242;
function rnd(): f32 {
  seed = seed * 1664525 + 1013904223;
  return <f32>(<i32>(seed >> 8) - (1 << 23)) / <f32>(1 << 23);
}
function fillRandom(p: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(p + (<usize>i << 2), rnd());
}

/** vol2col against its definition; col2vol against Σ of the same entries, in the same order. */
function checkVol2col(n: i32, C: i32, D: i32, H: i32, W: i32, kD: i32, kH: i32, kW: i32, sD: i32, sH: i32, sW: i32, pD: i32, pH: i32, pW: i32, dD: i32, dH: i32, dW: i32): i32 {
  const oD = outSize(D, kD, sD, pD, dD), oH = outSize(H, kH, sH, pH, dH), oW = outSize(W, kW, sW, pW, dW);
  if (oD <= 0 || oH <= 0 || oW <= 0) return 0;
  const xN = n * C * D * H * W, colN = n * C * kD * kH * kW * oD * oH * oW;
  const x = allocF32(xN), col = allocF32(colN), ref = allocF32(colN), gx = allocF32(xN), gref = allocF32(xN);
  fillRandom(x, xN);
  fillRandom(col, colN);
  vol2col_f32(col, x, n, C, D, H, W, kD, kH, kW, sD, sH, sW, pD, pH, pW, dD, dH, dW, oD, oH, oW);
  let q = 0;
  for (let b = 0; b < n; b++) for (let c = 0; c < C; c++) for (let a = 0; a < kD; a++) for (let i = 0; i < kH; i++)
    for (let j = 0; j < kW; j++) for (let od = 0; od < oD; od++) for (let oh = 0; oh < oH; oh++) for (let ow = 0; ow < oW; ow++) {
      const id = od * sD - pD + a * dD, ih = oh * sH - pH + i * dH, iw = ow * sW - pW + j * dW;
      const inside = id >= 0 && id < D && ih >= 0 && ih < H && iw >= 0 && iw < W;
      store<f32>(ref + (<usize>q << 2), inside ? f(x, (((b * C + c) * D + id) * H + ih) * W + iw) : 0);
      q++;
    }
  let bad = mismatches(col, ref, colN, 0);
  fillRandom(col, colN);
  fillRandom(gx, xN);
  col2vol_f32(gx, col, n, C, D, H, W, kD, kH, kW, sD, sH, sW, pD, pH, pW, dD, dH, dW, oD, oH, oW);
  memory.fill(gref, 0, <usize>xN << 2);
  q = 0;
  for (let b = 0; b < n; b++) for (let c = 0; c < C; c++) for (let a = 0; a < kD; a++) for (let i = 0; i < kH; i++)
    for (let j = 0; j < kW; j++) for (let od = 0; od < oD; od++) for (let oh = 0; oh < oH; oh++) for (let ow = 0; ow < oW; ow++) {
      const id = od * sD - pD + a * dD, ih = oh * sH - pH + i * dH, iw = ow * sW - pW + j * dW;
      const v = f(col, q);
      q++;
      if (id >= 0 && id < D && ih >= 0 && ih < H && iw >= 0 && iw < W) {
        const p = gref + (<usize>((((b * C + c) * D + id) * H + ih) * W + iw) << 2);
        store<f32>(p, load<f32>(p) + v);
      }
    }
  bad += mismatches(gx, gref, xN, 0);
  if (bad) {
    trace("vol2col/col2vol mismatch (n C D H W)", 5, n, C, D, H, W);
    trace("  kD kH kW sD sH", 5, kD, kH, kW, sD, sH);
  }
  freeF32(x); freeF32(col); freeF32(ref); freeF32(gx); freeF32(gref);
  return bad;
}

/** max / avg pooling (and avg's backward) against naive windows; ties on every 5th value. */
function checkPool3d(n: i32, D: i32, H: i32, W: i32, kD: i32, kH: i32, kW: i32, sD: i32, sH: i32, sW: i32, pD: i32, pH: i32, pW: i32, dD: i32, dH: i32, dW: i32): i32 {
  const oD = outSize(D, kD, sD, pD, dD), oH = outSize(H, kH, sH, pH, dH), oW = outSize(W, kW, sW, pW, dW);
  if (oD <= 0 || oH <= 0 || oW <= 0) return 0;
  const xN = n * D * H * W, oN = n * oD * oH * oW;
  const x = allocF32(xN), out = allocF32(oN), idx = allocF32(oN), ref = allocF32(oN), g = allocF32(oN);
  const gx = allocF32(xN), gref = allocF32(xN);
  fillRandom(x, xN);
  for (let i = 0; i < xN; i += 5) store<f32>(x + (<usize>i << 2), 0.5);
  fillRandom(g, oN);
  max_pool3d_f32(out, idx, x, n, D, H, W, oD, oH, oW, kD, kH, kW, sD, sH, sW, pD, pH, pW, dD, dH, dW);
  let bad = 0;
  for (let p = 0; p < n; p++) for (let od = 0; od < oD; od++) for (let oh = 0; oh < oH; oh++) for (let ow = 0; ow < oW; ow++) {
    let best: f32 = -Infinity, bi = -1;
    for (let a = 0; a < kD; a++) for (let i = 0; i < kH; i++) for (let j = 0; j < kW; j++) {
      const id = od * sD - pD + a * dD, ih = oh * sH - pH + i * dH, iw = ow * sW - pW + j * dW;
      if (id < 0 || id >= D || ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
      const k = (id * H + ih) * W + iw;
      const v = f(x, p * D * H * W + k);
      if (bi < 0 || v > best) { best = v; bi = k; }
    }
    const o = ((p * oD + od) * oH + oh) * oW + ow;
    if (f(out, o) != best || load<i32>(idx + (<usize>o << 2)) != bi) bad++;
  }
  if (dD == 1 && dH == 1 && dW == 1) {
    for (let mode = 0; mode < 3; mode++) {
      const cip = mode == 1 ? 1 : 0, div = mode == 2 ? 7 : 0;
      avg_pool3d_f32(out, x, n, D, H, W, oD, oH, oW, kD, kH, kW, sD, sH, sW, pD, pH, pW, cip, div);
      fillRandom(gx, xN);
      avg_pool3d_backward_f32(gx, g, n, D, H, W, oD, oH, oW, kD, kH, kW, sD, sH, sW, pD, pH, pW, cip, div);
      memory.fill(gref, 0, <usize>xN << 2);
      for (let p = 0; p < n; p++) for (let od = 0; od < oD; od++) for (let oh = 0; oh < oH; oh++) for (let ow = 0; ow < oW; ow++) {
        let s: f32 = 0, cnt = 0;
        const t0 = od * sD - pD, h0 = oh * sH - pH, w0 = ow * sW - pW;
        const padCount = (min(t0 + kD, D + pD) - t0) * (min(h0 + kH, H + pH) - h0) * (min(w0 + kW, W + pW) - w0);
        for (let it = max(t0, 0); it < min(t0 + kD, D); it++) for (let ih = max(h0, 0); ih < min(h0 + kH, H); ih++)
          for (let iw = max(w0, 0); iw < min(w0 + kW, W); iw++) {
            s += f(x, ((p * D + it) * H + ih) * W + iw);
            cnt++;
          }
        const d = div ? div : cip ? padCount : cnt;
        const o = ((p * oD + od) * oH + oh) * oW + ow;
        store<f32>(ref + (<usize>o << 2), cnt ? s / <f32>d : 0);
        const delta = f(g, o) / <f32>d;
        for (let it = max(t0, 0); it < min(t0 + kD, D); it++) for (let ih = max(h0, 0); ih < min(h0 + kH, H); ih++)
          for (let iw = max(w0, 0); iw < min(w0 + kW, W); iw++) {
            const q = gref + (<usize>(((p * D + it) * H + ih) * W + iw) << 2);
            store<f32>(q, load<f32>(q) + delta);
          }
      }
      bad += mismatches(out, ref, oN, 0);
      bad += mismatches(gx, gref, xN, 0);
    }
  }
  if (bad) trace("pool3d mismatch (D H W kD kH)", 5, D, H, W, kD, kH);
  freeF32(x); freeF32(out); freeF32(idx); freeF32(ref); freeF32(g); freeF32(gx); freeF32(gref);
  return bad;
}

/** Adaptive max / avg (and avg's backward) against their windows. */
function checkAdaptive3d(n: i32, D: i32, H: i32, W: i32, oD: i32, oH: i32, oW: i32): i32 {
  const xN = n * D * H * W, oN = n * oD * oH * oW;
  const x = allocF32(xN), out = allocF32(oN), idx = allocF32(oN), mo = allocF32(oN), g = allocF32(oN);
  const gx = allocF32(xN), gref = allocF32(xN);
  fillRandom(x, xN);
  fillRandom(g, oN);
  adaptive_max_pool3d_f32(mo, idx, x, n, D, H, W, oD, oH, oW);
  adaptive_avg_pool3d_f32(out, x, n, D, H, W, oD, oH, oW);
  fillRandom(gx, xN);
  adaptive_avg_pool3d_backward_f32(gx, g, n, D, H, W, oD, oH, oW);
  memory.fill(gref, 0, <usize>xN << 2);
  let bad = 0;
  for (let p = 0; p < n; p++) for (let od = 0; od < oD; od++) for (let oh = 0; oh < oH; oh++) for (let ow = 0; ow < oW; ow++) {
    const t0 = (od * D) / oD, t1 = ((od + 1) * D + oD - 1) / oD;
    const h0 = (oh * H) / oH, h1 = ((oh + 1) * H + oH - 1) / oH;
    const w0 = (ow * W) / oW, w1 = ((ow + 1) * W + oW - 1) / oW;
    let s: f32 = 0, best: f32 = -Infinity, bi = -1;
    for (let it = t0; it < t1; it++) for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) {
      const k = (it * H + ih) * W + iw;
      const v = f(x, p * D * H * W + k);
      s += v;
      if (bi < 0 || v > best) { best = v; bi = k; }
    }
    const o = ((p * oD + od) * oH + oh) * oW + ow;
    if (f(out, o) != s / <f32>(t1 - t0) / <f32>(h1 - h0) / <f32>(w1 - w0)) bad++;
    if (f(mo, o) != best || load<i32>(idx + (<usize>o << 2)) != bi) bad++;
    const delta = f(g, o) / <f32>(t1 - t0) / <f32>(h1 - h0) / <f32>(w1 - w0);
    for (let it = t0; it < t1; it++) for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) {
      const q = gref + (<usize>(((p * D + it) * H + ih) * W + iw) << 2);
      store<f32>(q, load<f32>(q) + delta);
    }
  }
  bad += mismatches(gx, gref, xN, 0);
  freeF32(x); freeF32(out); freeF32(idx); freeF32(mo); freeF32(g); freeF32(gx); freeF32(gref);
  return bad;
}

describe("vol2col_f32 / col2vol_f32", () => {
  it("match the definition for odd sizes, strides, paddings and dilations", () => {
    let bad = 0;
    const ks: i32[] = [1, 2, 3];
    for (let a = 0; a < ks.length; a++) for (let s = 1; s <= 2; s++) for (let p = 0; p <= 1; p++)
      for (let d = 1; d <= 2; d++) {
        bad += checkVol2col(2, 2, 5, 4, 7, ks[a], ks[(a + 1) % 3], ks[(a + 2) % 3], s, 3 - s, s, p, 1 - p, p, d, 3 - d, d);
        bad += checkVol2col(1, 2, 1, 3, 9, 1, ks[a], ks[(a + 1) % 3], 1, s, 1, 0, p, 1, 1, d, 1); // depth 1
      }
    bad += checkVol2col(2, 1, 3, 3, 37, 2, 2, 5, 1, 1, 1, 1, 1, 2, 1, 1, 1); // long rows: v128 col2vol + tail
    bad += checkVol2col(1, 1, 3, 3, 3, 4, 4, 4, 1, 1, 1, 2, 2, 2, 1, 1, 1); // kernel wider than the volume
    bad += checkVol2col(1, 2, 7, 7, 7, 2, 2, 2, 3, 3, 3, 0, 0, 0, 1, 1, 1); // stride > kernel
    expect<i32>(bad).toBe(0);
  });
});

describe("3-D pooling kernels", () => {
  it("max / avg pooling and avg's backward match naive windows", () => {
    let bad = 0;
    for (let k = 1; k <= 3; k++) for (let s = 1; s <= 2; s++) for (let d = 1; d <= 2; d++) {
      const p = k / 2;
      bad += checkPool3d(2, 5, 4, 6, k, 3 - k / 2, k, s, 3 - s, s, p, 0, p, d, 1, d);
      bad += checkPool3d(1, 4, 5, 5, k, k, k, s, s, s, p, p, p, 1, 1, 1);
    }
    expect<i32>(bad).toBe(0);
  });

  it("a NaN wins a max window", () => {
    const x = allocF32(8), out = allocF32(1), idx = allocF32(1);
    for (let i = 0; i < 8; i++) store<f32>(x + (<usize>i << 2), <f32>i);
    store<f32>(x + 12, NaN);
    max_pool3d_f32(out, idx, x, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 0, 0, 0, 1, 1, 1);
    expect<bool>(isNaN(f(out, 0))).toBe(true);
    expect<i32>(load<i32>(idx)).toBe(3);
    freeF32(x); freeF32(out); freeF32(idx);
  });

  it("adaptive pooling matches its windows (uneven, upsampling)", () => {
    let bad = 0;
    bad += checkAdaptive3d(2, 5, 6, 7, 2, 3, 3);
    bad += checkAdaptive3d(1, 3, 2, 4, 4, 3, 5);
    bad += checkAdaptive3d(3, 4, 4, 4, 1, 1, 1);
    expect<i32>(bad).toBe(0);
  });
});

/** generate_intervals of FractionalMaxPool2d.cpp, as a list: float32 α, truncating casts. */
function intervals(u: f32, inS: i32, outS: i32, k: i32): i32[] {
  const seq = new Array<i32>(outS);
  if (outS > 1) {
    const alpha = <f32>(inS - k) / <f32>(outS - 1);
    for (let i = 0; i < outS - 1; i++) seq[i] = <i32>((<f32>i + u) * alpha) - <i32>(u * alpha);
  }
  if (outS > 0) seq[outS - 1] = inS - k;
  return seq;
}

/** fractional_max_pool_f32 (and the scatter backward over its indices) against windows placed by intervals(),
 *  ns samples per volume; ties on every 4th value. */
function checkFractional(n: i32, D: i32, H: i32, W: i32, oD: i32, oH: i32, oW: i32, kD: i32, kH: i32, kW: i32, uD: i32, uH: i32, uW: i32, ns: i32): i32 {
  const xN = n * D * H * W, oN = n * oD * oH * oW;
  const x = allocF32(xN), out = allocF32(oN), idx = allocF32(oN), u = allocF32(n * ns), g = allocF32(oN);
  const gx = allocF32(xN), gref = allocF32(xN);
  fillRandom(x, xN);
  for (let i = 0; i < xN; i += 4) store<f32>(x + (<usize>i << 2), 0.25);
  for (let i = 0; i < n * ns; i++) store<f32>(u + (<usize>i << 2), abs(rnd()));
  fillRandom(g, oN);
  fractional_max_pool_f32(out, idx, x, u, n, D, H, W, oD, oH, oW, kD, kH, kW, uD, uH, uW, ns);
  let bad = 0;
  memory.fill(gref, 0, <usize>xN << 2);
  let q = 0;
  for (let p = 0; p < n; p++) {
    const sT = intervals(f(u, p * ns + uD), D, oD, kD), sH = intervals(f(u, p * ns + uH), H, oH, kH);
    const sW = intervals(f(u, p * ns + uW), W, oW, kW);
    for (let od = 0; od < oD; od++) for (let oh = 0; oh < oH; oh++) for (let ow = 0; ow < oW; ow++) {
      let best: f32 = -Infinity, bi = (sT[od] * H + sH[oh]) * W + sW[ow];
      for (let a = 0; a < kD; a++) for (let i = 0; i < kH; i++) for (let j = 0; j < kW; j++) {
        const k = ((sT[od] + a) * H + sH[oh] + i) * W + sW[ow] + j;
        const v = f(x, p * D * H * W + k);
        if (v > best || isNaN(v)) { best = v; bi = k; }
      }
      if (load<u32>(out + (<usize>q << 2)) != reinterpret<u32>(best) || load<i32>(idx + (<usize>q << 2)) != bi) bad++;
      const r = gref + (<usize>(p * D * H * W + bi) << 2);
      store<f32>(r, load<f32>(r) + f(g, q));
      q++;
    }
  }
  max_pool2d_backward_f32(gx, g, idx, n, D * H * W, oD * oH * oW);
  bad += mismatches(gx, gref, xN, 0);
  if (bad) trace("fractional_max_pool mismatch (n D H W oH)", 5, n, D, H, W, oH);
  freeF32(x); freeF32(out); freeF32(idx); freeF32(u); freeF32(g); freeF32(gx); freeF32(gref);
  return bad;
}

describe("fractional max pooling", () => {
  it("matches windows placed by generate_intervals (planes and volumes, overlapping and not)", () => {
    let bad = 0;
    bad += checkFractional(3, 1, 7, 8, 1, 3, 3, 1, 2, 2, 0, 1, 0, 2);    // 2-D: samples (w, h)
    bad += checkFractional(2, 1, 9, 5, 1, 4, 2, 1, 3, 2, 0, 1, 0, 2);
    bad += checkFractional(2, 1, 5, 6, 1, 1, 1, 1, 2, 3, 0, 1, 0, 2);    // one window: the last one
    bad += checkFractional(1, 1, 13, 11, 1, 12, 10, 1, 2, 2, 0, 1, 0, 2); // overlapping windows
    bad += checkFractional(2, 6, 5, 7, 3, 2, 3, 2, 2, 2, 0, 1, 2, 3);    // 3-D: samples (t, h, w)
    bad += checkFractional(1, 9, 8, 10, 4, 4, 5, 2, 3, 2, 0, 1, 2, 3);
    expect<i32>(bad).toBe(0);
  });

  it("casts as x86: a NaN or infinite sample puts every window but the last at 0", () => {
    const x = allocF32(49), out = allocF32(9), idx = allocF32(9), u = allocF32(2);
    for (let i = 0; i < 49; i++) store<f32>(x + (<usize>i << 2), <f32>i);
    store<f32>(u, NaN);
    store<f32>(u + 4, Infinity);
    fractional_max_pool_f32(out, idx, x, u, 1, 1, 7, 7, 1, 3, 3, 1, 2, 2, 0, 1, 0, 2);
    // rows and columns start at 0, 0, 5: the maxima are the windows' bottom-right values
    const want: i32[] = [8, 8, 13, 8, 8, 13, 43, 43, 48];
    for (let i = 0; i < 9; i++) expect<i32>(load<i32>(idx + (<usize>i << 2))).toBe(want[i]);
    freeF32(x); freeF32(out); freeF32(idx); freeF32(u);
  });
});
