// Every torch.nn module class tocha exports takes each of PyTorch 1.13's `__init__` parameters by position (in
// PyTorch's order) or by name in a trailing options object, checked against PyTorch itself:
// test/fixtures/nn-signatures.json, written by scripts/gen-nn-signatures.py (inspect.signature of each class, and the
// TypeErrors Python raises for a missing argument, an unknown keyword, a value given twice and too many values).
// For each class: all by position and all by name build the same module (repr, parameters and buffers, their values
// for one seed), omitted arguments are PyTorch's defaults, the bad bindings raise PyTorch's messages, a value of the
// wrong type names the module and the argument, and tocha's constructor types (read with the TypeScript compiler)
// list PyTorch's parameter names: positionally in PyTorch's order, and in the options object.
import { beforeAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import * as torch from '../src/index.js';
import { fixture, messageOf } from './fixture.js';

const nn = torch.nn;
const F = nn.functional;
type Ctor = new (...args: unknown[]) => torch.nn.Module;

interface Param { name: string; kind: 'positional' | 'keyword' | 'var_positional' | 'var_keyword'; required?: boolean; default?: unknown }
interface Entry {
  source: string;
  params: Param[];
  errors: {
    missing_all?: string; missing_last?: string; unknown?: string; doubled?: { name: string; message: string };
    too_many?: { count: number; message: string };
  };
  proj_size_by_name?: string;
}
const fx = fixture('nn-signatures.json') as { torch: string; missing: Record<string, string>; classes: Record<string, Entry> };

// ---------------------------------------------------------------- what is not covered, and why

/** Classes whose parameters are Python's `*args` / `**kwargs` (no names to give): checked by their own tests below. */
const VARIADIC: Record<string, string> = {
  Identity: 'Identity(*args, **kwargs) takes and ignores anything',
  Sequential: 'Sequential(*args): modules by position only (or one dict of modules)',
  Container: 'Container(**kwargs): children by name only',
};

/** PyTorch parameters tocha binds but cannot honour. Each is still accepted as PyTorch accepts it; the tests at the
 *  end check what tocha does instead. */
const NOT_HONOURED: Record<string, string> = {
  device: "tocha computes on the CPU (WebAssembly) only: device 'cpu' (or None) is accepted, any other device is an error",
  dtype: 'tocha makes module parameters as float32 only: torch.float32 (or None) is accepted, any other dtype is an error',
  'Embedding.sparse': 'tocha has no sparse tensors: sparse=True is stored and printed, the gradient is dense',
  'EmbeddingBag.sparse': 'tocha has no sparse tensors: sparse=True is stored, the gradient is dense',
  'SyncBatchNorm.process_group': 'no process groups: stored; forward raises PyTorch\'s error for a CPU tensor (every tocha tensor)',
  'DataParallel.device_ids': 'no GPUs: PyTorch 1.13 returns early without a device (device_ids = [], forward calls the module)',
  'DataParallel.output_device': 'no GPUs: ignored, as by PyTorch 1.13 without a device',
  'DataParallel.dim': 'no GPUs: ignored, as by PyTorch 1.13 without a device',
};

/** Parameters PyTorch itself takes only by position (by name it raises ValueError before binding). */
const POSITION_ONLY: Record<string, string> = {
  'GRU.proj_size': 'GRU.__init__ refuses proj_size in **kwargs (ValueError); by position it reaches RNNBase',
  'RNN.proj_size': 'RNN.__init__ refuses proj_size in **kwargs (ValueError); by position it reaches RNNBase',
};

/** Optional arguments the defaults check gives anyway, the others left out: Transformer's defaults are 44M parameters
 *  (too many to build in a test); FractionalMaxPool needs output_size or output_ratio (PyTorch raises without either). */
const GIVEN_FOR_DEFAULTS: Record<string, string[]> = {
  Transformer: ['d_model', 'nhead', 'num_encoder_layers', 'num_decoder_layers', 'dim_feedforward'],
  FractionalMaxPool2d: ['output_size'], FractionalMaxPool3d: ['output_size'],
};

// ---------------------------------------------------------------- valid values

/** A value made at construction time (after the seed), so both forms draw the same random numbers. */
class Make {
  constructor(readonly make: () => unknown) {}
}
const make = (f: () => unknown) => new Make(f);

/** A valid value of each parameter name (not PyTorch's default where another is valid, so it must get through). */
const VALUES: Record<string, unknown> = {
  _random_samples: null, _weight: null, activation: 'gelu', add_bias_kv: true, add_zero_attn: true, affine: false,
  align_corners: null, alpha: 0.5, approximate: 'tanh', batch_first: true, beta: 0.5, bias: false, bidirectional: true, blank: 1,
  ceil_mode: true, count_include_pad: false, custom_decoder: null, custom_encoder: null, cutoffs: [2, 4], d_model: 8,
  decoder_layer: make(() => new nn.TransformerDecoderLayer(8, 2, 16)), delta: 0.5, device: 'cpu', device_ids: null, dilation: 2, dim: 0,
  dim_feedforward: 16, distance_function: null, div_value: 2, divisor_override: 2, downscale_factor: 2, dropout: 0.2, dtype: torch.float32,
  elementwise_affine: false, embed_dim: 8, embedding_dim: 3, enable_nested_tensor: false,
  encoder_layer: make(() => new nn.TransformerEncoderLayer(8, 2, 16)), end_dim: 2, eps: 1e-3, full: true, groups: 2, head_bias: true,
  hidden_size: 6, ignore_index: 3, in1_features: 2, in2_features: 3, in_channels: 4, in_features: 16, include_last_offset: true, init: 0.1,
  inplace: true, input_size: 3, k: 2, kdim: 5, keepdim: true, kernel_size: 3, label_smoothing: 0.1, lambd: 0.3, layer_norm_eps: 1e-3,
  log_input: false, log_target: true, lower: 0.1, margin: 0.5, mask_check: false, max_norm: 1.5, max_val: 2, max_value: null, min_val: -2,
  min_value: null, mode: 'sum', module: make(() => new nn.Linear(2, 2)), momentum: 0.2, n_classes: 10, negative_slope: 0.2, nhead: 2,
  nonlinearity: 'relu', norm: make(() => new nn.LayerNorm(8)), norm_first: true, norm_type: 1, normalized_shape: [2, 4], num_channels: 4,
  num_chunks: 4, num_decoder_layers: 1, num_embeddings: 10, num_encoder_layers: 1, num_features: 4, num_groups: 2, num_heads: 2,
  num_layers: 2, num_parameters: 3, out_channels: 6, out_features: 4, output_device: null, output_padding: 1, output_ratio: null,
  output_size: 2, p: 0.3, padding: 1, padding_idx: 2, padding_mode: 'reflect', pos_weight: make(() => torch.ones(3)), process_group: null,
  proj_size: 2, recompute_scale_factor: null, reduce: null, reduction: 'sum', return_indices: true, scale_factor: 2,
  scale_grad_by_freq: true, size: 3, size_average: null, sparse: true, start_dim: 0, stride: 2, swap: true, threshold: 10,
  track_running_stats: false, unflattened_size: [2, 2], upper: 0.4, upscale_factor: 2, value: 1.5, vdim: 6,
  weight: make(() => torch.ones(3)), zero_infinity: true,
  modules: null, parameters: null, values: null,
};
/** Where a class needs another value than VALUES' (a constraint between its arguments, or another meaning of the name). */
const OVERRIDES: Record<string, Record<string, unknown>> = {
  ModuleList: { modules: make(() => [new nn.Linear(2, 2), new nn.ReLU()]) },
  ModuleDict: { modules: make(() => ({ enc: new nn.Linear(2, 2), act: new nn.ReLU() })) },
  ParameterList: { values: make(() => [torch.ones(2), torch.zeros(3)]) },
  ParameterDict: { parameters: make(() => ({ w: torch.ones(2), b: torch.zeros(3) })) },
  MultiMarginLoss: { p: 2 }, PairwiseDistance: { p: 1 }, TripletMarginLoss: { p: 1 },
  FractionalMaxPool2d: { kernel_size: 2 }, FractionalMaxPool3d: { kernel_size: 2 },
  Fold: { output_size: [4, 5] },
  ConvTranspose1d: { padding_mode: 'zeros' }, ConvTranspose2d: { padding_mode: 'zeros' }, ConvTranspose3d: { padding_mode: 'zeros' },
  LazyConvTranspose1d: { padding_mode: 'zeros' }, LazyConvTranspose2d: { padding_mode: 'zeros' },
  LazyConvTranspose3d: { padding_mode: 'zeros' },
  RNNBase: { mode: 'GRU', proj_size: 0 }, GRU: { proj_size: 0 }, RNN: { proj_size: 0 },
  Upsample: { mode: 'bilinear', size: null }, UpsamplingNearest2d: { size: null }, UpsamplingBilinear2d: { size: null },
  InstanceNorm1d: { affine: true, track_running_stats: true }, InstanceNorm2d: { affine: true, track_running_stats: true },
  InstanceNorm3d: { affine: true, track_running_stats: true },
};

function valueOf(cls: string, name: string): unknown {
  const o = OVERRIDES[cls];
  if (o && name in o) return o[name];
  if (!(name in VALUES)) throw new Error(`test: no valid value for ${cls}(${name}=...): add one to VALUES`);
  return VALUES[name];
}

/** Make values made now (after the seed), inside a trailing options object too. */
function materialize(args: unknown[]): unknown[] {
  const one = (v: unknown) => (v instanceof Make ? v.make() : v);
  return args.map((a) => (a !== null && typeof a === 'object' && Object.getPrototypeOf(a) === Object.prototype
    ? Object.fromEntries(Object.entries(a as Record<string, unknown>).map(([k, v]) => [k, one(v)])) : one(a)));
}

function build(C: Ctor, args: unknown[], seed = 0): torch.nn.Module {
  torch.manual_seed(seed);
  return new C(...materialize(args));
}

const ctor = (name: string): Ctor => (nn as unknown as Record<string, Ctor>)[name];
const positional = (e: Entry) => e.params.filter((p) => p.kind === 'positional');
const keywordOnly = (e: Entry) => e.params.filter((p) => p.kind === 'keyword');
const required = (e: Entry) => positional(e).filter((p) => p.required);
const byName = (cls: string, e: Entry) => e.params.filter((p) => (p.kind === 'positional' || p.kind === 'keyword') &&
  !POSITION_ONLY[`${cls}.${p.name}`]);

/** Every argument by position (keyword-only ones in a trailing object). */
function allByPosition(cls: string, e: Entry): unknown[] {
  const args: unknown[] = positional(e).map((p) => valueOf(cls, p.name));
  const kw = keywordOnly(e);
  if (kw.length) args.push(Object.fromEntries(kw.map((p) => [p.name, valueOf(cls, p.name)])));
  return args;
}
/** Every argument by name, in one options object. */
function allByName(cls: string, e: Entry): unknown[] {
  return [Object.fromEntries(byName(cls, e).map((p) => [p.name, valueOf(cls, p.name)]))];
}

/** A module as these tests compare it: repr, then each parameter's and buffer's name, shape and values. */
function snapshot(m: torch.nn.Module): unknown {
  const lazy = (x: unknown) => x instanceof nn.UninitializedParameter || x instanceof nn.UninitializedBuffer;
  const t = (x: torch.Tensor | null) => (lazy(x) ? String(x) : x ? { shape: [...x.shape], values: x.detach().reshape([-1]).tolist() }
    : null);
  return {
    repr: String(m),
    parameters: [...m.named_parameters()].map(([k, p]) => [k, t(p)]),
    buffers: [...m.named_buffers()].map(([k, b]) => [k, t(b)]),
  };
}

/** The name PyTorch's TypeErrors give the class (the `__init__` Python runs: _BatchNorm for BatchNorm2d). */
const initOwner = (e: Entry) => e.source.split('.__init__')[0];

// ---------------------------------------------------------------- the classes

describe('the classes checked are every Module class tocha exports', () => {
  it('nn-signatures.json lists them all', () => {
    const exported = Object.keys(nn).filter((k) => {
      const v = (nn as unknown as Record<string, unknown>)[k];
      return typeof v === 'function' && (v === nn.Module || (v as { prototype: unknown }).prototype instanceof nn.Module);
    }).sort();
    expect(exported).toEqual([...Object.keys(fx.classes), ...Object.keys(fx.missing)].sort());
    expect(fx.torch.startsWith('1.13')).toBe(true);
  });
  for (const [name, reason] of Object.entries(fx.missing)) it.skip(`${name}: not in PyTorch ${fx.torch} (${reason})`, () => {});
});

const NAMED = Object.entries(fx.classes).filter(([name]) => !VARIADIC[name]);

describe('all by position and all by name build the same module, with PyTorch\'s defaults', () => {
  for (const [name, e] of NAMED) {
    it(`${name}(${e.params.map((p) => p.name).join(', ')})`, () => {
      const C = ctor(name);
      const pos = build(C, allByPosition(name, e));
      const named = build(C, allByName(name, e));
      expect(snapshot(named)).toEqual(snapshot(pos));
      // each value given is the module's attribute of that name, where it keeps one as given
      for (const p of positional(e)) {
        const v = valueOf(name, p.name);
        const attr = (pos as unknown as Record<string, unknown>)[p.name];
        if (v === null ? attr === null : typeof v !== 'object' && typeof attr === typeof v) expect(attr, p.name).toEqual(v);
      }
      // omitted arguments are PyTorch's defaults: the same module as with them given
      const given = GIVEN_FOR_DEFAULTS[name] ?? [];
      const lead = required(e).map((p) => valueOf(name, p.name));
      const defaults = Object.fromEntries(byName(name, e).filter((p) => !p.required).map((p) => [p.name,
        given.includes(p.name) ? valueOf(name, p.name) : fromPy(p.default)]));
      const omitted = Object.fromEntries(given.map((k) => [k, valueOf(name, k)]));
      expect(snapshot(build(C, [...lead, omitted])), 'defaults').toEqual(snapshot(build(C, [...lead, defaults])));
    });
  }
});

/** A default as the fixture writes it, in tocha: F.relu for {function: 'relu'}. */
function fromPy(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && 'function' in v) return (F as unknown as Record<string, unknown>)[(v as { function: string }).function];
  if (v !== null && typeof v === 'object') throw new Error(`test: no tocha value for the default ${JSON.stringify(v)}`);
  return v;
}

describe('wrong bindings raise PyTorch\'s TypeErrors', () => {
  for (const [name, e] of Object.entries(fx.classes)) {
    const err = e.errors;
    if (!Object.keys(err).length) continue;
    it(`${name}: ${Object.keys(err).join(', ')}`, () => {
      const C = ctor(name);
      const lead = required(e).map((p) => valueOf(name, p.name));
      const make = (args: unknown[]) => () => new C(...materialize(args));
      if (err.missing_all) expect(messageOf(make([])), 'missing_all').toBe(err.missing_all);
      if (err.missing_last) expect(messageOf(make(lead.slice(0, -1))), 'missing_last').toBe(err.missing_last);
      if (err.unknown) expect(messageOf(make([...lead, { foo: 1 }])), 'unknown').toBe(err.unknown);
      if (err.doubled) {
        const first = err.doubled.name;
        const v = valueOf(name, first);
        expect(messageOf(make([...(lead.length ? lead : [v]), { [first]: v }])), 'doubled').toBe(err.doubled.message);
      }
      if (err.too_many) {
        const all = VARIADIC[name] ? [] : positional(e).map((p) => valueOf(name, p.name));
        expect(all.length + 1).toBe(err.too_many.count);
        const msg = messageOf(make([...all, 0]));
        // tocha names the keyword-only parameters after PyTorch's sentence: `... were given (full, eps: keyword-only, ...)`
        if (msg !== err.too_many.message) expect(msg.startsWith(`${err.too_many.message} (`), `too_many: ${msg}`).toBe(true);
        if (msg !== err.too_many.message) expect(keywordOnly(e).length, 'only keyword-only parameters add a hint').toBeGreaterThan(0);
      }
      if (e.proj_size_by_name) {
        expect(messageOf(make([...lead, { proj_size: 0 }]))).toBe(e.proj_size_by_name.replace(/^ValueError: /, ''));
        expect(() => new C(...materialize([...positional(e).map((p) => valueOf(name, p.name))]))).not.toThrow();
      }
    });
  }
});

describe('an argument of the wrong type names the module and the argument', () => {
  for (const [name, e] of NAMED) {
    const nums = required(e).filter((p) => typeof valueOf(name, p.name) === 'number' || Array.isArray(valueOf(name, p.name)));
    if (!nums.length) continue;
    it(`${name}: ${nums.map((p) => p.name).join(', ')}`, () => {
      const C = ctor(name);
      const all = positional(e).map((p) => valueOf(name, p.name));
      for (const p of nums) {
        const i = positional(e).indexOf(p);
        // an object where a number goes (not last, where it would be the options object), and a string
        for (const bad of [{ [p.name]: 3 }, '3']) {
          const args = all.map((v, j) => (j === i ? bad : v));
          if (typeof bad === 'object' && i === args.length - 1) continue;
          const msg = messageOf(() => new C(...materialize(args)));
          expect(msg, `${p.name}=${JSON.stringify(bad)}`).toMatch(new RegExp(`^(${name}|${initOwner(e)})\\b.*'${p.name}'`));
          expect(msg).not.toMatch(/NaN|\[object Object\]|undefined/);
        }
      }
    });
  }
});

// ---------------------------------------------------------------- the variadic ones

describe('the variadic classes', () => {
  it(`Identity: ${VARIADIC.Identity}`, () => {
    expect(String(new nn.Identity(1, 'a', { foo: 1 }))).toBe('Identity()');
  });
  it(`Sequential: ${VARIADIC.Sequential}`, () => {
    const a = build(ctor('Sequential'), [make(() => new nn.Linear(2, 3)), make(() => new nn.ReLU())]);
    const b = build(ctor('Sequential'), [make(() => new Map<string, torch.nn.Module>([['0', new nn.Linear(2, 3)], ['1', new nn.ReLU()]]))]);
    expect(snapshot(b)).toEqual(snapshot(a));
  });
  it(`Container: ${VARIADIC.Container}`, () => {
    const c = new nn.Container({ fc: new nn.Linear(2, 3) });
    expect([...c.named_children()].map(([k]) => k)).toEqual(['fc']);
  });
});

// ---------------------------------------------------------------- what tocha does instead

describe('parameters tocha cannot honour are bound, and do what NOT_HONOURED says', () => {
  it('device: the CPU only', () => {
    expect(String(new nn.Linear(2, 3, { device: 'cpu' }))).toBe('Linear(in_features=2, out_features=3, bias=True)');
    expect(String(new nn.Linear(2, 3, { device: new torch.device('cpu') }))).toBe('Linear(in_features=2, out_features=3, bias=True)');
    expect(() => new nn.Linear(2, 3, true, 'cuda')).toThrow('Torch not compiled with CUDA enabled');
    expect(() => new nn.LSTM(2, 3, { device: 'mps' })).toThrow('PyTorch is not linked with support for mps devices');
    expect(() => new nn.Conv2d(1, 2, 3, { device: 7 as never })).toThrow("Conv2d: argument 'device' must be a device or a string, not 7");
    expect(NOT_HONOURED.device).toContain('CPU');
  });
  it('dtype: float32 only', () => {
    expect(new nn.Linear(2, 3, { dtype: torch.float32 }).weight.dtype).toBe(torch.float32);
    expect(() => new nn.Embedding(4, 2, { dtype: torch.int64 })).toThrow(
      'Embedding: tocha makes module parameters as torch.float32 only (dtype=torch.int64 is not supported)');
    expect(NOT_HONOURED.dtype).toContain('float32');
  });
  it('sparse: stored, the gradient dense', () => {
    const e = new nn.Embedding(4, 2, { sparse: true });
    expect(String(e)).toBe('Embedding(4, 2, sparse=True)');
    e(torch.tensor([1, 2])).sum().backward();
    expect([...e.weight.grad!.shape]).toEqual([4, 2]); // a dense gradient
    expect(new nn.EmbeddingBag(4, 2, { sparse: true }).sparse).toBe(true);
  });
  it('SyncBatchNorm.process_group: stored', () => {
    expect(new nn.SyncBatchNorm(4, { process_group: 'pg' }).process_group).toBe('pg');
  });
  it('DataParallel: device_ids, output_device and dim accepted, no devices used', () => {
    const dp = new nn.DataParallel(new nn.Linear(2, 2), [0, 1], 0, 1);
    expect(dp.device_ids).toEqual([]);
    expect(dp(torch.ones(3, 2)).shape).toEqual([3, 2]);
  });
  it('every entry of NOT_HONOURED and POSITION_ONLY names a PyTorch parameter', () => {
    for (const key of [...Object.keys(NOT_HONOURED), ...Object.keys(POSITION_ONLY)]) {
      const [cls, param] = key.includes('.') ? key.split('.') : [null, key];
      const classes = cls ? [cls] : Object.keys(fx.classes);
      expect(classes.some((c) => fx.classes[c]?.params.some((p) => p.name === param)), key).toBe(true);
    }
  });
});

// ---------------------------------------------------------------- the types

/** One form of a constructor's arguments: each element's label (undefined for an unlabeled one) and type. */
interface Form { labels: (string | undefined)[]; types: ts.Type[] }

describe("tocha's constructor types name PyTorch's parameters", () => {
  let checker: ts.TypeChecker;
  let exports: Map<string, ts.Symbol>;
  let where: ts.SourceFile;
  beforeAll(() => {
    const entry = new URL('../src/nn/index.ts', import.meta.url).pathname;
    const program = ts.createProgram([entry], {
      strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      skipLibCheck: true, noEmit: true, types: [], lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.esnext.disposable.d.ts'],
    });
    checker = program.getTypeChecker();
    where = program.getSourceFile(entry)!;
    const mod = checker.getSymbolAtLocation(where)!;
    exports = new Map(checker.getExportsOfModule(mod).map((s) => [s.name, s]));
  }, 120_000);

  /** The forms a class's constructor takes: its overloads, a rest parameter of tuple types expanded. */
  function forms(name: string): Form[] {
    let sym = exports.get(name)!;
    if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    const out: Form[] = [];
    for (const sig of checker.getTypeOfSymbolAtLocation(sym, where).getConstructSignatures()) {
      const ps = sig.getParameters();
      const last = ps[ps.length - 1];
      const decl = last?.valueDeclaration as ts.ParameterDeclaration | undefined;
      const fixed: Form = { labels: [], types: [] };
      for (const p of decl?.dotDotDotToken ? ps.slice(0, -1) : ps) {
        fixed.labels.push(p.name);
        fixed.types.push(checker.getTypeOfSymbol(p));
      }
      if (!decl?.dotDotDotToken) {
        out.push(fixed);
        continue;
      }
      const rest = checker.getTypeOfSymbol(last);
      for (const t of rest.isUnion() ? rest.types : [rest]) {
        if (!checker.isTupleType(t)) continue;
        const target = (t as ts.TypeReference).target as ts.TupleType;
        const labels = (target.labeledElementDeclarations ?? []).map((d) => (d ? (d.name as ts.Identifier).text : undefined));
        const types = checker.getTypeArguments(t as ts.TypeReference);
        out.push({ labels: [...fixed.labels, ...types.map((_, i) => labels[i])], types: [...fixed.types, ...types] });
      }
    }
    return out;
  }

  /** The property names of an options type (undefined and null removed; of the object member of a union). */
  function keys(t: ts.Type): Map<string, boolean> {
    const objs = (t.isUnion() ? t.types : [t]).filter((x) => x.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection) &&
      !checker.isArrayLikeType(x));
    const out = new Map<string, boolean>();
    for (const o of objs) {
      for (const p of checker.getPropertiesOfType(o)) out.set(p.name, !(p.flags & ts.SymbolFlags.Optional));
    }
    return out;
  }

  for (const [name, e] of NAMED) {
    it(`${name}: by position ${positional(e).map((p) => p.name).join(', ') || '(none)'}; by name ${byName(name, e).map((p) => p.name).join(', ') || '(none)'}`, () => {
      const fs = forms(name);
      expect(fs.length, 'constructor forms').toBeGreaterThan(0);
      // positional: the longest form's labelled elements (the options object is unlabelled, or labelled opts)
      const longest = fs.reduce((a, b) => (b.labels.length > a.labels.length ? b : a));
      const labels = longest.labels.filter((l): l is string => l !== undefined && l !== 'opts');
      expect(labels, 'positional parameters').toEqual(positional(e).map((p) => p.name));
      // by name: the options object that takes the most names (every one, required ones required)
      const candidates = fs.map((f) => f.labels.length && (f.labels[f.labels.length - 1] ?? 'opts') === 'opts'
        ? keys(f.types[f.types.length - 1]) : new Map<string, boolean>());
      const opts = candidates.reduce((a, b) => (b.size > a.size ? b : a));
      const want = byName(name, e);
      expect([...opts.keys()].sort(), 'options object').toEqual(want.map((p) => p.name).sort());
      for (const p of want) expect(opts.get(p.name), `${p.name} required in the options`).toBe(Boolean(p.required));
    });
  }
});
