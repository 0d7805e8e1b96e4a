# PyTorch's "Introduction to PyTorch" video series (pytorch/tutorials: beginner_source/introyt/introyt1_tutorial.py,
# tensors_deeper_tutorial.py, autogradyt_tutorial.py, modelsyt_tutorial.py, trainingyt.py) as PyTorch 1.13 runs them,
# with small synthetic tensors in place of CIFAR-10 and Fashion-MNIST, plus the mistakes a beginner following them
# makes. Each program records what it prints, in order; test/introyt.test.ts runs the same programs written against
# tocha (test/introyt-programs.ts) and compares.
#   /usr/bin/python3 scripts/gen-introyt.py   (writes test/fixtures/introyt.json)
# scripts/tutorial_harness.py says what a record is. tocha's dtypes are float32, int64 and bool: where a tutorial
# shows int16, int32 or float64, the program uses the nearest of those (the line says so).
import math
import os
import tempfile

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset

from tutorial_harness import e, n, p, program, write

tmp = tempfile.mkdtemp()


def fn_names(fns):
    """next_functions with each node's class name: print(d.grad_fn.next_functions) shows object addresses."""
    return tuple((type(f).__name__ if f is not None else None, i) for f, i in fns)


# --------------------------------------------------------------------------------------------------
# introyt1_tutorial.py
program('introyt1')
z = torch.zeros(5, 3)
p(z)
p(z.dtype)
# torch.int16 in the tutorial: tocha has no int16, and int64 (its integer dtype) is the default integer dtype,
# which PyTorch's printout leaves out; the dtype is printed on its own
i = torch.ones((5, 3), dtype=torch.int64)
p(i)
p(i.dtype)
torch.manual_seed(1729)
r1 = torch.rand(2, 2)
p('A random tensor:')
p(r1)
r2 = torch.rand(2, 2)
p('\nA different random tensor:')
p(r2)
torch.manual_seed(1729)
r3 = torch.rand(2, 2)
p('\nShould match r1:')
p(r3)
ones = torch.ones(2, 3)
p(ones)
twos = torch.ones(2, 3) * 2
p(twos)
threes = ones + twos
p(threes)
p(threes.shape)
r1 = torch.rand(2, 3)
r2 = torch.rand(3, 2)
e(lambda: r1 + r2)  # "uncomment this line to get a runtime error"
r = (torch.rand(2, 2) - 0.5) * 2
p('A random matrix, r:')
p(r)
p('\nAbsolute value of r:')
p(torch.abs(r))
p('\nInverse sine of r:')
p(torch.asin(r))
p('\nDeterminant of r:')
p(torch.det(r))
p('\nSingular value decomposition of r:')
# print(torch.svd(r)): the signs of singular vectors are LAPACK's choice, which tocha's SVD does not reproduce, so the
# named tuple is printed without them (compute_uv=False) and the vectors as absolute values
p(torch.svd(r, compute_uv=False))
U, S, V = torch.svd(r)
p(U.abs(), V.abs())
p('\nAverage and standard deviation of r:')
p(torch.std_mean(r))
p('\nMaximum value of r:')
p(torch.max(r))


class LeNet(nn.Module):

    def __init__(self):
        super(LeNet, self).__init__()
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


net = LeNet()
p(net)
input = torch.rand(1, 1, 32, 32)
p('\nImage batch shape:')
p(input.shape)
output = net(input)
p('\nRaw output:')
p(output)
p(output.shape)
# a 28x28 MNIST image in LeNet-5's 32x32 input; an image without its batch dimension (conv2d takes it, the
# flattening does not)
e(lambda: net(torch.rand(1, 1, 28, 28)))
e(lambda: net(torch.rand(1, 32, 32)))

# CIFAR-10 replaced by 200 synthetic 3x32x32 images in [0, 1] (brighter for higher labels), through
# transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)); num_workers=2 left out (tocha loads in the calling thread)
classes = ('plane', 'car', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck')
labels = torch.randint(0, 10, (200,))
raw = (torch.rand(200, 3, 32, 32) + labels.view(-1, 1, 1, 1) / 10) / 2
images = (raw - 0.5) / 0.5
trainset = TensorDataset(images[:160], labels[:160])
testset = TensorDataset(images[160:], labels[160:])
trainloader = DataLoader(trainset, batch_size=4, shuffle=True)
testloader = DataLoader(testset, batch_size=4, shuffle=False)
dataiter = iter(trainloader)
images_, labels_ = next(dataiter)
p(' '.join('%5s' % classes[labels_[j]] for j in range(4)))


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, 16 * 5 * 5)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


net = Net()
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
        if i % 10 == 9:    # print every 10 mini-batches (2000 in the tutorial)
            n('[%d, %5d] loss: %.3f' % (epoch + 1, i + 1, running_loss / 10))
            running_loss = 0.0
p('Finished Training')
correct = 0
total = 0
with torch.no_grad():
    for data in testloader:
        images_, labels_ = data
        outputs = net(images_)
        _, predicted = torch.max(outputs.data, 1)
        total += labels_.size(0)
        correct += (predicted == labels_).sum().item()
n('Accuracy of the network on the %d test images: %d %%' % (total, 100 * correct / total))
# the grayscale images of LeNet into the colour network; float labels; a label past the 10 classes
e(lambda: net(torch.rand(4, 1, 32, 32)))
e(lambda: criterion(net(images_), labels_.float()))
e(lambda: criterion(net(images_), torch.tensor([1, 2, 3, 10])))

# --------------------------------------------------------------------------------------------------
# tensors_deeper_tutorial.py
program('tensors_deeper')
x = torch.empty(3, 4)
p(type(x).__name__)  # print(type(x)): <class 'torch.Tensor'>
# print(x): torch.empty's memory is uninitialized in PyTorch (zeros in tocha), so only its shape is compared
p(x.shape)
zeros = torch.zeros(2, 3)
p(zeros)
ones = torch.ones(2, 3)
p(ones)
torch.manual_seed(1729)
random = torch.rand(2, 3)
p(random)
torch.manual_seed(1729)
random1 = torch.rand(2, 3)
p(random1)
random2 = torch.rand(2, 3)
p(random2)
torch.manual_seed(1729)
random3 = torch.rand(2, 3)
p(random3)
random4 = torch.rand(2, 3)
p(random4)
x = torch.empty(2, 2, 3)
p(x.shape)
empty_like_x = torch.empty_like(x)
p(empty_like_x.shape)
zeros_like_x = torch.zeros_like(x)
p(zeros_like_x.shape)
p(zeros_like_x)
ones_like_x = torch.ones_like(x)
p(ones_like_x.shape)
p(ones_like_x)
rand_like_x = torch.rand_like(x)
p(rand_like_x.shape)
p(rand_like_x)
some_constants = torch.tensor([[3.1415926, 2.71828], [1.61803, 0.0072897]])
p(some_constants)
some_integers = torch.tensor((2, 3, 5, 7, 11, 13, 17, 19))
p(some_integers)
more_integers = torch.tensor(((2, 4, 6), [3, 6, 9]))
p(more_integers)
# dtype=torch.int16, torch.float64 and .to(torch.int32) in the tutorial: tocha's nearest dtypes (int64, float32)
a = torch.ones((2, 3), dtype=torch.int64)
p(a)
b = torch.rand((2, 3), dtype=torch.float32) * 20.
p(b)
c = b.to(torch.int64)
p(c)
p(torch.ones((2, 3), dtype=torch.bool), c.to(torch.float32))
e(lambda: torch.rand((2, 3), dtype=torch.int64))
ones = torch.zeros(2, 2) + 1
twos = torch.ones(2, 2) * 2
threes = (torch.ones(2, 2) * 7 - 1) / 2
fours = twos ** 2
sqrt2s = twos ** 0.5
p(ones)
p(twos)
p(threes)
p(fours)
p(sqrt2s)
powers2 = twos ** torch.tensor([[1, 2], [3, 4]])
p(powers2)
fives = ones + fours
p(fives)
dozens = threes * fours
p(dozens)
# "The following cell throws a run-time error. This is intentional."
a = torch.rand(2, 3)
b = torch.rand(3, 2)
e(lambda: a * b)
rand = torch.rand(2, 4)
doubled = rand * (torch.ones(1, 4) * 2)
p(rand)
p(doubled)
a = torch.ones(4, 3, 2)
b = a * torch.rand(3, 2)
p(b)
c = a * torch.rand(3, 1)
p(c)
d = a * torch.rand(1, 2)
p(d)
# the attempts at broadcasting that fail
e(lambda: a * torch.rand(4, 3))
e(lambda: a * torch.rand(2, 3))
e(lambda: a * torch.rand((0, )))
a = torch.rand(2, 4) * 2 - 1
p('Common functions:')
p(torch.abs(a))
p(torch.ceil(a))
p(torch.floor(a))
p(torch.clamp(a, -0.5, 0.5))
angles = torch.tensor([0, math.pi / 4, math.pi / 2, 3 * math.pi / 4])
sines = torch.sin(angles)
inverses = torch.asin(sines)
p('\nSine and arcsine:')
p(angles)
p(sines)
p(inverses)
p('\nBitwise XOR:')
b = torch.tensor([1, 5, 11])
c = torch.tensor([2, 7, 10])
p(torch.bitwise_xor(b, c))
e(lambda: torch.bitwise_xor(b.float(), c))
p('\nBroadcasted, element-wise equality comparison:')
d = torch.tensor([[1., 2.], [3., 4.]])
e_ = torch.ones(1, 2)  # `e` in the tutorial (here e is the harness's error record)
p(torch.eq(d, e_))
p('\nReduction ops:')
p(torch.max(d))
p(torch.max(d).item())
p(torch.mean(d))
p(torch.std(d))
p(torch.prod(d))
p(torch.unique(torch.tensor([1, 2, 1, 2, 1, 2])))
e(lambda: d.item())
v1 = torch.tensor([1., 0., 0.])
v2 = torch.tensor([0., 1., 0.])
m1 = torch.rand(2, 2)
m2 = torch.tensor([[3., 0.], [0., 3.]])
p('\nVectors & Matrices:')
p(torch.cross(v2, v1))
p(m1)
m3 = torch.matmul(m1, m2)
p(m3)
p(torch.svd(m3, compute_uv=False))  # print(torch.svd(m3)): introyt1 says why
U, S, V = torch.svd(m3)
p(U.abs(), V.abs())
e(lambda: torch.matmul(m1, torch.rand(3, 2)))
a = torch.tensor([0, math.pi / 4, math.pi / 2, 3 * math.pi / 4])
p('a:')
p(a)
p(torch.sin(a))
p(a)
b = torch.tensor([0, math.pi / 4, math.pi / 2, 3 * math.pi / 4])
p('\nb:')
p(b)
p(torch.sin_(b))
p(b)
a = torch.ones(2, 2)
b = torch.rand(2, 2)
p('Before:')
p(a)
p(b)
p('\nAfter adding:')
p(a.add_(b))
p(a)
p(b)
p('\nAfter multiplying')
p(b.mul_(b))
p(b)
# an in-place result must keep its tensor's shape, and dtype
e(lambda: torch.rand(3, 1).add_(torch.rand(1, 3)))
e(lambda: torch.ones(2, dtype=torch.int64).mul_(1.5))
a = torch.rand(2, 2)
b = torch.rand(2, 2)
c = torch.zeros(2, 2)
p(c)
d = torch.matmul(a, b, out=c)
p(c)
p(c is d)  # assert c is d
torch.rand(2, 2, out=c)
p(c)
a = torch.ones(2, 2)
b = a
a[0][1] = 561
p(b)
a = torch.ones(2, 2)
b = a.clone()
p(b is not a)  # assert b is not a
p(torch.eq(a, b))
a[0][1] = 561
p(b)
a = torch.rand(2, 2, requires_grad=True)
p(a)
b = a.clone()
p(b)
c = a.detach().clone()
p(c)
p(a)
if torch.cuda.is_available():
    p('We have a GPU!')
else:
    p('Sorry, CPU only.')
if torch.cuda.is_available():
    my_device = torch.device('cuda')
else:
    my_device = torch.device('cpu')
p('Device: {}'.format(my_device))
x = torch.rand(2, 2, device=my_device)
p(x)
y = torch.rand(2, 2)
y = y.to(my_device)
p(y)
# device='gpu' (the tutorial's example of a device): not a device type
e(lambda: torch.rand(2, 2, device='gpu'))
a = torch.rand(3, 226, 226)
b = a.unsqueeze(0)
p(a.shape)
p(b.shape)
c = torch.rand(1, 1, 1, 1, 1)
p(c)
a = torch.rand(1, 20)
p(a.shape)
p(a)
b = a.squeeze(0)
p(b.shape)
p(b)
c = torch.rand(2, 2)
p(c.shape)
d = c.squeeze(0)
p(d.shape)
a = torch.ones(4, 3, 2)
b = torch.rand(3)
e(lambda: a * b)  # "trying to multiply a * b will give a runtime error"
c = b.unsqueeze(1)
p(c.shape)
p(a * c)
e(lambda: b.unsqueeze(2))
batch_me = torch.rand(3, 226, 226)
p(batch_me.shape)
batch_me.unsqueeze_(0)
p(batch_me.shape)
output3d = torch.rand(6, 20, 20)
p(output3d.shape)
input1d = output3d.reshape(6 * 20 * 20)
p(input1d.shape)
p(torch.reshape(output3d, (6 * 20 * 20,)).shape)
e(lambda: output3d.reshape(6 * 20 * 21))
e(lambda: output3d.transpose(1, 2).view(6 * 20 * 20))
# NumPy bridge: tocha has no NumPy; its bridge to JavaScript data is torch.tensor (a copy) and tolist() (a copy),
# which PyTorch has too, so a change to one side does not show on the other, in both
python_list = [[1., 1., 1.], [1., 1., 1.]]
pytorch_tensor = torch.tensor(python_list)
p(pytorch_tensor)
pytorch_rand = torch.rand(2, 3)
p(pytorch_rand)
rand_list = pytorch_rand.tolist()
p(rand_list)
python_list[1][1] = 23
p(pytorch_tensor)
pytorch_rand[1, 1] = 17
p(rand_list)

# --------------------------------------------------------------------------------------------------
# autogradyt_tutorial.py (the profiler section left out: tocha has no autograd profiler)
program('autogradyt')
a = torch.linspace(0., 2. * math.pi, steps=25, requires_grad=True)
p(a)
b = torch.sin(a)
p(b)
c = 2 * b
p(c)
d = c + 1
p(d)
out = d.sum()
p(out)
p('d:')
p(type(d.grad_fn).__name__)  # print(d.grad_fn) shows an address
p(fn_names(d.grad_fn.next_functions))
p(fn_names(d.grad_fn.next_functions[0][0].next_functions))
p(fn_names(d.grad_fn.next_functions[0][0].next_functions[0][0].next_functions))
p(fn_names(d.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[0][0].next_functions))
p('\nc:')
p(type(c.grad_fn).__name__)
p('\nb:')
p(type(b.grad_fn).__name__)
p('\na:')
p(a.grad_fn)
out.backward()
p(a.grad)
p(c.grad)
# backward through the graph a second time; torch.sin_ on the leaf (the tutorial's error cell)
e(lambda: out.backward())
e(lambda: torch.sin_(a))
BATCH_SIZE = 16
DIM_IN = 1000
HIDDEN_SIZE = 100
DIM_OUT = 10


class TinyModel(torch.nn.Module):

    def __init__(self):
        super(TinyModel, self).__init__()
        self.layer1 = torch.nn.Linear(1000, 100)
        self.relu = torch.nn.ReLU()
        self.layer2 = torch.nn.Linear(100, 10)

    def forward(self, x):
        x = self.layer1(x)
        x = self.relu(x)
        x = self.layer2(x)
        return x


some_input = torch.randn(BATCH_SIZE, DIM_IN, requires_grad=False)
ideal_output = torch.randn(BATCH_SIZE, DIM_OUT, requires_grad=False)
model = TinyModel()
p(model.layer2.weight[0][0:10])
p(model.layer2.weight.grad)
optimizer = torch.optim.SGD(model.parameters(), lr=0.001)
prediction = model(some_input)
loss = (ideal_output - prediction).pow(2).sum()
p(loss)
loss.backward()
p(model.layer2.weight[0][0:10])
p(model.layer2.weight.grad[0][0:10])
optimizer.step()
n(model.layer2.weight[0][0:10])
p(model.layer2.weight.grad[0][0:10])
p(model.layer2.weight.grad[0][0:10])
for i in range(0, 5):
    prediction = model(some_input)
    loss = (ideal_output - prediction).pow(2).sum()
    loss.backward()
n(model.layer2.weight.grad[0][0:10])
optimizer.zero_grad()
p(model.layer2.weight.grad[0][0:10])
# the model given an input of the wrong width, and ideal outputs of the wrong shape (broadcast, then summed)
e(lambda: model(torch.randn(BATCH_SIZE, 100)))
e(lambda: (torch.randn(BATCH_SIZE, 3) - model(some_input)).pow(2).sum())
a = torch.ones(2, 3, requires_grad=True)
p(a)
b1 = 2 * a
p(b1)
a.requires_grad = False
b2 = 2 * a
p(b2)
a = torch.ones(2, 3, requires_grad=True) * 2
b = torch.ones(2, 3, requires_grad=True) * 3
c1 = a + b
p(c1)
with torch.no_grad():
    c2 = a + b
p(c2)
c3 = a * b
p(c3)
# requires_grad can only be turned off on a leaf
e(lambda: setattr(c3, 'requires_grad', False))


def add_tensors1(x, y):
    return x + y


@torch.no_grad()
def add_tensors2(x, y):
    return x + y


a = torch.ones(2, 3, requires_grad=True) * 2
b = torch.ones(2, 3, requires_grad=True) * 3
c1 = add_tensors1(a, b)
p(c1)
c2 = add_tensors2(a, b)
p(c2)
# torch.enable_grad(), which the tutorial names: autograd on again inside no_grad
with torch.no_grad():
    with torch.enable_grad():
        c4 = a * b
p(c4)
x = torch.rand(5, requires_grad=True)
y = x.detach()
p(x)
p(y)
# an in-place op on a value backward needs
x = torch.rand(5, requires_grad=True)
y = x.exp()
y.add_(1)
e(lambda: y.sum().backward())
x = torch.randn(3, requires_grad=True)
y = x * 2
while y.data.norm() < 1000:
    y = y * 2
p(y)
e(lambda: y.backward())  # "gradients can only be implicitly computed for scalar outputs"
v = torch.tensor([0.1, 1.0, 0.0001], dtype=torch.float)
y.backward(v)
p(x.grad)


def exp_adder(x, y):
    return 2 * x.exp() + 3 * y


inputs = (torch.rand(1), torch.rand(1))
p(inputs)
p(torch.autograd.functional.jacobian(exp_adder, inputs))
inputs = (torch.rand(3), torch.rand(3))
p(inputs)
p(torch.autograd.functional.jacobian(exp_adder, inputs))


# the Hessian the tutorial describes, of a function with a scalar output (torch.autograd.functional.hessian's own
# example)
def pow_adder_reducer(x, y):
    return (2 * x.pow(2) + 3 * y.pow(2)).sum()


inputs = (torch.rand(2), torch.rand(2))
p(torch.autograd.functional.hessian(pow_adder_reducer, inputs))
e(lambda: torch.autograd.functional.hessian(exp_adder, inputs))


def do_some_doubling(x):
    y = x * 2
    while y.data.norm() < 1000:
        y = y * 2
    return y


inputs = torch.randn(3)
my_gradients = torch.tensor([0.1, 1.0, 0.0001])
p(torch.autograd.functional.vjp(do_some_doubling, inputs, v=my_gradients))
# the products the tutorial names: jvp, vhp, hvp
p(torch.autograd.functional.jvp(do_some_doubling, inputs, v=my_gradients))
inputs = (torch.rand(2), torch.rand(2))
p(torch.autograd.functional.hvp(pow_adder_reducer, inputs, v=(torch.ones(2), torch.ones(2))))
p(torch.autograd.functional.vhp(pow_adder_reducer, inputs, v=(torch.ones(2), torch.ones(2))))
e(lambda: torch.autograd.functional.vjp(do_some_doubling, torch.randn(3), v=torch.ones(2)))

# --------------------------------------------------------------------------------------------------
# modelsyt_tutorial.py
program('modelsyt')


class TinyModel(torch.nn.Module):

    def __init__(self):
        super(TinyModel, self).__init__()
        self.linear1 = torch.nn.Linear(100, 200)
        self.activation = torch.nn.ReLU()
        self.linear2 = torch.nn.Linear(200, 10)
        self.softmax = torch.nn.Softmax()

    def forward(self, x):
        x = self.linear1(x)
        x = self.activation(x)
        x = self.linear2(x)
        x = self.softmax(x)
        return x


tinymodel = TinyModel()
p('The model:')
p(tinymodel)
p('\n\nJust one layer:')
p(tinymodel.linear2)
p('\n\nModel params:')
for param in tinymodel.parameters():
    p(param)
p('\n\nLayer params:')
for param in tinymodel.linear2.parameters():
    p(param)
p([name for name, _ in tinymodel.named_parameters()])
lin = torch.nn.Linear(3, 2)
x = torch.rand(1, 3)
p('Input:')
p(x)
p('\n\nWeight and Bias parameters:')
for param in lin.parameters():
    p(param)
y = lin(x)
p('\n\nOutput:')
p(y)
e(lambda: lin(torch.rand(1, 4)))


# `import torch.functional as F` in the tutorial, whose forward is never run there: torch.functional has no
# max_pool2d, so this forward uses torch.nn.functional
class LeNet(torch.nn.Module):

    def __init__(self):
        super(LeNet, self).__init__()
        self.conv1 = torch.nn.Conv2d(1, 6, 5)
        self.conv2 = torch.nn.Conv2d(6, 16, 3)
        self.fc1 = torch.nn.Linear(16 * 6 * 6, 120)
        self.fc2 = torch.nn.Linear(120, 84)
        self.fc3 = torch.nn.Linear(84, 10)

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


lenet = LeNet()
p(lenet)
p(lenet(torch.rand(1, 1, 32, 32)))
p([(name, tuple(t.shape)) for name, t in lenet.state_dict().items()])
e(lambda: lenet(torch.rand(1, 3, 32, 32)))


class LSTMTagger(torch.nn.Module):

    def __init__(self, embedding_dim, hidden_dim, vocab_size, tagset_size):
        super(LSTMTagger, self).__init__()
        self.hidden_dim = hidden_dim
        self.word_embeddings = torch.nn.Embedding(vocab_size, embedding_dim)
        self.lstm = torch.nn.LSTM(embedding_dim, hidden_dim)
        self.hidden2tag = torch.nn.Linear(hidden_dim, tagset_size)

    def forward(self, sentence):
        embeds = self.word_embeddings(sentence)
        lstm_out, _ = self.lstm(embeds.view(len(sentence), 1, -1))
        tag_space = self.hidden2tag(lstm_out.view(len(sentence), -1))
        tag_scores = F.log_softmax(tag_space, dim=1)
        return tag_scores


# the sizes of the Sequence Models tutorial the text points to (6, 6, its 9 words, 3 tags)
tagger = LSTMTagger(6, 6, 9, 3)
p(tagger)
sentence = torch.tensor([0, 1, 2, 3, 4])
p(tagger(sentence))
# (an index past the vocabulary: tocha's message adds the index and the Embedding's sizes to PyTorch's, so it is not
# compared here)
# the Transformer classes the text names, small
transformer = torch.nn.Transformer(d_model=16, nhead=2, num_encoder_layers=1, num_decoder_layers=1,
                                   dim_feedforward=32)
p(transformer)
p(torch.nn.TransformerEncoderLayer(d_model=16, nhead=4))
p(torch.nn.TransformerDecoderLayer(d_model=16, nhead=4, dim_feedforward=64, dropout=0.0, batch_first=True))
e(lambda: torch.nn.TransformerEncoderLayer(d_model=16, nhead=3))
my_tensor = torch.rand(1, 6, 6)
p(my_tensor)
maxpool_layer = torch.nn.MaxPool2d(3)
p(maxpool_layer)
p(maxpool_layer(my_tensor))
e(lambda: maxpool_layer(torch.rand(1, 2, 2)))
my_tensor = torch.rand(1, 4, 4) * 20 + 5
p(my_tensor)
p(my_tensor.mean())
norm_layer = torch.nn.BatchNorm1d(4)
p(norm_layer)
normed_tensor = norm_layer(my_tensor)
p(normed_tensor)
p(normed_tensor.mean())
p(norm_layer.running_mean, norm_layer.running_var, norm_layer.num_batches_tracked)
e(lambda: norm_layer(torch.rand(1, 3, 4)))
e(lambda: norm_layer(torch.rand(1, 4)))
my_tensor = torch.rand(1, 4, 4)
dropout = torch.nn.Dropout(p=0.4)
p(dropout)
p(dropout(my_tensor))
p(dropout(my_tensor))
dropout.eval()
p(dropout(my_tensor))
e(lambda: torch.nn.Dropout(p=1.5))
# the activation functions and losses the text names
act_in = torch.linspace(-2, 2, 5)
for act in (torch.nn.ReLU(), torch.nn.LeakyReLU(0.1), torch.nn.Tanh(), torch.nn.Hardtanh(), torch.nn.Sigmoid(),
            torch.nn.Softmax(dim=0)):
    p(act, act(act_in))
pred = torch.rand(3, 5, requires_grad=True)
target = torch.rand(3, 5)
classes_ = torch.tensor([1, 0, 4])
for loss_fn, args in ((torch.nn.MSELoss(), (pred, target)), (torch.nn.L1Loss(), (pred, target)),
                      (torch.nn.CrossEntropyLoss(), (pred, classes_)),
                      (torch.nn.NLLLoss(), (F.log_softmax(pred, dim=1), classes_))):
    p(loss_fn, loss_fn(*args))
e(lambda: torch.nn.MSELoss()(pred, classes_))
e(lambda: torch.nn.NLLLoss()(pred, classes_.float()))

# --------------------------------------------------------------------------------------------------
# trainingyt.py: Fashion-MNIST replaced by synthetic 1x28x28 images (brighter for higher labels), 100 for training
# and 20 for validation, normalized as transforms.Normalize((0.5,), (0.5,)) does; EPOCHS 3 and a report every 5
# batches (5 and 1000 in the tutorial); no TensorBoard (the SummaryWriter calls are left out) and a fixed timestamp
# in the model's file name
program('trainingyt')
train_labels = torch.randint(0, 10, (100,))
train_images = ((torch.rand(100, 1, 28, 28) + train_labels.view(-1, 1, 1, 1) / 10) / 2 - 0.5) / 0.5
valid_labels = torch.randint(0, 10, (20,))
valid_images = ((torch.rand(20, 1, 28, 28) + valid_labels.view(-1, 1, 1, 1) / 10) / 2 - 0.5) / 0.5
training_set = TensorDataset(train_images, train_labels)
validation_set = TensorDataset(valid_images, valid_labels)
training_loader = torch.utils.data.DataLoader(training_set, batch_size=4, shuffle=True)
validation_loader = torch.utils.data.DataLoader(validation_set, batch_size=4, shuffle=False)
classes = ('T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat',
           'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle Boot')
p('Training set has {} instances'.format(len(training_set)))
p('Validation set has {} instances'.format(len(validation_set)))
dataiter = iter(training_loader)
images, labels = next(dataiter)
p('  '.join(classes[labels[j]] for j in range(4)))


class GarmentClassifier(nn.Module):
    def __init__(self):
        super(GarmentClassifier, self).__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 4 * 4, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, 16 * 4 * 4)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


model = GarmentClassifier()
p(model)
loss_fn = torch.nn.CrossEntropyLoss()
dummy_outputs = torch.rand(4, 10)
dummy_labels = torch.tensor([1, 5, 3, 7])
p(dummy_outputs)
p(dummy_labels)
loss = loss_fn(dummy_outputs, dummy_labels)
p('Total loss for this batch: {}'.format(loss.item()))
# labels as floats, a label past the classes, one label too many
e(lambda: loss_fn(dummy_outputs, dummy_labels.float()))
e(lambda: loss_fn(dummy_outputs, torch.tensor([1, 5, 3, 10])))
e(lambda: loss_fn(dummy_outputs, torch.tensor([1, 5, 3, 7, 2])))
optimizer = torch.optim.SGD(model.parameters(), lr=0.001, momentum=0.9)
p(optimizer)
e(lambda: torch.optim.SGD(model.parameters(), lr=-0.001, momentum=0.9))


def train_one_epoch(epoch_index):
    running_loss = 0.
    last_loss = 0.
    for i, data in enumerate(training_loader):
        inputs, labels = data
        optimizer.zero_grad()
        outputs = model(inputs)
        loss = loss_fn(outputs, labels)
        loss.backward()
        optimizer.step()
        running_loss += loss.item()
        if i % 5 == 4:
            last_loss = running_loss / 5  # loss per batch
            n('  batch {} loss: {}'.format(i + 1, last_loss))
            running_loss = 0.
    return last_loss


model_dir = tmp
epoch_number = 0
EPOCHS = 3
best_vloss = 1_000_000.
model_path = None
for epoch in range(EPOCHS):
    p('EPOCH {}:'.format(epoch_number + 1))
    model.train(True)
    avg_loss = train_one_epoch(epoch_number)
    model.train(False)
    running_vloss = 0.0
    for i, vdata in enumerate(validation_loader):
        vinputs, vlabels = vdata
        voutputs = model(vinputs)
        vloss = loss_fn(voutputs, vlabels)
        running_vloss += vloss
    avg_vloss = running_vloss / (i + 1)
    n('LOSS train {} valid {}'.format(avg_loss, avg_vloss))
    if avg_vloss < best_vloss:
        best_vloss = avg_vloss
        model_path = os.path.join(model_dir, 'model_{}_{}'.format('20221115_120000', epoch_number))
        torch.save(model.state_dict(), model_path)
    epoch_number += 1
p(os.path.basename(model_path))
saved_model = GarmentClassifier()
p(saved_model.load_state_dict(torch.load(model_path)))
p(list(saved_model.state_dict().keys()))
saved_model.eval()
with torch.no_grad():
    p(torch.equal(saved_model(valid_images[:4]), model(valid_images[:4])))
    n(saved_model(valid_images[:2]))
# the state_dict into a model of another shape (introyt1's LeNet), and a key missing
e(lambda: LeNet().load_state_dict(torch.load(model_path)))
sd = torch.load(model_path)
del sd['fc3.bias']
e(lambda: saved_model.load_state_dict(sd))
p(saved_model.load_state_dict(sd, strict=False))

write('test/fixtures/introyt.json')
