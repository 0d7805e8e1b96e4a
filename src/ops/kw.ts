// PyTorch's keyword arguments for the shape ops (`torch.cat(ts, dim=1)`, `x.unsqueeze(dim=0)`): the
// trailing options object is bound to the parameter names; without one the arguments pass as they are.
import { bind, NUMPY_NAMES } from '../optim/optimizer.js';
import { Tensor } from '../tensor.js';

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
export type DimKw = { dim?: number; axis?: number };   // axis: NumPy's name, as PyTorch's parser takes it

/**
 * The arguments of a PyTorch native function (`torch.batch_norm`, `torch.kl_div`, ...) with one signature:
 * `names` in its order (the tensors included), positional values then a trailing options object, `defaults`
 * for the optional ones; `kwOnly` may only come by name. PyTorch's TypeErrors for too many, unknown,
 * repeated or missing arguments (its "missing 1 required positional arguments" wording included).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function native(fn: string, names: readonly string[], defaults: Record<string, unknown>, args: ArrayLike<unknown>,
  kwOnly: readonly string[] = []): Record<string, any> {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const kw = n > 0 && isPlain(args[n - 1]) ? args[--n] as Record<string, unknown> : {};
  if (n > names.length) {
    throw new TypeError(`${fn}() takes ${names.length} positional argument${names.length === 1 ? '' : 's'} but ${n} were given`);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const out: Record<string, any> = {};
  for (let i = 0; i < n; i++) if (args[i] !== undefined) out[names[i]] = args[i];
  for (const key of Object.keys(kw)) {
    if (kw[key] === undefined) continue;
    let k = key;
    if (!names.includes(k) && !kwOnly.includes(k)) {
      // NumPy's names, as PyTorch's argument parser takes them (x.topk(1, axis=1)): bind's table
      const alias = NUMPY_NAMES[key];
      if (!alias || (!names.includes(alias) && !kwOnly.includes(alias))) {
        throw new TypeError(`${fn}() got an unexpected keyword argument '${key}'`);
      }
      k = alias;
    }
    if (k in out) throw new TypeError(`${fn}() got multiple values for argument '${k}'`);
    out[k] = kw[key];
  }
  const missing = names.filter((k) => !(k in out) && !(k in defaults));
  if (missing.length) {
    throw new TypeError(`${fn}() missing ${missing.length} required positional argument${missing.length === 1 ? 's' : ''}: ` +
      missing.map((m) => `"${m}"`).join(', '));
  }
  for (const k in defaults) if (!(k in out)) out[k] = defaults[k];
  return out;
}

/**
 * `native` for the arguments after a function's `lead` leading tensors (`torch.topk(x, k, dim, ...)`: lead 1), whose
 * "takes from 2 to 5 positional arguments but 6 were given" counts them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function nativeAfter(fn: string, lead: number, names: readonly string[], defaults: Record<string, unknown>,
  args: ArrayLike<unknown>, kwOnly: readonly string[] = []): Record<string, any> {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const pos = n > 0 && isPlain(args[n - 1]) ? n - 1 : n;
  if (pos > names.length) {
    const lo = lead + names.filter((k) => !(k in defaults)).length;
    const hi = lead + names.length;
    throw new TypeError(`${fn}() takes ${lo < hi ? `from ${lo} to ` : ''}${hi} positional argument${hi > 1 ? 's' : ''} but ${pos + lead} were given`);
  }
  return native(fn, names, defaults, args, kwOnly);
}

/** A value's Python type name, as PyTorch's argument parser prints it. */
export function pyType(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  return (v as object).constructor?.name ?? typeof v;
}

/** "argument 'k' (position 2)" as PyTorch's parser names an argument given by position; "argument 'k'" (null) for
 *  one given by name. */
const argName = (name: string, position: number | null) => `argument '${name}'${position === null ? '' : ` (position ${position})`}`;

/** The position PyTorch's messages give `args[i]` (after `lead` leading arguments): null when it came by name (it
 *  is not among the positional values). */
export function argPosition(args: ArrayLike<unknown>, i: number, lead = 0): number | null {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  if (n > 0 && isPlain(args[n - 1])) n--;
  return i < n && args[i] !== undefined ? lead + i + 1 : null;
}

/** PyTorch's parser check of a Tensor argument: `relu(): argument 'input' (position 1) must be Tensor, not list`
 *  (a JavaScript array where a tensor goes is a list to PyTorch); `position` null for one given by name. */
export function tensorArg(fn: string, name: string, position: number | null, v: unknown): Tensor {
  if (!(v instanceof Tensor)) throw new TypeError(`${fn}(): ${argName(name, position)} must be Tensor, not ${pyType(v)}`);
  return v;
}

/** PyTorch's parser check of an `int` argument: `kl_div(): argument 'reduction' (position 3) must be int, not str`. */
export function intArg(fn: string, name: string, position: number | null, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new TypeError(`${fn}(): ${argName(name, position)} must be int, not ${pyType(v)}`);
  }
  return v;
}

/** An int as PyTorch's parser takes one: a JavaScript number that is an integer (a bool is not). */
const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);

/** A value that stays the op's own where an int goes: an options object. */
const objectValue = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Tensor);

/** A Tensor where PyTorch's parser takes an int: its value, as Python's `__index__` reads a 0-d integer tensor
 *  (`x.narrow(1, torch.tensor(1), 2)`, `x.tril(torch.tensor(1))`), or undefined for any other (a float, a bool, one
 *  of one element but 1-d), which PyTorch refuses where an int goes. */
export function tensorIndex(v: unknown): number | undefined {
  return v instanceof Tensor && v._shape.length === 0 && v.dtype.name === 'int64' ? v.item() as number : undefined;
}

/** Python's `int(t)` of a tensor of one element (truncated), or undefined: what Tensor.split, written in Python, makes of
 *  a Tensor split size (`x.split(torch.tensor(2), 1)`). */
export function tensorInt(v: Tensor): number | undefined {
  return v.numel() === 1 ? Math.trunc(Number(v.item())) : undefined;
}

/**
 * PyTorch's parser check of an `int` (`kind` 'i') or tuple of ints ('t', 'T' for its SymInts) argument `v`, given at
 * `position` (null: by name): `tril(): argument 'diagonal' (position 2) must be int, not float`, `roll(): argument
 * 'shifts' must be tuple of ints, but found element of type str at pos 2`. `one`: a single int passes for the tuple
 * (IntArrayRef[1]); `nullable`: null passes; undefined (left out) always does.
 */
export function intsArg(fn: string, name: string, kind: string, one: boolean, nullable: boolean, position: number | null,
  v: unknown): unknown {
  if (v === undefined || (kind === 'i' || one) && isInt(v) || (v === null ? nullable : objectValue(v))) return v;
  // (a 0-d integer tensor is an int, not a tuple of ints: roll(): argument 'shifts' must be tuple of ints, not Tensor)
  const i = kind === 'i' ? tensorIndex(v) : undefined;
  if (i !== undefined) return i;
  if (kind !== 'i' && Array.isArray(v)) return intElements(fn, name, kind, position, v, true) ?? v;
  throw new TypeError(`${fn}(): ${argName(name, position)} must be ${intKind(kind)}, not ${pyType(v)}`);
}

/** PyTorch's words for an int argument's type. */
const intKind = (kind: string) => kind === 'i' ? 'int' : kind === 'T' ? 'tuple of SymInts' : 'tuple of ints';

/** The elements of a tuple of ints (`list`: an array; else a method's arguments, x.repeat(2, 1)): PyTorch takes a
 *  list by its first element, then names a later one that is not an int by its place. The elements with each 0-d
 *  integer tensor's value in its place (x.permute([torch.tensor(1), 0])), or null where there is none. */
export function intElements(fn: string, name: string, kind: string, position: number | null, v: ArrayLike<unknown>,
  list: boolean): unknown[] | null {
  let values: unknown[] | null = null;
  for (let i = 0; i < v.length; i++) {
    const e = v[i];
    if (isInt(e) || objectValue(e) || !list && i > 0 && e === undefined) continue;
    const index = tensorIndex(e);
    if (index !== undefined) {
      (values ??= Array.from(v))[i] = index;
      continue;
    }
    if (i === 0) throw new TypeError(`${fn}(): ${argName(name, position)} must be ${intKind(kind)}, not ${list ? 'list' : pyType(e)}`);
    throw new TypeError(`${fn}(): argument '${name}' must be ${intKind(kind)}, but found element of type ${pyType(e)} at pos ${i + 1}`);
  }
  return values;
}

/** PyTorch's parser check of a `bool` argument: `fill_diagonal_(): argument 'wrap' (position 2) must be bool, not int`. */
export function boolArg(fn: string, name: string, position: number | null, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new TypeError(`${fn}(): ${argName(name, position)} must be bool, not ${pyType(v)}`);
  return v;
}

/** PyTorch's parser check of a `str` argument: `segment_reduce(): argument 'reduce' (position 2) must be str, not int`. */
export function strArg(fn: string, name: string, position: number | null, v: unknown): string {
  if (typeof v !== 'string') throw new TypeError(`${fn}(): ${argName(name, position)} must be str, not ${pyType(v)}`);
  return v;
}
