// More programs of pytorch/examples and pytorch/tutorials (siamese_network, mnist_forward_forward, mnist_rnn, gcn,
// the knowledge-distillation tutorial, fast_neural_style, imagenet's training step) written against tocha the way a
// user translating them would write them, with the same synthetic data and seeds as scripts/gen-examples2.py (which
// records what PyTorch 1.13 prints for each). test/examples2.test.ts compares. The models these programs import from
// torchvision (resnet18, vgg16's features) are written out as torchvision 0.14 defines them, here as in the Python.
// Where the translation has to differ from the Python for a reason of language (no operator overloading, no `with`,
// Python's own formatting of numbers), the line says so.
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { e, n, p, program, pyfloat, tuple } from './tutorial-harness.js';

const { nn, optim } = torch;
const F = nn.functional;
const { DataLoader, Dataset, TensorDataset } = torch.utils.data;
const { StepLR } = optim.lr_scheduler;
type Module = InstanceType<typeof nn.Module>;

const item = (t: Tensor) => Number(t.item());
// len(dataset), len(loader), len(tensor) (a tensor's first size: tocha's Tensor has no length)
const len = (d: unknown) => (d instanceof torch.Tensor ? d.size(0) : (d as { length: number }).length);
// Python's format specs: '{:.4f}', '{:04d}'
const f = (x: number, digits: number) => x.toFixed(digits);
const sum = (xs: Iterable<number>) => { let s = 0; for (const x of xs) s += x; return s; };   // Python's sum()

// -------------------------------------------------------------------------------------------------
// torchvision/models/resnet.py (0.14): BasicBlock, ResNet and resnet18, as resnet18(weights=None) builds it
function conv3x3(in_planes: number, out_planes: number, stride = 1, groups = 1, dilation = 1) {
  // 3x3 convolution with padding
  return new nn.Conv2d(in_planes, out_planes, { kernel_size: 3, stride, padding: dilation, groups, bias: false, dilation });
}

function conv1x1(in_planes: number, out_planes: number, stride = 1) {
  // 1x1 convolution
  return new nn.Conv2d(in_planes, out_planes, { kernel_size: 1, stride, bias: false });
}

type NormLayer = new (n: number) => Module;

class BasicBlock extends nn.Module {
  static expansion = 1;
  conv1: Module; bn1: Module; relu: Module; conv2: Module; bn2: InstanceType<typeof nn.BatchNorm2d>;
  downsample: Module | null;
  stride: number;
  constructor(inplanes: number, planes: number, stride = 1, downsample: Module | null = null, groups = 1, base_width = 64,
    dilation = 1, norm_layer: NormLayer | null = null) {
    super();
    if (norm_layer === null) norm_layer = nn.BatchNorm2d;
    if (groups !== 1 || base_width !== 64) throw new RangeError('BasicBlock only supports groups=1 and base_width=64');
    if (dilation > 1) throw new Error('Dilation > 1 not supported in BasicBlock');
    // Both self.conv1 and self.downsample layers downsample the input when stride != 1
    this.conv1 = conv3x3(inplanes, planes, stride);
    this.bn1 = new norm_layer(planes);
    this.relu = new nn.ReLU({ inplace: true });
    this.conv2 = conv3x3(planes, planes);
    this.bn2 = new norm_layer(planes) as InstanceType<typeof nn.BatchNorm2d>;
    this.downsample = downsample;
    this.stride = stride;
  }
  override forward(x: Tensor): Tensor {
    let identity = x;

    let out = this.conv1(x);
    out = this.bn1(out);
    out = this.relu(out);

    out = this.conv2(out);
    out = this.bn2(out);

    if (this.downsample !== null) identity = this.downsample(x);

    out = out.add_(identity);   // out += identity
    out = this.relu(out);

    return out;
  }
}

interface ResNetOptions { num_classes?: number; zero_init_residual?: boolean; groups?: number; width_per_group?: number;
  replace_stride_with_dilation?: boolean[] | null; norm_layer?: NormLayer | null }

class ResNet extends nn.Module {
  _norm_layer: NormLayer;
  inplanes = 64;
  dilation = 1;
  groups: number; base_width: number;
  conv1: Module; bn1: Module; relu: Module; maxpool: Module;
  layer1: Module; layer2: Module; layer3: Module; layer4: Module;
  avgpool: Module; fc: InstanceType<typeof nn.Linear>;
  constructor(block: typeof BasicBlock, layers: number[], { num_classes = 1000, zero_init_residual = false, groups = 1,
    width_per_group = 64, replace_stride_with_dilation = null, norm_layer = null }: ResNetOptions = {}) {
    super();
    if (norm_layer === null) norm_layer = nn.BatchNorm2d;
    this._norm_layer = norm_layer;

    this.inplanes = 64;
    this.dilation = 1;
    if (replace_stride_with_dilation === null) {
      // each element in the tuple indicates if we should replace
      // the 2x2 stride with a dilated convolution instead
      replace_stride_with_dilation = [false, false, false];
    }
    if (replace_stride_with_dilation.length !== 3) {
      throw new RangeError('replace_stride_with_dilation should be None ' +
        `or a 3-element tuple, got ${replace_stride_with_dilation}`);
    }
    this.groups = groups;
    this.base_width = width_per_group;
    this.conv1 = new nn.Conv2d(3, this.inplanes, { kernel_size: 7, stride: 2, padding: 3, bias: false });
    this.bn1 = new norm_layer(this.inplanes);
    this.relu = new nn.ReLU({ inplace: true });
    this.maxpool = new nn.MaxPool2d({ kernel_size: 3, stride: 2, padding: 1 });
    this.layer1 = this._make_layer(block, 64, layers[0]);
    this.layer2 = this._make_layer(block, 128, layers[1], 2, replace_stride_with_dilation[0]);
    this.layer3 = this._make_layer(block, 256, layers[2], 2, replace_stride_with_dilation[1]);
    this.layer4 = this._make_layer(block, 512, layers[3], 2, replace_stride_with_dilation[2]);
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.fc = new nn.Linear(512 * block.expansion, num_classes);

    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) {
        nn.init.kaiming_normal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
      } else if (m instanceof nn.BatchNorm2d || m instanceof nn.GroupNorm) {
        nn.init.constant_(m.weight!, 1);
        nn.init.constant_(m.bias!, 0);
      }
    }

    // Zero-initialize the last BN in each residual branch,
    // so that the residual branch starts with zeros, and each residual block behaves like an identity.
    // This improves the model by 0.2~0.3% according to https://arxiv.org/abs/1706.02677
    if (zero_init_residual) {
      for (const m of this.modules()) {
        if (m instanceof BasicBlock && m.bn2.weight !== null) nn.init.constant_(m.bn2.weight, 0);
      }
    }
  }

  _make_layer(block: typeof BasicBlock, planes: number, blocks: number, stride = 1, dilate = false): Module {
    const norm_layer = this._norm_layer;
    let downsample: Module | null = null;
    const previous_dilation = this.dilation;
    if (dilate) {
      this.dilation *= stride;
      stride = 1;
    }
    if (stride !== 1 || this.inplanes !== planes * block.expansion) {
      downsample = new nn.Sequential(
        conv1x1(this.inplanes, planes * block.expansion, stride),
        new norm_layer(planes * block.expansion),
      );
    }

    const layers: Module[] = [];
    layers.push(new block(this.inplanes, planes, stride, downsample, this.groups, this.base_width, previous_dilation, norm_layer));
    this.inplanes = planes * block.expansion;
    for (let _ = 1; _ < blocks; _++) {
      layers.push(new block(this.inplanes, planes, 1, null, this.groups, this.base_width, this.dilation, norm_layer));
    }

    return new nn.Sequential(...layers);
  }

  _forward_impl(x: Tensor): Tensor {
    x = this.conv1(x);
    x = this.bn1(x);
    x = this.relu(x);
    x = this.maxpool(x);

    x = this.layer1(x);
    x = this.layer2(x);
    x = this.layer3(x);
    x = this.layer4(x);

    x = this.avgpool(x);
    x = torch.flatten(x, 1);
    x = this.fc(x);

    return x;
  }

  override forward(x: Tensor): Tensor {
    return this._forward_impl(x);
  }
}

/** torchvision.models.resnet18(weights=None, progress=True, **kwargs). */
const resnet18 = (kwargs: ResNetOptions = {}) => new ResNet(BasicBlock, [2, 2, 2, 2], kwargs);

// -------------------------------------------------------------------------------------------------
// siamese_network/main.py: 20 training and 20 test "MNIST" images of raw 0..255 values, batch 10, test batch 20,
// 2 epochs, --lr 0.01 and --dry-run (scripts/gen-examples2.py says why); random.randint(a, b) is
// torch.randint(a, b + 1, [1]), as in the Python
class SiameseNetwork extends nn.Module {
  resnet: Module;
  fc_in_features: number;
  fc: Module;
  sigmoid: Module;
  constructor() {
    super();
    // get resnet model
    const resnet = resnet18();
    this.resnet = resnet;

    // over-write the first conv layer to be able to read MNIST images
    // as resnet18 reads (3,x,x) where 3 is RGB channels
    // whereas MNIST has (1,x,x) where 1 is a gray-scale channel
    resnet.conv1 = new nn.Conv2d(1, 64, { kernel_size: [7, 7], stride: [2, 2], padding: [3, 3], bias: false });
    this.fc_in_features = resnet.fc.in_features;

    // remove the last layer of resnet18 (linear layer which is before avgpool layer)
    this.resnet = new nn.Sequential(...[...this.resnet.children()].slice(0, -1));

    // add linear layers to compare between the features of the two images
    this.fc = new nn.Sequential(
      new nn.Linear(this.fc_in_features * 2, 256),
      new nn.ReLU({ inplace: true }),
      new nn.Linear(256, 1),
    );

    this.sigmoid = new nn.Sigmoid();

    // initialize the weights
    this.resnet.apply((m) => this.init_weights(m));
    this.fc.apply((m) => this.init_weights(m));
  }

  init_weights(m: Module) {
    if (m instanceof nn.Linear) {
      nn.init.xavier_uniform(m.weight);
      m.bias!.data.fill_(0.01);
    }
  }

  forward_once(x: Tensor): Tensor {
    let output = this.resnet(x);
    output = output.view(output.size()[0], -1);
    return output;
  }

  override forward(input1: Tensor, input2: Tensor): Tensor {
    // get two images' features
    const output1 = this.forward_once(input1);
    const output2 = this.forward_once(input2);

    // concatenate both images' features
    let output = torch.cat([output1, output2], 1);

    // pass the concatenation to the linear layers
    output = this.fc(output);

    // pass the out of the linear layers to sigmoid layer
    output = this.sigmoid(output);

    return output;
  }
}

/** random.randint(a, b) as a torch draw. */
const py_randint = (a: number, b: number) => item(torch.randint(a, b + 1, [1]));

class APP_MATCHER extends Dataset<[Tensor, Tensor, Tensor]> {
  dataset: { data: Tensor; targets: Tensor };
  data: Tensor;
  grouped_examples: Record<number, Tensor> = {};
  constructor(images: Tensor, targets: Tensor) {
    super();
    // get MNIST dataset: (data, targets) as datasets.MNIST holds them
    this.dataset = { data: images, targets };

    // we add an additional dimension to corresponds to the number of channels.
    this.data = this.dataset.data.unsqueeze(1).clone();

    this.group_examples();
  }

  group_examples() {
    // get the targets from MNIST dataset
    const np_arr = this.dataset.targets.clone();   // np.array(...) in the original: torch's tensor serves

    // group examples based on class
    this.grouped_examples = {};
    for (let i = 0; i < 10; i++) this.grouped_examples[i] = torch.where(np_arr.eq(i))[0];   // np.where in the original
  }

  len(): number {
    return this.data.shape[0];
  }

  getitem(index: number): [Tensor, Tensor, Tensor] {
    // pick some random class for the first image
    const selected_class = py_randint(0, 9);

    // pick a random index for the first image in the grouped indices based of the label
    // of the class
    const random_index_1 = py_randint(0, this.grouped_examples[selected_class].shape[0] - 1);

    // pick the index to get the first image
    const index_1 = this.grouped_examples[selected_class].index(random_index_1);

    // get the first image
    const image_1 = this.data.index(index_1).clone().float();
    let image_2: Tensor;
    let target: Tensor;

    // same class
    if (index % 2 === 0) {
      // pick a random index for the second image
      let random_index_2 = py_randint(0, this.grouped_examples[selected_class].shape[0] - 1);

      // ensure that the index of the second image isn't the same as the first image
      while (random_index_2 === random_index_1) {
        random_index_2 = py_randint(0, this.grouped_examples[selected_class].shape[0] - 1);
      }

      // pick the index to get the second image
      const index_2 = this.grouped_examples[selected_class].index(random_index_2);

      // get the second image
      image_2 = this.data.index(index_2).clone().float();

      // set the label for this example to be positive (1)
      target = torch.tensor(1, { dtype: torch.float });
    } else {
      // different class
      // pick a random class
      let other_selected_class = py_randint(0, 9);

      // ensure that the class of the second image isn't the same as the first image
      while (other_selected_class === selected_class) other_selected_class = py_randint(0, 9);

      // pick a random index for the second image in the grouped indices based of the label
      // of the class
      const random_index_2 = py_randint(0, this.grouped_examples[other_selected_class].shape[0] - 1);

      // pick the index to get the second image
      const index_2 = this.grouped_examples[other_selected_class].index(random_index_2);

      // get the second image
      image_2 = this.data.index(index_2).clone().float();

      // set the label for this example to be negative (0)
      target = torch.tensor(0, { dtype: torch.float });
    }

    return [image_1, image_2, target];
  }
}

type Loader3 = InstanceType<typeof DataLoader<[Tensor, Tensor, Tensor], Tensor[]>>;
interface SiameseArgs { batch_size: number; test_batch_size: number; epochs: number; lr: number; gamma: number; no_cuda: boolean;
  dry_run: boolean; seed: number; log_interval: number; save_model: boolean }

function siamese_train(args: SiameseArgs, model: SiameseNetwork, device: torch.device, train_loader: Loader3,
  optimizer: torch.optim.Optimizer, epoch: number) {
  model.train();

  // we aren't using `TripletLoss` as the MNIST dataset is simple, so `BCELoss` can do the trick.
  const criterion = new nn.BCELoss();

  let batch_idx = 0;
  for (let [images_1, images_2, targets] of train_loader) {
    [images_1, images_2, targets] = [images_1.to(device), images_2.to(device), targets.to(device)];
    optimizer.zero_grad();
    const outputs = model(images_1, images_2).squeeze();
    const loss = criterion(outputs, targets);
    loss.backward();
    optimizer.step();
    if (batch_idx % args.log_interval === 0) {
      n(`Train Epoch: ${epoch} [${batch_idx * len(images_1)}/${len(train_loader.dataset)} ` +
        `(${f(100 * batch_idx / len(train_loader), 0)}%)]\tLoss: ${f(item(loss), 6)}`);
      if (args.dry_run) break;
    }
    batch_idx++;
  }
}

function siamese_test(model: SiameseNetwork, device: torch.device, test_loader: Loader3) {
  model.eval();
  let test_loss = 0;
  let correct = 0;

  // we aren't using `TripletLoss` as the MNIST dataset is simple, so `BCELoss` can do the trick.
  const criterion = new nn.BCELoss();

  torch.no_grad(() => {
    for (let [images_1, images_2, targets] of test_loader) {
      [images_1, images_2, targets] = [images_1.to(device), images_2.to(device), targets.to(device)];
      const outputs = model(images_1, images_2).squeeze();
      test_loss += item(criterion(outputs, targets).sum());   // sum up batch loss
      const pred = torch.where(outputs.gt(0.5), 1, 0);   // get the index of the max log-probability
      correct += item(pred.eq(targets.view_as(pred)).sum());
    }
  });

  test_loss /= len(test_loader.dataset);

  n(`\nTest set: Average loss: ${f(test_loss, 4)}, Accuracy: ${correct}/${len(test_loader.dataset)} ` +
    `(${f(100 * correct / len(test_loader.dataset), 0)}%)\n`);
}

const siamese_network = program(() => {
  const args: SiameseArgs = { batch_size: 10, test_batch_size: 20, epochs: 2, lr: 0.01, gamma: 0.7, no_cuda: false, dry_run: true,
    seed: 1, log_interval: 1, save_model: false };
  const use_cuda = !args.no_cuda && torch.cuda.is_available();
  torch.manual_seed(args.seed);
  const device = new torch.device(use_cuda ? 'cuda' : 'cpu');
  const train_kwargs = { batch_size: args.batch_size };
  const test_kwargs = { batch_size: args.test_batch_size };

  // MNIST's uint8 images as int64, as in the Python
  const train_dataset = new APP_MATCHER(torch.randint(0, 256, [20, 28, 28]), torch.randperm(20).remainder(10));
  const test_dataset = new APP_MATCHER(torch.randint(0, 256, [20, 28, 28]), torch.arange(20).remainder(10));
  p(len(train_dataset), Array.from({ length: 10 }, (_, i) => len(train_dataset.grouped_examples[i])));
  p(train_dataset.grouped_examples[3]);
  const train_loader = new DataLoader(train_dataset, train_kwargs);
  const test_loader = new DataLoader(test_dataset, test_kwargs);

  const model = new SiameseNetwork().to(device);
  p(model.fc_in_features);
  const resnet = model.resnet as InstanceType<typeof nn.Sequential>;
  p(resnet.get(0), resnet.get(4), model.fc);
  p(sum([...model.parameters()].map((q) => q.numel())));
  const optimizer = new optim.Adadelta(model.parameters(), { lr: args.lr });

  const scheduler = new StepLR(optimizer, { step_size: 1, gamma: args.gamma });
  for (let epoch = 1; epoch <= args.epochs; epoch++) {
    siamese_train(args, model, device, train_loader, optimizer, epoch);
    siamese_test(model, device, test_loader);
    scheduler.step();
  }
  p(scheduler.get_last_lr());
  model.eval();
  const [i1, i2, t] = test_loader[Symbol.iterator]().next().value as Tensor[];   // next(iter(test_loader))
  e(() => model(i1.expand(-1, 3, -1, -1), i2));
  const out = model(i1.index([null, 4]), i2.index([null, 4]));
  e(() => new nn.BCELoss()(out, t.index([null, 4])));
  e(() => new nn.BCELoss()(out.squeeze(), t.index([null, 4]).long()));
});

// -------------------------------------------------------------------------------------------------
// mnist_forward_forward/main.py: 64 training and 32 test flattened "MNIST" images, --train_size 64 --test_size 32
// --epochs 30 --log-interval 10; the example's loss torch.log(1 + torch.exp(...)).mean()
function get_y_neg(y: Tensor, device: torch.device): Tensor {
  const y_neg = y.clone();
  for (let idx = 0; idx < len(y); idx++) {   // for idx, y_samp in enumerate(y)
    const y_samp = y.index(idx);
    const allowed_indices = Array.from({ length: 10 }, (_, i) => i);
    allowed_indices.splice(allowed_indices.indexOf(item(y_samp)), 1);   // allowed_indices.remove(y_samp.item())
    y_neg.set(idx, item(torch.tensor(allowed_indices).index(torch.randint(allowed_indices.length, [1]))));
  }
  return y_neg.to(device);
}

function overlay_y_on_x(x: Tensor, y: Tensor | number, classes = 10): Tensor {
  const x_ = x.clone();
  x_.index(null, [null, classes]).mul_(0.0);   // x_[:, :classes] *= 0.0
  x_.set(torch.arange(x.shape[0]), y, x.max());   // x_[range(x.shape[0]), y] = x.max(): a JS array would be a slice
  return x_;
}

interface FFArgs { epochs: number; lr: number; no_cuda: boolean; no_mps: boolean; seed: number; save_model: boolean;
  train_size: number; threshold: number; test_size: number; log_interval: number }
let ff_args: FFArgs;   // the example's global args
let ff_device: torch.device;   // and device

class FFNet extends nn.Module {   // the example's Net
  layers: Layer[];
  constructor(dims: number[]) {
    super();
    this.layers = [];
    for (let d = 0; d < dims.length - 1; d++) this.layers = [...this.layers, new Layer(dims[d], dims[d + 1]).to(ff_device)];
  }

  predict(x: Tensor): Tensor {
    let goodness_per_label: Tensor[] = [];
    for (let label = 0; label < 10; label++) {
      let h = overlay_y_on_x(x, label);
      let goodness: Tensor[] = [];
      for (const layer of this.layers) {
        h = layer(h);
        goodness = [...goodness, h.pow(2).mean(1)];
      }
      goodness_per_label = [...goodness_per_label, goodness.reduce((a, b) => a.add(b)).unsqueeze(1)];   // sum(goodness)
    }
    return torch.cat(goodness_per_label, 1).argmax(1);
  }

  // @ts-expect-error: the example's Net.train (and Layer.train) shadow nn.Module.train with another signature
  override train(x_pos: Tensor, x_neg: Tensor): void {
    let [h_pos, h_neg] = [x_pos, x_neg];
    this.layers.forEach((layer, i) => {
      p('training layer: ', i);
      [h_pos, h_neg] = layer.train(h_pos, h_neg);
    });
  }
}

class Layer extends nn.Linear {
  relu: Module;
  opt: torch.optim.Optimizer;
  threshold: number;
  num_epochs: number;
  constructor(in_features: number, out_features: number, bias = true, device: torch.device | null = null, dtype: torch.dtype | null = null) {
    super(in_features, out_features, { bias, device, dtype });
    this.relu = new nn.ReLU();
    this.opt = new optim.Adam(this.parameters(), { lr: ff_args.lr });
    this.threshold = ff_args.threshold;
    this.num_epochs = ff_args.epochs;
  }

  override forward(x: Tensor): Tensor {
    const x_direction = x.div(x.norm(2, 1, true).add(1e-4));
    return this.relu(torch.mm(x_direction, this.weight.T).add(this.bias!.unsqueeze(0)));
  }

  // @ts-expect-error: see FFNet.train
  override train(x_pos: Tensor, x_neg: Tensor): [Tensor, Tensor] {
    for (let i = 0; i < this.num_epochs; i++) {
      const g_pos = this.forward(x_pos).pow(2).mean(1);
      const g_neg = this.forward(x_neg).pow(2).mean(1);
      const loss = torch.log(torch.exp(torch.cat([
        g_pos.neg().add(this.threshold),
        g_neg.sub(this.threshold)])).add(1)).mean();   // torch.log(1 + torch.exp(...))
      this.opt.zero_grad();
      loss.backward();
      this.opt.step();
      if (i % ff_args.log_interval === 0) n('Loss: ', item(loss));
    }
    return [this.forward(x_pos).detach(), this.forward(x_neg).detach()];
  }
}

const mnist_forward_forward = program(() => {
  const args: FFArgs = { epochs: 30, lr: 0.03, no_cuda: false, no_mps: false, seed: 1, save_model: false, train_size: 64,
    threshold: 2, test_size: 32, log_interval: 10 };
  ff_args = args;
  const use_cuda = !args.no_cuda && torch.cuda.is_available();
  const device = new torch.device(use_cuda ? 'cuda' : 'cpu');
  ff_device = device;
  torch.manual_seed(args.seed);
  const train_kwargs = { batch_size: args.train_size };
  const test_kwargs = { batch_size: args.test_size };
  const images = torch.rand(96, 784).sub(0.1307).div(0.3081);
  const labels = torch.randint(0, 10, [96]);
  const train_loader = new DataLoader(new TensorDataset(images.index([null, 64]), labels.index([null, 64])), train_kwargs);
  const test_loader = new DataLoader(new TensorDataset(images.index([64, null]), labels.index([64, null])), test_kwargs);
  const net = new FFNet([784, 500, 500]);
  p(net, Object.keys(net.state_dict()), net.layers.length, net.layers[0]);
  let [x, y] = train_loader[Symbol.iterator]().next().value as Tensor[];   // next(iter(train_loader))
  [x, y] = [x.to(device), y.to(device)];
  const x_pos = overlay_y_on_x(x, y);
  const y_neg = get_y_neg(y, device);
  const x_neg = overlay_y_on_x(x, y_neg);
  p(y.index([null, 8]), y_neg.index([null, 8]), x_pos.index([null, 2], [null, 12]), x_neg.index(0, [null, 12]));
  net.train(x_pos, x_neg);
  n('train error:', 1.0 - item(net.predict(x).eq(y).float().mean()));
  let [x_te, y_te] = test_loader[Symbol.iterator]().next().value as Tensor[];
  [x_te, y_te] = [x_te.to(device), y_te.to(device)];
  n('test error:', 1.0 - item(net.predict(x_te).eq(y_te).float().mean()));
  e(() => overlay_y_on_x(x, y.float()));
  e(() => overlay_y_on_x(x, torch.full([64], 784)));
  e(() => net.predict(x.view(64, 28, 28)));
});

// -------------------------------------------------------------------------------------------------
// mnist_rnn/main.py: 64 training and 32 test "MNIST" images, batch 16, test batch 16, 2 epochs, log interval 2
class RNNNet extends nn.Module {   // the example's Net
  rnn = new nn.LSTM({ input_size: 28, hidden_size: 64, batch_first: true });
  batchnorm = new nn.BatchNorm1d(64);
  dropout1 = new nn.Dropout2d(0.25);
  dropout2 = new nn.Dropout2d(0.5);
  fc1 = new nn.Linear(64, 32);
  fc2 = new nn.Linear(32, 10);

  override forward(input: Tensor): Tensor {
    // Shape of input is (batch_size,1, 28, 28)
    // converting shape of input to (batch_size, 28, 28)
    // as required by RNN when batch_first is set True
    input = input.reshape(-1, 28, 28);
    let [output] = this.rnn(input);   // output, hidden = self.rnn(input)

    // RNN output shape is (seq_len, batch, input_size)
    // Get last output of RNN
    output = output.index(null, -1, null);
    output = this.batchnorm(output);
    output = this.dropout1(output);
    output = this.fc1(output);
    output = F.relu(output);
    output = this.dropout2(output);
    output = this.fc2(output);
    output = F.log_softmax(output, { dim: 1 });
    return output;
  }
}

interface RnnArgs { batch_size: number; test_batch_size: number; epochs: number; lr: number; gamma: number; cuda: boolean;
  mps: boolean; dry_run: boolean; seed: number; log_interval: number; save_model: boolean }
type Loader = InstanceType<typeof DataLoader<Tensor[], Tensor[]>>;

function rnn_train(args: RnnArgs, model: RNNNet, device: torch.device, train_loader: Loader, optimizer: torch.optim.Optimizer, epoch: number) {
  model.train();
  let batch_idx = 0;
  for (let [data, target] of train_loader) {
    [data, target] = [data.to(device), target.to(device)];
    optimizer.zero_grad();
    const output = model(data);
    const loss = F.nll_loss(output, target);
    loss.backward();
    optimizer.step();
    if (batch_idx % args.log_interval === 0) {
      n(`Train Epoch: ${epoch} [${batch_idx * len(data)}/${len(train_loader.dataset)} ` +
        `(${f(100 * batch_idx / len(train_loader), 0)}%)]\tLoss: ${f(item(loss), 6)}`);
      if (args.dry_run) break;
    }
    batch_idx++;
  }
}

function rnn_test(args: RnnArgs, model: RNNNet, device: torch.device, test_loader: Loader) {
  model.eval();
  let test_loss = 0;
  let correct = 0;
  torch.no_grad(() => {
    for (let [data, target] of test_loader) {
      [data, target] = [data.to(device), target.to(device)];
      const output = model(data);
      test_loss += item(F.nll_loss(output, target, { reduction: 'sum' }));   // sum up batch loss
      const pred = output.argmax({ dim: 1, keepdim: true });   // get the index of the max log-probability
      correct += item(pred.eq(target.view_as(pred)).sum());
      if (args.dry_run) break;
    }
  });
  test_loss /= len(test_loader.dataset);
  n(`\nTest set: Average loss: ${f(test_loss, 4)}, Accuracy: ${correct}/${len(test_loader.dataset)} ` +
    `(${f(100 * correct / len(test_loader.dataset), 0)}%)\n`);
}

const mnist_rnn = program(() => {
  const args: RnnArgs = { batch_size: 16, test_batch_size: 16, epochs: 2, lr: 0.1, gamma: 0.7, cuda: false, mps: false,
    dry_run: false, seed: 1, log_interval: 2, save_model: false };
  let device_name: string;
  if (args.cuda && !args.mps) device_name = 'cuda';
  else if (args.mps && !args.cuda) device_name = 'mps';
  else device_name = 'cpu';
  const device = new torch.device(device_name);

  torch.manual_seed(args.seed);

  const kwargs = args.cuda ? { num_workers: 1, pin_memory: true } : {};
  let images = torch.rand(96, 1, 28, 28);
  const labels = images.index(null, 0, [null, 20], null).reshape(96, 10, 56).mean(2).argmax(1);
  images = images.sub(0.1307).div(0.3081);
  const train_loader = new DataLoader(new TensorDataset(images.index([null, 64]), labels.index([null, 64])),
    { batch_size: args.batch_size, shuffle: true, ...kwargs });
  const test_loader = new DataLoader(new TensorDataset(images.index([64, null]), labels.index([64, null])),
    { batch_size: args.test_batch_size, shuffle: true, ...kwargs });

  const model = new RNNNet().to(device);
  p(model);
  const optimizer = new optim.Adadelta(model.parameters(), { lr: args.lr });

  const scheduler = new StepLR(optimizer, { step_size: 1, gamma: args.gamma });
  for (let epoch = 1; epoch <= args.epochs; epoch++) {
    rnn_train(args, model, device, train_loader, optimizer, epoch);
    rnn_test(args, model, device, test_loader);
    scheduler.step();
  }
  p(Object.keys(model.state_dict()));
  e(() => model(torch.rand(4, 1, 32, 32)));
  model.train();
  e(() => model(images.index([null, 1])));
  model.eval();
  e(() => model.rnn(images.index([null, 4], 0), [torch.zeros(1, 4, 32), torch.zeros(1, 4, 32)]));
});

// -------------------------------------------------------------------------------------------------
// gcn/main.py: a graph of 40 nodes, 24 binary features, 80 citations and 4 classes drawn with torch in place of Cora;
// --epochs 40 --val-every 10; load_cora's matrices dense (tocha has no sparse tensors; scripts/gen-examples2.py says
// how); the elapsed time printed as 0.0000
class GraphConv extends nn.Module {
  kernel: InstanceType<typeof nn.Parameter>;
  bias: InstanceType<typeof nn.Parameter> | null;
  constructor(input_dim: number, output_dim: number, use_bias = false) {
    super();
    // Initialize the weight matrix W (in this case called `kernel`)
    this.kernel = new nn.Parameter(new torch.Tensor(input_dim, output_dim));
    nn.init.xavier_normal_(this.kernel);   // Initialize the weights using Xavier initialization

    // Initialize the bias (if use_bias is True)
    this.bias = null;
    if (use_bias) {
      this.bias = new nn.Parameter(new torch.Tensor(output_dim));
      nn.init.zeros_(this.bias);   // Initialize the bias to zeros
    }
  }

  override forward(input_tensor: Tensor, adj_mat: Tensor): Tensor {
    const support = torch.mm(input_tensor, this.kernel);   // Matrix multiplication between input and weight matrix
    let output = torch.spmm(adj_mat, support);   // Sparse matrix multiplication between adjacency matrix and support
    // Add the bias (if bias is not None)
    if (this.bias !== null) output = output.add(this.bias);
    return output;
  }
}

class GCN extends nn.Module {
  gc1: GraphConv; gc2: GraphConv; dropout: Module;
  constructor(input_dim: number, hidden_dim: number, output_dim: number, use_bias = true, dropout_p = 0.1) {
    super();
    // Define the Graph Convolution layers
    this.gc1 = new GraphConv(input_dim, hidden_dim, use_bias);
    this.gc2 = new GraphConv(hidden_dim, output_dim, use_bias);

    // Define the dropout layer
    this.dropout = new nn.Dropout(dropout_p);
  }

  override forward(input_tensor: Tensor, adj_mat: Tensor): Tensor {
    // Perform the first graph convolutional layer
    let x = this.gc1(input_tensor, adj_mat);
    x = F.relu(x);   // Apply ReLU activation function
    x = this.dropout(x);   // Apply dropout regularization

    // Perform the second graph convolutional layer
    x = this.gc2(x, adj_mat);

    // Apply log-softmax activation function for classification
    return F.log_softmax(x, { dim: 1 });
  }
}

/** Cora's files replaced by torch draws: the same steps on them, dense. */
function load_cora(device: torch.device): [Tensor, Tensor, Tensor] {
  const [V, NF, E] = [40, 24, 80];
  const content_features = torch.rand(V, NF).lt(0.15).int();   // content_tensor[:, 1:-1].astype(np.int32)
  const content_labels = torch.randint(0, 4, [V]);   // np.unique(content_tensor[:, -1], return_inverse=True)[1]
  const edges = torch.randint(0, V, [E, 2]);   // the citations, mapped to positions by idx_map

  // Process features
  let features = torch.FloatTensor(content_features.tolist() as number[][]);   // Extract feature values
  let scale_vector = torch.sum(features, { dim: 1 });   // Compute sum of features for each node
  scale_vector = scale_vector.reciprocal();   // 1 / scale_vector: Compute reciprocal of the sums
  scale_vector.set(scale_vector.eq(Infinity), 0);   // Handle division by zero cases
  scale_vector = torch.diag(scale_vector);   // a sparse diagonal matrix in the original (.to_sparse())
  features = scale_vector.matmul(features);   // scale_vector @ features: Scale the features using the scale vector

  // Process labels
  const labels = torch.LongTensor(content_labels.tolist() as number[]);   // Convert labels to a tensor

  // Process adjacency matrix
  let adj_mat = torch.zeros(V, V, { dtype: torch.int64 }).index_put_(
    [edges.T.index(0), edges.T.index(1)], torch.ones(E, { dtype: torch.int64 }), true);   // torch.sparse_coo_tensor(...)
  adj_mat = torch.eye(V).add(adj_mat);   // Add self-loops to the adjacency matrix

  let degree_mat = torch.sum(adj_mat, { dim: 1 });   // Compute the sum of each row in the adjacency matrix (degree matrix)
  degree_mat = torch.sqrt(degree_mat.reciprocal());   // Compute the reciprocal square root of the degrees
  degree_mat.set(degree_mat.eq(Infinity), 0);   // Handle division by zero cases
  degree_mat = torch.diag(degree_mat);   // a sparse diagonal matrix in the original (.to_sparse())

  adj_mat = degree_mat.matmul(adj_mat).matmul(degree_mat);   // degree_mat @ adj_mat @ degree_mat: the renormalization trick

  return [features.to(device), labels.to(device), adj_mat.to(device)];
}

const d4 = (x: number) => String(x).padStart(4, '0');   // Python's '{:04d}'

function train_iter(epoch: number, model: GCN, optimizer: torch.optim.Optimizer, criterion: Module, input: [Tensor, Tensor],
  target: Tensor, mask_train: Tensor, mask_val: Tensor, print_every = 10) {
  model.train();
  optimizer.zero_grad();

  // Forward pass
  const output = model(...input);
  const loss = criterion(output.index(mask_train), target.index(mask_train));   // Compute the loss using the training mask

  loss.backward();
  optimizer.step();

  // Evaluate the model performance on training and validation sets
  const [loss_train, acc_train] = gcn_test(model, criterion, input, target, mask_train);
  const [loss_val, acc_val] = gcn_test(model, criterion, input, target, mask_val);

  if (epoch % print_every === 0) {
    // Print the training progress at specified intervals
    const elapsed = 0.0;   // (time.time() - start_t): a measurement
    n(`Epoch: ${d4(epoch)} (${f(elapsed, 4)}s) loss_train: ${f(loss_train, 4)} acc_train: ${f(acc_train, 4)} ` +
      `loss_val: ${f(loss_val, 4)} acc_val: ${f(acc_val, 4)}`);
  }
}

function gcn_test(model: GCN, criterion: Module, input: [Tensor, Tensor], target: Tensor, mask: Tensor): [number, number] {
  model.eval();
  return torch.no_grad(() => {
    let output = model(...input);
    [output, target] = [output.index(mask), target.index(mask)];

    const loss = criterion(output, target);
    const acc = output.argmax({ dim: 1 }).eq(target).float().sum().div(len(target));
    return [item(loss), item(acc)] as [number, number];
  });
}

const gcn = program(() => {
  const args = { epochs: 40, lr: 0.01, l2: 5e-4, dropout_p: 0.5, hidden_dim: 16, val_every: 10, include_bias: false,
    no_cuda: false, no_mps: false, device: 'cpu', dry_run: false, seed: 42 };
  const use_cuda = !args.no_cuda && torch.cuda.is_available();
  torch.manual_seed(args.seed);
  const device = use_cuda ? new torch.device('cuda') : new torch.device(args.device);
  p(`Using ${device} device`);

  p('Loading dataset...');
  const [features, labels, adj_mat] = load_cora(device);
  p(features.index([null, 3]), adj_mat.index([null, 4], [null, 4]), labels.index([null, 10]));
  p(item(adj_mat.sum()) > 0, features.sum(1).index([null, 6]));
  const idx = torch.randperm(len(labels)).to(device);
  const [idx_test, idx_val, idx_train] = [idx.index([null, 10]), idx.index([10, 20]), idx.index([20, null])];

  const model = new GCN(features.shape[1], args.hidden_dim, item(labels.max()) + 1, args.include_bias, args.dropout_p).to(device);
  p(model);
  p(Object.entries(model.state_dict()).map(([k, v]) => tuple(k, tuple(...(v as Tensor).shape))));
  const optimizer = new optim.Adam(model.parameters(), { lr: args.lr, weight_decay: args.l2 });
  const criterion = new nn.NLLLoss();

  for (let epoch = 0; epoch < args.epochs; epoch++) {
    train_iter(epoch + 1, model, optimizer, criterion, [features, adj_mat], labels, idx_train, idx_val, args.val_every);
    if (args.dry_run) break;
  }

  const [loss_test, acc_test] = gcn_test(model, criterion, [features, adj_mat], labels, idx_test);
  n(`Test set results: loss ${f(loss_test, 4)} accuracy ${f(acc_test, 4)}`);
  torch.manual_seed(args.seed);
  const gcn_b = new GCN(features.shape[1], args.hidden_dim, item(labels.max()) + 1, true, args.dropout_p);
  p(Object.keys(gcn_b.state_dict()), gcn_b.gc1.bias);
  e(() => model(adj_mat, features));
  e(() => model(features.index(null, [null, 10]), adj_mat));
  e(() => criterion(model(features, adj_mat), labels.float()));
});

// -------------------------------------------------------------------------------------------------
// pytorch/tutorials knowledge_distillation_tutorial.py: 32 training and 16 test "CIFAR-10" images, batch 16, 2 epochs
// for each training
const comma = (x: number) => x.toLocaleString('en-US');   // Python's '{:,}'.format(x)

class DeepNN extends nn.Module {
  features: Module; classifier: Module;
  constructor(num_classes = 10) {
    super();
    this.features = new nn.Sequential(
      new nn.Conv2d(3, 128, { kernel_size: 3, padding: 1 }),
      new nn.ReLU(),
      new nn.Conv2d(128, 64, { kernel_size: 3, padding: 1 }),
      new nn.ReLU(),
      new nn.MaxPool2d({ kernel_size: 2, stride: 2 }),
      new nn.Conv2d(64, 64, { kernel_size: 3, padding: 1 }),
      new nn.ReLU(),
      new nn.Conv2d(64, 32, { kernel_size: 3, padding: 1 }),
      new nn.ReLU(),
      new nn.MaxPool2d({ kernel_size: 2, stride: 2 }),
    );
    this.classifier = new nn.Sequential(
      new nn.Linear(2048, 512),
      new nn.ReLU(),
      new nn.Dropout(0.1),
      new nn.Linear(512, num_classes),
    );
  }
  override forward(x: Tensor): Tensor {
    x = this.features(x);
    x = torch.flatten(x, 1);
    x = this.classifier(x);
    return x;
  }
}

class LightNN extends nn.Module {
  features: Module; classifier: Module;
  constructor(num_classes = 10) {
    super();
    this.features = new nn.Sequential(
      new nn.Conv2d(3, 16, { kernel_size: 3, padding: 1 }),
      new nn.ReLU(),
      new nn.MaxPool2d({ kernel_size: 2, stride: 2 }),
      new nn.Conv2d(16, 16, { kernel_size: 3, padding: 1 }),
      new nn.ReLU(),
      new nn.MaxPool2d({ kernel_size: 2, stride: 2 }),
    );
    this.classifier = new nn.Sequential(
      new nn.Linear(1024, 256),
      new nn.ReLU(),
      new nn.Dropout(0.1),
      new nn.Linear(256, num_classes),
    );
  }
  override forward(x: Tensor): Tensor {
    x = this.features(x);
    x = torch.flatten(x, 1);
    x = this.classifier(x);
    return x;
  }
}

function kd_train(model: Module, train_loader: Loader, epochs: number, learning_rate: number, device: torch.device) {
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.Adam(model.parameters(), { lr: learning_rate });

  model.to(device);
  model.train();

  for (let epoch = 0; epoch < epochs; epoch++) {
    let running_loss = 0.0;
    for (let [inputs, labels] of train_loader) {
      [inputs, labels] = [inputs.to(device), labels.to(device)];
      optimizer.zero_grad();
      const outputs = model(inputs);
      const loss = criterion(outputs, labels);
      loss.backward();
      optimizer.step();
      running_loss += item(loss);
    }
    n(`Epoch ${epoch + 1}/${epochs}, Loss: ${running_loss / len(train_loader)}`);
  }
}

function kd_test(model: Module, test_loader: Loader, device: torch.device, multiple_outputs = false): number {
  model.to(device);
  model.eval();

  let correct = 0;
  let total = 0;

  torch.no_grad(() => {
    for (let [inputs, labels] of test_loader) {
      [inputs, labels] = [inputs.to(device), labels.to(device)];
      // test_multiple_outputs: outputs, _ = model(inputs) (disregard the second tensor of the tuple)
      const outputs: Tensor = multiple_outputs ? model(inputs)[0] : model(inputs);
      const [, predicted] = torch.max(outputs.data, 1);

      total += labels.size(0);
      correct += item(predicted.eq(labels).sum());
    }
  });

  const accuracy = 100 * correct / total;
  n(`Test Accuracy: ${f(accuracy, 2)}%`);
  return accuracy;
}

class ModifiedDeepNNCosine extends DeepNN {   // the tutorial writes the class out again: the same layers
  override forward(x: Tensor): any {
    x = this.features(x);
    const flattened_conv_output = torch.flatten(x, 1);
    x = this.classifier(flattened_conv_output);
    const flattened_conv_output_after_pooling = F.avg_pool1d(flattened_conv_output, 2);
    return [x, flattened_conv_output_after_pooling];
  }
}

class ModifiedLightNNCosine extends LightNN {   // the tutorial writes the class out again: the same layers
  override forward(x: Tensor): any {
    x = this.features(x);
    const flattened_conv_output = torch.flatten(x, 1);
    x = this.classifier(flattened_conv_output);
    return [x, flattened_conv_output];
  }
}

class ModifiedDeepNNRegressor extends DeepNN {   // the tutorial writes the class out again: the same layers
  override forward(x: Tensor): any {
    x = this.features(x);
    const conv_feature_map = x;
    x = torch.flatten(x, 1);
    x = this.classifier(x);
    return [x, conv_feature_map];
  }
}

class ModifiedLightNNRegressor extends nn.Module {
  features: Module; regressor: Module; classifier: Module;
  constructor(num_classes = 10) {
    super();
    this.features = new nn.Sequential(
      new nn.Conv2d(3, 16, { kernel_size: 3, padding: 1 }),
      new nn.ReLU(),
      new nn.MaxPool2d({ kernel_size: 2, stride: 2 }),
      new nn.Conv2d(16, 16, { kernel_size: 3, padding: 1 }),
      new nn.ReLU(),
      new nn.MaxPool2d({ kernel_size: 2, stride: 2 }),
    );
    // Include an extra regressor (in our case linear)
    this.regressor = new nn.Sequential(
      new nn.Conv2d(16, 32, { kernel_size: 3, padding: 1 }),
    );
    this.classifier = new nn.Sequential(
      new nn.Linear(1024, 256),
      new nn.ReLU(),
      new nn.Dropout(0.1),
      new nn.Linear(256, num_classes),
    );
  }
  override forward(x: Tensor): any {
    x = this.features(x);
    const regressor_output = this.regressor(x);
    x = torch.flatten(x, 1);
    x = this.classifier(x);
    return [x, regressor_output];
  }
}

type StudentLoss = (student_logits: Tensor, student_extra: Tensor, teacher_out: Tensor | Tensor[], labels: Tensor, inputs: Tensor) => Tensor;

/** The tutorial's three training loops (train_knowledge_distillation, train_cosine_loss, train_mse_loss) share
 *  everything but the loss: each passes its own, written as in the tutorial. */
function train_with_teacher(teacher: Module, student: Module, train_loader: Loader, epochs: number, learning_rate: number,
  device: torch.device, lossOf: StudentLoss, to_device: boolean) {
  const optimizer = new optim.Adam(student.parameters(), { lr: learning_rate });

  if (to_device) {
    teacher.to(device);
    student.to(device);
  }
  teacher.eval();   // Teacher set to evaluation mode
  student.train();   // Student to train mode

  for (let epoch = 0; epoch < epochs; epoch++) {
    let running_loss = 0.0;
    for (let [inputs, labels] of train_loader) {
      [inputs, labels] = [inputs.to(device), labels.to(device)];
      optimizer.zero_grad();
      // Forward pass with the teacher model - do not save gradients here as we do not change the teacher's weights
      const teacher_out = torch.no_grad(() => teacher(inputs));
      // Forward pass with the student model
      const out = student(inputs);
      const [student_logits, student_extra] = Array.isArray(out) ? out : [out, out];
      const loss = lossOf(student_logits, student_extra, teacher_out, labels, inputs);
      loss.backward();
      optimizer.step();
      running_loss += item(loss);
    }
    n(`Epoch ${epoch + 1}/${epochs}, Loss: ${running_loss / len(train_loader)}`);
  }
}

const knowledge_distillation = program(() => {
  const device = new torch.device(torch.cuda.is_available() ? 'cuda' : 'cpu');
  const mean = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1);
  const std = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1);
  const images = torch.rand(48, 3, 32, 32).sub(mean).div(std);   // ToTensor(), Normalize(mean, std)
  const labels = torch.randint(0, 10, [48]);
  const train_dataset = new TensorDataset(images.index([null, 32]), labels.index([null, 32]));
  const test_dataset = new TensorDataset(images.index([32, null]), labels.index([32, null]));
  const train_loader = new DataLoader(train_dataset, { batch_size: 16, shuffle: true, num_workers: 2 });
  const test_loader = new DataLoader(test_dataset, { batch_size: 16, shuffle: false, num_workers: 2 });

  torch.manual_seed(42);
  const nn_deep = new DeepNN(10);
  kd_train(nn_deep, train_loader, 2, 0.001, device);
  const test_accuracy_deep = kd_test(nn_deep, test_loader, device);

  torch.manual_seed(42);
  const nn_light = new LightNN(10);
  torch.manual_seed(42);
  const new_nn_light = new LightNN(10);
  const first = (m: Module) => (((m as DeepNN).features as InstanceType<typeof nn.Sequential>).get(0) as InstanceType<typeof nn.Conv2d>).weight;
  n('Norm of 1st layer of nn_light:', item(torch.norm(first(nn_light))));
  n('Norm of 1st layer of new_nn_light:', item(torch.norm(first(new_nn_light))));
  const total_params_deep = comma(sum([...nn_deep.parameters()].map((q) => q.numel())));
  p(`DeepNN parameters: ${total_params_deep}`);
  const total_params_light = comma(sum([...nn_light.parameters()].map((q) => q.numel())));
  p(`LightNN parameters: ${total_params_light}`);

  kd_train(nn_light, train_loader, 2, 0.001, device);
  const test_accuracy_light_ce = kd_test(nn_light, test_loader, device);
  n(`Teacher accuracy: ${f(test_accuracy_deep, 2)}%`);
  n(`Student accuracy: ${f(test_accuracy_light_ce, 2)}%`);

  // train_knowledge_distillation(teacher=nn_deep, student=new_nn_light, ..., T=2, soft_target_loss_weight=0.25, ce_loss_weight=0.75)
  {
    const T = 2, soft_target_loss_weight = 0.25, ce_loss_weight = 0.75;
    const ce_loss = new nn.CrossEntropyLoss();
    train_with_teacher(nn_deep, new_nn_light, train_loader, 2, 0.001, device, (student_logits, _, teacher_logits, labels) => {
      // Soften the student logits by applying softmax first and log() second
      const soft_targets = F.softmax((teacher_logits as Tensor).div(T), { dim: -1 });
      const soft_prob = F.log_softmax(student_logits.div(T), { dim: -1 });
      // Calculate the soft targets loss. Scaled by T**2 as suggested by the authors of the paper
      const soft_targets_loss = torch.sum(soft_targets.mul(soft_targets.log().sub(soft_prob))).div(soft_prob.size()[0]).mul(T ** 2);
      // Calculate the true label loss
      const label_loss = ce_loss(student_logits, labels);
      // Weighted sum of the two losses
      return soft_targets_loss.mul(soft_target_loss_weight).add(label_loss.mul(ce_loss_weight));
    }, false);
  }
  const test_accuracy_light_ce_and_kd = kd_test(new_nn_light, test_loader, device);
  n(`Teacher accuracy: ${f(test_accuracy_deep, 2)}%`);
  n(`Student accuracy without teacher: ${f(test_accuracy_light_ce, 2)}%`);
  n(`Student accuracy with CE + KD: ${f(test_accuracy_light_ce_and_kd, 2)}%`);

  const modified_nn_deep = new ModifiedDeepNNCosine(10);
  p(modified_nn_deep.load_state_dict(nn_deep.state_dict()));
  n('Norm of 1st layer for deep_nn:', item(torch.norm(first(nn_deep))));
  n('Norm of 1st layer for modified_deep_nn:', item(torch.norm(first(modified_nn_deep))));
  torch.manual_seed(42);
  const modified_nn_light = new ModifiedLightNNCosine(10);
  n('Norm of 1st layer:', item(torch.norm(first(modified_nn_light))));

  // Create a sample input tensor
  const sample_input = torch.randn(16, 3, 32, 32).to(device);   // Batch size: 128 in the tutorial (16 here), Filters: 3, Image size: 32x32
  let [logits, hidden_representation] = modified_nn_light(sample_input) as Tensor[];
  p('Student logits shape:', logits.shape);   // batch_size x total_classes
  p('Student hidden representation shape:', hidden_representation.shape);   // batch_size x hidden_representation_size
  [logits, hidden_representation] = modified_nn_deep(sample_input) as Tensor[];
  p('Teacher logits shape:', logits.shape);
  p('Teacher hidden representation shape:', hidden_representation.shape);

  // train_cosine_loss(teacher=modified_nn_deep, student=modified_nn_light, ..., hidden_rep_loss_weight=0.25, ce_loss_weight=0.75)
  {
    const hidden_rep_loss_weight = 0.25, ce_loss_weight = 0.75;
    const ce_loss = new nn.CrossEntropyLoss();
    const cosine_loss = new nn.CosineEmbeddingLoss();
    train_with_teacher(modified_nn_deep, modified_nn_light, train_loader, 2, 0.001, device,
      (student_logits, student_hidden_representation, teacher_out, labels, inputs) => {
        const [, teacher_hidden_representation] = teacher_out as Tensor[];
        const hidden_rep_loss = cosine_loss(student_hidden_representation, teacher_hidden_representation,
          torch.ones(inputs.size(0)).to(device));   // target=torch.ones(...)
        const label_loss = ce_loss(student_logits, labels);
        return hidden_rep_loss.mul(hidden_rep_loss_weight).add(label_loss.mul(ce_loss_weight));
      }, true);
  }
  const test_accuracy_light_ce_and_cosine_loss = kd_test(modified_nn_light, test_loader, device, true);

  // Pass the sample input only from the convolutional feature extractor
  const convolutional_fe_output_student = nn_light.features(sample_input);
  const convolutional_fe_output_teacher = nn_deep.features(sample_input);
  p("Student's feature extractor output shape: ", convolutional_fe_output_student.shape);
  p("Teacher's feature extractor output shape: ", convolutional_fe_output_teacher.shape);

  torch.manual_seed(42);
  const modified_nn_light_reg = new ModifiedLightNNRegressor(10);
  const modified_nn_deep_reg = new ModifiedDeepNNRegressor(10);
  p(modified_nn_deep_reg.load_state_dict(nn_deep.state_dict()));

  // train_mse_loss(teacher=modified_nn_deep_reg, student=modified_nn_light_reg, ..., feature_map_weight=0.25, ce_loss_weight=0.75)
  {
    const feature_map_weight = 0.25, ce_loss_weight = 0.75;
    const ce_loss = new nn.CrossEntropyLoss();
    const mse_loss = new nn.MSELoss();
    train_with_teacher(modified_nn_deep_reg, modified_nn_light_reg, train_loader, 2, 0.001, device,
      (student_logits, regressor_feature_map, teacher_out, labels) => {
        const [, teacher_feature_map] = teacher_out as Tensor[];
        const hidden_rep_loss = mse_loss(regressor_feature_map, teacher_feature_map);
        const label_loss = ce_loss(student_logits, labels);
        return hidden_rep_loss.mul(feature_map_weight).add(label_loss.mul(ce_loss_weight));
      }, true);
  }
  const test_accuracy_light_ce_and_mse_loss = kd_test(modified_nn_light_reg, test_loader, device, true);

  n(`Teacher accuracy: ${f(test_accuracy_deep, 2)}%`);
  n(`Student accuracy without teacher: ${f(test_accuracy_light_ce, 2)}%`);
  n(`Student accuracy with CE + KD: ${f(test_accuracy_light_ce_and_kd, 2)}%`);
  n(`Student accuracy with CE + CosineLoss: ${f(test_accuracy_light_ce_and_cosine_loss, 2)}%`);
  n(`Student accuracy with CE + RegressorMSE: ${f(test_accuracy_light_ce_and_mse_loss, 2)}%`);
  e(() => new nn.CosineEmbeddingLoss()(torch.rand(4, 1024), torch.rand(4, 2048), torch.ones(4)));
  e(() => new nn.CosineEmbeddingLoss()(torch.rand(4, 1024), torch.rand(4, 1024), torch.ones(3)));
  e(() => nn_light.load_state_dict(nn_deep.state_dict()));
});

// -------------------------------------------------------------------------------------------------
// fast_neural_style: transformer_net.py, vgg.py, utils.py's gram_matrix / normalize_batch and the training loop of
// neural_style.py on 4 "COCO" images and a style image of 32x32, batch 2, 1 epoch, log interval 1; torchvision's vgg16
// features with their own random initialization in place of the pretrained ones (scripts/gen-examples2.py says how)
class TransformerNet extends nn.Module {
  // Initial convolution layers
  conv1 = new ConvLayer(3, 32, 9, 1);
  in1 = new nn.InstanceNorm2d(32, { affine: true });
  conv2 = new ConvLayer(32, 64, 3, 2);
  in2 = new nn.InstanceNorm2d(64, { affine: true });
  conv3 = new ConvLayer(64, 128, 3, 2);
  in3 = new nn.InstanceNorm2d(128, { affine: true });
  // Residual layers
  res1 = new ResidualBlock(128);
  res2 = new ResidualBlock(128);
  res3 = new ResidualBlock(128);
  res4 = new ResidualBlock(128);
  res5 = new ResidualBlock(128);
  // Upsampling Layers
  deconv1 = new UpsampleConvLayer(128, 64, 3, 1, 2);
  in4 = new nn.InstanceNorm2d(64, { affine: true });
  deconv2 = new UpsampleConvLayer(64, 32, 3, 1, 2);
  in5 = new nn.InstanceNorm2d(32, { affine: true });
  deconv3 = new ConvLayer(32, 3, 9, 1);
  // Non-linearities
  relu = new nn.ReLU();

  override forward(X: Tensor): Tensor {
    let y = this.relu(this.in1(this.conv1(X)));
    y = this.relu(this.in2(this.conv2(y)));
    y = this.relu(this.in3(this.conv3(y)));
    y = this.res1(y);
    y = this.res2(y);
    y = this.res3(y);
    y = this.res4(y);
    y = this.res5(y);
    y = this.relu(this.in4(this.deconv1(y)));
    y = this.relu(this.in5(this.deconv2(y)));
    y = this.deconv3(y);
    return y;
  }
}

class ConvLayer extends nn.Module {
  reflection_pad: Module; conv2d: Module;
  constructor(in_channels: number, out_channels: number, kernel_size: number, stride: number) {
    super();
    const reflection_padding = Math.floor(kernel_size / 2);
    this.reflection_pad = new nn.ReflectionPad2d(reflection_padding);
    this.conv2d = new nn.Conv2d(in_channels, out_channels, kernel_size, stride);
  }
  override forward(x: Tensor): Tensor {
    let out = this.reflection_pad(x);
    out = this.conv2d(out);
    return out;
  }
}

class ResidualBlock extends nn.Module {
  conv1: ConvLayer; in1: Module; conv2: ConvLayer; in2: Module; relu: Module;
  constructor(channels: number) {
    super();
    this.conv1 = new ConvLayer(channels, channels, 3, 1);
    this.in1 = new nn.InstanceNorm2d(channels, { affine: true });
    this.conv2 = new ConvLayer(channels, channels, 3, 1);
    this.in2 = new nn.InstanceNorm2d(channels, { affine: true });
    this.relu = new nn.ReLU();
  }
  override forward(x: Tensor): Tensor {
    const residual = x;
    let out = this.relu(this.in1(this.conv1(x)));
    out = this.in2(this.conv2(out));
    out = out.add(residual);
    return out;
  }
}

class UpsampleConvLayer extends nn.Module {
  upsample: number | null; upsample_layer?: Module; reflection_pad: Module; conv2d: Module;
  constructor(in_channels: number, out_channels: number, kernel_size: number, stride: number, upsample: number | null = null) {
    super();
    this.upsample = upsample;
    if (upsample) this.upsample_layer = new nn.Upsample({ mode: 'nearest', scale_factor: upsample });
    const reflection_padding = Math.floor(kernel_size / 2);
    this.reflection_pad = new nn.ReflectionPad2d(reflection_padding);
    this.conv2d = new nn.Conv2d(in_channels, out_channels, kernel_size, stride);
  }
  override forward(x: Tensor): Tensor {
    let x_in = x;
    if (this.upsample) x_in = this.upsample_layer!(x_in);
    let out = this.reflection_pad(x_in);
    out = this.conv2d(out);
    return out;
  }
}

/** torchvision's vgg16(weights=None).features: make_layers(cfgs['D']) and VGG.__init__'s initialization of them. */
function vgg16_features(): InstanceType<typeof nn.Sequential> {
  let layers: Module[] = [];
  let in_channels = 3;
  for (const v of [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'] as const) {
    if (v === 'M') {
      layers = [...layers, new nn.MaxPool2d({ kernel_size: 2, stride: 2 })];
    } else {
      const conv2d = new nn.Conv2d(in_channels, v, { kernel_size: 3, padding: 1 });
      layers = [...layers, conv2d, new nn.ReLU({ inplace: true })];
      in_channels = v;
    }
  }
  const features = new nn.Sequential(...layers);
  for (const m of features.modules()) {
    if (m instanceof nn.Conv2d) {
      nn.init.kaiming_normal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
      if (m.bias !== null) nn.init.constant_(m.bias, 0);
    }
  }
  return features;
}

/** The example's namedtuple("VggOutputs", ['relu1_2', 'relu2_2', 'relu3_3', 'relu4_3']): an array with the names. */
type VggOutputs = Tensor[] & { relu1_2: Tensor; relu2_2: Tensor; relu3_3: Tensor; relu4_3: Tensor };

class Vgg16 extends nn.Module {
  slice1 = new nn.Sequential(); slice2 = new nn.Sequential(); slice3 = new nn.Sequential(); slice4 = new nn.Sequential();
  constructor(requires_grad = false) {
    super();
    const vgg_pretrained_features = vgg16_features();   // models.vgg16(pretrained=True).features
    for (let x = 0; x < 4; x++) this.slice1.add_module(String(x), vgg_pretrained_features.get(x));
    for (let x = 4; x < 9; x++) this.slice2.add_module(String(x), vgg_pretrained_features.get(x));
    for (let x = 9; x < 16; x++) this.slice3.add_module(String(x), vgg_pretrained_features.get(x));
    for (let x = 16; x < 23; x++) this.slice4.add_module(String(x), vgg_pretrained_features.get(x));
    if (!requires_grad) for (const param of this.parameters()) param.requires_grad = false;
  }
  override forward(X: Tensor): VggOutputs {
    let h = this.slice1(X);
    const h_relu1_2 = h;
    h = this.slice2(h);
    const h_relu2_2 = h;
    h = this.slice3(h);
    const h_relu3_3 = h;
    h = this.slice4(h);
    const h_relu4_3 = h;
    return Object.assign([h_relu1_2, h_relu2_2, h_relu3_3, h_relu4_3],
      { relu1_2: h_relu1_2, relu2_2: h_relu2_2, relu3_3: h_relu3_3, relu4_3: h_relu4_3 });
  }
}

function gram_matrix(y: Tensor): Tensor {
  const [b, ch, h, w] = y.size();
  const features = y.view(b, ch, w * h);
  const features_t = features.transpose(1, 2);
  const gram = features.bmm(features_t).div(ch * h * w);
  return gram;
}

function normalize_batch(batch: Tensor): Tensor {
  // normalize using imagenet mean and std
  const mean = batch.new_tensor([0.485, 0.456, 0.406]).view(-1, 1, 1);
  const std = batch.new_tensor([0.229, 0.224, 0.225]).view(-1, 1, 1);
  batch = batch.div_(255.0);
  return batch.sub(mean).div(std);
}

const fast_neural_style = program(() => {
  const args = { epochs: 1, batch_size: 2, image_size: 32, cuda: 0, seed: 42, content_weight: 1e5, style_weight: 1e10,
    lr: 1e-3, log_interval: 1 };
  const device = new torch.device(args.cuda ? 'cuda' : 'cpu');
  torch.manual_seed(args.seed);

  const train_dataset = new TensorDataset(torch.rand(4, 3, args.image_size, args.image_size).mul(255), torch.zeros(4));
  const train_loader = new DataLoader(train_dataset, { batch_size: args.batch_size });

  const transformer = new TransformerNet().to(device);
  const optimizer = new optim.Adam(transformer.parameters(), { lr: args.lr });
  const mse_loss = new nn.MSELoss();

  const vgg = new Vgg16(false).to(device);
  p(transformer.res1, transformer.deconv1, vgg.slice2);
  p(sum([...transformer.parameters()].map((q) => q.numel())), sum([...vgg.parameters()].filter((q) => q.requires_grad).map((q) => q.numel())));
  let style = torch.rand(3, args.image_size, args.image_size).mul(255);
  style = style.repeat(args.batch_size, 1, 1, 1).to(device);

  const features_style = vgg(normalize_batch(style));
  const gram_style = features_style.map((y) => gram_matrix(y));
  p(gram_style.map((g) => tuple(...g.shape)));
  n(gram_style[0].index(0, [null, 2], [null, 4]));

  for (let e = 0; e < args.epochs; e++) {
    transformer.train();
    let agg_content_loss = 0.0;
    let agg_style_loss = 0.0;
    let count = 0;
    let batch_id = 0;
    for (let [x] of train_loader) {
      const n_batch = len(x);
      count += n_batch;
      optimizer.zero_grad();

      x = x.to(device);
      let y = transformer(x);

      y = normalize_batch(y);
      x = normalize_batch(x);

      const features_y = vgg(y);
      const features_x = vgg(x);

      const content_loss = mse_loss(features_y.relu2_2, features_x.relu2_2).mul(args.content_weight);

      let style_loss = torch.tensor(0.0);   // style_loss = 0. (0 + the first loss is that loss)
      features_y.forEach((ft_y, i) => {   // for ft_y, gm_s in zip(features_y, gram_style)
        const gm_y = gram_matrix(ft_y);
        style_loss = style_loss.add(mse_loss(gm_y, gram_style[i].index([null, n_batch], null, null)));
      });
      style_loss = style_loss.mul(args.style_weight);

      const total_loss = content_loss.add(style_loss);
      total_loss.backward();
      optimizer.step();

      agg_content_loss += item(content_loss);
      agg_style_loss += item(style_loss);

      if ((batch_id + 1) % args.log_interval === 0) {
        const mesg = `ctime\tEpoch ${e + 1}:\t[${count}/${len(train_dataset)}]\tcontent: ${f(agg_content_loss / (batch_id + 1), 6)}` +
          `\tstyle: ${f(agg_style_loss / (batch_id + 1), 6)}\ttotal: ${f((agg_content_loss + agg_style_loss) / (batch_id + 1), 6)}`;
        n(mesg);
      }
      batch_id++;
    }
  }
  transformer.eval();
  const output = torch.no_grad(() => transformer(torch.rand(1, 3, 32, 32).mul(255)).cpu());
  p(output.shape);
  e(() => transformer(torch.rand(1, 1, 32, 32)));
  e(() => transformer(torch.rand(1, 3, 4, 4)));
});

// -------------------------------------------------------------------------------------------------
// imagenet/main.py: a training epoch and a validation of resnet18 on 32x32 --dummy data, 16 training and 8 validation
// images, batch 8, --print-freq 1; the Time and Data meters are fed 0.0 (clocks, not results)
enum Summary { NONE = 0, AVERAGE = 1, SUM = 2, COUNT = 3 }

type MeterValue = number | Tensor;
const num = (v: MeterValue) => (v instanceof torch.Tensor ? item(v) : v);
/** Python's format spec of a meter: ':6.3f', ':6.2f', ':.4e', ':f' (a 0-dim tensor formats as its item()). */
function fmtSpec(v: MeterValue, spec: string): string {
  const x = num(v);
  const m = /^:(\d*)\.?(\d*)([fe])$/.exec(spec)!;
  const digits = m[2] === '' ? 6 : Number(m[2]);
  let s = m[3] === 'f' ? x.toFixed(digits) : x.toExponential(digits).replace(/e([+-])(\d)$/, 'e$10$2');   // e+0 -> e+00
  if (m[1]) s = s.padStart(Number(m[1]));
  return s;
}
// Python's 0 + t, t * n, t / n on a 0-dim float32 tensor or a number
const addv = (a: MeterValue, b: MeterValue) => (a instanceof torch.Tensor ? a.add(b) : b instanceof torch.Tensor ? b.add(a) : a + b);
const mulv = (a: MeterValue, k: number) => (a instanceof torch.Tensor ? a.mul(k) : a * k);
const divv = (a: MeterValue, k: number) => (a instanceof torch.Tensor ? a.div(k) : a / k);

class AverageMeter {
  val: MeterValue = 0; avg: MeterValue = 0; sum: MeterValue = 0; count = 0;
  constructor(readonly name: string, readonly fmt = ':f', readonly summary_type = Summary.AVERAGE) {
    this.reset();
  }
  reset() {
    this.val = 0;
    this.avg = 0;
    this.sum = 0;
    this.count = 0;
  }
  update(val: MeterValue, n = 1) {
    // tocha releases the tensors made in a DataLoader step when the loop moves on: a meter keeps the ones it holds
    const kept = (v: MeterValue) => (v instanceof torch.Tensor ? v.keep() : v);
    this.val = kept(val);
    this.sum = kept(addv(this.sum, mulv(val, n)));
    this.count += n;
    this.avg = kept(divv(this.sum, this.count));
  }
  toString(): string {
    return `${this.name} ${fmtSpec(this.val, this.fmt)} (${fmtSpec(this.avg, this.fmt)})`;
  }
  summary(): string {
    let fmtstr = '';
    if (this.summary_type === Summary.NONE) fmtstr = '';
    else if (this.summary_type === Summary.AVERAGE) fmtstr = `${this.name} ${fmtSpec(this.avg, ':.3f')}`;
    else if (this.summary_type === Summary.SUM) fmtstr = `${this.name} ${fmtSpec(this.sum, ':.3f')}`;
    else if (this.summary_type === Summary.COUNT) fmtstr = `${this.name} ${fmtSpec(this.count, ':.3f')}`;
    else throw new RangeError(`invalid summary type ${this.summary_type}`);
    return fmtstr;
  }
}

class ProgressMeter {
  batch_fmtstr: (batch: number) => string;
  constructor(num_batches: number, readonly meters: AverageMeter[], readonly prefix = '') {
    this.batch_fmtstr = this._get_batch_fmtstr(num_batches);
  }
  display(batch: number) {
    const entries = [this.prefix + this.batch_fmtstr(batch), ...this.meters.map((meter) => String(meter))];
    n(entries.join('\t'));
  }
  display_summary() {
    const entries = [' *', ...this.meters.map((meter) => meter.summary())];
    n(entries.join(' '));
  }
  _get_batch_fmtstr(num_batches: number) {
    const num_digits = String(Math.floor(num_batches / 1)).length;
    const fmt = (x: number) => String(x).padStart(num_digits);   // '{:' + str(num_digits) + 'd}'
    return (batch: number) => `[${fmt(batch)}/${fmt(num_batches)}]`;
  }
}

/** Computes the accuracy over the k top predictions for the specified values of k */
function accuracy(output: Tensor, target: Tensor, topk: number[] = [1]): Tensor[] {
  return torch.no_grad(() => {
    const maxk = Math.max(...topk);
    const batch_size = target.size(0);

    let [, pred] = output.topk(maxk, 1, true, true);
    pred = pred.t();
    const correct = pred.eq(target.view(1, -1).expand_as(pred));

    const res: Tensor[] = [];
    for (const k of topk) {
      const correct_k = correct.index([null, k]).reshape(-1).float().sum(0, true);
      res.push(correct_k.mul_(100.0 / batch_size));
    }
    return res;
  });
}

interface ImagenetArgs { arch: string; epochs: number; start_epoch: number; batch_size: number; lr: number; momentum: number;
  weight_decay: number; print_freq: number; seed: number | null; dummy: boolean }

function imagenet_train(train_loader: Loader, model: Module, criterion: Module, optimizer: torch.optim.Optimizer, epoch: number, args: ImagenetArgs) {
  const batch_time = new AverageMeter('Time', ':6.3f');
  const data_time = new AverageMeter('Data', ':6.3f');
  const losses = new AverageMeter('Loss', ':.4e');
  const top1 = new AverageMeter('Acc@1', ':6.2f');
  const top5 = new AverageMeter('Acc@5', ':6.2f');
  const progress = new ProgressMeter(len(train_loader), [batch_time, data_time, losses, top1, top5], `Epoch: [${epoch}]`);

  // switch to train mode
  model.train();

  let i = 0;
  for (const [images, target] of train_loader) {
    // measure data loading time
    data_time.update(0.0);   // time.time() - end

    // compute output
    const output = model(images);
    const loss = criterion(output, target);

    // measure accuracy and record loss
    const [acc1, acc5] = accuracy(output, target, [1, 5]);
    losses.update(item(loss), images.size(0));
    top1.update(acc1.index(0), images.size(0));
    top5.update(acc5.index(0), images.size(0));

    // compute gradient and do SGD step
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();

    // measure elapsed time
    batch_time.update(0.0);   // time.time() - end

    if (i % args.print_freq === 0) progress.display(i + 1);
    i++;
  }
}

function imagenet_validate(val_loader: Loader, model: Module, criterion: Module, args: ImagenetArgs): MeterValue {
  const run_validate = (loader: Loader, base_progress = 0) => {
    torch.no_grad(() => {
      let j = 0;
      for (const [images, target] of loader) {
        const i = base_progress + j++;

        // compute output
        const output = model(images);
        const loss = criterion(output, target);

        // measure accuracy and record loss
        const [acc1, acc5] = accuracy(output, target, [1, 5]);
        losses.update(item(loss), images.size(0));
        top1.update(acc1.index(0), images.size(0));
        top5.update(acc5.index(0), images.size(0));

        // measure elapsed time
        batch_time.update(0.0);   // time.time() - end

        if (i % args.print_freq === 0) progress.display(i + 1);
      }
    });
  };

  const batch_time = new AverageMeter('Time', ':6.3f', Summary.NONE);
  const losses = new AverageMeter('Loss', ':.4e', Summary.NONE);
  const top1 = new AverageMeter('Acc@1', ':6.2f', Summary.AVERAGE);
  const top5 = new AverageMeter('Acc@5', ':6.2f', Summary.AVERAGE);
  const progress = new ProgressMeter(len(val_loader), [batch_time, losses, top1, top5], 'Test: ');

  // switch to evaluate mode
  model.eval();

  run_validate(val_loader);

  progress.display_summary();

  return top1.avg;
}

const imagenet = program(() => {
  const args: ImagenetArgs = { arch: 'resnet18', epochs: 1, start_epoch: 0, batch_size: 8, lr: 0.1, momentum: 0.9,
    weight_decay: 1e-4, print_freq: 1, seed: null, dummy: true };
  p(`=> creating model '${args.arch}'`);
  const model = resnet18();   // models.__dict__[args.arch]()
  p('=> Dummy data is used!');
  const train_dataset = new TensorDataset(torch.rand(16, 3, 32, 32), torch.randint(0, 1000, [16]));
  const val_dataset = new TensorDataset(torch.rand(8, 3, 32, 32), torch.randint(0, 1000, [8]));

  // define loss function (criterion), optimizer, and learning rate scheduler
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(model.parameters(), { lr: args.lr, momentum: args.momentum, weight_decay: args.weight_decay });
  // Sets the learning rate to the initial LR decayed by 10 every 30 epochs
  const scheduler = new StepLR(optimizer, { step_size: 30, gamma: 0.1 });

  const train_loader = new DataLoader(train_dataset, { batch_size: args.batch_size, shuffle: true });
  const val_loader = new DataLoader(val_dataset, { batch_size: args.batch_size, shuffle: false });

  let best_acc1: MeterValue = 0;
  for (let epoch = args.start_epoch; epoch < args.epochs; epoch++) {
    // train for one epoch
    imagenet_train(train_loader, model, criterion, optimizer, epoch, args);

    // evaluate on validation set
    const acc1 = imagenet_validate(val_loader, model, criterion, args);

    scheduler.step();

    // remember best acc@1 and save checkpoint: acc1 > best_acc1 and max(acc1, best_acc1) on a tensor and a number
    const is_best = (acc1 as Tensor).gt(best_acc1);
    best_acc1 = item(is_best) ? acc1 : best_acc1;
    p(is_best, scheduler.get_last_lr());
  }
  const keys = Object.keys(model.state_dict());
  p(keys.slice(0, 8), keys.length);
  const out = torch.tensor([[0.1, 0.5, 0.2, 0.9, 0.3, 0.0], [0.8, 0.1, 0.7, 0.2, 0.6, 0.5]]);
  p(accuracy(out, torch.tensor([1, 4]), [1, 2, 3]));
  e(() => accuracy(out.index(null, [null, 4]), torch.tensor([1, 3]), [1, 5]));
  torch.manual_seed(0);
  const zmodel = resnet18({ zero_init_residual: true });
  const block = (layer: Module, i: number) => (layer as InstanceType<typeof nn.Sequential>).get(i) as BasicBlock;
  p(block(zmodel.layer1, 0).bn2.weight!.index([null, 4]), (block(zmodel.layer1, 0).bn1 as InstanceType<typeof nn.BatchNorm2d>).weight!.index([null, 4]),
    block(zmodel.layer4, 1).bn2.weight!.abs().sum());
  p(item((zmodel.conv1 as InstanceType<typeof nn.Conv2d>).weight.std()) > 0, zmodel.fc);
});

export const programs = { siamese_network, mnist_forward_forward, mnist_rnn, gcn, knowledge_distillation, fast_neural_style,
  imagenet };
