// torch.autograd, the namespace: grad / backward, Function, functional, gradcheck, anomaly detection, the grad-mode
// functions PyTorch re-exports there, the deprecated Variable, and graph (saved tensors hooks).
import { Tensor } from './tensor.js';
import {
  runBackward, type BackwardOptions, set_detect_anomaly, detect_anomaly, no_grad, enable_grad, set_grad_enabled,
  inference_mode, is_grad_enabled,
} from './autograd.js';
import { Function, FunctionCtx, once_differentiable } from './function.js';
import * as F from './autograd-functional.js';
import { gradcheck, gradgradcheck, GradcheckError } from './gradcheck.js';
import { isPlainObject } from './optim/optimizer.js';
import { empty } from './ops/create.js';
import { warnOnce } from './warn.js';
import * as graphNs from './autograd-graph.js';

export { Function, gradcheck, gradgradcheck, GradcheckError, set_detect_anomaly, detect_anomaly };
export { no_grad, enable_grad, set_grad_enabled, inference_mode };

/** torch.autograd.functional: jacobian, hessian, vjp, jvp, hvp, vhp. */
export const functional = { jacobian: F.jacobian, hessian: F.hessian, vjp: F.vjp, jvp: F.jvp, hvp: F.hvp, vhp: F.vhp };
/** torch.autograd.function (the module): Function, FunctionCtx, once_differentiable. */
const functionNs = { Function, FunctionCtx, once_differentiable };
export { functionNs as function };
/** torch.autograd.graph: saved_tensors_hooks, save_on_cpu, disable_saved_tensors_hooks. */
export const graph = graphNs;
/** torch.autograd.grad_mode (the module). */
export const grad_mode = { no_grad, enable_grad, set_grad_enabled, inference_mode, is_grad_enabled };
/** torch.autograd.anomaly_mode (the module). */
export const anomaly_mode = { detect_anomaly, set_detect_anomaly };

/** Gradients of outputs with respect to inputs, returned instead of accumulated in `.grad`. */
export function grad(
  outputs: Tensor | Tensor[], inputs: Tensor | Tensor[],
  opts: BackwardOptions & { grad_outputs?: Tensor | (Tensor | null)[] | null; allow_unused?: boolean } = {},
): (Tensor | null)[] {
  const outs = Array.isArray(outputs) ? outputs : [outputs];
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  const go = opts.grad_outputs == null ? outs.map(() => null)
    : Array.isArray(opts.grad_outputs) ? opts.grad_outputs : [opts.grad_outputs];
  for (const t of ins) {
    if (!t.requires_grad) throw new Error('One of the differentiated Tensors does not require grad');
  }
  return runBackward(outs, go, opts, ins, opts.allow_unused ?? false);
}

/** `torch.autograd.backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False)`. */
export function backward(tensors: Tensor | Tensor[], grad_tensors?: Tensor | (Tensor | null)[] | null, opts: BackwardOptions = {}): void {
  const outs = Array.isArray(tensors) ? tensors : [tensors];
  const go = grad_tensors == null ? outs.map(() => null) : Array.isArray(grad_tensors) ? grad_tensors : [grad_tensors];
  runBackward(outs, go, opts);
}

// ---------------------------------------------------------------- Variable

export interface VariableOptions {
  requires_grad?: boolean;
  /** Removed in PyTorch 0.4: warns and does nothing. */
  volatile?: boolean;
  _grad_fn?: null;
  name?: string | null;
}

type VariableArgs = [data?: Tensor | null | VariableOptions, requires_grad?: boolean | VariableOptions,
  volatile?: boolean | VariableOptions, _grad_fn?: null | VariableOptions, name?: string | null | VariableOptions, opts?: VariableOptions];

/** `torch.autograd.Variable`: callable (`Variable(t)`) and constructible (`new Variable(t)`); every tensor is one. */
export interface VariableConstructor {
  (...args: VariableArgs): Tensor;
  new (...args: VariableArgs): Tensor;
  [Symbol.hasInstance](x: unknown): x is Tensor;
}

const NAMES = ['data', 'requires_grad', 'volatile', '_grad_fn', 'name'];
const pyType = (v: unknown) => v === null ? 'NoneType' : Array.isArray(v) ? 'list' : typeof v === 'number'
  ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'string' ? 'str' : typeof v === 'boolean' ? 'bool'
    : typeof v === 'function' ? 'function' : isPlainObject(v) ? 'dict' : (v as object).constructor?.name ?? typeof v;

function variable(...args: unknown[]): Tensor {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const kw = n > 0 && isPlainObject(args[n - 1]) ? args[--n] as Record<string, unknown> : {};
  if (n > NAMES.length) throw new TypeError(`function takes at most ${NAMES.length} arguments (${n + Object.keys(kw).length} given)`);
  const o: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) o[NAMES[i]] = args[i];
  for (const [k, v] of Object.entries(kw)) {
    if (!NAMES.includes(k)) throw new TypeError(`'${k}' is an invalid keyword argument for this function`);
    if (k in o) throw new TypeError(`argument for function given by name ('${k}') and position (${NAMES.indexOf(k) + 1})`);
    o[k] = v;
  }
  const requiresGrad = Boolean(o.requires_grad ?? false);
  const volatile = Boolean(o.volatile ?? false);
  if (volatile) warnOnce('Variable volatile', 'volatile was removed and now has no effect. Use `with torch.no_grad():` instead.');
  if (volatile && requiresGrad) throw new RangeError("Variable can't be volatile and require_grad at the same time!");
  const gradFn = o._grad_fn ?? null;
  if (gradFn !== null) throw new TypeError(`_grad_fn has to be a Function object or None, but got ${pyType(gradFn)}`);
  const data = o.data ?? null;
  let v: Tensor;
  if (data === null) v = empty(0);
  else if (data instanceof Tensor) v = data.detach();
  else throw new TypeError(`Variable data has to be a tensor, but got ${pyType(data)}`);
  if (requiresGrad) v.requires_grad_(true);
  return v;
}
Object.defineProperty(variable, Symbol.hasInstance, { value: (x: unknown) => x instanceof Tensor });
Object.defineProperty(variable, 'name', { value: 'Variable' });

/**
 * The deprecated `torch.autograd.Variable(data, requires_grad=False)`: since PyTorch 0.4 a Variable is a tensor, and
 * this returns `data` detached (sharing its memory) with requires_grad set, as PyTorch does, so tutorials written with
 * it run unchanged. Every tensor is an `instanceof Variable`. `volatile` warns and does nothing.
 * @example const x = Variable(torch.ones(2, 2), { requires_grad: true })
 */
export const Variable = variable as unknown as VariableConstructor;
/** A Variable is a Tensor. */
export type Variable = Tensor;
