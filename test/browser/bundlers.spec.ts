// A user's app: `npm i` the packed tocha, two lines that import it, built by esbuild and by Vite
// with no configuration; the output runs in Node and in Chromium and prints what Node prints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DIST, launch, ROOT, serve, type Served } from './lib.js';

const APP = `import * as torch from 'tocha';\nconsole.log(String(new torch.nn.Linear(3, 2)), String(torch.arange(6, { dtype: torch.float32 }).view(2, 3).sigmoid()));\n`;
// The tutorial's training loop, small: nothing of torch.distributions, lr_scheduler, torch.utils.data or the
// transformer layers, so the app's bundler leaves them out.
const NET = `import * as torch from 'tocha';
import * as F from 'tocha/nn/functional';
torch.manual_seed(0);
const net = new torch.nn.Sequential(new torch.nn.Linear(8, 4), new torch.nn.ReLU(), new torch.nn.Linear(4, 2), new torch.nn.Sigmoid());
const optimizer = new torch.optim.SGD(net.parameters(), { lr: 0.1 });
const x = torch.randn(5, 8);
const y = torch.rand(5, 2);
const losses = [];
for (let i = 0; i < 3; i++) {
  optimizer.zero_grad();
  const loss = F.mse_loss(net(x), y);
  loss.backward();
  optimizer.step();
  losses.push(loss.item().toFixed(6));
}
console.log(losses.join(' '));
`;
// The same loop through the lean entry (tocha/lean: Tensor's core methods, the lean core's kernels).
const NET_LEAN = NET.replace("from 'tocha'", "from 'tocha/lean'").replace("from 'tocha/nn/functional'", "from 'tocha/lean/nn/functional'");
// The loop with GELU, a kernel the lean core leaves to its math part, which the lean app imports.
const NET_GELU = NET.replace('new torch.nn.ReLU()', 'new torch.nn.GELU()');
const NET_GELU_LEAN = `import 'tocha/lean/kernels/math';\n${NET_LEAN.replace('new torch.nn.ReLU()', 'new torch.nn.GELU()')}`;
// The lean loop with the worker threads, which tocha/lean leaves out unless the app imports them.
const NET_LEAN_THREADS = `import 'tocha/lean/threads';\n${NET_LEAN}`;
// Names only those modules hold (their classes' names, written into each class by scripts/build.mjs).
const UNREACHED = ['LowRankMultivariateNormal', 'CosineAnnealingWarmRestarts', 'TransformerEncoderLayer', 'WeightedRandomSampler'];
const USES_THEM = `import * as torch from 'tocha';
console.log([torch.distributions.LowRankMultivariateNormal, torch.optim.lr_scheduler.CosineAnnealingWarmRestarts,
  torch.nn.TransformerEncoderLayer, torch.utils.data.WeightedRandomSampler].map((c) => c.name).join(' '));
`;
// Every class reachable from the torch namespace, by path, with its own name: minified, each must keep it.
const NAMES = `import * as torch from 'tocha';
const seen = new Set();
const out = [];
function walk(ns, path, depth) {
  if (depth > 4 || seen.has(ns)) return;
  seen.add(ns);
  for (const key of Object.keys(ns).sort()) {
    const v = ns[key];
    if (typeof v === 'function' && /^class\\b/.test(Function.prototype.toString.call(v))) out.push(path + key + '=' + v.name);
    else if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) walk(v, path + key + '.', depth + 1);
  }
}
walk(torch, 'torch.', 0);
console.log(out.length + ' ' + out.join(' '));
`;
const version = (name: string) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;

// The npm on PATH outside node_modules (a dependency installs an old npm into node_modules/.bin).
const NPM = (process.env.PATH ?? '').split(delimiter).filter((d) => !d.includes('node_modules'))
  .map((d) => join(d, 'npm')).find((f) => existsSync(f)) ?? 'npm';

let dir: string;
let browser: Browser;
function sh(cmd: string, args: string[], cwd = dir): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const x = e as { status?: number; signal?: string; stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed (${x.status ?? x.signal}):\n${x.stdout ?? ''}${x.stderr ?? e}`);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tocha-app-'));
  const tarball = sh(NPM, ['pack', '--pack-destination', dir], ROOT).trim().split('\n').pop()!;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  writeFileSync(join(dir, 'app.js'), APP);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="./app.js"></script>\n');
  for (const [name, app] of [['net', NET], ['net-lean', NET_LEAN], ['net-gelu', NET_GELU], ['net-gelu-lean', NET_GELU_LEAN],
    ['net-lean-threads', NET_LEAN_THREADS], ['uses-them', USES_THEM], ['names', NAMES]]) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'app.js'), app);
    writeFileSync(join(dir, name, 'index.html'), '<!doctype html><script type="module" src="./app.js"></script>\n');
  }
  // The bundlers at the versions tocha itself uses, so npm's cache usually has them.
  sh(NPM, ['i', '--no-audit', '--no-fund', '--prefer-offline', '--silent', `./${tarball}`,
    `esbuild@${version('esbuild')}`, `vite@${version('vite')}`]);
  browser = await launch();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Loads `page` from `root` and returns what the page's console printed. */
async function printedInPage(root: string, page = 'index.html'): Promise<string> {
  const server: Served = await serve({ '/': root });
  try {
    const p = await browser.newPage();
    const lines: string[] = [];
    const errors: string[] = [];
    p.on('console', (m) => { if (m.type() === 'log') lines.push(m.text()); });
    p.on('pageerror', (e) => errors.push(String(e)));
    const done = p.waitForEvent('console', (m) => m.type() === 'log');
    await p.goto(`${server.url}/${page}`);
    await done;
    await p.close();
    expect(errors).toEqual([]);
    return lines.join('\n');
  } finally {
    await server.close();
  }
}

describe('a user app that imports tocha', () => {
  it('installs the dist/index.js of this build, unchanged', () => {
    expect(readFileSync(join(dir, 'node_modules/tocha/dist/index.js')).equals(readFileSync(DIST))).toBe(true);
  });

  it('runs in Node from node_modules', () => {
    const want = sh('node', ['app.js']);
    expect(want).toMatch(/^Linear\(in_features=3, out_features=2, bias=True\) tensor\(\[\[0\.5000, 0\.7311, 0\.8808\],/);
  });

  it('esbuild --bundle, no config: the same output in Node and Chromium', async () => {
    const want = sh('node', ['app.js']).trimEnd();
    sh('node_modules/.bin/esbuild', ['app.js', '--bundle', '--format=esm', '--outfile=out/app.js', '--log-level=warning']);
    expect(sh('node', ['out/app.js']).trimEnd()).toBe(want);
    writeFileSync(join(dir, 'out/index.html'), '<!doctype html><script type="module" src="./app.js"></script>\n');
    expect(await printedInPage(join(dir, 'out'))).toBe(want);
  });

  it('vite build, no config: the same output in Chromium (client build) and Node (--ssr build)', async () => {
    const want = sh('node', ['app.js']).trimEnd();
    sh('node_modules/.bin/vite', ['build', '--logLevel', 'warn']);
    expect(readdirSync(join(dir, 'dist/assets')).some((f) => f.endsWith('.js'))).toBe(true);
    expect(await printedInPage(join(dir, 'dist'))).toBe(want);
    sh('node_modules/.bin/vite', ['build', '--ssr', 'app.js', '--outDir', 'dist-ssr', '--logLevel', 'warn']);
    expect(sh('node', ['dist-ssr/app.js']).trimEnd()).toBe(want);
  });

  /** `vite build <name>` (the app in that folder, minified), and the JavaScript it wrote. */
  function viteBuild(name: string): string {
    sh('node_modules/.bin/vite', ['build', name, '--logLevel', 'warn']);
    const assets = join(dir, name, 'dist/assets');
    return readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
  }

  it('vite build keeps what the app reaches: a training loop ships without torch.distributions, lr_scheduler, data, transformers', async () => {
    const want = sh('node', ['net/app.js']).trimEnd();
    expect(want).toMatch(/^0\.\d{6} 0\.\d{6} 0\.\d{6}$/);
    const js = viteBuild('net');
    expect(await printedInPage(join(dir, 'net/dist'))).toBe(want);
    expect(UNREACHED.filter((name) => js.includes(name))).toEqual([]);
    expect(js.includes('Atomics.wait')).toBe(true); // (the worker threads: 'tocha' has them)
    // and an app that uses them gets them, names intact through the minifier
    const all = viteBuild('uses-them');
    expect(UNREACHED.filter((name) => !all.includes(name))).toEqual([]);
    expect(await printedInPage(join(dir, 'uses-them/dist'))).toBe(UNREACHED.join(' '));
  });
  it("tocha/lean: the same training loop prints the same in Chromium, and ships the lean core's WebAssembly alone", async () => {
    const want = sh('node', ['net/app.js']).trimEnd();
    expect(sh('node', ['net-lean/app.js']).trimEnd()).toBe(want);
    const js = viteBuild('net-lean');
    expect(await printedInPage(join(dir, 'net-lean/dist'))).toBe(want);
    // each build's packed stream, by its first 200 base64 characters
    const streamOf = (file: string) => /packed = "([A-Za-z0-9+/]{200})/.exec(readFileSync(join(dir, 'node_modules/tocha/dist/backend', file), 'utf8'))![1];
    expect(js.includes(streamOf('wasm-bytes-lean.generated.js'))).toBe(true);
    expect(js.includes(streamOf('wasm-bytes.generated.js'))).toBe(false);
    expect(js.includes('TensorMethods')).toBe(false);
    // no worker threads ('tocha/lean/threads' adds them: the page is not cross-origin isolated, one thread, same output)
    expect(js.includes('Atomics.wait')).toBe(false);
    expect(sh('node', ['net-lean-threads/app.js']).trimEnd()).toBe(want);
    const threaded = viteBuild('net-lean-threads');
    expect(threaded.includes('Atomics.wait')).toBe(true);
    expect(await printedInPage(join(dir, 'net-lean-threads/dist'))).toBe(want);
    // a lean app that imports a part ('tocha/lean/kernels/math' for GELU) prints the default entry's numbers, and ships
    // that part's WebAssembly, not the others'
    const gelu = sh('node', ['net-gelu/app.js']).trimEnd();
    expect(gelu).toMatch(/^0\.\d{6} 0\.\d{6} 0\.\d{6}$/);
    expect(gelu).not.toBe(want);
    expect(sh('node', ['net-gelu-lean/app.js']).trimEnd()).toBe(gelu);
    const withPart = viteBuild('net-gelu-lean');
    expect(await printedInPage(join(dir, 'net-gelu-lean/dist'))).toBe(gelu);
    expect(['lean', 'lean-math', 'lean-nn', 'lean-all', ''].map((b) => withPart.includes(streamOf(`wasm-bytes${b && '-'}${b}.generated.js`))))
      .toEqual([true, true, false, false, false]);
  });
  it('every class of the torch namespace keeps its name through the minifier (printing and messages use it)', async () => {
    const want = sh('node', ['names/app.js']).trimEnd();
    expect(Number(want.split(' ')[0])).toBeGreaterThan(300);
    expect(want).toContain('torch.nn.Sequential=Sequential');
    viteBuild('names');
    expect(await printedInPage(join(dir, 'names/dist'))).toBe(want);
  });
});
