// F.affine_grid and F.grid_sample (4-D and 5-D: spatial transformers), after PyTorch 1.13's
// torch/nn/functional.py, AffineGridGenerator.cpp and GridSampler.cpp. grid_sample is a primitive whose
// kernels (forward and backward; bilinear, nearest and bicubic; trilinear and nearest for volumes) are in
// assembly/gridsample.ts; affine_grid is composed (a base grid times θᵀ), so its gradient comes from bmm.
import { Tensor, Size } from '../tensor.js';
import { float32 } from '../dtype.js';
import { K } from '../backend/wasm.js';
import { record, renamed, is_grad_enabled } from '../autograd.js';
import { bind } from '../optim/optimizer.js';
import { NotImplementedError } from '../distributions/utils.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import * as L from '../ops/linalg.js';
import * as C from '../ops/create.js';

const MODES: Record<string, number> = { bilinear: 0, nearest: 1, bicubic: 2 };
const PADDINGS: Record<string, number> = { zeros: 0, border: 1, reflection: 2 };

const sizes = (t: Tensor) => `[${t._shape.join(', ')}]`;

/** A contiguous float32 alias or copy of t (dispose it after use; t lives on). */
function dense(t: Tensor): Tensor {
  return t.is_contiguous() ? t.detach() : E.clone(t.detach()).contiguous();
}

/**
 * Samples input at the grid's (x, y) locations in [-1, 1], as `F.grid_sample(input, grid, mode='bilinear',
 * padding_mode='zeros', align_corners=None)` for 4-D input (N, C, H_in, W_in) and grid (N, H_out, W_out, 2), or
 * 5-D input (N, C, D, H, W) and grid (N, D_out, H_out, W_out, 3): modes 'bilinear', 'nearest' and (4-D) 'bicubic', padding 'zeros', 'border', 'reflection'; align_corners defaults to
 * false (PyTorch's default, without its warning). Gradients reach input and grid (zero for grid with 'nearest').
 * `F.grid_sample(img, F.affine_grid(theta, [1, 3, 32, 32], { align_corners: false }), { align_corners: false })`
 */
export function grid_sample(input: Tensor, grid: Tensor, mode?: string | GridSampleOptions, padding_mode?: string,
  align_corners?: boolean | null): Tensor {
  const o = bind('grid_sample', ['input', 'grid', 'mode', 'padding_mode', 'align_corners'], [],
    { mode: 'bilinear', padding_mode: 'zeros', align_corners: null }, [...arguments], 0, true);
  void input; void grid; void mode; void padding_mode; void align_corners;
  const m = o.mode as string;
  const p = o.padding_mode as string;
  if (!(m in MODES)) {
    throw new RangeError(`nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', but got: '${m}'`);
  }
  if (!(p in PADDINGS)) {
    throw new RangeError("nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or 'reflection', " +
      `but got: '${p}'`);
  }
  const x = o.input as Tensor;
  const g = o.grid as Tensor;
  if (x.dtype !== g.dtype) {
    throw new Error(`grid_sampler(): expected input and grid to have same dtype, but input has ${x.dtype.name} and grid ` +
      `has ${g.dtype.name}`);
  }
  if (x._shape[0] !== g._shape[0]) {
    throw new Error(`grid_sampler(): expected grid and input to have same batch size, but got input with sizes ${sizes(x)} ` +
      `and grid with sizes ${sizes(g)}`);
  }
  if (g._shape[g._shape.length - 1] !== x._shape.length - 2) {
    throw new Error(`grid_sampler(): expected grid to have size ${x._shape.length - 2} in last dimension, but got grid ` +
      `with sizes ${sizes(g)}`);
  }
  for (let i = 2; i < x._shape.length; i++) {
    if (x._shape[i] <= 0) {
      throw new Error('grid_sampler(): expected input to have non-empty spatial dimensions, but input has sizes ' +
        `${sizes(x)} with dimension ${i} being empty`);
    }
  }
  if (x._shape.length === 4) {
    if (g._shape.length !== 4) {
      throw new Error('grid_sampler(): expected 4D input and grid with same number of dimensions, but got input with ' +
        `sizes ${sizes(x)} and grid with sizes ${sizes(g)}`);
    }
  } else {
    if (x._shape.length !== 5 || g._shape.length !== 5) {
      throw new Error('grid_sampler(): expected 5D input and grid with same number of dimensions, but got input with ' +
        `sizes ${sizes(x)} and grid with sizes ${sizes(g)}`);
    }
    if (m === 'bicubic') throw new Error('grid_sampler(): bicubic interpolation only supports 4D input');
    return gridSample3d(x, g, MODES[m], PADDINGS[p], o.align_corners ?? false);
  }
  return gridSample2d(x, g, MODES[m], PADDINGS[p], o.align_corners ?? false);
}

/** grid_sample's optional arguments as an options object. */
export interface GridSampleOptions { mode?: string; padding_mode?: string; align_corners?: boolean | null }

function gridSample2d(x: Tensor, grid: Tensor, mode: number, padding: number, align: boolean): Tensor {
  const [N, Ch, IH, IW] = x._shape;
  const [, OH, OW] = grid._shape;
  const out = Tensor._empty([N, Ch, OH, OW], float32);
  if (out.numel() > 0) {
    const xc = dense(x);
    const gc = dense(grid);
    K.grid_sample2d_f32(out._ptr(), xc._ptr(), gc._ptr(), N, Ch, IH, IW, OH, OW, mode, padding, align);
    xc.dispose();
    gc.dispose();
  }
  return record('GridSampler2DBackward0', out, [x, grid], [x, grid], (gOut, [sx, sg], needs) => {
    const r = gridSample2dBackward(gOut.detach(), sx, sg, mode, padding, align, needs[0]);
    return is_grad_enabled() ? r.map((t) => (t === null ? null : noDoubleBackward('grid_sampler_2d_backward', t, gOut, sx, sg))) : r;
  });
}

function gridSample3d(x: Tensor, grid: Tensor, mode: number, padding: number, align: boolean): Tensor {
  const [N, Ch, ID, IH, IW] = x._shape;
  const [, OD, OH, OW] = grid._shape;
  const out = Tensor._empty([N, Ch, OD, OH, OW], float32);
  if (out.numel() > 0) {
    const xc = dense(x);
    const gc = dense(grid);
    K.grid_sample3d_f32(out._ptr(), xc._ptr(), gc._ptr(), N, Ch, ID, IH, IW, OD, OH, OW, mode, padding, align);
    xc.dispose();
    gc.dispose();
  }
  return record('GridSampler3DBackward0', out, [x, grid], [x, grid], (gOut, [sx, sg], needs) => {
    const r = gridSample3dBackward(gOut.detach(), sx, sg, mode, padding, align, needs[0]);
    return is_grad_enabled() ? r.map((t) => (t === null ? null : noDoubleBackward('grid_sampler_3d_backward', t, gOut, sx, sg))) : r;
  });
}

function gridSample3dBackward(gOut: Tensor, x: Tensor, grid: Tensor, mode: number, padding: number, align: boolean,
  needInput: boolean): [Tensor | null, Tensor] {
  const [N, Ch, ID, IH, IW] = x._shape;
  const [, OD, OH, OW] = grid._shape;
  const gi = needInput ? C.zeros([N, Ch, ID, IH, IW]) : null;
  const gg = C.zeros(grid._shape.slice());
  if (gOut.numel() > 0) {
    const xc = dense(x);
    const gc = dense(grid);
    const go = dense(gOut);
    K.grid_sample3d_backward_f32(gi ? gi._ptr() : 0, gg._ptr(), go._ptr(), xc._ptr(), gc._ptr(), N, Ch, ID, IH, IW, OD,
      OH, OW, mode, padding, align);
    xc.dispose();
    gc.dispose();
    go.dispose();
  }
  return [gi, gg];
}

/** A gradient whose own gradient PyTorch 1.13 does not define: a graph through it fails when used. */
function noDoubleBackward(op: string, t: Tensor, gOut: Tensor, x: Tensor, grid: Tensor): Tensor {
  return record(`${op === 'grid_sampler_2d_backward' ? 'GridSampler2D' : 'GridSampler3D'}BackwardBackward0`, t,
    [gOut, x, grid], [], () => {
      throw new Error(`derivative for ${op} is not implemented`);
    });
}

function gridSample2dBackward(gOut: Tensor, x: Tensor, grid: Tensor, mode: number, padding: number, align: boolean,
  needInput: boolean): [Tensor | null, Tensor] {
  const [N, Ch, IH, IW] = x._shape;
  const [, OH, OW] = grid._shape;
  const gi = needInput ? C.zeros([N, Ch, IH, IW]) : null;
  const gg = C.zeros(grid._shape.slice());
  if (gOut.numel() > 0) {
    const xc = dense(x);
    const gc = dense(grid);
    const go = dense(gOut);
    K.grid_sample2d_backward_f32(gi ? gi._ptr() : 0, gg._ptr(), go._ptr(), xc._ptr(), gc._ptr(), N, Ch, IH, IW, OH, OW,
      mode, padding, align);
    xc.dispose();
    gc.dispose();
    go.dispose();
  }
  return [gi, gg];
}

/** [-1, 1] in `steps` points, scaled by (steps - 1) / steps without align_corners (pixel centres). */
function linspaceFromNegOne(steps: number, align: boolean): Tensor {
  if (steps <= 1) return C.zeros([1]);
  const r = C.linspace(-1, 1, steps);
  return align ? r : E.div(E.mul(r, steps - 1), steps);
}

/**
 * The sampling grid of a batch of affine transforms, as `F.affine_grid(theta, size, align_corners=None)`:
 * theta (N, 2, 3), size [N, C, H, W] → grid (N, H, W, 2), or theta (N, 3, 4), size [N, C, D, H, W] → grid
 * (N, D, H, W, 3), for grid_sample; align_corners defaults to false.
 * Differentiable in theta. `F.affine_grid(torch.tensor([[[1, 0, 0], [0, 1, 0]]]).float(), [1, 1, 2, 2])`
 */
export function affine_grid(theta: Tensor, size: number[], align_corners?: boolean | null | { align_corners?: boolean | null }): Tensor {
  const o = bind('affine_grid', ['theta', 'size', 'align_corners'], [], { align_corners: null }, [...arguments], 0, true);
  void theta; void size; void align_corners;
  const t = o.theta as Tensor;
  const sz = [...(o.size as number[])];
  const align = (o.align_corners ?? false) as boolean;
  if (!t.dtype.isFloatingPoint) {
    throw new RangeError(`Expected theta to have floating point type, but got torch.${t.dtype.name}`);
  }
  // as Python formats the size it was given: x.size() is a torch.Size, a list prints as one
  const fmt = o.size instanceof Size ? String(o.size) : `[${sz.join(', ')}]`;
  if (sz.length === 4) {
    if (t._shape.length !== 3 || t._shape[1] !== 2 || t._shape[2] !== 3) {
      throw new RangeError(`Expected a batch of 2D affine matrices of shape Nx2x3 for size ${fmt}. Got ` +
        `torch.Size([${t._shape.join(', ')}]).`);
    }
  } else if (sz.length === 5) {
    if (t._shape.length !== 3 || t._shape[1] !== 3 || t._shape[2] !== 4) {
      throw new RangeError(`Expected a batch of 3D affine matrices of shape Nx3x4 for size ${fmt}. Got ` +
        `torch.Size([${t._shape.join(', ')}]).`);
    }
  } else {
    throw new NotImplementedError('affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, ' +
      `respectively. Got size ${fmt}.`);
  }
  if (Math.min(...sz) <= 0) throw new RangeError(`Expected non-zero, positive output size. Got ${fmt}`);
  const N = sz[0];
  const cols = sz.length === 4 ? 3 : 4;
  if (t._shape[0] !== N) {
    throw new Error(`Expected size for first two dimensions of batch2 tensor to be: [${N}, ${cols}] but got: ` +
      `[${t._shape[0]}, ${cols}].`);
  }
  // The base grid: (x, y[, z], 1) at every output location, x varying fastest.
  const spatial = sz.slice(2);
  const k = spatial.length;
  const m = spatial.reduce((p, v) => p * v, 1);
  const axes = spatial.map((_, i) => {
    const n = spatial[k - 1 - i];   // x is the last spatial dim
    const shape = spatial.map((v, j) => (j === k - 1 - i ? n : 1));
    return linspaceFromNegOne(n, align).reshape([...shape, 1]).expand(...spatial, 1);
  });
  const base = S.cat([...axes, C.ones([...spatial, 1])], k).reshape([1, m, cols]).expand(N, m, cols);
  return renamed('AffineGridGeneratorBackward0', L.bmm(base, S.transpose(t, 1, 2)).view([N, ...spatial, k]));
}
