# Fixture for test/backward-hooks.test.ts: PyTorch 1.13's module full backward hooks
# (register_full_backward_hook): grad_input / grad_output values, call order, replacement of
# grad_input, grad_fn names, and errors.
# Run: /usr/bin/python3 scripts/gen-backward-hooks.py > test/fixtures/backward-hooks.json
import json
import torch
from pyfixture import err, L
from torch import nn


def params(m):
    return {k: v.tolist() for k, v in m.state_dict().items()}


out = {}
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
log = []
for i, m in enumerate(net):
    m.register_full_backward_hook(lambda m, gi, go, i=i: log.append({'layer': i, 'grad_input': [L(g) for g in gi], 'grad_output': [L(g) for g in go]}))
x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.25]], requires_grad=True)
y = net(x)
(y * torch.tensor([[1.0, -1.0], [0.5, 2.0]])).sum().backward()
out['sequential'] = {'params': params(net), 'x': L(x), 'grad_fn': type(y.grad_fn).__name__, 'log': log, 'x_grad': L(x.grad)}

# An input that needs no gradient: grad_input is (None,).
log2 = []
lin = net[0]
lin2 = nn.Linear(3, 4)
lin2.load_state_dict(lin.state_dict())
lin2.register_full_backward_hook(lambda m, gi, go: log2.append({'grad_input': [L(g) for g in gi], 'grad_output': [L(g) for g in go]}))
lin2(torch.tensor([[1.0, 2.0, 3.0]])).sum().backward()
out['no_input_grad'] = {'log': log2, 'weight_grad': L(lin2.weight.grad)}

# Replacing grad_input, and a residual path around the module (grad_input excludes it).
torch.manual_seed(1)
sq = nn.Linear(3, 3)
seen = []
def double(m, gi, go):
    seen.append([L(g) for g in gi])
    return (gi[0] * 2,)
sq.register_full_backward_hook(double)
x = torch.tensor([[0.5, -1.0, 2.0]], requires_grad=True)
(x + sq(x)).pow(2).sum().backward()
out['residual_double'] = {'params': params(sq), 'x': L(x), 'seen': seen, 'x_grad': L(x.grad)}

# Two tensor inputs (Bilinear), one of them without grad, plus a non-tensor argument elsewhere.
torch.manual_seed(2)
bl = nn.Bilinear(2, 3, 2)
log3 = []
bl.register_full_backward_hook(lambda m, gi, go: log3.append({'grad_input': [L(g) for g in gi], 'grad_output': [L(g) for g in go]}))
a = torch.tensor([[1.0, -2.0]], requires_grad=True)
b = torch.tensor([[0.5, 0.25, -1.0]], requires_grad=True)
bl(a, b).sum().backward()
c = torch.tensor([[0.5, 0.25, -1.0]])
bl(a, c).sum().backward()
out['bilinear'] = {'params': params(bl), 'a': L(a), 'b': L(b), 'log': log3}

def wrong_count():
    m = nn.Linear(2, 2)
    m.register_full_backward_hook(lambda m, gi, go: (gi[0], gi[0]))
    m(torch.ones(1, 2, requires_grad=True)).sum().backward()
def no_input_returns():
    m = nn.Linear(2, 2)
    m.register_full_backward_hook(lambda m, gi, go: (torch.ones(1, 2),))
    m(torch.ones(1, 2)).sum().backward()
out['errors'] = {'wrong_count': err(wrong_count), 'no_input_returns': err(no_input_returns)}
print(json.dumps(out))
