# Programs of the pytorch/examples repository (as of PyTorch 1.13: mnist/main.py, vae/main.py,
# time_sequence_prediction/train.py, super_resolution/model.py + main.py, regression/main.py,
# word_language_model/model.py + main.py + generate.py) as PyTorch 1.13 runs them, with small synthetic tensors made
# by torch's own seeded random functions in place of the downloaded datasets, few epochs, and the mistakes a user of
# each program would make. Each program records what it prints, in order; test/examples.test.ts runs the same
# programs written against tocha (test/examples-programs.ts) and compares.
#   /usr/bin/python3 scripts/gen-examples.py   (writes test/fixtures/examples.json)
# scripts/tutorial_harness.py says what a record is.
import math
import os
import tempfile
from itertools import count
from math import log10

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.nn.init as init
import torch.optim as optim
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader, TensorDataset

from tutorial_harness import e, n, p, program, write


class Args:
    """The argparse namespace of each program, with small values."""
    def __init__(self, **kw):
        self.__dict__.update(kw)


# --------------------------------------------------------------------------------------------------
# mnist/main.py: synthetic 28x28 "digits" (normalized as transforms.Normalize((0.1307,), (0.3081,)) does),
# batch 16 instead of 64, test batch 16 instead of 1000, 2 epochs instead of 14, log interval 2
program('mnist')


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = self.conv1(x)
        x = F.relu(x)
        x = self.conv2(x)
        x = F.relu(x)
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = self.fc1(x)
        x = F.relu(x)
        x = self.dropout2(x)
        x = self.fc2(x)
        output = F.log_softmax(x, dim=1)
        return output


def train(args, model, device, train_loader, optimizer, epoch):
    model.train()
    for batch_idx, (data, target) in enumerate(train_loader):
        data, target = data.to(device), target.to(device)
        optimizer.zero_grad()
        output = model(data)
        loss = F.nll_loss(output, target)
        loss.backward()
        optimizer.step()
        if batch_idx % args.log_interval == 0:
            n('Train Epoch: {} [{}/{} ({:.0f}%)]\tLoss: {:.6f}'.format(
                epoch, batch_idx * len(data), len(train_loader.dataset),
                100. * batch_idx / len(train_loader), loss.item()))
            if args.dry_run:
                break


def test(model, device, test_loader):
    model.eval()
    test_loss = 0
    correct = 0
    with torch.no_grad():
        for data, target in test_loader:
            data, target = data.to(device), target.to(device)
            output = model(data)
            test_loss += F.nll_loss(output, target, reduction='sum').item()  # sum up batch loss
            pred = output.argmax(dim=1, keepdim=True)  # get the index of the max log-probability
            correct += pred.eq(target.view_as(pred)).sum().item()

    test_loss /= len(test_loader.dataset)

    n('\nTest set: Average loss: {:.4f}, Accuracy: {}/{} ({:.0f}%)\n'.format(
        test_loss, correct, len(test_loader.dataset),
        100. * correct / len(test_loader.dataset)))


def mnist_main():
    args = Args(batch_size=16, test_batch_size=16, epochs=2, lr=1.0, gamma=0.7, no_cuda=False, dry_run=False,
                seed=1, log_interval=2, save_model=False)
    use_cuda = not args.no_cuda and torch.cuda.is_available()
    torch.manual_seed(args.seed)
    device = torch.device("cuda" if use_cuda else "cpu")
    train_kwargs = {'batch_size': args.batch_size}
    test_kwargs = {'batch_size': args.test_batch_size}
    # datasets.MNIST with ToTensor and Normalize: images in [0, 1], labels the brightest of ten bands of rows
    images = torch.rand(96, 1, 28, 28)
    labels = images[:, 0, :20, :].reshape(96, 10, 56).mean(2).argmax(1)
    images = (images - 0.1307) / 0.3081
    dataset1 = TensorDataset(images[:64], labels[:64])
    dataset2 = TensorDataset(images[64:], labels[64:])
    train_loader = torch.utils.data.DataLoader(dataset1, **train_kwargs)
    test_loader = torch.utils.data.DataLoader(dataset2, **test_kwargs)

    model = Net().to(device)
    p(model)
    optimizer = optim.Adadelta(model.parameters(), lr=args.lr)
    p(optimizer)
    scheduler = StepLR(optimizer, step_size=1, gamma=args.gamma)
    for epoch in range(1, args.epochs + 1):
        train(args, model, device, train_loader, optimizer, epoch)
        test(model, device, test_loader)
        scheduler.step()
        p(scheduler.get_last_lr())
    p(list(model.state_dict().keys()))
    p(scheduler.state_dict()['last_epoch'], scheduler.state_dict()['_step_count'], scheduler.state_dict()['_last_lr'])
    # dry_run breaks after the first printout
    args.dry_run = True
    train(args, model, device, train_loader, optimizer, 3)
    # what users of the example get wrong: an image without its batch dim (conv2d takes it as unbatched), other sizes,
    # RGB images, float labels, labels out of range, the lr
    e(lambda: model(torch.rand(1, 28, 28)))
    e(lambda: model(torch.rand(2, 1, 32, 32)))
    e(lambda: model(torch.rand(2, 3, 28, 28)))
    e(lambda: model(torch.randint(0, 255, (2, 1, 28, 28))))
    e(lambda: model(images[:16, 0]))  # the channel dim dropped: conv2d takes (16, 28, 28) as one 16-channel image
    out = model(images[:4])
    e(lambda: F.nll_loss(out, labels[:4].float()))
    e(lambda: F.nll_loss(out, torch.tensor([0, 1, 10, 2])))
    e(lambda: F.nll_loss(out, labels[:3]))
    e(lambda: optim.Adadelta(model.parameters(), lr=-0.5))
    e(lambda: optim.Adadelta(model.parameters(), rho=1.5))
    e(lambda: optim.Adadelta(model.parameters(), weight_decay=-1))
    e(lambda: StepLR(optimizer))


mnist_main()


# --------------------------------------------------------------------------------------------------
# vae/main.py: 64 synthetic training and 32 test images in [0, 1], batch 16 instead of 128, 2 epochs, log interval 2;
# save_image is replaced by printing the shapes and a statistic of what it would save
program('vae')
vae_args = Args(batch_size=16, epochs=2, no_cuda=False, seed=1, log_interval=2)
vae_args.cuda = not vae_args.no_cuda and torch.cuda.is_available()
torch.manual_seed(vae_args.seed)
vae_device = torch.device("cuda" if vae_args.cuda else "cpu")
vae_images = torch.rand(96, 1, 28, 28)
vae_labels = torch.randint(0, 10, (96,))
vae_train_loader = torch.utils.data.DataLoader(TensorDataset(vae_images[:64], vae_labels[:64]),
                                               batch_size=vae_args.batch_size, shuffle=True)
vae_test_loader = torch.utils.data.DataLoader(TensorDataset(vae_images[64:], vae_labels[64:]),
                                              batch_size=vae_args.batch_size, shuffle=True)


class VAE(nn.Module):
    def __init__(self):
        super(VAE, self).__init__()

        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5*logvar)
        eps = torch.randn_like(std)
        return mu + eps*std

    def decode(self, z):
        h3 = F.relu(self.fc3(z))
        return torch.sigmoid(self.fc4(h3))

    def forward(self, x):
        mu, logvar = self.encode(x.view(-1, 784))
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


vae_model = VAE().to(vae_device)
vae_optimizer = optim.Adam(vae_model.parameters(), lr=1e-3)
p(vae_model)


# Reconstruction + KL divergence losses summed over all elements and batch
def loss_function(recon_x, x, mu, logvar):
    BCE = F.binary_cross_entropy(recon_x, x.view(-1, 784), reduction='sum')

    # see Appendix B from VAE paper:
    # Kingma and Welling. Auto-Encoding Variational Bayes. ICLR, 2014
    # https://arxiv.org/abs/1312.6114
    # 0.5 * sum(1 + log(sigma^2) - mu^2 - sigma^2)
    KLD = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())

    return BCE + KLD


def vae_train(epoch):
    vae_model.train()
    train_loss = 0
    for batch_idx, (data, _) in enumerate(vae_train_loader):
        data = data.to(vae_device)
        vae_optimizer.zero_grad()
        recon_batch, mu, logvar = vae_model(data)
        loss = loss_function(recon_batch, data, mu, logvar)
        loss.backward()
        train_loss += loss.item()
        vae_optimizer.step()
        if batch_idx % vae_args.log_interval == 0:
            n('Train Epoch: {} [{}/{} ({:.0f}%)]\tLoss: {:.6f}'.format(
                epoch, batch_idx * len(data), len(vae_train_loader.dataset),
                100. * batch_idx / len(vae_train_loader),
                loss.item() / len(data)))

    n('====> Epoch: {} Average loss: {:.4f}'.format(
          epoch, train_loss / len(vae_train_loader.dataset)))


def vae_test(epoch):
    vae_model.eval()
    test_loss = 0
    with torch.no_grad():
        for i, (data, _) in enumerate(vae_test_loader):
            data = data.to(vae_device)
            recon_batch, mu, logvar = vae_model(data)
            test_loss += loss_function(recon_batch, data, mu, logvar).item()
            if i == 0:
                n_ = min(data.size(0), 8)  # n in the original (n is the harness's printout here)
                comparison = torch.cat([data[:n_],
                                        recon_batch.view(vae_args.batch_size, 1, 28, 28)[:n_]])
                # save_image(comparison.cpu(), 'results/reconstruction_' + str(epoch) + '.png', nrow=n)
                p(comparison.shape)
                n(comparison[n_:].mean())

    test_loss /= len(vae_test_loader.dataset)
    n('====> Test set loss: {:.4f}'.format(test_loss))


for epoch in range(1, vae_args.epochs + 1):
    vae_train(epoch)
    vae_test(epoch)
    with torch.no_grad():
        sample = torch.randn(64, 20).to(vae_device)
        sample = vae_model.decode(sample).cpu()
        # save_image(sample.view(64, 1, 28, 28), 'results/sample_' + str(epoch) + '.png')
        p(sample.view(64, 1, 28, 28).shape)
        n(sample.mean(), sample[0, :4])
# what users get wrong: the target not flattened like the reconstruction, logits where probabilities go, an image of
# another size, a KLD on mismatched shapes
x16 = vae_images[:4]
recon, mu, logvar = vae_model(x16)
e(lambda: F.binary_cross_entropy(recon, x16, reduction='sum'))
e(lambda: F.binary_cross_entropy(vae_model.fc4(F.relu(vae_model.fc3(mu))), x16.view(-1, 784)))
e(lambda: F.binary_cross_entropy(recon, x16.view(-1, 784), reduction='mean_sum'))
e(lambda: vae_model(torch.rand(4, 1, 32, 32)))
e(lambda: vae_model(torch.rand(4, 1, 27, 28)))
e(lambda: vae_model.decode(torch.randn(4, 10)))
e(lambda: recon.view(vae_args.batch_size, 1, 28, 28))
e(lambda: F.binary_cross_entropy(recon, (x16.view(-1, 784) > 0.5).long(), reduction='sum'))


# --------------------------------------------------------------------------------------------------
# time_sequence_prediction/generate_sine_wave.py and train.py: 6 sine waves of 60 points (100 of 1000 in the original),
# 3 trained and 3 tested, 1 LBFGS step (of up to 20 iterations) instead of 15, 20 future points instead of 1000, the
# predictions printed to 2 decimals: float32 LBFGS on this problem is chaotic (PyTorch's own predictions move by 2e-3
# when a bias moves by 1e-7, and by more with each step). The original uses float64
# (.double(), dtype=torch.double); tocha has float32 only, so both sides run in float32. The random shifts are
# torch.randint draws instead of numpy's.
program('time_sequence_prediction')
T = 20
L = 60
N = 6
x = torch.empty((N, L), dtype=torch.int64)
x[:] = torch.arange(L) + torch.randint(-4 * T, 4 * T, (N,)).reshape(N, 1)
sine_data = torch.sin(x / 1.0 / T)
p(sine_data.shape, sine_data.dtype)
n(sine_data[:, :3])


class Sequence(nn.Module):
    def __init__(self):
        super(Sequence, self).__init__()
        self.lstm1 = nn.LSTMCell(1, 51)
        self.lstm2 = nn.LSTMCell(51, 51)
        self.linear = nn.Linear(51, 1)

    def forward(self, input, future=0):
        outputs = []
        h_t = torch.zeros(input.size(0), 51, dtype=torch.float)  # torch.double in the original
        c_t = torch.zeros(input.size(0), 51, dtype=torch.float)
        h_t2 = torch.zeros(input.size(0), 51, dtype=torch.float)
        c_t2 = torch.zeros(input.size(0), 51, dtype=torch.float)

        for input_t in input.split(1, dim=1):
            h_t, c_t = self.lstm1(input_t, (h_t, c_t))
            h_t2, c_t2 = self.lstm2(h_t, (h_t2, c_t2))
            output = self.linear(h_t2)
            outputs += [output]
        for i in range(future):  # if we should predict the future
            h_t, c_t = self.lstm1(output, (h_t, c_t))
            h_t2, c_t2 = self.lstm2(h_t, (h_t2, c_t2))
            output = self.linear(h_t2)
            outputs += [output]
        outputs = torch.cat(outputs, dim=1)
        return outputs


torch.manual_seed(0)
data = sine_data
input = data[3:, :-1]
target = data[3:, 1:]
test_input = data[:3, :-1]
test_target = data[:3, 1:]
seq = Sequence()  # seq.double() in the original
p(seq)
criterion = nn.MSELoss()
optimizer = optim.LBFGS(seq.parameters(), lr=0.8)
p(optimizer)
for i in range(1):
    p('STEP: ', i)

    def closure():
        optimizer.zero_grad()
        out = seq(input)
        loss = criterion(out, target)
        n('loss:', loss.item())
        loss.backward()
        return loss
    optimizer.step(closure)
    with torch.no_grad():
        future = 20
        pred = seq(test_input, future=future)
        loss = criterion(pred[:, :-future], test_target)
        n('test loss:', loss.item())
        y = pred.detach()
    p(y.shape)
    torch.set_printoptions(precision=2)
    n(y[:, input.size(1):input.size(1) + 3])  # the first predicted values (the plot's dashed lines)
    torch.set_printoptions(profile='default')
state = optimizer.state_dict()['state'][0]
p(sorted(state.keys()))
p(state['func_evals'], state['n_iter'], len(state['old_dirs']))
# what users get wrong: a step without the closure LBFGS needs, a 1-D input, a hidden state of the wrong width
e(lambda: optimizer.step())
e(lambda: seq(input[0]))
e(lambda: seq.lstm1(input[:, :1], (torch.zeros(3, 50), torch.zeros(3, 51))))
e(lambda: seq.lstm1(input[:, :2], (torch.zeros(3, 51), torch.zeros(3, 51))))
e(lambda: seq.lstm1(input.unsqueeze(2), (torch.zeros(3, 51), torch.zeros(3, 51))))
e(lambda: criterion(seq(input), data[3:]))
e(lambda: optim.LBFGS(seq.parameters(), lr=0.8, line_search_fn='wolfe').step(closure))


# --------------------------------------------------------------------------------------------------
# super_resolution/model.py and main.py: upscale factor 2 on synthetic 16x16 luminance images (BSDS300's Y channel in
# the original), the inputs their 8x8 averages (Resize in the original), 8 training images in batches of 4 (64), 4 test
# images in batches of 2 (10), 2 epochs; the checkpoint is a state_dict (torch.save of a whole module is an error in
# tocha), saved to a temporary directory
program('super_resolution')


class SRNet(nn.Module):
    def __init__(self, upscale_factor):
        super(SRNet, self).__init__()

        self.relu = nn.ReLU()
        self.conv1 = nn.Conv2d(1, 64, (5, 5), (1, 1), (2, 2))
        self.conv2 = nn.Conv2d(64, 64, (3, 3), (1, 1), (1, 1))
        self.conv3 = nn.Conv2d(64, 32, (3, 3), (1, 1), (1, 1))
        self.conv4 = nn.Conv2d(32, upscale_factor ** 2, (3, 3), (1, 1), (1, 1))
        self.pixel_shuffle = nn.PixelShuffle(upscale_factor)

        self._initialize_weights()

    def forward(self, x):
        x = self.relu(self.conv1(x))
        x = self.relu(self.conv2(x))
        x = self.relu(self.conv3(x))
        x = self.pixel_shuffle(self.conv4(x))
        return x

    def _initialize_weights(self):
        init.orthogonal_(self.conv1.weight, init.calculate_gain('relu'))
        init.orthogonal_(self.conv2.weight, init.calculate_gain('relu'))
        init.orthogonal_(self.conv3.weight, init.calculate_gain('relu'))
        init.orthogonal_(self.conv4.weight)


opt = Args(upscale_factor=2, batchSize=4, testBatchSize=2, nEpochs=2, lr=0.01, cuda=False, threads=4, seed=123)
torch.manual_seed(opt.seed)
sr_device = torch.device('cpu')
p('===> Loading datasets')
hr = torch.rand(12, 1, 16, 16)
lr_images = F.avg_pool2d(hr, opt.upscale_factor)
train_set = TensorDataset(lr_images[:8], hr[:8])
test_set = TensorDataset(lr_images[8:], hr[8:])
training_data_loader = DataLoader(dataset=train_set, batch_size=opt.batchSize, shuffle=True)  # num_workers=opt.threads
testing_data_loader = DataLoader(dataset=test_set, batch_size=opt.testBatchSize, shuffle=False)
p('===> Building model')
sr_model = SRNet(upscale_factor=opt.upscale_factor).to(sr_device)
p(sr_model)
p(init.calculate_gain('relu'), init.calculate_gain('leaky_relu', 0.2), init.calculate_gain('tanh'))
w = sr_model.conv2.weight.view(64, -1)
p(torch.allclose(w @ w.t(), torch.eye(64) * 2, atol=1e-5))
n((w @ w.t()).diagonal()[:3])
n(sr_model.conv4.weight.view(4, -1).norm(dim=1))
sr_criterion = nn.MSELoss()
sr_optimizer = optim.Adam(sr_model.parameters(), lr=opt.lr)


def sr_train(epoch):
    epoch_loss = 0
    for iteration, batch in enumerate(training_data_loader, 1):
        input, target = batch[0].to(sr_device), batch[1].to(sr_device)

        sr_optimizer.zero_grad()
        loss = sr_criterion(sr_model(input), target)
        epoch_loss += loss.item()
        loss.backward()
        sr_optimizer.step()

        n("===> Epoch[{}]({}/{}): Loss: {:.4f}".format(epoch, iteration, len(training_data_loader), loss.item()))

    n("===> Epoch {} Complete: Avg. Loss: {:.4f}".format(epoch, epoch_loss / len(training_data_loader)))


def sr_test():
    avg_psnr = 0
    with torch.no_grad():
        for batch in testing_data_loader:
            input, target = batch[0].to(sr_device), batch[1].to(sr_device)

            prediction = sr_model(input)
            mse = sr_criterion(prediction, target)
            psnr = 10 * log10(1 / mse.item())
            avg_psnr += psnr
    n("===> Avg. PSNR: {:.4f} dB".format(avg_psnr / len(testing_data_loader)))


sr_dir = tempfile.mkdtemp()


def checkpoint(epoch):
    model_out_path = "model_epoch_{}.pth".format(epoch)
    torch.save(sr_model.state_dict(), os.path.join(sr_dir, model_out_path))  # torch.save(model, ...) in the original
    p("Checkpoint saved to {}".format(model_out_path))


for epoch in range(1, opt.nEpochs + 1):
    sr_train(epoch)
    sr_test()
    checkpoint(epoch)
loaded = SRNet(upscale_factor=opt.upscale_factor)
p(loaded.load_state_dict(torch.load(os.path.join(sr_dir, 'model_epoch_2.pth'))))
p(torch.equal(loaded(lr_images[8:]), sr_model(lr_images[8:])))
# super_resolve.py: the output is twice the input's size
p(sr_model(lr_images[:1]).shape)
# what users get wrong: a color image, channels that do not divide by the factor's square, a 1-D tensor to orthogonal_,
# a gain name PyTorch does not know, a target of the input's size
e(lambda: sr_model(torch.rand(1, 3, 8, 8)))
e(lambda: nn.PixelShuffle(2)(torch.rand(1, 3, 4, 4)))
e(lambda: nn.PixelShuffle(2)(torch.rand(3, 4)))
e(lambda: init.orthogonal_(torch.empty(5)))
e(lambda: init.calculate_gain('gelu'))
e(lambda: sr_criterion(sr_model(lr_images[:2]), lr_images[:2]))
# a checkpoint of another upscale factor, and a model whose layers were renamed
e(lambda: SRNet(upscale_factor=3).load_state_dict(torch.load(os.path.join(sr_dir, 'model_epoch_2.pth'))))
sd = torch.load(os.path.join(sr_dir, 'model_epoch_2.pth'))
sd['conv5.weight'] = sd.pop('conv4.weight')
e(lambda: loaded.load_state_dict(sd))
p(loaded.load_state_dict(sd, strict=False))


# --------------------------------------------------------------------------------------------------
# regression/main.py: as it is (its data are torch.randn draws already), from seed 3 (the original sets none): a run
# that stops after 252 batches, where seed 0's takes 830, long enough for float32 rounding to move the loss by 3e-3
program('regression')
torch.manual_seed(3)
POLY_DEGREE = 4
W_target = torch.randn(POLY_DEGREE, 1) * 5
b_target = torch.randn(1) * 5


def make_features(x):
    """Builds features i.e. a matrix with columns [x, x^2, x^3, x^4]."""
    x = x.unsqueeze(1)
    return torch.cat([x ** i for i in range(1, POLY_DEGREE+1)], 1)


def f(x):
    """Approximated function."""
    return x.mm(W_target) + b_target.item()


def poly_desc(W, b):
    """Creates a string description of a polynomial."""
    result = 'y = '
    for i, w in enumerate(W):
        result += '{:+.2f} x^{} '.format(w, i + 1)
    result += '{:+.2f}'.format(b[0])
    return result


def get_batch(batch_size=32):
    """Builds a batch i.e. (x, f(x)) pair."""
    random = torch.randn(batch_size)
    x = make_features(random)
    y = f(x)
    return x, y


# Define model
fc = torch.nn.Linear(W_target.size(0), 1)
p(fc)
p(make_features(torch.tensor([1., 2.])))

for batch_idx in count(1):
    # Get data
    batch_x, batch_y = get_batch()

    # Reset gradients
    fc.zero_grad()

    # Forward pass
    output = F.smooth_l1_loss(fc(batch_x), batch_y)
    loss = output.item()

    # Backward pass
    output.backward()

    # Apply gradients
    for param in fc.parameters():
        param.data.add_(-0.1 * param.grad)

    if batch_idx % 50 == 0:
        n(batch_idx, loss)  # added: the loss every 50 batches
    # Stop criterion
    if loss < 1e-3:
        break

n('Loss: {:.6f} after {} batches'.format(loss, batch_idx))
n('==> Learned function:\t' + poly_desc(fc.weight.view(-1), fc.bias))
p('==> Actual function:\t' + poly_desc(W_target.view(-1), b_target))
# what users get wrong: the features without the unsqueeze, a target of shape (32,), an in-place update of a leaf
bx, by = get_batch()
e(lambda: fc(torch.cat([torch.randn(32) ** i for i in range(1, POLY_DEGREE + 1)], 0)))
p(F.smooth_l1_loss(fc(bx), by.view(-1)).shape)
e(lambda: fc.weight.add_(-0.1 * fc.weight.grad))
e(lambda: f(torch.randn(32)))
e(lambda: F.smooth_l1_loss(fc(bx), by, beta=-1.0))


# --------------------------------------------------------------------------------------------------
# word_language_model/data.py, model.py, main.py and generate.py: a tiny inline corpus stands in for Wikitext-2 (its
# lines are the files' lines: data.Corpus adds '<eos>' to each), small sizes (emsize = nhid = 16, 2 layers, bptt 8,
# batch 4, eval batch 2 instead of 10), 2 epochs per model; LSTM, GRU with tied weights, RNN_TANH (1 epoch) and the Transformer. The
# "ms/batch" and "time" fields of the printouts are left out (they are times). torch.save(model) is a state_dict
# saved to a temporary directory (tocha saves state_dicts, not pickled modules).
program('word_language_model')


class Dictionary(object):
    def __init__(self):
        self.word2idx = {}
        self.idx2word = []

    def add_word(self, word):
        if word not in self.word2idx:
            self.idx2word.append(word)
            self.word2idx[word] = len(self.idx2word) - 1
        return self.word2idx[word]

    def __len__(self):
        return len(self.idx2word)


class Corpus(object):
    def __init__(self, texts):
        self.dictionary = Dictionary()
        self.train = self.tokenize(texts['train'])
        self.valid = self.tokenize(texts['valid'])
        self.test = self.tokenize(texts['test'])

    def tokenize(self, lines):
        """Tokenizes a text file (here: its lines)."""
        # Add words to the dictionary
        for line in lines:
            words = line.split() + ['<eos>']
            for word in words:
                self.dictionary.add_word(word)

        # Tokenize file content
        idss = []
        for line in lines:
            words = line.split() + ['<eos>']
            ids = []
            for word in words:
                ids.append(self.dictionary.word2idx[word])
            idss.append(torch.tensor(ids).type(torch.int64))
        ids = torch.cat(idss)

        return ids


TEXTS = {
    'train': [
        "the cat sat on the mat .",
        "the dog sat on the log .",
        "a cat and a dog ran to the park .",
        "the bird sang in the tree and the cat watched .",
        "the dog ran after the cat in the park .",
        "a bird sat on the tree in the park .",
        "the cat sat on the log and the dog sat on the mat .",
        "the bird and the cat ran to the tree .",
        "a dog watched the bird in the tree .",
        "the mat and the log are in the park .",
    ],
    'valid': [
        "the cat ran to the mat .",
        "a dog sat in the park and the bird sang .",
    ],
    'test': [
        "the bird sat on the mat .",
        "a cat watched the dog in the park .",
    ],
}


class RNNModel(nn.Module):
    """Container module with an encoder, a recurrent module, and a decoder."""

    def __init__(self, rnn_type, ntoken, ninp, nhid, nlayers, dropout=0.5, tie_weights=False):
        super(RNNModel, self).__init__()
        self.ntoken = ntoken
        self.drop = nn.Dropout(dropout)
        self.encoder = nn.Embedding(ntoken, ninp)
        if rnn_type in ['LSTM', 'GRU']:
            self.rnn = getattr(nn, rnn_type)(ninp, nhid, nlayers, dropout=dropout)
        else:
            try:
                nonlinearity = {'RNN_TANH': 'tanh', 'RNN_RELU': 'relu'}[rnn_type]
            except KeyError as e:
                raise ValueError("""An invalid option for `--model` was supplied,
                                 options are ['LSTM', 'GRU', 'RNN_TANH' or 'RNN_RELU']""") from e
            self.rnn = nn.RNN(ninp, nhid, nlayers, nonlinearity=nonlinearity, dropout=dropout)
        self.decoder = nn.Linear(nhid, ntoken)

        # Optionally tie weights as in:
        # "Using the Output Embedding to Improve Language Models" (Press & Wolf 2016)
        # https://arxiv.org/abs/1608.05859
        # and
        # "Tying Word Vectors and Word Classifiers: A Loss Framework for Language Modeling" (Inan et al. 2016)
        # https://arxiv.org/abs/1611.01462
        if tie_weights:
            if nhid != ninp:
                raise ValueError('When using the tied flag, nhid must be equal to emsize')
            self.decoder.weight = self.encoder.weight

        self.init_weights()

        self.rnn_type = rnn_type
        self.nhid = nhid
        self.nlayers = nlayers

    def init_weights(self):
        initrange = 0.1
        nn.init.uniform_(self.encoder.weight, -initrange, initrange)
        nn.init.zeros_(self.decoder.bias)
        nn.init.uniform_(self.decoder.weight, -initrange, initrange)

    def forward(self, input, hidden):
        emb = self.drop(self.encoder(input))
        output, hidden = self.rnn(emb, hidden)
        output = self.drop(output)
        decoded = self.decoder(output)
        decoded = decoded.view(-1, self.ntoken)
        return F.log_softmax(decoded, dim=1), hidden

    def init_hidden(self, bsz):
        weight = next(self.parameters())
        if self.rnn_type == 'LSTM':
            return (weight.new_zeros(self.nlayers, bsz, self.nhid),
                    weight.new_zeros(self.nlayers, bsz, self.nhid))
        else:
            return weight.new_zeros(self.nlayers, bsz, self.nhid)


# Temporarily leave PositionalEncoding module here. Will be moved somewhere else.
class PositionalEncoding(nn.Module):
    def __init__(self, d_model, dropout=0.1, max_len=5000):
        super(PositionalEncoding, self).__init__()
        self.dropout = nn.Dropout(p=dropout)

        pe = torch.zeros(max_len, d_model)
        position = torch.arange(0, max_len, dtype=torch.float).unsqueeze(1)
        div_term = torch.exp(torch.arange(0, d_model, 2).float() * (-math.log(10000.0) / d_model))
        pe[:, 0::2] = torch.sin(position * div_term)
        pe[:, 1::2] = torch.cos(position * div_term)
        pe = pe.unsqueeze(0).transpose(0, 1)
        self.register_buffer('pe', pe)

    def forward(self, x):
        x = x + self.pe[:x.size(0), :]
        return self.dropout(x)


class TransformerModel(nn.Transformer):
    """Container module with an encoder, a recurrent or transformer module, and a decoder."""

    def __init__(self, ntoken, ninp, nhead, nhid, nlayers, dropout=0.5):
        super(TransformerModel, self).__init__(d_model=ninp, nhead=nhead, dim_feedforward=nhid, num_encoder_layers=nlayers)
        self.model_type = 'Transformer'
        self.src_mask = None
        self.pos_encoder = PositionalEncoding(ninp, dropout)

        self.input_emb = nn.Embedding(ntoken, ninp)
        self.ninp = ninp
        self.decoder = nn.Linear(ninp, ntoken)

        self.init_weights()

    def _generate_square_subsequent_mask(self, sz):
        mask = (torch.triu(torch.ones(sz, sz)) == 1).transpose(0, 1)
        mask = mask.float().masked_fill(mask == 0, float('-inf')).masked_fill(mask == 1, float(0.0))
        return mask

    def init_weights(self):
        initrange = 0.1
        nn.init.uniform_(self.input_emb.weight, -initrange, initrange)
        nn.init.zeros_(self.decoder.bias)
        nn.init.uniform_(self.decoder.weight, -initrange, initrange)

    def forward(self, src, has_mask=True):
        if has_mask:
            device = src.device
            if self.src_mask is None or self.src_mask.size(0) != len(src):
                mask = self._generate_square_subsequent_mask(len(src)).to(device)
                self.src_mask = mask
        else:
            self.src_mask = None

        src = self.input_emb(src) * math.sqrt(self.ninp)
        src = self.pos_encoder(src)
        output = self.encoder(src, mask=self.src_mask)
        output = self.decoder(output)
        return F.log_softmax(output, dim=-1)


def wlm_main(args):
    torch.manual_seed(args.seed)
    device = torch.device("cpu")
    corpus = Corpus(TEXTS)

    def batchify(data, bsz):
        # Work out how cleanly we can divide the dataset into bsz parts.
        nbatch = data.size(0) // bsz
        # Trim off any extra elements that wouldn't cleanly fit (remainders).
        data = data.narrow(0, 0, nbatch * bsz)
        # Evenly divide the data across the bsz batches.
        data = data.view(bsz, -1).t().contiguous()
        return data.to(device)

    eval_batch_size = 2
    train_data = batchify(corpus.train, args.batch_size)
    val_data = batchify(corpus.valid, eval_batch_size)
    test_data = batchify(corpus.test, eval_batch_size)
    p(len(corpus.dictionary), train_data.shape, val_data.shape, test_data.shape)
    p(train_data[:3])

    ntokens = len(corpus.dictionary)
    if args.model == 'Transformer':
        model = TransformerModel(ntokens, args.emsize, args.nhead, args.nhid, args.nlayers, args.dropout).to(device)
    else:
        model = RNNModel(args.model, ntokens, args.emsize, args.nhid, args.nlayers, args.dropout, args.tied).to(device)
    p(model)
    p(sum(p_.numel() for p_ in model.parameters()))

    criterion = nn.NLLLoss()

    def repackage_hidden(h):
        """Wraps hidden states in new Tensors, to detach them from their history."""
        if isinstance(h, torch.Tensor):
            return h.detach()
        else:
            return tuple(repackage_hidden(v) for v in h)

    def get_batch(source, i):
        seq_len = min(args.bptt, len(source) - 1 - i)
        data = source[i:i+seq_len]
        target = source[i+1:i+1+seq_len].view(-1)
        return data, target

    def evaluate(data_source):
        # Turn on evaluation mode which disables dropout.
        model.eval()
        total_loss = 0.
        ntokens = len(corpus.dictionary)
        if args.model != 'Transformer':
            hidden = model.init_hidden(eval_batch_size)
        with torch.no_grad():
            for i in range(0, data_source.size(0) - 1, args.bptt):
                data, targets = get_batch(data_source, i)
                if args.model == 'Transformer':
                    output = model(data)
                    output = output.view(-1, ntokens)
                else:
                    output, hidden = model(data, hidden)
                    hidden = repackage_hidden(hidden)
                total_loss += len(data) * criterion(output, targets).item()
        return total_loss / (len(data_source) - 1)

    def train():
        # Turn on training mode which enables dropout.
        model.train()
        total_loss = 0.
        ntokens = len(corpus.dictionary)
        if args.model != 'Transformer':
            hidden = model.init_hidden(args.batch_size)
        for batch, i in enumerate(range(0, train_data.size(0) - 1, args.bptt)):
            data, targets = get_batch(train_data, i)
            # Starting each batch, we detach the hidden state from how it was previously produced.
            # If we didn't, the model would try backpropagating all the way to start of the dataset.
            model.zero_grad()
            if args.model == 'Transformer':
                output = model(data)
                output = output.view(-1, ntokens)
            else:
                hidden = repackage_hidden(hidden)
                output, hidden = model(data, hidden)
            loss = criterion(output, targets)
            loss.backward()

            # `clip_grad_norm` helps prevent the exploding gradient problem in RNNs / LSTMs.
            total_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
            if batch == 0 and epoch == 1:
                n(total_norm)  # added: the norm clip_grad_norm_ returns, before clipping
            for p_ in model.parameters():
                p_.data.add_(p_.grad, alpha=-lr)

            total_loss += loss.item()

            if batch % args.log_interval == 0 and batch > 0:
                cur_loss = total_loss / args.log_interval
                n('| epoch {:3d} | {:5d}/{:5d} batches | lr {:02.2f} | '
                  'loss {:5.2f} | ppl {:8.2f}'.format(
                      epoch, batch, len(train_data) // args.bptt, lr, cur_loss, math.exp(cur_loss)))
                total_loss = 0
            if args.dry_run:
                break

    # Loop over epochs.
    lr = args.lr
    best_val_loss = None
    save_dir = tempfile.mkdtemp()
    save = os.path.join(save_dir, args.save)
    for epoch in range(1, args.epochs+1):
        train()
        val_loss = evaluate(val_data)
        p('-' * 89)
        n('| end of epoch {:3d} | valid loss {:5.2f} | '
          'valid ppl {:8.2f}'.format(epoch, val_loss, math.exp(val_loss)))
        p('-' * 89)
        # Save the model if the validation loss is the best we've seen so far.
        if not best_val_loss or val_loss < best_val_loss:
            torch.save(model.state_dict(), save)  # with open(args.save, 'wb') as f: torch.save(model, f)
            best_val_loss = val_loss
        else:
            # Anneal the learning rate if no improvement has been seen in the validation dataset.
            lr /= 4.0

    # Load the best saved model.
    model.load_state_dict(torch.load(save))  # model = torch.load(f)
    if args.model in ['RNN_TANH', 'RNN_RELU', 'LSTM', 'GRU']:
        model.rnn.flatten_parameters()

    # Run on test data.
    test_loss = evaluate(test_data)
    p('=' * 89)
    n('| End of training | test loss {:5.2f} | test ppl {:8.2f}'.format(
        test_loss, math.exp(test_loss)))
    p('=' * 89)

    # generate.py: 12 words at temperature 1.0
    model.eval()
    is_transformer_model = hasattr(model, 'model_type') and model.model_type == 'Transformer'
    if not is_transformer_model:
        hidden = model.init_hidden(1)
    input = torch.randint(ntokens, (1, 1), dtype=torch.long).to(device)
    words = []
    with torch.no_grad():  # no tracking history
        for i in range(12):
            if is_transformer_model:
                output = model(input, False)
                word_weights = output[-1].squeeze().div(1.0).exp().cpu()
                word_idx = torch.multinomial(word_weights, 1)[0]
                word_tensor = torch.Tensor([[word_idx]]).long().to(device)
                input = torch.cat([input, word_tensor], 0)
            else:
                output, hidden = model(input, hidden)
                word_weights = output.squeeze().div(1.0).exp().cpu()
                word_idx = torch.multinomial(word_weights, 1)[0]
                input.fill_(word_idx)
            words.append(corpus.dictionary.idx2word[word_idx])
    p(' '.join(words))
    return model, corpus, train_data, get_batch


wlm_args = dict(emsize=16, nhid=16, nlayers=2, lr=20, clip=0.25, epochs=2, batch_size=4, bptt=8, dropout=0.2,
                seed=1111, log_interval=2, save='model.pt', nhead=2, dry_run=False)
lstm, corpus, train_data, get_batch = wlm_main(Args(model='LSTM', tied=False, **wlm_args))
gru, _, _, _ = wlm_main(Args(model='GRU', tied=True, **wlm_args))
wlm_main(Args(model='RNN_TANH', tied=False, **{**wlm_args, 'epochs': 1}))
# lr 5 as the example's README runs the Transformer (--model Transformer --lr 5)
tf, _, _, _ = wlm_main(Args(model='Transformer', tied=False, **{**wlm_args, 'lr': 5}))
p(tf.src_mask)
p([k for k in tf.state_dict().keys() if not k.startswith('encoder.layers.1')])
ntokens = len(corpus.dictionary)
# what users get wrong: --tied with other sizes, a model name the program does not know, a hidden state of another
# batch size, a head count that does not divide emsize,
# the targets not flattened
e(lambda: RNNModel('LSTM', ntokens, 16, 32, 2, 0.2, True))
e(lambda: RNNModel('RNN', ntokens, 16, 16, 2))
data, targets = get_batch(train_data, 0)
lstm.eval()
e(lambda: lstm(data, lstm.init_hidden(2)))
e(lambda: lstm(data, lstm.init_hidden(4)[0]))
e(lambda: gru(data, gru.init_hidden(2)))
e(lambda: TransformerModel(ntokens, 16, 3, 16, 2))
e(lambda: nn.NLLLoss()(lstm(data, lstm.init_hidden(4))[0], targets.view(8, 4)))
e(lambda: nn.NLLLoss()(lstm(data, lstm.init_hidden(4))[0], targets.float()))
e(lambda: lstm(data.float(), lstm.init_hidden(4)))
e(lambda: tf.encoder(torch.rand(8, 4, 16), mask=torch.zeros(4, 4)))
# the LSTM's checkpoint loaded into the GRU model (--model GRU with an LSTM's model.pt)
e(lambda: gru.load_state_dict(lstm.state_dict()))

write('test/fixtures/examples.json')
