// torch.nn.utils.rnn, after torch/nn/utils/rnn.py and ATen's PackedSequence.cpp: PackedSequence and the
// functions that pack and pad batches of sequences of different lengths. Each packing or padding is one
// index_select of rows (a padding row appended where one is needed), so gradients flow through all of them.
import { Tensor } from '../../tensor.js';
import { int64 } from '../../dtype.js';
import * as S from '../../ops/shape.js';
import * as E from '../../ops/elementwise.js';
import { tensor } from '../../ops/create.js';
import { bind, isPlainObject } from '../../optim/optimizer.js';

const longs = (v: number[]): Tensor => tensor(v, { dtype: int64 });
/**
 * `bind` over `defaults`' keys for `values` (a layer's optional parameters as given), first raising
 * PyTorch's TypeError for an option key that `fn` does not take (`allowed`: its keywords, by default
 * those of `defaults`; allowed keys beyond them, such as device and dtype, are checked elsewhere).
 */
export function kwargs<T extends Record<string, unknown>>(fn: string, values: readonly unknown[], defaults: T,
  allowed: readonly string[] = Object.keys(defaults)): T {
  // The options object ends the positional values (a parameter after it is an unused `opts = {}`).
  const at = values.findIndex(isPlainObject);
  const vals = at < 0 ? values.slice() : values.slice(0, at + 1);
  if (at >= 0) {
    const o = vals[at] as Record<string, unknown>;
    const bad = Object.keys(o).find((k) => !allowed.includes(k));
    if (bad) throw new TypeError(`${fn}() got an unexpected keyword argument '${bad}'`);
    vals[at] = Object.fromEntries(Object.entries(o).filter(([k]) => k in defaults));
  }
  return bind(fn, Object.keys(defaults), [], defaults, vals) as T;
}

/** Where each block of `sizes` rows starts. */
const starts = (sizes: number[]): number[] => sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));

/**
 * Sequences packed step by step: `data` (sum of the lengths, *) holds every sequence's first element, then
 * every second one..., `batch_sizes` (int64) how many sequences each step has; `sorted_indices` is the
 * order by decreasing length when the batch was not sorted. Made by `pack_padded_sequence` / `pack_sequence`;
 * destructures as PyTorch's namedtuple: `const [data, batch_sizes] = packed`.
 */
export class PackedSequence {
  readonly unsorted_indices: Tensor | null;
  constructor(readonly data: Tensor, readonly batch_sizes: Tensor, readonly sorted_indices: Tensor | null = null,
    unsorted_indices: Tensor | null = null) {
    this.unsorted_indices = unsorted_indices ?? invert_permutation(sorted_indices);
  }
  *[Symbol.iterator](): IterableIterator<Tensor | null> {
    yield* [this.data, this.batch_sizes, this.sorted_indices, this.unsorted_indices];
  }
  /** Python's namedtuple repr: `PackedSequence(data=tensor(...), batch_sizes=tensor([...]), sorted_indices=None, ...)`. */
  toString(): string {
    const f = (t: Tensor | null) => (t === null ? 'None' : String(t));
    return `PackedSequence(data=${f(this.data)}, batch_sizes=${f(this.batch_sizes)}, sorted_indices=${f(this.sorted_indices)}, ` +
      `unsorted_indices=${f(this.unsorted_indices)})`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
  to(_what?: unknown): this { return this; }
  float(): this { return this; }
  cpu(): this { return this; }
}

/** The inverse of a permutation (null for null). */
export function invert_permutation(permutation: Tensor | null): Tensor | null {
  if (!permutation) return null;
  const p = permutation.tolist() as number[];
  const out = p.slice();
  p.forEach((v, i) => { out[v] = i; });
  return longs(out);
}

/** Rows `idx` of `src` (cat'ed with a row of `pad`, which index -1 takes), shaped `lead` + trailing dims, in the
 *  first sequence's dtype (PyTorch fills a tensor made with sequences[0]'s options). */
function gather(src: Tensor[], idx: number[], lead: number[], pad = 0): Tensor {
  const rest = src[0]._shape.slice(1);
  const dt = src[0].dtype;
  const all = S.cat([...src.map((t) => (t.dtype === dt ? t : E.cast(t, dt))), E.filled([1, ...rest], dt, pad)], 0);
  const n = all._shape[0] - 1;
  return S.reshape(S.index_select(all, 0, longs(idx.map((i) => (i < 0 ? n : i)))), [...lead, ...rest]);
}

/** A padded batch (T, B, *) (or (B, T, *)) whose element (t, b) is row(t, b) of src, or `pad` from lens[b] on. */
function padded(src: Tensor[], T: number, lens: number[], row: (t: number, b: number) => number, bf: boolean, pad: number): Tensor {
  const B = lens.length;
  const idx: number[] = [];
  for (let i = 0; i < T * B; i++) {
    const [t, b] = bf ? [i % T, Math.floor(i / T)] : [Math.floor(i / B), i % B];
    idx.push(t < lens[b] ? row(t, b) : -1);
  }
  return gather(src, idx, bf ? [B, T] : [T, B], pad);
}

/**
 * Packs a padded batch (T, B, *) (or (B, T, *) with batch_first) of sequences of the given lengths. With
 * `enforce_sorted: false` the lengths may come in any order.
 * @example nn.utils.rnn.pack_padded_sequence(x, [5, 3, 2], { enforce_sorted: false })
 */
export function pack_padded_sequence(input: Tensor, lengths: Tensor | number[],
  batch_first?: boolean | { batch_first?: boolean; enforce_sorted?: boolean }, enforce_sorted?: boolean): PackedSequence {
  const o = kwargs('pack_padded_sequence', [batch_first, enforce_sorted], { batch_first: false, enforce_sorted: true });
  // torch.as_tensor(lengths, dtype=torch.int64): a 1-D tensor of whole numbers
  const asLong = lengths instanceof Tensor ? lengths : tensor(lengths as number[]);
  const dim = asLong._shape.length;
  const given = dim === 1 ? (asLong.tolist() as number[]).map(Math.trunc) : [];
  if (asLong !== lengths) asLong.dispose();
  if (dim !== 1) throw new Error(`'lengths' argument should be a 1D CPU int64 tensor, but got ${dim}D cpu Long tensor`);
  const order = given.map((_, i) => i);
  if (!o.enforce_sorted) order.sort((a, b) => given[b] - given[a]);
  const lens = order.map((i) => given[i]);
  const [T, B] = o.batch_first ? [input._shape[1], input._shape[0]] : input._shape;
  if (input.numel() === 0) throw new Error('Cannot pack empty tensors.');
  if (lens.length !== B) throw new Error(`Expected \`len(lengths)\` to be equal to batch_size, but got ${lens.length} (batch_size=${B})`);
  if (!(lens[B - 1] > 0)) {
    throw new Error("Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0");
  }
  if (lens.some((l, i) => i > 0 && l > lens[i - 1])) {
    throw new Error('`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass ' +
      '`enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not ' +
      'need ONNX exportability.');
  }
  const bs: number[] = [];
  const idx: number[] = [];
  for (let t = 0; t < lens[0]; t++) {
    let n = 0;
    while (n < B && lens[n] > t) idx.push(o.batch_first ? order[n++] * T + t : t * B + order[n++]);
    bs.push(n);
  }
  const data = gather([S.reshape(input, [-1, ...input._shape.slice(2)])], idx, [idx.length]);
  return new PackedSequence(data, longs(bs), o.enforce_sorted ? null : longs(order));
}

/**
 * Pads a packed batch back: `[padded (T, B, *), lengths]`, the batch in its original order.
 * @example const [out, lengths] = nn.utils.rnn.pad_packed_sequence(packed, { batch_first: true })
 */
export function pad_packed_sequence(sequence: PackedSequence,
  batch_first?: boolean | { batch_first?: boolean; padding_value?: number; total_length?: number | null },
  padding_value?: number, total_length?: number | null): [Tensor, Tensor] {
  const o = kwargs('pad_packed_sequence', [batch_first, padding_value, total_length],
    { batch_first: false, padding_value: 0, total_length: null as number | null });
  const bs = sequence.batch_sizes.tolist() as number[];
  let T = bs.length;
  if (o.total_length != null) {
    if (o.total_length < T) {
      throw new Error('Expected total_length to be at least the length of the longest sequence in input, but got ' +
        `total_length=${o.total_length} and max sequence length being ${T}`);
    }
    T = o.total_length;
  }
  const u = sequence.unsorted_indices?.tolist() as number[] | undefined;
  const offs = starts(bs);
  const lens = Array.from({ length: bs[0] }, (_, b) => bs.filter((n) => n > (u ? u[b] : b)).length);
  return [padded([sequence.data], T, lens, (t, b) => offs[t] + (u ? u[b] : b), o.batch_first, o.padding_value), longs(lens)];
}

/**
 * Stacks sequences of different lengths (L_i, *) into one padded batch (max L, B, *) (or (B, max L, *)).
 * @example nn.utils.rnn.pad_sequence([a, b, c], { batch_first: true })
 */
export function pad_sequence(sequences: Tensor[], batch_first?: boolean | { batch_first?: boolean; padding_value?: number },
  padding_value?: number): Tensor {
  const o = kwargs('pad_sequence', [batch_first, padding_value], { batch_first: false, padding_value: 0 });
  const lens = sequences.map((s) => s._shape[0]);
  const offs = starts(lens);
  return padded(sequences, Math.max(...lens), lens, (t, b) => offs[b] + t, o.batch_first, o.padding_value);
}

/**
 * Packs a list of sequences (L_i, *): `pack_padded_sequence(pad_sequence(sequences), lengths)`.
 * @example nn.utils.rnn.pack_sequence([a, b], { enforce_sorted: false })
 */
export function pack_sequence(sequences: Tensor[], enforce_sorted?: boolean | { enforce_sorted?: boolean }): PackedSequence {
  const o = kwargs('pack_sequence', [enforce_sorted], { enforce_sorted: true });
  return pack_padded_sequence(pad_sequence(sequences), sequences.map((s) => s._shape[0]), false, o.enforce_sorted);
}
