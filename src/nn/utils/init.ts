// torch.nn.utils.skip_init (PyTorch 1.13's torch/nn/utils/init.py).
import { get_rng_state, set_rng_state } from '../../ops/create.js';
import { isPlainObject } from '../../optim/optimizer.js';
import { Module } from '../module.js';

/**
 * `nn.utils.skip_init(module_cls, *args, **kwargs)`: the module, built without initializing it: the default
 * generator is left where it was (PyTorch builds it on the meta device, which draws nothing). The parameter values are
 * unspecified, as PyTorch's uninitialized memory is (here: what the constructor computed); initialize them yourself.
 * The class must take a `device` argument, as PyTorch requires.
 * @example const lin = nn.utils.skip_init(nn.Linear, 10, 5)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function skip_init<C extends new (...args: any) => Module>(module_cls: C, ...args: unknown[]): InstanceType<C> {
  if (typeof module_cls !== 'function') throw new TypeError('issubclass() arg 1 must be a class');
  if (!(module_cls.prototype instanceof Module)) throw new Error(`Expected a Module; got ${(module_cls as { name?: string }).name}`);
  const a = [...args] as unknown[];
  const last = a.length ? a[a.length - 1] : undefined;
  const kw = isPlainObject(last) ? { ...last } : {};
  if (isPlainObject(last)) a.pop();
  kw.device = kw.device ?? 'cpu';
  const state = get_rng_state();
  try {
    return new module_cls(...(a as never[]), kw as never) as InstanceType<C>;
  } catch (e) {
    if (e instanceof TypeError && /unexpected keyword argument 'device'/.test(e.message)) {
      throw new Error("Module must support a 'device' arg to skip initialization");
    }
    throw e;
  } finally {
    set_rng_state(state);
  }
}
