// Bundle sizes, gzip: what a browser downloads to run each library. tocha's dist/ is one module per source
// module with the wasm embedded (packed: src/backend/unpack.ts); an app's bundler keeps the modules the app reaches. Two figures: the
// whole library (an app that reaches every namespace, esbuild --bundle --minify), examples/tutorial.ts (the
// tutorial's notebook, every cell, in a page: `main()` called) and a one-line app built by rolldown, Vite's bundler,
// minified; each through the default entry (`tocha`) and through `tocha/lean`.
// The peers ship minified browser bundles and .wasm files in node_modules; jax-js ships unminified ESM chunks,
// so it is minified here with esbuild, as an app build would.
// App against app: the same two apps (a one-liner, and the tutorial's `Net` trained for five steps) written in each
// library the way its users write them and built the same way (rolldown --minify, platform browser), each counted as
// what its page loads: the chunks it imports statically and the .wasm files its backend fetches.
//
//   npx tsx bench/bundle.ts [--check] [--only tocha,tocha/lean]
// prints the sizes; --check also runs each built app in Node as a page runs it and checks what it prints.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, buildSync } from 'esbuild';
import { rolldown } from 'rolldown';

export interface BundleSize {
  name: string; gzip: number; files: string; wasmGzip?: number;
  /** The app-against-app rows: which app, in which library (`tocha`, `tocha/lean`, `tfjs-wasm`, `tfjs-cpu`, `jax-js`). */
  app?: AppKind; system?: string;
}

export type AppKind = 'one-line app' | 'training app';

const gz = (b: Buffer | Uint8Array | string) => gzipSync(b, { level: 9 }).length;

/** The gzip size of a bundle's embedded wasm alone: the packed stream (base64) and the decoder (hex). */
function wasmPart(code: string): number {
  return gz((code.match(/[A-Za-z0-9+/]{4096,}=*|[0-9a-f]{2048,}/g) ?? []).join(''));
}

/** Where an app's `import ... from 'tocha...'` goes: package.json's exports, as a bundler resolves them. */
function packageExport(root: string, spec: string): string {
  const exports = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).exports as Record<string, { default: string }>;
  const target = exports[spec === 'tocha' ? '.' : `.${spec.slice('tocha'.length)}`];
  if (!target) throw new Error(`bench/bundle.ts: package.json exports no ${spec}`);
  return join(root, target.default);
}

/** The package path examples/tutorial.ts's `../src/...` imports stand for, through the default entry or tocha/lean. */
const TUTORIAL_IMPORTS: Record<string, string> = { 'index.js': '', 'nn/F.js': '/nn/functional', 'data/index.js': '/utils/data' };

/** One file of a built app; `eager`: the page loads it with the entry (the entry and what it imports statically),
 *  not only when a dynamic `import()` asks for it. */
export interface Chunk { fileName: string; code: string; eager: boolean }

/** An app built by rolldown (minified, platform browser) from `code`, its `tocha` imports resolved as the package
 *  exports them and other packages from root's node_modules; `tutorial`: examples/tutorial.ts as an app's page runs
 *  it (`main()` called), its `../src/...` imports as the package paths they stand for, through `tocha/lean` where
 *  `lean`. The entry chunk first. */
export async function rolldownBuild(root: string, code: string, lean = false): Promise<Chunk[]> {
  const entry = 'virtual:app';
  const bundle = await rolldown({
    input: entry, cwd: root, logLevel: 'silent', platform: 'browser',
    plugins: [{
      name: 'page',
      resolveId: (id, from) => {
        if (id === entry) return id;
        if (id === 'tocha' || id.startsWith('tocha/')) return packageExport(root, id);
        if (!from?.endsWith('examples/tutorial.ts') || !id.startsWith('../src/')) return null;
        const path = TUTORIAL_IMPORTS[id.slice('../src/'.length)];
        if (path === undefined) return join(root, 'dist', id.slice('../src/'.length));
        return packageExport(root, `tocha${lean ? '/lean' : ''}${path}`);
      },
      load: (id) => (id === entry ? code : null),
    }],
  });
  const { output } = await bundle.generate({ format: 'esm', minify: true });
  await bundle.close();
  const chunks = output.flatMap((o) => (o.type === 'chunk' ? [o] : []));
  const eager = new Set<string>();
  const visit = (name: string) => {
    if (eager.has(name)) return;
    eager.add(name);
    for (const i of chunks.find((c) => c.fileName === name)!.imports) visit(i);
  };
  const first = chunks.find((c) => c.isEntry)!;
  visit(first.fileName);
  return [first, ...chunks.filter((c) => c !== first)].map((c) => ({ fileName: c.fileName, code: c.code, eager: eager.has(c.fileName) }));
}

/** The entry chunk of `rolldownBuild` (tocha's apps are one chunk). */
export async function rolldownApp(root: string, code: string, lean = false): Promise<string> {
  return (await rolldownBuild(root, code, lean))[0].code;
}

export const tutorialPage = (root: string) => `import { main } from ${JSON.stringify(join(root, 'examples/tutorial.ts'))};\nmain({ log: console.log });\n`;
export const oneLine = (entry: string) => `import * as torch from '${entry}';\nconsole.log(String(torch.tensor([1, 2]).add(1)));\n`;

/** The training app's data and initial weights: the same numbers in every library's app and in PyTorch's
 *  (bench/bundle_train.py), from a closed form rather than each library's own generator. */
const TRAIN_DATA = `// n numbers in [-s/2, s/2), the same in every library: a closed form, no generator.
const fill = (n, k, s) => Float32Array.from({ length: n }, (_, i) => ((i * k) % 1009 / 1009 - 0.5) * s);
const [w1, b1] = [fill(120 * 4096, 11, 2 / Math.sqrt(4096)), fill(120, 13, 2 / Math.sqrt(4096))];
const [w2, b2] = [fill(10 * 120, 17, 2 / Math.sqrt(120)), fill(10, 19, 2 / Math.sqrt(120))];
const x = fill(10 * 4096, 7, 2), y = fill(10 * 10, 23, 1).map((v) => v + 0.5);
`;

/** What PyTorch 1.13 prints for the training app (bench/bundle_train.py): the loss before each of the five steps. */
export const TRAIN_LOSSES = [0.09065522998571396, 0.08836808055639267, 0.08617006987333298, 0.08416826277971268, 0.08228635042905807];

/** examples/tutorial.ts's `Net` (workload 2) trained for five steps on one batch of 10: MSELoss, SGD lr 0.01. */
const tochaTraining = (entry: string) => `import * as torch from '${entry}';
import { nn, optim } from '${entry}';
${TRAIN_DATA}
class Net extends nn.Module {
  constructor(num_features, hidden_size, nb_classes) {
    super();
    this.in_layer = new nn.Linear(num_features, hidden_size);
    this.out_layer = new nn.Linear(hidden_size, nb_classes);
  }
  forward(x) {
    return torch.sigmoid(this.out_layer(torch.relu(this.in_layer(x))));
  }
}
const net = new Net(4096, 120, 10);
torch.no_grad(() => {
  net.in_layer.weight.copy_(torch.tensor(w1).view(120, 4096));
  net.in_layer.bias.copy_(torch.tensor(b1));
  net.out_layer.weight.copy_(torch.tensor(w2).view(10, 120));
  net.out_layer.bias.copy_(torch.tensor(b2));
});
const input = torch.tensor(x).view(10, 4096), target = torch.tensor(y).view(10, 10);
const criterion = new nn.MSELoss();
const optimizer = new optim.SGD(net.parameters(), { lr: 0.01 });
for (let step = 0; step < 5; step++) {
  optimizer.zero_grad();
  const loss = criterion(net(input), target);
  loss.backward();
  optimizer.step();
  console.log(loss.item());
}
`;

/** tfjs's backends as its README picks them: the wasm backend's .wasm files served beside the page. */
const TFJS_BACKEND = {
  wasm: { imports: "import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';", setup: "setWasmPaths('./');\nawait tf.setBackend('wasm');" },
  cpu: { imports: "import '@tensorflow/tfjs-backend-cpu';", setup: "await tf.setBackend('cpu');" },
};

/** tf.add: tfjs-core alone installs no chained ops (`x.add(1)`); the @tensorflow/tfjs union package does. */
const tfjsOneLine = (backend: 'wasm' | 'cpu') => `import * as tf from '@tensorflow/tfjs-core';
${TFJS_BACKEND[backend].imports}
${TFJS_BACKEND[backend].setup}
tf.add(tf.tensor([1, 2]), 1).print();
`;

/** bench/tfjs.ts's tutorial workload: tfjs-core's ops, tf.train.sgd's minimize (tfjs-core registers no gradients
 *  of its own: the @tensorflow/tfjs union package imports register_all_gradients, so the app does). */
const tfjsTraining = (backend: 'wasm' | 'cpu') => `import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
${TFJS_BACKEND[backend].imports}
${TRAIN_DATA}
${TFJS_BACKEND[backend].setup}
// Weights as tfjs keeps them (x·W, W is [in, out]: PyTorch's transposed).
const dense = (w, b, fanIn, fanOut) => ({ w: tf.variable(tf.transpose(tf.tensor2d(w, [fanOut, fanIn]))), b: tf.variable(tf.tensor1d(b)) });
const l1 = dense(w1, b1, 4096, 120), l2 = dense(w2, b2, 120, 10);
const input = tf.tensor2d(x, [10, 4096]), target = tf.tensor2d(y, [10, 10]);
const optimizer = tf.train.sgd(0.01);
const loss = () => tf.tidy(() => {
  const h = tf.relu(tf.add(tf.matMul(input, l1.w), l1.b));
  const out = tf.sigmoid(tf.add(tf.matMul(h, l2.w), l2.b));
  return tf.mean(tf.squaredDifference(out, target));
});
for (let step = 0; step < 5; step++) {
  const cost = optimizer.minimize(loss, true, [l1.w, l1.b, l2.w, l2.b]);
  console.log(cost.dataSync()[0]);
  cost.dispose();
}
`;

/** jax-js's wasm device, as its README picks a device. */
const JAX_SETUP = "await init('wasm');\ndefaultDevice('wasm');";

const jaxOneLine = `import { numpy as np, init, defaultDevice } from '@jax-js/jax';
${JAX_SETUP}
console.log(np.array([1, 2]).add(1).js());
`;

/** bench/jax.ts's tutorial workload: a jitted step that differentiates the loss and returns it with the updated
 *  parameters (jax-js has no optimizer library in this repo: the update is SGD's, by hand, as there). */
const jaxTraining = `import { numpy as np, nn, jit, valueAndGrad, tree, init, defaultDevice } from '@jax-js/jax';
${TRAIN_DATA}
${JAX_SETUP}
// Weights as jax keeps them (x @ W, W is [in, out]: PyTorch's transposed).
const dense = (w, fanIn, fanOut) => np.array(w).reshape([fanOut, fanIn]).transpose();
let params = { w1: dense(w1, 4096, 120), b1: np.array(b1), w2: dense(w2, 120, 10), b2: np.array(b2) };
const input = np.array(x).reshape([10, 4096]), target = np.array(y).reshape([10, 10]);
const loss = (p, xs, ys) => {
  const h = nn.relu(np.matmul(xs, p.w1).add(p.b1));
  const out = nn.sigmoid(np.matmul(h, p.w2).add(p.b2));
  return np.mean(np.square(out.sub(ys)));
};
const step = jit((p, xs, ys) => {
  const [l, g] = valueAndGrad(loss)(tree.ref(p), xs, ys);
  return [l, tree.map((w, gw) => w.sub(gw.mul(0.01)), p, g)];
});
for (let i = 0; i < 5; i++) {
  const [l, p] = step(params, input.ref, target.ref);
  params = p;
  console.log(l.item());
}
`;

/** One app in one library: its source, the package files its page fetches at run time (counted at their gzip
 *  size), and what it must print (`expect`: those lines exactly; TRAIN_LOSSES: those losses, to float32's accuracy). */
export interface App {
  system: string; app: AppKind; code: string; lean?: boolean; wasm?: string[]; files: string;
  expect: string[] | typeof TRAIN_LOSSES;
}

const TFJS_WASM = ['@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'];

export const APPS: App[] = [
  { system: 'tocha', app: 'one-line app', code: oneLine('tocha'), files: "`torch.tensor([1, 2]).add(1)` printed, rolldown --minify", expect: ['tensor([2, 3])'] },
  { system: 'tocha/lean', app: 'one-line app', code: oneLine('tocha/lean'), lean: true, files: 'the same line through tocha/lean', expect: ['tensor([2, 3])'] },
  { system: 'tocha', app: 'training app', code: tochaTraining('tocha'), files: "examples/tutorial.ts's Net (Linear 4096-120, relu, Linear 120-10, sigmoid), MSELoss, SGD, 5 steps, rolldown --minify", expect: TRAIN_LOSSES },
  { system: 'tocha/lean', app: 'training app', code: tochaTraining('tocha/lean'), lean: true, files: 'the same app through tocha/lean', expect: TRAIN_LOSSES },
  { system: 'tfjs-wasm', app: 'one-line app', code: tfjsOneLine('wasm'), wasm: TFJS_WASM, files: "tfjs-core + tfjs-backend-wasm (setBackend('wasm')), rolldown --minify, + tfjs-backend-wasm-simd.wasm", expect: ['Tensor', '    [2, 3]'] },
  { system: 'tfjs-wasm', app: 'training app', code: tfjsTraining('wasm'), wasm: TFJS_WASM, files: "the Net in tfjs-core's ops, tf.train.sgd, register_all_gradients, + tfjs-backend-wasm-simd.wasm", expect: TRAIN_LOSSES },
  { system: 'tfjs-cpu', app: 'one-line app', code: tfjsOneLine('cpu'), files: "tfjs-core + tfjs-backend-cpu (setBackend('cpu')), rolldown --minify", expect: ['Tensor', '    [2, 3]'] },
  { system: 'tfjs-cpu', app: 'training app', code: tfjsTraining('cpu'), files: "the Net in tfjs-core's ops, tf.train.sgd, register_all_gradients", expect: TRAIN_LOSSES },
  { system: 'jax-js', app: 'one-line app', code: jaxOneLine, files: "@jax-js/jax's numpy on the wasm device (init('wasm')), rolldown --minify; its wasm is generated in JS", expect: ['[ 2, 3 ]'] },
  { system: 'jax-js', app: 'training app', code: jaxTraining, files: 'the Net in jax-js: jit, valueAndGrad, the SGD update by hand', expect: TRAIN_LOSSES },
];

/** An app built, and what its page loads: the eager chunks and the .wasm files, gzip -9. */
export interface BuiltApp { chunks: Chunk[]; gzip: number; wasmGzip: number; lazyGzip: number }

export async function buildApp(root: string, app: App): Promise<BuiltApp> {
  const req = createRequire(join(root, 'package.json'));
  const chunks = await rolldownBuild(root, app.code, app.lean);
  const js = chunks.filter((c) => c.eager).reduce((a, c) => a + gz(c.code), 0);
  const wasmFiles = (app.wasm ?? []).reduce((a, f) => a + gz(readFileSync(req.resolve(f))), 0);
  // tocha's wasm is inside its JavaScript (packed, base64): counted there, and shown apart.
  const embedded = app.system.startsWith('tocha') ? wasmPart(chunks.filter((c) => c.eager).map((c) => c.code).join('\n')) : 0;
  return { chunks, gzip: js + wasmFiles, wasmGzip: wasmFiles + embedded, lazyGzip: chunks.filter((c) => !c.eager).reduce((a, c) => a + gz(c.code), 0) };
}

/** A page that is not cross-origin isolated, in Node: `window` and `document` are there, process.versions.node and
 *  SharedArrayBuffer are not (so tfjs and Emscripten take their browser paths, one thread), and fetch reads the
 *  files served beside the page (each fetch logged to stderr). Node's fetch (undici) loads before versions go. */
const PAGE = `import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
await new Response(new Uint8Array(1)).arrayBuffer();
Object.defineProperty(process, 'versions', { value: { ...process.versions, node: undefined }, configurable: true });
globalThis.window = globalThis;
globalThis.document = {};
delete globalThis.SharedArrayBuffer;
const netFetch = globalThis.fetch;
globalThis.fetch = async (url, init) => {
  if (/^https?:/.test(String(url))) return netFetch(url, init);
  process.stderr.write('page fetched ' + String(url) + '\\n');
  return new Response(readFileSync(resolve(String(url))), { headers: { 'content-type': 'application/wasm' } });
};
`;

/** Runs a built app in Node as its page would (PAGE), its .wasm files beside it; returns what is wrong with what it
 *  printed and fetched, or null. */
export function checkApp(root: string, app: App, built: BuiltApp): { problem: string | null; stdout: string } {
  const req = createRequire(join(root, 'package.json'));
  const dir = mkdtempSync(join(tmpdir(), 'tocha-bundle-app-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, 'page.mjs'), PAGE);
    // Only the chunks counted: an app that reached for another would fail here.
    for (const c of built.chunks) if (c.eager) writeFileSync(join(dir, c.fileName), c.code);
    for (const f of app.wasm ?? []) copyFileSync(req.resolve(f), join(dir, basename(f)));
    const p = spawnSync(process.execPath, ['--import', './page.mjs', built.chunks[0].fileName],
      { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const stdout = p.stdout ?? '';
    const fail = (why: string) => ({ problem: `${app.system}, ${app.app}: ${why}\nstdout:\n${stdout}stderr:\n${p.stderr ?? ''}`, stdout });
    if (p.status !== 0) return fail(`exited with ${p.status ?? p.signal}`);
    const fetched = [...(p.stderr ?? '').matchAll(/^page fetched (.*)$/gm)].map((m) => basename(m[1])).sort();
    const counted = (app.wasm ?? []).map((f) => basename(f)).sort();
    if (fetched.join() !== counted.join()) return fail(`fetched [${fetched.join(', ')}], counted [${counted.join(', ')}]`);
    const lines = stdout.trimEnd().split('\n');
    if (app.expect === TRAIN_LOSSES) {
      // float32 through different kernels (sums in other orders): PyTorch's losses to 1e-6, relative (the peers were 3e-7 off).
      const bad = lines.length !== TRAIN_LOSSES.length ||
        lines.some((l, i) => !(Math.abs(Number(l) - TRAIN_LOSSES[i]) <= 1e-6 * TRAIN_LOSSES[i]));
      if (bad) return fail(`printed losses other than PyTorch's ${TRAIN_LOSSES.join(', ')}`);
    } else if (lines.join('\n') !== app.expect.join('\n')) {
      return fail(`printed other than ${JSON.stringify(app.expect.join('\n'))}`);
    }
    return { problem: null, stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds `apps` (and with `check`, runs each: checkApp), one row each; the problems found by the check. */
export async function appSizes(root: string, apps: App[], check = false): Promise<{ rows: BundleSize[]; problems: string[] }> {
  const rows: BundleSize[] = [];
  const problems: string[] = [];
  for (const app of apps) {
    const built = await buildApp(root, app);
    const lazy = built.lazyGzip ? `; not counted: ${(built.lazyGzip / 1024).toFixed(1)} KB of chunks behind import() it does not load` : '';
    rows.push({ name: `${app.system}, ${app.app}`, gzip: built.gzip, wasmGzip: built.wasmGzip || undefined, files: app.files + lazy,
      app: app.app, system: app.system });
    if (check) {
      const { problem } = checkApp(root, app, built);
      if (problem) problems.push(problem);
    }
  }
  return { rows, problems };
}

/** Every row: the whole libraries, tocha's tutorial page, and the app-against-app rows (APPS). With `check`, each app
 *  of APPS runs once (checkApp) and a wrong one throws. */
export async function bundleSizes(root: string, { check = false } = {}): Promise<BundleSize[]> {
  const req = createRequire(join(root, 'package.json'));
  const out: BundleSize[] = [];
  const whole = (await build({ entryPoints: [join(root, 'dist/index.js')], bundle: true, format: 'esm', minify: true,
    write: false, logLevel: 'silent' })).outputFiles[0].text;
  out.push({ name: 'tocha, whole library', gzip: gz(whole), wasmGzip: wasmPart(whole),
    files: 'dist/index.js and every module it imports, esbuild --bundle --minify' });
  const lean = (await build({ entryPoints: [join(root, 'dist/lean.js')], bundle: true, format: 'esm', minify: true,
    write: false, logLevel: 'silent' })).outputFiles[0].text;
  out.push({ name: 'tocha/lean, whole library', gzip: gz(lean), wasmGzip: wasmPart(lean),
    files: 'dist/lean.js and every module it imports, esbuild --bundle --minify' });
  const pages: [string, string, string, boolean][] = [
    ['tocha, tutorial app', tutorialPage(root), "examples/tutorial.ts's notebook (Embedding, Linear, Dropout, softmax, losses, SGD/Adam, DataLoader), rolldown --minify", false],
    ['tocha/lean, tutorial app', tutorialPage(root), 'the same notebook through tocha/lean, tocha/lean/nn/functional and tocha/lean/utils/data', true],
  ];
  for (const [name, code, files, isLean] of pages) {
    const app = await rolldownApp(root, code, isLean);
    out.push({ name, gzip: gz(app), wasmGzip: wasmPart(app), files });
  }
  const { rows, problems } = await appSizes(root, APPS, check);
  const isTocha = (r: BundleSize) => r.system!.startsWith('tocha');
  out.push(...rows.filter(isTocha));

  const file = (spec: string) => readFileSync(req.resolve(spec));
  const core = file('@tensorflow/tfjs-core/dist/tf-core.min.js');
  const wasmJs = file('@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js');
  const simd = file('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm');
  const cpu = file('@tensorflow/tfjs-backend-cpu/dist/tf-backend-cpu.min.js');
  out.push({ name: 'tfjs-core + tfjs-backend-wasm', gzip: gz(core) + gz(wasmJs) + gz(simd),
    files: 'tf-core.min.js + tf-backend-wasm.min.js + tfjs-backend-wasm-simd.wasm (the one SIMD single-thread loads); gradients not included' });
  out.push({ name: 'tfjs-core + tfjs-backend-cpu', gzip: gz(core) + gz(cpu),
    files: 'tf-core.min.js + tf-backend-cpu.min.js; gradients not included' });

  // jax-js: minify with code splitting; the WebGPU and WebGL backends are dynamic imports.
  const r = buildSync({
    entryPoints: [join(root, 'node_modules/@jax-js/jax/dist/index.js')], bundle: true, minify: true, format: 'esm', splitting: true,
    outdir: '/jax-bundle', write: false, metafile: true, platform: 'browser', logLevel: 'silent',
  });
  const sizes = new Map(r.outputFiles.map((f) => [f.path.replace(/^.*\/jax-bundle\//, 'jax-bundle/'), gz(f.contents)]));
  const outputs = r.metafile.outputs;
  const entry = Object.keys(outputs).find((k) => outputs[k].entryPoint)!;
  const eager = new Set<string>();
  const visit = (k: string) => {
    if (eager.has(k)) return;
    eager.add(k);
    for (const i of outputs[k].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(entry);
  const sum = (keys: string[]) => keys.filter((k) => k.endsWith('.js')).reduce((a, k) => a + (sizes.get(k.replace(/^.*jax-bundle\//, 'jax-bundle/')) ?? 0), 0);
  out.push({ name: 'jax-js', gzip: sum(Object.keys(outputs)), files: 'esbuild --minify, all chunks (kernels are generated wasm, no .wasm file)' });
  out.push({ name: 'jax-js, without lazy chunks', gzip: sum([...eager]), files: 'the chunks loaded before a WebGPU/WebGL backend is asked for' });
  out.push(...rows.filter((r) => !isTocha(r)));
  if (problems.length) throw new Error(`bench/bundle.ts --check: ${problems.length} app(s) wrong\n${problems.join('\n')}`);
  return out;
}

const KB = (bytes: number) => (bytes / 1024).toFixed(1);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const check = argv.includes('--check');
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : undefined;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const apps = APPS.filter((a) => !only || only.includes(a.system));
  const t0 = performance.now();
  // Without --only, every row (bundleSizes throws on a wrong app).
  const { rows, problems } = only ? await appSizes(root, apps, check) : { rows: await bundleSizes(root, { check }), problems: [] };
  for (const r of rows) console.log(`${r.name.padEnd(34)} ${KB(r.gzip).padStart(6)} KB gzip${r.wasmGzip ? `, wasm ${KB(r.wasmGzip)} KB of it` : ''}  (${r.files})`);
  if (check) {
    console.log(problems.length ? problems.join('\n') : `checked: ${apps.length} apps ran in Node and printed what they should`);
  }
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(problems.length ? 1 : 0);
}
