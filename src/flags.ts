// PyTorch 1.13's global switches that tocha records as PyTorch does, though none changes how tocha computes:
// every kernel is deterministic (torch.use_deterministic_algorithms), there is no lower precision to cast to
// (autocast), no inter-op thread pool (set_num_interop_threads) and no denormal flushing in WebAssembly
// (set_flush_denormal). The flags read back what was set, so code that saves and restores them works.
import { get_num_threads } from './backend/pool.js';
import { pyType } from './ops/kw.js';

// ---------------------------------------------------------------- determinism

let deterministic = false;
let warnOnly = false;

/**
 * `torch.use_deterministic_algorithms(mode, { warn_only })`: recorded; tocha's ops are always deterministic (the
 * same bits for the same inputs, on any number of threads), so none raises or warns under it.
 * @example torch.use_deterministic_algorithms(true)
 */
export function use_deterministic_algorithms(mode: boolean, opts?: { warn_only?: boolean }): void {
  if (typeof mode !== 'boolean') {
    throw new TypeError(`_set_deterministic_algorithms(): argument 'mode' (position 1) must be bool, not ${pyType(mode)}`);
  }
  for (const k of Object.keys(opts ?? {})) {
    if (k !== 'warn_only') throw new TypeError(`use_deterministic_algorithms() got an unexpected keyword argument '${k}'`);
  }
  deterministic = mode;
  warnOnly = opts?.warn_only ?? false;
}

/** `torch.are_deterministic_algorithms_enabled()`: what use_deterministic_algorithms set. */
export function are_deterministic_algorithms_enabled(): boolean {
  return deterministic;
}

/** `torch.is_deterministic_algorithms_warn_only_enabled()`: its warn_only flag. */
export function is_deterministic_algorithms_warn_only_enabled(): boolean {
  return warnOnly;
}

/**
 * `torch.set_deterministic_debug_mode(mode)`: 'default' or 0 (off), 'warn' or 1 (warn only), 'error' or 2 (on),
 * use_deterministic_algorithms' other interface. @example torch.set_deterministic_debug_mode('warn')
 */
export function set_deterministic_debug_mode(debug_mode: 'default' | 'warn' | 'error' | 0 | 1 | 2): void {
  let m: unknown = debug_mode;
  if (typeof m !== 'string' && !(typeof m === 'number' && Number.isInteger(m))) {
    throw new TypeError(`debug_mode must be str or int, but got <class '${pyType(m)}'>`);
  }
  if (typeof m === 'string') {
    const i = ['default', 'warn', 'error'].indexOf(m);
    if (i < 0) throw new Error(`invalid value of debug_mode, expected one of \`default\`, \`warn\`, \`error\`, but got ${m}`);
    m = i;
  }
  if (m === 0) use_deterministic_algorithms(false);
  else if (m === 1) use_deterministic_algorithms(true, { warn_only: true });
  else if (m === 2) use_deterministic_algorithms(true);
  else throw new Error(`invalid value of debug_mode, expected 0, 1, or 2, but got ${String(m)}`);
}

/** `torch.get_deterministic_debug_mode()`: 0, 1 or 2 (set_deterministic_debug_mode's values). */
export function get_deterministic_debug_mode(): number {
  return deterministic ? (warnOnly ? 1 : 2) : 0;
}

// ---------------------------------------------------------------- warnings, threads, denormals, default type

let warnAlways = false;

/** `torch.set_warn_always(b)`: recorded (PyTorch's C++ warn-once messages; tocha's warnings follow Python's filter). */
export function set_warn_always(b: boolean): void {
  warnAlways = Boolean(b);
}

/** `torch.is_warn_always_enabled()`. */
export function is_warn_always_enabled(): boolean {
  return warnAlways;
}

let interop: number | null = null;

/** `torch.get_num_interop_threads()`: the inter-op pool's size as set, by default the number of threads. tocha runs
 *  no inter-op pool (its parallelism is within ops: set_num_threads). */
export function get_num_interop_threads(): number {
  return interop ?? get_num_threads();
}

/** `torch.set_num_interop_threads(n)`: recorded; as in PyTorch it may be set once. */
export function set_num_interop_threads(n: number): void {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError('set_num_interop_threads expects a positive integer');
  if (interop !== null) {
    throw new Error('Error: cannot set number of interop threads after parallel work has started or ' +
      'set_num_interop_threads called');
  }
  interop = n;
}

/** `torch.set_flush_denormal(mode)`: false, as PyTorch on a CPU without flush-to-zero (WebAssembly has none). */
export function set_flush_denormal(mode: boolean): boolean {
  void mode;
  return false;
}

/**
 * `torch.set_default_tensor_type(t)`: `torch.FloatTensor` (or its name, 'torch.FloatTensor') is the only floating
 * point tensor type tocha has; anything else is PyTorch's TypeError, or tocha's for the types it lacks.
 */
export function set_default_tensor_type(t: string | ((...a: never[]) => unknown)): void {
  const name = typeof t === 'string' ? t : typeof t === 'function' ? `torch.${t.name}` : String(t);
  if (name === 'torch.FloatTensor') return;
  if (name === 'torch.LongTensor' || name === 'torch.BoolTensor') {
    throw new TypeError('only floating-point types are supported as the default type');
  }
  if (['torch.DoubleTensor', 'torch.HalfTensor', 'torch.BFloat16Tensor'].includes(name)) {
    throw new TypeError(`tocha: ${name} is not a tocha tensor type (tocha has float32, int64 and bool; torch.FloatTensor is the ` +
      'only floating point one)');
  }
  throw new TypeError(`invalid type: '${name}'`);
}

// ---------------------------------------------------------------- autocast

const autocast = { cuda: false, cpu: false, cache: true, nesting: 0 };

/** `torch.is_autocast_enabled()`: the CUDA autocast flag (false unless set: tocha has no lower precision, and no
 *  op changes precision whatever it says). */
export function is_autocast_enabled(): boolean {
  return autocast.cuda;
}
/** `torch.set_autocast_enabled(b)`: recorded only. */
export function set_autocast_enabled(enabled: boolean): void {
  autocast.cuda = Boolean(enabled);
}
/** `torch.is_autocast_cpu_enabled()`. */
export function is_autocast_cpu_enabled(): boolean {
  return autocast.cpu;
}
/** `torch.set_autocast_cpu_enabled(b)`: recorded only (there is no bfloat16 to cast to). */
export function set_autocast_cpu_enabled(enabled: boolean): void {
  autocast.cpu = Boolean(enabled);
}
/** `torch.is_autocast_cache_enabled()`: true by default, as in PyTorch. */
export function is_autocast_cache_enabled(): boolean {
  return autocast.cache;
}
/** `torch.set_autocast_cache_enabled(b)`. */
export function set_autocast_cache_enabled(enabled: boolean): void {
  autocast.cache = Boolean(enabled);
}
/** `torch.clear_autocast_cache()`: nothing is cached. */
export function clear_autocast_cache(): void {}
/** `torch.autocast_increment_nesting()`: the nesting depth after entering. */
export function autocast_increment_nesting(): number {
  return ++autocast.nesting;
}
/** `torch.autocast_decrement_nesting()`: the nesting depth after leaving. */
export function autocast_decrement_nesting(): number {
  return --autocast.nesting;
}

// ---------------------------------------------------------------- build facts and constants

/** What PyTorch's build flags say for this build: no CUDA, cuDNN, MPS, MKL, MKL-DNN or OpenMP; tocha's own linear
 *  algebra (has_lapack) and no FFT (has_spectral). */
export const has_cuda = false;
export const has_cudnn = false;
export const has_mps = false;
export const has_mkl = false;
export const has_mkldnn = false;
export const has_openmp = false;
export const has_lapack = true;
export const has_spectral = false;

/** `torch.is_vulkan_available()`: false. */
export function is_vulkan_available(): boolean {
  return false;
}

/** `torch.e`, `torch.pi`, `torch.inf`, `torch.nan`: Python's math constants. */
export const e = Math.E;
export const pi = Math.PI;
export const inf = Infinity;
export const nan = NaN;
