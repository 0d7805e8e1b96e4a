// The playground's training, independent of the page: the MNIST digits from the `mnist` package
// (10,000 of them, written by scripts/playground.mjs as one binary file), the model, and a
// trainer that steps a shuffled DataLoader one batch at a time so it can pause between batches.
// The worker runs it in the browser; test/browser runs the same code in Node to compare speed.
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
const { nn, optim } = torch;
const { DataLoader, TensorDataset } = torch.utils.data;

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;
/** MNIST's mean and standard deviation, as torchvision's tutorials normalize. */
export const MEAN = 0.1307, STD = 0.3081;
export const HELD_OUT = 1000;

/**
 * The digits file: u32 count, then count×784 pixels (u8, 0..255), then count labels (u8).
 * Returns a seeded split into training and held-out tensors (N, 1, 28, 28), normalized.
 */
export function loadDigits(buf: ArrayBuffer, seed = 0): { train: [Tensor, Tensor]; test: [Tensor, Tensor] } {
  const n = new DataView(buf).getUint32(0, true);
  const px = new Uint8Array(buf, 4, n * PIXELS);
  const lab = new Uint8Array(buf, 4 + n * PIXELS, n);
  const x = new Float32Array(n * PIXELS);
  for (let i = 0; i < x.length; i++) x[i] = (px[i] / 255 - MEAN) / STD;
  return torch.tidy(() => {
    const all = torch.tensor(x).view(n, 1, SIDE, SIDE);
    const y = torch.tensor(Array.from(lab));
    const perm = torch.randperm(n, { generator: new torch.Generator().manual_seed(seed) });
    const trainIdx = perm.narrow(0, 0, n - HELD_OUT), testIdx = perm.narrow(0, n - HELD_OUT, HELD_OUT);
    const pick = (t: Tensor, i: Tensor) => torch.index_select(t, 0, i).keep();
    return {
      train: [pick(all, trainIdx), pick(y, trainIdx)] as [Tensor, Tensor],
      test: [pick(all, testIdx), pick(y, testIdx)] as [Tensor, Tensor],
    };
  });
}

/** The main job's model (examples/mnist.ts): the tutorial's `Net`, 784 pixels → 256 → 10 logits. */
export class Net extends nn.Module {
  in_layer: torch.nn.Linear;
  out_layer: torch.nn.Linear;
  constructor(num_features: number, hidden_size: number, nb_classes: number) {
    super();
    this.in_layer = new nn.Linear(num_features, hidden_size);
    this.out_layer = new nn.Linear(hidden_size, nb_classes);
  }
  override forward(x: Tensor): Tensor {
    return this.out_layer.forward(torch.relu(this.in_layer.forward(x.flatten(1))));
  }
}

export type { ModelKind } from './protocol.js';
import type { ModelKind } from './protocol.js';

/** Each model with the recipe that trains it: Adam, batch 64, cross-entropy on logits. */
export const MODELS: Record<ModelKind, { lr: number; epochs: number; make(): torch.nn.Module }> = {
  cnn: {
    lr: 2e-3, epochs: 3,
    make: () => new nn.Sequential(
      new nn.Conv2d(1, 8, 3, { padding: 1 }), new nn.ReLU(), new nn.MaxPool2d(2),
      new nn.Conv2d(8, 16, 3, { padding: 1 }), new nn.ReLU(), new nn.MaxPool2d(2),
      new nn.Flatten(), new nn.Linear(16 * 7 * 7, 64), new nn.ReLU(), new nn.Linear(64, 10),
    ),
  },
  net: { lr: 1e-3, epochs: 6, make: () => new Net(784, 256, 10) },
};

export interface StepInfo { step: number; epoch: number; loss: number }

export class Trainer {
  readonly model: torch.nn.Module;
  readonly optimizer: torch.optim.Adam;
  readonly criterion = new nn.CrossEntropyLoss();
  readonly loader: InstanceType<typeof DataLoader<[Tensor, Tensor], Tensor[]>>;
  readonly stepsPerEpoch: number;
  step = 0;
  epoch = 0;
  private it: Iterator<Tensor[]> | null = null;

  constructor(readonly data: ReturnType<typeof loadDigits>, readonly kind: ModelKind = 'cnn', readonly batchSize = 64, seed = 0) {
    torch.manual_seed(seed);
    this.model = MODELS[kind].make();
    this.optimizer = new optim.Adam(this.model.parameters(), { lr: MODELS[kind].lr });
    this.loader = new DataLoader(new TensorDataset(...data.train), {
      batch_size: batchSize, shuffle: true, generator: new torch.Generator().manual_seed(seed),
    }) as unknown as Trainer['loader'];
    this.stepsPerEpoch = this.loader.len();
  }

  /** One optimization step on the next batch; a new epoch starts when the loader runs out. */
  next(): StepInfo {
    this.model.train();
    for (;;) {
      if (!this.it) this.it = this.loader[Symbol.iterator]();
      const r = this.it.next();
      if (r.done) { this.it = null; this.epoch++; continue; }
      const [x, y] = r.value;
      this.optimizer.zero_grad();
      const loss = this.criterion.forward(this.model.forward(x), y);
      loss.backward();
      this.optimizer.step();
      this.step++;
      return { step: this.step, epoch: this.epoch + (this.step % this.stepsPerEpoch) / this.stepsPerEpoch, loss: Number(loss.item()) };
    }
  }

  /** Held-out accuracy, in eval mode without gradients. */
  accuracy(): number {
    const [x, y] = this.data.test;
    return torch.no_grad(() => torch.tidy(() => {
      this.model.eval();
      let correct = 0;
      for (let i = 0; i < x._shape[0]; i += 500) {
        const n = Math.min(500, x._shape[0] - i);
        const pred = torch.argmax(this.model.forward(x.narrow(0, i, n)), 1);
        correct += Number(pred.eq(y.narrow(0, i, n)).sum().item());
      }
      return correct / x._shape[0];
    }));
  }

  /** Class probabilities for one 28×28 image with values in 0..1 (white digit on black). */
  predict(pixels: Float32Array): number[] {
    return torch.no_grad(() => torch.tidy(() => {
      this.model.eval();
      const x = torch.tensor(pixels).view(1, 1, SIDE, SIDE).sub(MEAN).div(STD);
      return Array.from(torch.softmax(this.model.forward(x), 1).dataSync());
    }));
  }
}
