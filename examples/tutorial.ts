// The beginners' PyTorch tutorial (a Portuguese notebook built around the `MyMLP` and `Net`
// classes, ../shared/conformance/gen.py), cell by cell in tocha. The notebook itself is not in
// the repository: the section comments below paraphrase its steps in English. Every printout is the text PyTorch 1.13 prints for the same
// cell: test/tutorial.test.ts checks them against test/fixtures/tutorial-expected.json, which
// test/fixtures/gen_tutorial.py made by running the same cells in PyTorch.
//
//   npx tsx examples/tutorial.ts
import * as torch from '../src/index.js';
import { nn, optim } from '../src/index.js';
import type { Tensor } from '../src/index.js';
// The notebook's `import torch.nn.functional as F` and `from torch.utils.data import DataLoader`; an app imports
// them from 'tocha/nn/functional' and 'tocha/utils/data' (and its bundler keeps only what it uses of them).
import * as F from '../src/nn/F.js';
import { DataLoader } from '../src/data/index.js';

// ---------------------------------------------------------------- the two models

/**
 * Word indices → embeddings → hidden layer → two classes (the notebook's "MLP" section).
 * `forward` takes the non-linearity as an extra argument, as in the notebook.
 */
export class MyMLP extends nn.Module {
  emb_layer: nn.Embedding;
  hidden_layer: nn.Linear;
  out_layer: nn.Linear;
  dropout_hidden: nn.Dropout;

  constructor(vocab_size: number, emb_size: number, hidden_size: number, nb_classes: number) {
    super();
    this.emb_layer = new nn.Embedding(vocab_size, emb_size);
    this.hidden_layer = new nn.Linear(emb_size, hidden_size);
    this.out_layer = new nn.Linear(hidden_size, nb_classes);
    this.dropout_hidden = new nn.Dropout(0.5);
  }

  override forward(x: Tensor, nonlinearity: 'sigmoid' | 'tanh' = 'sigmoid'): Tensor {
    const act = (t: Tensor) => (nonlinearity === 'sigmoid' ? torch.sigmoid(t) : torch.tanh(t));
    x = this.emb_layer(x);
    x = act(x);
    x = this.hidden_layer(x);
    x = this.dropout_hidden(x);
    x = act(x);
    x = this.out_layer(x);
    return torch.softmax(x, -1);
  }
}

/** Features → ReLU hidden layer → sigmoid outputs, one per class (the notebook's `Net`). */
export class Net extends nn.Module {
  in_layer: nn.Linear;
  out_layer: nn.Linear;

  constructor(num_features: number, hidden_size: number, nb_classes: number) {
    super();
    this.in_layer = new nn.Linear(num_features, hidden_size);
    this.out_layer = new nn.Linear(hidden_size, nb_classes);
  }

  override forward(x: Tensor): Tensor {
    return torch.sigmoid(this.out_layer(torch.relu(this.in_layer(x))));
  }
}

// ---------------------------------------------------------------- the cells

/** Runs every cell; returns what they printed (one entry per print, as Python's print shows it). */
export function main(opts: { log?: (text: string) => void } = {}): string[] {
  const printed: string[] = [];
  // Python's print: null is None, numbers and strings as they are.
  const show = (...objs: unknown[]) => {
    const text = objs.map((o) => (o === null || o === undefined ? 'None' : String(o))).join(' ');
    printed.push(text);
    opts.log?.(text);
  };

  torch.manual_seed(0);

  // Defining a network: the MLP over word embeddings, printed the way
  // PyTorch prints modules. With eval(), Dropout does nothing and the output is deterministic.
  const model = new MyMLP(100, 50, 20, 2);
  show(model);
  model.eval();
  const words = torch.tensor([[4, 8, 15], [16, 23, 42]]);
  show(model(words));
  show(model(words, 'tanh'));

  // The `Net` class: 64x64 images flattened to 4096 features, 120 hidden units, 10 classes.
  const net = new Net(64 * 64, 120, 10);
  show(net);

  // Parameters: weight and bias of each layer; the first is 120 x 4096.
  const params = [...net.parameters()];
  show(params.length);
  show(params[0].size());

  // A random input through the net, and the most likely class (values and indices).
  const input = torch.randn(1, 64 * 64);
  let out = net(input);
  show(out);
  show(torch.max(out, -1));

  // Loss function: a dummy target shaped like the output.
  let target = torch.randn(10);
  target = target.view(1, -1);
  const criterion = new nn.MSELoss();
  let loss = criterion(out, target);
  show(loss);

  // Backprop: the gradient of the first layer's bias is None until backward fills it.
  net.zero_grad();
  show('in_layer.bias.grad before backward');
  show(net.in_layer.bias!.grad);
  loss.backward();
  show('in_layer.bias.grad after backward');
  show(net.in_layer.bias!.grad);

  // Updating the weights by hand: weight = weight - learning_rate * gradient.
  const learning_rate = 0.01;
  for (const f of net.parameters()) f.data.sub_(f.grad!.data.mul(learning_rate));
  show(criterion(net(input), target));

  // The same with torch.optim: zero the gradients, forward, loss, backward, step.
  let optimizer = new optim.SGD(net.parameters(), { lr: 0.01 });
  optimizer.zero_grad();
  const output = net(input);
  loss = criterion(output, target);
  loss.backward();
  optimizer.step();
  show(loss);
  show(criterion(net(input), target));

  // Training on a small dataset: a plain list of [features, label] pairs, noisy
  // copies of one random pattern per class; 160 to train on, 40 held out.
  torch.manual_seed(1);
  const patterns = torch.randn(10, 64 * 64).keep();
  const dataset: [Tensor, number][] = [];
  for (let i = 0; i < 200; i++) {
    const label = i % 10;
    dataset.push([torch.tidy(() => patterns.get(label).add(torch.randn(64 * 64).mul(4))).keep(), label]);
  }
  const train = dataset.slice(0, 160);
  const test = dataset.slice(160);

  const clf = new Net(64 * 64, 120, 10);
  optimizer = new optim.SGD(clf.parameters(), { lr: 0.1 });
  // The DataLoader stacks 16 samples into a batch and shuffles like PyTorch's; each loop step
  // releases the tensors the previous step made.
  const loader = new DataLoader(train, { batch_size: 16, shuffle: true });
  for (let epoch = 0; epoch < 5; epoch++) {
    let total = 0;
    for (const [x, y] of loader) {
      optimizer.zero_grad();
      out = clf(x);
      loss = criterion(out, F.one_hot(y, 10).float());
      loss.backward();
      optimizer.step();
      total += loss.item() as number;
    }
    show(`epoch ${epoch + 1}: loss ${(total / loader.len()).toFixed(4)}`);
  }

  // Accuracy, without recording gradients.
  const accuracy = (data: [Tensor, number][]): number => torch.no_grad(() => torch.tidy(() => {
    let correct = 0;
    for (const [x, y] of data) {
      const [, predicted] = clf(x.view(1, -1)).max(-1);
      if (predicted.item() === y) correct++;
    }
    return correct / data.length;
  }));
  show(`train accuracy: ${accuracy(train).toFixed(4)}`);
  show(`test accuracy: ${accuracy(test).toFixed(4)}`);

  for (const [x] of dataset) x.dispose();
  patterns.dispose();
  return printed;
}

if (import.meta.url === `file://${process.argv[1]}`) main({ log: (t) => console.log(t) });
