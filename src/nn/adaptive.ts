// torch.nn.AdaptiveLogSoftmaxWithLoss, after torch/nn/modules/adaptive.py (Grave et al., "Efficient softmax
// approximation for GPUs"): a head over the shortlist and one entry per cluster, and per cluster a two-layer
// projection to its classes. The forward is adaptive.py's op for op (index_copy_, index_fill_, gather, the
// in-place `output +=`), so outputs, losses, gradients and grad_fn names are PyTorch's; the layers are made in
// PyTorch's order, so their initial weights are PyTorch's for a seed.
import { Tensor } from '../tensor.js';
import { formatSize } from '../print.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import { scoped } from '../lifetime.js';
import { Module, initArgs, checkArgs, type Init, type Factory, type FactoryKwargs } from './module.js';
import { Linear, Sequential, ModuleList } from './layers.js';
import * as F from './F.js';
import * as MT from '../ops/methods.js';
import * as O from '../ops/sorting.js';

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/** What the forward returns, as PyTorch's namedtuple `_ASMoutput(output, loss)`: fields, or `const [output, loss] = ...`. */
export class ASMoutput {
  constructor(readonly output: Tensor, readonly loss: Tensor) {}
  *[Symbol.iterator](): IterableIterator<Tensor> {
    yield this.output;
    yield this.loss;
  }
  toString(): string {
    return `_ASMoutput(output=${String(this.output)}, loss=${String(this.loss)})`;
  }
  [inspectCustom](): string {
    return this.toString();
  }
}

/** Python's str() of a RuntimeError raised with two arguments: the tuple's repr. */
function pyTupleError(message: string, size: readonly number[]): Error {
  return new Error(`('${message}', ${formatSize(size)})`);
}

/**
 * Adaptive softmax for large output spaces, as `torch.nn.AdaptiveLogSoftmaxWithLoss(in_features, n_classes, cutoffs,
 * div_value=4.0, head_bias=False)`: `forward(input, target)` gives `{ output, loss }` (the target's log-probabilities
 * and their negated mean), `log_prob(input)` every class's, `predict(input)` the most likely class.
 * @example const asm = new nn.AdaptiveLogSoftmaxWithLoss(16, 100, [10, 40]); const { loss } = asm(x, target)
 */
export class AdaptiveLogSoftmaxWithLoss extends Module {
  readonly cutoffs: number[];
  readonly div_value: number;
  readonly head_bias: boolean;
  readonly shortlist_size: number;
  readonly n_clusters: number;
  readonly head_size: number;
  head: Linear;
  tail: ModuleList;

  readonly in_features: number;
  readonly n_classes: number;
  constructor(...args: Init<[in_features: number, n_classes: number, cutoffs: readonly number[]], ['in_features', 'n_classes', 'cutoffs'],
    [div_value: number, head_bias: boolean, ...Factory], { div_value?: number; head_bias?: boolean } & FactoryKwargs>) {
    super();
    const o = initArgs('AdaptiveLogSoftmaxWithLoss', 0, ['in_features', 'n_classes', 'cutoffs', 'div_value', 'head_bias'], {}, args, [],
      true, 3);
    checkArgs('AdaptiveLogSoftmaxWithLoss', o, { in_features: 'int', n_classes: 'int', div_value: 'float' });
    // whole numbers are PyTorch's own check below
    if (!Array.isArray(o.cutoffs)) checkArgs('AdaptiveLogSoftmaxWithLoss', o, { cutoffs: 'intlist' });
    const { in_features, n_classes } = o as { in_features: number; n_classes: number };
    this.in_features = in_features;
    this.n_classes = n_classes;
    const cs = [...o.cutoffs as number[]];
    if (cs.length === 0) throw new RangeError('min() arg is an empty sequence');
    const sorted = [...cs].sort((a, b) => a - b);
    if (cs.some((c, i) => c !== sorted[i]) || Math.min(...cs) <= 0 || Math.max(...cs) > n_classes - 1 ||
      new Set(cs).size !== cs.length || cs.some((c) => Math.trunc(c) !== c)) {
      throw new RangeError('cutoffs should be a sequence of unique, positive integers sorted in an increasing order, where ' +
        'each value is between 1 and n_classes-1');
    }
    this.cutoffs = [...cs, n_classes];
    this.div_value = o.div_value ?? 4;
    this.head_bias = o.head_bias ?? false;
    this.shortlist_size = this.cutoffs[0];
    this.n_clusters = this.cutoffs.length - 1;
    this.head_size = this.shortlist_size + this.n_clusters;
    this.head = new Linear(in_features, this.head_size, { bias: this.head_bias });
    this.tail = new ModuleList();
    for (let i = 0; i < this.n_clusters; i++) {
      const hsz = Math.floor(in_features / this.div_value ** (i + 1));
      const osz = this.cutoffs[i + 1] - this.cutoffs[i];
      this.tail.append(new Sequential(new Linear(in_features, hsz, { bias: false }), new Linear(hsz, osz, { bias: false })));
    }
  }

  /** Re-initializes the head and every projection, as PyTorch's reset_parameters. */
  reset_parameters(): void {
    this.head.reset_parameters();
    for (const proj of this.tail.children()) for (const lin of proj.children()) (lin as Linear).reset_parameters();
  }

  /** The projection of cluster i (tail[i]). */
  private cluster(i: number): Sequential {
    return [...this.tail.children()][i] as Sequential;
  }

  override forward(input_: Tensor, target_: Tensor): ASMoutput {
    const targDim = target_._shape.length;
    if (targDim === 1) {
      if (input_._shape[0] !== target_._shape[0]) throw new Error('Input and target should have the same size in the batch dimension.');
      if (input_._shape.length !== 2) throw pyTupleError('1D target tensor expects 2D input tensors, but found inputs with size', input_._shape);
    } else if (targDim === 0) {
      if (input_._shape.length !== 1) throw pyTupleError('0D target tensor expects 1D input tensors, but found inputs with size', input_._shape);
    } else {
      throw new Error('0D or 1D target tensor expected, multi-target not supported');
    }
    return scoped(() => this.forwardBatched(input_, target_, targDim > 0), 'the end of the AdaptiveLogSoftmaxWithLoss call that made it (an internal temporary)');
  }

  private forwardBatched(input_: Tensor, target_: Tensor, batched: boolean): ASMoutput {
    const input = batched ? input_ : S.unsqueeze(input_, 0);
    const target = batched ? target_ : S.unsqueeze(target_, 0);
    let usedRows = 0;
    const batchSize = target._shape[0];
    let output = input.new_zeros([batchSize]);
    const gatherInds = target.new_empty([batchSize]);
    const cutoffValues = [0, ...this.cutoffs];
    for (let i = 0; i < cutoffValues.length - 1; i++) {
      const low = cutoffValues[i];
      const high = cutoffValues[i + 1];
      const mask = target.ge(low).logical_and(target.lt(high));
      const rows = S.squeeze(O.nonzero(mask) as Tensor);
      if (rows.numel() === 0) continue;
      if (i === 0) {
        MT.index_copy_(gatherInds, 0, rows, target.index(mask));
      } else {
        const relative = target.index(mask).sub(low);
        const clusterOutput = this.cluster(i - 1)(input.index_select(0, rows)) as Tensor;
        MT.index_fill_(gatherInds, 0, rows, this.shortlist_size + i - 1);
        const clusterLogprob = F.log_softmax(clusterOutput, { dim: 1 });
        const local = clusterLogprob.gather(1, S.unsqueeze(relative, 1));
        MT.index_copy_(output, 0, rows, S.squeeze(local, 1));
      }
      usedRows += rows.numel();
    }
    if (usedRows !== batchSize) {
      throw new Error(`Target values should be in [0, ${this.n_classes - 1}], but values in range [${R.min(target).item()}, ` +
        `${R.max(target).item()}] were found. `);
    }
    const headLogprob = F.log_softmax(this.head(input) as Tensor, { dim: 1 });
    output = output.add_(S.squeeze(headLogprob.gather(1, S.unsqueeze(gatherInds, 1))));
    const loss = output.neg().mean();
    if (!batched) output = S.squeeze(output, 0);
    return new ASMoutput(output, loss);
  }

  /** adaptive.py's _get_full_log_prob: every class's log-probability from the head's output. */
  private fullLogProb(input: Tensor, headOutput: Tensor): Tensor {
    const out = input.new_empty([headOutput._shape[0], this.n_classes]);
    const headLogprob = F.log_softmax(headOutput, { dim: 1 });
    S.narrow(out, 1, 0, this.shortlist_size).copy_(S.narrow(headLogprob, 1, 0, this.shortlist_size));
    for (let i = 0; i < this.n_clusters; i++) {
      const start = this.cutoffs[i];
      const stop = this.cutoffs[i + 1];
      const clusterLogprob = F.log_softmax(this.cluster(i)(input) as Tensor, { dim: 1 });
      const outputLogprob = clusterLogprob.add(S.unsqueeze(S.select(headLogprob, 1, this.shortlist_size + i), 1));
      S.narrow(out, 1, start, stop - start).copy_(outputLogprob);
    }
    return out;
  }

  /** Log-probabilities of every class for each row of input (N, in_features) → (N, n_classes). */
  log_prob(input: Tensor): Tensor {
    return scoped(() => this.fullLogProb(input, this.head(input) as Tensor), 'the end of the log_prob call that made it (an internal temporary)');
  }

  /** The most likely class of each row (int64), computing the full distribution only for rows the head sends to a cluster. */
  predict(input: Tensor): Tensor {
    return scoped(() => {
      const headOutput = this.head(input) as Tensor;
      const output = R.argmax(headOutput, { dim: 1 });
      const notInShortlist = output.ge(this.shortlist_size);
      if (!R.any(notInShortlist).item()) return output;
      if (R.all(notInShortlist).item()) return R.argmax(this.fullLogProb(input, headOutput), { dim: 1 });
      const logProb = this.fullLogProb(input.index(notInShortlist), headOutput.index(notInShortlist));
      output.index_put_([notInShortlist], R.argmax(logProb, { dim: 1 }));
      return output;
    }, 'the end of the predict call that made it (an internal temporary)');
  }
}

