// Loss modules: each holds its options (and a class weight as a buffer, as PyTorch's
// _WeightedLoss) and calls its function in nn.functional.
import { Tensor } from '../tensor.js';
import { Module } from './module.js';
import { F } from './F.js';
import type { Reduction } from './functional.js';

abstract class Loss extends Module {
  readonly reduction: Reduction;
  constructor(opts: { reduction?: Reduction } = {}) {
    super();
    const r = opts.reduction ?? 'mean';
    this.reduction = r;
  }
}

abstract class WeightedLoss extends Loss {
  declare weight: Tensor | null;
  constructor(opts: { weight?: Tensor | null; reduction?: Reduction } = {}) {
    super(opts);
    this.register_buffer('weight', opts.weight ?? null);
  }
}

/** mean(|x - y|). @example new nn.L1Loss({ reduction: 'sum' }) */
export class L1Loss extends Loss {
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.l1_loss(input, target, { reduction: this.reduction });
  }
}

/** mean((x - y)²); the output's grad_fn is MseLossBackward0. @example new nn.MSELoss() */
export class MSELoss extends Loss {
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.mse_loss(input, target, { reduction: this.reduction });
  }
}

/**
 * log_softmax + nll_loss, with class-index or class-probability targets.
 * @example new nn.CrossEntropyLoss({ weight, ignore_index: 0, label_smoothing: 0.1 })
 */
export class CrossEntropyLoss extends WeightedLoss {
  readonly ignore_index: number;
  readonly label_smoothing: number;
  constructor(opts: { weight?: Tensor | null; ignore_index?: number; reduction?: Reduction; label_smoothing?: number } = {}) {
    super(opts);
    this.ignore_index = opts.ignore_index ?? -100;
    this.label_smoothing = opts.label_smoothing ?? 0;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.cross_entropy(input, target, this.weight, {
      ignore_index: this.ignore_index, reduction: this.reduction, label_smoothing: this.label_smoothing,
    });
  }
}

/** Negative log likelihood of log-probabilities. */
export class NLLLoss extends WeightedLoss {
  readonly ignore_index: number;
  constructor(opts: { weight?: Tensor | null; ignore_index?: number; reduction?: Reduction } = {}) {
    super(opts);
    this.ignore_index = opts.ignore_index ?? -100;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.nll_loss(input, target, this.weight, { ignore_index: this.ignore_index, reduction: this.reduction });
  }
}

export class PoissonNLLLoss extends Loss {
  readonly log_input: boolean;
  readonly full: boolean;
  readonly eps: number;
  constructor(opts: { log_input?: boolean; full?: boolean; eps?: number; reduction?: Reduction } = {}) {
    super(opts);
    this.log_input = opts.log_input ?? true;
    this.full = opts.full ?? false;
    this.eps = opts.eps ?? 1e-8;
  }
  override forward(log_input: Tensor, target: Tensor): Tensor {
    return F.poisson_nll_loss(log_input, target, { log_input: this.log_input, full: this.full, eps: this.eps, reduction: this.reduction });
  }
}

export class GaussianNLLLoss extends Loss {
  readonly full: boolean;
  readonly eps: number;
  constructor(opts: { full?: boolean; eps?: number; reduction?: Reduction } = {}) {
    super(opts);
    this.full = opts.full ?? false;
    this.eps = opts.eps ?? 1e-6;
  }
  override forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return F.gaussian_nll_loss(input, target, variance, { full: this.full, eps: this.eps, reduction: this.reduction });
  }
}

/** KL divergence; `reduction: 'batchmean'` is the mathematically correct mean. */
export class KLDivLoss extends Module {
  readonly reduction: Reduction | 'batchmean';
  readonly log_target: boolean;
  constructor(opts: { reduction?: Reduction | 'batchmean'; log_target?: boolean } = {}) {
    super();
    this.reduction = opts.reduction ?? 'mean';
    this.log_target = opts.log_target ?? false;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.kl_div(input, target, { reduction: this.reduction, log_target: this.log_target });
  }
}

/** Binary cross entropy of probabilities. */
export class BCELoss extends WeightedLoss {
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy(input, target, this.weight, { reduction: this.reduction });
  }
}

/** Sigmoid + binary cross entropy, numerically stable, with pos_weight. */
export class BCEWithLogitsLoss extends Loss {
  declare weight: Tensor | null;
  declare pos_weight: Tensor | null;
  constructor(opts: { weight?: Tensor | null; reduction?: Reduction; pos_weight?: Tensor | null } = {}) {
    super(opts);
    this.register_buffer('weight', opts.weight ?? null);
    this.register_buffer('pos_weight', opts.pos_weight ?? null);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy_with_logits(input, target, this.weight, { pos_weight: this.pos_weight, reduction: this.reduction });
  }
}

export class MarginRankingLoss extends Loss {
  readonly margin: number;
  constructor(opts: { margin?: number; reduction?: Reduction } = {}) {
    super(opts);
    this.margin = opts.margin ?? 0;
  }
  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.margin_ranking_loss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}

export class HingeEmbeddingLoss extends Loss {
  readonly margin: number;
  constructor(opts: { margin?: number; reduction?: Reduction } = {}) {
    super(opts);
    this.margin = opts.margin ?? 1;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.hinge_embedding_loss(input, target, { margin: this.margin, reduction: this.reduction });
  }
}

export class MultiLabelMarginLoss extends Loss {
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.multilabel_margin_loss(input, target, { reduction: this.reduction });
  }
}

export class HuberLoss extends Loss {
  readonly delta: number;
  constructor(opts: { delta?: number; reduction?: Reduction } = {}) {
    super(opts);
    this.delta = opts.delta ?? 1;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.huber_loss(input, target, { delta: this.delta, reduction: this.reduction });
  }
}

export class SmoothL1Loss extends Loss {
  readonly beta: number;
  constructor(opts: { beta?: number; reduction?: Reduction } = {}) {
    super(opts);
    this.beta = opts.beta ?? 1;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.smooth_l1_loss(input, target, { beta: this.beta, reduction: this.reduction });
  }
}

export class SoftMarginLoss extends Loss {
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.soft_margin_loss(input, target, { reduction: this.reduction });
  }
}

export class MultiLabelSoftMarginLoss extends WeightedLoss {
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.multilabel_soft_margin_loss(input, target, this.weight, { reduction: this.reduction });
  }
}

export class CosineEmbeddingLoss extends Loss {
  readonly margin: number;
  constructor(opts: { margin?: number; reduction?: Reduction } = {}) {
    super(opts);
    this.margin = opts.margin ?? 0;
  }
  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.cosine_embedding_loss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}

export class MultiMarginLoss extends WeightedLoss {
  readonly p: number;
  readonly margin: number;
  constructor(opts: { p?: number; margin?: number; weight?: Tensor | null; reduction?: Reduction } = {}) {
    super(opts);
    this.p = opts.p ?? 1;
    this.margin = opts.margin ?? 1;
    if (this.p !== 1 && this.p !== 2) throw new Error('only p == 1 and p == 2 supported');
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.multi_margin_loss(input, target, { p: this.p, margin: this.margin, weight: this.weight, reduction: this.reduction });
  }
}

export class TripletMarginLoss extends Loss {
  readonly margin: number;
  readonly p: number;
  readonly eps: number;
  readonly swap: boolean;
  constructor(opts: { margin?: number; p?: number; eps?: number; swap?: boolean; reduction?: Reduction } = {}) {
    super(opts);
    this.margin = opts.margin ?? 1;
    this.p = opts.p ?? 2;
    this.eps = opts.eps ?? 1e-6;
    this.swap = opts.swap ?? false;
  }
  override forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return F.triplet_margin_loss(anchor, positive, negative, { margin: this.margin, p: this.p, eps: this.eps, swap: this.swap, reduction: this.reduction });
  }
}

export class TripletMarginWithDistanceLoss extends Loss {
  readonly distance_function: ((a: Tensor, b: Tensor) => Tensor) | null;
  readonly margin: number;
  readonly swap: boolean;
  constructor(opts: { distance_function?: ((a: Tensor, b: Tensor) => Tensor) | null; margin?: number; swap?: boolean; reduction?: Reduction } = {}) {
    super(opts);
    this.distance_function = opts.distance_function ?? null;
    this.margin = opts.margin ?? 1;
    this.swap = opts.swap ?? false;
    if (this.margin <= 0) throw new Error(`TripletMarginWithDistanceLoss: expected margin to be greater than 0, got ${this.margin} instead`);
  }
  override forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return F.triplet_margin_with_distance_loss(anchor, positive, negative, {
      distance_function: this.distance_function, margin: this.margin, swap: this.swap, reduction: this.reduction,
    });
  }
}
