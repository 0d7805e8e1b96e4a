// Devices. tocha computes on the CPU (WebAssembly) only; torch.device, torch.cuda.is_available() and
// the device arguments of .to() exist so that PyTorch code written for any device runs unchanged
// when it picks 'cpu', and fails with PyTorch's own message when it insists on another device.
import type { memory_format } from './layout.js';
import { DType, DTypeLike, MissingDType, toDType } from './dtype.js';
import { relaxedSimdAvailable } from './backend/fma.js';
import { GradScaler } from './amp.js';

const TYPES = ['cpu', 'cuda', 'ipu', 'xpu', 'mkldnn', 'opengl', 'opencl', 'ideep', 'hip', 've', 'fpga', 'ort', 'xla',
  'lazy', 'vulkan', 'mps', 'meta', 'hpu', 'privateuseone'];

/** A device, as torch.device: `new torch.device('cpu')`, `new torch.device('cuda:0')`, `new torch.device('cuda', 1)`. */
export class device {
  readonly type: string;
  readonly index: number | null;

  constructor(spec: string | device, index?: number) {
    if (spec instanceof device) {
      this.type = spec.type;
      this.index = spec.index;
      return;
    }
    const m = /^([a-z]+)(?::(.*))?$/.exec(spec);
    if (!m || !TYPES.includes(m[1])) {
      throw new Error(`Expected one of ${TYPES.join(', ')} device type at start of device string: ${spec}`);
    }
    if (m[2] !== undefined && !/^\d+$/.test(m[2])) throw new Error(`Invalid device string: '${spec}'`);
    this.type = m[1];
    this.index = m[2] !== undefined ? Number(m[2]) : index ?? null;
  }

  /** 'cpu', 'cuda:1': what str() gives in PyTorch. */
  toString(): string {
    return this.index === null ? this.type : `${this.type}:${this.index}`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `device(type='${this.type}'${this.index === null ? '' : `, index=${this.index}`})`;
  }
}

/** True for a device argument ('cpu', 'cuda:0', a torch.device) rather than a dtype. */
function isDevice(x: unknown): x is string | device {
  return x instanceof device || (typeof x === 'string' && /^[a-z]+(:\d+)?$/.test(x) && TYPES.includes(x.split(':')[0]));
}

/** Accepts the CPU; any other device fails as PyTorch without that device fails. */
export function checkDevice(d: string | device): void {
  const dev = d instanceof device ? d : new device(d);
  if (dev.type === 'cpu') return;
  if (dev.type === 'cuda') throw new Error('Torch not compiled with CUDA enabled');
  if (dev.type === 'mps') throw new Error('PyTorch is not linked with support for mps devices');
  throw new Error(`tocha runs on the CPU (WebAssembly) only: no ${dev.type} device`);
}

/** What `.to(...)` takes: a dtype, a device, another tensor, or `{ dtype, device }`. */
export type ToArg = DTypeLike | device | string | { dtype?: DTypeLike | DType; device?: string | device; memory_format?: memory_format } | null;

/** The dtype `.to(a, b)` converts to (null: keep it), after checking any device among the arguments. */
export function toTarget(a: unknown, b?: unknown): DType | null {
  let dtype: DType | null = null;
  for (const x of [a, b]) {
    if (x === undefined || x === null) continue;
    if (isDevice(x)) checkDevice(x);
    else if (x instanceof DType || x instanceof MissingDType || typeof x === 'string') dtype = toDType(x as DTypeLike);
    else if (typeof x === 'object') {
      const o = x as { dtype?: DTypeLike; device?: string | device };
      if (o.device !== undefined) checkDevice(o.device);
      if (o.dtype !== undefined) dtype = toDType(o.dtype);
    }
  }
  return dtype;
}

/** The memory_format among `.to(...)`'s arguments (`x.to({ memory_format: torch.channels_last })`), if any. */
export function toFormat(a: unknown, b?: unknown): memory_format | undefined {
  let f: memory_format | undefined;
  for (const x of [a, b]) {
    if (x !== null && typeof x === 'object' && !isDevice(x) && 'memory_format' in x) f = (x as { memory_format: memory_format }).memory_format;
  }
  return f;
}

/** torch.cuda: no CUDA here (`cuda.amp.GradScaler` is PyTorch's disabled scaler). */
export const cuda = { is_available: (): boolean => false, device_count: (): number => 0, amp: { GradScaler } };

/** torch.backends: no MPS either. `wasm.relaxed_simd.is_available()` (tocha's own) tells whether
 *  torch.set_float32_matmul_precision('high') can use fused multiply-adds on this engine. */
export const backends = {
  mps: { is_available: (): boolean => false, is_built: (): boolean => false },
  wasm: { relaxed_simd: { is_available: relaxedSimdAvailable } },
};
