// Convolution and pooling: PyTorch's argument checks, the kernels of assembly/conv.ts, and each
// backward rule beside its forward. conv = im2col + one GEMM per image and group (batched in one
// kernel call); its backward is two GEMMs with transpose flags and a col2im. A transposed conv is
// that backward-data (a GEMM then col2im), and a conv is its backward. 1-D ops are the 2-D kernels
// with H = 1.
import { composite } from '../lifetime.js';
import { Tensor } from '../tensor.js';
import { float32, int64 } from '../dtype.js';
import { K, malloc, mfree } from '../backend/wasm.js';
import { gemm, gemmBatched } from '../backend/gemm.js';
import { perItem } from '../backend/flat.js';
import { record, is_grad_enabled } from '../autograd.js';
import * as L from './linalg.js';
import { fmtShape, numelOf } from './util.js';
import * as E from './elementwise.js';
import * as R from './reduce.js';
import * as S from './shape.js';
import { bind } from '../optim/optimizer.js';
import { argPosition, nativeAfter, tensorArg as parsedTensor } from './kw.js';

export type Pair = number | readonly number[];
export type ConvPadding = Pair | 'same' | 'valid';

export interface ConvOptions {
  stride?: Pair;
  padding?: ConvPadding;
  dilation?: Pair;
  groups?: number;
}

// ---------------------------------------------------------------- shared helpers

/** A contiguous float32 tensor with t's values, detached: an alias of t when it already is one. */
function dense(t: Tensor): Tensor {
  return t.dtype === float32 && t.is_contiguous() ? t.detach() : E.convert(t, float32);
}

/** Frees what dense() returned (a detached alias or a copy; the caller's tensor lives on). */
function release(t: Tensor): void {
  t.dispose();
}

/** Temporary col buffers hold at most this many bytes; the batch is processed in chunks. */
let COL_BYTES = 32 * 1024 * 1024;

/** Internal (tests): sets the col buffer limit, returns the previous one. */
export function _setColBytes(bytes: number): number {
  const prev = COL_BYTES;
  COL_BYTES = bytes;
  return prev;
}

function withBuffer<T>(bytes: number, fn: (ptr: number) => T): T {
  const p = malloc(Math.max(bytes, 16));
  try {
    return fn(p);
  } finally {
    mfree(p);
  }
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** A number or a list of n numbers → n numbers, or null if malformed. */
function tuple(v: Pair, n: number): number[] | null {
  if (typeof v === 'number') return isInt(v) ? new Array<number>(n).fill(v) : null;
  if (!Array.isArray(v)) return null;
  if (v.length === 1 && n > 1) return isInt(v[0]) ? new Array<number>(n).fill(v[0]) : null;
  if (v.length !== n || !v.every(isInt)) return null;
  return v.slice();
}

function floatInput(t: Tensor, op: string, what: string): void {
  if (!(t instanceof Tensor)) throw new TypeError(`${op}(): argument '${what}' must be Tensor, not ${typeof t}`);
  if (t.dtype !== float32) {
    throw new TypeError(`${op}: expected ${what} to be a float32 tensor, got ${t.dtype} (call .float() first)`);
  }
}

function tensorArg(t: Tensor, op: string, what: string): void {
  if (!(t instanceof Tensor)) throw new TypeError(`${op}(): argument '${what}' must be Tensor, not ${typeof t}`);
}

// c10's names: TypeMeta's (`dtype().name()`) and ScalarType's
const META_NAME: Record<string, string> = { float32: 'float', int64: 'long int', bool: 'bool' };
const SCALAR_NAME: Record<string, string> = { float32: 'Float', int64: 'Long', bool: 'Bool' };

/**
 * The operands' dtypes, checked where PyTorch's CPU kernels check them, after the shapes: the input's scalar type
 * is the kernel's, the weight (and a bias) must have it. Operands that agree on another dtype reach tocha's own
 * limit (float32 convolutions only; PyTorch 1.13 also convolves int64).
 */
function convDtypes(op: string, input: Tensor, weight: Tensor, bias: Tensor | null | undefined): void {
  for (const t of bias != null ? [weight, bias] : [weight]) {
    if (t.dtype !== input.dtype) {
      throw new Error(`expected scalar type ${SCALAR_NAME[input.dtype.name]} but found ${SCALAR_NAME[t.dtype.name]}`);
    }
  }
  floatInput(input, op, 'input');
}

// ---------------------------------------------------------------- convolution

/** A convolution's geometry; 1-D and 2-D ones have D = kD = oD = 1 (vol = false: the 2-D kernels). */
interface ConvGeom {
  N: number; C: number; D: number; H: number; W: number;
  Cout: number; kD: number; kH: number; kW: number;
  sD: number; sH: number; sW: number; pD: number; pH: number; pW: number; dD: number; dH: number; dW: number;
  oD: number; oH: number; oW: number; groups: number; vol: boolean;
}

/** True when col = x (1×1 kernel, stride 1, no padding): the GEMM reads the input in place. */
function direct(g: ConvGeom): boolean {
  return g.kD === 1 && g.kH === 1 && g.kW === 1 && g.sD === 1 && g.sH === 1 && g.sW === 1 && g.pD === 0 &&
    g.pH === 0 && g.pW === 0 && g.oD === g.D && g.oH === g.H && g.oW === g.W;
}

/** im2col_f32 / col2im_f32 (`to` 'col' or 'im') over n images, split across threads by images. */
function cols(to: 'col' | 'im', dst: number, src: number, n: number, C: number, H: number, W: number, kH: number,
  kW: number, sH: number, sW: number, pH: number, pW: number, dH: number, dW: number, oH: number, oW: number): void {
  const colItem = C * kH * kW * oH * oW;
  const imItem = C * H * W;
  perItem(to === 'col' ? 'im2col_f32' : 'col2im_f32', [dst, src, n, C, H, W, kH, kW, sH, sW, pH, pW, dH, dW, oH, oW],
    2, to === 'col' ? [[0, colItem * 4], [1, imItem * 4]] : [[0, imItem * 4], [1, colItem * 4]], colItem);
}

/** vol2col_f32 / col2vol_f32 (`to` 'col' or 'vol') over n images of a 3-D geometry, split across threads by images. */
function vols(to: 'col' | 'vol', dst: number, src: number, n: number, g: ConvGeom): void {
  const colItem = g.C * g.kD * g.kH * g.kW * g.oD * g.oH * g.oW;
  const volItem = g.C * g.D * g.H * g.W;
  perItem(to === 'col' ? 'vol2col_f32' : 'col2vol_f32', [dst, src, n, g.C, g.D, g.H, g.W, g.kD, g.kH, g.kW, g.sD, g.sH,
    g.sW, g.pD, g.pH, g.pW, g.dD, g.dH, g.dW, g.oD, g.oH, g.oW], 2,
  to === 'col' ? [[0, colItem * 4], [1, volItem * 4]] : [[0, volItem * 4], [1, colItem * 4]], colItem);
}

/** im2col (vol2col for a 3-D geometry) of n images. */
function im2col(g: ConvGeom, col: number, x: number, n: number): void {
  if (g.vol) vols('col', col, x, n, g);
  else cols('col', col, x, n, g.C, g.H, g.W, g.kH, g.kW, g.sH, g.sW, g.pH, g.pW, g.dH, g.dW, g.oH, g.oW);
}

/** The adjoint of im2col: x (overwritten) = col2im (col2vol) of n images' col. */
function col2im(g: ConvGeom, x: number, col: number, n: number): void {
  if (g.vol) vols('vol', x, col, n, g);
  else cols('im', x, col, n, g.C, g.H, g.W, g.kH, g.kW, g.sH, g.sW, g.pH, g.pW, g.dH, g.dW, g.oH, g.oW);
}

/** Images per chunk so that a chunk's col buffer stays under COL_BYTES. */
function chunkOf(g: ConvGeom): number {
  const perItem = g.C * g.kD * g.kH * g.kW * g.oD * g.oH * g.oW * 4;
  return Math.max(1, Math.min(g.N, Math.floor(COL_BYTES / Math.max(perItem, 1))));
}

/** out[N][Cout][oH·oW] (+= if accumulate) = conv(x, w): per chunk, im2col then a batched GEMM per group. */
function convForward(g: ConvGeom, x: number, w: number, out: number, accumulate: boolean): void {
  const L = g.oD * g.oH * g.oW;
  const Cg = g.C / g.groups;
  const Og = g.Cout / g.groups;
  const KK = Cg * g.kD * g.kH * g.kW;
  const colItem = g.C * g.kD * g.kH * g.kW * L;
  const run = (col: number, n0: number, nb: number) => {
    for (let gi = 0; gi < g.groups; gi++) {
      gemmBatched(nb, Og, L, KK, w + gi * Og * KK * 4, 0, KK, 0, col + gi * KK * L * 4, colItem, L, 0,
        out + (n0 * g.Cout + gi * Og) * L * 4, g.Cout * L, L, accumulate ? 1 : 0);
    }
  };
  const xItem = g.C * g.D * g.H * g.W * 4;
  if (direct(g)) {
    run(x, 0, g.N);
    return;
  }
  const chunk = chunkOf(g);
  withBuffer(chunk * colItem * 4, (col) => {
    for (let n0 = 0; n0 < g.N; n0 += chunk) {
      const nb = Math.min(chunk, g.N - n0);
      im2col(g, col, x + n0 * xItem, nb);
      run(col, n0, nb);
    }
  });
}

/** gx = col2im(Wᵀ·gout) and gw = Σ_n gout[n]·col[n]ᵀ, each only if asked for. */
function convBackward(g: ConvGeom, x: number, w: number, gout: number, gx: number, gw: number): void {
  const L = g.oD * g.oH * g.oW;
  const Cg = g.C / g.groups;
  const Og = g.Cout / g.groups;
  const KK = Cg * g.kD * g.kH * g.kW;
  const colItem = g.C * g.kD * g.kH * g.kW * L;
  const xItem = g.C * g.D * g.H * g.W * 4;
  const gItem = g.Cout * L * 4;
  const dir = direct(g);
  const chunk = chunkOf(g);
  const body = (col: number) => {
    for (let n0 = 0; n0 < g.N; n0 += chunk) {
      const nb = Math.min(chunk, g.N - n0);
      if (gw) {
        const c = dir ? x + n0 * xItem : col;
        if (!dir) im2col(g, col, x + n0 * xItem, nb);
        // Tiny products (few filters or a small receptive field) are dot products over L:
        // packing for the GEMM would cost as much as the product.
        const small = Og < 8 || KK < 16;
        for (let i = 0; i < nb; i++) {
          for (let gi = 0; gi < g.groups; gi++) {
            // gw_g (Og×KK) += gout_g (Og×L) · col_gᵀ (L×KK)
            const ga = gout + (n0 + i) * gItem + gi * Og * L * 4;
            const cb = c + (i * colItem + gi * KK * L) * 4;
            const acc = n0 + i > 0 ? 1 : 0;
            if (small) K.gemm_nt_small_f32(Og, KK, L, ga, L, cb, L, gw + gi * Og * KK * 4, KK, acc);
            else gemm(Og, KK, L, ga, L, 0, cb, L, 1, gw + gi * Og * KK * 4, KK, acc);
          }
        }
      }
      if (gx) {
        const c = dir ? gx + n0 * xItem : col;
        for (let gi = 0; gi < g.groups; gi++) {
          // col_g (KK×L) = W_gᵀ (KK×Og) · gout_g (Og×L)
          gemmBatched(nb, KK, L, Og, w + gi * Og * KK * 4, 0, KK, 1, gout + n0 * gItem + gi * Og * L * 4,
            g.Cout * L, L, 0, c + gi * KK * L * 4, colItem, L, 0);
        }
        if (!dir) col2im(g, gx + n0 * xItem, col, nb);
      }
    }
  };
  if (dir) body(0);
  else withBuffer(chunk * colItem * 4, body);
}

/**
 * The checks convolution and its transpose start with (float operands, an (nd+1)-D unbatched or
 * (nd+2)-D batched input), and the unbatched case: PyTorch runs the batched op on input.unsqueeze(0)
 * and squeezes (SqueezeBackward1). The result shares the batched result's memory without being a view
 * of it (nothing saves that intermediate), so an in-place activation may follow. Returns that result
 * for an unbatched input, null for a batched one.
 */
function checkUnbatched(nd: 1 | 2 | 3, op: string, input: Tensor, weight: Tensor, bias: Tensor | null | undefined,
  batched: (x: Tensor) => Tensor): Tensor | null {
  tensorArg(input, op, 'input');
  tensorArg(weight, op, 'weight');
  if (bias != null) tensorArg(bias, op, 'bias');
  const xd = input._shape.length;
  if (xd !== nd + 1 && xd !== nd + 2) {
    throw new RangeError(`Expected ${nd + 1}D (unbatched) or ${nd + 2}D (batched) input to ${op}, but got input of ` +
      `size: ${fmtShape(input._shape)}`);
  }
  if (xd === nd + 2) return null;
  const yb = batched(S.unsqueeze(input, 0));
  const y = new Tensor(yb._live().retain(), yb._shape.slice(1), float32);
  const shape = yb._shape.slice();
  record('SqueezeBackward1', y, [yb], [], (g) => [S.reshape(g, shape)]);
  return y;
}

/**
 * The convolution primitive for 1-D, 2-D and 3-D (nd) inputs, batched or not, with
 * PyTorch's checks. Recorded as ConvolutionBackward0.
 */
function convolution(nd: 1 | 2 | 3, input: Tensor, weight: Tensor, bias: Tensor | null | undefined, opts: ConvOptions): Tensor {
  // PyTorch 1.13's conv2d (its int-padding overload) compares the bias's dtype with the input's before anything else
  if (nd === 2 && typeof opts.padding !== 'string' && input instanceof Tensor && bias instanceof Tensor && bias.dtype !== input.dtype) {
    throw new Error(`Input type (${META_NAME[input.dtype.name]}) and bias type (${META_NAME[bias.dtype.name]}) should be the same`);
  }
  const unbatched = checkUnbatched(nd, `conv${nd}d`, input, weight, bias, (x) => convolution(nd, x, weight, bias, opts));
  if (unbatched) return unbatched;
  const xs = input._shape;
  const stride = tuple(opts.stride ?? 1, nd);
  const dilation = tuple(opts.dilation ?? 1, nd);
  const groups = opts.groups ?? 1;
  const padOpt = opts.padding ?? 0;
  if (!stride) {
    throw new RangeError(`expected stride to be a single integer value or a list of ${nd} values to match the ` +
      `convolution dimensions, but got stride=${fmtList(opts.stride)}`);
  }
  if (!dilation) {
    throw new RangeError(`expected dilation to be a single integer value or a list of ${nd} values to match the ` +
      `convolution dimensions, but got dilation=${fmtList(opts.dilation)}`);
  }
  let padding: number[] | null;
  let same = false;
  if (typeof padOpt === 'string') {
    if (padOpt === 'valid') padding = new Array<number>(nd).fill(0);
    else if (padOpt === 'same') {
      same = true;
      padding = new Array<number>(nd).fill(0);
    } else throw new Error(`Invalid padding string: '${padOpt}'`);
  } else {
    padding = tuple(padOpt, nd);
    if (!padding) {
      throw new RangeError(`expected padding to be a single integer value or a list of ${nd} values to match the ` +
        `convolution dimensions, but got padding=${fmtList(padOpt)}`);
    }
  }
  if (!isInt(groups) || groups <= 0) throw new RangeError('non-positive groups is not supported');
  if (stride.some((s) => s <= 0)) throw new RangeError('non-positive stride is not supported');
  if (padding.some((p) => p < 0)) throw new RangeError('negative padding is not supported');
  if (dilation.some((d) => d <= 0)) throw new RangeError('non-positive dilation is not supported');
  if (same && stride.some((s) => s !== 1)) throw new Error("padding='same' is not supported for strided convolutions");
  const ws = weight._shape;
  if (nd === 3 && ws.length !== 5) {
    // PyTorch expands the arguments to 3 values, then checks them against the weight's dimensions.
    throw new RangeError(`expected stride to be a single integer value or a list of ${ws.length - 2} values to match ` +
      `the convolution dimensions, but got stride=[${stride.join(', ')}]`);
  }
  if (ws.length !== nd + 2) {
    throw new RangeError(`Expected ${ws.length}-dimensional input for ${ws.length}-dimensional weight ` +
      `${fmtShape(ws)}, but got ${xs.length}-dimensional input of size ${fmtShape(xs)} instead`);
  }
  if (ws[0] % groups !== 0) {
    throw new RangeError(`Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but ` +
      `got weight of size [${fmtShape(ws)}] instead`);
  }
  if (xs[1] !== ws[1] * groups) {
    throw new RangeError(`Given groups=${groups}, weight of size ${fmtShape(ws)}, expected input${fmtShape(xs)} to ` +
      `have ${ws[1] * groups} channels, but got ${xs[1]} channels instead`);
  }
  if (bias != null && (bias._shape.length !== 1 || bias._shape[0] !== ws[0])) {
    throw new RangeError(`Given weight of size ${fmtShape(ws)}, expected bias to be 1-dimensional with ${ws[0]} ` +
      `elements, but got bias of size ${fmtShape(bias._shape)} instead`);
  }
  const inSp = xs.slice(2);
  const kSp = ws.slice(2);
  // 'same': total padding d·(k−1), the odd one on the bottom/right (implicit in im2col).
  const padLo = same ? kSp.map((k, i) => Math.floor((dilation[i] * (k - 1)) / 2)) : padding;
  const padTot = same ? kSp.map((k, i) => dilation[i] * (k - 1)) : padding.map((p) => 2 * p);
  const padded = inSp.map((s, i) => s + padTot[i]);
  const dil = kSp.map((k, i) => dilation[i] * (k - 1) + 1);
  if (padded.some((p, i) => p < dil[i])) {
    throw new RangeError(`Calculated padded input size per channel: (${padded.join(' x ')}). Kernel size: ` +
      `(${dil.join(' x ')}). Kernel size can't be greater than actual input size`);
  }
  convDtypes(`conv${nd}d`, input, weight, bias);
  const outSp = padded.map((p, i) => Math.floor((p - dil[i]) / stride[i]) + 1);
  // (D, H, W) with the missing leading dimensions of size 1.
  const three = (a: number[], fill: number) => [...new Array<number>(3 - nd).fill(fill), ...a];
  const [D, H, W] = three(inSp, 1);
  const [kD, kH, kW] = three(kSp, 1);
  const [sD, sH, sW] = three(stride, 1);
  const [pD, pH, pW] = three(padLo, 0);
  const [dD, dH, dW] = three(dilation, 1);
  const [oD, oH, oW] = three(outSp, 1);
  const geom: ConvGeom = { N: xs[0], C: xs[1], D, H, W, Cout: ws[0], kD, kH, kW, sD, sH, sW, pD, pH, pW, dD, dH, dW,
    oD, oH, oW, groups, vol: nd === 3 };
  const outShape = [xs[0], ws[0], ...outSp];
  const out = Tensor._empty(outShape, float32);
  const L = oD * oH * oW;
  if (out.numel() > 0) {
    const x = dense(input);
    const w = dense(weight);
    let b: Tensor | null = null;
    if (bias != null) {
      b = dense(bias);
      K.bias_fill_f32(out._ptr(), b._ptr(), geom.N, geom.Cout, L);
    }
    if (geom.C > 0) convForward(geom, x._ptr(), w._ptr(), out._ptr(), b !== null);
    else if (!b) E.fill_(out, 0);
    release(x);
    release(w);
    if (b) release(b);
  }
  const inputs = bias != null ? [input, weight, bias] : [input, weight];
  const xShape = input._shape.slice();
  const wShape = weight._shape.slice();
  const nonEmpty = out.numel() > 0;
  const asymmetric = padTot.some((t, i) => t !== 2 * padLo[i]);
  return record('ConvolutionBackward0', out, inputs, [input, weight], (gOut, [sx, sw], needs) => {
    const [needX, needW, needB] = needs;
    // create_graph: the same gradients composed of differentiable ops (unfold, matmul, fold).
    if (is_grad_enabled()) return convBackwardComposed(geom, asymmetric, gOut, sx, sw, needs, bias != null);
    const gc = dense(gOut);
    const gx = needX ? Tensor._empty(xShape, float32) : null;
    const gw = needW ? Tensor._empty(wShape, float32) : null;
    if (gx && gx.numel() > 0) {
      if (L === 0 || geom.Cout === 0) E.fill_(gx, 0);
    }
    if (gw && gw.numel() > 0 && (geom.N === 0 || L === 0)) E.fill_(gw, 0);
    if (nonEmpty && ((gx && gx.numel() > 0) || (gw && gw.numel() > 0))) {
      const x = dense(sx);
      const w = dense(sw);
      convBackward(geom, x._ptr(), w._ptr(), gc._ptr(), gx && gx.numel() > 0 ? gx._ptr() : 0,
        gw && gw.numel() > 0 ? gw._ptr() : 0);
      release(x);
      release(w);
    }
    let gb: Tensor | null = null;
    if (needB) {
      gb = Tensor._empty([geom.Cout], float32);
      if (geom.Cout > 0) K.conv_bias_grad_f32(gb._ptr(), gc._ptr(), geom.N, geom.Cout, L);
    }
    release(gc);
    return bias != null ? [gx, gw, gb] : [gx, gw];
  });
}

/**
 * The conv backward as differentiable ops, for higher-order gradients (create_graph):
 * gw = Σ_n gout·unfold(x)ᵀ, gx = fold(Wᵀ·gout), per group by batched matmul.
 */
function convBackwardComposed(g: ConvGeom, asymmetric: boolean, gOut: Tensor, sx: Tensor, sw: Tensor, needs: boolean[],
  hasBias: boolean): (Tensor | null)[] {
  if (asymmetric) {
    throw new Error("tocha: double backward of a convolution with asymmetric padding ('same' with an even " +
      'dilated kernel) is not supported yet');
  }
  if (g.vol) return convBackwardComposed3d(g, gOut, sx, sw, needs, hasBias);
  const L2 = g.oH * g.oW;
  const Og = g.Cout / g.groups;
  const KK = (g.C / g.groups) * g.kH * g.kW;
  const opts = { dilation: [g.dH, g.dW], padding: [g.pH, g.pW], stride: [g.sH, g.sW] };
  const g4 = S.reshape(gOut, [g.N, g.groups, Og, L2]);
  const w3 = S.reshape(sw, [g.groups, Og, KK]);
  let gx: Tensor | null = null;
  let gw: Tensor | null = null;
  let gb: Tensor | null = null;
  if (needs[0]) {
    const cols = S.reshape(L.matmul(S.transpose(w3, -1, -2), g4), [g.N, g.C * g.kH * g.kW, L2]);
    gx = S.reshape(fold(cols, [g.H, g.W], [g.kH, g.kW], opts), sx._shape);
  }
  if (needs[1]) {
    const u = S.reshape(unfold(S.reshape(sx, [g.N, g.C, g.H, g.W]), [g.kH, g.kW], opts), [g.N, g.groups, KK, L2]);
    gw = S.reshape(R.sum(L.matmul(g4, S.transpose(u, -1, -2)), 0), sw._shape);
  }
  if (hasBias && needs[2]) gb = R.sum(S.reshape(gOut, [g.N, g.Cout, L2]), [0, 2]);
  return hasBias ? [gx, gw, gb] : [gx, gw];
}

/**
 * The weight gradient of a 3-D convolution as a differentiable conv3d, per group: with the batch as
 * the channels, gw[o][c] = conv3d(xᵀ[c], goutᵀ[o]) with stride and dilation swapped, cut to the
 * kernel. `x` is the conv's input (N, C, ...), `gout` the gradient of its output (N, Cout, ...).
 */
function convWeightGrad3d(g: ConvGeom, x: Tensor, gout: Tensor): Tensor {
  const Cg = g.C / g.groups;
  const Og = g.Cout / g.groups;
  const parts: Tensor[] = [];
  for (let gi = 0; gi < g.groups; gi++) {
    const xg = S.transpose(S.narrow(x, 1, gi * Cg, Cg), 0, 1);
    const gg = S.transpose(S.narrow(gout, 1, gi * Og, Og), 0, 1);
    let r = convolution(3, xg, gg, null,
      { stride: [g.dD, g.dH, g.dW], padding: [g.pD, g.pH, g.pW], dilation: [g.sD, g.sH, g.sW] });
    r = S.narrow(S.narrow(S.narrow(r, 2, 0, g.kD), 3, 0, g.kH), 4, 0, g.kW);
    parts.push(S.transpose(r, 0, 1));
  }
  return parts.length === 1 ? parts[0] : S.cat(parts, 0);
}

/** conv3d's backward as differentiable ops (create_graph): gx = conv_transpose3d(gout, W), gw as above. */
function convBackwardComposed3d(g: ConvGeom, gOut: Tensor, sx: Tensor, sw: Tensor, needs: boolean[],
  hasBias: boolean): (Tensor | null)[] {
  let gx: Tensor | null = null;
  let gw: Tensor | null = null;
  let gb: Tensor | null = null;
  if (needs[0]) {
    // The output_padding that gives back the input's size (what the strides left over, < stride).
    const outPad = [[g.D, g.oD, g.sD, g.pD, g.dD, g.kD], [g.H, g.oH, g.sH, g.pH, g.dH, g.kH],
      [g.W, g.oW, g.sW, g.pW, g.dW, g.kW]].map(([n, o, st, p, d, k]) => n - ((o - 1) * st - 2 * p + d * (k - 1) + 1));
    gx = convTranspose(3, gOut, sw, null, { stride: [g.sD, g.sH, g.sW], padding: [g.pD, g.pH, g.pW],
      output_padding: outPad, groups: g.groups, dilation: [g.dD, g.dH, g.dW] });
  }
  if (needs[1]) gw = convWeightGrad3d(g, sx, gOut);
  if (hasBias && needs[2]) gb = R.sum(gOut, [0, 2, 3, 4]);
  return hasBias ? [gx, gw, gb] : [gx, gw];
}

/** F.conv*'s arguments after the input, the weight included: PyTorch's positional order, or a trailing options
 *  object (`F.conv2d(x, w, b, 1, 1)`, `F.conv2d(x, w, { stride: 2 })`, `torch.conv2d(x, { weight: w })`); PyTorch's
 *  TypeErrors for the rest (a missing, doubled or non-tensor weight among them). */
function convArgs<O extends object>(fn: string, args: readonly unknown[], transposed: boolean): [Tensor, Tensor | null, O] {
  const names = transposed ? ['weight', 'bias', 'stride', 'padding', 'output_padding', 'groups', 'dilation']
    : ['weight', 'bias', 'stride', 'padding', 'dilation', 'groups'];
  const o = nativeAfter(fn, 1, names, { bias: null, stride: 1, padding: 0, output_padding: 0, dilation: 1, groups: 1 }, args);
  if (!transposed) delete o.output_padding;
  const { weight, bias, ...opts } = o;
  return [parsedTensor(fn, 'weight', argPosition(args, 0, 1), weight), bias, opts as O];
}

function fmtList(v: unknown): string {
  return Array.isArray(v) ? `[${v.join(', ')}]` : String(v);
}

/**
 * 2-D convolution over an input of shape (N, C, H, W) or (C, H, W), as `torch.nn.functional.conv2d`.
 * `stride`, `padding`, `dilation` are a number or a pair; `padding` may be 'same' or 'valid'.
 * @example F.conv2d(torch.randn(1, 3, 8, 8), torch.randn(4, 3, 3, 3), null, { padding: 1 }) // (1, 4, 8, 8)
 */
export function conv2d(input: Tensor, weight: Tensor, opts?: ConvOptions): Tensor;
export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null, opts?: ConvOptions): Tensor;
export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null, stride?: Pair, padding?: Pair | 'same' | 'valid',
  dilation?: Pair, groups?: number): Tensor;
export function conv2d(input: Tensor, kw: ConvOptions & { weight: Tensor; bias?: Tensor | null }): Tensor;
export function conv2d(input: Tensor, ...args: unknown[]): Tensor {
  return convolution(2, input, ...convArgs<ConvOptions>('conv2d', args, false));
}

/**
 * 1-D convolution over an input of shape (N, C, L) or (C, L), as `torch.nn.functional.conv1d`.
 * @example F.conv1d(torch.randn(2, 3, 10), torch.randn(5, 3, 4), null, { stride: 2 }) // (2, 5, 4)
 */
export function conv1d(input: Tensor, weight: Tensor, opts?: ConvOptions): Tensor;
export function conv1d(input: Tensor, weight: Tensor, bias?: Tensor | null, opts?: ConvOptions): Tensor;
export function conv1d(input: Tensor, weight: Tensor, bias?: Tensor | null, stride?: Pair, padding?: Pair | 'same' | 'valid',
  dilation?: Pair, groups?: number): Tensor;
export function conv1d(input: Tensor, kw: ConvOptions & { weight: Tensor; bias?: Tensor | null }): Tensor;
export function conv1d(input: Tensor, ...args: unknown[]): Tensor {
  return convolution(1, input, ...convArgs<ConvOptions>('conv1d', args, false));
}

/**
 * 3-D convolution over an input of shape (N, C, D, H, W) or (C, D, H, W), as `torch.nn.functional.conv3d`;
 * weight (C_out, C_in/groups, kD, kH, kW). `stride`, `padding`, `dilation` are a number or a triple;
 * `padding` may be 'same' or 'valid'.
 * @example F.conv3d(torch.randn(1, 2, 6, 6, 6), torch.randn(4, 2, 3, 3, 3), null, { padding: 1 }) // (1, 4, 6, 6, 6)
 */
export function conv3d(input: Tensor, weight: Tensor, opts?: ConvOptions): Tensor;
export function conv3d(input: Tensor, weight: Tensor, bias?: Tensor | null, opts?: ConvOptions): Tensor;
export function conv3d(input: Tensor, weight: Tensor, bias?: Tensor | null, stride?: Pair, padding?: Pair | 'same' | 'valid',
  dilation?: Pair, groups?: number): Tensor;
export function conv3d(input: Tensor, kw: ConvOptions & { weight: Tensor; bias?: Tensor | null }): Tensor;
export function conv3d(input: Tensor, ...args: unknown[]): Tensor {
  return convolution(3, input, ...convArgs<ConvOptions>('conv3d', args, false));
}

// ---------------------------------------------------------------- transposed convolution

export interface ConvTransposeOptions {
  stride?: Pair;
  padding?: Pair;
  output_padding?: Pair;
  groups?: number;
  dilation?: Pair;
}

/**
 * The transposed convolution primitive (1-D, 2-D or 3-D, batched or not), with PyTorch's checks in
 * PyTorch's order. It is the backward-data of the convolution that maps its output back to its
 * input: one geometry `g` describes that convolution (g.C/H/W its input = our output, g.oH/oW its
 * output = our input, g.Cout = our in_channels), so forward = col2im(Wᵀ·x) and backward = conv(gout, W)
 * for the input and the conv's weight gradient with the roles swapped. Recorded as ConvolutionBackward0.
 */
function convTranspose_impl(nd: 1 | 2 | 3, input: Tensor, weight: Tensor, bias: Tensor | null, opts: ConvTransposeOptions): Tensor {
  const unbatched = checkUnbatched(nd, `conv_transpose${nd}d`, input, weight, bias,
    (x) => convTranspose(nd, x, weight, bias, opts));
  if (unbatched) return unbatched;
  const xs = input._shape;
  const ws = weight._shape;
  // PyTorch expands each argument to nd values, then checks it against the weight's spatial dims.
  const k = ws.length - 2;
  const arg = (name: string, v: Pair | undefined, dflt: number): number[] => {
    const t = tuple(v ?? dflt, nd);
    const got = t === null ? fmtList(v) : `[${t.join(', ')}]`;
    if (t === null || t.length !== k) {
      throw new RangeError(`expected ${name} to be a single integer value or a list of ${k} values to match the ` +
        `convolution dimensions, but got ${name}=${got}`);
    }
    return t;
  };
  const stride = arg('stride', opts.stride, 1);
  const padding = arg('padding', opts.padding, 0);
  const outPad = arg('output_padding', opts.output_padding, 0);
  const dilation = arg('dilation', opts.dilation, 1);
  const groups = opts.groups ?? 1;
  if (!isInt(groups) || groups <= 0) throw new RangeError('non-positive groups is not supported');
  if (padding.some((p) => p < 0)) throw new RangeError('negative padding is not supported');
  if (outPad.some((p) => p < 0)) throw new RangeError('negative output_padding is not supported');
  if (stride.some((s) => s <= 0)) throw new RangeError('non-positive stride is not supported');
  if (ws[0] < groups) {
    throw new RangeError(`Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got ` +
      `weight of size ${fmtShape(ws)} instead`);
  }
  if (ws[0] % groups !== 0) {
    throw new RangeError(`Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but ` +
      `got weight of size [${fmtShape(ws)}] instead`);
  }
  if (xs[1] !== ws[0]) {
    throw new RangeError(`Given transposed=1, weight of size ${fmtShape(ws)}, expected input${fmtShape(xs)} to have ` +
      `${ws[0]} channels, but got ${xs[1]} channels instead`);
  }
  const Cout = ws[1] * groups;
  if (bias != null && (bias._shape.length !== 1 || bias._shape[0] !== Cout)) {
    throw new RangeError(`Given transposed=1, weight of size ${fmtShape(ws)}, expected bias to be 1-dimensional with ` +
      `${Cout} elements, but got bias of size ${fmtShape(bias._shape)} instead`);
  }
  // The rest is PyTorch's slow_conv_transpose2d/3d shape check (1-D is 2-D with height 1).
  const three = (a: number[], fill: number) => [...new Array<number>(3 - Math.max(nd, 2)).fill(fill),
    ...(nd === 1 ? [fill, a[0]] : a)];
  const [dD, dH, dW] = three(dilation, 1);
  const [sD, sH, sW] = three(stride, 1);
  const [opD, opH, opW] = three(outPad, 0);
  const [kD, kH, kW] = three(ws.slice(2), 1);
  const [pD, pH, pW] = three(padding, 0);
  const [iD, iH, iW] = three(xs.slice(2), 1);
  if (nd === 3) {
    if (dD <= 0 || dH <= 0 || dW <= 0) {
      throw new RangeError(`dilation should be greater than zero, but got dilation_depth: ${dD}, dilation_height: ` +
        `${dH}, dilation_width: ${dW}`);
    }
    if (!((opD < sD || opD < dD) && (opW < sW || opW < dW) && (opH < sH || opH < dH))) {
      throw new RangeError(`output padding must be smaller than either stride or dilation, but got ` +
        `output_padding_depth: ${opD} output_padding_height: ${opH} output_padding_width: ${opW} stride_depth: ${sD} ` +
        `stride_height: ${sH} stride_width: ${sW} dilation_depth: ${dD} dilation_height: ${dH} dilation_width: ${dW}`);
    }
  } else {
    if (dH <= 0 || dW <= 0) {
      throw new RangeError(`dilation should be greater than zero, but got dilation_height: ${dH}, dilation_width: ${dW}`);
    }
    if (!((opW < sW || opW < dW) && (opH < sH || opH < dH))) {
      throw new RangeError(`output padding must be smaller than either stride or dilation, but got ` +
        `output_padding_height: ${opH} output_padding_width: ${opW} stride_height: ${sH} stride_width: ${sW} ` +
        `dilation_height: ${dH} dilation_width: ${dW}`);
    }
  }
  const oD = nd === 3 ? (iD - 1) * sD - 2 * pD + dD * (kD - 1) + opD + 1 : 1;
  const oH = (iH - 1) * sH - 2 * pH + dH * (kH - 1) + opH + 1;
  const oW = (iW - 1) * sW - 2 * pW + dW * (kW - 1) + opW + 1;
  if (oD < 1 || oH < 1 || oW < 1) {
    const [i, o] = nd === 3 ? [`${iD} x ${iH} x ${iW}`, `${oD} x ${oH} x ${oW}`] : [`${iH} x ${iW}`, `${oH} x ${oW}`];
    throw new RangeError(`Given input size per channel: (${i}). Calculated output size per channel: (${o}). ` +
      'Output size is too small');
  }
  convDtypes(`conv_transpose${nd}d`, input, weight, bias);
  const outSp = nd === 1 ? [oW] : nd === 2 ? [oH, oW] : [oD, oH, oW];
  const geom: ConvGeom = { N: xs[0], C: Cout, D: oD, H: oH, W: oW, Cout: ws[0], kD, kH, kW, sD, sH, sW, pD, pH, pW,
    dD, dH, dW, oD: nd === 3 ? iD : 1, oH: iH, oW: iW, groups, vol: nd === 3 };
  const inVol = geom.oD * iH * iW;
  let out = Tensor._empty([xs[0], Cout, ...outSp], float32);
  if (out.numel() > 0) {
    if (geom.Cout > 0 && inVol > 0) {
      const x = dense(input);
      const w = dense(weight);
      convBackward(geom, 0, w._ptr(), x._ptr(), out._ptr(), 0);
      release(x);
      release(w);
    } else E.fill_(out, 0);
    if (bias != null) {
      const b = S.reshape(bias.detach(), [Cout, ...outSp.map(() => 1)]);
      const withBias = E.add(out, b);
      b.dispose();
      out.dispose();
      out = withBias;
    }
  }
  const inputs = bias != null ? [input, weight, bias] : [input, weight];
  const xShape = input._shape.slice();
  const wShape = weight._shape.slice();
  return record('ConvolutionBackward0', out, inputs, [input, weight], (gOut, [sx, sw], needs) => {
    const [needX, needW, needB] = needs;
    if (is_grad_enabled()) {
      if (nd === 3) return convTransposeBackwardComposed3d(geom, gOut, sx, sw, needs, bias != null);
      return convTransposeBackwardComposed(geom, gOut, sx, sw, needs, bias != null);
    }
    const gc = dense(gOut);
    const gx = needX ? Tensor._empty(xShape, float32) : null;
    const gw = needW ? Tensor._empty(wShape, float32) : null;
    const empty = geom.N === 0 || geom.C === 0 || geom.Cout === 0 || inVol === 0;
    if (gx && gx.numel() > 0) {
      if (empty) E.fill_(gx, 0);
      else {
        const w = dense(sw);
        convForward(geom, gc._ptr(), w._ptr(), gx._ptr(), false);
        release(w);
      }
    }
    if (gw && gw.numel() > 0) {
      if (empty) E.fill_(gw, 0);
      else {
        const x = dense(sx);
        convBackward(geom, gc._ptr(), 0, x._ptr(), 0, gw._ptr());
        release(x);
      }
    }
    let gb: Tensor | null = null;
    if (needB) {
      gb = Tensor._empty([Cout], float32);
      if (Cout > 0) K.conv_bias_grad_f32(gb._ptr(), gc._ptr(), geom.N, Cout, oD * oH * oW);
    }
    release(gc);
    return bias != null ? [gx, gw, gb] : [gx, gw];
  });
}
// its steps (the strided output's scatter, views, the unbatched input) are released on return
const convTranspose = /*#__PURE__*/ composite(convTranspose_impl, 'conv_transpose');

/**
 * The transposed conv's backward as differentiable ops (create_graph): gx = conv(gout, W) cut to the
 * input's size, gw_g = Σ_n x_g · unfold(gout)_gᵀ, gb = Σ gout.
 */
function convTransposeBackwardComposed(g: ConvGeom, gOut: Tensor, sx: Tensor, sw: Tensor,
  needs: boolean[], hasBias: boolean): (Tensor | null)[] {
  const L2 = g.oH * g.oW;
  const Og = g.Cout / g.groups; // in_channels per group
  const KK = (g.C / g.groups) * g.kH * g.kW;
  const opts = { dilation: [g.dH, g.dW], padding: [g.pH, g.pW], stride: [g.sH, g.sW] };
  const g4 = S.reshape(gOut, [g.N, g.C, g.H, g.W]);
  // The conv of an output_padding-ed size may give one more row or column than the input had.
  const cut = (t: Tensor) => S.narrow(S.narrow(t, 2, 0, g.oH), 3, 0, g.oW);
  let gx: Tensor | null = null;
  let gw: Tensor | null = null;
  let gb: Tensor | null = null;
  if (needs[0]) {
    const w4 = S.reshape(sw, [g.Cout, g.C / g.groups, g.kH, g.kW]);
    gx = S.reshape(cut(convolution(2, g4, w4, null, { ...opts, groups: g.groups })), sx._shape);
  }
  if (needs[1]) {
    const u = unfold(g4, [g.kH, g.kW], opts);
    const [bh, bw] = blocks(g.H, g.W, { k: [g.kH, g.kW], d: opts.dilation, p: opts.padding, s: opts.stride });
    const uc = S.reshape(cut(S.reshape(u, [g.N, g.C * g.kH * g.kW, bh, bw])), [g.N, g.groups, KK, L2]);
    const x4 = S.reshape(sx, [g.N, g.groups, Og, L2]);
    gw = S.reshape(R.sum(L.matmul(x4, S.transpose(uc, -1, -2)), 0), sw._shape);
  }
  if (hasBias && needs[2]) gb = R.sum(S.reshape(gOut, [g.N, g.C, g.H * g.W]), [0, 2]);
  return hasBias ? [gx, gw, gb] : [gx, gw];
}

/**
 * conv_transpose3d's backward as differentiable ops (create_graph): gx = conv3d(gout, W) cut to the
 * input's size, gw = the weight gradient of that conv (gout its input, x its output's gradient).
 */
function convTransposeBackwardComposed3d(g: ConvGeom, gOut: Tensor, sx: Tensor, sw: Tensor, needs: boolean[],
  hasBias: boolean): (Tensor | null)[] {
  let gx: Tensor | null = null;
  let gw: Tensor | null = null;
  let gb: Tensor | null = null;
  if (needs[0]) {
    const y = convolution(3, gOut, sw, null, { stride: [g.sD, g.sH, g.sW], padding: [g.pD, g.pH, g.pW],
      dilation: [g.dD, g.dH, g.dW], groups: g.groups });
    gx = S.narrow(S.narrow(S.narrow(y, 2, 0, g.oD), 3, 0, g.oH), 4, 0, g.oW);
  }
  if (needs[1]) gw = convWeightGrad3d(g, gOut, sx);
  if (hasBias && needs[2]) gb = R.sum(gOut, [0, 2, 3, 4]);
  return hasBias ? [gx, gw, gb] : [gx, gw];
}

/**
 * 2-D transposed convolution ("deconvolution") over (N, C_in, H, W) or (C_in, H, W), as
 * `torch.nn.functional.conv_transpose2d`; weight (C_in, C_out/groups, kH, kW). Options: stride,
 * padding, output_padding, groups, dilation.
 * @example F.conv_transpose2d(torch.randn(1, 4, 5, 5), torch.randn(4, 2, 3, 3), null, { stride: 2 }) // (1, 2, 11, 11)
 */
export function conv_transpose2d(input: Tensor, weight: Tensor, opts?: ConvTransposeOptions): Tensor;
export function conv_transpose2d(input: Tensor, weight: Tensor, bias?: Tensor | null, opts?: ConvTransposeOptions): Tensor;
export function conv_transpose2d(input: Tensor, weight: Tensor, bias?: Tensor | null, stride?: Pair, padding?: Pair,
  output_padding?: Pair, groups?: number, dilation?: Pair): Tensor;
export function conv_transpose2d(input: Tensor, kw: ConvTransposeOptions & { weight: Tensor; bias?: Tensor | null }): Tensor;
export function conv_transpose2d(input: Tensor, ...args: unknown[]): Tensor {
  return convTranspose(2, input, ...convArgs<ConvTransposeOptions>('conv_transpose2d', args, true));
}

/**
 * 1-D transposed convolution over (N, C_in, L) or (C_in, L), as `torch.nn.functional.conv_transpose1d`;
 * weight (C_in, C_out/groups, k).
 * @example F.conv_transpose1d(torch.randn(2, 3, 6), torch.randn(3, 5, 4), null, { stride: 2 }) // (2, 5, 14)
 */
export function conv_transpose1d(input: Tensor, weight: Tensor, opts?: ConvTransposeOptions): Tensor;
export function conv_transpose1d(input: Tensor, weight: Tensor, bias?: Tensor | null, opts?: ConvTransposeOptions): Tensor;
export function conv_transpose1d(input: Tensor, weight: Tensor, bias?: Tensor | null, stride?: Pair, padding?: Pair,
  output_padding?: Pair, groups?: number, dilation?: Pair): Tensor;
export function conv_transpose1d(input: Tensor, kw: ConvTransposeOptions & { weight: Tensor; bias?: Tensor | null }): Tensor;
export function conv_transpose1d(input: Tensor, ...args: unknown[]): Tensor {
  return convTranspose(1, input, ...convArgs<ConvTransposeOptions>('conv_transpose1d', args, true));
}

/**
 * 3-D transposed convolution over (N, C_in, D, H, W) or (C_in, D, H, W), as
 * `torch.nn.functional.conv_transpose3d`; weight (C_in, C_out/groups, kD, kH, kW). Options: stride,
 * padding, output_padding, groups, dilation.
 * @example F.conv_transpose3d(torch.randn(1, 4, 3, 3, 3), torch.randn(4, 2, 2, 2, 2), null, { stride: 2 }) // (1, 2, 6, 6, 6)
 */
export function conv_transpose3d(input: Tensor, weight: Tensor, opts?: ConvTransposeOptions): Tensor;
export function conv_transpose3d(input: Tensor, weight: Tensor, bias?: Tensor | null, opts?: ConvTransposeOptions): Tensor;
export function conv_transpose3d(input: Tensor, weight: Tensor, bias?: Tensor | null, stride?: Pair, padding?: Pair,
  output_padding?: Pair, groups?: number, dilation?: Pair): Tensor;
export function conv_transpose3d(input: Tensor, kw: ConvTransposeOptions & { weight: Tensor; bias?: Tensor | null }): Tensor;
export function conv_transpose3d(input: Tensor, ...args: unknown[]): Tensor {
  return convTranspose(3, input, ...convArgs<ConvTransposeOptions>('conv_transpose3d', args, true));
}

// ---------------------------------------------------------------- pooling geometry

/** PyTorch's pooling_output_shape: floor (or ceil, keeping the last window inside the input). */
function poolOut(size: number, k: number, pad: number, stride: number, dilation: number, ceil: boolean): number {
  if (stride === 0) throw new RangeError('stride should not be zero');
  if (pad < 0) throw new RangeError(`pad must be non-negative, but got pad: ${pad}`);
  if (pad > Math.floor(k / 2)) {
    throw new RangeError(`pad should be at most half of kernel size, but got pad=${pad} and kernel_size=${k}`);
  }
  let o = Math.floor((size + 2 * pad - dilation * (k - 1) - 1 + (ceil ? stride - 1 : 0)) / stride) + 1;
  if (ceil && (o - 1) * stride >= size + pad) o--;
  return o;
}

interface PoolGeom {
  planes: number; C: number; H: number; W: number; oH: number; oW: number;
  kH: number; kW: number; sH: number; sW: number; pH: number; pW: number; dH: number; dW: number;
}

function poolPair(v: Pair | null | undefined, op: string, what: string, allowEmpty: boolean): number[] | null {
  if (v == null || (Array.isArray(v) && v.length === 0)) {
    if (allowEmpty) return null;
  }
  const t = v == null ? null : tuple(v, 2);
  if (!t) {
    const msgs: Record<string, string> = {
      kernel_size: 'kernel_size must either be a single int, or a tuple of two ints',
      stride: 'stride must either be omitted, a single int, or a tuple of two ints',
      padding: 'padding must be either be a single int, or a tuple of two ints',
      dilation: 'dilation must be either a single int, or a tuple of two ints',
    };
    throw new RangeError(`${op}: ${msgs[what]}`);
  }
  return t;
}

function poolGeom(x: Tensor, kernel: number[], stride: number[], padding: number[], dilation: number[],
  ceil: boolean): PoolGeom {
  const nd = x._shape.length;
  const [kH, kW] = kernel;
  const [sH, sW] = stride;
  const [pH, pW] = padding;
  const [dH, dW] = dilation;
  const H = x._shape[nd - 2];
  const W = x._shape[nd - 1];
  const C = x._shape[nd - 3];
  const oH = poolOut(H, kH, pH, sH, dH, ceil);
  const oW = poolOut(W, kW, pW, sW, dW, ceil);
  if (kH <= 0 || kW <= 0) throw new RangeError(`kernel size should be greater than zero, but got kH: ${kH} kW: ${kW}`);
  if (sH <= 0 || sW <= 0) throw new RangeError(`stride should be greater than zero, but got dH: ${sH} dW: ${sW}`);
  if (dH <= 0 || dW <= 0) {
    throw new RangeError(`dilation should be greater than zero, but got dilationH: ${dH} dilationW: ${dW}`);
  }
  const validDims = x._shape[nd - 3] !== 0 && x._shape[nd - 2] !== 0;
  if (!((nd === 3 && x._shape[0] !== 0 && validDims) || (nd === 4 && validDims && x._shape[3] !== 0))) {
    throw new RangeError(`Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:` +
      `${fmtShape(x._shape)}`);
  }
  if (oH < 1 || oW < 1) {
    throw new RangeError(`Given input size: (${C}x${H}x${W}). Calculated output size: (${C}x${oH}x${oW}). ` +
      `Output size is too small`);
  }
  return { planes: numelOf(x._shape.slice(0, -2)), C, H, W, oH, oW, kH, kW, sH, sW, pH, pW, dH, dW };
}

// ---------------------------------------------------------------- max pooling

export interface MaxPoolOptions {
  stride?: Pair | null;
  padding?: Pair;
  dilation?: Pair;
  ceil_mode?: boolean;
  return_indices?: boolean;
}

/** The max_pool2d primitive: values and int64 indices (flat h·W + w per plane). */
function maxPool2dWithIndices(x: Tensor, kernel: number[], stride: number[], padding: number[], dilation: number[],
  ceil: boolean): [Tensor, Tensor] {
  floatInput(x, 'max_pool2d', 'input');
  const nd = x._shape.length;
  if (nd !== 3 && nd !== 4) throw new RangeError('non-empty 3D or 4D (batch mode) tensor expected for input');
  const g = poolGeom(x, kernel, stride, padding, dilation, ceil);
  const outShape = [...x._shape.slice(0, -2), g.oH, g.oW];
  const out = Tensor._empty(outShape, float32);
  const idx = Tensor._empty(outShape.slice(), int64);
  if (out.numel() > 0) {
    const xc = dense(x);
    const ohw = g.oH * g.oW;
    perItem('max_pool2d_f32', [out._ptr(), idx._ptr(), xc._ptr(), g.planes, g.H, g.W, g.oH, g.oW, g.kH, g.kW, g.sH,
      g.sW, g.pH, g.pW, g.dH, g.dW], 3, [[0, ohw * 4], [1, ohw * 4], [2, g.H * g.W * 4]], g.H * g.W);
    release(xc);
  }
  const xShape = x._shape.slice();
  record('MaxPool2DWithIndicesBackward0', out, [x], [idx], (gOut, [si]) => [maxScatter(gOut, si, xShape, g.planes)]);
  return [out, idx];
}

function maxScatter(gOut: Tensor, idx: Tensor, xShape: number[], planes: number): Tensor {
  const gx = Tensor._empty(xShape, float32);
  const gc = dense(gOut);
  const ic = idx.is_contiguous() ? idx : E.convert(idx, int64);
  const hw = xShape[xShape.length - 2] * xShape[xShape.length - 1];
  const ohw = gc._shape[gc._shape.length - 2] * gc._shape[gc._shape.length - 1];
  if (gx.numel() > 0) {
    perItem('max_pool2d_backward_f32', [gx._ptr(), gc._ptr(), ic._ptr(), planes, hw, ohw], 3,
      [[0, hw * 4], [1, ohw * 4], [2, ohw * 4]], hw);
  }
  release(gc);
  if (ic !== idx) ic.dispose();
  return gx;
}

/** max_pool's arguments after (input, kernel_size): PyTorch's positional order or a trailing options object. */
function maxPoolArgs(fn: string, rest: readonly unknown[]): MaxPoolOptions {
  return bind(fn, ['stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'], [],
    { stride: null, padding: 0, dilation: 1, ceil_mode: false, return_indices: false }, rest, 2, true);
}

/**
 * 2-D max pooling over (N, C, H, W) or (C, H, W), as `torch.nn.functional.max_pool2d`.
 * Options: stride (default kernel_size), padding, dilation, ceil_mode, return_indices
 * (then `[output, indices]`). PyTorch's positional order is accepted too.
 * @example F.max_pool2d(x, 2) // halves H and W
 * @example const [y, idx] = F.max_pool2d(x, 3, { stride: 2, padding: 1, return_indices: true })
 */
export function max_pool2d(input: Tensor, kernel_size: Pair, opts?: MaxPoolOptions & { return_indices?: false }): Tensor;
export function max_pool2d(input: Tensor, kernel_size: Pair, opts: MaxPoolOptions & { return_indices: true }): [Tensor, Tensor];
export function max_pool2d(input: Tensor, kernel_size: Pair, opts: MaxPoolOptions): Tensor | [Tensor, Tensor];
export function max_pool2d(input: Tensor, kernel_size: Pair, stride: Pair | null | undefined, padding: Pair | undefined,
  dilation: Pair | undefined, ceil_mode: boolean | undefined, return_indices: true): [Tensor, Tensor];
export function max_pool2d(input: Tensor, kernel_size: Pair, stride?: Pair | null, padding?: Pair, dilation?: Pair,
  ceil_mode?: boolean, return_indices?: false): Tensor;
export function max_pool2d(input: Tensor, kernel_size: Pair, ...rest: unknown[]): Tensor | [Tensor, Tensor] {
  const o = maxPoolArgs('max_pool2d', rest);
  const k = poolPair(kernel_size, 'max_pool2d', 'kernel_size', false)!;
  const s = poolPair(o.stride, 'max_pool2d', 'stride', true) ?? k;
  const p = poolPair(o.padding ?? 0, 'max_pool2d', 'padding', false)!;
  const d = poolPair(o.dilation ?? 1, 'max_pool2d', 'dilation', false)!;
  const [out, idx] = maxPool2dWithIndices(input, k, s, p, d, o.ceil_mode ?? false);
  if (o.return_indices) return [out, idx];
  idx.dispose();
  return out;
}

function pool1dArg(v: Pair | null | undefined, op: string, what: string): number | null {
  if (v == null || (Array.isArray(v) && v.length === 0)) return null;
  const t = tuple(v, 1);
  if (!t) throw new RangeError(`${op}: ${what} must be an int or a tuple of one int`);
  return t[0];
}

/**
 * 1-D max pooling over (N, C, L) or (C, L), as `torch.nn.functional.max_pool1d`.
 * @example F.max_pool1d(torch.randn(2, 3, 8), 2) // (2, 3, 4)
 */
export function max_pool1d(input: Tensor, kernel_size: Pair, opts?: MaxPoolOptions & { return_indices?: false }): Tensor;
export function max_pool1d(input: Tensor, kernel_size: Pair, opts: MaxPoolOptions & { return_indices: true }): [Tensor, Tensor];
export function max_pool1d(input: Tensor, kernel_size: Pair, opts: MaxPoolOptions): Tensor | [Tensor, Tensor];
export function max_pool1d(input: Tensor, kernel_size: Pair, stride: Pair | null | undefined, padding: Pair | undefined,
  dilation: Pair | undefined, ceil_mode: boolean | undefined, return_indices: true): [Tensor, Tensor];
export function max_pool1d(input: Tensor, kernel_size: Pair, stride?: Pair | null, padding?: Pair, dilation?: Pair,
  ceil_mode?: boolean, return_indices?: false): Tensor;
export function max_pool1d(input: Tensor, kernel_size: Pair, ...rest: unknown[]): Tensor | [Tensor, Tensor] {
  const o = maxPoolArgs('max_pool1d', rest);
  floatInput(input, 'max_pool1d', 'input');
  const nd = input._shape.length;
  if (nd !== 2 && nd !== 3) {
    throw new RangeError('max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for ' +
      `input, but got:${fmtShape(input._shape)}`);
  }
  const k = pool1dArg(kernel_size, 'max_pool1d', 'kernel_size');
  if (k === null) throw new RangeError('max_pool1d: kernel_size must be an int or a tuple of one int');
  const s = pool1dArg(o.stride, 'max_pool1d', 'stride') ?? k;
  const p = pool1dArg(o.padding ?? 0, 'max_pool1d', 'padding') ?? 0;
  const d = pool1dArg(o.dilation ?? 1, 'max_pool1d', 'dilation') ?? 1;
  const x4 = S.unsqueeze(input, -2);
  const [out, idx] = maxPool2dWithIndices(x4, [1, k], [1, s], [0, p], [1, d], o.ceil_mode ?? false);
  const y = S.squeeze(out, -2);
  const i = S.squeeze(idx, -2);
  if (o.return_indices) return [y, i];
  return y;
}

// ---------------------------------------------------------------- average pooling

export interface AvgPoolOptions {
  stride?: Pair | null;
  padding?: Pair;
  ceil_mode?: boolean;
  count_include_pad?: boolean;
  divisor_override?: number | null;
}

/** avg_pool2d's and avg_pool3d's arguments after the input, as ATen's: kernel_size by name too
 *  (`F.avg_pool2d(x, { kernel_size: 2 })`), missing or given twice in the parser's words. */
function avgPoolArgs(fn: string, rest: readonly unknown[]): AvgPoolOptions & { kernel_size: Pair } {
  return nativeAfter(fn, 1, ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'],
    { stride: null, padding: 0, ceil_mode: false, count_include_pad: true, divisor_override: null }, rest) as AvgPoolOptions & { kernel_size: Pair };
}

function avgPool2dCore(x: Tensor, k: number[], s: number[], p: number[], ceil: boolean, countIncludePad: boolean,
  divisor: number | null | undefined): Tensor {
  floatInput(x, 'avg_pool2d', 'input');
  const nd = x._shape.length;
  if (nd !== 3 && nd !== 4) {
    throw new RangeError(`Dimension out of range (expected to be in range of [${-nd}, ${nd - 1}], but got -3)`);
  }
  if (divisor != null && divisor === 0) throw new RangeError('divisor must be not zero');
  const g = poolGeom(x, k, s, p, [1, 1], ceil);
  const out = Tensor._empty([...x._shape.slice(0, -2), g.oH, g.oW], float32);
  const cip = countIncludePad ? 1 : 0;
  const div = divisor ?? 0;
  if (out.numel() > 0) {
    const xc = dense(x);
    K.avg_pool2d_f32(out._ptr(), xc._ptr(), g.planes, g.H, g.W, g.oH, g.oW, g.kH, g.kW, g.sH, g.sW, g.pH, g.pW, cip, div);
    release(xc);
  }
  const xShape = x._shape.slice();
  return record('AvgPool2DBackward0', out, [x], [], (gOut) => {
    const gx = Tensor._empty(xShape, float32);
    const gc = dense(gOut);
    if (gx.numel() > 0) {
      K.avg_pool2d_backward_f32(gx._ptr(), gc._ptr(), g.planes, g.H, g.W, g.oH, g.oW, g.kH, g.kW, g.sH, g.sW, g.pH,
        g.pW, cip, div);
    }
    release(gc);
    return [gx];
  });
}

/**
 * 2-D average pooling over (N, C, H, W) or (C, H, W), as `torch.nn.functional.avg_pool2d`.
 * Options: stride (default kernel_size), padding, ceil_mode, count_include_pad (default true),
 * divisor_override. PyTorch's positional order is accepted too.
 * @example F.avg_pool2d(x, 3, { stride: 2, padding: 1, count_include_pad: false })
 */
export function avg_pool2d(input: Tensor, kernel_size: Pair, opts?: AvgPoolOptions): Tensor;
export function avg_pool2d(input: Tensor, kernel_size: Pair, stride?: Pair | null, padding?: Pair, ceil_mode?: boolean,
  count_include_pad?: boolean, divisor_override?: number | null): Tensor;
export function avg_pool2d(input: Tensor, kw: AvgPoolOptions & { kernel_size: Pair }): Tensor;
export function avg_pool2d(input: Tensor, ...rest: unknown[]): Tensor {
  const o = avgPoolArgs('avg_pool2d', rest);
  const kernel_size = o.kernel_size;
  const k = poolPair(kernel_size, 'avg_pool2d', 'kernel_size', false)!;
  const s = poolPair(o.stride, 'avg_pool2d', 'stride', true) ?? k;
  const p = poolPair(o.padding ?? 0, 'avg_pool2d', 'padding', false)!;
  return avgPool2dCore(input, k, s, p, o.ceil_mode ?? false, o.count_include_pad ?? true, o.divisor_override);
}

/**
 * 1-D average pooling over (N, C, L) or (C, L), as `torch.nn.functional.avg_pool1d`.
 * @example F.avg_pool1d(torch.randn(2, 3, 8), 2) // (2, 3, 4)
 */
export function avg_pool1d(input: Tensor, kernel_size: Pair, opts?: Omit<AvgPoolOptions, 'divisor_override'>): Tensor;
export function avg_pool1d(input: Tensor, kernel_size: Pair, stride?: Pair | null, padding?: Pair, ceil_mode?: boolean,
  count_include_pad?: boolean): Tensor;
export function avg_pool1d(input: Tensor, kw: Omit<AvgPoolOptions, 'divisor_override'> & { kernel_size: Pair }): Tensor;
export function avg_pool1d(input: Tensor, ...rest: unknown[]): Tensor {
  // ATen's avg_pool1d: kernel_size by name too (torch.avg_pool1d(x, kernel_size=2))
  const o = nativeAfter('avg_pool1d', 1, ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad'],
    { stride: null, padding: 0, ceil_mode: false, count_include_pad: true }, rest);
  const kernel_size = o.kernel_size as Pair;
  floatInput(input, 'avg_pool1d', 'input');
  const nd = input._shape.length;
  if (nd !== 2 && nd !== 3) {
    throw new RangeError(`Expected 2 to 3 dimensions, but got ${nd}-dimensional tensor for argument #1 'self' ` +
      `(while checking arguments for avg_pool1d)`);
  }
  const k = pool1dArg(kernel_size, 'avg_pool1d', 'kernel_size');
  if (k === null) throw new RangeError('avg_pool1d: kernel_size must be an int or a tuple of one int');
  const s = pool1dArg(o.stride, 'avg_pool1d', 'stride') ?? k;
  const p = pool1dArg(o.padding ?? 0, 'avg_pool1d', 'padding') ?? 0;
  const y = avgPool2dCore(S.unsqueeze(input, -2), [1, k], [1, s], [0, p], o.ceil_mode ?? false,
    o.count_include_pad ?? true, null);
  return S.squeeze(y, -2);
}

// ---------------------------------------------------------------- adaptive pooling

function adaptiveSize(x: Tensor, output_size: Pair | readonly (number | null)[], op: string): [number, number] {
  if (!(x instanceof Tensor)) throw new TypeError(`${op}(): argument 'input' must be Tensor`);
  floatInput(x, op, 'input');
  const nd = x._shape.length;
  if (nd < 3) throw new RangeError('Input dimension should be at least 3');
  const raw = typeof output_size === 'number' ? [output_size, output_size] : output_size.slice();
  if (raw.length !== 2) throw new RangeError(`${op}: output_size must be 2`);
  const sz = raw.map((v, i) => (v == null ? x._shape[nd - 2 + i] : v)) as number[];
  if (nd !== 3 && nd !== 4) throw new RangeError(`${op}(): Expected 3D or 4D tensor, but got ${fmtShape(x._shape)}`);
  for (let i = 1; i < nd; i++) {
    if (x._shape[i] === 0) {
      throw new RangeError(`${op}(): Expected input to have non-zero size for non-batch dimensions, but input has ` +
        `sizes ${fmtShape(x._shape)} with dimension ${i} being empty`);
    }
  }
  if (sz.some((v) => !isInt(v) || v < 0)) {
    throw new RangeError(`${op}: elements of output_size must be greater than or equal to 0 but received ` +
      `{${sz.join(', ')}}`);
  }
  return [sz[0], sz[1]];
}

/**
 * Adaptive 2-D average pooling to `output_size` (a number or a pair; null keeps that input size),
 * as `torch.nn.functional.adaptive_avg_pool2d`. (1, 1) is a mean over H and W, as in PyTorch.
 * @example F.adaptive_avg_pool2d(torch.randn(2, 8, 7, 7), 1) // (2, 8, 1, 1)
 */
export function adaptive_avg_pool2d(input: Tensor, output_size: Pair | readonly (number | null)[]): Tensor {
  const [oH, oW] = adaptiveSize(input, output_size, 'adaptive_avg_pool2d');
  if (oH === 1 && oW === 1) return R.mean(input, [-1, -2], { keepdim: true });
  const nd = input._shape.length;
  const H = input._shape[nd - 2];
  const W = input._shape[nd - 1];
  const planes = numelOf(input._shape.slice(0, -2));
  const out = Tensor._empty([...input._shape.slice(0, -2), oH, oW], float32);
  if (out.numel() > 0) {
    const xc = dense(input);
    K.adaptive_avg_pool2d_f32(out._ptr(), xc._ptr(), planes, H, W, oH, oW);
    release(xc);
  }
  const xShape = input._shape.slice();
  return record('AdaptiveAvgPool2DBackward0', out, [input], [], (gOut) => {
    const gx = Tensor._empty(xShape, float32);
    const gc = dense(gOut);
    if (gx.numel() > 0) K.adaptive_avg_pool2d_backward_f32(gx._ptr(), gc._ptr(), planes, H, W, oH, oW);
    release(gc);
    return [gx];
  });
}

/**
 * Adaptive 2-D max pooling, as `torch.nn.functional.adaptive_max_pool2d`; with
 * `{ return_indices: true }` gives `[output, indices]`.
 * @example F.adaptive_max_pool2d(torch.randn(1, 4, 9, 9), [3, 3]) // (1, 4, 3, 3)
 */
export function adaptive_max_pool2d(input: Tensor, output_size: Pair | readonly (number | null)[],
  opts?: { return_indices?: false }): Tensor;
export function adaptive_max_pool2d(input: Tensor, output_size: Pair | readonly (number | null)[],
  opts: { return_indices: true }): [Tensor, Tensor];
export function adaptive_max_pool2d(input: Tensor, output_size: Pair | readonly (number | null)[],
  opts: { return_indices?: boolean } | boolean = {}): Tensor | [Tensor, Tensor] {
  const [oH, oW] = adaptiveSize(input, output_size, 'adaptive_max_pool2d');
  const nd = input._shape.length;
  const H = input._shape[nd - 2];
  const W = input._shape[nd - 1];
  const planes = numelOf(input._shape.slice(0, -2));
  const outShape = [...input._shape.slice(0, -2), oH, oW];
  const out = Tensor._empty(outShape, float32);
  const idx = Tensor._empty(outShape.slice(), int64);
  if (out.numel() > 0) {
    const xc = dense(input);
    K.adaptive_max_pool3d_f32(out._ptr(), idx._ptr(), xc._ptr(), planes, 1, H, W, 1, oH, oW); // planes: depth 1
    release(xc);
  }
  const xShape = input._shape.slice();
  record('AdaptiveMaxPool2DBackward0', out, [input], [idx], (gOut, [si]) => [maxScatter(gOut, si, xShape, planes)]);
  const ri = typeof opts === 'boolean' ? opts : opts.return_indices ?? false;
  if (ri) return [out, idx];
  idx.dispose();
  return out;
}

// ---------------------------------------------------------------- 3-D pooling

/** A 3-D pooling argument: an int or three (null/empty allowed for stride), as PyTorch 1.13 checks them. */
function poolTriple(v: Pair | null | undefined, op: string, what: string, message: string): number[] | null {
  if (what === 'stride' && (v == null || (Array.isArray(v) && v.length === 0))) return null;
  const t = v == null ? null : tuple(v, 3);
  if (!t) throw new RangeError(`${op}: ${message}`);
  return t;
}

interface Pool3dGeom {
  planes: number; D: number; H: number; W: number; oD: number; oH: number; oW: number;
  k: number[]; s: number[]; p: number[]; d: number[];
}

/** PyTorch 1.13's pooling_output_shape per dimension, then pool3d_shape_check. */
function pool3dGeom(x: Tensor, k: number[], s: number[], p: number[], d: number[], ceil: boolean, fn: string,
  checkInputSize: boolean): Pool3dGeom {
  const nd = x._shape.length;
  const [D, H, W] = x._shape.slice(-3);
  const C = x._shape[nd - 4];
  const [oD, oH, oW] = [D, H, W].map((size, i) => poolOut(size, k[i], p[i], s[i], d[i], ceil));
  if (k.some((v) => v <= 0)) {
    throw new RangeError(`kernel size should be greater than zero, but got kT: ${k[0]} kH: ${k[1]} kW: ${k[2]}`);
  }
  if (s.some((v) => v <= 0)) throw new RangeError(`stride should be greater than zero, but got dT: ${s[0]} dH: ${s[1]} dW: ${s[2]}`);
  if (d.some((v) => v <= 0)) {
    throw new RangeError(`dilation should be greater than zero, but got dilationT: ${d[0]} dilationH: ${d[1]} ` +
      `dilationW: ${d[2]}`);
  }
  for (let i = 1; i < nd; i++) {
    if (x._shape[i] === 0) {
      throw new RangeError(`${fn}: Expected input's non-batch dimensions to have positive length, but input has a ` +
        `shape of ${fmtShape(x._shape)} and non-batch dimension ${x._shape[i]} has length zero!`);
    }
  }
  if (checkInputSize && (D < k[0] || H < k[1] || W < k[2])) {
    throw new RangeError(`input image (T: ${D} H: ${H} W: ${W}) smaller than kernel size (kT: ${k[0]} kH: ${k[1]} ` +
      `kW: ${k[2]})`);
  }
  if (oD < 1 || oH < 1 || oW < 1) {
    throw new RangeError(`Given input size: (${C}x${D}x${H}x${W}). Calculated output size: (${C}x${oD}x${oH}x${oW}). ` +
      `Output size is too small`);
  }
  return { planes: numelOf(x._shape.slice(0, -3)), D, H, W, oD, oH, oW, k, s, p, d };
}

/** The max_pool3d primitive: values and int64 indices (flat (d·H + h)·W + w per volume). */
function maxPool3dWithIndices(x: Tensor, k: number[], s: number[], p: number[], d: number[], ceil: boolean): [Tensor, Tensor] {
  floatInput(x, 'max_pool3d', 'input');
  const nd = x._shape.length;
  if (nd !== 4 && nd !== 5) throw new RangeError('non-empty 4D or 5D (batch mode) tensor expected for input');
  const g = pool3dGeom(x, k, s, p, d, ceil, 'max_pool3d_with_indices_out_cpu_template()', false);
  const outShape = [...x._shape.slice(0, -3), g.oD, g.oH, g.oW];
  const out = Tensor._empty(outShape, float32);
  const idx = Tensor._empty(outShape.slice(), int64);
  if (out.numel() > 0) {
    const xc = dense(x);
    const vol = g.D * g.H * g.W;
    const ovol = g.oD * g.oH * g.oW;
    perItem('max_pool3d_f32', [out._ptr(), idx._ptr(), xc._ptr(), g.planes, g.D, g.H, g.W, g.oD, g.oH, g.oW, k[0], k[1],
      k[2], s[0], s[1], s[2], p[0], p[1], p[2], d[0], d[1], d[2]], 3, [[0, ovol * 4], [1, ovol * 4], [2, vol * 4]], vol);
    release(xc);
  }
  const xShape = x._shape.slice();
  record('MaxPool3DWithIndicesBackward0', out, [x], [idx], (gOut, [si]) => [maxScatter3d(gOut, si, xShape, g.planes)]);
  return [out, idx];
}

/** gx[plane][idx] += gOut[plane][o]: the max-pool backward over volumes (the 2-D scatter kernel). */
function maxScatter3d(gOut: Tensor, idx: Tensor, xShape: number[], planes: number): Tensor {
  const gx = Tensor._empty(xShape, float32);
  const gc = dense(gOut);
  const ic = idx.is_contiguous() ? idx : E.convert(idx, int64);
  const vol = numelOf(xShape.slice(-3));
  const ovol = numelOf(gc._shape.slice(-3));
  if (gx.numel() > 0) {
    perItem('max_pool2d_backward_f32', [gx._ptr(), gc._ptr(), ic._ptr(), planes, vol, ovol], 3,
      [[0, vol * 4], [1, ovol * 4], [2, ovol * 4]], vol);
  }
  release(gc);
  if (ic !== idx) ic.dispose();
  return gx;
}

/**
 * 3-D max pooling over (N, C, D, H, W) or (C, D, H, W), as `torch.nn.functional.max_pool3d`.
 * Options: stride (default kernel_size), padding, dilation, ceil_mode, return_indices
 * (then `[output, indices]`, flat indices within each volume). PyTorch's positional order is accepted too.
 * @example F.max_pool3d(torch.randn(1, 2, 8, 8, 8), 2) // (1, 2, 4, 4, 4)
 */
export function max_pool3d(input: Tensor, kernel_size: Pair, opts?: MaxPoolOptions & { return_indices?: false }): Tensor;
export function max_pool3d(input: Tensor, kernel_size: Pair, opts: MaxPoolOptions & { return_indices: true }): [Tensor, Tensor];
export function max_pool3d(input: Tensor, kernel_size: Pair, opts: MaxPoolOptions): Tensor | [Tensor, Tensor];
export function max_pool3d(input: Tensor, kernel_size: Pair, stride: Pair | null | undefined, padding: Pair | undefined,
  dilation: Pair | undefined, ceil_mode: boolean | undefined, return_indices: true): [Tensor, Tensor];
export function max_pool3d(input: Tensor, kernel_size: Pair, stride?: Pair | null, padding?: Pair, dilation?: Pair,
  ceil_mode?: boolean, return_indices?: false): Tensor;
export function max_pool3d(input: Tensor, kernel_size: Pair, ...rest: unknown[]): Tensor | [Tensor, Tensor] {
  const o = maxPoolArgs('max_pool3d', rest);
  const op = 'max_pool3d';
  const k = poolTriple(kernel_size, op, 'kernel_size', 'kernel_size must either be a single int, or a tuple of three ints')!;
  const s = poolTriple(o.stride, op, 'stride', 'stride must either be omitted, a single int, or a tuple of three ints') ?? k;
  const p = poolTriple(o.padding ?? 0, op, 'padding', 'padding must be either be a single int, or a tuple of three ints')!;
  const d = poolTriple(o.dilation ?? 1, op, 'dilation', 'dilation must be either a single int, or a tuple of three ints')!;
  const [out, idx] = maxPool3dWithIndices(input, k, s, p, d, o.ceil_mode ?? false);
  if (o.return_indices) return [out, idx];
  idx.dispose();
  return out;
}

/**
 * 3-D average pooling over (N, C, D, H, W) or (C, D, H, W), as `torch.nn.functional.avg_pool3d`.
 * Options: stride (default kernel_size), padding, ceil_mode, count_include_pad (default true),
 * divisor_override. PyTorch's positional order is accepted too.
 * @example F.avg_pool3d(torch.randn(1, 2, 6, 6, 6), 3, { stride: 2, padding: 1 }) // (1, 2, 3, 3, 3)
 */
export function avg_pool3d(input: Tensor, kernel_size: Pair, opts?: AvgPoolOptions): Tensor;
export function avg_pool3d(input: Tensor, kernel_size: Pair, stride?: Pair | null, padding?: Pair, ceil_mode?: boolean,
  count_include_pad?: boolean, divisor_override?: number | null): Tensor;
export function avg_pool3d(input: Tensor, kw: AvgPoolOptions & { kernel_size: Pair }): Tensor;
export function avg_pool3d(input: Tensor, ...rest: unknown[]): Tensor {
  const o = avgPoolArgs('avg_pool3d', rest);
  const kernel_size = o.kernel_size;
  const op = 'avg_pool3d';
  const k = poolTriple(kernel_size, op, 'kernel_size', 'kernel_size must be a single int, or a tuple of three ints')!;
  const s = poolTriple(o.stride, op, 'stride', 'stride must be omitted, a single int, or a tuple of three ints') ?? k;
  const p = poolTriple(o.padding ?? 0, op, 'padding', 'padding must be a single int, or a tuple of three ints')!;
  floatInput(input, op, 'input');
  const nd = input._shape.length;
  if (nd !== 4 && nd !== 5) throw new RangeError('non-empty 4D or 5D (batch mode) tensor expected for input');
  const divisor = o.divisor_override;
  if (divisor != null && divisor === 0) throw new RangeError('divisor must be not zero');
  const g = pool3dGeom(input, k, s, p, [1, 1, 1], o.ceil_mode ?? false, 'avg_pool3d()', true);
  const cip = o.count_include_pad ?? true ? 1 : 0;
  const div = divisor ?? 0;
  const out = Tensor._empty([...input._shape.slice(0, -3), g.oD, g.oH, g.oW], float32);
  // The kernels' arguments after (out, x) / (gx, g).
  const run = (fn: 'avg_pool3d_f32' | 'avg_pool3d_backward_f32', dst: number, src: number) =>
    K[fn](dst, src, g.planes, g.D, g.H, g.W, g.oD, g.oH, g.oW, k[0], k[1], k[2], s[0], s[1], s[2], p[0], p[1], p[2], cip, div);
  if (out.numel() > 0) {
    const xc = dense(input);
    run('avg_pool3d_f32', out._ptr(), xc._ptr());
    release(xc);
  }
  const xShape = input._shape.slice();
  return record('AvgPool3DBackward0', out, [input], [], (gOut) => {
    const gx = Tensor._empty(xShape, float32);
    const gc = dense(gOut);
    if (gx.numel() > 0) run('avg_pool3d_backward_f32', gx._ptr(), gc._ptr());
    release(gc);
    return [gx];
  });
}

/** adaptive_*_pool3d's checks and output size (null keeps that input size). */
function adaptiveSize3d(x: Tensor, output_size: Pair | readonly (number | null)[], op: string): [number, number, number] {
  if (!(x instanceof Tensor)) throw new TypeError(`${op}(): argument 'input' must be Tensor`);
  floatInput(x, op, 'input');
  const nd = x._shape.length;
  const raw = typeof output_size === 'number' ? [output_size, output_size, output_size] : output_size.slice();
  if (raw.length !== 3) throw new RangeError(`${op}: output_size must be 3`);
  if (nd < 3) throw new RangeError('Input dimension should be at least 4');
  const sz = raw.map((v, i) => (v == null ? x._shape[nd - 3 + i] : v)) as number[];
  if (sz.some((v) => !isInt(v) || v < 0)) {
    // PyTorch 1.13's text, 2d and missing space included.
    throw new RangeError(`adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but ` +
      `received {${sz[0]}, ${sz[1]},${sz[2]}}`);
  }
  for (let i = 1; i < nd; i++) {
    if (x._shape[i] === 0) {
      throw new RangeError(`${op}(): Expected input to have non-zero size for non-batch dimensions, but input has ` +
        `sizes ${fmtShape(x._shape)} with dimension ${i} being empty`);
    }
  }
  if (nd !== 4 && nd !== 5) {
    throw new RangeError(`${op}(): Expected 4D or 5D tensor, but got${op === 'adaptive_max_pool3d' ? ':' : ''} ` +
      `${fmtShape(x._shape)}`);
  }
  return [sz[0], sz[1], sz[2]];
}

/**
 * Adaptive 3-D average pooling to `output_size` (a number or a triple; null keeps that input size),
 * as `torch.nn.functional.adaptive_avg_pool3d`. (1, 1, 1) is a mean over D, H and W, as in PyTorch.
 * @example F.adaptive_avg_pool3d(torch.randn(2, 4, 5, 6, 7), [2, 3, 3]) // (2, 4, 2, 3, 3)
 */
export function adaptive_avg_pool3d(input: Tensor, output_size: Pair | readonly (number | null)[]): Tensor {
  const [oD, oH, oW] = adaptiveSize3d(input, output_size, 'adaptive_avg_pool3d');
  if (oD === 1 && oH === 1 && oW === 1) return R.mean(input, [-1, -2, -3], { keepdim: true });
  const [D, H, W] = input._shape.slice(-3);
  const planes = numelOf(input._shape.slice(0, -3));
  const out = Tensor._empty([...input._shape.slice(0, -3), oD, oH, oW], float32);
  if (out.numel() > 0) {
    const xc = dense(input);
    K.adaptive_avg_pool3d_f32(out._ptr(), xc._ptr(), planes, D, H, W, oD, oH, oW);
    release(xc);
  }
  const xShape = input._shape.slice();
  return record('AdaptiveAvgPool3DBackward0', out, [input], [], (gOut) => {
    const gx = Tensor._empty(xShape, float32);
    const gc = dense(gOut);
    if (gx.numel() > 0) K.adaptive_avg_pool3d_backward_f32(gx._ptr(), gc._ptr(), planes, D, H, W, oD, oH, oW);
    release(gc);
    return [gx];
  });
}

/**
 * Adaptive 3-D max pooling, as `torch.nn.functional.adaptive_max_pool3d`; with
 * `{ return_indices: true }` (or `true` by position) gives `[output, indices]`.
 * @example F.adaptive_max_pool3d(torch.randn(1, 2, 5, 5, 5), 2) // (1, 2, 2, 2, 2)
 */
export function adaptive_max_pool3d(input: Tensor, output_size: Pair | readonly (number | null)[],
  opts?: { return_indices?: false } | false): Tensor;
export function adaptive_max_pool3d(input: Tensor, output_size: Pair | readonly (number | null)[],
  opts: { return_indices: true } | true): [Tensor, Tensor];
export function adaptive_max_pool3d(input: Tensor, output_size: Pair | readonly (number | null)[],
  ...rest: unknown[]): Tensor | [Tensor, Tensor] {
  const o = bind('adaptive_max_pool3d', ['return_indices'], [], { return_indices: false }, rest, 2) as
    { return_indices: boolean };
  const [oD, oH, oW] = adaptiveSize3d(input, output_size, 'adaptive_max_pool3d');
  const [D, H, W] = input._shape.slice(-3);
  const planes = numelOf(input._shape.slice(0, -3));
  const outShape = [...input._shape.slice(0, -3), oD, oH, oW];
  const out = Tensor._empty(outShape, float32);
  const idx = Tensor._empty(outShape.slice(), int64);
  if (out.numel() > 0) {
    const xc = dense(input);
    K.adaptive_max_pool3d_f32(out._ptr(), idx._ptr(), xc._ptr(), planes, D, H, W, oD, oH, oW);
    release(xc);
  }
  const xShape = input._shape.slice();
  record('AdaptiveMaxPool3DBackward0', out, [input], [idx], (gOut, [si]) => [maxScatter3d(gOut, si, xShape, planes)]);
  if (o.return_indices) return [out, idx];
  idx.dispose();
  return out;
}

// ---------------------------------------------------------------- unfold / fold (im2col as an op)

export interface UnfoldOptions {
  dilation?: Pair;
  padding?: Pair;
  stride?: Pair;
}

interface BlockGeom { k: number[]; d: number[]; p: number[]; s: number[] }

function blockArgs(op: string, kernel_size: Pair, rest: unknown[]): BlockGeom {
  const o: UnfoldOptions = bind(op, ['dilation', 'padding', 'stride'], [], { dilation: 1, padding: 0, stride: 1 }, rest,
    op === 'fold' ? 3 : 2, true);
  const pair = (v: Pair | undefined, dflt: number, what: string) => {
    const t = tuple(v ?? dflt, 2);
    if (!t) throw new RangeError(`${op}(): ${what} must be an int or a tuple of two ints, got ${fmtList(v)}`);
    return t;
  };
  const g = { k: pair(kernel_size, 0, 'kernel_size'), d: pair(o.dilation, 1, 'dilation'),
    p: pair(o.padding, 0, 'padding'), s: pair(o.stride, 1, 'stride') };
  if (g.k.some((v) => v <= 0)) {
    throw new RangeError(`kernel size should be greater than zero, but got kernel_height: ${g.k[0]} kernel_width: ${g.k[1]}`);
  }
  if (g.d.some((v) => v <= 0)) {
    throw new RangeError(`dilation should be greater than zero, but got dilation_height: ${g.d[0]} dilation_width: ${g.d[1]}`);
  }
  if (g.p.some((v) => v < 0)) {
    throw new RangeError(`padding should be non-negative, but got pad_height: ${g.p[0]} pad_width: ${g.p[1]}`);
  }
  if (g.s.some((v) => v <= 0)) {
    throw new RangeError(`stride should be greater than zero, but got stride_height: ${g.s[0]} stride_width: ${g.s[1]}`);
  }
  return g;
}

function blocks(H: number, W: number, g: BlockGeom): [number, number] {
  const oH = Math.floor((H + 2 * g.p[0] - g.d[0] * (g.k[0] - 1) - 1) / g.s[0]) + 1;
  const oW = Math.floor((W + 2 * g.p[1] - g.d[1] * (g.k[1] - 1) - 1) / g.s[1]) + 1;
  return [oH, oW];
}

/**
 * Extracts sliding local blocks, as `torch.nn.functional.unfold`: (N, C, H, W) → (N, C·kH·kW, L),
 * L the number of blocks (also unbatched (C, H, W) → (C·kH·kW, L)). Options: dilation, padding, stride.
 * @example F.unfold(torch.randn(1, 3, 8, 8), 2, { stride: 2 }) // (1, 12, 16)
 */
export function unfold(input: Tensor, kernel_size: Pair, opts?: UnfoldOptions): Tensor;
export function unfold(input: Tensor, kernel_size: Pair, dilation?: Pair, padding?: Pair, stride?: Pair): Tensor;
export function unfold(input: Tensor, kernel_size: Pair, ...rest: unknown[]): Tensor {
  floatInput(input, 'unfold', 'input');
  const nd = input._shape.length;
  if (nd !== 3 && nd !== 4) {
    throw new RangeError(`Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got: ` +
      `${fmtShape(input._shape)}`);
  }
  const g = blockArgs('unfold', kernel_size, rest);
  const xs = nd === 4 ? input._shape : [1, ...input._shape];
  const [N, Cc, H, W] = xs;
  const [oH, oW] = blocks(H, W, g);
  if (oH < 1 || oW < 1) {
    throw new RangeError(`Given input with spatial size (${H}, ${W}), kernel_size=(${g.k.join(', ')}), ` +
      `dilation=(${g.d.join(', ')}), padding=(${g.p.join(', ')}), calculated shape of the array of sliding blocks ` +
      `as (${oH}, ${oW}), but its components must be at least one.`);
  }
  const rows = Cc * g.k[0] * g.k[1];
  const out = Tensor._empty(nd === 4 ? [N, rows, oH * oW] : [rows, oH * oW], float32);
  if (out.numel() > 0) {
    const x = dense(input);
    cols('col', out._ptr(), x._ptr(), N, Cc, H, W, g.k[0], g.k[1], g.s[0], g.s[1], g.p[0], g.p[1], g.d[0], g.d[1], oH, oW);
    release(x);
  }
  const opts = { dilation: g.d, padding: g.p, stride: g.s };
  // d unfold = fold: differentiable again, so higher-order gradients work.
  return record('Im2ColBackward0', out, [input], [], (gr) => [fold(gr, [H, W], g.k, opts)]);
}

/**
 * Combines sliding local blocks into a tensor, summing overlaps, as `torch.nn.functional.fold`:
 * (N, C·kH·kW, L) → (N, C, output_size...), the adjoint of unfold.
 * @example F.fold(F.unfold(x, 2, { stride: 2 }), [8, 8], 2, { stride: 2 }) // equals x
 */
export function fold(input: Tensor, output_size: Pair, kernel_size: Pair, opts?: UnfoldOptions): Tensor;
export function fold(input: Tensor, output_size: Pair, kernel_size: Pair, dilation?: Pair, padding?: Pair,
  stride?: Pair): Tensor;
export function fold(input: Tensor, output_size: Pair, kernel_size: Pair, ...rest: unknown[]): Tensor {
  floatInput(input, 'fold', 'input');
  const nd = input._shape.length;
  if (nd !== 2 && nd !== 3) {
    throw new RangeError(`Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got: ` +
      `${fmtShape(input._shape)}`);
  }
  const g = blockArgs('fold', kernel_size, rest);
  const size = tuple(output_size, 2);
  if (!size) throw new RangeError(`fold(): output_size must be an int or a tuple of two ints`);
  const [H, W] = size;
  const xs = nd === 3 ? input._shape : [1, ...input._shape];
  const [N, rows, L] = xs;
  const kk = g.k[0] * g.k[1];
  if (rows % kk !== 0) {
    throw new RangeError(`Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got ` +
      `input.size(1)=${rows} and kernel_size=(${g.k.join(', ')}).`);
  }
  const [oH, oW] = blocks(H, W, g);
  if (oH * oW !== L) {
    throw new RangeError(`Given output_size=(${H}, ${W}), kernel_size=(${g.k.join(', ')}), ` +
      `dilation=(${g.d.join(', ')}), padding=(${g.p.join(', ')}), stride=(${g.s.join(', ')}), expected size of ` +
      `input's dimension ${nd - 1} to match the calculated number of sliding blocks ${oH} * ${oW} = ${oH * oW}, but ` +
      `got input.size(${nd - 1})=${L}.`);
  }
  const Cc = rows / kk;
  const out = Tensor._empty(nd === 3 ? [N, Cc, H, W] : [Cc, H, W], float32);
  if (out.numel() > 0) {
    const c = dense(input);
    cols('im', out._ptr(), c._ptr(), N, Cc, H, W, g.k[0], g.k[1], g.s[0], g.s[1], g.p[0], g.p[1], g.d[0], g.d[1], oH, oW);
    release(c);
  }
  const opts = { dilation: g.d, padding: g.p, stride: g.s };
  return record('Col2ImBackward0', out, [input], [], (gr) => [unfold(gr, g.k, opts)]);
}
