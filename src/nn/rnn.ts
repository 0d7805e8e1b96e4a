// Recurrent layers after torch/nn/modules/rnn.py and ATen's RNN.cpp (its CPU path): RNN (tanh or relu),
// LSTM (with projections) and GRU are one implementation that differs in the gate count and the cell;
// RNNCell, LSTMCell and GRUCell run one step of the same cells. Parameters are made and initialized in
// PyTorch's order, so a seed gives PyTorch's exact weights.
//
// A layer computes the input's gates for every step as one product (x W_ihᵀ + b_ih over the whole
// sequence) and one h W_hhᵀ + b_hh per step. A padded batch (T, B, *) runs as a packed one whose T steps
// all have B sequences, so both take the same path: a sequence that ends leaves its final state behind
// as the batch shrinks (ATen's PackedLayer; the reverse direction grows the batch instead).
import { Tensor } from '../tensor.js';
import { float32 } from '../dtype.js';
import { record, needsGrad } from '../autograd.js';
import { scoped } from '../lifetime.js';
import { checkSizes } from '../ops/util.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import * as L from '../ops/linalg.js';
import { dropout } from './functional.js';
import { Module, Parameter, ownParameter, initArgs, checkArgs, type Init, type Factory, type FactoryKwargs } from './module.js';
import { uniform_ } from './init.js';
import { pyFloat } from './layers.js';
import { PackedSequence } from './utils/rnn.js';
import { isPlainObject } from '../optim/optimizer.js';
import * as MT from '../ops/methods.js';

type Mode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';
/** Weights of one layer and direction: w_ih, w_hh, b_ih, b_hh, w_hr (the last three may be null). */
type W = (Tensor | null)[];

const GATES: Record<Mode, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };
const TEMP = 'the end of the recurrent layer call that made it (an internal temporary)';

/** One step: gi = the input's gates (x W_ihᵀ + b_ih), hs = [h] or [h, c]; returns the next state. */
function cell(mode: Mode, gi: Tensor, hs: Tensor[], w: W): Tensor[] {
  const gh = L.linear(hs[0], w[1]!, w[3]);
  if (mode === 'GRU') {
    const [ir, iz, inn] = S.chunk(gi, 3, 1);
    const [hr, hz, hn] = S.chunk(gh, 3, 1);
    const z = hz.add(iz).sigmoid();
    const n = inn.add(hn.mul(hr.add(ir).sigmoid())).tanh();
    return [hs[0].sub(n).mul(z).add(n)];   // (1 - z) n + z h, as ATen computes it
  }
  const g = gh.add(gi);
  if (mode !== 'LSTM') return [mode === 'RNN_TANH' ? g.tanh() : g.relu()];
  const [i, f, c, o] = S.chunk(g, 4, 1);
  const cy = f.sigmoid().mul(hs[1]).add(i.sigmoid().mul(c.tanh()));
  const hy = o.sigmoid().mul(cy.tanh());
  return [w[4] ? L.matmul(hy, S.t(w[4])) : hy, cy];
}

/**
 * The steps of x: its rows in consecutive blocks of `sizes` rows (packed rows, N×G), or its T entries along
 * dim 0 (a padded T×B×G batch). One node gathers their gradients (as PyTorch's UnbindBackward0): a narrow
 * per step would give every step a gradient of x's full size.
 */
function steps(x: Tensor, sizes: number[]): Tensor[] {
  const xd = x.detach();
  const padded = x._shape.length === 3;
  let off = 0;
  const parts = sizes.map((n, t) => (padded ? S.select(xd, 0, t) : S.narrow(xd, 0, (off += n) - n, n)));
  if (!needsGrad(x)) return parts;
  const width = x._shape[x._shape.length - 1];
  let gs: Tensor[] = [];
  const hub = record('UnbindBackward0', E.filled([], float32, 0), [x], [], () => {
    const g = sizes.map((n, i) => gs[i] ?? E.filled([n, width], float32, 0));
    gs = [];
    return [padded ? S.stack(g, 0) : S.cat(g, 0)];
  });
  return parts.map((p, i) => record('UnbindBackward0', p, [hub], [], (g) => {
    gs[i] = g;
    return [E.filled([], float32, 0)];
  }));
}

/**
 * One direction of one layer over packed rows (N×G gates: outputs N×H, joined by cat as ATen's PackedLayer) or a
 * padded batch (T×B×G: outputs T×B×H, stacked as its FullLayer); and the final state ([h] or [h, c]).
 */
function layer(mode: Mode, gates: Tensor, bs: number[], h0: Tensor[], w: W, reverse: boolean): [Tensor, Tensor[]] {
  const xs = steps(gates, bs);
  const T = bs.length;
  const outs: Tensor[] = [];
  const left: Tensor[][] = [];
  let last = reverse ? bs[T - 1] : bs[0];
  let h = reverse && last < bs[0] ? h0.map((s) => S.narrow(s, 0, 0, last)) : h0;
  for (let k = 0; k < T; k++) {
    const t = reverse ? T - 1 - k : k;
    const n = bs[t];
    if (n < last) {
      left.unshift(h.map((s) => S.narrow(s, 0, n, last - n)));
      h = h.map((s) => S.narrow(s, 0, 0, n));
    } else if (n > last) {
      h = h.map((s, j) => S.cat([s, S.narrow(h0[j], 0, last, n - last)], 0));
    }
    last = n;
    h = cell(mode, xs[t], h, w);
    outs[t] = h[0];
  }
  const out = gates._shape.length === 3 ? S.stack(outs, 0) : S.cat(outs, 0);
  return [out, left.length ? h.map((s, j) => S.cat([s, ...left.map((l) => l[j])], 0)) : h];
}

/** RNN's, LSTM's and GRU's keyword arguments (LSTM's also proj_size, RNN's nonlinearity). */
export interface RNNOptions extends FactoryKwargs {
  num_layers?: number;
  bias?: boolean;
  batch_first?: boolean;
  dropout?: number;
  bidirectional?: boolean;
}
/** RNNBase's parameters after mode, in PyTorch's order. */
const RNN_ARGS = ['input_size', 'hidden_size', 'num_layers', 'bias', 'batch_first', 'dropout', 'bidirectional', 'proj_size'];
const RNN_DEFAULTS = { num_layers: 1, bias: true, batch_first: false, dropout: 0, bidirectional: false, proj_size: 0 };
/** `(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0, bidirectional=False, proj_size=0,
 *  device=None, dtype=None)`: what RNN, LSTM and GRU pass on to RNNBase after their mode. */
type RecurrentArgs<O> = Init<[input_size: number, hidden_size: number], ['input_size', 'hidden_size'], [num_layers: number, bias: boolean,
  batch_first: boolean, dropout: number, bidirectional: boolean, proj_size: number, ...Factory], O>;

/**
 * Binds what RNN, LSTM or GRU got (PyTorch's `RNNBase.__init__(mode, *args, **kwargs)`, so its TypeErrors name RNNBase)
 * and returns RNNBase's arguments: [input_size, hidden_size, the rest by name].
 */
function recurrentArgs(kind: 'RNN' | 'LSTM' | 'GRU', args: readonly unknown[]): [number, number, Record<string, unknown>, string] {
  const kw = args[args.length - 1];
  if (kind !== 'LSTM' && isPlainObject(kw) && kw.proj_size !== undefined) {
    throw new Error('proj_size argument is only supported for LSTM, not RNN or GRU');
  }
  const { input_size, hidden_size, nonlinearity, ...o } = initArgs('RNNBase', 1, RNN_ARGS, { ...RNN_DEFAULTS, nonlinearity: 'tanh' }, args,
    kind === 'RNN' ? ['nonlinearity'] : [], true, 2);
  if (kind === 'RNN' && nonlinearity !== 'tanh' && nonlinearity !== 'relu') throw new Error(`Unknown nonlinearity '${nonlinearity}'`);
  return [input_size, hidden_size, o, kind === 'RNN' ? (nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU') : kind];
}

function param(shape: number[]): Parameter {
  checkSizes('empty', shape);
  return ownParameter(Tensor._empty(shape, float32));
}

/** Every parameter from U(-1/√hidden, 1/√hidden), in registration order (PyTorch's reset_parameters). */
function reset(m: Module, hidden: number): void {
  const stdv = hidden > 0 ? 1 / Math.sqrt(hidden) : 0;
  for (const p of m.parameters()) uniform_(p, -stdv, stdv);
}

const fmt = (s: number[]): string => `(${s.join(', ')})`;

/** What RNN, LSTM and GRU share: parameters, checks, the layer stack (after PyTorch's RNNBase). */
export class RNNBase<H extends Tensor | [Tensor, Tensor] = Tensor> extends Module {
  readonly mode: Mode;
  declare num_layers: number;
  declare bias: boolean;
  declare batch_first: boolean;
  declare dropout: number;
  declare bidirectional: boolean;
  declare proj_size: number;
  /** The parameter names of each layer and direction (PyTorch's `_all_weights`). */
  _all_weights: string[][] = [];
  /** `weight_ih_l0`, `bias_hh_l1_reverse`, `weight_hr_l0`... as attributes, as in PyTorch. */
  [name: `weight_${string}` | `bias_${string}`]: Parameter;

  readonly input_size: number;
  readonly hidden_size: number;
  /**
   * PyTorch's `RNNBase(mode, input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
   * bidirectional=False, proj_size=0, device=None, dtype=None)`, mode 'LSTM', 'GRU', 'RNN_TANH' or 'RNN_RELU'.
   */
  constructor(...args: Init<[mode: Mode, input_size: number, hidden_size: number], ['mode', 'input_size', 'hidden_size'],
    [num_layers: number, bias: boolean, batch_first: boolean, dropout: number, bidirectional: boolean, proj_size: number, ...Factory],
    RNNOptions & { proj_size?: number }>) {
    super();
    const o = initArgs('RNNBase', 0, ['mode', ...RNN_ARGS], RNN_DEFAULTS, args, [], true, 3);
    if (!(o.mode in GATES)) throw new Error(`Unrecognized RNN mode: ${o.mode}`);
    checkArgs('RNNBase', o, { input_size: 'int', hidden_size: 'int', num_layers: 'int', proj_size: 'int' });
    const { input_size, hidden_size } = o as { input_size: number; hidden_size: number };
    this.input_size = input_size;
    this.hidden_size = hidden_size;
    this.mode = o.mode;
    if (typeof o.dropout !== 'number' || !(o.dropout >= 0 && o.dropout <= 1)) {
      throw new Error('dropout should be a number in range [0, 1] representing the probability of an element being zeroed');
    }
    if (o.dropout > 0 && o.num_layers === 1) {
      console.warn('UserWarning: dropout option adds dropout after all but last recurrent layer, so non-zero dropout ' +
        `expects num_layers greater than 1, but got dropout=${o.dropout} and num_layers=${o.num_layers}`);
    }
    if (o.proj_size < 0) throw new Error('proj_size should be a positive integer or zero to disable projections');
    if (o.proj_size >= hidden_size) throw new Error('proj_size has to be smaller than hidden_size');
    const { num_layers, bias, batch_first, dropout, bidirectional, proj_size } = o;
    Object.assign(this, { num_layers, bias, batch_first, dropout, bidirectional, proj_size });
    const G = GATES[this.mode] * hidden_size;
    const D = this.bidirectional ? 2 : 1;
    const real = this.proj_size || hidden_size;
    for (let l = 0; l < this.num_layers; l++) {
      for (let d = 0; d < D; d++) {
        const names: string[] = [];
        const add = (name: string, shape: number[]) => {
          names.push(`${name}_l${l}${d ? '_reverse' : ''}`);
          this.register_parameter(names[names.length - 1], param(shape));
        };
        add('weight_ih', [G, l ? real * D : input_size]);
        add('weight_hh', [G, real]);
        if (this.bias) {
          add('bias_ih', [G]);
          add('bias_hh', [G]);
        }
        if (this.proj_size) add('weight_hr', [this.proj_size, hidden_size]);
        this._all_weights.push(names);
      }
    }
    this.reset_parameters();
  }

  reset_parameters(): void {
    reset(this, this.hidden_size);
  }

  /** The parameters of each layer and direction. */
  get all_weights(): Parameter[][] {
    const me = this as unknown as Record<string, Parameter>;
    return this._all_weights.map((names) => names.map((n) => me[n]));
  }

  /** A no-op: PyTorch uses it to lay out weights for cuDNN. */
  flatten_parameters(): void {}

  override forward(input: Tensor, hx?: H | null): [Tensor, H];
  override forward(input: PackedSequence, hx?: H | null): [PackedSequence, H];
  override forward(input: Tensor | PackedSequence, hx?: H | null): [Tensor | PackedSequence, H] {
    return scoped(() => this.run(input, hx), TEMP);
  }

  private run(input: Tensor | PackedSequence, hx?: H | null): [Tensor | PackedSequence, H] {
    const lstm = this.mode === 'LSTM';
    const packed = input instanceof PackedSequence;
    const bd = this.batch_first ? 0 : 1;
    if (hx && !lstm && !(hx instanceof Tensor)) throw new TypeError("'tuple' object has no attribute 'dim'");
    let hs: Tensor[] | null = hx ? (lstm ? lstmHx(hx) : [hx as Tensor]) : null;
    let x = packed ? input.data : input;
    const batched = packed || x._shape.length === 3;
    if (!packed && hs) {
      const want = batched ? 3 : 2;
      if (hs.slice(0, lstm ? 2 : 1).some((h) => h._shape.length !== want)) {
        const [a, b] = hs.map((h) => h._shape.length);
        throw new Error(`For ${batched ? 'batched 3-D' : 'unbatched 2-D'} input, hx ${lstm ? 'and cx ' : ''}should also ` +
          `be ${want}-D but got ${lstm ? `(${a}-D, ${b}-D) tensors` : `${a}-D tensor`}`);
      }
    }
    if (lstm && hx instanceof Tensor) throw new TypeError("lstm(): argument 'hx' must be tuple of Tensors, not Tensor");
    if (hs && lstm && hs.length !== 2) throw new Error('lstm expects two hidden states');
    if (!batched) {
      x = S.unsqueeze(x, bd);
      hs = hs && hs.map((h) => S.unsqueeze(h, 1));
    }
    const sorted = packed ? input.sorted_indices : null;
    if (hs && sorted) hs = hs.map((h) => S.index_select(h, 1, sorted));
    // check_forward_args
    const nd = packed ? 2 : 3;
    if (x._shape.length !== nd) throw new Error(`input must have ${nd} dimensions, got ${x._shape.length}`);
    const F = x._shape[nd - 1];
    if (F !== this.input_size) throw new Error(`input.size(-1) must be equal to input_size. Expected ${this.input_size}, got ${F}`);
    const bs = packed ? input.batch_sizes.tolist() as number[] : [];
    const B = packed ? bs[0] : x._shape[bd];
    const LD = this.num_layers * (this.bidirectional ? 2 : 1);
    const sizes = [[LD, B, this.proj_size || this.hidden_size], [LD, B, this.hidden_size]];
    if (hs) {
      hs.forEach((h, j) => {
        if (h._shape.join() !== sizes[j].join()) {
          throw new Error(`Expected hidden${lstm ? `[${j}]` : ''} size ${fmt(sizes[j])}, got [${h._shape.join(', ')}]`);
        }
      });
    }
    const h0 = hs ?? sizes.slice(0, lstm ? 2 : 1).map((s) => E.filled(s, float32, 0));
    if (!packed) {
      if (this.batch_first) x = S.transpose(x, 0, 1);
      if (x._shape[0] === 0) throw new Error('Expected sequence length to be larger than 0 in RNN');
      for (let t = 0; t < x._shape[0]; t++) bs.push(B);
    }
    const [out, hn] = this.layers(x, bs, h0);
    let output: Tensor | PackedSequence;
    if (packed) output = new PackedSequence(out, input.batch_sizes, sorted, input.unsorted_indices);
    else {
      output = out;
      // ATen's lstm transposes the result back, its rnn and gru in place (transpose_)
      if (this.batch_first) output = lstm ? S.transpose(output, 0, 1) : MT.transpose_(output, 0, 1);
      if (!batched) output = S.squeeze(output, bd);
    }
    const un = packed ? input.unsorted_indices : null;
    const h = hn.map((s) => (!batched ? S.squeeze(s, 1) : un ? S.index_select(s, 1, un) : s));
    return [output, (lstm ? h : h[0]) as H];
  }

  /**
   * The layer stack over packed rows x (N, F) or a padded batch (T, B, F): outputs (N, D·H) or (T, B, D·H) and
   * the final states (L·D, B, *).
   */
  private layers(x: Tensor, bs: number[], h0: Tensor[]): [Tensor, Tensor[]] {
    const D = this.bidirectional ? 2 : 1;
    const finals: Tensor[][] = h0.map(() => []);
    const me = this as unknown as Record<string, Tensor | null>;
    const h0s = h0.map((h) => S.unbind(h, 0));
    for (let l = 0; l < this.num_layers; l++) {
      const outs: Tensor[] = [];
      for (let d = 0; d < D; d++) {
        const sfx = `_l${l}${d ? '_reverse' : ''}`;
        const w = ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh', 'weight_hr'].map((n) => me[n + sfx] ?? null);
        const [o, fin] = layer(this.mode, L.linear(x, w[0]!, w[2]), bs, h0s.map((h) => h[l * D + d]), w, d === 1);
        outs.push(o);
        fin.forEach((f, j) => finals[j].push(f));
      }
      x = D === 1 ? outs[0] : S.cat(outs, x._shape.length - 1);
      if (this.dropout && this.training && l < this.num_layers - 1) x = dropout(x, this.dropout, true);
    }
    return [x, finals.map((f) => S.stack(f, 0))];
  }

  override extra_repr(): string {
    let s = `${this.input_size}, ${this.hidden_size}`;
    if (this.proj_size) s += `, proj_size=${this.proj_size}`;
    if (this.num_layers !== 1) s += `, num_layers=${this.num_layers}`;
    if (!this.bias) s += ', bias=False';
    if (this.batch_first) s += ', batch_first=True';
    if (this.dropout) s += `, dropout=${pyFloat(this.dropout)}`;
    if (this.bidirectional) s += ', bidirectional=True';
    return s;
  }
}

// The call takes a padded batch or a PackedSequence and returns the same kind.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface RNNBase<H extends Tensor | [Tensor, Tensor] = Tensor> {
  (input: Tensor, hx?: H | null): [Tensor, H];
  (input: PackedSequence, hx?: H | null): [PackedSequence, H];
}

/**
 * An Elman RNN: h_t = tanh(x_t W_ihᵀ + b_ih + h_{t-1} W_hhᵀ + b_hh) (or relu), stacked and optionally
 * bidirectional. Returns `[output, h_n]`.
 * @example const rnn = new nn.RNN(10, 20, 2); const [output, hn] = rnn(torch.randn(5, 3, 10));
 */
export class RNN extends RNNBase {
  nonlinearity = this.mode === 'RNN_TANH' ? 'tanh' : 'relu';
  /** `proj_size` only by position, and only 0 (PyTorch refuses it by name); `nonlinearity` only by name. */
  constructor(...args: RecurrentArgs<RNNOptions & { nonlinearity?: 'tanh' | 'relu' }>) {
    const [input_size, hidden_size, o, mode] = recurrentArgs('RNN', args);
    super(mode as Mode, input_size, hidden_size, o);
  }
}

/**
 * Long short-term memory: gates i, f, g, o; c' = f c + i g, h' = o tanh(c') (projected by W_hr with
 * `proj_size`). Returns `[output, [h_n, c_n]]`.
 * @example const lstm = new nn.LSTM(10, 20, 2, { batch_first: true }); const [out, [h, c]] = lstm(x);
 */
/**
 * LSTM's (h_0, c_0) as PyTorch reads them, hx[0] and hx[1]: a tensor given in their place is indexed along its first
 * dim (so (h, c) stacked into one tensor fails on their dims, as in PyTorch), a tuple too short is Python's IndexError.
 */
function lstmHx(hx: unknown): Tensor[] {
  if (hx instanceof Tensor) {
    if (hx._shape.length === 0) {
      throw new RangeError('invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to ' +
        'convert a 0-dim tensor to a number');
    }
    const n = hx._shape[0];
    if (n < 2) throw new RangeError(`index ${n} is out of bounds for dimension 0 with size ${n}`);
    return [S.select(hx, 0, 0), S.select(hx, 0, 1)];
  }
  const hs = [...hx as Tensor[]];
  if (hs.length < 2) throw new RangeError('tuple index out of range');
  return hs;
}

export class LSTM extends RNNBase<[Tensor, Tensor]> {
  constructor(...args: RecurrentArgs<RNNOptions & { proj_size?: number }>) {
    const [input_size, hidden_size, o] = recurrentArgs('LSTM', args);
    super('LSTM', input_size, hidden_size, o);
  }
}

/**
 * Gated recurrent unit: gates r, z, n with n = tanh(W_in x + b_in + r (W_hn h + b_hn)),
 * h' = (1 - z) n + z h. Returns `[output, h_n]`.
 * @example const gru = new nn.GRU(10, 20, { bidirectional: true });
 */
export class GRU extends RNNBase {
  /** `proj_size` only by position, and only 0 (PyTorch refuses it by name). */
  constructor(...args: RecurrentArgs<RNNOptions>) {
    const [input_size, hidden_size, o] = recurrentArgs('GRU', args);
    super('GRU', input_size, hidden_size, o);
  }
}

// ---------------------------------------------------------------- cells

/** One step of a recurrent layer, with its own weight_ih, weight_hh, bias_ih, bias_hh (PyTorch's RNNCellBase). */
export class RNNCellBase<H extends Tensor | [Tensor, Tensor] = Tensor> extends Module {
  declare weight_ih: Parameter;
  declare weight_hh: Parameter;
  declare bias_ih: Parameter | null;
  declare bias_hh: Parameter | null;
  private readonly kind: string;
  readonly input_size: number;
  readonly hidden_size: number;
  readonly bias: boolean;
  declare nonlinearity: string;
  /** PyTorch's `RNNCellBase(input_size, hidden_size, bias, num_chunks, device=None, dtype=None)`: num_chunks gates. */
  constructor(...args: Init<[input_size: number, hidden_size: number, bias: boolean, num_chunks: number],
    ['input_size', 'hidden_size', 'bias', 'num_chunks'], [...Factory], FactoryKwargs>) {
    super();
    const o = initArgs('RNNCellBase', 0, ['input_size', 'hidden_size', 'bias', 'num_chunks'], {}, args, [], true, 4);
    checkArgs('RNNCellBase', o, { input_size: 'int', hidden_size: 'int', num_chunks: 'int' });
    const { input_size, hidden_size, num_chunks } = o as { input_size: number; hidden_size: number; num_chunks: number };
    this.input_size = input_size;
    this.hidden_size = hidden_size;
    this.bias = Boolean(o.bias);
    this.kind = num_chunks === 4 ? 'LSTMCell' : num_chunks === 3 ? 'GRUCell' : 'RNNCell';
    if (this.nonlinearity === undefined) this.nonlinearity = 'tanh';
    const G = num_chunks * hidden_size;
    const bias = this.bias;
    this.register_parameter('weight_ih', param([G, input_size]));
    this.register_parameter('weight_hh', param([G, hidden_size]));
    this.register_parameter('bias_ih', bias ? param([G]) : null);
    this.register_parameter('bias_hh', bias ? param([G]) : null);
    this.reset_parameters();
  }

  reset_parameters(): void {
    reset(this, this.hidden_size);
  }

  override forward(input: Tensor, hx?: H | null): H {
    return scoped(() => {
      const lstm = this.kind === 'LSTMCell';
      const nd = input._shape.length;
      if (nd !== 1 && nd !== 2) {
        // PyTorch's `assert input.dim() in (1, 2)`: an AssertionError
        throw Object.assign(new Error(`${this.kind}: Expected input to be 1-D or 2-D but received ${nd}-D tensor`), { name: 'AssertionError' });
      }
      const x = nd === 2 ? input : S.unsqueeze(input, 0);
      const B = x._shape[0];
      if (hx && lstm && hx instanceof Tensor) {
        throw new TypeError("lstm_cell(): argument 'hx' (position 2) must be tuple of Tensors, not Tensor");
      }
      if (hx && lstm && (hx as Tensor[]).length !== 2) throw new Error('lstm_cell expects two hidden states');
      if (hx && !lstm && !(hx instanceof Tensor)) {
        const name = this.kind === 'GRUCell' ? 'gru_cell' : `rnn_${this.nonlinearity}_cell`;
        throw new TypeError(`${name}(): argument 'hx' (position 2) must be Tensor, not tuple`);
      }
      const given = hx ? (lstm ? [...hx as [Tensor, Tensor]] : [hx as Tensor]) : null;
      const hs = given ? given.map((h) => (nd === 2 ? h : S.unsqueeze(h, 0)))
        : (lstm ? [0, 1] : [0]).map(() => E.filled([B, this.hidden_size], float32, 0));
      const mode: Mode = lstm ? 'LSTM' : this.kind === 'GRUCell' ? 'GRU' : this.nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU';
      if (!lstm && this.kind === 'RNNCell' && this.nonlinearity !== 'tanh' && this.nonlinearity !== 'relu') {
        throw new Error(`Unknown nonlinearity: ${this.nonlinearity}`);
      }
      const w: W = [this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh];
      const I = this.weight_ih._shape[1];
      if (x._shape[1] !== I) throw new Error(`input has inconsistent input_size: got ${x._shape[1]} expected ${I}`);
      for (const h of hs) {
        if (h._shape[0] !== B) throw new Error(`Input batch size ${B} doesn't match hidden0 batch size ${h._shape[0]}`);
        if (h._shape[1] !== this.hidden_size) {
          throw new Error(`hidden0 has inconsistent hidden_size: got ${h._shape[1]}, expected ${this.hidden_size}`);
        }
      }
      const out = cell(mode, L.linear(x, this.weight_ih, this.bias_ih), hs, w).map((h) => (nd === 2 ? h : S.squeeze(h, 0)));
      return (lstm ? out : out[0]) as H;
    }, TEMP);
  }

  override extra_repr(): string {
    return `${this.input_size}, ${this.hidden_size}${this.bias ? '' : ', bias=False'}` +
      `${this.nonlinearity !== 'tanh' ? `, nonlinearity=${this.nonlinearity}` : ''}`;
  }
}

/** h' = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh) (or relu). @example new nn.RNNCell(10, 20, { nonlinearity: 'relu' }) */
export class RNNCell extends RNNCellBase {
  constructor(...args: Init<[input_size: number, hidden_size: number], ['input_size', 'hidden_size'], [bias: boolean,
    nonlinearity: 'tanh' | 'relu', ...Factory], { bias?: boolean; nonlinearity?: 'tanh' | 'relu' } & FactoryKwargs>) {
    const o = initArgs('RNNCell', 0, ['input_size', 'hidden_size', 'bias', 'nonlinearity'], { bias: true, nonlinearity: 'tanh' }, args, [],
      true, 2);
    checkArgs('RNNCell', o, { input_size: 'int', hidden_size: 'int' });
    super(o.input_size, o.hidden_size, o.bias, 1, o.device, o.dtype);
    this.nonlinearity = o.nonlinearity;
  }
}
/** LSTMCell's and GRUCell's `(input_size, hidden_size, bias=True, device=None, dtype=None)`. */
type CellArgs = Init<[input_size: number, hidden_size: number], ['input_size', 'hidden_size'], [bias: boolean, ...Factory],
  { bias?: boolean } & FactoryKwargs>;

/** One LSTM step: returns `[h', c']`. @example const [h, c] = new nn.LSTMCell(10, 20)(x, [h0, c0]) */
export class LSTMCell extends RNNCellBase<[Tensor, Tensor]> {
  constructor(...args: CellArgs) {
    const o = initArgs('LSTMCell', 0, ['input_size', 'hidden_size', 'bias'], { bias: true }, args, [], true, 2);
    checkArgs('LSTMCell', o, { input_size: 'int', hidden_size: 'int' });
    super(o.input_size, o.hidden_size, o.bias, 4, o.device, o.dtype);
  }
}

/** One GRU step. @example const h = new nn.GRUCell(10, 20)(x, h0) */
export class GRUCell extends RNNCellBase {
  constructor(...args: CellArgs) {
    const o = initArgs('GRUCell', 0, ['input_size', 'hidden_size', 'bias'], { bias: true }, args, [], true, 2);
    checkArgs('GRUCell', o, { input_size: 'int', hidden_size: 'int' });
    super(o.input_size, o.hidden_size, o.bias, 3, o.device, o.dtype);
  }
}
