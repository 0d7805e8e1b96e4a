// torch.autograd.Function: user-defined ops with their own backward, as torch/autograd/function.py.
//
//   class Cube extends torch.autograd.Function {
//     static forward(ctx: FunctionCtx, x: Tensor) { ctx.save_for_backward(x); return x.pow(3); }
//     static backward(ctx: FunctionCtx, g: Tensor) { const [x] = ctx.saved_tensors; return g.mul(x.pow(2).mul(3)); }
//   }
//   const y = Cube.apply(x);            // y.grad_fn: <CubeBackward>
//
// forward runs with grad mode off; its outputs get one node named <Class>Backward, whose backward rule
// calls the static backward with the outputs' gradients and checks what it returns as PyTorch does.
// Several outputs are slices of one tensor the node produces (joinTensors; PyTorch gives each output
// the same node).
import { Tensor } from './tensor.js';
import { record, is_grad_enabled, set_grad_enabled, renamed } from './autograd.js';
import * as S from './ops/shape.js';
import * as E from './ops/elementwise.js';
import { fmtShape } from './ops/util.js';
import { internalLeaf } from './autograd-functional.js';

/** The `ctx` a Function's forward and backward receive; other fields may be set on it freely. */
export class FunctionCtx {
  /** Per forward argument: whether it is a tensor that requires grad. */
  needs_input_grad: boolean[] = [];
  /** The tensors given to save_for_backward, inside backward (checked for in-place changes). */
  saved_tensors: Tensor[] = [];
  _toSave: Tensor[] = [];
  _nonDifferentiable = new Set<Tensor>();
  _materializeGrads = true;
  [field: string]: unknown;

  /** Keeps tensors (inputs or outputs of forward, or intermediates) for backward: `ctx.saved_tensors`. */
  save_for_backward(...tensors: (Tensor | null)[]): void {
    this._toSave = tensors.filter((t): t is Tensor => t !== null);
  }

  /** Marks outputs that have no gradient (indices, masks): they do not require grad. */
  mark_non_differentiable(...tensors: Tensor[]): void {
    for (const t of tensors) this._nonDifferentiable.add(t);
  }

  /** With false, gradients of outputs that received none reach backward as null instead of zeros. */
  set_materialize_grads(value: boolean): void {
    this._materializeGrads = value;
  }
}

type Grads = Tensor | null | undefined | (Tensor | null | undefined)[];

/** Base of user-defined autograd ops: subclasses define static `forward(ctx, ...args)` and
 *  `backward(ctx, ...grads)` and are called with `Sub.apply(...args)`. */
export class Function {
  static forward(ctx: FunctionCtx, ...args: any[]): any { // eslint-disable-line @typescript-eslint/no-explicit-any
    void ctx;
    void args;
    throw new Error('You must implement the forward function for custom autograd.Function.');
  }

  static backward(ctx: FunctionCtx, ...grads: any[]): Grads { // eslint-disable-line @typescript-eslint/no-explicit-any
    void ctx;
    void grads;
    throw new Error('You must implement either the backward or vjp method for your custom autograd.Function to use ' +
      'it with backward mode AD.');
  }

  /** Runs forward and records the node whose backward rule is the class's backward. */
  static apply<A extends unknown[], R>(this: { forward(ctx: FunctionCtx, ...args: A): R }, ...args: A): R {
    const cls = this as unknown as typeof Function;
    const name = `${cls.name}Backward`;
    const ctx = new FunctionCtx();
    ctx.needs_input_grad = args.map((a) => a instanceof Tensor && a.requires_grad);
    const grad = is_grad_enabled();
    set_grad_enabled(false);
    let result: unknown;
    try {
      result = cls.forward(ctx, ...args);
    } finally {
      set_grad_enabled(grad);
    }
    const single = result instanceof Tensor;
    const outs = single ? [result as Tensor] : Array.isArray(result) ? (result as unknown[]).slice() : null;
    if (outs === null) {
      throw new TypeError(`${cls.name}.forward must return a Tensor or an array of values, not ${typeof result}`);
    }
    const inputAt = args.flatMap((a, i) => (a instanceof Tensor ? [i] : []));
    const inputs = inputAt.map((i) => args[i] as Tensor);
    const diffAt = outs.flatMap((o, i) => (o instanceof Tensor && !ctx._nonDifferentiable.has(o) ? [i] : []));
    if (!grad || !inputs.some((t) => t.requires_grad) || diffAt.length === 0) return result as R;

    // An input returned as is gets a new identity (an alias) that takes the node.
    const diff = diffAt.map((i) => (args.includes(outs[i]) ? (outs[i] as Tensor).detach() : outs[i] as Tensor));
    const one = diff.length === 1;
    const { joined, parts } = joinTensors(diff);
    /** Which outputs a gradient reached (others get zeros, or null without materialized grads). */
    const reached = diff.map(() => one);
    // An output saved for backward is saved as the node's own output (PyTorch's SavedVariable of an output): unpacked,
    // it has this node as grad_fn, so a backward that uses it can be differentiated again (double backward).
    const savedOut = ctx._toSave.map((t) => diff.indexOf(t));
    const toSave = ctx._toSave.map((t, i) => (savedOut[i] >= 0 ? joined : t));
    record(name, joined, inputs, toSave, (g, saved) => {
      ctx.saved_tensors = saved.map((t, i) => (savedOut[i] < 0 || one ? t : parts(t)[savedOut[i]]));
      const m = ctx._materializeGrads;
      const gs = outs.map((o) => (o instanceof Tensor && m ? E.filled(o.shape, o.dtype, 0) : null));
      parts(g).forEach((p, k) => { gs[diffAt[k]] = reached[k] || m ? p : null; });
      if (!one) reached.fill(false);
      const r = cls.backward(ctx, ...gs);
      return checkGrads(name, Array.isArray(r) ? r : [r], args, inputAt);
    });
    const views = one ? [joined] : parts(joined);
    diffAt.forEach((i, k) => {
      if (!one) views[k].register_hook(() => { reached[k] = true; });
      // each output shows the Function's node as its grad_fn, as PyTorch's (not the slice of the joined tensor)
      outs[i] = one ? views[k] : renamed(name, views[k]);
    });
    return (single ? outs[0] : outs) as R;
  }
}

/**
 * Several tensors as the one output (or input) of a node, since a node here has one output: their
 * flattened concatenation, or the tensor itself (an alias) when it is alone. `parts(g)` cuts a tensor of
 * the joined shape into pieces of the original shapes; `join(parts)` is its inverse (nulls as zeros).
 */
export function joinTensors(ts: readonly Tensor[]): {
  joined: Tensor; parts: (g: Tensor) => Tensor[]; join: (parts: readonly (Tensor | null)[]) => Tensor;
} {
  const shapes = ts.map((t) => t.shape);
  const sizes = ts.map((t) => t.numel());
  const one = ts.length === 1;
  const joined = one ? ts[0].detach() : S.cat(ts.map((t) => t.detach().reshape([-1])));
  const parts = (g: Tensor): Tensor[] => {
    let off = 0;
    return sizes.map((n, k) => { const p = one ? g : S.narrow(g, 0, off, n).reshape(shapes[k]); off += n; return p; });
  };
  const join = (ps: readonly (Tensor | null)[]): Tensor => {
    const full = ps.map((p, k) => p ?? E.filled(shapes[k], ts[k].dtype, 0));
    return one ? full[0] : S.cat(full.map((p) => p.reshape([-1])));
  };
  return { joined, parts, join };
}

/** PyTorch's checks of what backward returned: one value per forward argument, null for non-tensors,
 *  shapes that sum to the input's. Returns the gradients of the tensor arguments. */
function checkGrads(name: string, r: (Tensor | null | undefined)[], args: unknown[], inputAt: number[]): (Tensor | null)[] {
  if (r.length !== args.length) {
    // PyTorch allows trailing extra Nones.
    if (r.length < args.length || r.slice(args.length).some((g) => g != null)) {
      throw new Error(`function ${name} returned an incorrect number of gradients (expected ${args.length}, got ${r.length})`);
    }
  }
  args.forEach((a, i) => {
    if (!(a instanceof Tensor) && r[i] != null) {
      throw new Error(`function ${name} returned a gradient different than None at position ${i + 1}, but the ` +
        'corresponding forward input was not a Variable');
    }
  });
  return inputAt.map((i, k) => {
    const g = r[i] ?? null;
    const want = (args[inputAt[k]] as Tensor).shape;
    if (g !== null && !expandable(want, g.shape)) {
      throw new Error(`Function ${name} returned an invalid gradient at index ${k} - got ${fmtShape(g.shape)} but ` +
        `expected shape compatible with ${fmtShape(want)}`);
    }
    return g;
  });
}

/** Whether `from` broadcasts to `to` (a gradient of shape `to` sums back to `from`). */
function expandable(from: readonly number[], to: readonly number[]): boolean {
  if (from.length > to.length) return false;
  const d = to.length - from.length;
  return from.every((n, i) => n === 1 || n === to[i + d]);
}

type BackwardFnOf = (ctx: FunctionCtx, ...grads: any[]) => Grads; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * `torch.autograd.function.once_differentiable`, the decorator of a Function's backward, as a wrapper: backward runs
 * without recording a graph; when the gradients it receives require grad (a create_graph backward), its results get a
 * node (`torch::autograd::Error`, PyTorch's DelayedError) that raises if they are differentiated again.
 *
 * @example
 * class Conv2D extends torch.autograd.Function {
 *   static forward(ctx: FunctionCtx, X: Tensor, w: Tensor) { ctx.save_for_backward(X, w); return F.conv2d(X, w); }
 *   static backward = once_differentiable((ctx: FunctionCtx, g: Tensor) => { ... });
 * }
 */
export function once_differentiable<Fn extends BackwardFnOf>(fn: Fn): Fn {
  return function (this: unknown, ctx: FunctionCtx, ...grads: unknown[]): Grads {
    const grad = is_grad_enabled();
    set_grad_enabled(false);
    let r: Grads;
    try {
      r = fn.call(this, ctx, ...grads);
    } finally {
      set_grad_enabled(grad);
    }
    if (!grad || !grads.some((g) => g instanceof Tensor && g.requires_grad)) return r;
    // Aliases of the results on a leaf that requires grad, so they have the error node as grad_fn.
    const delayed = (t: Tensor | null | undefined) => {
      if (!(t instanceof Tensor)) return t;
      const leaf = internalLeaf(t.detach());
      return record('torch::autograd::Error', leaf.detach(), [leaf], [], () => {
        throw new Error('trying to differentiate twice a function that was marked with @once_differentiable');
      });
    };
    return Array.isArray(r) ? r.map(delayed) : delayed(r);
  } as Fn;
}
