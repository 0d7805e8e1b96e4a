// Module full backward hooks (`register_full_backward_hook`), as torch/utils/hooks.py's BackwardHook:
// the module's tensor inputs and outputs pass through one identity node each side
// (BackwardHookFunctionBackward), so the gradient reaching the output side is grad_output, and the
// one reaching the input side is grad_input through this module only (not through other uses of the
// same input). The user hooks run once per backward, when grad_input is complete, and may replace it.
import { Tensor } from '../tensor.js';
import { record, is_grad_enabled } from '../autograd.js';
import * as E from '../ops/elementwise.js';
import type { Module } from './module.js';
import { joinTensors } from '../function.js';

export type FullBackwardHook = (module: Module, grad_input: (Tensor | null)[], grad_output: (Tensor | null)[]) =>
  (Tensor | null)[] | void;

/** Where the tensors among `values` are. */
function tensorsIn(values: readonly unknown[]): number[] {
  const at: number[] = [];
  values.forEach((v, i) => { if (v instanceof Tensor) at.push(i); });
  return at;
}

/**
 * Passes `ts` through one BackwardHookFunctionBackward node: returns their stand-ins (same values)
 * and calls `onGrad(grads)` once the node's gradient is complete, one per tensor of `ts`; what it
 * returns (if anything) replaces them. As in PyTorch, where no gradient reached a stand-in, and for
 * the tensors that need none (which pass unchanged), the gradient is zeros.
 */
function hookPoint(ts: Tensor[], onGrad: (grads: (Tensor | null)[]) => (Tensor | null)[] | void): Tensor[] {
  const idx = ts.flatMap((t, i) => (t.requires_grad ? [i] : []));
  const inputs = idx.map((i) => ts[i]);
  const { joined, parts, join } = joinTensors(inputs);
  record('BackwardHookFunctionBackward', joined, inputs, [], (g) => parts(g));
  joined.register_hook((g) => {
    const got = parts(g);
    const grads = ts.map((t) => E.filled(t.shape, t.dtype, 0) as Tensor | null);
    idx.forEach((i, k) => { grads[i] = got[k]; });
    const r = onGrad(grads);
    return r ? join(idx.map((i) => r[i] ?? null)) : undefined;
  });
  const outs = inputs.length === 1 ? [joined] : parts(joined);
  const res = ts.slice();
  idx.forEach((i, k) => { res[i] = outs[k]; });
  return res;
}

/** One forward call's hook state: set up on the inputs before forward, on the outputs after it. */
export class BackwardHook {
  private gradOutputs: (Tensor | null)[] | null = null;
  private inputAt: number[] | null = null;
  private nInputs = 0;

  constructor(private readonly module: Module, private readonly hooks: FullBackwardHook[]) {}

  setupInputs(args: unknown[]): unknown[] {
    this.nInputs = args.length;
    const at = tensorsIn(args);
    const ts = at.map((i) => args[i] as Tensor);
    if (!is_grad_enabled() || !ts.some((t) => t.requires_grad)) return args;
    this.inputAt = at;
    const wrapped = hookPoint(ts, (grads) => {
      if (this.gradOutputs === null) return; // the gradient did not pass through the module's output
      let res = this.withNulls(at, grads, this.nInputs);
      for (const h of this.hooks) {
        const out = h(this.module, res, this.gradOutputs);
        if (out === undefined || out === null) continue;
        if (!Array.isArray(out) || out.length !== res.length) {
          throw new Error(`Backward hook returned an invalid number of grad_input, got ${Array.isArray(out) ? out.length : 1}, ` +
            `but expected ${res.length}`);
        }
        res = out;
      }
      this.gradOutputs = null;
      return at.map((i) => res[i]);
    });
    const a = args.slice();
    at.forEach((i, k) => { a[i] = wrapped[k]; });
    return a;
  }

  setupOutputs(result: unknown): unknown {
    const single = result instanceof Tensor;
    const values = single ? [result] : Array.isArray(result) ? result : null;
    if (values === null) return result;
    const at = tensorsIn(values);
    const ts = at.map((i) => values[i] as Tensor);
    if (!is_grad_enabled() || !ts.some((t) => t.requires_grad)) return result;
    const wrapped = hookPoint(ts, (grads) => {
      this.gradOutputs = this.withNulls(at, grads, values.length);
      if (this.inputAt !== null) return;
      // No input requires grad: the hooks run here, with grad_input all null.
      const none = this.withNulls([], [], this.nInputs);
      for (const h of this.hooks) {
        const r = h(this.module, none, this.gradOutputs);
        if (r !== undefined && r !== null && !(Array.isArray(r) && r.every((g) => g === null || g === undefined))) {
          throw new Error('Backward hook for Modules where no input requires gradient should always return None or ' +
            'None for all gradients.');
        }
      }
      this.gradOutputs = null;
    });
    if (single) return wrapped[0];
    const out = values.slice();
    at.forEach((i, k) => { out[i] = wrapped[k]; });
    return out;
  }

  private withNulls(at: number[], grads: (Tensor | null)[], n: number): (Tensor | null)[] {
    const r: (Tensor | null)[] = new Array(n).fill(null);
    at.forEach((i, k) => { r[i] = grads[k] ?? null; });
    return r;
  }
}
