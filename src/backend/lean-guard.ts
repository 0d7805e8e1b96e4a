// The lean core's guard. A lean build (scripts/build-lean-wasm.mjs) keeps some of the core's kernels, and of the
// kernels that dispatch on an op code some of the codes; src/backend/lean-core.json says which. A call of a kernel it
// lacks, or of a kept kernel with a cut code, throws here, before reaching the WebAssembly, naming the op and the fix
// (inside the module a cut code traps: the last line of defence, not a message).
// The full build is not guarded: its kernel table is the module's exports themselves.
import { U, B, C, R, GRAD_BASIC_LOOP } from './kernels.js';
import type { LeanKernels } from './wasm-source.js';

/** The op-code table each dispatching kernel's first argument comes from, and its name in kernels.ts (for messages). */
const TABLES: Record<string, [string, Readonly<Record<string, number>>]> = {
  unary_f32: ['U', U], unary_grad_f32: ['U', U], unary_flat_f32: ['U', U], unary_grad_flat_f32: ['U', U],
  binary_f32: ['B', B], binary_flat_f32: ['B', B], binary_i32: ['B', B], copy_strided: ['C', C], reduce_32: ['R', R],
};

const FIX = "; import it from 'tocha' (everything) instead of 'tocha/lean'";

/** The error for a kernel the lean core lacks, named as the op it computes (layer_norm_f32: layer_norm). */
function missingKernel(name: string): Error {
  return new Error(`tocha/lean: ${name.replace(/_(f32|i32|32)$/, '')} is not in the lean core's kernels (no ${name})${FIX}`);
}

/** The error for a cut op code of a kept kernel, named by its op (unary_f32 with U.erfinv: erfinv). */
function cutCode(kernel: string, op: number): Error {
  const code = op & (GRAD_BASIC_LOOP - 1);
  const [family, table] = TABLES[kernel] ?? ['code', {}];
  const name = Object.keys(table).find((k) => table[k] === code);
  return new Error(`tocha/lean: ${name ?? `op code ${code}`} is not in the lean core's kernels (${kernel} keeps no ` +
    `${family}.${name ?? code})${FIX}`);
}

type Fn = (...a: number[]) => number;

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
 * full build), the dispatching ones wrapped to check their op code, and any other name a function that throws
 * (through the object's prototype, so that a kept kernel's lookup never reaches it).
 */
export function guardKernels<T extends object>(exports: T, lean: LeanKernels): T {
  const missing = new Proxy(Object.create(null) as object, {
    get: (_, name) => (typeof name === 'string' ? () => { throw missingKernel(name); } : undefined),
  });
  const k = Object.create(missing) as Record<string, unknown>;
  const raw = exports as Record<string, unknown>;
  for (const name of Object.keys(raw)) k[name] = raw[name];
  for (const [name, kept] of keptCodes(lean)) {
    const f = raw[name] as Fn | undefined;
    if (!f) continue;
    if (f.length > 8) throw new Error(`tocha/lean: ${name} takes ${f.length} arguments, more than the guard passes`);
    k[name] = (op: number, a: number, b: number, c: number, d: number, e: number, g: number, h: number) => {
      if (kept[op & (GRAD_BASIC_LOOP - 1)] !== 1) throw cutCode(name, op);
      return f(op, a, b, c, d, e, g, h);
    };
  }
  return k as T;
}

/**
 * The check of a job that threads.ts hands to worker threads (which call the module's exports directly): the
 * kernel must be kept, and its op code (its first argument) too. (A lean build has no fused module, so no fma_… job
 * runs: src/backend/fma.ts finds no bytes to load.)
 */
export function jobGuard(lean: LeanKernels): (kernel: string, op: number) => void {
  const exports = new Set(lean.exports);
  const codes = keptCodes(lean);
  return (kernel, op) => {
    if (!exports.has(kernel)) throw missingKernel(kernel);
    const kept = codes.get(kernel);
    if (kept && kept[op & (GRAD_BASIC_LOOP - 1)] !== 1) throw cutCode(kernel, op);
  };
}
