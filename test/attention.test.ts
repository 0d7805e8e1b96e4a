// nn.MultiheadAttention, the Transformer layers and stacks and nn.Transformer against PyTorch 1.13:
// test/fixtures/attention.json, written by scripts/gen-attention.py (parameters after manual_seed, inputs,
// masks, outputs, attention weights, every gradient, dropout in training with a seed, eval fast-path
// results, reprs, state_dict keys, an Adam run and error messages all come from PyTorch).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture as readFixture, type EncTensor, decode, expectTensor as expectClose, messageOf } from './fixture.js';

const nn = torch.nn;

/** inf, -inf and nan are written as strings (JSON has no such numbers). */
type Kw = Record<string, number | boolean | string>;
type Params = Record<string, EncTensor>;
type Masks = Record<string, EncTensor>;

const fixture = readFixture('attention.json') as {
  mha: {
    id: string; args: number[]; kwargs: Kw; seed: number; train: boolean; drop_seed: number | null; qkv: 'self' | 'kv' | 'all';
    grad: boolean; repr: string; state_dict: string[]; params: Params; q: EncTensor; k: EncTensor; v: EncTensor; masks: Masks;
    call: Kw; out: EncTensor; weights: EncTensor | null; g?: EncTensor; gw?: EncTensor | null; grad_q?: EncTensor;
    grad_k?: EncTensor; grad_v?: EncTensor; grads?: Params;
  }[];
  transformer: {
    id: string; kind: string; args: number[]; kwargs: Kw; num_layers: number | null; norm: boolean; seed: number; train: boolean;
    drop_seed: number | null; grad: boolean; repr: string; state_dict: string[]; params: Params; src: EncTensor; tgt: EncTensor | null;
    masks: Masks; out: EncTensor; g?: EncTensor; grad_src?: EncTensor; grad_tgt?: EncTensor | null; grads?: Params;
  }[];
  reprs: { ctor: string; args: number[]; kwargs: Kw; repr: string; state_dict: string[]; shapes: number[][] }[];
  square_mask: EncTensor;
  training: { seed: number; drop_seed: number; init: Params; x: EncTensor; pad: EncTensor; y: EncTensor; losses: number[]; final: Params; repr: string };
  errors: Record<string, string>;
  error_types: Record<string, string>;
};

const values = (e: EncTensor): (number | boolean)[] =>
  e.data.map((v) => (typeof v !== 'string' ? v : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : NaN));

/** Bit-exact equality. */
function expectEqual(what: string, got: Tensor, want: EncTensor): void {
  expect([...got.shape], `${what} shape`).toEqual(want.shape);
  expect(got.reshape([-1]).tolist(), what).toEqual(values(want));
}

/** The fixture's keyword arguments, with 'GELU()' as the module. */
function kw(k: Kw): Record<string, unknown> {
  return k.activation === 'GELU()' ? { ...k, activation: new nn.GELU() } : k;
}

function params(m: torch.nn.Module): Record<string, Tensor> {
  return Object.fromEntries(m.named_parameters());
}

function checkParams(m: torch.nn.Module, want: Params): Record<string, Tensor> {
  const ps = params(m);
  expect(Object.keys(ps)).toEqual(Object.keys(want));
  for (const [k, p] of Object.entries(ps)) expectEqual(`param ${k}`, p, want[k]);
  return ps;
}

const masksOf = (m: Masks): Record<string, Tensor> => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, decode(v)]));

describe('MultiheadAttention against PyTorch: seeded parameters, outputs, weights and every gradient', () => {
  for (const c of fixture.mha) {
    it(c.id, () => {
      torch.manual_seed(c.seed);
      const m = new nn.MultiheadAttention(c.args[0], c.args[1], c.kwargs);
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.state_dict())).toEqual(c.state_dict);
      const ps = checkParams(m, c.params);
      m.train(c.train);
      const q = decode(c.q).requires_grad_(c.grad);
      const k = c.qkv === 'self' ? q : decode(c.k).requires_grad_(c.grad);
      const v = c.qkv === 'all' ? decode(c.v).requires_grad_(c.grad) : k;
      if (c.drop_seed !== null) torch.manual_seed(c.drop_seed);
      const run = () => m(q, k, v, { ...masksOf(c.masks), ...c.call });
      const [o, w] = c.grad ? run() : torch.no_grad(run);
      expectClose('output', o, c.out);
      if (c.weights) expectClose('weights', w, c.weights);
      else expect(w).toBeNull();
      if (!c.grad) return;
      let loss = o.mul(decode(c.g!)).sum();
      if (w) loss = loss.add(w.mul(decode(c.gw!)).sum());
      loss.backward();
      expectClose('grad q', q.grad, c.grad_q!);
      if (c.qkv !== 'self') expectClose('grad k', k.grad, c.grad_k!);
      if (c.qkv === 'all') expectClose('grad v', v.grad, c.grad_v!);
      for (const [name, p] of Object.entries(ps)) expectClose(`grad ${name}`, p.grad, c.grads![name]);
      m.dispose();
    });
  }

  it('F.multi_head_attention_forward is the module\'s computation', () => {
    torch.manual_seed(0);
    const m = new nn.MultiheadAttention(4, 2, { add_bias_kv: true });
    const x = torch.randn(3, 2, 4);
    const [a, wa] = torch.no_grad(() => m(x, x, x, { attn_mask: nn.Transformer.generate_square_subsequent_mask(3) }));
    const [b, wb] = torch.no_grad(() => nn.functional.multi_head_attention_forward(x, x, x, 4, 2, m.in_proj_weight, m.in_proj_bias,
      m.bias_k, m.bias_v, false, 0, m.out_proj.weight, m.out_proj.bias, { attn_mask: nn.Transformer.generate_square_subsequent_mask(3) }));
    expect(b.tolist()).toEqual(a.tolist());
    expect(wb!.tolist()).toEqual(wa!.tolist());
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function build(c: (typeof fixture.transformer)[number]): any {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const N = nn as any;
  if (c.kind === 'TransformerEncoder' || c.kind === 'TransformerDecoder') {
    const layer = new N[`${c.kind}Layer`](...c.args, kw(c.kwargs));
    return new N[c.kind](layer, c.num_layers, c.norm ? new nn.LayerNorm(c.args[0]) : null);
  }
  return c.kind === 'Transformer' ? new nn.Transformer(kw(c.kwargs)) : new N[c.kind](...c.args, kw(c.kwargs));
}

describe('Transformer layers, stacks and nn.Transformer against PyTorch', () => {
  for (const c of fixture.transformer) {
    it(c.id, () => {
      torch.manual_seed(c.seed);
      const m = build(c);
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.state_dict())).toEqual(c.state_dict);
      const ps = checkParams(m, c.params);
      m.train(c.train);
      const src = decode(c.src).requires_grad_(c.grad);
      const tgt = c.tgt ? decode(c.tgt).requires_grad_(c.grad) : null;
      if (c.drop_seed !== null) torch.manual_seed(c.drop_seed);
      const dec = c.kind.startsWith('TransformerDecoder');
      const run = (): Tensor => (tgt ? m(dec ? tgt : src, dec ? src : tgt, masksOf(c.masks)) : m(src, masksOf(c.masks)));
      const o = c.grad ? run() : torch.no_grad(run);
      expectClose('output', o, c.out, 1e-4);
      if (!c.grad) return;
      o.mul(decode(c.g!)).sum().backward();
      expectClose('grad src', src.grad, c.grad_src!, 1e-4);
      if (tgt) expectClose('grad tgt', tgt.grad, c.grad_tgt!, 1e-4);
      for (const [name, p] of Object.entries(ps)) expectClose(`grad ${name}`, p.grad, c.grads![name], 1e-4);
      m.dispose();
    });
  }

  it('the stacks hold deep copies: same values, separate parameters', () => {
    const layer = new nn.TransformerEncoderLayer(4, 2, 8);
    const enc = new nn.TransformerEncoder(layer, 2);
    const [a, b] = [...enc.layers] as torch.nn.TransformerEncoderLayer[];
    expect(a.linear1.weight.tolist()).toEqual(layer.linear1.weight.tolist());
    expect(a.linear1.weight).not.toBe(b.linear1.weight);
    torch.no_grad(() => a.linear1.weight.add_(1));
    expect(b.linear1.weight.tolist()).toEqual(layer.linear1.weight.tolist());
    expect(enc.parameters().next().value).toBe(a.self_attn.in_proj_weight);
  });
});

describe('printing, state_dict keys and parameter shapes', () => {
  for (const c of fixture.reprs) {
    it(`${c.ctor} ${JSON.stringify(c.kwargs)}`, () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const N = nn as any;
      const m = c.ctor === 'Transformer' ? new nn.Transformer(kw(c.kwargs)) : new N[c.ctor](...c.args, kw(c.kwargs));
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.state_dict())).toEqual(c.state_dict);
      expect([...m.parameters()].map((p: Tensor) => [...p.shape])).toEqual(c.shapes);
    });
  }
  it('generate_square_subsequent_mask', () => {
    expectEqual('mask', nn.Transformer.generate_square_subsequent_mask(4), fixture.square_mask);
  });
});

class Net extends nn.Module {
  inp = new nn.Linear(3, 8);
  encoder = new nn.TransformerEncoder(new nn.TransformerEncoderLayer(8, 2, 16, 0.1, { batch_first: true }), 2);
  head = new nn.Linear(8, 1);
  override forward(x: Tensor, pad: Tensor): Tensor {
    const h = this.encoder(this.inp(x), { src_key_padding_mask: pad });
    return this.head(h.mean(1)).squeeze(1);
  }
}

describe('training', () => {
  it('6 SGD steps of a Transformer encoder (dropout on) give PyTorch\'s losses and parameters', () => {
    const t = fixture.training;
    torch.manual_seed(t.seed);
    const net = new Net();
    expect(String(net)).toBe(t.repr);
    for (const [k, v] of Object.entries(net.state_dict())) expectEqual(k, v, t.init[k]);
    const opt = new torch.optim.SGD(net.parameters(), { lr: 0.05, momentum: 0.9 });
    const [x, pad, y] = [t.x, t.pad, t.y].map(decode);
    const losses: number[] = [];
    torch.manual_seed(t.drop_seed);
    for (let i = 0; i < t.losses.length; i++) {
      opt.zero_grad();
      const loss = nn.functional.mse_loss(net(x, pad), y);
      loss.backward();
      opt.step();
      losses.push(loss.item() as number);
    }
    losses.forEach((l, i) => expect(Math.abs(l - t.losses[i]), `loss ${i}`).toBeLessThan(1e-4 * (1 + t.losses[i])));
    for (const [k, v] of Object.entries(net.state_dict())) expectClose(k, v, t.final[k], 1e-4);
  });

  it('a training loop over a Transformer leaks no tensors (every temporary of a forward is released)', () => {
    torch.manual_seed(0);
    const model = new nn.Transformer({ d_model: 8, nhead: 2, num_encoder_layers: 2, num_decoder_layers: 1, dim_feedforward: 16 });
    const mha = new nn.MultiheadAttention(8, 2, { kdim: 4, vdim: 4, add_bias_kv: true, add_zero_attn: true, dropout: 0.1 });
    const opt = new torch.optim.Adam([...model.parameters(), ...mha.parameters()], { lr: 0.01 });
    const src = torch.randn(5, 3, 8);
    const tgt = torch.randn(4, 3, 8);
    const kv = torch.randn(6, 3, 4);
    const tgtMask = nn.Transformer.generate_square_subsequent_mask(4);
    const pad = torch.tensor([[false, false, false, false, true], [false, false, false, false, false], [false, false, true, true, true]]);
    const mask = torch.zeros(4, 6);
    const step = () => {
      opt.zero_grad();
      const y = model(src, tgt, { tgt_mask: tgtMask, src_key_padding_mask: pad });
      const [o, w] = mha(y, kv, kv, { attn_mask: mask });
      o.pow(2).mean().add(w!.mean()).backward();
      opt.step();
    };
    for (let i = 0; i < 3; i++) step();
    const before = torch.memory_stats();
    for (let i = 0; i < 10; i++) step();
    expect(torch.memory_stats().live_tensors).toBe(before.live_tensors);
    expect(torch.memory_stats().bytes_in_use).toBe(before.bytes_in_use);
    model.eval();
    torch.no_grad(() => model(src, tgt).sum().item());
    expect(torch.memory_stats().live_tensors).toBe(before.live_tensors);
  });
});

describe('errors as PyTorch words them', () => {
  const r = (...s: number[]) => torch.randn(...s);
  const M = nn.MultiheadAttention;
  const x = r(3, 2, 4);
  const zb = (...s: number[]) => torch.zeros(s, { dtype: torch.bool });
  const cases: Record<string, () => unknown> = {
    'embed_dim not divisible': () => new M(5, 2),
    'unknown kwarg': () => new M(4, 2, { foo: 1 } as object),
    'query 4-D': () => new M(4, 2)(r(1, 3, 2, 4), r(1, 3, 2, 4), r(1, 3, 2, 4)),
    'key 2-D': () => new M(4, 2)(x, r(3, 4), r(3, 4)),
    'unbatched key 3-D': () => new M(4, 2)(r(3, 4), x, r(3, 4)),
    'key_padding_mask 1-D': () => new M(4, 2)(x, x, x, { key_padding_mask: zb(3) }),
    'unbatched key_padding_mask 2-D': () => new M(4, 2)(r(3, 4), r(3, 4), r(3, 4), { key_padding_mask: zb(1, 3) }),
    'attn_mask 1-D': () => new M(4, 2)(x, x, x, { attn_mask: torch.zeros(3) }),
    'unbatched 3-D attn_mask': () => new M(4, 2)(r(3, 4), r(5, 4), r(5, 4), { attn_mask: torch.zeros(4, 3, 5) }),
    '2-D attn_mask shape': () => new M(4, 2)(x, x, x, { attn_mask: torch.zeros(3, 4) }),
    '3-D attn_mask shape': () => new M(4, 2)(x, x, x, { attn_mask: torch.zeros(2, 3, 3) }),
    'attn_mask dtype': () => new M(4, 2)(x, x, x, { attn_mask: torch.zeros([3, 3], { dtype: torch.int64 }) }),
    'key_padding_mask dtype': () => new M(4, 2)(x, x, x, { key_padding_mask: torch.zeros([2, 3], { dtype: torch.int64 }) }),
    'key_padding_mask shape': () => new M(4, 2)(x, x, x, { key_padding_mask: zb(2, 4) }),
    'key value shapes': () => new M(4, 2)(x, r(3, 2, 4), r(5, 2, 4)),
    'embedding dim': () => new M(4, 2)(r(3, 2, 6), r(3, 2, 6), r(3, 2, 6)),
    'kdim weights': () => new M(4, 2, { kdim: 3 })(x, r(5, 2, 5), r(5, 2, 4)),
    'kdim sequence dims': () => new M(4, 2, { kdim: 3 })(x, r(5, 2, 3), r(4, 2, 4)),
    'activation': () => new nn.TransformerEncoderLayer(4, 2, { activation: 'tanh' as 'relu' }),
    'layer unknown kwarg': () => new nn.TransformerEncoderLayer(4, 2, { foo: 1 } as object),
    'layer nhead': () => new nn.TransformerDecoderLayer(6, 4),
    'src tgt batch': () => new nn.Transformer(4, 2, 1, 1, 8)(r(3, 2, 4), r(3, 3, 4)),
    'src tgt features': () => new nn.Transformer(4, 2, 1, 1, 8)(r(3, 2, 4), r(3, 2, 5)),
    'encoder padding mask dtype': () => new nn.TransformerEncoder(new nn.TransformerEncoderLayer(4, 2, 8), 1)(
      x, { src_key_padding_mask: torch.zeros([2, 3], { dtype: torch.int64 }) }),
  };
  it('every error of the fixture is reproduced here', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(fixture.errors).sort());
  });
  for (const [id, want] of Object.entries(fixture.errors)) {
    it(id, () => {
      expect(messageOf(cases[id])).toBe(want);
    });
  }
  it("PyTorch's asserts are Errors named AssertionError, its RuntimeErrors and TypeErrors are not", () => {
    const named = (f: () => unknown) => {
      try { f(); } catch (e) { return (e as Error).name; }
      return 'no error';
    };
    for (const [id, type] of Object.entries(fixture.error_types)) {
      const want = type === 'RuntimeError' ? ['Error', 'RangeError'] : [type];
      expect(want, id).toContain(named(cases[id]));
    }
  });
  it('a failing call leaves no temporaries behind (no graph: a graph keeps its saved tensors until backward)', () => {
    const m = new M(4, 2).requires_grad_(false);
    const mask = torch.zeros(3, 4);
    const before = torch.memory_stats().live_tensors;
    messageOf(() => m(x, x, x, { attn_mask: mask }));
    expect(torch.memory_stats().live_tensors).toBe(before);
  });
});
