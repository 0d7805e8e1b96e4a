// F.grid_sample for 4-D input: PyTorch 1.13's GridSampler.h / grid_sampler_2d CPU formulas (bilinear, nearest
// and bicubic; zeros, border and reflection padding; align_corners), forward and backward. Contiguous
// operands: input [N, C, IH, IW], grid [N, OH, OW, 2] (x, y in [-1, 1]), output [N, C, OH, OW].
// mode: 0 bilinear, 1 nearest, 2 bicubic; padding: 0 zeros, 1 border, 2 reflection.

// The gradient factor of the last source-index computation (a global: kernels here run on the main thread only).
let gradMult: f32 = 1;

@inline function clip(x: f32, size: i32): f32 {
  return min(<f32>(size - 1), max(x, 0));
}

function clipSetGrad(x: f32, size: i32): f32 {
  if (x <= 0) { gradMult = 0; return 0; }
  const hi = <f32>(size - 1);
  if (x >= hi) { gradMult = 0; return hi; }
  gradMult = 1;
  return x;
}

function reflect(x: f32, twiceLow: i32, twiceHigh: i32, setGrad: bool): f32 {
  if (twiceLow == twiceHigh) { if (setGrad) gradMult = 0; return 0; }
  const lo = <f32>twiceLow / 2;
  const span = <f32>(twiceHigh - twiceLow) / 2;
  let v = x - lo;
  let sign: f32 = 1;
  if (v < 0) { sign = -1; v = -v; }
  const extra = <f32>Mathf.mod(v, span);
  const flips = <i32>Mathf.floor(v / span);
  if (flips % 2 == 0) { if (setGrad) gradMult = sign; return extra + lo; }
  if (setGrad) gradMult = -sign;
  return span - extra + lo;
}

/** An integer tap position after padding (bicubic reads its 4×4 taps through this). */
function padCoord(x: f32, size: i32, padding: i32, align: bool): f32 {
  if (padding == 1) return clip(x, size);
  if (padding == 2) return clip(align ? reflect(x, 0, 2 * (size - 1), false) : reflect(x, -1, 2 * size - 1, false), size);
  return x;
}

/** The input value at tap (x, y) after padding, 0 outside. */
@inline function tap(inp: usize, x: f32, y: f32, IH: i32, IW: i32, padding: i32, align: bool): f32 {
  const ix = toInt(padCoord(x, IW, padding, align)), iy = toInt(padCoord(y, IH, padding, align));
  return inBounds(iy, ix, IH, IW) ? ld(inp, iy * IW + ix) : 0;
}

const A: f32 = -0.75;

/** Keys' cubic convolution weights of the taps at -1, 0, 1, 2 for fraction t (UpSample.h's order of operations). */
function cubicCoefficients(out: usize, t: f32): void {
  let x = t + 1;
  store<f32>(out, ((A * x - 5 * A) * x + 8 * A) * x - 4 * A, 0);
  store<f32>(out, ((A + 2) * t - (A + 3)) * t * t + 1, 4);
  x = 1 - t;
  store<f32>(out, ((A + 2) * x - (A + 3)) * x * x + 1, 8);
  x = x + 1;
  store<f32>(out, ((A * x - 5 * A) * x + 8 * A) * x - 4 * A, 12);
}

/** d weight / d t of cubicCoefficients (GridSampler.h's get_cubic_coefficients_grad). */
function cubicCoefficientsGrad(out: usize, t: f32): void {
  let x: f32 = <f32>-1 - t;
  store<f32>(out, (<f32>-3 * A * x - <f32>10 * A) * x - <f32>8 * A, 0);
  x = -t;
  store<f32>(out, (<f32>-3 * (A + 2) * x - <f32>2 * (A + 3)) * x, 4);
  x = <f32>1 - t;
  store<f32>(out, (<f32>3 * (A + 2) * x - <f32>2 * (A + 3)) * x, 8);
  x = <f32>2 - t;
  store<f32>(out, (<f32>3 * A * x - <f32>10 * A) * x + <f32>8 * A, 12);
}

// the taps' weights and the rows of a bicubic sample (scratch: grid sampling runs on one thread)
const CUBIC_X: usize = memory.data(16, 16);
const CUBIC_Y: usize = memory.data(16, 16);
const CUBIC_GX: usize = memory.data(16, 16);
const CUBIC_GY: usize = memory.data(16, 16);
const CUBIC_ROWS: usize = memory.data(16, 16);

/** The unpadded source index (bicubic pads each tap instead); gradMult gets its scale. */
function unnormalize(coord: f32, size: i32, align: bool): f32 {
  if (align) { gradMult = <f32>(size - 1) / 2; return ((coord + 1) / 2) * <f32>(size - 1); }
  gradMult = <f32>size / 2;
  return ((coord + 1) * <f32>size - 1) / 2;
}

/** The source index of a grid coordinate; with setGrad, gradMult gets d index / d coordinate. */
function sourceIndex(coord: f32, size: i32, padding: i32, align: bool, setGrad: bool): f32 {
  let scale: f32;
  let x: f32;
  if (align) { scale = <f32>(size - 1) / 2; x = ((coord + 1) / 2) * <f32>(size - 1); }
  else { scale = <f32>size / 2; x = ((coord + 1) * <f32>size - 1) / 2; }
  if (!setGrad) {
    if (padding == 1) return clip(x, size);
    if (padding == 2) return clip(align ? reflect(x, 0, 2 * (size - 1), false) : reflect(x, -1, 2 * size - 1, false), size);
    return x;
  }
  if (padding == 1) { x = clipSetGrad(x, size); gradMult *= scale; return x; }
  if (padding == 2) {
    x = align ? reflect(x, 0, 2 * (size - 1), true) : reflect(x, -1, 2 * size - 1, true);
    const r = gradMult;
    x = clipSetGrad(x, size);
    gradMult *= r * scale;
    return x;
  }
  gradMult = scale;
  return x;
}

/** floor/nearest results as i32: NaN and values beyond the i32 range become an index outside any image. */
@inline function toInt(v: f32): i32 {
  return v > -1e9 && v < 1e9 ? <i32>v : -0x40000000;
}

@inline function inBounds(y: i32, x: i32, H: i32, W: i32): bool {
  return y >= 0 && y < H && x >= 0 && x < W;
}

@inline function ld(p: usize, i: i32): f32 {
  return load<f32>(p + (<usize>i << 2));
}

/** Round half to even, as nearbyint. */
@inline function roundEven(v: f32): i32 {
  return toInt(nearest<f32>(v));
}

export function grid_sample2d_f32(out: usize, input: usize, grid: usize, N: i32, C: i32, IH: i32, IW: i32,
  OH: i32, OW: i32, mode: i32, padding: i32, align: bool): void {
  const plane = IH * IW;
  const oplane = OH * OW;
  for (let n = 0; n < N; n++) {
    const inp = input + (<usize>(n * C * plane) << 2);
    const o = out + (<usize>(n * C * oplane) << 2);
    for (let p = 0; p < oplane; p++) {
      const g = grid + (<usize>((n * oplane + p) * 2) << 2);
      if (mode == 2) {
        const ix = unnormalize(load<f32>(g), IW, align);
        const iy = unnormalize(load<f32>(g, 4), IH, align);
        const fx = Mathf.floor(ix), fy = Mathf.floor(iy);
        cubicCoefficients(CUBIC_X, ix - fx);
        cubicCoefficients(CUBIC_Y, iy - fy);
        for (let c = 0; c < C; c++) {
          const ip = inp + (<usize>(c * plane) << 2);
          for (let i = 0; i < 4; i++) {
            const y = fy - 1 + <f32>i;
            store<f32>(CUBIC_ROWS + (<usize>i << 2),
              tap(ip, fx - 1, y, IH, IW, padding, align) * load<f32>(CUBIC_X) +
              tap(ip, fx, y, IH, IW, padding, align) * load<f32>(CUBIC_X, 4) +
              tap(ip, fx + 1, y, IH, IW, padding, align) * load<f32>(CUBIC_X, 8) +
              tap(ip, fx + 2, y, IH, IW, padding, align) * load<f32>(CUBIC_X, 12));
          }
          store<f32>(o + (<usize>(c * oplane + p) << 2),
            load<f32>(CUBIC_ROWS) * load<f32>(CUBIC_Y) + load<f32>(CUBIC_ROWS, 4) * load<f32>(CUBIC_Y, 4) +
            load<f32>(CUBIC_ROWS, 8) * load<f32>(CUBIC_Y, 8) + load<f32>(CUBIC_ROWS, 12) * load<f32>(CUBIC_Y, 12));
        }
        continue;
      }
      const ix = sourceIndex(load<f32>(g), IW, padding, align, false);
      const iy = sourceIndex(load<f32>(g, 4), IH, padding, align, false);
      if (mode == 1) {
        const xn = roundEven(ix), yn = roundEven(iy);
        const ok = inBounds(yn, xn, IH, IW);
        for (let c = 0; c < C; c++) {
          store<f32>(o + (<usize>(c * oplane + p) << 2), ok ? ld(inp, c * plane + yn * IW + xn) : 0);
        }
        continue;
      }
      const fx = Mathf.floor(ix), fy = Mathf.floor(iy);
      const x0 = toInt(fx), y0 = toInt(fy), x1 = x0 + 1, y1 = y0 + 1;
      const nw = (fx + 1 - ix) * (fy + 1 - iy);
      const ne = (ix - fx) * (fy + 1 - iy);
      const sw = (fx + 1 - ix) * (iy - fy);
      const se = (ix - fx) * (iy - fy);
      const bnw = inBounds(y0, x0, IH, IW), bne = inBounds(y0, x1, IH, IW);
      const bsw = inBounds(y1, x0, IH, IW), bse = inBounds(y1, x1, IH, IW);
      for (let c = 0; c < C; c++) {
        const base = c * plane;
        let v: f32 = 0;
        if (bnw) v += ld(inp, base + y0 * IW + x0) * nw;
        if (bne) v += ld(inp, base + y0 * IW + x1) * ne;
        if (bsw) v += ld(inp, base + y1 * IW + x0) * sw;
        if (bse) v += ld(inp, base + y1 * IW + x1) * se;
        store<f32>(o + (<usize>(c * oplane + p) << 2), v);
      }
    }
  }
}

@inline function addAt(p: usize, i: i32, v: f32): void {
  const a = p + (<usize>i << 2);
  store<f32>(a, load<f32>(a) + v);
}

/** The gradients of grid_sample2d_f32: gInput (zeroed by the caller; 0 to skip) accumulates, gGrid is written. */
export function grid_sample2d_backward_f32(gInput: usize, gGrid: usize, gOut: usize, input: usize, grid: usize,
  N: i32, C: i32, IH: i32, IW: i32, OH: i32, OW: i32, mode: i32, padding: i32, align: bool): void {
  const plane = IH * IW;
  const oplane = OH * OW;
  for (let n = 0; n < N; n++) {
    const inp = input + (<usize>(n * C * plane) << 2);
    const gi = gInput + (<usize>(n * C * plane) << 2);
    const go = gOut + (<usize>(n * C * oplane) << 2);
    for (let p = 0; p < oplane; p++) {
      const gp = (n * oplane + p) * 2;
      const g = grid + (<usize>gp << 2);
      if (mode == 2) {
        const ix = unnormalize(load<f32>(g), IW, align);
        const gxm = gradMult;
        const iy = unnormalize(load<f32>(g, 4), IH, align);
        const gym = gradMult;
        const fx = Mathf.floor(ix), fy = Mathf.floor(iy);
        cubicCoefficients(CUBIC_X, ix - fx);
        cubicCoefficients(CUBIC_Y, iy - fy);
        cubicCoefficientsGrad(CUBIC_GX, ix - fx);
        cubicCoefficientsGrad(CUBIC_GY, iy - fy);
        let gix: f32 = 0, giy: f32 = 0;
        for (let c = 0; c < C; c++) {
          const ip = inp + (<usize>(c * plane) << 2);
          const gv = ld(go, c * oplane + p);
          for (let i = 0; i < 4; i++) {
            for (let j = 0; j < 4; j++) {
              const x = fx - 1 + <f32>i, y = fy - 1 + <f32>j;
              const px = toInt(padCoord(x, IW, padding, align)), py = toInt(padCoord(y, IH, padding, align));
              if (!inBounds(py, px, IH, IW)) continue;
              const wx = load<f32>(CUBIC_X + (<usize>i << 2)), wy = load<f32>(CUBIC_Y + (<usize>j << 2));
              if (gInput != 0) addAt(gi, c * plane + py * IW + px, gv * wx * wy);
              const v = ld(ip, py * IW + px);
              gix -= v * load<f32>(CUBIC_GX + (<usize>i << 2)) * wy * gv;
              giy -= v * load<f32>(CUBIC_GY + (<usize>j << 2)) * wx * gv;
            }
          }
        }
        store<f32>(gGrid + (<usize>gp << 2), gxm * gix);
        store<f32>(gGrid + (<usize>gp << 2), gym * giy, 4);
        continue;
      }
      const ix = sourceIndex(load<f32>(g), IW, padding, align, true);
      const gxm = gradMult;
      const iy = sourceIndex(load<f32>(g, 4), IH, padding, align, true);
      const gym = gradMult;
      if (mode == 1) {
        const xn = roundEven(ix), yn = roundEven(iy);
        if (gInput != 0 && inBounds(yn, xn, IH, IW)) {
          for (let c = 0; c < C; c++) addAt(gi, c * plane + yn * IW + xn, ld(go, c * oplane + p));
        }
        store<f32>(gGrid + (<usize>gp << 2), 0);
        store<f32>(gGrid + (<usize>gp << 2), 0, 4);
        continue;
      }
      const fx = Mathf.floor(ix), fy = Mathf.floor(iy);
      const x0 = toInt(fx), y0 = toInt(fy), x1 = x0 + 1, y1 = y0 + 1;
      const xe = fx + 1, ye = fy + 1;
      const nw = (xe - ix) * (ye - iy);
      const ne = (ix - fx) * (ye - iy);
      const sw = (xe - ix) * (iy - fy);
      const se = (ix - fx) * (iy - fy);
      const bnw = inBounds(y0, x0, IH, IW), bne = inBounds(y0, x1, IH, IW);
      const bsw = inBounds(y1, x0, IH, IW), bse = inBounds(y1, x1, IH, IW);
      let gix: f32 = 0, giy: f32 = 0;
      for (let c = 0; c < C; c++) {
        const base = c * plane;
        const gv = ld(go, c * oplane + p);
        if (bnw) {
          const i = base + y0 * IW + x0;
          if (gInput != 0) addAt(gi, i, nw * gv);
          const v = ld(inp, i);
          gix -= v * (ye - iy) * gv; giy -= v * (xe - ix) * gv;
        }
        if (bne) {
          const i = base + y0 * IW + x1;
          if (gInput != 0) addAt(gi, i, ne * gv);
          const v = ld(inp, i);
          gix += v * (ye - iy) * gv; giy -= v * (ix - fx) * gv;
        }
        if (bsw) {
          const i = base + y1 * IW + x0;
          if (gInput != 0) addAt(gi, i, sw * gv);
          const v = ld(inp, i);
          gix -= v * (iy - fy) * gv; giy += v * (xe - ix) * gv;
        }
        if (bse) {
          const i = base + y1 * IW + x1;
          if (gInput != 0) addAt(gi, i, se * gv);
          const v = ld(inp, i);
          gix += v * (iy - fy) * gv; giy += v * (ix - fx) * gv;
        }
      }
      store<f32>(gGrid + (<usize>gp << 2), gxm * gix);
      store<f32>(gGrid + (<usize>gp << 2), gym * giy, 4);
    }
  }
}

// ---------------------------------------------------------------- 5-D input (volumes)
// input [N, C, ID, IH, IW], grid [N, OD, OH, OW, 3] (x, y, z), output [N, C, OD, OH, OW]; modes 0 trilinear
// ("bilinear"), 1 nearest. The 8 corners in PyTorch's order: tnw, tne, tsw, tse, bnw, bne, bsw, bse
// (corner k is x0 + (k & 1), y0 + (k >> 1 & 1), z0 + (k >> 2)).

@inline function inBounds3(z: i32, y: i32, x: i32, D: i32, H: i32, W: i32): bool {
  return z >= 0 && z < D && y >= 0 && y < H && x >= 0 && x < W;
}

export function grid_sample3d_f32(out: usize, input: usize, grid: usize, N: i32, C: i32, ID: i32, IH: i32, IW: i32,
  OD: i32, OH: i32, OW: i32, mode: i32, padding: i32, align: bool): void {
  const vol = ID * IH * IW;
  const ovol = OD * OH * OW;
  for (let n = 0; n < N; n++) {
    const inp = input + (<usize>(n * C * vol) << 2);
    const o = out + (<usize>(n * C * ovol) << 2);
    for (let p = 0; p < ovol; p++) {
      const g = grid + (<usize>((n * ovol + p) * 3) << 2);
      const ix = sourceIndex(load<f32>(g), IW, padding, align, false);
      const iy = sourceIndex(load<f32>(g, 4), IH, padding, align, false);
      const iz = sourceIndex(load<f32>(g, 8), ID, padding, align, false);
      if (mode == 1) {
        const xn = roundEven(ix), yn = roundEven(iy), zn = roundEven(iz);
        const ok = inBounds3(zn, yn, xn, ID, IH, IW);
        for (let c = 0; c < C; c++) {
          store<f32>(o + (<usize>(c * ovol + p) << 2), ok ? ld(inp, c * vol + (zn * IH + yn) * IW + xn) : 0);
        }
        continue;
      }
      const fx = Mathf.floor(ix), fy = Mathf.floor(iy), fz = Mathf.floor(iz);
      const x0 = toInt(fx), y0 = toInt(fy), z0 = toInt(fz);
      for (let c = 0; c < C; c++) {
        let v: f32 = 0;
        for (let k = 0; k < 8; k++) {
          const dx = k & 1, dy = (k >> 1) & 1, dz = k >> 2;
          const x = x0 + dx, y = y0 + dy, z = z0 + dz;
          if (!inBounds3(z, y, x, ID, IH, IW)) continue;
          const wx = dx ? ix - fx : fx + 1 - ix;
          const wy = dy ? iy - fy : fy + 1 - iy;
          const wz = dz ? iz - fz : fz + 1 - iz;
          v += ld(inp, c * vol + (z * IH + y) * IW + x) * (wx * wy * wz);
        }
        store<f32>(o + (<usize>(c * ovol + p) << 2), v);
      }
    }
  }
}

/** The gradients of grid_sample3d_f32: gInput (zeroed by the caller; 0 to skip) accumulates, gGrid is written. */
export function grid_sample3d_backward_f32(gInput: usize, gGrid: usize, gOut: usize, input: usize, grid: usize,
  N: i32, C: i32, ID: i32, IH: i32, IW: i32, OD: i32, OH: i32, OW: i32, mode: i32, padding: i32, align: bool): void {
  const vol = ID * IH * IW;
  const ovol = OD * OH * OW;
  for (let n = 0; n < N; n++) {
    const inp = input + (<usize>(n * C * vol) << 2);
    const gi = gInput + (<usize>(n * C * vol) << 2);
    const go = gOut + (<usize>(n * C * ovol) << 2);
    for (let p = 0; p < ovol; p++) {
      const gp = (n * ovol + p) * 3;
      const g = grid + (<usize>gp << 2);
      const ix = sourceIndex(load<f32>(g), IW, padding, align, true);
      const gxm = gradMult;
      const iy = sourceIndex(load<f32>(g, 4), IH, padding, align, true);
      const gym = gradMult;
      const iz = sourceIndex(load<f32>(g, 8), ID, padding, align, true);
      const gzm = gradMult;
      const gg = gGrid + (<usize>gp << 2);
      if (mode == 1) {
        const xn = roundEven(ix), yn = roundEven(iy), zn = roundEven(iz);
        if (gInput != 0 && inBounds3(zn, yn, xn, ID, IH, IW)) {
          for (let c = 0; c < C; c++) addAt(gi, c * vol + (zn * IH + yn) * IW + xn, ld(go, c * ovol + p));
        }
        store<f32>(gg, 0);
        store<f32>(gg, 0, 4);
        store<f32>(gg, 0, 8);
        continue;
      }
      const fx = Mathf.floor(ix), fy = Mathf.floor(iy), fz = Mathf.floor(iz);
      const x0 = toInt(fx), y0 = toInt(fy), z0 = toInt(fz);
      let gix: f32 = 0, giy: f32 = 0, giz: f32 = 0;
      for (let c = 0; c < C; c++) {
        const gv = ld(go, c * ovol + p);
        for (let k = 0; k < 8; k++) {
          const dx = k & 1, dy = (k >> 1) & 1, dz = k >> 2;
          const x = x0 + dx, y = y0 + dy, z = z0 + dz;
          if (!inBounds3(z, y, x, ID, IH, IW)) continue;
          const wx = dx ? ix - fx : fx + 1 - ix;
          const wy = dy ? iy - fy : fy + 1 - iy;
          const wz = dz ? iz - fz : fz + 1 - iz;
          const i = c * vol + (z * IH + y) * IW + x;
          if (gInput != 0) addAt(gi, i, wx * wy * wz * gv);
          const v = ld(inp, i);
          // d weight / d ix is ±wy·wz (+ for the far corner in x), and likewise for y and z
          const tx = v * wy * wz * gv, ty = v * wx * wz * gv, tz = v * wx * wy * gv;
          if (dx) gix += tx; else gix -= tx;
          if (dy) giy += ty; else giy -= ty;
          if (dz) giz += tz; else giz -= tz;
        }
      }
      store<f32>(gg, gxm * gix);
      store<f32>(gg, gym * giy, 4);
      store<f32>(gg, gzm * giz, 8);
    }
  }
}
