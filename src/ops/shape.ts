// Views (no copy: view, transpose, permute, squeeze, expand, narrow, slicing...), and the
// ops that move data between shapes (cat, stack, repeat, flip, tril, gathers and scatters).
import { Tensor, Index, SliceSpec, fromFlat } from '../tensor.js';
import { float32, int64, bool, intOverflow } from '../dtype.js';
import { K, I32, SCRATCH, meta } from '../backend/wasm.js';
import { record, renamed } from '../autograd.js';
import { broadcastShapes, contiguousStrides, fmtShape, listKw, normDim, numelOf, sameShape, scalarName, type ListKw } from './util.js';
import * as E from './elementwise.js';
import { ViewMeta } from './inplace.js';
import { sum } from './reduce.js';
import { composite } from '../lifetime.js';
import { pyType } from './kw.js';

// ---------------------------------------------------------------- views

/** Strides for viewing (shape, strides) as newShape without a copy, or null (PyTorch's computeStride). */
function viewStrides(oldShape: readonly number[], oldStrides: readonly number[], newShape: readonly number[]): number[] | null {
  if (oldShape.length === 0) return newShape.map(() => 1);
  const numel = numelOf(oldShape);
  if (numel === 0 && sameShape(oldShape, newShape)) return oldStrides.slice();
  const out = new Array<number>(newShape.length);
  if (numel === 0) return contiguousStrides(newShape);
  let viewD = newShape.length - 1;
  let chunkBase = oldStrides[oldStrides.length - 1];
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d];
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        out[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = oldStrides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return out;
}

/** Resolves one -1 in a requested shape, with PyTorch's errors. */
function inferShape(shape: readonly number[], numel: number): number[] {
  const out = shape.slice();
  let infer = -1;
  let known = 1;
  for (let i = 0; i < out.length; i++) {
    if (out[i] === -1) {
      if (infer >= 0) throw new Error('only one dimension can be inferred');
      infer = i;
    } else if (!Number.isInteger(out[i]) || out[i] < 0) {
      throw new RangeError(`invalid shape dimension ${out[i]}`);
    } else known *= out[i];
  }
  if (infer >= 0) {
    if (known === 0 || numel % known !== 0) {
      throw new RangeError(`shape '${fmtShape(shape)}' is invalid for input of size ${numel}`);
    }
    out[infer] = numel / known;
  } else if (known !== numel) {
    throw new RangeError(`shape '${fmtShape(shape)}' is invalid for input of size ${numel}`);
  }
  return out;
}

export function view(x: Tensor, shape: readonly number[]): Tensor {
  return viewAs('ViewBackward0', x, shape);
}

/**
 * x seen as `shape` without a copy (PyTorch's view rules), recorded as `node`: ViewBackward0 for view(),
 * ReshapeAliasBackward0 for a reshape that needs no copy (PyTorch's `_reshape_alias`).
 */
function viewAs(node: string, x: Tensor, shape: readonly number[]): Tensor {
  const newShape = inferShape(shape, x.numel());
  const st = viewStrides(x._shape, x._strides, newShape);
  if (!st) {
    throw new Error("view size is not compatible with input tensor's size and stride (at least one dimension " +
      'spans across two contiguous subspaces). Use .reshape(...) instead.');
  }
  const out = x._view(newShape, st, x._offset);
  const inShape = x._shape.slice();
  return record(node, out, [x], [], (g) => [reshape(g, inShape)]);
}

/**
 * A view when the strides allow one (ReshapeAliasBackward0), else a copy: PyTorch's
 * `_unsafe_view(x.clone(), shape)` (UnsafeViewBackward0 over CloneBackward0; not a view of x).
 */
export function reshape(x: Tensor, shape: readonly number[] | ListKw<'shape'>): Tensor {
  shape = listKw('reshape', 'shape', shape) as readonly number[];
  const newShape = inferShape(shape, x.numel());
  if (viewStrides(x._shape, x._strides, newShape)) return viewAs('ReshapeAliasBackward0', x, newShape);
  const c = E.clone(x);
  const out = unsafeView(c, newShape);
  c.dispose();
  return out;
}

/**
 * PyTorch's `_unsafe_view`: x's elements seen as `shape` in a tensor that shares x's storage but is not
 * a view of it, for an op whose result is x reshaped and x is the op's own temporary (a product in
 * matmul, a clone in reshape). An in-place change of the result then gives it its own history, as in
 * PyTorch. `node` is the name PyTorch records (UnsafeViewBackward0; SqueezeBackward3 for matmul's
 * `squeeze_`); the gradient is reshaped back.
 */
export function unsafeView(x: Tensor, shape: readonly number[], node = 'UnsafeViewBackward0'): Tensor {
  const newShape = inferShape(shape, x.numel());
  const st = viewStrides(x._shape, x._strides, newShape);
  const src = st ? x : E.convert(x, x.dtype);
  const out = src.detach();
  out._shape = newShape;
  out._strides = st ?? contiguousStrides(newShape);
  if (src !== x) src.dispose();
  const inShape = x._shape.slice();
  return record(node, out, [x], [], (g) => [reshape(g, inShape)]);
}

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  return transposeAs('TransposeBackward0', x, dim0, dim1);
}

/** transpose recorded under `node` (t() is PyTorch's TBackward0). */
function transposeAs(node: string, x: Tensor, dim0: number, dim1: number): Tensor {
  const n = x._shape.length;
  const a = normDim(dim0, n);
  const b = normDim(dim1, n);
  const shape = x._shape.slice();
  const strides = x._strides.slice();
  [shape[a], shape[b]] = [shape[b], shape[a]];
  [strides[a], strides[b]] = [strides[b], strides[a]];
  const out = x._view(shape, strides, x._offset);
  return record(node, out, [x], [], (g) => [transpose(g, a, b)]);
}

export function t(x: Tensor): Tensor {
  if (x._shape.length > 2) {
    throw new RangeError(`t() expects a tensor with <= 2 dimensions, but self is ${x._shape.length}D`);
  }
  if (x._shape.length < 2) return record('TBackward0', x._view(x._shape.slice(), x._strides.slice(), x._offset), [x], [], (g) => [g]);
  return transposeAs('TBackward0', x, 0, 1);
}

export function permute(x: Tensor, dims: readonly number[] | ListKw<'dims'>): Tensor {
  dims = listKw('permute', 'dims', dims) as readonly number[];
  const n = x._shape.length;
  if (dims.length !== n) {
    throw new RangeError(`permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${n} is not equal to len(dims) = ${dims.length}`);
  }
  const ds = dims.map((d) => normDim(d, n));
  if (new Set(ds).size !== n) throw new Error('permute(): duplicate dims are not allowed.');
  const out = x._view(ds.map((d) => x._shape[d]), ds.map((d) => x._strides[d]), x._offset);
  const inv = new Array<number>(n);
  ds.forEach((d, i) => { inv[d] = i; });
  return record('PermuteBackward0', out, [x], [], (g) => [permute(g, inv)]);
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const n = x._shape.length;
  const d = normDim(dim, n + 1);
  const shape = x._shape.slice();
  const strides = x._strides.slice();
  const st = d < n ? shape[d] * strides[d] : 1;
  shape.splice(d, 0, 1);
  strides.splice(d, 0, st);
  const out = x._view(shape, strides, x._offset);
  return record('UnsqueezeBackward0', out, [x], [], (g) => [squeeze(g, d)]);
}

export function squeeze(x: Tensor, dim?: number): Tensor {
  const n = x._shape.length;
  let keep: number[];
  if (dim === undefined) keep = x._shape.map((_, i) => i).filter((i) => x._shape[i] !== 1);
  else {
    const d = normDim(dim, n);
    keep = x._shape.map((_, i) => i).filter((i) => i !== d || x._shape[i] !== 1);
  }
  const out = x._view(keep.map((i) => x._shape[i]), keep.map((i) => x._strides[i]), x._offset);
  const inShape = x._shape.slice();
  return record(dim === undefined ? 'SqueezeBackward0' : 'SqueezeBackward1', out, [x], [], (g) => [reshape(g, inShape)]);
}

export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  const n = x._shape.length;
  const s = normDim(startDim, n);
  const e = normDim(endDim, n);
  if (s > e) throw new RangeError('flatten() has invalid args: start_dim cannot come after end_dim');
  // PyTorch returns a 0-d tensor reshaped and, when there is nothing to merge, the input itself
  if (n === 0) return reshape(x, [1]);
  if (s === e) return x;
  const shape = [...x._shape.slice(0, s), numelOf(x._shape.slice(s, e + 1)), ...x._shape.slice(e + 1)];
  return reshape(x, shape);
}

export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = normDim(dim, x._shape.length);
  const inner = inferShape(sizes, x._shape[d]);
  return view(x, [...x._shape.slice(0, d), ...inner, ...x._shape.slice(d + 1)]);
}

export function expand(x: Tensor, sizes: readonly number[]): Tensor {
  const n = x._shape.length;
  if (sizes.length < n) {
    throw new RangeError(`expand(torch.FloatTensor{${fmtShape(x._shape)}}, size=${fmtShape(sizes)}): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${n})`);
  }
  const lead = sizes.length - n;
  const shape: number[] = new Array<number>(sizes.length);
  const strides: number[] = new Array<number>(sizes.length);
  // From the last dim, as PyTorch checks (its error names the innermost mismatch).
  for (let i = sizes.length - 1; i >= 0; i--) {
    const src = i - lead;
    const want = sizes[i];
    if (src < 0) {
      if (want < 0) throw new RangeError(`The expanded size of the tensor (${want}) isn't allowed in a leading, non-existing dimension ${i}`);
      shape[i] = want;
      strides[i] = 0;
      continue;
    }
    const have = x._shape[src];
    if (want === -1 || want === have) {
      shape[i] = have;
      strides[i] = x._strides[src];
    } else if (have === 1) {
      shape[i] = want;
      strides[i] = 0;
    } else {
      throw new RangeError(`The expanded size of the tensor (${want}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: ${fmtShape(sizes)}.  Tensor sizes: ${fmtShape(x._shape)}`);
    }
  }
  const out = x._view(shape, strides, x._offset);
  // The engine sums the gradient back to x's shape.
  return record('ExpandBackward0', out, [x], [], (g) => [g]);
}

/**
 * A zero tensor of `shape` with g written into the view `at(zeros)`: the backward of every slicing
 * view; itself differentiable (its backward is the slicing), for double backward.
 */
function embed(g: Tensor, shape: number[], at: (z: Tensor) => Tensor, name: string): Tensor {
  const z = E.filled(shape, float32, 0);
  const region = at(z);
  E.writeInto(region, g);
  region.dispose();
  return record(name, z, [g], [], (gg) => [at(gg)]);
}

export function narrow(x: Tensor, dim: number, start: number | Tensor, length: number): Tensor {
  // (PyTorch's narrow.Tensor overload: a 0-d integer tensor's value)
  if (start instanceof Tensor) {
    if (start._shape.length !== 0 || start.dtype !== int64) throw new Error('start must be an 0-dim integral Tensor.');
    start = start.item() as number;
  }
  return narrowAs('SliceBackward0', x, dim, start, length);
}

/** narrow recorded as `name`; with `alias`, the result shares x's storage without being a view of it. */
function narrowAs(name: string, x: Tensor, dim: number, start: number, length: number, alias = false): Tensor {
  const n = x._shape.length;
  if (n === 0) throw new RangeError('narrow() cannot be applied to a 0-dim tensor.');
  const d = normDim(dim, n);
  const size = x._shape[d];
  if (start < 0) start += size;
  if (start < 0 || start > size) {
    throw new RangeError(`start out of range (expected to be in range of [${-size}, ${size}], but got ${start})`);
  }
  if (length < 0 || start + length > size) {
    throw new RangeError(`start (${start}) + length (${length}) exceeds dimension size (${size}).`);
  }
  const shape = x._shape.slice();
  shape[d] = length;
  const out = x._view(shape, x._strides.slice(), x._offset + start * x._strides[d]);
  if (alias) {
    out._base = null;
    out._viewMeta = ViewMeta.Default;
  }
  const inShape = x._shape.slice();
  return record(name, out, [x], [], (g) => [embed(g, inShape, (z) => narrow(z, d, start, length), 'SliceBackwardBackward0')]);
}

export function select(x: Tensor, dim: number, index: number): Tensor {
  return selectAs('SelectBackward0', x, dim, index);
}

function selectAs(name: string, x: Tensor, dim: number, index: number): Tensor {
  const n = x._shape.length;
  // (a str is a dim name, looked for first, as PyTorch's named overload does)
  if (typeof dim === 'string') normDim(dim, n);
  if (n === 0) throw new RangeError('select() cannot be applied to a 0-dim tensor.');
  const d = normDim(dim, n);
  const size = x._shape[d];
  if (!Number.isInteger(index)) throw new TypeError(`select(): argument 'index' must be an integer, got ${index}`);
  if (index < -size || index >= size) {
    throw new RangeError(`select(): index ${index} out of range for tensor of size ${fmtShape(x._shape)} at dimension ${d}`);
  }
  const i = index < 0 ? index + size : index;
  const shape = x._shape.slice();
  const strides = x._strides.slice();
  shape.splice(d, 1);
  strides.splice(d, 1);
  const out = x._view(shape, strides, x._offset + i * x._strides[d]);
  const inShape = x._shape.slice();
  return record(name, out, [x], [], (g) => [embed(g, inShape, (z) => select(z, d, i), 'SelectBackwardBackward0')]);
}

/** A strided view with Python slice semantics along one dim (step > 0). */
function sliceDim(x: Tensor, d: number, start: number | null | undefined, stop: number | null | undefined, step: number): Tensor {
  const size = x._shape[d];
  for (const v of [start, stop, step]) {
    if (v !== null && v !== undefined && !Number.isInteger(v)) {
      throw new TypeError(`slice indices must be integers or None or have an __index__ method (got ${typeof v === 'number' ? v : typeof v === 'object' ? 'an object' : typeof v})`);
    }
  }
  if (step === 0) throw new RangeError('slice step cannot be zero');
  if (!Number.isInteger(step) || step < 0) throw new RangeError('step must be greater than zero');
  let s = start ?? 0;
  let e = stop ?? size;
  if (s < 0) s += size;
  if (e < 0) e += size;
  s = Math.min(Math.max(s, 0), size);
  e = Math.min(Math.max(e, s), size);
  const len = Math.ceil((e - s) / step);
  const shape = x._shape.slice();
  const strides = x._strides.slice();
  shape[d] = len;
  strides[d] *= step;
  const out = x._view(shape, strides, x._offset + s * x._strides[d]);
  const inShape = x._shape.slice();
  return record('SliceBackward0', out, [x], [], (g) => [embed(g, inShape, (z) => sliceDim(z, d, s, e, step), 'SliceBackwardBackward0')]);
}

/** A typed spelling of Python's `slice(start, stop, step)`. */
export function slice(start: number | null = null, stop: number | null = null, step: number | null = null): SliceSpec {
  return { start, stop, step };
}

/**
 * PyTorch's indexing `x[...]`: numbers select, slices keep, null keeps a dim whole (views); int64
 * tensors and bool masks index as PyTorch's advanced indexing (a copy, IndexBackward0).
 */
export function index(x: Tensor, indices: readonly Index[]): Tensor {
  const [r, adv, made] = prep(x, indices, false);
  if (!adv.length) return r;
  const [a, lin] = advance(r, adv);
  made.forEach((t) => t.dispose());
  const out = take(r, a, lin);
  lin.dispose();
  if (r !== x) r.dispose();
  return out;
}

type Adv = { perm: number[]; flat: number[]; out: number[]; at: number; n: number };

/** Applies numbers and slices; returns the view and the index tensors (as int64) with the dims they index. */
function prep(x: Tensor, indices: readonly (Index | Tensor)[], put: boolean): [Tensor, [number, Tensor][], Tensor[]] {
  if (x._shape.length === 0 && indices.length === 1) {
    // one index that is not a tuple (Python's t[0], t[:]) on a 0-dim tensor: PyTorch's applySelect / applySlice
    const [ix] = indices;
    if (ix === 0) {
      throw new RangeError('invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ ' +
        'to convert a 0-dim tensor to a number');
    }
    if (typeof ix === 'number') throw new RangeError(`index ${ix} is out of bounds for dimension 0 with size 0`);
    if (ix === null || (typeof ix === 'object' && !(ix instanceof Tensor))) throw new RangeError('slice() cannot be applied to a 0-dim tensor.');
  }
  let used = 0;
  let ellipses = 0;
  for (const ix of indices) {
    if (ix === '...') ellipses++;
    else if (ix === 'None') continue;
    else if (typeof ix === 'string' || (typeof ix === 'number' && !Number.isInteger(ix))) {
      // PyTorch's words, with Python's name of the type (a JS boolean is a 0-dim bool index, as Python's True)
      throw new RangeError('only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices ' +
        `(got ${typeof ix === 'string' ? 'str' : 'float'})`);
    } else used += ix instanceof Tensor && ix.dtype === bool ? ix._shape.length : typeof ix === 'boolean' ? 0 : 1;
  }
  if (ellipses > 1) throw new RangeError("an index can only have a single ellipsis ('...')");
  if (ellipses) {
    // x[..., i]: the ellipsis stands for every dim the other indices leave
    const at = indices.indexOf('...');
    const fill = new Array<null>(Math.max(0, x._shape.length - used)).fill(null);
    indices = [...indices.slice(0, at), ...fill, ...indices.slice(at + 1)];
  }
  if (used > x._shape.length) throw new RangeError(`too many indices for tensor of dimension ${x._shape.length}`);
  let r = x;
  // each step's view replaces the last (views share x's storage and have x as _base): release it now
  const step = (v: Tensor) => {
    if (r !== x && r !== v) r.dispose();
    r = v;
  };
  let d = 0;
  const adv: [number, Tensor][] = [];
  const made: Tensor[] = [];
  for (let ix of indices) {
    if (ix === 'None') {
      // Python's None: a new dim of size 1 here
      step(unsqueeze(r, d++));
      continue;
    }
    if (typeof ix === 'boolean') ix = track(made, fromFlat([ix ? 1 : 0], [], bool));
    if (ix instanceof Tensor) {
      if (ix.dtype === float32) throw new RangeError('tensors used as indices must be long, byte or bool tensors');
      const s = ix._shape;
      if (ix.dtype === int64 && (s.length || put)) {
        adv.push([d++, ix]);
        continue;
      }
      if (ix.dtype === int64) ix = Number(ix.item());
      else if (!s.length) {
        if (put) throw new RangeError('tocha: index_put_ does not take a 0-dim bool index');
        step(unsqueeze(r, d));
        const t = fromFlat(ix.item() ? [0] : [], [ix.item() ? 1 : 0], int64);
        made.push(t);
        adv.push([d++, t]);
        continue;
      } else {
        s.forEach((n, j) => {
          if (n !== r._shape[d + j]) {
            throw new RangeError(`The shape of the mask ${fmtShape(s)} at index ${j} does not match the shape of the indexed tensor ${fmtShape(r._shape)} at index ${d + j}`);
          }
        });
        // one index tensor per mask dim: the rows of the mask's nonzero coordinates as columns
        const all = nonzeroCoords(ix, true);
        const count = all._shape[1];
        made.push(all);
        for (let j = 0; j < s.length; j++) {
          const t = all._view([count], [1], all._offset + j * count);
          made.push(t);
          adv.push([d++, t]);
        }
        continue;
      }
    }
    if (typeof ix === 'number') {
      // x[i] words its error as PyTorch's indexing does (select() has its own)
      const size = r._shape[d];
      if (Number.isInteger(ix) && (ix < -size || ix >= size)) {
        throw new RangeError(`index ${ix} is out of bounds for dimension ${d} with size ${size}`);
      }
      step(select(r, d, ix));
    } else if (ix === null || ix === undefined) {
      d++;
    } else if (Array.isArray(ix)) {
      if (ix.length > 3) throw new TypeError(`a slice is [start, stop, step] (at most 3 entries), got ${ix.length} entries`);
      const [a, b, c] = ix as (number | null)[];
      step(sliceDim(r, d++, a, b, c ?? 1));
    } else if (typeof ix === 'object' && 'start' in ix && 'stop' in ix && 'step' in ix) {
      const sl = ix as SliceSpec;
      step(sliceDim(r, d++, sl.start, sl.stop, sl.step ?? 1));
    } else {
      throw new TypeError('only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices ' +
        `(got ${typeof ix === 'object' ? 'an object that is not torch.slice(...)' : typeof ix})`);
    }
  }
  return [r, adv, made];
}

/**
 * Where the index tensors put their dims (together at the first one's place when adjacent, else
 * first), and each indexed element's row-major position within the indexed dims (int64, checked).
 */
function advance(r: Tensor, adv: [number, Tensor][]): [Adv, Tensor] {
  const dims = adv.map((e) => e[0]);
  const ts = adv.map((e) => e[1]);
  let B: number[] = [];
  try {
    for (const t of ts) B = broadcastShapes(B, t._shape);
  } catch {
    throw new RangeError(`shape mismatch: indexing tensors could not be broadcast together with shapes ${ts.map((t) => fmtShape(t._shape)).join(', ')}`);
  }
  const n = numelOf(B);
  const sizes = dims.map((d) => r._shape[d]);
  // lin = row-major position within the indexed dims, one index tensor (broadcast to B) at a time;
  // the error names the first bad index in that order (position, then tensor)
  const lin = Tensor._empty([n], int64);
  let bad: [number, number, number] | null = null;
  for (let k = 0; k < ts.length && n > 0; k++) {
    const e = expand(ts[k], B);
    const c = e.contiguous();
    const p = K.index_wrap_32(lin._ptr(), c._ptr(), n, sizes[k], k > 0 ? 1 : 0);
    if (p >= 0 && (!bad || p < bad[0])) bad = [p, k, I32()[(c._ptr() >>> 2) + p]];
    if (c !== e) c.dispose();
    if (e !== ts[k]) e.dispose();
  }
  if (bad) {
    lin.dispose();
    const [, k, v] = bad;
    throw new RangeError(`index ${v} is out of bounds for dimension ${k} with size ${sizes[k]}`);
  }
  const at = dims.every((d, i) => i === 0 || d === dims[i - 1] + 1) ? dims[0] : 0;
  const rest = r._shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const rs = rest.map((i) => r._shape[i]);
  const a: Adv = {
    perm: [...rest.slice(0, at), ...dims, ...rest.slice(at)],
    flat: [...rs.slice(0, at), numelOf(sizes), ...rs.slice(at)],
    out: [...rs.slice(0, at), ...B, ...rs.slice(at)],
    at,
    n,
  };
  return [a, lin];
}

/** x (no history) seen as `shape`: a view when strides allow, else a contiguous copy. */
function flatAs(x: Tensor, shape: number[]): Tensor {
  const st = viewStrides(x._shape, x._strides, shape);
  if (st) return x._view(shape, st, x._offset);
  const c = E.convert(x, x.dtype);
  c._shape = shape;
  c._strides = contiguousStrides(shape);
  return c;
}

/** x[indices] for the geometry a (IndexBackward0). */
function take(x: Tensor, a: Adv, lin: Tensor): Tensor {
  const xd = x.detach();
  const p = permute(xd, a.perm);
  const c = flatAs(p, a.flat);
  const out = index_select(c, a.at, lin);
  [xd, p, c].forEach((t) => t.dispose());
  out._shape = a.out.slice();
  out._strides = contiguousStrides(out._shape);
  const shape = x._shape.slice();
  return record('IndexBackward0', out, [x], [lin], (g, [l]) => [put(E.filled(shape, float32, 0), a, l, g, true)]);
}

/** x with v written (or added) at x[indices] for the geometry a (IndexPutBackward0). */
function put(x: Tensor, a: Adv, lin: Tensor, v: Tensor | number, acc: boolean): Tensor {
  const vt = v instanceof Tensor ? v : E.filled([], x.dtype, v);
  let ok = true;
  try {
    ok = sameShape(broadcastShapes(vt._shape, a.out), a.out);
  } catch {
    ok = false;
  }
  if (!ok) throw new RangeError(`shape mismatch: value tensor of shape ${fmtShape(vt._shape)} cannot be broadcast to indexing result of shape ${fmtShape(a.out)}`);
  if (acc && x.dtype === bool) throw new TypeError('tocha: index_put_ with accumulate=True supports float32 and int64 tensors');
  const xd = x.detach();
  const p = permute(xd, a.perm);
  const c = E.convert(p, x.dtype);
  const vd = vt.detach();
  const ve = expand(vd, a.out);
  const src = E.convert(ve, x.dtype);
  const P = a.flat[a.at];
  const outer = numelOf(a.flat.slice(0, a.at));
  const inner = numelOf(a.flat.slice(a.at + 1));
  if (src.numel() > 0) {
    if (acc && x.dtype === int64) {
      // int64 sums exact, or an overflow error before anything is written (int64 ops run on the main thread)
      const m = I32();
      const cw = c._ptr() >>> 2, lw = lin._ptr() >>> 2, sw = src._ptr() >>> 2;
      const sums = new Float64Array(outer * P * inner);
      for (let k = 0; k < sums.length; k++) sums[k] = m[cw + k];
      for (let o = 0; o < outer; o++) {
        for (let j = 0; j < a.n; j++) {
          const row = (o * P + m[lw + j]) * inner;
          const from = sw + (o * a.n + j) * inner;
          for (let i = 0; i < inner; i++) sums[row + i] += m[from + i];
        }
      }
      if (sums.some((v) => v > 2147483647 || v < -2147483648)) {
        [xd, p, c, vd, ve, src].forEach((t) => t.dispose());
        if (vt !== v) vt.dispose();
        throw intOverflow('index_put_');
      }
      m.set(sums, cw);
    } else if (acc) K.index_add_f32(c._ptr(), lin._ptr(), src._ptr(), outer, P, a.n, inner);
    else K.index_copy_32(c._ptr(), lin._ptr(), src._ptr(), outer, P, a.n, inner);
  }
  const inv = new Array<number>(a.perm.length);
  a.perm.forEach((d, i) => { inv[d] = i; });
  const back = permute(c, inv);
  const out = E.convert(back, x.dtype);
  [xd, p, c, vd, ve, src, back].forEach((t) => t.dispose());
  if (vt !== v) vt.dispose();
  return record('IndexPutBackward0', out, v instanceof Tensor ? [x, v] : [x], [lin], (g, [l]) =>
    [acc ? g : put(g.detach(), a, l, 0, false), take(g, a, l)]);
}

/**
 * index_put_'s values must have x's dtype, except where PyTorch turns the write into a masked_fill (which
 * converts): one value, not accumulating, and one bool mask as the only index tensor.
 */
function checkPutDtype(x: Tensor, indices: readonly unknown[], v: Tensor | number, acc: boolean): void {
  if (!(v instanceof Tensor) || v.dtype === x.dtype) return;
  const ts = indices.filter((i): i is Tensor => i instanceof Tensor);
  if (!acc && v.numel() === 1 && ts.length === 1 && ts[0].dtype === bool) return;
  throw new TypeError(`Index put requires the source and destination dtypes match, got ${scalarName(x.dtype)} for the destination ` +
    `and ${scalarName(v.dtype)} for the source.`);
}

const track = (made: Tensor[], t: Tensor): Tensor => { made.push(t); return t; };

/**
 * `x[indices] = value` (Python's `__setitem__`): numbers and slices pick a view of x that value is
 * copied into (broadcast), index tensors and masks write through `index_put_` on that view.
 */
export function setitem(x: Tensor, indices: readonly Index[], value: Tensor | number): Tensor {
  const [r, adv, made] = prep(x, indices, true);
  // PyTorch drops the value's leading size-1 dims first (slicePrefix1sSize): x[i] = row.view(1, -1) writes the row
  const lead = value instanceof Tensor ? value._shape.findIndex((s) => s !== 1) : -1;
  if (value instanceof Tensor && lead !== 0 && value._shape.length > 0) {
    const kept = lead < 0 ? [] : value._shape.slice(lead);
    value = track(made, view(value, kept));
  }
  if (!adv.length) {
    if (typeof value === 'number') r.fill_(value);
    else if (value._shape.length === 0 || sameShape(value._shape, r._shape)) r.copy_(value);
    else r.copy_(track(made, expand(value, r._shape)));   // copy_to's expand_inplace (expand's messages)
  } else {
    // a lone 0-dim integer tensor index is an integer (a select, whose copy converts)
    const lone = indices.length === 1 && indices[0] instanceof Tensor && indices[0]._shape.length === 0 && indices[0].dtype === int64;
    if (!lone) checkPutDtype(x, indices, value, false);
    const v = value instanceof Tensor && value.dtype !== x.dtype ? E.cast(value, x.dtype) : value;
    const idx = new Array<Tensor | null>(adv[adv.length - 1][0] + 1).fill(null);
    for (const [d, t] of adv) idx[d] = t;
    r.index_put_(idx, v);
    if (v !== value) (v as Tensor).dispose();
  }
  made.forEach((t) => t.dispose());
  if (r !== x) r.dispose();       // the view written through (x holds the result)
  return x;
}

/**
 * `torch.index_put(x, indices, values, accumulate=false)`: x with values written (or, accumulating,
 * added) at `x[indices]`; indices holds an int64 or bool tensor or null (`:`) per dim.
 */
export function index_put(x: Tensor, indices: readonly (Tensor | null)[], values: Tensor | number, accumulate = false): Tensor {
  checkPutDtype(x, indices, values, accumulate);
  const [, adv, made] = prep(x, indices, true);
  if (!adv.length) throw new RangeError('tocha: index_put_ needs at least one index tensor');
  const [a, lin] = advance(x, adv);
  made.forEach((t) => t.dispose());
  const out = put(x, a, lin, values, accumulate);
  lin.dispose();
  return out;
}

/**
 * The outputs of a function that returns several views (PyTorch's MULTI_OUTPUT_NODE): modifying one
 * in place under grad mode is an error, as is using one after its base was modified in place.
 */
function multiOutput(views: Tensor[]): Tensor[] {
  views.forEach((v, i) => {
    if (v._viewMeta === ViewMeta.Default) v._viewMeta = ViewMeta.Multi;
    v._viewOutputNr = i;
  });
  return views;
}

export function split(x: Tensor, sizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  return splitAs(x, sizeOrSections, dim, false);
}

/**
 * `torch.unsafe_split` / `unsafe_chunk` / `unsafe_split_with_sizes`: split's pieces, which are not views
 * (PyTorch's UnsafeSplitBackward0): they may be modified in place, and that changes neither x's history
 * nor the other pieces'.
 */
export function unsafe_split(x: Tensor, sizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  return splitAs(x, sizeOrSections, dim, true);
}

export function unsafe_chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  return chunkAs(x, chunks, dim, true);
}

function splitAs(x: Tensor, sizeOrSections: number | readonly number[], dim: number, unsafe: boolean): Tensor[] {
  const d = normDim(dim, x._shape.length);
  const size = x._shape[d];
  const sections: number[] = [];
  const sized = typeof sizeOrSections !== 'number';
  if (!sized) {
    if (sizeOrSections <= 0 && size > 0) throw new RangeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`);
    for (let s = 0; s < size || (size === 0 && sections.length === 0); s += sizeOrSections) {
      sections.push(Math.min(sizeOrSections, size - s));
      if (size === 0) break;
    }
  } else {
    const total = sizeOrSections.reduce((a, b) => a + b, 0);
    if (total !== size) {
      throw new RangeError(`split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d}), but got split_sizes=${fmtShape(sizeOrSections)}`);
    }
    sections.push(...sizeOrSections);
  }
  const node = `${unsafe ? 'Unsafe' : ''}${sized ? 'SplitWithSizes' : 'Split'}Backward0`;
  const out: Tensor[] = [];
  let s = 0;
  for (const len of sections) {
    out.push(narrowAs(node, x, d, s, len, unsafe));
    s += len;
  }
  return unsafe ? out : multiOutput(out);
}

export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  return chunkAs(x, chunks, dim, false);
}

function chunkAs(x: Tensor, chunks: number, dim: number, unsafe: boolean): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0) throw new RangeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = normDim(dim, x._shape.length);
  const each = Math.ceil(x._shape[d] / chunks);
  return splitAs(x, Math.max(each, 1), d, unsafe);
}

export function unbind(x: Tensor, dim = 0): Tensor[] {
  const d = normDim(dim, x._shape.length);
  const out: Tensor[] = [];
  for (let i = 0; i < x._shape[d]; i++) out.push(selectAs('UnbindBackward0', x, d, i));
  return multiOutput(out);
}

// ---------------------------------------------------------------- copies

/** Copies src (broadcast to dst's shape) into dst, in place, with autograd where needed. */
export function copy_<T extends Tensor>(dst: T, src: Tensor): T {
  // PyTorch's TensorIterator: broadcast dst with src (its message), then the result must be dst's shape
  const shape = broadcastShapes(dst._shape, src._shape);
  if (!sameShape(shape, dst._shape)) {
    throw new RangeError(`output with shape ${fmtShape(dst._shape)} doesn't match the broadcast shape ${fmtShape(shape)}`);
  }
  const sd = src.detach();
  const b = expand(sd, dst._shape);
  try {
    return E.inplace(dst, () => {
      // Values only: the history is PyTorch's CopyBackwards (zero to dst's old values, the gradient to src).
      const c = E.convert(b, dst.dtype);
      const srcDiff = src.dtype === float32 && dst.dtype === float32;
      return record('CopyBackwards', c, srcDiff ? [dst, src] : [dst], [],
        (g) => [E.filled(g._shape.slice(), float32, 0), ...(srcDiff ? [g] : [])]);
    }, 'copy_', src);
  } finally {
    b.dispose();
    sd.dispose();
  }
}

/** Plain value copy (no autograd), used by `x.data = y`. */
export function copyInto(dst: Tensor, src: Tensor): void {
  dst._bumpVersion();
  E.writeInto(dst, src);
}

/** PyTorch's parser check of a list of tensors (cat, stack and the functions built on them). */
function tensorList(tensors: readonly unknown[]): void {
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new TypeError(`expected Tensor as element ${i} in argument 0, but got ${pyType(t)}`);
  });
}

export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) throw new RangeError('torch.cat(): expected a non-empty list of Tensors');
  tensorList(tensors);
  // Legacy rule: 1-D empty tensors are skipped.
  const parts = tensors.filter((t) => !(t._shape.length === 1 && t._shape[0] === 0));
  if (parts.length === 0) return E.clone(tensors[0]);
  const ref = parts[0];
  const n = ref._shape.length;
  if (n === 0) throw new RangeError('zero-dimensional tensor (at position 0) cannot be concatenated');
  const d = normDim(dim, n);
  let total = 0;
  let dt = ref.dtype;
  parts.forEach((p, i) => {
    if (p._shape.length !== n) {
      throw new RangeError(`Tensors must have same number of dimensions: got ${n} and ${p._shape.length}`);
    }
    for (let k = 0; k < n; k++) {
      if (k !== d && p._shape[k] !== ref._shape[k]) {
        throw new RangeError(`Sizes of tensors must match except in dimension ${d}. Expected size ${ref._shape[k]} but got size ${p._shape[k]} for tensor number ${i} in the list.`);
      }
    }
    total += p._shape[d];
    if (p.dtype === float32) dt = float32;
    else if (p.dtype === int64 && dt === bool) dt = int64;
  });
  const shape = ref._shape.slice();
  shape[d] = total;
  const out = Tensor._empty(shape, dt);
  let off = 0;
  const sizes: number[] = [];
  for (const p of parts) {
    const len = p._shape[d];
    const dstView = out._view(p._shape.slice(), out._strides.slice(), off * out._strides[d]);
    E.writeInto(dstView, p);
    dstView.dispose();
    sizes.push(len);
    off += len;
  }
  return record('CatBackward0', out, parts, [], (g) => {
    const grads: Tensor[] = [];
    let o = 0;
    for (const len of sizes) {
      grads.push(narrow(g, d, o, len));
      o += len;
    }
    return grads;
  });
}

export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) throw new RangeError('stack expects a non-empty TensorList');
  tensorList(tensors);
  const ref = tensors[0];
  tensors.forEach((t, i) => {
    if (!sameShape(t._shape, ref._shape)) {
      throw new RangeError(`stack expects each tensor to be equal size, but got ${fmtShape(ref._shape)} at entry 0 and ${fmtShape(t._shape)} at entry ${i}`);
    }
  });
  const d = normDim(dim, ref._shape.length + 1);
  const us = tensors.map((t) => unsqueeze(t, d));
  const out = cat(us, d);
  for (const u of us) u.dispose();
  return renamed('StackBackward0', out);
}

export function hstack(tensors: readonly Tensor[]): Tensor {
  return cat(tensors, tensors[0]._shape.length === 1 ? 0 : 1);
}

export function vstack(tensors: readonly Tensor[]): Tensor {
  const rows = tensors.map((t) => (t._shape.length === 1 ? unsqueeze(t, 0) : t));
  const out = cat(rows, 0);
  rows.forEach((r, i) => { if (r !== tensors[i]) r.dispose(); });
  return out;
}

export function repeat(x: Tensor, sizes: readonly number[]): Tensor {
  const n = x._shape.length;
  if (sizes.length < n) {
    throw new RangeError('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  }
  const lead = sizes.length - n;
  const xs = [...new Array<number>(lead).fill(1), ...x._shape];
  // (1, s0, 1, s1, ...) expanded to (r0, s0, r1, s1, ...), then merged.
  const inter: number[] = [];
  const expanded: number[] = [];
  xs.forEach((s, i) => { inter.push(1, s); expanded.push(sizes[i], s); });
  const bare = x.detach();
  const base = reshape(bare, inter);
  const wide = expand(base, expanded);
  const big = E.clone(wide);
  const out = view(big, xs.map((s, i) => s * sizes[i]));
  const outBare = out.detach();
  // the steps' tensors are views or the storage outBare keeps: release them now, not at collection
  for (const t of new Set([bare, base, wide, big, out])) t.dispose();
  const inShape = x._shape.slice();
  return record('RepeatBackward0', outBare, [x], [], (g) => {
    const gr = reshape(g, expanded);
    const dims = expanded.map((_, i) => i).filter((i) => i % 2 === 0);
    return [reshape(sum(gr, dims), inShape)];
  });
}

export function flip(x: Tensor, dims: readonly number[] | ListKw<'dims'>): Tensor {
  dims = listKw('flip', 'dims', dims) as readonly number[];
  const n = x._shape.length;
  const ds = dims.map((d) => normDim(d, n));
  const strides = x._strides.slice();
  let offset = x._offset;
  for (const d of ds) {
    if (x._shape[d] > 0) offset += (x._shape[d] - 1) * strides[d];
    strides[d] = -strides[d];
  }
  const xd = x.detach();
  const v = xd._view(x._shape.slice(), strides, offset);
  const out = E.convert(v, x.dtype);
  v.dispose();
  xd.dispose();
  return record('FlipBackward0', out, [x], [], (g) => [flip(g, ds)]);
}

function tri(x: Tensor, k: number, upper: boolean): Tensor {
  // PyTorch 1.13 wraps dim -2 first (its errors: "Dimension out of range" for 1-D, "no dimensions" for 0-dim)
  if (x._shape.length === 0) throw new RangeError('Dimension specified as -2 but tensor has no dimensions');
  if (x._shape.length < 2) normDim(-2, x._shape.length);
  const c = x.contiguous();
  const out = Tensor._empty(x._shape.slice(), x.dtype);
  const rows = x._shape[x._shape.length - 2];
  const cols = x._shape[x._shape.length - 1];
  const batch = numelOf(x._shape.slice(0, -2));
  if (out.numel() > 0) K.tri_32(out._ptr(), c._ptr(), batch, rows, cols, k, upper ? 1 : 0);
  return record(upper ? 'TriuBackward0' : 'TrilBackward0', out, [x], [], (g) => [tri(g, k, upper)]);
}

export const tril = (x: Tensor, diagonal = 0) => tri(x, diagonal, false);
export const triu = (x: Tensor, diagonal = 0) => tri(x, diagonal, true);

// ---------------------------------------------------------------- gathers and scatters

/**
 * The coordinates of x's nonzero elements (NaN counts, -0 does not), in row-major order, as a contiguous
 * int64 tensor [count, ndim]; or [ndim, count] (cols), whose rows are the index tensors of x[mask].
 */
export function nonzeroCoords(x: Tensor, cols: boolean): Tensor {
  const m = x.dtype === bool ? x.contiguous() : E.ne(x, 0);
  const n = m.numel();
  const count = n ? K.mask_count_32(m._ptr(), n) : 0;
  const nd = x._shape.length;
  const out = Tensor._empty(cols ? [nd, count] : [count, nd], int64);
  if (count && nd) K.nonzero_32(out._ptr(), m._ptr(), meta(x._shape), count, cols ? 1 : 0);
  if (m !== x) m.dispose();
  return out;
}

/** min and max of an int64 tensor's values (for index checks). */
export function indexRange(idx: Tensor): [number, number] {
  const c = idx.contiguous();
  K.range_i32(c._ptr(), c.numel(), SCRATCH);
  const m = I32();
  return [m[SCRATCH >>> 2], m[(SCRATCH >>> 2) + 1]];
}

/** PyTorch's index dtype check: index_select also takes int32 (which tocha has not); gather and the scatters
 *  (scatter_add and scatter_reduce included) take int64 only, and their messages say `scatter()`. */
function checkIndexTensor(op: string, idx: Tensor): void {
  if (idx.dtype === int64) return;
  if (op === 'index_select') throw new TypeError('index_select(): Expected dtype int32 or int64 for index');
  throw new TypeError(`${op === 'gather' ? 'gather' : 'scatter'}(): Expected dtype int64 for index`);
}

export function index_select(x: Tensor, dim: number, idx: Tensor): Tensor {
  checkIndexTensor('index_select', idx);
  if (idx._shape.length > 1) throw new RangeError('index_select(): Index is supposed to be a vector');
  const d = normDim(dim, x._shape.length);
  const size = x._shape.length === 0 ? 1 : x._shape[d];
  const ni = idx.numel();
  if (ni > 0) {
    const [lo, hi] = indexRange(idx);
    if (lo < 0 || hi >= size) {
      // ATen's contiguous dim-1 path (index_select_out_cpu_dim1_) words it its own way, naming the
      // first bad index
      if (d === 1 && x._shape.length > 1 && x.is_contiguous()) {
        const bad = Array.from(idx.dataSync()).find((v) => v < 0 || v >= size);
        throw new RangeError(`INDICES element is out of DATA bounds, id=${bad} axis_dim=${size}`);
      }
      throw new RangeError('index out of range in self');
    }
  }
  const xc = x.contiguous();
  const ic = idx.contiguous();
  const shape = x._shape.slice();
  if (shape.length > 0) shape[d] = ni;
  const out = Tensor._empty(shape, x.dtype);
  const outer = numelOf(x._shape.slice(0, d));
  const inner = numelOf(x._shape.slice(d + 1));
  if (out.numel() > 0) K.index_select_32(out._ptr(), xc._ptr(), ic._ptr(), outer, size, ni, inner);
  const inShape = x._shape.slice();
  return record('IndexSelectBackward0', out, [x], [ic], (g, [si]) => [index_add(inShape, d, si, g)]);
}

/** zeros(shape) with g's slices added at the indices along d (the backward of index_select and embedding). */
export function index_add(shape: number[], d: number, idx: Tensor, g: Tensor): Tensor {
  const z = E.filled(shape, float32, 0);
  const gc = g.contiguous();
  const outer = numelOf(shape.slice(0, d));
  const inner = numelOf(shape.slice(d + 1));
  if (gc.numel() > 0) K.index_add_f32(z._ptr(), idx._ptr(), gc._ptr(), outer, shape[d] ?? 1, idx.numel(), inner);
  return z;
}

export function checkGatherIndex(op: string, x: Tensor, d: number, idx: Tensor): void {
  checkIndexTensor(op, idx);
  if (idx._shape.length !== x._shape.length) {
    throw new RangeError(`Index tensor must have the same number of dimensions as ${op === 'gather' ? 'input' : 'self'} tensor`);
  }
  for (let k = 0; k < x._shape.length; k++) {
    if (k !== d && idx._shape[k] > x._shape[k]) {
      throw new RangeError(`Size does not match at dimension ${k} expected index ${fmtShape(idx._shape)} to be smaller than self ${fmtShape(x._shape)} apart from dimension ${d}`);
    }
  }
  if (idx.numel() > 0) {
    const [lo, hi] = indexRange(idx);
    const size = x._shape[d];
    if (lo < 0 || hi >= size) {
      throw new RangeError(`index ${lo < 0 ? lo : hi} is out of bounds for dimension ${d} with size ${size}`);
    }
  }
}

/** x restricted to idx's sizes in every dim but d (a view). */
function restrictTo(x: Tensor, idxShape: readonly number[], d: number): Tensor {
  let r = x;
  for (let k = 0; k < idxShape.length; k++) {
    if (k !== d && r._shape[k] !== idxShape[k]) r = narrow(r, k, 0, idxShape[k]);
  }
  return r;
}

/** A 0-dim index of a 1-dim tensor counts as one element (PyTorch's `ensure_nonempty_dim`). */
function index1d(x: Tensor, idx: Tensor): Tensor {
  return idx._shape.length === 0 && x._shape.length === 1 ? idx.reshape([1]) : idx;
}

function gather_impl(x: Tensor, dim: number, idx0: Tensor): Tensor {
  const idx = index1d(x, idx0);
  if (idx !== idx0) return reshape(gather_impl(x, dim, idx), []);
  const d = normDim(dim, x._shape.length);
  checkGatherIndex('gather', x, d, idx);
  const src = restrictTo(x.detach(), idx._shape, d).contiguous();
  const ic = idx.contiguous();
  const out = Tensor._empty(idx._shape.slice(), x.dtype);
  const outer = numelOf(idx._shape.slice(0, d));
  const inner = numelOf(idx._shape.slice(d + 1));
  if (out.numel() > 0) K.gather_32(out._ptr(), src._ptr(), ic._ptr(), outer, x._shape[d], idx._shape[d], inner);
  const inShape = x._shape.slice();
  return record('GatherBackward0', out, [x], [ic], (g, [si]) => {
    const z = E.filled(inShape, float32, 0);
    return [scatter_add(z, d, si, g)];
  });
}

/** PyTorch's scatter family takes src of self's dtype only (a number value is converted). */
export function checkScatterDtype(x: Tensor, src: Tensor | number): void {
  if (src instanceof Tensor && src.dtype !== x.dtype) throw new TypeError('scatter(): Expected self.dtype to be equal to src.dtype');
}

/** out = x.clone(); out[..., idx, ...] += src along dim. */
function scatter_add_impl(x: Tensor, dim: number, idx0: Tensor, src: Tensor): Tensor {
  checkScatterDtype(x, src);
  const idx = index1d(x, idx0);
  if (idx !== idx0 && src._shape.length === 0) src = reshape(src, [1]);
  const d = normDim(dim, x._shape.length);
  checkGatherIndex('scatter_add', x, d, idx);
  const out = E.convert(x.detach(), x.dtype);
  scatterInto(out, d, idx, src, true);
  return record('ScatterAddBackward0', out, [x, src], [idx.contiguous()], (g, [si]) => [g, gather(g, d, si)]);
}

export function scatter(x: Tensor, dim: number, idx0: Tensor, src: Tensor | number): Tensor {
  const idx = index1d(x, idx0);
  if (idx !== idx0 && src instanceof Tensor && src._shape.length === 0) src = reshape(src, [1]);
  const d = normDim(dim, x._shape.length);
  checkGatherIndex('scatter', x, d, idx);
  const out = E.convert(x.detach(), x.dtype);
  const s = src instanceof Tensor ? src : E.asTensorLike(src, x);
  scatterInto(out, d, idx, s instanceof Tensor && s._shape.length === 0 ? expand(s, idx._shape) : s, false);
  return out;
}

function scatterInto(out: Tensor, d: number, idx: Tensor, src: Tensor, accumulate: boolean): void {
  if (idx.numel() === 0) return;
  const s = E.cast(restrictTo(src.detach(), idx._shape, -1), out.dtype).contiguous();
  const ic = idx.contiguous();
  const dstView = restrictTo(out, idx._shape, d);
  const dst = dstView.is_contiguous() ? dstView : dstView.contiguous();
  const outer = numelOf(idx._shape.slice(0, d));
  const inner = numelOf(idx._shape.slice(d + 1));
  if (accumulate) {
    if (out.dtype !== float32) throw new TypeError('tocha: scatter_add supports float32 tensors');
    K.scatter_add_f32(dst._ptr(), ic._ptr(), s._ptr(), outer, out._shape[d], idx._shape[d], inner);
  } else {
    K.scatter_32(dst._ptr(), ic._ptr(), s._ptr(), outer, out._shape[d], idx._shape[d], inner);
  }
  if (dst !== dstView) E.writeInto(dstView, dst);
}

/**
 * The elements of x where mask (broadcast together with x) is true, as a 1-D tensor: `torch.masked_select(x, mask)`.
 * The gradient goes back to those places, zero elsewhere (PyTorch's masked_scatter into zeros).
 */
function masked_select_impl(x: Tensor, mask: Tensor): Tensor {
  if (mask.dtype !== bool) throw new Error('masked_select: expected BoolTensor or ByteTensor for mask');   // tocha has no uint8
  const shape = broadcastShapes(x._shape, mask._shape);
  const m = expand(mask, shape).contiguous();
  const src = expand(x.detach(), shape).contiguous();
  const n = numelOf(shape);
  const count = n ? K.mask_count_32(m._ptr(), n) : 0;
  const out = Tensor._empty([count], x.dtype);
  if (count) K.masked_select_32(out._ptr(), src._ptr(), m._ptr(), n, count);
  return record('MaskedSelectBackward0', out, [x], [m], (g, [sm]) => [maskedScatterZeros(g, sm)]);
}

/** zeros of mask's shape with g's elements, in order, where mask is true (masked_select's gradient). */
function maskedScatterZeros(g: Tensor, mask: Tensor): Tensor {
  const out = E.filled(mask._shape.slice(), float32, 0);
  const gc = g.contiguous();
  if (gc.numel()) K.masked_scatter_32(out._ptr(), mask._ptr(), gc._ptr(), out.numel(), gc.numel());
  if (gc !== g) gc.dispose();
  return record('MaskedScatterBackward0', out, [g], [mask], (gg, [sm]) => [masked_select(gg, sm)]);
}

export const gather = /*#__PURE__*/ composite(gather_impl, 'gather');
export const scatter_add = /*#__PURE__*/ composite(scatter_add_impl, 'scatter_add');
export const masked_select = /*#__PURE__*/ composite(masked_select_impl, 'masked_select');
