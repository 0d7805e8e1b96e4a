// Bundle sizes, gzip: what a browser downloads to run each library. tocha's dist/ is one module per source
// module with the wasm embedded (packed: src/backend/unpack.ts); an app's bundler keeps the modules the app reaches. Two figures: the
// whole library (an app that reaches every namespace, esbuild --bundle --minify), examples/tutorial.ts (the
// tutorial's notebook, every cell, in a page: `main()` called) and a one-line app built by rolldown, Vite's bundler,
// minified; each through the default entry (`tocha`) and through `tocha/lean`.
// The peers ship minified browser bundles and .wasm files in node_modules; jax-js ships unminified ESM chunks,
// so it is minified here with esbuild, as an app build would.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, buildSync } from 'esbuild';
import { rolldown } from 'rolldown';

export interface BundleSize { name: string; gzip: number; files: string; wasmGzip?: number }

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

/** An app built by rolldown (minified) from `code`, its `tocha` imports resolved as the package exports them;
 *  `tutorial`: examples/tutorial.ts as an app's page runs it (`main()` called), its `../src/...` imports as the
 *  package paths they stand for, through `tocha/lean` where `lean`. */
export async function rolldownApp(root: string, code: string, lean = false): Promise<string> {
  const entry = 'virtual:app';
  const bundle = await rolldown({
    input: entry, logLevel: 'silent', platform: 'browser',
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
  return output[0].code;
}

export const tutorialPage = (root: string) => `import { main } from ${JSON.stringify(join(root, 'examples/tutorial.ts'))};\nmain({ log: console.log });\n`;
export const oneLine = (entry: string) => `import * as torch from '${entry}';\nconsole.log(String(torch.tensor([1, 2]).add(1)));\n`;

export async function bundleSizes(root: string): Promise<BundleSize[]> {
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
  const apps: [string, string, string, boolean][] = [
    ['tocha, tutorial app', tutorialPage(root), "examples/tutorial.ts's notebook (Embedding, Linear, Dropout, softmax, losses, SGD/Adam, DataLoader), rolldown --minify", false],
    ['tocha/lean, tutorial app', tutorialPage(root), 'the same notebook through tocha/lean, tocha/lean/nn/functional and tocha/lean/utils/data', true],
    ['tocha, one-line app', oneLine('tocha'), "`torch.tensor([1, 2]).add(1)` printed, rolldown --minify", false],
    ['tocha/lean, one-line app', oneLine('tocha/lean'), 'the same line through tocha/lean', true],
  ];
  for (const [name, code, files, isLean] of apps) {
    const app = await rolldownApp(root, code, isLean);
    out.push({ name, gzip: gz(app), wasmGzip: wasmPart(app), files });
  }

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
  return out;
}
