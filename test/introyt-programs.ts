// PyTorch's "Introduction to PyTorch" video series (beginner_source/introyt/*) written against tocha the way a user
// translating it would write it, with the same synthetic data and seeds as scripts/gen-introyt.py (which records what
// PyTorch 1.13 prints for each). test/introyt.test.ts compares. Where the translation has to differ from the Python
// for a reason of language (no operator overloading, no `with`, no tuples, Python's own printing of floats), the
// line says so.
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { e, n, p, program, pyfloat, tuple, type Rec } from './tutorial-harness.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { nn, optim } = torch;
const F = nn.functional;
const { DataLoader, TensorDataset } = torch.utils.data;
type GradFn = NonNullable<Tensor['grad_fn']>;
type Module = InstanceType<typeof nn.Module>;

const item = (t: Tensor) => Number(t.item());
/** next_functions with each node's class name (print(d.grad_fn.next_functions) shows object addresses). */
const fnNames = (fns: GradFn['next_functions']) => tuple(...fns.map(([f, i]) => tuple(f ? f.name() : null, i)));

// -------------------------------------------------------------------------------------------------
// introyt1_tutorial.py
class Net extends nn.Module {
  conv1 = new nn.Conv2d(3, 6, 5);
  pool = new nn.MaxPool2d(2, 2);
  conv2 = new nn.Conv2d(6, 16, 5);
  fc1 = new nn.Linear(16 * 5 * 5, 120);
  fc2 = new nn.Linear(120, 84);
  fc3 = new nn.Linear(84, 10);
  override forward(x: Tensor): Tensor {
    x = this.pool(F.relu(this.conv1(x)));
    x = this.pool(F.relu(this.conv2(x)));
    x = x.view(-1, 16 * 5 * 5);
    x = F.relu(this.fc1(x));
    x = F.relu(this.fc2(x));
    return this.fc3(x);
  }
}

const introyt1 = program(() => {
  const z = torch.zeros(5, 3);
  p(z);
  p(z.dtype);
  // torch.int16 in the tutorial: tocha has no int16 (gen-introyt.py says so)
  const i = torch.ones([5, 3], { dtype: torch.int64 });
  p(i);
  p(i.dtype);
  torch.manual_seed(1729);
  let r1 = torch.rand(2, 2);
  p('A random tensor:');
  p(r1);
  let r2 = torch.rand(2, 2);
  p('\nA different random tensor:');
  p(r2);
  torch.manual_seed(1729);
  const r3 = torch.rand(2, 2);
  p('\nShould match r1:');
  p(r3);
  const ones = torch.ones(2, 3);
  p(ones);
  const twos = torch.ones(2, 3).mul(2);
  p(twos);
  const threes = ones.add(twos);
  p(threes);
  p(threes.shape);
  r1 = torch.rand(2, 3);
  r2 = torch.rand(3, 2);
  e(() => r1.add(r2));
  const r = torch.rand(2, 2).sub(0.5).mul(2);
  p('A random matrix, r:');
  p(r);
  p('\nAbsolute value of r:');
  p(torch.abs(r));
  p('\nInverse sine of r:');
  p(torch.asin(r));
  p('\nDeterminant of r:');
  p(torch.det(r));
  p('\nSingular value decomposition of r:');
  p(torch.svd(r, false, false));                   // compute_uv=False: gen-introyt.py says why
  const [U, , V] = torch.svd(r);
  p(U.abs(), V.abs());
  p('\nAverage and standard deviation of r:');
  p(tuple(...torch.std_mean(r)));                  // a Python tuple
  p('\nMaximum value of r:');
  p(torch.max(r));

  class LeNet extends nn.Module {
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

  let net: Module = new LeNet();
  p(net);
  const input = torch.rand(1, 1, 32, 32);
  p('\nImage batch shape:');
  p(input.shape);
  const output = net(input) as Tensor;
  p('\nRaw output:');
  p(output);
  p(output.shape);
  e(() => net(torch.rand(1, 1, 28, 28)));
  e(() => net(torch.rand(1, 32, 32)));

  const classes = ['plane', 'car', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
  const labels = torch.randint(0, 10, [200]);
  const raw = torch.rand(200, 3, 32, 32).add(labels.view(-1, 1, 1, 1).div(10)).div(2);
  const images = raw.sub(0.5).div(0.5);
  const trainset = new TensorDataset(images.index([null, 160]), labels.index([null, 160]));
  const testset = new TensorDataset(images.index([160, null]), labels.index([160, null]));
  const trainloader = new DataLoader(trainset, { batch_size: 4, shuffle: true });
  const testloader = new DataLoader(testset, { batch_size: 4, shuffle: false });
  const dataiter = trainloader[Symbol.iterator]();
  let [, labels_] = dataiter.next().value as Tensor[];
  // classes[labels[j]]: a JS array is indexed by a number, so the 0-dim tensor becomes one with .item()
  p(Array.from({ length: 4 }, (_, j) => classes[item(labels_.index(j))].padStart(5)).join(' '));
  dataiter.return!();

  const cnet = new Net();
  net = cnet;
  p(net);
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(net.parameters(), { lr: 0.001, momentum: 0.9 });
  for (let epoch = 0; epoch < 2; epoch++) {
    let running_loss = 0.0;
    let i = 0;
    for (const data of trainloader) {
      const [inputs, labels_] = data;
      optimizer.zero_grad();
      const outputs = cnet(inputs);
      const loss = criterion(outputs, labels_);
      loss.backward();
      optimizer.step();
      running_loss += item(loss);
      if (i % 10 === 9) {
        n(`[${epoch + 1}, ${String(i + 1).padStart(5)}] loss: ${(running_loss / 10).toFixed(3)}`);
        running_loss = 0.0;
      }
      i++;
    }
  }
  p('Finished Training');
  let correct = 0;
  let total = 0;
  let images_: Tensor = torch.zeros(1);
  torch.no_grad(() => {
    for (const data of testloader) {
      const [imgs, labs] = data;
      const outputs = cnet(imgs);
      const [, predicted] = torch.max(outputs.data, 1);
      total += labs.size(0);
      correct += item(predicted.eq(labs).sum());
      images_ = imgs.keep();
      labels_ = labs.keep();
    }
  });
  n(`Accuracy of the network on the ${total} test images: ${Math.trunc(100 * correct / total)} %`);
  e(() => cnet(torch.rand(4, 1, 32, 32)));
  e(() => criterion(cnet(images_), labels_.float()));
  e(() => criterion(cnet(images_), torch.tensor([1, 2, 3, 10])));
});

// -------------------------------------------------------------------------------------------------
// tensors_deeper_tutorial.py
const tensors_deeper = program(() => {
  let x = torch.empty(3, 4);
  p(x.constructor.name);                            // type(x).__name__
  p(x.shape);
  const zeros = torch.zeros(2, 3);
  p(zeros);
  let ones = torch.ones(2, 3);
  p(ones);
  torch.manual_seed(1729);
  const random = torch.rand(2, 3);
  p(random);
  torch.manual_seed(1729);
  p(torch.rand(2, 3));
  p(torch.rand(2, 3));
  torch.manual_seed(1729);
  p(torch.rand(2, 3));
  p(torch.rand(2, 3));
  x = torch.empty(2, 2, 3);
  p(x.shape);
  const empty_like_x = torch.empty_like(x);
  p(empty_like_x.shape);
  const zeros_like_x = torch.zeros_like(x);
  p(zeros_like_x.shape);
  p(zeros_like_x);
  const ones_like_x = torch.ones_like(x);
  p(ones_like_x.shape);
  p(ones_like_x);
  const rand_like_x = torch.rand_like(x);
  p(rand_like_x.shape);
  p(rand_like_x);
  const some_constants = torch.tensor([[3.1415926, 2.71828], [1.61803, 0.0072897]]);
  p(some_constants);
  const some_integers = torch.tensor([2, 3, 5, 7, 11, 13, 17, 19]);
  p(some_integers);
  const more_integers = torch.tensor([[2, 4, 6], [3, 6, 9]]);
  p(more_integers);
  let a = torch.ones([2, 3], { dtype: torch.int64 });
  p(a);
  let b = torch.rand([2, 3], { dtype: torch.float32 }).mul(20.);
  p(b);
  let c = b.to(torch.int64);
  p(c);
  p(torch.ones([2, 3], { dtype: torch.bool }), c.to(torch.float32));
  e(() => torch.rand([2, 3], { dtype: torch.int64 }));
  ones = torch.zeros(2, 2).add(1);
  const twos = torch.ones(2, 2).mul(2);
  const threes = torch.ones(2, 2).mul(7).sub(1).div(2);
  const fours = twos.pow(2);
  const sqrt2s = twos.pow(0.5);
  p(ones);
  p(twos);
  p(threes);
  p(fours);
  p(sqrt2s);
  const powers2 = twos.pow(torch.tensor([[1, 2], [3, 4]]));
  p(powers2);
  const fives = ones.add(fours);
  p(fives);
  const dozens = threes.mul(fours);
  p(dozens);
  a = torch.rand(2, 3);
  b = torch.rand(3, 2);
  e(() => a.mul(b));
  const rand = torch.rand(2, 4);
  const doubled = rand.mul(torch.ones(1, 4).mul(2));
  p(rand);
  p(doubled);
  a = torch.ones(4, 3, 2);
  b = a.mul(torch.rand(3, 2));
  p(b);
  c = a.mul(torch.rand(3, 1));
  p(c);
  let d = a.mul(torch.rand(1, 2));
  p(d);
  e(() => a.mul(torch.rand(4, 3)));
  e(() => a.mul(torch.rand(2, 3)));
  e(() => a.mul(torch.rand([0])));
  a = torch.rand(2, 4).mul(2).sub(1);
  p('Common functions:');
  p(torch.abs(a));
  p(torch.ceil(a));
  p(torch.floor(a));
  p(torch.clamp(a, -0.5, 0.5));
  const angles = torch.tensor([0, Math.PI / 4, Math.PI / 2, 3 * Math.PI / 4]);
  const sines = torch.sin(angles);
  const inverses = torch.asin(sines);
  p('\nSine and arcsine:');
  p(angles);
  p(sines);
  p(inverses);
  p('\nBitwise XOR:');
  b = torch.tensor([1, 5, 11]);
  c = torch.tensor([2, 7, 10]);
  p(torch.bitwise_xor(b, c));
  e(() => torch.bitwise_xor(b.float(), c));
  p('\nBroadcasted, element-wise equality comparison:');
  d = torch.tensor([[1., 2.], [3., 4.]], { dtype: torch.float32 });   // 1. and 1 are one number in JavaScript
  const e_ = torch.ones(1, 2);
  p(torch.eq(d, e_));
  p('\nReduction ops:');
  p(torch.max(d));
  p(pyfloat(item(torch.max(d))));                  // print(3.0) is 3.0 in Python
  p(torch.mean(d));
  p(torch.std(d));
  p(torch.prod(d));
  p(torch.unique(torch.tensor([1, 2, 1, 2, 1, 2])));
  e(() => d.item());
  const v1 = torch.tensor([1., 0., 0.], { dtype: torch.float32 });
  const v2 = torch.tensor([0., 1., 0.], { dtype: torch.float32 });
  const m1 = torch.rand(2, 2);
  const m2 = torch.tensor([[3., 0.], [0., 3.]], { dtype: torch.float32 });
  p('\nVectors & Matrices:');
  p(torch.cross(v2, v1));
  p(m1);
  const m3 = torch.matmul(m1, m2);
  p(m3);
  p(torch.svd(m3, false, false));
  const [U, , V] = torch.svd(m3);
  p(U.abs(), V.abs());
  e(() => torch.matmul(m1, torch.rand(3, 2)));
  a = torch.tensor([0, Math.PI / 4, Math.PI / 2, 3 * Math.PI / 4]);
  p('a:');
  p(a);
  p(torch.sin(a));
  p(a);
  b = torch.tensor([0, Math.PI / 4, Math.PI / 2, 3 * Math.PI / 4]);
  p('\nb:');
  p(b);
  p(torch.sin_(b));
  p(b);
  a = torch.ones(2, 2);
  b = torch.rand(2, 2);
  p('Before:');
  p(a);
  p(b);
  p('\nAfter adding:');
  p(a.add_(b));
  p(a);
  p(b);
  p('\nAfter multiplying');
  p(b.mul_(b));
  p(b);
  e(() => torch.rand(3, 1).add_(torch.rand(1, 3)));
  e(() => torch.ones(2, { dtype: torch.int64 }).mul_(1.5));
  a = torch.rand(2, 2);
  b = torch.rand(2, 2);
  c = torch.zeros(2, 2);
  p(c);
  d = torch.matmul(a, b, { out: c });
  p(c);
  p(c === d);                                      // assert c is d
  torch.rand(2, 2, { out: c });
  p(c);
  a = torch.ones(2, 2);
  b = a;
  a.index(0).set(1, 561);                          // a[0][1] = 561
  p(b);
  a = torch.ones(2, 2);
  b = a.clone();
  p(b !== a);                                      // assert b is not a
  p(torch.eq(a, b));
  a.index(0).set(1, 561);
  p(b);
  a = torch.rand(2, 2, { requires_grad: true });
  p(a);
  b = a.clone();
  p(b);
  c = a.detach().clone();
  p(c);
  p(a);
  if (torch.cuda.is_available()) p('We have a GPU!');
  else p('Sorry, CPU only.');
  const my_device = torch.cuda.is_available() ? new torch.device('cuda') : new torch.device('cpu');
  p(`Device: ${my_device}`);
  x = torch.rand(2, 2, { device: my_device });
  p(x);
  let y = torch.rand(2, 2);
  y = y.to(my_device);
  p(y);
  e(() => torch.rand(2, 2, { device: 'gpu' }));
  a = torch.rand(3, 226, 226);
  b = a.unsqueeze(0);
  p(a.shape);
  p(b.shape);
  c = torch.rand(1, 1, 1, 1, 1);
  p(c);
  a = torch.rand(1, 20);
  p(a.shape);
  p(a);
  b = a.squeeze(0);
  p(b.shape);
  p(b);
  c = torch.rand(2, 2);
  p(c.shape);
  d = c.squeeze(0);
  p(d.shape);
  a = torch.ones(4, 3, 2);
  b = torch.rand(3);
  e(() => a.mul(b));
  c = b.unsqueeze(1);
  p(c.shape);
  p(a.mul(c));
  e(() => b.unsqueeze(2));
  const batch_me = torch.rand(3, 226, 226);
  p(batch_me.shape);
  batch_me.unsqueeze_(0);
  p(batch_me.shape);
  const output3d = torch.rand(6, 20, 20);
  p(output3d.shape);
  const input1d = output3d.reshape(6 * 20 * 20);
  p(input1d.shape);
  p(torch.reshape(output3d, [6 * 20 * 20]).shape);
  e(() => output3d.reshape(6 * 20 * 21));
  e(() => output3d.transpose(1, 2).view(6 * 20 * 20));
  // NumPy bridge: torch.tensor and tolist() copy, in both (gen-introyt.py says so)
  const python_list = [[1., 1., 1.], [1., 1., 1.]];
  const pytorch_tensor = torch.tensor(python_list, { dtype: torch.float32 });
  p(pytorch_tensor);
  const pytorch_rand = torch.rand(2, 3);
  p(pytorch_rand);
  const rand_list = pytorch_rand.tolist() as number[][];
  p(rand_list);
  python_list[1][1] = 23;
  p(pytorch_tensor);
  pytorch_rand.set(1, 1, 17);                      // pytorch_rand[1, 1] = 17
  p(rand_list);
});

// -------------------------------------------------------------------------------------------------
// autogradyt_tutorial.py (no profiler section)
const autogradyt = program(() => {
  let a = torch.linspace(0., 2. * Math.PI, { steps: 25, requires_grad: true });
  p(a);
  let b = torch.sin(a);
  p(b);
  let c = b.mul(2);                                // 2 * b
  p(c);
  let d = c.add(1);
  p(d);
  const out = d.sum();
  p(out);
  p('d:');
  p(d.grad_fn!.name());
  p(fnNames(d.grad_fn!.next_functions));
  p(fnNames(d.grad_fn!.next_functions[0][0]!.next_functions));
  p(fnNames(d.grad_fn!.next_functions[0][0]!.next_functions[0][0]!.next_functions));
  p(fnNames(d.grad_fn!.next_functions[0][0]!.next_functions[0][0]!.next_functions[0][0]!.next_functions));
  p('\nc:');
  p(c.grad_fn!.name());
  p('\nb:');
  p(b.grad_fn!.name());
  p('\na:');
  p(a.grad_fn);
  out.backward();
  p(a.grad);
  p(c.grad);
  e(() => out.backward());
  e(() => torch.sin_(a));

  const BATCH_SIZE = 16;
  const DIM_IN = 1000;
  const DIM_OUT = 10;
  class TinyModel extends nn.Module {
    layer1 = new nn.Linear(1000, 100);
    relu = new nn.ReLU();
    layer2 = new nn.Linear(100, 10);
    override forward(x: Tensor): Tensor {
      x = this.layer1(x);
      x = this.relu(x);
      return this.layer2(x);
    }
  }
  const some_input = torch.randn(BATCH_SIZE, DIM_IN, { requires_grad: false });
  const ideal_output = torch.randn(BATCH_SIZE, DIM_OUT, { requires_grad: false });
  const model = new TinyModel();
  const w = () => model.layer2.weight;
  p(w().index(0).index([0, 10]));                  // model.layer2.weight[0][0:10]
  p(w().grad);
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.001 });
  let prediction = model(some_input);
  let loss = ideal_output.sub(prediction).pow(2).sum();
  p(loss);
  loss.backward();
  p(w().index(0).index([0, 10]));
  p(w().grad!.index(0).index([0, 10]));
  optimizer.step();
  n(w().index(0).index([0, 10]));
  p(w().grad!.index(0).index([0, 10]));
  p(w().grad!.index(0).index([0, 10]));
  for (let i = 0; i < 5; i++) {
    prediction = model(some_input);
    loss = ideal_output.sub(prediction).pow(2).sum();
    loss.backward();
  }
  n(w().grad!.index(0).index([0, 10]));
  optimizer.zero_grad({ set_to_none: false });     // PyTorch 1.13's default (tocha's is PyTorch 2's set_to_none)
  p(w().grad!.index(0).index([0, 10]));
  e(() => model(torch.randn(BATCH_SIZE, 100)));
  e(() => torch.randn(BATCH_SIZE, 3).sub(model(some_input)).pow(2).sum());

  a = torch.ones(2, 3, { requires_grad: true });
  p(a);
  const b1 = a.mul(2);
  p(b1);
  a.requires_grad = false;
  const b2 = a.mul(2);
  p(b2);
  a = torch.ones(2, 3, { requires_grad: true }).mul(2);
  b = torch.ones(2, 3, { requires_grad: true }).mul(3);
  let c1 = a.add(b);
  p(c1);
  let c2 = torch.no_grad(() => a.add(b));         // with torch.no_grad():
  p(c2);
  const c3 = a.mul(b);
  p(c3);
  e(() => { c3.requires_grad = false; });

  const add_tensors1 = (x: Tensor, y: Tensor) => x.add(y);
  // @torch.no_grad() as a decorator: the function's body in a no_grad block
  const add_tensors2 = (x: Tensor, y: Tensor) => torch.no_grad(() => x.add(y));
  a = torch.ones(2, 3, { requires_grad: true }).mul(2);
  b = torch.ones(2, 3, { requires_grad: true }).mul(3);
  c1 = add_tensors1(a, b);
  p(c1);
  c2 = add_tensors2(a, b);
  p(c2);
  const c4 = torch.no_grad(() => torch.enable_grad(() => a.mul(b)));
  p(c4);
  let x = torch.rand(5, { requires_grad: true });
  let y = x.detach();
  p(x);
  p(y);
  x = torch.rand(5, { requires_grad: true });
  y = x.exp();
  y.add_(1);
  e(() => y.sum().backward());

  x = torch.randn(3, { requires_grad: true });
  y = x.mul(2);
  while (item(y.data.norm()) < 1000) y = y.mul(2);
  p(y);
  e(() => y.backward());
  const v = torch.tensor([0.1, 1.0, 0.0001], { dtype: torch.float });
  y.backward(v);
  p(x.grad);

  const fn = torch.autograd.functional;
  const exp_adder = (x: Tensor, y: Tensor) => x.exp().mul(2).add(y.mul(3));
  // tuples of tensors are JS arrays: tuple() prints them as Python prints its tuples
  const tup = (xs: unknown): unknown => (Array.isArray(xs) ? tuple(...xs.map(tup)) : xs);
  let inputs = [torch.rand(1), torch.rand(1)];
  p(tup(inputs));
  p(tup(fn.jacobian(exp_adder, inputs)));
  inputs = [torch.rand(3), torch.rand(3)];
  p(tup(inputs));
  p(tup(fn.jacobian(exp_adder, inputs)));
  const pow_adder_reducer = (x: Tensor, y: Tensor) => x.pow(2).mul(2).add(y.pow(2).mul(3)).sum();
  inputs = [torch.rand(2), torch.rand(2)];
  p(tup(fn.hessian(pow_adder_reducer, inputs)));
  e(() => fn.hessian(exp_adder, inputs));
  const do_some_doubling = (x: Tensor) => {
    let y = x.mul(2);
    while (item(y.data.norm()) < 1000) y = y.mul(2);
    return y;
  };
  const input = torch.randn(3);
  const my_gradients = torch.tensor([0.1, 1.0, 0.0001]);
  p(tup(fn.vjp(do_some_doubling, input, { v: my_gradients })));
  p(tup(fn.jvp(do_some_doubling, input, { v: my_gradients })));
  inputs = [torch.rand(2), torch.rand(2)];
  p(tup(fn.hvp(pow_adder_reducer, inputs, { v: [torch.ones(2), torch.ones(2)] })));
  p(tup(fn.vhp(pow_adder_reducer, inputs, { v: [torch.ones(2), torch.ones(2)] })));
  e(() => fn.vjp(do_some_doubling, torch.randn(3), { v: torch.ones(2) }));
});

// -------------------------------------------------------------------------------------------------
// modelsyt_tutorial.py
class LeNet extends nn.Module {
  conv1 = new nn.Conv2d(1, 6, 5);
  conv2 = new nn.Conv2d(6, 16, 3);
  fc1 = new nn.Linear(16 * 6 * 6, 120);
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

class LSTMTagger extends nn.Module {
  word_embeddings: InstanceType<typeof nn.Embedding>;
  lstm: InstanceType<typeof nn.LSTM>;
  hidden2tag: InstanceType<typeof nn.Linear>;
  constructor(embedding_dim: number, readonly hidden_dim: number, vocab_size: number, tagset_size: number) {
    super();
    this.word_embeddings = new nn.Embedding(vocab_size, embedding_dim);
    this.lstm = new nn.LSTM(embedding_dim, hidden_dim);
    this.hidden2tag = new nn.Linear(hidden_dim, tagset_size);
  }
  override forward(sentence: Tensor): Tensor {
    const embeds = this.word_embeddings(sentence);
    const [lstm_out] = this.lstm(embeds.view(sentence.size(0), 1, -1));   // len(sentence)
    const tag_space = this.hidden2tag(lstm_out.view(sentence.size(0), -1));
    return F.log_softmax(tag_space, { dim: 1 });
  }
}

const modelsyt = program(() => {
  class TinyModel extends nn.Module {
    linear1 = new nn.Linear(100, 200);
    activation = new nn.ReLU();
    linear2 = new nn.Linear(200, 10);
    softmax = new nn.Softmax();
    override forward(x: Tensor): Tensor {
      x = this.linear1(x);
      x = this.activation(x);
      x = this.linear2(x);
      return this.softmax(x);
    }
  }
  const tinymodel = new TinyModel();
  p('The model:');
  p(tinymodel);
  p('\n\nJust one layer:');
  p(tinymodel.linear2);
  p('\n\nModel params:');
  for (const param of tinymodel.parameters()) p(param);
  p('\n\nLayer params:');
  for (const param of tinymodel.linear2.parameters()) p(param);
  p([...tinymodel.named_parameters()].map(([name]) => name));
  const lin = new nn.Linear(3, 2);
  const x = torch.rand(1, 3);
  p('Input:');
  p(x);
  p('\n\nWeight and Bias parameters:');
  for (const param of lin.parameters()) p(param);
  const y = lin(x);
  p('\n\nOutput:');
  p(y);
  e(() => lin(torch.rand(1, 4)));

  const lenet = new LeNet();
  p(lenet);
  p(lenet(torch.rand(1, 1, 32, 32)));
  p(Object.entries(lenet.state_dict()).map(([name, t]) => tuple(name, tuple(...t.shape))));
  e(() => lenet(torch.rand(1, 3, 32, 32)));

  const tagger = new LSTMTagger(6, 6, 9, 3);
  p(tagger);
  const sentence = torch.tensor([0, 1, 2, 3, 4]);
  p(tagger(sentence));
  const transformer = new nn.Transformer({ d_model: 16, nhead: 2, num_encoder_layers: 1, num_decoder_layers: 1,
    dim_feedforward: 32 });
  p(transformer);
  p(new nn.TransformerEncoderLayer({ d_model: 16, nhead: 4 }));
  p(new nn.TransformerDecoderLayer({ d_model: 16, nhead: 4, dim_feedforward: 64, dropout: 0.0, batch_first: true }));
  e(() => new nn.TransformerEncoderLayer({ d_model: 16, nhead: 3 }));

  let my_tensor = torch.rand(1, 6, 6);
  p(my_tensor);
  const maxpool_layer = new nn.MaxPool2d(3);
  p(maxpool_layer);
  p(maxpool_layer(my_tensor));
  e(() => maxpool_layer(torch.rand(1, 2, 2)));
  my_tensor = torch.rand(1, 4, 4).mul(20).add(5);
  p(my_tensor);
  p(my_tensor.mean());
  const norm_layer = new nn.BatchNorm1d(4);
  p(norm_layer);
  const normed_tensor = norm_layer(my_tensor);
  p(normed_tensor);
  p(normed_tensor.mean());
  p(norm_layer.running_mean, norm_layer.running_var, norm_layer.num_batches_tracked);
  e(() => norm_layer(torch.rand(1, 3, 4)));
  e(() => norm_layer(torch.rand(1, 4)));
  my_tensor = torch.rand(1, 4, 4);
  const dropout = new nn.Dropout({ p: 0.4 });
  p(dropout);
  p(dropout(my_tensor));
  p(dropout(my_tensor));
  dropout.eval();
  p(dropout(my_tensor));
  e(() => new nn.Dropout({ p: 1.5 }));
  const act_in = torch.linspace(-2, 2, 5);
  for (const act of [new nn.ReLU(), new nn.LeakyReLU(0.1), new nn.Tanh(), new nn.Hardtanh(), new nn.Sigmoid(),
    new nn.Softmax({ dim: 0 })] as Module[]) {
    p(act, act(act_in));
  }
  const pred = torch.rand(3, 5, { requires_grad: true });
  const target = torch.rand(3, 5);
  const classes_ = torch.tensor([1, 0, 4]);
  const losses: [Module, Tensor[]][] = [[new nn.MSELoss(), [pred, target]], [new nn.L1Loss(), [pred, target]],
    [new nn.CrossEntropyLoss(), [pred, classes_]], [new nn.NLLLoss(), [F.log_softmax(pred, { dim: 1 }), classes_]]];
  for (const [loss_fn, args] of losses) p(loss_fn, loss_fn(...args));
  e(() => new nn.MSELoss()(pred, classes_));
  e(() => new nn.NLLLoss()(pred, classes_.float()));
});

// -------------------------------------------------------------------------------------------------
// trainingyt.py, synthetic Fashion-MNIST (gen-introyt.py says what differs)
class GarmentClassifier extends nn.Module {
  conv1 = new nn.Conv2d(1, 6, 5);
  pool = new nn.MaxPool2d(2, 2);
  conv2 = new nn.Conv2d(6, 16, 5);
  fc1 = new nn.Linear(16 * 4 * 4, 120);
  fc2 = new nn.Linear(120, 84);
  fc3 = new nn.Linear(84, 10);
  override forward(x: Tensor): Tensor {
    x = this.pool(F.relu(this.conv1(x)));
    x = this.pool(F.relu(this.conv2(x)));
    x = x.view(-1, 16 * 4 * 4);
    x = F.relu(this.fc1(x));
    x = F.relu(this.fc2(x));
    return this.fc3(x);
  }
}

const trainingyt = program(() => {
  const train_labels = torch.randint(0, 10, [100]);
  const train_images = torch.rand(100, 1, 28, 28).add(train_labels.view(-1, 1, 1, 1).div(10)).div(2).sub(0.5).div(0.5);
  const valid_labels = torch.randint(0, 10, [20]);
  const valid_images = torch.rand(20, 1, 28, 28).add(valid_labels.view(-1, 1, 1, 1).div(10)).div(2).sub(0.5).div(0.5);
  const training_set = new TensorDataset(train_images, train_labels);
  const validation_set = new TensorDataset(valid_images, valid_labels);
  const training_loader = new DataLoader(training_set, { batch_size: 4, shuffle: true });
  const validation_loader = new DataLoader(validation_set, { batch_size: 4, shuffle: false });
  const classes = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat',
    'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle Boot'];
  p(`Training set has ${training_set.length} instances`);
  p(`Validation set has ${validation_set.length} instances`);
  const dataiter = training_loader[Symbol.iterator]();
  const [, labels] = dataiter.next().value as Tensor[];
  p(Array.from({ length: 4 }, (_, j) => classes[item(labels.index(j))]).join('  '));
  dataiter.return!();

  const model = new GarmentClassifier();
  p(model);
  const loss_fn = new nn.CrossEntropyLoss();
  const dummy_outputs = torch.rand(4, 10);
  const dummy_labels = torch.tensor([1, 5, 3, 7]);
  p(dummy_outputs);
  p(dummy_labels);
  const loss = loss_fn(dummy_outputs, dummy_labels);
  p(`Total loss for this batch: ${pyfloat(item(loss))}`);
  e(() => loss_fn(dummy_outputs, dummy_labels.float()));
  e(() => loss_fn(dummy_outputs, torch.tensor([1, 5, 3, 10])));
  e(() => loss_fn(dummy_outputs, torch.tensor([1, 5, 3, 7, 2])));
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.001, momentum: 0.9 });
  p(optimizer);
  e(() => new optim.SGD(model.parameters(), { lr: -0.001, momentum: 0.9 }));

  const train_one_epoch = (_epoch_index: number) => {
    let running_loss = 0.;
    let last_loss = 0.;
    let i = 0;
    for (const data of training_loader) {
      const [inputs, labels] = data;
      optimizer.zero_grad();
      const outputs = model(inputs);
      const loss = loss_fn(outputs, labels);
      loss.backward();
      optimizer.step();
      running_loss += item(loss);
      if (i % 5 === 4) {
        last_loss = running_loss / 5;
        n(`  batch ${i + 1} loss: ${pyfloat(last_loss)}`);
        running_loss = 0.;
      }
      i++;
    }
    return last_loss;
  };

  const model_dir = mkdtempSync(join(tmpdir(), 'tocha-introyt-'));
  let epoch_number = 0;
  const EPOCHS = 3;
  let best_vloss: Tensor | number = 1_000_000.;
  let model_path = '';
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    p(`EPOCH ${epoch_number + 1}:`);
    model.train(true);
    const avg_loss = train_one_epoch(epoch_number);
    model.train(false);
    let running_vloss: Tensor | number = 0.0;
    let i = 0;
    for (const vdata of validation_loader) {
      const [vinputs, vlabels] = vdata;
      const voutputs = model(vinputs);
      const vloss = loss_fn(voutputs, vlabels);
      // running_vloss += vloss: made while handling a batch, so kept past it (README "Memory")
      running_vloss = vloss.add(running_vloss).keep();
      i++;
    }
    const avg_vloss = (running_vloss as Tensor).div(i);     // i + 1 after Python's loop
    // str.format of a 0-dim tensor formats its number (Tensor.__format__); a template literal prints the tensor
    n(`LOSS train ${pyfloat(avg_loss)} valid ${pyfloat(item(avg_vloss))}`);
    if (avg_vloss.lt(best_vloss).item()) {                  // if avg_vloss < best_vloss:
      best_vloss = avg_vloss;
      model_path = join(model_dir, `model_${'20221115_120000'}_${epoch_number}`);
      torch.save(model.state_dict(), model_path);
    }
    epoch_number += 1;
  }
  p(model_path.split('/').pop());
  const saved_model = new GarmentClassifier();
  p(saved_model.load_state_dict(torch.load(model_path)));
  p(Object.keys(saved_model.state_dict()));
  saved_model.eval();
  torch.no_grad(() => {
    p(torch.equal(saved_model(valid_images.index([null, 4])), model(valid_images.index([null, 4]))));
    n(saved_model(valid_images.index([null, 2])));
  });
  e(() => new LeNet().load_state_dict(torch.load(model_path)));
  const sd = torch.load(model_path);
  delete sd['fc3.bias'];
  e(() => saved_model.load_state_dict(sd));
  p(saved_model.load_state_dict(sd, { strict: false }));
});

export const programs: Record<string, () => Rec[]> = { introyt1, tensors_deeper, autogradyt, modelsyt, trainingyt };
