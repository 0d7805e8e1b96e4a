// torch.nn.DataParallel, after torch/nn/parallel/data_parallel.py. tocha has no GPUs, and there PyTorch 1.13's
// constructor stops early (no device type available): it keeps the module under `module` and device_ids = [],
// and forward just calls the module. So the wrapped model prints, saves (`module.` prefixed keys) and runs as
// PyTorch's does on a machine without GPUs.
import { Module, initArgs, type Init } from './module.js';

/**
 * Wraps a module for data parallelism, as `torch.nn.DataParallel(module, device_ids=None, output_device=None, dim=0)`.
 * Without GPUs (always, here) forward calls the module as it is; state_dict keys get the `module.` prefix.
 * @example const net = new nn.DataParallel(new nn.Linear(4, 2)); net(torch.randn(8, 4)); Object.keys(net.state_dict()) // ['module.weight', 'module.bias']
 */
export class DataParallel<M extends Module = Module> extends Module {
  module: M;
  /** The devices used: none without GPUs, whatever was asked for (PyTorch's early return). */
  device_ids: number[];
  constructor(...args: Init<[module: M], ['module'], [device_ids: number[] | null, output_device: number | null, dim: number],
    { device_ids?: number[] | null; output_device?: number | null; dim?: number }>) {
    super();
    const o = initArgs('DataParallel', 0, ['module', 'device_ids', 'output_device', 'dim'], {}, args, [], false, 1);
    this.module = o.module;
    this.device_ids = [];
  }

  override forward(...inputs: Parameters<M['forward']>): ReturnType<M['forward']> {
    const m = this.module as unknown;
    if (typeof m !== 'function') throw new TypeError(`'${m === null ? 'NoneType' : typeof m}' object is not callable`);
    return (m as (...a: unknown[]) => ReturnType<M['forward']>)(...inputs);
  }
}
