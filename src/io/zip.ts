// The zip container of torch.save, as PyTorch writes it (caffe2/serialize/inline_container.cc over
// miniz): entries stored (never compressed), each record's data 64-byte aligned by an 'FB' extra field
// of 'Z's, time and date 0, UTF-8 names, a data descriptor after the data (none for an empty record),
// and zip64 end records.
// The same records in the same order give the same bytes as PyTorch.

let T: Int32Array | null = null;

/** CRC-32 (the zip polynomial), continued from `crc`; eight bytes a step (slicing-by-8 tables). */
export function crc32(b: Uint8Array, crc = 0): number {
  if (!T) {
    T = new Int32Array(2048);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      T[n] = c;
    }
    for (let n = 256; n < 2048; n++) T[n] = (T[n - 256] >>> 8) ^ T[T[n - 256] & 255];
  }
  let c = ~crc;
  let i = 0;
  for (; i + 8 <= b.length; i += 8) {
    const x = c ^ (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));
    c = T[1792 + (x & 255)] ^ T[1536 + ((x >>> 8) & 255)] ^ T[1280 + ((x >>> 16) & 255)] ^ T[1024 + (x >>> 24)] ^
      T[768 + b[i + 4]] ^ T[512 + b[i + 5]] ^ T[256 + b[i + 6]] ^ T[b[i + 7]];
  }
  for (; i < b.length; i++) c = T[(c ^ b[i]) & 255] ^ (c >>> 8);
  return ~c >>> 0;
}

const ALIGN = 64;
const utf8 = new TextEncoder();

/** A zip archive of `records` (name, data), in order, byte for byte as PyTorch's writer makes it. */
export function writeZip(records: [string, Uint8Array][]): Uint8Array {
  const entries: { name: Uint8Array; offset: number; crc: number; size: number; flags: number }[] = [];
  let size = 0;
  const layout = records.map(([name, data]) => {
    const n = utf8.encode(name);
    const start = size + 30 + n.length + 4;
    const pad = (ALIGN - (start % ALIGN)) % ALIGN;
    const at = size;
    size = start + pad + data.length + (data.length ? 16 : 0);
    return { n, pad, at, data };
  });
  const cdStart = size;
  for (const { n } of layout) size += 46 + n.length;
  if (size + 98 > 0xffffffff) throw new RangeError('torch.save: files of 4 GiB or more are not supported');
  const out = new Uint8Array(size + 56 + 20 + 22);
  const v = new DataView(out.buffer);
  let o = 0;
  const u16 = (x: number) => { v.setUint16(o, x, true); o += 2; };
  const u32 = (x: number) => { v.setUint32(o, x, true); o += 4; };
  const u64 = (x: number) => { u32(x); u32(0); };
  for (const { n, pad, at, data } of layout) {
    const crc = crc32(data);
    o = at;
    const flags = data.length ? 0x0808 : 0x0800; // bit 3: sizes and CRC in a data descriptor; bit 11: UTF-8
    u32(0x04034b50); u16(0); u16(flags); u16(0); u32(0); u32(0); u32(0); u32(0); u16(n.length); u16(pad + 4);
    out.set(n, o); o += n.length;
    u16(0x4246); u16(pad); // 'FB', then the padding
    out.fill(0x5a, o, o + pad); o += pad;
    out.set(data, o); o += data.length;
    if (data.length) { u32(0x08074b50); u32(crc); u32(data.length); u32(data.length); }
    entries.push({ name: n, offset: at, crc, size: data.length, flags });
  }
  for (const e of entries) {
    u32(0x02014b50); u16(0); u16(0); u16(e.flags); u16(0); u32(0); u32(e.crc); u32(e.size); u32(e.size);
    u16(e.name.length); u16(0); u16(0); u16(0); u16(0); u32(0); u32(e.offset);
    out.set(e.name, o); o += e.name.length;
  }
  const cdSize = o - cdStart;
  const n = entries.length;
  // zip64 end of central directory record and locator (miniz writes them with MZ_ZIP_FLAG_WRITE_ZIP64)
  u32(0x06064b50); u64(44); u16(0x031e); u16(0x002d); u32(0); u32(0); u64(n); u64(n); u64(cdSize); u64(cdStart);
  u32(0x07064b50); u32(0); u64(cdStart + cdSize); u32(1);
  u32(0x06054b50); u16(0); u16(0); u16(Math.min(n, 0xffff)); u16(Math.min(n, 0xffff)); u32(cdSize); u32(cdStart); u16(0);
  return out;
}

/** A record of a read archive: its data (a view of the input) and the CRC-32 the archive gives for it. */
export interface ZipRecord { data: Uint8Array; crc: number }

/**
 * The records of a zip archive of stored entries, by name. Returns null when `buf` has no end of
 * central directory record (not a zip archive, or one cut short); throws on a damaged archive.
 */
export function readZip(buf: Uint8Array, op: string): Map<string, ZipRecord> | null {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (v.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  const bad = (why: string): never => { throw new Error(`${op}: the archive is damaged (${why})`); };
  let count = v.getUint16(eocd + 10, true);
  let cd = v.getUint32(eocd + 16, true);
  if (eocd >= 20 && v.getUint32(eocd - 20, true) === 0x07064b50) {
    const z = Number(v.getBigUint64(eocd - 12, true));
    if (z + 56 > buf.length || v.getUint32(z, true) !== 0x06064b50) bad('zip64 end record');
    count = Number(v.getBigUint64(z + 32, true));
    cd = Number(v.getBigUint64(z + 48, true));
  }
  const out = new Map<string, ZipRecord>();
  const dec = new TextDecoder();
  for (let i = 0, o = cd; i < count; i++) {
    if (o + 46 > buf.length || v.getUint32(o, true) !== 0x02014b50) bad('central directory');
    const method = v.getUint16(o + 10, true);
    const crc = v.getUint32(o + 16, true);
    const csize = v.getUint32(o + 20, true);
    const size = v.getUint32(o + 24, true);
    const nlen = v.getUint16(o + 28, true);
    const at = v.getUint32(o + 42, true);
    const name = dec.decode(buf.subarray(o + 46, o + 46 + nlen));
    o += 46 + nlen + v.getUint16(o + 30, true) + v.getUint16(o + 32, true);
    if (csize === 0xffffffff || at === 0xffffffff) throw new RangeError(`${op}: records of 4 GiB or more are not supported`);
    if (method !== 0 || csize !== size) {
      throw new Error(`${op}: record ${name} is compressed (zip method ${method}); torch.save stores records uncompressed`);
    }
    if (at + 30 > buf.length || v.getUint32(at, true) !== 0x04034b50) bad(`local header of ${name}`);
    const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
    if (start + size > buf.length) bad(`${name} runs past the end`);
    out.set(name, { data: buf.subarray(start, start + size), crc });
  }
  return out;
}
