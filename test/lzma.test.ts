// assembly/lzma.ts, the decoder that unpacks tocha's own WebAssembly at load (src/backend/unpack.ts): streams that
// xz 5.4 wrote with other literal/position settings than the build's (test/fixtures/lzma.json, `xz --format=lzma
// --lzma1=...` of the text below, with xz's end marker), and damaged streams, which must fail with a status and
// never write past the output.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decoder } from '../src/backend/wasm-bytes.generated.js';
import { coreBytes, fusedBytes } from '../src/backend/unpack.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/lzma.json', import.meta.url), 'utf8')) as
  { length: number; streams: Record<string, string> };
const text = new TextEncoder().encode(Array.from({ length: 3000 }, (_, i) => `line ${(i * 7919) % 1000} of tocha: ${'ab'.repeat(i % 7)}\n`).join(''));

interface Lzma { memory: WebAssembly.Memory; IN: WebAssembly.Global; decode(inLen: number, out: number, outLen: number): number }
const lz = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(decoder, 'hex')), {}).exports as unknown as Lzma;
const IN = lz.IN.value as number;

/** Decodes `stream` into `outLen` bytes (with 64 guard bytes after them): [status, output, guard intact]. */
function decode(stream: Uint8Array, outLen: number): [number, Uint8Array, boolean] {
  const out = IN + stream.length;
  const need = out + outLen + 64 - lz.memory.buffer.byteLength;
  if (need > 0) lz.memory.grow(Math.ceil(need / 65536));
  new Uint8Array(lz.memory.buffer, IN, stream.length).set(stream);
  new Uint8Array(lz.memory.buffer, out, outLen + 64).fill(0xa5);
  const status = lz.decode(stream.length, out, outLen);
  const guard = new Uint8Array(lz.memory.buffer, out + outLen, 64).every((b) => b === 0xa5);
  return [status, new Uint8Array(lz.memory.buffer, out, outLen).slice(), guard];
}

describe('the LZMA decoder', () => {
  it('the fixture is the text it says', () => expect(text.length).toBe(fixture.length));

  for (const [name, b64] of Object.entries(fixture.streams)) {
    it(`decodes xz's stream with ${name}`, () => {
      const [status, out, guard] = decode(Buffer.from(b64, 'base64'), text.length);
      expect(status).toBe(text.length);
      expect(Buffer.from(out).equals(Buffer.from(text))).toBe(true);
      expect(guard).toBe(true);
    });
  }

  it('unpacks the library: the core and the fused module, byte for byte as asc built them', () => {
    expect(Buffer.from(coreBytes()).equals(readFileSync(new URL('../build/tocha.wasm', import.meta.url)))).toBe(true);
    expect(Buffer.from(fusedBytes()).equals(readFileSync(new URL('../build/tocha-fma.wasm', import.meta.url)))).toBe(true);
  });

  it("reports xz's end marker before the expected length (-3)", () => {
    const [status, , guard] = decode(Buffer.from(fixture.streams['lc3-lp0-pb2'], 'base64'), text.length + 100);
    expect(status).toBe(-3);
    expect(guard).toBe(true);
  });

  it('refuses a bad header (-1): properties out of range, lc + lp above 4, too short', () => {
    const s = Buffer.from(fixture.streams['lc3-lp0-pb2'], 'base64');
    expect(decode(Uint8Array.of(225, ...s.subarray(1)), 100)[0]).toBe(-1);
    expect(decode(Uint8Array.of(3 + 9 * 2, ...s.subarray(1)), 100)[0]).toBe(-1); // lc 3, lp 2
    expect(decode(s.subarray(0, 12), 100)[0]).toBe(-1);
  });

  it('fails on damaged or cut streams (-2) without writing past the output', () => {
    const s = Buffer.from(fixture.streams['lc0-lp2-pb0'], 'base64');
    const results: number[] = [];
    for (let at = 13; at < s.length; at += 97) {
      const bad = Uint8Array.from(s);
      bad[at] ^= 0x5a;
      const [status, out, guard] = decode(bad, text.length);
      expect(guard).toBe(true);
      if (status === text.length) expect(Buffer.from(out).equals(Buffer.from(text))).toBe(false);
      else results.push(status);
    }
    expect(results.length).toBeGreaterThan(20);
    expect(results.every((r) => r === -2 || r === -3)).toBe(true);
    const [cut, , guard] = decode(s.subarray(0, s.length >> 1), text.length);
    expect(cut).toBe(-2);
    expect(guard).toBe(true);
  });
});
