# PyTorch's beginner tutorials (pytorch/tutorials: beginner_source/basics/*, blitz/*, nn_tutorial.py,
# examples_autograd/*, examples_nn/*, nlp/*) as PyTorch 1.13 runs them, with small synthetic tensors in place
# of the downloaded datasets (the NLP tutorials keep their own inline sentences, with fewer epochs), plus the
# mistakes beginners make on the way. Each program records what it prints, in order; test/tutorials.test.ts
# runs the same programs written against tocha and compares.
#   /usr/bin/python3 scripts/gen-tutorials.py   (writes test/fixtures/tutorials.json)
# scripts/tutorial_harness.py says what a record is.
import math
import os
import tempfile

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.utils.data import DataLoader, Dataset, TensorDataset

from tutorial_harness import e, n, p, program, write


# --------------------------------------------------------------------------------------------------
# basics/tensorqs_tutorial.py (and blitz/tensor_tutorial.py)
program('tensorqs')
data = [[1, 2], [3, 4]]
x_data = torch.tensor(data)
p(x_data)
x_ones = torch.ones_like(x_data)
p(f"Ones Tensor: \n {x_ones} \n")
x_rand = torch.rand_like(x_data, dtype=torch.float)
p(f"Random Tensor: \n {x_rand} \n")
shape = (2, 3,)
rand_tensor = torch.rand(shape)
ones_tensor = torch.ones(shape)
zeros_tensor = torch.zeros(shape)
p(f"Random Tensor: \n {rand_tensor} \n")
p(f"Ones Tensor: \n {ones_tensor} \n")
p(f"Zeros Tensor: \n {zeros_tensor}")
tensor = torch.rand(3, 4)
p(f"Shape of tensor: {tensor.shape}")
p(f"Datatype of tensor: {tensor.dtype}")
p(f"Device tensor is stored on: {tensor.device}")
p(torch.cuda.is_available())
tensor = torch.ones(4, 4)
p('First row: ', tensor[0])
p('First column: ', tensor[:, 0])
p('Last column:', tensor[..., -1])
tensor[:, 1] = 0
p(tensor)
t1 = torch.cat([tensor, tensor, tensor], dim=1)
p(t1)
y1 = tensor @ tensor.T
y2 = tensor.matmul(tensor.T)
y3 = torch.rand_like(tensor)
torch.matmul(tensor, tensor.T, out=y3)
p(y1)
p(torch.equal(y1, y2), torch.equal(y1, y3))
z1 = tensor * tensor
z2 = tensor.mul(tensor)
z3 = torch.rand_like(tensor)
torch.mul(tensor, tensor, out=z3)
p(z1)
p(torch.equal(z1, z2), torch.equal(z1, z3))
agg = tensor.sum()
agg_item = agg.item()
p(agg_item, type(agg_item).__name__)
p(tensor, "\n")
tensor.add_(5)
p(tensor)
t = torch.ones(5)
p(f"t: {t}")
# blitz/tensor_tutorial.py
x = torch.empty(5, 3)
p(x.shape, x.dtype)
x = torch.rand(5, 3)
p(x)
x = torch.zeros(5, 3, dtype=torch.long)
p(x)
x = torch.tensor([5.5, 3])
p(x)
x = x.new_ones(5, 3, dtype=torch.float)
p(x)
x = torch.randn_like(x, dtype=torch.float)
p(x)
p(x.size())
y = torch.rand(5, 3)
p(x + y)
p(torch.add(x, y))
result = torch.empty(5, 3)
torch.add(x, y, out=result)
p(result)
y.add_(x)
p(y)
p(x[:, 1])
x = torch.randn(4, 4)
y = x.view(16)
z = x.view(-1, 8)
p(x.size(), y.size(), z.size())
x = torch.randn(1)
p(x)
p(x.item())
p(torch.arange(10).reshape(2, 5)[1, 2:4], torch.linspace(0, 1, 5))
p(torch.linspace(-math.pi, math.pi, 2000)[996:1004].tolist(), torch.linspace(-3, 7, 1001)[500:504].tolist())
p(torch.tensor([[1.5, -2.25e-3], [1e5, 7]]), torch.tensor([1e-8, 1.0]), torch.tensor([True, False]))
p(torch.tensor(3.5), torch.tensor([]), torch.zeros(2, 0), torch.arange(2000.))
p(x.dtype, torch.tensor([1, 2]).dtype, torch.tensor([1., 2]).dtype, torch.tensor([1, 2]).float().dtype)
p(torch.ones(2, 3).type(), torch.arange(3).type(), torch.tensor([True]).type())
x = torch.arange(12).view(3, 4)
p(x[1], x[-1, -1], x[:2, 1:], x[:, ::2], x[x > 5], x[torch.tensor([0, 2])], x[[0, 2]])
p(x.T, x.t().is_contiguous(), x.t().contiguous().view(-1))
p(torch.stack([x, x]).shape, x.unsqueeze(0).shape, x.unsqueeze(-1).squeeze().shape, x.flatten())
p(x.float().mean(), x.sum(dim=0), x.max(), x.argmax(), x.float().std(dim=1, keepdim=True))
p(x.float().mean(1), torch.max(x, 1), x.float().softmax(dim=1))
p(torch.ones(2, 3) + torch.arange(3), torch.ones(2, 1) * torch.arange(3), torch.arange(3) / 2, torch.arange(3) // 2)

# --------------------------------------------------------------------------------------------------
# basics/data_tutorial.py and transforms_tutorial.py: a Dataset of synthetic 28x28 "images"
program('data')
labels_map = {0: "T-Shirt", 1: "Trouser", 2: "Pullover", 3: "Dress", 4: "Coat",
              5: "Sandal", 6: "Shirt", 7: "Sneaker", 8: "Bag", 9: "Ankle Boot"}


class CustomImageDataset(Dataset):
    def __init__(self, images, labels, transform=None, target_transform=None):
        self.images = images
        self.img_labels = labels
        self.transform = transform
        self.target_transform = target_transform

    def __len__(self):
        return len(self.img_labels)

    def __getitem__(self, idx):
        image = self.images[idx]
        label = int(self.img_labels[idx])
        if self.transform:
            image = self.transform(image)
        if self.target_transform:
            label = self.target_transform(label)
        return image, label


images = torch.rand(100, 1, 28, 28)
labels = torch.randint(0, 10, (100,))
training_data = CustomImageDataset(images, labels)
p(len(training_data))
for i in range(1, 4):
    sample_idx = torch.randint(len(training_data), size=(1,)).item()
    img, label = training_data[sample_idx]
    p(sample_idx, labels_map[label], img.squeeze().shape)
train_dataloader = DataLoader(training_data, batch_size=64, shuffle=True)
train_features, train_labels = next(iter(train_dataloader))
p(f"Feature batch shape: {train_features.size()}")
p(f"Labels batch shape: {train_labels.size()}")
img = train_features[0].squeeze()
label = train_labels[0]
p(f"Label: {label}")
p(train_labels)
p(len(train_dataloader), [len(b[0]) for b in train_dataloader])
# transforms_tutorial.py: target_transform = Lambda(one-hot by scatter_)
one_hot = CustomImageDataset(images, labels, transform=lambda x: x.flatten(),
                             target_transform=lambda y: torch.zeros(10, dtype=torch.float).scatter_(0, torch.tensor(y), value=1))
img, target = one_hot[0]
p(img.shape, target)
xb, yb = next(iter(DataLoader(one_hot, batch_size=4)))
p(xb.shape, yb)
# a seeded generator, drop_last, and a TensorDataset
g = torch.Generator().manual_seed(42)
dl = DataLoader(TensorDataset(torch.arange(10), torch.arange(10) * 10), batch_size=4, shuffle=True, generator=g, drop_last=True)
p(len(dl))
for a, b in dl:
    p(a, b)
ds = TensorDataset(torch.arange(6).view(3, 2), torch.tensor([1., 2., 3.]))
p(ds[1], len(ds))
p(next(iter(DataLoader([(torch.ones(2), 1), (torch.zeros(2), 2)], batch_size=2))))
p(next(iter(DataLoader([{'x': torch.ones(2), 'y': 3}, {'x': torch.zeros(2), 'y': 4}], batch_size=2))))
e(lambda: next(iter(DataLoader([torch.ones(3), torch.ones(4)], batch_size=2))))

# --------------------------------------------------------------------------------------------------
# basics/buildmodel_tutorial.py
program('buildmodel')
device = 'cuda' if torch.cuda.is_available() else 'cpu'
p('Using {} device'.format(device))


class NeuralNetwork(nn.Module):
    def __init__(self):
        super(NeuralNetwork, self).__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(28 * 28, 512),
            nn.ReLU(),
            nn.Linear(512, 512),
            nn.ReLU(),
            nn.Linear(512, 10),
        )

    def forward(self, x):
        x = self.flatten(x)
        logits = self.linear_relu_stack(x)
        return logits


model = NeuralNetwork().to(device)
p(model)
X = torch.rand(1, 28, 28, device=device)
logits = model(X)
pred_probab = nn.Softmax(dim=1)(logits)
y_pred = pred_probab.argmax(1)
p(f"Predicted class: {y_pred}")
p(logits)
p(pred_probab)
input_image = torch.rand(3, 28, 28)
p(input_image.size())
flatten = nn.Flatten()
flat_image = flatten(input_image)
p(flat_image.size())
layer1 = nn.Linear(in_features=28 * 28, out_features=20)
hidden1 = layer1(flat_image)
p(hidden1.size())
p(f"Before ReLU: {hidden1}\n\n")
hidden1 = nn.ReLU()(hidden1)
p(f"After ReLU: {hidden1}")
seq_modules = nn.Sequential(flatten, layer1, nn.ReLU(), nn.Linear(20, 10))
input_image = torch.rand(3, 28, 28)
logits = seq_modules(input_image)
softmax = nn.Softmax(dim=1)
pred_probab = softmax(logits)
p(seq_modules)
p(pred_probab)
p(pred_probab.sum(1))
p("Model structure: ", model, "\n\n")
for name, param in model.named_parameters():
    p(f"Layer: {name} | Size: {param.size()} | Values : {param[:2]} \n")
p(len(list(model.parameters())), sum(q.numel() for q in model.parameters()))
p([k for k, v in model.state_dict().items()])
p(model.linear_relu_stack[0], model.linear_relu_stack[1], len(model.linear_relu_stack))
p([name for name, _ in model.named_modules()])
p([type(m).__name__ for m in model.children()])
p(nn.Linear(3, 2, bias=False), nn.Dropout(0.2), nn.Softmax(dim=-1), nn.Flatten(0, 1))
p(nn.Conv2d(1, 6, 5), nn.MaxPool2d(2, 2), nn.BatchNorm2d(6), nn.LogSoftmax(dim=1), nn.ReLU(inplace=True))


class WithParams(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(3))
        self.register_buffer('running', torch.zeros(3))
        self.blocks = nn.ModuleList([nn.Linear(3, 3) for _ in range(2)])
        self.head = nn.Sequential(nn.Linear(3, 1), nn.Sigmoid())

    def forward(self, x):
        for b in self.blocks:
            x = torch.relu(b(x)) * self.scale
        return self.head(x)


wp = WithParams()
p(wp)
p([name for name, _ in wp.named_parameters()])
p(list(wp.state_dict().keys()))
p(wp(torch.ones(2, 3)))
p(nn.Parameter(torch.tensor([1., 2.])))
# beginner mistakes with layers
lin = nn.Linear(4, 3)
e(lambda: lin(torch.randn(2, 5)))
e(lambda: lin(torch.arange(8).view(2, 4)))
e(lambda: nn.Conv2d(1, 6, 5)(torch.randn(1, 3, 32, 32)))
e(lambda: nn.Conv2d(1, 6, 5)(torch.randn(1, 1, 3, 3)))
e(lambda: model(torch.rand(1, 27, 28)))
e(lambda: nn.MaxPool2d(2)(torch.ones(1, 1, 1, 1)))
e(lambda: nn.Linear(in_features=3))
e(lambda: nn.Conv2d(1, 2))

# --------------------------------------------------------------------------------------------------
# basics/autogradqs_tutorial.py
program('autogradqs')
x = torch.ones(5)
y = torch.zeros(3)
w = torch.randn(5, 3, requires_grad=True)
b = torch.randn(3, requires_grad=True)
z = torch.matmul(x, w) + b
loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
p(z)
p(loss)
p(type(z.grad_fn).__name__, type(loss.grad_fn).__name__)
loss.backward()
p(w.grad)
p(b.grad)
z = torch.matmul(x, w) + b
p(z.requires_grad)
with torch.no_grad():
    z = torch.matmul(x, w) + b
p(z.requires_grad)
z = torch.matmul(x, w) + b
z_det = z.detach()
p(z_det.requires_grad)
inp = torch.eye(4, 5, requires_grad=True)
out_ = (inp + 1).pow(2).t()
out_.backward(torch.ones_like(out_), retain_graph=True)
p(f"First call\n{inp.grad}")
out_.backward(torch.ones_like(out_), retain_graph=True)
p(f"\nSecond call\n{inp.grad}")
inp.grad.zero_()
out_.backward(torch.ones_like(out_), retain_graph=True)
p(f"\nCall after zeroing gradients\n{inp.grad}")
p(w.is_leaf, z.is_leaf, loss.is_leaf, w.requires_grad, z_det.is_leaf)
# blitz/autograd_tutorial.py
x = torch.ones(2, 2, requires_grad=True)
p(x)
y = x + 2
p(y)
p(type(y.grad_fn).__name__)
z = y * y * 3
out_ = z.mean()
p(z, out_)
a = torch.randn(2, 2)
a = ((a * 3) / (a - 1))
p(a.requires_grad)
a.requires_grad_(True)
p(a.requires_grad)
b = (a * a).sum()
p(type(b.grad_fn).__name__)
out_.backward()
p(x.grad)
x = torch.randn(3, requires_grad=True)
y = x * 2
while y.data.norm() < 1000:
    y = y * 2
p(y)
gradients = torch.tensor([0.1, 1.0, 0.0001], dtype=torch.float)
y.backward(gradients)
p(x.grad)
p(x.requires_grad)
p((x ** 2).requires_grad)
with torch.no_grad():
    p((x ** 2).requires_grad)
a = torch.tensor([2., 3.], requires_grad=True)
b = torch.tensor([6., 4.], requires_grad=True)
Q = 3 * a ** 3 - b ** 2
external_grad = torch.tensor([1., 1.])
Q.backward(gradient=external_grad)
p(9 * a ** 2 == a.grad)
p(-2 * b == b.grad)
p(Q, a.grad, b.grad)
# freezing parameters (resnet18's fc in the tutorial; a small model here)
model = nn.Sequential(nn.Linear(8, 4), nn.ReLU(), nn.Linear(4, 2))
for param in model.parameters():
    param.requires_grad = False
model[2] = nn.Linear(4, 10)
p(model)
p([name for name, q in model.named_parameters() if q.requires_grad])
optimizer = optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
model(torch.randn(3, 8)).sum().backward()
p(model[0].weight.grad, model[2].bias.grad)
# what beginners run into
w = torch.randn(3, requires_grad=True)
loss = (w * 2).sum()
loss.backward()
e(lambda: loss.backward())
e(lambda: (w * 2).backward())
e(lambda: w.add_(1))
e(lambda: torch.ones(3).sum().backward())
with torch.no_grad():
    frozen = (w * 2).sum()
e(lambda: frozen.backward())
e(lambda: torch.tensor([1, 2], requires_grad=True))
h = torch.sigmoid(w)
h.mul_(2)
e(lambda: h.sum().backward())
p(w.grad)
with torch.no_grad():
    w.add_(1)
p(w.requires_grad, w.grad_fn)
p(w.detach().requires_grad, w.data.requires_grad)

# --------------------------------------------------------------------------------------------------
# basics/optimization_tutorial.py (and quickstart_tutorial.py): synthetic "FashionMNIST"
program('optimization')
torch.manual_seed(0)
x_all = torch.rand(320, 1, 28, 28)
y_all = x_all.view(320, -1)[:, :10].argmax(1)
training_data = TensorDataset(x_all[:256], y_all[:256])
test_data = TensorDataset(x_all[256:], y_all[256:])
train_dataloader = DataLoader(training_data, batch_size=64)
test_dataloader = DataLoader(test_data, batch_size=64)


class NeuralNetwork(nn.Module):  # noqa: F811 - the tutorial defines it again
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(28 * 28, 512),
            nn.ReLU(),
            nn.Linear(512, 512),
            nn.ReLU(),
            nn.Linear(512, 10),
        )

    def forward(self, x):
        x = self.flatten(x)
        logits = self.linear_relu_stack(x)
        return logits


model = NeuralNetwork()
learning_rate = 1e-1
batch_size = 64
epochs = 3
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)


def train_loop(dataloader, model, loss_fn, optimizer):
    size = len(dataloader.dataset)
    model.train()
    for batch, (X, y) in enumerate(dataloader):
        pred = model(X)
        loss = loss_fn(pred, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if batch % 2 == 0:
            loss, current = loss.item(), batch * batch_size + len(X)
            n(f"loss: {loss:>7f}  [{current:>5d}/{size:>5d}]")


def test_loop(dataloader, model, loss_fn):
    model.eval()
    size = len(dataloader.dataset)
    num_batches = len(dataloader)
    test_loss, correct = 0, 0
    with torch.no_grad():
        for X, y in dataloader:
            pred = model(X)
            test_loss += loss_fn(pred, y).item()
            correct += (pred.argmax(1) == y).type(torch.float).sum().item()
    test_loss /= num_batches
    correct /= size
    n(f"Test Error: \n Accuracy: {(100*correct):>0.1f}%, Avg loss: {test_loss:>8f} \n")


for t in range(epochs):
    p(f"Epoch {t+1}\n-------------------------------")
    train_loop(train_dataloader, model, loss_fn, optimizer)
    test_loop(test_dataloader, model, loss_fn)
p("Done!")
p(optimizer)
p(loss_fn, nn.MSELoss(), nn.NLLLoss(), nn.CrossEntropyLoss(label_smoothing=0.1))
opt2 = torch.optim.Adam(model.parameters(), lr=1e-3)
p(opt2)
p(optimizer.state_dict()['param_groups'])
# the losses beginners mix up
logits = torch.randn(4, 10)
target = torch.tensor([1, 0, 9, 3])
p(loss_fn(logits, target), F.nll_loss(F.log_softmax(logits, dim=1), target))
p(loss_fn(logits, F.one_hot(target, 10).float()))
p(nn.MSELoss()(logits.softmax(1), F.one_hot(target, 10).float()))
p(nn.BCEWithLogitsLoss()(logits[:, 0], target.float().clamp(0, 1)), nn.BCELoss()(torch.sigmoid(logits[:, 0]), torch.ones(4)))
e(lambda: loss_fn(logits, target.float()))
e(lambda: loss_fn(logits, torch.tensor([1, 0, 10, 3])))
e(lambda: loss_fn(logits, torch.tensor([1, 0, 9])))
e(lambda: loss_fn(logits, target.view(4, 1)))
e(lambda: nn.BCELoss()(logits[:, 0], torch.ones(4)))
e(lambda: nn.BCEWithLogitsLoss()(logits, torch.ones(4)))
e(lambda: nn.NLLLoss()(logits, target.float()))
e(lambda: nn.MSELoss()(logits, torch.ones(4, 3)))
e(lambda: torch.optim.SGD(model.parameters()))
e(lambda: torch.optim.SGD([], lr=0.1))
e(lambda: torch.optim.Adam(model.parameters(), lr=-1))

# --------------------------------------------------------------------------------------------------
# basics/saveloadrun_tutorial.py (vgg16 replaced by the small network)
program('saveloadrun')


class Small(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.classifier = nn.Sequential(nn.Dropout(), nn.Linear(4 * 4 * 4, 10))

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


tmp = tempfile.mkdtemp()
path = os.path.join(tmp, 'model_weights.pth')
model = Small()
torch.save(model.state_dict(), path)
model2 = Small()
p(model2.load_state_dict(torch.load(path)))
p(model2.eval())
p(model2.training, model2.classifier[0].training, model.training)
x = torch.randn(2, 3, 8, 8)
with torch.no_grad():
    p(torch.equal(model.eval()(x), model2(x)), model2(x))
model.train()
with torch.no_grad():
    p(model(x))
sd = model.state_dict()
p(list(sd.keys()))
p(sd['classifier.1.bias'])
p(model2.load_state_dict({k: v for k, v in sd.items() if k != 'classifier.1.bias'}, strict=False))
p(repr(model2.load_state_dict({**sd, 'extra': torch.ones(1)}, strict=False)))
e(lambda: model2.load_state_dict({k: v for k, v in sd.items() if k != 'classifier.1.bias'}))
e(lambda: model2.load_state_dict({**sd, 'extra': torch.ones(1)}))
e(lambda: model2.load_state_dict({**sd, 'classifier.1.weight': torch.ones(10, 3)}))
checkpoint = {'epoch': 3, 'model_state_dict': model.state_dict(), 'loss': 0.25}
torch.save(checkpoint, path)
ck = torch.load(path)
p(ck['epoch'], ck['loss'], list(ck.keys()))
p(Small().load_state_dict(ck['model_state_dict']))

# --------------------------------------------------------------------------------------------------
# nn_tutorial.py ("What is torch.nn really?"): synthetic MNIST, 784 features, 10 classes
program('nn_tutorial')
x_all = torch.rand(700, 784)
y_all = (x_all[:, :10] * torch.arange(1., 11.)).argmax(1)
x_train, y_train, x_valid, y_valid = x_all[:500], y_all[:500], x_all[500:], y_all[500:]
n_, c_ = x_train.shape
p(x_train, y_train)
p(x_train.shape)
p(y_train.min(), y_train.max())
weights = torch.randn(784, 10) / math.sqrt(784)
weights.requires_grad_()
bias = torch.zeros(10, requires_grad=True)


def log_softmax(x):
    return x - x.exp().sum(-1).log().unsqueeze(-1)


def model(xb):
    return log_softmax(xb @ weights + bias)


bs = 64
xb = x_train[0:bs]
preds = model(xb)
p(preds[0], preds.shape)


def nll(input, target):
    return -input[range(target.shape[0]), target].mean()


loss_func = nll
yb = y_train[0:bs]
p(loss_func(preds, yb))


def accuracy(out, yb):
    preds = torch.argmax(out, dim=1)
    return (preds == yb).float().mean()


p(accuracy(preds, yb))
lr = 0.5
epochs = 2
for epoch in range(epochs):
    for i in range((n_ - 1) // bs + 1):
        start_i = i * bs
        end_i = start_i + bs
        xb = x_train[start_i:end_i]
        yb = y_train[start_i:end_i]
        pred = model(xb)
        loss = loss_func(pred, yb)
        loss.backward()
        with torch.no_grad():
            weights -= weights.grad * lr
            bias -= bias.grad * lr
            weights.grad.zero_()
            bias.grad.zero_()
n(loss_func(model(xb), yb), accuracy(model(xb), yb))
loss_func = F.cross_entropy


def model(xb):  # noqa: F811
    return xb @ weights + bias


n(loss_func(model(xb), yb), accuracy(model(xb), yb))


class Mnist_Logistic(nn.Module):
    def __init__(self):
        super().__init__()
        self.weights = nn.Parameter(torch.randn(784, 10) / math.sqrt(784))
        self.bias = nn.Parameter(torch.zeros(10))

    def forward(self, xb):
        return xb @ self.weights + self.bias


model = Mnist_Logistic()
p(model)
p(loss_func(model(xb), yb))


def fit():
    for epoch in range(epochs):
        for i in range((n_ - 1) // bs + 1):
            start_i = i * bs
            end_i = start_i + bs
            xb = x_train[start_i:end_i]
            yb = y_train[start_i:end_i]
            pred = model(xb)
            loss = loss_func(pred, yb)
            loss.backward()
            with torch.no_grad():
                for q in model.parameters():
                    q -= q.grad * lr
                model.zero_grad()


fit()
n(loss_func(model(xb), yb))


class Mnist_Logistic(nn.Module):  # noqa: F811
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(784, 10)

    def forward(self, xb):
        return self.lin(xb)


model = Mnist_Logistic()
p(loss_func(model(xb), yb))
fit()
n(loss_func(model(xb), yb))


def get_model():
    model = Mnist_Logistic()
    return model, optim.SGD(model.parameters(), lr=lr)


model, opt = get_model()
p(loss_func(model(xb), yb))
for epoch in range(epochs):
    for i in range((n_ - 1) // bs + 1):
        start_i = i * bs
        end_i = start_i + bs
        xb = x_train[start_i:end_i]
        yb = y_train[start_i:end_i]
        pred = model(xb)
        loss = loss_func(pred, yb)
        loss.backward()
        opt.step()
        opt.zero_grad()
n(loss_func(model(xb), yb))
train_ds = TensorDataset(x_train, y_train)
model, opt = get_model()
for epoch in range(epochs):
    for i in range((n_ - 1) // bs + 1):
        xb, yb = train_ds[i * bs: i * bs + bs]
        pred = model(xb)
        loss = loss_func(pred, yb)
        loss.backward()
        opt.step()
        opt.zero_grad()
n(loss_func(model(xb), yb))
train_dl = DataLoader(train_ds, batch_size=bs)
model, opt = get_model()
for epoch in range(epochs):
    for xb, yb in train_dl:
        pred = model(xb)
        loss = loss_func(pred, yb)
        loss.backward()
        opt.step()
        opt.zero_grad()
n(loss_func(model(xb), yb))
train_dl = DataLoader(train_ds, batch_size=bs, shuffle=True)
valid_ds = TensorDataset(x_valid, y_valid)
valid_dl = DataLoader(valid_ds, batch_size=bs * 2)
model, opt = get_model()
for epoch in range(epochs):
    model.train()
    for xb, yb in train_dl:
        pred = model(xb)
        loss = loss_func(pred, yb)
        loss.backward()
        opt.step()
        opt.zero_grad()
    model.eval()
    with torch.no_grad():
        valid_loss = sum(loss_func(model(xb), yb) for xb, yb in valid_dl)
    n(epoch, valid_loss / len(valid_dl))


def loss_batch(model, loss_func, xb, yb, opt=None):
    loss = loss_func(model(xb), yb)
    if opt is not None:
        loss.backward()
        opt.step()
        opt.zero_grad()
    return loss.item(), len(xb)


def fit(epochs, model, loss_func, opt, train_dl, valid_dl):  # noqa: F811
    for epoch in range(epochs):
        model.train()
        for xb, yb in train_dl:
            loss_batch(model, loss_func, xb, yb, opt)
        model.eval()
        with torch.no_grad():
            losses, nums = zip(*[loss_batch(model, loss_func, xb, yb) for xb, yb in valid_dl])
        val_loss = sum(l * k for l, k in zip(losses, nums)) / sum(nums)
        n(epoch, val_loss)


def get_data(train_ds, valid_ds, bs):
    return (DataLoader(train_ds, batch_size=bs, shuffle=True), DataLoader(valid_ds, batch_size=bs * 2))


train_dl, valid_dl = get_data(train_ds, valid_ds, bs)
model, opt = get_model()
fit(epochs, model, loss_func, opt, train_dl, valid_dl)


class Mnist_CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1)
        self.conv3 = nn.Conv2d(16, 10, kernel_size=3, stride=2, padding=1)

    def forward(self, xb):
        xb = xb.view(-1, 1, 28, 28)
        xb = F.relu(self.conv1(xb))
        xb = F.relu(self.conv2(xb))
        xb = F.relu(self.conv3(xb))
        xb = F.avg_pool2d(xb, 4)
        return xb.view(-1, xb.size(1))


lr = 0.1
model = Mnist_CNN()
p(model)
opt = optim.SGD(model.parameters(), lr=lr, momentum=0.9)
fit(epochs, model, loss_func, opt, train_dl, valid_dl)


class Lambda(nn.Module):
    def __init__(self, func):
        super().__init__()
        self.func = func

    def forward(self, x):
        return self.func(x)


def preprocess(x):
    return x.view(-1, 1, 28, 28)


model = nn.Sequential(
    Lambda(preprocess),
    nn.Conv2d(1, 16, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.Conv2d(16, 10, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.AvgPool2d(4),
    Lambda(lambda x: x.view(x.size(0), -1)),
)
p(model)
opt = optim.SGD(model.parameters(), lr=lr, momentum=0.9)
fit(epochs, model, loss_func, opt, train_dl, valid_dl)


def preprocess(x, y):  # noqa: F811
    return x.view(-1, 1, 28, 28), y


class WrappedDataLoader:
    def __init__(self, dl, func):
        self.dl = dl
        self.func = func

    def __len__(self):
        return len(self.dl)

    def __iter__(self):
        for b in self.dl:
            yield (self.func(*b))


train_dl, valid_dl = get_data(train_ds, valid_ds, bs)
train_dl = WrappedDataLoader(train_dl, preprocess)
valid_dl = WrappedDataLoader(valid_dl, preprocess)
model = nn.Sequential(
    nn.Conv2d(1, 16, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.Conv2d(16, 10, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.AdaptiveAvgPool2d(1),
    Lambda(lambda x: x.view(x.size(0), -1)),
)
opt = optim.SGD(model.parameters(), lr=lr, momentum=0.9)
fit(epochs, model, loss_func, opt, train_dl, valid_dl)
p(torch.cuda.is_available())
dev = torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")
p(dev)
model.to(dev)
p(len(train_dl), next(iter(valid_dl))[0].shape)

# --------------------------------------------------------------------------------------------------
# examples_autograd/polynomial_autograd.py, examples_nn/polynomial_nn.py and polynomial_optim.py,
# examples_autograd/polynomial_custom_function.py
program('polynomial')
dtype = torch.float
x = torch.linspace(-math.pi, math.pi, 2000, dtype=dtype)
y = torch.sin(x)
a = torch.randn((), dtype=dtype, requires_grad=True)
b = torch.randn((), dtype=dtype, requires_grad=True)
c = torch.randn((), dtype=dtype, requires_grad=True)
d = torch.randn((), dtype=dtype, requires_grad=True)
p(a, b, c, d)
learning_rate = 1e-6
for t in range(500):
    y_pred = a + b * x + c * x ** 2 + d * x ** 3
    loss = (y_pred - y).pow(2).sum()
    if t % 100 == 99:
        n(t, loss.item())
    loss.backward()
    with torch.no_grad():
        a -= learning_rate * a.grad
        b -= learning_rate * b.grad
        c -= learning_rate * c.grad
        d -= learning_rate * d.grad
        a.grad = None
        b.grad = None
        c.grad = None
        d.grad = None
n(f'Result: y = {a.item()} + {b.item()} x + {c.item()} x^2 + {d.item()} x^3')
# polynomial_nn.py
xx_p = torch.tensor([1, 2, 3])
xx = x.unsqueeze(-1).pow(xx_p)
p(xx.shape, xx.dtype, xx[1000])
model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
p(model)
loss_fn = torch.nn.MSELoss(reduction='sum')
learning_rate = 1e-6
for t in range(300):
    y_pred = model(xx)
    loss = loss_fn(y_pred, y)
    if t % 100 == 99:
        n(t, loss.item())
    model.zero_grad()
    loss.backward()
    with torch.no_grad():
        for param in model.parameters():
            param -= learning_rate * param.grad
linear_layer = model[0]
n(f'Result: y = {linear_layer.bias.item()} + {linear_layer.weight[:, 0].item()} x + {linear_layer.weight[:, 1].item()} x^2 + {linear_layer.weight[:, 2].item()} x^3')
# polynomial_optim.py
model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
loss_fn = torch.nn.MSELoss(reduction='sum')
optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3)
for t in range(300):
    y_pred = model(xx)
    loss = loss_fn(y_pred, y)
    if t % 100 == 99:
        n(t, loss.item())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
linear_layer = model[0]
n(f'Result: y = {linear_layer.bias.item()} + {linear_layer.weight[:, 0].item()} x + {linear_layer.weight[:, 1].item()} x^2 + {linear_layer.weight[:, 2].item()} x^3')


class Polynomial3(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = torch.nn.Parameter(torch.randn(()))
        self.b = torch.nn.Parameter(torch.randn(()))
        self.c = torch.nn.Parameter(torch.randn(()))
        self.d = torch.nn.Parameter(torch.randn(()))

    def forward(self, x):
        return self.a + self.b * x + self.c * x ** 2 + self.d * x ** 3

    def string(self):
        return f'y = {self.a.item()} + {self.b.item()} x + {self.c.item()} x^2 + {self.d.item()} x^3'


model = Polynomial3()
p(model)
p(model.string())
criterion = torch.nn.MSELoss(reduction='sum')
optimizer = torch.optim.SGD(model.parameters(), lr=1e-6)
for t in range(300):
    y_pred = model(x)
    loss = criterion(y_pred, y)
    if t % 100 == 99:
        n(t, loss.item())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
n(f'Result: {model.string()}')


class LegendrePolynomial3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return 0.5 * (5 * input ** 3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        return grad_output * 1.5 * (5 * input ** 2 - 1)


a = torch.full((), 0.0, dtype=dtype, requires_grad=True)
b = torch.full((), -1.0, dtype=dtype, requires_grad=True)
c = torch.full((), 0.0, dtype=dtype, requires_grad=True)
d = torch.full((), 0.3, dtype=dtype, requires_grad=True)
p(a, b, c, d)
learning_rate = 5e-6
for t in range(300):
    P3 = LegendrePolynomial3.apply
    y_pred = a + b * P3(c + d * x)
    loss = (y_pred - y).pow(2).sum()
    if t % 100 == 99:
        n(t, loss.item())
    loss.backward()
    with torch.no_grad():
        a -= learning_rate * a.grad
        b -= learning_rate * b.grad
        c -= learning_rate * c.grad
        d -= learning_rate * d.grad
        a.grad = None
        b.grad = None
        c.grad = None
        d.grad = None
n(f'Result: y = {a.item()} + {b.item()} * P3({c.item()} + {d.item()} x)')
p(LegendrePolynomial3.apply(torch.tensor([0.5], requires_grad=True)))

# --------------------------------------------------------------------------------------------------
# blitz/neural_networks_tutorial.py (LeNet)
program('neural_networks')


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(-1, self.num_flat_features(x))
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x

    def num_flat_features(self, x):
        size = x.size()[1:]
        num_features = 1
        for s in size:
            num_features *= s
        return num_features


net = Net()
p(net)
params = list(net.parameters())
p(len(params))
p(params[0].size())
input = torch.randn(1, 1, 32, 32)
out_ = net(input)
p(out_)
net.zero_grad()
out_.backward(torch.randn(1, 10))
p(net.conv1.bias.grad)
output = net(input)
target = torch.randn(10)
target = target.view(1, -1)
criterion = nn.MSELoss()
loss = criterion(output, target)
p(loss)
p(type(loss.grad_fn).__name__)
p(type(loss.grad_fn.next_functions[0][0]).__name__)
p(type(loss.grad_fn.next_functions[0][0].next_functions[0][0]).__name__)
net.zero_grad()
p('conv1.bias.grad before backward')
p(net.conv1.bias.grad)
loss.backward()
p('conv1.bias.grad after backward')
p(net.conv1.bias.grad)
learning_rate = 0.01
for f in net.parameters():
    f.data.sub_(f.grad.data * learning_rate)
p(criterion(net(input), target))
optimizer = optim.SGD(net.parameters(), lr=0.01)
optimizer.zero_grad()
output = net(input)
loss = criterion(output, target)
loss.backward()
optimizer.step()
p(loss)
p(criterion(net(input), target))
e(lambda: net(input.squeeze(0)))
net.zero_grad(set_to_none=True)
p(net.conv1.bias.grad)
e(lambda: net(torch.randn(1, 1, 28, 28)))

# --------------------------------------------------------------------------------------------------
# blitz/cifar10_tutorial.py: synthetic CIFAR-10 (3x32x32, 4 classes of color-biased noise)
program('cifar10')
classes = ('plane', 'car', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck')
labels = torch.randint(0, 10, (200,))
images = torch.randn(200, 3, 32, 32) * 0.5 + labels.view(-1, 1, 1, 1).float() / 10 - 0.5
trainset = TensorDataset(images[:160], labels[:160])
testset = TensorDataset(images[160:], labels[160:])
batch_size = 4
trainloader = DataLoader(trainset, batch_size=batch_size, shuffle=True, generator=torch.Generator().manual_seed(1))
testloader = DataLoader(testset, batch_size=batch_size, shuffle=False)
dataiter = iter(trainloader)
images_, labels_ = next(dataiter)
p(images_.shape, labels_)
p(' '.join(f'{classes[labels_[j]]:5s}' for j in range(batch_size)))


class CifarNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


net = CifarNet()
p(net)
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
for epoch in range(2):
    running_loss = 0.0
    for i, data in enumerate(trainloader, 0):
        inputs, labels_ = data
        optimizer.zero_grad()
        outputs = net(inputs)
        loss = criterion(outputs, labels_)
        loss.backward()
        optimizer.step()
        running_loss += loss.item()
        if i % 20 == 19:
            n(f'[{epoch + 1}, {i + 1:5d}] loss: {running_loss / 20:.3f}')
            running_loss = 0.0
p('Finished Training')
PATH = os.path.join(tmp, 'cifar_net.pth')
torch.save(net.state_dict(), PATH)
dataiter = iter(testloader)
images_, labels_ = next(dataiter)
p('GroundTruth: ', ' '.join(f'{classes[labels_[j]]:5s}' for j in range(4)))
net = CifarNet()
p(net.load_state_dict(torch.load(PATH)))
outputs = net(images_)
n(outputs)
_, predicted = torch.max(outputs, 1)
p('Predicted: ', ' '.join(f'{classes[predicted[j]]:5s}' for j in range(4)))
correct = 0
total = 0
with torch.no_grad():
    for data in testloader:
        images_, labels_ = data
        outputs = net(images_)
        _, predicted = torch.max(outputs.data, 1)
        total += labels_.size(0)
        correct += (predicted == labels_).sum().item()
p(f'Accuracy of the network on the {total} test images: {100 * correct // total} %')
correct_pred = {classname: 0 for classname in classes}
total_pred = {classname: 0 for classname in classes}
with torch.no_grad():
    for data in testloader:
        images_, labels_ = data
        outputs = net(images_)
        _, predictions = torch.max(outputs, 1)
        for label, prediction in zip(labels_, predictions):
            if label == prediction:
                correct_pred[classes[label]] += 1
            total_pred[classes[label]] += 1
for classname, correct_count in correct_pred.items():
    if total_pred[classname]:
        accuracy = 100 * float(correct_count) / total_pred[classname]
        p(f'Accuracy for class: {classname:5s} is {accuracy:.1f} %')

# --------------------------------------------------------------------------------------------------
# everyday tensor mistakes (errors a beginner reads)
program('mistakes')
x = torch.ones(2, 3)
e(lambda: x + torch.ones(4))
e(lambda: x @ x)
e(lambda: torch.matmul(x, torch.ones(4)))
e(lambda: x.view(4, 2))
e(lambda: x.t().view(-1))
e(lambda: x.item())
e(lambda: x[2])
e(lambda: x[:, 3])
e(lambda: torch.cat([x, torch.ones(3, 3)], dim=1))
e(lambda: torch.stack([x, torch.ones(3, 2)]))
e(lambda: x.sum(dim=2))
e(lambda: x.permute(0))
e(lambda: x.reshape(5, -1))
e(lambda: torch.ones(2, 2).mm(torch.ones(2, 2, dtype=torch.long)))
e(lambda: F.one_hot(torch.tensor([0, 3]), 3))
e(lambda: F.one_hot(torch.tensor([0., 1.])))
e(lambda: torch.ones(3).squeeze(1))
e(lambda: torch.tensor([[1, 2], [3]]))
e(lambda: torch.zeros(2, 3).expand(4, 3))
e(lambda: torch.ones(2, 3).index_select(0, torch.tensor([2])))
e(lambda: torch.gather(torch.ones(2, 3), 1, torch.tensor([[3]])))
e(lambda: torch.ones(3).argmax(dim=1))
e(lambda: torch.randint(5, (3,)).float().mean(dim=0).long().backward())
p(torch.tensor([1, 2]) / 2, torch.tensor([1, 2]) * 0.5, torch.tensor([1, 2]) + 0.5, torch.tensor([True]) + 1)
p(torch.ones(2, dtype=torch.long) + torch.ones(2), (torch.arange(4) > 1).sum(), (torch.arange(4) > 1).float().mean())
p(torch.arange(6).view(2, 3).float().mean(), torch.tensor([1, 2, 3]).sum().item(), torch.tensor(2.5).item())
e(lambda: torch.arange(6).view(2, 3).mean())
p(torch.zeros(2).requires_grad, torch.zeros(2, requires_grad=True).grad)
# assignment through indexing
x = torch.arange(12.).view(3, 4)
x[x > 5] = -1
x[0, 1:3] = torch.tensor([7., 8.])
x[..., 0] = 9
x[torch.tensor([1, 2]), 1] = 5
p(x)
w = torch.ones(3, requires_grad=True)
y = w * 2
y[1] = 0
y.sum().backward()
p(y, w.grad)
e(lambda: torch.ones(3).index_select(0, torch.tensor([3])))
e(lambda: torch.ones(2, 3).index_select(1, torch.tensor([0, 5])))

# --------------------------------------------------------------------------------------------------
# nlp/pytorch_tutorial.py: tensors, reshaping, autograd (and the torch.Tensor / Variable spelling of its
# first versions)
program('nlp_intro')
torch.manual_seed(1)
V_data = [1., 2., 3.]
V = torch.tensor(V_data)
p(V)
M_data = [[1., 2., 3.], [4., 5., 6]]
M = torch.tensor(M_data)
p(M)
T_data = [[[1., 2.], [3., 4.]],
          [[5., 6.], [7., 8.]]]
T = torch.tensor(T_data)
p(T)
p(V[0])
p(V[0].item())
p(M[0])
p(T[0])
x = torch.randn((3, 4, 5))
p(x)
x = torch.tensor([1., 2., 3.])
y = torch.tensor([4., 5., 6.])
z = x + y
p(z)
x_1 = torch.randn(2, 5)
y_1 = torch.randn(3, 5)
z_1 = torch.cat([x_1, y_1])
p(z_1)
x_2 = torch.randn(2, 3)
y_2 = torch.randn(2, 5)
z_2 = torch.cat([x_2, y_2], 1)
p(z_2)
e(lambda: torch.cat([x_1, x_2]))  # "If your tensors are not compatible, torch will complain"
x = torch.randn(2, 3, 4)
p(x)
p(x.view(2, 12))
p(x.view(2, -1))
e(lambda: x.view(5, -1))
x = torch.tensor([1., 2., 3], requires_grad=True)
y = torch.tensor([4., 5., 6], requires_grad=True)
z = x + y
p(z)
p(type(z.grad_fn).__name__)  # print(z.grad_fn) shows an address
s = z.sum()
p(s)
p(type(s.grad_fn).__name__)
s.backward()
p(x.grad)
s = (x * x).sum()
s.backward()
p(x.grad)
e(lambda: s.backward())
e(lambda: z.backward())
e(lambda: torch.tensor([1, 2, 3], requires_grad=True))
x = torch.randn(2, 2)
y = torch.randn(2, 2)
p(x.requires_grad, y.requires_grad)
z = x + y
p(z.grad_fn)
x = x.requires_grad_()
y = y.requires_grad_()
z = x + y
p(type(z.grad_fn).__name__)
p(z.requires_grad)
new_z = z.detach()
p(new_z.grad_fn)
p(x.requires_grad)
p((x ** 2).requires_grad)
with torch.no_grad():
    p((x ** 2).requires_grad)
# the first versions of the tutorial: torch.Tensor(data), torch.LongTensor, autograd.Variable
V = torch.Tensor(V_data)
p(V, V.dtype, torch.Tensor(2, 3).shape, torch.LongTensor([1, 2]))
var_x = torch.autograd.Variable(torch.Tensor([1., 2., 3]), requires_grad=True)
var_z = var_x + torch.autograd.Variable(torch.Tensor([4., 5., 6]), requires_grad=True)
p(var_x.data, var_z.data, type(var_z.grad_fn).__name__)
p(torch.autograd.Variable(var_z.data).grad_fn)

# --------------------------------------------------------------------------------------------------
# nlp/deep_learning_tutorial.py: affine maps, non-linearities, softmax, and the bag-of-words classifier
program('nlp_bow')
torch.manual_seed(1)
lin = nn.Linear(5, 3)
data = torch.randn(2, 5)
p(lin(data))
data = torch.randn(2, 2)
p(data)
p(F.relu(data))
data = torch.randn(5)
p(data)
p(F.softmax(data, dim=0))
p(F.softmax(data, dim=0).sum())
p(F.log_softmax(data, dim=0))
data = [("me gusta comer en la cafeteria".split(), "SPANISH"),
        ("Give it to me".split(), "ENGLISH"),
        ("No creo que sea una buena idea".split(), "SPANISH"),
        ("No it is not a good idea to get lost at sea".split(), "ENGLISH")]
test_data = [("Yo creo que si".split(), "SPANISH"),
             ("it is lost on me".split(), "ENGLISH")]
word_to_ix = {}
for sent, _ in data + test_data:
    for word in sent:
        if word not in word_to_ix:
            word_to_ix[word] = len(word_to_ix)
p(word_to_ix)
VOCAB_SIZE = len(word_to_ix)
NUM_LABELS = 2


class BoWClassifier(nn.Module):
    def __init__(self, num_labels, vocab_size):
        super(BoWClassifier, self).__init__()
        self.linear = nn.Linear(vocab_size, num_labels)

    def forward(self, bow_vec):
        return F.log_softmax(self.linear(bow_vec), dim=1)


def make_bow_vector(sentence, word_to_ix):
    vec = torch.zeros(len(word_to_ix))
    for word in sentence:
        vec[word_to_ix[word]] += 1
    return vec.view(1, -1)


def make_target(label, label_to_ix):
    return torch.LongTensor([label_to_ix[label]])


model = BoWClassifier(NUM_LABELS, VOCAB_SIZE)
for param in model.parameters():
    p(param)
with torch.no_grad():
    sample = data[0]
    bow_vector = make_bow_vector(sample[0], word_to_ix)
    log_probs = model(bow_vector)
    p(log_probs)
p(bow_vector)
label_to_ix = {"SPANISH": 0, "ENGLISH": 1}
with torch.no_grad():
    for instance, label in test_data:
        bow_vec = make_bow_vector(instance, word_to_ix)
        log_probs = model(bow_vec)
        p(log_probs)
p(next(model.parameters())[:, word_to_ix["creo"]])
loss_function = nn.NLLLoss()
optimizer = optim.SGD(model.parameters(), lr=0.1)
# mistakes on the way: a float label, a label without its batch dimension, log-probs without theirs,
# a label index past the classes, a vocabulary that lost a word, a long BoW vector, a 1-D BoW vector
target = make_target("SPANISH", label_to_ix)
e(lambda: loss_function(model(bow_vector), torch.tensor([0.])))
e(lambda: loss_function(model(bow_vector), torch.tensor(0)))
e(lambda: loss_function(model(bow_vector).view(-1), target))
e(lambda: loss_function(model(bow_vector), torch.tensor([2])))
e(lambda: loss_function(model(bow_vector), torch.tensor([[0]])))
e(lambda: model(torch.zeros(VOCAB_SIZE - 1).view(1, -1)))
e(lambda: model(bow_vector.long()))
e(lambda: model(bow_vector.view(-1)))
e(lambda: nn.CrossEntropyLoss()(model(bow_vector), torch.tensor([0.5])))
p(loss_function(model(bow_vector), target), nn.CrossEntropyLoss()(model.linear(bow_vector), target))
p(loss_function(model(bow_vector).view(-1), torch.tensor(0)))
for epoch in range(25):
    for instance, label in data:
        model.zero_grad()
        bow_vec = make_bow_vector(instance, word_to_ix)
        target = make_target(label, label_to_ix)
        log_probs = model(bow_vec)
        loss = loss_function(log_probs, target)
        loss.backward()
        optimizer.step()
with torch.no_grad():
    for instance, label in test_data:
        bow_vec = make_bow_vector(instance, word_to_ix)
        log_probs = model(bow_vec)
        n(log_probs)
n(next(model.parameters())[:, word_to_ix["creo"]])

# --------------------------------------------------------------------------------------------------
# nlp/word_embeddings_tutorial.py: nn.Embedding, the N-gram language model, and its exercise (CBOW)
program('nlp_ngram')
torch.manual_seed(1)
word_to_ix = {"hello": 0, "world": 1}
embeds = nn.Embedding(2, 5)
lookup_tensor = torch.tensor([word_to_ix["hello"]], dtype=torch.long)
hello_embed = embeds(lookup_tensor)
p(hello_embed)
e(lambda: embeds(torch.tensor([word_to_ix["hello"]], dtype=torch.float)))
p(embeds(torch.tensor(1)), embeds(torch.tensor([[0, 1], [1, 1]])).shape)
CONTEXT_SIZE = 2
EMBEDDING_DIM = 10
test_sentence = """When forty winters shall besiege thy brow,
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
And see thy blood warm when thou feel'st it cold.""".split()
trigrams = [([test_sentence[i], test_sentence[i + 1]], test_sentence[i + 2])
            for i in range(len(test_sentence) - 2)]
p(trigrams[:3])
# the tutorial enumerates set(test_sentence), whose order changes from run to run (hash randomization)
vocab = sorted(set(test_sentence))
word_to_ix = {word: i for i, word in enumerate(vocab)}
p(len(trigrams), len(vocab), vocab[:6])


class NGramLanguageModeler(nn.Module):

    def __init__(self, vocab_size, embedding_dim, context_size):
        super(NGramLanguageModeler, self).__init__()
        self.embeddings = nn.Embedding(vocab_size, embedding_dim)
        self.linear1 = nn.Linear(context_size * embedding_dim, 128)
        self.linear2 = nn.Linear(128, vocab_size)

    def forward(self, inputs):
        embeds = self.embeddings(inputs).view((1, -1))
        out = F.relu(self.linear1(embeds))
        out = self.linear2(out)
        log_probs = F.log_softmax(out, dim=1)
        return log_probs


losses = []
loss_function = nn.NLLLoss()
model = NGramLanguageModeler(len(vocab), EMBEDDING_DIM, CONTEXT_SIZE)
optimizer = optim.SGD(model.parameters(), lr=0.001)
p(model)
context, target = trigrams[0]
context_idxs = torch.tensor([word_to_ix[w] for w in context], dtype=torch.long)
# mistakes: three context words, the target word's index without its batch dimension, a float index
e(lambda: model(torch.tensor([word_to_ix[w] for w in test_sentence[:3]], dtype=torch.long)))
e(lambda: loss_function(model(context_idxs), torch.tensor(word_to_ix[target], dtype=torch.long)))
e(lambda: loss_function(model(context_idxs), torch.tensor([word_to_ix[target]], dtype=torch.float)))
p(loss_function(model(context_idxs), torch.tensor([word_to_ix[target]], dtype=torch.long)))
for epoch in range(3):
    total_loss = 0
    for context, target in trigrams:
        context_idxs = torch.tensor([word_to_ix[w] for w in context], dtype=torch.long)
        model.zero_grad()
        log_probs = model(context_idxs)
        loss = loss_function(log_probs, torch.tensor([word_to_ix[target]], dtype=torch.long))
        loss.backward()
        optimizer.step()
        total_loss += loss.item()
    losses.append(total_loss)
n(losses)
n(model.embeddings.weight[word_to_ix["beauty"]])
with torch.no_grad():
    log_probs = model(torch.tensor([word_to_ix["thy"], word_to_ix["beauty's"]]))
    n(log_probs.max(), log_probs.min())
# the exercise: Continuous Bag-of-Words
CONTEXT_SIZE = 2
raw_text = """We are about to study the idea of a computational process.
Computational processes are abstract beings that inhabit computers.
As they evolve, processes manipulate other abstract things called data.
The evolution of a process is directed by a pattern of rules
called a program. People create programs to direct processes. In effect,
we conjure the spirits of the computer with our spells.""".split()
vocab = sorted(set(raw_text))
vocab_size = len(vocab)
word_to_ix = {word: i for i, word in enumerate(vocab)}
ix_to_word = {i: word for word, i in word_to_ix.items()}
data = []
for i in range(CONTEXT_SIZE, len(raw_text) - CONTEXT_SIZE):
    context = [raw_text[i - 2], raw_text[i - 1],
               raw_text[i + 1], raw_text[i + 2]]
    target = raw_text[i]
    data.append((context, target))
p(data[:5])


class CBOW(nn.Module):

    def __init__(self, vocab_size, embedding_dim):
        super(CBOW, self).__init__()
        self.embeddings = nn.Embedding(vocab_size, embedding_dim)
        self.linear = nn.Linear(embedding_dim, vocab_size)

    def forward(self, inputs):
        embeds = self.embeddings(inputs).sum(dim=0).view(1, -1)
        return F.log_softmax(self.linear(embeds), dim=1)


def make_context_vector(context, word_to_ix):
    idxs = [word_to_ix[w] for w in context]
    return torch.tensor(idxs, dtype=torch.long)


p(make_context_vector(data[0][0], word_to_ix))
model = CBOW(vocab_size, EMBEDDING_DIM)
p(model)
optimizer = optim.SGD(model.parameters(), lr=0.01)
losses = []
for epoch in range(4):
    total_loss = 0
    for context, target in data:
        model.zero_grad()
        log_probs = model(make_context_vector(context, word_to_ix))
        loss = loss_function(log_probs, torch.tensor([word_to_ix[target]]))
        loss.backward()
        optimizer.step()
        total_loss += loss.item()
    losses.append(total_loss)
n(losses)
with torch.no_grad():
    log_probs = model(make_context_vector(data[0][0], word_to_ix))
    n(log_probs[0, word_to_ix[data[0][1]]], log_probs.exp().sum())
    # a sum over the wrong dimension keeps 4 rows: log_softmax over 4 x vocab, and NLLLoss wants 4 targets
    wrong = F.log_softmax(model.linear(model.embeddings(make_context_vector(data[0][0], word_to_ix))), dim=1)
    p(wrong.shape)
    e(lambda: loss_function(wrong, torch.tensor([word_to_ix[data[0][1]]])))

# --------------------------------------------------------------------------------------------------
# nlp/sequence_models_tutorial.py: nn.LSTM step by step and over a sequence, the LSTM part-of-speech
# tagger, and its exercise (character-level features from a second LSTM)
program('nlp_lstm')
torch.manual_seed(1)
lstm = nn.LSTM(3, 3)
inputs = [torch.randn(1, 3) for _ in range(5)]
hidden = (torch.randn(1, 1, 3),
          torch.randn(1, 1, 3))
for i in inputs:
    out_, hidden = lstm(i.view(1, 1, -1), hidden)  # the tutorial's `out` (the name of this script's record list)
p(out_)
inputs = torch.cat(inputs).view(len(inputs), 1, -1)
hidden = (torch.randn(1, 1, 3), torch.randn(1, 1, 3))
out_, hidden = lstm(inputs, hidden)
p(out_)
p(hidden)
# mistakes: features of the wrong size, hidden state without its layer dimension, for a batch of 2,
# a sequence of word indices (long) fed straight into the LSTM
e(lambda: lstm(torch.randn(5, 1, 4)))
e(lambda: lstm(inputs, (torch.randn(1, 3), torch.randn(1, 3))))
e(lambda: lstm(inputs, (torch.randn(1, 2, 3), torch.randn(1, 2, 3))))
e(lambda: lstm(inputs, (torch.randn(1, 1, 3), torch.randn(1, 1, 4))))
e(lambda: lstm(torch.randn(3)))
e(lambda: lstm(torch.tensor([[[0, 1, 2]]])))
p(lstm(inputs.view(5, 3))[0].shape, lstm(inputs.view(5, 3), (hidden[0][0], hidden[1][0]))[1][0].shape)
p(nn.LSTM(3, 3, batch_first=True)(torch.randn(2, 5, 3))[0].shape)


def prepare_sequence(seq, to_ix):
    idxs = [to_ix[w] for w in seq]
    return torch.tensor(idxs, dtype=torch.long)


training_data = [
    ("The dog ate the apple".split(), ["DET", "NN", "V", "DET", "NN"]),
    ("Everybody read that book".split(), ["NN", "V", "DET", "NN"])
]
word_to_ix = {}
for sent, tags in training_data:
    for word in sent:
        if word not in word_to_ix:
            word_to_ix[word] = len(word_to_ix)
p(word_to_ix)
tag_to_ix = {"DET": 0, "NN": 1, "V": 2}
EMBEDDING_DIM = 6
HIDDEN_DIM = 6


class LSTMTagger(nn.Module):

    def __init__(self, embedding_dim, hidden_dim, vocab_size, tagset_size):
        super(LSTMTagger, self).__init__()
        self.hidden_dim = hidden_dim
        self.word_embeddings = nn.Embedding(vocab_size, embedding_dim)
        self.lstm = nn.LSTM(embedding_dim, hidden_dim)
        self.hidden2tag = nn.Linear(hidden_dim, tagset_size)

    def forward(self, sentence):
        embeds = self.word_embeddings(sentence)
        lstm_out, _ = self.lstm(embeds.view(len(sentence), 1, -1))
        tag_space = self.hidden2tag(lstm_out.view(len(sentence), -1))
        tag_scores = F.log_softmax(tag_space, dim=1)
        return tag_scores


model = LSTMTagger(EMBEDDING_DIM, HIDDEN_DIM, len(word_to_ix), len(tag_to_ix))
loss_function = nn.NLLLoss()
optimizer = optim.SGD(model.parameters(), lr=0.1)
p(model)
with torch.no_grad():
    inputs = prepare_sequence(training_data[0][0], word_to_ix)
    tag_scores = model(inputs)
    p(tag_scores)
    # a batch of one sentence, (1, 5): len(sentence) is 1, so the view makes one step of 30 features
    e(lambda: model(inputs.view(1, -1)))
    e(lambda: loss_function(tag_scores, prepare_sequence(training_data[0][1], tag_to_ix).float()))
    e(lambda: loss_function(tag_scores, prepare_sequence(training_data[1][1], tag_to_ix)))
for epoch in range(30):
    for sentence, tags in training_data:
        model.zero_grad()
        sentence_in = prepare_sequence(sentence, word_to_ix)
        targets = prepare_sequence(tags, tag_to_ix)
        tag_scores = model(sentence_in)
        loss = loss_function(tag_scores, targets)
        loss.backward()
        optimizer.step()
    if epoch % 10 == 9:
        n(epoch + 1, loss.item())
with torch.no_grad():
    inputs = prepare_sequence(training_data[0][0], word_to_ix)
    tag_scores = model(inputs)
    n(tag_scores)
# the exercise: each word's characters through a character LSTM, its last hidden state joined to the
# word embedding
char_to_ix = {}
for sent, _ in training_data:
    for word in sent:
        for c in word:
            if c not in char_to_ix:
                char_to_ix[c] = len(char_to_ix)
p(char_to_ix)
CHAR_EMBEDDING_DIM = 3
CHAR_HIDDEN_DIM = 3


class LSTMCharTagger(nn.Module):

    def __init__(self, embedding_dim, char_embedding_dim, hidden_dim, char_hidden_dim, vocab_size, charset_size,
                 tagset_size):
        super(LSTMCharTagger, self).__init__()
        self.word_embeddings = nn.Embedding(vocab_size, embedding_dim)
        self.char_embeddings = nn.Embedding(charset_size, char_embedding_dim)
        self.char_lstm = nn.LSTM(char_embedding_dim, char_hidden_dim)
        self.lstm = nn.LSTM(embedding_dim + char_hidden_dim, hidden_dim)
        self.hidden2tag = nn.Linear(hidden_dim, tagset_size)

    def char_features(self, words):
        reps = []
        for chars in words:
            char_embeds = self.char_embeddings(chars)
            _, (h_n, _) = self.char_lstm(char_embeds.view(len(chars), 1, -1))
            reps.append(h_n.view(-1))
        return torch.stack(reps)

    def forward(self, sentence, words):
        embeds = self.word_embeddings(sentence)
        combined = torch.cat([embeds, self.char_features(words)], dim=1)
        lstm_out, _ = self.lstm(combined.view(len(sentence), 1, -1))
        tag_space = self.hidden2tag(lstm_out.view(len(sentence), -1))
        return F.log_softmax(tag_space, dim=1)


model = LSTMCharTagger(EMBEDDING_DIM, CHAR_EMBEDDING_DIM, HIDDEN_DIM, CHAR_HIDDEN_DIM, len(word_to_ix), len(char_to_ix),
                       len(tag_to_ix))
optimizer = optim.SGD(model.parameters(), lr=0.1)
p(model)
words = [prepare_sequence(w, char_to_ix) for w in training_data[0][0]]
with torch.no_grad():
    p(model.char_features(words))
    p(model(prepare_sequence(training_data[0][0], word_to_ix), words))
    e(lambda: torch.cat([model.word_embeddings(prepare_sequence(training_data[0][0], word_to_ix)), model.char_features(words)]))
for epoch in range(10):
    for sentence, tags in training_data:
        model.zero_grad()
        tag_scores = model(prepare_sequence(sentence, word_to_ix), [prepare_sequence(w, char_to_ix) for w in sentence])
        loss = loss_function(tag_scores, prepare_sequence(tags, tag_to_ix))
        loss.backward()
        optimizer.step()
    n(epoch + 1, loss.item())
with torch.no_grad():
    n(model(prepare_sequence(training_data[1][0], word_to_ix), [prepare_sequence(w, char_to_ix) for w in training_data[1][0]]))

# --------------------------------------------------------------------------------------------------
# nlp/advanced_tutorial.py: a bidirectional LSTM with a CRF on top (the forward algorithm, the gold
# path's score, Viterbi decoding), trained on its two sentences
program('nlp_crf')
torch.manual_seed(1)


def argmax(vec):
    # return the argmax as a python int
    _, idx = torch.max(vec, 1)
    return idx.item()


def prepare_sequence(seq, to_ix):  # noqa: F811
    idxs = [to_ix[w] for w in seq]
    return torch.tensor(idxs, dtype=torch.long)


def log_sum_exp(vec):
    max_score = vec[0, argmax(vec)]
    max_score_broadcast = max_score.view(1, -1).expand(1, vec.size()[1])
    return max_score + \
        torch.log(torch.sum(torch.exp(vec - max_score_broadcast)))


class BiLSTM_CRF(nn.Module):

    def __init__(self, vocab_size, tag_to_ix, embedding_dim, hidden_dim):
        super(BiLSTM_CRF, self).__init__()
        self.embedding_dim = embedding_dim
        self.hidden_dim = hidden_dim
        self.vocab_size = vocab_size
        self.tag_to_ix = tag_to_ix
        self.tagset_size = len(tag_to_ix)

        self.word_embeds = nn.Embedding(vocab_size, embedding_dim)
        self.lstm = nn.LSTM(embedding_dim, hidden_dim // 2,
                            num_layers=1, bidirectional=True)
        self.hidden2tag = nn.Linear(hidden_dim, self.tagset_size)
        self.transitions = nn.Parameter(
            torch.randn(self.tagset_size, self.tagset_size))
        self.transitions.data[tag_to_ix[START_TAG], :] = -10000
        self.transitions.data[:, tag_to_ix[STOP_TAG]] = -10000
        self.hidden = self.init_hidden()

    def init_hidden(self):
        return (torch.randn(2, 1, self.hidden_dim // 2),
                torch.randn(2, 1, self.hidden_dim // 2))

    def _forward_alg(self, feats):
        init_alphas = torch.full((1, self.tagset_size), -10000.)
        init_alphas[0][self.tag_to_ix[START_TAG]] = 0.
        forward_var = init_alphas
        for feat in feats:
            alphas_t = []
            for next_tag in range(self.tagset_size):
                emit_score = feat[next_tag].view(
                    1, -1).expand(1, self.tagset_size)
                trans_score = self.transitions[next_tag].view(1, -1)
                next_tag_var = forward_var + trans_score + emit_score
                alphas_t.append(log_sum_exp(next_tag_var).view(1))
            forward_var = torch.cat(alphas_t).view(1, -1)
        terminal_var = forward_var + self.transitions[self.tag_to_ix[STOP_TAG]]
        alpha = log_sum_exp(terminal_var)
        return alpha

    def _get_lstm_features(self, sentence):
        self.hidden = self.init_hidden()
        embeds = self.word_embeds(sentence).view(len(sentence), 1, -1)
        lstm_out, self.hidden = self.lstm(embeds, self.hidden)
        lstm_out = lstm_out.view(len(sentence), self.hidden_dim)
        lstm_feats = self.hidden2tag(lstm_out)
        return lstm_feats

    def _score_sentence(self, feats, tags):
        score = torch.zeros(1)
        tags = torch.cat([torch.tensor([self.tag_to_ix[START_TAG]], dtype=torch.long), tags])
        for i, feat in enumerate(feats):
            score = score + \
                self.transitions[tags[i + 1], tags[i]] + feat[tags[i + 1]]
        score = score + self.transitions[self.tag_to_ix[STOP_TAG], tags[-1]]
        return score

    def _viterbi_decode(self, feats):
        backpointers = []
        init_vvars = torch.full((1, self.tagset_size), -10000.)
        init_vvars[0][self.tag_to_ix[START_TAG]] = 0
        forward_var = init_vvars
        for feat in feats:
            bptrs_t = []
            viterbivars_t = []
            for next_tag in range(self.tagset_size):
                next_tag_var = forward_var + self.transitions[next_tag]
                best_tag_id = argmax(next_tag_var)
                bptrs_t.append(best_tag_id)
                viterbivars_t.append(next_tag_var[0][best_tag_id].view(1))
            forward_var = (torch.cat(viterbivars_t) + feat).view(1, -1)
            backpointers.append(bptrs_t)
        terminal_var = forward_var + self.transitions[self.tag_to_ix[STOP_TAG]]
        best_tag_id = argmax(terminal_var)
        path_score = terminal_var[0][best_tag_id]
        best_path = [best_tag_id]
        for bptrs_t in reversed(backpointers):
            best_tag_id = bptrs_t[best_tag_id]
            best_path.append(best_tag_id)
        start = best_path.pop()
        assert start == self.tag_to_ix[START_TAG]  # Sanity check
        best_path.reverse()
        return path_score, best_path

    def neg_log_likelihood(self, sentence, tags):
        feats = self._get_lstm_features(sentence)
        forward_score = self._forward_alg(feats)
        gold_score = self._score_sentence(feats, tags)
        return forward_score - gold_score

    def forward(self, sentence):
        lstm_feats = self._get_lstm_features(sentence)
        score, tag_seq = self._viterbi_decode(lstm_feats)
        return score, tag_seq


START_TAG = "<START>"
STOP_TAG = "<STOP>"
EMBEDDING_DIM = 5
HIDDEN_DIM = 4
training_data = [(
    "the wall street journal reported today that apple corporation made money".split(),
    "B I I I O O O B I O O".split()
), (
    "georgia tech is a university in georgia".split(),
    "B I O O O O B".split()
)]
word_to_ix = {}
for sentence, tags in training_data:
    for word in sentence:
        if word not in word_to_ix:
            word_to_ix[word] = len(word_to_ix)
tag_to_ix = {"B": 0, "I": 1, "O": 2, START_TAG: 3, STOP_TAG: 4}
model = BiLSTM_CRF(len(word_to_ix), tag_to_ix, EMBEDDING_DIM, HIDDEN_DIM)
optimizer = optim.SGD(model.parameters(), lr=0.01, weight_decay=1e-4)
p(model)
p(model.transitions)
with torch.no_grad():
    precheck_sent = prepare_sequence(training_data[0][0], word_to_ix)
    precheck_tags = torch.tensor([tag_to_ix[t] for t in training_data[0][1]], dtype=torch.long)
    p(model(precheck_sent))
    feats = model._get_lstm_features(precheck_sent)
    p(feats)
    p(model._forward_alg(feats), model._score_sentence(feats, precheck_tags))
    # the first versions appended log_sum_exp's 0-d results and concatenated them, from torch.Tensor(1, n).fill_
    e(lambda: torch.cat([log_sum_exp(feats[:1]), log_sum_exp(feats[1:2])]))
    p(torch.Tensor(1, model.tagset_size).fill_(-10000.))
    # one direction's hidden state for a bidirectional LSTM
    e(lambda: model.lstm(model.word_embeds(precheck_sent).view(len(precheck_sent), 1, -1),
                         (torch.randn(1, 1, 2), torch.randn(1, 1, 2))))
nll = model.neg_log_likelihood(precheck_sent, precheck_tags)
p(nll)
nll.backward()
e(lambda: nll.backward())
p(model.transitions.grad)
model.zero_grad()
for epoch in range(3):
    for sentence, tags in training_data:
        model.zero_grad()
        sentence_in = prepare_sequence(sentence, word_to_ix)
        targets = torch.tensor([tag_to_ix[t] for t in tags], dtype=torch.long)
        neg_log_likelihood = model.neg_log_likelihood(sentence_in, targets)
        neg_log_likelihood.backward()
        optimizer.step()
    n(epoch + 1, neg_log_likelihood.item())
with torch.no_grad():
    precheck_sent = prepare_sequence(training_data[0][0], word_to_ix)
    n(model(precheck_sent))

# --------------------------------------------------------------------------------------------------
# intermediate/char_rnn_classification_tutorial.py: an RNN from two nn.Linear and a LogSoftmax reads a
# name letter by letter and guesses its language. A few inline names per language stand in for
# data/names/*.txt; torch's generator stands in for Python's `random` (a translation to tocha has no
# `random` module with Python's stream), and the loop is 60 iterations instead of 100000.
program('char_rnn_cls')
import string  # noqa: E402
import unicodedata  # noqa: E402

all_letters = string.ascii_letters + " .,;'"
n_letters = len(all_letters)


def unicodeToAscii(s):
    return ''.join(
        c for c in unicodedata.normalize('NFD', s)
        if unicodedata.category(c) != 'Mn'
        and c in all_letters
    )


p(unicodeToAscii('Ślusàrski'))
NAMES = {
    'English': ['Abbott', 'Jackson', 'Smith', 'Williams', 'Wood', 'Hinton'],
    'French': ['Bélanger', 'Dubois', 'Fontaine', 'Lefèvre', 'Moreau', 'Rousseau'],
    'Italian': ['Abandonato', 'Bianchi', 'Conti', 'Esposito', 'Romano', 'Ricci'],
    'Japanese': ['Abe', 'Fujita', 'Satoshi', 'Tanaka', 'Yamamoto', 'Suzuki'],
    'Russian': ['Abakumov', 'Dovesky', 'Ivanov', 'Petrov', 'Smirnov', 'Volkov'],
}
category_lines = {}
all_categories = []
for category, lines in NAMES.items():
    all_categories.append(category)
    category_lines[category] = [unicodeToAscii(line) for line in lines]
n_categories = len(all_categories)
p(category_lines['Italian'][:5])
p(category_lines['French'])


def letterToIndex(letter):
    return all_letters.find(letter)


def letterToTensor(letter):
    tensor = torch.zeros(1, n_letters)
    tensor[0][letterToIndex(letter)] = 1
    return tensor


def lineToTensor(line):
    tensor = torch.zeros(len(line), 1, n_letters)
    for li, letter in enumerate(line):
        tensor[li][0][letterToIndex(letter)] = 1
    return tensor


p(letterToTensor('J'))
p(lineToTensor('Jones').size())


class RNN(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super(RNN, self).__init__()
        self.hidden_size = hidden_size
        self.i2h = nn.Linear(input_size + hidden_size, hidden_size)
        self.i2o = nn.Linear(input_size + hidden_size, output_size)
        self.softmax = nn.LogSoftmax(dim=1)

    def forward(self, input, hidden):
        combined = torch.cat((input, hidden), 1)
        hidden = self.i2h(combined)
        output = self.i2o(combined)
        output = self.softmax(output)
        return output, hidden

    def initHidden(self):
        return torch.zeros(1, self.hidden_size)


n_hidden = 128
rnn = RNN(n_letters, n_hidden, n_categories)
p(rnn)
input = letterToTensor('A')
hidden = torch.zeros(1, n_hidden)
output, next_hidden = rnn(input, hidden)
input = lineToTensor('Albert')
hidden = torch.zeros(1, n_hidden)
output, next_hidden = rnn(input[0], hidden)
p(output)
# mistakes: the whole line at once, a letter without its batch dimension, a hidden state without it
e(lambda: rnn(input, hidden))
e(lambda: rnn(input[0][0], hidden))
e(lambda: rnn(input[0], torch.zeros(n_hidden)))
e(lambda: torch.cat((input[0], hidden)))
e(lambda: output.topk(n_categories + 1))


def categoryFromOutput(output):
    top_n, top_i = output.topk(1)
    category_i = top_i[0].item()
    return all_categories[category_i], category_i


p(categoryFromOutput(output))
p(output.topk(1))


def randomChoice(l):
    return l[torch.randint(len(l), (1,)).item()]  # random.randint(0, len(l) - 1)


def randomTrainingExample():
    category = randomChoice(all_categories)
    line = randomChoice(category_lines[category])
    category_tensor = torch.tensor([all_categories.index(category)], dtype=torch.long)
    line_tensor = lineToTensor(line)
    return category, line, category_tensor, line_tensor


for i in range(10):
    category, line, category_tensor, line_tensor = randomTrainingExample()
    p('category =', category, '/ line =', line)
criterion = nn.NLLLoss()
learning_rate = 0.005
loss = criterion(output, category_tensor)
p(loss)
# the first version of the tutorial returned loss.data[0]; a target that is the category's number
e(lambda: loss.data[0])
e(lambda: criterion(output, torch.tensor(all_categories.index(category))))
e(lambda: criterion(output, torch.tensor([float(all_categories.index(category))])))
e(lambda: criterion(output, torch.tensor([n_categories])))


def train(category_tensor, line_tensor):
    hidden = rnn.initHidden()
    rnn.zero_grad()
    for i in range(line_tensor.size()[0]):
        output, hidden = rnn(line_tensor[i], hidden)
    loss = criterion(output, category_tensor)
    loss.backward()
    for p_ in rnn.parameters():
        p_.data.add_(p_.grad.data, alpha=-learning_rate)
    return output, loss.item()


n_iters = 60
print_every = 10
plot_every = 20
current_loss = 0
all_losses = []
for iter_ in range(1, n_iters + 1):
    category, line, category_tensor, line_tensor = randomTrainingExample()
    output, loss = train(category_tensor, line_tensor)
    current_loss += loss
    if iter_ % print_every == 0:
        guess, guess_i = categoryFromOutput(output)
        correct = '✓' if guess == category else '✗ (%s)' % category
        n('%d %d%% %.4f %s / %s %s' % (iter_, iter_ / n_iters * 100, loss, line, guess, correct))
    if iter_ % plot_every == 0:
        all_losses.append(current_loss / plot_every)
        current_loss = 0
n(all_losses)
confusion = torch.zeros(n_categories, n_categories)
n_confusion = 30


def evaluate(line_tensor):
    hidden = rnn.initHidden()
    for i in range(line_tensor.size()[0]):
        output, hidden = rnn(line_tensor[i], hidden)
    return output


for i in range(n_confusion):
    category, line, category_tensor, line_tensor = randomTrainingExample()
    output = evaluate(line_tensor)
    guess, guess_i = categoryFromOutput(output)
    category_i = all_categories.index(category)
    confusion[category_i][guess_i] += 1
for i in range(n_categories):
    confusion[i] = confusion[i] / confusion[i].sum()
n(confusion)


def predict(input_line, n_predictions=3):
    p('\n> %s' % input_line)
    with torch.no_grad():
        output = evaluate(lineToTensor(input_line))
        topv, topi = output.topk(n_predictions, 1, True)
        predictions = []
        for i in range(n_predictions):
            value = topv[0][i].item()
            category_index = topi[0][i].item()
            n('(%.2f) %s' % (value, all_categories[category_index]))
            predictions.append([value, all_categories[category_index]])


predict('Dovesky')
predict('Jackson')
predict('Satoshi')

# --------------------------------------------------------------------------------------------------
# intermediate/char_rnn_generation_tutorial.py: the category and each letter in, the next letter out (with a
# dropout layer kept on while sampling); the same inline names, 60 iterations, samples under a fixed seed
program('char_rnn_gen')
all_letters = string.ascii_letters + " .,;'-"
n_letters = len(all_letters) + 1  # Plus EOS marker


def unicodeToAscii(s):  # noqa: F811
    return ''.join(
        c for c in unicodedata.normalize('NFD', s)
        if unicodedata.category(c) != 'Mn'
        and c in all_letters
    )


category_lines = {}
all_categories = []
for category, lines in NAMES.items():
    all_categories.append(category)
    category_lines[category] = [unicodeToAscii(line) for line in lines]
n_categories = len(all_categories)
p('# categories:', n_categories, all_categories)
p(unicodeToAscii("O'Néàl"))


class RNN(nn.Module):  # noqa: F811
    def __init__(self, input_size, hidden_size, output_size):
        super(RNN, self).__init__()
        self.hidden_size = hidden_size
        self.i2h = nn.Linear(n_categories + input_size + hidden_size, hidden_size)
        self.i2o = nn.Linear(n_categories + input_size + hidden_size, output_size)
        self.o2o = nn.Linear(hidden_size + output_size, output_size)
        self.dropout = nn.Dropout(0.1)
        self.softmax = nn.LogSoftmax(dim=1)

    def forward(self, category, input, hidden):
        input_combined = torch.cat((category, input, hidden), 1)
        hidden = self.i2h(input_combined)
        output = self.i2o(input_combined)
        output_combined = torch.cat((hidden, output), 1)
        output = self.o2o(output_combined)
        output = self.dropout(output)
        output = self.softmax(output)
        return output, hidden

    def initHidden(self):
        return torch.zeros(1, self.hidden_size)


def randomChoice(l):  # noqa: F811
    return l[torch.randint(len(l), (1,)).item()]


def randomTrainingPair():
    category = randomChoice(all_categories)
    line = randomChoice(category_lines[category])
    return category, line


def categoryTensor(category):
    li = all_categories.index(category)
    tensor = torch.zeros(1, n_categories)
    tensor[0][li] = 1
    return tensor


def inputTensor(line):
    tensor = torch.zeros(len(line), 1, n_letters)
    for li in range(len(line)):
        letter = line[li]
        tensor[li][0][all_letters.find(letter)] = 1
    return tensor


def targetTensor(line):
    letter_indexes = [all_letters.find(line[li]) for li in range(1, len(line))]
    letter_indexes.append(n_letters - 1)  # EOS
    return torch.LongTensor(letter_indexes)


def randomTrainingExample():  # noqa: F811
    category, line = randomTrainingPair()
    category_tensor = categoryTensor(category)
    input_line_tensor = inputTensor(line)
    target_line_tensor = targetTensor(line)
    return category_tensor, input_line_tensor, target_line_tensor


criterion = nn.NLLLoss()
learning_rate = 0.0005
rnn = RNN(n_letters, 128, n_letters)
p(rnn)
category_tensor, input_line_tensor, target_line_tensor = randomTrainingExample()
p(category_tensor, input_line_tensor.shape, target_line_tensor)
hidden = rnn.initHidden()
# mistakes: a target letter without its batch dimension (the first version of the tutorial, before
# unsqueeze_(-1)), the category's number instead of its one-hot vector, the letters all at once
output, hidden = rnn(category_tensor, input_line_tensor[0], hidden)
e(lambda: criterion(output, target_line_tensor[0]))
e(lambda: rnn(torch.tensor([[all_categories.index('Russian')]]), input_line_tensor[0], hidden))
e(lambda: rnn(category_tensor, input_line_tensor, hidden))
p(output.shape, criterion(output, target_line_tensor[0:1]).shape)
# the first version of the tutorial: nn.LogSoftmax() without dim (a deprecation warning; dim 1 for 2-D input)
p(nn.LogSoftmax(), torch.equal(nn.LogSoftmax()(output), nn.LogSoftmax(dim=1)(output)))


def train(category_tensor, input_line_tensor, target_line_tensor):  # noqa: F811
    target_line_tensor.unsqueeze_(-1)
    hidden = rnn.initHidden()
    rnn.zero_grad()
    loss = 0
    for i in range(input_line_tensor.size(0)):
        output, hidden = rnn(category_tensor, input_line_tensor[i], hidden)
        l = criterion(output, target_line_tensor[i])  # noqa: E741
        loss += l
    loss.backward()
    for p_ in rnn.parameters():
        p_.data.add_(p_.grad.data, alpha=-learning_rate)
    return output, loss.item() / input_line_tensor.size(0)


n_iters = 60
print_every = 15
plot_every = 20
all_losses = []
total_loss = 0
for iter_ in range(1, n_iters + 1):
    output, loss = train(*randomTrainingExample())
    total_loss += loss
    if iter_ % print_every == 0:
        n('(%d %d%%) %.4f' % (iter_, iter_ / n_iters * 100, loss))
    if iter_ % plot_every == 0:
        all_losses.append(total_loss / plot_every)
        total_loss = 0
n(all_losses)
max_length = 20


def sample(category, start_letter='A'):
    with torch.no_grad():
        category_tensor = categoryTensor(category)
        input = inputTensor(start_letter)
        hidden = rnn.initHidden()
        output_name = start_letter
        for i in range(max_length):
            output, hidden = rnn(category_tensor, input[0], hidden)
            topv, topi = output.topk(1)
            topi = topi[0][0]
            if topi == n_letters - 1:
                break
            else:
                letter = all_letters[topi]
                output_name += letter
            input = inputTensor(letter)
        return output_name


def samples(category, start_letters='ABC'):
    for start_letter in start_letters:
        n(sample(category, start_letter))


samples('Russian', 'RUS')
samples('English', 'EWS')
samples('Italian', 'ITA')
samples('Japanese', 'JAS')


# drawing each letter from the output distribution instead of taking the most likely one
def sample_multinomial(category, start_letter='A'):
    with torch.no_grad():
        category_tensor = categoryTensor(category)
        input = inputTensor(start_letter)
        hidden = rnn.initHidden()
        output_name = start_letter
        for i in range(max_length):
            output, hidden = rnn(category_tensor, input[0], hidden)
            topi = torch.multinomial(output.exp(), 1)[0][0]
            if topi == n_letters - 1:
                break
            letter = all_letters[topi]
            output_name += letter
            input = inputTensor(letter)
        return output_name


n(sample_multinomial('Russian', 'R'), sample_multinomial('French', 'F'))
e(lambda: torch.multinomial(output, 1))
e(lambda: torch.multinomial(output.exp(), n_letters + 1))

# --------------------------------------------------------------------------------------------------
# intermediate/seq2seq_translation_tutorial.py: a GRU encoder, an attention decoder, teacher forcing. A
# dozen inline English-French pairs stand in for data/eng-fra.txt, torch's generator for `random`,
# hidden_size 16 for 256 and 40 iterations for 75000
program('seq2seq')
import re  # noqa: E402

SOS_token = 0
EOS_token = 1


class Lang:
    def __init__(self, name):
        self.name = name
        self.word2index = {}
        self.word2count = {}
        self.index2word = {0: "SOS", 1: "EOS"}
        self.n_words = 2  # Count SOS and EOS

    def addSentence(self, sentence):
        for word in sentence.split(' '):
            self.addWord(word)

    def addWord(self, word):
        if word not in self.word2index:
            self.word2index[word] = self.n_words
            self.word2count[word] = 1
            self.index2word[self.n_words] = word
            self.n_words += 1
        else:
            self.word2count[word] += 1


def unicodeToAscii(s):  # noqa: F811
    return ''.join(
        c for c in unicodedata.normalize('NFD', s)
        if unicodedata.category(c) != 'Mn'
    )


def normalizeString(s):
    s = unicodeToAscii(s.lower().strip())
    s = re.sub(r"([.!?])", r" \1", s)
    s = re.sub(r"[^a-zA-Z.!?]+", r" ", s)
    return s


ENG_FRA = """Go.\tVa !
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
Who are you?\tQui êtes-vous ?"""


def readLangs(lang1, lang2, reverse=False):
    p("Reading lines...")
    lines = ENG_FRA.strip().split('\n')
    pairs = [[normalizeString(s) for s in l.split('\t')] for l in lines]
    if reverse:
        pairs = [list(reversed(p)) for p in pairs]
        input_lang = Lang(lang2)
        output_lang = Lang(lang1)
    else:
        input_lang = Lang(lang1)
        output_lang = Lang(lang2)
    return input_lang, output_lang, pairs


MAX_LENGTH = 10
eng_prefixes = (
    "i am ", "i m ",
    "he is", "he s ",
    "she is", "she s ",
    "you are", "you re ",
    "we are", "we re ",
    "they are", "they re "
)


def filterPair(p):
    return len(p[0].split(' ')) < MAX_LENGTH and \
        len(p[1].split(' ')) < MAX_LENGTH and \
        p[1].startswith(eng_prefixes)


def filterPairs(pairs):
    return [pair for pair in pairs if filterPair(pair)]


def prepareData(lang1, lang2, reverse=False):
    input_lang, output_lang, pairs = readLangs(lang1, lang2, reverse)
    p("Read %s sentence pairs" % len(pairs))
    pairs = filterPairs(pairs)
    p("Trimmed to %s sentence pairs" % len(pairs))
    p("Counting words...")
    for pair in pairs:
        input_lang.addSentence(pair[0])
        output_lang.addSentence(pair[1])
    p("Counted words:")
    p(input_lang.name, input_lang.n_words)
    p(output_lang.name, output_lang.n_words)
    return input_lang, output_lang, pairs


input_lang, output_lang, pairs = prepareData('eng', 'fra', True)
p(pairs[torch.randint(len(pairs), (1,)).item()])  # random.choice(pairs)
p(pairs)


class EncoderRNN(nn.Module):
    def __init__(self, input_size, hidden_size):
        super(EncoderRNN, self).__init__()
        self.hidden_size = hidden_size
        self.embedding = nn.Embedding(input_size, hidden_size)
        self.gru = nn.GRU(hidden_size, hidden_size)

    def forward(self, input, hidden):
        embedded = self.embedding(input).view(1, 1, -1)
        output = embedded
        output, hidden = self.gru(output, hidden)
        return output, hidden

    def initHidden(self):
        return torch.zeros(1, 1, self.hidden_size)


class DecoderRNN(nn.Module):
    def __init__(self, hidden_size, output_size):
        super(DecoderRNN, self).__init__()
        self.hidden_size = hidden_size
        self.embedding = nn.Embedding(output_size, hidden_size)
        self.gru = nn.GRU(hidden_size, hidden_size)
        self.out = nn.Linear(hidden_size, output_size)
        self.softmax = nn.LogSoftmax(dim=1)

    def forward(self, input, hidden):
        output = self.embedding(input).view(1, 1, -1)
        output = F.relu(output)
        output, hidden = self.gru(output, hidden)
        output = self.softmax(self.out(output[0]))
        return output, hidden

    def initHidden(self):
        return torch.zeros(1, 1, self.hidden_size)


class AttnDecoderRNN(nn.Module):
    def __init__(self, hidden_size, output_size, dropout_p=0.1, max_length=MAX_LENGTH):
        super(AttnDecoderRNN, self).__init__()
        self.hidden_size = hidden_size
        self.output_size = output_size
        self.dropout_p = dropout_p
        self.max_length = max_length
        self.embedding = nn.Embedding(self.output_size, self.hidden_size)
        self.attn = nn.Linear(self.hidden_size * 2, self.max_length)
        self.attn_combine = nn.Linear(self.hidden_size * 2, self.hidden_size)
        self.dropout = nn.Dropout(self.dropout_p)
        self.gru = nn.GRU(self.hidden_size, self.hidden_size)
        self.out = nn.Linear(self.hidden_size, self.output_size)

    def forward(self, input, hidden, encoder_outputs):
        embedded = self.embedding(input).view(1, 1, -1)
        embedded = self.dropout(embedded)
        attn_weights = F.softmax(
            self.attn(torch.cat((embedded[0], hidden[0]), 1)), dim=1)
        attn_applied = torch.bmm(attn_weights.unsqueeze(0),
                                 encoder_outputs.unsqueeze(0))
        output = torch.cat((embedded[0], attn_applied[0]), 1)
        output = self.attn_combine(output).unsqueeze(0)
        output = F.relu(output)
        output, hidden = self.gru(output, hidden)
        output = F.log_softmax(self.out(output[0]), dim=1)
        return output, hidden, attn_weights

    def initHidden(self):
        return torch.zeros(1, 1, self.hidden_size)


def indexesFromSentence(lang, sentence):
    return [lang.word2index[word] for word in sentence.split(' ')]


def tensorFromSentence(lang, sentence):
    indexes = indexesFromSentence(lang, sentence)
    indexes.append(EOS_token)
    return torch.tensor(indexes, dtype=torch.long).view(-1, 1)


def tensorsFromPair(pair):
    input_tensor = tensorFromSentence(input_lang, pair[0])
    target_tensor = tensorFromSentence(output_lang, pair[1])
    return (input_tensor, target_tensor)


p(tensorsFromPair(pairs[0]))
hidden_size = 16
# the simple decoder, one step
decoder = DecoderRNN(hidden_size, output_lang.n_words)
p(decoder)
dout, dhidden = decoder(torch.tensor([[SOS_token]]), decoder.initHidden())
p(dout.shape, dhidden.shape)
encoder1 = EncoderRNN(input_lang.n_words, hidden_size)
attn_decoder1 = AttnDecoderRNN(hidden_size, output_lang.n_words, dropout_p=0.1)
p(encoder1)
p(attn_decoder1)
input_tensor, target_tensor = tensorsFromPair(pairs[0])
with torch.no_grad():
    encoder_output, encoder_hidden = encoder1(input_tensor[0], encoder1.initHidden())
    p(encoder_output)
    encoder_outputs = torch.zeros(MAX_LENGTH, hidden_size)
    encoder_outputs[0] = encoder_output[0, 0]
    decoder_output, decoder_hidden, decoder_attention = attn_decoder1(
        torch.tensor([[SOS_token]]), encoder_hidden, encoder_outputs)
    p(decoder_attention.shape, decoder_output.topk(1))
    # the encoder's (1, 1, hidden) output assigned to a row without [0, 0]: its leading size-1 dims are dropped
    encoder_outputs[1] = encoder_output
    p(torch.equal(encoder_outputs[1], encoder_outputs[0]))
    e(lambda: encoder_outputs.__setitem__(2, encoder_output.view(2, -1)))
    # mistakes: the whole sentence into the encoder at once, the encoder outputs of the sentence's length
    # instead of max_length, the whole target against one step's output, a hidden state without its layer
    # dimension
    e(lambda: encoder1(input_tensor, encoder1.initHidden()))
    e(lambda: attn_decoder1(torch.tensor([[SOS_token]]), encoder_hidden, encoder_outputs[:input_tensor.size(0)]))
    e(lambda: nn.NLLLoss()(decoder_output, target_tensor))
    e(lambda: encoder1(input_tensor[0], torch.zeros(1, hidden_size + 1)))
    e(lambda: encoder1(input_tensor[0], torch.zeros(2, 1, hidden_size)))
teacher_forcing_ratio = 0.5


def train(input_tensor, target_tensor, encoder, decoder, encoder_optimizer, decoder_optimizer, criterion,  # noqa: F811
          max_length=MAX_LENGTH):
    encoder_hidden = encoder.initHidden()
    encoder_optimizer.zero_grad()
    decoder_optimizer.zero_grad()
    input_length = input_tensor.size(0)
    target_length = target_tensor.size(0)
    encoder_outputs = torch.zeros(max_length, encoder.hidden_size)
    loss = 0
    for ei in range(input_length):
        encoder_output, encoder_hidden = encoder(
            input_tensor[ei], encoder_hidden)
        encoder_outputs[ei] = encoder_output[0, 0]
    decoder_input = torch.tensor([[SOS_token]])
    decoder_hidden = encoder_hidden
    use_teacher_forcing = True if torch.rand(1).item() < teacher_forcing_ratio else False
    if use_teacher_forcing:
        for di in range(target_length):
            decoder_output, decoder_hidden, decoder_attention = decoder(
                decoder_input, decoder_hidden, encoder_outputs)
            loss += criterion(decoder_output, target_tensor[di])
            decoder_input = target_tensor[di]  # Teacher forcing
    else:
        for di in range(target_length):
            decoder_output, decoder_hidden, decoder_attention = decoder(
                decoder_input, decoder_hidden, encoder_outputs)
            topv, topi = decoder_output.topk(1)
            decoder_input = topi.squeeze().detach()  # detach from history as input
            loss += criterion(decoder_output, target_tensor[di])
            if decoder_input.item() == EOS_token:
                break
    loss.backward()
    encoder_optimizer.step()
    decoder_optimizer.step()
    return loss.item() / target_length


def trainIters(encoder, decoder, n_iters, print_every=1000, plot_every=100, learning_rate=0.01):
    plot_losses = []
    print_loss_total = 0
    plot_loss_total = 0
    encoder_optimizer = optim.SGD(encoder.parameters(), lr=learning_rate)
    decoder_optimizer = optim.SGD(decoder.parameters(), lr=learning_rate)
    training_pairs = [tensorsFromPair(pairs[torch.randint(len(pairs), (1,)).item()])
                      for i in range(n_iters)]
    criterion = nn.NLLLoss()
    for iter in range(1, n_iters + 1):
        training_pair = training_pairs[iter - 1]
        input_tensor = training_pair[0]
        target_tensor = training_pair[1]
        loss = train(input_tensor, target_tensor, encoder,
                     decoder, encoder_optimizer, decoder_optimizer, criterion)
        print_loss_total += loss
        plot_loss_total += loss
        if iter % print_every == 0:
            print_loss_avg = print_loss_total / print_every
            print_loss_total = 0
            n('(%d %d%%) %.4f' % (iter, iter / n_iters * 100, print_loss_avg))
        if iter % plot_every == 0:
            plot_loss_avg = plot_loss_total / plot_every
            plot_losses.append(plot_loss_avg)
            plot_loss_total = 0
    n(plot_losses)


trainIters(encoder1, attn_decoder1, 40, print_every=10, plot_every=20, learning_rate=0.05)


def evaluate(encoder, decoder, sentence, max_length=MAX_LENGTH):  # noqa: F811
    with torch.no_grad():
        input_tensor = tensorFromSentence(input_lang, sentence)
        input_length = input_tensor.size()[0]
        encoder_hidden = encoder.initHidden()
        encoder_outputs = torch.zeros(max_length, encoder.hidden_size)
        for ei in range(input_length):
            encoder_output, encoder_hidden = encoder(input_tensor[ei],
                                                     encoder_hidden)
            encoder_outputs[ei] += encoder_output[0, 0]
        decoder_input = torch.tensor([[SOS_token]])  # SOS
        decoder_hidden = encoder_hidden
        decoded_words = []
        decoder_attentions = torch.zeros(max_length, max_length)
        for di in range(max_length):
            decoder_output, decoder_hidden, decoder_attention = decoder(
                decoder_input, decoder_hidden, encoder_outputs)
            decoder_attentions[di] = decoder_attention.data
            topv, topi = decoder_output.data.topk(1)
            if topi.item() == EOS_token:
                decoded_words.append('<EOS>')
                break
            else:
                decoded_words.append(output_lang.index2word[topi.item()])
            decoder_input = topi.squeeze().detach()
        return decoded_words, decoder_attentions[:di + 1]


def evaluateRandomly(encoder, decoder, n_=10):
    for i in range(n_):
        pair = pairs[torch.randint(len(pairs), (1,)).item()]
        p('>', pair[0])
        p('=', pair[1])
        output_words, attentions = evaluate(encoder, decoder, pair[0])
        output_sentence = ' '.join(output_words)
        n('<', output_sentence)
        p('')


evaluateRandomly(encoder1, attn_decoder1, 3)
output_words, attentions = evaluate(encoder1, attn_decoder1, "je suis trop froid .")
n(output_words, attentions.shape)
n(attentions[0])
e(lambda: evaluate(encoder1, attn_decoder1, "je suis trop froid ." + " ." * 10))

# --------------------------------------------------------------------------------------------------
# beginner/transformer_tutorial.py (as of PyTorch 1.13, with its square subsequent mask): nn.TransformerEncoder
# over nn.Embedding and the PositionalEncoding module, a language model trained with SGD, StepLR and
# clip_grad_norm_. A tiny inline corpus stands in for WikiText2, a vocabulary built by hand (torchtext's
# order: by frequency, then alphabetically) for torchtext's, and tiny sizes for the tutorial's
program('transformer')


class TransformerModel(nn.Module):

    def __init__(self, ntoken, d_model, nhead, d_hid, nlayers, dropout=0.5):
        super().__init__()
        self.model_type = 'Transformer'
        self.pos_encoder = PositionalEncoding(d_model, dropout)
        encoder_layers = nn.TransformerEncoderLayer(d_model, nhead, d_hid, dropout)
        self.transformer_encoder = nn.TransformerEncoder(encoder_layers, nlayers)
        self.encoder = nn.Embedding(ntoken, d_model)
        self.d_model = d_model
        self.decoder = nn.Linear(d_model, ntoken)
        self.init_weights()

    def init_weights(self):
        initrange = 0.1
        self.encoder.weight.data.uniform_(-initrange, initrange)
        self.decoder.bias.data.zero_()
        self.decoder.weight.data.uniform_(-initrange, initrange)

    def forward(self, src, src_mask):
        src = self.encoder(src) * math.sqrt(self.d_model)
        src = self.pos_encoder(src)
        output = self.transformer_encoder(src, src_mask)
        output = self.decoder(output)
        return output


def generate_square_subsequent_mask(sz):
    """Generates an upper-triangular matrix of -inf, with zeros on diag."""
    return torch.triu(torch.ones(sz, sz) * float('-inf'), diagonal=1)


class PositionalEncoding(nn.Module):

    def __init__(self, d_model, dropout=0.1, max_len=5000):
        super().__init__()
        self.dropout = nn.Dropout(p=dropout)
        position = torch.arange(max_len).unsqueeze(1)
        div_term = torch.exp(torch.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))
        pe = torch.zeros(max_len, 1, d_model)
        pe[:, 0, 0::2] = torch.sin(position * div_term)
        pe[:, 0, 1::2] = torch.cos(position * div_term)
        self.register_buffer('pe', pe)

    def forward(self, x):
        x = x + self.pe[:x.size(0)]
        return self.dropout(x)


CORPUS = ["The quick brown fox jumps over the lazy dog .",
          "The dog sleeps in the sun , and the fox runs away .",
          "A lazy afternoon : the sun is warm and the dog is happy .",
          "The brown fox comes back over the hill at night .",
          "The dog and the fox are friends now ."]
VALID = ["The fox sleeps in the sun .", "A dog jumps over the brown fox ."]
TEST = ["The lazy fox is happy at night ."]


def tokenizer(line):  # torchtext's basic_english on this corpus: lower case, split on spaces
    return line.lower().split()


counter = {}
for line in CORPUS:
    for tok in tokenizer(line):
        counter[tok] = counter.get(tok, 0) + 1
itos = ['<unk>'] + [tok for tok, _ in sorted(counter.items(), key=lambda x: (-x[1], x[0]))]
stoi = {tok: i for i, tok in enumerate(itos)}


def vocab(tokens):
    return [stoi.get(tok, stoi['<unk>']) for tok in tokens]


p(len(itos), itos[:8], vocab(tokenizer('The fox is purple')))


def data_process(raw_text_iter):
    data = [torch.tensor(vocab(tokenizer(item)), dtype=torch.long) for item in raw_text_iter]
    return torch.cat(tuple(filter(lambda t: t.numel() > 0, data)))


train_data = data_process(CORPUS)
val_data = data_process(VALID)
test_data = data_process(TEST)
p(train_data.shape, val_data.shape, test_data.shape, train_data[:10])


def batchify(data, bsz):
    seq_len = data.size(0) // bsz
    data = data[:seq_len * bsz]
    data = data.view(bsz, seq_len).t().contiguous()
    return data


batch_size = 4
eval_batch_size = 2
train_data = batchify(train_data, batch_size)
val_data = batchify(val_data, eval_batch_size)
test_data = batchify(test_data, eval_batch_size)
p(train_data.shape, val_data.shape, test_data.shape)
p(train_data[:3])
bptt = 5


def get_batch(source, i):
    seq_len = min(bptt, len(source) - 1 - i)
    data = source[i:i + seq_len]
    target = source[i + 1:i + 1 + seq_len].reshape(-1)
    return data, target


data, targets = get_batch(train_data, 0)
p(data, targets)
e(lambda: train_data.view(-1, batch_size * 2 + 1))
ntokens = len(itos)
emsize = 8
d_hid = 16
nlayers = 2
nhead = 2
dropout = 0.2
model = TransformerModel(ntokens, emsize, nhead, d_hid, nlayers, dropout)
p(model)
p(model.pos_encoder.pe.shape, model.pos_encoder.pe[:3])
p(sum(p_.numel() for p_ in model.parameters()), [name for name, _ in model.named_parameters()][:8])
p(list(model.state_dict().keys())[:3], list(model.state_dict().keys())[-4:])
src_mask = generate_square_subsequent_mask(bptt)
p(src_mask)
model.eval()
with torch.no_grad():
    output = model(data, src_mask)
    p(output.shape)
    p(output[0, 0])
    # mistakes: d_model not divisible by nhead, float token ids, a mask of the wrong size, the output not
    # flattened for the loss, batch-first data with the sequence-first mask
    e(lambda: nn.TransformerEncoderLayer(10, 3))
    e(lambda: model(data.float(), src_mask))
    e(lambda: model(data, generate_square_subsequent_mask(bptt + 1)))
    e(lambda: nn.CrossEntropyLoss()(output, targets))
    e(lambda: model(data.t(), src_mask))
    e(lambda: output.transpose(0, 1).view(-1, ntokens))
    p(output.transpose(0, 1).reshape(-1, ntokens).shape)
    p(nn.CrossEntropyLoss()(output.view(-1, ntokens), targets))
criterion = nn.CrossEntropyLoss()
lr = 5.0
optimizer = torch.optim.SGD(model.parameters(), lr=lr)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 1.0, gamma=0.95)


def train(model):  # noqa: F811
    model.train()
    total_loss = 0.
    log_interval = 2
    src_mask = generate_square_subsequent_mask(bptt)
    num_batches = len(train_data) // bptt
    for batch, i in enumerate(range(0, train_data.size(0) - 1, bptt)):
        data, targets = get_batch(train_data, i)
        seq_len = data.size(0)
        if seq_len != bptt:  # only on last batch
            src_mask = src_mask[:seq_len, :seq_len]
        output = model(data, src_mask)
        loss = criterion(output.view(-1, ntokens), targets)
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 0.5)
        optimizer.step()
        total_loss += loss.item()
        if batch % log_interval == 0 and batch > 0:
            lr = scheduler.get_last_lr()[0]
            cur_loss = total_loss / log_interval
            ppl = math.exp(cur_loss)
            n(f'| epoch {epoch:3d} | {batch:5d}/{num_batches:5d} batches | '
              f'lr {lr:02.2f} | loss {cur_loss:5.2f} | ppl {ppl:8.2f}')
            total_loss = 0


def evaluate(model, eval_data):  # noqa: F811
    model.eval()
    total_loss = 0.
    src_mask = generate_square_subsequent_mask(bptt)
    with torch.no_grad():
        for i in range(0, eval_data.size(0) - 1, bptt):
            data, targets = get_batch(eval_data, i)
            seq_len = data.size(0)
            if seq_len != bptt:
                src_mask = src_mask[:seq_len, :seq_len]
            output = model(data, src_mask)
            output_flat = output.view(-1, ntokens)
            total_loss += seq_len * criterion(output_flat, targets).item()
    return total_loss / (len(eval_data) - 1)


best_val_loss = float('inf')
epochs = 3
best_model_params_path = os.path.join(tempfile.mkdtemp(), "best_model_params.pt")
for epoch in range(1, epochs + 1):
    train(model)
    val_loss = evaluate(model, val_data)
    val_ppl = math.exp(val_loss)
    p('-' * 89)
    n(f'| end of epoch {epoch:3d} | valid loss {val_loss:5.2f} | valid ppl {val_ppl:8.2f}')
    p('-' * 89)
    if val_loss < best_val_loss:
        best_val_loss = val_loss
        torch.save(model.state_dict(), best_model_params_path)
    scheduler.step()
p(model.load_state_dict(torch.load(best_model_params_path)))
test_loss = evaluate(model, test_data)
test_ppl = math.exp(test_loss)
p('=' * 89)
n(f'| End of training | test loss {test_loss:5.2f} | test ppl {test_ppl:8.2f}')
p('=' * 89)
n(optimizer.param_groups[0]['lr'], scheduler.get_last_lr())
# intermediate_source/custom_function_double_backward_tutorial.py: double backward through custom Functions
# (float32 with gradcheck's float32 settings in place of float64; torchviz's graphs as the node names)
program('double_backward')
G32 = dict(eps=1e-3, atol=1e-3, rtol=1e-2)


class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x**2

    @staticmethod
    def backward(ctx, grad_out):
        x, = ctx.saved_tensors
        return grad_out * 2 * x


x = torch.rand(3, 3, requires_grad=True)
p(torch.autograd.gradcheck(Square.apply, x, **G32))
p(torch.autograd.gradgradcheck(Square.apply, x, **G32))
x = torch.tensor(1., requires_grad=True).clone()
res = Square.apply(x)
grad_x, = torch.autograd.grad(res, x, create_graph=True)
p(grad_x, res, grad_x.grad_fn.name(), [f[0].name() for f in grad_x.grad_fn.next_functions if f[0] is not None])


class Exp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        result = torch.exp(x)
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_out):
        result, = ctx.saved_tensors
        return result * grad_out


x = torch.tensor(1., requires_grad=True).clone()
p(torch.autograd.gradcheck(Exp.apply, x, **G32))
p(torch.autograd.gradgradcheck(Exp.apply, x, **G32))
res = Exp.apply(x)
grad_x, = torch.autograd.grad(res, x, create_graph=True)
p(grad_x, grad_x.grad_fn.name())
gg, = torch.autograd.grad(grad_x, x)
p(gg)


class Sinh(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        expx = torch.exp(x)
        expnegx = torch.exp(-x)
        ctx.save_for_backward(expx, expnegx)
        return (expx - expnegx) / 2, expx, expnegx

    @staticmethod
    def backward(ctx, grad_out, _grad_out_exp, _grad_out_negexp):
        expx, expnegx = ctx.saved_tensors
        grad_input = grad_out * (expx + expnegx) / 2
        grad_input += _grad_out_exp * expx
        grad_input -= _grad_out_negexp * expnegx
        return grad_input


def sinh(x):
    return Sinh.apply(x)[0]


x = torch.rand(3, 3, requires_grad=True)
p(torch.autograd.gradcheck(sinh, x, **G32))
p(torch.autograd.gradgradcheck(sinh, x, **G32))
res = sinh(x)
grad_x, = torch.autograd.grad(res.sum(), x, create_graph=True)
p(res, grad_x)
p(torch.autograd.grad(grad_x.sum(), x)[0])


class SinhBad(torch.autograd.Function):
    # This is an example of what NOT to do!
    @staticmethod
    def forward(ctx, x):
        expx = torch.exp(x)
        expnegx = torch.exp(-x)
        ctx.expx = expx
        ctx.expnegx = expnegx
        return (expx - expnegx) / 2

    @staticmethod
    def backward(ctx, grad_out):
        expx = ctx.expx
        expnegx = ctx.expnegx
        grad_input = grad_out * (expx + expnegx) / 2
        return grad_input


res = SinhBad.apply(x)
grad_x, = torch.autograd.grad(res.sum(), x, create_graph=True)
p(grad_x.requires_grad, grad_x.grad_fn)
# the second backward of the bad version: grad_x has no graph
e(lambda: torch.autograd.grad(grad_x.sum(), x))
e(lambda: grad_x.sum().backward())


def cube_forward(x):
    return x**3


def cube_backward(grad_out, x):
    return grad_out * 3 * x**2


def cube_backward_backward(grad_out, sav_grad_out, x):
    return grad_out * sav_grad_out * 6 * x


def cube_backward_backward_grad_out(grad_out, x):
    return grad_out * 3 * x**2


class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return cube_forward(x)

    @staticmethod
    def backward(ctx, grad_out):
        x, = ctx.saved_tensors
        return CubeBackward.apply(grad_out, x)


class CubeBackward(torch.autograd.Function):
    @staticmethod
    def forward(ctx, grad_out, x):
        ctx.save_for_backward(x, grad_out)
        return cube_backward(grad_out, x)

    @staticmethod
    def backward(ctx, grad_out):
        x, sav_grad_out = ctx.saved_tensors
        dx = cube_backward_backward(grad_out, sav_grad_out, x)
        dgrad_out = cube_backward_backward_grad_out(grad_out, x)
        return dgrad_out, dx


x = torch.tensor(2., requires_grad=True)
p(torch.autograd.gradcheck(Cube.apply, x, **G32))
p(torch.autograd.gradgradcheck(Cube.apply, x, **G32))
res = Cube.apply(x)
grad_x, = torch.autograd.grad(res, x, create_graph=True)
p(res, grad_x, grad_x.grad_fn.name())
p(torch.autograd.grad(grad_x, x))
# a backward that returns one gradient too many, and one of the wrong shape
class CubeTooMany(Cube):
    @staticmethod
    def backward(ctx, grad_out):
        x, = ctx.saved_tensors
        return grad_out * 3 * x**2, grad_out


class CubeShape(Cube):
    @staticmethod
    def backward(ctx, grad_out):
        x, = ctx.saved_tensors
        return (grad_out * 3 * x**2)[:1]


e(lambda: CubeTooMany.apply(x).backward())
e(lambda: CubeShape.apply(torch.tensor([2., 3.], requires_grad=True)).sum().backward())

# --------------------------------------------------------------------------------------------------
# intermediate_source/custom_function_conv_bn_tutorial.py: a fused Conv2d + BatchNorm Function (float32 gradchecks),
# the FusedConvBN module, and the MNIST net fused and unfused on synthetic digits for a few steps
program('conv_bn')
from torch.autograd.function import once_differentiable


def convolution_backward(grad_out, X, weight):
    grad_input = F.conv2d(X.transpose(0, 1), grad_out.transpose(0, 1)).transpose(0, 1)
    grad_X = F.conv_transpose2d(grad_out, weight)
    return grad_X, grad_input


class Conv2D(torch.autograd.Function):
    @staticmethod
    def forward(ctx, X, weight):
        ctx.save_for_backward(X, weight)
        return F.conv2d(X, weight)

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_out):
        X, weight = ctx.saved_tensors
        return convolution_backward(grad_out, X, weight)


weight = torch.rand(5, 3, 3, 3, requires_grad=True)
X = torch.rand(2, 3, 5, 5, requires_grad=True)
p(torch.autograd.gradcheck(Conv2D.apply, (X, weight), eps=1e-2, atol=1e-2, rtol=1e-2))
y = Conv2D.apply(X, weight)
gX, gW = torch.autograd.grad(y.sum(), (X, weight), create_graph=True)
p(gX.requires_grad, gW.sum())
# a gradient that itself requires grad: once_differentiable's outputs refuse a second backward
gX, gW = torch.autograd.grad(y, (X, weight), torch.ones_like(y, requires_grad=True), create_graph=True)
p(gX.requires_grad, gX.grad_fn.name(), gW.sum())
e(lambda: gX.sum().backward())


def unsqueeze_all(t):
    return t[None, :, None, None]


def batch_norm_backward(grad_out, X, sum, sqrt_var, N, eps):
    tmp = -((X - unsqueeze_all(sum) / N) * grad_out).sum(dim=(0, 2, 3))
    d_denom = tmp / (sqrt_var + eps)**2
    d_var = d_denom / (2 * sqrt_var)
    d_mean_dx = grad_out / unsqueeze_all(sqrt_var + eps)
    d_mean_dx = unsqueeze_all(-d_mean_dx.sum(dim=(0, 2, 3)) / N)
    grad_input = X * unsqueeze_all(d_var * N)
    grad_input += unsqueeze_all(-d_var * sum)
    grad_input *= 2 / ((N - 1) * N)
    grad_input += d_mean_dx
    grad_input *= unsqueeze_all(sqrt_var + eps)
    grad_input += grad_out
    grad_input /= unsqueeze_all(sqrt_var + eps)
    return grad_input


class BatchNorm(torch.autograd.Function):
    @staticmethod
    def forward(ctx, X, eps=1e-3):
        sum = X.sum(dim=(0, 2, 3))
        var = X.var(unbiased=True, dim=(0, 2, 3))
        N = X.numel() / X.size(1)
        sqrt_var = torch.sqrt(var)
        ctx.save_for_backward(X)
        ctx.eps = eps
        ctx.sum = sum
        ctx.N = N
        ctx.sqrt_var = sqrt_var
        mean = sum / N
        denom = sqrt_var + eps
        return (X - unsqueeze_all(mean)) / unsqueeze_all(denom)

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_out):
        X, = ctx.saved_tensors
        return batch_norm_backward(grad_out, X, ctx.sum, ctx.sqrt_var, ctx.N, ctx.eps)


a = torch.rand(1, 2, 3, 4, requires_grad=True)
p(torch.autograd.gradcheck(BatchNorm.apply, (a,), fast_mode=False, eps=1e-2, atol=1e-2, rtol=1e-2))
n(BatchNorm.apply(a)[0, 0])


class FusedConvBN2DFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, X, conv_weight, eps=1e-3):
        assert X.ndim == 4  # N, C, H, W
        ctx.save_for_backward(X, conv_weight)
        X = F.conv2d(X, conv_weight)
        sum = X.sum(dim=(0, 2, 3))
        var = X.var(unbiased=True, dim=(0, 2, 3))
        N = X.numel() / X.size(1)
        sqrt_var = torch.sqrt(var)
        ctx.eps = eps
        ctx.sum = sum
        ctx.N = N
        ctx.sqrt_var = sqrt_var
        mean = sum / N
        denom = sqrt_var + eps
        res = X - unsqueeze_all(mean)
        res /= unsqueeze_all(denom)
        return res

    @staticmethod
    def backward(ctx, grad_out):
        X, conv_weight, = ctx.saved_tensors
        X_conv_out = F.conv2d(X, conv_weight)
        grad_out = batch_norm_backward(grad_out, X_conv_out, ctx.sum, ctx.sqrt_var,
                                       ctx.N, ctx.eps)
        grad_X, grad_input = convolution_backward(grad_out, X, conv_weight)
        return grad_X, grad_input, None, None, None, None, None


class FusedConvBN(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, exp_avg_factor=0.1,
                 eps=1e-3, device=None, dtype=None):
        super(FusedConvBN, self).__init__()
        factory_kwargs = {'device': device, 'dtype': dtype}
        weight_shape = (out_channels, in_channels, kernel_size, kernel_size)
        self.conv_weight = nn.Parameter(torch.empty(*weight_shape, **factory_kwargs))
        num_features = out_channels
        self.num_features = num_features
        self.eps = eps
        self.reset_parameters()

    def forward(self, X):
        return FusedConvBN2DFunction.apply(X, self.conv_weight, self.eps)

    def reset_parameters(self) -> None:
        nn.init.kaiming_uniform_(self.conv_weight, a=math.sqrt(5))


weight = torch.rand(5, 3, 3, 3, requires_grad=True)
X = torch.rand(2, 3, 4, 4, requires_grad=True)
p(torch.autograd.gradcheck(FusedConvBN2DFunction.apply, (X, weight), eps=1e-2, atol=1e-2, rtol=1e-2))
# the channels of the weight are not the input's
e(lambda: FusedConvBN2DFunction.apply(X, weight.transpose(0, 1)))


class NetCB(nn.Module):
    def __init__(self, fused=True):
        super(NetCB, self).__init__()
        self.fused = fused
        if fused:
            self.convbn1 = FusedConvBN(1, 4, 3)
            self.convbn2 = FusedConvBN(4, 8, 3)
        else:
            self.conv1 = nn.Conv2d(1, 4, 3, 1, bias=False)
            self.bn1 = nn.BatchNorm2d(4, affine=False, track_running_stats=False)
            self.conv2 = nn.Conv2d(4, 8, 3, 1, bias=False)
            self.bn2 = nn.BatchNorm2d(8, affine=False, track_running_stats=False)
        self.fc1 = nn.Linear(8 * 6 * 6, 16)
        self.dropout = nn.Dropout(0.5)
        self.fc2 = nn.Linear(16, 10)

    def forward(self, x):
        if self.fused:
            x = self.convbn1(x)
        else:
            x = self.conv1(x)
            x = self.bn1(x)
        x = F.relu(x)
        if self.fused:
            x = self.convbn2(x)
        else:
            x = self.conv2(x)
            x = self.bn2(x)
        x = F.relu(x)
        x = F.max_pool2d(x, 2)
        x = F.relu(x)
        x = x.flatten(1)
        x = self.fc1(x)
        x = self.dropout(x)
        x = F.relu(x)
        x = self.fc2(x)
        output = F.log_softmax(x, dim=1)
        return output


def train_cb(model, train_loader, optimizer, epoch):
    model.train()
    for batch_idx, (data, target) in enumerate(train_loader):
        optimizer.zero_grad()
        output = model(data)
        loss = F.nll_loss(output, target)
        loss.backward()
        optimizer.step()
        if batch_idx % 2 == 0:
            n('Train Epoch: {} [{}/{} ({:.0f}%)]\tLoss: {:.6f}'.format(
                epoch, batch_idx * len(data), len(train_loader.dataset),
                100. * batch_idx / len(train_loader), loss.item()))


def test_cb(model, test_loader):
    model.eval()
    test_loss = 0
    correct = 0
    with torch.inference_mode():
        for data, target in test_loader:
            output = model(data)
            test_loss += F.nll_loss(output, target, reduction='sum').item()
            pred = output.argmax(dim=1, keepdim=True)
            correct += pred.eq(target.view_as(pred)).sum().item()
    test_loss /= len(test_loader.dataset)
    n('\nTest set: Average loss: {:.4f}, Accuracy: {}/{} ({:.0f}%)\n'.format(
        test_loss, correct, len(test_loader.dataset),
        100. * correct / len(test_loader.dataset)))


digits = (torch.rand(48, 1, 16, 16) - 0.1307) / 0.3081
labels = torch.randint(0, 10, (48,))
train_loader = DataLoader(TensorDataset(digits[:32], labels[:32]), batch_size=8)
test_loader = DataLoader(TensorDataset(digits[32:], labels[32:]), batch_size=8)
for fused in (True, False):
    torch.manual_seed(123456)
    model = NetCB(fused=fused)
    p(model)
    optimizer = optim.Adadelta(model.parameters(), lr=1.0)
    scheduler = optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.7)
    for epoch in range(2):
        train_cb(model, train_loader, optimizer, epoch)
        test_cb(model, test_loader)
        scheduler.step()
    n(scheduler.get_last_lr())

# --------------------------------------------------------------------------------------------------
# intermediate_source/autograd_saved_tensors_hooks_tutorial.py: pack / unpack hooks, save_on_cpu (the grad_fn's
# _saved_* attributes and the files on disk left res)
program('saved_hooks')
a = torch.randn(5, requires_grad=True)
b = torch.ones(5, requires_grad=True)
y = a * b


def f(x):
    return x * x


x = torch.randn(5, requires_grad=True)
y = f(f(f(x)))
p(y)


def pack_hook(x):
    p("Packing", x)
    return x


def unpack_hook(x):
    p("Unpacking", x)
    return x


a = torch.ones(5, requires_grad=True)
b = torch.ones(5, requires_grad=True) * 2
with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    y = a * b
y.sum().backward()
p(a.grad, b.grad)

x = torch.randn(5, requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(lambda x: x * 4, lambda x: x / 4):
    y = torch.pow(x, 2)
y.sum().backward()
p(x.grad.equal(2 * x))

storage = []


def pack(x):
    storage.append(x)
    return len(storage) - 1


def unpack(x):
    return storage[x]


x = torch.randn(5, requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    y = x * x
y.sum().backward()
p(x.grad.equal(2 * x), len(storage))


def pack(x):  # noqa: F811
    delta = torch.randn(*x.size())
    return x - delta, lambda x: x + delta


def unpack(packed):  # noqa: F811
    x, f = packed
    return f(x)


x = torch.randn(5, requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    y = x * x
y.sum().backward()
p(torch.allclose(x.grad, 2 * x))


def pack_hook(x):  # noqa: F811
    return (x.device, x.cpu())


def unpack_hook(packed):  # noqa: F811
    device, tensor = packed
    return tensor.to(device)


x = torch.randn(5, requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    y = x * x
y.sum().backward()
p(torch.allclose(x.grad, (2 * x)))


class ModelSH(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(5))

    def forward(self, x):
        with torch.autograd.graph.save_on_cpu(pin_memory=False):
            return self.w * x


x = torch.randn(5)
model = ModelSH()
loss = model(x).sum()
loss.backward()
p(model.w.grad, x)


class SaveToCpu(nn.Module):
    def __init__(self, module):
        super().__init__()
        self.module = module

    def forward(self, *args, **kwargs):
        with torch.autograd.graph.save_on_cpu(pin_memory=False):
            return self.module(*args, **kwargs)


model = nn.Sequential(
    nn.Linear(10, 100),
    SaveToCpu(nn.Linear(100, 100)),
    nn.Linear(100, 10),
)
p(model)
x = torch.randn(10)
loss = model(x).sum()
loss.backward()
n(loss, model[1].module.bias.grad[:5])

# only tensors of at least SAVE_ON_DISK_THRESHOLD elements go "to disk" (a dict in place of files)
SAVE_ON_DISK_THRESHOLD = 1000
disk = {}


def pack_hook(x):  # noqa: F811
    if x.numel() < SAVE_ON_DISK_THRESHOLD:
        return x
    name = 'file%d' % len(disk)
    disk[name] = x.clone()
    return name


def unpack_hook(tensor_or_name):  # noqa: F811
    if isinstance(tensor_or_name, torch.Tensor):
        return tensor_or_name
    return disk[tensor_or_name]


class SaveToDisk(nn.Module):
    def __init__(self, module):
        super().__init__()
        self.module = module

    def forward(self, *args, **kwargs):
        with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
            return self.module(*args, **kwargs)


net = nn.Sequential(SaveToDisk(nn.Linear(50, 40)), nn.ReLU(), SaveToDisk(nn.Linear(40, 10)))
res = net(torch.randn(30, 50))
p(sorted(disk))
res.sum().backward()
n(net[0].module.weight.grad.sum(), net[2].module.bias.grad)
# an unpack hook that returns something else than a tensor, and one of another shape
x = torch.randn(5, requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: 1):
    y = x * x
e(lambda: y.sum().backward())
with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t[:2]):
    y = x * x
e(lambda: y.sum().backward())

# --------------------------------------------------------------------------------------------------
# intermediate_source/parametrizations_tutorial.py (as its later versions fix it: nn.Conv2d, super().__init__() in
# CayleyMap, torch.linalg.solve for the removed torch.solve, torch.linalg.eigvalsh for torch.symeig, Linear(4, 4) for
# the cached example; the asserts printed; Skew's right_inverse needs skew-symmetric weights to register on)
program('parametrizations')
import torch.nn.utils.parametrize as P


def symmetric(X):
    return X.triu() + X.triu(1).transpose(-1, -2)


X = torch.rand(3, 3)
A = symmetric(X)
p(A)
p(torch.allclose(A, A.T))


class LinearSymmetric(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.weight = nn.Parameter(torch.rand(n_features, n_features))

    def forward(self, x):
        A = symmetric(self.weight)
        return x @ A


layer = LinearSymmetric(3)
res = layer(torch.rand(8, 3))
p(res)


class Symmetric(nn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).transpose(-1, -2)


layer = nn.Linear(3, 3)
P.register_parametrization(layer, "weight", Symmetric())
A = layer.weight
p(A)
p(torch.allclose(A, A.T))


class Skew(nn.Module):
    def forward(self, X):
        A = X.triu(1)
        return A - A.transpose(-1, -2)


cnn = nn.Conv2d(in_channels=5, out_channels=8, kernel_size=3)
P.register_parametrization(cnn, "weight", Skew())
p(cnn.weight[0, 1])
p(cnn.weight[2, 2])
layer = nn.Linear(3, 3)
p(f"Unparametrized:\n{layer}")
P.register_parametrization(layer, "weight", Symmetric())
p(f"Parametrized:\n{layer}")
p(layer.parametrizations.weight[0])
p(dict(layer.named_parameters()))
p(layer.parametrizations.weight.original)
symmetric = Symmetric()
p(torch.allclose(layer.weight, symmetric(layer.parametrizations.weight.original)))


class NoisyParametrization(nn.Module):
    def forward(self, X):
        p("Computing the Parametrization")
        return X


layer = nn.Linear(4, 4)
P.register_parametrization(layer, "weight", NoisyParametrization())
p("Here, layer.weight is recomputed every time we call it")
foo = layer.weight + layer.weight.T
bar = layer.weight.sum()
with P.cached():
    p("Here, it is computed just the first time layer.weight is called")
    foo = layer.weight + layer.weight.T
    bar = layer.weight.sum()


class CayleyMap(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.register_buffer("Id", torch.eye(n))

    def forward(self, X):
        # (I + X)(I - X)^{-1}
        return torch.linalg.solve(self.Id - X, self.Id + X)


layer = nn.Linear(3, 3)
P.register_parametrization(layer, "weight", Skew())
P.register_parametrization(layer, "weight", CayleyMap(3))
X = layer.weight
p(torch.allclose(X.T @ X, torch.eye(3), atol=1e-6))  # X is orthogonal
p(layer)


class MatrixExponential(nn.Module):
    def forward(self, X):
        return torch.matrix_exp(X)


layer_orthogonal = nn.Linear(3, 3)
P.register_parametrization(layer_orthogonal, "weight", Skew())
P.register_parametrization(layer_orthogonal, "weight", MatrixExponential())
X = layer_orthogonal.weight
p(torch.allclose(X.T @ X, torch.eye(3), atol=1e-6))  # X is orthogonal
layer_spd = nn.Linear(3, 3)
P.register_parametrization(layer_spd, "weight", Symmetric())
P.register_parametrization(layer_spd, "weight", MatrixExponential())
X = layer_spd.weight
p(torch.allclose(X, X.T))  # X is symmetric
p((torch.linalg.eigvalsh(X) > 0.).all())  # X is positive definite


class Skew(nn.Module):  # noqa: F811
    def forward(self, X):
        A = X.triu(1)
        return A - A.transpose(-1, -2)

    def is_skew(self, X):
        return torch.allclose(X, -X.transpose(-1, -2), atol=1e-6)  # (atol: the Cayley map's float32 solve)

    def right_inverse(self, A):
        if not self.is_skew(A):
            raise ValueError(f"The provided matrix {A} is not skew-symmetric")
        return A.triu(1)


def skew_linear(n):
    layer = nn.Linear(n, n)
    with torch.no_grad():
        layer.weight.copy_(layer.weight - layer.weight.T)
    return layer


# registering calls right_inverse on the current weight, which must be skew-symmetric then (the layers below are made so)
e(lambda: P.register_parametrization(nn.Linear(3, 3), "weight", Skew()))
layer = skew_linear(3)
P.register_parametrization(layer, "weight", Skew())
X = torch.rand(3, 3)
X = X - X.T
layer.weight = X
p(torch.allclose(layer.weight, X))
e(lambda: setattr(layer, 'weight', torch.rand(3, 3)))


class CayleyMap(nn.Module):  # noqa: F811
    def __init__(self, n):
        super().__init__()
        self.register_buffer("Id", torch.eye(n))

    def forward(self, X):
        # (I + X)(I - X)^{-1}
        return torch.linalg.solve(self.Id - X, self.Id + X)

    def right_inverse(self, A):
        # (A - I)(A + I)^{-1}
        return torch.linalg.solve(A + self.Id, A - self.Id)


layer_orthogonal = skew_linear(3)
P.register_parametrization(layer_orthogonal, "weight", Skew())
P.register_parametrization(layer_orthogonal, "weight", CayleyMap(3))
X = torch.empty(3, 3)
nn.init.orthogonal_(X)
if X.det() < 0.:
    X[0].neg_()
layer_orthogonal.weight = X
p(torch.allclose(X, layer_orthogonal.weight, atol=1e-6))


class PruningParametrization(nn.Module):
    def __init__(self, X, p_drop=0.2):
        super().__init__()
        # sample zeros with probability p_drop
        mask = torch.full_like(X, 1.0 - p_drop)
        self.mask = torch.bernoulli(mask)

    def forward(self, X):
        return X * self.mask

    def right_inverse(self, A):
        return A


layer = nn.Linear(3, 4)
P.register_parametrization(layer, "weight", PruningParametrization(layer.weight))
p(layer.weight)
layer = skew_linear(3)
p(layer)
p(layer.weight)
P.register_parametrization(layer, "weight", Skew())
p(layer)
p(layer.weight)
P.remove_parametrizations(layer, "weight")
p(layer)
p(layer.weight)
layer = skew_linear(3)
p(layer)
p(layer.weight)
P.register_parametrization(layer, "weight", Skew())
p(layer)
p(layer.weight)
P.remove_parametrizations(layer, "weight", leave_parametrized=False)
p(layer)
p(layer.weight)
# mistakes: removing twice, a typo in the name, a parametrization that changes the shape, assigning without
# right_inverse
e(lambda: P.remove_parametrizations(layer, "weight"))
e(lambda: P.register_parametrization(layer, "weigth", Symmetric()))
e(lambda: P.register_parametrization(nn.Linear(3, 4), "weight", Symmetric()))
layer = nn.Linear(3, 3)
P.register_parametrization(layer, "weight", Symmetric())
e(lambda: setattr(layer, 'weight', torch.eye(3)))

# --------------------------------------------------------------------------------------------------
# intermediate_source/pruning_tutorial.py: torch.nn.utils.prune on LeNet (the hooks and containers printed as their
# class names: their reprs hold addresses; the state_dict keys as a list)
program('pruning')
import torch.nn.utils.prune as prune


class LeNetP(nn.Module):
    def __init__(self):
        super(LeNetP, self).__init__()
        # 1 input image channel, 6 output channels, 3x3 square conv kernel
        self.conv1 = nn.Conv2d(1, 6, 3)
        self.conv2 = nn.Conv2d(6, 16, 3)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)  # 5x5 image dimension
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.flatten(start_dim=1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


model = LeNetP()
module = model.conv1
p(list(module.named_parameters()))
p(list(module.named_buffers()))
prune.random_unstructured(module, name="weight", amount=0.3)
p(list(module.named_parameters()))
p(list(module.named_buffers()))
p(module.weight)
p([type(h).__name__ for h in module._forward_pre_hooks.values()])
prune.l1_unstructured(module, name="bias", amount=3)
p(list(module.named_parameters()))
p(list(module.named_buffers()))
p(module.bias)
p([type(h).__name__ for h in module._forward_pre_hooks.values()])
prune.ln_structured(module, name="weight", amount=0.5, n=2, dim=0)
p(module.weight)
for hook in module._forward_pre_hooks.values():
    if hook._tensor_name == "weight":  # select out the correct hook
        break
p([type(m).__name__ for m in hook])
p(list(model.state_dict().keys()))
p(list(module.named_parameters()))
p(list(module.named_buffers()))
p(module.weight)
prune.remove(module, 'weight')
p(list(module.named_parameters()))
p(list(module.named_buffers()))
# the pruned model still runs, and the gradient reaching bias_orig is masked
images = torch.randn(2, 1, 28, 28)
res = model(images)
p(res)
res.sum().backward()
p(module.bias_orig.grad)
new_model = LeNetP()
for name, module in new_model.named_modules():
    # prune 20% of connections in all 2D-conv layers
    if isinstance(module, torch.nn.Conv2d):
        prune.l1_unstructured(module, name='weight', amount=0.2)
    # prune 40% of connections in all linear layers
    elif isinstance(module, torch.nn.Linear):
        prune.l1_unstructured(module, name='weight', amount=0.4)
p(list(dict(new_model.named_buffers()).keys()))  # to verify that all masks exist
model = LeNetP()
parameters_to_prune = (
    (model.conv1, 'weight'),
    (model.conv2, 'weight'),
    (model.fc1, 'weight'),
    (model.fc2, 'weight'),
    (model.fc3, 'weight'),
)
prune.global_unstructured(
    parameters_to_prune,
    pruning_method=prune.L1Unstructured,
    amount=0.2,
)
for name in ('conv1', 'conv2', 'fc1', 'fc2', 'fc3'):
    w = getattr(model, name).weight
    p("Sparsity in {}.weight: {:.2f}%".format(name, 100. * float(torch.sum(w == 0)) / float(w.nelement())))
p(
    "Global sparsity: {:.2f}%".format(
        100. * float(
            torch.sum(model.conv1.weight == 0)
            + torch.sum(model.conv2.weight == 0)
            + torch.sum(model.fc1.weight == 0)
            + torch.sum(model.fc2.weight == 0)
            + torch.sum(model.fc3.weight == 0)
        )
        / float(
            model.conv1.weight.nelement()
            + model.conv2.weight.nelement()
            + model.fc1.weight.nelement()
            + model.fc2.weight.nelement()
            + model.fc3.weight.nelement()
        )
    )
)


class FooBarPruningMethod(prune.BasePruningMethod):
    """Prune every other entry in a tensor
    """
    PRUNING_TYPE = 'unstructured'

    def compute_mask(self, t, default_mask):
        mask = default_mask.clone()
        mask.view(-1)[::2] = 0
        return mask


def foobar_unstructured(module, name):
    FooBarPruningMethod.apply(module, name)
    return module


model = LeNetP()
foobar_unstructured(model.fc3, name='bias')
p(model.fc3.bias_mask)
# mistakes: removing what is not pruned, more entries than there are, a share above 1, structured pruning of a
# vector (the module is left as it was)
e(lambda: prune.remove(model.fc2, 'weight'))
e(lambda: prune.l1_unstructured(model.fc2, 'bias', amount=100))
e(lambda: prune.random_unstructured(model.fc2, 'weight', amount=1.5))
e(lambda: prune.ln_structured(model.fc2, 'bias', amount=0.5, n=2, dim=0))
p([name for name, _ in model.fc2.named_parameters()], prune.is_pruned(model.fc2), prune.is_pruned(model))

# --------------------------------------------------------------------------------------------------
# beginner_source/fgsm_tutorial.py: the FGSM attack on the tutorial's LeNet with random weights (no pretrained
# download; its state_dict saved and loaded in memory) and 12 synthetic digits labelled mostly by its own predictions,
# batch_size=1 without shuffling
program('fgsm')
epsilons = [0, .05, .1, .15, .2, .25, .3]


class NetFG(nn.Module):
    def __init__(self):
        super(NetFG, self).__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=5)
        self.conv2_drop = nn.Dropout2d()
        self.fc1 = nn.Linear(320, 50)
        self.fc2 = nn.Linear(50, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2_drop(self.conv2(x)), 2))
        x = x.view(-1, 320)
        x = F.relu(self.fc1(x))
        x = F.dropout(x, training=self.training)
        x = self.fc2(x)
        return F.log_softmax(x, dim=1)


pretrained = NetFG().state_dict()
p("CUDA Available: ", torch.cuda.is_available())
model = NetFG()
model.load_state_dict(pretrained)
p(model.eval())
e(lambda: model.load_state_dict({k: v for k, v in pretrained.items() if k != 'fc2.bias'}))
e(lambda: NetFG().load_state_dict({**pretrained, 'fc1.weight': torch.zeros(50, 300)}))
digits = torch.rand(12, 1, 28, 28)
with torch.no_grad():
    labels = model(digits).argmax(1)
labels[::4] = (labels[::4] + 1) % 10
test_loader = DataLoader(TensorDataset(digits, labels), batch_size=1, shuffle=False)


def fgsm_attack(image, epsilon, data_grad):
    sign_data_grad = data_grad.sign()
    perturbed_image = image + epsilon * sign_data_grad
    perturbed_image = torch.clamp(perturbed_image, 0, 1)
    return perturbed_image


def test_fg(model, test_loader, epsilon):
    correct = 0
    adv_examples = []
    for data, target in test_loader:
        data.requires_grad = True
        output = model(data)
        init_pred = output.max(1, keepdim=True)[1]
        if init_pred.item() != target.item():
            continue
        loss = F.nll_loss(output, target)
        model.zero_grad()
        loss.backward()
        data_grad = data.grad.data
        perturbed_data = fgsm_attack(data, epsilon, data_grad)
        output = model(perturbed_data)
        final_pred = output.max(1, keepdim=True)[1]
        if final_pred.item() == target.item():
            correct += 1
            if (epsilon == 0) and (len(adv_examples) < 5):
                adv_ex = perturbed_data.squeeze().detach().cpu().numpy()
                adv_examples.append((init_pred.item(), final_pred.item(), adv_ex))
        else:
            if len(adv_examples) < 5:
                adv_ex = perturbed_data.squeeze().detach().cpu().numpy()
                adv_examples.append((init_pred.item(), final_pred.item(), adv_ex))
    final_acc = correct / float(len(test_loader))
    n("Epsilon: {}\tTest Accuracy = {} / {} = {}".format(epsilon, correct, len(test_loader), final_acc))
    return final_acc, adv_examples


accuracies = []
examples = []
for eps in epsilons:
    acc, ex = test_fg(model, test_loader, eps)
    accuracies.append(acc)
    examples.append(ex)
n([[(orig, adv) for orig, adv, _ in ex] for ex in examples])
p(len(examples[0]), examples[0][0][2].size)
# the attack's mistakes: the gradient of an input that does not require grad, a second backward
data, target = digits[:1], labels[:1]
p(data.grad)
loss = F.nll_loss(model(data.requires_grad_()), target)
loss.backward()
e(lambda: loss.backward())
e(lambda: F.nll_loss(model(data), target.float()))

# --------------------------------------------------------------------------------------------------
# beginner_source/dcgan_faces_tutorial.py: the DCGAN at 16x16 (three layers each way, nz=8, ngf=ndf=4) on 16
# synthetic images in [-1, 1], two epochs of batch 8
program('dcgan')
nc = 3
nz = 8
ngf = 4
ndf = 4
num_epochs = 2
lr = 0.0002
beta1 = 0.5
images = torch.rand(16, nc, 16, 16) * 2 - 1
dataloader = DataLoader(TensorDataset(images, torch.zeros(16, dtype=torch.long)), batch_size=8, shuffle=False)


def weights_init(m):
    classname = m.__class__.__name__
    if classname.find('Conv') != -1:
        nn.init.normal_(m.weight.data, 0.0, 0.02)
    elif classname.find('BatchNorm') != -1:
        nn.init.normal_(m.weight.data, 1.0, 0.02)
        nn.init.constant_(m.bias.data, 0)


class Generator(nn.Module):
    def __init__(self, ngpu):
        super(Generator, self).__init__()
        self.ngpu = ngpu
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, ngf * 4, 4, 1, 0, bias=False),
            nn.BatchNorm2d(ngf * 4),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf * 2),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, nc, 4, 2, 1, bias=False),
            nn.Tanh()
        )

    def forward(self, input):
        return self.main(input)


netG = Generator(0)
netG.apply(weights_init)
p(netG)


class Discriminator(nn.Module):
    def __init__(self, ngpu):
        super(Discriminator, self).__init__()
        self.ngpu = ngpu
        self.main = nn.Sequential(
            nn.Conv2d(nc, ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 2, 1, 4, 1, 0, bias=False),
            nn.Sigmoid()
        )

    def forward(self, input):
        return self.main(input)


netD = Discriminator(0)
netD.apply(weights_init)
p(netD)
criterion = nn.BCELoss()
fixed_noise = torch.randn(4, nz, 1, 1)
real_label = 1.
fake_label = 0.
optimizerD = optim.Adam(netD.parameters(), lr=lr, betas=(beta1, 0.999))
optimizerG = optim.Adam(netG.parameters(), lr=lr, betas=(beta1, 0.999))
with torch.no_grad():
    p(netG(fixed_noise).shape, netD(netG(fixed_noise)).view(-1))
# the discriminator's output is N x 1 x 1 x 1: without .view(-1) BCELoss refuses the labels; integer labels
e(lambda: criterion(netD(images[:8]), torch.full((8,), real_label)))
e(lambda: criterion(netD(images[:8]).view(-1), torch.full((8,), 1)))
img_list = []
G_losses = []
D_losses = []
iters = 0
p("Starting Training Loop...")
for epoch in range(num_epochs):
    for i, data in enumerate(dataloader, 0):
        netD.zero_grad()
        real_cpu = data[0]
        b_size = real_cpu.size(0)
        label = torch.full((b_size,), real_label, dtype=torch.float)
        output = netD(real_cpu).view(-1)
        errD_real = criterion(output, label)
        errD_real.backward()
        D_x = output.mean().item()
        noise = torch.randn(b_size, nz, 1, 1)
        fake = netG(noise)
        label.fill_(fake_label)
        output = netD(fake.detach()).view(-1)
        errD_fake = criterion(output, label)
        errD_fake.backward()
        D_G_z1 = output.mean().item()
        errD = errD_real + errD_fake
        optimizerD.step()
        netG.zero_grad()
        label.fill_(real_label)
        output = netD(fake).view(-1)
        errG = criterion(output, label)
        errG.backward()
        D_G_z2 = output.mean().item()
        optimizerG.step()
        n('[%d/%d][%d/%d]\tLoss_D: %.4f\tLoss_G: %.4f\tD(x): %.4f\tD(G(z)): %.4f / %.4f'
          % (epoch, num_epochs, i, len(dataloader),
             errD.item(), errG.item(), D_x, D_G_z1, D_G_z2))
        G_losses.append(errG.item())
        D_losses.append(errD.item())
        if (iters % 2 == 0) or ((epoch == num_epochs - 1) and (i == len(dataloader) - 1)):
            with torch.no_grad():
                fake = netG(fixed_noise).detach()
            img_list.append(fake)
        iters += 1
n(len(img_list), img_list[-1][0, 0, :2])
n(netG.main[1].running_mean, netD.main[3].running_var)

# --------------------------------------------------------------------------------------------------
# intermediate_source/spatial_transformer_tutorial.py: the STN classifier on 24 synthetic 28x28 digits (batch 8, two
# epochs), the transformed batch printed in place of the plots
program('stn')
digits = torch.rand(24, 1, 28, 28)
labels = torch.randint(0, 10, (24,))
train_loader = DataLoader(TensorDataset(digits[:16], labels[:16]), batch_size=8, shuffle=False)
test_loader = DataLoader(TensorDataset(digits[16:], labels[16:]), batch_size=8, shuffle=False)


class NetST(nn.Module):
    def __init__(self):
        super(NetST, self).__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=5)
        self.conv2_drop = nn.Dropout2d()
        self.fc1 = nn.Linear(320, 50)
        self.fc2 = nn.Linear(50, 10)
        self.localization = nn.Sequential(
            nn.Conv2d(1, 8, kernel_size=7),
            nn.MaxPool2d(2, stride=2),
            nn.ReLU(True),
            nn.Conv2d(8, 10, kernel_size=5),
            nn.MaxPool2d(2, stride=2),
            nn.ReLU(True)
        )
        self.fc_loc = nn.Sequential(
            nn.Linear(10 * 3 * 3, 32),
            nn.ReLU(True),
            nn.Linear(32, 3 * 2)
        )
        self.fc_loc[2].weight.data.zero_()
        self.fc_loc[2].bias.data.copy_(torch.tensor([1, 0, 0, 0, 1, 0], dtype=torch.float))

    def stn(self, x):
        xs = self.localization(x)
        xs = xs.view(-1, 10 * 3 * 3)
        theta = self.fc_loc(xs)
        theta = theta.view(-1, 2, 3)
        grid = F.affine_grid(theta, x.size())
        x = F.grid_sample(x, grid)
        return x

    def forward(self, x):
        x = self.stn(x)
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2_drop(self.conv2(x)), 2))
        x = x.view(-1, 320)
        x = F.relu(self.fc1(x))
        x = F.dropout(x, training=self.training)
        x = self.fc2(x)
        return F.log_softmax(x, dim=1)


model = NetST()
p(model)
optimizer = optim.SGD(model.parameters(), lr=0.01)
with torch.no_grad():
    # the identity transform at initialization: the sampled images are the inputs
    p(torch.allclose(model.stn(digits[:2]), digits[:2], atol=1e-5))
    theta = model.fc_loc(model.localization(digits[:2]).view(-1, 90)).view(-1, 2, 3)
    p(theta)
    e(lambda: F.affine_grid(theta.view(-1, 3, 2), digits[:2].size()))
    e(lambda: F.grid_sample(digits[:2], F.affine_grid(theta, digits[:2].size())[..., :1]))


def train_st(epoch):
    model.train()
    for batch_idx, (data, target) in enumerate(train_loader):
        optimizer.zero_grad()
        output = model(data)
        loss = F.nll_loss(output, target)
        loss.backward()
        optimizer.step()
        n('Train Epoch: {} [{}/{} ({:.0f}%)]\tLoss: {:.6f}'.format(
            epoch, batch_idx * len(data), len(train_loader.dataset),
            100. * batch_idx / len(train_loader), loss.item()))


def test_st():
    with torch.no_grad():
        model.eval()
        test_loss = 0
        correct = 0
        for data, target in test_loader:
            output = model(data)
            test_loss += F.nll_loss(output, target, reduction='sum').item()
            pred = output.max(1, keepdim=True)[1]
            correct += pred.eq(target.view_as(pred)).sum().item()
        test_loss /= len(test_loader.dataset)
        n('\nTest set: Average loss: {:.4f}, Accuracy: {}/{} ({:.0f}%)\n'
          .format(test_loss, correct, len(test_loader.dataset),
                  100. * correct / len(test_loader.dataset)))


for epoch in range(1, 2 + 1):
    train_st(epoch)
    test_st()
with torch.no_grad():
    data = next(iter(test_loader))[0]
    transformed_input_tensor = model.stn(data)
    n(model.fc_loc[2].bias, transformed_input_tensor.shape, transformed_input_tensor[0, 0, 10, 10:14])

# --------------------------------------------------------------------------------------------------
# advanced_source/neural_style_tutorial.py: style transfer with a small random conv net in place of VGG19 (its
# layer kinds and order), 16x16 random images, the LBFGS loop for one step (20 evaluations: float32 rounding
# differences grow through more, to 3% by the 35th), the losses printed every 5 runs
program('neural_style')
import copy
imsize = 16
style_img = torch.rand(1, 3, imsize, imsize)
content_img = torch.rand(1, 3, imsize, imsize)
p(style_img.size() == content_img.size())


class ContentLoss(nn.Module):

    def __init__(self, target,):
        super(ContentLoss, self).__init__()
        self.target = target.detach()

    def forward(self, input):
        self.loss = F.mse_loss(input, self.target)
        return input


def gram_matrix(input):
    a, b, c, d = input.size()
    features = input.view(a * b, c * d)
    G = torch.mm(features, features.t())
    return G.div(a * b * c * d)


class StyleLoss(nn.Module):

    def __init__(self, target_feature):
        super(StyleLoss, self).__init__()
        self.target = gram_matrix(target_feature).detach()

    def forward(self, input):
        G = gram_matrix(input)
        self.loss = F.mse_loss(G, self.target)
        return input


cnn = nn.Sequential(
    nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(inplace=True), nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(inplace=True),
    nn.MaxPool2d(2, 2), nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(inplace=True), nn.Conv2d(16, 16, 3, padding=1),
    nn.ReLU(inplace=True), nn.MaxPool2d(2, 2), nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(inplace=True),
    nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(inplace=True)).eval()
cnn_normalization_mean = torch.tensor([0.485, 0.456, 0.406])
cnn_normalization_std = torch.tensor([0.229, 0.224, 0.225])


class Normalization(nn.Module):
    def __init__(self, mean, std):
        super(Normalization, self).__init__()
        self.mean = torch.tensor(mean).view(-1, 1, 1)
        self.std = torch.tensor(std).view(-1, 1, 1)

    def forward(self, img):
        return (img - self.mean) / self.std


content_layers_default = ['conv_4']
style_layers_default = ['conv_1', 'conv_2', 'conv_3', 'conv_4', 'conv_5']


def get_style_model_and_losses(cnn, normalization_mean, normalization_std,
                               style_img, content_img,
                               content_layers=content_layers_default,
                               style_layers=style_layers_default):
    cnn = copy.deepcopy(cnn)
    normalization = Normalization(normalization_mean, normalization_std)
    content_losses = []
    style_losses = []
    model = nn.Sequential(normalization)
    i = 0
    for layer in cnn.children():
        if isinstance(layer, nn.Conv2d):
            i += 1
            name = 'conv_{}'.format(i)
        elif isinstance(layer, nn.ReLU):
            name = 'relu_{}'.format(i)
            layer = nn.ReLU(inplace=False)
        elif isinstance(layer, nn.MaxPool2d):
            name = 'pool_{}'.format(i)
        elif isinstance(layer, nn.BatchNorm2d):
            name = 'bn_{}'.format(i)
        else:
            raise RuntimeError('Unrecognized layer: {}'.format(layer.__class__.__name__))
        model.add_module(name, layer)
        if name in content_layers:
            target = model(content_img).detach()
            content_loss = ContentLoss(target)
            model.add_module("content_loss_{}".format(i), content_loss)
            content_losses.append(content_loss)
        if name in style_layers:
            target_feature = model(style_img).detach()
            style_loss = StyleLoss(target_feature)
            model.add_module("style_loss_{}".format(i), style_loss)
            style_losses.append(style_loss)
    for i in range(len(model) - 1, -1, -1):
        if isinstance(model[i], ContentLoss) or isinstance(model[i], StyleLoss):
            break
    model = model[:(i + 1)]
    return model, style_losses, content_losses


input_img = content_img.clone()


def get_input_optimizer(input_img):
    optimizer = optim.LBFGS([input_img.requires_grad_()])
    return optimizer


def run_style_transfer(cnn, normalization_mean, normalization_std,
                       content_img, style_img, input_img, num_steps=300,
                       style_weight=1000000, content_weight=1):
    p('Building the style transfer model..')
    model, style_losses, content_losses = get_style_model_and_losses(cnn,
        normalization_mean, normalization_std, style_img, content_img)
    p(model)
    optimizer = get_input_optimizer(input_img)
    p('Optimizing..')
    run = [0]
    while run[0] <= num_steps:

        def closure():
            input_img.data.clamp_(0, 1)
            optimizer.zero_grad()
            model(input_img)
            style_score = 0
            content_score = 0
            for sl in style_losses:
                style_score += sl.loss
            for cl in content_losses:
                content_score += cl.loss
            style_score *= style_weight
            content_score *= content_weight
            loss = style_score + content_score
            loss.backward()
            run[0] += 1
            if run[0] % 5 == 0:
                n("run {}:".format(run))
                n('Style Loss : {:4f} Content Loss: {:4f}'.format(
                    style_score.item(), content_score.item()))
                n()
            return style_score + content_score

        optimizer.step(closure)
    input_img.data.clamp_(0, 1)
    return input_img


res = run_style_transfer(cnn, cnn_normalization_mean, cnn_normalization_std,
                         content_img, style_img, input_img, num_steps=15)
n(res[0, 0, 0, :4], res.requires_grad)
# a style target from another number of channels, the mm of features with themselves
e(lambda: StyleLoss(style_img)(content_img[:, :2]))
e(lambda: torch.mm(style_img.view(3, -1), style_img.view(3, -1)))

write('test/fixtures/tutorials.json')
