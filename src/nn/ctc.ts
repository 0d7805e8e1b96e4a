// Connectionist temporal classification loss, as ATen's LossCTC.cpp (CPU): the negative log-likelihood
// of each target sequence summed over its alignments, by the forward (alpha) and backward (beta)
// recursions in log space over the target with blanks between and around its labels. The gradient
// with respect to log_probs is ATen's: exp(log_probs) - (occupation of each class at each step), which
// is the gradient with respect to logits when log_probs come from log_softmax (the usual case), and
// gives the same gradient through log_softmax as the exact one.
import { Tensor } from '../tensor.js';
import { float32, int64 } from '../dtype.js';
import { record } from '../autograd.js';
import { tensor } from '../ops/create.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import { parseArgs, type Reduction } from './functional.js';

const lse = (a: number, b: number): number => {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
};

function lengthsOf(v: Tensor | readonly number[] | number, what: string, n: number): number[] {
  const a = v instanceof Tensor ? Array.from(v.reshape([-1]).dataSync(), Number) : typeof v === 'number' ? [v] : [...v];
  if (a.length !== n) throw new RangeError(`${what} must be of size batch_size`);
  for (const x of a) {
    if (!Number.isInteger(x) || x < 0) throw new RangeError(`ctc_loss(): ${what} must be non-negative integers, but got ${x}`);
  }
  return a;
}

/**
 * `F.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank = 0, reduction = 'mean',
 * zero_infinity = false)`: log_probs (T, N, C) (or (T, C) unbatched) from log_softmax, targets (N, S)
 * padded or 1-D concatenated, lengths as tensors or arrays. 'mean' divides each loss by its target
 * length, then averages over the batch.
 */
export function ctc_loss(log_probs: Tensor, targets: Tensor, input_lengths: Tensor | readonly number[] | number,
  target_lengths: Tensor | readonly number[] | number, blank?: number | { blank?: number; reduction?: Reduction;
    zero_infinity?: boolean }, reduction?: Reduction, zero_infinity?: boolean): Tensor {
  void blank; void reduction; void zero_infinity;
  const o = parseArgs('ctc_loss', ['blank', 'reduction', 'zero_infinity'], arguments,
    { blank: 0, reduction: 'mean' as Reduction, zero_infinity: false }, 4);
  if (!['mean', 'sum', 'none'].includes(o.reduction)) throw new RangeError(`${o.reduction} is not a valid value for reduction`);
  if (!log_probs.dtype.isFloatingPoint) throw new TypeError('ctc_loss(): log_probs must be a float tensor');
  const unbatched = log_probs._shape.length === 2;
  if (log_probs._shape.length !== 3 && !unbatched) {
    throw new RangeError(`ctc_loss(): log_probs must be (T, N, C) or (T, C), but got shape [${log_probs._shape.join(', ')}]`);
  }
  const lp3 = unbatched ? S.unsqueeze(log_probs, 1) : log_probs;
  const [T, N, C] = lp3._shape;
  const blankIdx = o.blank;
  if (!Number.isInteger(blankIdx) || blankIdx < 0 || blankIdx >= C) throw new RangeError('blank must be in label range');
  const il = lengthsOf(input_lengths, 'input_lengths', N);
  const tl = lengthsOf(target_lengths, 'target_lengths', N);
  const tg = Array.from((unbatched ? S.unsqueeze(targets, 0) : targets).dataSync(), Number);
  const concatenated = !unbatched && targets._shape.length === 1;
  for (const v of il) {
    if (v > T) throw new RangeError(`Expected input_lengths to have value at most ${T}, but got value ${v} (while checking arguments for ctc_loss_cpu)`);
  }
  const tStride = concatenated ? 0 : (unbatched ? targets._shape[0] : targets._shape[1]) ?? 0;
  if (concatenated) {
    const need = tl.reduce((a, b) => a + b, 0);
    if (tg.length < need) {
      throw new RangeError(`Expected tensor to have size at least ${need} at dimension 0, but got size ${tg.length} for ` +
        "argument #2 'targets' (while checking arguments for ctc_loss_cpu)");
    }
  } else {
    const need = Math.max(0, ...tl);
    if (tStride < need) {
      throw new RangeError(`Expected tensor to have size at least ${need} at dimension 1, but got size ${tStride} for ` +
        "argument #2 'targets' (while checking arguments for ctc_loss_cpu)");
    }
  }
  const lpv = lp3.contiguous().dataSync();
  const at = (t: number, n: number, c: number) => lpv[(t * N + n) * C + c];
  const losses = new Float32Array(N);
  const grad = new Float32Array(T * N * C);
  let off = 0;
  for (let n = 0; n < N; n++) {
    const L = tl[n];
    const Tn = il[n];
    const start = concatenated ? off : n * tStride;
    off += concatenated ? L : 0;
    const label = (s: number) => (s % 2 === 0 ? blankIdx : tg[start + (s - 1) / 2]);
    for (let s = 1; s < 2 * L + 1; s += 2) {
      const c = label(s);
      if (!Number.isInteger(c) || c < 0 || c >= C) throw new RangeError(`ctc_loss(): target ${c} is out of range for ${C} classes`);
    }
    const Sx = 2 * L + 1;
    if (Tn === 0) {
      losses[n] = L === 0 ? 0 : Infinity;
      continue;
    }
    const alpha = new Float64Array(Tn * Sx).fill(-Infinity);
    const beta = new Float64Array(Tn * Sx).fill(-Infinity);
    alpha[0] = at(0, n, blankIdx);
    if (L > 0) alpha[1] = at(0, n, label(1));
    const skip = (s: number) => s >= 2 && label(s) !== blankIdx && label(s) !== label(s - 2);
    for (let t = 1; t < Tn; t++) {
      for (let s = 0; s < Sx; s++) {
        const p = (t - 1) * Sx;
        let a = alpha[p + s];
        if (s >= 1) a = lse(a, alpha[p + s - 1]);
        if (skip(s)) a = lse(a, alpha[p + s - 2]);
        alpha[t * Sx + s] = a === -Infinity ? a : a + at(t, n, label(s));
      }
    }
    const last = (Tn - 1) * Sx;
    const ll = L > 0 ? lse(alpha[last + Sx - 1], alpha[last + Sx - 2]) : alpha[last + Sx - 1];
    const nll = -ll;
    losses[n] = nll;
    if (nll === Infinity) continue; // no alignment: the gradient is nan in PyTorch unless zero_infinity
    beta[last + Sx - 1] = at(Tn - 1, n, label(Sx - 1));
    if (L > 0) beta[last + Sx - 2] = at(Tn - 1, n, label(Sx - 2));
    const skipBack = (s: number) => s + 2 < Sx && label(s) !== blankIdx && label(s + 2) !== label(s);
    for (let t = Tn - 2; t >= 0; t--) {
      for (let s = 0; s < Sx; s++) {
        const q = (t + 1) * Sx;
        let b = beta[q + s];
        if (s + 1 < Sx) b = lse(b, beta[q + s + 1]);
        if (skipBack(s)) b = lse(b, beta[q + s + 2]);
        beta[t * Sx + s] = b === -Infinity ? b : b + at(t, n, label(s));
      }
    }
    for (let t = 0; t < Tn; t++) {
      const occ = new Float64Array(C).fill(-Infinity);
      for (let s = 0; s < Sx; s++) occ[label(s)] = lse(occ[label(s)], alpha[t * Sx + s] + beta[t * Sx + s]);
      for (let c = 0; c < C; c++) {
        const lpc = at(t, n, c);
        grad[(t * N + n) * C + c] = Math.exp(lpc) - Math.exp(occ[c] + nll - lpc);
      }
    }
  }
  // No alignment (an infinite loss): ATen's gradient is nan, or zero with zero_infinity.
  for (let n = 0; n < N; n++) {
    if (losses[n] !== Infinity || o.zero_infinity) continue;
    for (let t = 0; t < il[n]; t++) for (let c = 0; c < C; c++) grad[(t * N + n) * C + c] = NaN;
  }
  let per = record('CtcLossBackward0', tensor(losses, { dtype: float32 }), [lp3], [tensor(grad).reshape([T, N, C])],
    (g, [gr]) => [E.mul(gr, S.reshape(g, [1, N, 1]))]);
  if (o.zero_infinity) per = E.where(E.eq(per, Infinity), 0, per);
  const perSample = unbatched ? S.squeeze(per, 0) : per;
  if (o.reduction === 'none') return perSample;
  if (o.reduction === 'sum') return R.sum(perSample);
  const lens = E.clamp(tensor(tl, { dtype: int64 }), 1, null);
  return R.mean(E.div(unbatched ? per : perSample, lens));
}
