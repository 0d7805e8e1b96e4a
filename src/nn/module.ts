// nn.Module and nn.Parameter, after PyTorch's torch/nn/modules/module.py.
//
// Registration: a Module or Parameter assigned to a field is registered under the field's name.
// The fields are scanned lazily (own enumerable properties, in insertion order) whenever the
// module's structure is read; register_parameter / add_module / register_buffer sync first, so
// field assignments and explicit registrations keep one order, as PyTorch's dicts do.
// Buffers are held in `_buffers` and exposed as accessor properties.
//
// Calling: the constructor returns a function object whose prototype is the subclass's, so
// `net(x)` runs `__call__` (pre-hooks, forward, hooks) and `net.forward(x)` works too. The
// interface merged with the class gives the call the forward's own parameter and return types.
import { Tensor, Size } from '../tensor.js';
import { float32, toDType, type DType, type DTypeLike } from '../dtype.js';
import { toFormat, toTarget, checkDevice, device, type ToArg } from '../device.js';
import { keep } from '../lifetime.js';
import { no_grad } from '../autograd.js';
import { moduleRepr, formatSize } from '../print.js';
import * as E from '../ops/elementwise.js';
import { bind } from '../optim/optimizer.js';
import { checkClassMethods } from '../tensor-args.js';
import { BackwardHook, type FullBackwardHook } from './backward-hook.js';

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/** A Tensor that is a module parameter: requires grad by default and is never released automatically. */
export class Parameter extends Tensor {
  /** `nn.Parameter(data, requires_grad=True)`: shares data's storage. */
  constructor(data?: Tensor | null, requires_grad = true) {
    const d = data ?? Tensor._empty([0], float32);
    super(d._live().retain(), d._shape.slice(), d.dtype, d._strides.slice(), d._offset);
    keep(this);
    if (requires_grad) this.requires_grad = true;
    // The garbage collector cannot see wasm memory: an (untouched, so unpaged) ArrayBuffer of the
    // same size tells it what a dropped model holds, so models dropped in a loop get collected.
    this._gcHint = new ArrayBuffer(this.numel() * 4);
  }

  /** Only there to be counted by the garbage collector (see the constructor). */
  private _gcHint: ArrayBuffer;

  override toString(): string {
    return 'Parameter containing:\n' + super.toString();
  }

  [inspectCustom](): string {
    if (this._released) return `Parameter(<released by ${this._releasedBy}>)`;
    return this.toString();
  }
}

// ---------------------------------------------------------------- uninitialized parameters and buffers

/** What PyTorch raises when an uninitialized tensor is used by an op (its __torch_function__'s ValueError). */
function uninitializedUse(cls: string): RangeError {
  return new RangeError(`Attempted to use an uninitialized parameter in a tensor operation. This error happens when you are ` +
    `using a \`LazyModule\` or explicitly manipulating \`torch.nn.parameter.${cls}\` objects. When using LazyModules Call ` +
    '`forward` with a dummy batch to initialize the parameters before calling torch functions');
}

const SHAPE_ERROR = "Can't access the shape of an uninitialized parameter or buffer. This error usually happens in " +
  '`load_state_dict` when trying to load an uninitialized parameter into an initialized one. Call `forward` to initialize ' +
  'the parameters before accessing their attributes.';

/** Makes t (empty, 1-D) uninitialized: any op that reads its shape raises PyTorch's ValueError. */
function hideShape(t: Tensor, cls: string): void {
  Object.defineProperty(t, '_shape', { get: () => { throw uninitializedUse(cls); }, configurable: true, enumerable: true });
}

/** Gives t `shape` as an ordinary tensor of that shape (fresh memory) and makes it an instance of `to`. */
function materializeAs(t: Tensor, shape: readonly number[] | number, dtype: unknown, to: object): void {
  const dims = typeof shape === 'number' ? [shape] : [...shape];
  if (dtype != null && dtype !== float32) {
    throw new TypeError(`tocha: materialize() makes float32 tensors only, got dtype=${String(dtype)}`);
  }
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`Trying to create tensor with negative dimension ${d}: [${dims.join(', ')}]`);
  }
  Object.defineProperty(t, '_shape', { value: [0], writable: true, enumerable: true, configurable: true });
  const fresh = Tensor._empty(dims, float32);
  no_grad(() => { t.data = fresh; });
  fresh.dispose();
  Object.setPrototypeOf(t, to);
}

/**
 * A parameter whose shape is not known yet, as `torch.nn.UninitializedParameter(requires_grad=True)`: what lazy
 * modules hold until their first forward. It has no data; using it in an op raises PyTorch's error.
 * `materialize(shape)` turns it, in place, into an ordinary Parameter (so an optimizer made before keeps working).
 */
export class UninitializedParameter extends Parameter {
  static cls_to_become: typeof Parameter = Parameter;
  constructor(requires_grad = true, device: unknown = null, dtype: unknown = null) {
    void device;
    if (dtype != null && dtype !== float32) throw new TypeError(`tocha: parameters are float32, got dtype=${String(dtype)}`);
    super(null, requires_grad);
    hideShape(this, 'UninitializedParameter');
  }

  /** Becomes a Parameter of `shape` (uninitialized memory), as PyTorch's `materialize(shape)`. */
  materialize(shape: readonly number[] | number, device: unknown = null, dtype: unknown = null): void {
    void device;
    materializeAs(this, shape, dtype, (this.constructor as typeof UninitializedParameter).cls_to_become.prototype);
    (this as unknown as { _gcHint: ArrayBuffer })._gcHint = new ArrayBuffer(this.numel() * 4);
  }

  override get shape(): Size {
    throw new Error(SHAPE_ERROR);
  }

  /** PyTorch allows size() (the empty data's): torch.Size([0]). */
  override size(): Size;
  override size(dim: number): number;
  override size(dim?: number): Size | number {
    return dim === undefined ? Size.of2([0]) : [0][dim < 0 ? dim + 1 : dim];
  }

  override toString(): string {
    return `<${this._getClassName()}>`;
  }

  private _getClassName(): string {
    return Object.getPrototypeOf(this).constructor.name;
  }
}

/**
 * A buffer whose shape is not known yet, as `torch.nn.UninitializedBuffer(requires_grad=False)` (lazy batch
 * norms' running statistics); `materialize(shape)` turns it into an ordinary tensor.
 */
export class UninitializedBuffer extends Tensor {
  static cls_to_become: typeof Tensor = Tensor;
  constructor(requires_grad = false, device: unknown = null, dtype: unknown = null) {
    void device;
    if (dtype != null && dtype !== float32) throw new TypeError(`tocha: buffers are float32 here, got dtype=${String(dtype)}`);
    const d = Tensor._empty([0], float32);
    super(d._live().retain(), [0], float32);
    d.dispose();
    keep(this);
    if (requires_grad) this.requires_grad = true;
    hideShape(this, 'UninitializedBuffer');
  }

  /** Becomes a tensor of `shape` (uninitialized memory), as PyTorch's `materialize(shape)`. */
  materialize(shape: readonly number[] | number, device: unknown = null, dtype: unknown = null): void {
    void device;
    materializeAs(this, shape, dtype, (this.constructor as typeof UninitializedBuffer).cls_to_become.prototype);
  }

  override get shape(): Size {
    throw new Error(SHAPE_ERROR);
  }

  override size(): Size;
  override size(dim: number): number;
  override size(dim?: number): Size | number {
    return dim === undefined ? Size.of2([0]) : [0][dim < 0 ? dim + 1 : dim];
  }

  override toString(): string {
    return `<${Object.getPrototypeOf(this).constructor.name}>`;
  }

  [inspectCustom](): string {
    return this.toString();
  }
}

/** Whether t is an uninitialized parameter or buffer (PyTorch's `torch.nn.parameter.is_lazy`). */
export function is_lazy(t: unknown): t is UninitializedParameter | UninitializedBuffer {
  return t instanceof UninitializedParameter || t instanceof UninitializedBuffer;
}

/**
 * A module constructor's optional arguments as PyTorch's `__init__` takes them: each by position (in
 * PyTorch's order) or in a trailing options object: `new nn.Conv2d(1, 8, 3, 2, 1)` is
 * `new nn.Conv2d(1, 8, 3, { stride: 2, padding: 1 })`.
 */
export type Args<T extends unknown[], O> = [...{ [K in keyof T]?: T[K] | O }, O?];

/**
 * A module constructor's arguments, every one of PyTorch's `__init__` parameters by position or by name:
 * the required ones `R` (named `K`, in order) then the optional ones `P` by position, the rest in a trailing
 * options object `O`; or from any required one on, everything by name. `Init<[in_features: number,
 * out_features: number], ['in_features', 'out_features'], [bias: boolean], { bias?: boolean }>` takes
 * `(4, 3)`, `(4, 3, false)`, `(4, 3, { bias: false })`, `(4, { out_features: 3 })` and
 * `({ in_features: 4, out_features: 3, bias: false })`.
 */
export type Init<R extends unknown[], K extends readonly string[], P extends unknown[], O> =
  [...R, ...Args<P, O>] | ByName<R, K, O>;
// From the last required argument back: the ones before it by position, it and the rest by name.
type ByName<R extends unknown[], K extends readonly string[], O, RS extends unknown[] = [], KS extends readonly string[] = []> =
  R extends [...infer RI, infer RL] ? K extends readonly [...infer KI extends readonly string[], infer KL extends string]
    ? [...RI, opts: Named<O, [RL, ...RS], [KL, ...KS]>] | ByName<RI, KI, O, [RL, ...RS], [KL, ...KS]>
    : never : never;
type Named<O, R extends unknown[], K extends readonly string[]> = Flat<O & Zip<R, K>>;
type Zip<R extends unknown[], K extends readonly string[]> = R extends [infer H, ...infer RT]
  ? K extends readonly [infer KH extends string, ...infer KT extends readonly string[]] ? { [k in KH]: H } & Zip<RT, KT> : unknown
  : unknown;
type Flat<T> = { [k in keyof T]: T[k] };

/** PyTorch's factory keywords of a module that makes parameters: tocha makes them on the CPU as float32. */
export interface FactoryKwargs {
  device?: string | device | null;
  dtype?: DTypeLike | null;
}
/** `device, dtype` by position, after a module's own parameters. */
export type Factory = [device: string | device | null, dtype: DTypeLike | null];

/**
 * Binds a module constructor's arguments (`names`, in PyTorch's order, after `lead` already taken; the first
 * `required` of them have no default): unknown keys, a value given twice, missing ones and too many positional
 * values throw PyTorch's TypeError (`cls` names the class whose `__init__` PyTorch runs: '_BatchNorm' for
 * BatchNorm2d); keywords in `kwOnly` only by name. With `dev` (layers with parameters) PyTorch's device and dtype
 * follow: the CPU and float32 are accepted, anything else is an error.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function initArgs(cls: string, lead: number, names: readonly string[], defaults: Record<string, unknown>,
  args: readonly unknown[], kwOnly: readonly string[] = [], dev = true, required = 0): Record<string, any> {
  const all = dev ? [...names, 'device', 'dtype'] : names;
  // the first `required` names have no default: missing, they are Python's TypeError
  const d = Object.fromEntries([...all, ...kwOnly].slice(required).map((k) => [k, defaults[k]]));
  const o = bind(`${cls}.__init__`, all, kwOnly, d, args, lead + 1, undefined, true);
  if (dev) checkFactory(cls, o.device, o.dtype);
  return o;
}

/** The device and dtype a module was asked to make its parameters with: the CPU and float32 only. */
function checkFactory(cls: string, dev: unknown, dtype: unknown): void {
  if (dev !== undefined && dev !== null) {
    if (!(dev instanceof device) && typeof dev !== 'string') {
      throw new TypeError(`${cls}: argument 'device' must be a device or a string, not ${describe(dev)}`);
    }
    checkDevice(dev);
  }
  if (dtype !== undefined && dtype !== null) {
    let t: DType;
    try {
      t = toDType(dtype as DTypeLike);
    } catch {
      throw new TypeError(`${cls}: argument 'dtype' must be a torch.dtype, not ${describe(dtype)}`);
    }
    if (t !== float32) {
      throw new TypeError(`${cls}: tocha makes module parameters as torch.float32 only (dtype=${t} is not supported)`);
    }
  }
}

/** A value as an argument error shows it: `an object {"a":1}`, `the string 'x'`, `NaN`, `2.5`. */
export function describe(v: unknown): string {
  if (v === null) return 'None';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return `the string '${v}'`;
  if (typeof v === 'function') return `a function${v.name ? ` (${v.name})` : ''}`;
  if (v instanceof Tensor) return `a Tensor of shape [${v._shape.join(', ')}]`;
  if (Array.isArray(v)) {
    const item = (x: unknown) => (typeof x === 'string' ? `'${x}'` : typeof x === 'object' && x !== null ? '...' : String(x));
    return `a list [${v.map(item).join(', ')}]`;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return `a ${proto?.constructor?.name ?? 'object'}`;
  let s: string;
  try {
    s = JSON.stringify(v);
  } catch {
    s = '{...}';
  }
  return `an object ${s.length > 80 ? `${s.slice(0, 77)}...` : s}`;
}

/** What a constructor argument must be: an int, an int or a list of ints (a size or a tuple), a number, with `?` null too. */
export type ArgKind = 'int' | 'int?' | 'ints' | 'ints?' | 'intlist' | 'float' | 'float?' | 'floats?' | 'str' | 'module' | 'module?';
const KIND_TEXT: Record<string, string> = {
  int: 'an int', ints: 'an int or a tuple of ints', intlist: 'a tuple of ints', float: 'a number',
  floats: 'a number or a tuple of numbers', str: 'a string', module: 'a Module',
};

/**
 * Checks the types of a module's bound arguments (`o`, from initArgs), so a wrong value gives an error that
 * names the module and the argument rather than a NaN or `[object Object]` further on:
 * `Embedding: argument 'embedding_dim' must be an int, not an object {"dim":3}`.
 */
export function checkArgs(cls: string, o: Record<string, unknown>, kinds: Record<string, ArgKind>): void {
  for (const [name, kind] of Object.entries(kinds)) {
    const v = o[name];
    const nullable = kind.endsWith('?');
    if (v === undefined || (nullable && v === null)) continue;
    const k = nullable ? kind.slice(0, -1) : kind;
    const int = (x: unknown) => typeof x === 'number' && Number.isInteger(x);
    const num = (x: unknown) => typeof x === 'number' && !Number.isNaN(x);
    const list = (x: unknown, each: (y: unknown) => boolean) => Array.isArray(x) && x.length > 0 && x.every(each);
    const ok = k === 'int' ? int(v)
      : k === 'ints' ? int(v) || list(v, int)
        : k === 'intlist' ? list(v, int)
          : k === 'float' ? num(v)
            : k === 'floats' ? num(v) || list(v, num)
              : k === 'str' ? typeof v === 'string'
                : v instanceof Module;
    if (!ok) {
      throw new TypeError(`${cls}: argument '${name}' must be ${KIND_TEXT[k]}${nullable ? ' or None' : ''}, not ${describe(v)}`);
    }
  }
}

/** A Parameter that takes over a freshly made tensor (the temporary wrapper is released). */
export function ownParameter(t: Tensor): Parameter {
  const p = new Parameter(t);
  t.dispose();
  return p;
}

/**
 * What `load_state_dict` returns: `{missing_keys, unexpected_keys}` (PyTorch's `_IncompatibleKeys`), printed
 * as PyTorch prints it: `<All keys matched successfully>`, or `_IncompatibleKeys(missing_keys=[...], ...)`.
 */
export class IncompatibleKeys {
  constructor(readonly missing_keys: string[], readonly unexpected_keys: string[]) {}
  toString(): string {
    if (!this.missing_keys.length && !this.unexpected_keys.length) return '<All keys matched successfully>';
    const list = (keys: string[]) => `[${keys.map((k) => `'${k}'`).join(', ')}]`;
    return `_IncompatibleKeys(missing_keys=${list(this.missing_keys)}, unexpected_keys=${list(this.unexpected_keys)})`;
  }
  [inspectCustom](): string {
    return this.toString();
  }
}

export type StateDict = Record<string, Tensor>;

/** A handle whose `remove()` unregisters a hook. */
export class RemovableHandle {
  private static nextId = 0;
  readonly id = RemovableHandle.nextId++;
  constructor(private readonly hooks: Map<number, unknown>) {}
  remove(): void {
    this.hooks.delete(this.id);
  }
}

export type ForwardPreHook = (module: Module, args: unknown[]) => unknown[] | unknown | void;
export type ForwardHook = (module: Module, args: unknown[], output: unknown) => unknown | void;

/** Python's repr() of a string key: single quotes, or double ones when it holds a single quote and no double one. */
const reprKey = (k: string) => {
  const q = k.includes("'") && !k.includes('"') ? '"' : "'";
  return q + k.replace(/\\/g, '\\\\').replaceAll(q, `\\${q}`).replace(/\n/g, '\\n') + q;
};
/** A state_dict's str(): PyTorch's OrderedDict repr. */
function orderedDictRepr(this: Record<string, unknown>): string {
  const items = Object.entries(this).map(([k, v]) => `(${reprKey(k)}, ${String(v)})`);
  return items.length ? `OrderedDict([${items.join(', ')}])` : 'OrderedDict()';
}

/** The parameter names `nn.utils.stateless.functional_call` has replaced on a module during its call (src/nn/utils/stateless.ts). */
export const _substituted = new WeakMap<Module, Set<string>>();

const INTERNAL = [
  'training', '_parameters', '_buffers', '_nonPersistent', '_modules', '_forwardHooks', '_forwardPreHooks',
  '_backwardHooks', '_fields',
] as const;

function typeName(t: Tensor): string {
  return t.dtype === float32 ? 'torch.FloatTensor' : t.dtype.name === 'int64' ? 'torch.LongTensor' : 'torch.BoolTensor';
}

// The call signature takes the subclass's forward types: `net(x)` is typed as `net.forward(x)`.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Module {
  (...args: Parameters<this['forward']>): ReturnType<this['forward']>;
}

/**
 * Base class for all neural network modules, as `torch.nn.Module`.
 *
 * @example
 * class Net extends nn.Module {
 *   fc = new nn.Linear(4, 2);
 *   forward(x: Tensor) { return this.fc(x).relu(); }
 * }
 * const y = new Net()(torch.randn(3, 4));
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Module {
  /** The version of this module's state_dict layout (PyTorch's `_version`), saved in its `_metadata`. */
  static _version = 1;
  declare training: boolean;
  declare _parameters: Map<string, Parameter | null>;
  declare _buffers: Map<string, Tensor | null>;
  declare _nonPersistent: Set<string>;
  declare _modules: Map<string, Module | null>;
  declare _forwardHooks: Map<number, ForwardHook>;
  declare _forwardPreHooks: Map<number, ForwardPreHook>;
  declare _backwardHooks: Map<number, FullBackwardHook>;
  /** The registry names that came from own fields: only those leave the registry when their field is deleted (an entry
   *  put straight into `_modules` or `_parameters`, as `self._modules[str(idx)] = module` does, stays). */
  declare _fields: Set<string>;

  /** PyTorch 1.13's `Module.__init__(self)` takes nothing: a module class without its own constructor neither. */
  constructor(...args: [opts?: Record<string, never>]) {
    checkClassMethods(Module, 'Module');   // its public methods' arguments as PyTorch's (net.eval(1) is a TypeError)
    if (args.length) initArgs('Module', 0, [], {}, args, [], false);
    const fn = ((...args: unknown[]) => (fn as unknown as Module)._call(args)) as unknown as Record<string, unknown>;
    // Fields named `name` or `length` must be free for subclasses.
    delete fn.name;
    delete fn.length;
    Object.setPrototypeOf(fn, new.target.prototype);
    const init: Record<(typeof INTERNAL)[number], unknown> = {
      training: true,
      _parameters: new Map(),
      _buffers: new Map(),
      _nonPersistent: new Set(),
      _modules: new Map(),
      _forwardHooks: new Map(),
      _forwardPreHooks: new Map(),
      _backwardHooks: new Map(),
      _fields: new Set(),
    };
    for (const k of INTERNAL) Object.defineProperty(fn, k, { value: init[k], writable: true, enumerable: false, configurable: true });
    return fn as unknown as Module;
  }

  /** The computation; subclasses override it. */
  forward(...args: any[]): any { // eslint-disable-line @typescript-eslint/no-explicit-any
    void args;
    throw new Error(`Module [${this._getName()}] is missing the required "forward" function`);
  }

  /** `module(*args)`: forward pre-hooks, forward, forward hooks (and the full backward hooks' setup). */
  _call(args: unknown[]): unknown {
    if (this._forwardPreHooks.size === 0 && this._forwardHooks.size === 0 && this._backwardHooks.size === 0) {
      return this.forward(...args);
    }
    let a = args;
    for (const hook of [...this._forwardPreHooks.values()]) {
      const r = hook(this, a);
      if (r !== undefined) a = Array.isArray(r) ? r : [r];
    }
    const bw = this._backwardHooks.size ? new BackwardHook(this, [...this._backwardHooks.values()]) : null;
    if (bw) a = bw.setupInputs(a);
    let out = this.forward(...a);
    for (const hook of [...this._forwardHooks.values()]) {
      const r = hook(this, a, out);
      if (r !== undefined) out = r;
    }
    return bw ? bw.setupOutputs(out) : out;
  }

  /** The class name PyTorch prints. */
  _getName(): string {
    return Object.getPrototypeOf(this)?.constructor?.name ?? 'Module';
  }

  // ---------------------------------------------------------------- registration

  /** Brings `_parameters`/`_modules` up to date with the module's own fields. */
  _sync(): void {
    const seen = new Set<string>();
    const substituted = _substituted.get(this);
    for (const key of Object.keys(this)) {
      const v = (this as unknown as Record<string, unknown>)[key];
      seen.add(key);
      if (substituted?.has(key)) continue;   // functional_call's value for its call: the registry keeps the parameter
      if (v instanceof Parameter) {
        this._fields.add(key);
        this._modules.delete(key);
        this._parameters.set(key, v);
      } else if (v instanceof Module) {
        this._fields.add(key);
        this._parameters.delete(key);
        this._modules.set(key, v);
      } else if (this._parameters.has(key)) {
        if (v === null || v === undefined) this._parameters.set(key, null);
        else {
          const bad = v instanceof Tensor ? `'${typeName(v)}'` : `'${typeof v}'`;
          throw new TypeError(`cannot assign ${bad} as parameter '${key}' (torch.nn.Parameter or None expected)`);
        }
      } else if (this._modules.has(key)) {
        if (v === null || v === undefined) this._modules.set(key, null);
        else throw new TypeError(`cannot assign '${typeof v}' as child module '${key}' (torch.nn.Module or None expected)`);
      }
    }
    // Fields deleted with `delete m.x` leave the registry too.
    for (const k of this._parameters.keys()) if (!seen.has(k) && this._fields.has(k)) this._parameters.delete(k);
    for (const k of this._modules.keys()) if (!seen.has(k) && this._fields.has(k)) this._modules.delete(k);
  }

  private checkName(kind: string, name: string): void {
    if (typeof name !== 'string') throw new TypeError(`${kind} name should be a string. Got ${typeof name}`);
    if (name.includes('.')) throw new Error(`${kind} name can't contain "."`);
    if (name === '') throw new Error(`${kind} name can't be empty string ""`);
  }

  /** Adds a parameter (or null) under `name`, as `register_parameter`. */
  register_parameter(name: string, param: Parameter | null): void {
    this.checkName('parameter', name);
    const v = param as unknown;
    if (v !== null && !(v instanceof Parameter)) {
      throw new TypeError(`cannot assign '${v instanceof Tensor ? typeName(v) : typeof v}' object to parameter '${name}' (torch.nn.Parameter or None required)`);
    }
    if (this._buffers.has(name)) throw new Error(`attribute '${name}' already exists`);
    this._sync();
    this._parameters.set(name, param);
    this._fields.add(name);
    Object.defineProperty(this, name, { value: param, writable: true, enumerable: true, configurable: true });
  }

  /** Adds a child module (or null) under `name`, as `add_module`. */
  add_module(name: string, module: Module | null): void {
    this.checkName('module', name);
    if (module !== null && !((module as unknown) instanceof Module)) throw new TypeError(`${typeof module} is not a Module subclass`);
    if (this._buffers.has(name)) throw new Error(`attribute '${name}' already exists`);
    this._sync();
    this._modules.set(name, module);
    this._fields.add(name);
    Object.defineProperty(this, name, { value: module, writable: true, enumerable: true, configurable: true });
  }

  register_module(name: string, module: Module | null): void {
    this.add_module(name, module);
  }

  /**
   * Adds a buffer: state that is not a parameter (BatchNorm's running_mean). It is kept (never
   * released automatically) and appears in state_dict unless `persistent` is false.
   */
  register_buffer(name: string, tensor: Tensor | null, persistent = true): void {
    this.checkName('buffer', name);
    if (tensor !== null && !(tensor instanceof Tensor)) {
      throw new TypeError(`cannot assign '${typeof tensor}' object to buffer '${name}' (torch Tensor or None required)`);
    }
    this._sync();
    if (this._parameters.has(name) || this._modules.has(name)) throw new Error(`attribute '${name}' already exists`);
    if (tensor) keep(tensor);
    this._buffers.set(name, tensor);
    if (persistent) this._nonPersistent.delete(name);
    else this._nonPersistent.add(name);
    const buffers = this._buffers;
    Object.defineProperty(this, name, {
      get: () => buffers.get(name) ?? null,
      set: (v: Tensor | null) => {
        if (v !== null && !(v instanceof Tensor)) {
          throw new TypeError(`cannot assign '${typeof v}' as buffer '${name}' (torch.Tensor or None expected)`);
        }
        if (v) keep(v);
        buffers.set(name, v);
      },
      enumerable: false,
      configurable: true,
    });
  }

  /** The submodule at a dotted path, as `get_submodule('encoder.fc')`. */
  get_submodule(target: string): Module {
    if (target === '') return this;
    let m: Module = this;
    for (const item of target.split('.')) {
      m._sync();
      const c = m._modules.get(item);
      if (!c) throw new Error(`${m._getName()} has no attribute \`${item}\``);
      m = c;
    }
    return m;
  }

  get_parameter(target: string): Parameter {
    const i = target.lastIndexOf('.');
    const mod = this.get_submodule(i < 0 ? '' : target.slice(0, i));
    const name = target.slice(i + 1);
    mod._sync();
    const p = mod._parameters.get(name);
    if (!p) throw new Error(`${mod._getName()} has no parameter \`${name}\``);
    return p;
  }

  // ---------------------------------------------------------------- traversal

  /** Every module once, with dotted names, this one first (`named_modules`). */
  *named_modules(memo: Set<Module> = new Set(), prefix = '', remove_duplicate = true): IterableIterator<[string, Module]> {
    if (remove_duplicate && memo.has(this)) return;
    if (remove_duplicate) memo.add(this);
    yield [prefix, this];
    this._sync();
    for (const [name, m] of this._modules) {
      if (!m) continue;
      yield* m.named_modules(memo, prefix ? `${prefix}.${name}` : name, remove_duplicate);
    }
  }

  *modules(): IterableIterator<Module> {
    for (const [, m] of this.named_modules()) yield m;
  }

  *named_children(): IterableIterator<[string, Module]> {
    this._sync();
    const memo = new Set<Module>();
    for (const [name, m] of this._modules) {
      if (m && !memo.has(m)) {
        memo.add(m);
        yield [name, m];
      }
    }
  }

  *children(): IterableIterator<Module> {
    for (const [, m] of this.named_children()) yield m;
  }

  private *namedMembers<T>(
    get: (m: Module) => Map<string, T | null>, prefix: string, recurse: boolean, removeDuplicate = true,
  ): IterableIterator<[string, T]> {
    const memo = new Set<T>();
    const mods: Iterable<[string, Module]> = recurse ? this.named_modules(new Set(), prefix, removeDuplicate) : [[prefix, this]];
    for (const [modPrefix, m] of mods) {
      m._sync();
      for (const [k, v] of get(m)) {
        if (v === null || v === undefined || (removeDuplicate && memo.has(v))) continue;
        if (removeDuplicate) memo.add(v);
        yield [modPrefix ? `${modPrefix}.${k}` : k, v];
      }
    }
  }

  /** Parameters with dotted names; a parameter shared by two modules comes once. */
  named_parameters(prefix = '', recurse = true, remove_duplicate = true): IterableIterator<[string, Parameter]> {
    return this.namedMembers((m) => m._parameters, prefix, recurse, remove_duplicate);
  }

  *parameters(recurse = true): IterableIterator<Parameter> {
    for (const [, p] of this.named_parameters('', recurse)) yield p;
  }

  named_buffers(prefix = '', recurse = true, remove_duplicate = true): IterableIterator<[string, Tensor]> {
    return this.namedMembers((m) => m._buffers, prefix, recurse, remove_duplicate);
  }

  *buffers(recurse = true): IterableIterator<Tensor> {
    for (const [, b] of this.named_buffers('', recurse)) yield b;
  }

  // ---------------------------------------------------------------- state

  /**
   * Parameters and persistent buffers by dotted name, in registration order, as detached tensors
   * sharing the module's storage (`keep_vars: true` gives the parameters themselves).
   */
  state_dict(opts: { prefix?: string; keep_vars?: boolean; destination?: StateDict } = {}): StateDict {
    let dest = opts.destination;
    if (!dest) {
      // PyTorch's `_metadata` ({prefix: {version}} per module), not enumerated: torch.save writes it
      dest = {};
      Object.defineProperty(dest, '_metadata', { value: new Map(), writable: true, configurable: true });
      // printed as PyTorch prints the OrderedDict: OrderedDict([('weight', tensor(...)), ...])
      Object.defineProperty(dest, 'toString', { value: orderedDictRepr, writable: true, configurable: true });
    }
    this.saveTo(dest, opts.prefix ?? '', opts.keep_vars ?? false);
    return dest;
  }

  private saveTo(dest: StateDict, prefix: string, keepVars: boolean): void {
    this._sync();
    const meta = (dest as { _metadata?: unknown })._metadata;
    if (meta instanceof Map) meta.set(prefix.slice(0, -1), { version: (this.constructor as typeof Module)._version });
    // An uninitialized parameter or buffer goes in as itself (LazyModuleMixin's _save_to_state_dict).
    const put = (k: string, t: Tensor) => {
      dest[prefix + k] = keepVars || is_lazy(t) ? t : keep(t.detach());
    };
    for (const [k, p] of this._parameters) if (p) put(k, p);
    for (const [k, b] of this._buffers) if (b && !this._nonPersistent.has(k)) put(k, b);
    for (const [k, m] of this._modules) if (m) m.saveTo(dest, `${prefix}${k}.`, keepVars);
  }

  /** Every (dotted name, tensor) the state_dict of this module has, keyed to the live tensor. */
  private stateEntries(): Map<string, [Module, string, Tensor]> {
    const out = new Map<string, [Module, string, Tensor]>();
    const walk = (m: Module, prefix: string) => {
      m._sync();
      for (const [k, p] of m._parameters) if (p) out.set(prefix + k, [m, k, p]);
      for (const [k, b] of m._buffers) if (b && !m._nonPersistent.has(k)) out.set(prefix + k, [m, k, b]);
      for (const [k, c] of m._modules) if (c) walk(c, `${prefix}${k}.`);
    };
    walk(this, '');
    return out;
  }

  /**
   * Copies parameters and buffers from `state_dict`. Everything is checked before anything is
   * copied: missing, unexpected and size-mismatched keys are reported together in PyTorch's
   * words, and a failed load leaves the module unchanged. With `strict: false`, missing and
   * unexpected keys are returned instead of raised (size mismatches still raise).
   */
  load_state_dict(state_dict: StateDict | Map<string, Tensor>, opts: { strict?: boolean } = {}): IncompatibleKeys {
    const strict = opts.strict ?? true;
    const sd: Map<string, Tensor> = state_dict instanceof Map ? state_dict : new Map(Object.entries(state_dict));
    const own = this.stateEntries();
    const missing: string[] = [];
    const unexpected: string[] = [];
    const errors: string[] = [];
    const copies: [Tensor, Tensor][] = [];
    const zeroed: Tensor[] = [];
    // Uninitialized entries given an initialized value: materialized with its shape, then copied (PyTorch's lazy
    // load hook), once everything has been checked.
    const materialize: [UninitializedParameter | UninitializedBuffer, number[]][] = [];
    for (const [key, [, name, t]] of own) {
      const src = sd.get(key);
      if (src === undefined) {
        // A state_dict without num_batches_tracked (an old checkpoint) loads as 0, as PyTorch does.
        if (name === 'num_batches_tracked') zeroed.push(t);
        else missing.push(key);
        continue;
      }
      if (!(src instanceof Tensor)) {
        errors.push(`While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received ${typeof src}`);
        continue;
      }
      if (is_lazy(t)) {
        // an uninitialized value into an uninitialized entry copies nothing
        if (!is_lazy(src)) {
          materialize.push([t, src._shape.slice()]);
          copies.push([t, src]);
        }
        continue;
      }
      if (is_lazy(src)) throw new Error(SHAPE_ERROR); // PyTorch reads the shape of the checkpoint's value
      if (src._shape.join() !== t._shape.join()) {
        errors.push(`size mismatch for ${key}: copying a param with shape ${formatSize(src._shape)} from checkpoint, ` +
          `the shape in current model is ${formatSize(t._shape)}.`);
        continue;
      }
      copies.push([t, src]);
    }
    // PyTorch's order: load() visits the modules in pre-order, and each lists the keys under its prefix whose first
    // name is neither one of its children nor one of its own (non-None) entries
    const keys = [...sd.keys()];
    const scan = (m: Module, prefix: string) => {
      m._sync();
      for (const key of keys) {
        if (!key.startsWith(prefix)) continue;
        const first = key.slice(prefix.length).split('.', 1)[0];
        const local = (m._parameters.get(first) ?? null) !== null ||
          ((m._buffers.get(first) ?? null) !== null && !m._nonPersistent.has(first));
        if (!m._modules.has(first) && !local) unexpected.push(key);
      }
      for (const [k, c] of m._modules) if (c) scan(c, `${prefix}${k}.`);
    };
    scan(this, '');
    const msgs: string[] = [];
    if (strict) {
      if (unexpected.length) msgs.push(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(', ')}. `);
      if (missing.length) msgs.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(', ')}. `);
    }
    msgs.push(...errors);
    if (msgs.length) {
      throw new Error(`Error(s) in loading state_dict for ${this._getName()}:\n\t${msgs.join('\n\t')}`);
    }
    for (const [, src] of copies) src._live(); // a released source throws here, before any copy
    for (const [t, shape] of materialize) t.materialize(shape);
    for (const [dst] of copies) dst._bumpVersion(); // an inference tensor throws here, before any copy
    no_grad(() => {
      for (const [dst, src] of copies) E.writeInto(dst, src);
      for (const t of zeroed) E.fill_(t, 0);
    });
    return new IncompatibleKeys(missing, unexpected);
  }

  // ---------------------------------------------------------------- modes and utilities

  /** Sets training mode on this module and all children (`train(false)` is `eval()`). */
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw new TypeError('training mode is expected to be boolean');
    this.training = mode;
    for (const m of this.children()) m.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Sets requires_grad on every parameter. */
  requires_grad_(requires_grad = true): this {
    for (const p of this.parameters()) p.requires_grad_(requires_grad);
    return this;
  }

  /**
   * Clears every parameter's gradient. `set_to_none` (the default, as PyTorch 2) releases the
   * old gradients and sets `.grad` to null; otherwise they are filled with zeros.
   */
  zero_grad(opts: boolean | { set_to_none?: boolean } = true): void {
    const set_to_none = typeof opts === 'boolean' ? opts : opts.set_to_none ?? true;
    for (const p of this.parameters()) {
      const g = p.grad;
      if (!g) continue;
      if (set_to_none) {
        p.grad = null;
        if (!g._released) g._release('zero_grad()');
      } else {
        if (g.grad_fn) g.detach_();
        E.fill_(g, 0);
      }
    }
  }

  /**
   * Frees the memory of every parameter, buffer and gradient of this module and its children now
   * (tocha's addition: PyTorch leaves it to the garbage collector). `using net = new Net()` does
   * it at the end of the block. The module cannot be used afterwards.
   */
  dispose(): void {
    for (const p of this.parameters()) {
      p.grad?.dispose();
      p.dispose();
    }
    for (const b of this.buffers()) b.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Calls fn on every submodule (children first) then on this one, as `apply(fn)`. */
  apply(fn: (m: Module) => void): this {
    for (const m of this.children()) m.apply(fn);
    fn(this);
    return this;
  }

  /** Registers `hook(module, args)` to run before forward; it may return replacement args. */
  register_forward_pre_hook(hook: ForwardPreHook): RemovableHandle {
    const h = new RemovableHandle(this._forwardPreHooks);
    this._forwardPreHooks.set(h.id, hook);
    return h;
  }

  /** Registers `hook(module, args, output)` to run after forward; it may return a replacement output. */
  register_forward_hook(hook: ForwardHook): RemovableHandle {
    const h = new RemovableHandle(this._forwardHooks);
    this._forwardHooks.set(h.id, hook);
    return h;
  }

  /**
   * Registers `hook(module, grad_input, grad_output)` to run when the gradients with respect to the
   * module's inputs are computed, as PyTorch's `register_full_backward_hook`: one entry per positional
   * argument (null where it is not a tensor, or where no tensor argument requires grad; zeros for a
   * tensor no gradient reached); it may return replacement grad_input. A module's tensor output gets
   * the grad_fn BackwardHookFunctionBackward, as in PyTorch (with several, their slices of one).
   */
  register_full_backward_hook(hook: FullBackwardHook): RemovableHandle {
    const h = new RemovableHandle(this._backwardHooks);
    this._backwardHooks.set(h.id, hook);
    return h;
  }

  /** `float()`, `cpu()` and `to('cpu')` / `to(torch.float32)` are no-ops (float32 on the CPU is all tocha
   *  has); another device is PyTorch's error for a missing device. */
  float(): this { return this; }
  cpu(): this { return this; }
  to(a?: ToArg, b?: ToArg): this {
    const d = toTarget(a, b);
    if (d !== null && d !== float32) {
      throw new TypeError(`nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.${d.name}`);
    }
    // `model.to({ memory_format: torch.channels_last })`: every 4-d and 5-d parameter, buffer and gradient laid out so,
    // in place (the same Parameter objects, as PyTorch's param.data = ...)
    const f = toFormat(a, b);
    if (f !== undefined) {
      no_grad(() => {
        const laid = (t: Tensor) => {
          if (t._shape.length !== 4 && t._shape.length !== 5) return;
          const c = t.to({ memory_format: f });
          if (c !== t) { t._swapIn(c); c.dispose(); }
        };
        for (const p of this.parameters()) { laid(p); if (p.grad) laid(p.grad); }
        for (const b of this.buffers()) laid(b);
      });
    }
    return this;
  }

  // ---------------------------------------------------------------- printing

  /** The module's own settings for its printout; layers override it. */
  extra_repr(): string {
    return '';
  }

  toString(): string {
    this._sync();
    const children: [string, string][] = [];
    for (const [k, m] of this._modules) children.push([k, m ? m.toString() : 'None']);
    return moduleRepr(this._getName(), this.extra_repr(), children);
  }

  [inspectCustom](): string {
    return this.toString();
  }
}
