// A state_dict as a safetensors file (what `safetensors.torch.save_file` writes, so PyTorch can
// load the download with `safetensors.torch.load_file`): u64 header length, JSON header, raw bytes.
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';

const NAMES: Record<string, string> = { float32: 'F32', int64: 'I64', bool: 'BOOL' };

export function save(sd: Record<string, Tensor>): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(sd)) {
    if (t.dtype.name !== 'float32') throw new TypeError(`save: ${name} is ${t.dtype}; the playground saves float32 only`);
    const bytes = new Uint8Array(new Float32Array(t.contiguous().dataSync()).buffer);
    header[name] = { dtype: NAMES[t.dtype.name], shape: [...t.shape], data_offsets: [offset, offset + bytes.length] };
    parts.push(bytes);
    offset += bytes.length;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let o = 8 + head.length;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

export function load(buf: ArrayBuffer): Record<string, Tensor> {
  const view = new DataView(buf);
  if (buf.byteLength < 8) throw new Error('load: not a safetensors file (too short)');
  const n = Number(view.getBigUint64(0, true));
  if (8 + n > buf.byteLength) throw new Error('load: not a safetensors file (bad header length)');
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 8, n))) as
    Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  const sd: Record<string, Tensor> = {};
  for (const [name, h] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    if (h.dtype !== 'F32') throw new TypeError(`load: ${name} is ${h.dtype}; the playground loads F32 only`);
    const [a, b] = h.data_offsets;
    const data = new Float32Array(buf.slice(8 + n + a, 8 + n + b));
    sd[name] = torch.tensor(data).reshape(h.shape);
  }
  return sd;
}
