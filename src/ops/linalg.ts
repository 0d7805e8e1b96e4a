// Matrix products on the packed GEMM kernel. Transposed operands are passed as flags (a
// transposed view is never copied); batches broadcast by strides.
import { Tensor } from '../tensor.js';
import { float32, int64, bool, intOverflow } from '../dtype.js';
import { K } from '../backend/wasm.js';
import { gemm, gemmBatched } from '../backend/gemm.js';
import { record, shownInputs } from '../autograd.js';
import { scoped, composite } from '../lifetime.js';
import { broadcastShapes, fmtShape, numelOf, scalarName } from './util.js';
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


/** PyTorch's message for a product of tensors of two dtypes (`ones(2, 2).mm(ones(2, 2).long())`). */
function sameDtype(a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype) throw new TypeError(`expected scalar type ${scalarName(a.dtype)} but found ${scalarName(b.dtype)}`);
}

/** Products take float32 and int64 (exact, wrapping as int64); bool is PyTorch's error, naming its kernel. */
function numeric(t: Tensor, kernel: string): Tensor {
  if (t.dtype === bool) throw new TypeError(`"${kernel}" not implemented for 'Bool'`);
  return t;
}

/** An int64 product's element outside what tocha's 32-bit int64 holds (PyTorch's int64 holds it). */
function wideProduct(): never {
  throw intOverflow('matmul');
}

/** C (M×N, new) = A (M×K) · B (K×N), 2-D float tensors of any strides. */
function gemm2(a: Tensor, b: Tensor, out?: Tensor, accumulate = false): Tensor {
  const M = a._shape[0];
  const Kd = a._shape[1];
  const N = b._shape[1];
  const c = out ?? Tensor._empty([M, N], a.dtype);
  if (M === 0 || N === 0) return c;
  if (Kd === 0) {
    if (!accumulate) E.fill_(c, 0);
    return c;
  }
  if (a.dtype === int64) {
    // integers: exact sums in k order (products of int tensors never accumulate into an output here)
    if (K.mm_i32(c._ptr(), a._ptr(), b._ptr(), M, N, Kd, a._strides[0], a._strides[1], b._strides[0], b._strides[1])) {
      if (!out) c.dispose();
      wideProduct();
    }
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
  numeric(a, 'addmm_impl_cpu_');
  const out = gemm2(a, b);
  // as PyTorch's mm: self is saved only for mat2's gradient, mat2 only for self's
  const [saveA, saveB] = [b.requires_grad, a.requires_grad];
  return record('MmBackward0', out, [a, b], [...(saveA ? [a] : []), ...(saveB ? [b] : [])], (g, s, needs) => [
    needs[0] ? mm(g, S.t(s[saveA ? 1 : 0])) : null,
    needs[1] ? mm(S.t(s[0]), g) : null,
  ]);
}

export function dot(a: Tensor, b: Tensor): Tensor {
  return scoped(() => dotIn(a, b), 'the end of dot() (an internal temporary)');
}

function dotIn(a: Tensor, b: Tensor): Tensor {
  if (a._shape.length !== 1 || b._shape.length !== 1) {
    throw new RangeError(`1D tensors expected, but got ${a._shape.length}D and ${b._shape.length}D tensors`);
  }
  if (a.dtype !== b.dtype) {
    throw new TypeError(`dot : expected both vectors to have same dtype, but found ${scalarName(a.dtype)} and ${scalarName(b.dtype)}`);
  }
  numeric(a, 'dot');
  if (a._shape[0] !== b._shape[0]) {
    throw new RangeError(`inconsistent tensor size, expected tensor [${a._shape[0]}] and src [${b._shape[0]}] to have the same number of elements, but got ${a._shape[0]} and ${b._shape[0]} elements respectively`);
  }
  if (a.dtype === int64) {
    // int64: summed exactly (the float GEMM would read the int words as floats); no gradient
    const out = Tensor._empty([], int64);
    if (K.dot_i32(out._ptr(), a._ptr(), a._strides[0], b._ptr(), b._strides[0], a._shape[0])) {
      out.dispose();
      throw intOverflow('dot');
    }
    return out;
  }
  const out = S.reshape(gemm2(S.unsqueeze(a.detach(), 0), S.unsqueeze(b.detach(), 1)), []);
  return record('DotBackward0', out.detach(), [a, b], [a, b], (g, [sa, sb]) => [E.mul(sb, g), E.mul(sa, g)]);
}

function outer_impl(a: Tensor, b: Tensor): Tensor {
  if (a._shape.length !== 1) throw new RangeError(`outer: Expected 1-D argument self, but got ${a._shape.length}-D`);
  if (b._shape.length !== 1) throw new RangeError(`outer: Expected 1-D argument vec2, but got ${b._shape.length}-D`);
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
  const out = Tensor._empty([...batchShape, M, N], a.dtype);
  if (out.numel() > 0) {
    if (Kd === 0) E.fill_(out, 0);
    else if (a.dtype === int64) {
      // integers: one exact product per batch, over the operands expanded to the batch shape
      const a3 = S.reshape(S.expand(a.detach(), [...batchShape, M, Kd]), [batch, M, Kd]);
      const b3 = S.reshape(S.expand(b.detach(), [...batchShape, Kd, N]), [batch, Kd, N]);
      let wide = 0;
      for (let i = 0; i < batch; i++) {
        wide |= K.mm_i32(out._ptr() + i * M * N * 4, a3._ptr() + i * a3._strides[0] * 4, b3._ptr() + i * b3._strides[0] * 4,
          M, N, Kd, a3._strides[1], a3._strides[2], b3._strides[1], b3._strides[2]);
      }
      a3.dispose();
      b3.dispose();
      if (wide) {
        out.dispose();
        wideProduct();
      }
    } else {
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
  numeric(a, 'bmm');
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
  const da = a._shape.length;
  const db = b._shape.length;
  // bool: the message of the kernel PyTorch's matmul reaches (dot, mv, mm or bmm)
  numeric(a, da === 1 && db === 1 ? 'dot' : db === 1 || (da === 1 && db === 2) ? (db === 1 ? 'addmv_impl_cpu' : 'addmm_impl_cpu_')
    : da <= 2 && db <= 2 ? 'addmm_impl_cpu_' : 'bmm');
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
    // a batch times a matrix folds into one mm, whose message PyTorch shows; with the batch on the right the
    // product is (bᵀ aᵀ)ᵀ: bᵀ's rows folded, then aᵀ
    if (shouldFold(a, db)) throw new RangeError(`mat1 and mat2 shapes cannot be multiplied (${as} and ${bs})`);
    if (shouldFold(b, da)) {
      const rows = numelOf(b._shape.slice(0, -2)) * b._shape[db - 1];
      throw new RangeError(`mat1 and mat2 shapes cannot be multiplied (${rows}x${kb} and ${ka}x${a._shape[0]})`);
    }
    // PyTorch reports the bmm it runs: batch dims broadcast (that error first) and flattened into one.
    const batch = numelOf(broadcastShapes(a._shape.slice(0, -2), b._shape.slice(0, -2)));
    throw new RangeError(`Expected size for first two dimensions of batch2 tensor to be: [${batch}, ${ka}] but got: [${batch}, ${kb}].`);
  }
  // PyTorch 1.13's _matmul_impl, step for step, so the result carries its nodes (MvBackward0,
  // SqueezeBackward3, UnsafeViewBackward0, ...) and is a view of nothing. Temporaries are released here:
  // backward holds what it saved of them.
  if (da === 1 && db === 1) return dot(a, b);
  if (da === 2 && db === 1) return mv(a, b);
  if (da === 1 && db === 2) {
    // a.unsqueeze(0).mm(b).squeeze_(0)
    const a2 = S.unsqueeze(a, 0);
    const p = mm(a2, b);
    const r = S.unsafeView(p, [b._shape[1]], 'SqueezeBackward3');
    a2.dispose();
    p.dispose();
    return r;
  }
  if (da === 2 && db === 2) return mm(a, b);
  if (shouldFold(a, db) || shouldFold(b, da)) {
    // (..., n, k) @ a matrix or a vector: the leading dims fold into the rows of one product. With the
    // batched operand on the right, the product is computed transposed: (bᵀ aᵀ)ᵀ.
    const transpose = db > da;
    const t1 = transpose ? S.transpose(b, -2, -1) : a;
    const t2 = !transpose ? b : da === 2 ? S.t(a) : a;
    const lead = t1._shape.slice(0, -1);
    const folded = S.reshape(t1, [numelOf(lead), t1._shape[t1._shape.length - 1]]);
    const matrix = t2._shape.length === 2;
    const p = matrix ? mm(folded, t2) : mv(folded, t2);
    let r = S.unsafeView(p, matrix ? [...lead, t2._shape[1]] : lead);
    for (const t of new Set([t1, t2, folded, p])) if (t !== a && t !== b) t.dispose();
    if (transpose && matrix) {
      const rt = S.transpose(r, -2, -1);
      const c = rt.contiguous();
      if (c !== rt) {
        rt.dispose();
        r.dispose();
      }
      r = c;
    }
    return r;
  }
  // Both batched (or a 3-D operand transposed in its last two dims times a matrix): the batch dims
  // broadcast (expand), fold into one (reshape: a view, or a copy where PyTorch copies too), bmm.
  const [n, m1] = a._shape.slice(-2);
  const [m2, p] = b._shape.slice(-2);
  const batch = broadcastShapes(a._shape.slice(0, -2), b._shape.slice(0, -2));
  const B = numelOf(batch);
  const ae = S.expand(a, [...batch, n, m1]);
  const a3 = S.reshape(ae, [B, n, m1]);
  const be = S.expand(b, [...batch, m2, p]);
  const b3 = S.reshape(be, [B, m2, p]);
  const prod = batched(a3, b3, 'BmmBackward0');
  const r = S.unsafeView(prod, [...batch, n, p]);
  for (const t of [ae, a3, be, b3, prod]) t.dispose();
  return r;
}

/**
 * PyTorch's should_fold: a (≥3)-D operand times a matrix or a vector folds its leading dims into one
 * GEMM, except a 3-D operand whose last two dims are transposed (a permute(0, 2, 1)) times a matrix,
 * which bmm takes without a copy.
 */
function shouldFold(t: Tensor, otherDims: number): boolean {
  const n = t._shape.length;
  if (n < 3 || otherDims > 2) return false;
  const [, s1, s2] = t._shape;
  const st = t._strides;
  return !(n === 3 && otherDims === 2 && st[2] !== 1 && st[0] === s1 * s2);
}

/** Matrix times vector: `torch.mv(m, v)` (MvBackward0). */
export function mv(a: Tensor, v: Tensor): Tensor {
  sameDtype(a, v);
  numeric(a, 'addmv_impl_cpu');
  if (a._shape.length !== 2 || v._shape.length !== 1) {
    throw new RangeError(`vector + matrix @ vector expected, got 1, ${a._shape.length}, ${v._shape.length}`);
  }
  const [M, Kd] = a._shape;
  if (Kd !== v._shape[0]) throw new RangeError(`size mismatch, got ${M}, ${M}x${Kd},${v._shape[0]}`);
  const col = v._view([Kd, 1], [v._strides[0], 1], v._offset);
  const out = gemm2(a, col);
  col.dispose();
  out._shape = [M];
  out._strides = [1];
  // d self = g ⊗ v, d vec = selfᵀ g
  return record('MvBackward0', out, [a, v], [a, v], (g, [sa, sv], needs) => [
    needs[0] ? outer(g, sv) : null,
    needs[1] ? mv(S.t(sa), g) : null,
  ]);
}

/**
 * y = x·Wᵀ + b as one GEMM with a transposed-B flag; the bias is written first and the
 * product accumulated on it. Backward: dx = g·W, dW = gᵀ·x, db = column sums of g.
 * The forward makes no tensor but its output (x and W are read in place through their
 * strides; only a layout the kernel cannot take is copied, and freed at once).
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  // PyTorch runs addmm for a 2-D input with a bias, or a contiguous 3-D one's rows (its dtype check comes first),
  // matmul otherwise
  const addmmRows = bias && (x._shape.length === 2 || (x._shape.length === 3 && x.is_contiguous()));
  if (x.dtype !== weight.dtype && addmmRows) throw new TypeError('mat1 and mat2 must have the same dtype');
  const inF = weight._shape[weight._shape.length - 1];
  if (weight._shape.length !== 2) throw new RangeError(`linear(): weight must be 2-D, got ${fmtShape(weight._shape)}`);
  const outF = weight._shape[0];
  if (x._shape.length === 0 || x._shape[x._shape.length - 1] !== inF) {
    const rows = x._shape.length <= 1 ? 1 : numelOf(x._shape.slice(0, -1));
    const cols = x._shape.length === 0 ? 1 : x._shape[x._shape.length - 1];
    throw new RangeError(`mat1 and mat2 shapes cannot be multiplied (${rows}x${cols} and ${inF}x${outF})`);
  }
  sameDtype(x, weight);
  if (x.dtype !== float32) throw new TypeError(`linear: expected float32 tensors, got ${x.dtype} (call .float() first)`);
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
  // PyTorch 1.13's F.linear: addmm for a matrix with a bias; a contiguous 3-D input with a bias is addmm on
  // its rows, viewed back (the result is a view: ViewBackward0); otherwise matmul (MmBackward0, or its
  // squeeze_/_unsafe_view), then add_(bias) in place (AddBackward0). One GEMM here either way.
  const nd = xShape.length;
  const rowsView = nd === 3 && bias && x.is_contiguous();
  const node = nd === 2 ? (bias ? 'AddmmBackward0' : 'MmBackward0') : rowsView ? 'AddmmBackward0'
    : bias ? 'AddBackward0' : nd === 1 ? 'SqueezeBackward3' : 'UnsafeViewBackward0';
  if (rowsView) {
    out._shape = [rows, outF];
    out._strides = [outF, 1];
  }
  const addmm = nd === 2 && bias;
  // as PyTorch's addmm / mm: the input is saved only for the weight's gradient, the weight only for the input's
  const [saveX, saveW] = [weight.requires_grad, x.requires_grad];
  const saved = [...(saveX ? [x] : []), ...(saveW ? [weight] : [])];
  const r = record(node, out, inputs, saved, (g, s, needs) => {
    const sx = s[0];
    const sw = s[saveX ? 1 : 0];
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
  if (addmm) return shownInputs(r, [bias, x, weight]);
  if (!rowsView) return r;
  const v = S.view(r, [...lead, outF]);
  r.dispose();
  return v;
}

// Composites run in a scope of their own: their temporaries are released when they return, not left
// to the garbage collector (lifetime.ts `composite`).
export const outer = /*#__PURE__*/ composite(outer_impl, 'outer');
