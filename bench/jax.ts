// jax-js peer: the wasm device (in Node there is no global Worker, so jax-js runs one thread),
// every workload under jit; training as jax users write it: a jitted step that takes the
// parameters (and optimizer state), differentiates the loss with grad and returns the updated
// ones. jax-js arrays are reference-counted and consumed by the calls they are passed to, so
// inputs that live across steps are passed as `.ref`.
import { numpy as np, jit, grad, init, defaultDevice, nn, tree, blockUntilReady } from '@jax-js/jax';
import { Runner, System, uniform, labels, oneHot, linearInit, transpose } from './lib.js';

type Arr = np.Array;
type Params = { w1: Arr; b1: Arr; w2: Arr; b2: Arr };

export async function setup(): Promise<string> {
  await init('wasm');
  defaultDevice('wasm');
  return `jax-js, wasm device, ${typeof (globalThis as { Worker?: unknown }).Worker === 'undefined' ? '1 thread (no Worker in Node)' : 'workers'}`;
}

const mat = (data: Float32Array, rows: number, cols: number): Arr => np.array(data).reshape([rows, cols]);

function params(fanIn: number, hidden: number, out: number, seed: number): Params {
  const l1 = linearInit(fanIn, hidden, seed), l2 = linearInit(hidden, out, seed + 2);
  return {
    w1: mat(transpose(l1.w, hidden, fanIn), fanIn, hidden), b1: np.array(l1.b),
    w2: mat(transpose(l2.w, out, hidden), hidden, out), b2: np.array(l2.b),
  };
}

const tutorialLoss = (p: Params, x: Arr, y: Arr): Arr => {
  const h = nn.relu(np.matmul(x, p.w1).add(p.b1));
  const out = nn.sigmoid(np.matmul(h, p.w2).add(p.b2));
  return np.mean(np.square(out.sub(y)));
};

const mnistLoss = (p: Params, x: Arr, y: Arr): Arr => {
  const h = nn.relu(np.matmul(x, p.w1).add(p.b1));
  const logits = np.matmul(h, p.w2).add(p.b2);
  return np.mean(np.sum(nn.logSoftmax(logits, -1).mul(y), -1)).mul(-1);
};

const sgdStep = jit((p: Params, x: Arr, y: Arr): Params => {
  const g = grad(tutorialLoss)(tree.ref(p), x, y);
  return tree.map((w: Arr, gw: Arr) => w.sub(gw.mul(0.01)), p, g as Params) as Params;
});

type AdamState = { p: Params; m: Params; v: Params };
const [b1, b2, eps] = [0.9, 0.999, 1e-8];
// PyTorch's Adam: p -= lr/bc1 · m / (√v/√bc2 + eps); the bias corrections come in as scalars.
const adamStep = jit((s: AdamState, x: Arr, y: Arr, stepSize: Arr, rsqrtBc2: Arr): AdamState => {
  const g = grad(mnistLoss)(tree.ref(s.p), x, y) as Params;
  const gr = tree.ref(g);
  const m = tree.map((m: Arr, g: Arr) => m.mul(b1).add(g.mul(1 - b1)), s.m, g) as Params;
  const v = tree.map((v: Arr, g: Arr) => v.mul(b2).add(np.square(g).mul(1 - b2)), s.v, gr) as Params;
  const mr = tree.ref(m), vr = tree.ref(v);
  const keys = ['w1', 'b1', 'w2', 'b2'] as const;
  const p = {} as Params;
  for (const k of keys) {
    const denom = np.sqrt(vr[k]).mul(rsqrtBc2.ref).add(eps);
    p[k] = s.p[k].sub(mr[k].div(denom).mul(stepSize.ref));
  }
  stepSize.dispose();
  rsqrtBc2.dispose();
  return { p, m, v };
});

export const jax: System = {
  name: 'jax-js',
  matmul(n) {
    const a = mat(uniform(n * n, 1), n, n), b = mat(uniform(n * n, 2), n, n);
    const f = jit((x: Arr, y: Arr) => np.matmul(x, y));
    return {
      async run() {
        const c = f(a.ref, b.ref);
        await c.blockUntilReady();
        c.dispose();
      },
      dispose() { a.dispose(); b.dispose(); f.dispose(); },
    };
  },
  tutorial(batch) {
    let p = params(4096, 120, 10, 11);
    const x = mat(uniform(batch * 4096, 21), batch, 4096), y = mat(uniform(batch * 10, 22), batch, 10);
    return {
      async run() {
        p = sgdStep(p, x.ref, y.ref);
        await blockUntilReady(p);
      },
      dispose() { tree.dispose(p); x.dispose(); y.dispose(); },
    };
  },
  mnist(batch) {
    const p = params(784, 256, 10, 31);
    const zeros = () => tree.map((w: Arr) => np.zerosLike(w.ref), p) as Params;
    let s: AdamState = { p, m: zeros(), v: zeros() };
    const x = mat(uniform(batch * 784, 41), batch, 784);
    const y = mat(oneHot(labels(batch, 10, 42), 10), batch, 10);
    let t = 0;
    return {
      async run() {
        t++;
        const stepSize = np.array(1e-3 / (1 - b1 ** t)), rsqrtBc2 = np.array(1 / Math.sqrt(1 - b2 ** t));
        s = adamStep(s, x.ref, y.ref, stepSize, rsqrtBc2);
        await blockUntilReady(s);
      },
      dispose() { tree.dispose(s); x.dispose(); y.dispose(); },
    };
  },
  elementwise(op, n) {
    const a = np.array(uniform(n, 3)), b = np.array(uniform(n, 4));
    const sig = jit((x: Arr) => nn.sigmoid(x)), add = jit((x: Arr, y: Arr) => x.add(y));
    return {
      async run() {
        const c = op === 'sigmoid' ? sig(a.ref) : add(a.ref, b.ref);
        await c.blockUntilReady();
        c.dispose();
      },
      dispose() { a.dispose(); b.dispose(); sig.dispose(); add.dispose(); },
    };
  },
};
