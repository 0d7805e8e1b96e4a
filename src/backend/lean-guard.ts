// The lean core's guard. A lean build (scripts/build-lean-wasm.mjs) keeps some of the core's kernels, and of the
// kernels that dispatch on an op code some of the codes; src/backend/lean-core.json says which. The rest is in the lean
// parts, modules an app adds by importing 'tocha/lean/kernels/<name>' (on the core's memory). A call of a kernel the
// core lacks, or of a kept kernel with a cut code, goes here to the first part the app imported that has it, or throws
// before reaching the WebAssembly, naming the op and the import that adds it (inside the module a cut code traps: the
// last line of defence, not a message).
// The full build is not guarded: its kernel table is the module's exports themselves.
import { U, B, C, R, GRAD_BASIC_LOOP } from './kernels.js';
import type { KeptKernels, LeanKernels } from './wasm-source.js';

/** The op-code table each dispatching kernel's first argument comes from, and its name in kernels.ts (for messages). */
const TABLES: Record<string, [string, Readonly<Record<string, number>>]> = {
  unary_f32: ['U', U], unary_grad_f32: ['U', U], unary_flat_f32: ['U', U], unary_grad_flat_f32: ['U', U],
  binary_f32: ['B', B], binary_flat_f32: ['B', B], binary_i32: ['B', B], copy_strided: ['C', C], reduce_32: ['R', R],
};

/** Whether a part keeps `kernel` (with op code `code`, for one that dispatches), one the core lacks. */
function keeps(kept: KeptKernels | { rest: boolean }, kernel: string, code?: number): boolean {
  if ('rest' in kept) return kept.rest;
  const codes = kept.codes[kernel];
  return kept.exports.includes(kernel) && (code === undefined || !codes || codes.includes(code));
}

/** The end of a message: the import that adds what is missing (the first part that has it), or the default entry. */
function fix(lean: LeanKernels, kernel: string, code?: number): string {
  const part = Object.keys(lean.parts ?? {}).find((name) => keeps(lean.parts![name], kernel, code));
  return part
    ? `; import 'tocha/lean/kernels/${part}' adds it (or import everything from 'tocha' instead of 'tocha/lean')`
    : "; import it from 'tocha' (everything) instead of 'tocha/lean'";
}

/** The error for a kernel the lean core lacks, named as the op it computes (layer_norm_f32: layer_norm). */
function missingKernel(name: string, lean: LeanKernels): Error {
  return new Error(`tocha/lean: ${name.replace(/_(f32|i32|32)$/, '')} is not in the lean core's kernels (no ${name})` +
    fix(lean, name));
}

/** The error for a cut op code of a kept kernel, named by its op (unary_f32 with U.erfinv: erfinv). */
function cutCode(kernel: string, op: number, lean: LeanKernels): Error {
  const code = op & (GRAD_BASIC_LOOP - 1);
  const [family, table] = TABLES[kernel] ?? ['code', {}];
  const name = Object.keys(table).find((k) => table[k] === code);
  return new Error(`tocha/lean: ${name ?? `op code ${code}`} is not in the lean core's kernels (${kernel} keeps no ` +
    `${family}.${name ?? code})${fix(lean, kernel, code)}`);
}

type Fn = (...a: number[]) => number;

/** The first part the app imported that keeps `name` (with op code `code`, for one that dispatches): its name and
 *  its kernel, or undefined. Where the guard finds a kernel the core lacks. */
function partFinder(lean: LeanKernels, loadPart: PartLoader): (name: string, code?: number) => [string, Fn] | undefined {
  const parts = Object.entries(lean.parts ?? {});
  return (name, code) => {
    for (const [part, kept] of parts) {
      if (!keeps(kept, name, code)) continue;
      const f = loadPart(part)?.[name];
      if (typeof f === 'function') return [part, f as Fn];
    }
    return undefined;
  };
}

/** A part's exports, instantiated on the core's memory when first asked for; undefined if the app did not import it. */
export type PartLoader = (name: string) => Readonly<Record<string, unknown>> | undefined;

/** Kernels whose dispatch keeps only some codes: kernel name → codes kept (indexed by code, 1 kept). */
function keptCodes(lean: LeanKernels): Map<string, Uint8Array> {
  const m = new Map<string, Uint8Array>();
  for (const [name, codes] of Object.entries(lean.codes)) {
    const kept = new Uint8Array(Math.max(0, ...codes) + 1);
    for (const c of codes) kept[c] = 1;
    m.set(name, kept);
  }
  return m;
}

/**
 * The lean core's kernel table: the module's exports (each kept kernel the export itself, called as fast as in the
 * full build), the dispatching ones wrapped to check their op code, and any other name looked up in the parts the app
 * imported (through the object's prototype, so that a kept kernel's lookup never reaches it; a kernel found there is
 * then set on the table). What no imported part has throws when called.
 */
export function guardKernels<T extends object>(exports: T, lean: LeanKernels, loadPart: PartLoader): T {
  const inPart = partFinder(lean, loadPart);
  /** The kernel of the first imported part that keeps `name` (with code `code`), or undefined. */
  const fromPart = (name: string, code?: number): Fn | undefined => inPart(name, code)?.[1];
  const missing = new Proxy(Object.create(null) as object, {
    get: (_, name) => {
      if (typeof name !== 'string') return undefined;
      const f = fromPart(name);
      if (!f) return () => { throw missingKernel(name, lean); };
      k[name] = f;
      return f;
    },
  });
  const k = Object.create(missing) as Record<string, unknown>;
  const raw = exports as Record<string, unknown>;
  for (const name of Object.keys(raw)) k[name] = raw[name];
  for (const [name, kept] of keptCodes(lean)) {
    const f = raw[name] as Fn | undefined;
    if (!f) continue;
    if (f.length > 8) throw new Error(`tocha/lean: ${name} takes ${f.length} arguments, more than the guard passes`);
    /** code → the part's kernel for a cut code (found on first use). */
    const routes: (Fn | undefined)[] = [];
    k[name] = (op: number, a: number, b: number, c: number, d: number, e: number, g: number, h: number) => {
      const code = op & (GRAD_BASIC_LOOP - 1);
      if (kept[code] === 1) return f(op, a, b, c, d, e, g, h);
      const p = routes[code] ??= fromPart(name, code);
      if (!p) throw cutCode(name, op, lean);
      return p(op, a, b, c, d, e, g, h);
    };
  }
  return k as T;
}

/**
 * Where worker threads find the kernel of a job threads.ts hands them (they instantiate the core and the parts loaded,
 * and call their exports directly, not through this guard): null for the core, the name of the imported part that
 * serves it (loaded by this call), or undefined where nothing the app imported has it (the job runs on the calling
 * thread, through the guarded table, which reports it).
 */
export function jobPart(lean: LeanKernels, loadPart: PartLoader): (kernel: string, op: number) => string | null | undefined {
  const exports = new Set(lean.exports);
  const codes = keptCodes(lean);
  const inPart = partFinder(lean, loadPart);
  return (kernel, op) => {
    const code = kernel in TABLES ? op & (GRAD_BASIC_LOOP - 1) : undefined;
    const kept = codes.get(kernel);
    if (exports.has(kernel) && (kept === undefined || kept[code!] === 1)) return null;
    return inPart(kernel, code)?.[0];
  };
}
