// L-BFGS with an optional strong-Wolfe line search, as torch/optim/lbfgs.py. Works on the
// flattened parameters; step(closure) re-evaluates the loss as often as it needs.
import { Tensor } from '../tensor.js';
import { cat } from '../ops/shape.js';
import { zeros } from '../ops/create.js';
import { no_grad, enable_grad } from '../autograd.js';
import { keep } from '../lifetime.js';
import { Optimizer, Params, ParamGroup, ParamState, Closure, bindArgs, scoped } from './optimizer.js';

export interface LBFGSOptions {
  lr?: number;
  max_iter?: number;
  max_eval?: number | null;
  tolerance_grad?: number;
  tolerance_change?: number;
  history_size?: number;
  line_search_fn?: 'strong_wolfe' | null;
}

const f32 = Math.fround;
const num = (t: Tensor): number => Number(t.item());

/** Minimizer of the cubic interpolating (x1, f1, g1) and (x2, f2, g2), clamped to bounds. */
function cubicInterpolate(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number,
  bounds?: [number, number]): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
  const d2sq = d1 * d1 - g1 * g2;
  if (d2sq >= 0) {
    const d2 = Math.sqrt(d2sq);
    const min_pos = x1 <= x2
      ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
      : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return Math.min(Math.max(min_pos, lo), hi);
  }
  return (lo + hi) / 2;
}

type ObjFunc = (x: Tensor[], t: number, d: Tensor) => [number, Tensor];

/** The strong-Wolfe line search of torch/optim/lbfgs.py (`_strong_wolfe`). */
function strongWolfe(obj: ObjFunc, x: Tensor[], t: number, d: Tensor, f: number, g: Tensor, gtd: number,
  c1 = 1e-4, c2 = 0.9, tolerance_change = 1e-9, max_ls = 25): [number, Tensor, number, number] {
  const d_norm = num(d.abs().max());
  g = g.clone();
  let [f_new, g_new] = obj(x, t, d);
  let evals = 1;
  let gtd_new = num(g_new.dot(d));
  let t_prev = 0;
  let f_prev = f;
  let g_prev = g;
  let gtd_prev = gtd;
  let done = false;
  let ls_iter = 0;
  let bracket: number[] = [];
  let bracket_f: number[] = [];
  let bracket_g: Tensor[] = [];
  let bracket_gtd: number[] = [];
  while (ls_iter < max_ls) {
    if (f_new > f + c1 * t * gtd || (ls_iter > 1 && f_new >= f_prev)) {
      bracket = [t_prev, t]; bracket_f = [f_prev, f_new]; bracket_g = [g_prev, g_new.clone()]; bracket_gtd = [gtd_prev, gtd_new];
      break;
    }
    if (Math.abs(gtd_new) <= -c2 * gtd) {
      bracket = [t]; bracket_f = [f_new]; bracket_g = [g_new];
      done = true;
      break;
    }
    if (gtd_new >= 0) {
      bracket = [t_prev, t]; bracket_f = [f_prev, f_new]; bracket_g = [g_prev, g_new.clone()]; bracket_gtd = [gtd_prev, gtd_new];
      break;
    }
    const min_step = t + 0.01 * (t - t_prev);
    const max_step = t * 10;
    const tmp = t;
    t = cubicInterpolate(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, [min_step, max_step]);
    t_prev = tmp;
    f_prev = f_new;
    g_prev = g_new.clone();
    gtd_prev = gtd_new;
    [f_new, g_new] = obj(x, t, d);
    evals++;
    gtd_new = num(g_new.dot(d));
    ls_iter++;
  }
  if (ls_iter === max_ls) {
    bracket = [0, t]; bracket_f = [f, f_new]; bracket_g = [g, g_new];
  }
  let insuf_progress = false;
  let [low, high] = bracket_f[0] <= bracket_f[bracket_f.length - 1] ? [0, 1] : [1, 0];
  while (!done && ls_iter < max_ls) {
    if (Math.abs(bracket[1] - bracket[0]) * d_norm < tolerance_change) break;
    t = cubicInterpolate(bracket[0], bracket_f[0], bracket_gtd[0], bracket[1], bracket_f[1], bracket_gtd[1]);
    const bmax = Math.max(...bracket);
    const bmin = Math.min(...bracket);
    const eps = 0.1 * (bmax - bmin);
    if (Math.min(bmax - t, t - bmin) < eps) {
      if (insuf_progress || t >= bmax || t <= bmin) {
        t = Math.abs(t - bmax) < Math.abs(t - bmin) ? bmax - eps : bmin + eps;
        insuf_progress = false;
      } else {
        insuf_progress = true;
      }
    } else {
      insuf_progress = false;
    }
    [f_new, g_new] = obj(x, t, d);
    evals++;
    gtd_new = num(g_new.dot(d));
    ls_iter++;
    if (f_new > f + c1 * t * gtd || f_new >= bracket_f[low]) {
      bracket[high] = t; bracket_f[high] = f_new; bracket_g[high] = g_new.clone(); bracket_gtd[high] = gtd_new;
      [low, high] = bracket_f[0] <= bracket_f[1] ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtd_new) <= -c2 * gtd) done = true;
      else if (gtd_new * (bracket[high] - bracket[low]) >= 0) {
        bracket[high] = bracket[low]; bracket_f[high] = bracket_f[low];
        bracket_g[high] = bracket_g[low]; bracket_gtd[high] = bracket_gtd[low];
      }
      bracket[low] = t; bracket_f[low] = f_new; bracket_g[low] = g_new.clone(); bracket_gtd[low] = gtd_new;
    }
  }
  return [bracket_f[low], bracket_g[low], bracket[low], evals];
}

/**
 * L-BFGS: quasi-Newton steps from the last `history_size` curvature pairs, `max_iter`
 * iterations per `step(closure)`. One parameter group only.
 *
 * `const opt = new torch.optim.LBFGS([x], { line_search_fn: 'strong_wolfe' }); opt.step(closure)`
 */
export class LBFGS extends Optimizer {
  static override _floatHyper: readonly string[] = [];
  private _params: Tensor[];

  constructor(params: Params, lr?: number | LBFGSOptions, opts?: LBFGSOptions) {
    const a = bindArgs('LBFGS', ['lr', 'max_iter', 'max_eval', 'tolerance_grad', 'tolerance_change', 'history_size',
      'line_search_fn'], [],
    { lr: 1, max_iter: 20, max_eval: null, tolerance_grad: 1e-7, tolerance_change: 1e-9, history_size: 100,
      line_search_fn: null }, [lr, opts]);
    if (a.max_eval === null) a.max_eval = Math.floor(a.max_iter * 5 / 4);
    super(params, a);
    if (this.param_groups.length !== 1) throw new Error("LBFGS doesn't support per-parameter options (parameter groups)");
    this._params = this.param_groups[0].params;
  }

  protected _update(_p: Tensor, _g: Tensor, _s: ParamState, _group: ParamGroup): void {
    throw new Error('LBFGS updates all parameters together in step(closure)');
  }

  private _gatherFlatGrad(): Tensor {
    return cat(this._params.map((p) => (p.grad === null ? zeros(p.numel()) : p.grad.reshape(-1))), 0);
  }

  private _addGrad(step_size: number, update: Tensor): void {
    let offset = 0;
    for (const p of this._params) {
      const n = p.numel();
      p.add_(update.narrow(0, offset, n).view(p._shape), { alpha: step_size });
      offset += n;
    }
  }

  /** One L-BFGS step (up to max_iter iterations); returns the loss of the first evaluation. */
  override step(closure?: Closure): Tensor | number | undefined {
    if (!closure) throw new TypeError("LBFGS.step() missing 1 required positional argument: 'closure'");
    const evaluate = (): number => {
      const l = enable_grad(closure);
      return l instanceof Tensor ? num(l) : Number(l);
    };
    const group = this.param_groups[0];
    const { lr, max_iter, max_eval, tolerance_grad, tolerance_change, line_search_fn, history_size } = group;
    const state = this._stateOf(this._params[0]);
    state.func_evals ??= 0;
    state.n_iter ??= 0;
    const first = enable_grad(closure);
    let loss = first instanceof Tensor ? num(first) : Number(first);
    // the closure's later backward() calls release its first graph, loss included: return a copy
    const orig_loss = first instanceof Tensor ? no_grad(() => first.detach().clone()) : first;
    let current_evals = 1;
    state.func_evals++;
    const before = new Set(stateTensors(state));
    no_grad(() => scoped(() => {
      let flat_grad = this._gatherFlatGrad();
      if (num(flat_grad.abs().max()) <= tolerance_grad) return;
      let d: Tensor | undefined = state.d;
      let t: number = state.t;
      let old_dirs: Tensor[] = state.old_dirs;
      let old_stps: Tensor[] = state.old_stps;
      let ro: number[] = state.ro;
      let H_diag: number = state.H_diag;
      let prev_flat_grad: Tensor | undefined = state.prev_flat_grad;
      let prev_loss: number = state.prev_loss;
      let n_iter = 0;
      while (n_iter < max_iter) {
        n_iter++;
        state.n_iter++;
        if (state.n_iter === 1) {
          d = flat_grad.neg();
          old_dirs = [];
          old_stps = [];
          ro = [];
          H_diag = 1;
        } else {
          const y = flat_grad.sub(prev_flat_grad!);
          const s = d!.mul(t);
          const ys = num(y.dot(s));
          if (ys > 1e-10) {
            if (old_dirs.length === history_size) {
              old_dirs.shift();
              old_stps.shift();
              ro.shift();
            }
            old_dirs.push(y);
            old_stps.push(s);
            ro.push(f32(1 / ys));
            H_diag = f32(ys / num(y.dot(y)));
          }
          const num_old = old_dirs.length;
          // kept in the state, as PyTorch's (its entries past num_old stay None)
          const al: (number | null)[] = (state.al ??= new Array(history_size).fill(null));
          const q = flat_grad.neg();
          for (let i = num_old - 1; i >= 0; i--) {
            al[i] = f32(num(old_stps[i].dot(q)) * ro[i]);
            q.add_(old_dirs[i], { alpha: -al[i]! });
          }
          const r = q.mul(H_diag);
          d = r;
          for (let i = 0; i < num_old; i++) {
            const be_i = f32(num(old_dirs[i].dot(r)) * ro[i]);
            r.add_(old_stps[i], { alpha: f32(al[i]! - be_i) });
          }
        }
        if (prev_flat_grad === undefined) prev_flat_grad = flat_grad.clone();
        else prev_flat_grad.copy_(flat_grad);
        prev_loss = loss;
        if (state.n_iter === 1) {
          // min(1., 1/|g|₁) * lr, where 1/|g|₁ is a float32 tensor in PyTorch
          const inv = f32(1 / num(flat_grad.abs().sum()));
          t = inv < 1 ? f32(inv * lr) : lr;
        } else {
          t = lr;
        }
        const gtd = num(flat_grad.dot(d!));
        if (gtd > -tolerance_change) break;
        let ls_func_evals = 0;
        let opt_cond = false;
        if (line_search_fn != null) {
          if (line_search_fn !== 'strong_wolfe') throw new Error("only 'strong_wolfe' is supported");
          const x_init = this._params.map((p) => p.clone());
          const obj: ObjFunc = (x, tt, dd) => {
            this._addGrad(tt, dd);
            const l = evaluate();
            const g = this._gatherFlatGrad();
            this._params.forEach((p, i) => p.copy_(x[i]));
            return [l, g];
          };
          [loss, flat_grad, t, ls_func_evals] = strongWolfe(obj, x_init, t, d!, loss, flat_grad, gtd);
          this._addGrad(t, d!);
          opt_cond = num(flat_grad.abs().max()) <= tolerance_grad;
        } else {
          this._addGrad(t, d!);
          if (n_iter !== max_iter) {
            loss = evaluate();
            flat_grad = this._gatherFlatGrad();
            opt_cond = num(flat_grad.abs().max()) <= tolerance_grad;
            ls_func_evals = 1;
          }
        }
        current_evals += ls_func_evals;
        state.func_evals += ls_func_evals;
        if (n_iter === max_iter) break;
        if (current_evals >= max_eval) break;
        if (opt_cond) break;
        if (num(d!.mul(t).abs().max()) <= tolerance_change) break;
        if (Math.abs(loss - prev_loss) < tolerance_change) break;
      }
      Object.assign(state, { d, t, old_dirs, old_stps, ro, H_diag, prev_flat_grad, prev_loss });
      for (const x of stateTensors(state)) keep(x);
    }));
    // free the history this step dropped
    const now = new Set(stateTensors(state));
    for (const x of before) if (!now.has(x)) x.dispose();
    return orig_loss;
  }
}

function stateTensors(state: ParamState): Tensor[] {
  const out: Tensor[] = [];
  if (state.d instanceof Tensor) out.push(state.d);
  if (state.prev_flat_grad instanceof Tensor) out.push(state.prev_flat_grad);
  for (const k of ['old_dirs', 'old_stps']) if (Array.isArray(state[k])) out.push(...(state[k] as Tensor[]));
  return out;
}
