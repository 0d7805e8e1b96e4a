// Loss modules: each holds its options (and a class weight as a buffer, as PyTorch's
// _WeightedLoss) and calls its function in nn.functional. The constructors take PyTorch's arguments by
// position or in an options object, the deprecated size_average/reduce included (they set reduction).
import { Tensor } from '../tensor.js';
import { Module, Args, initArgs } from './module.js';
import * as F from './F.js';
import { legacyReduction, type Reduction } from './functional.js';
import { warnOnce } from '../warn.js';

const SR = ['size_average', 'reduce', 'reduction'];
/** Each loss's `__init__` parameters in PyTorch 1.13's order (kw: keyword-only) and their defaults. */
const SPEC: Record<string, [string[], Record<string, unknown>, string[]?]> = {
  CrossEntropyLoss: [['weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'], { ignore_index: -100, label_smoothing: 0 }],
  NLLLoss: [['weight', 'size_average', 'ignore_index', 'reduce', 'reduction'], { ignore_index: -100 }],
  NLLLoss2d: [['weight', 'size_average', 'ignore_index', 'reduce', 'reduction'], { ignore_index: -100 }],
  PoissonNLLLoss: [['log_input', 'full', 'size_average', 'eps', 'reduce', 'reduction'], { log_input: true, full: false, eps: 1e-8 }],
  GaussianNLLLoss: [[], { full: false, eps: 1e-6 }, ['full', 'eps', 'reduction']],
  KLDivLoss: [[...SR, 'log_target'], { log_target: false }],
  BCELoss: [['weight', ...SR], {}],
  MultiLabelSoftMarginLoss: [['weight', ...SR], {}],
  BCEWithLogitsLoss: [['weight', ...SR, 'pos_weight'], { pos_weight: null }],
  MarginRankingLoss: [['margin', ...SR], { margin: 0 }],
  HingeEmbeddingLoss: [['margin', ...SR], { margin: 1 }],
  CosineEmbeddingLoss: [['margin', ...SR], { margin: 0 }],
  CTCLoss: [['blank', 'reduction', 'zero_infinity'], { blank: 0, zero_infinity: false }],
  HuberLoss: [['reduction', 'delta'], { delta: 1 }],
  SmoothL1Loss: [[...SR, 'beta'], { beta: 1 }],
  MultiMarginLoss: [['p', 'margin', 'weight', ...SR], { p: 1, margin: 1 }],
  TripletMarginLoss: [['margin', 'p', 'eps', 'swap', ...SR], { margin: 1, p: 2, eps: 1e-6, swap: false }],
  TripletMarginWithDistanceLoss: [[], { distance_function: null, margin: 1, swap: false }, ['distance_function', 'margin', 'swap', 'reduction']],
};
type SR = [size_average: boolean | null, reduce: boolean | null, reduction: Reduction];
type RO = { reduction?: Reduction; size_average?: boolean | null; reduce?: boolean | null };
type WO = RO & { weight?: Tensor | null };

abstract class Loss extends Module {
  reduction!: Reduction;  // an attribute forward reads, which a subclass may set (d2l.ai's MaskedSoftmaxCELoss)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(...args: any[]) {
    super();
    const cls = new.target.name;
    const [names, defaults, kw] = SPEC[cls] ?? [SR, {}];
    const o = initArgs(cls, 0, names, { size_average: null, reduce: null, reduction: 'mean', weight: null, ...defaults }, args, kw, false);
    const { size_average, reduce, weight, ...rest } = o;
    rest.reduction = legacyReduction(size_average, reduce) ?? rest.reduction;
    if (names.includes('weight')) this.register_buffer('weight', weight);
    if ('pos_weight' in rest) this.register_buffer('pos_weight', rest.pos_weight);
    delete rest.pos_weight;
    Object.assign(this, rest);
  }
}

abstract class WeightedLoss extends Loss {
  declare weight: Tensor | null;
}

/** mean(|x - y|). @example new nn.L1Loss({ reduction: 'sum' }) */
export class L1Loss extends Loss {
  constructor(...args: Args<SR, RO>) {
    super(...args);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.l1_loss(input, target, { reduction: this.reduction });
  }
}

/** mean((x - y)²); the output's grad_fn is MseLossBackward0. @example new nn.MSELoss() */
export class MSELoss extends Loss {
  constructor(...args: Args<SR, RO>) {
    super(...args);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.mse_loss(input, target, { reduction: this.reduction });
  }
}

/**
 * log_softmax + nll_loss, with class-index or class-probability targets.
 * @example new nn.CrossEntropyLoss({ weight, ignore_index: 0, label_smoothing: 0.1 })
 */
export class CrossEntropyLoss extends WeightedLoss {
  declare readonly ignore_index: number;
  declare readonly label_smoothing: number;
  constructor(...args: Args<[weight: Tensor | null, size_average: boolean | null, ignore_index: number, reduce: boolean | null, reduction: Reduction, label_smoothing: number], WO & { ignore_index?: number; label_smoothing?: number }>) {
    super(...args);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.cross_entropy(input, target, this.weight, {
      ignore_index: this.ignore_index, reduction: this.reduction, label_smoothing: this.label_smoothing,
    });
  }
}

/** Negative log likelihood of log-probabilities. */
export class NLLLoss extends WeightedLoss {
  declare readonly ignore_index: number;
  constructor(...args: Args<[weight: Tensor | null, size_average: boolean | null, ignore_index: number, reduce: boolean | null, reduction: Reduction], WO & { ignore_index?: number }>) {
    super(...args);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.nll_loss(input, target, this.weight, { ignore_index: this.ignore_index, reduction: this.reduction });
  }
}

/**
 * The deprecated 2-D form of NLLLoss, as `torch.nn.NLLLoss2d`: NLLLoss itself (it takes (N, C, H, W) inputs too), with
 * PyTorch's warning. @example new nn.NLLLoss2d()(torch.randn(2, 3, 4, 4).log_softmax(1), torch.randint(0, 3, [2, 4, 4]))
 */
export class NLLLoss2d extends NLLLoss {
  constructor(...args: Args<[weight: Tensor | null, size_average: boolean | null, ignore_index: number, reduce: boolean | null, reduction: Reduction], WO & { ignore_index?: number }>) {
    warnOnce('NLLLoss2d', 'NLLLoss2d has been deprecated. Please use NLLLoss instead as a drop-in replacement and see ' +
      'https://pytorch.org/docs/master/nn.html#torch.nn.NLLLoss for more details.');
    super(...args);
  }
}

export class PoissonNLLLoss extends Loss {
  declare readonly log_input: boolean;
  declare readonly full: boolean;
  declare readonly eps: number;
  constructor(...args: Args<[log_input: boolean, full: boolean, size_average: boolean | null, eps: number, reduce: boolean | null, reduction: Reduction], RO & { log_input?: boolean; full?: boolean; eps?: number }>) {
    super(...args);
  }
  override forward(log_input: Tensor, target: Tensor): Tensor {
    return F.poisson_nll_loss(log_input, target, { log_input: this.log_input, full: this.full, eps: this.eps, reduction: this.reduction });
  }
}

export class GaussianNLLLoss extends Loss {
  declare readonly full: boolean;
  declare readonly eps: number;
  constructor(...args: [opts?: { full?: boolean; eps?: number; reduction?: Reduction }]) {
    super(...args);
  }
  override forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return F.gaussian_nll_loss(input, target, variance, { full: this.full, eps: this.eps, reduction: this.reduction });
  }
}

/** KL divergence; `reduction: 'batchmean'` is the mathematically correct mean. */
export class KLDivLoss extends Loss {
  declare reduction: Reduction;
  declare readonly log_target: boolean;
  constructor(...args: Args<[...SR, log_target: boolean], { reduction?: Reduction | 'batchmean'; size_average?: boolean | null; reduce?: boolean | null; log_target?: boolean }>) {
    super(...args);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.kl_div(input, target, { reduction: this.reduction, log_target: this.log_target });
  }
}

/** Binary cross entropy of probabilities. */
export class BCELoss extends WeightedLoss {
  constructor(...args: Args<[weight: Tensor | null, ...SR], WO>) {
    super(...args);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy(input, target, this.weight, { reduction: this.reduction });
  }
}

/** Sigmoid + binary cross entropy, numerically stable, with pos_weight. */
export class BCEWithLogitsLoss extends Loss {
  declare weight: Tensor | null;
  declare pos_weight: Tensor | null;
  constructor(...args: Args<[weight: Tensor | null, ...SR, pos_weight: Tensor | null], WO & { pos_weight?: Tensor | null }>) {
    super(...args);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy_with_logits(input, target, this.weight, { pos_weight: this.pos_weight, reduction: this.reduction });
  }
}

export class MarginRankingLoss extends Loss {
  declare readonly margin: number;
  constructor(...args: Args<[margin: number, ...SR], RO & { margin?: number }>) {
    super(...args);
  }
  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.margin_ranking_loss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}

export class HingeEmbeddingLoss extends Loss {
  declare readonly margin: number;
  constructor(...args: Args<[margin: number, ...SR], RO & { margin?: number }>) {
    super(...args);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.hinge_embedding_loss(input, target, { margin: this.margin, reduction: this.reduction });
  }
}

export class MultiLabelMarginLoss extends Loss {
  constructor(...args: Args<SR, RO>) {
    super(...args);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.multilabel_margin_loss(input, target, { reduction: this.reduction });
  }
}

export class HuberLoss extends Loss {
  declare readonly delta: number;
  constructor(...args: Args<[reduction: Reduction, delta: number], { reduction?: Reduction; delta?: number }>) {
    super(...args);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.huber_loss(input, target, { delta: this.delta, reduction: this.reduction });
  }
}

export class SmoothL1Loss extends Loss {
  declare readonly beta: number;
  constructor(...args: Args<[...SR, beta: number], RO & { beta?: number }>) {
    super(...args);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.smooth_l1_loss(input, target, { beta: this.beta, reduction: this.reduction });
  }
}

export class SoftMarginLoss extends Loss {
  constructor(...args: Args<SR, RO>) {
    super(...args);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.soft_margin_loss(input, target, { reduction: this.reduction });
  }
}

export class MultiLabelSoftMarginLoss extends WeightedLoss {
  constructor(...args: Args<[weight: Tensor | null, ...SR], WO>) {
    super(...args);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.multilabel_soft_margin_loss(input, target, this.weight, { reduction: this.reduction });
  }
}

export class CosineEmbeddingLoss extends Loss {
  declare readonly margin: number;
  constructor(...args: Args<[margin: number, ...SR], RO & { margin?: number }>) {
    super(...args);
  }
  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.cosine_embedding_loss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}

/**
 * Connectionist temporal classification: log_probs (T, N, C) from log_softmax, targets, input and target
 * lengths. @example new nn.CTCLoss({ blank: 0, zero_infinity: true })
 */
export class CTCLoss extends Loss {
  declare readonly blank: number;
  declare readonly zero_infinity: boolean;
  constructor(...args: Args<[blank: number, reduction: Reduction, zero_infinity: boolean],
    { blank?: number; reduction?: Reduction; zero_infinity?: boolean }>) {
    super(...args);
  }
  override forward(log_probs: Tensor, targets: Tensor, input_lengths: Tensor | readonly number[],
    target_lengths: Tensor | readonly number[]): Tensor {
    return F.ctc_loss(log_probs, targets, input_lengths, target_lengths, this.blank, this.reduction, this.zero_infinity);
  }
}

export class MultiMarginLoss extends WeightedLoss {
  declare readonly p: number;
  declare readonly margin: number;
  constructor(...args: Args<[p: number, margin: number, weight: Tensor | null, ...SR], WO & { p?: number; margin?: number }>) {
    super(...args);
    if (this.p !== 1 && this.p !== 2) throw new Error('only p == 1 and p == 2 supported');
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.multi_margin_loss(input, target, { p: this.p, margin: this.margin, weight: this.weight, reduction: this.reduction });
  }
}

export class TripletMarginLoss extends Loss {
  declare readonly margin: number;
  declare readonly p: number;
  declare readonly eps: number;
  declare readonly swap: boolean;
  constructor(...args: Args<[margin: number, p: number, eps: number, swap: boolean, ...SR], RO & { margin?: number; p?: number; eps?: number; swap?: boolean }>) {
    super(...args);
  }
  override forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return F.triplet_margin_loss(anchor, positive, negative, { margin: this.margin, p: this.p, eps: this.eps, swap: this.swap, reduction: this.reduction });
  }
}

export class TripletMarginWithDistanceLoss extends Loss {
  declare readonly distance_function: ((a: Tensor, b: Tensor) => Tensor) | null;
  declare readonly margin: number;
  declare readonly swap: boolean;
  constructor(...args: [opts?: { distance_function?: ((a: Tensor, b: Tensor) => Tensor) | null; margin?: number; swap?: boolean; reduction?: Reduction }]) {
    super(...args);
    if (this.margin <= 0) throw new Error(`TripletMarginWithDistanceLoss: expected margin to be greater than 0, got ${this.margin} instead`);
  }
  override forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return F.triplet_margin_with_distance_loss(anchor, positive, negative, {
      distance_function: this.distance_function, margin: this.margin, swap: this.swap, reduction: this.reduction,
    });
  }
}
