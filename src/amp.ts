// torch.cuda.amp.GradScaler as PyTorch 1.13 builds it on a machine without CUDA: disabled (with its warning when
// asked to be enabled), so scale() returns the loss, unscale_() and update() do nothing and step() is
// optimizer.step(). nanoGPT's train.py and other mixed-precision loops run unchanged on the CPU.
import { bind } from './optim/optimizer.js';
import { warnOnce } from './warn.js';

interface Steppable { step(...args: never[]): unknown }

export interface GradScalerOptions {
  init_scale?: number; growth_factor?: number; backoff_factor?: number; growth_interval?: number; enabled?: boolean;
}

/**
 * `torch.cuda.amp.GradScaler(enabled=...)`: without CUDA always disabled, as PyTorch's is.
 * @example const scaler = new torch.cuda.amp.GradScaler({ enabled: dtype === 'float16' });
 *          scaler.scale(loss).backward(); scaler.unscale_(opt); scaler.step(opt); scaler.update();
 */
export class GradScaler {
  private readonly _enabled: boolean;
  constructor(...args: [init_scale?: number | GradScalerOptions, growth_factor?: number | GradScalerOptions,
    backoff_factor?: number | GradScalerOptions, growth_interval?: number | GradScalerOptions, enabled?: boolean | GradScalerOptions]) {
    const a = bind('GradScaler.__init__', ['init_scale', 'growth_factor', 'backoff_factor', 'growth_interval', 'enabled'], [],
      { init_scale: 2 ** 16, growth_factor: 2.0, backoff_factor: 0.5, growth_interval: 2000, enabled: true }, args, 1);
    if (a.enabled) warnOnce('GradScaler', 'torch.cuda.amp.GradScaler is enabled, but CUDA is not available.  Disabling.');
    this._enabled = false;
  }

  /** The outputs unchanged (a disabled scaler's scale). */
  scale<T>(outputs: T): T {
    return outputs;
  }

  /** Nothing to unscale when disabled. */
  unscale_(optimizer: Steppable): void {
    void optimizer;
  }

  /** `optimizer.step(...args)`, as a disabled scaler's step. */
  step<O extends Steppable>(optimizer: O, ...args: Parameters<O['step']>): ReturnType<O['step']> {
    return optimizer.step(...args) as ReturnType<O['step']>;
  }

  /** Nothing to update when disabled. */
  update(new_scale: number | null = null): void {
    void new_scale;
  }

  /** 1.0 when disabled. */
  get_scale(): number {
    return 1.0;
  }

  is_enabled(): boolean {
    return this._enabled;
  }

  /** `{}` when disabled. */
  state_dict(): Record<string, unknown> {
    return {};
  }

  /** Ignored when disabled, as PyTorch. */
  load_state_dict(state_dict: Record<string, unknown>): void {
    void state_dict;
  }
}
