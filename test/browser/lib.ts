// The browser tests' plumbing: a static server on 127.0.0.1, Debian's Chromium driven by
// playwright-core, and esbuild bundles of page modules that import the built dist/index.js.
// The same bundle runs in Node (dist/index.js by file URL) and in the page (/dist/index.js by
// URL), so both sides execute the same bytes of the library.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync, mkdirSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\/]$/, '');
export const DIST = join(ROOT, 'dist/index.js');
export const OUT = join(ROOT, 'artifacts/browser');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.map': 'application/json', '.png': 'image/png', '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

export interface Served { url: string; close(): Promise<void> }

/** Serves each URL prefix from its directory (longest prefix first); GET only, no listing. With
 *  `isolated`, pages are cross-origin isolated (COOP/COEP headers): SharedArrayBuffer, so threads. */
export async function serve(routes: Record<string, string>, isolated = false): Promise<Served> {
  const isolation = isolated
    ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
    : {};
  const table = Object.entries(routes).sort((a, b) => b[0].length - a[0].length);
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const hit = table.find(([prefix]) => path.startsWith(prefix));
    if (!hit) { res.writeHead(404).end(); return; }
    const dir = resolve(hit[1]);
    let file = resolve(dir, '.' + path.slice(hit[0].length - 1));
    if (file !== dir && !file.startsWith(dir + sep)) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...isolation,
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

/** Debian's Chromium, headless, in a fresh profile; never a downloaded browser. */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Bundles a page module for the browser or Node. Imports of the library (`tocha`, and any `src/` module: the
 * examples import `src/nn/F.js` as an app imports 'tocha/nn/functional') stay imports of the built dist/ modules,
 * so that there is one copy of each; Node-only modules of shared code are stubbed in the page. Returns the output path.
 */
export async function bundle(entry: string, target: 'browser' | 'node', name: string): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const lib = (module: string) => (target === 'browser' ? `/dist/${module}.js` : pathToFileURL(join(ROOT, 'dist', `${module}.js`)).href);
  const plugin: Plugin = {
    name: 'tocha-dist',
    setup(b) {
      b.onResolve({ filter: /^tocha$/ }, () => ({ path: lib('index'), external: true }));
      b.onResolve({ filter: /\/src\/.*\.(js|ts)$/ }, (a) => ({ path: lib(/\/src\/(.*)\.(js|ts)$/.exec(a.path)![1]), external: true }));
      if (target === 'browser') {
        b.onResolve({ filter: /^node:/ }, (a) => ({ path: a.path, namespace: 'node-stub' }));
        b.onLoad({ filter: /.*/, namespace: 'node-stub' }, () => ({
          contents: 'const no = () => { throw new Error("not in a browser"); }; export const readFileSync = no, writeFileSync = no; export default {};',
          loader: 'js',
        }));
      }
    },
  };
  const outfile = join(OUT, `${name}.${target}.js`);
  await build({
    entryPoints: [entry], bundle: true, format: 'esm', target: 'es2022', outfile, logLevel: 'error',
    platform: target === 'browser' ? 'browser' : 'node',
    define: target === 'browser' ? { 'process.argv': '[]' } : {},
    plugins: [plugin],
  });
  return outfile;
}

/** The URL of a bundle under the `/out/` route. */
export const outUrl = (base: string, file: string) => `${base}/out/${file.slice(OUT.length + 1)}`;

/** The routes every browser test serves. */
export const ROUTES = {
  '/dist/': join(ROOT, 'dist'),
  '/out/': OUT,
  '/shared/': resolve(ROOT, '../shared/conformance'),
  '/': join(ROOT, 'test/browser/pages'),
};
