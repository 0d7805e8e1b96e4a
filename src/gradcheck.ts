// torch.autograd.gradcheck and gradgradcheck, after PyTorch 1.13's torch/autograd/gradcheck.py (its slow,
// backward-mode path): the Jacobian from central finite differences against the one backward computes, one
// row per output element, run twice (reentrancy), then backward with zero grad_outputs must give zeros.
// tocha computes in float32, so the defaults are float32's (PyTorch's are for float64 inputs).
import { Tensor } from './tensor.js';
import { withGrad, freeingGraph } from './autograd.js';
import { grad, internalLeaf } from './autograd-functional.js';
import { scoped } from './lifetime.js';
import { bind } from './optim/optimizer.js';
import * as S from './ops/shape.js';
import * as E from './ops/elementwise.js';
import * as C from './ops/create.js';
import { fmtShape, sameShape } from './ops/util.js';

/** PyTorch's GradcheckError (a RuntimeError): what gradcheck raises when a check fails. */
export class GradcheckError extends Error {
  override name = 'GradcheckError';
}

const FAILED_NONDET_MSG = '\n\nNOTE: If your op relies on non-deterministic operations i.e., it is listed here:\n' +
  'https://pytorch.org/docs/stable/generated/torch.use_deterministic_algorithms.html\n' +
  'this failure might be expected.\n\n' +
  'If you are adding a new operator, please file an issue and then use one of the\n' +
  'workarounds. The workaround depends on how your test invokes gradcheck/gradgradcheck.\n' +
  'If the test\n' +
  '- manually invokes gradcheck/gradgradcheck, then call gradcheck/gradgradcheck\n' +
  '  with `nondet_tol=<tol>` as a keyword argument.\n' +
  '- is OpInfo-based (e.g., in test_ops_gradients.py), then modify the OpInfo for the test\n' +
  '  to have `gradcheck_nondet_tol=<tol>`.\n' +
  '- is a Module test (e.g., in common_nn.py), then modify the corresponding\n' +
  '  module_test entry to have `gradcheck_nondet_tol=<tol>`\n';

/** gradcheck's keyword-only options (tocha's defaults are float32's: see gradcheck). */
export interface GradcheckOptions {
  eps?: number; atol?: number; rtol?: number; raise_exception?: boolean; check_sparse_nnz?: boolean;
  nondet_tol?: number; check_undefined_grad?: boolean; check_grad_dtypes?: boolean; check_batched_grad?: boolean;
  check_batched_forward_grad?: boolean; check_forward_ad?: boolean; check_backward_ad?: boolean; fast_mode?: boolean;
}

/** tocha's float32 defaults (PyTorch's, for float64: eps=1e-6, atol=1e-5, rtol=1e-3). */
const FLOAT32 = { eps: 1e-3, atol: 1e-3, rtol: 1e-2 };

const GRADCHECK_KW = ['eps', 'atol', 'rtol', 'raise_exception', 'check_sparse_nnz', 'nondet_tol', 'check_undefined_grad',
  'check_grad_dtypes', 'check_batched_grad', 'check_batched_forward_grad', 'check_forward_ad', 'check_backward_ad',
  'fast_mode'];

type Fn = (...inputs: Tensor[]) => unknown;

function asTuple(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [x];
}

const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;

function differentiableOutputs(x: unknown): Tensor[] {
  return asTuple(x).filter((o): o is Tensor => isTensor(o) && o.requires_grad);
}

/**
 * Checks the gradients backward computes for func at inputs against finite differences, as
 * `torch.autograd.gradcheck(func, inputs, *, eps, atol, rtol, raise_exception=True, nondet_tol=0.0, ...)`:
 * true, or PyTorch's GradcheckError ("Jacobian mismatch for output 0 with respect to input 0,\nnumerical:...
 * \nanalytical:...") — false instead with `raise_exception: false`. tocha computes in float32, so the
 * defaults are eps=1e-3, atol=1e-3, rtol=1e-2 (PyTorch's 1e-6, 1e-5, 1e-3 are for float64 inputs, which it
 * asks for; there is no such warning here). The slow (exact-Jacobian) mode only: fast_mode,
 * check_forward_ad and check_batched_grad are not supported; check_undefined_grad is accepted but has
 * nothing to check (tocha has no undefined gradients: backward with zero grad_outputs must give zeros).
 * `torch.autograd.gradcheck((x) => x.sin(), torch.randn(3, { requires_grad: true }))   // true`
 */
export function gradcheck(func: Fn, inputs: Tensor | Tensor[], opts?: GradcheckOptions, ...rest: unknown[]): boolean {
  const a = bind('gradcheck', ['func', 'inputs'], GRADCHECK_KW, {
    ...FLOAT32, raise_exception: true, check_sparse_nnz: false, nondet_tol: 0, check_undefined_grad: true,
    check_grad_dtypes: false, check_batched_grad: false, check_batched_forward_grad: false, check_forward_ad: false,
    check_backward_ad: true, fast_mode: false,
  }, [func, inputs, opts, ...rest], 0, true);
  if (!(a.check_forward_ad || a.check_backward_ad)) {
    throw new Error('Expected at least one of check_forward_ad or check_backward_ad to be True');
  }
  for (const k of ['check_forward_ad', 'check_batched_grad', 'check_batched_forward_grad', 'fast_mode']) {
    if (a[k]) throw new Error(`gradcheck: ${k}=True is not supported by tocha (slow backward-mode checks only)`);
  }
  if (!a.raise_exception) {
    try {
      return helper(a.func, a.inputs, a.eps, a.atol, a.rtol, a.nondet_tol, a.check_grad_dtypes);
    } catch (e) {
      if (e instanceof GradcheckError) return false;
      throw e;
    }
  }
  return helper(a.func, a.inputs, a.eps, a.atol, a.rtol, a.nondet_tol, a.check_grad_dtypes);
}

function helper(func: Fn, inputs: unknown, eps: number, atol: number, rtol: number, nondetTol: number,
  checkGradDtypes: boolean): boolean {
  return scoped(() => freeingGraph(false, () => withGrad(true, () => {
    const tupled = asTuple(inputs);
    checkInputs(tupled);
    const funcOut = func(...(tupled as Tensor[]));
    const outputs = differentiableOutputs(funcOut);
    const outs = asTuple(funcOut).filter((o): o is Tensor => isTensor(o) && o.dtype.isFloatingPoint);
    const numerical = numericalJacobian(func, tupled, outs, eps); // [input][output]
    if (outputs.length === 0) {
      for (const perInput of numerical) {
        for (const j of perInput) {
          if (Number(j.ne(0).sum().item()) > 0) throw new GradcheckError('Numerical gradient for function expected to be zero');
        }
      }
      return true;
    }
    const diffInputs = tupled.filter((t): t is Tensor => isTensor(t) && t.requires_grad);
    outputs.forEach((o, i) => {
      const k = outs.indexOf(o);
      const analytical = analyticalJacobian(diffInputs, o, nondetTol, checkGradDtypes);
      analytical.forEach((an, j) => {
        const n = numerical[j][k];
        if (!E.allclose(an, n, { rtol, atol })) {
          throw new GradcheckError(`Jacobian mismatch for output ${i} with respect to input ${j},\n` +
            `numerical:${n}\nanalytical:${an}\n`);
        }
      });
    });
    // backward must be linear in grad_output: zeros in, zeros out
    const grads = grad(outputs, diffInputs, outputs.map((o) => C.zeros_like(o)), false, false);
    grads.forEach((gi, i) => {
      if (gi === null) return;
      if (!gi.eq(0).all().item()) throw new GradcheckError('backward not multiplied by grad_output');
      if (gi.dtype !== diffInputs[i].dtype) throw new GradcheckError('grad is incorrect type');
      if (!sameShape(gi._shape, diffInputs[i]._shape)) throw new GradcheckError('grad is incorrect size');
    });
    return true;
  })), 'the end of torch.autograd.gradcheck() (an internal temporary)');
}

function checkInputs(tupled: unknown[]): void {
  let any = false;
  tupled.forEach((t, idx) => {
    if (!isTensor(t) || !t.requires_grad) return;
    if (!t._shape.every((sz, d) => t._strides[d] > 0 || sz <= 1)) {
      throw new Error(`The ${idx}th input has a dimension with stride 0. gradcheck only supports inputs that are ` +
        'non-overlapping to be able to compute the numerical gradients correctly. You should call .contiguous on ' +
        'the input before passing it to gradcheck.');
    }
    any = true;
  });
  if (!any) {
    throw new RangeError('gradcheck expects at least one input tensor to require gradient, but none of the them have ' +
      'requires_grad=True.');
  }
}

/** The multi-indices of a shape in row-major order. */
function* indices(shape: readonly number[]): Generator<number[]> {
  const n = shape.reduce((p, s) => p * s, 1);
  const idx = shape.map(() => 0);
  for (let k = 0; k < n; k++) {
    yield idx.slice();
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
}

/**
 * Per input requiring grad, per floating output: the [input numel, output numel] Jacobian from central
 * differences (x ± eps through the input's storage, unseen by autograd, as PyTorch perturbs `x.data`).
 */
function numericalJacobian(func: Fn, tupled: unknown[], outs: Tensor[], eps: number): Tensor[][] {
  const result: Tensor[][] = [];
  tupled.forEach((inp) => {
    if (!isTensor(inp) || !inp.requires_grad) return;
    const data = inp.detach();
    const storage = data._live();
    const cols: Tensor[][] = outs.map(() => []);
    const run = () => withGrad(true, () => asTuple(func(...(tupled as Tensor[])))
      .filter((o): o is Tensor => isTensor(o) && o.dtype.isFloatingPoint).map((o) => o.clone()));
    for (const idx of indices(data._shape)) {
      let entry = data;
      for (const i of idx) entry = S.select(entry, 0, i);
      const version = storage.version;
      const orig = entry.clone();
      entry.copy_(E.sub(orig, eps));
      const outa = run();
      entry.copy_(E.add(orig, eps));
      const outb = run();
      entry.copy_(orig);
      storage.version = version;
      outa.forEach((x, k) => {
        const y = outb[k];
        if (!sameShape(x._shape, y._shape)) {
          throw new Error('Expected `func` to return outputs with the same shape when inputs are perturbed on index ' +
            `{idx} by ${eps}, but got: shapes torch.Size(${fmtShape(x._shape)}) and torch.Size(${fmtShape(y._shape)}).`);
        }
        cols[k].push(E.div(E.sub(y, x), 2 * eps).detach().reshape([-1]));
      });
    }
    result.push(outs.map((o, k) => (cols[k].length ? S.stack(cols[k], 0) : C.zeros([0, o.numel()]))));
  });
  return result;
}

/** Per input: the [input numel, output numel] Jacobian of backward (one row of vjps per output element),
 *  computed twice: the two must agree within nondet_tol. */
function analyticalJacobian(diffInputs: Tensor[], output: Tensor, nondetTol: number, checkGradDtypes: boolean): Tensor[] {
  const rows = () => {
    const cols: Tensor[][] = diffInputs.map(() => []);
    let typesOk = true;
    for (let j = 0; j < output.numel(); j++) {
      const g = C.zeros([output.numel()]);
      g.select(0, j).fill_(1);
      const gi = grad([output], diffInputs, [g.view(output._shape)], false, true);
      gi.forEach((d, i) => {
        if (d !== null && d.dtype !== diffInputs[i].dtype) typesOk = false;
        cols[i].push(d === null ? C.zeros([diffInputs[i].numel()]) : d.clone().reshape([-1]));
      });
    }
    const jac = cols.map((c, i) => (c.length ? S.stack(c, 1) : C.zeros([diffInputs[i].numel(), 0])));
    return { jac, typesOk };
  };
  const first = rows();
  const second = rows();
  const reentrant = first.jac.every((j1, i) => j1.numel() === 0 || Number(j1.sub(second.jac[i]).abs().max().item()) <= nondetTol);
  if (!first.typesOk && checkGradDtypes) throw new GradcheckError('Gradient has dtype mismatch');
  if (!reentrant) {
    throw new GradcheckError('Backward is not reentrant, i.e., running backward with same input and grad_output ' +
      'multiple times gives different values, although analytical gradient matches numerical gradient.' +
      `The tolerance for nondeterminism was ${nondetTol}.` + FAILED_NONDET_MSG);
  }
  return first.jac;
}

/** gradgradcheck's options: gradcheck's, and gen_non_contig_grad_outputs, check_fwd_over_rev, check_rev_over_rev. */
export interface GradgradcheckOptions extends GradcheckOptions {
  gen_non_contig_grad_outputs?: boolean; check_fwd_over_rev?: boolean; check_rev_over_rev?: boolean;
}

/**
 * Checks second derivatives, as `torch.autograd.gradgradcheck(func, inputs, grad_outputs=None, *, eps, atol,
 * rtol, ...)`: gradcheck of the function (inputs, grad_outputs) → autograd.grad(func(inputs), inputs,
 * grad_outputs, create_graph=True). Without grad_outputs they are uniform draws in [-1, 1) (requires_grad).
 * The float32 defaults of gradcheck. `torch.autograd.gradgradcheck((x) => x.pow(3), [x])   // true`
 */
export function gradgradcheck(func: Fn, inputs: Tensor | Tensor[], grad_outputs?: Tensor | Tensor[] | null | GradgradcheckOptions,
  ...rest: unknown[]): boolean {
  const a = bind('gradgradcheck', ['func', 'inputs', 'grad_outputs'],
    ['eps', 'atol', 'rtol', 'gen_non_contig_grad_outputs', 'raise_exception', 'nondet_tol', 'check_undefined_grad',
      'check_grad_dtypes', 'check_batched_grad', 'check_fwd_over_rev', 'check_rev_over_rev', 'fast_mode'], {
      grad_outputs: null, ...FLOAT32, gen_non_contig_grad_outputs: false, raise_exception: true, nondet_tol: 0,
      check_undefined_grad: true, check_grad_dtypes: false, check_batched_grad: false, check_fwd_over_rev: false,
      check_rev_over_rev: true, fast_mode: false,
    }, [func, inputs, grad_outputs, ...rest], 0, true);
  if (!(a.check_fwd_over_rev || a.check_rev_over_rev)) {
    throw new Error('Expected at least one of check_fwd_over_rev or check_rev_over_rev to be True');
  }
  if (a.check_undefined_grad && !a.check_rev_over_rev) {
    throw new Error('Setting check_undefined_grad=True requires check_rev_over_rev to be True');
  }
  return scoped(() => freeingGraph(false, () => gradgrad(a)), 'the end of torch.autograd.gradgradcheck() (an internal temporary)');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function gradgrad(a: Record<string, any>): boolean {
  const f = a.func as Fn;
  const tupled = asTuple(a.inputs);
  const tupledGo = (a.grad_outputs === null
    ? withGrad(true, () => differentiableOutputs(f(...(tupled as Tensor[]))))
      .map((x) => internalLeaf(C.uniform_(C.empty(x._shape), -1, 1)))
    : asTuple(a.grad_outputs)) as Tensor[];
  const numOutputs = tupledGo.length;
  const diffIn = new Set(tupled.flatMap((x, i) => (isTensor(x) && x.requires_grad ? [i] : [])));
  const diffGo = new Set(tupledGo.flatMap((x, i) => (x.requires_grad ? [i] : [])));
  const newFunc = (...args: Tensor[]): Tensor[] => {
    const inputArgs = args.slice(0, args.length - numOutputs).map((x, i) => (diffIn.has(i) && !x.requires_grad ? x.requires_grad_() : x));
    const outputs = differentiableOutputs(f(...inputArgs));
    const gos = args.slice(args.length - numOutputs).map((x, i) => (diffGo.has(i) && !x.requires_grad ? x.requires_grad_() : x));
    const diffInputArgs = inputArgs.filter((_, i) => diffIn.has(i));
    const gi = grad(outputs, diffInputArgs, gos, true);
    return gi.filter((g): g is Tensor => g !== null);
  };
  return gradcheck(newFunc, [...tupled, ...tupledGo] as Tensor[], {
    eps: a.eps, atol: a.atol, rtol: a.rtol, raise_exception: a.raise_exception, nondet_tol: a.nondet_tol,
    check_undefined_grad: a.check_undefined_grad, check_grad_dtypes: a.check_grad_dtypes,
    check_batched_grad: a.check_batched_grad, fast_mode: a.fast_mode, check_forward_ad: a.check_fwd_over_rev,
    check_backward_ad: a.check_rev_over_rev,
  });
}
