# Fixture for test/nn-utils.test.ts: PyTorch 1.13's nn.utils.parametrize, nn.utils.parametrizations (spectral_norm,
# orthogonal with the Cayley map), nn.utils.stateless.functional_call, nn.utils.fusion, nn.utils.skip_init, the
# deprecated clip_grad_norm and nn.init aliases, nn.init.sparse_, and torch.autograd.Variable.
# Run: /usr/bin/python3 scripts/gen-nn-utils.py > test/fixtures/nn-utils.json
import json
import warnings
import torch
from torch import nn
import torch.nn.utils.parametrize as P
from torch.nn.utils import parametrizations, stateless
from pyfixture import err, L

out = {}


def sd(m):
    return {k: L(v) for k, v in m.state_dict().items()}


class Symmetric(nn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).transpose(-1, -2)


class SymmetricInv(Symmetric):
    def right_inverse(self, A):
        return A.triu()


class Scale(nn.Module):
    def __init__(self, s):
        super().__init__()
        self.s = s

    def forward(self, X):
        return X * self.s

    def right_inverse(self, X):
        return X / self.s


class RankOne(nn.Module):
    def forward(self, x, y):
        return x.unsqueeze(-1) @ y.unsqueeze(-2)

    def right_inverse(self, Z):
        return Z[:, 0], Z[0]


class Double(nn.Module):
    def forward(self, X):
        return torch.cat([X, X])


# ---------------------------------------------------------------- parametrize
x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])
out['x'] = L(x)
torch.manual_seed(0)
lin = nn.Linear(3, 3)
w0, b0 = L(lin.weight), L(lin.bias)
weight_obj = lin.weight
P.register_parametrization(lin, 'weight', Symmetric())
p = {'w0': w0, 'b0': b0, 'weight': L(lin.weight), 'keys': list(lin.state_dict().keys()),
     'params': [n for n, _ in lin.named_parameters()], 'repr': repr(lin), 'cls': type(lin).__name__,
     'same_object': lin.parametrizations.weight.original is weight_obj, 'original': L(lin.parametrizations.weight.original),
     'is_param': P.is_parametrized(lin), 'is_param_w': P.is_parametrized(lin, 'weight'), 'is_param_b': P.is_parametrized(lin, 'bias'),
     'type_before': P.type_before_parametrizations(lin).__name__, 'isinstance': isinstance(lin, nn.Linear),
     'grad_fn': type(lin.weight.grad_fn).__name__}
opt = torch.optim.SGD(lin.parameters(), lr=0.1)
losses = []
for i in range(2):
    opt.zero_grad()
    loss = lin(x).pow(2).sum()
    loss.backward()
    if i == 0:
        p['grad_original'] = L(lin.parametrizations.weight.original.grad)
    opt.step()
    losses.append(loss.item())
p['losses'] = losses
p['after'] = sd(lin)
P.register_parametrization(lin, 'weight', Scale(2.0))
p['chained'] = {'weight': L(lin.weight), 'repr': repr(lin), 'keys': list(lin.state_dict().keys())}
p['assign_error'] = err(lambda: setattr(lin, 'weight', torch.eye(3)))
P.remove_parametrizations(lin, 'weight')
p['removed'] = {'weight': L(lin.weight), 'repr': repr(lin), 'params': [n for n, _ in lin.named_parameters()],
                'cls': type(lin).__name__, 'is_param': P.is_parametrized(lin), 'is_parameter': isinstance(lin.weight, nn.Parameter)}
out['parametrize'] = p

# right_inverse: the initial original and assignment
torch.manual_seed(1)
lin2 = nn.Linear(3, 3)
w_init = L(lin2.weight)
P.register_parametrization(lin2, 'weight', SymmetricInv())
r = {'w0': w_init, 'original': L(lin2.parametrizations.weight.original), 'weight': L(lin2.weight)}
A = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
lin2.weight = A
r['after_assign'] = {'original': L(lin2.parametrizations.weight.original), 'weight': L(lin2.weight)}
P.remove_parametrizations(lin2, 'weight', leave_parametrized=False)
r['removed_unparametrized'] = L(lin2.weight)
out['right_inverse'] = r

# several originals (right_inverse returning a tuple)
torch.manual_seed(2)
lin3 = nn.Linear(4, 3)
w3 = L(lin3.weight)
P.register_parametrization(lin3, 'weight', RankOne())
out['rank_one'] = {'w0': w3, 'keys': list(lin3.state_dict().keys()), 'params': [n for n, _ in lin3.named_parameters()],
                   'original0': L(lin3.parametrizations.weight.original0), 'original1': L(lin3.parametrizations.weight.original1),
                   'weight': L(lin3.weight),
                   'remove_false': err(lambda: P.remove_parametrizations(lin3, 'weight', leave_parametrized=False))}
P.remove_parametrizations(lin3, 'weight')
out['rank_one']['removed'] = {'weight': L(lin3.weight), 'params': [n for n, _ in lin3.named_parameters()]}

# a buffer
bn = nn.BatchNorm1d(3)
P.register_parametrization(bn, 'running_var', Scale(3.0))
out['buffer'] = {'keys': list(bn.state_dict().keys()), 'buffers': [n for n, _ in bn.named_buffers()],
                 'running_var': L(bn.running_var), 'original': L(bn.parametrizations.running_var.original)}

# errors
torch.manual_seed(3)
le = nn.Linear(3, 3)
out['errors'] = {
    'no_name': err(lambda: P.register_parametrization(le, 'foo', Symmetric())),
    'shape': err(lambda: P.register_parametrization(nn.Linear(3, 3), 'weight', Double())),
    'not_parametrized': err(lambda: P.remove_parametrizations(nn.Linear(2, 2), 'weight')),
}
lu = nn.Linear(3, 3)
P.register_parametrization(lu, 'weight', Double(), unsafe=True)
out['unsafe'] = {'shape': list(lu.weight.shape)}
lc = nn.Linear(3, 3)
P.register_parametrization(lc, 'weight', Symmetric())
out['errors']['chain_shape'] = err(lambda: P.register_parametrization(lc, 'weight', Double()))
out['errors']['no_right_inverse'] = err(lambda: setattr(lc, 'weight', torch.eye(3)))

# ---------------------------------------------------------------- parametrizations.spectral_norm
torch.manual_seed(4)
sl = nn.Linear(5, 4)
s0w, s0b = L(sl.weight), L(sl.bias)
parametrizations.spectral_norm(sl)
sn = {'w0': s0w, 'b0': s0b, 'keys': list(sl.state_dict().keys()), 'repr': repr(sl),
      'u': L(sl.parametrizations.weight[0]._u), 'v': L(sl.parametrizations.weight[0]._v)}
x5 = torch.tensor([[0.5, -1.0, 2.0, 0.25, 1.0], [1.5, 0.5, -0.75, 1.0, -2.0]])
sn['x'] = L(x5)
opt = torch.optim.SGD(sl.parameters(), lr=0.1)
steps = []
for i in range(2):
    opt.zero_grad()
    loss = sl(x5).pow(2).sum()
    loss.backward()
    steps.append({'loss': loss.item(), 'u': L(sl.parametrizations.weight[0]._u), 'grad': L(sl.parametrizations.weight.original.grad)})
    opt.step()
sn['steps'] = steps
sl.eval()
sn['eval'] = {'y': L(sl(x5)), 'sigma': torch.linalg.matrix_norm(sl.weight, 2).item()}
out['spectral_norm'] = sn
torch.manual_seed(5)
ct = nn.ConvTranspose2d(3, 2, 2)
parametrizations.spectral_norm(ct)
conv = nn.Conv2d(2, 3, 2)
parametrizations.spectral_norm(conv)
vec = nn.Module()
vec.register_parameter('w', nn.Parameter(torch.tensor([3.0, 4.0])))
parametrizations.spectral_norm(vec, 'w')
out['spectral_norm_shapes'] = {'convT_u': list(ct.parametrizations.weight[0]._u.shape), 'convT_v': list(ct.parametrizations.weight[0]._v.shape),
                               'conv_u': list(conv.parametrizations.weight[0]._u.shape), 'conv_v': list(conv.parametrizations.weight[0]._v.shape),
                               'vec': L(vec.w), 'vec_keys': list(vec.state_dict().keys())}
out['spectral_norm_errors'] = {
    'dim': err(lambda: parametrizations.spectral_norm(nn.Linear(2, 2), dim=3)),
    'iters': err(lambda: parametrizations.spectral_norm(nn.Linear(2, 2), n_power_iterations=0)),
    'name': err(lambda: parametrizations.spectral_norm(nn.Linear(2, 2), 'foo'), first_line=True),
}

# ---------------------------------------------------------------- parametrizations.orthogonal (Cayley)
def orth_case(seed, shape, **kw):
    torch.manual_seed(seed)
    m = nn.Linear(shape[1], shape[0], bias=False)
    w = L(m.weight)
    parametrizations.orthogonal(m, orthogonal_map='cayley', **kw)
    c = {'shape': shape, 'kwargs': kw, 'w0': w, 'keys': list(m.state_dict().keys()), 'repr': repr(m),
         'weight': L(m.weight), 'original': L(m.parametrizations.weight.original)}
    if kw.get('use_trivialization', True):
        c['base'] = L(m.parametrizations.weight[0].base)
    xin = torch.linspace(-1, 1, 2 * shape[1]).reshape(2, shape[1])
    opt = torch.optim.SGD(m.parameters(), lr=0.1)
    for i in range(2):
        opt.zero_grad()
        (m(xin) - 0.5).pow(2).sum().backward()
        opt.step()
    c['trained'] = L(m.weight)
    c['trained_original'] = L(m.parametrizations.weight.original)
    return c


out['orthogonal'] = [orth_case(6, [4, 4]), orth_case(7, [5, 3]), orth_case(8, [3, 5]),
                     orth_case(9, [3, 3], use_trivialization=False)]
out['orthogonal_errors'] = {
    'ndim': err(lambda: parametrizations.orthogonal(nn.Linear(2, 2), 'bias')),
    'map': err(lambda: parametrizations.orthogonal(nn.Linear(2, 2), orthogonal_map='qr')),
}
mo = nn.Linear(3, 3)
parametrizations.orthogonal(mo, orthogonal_map='cayley', use_trivialization=False)
out['orthogonal_errors']['assign'] = err(lambda: setattr(mo, 'weight', torch.eye(3)))

# ---------------------------------------------------------------- stateless.functional_call
torch.manual_seed(10)
net = nn.Sequential(nn.Linear(3, 2), nn.BatchNorm1d(2))
w_sub = torch.tensor([[1.0, 0.0, -1.0], [0.5, 0.5, 0.5]], requires_grad=True)
rm = torch.zeros(2)
y = stateless.functional_call(net, {'0.weight': w_sub, '1.running_mean': rm}, (x,))
y.sum().backward()
fc = {'y': L(y), 'grad': L(w_sub.grad), 'rm_after': L(rm), 'module_rm': L(net[1].running_mean), 'own_weight': L(net[0].weight),
      'own_grad': net[0].weight.grad is None}
net.eval()
fc['eval_y'] = L(stateless.functional_call(net, {'0.weight': w_sub.detach()}, x))
fc['missing'] = err(lambda: stateless.functional_call(net, {'5.weight': w_sub}, (x,)))
out['functional_call'] = fc

# ---------------------------------------------------------------- fusion
torch.manual_seed(11)
c2 = nn.Conv2d(2, 3, 3, padding=1)
b2 = nn.BatchNorm2d(3)
with torch.no_grad():
    b2.running_mean.copy_(torch.tensor([0.1, -0.2, 0.3]))
    b2.running_var.copy_(torch.tensor([0.5, 2.0, 1.5]))
    b2.weight.copy_(torch.tensor([1.5, 0.5, -1.0]))
    b2.bias.copy_(torch.tensor([0.2, 0.0, -0.3]))
c2.eval(); b2.eval()
img = torch.randn(1, 2, 4, 4)
fused = nn.utils.fuse_conv_bn_eval(c2, b2)
out['fusion'] = {'conv': sd(c2), 'bn': sd(b2), 'img': L(img), 'weight': L(fused.weight), 'bias': L(fused.bias),
                 'y': L(fused(img)), 'ref': L(b2(c2(img))), 'train_error': err(lambda: nn.utils.fuse_conv_bn_eval(c2.train(), b2))}
c2.eval()
ctf = nn.ConvTranspose2d(3, 2, 2)
bnt = nn.BatchNorm2d(2)
with torch.no_grad():
    bnt.running_var.copy_(torch.tensor([0.25, 4.0]))
ctf.eval(); bnt.eval()
ft = nn.utils.fuse_conv_bn_eval(ctf, bnt, transpose=True)
out['fusion_transpose'] = {'conv': sd(ctf), 'weight': L(ft.weight), 'bias': L(ft.bias)}

# ---------------------------------------------------------------- skip_init, deprecated aliases, sparse_
torch.manual_seed(12)
si = nn.utils.skip_init(nn.Linear, 3, 4)
out['skip_init'] = {'after': L(torch.rand(3)), 'repr': repr(si), 'shape': list(si.weight.shape),
                    'relu': err(lambda: nn.utils.skip_init(nn.ReLU))}
torch.manual_seed(12)
out['skip_init']['fresh'] = L(torch.rand(3))

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    pp = nn.Parameter(torch.ones(3))
    pp.grad = torch.tensor([3.0, 4.0, 0.0])
    total = nn.utils.clip_grad_norm([pp], 1.0)
    out['clip_grad_norm'] = {'warning': str(w[-1].message), 'total': total.item(), 'grad': L(pp.grad)}
init_warn = {}
for name in ['uniform', 'normal', 'constant', 'eye', 'dirac', 'xavier_uniform', 'xavier_normal', 'kaiming_uniform',
             'kaiming_normal', 'orthogonal', 'sparse']:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        t = torch.empty(3, 2, 3) if name == 'dirac' else torch.empty(4, 3)
        args = {'constant': (0.5,), 'sparse': (0.5,)}.get(name, ())
        torch.manual_seed(13)
        getattr(nn.init, name)(t, *args)
        init_warn[name] = {'warning': str(w[-1].message), 'values': L(t)}
out['init_deprecated'] = init_warn
torch.manual_seed(14)
sp = nn.init.sparse_(torch.empty(5, 4), 0.4)
torch.manual_seed(14)
sp2 = nn.init.sparse_(torch.empty(3, 6), 0.1, std=2.0)
out['sparse'] = {'a': L(sp), 'b': L(sp2), 'ndim': err(lambda: nn.init.sparse_(torch.empty(3), 0.5))}

# ---------------------------------------------------------------- torch.autograd.Variable
from torch.autograd import Variable
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    t = torch.tensor([1.0, 2.0])
    v = Variable(t, requires_grad=True)
    v2 = Variable(t)
    vv = Variable(t, volatile=True)
    var = {'requires_grad': v.requires_grad, 'is_leaf': v.is_leaf, 'same': v is t, 'shares': v.data_ptr() == t.data_ptr(),
           'plain_requires_grad': v2.requires_grad, 'isinstance': isinstance(t, Variable), 'volatile_warning': str(w[-1].message),
           'empty_shape': list(Variable().shape)}
    y = torch.tensor([1.0], requires_grad=True) * 2
    var['from_nonleaf'] = {'requires_grad': Variable(y).requires_grad, 'is_leaf': Variable(y).is_leaf,
                           'grad_fn': Variable(y).grad_fn is None}
    var['errors'] = {
        'list': err(lambda: Variable([1, 2])),
        'int_grad': err(lambda: Variable(torch.tensor([1, 2]), requires_grad=True)),
        'kw': err(lambda: Variable(t, foo=1)),
        'both': err(lambda: Variable(t, requires_grad=True, volatile=True)),
    }
out['variable'] = var

# ---------------------------------------------------------------- torch.autograd.graph
from torch.autograd.graph import saved_tensors_hooks, save_on_cpu, disable_saved_tensors_hooks
log = []


def pack(t):
    log.append(['pack', torch.is_grad_enabled(), list(t.shape), t.grad_fn is not None])
    return t * 2


def unpack(t):
    log.append(['unpack', list(t.shape)])
    return t / 2


a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
with saved_tensors_hooks(pack, unpack):
    b = a.exp()
    c = (b * a).sum()
c.backward()
g = {'log': log, 'grad': L(a.grad)}
a2 = torch.tensor([1.0, 2.0], requires_grad=True)
with saved_tensors_hooks(lambda t: t, lambda t: t):
    b2 = a2 * 1
    c2 = b2 * b2
b2.add_(1)
c2.sum().backward()
g['inplace_identity'] = L(a2.grad)
with saved_tensors_hooks(lambda t: 5, lambda t: t):
    y5 = a2.exp()
g['bad_unpack'] = err(lambda: y5.sum().backward())


def dis():
    with disable_saved_tensors_hooks('no hooks here'):
        with saved_tensors_hooks(lambda t: t, lambda t: t):
            pass


g['disabled'] = err(dis)
x3 = torch.tensor([2.0], requires_grad=True)
with saved_tensors_hooks(lambda t: t, lambda t: t):
    y3 = x3.pow(3)
g1, = torch.autograd.grad(y3, x3, create_graph=True)
g2, = torch.autograd.grad(g1, x3)
g['double'] = [L(g1), L(g2)]
x4 = torch.tensor([2.0, 3.0], requires_grad=True)
with save_on_cpu():
    z4 = (x4 * 1).pow_(2).sum()
z4.backward()
g['pow_'] = L(x4.grad)
# which tensors F.linear and mm save: the input only for the weight's gradient, the weight only for the input's; a pack
# hook that stores a copy of its own (saving "to disk") keeps it past the op that saved it
shapes = []
lin = torch.nn.Linear(4, 3)
with saved_tensors_hooks(lambda t: shapes.append(list(t.shape)) or t, lambda t: t):
    lin(torch.ones(2, 4))
    torch.ones(2, 4, requires_grad=True).mm(torch.ones(4, 3))
    torch.ones(2, 4).mm(torch.ones(4, 3, requires_grad=True))
g['saved_shapes'] = shapes
store = {}


def pack_store(t):
    store[len(store)] = t.clone()
    return len(store) - 1


with saved_tensors_hooks(pack_store, lambda k: store[k]):
    h = torch.nn.functional.linear(torch.full((2, 4), 0.5), lin.weight, lin.bias)
h.sum().backward()
g['stored_grad'] = L(lin.weight.grad)
out['graph'] = g

print(json.dumps(out))
