// torch.save / torch.load against PyTorch 1.13's own files: test/fixtures/save-load/*.pt and
// test/fixtures/save-load.json, written by scripts/gen-save-load.py (which also loads tocha's files in PyTorch,
// continues training from tocha's checkpoint, and records the sha256 of the files it verified).
// State dicts tocha saves are byte-identical to PyTorch's; every fixture loaded and saved again is too.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { readZip, writeZip } from '../src/io/zip.js';
import { Pickler, OP } from '../src/io/pickle.js';
import {
  MyMLP, Misc, Net, adamStep, batchnormModel, fixture, lazyModel, tensorsObject, tochaFiles,
} from '../scripts/save-load-tocha.js';

const { nn, optim } = torch;

interface Enc { dtype: 'float32' | 'int64' | 'bool'; shape: number[]; bits?: number[]; data?: (number | boolean)[] }
const J = JSON.parse(readFileSync(new URL('./fixtures/save-load.json', import.meta.url), 'utf8')) as {
  tutorial: { args: [number, number, number, number]; seed: number; state_dict: Record<string, Enc>; mismatch: string };
  batchnorm: { x: Enc; y: Enc; state_dict: Record<string, Enc> };
  misc: { seed: number; keys: string[] };
  lazy: { keys: string[]; types: string[]; load: string; repr: string };
  checkpoint: { x: Enc; y: Enc; epoch: number; loss: number; lr: number; loss4: number; params4: Record<string, Enc>;
    loss5: number; params5: Record<string, Enc> };
  tensors: Record<string, Enc>;
  tensors_views: Record<string, { offset: number; stride: number[] }>;
  dtypes: Record<string, Enc>;
  errors: { module: string };
  files: Record<string, string>;
  tocha: { files: Record<string, string> };
};

const dir = mkdtempSync(join(tmpdir(), 'tocha-save-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** torch.save to a file named `name` (PyTorch names the archive's folder after the file), read back. */
function saved(obj: unknown, name: string): Uint8Array {
  torch.save(obj, join(dir, name));
  return readFileSync(join(dir, name));
}

function decode(e: Enc): Tensor {
  if (e.bits) return torch.tensor(new Float32Array(new Int32Array(e.bits).buffer)).reshape(e.shape);
  return torch.tensor(e.data as number[], { dtype: e.dtype }).reshape(e.shape);
}

/** Same dtype, shape and bits (float32 compared as bits: -0, NaN and inf included). */
function expectSame(what: string, got: unknown, want: Enc): void {
  expect(got, what).toBeInstanceOf(torch.Tensor);
  const t = got as Tensor;
  expect([...t.shape], `${what} shape`).toEqual(want.shape);
  expect(t.dtype.name, `${what} dtype`).toBe(want.dtype);
  if (want.bits) expect([...new Int32Array(t.contiguous().dataSync().buffer)], what).toEqual(want.bits);
  else expect(t.reshape([-1]).tolist(), what).toEqual(want.data);
}

/** The same tree: tensors equal in dtype, shape and values, containers of the same kind and keys. */
function expectTree(got: unknown, want: unknown, at = 'obj'): void {
  if (want instanceof torch.Tensor) {
    expect(got, at).toBeInstanceOf(torch.Tensor);
    const g = got as Tensor;
    expect([g.dtype, [...g.shape]], at).toEqual([want.dtype, [...want.shape]]);
    expect(g.tolist(), at).toEqual(want.tolist());
  } else if (Array.isArray(want)) {
    expect(Array.isArray(got) && got.length, at).toBe(want.length);
    want.forEach((w, i) => expectTree((got as unknown[])[i], w, `${at}[${i}]`));
  } else if (want instanceof Map) {
    expect(got, at).toBeInstanceOf(Map);
    expect([...(got as Map<unknown, unknown>).keys()], at).toEqual([...want.keys()]);
    for (const [k, w] of want) expectTree((got as Map<unknown, unknown>).get(k), w, `${at}[${String(k)}]`);
  } else if (want !== null && typeof want === 'object') {
    expect(Object.keys(got as object), at).toEqual(Object.keys(want));
    for (const [k, w] of Object.entries(want)) expectTree((got as Record<string, unknown>)[k], w, `${at}.${k}`);
  } else expect(got, at).toBe(want ?? null);
}

function expectClose(what: string, got: Tensor, want: Enc, tol = 1e-6): void {
  const w = decode(want);
  expect([...got.shape], `${what} shape`).toEqual(want.shape);
  const d = Number(got.sub(w).abs().max().item());
  expect(d, what).toBeLessThanOrEqual(tol);
}

describe('state_dicts: the same bytes as PyTorch', () => {
  it("the tutorial's MLP (Embedding, Linear, Dropout), to a file and to bytes", () => {
    torch.manual_seed(J.tutorial.seed);
    const sd = new MyMLP(...J.tutorial.args).state_dict();
    expect(sha(saved(sd, 'tutorial.pt'))).toBe(J.files['tutorial.pt']);
    const bytes = torch.save(sd);                      // as torch.save(sd, io.BytesIO()): records archive/...
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(sha(bytes)).toBe(J.files['tutorial-bytes.pt']);
  });

  it('a model of many layers, ParameterList, LayerNorm, Embedding, buffers and BatchNorm (_metadata version 2)', () => {
    torch.manual_seed(J.misc.seed);
    const sd = new Misc().state_dict();
    expect(Object.keys(sd)).toEqual(J.misc.keys);
    expect(sha(saved(sd, 'misc.pt'))).toBe(J.files['misc.pt']);
  });

  it('loads into a model; a size mismatch is PyTorch\'s error', () => {
    const sd = torch.load(fixture('tutorial.pt'));
    expect(Object.keys(sd)).toEqual(Object.keys(J.tutorial.state_dict));
    for (const [k, e] of Object.entries(J.tutorial.state_dict)) expectSame(k, sd[k], e);
    const net = new MyMLP(...J.tutorial.args);
    expect(net.load_state_dict(sd)).toEqual({ missing_keys: [], unexpected_keys: [] });
    expectSame('emb_layer.weight', net.emb_layer.weight, J.tutorial.state_dict['emb_layer.weight']);
    expect(() => new MyMLP(20, 8, 6, 2).load_state_dict(torch.load(fixture('tutorial.pt')))).toThrow(J.tutorial.mismatch);
  });

  it('BatchNorm: running stats and int64 num_batches_tracked load, eval gives PyTorch\'s outputs, saves back the same', () => {
    const model = batchnormModel();
    model.load_state_dict(torch.load(fixture('batchnorm.pt')));
    const sd = model.state_dict();
    for (const [k, e] of Object.entries(J.batchnorm.state_dict)) expectSame(k, sd[k], e);
    expect(sd['1.num_batches_tracked'].dtype).toBe(torch.int64);
    model.eval();
    expectClose('y', torch.no_grad(() => model(decode(J.batchnorm.x))), J.batchnorm.y, 1e-6);
    expect(sha(saved(model.state_dict(), 'batchnorm.pt'))).toBe(J.files['batchnorm.pt']);
  });

  it('lazy modules before their first forward: uninitialized parameters and buffers, as PyTorch pickles them', () => {
    const sd = lazyModel().state_dict();
    expect(Object.keys(sd)).toEqual(J.lazy.keys);
    expect(sha(saved(sd, 'lazy.pt'))).toBe(J.files['lazy.pt']);
    const loaded = torch.load(fixture('lazy.pt'));
    expect(Object.keys(loaded)).toEqual(J.lazy.keys);
    expect(Object.values(loaded).map((v) => (v as object).constructor.name)).toEqual(J.lazy.types);
    expect((loaded['0.weight'] as Tensor).requires_grad).toBe(true);
    expect((loaded['2.running_mean'] as Tensor).requires_grad).toBe(false);
    const fresh = lazyModel();
    expect(String(fresh.load_state_dict(loaded))).toBe(J.lazy.load);
    expect(String(fresh)).toBe(J.lazy.repr);
    // still lazy: the first forward materializes the parameters
    const y = fresh.forward(torch.ones(4, 5)) as Tensor;
    expect([...y.shape]).toEqual([4, 3]);
    expect([...(fresh.state_dict()['0.weight'] as Tensor).shape]).toEqual([3, 5]);
  });

  it('every fixture loaded and saved again is the same file', () => {
    for (const name of ['tutorial.pt', 'batchnorm.pt', 'misc.pt', 'tensors.pt', 'containers.pt']) {
      expect(sha(saved(torch.load(fixture(name)), name)), name).toBe(J.files[name]);
    }
  });
});

describe('a checkpoint: epoch, model, Adam, loss', () => {
  it("loads PyTorch's checkpoint into tocha's Adam, which steps to PyTorch's next numbers", () => {
    const ck = torch.load(fixture('checkpoint.pt'));
    expect(ck.epoch).toBe(J.checkpoint.epoch);
    expect(ck.loss).toBe(J.checkpoint.loss);
    expect(Object.keys(ck.optimizer_state_dict.state)).toEqual(['0', '1', '2', '3']);
    expect(ck.optimizer_state_dict.param_groups[0]).toMatchObject({ lr: 0.01, betas: [0.9, 0.999], params: [0, 1, 2, 3] });
    expect(Object.isFrozen(ck.optimizer_state_dict.param_groups[0].betas)).toBe(true);   // a tuple
    const net = new Net();
    net.load_state_dict(ck.model_state_dict);
    const opt = new optim.Adam(net.parameters(), { lr: J.checkpoint.lr });
    opt.load_state_dict(ck.optimizer_state_dict);
    const [x, y] = [decode(J.checkpoint.x), decode(J.checkpoint.y)];
    expect(adamStep(net, opt, x, y)).toBeCloseTo(J.checkpoint.loss4, 6);
    for (const [k, t] of Object.entries(net.state_dict())) expectClose(k, t, J.checkpoint.params4[k]);
    expect(adamStep(net, opt, x, y)).toBeCloseTo(J.checkpoint.loss5, 6);
    for (const [k, t] of Object.entries(net.state_dict())) expectClose(k, t, J.checkpoint.params5[k]);
  });

  it('the files PyTorch verified (its Adam continued from tocha\'s checkpoint) are still what tocha writes', () => {
    const files = tochaFiles();
    expect(sha(files['checkpoint.pt'])).toBe(J.tocha.files['checkpoint.pt']);
    for (const name of ['tutorial.pt', 'misc.pt', 'tensors.pt']) expect(sha(files[name]), name).toBe(J.files[name]);
  });

});

describe('tensors and Python values', () => {
  const t = torch.load(fixture('tensors.pt'));

  it('views keep one storage, offsets and strides; bool, int64, 0-d, empty', () => {
    for (const [k, e] of Object.entries(J.tensors)) {
      expectSame(k, t[k], e);
      expect(t[k]._offset, `${k} offset`).toBe(J.tensors_views[k].offset);
      expect(t[k]._strides, `${k} stride`).toEqual(J.tensors_views[k].stride);
    }
    for (const k of ['xt', 'row', 'col']) expect(t[k]._storage, k).toBe(t.x._storage);
    expect(t.same).toBe(t.x);
    t.x.index_put_([torch.tensor([1]), torch.tensor([2])], 100);   // a view sees its base change, as in PyTorch
    expect(t.col.tolist()).toEqual([2, 100, 10]);
  });

  it('nn.Parameter, requires_grad, numbers, strings, None, booleans, tuples (frozen arrays), dtypes, torch.Size', () => {
    expect(t.p).toBeInstanceOf(nn.Parameter);
    expect(t.p.requires_grad).toBe(true);
    expect(t.frozen).toBeInstanceOf(nn.Parameter);
    expect(t.frozen.requires_grad).toBe(false);
    expect(t.rg).not.toBeInstanceOf(nn.Parameter);
    expect(t.rg.requires_grad && t.rg.is_leaf).toBe(true);
    expect(t.n).toEqual({
      int: 7, float: 0.5, str: 'hé ✓', none: null, t: true, f: false, list: [1, 2.5, 'a'], tuple: [1, [2, 3], []],
      big: 2 ** 40, neg: [-1, -129, -(2 ** 31), -(2 ** 31) - 1, -(2 ** 40)], floats: [-0, Infinity, NaN, 1e-300, 1e300],
    });
    expect(Object.is(t.n.floats[0], -0)).toBe(true);
    expect(Object.isFrozen(t.n.tuple) && Object.isFrozen(t.n.tuple[1]) && !Object.isFrozen(t.n.tuple[2])).toBe(true);
    expect(t.dtype).toBe(torch.int64);
    expect(t.size).toBeInstanceOf(torch.Size);
    expect([...t.size]).toEqual([2, 3]);
  });

  it('the same object built in tocha saves to the same bytes', () => {
    expect(sha(saved(tensorsObject(), 'tensors.pt'))).toBe(J.files['tensors.pt']);
  });

  it('containers: batches of 1000, memo past 255, int keys, keys JavaScript would reorder (a Map)', () => {
    const c = torch.load(fixture('containers.pt'));
    expect(Object.keys(c.d1000)).toHaveLength(1000);
    expect(c.l1001).toHaveLength(1001);
    expect(Object.keys(c.od)).toHaveLength(1001);
    expect(c.lists).toHaveLength(300);
    expect(c.intkeys).toEqual({ 0: 'a', 1: 'b' });
    expect(c.reordered).toBeInstanceOf(Map);
    expect([...c.reordered]).toEqual([[2, 'x'], [1, 'y'], ['z', 0]]);
    expect(c.empty).toEqual([{}, [], [], {}]);
  });

  it('dtypes tocha lacks load as float32 (float64, float16, bfloat16) and int64 (int32, int16, int8, uint8)', () => {
    const d = torch.load(fixture('dtypes.pt'));
    for (const [k, e] of Object.entries(J.dtypes)) expectSame(k, d[k], e);
  });

  it('records of newer PyTorch (byteorder, .data/version, serialization_id), and big-endian data', () => {
    for (const name of ['newer.pt', 'bigendian.pt']) {
      const sd = torch.load(fixture(name));
      for (const [k, e] of Object.entries(J.tutorial.state_dict)) expectSame(`${name} ${k}`, sd[k], e);
    }
  });

  it('takes a path, a Uint8Array, an ArrayBuffer or a Buffer', () => {
    const bytes = fixture('tutorial.pt');
    const path = join(dir, 'from-path.pt');
    torch.save({ a: torch.ones(2) }, path);
    expect(torch.load(path).a.tolist()).toEqual([1, 1]);
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    for (const f of [bytes, ab, new Uint8Array(ab), Buffer.from(bytes)]) {
      expect(Object.keys(torch.load(f))).toEqual(Object.keys(J.tutorial.state_dict));
    }
    expect(Object.keys(torch.load(bytes, 'cpu', { weights_only: true }))).toHaveLength(5);
    expect(Object.keys(torch.load(bytes, { map_location: new torch.device('cpu') }))).toHaveLength(5);
  });
});

describe('errors', () => {
  const message = (f: () => unknown) => {
    try { f(); } catch (e) { return (e as Error).message; }
    throw new Error('no error');
  };
  const leakFree = (f: () => unknown) => {
    const before = torch.memory_stats();
    const m = message(f);
    const after = torch.memory_stats();
    expect(after.live_tensors, m).toBe(before.live_tensors);
    expect(after.storages, m).toBe(before.storages);
    return m;
  };

  it('a pickled model class: the global named, as weights_only=True', () => {
    const m = leakFree(() => torch.load(fixture('module.pt')));
    expect(m).toContain(J.errors.module.slice(J.errors.module.indexOf('WeightsUnpickler error')));
    expect(m).toMatch(/^torch\.load: Weights only load failed/);
    expect(m).toContain('torch.save(model.state_dict(), PATH)');
  });

  it('legacy files, dtypes tocha lacks, int64 beyond 32 bits', () => {
    expect(message(() => torch.load(fixture('legacy.pt')))).toMatch(/legacy format .*PyTorch 1\.6/);
    expect(leakFree(() => torch.load(fixture('complex.pt')))).toMatch(/torch\.ComplexFloatStorage.*complex/);
    expect(() => torch.load(fixture('int64-range.pt'))).toThrow(RangeError);
    expect(leakFree(() => torch.load(fixture('int64-range.pt')))).toMatch(
      /int64-range\/data\/0 holds the int64 value 1099511627776, out of tocha's int64 range/);
  });

  it('truncated, damaged, empty or not a torch.save file: an error, never tensors', () => {
    const bytes = fixture('tutorial.pt');
    for (const n of [bytes.length - 1, bytes.length - 30, 2000, 100, 4]) {
      expect(leakFree(() => torch.load(bytes.subarray(0, n))), `${n} bytes`).toMatch(/^torch\.load: the file is truncated/);
    }
    const flipped = new Uint8Array(bytes);
    flipped[readZip(flipped, 'test')!.get('tutorial/data/0')!.data.byteOffset + 100] ^= 1;   // inside a tensor's data
    expect(leakFree(() => torch.load(flipped))).toMatch(/record tutorial\/data\/\d is damaged \(its CRC-32 does not match\)/);
    expect(message(() => torch.load(new Uint8Array(0)))).toBe('torch.load: the file is empty');
    expect(message(() => torch.load(new TextEncoder().encode('{"a": 1}')))).toBe(
      'torch.load: not a file written by torch.save (a zip archive): it starts with 7b 22 61 22 3a 20 31 7d');
    expect(message(() => torch.load(writeZip([['x/other', new Uint8Array(1)]])))).toMatch(/no data\.pkl record/);
    expect(() => torch.load(42 as unknown as Uint8Array)).toThrow('torch.load: f must be a file path, a Uint8Array or an ArrayBuffer, got number');
    expect(() => torch.load(bytes, 'cuda')).toThrow('Torch not compiled with CUDA enabled');
    expect(() => torch.load(bytes, { mmap: true, pickle_module: 1 } as never)).toThrow("load() got an unexpected keyword argument 'pickle_module'");
  });

  /** A file whose data.pkl is made by `write` (after PROTO), with records `data` (name → bytes). */
  const file = (write: (w: Pickler) => void, data: Record<string, Uint8Array> = {}) => {
    const w = new Pickler();
    write(w);
    return writeZip([['a/data.pkl', w.bytes()], ...Object.entries(data).map(([k, v]) => [`a/${k}`, v] as [string, Uint8Array])]);
  };
  const tensorPickle = (numel: number, size: number[], offset = 0) => (w: Pickler) => {
    w.global('torch._utils', '_rebuild_tensor_v2');
    w.op(OP.MARK, OP.MARK);
    w.str('storage'); w.global('torch', 'FloatStorage'); w.str('0'); w.str('cpu'); w.int(numel);
    w.op(OP.TUPLE, OP.BINPERSID);
    w.int(offset);
    w.tuple(size, (n) => w.int(n));
    w.tuple(size.map(() => 1), (n) => w.int(n));
    w.op(OP.NEWFALSE);
    w.global('collections', 'OrderedDict');
    w.op(OP.EMPTY_TUPLE, OP.REDUCE, OP.TUPLE, OP.REDUCE);
  };

  it('malformed pickles and tensors outside their storage', () => {
    const f4 = new Uint8Array(8);
    expect(torch.load(file(tensorPickle(2, [2]), { 'data/0': f4 })).tolist()).toEqual([0, 0]);
    expect(leakFree(() => torch.load(file(tensorPickle(2, [3]), { 'data/0': f4 })))).toMatch(/a tensor outside its storage of 2 elements/);
    expect(leakFree(() => torch.load(file(tensorPickle(2, [1], 2), { 'data/0': f4 })))).toMatch(/outside its storage/);
    expect(leakFree(() => torch.load(file(tensorPickle(3, [2]), { 'data/0': f4 })))).toMatch(/record data\/0 has 8 bytes for 3 elements of FloatStorage/);
    expect(leakFree(() => torch.load(file(tensorPickle(2, [2]))))).toMatch(/the archive has no record a\/data\/0/);
    expect(message(() => torch.load(file((w) => w.op(0xff))))).toMatch(/a\/data\.pkl is damaged \(unsupported opcode 0xff at byte 3\)/);
    expect(message(() => torch.load(file((w) => w.op(OP.EMPTY_TUPLE, OP.NONE, OP.APPEND))))).toMatch(/APPEND to a non-list/);
    expect(message(() => torch.load(file((w) => w.op(OP.MARK))))).toMatch(/STOP with an unbalanced stack/);
    expect(message(() => torch.load(file((w) => { w.global('os', 'system'); w.str('echo hi'); w.op(OP.TUPLE1, OP.REDUCE); }))))
      .toContain('WeightsUnpickler error: Unsupported class os.system');
    const cut = file((w) => w.str('abc'));
    expect(message(() => torch.load(writeZip([['a/data.pkl', cut.subarray(0, 0)]])))).toMatch(/the pickle ends early at byte 0/);
  });

  it('torch.save: what it cannot save, named by its place in the object', () => {
    expect(() => torch.save({ a: [1, { f: () => 1 }] })).toThrow(
      'torch.save: cannot save obj["a"][1]["f"] of type Function: tocha saves tensors');
    expect(() => torch.save({ m: new Net() })).toThrow('cannot save obj["m"] of type Net: save its state_dict() instead');
    expect(() => torch.save({}, 3 as unknown as string)).toThrow('torch.save: f must be a file path (a string) or omitted to get the bytes, got number');
    const released = torch.ones(2);
    released.dispose();
    expect(() => torch.save(released)).toThrow(/released by dispose\(\)/);
  });

  it('a path without Node\'s fs (a browser) says to use the bytes', () => {
    const p = (globalThis as { process: { getBuiltinModule?: unknown } }).process;
    const real = p.getBuiltinModule;
    p.getBuiltinModule = undefined;
    try {
      expect(() => torch.save({}, 'model.pt')).toThrow(/torch\.save: a file path needs Node's fs .*call torch\.save\(obj\) with no path: it returns the file's bytes/);
      expect(() => torch.load('model.pt')).toThrow(/torch\.load: a file path needs Node's fs .*pass the file's bytes/);
    } finally {
      p.getBuiltinModule = real;
    }
  });
});

describe('round trips in tocha', () => {
  it('module, optimizer and scheduler state, nested containers, Maps, bigint', () => {
    torch.manual_seed(0);
    const net = new Net();
    const opt = new optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 });
    const sched = new optim.lr_scheduler.StepLR(opt, { step_size: 2 });
    net(torch.randn(2, 4)).sum().backward();
    opt.step();
    sched.step();
    const obj = { net: net.state_dict(), opt: opt.state_dict(), sched: sched.state_dict(), m: new Map<unknown, unknown>([['b', [2]], [1, 'a']]), o: new Map([[1, 'a']]), n: 2n ** 70n };
    const back = torch.load(torch.save(obj));
    // a Map whose keys a plain object would keep, in order, loads as a plain object
    expectTree(back, { ...obj, o: { 1: 'a' }, n: 2 ** 70 });
    expect(Object.getOwnPropertyDescriptor(back.net, '_metadata')).toMatchObject({ enumerable: false });
    expectTree(torch.load(torch.save({ _metadata: 1, a: [] })), { _metadata: 1, a: [] });   // an ordinary key
    const net2 = new Net();
    net2.load_state_dict(back.net);
    expect(torch.equal(net2.out_layer.weight, net.out_layer.weight)).toBe(true);
  });
});
