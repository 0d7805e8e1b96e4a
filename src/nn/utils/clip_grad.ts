// torch.nn.utils.clip_grad_norm_ / clip_grad_value_ and parameters_to_vector / vector_to_parameters,
// as torch/nn/utils/clip_grad.py and convert_parameters.py (PyTorch 1.13), same float32 steps.
import { Tensor } from '../../tensor.js';
import { float32 } from '../../dtype.js';
import { no_grad } from '../../autograd.js';
import * as E from '../../ops/elementwise.js';
import * as S from '../../ops/shape.js';
import * as R from '../../ops/reduce.js';
import { warnOnce } from '../../warn.js';
import { scoped } from '../../lifetime.js';

const TEMP = 'the end of the nn.utils call that made it (an internal temporary)';

export interface ClipGradNormOptions {
  norm_type?: number | string;
  /** Throw if the total norm is nan or ±inf (PyTorch's default false). */
  error_if_nonfinite?: boolean;
  /** Accepted and ignored (PyTorch 2's foreach path; 1.13 has none). */
  foreach?: boolean | null;
}

type Params = Tensor | Iterable<Tensor>;
const list = (ps: Params): Tensor[] => (ps instanceof Tensor ? [ps] : [...ps]);

/** Python's float() of a norm type: numbers, 'inf', '-inf', numeric strings. */
function toFloat(v: number | string): number {
  if (typeof v === 'number') return v;
  const s = v.trim().toLowerCase();
  const f = /^[+-]?inf(inity)?$/.test(s) ? (s[0] === '-' ? -Infinity : Infinity) : s === '' ? NaN : Number(s);
  if (Number.isNaN(f) && !/^[+-]?nan$/.test(s)) throw new RangeError(`could not convert string to float: '${v}'`);
  return f;
}

/**
 * `nn.utils.clip_grad_norm_(parameters, max_norm, norm_type=2.0)`: scales the gradients in place so
 * their total norm (as one vector) is at most max_norm; returns the total norm before clipping.
 * `clip_grad_norm_(net.parameters(), 1.0)`; `{ error_if_nonfinite: true }` throws on a nan/inf norm.
 */
export function clip_grad_norm_(parameters: Params, max_norm: number, norm_type: number | string | ClipGradNormOptions = 2,
  opts: ClipGradNormOptions = {}): Tensor {
  if (typeof norm_type === 'object') [norm_type, opts] = [norm_type.norm_type ?? 2, norm_type];
  const p = toFloat(norm_type);
  const maxNorm = Number(max_norm);
  const grads = list(parameters).map((t) => t.grad).filter((g): g is Tensor => g !== null);
  return no_grad(() => {
    if (grads.length === 0) return E.filled([], float32, 0);
    let total: Tensor;
    if (p === Infinity) {
      const norms = grads.map((g) => R.max(E.abs(g.detach())));
      total = norms.length === 1 ? norms[0] : R.max(S.stack(norms));
    } else {
      total = R.norm(S.stack(grads.map((g) => R.norm(g.detach(), p))), p);
    }
    if (opts.error_if_nonfinite && !Number.isFinite(Number(total.item()))) {
      throw new Error(`The total norm of order ${Number.isInteger(p) ? p.toFixed(1) : p === Infinity ? 'inf' : p === -Infinity ? '-inf' : p} ` +
        'for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and scale the ' +
        'gradients by the non-finite norm anyway, set `error_if_nonfinite=False`');
    }
    // max_norm / (total_norm + 1e-6) is Tensor.__rtruediv__: reciprocal() * max_norm
    const coef = E.clamp(E.mul(E.reciprocal(E.add(total, 1e-6)), maxNorm), null, 1);
    for (const g of grads) g.detach().mul_(coef);
    return total;
  });
}

/** `nn.utils.clip_grad_value_(parameters, clip_value)`: clamps every gradient to [-clip_value, clip_value] in place. */
export function clip_grad_value_(parameters: Params, clip_value: number): void {
  const c = Number(clip_value);
  no_grad(() => {
    for (const t of list(parameters)) if (t.grad !== null) t.grad.detach().clamp_(-c, c);
  });
}

/** `nn.utils.parameters_to_vector(parameters)`: the parameters flattened and concatenated (differentiable). */
export function parameters_to_vector(parameters: Iterable<Tensor>): Tensor {
  return scoped(() => S.cat(list(parameters).map((t) => S.view(t, [-1])), 0), TEMP);
}

/** `nn.utils.vector_to_parameters(vec, parameters)`: copies consecutive pieces of vec into the parameters' data. */
export function vector_to_parameters(vec: Tensor, parameters: Iterable<Tensor>): void {
  if (!(vec instanceof Tensor)) {
    throw new TypeError(`expected torch.Tensor, but got: ${Array.isArray(vec) ? 'list' : vec === null ? 'NoneType' : typeof vec}`);
  }
  let at = 0;
  scoped(() => {
    for (const t of list(parameters)) {
      const n = t.numel();
      t.data = S.view(S.index(vec.detach(), [[at, at + n]]), t._shape);
      at += n;
    }
  }, TEMP);
}

/** Deprecated `nn.utils.clip_grad_norm`: `clip_grad_norm_`, with PyTorch's deprecation warning (once). */
export function clip_grad_norm(parameters: Params, max_norm: number, norm_type: number | string | ClipGradNormOptions = 2,
  opts: ClipGradNormOptions = {}): Tensor {
  warnOnce('clip_grad_norm', 'torch.nn.utils.clip_grad_norm is now deprecated in favor of torch.nn.utils.clip_grad_norm_.');
  return clip_grad_norm_(parameters, max_norm, norm_type, opts);
}
