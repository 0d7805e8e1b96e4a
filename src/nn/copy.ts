// Python's copy.deepcopy for modules (what AveragedModel and the Transformer stacks copy): modules, parameters,
// buffers, Maps, arrays and plain objects copied, shared structure kept shared (a memo, as Python's), functions and
// other objects shared.
import { Tensor } from '../tensor.js';
import { keep } from '../lifetime.js';
import { no_grad } from '../autograd.js';
import { Module, Parameter } from './module.js';

/**
 * A deep copy (Python's `copy.deepcopy`): a module's parameters and buffers are new tensors with the same values
 * (parameters stay Parameters with their requires_grad; buffers are kept), its children copied, a tensor or module
 * reached twice copied once. The copy has the original's class (a parametrized module's too).
 */
export function deepcopy<V>(v: V, memo = new Map<unknown, unknown>()): V {
  if (v === null || typeof v !== 'object' && !((v as unknown) instanceof Module)) return v;
  if (memo.has(v)) return memo.get(v) as V;
  let out: unknown;
  if (v instanceof Tensor) {
    const c = no_grad(() => v.detach().clone());
    out = v instanceof Parameter ? Object.setPrototypeOf(new Parameter(c, v.requires_grad), Object.getPrototypeOf(v))
      : keep(c.requires_grad_(v.requires_grad));
    if (v instanceof Parameter) c.dispose();
  } else if (v instanceof Map) out = new Map();
  else if (v instanceof Set) out = new Set(v);
  else if (Array.isArray(v)) out = [];
  else if (v instanceof Module || Object.getPrototypeOf(v) === Object.prototype) {
    out = v instanceof Module ? Object.setPrototypeOf(new Module(), Object.getPrototypeOf(v)) : {};
  } else return v;
  memo.set(v, out);
  if (v instanceof Map) for (const [k, x] of v) (out as Map<unknown, unknown>).set(k, deepcopy(x, memo));
  else if (Array.isArray(v)) v.forEach((x) => (out as unknown[]).push(deepcopy(x, memo)));
  else if (!(v instanceof Tensor) && !(v instanceof Set)) {
    for (const k of Reflect.ownKeys(v as object)) {
      const d = Object.getOwnPropertyDescriptor(v, k)!;
      if ('value' in d) Object.defineProperty(out, k, { ...d, value: deepcopy(d.value, memo) });
    }
    // buffers are accessors over the module's own map: registered again on the copy
    if (v instanceof Module) for (const [k, b] of (out as Module)._buffers) (out as Module).register_buffer(k, b, !v._nonPersistent.has(k));
  }
  return out as V;
}
