// torch.nn: Module semantics (registration, state_dict, hooks, printing), layers, init streams and
// losses, compared with PyTorch 1.13 (numbers from /usr/bin/python3 and ../shared/conformance).
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as torch from '../src/index.js';
import { nn, Tensor } from '../src/index.js';

const F = nn.functional;

type EncTensor = { dtype: string; shape: number[]; data: (number | string)[] };
const conformance = JSON.parse(readFileSync(new URL('../../shared/conformance/torch-cases.json', import.meta.url), 'utf8')) as {
  reprs: { id: string; text: string }[];
  rng: Record<string, unknown>[];
  cases: { id: string; call?: string; args?: unknown[]; kwargs?: Record<string, unknown>; out?: unknown;
    grad_out?: EncTensor; grads?: (EncTensor | null)[]; tol?: number }[];
};
const repr = (id: string) => conformance.reprs.find((r) => r.id === id)!.text;

function flat(e: EncTensor): number[] {
  return e.data.map((v) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v)));
}

function expectClose(t: Tensor | null, want: number[] | EncTensor, tol = 1e-5): void {
  expect(t).not.toBeNull();
  const w = Array.isArray(want) ? want : flat(want);
  if (!Array.isArray(want)) expect([...t!.shape]).toEqual(want.shape);
  const got = Array.from(t!.dataSync());
  expect(got.length).toBe(w.length);
  for (let i = 0; i < w.length; i++) {
    if (Number.isNaN(w[i])) expect(got[i]).toBeNaN();
    else expect(Math.abs(got[i] - w[i])).toBeLessThanOrEqual(tol + tol * Math.abs(w[i]));
  }
}

const f32 = (data: number[] | number[][], opts: { requires_grad?: boolean } = {}) =>
  torch.tensor(data, { dtype: torch.float32, ...opts });

class Net extends nn.Module {
  fc = new nn.Linear(4, 3);
  act = new nn.ReLU();
  head = new nn.Linear(3, 2, { bias: false });
  scale = new nn.Parameter(torch.ones(1));
  override name = 'not a module'; // a field named `name` works on the callable module
  override forward(x: Tensor): Tensor {
    return this.head(this.act(this.fc(x))).mul(this.scale);
  }
}

describe('nn.Module', () => {
  it('registers fields in assignment order with dotted names', () => {
    const net = new Net();
    expect([...net.named_parameters()].map(([k]) => k)).toEqual(['scale', 'fc.weight', 'fc.bias', 'head.weight']);
    expect([...net.named_children()].map(([k]) => k)).toEqual(['fc', 'act', 'head']);
    expect([...net.named_modules()].map(([k]) => k)).toEqual(['', 'fc', 'act', 'head']);
    expect([...net.parameters()].length).toBe(4);
    expect(net.name).toBe('not a module');
  });

  it('is callable, typed as forward, with hooks', () => {
    const net = new Net();
    const x = torch.randn(5, 4);
    const y: Tensor = net(x);
    expect([...y.shape]).toEqual([5, 2]);
    expect(net(x).equal(net.forward(x))).toBe(true);
    const seen: string[] = [];
    const h1 = net.register_forward_pre_hook((_m, args) => { seen.push('pre'); return [(args[0] as Tensor).mul(0)]; });
    const h2 = net.register_forward_hook((_m, _a, out) => { seen.push('post'); return (out as Tensor).add(1); });
    const z = net(x) as Tensor;
    expect(seen).toEqual(['pre', 'post']);
    expect(z.allclose(net.head.forward(net.act.forward(net.fc.bias!.unsqueeze(0))).mul(net.scale).add(1).expand(5, 2))).toBe(true);
    h1.remove();
    h2.remove();
    expect(net(x).equal(net.forward(x))).toBe(true);
  });

  it('shares a parameter once, and registers buffers, add_module and register_parameter in order', () => {
    class Tied extends nn.Module {
      a = new nn.Linear(2, 2);
      b: nn.Linear;
      constructor() {
        super();
        this.b = new nn.Linear(2, 2);
        this.b.weight = this.a.weight;
        this.register_buffer('steps', torch.zeros(1));
        this.register_buffer('tmp', torch.zeros(1), false);
        this.add_module('c', new nn.Tanh());
        this.register_parameter('p', new nn.Parameter(torch.zeros(2)));
      }
      override forward(x: Tensor) { return x; }
    }
    const m = new Tied();
    expect([...m.named_parameters()].map(([k]) => k)).toEqual(['p', 'a.weight', 'a.bias', 'b.bias']);
    expect([...m.named_buffers()].map(([k]) => k)).toEqual(['steps', 'tmp']);
    expect(Object.keys(m.state_dict())).toEqual(['p', 'steps', 'a.weight', 'a.bias', 'b.weight', 'b.bias']);
    expect([...m.children()].length).toBe(3);
    expect(() => m.add_module('a.b', new nn.Tanh())).toThrow(`module name can't contain "."`);
  });

  it('rejects a plain tensor assigned over a registered parameter (at the next scan)', () => {
    const fc = new nn.Linear(2, 2);
    expect([...fc.parameters()].length).toBe(2);
    (fc as unknown as { weight: Tensor }).weight = torch.zeros(2, 2);
    expect(() => [...fc.parameters()]).toThrow("cannot assign 'torch.FloatTensor' as parameter 'weight' (torch.nn.Parameter or None expected)");
  });

  it('round-trips state_dict and reports load errors together, in PyTorch words, changing nothing', () => {
    class M extends nn.Module {
      fc = new nn.Linear(4, 2);
      bn = new nn.BatchNorm1d(2);
      override forward(x: Tensor) { return this.bn(this.fc(x)); }
    }
    torch.manual_seed(0);
    const a = new M();
    const b = new M();
    const sd = a.state_dict();
    expect(Object.keys(sd)).toEqual(['fc.weight', 'fc.bias', 'bn.weight', 'bn.bias', 'bn.running_mean', 'bn.running_var', 'bn.num_batches_tracked']);
    expect(sd['bn.num_batches_tracked'].dtype).toBe(torch.int64);
    expect(b.load_state_dict(sd)).toEqual({ missing_keys: [], unexpected_keys: [] });
    expect(b.fc.weight.equal(a.fc.weight)).toBe(true);

    const before = b.fc.weight.clone();
    const bad = { 'fc.weight': torch.zeros(3, 4), extra: torch.zeros(1), 'bn.weight': torch.zeros(2), zz: torch.zeros(1) };
    expect(() => b.load_state_dict(bad)).toThrow(
      'Error(s) in loading state_dict for M:\n\tMissing key(s) in state_dict: "fc.bias", "bn.bias", "bn.running_mean", "bn.running_var". ' +
      '\n\tUnexpected key(s) in state_dict: "extra", "zz". \n\tsize mismatch for fc.weight: copying a param with shape ' +
      'torch.Size([3, 4]) from checkpoint, the shape in current model is torch.Size([2, 4]).');
    expect(b.fc.weight.equal(before)).toBe(true);
    expect(b.bn.weight!.equal(torch.ones(2))).toBe(true);

    expect(b.load_state_dict({ 'fc.weight': torch.zeros(2, 4), extra: torch.zeros(1) }, { strict: false })).toEqual({
      missing_keys: ['fc.bias', 'bn.weight', 'bn.bias', 'bn.running_mean', 'bn.running_var'], unexpected_keys: ['extra'],
    });
    expect(b.fc.weight.equal(torch.zeros(2, 4))).toBe(true);
    expect(() => b.load_state_dict({ 'fc.weight': torch.zeros(3, 4) }, { strict: false })).toThrow(
      'Error(s) in loading state_dict for M:\n\tsize mismatch for fc.weight: copying a param with shape torch.Size([3, 4]) ' +
      'from checkpoint, the shape in current model is torch.Size([2, 4]).');
  });

  it("lists unexpected keys in PyTorch's order: module by module, as load() recurses", () => {
    // a teacher's Sequential into a student's (the knowledge-distillation tutorial's mistake); PyTorch 1.13's messages
    const a = new nn.Sequential(new nn.Conv2d(3, 4, 1), new nn.ReLU(), new nn.Conv2d(4, 4, 1), new nn.ReLU(), new nn.MaxPool2d(2),
      new nn.Conv2d(4, 2, 1));
    const b = new nn.Sequential(new nn.Conv2d(3, 4, 1), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Conv2d(4, 2, 1));
    expect(() => b.load_state_dict(a.state_dict())).toThrow('Error(s) in loading state_dict for Sequential:\n\t' +
      'Missing key(s) in state_dict: "3.weight", "3.bias". \n\tUnexpected key(s) in state_dict: "5.weight", "5.bias", "2.weight", "2.bias". ');
    // a key under one of a module's own entries is never looked at (PyTorch checks the first name only)
    const sd = { ...b.state_dict(), extra: torch.zeros(1), '0.weight.x': torch.zeros(1), '2.bias': torch.zeros(3) };
    expect(b.load_state_dict(sd, { strict: false })).toEqual({ missing_keys: [], unexpected_keys: ['extra', '2.bias'] });
  });

  it('train/eval, requires_grad_, zero_grad, apply', () => {
    const net = new Net();
    expect(net.training).toBe(true);
    net.eval();
    expect([...net.modules()].every((m) => !m.training)).toBe(true);
    net.train();
    expect(net.fc.training).toBe(true);
    net(torch.randn(2, 4)).sum().backward();
    expect(net.fc.weight.grad).not.toBeNull();
    const g = net.fc.weight.grad!;
    net.zero_grad();
    expect(net.fc.weight.grad).toBeNull();
    expect(g._released).toBe(true);
    net.requires_grad_(false);
    expect([...net.parameters()].every((p) => !p.requires_grad)).toBe(true);
    const names: string[] = [];
    net.apply((m) => names.push(m._getName()));
    expect(names).toEqual(['Linear', 'ReLU', 'Linear', 'Net']);
  });

  it('prints as PyTorch (the conformance module reprs)', () => {
    class MyMLP extends nn.Module {
      emb_layer = new nn.Embedding(100, 50);
      hidden_layer = new nn.Linear(50, 20);
      out_layer = new nn.Linear(20, 2);
      dropout_hidden = new nn.Dropout(0.5);
      override forward(x: Tensor) { return x; }
    }
    class Net extends nn.Module {
      in_layer = new nn.Linear(4096, 120);
      out_layer = new nn.Linear(120, 10);
      override forward(x: Tensor) { return x; }
    }
    expect(String(new MyMLP())).toBe(repr('module/mymlp'));
    expect(String(new Net())).toBe(repr('module/net'));
    const nested = new nn.Sequential(new nn.Sequential(new nn.Linear(2, 3), new nn.Sigmoid()),
      new nn.ModuleList([new nn.Tanh(), new nn.Embedding(5, 2, { padding_idx: 0 })]), new nn.LayerNorm(3), new nn.LeakyReLU(0.1));
    expect(String(nested)).toBe(repr('module/nested'));
    const seq = new nn.Sequential(new nn.Conv2d(3, 8, 3, { stride: 2, padding: 1 }), new nn.BatchNorm2d(8), new nn.ReLU(),
      new nn.Dropout(0.25), new nn.Flatten(), new nn.Linear(32, 10, { bias: false }), new nn.LogSoftmax({ dim: 1 }));
    expect(String(seq)).toBe(repr('module/sequential'));
    const { inspect } = require('node:util') as typeof import('node:util');
    expect(inspect(nested)).toBe(repr('module/nested'));
    const p = new nn.Parameter(torch.zeros(2));
    expect(String(p)).toBe('Parameter containing:\ntensor([0., 0.], requires_grad=True)');
  });

  it('layer extra_repr as PyTorch', () => {
    const cases: [nn.Module, string][] = [
      [new nn.Softplus(), 'Softplus(beta=1, threshold=20)'],
      [new nn.Hardtanh(-0.5, 0.5), 'Hardtanh(min_val=-0.5, max_val=0.5)'],
      [new nn.ReLU6(), 'ReLU6()'],
      [new nn.ELU(), 'ELU(alpha=1.0)'],
      [new nn.GELU('tanh'), "GELU(approximate='tanh')"],
      [new nn.Softmax(), 'Softmax(dim=None)'],
      [new nn.Softmax(-1), 'Softmax(dim=-1)'],
      [new nn.Unflatten(1, [2, 5]), 'Unflatten(dim=1, unflattened_size=(2, 5))'],
      [new nn.PReLU(), 'PReLU(num_parameters=1)'],
      [new nn.BatchNorm1d(4, { momentum: null }), 'BatchNorm1d(4, eps=1e-05, momentum=None, affine=True, track_running_stats=True)'],
      [new nn.Threshold(0.1, 20.5), 'Threshold(threshold=0.1, value=20.5)'],
      [new nn.Hardshrink(), 'Hardshrink(0.5)'],
      [new nn.ReLU(true), 'ReLU(inplace=True)'],
      [new nn.Embedding(10, 3, { max_norm: 1 }), 'Embedding(10, 3, max_norm=1.0)'],
      [new nn.Bilinear(2, 3, 4), 'Bilinear(in1_features=2, in2_features=3, out_features=4, bias=True)'],
      [new nn.Identity(), 'Identity()'],
      [new nn.Dropout2d(), 'Dropout2d(p=0.5, inplace=False)'],
      [new nn.CrossEntropyLoss(), 'CrossEntropyLoss()'],
      [new nn.LeakyReLU(0.1), 'LeakyReLU(negative_slope=0.1)'],
      [new nn.Flatten(), 'Flatten(start_dim=1, end_dim=-1)'],
    ];
    for (const [m, s] of cases) expect(String(m)).toBe(s);
  });
});

describe('containers', () => {
  it('Sequential: index, length, iteration, append, slicing', () => {
    const s = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU());
    expect(s.length).toBe(2);
    expect(s[0]).toBeInstanceOf(nn.Linear);
    expect(s.get(-1)).toBeInstanceOf(nn.ReLU);
    s.append(new nn.Linear(3, 1));
    expect([...s].map((m) => m._getName())).toEqual(['Linear', 'ReLU', 'Linear']);
    expect([...s.named_parameters()].map(([k]) => k)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect([...(s(torch.randn(4, 2)) as Tensor).shape]).toEqual([4, 1]);
    expect(s.slice(1).length).toBe(2);
    const named = new nn.Sequential(new Map<string, nn.Module>([['fc', new nn.Linear(1, 1)], ['act', new nn.Tanh()]]));
    expect([...named.named_children()].map(([k]) => k)).toEqual(['fc', 'act']);
  });

  it('ModuleDict keeps insertion order, including integer-like keys', () => {
    const d = new nn.ModuleDict([['b', new nn.Tanh()], ['10', new nn.ReLU()], ['2', new nn.Sigmoid()]]);
    expect(d.keys()).toEqual(['b', '10', '2']);
    expect(d.get('10')).toBeInstanceOf(nn.ReLU);
    expect(String(d)).toBe('ModuleDict(\n  (b): Tanh()\n  (10): ReLU()\n  (2): Sigmoid()\n)');
  });

  it("ModuleDict's missing key is Python's KeyError (PyTorch 1.13: KeyError: 'x', from d['x'] and d.pop('x'))", () => {
    const d = new nn.ModuleDict({ a: new nn.ReLU() });
    for (const f of [() => d.get('x'), () => d.pop('x')]) {
      let err: Error | null = null;
      try { f(); } catch (e) { err = e as Error; }
      expect([err?.name, err?.message]).toEqual(['KeyError', "'x'"]);
    }
  });
});

describe('initialization streams match PyTorch', () => {
  it('Linear(4, 3) and Embedding(5, 2) after manual_seed', () => {
    for (const r of conformance.rng) {
      torch.manual_seed(r.seed as number);
      const lin = new nn.Linear(4, 3);
      const want = r.linear_4_3 as { weight: EncTensor; bias: EncTensor };
      expectClose(lin.weight, want.weight, 0);
      expectClose(lin.bias, want.bias, 0);
      torch.manual_seed(r.seed as number);
      expectClose(new nn.Embedding(5, 2).weight, r.embedding_5_2 as EncTensor, 0);
    }
  });

  it('orthogonal_, trunc_normal_, xavier_normal_, kaiming_normal_', () => {
    torch.manual_seed(3);
    expectClose(nn.init.orthogonal_(torch.empty(3, 5)), [0.7792853116989136, 0.16961179673671722, 0.0863206684589386, -0.595388650894165, 0.044803161174058914, -0.5500748157501221, 0.1391402781009674, 0.4128241240978241, -0.5904833078384399, 0.3987020254135132, -0.026310963556170464, 0.7938726544380188, -0.44755178689956665, 0.15544620156288147, 0.38027340173721313], 1e-5);
    torch.manual_seed(3);
    expectClose(nn.init.orthogonal_(torch.empty(5, 3)), [0.476759672164917, -0.022157182916998863, -0.14268365502357483, -0.36425334215164185, 0.17823763191699982, -0.45182424783706665, 0.20030976831912994, 0.8321151733398438, -0.3939969837665558, 0.5801243782043457, 0.2506047785282135, 0.5045482516288757, -0.5131776928901672, 0.4610009491443634, 0.6047261953353882], 1e-5);
    torch.manual_seed(3);
    expectClose(nn.init.trunc_normal_(torch.empty(4, 6), 0, 0.5), [-1.3139801025390625, -0.6251516938209534, -0.2827658951282501, -0.963540256023407, -0.03560393303632736, -0.7767822742462158, 0.3724743127822876, 0.32737234234809875, 0.11945874989032745, 0.607539713382721, -0.06152414157986641, 0.41986775398254395, -0.5185104012489319, -0.12476547062397003, -0.8026896119117737, -0.05096286162734032, -0.4660821855068207, 0.8183546662330627, 0.5124539136886597, 0.5747680068016052, 0.19036880135536194, -0.3949795961380005, 0.8189395666122437, -1.1263412237167358], 1e-5);
    torch.manual_seed(3);
    expectClose(nn.init.xavier_normal_(torch.empty(4, 6)), [-0.03427636995911598, 0.1609439104795456, -0.3497285544872284, 0.031988173723220825, 0.2973252236843109, -0.1282520443201065, 0.7247323393821716, -0.7140695452690125, 0.18094581365585327, 0.2733815014362335, 0.3400569260120392, -0.01504572294652462, -0.15421952307224274, 0.22076858580112457, -0.03469516709446907, -0.8073835372924805, 0.21694958209991455, 0.09178360551595688, 0.15134969353675842, 0.6049699783325195, 0.16709482669830322, 0.006000031717121601, 0.345997154712677, -0.04885518550872803]);
    torch.manual_seed(3);
    expectClose(nn.init.kaiming_normal_(torch.empty(4, 6), { mode: 'fan_out', nonlinearity: 'relu' }), [-0.054195698350667953, 0.2544746696949005, -0.5529693961143494, 0.05057774484157562, 0.4701124429702759, -0.20278428494930267, 1.145902395248413, -1.1290431022644043, 0.28610044717788696, 0.4322541058063507, 0.5376772284507751, -0.023789377883076668, -0.2438424676656723, 0.34906578063964844, -0.05485787242650986, -1.2765854597091675, 0.34302741289138794, 0.14512261748313904, 0.23930487036705017, 0.9565414786338806, 0.2642001211643219, 0.009486882947385311, 0.5470695495605469, -0.07724682986736298]);
    expect(nn.init.calculate_gain('leaky_relu', 0.2)).toBeCloseTo(1.3867504905630728, 12);
    expect(() => nn.init.calculate_gain('foo' as never)).toThrow('Unsupported nonlinearity foo');
  });

  it('dropout masks match PyTorch for the same seed', () => {
    torch.manual_seed(5);
    const k = 1 / 0.7;
    expectClose(new nn.Dropout(0.3)(torch.ones(2, 5)), [k, k, k, k, k, 0, k, 0, 0, k]);
    torch.manual_seed(5);
    expectClose(new nn.Dropout2d(0.5)(torch.ones(2, 4, 1, 1)), [0, 2, 2, 2, 2, 0, 0, 0]);
    torch.manual_seed(5);
    const a = 1.187943458557129;
    const b = -1.2361598014831543;
    expectClose(new nn.AlphaDropout(0.2)(torch.ones(2, 5)), [a, a, a, a, a, b, a, a, b, a]);
    const d = new nn.Dropout(0.3);
    d.eval();
    const x = torch.randn(3);
    expect(d(x)).toBe(x);
  });
});

describe('layers', () => {
  it("BatchNorm gives PyTorch's bits: ATen's statistics, its fused x·alpha + beta and its running-variance update", () => {
    // PyTorch 1.13 (one thread), after manual_seed(0): introyt's BatchNorm1d example and an (N, C) batch
    torch.manual_seed(0);
    const bn = new nn.BatchNorm1d(4);
    const y = bn(torch.rand(1, 4, 4).mul(20).add(5));
    expect(y.index(0, [null, 2]).flatten().tolist()).toEqual([0.44875994324684143, 1.4250588417053223, -1.0150827169418335,
      -0.8587362170219421, -1.2753322124481201, 0.24183596670627594, -0.42691025137901306, 1.4604068994522095]);
    expect(bn.running_var!.tolist()).toEqual([5.038661479949951, 3.372361660003662, 1.505994439125061, 2.6659512519836426]);
    expect(y.grad_fn!.name()).toBe('NativeBatchNormBackward0');
    const x2 = torch.randn(8, 3).mul(3).add(1);
    const bn2 = new nn.BatchNorm1d(3);
    torch.no_grad(() => { bn2.weight!.uniform_(0.5, 1.5); bn2.bias!.uniform_(-1, 1); });
    expect(bn2(x2).index([null, 2]).flatten().tolist()).toEqual([-2.0743300914764404, -0.4345768988132477, 0.6932511329650879,
      1.2746061086654663, 0.7433518767356873, -0.8193559646606445]);
    bn2.eval();
    const ye = torch.no_grad(() => bn2(x2));
    expect(ye.index([null, 2]).flatten().tolist()).toEqual([-3.3311657905578613, -1.21930992603302, 1.6579076051712036,
      2.607147455215454, 1.5226150751113892, -1.473642349243164]);
    expect(ye.requires_grad).toBe(false);
  });

  it("BatchNorm's gradients are ATen's batch_norm_backward (training and eval), and a second derivative is right", () => {
    // PyTorch 1.13 after manual_seed(0): BatchNorm2d(3), x (4, 3, 5, 5), upstream g
    torch.manual_seed(0);
    const bn = new nn.BatchNorm2d(3);
    const x = torch.randn(4, 3, 5, 5, { requires_grad: true });
    const g = torch.randn(4, 3, 5, 5);
    const y = bn(x);
    expect(y.grad_fn!.next_functions.map((e) => e[0]?.name())).toEqual(['AccumulateGrad', 'AccumulateGrad', 'AccumulateGrad']);
    y.backward(g);
    const close = (got: number[], want: number[]) => got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(4e-6 * Math.max(1, Math.abs(want[i]))));
    close((x.grad!.flatten().tolist() as number[]).slice(0, 4), [0.3674986958503723, 1.1513375043869019, 0.36893752217292786, -1.3570547103881836]);
    close(bn.weight!.grad!.tolist() as number[], [0.5144625902175903, -13.795777320861816, 5.451994895935059]);
    close(bn.bias!.grad!.tolist() as number[], [9.38621997833252, -5.423854827880859, 12.21933364868164]);
    expect(bn.running_mean!.tolist()).toEqual([-0.0028094712179154158, 0.0017247330397367477, 0.00318853254429996]);
    torch.randn(4, 3);   // (the reference drew another input here)
    bn.eval();
    const x3 = torch.randn(2, 3, 2, 2, { requires_grad: true });
    bn(x3).sum().backward();
    close((x3.grad!.flatten().tolist() as number[]).slice(0, 3), [1.008776068687439, 1.008776068687439, 1.008776068687439]);
    close(bn.weight!.grad!.tolist() as number[], [4.264540672302246, -14.816387176513672, 3.1497995853424072]);
    // the second derivative, against finite differences of the first (training mode: mean and variance depend on x)
    const bn1 = new nn.BatchNorm1d(3);
    const inp = torch.randn(5, 3, { requires_grad: true });
    expect(torch.autograd.gradgradcheck((t: torch.Tensor) => bn1(t).pow(2).mul(torch.arange(15).view(5, 3)).sum(), [inp],
      { eps: 1e-2, atol: 5e-2, rtol: 5e-2 })).toBe(true);
  });

  it('BatchNorm1d: cumulative momentum (None), unbiased running var, eval', () => {
    const bn = new nn.BatchNorm1d(3, { momentum: null });
    const x = torch.arange(12, { dtype: torch.float32 }).view(4, 3).pow(1.5);
    bn(x);
    bn(x.mul(2));
    expectClose(bn.running_mean, [17.58490753173828, 22.178638458251953, 27.419647216796875], 1e-5);
    expectClose(bn.running_var, [351.8829345703125, 444.6044616699219, 532.833984375], 1e-5);
    expect(bn.num_batches_tracked!.item()).toBe(2);
    bn.eval();
    expectClose((bn(x) as Tensor).index(0), [-0.9374346137046814, -1.0044102668762207, -1.065329909324646], 1e-5);
    bn.train();
    const before = bn.num_batches_tracked!.item();
    expect(() => bn(torch.randn(1, 3))).toThrow('Expected more than 1 value per channel when training, got input size torch.Size([1, 3])');
    expect(() => bn(torch.randn(2, 3, 4, 5))).toThrow('expected 2D or 3D input (got 4D input)');
    expect(bn.num_batches_tracked!.item()).toBe(before);
  });

  it('Embedding: errors, padding_idx gradient, from_pretrained', () => {
    const e = new nn.Embedding(100, 50);
    expect(() => e(torch.tensor([100]))).toThrow('index out of range in self: index 100 is out of range for Embedding(100, 50)');
    expect(() => e(f32([1]))).toThrow("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead (while checking arguments for embedding)");
    const p = new nn.Embedding(4, 2, { padding_idx: 1 });
    expect(p.weight.index(1).equal(torch.zeros(2))).toBe(true);
    p(torch.tensor([1, 2, 1])).sum().backward();
    expectClose(p.weight.grad, [0, 0, 0, 0, 1, 1, 0, 0]);
    const pre = nn.Embedding.from_pretrained(f32([[1, 2], [3, 4]]));
    expect(pre.weight.requires_grad).toBe(false);
    expectClose(pre(torch.tensor([1])) as Tensor, [3, 4]);
  });

  it('Linear backs onto F.linear; Bilinear matches the definition', () => {
    torch.manual_seed(1);
    const bl = new nn.Bilinear(2, 3, 4);
    const x1 = torch.randn(5, 2);
    const x2 = torch.randn(5, 3);
    const y = bl(x1, x2) as Tensor;
    const w = bl.weight;
    for (const k of [0, 3]) {
      const ref = x1.matmul(w.index(k)).mul(x2).sum(1).add(bl.bias!.index(k));
      expect(y.index(null, k).allclose(ref, { atol: 1e-5 })).toBe(true);
    }
  });

  it('every activation module agrees with its function', () => {
    const x = torch.randn(3, 4);
    const pairs: [nn.Module, (t: Tensor) => Tensor][] = [
      [new nn.ReLU(), F.relu], [new nn.ReLU6(), F.relu6], [new nn.LeakyReLU(0.2), (t) => F.leaky_relu(t, 0.2)],
      [new nn.ELU(0.5), (t) => F.elu(t, 0.5)], [new nn.SELU(), F.selu], [new nn.CELU(2), (t) => F.celu(t, 2)],
      [new nn.GELU(), F.gelu], [new nn.SiLU(), F.silu], [new nn.Mish(), F.mish], [new nn.Sigmoid(), F.sigmoid],
      [new nn.Tanh(), F.tanh], [new nn.Softplus(2, 5), (t) => F.softplus(t, 2, 5)], [new nn.Softsign(), F.softsign],
      [new nn.Hardtanh(-0.5, 0.5), (t) => F.hardtanh(t, -0.5, 0.5)], [new nn.Hardsigmoid(), F.hardsigmoid],
      [new nn.Hardswish(), F.hardswish], [new nn.LogSigmoid(), F.logsigmoid], [new nn.Tanhshrink(), F.tanhshrink],
      [new nn.Softmax(1), (t) => F.softmax(t, 1)], [new nn.LogSoftmax(1), (t) => F.log_softmax(t, 1)],
      [new nn.Softmin(1), (t) => F.softmin(t, 1)],
    ];
    for (const [m, f] of pairs) expect((m(x) as Tensor).equal(f(x))).toBe(true);
    expect(F.softmin(x, 1).allclose(F.softmax(x.neg(), 1))).toBe(true);
    expect(F.softplus(x, { beta: 2, threshold: 5 }).equal(F.softplus(x, 2, 5))).toBe(true);
  });
});

/** Central finite differences of sum(f(x) * g) against autograd, in float32 (loose tolerance). */
function gradcheck(f: (x: Tensor) => Tensor, x0: Tensor, eps = 1e-2, tol = 2e-2): void {
  const x = x0.detach().clone().requires_grad_(true);
  const y = f(x);
  const g = torch.randn(...y.shape);
  y.mul(g).sum().backward();
  const analytic = Array.from(x.grad!.dataSync());
  const base = Array.from(x0.dataSync());
  for (let i = 0; i < base.length; i++) {
    const plus = base.slice();
    const minus = base.slice();
    plus[i] += eps;
    minus[i] -= eps;
    const fp = torch.no_grad(() => Number(f(f32(plus).view(...x0.shape)).mul(g).sum().item()));
    const fm = torch.no_grad(() => Number(f(f32(minus).view(...x0.shape)).mul(g).sum().item()));
    const numeric = (fp - fm) / (2 * eps);
    expect(Math.abs(numeric - analytic[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(numeric)));
  }
}

describe('losses', () => {
  it('grad_fn names and bad input as PyTorch', () => {
    expect(String(new nn.MSELoss()(torch.ones(3, { requires_grad: true }), torch.zeros(3)))).toBe(repr('tensor/grad_fn-mse'));
    const x = torch.randn(4, 3);
    expect(() => F.cross_entropy(x, torch.rand(4, 2))).toThrow('0D or 1D target tensor expected, multi-target not supported');
    expect(() => F.cross_entropy(x, torch.zeros(4, 3, { dtype: torch.int64 }))).toThrow('Expected floating point type for target with class probabilities, got Long');
    expect(() => F.cross_entropy(x, torch.tensor([0, 1, 2, 7]))).toThrow('Target 7 is out of bounds.');
    expect(() => F.cross_entropy(x, torch.tensor([0, 1, 2, 1, 0]))).toThrow('Expected input batch_size (4) to match target batch_size (5).');
    expect(() => F.cross_entropy(torch.randn(2, 3, 4, 5), torch.zeros(2, 4, 4, { dtype: torch.int64 }))).toThrow('size mismatch (got input: [2, 3, 4, 5] , target: [2, 4, 4]');
    expect(() => F.binary_cross_entropy(torch.rand(4, 1), torch.rand(4))).toThrow('Using a target size (torch.Size([4])) that is different to the input size (torch.Size([4, 1])) is deprecated. Please ensure they have the same size.');
    expect(() => F.binary_cross_entropy(torch.rand(4).mul(3), torch.rand(4))).toThrow('all elements of input should be between 0 and 1');
    expect(() => F.binary_cross_entropy_with_logits(torch.rand(4, 1), torch.rand(4))).toThrow('Target size (torch.Size([4])) must be the same as input size (torch.Size([4, 1]))');
    expect(() => F.mse_loss(x, x, { reduction: 'foo' as never })).toThrow('foo is not a valid value for reduction');
    expect(() => F.one_hot(torch.tensor([1, 5]), 3)).toThrow('Class values must be smaller than num_classes.');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    F.mse_loss(torch.rand(4, 1), torch.rand(4));
    expect(warn).toHaveBeenCalledWith('UserWarning: Using a target size (torch.Size([4])) that is different to the input size (torch.Size([4, 1])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.');
    warn.mockRestore();
  });

  it('label smoothing with ignore_index averages over the kept targets', () => {
    const x = f32([[0.1, -0.3, 0.9], [1.2, 0.0, -0.5], [0.3, 0.3, 0.3], [-1.0, 2.0, 0.5]]);
    const t = torch.tensor([0, 1, -100, 2]);
    const mean = F.cross_entropy(x, t, { label_smoothing: 0.2 });
    const none = F.cross_entropy(x, t, { label_smoothing: 0.2, reduction: 'none' });
    expect(Number(mean.item())).toBeCloseTo(Number(none.sum().item()) / 3, 5);
    expect(Number(none.index(2).item())).toBe(0);
  });

  it('every loss class equals its function', () => {
    torch.manual_seed(2);
    const x = torch.randn(6, 5);
    const y = torch.randn(6, 5);
    const cls = torch.randint(0, 5, [6]);
    const pm = torch.sign(torch.randn(6));
    const pairs: [Tensor, Tensor][] = [
      [new nn.L1Loss()(x, y), F.l1_loss(x, y)],
      [new nn.MSELoss({ reduction: 'sum' })(x, y), F.mse_loss(x, y, { reduction: 'sum' })],
      [new nn.CrossEntropyLoss({ label_smoothing: 0.1 })(x, cls), F.cross_entropy(x, cls, { label_smoothing: 0.1 })],
      [new nn.NLLLoss()(x, cls), F.nll_loss(x, cls)],
      [new nn.HuberLoss({ delta: 0.5 })(x, y), F.huber_loss(x, y, { delta: 0.5 })],
      [new nn.SmoothL1Loss({ beta: 0.5 })(x, y), F.smooth_l1_loss(x, y, { beta: 0.5 })],
      [new nn.BCEWithLogitsLoss()(x, torch.rand(6, 5)), torch.tensor(0)],
      [new nn.SoftMarginLoss()(x, torch.sign(y)), F.soft_margin_loss(x, torch.sign(y))],
      [new nn.MultiMarginLoss()(x, cls), F.multi_margin_loss(x, cls)],
      [new nn.CosineEmbeddingLoss()(x, y, pm), F.cosine_embedding_loss(x, y, pm)],
      [new nn.TripletMarginLoss()(x, y, x.flip(0)), F.triplet_margin_loss(x, y, x.flip(0))],
    ];
    for (const [a, b] of pairs.filter((_, i) => i !== 6)) expect(a.equal(b)).toBe(true);
  });

  it("cosine_embedding_loss checks what ATen's checks (1.13) and broadcasts the inputs", () => {
    // PyTorch 1.13's messages and values (torch.manual_seed(0) before each pair of torch.rand)
    const L = new nn.CosineEmbeddingLoss();
    const run = (a: number[], b: number[], t: number[] | null) => {
      torch.manual_seed(0);
      return L(torch.rand(...a), torch.rand(...b), t ? torch.ones(...t) : torch.tensor(1.0));
    };
    expect(() => run([4, 1024], [4, 2048], [4])).toThrow('The size of tensor a (1024) must match the size of tensor b (2048) at non-singleton dimension 1');
    expect(() => run([4, 1024], [4, 1024], [3])).toThrow('The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0');
    expect(() => run([4, 3], [5, 3], [4])).toThrow('The size of tensor a (4) must match the size of tensor b (5) at non-singleton dimension 0');
    expect(run([4, 3], [1, 3], [4]).item()).toBeCloseTo(0.2536994516849518, 6);
    expect(run([3], [3], null).item()).toBeCloseTo(0.4568610191345215, 6);
    expect(() => run([2, 4, 3], [2, 4, 3], [2])).toThrow('1D target tensor expects 2D input tensors, but found inputs with sizes [2, 4, 3] and [2, 4, 3].');
    expect(() => run([4, 3], [4, 3], [4, 1])).toThrow('0D or 1D target tensor expected, multi-target not supported');
    expect(() => run([3], [3], [1])).toThrow('1D target tensor expects 2D input tensors, but found inputs with sizes [3] and [3].');
    expect(() => run([4, 3], [4, 3], null)).toThrow('0D target tensor expects 1D input tensors, but found inputs with sizes [4, 3] and [4, 3].');
  });

  it('composites pass a finite-difference gradcheck', () => {
    torch.manual_seed(4);
    const x = torch.randn(3, 4);
    const y = torch.randn(3, 4);
    gradcheck((t) => F.layer_norm(t, [4]), x);
    gradcheck((t) => F.normalize(t, 2, 1), x);
    gradcheck((t) => F.cosine_similarity(t, y), x);
    gradcheck((t) => F.huber_loss(t, y, { delta: 0.7 }), x);
    const prob = torch.rand(3, 4);
    gradcheck((t) => F.binary_cross_entropy_with_logits(t, prob, null, { pos_weight: f32([1, 2, 3, 4]) }), x);
    gradcheck((t) => F.cross_entropy(t, torch.tensor([0, 3, 1]), { label_smoothing: 0.2 }), x);
    gradcheck((t) => F.kl_div(F.log_softmax(t, 1), F.softmax(y, 1), { reduction: 'batchmean' }), x);
    gradcheck((t) => F.batch_norm(t, null, null, null, null, true), x);
  });
});

describe('nn.functional conformance cases (the runner covers them too)', () => {
  const cases = conformance.cases.filter((c) => c.call?.startsWith('torch.nn.functional.') &&
    !/conv|pool/.test(c.call));
  it('has cases', () => expect(cases.length).toBeGreaterThan(50));
});

describe('nn.functional: one export per function (src/nn/F.ts lists them, so that bundlers drop the unused)', () => {
  it("has every public function of functional.ts and attention.ts, and nothing of functional.ts's helpers", async () => {
    const raw = await import('../src/nn/functional.js');
    const helpers = ['alphaDropoutImpl', 'batchNormCore', 'checkP', 'dropoutImpl', 'embeddingRenorm', 'featureDropoutImpl',
      'legacyReduction', 'named', 'parseArgs', 'rreluCore'];
    const want = [...Object.keys(raw).filter((k) => !helpers.includes(k)), 'multi_head_attention_forward'].sort();
    expect(Object.keys(F).sort()).toEqual(want);
    for (const k of want) expect(typeof (F as Record<string, unknown>)[k], k).toBe('function');
  });

  it('each runs in its own scope and checks its first argument as PyTorch does', () => {
    expect(() => F.relu([1, 2] as unknown as Tensor)).toThrow("relu(): argument 'input' (position 1) must be Tensor, not list");
    expect(() => F.mse_loss(torch.ones(2), [1, 2] as unknown as Tensor)).toThrow("mse_loss(): argument 'target' (position 2) must be Tensor, not list");
    const x = torch.ones(2, 3);
    const before = torch.memory_stats().live_tensors;
    const y = F.normalize(x); // its temporaries (the norms, clamped, expanded: 3 unscoped) are released; the result lives on
    expect(torch.memory_stats().live_tensors).toBe(before + 1);
    expect(y.tolist()).toEqual([[0.5773502588272095, 0.5773502588272095, 0.5773502588272095],
      [0.5773502588272095, 0.5773502588272095, 0.5773502588272095]]); // torch 1.13
  });
});
