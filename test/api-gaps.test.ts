// PyTorch 1.13's public names that tocha gained (scripts/gen-api-gaps.py): the torch-level forms of nn functions with
// ATen's signatures, the torch.X_ in-place functions, the utilities (windows, histograms, gradient, vander, float_power,
// as_strided, asarray, ...), the global flags, storages and the Tensor methods, against PyTorch's values, node names
// and errors; and the list of PyTorch 1.13's public torch.* and Tensor names, each present in tocha or excluded below
// with the reason, so a new gap shows.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as torch from '../src/index.js';
import { fixture, decode, num, EncTensor, expectTensor } from './fixture.js';

type T = torch.Tensor;
const data = fixture('api-gaps.json');
const TORCH = torch as unknown as Record<string, unknown>;

// ---------------------------------------------------------------- the names

/**
 * PyTorch 1.13's public names tocha does not have, by reason. Each entry is a list of names or a pattern; a name listed
 * here that tocha has is a failure too (remove it), so the list stays true.
 */
const EXCLUDED_TORCH: [string, RegExp | string[]][] = [
  ['quantized dtypes (tocha has float32, int64 and bool; the others print, and float64/int32 give float32/int64)',
    ['qint32', 'qint8', 'quint2x4', 'quint4x2', 'quint8']],
  ['legacy tensor and storage classes of the dtypes tocha lacks', /^(BFloat16|Byte|Char|ComplexDouble|ComplexFloat|Double|Half|Int|Short|QInt32|QInt8|QUInt2x4|QUInt4x2|QUInt8)(Storage|Tensor)$/],
  ['untyped and legacy storage bases (tocha has TypedStorage and its Float/Long/Bool classes)', ['Storage', 'StorageBase', 'UntypedStorage']],
  ['complex numbers (no complex dtype)', ['complex', 'polar', 'view_as_complex', 'view_as_real', 'stft', 'istft', 'fft', 'ComplexType']],
  ['the *_copy forms of view ops (PyTorch\'s functionalization; the views themselves are in tocha)', /^(?!index_copy$|narrow_copy$).*_copy$/],
  ['quantization', /^(quantize.*|quantized_.*|dequantize|q_.*|int_repr|fake_quantize.*|fused_moving_avg_obs_fake_quant|choose_qparams_optimized|empty_quantized|per_channel_.*|per_tensor_.*|qscheme|quantization|ao)$/],
  ['sparse tensors and layouts (torch.spmm is there, for dense matrices)', /^(sparse.*|dsmm|hsmm|hspmm|saddmm|smm|sspaddmm|resize_as_sparse_)$/],
  ['legacy_contiguous_format (an internal memory format; the public ones are in tocha)', ['legacy_contiguous_format']],
  ['CUDA, cuDNN, MIOpen and MKL-DNN kernels', /^(cudnn_.*|miopen_.*|mkldnn_.*|fbgemm_.*)$/],
  ['internal kernels behind nn layers (native_*, batch_norm_* of SyncBatchNorm, the fused RNN kernels of nn.RNN/LSTM/GRU and ' +
    'their cells: use the modules)', /^(native_(batch_norm|dropout|group_norm|layer_norm|norm)|batch_norm_(backward_elemt|backward_reduce|elemt|gather_stats|gather_stats_with_counts|stats|update_stats)|gru|gru_cell|lstm|lstm_cell|rnn_relu|rnn_relu_cell|rnn_tanh|rnn_tanh_cell)$/],
  ['autocast dtype queries (they return float16/bfloat16) and the autocast context manager (no lower precision here)',
    ['autocast', 'get_autocast_cpu_dtype', 'get_autocast_gpu_dtype', 'set_autocast_cpu_dtype', 'set_autocast_gpu_dtype']],
  ['named tensors (tensors\' names are all None here)', ['align_tensors', 'name']],
  ['the TorchScript / JIT compiler, its IR and its types', ['AliasDb', 'Any', 'AnyType', 'Argument', 'ArgumentSpec', 'BenchmarkConfig',
    'BenchmarkExecutionStats', 'Block', 'BoolType', 'BufferDict', 'CONV_BN_FUSION', 'CallStack', 'Capsule', 'ClassType', 'Code',
    'CompilationUnit', 'CompleteArgumentSpec', 'ConcreteModuleType', 'ConcreteModuleTypeBuilder', 'DeepCopyMemoTable',
    'DeserializationStorageContext', 'DeviceObjType', 'DictType', 'EnumType', 'ErrorReport', 'ExecutionPlan', 'FUSE_ADD_RELU',
    'FileCheck', 'FloatType', 'FunctionSchema', 'Future', 'FutureType', 'Gradient', 'Graph', 'GraphExecutorState',
    'HOIST_CONV_PACKED_PARAMS', 'INSERT_FOLD_PREPACK_OPS', 'IODescriptor', 'InferredType', 'IntType', 'InterfaceType',
    'JITException', 'ListType', 'LiteScriptModule', 'LockingLogger', 'LoggerBase', 'MobileOptimizerType', 'ModuleDict', 'Node',
    'NoneType', 'NoopLogger', 'NumberType', 'OperatorInfo', 'OptionalType', 'ParameterDict', 'PyObjectType', 'PyTorchFileReader',
    'PyTorchFileWriter', 'REMOVE_DROPOUT', 'RRefType', 'ScriptClass', 'ScriptClassFunction', 'ScriptDict', 'ScriptDictIterator',
    'ScriptDictKeyIterator', 'ScriptFunction', 'ScriptList', 'ScriptListIterator', 'ScriptMethod', 'ScriptModule',
    'ScriptModuleSerializer', 'ScriptObject', 'ScriptObjectProperty', 'SerializationStorageContext', 'StaticModule', 'Stream',
    'StreamObjType', 'StringType', 'SymFloatNode', 'SymIntNode', 'SymIntType', 'Tag', 'TensorType', 'ThroughputBenchmark',
    'TracingState', 'TupleType', 'Type', 'UnionType', 'Use', 'Value', 'AggregationType', 'import_ir_module',
    'import_ir_module_from_buffer', 'merge_type_from_type_comment', 'parse_ir', 'parse_schema', 'parse_type_comment',
    'unify_type_list', 'fork', 'wait', 'jit', 'fx', 'classes', 'ops', 'library', 'get_file_path', 'compiled_with_cxx11_abi',
    'DisableTorchFunction', 'DispatchKey', 'DispatchKeySet', 'ExcludeDispatchKeyGuard', 'FatalError', 'PRIVATE_OPS',
    'init_num_threads', 'read_vitals', 'set_vital', 'vitals_enabled', 'prepare_multiprocessing_environment', 'classproperty',
    'candidate', 'obj', 'attr', 'AVG', 'SUM']],
  ['memory mapping and DLPack interchange (tocha\'s memory is the wasm heap)', ['from_file', 'from_dlpack', 'to_dlpack']],
  ['Python modules and typing helpers of the torch package (their functions are under torch.* where tocha has them)',
    ['amp', 'builtins', 'cpp', 'cpu', 'ctypes', 'distributed', 'functional', 'futures', 'hub', 'inspect', 'masked', 'multiprocessing',
      'nested', 'onnx', 'os', 'overrides', 'package', 'platform', 'profiler', 'quasirandom', 'random', 'return_types', 'serialization',
      'storage', 'sys', 'testing', 'textwrap', 'torch', 'torch_version', 'types', 'version', 'Callable', 'Set', 'TYPE_CHECKING',
      'USE_GLOBAL_DEPS', 'USE_RTLD_GLOBAL_WITH_LIBTORCH', 'Union']],
];

const EXCLUDED_TENSOR: [string, RegExp | string[]][] = [
  ['sparse tensors', /^(ccol_indices|coalesce|col_indices|crow_indices|dense_dim|indices|is_coalesced|row_indices|smm|sparse_dim|sparse_mask|sparse_resize_|sparse_resize_and_clear_|sspaddmm|to_dense|to_sparse.*|values|resize_as_sparse_)$/],
  ['quantization', /^(dequantize|int_repr|q_.*|qscheme)$/],
  ['complex numbers (no complex dtype)', ['stft', 'istft']],
  ['named tensors (tensors\' names are all None here: x.names, x.has_names() exist)', ['align_as', 'align_to', 'refine_names', 'rename', 'rename_']],
  ['MKL-DNN, nested tensors and CUDA streams', ['to_mkldnn', 'to_padded_tensor', 'record_stream']],
  ['Python tensor subclasses (__torch_function__)', ['as_subclass']],
];

function excludedBy(name: string, table: [string, RegExp | string[]][]): string | null {
  for (const [why, m] of table) if (Array.isArray(m) ? m.includes(name) : m.test(name)) return why;
  return null;
}

describe("PyTorch 1.13's public names", () => {
  const has = (name: string) => name in TORCH;
  const sample = torch.zeros(1);
  const hasMethod = (name: string) => name in torch.Tensor.prototype || name in sample;
  it('every torch.* name is in tocha or excluded with a reason', () => {
    const missing = (data.names.torch as string[]).filter((n) => !has(n) && !excludedBy(n, EXCLUDED_TORCH));
    expect(missing).toEqual([]);
  });
  it('every Tensor name is in tocha or excluded with a reason', () => {
    const missing = (data.names.tensor as string[]).filter((n) => !hasMethod(n) && !excludedBy(n, EXCLUDED_TENSOR));
    expect(missing).toEqual([]);
  });
  it('the exclusions name only what tocha lacks', () => {
    const listed = (table: [string, RegExp | string[]][]) => table.flatMap(([, m]) => (Array.isArray(m) ? m : []));
    expect(listed(EXCLUDED_TORCH).filter(has)).toEqual([]);
    expect(listed(EXCLUDED_TENSOR).filter(hasMethod)).toEqual([]);
    expect((data.names.torch as string[]).filter((n) => has(n) && excludedBy(n, EXCLUDED_TORCH))).toEqual([]);
    expect((data.names.tensor as string[]).filter((n) => hasMethod(n) && excludedBy(n, EXCLUDED_TENSOR))).toEqual([]);
  });
});

// ---------------------------------------------------------------- the cases

interface Case {
  id: string; op: string; args: unknown[]; kw?: Record<string, unknown>; seed?: number; after?: number[]; tol?: number;
  warn?: boolean; error?: { type: string; message: string }; out?: unknown; rg?: boolean[]; node?: (string | null)[];
  same?: boolean; warnings?: string[]; version?: number; stride?: number[]; offset?: number; after_vals?: unknown[];
}

const FNS: Record<string, (...a: number[]) => number | boolean> = {
  double: (v) => v * 2,
  scale17: (v) => v * 1.7,
  add: (a, b) => a + b,
  fma: (a, b, c) => a + b * c,
  neg_if: (v) => !v,
};

function materialize(v: unknown): unknown {
  if (typeof v === 'string' && (v[0] === '@' || v[0] === '=') && v.slice(1) in data.inputs) {
    // a fresh contiguous tensor (decode's reshape is a view), a leaf
    const t = decode(data.inputs[v.slice(1)]).clone();
    return v[0] === '@' ? t.requires_grad_() : t;
  }
  if (Array.isArray(v)) return v.map(materialize);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('t' in o) return decode(o.t as EncTensor);
    if ('dtype' in o) return TORCH[o.dtype as string];
    if ('size' in o) return torch.Size.of2(o.size as number[]);
    if ('gen' in o) return new torch.Generator().manual_seed(o.gen as number);
    if ('fn' in o) return FNS[o.fn as string];
    return Object.fromEntries(Object.entries(o).map(([k, e]) => [k, materialize(e)]));
  }
  return v;
}

function resolve(op: string): (...a: unknown[]) => unknown {
  if (op.startsWith('linalg.')) return (torch.linalg as unknown as Record<string, (...a: unknown[]) => unknown>)[op.slice(7)];
  if (op.startsWith('F.')) return (torch.nn.functional as unknown as Record<string, (...a: unknown[]) => unknown>)[op.slice(2)];
  return TORCH[op] as (...a: unknown[]) => unknown;
}

function tensorsOf(r: unknown): T[] {
  if (r instanceof torch.Tensor) return [r];
  if (Array.isArray(r)) return r.flatMap(tensorsOf);
  return [];
}

/** Cases whose values are uninitialized memory: only their shape, strides and dtype are compared. */
const UNINITIALIZED = new Set(['empty_strided', '.new sizes', '.new torch.Size', '.new_empty_strided']);

/** Differences from PyTorch 1.13 that stay, and why (the case must still differ). */
const KNOWN: Record<string, string> = {
  set_flush_denormal: 'WebAssembly has no flush-to-zero mode: false, as PyTorch on a CPU without one (PyTorch on this x86 host: true)',
  ...Object.fromEntries(['half', 'bfloat16', 'byte', 'char', 'short', 'cfloat', 'cdouble', 'chalf'].map((n) => [`.${n}`,
    `converts to a dtype tocha lacks: tocha's TypeError names it (float32, int64 and bool only)`])),
};

function expectValue(what: string, got: unknown, want: unknown, tol: number, shapeOnly: boolean): void {
  if (want === null) return void expect(got ?? null, what).toBeNull();
  if (Array.isArray(want)) {
    const g = got as unknown[];
    expect(Array.isArray(g) || (g !== null && typeof g === 'object' && Symbol.iterator in (g as object)), `${what}: a sequence`).toBe(true);
    const arr = [...(g as Iterable<unknown>)];
    expect(arr.length, `${what} length`).toBe(want.length);
    want.forEach((w, i) => expectValue(`${what}[${i}]`, arr[i], w, tol, shapeOnly));
    return;
  }
  if (typeof want === 'object') {
    const w = want as Record<string, unknown>;
    if ('tensor' in w) {
      const e = w.tensor as EncTensor;
      if (shapeOnly) {
        expect(got, what).toBeInstanceOf(torch.Tensor);
        expect([...(got as T).shape], `${what} shape`).toEqual(e.shape);
        expect((got as T).dtype.name, `${what} dtype`).toBe(e.dtype);
        return;
      }
      return expectTensor(what, got as T, e, tol);
    }
    if ('size' in w) return void expect([...(got as number[])], what).toEqual(w.size);
    if ('dtype' in w) return void expect(String(got), what).toBe(w.dtype);
    if ('layout' in w) return void expect(String(got), what).toBe(w.layout);
    if ('class' in w) return void expect((got as { name: string }).name, what).toBe(w.class);
    if ('float' in w) return void expect(got, what).toBe(num(w.float as string));
    if ('dtype_name' in w) return;
    throw new Error(`${what}: unknown encoding ${JSON.stringify(w)}`);
  }
  if (typeof want === 'number' && !Number.isInteger(want)) return void expect(got as number, what).toBeCloseTo(want, 5);
  expect(got, what).toBe(want);
}

describe('the new names against PyTorch 1.13', () => {
  let warned: string[] = [];
  beforeEach(() => {
    warned = [];
    vi.spyOn(console, 'warn').mockImplementation((m: unknown) => { warned.push(String(m)); });
  });
  afterEach(() => { vi.restoreAllMocks(); });

  for (const c of data.cases as Case[]) {
    it(c.id, () => {
      const run = () => torch.tidy(() => {
        if (c.seed !== undefined) torch.manual_seed(c.seed);
        const args = c.args.map(materialize);
        const kw = c.kw && Object.keys(c.kw).length ? [Object.fromEntries(Object.entries(c.kw).map(([k, v]) => [k, materialize(v)]))] : [];
        let r: unknown;
        let err: unknown = null;
        try {
          if (c.op.startsWith('.')) {
            const self = args[0] as Record<string, unknown>;
            const m = self[c.op.slice(1)];
            r = typeof m === 'function' ? (m as (...a: unknown[]) => unknown).apply(self, [...args.slice(1), ...kw]) : m;
          } else {
            const f = resolve(c.op);
            if (typeof f !== 'function') throw new Error(`tocha has no ${c.op}`);
            r = f(...args, ...kw);
          }
        } catch (e) {
          err = e;
        }
        if (c.error) {
          expect(err, 'PyTorch raises').not.toBeNull();
          const e = err as Error;
          // a dispatcher error's list of backends is PyTorch's build's: compared up to it
          const want = c.error.message.split('\n')[0].replace(/ If you are a Facebook employee.*$/, '');
          expect(e.message.split('\n')[0].replace(/ If you are a Facebook employee.*$/, '')).toBe(want);
          if (['TypeError', 'AssertionError', 'NotImplementedError'].includes(c.error.type)) expect(e.name).toBe(c.error.type);
          return;
        }
        if (err) throw err;
        expectValue('result', r, c.out, c.tol ?? 1e-5, UNINITIALIZED.has(c.id));
        const ts = tensorsOf(r);
        expect(ts.map((t) => t.requires_grad), 'requires_grad').toEqual(c.rg);
        expect(ts.map((t) => (t.grad_fn ? t.grad_fn.name() : null)), 'grad_fn').toEqual(c.node);
        if (c.same) expect(r, 'returns its input').toBe(args[0]);
        c.after?.forEach((i, k) => expectValue(`argument ${i} after`, args[i], c.after_vals![k], c.tol ?? 1e-5, false));
        if (c.version !== undefined) {
          const self = args[0] as T;
          expect(self._version, 'version').toBe(c.version);
          expect(self.stride(), 'stride').toEqual(c.stride);
          expect(self.storage_offset(), 'storage offset').toBe(c.offset);
        }
        for (const w of c.warnings ?? []) expect(warned, 'warnings').toContain(`UserWarning: ${w}`);
      });
      const why = KNOWN[c.id];
      if (why) expect(run, `${c.id} is in KNOWN but now agrees with PyTorch: remove it`).toThrow();
      else run();
    });
  }
});

// ---------------------------------------------------------------- flags, storages, in-place views

/** The error f raises (type and message), or null. */
function errorOf(f: () => unknown): { type: string; message: string } | null {
  try {
    f();
  } catch (e) {
    return { type: (e as Error).name, message: (e as Error).message };
  }
  return null;
}

describe('global flags, as PyTorch records them', () => {
  const seq = data.seq;
  it('use_deterministic_algorithms and the debug mode', () => {
    const got: unknown[] = [torch.are_deterministic_algorithms_enabled(), torch.is_deterministic_algorithms_warn_only_enabled(),
      torch.get_deterministic_debug_mode()];
    torch.use_deterministic_algorithms(true);
    got.push(torch.are_deterministic_algorithms_enabled(), torch.get_deterministic_debug_mode());
    torch.use_deterministic_algorithms(true, { warn_only: true });
    got.push(torch.is_deterministic_algorithms_warn_only_enabled(), torch.get_deterministic_debug_mode());
    torch.set_deterministic_debug_mode('error');
    got.push(torch.get_deterministic_debug_mode(), torch.is_deterministic_algorithms_warn_only_enabled());
    torch.set_deterministic_debug_mode(0);
    got.push(torch.get_deterministic_debug_mode(), torch.are_deterministic_algorithms_enabled());
    expect(got).toEqual(seq.deterministic);
    const errs = [errorOf(() => torch.set_deterministic_debug_mode('foo' as 'warn')), errorOf(() => torch.set_deterministic_debug_mode(3 as 2)),
      errorOf(() => torch.set_deterministic_debug_mode([1] as unknown as 2)), errorOf(() => torch.use_deterministic_algorithms(1 as unknown as boolean))];
    errs.forEach((e, i) => expect(e?.message).toBe(seq['debug mode errors'][i].message));
    expect(errs.map((e) => e!.type)).toEqual(['Error', 'Error', 'TypeError', 'TypeError']);
  });
  it('set_warn_always, autocast, anomaly mode', () => {
    const w = [torch.is_warn_always_enabled()];
    torch.set_warn_always(true);
    w.push(torch.is_warn_always_enabled());
    torch.set_warn_always(false);
    w.push(torch.is_warn_always_enabled());
    expect(w).toEqual(seq['warn always']);
    const a: unknown[] = [torch.is_autocast_enabled(), torch.is_autocast_cpu_enabled(), torch.is_autocast_cache_enabled()];
    torch.set_autocast_enabled(true); torch.set_autocast_cpu_enabled(true); torch.set_autocast_cache_enabled(false);
    a.push(torch.is_autocast_enabled(), torch.is_autocast_cpu_enabled(), torch.is_autocast_cache_enabled());
    torch.set_autocast_enabled(false); torch.set_autocast_cpu_enabled(false); torch.set_autocast_cache_enabled(true);
    a.push(torch.autocast_increment_nesting(), torch.autocast_increment_nesting(), torch.autocast_decrement_nesting(),
      torch.autocast_decrement_nesting(), torch.clear_autocast_cache() ?? null);
    expect(a).toEqual(seq.autocast);
    const n: boolean[] = [torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled()];
    torch.set_anomaly_enabled(true, false);
    n.push(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled());
    torch.set_anomaly_enabled(false);
    n.push(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled());
    expect(n).toEqual(seq.anomaly);
  });
  it('anomaly mode without check_nan lets a NaN gradient through', () => {
    const x = torch.tensor([0.0], { dtype: torch.float32, requires_grad: true });
    torch.set_anomaly_enabled(true, false);
    try {
      x.sqrt().mul(0).sum().backward();   // 0 · inf = NaN
      expect(Number.isNaN(Number(x.grad!.item()))).toBe(true);
    } finally {
      torch.set_anomaly_enabled(false);
    }
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(() => torch.autograd.detect_anomaly(() => x.sqrt().mul(0).sum().backward())).toThrow(/returned nan values/);
    vi.restoreAllMocks();
  });
  it('set_default_tensor_type, interop threads, constants and build flags', () => {
    const d = [errorOf(() => torch.set_default_tensor_type(torch.FloatTensor)), errorOf(() => torch.set_default_tensor_type('torch.FloatTensor')),
      errorOf(() => torch.set_default_tensor_type(torch.LongTensor)), errorOf(() => torch.set_default_tensor_type('torch.BoolTensor'))];
    expect(d.map((e) => e && e.message)).toEqual(seq['default tensor type'].map((e: { message: string } | null) => e && e.message));
    expect(errorOf(() => torch.set_num_interop_threads(0))?.message).toBe(seq.interop[0].message);
    expect([torch.e, torch.pi]).toEqual(seq.constants);
    expect(torch.inf).toBe(Infinity);
    expect(torch.nan).toBeNaN();
    for (const k of ['has_cuda', 'has_cudnn', 'has_mps']) expect(TORCH[k], k).toBe(seq.has[k]);
    expect(torch.get_num_interop_threads()).toBeGreaterThan(0);
  });
});

describe('storages', () => {
  const st = data.storage;
  it('x.storage(): size, values, element sizes, printing, type', () => {
    const s = torch.arange(6, { dtype: torch.float32 }).view(2, 3).storage();
    expect(String(s)).toBe(st.float.repr);
    expect([s.size(), s.length, s.get(4), s.tolist(), s.element_size(), s.nbytes(), s.type()])
      .toEqual([st.float.size, st.float.len, st.float.item, st.float.list, st.float.element_size, st.float.nbytes, st.float.type]);
    for (const [name, t] of [['long', torch.tensor([3, -1])], ['bool', torch.tensor([true, false])],
      ['half', torch.tensor([0.5, 1e-5, 1e20], { dtype: torch.float32 })]] as const) {
      const ss = t.storage();
      expect(String(ss), name).toBe(st[name].repr);
      expect([ss.element_size(), ss.nbytes()], name).toEqual([st[name].element_size, st[name].nbytes]);
    }
    expect(torch.is_storage(s)).toBe(true);
    expect(torch.zeros(2).storage_type()).toBe(torch.FloatStorage);
  });
  it('views share the storage; data_ptr is the byte address of the first element', () => {
    const a = torch.arange(6, { dtype: torch.float32 }).view(2, 3);
    const v = a.select(0, 1);
    expect([v.storage().size(), v.storage().data_ptr() === a.storage().data_ptr(), v.data_ptr() - a.data_ptr()])
      .toEqual([st.view.size, st.view['same data_ptr'], st.view['ptr offset']]);
    expect([a.is_shared(), a.share_memory_() === a, a.is_shared()]).toEqual(st.share);
    expect(torch.zeros(0).data_ptr()).toBe(0);
  });
  it('set_ and resize_', () => {
    const a = torch.arange(6, { dtype: torch.float32 }).view(2, 3);
    const b = torch.zeros(3).set_(a);
    expect([[...b.shape], b.is_set_to(a), b.data_ptr() === a.data_ptr()]).toEqual([st.set_.shape, st.set_.is_set_to, st.set_.ptr]);
    expectTensor('set_(storage, offset, size, stride)', torch.zeros(3).set_(a.storage(), 1, [2], [2]), st['set_ storage']);
    a.mul_(2);
    expect(b.tolist()).toEqual(a.tolist());
    expect([...torch.zeros(3).set_().shape]).toEqual(st['set_ empty']);
    const r = torch.arange(4, { dtype: torch.float32 });
    const rv = r.narrow(0, 1, 3);
    r.resize_(6);
    expect([[...r.shape], (r.narrow(0, 0, 4).tolist()), rv.data_ptr() === r.data_ptr() + 4])
      .toEqual([st['resize_ grow'].shape, st['resize_ grow'].head, st['resize_ grow']['view sees']]);
  });
});

describe('in-place view ops: history and gradients', () => {
  const iv = data.inplace_views;
  const ops: [string, (t: T) => T][] = [['unsqueeze_', (t) => t.unsqueeze_(0)], ['t_', (t) => t.t_()],
    ['transpose_', (t) => t.transpose_(0, 1)], ['squeeze_', (t) => t.unsqueeze(0).squeeze_(0)],
    ['as_strided_', (t) => t.as_strided_([2, 2], [1, 2], 1)], ['swapdims_', (t) => t.swapdims_(1, 0)]];
  for (const [name, f] of ops) {
    it(name, () => {
      const x = decode(data.inputs.x).clone().requires_grad_();
      const y = x.mul(2);
      const z = f(y);
      const go = torch.arange(z.numel(), { dtype: torch.float32 }).reshape([...z.shape]);
      z.mul(go).sum().backward();
      expect(z.grad_fn?.name()).toBe(iv[name].node);
      expect([...z.shape]).toEqual(iv[name].shape);
      expectTensor('grad', x.grad, iv[name].grad);
      if (iv[name].version !== null) expect(y._version).toBe(iv[name].version);
    });
  }
  it('on a view (it stays a view of its base) and on a leaf (PyTorch\'s error)', () => {
    const vb = decode(data.inputs.x).clone().requires_grad_().mul(1);
    const vv = vb.select(0, 0);
    vv.unsqueeze_(0);
    expect([vv.grad_fn?.name(), vv._base === vb, [...vv.shape]]).toEqual([iv.view.node, iv.view.is_view, iv.view.shape]);
    expect(errorOf(() => torch.zeros(2, { requires_grad: true }).unsqueeze_(0))?.message).toBe(iv.leaf.message);
  });
});
