# Fixture for test/swa.test.ts: PyTorch 1.13's torch.optim.swa_utils (AveragedModel, SWALR, update_bn) and
# optim.SparseAdam. A seeded MLP with BatchNorm trained with SGD over a shuffled DataLoader, CosineAnnealingLR then
# SWALR, averaged from epoch 5, BatchNorm statistics recomputed by update_bn; an EMA with avg_fn and use_buffers;
# SWALR's schedules; the errors and warnings.
# Run: /usr/bin/python3 scripts/gen-swa.py > test/fixtures/swa.json
import json
import warnings
import torch
from torch import nn
from torch.optim.swa_utils import AveragedModel, SWALR, update_bn
from torch.utils.data import DataLoader, TensorDataset
from pyfixture import err, L

out = {}


def net():
    return nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 3))


def state(m):
    return {k: L(v) for k, v in m.state_dict().items()}


# ---------------------------------------------------------------- SWA training
torch.manual_seed(0)
X = torch.randn(64, 4)
Y = torch.randint(0, 3, (64,))
model = net()
init = state(model)
loader = DataLoader(TensorDataset(X, Y), batch_size=16, shuffle=True, generator=torch.Generator().manual_seed(1))
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10)
swa_model = AveragedModel(model)
swa_sched = SWALR(opt, swa_lr=0.02, anneal_epochs=3, anneal_strategy='linear')
lrs, losses, n_avg = [], [], []
for epoch in range(10):
    for xb, yb in loader:
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(xb), yb)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    if epoch >= 5:
        swa_model.update_parameters(model)
        swa_sched.step()
    else:
        sched.step()
    lrs.append(opt.param_groups[0]['lr'])
    n_avg.append(swa_model.n_averaged.item())
before_bn = state(swa_model)
update_bn(loader, swa_model)
bn = swa_model.module[1]
training_after = swa_model.training
swa_model.eval()
out['train'] = {
    'X': L(X), 'Y': L(Y), 'init': init, 'lrs': lrs, 'losses': losses, 'n_averaged': n_avg,
    'keys': list(swa_model.state_dict().keys()), 'model': state(model), 'swa_before_bn': before_bn,
    'swa': state(swa_model), 'momentum_after': bn.momentum,
    'swa_out': L(swa_model(X[:5])), 'training_after': training_after, 'swa_sched': {k: v for k, v in swa_sched.state_dict().items() if k != 'anneal_func'},
    'groups_swa_lr': [g['swa_lr'] for g in opt.param_groups], 'repr': repr(swa_model),
}

# ---------------------------------------------------------------- EMA: avg_fn, use_buffers (SGD: Adam would turn the first
# Linear's bias gradient, rounding noise behind BatchNorm, into whole steps)
torch.manual_seed(2)
m = net()
ema_init = state(m)
ema = AveragedModel(m, avg_fn=lambda a, p, n: 0.75 * a + 0.25 * p, use_buffers=True)
opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.5)
xs = torch.randn(3, 8, 4)
for i in range(3):
    opt.zero_grad()
    m(xs[i]).pow(2).mean().backward()
    opt.step()
    ema.update_parameters(m)
out['ema'] = {'init': ema_init, 'xs': L(xs), 'model': state(m), 'ema': state(ema)}

# equal average of buffers: an int64 buffer (num_batches_tracked) truncates the average
bn1 = nn.BatchNorm1d(2)
bn1.num_batches_tracked.fill_(5)
avg = AveragedModel(bn1, use_buffers=True)
avg.update_parameters(bn1)
bn1.num_batches_tracked.fill_(8)
avg.update_parameters(bn1)
out['int_buffer'] = avg.module.num_batches_tracked.item()

# ---------------------------------------------------------------- SWALR schedules
def schedule(lr, swa_lr, steps, **kw):
    p = torch.zeros(1, requires_grad=True)
    o = torch.optim.SGD([{'params': [p]}, {'params': [torch.zeros(1, requires_grad=True)], 'lr': lr * 2}], lr=lr)
    s = SWALR(o, swa_lr, **kw)
    r = [[g['lr'] for g in o.param_groups]]
    for _ in range(steps):
        o.step()
        s.step()
        r.append([g['lr'] for g in o.param_groups])
    return {'lr': lr, 'swa_lr': swa_lr, 'kwargs': kw, 'lrs': r, 'last_lr': s.get_last_lr()}


out['schedules'] = [
    schedule(0.5, 0.05, 6, anneal_epochs=3),
    schedule(0.5, 0.05, 6, anneal_epochs=3, anneal_strategy='linear'),
    schedule(0.2, [0.01, 0.3], 5, anneal_epochs=0),
    schedule(0.2, 0.1, 14),
    schedule(0.3, 0.1, 4, anneal_epochs=1, anneal_strategy='linear'),
]

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    p = torch.zeros(1, requires_grad=True)
    s = SWALR(torch.optim.SGD([p], lr=0.1), 0.01)
    s.get_lr()
    out['get_lr_warning'] = str(w[-1].message)

opt1 = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
out['errors'] = {
    'swa_lr_len': err(lambda: SWALR(opt1, swa_lr=[0.1, 0.2])),
    'strategy': err(lambda: SWALR(opt1, swa_lr=0.1, anneal_strategy='exp')),
    'epochs_neg': err(lambda: SWALR(opt1, swa_lr=0.1, anneal_epochs=-1)),
    'epochs_float': err(lambda: SWALR(opt1, swa_lr=0.1, anneal_epochs=2.5)),
    'missing': err(lambda: SWALR(opt1)),
    'too_many': err(lambda: SWALR(opt1, 0.1, 2, 'cos', -1, True)),
}

# ---------------------------------------------------------------- SparseAdam
p = nn.Parameter(torch.ones(3))
sa = torch.optim.SparseAdam([p])
sa_sd = sa.state_dict()
p.grad = torch.ones(3)
out['sparse_adam'] = {
    'repr': repr(sa), 'param_groups': [{k: v for k, v in g.items()} for g in sa_sd['param_groups']],
    'dense_grad': err(lambda: sa.step()),
    'state_after': len(sa.state), 'p_after': L(p),
    'errors': {
        'lr0': err(lambda: torch.optim.SparseAdam([p], lr=0)),
        'lr_neg': err(lambda: torch.optim.SparseAdam([p], lr=-1.0)),
        'eps0': err(lambda: torch.optim.SparseAdam([p], eps=0.0)),
        'beta0': err(lambda: torch.optim.SparseAdam([p], betas=(1.0, 0.5))),
        'beta1': err(lambda: torch.optim.SparseAdam([p], betas=(0.5, -0.1))),
        'too_many': err(lambda: torch.optim.SparseAdam([p], 0.1, (0.9, 0.99), 1e-8, False, 3)),
        'unknown': err(lambda: torch.optim.SparseAdam([p], foo=1)),
        'sparse_param': err(lambda: torch.optim.SparseAdam([torch.zeros(2, 2).to_sparse()])),
    },
}

print(json.dumps(out))
