# Writes test/fixtures/graph-nodes.json: the graph PyTorch 1.13 records for ops tocha composes from
# others (views that copy or not, matmul's rank rules, einsum, padding, resampling, ...): for each output
# the chain of node names from its grad_fn along the first edge (four deep), whether it is a view, whether
# it is an input itself, its values, and the gradient of every leaf for sum(out_k * G_k).
# Every input is written into the JSON. Run from the repo root: /usr/bin/python3 scripts/gen-graph-nodes.py
# Each case is mirrored by id in test/graph-nodes.test.ts.
import json
import warnings
import torch
import torch.nn.functional as F
from pyfixture import enc

warnings.filterwarnings('ignore')
torch.manual_seed(0)
R = torch.randn
inputs = {
    'x': R(3, 4), 'v': R(4), 'w': R(4), 'v3': R(3), 'b3': R(2, 3, 4), 'b4': R(2, 4, 5), 'm54': R(5, 4),
    'c3': R(3, 2, 4), 'a33': R(3, 3), 'b334': R(2, 3, 3, 4), 'q': R(2, 1, 4, 5), 'img': R(1, 2, 4, 4),
    'sig': R(1, 2, 5), 'vol': R(1, 1, 3, 3, 3), 'row': R(1, 5), 'tiny': torch.tensor([[1e-9, 0.0]]),
    'tiny2': torch.tensor([[2e-9, 0.0]]), 'tri': torch.triu(R(3, 3)) + 3 * torch.eye(3), 'g': R(2), 'bias': R(2),
    'theta': R(1, 2, 3), 'shuf': R(1, 4, 2, 3),
}
for k, t in inputs.items():
    inputs[k] = torch.tensor([float('%.7g' % e) for e in t.flatten().tolist()]).reshape(t.shape)


def leaves():
    return {k: v.clone().requires_grad_(True) for k, v in inputs.items()}


def chain(t):
    out, n = [], t.grad_fn
    while n is not None and len(out) < 4:
        out.append(type(n).__name__)
        nxt = [m for m, _ in n.next_functions if m is not None]
        n = nxt[0] if nxt else None
    return out


def grad_output(shape, k):
    n = 1
    for d in shape:
        n *= d
    return torch.tensor([(((i + 5 * k) * 37) % 17 - 8) / 8 for i in range(n)]).reshape(shape)


cases = []


def case(id):
    """fn(L) returns an output tensor or a list of them."""
    def deco(fn):
        L = leaves()
        r = fn(L)
        outs = list(r) if isinstance(r, (list, tuple)) else [r]
        ins = list(L.values())
        entry = {'id': id, 'outputs': [{
            'chain': chain(t), 'view': t._base is not None, 'input': any(t is i for i in ins),
            'requires_grad': t.requires_grad, 'value': enc(t),
        } for t in outs]}
        need = [(t, k) for k, t in enumerate(outs) if t.requires_grad]
        if need:
            torch.autograd.backward([t for t, _ in need], [grad_output(t.shape, k) for t, k in need])
        entry['grads'] = {k: enc(t.grad) for k, t in L.items() if t.grad is not None}
        cases.append(entry)
        return fn
    return deco


# ---- reshape, flatten, ravel, unsafe_split
case('reshape: a view')(lambda L: L['x'].reshape(4, 3))
case('reshape: a copy')(lambda L: L['x'].t().reshape(12))
case('reshape: same shape')(lambda L: L['x'].reshape(3, 4))


@case('reshape: a copy, then mul_')
def _(L):
    r = L['x'].t().reshape(12)
    r.mul_(2)
    return r


@case('reshape: a view, then mul_')
def _(L):
    y = L['x'] * 1
    r = y.reshape(12)
    r.mul_(2)
    return [y, r]


case('flatten: 1-D (the input itself)')(lambda L: L['v'].flatten())
case('flatten: start_dim == end_dim')(lambda L: L['b3'].flatten(1, 1))
case('flatten: 0-d')(lambda L: L['v'].sum().flatten())
case('flatten: not contiguous')(lambda L: L['x'].t().flatten())
case('flatten: dims 1..2')(lambda L: L['b3'].flatten(1))
case('ravel: not contiguous')(lambda L: L['x'].t().ravel())
case('ravel')(lambda L: L['x'].ravel())
case('unflatten')(lambda L: L['x'].unflatten(1, (2, 2)))
case('reshape_as')(lambda L: L['x'].reshape_as(torch.zeros(4, 3)))
case('view_as')(lambda L: L['x'].view_as(torch.zeros(4, 3)))


@case('unsafe_split: pieces are not views')
def _(L):
    y = L['x'] * 2
    s = torch.unsafe_split(y, 2)
    s[0].mul_(3)
    return [y, s[0], s[1]]


case('unsafe_chunk')(lambda L: list(torch.unsafe_chunk(L['x'], 2, 1)))
case('unsafe_split_with_sizes')(lambda L: list(L['x'].unsafe_split_with_sizes([1, 2])))
case('split_with_sizes')(lambda L: list(L['x'].split_with_sizes([1, 3], 1)))

# ---- matmul's rank rules, mv, kron, inner, tensordot
MM = [('1@1', 'v', 'w', None), ('2@1', 'x', 'v', None), ('1@2', 'v', 'm54', 't'), ('2@2', 'x', 'm54', 't'),
      ('3@1', 'b3', 'v', None), ('3@2', 'b3', 'm54', 't'), ('3T@2', 'c3', 'x', 'p'), ('3@3', 'b3', 'b4', None),
      ('2@3', 'x', 'b4', None), ('1@3', 'v', 'b4', None), ('3@1T', 'b4', 'v3', 'p1'), ('4@3', 'b334', 'b4', 'first'),
      ('4@1', 'b334', 'v', None), ('1@4', 'v', 'q', None), ('4b@3', 'q', 'b4', 'mt')]


def operands(L, a, b, how):
    A, B = L[a], L[b]
    if how == 't':
        B = B.t()                      # a transposed matrix
    elif how == 'p':
        A = A.transpose(1, 2)          # (3, 4, 2) from (3, 2, 4): bmm without a copy
        B = B.narrow(0, 0, 2).narrow(1, 0, 3)
    elif how == 'p1':
        A = A.transpose(1, 2).narrow(2, 0, 3)  # (2, 5, 3), not contiguous
    elif how == 'first':
        B = B.narrow(0, 0, 1)          # (1, 4, 5): batch (1) broadcast against (2, 3)
    elif how == 'mt':
        B = B.transpose(1, 2)          # (2, 5, 4), not contiguous; batch (2) broadcast against (2, 1)
    return A, B


for id_, a, b, how in MM:
    case(f'matmul {id_}')(lambda L, a=a, b=b, how=how: torch.matmul(*operands(L, a, b, how)))


@case('matmul 1@2, then mul_')
def _(L):
    r = L['v'] @ L['m54'].t()
    r.mul_(2)
    return r


case('linear 1-D, bias')(lambda L: F.linear(L['v'], L['m54'], L['row'][0]))
case('linear 1-D')(lambda L: F.linear(L['v'], L['m54']))
case('linear 3-D, bias: a view of addmm')(lambda L: F.linear(L['b3'], L['m54'], L['row'][0]))
case('linear 3-D')(lambda L: F.linear(L['b3'], L['m54']))
case('linear 3-D not contiguous, bias')(lambda L: F.linear(L['c3'].transpose(0, 1), L['m54'], L['row'][0]))
case('linear 4-D, bias')(lambda L: F.linear(L['b334'], L['m54'], L['row'][0]))


@case('linear 3-D, bias, then relu_')
def _(L):
    y = F.linear(L['b3'], L['m54'], L['row'][0])
    F.relu(y, inplace=True)
    return y


case('mv')(lambda L: torch.mv(L['x'], L['v']))
case('mv (method)')(lambda L: L['x'].mv(L['v']))
case('kron')(lambda L: torch.kron(L['v3'], L['v']))
case('kron 2-D')(lambda L: torch.kron(L['x'], L['a33']))
case('inner')(lambda L: torch.inner(L['x'], L['m54']))
case('inner 1-D')(lambda L: torch.inner(L['v'], L['w']))
case('tensordot')(lambda L: torch.tensordot(L['b3'], L['b4'], ([2], [1])))
# a contracted dim of size 1 is summed on the other side first (SumBackward1 below the mm)
case('tensordot: size-1 dim in the first')(lambda L: torch.tensordot(L['q'], L['b4'], ([1, 2], [0, 1])))
case('tensordot: size-1 dim in the second')(lambda L: torch.tensordot(L['b3'], L['row'], ([0], [0])))

# ---- einsum
EIN = [('ij,kj->ik', 'x', 'x'), ('bij,bjk->bik', 'b3', 'b4'), ('ii', 'a33'), ('ij->ji', 'x'), ('ij->', 'x'),
       ('i,j->ij', 'v', 'w'), ('ij,ij->ij', 'x', 'x'), ('ij,j->i', 'x', 'v'), ('...ij,...jk', 'b3', 'b4'),
       ('ij,jk,kl->il', 'x', 'm54', 'm54'), ('iij->j', 'a33'), ('i,i->', 'v', 'w'), ('ij,kl->ijkl', 'x', 'a33'),
       ('Ab,cb->Ac', 'x', 'm54'), ('bii->bi', 'b334')]


def ein_ops(L, names, eq):
    ops = [L[n] for n in names]
    if eq == 'ij,jk,kl->il':
        ops = [ops[0], ops[1].t(), ops[2].narrow(1, 0, 2)]
    if eq == 'iij->j':
        ops = [ops[0].unsqueeze(2).expand(3, 3, 2)]
    if eq == 'bii->bi':
        ops = [ops[0].select(0, 0).narrow(2, 0, 3)]
    return ops


for eq, *names in EIN:
    case(f'einsum {eq}')(lambda L, eq=eq, names=names: torch.einsum(eq, *ein_ops(L, names, eq)))

# ---- reductions and statistics
case('cov: one variable')(lambda L: torch.cov(L['row']))
case('cov: weights')(lambda L: torch.cov(L['x'], fweights=torch.tensor([1, 2, 1, 3]),
                                         aweights=torch.tensor([0.5, 1.0, 2.0, 0.25])))
case('corrcoef')(lambda L: torch.corrcoef(L['x']))
case('norm p=0 (no gradient)')(lambda L: torch.norm(L['x'], 0))
case("norm 'fro' over two dims")(lambda L: torch.norm(L['b3'], 'fro', dim=(0, 2)))
case('norm inf over a dim')(lambda L: torch.norm(L['x'], float('inf'), 1))
case('norm p=3, keepdim')(lambda L: L['x'].norm(3, 0, True))
case('std_mean')(lambda L: list(torch.std_mean(L['x'], 1, False, True)))
case('var_mean')(lambda L: list(torch.var_mean(L['b3'], [0, 2])))
case('triangular_solve: both outputs')(lambda L: list(torch.triangular_solve(L['x'].narrow(1, 0, 2), L['tri'])))
case('cosine_similarity: tiny norms')(lambda L: F.cosine_similarity(L['tiny'], L['tiny2']))
case('cosine_similarity: broadcast')(lambda L: F.cosine_similarity(L['x'], L['v'], dim=1))
case('pow(2, x)')(lambda L: torch.pow(2, L['x']))
case('masked_select')(lambda L: torch.masked_select(L['x'], inputs['x'] > 0))
case('masked_select: x broadcast to the mask')(lambda L: torch.masked_select(L['v'], inputs['x'] > 0))
case('masked_select: mask broadcast to x')(lambda L: torch.masked_select(L['b3'], inputs['v'] > 0))
case('masked_select: none selected')(lambda L: torch.masked_select(L['x'], inputs['x'] > 100))

# ---- padding and resampling
case('pad constant, crop')(lambda L: F.pad(L['x'], [-1, 2, 0, 1], value=0.5))
case('pad reflect 1-D')(lambda L: F.pad(L['sig'], [2, 1], 'reflect'))
case('pad reflect 3-D')(lambda L: F.pad(L['vol'], [1, 1, 1, 0, 0, 2], 'reflect'))
case('pad replicate 1-D')(lambda L: F.pad(L['sig'], [2, 3], 'replicate'))
case('pad replicate 3-D')(lambda L: F.pad(L['vol'], [1, 2, 0, 1, 1, 0], 'replicate'))
case('pad circular 1-D')(lambda L: F.pad(L['sig'], [2, 3], 'circular'))
case('pad circular 2-D, a negative pad')(lambda L: F.pad(L['img'], [-1, 2, 1, 1], 'circular'))
case('pad circular 3-D')(lambda L: F.pad(L['vol'], [1, 1, 2, 0, 0, 1], 'circular'))
case('interpolate nearest 1-D')(lambda L: F.interpolate(L['sig'], scale_factor=2))
case('interpolate nearest 3-D')(lambda L: F.interpolate(L['vol'], size=(4, 5, 2)))
case('interpolate nearest-exact 2-D')(lambda L: F.interpolate(L['img'], size=(3, 7), mode='nearest-exact'))
case('interpolate area 1-D')(lambda L: F.interpolate(L['sig'], size=3, mode='area'))
case('interpolate area 3-D')(lambda L: F.interpolate(L['vol'], size=(2, 2, 3), mode='area'))
case('interpolate linear, align_corners')(lambda L: F.interpolate(L['sig'], size=8, mode='linear', align_corners=True))
case('interpolate bilinear, scale')(lambda L: F.interpolate(L['img'], scale_factor=1.5, mode='bilinear'))
case('interpolate bicubic')(lambda L: F.interpolate(L['img'], size=(5, 3), mode='bicubic'))
case('interpolate trilinear')(lambda L: F.interpolate(L['vol'], size=(2, 4, 4), mode='trilinear'))
case('bilinear, no bias')(lambda L: F.bilinear(L['x'], L['x'].narrow(1, 0, 3), L['b3'].transpose(1, 2).narrow(2, 0, 3)))
case('bilinear, 3-D input')(lambda L: F.bilinear(L['b3'], L['b3'].narrow(2, 0, 3), L['b334'].select(0, 0).narrow(0, 0, 2).transpose(1, 2), L['bias']))
case('instance_norm, affine')(lambda L: F.instance_norm(L['img'], weight=L['g'], bias=L['bias']))
case('pixel_shuffle')(lambda L: F.pixel_shuffle(L['shuf'], 2))
case('pixel_unshuffle')(lambda L: F.pixel_unshuffle(L['img'], 2))
case('affine_grid')(lambda L: F.affine_grid(L['theta'], [1, 2, 3, 4], False))

with open('test/fixtures/graph-nodes.json', 'w') as f:
    json.dump({'torch': torch.__version__, 'inputs': {k: enc(v) for k, v in inputs.items()}, 'cases': cases}, f,
              separators=(',', ':'))
