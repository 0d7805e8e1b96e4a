// The library's WebAssembly, packed for download. scripts/build.mjs compresses the core (build/tocha.wasm) and
// the fused module (build/tocha-fma.wasm) as one LZMA stream, embedded as base64 in wasm-bytes.generated.ts (which
// the entry an app imports first provides through wasm-source.ts):
// two thirds of what the two modules' hex gzipped to (the fused module is mostly the core's code again, which
// one stream finds; DEVELOPERS.md "The package" has the figures). A 1.5 KB module (assembly/lzma.ts, embedded as hex) unpacks it once, when tocha
// loads (tens of milliseconds).
import { wasmSource, type PartSource } from './wasm-source.js';

/** Bytes from hex text. */
function decodeHex(s: string): Uint8Array {
  const out = new Uint8Array(s.length >> 1);
  for (let i = 0, j = 0; i < out.length; i++, j += 2) {
    const a = s.charCodeAt(j);
    const b = s.charCodeAt(j + 1);
    // '0'-'9' = 48-57, 'a'-'f' = 97-102
    out[i] = ((a < 97 ? a - 48 : a - 87) << 4) | (b < 97 ? b - 48 : b - 87);
  }
  return out;
}

/** The value of each base64 character (+ and / as the standard alphabet). */
const B64 = new Uint8Array(128);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/** Writes the bytes of base64 text `s` (padded) into `out`; returns their count. */
function decodeBase64(s: string, out: Uint8Array): number {
  let n = 0;
  const end = s.length - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);
  let i = 0;
  for (; i + 4 <= end; i += 4) {
    const v = (B64[s.charCodeAt(i)] << 18) | (B64[s.charCodeAt(i + 1)] << 12) | (B64[s.charCodeAt(i + 2)] << 6) | B64[s.charCodeAt(i + 3)];
    out[n++] = v >>> 16;
    out[n++] = (v >>> 8) & 255;
    out[n++] = v & 255;
  }
  if (end - i >= 2) {
    const v = (B64[s.charCodeAt(i)] << 18) | (B64[s.charCodeAt(i + 1)] << 12) | (end - i === 3 ? B64[s.charCodeAt(i + 2)] << 6 : 0);
    out[n++] = v >>> 16;
    if (end - i === 3) out[n++] = (v >>> 8) & 255;
  }
  return n;
}

interface Lzma {
  memory: WebAssembly.Memory;
  IN: WebAssembly.Global;
  decode(inLen: number, out: number, outLen: number): number;
}

/** `total` bytes unpacked from the LZMA stream `packed` (base64) by the build's decoder. */
function decode(packed: string, total: number): Uint8Array {
  const lz = new WebAssembly.Instance(new WebAssembly.Module(decodeHex(wasmSource().decoder) as BufferSource), {})
    .exports as unknown as Lzma;
  const at = lz.IN.value as number;
  const inLen = (packed.length >> 2) * 3;
  const out = at + inLen;
  const need = out + total - lz.memory.buffer.byteLength;
  if (need > 0) lz.memory.grow(Math.ceil(need / 65536));
  const n = decodeBase64(packed, new Uint8Array(lz.memory.buffer, at, inLen));
  const got = lz.decode(n, out, total);
  if (got !== total) throw new Error(`tocha: the packed WebAssembly did not unpack (LZMA decoder status ${got}); the build is damaged`);
  return new Uint8Array(lz.memory.buffer, out, total);
}

/** The packed stream unpacked: the core's bytes, then the fused module's. */
function unpack(): [Uint8Array, Uint8Array] {
  const { packed, sizes } = wasmSource();
  const bytes = decode(packed, sizes[0] + sizes[1]);
  return [bytes.slice(0, sizes[0]), bytes.slice(sizes[0])];
}

/** A lean part's module bytes (src/backend/wasm-source.ts's providePart), unpacked. */
export function partBytes(part: PartSource): Uint8Array {
  return decode(part.packed, part.size).slice();
}

let modules: [Uint8Array, Uint8Array] | undefined;

/** A copy of the core module's bytes (the caller may patch its memory import). */
export function coreBytes(): Uint8Array {
  return (modules ??= unpack())[0].slice();
}

/** A copy of the fused module's bytes (assembly/fma.ts); empty where the build has no fused module. */
export function fusedBytes(): Uint8Array {
  return (modules ??= unpack())[1].slice();
}
