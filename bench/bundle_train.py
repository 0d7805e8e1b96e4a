# The training app of bench/bundle.ts (TRAIN_DATA, then each library's training app) in PyTorch 1.13: the losses it
# prints, which bench/bundle.ts's --check expects every training app to print (its TRAIN_LOSSES).
#   /usr/bin/python3 bench/bundle_train.py
import math
import torch
from torch import nn, optim


def fill(n, k, s):
    """n numbers in [-s/2, s/2): the closed form every app computes (float64, then float32)."""
    return torch.tensor([((i * k) % 1009 / 1009 - 0.5) * s for i in range(n)], dtype=torch.float64).float()


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.in_layer = nn.Linear(4096, 120)
        self.out_layer = nn.Linear(120, 10)

    def forward(self, x):
        return torch.sigmoid(self.out_layer(torch.relu(self.in_layer(x))))


torch.set_num_threads(1)
net = Net()
with torch.no_grad():
    net.in_layer.weight.copy_(fill(120 * 4096, 11, 2 / math.sqrt(4096)).view(120, 4096))
    net.in_layer.bias.copy_(fill(120, 13, 2 / math.sqrt(4096)))
    net.out_layer.weight.copy_(fill(10 * 120, 17, 2 / math.sqrt(120)).view(10, 120))
    net.out_layer.bias.copy_(fill(10, 19, 2 / math.sqrt(120)))
x = fill(10 * 4096, 7, 2).view(10, 4096)
y = fill(10 * 10, 23, 1).view(10, 10) + 0.5
criterion = nn.MSELoss()
optimizer = optim.SGD(net.parameters(), lr=0.01)
for step in range(5):
    optimizer.zero_grad()
    loss = criterion(net(x), y)
    loss.backward()
    optimizer.step()
    print(repr(loss.item()))
