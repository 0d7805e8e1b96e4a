// The CNN utilities: F.pad, F.interpolate, the pixel and channel shuffles, F.instance_norm and their
// modules, after torch/nn/functional.py and ATen (padding, UpSample.h's float32 source-index and weight
// arithmetic, instance_norm over batch_norm). Composites of index_select, narrow, cat, reshape and the
// adaptive pool: their gradients come from those ops.
import { Tensor } from '../tensor.js';
import { float32, int64 } from '../dtype.js';
import { no_grad, record, refused, renamed } from '../autograd.js';
import { F32 } from '../backend/wasm.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { adaptive_avg_pool2d, adaptive_avg_pool3d, adaptive_max_pool2d } from '../ops/conv.js';
import { formatSize } from '../print.js';
import { parseArgs, batchNormCore } from './functional.js';
import { Module, initArgs, checkArgs } from './module.js';
import type { Args, Init, Factory, FactoryKwargs } from './module.js';
import * as F from './F.js';
import { pyFloat } from './layers.js';
import { NormBase } from './norm-base.js';

const f32 = Math.fround;
const list = (xs: readonly number[]) => `[${xs.join(', ')}]`;
const tuple = (xs: readonly number[]) => (xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`);
const ints = (v: number[]) => C.tensor(v, { dtype: int64 });

// ---------------------------------------------------------------- pad

export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

/**
 * Pads the last len(pad)/2 dims, as `torch.nn.functional.pad`: `pad` is (left, right, top, bottom, ...)
 * from the last dim backwards. 'constant' pads any dims with `value` (negative padding crops);
 * 'reflect', 'replicate' and 'circular' pad the last 1, 2 or 3 dims of a (batched) input.
 * @example F.pad(x, [1, 1, 2, 0], 'reflect') // (N, C, H, W) → (N, C, H + 2, W + 2)
 */
export function pad(input: Tensor, pad: readonly number[], mode?: PadMode | { mode?: PadMode; value?: number | null },
  value?: number | null): Tensor {
  const o = parseArgs('pad', ['mode', 'value'], arguments, { mode: 'constant' as string, value: null as number | null }, 2);
  const nd = input._shape.length;
  const k = pad.length / 2;
  if (pad.length % 2) throw new Error('Padding length must be divisible by 2');
  if (k > nd) throw new Error('Padding length too large');
  if (!['constant', 'reflect', 'replicate', 'circular'].includes(o.mode)) throw new Error(`Unrecognised padding mode ${o.mode}`);
  // ATen's ops (one node each: ConstantPadNdBackward0, ReflectionPad2DBackward0, ...); circular is its
  // composite of slice copies (CopySlices)
  if (o.mode === 'constant') return renamed('ConstantPadNdBackward0', constantPad(input, pad, o.value ?? 0));
  if (o.value) throw new Error(`Padding mode "${o.mode}" doesn't take in value argument`);
  if (k < 1 || k > 3 || nd < k + 1 || nd > k + 2) {
    throw new Error('Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
  }
  if (o.mode === 'circular' && nd !== k + 2) throw new Error(`Invalid padding size, expected ${2 * nd - 4} but got ${pad.length}`);
  let x = input;
  for (let i = 0; i < k; i++) { // the last dim first, as ATen checks them
    const d = nd - 1 - i;
    const [lo, hi] = [pad[2 * i], pad[2 * i + 1]];
    const n = input._shape[d];
    if (o.mode === 'reflect' && (lo >= n || hi >= n)) {
      throw new Error(`Argument #${4 + 2 * i}: Padding size should be less than the corresponding input dimension, but got: ` +
        `padding (${lo}, ${hi}) at dimension ${d} of input ${k === 2 ? nd : list(input._shape)}`);
    }
    if (o.mode === 'circular' && (lo > n || hi > n)) throw new Error('Padding value causes wrapping around more than once.');
    if (n + lo + hi < 1) {
      const w = 'WHD'[i];
      throw new Error(o.mode === 'circular' ? 'Negative padding value is resulting in an empty dimension'
        : `input (${w}: ${n}) is too small. Calculated output ${w}: ${n + lo + hi}`);
    }
    if (!lo && !hi || o.mode === 'circular') continue;
    const idx: number[] = [];
    for (let j = -lo; j < n + hi; j++) {
      idx.push(o.mode === 'reflect' ? (j < 0 ? -j : j >= n ? 2 * n - 2 - j : j) : Math.min(Math.max(j, 0), n - 1));
    }
    x = S.index_select(x, d, ints(idx));
  }
  if (o.mode === 'circular') return circularPad(input, pad);
  return renamed(`${o.mode === 'reflect' ? 'Reflection' : 'Replication'}Pad${k}DBackward0`, x === input ? E.clone(x) : x);
}

/**
 * ATen's _pad_circular: the input (cropped by negative pads) copied into the centre of a new tensor, then
 * each dim's wraps copied from the output itself, the last dim first (so the result's history is
 * CopySlices, as PyTorch's).
 */
function circularPad(input: Tensor, pad: readonly number[]): Tensor {
  const inShape = input._shape;
  const k = inShape.length - 2;
  const outShape = inShape.slice();
  for (let i = 0; i < k; i++) outShape[2 + i] += pad[2 * (k - i - 1)] + pad[2 * (k - i - 1) + 1];
  const out = Tensor._empty(outShape, input.dtype);
  const slice = (t: Tensor, d: number, from: number, to: number) => S.narrow(t, d, from, to - from);
  let os = out;
  let is = input;
  for (let i = 0; i < k; i++) {
    const d = k - i + 1;
    const [lo, hi] = [pad[2 * i], pad[2 * i + 1]];
    os = slice(os, d, Math.max(lo, 0), outShape[d] - Math.max(hi, 0));
    is = slice(is, d, Math.max(-lo, 0), inShape[d] - Math.max(-hi, 0));
  }
  S.copy_(os, is);
  for (let i = 0; i < k; i++) {
    const d = k - i + 1;
    const [lo, hi] = [pad[2 * i], pad[2 * i + 1]];
    if (lo > 0) S.copy_(slice(out, d, 0, lo), slice(out, d, outShape[d] - lo - Math.max(hi, 0), outShape[d] - Math.max(hi, 0)));
    if (hi > 0) S.copy_(slice(out, d, outShape[d] - hi, outShape[d]), slice(out, d, Math.max(lo, 0), Math.max(lo, 0) + hi));
  }
  return out;
}

/** ATen's constant_pad_nd: negative pads crop (narrow) first, then the positive ones add `value`. */
function constantPad(input: Tensor, pad: readonly number[], value: number): Tensor {
  const nd = input._shape.length;
  const k = pad.length / 2;
  let x = input;
  let grow = false;
  for (let d = nd - k; d < nd; d++) {
    const lo = pad[2 * (nd - d - 1)];
    const hi = pad[2 * (nd - d - 1) + 1];
    if (lo < 0) x = S.narrow(x, d, -lo, x._shape[d] + lo);
    if (hi < 0) x = S.narrow(x, d, 0, x._shape[d] + hi);
    grow ||= lo > 0 || hi > 0;
  }
  if (!grow) return E.clone(x);
  for (let d = nd - k; d < nd; d++) {
    const [lo, hi] = [pad[2 * (nd - d - 1)], pad[2 * (nd - d - 1) + 1]];
    const n = input._shape[d];
    if (n + lo + hi <= 0) {
      throw new Error(`The input size ${n}, plus negative padding ${lo} and ${hi} resulted in a negative output size, ` +
        `which is invalid. Check dimension ${d} of your input.`);
    }
  }
  for (let d = nd - k; d < nd; d++) {
    const side = (w: number) => C.full(x._shape.map((s, i) => (i === d ? w : s)), value, { dtype: input.dtype });
    const [lo, hi] = [pad[2 * (nd - d - 1)], pad[2 * (nd - d - 1) + 1]];
    if (lo > 0 || hi > 0) x = S.cat([...(lo > 0 ? [side(lo)] : []), x, ...(hi > 0 ? [side(hi)] : [])], d);
  }
  return x;
}

// ---------------------------------------------------------------- interpolate

export type InterpolateMode = 'nearest' | 'linear' | 'bilinear' | 'bicubic' | 'trilinear' | 'area' | 'nearest-exact';
export type InterpolateOptions = {
  size?: number | readonly number[] | null;
  scale_factor?: number | readonly number[] | null;
  mode?: InterpolateMode;
  align_corners?: boolean | null;
  recompute_scale_factor?: boolean | null;
  /** bilinear and bicubic of a 4-D input only: ATen's antialiased resampling (PIL's filters) */
  antialias?: boolean;
};

const NEEDS: Record<string, number> = { linear: 3, bilinear: 4, bicubic: 4, trilinear: 5 };

/**
 * Resizes (N, C, L), (N, C, H, W) or (N, C, D, H, W) to `size` or by `scale_factor`, as
 * `torch.nn.functional.interpolate`, with ATen's float32 source indices and weights.
 * @example F.interpolate(x, { scale_factor: 2, mode: 'bilinear', align_corners: false })
 */
export function interpolate(input: Tensor, size?: number | readonly number[] | null | InterpolateOptions,
  scale_factor?: number | readonly number[] | null, mode?: InterpolateMode, align_corners?: boolean | null,
  recompute_scale_factor?: boolean | null, antialias?: boolean): Tensor {
  const o = parseArgs('interpolate', ['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor', 'antialias'], arguments,
    { size: null, scale_factor: null, mode: 'nearest', align_corners: null, recompute_scale_factor: null, antialias: false } as InterpolateOptions);
  const m = o.mode!;
  const nd = input._shape.length;
  const sp = input._shape.slice(2);
  let ac = o.align_corners ?? null;
  if (!NEEDS[m]) {
    if (ac !== null) throw new Error('align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear');
  } else ac ??= false;
  const dim = nd - 2;
  const dimsError = (a: string, b: string, v: readonly number[], c: string, l: string) => new Error(`Input and ${a} must have ` +
    `the same number of spatial dimensions, but got input with spatial dimensions of ${list(sp)} and ${b} ${list(v)}. Please ` +
    `provide input tensor in (N, C, d1, d2, ...,dK) format and ${c} in (${l}1, ${l}2, ...,${l}K) format.`);
  let out: number[];
  let scales: number[] | null = null;
  const { size: sz, scale_factor: sf } = o;
  if (sz != null && sf != null) throw new Error('only one of size or scale_factor should be defined');
  if (sz != null) {
    if (typeof sz !== 'number' && sz.length !== dim) throw dimsError('output', 'output size of', sz, 'output size', 'o');
    out = typeof sz === 'number' ? sp.map(() => sz) : [...sz];
  } else if (sf != null) {
    if (typeof sf !== 'number' && sf.length !== dim) throw dimsError('scale_factor', 'scale_factor of shape', sf, 'scale_factor', 's');
    scales = typeof sf === 'number' ? sp.map(() => sf) : [...sf];
    out = sp.map((s, i) => Math.trunc(s * scales![i]));
  } else throw new Error('either size or scale_factor should be defined');
  if (o.recompute_scale_factor && sz != null) throw new Error('recompute_scale_factor is not meaningful with an explicit size.');
  if (scales && (o.recompute_scale_factor || m === 'area')) {
    out = sp.map((s, i) => Math.floor(s * scales![i]));
    scales = null;
  }
  // (Python's truth: PyTorch tests `if antialias`)
  const aa = Boolean(o.antialias);
  if (aa && !((m === 'bilinear' || m === 'bicubic') && nd === 4)) {
    throw new RangeError('Anti-alias option is only supported for bilinear and bicubic modes');
  }
  const known = NEEDS[m] ?? (['nearest', 'area', 'nearest-exact'].includes(m) ? nd : 0);
  if (known !== nd || nd < 3 || nd > 5) {
    throw new Error(known && nd >= 3 && nd <= 5 && m !== 'bicubic' ? `Got ${nd}D input, but ${m} mode needs ${known}D input`
      : `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${nd}D) for the modes: nearest | linear | bilinear | ` +
      `bicubic | trilinear | area | nearest-exact (got ${m})`);
  }
  if (m === 'area') return area(input, out);
  if (sp.some((s) => s <= 0) || out.some((s) => s <= 0)) {
    const names = 'DHW'.slice(3 - dim).split('');
    const show = (v: number[]) => `(${v.map((s, i) => `${names[i]}: ${s}`).join(', ')})`;
    throw new Error(`Input and output sizes should be greater than 0, but got input ${show(sp)}${dim === 1 ? ' and' : ''} output ${show(out)}`);
  }
  let x = input;
  if (aa) {
    const plan = (i: number) => aaPlan(sp[i], out[i], m === 'bicubic', ac === true, scales?.[i] ?? null);
    return aaForward(input, plan(0), plan(1), `Upsample${m === 'bicubic' ? 'Bicubic' : 'Bilinear'}2DAaBackward1`);
  }
  for (let i = dim - 1; i >= 0; i--) x = resample(x, i + 2, sp[i], out[i], m, ac === true, scales?.[i] ?? null);
  // ATen's upsample op (the .vec overload F.interpolate calls): one node
  const op = m === 'nearest' ? `Nearest${dim}D` : m === 'nearest-exact' ? `NearestExact${dim}D`
    : { linear: 'Linear1D', bilinear: 'Bilinear2D', bicubic: 'Bicubic2D', trilinear: 'Trilinear3D' }[m];
  return renamed(`Upsample${op}Backward1`, x);
}

/** ATen's compute_scales_value: 1 / the given scale, else in / out, as float32. */
function scaleOf(inS: number, outS: number, scale: number | null): number {
  return f32(scale !== null && scale > 0 ? 1 / scale : inS / outS);
}

/** Resamples dim d from n to m positions: a sum of taps, each an index_select times its weights. */
function resample(x: Tensor, d: number, n: number, m: number, mode: string, ac: boolean, scale: number | null): Tensor {
  const taps: number[][] = [];
  const ws: number[][] = [];
  if (mode.startsWith('nearest')) {
    const s = scaleOf(n, m, scale);
    const idx = new Array<number>(m);
    for (let j = 0; j < m; j++) {
      idx[j] = mode === 'nearest-exact' ? Math.min(Math.floor(f32((j + 0.5) * s)), n - 1)
        : n === m ? j : m === 2 * n ? j >> 1 : Math.min(Math.floor(f32(j * s)), n - 1);
    }
    return S.index_select(x, d, ints(idx));
  }
  const s = ac ? (m > 1 ? f32(f32(n - 1) / (m - 1)) : 0) : scaleOf(n, m, scale);
  const K = mode === 'bicubic' ? 4 : 2;
  for (let k = 0; k < K; k++) { taps.push([]); ws.push([]); }
  for (let j = 0; j < m; j++) {
    if (K === 2) {
      // UpSample.h's compute_source_index_and_lambda: the index in double, the weights in float32.
      const real = n === m ? j : ac ? s * j : Math.max(s * (j + 0.5) - 0.5, 0);
      const i0 = Math.trunc(real);
      const l1 = f32(real - i0);
      taps[0].push(i0);
      taps[1].push(i0 + (i0 < n - 1 && n !== m ? 1 : 0));
      ws[0].push(f32(1 - l1));
      ws[1].push(l1);
    } else {
      const real = ac ? f32(s * j) : f32(f32(s * (j + 0.5)) - 0.5);
      const i0 = Math.floor(real);
      const t = f32(real - i0);
      const c = cubicCoefficients(t);
      for (let k = 0; k < 4; k++) {
        taps[k].push(Math.min(Math.max(i0 - 1 + k, 0), n - 1));
        ws[k].push(c[k]);
      }
    }
  }
  const wShape = x._shape.map((v, i) => (i === d ? m : 1)).slice(d);
  let y: Tensor | null = null;
  for (let k = 0; k < K; k++) {
    const term = E.mul(S.index_select(x, d, ints(taps[k])), C.tensor(ws[k], { dtype: float32 }).reshape(wShape));
    y = y ? E.add(y, term) : term;
  }
  return y!;
}

/** The antialiasing filters of ATen's UpSampleKernel.cpp: the triangle, and the cubic with a = -0.5 (in float32). */
function aaFilter(cubic: boolean, x: number): number {
  x = Math.abs(x);
  if (!cubic) return x < 1 ? f32(1 - x) : 0;
  const a = -0.5;
  // in double but for the second piece's steps, which C++ takes in float (x - 5: a float less an int)
  if (x < 1) return f32(((a + 2) * x - (a + 3)) * x * x + 1);
  if (x < 2) return f32(f32(f32(f32(f32(f32(x - 5) * x) + 8) * x) - 4) * a);
  return 0;
}

/** One dim's antialiased resampling: output j is Σ_k w[j][k] · input[xmin[j] + k]. */
interface AAPlan { n: number; m: number; xmin: number[]; w: number[][] }

/**
 * ATen's _compute_indices_weights_aa for a dim of n positions resampled to m (in float32 as ATen's, the filter
 * widened by the scale when downsampling): output j is the filter-weighted mean of the inputs within `support` of its
 * centre.
 */
function aaPlan(n: number, m: number, cubic: boolean, ac: boolean, scale: number | null): AAPlan {
  // area_pixel_compute_scale
  const s = ac ? (m > 1 ? f32(f32(n - 1) / (m - 1)) : 0) : scaleOf(n, m, scale);
  const half = cubic ? 2 : 1;
  const support = s >= 1 ? f32(half * s) : half;
  const invscale = s >= 1 ? f32(1 / s) : 1;
  const plan: AAPlan = { n, m, xmin: [], w: [] };
  for (let j = 0; j < m; j++) {
    const center = f32(s * (j + 0.5));
    const xmin = Math.max(Math.trunc(f32(center - support) + 0.5), 0);
    const xsize = Math.min(Math.trunc(f32(center + support) + 0.5), n) - xmin;
    const w: number[] = [];
    let total = 0;
    for (let k = 0; k < xsize; k++) {
      w.push(aaFilter(cubic, f32((f32(k + xmin - center) + 0.5) * invscale)));
      total = f32(total + w[k]);
    }
    plan.xmin.push(xmin);
    plan.w.push(total !== 0 ? w.map((v) => f32(v / total)) : w);
  }
  return plan;
}

/** One pass of plan p along a dim (outer · n · inner values from src at s0, into dst at d0), each output a chain of
 *  multiply-adds as ATen's loop compiles them: fused, rounded once (the products of two floats are exact in double). */
function aaPass(src: Float32Array, s0: number, dst: Float32Array, d0: number, outer: number, inner: number, p: AAPlan): void {
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < p.m; j++) {
      const w = p.w[j];
      for (let i = 0; i < inner; i++) {
        const base = s0 + (o * p.n + p.xmin[j]) * inner + i;
        let acc = f32(src[base] * w[0]);
        for (let k = 1; k < w.length; k++) acc = f32(acc + src[base + k * inner] * w[k]);
        dst[d0 + (o * p.m + j) * inner + i] = acc;
      }
    }
  }
}

/**
 * ATen's _upsample_bilinear2d_aa / _upsample_bicubic2d_aa of an (N, C, H, W) input: the width pass, then the height
 * pass over its float32 result; its backward (aaBackward) is ATen's, and each is the other's gradient.
 */
function aaForward(x: Tensor, ph: AAPlan, pw: AAPlan, node: string): Tensor {
  const [nb, c] = x._shape;
  const xc = x.detach().contiguous();
  const tmp = Tensor._empty([nb, c, ph.n, pw.m], float32);
  const out = Tensor._empty([nb, c, ph.m, pw.m], float32);
  if (out.numel() > 0) {
    const m = F32();
    aaPass(m, xc._ptr() >>> 2, m, tmp._ptr() >>> 2, nb * c * ph.n, 1, pw);
    aaPass(m, tmp._ptr() >>> 2, m, out._ptr() >>> 2, nb * c, pw.m, ph);
  }
  tmp.dispose();
  if (xc !== x) xc.dispose();
  return record(node, out, [x], [], (g) => [aaBackward(g, ph, pw, node)]);
}

/** ATen's cpu_upsample_genNd_backward_aa: each output's gradient spread over its window, g · wy · wx added into the
 *  input's (one fused multiply-add each). */
function aaBackward(g: Tensor, ph: AAPlan, pw: AAPlan, node: string): Tensor {
  const [nb, c] = g._shape;
  const gc = g.detach().contiguous();
  const out = E.filled([nb, c, ph.n, pw.n], float32, 0);
  if (gc.numel() > 0 && out.numel() > 0) {
    const m = F32();
    const g0 = gc._ptr() >>> 2;
    const o0 = out._ptr() >>> 2;
    for (let p = 0; p < nb * c; p++) {
      for (let oh = 0; oh < ph.m; oh++) {
        const wy = ph.w[oh];
        for (let ow = 0; ow < pw.m; ow++) {
          const gv = m[g0 + (p * ph.m + oh) * pw.m + ow];
          const wx = pw.w[ow];
          for (let y = 0; y < wy.length; y++) {
            const gy = f32(gv * wy[y]);
            const row = o0 + (p * ph.n + ph.xmin[oh] + y) * pw.n + pw.xmin[ow];
            for (let k = 0; k < wx.length; k++) m[row + k] = f32(m[row + k] + gy * wx[k]);
          }
        }
      }
    }
  }
  if (gc !== g) gc.dispose();
  return record(node.replace('Backward1', 'BackwardBackward1'), out, [g], [], (gg) => [aaForward(gg, ph, pw, node)]);
}

/** UpSample.h's get_cubic_upsample_coefficients (A = -0.75), in float32. */
function cubicCoefficients(t: number): number[] {
  const c1 = (x: number) => f32(f32(f32(f32(f32(1.25 * x) - 2.25) * x) * x) + 1);
  const c2 = (x: number) => f32(f32(f32(f32(f32(f32(-0.75 * x) + 3.75) * x) - 6) * x) + 3);
  const x2 = f32(1 - t);
  return [c2(f32(t + 1)), c1(t), c1(x2), c2(f32(x2 + 1))];
}

/** 'area': adaptive average pooling (1-D and 3-D through the 2-D pool). */
function area(x: Tensor, out: number[]): Tensor {
  const sh = x._shape;
  if (sh.length === 4) return adaptive_avg_pool2d(x, out);
  if (sh.length === 3) return S.squeeze(adaptive_avg_pool2d(S.unsqueeze(x, 2), [1, out[0]]), 2);
  return adaptive_avg_pool3d(x, out);
}

// ---------------------------------------------------------------- pixel and channel shuffles

function shuffleChecks(op: string, input: Tensor, r: number, what: string): void {
  const nd = input._shape.length;
  if (nd < 3) throw new Error(`${op} expects input to have at least 3 dimensions, but got input with ${nd} dimension(s)`);
  if (r <= 0) throw new Error(`${op} expects a positive ${what}, but got ${r}`);
}

/**
 * (*, C·r², H, W) → (*, C, H·r, W·r), as `torch.nn.functional.pixel_shuffle`.
 * @example F.pixel_shuffle(torch.randn(1, 9, 4, 4), 3) // (1, 1, 12, 12)
 */
export function pixel_shuffle(input: Tensor, upscale_factor: number): Tensor {
  const r = upscale_factor;
  shuffleChecks('pixel_shuffle', input, r, 'upscale_factor');
  const lead = input._shape.slice(0, -3);
  const [c, h, w] = input._shape.slice(-3);
  if (c % (r * r)) {
    throw new Error(`pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, ` +
      `but input.size(-3)=${c} is not divisible by ${r * r}`);
  }
  const b = lead.length;
  const y = S.permute(S.reshape(input, [...lead, c / (r * r), r, r, h, w]), [...lead.keys(), b, b + 3, b + 1, b + 4, b + 2]);
  return renamed('PixelShuffleBackward0', S.reshape(y, [...lead, c / (r * r), h * r, w * r]));
}

/**
 * (*, C, H·r, W·r) → (*, C·r², H, W), the inverse of pixel_shuffle.
 * @example F.pixel_unshuffle(torch.randn(1, 1, 12, 12), 3) // (1, 9, 4, 4)
 */
export function pixel_unshuffle(input: Tensor, downscale_factor: number): Tensor {
  const r = downscale_factor;
  shuffleChecks('pixel_unshuffle', input, r, 'downscale_factor');
  const lead = input._shape.slice(0, -3);
  const [c, h, w] = input._shape.slice(-3);
  for (const [name, v, at] of [['height', h, -2], ['width', w, -1]] as const) {
    if (v % r) throw new Error(`pixel_unshuffle expects ${name} to be divisible by downscale_factor, but input.size(${at})=${v} is not divisible by ${r}`);
  }
  const b = lead.length;
  const y = S.permute(S.reshape(input, [...lead, c, h / r, r, w / r, r]), [...lead.keys(), b, b + 2, b + 4, b + 1, b + 3]);
  return renamed('PixelUnshuffleBackward0', S.reshape(y, [...lead, c * r * r, h / r, w / r]));
}

/**
 * Interleaves the channels of (N, C, *) from `groups` groups, as `torch.nn.functional.channel_shuffle`.
 * @example F.channel_shuffle(x, 2) // channels 0 1 2 3 → 0 2 1 3
 */
export function channel_shuffle(input: Tensor, groups: number): Tensor {
  const sh = input._shape;
  if (sh.length <= 2) throw new Error(`channel_shuffle expects input with > 2 dims, but got input with sizes ${list(sh)}`);
  if (groups <= 0) throw new Error(`Number of groups to divide channels in must be positive. Value of groups:${groups}`);
  if (sh[1] % groups) throw new Error(`Number of channels must be divisible by groups. Got ${sh[1]} channels and ${groups} groups.`);
  // PyTorch 1.13 has no derivative for channel_shuffle: its node raises in backward
  const y = S.transpose(S.reshape(input.detach(), [sh[0], groups, sh[1] / groups, ...sh.slice(2)]), 1, 2);
  return refused('NotImplemented', 'derivative for channel_shuffle is not implemented', S.reshape(y, sh), [input]);
}

// ---------------------------------------------------------------- instance norm

export type InstanceNormOptions = {
  running_mean?: Tensor | null;
  running_var?: Tensor | null;
  weight?: Tensor | null;
  bias?: Tensor | null;
  use_input_stats?: boolean;
  momentum?: number;
  eps?: number;
};

/**
 * Normalizes each channel of each sample of (N, C, *) over its spatial dims, as
 * `torch.nn.functional.instance_norm`. With `use_input_stats` (the default) and running statistics
 * given, updates them in place with the mean over the batch of each instance's statistics
 * (unbiased variance); otherwise normalizes with them.
 * @example F.instance_norm(x, rm, rv, null, null, true, 0.1)
 */
export function instance_norm(input: Tensor, running_mean?: Tensor | null | InstanceNormOptions, running_var?: Tensor | null,
  weight?: Tensor | null, bias?: Tensor | null, use_input_stats?: boolean, momentum?: number, eps?: number): Tensor {
  const o = parseArgs('instance_norm', ['running_mean', 'running_var', 'weight', 'bias', 'use_input_stats', 'momentum', 'eps'], arguments, 
    { running_mean: null, running_var: null, weight: null, bias: null, use_input_stats: true, momentum: 0.1, eps: 1e-5 } as InstanceNormOptions);
  const sh = input._shape;
  if (o.use_input_stats && sh.slice(2).reduce((a, b) => a * b, 1) === 1) {
    throw new Error(`Expected more than 1 spatial element when training, got input size ${formatSize(sh)}`);
  }
  return instanceNormCore(input, o.running_mean ?? null, o.running_var ?? null, o.weight ?? null, o.bias ?? null,
    o.use_input_stats!, o.momentum!, o.eps!);
}

/** ATen's instance_norm (torch.instance_norm): F.instance_norm without functional.py's spatial-size check. */
export function instanceNormCore(input: Tensor, rm: Tensor | null, rv: Tensor | null, weight: Tensor | null, bias: Tensor | null,
  use_input_stats: boolean, momentum: number, eps: number): Tensor {
  const o = { weight, bias, use_input_stats, momentum, eps };
  const sh = input._shape;
  const [n, c] = sh;
  if (!o.use_input_stats && (!rm || !rv)) throw new Error('Expected running_mean and running_var to be defined when use_input_stats is false');
  for (const [name, t] of [['running_mean', rm], ['running_var', rv], ['weight', o.weight], ['bias', o.bias]] as const) {
    if (t && t.numel() !== c) throw new Error(`${name} should contain ${n * c} elements not ${n * t.numel()}`);
  }
  if (input.dtype === float32 && input.numel() > 0) {
    // ATen's instance_norm: batch_norm of the input viewed as (1, N·C, *) with weight, bias and the running statistics
    // repeated N times, so the values are batch_norm's (NativeBatchNormBackward0, viewed back: ViewBackward0); the
    // running statistics become the mean over the batch of the repeated ones
    const rep = (t: Tensor | null) => (t ? S.repeat(t, [n]) : null);
    const [rm_, rv_] = no_grad(() => [rep(rm), rep(rv)]);
    const x = S.reshape(input.contiguous(), [1, n * c, ...sh.slice(2)]);
    const out = batchNormCore(x, rm_, rv_, rep(o.weight), rep(o.bias), o.use_input_stats, o.momentum, o.eps);
    no_grad(() => {
      for (const [r, r_] of [[rm, rm_], [rv, rv_]] as const) {
        if (!r || !r_ || !o.use_input_stats) continue;
        r._bumpVersion();
        E.writeInto(r, R.mean(S.reshape(r_, [n, c]), [0]));
      }
    });
    return S.view(out, sh);
  }
  const bshape = sh.map((s, i) => (i === 1 ? s : 1));
  let y: Tensor;
  if (o.use_input_stats) {
    const dims = sh.map((_, i) => i).slice(2);
    const mean = R.mean(input, dims, { keepdim: true });
    const dev = E.sub(input, mean);
    const v = R.mean(E.square(dev), dims, { keepdim: true });
    y = E.mul(dev, E.rsqrt(E.add(v, o.eps!)));
    const L = input.numel() / (n * c);
    const m = o.momentum!;
    // ATen runs batch_norm on (1, N·C, *) with the running statistics repeated N times, then averages them.
    const upd = (r: Tensor, stat: Tensor) => {
      r._bumpVersion();
      E.writeInto(r, R.mean(E.add(E.mul(S.reshape(stat.detach(), [n, c]), m), E.mul(r, 1 - m)), [0]));
    };
    no_grad(() => {
      if (rm) upd(rm, mean);
      if (rv) upd(rv, E.mul(v, L / (L - 1)));
    });
  } else {
    y = E.mul(E.sub(input, S.reshape(rm!, bshape)), E.rsqrt(E.add(S.reshape(rv!, bshape), o.eps!)));
  }
  if (o.weight) y = E.mul(y, S.reshape(o.weight, bshape));
  if (o.bias) y = E.add(y, S.reshape(o.bias, bshape));
  // ATen: batch_norm of the input viewed as (1, N·C, *), viewed back (a view: ViewBackward0)
  const bn = renamed('NativeBatchNormBackward0', S.reshape(y, [1, n * c, ...sh.slice(2)]));
  return S.view(bn, sh);
}

// ---------------------------------------------------------------- 1-D adaptive pools

/** Adaptive average pooling of (N, C, L) or (C, L) to `output_size`. @example F.adaptive_avg_pool1d(x, 4) */
export function adaptive_avg_pool1d(input: Tensor, output_size: number | readonly number[]): Tensor {
  const os = typeof output_size === 'number' ? output_size : output_size[0];
  return S.squeeze(adaptive_avg_pool2d(S.unsqueeze(input, -2), [1, os]), -2);
}

/**
 * Adaptive max pooling of (N, C, L) or (C, L) to `output_size`; with return_indices, `[output, indices]`.
 * @example F.adaptive_max_pool1d(x, 4)
 */
export function adaptive_max_pool1d(input: Tensor, output_size: number | readonly number[], return_indices: true | { return_indices: true }): [Tensor, Tensor];
export function adaptive_max_pool1d(input: Tensor, output_size: number | readonly number[], return_indices?: false | { return_indices?: false }): Tensor;
export function adaptive_max_pool1d(input: Tensor, output_size: number | readonly number[],
  return_indices?: boolean | { return_indices?: boolean }): Tensor | [Tensor, Tensor] {
  const o = parseArgs('adaptive_max_pool1d', ['return_indices'], arguments, { return_indices: false as boolean }, 2);
  const os = typeof output_size === 'number' ? output_size : output_size[0];
  // the 2-D kernel over a height of 1: its flat indices are the positions
  const [y, i] = adaptive_max_pool2d(S.unsqueeze(input, -2), [1, os], { return_indices: true });
  if (!o.return_indices) {
    i.dispose();
    return S.squeeze(y, -2);
  }
  return [S.squeeze(y, -2), S.squeeze(i, -2)];
}

// ---------------------------------------------------------------- modules

/** The padding modules' shared part (PyTorch's _ConstantPadNd, _ReflectionPadNd, _ReplicationPadNd). */
abstract class PadNd extends Module {
  readonly padding: number[];
  readonly value: number;
  constructor(cls: string, args: readonly unknown[], k: number, readonly mode: PadMode) {
    super();
    const constant = cls.startsWith('Constant');
    const o = initArgs(cls, 0, constant ? ['padding', 'value'] : ['padding'], {}, args, [], false, constant ? 2 : 1);
    checkArgs(cls, o, { padding: 'ints', value: 'float' });
    const padding = o.padding as number | number[];
    this.padding = typeof padding === 'number' ? new Array<number>(2 * k).fill(padding) : [...padding];
    this.value = o.value ?? 0;
  }
  override forward(input: Tensor): Tensor {
    return F.pad(input, this.padding, this.mode, this.mode === 'constant' ? this.value : null);
  }
  override extra_repr(): string {
    return this.mode === 'constant' ? `padding=${tuple(this.padding)}, value=${pyFloat(this.value)}` : tuple(this.padding);
  }
}

type Padding = number | readonly number[];
/** A padding module's `(padding)`: `new nn.ReflectionPad2d(1)` is `new nn.ReflectionPad2d({ padding: 1 })`. */
export type PadArgs = Init<[padding: Padding], ['padding'], [], object>;
/** A constant padding's `(padding, value)`, by position or by name. */
export type ConstantPadArgs = Init<[padding: Padding, value: number], ['padding', 'value'], [], object>;

/** Pads the last dim with `value`. @example new nn.ConstantPad1d([1, 2], 3.5) */
export class ConstantPad1d extends PadNd {
  constructor(...args: ConstantPadArgs) { super('ConstantPad1d', args, 1, 'constant'); }
}
/** Pads the last 2 dims with `value` (left, right, top, bottom). @example new nn.ConstantPad2d(1, -1) */
export class ConstantPad2d extends PadNd {
  constructor(...args: ConstantPadArgs) { super('ConstantPad2d', args, 2, 'constant'); }
}
/** Pads the last 3 dims with `value`. @example new nn.ConstantPad3d(1, 0) */
export class ConstantPad3d extends PadNd {
  constructor(...args: ConstantPadArgs) { super('ConstantPad3d', args, 3, 'constant'); }
}
/** Pads the last 2 dims with zeros. @example new nn.ZeroPad2d([1, 1, 2, 0]) */
export class ZeroPad2d extends PadNd {
  constructor(...args: PadArgs) { super('ZeroPad2d', args, 2, 'constant'); }
  override extra_repr(): string { return tuple(this.padding); }
}
/** Pads the last dim with its reflection (the edge not repeated). @example new nn.ReflectionPad1d(2) */
export class ReflectionPad1d extends PadNd {
  constructor(...args: PadArgs) { super('ReflectionPad1d', args, 1, 'reflect'); }
}
/** @example new nn.ReflectionPad2d([1, 1, 2, 0]) */
export class ReflectionPad2d extends PadNd {
  constructor(...args: PadArgs) { super('ReflectionPad2d', args, 2, 'reflect'); }
}
/** @example new nn.ReflectionPad3d(1) */
export class ReflectionPad3d extends PadNd {
  constructor(...args: PadArgs) { super('ReflectionPad3d', args, 3, 'reflect'); }
}
/** Pads the last dim by repeating its edge values. @example new nn.ReplicationPad1d([3, 1]) */
export class ReplicationPad1d extends PadNd {
  constructor(...args: PadArgs) { super('ReplicationPad1d', args, 1, 'replicate'); }
}
/** @example new nn.ReplicationPad2d(1) */
export class ReplicationPad2d extends PadNd {
  constructor(...args: PadArgs) { super('ReplicationPad2d', args, 2, 'replicate'); }
}
/** @example new nn.ReplicationPad3d(1) */
export class ReplicationPad3d extends PadNd {
  constructor(...args: PadArgs) { super('ReplicationPad3d', args, 3, 'replicate'); }
}

/**
 * F.interpolate as a module, as `torch.nn.Upsample(size, scale_factor, mode, align_corners, recompute_scale_factor)`.
 * @example new nn.Upsample({ scale_factor: 2, mode: 'bilinear' })
 */
export class Upsample extends Module {
  readonly size: number | number[] | null;
  readonly scale_factor: number | number[] | null;
  readonly mode: InterpolateMode;
  readonly align_corners: boolean | null;
  readonly recompute_scale_factor: boolean | null;
  constructor(...args: Args<[size: number | readonly number[] | null, scale_factor: number | readonly number[] | null,
    mode: InterpolateMode, align_corners: boolean | null, recompute_scale_factor: boolean | null], Omit<InterpolateOptions, 'antialias'>>) {
    super();
    const o = initArgs('Upsample', 0, ['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor'],
      { size: null, scale_factor: null, mode: 'nearest', align_corners: null, recompute_scale_factor: null }, args, [], false) as InterpolateOptions;
    checkArgs('Upsample', o, { size: 'ints?', scale_factor: 'floats?', mode: 'str' });
    const copy = (v: number | readonly number[] | null | undefined) => (v == null ? null : typeof v === 'number' ? v : [...v]);
    this.size = copy(o.size);
    this.scale_factor = copy(o.scale_factor);
    this.mode = o.mode!;
    this.align_corners = o.align_corners ?? null;
    this.recompute_scale_factor = o.recompute_scale_factor ?? null;
  }
  override forward(input: Tensor): Tensor {
    return F.interpolate(input, this.size, this.scale_factor, this.mode, this.align_corners, this.recompute_scale_factor);
  }
  override extra_repr(): string {
    const sf = this.scale_factor;
    const s = sf !== null ? `scale_factor=${typeof sf === 'number' ? pyFloat(sf) : `(${sf.map(pyFloat).join(', ')})`}`
      : `size=${this.size === null || typeof this.size === 'number' ? this.size ?? 'None' : tuple(this.size)}`;
    return `${s}, mode=${this.mode}`;
  }
}

type Sizes = number | readonly number[] | null;
/** UpsamplingNearest2d's and UpsamplingBilinear2d's `(size=None, scale_factor=None)`. */
export type UpsamplingArgs = Args<[size: Sizes, scale_factor: Sizes], { size?: Sizes; scale_factor?: Sizes }>;

/** Nearest upsampling of (N, C, H, W). @example new nn.UpsamplingNearest2d({ scale_factor: 2 }) */
export class UpsamplingNearest2d extends Upsample {
  constructor(...args: UpsamplingArgs) {
    super({ ...initArgs('UpsamplingNearest2d', 0, ['size', 'scale_factor'], { size: null, scale_factor: null }, args, [], false), mode: 'nearest' });
  }
}

/** Bilinear upsampling of (N, C, H, W) with align_corners=True. @example new nn.UpsamplingBilinear2d({ scale_factor: 2 }) */
export class UpsamplingBilinear2d extends Upsample {
  constructor(...args: UpsamplingArgs) {
    super({ ...initArgs('UpsamplingBilinear2d', 0, ['size', 'scale_factor'], { size: null, scale_factor: null }, args, [], false), mode: 'bilinear', align_corners: true });
  }
}

/** (*, C·r², H, W) → (*, C, H·r, W·r). @example new nn.PixelShuffle(3) */
export class PixelShuffle extends Module {
  readonly upscale_factor: number;
  constructor(...args: Init<[upscale_factor: number], ['upscale_factor'], [], object>) {
    super();
    this.upscale_factor = initArgs('PixelShuffle', 0, ['upscale_factor'], {}, args, [], false, 1).upscale_factor;
    checkArgs('PixelShuffle', this as unknown as Record<string, unknown>, { upscale_factor: 'int' });
  }
  override forward(input: Tensor): Tensor { return F.pixel_shuffle(input, this.upscale_factor); }
  override extra_repr(): string { return `upscale_factor=${this.upscale_factor}`; }
}

/** (*, C, H·r, W·r) → (*, C·r², H, W). @example new nn.PixelUnshuffle(3) */
export class PixelUnshuffle extends Module {
  readonly downscale_factor: number;
  constructor(...args: Init<[downscale_factor: number], ['downscale_factor'], [], object>) {
    super();
    this.downscale_factor = initArgs('PixelUnshuffle', 0, ['downscale_factor'], {}, args, [], false, 1).downscale_factor;
    checkArgs('PixelUnshuffle', this as unknown as Record<string, unknown>, { downscale_factor: 'int' });
  }
  override forward(input: Tensor): Tensor { return F.pixel_unshuffle(input, this.downscale_factor); }
  override extra_repr(): string { return `downscale_factor=${this.downscale_factor}`; }
}

/** Interleaves channels from `groups` groups. @example new nn.ChannelShuffle(2) */
export class ChannelShuffle extends Module {
  readonly groups: number;
  constructor(...args: Init<[groups: number], ['groups'], [], object>) {
    super();
    this.groups = initArgs('ChannelShuffle', 0, ['groups'], {}, args, [], false, 1).groups;
    checkArgs('ChannelShuffle', this as unknown as Record<string, unknown>, { groups: 'int' });
  }
  override forward(input: Tensor): Tensor { return F.channel_shuffle(input, this.groups); }
  override extra_repr(): string { return `groups=${this.groups}`; }
}

/** Softmax over the channels of (N, C, H, W) or (C, H, W). @example new nn.Softmax2d() */
export class Softmax2d extends Module {
  override forward(input: Tensor): Tensor {
    const nd = input._shape.length;
    if (nd !== 3 && nd !== 4) throw new Error('Softmax2d requires a 3D or 4D tensor as input');
    return F.softmax(input, -3);
  }
}

/** Adaptive average pooling of (N, C, L). @example new nn.AdaptiveAvgPool1d(4) */
export class AdaptiveAvgPool1d extends Module {
  readonly output_size: number;
  constructor(...args: Init<[output_size: number], ['output_size'], [], object>) {
    super();
    this.output_size = initArgs('_AdaptiveAvgPoolNd', 0, ['output_size'], {}, args, [], false, 1).output_size;
    checkArgs('_AdaptiveAvgPoolNd', this as unknown as Record<string, unknown>, { output_size: 'ints' });
  }
  override forward(input: Tensor): Tensor { return F.adaptive_avg_pool1d(input, this.output_size); }
  override extra_repr(): string { return `output_size=${this.output_size}`; }
}

/** Adaptive max pooling of (N, C, L). @example new nn.AdaptiveMaxPool1d(4) */
export class AdaptiveMaxPool1d extends Module {
  readonly output_size: number;
  readonly return_indices: boolean;
  constructor(...args: Init<[output_size: number], ['output_size'], [return_indices: boolean], { return_indices?: boolean }>) {
    super();
    const o = initArgs('_AdaptiveMaxPoolNd', 0, ['output_size', 'return_indices'], { return_indices: false }, args, [], false, 1);
    checkArgs('_AdaptiveMaxPoolNd', o, { output_size: 'ints' });
    this.output_size = o.output_size;
    this.return_indices = o.return_indices;
  }
  override forward(input: Tensor): Tensor {
    return F.adaptive_max_pool1d(input, this.output_size, this.return_indices as false);
  }
  override extra_repr(): string { return `output_size=${this.output_size}`; }
}

export interface InstanceNormModuleOptions extends FactoryKwargs { eps?: number; momentum?: number; affine?: boolean; track_running_stats?: boolean }

/** The shared part of InstanceNorm1d/2d/3d (PyTorch's _InstanceNorm). */
abstract class InstanceNormNd extends NormBase {
  constructor(private readonly nd: number, args: readonly unknown[]) {
    super('_InstanceNorm', { eps: 1e-5, momentum: 0.1, affine: false, track_running_stats: false }, args);
  }
  override forward(input: Tensor): Tensor {
    const d = input._shape.length;
    const nd = this.nd;
    if (d !== nd + 1 && d !== nd + 2) throw new Error(`expected ${nd + 1}D or ${nd + 2}D input (got ${d}D input)`);
    const x = d === nd + 1 ? S.unsqueeze(input, 0) : input;
    const y = F.instance_norm(x, this.running_mean, this.running_var, this.weight, this.bias,
      this.training || !this.track_running_stats, this.momentum as number, this.eps);
    return d === nd + 1 ? S.squeeze(y, 0) : y;
  }
}

/** InstanceNorm's `(num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False, device=None, dtype=None)`. */
export type InstanceNormArgs = Init<[num_features: number], ['num_features'], [eps: number, momentum: number, affine: boolean,
  track_running_stats: boolean, ...Factory], InstanceNormModuleOptions>;

/** Instance normalization of (N, C, L) or (C, L). @example new nn.InstanceNorm1d(8, { affine: true }) */
export class InstanceNorm1d extends InstanceNormNd {
  constructor(...args: InstanceNormArgs) { super(1, args); }
}
/** Instance normalization of (N, C, H, W) or (C, H, W). @example new nn.InstanceNorm2d(8, { track_running_stats: true }) */
export class InstanceNorm2d extends InstanceNormNd {
  constructor(...args: InstanceNormArgs) { super(2, args); }
}
/** Instance normalization of (N, C, D, H, W) or (C, D, H, W). @example new nn.InstanceNorm3d(8) */
export class InstanceNorm3d extends InstanceNormNd {
  constructor(...args: InstanceNormArgs) { super(3, args); }
}
