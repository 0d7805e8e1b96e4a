// The keyword arguments of the torch.* functions, as PyTorch's argument parser takes them: a trailing options object
// may hold the names PyTorch 1.13 gives the function (test/fixtures/kwargs.json, scripts/gen-kwargs.py) and no
// other, so that `torch.exp(x, { foo: 1 })` is `exp() got an unexpected keyword argument 'foo'` rather than an
// option ignored without a word; and `out=` for every function PyTorch gives it:
//
//   torch.sigmoid(x, { out: y })                     y holds sigmoid(x), and is returned
//   torch.max(x, 1, { out: [values, indices] })      the pair written, returned as torch.return_types.max_out
//
// as ATen does it: the result's dtype must cast to out's ("result type Float can't be cast to the desired output
// type Long"; a pair's tensors must have the result's dtypes), out of another shape is resized (with PyTorch's
// warning unless it had no elements) and takes the result's strides, a reduction with a `dtype` argument computes in
// out's dtype, and autograd refuses it when it would have to record the op.
import { Tensor, ReturnTypes } from './tensor.js';
import { bool, type DType } from './dtype.js';
import { is_grad_enabled, no_grad } from './autograd.js';
import { pyType } from './ops/kw.js';
import { NUMPY_NAMES, isPlainObject } from './optim/optimizer.js';
import { fmtShape, sameShape, scalarName } from './ops/util.js';
import { warnOnce } from './warn.js';
import * as MT from './ops/methods.js';
import { as_strided_ } from './ops/misc.js';

/** The options object of `torch.f(..., { out })` (with the function's other keywords). */
export type OutOptions = { out: Tensor | readonly Tensor[] | ReturnTypes; [key: string]: unknown };

/** A function `spec` gives out= to (its last name is 'out'): its own signatures, and one taking out in the trailing
 *  options object. */
export type WithKeywords<F, S extends string> = [S] extends [never] ? F : [S] extends ['out' | `${string} out`]
  ? F extends (...args: never[]) => infer R ? F & ((...args: [...unknown[], OutOptions]) => R) : F
  : F;


// nn.functional's leading arguments by name (src/nn/F.ts): the wrapper puts the required names of a trailing options
// object in their places (tensor-args.ts placeRequired), F.pad(x, { pad: [1, 1] }); these types admit those calls, one
// overload for each number k of arguments given by position before the options object (1 to the required count - 1),
// the options object holding the other required ones (typed as the function's parameters in those places) and, where
// the function's parameters are PyTorch's positional ones one for one, the optional ones.

/** A spec's words. */
type Words<S extends string> = S extends `${infer H} ${infer T}` ? [H, ...Words<T>] : S extends '' ? [] : [S];
/** Its parameter names (the `#A-B`, `@A` and `=` tokens left out). */
type SpecNames<W extends string[]> = W extends [infer H extends string, ...infer R extends string[]]
  ? H extends `#${string}` | `@${string}` | '=' ? SpecNames<R> : [H, ...SpecNames<R>] : [];
/** [required count, positional count] of `#A-B` (one signature) or `@A` ([A, -1]: its names all positional); [0, 0]
 *  otherwise. */
type SpecCounts<W extends string[]> = W extends [infer H extends string, ...infer R extends string[]]
  ? H extends `#${infer A extends number}-${infer B extends number}` ? [A, B]
    : H extends `#${infer A extends number}-${infer B extends number}/${string}` ? [A, B]
    : H extends `@${infer A extends number}` ? [A, -1] : SpecCounts<R>
  : [0, 0];
/** The first K elements of a parameter list. */
type Head<P extends readonly unknown[], K extends number, Acc extends unknown[] = []> = Acc['length'] extends K ? Acc
  : P extends readonly [infer X, ...infer R] ? Head<R, K, [...Acc, X]> : Acc;
/** The options object holding the names N[From..To) (required) and N[To..Stop) (optional), typed as P in those places. */
type NamedArgs<P extends readonly unknown[], N extends string[], From extends number, To extends number, Stop extends number,
  I extends unknown[] = [], Started extends boolean = false, Past extends boolean = false, Acc = unknown> =
  I['length'] extends Stop | N['length'] ? Acc
    : NamedArgs<P, N, From, To, Stop, [...I, unknown], Or<Started, I['length'] extends From ? true : false>,
      Or<Past, I['length'] extends To ? true : false>, Acc & Slot<P, N[I['length']], I['length'],
        Or<Started, I['length'] extends From ? true : false>, Or<Past, I['length'] extends To ? true : false>>>;
type Or<A extends boolean, B extends boolean> = A extends true ? true : B;
type Slot<P extends readonly unknown[], Name extends string, I extends number, Started extends boolean, Past extends boolean> =
  Started extends false ? unknown : Past extends false ? { [K in Name]: P[I] } : { [K in Name]?: P[I] };
/** One overload each for k = K['length'] .. Req - 1 arguments by position. */
type ByNameFrom<F extends (...a: never[]) => unknown, N extends string[], Req extends number, Most extends number,
  K extends unknown[]> = K['length'] extends Req ? unknown
  : ((...args: [...Head<Parameters<F>, K['length']>, options: NamedArgs<Parameters<F>, N, K['length'], Req,
    Required<Parameters<F>>['length'] extends Most ? Most : Req>]) => ReturnType<F>) & ByNameFrom<F, N, Req, Most, [...K, unknown]>;
/** The overloads taking an nn.functional function's required arguments by name (spec: its F.ts spec string). */
export type ByName<F, S extends string> = [S] extends [never] ? unknown : F extends (...a: never[]) => unknown
  ? SpecCounts<Words<S>> extends [infer Req extends number, infer Most extends number]
    ? Req extends 0 | 1 ? unknown
      : ByNameFrom<F, SpecNames<Words<S>>, Req, Most extends -1 ? SpecNames<Words<S>>['length'] : Most, [unknown]>
    : unknown
  : unknown;

/** The C++ name ATen's "Expected out tensor to have dtype" message gives a dtype. */
const cppName = (d: DType) => (d.name === 'float32' ? 'float' : d.name === 'int64' ? 'long int' : 'bool');

/** c10::canCast: no float to an integer, nothing but bool to bool. */
const canCast = (from: DType, to: DType) => !(from.isFloatingPoint && !to.isFloatingPoint) && !(from !== bool && to === bool);

/** Whether v is t or an array holding it. */
const holds = (v: unknown, t: Tensor): boolean => v === t || (Array.isArray(v) && v.some((e) => holds(e, t)));

/** The calls whose out= is the function's own (a factory's: src/ops/create.ts intoFactoryOut): torch.normal of a number
 *  mean and std, ATen's normal.float_float_out (out resized without a warning, drawn in its memory order); the
 *  samplers bernoulli (bernoulli_out: out resized, drawn in its dtype and memory order) and multinomial (a long out). */
const OWN_OUT: Record<string, (args: unknown[]) => boolean> = {
  normal: (args) => typeof args[0] === 'number' && typeof args[1] === 'number',
  bernoulli: () => true,
  multinomial: () => true,
};

/** The reductions whose out variants compute in out's dtype (ATen's `dtype` argument defaults to it). */
const OUT_DTYPE = new Set(['sum', 'nansum', 'prod', 'cumsum', 'cumprod']);

const requiresGrad = (v: unknown): boolean =>
  v instanceof Tensor ? v.requires_grad : Array.isArray(v) ? v.some(requiresGrad) : false;

/** The result r written into out, as ATen's resize_output and copy (`pair`: out's dtype already checked to be r's). */
function place(r: Tensor, out: Tensor, pair: boolean): void {
  if (!pair && !canCast(r.dtype, out.dtype)) {
    throw new Error(`result type ${scalarName(r.dtype)} can't be cast to the desired output type ${scalarName(out.dtype)}`);
  }
  if (!sameShape(r._shape, out._shape)) {
    if (out.numel() !== 0) {
      const m = `An output with one or more elements was resized since it had shape ${fmtShape(out._shape)}, which does not ` +
        `match the required output shape ${fmtShape(r._shape)}. This behavior is deprecated, and in a future PyTorch ` +
        'release outputs will not be resized unless they have zero elements. You can explicitly reuse an out tensor t ' +
        'by resizing it, inplace, to zero elements with t.resize_(0).';
      warnOnce(m, m);
    }
    MT.resize_(out, r._shape);
    const stride = r.stride();
    if (stride.some((s, i) => s !== out.stride(i))) as_strided_(out, r._shape, stride);
  }
  no_grad(() => out.copy_(r));
}

/** `name`'s call with `out` taken from its options object: the result written into out, out returned. */
function intoOut(name: string, args: unknown[], out: unknown, sameDtype: boolean, call: () => unknown): unknown {
  const outs = out instanceof Tensor ? [out] : Array.isArray(out) || out instanceof ReturnTypes ? [...out as Iterable<unknown>] : [];
  if (!outs.length || !outs.every((t) => t instanceof Tensor)) {
    throw new TypeError(`${name}(): argument 'out' must be ${Array.isArray(out) ? 'tuple of Tensors' : 'Tensor'}, not ${pyType(out)}`);
  }
  if (is_grad_enabled() && (requiresGrad(args) || requiresGrad(outs))) {
    throw new Error(`${name}(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.`);
  }
  const r = call();
  const results = r instanceof Tensor ? [r] : r instanceof ReturnTypes || Array.isArray(r) ? [...r as Iterable<Tensor>] : [];
  const targets = outs as Tensor[];
  try {
    if (r instanceof Tensor !== out instanceof Tensor || targets.length !== results.length) {
      throw new TypeError(r instanceof Tensor ? `${name}(): argument 'out' must be Tensor, not ${pyType(out)}`
        : `${name}(): argument 'out' must be tuple of ${results.length} Tensors, not ${out instanceof Tensor ? 'Tensor'
          : `${pyType(out)} of ${targets.length}`}`);
    }
    const pair = results.length > 1;
    if (sameDtype && results[0].dtype !== targets[0].dtype) {
      throw new Error(`Found dtype ${scalarName(targets[0].dtype)} but expected ${scalarName(results[0].dtype)}`);
    }
    // a pair is checked whole before any of it is written
    if (pair) {
      results.forEach((t, i) => {
        if (t.dtype !== targets[i].dtype) {
          throw new Error(`Expected out tensor to have dtype ${cppName(t.dtype)}, but got ${cppName(targets[i].dtype)} instead`);
        }
      });
    }
    results.forEach((t, i) => place(t, targets[i], pair));
  } finally {
    // a result may be an input itself (conj_physical of a real tensor is the tensor, as in PyTorch)
    for (const t of results) if (!targets.includes(t) && !holds(args, t)) t.dispose();
  }
  if (r instanceof Tensor) return out;
  return r instanceof ReturnTypes ? new ReturnTypes(`${r.name}_out`, targets[0], targets[1]) : targets;
}

/**
 * A call of torch.<name> whose last argument is an options object, checked against the keywords `allowed` (PyTorch's
 * names): undefined where the function is to be called as it is,
 * else its result (out= written; `sameDtype` for ATen's unary ops that keep their input's dtype, whose out must have
 * it: "Found dtype Float but expected Long").
 */
export function keywordCall(name: string, allowed: ReadonlySet<string>, sameDtype: boolean, args: unknown[], last: number,
  call: (args: unknown[]) => unknown): { value: unknown } | undefined {
  const o = args[last] as Record<string, unknown>;
  let out: unknown;
  for (const key of Object.keys(o)) {
    if (o[key] === undefined) continue;
    if (key === 'out' && allowed.has(key)) out = o.out;
    else if (!allowed.has(key) && !allowed.has(NUMPY_NAMES[key] ?? '')) {
      throw new TypeError(`${name}() got an unexpected keyword argument '${key}'`);
    }
  }
  if (out === undefined || OWN_OUT[name]?.(args)) return undefined;
  const rest: Record<string, unknown> = { ...o };
  delete rest.out;
  if (OUT_DTYPE.has(name) && rest.dtype === undefined && out instanceof Tensor) rest.dtype = out.dtype;
  const inner = args.slice(0, last);
  if (Object.keys(rest).some((k) => rest[k] !== undefined)) inner.push(rest);
  return { value: intoOut(name, inner, out, sameDtype, () => call(inner)) };
}

/** How many arguments a call gives, trailing undefined ones not counted. */
export function trimmedLength(args: readonly unknown[]): number {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  return n;
}

/** The index of a call's trailing options object (trailing undefined arguments skipped), or -1. */
export function optionsAt(args: readonly unknown[]): number {
  const n = trimmedLength(args);
  return n > 0 && isPlainObject(args[n - 1]) ? n - 1 : -1;
}
