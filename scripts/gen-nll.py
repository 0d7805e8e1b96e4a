# Fixture for test/nll.test.ts: PyTorch 1.13's F.nll_loss and F.cross_entropy on 1-D and 2-D input,
# bit for bit: batches that cross the cascade's levels (16, 256, 4096 rows), class weights, ignored
# targets (some rows, all rows), every reduction, the gradient with respect to the input (a weighted
# grad_output for reduction='none'), and the first out-of-range target in the message. Inputs of more
# than 17 rows come from torch.manual_seed(seed) and torch.randn (tocha draws the same numbers; the
# fixture keeps their float64 sum as a check), and their gradients are kept as sums only.
# Run: /usr/bin/python3 scripts/gen-nll.py > test/fixtures/nll.json
import json, warnings
import torch
import torch.nn.functional as F
from pyfixture import enc, message
warnings.filterwarnings('ignore')

torch.manual_seed(0)
cases = []


def case(name, n, c, weighted=False, ignore=-100, n_ignored=0, one_d=False, scale=4.0, seed=None):
    big = n > 17
    seed = len(cases) + 1 if seed is None else seed
    torch.manual_seed(seed)
    x = torch.randn(c) if one_d else torch.randn(n, c)
    t = torch.randint(0, c, () if one_d else (n,))
    if n_ignored:
        rows = torch.randperm(n)[:n_ignored]
        t[rows] = ignore
    w = torch.rand(c) + 0.25 if weighted else None
    x = x * scale
    entry = {'name': name, 'seed': seed, 'shape': list(x.shape), 'scale': scale, 'x_sum': x.double().sum().item(),
             't': enc(t), 'w': enc(w), 'ignore_index': ignore, 'results': []}
    if not big:
        entry['x'] = enc(x)
    for fn in ('nll_loss', 'cross_entropy'):
        for reduction in ('none', 'mean', 'sum'):
            xi = x.clone().requires_grad_()
            out = getattr(F, fn)(xi, t, w, ignore_index=ignore, reduction=reduction)
            g = torch.tensor(0.75) if not out.dim() else torch.ones(out.shape) if big else \
                torch.linspace(-1.5, 2.0, out.numel()).reshape(out.shape)
            out.backward(g)
            r = {'fn': fn, 'reduction': reduction, 'grad_output': None if big and out.dim() else enc(g)}
            if big:
                r['out_sum'] = out.double().sum().item()
                r['grad_sum'] = xi.grad.double().sum().item()
                r['grad_abs_sum'] = xi.grad.double().abs().sum().item()
                if reduction != 'none':
                    r['out'] = enc(out)
            else:
                r['out'] = enc(out)
                r['grad'] = enc(xi.grad)
            entry['results'].append(r)
    cases.append(entry)


case('one row', 1, 5)
case('1-D input', 1, 7, one_d=True)
case('1-D input, weighted', 1, 7, weighted=True, one_d=True)
case('16 rows', 16, 10)
case('17 rows, weighted', 17, 10, weighted=True)
case('300 rows (two levels)', 300, 10, scale=30.0)
case('300 rows, weighted, 40 ignored', 300, 10, weighted=True, n_ignored=40)
case('1000 rows, ignore_index 3', 1000, 4, ignore=3)
case('4100 rows (three levels)', 4100, 2, scale=100.0)
case('4100 rows, weighted', 4100, 3, weighted=True, scale=50.0)
case('all ignored', 6, 3, n_ignored=6)
case('all ignored, weighted', 6, 3, weighted=True, n_ignored=6)
case('empty batch', 0, 4)

# create_graph through cross_entropy (weighted, mean): the gradient is differentiable in x
torch.manual_seed(7)
x = torch.randn(5, 4, requires_grad=True)
t = torch.tensor([0, 3, 1, 3, 2])
w = torch.tensor([0.5, 1.0, 2.0, 0.25])
h = torch.randn(5, 4)
gx, = torch.autograd.grad(F.cross_entropy(x, t, w), x, create_graph=True)
(gx * h).sum().backward()
double = {'x': enc(x), 't': enc(t), 'w': enc(w), 'h': enc(h), 'gx': enc(gx), 'ggx': enc(x.grad)}

x = torch.randn(4, 3)
errors = {
    'too large': message(lambda: F.nll_loss(x, torch.tensor([0, 2, 3, 7]))),
    'negative': message(lambda: F.nll_loss(x, torch.tensor([0, -1, 5, 1]))),
    'none, too large': message(lambda: F.nll_loss(x, torch.tensor([1, 1, 9, 3]), reduction='none')),
    'ignored is fine': float(F.nll_loss(x, torch.tensor([0, 9, 1, 2]), ignore_index=9)),
    'weight requires grad': message(lambda: F.nll_loss(x, torch.tensor([0, 1, 2, 1]), torch.rand(3, requires_grad=True))),
    'weight requires grad, 3-D': message(lambda: F.nll_loss(torch.randn(2, 3, 5), torch.zeros(2, 5, dtype=torch.long),
                                                            torch.rand(3, requires_grad=True))),
}

# The checks in ATen's order (nll_loss_nd, then nll_loss or nll_loss2d, the int64 target last; cross_entropy's
# own before them): every input rank from 0-D to 5-D against targets of many shapes, long and float, then the
# weight and label_smoothing checks. 'ok' where PyTorch accepts the call.
def outcome(f):
    try:
        f()
    except Exception as ex:  # noqa: BLE001 - the message is the point
        return type(ex).__name__ + ': ' + str(ex)
    return 'ok'


order = []
for shape in [(), (3,), (2, 3), (1, 3), (2, 3, 4), (2, 3, 4, 5), (2, 3, 4, 5, 2)]:
    for tshape in [(), (1,), (2,), (3,), (2, 1), (1, 2), (2, 4), (2, 3), (2, 4, 5), (2, 5), (2, 4, 4), (2, 4, 5, 2), (3, 4, 5)]:
        for dtype in ('int64', 'float32'):
            for fn in ('nll_loss', 'cross_entropy'):
                t = torch.zeros(tshape, dtype=getattr(torch, dtype))
                order.append({'fn': fn, 'input': list(shape), 'target': list(tshape), 'dtype': dtype, 'weight': None,
                              'label_smoothing': 0.0, 'ignore_index': -100,
                              'outcome': outcome(lambda: getattr(F, fn)(torch.zeros(shape), t))})
for fn, shape, tshape, dtype, wshape, w_grad, ls, ignore in [
        ('nll_loss', (1, 3), (1, 2), 'int64', (3,), True, 0.0, -100), ('nll_loss', (1, 3), (1, 2), 'int64', (2,), False, 0.0, -100),
        ('nll_loss', (1, 3), (1, 2), 'float32', (2,), False, 0.0, -100), ('nll_loss', (1, 3), (1,), 'float32', (2,), False, 0.0, -100),
        ('nll_loss', (1, 3), (1,), 'float32', (3,), True, 0.0, -100), ('nll_loss', (1, 3, 4, 5), (1, 4), 'int64', (3,), True, 0.0, -100),
        ('nll_loss', (1, 3, 4, 5), (1, 4), 'int64', (2,), False, 0.0, -100), ('nll_loss', (1, 3, 4, 5), (1, 4, 4), 'int64', (2,), False, 0.0, -100),
        ('nll_loss', (1, 3, 4, 5), (1, 4, 4), 'int64', (3, 1), False, 0.0, -100), ('nll_loss', (1, 3, 4), (1, 4), 'int64', (3, 1), False, 0.0, -100),
        ('nll_loss', (1, 3, 4), (1, 5), 'int64', (3,), True, 0.0, -100), ('nll_loss', (1, 3), (1,), 'int64', (3, 1), False, 0.0, -100),
        ('nll_loss', (0, 3), (), 'int64', None, False, 0.0, -100),
        ('cross_entropy', (1, 3), (1,), 'int64', None, False, 1.5, -100), ('cross_entropy', (1, 3), (1,), 'int64', None, False, -0.5, -100),
        ('cross_entropy', (1, 3), (1, 3), 'float32', None, False, 1.5, -100), ('cross_entropy', (1, 3), (2,), 'int64', None, False, 1.5, -100),
        ('cross_entropy', (2, 3), (2, 3), 'int64', None, False, 1.5, -100), ('cross_entropy', (2, 3), (2, 3), 'float32', None, False, 1.5, 1),
        ('cross_entropy', (2, 3), (2, 3), 'float32', (2,), False, 1.5, -100), ('cross_entropy', (2, 3), (2, 3), 'float32', (2,), False, 0.0, -100),
        ('cross_entropy', (2, 3), (2,), 'int64', (2,), False, 1.5, -100), ('cross_entropy', (2, 3), (2,), 'int64', (2,), False, 0.5, -100),
        ('cross_entropy', (2, 3), (2,), 'int64', (2,), False, 0.0, -100), ('cross_entropy', (2, 3), (2,), 'float32', (2,), False, 0.0, -100),
        ('cross_entropy', (2, 3), (2,), 'float32', (2,), False, 0.5, -100), ('cross_entropy', (2, 3), (2,), 'float32', None, False, 0.5, -100),
        ('cross_entropy', (2, 3), (3,), 'int64', None, False, 0.5, -100), ('cross_entropy', (), (), 'float32', None, False, 1.5, -100),
        ('cross_entropy', (2, 3, 4), (2, 3, 4), 'float32', (2,), False, 0.0, -100),
        ('cross_entropy', (2, 3, 4), (2, 5), 'int64', (2,), False, 0.5, -100),
        ('cross_entropy', (2, 3, 4), (2, 4), 'int64', (2,), False, 0.5, -100), ('cross_entropy', (2, 3, 4), (2, 4), 'int64', (3, 1), False, 0.0, -100)]:
    t = torch.zeros(tshape, dtype=getattr(torch, dtype))
    w = None if wshape is None else torch.rand(wshape, requires_grad=w_grad)
    order.append({'fn': fn, 'input': list(shape), 'target': list(tshape), 'dtype': dtype, 'weight': wshape and list(wshape),
                  'weight_requires_grad': w_grad, 'label_smoothing': ls, 'ignore_index': ignore,
                  'outcome': outcome(lambda: getattr(F, fn)(torch.zeros(shape), t, w, label_smoothing=ls, ignore_index=ignore)
                                     if fn == 'cross_entropy' else F.nll_loss(torch.zeros(shape), t, w, ignore_index=ignore))})

# A 1-D input takes a 1-D target of its own length and reads its first entry; a negative label_smoothing is none.
x = torch.tensor([0.1, 0.2, 0.3], requires_grad=True)
loss = F.nll_loss(x, torch.tensor([2, 0, 1]))
loss.backward()
torch.manual_seed(3)
xs, ps = torch.randn(2, 3), torch.randn(2, 3).softmax(1)
quirks = {'one_d_target': enc(loss), 'one_d_grad': enc(x.grad),
          'one_d_none': enc(F.nll_loss(x, torch.tensor([2, 0, 1]), reduction='none')),
          'one_d_ignore_wide': enc(F.nll_loss(x, torch.tensor([1, 2, 2]), ignore_index=2 ** 40)),
          'xs': enc(xs), 'ps': enc(ps),
          'negative_smoothing': enc(F.cross_entropy(xs, torch.tensor([0, 2]), label_smoothing=-0.5)),
          'negative_smoothing_probs': enc(F.cross_entropy(xs, ps, label_smoothing=-0.5))}
print(json.dumps({'cases': cases, 'double': double, 'errors': errors, 'order': order, 'quirks': quirks}))
