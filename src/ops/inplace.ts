// In-place ops under autograd, as PyTorch 1.13 does them (torch/csrc/autograd: check_inplace,
// rebase_history, CopySlices, and a view's grad_fn regenerated after its base changed in place).
//
// An in-place op computes its result out of place (with the op's own node), writes it into the
// tensor and bumps the version counter its views share. Written into a view v of a base B:
// B's history becomes CopySlices(B's old history, result): the gradient with v's region zeroed goes
// to B's old history, the gradient read at v's region to the op (whose own backward flows through v's
// old history). v, and every other view of B, then reads its history as AsStridedBackward0 over B's.
import { Tensor } from '../tensor.js';
import { Storage, INFERENCE_INPLACE } from '../lifetime.js';
import { Node, record, is_grad_enabled } from '../autograd.js';
import { float32 } from '../dtype.js';
import * as E from './elementwise.js';
import { sum } from './reduce.js';
import { contiguousStrides, numelOf } from './util.js';

/** How a view was made (PyTorch's CreationMeta): special views may not be modified in place under grad mode. */
export const ViewMeta = { Default: 0, NoGrad: 1, Multi: 2 } as const;
export type ViewMeta = (typeof ViewMeta)[keyof typeof ViewMeta];

/** Where a tensor lies in its storage: shape, strides and offset, in elements. */
interface Geometry {
  shape: number[];
  strides: number[];
  offset: number;
}

const geometryOf = (t: Tensor): Geometry => ({ shape: t._shape.slice(), strides: t._strides.slice(), offset: t._offset });

/** PyTorch's handle_view_on_rebase: the error for modifying (or reading after) a special view, or null. */
function viewRebaseError(t: Tensor, indirect: boolean): Error | null {
  const meta = t._viewMeta;
  if (meta === ViewMeta.Default) return null;
  const fn = t._gradFn;
  const modified = indirect ? 'its base or another view of its base has been' : 'is being';
  let msg: string;
  if (meta === ViewMeta.NoGrad || fn === null) {
    const prefix = fn ? `Output ${t._viewOutputNr} of ${fn.name()} is a view of a view which was created in` : 'A view was created in';
    msg = `${prefix} no_grad mode and ${modified} modified inplace with grad mode enabled.`;
  } else {
    msg = `Output ${t._viewOutputNr} of ${fn.name()} is a view and ${modified} modified inplace.`;
  }
  if (meta === ViewMeta.Multi) {
    msg += ' This view is the output of a function that returns multiple views. Such functions do not allow the ' +
      'output views to be modified inplace. You should replace the inplace operation by an out-of-place one.';
  } else {
    msg += ' Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by ' +
      "moving both the view and the inplace either both inside the no_grad block (if you don't want the inplace to " +
      'be tracked) or both outside (if you want the inplace to be tracked).';
  }
  return new Error(msg);
}

/**
 * PyTorch's check_inplace: throws its errors and tells whether the in-place op on t is recorded
 * (grad mode on and t, or an operand, requires grad).
 */
export function checkInplace(t: Tensor, operands: readonly unknown[] = []): boolean {
  if (t._live().inference && !Storage.inferenceMode) throw new Error(INFERENCE_INPLACE);
  if (!is_grad_enabled()) return false;
  const base = t._base;
  // A view made in no_grad mode of a base that requires grad requires grad in PyTorch.
  let rg = t.requires_grad || (base !== null && t._viewMeta === ViewMeta.NoGrad && base.requires_grad);
  for (const o of operands) if (o instanceof Tensor && o.requires_grad) rg = true;
  if (!rg) return false;
  if (base !== null) {
    const e = viewRebaseError(t, false);
    if (e) throw e;
    if (t.requires_grad && base.is_leaf) {
      throw new Error('a view of a leaf Variable that requires grad is being used in an in-place operation.');
    }
  }
  if (t.requires_grad && t.is_leaf) {
    throw new Error('a leaf Variable that requires grad is being used in an in-place operation.');
  }
  return true;
}

/**
 * PyTorch refuses to write in place into a tensor whose elements share memory (an expanded view),
 * checked before anything is written.
 */
export function checkNoInternalOverlap(t: Tensor): void {
  for (let d = 0; d < t._shape.length; d++) {
    if (t._strides[d] === 0 && t._shape[d] > 1) {
      throw new Error('unsupported operation: more than one element of the written-to tensor refers to a single ' +
        'memory location. Please clone() the tensor before performing the operation.');
    }
  }
}

/**
 * After `result` (computed out of place, with its node) was written into t: t (or, for a view, its
 * base) takes the history, as PyTorch's rebase_history.
 */
export function rebaseHistory(t: Tensor, result: Tensor): void {
  const node = result._gradFn;
  if (node === null) return;
  const base = t._base;
  if (base === null) {
    result._gradFn = null;
    t._setHistory(node);
    node.output = t;
    node._rebaseOutput(result, t);
    return;
  }
  const bg = geometryOf(base);
  const vg = geometryOf(t);
  const copy = new Node('CopySlices', [base, result], [], (g, _saved, needs) => [
    needs[0] ? zeroRegion(g, bg, vg) : null,
    needs[1] ? readRegion(g, bg, vg) : null,
  ]);
  result._gradFn = null;
  copy.output = base;
  base._setHistory(copy);
  node.output = null;
  node._rebaseOutput(result, t);
  // t's own history is regenerated from the base's (its version is behind the counter now).
}

/**
 * A view's grad_fn after its base or another view of the base was modified in place: PyTorch's
 * AsStridedBackward0 over the base's current history (or its error for views that may not be).
 */
export function regenerateViewHistory(v: Tensor): void {
  const base = v._base!;
  const e = viewRebaseError(v, true);
  if (e) throw e;
  const bg = geometryOf(base);
  const vg = geometryOf(v);
  const node = new Node('AsStridedBackward0', [base], [], (g) => [embedRegion(g, bg, vg)]);
  node.output = v;
  v._gradFn = node;
  v._requiresGrad = true;
  v._viewVersion = v._live().version;
  v._viewOutputNr = 0;
}

// ---------------------------------------------------------------- gradients through a region

/** The region covers the whole base in the same order (a flatten or view of all of it). */
function wholeBase(b: Geometry, v: Geometry): boolean {
  if (v.offset !== b.offset || numelOf(v.shape) !== numelOf(b.shape)) return false;
  const dense = (g: Geometry) => {
    const c = contiguousStrides(g.shape);
    return g.shape.every((s, i) => s === 1 || g.strides[i] === c[i]);
  };
  return dense(b) && dense(v);
}

/** Storage positions [lo, hi) that a geometry touches. */
function extent(g: Geometry): [number, number] {
  let lo = g.offset;
  let hi = g.offset;
  for (let d = 0; d < g.shape.length; d++) {
    if (g.shape[d] === 0) return [g.offset, g.offset];
    const reach = (g.shape[d] - 1) * g.strides[d];
    if (reach < 0) lo += reach;
    else hi += reach;
  }
  return [lo, hi + 1];
}

/**
 * A zeroed scratch storage laid out as the base's and the view's storage, `fill` writes into it
 * through (base view, region view), and `take` copies out the result as a new contiguous tensor.
 */
function throughStorage(b: Geometry, v: Geometry, fill: (base: Tensor, region: Tensor) => Tensor): Tensor {
  const [blo, bhi] = extent(b);
  const [vlo, vhi] = extent(v);
  const lo = Math.min(blo, vlo);
  const scratch = E.filled([Math.max(bhi, vhi) - lo], float32, 0);
  const asBase = scratch._view(b.shape, b.strides, b.offset - lo);
  const asRegion = scratch._view(v.shape, v.strides, v.offset - lo);
  try {
    return fill(asBase, asRegion);
  } finally {
    asBase.dispose();
    asRegion.dispose();
    scratch.dispose();
  }
}

/** The gradient at the view's region of a gradient of the base's shape (CopySlices, to the op). */
function readRegion(g: Tensor, b: Geometry, v: Geometry): Tensor {
  let out: Tensor;
  if (wholeBase(b, v)) {
    out = E.convert(g, float32);
    out._shape = v.shape.slice();
    out._strides = contiguousStrides(v.shape);
  } else {
    out = throughStorage(b, v, (asBase, asRegion) => {
      E.writeInto(asBase, g);
      return E.convert(asRegion, float32);
    });
  }
  return record('AsStridedBackward0', out, [g], [], (gg) => [embedRegion(gg, b, v)]);
}

/** The gradient with the view's region zeroed (CopySlices, to the base's old history). */
function zeroRegion(g: Tensor, b: Geometry, v: Geometry): Tensor {
  if (wholeBase(b, v)) return E.filled(b.shape.slice(), float32, 0);
  const out = throughStorage(b, v, (asBase, asRegion) => {
    E.writeInto(asBase, g);
    const zero = E.filled([], float32, 0);
    E.writeInto(asRegion, zero);
    zero.dispose();
    return E.convert(asBase, float32);
  });
  return record('CopySlicesBackward', out, [g], [], (gg) => [zeroRegion(gg, b, v)]);
}

/**
 * A gradient of the view's shape placed at its region of a zero gradient of the base's shape
 * (AsStridedBackward0); elements an expanded view repeats are summed.
 */
function embedRegion(g: Tensor, b: Geometry, v: Geometry): Tensor {
  let out: Tensor;
  if (wholeBase(b, v)) {
    out = E.convert(g, float32);
    out._shape = b.shape.slice();
    out._strides = contiguousStrides(b.shape);
  } else {
    const rep = v.shape.map((s, d) => d).filter((d) => v.strides[d] === 0 && v.shape[d] > 1);
    const gd = g.detach();
    const gs = rep.length ? sum(gd, rep, { keepdim: true }) : gd;
    const once = { shape: v.shape.map((s, d) => (rep.includes(d) ? 1 : s)), strides: v.strides, offset: v.offset };
    out = throughStorage(b, once, (asBase, asRegion) => {
      E.writeInto(asRegion, gs);
      return E.convert(asBase, float32);
    });
    if (gs !== gd) gs.dispose();
    gd.dispose();
  }
  return record('AsStridedScatterBackward0', out, [g], [], (gg) => [readRegion(gg, b, v)]);
}
