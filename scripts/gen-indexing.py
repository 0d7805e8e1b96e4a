# PyTorch 1.13's advanced indexing, index_put_, where(cond), clip_grad_norm_/clip_grad_value_ and
# parameters_to_vector -> test/fixtures/indexing.json (read by test/indexing.test.ts).
# Run with /usr/bin/python3 (the interpreter that has PyTorch 1.13).
import json, math
import torch
from torch.nn.utils import clip_grad_norm_, clip_grad_value_, parameters_to_vector

torch.manual_seed(0)

def make_x(shape):
    n = 1
    for s in shape: n *= s
    return (torch.arange(n, dtype=torch.float32) * 0.5 - 3).reshape(shape)

def to_index(spec):
    out = []
    for it in spec:
        if it is None: out.append(slice(None))
        elif 'none' in it: out.append(None)        # Python's None (a new dim): tocha's 'None'
        elif 'ell' in it: out.append(Ellipsis)     # tocha's '...'
        elif 'b' in it: out.append(it['b'])        # Python's True/False: a 0-dim bool index
        elif 'n' in it: out.append(it['n'])
        elif 's' in it: out.append(slice(*it['s']))
        else: out.append(torch.tensor(it['t'], dtype=torch.bool if it.get('bool') else torch.int64))
    return tuple(out)

def flat(t): return t.detach().reshape(-1).tolist()
def err(e): return {'type': type(e).__name__, 'msg': str(e).split('\n')[0]}

T = lambda v, b=False: {'t': v, 'bool': True} if b else {'t': v}
N = lambda n: {'n': n}
S = lambda *a: {'s': list(a)}
NONE = {'none': True}
ELL = {'ell': True}
B = lambda b: {'b': b}

index_specs = [
    ([3, 4], [T([1, 0])]),
    ([3, 4], [T([2, -1, 0, 0])]),
    ([3, 4], [None, T([3, 0])]),
    ([3, 4], [T([[0, 1], [2, 0]])]),
    ([3, 4], [T([0, 2]), T([1, 3])]),
    ([3, 4], [T([[0], [2]]), T([1, 3, 0])]),
    ([3, 4], [T([[True, False, True, False], [False, False, False, False], [True, True, True, True]], True)]),
    ([3, 4], [T([True, False, True], True)]),
    ([3, 4], [None, T([False, True, True, False], True)]),
    ([3, 4], [T([True, False, True], True), T([1, 2])]),
    ([3, 4], [T(True, True)]),
    ([3, 4], [T(False, True)]),
    ([3, 4], [T(1)]),
    ([3, 4], [T([], False)]),
    ([2, 3, 4, 5], [None, T([0, 2]), None, T([1, 4])]),
    ([2, 3, 4, 5], [None, T([0, 2]), T([1, 3])]),
    ([2, 3, 4, 5], [N(0), None, T([0, 1]), T([1, 2])]),
    ([2, 3, 4, 5], [N(1), None, T([0, 3])]),
    ([2, 3, 4, 5], [T([1, 0]), None, N(2)]),
    ([2, 3, 4, 5], [S(None, None, 2), T([[2, 0]]), S(1, 3)]),
    ([2, 3, 4, 5], [T([0, 1, 1]), T([0]), T([3, 2, 1]), T([4, 4, 0])]),
    ([2, 3, 4], [None, None, T([[True, False, True, False]] * 3, True)]),
    ([2, 3, 4], [T([[True, False, True]] * 2, True), T([0, 3, 1, 2])]),
    ([5], [T([4, 4, 1, -5])]),
    # None (a new dim of size 1), with the Ellipsis, numbers, slices and index tensors; True/False
    ([2, 3], [NONE]),
    ([2, 3], [None, NONE]),
    ([2, 3], [ELL, NONE]),
    ([2, 3], [NONE, ELL, NONE, N(1)]),
    ([2, 3], [NONE, NONE, N(1), NONE, N(2)]),
    ([2, 3], [NONE, T([1, 0])]),
    ([2, 3], [T([1, 0]), NONE]),
    ([2, 3, 4], [T([1, 0]), NONE, T([2, 3])]),
    ([2, 3, 4], [T([1, 0]), NONE, T([2, 1])]),
    ([2, 3], [NONE, S(0, 1), NONE]),
    ([2, 3], [B(True)]),
    ([2, 3], [B(False)]),
    ([2, 3], [N(1), B(True)]),
    # errors
    ([2, 3], [{'n': 1.5}]),
    ([2, 3], [NONE, N(0), N(0), N(0)]),
    ([3, 4], [T([5])]),
    ([3, 4], [None, T([5])]),
    ([3, 4], [None, T([-5])]),
    ([2, 3, 4, 5], [None, None, T([0]), T([9])]),
    ([3, 4], [T([[1, 0]]), T([1, 2, 3])]),
    ([3, 4], [T([True, False], True)]),
    ([3, 4], [None, T([True, False], True)]),
    ([3, 4], [N(0), N(0), T([0])]),
    ([3, 4], [T([[True] * 4] * 3, True), T([0])]),
]
index_cases = []
for shape, spec in index_specs:
    x = make_x(shape).requires_grad_()
    c = {'shape': shape, 'idx': spec}
    try:
        y = x[to_index(spec)]
        g = torch.arange(1, y.numel() + 1, dtype=torch.float32).reshape(y.shape)
        y.backward(g)
        c.update(out_shape=list(y.shape), out=flat(y), grad_fn=type(y.grad_fn).__name__, grad=flat(x.grad))
    except Exception as e:
        c['error'] = err(e)
    index_cases.append(c)

# x[x > 0] on a float tensor, and indexing an int64 tensor
extra = {
    'mask_gt': flat(make_x([3, 4])[make_x([3, 4]) > 0]),
    'long_rows': torch.arange(6).reshape(3, 2)[torch.tensor([2, 0, 2])].tolist(),
}

put_specs = [
    ([3, 4], [T([0, 2])], [4], False),
    ([3, 4], [T([0, 2])], [], False),
    ([3, 4], [T([0, 0, 1]), T([1, 1, 3])], [3], True),
    ([3, 4], [T([0, 0, 1]), T([1, 1, 3])], [3], False),
    ([3, 4], [None, T([3, 0])], [3, 1], True),
    ([3, 4], [T([[True, False, True, False], [False] * 4, [True] * 4], True)], [6], False),
    ([2, 3, 4], [T([1, 0]), None, T([2, 2])], [3], True),
    ([3, 4], [T([0])], [3], False),
    ([3, 4], [T([7])], [], False),
]
put_cases = []
for shape, spec, vshape, acc in put_specs:
    x = make_x(shape).requires_grad_()
    n = 1
    for s in vshape: n *= s
    v = (torch.arange(n, dtype=torch.float32) + 10).reshape(vshape).requires_grad_()
    c = {'shape': shape, 'idx': spec, 'vshape': vshape, 'accumulate': acc}
    try:
        if None in spec:  # tocha's null (`:`) in index_put_: x[idx] = v as __setitem__ (no repeated indices here)
            y = x.clone()
            y[to_index(spec)] = y[to_index(spec)] + v if acc else v
        else:
            y = x.clone().index_put_(to_index(spec), v, accumulate=acc)
            assert torch.equal(y, x.index_put(to_index(spec), v, accumulate=acc))
        g = torch.arange(1, y.numel() + 1, dtype=torch.float32).reshape(y.shape)
        y.backward(g)
        c.update(out=flat(y), grad_fn=type(y.grad_fn).__name__, grad=flat(x.grad), vgrad=flat(v.grad))
    except Exception as e:
        c['error'] = err(e)
    put_cases.append(c)

where_cases = []
for vals in [[[True, False, True], [False, True, True]], [False, False], [[[1, 0], [0, 2]], [[0, 0], [3, 0]]], True]:
    cond = torch.tensor(vals)
    where_cases.append({'cond': vals, 'out': [t.tolist() for t in torch.where(cond)]})

# one index (not a tuple) on a 0-dim tensor: PyTorch's own messages for an integer and a slice
zero_dim = []
for spec, put in [(N(0), False), (N(1), False), (N(-1), False), (S(0, 1), False), (None, False), (N(0), True)]:
    z = torch.tensor(1.5)
    try:
        if put:
            z[to_index([spec])[0]] = 2.0
        else:
            z[to_index([spec])[0]]
        raise AssertionError('no error')
    except IndexError as e:
        zero_dim.append({'idx': spec, 'put': put, 'error': err(e)})

# x[idx] = v: v's leading size-1 dims are dropped first (slicePrefix1sSize), then v is expanded to x[idx]
set_cases = []
for shape, spec, vshape in [([2, 3], [N(0)], [1, 3]), ([2, 3], [N(0)], [1, 1, 3]), ([2, 3], [N(1), N(2)], [1, 1]),
                            ([2, 3], [S(0, 2)], [1, 2, 3]), ([2, 3], [T([1])], [1, 1, 3]), ([2, 3], [N(0)], [1]),
                            ([2, 3], [N(0)], [2, 3]), ([2, 3], [N(0)], [2]), ([2, 3], [S(0, 2)], [2, 2]),
                            ([2, 3], [N(0)], [1, 2]), ([2, 3], [NONE, N(1)], [3]), ([2, 3], [None, NONE, N(0)], [2, 1]),
                            ([2, 3], [ELL, NONE], [2, 3, 1])]:
    x = make_x(shape).requires_grad_()
    n = 1
    for d in vshape: n *= d
    v = (torch.arange(n, dtype=torch.float32) + 10).reshape(vshape).requires_grad_()
    c = {'shape': shape, 'idx': spec, 'vshape': vshape}
    try:
        y = x.clone()
        y[to_index(spec)] = v
        y.backward(torch.arange(1, y.numel() + 1, dtype=torch.float32).reshape(y.shape))
        c.update(out=flat(y), grad=flat(x.grad), vgrad=flat(v.grad))
    except Exception as e:
        c['error'] = err(e)
    set_cases.append(c)

# dst.copy_(src): src broadcast to dst's shape, with TensorIterator's messages
copy_cases = []
for dshape, sshape in [([10], [1, 10]), ([3], [2]), ([2, 3], [3]), ([2, 3], [2, 1]), ([3], [2, 3])]:
    n = 1
    for d in sshape: n *= d
    c = {'dst': dshape, 'src': sshape}
    try:
        c['out'] = flat(torch.zeros(dshape).copy_(torch.arange(n, dtype=torch.float32).reshape(sshape)))
    except Exception as e:
        c['error'] = err(e)
    copy_cases.append(c)


def grads_for(shapes, scale, special=None):
    gen = torch.Generator().manual_seed(7)
    ps = []
    for s in shapes:
        p = torch.zeros(s, requires_grad=True)
        p.grad = torch.randn(s, generator=gen) * scale
        ps.append(p)
    if special is not None: ps[0].grad.view(-1)[0] = special
    return ps

clip_cases = []
for shapes, max_norm, norm_type, scale, special, nonfinite in [
    ([[3, 4], [4], [2, 2, 2]], 1.0, 2.0, 1.0, None, False),
    ([[3, 4], [4]], 100.0, 2.0, 1.0, None, False),
    ([[5, 7], [7]], 0.5, 1.0, 3.0, None, False),
    ([[5, 7], [7]], 0.5, 'inf', 3.0, None, False),
    ([[6]], 0.25, 'inf', 1.0, None, False),
    ([[10, 10], [10]], 2.0, 3.0, 1.0, None, False),
    ([[3, 3]], 1.0, 2.0, 1.0, float('inf'), False),
    ([[3, 3]], 1.0, 2.0, 1.0, float('nan'), True),
    ([[4], [4]], 1.0, 2.0, 1.0, float('inf'), True),
    ([[2, 3], [3]], 1.0, 0.5, 1.0, None, False),
]:
    ps = grads_for(shapes, scale, special)
    before = [[x if math.isfinite(x) else str(x) for x in flat(p.grad)] for p in ps]
    c = {'shapes': shapes, 'grads': before, 'max_norm': max_norm, 'norm_type': norm_type, 'error_if_nonfinite': nonfinite}
    try:
        total = clip_grad_norm_(ps, max_norm, norm_type, error_if_nonfinite=nonfinite)
        c.update(total=total.item() if math.isfinite(total.item()) else str(total.item()), after=[[x if math.isfinite(x) else str(x) for x in flat(p.grad)] for p in ps])
    except Exception as e:
        c['error'] = err(e)
    clip_cases.append(c)

ps = grads_for([[3, 4], [5]], 2.0)
before = [flat(p.grad) for p in ps]
clip_grad_value_(ps, 0.75)
value_case = {'shapes': [[3, 4], [5]], 'grads': before, 'clip_value': 0.75, 'after': [flat(p.grad) for p in ps]}

empty_total = clip_grad_norm_([torch.zeros(2, requires_grad=True)], 1.0).item()

# a clipped training step: Linear + MSE, clip, SGD
torch.manual_seed(0)
lin = torch.nn.Linear(4, 3)
x = torch.randn(5, 4)
yt = torch.randn(5, 3)
init = {k: flat(v) for k, v in lin.state_dict().items()}
loss = torch.nn.functional.mse_loss(lin(x), yt) * 50
loss.backward()
total = clip_grad_norm_(lin.parameters(), 0.5)
step = {'init': init, 'x': flat(x), 'y': flat(yt), 'total': total.item(),
        'grads': [flat(p.grad) for p in lin.parameters()], 'vector': flat(parameters_to_vector(lin.parameters()))}

# index_put_ with accumulate=True on int64 tensors (repeated indices summed exactly; the adjacency matrix of
# pytorch/examples' gcn built densely)
put_int = []
for shape, idx, vals in [((4, 5), ([0, 1, 1, 3], [2, 2, 2, 4]), [5, 7, 9, 2]), ((3, 4), ([2, 0, 2],), [1, 2, 3, 4]),
                         ((3, 4), ([[0], [1], [2]], [[1, 1]]), [[10]])]:
    x = torch.arange(12 if shape == (3, 4) else 20).reshape(shape)
    y = x.clone().index_put_(tuple(torch.tensor(i) for i in idx), torch.tensor(vals), accumulate=True)
    assert y.dtype == torch.int64
    put_int.append({'shape': list(shape), 'idx': idx, 'vals': vals, 'out': y.flatten().tolist()})

json.dump({'index': index_cases, 'extra': extra, 'put': put_cases, 'put_int': put_int, 'where': where_cases,
           'clip': clip_cases, 'value': value_case, 'empty_total': empty_total, 'step': step,
           'zero_dim': zero_dim, 'set': set_cases, 'copy': copy_cases},
          open('test/fixtures/indexing.json', 'w'), indent=None)
print(len(index_cases), len(put_cases), len(clip_cases))
