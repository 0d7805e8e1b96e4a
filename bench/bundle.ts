// Bundle sizes, gzip: what a browser downloads to run each library. tocha's dist/index.js embeds
// its wasm as base64. The peers ship minified browser bundles and .wasm files in node_modules;
// jax-js ships unminified ESM chunks, so it is minified here with esbuild, as an app build would.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSync, transformSync } from 'esbuild';

export interface BundleSize { name: string; gzip: number; files: string }

const gz = (b: Buffer | Uint8Array | string) => gzipSync(b, { level: 9 }).length;

export function bundleSizes(root: string): BundleSize[] {
  const req = createRequire(join(root, 'package.json'));
  const out: BundleSize[] = [];
  const dist = readFileSync(join(root, 'dist/index.js'), 'utf8');
  out.push({ name: 'tocha', gzip: gz(dist), files: 'dist/index.js as built (wasm inside, not minified)' });
  out.push({ name: 'tocha, minified', gzip: gz(transformSync(dist, { minify: true, format: 'esm' }).code), files: 'dist/index.js through esbuild --minify' });

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
