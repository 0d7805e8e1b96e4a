# Fixture for test/weight-norm.test.ts: PyTorch 1.13's nn.utils.weight_norm / spectral_norm and their
# remove_*: parameters and buffers made (names, values, seeded u and v), outputs, gradients, training
# steps, eval mode, removal, and the errors.
# Run: /usr/bin/python3 scripts/gen-weight-norm.py > test/fixtures/weight-norm.json
import json
import torch
from pyfixture import err, L
from torch import nn


out = {}
x = torch.tensor([[0.5, -1.0, 2.0, 0.25], [1.5, 0.5, -0.75, 1.0]])
out['x'] = L(x)

# weight_norm on a Linear: three SGD steps.
torch.manual_seed(0)
lin = nn.Linear(4, 3)
w0, b0 = L(lin.weight), L(lin.bias)
nn.utils.weight_norm(lin)
wn = {'w0': w0, 'b0': b0, 'keys': list(lin.state_dict().keys()), 'params': [n for n, _ in lin.named_parameters()],
      'g': L(lin.weight_g), 'v': L(lin.weight_v), 'weight': L(lin.weight), 'grad_fn': type(lin.weight.grad_fn).__name__,
      'repr': repr(lin)}
opt = torch.optim.SGD(lin.parameters(), lr=0.1)
losses = []
for i in range(3):
    opt.zero_grad()
    loss = lin(x).pow(2).sum()
    losses.append(loss.item())
    loss.backward()
    if i == 0:
        wn['grad_g'], wn['grad_v'] = L(lin.weight_g.grad), L(lin.weight_v.grad)
    opt.step()
wn['losses'] = losses
wn['g_after'], wn['v_after'], wn['weight_after'] = L(lin.weight_g), L(lin.weight_v), L(lin(x))
nn.utils.remove_weight_norm(lin)
wn['removed'] = {'params': [n for n, _ in lin.named_parameters()], 'weight': L(lin.weight)}
out['weight_norm'] = wn
out['weight_norm_shapes'] = {
    'none': list(nn.utils.weight_norm(nn.Linear(3, 2), dim=None).weight_g.shape),
    'conv_dim1': list(nn.utils.weight_norm(nn.Conv2d(2, 4, 3), dim=1).weight_g.shape),
    'conv_last': list(nn.utils.weight_norm(nn.Conv2d(2, 4, 3), dim=3).weight_g.shape),
}
torch.manual_seed(5)
c = nn.Conv2d(2, 3, 2)
cw, cb = L(c.weight), L(c.bias)
nn.utils.weight_norm(c, dim=1)
img = torch.randn(1, 2, 3, 3)
y = c(img)
y.sum().backward()
out['weight_norm_conv'] = {'w': cw, 'b': cb, 'img': L(img), 'y': L(y), 'grad_g': L(c.weight_g.grad), 'grad_v': L(c.weight_v.grad),
                           'grad_fn': type(c.weight.grad_fn).__name__}
lin_none = nn.utils.weight_norm(nn.Linear(3, 2), dim=None)
out['weight_norm_none_grad_fn'] = type(lin_none.weight.grad_fn).__name__

# spectral_norm on a Linear: u and v are drawn after the layer's init; two training forwards, then eval.
torch.manual_seed(1)
sl = nn.Linear(4, 3)
sw0, sb0 = L(sl.weight), L(sl.bias)
nn.utils.spectral_norm(sl)
sn = {'w0': sw0, 'b0': sb0, 'keys': list(sl.state_dict().keys()), 'params': [n for n, _ in sl.named_parameters()],
      'buffers': [n for n, _ in sl.named_buffers()], 'u0': L(sl.weight_u), 'v0': L(sl.weight_v)}
opt = torch.optim.SGD(sl.parameters(), lr=0.1)
steps = []
for i in range(2):
    opt.zero_grad()
    loss = sl(x).pow(2).sum()
    loss.backward()
    steps.append({'loss': loss.item(), 'u': L(sl.weight_u), 'v': L(sl.weight_v), 'weight': L(sl.weight),
                  'grad_orig': L(sl.weight_orig.grad), 'grad_fn': type(sl.weight.grad_fn).__name__})
    opt.step()
sn['steps'] = steps
sl.eval()
sn['eval'] = {'y': L(sl(x)), 'u': L(sl.weight_u)}
nn.utils.remove_spectral_norm(sl)
sn['removed'] = {'params': [n for n, _ in sl.named_parameters()], 'buffers': [n for n, _ in sl.named_buffers()],
                 'weight': L(sl.weight)}
out['spectral_norm'] = sn
torch.manual_seed(2)
ct = nn.ConvTranspose2d(3, 5, 2)
nn.utils.spectral_norm(ct)
out['spectral_norm_convt'] = {'u': list(ct.weight_u.shape), 'v': list(ct.weight_v.shape)}

def twice(f):
    m = f(nn.Linear(3, 2))
    f(m)
out['errors'] = {
    'wn_twice': err(lambda: twice(nn.utils.weight_norm)),
    'sn_twice': err(lambda: twice(nn.utils.spectral_norm)),
    'sn_iters': err(lambda: nn.utils.spectral_norm(nn.Linear(3, 2), n_power_iterations=0)),
    'wn_remove': err(lambda: nn.utils.remove_weight_norm(nn.Linear(3, 2))),
    'sn_remove': err(lambda: nn.utils.remove_spectral_norm(nn.Linear(3, 2))),
}
print(json.dumps(out))
