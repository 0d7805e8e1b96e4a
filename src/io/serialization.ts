// torch.save and torch.load in PyTorch's own format: a zip archive (zip.ts) of `data.pkl`, a protocol 2
// pickle of the object in which each tensor is `torch._utils._rebuild_tensor_v2(storage, offset, size,
// stride, requires_grad, OrderedDict())` and each storage a persistent id ('storage', torch.FloatStorage,
// key, 'cpu', numel) whose bytes are the record `data/<key>`; then `version`. tocha writes what PyTorch
// 1.13 writes for the same objects, down to the pickle's memo, so a state_dict saves to the same bytes.
import { Tensor, Size } from '../tensor.js';
import { Storage } from '../lifetime.js';
import { DType, float32, int64, bool, INT_MIN, INT_MAX } from '../dtype.js';
import { F32, I32, U8 } from '../backend/wasm.js';
import { checkDevice, device } from '../device.js';
import { Module, Parameter, ownParameter, UninitializedParameter, UninitializedBuffer } from '../nn/module.js';
import { isPlainObject, bind } from '../optim/optimizer.js';
import { Pickler, OP, unpickle } from './pickle.js';
import { writeZip, readZip, crc32 } from './zip.js';

/** Objects to save as (or loaded from) an OrderedDict. Module state_dicts are OrderedDicts too: they carry
 *  PyTorch's `_metadata` (the version of each module, by prefix) as a non-enumerable property. */
const ordered = new WeakSet<object>();

type Fs = { readFileSync(f: string | URL): Uint8Array; writeFileSync(f: string | URL, d: Uint8Array): void };
/** Node's fs without importing it, so the bundle stays usable in browsers. */
function nodeFs(op: string, advice: string): Fs {
  const g = globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } };
  const fs = g.process?.getBuiltinModule?.('node:fs') as Fs | undefined;
  if (!fs) throw new Error(`${op}: a file path needs Node's fs (Node 20.16 or later); ${advice}`);
  return fs;
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
/** A module state_dict's `_metadata`: a non-enumerable property (an enumerable one is an ordinary key). */
const hasMeta = (o: object) => Object.getOwnPropertyDescriptor(o, '_metadata')?.enumerable === false;
const kind = (x: unknown) => (x === null ? 'None' : typeof x === 'object' || typeof x === 'function'
  ? (x as object).constructor?.name ?? 'object' : typeof x);
/** An array-index-like key: JavaScript orders these first, ascending; written as Python ints. */
const isIndex = (k: string) => /^(0|[1-9]\d{0,8})$/.test(k);

/** The storage class of each tocha dtype in the file. */
const SAVED: Record<string, string> = { float32: 'FloatStorage', int64: 'LongStorage', bool: 'BoolStorage' };

// ---------------------------------------------------------------- save

function serialize(obj: unknown, archive: string): Uint8Array {
  const w = new Pickler();
  const storages = new Map<Storage, { s: Storage; key: string; token: object; dtype: DType; numel: number }>();
  const path: (string | number)[] = [];
  const where = () => 'obj' + path.map((k) => `[${JSON.stringify(k)}]`).join('');
  const orderedDict = () => { w.global('collections', 'OrderedDict'); w.op(OP.EMPTY_TUPLE, OP.REDUCE); };
  const int = (n: number) => w.int(n);

  const rebuild = (t: Tensor, memoKey: unknown, requiresGrad: boolean) => {
    w.global('torch._utils', '_rebuild_tensor_v2');
    w.op(OP.MARK);
    const s = t._live();
    let e = storages.get(s);
    if (!e) storages.set(s, e = { s, key: String(storages.size), token: {}, dtype: t.dtype, numel: s.bytes / 4 });
    else if (e.dtype !== t.dtype) {
      throw new Error(`torch.save: cannot save multiple tensors or storages that view the same data as different types (${where()})`);
    }
    w.op(OP.MARK);
    w.str('storage');
    w.global('torch', SAVED[t.dtype.name]);
    w.str(e.key, e.token);
    w.str('cpu');
    w.int(e.numel);
    w.op(OP.TUPLE);
    w.put({});
    w.op(OP.BINPERSID);
    w.int(t._offset);
    w.tuple(t._shape, int);
    w.tuple(t._strides, int);
    w.op(requiresGrad ? OP.NEWTRUE : OP.NEWFALSE);
    orderedDict();
    w.put({});
    w.op(OP.TUPLE);
    w.put({});
    w.op(OP.REDUCE);
    w.put(memoKey);
  };

  /** A dict's items; `key` writes a key (CPython memoizes each key string by the object it is). */
  const dict = (entries: [unknown, unknown][], key: (k: unknown) => void, exact: boolean) => {
    w.items(entries, ([k, v]) => {
      key(k);
      path.push(k as string);
      value(v);
      path.pop();
    }, true, exact);
  };
  /** A plain object's keys: Python ints when every key is an array index (optimizer.state_dict().state). */
  const keysOf = (entries: [unknown, unknown][]) =>
    entries.length && entries.every(([k]) => isIndex(k as string)) ? (k: unknown) => w.int(Number(k)) : value;

  const value = (v: unknown): void => {
    if (v === null || v === undefined) return w.op(OP.NONE);
    switch (typeof v) {
      case 'boolean': return w.op(v ? OP.NEWTRUE : OP.NEWFALSE);
      case 'number':
        // one number type: integers (not -0, within 2^53) are Python ints, everything else floats
        return Number.isInteger(v) && !Object.is(v, -0) && Math.abs(v) <= 2 ** 53 ? w.int(v) : w.float(v);
      case 'bigint': return w.int(v);
      case 'string': return w.str(v);
    }
    if (v instanceof DType) return w.global('torch', v.name);
    if (w.get(v)) return;
    if (v instanceof UninitializedParameter || v instanceof UninitializedBuffer) {
      // PyTorch pickles these as their class called with (requires_grad,): no data, no storage record
      w.global('torch.nn.parameter', v instanceof UninitializedParameter ? 'UninitializedParameter' : 'UninitializedBuffer');
      w.op(v.requires_grad ? OP.NEWTRUE : OP.NEWFALSE);
      w.op(OP.TUPLE1);
      w.put({});
      w.op(OP.REDUCE);
      return w.put(v);
    }
    if (v instanceof Parameter) {
      w.global('torch._utils', '_rebuild_parameter');
      rebuild(v, {}, false);
      w.op(v.requires_grad ? OP.NEWTRUE : OP.NEWFALSE);
      orderedDict();
      w.put({});
      w.op(OP.TUPLE3);
      w.put({});
      w.op(OP.REDUCE);
      return w.put(v);
    }
    if (v instanceof Tensor) return rebuild(v, v, v.requires_grad);
    if (v instanceof Size) {
      w.global('torch', 'Size');
      w.tuple([...v], int);
      w.op(OP.TUPLE1);
      w.put({});
      w.op(OP.REDUCE);
      return w.put(v);
    }
    if (Array.isArray(v)) {
      if (Object.isFrozen(v)) return w.tuple(v, value, v); // a tuple
      w.op(OP.EMPTY_LIST);
      w.put(v);
      return w.items(v.map((x, i) => [i, x] as const), ([i, x]) => { path.push(i); value(x); path.pop(); }, false);
    }
    if (v instanceof Map || isPlainObject(v)) {
      const o = v as Record<string, unknown>;
      const entries: [unknown, unknown][] = v instanceof Map ? [...v] : Object.entries(o);
      if (hasMeta(o)) {
        // a module's state_dict, as Module.state_dict() builds it: keys made by joining names ('fc.weight',
        // and ParameterList's str(i)) are new string objects, metadata prefixes too unless '' or 1 character
        orderedDict();
        w.put(v);
        dict(entries, (k) => w.str(k as string, /\.|^\d+$/.test(k as string) ? {} : undefined), false);
        w.op(OP.EMPTY_DICT);
        w.put({});
        w.str('_metadata');
        const meta = o._metadata as Map<string, unknown> | Record<string, unknown>;
        if (w.get(meta)) return w.op(OP.SETITEM, OP.BUILD);
        orderedDict();
        w.put(meta);
        dict(meta instanceof Map ? [...meta] : Object.entries(meta),
          (k) => w.str(k as string, (k as string).length > 1 ? {} : undefined), false);
        return w.op(OP.SETITEM, OP.BUILD);
      }
      const keys = v instanceof Map ? value : keysOf(entries);
      if (ordered.has(v)) {
        orderedDict();
        w.put(v);
        return dict(entries, keys, false);
      }
      w.op(OP.EMPTY_DICT);
      w.put(v);
      return dict(entries, keys, true);
    }
    throw new TypeError(`torch.save: cannot save ${where()} of type ${kind(v)}: ` + (v instanceof Module
      ? 'save its state_dict() instead (a module\'s code cannot be saved)' : 'tocha saves tensors, nn.Parameter, ' +
      'plain objects and Maps (dicts), arrays (lists; frozen: tuples), numbers, strings, booleans, null, dtypes and torch.Size'));
  };

  value(obj);
  const records: [string, Uint8Array][] = [[`${archive}/data.pkl`, w.bytes()]];
  // PyTorch writes the storages in the order of their keys as strings: 0, 1, 10, 11, 2...
  for (const e of [...storages.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    records.push([`${archive}/data/${e.key}`, storageBytes(e.s, e.dtype, e.numel)]);
  }
  records.push([`${archive}/version`, new Uint8Array([0x33, 0x0a])]); // "3\n"
  return writeZip(records);
}

/** A storage's elements as the file holds them: float32, int64 (8 bytes), bool (1 byte), little-endian. */
function storageBytes(s: Storage, dtype: DType, numel: number): Uint8Array {
  if (dtype === float32) return U8().slice(s.ptr, s.ptr + numel * 4);
  const src = I32().subarray(s.ptr >>> 2, (s.ptr >>> 2) + numel);
  if (dtype === bool) return Uint8Array.from(src, (x) => (x ? 1 : 0));
  const out = new Int32Array(numel * 2);
  for (let i = 0; i < numel; i++) {
    out[2 * i] = src[i];
    out[2 * i + 1] = src[i] >> 31;
  }
  return new Uint8Array(out.buffer);
}

/** The archive's folder PyTorch names after the file: the path's last part without its extension. */
function archiveName(f: string): string {
  const base = f.slice(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return (dot >= 0 ? base.slice(0, dot) : base) || 'archive';
}

/**
 * Saves an object in PyTorch's file format (the zip format of torch.save since 1.6), which PyTorch's
 * `torch.load` reads: `torch.save(model.state_dict(), 'model.pt')`. With a path (Node), writes the file;
 * without one, returns the file's bytes (a Uint8Array, as saving to io.BytesIO), which is how to save in
 * a browser. Saves tensors (float32, int64, bool; views keep their storage, shared by the tensors that
 * share it), nn.Parameter, module and optimizer state_dicts, plain objects and Maps as dicts, arrays as
 * lists (frozen arrays as tuples), numbers (integers as Python ints, others as floats), strings, booleans, null,
 * dtypes and torch.Size.
 *
 * `torch.save({ epoch, model_state_dict: net.state_dict(), optimizer_state_dict: opt.state_dict() }, 'ckpt.pt')`
 */
export function save(obj: unknown): Uint8Array;
export function save(obj: unknown, f: string | URL): void;
export function save(obj: unknown, f?: string | URL | null): Uint8Array | void {
  if (f === undefined || f === null) return serialize(obj, 'archive');
  if (typeof f !== 'string' && !(f instanceof URL)) {
    throw new TypeError(`torch.save: f must be a file path (a string) or omitted to get the bytes, got ${kind(f)}`);
  }
  const fs = nodeFs('torch.save', 'in a browser, call torch.save(obj) with no path: it returns the file\'s bytes (a Uint8Array)');
  fs.writeFileSync(f, serialize(obj, archiveName(f instanceof URL ? decodeURIComponent(f.pathname) : f)));
}

// ---------------------------------------------------------------- load

/** Storage classes PyTorch writes: bytes per element and how to read one ('f' float, 'h' half, 'B' bfloat16,
 *  'i' signed, 'u' unsigned, 'b' bool). Floating types load as float32, integer types as int64 (as
 *  x.double() and x.int() give float32 and int64 in tocha). */
const STORAGES: Record<string, string> = {
  FloatStorage: 'f4', DoubleStorage: 'f8', HalfStorage: 'h2', BFloat16Storage: 'B2', LongStorage: 'i8',
  IntStorage: 'i4', ShortStorage: 'i2', CharStorage: 'i1', ByteStorage: 'u1', BoolStorage: 'b1',
};
const DTYPES: Record<string, DType> = {
  float32, float64: float32, float16: float32, bfloat16: float32, int64, int32: int64, int16: int64, int8: int64,
  uint8: int64, bool,
};

class StorageType { constructor(readonly name: string, readonly code: string) {} }
class LoadedStorage { constructor(readonly s: Storage, readonly dtype: DType, readonly type: StorageType) {} }

const half = (h: number) => {
  const e = (h >> 10) & 31;
  const m = h & 1023;
  const x = e === 0 ? m * 2 ** -24 : e === 31 ? (m ? NaN : Infinity) : (1 + m / 1024) * 2 ** (e - 15);
  return h & 0x8000 ? -x : x;
};

/** A record's elements, converted to tocha's dtype, in a new storage. */
function readStorage(data: Uint8Array, code: string, numel: number, le: boolean, name: string): Storage {
  const [k, size] = [code[0], Number(code[1])];
  const s = Storage.allocate(numel);
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const at = s.ptr >>> 2;
  if (code === 'f4' && le) U8().set(data, s.ptr);
  else {
    const f = F32();
    const i32 = I32();
    for (let i = 0, o = 0; i < numel; i++, o += size) {
      switch (k) {
        case 'f': f[at + i] = size === 4 ? v.getFloat32(o, le) : v.getFloat64(o, le); break;
        case 'h': f[at + i] = half(v.getUint16(o, le)); break;
        case 'B': i32[at + i] = v.getUint16(o, le) << 16; break;
        case 'b': i32[at + i] = data[o] ? 1 : 0; break;
        case 'u': i32[at + i] = data[o]; break;
        default: {
          const lo = size === 8 ? v.getInt32(le ? o : o + 4, le) : size === 4 ? v.getInt32(o, le)
            : size === 2 ? v.getInt16(o, le) : v.getInt8(o);
          if (size === 8 && v.getInt32(le ? o + 4 : o, le) !== lo >> 31) {
            s.release();
            throw new RangeError(`torch.load: ${name} holds the int64 value ${v.getBigInt64(o, le)}, out of tocha's int64 range ` +
              `[${INT_MIN}, ${INT_MAX}] (tocha stores int64 in 32 bits)`);
          }
          i32[at + i] = lo;
        }
      }
    }
  }
  return s;
}

/** torch.load's keyword arguments: `map_location` (tensors load on the CPU: 'cpu', a CPU torch.device or
 *  anything PyTorch takes other than another device), `weights_only` (tocha loads weights only, either way). */
export interface LoadOptions { map_location?: unknown; weights_only?: boolean; mmap?: boolean }

const unsupported = (what: string): never => {
  throw new Error('torch.load: Weights only load failed: tocha loads tensors and containers, as torch.load(weights_only=True), ' +
    `not pickled Python objects. WeightsUnpickler error: ${what}. For a model saved whole (torch.save(model)), save its ` +
    'state_dict in PyTorch instead (torch.save(model.state_dict(), PATH)) and load that into the same model built in tocha.');
};

/**
 * Loads an object saved with `torch.save`, by PyTorch (1.6 and later: the zip format) or by tocha: a file
 * path (Node), or the file's bytes (a Uint8Array or ArrayBuffer, in a browser or anywhere).
 * Dicts become plain objects (a Map when their keys would not keep their order in one), lists and tuples
 * arrays. Like `torch.load(f, weights_only=True)` it rebuilds tensors and containers only, never Python
 * objects. Tensors load on the CPU whatever device they were saved from; float64, float16 and bfloat16
 * load as float32, int32, int16, int8 and uint8 as int64 (tocha's dtypes).
 *
 * `model.load_state_dict(torch.load('model.pt'))`
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function load<T = any>(f: string | URL | Uint8Array | ArrayBuffer | ArrayBufferView,
  map_location?: string | device | null | LoadOptions, opts?: LoadOptions): T {
  const a = bind('load', ['map_location'], ['weights_only', 'mmap'], { map_location: null, weights_only: true, mmap: false },
    [map_location, opts]);
  if (typeof a.map_location === 'string' || a.map_location instanceof device) checkDevice(a.map_location);
  let bytes: Uint8Array;
  if (typeof f === 'string' || f instanceof URL) {
    bytes = nodeFs('torch.load', 'in a browser, pass the file\'s bytes: torch.load(await (await fetch(url)).arrayBuffer())')
      .readFileSync(f);
  } else if (f instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && f instanceof SharedArrayBuffer)) {
    bytes = new Uint8Array(f);
  } else if (ArrayBuffer.isView(f)) bytes = new Uint8Array(f.buffer, f.byteOffset, f.byteLength);
  else throw new TypeError(`torch.load: f must be a file path, a Uint8Array or an ArrayBuffer, got ${kind(f)}`);
  return deserialize(bytes) as T;
}

function deserialize(bytes: Uint8Array): unknown {
  const op = 'torch.load';
  const records = readZip(bytes, op);
  if (!records) {
    if (!bytes.length) throw new Error(`${op}: the file is empty`);
    if (bytes[0] === 0x80 || (bytes.length > 262 && String.fromCharCode(...bytes.subarray(257, 262)) === 'ustar')) {
      throw new Error(`${op}: the file is in PyTorch's legacy format (torch.save before PyTorch 1.6, or ` +
        '_use_new_zipfile_serialization=False), which tocha does not read: load it in PyTorch and save it again');
    }
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) throw new Error(`${op}: the file is truncated (a zip archive without its end)`);
    throw new Error(`${op}: not a file written by torch.save (a zip archive): it starts with ` +
      [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' '));
  }
  const pkl = [...records.keys()].find((k) => /^[^/]*\/data\.pkl$/.test(k));
  if (!pkl) throw new Error(`${op}: the archive has no data.pkl record: not a file written by torch.save`);
  const prefix = pkl.slice(0, -8);
  const record = (name: string) => {
    const r = records.get(prefix + name);
    if (!r) throw new Error(`${op}: the archive has no record ${prefix}${name} (the file is incomplete or damaged)`);
    if (crc32(r.data) !== r.crc) throw new Error(`${op}: record ${prefix}${name} is damaged (its CRC-32 does not match)`);
    return r.data;
  };
  const order = records.has(prefix + 'byteorder') ? new TextDecoder().decode(record('byteorder')) : 'little';
  const le = order !== 'big';
  const loaded = new Map<string, LoadedStorage>();
  const made: Tensor[] = [];
  const attrs = new WeakMap<object, Map<unknown, unknown>>();
  const bad = (why: string): never => { throw new Error(`${op}: ${prefix}data.pkl is damaged (${why})`); };
  const isInt = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

  const tensorOf = (st: unknown, offset: unknown, size: unknown, stride: unknown, rg: unknown) => {
    if (!(st instanceof LoadedStorage)) return bad('a tensor without a storage');
    if (!isInt(offset) || !Array.isArray(size) || !Array.isArray(stride) || size.length !== stride.length ||
      !size.every(isInt) || !stride.every(isInt)) return bad('a tensor with an invalid size or stride');
    const n = st.s.bytes / 4;
    const last = size.reduce((m: number, d: number, i) => m + (d - 1) * (stride[i] as number), offset);
    if (size.every((d) => d > 0) ? last >= n : offset > n) bad(`a tensor outside its storage of ${n} elements`);
    const t = new Tensor(st.s.retain(), [...size], st.dtype, [...stride], offset);
    made.push(t);
    if (rg === true) t.requires_grad = true;
    return t;
  };
  const odict = () => { const m = new Map(); ordered.add(m); return m; };
  const globals: Record<string, unknown> = {
    'collections.OrderedDict': odict,
    'torch._utils._rebuild_tensor_v2': tensorOf,
    'torch._utils._rebuild_tensor': (st: unknown, o: unknown, size: unknown, stride: unknown) => tensorOf(st, o, size, stride, false),
    'torch._utils._rebuild_parameter': (data: unknown, rg: unknown) => {
      if (!(data instanceof Tensor)) bad('a Parameter without a tensor');
      const p = ownParameter(data as Tensor);
      made.push(p);
      if (rg === false) p.requires_grad = false;
      return p;
    },
    'torch.nn.parameter.UninitializedParameter': (rg: unknown = true) => {
      const p = new UninitializedParameter(rg === true);
      made.push(p);
      return p;
    },
    'torch.nn.parameter.UninitializedBuffer': (rg: unknown = false) => {
      const b = new UninitializedBuffer(rg === true);
      made.push(b);
      return b;
    },
    'torch.Size': (t: unknown) => (Array.isArray(t) && t.every(isInt) ? Size.of2(t) : bad('an invalid torch.Size')),
  };
  globals['torch._utils._rebuild_parameter_with_state'] = globals['torch._utils._rebuild_parameter'];

  try {
    const obj = unpickle(record('data.pkl'), {
      find(module, name) {
        const full = `${module}.${name}`;
        if (own(globals, full)) return globals[full];
        if (module === 'torch' && own(STORAGES, name)) return new StorageType(name, STORAGES[name]);
        if (module === 'torch' && own(DTYPES, name)) return DTYPES[name];
        if (module === 'torch' && /Storage$|^c?q?u?int|^complex/.test(name)) {
          throw new TypeError(`${op}: tocha has no dtype for ${full} (complex and quantized tensors cannot be loaded; ` +
            'floating point tensors load as float32, integer ones as int64, and bool)');
        }
        return unsupported(`Unsupported class ${full}`);
      },
      persistent(pid) {
        if (!Array.isArray(pid) || pid[0] !== 'storage') return unsupported(`Only persistent_load of storage is allowed, but got ${String(Array.isArray(pid) ? pid[0] : pid)}`);
        const [, type, key, , numel] = pid as [string, unknown, unknown, unknown, unknown];
        if (!(type instanceof StorageType)) return bad('a storage of no storage type');
        if (!isInt(numel)) return bad('a storage with an invalid size');
        const k = String(key);
        let e = loaded.get(k);
        if (!e) {
          const data = record(`data/${k}`);
          const size = Number(type.code[1]);
          if (data.length !== numel * size) bad(`record data/${k} has ${data.length} bytes for ${numel} elements of ${type.name}`);
          const code = type.code[0];
          e = new LoadedStorage(readStorage(data, type.code, numel, le, `${prefix}data/${k}`), code === 'b' ? bool
            : 'fhB'.includes(code) ? float32 : int64, type);
          loaded.set(k, e);
        } else if (e.type !== type && e.type.name !== type.name) bad(`storage ${k} read as two types`);
        return e;
      },
      build(inst, state) {
        if (!(inst instanceof Map) || !ordered.has(inst) || !(state instanceof Map)) {
          unsupported(`Can only build OrderedDict objects, but got ${kind(inst)}`);
        }
        attrs.set(inst as Map<unknown, unknown>, state as Map<unknown, unknown>);
      },
    }, op, `${prefix}data.pkl`);
    return convert(obj, attrs, bad);
  } catch (e) {
    for (const t of made) t.dispose();
    throw e;
  } finally {
    for (const e of loaded.values()) e.s.release();
  }
}

/** The unpickled value as JavaScript values: dicts to plain objects when that keeps their keys and order. */
function convert(root: unknown, attrs: WeakMap<object, Map<unknown, unknown>>, bad: (why: string) => never): unknown {
  const done = new Map<object, unknown>();
  const go = (x: unknown): unknown => {
    if (x === null || typeof x !== 'object' || x instanceof Tensor || x instanceof DType || x instanceof Uint8Array) return x;
    if (x instanceof LoadedStorage || x instanceof StorageType) return bad('a bare storage (tocha loads tensors)');
    if (done.has(x)) return done.get(x);
    if (Array.isArray(x)) {
      const frozen = Object.isFrozen(x);
      const a = frozen ? [] : x;
      done.set(x, a);
      for (let i = 0; i < x.length; i++) a[i] = go(x[i]);
      return frozen ? Object.freeze(a) : a;
    }
    if (!(x instanceof Map)) return bad(`an object of type ${kind(x)}`);
    const keys = [...x.keys()].map(String);
    const order = Object.keys(Object.fromEntries(keys.map((k) => [k, 0])));
    const asObject = [...x.keys()].every((k) => typeof k === 'string' || typeof k === 'number' && isIndex(String(k))) &&
      order.length === keys.length && order.every((k, i) => k === keys[i]);
    let out: Map<unknown, unknown> | Record<string, unknown>;
    if (asObject) {
      const o: Record<string, unknown> = {};
      done.set(x, o);
      for (const [k, v] of x) Object.defineProperty(o, String(k), { value: go(v), enumerable: true, writable: true, configurable: true });
      out = o;
    } else {
      const m = new Map();
      done.set(x, m);
      for (const [k, v] of x) m.set(go(k), go(v));
      out = m;
    }
    if (ordered.has(x)) ordered.add(out);
    for (const [k, v] of attrs.get(x) ?? []) {
      Object.defineProperty(out, String(k), { value: go(v), writable: true, configurable: true });
    }
    return out;
  };
  return go(root);
}
