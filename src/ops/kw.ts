// PyTorch's keyword arguments for the shape ops (`torch.cat(ts, dim=1)`, `x.unsqueeze(dim=0)`): the
// trailing options object is bound to the parameter names; without one the arguments pass as they are.
import { bind } from '../optim/optimizer.js';

const isPlain = (v: unknown) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** `fn`'s arguments after the tensor, in `names` order, from positions and/or a trailing options object. */
export function kwargs(fn: string, names: readonly string[], defaults: Record<string, unknown>, args: readonly unknown[]): unknown[] {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  if (!n || !isPlain(args[n - 1])) return args as unknown[];
  if (n < args.length) args = args.slice(0, n);
  const o = bind(fn, names, [], defaults, args, 1);
  return names.map((n) => o[n]);
}

/** The options object of an op with a `dim` argument. */
export type DimKw = { dim?: number };
