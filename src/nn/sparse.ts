// nn.EmbeddingBag and F.embedding_bag, after torch/nn/modules/sparse.py, torch/nn/functional.py and
// ATen's EmbeddingBag.cpp: the same argument checks and messages, bags reduced by 'sum', 'mean' or 'max'
// (empty bags give zeros, padding_idx entries are left out of their bag). Composed from embedding (the
// row lookup; scale_grad_by_freq scales its gradient as ATen's CPU backward does), index_select (per_sample_weights), scatter_add (the bag
// sums, in index order as ATen adds them) and scatter_reduce's amax: the gradients come from those ops.
import { Tensor } from '../tensor.js';
import { float32, int64 } from '../dtype.js';
import { no_grad, record } from '../autograd.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { scatterReduceQuiet as scatter_reduce } from '../ops/extra.js';
import { sort, unique } from '../ops/sorting.js';
import { K, I32 } from '../backend/wasm.js';
import { formatSize } from '../print.js';
import { bind } from '../optim/optimizer.js';
import { tensorArg } from '../ops/kw.js';
import { NotImplementedError } from '../distributions/utils.js';
import { embedding, embeddingRenorm, named } from './functional.js';
import { Module, Parameter, ownParameter, Args, Init, Factory, FactoryKwargs, initArgs, checkArgs } from './module.js';
import * as F from './F.js';
import * as init from './init.js';
import { pyFloat } from './layers.js';
import { scalarName } from '../ops/util.js';

export type EmbeddingBagMode = 'sum' | 'mean' | 'max';

export interface EmbeddingBagOptions {
  offsets?: Tensor | null;
  max_norm?: number | null;
  norm_type?: number;
  scale_grad_by_freq?: boolean;
  mode?: EmbeddingBagMode;
  sparse?: boolean;
  per_sample_weights?: Tensor | null;
  include_last_offset?: boolean;
  padding_idx?: number | null;
}

const typeName = (t: Tensor) => (scalarName(t.dtype));

function checkIndices(t: Tensor): void {
  if (t.dtype !== int64) {
    throw new TypeError("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; " +
      `but got torch.${typeName(t)}Tensor instead (while checking arguments for embedding_bag)`);
  }
}

/**
 * Sums, averages or takes the max of bags of rows of `weight` (num_embeddings, dim), as
 * `torch.nn.functional.embedding_bag`: a 1-D `input` cut into bags at `offsets`, or a 2-D input of
 * fixed-size bags (one per row). Arguments after (input, weight) in PyTorch's order: offsets, max_norm,
 * norm_type, scale_grad_by_freq, mode ('mean'), sparse, per_sample_weights ('sum' only),
 * include_last_offset, padding_idx.
 * @example F.embedding_bag(torch.tensor([1, 2, 4, 5, 4, 3]), weight, torch.tensor([0, 4]), { mode: 'sum' })
 */
export function embedding_bag(input: Tensor, ...args: Init<[weight: Tensor], ['weight'], [offsets: Tensor | null, max_norm: number | null,
  norm_type: number, scale_grad_by_freq: boolean, mode: EmbeddingBagMode, sparse: boolean, per_sample_weights: Tensor | null,
  include_last_offset: boolean, padding_idx: number | null], EmbeddingBagOptions>): Tensor {
  const { weight: w, ...o } = bind('embedding_bag', ['weight', 'offsets', 'max_norm',
    'norm_type', 'scale_grad_by_freq', 'mode', 'sparse', 'per_sample_weights', 'include_last_offset', 'padding_idx'], [], {
    offsets: null, max_norm: null, norm_type: 2, scale_grad_by_freq: false, mode: 'mean', sparse: false, per_sample_weights: null,
    include_last_offset: false, padding_idx: null,
  }, args, 1, true, true) as EmbeddingBagOptions & { weight: unknown };
  const weight = tensorArg('embedding_bag', 'weight', 2, w);
  let psw = o.per_sample_weights ?? null;
  let offsets = o.offsets ?? null;
  if (psw && input._shape.join() !== psw._shape.join()) {
    throw new RangeError(`embedding_bag: If per_sample_weights (${formatSize(psw._shape)}) is not None, then it must have ` +
      `the same shape as the input (${formatSize(input._shape)})`);
  }
  let flat = input;
  const nd = input._shape.length;
  if (nd === 2) {
    if (offsets) {
      throw new RangeError('if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length ' +
        "sequences. However, found offsets of type <class 'torch.Tensor'>");
    }
    const [b, n] = input._shape;
    if (n === 0 && b > 0) throw new RangeError('step must be nonzero');
    offsets = C.tensor(Array.from({ length: n === 0 ? 0 : b }, (_, i) => i * n), { dtype: int64 });
    flat = S.reshape(input, [-1]);
    if (psw) psw = S.reshape(psw, [-1]);
  } else if (nd === 1) {
    if (!offsets) throw new RangeError('offsets has to be a 1D Tensor but got None');
    if (offsets._shape.length !== 1) throw new RangeError('offsets has to be a 1D Tensor');
  } else {
    throw new RangeError(`input has to be 1D or 2D Tensor, but got Tensor of dimension ${nd}`);
  }
  const mode = o.mode ?? 'mean';
  if (mode === 'max') {
    if (o.scale_grad_by_freq) throw new RangeError('max mode does not support scaling the gradient by the frequency');
    if (o.sparse) throw new RangeError('max mode does not support sparse weights');
  } else if (mode !== 'sum' && mode !== 'mean') {
    throw new RangeError('mode has to be one of sum, mean or max');
  }
  checkIndices(flat);
  checkIndices(offsets!);
  if (weight._shape.length !== 2) throw new Error("'weight' must be 2-D");
  const [num, dim] = weight._shape;
  const fc = flat.contiguous();
  const oc = offsets!.contiguous();
  const n = fc.numel();
  const nOffs = oc.numel();
  const offAt = (i: number) => I32()[(oc._ptr() >>> 2) + i];
  if (nOffs > 0) {
    if (offAt(0) !== 0) {
      throw new Error('offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. ' +
        `However, got ${offAt(0)}\n[ torch.LongTensor{} ]`);
    }
    const last = offAt(nOffs - 1);
    if (last > n) throw new Error(`offsets[-1] can not be greater than input's length ${n} but got offsets[-1] of ${last}`);
  }
  const [lo, hi] = n ? S.indexRange(fc) : [0, -1];
  if (lo < 0 || hi >= num) {
    // the message names the first index out of range
    const ids = fc.dataSync();
    const i = ids.findIndex((v) => v < 0 || v >= num);
    throw new RangeError(`[enforce fail at embedding_lookup_idx.cc:214] 0 <= idx && idx < data_size. Index ${i} is out of ` +
      `bounds: ${ids[i]}, range 0 to ${num}`);
  }
  if (nOffs > 0 && S.indexRange(oc)[0] < 0) throw new RangeError('index out of range in self');
  let pad = o.padding_idx ?? null;
  if (pad !== null && pad < 0) pad += num;
  if (o.max_norm != null) embeddingRenorm(weight, flat.contiguous(), o.max_norm, o.norm_type ?? 2);
  if (psw && mode !== 'sum') {
    throw new NotImplementedError('embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for ' +
      `mode='sum' (got mode='${mode}'). Please open a feature request on GitHub.`);
  }

  // Each index's bag (include_last_offset: the last offset only closes the last bag); padding left out.
  const bags = o.include_last_offset ? Math.max(nOffs - 1, 0) : nOffs;
  const count = Tensor._empty([bags], int64);
  const padWord = pad !== null && Number.isInteger(pad) ? pad : -1; // ids are >= 0: -1 matches none
  const pass = (keepP: number, bagP: number) => K.bag_index_32(keepP, bagP, count._ptr(), fc._ptr(), oc._ptr(), n, bags, nOffs, padWord);
  // a counting pass first: decreasing offsets make bags overlap, so more than n may be kept
  const nk = bags > 0 ? pass(0, 0) : 0;
  const keep = Tensor._empty([nk], int64);
  const bagOf = Tensor._empty([nk], int64);
  if (nk > 0) pass(keep._ptr(), bagOf._ptr());
  const kept = S.index_select(fc, 0, keep);
  let rows = embedding(kept, weight);
  if (o.scale_grad_by_freq && nk) {
    // As PyTorch 1.13's CPU backward (_embedding_bag_dense_backward_cpu_sum_mean): the r-th distinct index (in
    // sorted order) is divided by the count of sorted_indices[r], not of itself, so [7, 7, 7, 1, 3, 3] divides
    // row 7's gradient by 2. recip[v] = float(1.0 / count of v).
    const [u, inv] = unique(fc, { return_inverse: true }) as Tensor[];
    const sorted = sort(fc).values;
    const recip = Tensor._empty([num], float32);
    K.bincount_32(recip._ptr(), fc._ptr(), 0, n, num, 3, 0);
    const byRank = S.index_select(recip, 0, S.narrow(sorted, 0, 0, u.numel()));
    const scale = S.reshape(S.index_select(byRank, 0, S.index_select(inv, 0, keep)), [nk, 1]);
    rows = record('EmbeddingBagScaleBackward', rows.detach(), [rows], [scale], (g, [sc]) => [E.mul(g, sc)]);
  }
  if (psw) rows = E.mul(rows, S.unsqueeze(S.index_select(psw, 0, keep), 1));
  const where = S.expand(S.unsqueeze(bagOf, 1), [nk, dim]);
  const zeros = C.zeros([bags, dim]);
  let out: Tensor;
  if (mode === 'max') {
    out = scatter_reduce(zeros, 0, where, rows, 'amax', { include_self: false });
  } else {
    out = S.scatter_add(zeros, 0, where, rows);
    if (mode === 'mean') out = E.div(out, S.reshape(E.cast(E.where(E.gt(count, 0), count, 1), float32), [bags, 1]));
  }
  return named('EmbeddingBagBackward0', out);
}

export interface EmbeddingBagModuleOptions extends FactoryKwargs {
  max_norm?: number | null;
  norm_type?: number;
  scale_grad_by_freq?: boolean;
  mode?: EmbeddingBagMode;
  sparse?: boolean;
  _weight?: Tensor | null;
  include_last_offset?: boolean;
  padding_idx?: number | null;
}

type BagArgs = [max_norm: number | null, norm_type: number, scale_grad_by_freq: boolean, mode: EmbeddingBagMode, sparse: boolean,
  _weight: Tensor | null, include_last_offset: boolean, padding_idx: number | null, ...Factory];
const BAG_ARGS = ['max_norm', 'norm_type', 'scale_grad_by_freq', 'mode', 'sparse', '_weight', 'include_last_offset', 'padding_idx'];

/**
 * Sums, averages or takes the max of bags of embeddings without making the (bag, index, dim) tensor, as
 * `torch.nn.EmbeddingBag(num_embeddings, embedding_dim, max_norm, norm_type, scale_grad_by_freq, mode='mean',
 * sparse, _weight, include_last_offset, padding_idx)`; weights N(0, 1) as PyTorch draws them.
 * `sparse` is stored (the gradient is dense). The forward takes `(input, offsets?, per_sample_weights?)`.
 * @example new nn.EmbeddingBag(10, 3, { mode: 'sum' })(torch.tensor([1, 2, 4, 5, 4, 3]), torch.tensor([0, 4]))
 */
export class EmbeddingBag extends Module {
  weight: Parameter;
  max_norm: number | null;
  norm_type: number;
  scale_grad_by_freq: boolean;
  mode: EmbeddingBagMode;
  sparse: boolean;
  include_last_offset: boolean;
  padding_idx: number | null;
  readonly num_embeddings: number;
  readonly embedding_dim: number;
  constructor(...args: Init<[num_embeddings: number, embedding_dim: number], ['num_embeddings', 'embedding_dim'], BagArgs,
    EmbeddingBagModuleOptions>) {
    super();
    const opts = initArgs('EmbeddingBag', 0, ['num_embeddings', 'embedding_dim', ...BAG_ARGS], {}, args, [], true, 2);
    checkArgs('EmbeddingBag', opts, { num_embeddings: 'int', embedding_dim: 'int', max_norm: 'float?', norm_type: 'float', mode: 'str',
      padding_idx: 'int?' });
    const { num_embeddings, embedding_dim } = opts as { num_embeddings: number; embedding_dim: number };
    this.num_embeddings = num_embeddings;
    this.embedding_dim = embedding_dim;
    this.max_norm = opts.max_norm ?? null;
    this.norm_type = opts.norm_type ?? 2;
    this.scale_grad_by_freq = opts.scale_grad_by_freq ?? false;
    let pad: number | null = opts.padding_idx ?? null;
    if (pad !== null) {
      if (pad >= num_embeddings || pad < -num_embeddings) throw new Error('padding_idx must be within num_embeddings');
      if (pad < 0) pad += num_embeddings;
    }
    this.padding_idx = pad;
    if (opts._weight) {
      if (opts._weight._shape.join() !== [num_embeddings, embedding_dim].join()) {
        throw new Error('Shape of weight does not match num_embeddings and embedding_dim');
      }
      this.weight = new Parameter(opts._weight);
    } else {
      this.weight = ownParameter(Tensor._empty([num_embeddings, embedding_dim], float32));
      this.reset_parameters();
    }
    this.mode = opts.mode ?? 'mean';
    this.sparse = opts.sparse ?? false;
    this.include_last_offset = opts.include_last_offset ?? false;
  }
  reset_parameters(): void {
    init.normal_(this.weight);
    if (this.padding_idx !== null) no_grad(() => E.fill_(S.select(this.weight.detach(), 0, this.padding_idx!), 0));
  }
  /** An EmbeddingBag holding `embeddings` (frozen unless `freeze: false`). */
  static from_pretrained(embeddings: Tensor, ...args: Args<[freeze: boolean, max_norm: number | null, norm_type: number,
    scale_grad_by_freq: boolean, mode: EmbeddingBagMode, sparse: boolean, include_last_offset: boolean, padding_idx: number | null],
    Omit<EmbeddingBagModuleOptions, '_weight'> & { freeze?: boolean }>): EmbeddingBag {
    const { freeze, ...opts } = bind('from_pretrained', ['freeze', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'mode', 'sparse',
      'include_last_offset', 'padding_idx'], [], {
      freeze: true, max_norm: null, norm_type: 2, scale_grad_by_freq: false, mode: 'mean', sparse: false, include_last_offset: false,
      padding_idx: null,
    }, args, 2, true);
    if (embeddings._shape.length !== 2) throw new Error('Embeddings parameter is expected to be 2-dimensional');
    const [rows, cols] = embeddings._shape;
    const e = new EmbeddingBag(rows, cols, { ...opts, _weight: embeddings });
    e.weight.requires_grad = !freeze;
    return e;
  }
  override forward(input: Tensor, offsets: Tensor | null = null, per_sample_weights: Tensor | null = null): Tensor {
    return F.embedding_bag(input, this.weight, offsets, this.max_norm, this.norm_type, this.scale_grad_by_freq, this.mode,
      this.sparse, per_sample_weights, this.include_last_offset, this.padding_idx);
  }
  override extra_repr(): string {
    let s = `${this.num_embeddings}, ${this.embedding_dim}`;
    if (this.max_norm !== null) s += `, max_norm=${pyFloat(this.max_norm)}`;
    if (this.norm_type !== 2) s += `, norm_type=${pyFloat(this.norm_type)}`;
    if (this.scale_grad_by_freq) s += ', scale_grad_by_freq=True';
    s += `, mode=${this.mode}`;
    if (this.padding_idx !== null) s += `, padding_idx=${this.padding_idx}`;
    return s;
  }
}
