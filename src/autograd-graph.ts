// torch.autograd.graph (PyTorch 1.13): hooks on the tensors autograd saves for backward. PyTorch's context managers
// are functions of a callback here, as torch.no_grad is: `graph.saved_tensors_hooks(pack, unpack, () => forward())`.
import type { Tensor } from './tensor.js';
import { savedTensorsHooks, type PackHook, type UnpackHook, type HookPair } from './autograd.js';
import { currentScope } from './lifetime.js';

export type { PackHook, UnpackHook };

/** Runs fn with `hooks` pushed on the stack (popped after, also on error; an async fn keeps them until it settles). */
function withHooks<T>([pack, unpack]: [PackHook, UnpackHook], fn: () => T): T {
  if (savedTensorsHooks.disabled !== null) throw new Error(savedTensorsHooks.disabled);
  const stack = savedTensorsHooks.stack;
  const hooks: HookPair = [pack, unpack, currentScope()];
  stack.push(hooks);
  let async = false;
  try {
    const r = fn();
    if (r instanceof Promise) {
      async = true;
      return r.finally(() => { stack.splice(stack.lastIndexOf(hooks), 1); }) as T;
    }
    return r;
  } finally {
    if (!async) stack.splice(stack.lastIndexOf(hooks), 1);
  }
}

/**
 * `with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):` as a function of a callback: every tensor
 * an op saves for backward while fn runs goes through `pack_hook(tensor)` (with grad mode off), and backward reads it
 * as `unpack_hook(packed)`, which must return a tensor of the same values (PyTorch's error otherwise). Hooks nest; the
 * innermost applies. Versions are not checked through hooks, as in PyTorch.
 *
 * @example
 * const y = graph.saved_tensors_hooks((t) => t.clone(), (t) => t as Tensor, () => x.pow(2).sum());
 */
export function saved_tensors_hooks<T>(pack_hook: (tensor: Tensor) => unknown, unpack_hook: (packed: any) => Tensor, // eslint-disable-line @typescript-eslint/no-explicit-any
  fn: () => T): T {
  if (typeof pack_hook !== 'function' || typeof unpack_hook !== 'function' || typeof fn !== 'function') {
    throw new TypeError('saved_tensors_hooks(pack_hook, unpack_hook, fn): three functions');
  }
  return withHooks([pack_hook, unpack_hook], fn);
}

/**
 * `with torch.autograd.graph.save_on_cpu(pin_memory=False):` as a function of a callback: saved tensors are packed as
 * (device, CPU copy) and moved back when unpacked. tocha's tensors are always on the CPU (WebAssembly memory), so this
 * is the identity there, as it is in PyTorch for CPU tensors.
 * @example const loss = graph.save_on_cpu(() => model(x).sum())
 */
export function save_on_cpu<T>(...args: [fn: () => T] | [pin_memory: boolean | { pin_memory?: boolean }, fn: () => T]): T {
  const fn = args[args.length - 1] as () => T;
  const pack = (t: Tensor): [string, Tensor] => ['cpu', t];
  const unpack = (p: unknown): Tensor => (p as [string, Tensor])[1];
  return withHooks([pack, unpack], fn);
}

/**
 * `with torch.autograd.graph.disable_saved_tensors_hooks(error_message):` as a function of a callback: while fn runs,
 * registering saved tensors hooks raises an error with `error_message` (PyTorch's RuntimeError).
 */
export function disable_saved_tensors_hooks<T>(error_message: string, fn: () => T): T {
  const prev = savedTensorsHooks.disabled;
  savedTensorsHooks.disabled = error_message;
  try {
    return fn();
  } finally {
    savedTensorsHooks.disabled = prev;
  }
}
