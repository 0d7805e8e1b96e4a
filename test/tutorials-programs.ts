// PyTorch's beginner tutorials written against tocha the way a user translating them would write them,
// with the same synthetic data and seeds as scripts/gen-tutorials.py (which records what PyTorch 1.13
// prints for each). test/tutorials.test.ts compares. Where the translation has to differ from the
// Python for a reason of language (no operator overloading, no `with`, Python's own printing of lists,
// floats and tuples), the line says so.
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { e, n, p, program, py, pyfloat, tuple, type Rec } from './tutorial-harness.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { nn, optim } = torch;
const F = nn.functional;
const { DataLoader, Dataset, TensorDataset } = torch.utils.data;

const f32 = torch.float32;
const item = (t: Tensor) => Number(t.item());

// -------------------------------------------------------------------------------------------------
// basics/tensorqs_tutorial.py (and blitz/tensor_tutorial.py)
const tensorqs = program(() => {
  const data = [[1, 2], [3, 4]];
  const x_data = torch.tensor(data);
  p(x_data);
  const x_ones = torch.ones_like(x_data);
  p(`Ones Tensor: \n ${x_ones} \n`);
  const x_rand = torch.rand_like(x_data, { dtype: torch.float });
  p(`Random Tensor: \n ${x_rand} \n`);
  const shape = [2, 3];
  const rand_tensor = torch.rand(shape);
  const ones_tensor = torch.ones(shape);
  const zeros_tensor = torch.zeros(shape);
  p(`Random Tensor: \n ${rand_tensor} \n`);
  p(`Ones Tensor: \n ${ones_tensor} \n`);
  p(`Zeros Tensor: \n ${zeros_tensor}`);
  let tensor = torch.rand(3, 4);
  p(`Shape of tensor: ${tensor.shape}`);
  p(`Datatype of tensor: ${tensor.dtype}`);
  p(`Device tensor is stored on: ${tensor.device}`);
  p(torch.cuda.is_available());
  tensor = torch.ones(4, 4);
  p('First row: ', tensor.index(0));
  p('First column: ', tensor.index(null, 0));
  p('Last column:', tensor.index('...', -1));
  tensor.set(null, 1, 0);                            // tensor[:, 1] = 0
  p(tensor);
  const t1 = torch.cat([tensor, tensor, tensor], { dim: 1 });
  p(t1);
  const y1 = tensor.matmul(tensor.T);                // tensor @ tensor.T
  const y2 = tensor.matmul(tensor.T);
  const y3 = torch.rand_like(tensor);
  torch.matmul(tensor, tensor.T, { out: y3 });
  p(y1);
  p(torch.equal(y1, y2), torch.equal(y1, y3));
  const z1 = tensor.mul(tensor);                     // tensor * tensor
  const z2 = tensor.mul(tensor);
  const z3 = torch.rand_like(tensor);
  torch.mul(tensor, tensor, { out: z3 });
  p(z1);
  p(torch.equal(z1, z2), torch.equal(z1, z3));
  const agg = tensor.sum();
  const agg_item = agg.item();
  p(pyfloat(agg_item), 'float');                     // print(agg_item, type(agg_item).__name__)
  p(tensor, '\n');
  tensor.add_(5);
  p(tensor);
  const t = torch.ones(5);
  p(`t: ${t}`);
  // blitz/tensor_tutorial.py
  let x = torch.empty(5, 3);
  p(x.shape, x.dtype);
  x = torch.rand(5, 3);
  p(x);
  x = torch.zeros(5, 3, { dtype: torch.long });
  p(x);
  x = torch.tensor([5.5, 3]);
  p(x);
  x = x.new_ones(5, 3, { dtype: torch.float });
  p(x);
  x = torch.randn_like(x, { dtype: torch.float });
  p(x);
  p(x.size());
  let y = torch.rand(5, 3);
  p(x.add(y));
  p(torch.add(x, y));
  const result = torch.empty(5, 3);
  torch.add(x, y, { out: result });
  p(result);
  y.add_(x);
  p(y);
  p(x.index(null, 1));
  x = torch.randn(4, 4);
  y = x.view(16);
  let z = x.view(-1, 8);
  p(x.size(), y.size(), z.size());
  x = torch.randn(1);
  p(x);
  p(x.item());
  p(torch.arange(10).reshape(2, 5).index(1, [2, 4]), torch.linspace(0, 1, 5));
  p(torch.linspace(-Math.PI, Math.PI, 2000).index([996, 1004]).tolist(), torch.linspace(-3, 7, 1001).index([500, 504]).tolist());
  p(torch.tensor([[1.5, -2.25e-3], [1e5, 7]]), torch.tensor([1e-8, 1.0]), torch.tensor([true, false]));
  p(torch.tensor(3.5), torch.tensor([]), torch.zeros(2, 0), torch.arange(2000, { dtype: f32 }));
  p(x.dtype, torch.tensor([1, 2]).dtype, torch.tensor([1, 2.5]).dtype, torch.tensor([1, 2]).float().dtype);
  p(torch.ones(2, 3).type(), torch.arange(3).type(), torch.tensor([true]).type());
  x = torch.arange(12).view(3, 4);
  p(x.index(1), x.index(-1, -1), x.index([null, 2], [1, null]), x.index(null, [null, null, 2]), x.index(x.gt(5)),
    x.index(torch.tensor([0, 2])), x.index(torch.tensor([0, 2])));
  p(x.T, x.t().is_contiguous(), x.t().contiguous().view(-1));
  p(torch.stack([x, x]).shape, x.unsqueeze(0).shape, x.unsqueeze(-1).squeeze().shape, x.flatten());
  p(x.float().mean(), x.sum({ dim: 0 }), x.max(), x.argmax(), x.float().std({ dim: 1, keepdim: true }));
  p(x.float().mean(1), torch.max(x, 1), x.float().softmax({ dim: 1 }));
  p(torch.ones(2, 3).add(torch.arange(3)), torch.ones(2, 1).mul(torch.arange(3)), torch.arange(3).div(2),
    torch.arange(3).floor_divide(2));
});

// -------------------------------------------------------------------------------------------------
// basics/data_tutorial.py and transforms_tutorial.py
const labels_map: Record<number, string> = {
  0: 'T-Shirt', 1: 'Trouser', 2: 'Pullover', 3: 'Dress', 4: 'Coat',
  5: 'Sandal', 6: 'Shirt', 7: 'Sneaker', 8: 'Bag', 9: 'Ankle Boot',
};

class CustomImageDataset extends Dataset<[Tensor, number | Tensor]> {
  constructor(readonly images: Tensor, readonly img_labels: Tensor,
    readonly transform: ((x: Tensor) => Tensor) | null = null,
    readonly target_transform: ((y: number) => Tensor) | null = null) {
    super();
  }
  len(): number {
    return this.img_labels.shape[0];               // len(self.img_labels)
  }
  getitem(idx: number): [Tensor, number | Tensor] {
    let image = this.images.index(idx);
    let label: number | Tensor = item(this.img_labels.index(idx));
    if (this.transform) image = this.transform(image);
    if (this.target_transform) label = this.target_transform(label);
    return [image, label];
  }
}

const data = program(() => {
  const images = torch.rand(100, 1, 28, 28);
  const labels = torch.randint(0, 10, [100]);
  const training_data = new CustomImageDataset(images, labels);
  p(training_data.length);
  for (let i = 1; i < 4; i++) {
    const sample_idx = item(torch.randint(training_data.length, [1]));
    const [img, label] = training_data.getitem(sample_idx);
    p(sample_idx, labels_map[label as number], img.squeeze().shape);
  }
  const train_dataloader = new DataLoader(training_data, { batch_size: 64, shuffle: true });
  const [train_features, train_labels] = train_dataloader[Symbol.iterator]().next().value as Tensor[];
  p(`Feature batch shape: ${train_features.size()}`);
  p(`Labels batch shape: ${train_labels.size()}`);
  const img = train_features.index(0).squeeze();
  void img;
  const label = train_labels.index(0);
  // f"{label}" formats a 0-dim tensor as its number (Tensor.__format__); a template literal calls toString
  p(`Label: ${label.item()}`);
  p(train_labels);
  p(train_dataloader.length, [...train_dataloader].map((b) => (b as Tensor[])[0].shape[0]));
  const one_hot = new CustomImageDataset(images, labels, (x) => x.flatten(),
    (y) => torch.zeros(10, { dtype: torch.float }).scatter_(0, torch.tensor(y), { value: 1 }));
  const [img1, target] = one_hot.getitem(0);
  p(img1.shape, target);
  const [xb, yb] = new DataLoader(one_hot, { batch_size: 4 })[Symbol.iterator]().next().value as Tensor[];
  p(xb.shape, yb);
  const g = new torch.Generator().manual_seed(42);
  const dl = new DataLoader(new TensorDataset(torch.arange(10), torch.arange(10).mul(10)),
    { batch_size: 4, shuffle: true, generator: g, drop_last: true });
  p(dl.length);
  for (const [a, b] of dl) p(a, b);
  const ds = new TensorDataset(torch.arange(6).view(3, 2), torch.tensor([1, 2, 3], { dtype: f32 }));
  p(tuple(...ds.getitem(1)), ds.length);
  p(new DataLoader([[torch.ones(2), 1], [torch.zeros(2), 2]], { batch_size: 2 })[Symbol.iterator]().next().value);
  p(new DataLoader([{ x: torch.ones(2), y: 3 }, { x: torch.zeros(2), y: 4 }], { batch_size: 2 })[Symbol.iterator]().next().value);
  e(() => new DataLoader([torch.ones(3), torch.ones(4)], { batch_size: 2 })[Symbol.iterator]().next());
});


// -------------------------------------------------------------------------------------------------
// basics/buildmodel_tutorial.py
class NeuralNetwork extends nn.Module {
  flatten = new nn.Flatten();
  linear_relu_stack = new nn.Sequential(
    new nn.Linear(28 * 28, 512),
    new nn.ReLU(),
    new nn.Linear(512, 512),
    new nn.ReLU(),
    new nn.Linear(512, 10),
  );
  override forward(x: Tensor): Tensor {
    x = this.flatten(x);
    const logits = this.linear_relu_stack(x);
    return logits;
  }
}

class WithParams extends nn.Module {
  scale = new nn.Parameter(torch.ones(3));
  blocks = new nn.ModuleList(Array.from({ length: 2 }, () => new nn.Linear(3, 3)));
  head = new nn.Sequential(new nn.Linear(3, 1), new nn.Sigmoid());
  running!: Tensor;
  constructor() {
    super();
    this.register_buffer('running', torch.zeros(3));
    // PyTorch registers in assignment order: scale, running, blocks, head (class fields run first here)
  }
  override forward(x: Tensor): Tensor {
    for (const b of this.blocks) x = torch.relu(b(x)).mul(this.scale);
    return this.head(x);
  }
}

const buildmodel = program(() => {
  const device = torch.cuda.is_available() ? 'cuda' : 'cpu';
  p(`Using ${device} device`);
  const model = new NeuralNetwork().to(device);
  p(model);
  const X = torch.rand(1, 28, 28, { device });
  let logits = model(X);
  let pred_probab = new nn.Softmax({ dim: 1 })(logits);
  const y_pred = pred_probab.argmax(1);
  p(`Predicted class: ${y_pred}`);
  p(logits);
  p(pred_probab);
  let input_image = torch.rand(3, 28, 28);
  p(input_image.size());
  const flatten = new nn.Flatten();
  const flat_image = flatten(input_image);
  p(flat_image.size());
  const layer1 = new nn.Linear({ in_features: 28 * 28, out_features: 20 });
  let hidden1 = layer1(flat_image);
  p(hidden1.size());
  p(`Before ReLU: ${hidden1}\n\n`);
  hidden1 = new nn.ReLU()(hidden1);
  p(`After ReLU: ${hidden1}`);
  const seq_modules = new nn.Sequential(flatten, layer1, new nn.ReLU(), new nn.Linear(20, 10));
  input_image = torch.rand(3, 28, 28);
  logits = seq_modules(input_image);
  const softmax = new nn.Softmax({ dim: 1 });
  pred_probab = softmax(logits);
  p(seq_modules);
  p(pred_probab);
  p(pred_probab.sum(1));
  p('Model structure: ', model, '\n\n');
  for (const [name, param] of model.named_parameters()) {
    p(`Layer: ${name} | Size: ${param.size()} | Values : ${param.index([null, 2])} \n`);
  }
  p([...model.parameters()].length, [...model.parameters()].reduce((s, q) => s + q.numel(), 0));
  p(Object.keys(model.state_dict()));
  const stack = model.linear_relu_stack;
  p(stack.get(0), stack.get(1), stack.length);
  p([...model.named_modules()].map(([name]) => name));
  p([...model.children()].map((m) => m.constructor.name));
  p(new nn.Linear(3, 2, { bias: false }), new nn.Dropout(0.2), new nn.Softmax({ dim: -1 }), new nn.Flatten(0, 1));
  p(new nn.Conv2d(1, 6, 5), new nn.MaxPool2d(2, 2), new nn.BatchNorm2d(6), new nn.LogSoftmax({ dim: 1 }), new nn.ReLU({ inplace: true }));
  const wp = new WithParams();
  p(wp);
  p([...wp.named_parameters()].map(([name]) => name));
  p(Object.keys(wp.state_dict()));
  p(wp(torch.ones(2, 3)));
  p(new nn.Parameter(torch.tensor([1, 2], { dtype: f32 })));
  const lin = new nn.Linear(4, 3);
  e(() => lin(torch.randn(2, 5)));
  e(() => lin(torch.arange(8).view(2, 4)));
  e(() => new nn.Conv2d(1, 6, 5)(torch.randn(1, 3, 32, 32)));
  e(() => new nn.Conv2d(1, 6, 5)(torch.randn(1, 1, 3, 3)));
  e(() => model(torch.rand(1, 27, 28)));
  e(() => new nn.MaxPool2d(2)(torch.ones(1, 1, 1, 1)));
  e(() => new nn.Linear({ in_features: 3 } as never));
  e(() => new (nn.Conv2d as unknown as new (...a: number[]) => unknown)(1, 2));
});

// -------------------------------------------------------------------------------------------------
// basics/autogradqs_tutorial.py, blitz/autograd_tutorial.py
const autogradqs = program(() => {
  let x = torch.ones(5);
  let y = torch.zeros(3);
  let w = torch.randn(5, 3, { requires_grad: true });
  let b = torch.randn(3, { requires_grad: true });
  let z = torch.matmul(x, w).add(b);
  let loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y);
  p(z);
  p(loss);
  p(z.grad_fn!.name(), loss.grad_fn!.name());
  loss.backward();
  p(w.grad);
  p(b.grad);
  z = torch.matmul(x, w).add(b);
  p(z.requires_grad);
  z = torch.no_grad(() => torch.matmul(x, w).add(b));
  p(z.requires_grad);
  z = torch.matmul(x, w).add(b);
  const z_det = z.detach();
  p(z_det.requires_grad);
  const inp = torch.eye(4, 5, { requires_grad: true });
  let out_ = inp.add(1).pow(2).t();
  out_.backward(torch.ones_like(out_), { retain_graph: true });
  p(`First call\n${inp.grad}`);
  out_.backward(torch.ones_like(out_), { retain_graph: true });
  p(`\nSecond call\n${inp.grad}`);
  inp.grad!.zero_();
  out_.backward(torch.ones_like(out_), { retain_graph: true });
  p(`\nCall after zeroing gradients\n${inp.grad}`);
  p(w.is_leaf, z.is_leaf, loss.is_leaf, w.requires_grad, z_det.is_leaf);
  // blitz/autograd_tutorial.py
  x = torch.ones(2, 2, { requires_grad: true });
  p(x);
  y = x.add(2);
  p(y);
  p(y.grad_fn!.name());
  z = y.mul(y).mul(3);
  out_ = z.mean();
  p(z, out_);
  let a = torch.randn(2, 2);
  a = a.mul(3).div(a.sub(1));
  p(a.requires_grad);
  a.requires_grad_(true);
  p(a.requires_grad);
  b = a.mul(a).sum();
  p(b.grad_fn!.name());
  out_.backward();
  p(x.grad);
  x = torch.randn(3, { requires_grad: true });
  y = x.mul(2);
  while (item(y.data.norm()) < 1000) y = y.mul(2);
  p(y);
  const gradients = torch.tensor([0.1, 1.0, 0.0001], { dtype: torch.float });
  y.backward(gradients);
  p(x.grad);
  p(x.requires_grad);
  p(x.pow(2).requires_grad);
  torch.no_grad(() => p(x.pow(2).requires_grad));
  a = torch.tensor([2, 3], { dtype: f32, requires_grad: true });
  b = torch.tensor([6, 4], { dtype: f32, requires_grad: true });
  const Q = a.pow(3).mul(3).sub(b.pow(2));
  const external_grad = torch.tensor([1, 1], { dtype: f32 });
  Q.backward({ gradient: external_grad });
  p(a.pow(2).mul(9).eq(a.grad!));
  p(b.mul(-2).eq(b.grad!));
  p(Q, a.grad, b.grad);
  const model = new nn.Sequential(new nn.Linear(8, 4), new nn.ReLU(), new nn.Linear(4, 2));
  for (const param of model.parameters()) param.requires_grad = false;
  model[2] = new nn.Linear(4, 10);
  p(model);
  p([...model.named_parameters()].filter(([, q]) => q.requires_grad).map(([name]) => name));
  const optimizer = new optim.SGD(model.parameters(), { lr: 1e-2, momentum: 0.9 });
  void optimizer;
  model(torch.randn(3, 8)).sum().backward();
  p((model.get(0) as torch.nn.Linear).weight.grad, (model.get(2) as torch.nn.Linear).bias!.grad);
  w = torch.randn(3, { requires_grad: true });
  loss = w.mul(2).sum();
  loss.backward();
  e(() => loss.backward());
  e(() => w.mul(2).backward());
  e(() => w.add_(1));
  e(() => torch.ones(3).sum().backward());
  const frozen = torch.no_grad(() => w.mul(2).sum());
  e(() => frozen.backward());
  e(() => torch.tensor([1, 2], { requires_grad: true }));
  const h = torch.sigmoid(w);
  h.mul_(2);
  e(() => h.sum().backward());
  p(w.grad);
  torch.no_grad(() => w.add_(1));
  p(w.requires_grad, w.grad_fn);
  p(w.detach().requires_grad, w.data.requires_grad);
});


// -------------------------------------------------------------------------------------------------
// basics/optimization_tutorial.py (and quickstart_tutorial.py)
class NeuralNetwork2 extends nn.Module {
  flatten = new nn.Flatten();
  linear_relu_stack = new nn.Sequential(
    new nn.Linear(28 * 28, 512),
    new nn.ReLU(),
    new nn.Linear(512, 512),
    new nn.ReLU(),
    new nn.Linear(512, 10),
  );
  override forward(x: Tensor): Tensor {
    x = this.flatten(x);
    return this.linear_relu_stack(x);
  }
}

const optimization = program(() => {
  torch.manual_seed(0);
  const x_all = torch.rand(320, 1, 28, 28);
  const y_all = x_all.view(320, -1).index(null, [null, 10]).argmax(1);
  const training_data = new TensorDataset(x_all.index([null, 256]), y_all.index([null, 256]));
  const test_data = new TensorDataset(x_all.index([256, null]), y_all.index([256, null]));
  const train_dataloader = new DataLoader(training_data, { batch_size: 64 });
  const test_dataloader = new DataLoader(test_data, { batch_size: 64 });
  const model = new NeuralNetwork2();
  const learning_rate = 1e-1;
  const batch_size = 64;
  const epochs = 3;
  const loss_fn = new nn.CrossEntropyLoss();
  const optimizer = new torch.optim.SGD(model.parameters(), { lr: learning_rate });

  function train_loop(dataloader: typeof train_dataloader, model: torch.nn.Module, loss_fn: torch.nn.CrossEntropyLoss, optimizer: torch.optim.Optimizer) {
    const size = (dataloader.dataset as { length: number }).length;   // len(dataloader.dataset)
    model.train();
    let batch = 0;
    for (const [X, y] of dataloader) {
      const pred = model(X);
      const loss = loss_fn(pred, y);
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
      if (batch % 2 === 0) {
        const [lossv, current] = [item(loss), batch * batch_size + X.shape[0]];
        n(`loss: ${lossv.toFixed(6).padStart(7)}  [${String(current).padStart(5)}/${String(size).padStart(5)}]`);
      }
      batch++;
    }
  }

  function test_loop(dataloader: typeof test_dataloader, model: torch.nn.Module, loss_fn: torch.nn.CrossEntropyLoss) {
    model.eval();
    const size = (dataloader.dataset as { length: number }).length;   // len(dataloader.dataset)
    const num_batches = dataloader.length;
    let test_loss = 0;
    let correct = 0;
    torch.no_grad(() => {
      for (const [X, y] of dataloader) {
        const pred = model(X);
        test_loss += item(loss_fn(pred, y));
        correct += item(pred.argmax(1).eq(y).type(torch.float).sum());
      }
    });
    test_loss /= num_batches;
    correct /= size;
    n(`Test Error: \n Accuracy: ${(100 * correct).toFixed(1)}%, Avg loss: ${test_loss.toFixed(6).padStart(8)} \n`);
  }

  for (let t = 0; t < epochs; t++) {
    p(`Epoch ${t + 1}\n-------------------------------`);
    train_loop(train_dataloader, model, loss_fn, optimizer);
    test_loop(test_dataloader, model, loss_fn);
  }
  p('Done!');
  p(optimizer);
  p(loss_fn, new nn.MSELoss(), new nn.NLLLoss(), new nn.CrossEntropyLoss({ label_smoothing: 0.1 }));
  const opt2 = new torch.optim.Adam(model.parameters(), { lr: 1e-3 });
  p(opt2);
  p(optimizer.state_dict().param_groups);
  const logits = torch.randn(4, 10);
  const target = torch.tensor([1, 0, 9, 3]);
  p(loss_fn(logits, target), F.nll_loss(F.log_softmax(logits, { dim: 1 }), target));
  p(loss_fn(logits, F.one_hot(target, 10).float()));
  p(new nn.MSELoss()(logits.softmax(1), F.one_hot(target, 10).float()));
  p(new nn.BCEWithLogitsLoss()(logits.index(null, 0), target.float().clamp(0, 1)), new nn.BCELoss()(torch.sigmoid(logits.index(null, 0)), torch.ones(4)));
  e(() => loss_fn(logits, target.float()));
  e(() => loss_fn(logits, torch.tensor([1, 0, 10, 3])));
  e(() => loss_fn(logits, torch.tensor([1, 0, 9])));
  e(() => loss_fn(logits, target.view(4, 1)));
  e(() => new nn.BCELoss()(logits.index(null, 0), torch.ones(4)));
  e(() => new nn.BCEWithLogitsLoss()(logits, torch.ones(4)));
  e(() => new nn.NLLLoss()(logits, target.float()));
  e(() => new nn.MSELoss()(logits, torch.ones(4, 3)));
  e(() => new torch.optim.SGD(model.parameters()));
  e(() => new torch.optim.SGD([], { lr: 0.1 }));
  e(() => new torch.optim.Adam(model.parameters(), { lr: -1 }));
});

// -------------------------------------------------------------------------------------------------
// basics/saveloadrun_tutorial.py (vgg16 replaced by a small network)
class Small extends nn.Module {
  features = new nn.Sequential(new nn.Conv2d(3, 4, 3, { padding: 1 }), new nn.ReLU(), new nn.MaxPool2d(2));
  classifier = new nn.Sequential(new nn.Dropout(), new nn.Linear(4 * 4 * 4, 10));
  override forward(x: Tensor): Tensor {
    return this.classifier(torch.flatten(this.features(x), 1));
  }
}

const saveloadrun = program(() => {
  const tmp = mkdtempSync(join(tmpdir(), 'tocha-tutorials-'));
  const path = join(tmp, 'model_weights.pth');
  const model = new Small();
  torch.save(model.state_dict(), path);
  const model2 = new Small();
  p(model2.load_state_dict(torch.load(path)));
  p(model2.eval());
  p(model2.training, model2.classifier.get(0).training, model.training);
  const x = torch.randn(2, 3, 8, 8);
  torch.no_grad(() => p(torch.equal(model.eval()(x), model2(x)), model2(x)));
  model.train();
  torch.no_grad(() => p(model(x)));
  const sd = model.state_dict();
  p(Object.keys(sd));
  p(sd['classifier.1.bias']);
  const without = Object.fromEntries(Object.entries(sd).filter(([k]) => k !== 'classifier.1.bias'));
  p(model2.load_state_dict(without, { strict: false }));
  p(model2.load_state_dict({ ...sd, extra: torch.ones(1) }, { strict: false }));   // repr(...)
  e(() => model2.load_state_dict(without));
  e(() => model2.load_state_dict({ ...sd, extra: torch.ones(1) }));
  e(() => model2.load_state_dict({ ...sd, 'classifier.1.weight': torch.ones(10, 3) }));
  const checkpoint = { epoch: 3, model_state_dict: model.state_dict(), loss: 0.25 };
  torch.save(checkpoint, path);
  const ck = torch.load(path);
  p(ck.epoch, ck.loss, Object.keys(ck));
  p(new Small().load_state_dict(ck.model_state_dict));
});


// -------------------------------------------------------------------------------------------------
// nn_tutorial.py ("What is torch.nn really?"), synthetic MNIST
class Lambda extends nn.Module {
  constructor(readonly func: (x: Tensor) => Tensor) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return this.func(x);
  }
}

const nn_tutorial = program(() => {
  const x_all = torch.rand(700, 784);
  const y_all = x_all.index(null, [null, 10]).mul(torch.arange(1, 11, { dtype: f32 })).argmax(1);
  const [x_train, y_train, x_valid, y_valid] = [x_all.index([null, 500]), y_all.index([null, 500]), x_all.index([500, null]), y_all.index([500, null])];
  const [n_] = x_train.shape;
  p(x_train, y_train);
  p(x_train.shape);
  p(y_train.min(), y_train.max());
  const weights = torch.randn(784, 10).div(Math.sqrt(784));
  weights.requires_grad_();
  const bias = torch.zeros(10, { requires_grad: true });
  const log_softmax = (x: Tensor) => x.sub(x.exp().sum(-1).log().unsqueeze(-1));
  let model: (xb: Tensor) => Tensor = (xb) => log_softmax(xb.matmul(weights).add(bias));
  const bs = 64;
  let xb = x_train.index([0, bs]);
  const preds = model(xb);
  p(preds.index(0), preds.shape);
  const nll = (input: Tensor, target: Tensor) => input.index(torch.arange(target.shape[0]), target).mean().neg();
  let loss_func = nll;
  let yb = y_train.index([0, bs]);
  p(loss_func(preds, yb));
  const accuracy = (out: Tensor, yb: Tensor) => torch.argmax(out, { dim: 1 }).eq(yb).float().mean();
  p(accuracy(preds, yb));
  let lr = 0.5;
  const epochs = 2;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < Math.floor((n_ - 1) / bs) + 1; i++) {
      const start_i = i * bs;
      const end_i = start_i + bs;
      xb = x_train.index([start_i, end_i]);
      yb = y_train.index([start_i, end_i]);
      const pred = model(xb);
      const loss = loss_func(pred, yb);
      loss.backward();
      torch.no_grad(() => {
        weights.sub_(weights.grad!.mul(lr));         // weights -= weights.grad * lr
        bias.sub_(bias.grad!.mul(lr));
        weights.grad!.zero_();
        bias.grad!.zero_();
      });
    }
  }
  n(loss_func(model(xb), yb), accuracy(model(xb), yb));
  loss_func = F.cross_entropy;
  model = (xb) => xb.matmul(weights).add(bias);
  n(loss_func(model(xb), yb), accuracy(model(xb), yb));

  class Mnist_Logistic extends nn.Module {
    weights = new nn.Parameter(torch.randn(784, 10).div(Math.sqrt(784)));
    bias = new nn.Parameter(torch.zeros(10));
    override forward(xb: Tensor): Tensor {
      return xb.matmul(this.weights).add(this.bias);
    }
  }
  let net: torch.nn.Module = new Mnist_Logistic();
  p(net);
  p(loss_func(net(xb), yb));
  const fit0 = () => {
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = 0; i < Math.floor((n_ - 1) / bs) + 1; i++) {
        const start_i = i * bs;
        const end_i = start_i + bs;
        xb = x_train.index([start_i, end_i]);
        yb = y_train.index([start_i, end_i]);
        const pred = net(xb);
        const loss = loss_func(pred, yb);
        loss.backward();
        torch.no_grad(() => {
          for (const q of net.parameters()) q.sub_(q.grad!.mul(lr));
          net.zero_grad();
        });
      }
    }
  };
  fit0();
  n(loss_func(net(xb), yb));

  class Mnist_Logistic2 extends nn.Module {
    lin = new nn.Linear(784, 10);
    override forward(xb: Tensor): Tensor {
      return this.lin(xb);
    }
  }
  net = new Mnist_Logistic2();
  p(loss_func(net(xb), yb));
  fit0();
  n(loss_func(net(xb), yb));
  const get_model = (): [torch.nn.Module, torch.optim.SGD] => {
    const model = new Mnist_Logistic2();
    return [model, new optim.SGD(model.parameters(), { lr })];
  };
  let opt: torch.optim.Optimizer;
  [net, opt] = get_model();
  p(loss_func(net(xb), yb));
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < Math.floor((n_ - 1) / bs) + 1; i++) {
      const start_i = i * bs;
      const end_i = start_i + bs;
      xb = x_train.index([start_i, end_i]);
      yb = y_train.index([start_i, end_i]);
      const loss = loss_func(net(xb), yb);
      loss.backward();
      opt.step();
      opt.zero_grad();
    }
  }
  n(loss_func(net(xb), yb));
  const train_ds = new TensorDataset(x_train, y_train);
  [net, opt] = get_model();
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < Math.floor((n_ - 1) / bs) + 1; i++) {
      [xb, yb] = train_ds.getitem([i * bs, i * bs + bs]);   // train_ds[i * bs: i * bs + bs]
      const loss = loss_func(net(xb), yb);
      loss.backward();
      opt.step();
      opt.zero_grad();
    }
  }
  n(loss_func(net(xb), yb));
  let train_dl = new DataLoader(train_ds, { batch_size: bs });
  [net, opt] = get_model();
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const batch of train_dl) {
      // the last batch is used after the loop: a DataLoader step's tensors are released when the loop
      // moves on or ends unless kept (README, Memory, rule 2)
      [xb, yb] = batch.map((t) => t.keep());
      const loss = loss_func(net(xb), yb);
      loss.backward();
      opt.step();
      opt.zero_grad();
    }
  }
  n(loss_func(net(xb), yb));
  train_dl = new DataLoader(train_ds, { batch_size: bs, shuffle: true });
  const valid_ds = new TensorDataset(x_valid, y_valid);
  let valid_dl = new DataLoader(valid_ds, { batch_size: bs * 2 });
  [net, opt] = get_model();
  for (let epoch = 0; epoch < epochs; epoch++) {
    net.train();
    for (const [xb, yb] of train_dl) {
      const loss = loss_func(net(xb), yb);
      loss.backward();
      opt.step();
      opt.zero_grad();
    }
    net.eval();
    // sum(loss_func(model(xb), yb) for xb, yb in valid_dl): a loop, not [...valid_dl].map(...), which
    // would collect every batch first (each released as the next one comes: README, Memory, rule 2)
    const valid_loss = torch.no_grad(() => {
      let sum: Tensor | number = 0;
      // the running sum outlives each step: keep() it (README, Memory, rule 2)
      for (const [xb, yb] of valid_dl) sum = loss_func(net(xb), yb).add(sum).keep();
      return sum as Tensor;
    });
    n(epoch, valid_loss.div(valid_dl.length));
  }

  const loss_batch = (model: torch.nn.Module, loss_func: (a: Tensor, b: Tensor) => Tensor, xb: Tensor, yb: Tensor, opt: torch.optim.Optimizer | null = null): [number, number] => {
    const loss = loss_func(model(xb), yb);
    if (opt !== null) {
      loss.backward();
      opt.step();
      opt.zero_grad();
    }
    return [item(loss), xb.shape[0]];
  };
  type Loader = Iterable<Tensor[]> & { length: number };
  const fit = (epochs: number, model: torch.nn.Module, loss_func: (a: Tensor, b: Tensor) => Tensor, opt: torch.optim.Optimizer, train_dl: Loader, valid_dl: Loader) => {
    for (let epoch = 0; epoch < epochs; epoch++) {
      model.train();
      for (const [xb, yb] of train_dl) loss_batch(model, loss_func, xb, yb, opt);
      model.eval();
      const results: [number, number][] = [];
      torch.no_grad(() => { for (const [xb, yb] of valid_dl) results.push(loss_batch(model, loss_func, xb, yb)); });
      const val_loss = results.reduce((s, [l, k]) => s + l * k, 0) / results.reduce((s, [, k]) => s + k, 0);
      n(epoch, val_loss);
    }
  };
  type TDS = InstanceType<typeof TensorDataset>;
  const get_data = (train_ds: TDS, valid_ds: TDS, bs: number) =>
    [new DataLoader(train_ds, { batch_size: bs, shuffle: true }), new DataLoader(valid_ds, { batch_size: bs * 2 })] as const;
  [train_dl, valid_dl] = get_data(train_ds, valid_ds, bs);
  [net, opt] = get_model();
  fit(epochs, net, loss_func, opt, train_dl, valid_dl);

  class Mnist_CNN extends nn.Module {
    conv1 = new nn.Conv2d(1, 16, { kernel_size: 3, stride: 2, padding: 1 });
    conv2 = new nn.Conv2d(16, 16, { kernel_size: 3, stride: 2, padding: 1 });
    conv3 = new nn.Conv2d(16, 10, { kernel_size: 3, stride: 2, padding: 1 });
    override forward(xb: Tensor): Tensor {
      xb = xb.view(-1, 1, 28, 28);
      xb = F.relu(this.conv1(xb));
      xb = F.relu(this.conv2(xb));
      xb = F.relu(this.conv3(xb));
      xb = F.avg_pool2d(xb, 4);
      return xb.view(-1, xb.size(1));
    }
  }
  lr = 0.1;
  net = new Mnist_CNN();
  p(net);
  opt = new optim.SGD(net.parameters(), { lr, momentum: 0.9 });
  fit(epochs, net, loss_func, opt, train_dl, valid_dl);
  const preprocess = (x: Tensor) => x.view(-1, 1, 28, 28);
  net = new nn.Sequential(
    new Lambda(preprocess),
    new nn.Conv2d(1, 16, { kernel_size: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.Conv2d(16, 16, { kernel_size: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.Conv2d(16, 10, { kernel_size: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.AvgPool2d(4),
    new Lambda((x) => x.view(x.size(0), -1)),
  );
  p(net);
  opt = new optim.SGD(net.parameters(), { lr, momentum: 0.9 });
  fit(epochs, net, loss_func, opt, train_dl, valid_dl);

  const preprocess2 = (x: Tensor, y: Tensor) => [x.view(-1, 1, 28, 28), y];
  class WrappedDataLoader {
    constructor(readonly dl: Loader, readonly func: (...b: Tensor[]) => Tensor[]) {}
    get length() { return this.dl.length; }
    *[Symbol.iterator]() {
      for (const b of this.dl) yield this.func(...b);
    }
  }
  [train_dl, valid_dl] = get_data(train_ds, valid_ds, bs);
  const wtrain = new WrappedDataLoader(train_dl, preprocess2 as (...b: Tensor[]) => Tensor[]);
  const wvalid = new WrappedDataLoader(valid_dl, preprocess2 as (...b: Tensor[]) => Tensor[]);
  net = new nn.Sequential(
    new nn.Conv2d(1, 16, { kernel_size: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.Conv2d(16, 16, { kernel_size: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.Conv2d(16, 10, { kernel_size: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.AdaptiveAvgPool2d(1),
    new Lambda((x) => x.view(x.size(0), -1)),
  );
  opt = new optim.SGD(net.parameters(), { lr, momentum: 0.9 });
  fit(epochs, net, loss_func, opt, wtrain, wvalid);
  p(torch.cuda.is_available());
  const dev = torch.cuda.is_available() ? new torch.device('cuda') : new torch.device('cpu');
  p(dev);
  net.to(dev);
  p(wtrain.length, wvalid[Symbol.iterator]().next().value![0].shape);
});


// -------------------------------------------------------------------------------------------------
// examples_autograd/polynomial_autograd.py, examples_nn/polynomial_nn.py and polynomial_optim.py,
// examples_nn/polynomial_module.py, examples_autograd/polynomial_custom_function.py
class Polynomial3 extends torch.nn.Module {
  a = new torch.nn.Parameter(torch.randn([]));
  b = new torch.nn.Parameter(torch.randn([]));
  c = new torch.nn.Parameter(torch.randn([]));
  d = new torch.nn.Parameter(torch.randn([]));
  override forward(x: Tensor): Tensor {
    return this.a.add(this.b.mul(x)).add(this.c.mul(x.pow(2))).add(this.d.mul(x.pow(3)));
  }
  string(): string {
    return `y = ${this.a.item()} + ${this.b.item()} x + ${this.c.item()} x^2 + ${this.d.item()} x^3`;
  }
}

class LegendrePolynomial3 extends torch.autograd.Function {
  static override forward(ctx: torch.FunctionCtx, input: Tensor): Tensor {
    ctx.save_for_backward(input);
    return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
  }
  static override backward(ctx: torch.FunctionCtx, grad_output: Tensor): Tensor {
    const [input] = ctx.saved_tensors;
    return grad_output.mul(1.5).mul(input.pow(2).mul(5).sub(1));
  }
}

const polynomial = program(() => {
  const dtype = torch.float;
  const x = torch.linspace(-Math.PI, Math.PI, 2000, { dtype });
  const y = torch.sin(x);
  let a = torch.randn([], { dtype, requires_grad: true });
  let b = torch.randn([], { dtype, requires_grad: true });
  let c = torch.randn([], { dtype, requires_grad: true });
  let d = torch.randn([], { dtype, requires_grad: true });
  p(a, b, c, d);
  let learning_rate = 1e-6;
  for (let t = 0; t < 500; t++) {
    const y_pred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
    const loss = y_pred.sub(y).pow(2).sum();
    if (t % 100 === 99) n(t, pyfloat(loss.item()));
    loss.backward();
    torch.no_grad(() => {
      a.sub_(a.grad!.mul(learning_rate));          // a -= learning_rate * a.grad
      b.sub_(b.grad!.mul(learning_rate));
      c.sub_(c.grad!.mul(learning_rate));
      d.sub_(d.grad!.mul(learning_rate));
      a.grad = null;
      b.grad = null;
      c.grad = null;
      d.grad = null;
    });
  }
  n(`Result: y = ${a.item()} + ${b.item()} x + ${c.item()} x^2 + ${d.item()} x^3`);
  const xx_p = torch.tensor([1, 2, 3]);
  const xx = x.unsqueeze(-1).pow(xx_p);
  p(xx.shape, xx.dtype, xx.index(1000));
  let model = new torch.nn.Sequential(new torch.nn.Linear(3, 1), new torch.nn.Flatten(0, 1));
  p(model);
  let loss_fn = new torch.nn.MSELoss({ reduction: 'sum' });
  learning_rate = 1e-6;
  for (let t = 0; t < 300; t++) {
    const y_pred = model(xx);
    const loss = loss_fn(y_pred, y);
    if (t % 100 === 99) n(t, pyfloat(loss.item()));
    model.zero_grad();
    loss.backward();
    torch.no_grad(() => {
      for (const param of model.parameters()) param.sub_(param.grad!.mul(learning_rate));
    });
  }
  let linear_layer = model[0] as torch.nn.Linear;
  const w = (i: number) => linear_layer.weight.index(null, i).item();
  n(`Result: y = ${linear_layer.bias!.item()} + ${w(0)} x + ${w(1)} x^2 + ${w(2)} x^3`);
  model = new torch.nn.Sequential(new torch.nn.Linear(3, 1), new torch.nn.Flatten(0, 1));
  loss_fn = new torch.nn.MSELoss({ reduction: 'sum' });
  let optimizer: torch.optim.Optimizer = new torch.optim.RMSprop(model.parameters(), { lr: 1e-3 });
  for (let t = 0; t < 300; t++) {
    const y_pred = model(xx);
    const loss = loss_fn(y_pred, y);
    if (t % 100 === 99) n(t, pyfloat(loss.item()));
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
  }
  linear_layer = model[0] as torch.nn.Linear;
  n(`Result: y = ${linear_layer.bias!.item()} + ${w(0)} x + ${w(1)} x^2 + ${w(2)} x^3`);
  const poly = new Polynomial3();
  p(poly);
  p(poly.string());
  const criterion = new torch.nn.MSELoss({ reduction: 'sum' });
  optimizer = new torch.optim.SGD(poly.parameters(), { lr: 1e-6 });
  for (let t = 0; t < 300; t++) {
    const y_pred = poly(x);
    const loss = criterion(y_pred, y);
    if (t % 100 === 99) n(t, pyfloat(loss.item()));
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
  }
  n(`Result: ${poly.string()}`);
  a = torch.full([], 0.0, { dtype, requires_grad: true });
  b = torch.full([], -1.0, { dtype, requires_grad: true });
  c = torch.full([], 0.0, { dtype, requires_grad: true });
  d = torch.full([], 0.3, { dtype, requires_grad: true });
  p(a, b, c, d);
  learning_rate = 5e-6;
  for (let t = 0; t < 300; t++) {
    const P3 = (t: Tensor) => LegendrePolynomial3.apply(t);
    const y_pred = a.add(b.mul(P3(c.add(d.mul(x)))));
    const loss = y_pred.sub(y).pow(2).sum();
    if (t % 100 === 99) n(t, pyfloat(loss.item()));
    loss.backward();
    torch.no_grad(() => {
      a.sub_(a.grad!.mul(learning_rate));
      b.sub_(b.grad!.mul(learning_rate));
      c.sub_(c.grad!.mul(learning_rate));
      d.sub_(d.grad!.mul(learning_rate));
      a.grad = null;
      b.grad = null;
      c.grad = null;
      d.grad = null;
    });
  }
  n(`Result: y = ${a.item()} + ${b.item()} * P3(${c.item()} + ${d.item()} x)`);
  p(LegendrePolynomial3.apply(torch.tensor([0.5], { requires_grad: true })));
});

// -------------------------------------------------------------------------------------------------
// blitz/neural_networks_tutorial.py (LeNet)
class Net extends nn.Module {
  conv1 = new nn.Conv2d(1, 6, 5);
  conv2 = new nn.Conv2d(6, 16, 5);
  fc1 = new nn.Linear(16 * 5 * 5, 120);
  fc2 = new nn.Linear(120, 84);
  fc3 = new nn.Linear(84, 10);
  override forward(x: Tensor): Tensor {
    x = F.max_pool2d(F.relu(this.conv1(x)), [2, 2]);
    x = F.max_pool2d(F.relu(this.conv2(x)), 2);
    x = x.view(-1, this.num_flat_features(x));
    x = F.relu(this.fc1(x));
    x = F.relu(this.fc2(x));
    return this.fc3(x);
  }
  num_flat_features(x: Tensor): number {
    const size = x.size().slice(1);
    let num_features = 1;
    for (const s of size) num_features *= s;
    return num_features;
  }
}

const neural_networks = program(() => {
  const net = new Net();
  p(net);
  const params = [...net.parameters()];
  p(params.length);
  p(params[0].size());
  const input = torch.randn(1, 1, 32, 32);
  const out_ = net(input);
  p(out_);
  // PyTorch 1.13's zero_grad() fills the gradients with zeros; tocha's default is PyTorch 2's
  // set_to_none (README), so the 1.13 behaviour this tutorial prints is asked for by name
  net.zero_grad({ set_to_none: false });
  out_.backward(torch.randn(1, 10));
  p(net.conv1.bias!.grad);
  let output = net(input);
  let target = torch.randn(10);
  target = target.view(1, -1);
  const criterion = new nn.MSELoss();
  let loss = criterion(output, target);
  p(loss);
  p(loss.grad_fn!.name());
  p(loss.grad_fn!.next_functions[0][0]!.name());
  p(loss.grad_fn!.next_functions[0][0]!.next_functions[0][0]!.name());
  net.zero_grad({ set_to_none: false });           // net.zero_grad() in PyTorch 1.13 (see above)
  p('conv1.bias.grad before backward');
  p(net.conv1.bias!.grad);
  loss.backward();
  p('conv1.bias.grad after backward');
  p(net.conv1.bias!.grad);
  const learning_rate = 0.01;
  for (const f of net.parameters()) f.data.sub_(f.grad!.data.mul(learning_rate));
  p(criterion(net(input), target));
  const optimizer = new optim.SGD(net.parameters(), { lr: 0.01 });
  optimizer.zero_grad();
  output = net(input);
  loss = criterion(output, target);
  loss.backward();
  optimizer.step();
  p(loss);
  p(criterion(net(input), target));
  e(() => net(input.squeeze(0)));
  net.zero_grad({ set_to_none: true });
  p(net.conv1.bias!.grad);
  e(() => net(torch.randn(1, 1, 28, 28)));
});

// -------------------------------------------------------------------------------------------------
// blitz/cifar10_tutorial.py, synthetic CIFAR-10
class CifarNet extends nn.Module {
  conv1 = new nn.Conv2d(3, 6, 5);
  pool = new nn.MaxPool2d(2, 2);
  conv2 = new nn.Conv2d(6, 16, 5);
  fc1 = new nn.Linear(16 * 5 * 5, 120);
  fc2 = new nn.Linear(120, 84);
  fc3 = new nn.Linear(84, 10);
  override forward(x: Tensor): Tensor {
    x = this.pool(F.relu(this.conv1(x)));
    x = this.pool(F.relu(this.conv2(x)));
    x = torch.flatten(x, 1);
    x = F.relu(this.fc1(x));
    x = F.relu(this.fc2(x));
    return this.fc3(x);
  }
}

const cifar10 = program(() => {
  const classes = ['plane', 'car', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
  const labels = torch.randint(0, 10, [200]);
  const images = torch.randn(200, 3, 32, 32).mul(0.5).add(labels.view(-1, 1, 1, 1).float().div(10)).sub(0.5);
  const trainset = new TensorDataset(images.index([null, 160]), labels.index([null, 160]));
  const testset = new TensorDataset(images.index([160, null]), labels.index([160, null]));
  const batch_size = 4;
  const trainloader = new DataLoader(trainset, { batch_size, shuffle: true, generator: new torch.Generator().manual_seed(1) });
  const testloader = new DataLoader(testset, { batch_size, shuffle: false });
  // classes[labels[j]]: a JS array is indexed by a number, so the 0-dim tensor becomes one with .item()
  const names = (t: Tensor, k: number) => Array.from({ length: k }, (_, j) => classes[item(t.index(j))].padEnd(5)).join(' ');
  let dataiter = trainloader[Symbol.iterator]();
  let [images_, labels_] = dataiter.next().value as Tensor[];
  p(images_.shape, labels_);
  p(names(labels_, batch_size));
  dataiter.return!();
  let net = new CifarNet();
  p(net);
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(net.parameters(), { lr: 0.001, momentum: 0.9 });
  for (let epoch = 0; epoch < 2; epoch++) {
    let running_loss = 0.0;
    let i = 0;
    for (const data of trainloader) {
      const [inputs, labels_] = data;
      optimizer.zero_grad();
      const outputs = net(inputs);
      const loss = criterion(outputs, labels_);
      loss.backward();
      optimizer.step();
      running_loss += item(loss);
      if (i % 20 === 19) {
        n(`[${epoch + 1}, ${String(i + 1).padStart(5)}] loss: ${(running_loss / 20).toFixed(3)}`);
        running_loss = 0.0;
      }
      i++;
    }
  }
  p('Finished Training');
  const PATH = join(mkdtempSync(join(tmpdir(), 'tocha-tutorials-')), 'cifar_net.pth');
  torch.save(net.state_dict(), PATH);
  dataiter = testloader[Symbol.iterator]();
  [images_, labels_] = (dataiter.next().value as Tensor[]).map((t) => t.keep());
  dataiter.return!();
  p('GroundTruth: ', names(labels_, 4));
  net = new CifarNet();
  p(net.load_state_dict(torch.load(PATH)));
  const outputs = net(images_);
  n(outputs);
  const [, predicted] = torch.max(outputs, 1);
  p('Predicted: ', names(predicted, 4));
  let correct = 0;
  let total = 0;
  torch.no_grad(() => {
    for (const [images_, labels_] of testloader) {
      const outputs = net(images_);
      const [, predicted] = torch.max(outputs.data, 1);
      total += labels_.size(0);
      correct += item(predicted.eq(labels_).sum());
    }
  });
  p(`Accuracy of the network on the ${total} test images: ${Math.floor(100 * correct / total)} %`);
  const correct_pred: Record<string, number> = Object.fromEntries(classes.map((c) => [c, 0]));
  const total_pred: Record<string, number> = Object.fromEntries(classes.map((c) => [c, 0]));
  torch.no_grad(() => {
    for (const [images_, labels_] of testloader) {
      const outputs = net(images_);
      const [, predictions] = torch.max(outputs, 1);
      // zip(labels, predictions), `label == prediction` as a condition: JS has no tensor __bool__, so item()
      const ls = labels_.tolist() as number[];
      const ps = predictions.tolist() as number[];
      ls.forEach((label, k) => {
        if (label === ps[k]) correct_pred[classes[label]] += 1;
        total_pred[classes[label]] += 1;
      });
    }
  });
  for (const [classname, correct_count] of Object.entries(correct_pred)) {
    if (total_pred[classname]) {
      const accuracy = 100 * correct_count / total_pred[classname];
      p(`Accuracy for class: ${classname.padEnd(5)} is ${accuracy.toFixed(1)} %`);
    }
  }
});

// -------------------------------------------------------------------------------------------------
// everyday tensor mistakes
const mistakes = program(() => {
  const x = torch.ones(2, 3);
  e(() => x.add(torch.ones(4)));
  e(() => x.matmul(x));
  e(() => torch.matmul(x, torch.ones(4)));
  e(() => x.view(4, 2));
  e(() => x.t().view(-1));
  e(() => x.item());
  e(() => x.index(2));
  e(() => x.index(null, 3));
  e(() => torch.cat([x, torch.ones(3, 3)], { dim: 1 }));
  e(() => torch.stack([x, torch.ones(3, 2)]));
  e(() => x.sum({ dim: 2 }));
  e(() => x.permute(0));
  e(() => x.reshape(5, -1));
  e(() => torch.ones(2, 2).mm(torch.ones(2, 2, { dtype: torch.long })));
  e(() => F.one_hot(torch.tensor([0, 3]), 3));
  e(() => F.one_hot(torch.tensor([0, 1], { dtype: f32 })));
  e(() => torch.ones(3).squeeze(1));
  e(() => torch.tensor([[1, 2], [3]]));
  e(() => torch.zeros(2, 3).expand(4, 3));
  e(() => torch.ones(2, 3).index_select(0, torch.tensor([2])));
  e(() => torch.gather(torch.ones(2, 3), 1, torch.tensor([[3]])));
  e(() => torch.ones(3).argmax({ dim: 1 }));
  e(() => torch.randint(5, [3]).float().mean({ dim: 0 }).long().backward());
  p(torch.tensor([1, 2]).div(2), torch.tensor([1, 2]).mul(0.5), torch.tensor([1, 2]).add(0.5), torch.tensor([true]).add(1));
  p(torch.ones(2, { dtype: torch.long }).add(torch.ones(2)), torch.arange(4).gt(1).sum(), torch.arange(4).gt(1).float().mean());
  p(torch.arange(6).view(2, 3).float().mean(), torch.tensor([1, 2, 3]).sum().item(), torch.tensor(2.5).item());
  e(() => torch.arange(6).view(2, 3).mean());
  p(torch.zeros(2).requires_grad, torch.zeros(2, { requires_grad: true }).grad);
  const xa = torch.arange(12, { dtype: f32 }).view(3, 4);
  xa.set(xa.gt(5), -1);                                // x[x > 5] = -1
  xa.set(0, [1, 3], torch.tensor([7, 8], { dtype: f32 }));  // x[0, 1:3] = ...
  xa.set('...', 0, 9);                                 // x[..., 0] = 9
  xa.set(torch.tensor([1, 2]), 1, 5);                  // x[torch.tensor([1, 2]), 1] = 5
  p(xa);
  const w = torch.ones(3, { requires_grad: true });
  const y = w.mul(2);
  y.set(1, 0);                                         // y[1] = 0
  y.sum().backward();
  p(y, w.grad);
  e(() => torch.ones(3).index_select(0, torch.tensor([3])));
  e(() => torch.ones(2, 3).index_select(1, torch.tensor([0, 5])));
});

// -------------------------------------------------------------------------------------------------
// nlp/pytorch_tutorial.py: tensors, reshaping, autograd (and the torch.Tensor / Variable spelling of its
// first versions)
const nlp_intro = program(() => {
  torch.manual_seed(1);
  const V_data = [1, 2, 3];
  let V = torch.tensor(V_data, { dtype: f32 });    // [1., 2., 3.]: JS has one kind of number
  p(V);
  const M_data = [[1, 2, 3], [4, 5, 6]];
  const M = torch.tensor(M_data, { dtype: f32 });
  p(M);
  const T_data = [[[1, 2], [3, 4]],
    [[5, 6], [7, 8]]];
  const T = torch.tensor(T_data, { dtype: f32 });
  p(T);
  p(V.index(0));
  p(pyfloat(item(V.index(0))));
  p(M.index(0));
  p(T.index(0));
  let x = torch.randn([3, 4, 5]);
  p(x);
  x = torch.tensor([1, 2, 3], { dtype: f32 });
  let y = torch.tensor([4, 5, 6], { dtype: f32 });
  let z = x.add(y);
  p(z);
  const x_1 = torch.randn(2, 5);
  const y_1 = torch.randn(3, 5);
  const z_1 = torch.cat([x_1, y_1]);
  p(z_1);
  const x_2 = torch.randn(2, 3);
  const y_2 = torch.randn(2, 5);
  const z_2 = torch.cat([x_2, y_2], 1);
  p(z_2);
  e(() => torch.cat([x_1, x_2]));
  x = torch.randn(2, 3, 4);
  p(x);
  p(x.view(2, 12));
  p(x.view(2, -1));
  e(() => x.view(5, -1));
  x = torch.tensor([1, 2, 3], { dtype: f32, requires_grad: true });
  y = torch.tensor([4, 5, 6], { dtype: f32, requires_grad: true });
  z = x.add(y);
  p(z);
  p(z.grad_fn!.name());
  let s = z.sum();
  p(s);
  p(s.grad_fn!.name());
  s.backward();
  p(x.grad);
  s = x.mul(x).sum();
  s.backward();
  p(x.grad);
  e(() => s.backward());
  e(() => z.backward());
  e(() => torch.tensor([1, 2, 3], { requires_grad: true }));
  x = torch.randn(2, 2);
  y = torch.randn(2, 2);
  p(x.requires_grad, y.requires_grad);
  z = x.add(y);
  p(z.grad_fn);
  x = x.requires_grad_();
  y = y.requires_grad_();
  z = x.add(y);
  p(z.grad_fn!.name());
  p(z.requires_grad);
  const new_z = z.detach();
  p(new_z.grad_fn);
  p(x.requires_grad);
  p(x.pow(2).requires_grad);
  torch.no_grad(() => {
    p(x.pow(2).requires_grad);
  });
  // torch.Tensor(data) and torch.Tensor(2, 3): torch.Tensor is the class here, torch.FloatTensor the legacy constructor
  V = torch.FloatTensor(V_data);
  p(V, V.dtype, torch.FloatTensor(2, 3).shape, torch.LongTensor([1, 2]));
  const var_x = torch.autograd.Variable(torch.FloatTensor([1, 2, 3]), { requires_grad: true });
  const var_z = var_x.add(torch.autograd.Variable(torch.FloatTensor([4, 5, 6]), { requires_grad: true }));
  p(var_x.data, var_z.data, var_z.grad_fn!.name());
  p(torch.autograd.Variable(var_z.data).grad_fn);
});

// -------------------------------------------------------------------------------------------------
// nlp/deep_learning_tutorial.py: affine maps, non-linearities, softmax, and the bag-of-words classifier
class BoWClassifier extends nn.Module {
  linear: torch.nn.Linear;
  constructor(num_labels: number, vocab_size: number) {
    super();
    this.linear = new nn.Linear(vocab_size, num_labels);
  }
  override forward(bow_vec: Tensor): Tensor {
    return F.log_softmax(this.linear(bow_vec), { dim: 1 });
  }
}

const nlp_bow = program(() => {
  torch.manual_seed(1);
  const lin = new nn.Linear(5, 3);
  let data_ = torch.randn(2, 5);
  p(lin(data_));
  data_ = torch.randn(2, 2);
  p(data_);
  p(F.relu(data_));
  data_ = torch.randn(5);
  p(data_);
  p(F.softmax(data_, { dim: 0 }));
  p(F.softmax(data_, { dim: 0 }).sum());
  p(F.log_softmax(data_, { dim: 0 }));
  const data: [string[], string][] = [
    ['me gusta comer en la cafeteria'.split(' '), 'SPANISH'],
    ['Give it to me'.split(' '), 'ENGLISH'],
    ['No creo que sea una buena idea'.split(' '), 'SPANISH'],
    ['No it is not a good idea to get lost at sea'.split(' '), 'ENGLISH']];
  const test_data: [string[], string][] = [
    ['Yo creo que si'.split(' '), 'SPANISH'],
    ['it is lost on me'.split(' '), 'ENGLISH']];
  const word_to_ix: Record<string, number> = {};
  for (const [sent] of [...data, ...test_data]) {
    for (const word of sent) {
      if (!(word in word_to_ix)) word_to_ix[word] = Object.keys(word_to_ix).length;
    }
  }
  p(word_to_ix);
  const VOCAB_SIZE = Object.keys(word_to_ix).length;
  const NUM_LABELS = 2;
  const make_bow_vector = (sentence: string[], word_to_ix: Record<string, number>) => {
    const vec = torch.zeros(Object.keys(word_to_ix).length);
    for (const word of sentence) vec.set(word_to_ix[word], vec.index(word_to_ix[word]).add(1)); // vec[i] += 1
    return vec.view(1, -1);
  };
  const make_target = (label: string, label_to_ix: Record<string, number>) => torch.LongTensor([label_to_ix[label]]);
  const model = new BoWClassifier(NUM_LABELS, VOCAB_SIZE);
  for (const param of model.parameters()) p(param);
  const sample = data[0];
  const bow_vector = make_bow_vector(sample[0], word_to_ix);
  torch.no_grad(() => {
    const log_probs = model(bow_vector);
    p(log_probs);
  });
  p(bow_vector);
  const label_to_ix: Record<string, number> = { SPANISH: 0, ENGLISH: 1 };
  torch.no_grad(() => {
    for (const [instance] of test_data) {
      const bow_vec = make_bow_vector(instance, word_to_ix);
      const log_probs = model(bow_vec);
      p(log_probs);
    }
  });
  p(model.parameters().next().value!.index(null, word_to_ix.creo));
  const loss_function = new nn.NLLLoss();
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });
  let target = make_target('SPANISH', label_to_ix);
  e(() => loss_function(model(bow_vector), torch.tensor([0], { dtype: f32 })));
  e(() => loss_function(model(bow_vector), torch.tensor(0)));
  e(() => loss_function(model(bow_vector).view(-1), target));
  e(() => loss_function(model(bow_vector), torch.tensor([2])));
  e(() => loss_function(model(bow_vector), torch.tensor([[0]])));
  e(() => model(torch.zeros(VOCAB_SIZE - 1).view(1, -1)));
  e(() => model(bow_vector.long()));
  e(() => model(bow_vector.view(-1)));
  e(() => new nn.CrossEntropyLoss()(model(bow_vector), torch.tensor([0.5])));
  p(loss_function(model(bow_vector), target), new nn.CrossEntropyLoss()(model.linear(bow_vector), target));
  p(loss_function(model(bow_vector).view(-1), torch.tensor(0)));
  for (let epoch = 0; epoch < 25; epoch++) {
    for (const [instance, label] of data) {
      model.zero_grad();
      const bow_vec = make_bow_vector(instance, word_to_ix);
      target = make_target(label, label_to_ix);
      const log_probs = model(bow_vec);
      const loss = loss_function(log_probs, target);
      loss.backward();
      optimizer.step();
    }
  }
  torch.no_grad(() => {
    for (const [instance] of test_data) {
      const bow_vec = make_bow_vector(instance, word_to_ix);
      const log_probs = model(bow_vec);
      n(log_probs);
    }
  });
  n(model.parameters().next().value!.index(null, word_to_ix.creo));
});

// -------------------------------------------------------------------------------------------------
// nlp/word_embeddings_tutorial.py: torch.nn.Embedding, the N-gram language model, and its exercise (CBOW)
class NGramLanguageModeler extends nn.Module {
  embeddings: torch.nn.Embedding;
  linear1: torch.nn.Linear;
  linear2: torch.nn.Linear;
  constructor(vocab_size: number, embedding_dim: number, context_size: number) {
    super();
    this.embeddings = new nn.Embedding(vocab_size, embedding_dim);
    this.linear1 = new nn.Linear(context_size * embedding_dim, 128);
    this.linear2 = new nn.Linear(128, vocab_size);
  }
  override forward(inputs: Tensor): Tensor {
    const embeds = this.embeddings(inputs).view([1, -1]);
    let out = F.relu(this.linear1(embeds));
    out = this.linear2(out);
    const log_probs = F.log_softmax(out, { dim: 1 });
    return log_probs;
  }
}

class CBOW extends nn.Module {
  embeddings: torch.nn.Embedding;
  linear: torch.nn.Linear;
  constructor(vocab_size: number, embedding_dim: number) {
    super();
    this.embeddings = new nn.Embedding(vocab_size, embedding_dim);
    this.linear = new nn.Linear(embedding_dim, vocab_size);
  }
  override forward(inputs: Tensor): Tensor {
    const embeds = this.embeddings(inputs).sum({ dim: 0 }).view(1, -1);
    return F.log_softmax(this.linear(embeds), { dim: 1 });
  }
}

/** Python's str.split(): on runs of whitespace, no empty ends. */
const words = (text: string) => text.trim().split(/\s+/);

const nlp_ngram = program(() => {
  torch.manual_seed(1);
  let word_to_ix: Record<string, number> = { hello: 0, world: 1 };
  const embeds = new nn.Embedding(2, 5);
  const lookup_tensor = torch.tensor([word_to_ix.hello], { dtype: torch.long });
  const hello_embed = embeds(lookup_tensor);
  p(hello_embed);
  e(() => embeds(torch.tensor([word_to_ix.hello], { dtype: torch.float })));
  p(embeds(torch.tensor(1)), embeds(torch.tensor([[0, 1], [1, 1]])).shape);
  let CONTEXT_SIZE = 2;
  const EMBEDDING_DIM = 10;
  const test_sentence = words(`When forty winters shall besiege thy brow,
And dig deep trenches in thy beauty's field,
Thy youth's proud livery so gazed on now,
Will be a totter'd weed of small worth held:
Then being asked, where all thy beauty lies,
Where all the treasure of thy lusty days;
To say, within thine own deep sunken eyes,
Were an all-eating shame, and thriftless praise.
How much more praise deserv'd thy beauty's use,
If thou couldst answer 'This fair child of mine
Shall sum my count, and make my old excuse,'
Proving his beauty by succession thine!
This were to be new made when thou art old,
And see thy blood warm when thou feel'st it cold.`);
  const trigrams = Array.from({ length: test_sentence.length - 2 },
    (_, i) => tuple([test_sentence[i], test_sentence[i + 1]], test_sentence[i + 2]) as readonly [string[], string]);
  p(trigrams.slice(0, 3));
  let vocab = [...new Set(test_sentence)].sort();      // sorted(set(test_sentence))
  word_to_ix = Object.fromEntries(vocab.map((word, i) => [word, i]));
  p(trigrams.length, vocab.length, vocab.slice(0, 6));
  const losses: number[] = [];
  const loss_function = new nn.NLLLoss();
  const model = new NGramLanguageModeler(vocab.length, EMBEDDING_DIM, CONTEXT_SIZE);
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.001 });
  p(model);
  let [context, target] = trigrams[0];
  let context_idxs = torch.tensor(context.map((w) => word_to_ix[w]), { dtype: torch.long });
  e(() => model(torch.tensor(test_sentence.slice(0, 3).map((w) => word_to_ix[w]), { dtype: torch.long })));
  e(() => loss_function(model(context_idxs), torch.tensor(word_to_ix[target], { dtype: torch.long })));
  e(() => loss_function(model(context_idxs), torch.tensor([word_to_ix[target]], { dtype: torch.float })));
  p(loss_function(model(context_idxs), torch.tensor([word_to_ix[target]], { dtype: torch.long })));
  for (let epoch = 0; epoch < 3; epoch++) {
    let total_loss = 0;
    for ([context, target] of trigrams) {
      context_idxs = torch.tensor(context.map((w) => word_to_ix[w]), { dtype: torch.long });
      model.zero_grad();
      const log_probs = model(context_idxs);
      const loss = loss_function(log_probs, torch.tensor([word_to_ix[target]], { dtype: torch.long }));
      loss.backward();
      optimizer.step();
      total_loss += item(loss);
    }
    losses.push(total_loss);
  }
  n(losses);
  n(model.embeddings.weight.index(word_to_ix.beauty));
  torch.no_grad(() => {
    const log_probs = model(torch.tensor([word_to_ix.thy, word_to_ix["beauty's"]]));
    n(log_probs.max(), log_probs.min());
  });
  // the exercise: Continuous Bag-of-Words
  CONTEXT_SIZE = 2;
  const raw_text = words(`We are about to study the idea of a computational process.
Computational processes are abstract beings that inhabit computers.
As they evolve, processes manipulate other abstract things called data.
The evolution of a process is directed by a pattern of rules
called a program. People create programs to direct processes. In effect,
we conjure the spirits of the computer with our spells.`);
  vocab = [...new Set(raw_text)].sort();
  const vocab_size = vocab.length;
  word_to_ix = Object.fromEntries(vocab.map((word, i) => [word, i]));
  const data: (readonly [string[], string])[] = [];
  for (let i = CONTEXT_SIZE; i < raw_text.length - CONTEXT_SIZE; i++) {
    const context = [raw_text[i - 2], raw_text[i - 1],
      raw_text[i + 1], raw_text[i + 2]];
    const target = raw_text[i];
    data.push(tuple(context, target) as readonly [string[], string]);
  }
  p(data.slice(0, 5));
  const make_context_vector = (context: string[], word_to_ix: Record<string, number>) => {
    const idxs = context.map((w) => word_to_ix[w]);
    return torch.tensor(idxs, { dtype: torch.long });
  };
  p(make_context_vector(data[0][0], word_to_ix));
  {                                                  // a block: Python rebinds model, optimizer and losses
    const model = new CBOW(vocab_size, EMBEDDING_DIM);
    p(model);
    const optimizer = new optim.SGD(model.parameters(), { lr: 0.01 });
    const losses: number[] = [];
    for (let epoch = 0; epoch < 4; epoch++) {
      let total_loss = 0;
      for (const [context, target] of data) {
        model.zero_grad();
        const log_probs = model(make_context_vector(context, word_to_ix));
        const loss = loss_function(log_probs, torch.tensor([word_to_ix[target]]));
        loss.backward();
        optimizer.step();
        total_loss += item(loss);
      }
      losses.push(total_loss);
    }
    n(losses);
    torch.no_grad(() => {
      const log_probs = model(make_context_vector(data[0][0], word_to_ix));
      n(log_probs.index(0, word_to_ix[data[0][1]]), log_probs.exp().sum());
      const wrong = F.log_softmax(model.linear(model.embeddings(make_context_vector(data[0][0], word_to_ix))), { dim: 1 });
      p(wrong.shape);
      e(() => loss_function(wrong, torch.tensor([word_to_ix[data[0][1]]])));
    });
  }
});

// -------------------------------------------------------------------------------------------------
// nlp/sequence_models_tutorial.py: torch.nn.LSTM step by step and over a sequence, the LSTM part-of-speech
// tagger, and its exercise (character-level features from a second LSTM)
const prepare_sequence = (seq: string[], to_ix: Record<string, number>) => {
  const idxs = seq.map((w) => to_ix[w]);
  return torch.tensor(idxs, { dtype: torch.long });
};

class LSTMTagger extends nn.Module {
  hidden_dim: number;
  word_embeddings: torch.nn.Embedding;
  lstm: torch.nn.LSTM;
  hidden2tag: torch.nn.Linear;
  constructor(embedding_dim: number, hidden_dim: number, vocab_size: number, tagset_size: number) {
    super();
    this.hidden_dim = hidden_dim;
    this.word_embeddings = new nn.Embedding(vocab_size, embedding_dim);
    this.lstm = new nn.LSTM(embedding_dim, hidden_dim);
    this.hidden2tag = new nn.Linear(hidden_dim, tagset_size);
  }
  override forward(sentence: Tensor): Tensor {
    const embeds = this.word_embeddings(sentence);
    const [lstm_out] = this.lstm(embeds.view(sentence.size(0), 1, -1));   // len(sentence)
    const tag_space = this.hidden2tag(lstm_out.view(sentence.size(0), -1));
    const tag_scores = F.log_softmax(tag_space, { dim: 1 });
    return tag_scores;
  }
}

class LSTMCharTagger extends nn.Module {
  word_embeddings: torch.nn.Embedding;
  char_embeddings: torch.nn.Embedding;
  char_lstm: torch.nn.LSTM;
  lstm: torch.nn.LSTM;
  hidden2tag: torch.nn.Linear;
  constructor(embedding_dim: number, char_embedding_dim: number, hidden_dim: number, char_hidden_dim: number,
    vocab_size: number, charset_size: number, tagset_size: number) {
    super();
    this.word_embeddings = new nn.Embedding(vocab_size, embedding_dim);
    this.char_embeddings = new nn.Embedding(charset_size, char_embedding_dim);
    this.char_lstm = new nn.LSTM(char_embedding_dim, char_hidden_dim);
    this.lstm = new nn.LSTM(embedding_dim + char_hidden_dim, hidden_dim);
    this.hidden2tag = new nn.Linear(hidden_dim, tagset_size);
  }
  char_features(words: Tensor[]): Tensor {
    const reps: Tensor[] = [];
    for (const chars of words) {
      const char_embeds = this.char_embeddings(chars);
      const [, [h_n]] = this.char_lstm(char_embeds.view(chars.size(0), 1, -1));
      reps.push(h_n.view(-1));
    }
    return torch.stack(reps);
  }
  override forward(sentence: Tensor, words: Tensor[]): Tensor {
    const embeds = this.word_embeddings(sentence);
    const combined = torch.cat([embeds, this.char_features(words)], { dim: 1 });
    const [lstm_out] = this.lstm(combined.view(sentence.size(0), 1, -1));
    const tag_space = this.hidden2tag(lstm_out.view(sentence.size(0), -1));
    return F.log_softmax(tag_space, { dim: 1 });
  }
}

const nlp_lstm = program(() => {
  torch.manual_seed(1);
  const lstm = new nn.LSTM(3, 3);
  const inputs_ = Array.from({ length: 5 }, () => torch.randn(1, 3));
  let hidden: [Tensor, Tensor] = [torch.randn(1, 1, 3),
    torch.randn(1, 1, 3)];
  let out!: Tensor;
  for (const i of inputs_) [out, hidden] = lstm(i.view(1, 1, -1), hidden);
  p(out);
  let inputs = torch.cat(inputs_).view(inputs_.length, 1, -1);
  hidden = [torch.randn(1, 1, 3), torch.randn(1, 1, 3)];
  [out, hidden] = lstm(inputs, hidden);
  p(out);
  p(tuple(...hidden));
  e(() => lstm(torch.randn(5, 1, 4)));
  e(() => lstm(inputs, [torch.randn(1, 3), torch.randn(1, 3)]));
  e(() => lstm(inputs, [torch.randn(1, 2, 3), torch.randn(1, 2, 3)]));
  e(() => lstm(inputs, [torch.randn(1, 1, 3), torch.randn(1, 1, 4)]));
  e(() => lstm(torch.randn(3)));
  e(() => lstm(torch.tensor([[[0, 1, 2]]])));
  p(lstm(inputs.view(5, 3))[0].shape, lstm(inputs.view(5, 3), [hidden[0].index(0), hidden[1].index(0)])[1][0].shape);
  p(new nn.LSTM(3, 3, { batch_first: true })(torch.randn(2, 5, 3))[0].shape);
  const training_data: [string[], string[]][] = [
    ['The dog ate the apple'.split(' '), ['DET', 'NN', 'V', 'DET', 'NN']],
    ['Everybody read that book'.split(' '), ['NN', 'V', 'DET', 'NN']],
  ];
  const word_to_ix: Record<string, number> = {};
  for (const [sent] of training_data) {
    for (const word of sent) {
      if (!(word in word_to_ix)) word_to_ix[word] = Object.keys(word_to_ix).length;
    }
  }
  p(word_to_ix);
  const tag_to_ix: Record<string, number> = { DET: 0, NN: 1, V: 2 };
  const EMBEDDING_DIM = 6;
  const HIDDEN_DIM = 6;
  const model = new LSTMTagger(EMBEDDING_DIM, HIDDEN_DIM, Object.keys(word_to_ix).length, Object.keys(tag_to_ix).length);
  const loss_function = new nn.NLLLoss();
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });
  p(model);
  torch.no_grad(() => {
    inputs = prepare_sequence(training_data[0][0], word_to_ix);
    const tag_scores = model(inputs);
    p(tag_scores);
    e(() => model(inputs.view(1, -1)));
    e(() => loss_function(tag_scores, prepare_sequence(training_data[0][1], tag_to_ix).float()));
    e(() => loss_function(tag_scores, prepare_sequence(training_data[1][1], tag_to_ix)));
  });
  let loss!: Tensor;
  for (let epoch = 0; epoch < 30; epoch++) {
    for (const [sentence, tags] of training_data) {
      model.zero_grad();
      const sentence_in = prepare_sequence(sentence, word_to_ix);
      const targets = prepare_sequence(tags, tag_to_ix);
      const tag_scores = model(sentence_in);
      loss = loss_function(tag_scores, targets);
      loss.backward();
      optimizer.step();
    }
    if (epoch % 10 === 9) n(epoch + 1, item(loss));
  }
  torch.no_grad(() => {
    inputs = prepare_sequence(training_data[0][0], word_to_ix);
    const tag_scores = model(inputs);
    n(tag_scores);
  });
  // the exercise (a block, where Python rebinds model and optimizer)
  const char_to_ix: Record<string, number> = {};
  for (const [sent] of training_data) {
    for (const word of sent) {
      for (const c of word) {
        if (!(c in char_to_ix)) char_to_ix[c] = Object.keys(char_to_ix).length;
      }
    }
  }
  p(char_to_ix);
  const CHAR_EMBEDDING_DIM = 3;
  const CHAR_HIDDEN_DIM = 3;
  {
    const model = new LSTMCharTagger(EMBEDDING_DIM, CHAR_EMBEDDING_DIM, HIDDEN_DIM, CHAR_HIDDEN_DIM,
      Object.keys(word_to_ix).length, Object.keys(char_to_ix).length, Object.keys(tag_to_ix).length);
    const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });
    p(model);
    const words = training_data[0][0].map((w) => prepare_sequence([...w], char_to_ix));
    torch.no_grad(() => {
      p(model.char_features(words));
      p(model(prepare_sequence(training_data[0][0], word_to_ix), words));
      e(() => torch.cat([model.word_embeddings(prepare_sequence(training_data[0][0], word_to_ix)), model.char_features(words)]));
    });
    for (let epoch = 0; epoch < 10; epoch++) {
      for (const [sentence, tags] of training_data) {
        model.zero_grad();
        const tag_scores = model(prepare_sequence(sentence, word_to_ix), sentence.map((w) => prepare_sequence([...w], char_to_ix)));
        loss = loss_function(tag_scores, prepare_sequence(tags, tag_to_ix));
        loss.backward();
        optimizer.step();
      }
      n(epoch + 1, item(loss));
    }
    torch.no_grad(() => {
      n(model(prepare_sequence(training_data[1][0], word_to_ix), training_data[1][0].map((w) => prepare_sequence([...w], char_to_ix))));
    });
  }
});

// -------------------------------------------------------------------------------------------------
// nlp/advanced_tutorial.py: a bidirectional LSTM with a CRF on top (the forward algorithm, the gold
// path's score, Viterbi decoding), trained on its two sentences
const START_TAG = '<START>';
const STOP_TAG = '<STOP>';

function argmax(vec: Tensor): number {
  // return the argmax as a JS number
  const [, idx] = torch.max(vec, 1);
  return item(idx);
}

function log_sum_exp(vec: Tensor): Tensor {
  const max_score = vec.index(0, argmax(vec));
  const max_score_broadcast = max_score.view(1, -1).expand(1, vec.size(1));
  return max_score.add(
    torch.log(torch.sum(torch.exp(vec.sub(max_score_broadcast)))));
}

class BiLSTM_CRF extends nn.Module {
  embedding_dim: number;
  hidden_dim: number;
  vocab_size: number;
  tag_to_ix: Record<string, number>;
  tagset_size: number;
  word_embeds: torch.nn.Embedding;
  lstm: torch.nn.LSTM;
  hidden2tag: torch.nn.Linear;
  transitions: Tensor;
  hidden: [Tensor, Tensor];
  constructor(vocab_size: number, tag_to_ix: Record<string, number>, embedding_dim: number, hidden_dim: number) {
    super();
    this.embedding_dim = embedding_dim;
    this.hidden_dim = hidden_dim;
    this.vocab_size = vocab_size;
    this.tag_to_ix = tag_to_ix;
    this.tagset_size = Object.keys(tag_to_ix).length;
    this.word_embeds = new nn.Embedding(vocab_size, embedding_dim);
    this.lstm = new nn.LSTM(embedding_dim, Math.floor(hidden_dim / 2),
      { num_layers: 1, bidirectional: true });
    this.hidden2tag = new nn.Linear(hidden_dim, this.tagset_size);
    this.transitions = new nn.Parameter(
      torch.randn(this.tagset_size, this.tagset_size));
    this.transitions.data.set(tag_to_ix[START_TAG], null, -10000);   // .data[i, :] = -10000
    this.transitions.data.set(null, tag_to_ix[STOP_TAG], -10000);
    this.hidden = this.init_hidden();
  }
  init_hidden(): [Tensor, Tensor] {
    return [torch.randn(2, 1, Math.floor(this.hidden_dim / 2)),
      torch.randn(2, 1, Math.floor(this.hidden_dim / 2))];
  }
  _forward_alg(feats: Tensor): Tensor {
    const init_alphas = torch.full([1, this.tagset_size], -10000, { dtype: f32 });
    init_alphas.index(0).set(this.tag_to_ix[START_TAG], 0);
    let forward_var = init_alphas;
    for (const feat of feats.unbind(0)) {               // for feat in feats
      const alphas_t: Tensor[] = [];
      for (let next_tag = 0; next_tag < this.tagset_size; next_tag++) {
        const emit_score = feat.index(next_tag).view(
          1, -1).expand(1, this.tagset_size);
        const trans_score = this.transitions.index(next_tag).view(1, -1);
        const next_tag_var = forward_var.add(trans_score).add(emit_score);
        alphas_t.push(log_sum_exp(next_tag_var).view(1));
      }
      forward_var = torch.cat(alphas_t).view(1, -1);
    }
    const terminal_var = forward_var.add(this.transitions.index(this.tag_to_ix[STOP_TAG]));
    const alpha = log_sum_exp(terminal_var);
    return alpha;
  }
  _get_lstm_features(sentence: Tensor): Tensor {
    this.hidden = this.init_hidden();
    const embeds = this.word_embeds(sentence).view(sentence.size(0), 1, -1);
    let lstm_out: Tensor;
    [lstm_out, this.hidden] = this.lstm(embeds, this.hidden);
    lstm_out = lstm_out.view(sentence.size(0), this.hidden_dim);
    const lstm_feats = this.hidden2tag(lstm_out);
    return lstm_feats;
  }
  _score_sentence(feats: Tensor, tags: Tensor): Tensor {
    let score = torch.zeros(1);
    tags = torch.cat([torch.tensor([this.tag_to_ix[START_TAG]], { dtype: torch.long }), tags]);
    feats.unbind(0).forEach((feat, i) => {             // for i, feat in enumerate(feats)
      score = score.add(
        this.transitions.index(tags.index(i + 1), tags.index(i))).add(feat.index(tags.index(i + 1)));
    });
    score = score.add(this.transitions.index(this.tag_to_ix[STOP_TAG], tags.index(-1)));
    return score;
  }
  _viterbi_decode(feats: Tensor): [Tensor, number[]] {
    const backpointers: number[][] = [];
    const init_vvars = torch.full([1, this.tagset_size], -10000, { dtype: f32 });
    init_vvars.index(0).set(this.tag_to_ix[START_TAG], 0);
    let forward_var = init_vvars;
    for (const feat of feats.unbind(0)) {
      const bptrs_t: number[] = [];
      const viterbivars_t: Tensor[] = [];
      for (let next_tag = 0; next_tag < this.tagset_size; next_tag++) {
        const next_tag_var = forward_var.add(this.transitions.index(next_tag));
        const best_tag_id = argmax(next_tag_var);
        bptrs_t.push(best_tag_id);
        viterbivars_t.push(next_tag_var.index(0).index(best_tag_id).view(1));
      }
      forward_var = torch.cat(viterbivars_t).add(feat).view(1, -1);
      backpointers.push(bptrs_t);
    }
    const terminal_var = forward_var.add(this.transitions.index(this.tag_to_ix[STOP_TAG]));
    let best_tag_id = argmax(terminal_var);
    const path_score = terminal_var.index(0).index(best_tag_id);
    const best_path = [best_tag_id];
    for (const bptrs_t of [...backpointers].reverse()) {
      best_tag_id = bptrs_t[best_tag_id];
      best_path.push(best_tag_id);
    }
    const start = best_path.pop();
    if (start !== this.tag_to_ix[START_TAG]) throw new Error('AssertionError');  // Sanity check
    best_path.reverse();
    return [path_score, best_path];
  }
  neg_log_likelihood(sentence: Tensor, tags: Tensor): Tensor {
    const feats = this._get_lstm_features(sentence);
    const forward_score = this._forward_alg(feats);
    const gold_score = this._score_sentence(feats, tags);
    return forward_score.sub(gold_score);
  }
  override forward(sentence: Tensor): readonly [Tensor, number[]] {
    const lstm_feats = this._get_lstm_features(sentence);
    const [score, tag_seq] = this._viterbi_decode(lstm_feats);
    return tuple(score, tag_seq) as readonly [Tensor, number[]];
  }
}

const nlp_crf = program(() => {
  torch.manual_seed(1);
  const EMBEDDING_DIM = 5;
  const HIDDEN_DIM = 4;
  const training_data: [string[], string[]][] = [[
    'the wall street journal reported today that apple corporation made money'.split(' '),
    'B I I I O O O B I O O'.split(' '),
  ], [
    'georgia tech is a university in georgia'.split(' '),
    'B I O O O O B'.split(' '),
  ]];
  const word_to_ix: Record<string, number> = {};
  for (const [sentence] of training_data) {
    for (const word of sentence) {
      if (!(word in word_to_ix)) word_to_ix[word] = Object.keys(word_to_ix).length;
    }
  }
  const tag_to_ix: Record<string, number> = { B: 0, I: 1, O: 2, [START_TAG]: 3, [STOP_TAG]: 4 };
  const model = new BiLSTM_CRF(Object.keys(word_to_ix).length, tag_to_ix, EMBEDDING_DIM, HIDDEN_DIM);
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.01, weight_decay: 1e-4 });
  p(model);
  p(model.transitions);
  let precheck_sent = prepare_sequence(training_data[0][0], word_to_ix);
  const precheck_tags = torch.tensor(training_data[0][1].map((t) => tag_to_ix[t]), { dtype: torch.long });
  torch.no_grad(() => {
    p(model(precheck_sent));
    const feats = model._get_lstm_features(precheck_sent);
    p(feats);
    p(model._forward_alg(feats), model._score_sentence(feats, precheck_tags));
    e(() => torch.cat([log_sum_exp(feats.index([null, 1])), log_sum_exp(feats.index([1, 2]))]));
    p(torch.FloatTensor(1, model.tagset_size).fill_(-10000));   // torch.Tensor(1, n): see nlp_intro
    e(() => model.lstm(model.word_embeds(precheck_sent).view(precheck_sent.size(0), 1, -1),
      [torch.randn(1, 1, 2), torch.randn(1, 1, 2)]));
  });
  const nll = model.neg_log_likelihood(precheck_sent, precheck_tags);
  p(nll);
  nll.backward();
  e(() => nll.backward());
  p(model.transitions.grad);
  model.zero_grad();
  for (let epoch = 0; epoch < 3; epoch++) {
    let neg_log_likelihood!: Tensor;
    for (const [sentence, tags] of training_data) {
      model.zero_grad();
      const sentence_in = prepare_sequence(sentence, word_to_ix);
      const targets = torch.tensor(tags.map((t) => tag_to_ix[t]), { dtype: torch.long });
      neg_log_likelihood = model.neg_log_likelihood(sentence_in, targets);
      neg_log_likelihood.backward();
      optimizer.step();
    }
    n(epoch + 1, item(neg_log_likelihood));
  }
  torch.no_grad(() => {
    precheck_sent = prepare_sequence(training_data[0][0], word_to_ix);
    n(model(precheck_sent));
  });
});

// -------------------------------------------------------------------------------------------------
// intermediate/char_rnn_classification_tutorial.py: an RNN from two nn.Linear and a LogSoftmax reads a name
// letter by letter and guesses its language (inline names, torch's generator for Python's `random`)
const NAMES: Record<string, string[]> = {
  English: ['Abbott', 'Jackson', 'Smith', 'Williams', 'Wood', 'Hinton'],
  French: ['Bélanger', 'Dubois', 'Fontaine', 'Lefèvre', 'Moreau', 'Rousseau'],
  Italian: ['Abandonato', 'Bianchi', 'Conti', 'Esposito', 'Romano', 'Ricci'],
  Japanese: ['Abe', 'Fujita', 'Satoshi', 'Tanaka', 'Yamamoto', 'Suzuki'],
  Russian: ['Abakumov', 'Dovesky', 'Ivanov', 'Petrov', 'Smirnov', 'Volkov'],
};
const ascii_letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';   // string.ascii_letters
/** unicodeToAscii: NFD, without the combining marks (category Mn), keeping only `keep`'s characters. */
const toAscii = (s: string, keep?: string) =>
  [...s.normalize('NFD')].filter((c) => !/\p{Mn}/u.test(c) && (keep === undefined || keep.includes(c))).join('');
/** random.choice(l), drawn from torch's generator. */
const randomChoice = <T>(l: T[]): T => l[item(torch.randint(l.length, [1]))];

class CharRNN extends nn.Module {
  hidden_size: number;
  i2h: torch.nn.Linear;
  i2o: torch.nn.Linear;
  softmax: torch.nn.LogSoftmax;
  constructor(input_size: number, hidden_size: number, output_size: number) {
    super();
    this.hidden_size = hidden_size;
    this.i2h = new nn.Linear(input_size + hidden_size, hidden_size);
    this.i2o = new nn.Linear(input_size + hidden_size, output_size);
    this.softmax = new nn.LogSoftmax({ dim: 1 });
  }
  override forward(input: Tensor, hidden: Tensor): [Tensor, Tensor] {
    const combined = torch.cat([input, hidden], 1);
    hidden = this.i2h(combined);
    let output = this.i2o(combined);
    output = this.softmax(output);
    return [output, hidden];
  }
  initHidden(): Tensor {
    return torch.zeros(1, this.hidden_size);
  }
}
Object.defineProperty(CharRNN, 'name', { value: 'RNN' });   // the tutorial's class name, for printing

const char_rnn_cls = program(() => {
  const all_letters = ascii_letters + " .,;'";
  const n_letters = all_letters.length;
  const unicodeToAscii = (s: string) => toAscii(s, all_letters);
  p(unicodeToAscii('Ślusàrski'));
  const category_lines: Record<string, string[]> = {};
  const all_categories: string[] = [];
  for (const [category, lines] of Object.entries(NAMES)) {
    all_categories.push(category);
    category_lines[category] = lines.map((line) => unicodeToAscii(line));
  }
  const n_categories = all_categories.length;
  p(category_lines.Italian.slice(0, 5));
  p(category_lines.French);
  const letterToIndex = (letter: string) => all_letters.indexOf(letter);
  const letterToTensor = (letter: string) => {
    const tensor = torch.zeros(1, n_letters);
    tensor.index(0).set(letterToIndex(letter), 1);
    return tensor;
  };
  const lineToTensor = (line: string) => {
    const tensor = torch.zeros(line.length, 1, n_letters);
    [...line].forEach((letter, li) => tensor.index(li).index(0).set(letterToIndex(letter), 1));
    return tensor;
  };
  p(letterToTensor('J'));
  p(lineToTensor('Jones').size());
  const n_hidden = 128;
  const rnn = new CharRNN(n_letters, n_hidden, n_categories);
  p(rnn);
  let input = letterToTensor('A');
  let hidden = torch.zeros(1, n_hidden);
  let [output] = rnn(input, hidden);
  input = lineToTensor('Albert');
  hidden = torch.zeros(1, n_hidden);
  [output] = rnn(input.index(0), hidden);
  p(output);
  e(() => rnn(input, hidden));
  e(() => rnn(input.index(0).index(0), hidden));
  e(() => rnn(input.index(0), torch.zeros(n_hidden)));
  e(() => torch.cat([input.index(0), hidden]));
  e(() => output.topk(n_categories + 1));
  const categoryFromOutput = (output: Tensor) => {
    const [, top_i] = output.topk(1);
    const category_i = item(top_i.index(0));
    return tuple(all_categories[category_i], category_i) as readonly [string, number];
  };
  p(categoryFromOutput(output));
  p(output.topk(1));
  const randomTrainingExample = () => {
    const category = randomChoice(all_categories);
    const line = randomChoice(category_lines[category]);
    const category_tensor = torch.tensor([all_categories.indexOf(category)], { dtype: torch.long });
    const line_tensor = lineToTensor(line);
    return [category, line, category_tensor, line_tensor] as const;
  };
  let [category, line, category_tensor, line_tensor] = randomTrainingExample();
  p('category =', category, '/ line =', line);
  for (let i = 1; i < 10; i++) {
    [category, line, category_tensor, line_tensor] = randomTrainingExample();
    p('category =', category, '/ line =', line);
  }
  const criterion = new nn.NLLLoss();
  const learning_rate = 0.005;
  const loss0 = criterion(output, category_tensor);
  p(loss0);
  e(() => loss0.data.index(0));
  e(() => criterion(output, torch.tensor(all_categories.indexOf(category))));
  e(() => criterion(output, torch.tensor([all_categories.indexOf(category)], { dtype: f32 })));
  e(() => criterion(output, torch.tensor([n_categories])));
  const train = (category_tensor: Tensor, line_tensor: Tensor) => {
    let hidden = rnn.initHidden();
    rnn.zero_grad();
    let output!: Tensor;
    for (let i = 0; i < line_tensor.size(0); i++) [output, hidden] = rnn(line_tensor.index(i), hidden);
    const loss = criterion(output, category_tensor);
    loss.backward();
    for (const p_ of rnn.parameters()) p_.data.add_(p_.grad!.data, { alpha: -learning_rate });
    return [output, item(loss)] as const;
  };
  const n_iters = 60;
  const print_every = 10;
  const plot_every = 20;
  let current_loss = 0;
  const all_losses: number[] = [];
  for (let iter = 1; iter <= n_iters; iter++) {
    [category, line, category_tensor, line_tensor] = randomTrainingExample();
    const [output, loss] = train(category_tensor, line_tensor);
    current_loss += loss;
    if (iter % print_every === 0) {
      const [guess] = categoryFromOutput(output);
      const correct = guess === category ? '✓' : `✗ (${category})`;
      n(`${iter} ${Math.floor(iter / n_iters * 100)}% ${loss.toFixed(4)} ${line} / ${guess} ${correct}`);
    }
    if (iter % plot_every === 0) {
      all_losses.push(current_loss / plot_every);
      current_loss = 0;
    }
  }
  n(all_losses);
  const confusion = torch.zeros(n_categories, n_categories);
  const n_confusion = 30;
  const evaluate = (line_tensor: Tensor) => {
    let hidden = rnn.initHidden();
    let output!: Tensor;
    for (let i = 0; i < line_tensor.size(0); i++) [output, hidden] = rnn(line_tensor.index(i), hidden);
    return output;
  };
  for (let i = 0; i < n_confusion; i++) {
    [category, line, category_tensor, line_tensor] = randomTrainingExample();
    const output = evaluate(line_tensor);
    const [, guess_i] = categoryFromOutput(output);
    const category_i = all_categories.indexOf(category);
    const row = confusion.index(category_i);                  // confusion[category_i][guess_i] += 1
    row.set(guess_i, row.index(guess_i).add(1));
  }
  for (let i = 0; i < n_categories; i++) confusion.set(i, confusion.index(i).div(confusion.index(i).sum()));
  n(confusion);
  const predict = (input_line: string, n_predictions = 3) => {
    p(`\n> ${input_line}`);
    torch.no_grad(() => {
      const output = evaluate(lineToTensor(input_line));
      const [topv, topi] = output.topk(n_predictions, 1, true);
      const predictions: [number, string][] = [];
      for (let i = 0; i < n_predictions; i++) {
        const value = item(topv.index(0).index(i));
        const category_index = item(topi.index(0).index(i));
        n(`(${value.toFixed(2)}) ${all_categories[category_index]}`);
        predictions.push([value, all_categories[category_index]]);
      }
    });
  };
  predict('Dovesky');
  predict('Jackson');
  predict('Satoshi');
});

// -------------------------------------------------------------------------------------------------
// intermediate/char_rnn_generation_tutorial.py: the category and each letter in, the next letter out (with a
// dropout layer kept on while sampling); samples under a fixed seed
class GenRNN extends nn.Module {
  hidden_size: number;
  i2h: torch.nn.Linear;
  i2o: torch.nn.Linear;
  o2o: torch.nn.Linear;
  dropout: torch.nn.Dropout;
  softmax: torch.nn.LogSoftmax;
  constructor(n_categories: number, input_size: number, hidden_size: number, output_size: number) {
    super();
    this.hidden_size = hidden_size;
    this.i2h = new nn.Linear(n_categories + input_size + hidden_size, hidden_size);
    this.i2o = new nn.Linear(n_categories + input_size + hidden_size, output_size);
    this.o2o = new nn.Linear(hidden_size + output_size, output_size);
    this.dropout = new nn.Dropout(0.1);
    this.softmax = new nn.LogSoftmax({ dim: 1 });
  }
  override forward(category: Tensor, input: Tensor, hidden: Tensor): [Tensor, Tensor] {
    const input_combined = torch.cat([category, input, hidden], 1);
    hidden = this.i2h(input_combined);
    let output = this.i2o(input_combined);
    const output_combined = torch.cat([hidden, output], 1);
    output = this.o2o(output_combined);
    output = this.dropout(output);
    output = this.softmax(output);
    return [output, hidden];
  }
  initHidden(): Tensor {
    return torch.zeros(1, this.hidden_size);
  }
}
Object.defineProperty(GenRNN, 'name', { value: 'RNN' });

const char_rnn_gen = program(() => {
  const all_letters = ascii_letters + " .,;'-";
  const n_letters = all_letters.length + 1;   // Plus EOS marker
  const unicodeToAscii = (s: string) => toAscii(s, all_letters);
  const category_lines: Record<string, string[]> = {};
  const all_categories: string[] = [];
  for (const [category, lines] of Object.entries(NAMES)) {
    all_categories.push(category);
    category_lines[category] = lines.map((line) => unicodeToAscii(line));
  }
  const n_categories = all_categories.length;
  p('# categories:', n_categories, all_categories);
  p(unicodeToAscii("O'Néàl"));
  const randomTrainingPair = () => {
    const category = randomChoice(all_categories);
    const line = randomChoice(category_lines[category]);
    return [category, line] as const;
  };
  const categoryTensor = (category: string) => {
    const li = all_categories.indexOf(category);
    const tensor = torch.zeros(1, n_categories);
    tensor.index(0).set(li, 1);
    return tensor;
  };
  const inputTensor = (line: string) => {
    const tensor = torch.zeros(line.length, 1, n_letters);
    for (let li = 0; li < line.length; li++) {
      const letter = line[li];
      tensor.index(li).index(0).set(all_letters.indexOf(letter), 1);
    }
    return tensor;
  };
  const targetTensor = (line: string) => {
    const letter_indexes = Array.from({ length: line.length - 1 }, (_, i) => all_letters.indexOf(line[i + 1]));
    letter_indexes.push(n_letters - 1);   // EOS
    return torch.LongTensor(letter_indexes);
  };
  const randomTrainingExample = () => {
    const [category, line] = randomTrainingPair();
    const category_tensor = categoryTensor(category);
    const input_line_tensor = inputTensor(line);
    const target_line_tensor = targetTensor(line);
    return [category_tensor, input_line_tensor, target_line_tensor] as const;
  };
  const criterion = new nn.NLLLoss();
  const learning_rate = 0.0005;
  const rnn = new GenRNN(n_categories, n_letters, 128, n_letters);
  p(rnn);
  const [category_tensor, input_line_tensor, target_line_tensor] = randomTrainingExample();
  p(category_tensor, input_line_tensor.shape, target_line_tensor);
  let hidden = rnn.initHidden();
  let output: Tensor;
  [output, hidden] = rnn(category_tensor, input_line_tensor.index(0), hidden);
  e(() => criterion(output, target_line_tensor.index(0)));
  e(() => rnn(torch.tensor([[all_categories.indexOf('Russian')]]), input_line_tensor.index(0), hidden));
  e(() => rnn(category_tensor, input_line_tensor, hidden));
  p(output.shape, criterion(output, target_line_tensor.index([0, 1])).shape);
  p(new nn.LogSoftmax(), torch.equal(new nn.LogSoftmax()(output), new nn.LogSoftmax({ dim: 1 })(output)));
  const train = (category_tensor: Tensor, input_line_tensor: Tensor, target_line_tensor: Tensor) => {
    target_line_tensor.unsqueeze_(-1);
    let hidden = rnn.initHidden();
    rnn.zero_grad();
    let loss: Tensor | number = 0;
    let output!: Tensor;
    for (let i = 0; i < input_line_tensor.size(0); i++) {
      [output, hidden] = rnn(category_tensor, input_line_tensor.index(i), hidden);
      const l = criterion(output, target_line_tensor.index(i));
      loss = typeof loss === 'number' ? l.add(loss) : loss.add(l);   // loss += l, from Python's 0
    }
    (loss as Tensor).backward();
    for (const p_ of rnn.parameters()) p_.data.add_(p_.grad!.data, { alpha: -learning_rate });
    return [output, item(loss as Tensor) / input_line_tensor.size(0)] as const;
  };
  const n_iters = 60;
  const print_every = 15;
  const plot_every = 20;
  const all_losses: number[] = [];
  let total_loss = 0;
  for (let iter = 1; iter <= n_iters; iter++) {
    const [, loss] = train(...randomTrainingExample());
    total_loss += loss;
    if (iter % print_every === 0) n(`(${iter} ${Math.floor(iter / n_iters * 100)}%) ${loss.toFixed(4)}`);
    if (iter % plot_every === 0) {
      all_losses.push(total_loss / plot_every);
      total_loss = 0;
    }
  }
  n(all_losses);
  const max_length = 20;
  const sample = (category: string, start_letter = 'A') => torch.no_grad(() => {
    const category_tensor = categoryTensor(category);
    let input = inputTensor(start_letter);
    let hidden = rnn.initHidden();
    let output_name = start_letter;
    for (let i = 0; i < max_length; i++) {
      let output: Tensor;
      [output, hidden] = rnn(category_tensor, input.index(0), hidden);
      const [, topi_] = output.topk(1);
      const topi = item(topi_.index(0).index(0));   // a 0-d tensor Python compares and indexes the string with
      if (topi === n_letters - 1) break;
      const letter = all_letters[topi];
      output_name += letter;
      input = inputTensor(letter);
    }
    return output_name;
  });
  const samples = (category: string, start_letters = 'ABC') => {
    for (const start_letter of start_letters) n(sample(category, start_letter));
  };
  samples('Russian', 'RUS');
  samples('English', 'EWS');
  samples('Italian', 'ITA');
  samples('Japanese', 'JAS');
  const sample_multinomial = (category: string, start_letter = 'A') => torch.no_grad(() => {
    const category_tensor = categoryTensor(category);
    let input = inputTensor(start_letter);
    let hidden = rnn.initHidden();
    let output_name = start_letter;
    for (let i = 0; i < max_length; i++) {
      let output: Tensor;
      [output, hidden] = rnn(category_tensor, input.index(0), hidden);
      const topi = item(torch.multinomial(output.exp(), 1).index(0).index(0));
      if (topi === n_letters - 1) break;
      const letter = all_letters[topi];
      output_name += letter;
      input = inputTensor(letter);
    }
    return output_name;
  });
  n(sample_multinomial('Russian', 'R'), sample_multinomial('French', 'F'));
  e(() => torch.multinomial(output, 1));
  e(() => torch.multinomial(output.exp(), n_letters + 1));
});

// -------------------------------------------------------------------------------------------------
// intermediate/seq2seq_translation_tutorial.py: a GRU encoder, an attention decoder, teacher forcing (a dozen
// inline English-French pairs, torch's generator for `random`, hidden_size 16, 40 iterations)
const SOS_token = 0;
const EOS_token = 1;
const MAX_LENGTH = 10;

class Lang {
  name: string;
  word2index: Record<string, number> = {};
  word2count: Record<string, number> = {};
  index2word: Record<number, string> = { 0: 'SOS', 1: 'EOS' };
  n_words = 2;   // Count SOS and EOS
  constructor(name: string) {
    this.name = name;
  }
  addSentence(sentence: string): void {
    for (const word of sentence.split(' ')) this.addWord(word);
  }
  addWord(word: string): void {
    if (!(word in this.word2index)) {
      this.word2index[word] = this.n_words;
      this.word2count[word] = 1;
      this.index2word[this.n_words] = word;
      this.n_words += 1;
    } else {
      this.word2count[word] += 1;
    }
  }
}

class EncoderRNN extends nn.Module {
  hidden_size: number;
  embedding: torch.nn.Embedding;
  gru: torch.nn.GRU;
  constructor(input_size: number, hidden_size: number) {
    super();
    this.hidden_size = hidden_size;
    this.embedding = new nn.Embedding(input_size, hidden_size);
    this.gru = new nn.GRU(hidden_size, hidden_size);
  }
  override forward(input: Tensor, hidden: Tensor): [Tensor, Tensor] {
    const embedded = this.embedding(input).view(1, 1, -1);
    let output = embedded;
    [output, hidden] = this.gru(output, hidden);
    return [output, hidden];
  }
  initHidden(): Tensor {
    return torch.zeros(1, 1, this.hidden_size);
  }
}

class DecoderRNN extends nn.Module {
  hidden_size: number;
  embedding: torch.nn.Embedding;
  gru: torch.nn.GRU;
  out: torch.nn.Linear;
  softmax: torch.nn.LogSoftmax;
  constructor(hidden_size: number, output_size: number) {
    super();
    this.hidden_size = hidden_size;
    this.embedding = new nn.Embedding(output_size, hidden_size);
    this.gru = new nn.GRU(hidden_size, hidden_size);
    this.out = new nn.Linear(hidden_size, output_size);
    this.softmax = new nn.LogSoftmax({ dim: 1 });
  }
  override forward(input: Tensor, hidden: Tensor): [Tensor, Tensor] {
    let output = this.embedding(input).view(1, 1, -1);
    output = F.relu(output);
    [output, hidden] = this.gru(output, hidden);
    output = this.softmax(this.out(output.index(0)));
    return [output, hidden];
  }
  initHidden(): Tensor {
    return torch.zeros(1, 1, this.hidden_size);
  }
}

class AttnDecoderRNN extends nn.Module {
  hidden_size: number;
  output_size: number;
  dropout_p: number;
  max_length: number;
  embedding: torch.nn.Embedding;
  attn: torch.nn.Linear;
  attn_combine: torch.nn.Linear;
  dropout: torch.nn.Dropout;
  gru: torch.nn.GRU;
  out: torch.nn.Linear;
  constructor(hidden_size: number, output_size: number, { dropout_p = 0.1, max_length = MAX_LENGTH } = {}) {
    super();
    this.hidden_size = hidden_size;
    this.output_size = output_size;
    this.dropout_p = dropout_p;
    this.max_length = max_length;
    this.embedding = new nn.Embedding(this.output_size, this.hidden_size);
    this.attn = new nn.Linear(this.hidden_size * 2, this.max_length);
    this.attn_combine = new nn.Linear(this.hidden_size * 2, this.hidden_size);
    this.dropout = new nn.Dropout(this.dropout_p);
    this.gru = new nn.GRU(this.hidden_size, this.hidden_size);
    this.out = new nn.Linear(this.hidden_size, this.output_size);
  }
  override forward(input: Tensor, hidden: Tensor, encoder_outputs: Tensor): [Tensor, Tensor, Tensor] {
    let embedded = this.embedding(input).view(1, 1, -1);
    embedded = this.dropout(embedded);
    const attn_weights = F.softmax(
      this.attn(torch.cat([embedded.index(0), hidden.index(0)], 1)), { dim: 1 });
    const attn_applied = torch.bmm(attn_weights.unsqueeze(0),
      encoder_outputs.unsqueeze(0));
    let output = torch.cat([embedded.index(0), attn_applied.index(0)], 1);
    output = this.attn_combine(output).unsqueeze(0);
    output = F.relu(output);
    [output, hidden] = this.gru(output, hidden);
    output = F.log_softmax(this.out(output.index(0)), { dim: 1 });
    return [output, hidden, attn_weights];
  }
  initHidden(): Tensor {
    return torch.zeros(1, 1, this.hidden_size);
  }
}

const seq2seq = program(() => {
  const unicodeToAscii = (s: string) => toAscii(s);
  const normalizeString = (s: string) => {
    s = unicodeToAscii(s.toLowerCase().trim());
    s = s.replace(/([.!?])/g, ' $1');
    s = s.replace(/[^a-zA-Z.!?]+/g, ' ');
    return s;
  };
  const ENG_FRA = `Go.\tVa !
I am cold.\tJ'ai froid.
I'm too cold.\tJe suis trop froid.
I am tired.\tJe suis fatigué.
He is tall.\tIl est grand.
He's a teacher.\tIl est professeur.
She is happy.\tElle est heureuse.
She's too short.\tElle est trop petite.
You are late.\tVous êtes en retard.
You're very kind.\tTu es très gentil.
We are friends.\tNous sommes amis.
They're at home.\tIls sont à la maison.
They are students.\tElles sont étudiantes.
Who are you?\tQui êtes-vous ?`;
  const readLangs = (lang1: string, lang2: string, reverse = false) => {
    p('Reading lines...');
    const lines = ENG_FRA.trim().split('\n');
    let pairs = lines.map((l) => l.split('\t').map((s) => normalizeString(s)));
    let input_lang: Lang;
    let output_lang: Lang;
    if (reverse) {
      pairs = pairs.map((p) => [...p].reverse());
      input_lang = new Lang(lang2);
      output_lang = new Lang(lang1);
    } else {
      input_lang = new Lang(lang1);
      output_lang = new Lang(lang2);
    }
    return [input_lang, output_lang, pairs] as const;
  };
  const eng_prefixes = [
    'i am ', 'i m ',
    'he is', 'he s ',
    'she is', 'she s ',
    'you are', 'you re ',
    'we are', 'we re ',
    'they are', 'they re '];
  const filterPair = (p: string[]) => p[0].split(' ').length < MAX_LENGTH &&
    p[1].split(' ').length < MAX_LENGTH &&
    eng_prefixes.some((x) => p[1].startsWith(x));
  const filterPairs = (pairs: string[][]) => pairs.filter((pair) => filterPair(pair));
  const prepareData = (lang1: string, lang2: string, reverse = false) => {
    const [input_lang, output_lang, pairs_] = readLangs(lang1, lang2, reverse);
    p(`Read ${pairs_.length} sentence pairs`);
    const pairs = filterPairs(pairs_);
    p(`Trimmed to ${pairs.length} sentence pairs`);
    p('Counting words...');
    for (const pair of pairs) {
      input_lang.addSentence(pair[0]);
      output_lang.addSentence(pair[1]);
    }
    p('Counted words:');
    p(input_lang.name, input_lang.n_words);
    p(output_lang.name, output_lang.n_words);
    return [input_lang, output_lang, pairs] as const;
  };
  const [input_lang, output_lang, pairs] = prepareData('eng', 'fra', true);
  p(randomChoice(pairs));
  p(pairs);
  const indexesFromSentence = (lang: Lang, sentence: string) => sentence.split(' ').map((word) => {
    if (!(word in lang.word2index)) throw new Error(`KeyError: '${word}'`);
    return lang.word2index[word];
  });
  const tensorFromSentence = (lang: Lang, sentence: string) => {
    const indexes = indexesFromSentence(lang, sentence);
    indexes.push(EOS_token);
    return torch.tensor(indexes, { dtype: torch.long }).view(-1, 1);
  };
  const tensorsFromPair = (pair: string[]) => {
    const input_tensor = tensorFromSentence(input_lang, pair[0]);
    const target_tensor = tensorFromSentence(output_lang, pair[1]);
    return tuple(input_tensor, target_tensor) as readonly [Tensor, Tensor];
  };
  p(tensorsFromPair(pairs[0]));
  const hidden_size = 16;
  const decoder = new DecoderRNN(hidden_size, output_lang.n_words);
  p(decoder);
  const [dout, dhidden] = decoder(torch.tensor([[SOS_token]]), decoder.initHidden());
  p(dout.shape, dhidden.shape);
  const encoder1 = new EncoderRNN(input_lang.n_words, hidden_size);
  const attn_decoder1 = new AttnDecoderRNN(hidden_size, output_lang.n_words, { dropout_p: 0.1 });
  p(encoder1);
  p(attn_decoder1);
  const [input_tensor, target_tensor] = tensorsFromPair(pairs[0]);
  torch.no_grad(() => {
    const [encoder_output, encoder_hidden] = encoder1(input_tensor.index(0), encoder1.initHidden());
    p(encoder_output);
    const encoder_outputs = torch.zeros(MAX_LENGTH, hidden_size);
    encoder_outputs.set(0, encoder_output.index(0, 0));
    const [decoder_output, , decoder_attention] = attn_decoder1(
      torch.tensor([[SOS_token]]), encoder_hidden, encoder_outputs);
    p(decoder_attention.shape, decoder_output.topk(1));
    encoder_outputs.set(1, encoder_output);   // without [0, 0]
    p(torch.equal(encoder_outputs.index(1), encoder_outputs.index(0)));
    e(() => encoder_outputs.set(2, encoder_output.view(2, -1)));
    e(() => encoder1(input_tensor, encoder1.initHidden()));
    e(() => attn_decoder1(torch.tensor([[SOS_token]]), encoder_hidden, encoder_outputs.index([null, input_tensor.size(0)])));
    e(() => new nn.NLLLoss()(decoder_output, target_tensor));
    e(() => encoder1(input_tensor.index(0), torch.zeros(1, hidden_size + 1)));
    e(() => encoder1(input_tensor.index(0), torch.zeros(2, 1, hidden_size)));
  });
  const teacher_forcing_ratio = 0.5;
  const train = (input_tensor: Tensor, target_tensor: Tensor, encoder: EncoderRNN, decoder: AttnDecoderRNN,
    encoder_optimizer: torch.optim.Optimizer, decoder_optimizer: torch.optim.Optimizer, criterion: torch.nn.NLLLoss,
    max_length = MAX_LENGTH) => {
    let encoder_hidden = encoder.initHidden();
    encoder_optimizer.zero_grad();
    decoder_optimizer.zero_grad();
    const input_length = input_tensor.size(0);
    const target_length = target_tensor.size(0);
    const encoder_outputs = torch.zeros(max_length, encoder.hidden_size);
    let loss: Tensor | number = 0;
    const add = (l: Tensor) => { loss = typeof loss === 'number' ? l.add(loss) : loss.add(l); };   // loss += l
    for (let ei = 0; ei < input_length; ei++) {
      let encoder_output: Tensor;
      [encoder_output, encoder_hidden] = encoder(
        input_tensor.index(ei), encoder_hidden);
      encoder_outputs.set(ei, encoder_output.index(0, 0));
    }
    let decoder_input = torch.tensor([[SOS_token]]);
    let decoder_hidden = encoder_hidden;
    const use_teacher_forcing = item(torch.rand(1)) < teacher_forcing_ratio;
    if (use_teacher_forcing) {
      for (let di = 0; di < target_length; di++) {
        let decoder_output: Tensor;
        [decoder_output, decoder_hidden] = decoder(
          decoder_input, decoder_hidden, encoder_outputs);
        add(criterion(decoder_output, target_tensor.index(di)));
        decoder_input = target_tensor.index(di);   // Teacher forcing
      }
    } else {
      for (let di = 0; di < target_length; di++) {
        let decoder_output: Tensor;
        [decoder_output, decoder_hidden] = decoder(
          decoder_input, decoder_hidden, encoder_outputs);
        const [, topi] = decoder_output.topk(1);
        decoder_input = topi.squeeze().detach();   // detach from history as input
        add(criterion(decoder_output, target_tensor.index(di)));
        if (item(decoder_input) === EOS_token) break;
      }
    }
    (loss as unknown as Tensor).backward();
    encoder_optimizer.step();
    decoder_optimizer.step();
    return item(loss as unknown as Tensor) / target_length;
  };
  const trainIters = (encoder: EncoderRNN, decoder: AttnDecoderRNN, n_iters: number,
    { print_every = 1000, plot_every = 100, learning_rate = 0.01 } = {}) => {
    const plot_losses: number[] = [];
    let print_loss_total = 0;
    let plot_loss_total = 0;
    const encoder_optimizer = new optim.SGD(encoder.parameters(), { lr: learning_rate });
    const decoder_optimizer = new optim.SGD(decoder.parameters(), { lr: learning_rate });
    const training_pairs = Array.from({ length: n_iters }, () => tensorsFromPair(randomChoice(pairs)));
    const criterion = new nn.NLLLoss();
    for (let iter = 1; iter <= n_iters; iter++) {
      const training_pair = training_pairs[iter - 1];
      const input_tensor = training_pair[0];
      const target_tensor = training_pair[1];
      const loss = train(input_tensor, target_tensor, encoder,
        decoder, encoder_optimizer, decoder_optimizer, criterion);
      print_loss_total += loss;
      plot_loss_total += loss;
      if (iter % print_every === 0) {
        const print_loss_avg = print_loss_total / print_every;
        print_loss_total = 0;
        n(`(${iter} ${Math.floor(iter / n_iters * 100)}%) ${print_loss_avg.toFixed(4)}`);
      }
      if (iter % plot_every === 0) {
        const plot_loss_avg = plot_loss_total / plot_every;
        plot_losses.push(plot_loss_avg);
        plot_loss_total = 0;
      }
    }
    n(plot_losses);
  };
  trainIters(encoder1, attn_decoder1, 40, { print_every: 10, plot_every: 20, learning_rate: 0.05 });
  const evaluate = (encoder: EncoderRNN, decoder: AttnDecoderRNN, sentence: string, max_length = MAX_LENGTH) =>
    torch.no_grad(() => {
      const input_tensor = tensorFromSentence(input_lang, sentence);
      const input_length = input_tensor.size()[0];
      let encoder_hidden = encoder.initHidden();
      const encoder_outputs = torch.zeros(max_length, encoder.hidden_size);
      for (let ei = 0; ei < input_length; ei++) {
        let encoder_output: Tensor;
        [encoder_output, encoder_hidden] = encoder(input_tensor.index(ei),
          encoder_hidden);
        encoder_outputs.index(ei).add_(encoder_output.index(0, 0));   // encoder_outputs[ei] += ...
      }
      let decoder_input = torch.tensor([[SOS_token]]);   // SOS
      let decoder_hidden = encoder_hidden;
      const decoded_words: string[] = [];
      const decoder_attentions = torch.zeros(max_length, max_length);
      let di = 0;
      for (; di < max_length; di++) {
        let decoder_output: Tensor;
        let decoder_attention: Tensor;
        [decoder_output, decoder_hidden, decoder_attention] = decoder(
          decoder_input, decoder_hidden, encoder_outputs);
        decoder_attentions.set(di, decoder_attention.data);
        const [, topi] = decoder_output.data.topk(1);
        if (item(topi) === EOS_token) {
          decoded_words.push('<EOS>');
          break;
        } else {
          decoded_words.push(output_lang.index2word[item(topi)]);
        }
        decoder_input = topi.squeeze().detach();
      }
      if (di === max_length) di--;   // Python's loop variable stays at its last value
      return [decoded_words, decoder_attentions.index([null, di + 1])] as const;
    });
  const evaluateRandomly = (encoder: EncoderRNN, decoder: AttnDecoderRNN, n_ = 10) => {
    for (let i = 0; i < n_; i++) {
      const pair = randomChoice(pairs);
      p('>', pair[0]);
      p('=', pair[1]);
      const [output_words] = evaluate(encoder, decoder, pair[0]);
      const output_sentence = output_words.join(' ');
      n('<', output_sentence);
      p('');
    }
  };
  evaluateRandomly(encoder1, attn_decoder1, 3);
  const [output_words, attentions] = evaluate(encoder1, attn_decoder1, 'je suis trop froid .');
  n(output_words, attentions.shape);
  n(attentions.index(0));
  e(() => evaluate(encoder1, attn_decoder1, 'je suis trop froid .' + ' .'.repeat(10)));
});

// -------------------------------------------------------------------------------------------------
// beginner/transformer_tutorial.py (as of PyTorch 1.13): nn.TransformerEncoder over nn.Embedding and the
// PositionalEncoding module, trained with SGD, StepLR and clip_grad_norm_ (a tiny inline corpus, a vocabulary
// built by hand in torchtext's order, tiny sizes)
class PositionalEncoding extends nn.Module {
  dropout: torch.nn.Dropout;
  pe!: Tensor;
  constructor(d_model: number, dropout = 0.1, max_len = 5000) {
    super();
    this.dropout = new nn.Dropout({ p: dropout });
    const position = torch.arange(max_len).unsqueeze(1);
    const div_term = torch.exp(torch.arange(0, d_model, 2).mul(-Math.log(10000.0) / d_model));
    const pe = torch.zeros(max_len, 1, d_model);
    pe.set(null, 0, [0, null, 2], torch.sin(position.mul(div_term)));   // pe[:, 0, 0::2] = ...
    pe.set(null, 0, [1, null, 2], torch.cos(position.mul(div_term)));
    this.register_buffer('pe', pe);
  }
  override forward(x: Tensor): Tensor {
    x = x.add(this.pe.index([null, x.size(0)]));
    return this.dropout(x);
  }
}

class TransformerModel extends nn.Module {
  model_type: string;
  pos_encoder: PositionalEncoding;
  transformer_encoder: torch.nn.TransformerEncoder;
  encoder: torch.nn.Embedding;
  d_model: number;
  decoder: torch.nn.Linear;
  constructor(ntoken: number, d_model: number, nhead: number, d_hid: number, nlayers: number, dropout = 0.5) {
    super();
    this.model_type = 'Transformer';
    this.pos_encoder = new PositionalEncoding(d_model, dropout);
    const encoder_layers = new nn.TransformerEncoderLayer(d_model, nhead, d_hid, dropout);
    this.transformer_encoder = new nn.TransformerEncoder(encoder_layers, nlayers);
    this.encoder = new nn.Embedding(ntoken, d_model);
    this.d_model = d_model;
    this.decoder = new nn.Linear(d_model, ntoken);
    this.init_weights();
  }
  init_weights(): void {
    const initrange = 0.1;
    this.encoder.weight.data.uniform_(-initrange, initrange);
    this.decoder.bias!.data.zero_();
    this.decoder.weight.data.uniform_(-initrange, initrange);
  }
  override forward(src: Tensor, src_mask: Tensor): Tensor {
    src = this.encoder(src).mul(Math.sqrt(this.d_model));
    src = this.pos_encoder(src);
    let output = this.transformer_encoder(src, src_mask);
    output = this.decoder(output);
    return output;
  }
}

/** Generates an upper-triangular matrix of -inf, with zeros on diag. */
const generate_square_subsequent_mask = (sz: number) => torch.triu(torch.ones(sz, sz).mul(-Infinity), 1);

const transformer = program(() => {
  const CORPUS = ['The quick brown fox jumps over the lazy dog .',
    'The dog sleeps in the sun , and the fox runs away .',
    'A lazy afternoon : the sun is warm and the dog is happy .',
    'The brown fox comes back over the hill at night .',
    'The dog and the fox are friends now .'];
  const VALID = ['The fox sleeps in the sun .', 'A dog jumps over the brown fox .'];
  const TEST = ['The lazy fox is happy at night .'];
  const tokenizer = (line: string) => words(line.toLowerCase());
  const counter = new Map<string, number>();
  for (const line of CORPUS) for (const tok of tokenizer(line)) counter.set(tok, (counter.get(tok) ?? 0) + 1);
  const itos = ['<unk>', ...[...counter].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([tok]) => tok)];
  const stoi = new Map(itos.map((tok, i) => [tok, i]));
  const vocab = (tokens: string[]) => tokens.map((tok) => stoi.get(tok) ?? stoi.get('<unk>')!);
  p(itos.length, itos.slice(0, 8), vocab(tokenizer('The fox is purple')));
  const data_process = (raw_text_iter: string[]) => {
    const data = raw_text_iter.map((item) => torch.tensor(vocab(tokenizer(item)), { dtype: torch.long }));
    return torch.cat(data.filter((t) => t.numel() > 0));
  };
  let train_data = data_process(CORPUS);
  let val_data = data_process(VALID);
  let test_data = data_process(TEST);
  p(train_data.shape, val_data.shape, test_data.shape, train_data.index([null, 10]));
  const batchify = (data: Tensor, bsz: number) => {
    const seq_len = Math.floor(data.size(0) / bsz);
    data = data.index([null, seq_len * bsz]);
    data = data.view(bsz, seq_len).t().contiguous();
    return data;
  };
  const batch_size = 4;
  const eval_batch_size = 2;
  train_data = batchify(train_data, batch_size);
  val_data = batchify(val_data, eval_batch_size);
  test_data = batchify(test_data, eval_batch_size);
  p(train_data.shape, val_data.shape, test_data.shape);
  p(train_data.index([null, 3]));
  const bptt = 5;
  const get_batch = (source: Tensor, i: number) => {
    const seq_len = Math.min(bptt, source.size(0) - 1 - i);
    const data = source.index([i, i + seq_len]);
    const target = source.index([i + 1, i + 1 + seq_len]).reshape(-1);
    return [data, target] as const;
  };
  const [data, targets] = get_batch(train_data, 0);
  p(data, targets);
  e(() => train_data.view(-1, batch_size * 2 + 1));
  const ntokens = itos.length;
  const emsize = 8;
  const d_hid = 16;
  const nlayers = 2;
  const nhead = 2;
  const dropout = 0.2;
  const model = new TransformerModel(ntokens, emsize, nhead, d_hid, nlayers, dropout);
  p(model);
  p(model.pos_encoder.pe.shape, model.pos_encoder.pe.index([null, 3]));
  p([...model.parameters()].reduce((s, p_) => s + p_.numel(), 0), [...model.named_parameters()].map(([name]) => name).slice(0, 8));
  p(Object.keys(model.state_dict()).slice(0, 3), Object.keys(model.state_dict()).slice(-4));
  const src_mask = generate_square_subsequent_mask(bptt);
  p(src_mask);
  model.eval();
  torch.no_grad(() => {
    const output = model(data, src_mask);
    p(output.shape);
    p(output.index(0, 0));
    e(() => new nn.TransformerEncoderLayer(10, 3));
    e(() => model(data.float(), src_mask));
    e(() => model(data, generate_square_subsequent_mask(bptt + 1)));
    e(() => new nn.CrossEntropyLoss()(output, targets));
    e(() => model(data.t(), src_mask));
    e(() => output.transpose(0, 1).view(-1, ntokens));
    p(output.transpose(0, 1).reshape(-1, ntokens).shape);
    p(new nn.CrossEntropyLoss()(output.view(-1, ntokens), targets));
  });
  const criterion = new nn.CrossEntropyLoss();
  const lr = 5.0;
  const optimizer = new torch.optim.SGD(model.parameters(), { lr });
  const scheduler = new torch.optim.lr_scheduler.StepLR(optimizer, 1.0, { gamma: 0.95 });
  let epoch = 1;
  const train = (model: TransformerModel) => {
    model.train();
    let total_loss = 0;
    const log_interval = 2;
    let src_mask = generate_square_subsequent_mask(bptt);
    const num_batches = Math.floor(train_data.size(0) / bptt);
    for (let batch = 0, i = 0; i < train_data.size(0) - 1; batch++, i += bptt) {
      const [data, targets] = get_batch(train_data, i);
      const seq_len = data.size(0);
      if (seq_len !== bptt) src_mask = src_mask.index([null, seq_len], [null, seq_len]);   // only on last batch
      const output = model(data, src_mask);
      const loss = criterion(output.view(-1, ntokens), targets);
      optimizer.zero_grad();
      loss.backward();
      torch.nn.utils.clip_grad_norm_(model.parameters(), 0.5);
      optimizer.step();
      total_loss += item(loss);
      if (batch % log_interval === 0 && batch > 0) {
        const lr = scheduler.get_last_lr()[0];
        const cur_loss = total_loss / log_interval;
        const ppl = Math.exp(cur_loss);
        n(`| epoch ${String(epoch).padStart(3)} | ${String(batch).padStart(5)}/${String(num_batches).padStart(5)} batches | ` +
          `lr ${lr.toFixed(2).padStart(2, '0')} | loss ${cur_loss.toFixed(2).padStart(5)} | ppl ${ppl.toFixed(2).padStart(8)}`);
        total_loss = 0;
      }
    }
  };
  const evaluate = (model: TransformerModel, eval_data: Tensor) => {
    model.eval();
    let total_loss = 0;
    let src_mask = generate_square_subsequent_mask(bptt);
    torch.no_grad(() => {
      for (let i = 0; i < eval_data.size(0) - 1; i += bptt) {
        const [data, targets] = get_batch(eval_data, i);
        const seq_len = data.size(0);
        if (seq_len !== bptt) src_mask = src_mask.index([null, seq_len], [null, seq_len]);
        const output = model(data, src_mask);
        const output_flat = output.view(-1, ntokens);
        total_loss += seq_len * item(criterion(output_flat, targets));
      }
    });
    return total_loss / (eval_data.size(0) - 1);
  };
  let best_val_loss = Infinity;
  const epochs = 3;
  const best_model_params_path = join(mkdtempSync(join(tmpdir(), 'tocha-tutorials-')), 'best_model_params.pt');
  for (epoch = 1; epoch <= epochs; epoch++) {
    train(model);
    const val_loss = evaluate(model, val_data);
    const val_ppl = Math.exp(val_loss);
    p('-'.repeat(89));
    n(`| end of epoch ${String(epoch).padStart(3)} | valid loss ${val_loss.toFixed(2).padStart(5)} | valid ppl ${val_ppl.toFixed(2).padStart(8)}`);
    p('-'.repeat(89));
    if (val_loss < best_val_loss) {
      best_val_loss = val_loss;
      torch.save(model.state_dict(), best_model_params_path);
    }
    scheduler.step();
  }
  p(model.load_state_dict(torch.load(best_model_params_path)));
  const test_loss = evaluate(model, test_data);
  const test_ppl = Math.exp(test_loss);
  p('='.repeat(89));
  n(`| End of training | test loss ${test_loss.toFixed(2).padStart(5)} | test ppl ${test_ppl.toFixed(2).padStart(8)}`);
  p('='.repeat(89));
  n(optimizer.param_groups[0].lr, scheduler.get_last_lr());
});

// -------------------------------------------------------------------------------------------------
// intermediate_source/custom_function_double_backward_tutorial.py: double backward through custom Functions
// (float32 with gradcheck's float32 settings in place of float64; torchviz's graphs as the node names)
type FunctionCtx = torch.FunctionCtx;
const G32 = { eps: 1e-3, atol: 1e-3, rtol: 1e-2 };

class Square extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
    ctx.save_for_backward(x);
    return x.pow(2);
  }
  static override backward(ctx: FunctionCtx, grad_out: Tensor): Tensor {
    const [x] = ctx.saved_tensors;
    return grad_out.mul(2).mul(x);
  }
}
class Exp extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
    const result = torch.exp(x);
    ctx.save_for_backward(result);
    return result;
  }
  static override backward(ctx: FunctionCtx, grad_out: Tensor): Tensor {
    const [result] = ctx.saved_tensors;
    return result.mul(grad_out);
  }
}
class Sinh extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor[] {
    const expx = torch.exp(x);
    const expnegx = torch.exp(x.neg());
    ctx.save_for_backward(expx, expnegx);
    return [expx.sub(expnegx).div(2), expx, expnegx];
  }
  static override backward(ctx: FunctionCtx, grad_out: Tensor, _grad_out_exp: Tensor, _grad_out_negexp: Tensor): Tensor {
    const [expx, expnegx] = ctx.saved_tensors;
    const grad_input = grad_out.mul(expx.add(expnegx)).div(2);
    grad_input.add_(_grad_out_exp.mul(expx));
    grad_input.sub_(_grad_out_negexp.mul(expnegx));
    return grad_input;
  }
}
const sinh = (x: Tensor) => (Sinh.apply(x) as Tensor[])[0];
class SinhBad extends torch.autograd.Function {
  // This is an example of what NOT to do!
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
    const expx = torch.exp(x);
    const expnegx = torch.exp(x.neg());
    ctx.expx = expx;
    ctx.expnegx = expnegx;
    return expx.sub(expnegx).div(2);
  }
  static override backward(ctx: FunctionCtx, grad_out: Tensor): Tensor {
    const expx = ctx.expx as Tensor;
    const expnegx = ctx.expnegx as Tensor;
    return grad_out.mul(expx.add(expnegx)).div(2);
  }
}
const cube_forward = (x: Tensor) => x.pow(3);
const cube_backward = (grad_out: Tensor, x: Tensor) => grad_out.mul(3).mul(x.pow(2));
const cube_backward_backward = (grad_out: Tensor, sav_grad_out: Tensor, x: Tensor) => grad_out.mul(sav_grad_out).mul(6).mul(x);
const cube_backward_backward_grad_out = (grad_out: Tensor, x: Tensor) => grad_out.mul(3).mul(x.pow(2));
class Cube extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
    ctx.save_for_backward(x);
    return cube_forward(x);
  }
  static override backward(ctx: FunctionCtx, grad_out: Tensor): Tensor | Tensor[] {
    const [x] = ctx.saved_tensors;
    return CubeBackward.apply(grad_out, x);
  }
}
class CubeBackward extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, grad_out: Tensor, x: Tensor): Tensor {
    ctx.save_for_backward(x, grad_out);
    return cube_backward(grad_out, x);
  }
  static override backward(ctx: FunctionCtx, grad_out: Tensor): Tensor[] {
    const [x, sav_grad_out] = ctx.saved_tensors;
    const dx = cube_backward_backward(grad_out, sav_grad_out, x);
    const dgrad_out = cube_backward_backward_grad_out(grad_out, x);
    return [dgrad_out, dx];
  }
}
// a backward that returns one gradient too many, and one of the wrong shape
class CubeTooMany extends Cube {
  static override backward(ctx: FunctionCtx, grad_out: Tensor): Tensor[] {
    const [x] = ctx.saved_tensors;
    return [grad_out.mul(3).mul(x.pow(2)), grad_out];
  }
}
class CubeShape extends Cube {
  static override backward(ctx: FunctionCtx, grad_out: Tensor): Tensor {
    const [x] = ctx.saved_tensors;
    return grad_out.mul(3).mul(x.pow(2)).index(torch.slice(null, 1));
  }
}

const double_backward = program(() => {
  const { gradcheck, gradgradcheck } = torch.autograd;
  let x = torch.rand([3, 3], { requires_grad: true });
  p(gradcheck((t: Tensor) => Square.apply(t), x, G32));
  p(gradgradcheck((t: Tensor) => Square.apply(t), x, G32));
  x = torch.tensor(1, { dtype: f32, requires_grad: true }).clone();
  let res = Square.apply(x);
  let [grad_x] = torch.autograd.grad(res, x, { create_graph: true }) as Tensor[];
  p(grad_x, res, grad_x.grad_fn!.name(), grad_x.grad_fn!.next_functions.filter(([f]) => f !== null).map(([f]) => f!.name()));
  x = torch.tensor(1, { dtype: f32, requires_grad: true }).clone();
  p(gradcheck((t: Tensor) => Exp.apply(t), x, G32));
  p(gradgradcheck((t: Tensor) => Exp.apply(t), x, G32));
  res = Exp.apply(x);
  [grad_x] = torch.autograd.grad(res, x, { create_graph: true }) as Tensor[];
  p(grad_x, grad_x.grad_fn!.name());
  const [gg] = torch.autograd.grad(grad_x, x);
  p(gg);
  x = torch.rand([3, 3], { requires_grad: true });
  p(gradcheck(sinh, x, G32));
  p(gradgradcheck(sinh, x, G32));
  res = sinh(x);
  [grad_x] = torch.autograd.grad(res.sum(), x, { create_graph: true }) as Tensor[];
  p(res, grad_x);
  p(torch.autograd.grad(grad_x.sum(), x)[0]);
  res = SinhBad.apply(x);
  [grad_x] = torch.autograd.grad(res.sum(), x, { create_graph: true }) as Tensor[];
  p(grad_x.requires_grad, grad_x.grad_fn);
  // the second backward of the bad version: grad_x has no graph
  e(() => torch.autograd.grad(grad_x.sum(), x));
  e(() => grad_x.sum().backward());
  x = torch.tensor(2, { dtype: f32, requires_grad: true });
  p(gradcheck((t: Tensor) => Cube.apply(t), x, G32));
  p(gradgradcheck((t: Tensor) => Cube.apply(t), x, G32));
  res = Cube.apply(x);
  [grad_x] = torch.autograd.grad(res, x, { create_graph: true }) as Tensor[];
  p(res, grad_x, grad_x.grad_fn!.name());
  p(tuple(...torch.autograd.grad(grad_x, x)));
  e(() => CubeTooMany.apply(x).backward());
  e(() => CubeShape.apply(torch.tensor([2, 3], { dtype: f32, requires_grad: true })).sum().backward());
});

// -------------------------------------------------------------------------------------------------
// intermediate_source/custom_function_conv_bn_tutorial.py: a fused Conv2d + BatchNorm Function (float32 gradchecks),
// the FusedConvBN module, and the MNIST net fused and unfused on synthetic digits for a few steps
const { once_differentiable } = torch.autograd.function;

function convolution_backward(grad_out: Tensor, X: Tensor, weight: Tensor): Tensor[] {
  const grad_input = F.conv2d(X.transpose(0, 1), grad_out.transpose(0, 1)).transpose(0, 1);
  const grad_X = F.conv_transpose2d(grad_out, weight);
  return [grad_X, grad_input];
}
class Conv2D extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, X: Tensor, weight: Tensor): Tensor {
    ctx.save_for_backward(X, weight);
    return F.conv2d(X, weight);
  }
  // @once_differentiable
  static override backward = once_differentiable((ctx: FunctionCtx, grad_out: Tensor) => {
    const [X, weight] = ctx.saved_tensors;
    return convolution_backward(grad_out, X, weight);
  });
}
const unsqueeze_all = (t: Tensor) => t.view(1, -1, 1, 1);   // t[None, :, None, None] (null is ':' in tocha's index)
function batch_norm_backward(grad_out: Tensor, X: Tensor, sum: Tensor, sqrt_var: Tensor, N: number, eps: number): Tensor {
  const tmp = X.sub(unsqueeze_all(sum).div(N)).mul(grad_out).sum([0, 2, 3]).neg();
  const d_denom = tmp.div(sqrt_var.add(eps).pow(2));
  const d_var = d_denom.div(sqrt_var.mul(2));
  let d_mean_dx = grad_out.div(unsqueeze_all(sqrt_var.add(eps)));
  d_mean_dx = unsqueeze_all(d_mean_dx.sum([0, 2, 3]).neg().div(N));
  const grad_input = X.mul(unsqueeze_all(d_var.mul(N)));
  grad_input.add_(unsqueeze_all(d_var.neg().mul(sum)));
  grad_input.mul_(2 / ((N - 1) * N));
  grad_input.add_(d_mean_dx);
  grad_input.mul_(unsqueeze_all(sqrt_var.add(eps)));
  grad_input.add_(grad_out);
  grad_input.div_(unsqueeze_all(sqrt_var.add(eps)));
  return grad_input;
}
class BatchNormFn extends torch.autograd.Function {   // the tutorial's BatchNorm (nn.BatchNorm* are other names here)
  static override forward(ctx: FunctionCtx, X: Tensor, eps = 1e-3): Tensor {
    const sum = X.sum([0, 2, 3]);
    const var_ = X.var([0, 2, 3], { unbiased: true });
    const N = X.numel() / X.size(1);
    const sqrt_var = torch.sqrt(var_);
    ctx.save_for_backward(X);
    ctx.eps = eps;
    ctx.sum = sum;
    ctx.N = N;
    ctx.sqrt_var = sqrt_var;
    const mean = sum.div(N);
    const denom = sqrt_var.add(eps);
    return X.sub(unsqueeze_all(mean)).div(unsqueeze_all(denom));
  }
  static override backward = once_differentiable((ctx: FunctionCtx, grad_out: Tensor) => {
    const [X] = ctx.saved_tensors;
    return batch_norm_backward(grad_out, X, ctx.sum as Tensor, ctx.sqrt_var as Tensor, ctx.N as number, ctx.eps as number);
  });
}
class FusedConvBN2DFunction extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, X: Tensor, conv_weight: Tensor, eps = 1e-3): Tensor {
    if (X.ndim !== 4) throw new Error('AssertionError');  // N, C, H, W
    ctx.save_for_backward(X, conv_weight);
    X = F.conv2d(X, conv_weight);
    const sum = X.sum([0, 2, 3]);
    const var_ = X.var([0, 2, 3], { unbiased: true });
    const N = X.numel() / X.size(1);
    const sqrt_var = torch.sqrt(var_);
    ctx.eps = eps;
    ctx.sum = sum;
    ctx.N = N;
    ctx.sqrt_var = sqrt_var;
    const mean = sum.div(N);
    const denom = sqrt_var.add(eps);
    const out = X.sub(unsqueeze_all(mean));
    out.div_(unsqueeze_all(denom));
    return out;
  }
  static override backward(ctx: FunctionCtx, grad_out: Tensor): (Tensor | null)[] {
    const [X, conv_weight] = ctx.saved_tensors;
    const X_conv_out = F.conv2d(X, conv_weight);
    grad_out = batch_norm_backward(grad_out, X_conv_out, ctx.sum as Tensor, ctx.sqrt_var as Tensor, ctx.N as number, ctx.eps as number);
    const [grad_X, grad_input] = convolution_backward(grad_out, X, conv_weight);
    return [grad_X, grad_input, null, null, null, null, null];
  }
}
class FusedConvBN extends nn.Module {
  conv_weight: torch.nn.Parameter;
  num_features: number;
  eps: number;
  constructor(in_channels: number, out_channels: number, kernel_size: number, exp_avg_factor = 0.1, eps = 1e-3) {
    super();
    void exp_avg_factor;
    const weight_shape = [out_channels, in_channels, kernel_size, kernel_size];
    this.conv_weight = new nn.Parameter(torch.empty(weight_shape));
    const num_features = out_channels;
    this.num_features = num_features;
    this.eps = eps;
    this.reset_parameters();
  }
  override forward(X: Tensor): Tensor {
    return FusedConvBN2DFunction.apply(X, this.conv_weight, this.eps);
  }
  reset_parameters(): void {
    nn.init.kaiming_uniform_(this.conv_weight, { a: Math.sqrt(5) });
  }
}
type Loader = InstanceType<typeof DataLoader<Tensor[], Tensor[]>>;
const len = (d: unknown) => (d as { length: number }).length;   // len(dataset)
class NetCB extends nn.Module {
  fused: boolean;
  convbn1?: FusedConvBN; convbn2?: FusedConvBN;
  conv1?: torch.nn.Conv2d; bn1?: torch.nn.BatchNorm2d; conv2?: torch.nn.Conv2d; bn2?: torch.nn.BatchNorm2d;
  fc1: torch.nn.Linear; dropout: torch.nn.Dropout; fc2: torch.nn.Linear;
  constructor(fused = true) {
    super();
    this.fused = fused;
    if (fused) {
      this.convbn1 = new FusedConvBN(1, 4, 3);
      this.convbn2 = new FusedConvBN(4, 8, 3);
    } else {
      this.conv1 = new nn.Conv2d(1, 4, 3, 1, { bias: false });
      this.bn1 = new nn.BatchNorm2d(4, { affine: false, track_running_stats: false });
      this.conv2 = new nn.Conv2d(4, 8, 3, 1, { bias: false });
      this.bn2 = new nn.BatchNorm2d(8, { affine: false, track_running_stats: false });
    }
    this.fc1 = new nn.Linear(8 * 6 * 6, 16);
    this.dropout = new nn.Dropout(0.5);
    this.fc2 = new nn.Linear(16, 10);
  }
  override forward(x: Tensor): Tensor {
    x = this.fused ? this.convbn1!(x) : this.bn1!(this.conv1!(x));
    x = F.relu(x);
    x = this.fused ? this.convbn2!(x) : this.bn2!(this.conv2!(x));
    x = F.relu(x);
    x = F.max_pool2d(x, 2);
    x = F.relu(x);
    x = x.flatten(1);
    x = this.fc1(x);
    x = this.dropout(x);
    x = F.relu(x);
    x = this.fc2(x);
    return F.log_softmax(x, { dim: 1 });
  }
}

const conv_bn = program(() => {
  const { gradcheck } = torch.autograd;
  let weight = torch.rand([5, 3, 3, 3], { requires_grad: true });
  let X = torch.rand([2, 3, 5, 5], { requires_grad: true });
  p(gradcheck((a: Tensor, b: Tensor) => Conv2D.apply(a, b), [X, weight], { eps: 1e-2, atol: 1e-2, rtol: 1e-2 }));
  const y = Conv2D.apply(X, weight);
  let [gX, gW] = torch.autograd.grad(y.sum(), [X, weight], { create_graph: true }) as Tensor[];
  p(gX.requires_grad, gW.sum());
  // a gradient that itself requires grad: once_differentiable's outputs refuse a second backward
  [gX, gW] = torch.autograd.grad(y, [X, weight], { grad_outputs: torch.ones_like(y, { requires_grad: true }), create_graph: true }) as Tensor[];
  p(gX.requires_grad, gX.grad_fn!.name(), gW.sum());
  e(() => gX.sum().backward());
  const a = torch.rand([1, 2, 3, 4], { requires_grad: true });
  p(gradcheck((t: Tensor) => BatchNormFn.apply(t), [a], { fast_mode: false, eps: 1e-2, atol: 1e-2, rtol: 1e-2 }));
  n(BatchNormFn.apply(a).index(0, 0));
  weight = torch.rand([5, 3, 3, 3], { requires_grad: true });
  X = torch.rand([2, 3, 4, 4], { requires_grad: true });
  p(gradcheck((a: Tensor, b: Tensor) => FusedConvBN2DFunction.apply(a, b), [X, weight], { eps: 1e-2, atol: 1e-2, rtol: 1e-2 }));
  // the channels of the weight are not the input's
  e(() => FusedConvBN2DFunction.apply(X, weight.transpose(0, 1)));
  const train_cb = (model: NetCB, train_loader: Loader, optimizer: torch.optim.Optimizer, epoch: number) => {
    model.train();
    let batch_idx = 0;
    for (const [data, target] of train_loader as Iterable<Tensor[]>) {
      optimizer.zero_grad();
      const output = model(data);
      const loss = F.nll_loss(output, target);
      loss.backward();
      optimizer.step();
      if (batch_idx % 2 === 0) {
        n(`Train Epoch: ${epoch} [${batch_idx * data.size(0)}/${len(train_loader.dataset)} ` +
          `(${(100 * batch_idx / train_loader.length).toFixed(0)}%)]\tLoss: ${item(loss).toFixed(6)}`);
      }
      batch_idx++;
    }
  };
  const test_cb = (model: NetCB, test_loader: Loader) => {
    model.eval();
    let test_loss = 0;
    let correct = 0;
    torch.inference_mode(() => {
      for (const [data, target] of test_loader as Iterable<Tensor[]>) {
        const output = model(data);
        test_loss += item(F.nll_loss(output, target, { reduction: 'sum' }));
        const pred = output.argmax({ dim: 1, keepdim: true });
        correct += item(pred.eq(target.view_as(pred)).sum());
      }
    });
    test_loss /= len(test_loader.dataset);
    n(`\nTest set: Average loss: ${test_loss.toFixed(4)}, Accuracy: ${correct}/${len(test_loader.dataset)} ` +
      `(${(100 * correct / len(test_loader.dataset)).toFixed(0)}%)\n`);
  };
  const digits = torch.rand(48, 1, 16, 16).sub(0.1307).div(0.3081);
  const labels = torch.randint(0, 10, [48]);
  const train_loader = new DataLoader(new TensorDataset(digits.index(torch.slice(null, 32)), labels.index(torch.slice(null, 32))), { batch_size: 8 });
  const test_loader = new DataLoader(new TensorDataset(digits.index(torch.slice(32)), labels.index(torch.slice(32))), { batch_size: 8 });
  for (const fused of [true, false]) {
    torch.manual_seed(123456);
    const model = new NetCB(fused);
    p(model);
    const optimizer = new optim.Adadelta(model.parameters(), { lr: 1.0 });
    const scheduler = new optim.lr_scheduler.StepLR(optimizer, { step_size: 1, gamma: 0.7 });
    for (let epoch = 0; epoch < 2; epoch++) {
      train_cb(model, train_loader, optimizer, epoch);
      test_cb(model, test_loader);
      scheduler.step();
    }
    n(scheduler.get_last_lr());
  }
});

// -------------------------------------------------------------------------------------------------
// intermediate_source/autograd_saved_tensors_hooks_tutorial.py: pack / unpack hooks, save_on_cpu (the grad_fn's
// _saved_* attributes and the files on disk left out)
class ModelSH extends nn.Module {
  w = new nn.Parameter(torch.randn(5));
  override forward(x: Tensor): Tensor {
    return torch.autograd.graph.save_on_cpu(false, () => this.w.mul(x));
  }
}
class SaveToCpu extends nn.Module {
  constructor(public module: torch.nn.Module) { super(); }
  override forward(...args: unknown[]): unknown {
    return torch.autograd.graph.save_on_cpu(false, () => this.module(...args));
  }
}

const saved_hooks = program(() => {
  const { saved_tensors_hooks } = torch.autograd.graph;
  let a = torch.randn(5, { requires_grad: true });
  let b = torch.ones(5, { requires_grad: true });
  let y = a.mul(b);
  const f = (x: Tensor) => x.mul(x);
  let x = torch.randn(5, { requires_grad: true });
  y = f(f(f(x)));
  p(y);
  let pack_hook = (x: Tensor): unknown => { p('Packing', x); return x; };
  let unpack_hook = (x: any): Tensor => { p('Unpacking', x); return x; }; // eslint-disable-line @typescript-eslint/no-explicit-any
  a = torch.ones(5, { requires_grad: true });
  b = torch.ones(5, { requires_grad: true }).mul(2);
  y = saved_tensors_hooks(pack_hook, unpack_hook, () => a.mul(b));
  y.sum().backward();
  p(a.grad, b.grad);
  x = torch.randn(5, { requires_grad: true });
  y = saved_tensors_hooks((x) => x.mul(4), (x: Tensor) => x.div(4), () => torch.pow(x, 2));
  y.sum().backward();
  p(x.grad!.equal(x.mul(2)));
  const storage: Tensor[] = [];
  const pack = (x: Tensor) => { storage.push(x); return storage.length - 1; };
  const unpack = (x: number) => storage[x];
  x = torch.randn(5, { requires_grad: true });
  y = saved_tensors_hooks(pack, unpack, () => x.mul(x));
  y.sum().backward();
  p(x.grad!.equal(x.mul(2)), storage.length);
  const pack2 = (x: Tensor) => {
    const delta = torch.randn(...x.size());
    return [x.sub(delta), (x: Tensor) => x.add(delta)] as const;
  };
  const unpack2 = (packed: readonly [Tensor, (x: Tensor) => Tensor]) => {
    const [x, f] = packed;
    return f(x);
  };
  x = torch.randn(5, { requires_grad: true });
  y = saved_tensors_hooks(pack2, unpack2, () => x.mul(x));
  y.sum().backward();
  p(torch.allclose(x.grad!, x.mul(2)));
  pack_hook = (x: Tensor) => [x.device, x.cpu()];
  unpack_hook = (packed: [torch.device, Tensor]) => { const [device, tensor] = packed; return tensor.to(device); };
  x = torch.randn(5, { requires_grad: true });
  y = saved_tensors_hooks(pack_hook, unpack_hook, () => x.mul(x));
  y.sum().backward();
  p(torch.allclose(x.grad!, x.mul(2)));
  x = torch.randn(5);
  let model: torch.nn.Module = new ModelSH();
  let loss = (model(x) as Tensor).sum();
  loss.backward();
  p((model as ModelSH).w.grad, x);
  model = new nn.Sequential(
    new nn.Linear(10, 100),
    new SaveToCpu(new nn.Linear(100, 100)),
    new nn.Linear(100, 10),
  );
  p(model);
  x = torch.randn(10);
  loss = (model(x) as Tensor).sum();
  loss.backward();
  n(loss, (((model as torch.nn.Sequential).get(1) as SaveToCpu).module as torch.nn.Linear).bias!.grad!.index(torch.slice(null, 5)));
  // only tensors of at least SAVE_ON_DISK_THRESHOLD elements go "to disk" (a dict in place of files)
  const SAVE_ON_DISK_THRESHOLD = 1000;
  const disk: Record<string, Tensor> = {};
  const packDisk = (x: Tensor) => {
    if (x.numel() < SAVE_ON_DISK_THRESHOLD) return x;
    const name = `file${Object.keys(disk).length}`;
    disk[name] = x.clone();
    return name;
  };
  const unpackDisk = (tensor_or_name: Tensor | string) => (tensor_or_name instanceof torch.Tensor ? tensor_or_name : disk[tensor_or_name]);
  class SaveToDisk extends nn.Module {
    constructor(public module: torch.nn.Linear) { super(); }
    override forward(...args: unknown[]): unknown {
      return saved_tensors_hooks(packDisk, unpackDisk, () => this.module(...(args as [Tensor])));
    }
  }
  const net = new nn.Sequential(new SaveToDisk(new nn.Linear(50, 40)), new nn.ReLU(), new SaveToDisk(new nn.Linear(40, 10)));
  const res = net(torch.randn(30, 50)) as Tensor;
  p(Object.keys(disk).sort());
  res.sum().backward();
  n((net.get(0) as SaveToDisk).module.weight.grad!.sum(), (net.get(2) as SaveToDisk).module.bias!.grad);
  // an unpack hook that returns something else than a tensor, and one of another shape
  x = torch.randn(5, { requires_grad: true });
  y = saved_tensors_hooks((t) => t, () => 1 as unknown as Tensor, () => x.mul(x));
  e(() => y.sum().backward());
  y = saved_tensors_hooks((t) => t, (t: Tensor) => t.index(torch.slice(null, 2)), () => x.mul(x));
  e(() => y.sum().backward());
});

// -------------------------------------------------------------------------------------------------
// intermediate_source/parametrizations_tutorial.py (as its later versions fix it: nn.Conv2d, super().__init__() in
// CayleyMap, torch.linalg.solve for the removed torch.solve, torch.linalg.eigvalsh for torch.symeig, Linear(4, 4) for
// the cached example; the asserts printed; Skew's right_inverse needs skew-symmetric weights to register on)
const P = nn.utils.parametrize;
const symmetricFn = (X: Tensor) => X.triu().add(X.triu(1).transpose(-1, -2));
class LinearSymmetric extends nn.Module {
  weight: torch.nn.Parameter;
  constructor(n_features: number) {
    super();
    this.weight = new nn.Parameter(torch.rand(n_features, n_features));
  }
  override forward(x: Tensor): Tensor {
    const A = symmetricFn(this.weight);
    return x.matmul(A);                                    // x @ A
  }
}
class Symmetric extends nn.Module {
  override forward(X: Tensor): Tensor {
    return X.triu().add(X.triu(1).transpose(-1, -2));
  }
}
class Skew extends nn.Module {
  override forward(X: Tensor): Tensor {
    const A = X.triu(1);
    return A.sub(A.transpose(-1, -2));
  }
}
class NoisyParametrization extends nn.Module {
  override forward(X: Tensor): Tensor {
    p('Computing the Parametrization');
    return X;
  }
}
class CayleyMap extends nn.Module {
  declare Id: Tensor;
  constructor(n: number) {
    super();
    this.register_buffer('Id', torch.eye(n));
  }
  override forward(X: Tensor): Tensor {
    // (I + X)(I - X)^{-1}
    return torch.linalg.solve(this.Id.sub(X), this.Id.add(X));
  }
}
const SkewBase = Skew;
const CayleyMapBase = CayleyMap;
class MatrixExponential extends nn.Module {
  override forward(X: Tensor): Tensor {
    return torch.matrix_exp(X);
  }
}
const SkewInv = class Skew extends SkewBase {              // the tutorial's second Skew, with right_inverse
  is_skew(X: Tensor): boolean {
    return torch.allclose(X, X.transpose(-1, -2).neg(), { atol: 1e-6 });  // (atol: the Cayley map's float32 solve)
  }
  right_inverse(A: Tensor): Tensor {
    if (!this.is_skew(A)) throw new RangeError(`The provided matrix ${A} is not skew-symmetric`);   // ValueError
    return A.triu(1);
  }
};
const CayleyMapInv = class CayleyMap extends CayleyMapBase {   // the tutorial's second CayleyMap, with right_inverse
  right_inverse(A: Tensor): Tensor {
    // (A - I)(A + I)^{-1}
    return torch.linalg.solve(A.add(this.Id), A.sub(this.Id));
  }
};
class PruningParametrization extends nn.Module {
  mask: Tensor;
  constructor(X: Tensor, p_drop = 0.2) {
    super();
    // sample zeros with probability p_drop
    const mask = torch.full_like(X, 1.0 - p_drop);
    this.mask = torch.bernoulli(mask);
  }
  override forward(X: Tensor): Tensor {
    return X.mul(this.mask);
  }
  right_inverse(A: Tensor): Tensor {
    return A;
  }
}
function skew_linear(n: number): torch.nn.Linear {
  const layer = new nn.Linear(n, n);
  torch.no_grad(() => { layer.weight.copy_(layer.weight.sub(layer.weight.T)); });
  return layer;
}
const weightOf = (m: torch.nn.Module) => (m as unknown as { weight: Tensor }).weight;
const setWeight = (m: torch.nn.Module, w: Tensor) => { (m as unknown as { weight: Tensor }).weight = w; };   // m.weight = w

const parametrizations = program(() => {
  let X = torch.rand(3, 3);
  let A = symmetricFn(X);
  p(A);
  p(torch.allclose(A, A.T));
  let layer: torch.nn.Module = new LinearSymmetric(3);
  const res = layer(torch.rand(8, 3)) as Tensor;
  p(res);
  layer = new nn.Linear(3, 3);
  P.register_parametrization(layer, 'weight', new Symmetric());
  A = weightOf(layer);
  p(A);
  p(torch.allclose(A, A.T));
  const cnn = new nn.Conv2d({ in_channels: 5, out_channels: 8, kernel_size: 3 });
  P.register_parametrization(cnn, 'weight', new Skew());
  p(cnn.weight.index(0, 1));
  p(cnn.weight.index(2, 2));
  layer = new nn.Linear(3, 3);
  p(`Unparametrized:\n${layer}`);
  const pl = P.register_parametrization(layer, 'weight', new Symmetric());
  p(`Parametrized:\n${layer}`);
  p(pl.parametrizations.weight.get(0));
  p(Object.fromEntries(layer.named_parameters()));      // dict(layer.named_parameters())
  p(pl.parametrizations.weight.original);
  const symmetric = new Symmetric();
  p(torch.allclose(weightOf(layer), symmetric(pl.parametrizations.weight.original)));
  layer = new nn.Linear(4, 4);
  P.register_parametrization(layer, 'weight', new NoisyParametrization());
  p('Here, layer.weight is recomputed every time we call it');
  let foo = weightOf(layer).add(weightOf(layer).T);
  let bar = weightOf(layer).sum();
  P.cached(() => {
    p('Here, it is computed just the first time layer.weight is called');
    foo = weightOf(layer).add(weightOf(layer).T);
    bar = weightOf(layer).sum();
  });
  void foo; void bar;
  layer = new nn.Linear(3, 3);
  P.register_parametrization(layer, 'weight', new Skew());
  P.register_parametrization(layer, 'weight', new CayleyMap(3));
  X = weightOf(layer);
  p(torch.allclose(X.T.matmul(X), torch.eye(3), { atol: 1e-6 }));   // X is orthogonal
  p(layer);
  let layer_orthogonal: torch.nn.Module = new nn.Linear(3, 3);
  P.register_parametrization(layer_orthogonal, 'weight', new Skew());
  P.register_parametrization(layer_orthogonal, 'weight', new MatrixExponential());
  X = weightOf(layer_orthogonal);
  p(torch.allclose(X.T.matmul(X), torch.eye(3), { atol: 1e-6 }));   // X is orthogonal
  const layer_spd = new nn.Linear(3, 3);
  P.register_parametrization(layer_spd, 'weight', new Symmetric());
  P.register_parametrization(layer_spd, 'weight', new MatrixExponential());
  X = weightOf(layer_spd);
  p(torch.allclose(X, X.T));                             // X is symmetric
  p(torch.linalg.eigvalsh(X).gt(0).all());               // X is positive definite
  // registering calls right_inverse on the current weight, which must be skew-symmetric then (the layers below are made so)
  e(() => P.register_parametrization(new nn.Linear(3, 3), 'weight', new SkewInv()));
  layer = skew_linear(3);
  P.register_parametrization(layer, 'weight', new SkewInv());
  X = torch.rand(3, 3);
  X = X.sub(X.T);                                        // X is now skew-symmetric
  setWeight(layer, X);                                   // Initialize layer.weight to be X
  p(torch.allclose(weightOf(layer), X));
  e(() => setWeight(layer, torch.rand(3, 3)));
  layer_orthogonal = skew_linear(3);
  P.register_parametrization(layer_orthogonal, 'weight', new SkewInv());
  P.register_parametrization(layer_orthogonal, 'weight', new CayleyMapInv(3));
  X = torch.empty(3, 3);
  nn.init.orthogonal_(X);
  if (item(X.det()) < 0) X.index(0).neg_();
  setWeight(layer_orthogonal, X);
  p(torch.allclose(X, weightOf(layer_orthogonal), { atol: 1e-6 }));
  layer = new nn.Linear(3, 4);
  P.register_parametrization(layer, 'weight', new PruningParametrization(weightOf(layer)));
  p(weightOf(layer));
  for (const leave_parametrized of [true, false]) {
    layer = skew_linear(3);
    p(layer);
    p(weightOf(layer));
    P.register_parametrization(layer, 'weight', new SkewInv());
    p(layer);
    p(weightOf(layer));
    P.remove_parametrizations(layer, 'weight', leave_parametrized);
    p(layer);
    p(weightOf(layer));
  }
  // mistakes: removing twice, a typo in the name, a parametrization that changes the shape, assigning without
  // right_inverse
  e(() => P.remove_parametrizations(layer, 'weight'));
  e(() => P.register_parametrization(layer, 'weigth', new Symmetric()));
  e(() => P.register_parametrization(new nn.Linear(3, 4), 'weight', new Symmetric()));
  layer = new nn.Linear(3, 3);
  P.register_parametrization(layer, 'weight', new Symmetric());
  e(() => setWeight(layer, torch.eye(3)));
});

// -------------------------------------------------------------------------------------------------
// intermediate_source/pruning_tutorial.py: torch.nn.utils.prune on LeNet (the hooks and containers printed as their
// class names: their reprs hold addresses; the state_dict keys as a list)
const prune = nn.utils.prune;
class LeNetP extends nn.Module {
  conv1: torch.nn.Conv2d; conv2: torch.nn.Conv2d; fc1: torch.nn.Linear; fc2: torch.nn.Linear; fc3: torch.nn.Linear;
  constructor() {
    super();
    // 1 input image channel, 6 output channels, 3x3 square conv kernel
    this.conv1 = new nn.Conv2d(1, 6, 3);
    this.conv2 = new nn.Conv2d(6, 16, 3);
    this.fc1 = new nn.Linear(16 * 5 * 5, 120);  // 5x5 image dimension
    this.fc2 = new nn.Linear(120, 84);
    this.fc3 = new nn.Linear(84, 10);
  }
  override forward(x: Tensor): Tensor {
    x = F.max_pool2d(F.relu(this.conv1(x)), [2, 2]);
    x = F.max_pool2d(F.relu(this.conv2(x)), 2);
    x = x.flatten({ start_dim: 1 });
    x = F.relu(this.fc1(x));
    x = F.relu(this.fc2(x));
    x = this.fc3(x);
    return x;
  }
}
class FooBarPruningMethod extends prune.BasePruningMethod {
  // Prune every other entry in a tensor
  static override PRUNING_TYPE = 'unstructured';
  compute_mask(t: Tensor, default_mask: Tensor): Tensor {
    void t;
    const mask = default_mask.clone();
    mask.view(-1).set(torch.slice(null, null, 2), 0);    // mask.view(-1)[::2] = 0
    return mask;
  }
}
function foobar_unstructured(module: torch.nn.Module, name: string): torch.nn.Module {
  FooBarPruningMethod.apply(module, name);
  return module;
}
const hookNames = (m: torch.nn.Module) => [...m._forwardPreHooks.values()].map((h) => h.constructor.name);   // module._forward_pre_hooks
const attrOf = (m: torch.nn.Module, k: string) => (m as unknown as Record<string, Tensor>)[k];

const pruning = program(() => {
  let model = new LeNetP();
  let module: torch.nn.Module = model.conv1;
  p([...module.named_parameters()].map(([k, v]) => tuple(k, v)));   // list(module.named_parameters())
  p([...module.named_buffers()].map(([k, v]) => tuple(k, v)));
  prune.random_unstructured(module, { name: 'weight', amount: 0.3 });
  p([...module.named_parameters()].map(([k, v]) => tuple(k, v)));
  p([...module.named_buffers()].map(([k, v]) => tuple(k, v)));
  p(attrOf(module, 'weight'));
  p(hookNames(module));
  prune.l1_unstructured(module, { name: 'bias', amount: 3 });
  p([...module.named_parameters()].map(([k, v]) => tuple(k, v)));
  p([...module.named_buffers()].map(([k, v]) => tuple(k, v)));
  p(attrOf(module, 'bias'));
  p(hookNames(module));
  prune.ln_structured(module, { name: 'weight', amount: 0.5, n: 2, dim: 0 });
  p(attrOf(module, 'weight'));
  let hook!: torch.nn.utils.prune.PruningContainer;
  for (const h of module._forwardPreHooks.values()) {
    hook = h as unknown as torch.nn.utils.prune.PruningContainer;
    if (hook._tensor_name === 'weight') break;          // select out the correct hook
  }
  p([...hook].map((m) => m.constructor.name));
  p(Object.keys(model.state_dict()));
  p([...module.named_parameters()].map(([k, v]) => tuple(k, v)));
  p([...module.named_buffers()].map(([k, v]) => tuple(k, v)));
  p(attrOf(module, 'weight'));
  prune.remove(module, 'weight');
  p([...module.named_parameters()].map(([k, v]) => tuple(k, v)));
  p([...module.named_buffers()].map(([k, v]) => tuple(k, v)));
  // the pruned model still runs, and the gradient reaching bias_orig is masked
  const images = torch.randn(2, 1, 28, 28);
  const res = model(images);
  p(res);
  res.sum().backward();
  p(attrOf(module, 'bias_orig').grad);
  const new_model = new LeNetP();
  for (const [, module] of new_model.named_modules()) {
    // prune 20% of connections in all 2D-conv layers
    if (module instanceof torch.nn.Conv2d) prune.l1_unstructured(module, { name: 'weight', amount: 0.2 });
    // prune 40% of connections in all linear layers
    else if (module instanceof torch.nn.Linear) prune.l1_unstructured(module, { name: 'weight', amount: 0.4 });
  }
  p([...new_model.named_buffers()].map(([k]) => k));     // dict(new_model.named_buffers()).keys()
  model = new LeNetP();
  const parameters_to_prune = [
    [model.conv1, 'weight'],
    [model.conv2, 'weight'],
    [model.fc1, 'weight'],
    [model.fc2, 'weight'],
    [model.fc3, 'weight'],
  ] as const;
  prune.global_unstructured(parameters_to_prune, prune.L1Unstructured, { amount: 0.2 });
  const zeros = (w: Tensor) => item(torch.sum(w.eq(0)));
  for (const name of ['conv1', 'conv2', 'fc1', 'fc2', 'fc3'] as const) {
    const w = attrOf(model[name], 'weight');
    p(`Sparsity in ${name}.weight: ${(100 * zeros(w) / w.nelement()).toFixed(2)}%`);
  }
  const ws = parameters_to_prune.map(([m]) => attrOf(m, 'weight'));
  p(`Global sparsity: ${(100 * ws.reduce((a, w) => a + zeros(w), 0) / ws.reduce((a, w) => a + w.nelement(), 0)).toFixed(2)}%`);
  model = new LeNetP();
  foobar_unstructured(model.fc3, 'bias');
  p(attrOf(model.fc3, 'bias_mask'));
  // mistakes: removing what is not pruned, more entries than there are, a share above 1, structured pruning of a
  // vector (the module is left as it was)
  e(() => prune.remove(model.fc2, 'weight'));
  e(() => prune.l1_unstructured(model.fc2, 'bias', { amount: 100 }));
  e(() => prune.random_unstructured(model.fc2, 'weight', { amount: 1.5 }));
  e(() => prune.ln_structured(model.fc2, 'bias', { amount: 0.5, n: 2, dim: 0 }));
  p([...model.fc2.named_parameters()].map(([name]) => name), prune.is_pruned(model.fc2), prune.is_pruned(model));
});

// -------------------------------------------------------------------------------------------------
// beginner_source/fgsm_tutorial.py: the FGSM attack on the tutorial's LeNet with random weights (no pretrained
// download; its state_dict saved and loaded in memory) and 12 synthetic digits labelled mostly by its own predictions,
// batch_size=1 without shuffling
class NetFG extends nn.Module {
  conv1 = new nn.Conv2d(1, 10, { kernel_size: 5 });
  conv2 = new nn.Conv2d(10, 20, { kernel_size: 5 });
  conv2_drop = new nn.Dropout2d();
  fc1 = new nn.Linear(320, 50);
  fc2 = new nn.Linear(50, 10);
  override forward(x: Tensor): Tensor {
    x = F.relu(F.max_pool2d(this.conv1(x), 2));
    x = F.relu(F.max_pool2d(this.conv2_drop(this.conv2(x)), 2));
    x = x.view(-1, 320);
    x = F.relu(this.fc1(x));
    x = F.dropout(x, { training: this.training });
    x = this.fc2(x);
    return F.log_softmax(x, { dim: 1 });
  }
}
function fgsm_attack(image: Tensor, epsilon: number, data_grad: Tensor): Tensor {
  const sign_data_grad = data_grad.sign();
  let perturbed_image = image.add(sign_data_grad.mul(epsilon));
  perturbed_image = torch.clamp(perturbed_image, 0, 1);
  return perturbed_image;
}

const fgsm = program(() => {
  const epsilons = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3];
  const pretrained = new NetFG().state_dict();
  p('CUDA Available: ', torch.cuda.is_available());
  const model = new NetFG();
  model.load_state_dict(pretrained);
  p(model.eval());
  e(() => model.load_state_dict(Object.fromEntries(Object.entries(pretrained).filter(([k]) => k !== 'fc2.bias'))));
  e(() => new NetFG().load_state_dict({ ...pretrained, 'fc1.weight': torch.zeros(50, 300) }));
  const digits = torch.rand(12, 1, 28, 28);
  const labels = torch.no_grad(() => model(digits).argmax(1));
  const every4 = torch.slice(null, null, 4);
  labels.set(every4, labels.index(every4).add(1).remainder(10));   // labels[::4] = (labels[::4] + 1) % 10
  const test_loader = new DataLoader(new TensorDataset(digits, labels), { batch_size: 1, shuffle: false });
  const test_fg = (model: NetFG, test_loader: Loader, epsilon: number): [number, [number, number, Float32Array | Int32Array][]] => {
    let correct = 0;
    const adv_examples: [number, number, Float32Array | Int32Array][] = [];
    for (const [data, target] of test_loader as Iterable<Tensor[]>) {
      data.requires_grad = true;
      let output = model(data);
      const init_pred = output.max(1, { keepdim: true })[1];
      if (item(init_pred) !== item(target)) continue;
      const loss = F.nll_loss(output, target);
      model.zero_grad();
      loss.backward();
      const data_grad = data.grad!.data;
      const perturbed_data = fgsm_attack(data, epsilon, data_grad);
      output = model(perturbed_data);
      const final_pred = output.max(1, { keepdim: true })[1];
      if (item(final_pred) === item(target)) {
        correct += 1;
        if (epsilon === 0 && adv_examples.length < 5) {
          const adv_ex = perturbed_data.squeeze().detach().cpu().numpy();
          adv_examples.push([item(init_pred), item(final_pred), adv_ex]);
        }
      } else if (adv_examples.length < 5) {
        const adv_ex = perturbed_data.squeeze().detach().cpu().numpy();
        adv_examples.push([item(init_pred), item(final_pred), adv_ex]);
      }
    }
    const final_acc = correct / test_loader.length;
    n(`Epsilon: ${epsilon}\tTest Accuracy = ${correct} / ${test_loader.length} = ${pyfloat(final_acc)}`);
    return [final_acc, adv_examples];
  };
  const accuracies: number[] = [];
  const examples: [number, number, Float32Array | Int32Array][][] = [];
  for (const eps of epsilons) {
    const [acc, ex] = test_fg(model, test_loader, eps);
    accuracies.push(acc);
    examples.push(ex);
  }
  n(examples.map((ex) => ex.map(([orig, adv]) => tuple(orig, adv))));
  p(examples[0].length, examples[0][0][2].length);
  // the attack's mistakes: the gradient of an input that does not require grad, a second backward
  const data = digits.index(torch.slice(null, 1));
  const target = labels.index(torch.slice(null, 1));
  p(data.grad);
  const loss = F.nll_loss(model(data.requires_grad_()), target);
  loss.backward();
  e(() => loss.backward());
  e(() => F.nll_loss(model(data), target.float()));
});

// -------------------------------------------------------------------------------------------------
// beginner_source/dcgan_faces_tutorial.py: the DCGAN at 16x16 (three layers each way, nz=8, ngf=ndf=4) on 16
// synthetic images in [-1, 1], two epochs of batch 8
const nc = 3;
const nz = 8;
const ngf = 4;
const ndf = 4;
function weights_init(m: torch.nn.Module): void {
  const classname = m.constructor.name;
  const w = m as unknown as { weight: Tensor; bias: Tensor };
  if (classname.includes('Conv')) {
    nn.init.normal_(w.weight.data, 0.0, 0.02);
  } else if (classname.includes('BatchNorm')) {
    nn.init.normal_(w.weight.data, 1.0, 0.02);
    nn.init.constant_(w.bias.data, 0);
  }
}
class Generator extends nn.Module {
  ngpu: number;
  main: torch.nn.Sequential;
  constructor(ngpu: number) {
    super();
    this.ngpu = ngpu;
    this.main = new nn.Sequential(
      new nn.ConvTranspose2d(nz, ngf * 4, 4, 1, 0, { bias: false }),
      new nn.BatchNorm2d(ngf * 4),
      new nn.ReLU(true),
      new nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, { bias: false }),
      new nn.BatchNorm2d(ngf * 2),
      new nn.ReLU(true),
      new nn.ConvTranspose2d(ngf * 2, nc, 4, 2, 1, { bias: false }),
      new nn.Tanh(),
    );
  }
  override forward(input: Tensor): Tensor {
    return this.main(input) as Tensor;
  }
}
class Discriminator extends nn.Module {
  ngpu: number;
  main: torch.nn.Sequential;
  constructor(ngpu: number) {
    super();
    this.ngpu = ngpu;
    this.main = new nn.Sequential(
      new nn.Conv2d(nc, ndf, 4, 2, 1, { bias: false }),
      new nn.LeakyReLU(0.2, { inplace: true }),
      new nn.Conv2d(ndf, ndf * 2, 4, 2, 1, { bias: false }),
      new nn.BatchNorm2d(ndf * 2),
      new nn.LeakyReLU(0.2, { inplace: true }),
      new nn.Conv2d(ndf * 2, 1, 4, 1, 0, { bias: false }),
      new nn.Sigmoid(),
    );
  }
  override forward(input: Tensor): Tensor {
    return this.main(input) as Tensor;
  }
}

const dcgan = program(() => {
  const num_epochs = 2;
  const lr = 0.0002;
  const beta1 = 0.5;
  const images = torch.rand(16, nc, 16, 16).mul(2).sub(1);
  const dataloader = new DataLoader(new TensorDataset(images, torch.zeros(16, { dtype: torch.long })), { batch_size: 8, shuffle: false });
  const netG = new Generator(0);
  netG.apply(weights_init);
  p(netG);
  const netD = new Discriminator(0);
  netD.apply(weights_init);
  p(netD);
  const criterion = new nn.BCELoss();
  const fixed_noise = torch.randn(4, nz, 1, 1);
  const real_label = 1.0;
  const fake_label = 0.0;
  const optimizerD = new optim.Adam(netD.parameters(), { lr, betas: [beta1, 0.999] });
  const optimizerG = new optim.Adam(netG.parameters(), { lr, betas: [beta1, 0.999] });
  torch.no_grad(() => {
    p(netG(fixed_noise).shape, netD(netG(fixed_noise)).view(-1));
  });
  // the discriminator's output is N x 1 x 1 x 1: without .view(-1) BCELoss refuses the labels; integer labels
  const eight = torch.slice(null, 8);
  e(() => criterion(netD(images.index(eight)), torch.full([8], real_label, { dtype: f32 })));
  e(() => criterion(netD(images.index(eight)).view(-1), torch.full([8], 1)));
  const img_list: Tensor[] = [];
  const G_losses: number[] = [];
  const D_losses: number[] = [];
  let iters = 0;
  p('Starting Training Loop...');
  for (let epoch = 0; epoch < num_epochs; epoch++) {
    let i = 0;
    for (const data of dataloader as Iterable<Tensor[]>) {
      netD.zero_grad();
      const real_cpu = data[0];
      const b_size = real_cpu.size(0);
      const label = torch.full([b_size], real_label, { dtype: torch.float });
      let output = netD(real_cpu).view(-1);
      const errD_real = criterion(output, label);
      errD_real.backward();
      const D_x = item(output.mean());
      const noise = torch.randn(b_size, nz, 1, 1);
      let fake = netG(noise);
      label.fill_(fake_label);
      output = netD(fake.detach()).view(-1);
      const errD_fake = criterion(output, label);
      errD_fake.backward();
      const D_G_z1 = item(output.mean());
      const errD = errD_real.add(errD_fake);
      optimizerD.step();
      netG.zero_grad();
      label.fill_(real_label);
      output = netD(fake).view(-1);
      const errG = criterion(output, label);
      errG.backward();
      const D_G_z2 = item(output.mean());
      optimizerG.step();
      n(`[${epoch}/${num_epochs}][${i}/${dataloader.length}]\tLoss_D: ${item(errD).toFixed(4)}\tLoss_G: ${item(errG).toFixed(4)}\t` +
        `D(x): ${D_x.toFixed(4)}\tD(G(z)): ${D_G_z1.toFixed(4)} / ${D_G_z2.toFixed(4)}`);
      G_losses.push(item(errG));
      D_losses.push(item(errD));
      if (iters % 2 === 0 || (epoch === num_epochs - 1 && i === dataloader.length - 1)) {
        fake = torch.no_grad(() => netG(fixed_noise).detach().keep());
        img_list.push(fake);
      }
      iters += 1;
      i++;
    }
  }
  n(img_list.length, img_list[img_list.length - 1].index(0, 0, torch.slice(null, 2)));
  n((netG.main.get(1) as torch.nn.BatchNorm2d).running_mean, (netD.main.get(3) as torch.nn.BatchNorm2d).running_var);
});

// -------------------------------------------------------------------------------------------------
// intermediate_source/spatial_transformer_tutorial.py: the STN classifier on 24 synthetic 28x28 digits (batch 8, two
// epochs), the transformed batch printed in place of the plots
class NetST extends nn.Module {
  conv1 = new nn.Conv2d(1, 10, { kernel_size: 5 });
  conv2 = new nn.Conv2d(10, 20, { kernel_size: 5 });
  conv2_drop = new nn.Dropout2d();
  fc1 = new nn.Linear(320, 50);
  fc2 = new nn.Linear(50, 10);
  localization = new nn.Sequential(
    new nn.Conv2d(1, 8, { kernel_size: 7 }),
    new nn.MaxPool2d(2, { stride: 2 }),
    new nn.ReLU(true),
    new nn.Conv2d(8, 10, { kernel_size: 5 }),
    new nn.MaxPool2d(2, { stride: 2 }),
    new nn.ReLU(true),
  );
  fc_loc = new nn.Sequential(
    new nn.Linear(10 * 3 * 3, 32),
    new nn.ReLU(true),
    new nn.Linear(32, 3 * 2),
  );
  constructor() {
    super();
    const last = this.fc_loc.get(2) as torch.nn.Linear;
    last.weight.data.zero_();
    last.bias!.data.copy_(torch.tensor([1, 0, 0, 0, 1, 0], { dtype: torch.float }));
  }
  stn(x: Tensor): Tensor {
    let xs = this.localization(x) as Tensor;
    xs = xs.view(-1, 10 * 3 * 3);
    let theta = this.fc_loc(xs) as Tensor;
    theta = theta.view(-1, 2, 3);
    const grid = F.affine_grid(theta, x.size());
    x = F.grid_sample(x, grid);
    return x;
  }
  override forward(x: Tensor): Tensor {
    x = this.stn(x);
    x = F.relu(F.max_pool2d(this.conv1(x), 2));
    x = F.relu(F.max_pool2d(this.conv2_drop(this.conv2(x)), 2));
    x = x.view(-1, 320);
    x = F.relu(this.fc1(x));
    x = F.dropout(x, { training: this.training });
    x = this.fc2(x);
    return F.log_softmax(x, { dim: 1 });
  }
}

const stn = program(() => {
  const digits = torch.rand(24, 1, 28, 28);
  const labels = torch.randint(0, 10, [24]);
  const [tr, te] = [torch.slice(null, 16), torch.slice(16)];
  const train_loader = new DataLoader(new TensorDataset(digits.index(tr), labels.index(tr)), { batch_size: 8, shuffle: false });
  const test_loader = new DataLoader(new TensorDataset(digits.index(te), labels.index(te)), { batch_size: 8, shuffle: false });
  const model = new NetST();
  p(model);
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.01 });
  const two = torch.slice(null, 2);
  torch.no_grad(() => {
    // the identity transform at initialization: the sampled images are the inputs
    p(torch.allclose(model.stn(digits.index(two)), digits.index(two), { atol: 1e-5 }));
    const theta = (model.fc_loc((model.localization(digits.index(two)) as Tensor).view(-1, 90)) as Tensor).view(-1, 2, 3);
    p(theta);
    e(() => F.affine_grid(theta.view(-1, 3, 2), digits.index(two).size()));
    e(() => F.grid_sample(digits.index(two), F.affine_grid(theta, digits.index(two).size()).index('...', torch.slice(null, 1))));
  });
  const train_st = (epoch: number) => {
    model.train();
    let batch_idx = 0;
    for (const [data, target] of train_loader as Iterable<Tensor[]>) {
      optimizer.zero_grad();
      const output = model(data);
      const loss = F.nll_loss(output, target);
      loss.backward();
      optimizer.step();
      n(`Train Epoch: ${epoch} [${batch_idx * data.size(0)}/${len(train_loader.dataset)} ` +
        `(${(100 * batch_idx / train_loader.length).toFixed(0)}%)]\tLoss: ${item(loss).toFixed(6)}`);
      batch_idx++;
    }
  };
  const test_st = () => {
    torch.no_grad(() => {
      model.eval();
      let test_loss = 0;
      let correct = 0;
      for (const [data, target] of test_loader as Iterable<Tensor[]>) {
        const output = model(data);
        test_loss += item(F.nll_loss(output, target, { reduction: 'sum' }));
        const pred = output.max(1, { keepdim: true })[1];
        correct += item(pred.eq(target.view_as(pred)).sum());
      }
      test_loss /= len(test_loader.dataset);
      n(`\nTest set: Average loss: ${test_loss.toFixed(4)}, Accuracy: ${correct}/${len(test_loader.dataset)} ` +
        `(${(100 * correct / len(test_loader.dataset)).toFixed(0)}%)\n`);
    });
  };
  for (let epoch = 1; epoch <= 2; epoch++) {
    train_st(epoch);
    test_st();
  }
  torch.no_grad(() => {
    const data = (test_loader[Symbol.iterator]().next().value as Tensor[])[0];   // next(iter(test_loader))[0]
    const transformed_input_tensor = model.stn(data);
    n((model.fc_loc.get(2) as torch.nn.Linear).bias, transformed_input_tensor.shape, transformed_input_tensor.index(0, 0, 10, torch.slice(10, 14)));
  });
});

// -------------------------------------------------------------------------------------------------
// advanced_source/neural_style_tutorial.py: style transfer with a small random conv net in place of VGG19 (its
// layer kinds and order), 16x16 random images, the LBFGS loop for one step (20 evaluations: float32 rounding
// differences grow through more, to 3% by the 35th), the losses printed every 5 runs
class ContentLoss extends nn.Module {
  target: Tensor;
  loss!: Tensor;
  constructor(target: Tensor) {
    super();
    this.target = target.detach();
  }
  override forward(input: Tensor): Tensor {
    this.loss = F.mse_loss(input, this.target);
    return input;
  }
}
function gram_matrix(input: Tensor): Tensor {
  const [a, b, c, d] = input.size();
  const features = input.view(a * b, c * d);
  const G = torch.mm(features, features.t());
  return G.div(a * b * c * d);
}
class StyleLoss extends nn.Module {
  target: Tensor;
  loss!: Tensor;
  constructor(target_feature: Tensor) {
    super();
    this.target = gram_matrix(target_feature).detach();
  }
  override forward(input: Tensor): Tensor {
    const G = gram_matrix(input);
    this.loss = F.mse_loss(G, this.target);
    return input;
  }
}
class Normalization extends nn.Module {
  mean: Tensor;
  std: Tensor;
  constructor(mean: Tensor, std: Tensor) {
    super();
    this.mean = torch.tensor(mean).view(-1, 1, 1);
    this.std = torch.tensor(std).view(-1, 1, 1);
  }
  override forward(img: Tensor): Tensor {
    return img.sub(this.mean).div(this.std);
  }
}

const neural_style = program(() => {
  const imsize = 16;
  const style_img = torch.rand(1, 3, imsize, imsize);
  const content_img = torch.rand(1, 3, imsize, imsize);
  p(String(style_img.size()) === String(content_img.size()));   // style_img.size() == content_img.size()
  const cnn = new nn.Sequential(
    new nn.Conv2d(3, 8, 3, { padding: 1 }), new nn.ReLU({ inplace: true }), new nn.Conv2d(8, 8, 3, { padding: 1 }), new nn.ReLU({ inplace: true }),
    new nn.MaxPool2d(2, 2), new nn.Conv2d(8, 16, 3, { padding: 1 }), new nn.ReLU({ inplace: true }), new nn.Conv2d(16, 16, 3, { padding: 1 }),
    new nn.ReLU({ inplace: true }), new nn.MaxPool2d(2, 2), new nn.Conv2d(16, 16, 3, { padding: 1 }), new nn.ReLU({ inplace: true }),
    new nn.Conv2d(16, 16, 3, { padding: 1 }), new nn.ReLU({ inplace: true })).eval();
  const cnn_normalization_mean = torch.tensor([0.485, 0.456, 0.406]);
  const cnn_normalization_std = torch.tensor([0.229, 0.224, 0.225]);
  const content_layers_default = ['conv_4'];
  const style_layers_default = ['conv_1', 'conv_2', 'conv_3', 'conv_4', 'conv_5'];
  const get_style_model_and_losses = (cnn: torch.nn.Sequential, normalization_mean: Tensor, normalization_std: Tensor,
    style_img: Tensor, content_img: Tensor, content_layers = content_layers_default, style_layers = style_layers_default):
    [torch.nn.Sequential, StyleLoss[], ContentLoss[]] => {
    // cnn = copy.deepcopy(cnn): its layers are not trained here, so the model may share them
    const normalization = new Normalization(normalization_mean, normalization_std);
    const content_losses: ContentLoss[] = [];
    const style_losses: StyleLoss[] = [];
    let model = new nn.Sequential(normalization);
    let i = 0;
    for (let layer of cnn.children()) {
      let name: string;
      if (layer instanceof nn.Conv2d) {
        i += 1;
        name = `conv_${i}`;
      } else if (layer instanceof nn.ReLU) {
        name = `relu_${i}`;
        layer = new nn.ReLU({ inplace: false });
      } else if (layer instanceof nn.MaxPool2d) {
        name = `pool_${i}`;
      } else if (layer instanceof nn.BatchNorm2d) {
        name = `bn_${i}`;
      } else {
        throw new Error(`Unrecognized layer: ${layer.constructor.name}`);
      }
      model.add_module(name, layer);
      if (content_layers.includes(name)) {
        const target = (model(content_img) as Tensor).detach();
        const content_loss = new ContentLoss(target);
        model.add_module(`content_loss_${i}`, content_loss);
        content_losses.push(content_loss);
      }
      if (style_layers.includes(name)) {
        const target_feature = (model(style_img) as Tensor).detach();
        const style_loss = new StyleLoss(target_feature);
        model.add_module(`style_loss_${i}`, style_loss);
        style_losses.push(style_loss);
      }
    }
    for (i = model.length - 1; i >= 0; i--) {
      if (model.get(i) instanceof ContentLoss || model.get(i) instanceof StyleLoss) break;
    }
    model = model.slice(0, i + 1);                         // model[:(i + 1)]
    return [model, style_losses, content_losses];
  };
  const input_img = content_img.clone();
  const get_input_optimizer = (input_img: Tensor) => new optim.LBFGS([input_img.requires_grad_()]);
  const run_style_transfer = (cnn: torch.nn.Sequential, normalization_mean: Tensor, normalization_std: Tensor,
    content_img: Tensor, style_img: Tensor, input_img: Tensor, num_steps = 300, style_weight = 1000000, content_weight = 1) => {
    p('Building the style transfer model..');
    const [model, style_losses, content_losses] = get_style_model_and_losses(cnn,
      normalization_mean, normalization_std, style_img, content_img);
    p(model);
    const optimizer = get_input_optimizer(input_img);
    p('Optimizing..');
    const run = [0];
    while (run[0] <= num_steps) {
      const closure = () => {
        input_img.data.clamp_(0, 1);
        optimizer.zero_grad();
        model(input_img);
        let style_score: Tensor | number = 0;
        let content_score: Tensor | number = 0;
        for (const sl of style_losses) style_score = sl.loss.add(style_score);          // style_score += sl.loss
        for (const cl of content_losses) content_score = cl.loss.add(content_score);
        style_score = (style_score as Tensor).mul(style_weight);
        content_score = (content_score as Tensor).mul(content_weight);
        const loss = style_score.add(content_score);
        loss.backward();
        run[0] += 1;
        if (run[0] % 5 === 0) {
          n(`run ${py(run)}:`);
          n(`Style Loss : ${item(style_score).toFixed(6)} Content Loss: ${item(content_score).toFixed(6)}`);
          n();
        }
        return style_score.add(content_score);
      };
      optimizer.step(closure);
    }
    input_img.data.clamp_(0, 1);
    return input_img;
  };
  const res = run_style_transfer(cnn, cnn_normalization_mean, cnn_normalization_std,
    content_img, style_img, input_img, 15);
  n(res.index(0, 0, 0, torch.slice(null, 4)), res.requires_grad);
  // a style target from another number of channels, the mm of features with themselves
  e(() => new StyleLoss(style_img)(content_img.index(null, torch.slice(null, 2))));
  e(() => torch.mm(style_img.view(3, -1), style_img.view(3, -1)));
});

export const programs: Record<string, () => Rec[]> = {
  tensorqs, data, buildmodel, autogradqs, optimization, saveloadrun, nn_tutorial, polynomial, neural_networks, cifar10, mistakes,
  nlp_intro, nlp_bow, nlp_ngram, nlp_lstm, nlp_crf,
  char_rnn_cls, char_rnn_gen, seq2seq, transformer,
  double_backward, conv_bn, saved_hooks, parametrizations, pruning, fgsm, dcgan, stn, neural_style,
};
