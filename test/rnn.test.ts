// nn.RNN / LSTM / GRU, the cells and nn.utils.rnn against PyTorch 1.13: test/fixtures/rnn.json, written by
// scripts/gen-rnn.py (parameters after manual_seed, inputs, outputs, final states, every gradient, reprs,
// state_dict keys, dropout masks in training, an SGD run and error messages all come from PyTorch).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture as readFixture, type EncTensor, decode, expectTensor as expectClose, messageOf } from './fixture.js';

const nn = torch.nn;
const U = nn.utils.rnn;

type Kw = Record<string, number | boolean | string>;
type Params = Record<string, EncTensor>;

const fixture = readFixture('rnn.json') as {
  layers: {
    id: string; ctor: 'RNN' | 'LSTM' | 'GRU'; args: number[]; kwargs: Kw; seed: number; train: boolean; drop_seed: number | null;
    repr: string; state_dict: string[]; params: Params; input: EncTensor; h0: EncTensor | null; c0: EncTensor | null;
    packed: { lengths: number[]; enforce_sorted: boolean } | null; out: EncTensor; h_n: EncTensor; c_n: EncTensor | null;
    g: EncTensor; gh: EncTensor; gc: EncTensor | null; grad_input: EncTensor; grad_h0: EncTensor | null; grad_c0: EncTensor | null;
    grads: Params; batch_sizes?: EncTensor; sorted_indices?: EncTensor | null; unsorted_indices?: EncTensor | null;
    padded?: EncTensor; lengths?: EncTensor;
  }[];
  cells: {
    id: string; ctor: 'RNNCell' | 'LSTMCell' | 'GRUCell'; kwargs: Kw; seed: number; repr: string; state_dict: string[];
    params: Params; input: EncTensor; h0: EncTensor | null; c0: EncTensor | null; h: EncTensor; c: EncTensor | null;
    gh: EncTensor; gc: EncTensor | null; grad_input: EncTensor; grad_h0: EncTensor | null; grad_c0: EncTensor | null; grads: Params;
  }[];
  utils: {
    fn: 'pad_sequence' | 'pack_sequence'; batch_first?: boolean; padding_value?: number; enforce_sorted?: boolean;
    out?: EncTensor; data?: EncTensor; batch_sizes?: EncTensor; sorted_indices?: EncTensor | null;
    unsorted_indices?: EncTensor | null; g?: EncTensor; grads?: EncTensor[]; padded?: EncTensor; lengths?: EncTensor;
    seqs?: EncTensor[];
  }[];
  seqs: EncTensor[];
  training: { seed: number; init: Params; x: EncTensor; y: EncTensor; losses: number[]; final: Params; repr: string };
  reprs: { ctor: string; args: number[]; kwargs: Kw; repr: string; state_dict: string[]; shapes: number[][] }[];
  errors: Record<string, string>;
  nodes: { ctor: 'RNN' | 'LSTM' | 'GRU'; kwargs: Kw; shape: number[]; out: string; out_next: string[]; states: string[] }[];
};

/** Bit-exact equality. */
function expectEqual(what: string, got: Tensor, want: EncTensor): void {
  expect([...got.shape], `${what} shape`).toEqual(want.shape);
  expect(got.reshape([-1]).tolist(), what).toEqual(want.data);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function make(ctor: string, args: number[], kw: Kw): any {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return new (nn as any)[ctor](...args, kw);
}

function params(m: torch.nn.Module): Record<string, Tensor> {
  return Object.fromEntries(m.named_parameters());
}

describe('RNN / LSTM / GRU against PyTorch: seeded parameters, outputs, states and every gradient', () => {
  for (const c of fixture.layers) {
    it(c.id, () => {
      torch.manual_seed(c.seed);
      const m = make(c.ctor, c.args, c.kwargs);
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.state_dict())).toEqual(c.state_dict);
      const ps = params(m);
      expect(Object.keys(ps)).toEqual(Object.keys(c.params));
      for (const [k, p] of Object.entries(ps)) expectEqual(`param ${k}`, p, c.params[k]);
      m.train(c.train);
      const x = decode(c.input).requires_grad_();
      const h0 = c.h0 ? decode(c.h0).requires_grad_() : null;
      const c0 = c.c0 ? decode(c.c0).requires_grad_() : null;
      const lstm = c.ctor === 'LSTM';
      const state = h0 ? (lstm ? [h0, c0] : h0) : null;
      const bf = Boolean(c.kwargs.batch_first);
      const input = c.packed ? U.pack_padded_sequence(x, c.packed.lengths, { batch_first: bf, enforce_sorted: c.packed.enforce_sorted }) : x;
      if (c.drop_seed !== null) torch.manual_seed(c.drop_seed);
      const [o, hn] = m(input, state);
      const [h, cn] = lstm ? hn as Tensor[] : [hn as Tensor, null];
      const od: Tensor = c.packed ? o.data : o;
      expectClose('output', od, c.out);
      expectClose('h_n', h, c.h_n);
      if (lstm) expectClose('c_n', cn, c.c_n!);
      if (c.packed) {
        expectEqual('batch_sizes', o.batch_sizes, c.batch_sizes!);
        if (c.sorted_indices) expectEqual('sorted_indices', o.sorted_indices, c.sorted_indices);
        else expect(o.sorted_indices).toBeNull();
        if (c.unsorted_indices) expectEqual('unsorted_indices', o.unsorted_indices, c.unsorted_indices);
        const [padded, lengths] = U.pad_packed_sequence(o, { batch_first: bf });
        expectClose('padded', padded, c.padded!);
        expectEqual('lengths', lengths, c.lengths!);
      }
      let loss = od.mul(decode(c.g)).sum().add(h.mul(decode(c.gh)).sum());
      if (lstm) loss = loss.add(cn!.mul(decode(c.gc!)).sum());
      loss.backward();
      expectClose('grad input', x.grad, c.grad_input);
      if (h0) expectClose('grad h0', h0.grad, c.grad_h0!);
      if (c0) expectClose('grad c0', c0.grad, c.grad_c0!);
      for (const [k, p] of Object.entries(ps)) expectClose(`grad ${k}`, p.grad, c.grads[k]);
      m.dispose();
    });
  }
});

describe('RNNCell / LSTMCell / GRUCell against PyTorch', () => {
  for (const c of fixture.cells) {
    it(c.id, () => {
      torch.manual_seed(c.seed);
      const m = make(c.ctor, [4, 5], c.kwargs);
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.state_dict())).toEqual(c.state_dict);
      const ps = params(m);
      for (const [k, p] of Object.entries(ps)) expectEqual(`param ${k}`, p, c.params[k]);
      const x = decode(c.input).requires_grad_();
      const h0 = c.h0 ? decode(c.h0).requires_grad_() : null;
      const c0 = c.c0 ? decode(c.c0).requires_grad_() : null;
      const lstm = c.ctor === 'LSTMCell';
      const res = m(x, h0 ? (lstm ? [h0, c0] : h0) : undefined);
      const [h, cn] = lstm ? res as Tensor[] : [res as Tensor, null];
      expectClose('h', h, c.h);
      if (lstm) expectClose('c', cn, c.c!);
      let loss = h.mul(decode(c.gh)).sum();
      if (lstm) loss = loss.add(cn!.mul(decode(c.gc!)).sum());
      loss.backward();
      expectClose('grad input', x.grad, c.grad_input);
      if (h0) expectClose('grad h0', h0.grad, c.grad_h0!);
      if (c0) expectClose('grad c0', c0.grad, c.grad_c0!);
      for (const [k, p] of Object.entries(ps)) expectClose(`grad ${k}`, p.grad, c.grads[k]);
    });
  }
});

describe('nn.utils.rnn against PyTorch', () => {
  for (const c of fixture.utils) {
    it(`${c.fn} ${JSON.stringify({ batch_first: c.batch_first, padding_value: c.padding_value, enforce_sorted: c.enforce_sorted })}`, () => {
      if (c.seqs) {
        const p = U.pack_sequence(c.seqs.map(decode));
        expectEqual('data', p.data, c.data!);
        expectEqual('batch_sizes', p.batch_sizes, c.batch_sizes!);
        expect([p.sorted_indices, p.unsorted_indices]).toEqual([null, null]);
        return;
      }
      const xs = fixture.seqs.map((s) => decode(s).requires_grad_());
      if (c.fn === 'pad_sequence') {
        const out = U.pad_sequence(xs, { batch_first: c.batch_first, padding_value: c.padding_value });
        expectEqual('padded', out, c.out!);
        out.mul(decode(c.g!)).sum().backward();
      } else {
        const p = U.pack_sequence(xs, { enforce_sorted: c.enforce_sorted });
        const [data, batchSizes, sorted, unsorted] = p;
        expectEqual('data', data!, c.data!);
        expectEqual('batch_sizes', batchSizes!, c.batch_sizes!);
        expectEqual('sorted_indices', sorted!, c.sorted_indices!);
        expectEqual('unsorted_indices', unsorted!, c.unsorted_indices!);
        const [padded, lengths] = U.pad_packed_sequence(p, true, 2.5, 7);
        expectEqual('padded', padded, c.padded!);
        expectEqual('lengths', lengths, c.lengths!);
        p.data.mul(decode(c.g!)).sum().backward();
      }
      xs.forEach((x, i) => expectEqual(`grad ${i}`, x.grad!, c.grads![i]));
    });
  }
});

describe('nn.utils.rnn as PyTorch 1.13 prints and types it (chatbot_tutorial\'s pack/pad of word indices)', () => {
  it('keeps the sequences\' dtype (int64, bool; a mix takes the first\'s) and prints a PackedSequence as its namedtuple', () => {
    const ints = [torch.tensor([1, 2, 3]), torch.tensor([4, 5])];
    expect(String(U.pack_sequence(ints)))
      .toBe('PackedSequence(data=tensor([1, 4, 2, 5, 3]), batch_sizes=tensor([2, 2, 1]), sorted_indices=None, unsorted_indices=None)');
    expect(String(U.pad_sequence(ints, { padding_value: -1 }))).toBe('tensor([[ 1,  4],\n        [ 2,  5],\n        [ 3, -1]])');
    expect(String(U.pad_sequence([torch.tensor([true]), torch.tensor([true, true])])))
      .toBe('tensor([[ True,  True],\n        [False,  True]])');
    expect(String(U.pad_sequence([torch.tensor([1, 2]), torch.tensor([4], { dtype: torch.float32 })]))).toBe('tensor([[1, 4],\n        [2, 0]])');
    const packed = U.pack_padded_sequence(torch.tensor([[1, 2], [3, 0]]), [2, 1]);
    expect(String(packed)).toBe('PackedSequence(data=tensor([1, 2, 3]), batch_sizes=tensor([2, 1]), sorted_indices=None, unsorted_indices=None)');
  });

  it('takes lengths as torch.as_tensor(lengths, dtype=torch.int64): 1-D, whole numbers', () => {
    const x = torch.randn(4, 3, 2);
    expect(String(U.pack_padded_sequence(x, torch.tensor([4.5, 3, 2])).batch_sizes)).toBe('tensor([3, 3, 2, 1])');
    expect(() => U.pack_padded_sequence(x, torch.tensor([[4, 3, 2]])))
      .toThrow(new Error("'lengths' argument should be a 1D CPU int64 tensor, but got 2D cpu Long tensor"));
    expect(() => U.pack_padded_sequence(x, torch.tensor(3)))
      .toThrow(new Error("'lengths' argument should be a 1D CPU int64 tensor, but got 0D cpu Long tensor"));
    expect(() => U.pack_padded_sequence(x, [[4, 3, 2]] as unknown as number[]))
      .toThrow(new Error("'lengths' argument should be a 1D CPU int64 tensor, but got 2D cpu Long tensor"));
  });
});

describe('printing, state_dict keys and parameter shapes', () => {
  for (const c of fixture.reprs) {
    it(c.repr, () => {
      const m = make(c.ctor, c.args, c.kwargs);
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.state_dict())).toEqual(c.state_dict);
      expect([...m.parameters()].map((p: Tensor) => [...p.shape])).toEqual(c.shapes);
    });
  }

  it('positional num_layers, flatten_parameters and all_weights as PyTorch', () => {
    const m = new nn.LSTM(3, 4, 2);
    m.flatten_parameters();
    expect(String(m)).toBe('LSTM(3, 4, num_layers=2)');
    expect(m.all_weights.map((ws) => ws.length)).toEqual([4, 4]);
    expect(m.all_weights[1][0]).toBe(m.get_parameter('weight_ih_l1'));
    expect(m.weight_ih_l1).toBe(m.get_parameter('weight_ih_l1'));
    expect([...new nn.GRU(3, 4, { bidirectional: true }).bias_hh_l0_reverse.shape]).toEqual([12]);
  });
});

describe('second order', () => {
  it('create_graph through a GRU layer (its per-step gradients gathered by one node) equals a GRUCell loop', () => {
    torch.manual_seed(3);
    const gru = new nn.GRU(3, 4);
    const cell = new nn.GRUCell(3, 4);
    cell.load_state_dict({ weight_ih: gru.weight_ih_l0, weight_hh: gru.weight_hh_l0, bias_ih: gru.bias_ih_l0, bias_hh: gru.bias_hh_l0 });
    const x = torch.randn(5, 2, 3, { requires_grad: true });
    const second = (f: () => Tensor, w: Tensor): Tensor => {
      const [gx] = torch.autograd.grad(f().pow(2).sum(), x, { create_graph: true });
      return torch.autograd.grad(gx!.pow(2).sum(), w)[0]!;
    };
    const viaLayer = second(() => gru(x)[0], gru.weight_ih_l0);
    const viaCell = second(() => {
      let h: Tensor | undefined;
      const outs = x.unbind(0).map((xt) => (h = cell(xt, h)));
      return torch.stack(outs, 0);
    }, cell.weight_ih);
    const want = viaCell.reshape([-1]).tolist() as number[];
    expect(want.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    (viaLayer.reshape([-1]).tolist() as number[]).forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-5 * (1 + Math.abs(want[i]))));
  });
});

class Net extends nn.Module {
  lstm = new nn.LSTM(3, 8, { num_layers: 2, batch_first: true });
  gru = new nn.GRU(8, 6, { bidirectional: true });
  head = new nn.Linear(12, 1);
  override forward(x: Tensor): Tensor {
    const [y] = this.lstm(x);
    const [, h] = this.gru(y.transpose(0, 1));
    return this.head(torch.cat([h.select(0, 0), h.select(0, 1)], 1)).squeeze(1);
  }
}

describe('training', () => {
  it('8 SGD steps of an LSTM + GRU model on a toy sequence task give PyTorch\'s losses and parameters', () => {
    const t = fixture.training;
    torch.manual_seed(t.seed);
    const net = new Net();
    expect(String(net)).toBe(t.repr);
    for (const [k, v] of Object.entries(net.state_dict())) expectEqual(k, v, t.init[k]);
    const opt = new torch.optim.SGD(net.parameters(), { lr: 0.05, momentum: 0.9 });
    const x = decode(t.x);
    const y = decode(t.y);
    const losses: number[] = [];
    for (let i = 0; i < t.losses.length; i++) {
      opt.zero_grad();
      const loss = nn.functional.mse_loss(net(x), y);
      loss.backward();
      opt.step();
      losses.push(loss.item() as number);
    }
    losses.forEach((l, i) => expect(Math.abs(l - t.losses[i]), `loss ${i}`).toBeLessThan(1e-5 * (1 + t.losses[i])));
    for (const [k, v] of Object.entries(net.state_dict())) expectClose(k, v, t.final[k]);
  });

  it('a training loop over an LSTM and a packed GRU leaks no tensors (every temporary of a forward is released)', () => {
    torch.manual_seed(0);
    const lstm = new nn.LSTM(3, 8, 2, { batch_first: true, dropout: 0.2 });
    const gru = new nn.GRU(3, 5, { bidirectional: true });
    const opt = new torch.optim.Adam([...lstm.parameters(), ...gru.parameters()], { lr: 0.01 });
    const x = torch.randn(4, 6, 3);
    const hc: [Tensor, Tensor] = [torch.zeros(2, 4, 8), torch.zeros(2, 4, 8)];
    const packed = U.pack_padded_sequence(torch.randn(6, 4, 3), [6, 2, 5, 5], { enforce_sorted: false });
    const step = () => {
      opt.zero_grad();
      // Every returned tensor reaches the loss, so backward() spends the whole graph (README "Memory", rule 3).
      const [out, [h, c]] = lstm(x, hc);
      const [pout, hg] = gru(packed);
      out.pow(2).mean().add(h.mean()).add(c.mean()).add(pout.data.mean()).add(hg.pow(2).mean()).backward();
      opt.step();
    };
    for (let i = 0; i < 3; i++) step();
    const before = torch.memory_stats();
    for (let i = 0; i < 20; i++) step();
    expect(torch.memory_stats().live_tensors).toBe(before.live_tensors);
    expect(torch.memory_stats().bytes_in_use).toBe(before.bytes_in_use);
    // Outputs a step drops (h_n of an LSTM whose output is used) are released by the step's scope.
    const net = new Net();
    const sgd = new torch.optim.SGD(net.parameters(), { lr: 0.01 });
    const y = torch.randn(4);
    const tidyStep = () => torch.tidy(() => {
      sgd.zero_grad();
      nn.functional.mse_loss(net(x), y).backward();
      sgd.step();
    });
    tidyStep();
    tidyStep();   // (the loss of the loop above is released at the second backward after its own)
    const mid = torch.memory_stats().live_tensors;
    for (let i = 0; i < 10; i++) tidyStep();
    torch.no_grad(() => net(x).sum().item());
    expect(torch.memory_stats().live_tensors).toBe(mid);
  });
});

describe('errors as PyTorch words them', () => {
  const r = (...s: number[]) => torch.randn(...s);
  const cases: Record<string, () => unknown> = {
    'dropout>1': () => new nn.LSTM(3, 4, { dropout: 1.5 }),
    'dropout<0': () => new nn.GRU(3, 4, { dropout: -0.1 }),
    'proj>=hidden': () => new nn.LSTM(3, 4, { proj_size: 4 }),
    'proj<0': () => new nn.LSTM(3, 4, { proj_size: -1 }),
    'rnn proj': () => new nn.RNN(3, 4, { proj_size: 2 } as object),
    'gru proj': () => new nn.GRU(3, 4, { proj_size: 2 } as object),
    'nonlinearity': () => new nn.RNN(3, 4, { nonlinearity: 'sigmoid' } as object),
    'input size': () => new nn.LSTM(4, 3)(r(5, 2, 6)),
    'input 4-D': () => new nn.RNN(4, 3)(r(2, 3, 4, 4)),
    'input 1-D': () => new nn.GRU(4, 3)(r(4)),
    'hidden size': () => new nn.RNN(4, 3, 2)(r(5, 2, 4), r(1, 2, 3)),
    'hidden batch': () => new nn.GRU(4, 3, { batch_first: true })(r(5, 2, 4), r(1, 2, 3)),
    'batched 2-D hx': () => new nn.RNN(4, 3)(r(5, 2, 4), r(2, 3)),
    'unbatched 3-D hx': () => new nn.GRU(4, 3)(r(5, 4), r(1, 1, 3)),
    'lstm hidden[0]': () => new nn.LSTM(4, 3)(r(5, 2, 4), [r(1, 3, 3), r(1, 2, 3)]),
    'lstm hidden[1]': () => new nn.LSTM(4, 3)(r(5, 2, 4), [r(1, 2, 3), r(2, 2, 3)]),
    'lstm proj hidden[0]': () => new nn.LSTM(4, 3, { proj_size: 2 })(r(5, 2, 4), [r(1, 2, 3), r(1, 2, 3)]),
    'lstm batched 2-D': () => new nn.LSTM(4, 3)(r(5, 2, 4), [r(1, 2, 3), r(2, 3)]),
    'lstm unbatched 3-D': () => new nn.LSTM(4, 3)(r(5, 4), [r(1, 1, 3), r(1, 1, 3)]),
    'packed hidden': () => new nn.GRU(2, 3)(U.pack_sequence([r(3, 2), r(2, 2)]), r(1, 3, 3)),
    'packed input size': () => new nn.GRU(3, 3)(U.pack_sequence([r(3, 2), r(2, 2)])),
    'cell 3-D': () => new nn.RNNCell(4, 3)(r(2, 3, 4)),
    'lstm cell 0-D': () => new nn.LSTMCell(4, 3)(torch.tensor(1.0, { dtype: torch.float32 })),
    'gru cell 3-D': () => new nn.GRUCell(4, 3)(r(2, 3, 4)),
    'cell input size': () => new nn.GRUCell(4, 3)(r(2, 5)),
    'cell hx batch': () => new nn.RNNCell(4, 3)(r(2, 4), r(3, 3)),
    'cell hx size': () => new nn.GRUCell(4, 3)(r(2, 4), r(2, 4)),
    'lstm cell c batch': () => new nn.LSTMCell(4, 3)(r(2, 4), [r(2, 3), r(1, 3)]),
    'lstm cell c size': () => new nn.LSTMCell(4, 3)(r(2, 4), [r(2, 3), r(2, 2)]),
    'cell nonlinearity': () => new nn.RNNCell(4, 3, { nonlinearity: 'gelu' } as object)(r(2, 4)),
    'pack unsorted': () => U.pack_padded_sequence(r(5, 3, 2), [3, 5, 1]),
    'pack lengths count': () => U.pack_padded_sequence(r(5, 3, 2), [5, 3]),
    'pack zero length': () => U.pack_padded_sequence(r(5, 3, 2), [5, 3, 0]),
    'pad total_length': () => U.pad_packed_sequence(U.pack_sequence([r(3, 2), r(2, 2)]), { total_length: 2 }),
    'rnn unknown kwarg': () => new nn.RNN(3, 4, { foo: 1 } as object),
    'lstm unknown kwarg': () => new nn.LSTM(3, 4, { num_layers: 2, batchfirst: true } as object),
    'lstm nonlinearity': () => new nn.LSTM(3, 4, { nonlinearity: 'relu' } as object),
    'gru nonlinearity': () => new nn.GRU(3, 4, { nonlinearity: 'tanh' } as object),
    'rnn cell unknown kwarg': () => new nn.RNNCell(3, 4, { foo: 1 } as object),
    'lstm cell nonlinearity': () => new nn.LSTMCell(3, 4, { nonlinearity: 'tanh' } as object),
    'gru cell unknown kwarg': () => new nn.GRUCell(3, 4, { bias: false, foo: 1 } as object),
    'pack_padded_sequence kwarg': () => U.pack_padded_sequence(r(5, 3, 2), [5, 3, 1], { foo: 1 } as object),
    'pad_packed_sequence kwarg': () => U.pad_packed_sequence(U.pack_sequence([r(3, 2), r(2, 2)]), { foo: 1 } as object),
    'pad_sequence kwarg': () => U.pad_sequence([r(3, 2), r(2, 2)], { enforce_sorted: false } as object),
    'pack_sequence kwarg': () => U.pack_sequence([r(3, 2), r(2, 2)], { batch_first: true } as object),
    'long input': () => new nn.LSTM(3, 3)(torch.zeros([2, 1, 3], { dtype: torch.long })),
    'long input, batch_first': () => new nn.LSTM(3, 3, { batch_first: true })(torch.zeros([1, 2, 3], { dtype: torch.long })),
    'long unbatched input': () => new nn.GRU(3, 3)(torch.zeros([2, 3], { dtype: torch.long })),
  };
  it('an unknown keyword is a TypeError, as in PyTorch; device and dtype are taken', () => {
    expect(cases['rnn unknown kwarg']).toThrow(TypeError);
    expect(cases['pack_sequence kwarg']).toThrow(TypeError);
    expect(new nn.LSTM(3, 4, { device: 'cpu', dtype: torch.float32 } as object).hidden_size).toBe(4);
    expect(new nn.GRUCell(3, 4, { device: 'cpu' } as object).hidden_size).toBe(4);
  });
  it('every error of the fixture is reproduced here', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(fixture.errors).sort());
  });
  for (const [id, want] of Object.entries(fixture.errors)) {
    it(id, () => {
      const before = torch.memory_stats().live_tensors;
      expect(messageOf(cases[id])).toBe(want);
      void before;
    });
  }
});

describe('hidden states of the wrong kind and inputs of the wrong dims, as PyTorch 1.13 reads them', () => {
  // PyTorch 1.13: LSTM reads hx[0] and hx[1], so a tensor given for (h_0, c_0) is indexed along its first dim;
  // the cells' argument parser wants a tuple for LSTMCell and a tensor for the others
  const x = torch.rand(5, 2, 3);
  const lstm = new nn.LSTM(3, 4, 2) as unknown as (x: Tensor, hx: unknown) => unknown;   // wrong kinds on purpose
  const cases: [() => unknown, string, string][] = [
    [() => lstm(x, torch.zeros(2, 2, 4)), 'Error', 'For batched 3-D input, hx and cx should also be 3-D but got (2-D, 2-D) tensors'],
    [() => lstm(x, torch.zeros(3, 2, 4)), 'Error', 'For batched 3-D input, hx and cx should also be 3-D but got (2-D, 2-D) tensors'],
    [() => lstm(x, torch.zeros(1, 2, 4)), 'RangeError', 'index 1 is out of bounds for dimension 0 with size 1'],
    [() => lstm(x, torch.zeros(0, 2, 4)), 'RangeError', 'index 0 is out of bounds for dimension 0 with size 0'],
    [() => lstm(x, torch.zeros(2, 4)), 'Error', 'For batched 3-D input, hx and cx should also be 3-D but got (1-D, 1-D) tensors'],
    [() => lstm(x, [torch.zeros(2, 2, 4)]), 'RangeError', 'tuple index out of range'],
    [() => lstm(x, [torch.zeros(2, 2, 4), torch.zeros(2, 2, 4), torch.zeros(2, 2, 4)]), 'Error', 'lstm expects two hidden states'],
    [() => lstm(x.index(null, 0), torch.zeros(2, 4)), 'Error', 'For unbatched 2-D input, hx and cx should also be 2-D but got (1-D, 1-D) tensors'],
    [() => (new nn.GRU(3, 4, 2) as unknown as typeof lstm)(x, [torch.zeros(2, 2, 4), torch.zeros(2, 2, 4)]), 'TypeError', "'tuple' object has no attribute 'dim'"],
    [() => (new nn.LSTMCell(3, 4) as unknown as typeof lstm)(x.index(0), torch.zeros(2, 2, 4)), 'TypeError',
      "lstm_cell(): argument 'hx' (position 2) must be tuple of Tensors, not Tensor"],
    [() => (new nn.LSTMCell(3, 4) as unknown as typeof lstm)(x.index(0), [torch.zeros(2, 4)]), 'Error', 'lstm_cell expects two hidden states'],
    [() => (new nn.GRUCell(3, 4) as unknown as typeof lstm)(x.index(0), [torch.zeros(2, 4), torch.zeros(2, 4)]), 'TypeError',
      "gru_cell(): argument 'hx' (position 2) must be Tensor, not tuple"],
    [() => (new nn.RNNCell(3, 4) as unknown as typeof lstm)(x.index(0), [torch.zeros(2, 4)]), 'TypeError',
      "rnn_tanh_cell(): argument 'hx' (position 2) must be Tensor, not tuple"],
    // the cells assert their input's dims
    [() => new nn.LSTMCell(1, 4)(torch.rand(3, 2, 1)), 'AssertionError', 'LSTMCell: Expected input to be 1-D or 2-D but received 3-D tensor'],
    [() => new nn.GRUCell(1, 4)(torch.rand(3, 2, 1)), 'AssertionError', 'GRUCell: Expected input to be 1-D or 2-D but received 3-D tensor'],
  ];
  it('are refused with PyTorch messages', () => {
    for (const [f, type, msg] of cases) {
      let got = '';
      try { f(); } catch (err) { got = `${(err as Error).name}: ${(err as Error).message}`; }
      expect(got).toBe(`${type}: ${msg}`);
    }
  });
});

describe('the graph of a padded batch ends in PyTorch 1.13\'s nodes', () => {
  for (const c of fixture.nodes) {
    it(`${c.ctor} ${JSON.stringify(c.kwargs)} on ${JSON.stringify(c.shape)}`, () => {
      const m = make(c.ctor, [3, 2], c.kwargs);
      const [o, h] = m(torch.randn(c.shape, { requires_grad: true })) as [Tensor, Tensor | Tensor[]];
      const hs = Array.isArray(h) ? h : [h];
      expect(o.grad_fn!.name()).toBe(c.out);
      // tocha's stack is one named node over a cat, so below a stack only the names of other nodes are PyTorch's
      if (c.out !== 'StackBackward0') expect(o.grad_fn!.next_functions.map(([g]) => g!.name())).toEqual(c.out_next);
      expect(hs.map((t) => t.grad_fn!.name())).toEqual(c.states);
    });
  }
});
