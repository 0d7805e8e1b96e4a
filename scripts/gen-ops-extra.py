# Writes test/fixtures/ops-extra.json: what PyTorch 1.13 computes for tocha's sorting, selection,
# matrix, shape/indexing, elementwise and creation helpers (src/ops/sorting.ts, src/ops/extra.ts).
# Each case pairs a JavaScript expression (run by test/ops-extra.test.ts with the same inputs) with
# the Python call it mirrors; the JSON holds the inputs, every output, the gradients of
# sum(out_i * w_i) for the inputs that require grad, and the error messages.
# Run from the repo root: /usr/bin/python3 scripts/gen-ops-extra.py
import json
import math
import torch

torch.manual_seed(0)
r = torch.randn
nan = float('nan')
inf = float('inf')


def enc(t):
    if t is None:
        return None
    t = t.detach()
    if t._is_zerotensor():  # a real sgn's gradient
        t = torch.zeros(t.shape)
    dt = {torch.float32: 'float32', torch.int64: 'int64', torch.bool: 'bool'}[t.dtype]
    data = [x if isinstance(x, bool) or (x == x and abs(x) != inf) else str(x) for x in t.flatten().tolist()]
    return {'dtype': dt, 'shape': list(t.shape), 'data': data}


def flat(res):
    if isinstance(res, torch.Tensor):
        return [res]
    return [o for x in res for o in flat(x)]


cases = []


def case(id, js, py, grad=True, ties=None, node=False, **inputs):
    """ties=(input, dim): indices among equal values may differ; the test checks they pick equal values.
    node: also record the grad_fn name of the first output."""
    ins = {k: v.clone().requires_grad_(grad and v.is_floating_point()) for k, v in inputs.items()}
    outs = flat(py(**ins))
    c = {'id': id, 'js': js, 'inputs': {k: enc(v) for k, v in inputs.items()},
         'requires_grad': [k for k, v in ins.items() if v.requires_grad], 'outs': [enc(o) for o in outs], 'ties': ties}
    if node:
        c['grad_fn'] = type(outs[0].grad_fn).__name__
    diff = [i for i, o in enumerate(outs) if o.requires_grad]
    if diff and grad and not ties:
        ws = [r(outs[i].shape) for i in diff]
        loss = sum((outs[i] * w).sum() for i, w in zip(diff, ws))
        leaves = [ins[k] for k in c['requires_grad']]
        gs = torch.autograd.grad(loss, leaves, allow_unused=True)
        c['diff'] = diff
        c['weights'] = [enc(w) for w in ws]
        c['grads'] = [enc(g) for g in gs]
    cases.append(c)


errors = []


def err(id, js, py, **inputs):
    try:
        py(**inputs)
    except Exception as e:  # noqa: BLE001 - the message is the point
        errors.append({'id': id, 'js': js, 'inputs': {k: enc(v) for k, v in inputs.items()}, 'message': str(e).split('\n')[0]})
        return
    raise AssertionError(f'no error: {id}')


tie = torch.tensor([3., 1., 2., 1., 3., 2., 1., 5.])
tnan = torch.tensor([3., 1., nan, 2., 1., 3., nan, 0.5])
m = r(3, 5)
m4 = r(4, 6)
ints = torch.tensor([[4, -2, 7, 7], [0, 3, -2, 9]])

# ---------------------------------------------------------------- sorting and selection
case('sort/rows', 'torch.sort(x)', lambda x: torch.sort(x), x=m)
case('sort/dim0-desc', 'torch.sort(x, 0, { descending: true })', lambda x: torch.sort(x, 0, descending=True), x=m)
case('sort/stable-ties', 'torch.sort(x, -1, { stable: true })', lambda x: torch.sort(x, stable=True), x=tie)
case('sort/stable-desc-ties', 'x.sort({ descending: true, stable: true })', lambda x: x.sort(descending=True, stable=True), x=tie)
case('sort/nan', 'torch.sort(x)', lambda x: torch.sort(x, stable=True), grad=False, x=tnan)
case('sort/nan-desc', 'torch.sort(x, 0, { descending: true })', lambda x: torch.sort(x, dim=0, descending=True, stable=True), grad=False, x=tnan)
case('sort/int', 'torch.sort(x, 1)', lambda x: torch.sort(x, dim=1, stable=True), x=ints)
case('argsort', 'torch.argsort(x, 1, { descending: true })', lambda x: torch.argsort(x, 1, descending=True), x=m)
case('msort', 'torch.msort(x)', lambda x: torch.msort(x), x=m)
case('topk/default', 'torch.topk(x, 3)', lambda x: torch.topk(x, 3), x=m)
case('topk/dim0-smallest', 'torch.topk(x, 2, { dim: 0, largest: false })', lambda x: torch.topk(x, 2, dim=0, largest=False), x=m)
case('topk/ties', 'x.topk(5)', lambda x: x.topk(5), ties=['x', -1], x=tie)
case('topk/nan', 'torch.topk(x, 3)', lambda x: torch.topk(x, 3), ties=['x', -1], x=tnan)
case('kthvalue', 'torch.kthvalue(x, 2, 1, { keepdim: true })', lambda x: torch.kthvalue(x, 2, 1, keepdim=True), x=m)
case('kthvalue/ties', 'torch.kthvalue(x, 3)', lambda x: torch.kthvalue(x, 3), ties=['x', -1], x=tie)
case('median/all', 'torch.median(x)', lambda x: torch.median(x), x=m)
case('median/all-ties', 'torch.median(x)', lambda x: torch.median(x), x=torch.tensor([2., 1., 2., 5.]))
case('median/dim', 'torch.median(x, 1)', lambda x: torch.median(x, 1), x=m4)
case('median/dim-even-keepdim', 'x.median(0, { keepdim: true })', lambda x: x.median(0, keepdim=True), x=m4)
case('median/nan', 'torch.median(x)', lambda x: torch.median(x), grad=False, x=tnan)
case('median/nan-dim', 'torch.median(x, 0)', lambda x: torch.median(x, 0), grad=False, x=tnan)
case('nanmedian', 'torch.nanmedian(x)', lambda x: torch.nanmedian(x), x=tnan)
case('nanmedian/dim', 'torch.nanmedian(x, 1)', lambda x: torch.nanmedian(x, 1),
     x=torch.tensor([[nan, 1., 4., 2.], [nan, 7., nan, nan], [5., nan, 3., 0.]]))
case('mode', 'torch.mode(x)', lambda x: torch.mode(x), x=torch.tensor([[1., 2., 2., 3., 3., 3.], [4., 4., 5., 5., 6., 0.]]))
case('mode/dim0-int', 'torch.mode(x, 0)', lambda x: torch.mode(x, 0), x=torch.tensor([[1, 2], [1, 3], [2, 3]]))
case('unique', 'torch.unique(x)', lambda x: torch.unique(x), x=torch.tensor([[3, 1, 2], [1, 3, 7]]))
case('unique/inverse-counts', 'torch.unique(x, { return_inverse: true, return_counts: true })',
     lambda x: torch.unique(x, return_inverse=True, return_counts=True), grad=False, x=tie)
case('unique/counts', 'x.unique({ return_counts: true })', lambda x: x.unique(return_counts=True), grad=False, x=ints)
case('unique_consecutive', 'torch.unique_consecutive(x, { return_inverse: true, return_counts: true })',
     lambda x: torch.unique_consecutive(x, return_inverse=True, return_counts=True), x=torch.tensor([1, 1, 2, 2, 3, 1, 1, 2]))
case('searchsorted', 'torch.searchsorted(s, v)', lambda s, v: torch.searchsorted(s, v),
     s=torch.tensor([1., 3., 5., 7., 9.]), v=torch.tensor([[3., 6., 9.], [0., 5., 10.]]))
case('searchsorted/right-2d', "torch.searchsorted(s, v, { side: 'right' })", lambda s, v: torch.searchsorted(s, v, side='right'),
     s=torch.tensor([[1, 3, 5, 7, 9], [2, 4, 6, 8, 10]]), v=torch.tensor([[3, 6, 9], [3, 6, 9]]))
case('searchsorted/sorter', 'torch.searchsorted(s, v, { sorter: o })', lambda s, v, o: torch.searchsorted(s, v, sorter=o),
     s=torch.tensor([5., 1., 9., 3.]), v=torch.tensor([4., 9.5]), o=torch.tensor([1, 3, 0, 2]))
case('bucketize', 'torch.bucketize(x, b, { right: true })', lambda x, b: torch.bucketize(x, b, right=True),
     x=torch.tensor([[1., 5.5], [9., 3.]]), b=torch.tensor([1., 3., 5., 7., 9.]))
case('nonzero', 'torch.nonzero(x)', lambda x: torch.nonzero(x), x=torch.tensor([[1., 0., 2.], [0., 0., -1.]]))
case('nonzero/as_tuple', 'torch.nonzero(x, { as_tuple: true })', lambda x: torch.nonzero(x, as_tuple=True), x=torch.tensor([[1, 0, 2], [0, 0, 3]]))
case('argwhere', 'torch.argwhere(x)', lambda x: torch.argwhere(x), x=torch.tensor([[True, False], [False, True]]))
case('count_nonzero', 'torch.count_nonzero(x)', lambda x: torch.count_nonzero(x), x=torch.tensor([[1., 0., 2.], [0., 0., -1.]]))
case('count_nonzero/dim', 'torch.count_nonzero(x, 0)', lambda x: torch.count_nonzero(x, 0), x=torch.tensor([[1., 0., 2.], [0., 0., -1.]]))
case('cummax', 'torch.cummax(x, 1)', lambda x: torch.cummax(x, 1), x=m)
case('cummax/ties-nan', 'torch.cummax(x, 0)', lambda x: torch.cummax(x, 0), grad=False, x=torch.tensor([1., 3., 3., nan, 2., nan]))
case('cummin', 'x.cummin(0)', lambda x: x.cummin(0), x=torch.tensor([[2., 1.], [1., 3.], [0., 3.], [4., -1.]]))
case('logcumsumexp', 'torch.logcumsumexp(x, 1)', lambda x: torch.logcumsumexp(x, 1), x=m)
case('logcumsumexp/range', 'torch.logcumsumexp(x, 0)', lambda x: torch.logcumsumexp(x, 0), x=torch.tensor([-30., 0., 2., -1.]))
case('isin', 'torch.isin(x, t)', lambda x, t: torch.isin(x, t), x=torch.tensor([[1, 2], [3, 4]]), t=torch.tensor([2, 3, 9]))
case('isin/invert', 'torch.isin(x, t, { invert: true })', lambda x, t: torch.isin(x, t, invert=True), grad=False,
     x=torch.tensor([1.5, 2., nan]), t=torch.tensor([2., nan]))

# ---------------------------------------------------------------- matrix helpers
case('addmm', 'torch.addmm(b, x, w, { beta: 0.5, alpha: 2 })', lambda b, x, w: torch.addmm(b, x, w, beta=0.5, alpha=2), b=r(4), x=r(3, 5), w=r(5, 4))
case('addmm/beta0-nan', 'torch.addmm(b, x, w, { beta: 0 })', lambda b, x, w: torch.addmm(b, x, w, beta=0), b=torch.full((2, 2), nan), x=r(2, 3), w=r(3, 2))
case('addmv', 'torch.addmv(b, x, v)', lambda b, x, v: torch.addmv(b, x, v), b=r(3), x=r(3, 4), v=r(4))
case('addr', 'b.addr(u, v, { alpha: 3 })', lambda b, u, v: b.addr(u, v, alpha=3), b=r(3, 2), u=r(3), v=r(2))
case('baddbmm', 'torch.baddbmm(b, x, y, { beta: 2 })', lambda b, x, y: torch.baddbmm(b, x, y, beta=2), b=r(2, 3, 2), x=r(2, 3, 4), y=r(2, 4, 2))
case('addbmm', 'torch.addbmm(b, x, y)', lambda b, x, y: torch.addbmm(b, x, y), b=r(3, 2), x=r(2, 3, 4), y=r(2, 4, 2))
case('einsum/matmul', "torch.einsum('ij,jk->ik', a, b)", lambda a, b: torch.einsum('ij,jk->ik', a, b), a=r(3, 4), b=r(4, 2))
case('einsum/batch', "torch.einsum('bij,bjk->bik', a, b)", lambda a, b: torch.einsum('bij,bjk->bik', a, b), a=r(2, 3, 4), b=r(2, 4, 5))
case('einsum/implicit', "torch.einsum('ij,kj', a, b)", lambda a, b: torch.einsum('ij,kj', a, b), a=r(3, 4), b=r(2, 4))
case('einsum/ellipsis', "torch.einsum('...ij,...jk->...ik', a, b)", lambda a, b: torch.einsum('...ij,...jk->...ik', a, b), a=r(2, 1, 3, 4), b=r(3, 4, 2))
case('einsum/trace-diag', "torch.einsum('ii', a)", lambda a: torch.einsum('ii', a), a=r(3, 3))
case('einsum/diag', "torch.einsum('ii->i', a)", lambda a: torch.einsum('ii->i', a), a=r(3, 3))
case('einsum/outer-sum', "torch.einsum('i,j->', a, b)", lambda a, b: torch.einsum('i,j->', a, b), a=r(3), b=r(4))
case('einsum/three', "torch.einsum('ab,bc,cd->ad', a, b, c)", lambda a, b, c: torch.einsum('ab,bc,cd->ad', a, b, c), a=r(2, 3), b=r(3, 4), c=r(4, 2))
case('einsum/bilinear', "torch.einsum('bn,anm,bm->ba', l, A, rr)", lambda l, A, rr: torch.einsum('bn,anm,bm->ba', l, A, rr), l=r(2, 3), A=r(4, 3, 5), rr=r(2, 5))
case('einsum/transpose-list', "torch.einsum('ijk->kji', [a])", lambda a: torch.einsum('ijk->kji', [a]), a=r(2, 3, 4))
case('tensordot', 'torch.tensordot(a, b, 2)', lambda a, b: torch.tensordot(a, b, 2), a=r(2, 3, 4), b=r(3, 4, 5))
case('tensordot/lists', 'torch.tensordot(a, b, [[1, 0], [0, 1]])', lambda a, b: torch.tensordot(a, b, ([1, 0], [0, 1])), a=r(3, 4, 5), b=r(4, 3, 2))
case('kron', 'torch.kron(a, b)', lambda a, b: torch.kron(a, b), a=r(2, 3), b=r(2, 2))
case('kron/ranks', 'torch.kron(a, b)', lambda a, b: torch.kron(a, b), a=r(3), b=r(2, 2))
case('trace', 'torch.trace(a)', lambda a: torch.trace(a), a=r(3, 4))
case('diag/vec', 'torch.diag(a, 1)', lambda a: torch.diag(a, 1), a=r(3))
case('diag/mat', 'torch.diag(a, -1)', lambda a: torch.diag(a, -1), a=r(3, 4))
case('diagonal', 'torch.diagonal(a, 1, 0, 2)', lambda a: torch.diagonal(a, 1, 0, 2), a=r(3, 2, 4))
case('diagonal/method', 'a.diagonal(-1)', lambda a: a.diagonal(-1), a=r(4, 3))
case('diag_embed', 'torch.diag_embed(a)', lambda a: torch.diag_embed(a), a=r(2, 3))
case('diag_embed/offset-dims', 'torch.diag_embed(a, -1, 0, 2)', lambda a: torch.diag_embed(a, -1, 0, 2), a=r(2, 3))
case('diagflat', 'torch.diagflat(a, 1)', lambda a: torch.diagflat(a, 1), a=r(2, 2))
case('tril_indices', 'torch.tril_indices(3, 4, 1)', lambda: torch.tril_indices(3, 4, 1))
case('triu_indices', 'torch.triu_indices(4, 3, -1)', lambda: torch.triu_indices(4, 3, -1))
case('cdist', 'torch.cdist(a, b)', lambda a, b: torch.cdist(a, b), a=r(3, 4), b=r(5, 4))
case('cdist/p1-batch', 'torch.cdist(a, b, 1)', lambda a, b: torch.cdist(a, b, 1), a=r(2, 3, 4), b=r(2, 2, 4))
case('dist', 'torch.dist(a, b, 3)', lambda a, b: torch.dist(a, b, 3), a=r(3, 4), b=r(4))
case('vdot', 'torch.vdot(a, b)', lambda a, b: torch.vdot(a, b), a=r(5), b=r(5))
case('inner', 'torch.inner(a, b)', lambda a, b: torch.inner(a, b), a=r(2, 3), b=r(4, 3))
case('cross', 'torch.cross(a, b)', lambda a, b: torch.cross(a, b), a=r(3, 2), b=r(3, 2))
case('cross/dim', 'a.cross(b, -1)', lambda a, b: a.cross(b, -1), a=r(4, 3), b=r(1, 3))
case('cov', 'torch.cov(a)', lambda a: torch.cov(a), a=r(3, 6))
case('cov/weights', 'torch.cov(a, { correction: 0, fweights: f, aweights: w })', lambda a, f, w: torch.cov(a, correction=0, fweights=f, aweights=w),
     grad=False, a=r(2, 5), f=torch.tensor([1, 2, 1, 3, 1]), w=torch.tensor([0.5, 1., 2., 1., 0.25]))
case('corrcoef', 'torch.corrcoef(a)', lambda a: torch.corrcoef(a), a=r(3, 6))

# ---------------------------------------------------------------- shapes and indexing
case('roll', 'torch.roll(a, 1, 0)', lambda a: torch.roll(a, 1, 0), a=r(3, 4))
case('roll/multi', 'torch.roll(a, [-1, 5], [0, 1])', lambda a: torch.roll(a, [-1, 5], [0, 1]), a=r(3, 4))
case('roll/flat', 'torch.roll(a, 2)', lambda a: torch.roll(a, 2), a=r(3, 2))
case('rot90', 'torch.rot90(a)', lambda a: torch.rot90(a), a=r(2, 3))
case('rot90/k', 'torch.rot90(a, -1, [1, 2])', lambda a: torch.rot90(a, -1, [1, 2]), a=r(2, 3, 4))
case('rot90/2', 'a.rot90(2)', lambda a: a.rot90(2), a=r(2, 3))
case('fliplr', 'torch.fliplr(a)', lambda a: torch.fliplr(a), a=r(2, 3))
case('flipud', 'torch.flipud(a)', lambda a: torch.flipud(a), a=r(2, 3))
case('movedim', 'torch.movedim(a, 0, -1)', lambda a: torch.movedim(a, 0, -1), a=r(2, 3, 4))
case('movedim/lists', 'torch.movedim(a, [0, 1], [2, 0])', lambda a: torch.movedim(a, [0, 1], [2, 0]), a=r(2, 3, 4))
case('ravel', 'torch.ravel(a.t())', lambda a: torch.ravel(a.t()), a=r(2, 3))
case('tile', 'torch.tile(a, [2, 1, 2])', lambda a: torch.tile(a, [2, 1, 2]), a=r(2, 3))
case('tile/short', 'a.tile([2])', lambda a: a.tile([2]), a=r(2, 3))
case('repeat_interleave', 'torch.repeat_interleave(a, 2)', lambda a: torch.repeat_interleave(a, 2), a=r(2, 2))
case('repeat_interleave/tensor-dim', 'torch.repeat_interleave(a, n, 0)', lambda a, n: torch.repeat_interleave(a, n, 0), a=r(3, 2), n=torch.tensor([1, 0, 2]))
case('repeat_interleave/repeats-only', 'torch.repeat_interleave(n)', lambda n: torch.repeat_interleave(n), n=torch.tensor([2, 0, 3]))
case('tensor_split', 'torch.tensor_split(a, 3)', lambda a: torch.tensor_split(a, 3), a=r(7, 2))
case('tensor_split/indices', 'torch.tensor_split(a, [1, 4], 1)', lambda a: torch.tensor_split(a, [1, 4], 1), a=r(2, 6))
case('hsplit', 'torch.hsplit(a, 2)', lambda a: torch.hsplit(a, 2), a=r(3, 4))
case('vsplit', 'torch.vsplit(a, [1])', lambda a: torch.vsplit(a, [1]), a=r(3, 4))
case('dsplit', 'torch.dsplit(a, 2)', lambda a: torch.dsplit(a, 2), a=r(2, 2, 4))
case('column_stack', 'torch.column_stack([a, b])', lambda a, b: torch.column_stack([a, b]), a=r(3), b=r(3, 2))
case('dstack', 'torch.dstack([a, b])', lambda a, b: torch.dstack([a, b]), a=r(3), b=r(3))
case('meshgrid/ij', 'torch.meshgrid([a, b])', lambda a, b: torch.meshgrid([a, b], indexing='ij'), a=r(2), b=r(3))
case('meshgrid/xy', "torch.meshgrid(a, b, c, { indexing: 'xy' })", lambda a, b, c: torch.meshgrid(a, b, c, indexing='xy'), a=r(2), b=r(3), c=r(2))
case('take', 'torch.take(a, i)', lambda a, i: torch.take(a, i), a=r(2, 3), i=torch.tensor([[0, 5], [-1, 2]]))
case('take_along_dim', 'torch.take_along_dim(a, i, 1)', lambda a, i: torch.take_along_dim(a, i, 1), a=r(3, 4), i=torch.tensor([[0, 3], [1, 1], [2, 0]]))
case('take_along_dim/broadcast', 'torch.take_along_dim(a, i, 0)', lambda a, i: torch.take_along_dim(a, i, 0), a=r(3, 4), i=torch.tensor([[2], [0]]))
case('take_along_dim/flat', 'torch.take_along_dim(a, i)', lambda a, i: torch.take_along_dim(a, i), a=r(3, 4), i=torch.tensor([11, 0, 5]))
case('index_add', 'torch.index_add(a, 0, i, s, { alpha: 2 })', lambda a, i, s: torch.index_add(a, 0, i, s, alpha=2), a=r(4, 3), i=torch.tensor([0, 2, 0]), s=r(3, 3))
case('index_add_/method', 'a.clone().index_add_(1, i, s)', lambda a, i, s: a.clone().index_add_(1, i, s), a=r(2, 4), i=torch.tensor([3, 1]), s=r(2, 2))
case('index_copy', 'torch.index_copy(a, 0, i, s)', lambda a, i, s: torch.index_copy(a, 0, i, s), a=r(4, 3), i=torch.tensor([3, 1]), s=r(2, 3))
case('index_copy_', 'a.clone().index_copy_(1, i, s)', lambda a, i, s: a.clone().index_copy_(1, i, s), a=r(2, 4), i=torch.tensor([0, 2]), s=r(2, 2))
case('index_fill', 'torch.index_fill(a, 1, i, -1)', lambda a, i: torch.index_fill(a, 1, i, -1), a=r(3, 4), i=torch.tensor([0, 2]))
case('index_fill_', 'a.clone().index_fill_(0, i, 7.5)', lambda a, i: a.clone().index_fill_(0, i, 7.5), a=r(3, 2), i=torch.tensor([1]))
case('scatter_', 'a.clone().scatter_(1, i, s)', lambda a, i, s: a.clone().scatter_(1, i, s), a=r(2, 4), i=torch.tensor([[3, 0], [1, 2]]), s=r(2, 2))
case('scatter_/value', 'a.clone().scatter_(0, i, 2.5)', lambda a, i: a.clone().scatter_(0, i, 2.5), a=r(3, 2), i=torch.tensor([[2, 0]]))
case('scatter_add_', 'a.clone().scatter_add_(0, i, s)', lambda a, i, s: a.clone().scatter_add_(0, i, s), a=r(3, 2), i=torch.tensor([[2, 0], [2, 2]]), s=r(2, 2))
sr_i = torch.tensor([[0, 1, 0, 2], [1, 1, 0, 0]])
for red in ['sum', 'prod', 'mean', 'amax', 'amin']:
    for inc in [True, False]:
        case(f'scatter_reduce/{red}/{inc}', f"torch.scatter_reduce(a, 1, i, s, '{red}', {{ include_self: {str(inc).lower()} }})",
             lambda a, i, s, red=red, inc=inc: torch.scatter_reduce(a, 1, i, s, red, include_self=inc),
             a=torch.rand(2, 3) + 0.5, i=sr_i, s=torch.rand(2, 4) + 0.5)
case('scatter_reduce/amax-ties', "torch.scatter_reduce(a, 0, i, s, 'amax')", lambda a, i, s: torch.scatter_reduce(a, 0, i, s, 'amax'),
     a=torch.tensor([1., 2., 3.]), i=torch.tensor([0, 0, 1, 2]), s=torch.tensor([1., 0., 5., 3.]))
case('masked_scatter', 'a.masked_scatter(k, s)', lambda a, k, s: a.masked_scatter(k, s), a=r(2, 3), k=torch.tensor([[True, False, True], [False, True, False]]), s=r(5))
case('masked_scatter/broadcast', 'torch.masked_scatter(a, k, s)', lambda a, k, s: torch.masked_scatter(a, k, s), a=r(2, 3), k=torch.tensor([False, True, True]), s=r(2, 3))
case('broadcast_tensors', 'torch.broadcast_tensors(a, b)', lambda a, b: torch.broadcast_tensors(a, b), a=r(3, 1), b=r(2, 1, 4))
case('block_diag', 'torch.block_diag(a, b, c)', lambda a, b, c: torch.block_diag(a, b, c), a=r(2, 2), b=r(3), c=r(1, 2))
case('cartesian_prod', 'torch.cartesian_prod(a, b)', lambda a, b: torch.cartesian_prod(a, b), a=r(2), b=r(3))
case('diff', 'torch.diff(a)', lambda a: torch.diff(a), a=r(2, 5))
case('diff/n2-dim0-prepend', 'torch.diff(a, 2, 0, { prepend: p, append: q })', lambda a, p, q: torch.diff(a, 2, 0, prepend=p, append=q), a=r(3, 2), p=r(1, 2), q=r(2, 2))
case('diff/bool', 'torch.diff(a)', lambda a: torch.diff(a), a=torch.tensor([True, True, False, True]))

# ---------------------------------------------------------------- elementwise and reductions
special = torch.tensor([1.5, nan, inf, -inf, 0., -2.])
case('nan_to_num', 'torch.nan_to_num(x)', lambda x: torch.nan_to_num(x), x=special)
case('nan_to_num/values', 'x.nan_to_num(1, 100, -100)', lambda x: x.nan_to_num(1., 100., -100.), x=special)
case('nan_to_num/keywords', 'torch.nan_to_num(x, { posinf: 9 })', lambda x: torch.nan_to_num(x, posinf=9.), x=special)
case('nansum', 'torch.nansum(x)', lambda x: torch.nansum(x), x=tnan)
case('nansum/dim', 'torch.nansum(x, 1, { keepdim: true })', lambda x: torch.nansum(x, 1, keepdim=True), x=tnan.view(2, 4))
case('nanmean', 'torch.nanmean(x, 0)', lambda x: torch.nanmean(x, 0), x=tnan.view(2, 4))
case('xlogy', 'torch.xlogy(x, y)', lambda x, y: torch.xlogy(x, y), x=torch.tensor([0., 0., 2., 1.5, 0.]), y=torch.tensor([0., 3., 0.5, 2., nan]))
case('xlogy/scalar', 'torch.xlogy(x, 3)', lambda x: torch.xlogy(x, 3), x=torch.tensor([0., 2., -1.]))
case('logaddexp', 'torch.logaddexp(a, b)', lambda a, b: torch.logaddexp(a, b), a=torch.tensor([1., -100., 50., -inf]), b=torch.tensor([2., -101., -50., -inf]))
case('fmax', 'torch.fmax(a, b)', lambda a, b: torch.fmax(a, b), a=torch.tensor([1., nan, 3., nan, 2.]), b=torch.tensor([2., 1., nan, nan, 2.]))
case('fmin', 'torch.fmin(a, b)', lambda a, b: torch.fmin(a, b), a=torch.tensor([1., nan, 3., nan, 2.]), b=torch.tensor([2., 1., nan, nan, 2.]))
case('heaviside', 'torch.heaviside(x, v)', lambda x, v: torch.heaviside(x, v), grad=False, x=torch.tensor([-1.5, 0., 2.]), v=torch.tensor([0.5]))
case('sgn', 'torch.sgn(x)', lambda x: torch.sgn(x), x=special)
case('signbit', 'torch.signbit(x)', lambda x: torch.signbit(x), x=torch.tensor([1., -0., 0., -3., inf, -inf]))
case('sinc', 'torch.sinc(x)', lambda x: torch.sinc(x), x=torch.tensor([0., 0.5, -1.25, 3.]))
case('deg2rad', 'torch.deg2rad(x)', lambda x: torch.deg2rad(x), x=torch.tensor([180., -45., 30.]))
case('rad2deg', 'x.rad2deg()', lambda x: x.rad2deg(), x=torch.tensor([3.14159, -1., 0.5]))
case('std_mean', 'torch.std_mean(x, 1)', lambda x: torch.std_mean(x, 1), x=m)
case('var_mean', 'torch.var_mean(x, 0, { correction: 0, keepdim: true })', lambda x: torch.var_mean(x, 0, correction=0, keepdim=True), x=m)
case('aminmax', 'torch.aminmax(x)', lambda x: torch.aminmax(x), grad=False, x=m)
case('aminmax/dim', 'torch.aminmax(x, { dim: 1, keepdim: true })', lambda x: torch.aminmax(x, dim=1, keepdim=True), grad=False, x=m)
case('histc', 'torch.histc(x, 4, -2, 2)', lambda x: torch.histc(x, 4, -2, 2), x=torch.tensor([-1.7, -0.3, 0.1, 0.4, 1.9, 5., -2.5]))
case('histc/auto', 'torch.histc(x, 3)', lambda x: torch.histc(x, 3), x=torch.tensor([1., 2., 1.1, 2.5, 3.9]))
# bin edges in float32 and their neighbours: PyTorch bins in float32 arithmetic; NaN counts in bin 0
_e = torch.linspace(0.1, 0.9, 8)
case('histc/edges', 'torch.histc(x, 7, 0.1, 0.9)', lambda x: torch.histc(x, 7, 0.1, 0.9), grad=False,
     x=torch.cat([_e, torch.nextafter(_e, torch.tensor(-1.)), torch.nextafter(_e, torch.tensor(2.)), torch.rand(40, generator=torch.Generator().manual_seed(3))]))
case('histc/nan', 'torch.histc(x, 3, 0, 3)', lambda x: torch.histc(x, 3, 0, 3), grad=False, x=torch.tensor([1., nan, 2.5, nan]))
case('bincount', 'torch.bincount(x)', lambda x: torch.bincount(x), x=torch.tensor([0, 1, 1, 3, 1]))
# float weights accumulate in float32 in index order (not in double): 1000 of them into bin 0
case('bincount/float-sum', 'torch.bincount(x, w)', lambda x, w: torch.bincount(x, w), grad=False,
     x=torch.zeros(1000, dtype=torch.long), w=torch.rand(1000, generator=torch.Generator().manual_seed(0)) * 1000)
# scatter_reduce reduces in self's dtype (float32 sums, float32 mean): 1000 values into one element
for _r in ('sum', 'mean', 'prod'):
    case(f'scatter_reduce/f32-{_r}', f"torch.scatter_reduce(x, 0, i, s, '{_r}', {{ include_self: false }})",
         (lambda r: lambda x, i, s: torch.scatter_reduce(x, 0, i, s, r, include_self=False))(_r), grad=False,
         x=torch.zeros(2), i=torch.zeros(1000, dtype=torch.long),
         s=(torch.rand(1000, generator=torch.Generator().manual_seed(1)) * 1000) if _r != 'prod' else 1 + torch.rand(1000, generator=torch.Generator().manual_seed(1)) / 1e4)
case('scatter_reduce/int-mean', "torch.scatter_reduce(x, 0, i, s, 'mean')", lambda x, i, s: torch.scatter_reduce(x, 0, i, s, 'mean'), grad=False,
     x=torch.tensor([5, 0]), i=torch.tensor([0, 0, 1, 1]), s=torch.tensor([-1, -2, -3, 4]))
# int64 matrix products: exact, int64 results (PyTorch's plain loops)
_ia = torch.tensor([[3, -2, 5], [0, 7, -1]])
case('mm/int', 'torch.mm(a, b)', lambda a, b: torch.mm(a, b), grad=False, a=_ia, b=_ia.t().contiguous() * 3)
case('matmul/int-batched', 'torch.matmul(a, b)', lambda a, b: torch.matmul(a, b), grad=False, a=torch.arange(24).reshape(2, 3, 4) - 11, b=torch.arange(8).reshape(4, 2) - 3)
case('matmul/int-bcast', 'torch.matmul(a, b)', lambda a, b: torch.matmul(a, b), grad=False, a=torch.arange(6).reshape(2, 3) - 2, b=torch.arange(12).reshape(2, 1, 3, 2) - 5)
case('dot/int', 'torch.dot(a, b)', lambda a, b: torch.dot(a, b), grad=False, a=torch.tensor([3, -2, 5]), b=torch.tensor([0, 7, -1]))
case('mv/int', 'torch.mv(a, v)', lambda a, v: torch.mv(a, v), grad=False, a=_ia, v=torch.tensor([1, -1, 2]))
case('bmm/int', 'torch.bmm(a, b)', lambda a, b: torch.bmm(a, b), grad=False, a=torch.arange(12).reshape(2, 2, 3), b=torch.arange(12).reshape(2, 3, 2) - 6)
case('inner/int', 'torch.inner(a, a)', lambda a: torch.inner(a, a), grad=False, a=_ia)
case('bincount/weights', 'torch.bincount(x, w, 6)', lambda x, w: torch.bincount(x, w, 6), grad=False, x=torch.tensor([0, 1, 1, 3]), w=torch.tensor([0.5, 1., 2., -1.]))

# ---------------------------------------------------------------- creation and Tensor methods
case('new_zeros', 'x.new_zeros([2, 3])', lambda x: x.new_zeros([2, 3]), grad=False, x=ints)
case('new_ones', 'x.new_ones([2])', lambda x: x.new_ones([2]), grad=False, x=m)
case('new_full', 'x.new_full([2, 2], 3.5)', lambda x: x.new_full([2, 2], 3.5), grad=False, x=m)
case('new_tensor', 'x.new_tensor([1, 2, 3])', lambda x: x.new_tensor([1, 2, 3]), grad=False, x=m)
case('new_empty/shape', 'x.new_empty([3, 0, 2])', lambda x: x.new_empty([3, 0, 2]), grad=False, x=ints)
case('type_as', 'x.type_as(y)', lambda x, y: x.type_as(y), grad=False, x=ints, y=m)
case('randint_like', '(torch.manual_seed(3), torch.randint_like(x, 10))', lambda x: (torch.manual_seed(3), torch.randint_like(x, 10))[1], grad=False, x=m)
case('randint_like/low', '(torch.manual_seed(4), torch.randint_like(x, -5, 5))', lambda x: (torch.manual_seed(4), torch.randint_like(x, -5, 5))[1], grad=False, x=ints)
probs = torch.tensor([[0.1, 0.2, 0.3, 0.4, 0.], [5., 1., 0., 2., 2.]])
case('multinomial/no-replacement', '(torch.manual_seed(0), torch.multinomial(p, 3))', lambda p: (torch.manual_seed(0), torch.multinomial(p, 3))[1], grad=False, p=probs)
case('multinomial/one', '(torch.manual_seed(1), torch.multinomial(p, 1))', lambda p: (torch.manual_seed(1), torch.multinomial(p, 1))[1], grad=False, p=probs)
case('multinomial/replacement', '(torch.manual_seed(2), torch.multinomial(p, 12, true))', lambda p: (torch.manual_seed(2), torch.multinomial(p, 12, True))[1], grad=False, p=probs)
case('multinomial/1d-generator', 'p.multinomial(4, false, { generator: new torch.Generator().manual_seed(7) })',
     lambda p: p.multinomial(4, False, generator=torch.Generator().manual_seed(7)), grad=False, p=torch.rand(10))
case('multinomial/long-stream', '(torch.manual_seed(5), torch.multinomial(p, 200, true))', lambda p: (torch.manual_seed(5), torch.multinomial(p, 200, True))[1], grad=False, p=torch.rand(3, 50))

# ---------------------------------------------------------------- defects fixed later (appended so the cases above keep their inputs)
# scatter_reduce 'prod' with groups holding no zero, one zero (in self or src) and two zeros
pz = dict(a=torch.tensor([2., 3., 0., 5., 0., 1.5, 4.]), i=torch.tensor([0, 0, 1, 1, 1, 2, 2, 3, 4, 4, 5, 5]),
          s=torch.tensor([0., 4., 0., 0., 2., 3., 5., 0., 0., 7., 2., 0.5]))
for inc in [True, False]:
    case(f'scatter_reduce/prod-zeros/{inc}', f"torch.scatter_reduce(a, 0, i, s, 'prod', {{ include_self: {str(inc).lower()} }})",
         lambda a, i, s, inc=inc: torch.scatter_reduce(a, 0, i, s, 'prod', include_self=inc), **pz)
    case(f'scatter_reduce/prod-zeros-2d/{inc}', f"torch.scatter_reduce(a, 1, i, s, 'prod', {{ include_self: {str(inc).lower()} }})",
         lambda a, i, s, inc=inc: torch.scatter_reduce(a, 1, i, s, 'prod', include_self=inc),
         a=torch.tensor([[0., 2., 3.], [1., 0., 0.5]]), i=sr_i, s=torch.tensor([[1.5, 0., 0., 2.], [0., 3., 0., 0.]]))
# logcumsumexp over rows spanning -200..200 (exp overflows float32 beyond ~88)
case('logcumsumexp/wide', 'torch.logcumsumexp(x, 1)', lambda x: torch.logcumsumexp(x, 1),
     x=torch.tensor([[-200., 200., 100., -50., 150.], [200., -200., 0., 199., -100.]]))
case('logcumsumexp/wide-dim0', 'torch.logcumsumexp(x, 0)', lambda x: torch.logcumsumexp(x, 0), x=torch.linspace(-200, 200, 7))
# sign: NaN and -0 give 0, SignBackward0 with a zero gradient
case('sign', 'torch.sign(x)', lambda x: torch.sign(x), node=True, x=torch.tensor([nan, -2., 0., -0., 3., inf, -inf]))
case('sign/int', 'torch.sign(x)', lambda x: torch.sign(x), x=torch.tensor([-3, 0, 2]))
# unique / unique_consecutive along a dim
rows = torch.tensor([[1, 2], [3, 4], [1, 2], [0, 5], [3, 4], [1, -1]])
case('unique/dim0', 'torch.unique(x, { dim: 0, return_inverse: true, return_counts: true })',
     lambda x: torch.unique(x, dim=0, return_inverse=True, return_counts=True), x=rows)
case('unique/dim1-float', 'torch.unique(x, { dim: 1 })', lambda x: torch.unique(x, dim=1), grad=False,
     x=torch.tensor([[2., 1., 2., 0.5, 1.], [0., 3., 0., 9., 3.], [1., 1., 1., 1., 1.]]))
case('unique/dim-last-3d', 'x.unique({ dim: -1, return_inverse: true })', lambda x: x.unique(dim=-1, return_inverse=True), grad=False,
     x=torch.tensor([[[1., 0., 1., 2.], [2., 2., 2., 0.]], [[0., 1., 0., 3.], [1., 1., 1., 1.]]]))
case('unique/dim1-3d-unsorted', 'torch.unique(x, { sorted: false, dim: 1, return_counts: true })',
     lambda x: torch.unique(x, sorted=False, dim=1, return_counts=True), grad=False, x=torch.tensor([[[3, 1], [0, 2], [3, 1]], [[4, 4], [5, 6], [4, 4]]]))
case('unique_consecutive/dim0', 'torch.unique_consecutive(x, { dim: 0, return_inverse: true, return_counts: true })',
     lambda x: torch.unique_consecutive(x, dim=0, return_inverse=True, return_counts=True),
     x=torch.tensor([[1, 2], [1, 2], [3, 4], [1, 2], [1, 2], [1, 2]]))
case('unique_consecutive/dim1-3d', 'x.unique_consecutive({ dim: 1, return_counts: true })',
     lambda x: x.unique_consecutive(dim=1, return_counts=True), grad=False,
     x=torch.tensor([[[1., 2.], [1., 2.], [0., 2.], [1., 2.]], [[5., 5.], [5., 5.], [5., 5.], [7., 5.]]]))
# cdist with p = 2: the matmul form when either input has more than 25 rows. Around 4096 the squares round,
# so the two forms give different distances (every summation order of the matmul form gives the same ones)
near = torch.tensor([4096., 4097., 4098., 4099., 4100., 4101., 4103.])
cols = torch.tensor([[4096.], [4097.], [4099.], [4100.]])
case('cdist/mm-x1-rows', 'torch.cdist(a, b)', lambda a, b: torch.cdist(a, b), grad=False, a=near.repeat(4)[:26].view(-1, 1), b=cols)
case('cdist/direct-25-rows', 'torch.cdist(a, b)', lambda a, b: torch.cdist(a, b), grad=False, a=near.repeat(4)[:25].view(-1, 1), b=cols)
case('cdist/mm-x2-rows', 'torch.cdist(a, b)', lambda a, b: torch.cdist(a, b), grad=False, a=cols, b=near.repeat(5).view(-1, 1))
case('cdist/mm-p1-direct', 'torch.cdist(a, b, 1)', lambda a, b: torch.cdist(a, b, 1), grad=False, a=near.repeat(4).view(-1, 1), b=cols)
case('cdist/mm-grad', 'torch.cdist(a, b)', lambda a, b: torch.cdist(a, b), a=r(2, 27, 3), b=r(4, 3))
case('cdist/mm-grad-zero-distances', 'torch.cdist(a, b)', lambda a, b: torch.cdist(a, b),
     a=torch.randint(0, 3, (28, 2)).float(), b=torch.tensor([[0., 1.], [2., 2.], [1., 0.], [0., 0.]]))

# tensordot: a contracted dim of size 1 on either side is summed on the other (ATen's broadcast), both 1, int dims
case('tensordot/size1-first', 'torch.tensordot(a, b, [[1, 2], [0, 1]])', lambda a, b: torch.tensordot(a, b, ([1, 2], [0, 1])),
     node=True, a=r(2, 1, 3), b=r(4, 3, 5))
case('tensordot/size1-second', 'torch.tensordot(a, b, [[0], [0]])', lambda a, b: torch.tensordot(a, b, ([0], [0])), a=r(4, 3), b=r(1, 3))
case('tensordot/size1-both', 'torch.tensordot(a, b, [[1], [0]])', lambda a, b: torch.tensordot(a, b, ([1], [0])), a=r(3, 1), b=r(1, 4))
case('tensordot/size1-int-dims', 'torch.tensordot(a, b, 1)', lambda a, b: torch.tensordot(a, b, 1), a=r(2, 3, 1), b=r(1, 5))
case('tensordot/size1-int-dims2', 'torch.tensordot(a, b, 2)', lambda a, b: torch.tensordot(a, b, 2), a=r(2, 1, 4), b=r(3, 4, 2))
case('tensordot/size1-negative', 'torch.tensordot(a, b, [[-1, 0], [0, -1]])', lambda a, b: torch.tensordot(a, b, ([-1, 0], [0, -1])),
     a=r(1, 2, 3), b=r(3, 4, 5))
case('tensordot/size1-no-free-dims', 'torch.tensordot(a, b, [[0, 1], [1, 0]])', lambda a, b: torch.tensordot(a, b, ([0, 1], [1, 0])),
     a=r(1, 3), b=r(3, 6))
case('tensordot/dims0', 'torch.tensordot(a, b, 0)', lambda a, b: torch.tensordot(a, b, 0), a=r(2, 1), b=r(3))

# ---------------------------------------------------------------- errors
err('sort/dim', 'torch.sort(x, 2)', lambda x: torch.sort(x, 2), x=m)
err('topk/k', 'torch.topk(x, 6)', lambda x: torch.topk(x, 6), x=m)
err('kthvalue/k', 'torch.kthvalue(x, 0)', lambda x: torch.kthvalue(x, 0), x=m)
err('kthvalue/k-dim0', 'torch.kthvalue(x, 4, 0)', lambda x: torch.kthvalue(x, 4, 0), x=m)
err('mode/empty', 'torch.mode(x)', lambda x: torch.mode(x), x=torch.zeros(0))
err('median/empty-dim', 'torch.median(x, 1)', lambda x: torch.median(x, 1), x=torch.zeros(2, 0))
err('searchsorted/shapes', 'torch.searchsorted(s, v)', lambda s, v: torch.searchsorted(s, v), s=torch.zeros(2, 3), v=torch.zeros(3, 1))
err('searchsorted/side', "torch.searchsorted(s, v, { side: 'left', right: true })", lambda s, v: torch.searchsorted(s, v, side='left', right=True), s=torch.zeros(3), v=torch.zeros(2))
err('bucketize/boundaries', 'torch.bucketize(v, s)', lambda s, v: torch.bucketize(v, s), s=torch.zeros(2, 3), v=torch.zeros(3))
err('einsum/subscripts', "torch.einsum('ij,jk', a, b)", lambda a, b: torch.einsum('ij,jk', a, b), a=torch.zeros(2, 3, 1), b=torch.zeros(3, 2))
err('einsum/ellipsis-count', "torch.einsum('...ijkl', a)", lambda a: torch.einsum('...ijkl', a), a=torch.zeros(2, 3, 1))
err('einsum/operands', "torch.einsum('ij,jk', a)", lambda a: torch.einsum('ij,jk', a), a=torch.zeros(2, 3))
err('einsum/output', "torch.einsum('ij->k', a)", lambda a: torch.einsum('ij->k', a), a=torch.zeros(2, 3))
err('tensordot/sizes', 'torch.tensordot(a, b, 1)', lambda a, b: torch.tensordot(a, b, 1), a=torch.zeros(2, 3), b=torch.zeros(4, 2))
err('tensordot/size1-then-mismatch', 'torch.tensordot(a, b, [[0, 0], [0, 1]])', lambda a, b: torch.tensordot(a, b, ([0, 0], [0, 1])), a=torch.zeros(2, 1, 3), b=torch.zeros(1, 4))
err('tensordot/repeated-dim', 'torch.tensordot(a, b, [[-1, 1], [0, 1]])', lambda a, b: torch.tensordot(a, b, ([-1, 1], [0, 1])), a=torch.zeros(2, 3), b=torch.zeros(3, 1))
err('tensordot/repeated-dim-second', 'torch.tensordot(a, b, [[0, 1], [1, 1]])', lambda a, b: torch.tensordot(a, b, ([0, 1], [1, 1])), a=torch.zeros(2, 3), b=torch.zeros(3, 1))
err('tensordot/dim-range', 'torch.tensordot(a, b, [[5], [0]])', lambda a, b: torch.tensordot(a, b, ([5], [0])), a=torch.zeros(2, 3), b=torch.zeros(3, 1))
err('tensordot/dim-range-second', 'torch.tensordot(a, b, [[0], [5]])', lambda a, b: torch.tensordot(a, b, ([0], [5])), a=torch.zeros(2, 3), b=torch.zeros(3, 1))
err('tensordot/int-dims-range', 'torch.tensordot(a, b, 3)', lambda a, b: torch.tensordot(a, b, 3), a=torch.zeros(2, 3), b=torch.zeros(3, 1))
err('tensordot/lengths', 'torch.tensordot(a, b, [[1], [0, 1]])', lambda a, b: torch.tensordot(a, b, ([1], [0, 1])), a=torch.zeros(2, 3), b=torch.zeros(3, 1))
err('tensordot/negative', 'torch.tensordot(a, b, -1)', lambda a, b: torch.tensordot(a, b, -1), a=torch.zeros(2, 3), b=torch.zeros(3, 1))
err('addmm/shapes', 'torch.addmm(c, a, b)', lambda c, a, b: torch.addmm(c, a, b), c=torch.zeros(2, 2), a=torch.zeros(2, 3), b=torch.zeros(4, 2))
err('diagonal/same', 'torch.diagonal(a, 0, 1, 1)', lambda a: torch.diagonal(a, 0, 1, 1), a=torch.zeros(2, 3))
err('diag/3d', 'torch.diag(a)', lambda a: torch.diag(a), a=torch.zeros(2, 2, 2))
err('cross/size', 'torch.cross(a, b, 1)', lambda a, b: torch.cross(a, b, 1), a=torch.zeros(3, 2), b=torch.zeros(3, 2))
err('cdist/cols', 'torch.cdist(a, b)', lambda a, b: torch.cdist(a, b), a=torch.zeros(2, 3), b=torch.zeros(2, 4))
err('roll/align', 'torch.roll(a, [1, 2], 0)', lambda a: torch.roll(a, [1, 2], 0), a=torch.zeros(2, 3))
err('rot90/dims', 'torch.rot90(a, 1, [0, 0])', lambda a: torch.rot90(a, 1, [0, 0]), a=torch.zeros(2, 3))
err('rot90/rank', 'torch.rot90(a)', lambda a: torch.rot90(a), a=torch.zeros(3))
err('fliplr/rank', 'torch.fliplr(a)', lambda a: torch.fliplr(a), a=torch.zeros(3))
err('movedim/count', 'torch.movedim(a, [0, 1], [1])', lambda a: torch.movedim(a, [0, 1], [1]), a=torch.zeros(2, 3))
err('repeat_interleave/size', 'torch.repeat_interleave(a, n, 0)', lambda a, n: torch.repeat_interleave(a, n, 0), a=torch.zeros(3), n=torch.tensor([1, 2]))
err('repeat_interleave/negative', 'torch.repeat_interleave(a, -1)', lambda a: torch.repeat_interleave(a, -1), a=torch.zeros(3))
err('tensor_split/sections', 'torch.tensor_split(a, 0)', lambda a: torch.tensor_split(a, 0), a=torch.zeros(3))
err('hsplit/divisible', 'torch.hsplit(a, 2)', lambda a: torch.hsplit(a, 2), a=torch.zeros(2, 5))
err('vsplit/rank', 'torch.vsplit(a, 2)', lambda a: torch.vsplit(a, 2), a=torch.zeros(4))
err('take/range', 'torch.take(a, i)', lambda a, i: torch.take(a, i), a=torch.zeros(2, 3), i=torch.tensor([6]))
err('index_add/range', 'torch.index_add(a, 0, i, s)', lambda a, i, s: torch.index_add(a, 0, i, s), a=torch.zeros(2, 3), i=torch.tensor([2]), s=torch.zeros(1, 3))
err('index_fill/dtype', 'torch.index_fill(a, 0, i, 1)', lambda a, i: torch.index_fill(a, 0, i, 1), a=torch.zeros(2, 3), i=torch.tensor([0.]))
err('scatter_reduce/reduce', "torch.scatter_reduce(a, 0, i, s, 'max')", lambda a, i, s: torch.scatter_reduce(a, 0, i, s, 'max'), a=torch.zeros(3), i=torch.tensor([0]), s=torch.zeros(1))
err('unique/dim', 'torch.unique(x, { dim: 2 })', lambda x: torch.unique(x, dim=2), x=torch.zeros(2, 3))
err('scatter_reduce/index', "torch.scatter_reduce(a, 0, i, s, 'sum')", lambda a, i, s: torch.scatter_reduce(a, 0, i, s, 'sum'), a=torch.zeros(3), i=torch.tensor([3]), s=torch.zeros(1))
err('heaviside/dtype', 'torch.heaviside(a, v)', lambda a, v: torch.heaviside(a, v), a=torch.zeros(3), v=torch.tensor([1]))
err('nanmean/int', 'torch.nanmean(a)', lambda a: torch.nanmean(a), a=torch.tensor([1, 2]))
err('histc/bins', 'torch.histc(a, 0)', lambda a: torch.histc(a, 0), a=torch.zeros(3))
err('histc/inf', 'torch.histc(a, 3)', lambda a: torch.histc(a, 3), a=torch.tensor([1., inf]))
err('histc/nan-data', 'torch.histc(a, 3)', lambda a: torch.histc(a, 3), a=torch.tensor([1., nan]))
err('histc/nan-max', 'torch.histc(a, 3, -1.5, NaN)', lambda a: torch.histc(a, 3, -1.5, nan), a=torch.tensor([1., 2.]))
err('histc/order', 'torch.histc(a, 3, 3, 1)', lambda a: torch.histc(a, 3, 3, 1), a=torch.tensor([1., 2.]))
err('scatter_reduce/dtype', "torch.scatter_reduce(a, 0, i, s, 'sum')", lambda a, i, s: torch.scatter_reduce(a, 0, i, s, 'sum'), a=torch.zeros(3), i=torch.tensor([0, 1]), s=torch.tensor([1, 2]))
err('scatter/dtype', 'torch.scatter(a, 0, i, s)', lambda a, i, s: torch.scatter(a, 0, i, s), a=torch.zeros(3), i=torch.tensor([0, 1]), s=torch.tensor([1, 2]))
err('scatter_add/dtype', 'torch.scatter_add(a, 0, i, s)', lambda a, i, s: torch.scatter_add(a, 0, i, s), a=torch.zeros(3), i=torch.tensor([0, 1]), s=torch.tensor([1, 2]))
err('index_add/dtype', 'torch.index_add(a, 0, i, s)', lambda a, i, s: torch.index_add(a, 0, i, s), a=torch.zeros(3), i=torch.tensor([0, 1]), s=torch.tensor([1, 2]))
err('index_copy/dtype', 'torch.index_copy(a, 0, i, s)', lambda a, i, s: torch.index_copy(a, 0, i, s), a=torch.zeros(3), i=torch.tensor([0, 1]), s=torch.tensor([1, 2]))
err('index_put/dtype', 'a.index_put_([i], s)', lambda a, i, s: a.index_put_((i,), s), a=torch.zeros(3), i=torch.tensor([0, 1]), s=torch.tensor([1, 2]))
err('masked_scatter/dtype', 'a.masked_scatter(m, s)', lambda a, m, s: a.masked_scatter(m, s), a=torch.zeros(3), m=torch.tensor([True, False, True]), s=torch.tensor([1, 2]))
err('dot/dtype', 'torch.dot(a, b)', lambda a, b: torch.dot(a, b), a=torch.zeros(2), b=torch.tensor([1, 2]))
err('lerp/end-dtype', 'torch.lerp(a, b, 0.5)', lambda a, b: torch.lerp(a, b, 0.5), a=torch.zeros(2), b=torch.tensor([1, 2]))
err('lerp/weight-dtype', 'torch.lerp(a, a, w)', lambda a, w: torch.lerp(a, a, w), a=torch.zeros(2), w=torch.tensor([True, False]))
err('cross/dtype', 'torch.cross(a, b)', lambda a, b: torch.cross(a, b), a=torch.zeros(3), b=torch.tensor([1, 2, 3]))
err('kl_div/int', 'torch.nn.functional.kl_div(a, b)', lambda a, b: torch.nn.functional.kl_div(a, b), a=torch.zeros(3), b=torch.tensor([1, 2, 3]))
err('cosine_similarity/int', 'torch.nn.functional.cosine_similarity(a, a, 0)', lambda a: torch.nn.functional.cosine_similarity(a, a, 0), a=torch.tensor([1, 2, 3]))
err('sub/bool', 'torch.sub(a, m)', lambda a, m: torch.sub(a, m), a=torch.zeros(3), m=torch.tensor([True, False, True]))
err('neg/bool', 'torch.neg(m)', lambda m: torch.neg(m), m=torch.tensor([True, False, True]))
err('mm/bool', 'torch.mm(a, a)', lambda a: torch.mm(a, a), a=torch.tensor([[True, False], [False, True]]))
err('dot/bool', 'torch.dot(a, a)', lambda a: torch.dot(a, a), a=torch.tensor([True, False]))
err('mv/bool', 'torch.mv(a, v)', lambda a, v: torch.mv(a, v), a=torch.tensor([[True, False], [False, True]]), v=torch.tensor([True, False]))
err('bmm/bool', 'torch.bmm(a, a)', lambda a: torch.bmm(a, a), a=torch.tensor([[[True, False], [False, True]]]))
err('bincount/negative', 'torch.bincount(a)', lambda a: torch.bincount(a), a=torch.tensor([1, -1]))
err('bincount/weights', 'torch.bincount(a, w)', lambda a, w: torch.bincount(a, w), a=torch.tensor([1, 2]), w=torch.zeros(3))
err('multinomial/k', 'torch.multinomial(p, 5)', lambda p: torch.multinomial(p, 5), p=torch.ones(4))
err('multinomial/negative', 'torch.multinomial(p, 2, true)', lambda p: torch.multinomial(p, 2, True), p=torch.tensor([0.5, -1.]))
err('multinomial/zero-sum', 'torch.multinomial(p, 1)', lambda p: torch.multinomial(p, 1), p=torch.zeros(3))
err('multinomial/dims', 'torch.multinomial(p, 1)', lambda p: torch.multinomial(p, 1), p=torch.ones(2, 2, 2))
err('multinomial/dtype', 'torch.multinomial(p, 1)', lambda p: torch.multinomial(p, 1), p=torch.tensor([1, 2]))

with open('test/fixtures/ops-extra.json', 'w') as f:
    json.dump({'cases': cases, 'errors': errors}, f, separators=(',', ':'))
print(f'{len(cases)} cases, {len(errors)} errors')
for e in errors:
    print(e['id'], '|', e['message'])
