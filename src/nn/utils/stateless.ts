// torch.nn.utils.stateless.functional_call (PyTorch 1.13): call a module with some of its parameters and buffers
// replaced by given tensors for the length of the call (MAML-style inner loops, ensembles of weights), and put back
// afterwards, also when the call throws. The module's registry is not changed: named_parameters() during the call
// still lists the module's own parameters, as PyTorch's.
import { Tensor } from '../../tensor.js';
import { Module, _substituted } from '../module.js';
import { warnOnce } from '../../warn.js';

type Restore = () => void;

/** Replaces module.<name> by t; returns how to undo it. */
function substitute(module: Module, name: string, t: Tensor): Restore {
  module._sync();
  const own = Object.getOwnPropertyDescriptor(module, name);
  const rec = module as unknown as Record<string, unknown>;
  if (module._buffers.has(name)) {
    const old = module._buffers.get(name)!;
    module._buffers.set(name, t);   // the buffer's accessor reads the map (no keep: the tensor is the caller's)
    return () => { module._buffers.set(name, old); };
  }
  let names = _substituted.get(module);
  if (!names) _substituted.set(module, names = new Set());
  names.add(name);
  if (own && 'value' in own) Object.defineProperty(module, name, { ...own, value: t });
  else Object.defineProperty(module, name, { value: t, writable: true, enumerable: false, configurable: true });
  return () => {
    if (own) Object.defineProperty(module, name, own);
    else delete rec[name];
    names!.delete(name);
    if (names!.size === 0) _substituted.delete(module);
  };
}

/** The submodule at path[0..-1] of module, with Python's AttributeError wording for a missing one. */
function owner(module: Module, path: string[]): Module {
  let m = module;
  for (const p of path) {
    const c = (m as unknown as Record<string, unknown>)[p];
    if (!(c instanceof Module)) throw new Error(`'${m._getName()}' object has no attribute '${p}'`);
    m = c;
  }
  return m;
}

/**
 * `stateless.functional_call(module, parameters_and_buffers, args, kwargs=None)`: the result of `module(...args)` with
 * the parameters and buffers named by dotted keys (as in state_dict) replaced by the given tensors during the call;
 * the module's own are put back afterwards, also on error. `args` is an array of positional arguments, or one argument;
 * `kwargs` the trailing options object of the module's forward.
 *
 * @example
 * const params = Object.fromEntries([...net.named_parameters()].map(([k, p]) => [k, p.sub(p.grad!.mul(lr))]));
 * const out = stateless.functional_call(net, params, [x]);   // the adapted weights, differentiable
 */
export function functional_call(module: Module, parameters_and_buffers: Record<string, Tensor> | Map<string, Tensor>,
  args: unknown, kwargs: Record<string, unknown> | null = null): unknown {
  const entries = parameters_and_buffers instanceof Map ? [...parameters_and_buffers] : Object.entries(parameters_and_buffers);
  const restores: Restore[] = [];
  const replaced = new Map<unknown, Tensor>();
  try {
    for (const [name, t] of entries) {
      const path = name.split('.');
      const m = owner(module, path.slice(0, -1));
      const leaf = path[path.length - 1];
      if (leaf in m) {
        const old = (m as unknown as Record<string, unknown>)[leaf];
        if (!replaced.has(old)) replaced.set(old, t);
        else if (replaced.get(old) !== t) {
          warnOnce('functional_call tied', 'functional_call was passed multiple values for tied weights. This behavior is ' +
            'deprecated and will be an error in future versions');
        }
      }
      restores.push(substitute(m, leaf, t));
    }
    const a = Array.isArray(args) ? args : [args];
    const call = module as unknown as (...x: unknown[]) => unknown;
    return kwargs === null ? call(...a) : call(...a, kwargs);
  } finally {
    for (const r of restores.reverse()) r();
  }
}
