// Bundle sizes, gzip: what a browser downloads to run each library. tocha's dist/ is one module per source
// module with the wasm embedded (packed: src/backend/unpack.ts); an app's bundler keeps the modules the app reaches. Two figures: the
// whole library (an app that reaches every namespace, esbuild --bundle --minify), and examples/tutorial.ts (the
// tutorial's notebook, every cell, in a page: `main()` called) built by rolldown, Vite's bundler, minified.
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

/** examples/tutorial.ts as an app's page runs it, built by rolldown with `tocha` resolved to dist/. */
async function tutorialApp(root: string): Promise<string> {
  const entry = 'virtual:tutorial-page';
  const bundle = await rolldown({
    input: entry, logLevel: 'silent', platform: 'browser',
    plugins: [{
      name: 'page',
      // the example imports src/; the page, the built modules
      resolveId: (id, from) => (id === entry ? id : from?.endsWith('examples/tutorial.ts') && id.startsWith('../src/')
        ? join(root, 'dist', id.slice('../src/'.length)) : null),
      load: (id) => (id === entry ? `import { main } from ${JSON.stringify(join(root, 'examples/tutorial.ts'))};\nmain({ log: console.log });\n` : null),
    }],
  });
  const { output } = await bundle.generate({ format: 'esm', minify: true });
  await bundle.close();
  return output[0].code;
}

export async function bundleSizes(root: string): Promise<BundleSize[]> {
  const req = createRequire(join(root, 'package.json'));
  const out: BundleSize[] = [];
  const whole = (await build({ entryPoints: [join(root, 'dist/index.js')], bundle: true, format: 'esm', minify: true,
    write: false, logLevel: 'silent' })).outputFiles[0].text;
  out.push({ name: 'tocha, whole library', gzip: gz(whole), wasmGzip: wasmPart(whole),
    files: 'dist/index.js and every module it imports, esbuild --bundle --minify' });
  const app = await tutorialApp(root);
  out.push({ name: 'tocha, tutorial app', gzip: gz(app), wasmGzip: wasmPart(app),
    files: "examples/tutorial.ts's notebook (Embedding, Linear, Dropout, softmax, losses, SGD/Adam, DataLoader), rolldown --minify" });

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
