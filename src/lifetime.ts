// Tensor memory lives in WebAssembly, where JavaScript's garbage collector cannot see it.
// The rules (README, "Memory"):
//  1. `t.dispose()` frees at once; `torch.tidy(fn)` frees what fn created except what it
//     returns; `using t = ...` disposes at the end of the block.
//  2. A DataLoader iteration is a step scope: tensors created during one batch are released
//     when the loop moves to the next batch (or ends), except kept ones.
//  3. backward() without retain_graph frees the graph's saved tensors at once (as PyTorch),
//     and the graph's intermediate results are released at the next backward().
//  4. zero_grad() releases the old gradients; so does assigning `.grad` for a gradient backward made
//     (not kept by the user, no other tensor's .grad: Tensor's grad setter).
//  5. Everything else is released by the garbage collector (FinalizationRegistry), when the
//     event loop turns (`finalize` below says which tensors are registered, and when).
// Parameters, buffers, optimizer state, gradients and `t.keep()`-ed tensors are kept.
// Using a released tensor throws an error naming what released it.
import { malloc, mfree, U8 } from './backend/wasm.js';
import { asOp } from './dtype.js';

/** PyTorch's error for an in-place change of an inference tensor outside inference mode. */
export const INFERENCE_INPLACE = 'Inplace update to inference tensor outside InferenceMode is not allowed.You can make ' +
  'a clone to get a normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for more details.';

/** A block of wasm memory shared by a tensor and its views. */
export class Storage {
  refs = 1;
  /** Bumped by every in-place change; autograd compares it with the version at save time. */
  version = 0;
  /** Set while `torch.inference_mode()` runs (src/autograd.ts). */
  static inferenceMode = false;
  /** Allocated in inference mode: its tensors are inference tensors (`is_inference()`). */
  readonly inference = Storage.inferenceMode;
  /** How many of its tensors are left to the garbage collector (registered with the finalizer). */
  collected = 0;
  /** Set by `share_memory_()` (wasm memory is shared with the worker threads anyway). */
  shared = false;
  constructor(public ptr: number, public bytes: number) {}

  /** Grows to `numel` elements in place (PyTorch's resize_ of a storage): its values are kept, every tensor on
   *  it sees the new memory. The new elements are zero. */
  grow(numel: number): void {
    const bytes = numel * 4;
    if (bytes <= this.bytes) return;
    const ptr = malloc(bytes);
    const mem = U8();
    mem.copyWithin(ptr, this.ptr, this.ptr + this.bytes);
    mem.fill(0, ptr + this.bytes, ptr + bytes);
    mfree(this.ptr);
    stats.bytes += bytes - this.bytes;
    if (stats.bytes > stats.peakBytes) stats.peakBytes = stats.bytes;
    if (this.collected > 0) collector.bytes += bytes - this.bytes;
    this.ptr = ptr;
    this.bytes = bytes;
  }

  static allocate(numel: number): Storage {
    const bytes = numel * 4;
    const s = new Storage(malloc(bytes), bytes);
    stats.bytes += bytes;
    stats.storages++;
    if (stats.bytes > stats.peakBytes) stats.peakBytes = stats.bytes;
    return s;
  }

  retain(): this {
    this.refs++;
    return this;
  }

  release(): void {
    if (--this.refs === 0) {
      mfree(this.ptr);
      stats.bytes -= this.bytes;
      stats.storages--;
    }
  }
}

/**
 * Storages alive that only the garbage collector will free (some tensor of theirs was registered with
 * the finalizer). Within one synchronous job nothing can free them: a long loop that leaves every step's
 * tensors to the collector (inference outside no_grad, tensors made outside any rule) grows memory until
 * the job ends, and can run out. Past `warnBytes` in `warnStorages` storages tocha says so, once.
 */
export const collector = { bytes: 0, storages: 0, warnBytes: 2 ** 30, warnStorages: 10_000, warned: false };

function countCollected(s: Storage): void {
  if (s.collected++ > 0) return;
  collector.bytes += s.bytes;
  collector.storages++;
  if (!collector.warned && collector.bytes > collector.warnBytes && collector.storages > collector.warnStorages) {
    collector.warned = true;
    console.warn(`UserWarning: tocha: ${(collector.bytes / 2 ** 30).toFixed(1)} GiB in ${collector.storages} tensors are ` +
      'waiting for the garbage collector, which frees them only when the event loop turns, never during a synchronous ' +
      'loop. Run inference in torch.no_grad(() => ...) (a block per step), call backward() each training step, or ' +
      'release with torch.tidy / dispose() (README "Memory"; torch.set_debug_memory(true) shows where they were made).');
  }
}

function uncountCollected(s: Storage): void {
  if (--s.collected > 0) return;
  collector.bytes -= s.bytes;
  collector.storages--;
}

export const stats = { tensors: 0, storages: 0, bytes: 0, peakBytes: 0 };

/** What a tensor needs for lifetime management (the Tensor class implements it). */
export interface Owned {
  _scope: Scope | null;
  _kept: boolean;
  /** Registered with the finalizer (rule 6), so `_release` must unregister it. */
  _fin: boolean;
  _storage: Storage | null;
  _release(reason: string): void;
  readonly _released: boolean;
}

/**
 * The tensors of one scope. Membership is the tensor's `_scope` pointer: leaving a scope (dispose,
 * keep, handOff) only clears the pointer and leaves a stale entry in `members`, which close() skips
 * and a compaction drops once stale entries outnumber live ones (a Set costs ~4x more per tensor).
 */
export class Scope {
  members: Owned[] = [];
  /** Entries of `members` added minus those that left; compaction resets it. */
  private live = 0;
  closed = false;
  constructor(readonly reason: string) {}

  add(t: Owned): void {
    this.members.push(t);
    t._scope = this;
    this.live++;
  }

  /** Takes t out of this scope (it is a member). */
  remove(t: Owned): void {
    t._scope = null;
    if (--this.live * 2 + 64 < this.members.length) {
      this.members = this.members.filter((m) => m._scope === this);
      this.live = this.members.length;
    }
  }

  /** Releases every member still alive. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const i = scopes.lastIndexOf(this);
    if (i >= 0) scopes.splice(i, 1);
    const members = this.members;
    this.members = [];
    this.live = 0;
    for (let k = 0; k < members.length; k++) {
      const t = members[k];
      if (t._scope !== this) continue;
      t._scope = null;
      if (!t._released) t._release(this.reason);
    }
  }

  /** Moves a member to the enclosing scope (or to none), as tidy does with its result. */
  handOff(t: Owned): void {
    if (t._scope !== this) return;
    this.remove(t);
    // The enclosing scope is the one below this in the stack (or the innermost one if this
    // scope has already left the stack).
    const i = scopes.lastIndexOf(this);
    const parent = i >= 0 ? scopes[i - 1] : scopes[scopes.length - 1];
    if (parent && parent !== this) parent.add(t);
    else finalizeSoon(t);
  }
}

const scopes: Scope[] = [];

export function openScope(reason: string): Scope {
  const s = new Scope(reason);
  scopes.push(s);
  return s;
}

/**
 * Runs fn in a scope that releases every tensor it creates except those it returns (a tensor,
 * or tensors inside a returned array or plain object) and kept ones: `torch.tidy`, and the
 * wrapper library composites use so their temporaries never outlive the call.
 */
export function scoped<T>(fn: () => T, reason: string): T {
  const scope = openScope(reason);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    scope.close();
    throw e;
  }
  if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
    // An async body still runs after this returns: its tensors are not temporaries of this call.
    for (const t of scope.members.slice()) scope.handOff(t);
  } else {
    handOffAll(scope, result, 0);
  }
  scope.close();
  return result;
}

function handOffAll(scope: Scope, v: unknown, depth: number): void {
  if (v === null || typeof v !== 'object') return;
  if ('_scope' in v && '_release' in v) {
    scope.handOff(v as Owned);
  } else if (depth < 4 && Array.isArray(v)) {
    for (const x of v) handOffAll(scope, x, depth + 1);
  } else if (depth < 4 && (Object.getPrototypeOf(v) === Object.prototype || Symbol.iterator in v)) {
    for (const x of Object.values(v)) handOffAll(scope, x, depth + 1);
  }
}

/**
 * An op built from other ops, run in a scope of its own: its temporaries are released when it returns
 * (its result, and what the graph saved of them, live on), so a plain loop over it never leaves them
 * to the garbage collector, which does not see wasm memory.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function composite<F extends (...args: any[]) => any>(f: F, name: string): F {
  const reason = `the end of torch.${name}() (an internal temporary)`;
  // an int64 result out of range in the ops it runs is reported under its name (asOp)
  return function (this: unknown, ...args: unknown[]) { return scoped(() => asOp(name, () => f.apply(this, args)), reason); } as F;
}

/** `fn` running in its own scope (`scoped`): a composite's temporaries are released when it returns. */
export function scopedFn<F>(fn: F, reason: string): F {
  return function (this: unknown, ...args: unknown[]) {
    return scoped(() => (fn as (...a: unknown[]) => unknown).apply(this, args), reason);
  } as F;
}

/** Wraps every function of a module namespace with `scoped` (the torch-level forms of nn functions). */
export function scopedAll<T extends object>(ns: T, reason: string): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ns)) out[k] = typeof v === 'function' && !/^[A-Z]/.test(k) ? scopedFn(v, reason) : v;
  return out as T;
}

/** The innermost open scope, or null outside any (where new tensors go). */
export function currentScope(): Scope | null {
  return scopes[scopes.length - 1] ?? null;
}

/**
 * Moves t to `home` (a scope, or null: the garbage collector's) from whatever scope it was made in:
 * for a value an object computes lazily inside some callee's scope and then caches, so the cached
 * tensor lives as long as the object's own tensors (made in `home`). A closed home is left alone.
 */
export function adopt<T extends Owned>(t: T, home: Scope | null): T {
  if (t._kept || t._released || t._scope === home || home?.closed) return t;
  if (t._scope) t._scope.remove(t);
  if (home) home.add(t);
  else finalizeSoon(t);
  return t;
}

/** Called for every new tensor. */
export function track(t: Owned): void {
  const s = scopes[scopes.length - 1];
  if (s) s.add(t);
  else finalizeSoon(t);
}

/** Excludes a tensor from automatic release: it lives until disposed or garbage collected. */
export function keep<T extends Owned>(t: T): T {
  if (t._scope) t._scope.remove(t);
  if (t._kept) return t;
  unfinalize(t); // registered unkept: it moves to the kept registry
  t._kept = true;
  finalizeSoon(t);
  return t;
}

// Rule 6: the garbage collector releases storages of tensors it collects. Registering costs about
// as much as the rest of a small op, so only tensors that can be collected unreleased are
// registered: those made outside any scope and those that leave a scope alive (keep, or a tidy
// result with no enclosing scope); tensors of a scope are released by the scope. Registration
// waits for the end of the current job (finalizers cannot run before then anyway), by which time
// most temporaries of a loop have been disposed and are skipped.
// Kept tensors (parameters, buffers, state, `keep()`) go to a registry of their own: the collector
// frees them too, but they are not what `collector` watches for.
const registry = (counted: boolean): FinalizationRegistry<Storage> | null =>
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<Storage>((s) => {
      stats.tensors--;
      if (counted) uncountCollected(s);
      s.release();
    })
    : null;
const finalizer = registry(true);
const keptFinalizer = registry(false);

/** Registers t with the finalizer now, if it is alive, outside any scope and not registered yet. */
export function finalize(t: Owned): void {
  if (finalizer && !t._fin && t._scope === null && t._storage !== null) {
    if (t._kept) {
      keptFinalizer!.register(t, t._storage, t);
    } else {
      finalizer.register(t, t._storage, t);
      countCollected(t._storage);
    }
    t._fin = true;
  }
}

/** Unregisters t (before its storage is released or replaced). */
export function unfinalize(t: Owned): void {
  if (t._fin) {
    t._fin = false;
    if (t._kept) {
      keptFinalizer!.unregister(t);
    } else {
      finalizer!.unregister(t);
      uncountCollected(t._storage!);
    }
  }
}

let pending: Owned[] = [];

function finalizeSoon(t: Owned): void {
  if (!finalizer) return;
  if (pending.length === 0) queueMicrotask(flushPending);
  // A long synchronous loop flushes as it goes, so the list never holds many dead tensors.
  if (pending.push(t) >= 4096) flushPending();
}

function flushPending(): void {
  const ts = pending;
  pending = [];
  for (let i = 0; i < ts.length; i++) finalize(ts[i]);
}

let debugMemory = false;

/** Records where each tensor is created, so leak reports can say (costs a stack capture per tensor). */
export function set_debug_memory(on: boolean): void {
  debugMemory = on;
}

// With debug memory on, every tensor created since is held weakly, so a leak report can list the live ones.
const debugTensors = new Set<WeakRef<Owned>>();

function debugTrack(t: Owned): void {
  if (debugTensors.size >= 65536) for (const r of debugTensors) if (r.deref()?._released !== false) debugTensors.delete(r);
  debugTensors.add(new WeakRef(t));
}

/** Internal (leak reports): the tensors created while debug memory was on that are still alive. */
export function debugLiveTensors(): Owned[] {
  const out: Owned[] = [];
  for (const r of debugTensors) {
    const t = r.deref();
    if (t && !t._released) out.push(t);
    else debugTensors.delete(r);
  }
  return out;
}

export function creationSite(): string | undefined {
  if (!debugMemory) return undefined;
  const stack = new Error().stack ?? '';
  return stack.split('\n').slice(3, 8).join('\n');
}

export interface MemoryStats {
  /** Tensor objects not yet released (including views and parameters). */
  live_tensors: number;
  /** Distinct storages alive. */
  storages: number;
  /** Bytes of tensor storage in use. */
  bytes_in_use: number;
  /** Highest bytes_in_use seen. */
  peak_bytes: number;
  /** Size of the WebAssembly memory (it grows, never shrinks; freed blocks are reused). */
  wasm_memory_bytes: number;
}
