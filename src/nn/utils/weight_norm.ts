// torch.nn.utils.weight_norm / spectral_norm and their remove_* (PyTorch 1.13's hook-based forms,
// torch/nn/utils/weight_norm.py and spectral_norm.py): the parameter is replaced by others (weight_g and
// weight_v; weight_orig with the buffers weight_u and weight_v) and a forward pre-hook recomputes the
// weight from them before every forward, so gradients reach the new parameters.
import { Tensor } from '../../tensor.js';
import { no_grad } from '../../autograd.js';
import * as E from '../../ops/elementwise.js';
import * as R from '../../ops/reduce.js';
import * as S from '../../ops/shape.js';
import * as L from '../../ops/linalg.js';
import { normal_ } from '../../ops/create.js';
import { Module, Parameter, UninitializedParameter, RemovableHandle } from '../module.js';
import { named } from '../functional.js';
import { bind } from '../../optim/optimizer.js';

/** A forward pre-hook that recomputes a weight, tagged so a second one on the same name is refused. */
type WeightHook = ((m: Module) => void) & {
  kind: 'weight_norm' | 'spectral_norm'; param: string; handle?: RemovableHandle;
  /** The weight as remove_* computes it (no power iteration). */
  final: (m: Module) => Tensor;
};

function hooksOf(m: Module, kind: WeightHook['kind'], name: string): WeightHook | undefined {
  for (const h of m._forwardPreHooks.values()) {
    const w = h as unknown as WeightHook;
    if (w.kind === kind && w.param === name) return w;
  }
  return undefined;
}

const attr = (m: Module, k: string): Tensor => (m as unknown as Record<string, Tensor>)[k];

/** Sets the computed weight as a plain attribute, keeping it past scopes and releasing the one before. */
function setWeight(m: Module, name: string, w: Tensor): void {
  const rec = m as unknown as Record<string, Tensor | undefined>;
  const old = rec[name];
  rec[name] = w.keep();
  if (old && old !== w && !(old instanceof Parameter) && !old._released) old.dispose();
}

/** ||v|| over every dim but `dim` (all of them for dim -1), shaped to broadcast against v. */
function normExceptDim(v: Tensor, dim: number): Tensor {
  const nd = v._shape.length;
  if (dim === -1) return R.norm(v);
  if (dim === 0) {
    const n = R.norm(S.reshape(v, [v._shape[0], -1]), 2, 1);
    return S.reshape(n, [v._shape[0], ...Array(nd - 1).fill(1)]);
  }
  if (dim === nd - 1) {
    const n = R.norm(S.reshape(v, [-1, v._shape[nd - 1]]), 2, 0);
    return S.reshape(n, [...Array(nd - 1).fill(1), v._shape[nd - 1]]);
  }
  return S.transpose(normExceptDim(S.transpose(v, 0, dim), 0), 0, dim);
}

function weightNormOf(v: Tensor, g: Tensor, dim: number): Tensor {
  const w = E.mul(v, E.div(g, normExceptDim(v, dim)));
  // PyTorch 1.13 runs the fused _weight_norm_interface for dim 0 or the last dim.
  return dim === 0 || dim === v._shape.length - 1 ? named('WeightNormInterfaceBackward0', w) : w;
}

/**
 * `nn.utils.weight_norm(module, name = 'weight', dim = 0)`: w = g · v / ||v|| with ||v|| over every
 * dim but `dim` (every dim with dim null); `name_g` and `name_v` become the parameters.
 */
export function weight_norm<M extends Module>(module: M, ...args: unknown[]): M {
  const o = bind('weight_norm', ['name', 'dim'], [], { name: 'weight', dim: 0 }, args, 1, true);
  const name: string = o.name;
  if (hooksOf(module, 'weight_norm', name)) throw new Error(`Cannot register two weight_norm hooks on the same parameter ${name}`);
  const dim = o.dim === null ? -1 : o.dim;
  const weight = attr(module, name);
  if (weight instanceof UninitializedParameter) {
    throw new RangeError("The module passed to `WeightNorm` can't have uninitialized parameters. Make sure to run the dummy " +
      'forward before applying weight normalization');
  }
  if (!(weight instanceof Parameter)) throw new Error(`weight_norm: module has no parameter '${name}'`);
  const rec = module as unknown as Record<string, unknown>;
  delete rec[name];
  module.register_parameter(`${name}_g`, new Parameter(no_grad(() => normExceptDim(weight, dim))));
  module.register_parameter(`${name}_v`, new Parameter(weight.detach()));
  const compute = (m: Module) => weightNormOf(attr(m, `${name}_v`), attr(m, `${name}_g`), dim);
  setWeight(module, name, compute(module));
  const hook: WeightHook = Object.assign((m: Module) => { setWeight(m, name, compute(m)); },
    { kind: 'weight_norm' as const, param: name, final: (m: Module) => no_grad(() => compute(m)) });
  hook.handle = module.register_forward_pre_hook(hook);
  return module;
}

/** `nn.utils.remove_weight_norm(module, name = 'weight')`: the weight becomes a parameter again. */
export function remove_weight_norm<M extends Module>(module: M, name = 'weight'): M {
  const hook = hooksOf(module, 'weight_norm', name);
  if (!hook) throw new RangeError(`weight_norm of '${name}' not found in ${String(module)}`);
  hook.handle!.remove();
  return restore(module, name, [`${name}_g`, `${name}_v`], [], hook.final(module));
}

/** Deletes the replacement parameters and buffers and makes `w` the parameter `name` again. */
function restore<M extends Module>(module: M, name: string, params: string[], buffers: string[], w: Tensor): M {
  const rec = module as unknown as Record<string, unknown>;
  const old = rec[name] as Tensor | undefined;
  delete rec[name];
  for (const p of params) delete rec[p];
  for (const b of buffers) {
    module._buffers.delete(b);
    delete rec[b];
  }
  module.register_parameter(name, new Parameter(w.detach().clone()));
  if (old && !old._released) old.dispose();
  return module;
}

/** x / max(||x||, eps), as F.normalize(x, dim=0). */
const unit = (x: Tensor, eps: number): Tensor => E.div(x, E.clamp(R.norm(x), eps, null));

/**
 * `nn.utils.spectral_norm(module, name = 'weight', n_power_iterations = 1, eps = 1e-12, dim = null)`:
 * w = w_orig / σ(w_orig), σ estimated by power iteration on the buffers u and v (one step per forward
 * in training mode, none in eval). dim defaults to 1 for transposed convolutions, else 0.
 */
export function spectral_norm<M extends Module>(module: M, ...args: unknown[]): M {
  const o = bind('spectral_norm', ['name', 'n_power_iterations', 'eps', 'dim'], [],
    { name: 'weight', n_power_iterations: 1, eps: 1e-12, dim: null }, args, 1, true);
  const name: string = o.name;
  const iters: number = o.n_power_iterations;
  const eps: number = o.eps;
  const dim: number = o.dim ?? (/^ConvTranspose[123]d$/.test(module._getName()) ? 1 : 0);
  if (hooksOf(module, 'spectral_norm', name)) throw new Error(`Cannot register two spectral_norm hooks on the same parameter ${name}`);
  if (!(iters > 0)) throw new RangeError(`Expected n_power_iterations to be positive, but got n_power_iterations=${iters}`);
  const weight = attr(module, name);
  if (weight instanceof UninitializedParameter) {
    throw new RangeError("The module passed to `SpectralNorm` can't have uninitialized parameters. Make sure to run the dummy " +
      'forward before applying spectral normalization');
  }
  if (!(weight instanceof Parameter)) throw new RangeError(`spectral_norm: module has no parameter '${name}'`);
  const toMatrix = (w: Tensor): Tensor => {
    const p = dim === 0 ? w : S.permute(w, [dim, ...w._shape.map((_, i) => i).filter((i) => i !== dim)]);
    return S.reshape(p, [p._shape[0], -1]);
  };
  const [h, wd] = toMatrix(weight)._shape;
  const [u0, v0] = no_grad(() => [unit(normal_(Tensor._empty([h], weight.dtype)), eps),
    unit(normal_(Tensor._empty([wd], weight.dtype)), eps)]);
  const rec = module as unknown as Record<string, unknown>;
  delete rec[name];
  module.register_parameter(`${name}_orig`, weight);
  setWeight(module, name, weight.detach());
  module.register_buffer(`${name}_u`, u0);
  module.register_buffer(`${name}_v`, v0);
  const compute = (m: Module, power: boolean): Tensor => {
    const wm = toMatrix(attr(m, `${name}_orig`));
    let u = attr(m, `${name}_u`);
    let v = attr(m, `${name}_v`);
    if (power) {
      no_grad(() => {
        for (let i = 0; i < iters; i++) {
          v.copy_(unit(L.matmul(S.transpose(wm, 0, 1), u), eps));
          u.copy_(unit(L.matmul(wm, v), eps));
        }
      });
      u = u.clone();
      v = v.clone();
    }
    const w = E.div(attr(m, `${name}_orig`), L.dot(u, L.matmul(wm, v)));
    if (power) for (const t of [u, v]) t.dispose(); // the graph keeps what it saved of them
    return w;
  };
  const hook: WeightHook = Object.assign((m: Module) => { setWeight(m, name, compute(m, m.training)); },
    { kind: 'spectral_norm' as const, param: name, final: (m: Module) => no_grad(() => compute(m, false)) });
  hook.handle = module.register_forward_pre_hook(hook);
  return module;
}

/** `nn.utils.remove_spectral_norm(module, name = 'weight')`: the last computed weight becomes the parameter. */
export function remove_spectral_norm<M extends Module>(module: M, name = 'weight'): M {
  const hook = hooksOf(module, 'spectral_norm', name);
  if (!hook) throw new RangeError(`spectral_norm of '${name}' not found in ${String(module)}`);
  hook.handle!.remove();
  return restore(module, name, [`${name}_orig`], [`${name}_u`, `${name}_v`], hook.final(module));
}
