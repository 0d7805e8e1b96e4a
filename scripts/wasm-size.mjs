// Where a WebAssembly module's bytes are: each section's size raw and gzip -9, then the largest function bodies (raw
// and gzip -9 alone), named from the .wat asc writes next to the module (binaryen's wasm-as -g reassembles it with a
// name section; the shipped module has none).
//   node scripts/wasm-size.mjs [build/tocha.wat] [how many functions, 40]
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const wat = process.argv[2] ?? 'build/tocha.wat';
const top = Number(process.argv[3] ?? 40);
const file = join(mkdtempSync(join(tmpdir(), 'wasm-size-')), 'named.wasm');
execFileSync('node_modules/.bin/wasm-as', ['--all-features', '-g', wat, '-o', file]);
const b = readFileSync(file);
const gz = (x) => gzipSync(x, { level: 9 }).length;
let p = 8;
const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r += (x & 127) * 2 ** s; s += 7; } while (x & 128); return r; };
const SECTIONS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code',
  'data', 'datacount'];
let imported = 0;
const bodies = []; // [function index, bytes]
const names = new Map();
while (p < b.length) {
  const id = b[p++];
  const len = leb();
  const start = p, end = p + len;
  if (id !== 0) console.log(`${SECTIONS[id].padEnd(9)} ${String(len).padStart(8)} ${String(gz(b.subarray(start, end))).padStart(7)} gzip`);
  if (id === 2) { // imports: count the functions, which come first in the index space
    for (let n = leb(), i = 0; i < n; i++) {
      p += leb(); p += leb();
      const kind = b[p++];
      if (kind === 0) { leb(); imported++; } else if (kind === 1) { p++; if (leb() & 1) leb(); leb(); } else if (kind === 2) {
        const f = leb(); leb(); if (f & 1) leb();
      } else p += 2;
    }
  } else if (id === 10) {
    for (let n = leb(), i = 0; i < n; i++) { const l = leb(); bodies.push([imported + i, b.subarray(p, p + l)]); p += l; }
  } else if (id === 0) {
    const l = leb();
    if (b.subarray(p, p + l).toString() === 'name') {
      p += l;
      while (p < end) {
        const sub = b[p++], sl = leb(), se = p + sl;
        if (sub === 1) for (let n = leb(), i = 0; i < n; i++) { const idx = leb(), nl = leb(); names.set(idx, b.subarray(p, p + nl).toString()); p += nl; }
        p = se;
      }
    }
  }
  p = end;
}
const total = bodies.reduce((a, [, x]) => a + x.length, 0);
console.log(`${bodies.length} functions, ${total} bytes of code; the largest (raw, gzip -9 alone):`);
for (const [i, x] of bodies.sort((a, c) => c[1].length - a[1].length).slice(0, top)) {
  console.log(`${String(x.length).padStart(8)} ${String(gz(x)).padStart(7)}  ${names.get(i) ?? i}`);
}
