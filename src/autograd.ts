// The autograd tape: graph nodes, grad mode, and the backward engine.
// Each op records one Node with its backward rule beside its forward (src/ops). The engine
// does the shared work once: topological order, summing a gradient back to a broadcast
// input's shape, skipping inputs that need no grad, accumulating into `.grad`.
import type { Tensor } from './tensor.js';
import { openScope, keep, Scope, scoped, Storage, adopt } from './lifetime.js';
import { sameShape } from './ops/util.js';

let gradEnabled = true;
/** Anomaly detection (`torch.autograd.set_detect_anomaly`): nodes keep their forward stack, and
 *  backward checks every gradient for NaN. */
let anomaly = false;
/** Whether anomaly mode makes a NaN gradient an error (`check_nan`, on by default). */
let anomalyNan = true;

/** Whether anomaly detection is on, as `torch.is_anomaly_enabled()`. */
export function is_anomaly_enabled(): boolean {
  return anomaly;
}

/** Whether anomaly detection checks gradients for NaN, as `torch.is_anomaly_check_nan_enabled()`. */
export function is_anomaly_check_nan_enabled(): boolean {
  return anomalyNan;
}

/** Turns anomaly detection on or off, as `torch.autograd.set_detect_anomaly(mode, check_nan=True)`
 *  (also `torch.set_anomaly_enabled(enabled, check_nan=True)`). */
export function set_detect_anomaly(mode: boolean, check_nan: boolean | { check_nan?: boolean } = true): void {
  anomaly = mode;
  anomalyNan = typeof check_nan === 'object' ? check_nan.check_nan ?? true : check_nan;
}

/** Runs fn with anomaly detection on, as `with torch.autograd.detect_anomaly(check_nan=True):` (which warns, as
 *  PyTorch does, that it slows everything down). */
export function detect_anomaly<T>(fn: () => T, check_nan: boolean | { check_nan?: boolean } = true): T {
  console.warn('UserWarning: Anomaly Detection has been enabled. This mode will increase the runtime and should only ' +
    'be enabled for debugging.');
  const prev = anomaly;
  const prevNan = anomalyNan;
  anomaly = true;
  anomalyNan = typeof check_nan === 'object' ? check_nan.check_nan ?? true : check_nan;
  try {
    return fn();
  } finally {
    anomaly = prev;
    anomalyNan = prevNan;
  }
}

export function is_grad_enabled(): boolean {
  return gradEnabled;
}

export function set_grad_enabled(on: boolean): void {
  gradEnabled = on;
}

/** Runs fn with grad mode `on` (and inference mode `inference`, unchanged by default). */
export function withGrad<T>(on: boolean, fn: () => T, inference = Storage.inferenceMode): T {
  const prev = gradEnabled;
  const prevInference = Storage.inferenceMode;
  gradEnabled = on;
  Storage.inferenceMode = inference;
  try {
    const r = fn();
    if (r instanceof Promise) {
      // An async body: restore once it settles (PyTorch's context manager cannot span awaits either).
      gradEnabled = prev;
      Storage.inferenceMode = prevInference;
      return (async () => {
        const p = gradEnabled;
        const pi = Storage.inferenceMode;
        gradEnabled = on;
        Storage.inferenceMode = inference;
        try {
          return await r;
        } finally {
          gradEnabled = p;
          Storage.inferenceMode = pi;
        }
      })() as T;
    }
    return r;
  } finally {
    gradEnabled = prev;
    Storage.inferenceMode = prevInference;
  }
}

/**
 * Runs fn with gradient recording off, as `with torch.no_grad():`. Nothing made in a no_grad
 * block is part of a graph, so what fn creates and neither returns nor keeps is released when it
 * ends (an evaluation loop stays flat): `const out = torch.no_grad(() => net(x))`.
 */
export function no_grad<T>(fn: () => T): T {
  return scoped(() => withGrad(false, fn),
    'the end of the torch.no_grad() callback that created it (return it from the callback, or call .keep())');
}

/**
 * Runs fn in inference mode, as `with torch.inference_mode():`: like no_grad, and the tensors it
 * makes are inference tensors (`is_inference()`), which autograd may not save for a backward and
 * which may not be changed in place outside inference mode (PyTorch's errors). With `mode` false,
 * as `torch.inference_mode(False)`: grad mode on, inference mode off, for a block inside one.
 */
export function inference_mode<T>(fn: () => T): T;
export function inference_mode<T>(mode: boolean, fn: () => T): T;
export function inference_mode<T>(a: boolean | (() => T), b?: () => T): T {
  const [mode, fn] = typeof a === 'function' ? [true, a] : [a, b];
  if (typeof mode !== 'boolean' || typeof fn !== 'function') {
    throw new TypeError('inference_mode(): expected a function, or a boolean mode and a function');
  }
  if (!mode) return withGrad(true, fn, false);
  return scoped(() => withGrad(false, fn, true),
    'the end of the torch.inference_mode() callback that created it (return it from the callback, or call .keep())');
}

/** Whether inference mode is on, as `torch.is_inference_mode_enabled()`. */
export function is_inference_mode_enabled(): boolean {
  return Storage.inferenceMode;
}

/** Runs fn with gradient recording on, as `with torch.enable_grad():`. */
export function enable_grad<T>(fn: () => T): T {
  return withGrad(true, fn);
}

/** torch.autograd.graph's saved tensors hooks: pack(tensor) runs when a node saves a tensor, unpack(packed) when
 *  backward reads it. */
export type PackHook = (tensor: Tensor) => unknown;
export type UnpackHook = (packed: unknown) => unknown;
/** The registered (pack, unpack) pairs, the innermost in use (src/autograd-graph.ts), and disable_saved_tensors_hooks's
 *  message while it refuses new ones. */
/** Each pair carries the scope that was current where `saved_tensors_hooks` was entered: what pack makes lives there
 *  (a user's pack hook that stores a copy must not see it released by the scope of the library op that saved it). */
export const savedTensorsHooks = { stack: [] as HookPair[], disabled: null as string | null };
export type HookPair = [PackHook, UnpackHook, Scope | null];

/** A tensor saved through hooks: what pack returned (tensors in it kept until the node is freed), and the saved
 *  tensor's autograd identity, which the unpacked tensor gets (PyTorch's SavedVariable). */
interface Hooked {
  pack: PackHook;
  unpack: UnpackHook;
  home: Scope | null;
  packed: unknown;
  kept: Tensor[];
  gradFn: Node | null;
  requiresGrad: boolean;
  acc: AccumulateGrad | null;
}

/** Runs pack on t with grad mode off (as PyTorch); tensors in its result stay alive until the node is freed, t itself
 *  as an alias (the caller's tensor object may be released by its scope). */
function packSaved(t: Tensor, [pack, unpack, home]: HookPair): Hooked {
  const prev = gradEnabled;
  gradEnabled = false;
  let packed: unknown;
  const scope = openScope('the end of the saved tensors pack hook that created it');
  try {
    packed = pack(t);
  } finally {
    gradEnabled = prev;
    // what the hook made belongs to the scope the hooks were registered in, not to the op's
    for (const m of scope.members) if (m._scope === scope) adopt(m, home);
    scope.close();
  }
  const kept: Tensor[] = [];
  const hold = (v: unknown, depth: number): unknown => {
    if (ops.isTensor(v)) {
      const h = v === t ? t._savedAlias() : keep(v);
      kept.push(h);
      return h;
    }
    if (depth < 3 && Array.isArray(v)) v.forEach((x, i) => { v[i] = hold(x, depth + 1); });
    else if (depth < 3 && v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const [k, x] of Object.entries(v)) (v as Record<string, unknown>)[k] = hold(x, depth + 1);
    }
    return v;
  };
  packed = hold(packed, 0);
  return {
    pack, unpack, home, packed, kept, gradFn: t.grad_fn, requiresGrad: t._requiresGrad,
    acc: t._requiresGrad && t.grad_fn === null ? t._accumulator() : null,
  };
}

/** A tensor the node keeps for its backward rule, with the version it had then. */
interface Saved {
  /** null when saved through hooks (`hooked`). */
  t: Tensor | null;
  hooked?: Hooked;
  /** Saved through hooks and the node's own output: the unpacked tensor's history is the node. */
  output?: boolean;
  version: number;
  /** The node whose output the saved tensor is (this node's own outputs), for the in-place error message. */
  producer: string | null;
  /**
   * The tensor that was saved (an input): the message names its history when the error is raised, as
   * PyTorch does (after an in-place op on a view of it, that is CopySlices or AsStridedBackward0).
   */
  original: Tensor | null;
}

/**
 * A backward rule: the gradient of the output, the saved tensors, and which inputs need a
 * gradient (a rule may skip computing the others and return null for them).
 */
export type BackwardFn = (grad: Tensor, saved: Tensor[], needs: boolean[]) => (Tensor | null)[];

/** A tensor's gradient hook: may return a gradient to use instead (same shape). */
export type GradHook = (grad: Tensor) => Tensor | void;
/** Where retain_grad() stands among a node's hooks. */
export const RETAIN = 'retain_grad';

/** A node of the graph: what PyTorch calls a grad_fn. */
export class Node {
  /** One edge per input: the input's grad_fn, its AccumulateGrad, or null if it needs no grad. */
  readonly next: (Node | null)[];
  readonly inputShapes: number[][];
  private savedTensors: Saved[];
  freed = false;
  /** The tensor this node produced (released after its graph is spent, see lifetime.ts rule 3). */
  output: Tensor | null = null;
  /** The output's gradient hooks (`register_hook`) and, where retain_grad() was called, RETAIN: they
   *  run in that order on the gradient reaching this node (PyTorch 1.13's order). */
  hooks: (GradHook | typeof RETAIN)[] | null = null;

  /** Where the forward op ran (anomaly detection only). */
  readonly trace = anomaly ? new Error().stack?.split('\n').slice(2).join('\n') : undefined;

  /** Whether retain_grad() was called on the output. */
  get retainsGrad(): boolean {
    return this.hooks?.includes(RETAIN) ?? false;
  }

  constructor(
    private readonly nodeName: string,
    inputs: readonly Tensor[],
    saved: readonly Tensor[],
    private readonly fn: BackwardFn,
  ) {
    this.next = inputs.map((t) => (t.requires_grad ? t.grad_fn ?? t._accumulator() : null));
    this.inputShapes = inputs.map((t) => t._shape.slice());
    const hooks = savedTensorsHooks.stack.length ? savedTensorsHooks.stack[savedTensorsHooks.stack.length - 1] : null;
    // with hooks, record() packs the tensors once the output has its history (pack sees it, as in PyTorch)
    if (hooks && saved.length) this.pending = { hooks, saved };
    this.savedTensors = saved.map((t) => ({
      t: hooks ? null : t._savedAlias(),
      version: t._version,
      producer: t.grad_fn ? t.grad_fn.name() : null,
      original: t,
    }));
  }

  /** PyTorch's node name, e.g. `SigmoidBackward0`. */
  name(): string {
    return this.nodeName;
  }

  /** What next_functions shows when it is not `next`: the inputs of a composite op recorded as one
   *  PyTorch node (`shownInputs`), rather than the composite's own last node. */
  shown: (Node | null)[] | null = null;

  get next_functions(): [Node | null, number][] {
    return (this.shown ?? this.next).map((n) => [n, 0]);
  }

  toString(): string {
    return `<${this.nodeName}>`;
  }

  /** Runs the rule: one gradient per input (null where none). */
  apply(grad: Tensor): (Tensor | null)[] {
    if (this.freed) {
      throw new Error(
        'Trying to backward through the graph a second time (or directly access saved tensors after they ' +
        'have already been freed). Saved intermediate values of the graph are freed when you call .backward() ' +
        'or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time ' +
        'or if you need to access saved tensors after calling backward.');
    }
    const tensors: Tensor[] = [];
    for (const s of this.savedTensors) {
      if (s.hooked) {
        // no version check through hooks (PyTorch cannot track versions through them either)
        tensors.push(this._unpack(s.hooked, s.output ?? false));
        continue;
      }
      const t = s.t!;
      if (t._version !== s.version) {
        const o = s.original;
        const fn = o && !o._released ? o.grad_fn : null;
        const producer = o && !o._released ? (fn ? fn._cppName() : null) : s.producer;
        const what = producer ? `, which is output 0 of ${producer},` : '';
        throw new Error(
          'one of the variables needed for gradient computation has been modified by an inplace operation: ' +
          `[torch.${t.dtype === undefined ? 'Float' : typeName(t)}Tensor [${t._shape.join(', ')}]]${what} ` +
          `is at version ${t._version}; expected version ${s.version} instead. Hint: ` + (anomaly
            ? 'the backtrace further above shows the operation that failed to compute its gradient. The variable ' +
              'in question was changed in there or anywhere later. Good luck!'
            : 'enable anomaly detection to find the operation that failed to compute its gradient, with ' +
              'torch.autograd.set_detect_anomaly(True).'));
      }
      tensors.push(t);
    }
    return this.fn(grad, tensors, this.next.map((n) => n !== null));
  }

  /** The tensors to pack through saved tensors hooks (record() calls `_packSaved` after linking the output). */
  private pending: { hooks: HookPair; saved: readonly Tensor[] } | null = null;

  _packSaved(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    p.saved.forEach((t, i) => { this.savedTensors[i].hooked = packSaved(t, p.hooks); });
  }

  /** The tensor unpack gives back, with the saved tensor's autograd identity (an alias: the hook's object is its own). */
  private _unpack(h: Hooked, output: boolean): Tensor {
    const u = h.unpack(h.packed);
    if (!ops.isTensor(u)) {
      const type = u === null || u === undefined ? 'NoneType' : typeof u === 'number' ? (Number.isInteger(u) ? 'int' : 'float')
        : Array.isArray(u) ? 'list' : typeof u === 'object' ? (u as object).constructor?.name ?? 'object' : typeof u;
      throw new TypeError(`Output of saved tensor unpack_hook expected to be a Tensor but got result of type ${type}`);
    }
    const a = u.detach();
    if (output) {
      a.grad_fn = this;
      a._requiresGrad = true;
    } else {
      a.grad_fn = h.gradFn;
      a._requiresGrad = h.requiresGrad;
      if (h.acc) a._acc = h.acc;
    }
    return a;
  }

  /** The name PyTorch's error messages use (a C++ node's qualified name). */
  _cppName(): string {
    return this.nodeName === 'CopySlices' ? 'torch::autograd::CopySlices' : this.nodeName;
  }

  /** A saved output gets this node as its history (for double backward through it). */
  _linkOutput(i: number): void {
    if (this.savedTensors[i].t === null) {
      this.savedTensors[i].output = true;
      this.savedTensors[i].producer = this.nodeName;
      this.savedTensors[i].original = null;
      return;
    }
    const t = this.savedTensors[i].t!;
    this.savedTensors[i].producer = this.nodeName;
    this.savedTensors[i].original = null;
    t.grad_fn = this;
    t._requiresGrad = true;
  }

  /**
   * An in-place op is about to overwrite `t`, which this node (the op's own) saved as an input: it keeps
   * a copy of the old values instead, as PyTorch's in-place formulas save `original_self`.
   */
  _snapshotInput(t: Tensor, copy: (t: Tensor) => Tensor): void {
    for (let i = 0; i < this.savedTensors.length; i++) {
      const s = this.savedTensors[i];
      if (s.original !== t) continue;
      if (s.hooked) {
        // pack the values about to be overwritten (PyTorch packs its clone of the input)
        const h = s.hooked;
        for (const k of h.kept) k._release('an in-place op (the node packs a copy of the values it overwrote)');
        const c = copy(t);
        const again = packSaved(c, [h.pack, h.unpack, h.home]);
        c.dispose();
        this.savedTensors[i] = { t: null, hooked: { ...again, gradFn: h.gradFn, requiresGrad: h.requiresGrad, acc: h.acc },
          output: s.output, version: s.version, producer: s.producer, original: null };
        continue;
      }
      const c = copy(s.t!);
      keep(c);
      c.grad_fn = s.t!.grad_fn;
      c._requiresGrad = s.t!._requiresGrad;
      c._acc = s.t!._acc;
      s.t!._release('an in-place op (the node keeps a copy of the values it overwrote)');
      this.savedTensors[i] = { t: c, version: c._version, producer: s.producer, original: null };
    }
  }

  /**
   * The op's result was written into `into` (an in-place op): a saved output now refers to `into` at
   * its new version, so a later in-place change of it is caught as PyTorch catches it.
   */
  _rebaseOutput(result: Tensor, into: Tensor): void {
    for (let i = 0; i < this.savedTensors.length; i++) {
      const s = this.savedTensors[i];
      if (s.hooked || s.original !== null || s.t!._storage !== result._storage) continue;
      const old = s.t!;
      const a = into._savedAlias();
      this.savedTensors[i] = { t: a, version: into._version, producer: this.nodeName, original: null };
      a.grad_fn = this;
      a._requiresGrad = true;
      old._release('an in-place op (its saved result now refers to the tensor written into)');
    }
  }

  /** Drops the saved tensors (after a backward without retain_graph). */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    for (const s of this.savedTensors) {
      for (const t of s.hooked ? s.hooked.kept : s.t ? [s.t] : []) if (!t._released) t._release('backward() (saved tensors are freed after backward)');
    }
    this.savedTensors = [];
  }
}

function typeName(t: Tensor): string {
  return t.dtype.name === 'float32' ? 'Float' : t.dtype.name === 'int64' ? 'Long' : 'Bool';
}

/** The node that receives a leaf's gradient. */
export class AccumulateGrad extends Node {
  constructor(readonly variable: Tensor) {
    super('AccumulateGrad', [], [], () => []);
  }
}

/**
 * Records `out = op(inputs)` if grad mode is on and an input requires grad.
 * `backward(g, saved)` must not capture the input tensors themselves; it gets `saved`.
 */
export function record(
  name: string, out: Tensor, inputs: readonly Tensor[], saved: readonly Tensor[], backward: BackwardFn,
): Tensor {
  if (!gradEnabled) return out;
  let any = false;
  for (const t of inputs) if (t.requires_grad) { any = true; break; }
  if (!any) return out;
  for (const t of saved) {
    if (t._live().inference) {
      throw new Error('Inference tensors cannot be saved for backward. To work around you can make a clone to get a ' +
        'normal tensor and use it in autograd.');
    }
  }
  const node = new Node(name, inputs, saved, backward);
  nodeLog?.push(node);
  node.output = out;
  out._setHistory(node);
  for (let i = 0; i < saved.length; i++) if (saved[i] === out) node._linkOutput(i);
  node._packSaved();
  return out;
}

/**
 * Makes `r.grad_fn.next_functions` show `inputs`' nodes, as PyTorch's single node for the op does
 * (`MseLossBackward0` → `AddmmBackward0`); the backward still runs through the composite's graph.
 */
export function shownInputs(r: Tensor, inputs: readonly (Tensor | null | undefined)[]): Tensor {
  if (r.grad_fn) r.grad_fn.shown = inputs.map((t) => (t && t.requires_grad ? t.grad_fn ?? t._accumulator() : null));
  return r;
}

/**
 * Gives a composite's result PyTorch's node name (`grad_fn=<HypotBackward0>`): one identity node over an
 * alias of it that is not a view, as the result of PyTorch's op is not (an in-place change of it gives it
 * its own history). A result PyTorch makes as a view is named by the view op itself (shape.ts: viewAs,
 * narrowAs, ...), so that it stays a view of its base.
 */
export function renamed(name: string, r: Tensor): Tensor {
  if (!gradEnabled || !r.requires_grad) return r;
  return record(name, r.detach(), [r], [], (g) => [g]);
}

/**
 * PyTorch records a node whose backward raises (`derivative for aten::floor_divide is not implemented`):
 * the output requires grad, and backward through it throws `message`. `out` must have been computed
 * without a graph of its own (no_grad or detached inputs).
 */
export function refused(name: string, message: string, out: Tensor, inputs: readonly Tensor[]): Tensor {
  return record(name, out, inputs, [], () => { throw new Error(message); });
}

let nodeLog: Node[] | null = null;

/**
 * Runs fn, then frees the saved tensors of every graph node it recorded (unless `keepGraph`): for library
 * code (autograd.functional, gradcheck) whose graphs nothing outside the call can reach, so their saved
 * tensors do not wait for the garbage collector.
 */
export function freeingGraph<T>(keepGraph: boolean, fn: () => T): T {
  if (keepGraph) return fn();
  const prev = nodeLog;
  const log: Node[] = [];
  nodeLog = log;
  try {
    return fn();
  } finally {
    nodeLog = prev;
    for (const n of log) n.free();
  }
}

export function needsGrad(...inputs: Tensor[]): boolean {
  if (!gradEnabled) return false;
  for (const t of inputs) if (t.requires_grad) return true;
  return false;
}

// ---------------------------------------------------------------- the engine

export interface BackwardOptions {
  retain_graph?: boolean;
  create_graph?: boolean;
}

type SumTo = (g: Tensor, shape: number[]) => Tensor;
type Ops = {
  sumTo: SumTo; add: (a: Tensor, b: Tensor) => Tensor; onesLike: (t: Tensor) => Tensor; isTensor: (x: unknown) => x is Tensor;
  /** A detached copy of g laid out as v (AccumulateGrad's clone_obey_contract), or null when g obeys the contract. */
  gradLayout: (g: Tensor, v: Tensor) => Tensor | null;
};
let ops: Ops;

/** The ops module registers the few ops the engine needs (breaks an import cycle). */
export function registerEngineOps(o: Ops): void {
  ops = o;
}

// Intermediate results of the last spent graph, released at the next backward (lifetime rule 3).
// Held strongly until the event loop turns, then weakly: once nothing else refers to them the collector
// frees them even if no backward follows. Not weakly at once: creating or dereferencing a WeakRef keeps
// its target alive until the current job ends (the spec's KeptObjects), so a synchronous training loop
// kept every step's graph (~7 KB a step of a tiny MLP: 1.2 GB of JavaScript heap after 160,000 steps).
/** Tensors held strongly until the event loop turns, then weakly. */
class Held {
  private strong: Tensor[] = [];
  private weak: WeakRef<Tensor>[] = [];

  add(ts: readonly Tensor[]): void {
    this.strong.push(...ts);
    if (this.strong.length) weakenSoon();
  }

  weaken(): void {
    for (const t of this.strong) this.weak.push(new WeakRef(t));
    this.strong = [];
  }

  /** What is held and still alive; nothing is held after. */
  take(): Tensor[] {
    const out = this.strong;
    for (const r of this.weak) {
      const t = r.deref();
      if (t) out.push(t);
    }
    this.strong = [];
    this.weak = [];
    return out;
  }
}
/** A spent graph's results: released at the next backward. */
const spent = /*#__PURE__*/ new Held();
/** The roots of the last backward that spent its graph: spent by the next one. */
const lastRoots = /*#__PURE__*/ new Held();
let weakening = false;

function weakenSoon(): void {
  if (weakening || typeof WeakRef !== 'function') return;
  weakening = true;
  queueMicrotask(() => {
    weakening = false;
    spent.weaken();
    lastRoots.weaken();
  });
}

function releaseSpent(): void {
  for (const t of spent.take()) releaseSpentOne(t);
}

function releaseSpentOne(t: Tensor): void {
  if (!t._kept && !t._released) t._release('backward() of the next training step (intermediate results of a ' +
    'graph are released one backward() later; call .keep() on a tensor to use it longer)');
}

/**
 * Computes gradients of `roots` (weighted by `grads`) and either accumulates them into the
 * leaves' `.grad` (inputs undefined) or returns them for `inputs` (torch.autograd.grad).
 */
export function runBackward(
  roots: Tensor[], grads: (Tensor | null)[], opts: BackwardOptions, inputs?: Tensor[], allowUnused = false,
): (Tensor | null)[] {
  const retain = opts.retain_graph ?? opts.create_graph ?? false;
  const create = opts.create_graph ?? false;
  releaseSpent();
  // Every tensor made during backward (the seed included) is temporary unless it becomes a .grad.
  const scope = create ? null : openScope('backward() (temporary gradients)');
  try {
    return backwardIn(roots, grads, retain, create, scope, inputs, allowUnused);
  } finally {
    scope?.close();
  }
}

function backwardIn(
  roots: Tensor[], grads: (Tensor | null)[], retain: boolean, create: boolean, scope: Scope | null,
  inputs: Tensor[] | undefined, allowUnused: boolean,
): (Tensor | null)[] {

  // Seed gradients.
  const rootNodes: [Node, Tensor][] = [];
  for (let i = 0; i < roots.length; i++) {
    const r = roots[i];
    if (!r.requires_grad) {
      throw new Error('element 0 of tensors does not require grad and does not have a grad_fn');
    }
    let g = grads[i];
    if (g == null) {
      if (r.numel() !== 1) throw new Error('grad can be implicitly created only for scalar outputs');
      g = ops.onesLike(r);
    } else if (!sameShape(g._shape, r._shape)) {
      throw new RangeError(
        `Mismatch in shape: grad_output[0] has a shape of torch.Size([${g._shape.join(', ')}]) and output[0] ` +
        `has a shape of torch.Size([${r._shape.join(', ')}]).`);
    }
    rootNodes.push([r.grad_fn ?? r._accumulator(), g]);
  }

  const wanted = inputs ? new Map<Node, number>(inputs.map((t, i) => [t.grad_fn ?? t._accumulator(), i])) : null;
  // With inputs (torch.autograd.grad), only the nodes on a path to one of them run, as PyTorch's exec_info: the graph
  // below a non-leaf input is neither run nor freed.
  const needed = wanted ? neededNodes(rootNodes.map(([n]) => n), wanted) : null;
  const runs = (n: Node) => !needed || n.next.some((m) => m !== null && needed.has(m));

  // Dependencies: how many edges point at each node from the part of the graph that runs.
  const deps = new Map<Node, number>();
  const stack: Node[] = rootNodes.map(([n]) => n);
  const seen = new Set<Node>(stack);
  while (stack.length) {
    const n = stack.pop()!;
    if (!runs(n)) continue;
    for (const m of n.next) {
      if (!m || (needed && !needed.has(m))) continue;
      deps.set(m, (deps.get(m) ?? 0) + 1);
      if (!seen.has(m)) {
        seen.add(m);
        stack.push(m);
      }
    }
  }

  const results: (Tensor | null)[] = inputs ? inputs.map(() => null) : [];

  const prevMode = gradEnabled;
  gradEnabled = create;
  const buffers = new Map<Node, Tensor>();
  // How many destinations each gradient tensor went to: a leaf adopts only an unshared one.
  const delivered = new Map<Tensor, number>();
  for (let i = 0; i < grads.length; i++) if (grads[i]) delivered.set(grads[i]!, 2);
  const add = (n: Node, g: Tensor) => {
    const prev = buffers.get(n);
    const v = prev ? ops.add(prev, g) : g;
    delivered.set(v, (delivered.get(v) ?? 0) + 1);
    buffers.set(n, v);
  };
  try {
    for (const [n, g] of rootNodes) add(n, g);
    const ready: Node[] = rootNodes.map(([n]) => n).filter((n, i, a) => a.indexOf(n) === i && !deps.get(n));
    const traversed: Node[] = [];
    while (ready.length) {
      const node = ready.pop()!;
      let g = buffers.get(node)!;
      buffers.delete(node);
      if (wanted?.has(node)) {
        results[wanted.get(node)!] = g;
        if (node instanceof AccumulateGrad || !runs(node)) continue;
      }
      traversed.push(node);
      if (node instanceof AccumulateGrad) {
        if (!wanted) accumulate(node.variable, runHooks(node, g, delivered, create), delivered, create);
        continue;
      }
      g = runHooks(node, g, delivered, create);
      const gin = anomaly ? applyChecked(node, g) : node.apply(g);
      for (let i = 0; i < node.next.length; i++) {
        const m = node.next[i];
        if (!m || (needed && !needed.has(m))) continue;
        let gi = gin[i];
        if (gi) {
          const shape = node.inputShapes[i];
          if (!sameShape(gi._shape, shape)) gi = ops.sumTo(gi, shape);
          add(m, gi);
        }
        edgeDone(m, deps, ready, buffers, runs);
      }
    }
    if (!retain) {
      const outputs: Tensor[] = [];
      const held: Tensor[] = [];
      for (const n of traversed) {
        n.free();
        if (n.output && !(n instanceof AccumulateGrad)) (roots.includes(n.output) ? held : outputs).push(n.output);
      }
      // The tensors backward() was called on are released one backward() later than the intermediate results: a GAN
      // step adds its two losses after both backwards (`errD = errD_real + errD_fake`).
      const older = lastRoots.take();
      lastRoots.add(held);
      spent.add([...outputs, ...older]);
    }
  } finally {
    gradEnabled = prevMode;
    if (scope) for (const r of results) if (r) keep(r);
  }
  if (inputs) {
    results.forEach((r, i) => {
      if (!r && !allowUnused) {
        throw new Error('One of the differentiated Tensors appears to not have been used in the graph. ' +
          'Set allow_unused=True if this is the desired behavior.');
      }
      void i;
    });
  }
  return results;
}

/** The nodes from which one of `wanted` can be reached (the wanted ones included). */
function neededNodes(roots: Node[], wanted: Map<Node, number>): Set<Node> {
  const needed = new Set<Node>();
  const done = new Set<Node>();
  // iterative post-order: a node is needed when it is wanted or one of its next nodes is
  const stack: [Node, number][] = roots.map((n) => [n, 0]);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [n, i] = top;
    if (done.has(n) && i === 0) { stack.pop(); continue; }
    if (i < n.next.length) {
      top[1]++;
      const m = n.next[i];
      if (m && !done.has(m)) stack.push([m, 0]);
      continue;
    }
    stack.pop();
    done.add(n);
    if (wanted.has(n) || n.next.some((m) => m !== null && needed.has(m))) needed.add(n);
  }
  return needed;
}

/**
 * One incoming edge of m is done. When all are, m is ready if some gradient reached it; if none
 * did, "no gradient" propagates down its own edges.
 */
function edgeDone(m: Node, deps: Map<Node, number>, ready: Node[], buffers: Map<Node, Tensor>, counted: (n: Node) => boolean): void {
  const left = deps.get(m)! - 1;
  deps.set(m, left);
  if (left !== 0) return;
  if (buffers.has(m)) ready.push(m);
  else if (counted(m)) for (const n of m.next) if (n && deps.has(n)) edgeDone(n, deps, ready, buffers, counted);
}

/** node.apply in anomaly mode: on an error, the forward stack of the node is printed (PyTorch's
 *  warning); a NaN in a gradient it returns is an error. */
function applyChecked(node: Node, g: Tensor): (Tensor | null)[] {
  try {
    const gin = node.apply(g);
    if (anomalyNan) gin.forEach((gi, i) => {
      if (gi && gi.dtype.isFloatingPoint && gi.isnan().any().item()) {
        throw new Error(`Function '${node.name()}' returned nan values in its ${i}th output.`);
      }
    });
    return gin;
  } catch (e) {
    console.warn(`UserWarning: Error detected in ${node.name()}. Traceback of forward call that caused the error:\n` +
      (node.trace ?? ''));
    throw e;
  }
}

/** Runs a node's hooks on the gradient reaching it, in order; RETAIN stores it in the output's `.grad`. */
function runHooks(node: Node, g: Tensor, delivered: Map<Tensor, number>, create: boolean): Tensor {
  if (!node.hooks) return g;
  for (const h of node.hooks.slice()) {
    if (h === RETAIN) {
      if (node.output) accumulate(node.output, g, delivered, create);
      continue;
    }
    const r: unknown = h(g);
    if (r === undefined || r === null) continue;
    if (!ops.isTensor(r)) throw new TypeError(`expected Tensor, but hook returned '${typeof r}'`);
    if (!sameShape(r._shape, g._shape)) throw new Error(`hook '${h.name || '<anonymous>'}' has changed the size of value`);
    delivered.set(r, 2); // the hook's caller may hold it: a leaf copies it
    g = r;
  }
  return g;
}

function accumulate(t: Tensor, g: Tensor, delivered: Map<Tensor, number>, create: boolean): void {
  if (t.grad === null) {
    // Adopt the gradient unless it is shared with another destination or another tensor, or is laid out otherwise
    // than t (AccumulateGrad's "gradient layout contract": a dense t's strides, else contiguous): then a copy laid
    // out so.
    const shared = (delivered.get(g) ?? 0) > 1 || g._storageShared();
    delivered.set(g, 2);
    const laid = create && !shared ? null : ops.gradLayout(g, t);
    t._adoptGrad(laid ?? (shared ? g.detach().clone() : (create ? g : g.detach())));
  } else if (create) {
    t._adoptGrad(ops.add(t.grad, g));
  } else {
    t.grad.add_(g);
  }
}
