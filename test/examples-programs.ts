// Programs of the pytorch/examples repository (as of PyTorch 1.13) written against tocha the way a user translating
// them would write them, with the same synthetic data and seeds as scripts/gen-examples.py (which records what
// PyTorch 1.13 prints for each). test/examples.test.ts compares. Where the translation has to differ from the Python
// for a reason of language (no operator overloading, no `with`, Python's own formatting of numbers), the line says so.
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { e, n, p, program, tuple } from './tutorial-harness.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { nn, optim } = torch;
const F = nn.functional;
const init = nn.init;
const { DataLoader, TensorDataset } = torch.utils.data;
const { StepLR } = optim.lr_scheduler;

const item = (t: Tensor) => Number(t.item());
// len(dataset), len(loader), len(tensor) (a tensor's first size: tocha's Tensor has no length)
const len = (d: unknown) => (d instanceof torch.Tensor ? d.size(0) : (d as { length: number }).length);
// Python's format specs: '{:5d}', '{:8.2f}', '{:+.2f}'
const d = (x: number, w: number) => String(x).padStart(w);
const f = (x: number, digits: number, w = 0) => x.toFixed(digits).padStart(w);
const signed = (x: number, digits: number) => (x >= 0 ? '+' : '') + x.toFixed(digits);
type Loader = InstanceType<typeof DataLoader<Tensor[], Tensor[]>>;

// -------------------------------------------------------------------------------------------------
// mnist/main.py: synthetic 28x28 "digits", batch 16, test batch 16, 2 epochs, log interval 2
class Net extends nn.Module {
  conv1 = new nn.Conv2d(1, 32, 3, 1);
  conv2 = new nn.Conv2d(32, 64, 3, 1);
  dropout1 = new nn.Dropout(0.25);
  dropout2 = new nn.Dropout(0.5);
  fc1 = new nn.Linear(9216, 128);
  fc2 = new nn.Linear(128, 10);
  override forward(x: Tensor): Tensor {
    x = this.conv1(x);
    x = F.relu(x);
    x = this.conv2(x);
    x = F.relu(x);
    x = F.max_pool2d(x, 2);
    x = this.dropout1(x);
    x = torch.flatten(x, 1);
    x = this.fc1(x);
    x = F.relu(x);
    x = this.dropout2(x);
    x = this.fc2(x);
    const output = F.log_softmax(x, { dim: 1 });
    return output;
  }
}

interface MnistArgs { batch_size: number; test_batch_size: number; epochs: number; lr: number; gamma: number; no_cuda: boolean;
  dry_run: boolean; seed: number; log_interval: number; save_model: boolean }

function train(args: MnistArgs, model: Net, device: torch.device, train_loader: Loader, optimizer: torch.optim.Optimizer, epoch: number) {
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

function test(model: Net, device: torch.device, test_loader: Loader) {
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
    }
  });
  test_loss /= len(test_loader.dataset);
  n(`\nTest set: Average loss: ${f(test_loss, 4)}, Accuracy: ${correct}/${len(test_loader.dataset)} ` +
    `(${f(100 * correct / len(test_loader.dataset), 0)}%)\n`);
}

const mnist = program(() => {
  const args: MnistArgs = { batch_size: 16, test_batch_size: 16, epochs: 2, lr: 1.0, gamma: 0.7, no_cuda: false, dry_run: false,
    seed: 1, log_interval: 2, save_model: false };
  const use_cuda = !args.no_cuda && torch.cuda.is_available();
  torch.manual_seed(args.seed);
  const device = new torch.device(use_cuda ? 'cuda' : 'cpu');
  const train_kwargs = { batch_size: args.batch_size };
  const test_kwargs = { batch_size: args.test_batch_size };
  let images = torch.rand(96, 1, 28, 28);
  const labels = images.index(null, 0, [null, 20], null).reshape(96, 10, 56).mean(2).argmax(1);
  images = images.sub(0.1307).div(0.3081);
  const dataset1 = new TensorDataset(images.index([null, 64]), labels.index([null, 64]));
  const dataset2 = new TensorDataset(images.index([64, null]), labels.index([64, null]));
  const train_loader = new DataLoader(dataset1, train_kwargs);
  const test_loader = new DataLoader(dataset2, test_kwargs);

  const model = new Net().to(device);
  p(model);
  const optimizer = new optim.Adadelta(model.parameters(), { lr: args.lr });
  p(optimizer);
  const scheduler = new StepLR(optimizer, { step_size: 1, gamma: args.gamma });
  for (let epoch = 1; epoch <= args.epochs; epoch++) {
    train(args, model, device, train_loader, optimizer, epoch);
    test(model, device, test_loader);
    scheduler.step();
    p(scheduler.get_last_lr());
  }
  p(Object.keys(model.state_dict()));
  const sd = scheduler.state_dict();
  p(sd.last_epoch, sd._step_count, sd._last_lr);
  args.dry_run = true;
  train(args, model, device, train_loader, optimizer, 3);
  e(() => model(torch.rand(1, 28, 28)));
  e(() => model(torch.rand(2, 1, 32, 32)));
  e(() => model(torch.rand(2, 3, 28, 28)));
  e(() => model(torch.randint(0, 255, [2, 1, 28, 28])));
  e(() => model(images.index([null, 16], 0)));   // the channel dim dropped: conv2d takes (16, 28, 28) as one 16-channel image
  const out = model(images.index([null, 4]));
  e(() => F.nll_loss(out, labels.index([null, 4]).float()));
  e(() => F.nll_loss(out, torch.tensor([0, 1, 10, 2])));
  e(() => F.nll_loss(out, labels.index([null, 3])));
  e(() => new optim.Adadelta(model.parameters(), { lr: -0.5 }));
  e(() => new optim.Adadelta(model.parameters(), { rho: 1.5 }));
  e(() => new optim.Adadelta(model.parameters(), { weight_decay: -1 }));
  e(() => new StepLR(optimizer));   // step_size is required
});

// -------------------------------------------------------------------------------------------------
// vae/main.py: 64 synthetic training and 32 test images, batch 16, 2 epochs, log interval 2; save_image replaced by
// printing the shapes and a statistic of what it would save
class VAE extends nn.Module {
  fc1 = new nn.Linear(784, 400);
  fc21 = new nn.Linear(400, 20);
  fc22 = new nn.Linear(400, 20);
  fc3 = new nn.Linear(20, 400);
  fc4 = new nn.Linear(400, 784);
  encode(x: Tensor): [Tensor, Tensor] {
    const h1 = F.relu(this.fc1(x));
    return [this.fc21(h1), this.fc22(h1)];
  }
  reparameterize(mu: Tensor, logvar: Tensor): Tensor {
    const std = torch.exp(logvar.mul(0.5));
    const eps = torch.randn_like(std);
    return mu.add(eps.mul(std));
  }
  decode(z: Tensor): Tensor {
    const h3 = F.relu(this.fc3(z));
    return torch.sigmoid(this.fc4(h3));
  }
  override forward(x: Tensor): [Tensor, Tensor, Tensor] {
    const [mu, logvar] = this.encode(x.view(-1, 784));
    const z = this.reparameterize(mu, logvar);
    return [this.decode(z), mu, logvar];
  }
}

// Reconstruction + KL divergence losses summed over all elements and batch
function loss_function(recon_x: Tensor, x: Tensor, mu: Tensor, logvar: Tensor): Tensor {
  const BCE = F.binary_cross_entropy(recon_x, x.view(-1, 784), { reduction: 'sum' });
  // see Appendix B from VAE paper: Kingma and Welling. Auto-Encoding Variational Bayes. ICLR, 2014
  // 0.5 * sum(1 + log(sigma^2) - mu^2 - sigma^2)
  const KLD = torch.sum(logvar.add(1).sub(mu.pow(2)).sub(logvar.exp())).mul(-0.5);
  return BCE.add(KLD);
}

const vae = program(() => {
  const args = { batch_size: 16, epochs: 2, no_cuda: false, seed: 1, log_interval: 2, cuda: false };
  args.cuda = !args.no_cuda && torch.cuda.is_available();
  torch.manual_seed(args.seed);
  const device = new torch.device(args.cuda ? 'cuda' : 'cpu');
  const images = torch.rand(96, 1, 28, 28);
  const labels = torch.randint(0, 10, [96]);
  const train_loader = new DataLoader(new TensorDataset(images.index([null, 64]), labels.index([null, 64])),
    { batch_size: args.batch_size, shuffle: true });
  const test_loader = new DataLoader(new TensorDataset(images.index([64, null]), labels.index([64, null])),
    { batch_size: args.batch_size, shuffle: true });
  const model = new VAE().to(device);
  const optimizer = new optim.Adam(model.parameters(), { lr: 1e-3 });
  p(model);

  const train = (epoch: number) => {
    model.train();
    let train_loss = 0;
    let batch_idx = 0;
    for (let [data] of train_loader) {
      data = data.to(device);
      optimizer.zero_grad();
      const [recon_batch, mu, logvar] = model(data);
      const loss = loss_function(recon_batch, data, mu, logvar);
      loss.backward();
      train_loss += item(loss);
      optimizer.step();
      if (batch_idx % args.log_interval === 0) {
        n(`Train Epoch: ${epoch} [${batch_idx * len(data)}/${len(train_loader.dataset)} ` +
          `(${f(100 * batch_idx / len(train_loader), 0)}%)]\tLoss: ${f(item(loss) / len(data), 6)}`);
      }
      batch_idx++;
    }
    n(`====> Epoch: ${epoch} Average loss: ${f(train_loss / len(train_loader.dataset), 4)}`);
  };

  const test = (_epoch: number) => {
    model.eval();
    let test_loss = 0;
    torch.no_grad(() => {
      let i = 0;
      for (let [data] of test_loader) {
        data = data.to(device);
        const [recon_batch, mu, logvar] = model(data);
        test_loss += item(loss_function(recon_batch, data, mu, logvar));
        if (i === 0) {
          const n_ = Math.min(data.size(0), 8);
          const comparison = torch.cat([data.index([null, n_]),
            recon_batch.view(args.batch_size, 1, 28, 28).index([null, n_])]);
          // save_image(comparison.cpu(), 'results/reconstruction_' + str(epoch) + '.png', nrow=n)
          p(comparison.shape);
          n(comparison.index([n_, null]).mean());
        }
        i++;
      }
    });
    test_loss /= len(test_loader.dataset);
    n(`====> Test set loss: ${f(test_loss, 4)}`);
  };

  for (let epoch = 1; epoch <= args.epochs; epoch++) {
    train(epoch);
    test(epoch);
    torch.no_grad(() => {
      let sample = torch.randn(64, 20).to(device);
      sample = model.decode(sample).cpu();
      // save_image(sample.view(64, 1, 28, 28), 'results/sample_' + str(epoch) + '.png')
      p(sample.view(64, 1, 28, 28).shape);
      n(sample.mean(), sample.index(0, [null, 4]));
    });
  }
  const x16 = images.index([null, 4]);
  const [recon, mu] = model(x16);
  e(() => F.binary_cross_entropy(recon, x16, { reduction: 'sum' }));
  e(() => F.binary_cross_entropy(model.fc4(F.relu(model.fc3(mu))), x16.view(-1, 784)));
  // @ts-expect-error: not a reduction
  e(() => F.binary_cross_entropy(recon, x16.view(-1, 784), { reduction: 'mean_sum' }));
  e(() => model(torch.rand(4, 1, 32, 32)));
  e(() => model(torch.rand(4, 1, 27, 28)));
  e(() => model.decode(torch.randn(4, 10)));
  e(() => recon.view(args.batch_size, 1, 28, 28));
  e(() => F.binary_cross_entropy(recon, x16.view(-1, 784).gt(0.5).long(), { reduction: 'sum' }));
});

// -------------------------------------------------------------------------------------------------
// time_sequence_prediction/generate_sine_wave.py and train.py: 6 waves of 60 points, 1 LBFGS step, 20 future points;
// float32 on both sides (the original's .double(): tocha has float32 only); 1 LBFGS step, predictions to 2 decimals
class Sequence extends nn.Module {
  lstm1 = new nn.LSTMCell(1, 51);
  lstm2 = new nn.LSTMCell(51, 51);
  linear = new nn.Linear(51, 1);
  override forward(input: Tensor, future = 0): Tensor {
    let outputs: Tensor[] = [];
    let h_t = torch.zeros(input.size(0), 51, { dtype: torch.float });   // torch.double in the original
    let c_t = torch.zeros(input.size(0), 51, { dtype: torch.float });
    let h_t2 = torch.zeros(input.size(0), 51, { dtype: torch.float });
    let c_t2 = torch.zeros(input.size(0), 51, { dtype: torch.float });
    let output!: Tensor;
    for (const input_t of input.split(1, { dim: 1 })) {
      [h_t, c_t] = this.lstm1(input_t, [h_t, c_t]);
      [h_t2, c_t2] = this.lstm2(h_t, [h_t2, c_t2]);
      output = this.linear(h_t2);
      outputs = [...outputs, output];
    }
    for (let i = 0; i < future; i++) {   // if we should predict the future
      [h_t, c_t] = this.lstm1(output, [h_t, c_t]);
      [h_t2, c_t2] = this.lstm2(h_t, [h_t2, c_t2]);
      output = this.linear(h_t2);
      outputs = [...outputs, output];
    }
    return torch.cat(outputs, { dim: 1 });
  }
}

const time_sequence_prediction = program(() => {
  const T = 20;
  const L = 60;
  const N = 6;
  const x = torch.empty([N, L], { dtype: torch.int64 });
  x.set('...', torch.arange(L).add(torch.randint(-4 * T, 4 * T, [N]).reshape(N, 1)));   // x[:] = ...
  const sine_data = torch.sin(x.div(1.0).div(T));
  p(sine_data.shape, sine_data.dtype);
  n(sine_data.index(null, [null, 3]));

  torch.manual_seed(0);
  const data = sine_data;
  const input = data.index([3, null], [null, -1]);
  const target = data.index([3, null], [1, null]);
  const test_input = data.index([null, 3], [null, -1]);
  const test_target = data.index([null, 3], [1, null]);
  const seq = new Sequence();   // seq.double() in the original
  p(seq);
  const criterion = new nn.MSELoss();
  const optimizer = new optim.LBFGS(seq.parameters(), { lr: 0.8 });
  p(optimizer);
  let closure!: () => Tensor;
  for (let i = 0; i < 1; i++) {
    p('STEP: ', i);
    closure = () => {
      optimizer.zero_grad();
      const out = seq(input);
      const loss = criterion(out, target);
      n('loss:', item(loss));
      loss.backward();
      return loss;
    };
    optimizer.step(closure);
    torch.no_grad(() => {
      const future = 20;
      const pred = seq(test_input, future);
      const loss = criterion(pred.index(null, [null, -future]), test_target);
      n('test loss:', item(loss));
      const y = pred.detach();
      p(y.shape);
      torch.set_printoptions({ precision: 2 });
      n(y.index(null, [input.size(1), input.size(1) + 3]));   // the first predicted values (the plot's dashed lines)
      torch.set_printoptions({ profile: 'default' });
    });
  }
  const state = optimizer.state_dict().state[0] as Record<string, unknown>;
  p(Object.keys(state).sort());
  p(state.func_evals, state.n_iter, len(state.old_dirs));
  e(() => optimizer.step());   // LBFGS needs its closure
  e(() => seq(input.index(0)));
  e(() => seq.lstm1(input.index(null, [null, 1]), [torch.zeros(3, 50), torch.zeros(3, 51)]));
  e(() => seq.lstm1(input.index(null, [null, 2]), [torch.zeros(3, 51), torch.zeros(3, 51)]));
  e(() => seq.lstm1(input.unsqueeze(2), [torch.zeros(3, 51), torch.zeros(3, 51)]));
  e(() => criterion(seq(input), data.index([3, null])));
  // @ts-expect-error: not a line search PyTorch has
  e(() => new optim.LBFGS(seq.parameters(), { lr: 0.8, line_search_fn: 'wolfe' }).step(closure));
});

// -------------------------------------------------------------------------------------------------
// super_resolution/model.py and main.py: upscale factor 2 on synthetic 16x16 images, their 8x8 averages as inputs,
// 8 training images in batches of 4, 4 test images in batches of 2, 2 epochs; the checkpoint is a state_dict
class SRNet extends nn.Module {
  relu = new nn.ReLU();
  conv1 = new nn.Conv2d(1, 64, [5, 5], [1, 1], [2, 2]);
  conv2 = new nn.Conv2d(64, 64, [3, 3], [1, 1], [1, 1]);
  conv3 = new nn.Conv2d(64, 32, [3, 3], [1, 1], [1, 1]);
  conv4: torch.nn.Conv2d;
  pixel_shuffle: torch.nn.PixelShuffle;
  constructor(upscale_factor: number) {
    super();
    this.conv4 = new nn.Conv2d(32, upscale_factor ** 2, [3, 3], [1, 1], [1, 1]);
    this.pixel_shuffle = new nn.PixelShuffle(upscale_factor);
    this._initialize_weights();
  }
  override forward(x: Tensor): Tensor {
    x = this.relu(this.conv1(x));
    x = this.relu(this.conv2(x));
    x = this.relu(this.conv3(x));
    x = this.pixel_shuffle(this.conv4(x));
    return x;
  }
  _initialize_weights(): void {
    init.orthogonal_(this.conv1.weight, init.calculate_gain('relu'));
    init.orthogonal_(this.conv2.weight, init.calculate_gain('relu'));
    init.orthogonal_(this.conv3.weight, init.calculate_gain('relu'));
    init.orthogonal_(this.conv4.weight);
  }
}

const super_resolution = program(() => {
  const opt = { upscale_factor: 2, batchSize: 4, testBatchSize: 2, nEpochs: 2, lr: 0.01, cuda: false, threads: 4, seed: 123 };
  torch.manual_seed(opt.seed);
  const device = new torch.device('cpu');
  p('===> Loading datasets');
  const hr = torch.rand(12, 1, 16, 16);
  const lr_images = F.avg_pool2d(hr, opt.upscale_factor);
  const train_set = new TensorDataset(lr_images.index([null, 8]), hr.index([null, 8]));
  const test_set = new TensorDataset(lr_images.index([8, null]), hr.index([8, null]));
  const training_data_loader = new DataLoader(train_set, { batch_size: opt.batchSize, shuffle: true });
  const testing_data_loader = new DataLoader(test_set, { batch_size: opt.testBatchSize, shuffle: false });
  p('===> Building model');
  const model = new SRNet(opt.upscale_factor).to(device);
  p(model);
  p(init.calculate_gain('relu'), init.calculate_gain('leaky_relu', 0.2), init.calculate_gain('tanh'));
  const w = model.conv2.weight.view(64, -1);
  p(torch.allclose(w.matmul(w.t()), torch.eye(64).mul(2), { atol: 1e-5 }));
  n(w.matmul(w.t()).diagonal().index([null, 3]));
  n(model.conv4.weight.view(4, -1).norm({ dim: 1 }));
  const criterion = new nn.MSELoss();
  const optimizer = new optim.Adam(model.parameters(), { lr: opt.lr });

  const train = (epoch: number) => {
    let epoch_loss = 0;
    let iteration = 1;
    for (const batch of training_data_loader) {
      const [input, target] = [batch[0].to(device), batch[1].to(device)];
      optimizer.zero_grad();
      const loss = criterion(model(input), target);
      epoch_loss += item(loss);
      loss.backward();
      optimizer.step();
      n(`===> Epoch[${epoch}](${iteration}/${len(training_data_loader)}): Loss: ${f(item(loss), 4)}`);
      iteration++;
    }
    n(`===> Epoch ${epoch} Complete: Avg. Loss: ${f(epoch_loss / len(training_data_loader), 4)}`);
  };
  const test = () => {
    let avg_psnr = 0;
    torch.no_grad(() => {
      for (const batch of testing_data_loader) {
        const [input, target] = [batch[0].to(device), batch[1].to(device)];
        const prediction = model(input);
        const mse = criterion(prediction, target);
        const psnr = 10 * Math.log10(1 / item(mse));
        avg_psnr += psnr;
      }
    });
    n(`===> Avg. PSNR: ${f(avg_psnr / len(testing_data_loader), 4)} dB`);
  };
  const dir = mkdtempSync(join(tmpdir(), 'tocha-examples-'));
  const checkpoint = (epoch: number) => {
    const model_out_path = `model_epoch_${epoch}.pth`;
    torch.save(model.state_dict(), join(dir, model_out_path));   // torch.save(model, ...) in the original
    p(`Checkpoint saved to ${model_out_path}`);
  };
  for (let epoch = 1; epoch <= opt.nEpochs; epoch++) {
    train(epoch);
    test();
    checkpoint(epoch);
  }
  const loaded = new SRNet(opt.upscale_factor);
  p(loaded.load_state_dict(torch.load(join(dir, 'model_epoch_2.pth'))));
  p(torch.equal(loaded(lr_images.index([8, null])), model(lr_images.index([8, null]))));
  p(model(lr_images.index([null, 1])).shape);
  e(() => model(torch.rand(1, 3, 8, 8)));
  e(() => new nn.PixelShuffle(2)(torch.rand(1, 3, 4, 4)));
  e(() => new nn.PixelShuffle(2)(torch.rand(3, 4)));
  e(() => init.orthogonal_(torch.empty(5)));
  // @ts-expect-error: not a nonlinearity calculate_gain knows
  e(() => init.calculate_gain('gelu'));
  e(() => criterion(model(lr_images.index([null, 2])), lr_images.index([null, 2])));
  // a checkpoint of another upscale factor, and a model whose layers were renamed
  e(() => new SRNet(3).load_state_dict(torch.load(join(dir, 'model_epoch_2.pth'))));
  const sd = torch.load(join(dir, 'model_epoch_2.pth'));
  sd['conv5.weight'] = sd['conv4.weight'];   // sd.pop('conv4.weight')
  delete sd['conv4.weight'];
  e(() => loaded.load_state_dict(sd));
  p(loaded.load_state_dict(sd, { strict: false }));
});

// -------------------------------------------------------------------------------------------------
// regression/main.py, from seed 3 (a run that stops after 252 batches)
const regression = program(() => {
  torch.manual_seed(3);
  const POLY_DEGREE = 4;
  const W_target = torch.randn(POLY_DEGREE, 1).mul(5);
  const b_target = torch.randn(1).mul(5);
  /** Builds features i.e. a matrix with columns [x, x^2, x^3, x^4]. */
  const make_features = (x: Tensor) => {
    x = x.unsqueeze(1);
    return torch.cat(Array.from({ length: POLY_DEGREE }, (_, i) => x.pow(i + 1)), 1);
  };
  /** Approximated function. */
  const f_ = (x: Tensor) => x.mm(W_target).add(item(b_target));
  /** Creates a string description of a polynomial. */
  const poly_desc = (W: Tensor, b: Tensor) => {
    let result = 'y = ';
    W.unbind().forEach((w, i) => { result += `${signed(item(w), 2)} x^${i + 1} `; });   // '{:+.2f}'.format(w)
    result += signed(item(b.index(0)), 2);
    return result;
  };
  /** Builds a batch i.e. (x, f(x)) pair. */
  const get_batch = (batch_size = 32) => {
    const random = torch.randn(batch_size);
    const x = make_features(random);
    const y = f_(x);
    return [x, y];
  };
  // Define model
  const fc = new torch.nn.Linear(W_target.size(0), 1);
  p(fc);
  p(make_features(torch.tensor([1, 2], { dtype: torch.float32 })));
  let loss = 0;
  let batch_idx = 1;
  for (; ; batch_idx++) {   // for batch_idx in count(1)
    // Get data
    const [batch_x, batch_y] = get_batch();
    // Reset gradients
    fc.zero_grad();
    // Forward pass
    const output = F.smooth_l1_loss(fc(batch_x), batch_y);
    loss = item(output);
    // Backward pass
    output.backward();
    // Apply gradients
    for (const param of fc.parameters()) param.data.add_(param.grad!.mul(-0.1));
    if (batch_idx % 50 === 0) n(batch_idx, loss);
    // Stop criterion
    if (loss < 1e-3) break;
  }
  n(`Loss: ${f(loss, 6)} after ${batch_idx} batches`);
  n('==> Learned function:\t' + poly_desc(fc.weight.view(-1), fc.bias!));
  p('==> Actual function:\t' + poly_desc(W_target.view(-1), b_target));
  const [bx, by] = get_batch();
  e(() => fc(torch.cat(Array.from({ length: POLY_DEGREE }, (_, i) => torch.randn(32).pow(i + 1)), 0)));
  p(F.smooth_l1_loss(fc(bx), by.view(-1)).shape);
  e(() => fc.weight.add_(fc.weight.grad!.mul(-0.1)));
  e(() => f_(torch.randn(32)));
  e(() => F.smooth_l1_loss(fc(bx), by, { beta: -1.0 }));
});

// -------------------------------------------------------------------------------------------------
// word_language_model/data.py, model.py, main.py and generate.py: a tiny inline corpus, small sizes; LSTM, GRU with
// tied weights, RNN_TANH (1 epoch) and the Transformer; the times of the printouts left out; torch.save(model) is a state_dict
class Dictionary {
  word2idx: Record<string, number> = {};
  idx2word: string[] = [];
  add_word(word: string): number {
    if (!(word in this.word2idx)) {
      this.idx2word.push(word);
      this.word2idx[word] = this.idx2word.length - 1;
    }
    return this.word2idx[word];
  }
  get length(): number { return this.idx2word.length; }   // __len__
}

class Corpus {
  dictionary = new Dictionary();
  train: Tensor; valid: Tensor; test: Tensor;
  constructor(texts: Record<'train' | 'valid' | 'test', string[]>) {
    this.train = this.tokenize(texts.train);
    this.valid = this.tokenize(texts.valid);
    this.test = this.tokenize(texts.test);
  }
  /** Tokenizes a text file (here: its lines). */
  tokenize(lines: string[]): Tensor {
    // Add words to the dictionary
    for (const line of lines) {
      const words = [...line.trim().split(/\s+/), '<eos>'];
      for (const word of words) this.dictionary.add_word(word);
    }
    // Tokenize file content
    const idss: Tensor[] = [];
    for (const line of lines) {
      const words = [...line.trim().split(/\s+/), '<eos>'];
      const ids: number[] = [];
      for (const word of words) ids.push(this.dictionary.word2idx[word]);
      idss.push(torch.tensor(ids).type(torch.int64));
    }
    return torch.cat(idss);
  }
}

const TEXTS = {
  train: [
    'the cat sat on the mat .',
    'the dog sat on the log .',
    'a cat and a dog ran to the park .',
    'the bird sang in the tree and the cat watched .',
    'the dog ran after the cat in the park .',
    'a bird sat on the tree in the park .',
    'the cat sat on the log and the dog sat on the mat .',
    'the bird and the cat ran to the tree .',
    'a dog watched the bird in the tree .',
    'the mat and the log are in the park .',
  ],
  valid: [
    'the cat ran to the mat .',
    'a dog sat in the park and the bird sang .',
  ],
  test: [
    'the bird sat on the mat .',
    'a cat watched the dog in the park .',
  ],
};

type Hidden = Tensor | readonly Tensor[];

/** Container module with an encoder, a recurrent module, and a decoder. */
class RNNModel extends nn.Module {
  ntoken: number;
  drop: torch.nn.Dropout;
  encoder: torch.nn.Embedding;
  rnn: torch.nn.LSTM | torch.nn.GRU | torch.nn.RNN;
  decoder: torch.nn.Linear;
  rnn_type: string;
  nhid: number;
  nlayers: number;
  constructor(rnn_type: string, ntoken: number, ninp: number, nhid: number, nlayers: number, dropout = 0.5, tie_weights = false) {
    super();
    this.ntoken = ntoken;
    this.drop = new nn.Dropout(dropout);
    this.encoder = new nn.Embedding(ntoken, ninp);
    if (rnn_type === 'LSTM' || rnn_type === 'GRU') {
      this.rnn = new nn[rnn_type](ninp, nhid, nlayers, { dropout });   // getattr(nn, rnn_type)
    } else {
      const nonlinearity = ({ RNN_TANH: 'tanh', RNN_RELU: 'relu' } as Record<string, 'tanh' | 'relu'>)[rnn_type];
      if (nonlinearity === undefined) {
        throw new RangeError(`An invalid option for \`--model\` was supplied,
                                 options are ['LSTM', 'GRU', 'RNN_TANH' or 'RNN_RELU']`);
      }
      this.rnn = new nn.RNN(ninp, nhid, nlayers, { nonlinearity, dropout });
    }
    this.decoder = new nn.Linear(nhid, ntoken);
    // Optionally tie weights as in "Using the Output Embedding to Improve Language Models" (Press & Wolf 2016)
    // and "Tying Word Vectors and Word Classifiers: A Loss Framework for Language Modeling" (Inan et al. 2016)
    if (tie_weights) {
      if (nhid !== ninp) throw new RangeError('When using the tied flag, nhid must be equal to emsize');
      this.decoder.weight = this.encoder.weight;
    }
    this.init_weights();
    this.rnn_type = rnn_type;
    this.nhid = nhid;
    this.nlayers = nlayers;
  }
  init_weights(): void {
    const initrange = 0.1;
    nn.init.uniform_(this.encoder.weight, -initrange, initrange);
    nn.init.zeros_(this.decoder.bias!);
    nn.init.uniform_(this.decoder.weight, -initrange, initrange);
  }
  override forward(input: Tensor, hidden: Hidden): [Tensor, Hidden] {
    const emb = this.drop(this.encoder(input));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let [output, hidden2] = (this.rnn as any)(emb, hidden) as [Tensor, Hidden];
    output = this.drop(output);
    let decoded = this.decoder(output);
    decoded = decoded.view(-1, this.ntoken);
    return [F.log_softmax(decoded, { dim: 1 }), hidden2];
  }
  init_hidden(bsz: number): Hidden {
    const weight = this.parameters()[Symbol.iterator]().next().value as Tensor;   // next(self.parameters())
    if (this.rnn_type === 'LSTM') {
      return tuple(weight.new_zeros(this.nlayers, bsz, this.nhid), weight.new_zeros(this.nlayers, bsz, this.nhid)) as readonly Tensor[];
    }
    return weight.new_zeros(this.nlayers, bsz, this.nhid);
  }
}

// Temporarily leave PositionalEncoding module here. Will be moved somewhere else.
class PositionalEncoding extends nn.Module {
  dropout: torch.nn.Dropout;
  pe!: Tensor;
  constructor(d_model: number, dropout = 0.1, max_len = 5000) {
    super();
    this.dropout = new nn.Dropout({ p: dropout });
    let pe = torch.zeros(max_len, d_model);
    const position = torch.arange(0, max_len, { dtype: torch.float }).unsqueeze(1);
    const div_term = torch.exp(torch.arange(0, d_model, 2).float().mul(-Math.log(10000.0) / d_model));
    pe.set(null, [0, null, 2], torch.sin(position.mul(div_term)));   // pe[:, 0::2] = ...
    pe.set(null, [1, null, 2], torch.cos(position.mul(div_term)));
    pe = pe.unsqueeze(0).transpose(0, 1);
    this.register_buffer('pe', pe);
  }
  override forward(x: Tensor): Tensor {
    x = x.add(this.pe.index([null, x.size(0)], null));
    return this.dropout(x);
  }
}

/** Container module with an encoder, a recurrent or transformer module, and a decoder. */
class TransformerModel extends nn.Transformer {
  model_type: string;
  src_mask: Tensor | null;
  pos_encoder: PositionalEncoding;
  input_emb: torch.nn.Embedding;
  ninp: number;
  declare decoder: torch.nn.Linear;
  constructor(ntoken: number, ninp: number, nhead: number, nhid: number, nlayers: number, dropout = 0.5) {
    super({ d_model: ninp, nhead, dim_feedforward: nhid, num_encoder_layers: nlayers });
    this.model_type = 'Transformer';
    this.src_mask = null;
    this.pos_encoder = new PositionalEncoding(ninp, dropout);
    this.input_emb = new nn.Embedding(ntoken, ninp);
    this.ninp = ninp;
    this.decoder = new nn.Linear(ninp, ntoken);
    this.init_weights();
  }
  _generate_square_subsequent_mask(sz: number): Tensor {
    const mask = torch.triu(torch.ones(sz, sz)).eq(1).transpose(0, 1);
    return mask.float().masked_fill(mask.eq(0), -Infinity).masked_fill(mask.eq(1), 0.0);
  }
  init_weights(): void {
    const initrange = 0.1;
    nn.init.uniform_(this.input_emb.weight, -initrange, initrange);
    nn.init.zeros_(this.decoder.bias!);
    nn.init.uniform_(this.decoder.weight, -initrange, initrange);
  }
  override forward(src: Tensor, has_mask: unknown = true): Tensor {
    if (has_mask) {
      const device = src.device;
      if (this.src_mask === null || this.src_mask.size(0) !== len(src)) {
        const mask = this._generate_square_subsequent_mask(len(src)).to(device);
        this.src_mask = mask.keep();   // kept across steps (a DataLoader-free loop: kept for the next forward)
      }
    } else {
      this.src_mask = null;
    }
    src = this.input_emb(src).mul(Math.sqrt(this.ninp));
    src = this.pos_encoder(src);
    let output = this.encoder(src, { mask: this.src_mask });
    output = this.decoder(output);
    return F.log_softmax(output, { dim: -1 });
  }
}

interface WlmArgs { model: string; tied: boolean; emsize: number; nhid: number; nlayers: number; lr: number; clip: number;
  epochs: number; batch_size: number; bptt: number; dropout: number; seed: number; log_interval: number; save: string;
  nhead: number; dry_run: boolean }

function wlm_main(args: WlmArgs) {
  torch.manual_seed(args.seed);
  const device = new torch.device('cpu');
  const corpus = new Corpus(TEXTS);
  const batchify = (data: Tensor, bsz: number) => {
    // Work out how cleanly we can divide the dataset into bsz parts.
    const nbatch = Math.floor(data.size(0) / bsz);
    // Trim off any extra elements that wouldn't cleanly fit (remainders).
    data = data.narrow(0, 0, nbatch * bsz);
    // Evenly divide the data across the bsz batches.
    data = data.view(bsz, -1).t().contiguous();
    return data.to(device);
  };
  const eval_batch_size = 2;
  const train_data = batchify(corpus.train, args.batch_size);
  const val_data = batchify(corpus.valid, eval_batch_size);
  const test_data = batchify(corpus.test, eval_batch_size);
  p(len(corpus.dictionary), train_data.shape, val_data.shape, test_data.shape);
  p(train_data.index([null, 3]));

  const ntokens = len(corpus.dictionary);
  const model = args.model === 'Transformer'
    ? new TransformerModel(ntokens, args.emsize, args.nhead, args.nhid, args.nlayers, args.dropout).to(device)
    : new RNNModel(args.model, ntokens, args.emsize, args.nhid, args.nlayers, args.dropout, args.tied).to(device);
  p(model);
  p([...model.parameters()].reduce((s, p_) => s + p_.numel(), 0));
  const criterion = new nn.NLLLoss();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const run = model as any;   // the two models' forwards take different arguments, as in Python

  /** Wraps hidden states in new Tensors, to detach them from their history. */
  const repackage_hidden = (h: Hidden): Hidden => (h instanceof torch.Tensor ? h.detach() : tuple(...h.map((v) => repackage_hidden(v))) as readonly Tensor[]);
  const get_batch = (source: Tensor, i: number) => {
    const seq_len = Math.min(args.bptt, len(source) - 1 - i);
    const data = source.index([i, i + seq_len]);
    const target = source.index([i + 1, i + 1 + seq_len]).view(-1);
    return [data, target] as const;
  };
  const evaluate = (data_source: Tensor) => {
    // Turn on evaluation mode which disables dropout.
    model.eval();
    let total_loss = 0;
    const ntokens = len(corpus.dictionary);
    let hidden!: Hidden;
    if (args.model !== 'Transformer') hidden = (model as RNNModel).init_hidden(eval_batch_size);
    torch.no_grad(() => {
      for (let i = 0; i < data_source.size(0) - 1; i += args.bptt) {
        const [data, targets] = get_batch(data_source, i);
        let output: Tensor;
        if (args.model === 'Transformer') {
          output = run(data);
          output = output.view(-1, ntokens);
        } else {
          [output, hidden] = run(data, hidden);
          hidden = repackage_hidden(hidden);
        }
        total_loss += len(data) * item(criterion(output, targets));
      }
    });
    return total_loss / (len(data_source) - 1);
  };
  let lr = args.lr;
  let epoch = 1;
  const train = () => {
    // Turn on training mode which enables dropout.
    model.train();
    let total_loss = 0;
    const ntokens = len(corpus.dictionary);
    let hidden!: Hidden;
    if (args.model !== 'Transformer') hidden = (model as RNNModel).init_hidden(args.batch_size);
    for (let batch = 0, i = 0; i < train_data.size(0) - 1; batch++, i += args.bptt) {
      const [data, targets] = get_batch(train_data, i);
      // Starting each batch, we detach the hidden state from how it was previously produced.
      // If we didn't, the model would try backpropagating all the way to start of the dataset.
      model.zero_grad();
      let output: Tensor;
      if (args.model === 'Transformer') {
        output = run(data);
        output = output.view(-1, ntokens);
      } else {
        hidden = repackage_hidden(hidden);
        [output, hidden] = run(data, hidden);
      }
      const loss = criterion(output, targets);
      loss.backward();
      // `clip_grad_norm` helps prevent the exploding gradient problem in RNNs / LSTMs.
      const total_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip);
      if (batch === 0 && epoch === 1) n(total_norm);   // added: the norm clip_grad_norm_ returns, before clipping
      for (const p_ of model.parameters()) p_.data.add_(p_.grad!, { alpha: -lr });
      total_loss += item(loss);
      if (batch % args.log_interval === 0 && batch > 0) {
        const cur_loss = total_loss / args.log_interval;
        n(`| epoch ${d(epoch, 3)} | ${d(batch, 5)}/${d(Math.floor(len(train_data) / args.bptt), 5)} batches | ` +
          `lr ${f(lr, 2).padStart(2, '0')} | loss ${f(cur_loss, 2, 5)} | ppl ${f(Math.exp(cur_loss), 2, 8)}`);
        total_loss = 0;
      }
      if (args.dry_run) break;
    }
  };
  // Loop over epochs.
  let best_val_loss: number | null = null;
  const save = join(mkdtempSync(join(tmpdir(), 'tocha-examples-')), args.save);
  for (epoch = 1; epoch <= args.epochs; epoch++) {
    train();
    const val_loss = evaluate(val_data);
    p('-'.repeat(89));
    n(`| end of epoch ${d(epoch, 3)} | valid loss ${f(val_loss, 2, 5)} | valid ppl ${f(Math.exp(val_loss), 2, 8)}`);
    p('-'.repeat(89));
    // Save the model if the validation loss is the best we've seen so far.
    if (!best_val_loss || val_loss < best_val_loss) {
      torch.save(model.state_dict(), save);   // with open(args.save, 'wb') as f: torch.save(model, f)
      best_val_loss = val_loss;
    } else {
      // Anneal the learning rate if no improvement has been seen in the validation dataset.
      lr /= 4.0;
    }
  }
  // Load the best saved model.
  model.load_state_dict(torch.load(save));   // model = torch.load(f)
  if (['RNN_TANH', 'RNN_RELU', 'LSTM', 'GRU'].includes(args.model)) (model as RNNModel).rnn.flatten_parameters();
  // Run on test data.
  const test_loss = evaluate(test_data);
  p('='.repeat(89));
  n(`| End of training | test loss ${f(test_loss, 2, 5)} | test ppl ${f(Math.exp(test_loss), 2, 8)}`);
  p('='.repeat(89));

  // generate.py: 12 words at temperature 1.0
  model.eval();
  const is_transformer_model = 'model_type' in model && model.model_type === 'Transformer';
  let hidden!: Hidden;
  if (!is_transformer_model) hidden = (model as RNNModel).init_hidden(1);
  let input = torch.randint(ntokens, [1, 1], { dtype: torch.long }).to(device);
  const words: string[] = [];
  torch.no_grad(() => {   // no tracking history
    for (let i = 0; i < 12; i++) {
      let word_idx: Tensor;
      if (is_transformer_model) {
        const output: Tensor = run(input, false);
        const word_weights = output.index(-1).squeeze().div(1.0).exp().cpu();
        word_idx = torch.multinomial(word_weights, 1).index(0);
        const word_tensor = new torch.Tensor([[item(word_idx)]]).long().to(device);
        input = torch.cat([input, word_tensor], 0);
      } else {
        let output: Tensor;
        [output, hidden] = run(input, hidden);
        const word_weights = output.squeeze().div(1.0).exp().cpu();
        word_idx = torch.multinomial(word_weights, 1).index(0);
        input.fill_(word_idx);
      }
      words.push(corpus.dictionary.idx2word[item(word_idx)]);
    }
  });
  p(words.join(' '));
  return [model, corpus, train_data, get_batch] as const;
}

const word_language_model = program(() => {
  const wlm_args = { emsize: 16, nhid: 16, nlayers: 2, lr: 20, clip: 0.25, epochs: 2, batch_size: 4, bptt: 8, dropout: 0.2,
    seed: 1111, log_interval: 2, save: 'model.pt', nhead: 2, dry_run: false };
  const [lstmM, corpus, train_data, get_batch] = wlm_main({ model: 'LSTM', tied: false, ...wlm_args });
  const [gruM] = wlm_main({ model: 'GRU', tied: true, ...wlm_args });
  wlm_main({ model: 'RNN_TANH', tied: false, ...wlm_args, epochs: 1 });
  // lr 5 as the example's README runs the Transformer (--model Transformer --lr 5)
  const [tfM] = wlm_main({ model: 'Transformer', tied: false, ...wlm_args, lr: 5 });
  const lstm = lstmM as RNNModel;
  const gru = gruM as RNNModel;
  const tf = tfM as TransformerModel;
  p(tf.src_mask);
  p(Object.keys(tf.state_dict()).filter((k) => !k.startsWith('encoder.layers.1')));
  const ntokens = len(corpus.dictionary);
  e(() => new RNNModel('LSTM', ntokens, 16, 32, 2, 0.2, true));
  e(() => new RNNModel('RNN', ntokens, 16, 16, 2));
  const [data, targets] = get_batch(train_data, 0);
  lstm.eval();
  e(() => lstm(data, lstm.init_hidden(2)));
  e(() => lstm(data, (lstm.init_hidden(4) as Tensor[])[0]));
  e(() => gru(data, gru.init_hidden(2)));
  e(() => new TransformerModel(ntokens, 16, 3, 16, 2));
  e(() => new nn.NLLLoss()(lstm(data, lstm.init_hidden(4))[0], targets.view(8, 4)));
  e(() => new nn.NLLLoss()(lstm(data, lstm.init_hidden(4))[0], targets.float()));
  e(() => lstm(data.float(), lstm.init_hidden(4)));
  e(() => tf.encoder(torch.rand(8, 4, 16), { mask: torch.zeros(4, 4) }));
  // the LSTM's checkpoint loaded into the GRU model (--model GRU with an LSTM's model.pt)
  e(() => gru.load_state_dict(lstm.state_dict()));
});

export const programs = { mnist, vae, time_sequence_prediction, super_resolution, regression, word_language_model };
