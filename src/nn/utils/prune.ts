// torch.nn.utils.prune (PyTorch 1.13's torch/nn/utils/prune.py): a pruned parameter `name` becomes the parameter
// `name_orig`, a buffer `name_mask` and a plain attribute `name = name_mask * name_orig` that a forward pre-hook (the
// pruning method itself, callable as PyTorch's is) recomputes before every forward. Pruning the same parameter again
// puts the methods in a PruningContainer, which applies the newest one to the part the earlier masks left.
//
// Amounts follow Python's int / float split: an integer number (3) is a count of entries, a fraction (0.3) a share.
// JavaScript has one kind of number, so 1 is one entry, as Python's `1` (Python's `1.0`, "everything", is `amount`
// equal to the tensor's size here).
import { Tensor } from '../../tensor.js';
import { scoped } from '../../lifetime.js';
import { no_grad } from '../../autograd.js';
import * as C from '../../ops/create.js';
import { Module, Parameter } from '../module.js';
import { parameters_to_vector } from './clip_grad.js';
import { bind } from '../../optim/optimizer.js';
import * as O from '../../ops/sorting.js';

const TEMP = 'the end of the nn.utils.prune call that made it (an internal temporary)';
type Rec = Record<string, unknown>;
const attr = (m: Module, k: string): Tensor => (m as unknown as Record<string, Tensor>)[k];
const isPlain = (v: unknown): v is Rec => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
/** Python's `<class '...'>` of a value, for the type errors. */
function pyType(v: unknown): string {
  if (v === null || v === undefined) return "<class 'NoneType'>";
  if (typeof v === 'number') return Number.isInteger(v) ? "<class 'int'>" : "<class 'float'>";
  if (typeof v === 'string') return "<class 'str'>";
  if (typeof v === 'boolean') return "<class 'bool'>";
  if (Array.isArray(v)) return "<class 'list'>";
  return `<class '${(v as object).constructor?.name ?? 'object'}'>`;
}
/** A pruning class's Python name: torch.nn.utils.prune's own, or a user's (`__main__`). */
const qualName = (cls: Function) => `${BUILTIN.has(cls) ? 'torch.nn.utils.prune' : '__main__'}.${cls.name}`; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
/** Python's round(): halves to even. */
function pyRound(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
/** A pruning method's PRUNING_TYPE: a static field of its class, as Python's class attribute. */
const pruningType = (m: BasePruningMethod): string | undefined => (m.constructor as typeof BasePruningMethod).PRUNING_TYPE;

/**
 * Base class of the pruning methods, as `prune.BasePruningMethod`. A subclass sets `static PRUNING_TYPE`
 * ('unstructured', 'structured' (with a `dim` field) or 'global') and implements `compute_mask(t, default_mask)`.
 * An instance is callable as a forward pre-hook `method(module, inputs)`, which recomputes the pruned tensor.
 *
 * @example
 * class FooBarPruningMethod extends prune.BasePruningMethod {
 *   static PRUNING_TYPE = 'unstructured';
 *   compute_mask(t: Tensor, default_mask: Tensor) { const mask = default_mask.clone(); mask.view(-1).set(torch.slice(null, null, 2), 0); return mask; }
 * }
 * FooBarPruningMethod.apply(model.fc3, 'bias');
 */
export abstract class BasePruningMethod {
  static PRUNING_TYPE: string | undefined = undefined;
  declare _tensor_name: string;

  constructor() {
    const fn = ((module: Module, inputs: unknown[]) => (fn as unknown as BasePruningMethod).__call__(module, inputs)) as unknown as Rec;
    delete fn.name;
    delete fn.length;
    Object.setPrototypeOf(fn, new.target.prototype);
    return fn as unknown as BasePruningMethod;
  }

  /** The forward pre-hook: `module.<name> = mask * orig`. */
  __call__(module: Module, inputs?: unknown[]): void {
    void inputs;
    setPruned(module, this._tensor_name, this.apply_mask(module));
  }

  /** The mask for `t` (the importance scores), combined with `default_mask` (the mask so far). */
  abstract compute_mask(t: Tensor, default_mask: Tensor): Tensor;

  /** `mask * orig` from the module's `<name>_mask` buffer and `<name>_orig` parameter. */
  apply_mask(module: Module): Tensor {
    if (this._tensor_name === undefined || this._tensor_name === null) throw assertion(`Module ${module} has to be pruned`);
    const mask = attr(module, `${this._tensor_name}_mask`);
    const orig = attr(module, `${this._tensor_name}_orig`);
    return mask.to(orig.dtype).mul(orig);
  }

  /**
   * Adds the pruning reparametrization of `module.<name>` on the fly, as PyTorch's classmethod `apply(module, name,
   * *args, importance_scores=None, **kwargs)`: `args` go to the constructor, a trailing options object's
   * `importance_scores` is taken out and the rest goes to the constructor as its options.
   */
  static apply(module: Module, name: string, ...args: unknown[]): BasePruningMethod {
    let importance_scores: Tensor | null = null;
    const last = args[args.length - 1];
    if (isPlain(last) && 'importance_scores' in last) {
      const { importance_scores: s, ...rest } = last;
      importance_scores = (s as Tensor | null | undefined) ?? null;
      args = Object.keys(rest).length ? [...args.slice(0, -1), rest] : args.slice(0, -1);
    }
    const Cls = this as unknown as new (...a: unknown[]) => BasePruningMethod;
    return applyMethod(module, name, () => new Cls(...args), importance_scores);
  }

  /** The pruned version of `t` (`t * mask`), without touching any module. */
  prune(t: Tensor, default_mask: Tensor | null = null, importance_scores: Tensor | null = null): Tensor {
    return scoped(() => {
      if (importance_scores !== null) {
        if (!sameShape(importance_scores, t)) throw assertion('importance_scores should have the same shape as tensor t');
      } else importance_scores = t;
      const dm = default_mask ?? C.ones_like(t);
      return t.mul(this.compute_mask(importance_scores, dm));
    }, TEMP);
  }

  /** Makes the pruning permanent: `<name>` is the parameter again, holding the pruned values. */
  remove(module: Module): void {
    if (this._tensor_name === undefined || this._tensor_name === null) {
      throw assertion(`Module ${module} has to be pruned            before pruning can be removed`);
    }
    const name = this._tensor_name;
    const rec = module as unknown as Rec;
    const orig = module._parameters.get(`${name}_orig`)!;
    const mask = attr(module, `${name}_mask`);
    no_grad(() => { orig.data = this.apply_mask(module); });   // PyTorch's orig.data = weight.data
    const old = rec[name] as Tensor | undefined;
    delete rec[name];
    if (old instanceof Tensor && !(old instanceof Parameter) && !old._released) old.dispose();
    module._parameters.delete(`${name}_orig`);
    delete rec[`${name}_orig`];
    module._buffers.delete(`${name}_mask`);
    module._nonPersistent.delete(`${name}_mask`);
    delete rec[`${name}_mask`];
    if (mask && !mask._released) mask.dispose();   // the module's own buffer, dropped as PyTorch drops it
    rec[name] = orig;
    module._sync();
  }

  toString(): string { return `<${qualName(this.constructor)} object>`; }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}

/** Python's AssertionError (an Error named so). */
function assertion(msg: string): Error {
  return Object.assign(new Error(msg), { name: 'AssertionError' });
}
const sameShape = (a: Tensor, b: Tensor) => a._shape.length === b._shape.length && a._shape.every((s, i) => s === b._shape[i]);

/** Sets the pruned tensor as a plain attribute, kept past scopes, releasing the one it replaces. */
function setPruned(m: Module, name: string, w: Tensor): void {
  const rec = m as unknown as Record<string, Tensor | undefined>;
  const old = rec[name];
  rec[name] = w.keep();
  if (old && old !== w && !(old instanceof Parameter) && !old._released) old.dispose();
}

/** The pruning method on `module`'s `name`, if any (there is at most one: later ones join a PruningContainer). */
function hookOf(module: Module, name: string): [number, BasePruningMethod] | null {
  for (const [k, hook] of module._forwardPreHooks) {
    if (hook instanceof BasePruningMethod && hook._tensor_name === name) return [k, hook];
  }
  return null;
}

function applyMethod(module: Module, name: string, make: () => BasePruningMethod, importance_scores: Tensor | null): BasePruningMethod {
  // _get_composite_method
  let old: [number, BasePruningMethod] | null = null;
  let found = 0;
  for (const [k, hook] of module._forwardPreHooks) {
    if (hook instanceof BasePruningMethod && hook._tensor_name === name) { old = [k, hook]; found++; }
  }
  if (found > 1) {
    throw assertion(`Avoid adding multiple pruning hooks to the                same tensor ${name} of module ${module}. Use a PruningContainer.`);
  }
  if (old) module._forwardPreHooks.delete(old[0]);
  let method = make();
  method._tensor_name = name;
  if (old) {
    if (old[1] instanceof PruningContainer) {
      old[1].add_pruning_method(method);
      method = old[1];
    } else {
      const container = new PruningContainer(old[1]);
      container.add_pruning_method(method);
      method = container;
    }
  }
  const orig = attr(module, name);
  const fresh = !(method instanceof PruningContainer);
  return scoped(() => {
    if (importance_scores !== null) {
      if (!sameShape(importance_scores, orig)) {
        throw assertion(`importance_scores should have the same shape as parameter                 ${name} of ${module}`);
      }
    } else importance_scores = orig;
    let default_mask: Tensor;
    const old_mask = fresh ? null : attr(module, `${name}_mask`);
    if (fresh) {
      module.register_parameter(`${name}_orig`, orig as Parameter);
      module._parameters.delete(name);
      delete (module as unknown as Rec)[name];
      default_mask = C.ones_like(orig);
    } else {
      default_mask = attr(module, `${name}_mask`).detach().clone();
    }
    try {
      const mask = method.compute_mask(importance_scores, default_mask);
      module.register_buffer(`${name}_mask`, mask);
      if (old_mask && old_mask !== mask && !old_mask._released) old_mask.dispose();   // the mask it replaces, the module's own
      setPruned(module, name, method.apply_mask(module));
      module.register_forward_pre_hook(method as unknown as (m: Module, a: unknown[]) => void);
    } catch (e) {
      if (fresh) {
        const o = attr(module, `${name}_orig`) as Parameter;
        module.register_parameter(name, o);
        module._parameters.delete(`${name}_orig`);
        delete (module as unknown as Rec)[`${name}_orig`];
      }
      throw e;
    }
    return method;
  }, TEMP);
}

/**
 * A sequence of pruning methods applied one after the other to the same parameter (`prune.PruningContainer`): each
 * new mask is computed on what the earlier ones kept, as the newest method's PRUNING_TYPE says.
 */
export class PruningContainer extends BasePruningMethod {
  _pruning_methods: BasePruningMethod[] = [];

  constructor(...args: BasePruningMethod[]) {
    super();
    if (args.length === 1) {
      this._tensor_name = args[0]._tensor_name;
      this.add_pruning_method(args[0]);
    } else {
      for (const m of args) this.add_pruning_method(m);
    }
  }

  /** Adds a method acting on the same parameter. */
  add_pruning_method(method: BasePruningMethod | null): void {
    if (!(method instanceof BasePruningMethod) && method !== null) {
      throw new TypeError(`${pyType(method)} is not a BasePruningMethod subclass`);
    } else if (method !== null && this._tensor_name !== method._tensor_name) {
      throw new RangeError(`Can only add pruning methods acting on the parameter named '${this._tensor_name}' to ` +
        `PruningContainer ${this}. Found '${method._tensor_name}'`);
    }
    this._pruning_methods.push(method!);
  }

  get length(): number { return this._pruning_methods.length; }
  [Symbol.iterator](): Iterator<BasePruningMethod> { return this._pruning_methods[Symbol.iterator](); }
  /** `container[idx]`. */
  at(idx: number): BasePruningMethod | undefined { return this._pruning_methods.at(idx); }

  /** The newest method's mask on the part of `t` that `default_mask` keeps, written into `default_mask`. */
  compute_mask(t: Tensor, default_mask: Tensor): Tensor {
    const method = this._pruning_methods[this._pruning_methods.length - 1];
    const new_mask = default_mask.to(t.dtype);
    const type = pruningType(method);
    let slc: (Tensor | null)[];
    if (type === 'unstructured') {
      slc = [default_mask.eq(1)];
    } else if (type === 'structured') {
      const m = method as unknown as { dim?: number };
      if (!('dim' in m)) throw new Error('Pruning methods of PRUNING_TYPE "structured" need to have the attribute `dim` defined.');
      const n_dims = t.dim();
      let dim = m.dim!;
      if (dim < 0) dim = n_dims + dim;
      if (dim < 0) throw new RangeError(`Index is out of bounds for tensor with dimensions ${n_dims}`);
      const others = [...Array(n_dims).keys()].filter((d) => d !== dim);
      const keep_channel = default_mask.sum(others).ne(0);
      slc = Array(n_dims).fill(null);
      slc[dim] = keep_channel;
    } else if (type === 'global') {
      slc = Array(t._shape.length).fill(null);
    } else {
      throw new RangeError(`Unrecognized PRUNING_TYPE ${type === undefined ? 'None' : type}`);
    }
    const idx = slc.length ? slc : ['...'] as const;
    // the part still unpruned, without a graph (a mask is not differentiable)
    const partial_mask = method.compute_mask(no_grad(() => t.index(...idx)), default_mask.index(...idx));
    new_mask.set(...idx, partial_mask.to(new_mask.dtype));
    return new_mask;
  }
}

/** Leaves the tensor as it is (`prune.Identity`): a mask of ones. */
export class Identity extends BasePruningMethod {
  static override PRUNING_TYPE = 'unstructured';
  compute_mask(t: Tensor, default_mask: Tensor): Tensor { void t; return default_mask; }
  static override apply(module: Module, name: string): BasePruningMethod {
    return applyMethod(module, name, () => new Identity(), null);
  }
}

/** Checks an amount as _validate_pruning_amount_init: a non-negative integer or a fraction in [0, 1]. */
function checkAmount(amount: unknown): number {
  if (typeof amount !== 'number') throw new TypeError(`Invalid type for amount: ${amount}. Must be int or float.`);
  if ((Number.isInteger(amount) && amount < 0) || (!Number.isInteger(amount) && (amount > 1 || amount < 0))) {
    throw new RangeError(`amount=${amount} should either be a float in the range [0, 1] or a non-negative integer`);
  }
  return amount;
}
/** How many entries (or channels) of `size` to prune, checked against the size. */
function toPrune(amount: number, size: number): number {
  const n = Number.isInteger(amount) ? amount : pyRound(amount * size);
  if (Number.isInteger(amount) && amount > size) {
    throw new RangeError(`amount=${amount} should be smaller than the number of parameters to prune=${size}`);
  }
  return n;
}
function checkStructured(t: Tensor, dim: number): void {
  if (t._shape.length <= 1) {
    throw new RangeError(`Structured pruning can only be applied to multidimensional tensors. Found tensor of shape ${t.shape} with ${t._shape.length} dims`);
  }
  if (dim >= t.dim()) throw new RangeError(`Invalid index ${dim} for tensor of size ${t.shape}`);
}
/** A mask of zeros with ones at `sel` (indices or a bool mask) along `dim`. */
function channelMask(t: Tensor, dim: number, sel: Tensor): Tensor {
  const mask = C.zeros_like(t);
  const slc: (Tensor | null)[] = Array(t._shape.length).fill(null);
  slc[dim < 0 ? dim + slc.length : dim] = sel;   // Python's slc[dim] counts a negative dim from the end
  mask.set(...slc, 1);
  return mask;
}

/** Prunes `amount` entries chosen at random (`prune.RandomUnstructured`). */
export class RandomUnstructured extends BasePruningMethod {
  static override PRUNING_TYPE = 'unstructured';
  amount: number;
  constructor(...args: [amount: number] | [{ amount: number }]) {
    super();
    this.amount = checkAmount(bind('RandomUnstructured.__init__', ['amount'], [], {}, args, 1, true).amount);
  }
  compute_mask(t: Tensor, default_mask: Tensor): Tensor {
    const n = toPrune(this.amount, t.nelement());
    const mask = default_mask.clone();
    if (n !== 0) {
      const prob = C.rand_like(t);
      const [, indices] = O.topk(prob.view(-1), n);
      mask.view(-1).set(indices, 0);
    }
    return mask;
  }
  static override apply(module: Module, name: string, ...args: unknown[]): BasePruningMethod {
    const o = bind('apply', ['amount'], [], {}, args, 3, true);
    return applyMethod(module, name, () => new RandomUnstructured(o.amount), null);
  }
}

/** Prunes the `amount` entries of smallest absolute value (`prune.L1Unstructured`). */
export class L1Unstructured extends BasePruningMethod {
  static override PRUNING_TYPE = 'unstructured';
  amount: number;
  constructor(...args: [amount: number] | [{ amount: number }]) {
    super();
    this.amount = checkAmount(bind('L1Unstructured.__init__', ['amount'], [], {}, args, 1, true).amount);
  }
  compute_mask(t: Tensor, default_mask: Tensor): Tensor {
    const n = toPrune(this.amount, t.nelement());
    const mask = default_mask.clone();
    if (n !== 0) {
      const [, indices] = no_grad(() => O.topk(t.abs().view(-1), n, { largest: false }));
      mask.view(-1).set(indices, 0);
    }
    return mask;
  }
  static override apply(module: Module, name: string, ...args: unknown[]): BasePruningMethod {
    const o = bind('apply', ['amount', 'importance_scores'], [], { importance_scores: null }, args, 3, true);
    return applyMethod(module, name, () => new L1Unstructured(o.amount), o.importance_scores);
  }
}

/** Prunes `amount` channels along `dim` chosen at random (`prune.RandomStructured`). */
export class RandomStructured extends BasePruningMethod {
  static override PRUNING_TYPE = 'structured';
  amount: number;
  dim: number;
  constructor(...args: [amount: number, dim?: number] | [amount: number, opts: { dim?: number }] | [{ amount: number; dim?: number }]) {
    super();
    const o = bind('RandomStructured.__init__', ['amount', 'dim'], [], { dim: -1 }, args, 1, true);
    this.amount = checkAmount(o.amount);
    this.dim = o.dim;
  }
  compute_mask(t: Tensor, default_mask: Tensor): Tensor {
    checkStructured(t, this.dim);
    const size = t._shape.at(this.dim)!;
    const n = toPrune(this.amount, size);
    if (n === 0) return default_mask;
    const prob = C.rand(size);
    const [threshold] = O.kthvalue(prob, n);
    const mask = channelMask(t, this.dim, prob.gt(threshold));
    mask.mul_(default_mask.to(mask.dtype));
    return mask;
  }
  static override apply(module: Module, name: string, ...args: unknown[]): BasePruningMethod {
    const o = bind('apply', ['amount', 'dim'], [], { dim: -1 }, args, 3, true);
    return applyMethod(module, name, () => new RandomStructured(o.amount, o.dim), null);
  }
}

/** Prunes the `amount` channels along `dim` of smallest L`n` norm (`prune.LnStructured`). */
export class LnStructured extends BasePruningMethod {
  static override PRUNING_TYPE = 'structured';
  amount: number;
  n: number | string;
  dim: number;
  constructor(...args: [amount: number, n: number | string, dim?: number] | [amount: number, n: number | string, opts: { dim?: number }] |
    [{ amount: number; n: number | string; dim?: number }]) {
    super();
    const o = bind('LnStructured.__init__', ['amount', 'n', 'dim'], [], { dim: -1 }, args, 1, true);
    this.amount = checkAmount(o.amount);
    this.n = o.n;
    this.dim = o.dim;
  }
  compute_mask(t: Tensor, default_mask: Tensor): Tensor {
    checkStructured(t, this.dim);
    const size = t._shape.at(this.dim)!;
    const n = toPrune(this.amount, size);
    // (no graph: the ranking gives indices)
    const [, indices] = no_grad(() => O.topk(computeNorm(t, this.n, this.dim), size - n, { largest: true }));
    if (n === 0) return default_mask;
    const mask = channelMask(t, this.dim, indices);
    mask.mul_(default_mask.to(mask.dtype));
    return mask;
  }
  static override apply(module: Module, name: string, ...args: unknown[]): BasePruningMethod {
    const o = bind('apply', ['amount', 'n', 'dim', 'importance_scores'], [], { importance_scores: null }, args, 3, true);
    return applyMethod(module, name, () => new LnStructured(o.amount, o.n, o.dim), o.importance_scores);
  }
}

/** The L`n` norm of every slice along `dim` (torch.norm over the other dims). */
function computeNorm(t: Tensor, n: number | string, dim: number): Tensor {
  const dims = [...Array(t.dim()).keys()];
  if (dim < 0) dim = dims.at(dim)!;
  dims.splice(dims.indexOf(dim), 1);
  return t.norm(n as number, dims);
}

/** Prunes where a given mask is 0 (`prune.CustomFromMask`). */
export class CustomFromMask extends BasePruningMethod {
  static override PRUNING_TYPE = 'global';
  mask: Tensor;
  constructor(...args: [mask: Tensor] | [{ mask: Tensor }]) {
    super();
    this.mask = bind('CustomFromMask.__init__', ['mask'], [], {}, args, 1, true).mask;
  }
  compute_mask(t: Tensor, default_mask: Tensor): Tensor {
    void t;
    if (!sameShape(default_mask, this.mask)) throw assertion('');
    return default_mask.mul(this.mask.to(default_mask.dtype));
  }
  static override apply(module: Module, name: string, ...args: unknown[]): BasePruningMethod {
    const o = bind('apply', ['mask'], [], {}, args, 3, true);
    return applyMethod(module, name, () => new CustomFromMask(o.mask), null);
  }
}

/** `prune.identity(module, name)`: the reparametrization with a mask of ones. */
export function identity<M extends Module>(module: M, ...args: [name: string] | [{ name: string }]): M {
  const o = bind('identity', ['name'], [], {}, args, 1, true);
  Identity.apply(module, o.name);
  return module;
}

/** `prune.random_unstructured(module, name, amount)`: prunes `amount` entries at random. */
export function random_unstructured<M extends Module>(module: M, ...args: unknown[]): M {
  const o = bind('random_unstructured', ['name', 'amount'], [], {}, args, 1, true);
  RandomUnstructured.apply(module, o.name, o.amount);
  return module;
}

/** `prune.l1_unstructured(module, name, amount, importance_scores=None)`: prunes the `amount` smallest by |value|. */
export function l1_unstructured<M extends Module>(module: M, ...args: unknown[]): M {
  const o = bind('l1_unstructured', ['name', 'amount', 'importance_scores'], [], { importance_scores: null }, args, 1, true);
  L1Unstructured.apply(module, o.name, o.amount, o.importance_scores);
  return module;
}

/** `prune.random_structured(module, name, amount, dim)`: prunes `amount` channels along `dim` at random. */
export function random_structured<M extends Module>(module: M, ...args: unknown[]): M {
  const o = bind('random_structured', ['name', 'amount', 'dim'], [], {}, args, 1, true);
  RandomStructured.apply(module, o.name, o.amount, o.dim);
  return module;
}

/**
 * `prune.ln_structured(module, name, amount, n, dim, importance_scores=None)`: prunes the `amount` channels along
 * `dim` of smallest L`n` norm.
 */
export function ln_structured<M extends Module>(module: M, ...args: unknown[]): M {
  const o = bind('ln_structured', ['name', 'amount', 'n', 'dim', 'importance_scores'], [], { importance_scores: null }, args, 1, true);
  LnStructured.apply(module, o.name, o.amount, o.n, o.dim, o.importance_scores);
  return module;
}

/**
 * `prune.global_unstructured(parameters, pruning_method, importance_scores=None, **kwargs)`: one unstructured method
 * (built with the options) over all the (module, name) pairs at once, each then pruned with its part of the mask.
 *
 * @example
 * prune.global_unstructured([[model.conv1, 'weight'], [model.fc1, 'weight']], prune.L1Unstructured, { amount: 0.2 });
 */
export function global_unstructured(parameters: Iterable<readonly [Module, string]>, pruning_method: new (...a: any[]) => BasePruningMethod, // eslint-disable-line @typescript-eslint/no-explicit-any
  opts: { importance_scores?: Map<Module, Map<string, Tensor>> | null; [k: string]: unknown } = {}): void {
  if (parameters === null || parameters === undefined || typeof (parameters as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new TypeError('global_unstructured(): parameters is not an Iterable');
  }
  const { importance_scores, ...kwargs } = opts;
  if (importance_scores !== undefined && importance_scores !== null && !(importance_scores instanceof Map)) {
    throw new TypeError('global_unstructured(): importance_scores must be of type dict');
  }
  const params = [...parameters];
  scoped(() => {
    const relevant = no_grad(() => parameters_to_vector(params.map(([m, name]) => importance_scores?.get(m)?.get(name) ?? attr(m, name))));
    const default_mask = parameters_to_vector(params.map(([m, name]) => attr(m, `${name}_mask`) ?? C.ones_like(attr(m, name))));
    const container = new PruningContainer();
    container._tensor_name = 'temp';
    const method = new pruning_method(kwargs);
    method._tensor_name = 'temp';
    if (pruningType(method) !== 'unstructured') {
      throw new TypeError(`Only "unstructured" PRUNING_TYPE supported for the \`pruning_method\`. Found method <class '${qualName(pruning_method)}'> ` +
        `of type ${pruningType(method)}`);
    }
    container.add_pruning_method(method);
    const final_mask = container.compute_mask(relevant, default_mask);
    let pointer = 0;
    for (const [m, name] of params) {
      const param = attr(m, name);
      const num = param.numel();
      const param_mask = final_mask.narrow(0, pointer, num).view_as(param);
      custom_from_mask(m, name, param_mask);
      pointer += num;
    }
  }, TEMP);
}

/** `prune.custom_from_mask(module, name, mask)`: prunes where `mask` is 0. */
export function custom_from_mask<M extends Module>(module: M, ...args: [name: string, mask: Tensor] | [{ name: string; mask: Tensor }]): M {
  const o = bind('custom_from_mask', ['name', 'mask'], [], {}, args, 1, true);
  CustomFromMask.apply(module, o.name, o.mask);
  return module;
}

/** `prune.remove(module, name)`: makes the pruning of `name` permanent and removes its reparametrization and hook. */
export function remove<M extends Module>(module: M, name: string): M {
  const found = hookOf(module, name);
  if (found) {
    found[1].remove(module);
    module._forwardPreHooks.delete(found[0]);
    return module;
  }
  throw new RangeError(`Parameter '${name}' of module ${module} has to be pruned before pruning can be removed`);
}

/** `prune.is_pruned(module)`: whether any submodule has a pruning hook. */
export function is_pruned(module: Module): boolean {
  for (const [, sub] of module.named_modules()) {
    for (const hook of sub._forwardPreHooks.values()) if (hook instanceof BasePruningMethod) return true;
  }
  return false;
}

const BUILTIN = new Set<unknown>([PruningContainer, Identity, RandomUnstructured, L1Unstructured, RandomStructured, LnStructured, CustomFromMask]);
