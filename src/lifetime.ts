// Tensor memory lives in WebAssembly, where JavaScript's garbage collector cannot see it.
// The rules (README, "Memory"):
//  1. `t.dispose()` frees at once; `torch.tidy(fn)` frees what fn created except what it
//     returns; `using t = ...` disposes at the end of the block.
//  2. A DataLoader iteration is a step scope: tensors created during one batch are released
//     when the loop moves to the next batch (or ends), except kept ones.
//  3. backward() without retain_graph frees the graph's saved tensors at once (as PyTorch),
//     and the graph's intermediate results are released at the next backward().
//  4. zero_grad() releases the old gradients.
//  5. Everything else is released by the garbage collector (FinalizationRegistry), when the
//     event loop turns.
// Parameters, buffers, optimizer state, gradients and `t.keep()`-ed tensors are kept.
// Using a released tensor throws an error naming what released it.
import { malloc, mfree } from './backend/wasm.js';

/** A block of wasm memory shared by a tensor and its views. */
export class Storage {
  refs = 1;
  /** Bumped by every in-place change; autograd compares it with the version at save time. */
  version = 0;
  constructor(readonly ptr: number, readonly bytes: number) {}

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

export const stats = { tensors: 0, storages: 0, bytes: 0, peakBytes: 0 };

/** What a tensor needs for lifetime management (the Tensor class implements it). */
export interface Owned {
  _scope: Scope | null;
  _kept: boolean;
  _release(reason: string): void;
  readonly _released: boolean;
}

export class Scope {
  readonly members = new Set<Owned>();
  closed = false;
  constructor(readonly reason: string) {}

  /** Releases every member still alive. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const i = scopes.lastIndexOf(this);
    if (i >= 0) scopes.splice(i, 1);
    for (const t of this.members) {
      t._scope = null;
      if (!t._released) t._release(this.reason);
    }
    this.members.clear();
  }

  /** Moves a member to the enclosing scope (or to none), as tidy does with its result. */
  handOff(t: Owned): void {
    if (t._scope !== this) return;
    this.members.delete(t);
    t._scope = null;
    // The enclosing scope is the one below this in the stack (or the innermost one if this
    // scope has already left the stack).
    const i = scopes.lastIndexOf(this);
    const parent = i >= 0 ? scopes[i - 1] : scopes[scopes.length - 1];
    if (parent && parent !== this) {
      parent.members.add(t);
      t._scope = parent;
    }
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
    for (const t of [...scope.members]) scope.handOff(t);
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

/** Wraps every function of a module namespace with `scoped` (nn.functional's composites). */
export function scopedAll<T extends object>(ns: T, reason: string): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ns)) {
    out[k] = typeof v === 'function' && !/^[A-Z]/.test(k)
      ? function (this: unknown, ...args: unknown[]) { return scoped(() => (v as (...a: unknown[]) => unknown).apply(this, args), reason); }
      : v;
  }
  return out as T;
}

/** Called for every new tensor. */
export function track(t: Owned): void {
  if (debugMemory) debugTrack(t);
  const s = scopes[scopes.length - 1];
  if (s) {
    s.members.add(t);
    t._scope = s;
  }
}

/** Excludes a tensor from automatic release: it lives until disposed or garbage collected. */
export function keep<T extends Owned>(t: T): T {
  if (t._scope) {
    t._scope.members.delete(t);
    t._scope = null;
  }
  t._kept = true;
  return t;
}

// Rule 5: the garbage collector releases storages of tensors it collects.
export const finalizer: FinalizationRegistry<Storage> | null =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<Storage>((s) => {
      stats.tensors--;
      s.release();
    })
    : null;

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
