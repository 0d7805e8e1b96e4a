// torch.optim.lr_scheduler: learning-rate schedules as torch/optim/lr_scheduler.py of PyTorch 1.13,
// with the same recursive ("chainable") formulas, so the numbers match PyTorch's exactly.
// `new StepLR(opt, { step_size: 3, gamma: 0.5 })` or `new StepLR(opt, 3, { gamma: 0.5 })`.
import { Tensor } from '../tensor.js';
import { Optimizer, bindArgs, isPlainObject, pyNum } from './optimizer.js';
import { warnOnce } from '../warn.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Dict = Record<string, any>;

function checkOptimizer(optimizer: unknown): asserts optimizer is Optimizer {
  if (!(optimizer instanceof Optimizer)) {
    const name = optimizer === null || optimizer === undefined ? 'NoneType'
      : (optimizer as object).constructor?.name ?? typeof optimizer;
    throw new TypeError(`${name} is not an Optimizer`);
  }
}

/** Number of sorted values <= x (Python's bisect_right). */
function bisectRight(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < sorted[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Python's `'{:.4e}'.format(v)`. */
function sci4(v: number): string {
  const [m, e] = v.toExponential(4).split('e');
  const n = Number(e);
  return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
}

function copyValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyValue);
  if (v instanceof Map) return new Map(v);
  if (isPlainObject(v)) {
    const o: Dict = {};
    for (const [k, x] of Object.entries(v)) if (typeof x !== 'function') o[k] = copyValue(x);
    return o;
  }
  return v;
}

/** A value in every param group: one value for all, or an array with one per group. */
function formatParam(name: string, optimizer: Optimizer, param: number | number[]): number[] {
  if (Array.isArray(param)) {
    if (param.length !== optimizer.param_groups.length) {
      throw new Error(`expected ${optimizer.param_groups.length} values for ${name}, got ${param.length}`);
    }
    return param.slice();
  }
  return optimizer.param_groups.map(() => param);
}

type Counted = Optimizer & { _step_count?: number };
type StepFn = Optimizer['step'] & { _with_counter?: boolean };

/** PyTorch's `with_counter`: the optimizer's step, on the instance, counting its calls in `optimizer._step_count`. */
function withCounter(optimizer: Optimizer): void {
  const o = optimizer as Counted;
  if ((o.step as StepFn)._with_counter) return;
  const step = o.step;
  const wrapper: StepFn = (...args: Parameters<Optimizer['step']>) => {
    o._step_count = (o._step_count ?? 0) + 1;
    return step.apply(o, args);
  };
  wrapper._with_counter = true;
  // own, non-enumerable fields: nothing that walks the optimizer's fields sees them
  Object.defineProperty(o, 'step', { value: wrapper, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(o, '_step_count', { value: 0, writable: true, configurable: true, enumerable: false });
}

/** The fields `_LRScheduler.__init__` and its first `step()` set, in that order. */
const BASE_STATE = ['base_lrs', 'last_epoch', 'verbose', '_step_count', '_get_lr_called_within_step', '_last_lr'];

/**
 * Base of the epoch-based schedulers (PyTorch's `_LRScheduler` / `LRScheduler`): records
 * `initial_lr` in each group, counts `last_epoch`, and on `step()` writes `get_lr()` into the groups.
 */
export class LRScheduler {
  optimizer: Optimizer;
  base_lrs: number[] = [];
  last_epoch = -1;
  verbose = false;
  _step_count = 0;
  _last_lr: number[] = [];
  _get_lr_called_within_step = false;

  constructor(optimizer: Optimizer) {
    checkOptimizer(optimizer);
    this.optimizer = optimizer;
  }

  /** What PyTorch's `_LRScheduler.__init__` does; subclasses call it once their fields are set. */
  protected _init(last_epoch = -1, verbose = false): void {
    const groups = this.optimizer.param_groups;
    if (last_epoch === -1) {
      for (const g of groups) if (!('initial_lr' in g)) g.initial_lr = g.lr;
    } else {
      groups.forEach((g, i) => {
        if (!('initial_lr' in g)) {
          throw new Error(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
        }
      });
    }
    this.base_lrs = groups.map((g) => g.initial_lr as number);
    this.last_epoch = last_epoch;
    withCounter(this.optimizer);
    this.verbose = verbose;
    this._initial_step();
  }

  _initial_step(): void {
    (this.optimizer as Counted)._step_count = 0;
    this._step_count = 0;
    this.step();
  }

  /** The learning rates of the next epoch (chainable form), one per param group. */
  get_lr(): number[] {
    throw new Error('NotImplementedError');
  }

  /** The closed form at `last_epoch`, used by `step(epoch)`; null where there is none. */
  protected _get_closed_form_lr(): number[] | null {
    return null;
  }

  /** The learning rates the last `step()` set. */
  get_last_lr(): number[] {
    return this._last_lr;
  }

  /** Advances one epoch (or jumps to `epoch`, deprecated in PyTorch) and sets each group's lr. */
  step(epoch?: number): void {
    // the first step after the initial one, with no optimizer.step() since: PyTorch's warning (once per process)
    if (this._step_count === 1 && ((this.optimizer as Counted)._step_count ?? 1) < 1) {
      warnOnce('lr_scheduler.step', 'Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and ' +
        'later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do ' +
        'this will result in PyTorch skipping the first value of the learning rate schedule. See more details at ' +
        'https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate');
    }
    this._step_count++;
    this._get_lr_called_within_step = true;
    let values: number[];
    try {
      if (epoch === undefined || epoch === null) {
        this.last_epoch++;
        values = this.get_lr();
      } else {
        this.last_epoch = epoch;
        values = this._get_closed_form_lr() ?? this.get_lr();
      }
    } finally {
      this._get_lr_called_within_step = false;
    }
    this.optimizer.param_groups.forEach((g, i) => {
      if (i >= values.length) return;
      g.lr = values[i];
      this.print_lr(this.verbose, i, values[i], epoch);
    });
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr as number);
  }

  print_lr(is_verbose: boolean, group: number, lr: number, epoch?: number): void {
    if (!is_verbose) return;
    if (epoch === undefined) console.log(`Adjusting learning rate of group ${group} to ${sci4(lr)}.`);
    else {
      const e = Number.isInteger(epoch) ? String(epoch).padStart(5, '0') : epoch.toFixed(2);
      console.log(`Epoch ${e}: adjusting learning rate of group ${group} to ${sci4(lr)}.`);
    }
  }

  /**
   * Every field except the optimizer (and functions), as PyTorch's `state_dict()` (its `__dict__`): in its order, the
   * subclass's own fields first (set before `_LRScheduler.__init__`), then the base's in the order it sets them.
   */
  state_dict(): Dict {
    const own = Object.keys(this).filter((k) => !BASE_STATE.includes(k));
    return this._stateOf([...own, ...BASE_STATE]);
  }

  /** The fields `keys` that exist (not the optimizer, not functions), copied, in that order. */
  protected _stateOf(keys: readonly string[]): Dict {
    const out: Dict = {};
    for (const k of keys) {
      const v = (this as Dict)[k];
      if (!(k in this) || k === 'optimizer' || typeof v === 'function') continue;
      out[k] = copyValue(v);
    }
    return out;
  }

  load_state_dict(state_dict: Dict): void {
    for (const [k, v] of Object.entries(state_dict)) (this as Dict)[k] = copyValue(v);
  }
}

/** PyTorch 1.13's name of the base class. */
export const _LRScheduler = LRScheduler;

type LrLambda = (epoch: number) => number;

function lambdas(optimizer: Optimizer, lr_lambda: LrLambda | LrLambda[]): LrLambda[] {
  if (!Array.isArray(lr_lambda)) return optimizer.param_groups.map(() => lr_lambda);
  if (lr_lambda.length !== optimizer.param_groups.length) {
    throw new Error(`Expected ${optimizer.param_groups.length} lr_lambdas, but got ${lr_lambda.length}`);
  }
  return lr_lambda.slice();
}

/** Lambda schedulers save their state without the functions (PyTorch stores None for plain functions). */
class LambdaBase extends LRScheduler {
  lr_lambdas: LrLambda[] = [];
  override state_dict(): Dict {
    const { lr_lambdas: _fns, ...sd } = super.state_dict();   // PyTorch adds lr_lambdas last
    return { ...sd, lr_lambdas: this.lr_lambdas.map(() => null) };
  }
  override load_state_dict(state_dict: Dict): void {
    const { lr_lambdas: _skip, ...rest } = state_dict;
    super.load_state_dict(rest);
  }
}

/**
 * lr = initial_lr · lr_lambda(epoch).
 *
 * `new lr_scheduler.LambdaLR(opt, (epoch) => 0.95 ** epoch)`
 */
export class LambdaLR extends LambdaBase {
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    super(optimizer);
    const a = bindArgs('LambdaLR', ['lr_lambda', 'last_epoch', 'verbose'], [], { last_epoch: -1, verbose: false }, args);
    this.lr_lambdas = lambdas(optimizer, a.lr_lambda);
    this._init(a.last_epoch, a.verbose);
  }
  override get_lr(): number[] {
    return this.lr_lambdas.map((f, i) => this.base_lrs[i] * f(this.last_epoch));
  }
}

/**
 * lr *= lr_lambda(epoch) at every epoch after the first.
 *
 * `new lr_scheduler.MultiplicativeLR(opt, () => 0.95)`
 */
export class MultiplicativeLR extends LambdaBase {
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    super(optimizer);
    const a = bindArgs('MultiplicativeLR', ['lr_lambda', 'last_epoch', 'verbose'], [],
      { last_epoch: -1, verbose: false }, args);
    this.lr_lambdas = lambdas(optimizer, a.lr_lambda);
    this._init(a.last_epoch, a.verbose);
  }
  override get_lr(): number[] {
    const groups = this.optimizer.param_groups;
    if (this.last_epoch > 0) return groups.map((g, i) => g.lr * this.lr_lambdas[i](this.last_epoch));
    return groups.map((g) => g.lr);
  }
}

/**
 * Multiplies lr by gamma every step_size epochs.
 *
 * `new lr_scheduler.StepLR(opt, { step_size: 30, gamma: 0.1 })`
 */
export class StepLR extends LRScheduler {
  step_size!: number;
  gamma!: number;
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    super(optimizer);
    const a = bindArgs('StepLR', ['step_size', 'gamma', 'last_epoch', 'verbose'], [],
      { gamma: 0.1, last_epoch: -1, verbose: false }, args);
    this.step_size = a.step_size;
    this.gamma = a.gamma;
    this._init(a.last_epoch, a.verbose);
  }
  override get_lr(): number[] {
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0 || this.last_epoch % this.step_size !== 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
  protected override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * this.gamma ** Math.floor(this.last_epoch / this.step_size));
  }
}

/**
 * Multiplies lr by gamma at each milestone epoch.
 *
 * `new lr_scheduler.MultiStepLR(opt, { milestones: [30, 80], gamma: 0.1 })`
 */
export class MultiStepLR extends LRScheduler {
  /** How many times each milestone was given (PyTorch's Counter). */
  milestones!: Map<number, number>;
  gamma!: number;
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    super(optimizer);
    const a = bindArgs('MultiStepLR', ['milestones', 'gamma', 'last_epoch', 'verbose'], [],
      { gamma: 0.1, last_epoch: -1, verbose: false }, args);
    this.milestones = new Map();
    for (const m of a.milestones as number[]) this.milestones.set(m, (this.milestones.get(m) ?? 0) + 1);
    this.gamma = a.gamma;
    this._init(a.last_epoch, a.verbose);
  }
  override get_lr(): number[] {
    const groups = this.optimizer.param_groups;
    const n = this.milestones.get(this.last_epoch);
    if (n === undefined) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma ** n);
  }
  protected override _get_closed_form_lr(): number[] {
    const sorted: number[] = [];
    for (const [m, n] of this.milestones) for (let i = 0; i < n; i++) sorted.push(m);
    sorted.sort((x, y) => x - y);
    return this.base_lrs.map((b) => b * this.gamma ** bisectRight(sorted, this.last_epoch));
  }
}

/**
 * lr · factor until total_iters epochs have passed, then lr.
 *
 * `new lr_scheduler.ConstantLR(opt, { factor: 0.5, total_iters: 4 })`
 */
export class ConstantLR extends LRScheduler {
  factor!: number;
  total_iters!: number;
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    super(optimizer);
    const a = bindArgs('ConstantLR', ['factor', 'total_iters', 'last_epoch', 'verbose'], [],
      { factor: 1 / 3, total_iters: 5, last_epoch: -1, verbose: false }, args);
    if (a.factor > 1 || a.factor < 0) throw new Error('Constant multiplicative factor expected to be between 0 and 1.');
    this.factor = a.factor;
    this.total_iters = a.total_iters;
    this._init(a.last_epoch, a.verbose);
  }
  override get_lr(): number[] {
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0) return groups.map((g) => g.lr * this.factor);
    if (this.last_epoch > this.total_iters || this.last_epoch !== this.total_iters) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * (1 / this.factor));
  }
  protected override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * (this.factor + Number(this.last_epoch >= this.total_iters) * (1 - this.factor)));
  }
}

/**
 * Scales lr linearly from start_factor to end_factor over total_iters epochs.
 *
 * `new lr_scheduler.LinearLR(opt, { start_factor: 0.1, total_iters: 5 })`
 */
export class LinearLR extends LRScheduler {
  start_factor!: number;
  end_factor!: number;
  total_iters!: number;
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    super(optimizer);
    const a = bindArgs('LinearLR', ['start_factor', 'end_factor', 'total_iters', 'last_epoch', 'verbose'], [],
      { start_factor: 1 / 3, end_factor: 1.0, total_iters: 5, last_epoch: -1, verbose: false }, args);
    if (a.start_factor > 1 || a.start_factor < 0) {
      throw new Error('Starting multiplicative factor expected to be between 0 and 1.');
    }
    if (a.end_factor > 1 || a.end_factor < 0) throw new Error('Ending multiplicative factor expected to be between 0 and 1.');
    this.start_factor = a.start_factor;
    this.end_factor = a.end_factor;
    this.total_iters = a.total_iters;
    this._init(a.last_epoch, a.verbose);
  }
  override get_lr(): number[] {
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0) return groups.map((g) => g.lr * this.start_factor);
    if (this.last_epoch > this.total_iters) return groups.map((g) => g.lr);
    const d = this.end_factor - this.start_factor;
    return groups.map((g) => g.lr * (1 + d / (this.total_iters * this.start_factor + (this.last_epoch - 1) * d)));
  }
  protected override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * (this.start_factor +
      (this.end_factor - this.start_factor) * Math.min(this.total_iters, this.last_epoch) / this.total_iters));
  }
}

/**
 * Multiplies lr by gamma every epoch.
 *
 * `new lr_scheduler.ExponentialLR(opt, { gamma: 0.9 })`
 */
export class ExponentialLR extends LRScheduler {
  gamma!: number;
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    super(optimizer);
    const a = bindArgs('ExponentialLR', ['gamma', 'last_epoch', 'verbose'], [], { last_epoch: -1, verbose: false }, args);
    this.gamma = a.gamma;
    this._init(a.last_epoch, a.verbose);
  }
  override get_lr(): number[] {
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
  protected override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * this.gamma ** this.last_epoch);
  }
}

/**
 * Runs one scheduler after another, switching at the milestones.
 *
 * `new lr_scheduler.SequentialLR(opt, { schedulers: [warmup, decay], milestones: [5] })`
 */
export class SequentialLR extends LRScheduler {
  _schedulers: LRScheduler[];
  _milestones: number[];
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    super(optimizer);
    const a = bindArgs('SequentialLR', ['schedulers', 'milestones', 'last_epoch', 'verbose'], [],
      { last_epoch: -1, verbose: false }, args);
    const schedulers = a.schedulers as LRScheduler[];
    const milestones = a.milestones as number[];
    schedulers.forEach((s, i) => {
      if (s.optimizer !== optimizer) {
        throw new Error('Sequential Schedulers expects all schedulers to belong to the same optimizer, but got ' +
          `schedulers at index ${i} to be different than the optimizer passed in.`);
      }
    });
    if (milestones.length !== schedulers.length - 1) {
      throw new Error('Sequential Schedulers expects number of schedulers provided to be one more than the number ' +
        `of milestone points, but got number of schedulers ${schedulers.length} and the number of milestones to be ` +
        `equal to ${milestones.length}`);
    }
    this._schedulers = schedulers.slice();
    this._milestones = milestones.slice();
    this.last_epoch = a.last_epoch + 1;
    this.verbose = a.verbose;
    for (const g of optimizer.param_groups) g.lr = g.initial_lr;
    for (const s of this._schedulers) s.last_epoch -= 1;
    this._schedulers[0]._initial_step();
    this._last_lr = this._schedulers[0].get_last_lr();
  }
  override step(): void {
    this.last_epoch++;
    const idx = bisectRight(this._milestones, this.last_epoch);
    const s = this._schedulers[idx];
    if (idx > 0 && this._milestones[idx - 1] === this.last_epoch) s.step(0);
    else s.step();
    this._last_lr = s.get_last_lr();
  }
  override state_dict(): Dict {
    // SequentialLR never runs _LRScheduler.__init__: its __dict__ is these (PyTorch 1.13)
    const sd = this._stateOf(['_milestones', 'last_epoch', '_last_lr']);
    sd._schedulers = this._schedulers.map((s) => s.state_dict());
    return sd;
  }
  override load_state_dict(state_dict: Dict): void {
    const { _schedulers, ...rest } = state_dict;
    super.load_state_dict(rest);
    (_schedulers as Dict[]).forEach((s, i) => this._schedulers[i].load_state_dict(s));
  }
}

/**
 * Decays lr by `(1 - epoch/total_iters)^power` until total_iters.
 *
 * `new lr_scheduler.PolynomialLR(opt, { total_iters: 4, power: 1.0 })`
 */
export class PolynomialLR extends LRScheduler {
  total_iters!: number;
  power!: number;
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    super(optimizer);
    const a = bindArgs('PolynomialLR', ['total_iters', 'power', 'last_epoch', 'verbose'], [],
      { total_iters: 5, power: 1.0, last_epoch: -1, verbose: false }, args);
    this.total_iters = a.total_iters;
    this.power = a.power;
    this._init(a.last_epoch, a.verbose);
  }
  override get_lr(): number[] {
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0 || this.last_epoch > this.total_iters) return groups.map((g) => g.lr);
    const decay = ((1 - this.last_epoch / this.total_iters) / (1 - (this.last_epoch - 1) / this.total_iters)) ** this.power;
    return groups.map((g) => g.lr * decay);
  }
  protected override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * (1 - Math.min(this.total_iters, this.last_epoch) / this.total_iters) ** this.power);
  }
}

/**
 * Cosine annealing from the initial lr to eta_min over T_max epochs, in PyTorch's recursive form.
 *
 * `new lr_scheduler.CosineAnnealingLR(opt, { T_max: 100, eta_min: 1e-5 })`
 */
export class CosineAnnealingLR extends LRScheduler {
  T_max!: number;
  eta_min!: number;
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    super(optimizer);
    const a = bindArgs('CosineAnnealingLR', ['T_max', 'eta_min', 'last_epoch', 'verbose'], [],
      { eta_min: 0, last_epoch: -1, verbose: false }, args);
    this.T_max = a.T_max;
    this.eta_min = a.eta_min;
    this._init(a.last_epoch, a.verbose);
  }
  override get_lr(): number[] {
    const groups = this.optimizer.param_groups;
    const { T_max, eta_min, last_epoch } = this;
    if (last_epoch === 0) return groups.map((g) => g.lr);
    if (this._step_count === 1 && last_epoch > 0) {
      return this.base_lrs.map((b) => eta_min + (b - eta_min) * (1 + Math.cos(last_epoch * Math.PI / T_max)) / 2);
    }
    if (pyMod(last_epoch - 1 - T_max, 2 * T_max) === 0) {
      return groups.map((g, i) => g.lr + (this.base_lrs[i] - eta_min) * (1 - Math.cos(Math.PI / T_max)) / 2);
    }
    return groups.map((g) => (1 + Math.cos(Math.PI * last_epoch / T_max)) /
      (1 + Math.cos(Math.PI * (last_epoch - 1) / T_max)) * (g.lr - eta_min) + eta_min);
  }
  protected override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => this.eta_min + (b - this.eta_min) *
      (1 + Math.cos(Math.PI * this.last_epoch / this.T_max)) / 2);
  }
}

/** Python's `%`: the result has the sign of the divisor. */
function pyMod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/**
 * Steps several schedulers together at every step (their factors multiply).
 *
 * `new lr_scheduler.ChainedScheduler([warmup, decay])`
 */
export class ChainedScheduler extends LRScheduler {
  _schedulers: LRScheduler[];
  constructor(schedulers: LRScheduler[]) {
    super(schedulers[0]?.optimizer);
    for (let i = 1; i < schedulers.length; i++) {
      if (schedulers[i].optimizer !== schedulers[0].optimizer) {
        throw new Error('ChainedScheduler expects all schedulers to belong to the same optimizer, but got ' +
          `schedulers at index 0 and ${i} to be different`);
      }
    }
    this._schedulers = schedulers.slice();
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr as number);
  }
  override step(): void {
    for (const s of this._schedulers) s.step();
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr as number);
  }
  override state_dict(): Dict {
    // ChainedScheduler never runs _LRScheduler.__init__: its __dict__ is this (PyTorch 1.13)
    const sd = this._stateOf(['_last_lr']);
    sd._schedulers = this._schedulers.map((s) => s.state_dict());
    return sd;
  }
  override load_state_dict(state_dict: Dict): void {
    const { _schedulers, ...rest } = state_dict;
    super.load_state_dict(rest);
    (_schedulers as Dict[]).forEach((s, i) => this._schedulers[i].load_state_dict(s));
  }
}

/**
 * Cuts lr by `factor` when a metric has stopped improving for `patience` epochs.
 *
 * `const s = new lr_scheduler.ReduceLROnPlateau(opt, { mode: 'min', patience: 5 }); s.step(valLoss)`
 */
export class ReduceLROnPlateau {
  optimizer: Optimizer;
  factor: number;
  min_lrs: number[];
  patience: number;
  verbose: boolean;
  cooldown: number;
  cooldown_counter = 0;
  mode: 'min' | 'max';
  threshold: number;
  threshold_mode: 'rel' | 'abs';
  best = Infinity;
  num_bad_epochs = 0;
  mode_worse = Infinity;
  eps: number;
  last_epoch = 0;
  _last_lr: number[] = [];

  constructor(optimizer: Optimizer, ...args: unknown[]) {
    const a = bindArgs('ReduceLROnPlateau', ['mode', 'factor', 'patience', 'threshold', 'threshold_mode', 'cooldown',
      'min_lr', 'eps', 'verbose'], [],
    { mode: 'min', factor: 0.1, patience: 10, threshold: 1e-4, threshold_mode: 'rel', cooldown: 0, min_lr: 0, eps: 1e-8,
      verbose: false }, args);
    if (a.factor >= 1.0) throw new Error('Factor should be < 1.0.');
    this.factor = a.factor;
    checkOptimizer(optimizer);
    this.optimizer = optimizer;
    if (Array.isArray(a.min_lr)) {
      if (a.min_lr.length !== optimizer.param_groups.length) {
        throw new Error(`expected ${optimizer.param_groups.length} min_lrs, got ${a.min_lr.length}`);
      }
      this.min_lrs = a.min_lr.slice();
    } else {
      this.min_lrs = optimizer.param_groups.map(() => a.min_lr);
    }
    this.patience = a.patience;
    this.verbose = a.verbose;
    this.cooldown = a.cooldown;
    this.mode = a.mode;
    this.threshold = a.threshold;
    this.threshold_mode = a.threshold_mode;
    this.eps = a.eps;
    this._init_is_better(a.mode, a.threshold, a.threshold_mode);
    this._reset();
  }

  private _reset(): void {
    this.best = this.mode_worse;
    this.cooldown_counter = 0;
    this.num_bad_epochs = 0;
  }

  /** Records this epoch's metric (a number or a one-element tensor) and cuts lr on a plateau. */
  step(metrics: number | Tensor, epoch?: number): void {
    const current = metrics instanceof Tensor ? Number(metrics.item()) : Number(metrics);
    if (epoch === undefined) epoch = this.last_epoch + 1;
    this.last_epoch = epoch;
    if (this.is_better(current, this.best)) {
      this.best = current;
      this.num_bad_epochs = 0;
    } else {
      this.num_bad_epochs++;
    }
    if (this.in_cooldown) {
      this.cooldown_counter--;
      this.num_bad_epochs = 0;
    }
    if (this.num_bad_epochs > this.patience) {
      this._reduce_lr(epoch);
      this.cooldown_counter = this.cooldown;
      this.num_bad_epochs = 0;
    }
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr as number);
  }

  private _reduce_lr(epoch: number): void {
    this.optimizer.param_groups.forEach((g, i) => {
      const old_lr = Number(g.lr);
      const new_lr = Math.max(old_lr * this.factor, this.min_lrs[i]);
      if (old_lr - new_lr > this.eps) {
        g.lr = new_lr;
        if (this.verbose) {
          const e = Number.isInteger(epoch) ? String(epoch).padStart(5, '0') : epoch.toFixed(2);
          console.log(`Epoch ${e}: reducing learning rate of group ${i} to ${sci4(new_lr)}.`);
        }
      }
    });
  }

  get in_cooldown(): boolean {
    return this.cooldown_counter > 0;
  }

  is_better(a: number, best: number): boolean {
    if (this.mode === 'min' && this.threshold_mode === 'rel') return a < best * (1 - this.threshold);
    if (this.mode === 'min' && this.threshold_mode === 'abs') return a < best - this.threshold;
    if (this.mode === 'max' && this.threshold_mode === 'rel') return a > best * (this.threshold + 1);
    return a > best + this.threshold;
  }

  private _init_is_better(mode: string, threshold: number, threshold_mode: string): void {
    if (mode !== 'min' && mode !== 'max') throw new Error(`mode ${mode} is unknown!`);
    if (threshold_mode !== 'rel' && threshold_mode !== 'abs') throw new Error(`threshold mode ${threshold_mode} is unknown!`);
    this.mode_worse = mode === 'min' ? Infinity : -Infinity;
    this.mode = mode;
    this.threshold = threshold;
    this.threshold_mode = threshold_mode;
  }

  get_last_lr(): number[] {
    return this._last_lr;
  }

  state_dict(): Dict {
    const out: Dict = {};
    for (const [k, v] of Object.entries(this)) if (k !== 'optimizer') out[k] = copyValue(v);
    return out;
  }

  load_state_dict(state_dict: Dict): void {
    for (const [k, v] of Object.entries(state_dict)) (this as Dict)[k] = copyValue(v);
    this._init_is_better(this.mode, this.threshold, this.threshold_mode);
  }
}

/**
 * Cycles lr between base_lr and max_lr (triangular, triangular2, exp_range or a custom scale_fn),
 * cycling momentum the other way.
 *
 * `new lr_scheduler.CyclicLR(opt, { base_lr: 0.01, max_lr: 0.1, step_size_up: 2000 })`
 */
export class CyclicLR extends LRScheduler {
  max_lrs!: number[];
  total_size!: number;
  step_ratio!: number;
  mode!: string;
  gamma!: number;
  _scale_fn_custom!: ((x: number) => number) | null;
  scale_mode!: 'cycle' | 'iterations';
  cycle_momentum!: boolean;
  base_momentums?: number[];
  max_momentums?: number[];

  constructor(optimizer: Optimizer, ...args: unknown[]) {
    super(optimizer);
    const a = bindArgs('CyclicLR', ['base_lr', 'max_lr', 'step_size_up', 'step_size_down', 'mode', 'gamma', 'scale_fn',
      'scale_mode', 'cycle_momentum', 'base_momentum', 'max_momentum', 'last_epoch', 'verbose'], [],
    { step_size_up: 2000, step_size_down: null, mode: 'triangular', gamma: 1.0, scale_fn: null, scale_mode: 'cycle',
      cycle_momentum: true, base_momentum: 0.8, max_momentum: 0.9, last_epoch: -1, verbose: false }, args);
    const base_lrs = formatParam('base_lr', optimizer, a.base_lr);
    if (a.last_epoch === -1) optimizer.param_groups.forEach((g, i) => { g.lr = base_lrs[i]; });
    this.max_lrs = formatParam('max_lr', optimizer, a.max_lr);
    const up = Number(a.step_size_up);
    const down = a.step_size_down !== null ? Number(a.step_size_down) : up;
    this.total_size = up + down;
    this.step_ratio = up / this.total_size;
    if (!['triangular', 'triangular2', 'exp_range'].includes(a.mode) && a.scale_fn === null) {
      throw new Error('mode is invalid and scale_fn is None');
    }
    this.mode = a.mode;
    this.gamma = a.gamma;
    if (a.scale_fn === null) {
      this._scale_fn_custom = null;
      this.scale_mode = this.mode === 'exp_range' ? 'iterations' : 'cycle';
    } else {
      this._scale_fn_custom = a.scale_fn;
      this.scale_mode = a.scale_mode;
    }
    this.cycle_momentum = a.cycle_momentum;
    if (this.cycle_momentum) {
      if (!('momentum' in optimizer.defaults)) {
        throw new Error('optimizer must support momentum with `cycle_momentum` option enabled');
      }
      const base_momentums = formatParam('base_momentum', optimizer, a.base_momentum);
      if (a.last_epoch === -1) optimizer.param_groups.forEach((g, i) => { g.momentum = base_momentums[i]; });
      this.base_momentums = optimizer.param_groups.map((g) => g.momentum as number);
      this.max_momentums = formatParam('max_momentum', optimizer, a.max_momentum);
    }
    this._init(a.last_epoch, a.verbose);
    this.base_lrs = base_lrs;
  }

  scale_fn(x: number): number {
    if (this._scale_fn_custom) return this._scale_fn_custom(x);
    if (this.mode === 'triangular') return 1;
    if (this.mode === 'triangular2') return 1 / 2 ** (x - 1);
    return this.gamma ** x;
  }

  override get_lr(): number[] {
    const cycle = Math.floor(1 + this.last_epoch / this.total_size);
    const x = 1 + this.last_epoch / this.total_size - cycle;
    const scale_factor = x <= this.step_ratio ? x / this.step_ratio : (x - 1) / (this.step_ratio - 1);
    const s = this.scale_fn(this.scale_mode === 'cycle' ? cycle : this.last_epoch);
    const lrs = this.base_lrs.map((base_lr, i) => base_lr + (this.max_lrs[i] - base_lr) * scale_factor * s);
    if (this.cycle_momentum) {
      const groups = this.optimizer.param_groups;
      this.base_momentums!.forEach((bm, i) => {
        const mm = this.max_momentums![i];
        groups[i].momentum = mm - (mm - bm) * scale_factor * s;
      });
    }
    return lrs;
  }
}

/**
 * Cosine annealing with warm restarts every T_i epochs (T_i = T_0 · T_mult^k).
 *
 * `new lr_scheduler.CosineAnnealingWarmRestarts(opt, { T_0: 10, T_mult: 2 })`
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  T_0!: number;
  T_i!: number;
  T_mult!: number;
  eta_min!: number;
  T_cur!: number;
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    super(optimizer);
    const a = bindArgs('CosineAnnealingWarmRestarts', ['T_0', 'T_mult', 'eta_min', 'last_epoch', 'verbose'], [],
      { T_mult: 1, eta_min: 0, last_epoch: -1, verbose: false }, args);
    if (a.T_0 <= 0 || !Number.isInteger(a.T_0)) throw new Error(`Expected positive integer T_0, but got ${pyNum(a.T_0)}`);
    if (a.T_mult < 1 || !Number.isInteger(a.T_mult)) {
      throw new Error(`Expected integer T_mult >= 1, but got ${pyNum(a.T_mult)}`);
    }
    this.T_0 = a.T_0;
    this.T_i = a.T_0;
    this.T_mult = a.T_mult;
    this.eta_min = a.eta_min;
    this.T_cur = a.last_epoch;
    this._init(a.last_epoch, a.verbose);
  }
  override get_lr(): number[] {
    return this.base_lrs.map((b) => this.eta_min + (b - this.eta_min) * (1 + Math.cos(Math.PI * this.T_cur / this.T_i)) / 2);
  }
  override step(epoch?: number): void {
    this._step_count++;
    if (epoch === undefined && this.last_epoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.last_epoch + 1;
      this.T_cur = this.T_cur + 1;
      if (this.T_cur >= this.T_i) {
        this.T_cur = this.T_cur - this.T_i;
        this.T_i = this.T_i * this.T_mult;
      }
    } else {
      if (epoch < 0) throw new Error(`Expected non-negative epoch, but got ${pyNum(epoch)}`);
      if (epoch >= this.T_0) {
        if (this.T_mult === 1) this.T_cur = pyMod(epoch, this.T_0);
        else {
          const n = Math.trunc(Math.log(epoch / this.T_0 * (this.T_mult - 1) + 1) / Math.log(this.T_mult));
          this.T_cur = epoch - this.T_0 * (this.T_mult ** n - 1) / (this.T_mult - 1);
          this.T_i = this.T_0 * this.T_mult ** n;
        }
      } else {
        this.T_i = this.T_0;
        this.T_cur = epoch;
      }
    }
    this.last_epoch = Math.floor(epoch);
    this._get_lr_called_within_step = true;
    try {
      this.get_lr().forEach((lr, i) => {
        this.optimizer.param_groups[i].lr = lr;
        this.print_lr(this.verbose, i, lr, epoch);
      });
    } finally {
      this._get_lr_called_within_step = false;
    }
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr as number);
  }
}

interface Phase { end_step: number; start_lr: string; end_lr: string; start_momentum: string; end_momentum: string }

/**
 * The 1cycle policy: lr warms up from max_lr/div_factor to max_lr, then anneals to
 * initial_lr/final_div_factor, with momentum (or Adam's beta1) cycled inversely.
 *
 * `new lr_scheduler.OneCycleLR(opt, { max_lr: 0.01, total_steps: 1000 })`
 */
export class OneCycleLR extends LRScheduler {
  total_steps!: number;
  _schedule_phases!: Phase[];
  anneal_strategy!: 'cos' | 'linear';
  cycle_momentum!: boolean;
  use_beta1?: boolean;

  constructor(optimizer: Optimizer, ...args: unknown[]) {
    super(optimizer);
    const a = bindArgs('OneCycleLR', ['max_lr', 'total_steps', 'epochs', 'steps_per_epoch', 'pct_start',
      'anneal_strategy', 'cycle_momentum', 'base_momentum', 'max_momentum', 'div_factor', 'final_div_factor',
      'three_phase', 'last_epoch', 'verbose'], [],
    { total_steps: null, epochs: null, steps_per_epoch: null, pct_start: 0.3, anneal_strategy: 'cos',
      cycle_momentum: true, base_momentum: 0.85, max_momentum: 0.95, div_factor: 25.0, final_div_factor: 1e4,
      three_phase: false, last_epoch: -1, verbose: false }, args);
    if (a.total_steps === null && a.epochs === null && a.steps_per_epoch === null) {
      throw new Error('You must define either total_steps OR (epochs AND steps_per_epoch)');
    } else if (a.total_steps !== null) {
      if (a.total_steps <= 0 || !Number.isInteger(a.total_steps)) {
        throw new Error(`Expected positive integer total_steps, but got ${pyNum(a.total_steps)}`);
      }
      this.total_steps = a.total_steps;
    } else {
      if (a.epochs === null || a.epochs <= 0 || !Number.isInteger(a.epochs)) {
        throw new Error(`Expected positive integer epochs, but got ${a.epochs === null ? 'None' : pyNum(a.epochs)}`);
      }
      if (a.steps_per_epoch === null || a.steps_per_epoch <= 0 || !Number.isInteger(a.steps_per_epoch)) {
        throw new Error('Expected positive integer steps_per_epoch, but got ' +
          `${a.steps_per_epoch === null ? 'None' : pyNum(a.steps_per_epoch)}`);
      }
      this.total_steps = a.epochs * a.steps_per_epoch;
    }
    const pct = a.pct_start;
    const total = this.total_steps;
    this._schedule_phases = a.three_phase
      ? [
        { end_step: pct * total - 1, start_lr: 'initial_lr', end_lr: 'max_lr', start_momentum: 'max_momentum', end_momentum: 'base_momentum' },
        { end_step: 2 * pct * total - 2, start_lr: 'max_lr', end_lr: 'initial_lr', start_momentum: 'base_momentum', end_momentum: 'max_momentum' },
        { end_step: total - 1, start_lr: 'initial_lr', end_lr: 'min_lr', start_momentum: 'max_momentum', end_momentum: 'max_momentum' },
      ]
      : [
        { end_step: pct * total - 1, start_lr: 'initial_lr', end_lr: 'max_lr', start_momentum: 'max_momentum', end_momentum: 'base_momentum' },
        { end_step: total - 1, start_lr: 'max_lr', end_lr: 'min_lr', start_momentum: 'base_momentum', end_momentum: 'max_momentum' },
      ];
    if (pct < 0 || pct > 1 || typeof pct !== 'number') {
      throw new Error(`Expected float between 0 and 1 pct_start, but got ${pyNum(pct)}`);
    }
    if (a.anneal_strategy !== 'cos' && a.anneal_strategy !== 'linear') {
      throw new Error(`anneal_strategy must by one of 'cos' or 'linear', instead got ${a.anneal_strategy}`);
    }
    this.anneal_strategy = a.anneal_strategy;
    const max_lrs = formatParam('max_lr', optimizer, a.max_lr);
    if (a.last_epoch === -1) {
      optimizer.param_groups.forEach((g, i) => {
        g.initial_lr = max_lrs[i] / a.div_factor;
        g.max_lr = max_lrs[i];
        g.min_lr = g.initial_lr / a.final_div_factor;
      });
    }
    this.cycle_momentum = a.cycle_momentum;
    if (this.cycle_momentum) {
      if (!('momentum' in optimizer.defaults) && !('betas' in optimizer.defaults)) {
        throw new Error('optimizer must support momentum with `cycle_momentum` option enabled');
      }
      this.use_beta1 = 'betas' in optimizer.defaults;
      const max_m = formatParam('max_momentum', optimizer, a.max_momentum);
      const base_m = formatParam('base_momentum', optimizer, a.base_momentum);
      if (a.last_epoch === -1) {
        optimizer.param_groups.forEach((g, i) => {
          if (this.use_beta1) g.betas = [max_m[i], ...(g.betas as number[]).slice(1)];
          else g.momentum = max_m[i];
          g.max_momentum = max_m[i];
          g.base_momentum = base_m[i];
        });
      }
    }
    this._init(a.last_epoch, a.verbose);
  }

  private _anneal(start: number, end: number, pct: number): number {
    if (this.anneal_strategy === 'cos') return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
    return (end - start) * pct + start;
  }

  override get_lr(): number[] {
    const step_num = this.last_epoch;
    if (step_num > this.total_steps) {
      throw new Error(`Tried to step ${step_num + 1} times. The specified number of total steps is ${this.total_steps}`);
    }
    return this.optimizer.param_groups.map((g) => {
      let start_step = 0;
      let lr = 0;
      let momentum = 0;
      const phases = this._schedule_phases;
      for (let i = 0; i < phases.length; i++) {
        const ph = phases[i];
        if (step_num <= ph.end_step || i === phases.length - 1) {
          const pct = (step_num - start_step) / (ph.end_step - start_step);
          lr = this._anneal(g[ph.start_lr], g[ph.end_lr], pct);
          if (this.cycle_momentum) momentum = this._anneal(g[ph.start_momentum], g[ph.end_momentum], pct);
          break;
        }
        start_step = ph.end_step;
      }
      if (this.cycle_momentum) {
        if (this.use_beta1) g.betas = [momentum, ...(g.betas as number[]).slice(1)];
        else g.momentum = momentum;
      }
      return lr;
    });
  }
}
