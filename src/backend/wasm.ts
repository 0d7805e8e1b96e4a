// Loading the WebAssembly core (embedded in the bundle, so no fetch and no file access) and
// the views over its memory. Views are re-created after the memory grows, since growth
// detaches every typed array over the old buffer.
import { coreBytes, partBytes } from './unpack.js';
import { partSource, wasmSource } from './wasm-source.js';
import { guardKernels } from './lean-guard.js';
import type { Kernels } from './kernels.js';

/** Reads an unsigned LEB128 at p: [value, next position]. */
function leb(b: Uint8Array, p: number): [number, number] {
  let r = 0;
  let shift = 0;
  let x: number;
  do {
    x = b[p++];
    r += (x & 127) * 2 ** shift;
    shift += 7;
  } while (x & 128);
  return [r, p];
}

/** Position of the limits flags byte of the module's imported memory (env.memory), and its minimum
 *  in pages. The module declares it shared (flags 0x03); where shared memory is not available the
 *  byte is set to 0x01, and the same code runs on an ordinary memory. */
function memoryImport(b: Uint8Array): { flags: number; min: number } {
  let p = 8;
  while (p < b.length) {
    const id = b[p++];
    let size: number;
    [size, p] = leb(b, p);
    const end = p + size;
    if (id === 2) {
      let n: number;
      let len: number;
      [n, p] = leb(b, p);
      for (let i = 0; i < n; i++) {
        [len, p] = leb(b, p);
        p += len;
        [len, p] = leb(b, p);
        p += len;
        const kind = b[p++];
        if (kind === 2) return { flags: p, min: leb(b, p + 1)[0] };
        if (kind === 0) [, p] = leb(b, p); // function: type index
        else if (kind === 3) p += 2; // global: type, mutability
        else throw new Error('tocha: unexpected import in a WebAssembly module');
      }
    }
    p = end;
  }
  throw new Error('tocha: a WebAssembly module imports no memory');
}

/** Largest memory, in 64 KiB pages (4 GiB). */
const MAX_PAGES = 65536;

/** A shared memory when this environment gives one (Node; browsers when cross-origin isolated),
 *  else null: threads need it, one thread does not. */
function sharedMemory(min: number): WebAssembly.Memory | null {
  const g = globalThis as { SharedArrayBuffer?: unknown; crossOriginIsolated?: boolean };
  if (typeof g.SharedArrayBuffer !== 'function' || g.crossOriginIsolated === false) return null;
  try {
    const m = new WebAssembly.Memory({ initial: min, maximum: MAX_PAGES, shared: true } as WebAssembly.MemoryDescriptor);
    return m.buffer instanceof (g.SharedArrayBuffer as typeof SharedArrayBuffer) ? m : null;
  } catch {
    return null;
  }
}

function instantiate(): { k: Kernels; module: WebAssembly.Module; shared: boolean } {
  const bytes = coreBytes();
  const imp = memoryImport(bytes);
  let memory = sharedMemory(imp.min);
  if (!memory) {
    bytes[imp.flags] = 0x01; // limits: minimum and maximum, not shared
    memory = new WebAssembly.Memory({ initial: imp.min, maximum: MAX_PAGES });
  }
  const module = new WebAssembly.Module(bytes as BufferSource);
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const k = instance.exports as unknown as Kernels & { _initialize?: () => void };
  k._initialize?.();
  return { k, module, shared: memory.buffer.constructor !== ArrayBuffer };
}

const core = instantiate();
const lean = wasmSource().kernels;

/** The module's exports: in the full build the exports object itself; in a lean build (tocha/lean) the same
 *  functions, with a clear error for a kernel or op code it lacks (src/backend/lean-guard.ts). */
export const K: Kernels = lean ? guardKernels(core.k, lean, loadPart) : core.k;

/** The lean parts instantiated so far, in that order (src/backend/lean-guard.ts asks for one when it needs its
 *  kernels): the name, the compiled module (worker threads instantiate it too) and its exports on this memory. */
export const loadedParts: { name: string; module: WebAssembly.Module; k: Readonly<Record<string, unknown>> }[] = [];

/** Called with each part's index in `loadedParts` as it is loaded (src/backend/threads.ts, where an entry installed it,
 *  hands it to the workers). */
let partLoaded: ((index: number) => void) | null = null;
export function onPartLoaded(f: (index: number) => void): void {
  partLoaded = f;
}

/** The lean part `name`'s exports on this memory, or undefined if the app did not import it. */
export function loadPart(name: string): Readonly<Record<string, unknown>> | undefined {
  const known = loadedParts.find((p) => p.name === name);
  if (known) return known.k;
  const source = partSource(name);
  if (!source) return undefined;
  const module = new WebAssembly.Module(bytesForMemory(partBytes(source)) as BufferSource);
  const k = new WebAssembly.Instance(module, { env: { memory: core.k.memory } }).exports;
  loadedParts.push({ name, module, k });
  partLoaded?.(loadedParts.length - 1);
  return k;
}

/** The compiled module (worker threads instantiate it on the same memory). */
export const wasmModule: WebAssembly.Module = core.module;

/** True when the memory is shared, so that worker threads can compute on it. */
export const memoryShared: boolean = core.shared;

/** Another module's bytes (a copy the caller owns) made to import this memory (env.memory, declared shared):
 *  where the memory is not shared, the import is made to match, as for the core. */
export function bytesForMemory(b: Uint8Array): Uint8Array {
  if (!memoryShared) b[memoryImport(b).flags] = 0x01;
  return b;
}

let buffer: ArrayBufferLike = K.memory.buffer;
let f32v = new Float32Array(buffer);
let i32v = new Int32Array(buffer);
let u8v = new Uint8Array(buffer);

function refresh(): void {
  buffer = K.memory.buffer;
  f32v = new Float32Array(buffer);
  i32v = new Int32Array(buffer);
  u8v = new Uint8Array(buffer);
}

/** Float32 view over the whole memory (index = byte address / 4). */
export function F32(): Float32Array {
  if (K.memory.buffer !== buffer) refresh();
  return f32v;
}

/** Int32 view over the whole memory. */
export function I32(): Int32Array {
  if (K.memory.buffer !== buffer) refresh();
  return i32v;
}

export function U8(): Uint8Array {
  if (K.memory.buffer !== buffer) refresh();
  return u8v;
}

const MAX_BYTES = 4 * 1024 * 1024 * 1024;

/** Allocates `bytes` in wasm memory; a request the memory cannot hold is a RangeError naming it. */
export function malloc(bytes: number): number {
  if (!Number.isFinite(bytes) || bytes < 0 || bytes >= MAX_BYTES - 65536) {
    throw new RangeError(
      `tocha: cannot allocate ${bytes} bytes: WebAssembly memory is limited to 4 GiB ` +
      `(${(K.memory.buffer.byteLength / 1048576).toFixed(0)} MiB in use now)`);
  }
  let ptr: number;
  try {
    ptr = K.alloc(bytes) >>> 0;
  } catch (e) {
    throw new RangeError(
      `tocha: out of memory: could not allocate ${bytes} bytes ` +
      `(WebAssembly memory is ${(K.memory.buffer.byteLength / 1048576).toFixed(0)} MiB and cannot grow further)`);
  }
  if (ptr === 0) throw new RangeError(`tocha: out of memory: could not allocate ${bytes} bytes`);
  return ptr;
}

export function mfree(ptr: number): void {
  K.free(ptr);
}

// A scratch block for kernel meta data (shapes, strides, small results); kernels never nest.
const META_WORDS = 256;
export const META = malloc(META_WORDS * 4);

/**
 * Writes [ndim, shape, ...strides of each operand] into the meta block and returns its address.
 */
export function meta(shape: readonly number[], ...strides: (readonly number[])[]): number {
  const m = I32();
  let p = META >>> 2;
  const n = shape.length;
  if (1 + n * (1 + strides.length) > META_WORDS) throw new RangeError('tocha: too many dimensions');
  m[p++] = n;
  for (let d = 0; d < n; d++) m[p++] = shape[d];
  for (const s of strides) for (let d = 0; d < n; d++) m[p++] = s[d];
  return META;
}

/**
 * The meta block of a flat 1-D operation over n elements: operand 0 (the output or first input)
 * has stride 1, operand 1 has stride `s1` (1, or 0 for a broadcast scalar).
 */
export function meta1(n: number, s1: number): number {
  const m = I32();
  const p = META >>> 2;
  m[p] = 1;
  m[p + 1] = n;
  m[p + 2] = 1;
  m[p + 3] = s1;
  m[p + 4] = 1;
  return META;
}

/** A second scratch block for small kernel results (range_i32 and the like) and scalar operands. */
export const SCRATCH = malloc(64);

// Scratch of metaBroadcast: the collapsed shape and up to 4 operands' strides.
const MAX_OPS = 4;
const cShape = new Int32Array(64);
const cStrides = new Int32Array(MAX_OPS * 64);
const cContig = new Float64Array(64);
type Dims = readonly number[];

/** Stride of an operand (shape s, strides t) along dim d of `shape` (n dims), read broadcast. */
function bstride(shape: Dims, s: Dims, t: Dims, d: number): number {
  const i = d - (shape.length - s.length);
  return i < 0 || (s[i] === 1 && shape[d] !== 1) ? 0 : t[i];
}

/**
 * The meta block of an op over `shape` with up to 4 operands, each given as its shape and strides
 * read broadcast to `shape` (strides null: contiguous in `shape`, as an output): size-1 dims are
 * dropped and adjacent dims that are contiguous for every operand merged, so kernels see long
 * rows. Equal to `meta(...collapse(shape, [broadcastStrides(...), ...]))`, without allocating.
 */
export function metaBroadcast(shape: Dims, s0: Dims, t0: Dims | null, s1?: Dims, t1?: Dims | null,
  s2?: Dims, t2?: Dims | null, s3?: Dims, t3?: Dims | null): number {
  const k = s3 ? 4 : s2 ? 3 : s1 ? 2 : 1;
  const n = shape.length;
  if (n > 64) throw new RangeError('tocha: too many dimensions');
  let nd = 0;
  let numel = 1;
  for (let d = n - 1; d >= 0; d--) {
    cContig[d] = numel; // contiguous strides of `shape`
    numel *= shape[d];
  }
  for (let d = 0; d < n; d++) {
    const size = shape[d];
    const cs = cContig[d];
    if (size === 1 && n > 1) continue; // size-1 dims never matter
    let merge = nd > 0;
    for (let j = 0; j < k; j++) {
      const s = j === 0 ? s0 : j === 1 ? s1! : j === 2 ? s2! : s3!;
      const t = j === 0 ? t0 : j === 1 ? t1! : j === 2 ? t2! : t3!;
      const st = t === null ? cs : bstride(shape, s, t, d);
      const q = j * 64 + nd;
      if (merge && cStrides[q - 1] !== st * size) merge = false;
      cStrides[q] = st; // tentative: the next dim's slot, or the merged dim's new stride below
    }
    if (merge) {
      cShape[nd - 1] *= size;
      for (let j = 0; j < k; j++) cStrides[j * 64 + nd - 1] = cStrides[j * 64 + nd];
    } else {
      cShape[nd++] = size;
    }
  }
  if (nd === 0) {
    cShape[0] = n === 0 ? 1 : numel;
    for (let j = 0; j < k; j++) cStrides[j * 64] = 1;
    nd = 1;
  }
  if (1 + nd * (1 + k) > META_WORDS) throw new RangeError('tocha: too many dimensions');
  const m = I32();
  let p = META >>> 2;
  m[p++] = nd;
  for (let d = 0; d < nd; d++) m[p++] = cShape[d];
  for (let j = 0; j < k; j++) for (let d = 0; d < nd; d++) m[p++] = cStrides[j * 64 + d];
  return META;
}
