// torch.nn.utils.parametrize (PyTorch 1.13's torch/nn/utils/parametrize.py): a parameter or buffer computed by
// modules from unconstrained tensors. As in PyTorch, the module's class is replaced by a subclass,
// `Parametrized<Class>`, whose prototype has an accessor for each parametrized name: reading `module.weight` runs the
// parametrizations on `module.parametrizations.weight.original` (a ModuleDict of ParametrizationLists, so the
// state_dict keys are PyTorch's), assigning to it runs their right_inverse. The original keeps the identity of the
// parameter it replaces, so an optimizer made before keeps working.
import { Tensor } from '../../tensor.js';
import { no_grad } from '../../autograd.js';
import { adopt, currentScope, scoped, type Scope } from '../../lifetime.js';
import { NotImplementedError } from '../../distributions/utils.js';
import { Module, Parameter } from '../module.js';
import { ModuleDict, ModuleList } from '../layers.js';
import { bind } from '../../optim/optimizer.js';

/** What `module.parametrizations` is: a ModuleDict whose entries (by parametrized name) are ParametrizationLists. */
export type ParametrizationDict = ModuleDict & Record<string, ParametrizationList>;
/** A module with at least one parametrization (`register_parametrization`'s result). */
export type ParametrizedModule<M extends Module = Module> = M & { parametrizations: ParametrizationDict };

/** A parametrization: a module whose forward maps the original tensor(s) to the value, optionally with right_inverse. */
interface Parametrization extends Module {
  right_inverse?: (value: Tensor) => Tensor | Tensor[];
}

const PARAMETRIZED = Symbol('tocha.parametrized');
const ACCESS = 'the end of the parametrized attribute\'s computation that made it (an internal temporary)';   // marks the injected Parametrized<Class>
let cacheDepth = 0;
let cache = new Map<Module, Map<string, Tensor>>();
let cacheHome: Scope | null = null;
/** The parametrized tensors computed during the innermost forward of a parametrized module (freed after it). */
let collecting: Tensor[] | null = null;

/**
 * Runs fn with the parametrizations' cache on, as `with parametrize.cached():`: each parametrized tensor is
 * computed once, at its first use, and reused until fn returns (a weight used at every step of an RNN loop).
 * @example const out = parametrize.cached(() => model(x))
 */
export function cached<T>(fn: () => T): T {
  if (cacheDepth === 0) cacheHome = currentScope();
  cacheDepth++;
  try {
    return fn();
  } finally {
    cacheDepth--;
    if (cacheDepth === 0) {
      cache = new Map();
      cacheHome = null;
    }
  }
}

const rec = (o: object) => o as unknown as Record<string, unknown>;
const pyType = (v: unknown): string => v === null || v === undefined ? 'NoneType' : v instanceof Tensor ? 'Tensor'
  : Array.isArray(v) ? 'list' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'string' ? 'str'
    : typeof v === 'boolean' ? 'bool' : (v as object).constructor?.name ?? typeof v;
const dtypeName = (t: Tensor) => `torch.${t.dtype.name}`;

/** Makes x the parameter (a Parameter) or buffer `name` of m, as PyTorch's `_register_parameter_or_buffer`. */
function registerParameterOrBuffer(m: Module, name: string, x: Tensor): void {
  if (x instanceof Parameter) m.register_parameter(name, x);
  else m.register_buffer(name, x);
}

/** `original.set_(value)`: the original takes value's data (and shape), keeping its identity. */
function setData(original: Tensor, value: Tensor): void {
  if (value === original) return;
  no_grad(() => { original.data = value; });
}

/**
 * The modules parametrizing one tensor of a module (`module.parametrizations.weight`), holding its unconstrained
 * tensor as `original` (or `original0`, `original1`, ... when the first right_inverse returns several). Made by
 * `register_parametrization`, not by hand.
 */
export class ParametrizationList extends ModuleList {
  declare original: Tensor;
  unsafe: boolean;
  is_tensor: boolean;
  ntensors: number;

  constructor(modules: Iterable<Module>, original: Tensor, unsafe = false) {
    const mods = [...modules];
    if (mods.length === 0) throw new RangeError('ParametrizationList requires one or more modules.');
    super(mods);
    this.unsafe = unsafe;
    const originalShape = original.shape;
    const originalDtype = original.dtype;
    let made = no_grad(() => {
      let v: unknown = original;
      for (const m of [...mods].reverse()) {
        const ri = (m as Parametrization).right_inverse;
        if (typeof ri !== 'function') continue;
        try {
          v = ri.call(m, v as Tensor);
        } catch (e) {
          if (!(e instanceof NotImplementedError)) throw e;
        }
      }
      return v;
    }) as unknown;
    if (!(made instanceof Tensor) && !Array.isArray(made)) {
      throw new RangeError("'right_inverse' must return a Tensor or a Sequence of tensors (list, tuple...). " +
        `Got ${pyType(made)}`);
    }
    this.is_tensor = made instanceof Tensor;
    this.ntensors = made instanceof Tensor ? 1 : (made as unknown[]).length;
    if (made instanceof Tensor) {
      if (made.dtype !== originalDtype) {
        throw new RangeError('When `right_inverse` outputs one tensor, it may not change the dtype.\n' +
          `original.dtype: ${dtypeName(original)}\nright_inverse(original).dtype: ${dtypeName(made)}`);
      }
      setData(original, made);
      if (made !== original) made.dispose();   // (right_inverse's result, copied into the original)
      registerParameterOrBuffer(this, 'original', original);
    } else {
      (made as unknown[]).forEach((x, i) => {
        if (!(x instanceof Tensor)) {
          throw new RangeError("'right_inverse' must return a Tensor or a Sequence of tensors (list, tuple...). " +
            `Got element ${i} of the sequence with type ${pyType(x)}.`);
        }
      });
      made = (made as Tensor[]).map((x) => {
        const t = original instanceof Parameter ? new Parameter(x) : x.detach().keep();
        if (x !== original && !x._kept) x.dispose();
        t.requires_grad_(original.requires_grad);
        return t;
      });
      (made as Tensor[]).forEach((t, i) => registerParameterOrBuffer(this, `original${i}`, t));
    }
    if (!this.unsafe) {
      // (a check, without a graph: the value made for it is released when it is done)
      no_grad(() => {
        const Z = (this as unknown as () => unknown)();
        if (!(Z instanceof Tensor)) throw new RangeError(`A parametrization must return a tensor. Got ${pyType(Z)}.`);
        if (Z.dtype !== originalDtype) {
          throw new RangeError('Registering a parametrization may not change the dtype of the tensor, unless `unsafe` flag is ' +
            `enabled.\nunparametrized dtype: torch.${originalDtype.name}\nparametrized dtype: ${dtypeName(Z)}`);
        }
        if (String(Z.shape) !== String(originalShape)) {
          throw new RangeError('Registering a parametrization may not change the shape of the tensor, unless `unsafe` flag is ' +
            `enabled.\nunparametrized shape: ${originalShape}\nparametrized shape: ${Z.shape}`);
        }
      });
    }
  }

  /**
   * Runs the parametrizations' right_inverse in reverse order on `value` and stores the result in `original`
   * (what assigning `module.weight = value` does).
   */
  right_inverse(value: Tensor): void {
    no_grad(() => {
      let v: unknown = value;
      for (const m of [...this].reverse()) {
        const ri = (m as Parametrization).right_inverse;
        if (typeof ri !== 'function') throw new Error(`parametrization ${m._getName()} does not implement right_inverse.`);
        v = ri.call(m, v as Tensor);
      }
      if (this.is_tensor) {
        if (!(v instanceof Tensor)) throw new RangeError(`\`right_inverse\` should return a tensor. Got ${pyType(v)}`);
        if (v.dtype !== this.original.dtype) {
          throw new RangeError(`The tensor returned by \`right_inverse\` has dtype ${dtypeName(v)} while \`original\` has dtype ` +
            dtypeName(this.original));
        }
        setData(this.original, v);
      } else {
        if (!Array.isArray(v)) throw new RangeError(`'right_inverse' must return a sequence of tensors. Got ${pyType(v)}.`);
        if (v.length !== this.ntensors) {
          throw new RangeError(`'right_inverse' must return a sequence of tensors of length ${this.ntensors}. Got a sequence of ` +
            `lenght ${v.length}.`);
        }
        v.forEach((t: unknown, i) => {
          const o = rec(this)[`original${i}`] as Tensor;
          if (!(t instanceof Tensor)) {
            throw new RangeError(`\`right_inverse\` must return a sequence of tensors. Got element ${i} of type ${pyType(t)}`);
          }
          if (o.dtype !== t.dtype) {
            throw new RangeError(`Tensor ${i} returned by \`right_inverse\` has dtype ${dtypeName(t)} while \`original${i}\` has dtype ` +
              dtypeName(o));
          }
          setData(o, t);
        });
      }
    });
  }

  /** The parametrized value: the first parametrization on the original(s), then each of the others in turn. */
  // @ts-expect-error ModuleList's forward is typed never (it has none); a ParametrizationList computes the value
  override forward(): Tensor {
    const first = this[0] as unknown as (...a: Tensor[]) => Tensor;
    let x = this.is_tensor ? first(this.original)
      : first(...Array.from({ length: this.ntensors }, (_, i) => rec(this)[`original${i}`] as Tensor));
    for (let i = 1; i < this.length; i++) x = (this[i] as unknown as (t: Tensor) => Tensor)(x);
    return x;
  }
}

/** Gives module the class `Parametrized<Class>` (once), as PyTorch's `_inject_new_class`. */
function injectNewClass(module: Module): void {
  const cls = Object.getPrototypeOf(module).constructor as new (...a: never[]) => Module;
  const name = `Parametrized${cls.name}`;
  const P = {
    [name]: class extends cls {
      // The tensors the parametrized attributes gave during forward are its temporaries: freed when it returns
      // (unless returned or kept), so a loop without backward (evaluation, grad off) keeps memory flat.
      override forward(...args: unknown[]): unknown {
        const prev = collecting;
        const mine: Tensor[] = [];
        collecting = mine;
        let out: unknown;
        try {
          out = (cls.prototype as unknown as { forward: (...a: unknown[]) => unknown }).forward.apply(this, args);
        } finally {
          collecting = prev;
        }
        const keepers = new Set<unknown>(Array.isArray(out) ? out : [out]);
        for (const t of mine) if (!keepers.has(t) && !t._kept && !t._released) t.dispose();
        return out;
      }
    },
  }[name];
  Object.defineProperty(P, PARAMETRIZED, { value: cls });
  Object.setPrototypeOf(module, P.prototype);
}

/** The accessor `module.<tensor_name>` of a parametrized module, as PyTorch's `_inject_property`. */
function injectProperty(module: Module, tensorName: string): void {
  const proto = Object.getPrototypeOf(module) as object;
  Object.defineProperty(proto, tensorName, {
    configurable: true,
    enumerable: false,
    get(this: ParametrizedModule): Tensor {
      const list = this.parametrizations.get(tensorName) as ParametrizationList;
      const compute = () => scoped(() => list() as Tensor, ACCESS);
      if (cacheDepth === 0) {
        const t = compute();
        collecting?.push(t);
        return t;
      }
      let mine = cache.get(this);
      if (!mine) cache.set(this, mine = new Map());
      let t = mine.get(tensorName);
      if (t === undefined || t._released) {
        t = compute();
        // held for the whole cached() block, though first made in a scope that may close before it
        if (cacheHome !== currentScope()) adopt(t, cacheHome);
        mine.set(tensorName, t);
      }
      return t;
    },
    set(this: ParametrizedModule, value: Tensor): void {
      (this.parametrizations.get(tensorName) as ParametrizationList).right_inverse(value);
    },
  });
}

function hasTensor(m: Module, name: string): boolean {
  m._sync();
  return m._parameters.has(name) || m._buffers.has(name);
}

/**
 * `parametrize.register_parametrization(module, tensor_name, parametrization, *, unsafe=False)`: `module[tensor_name]`
 * becomes `parametrization(original)`, computed at each access; `original` (under
 * `module.parametrizations[tensor_name].original`) is what is trained. A second registration on the same name chains.
 * right_inverse, when the parametrization has one, gives the initial original and makes `module.weight = X` work.
 *
 * @example
 * class Symmetric extends nn.Module { forward(X: Tensor) { return X.triu().add(X.triu(1).mT); } }
 * parametrize.register_parametrization(layer, 'weight', new Symmetric());
 */
export function register_parametrization<M extends Module>(module: M, tensor_name: string, parametrization: Module,
  opts: { unsafe?: boolean } = {}): ParametrizedModule<M> {
  const o = bind('register_parametrization', [], ['unsafe'], { unsafe: false }, [opts], 3, true);
  const unsafe: boolean = o.unsafe;
  parametrization.train(module.training);
  if (is_parametrized(module, tensor_name)) {
    const pm = module as ParametrizedModule<M>;
    if (!unsafe) no_grad(() => {
      const Y = rec(module)[tensor_name] as Tensor;
      const X = (parametrization as unknown as (t: Tensor) => unknown)(Y);
      if (!(X instanceof Tensor)) throw new RangeError(`A parametrization must return a tensor. Got ${pyType(X)}.`);
      if (X.dtype !== Y.dtype) {
        throw new RangeError('Registering a parametrization may not change the dtype of the tensor, unless the `unsafe` flag is ' +
          `enabled.\nmodule.${tensor_name}.dtype: ${dtypeName(Y)}\nparametrization(module.${tensor_name}).dtype: ${dtypeName(X)}`);
      }
      if (String(X.shape) !== String(Y.shape)) {
        throw new RangeError('Registering a parametrization may not change the shape of the tensor, unless the `unsafe` flag is ' +
          `enabled.\nmodule.${tensor_name}.shape: ${Y.shape}\nparametrization(module.${tensor_name}).shape: ${X.shape}`);
      }
      const ri = (parametrization as Parametrization).right_inverse;
      if (typeof ri === 'function') {
        let Z: unknown;
        let implemented = true;
        try {
          Z = ri.call(parametrization, X);
        } catch (e) {
          if (!(e instanceof NotImplementedError)) throw e;
          implemented = false;
        }
        if (implemented) {
          if (!(Z instanceof Tensor)) throw new RangeError(`parametrization.right_inverse must return a tensor. Got: ${pyType(Z)}`);
          if (Z.dtype !== Y.dtype) {
            throw new RangeError('The tensor returned by parametrization.right_inverse must have the same dtype as ' +
              `module.${tensor_name}, unless the \`unsafe\` flag is enabled.\nmodule.${tensor_name}.dtype: ${dtypeName(Y)}\n` +
              `returned dtype: ${dtypeName(Z)}`);
          }
          if (String(Z.shape) !== String(Y.shape)) {
            throw new RangeError('The tensor returned by parametrization.right_inverse must have the same shape as ' +
              `module.${tensor_name}, unless the \`unsafe\` flag is enabled.\nmodule.${tensor_name}.shape: ${Y.shape}\n` +
              `returned shape: ${Z.shape}`);
          }
        }
      }
    });
    const list = pm.parametrizations.get(tensor_name) as ParametrizationList;
    list.append(parametrization);
    list.unsafe = list.unsafe || unsafe;
  } else if (typeof tensor_name === 'string' && hasTensor(module, tensor_name)) {
    const original = rec(module)[tensor_name] as Tensor;
    const list = new ParametrizationList([parametrization], original, unsafe);
    // delattr(module, tensor_name)
    if (module._buffers.has(tensor_name)) {
      module._buffers.delete(tensor_name);
      module._nonPersistent.delete(tensor_name);
    }
    delete rec(module)[tensor_name];
    module._sync();
    if (!is_parametrized(module)) {
      injectNewClass(module);
      rec(module).parametrizations = new ModuleDict();
    }
    injectProperty(module, tensor_name);
    (module as ParametrizedModule<M>).parametrizations.set(tensor_name, list);
  } else {
    throw new RangeError(`Module '${module}' does not have a parameter, a buffer, or a parametrized element with name '${tensor_name}'`);
  }
  return module as ParametrizedModule<M>;
}

/**
 * `parametrize.is_parametrized(module, tensor_name=None)`: whether `module[tensor_name]` (any tensor, without a name)
 * is parametrized.
 */
export function is_parametrized(module: Module, tensor_name: string | null = null): boolean {
  const p = Object.prototype.hasOwnProperty.call(module, 'parametrizations') ? rec(module).parametrizations : undefined;
  if (!(p instanceof ModuleDict)) return false;
  return tensor_name === null ? p.keys().length > 0 : p.has(tensor_name);
}

/**
 * `parametrize.remove_parametrizations(module, tensor_name, leave_parametrized=True)`: `module[tensor_name]` becomes an
 * ordinary parameter (or buffer) again, holding its current parametrized value (or, with leave_parametrized false, the
 * original); the module gets its own class back once nothing is parametrized.
 */
export function remove_parametrizations<M extends Module>(module: M, tensor_name: string, leave_parametrized = true): M {
  if (!is_parametrized(module, tensor_name)) {
    throw new RangeError(`Module ${module} does not have a parametrization on ${tensor_name}`);
  }
  const pm = module as unknown as ParametrizedModule;
  const list = pm.parametrizations.get(tensor_name) as ParametrizationList;
  let original: Tensor;
  if (list.is_tensor) {
    original = list.original;
    if (leave_parametrized) {
      const t = no_grad(() => rec(module)[tensor_name] as Tensor);
      setData(original, t);
      if (t !== original && cacheDepth === 0) t.dispose();
    }
  } else {
    if (!leave_parametrized) {
      throw new RangeError('Cannot leave unparametrized (`leave_parametrized=False`) a tensor that is parametrized in terms of a ' +
        'sequence of tensors.');
    }
    const t = rec(module)[tensor_name] as Tensor;
    if (t.requires_grad) {
      const d = t.detach();
      original = new Parameter(d);
      d.dispose();
      if (cacheDepth === 0) t.dispose();
    } else original = t.keep();
  }
  const proto = Object.getPrototypeOf(module) as object;
  delete (proto as Record<string, unknown>)[tensor_name];
  pm.parametrizations.pop(tensor_name);
  registerParameterOrBuffer(module, tensor_name, original);
  if (!is_parametrized(module)) {
    delete rec(module).parametrizations;
    module._sync();
    Object.setPrototypeOf(module, Object.getPrototypeOf(proto));
  }
  return module;
}

/** `parametrize.type_before_parametrizations(module)`: the module's class before any parametrization. */
export function type_before_parametrizations(module: Module): Function {   // eslint-disable-line @typescript-eslint/ban-types
  const ctor = Object.getPrototypeOf(module).constructor as Record<symbol, unknown>;
  if (is_parametrized(module) && ctor[PARAMETRIZED]) return ctor[PARAMETRIZED] as Function;   // eslint-disable-line @typescript-eslint/ban-types
  return ctor as unknown as Function;   // eslint-disable-line @typescript-eslint/ban-types
}

/**
 * `parametrize.transfer_parametrizations_and_params(from_module, to_module, tensor_name=None)`: registers from_module's
 * parametrizations (of tensor_name, or all) on to_module, sharing their modules and originals.
 */
export function transfer_parametrizations_and_params<M extends Module>(from_module: Module, to_module: M,
  tensor_name: string | null = null): M {
  if (!is_parametrized(from_module)) return to_module;
  const from = from_module as ParametrizedModule;
  const names = tensor_name === null ? from.parametrizations.keys() : [tensor_name];
  for (const name of names) {
    if (!(name in to_module)) {
      rec(to_module)[name] = new Parameter((rec(from_module)[name] as Tensor).detach());
    }
    const list = from.parametrizations.get(name) as ParametrizationList;
    for (const f of list) register_parametrization(to_module, name, f);
    const target = (to_module as unknown as ParametrizedModule).parametrizations.get(name) as ParametrizationList;
    if (list.is_tensor) {
      target._sync();
      target._parameters.delete('original');
      target._buffers.delete('original');
      delete rec(target).original;
      registerParameterOrBuffer(target, 'original', list.original);
    } else {
      for (let i = 0; i < list.ntensors; i++) {
        const k = `original${i}`;
        target._sync();
        target._parameters.delete(k);
        target._buffers.delete(k);
        delete rec(target)[k];
        registerParameterOrBuffer(target, k, rec(list)[k] as Tensor);
      }
    }
  }
  return to_module;
}
