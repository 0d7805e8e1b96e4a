// What scripts/build.mjs and scripts/build-lean-wasm.mjs both do with a build's modules: check their exports, pack them
// as one LZMA stream (kept in build/ while the bytes stay the same), check the decoder gives them back, and write the
// generated module an entry imports (src/backend/wasm-source.ts).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { compress } from 'lzma1';

/** Fails unless every export of the module `wat` describes is a function it defines with no v128 in its signature
 *  (asconfig.json turns off AS112, which every `*_one` helper exported between assembly/ files raised; what it guards
 *  is the module's own exports, which JavaScript could not call). */
export function checkExports(wat, fail) {
  const text = readFileSync(wat, 'utf8');
  for (const [, name, fn] of text.matchAll(/^ \(export "(\w+)" \(func (\S+)\)\)/gm)) {
    const at = [`\n (func ${fn} `, `\n (func ${fn}\n`].map((h) => text.indexOf(h)).find((i) => i >= 0);
    if (at === undefined) fail(`${wat} exports ${name}, whose function ${fn} it does not define`);
    if (text.slice(at, text.indexOf('\n', at + 1)).includes('v128')) fail(`${wat} exports ${name} with a v128 in its signature`);
  }
}

/** `bytes` as an LZMA stream (mode 9, ~5 s: kept as build/<name>.lzma with the bytes' hash in build/<name>.key), checked
 *  by unpacking it with the decoder module `decoder` (the build fails rather than ship a module that cannot load). */
export function pack(bytes, name, decoder, fail) {
  const key = createHash('sha256').update(bytes).digest('hex');
  let stream;
  try {
    if (readFileSync(`build/${name}.key`, 'utf8') === key) stream = readFileSync(`build/${name}.lzma`);
  } catch { /* not packed yet */ }
  if (!stream) {
    stream = Buffer.from(compress(bytes, 9));
    writeFileSync(`build/${name}.lzma`, stream);
    writeFileSync(`build/${name}.key`, key);
  }
  const lz = new WebAssembly.Instance(new WebAssembly.Module(decoder), {}).exports;
  const at = lz.IN.value;
  lz.memory.grow(Math.ceil((at + stream.length + bytes.length) / 65536));
  new Uint8Array(lz.memory.buffer, at, stream.length).set(stream);
  const status = lz.decode(stream.length, at + stream.length, bytes.length);
  if (status !== bytes.length || !Buffer.from(lz.memory.buffer, at + stream.length, bytes.length).equals(bytes)) {
    fail(`assembly/lzma.ts did not unpack build/${name}.lzma (status ${status})`);
  }
  return stream;
}

/** Writes the generated module `path`: `header` (comment lines), the decoder as hex, the stream as base64, the two
 *  modules' sizes and, for a lean build, what it kept, provided to src/backend/wasm-source.ts when it is imported. */
export function writeBytesModule(path, header, decoder, stream, sizes, kernels) {
  writeFileSync(path, `${header.map((line) => `// ${line}\n`).join('')}` +
    `import { provideWasm } from './wasm-source.js';\n\n` +
    `export const decoder = ${JSON.stringify(decoder.toString('hex'))};\n` +
    `export const packed = ${JSON.stringify(stream.toString('base64'))};\n` +
    `export const sizes: [number, number] = [${sizes[0]}, ${sizes[1]}];\n` +
    (kernels ? `export const kernels = ${JSON.stringify(kernels)};\n` : '') +
    `\nprovideWasm({ decoder, packed, sizes${kernels ? ', kernels' : ''} });\n`);
}

/** Writes the generated module `path` of a lean part: `header` (comment lines), its stream as base64 and its size,
 *  provided to src/backend/wasm-source.ts as the part `name` when it is imported (the lean core's module has the
 *  decoder and says what the part keeps). */
export function writePartModule(path, header, name, stream, size) {
  writeFileSync(path, `${header.map((line) => `// ${line}\n`).join('')}` +
    `import { providePart } from './wasm-source.js';\n\n` +
    `export const packed = ${JSON.stringify(stream.toString('base64'))};\n` +
    `export const size = ${size};\n\n` +
    `providePart(${JSON.stringify(name)}, { packed, size });\n`);
}
