// TensorFlow.js peers: tfjs-core with the wasm backend (XNNPACK, SIMD, one thread, its .wasm
// files read from node_modules, no network) and with the plain-JavaScript cpu backend.
// Training uses tf.variable + optimizer.minimize, as tfjs users write it.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfwasm from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { Runner, System, uniform, labels, oneHot, linearInit, transpose } from './lib.js';

let wasmReady = false;
let gradientsReady = false;

/** tfjs-core alone has no gradient functions: the @tensorflow/tfjs union package imports
 *  `tfjs-core/dist/register_all_gradients`, which Node cannot load as ESM (directory imports).
 *  Bundled with esbuild it registers them into tfjs's global registry, which both copies share. */
async function registerGradients(): Promise<void> {
  if (gradientsReady) return;
  const req = createRequire(import.meta.url);
  const entry = req.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  const out = join(tmpdir(), `tocha-bench-tfjs-gradients-${process.pid}.mjs`);
  await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'error' });
  await import(pathToFileURL(out).href);
  gradientsReady = true;
}

/** Switches tfjs to `backend`; the wasm backend is set up once (file paths, one thread). */
export async function useBackend(backend: 'wasm' | 'cpu'): Promise<string> {
  if (backend === 'wasm' && !wasmReady) {
    const req = createRequire(import.meta.url);
    const dir = dirname(req.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
    tfwasm.setWasmPaths(dir + '/');
    tfwasm.setThreadsCount?.(1);
    wasmReady = true;
  }
  await registerGradients();
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialize`);
  await tf.ready();
  // The cpu backend advertises tfjs-node on its first write; it has nothing to say here.
  (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
  const f = tf.env().features;
  return backend === 'wasm'
    ? `tfjs ${tf.version_core}, wasm simd=${f.WASM_HAS_SIMD_SUPPORT} threads=${tfwasm.getThreadsCount?.() ?? 1}`
    : `tfjs ${tf.version_core}, cpu (JavaScript)`;
}

const mat = (data: Float32Array, rows: number, cols: number) => tf.tensor2d(data, [rows, cols], 'float32');

/** Weights as tfjs keeps them (x·W, W is [in, out]), from the shared initialization. */
function dense(fanIn: number, fanOut: number, seed: number): { w: tf.Variable; b: tf.Variable } {
  const { w, b } = linearInit(fanIn, fanOut, seed);
  return {
    w: tf.variable(mat(transpose(w, fanOut, fanIn), fanIn, fanOut)),
    b: tf.variable(tf.tensor1d(b, 'float32')),
  };
}

function trainer(vars: tf.Variable[], loss: () => tf.Scalar, opt: tf.Optimizer, data: tf.Tensor[]): Runner {
  return {
    run() {
      // minimize = gradients of loss w.r.t. vars, then apply them; the returned cost is
      // discarded as in the tutorial's loop (returnCost false).
      opt.minimize(loss, false, vars);
    },
    dispose() {
      vars.forEach((v) => v.dispose());
      data.forEach((t) => t.dispose());
      opt.dispose();
    },
  };
}

function system(name: 'tfjs-wasm' | 'tfjs-cpu'): System {
  return {
    name,
    matmul(n) {
      const a = mat(uniform(n * n, 1), n, n), b = mat(uniform(n * n, 2), n, n);
      return {
        // The wasm and cpu backends compute synchronously; dispose frees the result at once.
        run() { tf.matMul(a, b).dispose(); },
        dispose() { a.dispose(); b.dispose(); },
      };
    },
    tutorial(batch) {
      const l1 = dense(4096, 120, 11), l2 = dense(120, 10, 13);
      const x = mat(uniform(batch * 4096, 21), batch, 4096);
      const y = mat(uniform(batch * 10, 22), batch, 10);
      const loss = () => tf.tidy(() => {
        const h = tf.relu(tf.add(tf.matMul(x, l1.w), l1.b));
        const out = tf.sigmoid(tf.add(tf.matMul(h, l2.w), l2.b));
        return tf.mean(tf.squaredDifference(out, y)) as tf.Scalar;
      });
      return trainer([l1.w, l1.b, l2.w, l2.b], loss, tf.train.sgd(0.01), [x, y]);
    },
    mnist(batch) {
      const l1 = dense(784, 256, 31), l2 = dense(256, 10, 33);
      const x = mat(uniform(batch * 784, 41), batch, 784);
      const y = mat(oneHot(labels(batch, 10, 42), 10), batch, 10);
      const loss = () => tf.tidy(() => {
        const h = tf.relu(tf.add(tf.matMul(x, l1.w), l1.b));
        const logits = tf.add(tf.matMul(h, l2.w), l2.b);
        return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
      });
      return trainer([l1.w, l1.b, l2.w, l2.b], loss, tf.train.adam(1e-3), [x, y]);
    },
    elementwise(op, n) {
      const a = tf.tensor1d(uniform(n, 3), 'float32'), b = tf.tensor1d(uniform(n, 4), 'float32');
      const f = op === 'sigmoid' ? () => tf.sigmoid(a) : () => tf.add(a, b);
      return {
        run() { f().dispose(); },
        dispose() { a.dispose(); b.dispose(); },
      };
    },
  };
}

export const tfjsWasm = system('tfjs-wasm');
export const tfjsCpu = system('tfjs-cpu');

/** tfjs's own count of bytes it holds (for the memory report). */
export const tfMemory = () => tf.memory();
