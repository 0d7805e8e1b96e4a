// Matrix products on the packed GEMM kernel. Transposed operands are passed as flags (a
// transposed view is never copied); batches broadcast by strides.
import { Tensor } from '../tensor.js';
import { float32 } from '../dtype.js';
import { K } from '../backend/wasm.js';
import { gemm, gemmBatched } from '../backend/gemm.js';
import { record, shownInputs } from '../autograd.js';
import { scoped, composite } from '../lifetime.js';
import { broadcastShapes, fmtShape, numelOf } from './util.js';
import * as E from './elementwise.js';
import * as S from './shape.js';

/** How a 2-D strided matrix can be handed to the kernel: [ptr, ld, trans], or null if it needs a copy. */
function operand(t: Tensor, rowStride: number, colStride: number, rows: number, cols: number): [number, number] | null {
  // The leading dimension must be the real stride of the outer index (an expanded, stride-0 dim needs a copy).
  if ((colStride === 1 || cols <= 1) && (rows <= 1 || rowStride >= Math.max(cols, 1))) {
    return [rows <= 1 ? Math.max(cols, 1) : rowStride, 0];
  }
  if ((rowStride === 1 || rows <= 1) && (cols <= 1 || colStride >= Math.max(rows, 1))) {
    return [cols <= 1 ? Math.max(rows, 1) : colStride, 1];
  }
  void t;
  return null;
}

function mat2(t: Tensor): [Tensor, number, number] {
  const [r, c] = t._shape;
  const o = operand(t, t._strides[0], t._strides[1], r, c);
  if (o) return [t, o[0], o[1]];
  const cc = E.convert(t, float32);
  return [cc, Math.max(c, 1), 0];
}

const SCALAR: Record<string, string> = { float32: 'Float', int64: 'Long', bool: 'Bool' };
const scalarName = (t: Tensor) => SCALAR[t.dtype.name] ?? String(t.dtype);

/** PyTorch's message for a product of tensors of two dtypes (`ones(2, 2).mm(ones(2, 2).long())`). */
function sameDtype(a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype) throw new TypeError(`expected scalar type ${scalarName(a)} but found ${scalarName(b)}`);
}

function asFloat(t: Tensor, op: string): Tensor {
  if (t.dtype !== float32) {
    throw new TypeError(`${op}: expected float32 tensors, got ${t.dtype} (call .float() first)`);
  }
  return t;
}

/** C (M×N, new) = A (M×K) · B (K×N), 2-D float tensors of any strides. */
function gemm2(a: Tensor, b: Tensor, out?: Tensor, accumulate = false): Tensor {
  const M = a._shape[0];
  const Kd = a._shape[1];
  const N = b._shape[1];
  const c = out ?? Tensor._empty([M, N], float32);
  if (M === 0 || N === 0) return c;
  if (Kd === 0) {
    if (!accumulate) E.fill_(c, 0);
    return c;
  }
  const [ac, lda, ta] = mat2(a);
  const [bc, ldb, tb] = mat2(b);
  gemm(M, N, Kd, ac._ptr(), lda, ta, bc._ptr(), ldb, tb, c._ptr(), N, accumulate ? 1 : 0, true);
  if (ac !== a) ac.dispose();
  if (bc !== b) bc.dispose();
  return c;
}

export function mm(a: Tensor, b: Tensor): Tensor {
  if (a._shape.length !== 2) throw new RangeError(`self must be a matrix`);
  if (b._shape.length !== 2) throw new RangeError(`mat2 must be a matrix`);
  if (a._shape[1] !== b._shape[0]) {
    throw new RangeError(`mat1 and mat2 shapes cannot be multiplied (${a._shape[0]}x${a._shape[1]} and ${b._shape[0]}x${b._shape[1]})`);
  }
  sameDtype(a, b);
  asFloat(a, 'mm');
  const out = gemm2(a, b);
  return record('MmBackward0', out, [a, b], [a, b], (g, [sa, sb], needs) => [
    needs[0] ? mm(g, S.t(sb)) : null,
    needs[1] ? mm(S.t(sa), g) : null,
  ]);
}

export function dot(a: Tensor, b: Tensor): Tensor {
  return scoped(() => dotIn(a, b), 'the end of dot() (an internal temporary)');
}

function dotIn(a: Tensor, b: Tensor): Tensor {
  if (a._shape.length !== 1 || b._shape.length !== 1) {
    throw new RangeError(`1D tensors expected, but got ${a._shape.length}D and ${b._shape.length}D tensors`);
  }
  if (a._shape[0] !== b._shape[0]) {
    throw new RangeError(`inconsistent tensor size, expected tensor [${a._shape[0]}] and src [${b._shape[0]}] to have the same number of elements, but got ${a._shape[0]} and ${b._shape[0]} elements respectively`);
  }
  const out = S.reshape(gemm2(S.unsqueeze(a.detach(), 0), S.unsqueeze(b.detach(), 1)), []);
  return record('DotBackward0', out.detach(), [a, b], [a, b], (g, [sa, sb]) => [E.mul(sb, g), E.mul(sa, g)]);
}

function outer_impl(a: Tensor, b: Tensor): Tensor {
  if (a._shape.length !== 1 || b._shape.length !== 1) throw new RangeError('outer: expected 1-D tensors');
  return E.mul(S.unsqueeze(a, 1), S.unsqueeze(b, 0));
}

/**
 * Batched product with broadcast batch dims: a (...A, M, K), b (...B, K, N) → (...broadcast, M, N).
 * The rule returns gradients with the broadcast batch shape; the engine sums them back.
 */
function batched(a: Tensor, b: Tensor, name: string): Tensor {
  const M = a._shape[a._shape.length - 2];
  const Kd = a._shape[a._shape.length - 1];
  const N = b._shape[b._shape.length - 1];
  const batchShape = broadcastShapes(a._shape.slice(0, -2), b._shape.slice(0, -2));
  const batch = numelOf(batchShape);
  const out = Tensor._empty([...batchShape, M, N], float32);
  if (out.numel() > 0) {
    if (Kd === 0) E.fill_(out, 0);
    else {
      const [ap, sA, lda, ta, ad] = batchOperand(a, batchShape);
      const [bp, sB, ldb, tb, bd] = batchOperand(b, batchShape);
      gemmBatched(batch, M, N, Kd, ap._ptr(), sA, lda, ta, bp._ptr(), sB, ldb, tb, out._ptr(), M * N, N, 0, true);
      if (ad) ap.dispose();
      if (bd) bp.dispose();
    }
  }
  return record(name, out, [a, b], [a, b], (g, [sa, sb], needs) => [
    needs[0] ? batched(g, S.transpose(sb, -1, -2), 'BmmBackward0') : null,
    needs[1] ? batched(S.transpose(sa, -1, -2), g, 'BmmBackward0') : null,
  ]);
}

/** [tensor, batch stride, ld, trans, owned copy?] for the batched kernel. */
function batchOperand(t: Tensor, batchShape: number[]): [Tensor, number, number, number, boolean] {
  const n = t._shape.length;
  const rows = t._shape[n - 2];
  const cols = t._shape[n - 1];
  const lead = batchShape.length - (n - 2);
  // One batch stride must describe every batch dim (or 0 when the operand is broadcast).
  const bStrides: number[] = [];
  for (let i = 0; i < batchShape.length; i++) {
    const src = i - lead;
    bStrides.push(src < 0 || (t._shape[src] === 1 && batchShape[i] !== 1) ? 0 : t._strides[src]);
  }
  const o = operand(t, t._strides[n - 2], t._strides[n - 1], rows, cols);
  let single: number | null = null;
  if (bStrides.every((s) => s === 0)) single = 0;
  else {
    let expect = -1;
    let ok = true;
    for (let i = batchShape.length - 1; i >= 0; i--) {
      if (batchShape[i] === 1) continue;
      if (expect === -1) expect = bStrides[i] * batchShape[i];
      else if (bStrides[i] !== expect) { ok = false; break; } else expect *= batchShape[i];
      if (single === null) single = bStrides[i];
    }
    if (!ok) single = null;
    if (ok && single === null) single = 0;
  }
  if (o && single !== null) return [t, single, o[0], o[1], false];
  const full = E.convert(S.expand(t.detach(), [...batchShape, rows, cols]), float32);
  return [full, rows * cols, Math.max(cols, 1), 0, true];
}

export function bmm(a: Tensor, b: Tensor): Tensor {
  sameDtype(a, b);
  asFloat(a, 'bmm');
  if (a._shape.length !== 3) throw new RangeError(`batch1 must be a 3D tensor`);
  if (b._shape.length !== 3) throw new RangeError(`batch2 must be a 3D tensor`);
  if (a._shape[0] !== b._shape[0]) {
    throw new RangeError(`batch1 and batch2 must have same number of batches, got ${a._shape[0]} and ${b._shape[0]}`);
  }
  if (a._shape[2] !== b._shape[1]) {
    throw new RangeError(`Expected size for first two dimensions of batch2 tensor to be: [${a._shape[0]}, ${a._shape[2]}] but got: [${b._shape[0]}, ${b._shape[1]}].`);
  }
  return batched(a, b, 'BmmBackward0');
}

/** torch.matmul with all of PyTorch's rank rules. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a._shape.length !== 1 || b._shape.length !== 1) sameDtype(a, b);
  asFloat(a, 'matmul');
  asFloat(b, 'matmul');
  const da = a._shape.length;
  const db = b._shape.length;
  if (da === 0 || db === 0) {
    throw new RangeError(`both arguments to matmul need to be at least 1D, but they are ${da}D and ${db}D`);
  }
  const ka = a._shape[da - 1];
  const kb = db === 1 ? b._shape[0] : b._shape[db - 2];
  if (ka !== kb) {
    if (da === 1 && db === 1) return dot(a, b);
    const as = da === 1 ? `1x${ka}` : `${numelOf(a._shape.slice(0, -1))}x${ka}`;
    const bs = db === 1 ? `${kb}x1` : `${kb}x${b._shape[db - 1]}`;
    // a matrix-vector product runs mv, whose message PyTorch shows (batches folded into the rows)
    if (db === 1) {
      const rows = numelOf(a._shape.slice(0, -1));
      throw new RangeError(`size mismatch, got ${rows}, ${rows}x${ka},${kb}`);
    }
    if (da === 1 && db >= 3) {
      const rows = numelOf(b._shape.slice(0, -2)) * b._shape[db - 1];
      throw new RangeError(`size mismatch, got ${rows}, ${rows}x${kb},${ka}`);
    }
    if (da <= 2 && db <= 2) throw new RangeError(`mat1 and mat2 shapes cannot be multiplied (${as} and ${bs})`);
    // PyTorch reports the bmm it runs: batch dims broadcast and flattened into one.
    const batch = numelOf(broadcastShapes(a._shape.slice(0, -2), b._shape.slice(0, -2)));
    throw new RangeError(`Expected size for first two dimensions of batch2 tensor to be: [${batch}, ${ka}] but got: [${batch}, ${kb}].`);
  }
  if (da === 1 && db === 1) return dot(a, b);
  // The unsqueezed operand and the 2-D product are temporaries: the result is a view of the product,
  // and backward holds what it saved of them, so they are released here, not left for the collector.
  if ((da === 2 && db === 1) || (da === 1 && db === 2)) {
    const a2 = da === 1 ? S.unsqueeze(a, 0) : a;
    const b2 = db === 1 ? S.unsqueeze(b, 1) : b;
    const p = mm(a2, b2);
    const r = S.squeeze(p, da === 1 ? 0 : 1);
    for (const t of [a2 === a ? null : a2, b2 === b ? null : b2, p]) t?.dispose();
    return r;
  }
  if (da === 2 && db === 2) return mm(a, b);
  const a2 = da === 1 ? S.unsqueeze(a, 0) : a;
  const b2 = db === 1 ? S.unsqueeze(b, 1) : b;
  // (..., M, K) with a 2-D right operand folds the batch into M: one big GEMM.
  if (db === 2 && a2.is_contiguous()) {
    const lead = a2._shape.slice(0, -1);
    const flat = S.reshape(a2, [numelOf(lead), ka]);
    const r = S.reshape(mm(flat, b2), [...lead, b2._shape[1]]);
    return da === 1 ? S.squeeze(r, -2) : r;
  }
  let r = batched(a2, b2, 'BmmBackward0');
  if (da === 1) r = S.squeeze(r, -2);
  if (db === 1) r = S.squeeze(r, -1);
  return r;
}

/**
 * y = x·Wᵀ + b as one GEMM with a transposed-B flag; the bias is written first and the
 * product accumulated on it. Backward: dx = g·W, dW = gᵀ·x, db = column sums of g.
 * The forward makes no tensor but its output (x and W are read in place through their
 * strides; only a layout the kernel cannot take is copied, and freed at once).
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  // PyTorch runs addmm for a 2-D input with a bias (its dtype check comes first), matmul otherwise
  if (x.dtype !== weight.dtype && bias && x._shape.length === 2) throw new TypeError('mat1 and mat2 must have the same dtype');
  const inF = weight._shape[weight._shape.length - 1];
  if (weight._shape.length !== 2) throw new RangeError(`linear(): weight must be 2-D, got ${fmtShape(weight._shape)}`);
  const outF = weight._shape[0];
  if (x._shape.length === 0 || x._shape[x._shape.length - 1] !== inF) {
    const rows = x._shape.length <= 1 ? 1 : numelOf(x._shape.slice(0, -1));
    const cols = x._shape.length === 0 ? 1 : x._shape[x._shape.length - 1];
    throw new RangeError(`mat1 and mat2 shapes cannot be multiplied (${rows}x${cols} and ${inF}x${outF})`);
  }
  sameDtype(x, weight);
  asFloat(x, 'linear');
  if (bias && (bias._shape.length !== 1 || bias._shape[0] !== outF)) {
    throw new RangeError(`linear(): bias must have shape [${outF}], got ${fmtShape(bias._shape)}`);
  }
  const xShape = x._shape.slice();
  const lead = xShape.slice(0, -1);
  const rows = numelOf(lead);
  const out = Tensor._empty([...lead, outF], float32);
  if (bias) E.writeInto(out, bias);
  if (rows > 0 && outF > 0) {
    if (inF === 0) {
      if (!bias) E.fill_(out, 0);
    } else {
      // x as rows×inF: a matrix as it is; more dims only when they flatten (contiguous).
      const o = xShape.length === 1 ? operand(x, inF, x._strides[0], 1, inF)
        : xShape.length === 2 ? operand(x, x._strides[0], x._strides[1], rows, inF)
          : x.is_contiguous() ? [inF, 0] as [number, number] : null;
      const xc = o ? x : E.convert(x, float32);
      const [lda, ta] = o ?? [inF, 0];
      const [wc, ldw, tw] = mat2(weight);
      // op(B) = Wᵀ: W stored row-major is B stored N×K (transB = 1), and vice versa.
      gemm(rows, outF, inF, xc._ptr(), lda, ta, wc._ptr(), ldw, 1 - tw, out._ptr(), outF, bias ? 1 : 0, true);
      if (xc !== x) xc.dispose();
      if (wc !== weight) wc.dispose();
    }
  }
  const inputs = bias ? [x, weight, bias] : [x, weight];
  const addmm = bias && xShape.length === 2;
  const r = record(addmm ? 'AddmmBackward0' : 'MmBackward0', out, inputs, [x, weight], (g, [sx, sw], needs) => {
    const g2 = g._shape.length === 2 ? g : S.reshape(g, [rows, outF]);
    let gx: Tensor | null = null;
    if (needs[0]) {
      gx = mm(g2, sw);
      if (xShape.length !== 2) gx = S.reshape(gx, xShape);
    }
    const gw = needs[1] ? mm(S.t(g2), sx._shape.length === 2 ? sx : S.reshape(sx, [rows, inF])) : null;
    const grads: (Tensor | null)[] = [gx, gw];
    if (bias && needs[2]) {
      const gc = g2.contiguous();
      const gb = Tensor._empty([outF], float32);
      K.sum_rows_f32(gb._ptr(), gc._ptr(), rows, outF, 0);
      if (gc !== g2) gc.dispose();
      grads.push(gb);
    } else if (bias) grads.push(null);
    return grads;
  });
  // addmm(bias, x, weight.t()): PyTorch's node lists the bias first
  return addmm ? shownInputs(r, [bias, x, weight]) : r;
}

// Composites run in a scope of their own: their temporaries are released when they return, not left
// to the garbage collector (lifetime.ts `composite`).
export const outer = composite(outer_impl, 'outer');
