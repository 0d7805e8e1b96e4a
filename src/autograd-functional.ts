// torch.autograd.functional: jacobian, hessian, vjp, jvp, hvp, vhp, after PyTorch 1.13's
// torch/autograd/functional.py (its reverse-mode, non-vectorized paths; jvp and hvp by the double-backward
// trick as 1.13 does). A Python tuple of tensors is an array here; results nest as PyTorch's tuples do.
import { Tensor } from './tensor.js';
import { runBackward, withGrad, is_grad_enabled, freeingGraph } from './autograd.js';
import { scoped, currentScope, adopt } from './lifetime.js';
import { bind } from './optim/optimizer.js';
import * as S from './ops/shape.js';
import * as C from './ops/create.js';
import { fmtShape, sameShape } from './ops/util.js';

/** Tensors, or (nested) arrays of them, as the functions here take and return them. */
export type Tensors = Tensor | Tensor[];
type Fn = (...inputs: Tensor[]) => unknown;
/** A result nested as PyTorch's tuples: a tensor, or arrays of them. */
export type Nested = Tensor | Nested[];

/** Python's name of a JavaScript value's type, as PyTorch's messages print it: `<class 'int'>`. */
export function pyType(v: unknown): string {
  const n = v === null || v === undefined ? 'NoneType'
    : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float')
      : typeof v === 'string' ? 'str' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'tuple'
        : typeof v === 'function' ? 'function' : v instanceof Tensor ? 'torch.Tensor' : 'dict';
  return `<class '${n}'>`;
}

/** `_as_tuple` with checks: whether v was an array, and its tensors. */
function asTuple(v: unknown, arg: string, fn: string): [boolean, Tensor[]] {
  const isTuple = Array.isArray(v);
  const list = isTuple ? (v as unknown[]) : [v];
  list.forEach((el, i) => {
    if (!(el instanceof Tensor)) {
      throw new TypeError(`The ${arg} given to ${fn} must be either a Tensor or a tuple of Tensors but the ` +
        (isTuple ? `value at index ${i} has type ${pyType(el)}.` : `given ${arg} has type ${pyType(el)}.`));
    }
  });
  return [isTuple, list as Tensor[]];
}

function gradPreprocess(inputs: Tensor[], create: boolean, needGraph: boolean): Tensor[] {
  return inputs.map((t) => (create && t.requires_grad ? t.view_as(t) : needGraph ? internalLeaf(t.detach()) : t.detach()));
}

/**
 * t.requires_grad_() for a leaf library code makes for one call: it stays in the current scope (a leaf
 * that requires grad is otherwise kept, as a parameter is) and is released with the call's temporaries.
 */
export function internalLeaf(t: Tensor): Tensor {
  t.requires_grad_();
  t._kept = false;
  return adopt(t, currentScope());
}

function gradPostprocess<T extends Nested>(xs: T[], create: boolean): T[] {
  if (create) return xs;
  return xs.map((x) => (x instanceof Tensor ? x.detach() : gradPostprocess(x as Nested[], create)) as T);
}

function tuplePostprocess(res: Nested[], unpack: boolean | [boolean, boolean]): Nested {
  let r: Nested = res;
  if (Array.isArray(unpack)) {
    if (!unpack[1]) r = res.map((el) => (el as Nested[])[0]);
    if (!unpack[0]) r = (r as Nested[])[0];
  } else if (!unpack) {
    r = res[0];
  }
  return r;
}

function validateV(v: Tensor[], other: Tensor[], isOtherTuple: boolean): void {
  if (v.length !== other.length) {
    throw new Error(isOtherTuple ? `v is a tuple of invalid length: should be ${other.length} but got ${v.length}.`
      : 'The given v should contain a single Tensor.');
  }
  v.forEach((el, i) => {
    if (!sameShape(el._shape, other[i]._shape)) {
      throw new Error(`${isOtherTuple ? `Entry ${i} in ` : ''}v has invalid size: should be ` +
        `torch.Size(${fmtShape(other[i]._shape)}) but got torch.Size(${fmtShape(el._shape)}).`);
    }
  });
}

type RequiresKind = 'outputs' | 'grad_inputs' | 'jacobian' | 'hessian';

function checkRequiresGrad(inputs: (Tensor | null)[], kind: RequiresKind, strict: boolean): void {
  if (!strict) return;
  inputs.forEach((t, i) => {
    if (t === null) {
      throw new Error(`The output of the user-provided function is independent of input ${i}. This is not allowed in ` +
        'strict mode.');
    }
    if (t.requires_grad) return;
    if (kind === 'hessian') {
      throw new Error(`The hessian of the user-provided function with respect to input ${i} is independent of the ` +
        'input. This is not allowed in strict mode. You should ensure that your function is thrice differentiable ' +
        'and that the hessian depends on the inputs.');
    }
    if (kind === 'jacobian') {
      throw new Error('While computing the hessian, found that the jacobian of the user-provided function with ' +
        `respect to input ${i} is independent of the input. This is not allowed in strict mode. You should ensure ` +
        'that your function is twice differentiable and that the jacobian depends on the inputs (this would be ' +
        'violated by a linear function for example).');
    }
    if (kind === 'grad_inputs') {
      throw new Error(`The gradient with respect to input ${i} is independent of the inputs of the user-provided ` +
        'function. This is not allowed in strict mode.');
    }
    throw new Error(`Output ${i} of the user-provided function does not require gradients. The outputs must be ` +
      'computed in a differentiable manner from the input when running in strict mode.');
  });
}

/** torch.autograd.grad over the outputs that require grad (None for every input when none does). */
function autogradGrad(outputs: (Tensor | null)[], inputs: Tensor[], gradOutputs: (Tensor | null)[] | null,
  create: boolean, retain?: boolean): (Tensor | null)[] {
  const outs: Tensor[] = [];
  const gos: (Tensor | null)[] = [];
  outputs.forEach((o, i) => {
    if (o !== null && o.requires_grad) {
      outs.push(o);
      gos.push(gradOutputs ? gradOutputs[i] : null);
    }
  });
  if (outs.length === 0) return inputs.map(() => null);
  return grad(outs, inputs, gos, create, retain);
}

/**
 * torch.autograd.grad(outputs, inputs, grad_outputs, allow_unused=True) for library code: the gradients
 * belong to the caller's scope (released with its temporaries) rather than being kept as a user's are.
 */
export function grad(outputs: Tensor[], inputs: Tensor[], gradOutputs: (Tensor | null)[], create: boolean,
  retain?: boolean): (Tensor | null)[] {
  const r = runBackward(outputs, gradOutputs, { create_graph: create, retain_graph: retain ?? create }, inputs, true);
  const home = currentScope();
  for (const g of r) {
    if (g && g._kept) {
      g._kept = false;
      adopt(g, home);
    }
  }
  return r;
}

type Stage = 'back' | 'back_trick' | 'double_back' | 'double_back_trick';

function fillInZeros(grads: (Tensor | null)[], refs: Tensor[], strict: boolean, create: boolean, stage: Stage): Tensor[] {
  return grads.map((g, i) => {
    if (g === null) {
      if (strict) {
        throw new Error({
          back: `The output of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`,
          back_trick: `The gradient with respect to the input is independent of entry ${i} in the grad_outputs when ` +
            'using the double backward trick to compute forward mode gradients. This is not allowed in strict mode.',
          double_back: `The jacobian of the user-provided function is independent of input ${i}. This is not allowed ` +
            'in strict mode.',
          double_back_trick: `The hessian of the user-provided function is independent of entry ${i} in the ` +
            'grad_jacobian. This is not allowed in strict mode as it prevents from using the double backward trick ' +
            'to replace forward mode AD.',
        }[stage]);
      }
      return C.zeros_like(refs[i]);
    }
    if (strict && create && !g.requires_grad) {
      throw new Error(`The ${stage.startsWith('double') ? 'hessian' : 'jacobian'} of the user-provided function is ` +
        `independent of input ${i}. This is not allowed in strict mode when create_graph=True.`);
    }
    return g;
  });
}

interface ProductOptions { v?: Tensors | null; create_graph?: boolean; strict?: boolean }

function bindProduct(name: string, args: unknown[]): { func: Fn; inputs: unknown; v: unknown; create: boolean; strict: boolean } {
  const a = bind(name, ['func', 'inputs', 'v', 'create_graph', 'strict'], [],
    { v: null, create_graph: false, strict: false }, args, 0, true);
  return { func: a.func, inputs: a.inputs, v: a.v, create: a.create_graph, strict: a.strict };
}

/** The v of a product: checked against `other`, or a single 1 when `other` is one one-element tensor. */
function productV(v: unknown, other: Tensor[], isOtherTuple: boolean, create: boolean, fn: string, noneMsg: string): Tensor[] | null {
  if (v !== null && v !== undefined) {
    const [, vs] = asTuple(v, 'v', fn);
    const pre = gradPreprocess(vs, create, false);
    validateV(pre, other, isOtherTuple);
    return pre;
  }
  if (other.length !== 1 || other[0].numel() !== 1) throw new Error(noneMsg);
  return null;
}

const SCOPE = 'the end of the torch.autograd.functional call that made it (an internal temporary)';

/**
 * The vector-Jacobian product vᵀ·J of func at inputs, as `torch.autograd.functional.vjp(func, inputs, v=None,
 * create_graph=False, strict=False)`: returns [func's output, vjp] (arrays where PyTorch has tuples).
 * `const [out, g] = torch.autograd.functional.vjp((x) => x.exp().sum(1), torch.rand(4, 4), torch.ones(4))`
 */
export function vjp(func: (x: Tensor) => Tensor, inputs: Tensor, v?: Tensor | null | ProductOptions, ...rest: unknown[]): [Tensor, Tensor];
export function vjp(func: Fn, inputs: Tensors, v?: Tensors | null | ProductOptions, ...rest: unknown[]): [Nested, Nested];
export function vjp(func: Fn, inputs: Tensors, v?: Tensors | null | ProductOptions, ...rest: unknown[]): [Nested, Nested] {
  const a = bindProduct('vjp', [func, inputs, v, ...rest]);
  return scoped(() => freeingGraph(a.create, () => {
    const [ins, outs, isInTuple, isOutTuple] = withGrad(true, () => {
      const [isIn, raw] = asTuple(a.inputs, 'inputs', 'vjp');
      const pre = gradPreprocess(raw, a.create, true);
      const [isOut, o] = asTuple(a.func(...pre), 'outputs of the user-provided function', 'vjp');
      checkRequiresGrad(o, 'outputs', a.strict);
      return [pre, o, isIn, isOut] as const;
    });
    const vs = withGrad(true, () => productV(a.v, outs, isOutTuple, a.create, 'vjp',
      'The vector v can only be None if the user-provided function returns a single Tensor with a single element.'));
    const res = withGrad(a.create || is_grad_enabled(), () =>
      fillInZeros(autogradGrad(outs, ins, vs, a.create), ins, a.strict, a.create, 'back'));
    return [tuplePostprocess(gradPostprocess(outs, a.create), isOutTuple),
      tuplePostprocess(gradPostprocess(res, a.create), isInTuple)] as [Nested, Nested];
  }), SCOPE);
}

/**
 * The Jacobian-vector product J·v of func at inputs, as `torch.autograd.functional.jvp(func, inputs, v=None,
 * create_graph=False, strict=False)` (by the double-backward trick, as PyTorch 1.13): [func's output, jvp].
 * `const [out, jv] = torch.autograd.functional.jvp((x) => x.exp().sum(1), x, torch.ones(4, 4))`
 */
export function jvp(func: (x: Tensor) => Tensor, inputs: Tensor, v?: Tensor | null | ProductOptions, ...rest: unknown[]): [Tensor, Tensor];
export function jvp(func: Fn, inputs: Tensors, v?: Tensors | null | ProductOptions, ...rest: unknown[]): [Nested, Nested];
export function jvp(func: Fn, inputs: Tensors, v?: Tensors | null | ProductOptions, ...rest: unknown[]): [Nested, Nested] {
  const a = bindProduct('jvp', [func, inputs, v, ...rest]);
  return scoped(() => freeingGraph(a.create, () => {
    const [outs, gradOutputs, gradInputs, vs, isOutTuple] = withGrad(true, () => {
      const [isIn, raw] = asTuple(a.inputs, 'inputs', 'jvp');
      const ins = gradPreprocess(raw, a.create, true);
      const vv = productV(a.v, ins, isIn, a.create, 'jvp', 'The vector v can only be None if the input to the ' +
        'user-provided function is a single Tensor with a single element.');
      const [isOut, o] = asTuple(a.func(...ins), 'outputs of the user-provided function', 'jvp');
      checkRequiresGrad(o, 'outputs', a.strict);
      const go = o.map((t) => internalLeaf(C.zeros_like(t)));
      const gi = autogradGrad(o, ins, go, true);
      checkRequiresGrad(gi, 'grad_inputs', a.strict);
      return [o, go, gi, vv, isOut] as const;
    });
    const res = withGrad(a.create || is_grad_enabled(), () =>
      fillInZeros(autogradGrad(gradInputs, gradOutputs, vs, a.create), outs, a.strict, a.create, 'back_trick'));
    return [tuplePostprocess(gradPostprocess(outs, a.create), isOutTuple),
      tuplePostprocess(gradPostprocess(res, a.create), isOutTuple)] as [Nested, Nested];
  }), SCOPE);
}

interface JacobianOptions { create_graph?: boolean; strict?: boolean; vectorize?: boolean; strategy?: string }

function checkStrategy(fn: string, strategy: unknown, vectorize: unknown): void {
  if (strategy !== 'forward-mode' && strategy !== 'reverse-mode') {
    throw new Error(fn === 'jacobian'
      ? 'Expected strategy to be either "forward-mode" or "reverse-mode". Hint: If your function has more outputs ' +
        'than inputs, "forward-mode" tends to be more performant. Otherwise, prefer to use "reverse-mode".'
      : 'Expected strategy to be either "forward-mode" or "reverse-mode".');
  }
  if (strategy === 'forward-mode' || vectorize) {
    throw new Error(`torch.autograd.functional.${fn}: ${strategy === 'forward-mode' ? 'strategy="forward-mode"' :
      'vectorize=True'} is not supported by tocha (it needs vmap${strategy === 'forward-mode' ? ' and forward-mode AD' : ''}); ` +
      'use the default vectorize=False, strategy="reverse-mode"');
  }
}

/**
 * The Jacobian of func at inputs, as `torch.autograd.functional.jacobian(func, inputs, create_graph=False,
 * strict=False, vectorize=False, strategy="reverse-mode")`: one tensor of shape output.shape + input.shape,
 * or arrays [output i][input j] where func returns, or takes, a tuple (only the non-vectorized reverse mode).
 * `torch.autograd.functional.jacobian((x) => x.exp().sum(1), torch.rand(2, 2))   // shape [2, 2, 2]`
 */
export function jacobian(func: (x: Tensor) => Tensor, inputs: Tensor, ...rest: (boolean | string | JacobianOptions)[]): Tensor;
export function jacobian(func: Fn, inputs: Tensors, ...rest: (boolean | string | JacobianOptions)[]): Nested;
export function jacobian(func: Fn, inputs: Tensors, ...rest: (boolean | string | JacobianOptions)[]): Nested {
  const a = bind('jacobian', ['func', 'inputs', 'create_graph', 'strict', 'vectorize', 'strategy'], [],
    { create_graph: false, strict: false, vectorize: false, strategy: 'reverse-mode' }, [func, inputs, ...rest], 0, true);
  checkStrategy('jacobian', a.strategy, a.vectorize);
  return scoped(() => freeingGraph(a.create_graph, () =>
    withGrad(true, () => jacobianOf(a.func, a.inputs, a.create_graph, a.strict))), SCOPE);
}

function jacobianOf(func: Fn, inputs: unknown, create: boolean, strict: boolean): Nested {
  const [isIn, raw] = asTuple(inputs, 'inputs', 'jacobian');
  const ins = gradPreprocess(raw, create, true);
  const [isOut, outs] = asTuple(func(...ins), 'outputs of the user-provided function', 'jacobian');
  checkRequiresGrad(outs, 'outputs', strict);
  const jac: Tensor[][] = outs.map((out, i) => {
    const rows: Tensor[][] = ins.map(() => []);
    const flat = out.reshape([-1]);
    for (let j = 0; j < out.numel(); j++) {
      const vj = autogradGrad([S.select(flat, 0, j)], ins, null, create, true);
      vj.forEach((g, k) => {
        if (g !== null) {
          if (strict && create && !g.requires_grad) {
            throw new Error(`The jacobian of the user-provided function is independent of input ${i}. This is not ` +
              'allowed in strict mode when create_graph=True.');
          }
          rows[k].push(g);
        } else {
          if (strict) {
            throw new Error(`Output ${i} of the user-provided function is independent of input ${k}. This is not ` +
              'allowed in strict mode.');
          }
          rows[k].push(C.zeros_like(ins[k]));
        }
      });
    }
    return rows.map((r, k) => (r.length ? S.stack(r, 0) : C.zeros([0, ...ins[k]._shape]))
      .view([...out._shape, ...ins[k]._shape]));
  });
  return tuplePostprocess(gradPostprocess(jac, create), [isOut, isIn]);
}

/**
 * The Hessian of a scalar func at inputs, as `torch.autograd.functional.hessian(func, inputs,
 * create_graph=False, strict=False, vectorize=False, outer_jacobian_strategy="reverse-mode")`: a tensor of
 * shape input.shape + input.shape, or arrays [input i][input j] for a tuple of inputs.
 * `torch.autograd.functional.hessian((x) => x.pow(3).sum(), torch.tensor([1, 2]))   // [[6, 0], [0, 12]]`
 */
export function hessian(func: (x: Tensor) => Tensor, inputs: Tensor, ...rest: (boolean | string | JacobianOptions)[]): Tensor;
export function hessian(func: Fn, inputs: Tensors, ...rest: (boolean | string | JacobianOptions)[]): Nested;
export function hessian(func: Fn, inputs: Tensors, ...rest: (boolean | string | JacobianOptions)[]): Nested {
  const a = bind('hessian', ['func', 'inputs', 'create_graph', 'strict', 'vectorize', 'outer_jacobian_strategy'], [],
    { create_graph: false, strict: false, vectorize: false, outer_jacobian_strategy: 'reverse-mode' },
    [func, inputs, ...rest], 0, true);
  const [isIn, ins] = asTuple(a.inputs, 'inputs', 'hessian');
  checkStrategy('hessian', a.outer_jacobian_strategy, a.vectorize);
  const f = a.func as Fn;
  const single = (...inp: Tensor[]): Tensor => {
    const out = f(...inp);
    const [isOut, o] = asTuple(out, 'outputs of the user-provided function', 'hessian');
    checkRequiresGrad(o, 'outputs', a.strict);
    if (isOut) throw new Error('The function given to hessian should return a single Tensor');
    if (o[0].numel() !== 1) {
      throw new Error('The Tensor returned by the function given to hessian should contain a single element');
    }
    return o[0].squeeze();
  };
  const jacFunc = (...inp: Tensor[]): Tensor[] => {
    const jac = jacobianOf(single, inp, true, false) as Tensor[];
    checkRequiresGrad(jac, 'jacobian', a.strict);
    return jac;
  };
  return scoped(() => freeingGraph(a.create_graph, () => withGrad(true, () =>
    tuplePostprocess(jacobianOf(jacFunc, ins, a.create_graph, a.strict) as Nested[], [isIn, isIn]))), SCOPE);
}

/** vhp and hvp: the shared start (inputs, v, the single output and its gradient with create_graph). */
function hessianProduct(name: 'vhp' | 'hvp', args: unknown[]): [Nested, Nested] {
  const a = bindProduct(name, args);
  return scoped(() => freeingGraph(a.create, () => {
    const r = withGrad(true, () => {
      const [isIn, raw] = asTuple(a.inputs, 'inputs', name);
      const ins = gradPreprocess(raw, a.create, true);
      const vs = productV(a.v, ins, isIn, a.create, name, 'The vector v can only be None if the input to the ' +
        'user-provided function is a single Tensor with a single element.');
      const out = a.func(...ins);
      const [isOut, outs] = asTuple(out, 'outputs of the user-provided function', name);
      checkRequiresGrad(outs, 'outputs', a.strict);
      if (isOut) throw new Error(`The function given to ${name} should return a single Tensor`);
      if (outs[0].numel() !== 1) {
        throw new Error(`The Tensor returned by the function given to ${name} should contain a single element`);
      }
      const jac = autogradGrad(outs, ins, null, true);
      checkRequiresGrad(jac, 'jacobian', a.strict);
      if (name === 'vhp') return { isIn, isOut, ins, vs, outs, jac, gradJac: null, doubleBack: null };
      const gradJac = ins.map((t) => internalLeaf(C.zeros_like(t)));
      const doubleBack = autogradGrad(jac, ins, gradJac, true);
      checkRequiresGrad(jac, 'hessian', a.strict);
      return { isIn, isOut, ins, vs, outs, jac, gradJac, doubleBack };
    });
    const res = withGrad(a.create || is_grad_enabled(), () => (r.gradJac
      ? fillInZeros(autogradGrad(r.doubleBack!, r.gradJac, r.vs, a.create), r.ins, a.strict, a.create, 'double_back_trick')
      : fillInZeros(autogradGrad(r.jac, r.ins, r.vs, a.create), r.ins, a.strict, a.create, 'double_back')));
    return [tuplePostprocess(gradPostprocess(r.outs, a.create), r.isOut),
      tuplePostprocess(gradPostprocess(res, a.create), r.isIn)] as [Nested, Nested];
  }), SCOPE);
}

/**
 * vᵀ·H for a scalar func, as `torch.autograd.functional.vhp(func, inputs, v=None, create_graph=False,
 * strict=False)`: [func's output, vhp]. `torch.autograd.functional.vhp((x) => x.pow(3).sum(), x, torch.ones(2))`
 */
export function vhp(func: (x: Tensor) => Tensor, inputs: Tensor, v?: Tensor | null | ProductOptions, ...rest: unknown[]): [Tensor, Tensor];
export function vhp(func: Fn, inputs: Tensors, v?: Tensors | null | ProductOptions, ...rest: unknown[]): [Nested, Nested];
export function vhp(func: Fn, inputs: Tensors, v?: Tensors | null | ProductOptions, ...rest: unknown[]): [Nested, Nested] {
  return hessianProduct('vhp', [func, inputs, v, ...rest]);
}

/**
 * H·v for a scalar func, as `torch.autograd.functional.hvp(func, inputs, v=None, create_graph=False,
 * strict=False)` (by the double-backward trick): [func's output, hvp].
 * `torch.autograd.functional.hvp((x) => x.pow(3).sum(), x, torch.ones(2))`
 */
export function hvp(func: (x: Tensor) => Tensor, inputs: Tensor, v?: Tensor | null | ProductOptions, ...rest: unknown[]): [Tensor, Tensor];
export function hvp(func: Fn, inputs: Tensors, v?: Tensors | null | ProductOptions, ...rest: unknown[]): [Nested, Nested];
export function hvp(func: Fn, inputs: Tensors, v?: Tensors | null | ProductOptions, ...rest: unknown[]): [Nested, Nested] {
  return hessianProduct('hvp', [func, inputs, v, ...rest]);
}
