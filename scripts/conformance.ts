// The conformance runner: runs every case of a ../shared/conformance file against tocha.
//   npm run conformance -- --cases <file> [--json <out>] [--filter <id or call prefix>] [--precision high]
// Prints a line per failing case with its reason, a summary per section, and last
// `N passed, N failed`. A case whose call tocha lacks counts as failed, never skipped.
import { readFileSync, writeFileSync } from 'node:fs';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';

// ---------------------------------------------------------------- the file format

export interface EncTensor { dtype: 'float32' | 'int64' | 'bool'; shape: number[]; data: (number | boolean | string)[] }
type Enc = EncTensor | number | boolean | string | null | Enc[] | { [k: string]: Enc };

export interface Case {
  id: string;
  call?: string;
  args?: Enc[];
  kwargs?: Record<string, Enc>;
  out?: Enc;
  grad_out?: EncTensor;
  grads?: Enc[];
  mutated?: Record<string, EncTensor>;
  tol?: number;
  [k: string]: unknown;
}

export interface CasesFile {
  torch_version: string;
  seed: number;
  cases: Case[];
  reprs: { id: string; text: string }[];
  rng: Record<string, unknown>[];
}

export interface Result { ok: boolean; reason: string }

function isEncTensor(v: unknown): v is EncTensor {
  return !!v && typeof v === 'object' && !Array.isArray(v) && 'dtype' in v && 'shape' in v && 'data' in v;
}

function num(v: number | boolean | string): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return Number(v);
}

/** A tocha tensor from the JSON encoding. */
export function decode(e: EncTensor): Tensor {
  const dtype = e.dtype === 'float32' ? torch.float32 : e.dtype === 'int64' ? torch.int64 : torch.bool;
  const flat = e.data.map(num);
  const t = torch.tensor(flat.length ? flat : [], { dtype }).reshape(e.shape);
  return t;
}

function decodeArg(a: Enc): unknown {
  if (isEncTensor(a)) return decode(a);
  if (Array.isArray(a)) return a.map(decodeArg);
  if (a && typeof a === 'object') return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, decodeArg(v as Enc)]));
  return a;
}

// ---------------------------------------------------------------- comparison

function close(actual: number, expected: number, tol: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= tol + tol * Math.abs(expected);
}

/** Returns null when equal within tol, else a reason. */
export function compareTensor(what: string, actual: unknown, expected: EncTensor, tol: number): string | null {
  if (!(actual instanceof torch.Tensor)) return `${what}: expected a tensor, got ${describe(actual)}`;
  const shape = [...actual.shape];
  if (shape.join() !== expected.shape.join()) return `${what}: shape [${shape}] != expected [${expected.shape}]`;
  const wantDtype = expected.dtype;
  if (actual.dtype.name !== wantDtype) return `${what}: dtype ${actual.dtype} != expected torch.${wantDtype}`;
  const vals = actual.numel() ? actual.dataSync() : new Float32Array(0);
  let worst = -1;
  let worstErr = 0;
  for (let i = 0; i < vals.length; i++) {
    const e = num(expected.data[i]);
    const a = vals[i];
    if (!close(a, e, tol)) {
      const err = Math.abs(a - e);
      if (worst < 0 || err > worstErr || Number.isNaN(err)) { worst = i; worstErr = err; }
    }
  }
  if (worst >= 0) {
    return `${what}: element ${worst} is ${vals[worst]}, expected ${num(expected.data[worst])} (tol ${tol})`;
  }
  return null;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `array(${v.length})`;
  return typeof v;
}

function compareOut(actual: unknown, expected: Enc, tol: number, what = 'out'): string | null {
  if (isEncTensor(expected)) return compareTensor(what, actual, expected, tol);
  if (Array.isArray(expected)) {
    const list = actual && typeof (actual as Iterable<unknown>)[Symbol.iterator] === 'function' && !(actual instanceof torch.Tensor)
      ? [...(actual as Iterable<unknown>)] : null;
    if (!list) return `${what}: expected a list of ${expected.length}, got ${describe(actual)}`;
    if (list.length !== expected.length) return `${what}: expected ${expected.length} outputs, got ${list.length}`;
    for (let i = 0; i < expected.length; i++) {
      const r = compareOut(list[i], expected[i], tol, `${what}[${i}]`);
      if (r) return r;
    }
    return null;
  }
  if (typeof expected === 'number') {
    const a = actual instanceof torch.Tensor ? Number(actual.item()) : Number(actual);
    return close(a, expected, tol) ? null : `${what}: ${a} != expected ${expected}`;
  }
  return null;
}

// ---------------------------------------------------------------- resolving calls

/**
 * tocha's positional parameters for calls whose PyTorch keyword arguments are positional in
 * tocha; every other keyword argument goes into the trailing options object.
 */
const POSITIONAL: Record<string, string[]> = {
  'torch.sum': ['input', 'dim'],
  'torch.mean': ['input', 'dim'],
  'torch.prod': ['input', 'dim'],
  'torch.max': ['input', 'dim'],
  'torch.min': ['input', 'dim'],
  'torch.amax': ['input', 'dim'],
  'torch.amin': ['input', 'dim'],
  'torch.argmax': ['input', 'dim'],
  'torch.argmin': ['input', 'dim'],
  'torch.var': ['input', 'dim'],
  'torch.std': ['input', 'dim'],
  'torch.logsumexp': ['input', 'dim'],
  'torch.norm': ['input', 'p', 'dim'],
  'torch.cumsum': ['input', 'dim'],
  'torch.flatten': ['input', 'start_dim', 'end_dim'],
  'torch.cat': ['tensors', 'dim'],
  'torch.stack': ['tensors', 'dim'],
  'torch.clamp': ['input', 'min', 'max'],
  'torch.softmax': ['input', 'dim'],
  'torch.log_softmax': ['input', 'dim'],
  'torch.nn.functional.leaky_relu': ['input', 'negative_slope'],
  'torch.nn.functional.elu': ['input', 'alpha'],
  'torch.nn.functional.celu': ['input', 'alpha'],
  'torch.nn.functional.softplus': ['input', 'beta', 'threshold'],
  'torch.nn.functional.hardtanh': ['input', 'min_val', 'max_val'],
  'torch.nn.functional.dropout': ['input', 'p', 'training'],
  'torch.nn.functional.normalize': ['input', 'p', 'dim'],
  'torch.nn.functional.one_hot': ['tensor', 'num_classes'],
  'torch.nn.functional.layer_norm': ['input', 'normalized_shape', 'weight', 'bias', 'eps'],
  'torch.nn.functional.linear': ['input', 'weight', 'bias'],
  'torch.nn.functional.cosine_similarity': ['x1', 'x2', 'dim', 'eps'],
  'torch.nn.functional.max_pool2d': ['input', 'kernel_size'],
  'torch.nn.functional.avg_pool2d': ['input', 'kernel_size'],
  'torch.nn.functional.adaptive_avg_pool2d': ['input', 'output_size'],
  'torch.nn.functional.conv1d': ['input', 'weight', 'bias'],
  'torch.nn.functional.conv2d': ['input', 'weight', 'bias'],
  'torch.nn.functional.embedding': ['input', 'weight'],
  'torch.nn.functional.batch_norm': ['input', 'running_mean', 'running_var', 'weight', 'bias'],
};

function lookup(path: string): ((...a: unknown[]) => unknown) | null {
  const parts = path.split('.');
  if (parts[0] !== 'torch') return null;
  let obj: unknown = torch;
  for (const p of parts.slice(1)) {
    if (obj === null || obj === undefined) return null;
    obj = (obj as Record<string, unknown>)[p];
  }
  return typeof obj === 'function' ? (obj as (...a: unknown[]) => unknown) : null;
}

/** Builds the JS call for a case: [fn, args]. */
function resolve(c: Case, args: unknown[], kwargs: Record<string, unknown>): [(...a: unknown[]) => unknown, unknown[]] {
  const call = c.call!;
  const a = args.slice();
  const kw = { ...kwargs };
  const pos = POSITIONAL[call];
  if (pos) {
    for (let i = 0; i < pos.length; i++) {
      if (pos[i] in kw) {
        while (a.length < i) a.push(undefined);
        a[i] = kw[pos[i]];
        delete kw[pos[i]];
      }
    }
  }
  if (call === 'torch.Tensor.__getitem__') {
    const index = kwargs.index as (number | null)[][];
    return [(x: unknown) => (x as Tensor).index(...index), [a[0]]];
  }
  if (call.startsWith('torch.Tensor.')) {
    const method = call.slice('torch.Tensor.'.length);
    const self = a[0] as Tensor;
    const m = (self as unknown as Record<string, unknown>)[method];
    if (typeof m !== 'function') throw new Error(`tocha lacks ${call}`);
    const rest = a.slice(1);
    if (Object.keys(kw).length) rest.push(kw);
    return [(...xs: unknown[]) => (m as (...y: unknown[]) => unknown).apply(self, xs), rest];
  }
  const fn = lookup(call);
  if (!fn) throw new Error(`tocha lacks ${call}`);
  if (Object.keys(kw).length) a.push(kw);
  return [fn, a];
}

// ---------------------------------------------------------------- running a case

function setRequiresGrad(arg: unknown, expectedGrad: Enc | undefined): void {
  if (arg instanceof torch.Tensor) {
    if (expectedGrad !== null && expectedGrad !== undefined && arg.is_floating_point()) arg.requires_grad_(true);
  } else if (Array.isArray(arg) && Array.isArray(expectedGrad)) {
    arg.forEach((x, i) => setRequiresGrad(x, expectedGrad[i]));
  }
}

function gradOf(arg: unknown): unknown {
  if (arg instanceof torch.Tensor) return arg.grad;
  if (Array.isArray(arg)) return arg.map(gradOf);
  return null;
}

function runOpCase(c: Case): Result {
  const tol = c.tol ?? 1e-5;
  const args = (c.args ?? []).map(decodeArg);
  const kwargs = Object.fromEntries(Object.entries(c.kwargs ?? {}).map(([k, v]) => [k, decodeArg(v)])) as Record<string, unknown>;
  const differentiable = !!c.grad_out;
  if (differentiable) args.forEach((a, i) => setRequiresGrad(a, c.grads?.[i]));
  const [fn, callArgs] = resolve(c, args, kwargs);
  const out = fn(...callArgs);
  const r = compareOut(out, c.out as Enc, tol);
  if (r) return { ok: false, reason: r };
  if (c.mutated) {
    for (const [k, v] of Object.entries(c.mutated)) {
      const m = compareTensor(`mutated arg ${k}`, args[Number(k)], v, tol);
      if (m) return { ok: false, reason: m };
    }
  }
  if (differentiable) {
    const first = out instanceof torch.Tensor ? out : [...(out as Iterable<Tensor>)][0];
    if (!(first instanceof torch.Tensor) || !first.requires_grad) {
      return { ok: false, reason: 'output does not require grad' };
    }
    first.mul(decode(c.grad_out!)).sum().backward();
    const grads = c.grads ?? [];
    for (let i = 0; i < grads.length; i++) {
      const want = grads[i];
      if (want === null || want === undefined) continue;
      const got = gradOf(args[i]);
      if (Array.isArray(want)) {
        for (let j = 0; j < want.length; j++) {
          if (want[j] === null) continue;
          const m = compareTensor(`grad of arg ${i}[${j}]`, (got as unknown[])[j], want[j] as EncTensor, tol);
          if (m) return { ok: false, reason: m };
        }
      } else {
        const m = compareTensor(`grad of arg ${i}`, got, want as EncTensor, tol);
        if (m) return { ok: false, reason: m };
      }
    }
  }
  return { ok: true, reason: '' };
}

function runOptimCase(c: Case): Result {
  const name = (c.call as string).split('.').pop()!;
  const Opt = (torch.optim as unknown as Record<string, new (p: Tensor[], o: unknown) => { step(): void }>)[name];
  if (typeof Opt !== 'function') throw new Error(`tocha lacks torch.optim.${name}`);
  const tol = c.tol ?? 1e-5;
  const params = (c.params as EncTensor[]).map((p) => decode(p).requires_grad_(true));
  const opt = new Opt(params, c.kwargs);
  const grads = c.grads as unknown as EncTensor[][];
  const traj = c.trajectory as EncTensor[][];
  for (let s = 0; s < grads.length; s++) {
    params.forEach((p, i) => { p.grad = decode(grads[s][i]); });
    opt.step();
    for (let i = 0; i < params.length; i++) {
      const m = compareTensor(`step ${s + 1} param ${i}`, params[i], traj[s][i], tol);
      if (m) return { ok: false, reason: m };
    }
  }
  return { ok: true, reason: '' };
}

function runSchedCase(c: Case): Result {
  const name = (c.call as string).split('.').pop()!;
  const sched = (torch.optim as unknown as { lr_scheduler?: Record<string, unknown> }).lr_scheduler;
  const Sched = sched?.[name] as (new (o: unknown, k: unknown) => { step(m?: number): void }) | undefined;
  if (typeof Sched !== 'function') throw new Error(`tocha lacks torch.optim.lr_scheduler.${name}`);
  const o = c.optimizer as { lr: number; momentum: number };
  const p = torch.zeros([1], { requires_grad: true });
  const SGD = (torch.optim as unknown as Record<string, new (p: Tensor[], o: unknown) => { step(): void; param_groups: { lr: number }[] }>).SGD;
  const opt = new SGD([p], { lr: o.lr, momentum: o.momentum });
  const s = new Sched(opt, c.kwargs);
  const lrs = c.lrs as number[];
  const metrics = c.metrics as number[] | null;
  for (let e = 0; e < lrs.length; e++) {
    const lr = opt.param_groups[0].lr;
    if (!close(lr, lrs[e], 1e-7)) return { ok: false, reason: `epoch ${e}: lr ${lr}, expected ${lrs[e]}` };
    opt.step();
    if (metrics) s.step(metrics[e]);
    else s.step();
  }
  return { ok: true, reason: '' };
}

// ---------------------------------------------------------------- the tutorial's models (gen.py)

type AnyModule = { [k: string]: unknown; forward(...a: unknown[]): Tensor };
type NN = Record<string, unknown> & { Module: new () => object };

function nnOf(): NN {
  const nn = torch.nn as unknown as NN;
  if (typeof nn.Module !== 'function') throw new Error('tocha lacks torch.nn.Module');
  return nn;
}

function makeModels(): Record<string, (...a: number[]) => AnyModule> {
  const nn = nnOf();
  const L = (name: string) => {
    const C = nn[name];
    if (typeof C !== 'function') throw new Error(`tocha lacks torch.nn.${name}`);
    return C as new (...a: unknown[]) => AnyModule;
  };
  const Base = nn.Module as unknown as new () => AnyModule;
  class MyMLP extends Base {
    emb_layer: AnyModule; hidden_layer: AnyModule; out_layer: AnyModule; dropout_hidden: AnyModule;
    constructor(vocab: number, emb: number, hidden: number, classes: number) {
      super();
      this.emb_layer = new (L('Embedding'))(vocab, emb);
      this.hidden_layer = new (L('Linear'))(emb, hidden);
      this.out_layer = new (L('Linear'))(hidden, classes);
      this.dropout_hidden = new (L('Dropout'))(0.5);
    }
    override forward(x: Tensor, opts: { nonlinearity?: string } = {}): Tensor {
      const act = (t: Tensor) => (opts.nonlinearity === 'tanh' ? torch.tanh(t) : torch.sigmoid(t));
      let h = this.emb_layer.forward(x);
      h = act(h);
      h = this.hidden_layer.forward(h);
      h = this.dropout_hidden.forward(h);
      h = act(h);
      h = this.out_layer.forward(h);
      return torch.softmax(h, -1);
    }
  }
  class Net extends Base {
    in_layer: AnyModule; out_layer: AnyModule;
    constructor(features: number, hidden: number, classes: number) {
      super();
      this.in_layer = new (L('Linear'))(features, hidden);
      this.out_layer = new (L('Linear'))(hidden, classes);
    }
    override forward(x: Tensor): Tensor {
      return torch.sigmoid(this.out_layer.forward(torch.relu(this.in_layer.forward(x))));
    }
  }
  const Seq = (...m: AnyModule[]) => new (L('Sequential'))(...m);
  return {
    'tutorial-net': () => new Net(64, 12, 10) as unknown as AnyModule,
    'tutorial-mymlp': () => new MyMLP(100, 50, 20, 2) as unknown as AnyModule,
    'tutorial-mymlp-tanh': () => new MyMLP(30, 8, 6, 3) as unknown as AnyModule,
    'sequential-ce': () => Seq(new (L('Linear'))(10, 16), new (L('Tanh'))(), new (L('Linear'))(16, 4)),
    cnn: () => Seq(new (L('Conv2d'))(1, 4, 3, { padding: 1 }), new (L('ReLU'))(), new (L('MaxPool2d'))(2),
      new (L('Flatten'))(), new (L('Linear'))(4 * 4 * 4, 3)),
    norms: () => Seq(new (L('Linear'))(6, 8), new (L('BatchNorm1d'))(8), new (L('GELU'))(), new (L('LayerNorm'))(8),
      new (L('Linear'))(8, 2)),
    'repr:mymlp': () => new MyMLP(100, 50, 20, 2) as unknown as AnyModule,
    'repr:net': () => new Net(64 * 64, 120, 10) as unknown as AnyModule,
    'repr:sequential': () => Seq(new (L('Conv2d'))(3, 8, 3, { stride: 2, padding: 1 }), new (L('BatchNorm2d'))(8),
      new (L('ReLU'))(), new (L('Dropout'))(0.25), new (L('Flatten'))(), new (L('Linear'))(32, 10, { bias: false }),
      new (L('LogSoftmax'))({ dim: 1 })),
    'repr:nested': () => Seq(Seq(new (L('Linear'))(2, 3), new (L('Sigmoid'))()),
      new (L('ModuleList'))([new (L('Tanh'))(), new (L('Embedding'))(5, 2, { padding_idx: 0 })]),
      new (L('LayerNorm'))(3), new (L('LeakyReLU'))(0.1)),
  };
}

function runModuleCase(c: Case): Result {
  const id = c.id.slice('module/'.length);
  const models = makeModels();
  const make = models[id];
  if (!make) throw new Error(`no model builder for ${c.id}`);
  const nn = nnOf();
  const tol = c.tol ?? 1e-4;
  const m = make() as AnyModule & {
    load_state_dict(sd: Record<string, Tensor>): unknown; eval(): unknown; parameters(): Iterable<Tensor>;
    named_parameters(): Iterable<[string, Tensor]>; state_dict(): Record<string, Tensor>; toString(): string;
  };
  if (String(m) !== c.repr) return { ok: false, reason: `repr differs:\n${String(m)}\n--- expected ---\n${c.repr}` };
  const sd = Object.fromEntries(Object.entries(c.state_dict as Record<string, EncTensor>).map(([k, v]) => [k, decode(v)]));
  m.load_state_dict(sd);
  if (c.id.includes('mymlp')) m.eval();
  const SGD = (torch.optim as unknown as Record<string, new (p: Iterable<Tensor>, o: unknown) => { step(): void; zero_grad(): void }>).SGD;
  if (typeof SGD !== 'function') throw new Error('tocha lacks torch.optim.SGD');
  const lr = c.id === 'module/sequential-ce' ? 0.1 : 0.01;
  const opt = new SGD(m.parameters(), { lr });
  const Loss = nn[c.loss as string] as new () => { forward(a: Tensor, b: Tensor): Tensor };
  if (typeof Loss !== 'function') throw new Error(`tocha lacks torch.nn.${c.loss}`);
  const lossFn = new Loss();
  const input = decode(c.input as EncTensor);
  const target = decode(c.target as EncTensor);
  const steps = c.steps as { output: EncTensor; loss: number; grads: Record<string, EncTensor> }[];
  const fkw = c.forward_kwargs as Record<string, unknown>;
  for (let s = 0; s < steps.length; s++) {
    opt.zero_grad();
    const out = Object.keys(fkw).length ? m.forward(input, fkw) : m.forward(input);
    const r = compareTensor(`step ${s} output`, out, steps[s].output, tol);
    if (r) return { ok: false, reason: r };
    const loss = lossFn.forward(out, target);
    if (!close(Number(loss.item()), steps[s].loss, tol)) {
      return { ok: false, reason: `step ${s} loss ${loss.item()} != ${steps[s].loss}` };
    }
    loss.backward();
    const named = new Map([...m.named_parameters()]);
    for (const [k, g] of Object.entries(steps[s].grads)) {
      const p = named.get(k);
      if (!p) return { ok: false, reason: `no parameter ${k}` };
      const gm = compareTensor(`step ${s} grad ${k}`, p.grad, g, tol);
      if (gm) return { ok: false, reason: gm };
    }
    opt.step();
  }
  const finalSd = m.state_dict();
  for (const [k, v] of Object.entries(c.final_state_dict as Record<string, EncTensor>)) {
    const r = compareTensor(`final ${k}`, finalSd[k], v, tol);
    if (r) return { ok: false, reason: r };
  }
  return { ok: true, reason: '' };
}

// ---------------------------------------------------------------- reprs

/** The printed object of each repr id, built as gen.py builds it. */
function reprObject(id: string, expectedText: string): unknown {
  const f32 = (d: number[] | number, ...rest: never[]) => { void rest; return torch.tensor(d as number[], { dtype: torch.float32 }); };
  const parsed = () => (expectedText.match(/-?\d+\.\d+(e[+-]?\d+)?/g) ?? []).map(Number);
  switch (id) {
    case 'tensor/scalar': return f32(3.5);
    case 'tensor/1d': return f32([0.5136, 0.4990, -0.5216, 1e-4]);
    case 'tensor/2d': return f32(parsed()).reshape([3, 4]);
    case 'tensor/ints': return torch.tensor([[1, 20, 300], [4, 5, 6]]);
    case 'tensor/bool': return torch.tensor([true, false, true]);
    case 'tensor/long-row': return f32(parsed()).reshape([1, 10]);
    case 'tensor/summarized': return torch.arange(2000, { dtype: torch.float32 }).view(40, 50).div(7);
    case 'tensor/sci': return f32([1e-8, 1.0, 12345.678]);
    case 'tensor/integral-floats': return f32([1.0, 2.0, -3.0]);
    case 'tensor/3d': return torch.arange(24, { dtype: torch.float32 }).view(2, 3, 4);
    case 'tensor/empty': return torch.zeros(0, 3);
    case 'tensor/nonfinite': return f32([NaN, Infinity, -Infinity, 1.5]);
    case 'tensor/requires_grad': return torch.ones(2, 2, { requires_grad: true });
    case 'tensor/grad_fn': return torch.sigmoid(torch.zeros(1, 3, { requires_grad: true }));
    case 'tensor/grad_fn-mse': {
      const MSELoss = (torch.nn as unknown as Record<string, new () => { forward(a: Tensor, b: Tensor): Tensor }>).MSELoss;
      if (typeof MSELoss !== 'function') throw new Error('tocha lacks torch.nn.MSELoss');
      return new MSELoss().forward(torch.ones(3, { requires_grad: true }), torch.zeros(3));
    }
    case 'tensor/max-dim': return torch.max(torch.tensor([[0.5136, 0.4990, 0.5776]], { dtype: torch.float32 }).requires_grad_(true).mul(1), -1);
    case 'size': return torch.zeros(120, 4096).size();
  }
  if (id.startsWith('module/')) {
    const make = makeModels()[`repr:${id.slice('module/'.length)}`];
    if (!make) throw new Error(`no builder for ${id}`);
    return make();
  }
  throw new Error(`no builder for repr ${id}`);
}

function runRepr(r: { id: string; text: string }): Result {
  const obj = reprObject(r.id, r.text);
  const text = String(obj);
  if (text !== r.text) return { ok: false, reason: `printed\n${text}\n--- expected ---\n${r.text}` };
  return { ok: true, reason: '' };
}

// ---------------------------------------------------------------- rng

function runRng(rec: Record<string, unknown>): Result {
  const s = rec.seed as number;
  const check = (what: string, t: unknown, e: EncTensor, tol = 1e-6): string | null => compareTensor(`seed ${s} ${what}`, t, e, tol);
  torch.manual_seed(s);
  const seq: [string, () => Tensor][] = [
    ['rand5', () => torch.rand(5)], ['randn3', () => torch.randn(3)], ['randn20', () => torch.randn(20)],
    ['randint', () => torch.randint(0, 10, [6])], ['randperm10', () => torch.randperm(10)],
  ];
  for (const [k, f] of seq) {
    const m = check(k, f(), rec[k] as EncTensor);
    if (m) return { ok: false, reason: m };
  }
  torch.manual_seed(s);
  const m2 = check('rand_2x17', (torch.manual_seed(s), torch.rand(2, 17)), rec.rand_2x17 as EncTensor);
  if (m2) return { ok: false, reason: m2 };
  const nn = torch.nn as unknown as Record<string, new (...a: unknown[]) => Record<string, Tensor>>;
  if (typeof nn.Linear !== 'function') throw new Error('tocha lacks torch.nn.Linear');
  torch.manual_seed(s);
  const lin = new nn.Linear(4, 3);
  const lw = rec.linear_4_3 as { weight: EncTensor; bias: EncTensor };
  const m3 = check('linear_4_3.weight', lin.weight, lw.weight) ?? check('linear_4_3.bias', lin.bias, lw.bias);
  if (m3) return { ok: false, reason: m3 };
  torch.manual_seed(s);
  const emb = new nn.Embedding(5, 2);
  const m4 = check('embedding_5_2', emb.weight, rec.embedding_5_2 as EncTensor);
  if (m4) return { ok: false, reason: m4 };
  return { ok: true, reason: '' };
}

// ---------------------------------------------------------------- the whole file

export interface Outcome { id: string; section: string; ok: boolean; reason: string }

export function sectionOf(id: string): string {
  if (id.startsWith('optim/')) return 'optim';
  if (id.startsWith('sched/')) return 'sched';
  if (id.startsWith('module/')) return 'module';
  return 'ops';
}

function guard(fn: () => Result): Result {
  try {
    return torch.tidy(() => fn());
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e) };
  }
}

export function runFile(file: CasesFile, filter?: string): Outcome[] {
  const out: Outcome[] = [];
  const want = (id: string, call?: string) => !filter || id.startsWith(filter) || (call ?? '').startsWith(filter);
  for (const c of file.cases) {
    if (!want(c.id, c.call)) continue;
    const section = sectionOf(c.id);
    const r = guard(() => section === 'optim' ? runOptimCase(c)
      : section === 'sched' ? runSchedCase(c)
        : section === 'module' ? runModuleCase(c)
          : runOpCase(c));
    out.push({ id: c.id, section, ...r });
  }
  for (const r of file.reprs) {
    const id = `repr/${r.id}`;
    if (!want(id)) continue;
    out.push({ id, section: r.id.startsWith('module/') ? 'repr-module' : 'repr', ...guard(() => runRepr(r)) });
  }
  for (const rec of file.rng) {
    const id = `rng/seed-${rec.seed}`;
    if (!want(id)) continue;
    out.push({ id, section: 'rng', ...guard(() => runRng(rec)) });
  }
  return out;
}

function main(): void {
  const argv = process.argv.slice(2);
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  // --precision high: the same cases with fused multiply-adds in matrix products (README "Faster
  // matrix products"; Node 20 needs relaxed SIMD's V8 flag, set in the npm script).
  const precision = opt('--precision');
  if (precision) {
    torch.set_float32_matmul_precision(precision);
    if (precision !== 'highest' && !torch.backends.wasm.relaxed_simd.is_available()) {
      throw new Error('--precision: this engine has no relaxed SIMD (Node 20: node --experimental-wasm-relaxed-simd)');
    }
  }
  const casesPath = opt('--cases') ?? '../shared/conformance/torch-cases.json';
  const file = JSON.parse(readFileSync(casesPath, 'utf8')) as CasesFile;
  const results = runFile(file, opt('--filter'));
  const sections = new Map<string, [number, number]>();
  for (const r of results) {
    const s = sections.get(r.section) ?? [0, 0];
    s[r.ok ? 0 : 1]++;
    sections.set(r.section, s);
    if (!r.ok) console.log(`FAIL ${r.id}: ${r.reason.split('\n').join('\n     ')}`);
  }
  console.log('');
  for (const [s, [p, f]] of sections) console.log(`${s.padEnd(12)} ${p} passed, ${f} failed`);
  const jsonOut = opt('--json');
  if (jsonOut) {
    writeFileSync(jsonOut, JSON.stringify(Object.fromEntries(results.map((r) => [r.id, { ok: r.ok, reason: r.reason }])), null, 1));
  }
  const passed = results.filter((r) => r.ok).length;
  console.log(`\n${passed} passed, ${results.length - passed} failed`);
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) main();
