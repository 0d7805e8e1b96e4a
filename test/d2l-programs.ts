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

export const programs: Record<string, () => Rec[]> = {
  linear_regression_scratch, linear_regression_concise, softmax_regression_scratch, softmax_regression_concise,
  mlp_scratch, mlp_concise, weight_decay, dropout, model_construction, parameters, custom_layers, file_io, conv_images,
  padding_stride, channels, pooling, lenet, batch_norm: batch_norm_, resnet,
};
