// The PyTorch code of "Dive into Deep Learning" (d2l.ai) written against tocha the way a user translating it would
// write it, with the same stand-in data and seeds as scripts/gen-d2l.py (which records what PyTorch 1.13 prints for
// each program and says what the programs are). test/d2l.test.ts compares. The d2l package's helpers are written
// inline as the book defines them. Where the translation has to differ from the Python for a reason of language (no
// operator overloading, no `with`, Python's own formatting of numbers), the line says so.
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { e, n, p, program, pyfloat, tuple, type Rec } from './tutorial-harness.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { nn } = torch;
const F = nn.functional;
const { data } = torch.utils;

const float = (t: Tensor | number) => (typeof t === 'number' ? t : Number(t.item()));  // Python's float()
// len(tensor) (its first size: tocha's Tensor has no length), len(list), len(loader)
const len = (d: unknown) => (d instanceof torch.Tensor ? d.size(0) : (d as { length: number }).length);
// Python's str() of a float in a printed tuple: 0.5 as 0.5, 12 as 12.0
const pyf = (x: number) => pyfloat(x);
/** Python's assert: an AssertionError without a message. */
function assert(cond: boolean): void {
  if (!cond) throw Object.assign(new Error(), { name: 'AssertionError' });
}
type Net = ((X: Tensor) => Tensor) | torch.nn.Module;
type Loader = InstanceType<typeof data.DataLoader<Tensor[], Tensor[]>>;

// --------------------------------------------------------------------------------------------------
// d2l's helpers, as the book defines them
/** Generate y = Xw + b + noise. */
function synthetic_data(w: Tensor, b: number, num_examples: number): [Tensor, Tensor] {
  const X = torch.normal(0, 1, [num_examples, len(w)]);
  let y = torch.matmul(X, w).add(b);
  y = y.add_(torch.normal(0, 0.01, y.shape));  // y += ...
  return [X, y.reshape([-1, 1])];
}

/** The linear regression model. */
function linreg(X: Tensor, w: Tensor, b: Tensor): Tensor {
  return torch.matmul(X, w).add(b);
}

/** Squared loss. */
function squared_loss(y_hat: Tensor, y: Tensor): Tensor {
  return y_hat.sub(y.reshape(y_hat.shape)).pow(2).div(2);
}

/** Minibatch stochastic gradient descent. */
function sgd(params: Tensor[], lr: number, batch_size: number): void {
  torch.no_grad(() => {
    for (const param of params) {
      param.sub_(param.grad!.mul(lr).div(batch_size));  // param -= lr * param.grad / batch_size
      param.grad!.zero_();
    }
  });
}

/** Construct a PyTorch data iterator. */
function load_array(data_arrays: Tensor[], batch_size: number, is_train = true): Loader {
  const dataset = new data.TensorDataset(...data_arrays);
  return new data.DataLoader(dataset, batch_size, { shuffle: is_train });
}

/** Return text labels for the Fashion-MNIST dataset. */
function get_fashion_mnist_labels(labels: Tensor): string[] {
  const text_labels = ['t-shirt', 'trouser', 'pullover', 'dress', 'coat',
    'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot'];
  return (labels.tolist() as number[]).map((i) => text_labels[i]);
}

/** The stand-in for d2l.load_data_fashion_mnist (scripts/gen-d2l.py says what it is). */
function load_data_fashion_mnist(batch_size: number, n_train = 512, n_test = 256): [Loader, Loader] {
  const protos = torch.rand(10, 1, 28, 28);
  const y = torch.randint(0, 10, [n_train + n_test]);
  const X = protos.index(y).mul(0.3).add(torch.rand(n_train + n_test, 1, 28, 28).mul(0.7));
  const mnist_train = new data.TensorDataset(X.index([null, n_train]), y.index([null, n_train]));
  const mnist_test = new data.TensorDataset(X.index([n_train, null]), y.index([n_train, null]));
  return [new data.DataLoader(mnist_train, batch_size, { shuffle: true }),
    new data.DataLoader(mnist_test, batch_size, { shuffle: false })];
}

/** For accumulating sums over `n` variables. */
class Accumulator {
  data: number[];
  constructor(n_: number) {
    this.data = new Array(n_).fill(0.0);
  }
  add(...args: (number | Tensor)[]): void {
    this.data = this.data.map((a, i) => a + float(args[i]));
  }
  reset(): void {
    this.data = new Array(this.data.length).fill(0.0);
  }
  get(idx: number): number {  // __getitem__
    return this.data[idx];
  }
}

/** Compute the number of correct predictions. */
function accuracy(y_hat: Tensor, y: Tensor): number {
  if (y_hat.shape.length > 1 && y_hat.shape[1] > 1) y_hat = y_hat.argmax({ axis: 1 });
  const cmp = y_hat.type(y.dtype).eq(y);
  return float(cmp.type(y.dtype).sum());
}

/** Compute the accuracy for a model on a dataset. */
function evaluate_accuracy(net: Net, data_iter: Loader): number {
  if (net instanceof torch.nn.Module) net.eval();  // Set the model to evaluation mode
  const metric = new Accumulator(2);  // No. of correct predictions, no. of predictions
  torch.no_grad(() => {
    for (const [X, y] of data_iter) metric.add(accuracy(net(X), y), y.numel());
  });
  return metric.get(0) / metric.get(1);
}

type Loss = (y_hat: Tensor, y: Tensor) => Tensor;
type Updater = torch.optim.Optimizer | ((batch_size: number) => void);

/** The training loop defined in Chapter 3. */
function train_epoch_ch3(net: Net, train_iter: Loader, loss: Loss, updater: Updater): [number, number] {
  // Set the model to training mode
  if (net instanceof torch.nn.Module) net.train();
  // Sum of training loss, sum of training accuracy, no. of examples
  const metric = new Accumulator(3);
  for (const [X, y] of train_iter) {
    // Compute gradients and update parameters
    const y_hat = net(X);
    const l = loss(y_hat, y);
    if (updater instanceof torch.optim.Optimizer) {
      // Using PyTorch in-built optimizer & loss criterion
      updater.zero_grad();
      l.mean().backward();
      updater.step();
    } else {
      // Using custom built optimizer & loss criterion
      l.sum().backward();
      updater(X.shape[0]);
    }
    metric.add(float(l.sum()), accuracy(y_hat, y), y.numel());
  }
  // Return training loss and training accuracy
  return [metric.get(0) / metric.get(2), metric.get(1) / metric.get(2)];
}

/** Train a model (defined in Chapter 3). */
function train_ch3(net: Net, train_iter: Loader, test_iter: Loader, loss: Loss, num_epochs: number, updater: Updater): void {
  for (let epoch = 0; epoch < num_epochs; epoch++) {
    const train_metrics = train_epoch_ch3(net, train_iter, loss, updater);
    const test_acc = evaluate_accuracy(net, test_iter);
    n(`epoch ${epoch + 1}, train loss ${train_metrics[0].toFixed(4)}, train acc ${train_metrics[1].toFixed(4)}, ` +
      `test acc ${test_acc.toFixed(4)}`);
  }
}

/** Predict labels (defined in Chapter 3). */
function predict_ch3(net: Net, test_iter: Loader, n_ = 6): void {
  const [X, y] = test_iter[Symbol.iterator]().next().value!;  // for X, y in test_iter: break
  const trues = get_fashion_mnist_labels(y);
  const preds = get_fashion_mnist_labels(net(X).argmax({ axis: 1 }));
  const titles = trues.map((t, i) => t + '\n' + preds[i]);
  n(titles.slice(0, n_));
}

/** Evaluate the loss of a model on the given dataset. */
function evaluate_loss(net: Net, data_iter: Loader, loss: Loss): number {
  const metric = new Accumulator(2);  // Sum of losses, no. of examples
  for (let [X, y] of data_iter) {
    const out = net(X);
    y = y.reshape(out.shape);
    const l = loss(out, y);
    metric.add(l.sum(), l.numel());
  }
  return metric.get(0) / metric.get(1);
}

/** The Linear modules' test of the book's init functions: type(m) == nn.Linear. */
const isLinear = (m: torch.nn.Module): m is torch.nn.Linear => m.constructor === nn.Linear;

// --------------------------------------------------------------------------------------------------
// 3.2 Linear Regression Implementation from Scratch
const linear_regression_scratch = program(() => {
  const true_w = torch.tensor([2, -3.4]);
  const true_b = 4.2;
  const [features, labels] = synthetic_data(true_w, true_b, 1000);
  p('features:', features.index(0), '\nlabel:', labels.index(0));

  function* data_iter(batch_size: number, features: Tensor, labels: Tensor): Generator<[Tensor, Tensor]> {
    const num_examples = len(features);
    const indices = torch.randperm(num_examples).tolist() as number[];  // list(range(...)); random.shuffle(indices)
    // The examples are read at random, in no particular order
    for (let i = 0; i < num_examples; i += batch_size) {
      const batch_indices = torch.tensor(indices.slice(i, Math.min(i + batch_size, num_examples)));
      yield [features.index(batch_indices), labels.index(batch_indices)];
    }
  }

  const batch_size = 10;
  for (const [X, y] of data_iter(batch_size, features, labels)) {
    p(X, '\n', y);
    break;
  }

  const w = torch.normal(0, 0.01, [2, 1], { requires_grad: true });
  const b = torch.zeros(1, { requires_grad: true });
  p(w, b);
  const lr = 0.03;
  const num_epochs = 3;
  const net = linreg;
  const loss = squared_loss;

  for (let epoch = 0; epoch < num_epochs; epoch++) {
    for (const [X, y] of data_iter(batch_size, features, labels)) {
      const l = loss(net(X, w, b), y);  // Minibatch loss in `X` and `y`
      // Compute gradient on `l` with respect to [`w`, `b`]
      l.sum().backward();
      sgd([w, b], lr, batch_size);  // Update parameters using their gradient
    }
    torch.no_grad(() => {
      const train_l = loss(net(features, w, b), labels);
      n(`epoch ${epoch + 1}, loss ${float(train_l.mean()).toFixed(6)}`);  // {:f}
    });
  }

  n(`error in estimating w: ${true_w.sub(w.reshape(true_w.shape))}`);
  n(`error in estimating b: ${torch.rsub(b, true_b)}`);  // true_b - b
  e(() => squared_loss(net(features, w, b), labels.index([null, 10])));
});

// --------------------------------------------------------------------------------------------------
// 3.3 Concise Implementation of Linear Regression
const linear_regression_concise = program(() => {
  const true_w = torch.tensor([2, -3.4]);
  const true_b = 4.2;
  const [features, labels] = synthetic_data(true_w, true_b, 1000);
  const batch_size = 10;
  const data_iter = load_array([features, labels], batch_size);
  p(data_iter[Symbol.iterator]().next().value);  // next(iter(data_iter))
  const net = new nn.Sequential(new nn.Linear(2, 1));
  const lin = net[0] as torch.nn.Linear;  // net[0], typed
  p(lin.weight.data.normal_(0, 0.01));
  p(lin.bias!.data.fill_(0));
  const loss = new nn.MSELoss();
  const trainer = new torch.optim.SGD(net.parameters(), { lr: 0.03 });
  p(net, loss, trainer);
  const num_epochs = 3;
  for (let epoch = 0; epoch < num_epochs; epoch++) {
    for (const [X, y] of data_iter) {
      const l = loss(net(X), y);
      trainer.zero_grad();
      l.backward();
      trainer.step();
    }
    const l = loss(net(features), labels);
    n(`epoch ${epoch + 1}, loss ${float(l).toFixed(6)}`);  // {l:f}
  }
  const w = lin.weight.data;
  n('error in estimating w:', true_w.sub(w.reshape(true_w.shape)));
  const b = lin.bias!.data;
  n('error in estimating b:', torch.rsub(b, true_b));
  n(lin.weight.grad, lin.bias!.grad);
  e(() => net(features.index(null, 0)));
});

// --------------------------------------------------------------------------------------------------
// 4.2 Softmax Regression Implementation from Scratch (4.1's predict_ch3 too)
const softmax_regression_scratch = program(() => {
  const batch_size = 256;
  const [train_iter, test_iter] = load_data_fashion_mnist(batch_size);
  const num_inputs = 784;
  const num_outputs = 10;

  const W = torch.normal(0, 0.01, [num_inputs, num_outputs], { requires_grad: true });
  const b = torch.zeros(num_outputs, { requires_grad: true });
  let X = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], { dtype: torch.float32 });  // 1.0 is 1 in JavaScript
  p(X.sum(0, true), X.sum(1, true));  // keepdim=True

  function softmax(X: Tensor): Tensor {
    const X_exp = torch.exp(X);
    const partition = X_exp.sum(1, true);
    return X_exp.div(partition);  // The broadcasting mechanism is applied here
  }

  X = torch.normal(0, 1, [2, 5]);
  const X_prob = softmax(X);
  n(X_prob, X_prob.sum(1));

  const net = (X: Tensor) => softmax(torch.matmul(X.reshape([-1, W.shape[0]]), W).add(b));

  const y = torch.tensor([0, 2]);
  const y_hat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]);
  p(y_hat.index(torch.tensor([0, 1]), y));  // y_hat[[0, 1], y]: a list index is a tensor in tocha (an array is a slice)

  // y_hat[range(len(y_hat)), y]
  const cross_entropy = (y_hat: Tensor, y: Tensor) => torch.log(y_hat.index(torch.arange(len(y_hat)), y)).neg();

  p(cross_entropy(y_hat, y));
  p(pyf(accuracy(y_hat, y) / len(y)));
  n(pyf(evaluate_accuracy(net, test_iter)));
  const lr = 0.1;

  const updater = (batch_size: number) => sgd([W, b], lr, batch_size);

  const num_epochs = 3;  // 10 in the book
  train_ch3(net, train_iter, test_iter, cross_entropy, num_epochs, updater);
  predict_ch3(net, test_iter);
  e(() => cross_entropy(y_hat, torch.tensor([0, 3])));
  e(() => net(torch.rand(2, 1, 27, 27)));
});

// --------------------------------------------------------------------------------------------------
// 4.3 Concise Implementation of Softmax Regression
const softmax_regression_concise = program(() => {
  const batch_size = 256;
  const [train_iter, test_iter] = load_data_fashion_mnist(batch_size);
  // PyTorch does not implicitly reshape the inputs. Thus we define the flatten
  // layer to reshape the inputs before the linear layer in our network
  const net = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 10));

  const init_weights = (m: torch.nn.Module) => {
    if (isLinear(m)) nn.init.normal_(m.weight, { std: 0.01 });
  };

  p(net.apply(init_weights));
  const loss = new nn.CrossEntropyLoss({ reduction: 'none' });
  const trainer = new torch.optim.SGD(net.parameters(), { lr: 0.1 });
  const num_epochs = 3;  // 10 in the book
  train_ch3(net, train_iter, test_iter, loss, num_epochs, trainer);
  e(() => loss(net(torch.rand(2, 1, 28, 28)), torch.tensor([0, 10])));
});

// --------------------------------------------------------------------------------------------------
// 5.1 Multilayer Perceptrons (activation functions) and 5.2 Implementation of Multilayer Perceptrons from Scratch
const mlp_scratch = program(() => {
  const x = torch.arange(-8.0, 8.0, 0.1, { requires_grad: true });
  let y = torch.relu(x);
  y.backward(torch.ones_like(x), { retain_graph: true });
  p(y.index([75, 85]), x.grad!.index([75, 85]));
  y = torch.sigmoid(x);
  // Clear out previous gradients
  x.grad!.data.zero_();
  y.backward(torch.ones_like(x), { retain_graph: true });
  n(y.index([null, null, 20]), x.grad!.index([null, null, 20]));
  y = torch.tanh(x);
  x.grad!.data.zero_();
  y.backward(torch.ones_like(x), { retain_graph: true });
  n(y.index([null, null, 20]), x.grad!.index([null, null, 20]));

  const batch_size = 256;
  const [train_iter, test_iter] = load_data_fashion_mnist(batch_size);
  const [num_inputs, num_outputs, num_hiddens] = [784, 10, 256];

  const W1 = new nn.Parameter(torch.randn(num_inputs, num_hiddens, { requires_grad: true }).mul(0.01));
  const b1 = new nn.Parameter(torch.zeros(num_hiddens, { requires_grad: true }));
  const W2 = new nn.Parameter(torch.randn(num_hiddens, num_outputs, { requires_grad: true }).mul(0.01));
  const b2 = new nn.Parameter(torch.zeros(num_outputs, { requires_grad: true }));

  const params = [W1, b1, W2, b2];

  const relu = (X: Tensor) => {
    const a = torch.zeros_like(X);
    return torch.max(X, a);
  };

  const net = (X: Tensor) => {
    X = X.reshape([-1, num_inputs]);
    const H = relu(X.matmul(W1).add(b1));  // Here '@' stands for matrix multiplication
    return H.matmul(W2).add(b2);
  };

  const loss = new nn.CrossEntropyLoss({ reduction: 'none' });
  const [num_epochs, lr] = [3, 0.1];  // 10 epochs in the book
  const updater = new torch.optim.SGD(params, { lr });
  p(updater);
  train_ch3(net, train_iter, test_iter, loss, num_epochs, updater);
  predict_ch3(net, test_iter);
});

// --------------------------------------------------------------------------------------------------
// 5.3 Concise Implementation of Multilayer Perceptrons
const mlp_concise = program(() => {
  const net = new nn.Sequential(new nn.Flatten(),
    new nn.Linear(784, 256),
    new nn.ReLU(),
    new nn.Linear(256, 10));

  const init_weights = (m: torch.nn.Module) => {
    if (isLinear(m)) nn.init.normal_(m.weight, { std: 0.01 });
  };

  p(net.apply(init_weights));
  const [batch_size, lr, num_epochs] = [256, 0.1, 3];  // 10 epochs in the book
  const loss = new nn.CrossEntropyLoss({ reduction: 'none' });
  const trainer = new torch.optim.SGD(net.parameters(), { lr });
  const [train_iter, test_iter] = load_data_fashion_mnist(batch_size);
  train_ch3(net, train_iter, test_iter, loss, num_epochs, trainer);
});

// --------------------------------------------------------------------------------------------------
// 5.5 Weight Decay: from scratch and concise
const weight_decay = program(() => {
  const [n_train, n_test, num_inputs, batch_size] = [20, 100, 200, 5];
  const [true_w, true_b] = [torch.ones([num_inputs, 1]).mul(0.01), 0.05];
  const train_data = synthetic_data(true_w, true_b, n_train);
  const train_iter = load_array(train_data, batch_size);
  const test_data = synthetic_data(true_w, true_b, n_test);
  const test_iter = load_array(test_data, batch_size, false);

  const init_params = () => {
    const w = torch.normal(0, 1, [num_inputs, 1], { requires_grad: true });
    const b = torch.zeros(1, { requires_grad: true });
    return [w, b];
  };

  const l2_penalty = (w: Tensor) => torch.sum(w.pow(2)).div(2);

  const train = (lambd: number) => {
    const [w, b] = init_params();
    const [net, loss] = [(X: Tensor) => linreg(X, w, b), squared_loss];
    const [num_epochs, lr] = [100, 0.003];
    for (let epoch = 0; epoch < num_epochs; epoch++) {
      for (const [X, y] of train_iter) {
        // The L2 norm penalty term has been added, and broadcasting
        // makes `l2_penalty(w)` a vector whose length is `batch_size`
        const l = loss(net(X), y).add(l2_penalty(w).mul(lambd));
        l.sum().backward();
        sgd([w, b], lr, batch_size);
      }
      if ((epoch + 1) % 20 === 0) {  // the animator's points every 5 epochs: printed every 20
        n(epoch + 1, tuple(evaluate_loss(net, train_iter, loss), evaluate_loss(net, test_iter, loss)));
      }
    }
    n('L2 norm of w:', torch.norm(w).item());
  };

  train(0);  // lambd=0
  train(3);  // lambd=3

  const train_concise = (wd: number) => {
    const net = new nn.Sequential(new nn.Linear(num_inputs, 1));
    for (const param of net.parameters()) param.data.normal_();
    const loss = new nn.MSELoss({ reduction: 'none' });
    const [num_epochs, lr] = [100, 0.003];
    const lin = net[0] as torch.nn.Linear;  // net[0], typed
    // The bias parameter has not decayed
    const trainer = new torch.optim.SGD([
      { params: lin.weight, weight_decay: wd },
      { params: lin.bias! }], { lr });
    p(trainer);
    for (let epoch = 0; epoch < num_epochs; epoch++) {
      for (const [X, y] of train_iter) {
        trainer.zero_grad();
        const l = loss(net(X), y);
        l.mean().backward();
        trainer.step();
      }
      if ((epoch + 1) % 20 === 0) {
        n(epoch + 1, tuple(evaluate_loss(net, train_iter, loss), evaluate_loss(net, test_iter, loss)));
      }
    }
    n('L2 norm of w:', lin.weight.norm().item());
  };

  train_concise(0);
  train_concise(3);
  const net = new nn.Sequential(new nn.Linear(num_inputs, 1));
  const lin = net[0] as torch.nn.Linear;
  e(() => new torch.optim.SGD([{ params: lin.weight, weight_decay: 3 }, { params: lin.weight }], { lr: 0.003 }));
  p(new torch.optim.SGD([{ params: lin.weight, weight_decay: -1 }], { lr: 0.003 }));  // only the defaults are checked
});

// --------------------------------------------------------------------------------------------------
// 5.6 Dropout: from scratch and concise
function dropout_layer(X: Tensor, dropout: number): Tensor {
  assert(0 <= dropout && dropout <= 1);
  // In this case, all elements are dropped out
  if (dropout === 1) return torch.zeros_like(X);
  // In this case, all elements are kept
  if (dropout === 0) return X;
  const mask = torch.rand(X.shape).gt(dropout).float();
  return mask.mul(X).div(1.0 - dropout);
}

const dropout = program(() => {
  let X = torch.arange(16, { dtype: torch.float32 }).reshape([2, 8]);
  p(X);
  p(dropout_layer(X, 0.));
  p(dropout_layer(X, 0.5));
  p(dropout_layer(X, 1.));
  e(() => dropout_layer(X, 1.5));

  const [num_inputs, num_outputs, num_hiddens1, num_hiddens2] = [784, 10, 256, 256];
  const [dropout1, dropout2] = [0.2, 0.5];

  class Net extends nn.Module {
    num_inputs: number;
    lin1: torch.nn.Linear;
    lin2: torch.nn.Linear;
    lin3: torch.nn.Linear;
    relu: torch.nn.ReLU;
    constructor(num_inputs: number, num_outputs: number, num_hiddens1: number, num_hiddens2: number, is_training = true) {
      super();
      this.num_inputs = num_inputs;
      this.training = is_training;
      this.lin1 = new nn.Linear(num_inputs, num_hiddens1);
      this.lin2 = new nn.Linear(num_hiddens1, num_hiddens2);
      this.lin3 = new nn.Linear(num_hiddens2, num_outputs);
      this.relu = new nn.ReLU();
    }

    override forward(X: Tensor): Tensor {
      let H1 = this.relu(this.lin1(X.reshape([-1, this.num_inputs])));
      // Use dropout only when training the model
      if (this.training === true) {
        // Add a dropout layer after the first fully connected layer
        H1 = dropout_layer(H1, dropout1);
      }
      let H2 = this.relu(this.lin2(H1));
      if (this.training === true) {
        // Add a dropout layer after the second fully connected layer
        H2 = dropout_layer(H2, dropout2);
      }
      const out = this.lin3(H2);
      return out;
    }
  }

  let net: torch.nn.Module = new Net(num_inputs, num_outputs, num_hiddens1, num_hiddens2);
  p(net);
  const [num_epochs, lr, batch_size] = [3, 0.5, 256];  // 10 epochs in the book
  const loss = new nn.CrossEntropyLoss({ reduction: 'none' });
  const [train_iter, test_iter] = load_data_fashion_mnist(batch_size);
  let trainer = new torch.optim.SGD(net.parameters(), { lr });
  train_ch3(net, train_iter, test_iter, loss, num_epochs, trainer);

  const seq = new nn.Sequential(new nn.Flatten(),
    new nn.Linear(784, 256),
    new nn.ReLU(),
    // Add a dropout layer after the first fully connected layer
    new nn.Dropout(dropout1),
    new nn.Linear(256, 256),
    new nn.ReLU(),
    // Add a dropout layer after the second fully connected layer
    new nn.Dropout(dropout2),
    new nn.Linear(256, 10));
  net = seq;

  const init_weights = (m: torch.nn.Module) => {
    if (isLinear(m)) nn.init.normal_(m.weight, { std: 0.01 });
  };

  p(net.apply(init_weights));
  trainer = new torch.optim.SGD(net.parameters(), { lr });
  train_ch3(net, train_iter, test_iter, loss, num_epochs, trainer);
  net.train();
  n(seq[3](X));
  net.eval();
  p(seq[3](X));
});

/** Compute 2D cross-correlation. */
function corr2d(X: Tensor, K: Tensor): Tensor {
  const [h, w] = K.shape;
  const Y = torch.zeros([X.shape[0] - h + 1, X.shape[1] - w + 1]);
  for (let i = 0; i < Y.shape[0]; i++) {
    for (let j = 0; j < Y.shape[1]; j++) Y.set(i, j, X.index([i, i + h], [j, j + w]).mul(K).sum());  // Y[i, j] = ...
  }
  return Y;
}

/** Compute the accuracy for a model on a dataset using a GPU. */
function evaluate_accuracy_gpu(net: Net, data_iter: Loader, device?: torch.device): number {
  if (net instanceof nn.Module) {
    net.eval();  // Set the model to evaluation mode
    if (!device) device = net.parameters().next().value!.device;  // next(iter(net.parameters())).device
  }
  // No. of correct predictions, no. of predictions
  const metric = new Accumulator(2);
  torch.no_grad(() => {
    for (let [X, y] of data_iter) {
      X = X.to(device!);  // (a list X is moved element by element in the book)
      y = y.to(device!);
      metric.add(accuracy(net(X), y), y.numel());
    }
  });
  return metric.get(0) / metric.get(1);
}

/** Train a model with a GPU (defined in Chapter 6). */
function train_ch6(net: torch.nn.Module, train_iter: Loader, test_iter: Loader, num_epochs: number, lr: number, device: torch.device): void {
  const init_weights = (m: torch.nn.Module) => {
    if (m.constructor === nn.Linear || m.constructor === nn.Conv2d) nn.init.xavier_uniform_((m as torch.nn.Linear).weight);
  };
  net.apply(init_weights);
  p('training on', device);
  net.to(device);
  const optimizer = new torch.optim.SGD(net.parameters(), { lr });
  const loss = new nn.CrossEntropyLoss();
  const num_batches = len(train_iter);  // timer = d2l.Timer() left out
  let [train_l, train_acc, test_acc] = [0, 0, 0];
  for (let epoch = 0; epoch < num_epochs; epoch++) {
    // Sum of training loss, sum of training accuracy, no. of examples
    const metric = new Accumulator(3);
    net.train();
    let i = 0;
    for (let [X, y] of train_iter) {
      optimizer.zero_grad();
      [X, y] = [X.to(device), y.to(device)];
      const y_hat = net(X);
      const l = loss(y_hat, y);
      l.backward();
      optimizer.step();
      torch.no_grad(() => metric.add(l.mul(X.shape[0]), accuracy(y_hat, y), X.shape[0]));
      train_l = metric.get(0) / metric.get(2);
      train_acc = metric.get(1) / metric.get(2);
      if ((i + 1) % Math.floor(num_batches / 5) === 0 || i === num_batches - 1) {
        n(`${(epoch + (i + 1) / num_batches).toFixed(2)} ${train_l.toFixed(4)} ${train_acc.toFixed(4)}`);
      }
      i++;
    }
    test_acc = evaluate_accuracy_gpu(net, test_iter);
    n(`epoch ${epoch + 1}, test acc ${test_acc.toFixed(4)}`);
  }
  n(`loss ${train_l.toFixed(3)}, train acc ${train_acc.toFixed(3)}, test acc ${test_acc.toFixed(3)}`);
}

/** Return gpu(i) if exists, otherwise return cpu(). */
function try_gpu(i = 0): torch.device {
  if (torch.cuda.device_count() >= i + 1) return new torch.device(`cuda:${i}`);
  return new torch.device('cpu');
}

const names = (m: torch.nn.Module) => [...m.named_parameters()].map(([name]) => name);
type Seq = torch.nn.Sequential;
type Lin = torch.nn.Linear;

// --------------------------------------------------------------------------------------------------
// 6.1 Layers and Modules
class MLP extends nn.Module {
  // Declare a layer with model parameters. Here, we declare two fully connected layers
  hidden = new nn.Linear(20, 256);  // Hidden layer
  out = new nn.Linear(256, 10);  // Output layer
  // Define the forward propagation of the model, that is, how to return the
  // required model output based on the input `X`
  override forward(X: Tensor): Tensor {
    // Note here we use the funtional version of ReLU defined in the nn.functional module.
    return this.out(F.relu(this.hidden(X)));
  }
}

class MySequential extends nn.Module {
  constructor(...args: torch.nn.Module[]) {
    super();
    // Here, `module` is an instance of a `Module` subclass. We save it
    // in the member variable `_modules` of the `Module` class, and its
    // type is OrderedDict
    args.forEach((module, idx) => this._modules.set(String(idx), module));  // self._modules[str(idx)] = module
  }
  override forward(X: Tensor): Tensor {
    // OrderedDict guarantees that members will be traversed in the order they were added
    for (const block of this._modules.values()) X = block!(X);
    return X;
  }
}

class FixedHiddenMLP extends nn.Module {
  // Random weight parameters that will not compute gradients and
  // therefore keep constant during training
  rand_weight = torch.rand([20, 20], { requires_grad: false });
  linear = new nn.Linear(20, 20);
  override forward(X: Tensor): Tensor {
    X = this.linear(X);
    // Use the created constant parameters, as well as the `relu` and `mm` functions
    X = F.relu(torch.mm(X, this.rand_weight).add(1));
    // Reuse the fully-connected layer. This is equivalent to sharing
    // parameters with two fully-connected layers
    X = this.linear(X);
    // Control flow
    while (float(X.abs().sum()) > 1) X.div_(2);  // X.abs().sum() > 1; X /= 2
    return X.sum();
  }
}

class NestMLP extends nn.Module {
  net = new nn.Sequential(new nn.Linear(20, 64), new nn.ReLU(), new nn.Linear(64, 32), new nn.ReLU());
  linear = new nn.Linear(32, 16);
  override forward(X: Tensor): Tensor {
    return this.linear(this.net(X));
  }
}

const model_construction = program(() => {
  let net: torch.nn.Module = new nn.Sequential(new nn.Linear(20, 256), new nn.ReLU(), new nn.Linear(256, 10));
  const X = torch.rand(2, 20);
  n(net(X));
  net = new MLP();
  n(net(X));
  p(net);
  net = new MySequential(new nn.Linear(20, 256), new nn.ReLU(), new nn.Linear(256, 10));
  n(net(X));
  p(net);
  p(names(net));
  p(Object.keys(net.state_dict()));
  net = new FixedHiddenMLP();
  n(net(X));
  p(net, names(net));
  const chimera = new nn.Sequential(new NestMLP(), new nn.Linear(16, 20), new FixedHiddenMLP());
  n(chimera(X));
  p(chimera);
  e(() => new MySequential(new nn.Linear(20, 256), new nn.ReLU(), new nn.Linear(20, 10))(X));
});

// --------------------------------------------------------------------------------------------------
// 6.2 Parameter Management and 6.3 Parameter Initialization (6.4's shared parameters too)
const parameters = program(() => {
  let net = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 1));
  const X = torch.rand([2, 4]);
  n(net(X));
  p(net[2].state_dict());
  p((net[2] as Lin).bias instanceof nn.Parameter, (net[2] as Lin).bias);  // the book prints type(net[2].bias)
  p((net[2] as Lin).bias!.data);
  p((net[2] as Lin).weight.grad === null);
  p(...[...net[0].named_parameters()].map(([name, param]) => tuple(name, param.shape)));
  p(...[...net.named_parameters()].map(([name, param]) => tuple(name, param.shape)));
  p(net.state_dict()['2.bias'].data);

  const block1 = () => new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 4), new nn.ReLU());
  const block2 = () => {
    const net = new nn.Sequential();
    // Nested here
    for (let i = 0; i < 4; i++) net.add_module(`block ${i}`, block1());
    return net;
  };

  const rgnet = new nn.Sequential(block2(), new nn.Linear(4, 1));
  n(rgnet(X));
  p(rgnet);
  p((((rgnet[0] as Seq)[1] as Seq)[0] as Lin).bias!.data);

  const init_normal = (m: torch.nn.Module) => {
    if (isLinear(m)) {
      nn.init.normal_(m.weight, { mean: 0, std: 0.01 });
      nn.init.zeros_(m.bias!);
    }
  };
  net.apply(init_normal);
  const lin0 = () => net[0] as Lin;
  p(lin0().weight.data.index(0), lin0().bias!.data.index(0));

  const init_constant = (m: torch.nn.Module) => {
    if (isLinear(m)) {
      nn.init.constant_(m.weight, 1);
      nn.init.zeros_(m.bias!);
    }
  };
  net.apply(init_constant);
  p(lin0().weight.data.index(0), lin0().bias!.data.index(0));

  const init_xavier = (m: torch.nn.Module) => {
    if (isLinear(m)) nn.init.xavier_uniform_(m.weight);
  };
  const init_42 = (m: torch.nn.Module) => {
    if (isLinear(m)) nn.init.constant_(m.weight, 42);
  };
  net[0].apply(init_xavier);
  net[2].apply(init_42);
  n(lin0().weight.data.index(0));
  p((net[2] as Lin).weight.data);

  const my_init = (m: torch.nn.Module) => {
    if (isLinear(m)) {
      p('Init', ...[...m.named_parameters()].map(([name, param]) => tuple(name, param.shape))[0]);
      nn.init.uniform_(m.weight, -10, 10);
      m.weight.data.mul_(m.weight.data.abs().ge(5));  // m.weight.data *= m.weight.data.abs() >= 5
    }
  };
  net.apply(my_init);
  p(lin0().weight.index([null, 2]));
  lin0().weight.data.index(null).add_(1);  // net[0].weight.data[:] += 1
  lin0().weight.data.set(0, 0, 42);  // net[0].weight.data[0, 0] = 42
  p(lin0().weight.data.index(0));

  // We need to give the shared layer a name so that we can refer to its parameters
  const shared = new nn.Linear(8, 8);
  net = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(),
    shared, new nn.ReLU(),
    shared, new nn.ReLU(),
    new nn.Linear(8, 1));
  n(net(X));
  // Check whether the parameters are the same
  p((net[2] as Lin).weight.data.index(0).eq((net[4] as Lin).weight.data.index(0)));
  (net[2] as Lin).weight.data.set(0, 0, 100);
  // Make sure that they are actually the same object rather than just having the same value
  p((net[2] as Lin).weight.data.index(0).eq((net[4] as Lin).weight.data.index(0)));
  p(names(net), [...net.parameters()].length);
  e(() => (rgnet[0] as Seq).get(4));  // rgnet[0][4]
});

// --------------------------------------------------------------------------------------------------
// 6.5 Custom Layers
class CenteredLayer extends nn.Module {
  override forward(X: Tensor): Tensor {
    return X.sub(X.mean());
  }
}

class MyLinear extends nn.Module {
  weight: torch.nn.Parameter;
  bias: torch.nn.Parameter;
  constructor(in_units: number, units: number) {
    super();
    this.weight = new nn.Parameter(torch.randn(in_units, units));
    this.bias = new nn.Parameter(torch.randn(units));
  }
  override forward(X: Tensor): Tensor {
    const linear = torch.matmul(X, this.weight.data).add(this.bias.data);
    return F.relu(linear);
  }
}

const custom_layers = program(() => {
  const layer = new CenteredLayer();
  p(layer(torch.FloatTensor([1, 2, 3, 4, 5])));
  let net = new nn.Sequential(new nn.Linear(8, 128), new CenteredLayer());
  const Y = net(torch.rand(4, 8));
  n(Y.mean());
  const linear = new MyLinear(5, 3);
  p(linear.weight);
  n(linear(torch.rand(2, 5)));
  net = new nn.Sequential(new MyLinear(64, 8), new MyLinear(8, 1));
  n(net(torch.rand(2, 64)));
  p(net, names(net));
  e(() => linear(torch.rand(2, 4)));
});

// --------------------------------------------------------------------------------------------------
// 6.6 File I/O (in a temporary directory)
const file_io = program(() => {
  class MLP extends nn.Module {  // the chapter's own MLP (its output layer is named output)
    hidden = new nn.Linear(20, 256);
    output = new nn.Linear(256, 10);
    override forward(x: Tensor): Tensor {
      return this.output(F.relu(this.hidden(x)));
    }
  }

  const d = mkdtempSync(join(tmpdir(), 'd2l-'));
  const x = torch.arange(4);
  torch.save(x, join(d, 'x-file'));
  let x2 = torch.load(join(d, 'x-file')) as Tensor;
  p(x2);
  const y = torch.zeros(4);
  torch.save([x, y], join(d, 'x-files'));
  let y2: Tensor;
  [x2, y2] = torch.load(join(d, 'x-files')) as Tensor[];
  p(tuple(x2, y2));
  const mydict = { x, y };
  torch.save(mydict, join(d, 'mydict'));
  const mydict2 = torch.load(join(d, 'mydict'));
  p(mydict2);

  const net = new MLP();
  const X = torch.randn([2, 20]);
  const Y = net(X);
  torch.save(net.state_dict(), join(d, 'mlp.params'));
  const clone = new MLP();
  p(clone.load_state_dict(torch.load(join(d, 'mlp.params')) as Record<string, Tensor>));
  p(clone.eval());
  const Y_clone = clone(X);
  p(Y_clone.eq(Y));
  e(() => new nn.Sequential(new nn.Linear(20, 256)).load_state_dict(torch.load(join(d, 'mlp.params')) as Record<string, Tensor>));
});

// --------------------------------------------------------------------------------------------------
// 7.2 Convolutions for Images
class Conv2D extends nn.Module {
  weight: torch.nn.Parameter;
  bias: torch.nn.Parameter;
  constructor(kernel_size: number[]) {
    super();
    this.weight = new nn.Parameter(torch.rand(kernel_size));
    this.bias = new nn.Parameter(torch.zeros(1));
  }
  override forward(x: Tensor): Tensor {
    return corr2d(x, this.weight).add(this.bias);
  }
}

const conv_images = program(() => {
  let X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]], { dtype: torch.float32 });  // 1.0 is 1 in JavaScript
  let K = torch.tensor([[0.0, 1.0], [2.0, 3.0]], { dtype: torch.float32 });
  p(corr2d(X, K));

  X = torch.ones([6, 8]);
  X.set(null, [2, 6], 0);  // X[:, 2:6] = 0
  p(X);
  K = torch.tensor([[1.0, -1.0]]);
  let Y = corr2d(X, K);
  p(Y);
  p(corr2d(X.t(), K));
  const conv = new Conv2D([1, 2]);  // kernel_size=(1, 2)
  n(conv.weight, conv(X));

  // Construct a two-dimensional convolutional layer with 1 output channel and a
  // kernel of shape (1, 2). For the sake of simplicity, we ignore the bias here
  const conv2d = new nn.Conv2d(1, 1, { kernel_size: [1, 2], bias: false });

  // The two-dimensional convolutional layer uses four-dimensional input and
  // output in the format of (example, channel, height, width), where the batch
  // size (number of examples in the batch) and the number of channels are both 1
  X = X.reshape([1, 1, 6, 8]);
  Y = Y.reshape([1, 1, 6, 7]);
  const lr = 3e-2;  // Learning rate

  for (let i = 0; i < 10; i++) {
    const Y_hat = conv2d(X);
    const l = Y_hat.sub(Y).pow(2);
    conv2d.zero_grad();
    l.sum().backward();
    // Update the kernel
    conv2d.weight.data.index(null).sub_(conv2d.weight.grad!.mul(lr));  // conv2d.weight.data[:] -= lr * conv2d.weight.grad
    if ((i + 1) % 2 === 0) n(`epoch ${i + 1}, loss ${float(l.sum()).toFixed(3)}`);
  }
  n(conv2d.weight.data.reshape([1, 2]));
  e(() => conv2d(X.reshape(6, 8)));
});

// --------------------------------------------------------------------------------------------------
// 7.3 Padding and Stride
const padding_stride = program(() => {
  // We define a helper function to calculate convolutions. It initializes the
  // convolutional layer weights and performs corresponding dimensionality
  // elevations and reductions on the input and output
  const comp_conv2d = (conv2d: torch.nn.Module, X: Tensor) => {
    // (1, 1) indicates that batch size and the number of channels are both 1
    X = X.reshape([1, 1, ...X.shape]);  // (1, 1) + X.shape
    const Y = conv2d(X);
    // Strip the first two dimensions: examples and channels
    return Y.reshape(Y.shape.slice(2));
  };

  // 1 row and column is padded on either side, so a total of 2 rows or columns are added
  let conv2d = new nn.Conv2d(1, 1, { kernel_size: 3, padding: 1 });
  const X = torch.rand([8, 8]);
  p(comp_conv2d(conv2d, X).shape);
  conv2d = new nn.Conv2d(1, 1, { kernel_size: [5, 3], padding: [2, 1] });
  p(comp_conv2d(conv2d, X).shape);
  conv2d = new nn.Conv2d(1, 1, { kernel_size: 3, padding: 1, stride: 2 });
  p(comp_conv2d(conv2d, X).shape);
  conv2d = new nn.Conv2d(1, 1, { kernel_size: [3, 5], padding: [0, 1], stride: [3, 4] });
  p(comp_conv2d(conv2d, X).shape);
  p(conv2d);
  e(() => comp_conv2d(new nn.Conv2d(1, 1, { kernel_size: 9 }), X));
});

// --------------------------------------------------------------------------------------------------
// 7.4 Multiple Input and Multiple Output Channels
/** Python's sum() of tensors: 0 + t0 + t1 + ... */
const pysum = (ts: Tensor[]) => ts.reduce((a, b) => a.add(b));
/** Iterating a tensor (Python's for x in X): its slices along dim 0. */
const rows = (X: Tensor) => Array.from({ length: len(X) }, (_, i) => X.index(i));

const channels = program(() => {
  // Iterate through the 0th dimension (channel) of K first, then add them up
  const corr2d_multi_in = (X: Tensor, K: Tensor) => pysum(rows(X).map((x, i) => corr2d(x, K.index(i))));

  let X = torch.tensor([[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]],
    [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]], { dtype: torch.float32 });  // 1.0 is 1 in JavaScript
  let K = torch.tensor([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]], { dtype: torch.float32 });
  p(corr2d_multi_in(X, K));

  // Iterate through the 0th dimension of K, and each time, perform
  // cross-correlation operations with input X. All of the results are stacked together
  const corr2d_multi_in_out = (X: Tensor, K: Tensor) => torch.stack(rows(K).map((k) => corr2d_multi_in(X, k)), 0);

  K = torch.stack([K, K.add(1), K.add(2)], 0);
  p(K.shape);
  p(corr2d_multi_in_out(X, K));

  const corr2d_multi_in_out_1x1 = (X: Tensor, K: Tensor) => {
    const [c_i, h, w] = X.shape;
    const c_o = K.shape[0];
    X = X.reshape([c_i, h * w]);
    K = K.reshape([c_o, c_i]);
    // Matrix multiplication in the fully connected layer
    const Y = torch.matmul(K, X);
    return Y.reshape([c_o, h, w]);
  };

  X = torch.normal(0, 1, [3, 3, 3]);
  K = torch.normal(0, 1, [2, 3, 1, 1]);
  const Y1 = corr2d_multi_in_out_1x1(X, K);
  const Y2 = corr2d_multi_in_out(X, K);
  assert(float(torch.abs(Y1.sub(Y2)).sum()) < 1e-6);
  n(Y1);
  p(float(torch.abs(Y1.sub(Y2)).sum()) < 1e-6);
});

// --------------------------------------------------------------------------------------------------
// 7.5 Pooling
const pooling = program(() => {
  const pool2d_ = (X: Tensor, pool_size: [number, number], mode = 'max') => {
    const [p_h, p_w] = pool_size;
    const Y = torch.zeros([X.shape[0] - p_h + 1, X.shape[1] - p_w + 1]);
    for (let i = 0; i < Y.shape[0]; i++) {
      for (let j = 0; j < Y.shape[1]; j++) {
        if (mode === 'max') Y.set(i, j, X.index([i, i + p_h], [j, j + p_w]).max());
        else if (mode === 'avg') Y.set(i, j, X.index([i, i + p_h], [j, j + p_w]).mean());
      }
    }
    return Y;
  };

  let X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]], { dtype: torch.float32 });  // 1.0 is 1 in JavaScript
  p(pool2d_(X, [2, 2]));
  p(pool2d_(X, [2, 2], 'avg'));
  X = torch.arange(16, { dtype: torch.float32 }).reshape([1, 1, 4, 4]);
  p(X);
  let pool2d: torch.nn.Module = new nn.MaxPool2d(3);
  // Pooling has no model parameters, hence it needs no initialization
  p(pool2d(X));
  pool2d = new nn.MaxPool2d(3, { padding: 1, stride: 2 });
  p(pool2d(X));
  pool2d = new nn.MaxPool2d([2, 3], { stride: [2, 3], padding: [0, 1] });
  p(pool2d(X));
  X = torch.cat([X, X.add(1)], 1);
  p(X);
  pool2d = new nn.MaxPool2d(3, { padding: 1, stride: 2 });
  p(pool2d(X));
  pool2d = new nn.AvgPool2d(3, { padding: 1, stride: 2 });  // the average pool the text describes, in the same shape
  p(pool2d, pool2d(X));
  e(() => new nn.MaxPool2d(3, { padding: 2 })(X));
});

// --------------------------------------------------------------------------------------------------
// 7.6 Convolutional Neural Networks (LeNet)
const lenet = program(() => {
  const net = new nn.Sequential(
    new nn.Conv2d(1, 6, { kernel_size: 5, padding: 2 }), new nn.Sigmoid(),
    new nn.AvgPool2d({ kernel_size: 2, stride: 2 }),
    new nn.Conv2d(6, 16, { kernel_size: 5 }), new nn.Sigmoid(),
    new nn.AvgPool2d({ kernel_size: 2, stride: 2 }),
    new nn.Flatten(),
    new nn.Linear(16 * 5 * 5, 120), new nn.Sigmoid(),
    new nn.Linear(120, 84), new nn.Sigmoid(),
    new nn.Linear(84, 10));
  let X = torch.rand([1, 1, 28, 28], { dtype: torch.float32 });
  for (const layer of net) {
    X = layer(X);
    p(layer.constructor.name, 'output shape: \t', X.shape);  // layer.__class__.__name__
  }

  const batch_size = 64;  // 256 in the book
  const [train_iter, test_iter] = load_data_fashion_mnist(batch_size);
  const [lr, num_epochs] = [0.9, 2];  // 10 epochs in the book
  train_ch6(net, train_iter, test_iter, num_epochs, lr, try_gpu());
  e(() => net(torch.rand(1, 1, 32, 32)));
});

// --------------------------------------------------------------------------------------------------
// 8.5 Batch Normalization: from scratch and concise
function batch_norm(X: Tensor, gamma: Tensor, beta: Tensor, moving_mean: Tensor, moving_var: Tensor, eps: number,
  momentum: number): [Tensor, Tensor, Tensor] {
  let X_hat: Tensor;
  // Use `is_grad_enabled` to determine whether we are in training mode
  if (!torch.is_grad_enabled()) {
    // In prediction mode, use mean and variance obtained by moving average
    X_hat = X.sub(moving_mean).div(torch.sqrt(moving_var.add(eps)));
  } else {
    assert([2, 4].includes(X.shape.length));
    let mean: Tensor;
    let var_: Tensor;  // var
    if (X.shape.length === 2) {
      // When using a fully connected layer, calculate the mean and
      // variance on the feature dimension
      mean = X.mean({ dim: 0 });
      var_ = X.sub(mean).pow(2).mean({ dim: 0 });
    } else {
      // When using a two-dimensional convolutional layer, calculate the
      // mean and variance on the channel dimension (axis=1). Here we
      // need to maintain the shape of `X`, so that the broadcasting
      // operation can be carried out later
      mean = X.mean({ dim: [0, 2, 3], keepdim: true });
      var_ = X.sub(mean).pow(2).mean({ dim: [0, 2, 3], keepdim: true });
    }
    // In training mode, the current mean and variance are used
    X_hat = X.sub(mean).div(torch.sqrt(var_.add(eps)));
    // Update the mean and variance using moving average
    moving_mean = moving_mean.mul(1.0 - momentum).add(mean.mul(momentum));  // (1.0 - momentum) * moving_mean + momentum * mean
    moving_var = moving_var.mul(1.0 - momentum).add(var_.mul(momentum));
  }
  const Y = gamma.mul(X_hat).add(beta);  // Scale and shift
  return [Y, moving_mean.data, moving_var.data];
}

class BatchNorm extends nn.Module {
  gamma: torch.nn.Parameter;
  beta: torch.nn.Parameter;
  moving_mean: Tensor;
  moving_var: Tensor;
  // `num_features`: the number of outputs for a fully connected layer
  // or the number of output channels for a convolutional layer. `num_dims`:
  // 2 for a fully connected layer and 4 for a convolutional layer
  constructor(num_features: number, num_dims: number) {
    super();
    const shape = num_dims === 2 ? [1, num_features] : [1, num_features, 1, 1];
    // The scale parameter and the shift parameter (model parameters) are
    // initialized to 1 and 0, respectively
    this.gamma = new nn.Parameter(torch.ones(shape));
    this.beta = new nn.Parameter(torch.zeros(shape));
    // The variables that are not model parameters are initialized to 0 and 1
    this.moving_mean = torch.zeros(shape);
    this.moving_var = torch.ones(shape);
  }

  override forward(X: Tensor): Tensor {
    // If `X` is not on the main memory, copy `moving_mean` and
    // `moving_var` to the device where `X` is located
    if (String(this.moving_mean.device) !== String(X.device)) {  // !=
      this.moving_mean = this.moving_mean.to(X.device);
      this.moving_var = this.moving_var.to(X.device);
    }
    // Save the updated `moving_mean` and `moving_var`
    const [Y, moving_mean, moving_var] = batch_norm(X, this.gamma, this.beta, this.moving_mean, this.moving_var, 1e-5, 0.1);
    // tocha: a tensor made in a DataLoader step is released at the next step unless kept (README "Memory")
    [this.moving_mean, this.moving_var] = [moving_mean.keep(), moving_var.keep()];
    return Y;
  }
}

const batch_norm_ = program(() => {
  let net = new nn.Sequential(
    new nn.Conv2d(1, 6, { kernel_size: 5 }), new BatchNorm(6, 4), new nn.Sigmoid(),  // num_dims=4
    new nn.AvgPool2d({ kernel_size: 2, stride: 2 }),
    new nn.Conv2d(6, 16, { kernel_size: 5 }), new BatchNorm(16, 4), new nn.Sigmoid(),
    new nn.AvgPool2d({ kernel_size: 2, stride: 2 }), new nn.Flatten(),
    new nn.Linear(16 * 4 * 4, 120), new BatchNorm(120, 2), new nn.Sigmoid(),
    new nn.Linear(120, 84), new BatchNorm(84, 2), new nn.Sigmoid(),
    new nn.Linear(84, 10));
  p(net);
  const [lr, num_epochs, batch_size] = [1.0, 2, 64];  // 10 epochs and batches of 256 in the book
  const [train_iter, test_iter] = load_data_fashion_mnist(batch_size);
  train_ch6(net, train_iter, test_iter, num_epochs, lr, try_gpu());
  const bn = net[1] as BatchNorm;
  n(bn.gamma.reshape([-1]), bn.beta.reshape([-1]));
  n(bn.moving_mean.reshape([-1]), bn.moving_var.reshape([-1]));
  e(() => batch_norm(torch.rand(2, 3, 4), torch.ones(1), torch.zeros(1), torch.zeros(1), torch.ones(1), 1e-5, 0.1));

  net = new nn.Sequential(
    new nn.Conv2d(1, 6, { kernel_size: 5 }), new nn.BatchNorm2d(6), new nn.Sigmoid(),
    new nn.AvgPool2d({ kernel_size: 2, stride: 2 }),
    new nn.Conv2d(6, 16, { kernel_size: 5 }), new nn.BatchNorm2d(16), new nn.Sigmoid(),
    new nn.AvgPool2d({ kernel_size: 2, stride: 2 }), new nn.Flatten(),
    new nn.Linear(256, 120), new nn.BatchNorm1d(120), new nn.Sigmoid(),
    new nn.Linear(120, 84), new nn.BatchNorm1d(84), new nn.Sigmoid(),
    new nn.Linear(84, 10));
  p(net);
  train_ch6(net, train_iter, test_iter, num_epochs, lr, try_gpu());
  const bn2 = net[1] as torch.nn.BatchNorm2d;
  n(bn2.weight, bn2.bias);
  n(bn2.running_mean, bn2.running_var, bn2.num_batches_tracked);
  p(Object.keys(bn2.state_dict()));
});

// --------------------------------------------------------------------------------------------------
// 8.6 Residual Networks (ResNet)
/** The Residual block of ResNet. */
class Residual extends nn.Module {
  conv1: torch.nn.Conv2d;
  conv2: torch.nn.Conv2d;
  conv3: torch.nn.Conv2d | null;
  bn1: torch.nn.BatchNorm2d;
  bn2: torch.nn.BatchNorm2d;
  constructor(input_channels: number, num_channels: number, use_1x1conv = false, strides = 1) {
    super();
    this.conv1 = new nn.Conv2d(input_channels, num_channels, { kernel_size: 3, padding: 1, stride: strides });
    this.conv2 = new nn.Conv2d(num_channels, num_channels, { kernel_size: 3, padding: 1 });
    if (use_1x1conv) this.conv3 = new nn.Conv2d(input_channels, num_channels, { kernel_size: 1, stride: strides });
    else this.conv3 = null;
    this.bn1 = new nn.BatchNorm2d(num_channels);
    this.bn2 = new nn.BatchNorm2d(num_channels);
  }
  override forward(X: Tensor): Tensor {
    const Y = F.relu(this.bn1(this.conv1(X)));
    const Y2 = this.bn2(this.conv2(Y));
    if (this.conv3) X = this.conv3(X);
    Y2.add_(X);  // Y += X
    return F.relu(Y2);
  }
}

const resnet = program(() => {
  let blk = new Residual(3, 3);
  let X = torch.rand(4, 3, 6, 6);
  const Y = blk(X);
  p(Y.shape);
  n(Y.index(0, 0));
  blk = new Residual(3, 6, true, 2);  // use_1x1conv=True, strides=2
  p(blk(X).shape);
  p(blk);
  e(() => new Residual(3, 6)(X));

  const b1 = new nn.Sequential(new nn.Conv2d(1, 64, { kernel_size: 7, stride: 2, padding: 3 }),
    new nn.BatchNorm2d(64), new nn.ReLU(),
    new nn.MaxPool2d({ kernel_size: 3, stride: 2, padding: 1 }));

  const resnet_block = (input_channels: number, num_channels: number, num_residuals: number, first_block = false) => {
    const blk: torch.nn.Module[] = [];
    for (let i = 0; i < num_residuals; i++) {
      if (i === 0 && !first_block) blk.push(new Residual(input_channels, num_channels, true, 2));
      else blk.push(new Residual(num_channels, num_channels));
    }
    return blk;
  };

  const b2 = new nn.Sequential(...resnet_block(64, 64, 2, true));  // first_block=True
  const b3 = new nn.Sequential(...resnet_block(64, 128, 2));
  const b4 = new nn.Sequential(...resnet_block(128, 256, 2));
  const b5 = new nn.Sequential(...resnet_block(256, 512, 2));
  const net = new nn.Sequential(b1, b2, b3, b4, b5,
    new nn.AdaptiveAvgPool2d([1, 1]),
    new nn.Flatten(), new nn.Linear(512, 10));
  X = torch.rand([1, 1, 96, 96]);  // 224 x 224 in the book's shape walk (its training resizes to 96)
  for (const layer of net) {
    X = layer(X);
    p(layer.constructor.name, 'output shape:\t', X.shape);
  }
  n(X);
  p([...net.parameters()].reduce((s, p_) => s + p_.numel(), 0), Object.keys(net.state_dict()).length);
});

// --------------------------------------------------------------------------------------------------
// 9.2-9.5 Text, language models and RNNs from scratch; 9.6 concise; 10.1-10.2 GRU and LSTM from scratch
// The time machine stand-in: its opening paragraphs, inline (d2l downloads timemachine.txt)
const TIME_MACHINE = `The Time Traveller (for so it will be convenient to speak of him)
was expounding a recondite matter to us. His grey eyes shone and
twinkled, and his usually pale face was flushed and animated. The
fire burned brightly, and the soft radiance of the incandescent
lights in the lilies of silver caught the bubbles that flashed and
passed in our glasses. Our chairs, being his patents, embraced and
caressed us rather than submitted to be sat upon, and there was that
luxurious after-dinner atmosphere when thought roams gracefully
free of the trammels of precision. And he put it to us in this
way--marking the points with a lean forefinger--as we sat and lazily
admired his earnestness over this new paradox (as we thought it)
and his fecundity.

'You must follow me carefully. I shall have to controvert one or two
ideas that are almost universally accepted. The geometry, for
instance, they taught you at school is founded on a misconception.'
`;

/** Load the time machine dataset into a list of text lines. */
function read_time_machine(): string[] {
  const lines = TIME_MACHINE.split('\n').slice(0, -1);  // with open(d2l.download('time_machine'), 'r') as f: ...
  return lines.map((line) => line.replace(/[^A-Za-z]+/g, ' ').trim().toLowerCase());
}

/** Split text lines into word or character tokens. */
function tokenize(lines: string[], token = 'word'): string[][] {
  if (token === 'word') return lines.map((line) => line.split(/\s+/).filter((w) => w));  // line.split()
  if (token === 'char') return lines.map((line) => [...line]);
  throw new Error('ERROR: unknown token type: ' + token);  // the book prints it
}

/** Count token frequencies (a collections.Counter: insertion-ordered). */
function count_corpus(tokens: string[] | string[][]): Map<string, number> {
  // Here `tokens` is a 1D list or 2D list
  const flatTokens = tokens.length === 0 || Array.isArray(tokens[0]) ? (tokens as string[][]).flat() : tokens as string[];
  const counter = new Map<string, number>();
  for (const t of flatTokens) counter.set(t, (counter.get(t) ?? 0) + 1);
  return counter;
}

/** Vocabulary for text. */
class Vocab {
  _token_freqs: [string, number][];
  idx_to_token: string[];
  token_to_idx: Map<string, number>;
  constructor(tokens: string[] | string[][] = [], min_freq = 0, reserved_tokens: string[] = []) {
    // Sort according to frequencies (a stable sort, as Python's sorted)
    const counter = count_corpus(tokens);
    this._token_freqs = [...counter.entries()].sort((a, b) => b[1] - a[1]);
    // The index for the unknown token is 0
    this.idx_to_token = ['<unk>', ...reserved_tokens];
    this.token_to_idx = new Map(this.idx_to_token.map((token, idx) => [token, idx]));
    for (const [token, freq] of this._token_freqs) {
      if (freq < min_freq) break;
      if (!this.token_to_idx.has(token)) {
        this.idx_to_token.push(token);
        this.token_to_idx.set(token, this.idx_to_token.length - 1);
      }
    }
  }
  get length(): number {  // __len__
    return this.idx_to_token.length;
  }
  get(tokens: string): number;
  get(tokens: string[]): number[];
  get(tokens: string | string[]): number | number[] {  // __getitem__
    if (!Array.isArray(tokens)) return this.token_to_idx.get(tokens) ?? this.unk;
    return tokens.map((token) => this.get(token));
  }
  to_tokens(indices: number | number[]): string | string[] {
    if (!Array.isArray(indices)) return this.idx_to_token[indices];
    return indices.map((index) => this.idx_to_token[index]);
  }
  get unk(): number {  // Index for the unknown token
    return 0;
  }
  get token_freqs(): [string, number][] {
    return this._token_freqs;
  }
}

/** Return token indices and the vocabulary of the time machine dataset. */
function load_corpus_time_machine(max_tokens = -1): [number[], Vocab] {
  const lines = read_time_machine();
  const tokens = tokenize(lines, 'char');
  const vocab = new Vocab(tokens);
  // Since each text line in the time machine dataset is not necessarily a
  // sentence or a paragraph, flatten all the text lines into a single list
  let corpus = tokens.flatMap((line) => line.map((token) => vocab.get(token)));
  if (max_tokens > 0) corpus = corpus.slice(0, max_tokens);
  return [corpus, vocab];
}

/** Generate a minibatch of subsequences using random sampling. */
function* seq_data_iter_random(corpus: number[], batch_size: number, num_steps: number): Generator<[Tensor, Tensor]> {
  // Start with a random offset (inclusive of `num_steps - 1`) to partition a sequence
  corpus = corpus.slice(Number(torch.randint(0, num_steps, [1]).item()));  // random.randint(0, num_steps - 1)
  // Subtract 1 since we need to account for labels
  const num_subseqs = Math.floor((corpus.length - 1) / num_steps);
  // The starting indices for subsequences of length `num_steps`
  let initial_indices = Array.from({ length: num_subseqs }, (_, i) => i * num_steps);
  // In random sampling, the subsequences from two adjacent random
  // minibatches during iteration are not necessarily adjacent on the original sequence
  initial_indices = (torch.randperm(initial_indices.length).tolist() as number[]).map((i) => initial_indices[i]);  // random.shuffle
  // Return a sequence of length `num_steps` starting from `pos`
  const data = (pos: number) => corpus.slice(pos, pos + num_steps);
  const num_batches = Math.floor(num_subseqs / batch_size);
  for (let i = 0; i < batch_size * num_batches; i += batch_size) {
    // Here, `initial_indices` contains randomized starting indices for subsequences
    const initial_indices_per_batch = initial_indices.slice(i, i + batch_size);
    const X = initial_indices_per_batch.map((j) => data(j));
    const Y = initial_indices_per_batch.map((j) => data(j + 1));
    yield [torch.tensor(X), torch.tensor(Y)];
  }
}

/** Generate a minibatch of subsequences using sequential partitioning. */
function* seq_data_iter_sequential(corpus: number[], batch_size: number, num_steps: number): Generator<[Tensor, Tensor]> {
  // Start with a random offset to partition a sequence
  const offset = Number(torch.randint(0, num_steps + 1, [1]).item());  // random.randint(0, num_steps)
  const num_tokens = Math.floor((corpus.length - offset - 1) / batch_size) * batch_size;
  let Xs = torch.tensor(corpus.slice(offset, offset + num_tokens));
  let Ys = torch.tensor(corpus.slice(offset + 1, offset + 1 + num_tokens));
  [Xs, Ys] = [Xs.reshape(batch_size, -1), Ys.reshape(batch_size, -1)];
  const num_batches = Math.floor(Xs.shape[1] / num_steps);
  for (let i = 0; i < num_steps * num_batches; i += num_steps) {
    const X = Xs.index(null, [i, i + num_steps]);
    const Y = Ys.index(null, [i, i + num_steps]);
    yield [X, Y];
  }
}

/** An iterator to load sequence data. */
class SeqDataLoader {
  data_iter_fn: typeof seq_data_iter_random;
  corpus: number[];
  vocab: Vocab;
  batch_size: number;
  num_steps: number;
  constructor(batch_size: number, num_steps: number, use_random_iter: boolean, max_tokens: number) {
    this.data_iter_fn = use_random_iter ? seq_data_iter_random : seq_data_iter_sequential;
    [this.corpus, this.vocab] = load_corpus_time_machine(max_tokens);
    [this.batch_size, this.num_steps] = [batch_size, num_steps];
  }
  [Symbol.iterator]() {  // __iter__
    return this.data_iter_fn(this.corpus, this.batch_size, this.num_steps);
  }
}

/** Return the iterator and the vocabulary of the time machine dataset. */
function load_data_time_machine(batch_size: number, num_steps: number, use_random_iter = false, max_tokens = 10000): [SeqDataLoader, Vocab] {
  const data_iter = new SeqDataLoader(batch_size, num_steps, use_random_iter, max_tokens);
  return [data_iter, data_iter.vocab];
}

type State = Tensor | Tensor[];
type ForwardFn = (inputs: Tensor, state: Tensor[], params: Tensor[]) => [Tensor, Tensor[]];
interface RNNNet {
  begin_state(opts: { batch_size: number; device: torch.device }): State;
  run(X: Tensor, state: State): [Tensor, State];  // net(X, state)
}

/** A RNN Model implemented from scratch. */
class RNNModelScratch implements RNNNet {
  vocab_size: number;
  num_hiddens: number;
  params: Tensor[];
  init_state: (batch_size: number, num_hiddens: number, device: torch.device) => Tensor[];
  forward_fn: ForwardFn;
  constructor(vocab_size: number, num_hiddens: number, device: torch.device,
    get_params: (vocab_size: number, num_hiddens: number, device: torch.device) => Tensor[],
    init_state: (batch_size: number, num_hiddens: number, device: torch.device) => Tensor[], forward_fn: ForwardFn) {
    [this.vocab_size, this.num_hiddens] = [vocab_size, num_hiddens];
    this.params = get_params(vocab_size, num_hiddens, device);
    [this.init_state, this.forward_fn] = [init_state, forward_fn];
  }
  run(X: Tensor, state: State): [Tensor, Tensor[]] {  // __call__
    X = F.one_hot(X.T, this.vocab_size).type(torch.float32);
    return this.forward_fn(X, state as Tensor[], this.params);
  }
  begin_state({ batch_size, device }: { batch_size: number; device: torch.device }): Tensor[] {  // (batch_size, device)
    return this.init_state(batch_size, this.num_hiddens, device);
  }
}

/** Generate new characters following the `prefix`. */
function predict_ch8(prefix: string, num_preds: number, net: RNNNet, vocab: Vocab, device: torch.device): string {
  let state = net.begin_state({ batch_size: 1, device });
  const outputs = [vocab.get(prefix[0])];
  const get_input = () => torch.tensor([outputs[outputs.length - 1]], { device }).reshape([1, 1]);
  for (const y of prefix.slice(1)) {  // Warm-up period
    [, state] = net.run(get_input(), state);
    outputs.push(vocab.get(y));
  }
  for (let i = 0; i < num_preds; i++) {  // Predict `num_preds` steps
    let y: Tensor;
    [y, state] = net.run(get_input(), state);
    outputs.push(Number(y.argmax({ dim: 1 }).reshape(1).item()));  // int(...)
  }
  return outputs.map((i) => vocab.idx_to_token[i]).join('');
}

/** Clip the gradient. */
function grad_clipping(net: RNNNet, theta: number): void {
  const params = net instanceof nn.Module ? [...net.parameters()].filter((p_) => p_.requires_grad) : (net as RNNModelScratch).params;
  const norm = torch.sqrt(pysum(params.map((p_) => torch.sum(p_.grad!.pow(2)))));
  if (norm.gt(theta).item()) {  // if norm > theta
    for (const param of params) param.grad!.index(null).mul_(norm.reciprocal().mul(theta));  // param.grad[:] *= theta / norm
  }
}

/** Train a net within one epoch (defined in Chapter 8). */
function train_epoch_ch8(net: RNNNet, train_iter: SeqDataLoader, loss: Loss, updater: Updater, device: torch.device,
  use_random_iter: boolean): number {
  let state: State | null = null;  // timer = d2l.Timer() left out
  const metric = new Accumulator(2);  // Sum of training loss, no. of tokens
  for (let [X, Y] of train_iter) {
    if (state === null || use_random_iter) {
      // Initialize `state` when either it is the first iteration or using random sampling
      state = net.begin_state({ batch_size: X.shape[0], device });
    } else if (net instanceof nn.Module && !Array.isArray(state)) {
      // `state` is a tensor for `nn.GRU`
      state.detach_();
    } else {
      // `state` is a tuple of tensors for `nn.LSTM` and for our custom scratch implementation
      for (const s of state as Tensor[]) s.detach_();
    }
    let y = Y.T.reshape(-1);
    [X, y] = [X.to(device), y.to(device)];
    let y_hat: Tensor;
    [y_hat, state] = net.run(X, state);
    const l = loss(y_hat, y.long()).mean();
    if (updater instanceof torch.optim.Optimizer) {
      updater.zero_grad();
      l.backward();
      grad_clipping(net, 1);
      updater.step();
    } else {
      l.backward();
      grad_clipping(net, 1);
      // Since the `mean` function has been invoked
      updater(1);  // batch_size=1
    }
    metric.add(l.mul(y.numel()), y.numel());
  }
  return Math.exp(metric.get(0) / metric.get(1));  // , metric[1] / timer.stop(): a speed
}

/** Train a model (defined in Chapter 8). */
function train_ch8(net: RNNNet, train_iter: SeqDataLoader, vocab: Vocab, lr: number, num_epochs: number, device: torch.device,
  use_random_iter = false): void {
  const loss = new nn.CrossEntropyLoss();
  // Initialize
  const updater: Updater = net instanceof nn.Module ? new torch.optim.SGD(net.parameters(), lr)
    : (batch_size: number) => sgd((net as RNNModelScratch).params, lr, batch_size);
  const predict = (prefix: string) => predict_ch8(prefix, 50, net, vocab, device);
  // Train and predict
  let ppl = 0;
  for (let epoch = 0; epoch < num_epochs; epoch++) {
    ppl = train_epoch_ch8(net, train_iter, loss, updater, device, use_random_iter);
    n(`epoch ${epoch + 1}, perplexity ${ppl.toFixed(4)}`);  // animator.add(epoch + 1, [ppl]): printed
  }
  n(`perplexity ${ppl.toFixed(1)}`);  // the tokens/sec left out: a speed
  n(predict('time traveller'));
  n(predict('traveller'));
}

/** Python's str() of a list of (str, int) tuples. */
const pairs = (xs: [string, number][]) => xs.map(([a, b]) => tuple(a, b));

const text_preprocessing = program(() => {
  const lines = read_time_machine();
  p(`# text lines: ${lines.length}`);
  p(lines[0]);
  p(lines[10]);
  const tokens = tokenize(lines);
  for (let i = 0; i < 3; i++) p(tokens[i]);
  let vocab = new Vocab(tokens);
  p(pairs([...vocab.token_to_idx.entries()].slice(0, 10)));
  for (const i of [0, 10]) {
    p('words:', tokens[i]);
    p('indices:', vocab.get(tokens[i]));
  }
  let corpus: number[];
  [corpus, vocab] = load_corpus_time_machine();
  p(corpus.length, vocab.length);
  p(pairs(vocab.token_freqs.slice(0, 10)), vocab.to_tokens([1, 2, 3]));
  const my_seq = Array.from({ length: 35 }, (_, i) => i);
  for (const [X, Y] of seq_data_iter_random(my_seq, 2, 5)) p('X: ', X, '\nY:', Y);  // batch_size=2, num_steps=5
  for (const [X, Y] of seq_data_iter_sequential(my_seq, 2, 5)) p('X: ', X, '\nY:', Y);
});

const rnn_scratch = program(() => {
  const [batch_size, num_steps] = [4, 10];  // 32 and 35 in the book: the paragraph is short
  const [train_iter, vocab] = load_data_time_machine(batch_size, num_steps);
  p(F.one_hot(torch.tensor([0, 2]), vocab.length));
  const X = torch.arange(10).reshape([2, 5]);
  p(F.one_hot(X.T, 28).shape);

  const get_params = (vocab_size: number, num_hiddens: number, device: torch.device) => {
    const [num_inputs, num_outputs] = [vocab_size, vocab_size];
    const normal = (shape: number[]) => torch.randn(shape, { device }).mul(0.01);
    // Hidden layer parameters
    const W_xh = normal([num_inputs, num_hiddens]);
    const W_hh = normal([num_hiddens, num_hiddens]);
    const b_h = torch.zeros(num_hiddens, { device });
    // Output layer parameters
    const W_hq = normal([num_hiddens, num_outputs]);
    const b_q = torch.zeros(num_outputs, { device });
    // Attach gradients
    const params = [W_xh, W_hh, b_h, W_hq, b_q];
    for (const param of params) param.requires_grad_(true);
    return params;
  };

  const init_rnn_state = (batch_size: number, num_hiddens: number, device: torch.device) =>
    [torch.zeros([batch_size, num_hiddens], { device })];

  const rnn = (inputs: Tensor, state: Tensor[], params: Tensor[]): [Tensor, Tensor[]] => {
    // Here `inputs` shape: (`num_steps`, `batch_size`, `vocab_size`)
    const [W_xh, W_hh, b_h, W_hq, b_q] = params;
    let [H] = state;
    const outputs: Tensor[] = [];
    // Shape of `X`: (`batch_size`, `vocab_size`)
    for (const X of rows(inputs)) {
      H = torch.tanh(torch.mm(X, W_xh).add(torch.mm(H, W_hh)).add(b_h));
      const Y = torch.mm(H, W_hq).add(b_q);
      outputs.push(Y);
    }
    return [torch.cat(outputs, { dim: 0 }), [H]];
  };

  const num_hiddens = 512;
  let net = new RNNModelScratch(vocab.length, num_hiddens, try_gpu(), get_params, init_rnn_state, rnn);
  const state = net.begin_state({ batch_size: X.shape[0], device: try_gpu() });
  const [Y, new_state] = net.run(X.to(try_gpu()), state);
  p(Y.shape, new_state.length, new_state[0].shape);
  p(predict_ch8('time traveller ', 10, net, vocab, try_gpu()));
  const [num_epochs, lr] = [5, 1];  // 500 epochs in the book
  train_ch8(net, train_iter, vocab, lr, num_epochs, try_gpu());
  net = new RNNModelScratch(vocab.length, num_hiddens, try_gpu(), get_params, init_rnn_state, rnn);
  train_ch8(net, load_data_time_machine(batch_size, num_steps, true)[0], vocab, lr, 3, try_gpu(), true);  // use_random_iter=True
  e(() => net.run(torch.tensor([[0, 30]]), net.begin_state({ batch_size: 1, device: try_gpu() })));
});

/** The RNN model. */
class RNNModel extends nn.Module implements RNNNet {
  rnn: torch.nn.RNN | torch.nn.GRU | torch.nn.LSTM;
  vocab_size: number;
  num_hiddens: number;
  num_directions: number;
  linear: torch.nn.Linear;
  constructor(rnn_layer: torch.nn.RNN | torch.nn.GRU | torch.nn.LSTM, vocab_size: number) {
    super();
    this.rnn = rnn_layer;
    this.vocab_size = vocab_size;
    this.num_hiddens = this.rnn.hidden_size;
    // If the RNN is bidirectional (to be introduced later),
    // `num_directions` should be 2, else it should be 1.
    if (!this.rnn.bidirectional) {
      this.num_directions = 1;
      this.linear = new nn.Linear(this.num_hiddens, this.vocab_size);
    } else {
      this.num_directions = 2;
      this.linear = new nn.Linear(this.num_hiddens * 2, this.vocab_size);
    }
  }
  override forward(inputs: Tensor, state: State): [Tensor, State] {
    let X = F.one_hot(inputs.T.long(), this.vocab_size);
    X = X.to(torch.float32);
    let Y: Tensor;
    [Y, state] = (this.rnn as (X: Tensor, h: State) => [Tensor, State])(X, state);
    // The fully connected layer will first change the shape of `Y` to
    // (`num_steps` * `batch_size`, `num_hiddens`). Its output shape is
    // (`num_steps` * `batch_size`, `vocab_size`).
    const output = this.linear(Y.reshape([-1, Y.shape[Y.shape.length - 1]]));
    return [output, state];
  }
  run(X: Tensor, state: State): [Tensor, State] {  // net(X, state): a Module is callable; RNNNet's name for a call
    return this.forward(X, state);
  }
  begin_state({ device, batch_size = 1 }: { device: torch.device; batch_size?: number }): State {
    if (!(this.rnn instanceof nn.LSTM)) {
      // `nn.GRU` takes a tensor as hidden state
      return torch.zeros([this.num_directions * this.rnn.num_layers, batch_size, this.num_hiddens], { device });
    }
    // `nn.LSTM` takes a tuple of hidden states
    return [torch.zeros([this.num_directions * this.rnn.num_layers, batch_size, this.num_hiddens], { device }),
      torch.zeros([this.num_directions * this.rnn.num_layers, batch_size, this.num_hiddens], { device })];
  }
}

const rnn_concise = program(() => {
  const [batch_size, num_steps] = [4, 10];  // 32 and 35 in the book
  const [train_iter, vocab] = load_data_time_machine(batch_size, num_steps);
  const num_hiddens = 256;
  const rnn_layer = new nn.RNN(vocab.length, num_hiddens);
  const state = torch.zeros([1, batch_size, num_hiddens]);
  p(state.shape);
  const X = torch.rand([num_steps, batch_size, vocab.length]);
  const [Y, state_new] = rnn_layer(X, state);
  p(Y.shape, state_new.shape);

  const device = try_gpu();
  let net = new RNNModel(rnn_layer, vocab.length);  // vocab_size=len(vocab)
  net = net.to(device);
  p(net);
  p(predict_ch8('time traveller', 10, net, vocab, device));
  const [num_epochs, lr] = [5, 1];  // 500 epochs in the book
  train_ch8(net, train_iter, vocab, lr, num_epochs, device);
  const gru_layer = new nn.GRU(vocab.length, num_hiddens);  // 10.2's concise GRU
  net = new RNNModel(gru_layer, vocab.length).to(device);
  train_ch8(net, train_iter, vocab, lr, 3, device);
  const lstm_layer = new nn.LSTM(vocab.length, num_hiddens);  // 10.1's concise LSTM
  net = new RNNModel(lstm_layer, vocab.length).to(device);
  p(net);
  train_ch8(net, train_iter, vocab, lr, 3, device);
  e(() => rnn_layer(X, torch.zeros([1, batch_size + 1, num_hiddens])));
  e(() => (lstm_layer as unknown as (x: Tensor, h: Tensor) => unknown)(X, torch.zeros([1, batch_size, num_hiddens])));
});

const gru_lstm_scratch = program(() => {
  const [batch_size, num_steps] = [4, 10];  // 32 and 35 in the book
  const [train_iter, vocab] = load_data_time_machine(batch_size, num_steps);

  const normal_ = (device: torch.device) => (shape: number[]) => torch.randn(shape, { device }).mul(0.01);
  const three_ = (num_inputs: number, num_hiddens: number, device: torch.device) => () => {
    const normal = normal_(device);
    return [normal([num_inputs, num_hiddens]), normal([num_hiddens, num_hiddens]), torch.zeros(num_hiddens, { device })];
  };

  const get_params = (vocab_size: number, num_hiddens: number, device: torch.device) => {
    const [num_inputs, num_outputs] = [vocab_size, vocab_size];
    const three = three_(num_inputs, num_hiddens, device);
    const [W_xz, W_hz, b_z] = three();  // Update gate parameters
    const [W_xr, W_hr, b_r] = three();  // Reset gate parameters
    const [W_xh, W_hh, b_h] = three();  // Candidate hidden state parameters
    // Output layer parameters
    const W_hq = normal_(device)([num_hiddens, num_outputs]);
    const b_q = torch.zeros(num_outputs, { device });
    // Attach gradients
    const params = [W_xz, W_hz, b_z, W_xr, W_hr, b_r, W_xh, W_hh, b_h, W_hq, b_q];
    for (const param of params) param.requires_grad_(true);
    return params;
  };

  const init_gru_state = (batch_size: number, num_hiddens: number, device: torch.device) =>
    [torch.zeros([batch_size, num_hiddens], { device })];

  const gru = (inputs: Tensor, state: Tensor[], params: Tensor[]): [Tensor, Tensor[]] => {
    const [W_xz, W_hz, b_z, W_xr, W_hr, b_r, W_xh, W_hh, b_h, W_hq, b_q] = params;
    let [H] = state;
    const outputs: Tensor[] = [];
    for (const X of rows(inputs)) {
      const Z = torch.sigmoid(X.matmul(W_xz).add(H.matmul(W_hz)).add(b_z));
      const R = torch.sigmoid(X.matmul(W_xr).add(H.matmul(W_hr)).add(b_r));
      const H_tilda = torch.tanh(X.matmul(W_xh).add(R.mul(H).matmul(W_hh)).add(b_h));
      H = Z.mul(H).add(torch.rsub(Z, 1).mul(H_tilda));  // Z * H + (1 - Z) * H_tilda
      const Y = H.matmul(W_hq).add(b_q);
      outputs.push(Y);
    }
    return [torch.cat(outputs, { dim: 0 }), [H]];
  };

  const [vocab_size, num_hiddens, device] = [vocab.length, 256, try_gpu()];
  void vocab_size;
  const [num_epochs, lr] = [3, 1];  // 500 epochs in the book
  let model = new RNNModelScratch(vocab.length, num_hiddens, device, get_params, init_gru_state, gru);
  train_ch8(model, train_iter, vocab, lr, num_epochs, device);

  const get_lstm_params = (vocab_size: number, num_hiddens: number, device: torch.device) => {
    const [num_inputs, num_outputs] = [vocab_size, vocab_size];
    const three = three_(num_inputs, num_hiddens, device);
    const [W_xi, W_hi, b_i] = three();  // Input gate parameters
    const [W_xf, W_hf, b_f] = three();  // Forget gate parameters
    const [W_xo, W_ho, b_o] = three();  // Output gate parameters
    const [W_xc, W_hc, b_c] = three();  // Candidate memory cell parameters
    // Output layer parameters
    const W_hq = normal_(device)([num_hiddens, num_outputs]);
    const b_q = torch.zeros(num_outputs, { device });
    // Attach gradients
    const params = [W_xi, W_hi, b_i, W_xf, W_hf, b_f, W_xo, W_ho, b_o, W_xc, W_hc, b_c, W_hq, b_q];
    for (const param of params) param.requires_grad_(true);
    return params;
  };

  const init_lstm_state = (batch_size: number, num_hiddens: number, device: torch.device) =>
    [torch.zeros([batch_size, num_hiddens], { device }), torch.zeros([batch_size, num_hiddens], { device })];

  const lstm = (inputs: Tensor, state: Tensor[], params: Tensor[]): [Tensor, Tensor[]] => {
    const [W_xi, W_hi, b_i, W_xf, W_hf, b_f, W_xo, W_ho, b_o, W_xc, W_hc, b_c, W_hq, b_q] = params;
    let [H, C] = state;
    const outputs: Tensor[] = [];
    for (const X of rows(inputs)) {
      const I = torch.sigmoid(X.matmul(W_xi).add(H.matmul(W_hi)).add(b_i));
      const F_ = torch.sigmoid(X.matmul(W_xf).add(H.matmul(W_hf)).add(b_f));
      const O = torch.sigmoid(X.matmul(W_xo).add(H.matmul(W_ho)).add(b_o));
      const C_tilda = torch.tanh(X.matmul(W_xc).add(H.matmul(W_hc)).add(b_c));
      C = F_.mul(C).add(I.mul(C_tilda));
      H = O.mul(torch.tanh(C));
      const Y = H.matmul(W_hq).add(b_q);
      outputs.push(Y);
    }
    return [torch.cat(outputs, { dim: 0 }), [H, C]];
  };

  model = new RNNModelScratch(vocab.length, num_hiddens, device, get_lstm_params, init_lstm_state, lstm);
  train_ch8(model, train_iter, vocab, lr, num_epochs, device);
});

// --------------------------------------------------------------------------------------------------
// 10.5's sequence_mask; 11.3 Attention Scoring Functions
/** Mask irrelevant entries in sequences. */
function sequence_mask(X: Tensor, valid_len: Tensor, value = 0): Tensor {
  const maxlen = X.size(1);
  const mask = torch.arange(maxlen, { dtype: torch.float32, device: X.device }).index('None', null).lt(valid_len.index(null, 'None'));
  X.set(mask.bitwise_not(), value);  // X[~mask] = value
  return X;
}

/** Perform softmax operation by masking elements on the last axis. */
function masked_softmax(X: Tensor, valid_lens: Tensor | null): Tensor {
  // `X`: 3D tensor, `valid_lens`: 1D or 2D tensor
  if (valid_lens === null) return nn.functional.softmax(X, { dim: -1 });
  const shape = X.shape;
  if (valid_lens.dim() === 1) valid_lens = torch.repeat_interleave(valid_lens, shape[1]);
  else valid_lens = valid_lens.reshape(-1);
  // On the last axis, replace masked elements with a very large negative value, whose exponentiation outputs 0
  X = sequence_mask(X.reshape(-1, shape[shape.length - 1]), valid_lens, -1e6);
  return nn.functional.softmax(X.reshape(shape), { dim: -1 });
}

/** Additive attention. */
class AdditiveAttention extends nn.Module {
  W_k: torch.nn.Linear;
  W_q: torch.nn.Linear;
  w_v: torch.nn.Linear;
  dropout: torch.nn.Dropout;
  attention_weights: Tensor | null = null;
  constructor(key_size: number, query_size: number, num_hiddens: number, dropout: number) {
    super();
    this.W_k = new nn.Linear(key_size, num_hiddens, { bias: false });
    this.W_q = new nn.Linear(query_size, num_hiddens, { bias: false });
    this.w_v = new nn.Linear(num_hiddens, 1, { bias: false });
    this.dropout = new nn.Dropout(dropout);
  }
  override forward(queries: Tensor, keys: Tensor, values: Tensor, valid_lens: Tensor | null): Tensor {
    [queries, keys] = [this.W_q(queries), this.W_k(keys)];
    // After dimension expansion, shape of `queries`: (`batch_size`, no. of
    // queries, 1, `num_hiddens`) and shape of `keys`: (`batch_size`, 1, no.
    // of key-value pairs, `num_hiddens`). Sum them up with broadcasting
    let features = queries.unsqueeze(2).add(keys.unsqueeze(1));
    features = torch.tanh(features);
    // There is only one output of `self.w_v`, so we remove the last
    // one-dimensional entry from the shape. Shape of `scores`: (`batch_size`,
    // no. of queries, no. of key-value pairs)
    const scores = this.w_v(features).squeeze(-1);
    this.attention_weights = masked_softmax(scores, valid_lens);
    // Shape of `values`: (`batch_size`, no. of key-value pairs, value dimension)
    return torch.bmm(this.dropout(this.attention_weights), values);
  }
}

/** Scaled dot product attention. */
class DotProductAttention extends nn.Module {
  dropout: torch.nn.Dropout;
  attention_weights: Tensor | null = null;
  constructor(dropout: number) {
    super();
    this.dropout = new nn.Dropout(dropout);
  }
  // Shape of `queries`: (`batch_size`, no. of queries, `d`)
  // Shape of `keys`: (`batch_size`, no. of key-value pairs, `d`)
  // Shape of `values`: (`batch_size`, no. of key-value pairs, value dimension)
  // Shape of `valid_lens`: (`batch_size`,) or (`batch_size`, no. of queries)
  override forward(queries: Tensor, keys: Tensor, values: Tensor, valid_lens: Tensor | null = null): Tensor {
    const d = queries.shape[queries.shape.length - 1];
    // Set `transpose_b=True` to swap the last two dimensions of `keys`
    const scores = torch.bmm(queries, keys.transpose(1, 2)).div(Math.sqrt(d));
    this.attention_weights = masked_softmax(scores, valid_lens);
    return torch.bmm(this.dropout(this.attention_weights), values);
  }
}

const attention_scoring = program(() => {
  let X = torch.tensor([[1, 2, 3], [4, 5, 6]]);
  p(sequence_mask(X, torch.tensor([1, 2])));
  X = torch.ones(2, 3, 4);
  p(sequence_mask(X, torch.tensor([1, 2]), -1));  // value=-1

  p(masked_softmax(torch.rand(2, 2, 4), torch.tensor([2, 3])));
  p(masked_softmax(torch.rand(2, 2, 4), torch.tensor([[1, 3], [2, 4]])));

  let queries = torch.normal(0, 1, [2, 1, 20]);
  const keys = torch.ones([2, 10, 2]);
  // The two value matrices in the `values` minibatch are identical
  const values = torch.arange(40, { dtype: torch.float32 }).reshape(1, 10, 4).repeat(2, 1, 1);
  const valid_lens = torch.tensor([2, 6]);
  const additive = new AdditiveAttention(2, 20, 8, 0.1);  // key_size=2, query_size=20, num_hiddens=8, dropout=0.1
  p(additive.eval());
  n(additive(queries, keys, values, valid_lens));
  n(additive.attention_weights);

  queries = torch.normal(0, 1, [2, 1, 2]);
  const attention = new DotProductAttention(0.5);  // dropout=0.5
  p(attention.eval());
  p(attention(queries, keys, values, valid_lens));
  p(attention.attention_weights);
  attention.train();
  n(attention(queries, keys, values, valid_lens));
  e(() => attention(queries, keys.index(null, null, [null, 1]), values, valid_lens));
  e(() => masked_softmax(torch.rand(2, 2, 4), torch.tensor([2, 3, 1])));
});

// --------------------------------------------------------------------------------------------------
// 10.7 Sequence to Sequence Learning (encoder, decoder, masked loss); 11.5 Multi-Head Attention (LazyLinear);
// 11.6 Positional Encoding
/** The RNN encoder for sequence to sequence learning (d2l.Encoder: an nn.Module whose forward(X, *args) subclasses define). */
class Seq2SeqEncoder extends nn.Module {
  embedding: torch.nn.Embedding;
  rnn: torch.nn.GRU;
  constructor(vocab_size: number, embed_size: number, num_hiddens: number, num_layers: number, dropout = 0) {
    super();
    // Embedding layer
    this.embedding = new nn.Embedding(vocab_size, embed_size);
    this.rnn = new nn.GRU(embed_size, num_hiddens, num_layers, { dropout });
  }
  override forward(X: Tensor, ...args: unknown[]): [Tensor, Tensor] {
    void args;
    // The output `X` shape: (`batch_size`, `num_steps`, `embed_size`)
    X = this.embedding(X);
    // In RNN models, the first axis corresponds to time steps
    X = X.permute(1, 0, 2);
    // When state is not mentioned, it defaults to zeros
    const [output, state] = this.rnn(X);
    // `output` shape: (`num_steps`, `batch_size`, `num_hiddens`)
    // `state` shape: (`num_layers`, `batch_size`, `num_hiddens`)
    return [output, state as Tensor];
  }
}

/** The RNN decoder for sequence to sequence learning (d2l.Decoder). */
class Seq2SeqDecoder extends nn.Module {
  embedding: torch.nn.Embedding;
  rnn: torch.nn.GRU;
  dense: torch.nn.Linear;
  constructor(vocab_size: number, embed_size: number, num_hiddens: number, num_layers: number, dropout = 0) {
    super();
    this.embedding = new nn.Embedding(vocab_size, embed_size);
    this.rnn = new nn.GRU(embed_size + num_hiddens, num_hiddens, num_layers, { dropout });
    this.dense = new nn.Linear(num_hiddens, vocab_size);
  }
  init_state(enc_outputs: [Tensor, Tensor], ...args: unknown[]): Tensor {
    void args;
    return enc_outputs[1];
  }
  override forward(X: Tensor, state: Tensor): [Tensor, Tensor] {
    // The output `X` shape: (`num_steps`, `batch_size`, `embed_size`)
    X = this.embedding(X).permute(1, 0, 2);
    // Broadcast `context` so it has the same `num_steps` as `X`
    const context = state.index(-1).repeat(X.shape[0], 1, 1);
    const X_and_context = torch.cat([X, context], 2);
    let output: Tensor;
    [output, state] = this.rnn(X_and_context, state) as [Tensor, Tensor];
    output = this.dense(output).permute(1, 0, 2);
    // `output` shape: (`batch_size`, `num_steps`, `vocab_size`)
    // `state` shape: (`num_layers`, `batch_size`, `num_hiddens`)
    return [output, state];
  }
}

/** The softmax cross-entropy loss with masks. */
class MaskedSoftmaxCELoss extends nn.CrossEntropyLoss {
  // `pred` shape: (`batch_size`, `num_steps`, `vocab_size`)
  // `label` shape: (`batch_size`, `num_steps`)
  // `valid_len` shape: (`batch_size`,)
  override forward(pred: Tensor, label: Tensor, valid_len?: Tensor): Tensor {
    let weights = torch.ones_like(label);
    weights = sequence_mask(weights, valid_len!);
    this.reduction = 'none';
    const unweighted_loss = super.forward(pred.permute(0, 2, 1), label);
    const weighted_loss = unweighted_loss.mul(weights).mean({ dim: 1 });
    return weighted_loss;
  }
}

/** Multi-head attention. */
class MultiHeadAttention extends nn.Module {
  num_heads: number;
  attention: DotProductAttention;
  W_q: torch.nn.LazyLinear;
  W_k: torch.nn.LazyLinear;
  W_v: torch.nn.LazyLinear;
  W_o: torch.nn.LazyLinear;
  constructor(num_hiddens: number, num_heads: number, dropout: number, bias = false) {
    super();
    this.num_heads = num_heads;
    this.attention = new DotProductAttention(dropout);
    this.W_q = new nn.LazyLinear(num_hiddens, { bias });
    this.W_k = new nn.LazyLinear(num_hiddens, { bias });
    this.W_v = new nn.LazyLinear(num_hiddens, { bias });
    this.W_o = new nn.LazyLinear(num_hiddens, { bias });
  }
  override forward(queries: Tensor, keys: Tensor, values: Tensor, valid_lens: Tensor | null): Tensor {
    // Shape of queries, keys, or values:
    // (batch_size, no. of queries or key-value pairs, num_hiddens)
    // Shape of valid_lens: (batch_size,) or (batch_size, no. of queries)
    // After transposing, shape of output queries, keys, or values:
    // (batch_size * num_heads, no. of queries or key-value pairs, num_hiddens / num_heads)
    queries = this.transpose_qkv(this.W_q(queries));
    keys = this.transpose_qkv(this.W_k(keys));
    values = this.transpose_qkv(this.W_v(values));
    if (valid_lens !== null) {
      // On axis 0, copy the first item (scalar or vector) for num_heads
      // times, then copy the next item, and so on
      valid_lens = torch.repeat_interleave(valid_lens, { repeats: this.num_heads, dim: 0 });
    }
    // Shape of output: (batch_size * num_heads, no. of queries, num_hiddens / num_heads)
    const output = this.attention(queries, keys, values, valid_lens);
    // Shape of output_concat: (batch_size, no. of queries, num_hiddens)
    const output_concat = this.transpose_output(output);
    return this.W_o(output_concat);
  }
  /** Transposition for parallel computation of multiple attention heads. */
  transpose_qkv(X: Tensor): Tensor {
    // Shape of input X: (batch_size, no. of queries or key-value pairs,
    // num_hiddens). Shape of output X: (batch_size, no. of queries or
    // key-value pairs, num_heads, num_hiddens / num_heads)
    X = X.reshape(X.shape[0], X.shape[1], this.num_heads, -1);
    // Shape of output X: (batch_size, num_heads, no. of queries or key-value
    // pairs, num_hiddens / num_heads)
    X = X.permute(0, 2, 1, 3);
    // Shape of output: (batch_size * num_heads, no. of queries or key-value
    // pairs, num_hiddens / num_heads)
    return X.reshape(-1, X.shape[2], X.shape[3]);
  }
  /** Reverse the operation of transpose_qkv. */
  transpose_output(X: Tensor): Tensor {
    X = X.reshape(-1, this.num_heads, X.shape[1], X.shape[2]);
    X = X.permute(0, 2, 1, 3);
    return X.reshape(X.shape[0], X.shape[1], -1);
  }
}

/** Positional encoding. */
class PositionalEncoding extends nn.Module {
  dropout: torch.nn.Dropout;
  P: Tensor;
  constructor(num_hiddens: number, dropout: number, max_len = 1000) {
    super();
    this.dropout = new nn.Dropout(dropout);
    // Create a long enough P
    this.P = torch.zeros([1, max_len, num_hiddens]);
    const X = torch.arange(max_len, { dtype: torch.float32 }).reshape(-1, 1).div(
      torch.pow(10000, torch.arange(0, num_hiddens, 2, { dtype: torch.float32 }).div(num_hiddens)));
    this.P.set(null, null, [0, null, 2], torch.sin(X));  // self.P[:, :, 0::2] = torch.sin(X)
    this.P.set(null, null, [1, null, 2], torch.cos(X));  // self.P[:, :, 1::2] = torch.cos(X)
  }
  override forward(X: Tensor): Tensor {
    X = X.add(this.P.index(null, [null, X.shape[1]], null).to(X.device));
    return this.dropout(X);
  }
}

const seq2seq_multihead = program(() => {
  const encoder = new Seq2SeqEncoder(10, 8, 16, 2);  // vocab_size=10, embed_size=8, num_hiddens=16, num_layers=2
  p(encoder.eval());
  let X = torch.zeros([4, 7], { dtype: torch.long });
  let [output, state] = encoder(X);
  p(output.shape);
  p(state.shape);

  const decoder = new Seq2SeqDecoder(10, 8, 16, 2);
  p(decoder.eval());
  state = decoder.init_state(encoder(X));
  [output, state] = decoder(X, state);
  p(output.shape, state.shape);
  n(output.index(0, 0), state.index(-1, 0, [null, 4]));

  const loss = new MaskedSoftmaxCELoss();
  p(loss(torch.ones(3, 4, 10), torch.ones([3, 4], { dtype: torch.long }), torch.tensor([4, 2, 0])));
  p(loss);

  const [num_hiddens, num_heads] = [100, 5];
  const attention = new MultiHeadAttention(num_hiddens, num_heads, 0.5);
  p(attention);
  const [batch_size, num_queries, num_kvpairs] = [2, 4, 6];
  const valid_lens = torch.tensor([3, 2]);
  X = torch.ones([batch_size, num_queries, num_hiddens]);
  const Y = torch.ones([batch_size, num_kvpairs, num_hiddens]);
  const out = attention(X, Y, Y, valid_lens);
  // d2l.check_shape: out.shape == (batch_size, num_queries, num_hiddens)
  p([batch_size, num_queries, num_hiddens].every((s, i) => out.shape[i] === s) && out.shape.length === 3, out.shape);
  p(attention);
  n(out.index(0, null, [null, 4]));
  attention.eval();
  n(attention(X, Y, Y, valid_lens).index(1, null, [null, 4]), attention.attention.attention_weights!.index([null, 2]));

  const [encoding_dim, num_steps] = [32, 60];
  const pos_encoding = new PositionalEncoding(encoding_dim, 0);
  X = pos_encoding(torch.zeros([1, num_steps, encoding_dim]));
  const P = pos_encoding.P.index(null, [null, X.shape[1]], null);
  n(P.index(0, [null, null, 10], [6, 10]).T);  // d2l.plot(torch.arange(num_steps), P[0, :, 6:10].T, ...): every tenth point
  for (let i = 0; i < 8; i++) p(`${i} in binary is ${i.toString(2).padStart(3, '0')}`);  // {i:>03b}
  n(P.index(0, null, null).unsqueeze(0).unsqueeze(0).index(0, 0, [null, null, 20], [null, null, 8]));  // the heat map's values, a few
  e(() => attention(X, Y, Y, valid_lens));
});

// --------------------------------------------------------------------------------------------------
// 11.7 The Transformer Architecture: position-wise FFN, add & norm, the encoder block and the encoder
/** The positionwise feed-forward network. */
class PositionWiseFFN extends nn.Module {
  dense1: torch.nn.LazyLinear;
  relu: torch.nn.ReLU;
  dense2: torch.nn.LazyLinear;
  constructor(ffn_num_hiddens: number, ffn_num_outputs: number) {
    super();
    this.dense1 = new nn.LazyLinear(ffn_num_hiddens);
    this.relu = new nn.ReLU();
    this.dense2 = new nn.LazyLinear(ffn_num_outputs);
  }
  override forward(X: Tensor): Tensor {
    return this.dense2(this.relu(this.dense1(X)));
  }
}

/** The residual connection followed by layer normalization. */
class AddNorm extends nn.Module {
  dropout: torch.nn.Dropout;
  ln: torch.nn.LayerNorm;
  constructor(norm_shape: number, dropout: number) {
    super();
    this.dropout = new nn.Dropout(dropout);
    this.ln = new nn.LayerNorm(norm_shape);
  }
  override forward(X: Tensor, Y: Tensor): Tensor {
    return this.ln(this.dropout(Y).add(X));
  }
}

/** The Transformer encoder block. */
class TransformerEncoderBlock extends nn.Module {
  attention: MultiHeadAttention;
  addnorm1: AddNorm;
  ffn: PositionWiseFFN;
  addnorm2: AddNorm;
  constructor(num_hiddens: number, ffn_num_hiddens: number, num_heads: number, dropout: number, use_bias = false) {
    super();
    this.attention = new MultiHeadAttention(num_hiddens, num_heads, dropout, use_bias);
    this.addnorm1 = new AddNorm(num_hiddens, dropout);
    this.ffn = new PositionWiseFFN(ffn_num_hiddens, num_hiddens);
    this.addnorm2 = new AddNorm(num_hiddens, dropout);
  }
  override forward(X: Tensor, valid_lens: Tensor | null): Tensor {
    const Y = this.addnorm1(X, this.attention(X, X, X, valid_lens));
    return this.addnorm2(Y, this.ffn(Y));
  }
}

/** The Transformer encoder (d2l.Encoder). */
class TransformerEncoder extends nn.Module {
  num_hiddens: number;
  embedding: torch.nn.Embedding;
  pos_encoding: PositionalEncoding;
  blks: torch.nn.Sequential;
  attention_weights: (Tensor | null)[] = [];
  constructor(vocab_size: number, num_hiddens: number, ffn_num_hiddens: number, num_heads: number, num_blks: number,
    dropout: number, use_bias = false) {
    super();
    this.num_hiddens = num_hiddens;
    this.embedding = new nn.Embedding(vocab_size, num_hiddens);
    this.pos_encoding = new PositionalEncoding(num_hiddens, dropout);
    this.blks = new nn.Sequential();
    for (let i = 0; i < num_blks; i++) {
      this.blks.add_module('block' + String(i), new TransformerEncoderBlock(num_hiddens, ffn_num_hiddens, num_heads, dropout, use_bias));
    }
  }
  override forward(X: Tensor, valid_lens: Tensor | null): Tensor {
    // Since positional encoding values are between -1 and 1, the embedding
    // values are multiplied by the square root of the embedding dimension
    // to rescale before they are summed up
    X = this.pos_encoding(this.embedding(X).mul(Math.sqrt(this.num_hiddens)));
    this.attention_weights = new Array(this.blks.length).fill(null);  // [None] * len(self.blks)
    let i = 0;
    for (const blk of this.blks) {  // for i, blk in enumerate(self.blks)
      X = blk(X, valid_lens);
      this.attention_weights[i] = (blk as TransformerEncoderBlock).attention.attention.attention_weights;
      i++;
    }
    return X;
  }
}

const transformer_encoder = program(() => {
  const ffn = new PositionWiseFFN(4, 8);
  ffn.eval();
  n(ffn(torch.ones([2, 3, 4])).index(0));
  const ln = new nn.LayerNorm(2);
  const bn = new nn.LazyBatchNorm1d();
  let X = torch.tensor([[1, 2], [2, 3]], { dtype: torch.float32 });
  // Compute mean and variance from `X` in the training mode
  p('layer norm:', ln(X), '\nbatch norm:', bn(X));
  p(bn);

  const add_norm = new AddNorm(4, 0.5);
  const shape = [2, 3, 4];
  let out = add_norm(torch.ones(shape), torch.ones(shape));
  n(out.shape.length === 3 && shape.every((s, i) => out.shape[i] === s), out.index(0));  // d2l.check_shape

  X = torch.ones([2, 100, 24]);
  const valid_lens = torch.tensor([3, 2]);
  const encoder_blk = new TransformerEncoderBlock(24, 48, 8, 0.5);
  encoder_blk.eval();
  out = encoder_blk(X, valid_lens);
  p(String(out.shape) === String(X.shape));  // d2l.check_shape: out.shape == X.shape
  n(out.index(0, [null, 2], [null, 6]));
  p(encoder_blk);

  const encoder = new TransformerEncoder(200, 24, 48, 8, 2, 0.5);
  out = encoder(torch.ones([2, 100], { dtype: torch.long }), valid_lens);
  p([2, 100, 24].every((s, i) => out.shape[i] === s) && out.shape.length === 3, out.shape);  // d2l.check_shape
  p(encoder.attention_weights.length, encoder.attention_weights[1]!.shape);
  p((encoder.blks[1] as TransformerEncoderBlock).addnorm2, names(encoder).slice(0, 8), Object.keys(encoder.state_dict()).length);
  // (a token past the vocabulary is left out: tocha's message adds the index and the Embedding's sizes to PyTorch's
  // "index out of range in self", deliberately)
  e(() => encoder(torch.ones([2, 100], { dtype: torch.long }), torch.tensor([3, 2, 1])));
});

export const programs: Record<string, () => Rec[]> = {
  linear_regression_scratch, linear_regression_concise, softmax_regression_scratch, softmax_regression_concise,
  mlp_scratch, mlp_concise, weight_decay, dropout, model_construction, parameters, custom_layers, file_io, conv_images,
  padding_stride, channels, pooling, lenet, batch_norm: batch_norm_, resnet, text_preprocessing, rnn_scratch, rnn_concise,
  gru_lstm_scratch, attention_scoring, seq2seq_multihead, transformer_encoder,
};
