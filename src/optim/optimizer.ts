// Optimizer: param_groups, per-parameter state, zero_grad, state_dict, as torch/optim/optimizer.py.
// Each optimizer subclass validates its hyper-parameters, then supplies `_update(p, grad, state,
// group)`, a plain function of one parameter; the base runs it under no_grad, one tidy scope per
// parameter, so step() keeps memory flat (state tensors are kept, everything else is released).
import { checkClassMethods } from '../tensor-args.js';
import { Tensor } from '../tensor.js';
import { keep } from '../lifetime.js';
import { F32 } from '../backend/wasm.js';
import { tensor } from '../ops/create.js';
import { float32 } from '../dtype.js';
import { no_grad, enable_grad } from '../autograd.js';
import { openScope } from '../lifetime.js';

/** A parameter group: its parameters and its hyper-parameters (defaults filled in). */
export interface ParamGroup {
  params: Tensor[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [option: string]: any;
}

/** What an optimizer accepts: parameters (an array, `net.parameters()`), or parameter groups. */
export type Params = Iterable<Tensor> | Iterable<{ params: Tensor | Iterable<Tensor>; [option: string]: unknown }>;

/** Per-parameter state: tensors (kept by the optimizer) and numbers such as `step`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ParamState = Record<string, any>;

/** `optimizer.state_dict()`: PyTorch's layout, parameters replaced by their index. */
export interface OptimizerStateDict {
  state: Record<number, ParamState>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  param_groups: ({ params: number[] } & Record<string, any>)[];
}

/** Marks a hyper-parameter without a default (SGD's lr), as PyTorch's `required`. */
export const required: unique symbol = Symbol('required');

/** The loss-evaluating closure of `step(closure)`. */
export type Closure = () => Tensor | number;

export abstract class Optimizer {
  /**
   * Hyper-parameters that print as Python floats even when their value is whole (`lr: 1.0`): 1 and 1.0 are one
   * number in JavaScript, and PyTorch's defaults and documented types for these are floats (Adadelta's lr=1.0,
   * ASGD's t0=1e6). LBFGS's lr defaults to the int 1, so it has none.
   */
  static _floatHyper: readonly string[] = ['lr', 'initial_lr'];
  /**
   * State entries PyTorch 1.13 keeps as 0-dim float32 tensors (Adam's `step`, ASGD's `eta`), as tocha does (`counter`):
   * a loaded state with a number there (an older checkpoint) gets a tensor.
   */
  static _tensorState: readonly string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  defaults: Record<string, any>;
  /** Per-parameter state, keyed by the parameter tensor. */
  state = new Map<Tensor, ParamState>();
  param_groups: ParamGroup[] = [];

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(params: Params, defaults: Record<string, any>) {
    // the public methods' arguments as PyTorch's (opt.zero_grad(true, 1) is a TypeError), once a class
    for (let c: { prototype: object; name: string } = new.target; ; c = Object.getPrototypeOf(c)) {
      checkClassMethods(c, c.name);
      if (c === Optimizer) break;
    }
    this.defaults = defaults;
    if (params instanceof Tensor) {
      throw new TypeError('params argument given to the optimizer should be an iterable of Tensors or dicts, ' +
        `but got ${typeName(params)}`);
    }
    if (params == null || typeof (params as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      throw new TypeError(`params argument given to the optimizer should be an iterable of Tensors or dicts, ` +
        `but got ${params === null ? 'None' : typeof params}`);
    }
    let groups = Array.from(params as Iterable<unknown>);
    if (groups.length === 0) throw new Error('optimizer got an empty parameter list');
    if (!isPlainObject(groups[0])) groups = [{ params: groups }];
    for (const g of groups) this.add_param_group(g as { params: Tensor[] });
  }

  /**
   * Adds a group of parameters with its own options, as when unfreezing layers while fine-tuning.
   * `opt.add_param_group({ params: head.parameters(), lr: 0.01 })`
   */
  add_param_group(param_group: { params: Tensor | Iterable<Tensor>; [option: string]: unknown }): void {
    if (!isPlainObject(param_group)) throw new TypeError('param group must be a dict');
    const raw = param_group.params;
    let params: unknown[];
    if (raw instanceof Tensor) params = [raw];
    else if (raw instanceof Set) {
      throw new TypeError('optimizer parameters need to be organized in ordered collections, but the ordering of ' +
        'tensors in sets will change between runs. Please use a list instead.');
    } else if (raw != null && typeof (raw as Iterable<unknown>)[Symbol.iterator] === 'function') {
      params = Array.from(raw as Iterable<unknown>);
    } else {
      throw new TypeError(`optimizer can only optimize Tensors, but one of the params is ${typeName(raw)}`);
    }
    for (const p of params) {
      if (!(p instanceof Tensor)) {
        throw new TypeError(`optimizer can only optimize Tensors, but one of the params is ${typeName(p)}`);
      }
      if (!(p.is_leaf || p.retains_grad)) throw new Error("can't optimize a non-leaf Tensor");
    }
    const group: ParamGroup = { ...param_group, params: params as Tensor[] };
    for (const [name, value] of Object.entries(this.defaults)) {
      if (value === required && !(name in group)) {
        throw new Error(`parameter group didn't specify a value of required optimization parameter ${name}`);
      }
      if (!(name in group)) group[name] = Array.isArray(value) ? value.slice() : value;
    }
    const seen = new Set<Tensor>();
    for (const g of this.param_groups) for (const p of g.params) seen.add(p);
    if (group.params.some((p) => seen.has(p))) {
      throw new Error('some parameters appear in more than one parameter group');
    }
    this.param_groups.push(group);
  }

  /**
   * Releases the gradients (`p.grad = null`, the old tensors disposed), or zeroes them in place
   * with `{set_to_none: false}`.
   */
  zero_grad(opts: { set_to_none?: boolean } | boolean = {}): void {
    const setToNone = typeof opts === 'boolean' ? opts : (opts.set_to_none ?? true);
    for (const group of this.param_groups) {
      for (const p of group.params) {
        const g = p.grad;
        if (g === null) continue;
        if (setToNone) {
          p.grad = null;
          g.dispose();
        } else {
          if (g.grad_fn) g.detach_();
          else g.requires_grad = false;
          g.zero_();
        }
      }
    }
  }

  /**
   * One optimization step over every parameter that has a gradient. `closure` re-evaluates the
   * model and returns the loss (run with grad enabled); step returns it.
   */
  step(closure?: Closure): Tensor | number | undefined {
    let loss: Tensor | number | undefined;
    if (closure) loss = enable_grad(closure);
    no_grad(() => {
      for (const group of this.param_groups) {
        this._prepareGroup(group);
        for (const p of group.params) {
          const grad = p.grad;
          if (grad === null) continue;
          const state = this._stateOf(p);
          scoped(() => this._update(p, grad, state, group));
        }
      }
    });
    return loss;
  }

  /** The update of one parameter, in place, under no_grad inside a tidy scope. */
  protected abstract _update(p: Tensor, grad: Tensor, state: ParamState, group: ParamGroup): void;

  /** Checks a group before its parameters are updated (e.g. sparse or option checks). */
  protected _prepareGroup(_group: ParamGroup): void {}

  /** The state object of p, created empty on first use (PyTorch's defaultdict). */
  protected _stateOf(p: Tensor): ParamState {
    let s = this.state.get(p);
    if (!s) {
      s = {};
      this.state.set(p, s);
    }
    return s;
  }

  /**
   * The optimizer's state as PyTorch lays it out: `state` keyed by parameter index (counting
   * through the groups in order), `param_groups` with `params` as index lists. Each parameter's state is
   * the optimizer's own object (as PyTorch's), so a state_dict taken earlier (a checkpoint dict) sees the later
   * steps, counters included.
   */
  state_dict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    let next = 0;
    const param_groups = this.param_groups.map((g) => {
      const packed: { params: number[] } & Record<string, unknown> = { params: [] };
      for (const [k, v] of Object.entries(g)) {
        // tuples, as PyTorch's defaults are (betas=(0.9, 0.999)) and as the printout shows them: torch.save writes a
        // frozen array as a tuple
        if (k !== 'params') packed[k] = Array.isArray(v) ? Object.freeze(v.slice()) : v;
      }
      for (const p of g.params) {
        if (!index.has(p)) index.set(p, next++);
      }
      packed.params = g.params.map((p) => index.get(p)!);
      // PyTorch puts params last in each packed group
      const { params, ...rest } = packed;
      return { ...rest, params };
    });
    const state: Record<number, ParamState> = {};
    for (const [p, s] of this.state) {
      const i = index.get(p);
      if (i !== undefined) state[i] = s;
    }
    return { state, param_groups };
  }

  /**
   * Loads a state from `state_dict()` (copies its tensors). Checks the group count and sizes
   * before changing anything.
   */
  load_state_dict(state_dict: OptimizerStateDict): void {
    const groups = this.param_groups;
    const saved = state_dict.param_groups;
    if (groups.length !== saved.length) {
      throw new Error('loaded state dict has a different number of parameter groups');
    }
    for (let i = 0; i < groups.length; i++) {
      if (groups[i].params.length !== saved[i].params.length) {
        throw new Error("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
      }
    }
    const idMap = new Map<number, Tensor>();
    for (let i = 0; i < groups.length; i++) {
      saved[i].params.forEach((id, j) => idMap.set(Number(id), groups[i].params[j]));
    }
    const state = new Map<Tensor, ParamState>();
    no_grad(() => {
      for (const [k, v] of entriesOf(state_dict.state)) {
        const p = idMap.get(Number(k));
        if (p) state.set(p, copyState(v, (this.constructor as typeof Optimizer)._tensorState));
      }
    });
    const param_groups = groups.map((g, i) => {
      const ng: ParamGroup = { params: g.params };
      for (const [k, v] of Object.entries(saved[i])) {
        if (k !== 'params') ng[k] = Array.isArray(v) ? v.slice() : v;
      }
      // keep params where PyTorch has them: last
      const { params, ...rest } = ng;
      return { ...rest, params } as ParamGroup;
    });
    this.state = state;
    this.param_groups = param_groups;
  }

  /** PyTorch's printout: `Adam (\nParameter Group 0\n    amsgrad: False\n ...)`. */
  toString(): string {
    let s = `${this.constructor.name} (`;
    const floats = (this.constructor as typeof Optimizer)._floatHyper;
    this.param_groups.forEach((g, i) => {
      s += `\nParameter Group ${i}\n`;
      for (const k of Object.keys(g).sort()) {
        if (k !== 'params') s += `    ${k}: ${typeof g[k] === 'number' && floats.includes(k) ? pyNum(g[k], true) : pyRepr(g[k])}\n`;
      }
    });
    return s + ')';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** Runs fn in a scope that releases every tensor it creates, except kept ones. */
export function scoped(fn: () => void): void {
  const scope = openScope('optimizer.step()');
  try {
    fn();
  } finally {
    scope.close();
  }
}

/** A new state tensor: kept, so no scope releases it. */
export function stateTensor(t: Tensor): Tensor {
  return keep(t);
}

/**
 * A counter PyTorch 1.13 keeps in a 0-dim float32 tensor (Adam's step, NAdam's mu_product, ASGD's eta and mu): a kept
 * tensor of the state, so `state_dict()` (live, as PyTorch's) shows `tensor(3.)` and a checkpoint holds a tensor. The
 * optimizers read and write its float directly (`readCounter`, `writeCounter`: no op, no allocation per step).
 */
export function counter(v: number): Tensor {
  return stateTensor(tensor(v, { dtype: float32 }));
}
export function readCounter(t: Tensor): number {
  return F32()[t._ptr() >>> 2];
}
/** Stores v (rounded to float32, as PyTorch's tensor arithmetic) and returns what was stored. */
export function writeCounter(t: Tensor, v: number): number {
  const m = F32();
  const i = t._ptr() >>> 2;
  m[i] = v;
  return m[i];
}
/** Adds 1 to a step counter and returns the new count. */
export function bump(t: Tensor): number {
  return writeCounter(t, readCounter(t) + 1);
}

function copyState(s: ParamState, counters: readonly string[]): ParamState {
  const out: ParamState = {};
  for (const [k, v] of Object.entries(s)) {
    if (v instanceof Tensor) out[k] = keep(v.detach().clone());
    else if (typeof v === 'number' && counters.includes(k)) out[k] = counter(v); // PyTorch < 1.12 saved an int step
    else out[k] = Array.isArray(v) ? v.slice() : v;
  }
  return out;
}

function entriesOf(state: OptimizerStateDict['state'] | Map<number, ParamState>): [number | string, ParamState][] {
  if (state instanceof Map) return Array.from(state.entries());
  return Object.entries(state);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function typeName(v: unknown): string {
  if (v instanceof Tensor) return v.dtype.name === 'float32' ? 'torch.FloatTensor' : v.dtype.name === 'int64' ? 'torch.LongTensor' : 'torch.BoolTensor';
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  return (v as object).constructor?.name ?? typeof v;
}

/**
 * A number as Python prints it: `pyNum(-1)` is "-1"; `pyNum(1, true)` is "1.0" (a float);
 * `pyNum(1e-5)` is "1e-05".
 */
export function pyNum(v: number, asFloat = false): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v) && !asFloat && Math.abs(v) < 1e16) return String(v);
  const [mant, expS] = v.toExponential().split('e');
  const exp = Number(expS);
  if (exp < -4 || exp >= 16) {
    const m = mant.includes('.') ? mant : mant;
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = String(v);
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
}

/** A hyper-parameter as Python's repr shows it (True, None, (0.9, 0.999)). */
export function pyRepr(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'number') return pyNum(v);
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `(${v.map(pyRepr).join(', ')}${v.length === 1 ? ',' : ''})`;
  return String(v);
}

/** The NumPy names PyTorch's argument parser accepts for a native function's parameters
 *  (torch/csrc/utils/python_arg_parser.cpp, numpy_compatibility_arg_names). */
export const NUMPY_NAMES: Record<string, string> = { axis: 'dim', keepdims: 'keepdim', x: 'input', a: 'input', x1: 'input', x2: 'other' };
// native ops bound with a Python function's wording (PyTorch words their errors so) that still take NumPy's names
const NUMPY_NATIVE = new Set(['topk']);

/**
 * Binds PyTorch's arguments the way Python does: positional values in PyTorch's order, then one
 * trailing options object (`SGD(params, 0.1, {momentum: 0.9})`, `new nn.Conv2d(1, 8, 3, 2, 1)`,
 * `x.sum(1, true)`). `fn` names the callee in messages ('Conv2d.__init__', 'sum'); `lead` counts the
 * arguments before `args` (self, input, ...). Too many positional values (a keyword-only one given by
 * position), unknown or repeated names and missing required values throw Python's TypeError (`py`: a
 * Python function's wording, else that of PyTorch's native ops). A value given both by position and by name
 * is an error when they differ, or always with `strict` (Python's rule, which module constructors follow).
 */
export function bind(
  fn: string, positional: readonly string[], keywordOnly: readonly string[],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  defaults: Record<string, any>, args: readonly unknown[], lead = 1, py?: boolean, strict = false,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Record<string, any> {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const kw = n > 0 && isPlainObject(args[n - 1]) ? args[--n] as Record<string, unknown> : {};
  if (n > positional.length) {
    const kwo = keywordOnly.length ? ` (${keywordOnly.join(', ')}: keyword-only, pass { ${keywordOnly[0]}: ... })` : '';
    const hi = positional.length + lead;
    const lo = lead + positional.filter((k) => !(k in defaults)).length;
    throw new TypeError(py ?? fn.endsWith('__init__')
      ? `${fn}() takes ${lo < hi ? `from ${lo} to ` : ''}${hi} positional argument${hi > 1 ? 's' : ''} but ${n + lead} were given${kwo}`
      : `${fn}() received an invalid combination of arguments - got ${n + lead} positional arguments, but ` +
        `expected at most ${positional.length + lead}${kwo}`);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const out: Record<string, any> = {};
  for (let i = 0; i < n; i++) if (args[i] !== undefined) out[positional[i]] = args[i];
  for (const key in kw) {
    const v = kw[key];
    if (v === undefined) continue;
    let k = key;
    if (!positional.includes(k) && !keywordOnly.includes(k)) {
      // PyTorch's argument parser takes NumPy's names for a native function's parameters (x.sum(1, keepdims=True),
      // torch.mean(x, axis=0), x.argmax(axis=1)); a Python function (py) or constructor takes only its own
      const alias = (!py || NUMPY_NATIVE.has(fn)) && !fn.endsWith('__init__') ? NUMPY_NAMES[k] : undefined;
      if (alias === undefined || (!positional.includes(alias) && !keywordOnly.includes(alias))) {
        throw new TypeError(`${fn}() got an unexpected keyword argument '${key}'`);
      }
      if (alias in kw) throw new TypeError(`${fn}() got multiple values for argument '${alias}'`);
      k = alias;
    }
    if (k in out && (strict || out[k] !== v)) throw new TypeError(`${fn}() got multiple values for argument '${k}'`);
    out[k] = v;
  }
  // (called for every op with optional arguments: no allocation unless something is missing)
  let complete = true;
  for (const k of positional) if (!(k in out) && !(k in defaults)) complete = false;
  for (const k of keywordOnly) if (!(k in out) && !(k in defaults)) complete = false;
  if (!complete) {
    const missing = [...positional, ...keywordOnly].filter((k) => !(k in out) && !(k in defaults));
    throw new TypeError(`${fn}() missing ${missing.length} required positional argument` +
      `${missing.length > 1 ? 's' : ''}: ${pyList(missing)}`);
  }
  for (const k in defaults) if (!(k in out)) out[k] = Array.isArray(defaults[k]) ? defaults[k].slice() : defaults[k];
  return out;
}

/** Names as Python lists them in a TypeError: 'a', 'a' and 'b', 'a', 'b', and 'c'. */
function pyList(names: string[]): string {
  const q = names.map((m) => `'${m}'`);
  return q.length < 3 ? q.join(' and ') : `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
}

/** `bind` for an optimizer's or scheduler's constructor (after self and params). */
export function bindArgs(
  cls: string, positional: readonly string[], keywordOnly: readonly string[],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  defaults: Record<string, any>, args: readonly unknown[],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Record<string, any> {
  return bind(`${cls}.__init__`, positional, keywordOnly, defaults, args, 2);
}
