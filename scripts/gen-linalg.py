# Writes test/fixtures/linalg.json: what PyTorch 1.13 computes for torch.linalg and the classic names
# (det, inverse, svd, qr, cholesky, ...). Each case pairs a JavaScript expression (run by
# test/linalg.test.ts on the same inputs) with the Python call it mirrors; the JSON holds the inputs,
# every output, the gradients of sum(out_i * w_i) for the inputs that require grad, grad_fn names,
# and the error messages (raised by the call, or by backward).
#
# Eigenvectors and singular vectors are defined up to sign: `signs` lists the outputs whose columns
# ('col') or rows ('row') the test aligns with PyTorch's before comparing; gradient cases of those
# factorizations use sign-invariant expressions (V², u·vᵀ pairs, reconstructions).
# Run from the repo root: /usr/bin/python3 scripts/gen-linalg.py
import json
import warnings
import torch

warnings.simplefilter('ignore')
torch.manual_seed(0)
r = torch.randn
L = torch.linalg
inf = float('inf')


def enc(t):
    if t is None:
        return None
    t = t.detach()
    if t.dtype == torch.int32:  # inv_ex/cholesky_ex/solve_ex info: int64 in tocha
        t = t.long()
    dt = {torch.float32: 'float32', torch.int64: 'int64', torch.bool: 'bool'}[t.dtype]
    data = [x if isinstance(x, bool) or (x == x and abs(x) != inf) else str(x) for x in t.flatten().tolist()]
    return {'dtype': dt, 'shape': list(t.shape), 'data': data}


def flat(res):
    if isinstance(res, torch.Tensor):
        return [res]
    return [o for x in res for o in flat(x)]


cases = []


def case(id, js, py, grad=True, node=False, signs=None, tol=None, gtol=None, **inputs):
    """signs: {output index: 'col' | 'row'} sign-ambiguous vectors; tol/gtol: relative tolerances of
    values/gradients where conditioning needs more than the test's default."""
    ins = {k: v.clone().requires_grad_(grad and v.is_floating_point()) for k, v in inputs.items()}
    outs = flat(py(**ins))
    c = {'id': id, 'js': js, 'inputs': {k: enc(v) for k, v in inputs.items()},
         'requires_grad': [k for k, v in ins.items() if v.requires_grad], 'outs': [enc(o) for o in outs]}
    if signs:
        c['signs'] = signs
    if tol:
        c['tol'] = tol
    if gtol:
        c['gtol'] = gtol
    if node:
        c['grad_fn'] = [type(o.grad_fn).__name__ if o.grad_fn else None for o in outs]
    diff = [i for i, o in enumerate(outs) if o.requires_grad and o.numel() > 0]
    if diff and grad:
        ws = [r(outs[i].shape) for i in diff]
        loss = sum((outs[i] * w).sum() for i, w in zip(diff, ws))
        leaves = [ins[k] for k in c['requires_grad']]
        gs = torch.autograd.grad(loss, leaves, allow_unused=True)
        c['diff'] = diff
        c['weights'] = [enc(w) for w in ws]
        c['grads'] = [enc(g) for g in gs]
    cases.append(c)


errors = []


def err(id, js, py, backward=False, **inputs):
    """backward: the call succeeds and the error comes from backward() of its sum."""
    ins = {k: v.clone().requires_grad_(backward) for k, v in inputs.items()}
    try:
        out = py(**ins)
        if backward:
            sum(o.sum() for o in flat(out) if o.requires_grad).backward()
    except Exception as e:  # noqa: BLE001 - the message is the point
        errors.append({'id': id, 'js': js, 'inputs': {k: enc(v) for k, v in inputs.items()}, 'backward': backward,
                       'message': str(e).split('\n')[0]})
        return
    raise AssertionError(f'no error: {id}')


def spd(*shape):
    m = r(*shape)
    return m @ m.mT + shape[-1] * torch.eye(shape[-1])


def sym(*shape):
    m = r(*shape)
    return (m + m.mT) / 2


a3 = r(3, 3) + 2 * torch.eye(3)
a4b = r(2, 3, 4, 4) + 3 * torch.eye(4)
neg = torch.tensor([[0., 2, 1], [1, 0, 0], [0, 1, 3]])  # det < 0
sing = torch.tensor([[1., 2, 3], [4, 5, 6], [7, 8, 9]])
s3 = spd(3, 3)
s4b = spd(2, 4, 4)
up = torch.triu(r(4, 4)) + 3 * torch.eye(4)
lo = torch.tril(r(4, 4)) + 3 * torch.eye(4)
tall = r(5, 3)
wide = r(3, 5)
y3 = sym(3, 3)
y4b = sym(2, 4, 4)

# ---------------------------------------------------------------- det, slogdet, logdet
case('det/3x3', 'torch.linalg.det(a)', lambda a: L.det(a), node=True, a=a3)
case('det/batched', 'torch.linalg.det(a)', lambda a: L.det(a), a=a4b)
case('det/non-contiguous', 'torch.linalg.det(a.t())', lambda a: L.det(a.t()), a=a3)
case('det/integers', 'torch.linalg.det(a)', lambda a: L.det(a), grad=False, a=torch.tensor([[2., 1, 3], [0, 4, 1], [5, 2, 0]]))
case('det/singular-1..9', 'torch.linalg.det(a)', lambda a: L.det(a), a=sing)
case('det/singular-rank1', 'torch.linalg.det(a)', lambda a: L.det(a), a=torch.tensor([[1., 2], [2, 4]]))
case('det/1x1', 'torch.linalg.det(a)', lambda a: L.det(a), a=torch.tensor([[-2.5]]))
case('det/empty', 'torch.linalg.det(a)', lambda a: L.det(a), a=torch.zeros(2, 0, 0))
case('det/torch.det', 'torch.det(a)', lambda a: torch.det(a), node=True, a=a3)
case('det/method', 'a.det()', lambda a: a.det(), a=a3)
case('slogdet/3x3', 'torch.linalg.slogdet(a)', lambda a: L.slogdet(a), node=True, a=neg)
case('slogdet/batched', 'torch.linalg.slogdet(a)', lambda a: L.slogdet(a), a=a4b)
case('slogdet/singular', 'torch.linalg.slogdet(a)', lambda a: L.slogdet(a), grad=False, a=torch.tensor([[1., 2], [2, 4]]))
case('slogdet/torch.slogdet', 'torch.slogdet(a)', lambda a: torch.slogdet(a), a=a3)
case('slogdet/method', 'a.slogdet()', lambda a: a.slogdet(), a=neg)
case('logdet/positive', 'torch.logdet(a)', lambda a: torch.logdet(a), node=True, a=s3)
case('logdet/negative-det', 'torch.logdet(a)', lambda a: torch.logdet(a), grad=False, a=neg)
case('logdet/method', 'a.logdet()', lambda a: a.logdet(), a=a4b)

# ---------------------------------------------------------------- inv, solve
case('inv/3x3', 'torch.linalg.inv(a)', lambda a: L.inv(a), node=True, a=a3)
case('inv/batched', 'torch.linalg.inv(a)', lambda a: L.inv(a), a=a4b)
case('inv/integers', 'torch.linalg.inv(a)', lambda a: L.inv(a), a=torch.tensor([[4., 7], [2, 6]]))
case('inv/inverse', 'torch.inverse(a)', lambda a: torch.inverse(a), node=True, a=a3)
case('inv/method', 'a.inverse()', lambda a: a.inverse(), a=a3)
case('inv_ex', 'torch.linalg.inv_ex(a)', lambda a: L.inv_ex(a), a=a3)
case('solve/vector', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), node=True, a=a3, b=r(3))
case('solve/matrix', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), a=a3, b=r(3, 2))
case('solve/batched-vector', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), a=a4b, b=r(2, 3, 4))
case('solve/batched-1d', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), a=a4b, b=r(4))
case('solve/broadcast', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), a=a3, b=r(2, 3, 2))
case('solve/broadcast-a', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), a=r(2, 1, 3, 3) + 3 * torch.eye(3), b=r(4, 3, 1))
case('solve/left-false', 'torch.linalg.solve(a, b, { left: false })', lambda a, b: L.solve(a, b, left=False), a=a3, b=r(2, 3))
case('solve/integers', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), a=torch.tensor([[3., 1], [1, 2]]), b=torch.tensor([9., 8]))
case('solve_ex', 'torch.linalg.solve_ex(a, b)', lambda a, b: L.solve_ex(a, b), a=a3, b=r(3))

# ---------------------------------------------------------------- cholesky, triangular solves
case('cholesky/spd', 'torch.linalg.cholesky(a)', lambda a: L.cholesky(a), node=True, a=s3)
case('cholesky/integers', 'torch.linalg.cholesky(a)', lambda a: L.cholesky(a), a=torch.tensor([[4., 2, 2], [2, 5, 3], [2, 3, 6]]))
case('cholesky/lower-only', 'torch.linalg.cholesky(a)', lambda a: L.cholesky(a), a=torch.tril(s3) + torch.triu(r(3, 3), 1))
case('cholesky/upper', 'torch.linalg.cholesky(a, { upper: true })', lambda a: L.cholesky(a, upper=True), a=s3)
case('cholesky/batched', 'torch.linalg.cholesky(a)', lambda a: L.cholesky(a), a=s4b)
case('cholesky_ex', 'torch.linalg.cholesky_ex(a)', lambda a: L.cholesky_ex(a), node=True, a=s3)
case('cholesky_ex/not-pd', 'torch.linalg.cholesky_ex(a).info', lambda a: L.cholesky_ex(a).info, grad=False, a=torch.tensor([[1., 2], [2, 1]]))
case('cholesky/torch.cholesky', 'torch.cholesky(a)', lambda a: torch.cholesky(a), node=True, a=s3)
case('cholesky/torch.cholesky-upper', 'torch.cholesky(a, true)', lambda a: torch.cholesky(a, True), a=s3)
case('cholesky/method', 'a.cholesky()', lambda a: a.cholesky(), a=s4b)
case('cholesky_solve', 'torch.cholesky_solve(b, l)', lambda b, l: torch.cholesky_solve(b, l), b=r(3, 2), l=torch.linalg.cholesky(s3))
case('cholesky_solve/upper', 'torch.cholesky_solve(b, l, true)', lambda b, l: torch.cholesky_solve(b, l, True), b=r(3, 2), l=torch.linalg.cholesky(s3).mT.contiguous())
case('cholesky_inverse', 'torch.cholesky_inverse(l)', lambda l: torch.cholesky_inverse(l), l=torch.linalg.cholesky(s3))
case('solve_triangular/upper', 'torch.linalg.solve_triangular(a, b, { upper: true })', lambda a, b: L.solve_triangular(a, b, upper=True), node=True, a=up, b=r(4, 2))
case('solve_triangular/lower', 'torch.linalg.solve_triangular(a, b, { upper: false })', lambda a, b: L.solve_triangular(a, b, upper=False), a=lo, b=r(4, 3))
case('solve_triangular/reads-triangle', 'torch.linalg.solve_triangular(a, b, { upper: true })', lambda a, b: L.solve_triangular(a, b, upper=True), a=up + torch.tril(r(4, 4), -1), b=r(4, 1))
case('solve_triangular/unit', 'torch.linalg.solve_triangular(a, b, { upper: false, unitriangular: true })', lambda a, b: L.solve_triangular(a, b, upper=False, unitriangular=True), a=lo, b=r(4, 2))
case('solve_triangular/right', 'torch.linalg.solve_triangular(a, b, { upper: true, left: false })', lambda a, b: L.solve_triangular(a, b, upper=True, left=False), a=up, b=r(3, 4))
case('solve_triangular/right-unit-lower', 'torch.linalg.solve_triangular(a, b, { upper: false, left: false, unitriangular: true })', lambda a, b: L.solve_triangular(a, b, upper=False, left=False, unitriangular=True), a=lo, b=r(2, 4))
case('solve_triangular/broadcast', 'torch.linalg.solve_triangular(a, b, { upper: true })', lambda a, b: L.solve_triangular(a, b, upper=True), a=up, b=r(2, 4, 2))
case('triangular_solve', 'torch.triangular_solve(b, a)', lambda b, a: torch.triangular_solve(b, a), b=r(4, 2), a=up)
case('triangular_solve/transpose', 'b.triangular_solve(a, false, true)', lambda b, a: b.triangular_solve(a, False, True), b=r(4, 2), a=lo)

# ---------------------------------------------------------------- qr: LAPACK's signs, compared as they are
case('qr/square', 'torch.linalg.qr(a)', lambda a: L.qr(a), node=True, a=a3)
case('qr/tall', 'torch.linalg.qr(a)', lambda a: L.qr(a), a=tall)
case('qr/tall-complete', "torch.linalg.qr(a, 'complete')", lambda a: L.qr(a, 'complete'), grad=False, a=tall)
case('qr/wide', 'torch.linalg.qr(a)', lambda a: L.qr(a), a=wide)
case('qr/wide-complete', "torch.linalg.qr(a, { mode: 'complete' })", lambda a: L.qr(a, mode='complete'), a=wide)
case('qr/r', "torch.linalg.qr(a, 'r')", lambda a: L.qr(a, 'r'), grad=False, a=tall)
case('qr/batched', 'torch.linalg.qr(a)', lambda a: L.qr(a), a=r(2, 4, 3))
case('qr/upper-triangular-input', 'torch.linalg.qr(a)', lambda a: L.qr(a), a=torch.tensor([[-2., 1, 4], [0, 3, -1], [0, 0, -5]]))
case('qr/integers', 'torch.linalg.qr(a)', lambda a: L.qr(a), a=torch.tensor([[1., 2], [3, 4], [5, 6]]))
case('qr/only-R-used', 'torch.linalg.qr(a).R', lambda a: L.qr(a).R, a=tall)
case('qr/only-Q-used', 'torch.linalg.qr(a).Q', lambda a: L.qr(a).Q, a=wide)
case('qr/torch.qr', 'torch.qr(a)', lambda a: torch.qr(a), a=tall)
case('qr/torch.qr-some-false', 'a.qr(false)', lambda a: a.qr(False), grad=False, a=tall)

# ---------------------------------------------------------------- eigh
case('eigh/3x3', 'torch.linalg.eigh(a)', lambda a: L.eigh(a), grad=False, node=True, signs={'1': 'col'}, a=y3)
case('eigh/batched', 'torch.linalg.eigh(a)', lambda a: L.eigh(a), grad=False, signs={'1': 'col'}, a=y4b)
case('eigh/upper', "torch.linalg.eigh(a, 'U')", lambda a: L.eigh(a, 'U'), grad=False, signs={'1': 'col'}, a=y3 + torch.tril(r(3, 3), -1))
case('eigh/lower-only', 'torch.linalg.eigh(a)', lambda a: L.eigh(a), grad=False, signs={'1': 'col'}, a=y3 + torch.triu(r(3, 3), 1))
case('eigh/values-grad', 'torch.linalg.eigh(a).eigenvalues', lambda a: L.eigh(a).eigenvalues, node=True, a=y4b)
case('eigh/vectors-squared', 'torch.linalg.eigh(a).eigenvectors.square()', lambda a: L.eigh(a).eigenvectors.square(), a=y3)
case('eigh/reconstruct', "(([l, v]) => v.mul(l.unsqueeze(-2)).matmul(v.mT))(torch.linalg.eigh(a))",
     lambda a: (lambda l, v: (v * l.unsqueeze(-2)) @ v.mT)(*L.eigh(a)), a=y4b)
case('eigh/both-used', "(([l, v]) => v.square().mul(l.unsqueeze(-2)))(torch.linalg.eigh(a))",
     lambda a: (lambda l, v: v.square() * l.unsqueeze(-2))(*L.eigh(a)), a=y3)
case('eigvalsh', 'torch.linalg.eigvalsh(a)', lambda a: L.eigvalsh(a), node=True, a=y3)
case('eigvalsh/upper', "torch.linalg.eigvalsh(a, 'U')", lambda a: L.eigvalsh(a, 'U'), a=y4b)
case('eigvalsh/repeated', 'torch.linalg.eigvalsh(a)', lambda a: L.eigvalsh(a), a=torch.eye(3) * 2)

# ---------------------------------------------------------------- svd
case('svd/square', 'torch.linalg.svd(a)', lambda a: L.svd(a), grad=False, node=True, signs={'0': 'col', '2': 'row'}, a=a3)
case('svd/tall-reduced', 'torch.linalg.svd(a, false)', lambda a: L.svd(a, False), grad=False, signs={'0': 'col', '2': 'row'}, a=tall)
case('svd/wide-reduced', 'torch.linalg.svd(a, { full_matrices: false })', lambda a: L.svd(a, full_matrices=False), grad=False, signs={'0': 'col', '2': 'row'}, a=wide)
case('svd/tall-full-first-columns', 'torch.linalg.svd(a).U.narrow(-1, 0, 3)', lambda a: L.svd(a).U.narrow(-1, 0, 3), grad=False, signs={'0': 'col'}, a=tall)
case('svd/batched', 'torch.linalg.svd(a, false)', lambda a: L.svd(a, False), grad=False, signs={'0': 'col', '2': 'row'}, a=r(2, 3, 5, 4))
case('svd/values-grad', 'torch.linalg.svd(a).S', lambda a: L.svd(a).S, a=tall)
case('svd/pairs', "(([u, s, vh]) => u.narrow(-1, 0, 2).matmul(vh.narrow(-2, 0, 2)))(torch.linalg.svd(a, false))",
     lambda a: (lambda u, s, vh: u[..., :2] @ vh[..., :2, :])(*L.svd(a, False)), a=tall)
case('svd/pairs-wide', "(([u, s, vh]) => u.narrow(-1, 0, 2).matmul(vh.narrow(-2, 0, 2)))(torch.linalg.svd(a, false))",
     lambda a: (lambda u, s, vh: u[..., :2] @ vh[..., :2, :])(*L.svd(a, False)), a=wide)
case('svd/squares', "(([u, s, vh]) => [u.square(), s, vh.square()])(torch.linalg.svd(a, false))",
     lambda a: (lambda u, s, vh: [u.square(), s, vh.square()])(*L.svd(a, False)), a=r(2, 4, 3))
case('svd/full-pairs', "(([u, s, vh]) => u.narrow(-1, 0, 3).mul(s.unsqueeze(-2)).matmul(vh))(torch.linalg.svd(a))",
     lambda a: (lambda u, s, vh: (u[..., :3] * s.unsqueeze(-2)) @ vh)(*L.svd(a)), a=tall)
case('svd/repeated-singular-values', "torch.linalg.svd(a).U.square()", lambda a: L.svd(a).U.square(), a=torch.eye(3))
case('svdvals', 'torch.linalg.svdvals(a)', lambda a: L.svdvals(a), node=True, a=wide)
case('svdvals/batched', 'torch.linalg.svdvals(a)', lambda a: L.svdvals(a), a=r(3, 4, 2))
case('svd/torch.svd', 'torch.svd(a)', lambda a: torch.svd(a), grad=False, signs={'0': 'col', '2': 'col'}, a=tall)
case('svd/torch.svd-V', 'torch.svd(a).V.square()', lambda a: torch.svd(a).V.square(), node=True, a=tall)
case('svd/torch.svd-no-uv', 'torch.svd(a, true, false)', lambda a: torch.svd(a, True, False), a=tall)
case('svd/method', 'a.svd().S', lambda a: a.svd().S, a=wide)

# ---------------------------------------------------------------- pinv, matrix_rank, lstsq
rank2 = r(4, 2) @ r(2, 3)
case('pinv/square', 'torch.linalg.pinv(a)', lambda a: L.pinv(a), node=True, a=a3)
case('pinv/tall', 'torch.linalg.pinv(a)', lambda a: L.pinv(a), a=tall)
case('pinv/wide', 'torch.linalg.pinv(a)', lambda a: L.pinv(a), a=wide)
case('pinv/batched', 'torch.linalg.pinv(a)', lambda a: L.pinv(a), a=r(2, 3, 4))
case('pinv/rank-deficient', 'torch.linalg.pinv(a)', lambda a: L.pinv(a), a=rank2, gtol=1e-3)
case('pinv/hermitian', 'torch.linalg.pinv(a, { hermitian: true })', lambda a: L.pinv(a, hermitian=True), a=y3)
case('pinv/rcond', 'torch.linalg.pinv(a, 0.5)', lambda a: L.pinv(a, 0.5), a=torch.diag(torch.tensor([4., 1, 3])))
case('pinv/atol', 'torch.linalg.pinv(a, { atol: 2 })', lambda a: L.pinv(a, atol=2.), a=torch.diag(torch.tensor([4., 1, 3])))
case('pinv/pinverse', 'torch.pinverse(a)', lambda a: torch.pinverse(a), a=tall)
case('pinv/method', 'a.pinverse()', lambda a: a.pinverse(), a=wide)
case('matrix_rank/full', 'torch.linalg.matrix_rank(a)', lambda a: L.matrix_rank(a), a=a3)
case('matrix_rank/deficient', 'torch.linalg.matrix_rank(a)', lambda a: L.matrix_rank(a), a=rank2)
case('matrix_rank/batched', 'torch.linalg.matrix_rank(a)', lambda a: L.matrix_rank(a), a=torch.stack([rank2, r(4, 3)]))
case('matrix_rank/tol', 'torch.linalg.matrix_rank(a, 1.5)', lambda a: L.matrix_rank(a, 1.5), a=torch.diag(torch.tensor([4., 1, 3])))
case('matrix_rank/rtol', 'torch.linalg.matrix_rank(a, { rtol: 0.5 })', lambda a: L.matrix_rank(a, rtol=0.5), a=torch.diag(torch.tensor([4., 1, 3])))
case('matrix_rank/hermitian', 'torch.linalg.matrix_rank(a, { hermitian: true })', lambda a: L.matrix_rank(a, hermitian=True), a=torch.diag(torch.tensor([-4., 0, 3])))
case('lstsq/tall', 'torch.linalg.lstsq(a, b)', lambda a, b: L.lstsq(a, b), node=True, a=tall, b=r(5, 2))
case('lstsq/wide', 'torch.linalg.lstsq(a, b)', lambda a, b: L.lstsq(a, b), a=wide, b=r(3, 2))
# PyTorch 1.13's lstsq backward fails for a vector B (IndexError in linalg_lstsq_backward); tocha's works
case('lstsq/vector', 'torch.linalg.lstsq(a, b)', lambda a, b: L.lstsq(a, b), grad=False, a=tall, b=r(5))
case('lstsq/batched', 'torch.linalg.lstsq(a, b)', lambda a, b: L.lstsq(a, b), a=r(2, 5, 3), b=r(2, 5, 2))
case('lstsq/rank-deficient', 'torch.linalg.lstsq(a, b)', lambda a, b: L.lstsq(a, b), a=rank2, b=r(4, 2), gtol=1e-3)
case('lstsq/gelsd', "torch.linalg.lstsq(a, b, { driver: 'gelsd' })", lambda a, b: L.lstsq(a, b, driver='gelsd'), a=tall, b=r(5, 2))
case('lstsq/gelss-vector', "torch.linalg.lstsq(a, b, { driver: 'gelss' })", lambda a, b: L.lstsq(a, b, driver='gelss'), grad=False, a=tall, b=r(5))
case('lstsq/gels', "torch.linalg.lstsq(a, b, { driver: 'gels' })", lambda a, b: L.lstsq(a, b, driver='gels'), a=tall, b=r(5, 2))
case('lstsq/gelsd-deficient', "torch.linalg.lstsq(a, b, null, { driver: 'gelsd' })", lambda a, b: L.lstsq(a, b, None, driver='gelsd'), grad=False, a=rank2, b=r(4, 2))

# ---------------------------------------------------------------- norms
v = torch.tensor([3., -4, 0, 1.5, -1.5])
m34 = r(3, 4)
t234 = r(2, 3, 4)
for ord_js, ord_py in [('2', 2), ('1', 1), ('Infinity', inf), ('-Infinity', -inf), ('0', 0), ('3', 3), ('0.5', 0.5), ('1.5', 1.5)]:
    case(f'vector_norm/ord={ord_js}', f'torch.linalg.vector_norm(x, {ord_js})', lambda x, o=ord_py: L.vector_norm(x, o), node=ord_py == 2, x=v)
case('vector_norm/default', 'torch.linalg.vector_norm(x)', lambda x: L.vector_norm(x), x=t234)
case('vector_norm/dim', 'torch.linalg.vector_norm(x, 2, 1)', lambda x: L.vector_norm(x, 2, 1), x=t234)
case('vector_norm/dims-keepdim', 'torch.linalg.vector_norm(x, 3, [0, -1], true)', lambda x: L.vector_norm(x, 3, [0, -1], True), x=t234)
case('vector_norm/options', 'torch.linalg.vector_norm(x, { ord: 1, dim: -1, keepdim: true })', lambda x: L.vector_norm(x, ord=1, dim=-1, keepdim=True), x=t234)
case('vector_norm/inf-ties', 'torch.linalg.vector_norm(x, Infinity, 1)', lambda x: L.vector_norm(x, inf, 1), x=torch.tensor([[1., -3, 3], [2, 0, 0]]))
case('vector_norm/zeros', 'torch.linalg.vector_norm(x, 2, 1)', lambda x: L.vector_norm(x, 2, 1), x=torch.tensor([[0., 0, 0], [3, 0, 4]]))
case('vector_norm/zeros-p3', 'torch.linalg.vector_norm(x, 3, 1)', lambda x: L.vector_norm(x, 3, 1), x=torch.tensor([[0., 0, 0], [3, 0, 4]]))
case('vector_norm/zeros-p0.5', 'torch.linalg.vector_norm(x, 0.5)', lambda x: L.vector_norm(x, 0.5), x=torch.tensor([1., 0, 4]))
for ord_js, ord_py in [("'fro'", 'fro'), ("'nuc'", 'nuc'), ('2', 2), ('-2', -2), ('1', 1), ('-1', -1), ('Infinity', inf), ('-Infinity', -inf)]:
    case(f'matrix_norm/ord={ord_py}', f'torch.linalg.matrix_norm(x, {ord_js})', lambda x, o=ord_py: L.matrix_norm(x, o), node=True, x=m34)
    case(f'matrix_norm/ord={ord_py}-dims-keepdim', f'torch.linalg.matrix_norm(x, {ord_js}, [2, 0], true)', lambda x, o=ord_py: L.matrix_norm(x, o, (2, 0), True), x=t234)
case('matrix_norm/batched', 'torch.linalg.matrix_norm(x)', lambda x: L.matrix_norm(x), x=t234)
case('norm/default', 'torch.linalg.norm(x)', lambda x: L.norm(x), node=True, x=t234)
case('norm/matrix-2', 'torch.linalg.norm(x, 2)', lambda x: L.norm(x, 2), x=m34)
case('norm/fro', "torch.linalg.norm(x, 'fro')", lambda x: L.norm(x, 'fro'), x=m34)
case('norm/nuc-dims', "torch.linalg.norm(x, 'nuc', [1, 2])", lambda x: L.norm(x, 'nuc', (1, 2)), x=t234)
case('norm/vector-inf', 'torch.linalg.norm(x, Infinity)', lambda x: L.norm(x, inf), x=v)
case('norm/dim', 'torch.linalg.norm(x, null, 1)', lambda x: L.norm(x, None, 1), x=m34)
case('norm/ord-dim', 'torch.linalg.norm(x, 1, [0, 1], true)', lambda x: L.norm(x, 1, (0, 1), True), x=t234)

# ---------------------------------------------------------------- products and helpers
for n in [0, 1, 2, 3, 5, 6, -1, -3]:
    case(f'matrix_power/{n}', f'torch.linalg.matrix_power(a, {n})', lambda a, n=n: L.matrix_power(a, n), node=n not in (0,), a=a3 / 2)
case('matrix_power/batched', 'torch.linalg.matrix_power(a, 4)', lambda a: L.matrix_power(a, 4), a=a4b / 4)
case('matrix_power/torch', 'torch.matrix_power(a, 2)', lambda a: torch.matrix_power(a, 2), a=a3)
case('matrix_power/method', 'a.matrix_power(-2)', lambda a: a.matrix_power(-2), a=a3)
case('multi_dot/two', 'torch.linalg.multi_dot([a, b])', lambda a, b: L.multi_dot([a, b]), node=True, a=r(3), b=r(3, 2))
case('multi_dot/three', 'torch.linalg.multi_dot([a, b, c])', lambda a, b, c: L.multi_dot([a, b, c]), a=r(4, 10), b=r(10, 3), c=r(3, 8))
case('multi_dot/three-right', 'torch.linalg.multi_dot([a, b, c])', lambda a, b, c: L.multi_dot([a, b, c]), a=r(10, 3), b=r(3, 8), c=r(8, 2))
case('multi_dot/four', 'torch.linalg.multi_dot([a, b, c, d])', lambda a, b, c, d: L.multi_dot([a, b, c, d]), a=r(5), b=r(5, 30), c=r(30, 2), d=r(2, 6))
case('multi_dot/vectors', 'torch.linalg.multi_dot([a, b, c])', lambda a, b, c: L.multi_dot([a, b, c]), a=r(3), b=r(3, 4), c=r(4))
case('chain_matmul', 'torch.chain_matmul(a, b, c)', lambda a, b, c: torch.chain_matmul(a, b, c), a=r(2, 3), b=r(3, 4), c=r(4, 2))
case('cross/default-dim', 'torch.linalg.cross(a, b)', lambda a, b: L.cross(a, b), node=True, a=r(2, 3), b=r(2, 3))
case('cross/dim0', 'torch.linalg.cross(a, b, { dim: 0 })', lambda a, b: L.cross(a, b, dim=0), a=r(3, 2), b=r(3, 2))
case('cross/broadcast', 'torch.linalg.cross(a, b)', lambda a, b: L.cross(a, b), a=r(4, 3), b=r(1, 3))
case('diagonal', 'torch.linalg.diagonal(a)', lambda a: L.diagonal(a), node=True, a=t234)
case('diagonal/offset', 'torch.linalg.diagonal(a, { offset: 1, dim1: 0, dim2: 2 })', lambda a: L.diagonal(a, offset=1, dim1=0, dim2=2), a=t234)
case('vecdot/1d', 'torch.linalg.vecdot(a, b)', lambda a, b: L.vecdot(a, b), node=True, a=r(4), b=r(4))
case('vecdot/2d', 'torch.linalg.vecdot(a, b)', lambda a, b: L.vecdot(a, b), node=True, a=r(3, 4), b=r(3, 4))
case('vecdot/dim0-broadcast', 'torch.linalg.vecdot(a, b, { dim: 0 })', lambda a, b: L.vecdot(a, b, dim=0), a=r(3, 4), b=r(3, 1))
case('linalg.matmul', 'torch.linalg.matmul(a, b)', lambda a, b: L.matmul(a, b), a=r(2, 3), b=r(3, 2))

# ---------------------------------------------------------------- worked examples
# Linear regression by the normal equations (XᵀX)w = Xᵀy, and by lstsq
torch.manual_seed(7)
xs = torch.cat([torch.ones(100, 1), torch.randn(100, 2)], 1)
ys = xs @ torch.tensor([0.5, 2., -3.]) + 0.1 * torch.randn(100)
case('example/normal-equations', 'torch.linalg.solve(x.t().matmul(x), x.t().matmul(y))',
     lambda x, y: L.solve(x.t() @ x, x.t() @ y), x=xs, y=ys)
case('example/lstsq-regression', 'torch.linalg.lstsq(x, y.unsqueeze(1)).solution',
     lambda x, y: L.lstsq(x, y.unsqueeze(1)).solution, x=xs, y=ys)
# PCA by SVD: centered data, explained variance ratio, components (rows, up to sign), projections
torch.manual_seed(3)
data = torch.randn(50, 4) @ torch.tensor([[3., 0, 0, 0], [1, 1, 0, 0], [0, 0.5, 0.3, 0], [0, 0, 0, 0.1]])
case('example/pca',
     "((xc) => (([u, s, vh]) => [s.square().div(s.square().sum()), vh, xc.matmul(vh.narrow(0, 0, 2).t())])(torch.linalg.svd(xc, false)))(x.sub(x.mean(0)))",
     lambda x: (lambda xc: (lambda u, s, vh: [s.square() / s.square().sum(), vh, xc @ vh[:2].t()])(*L.svd(xc, False)))(x - x.mean(0)),
     grad=False, signs={'1': 'row', '2': 'col'}, x=data)
case('example/pca-variance-grad', "torch.linalg.svdvals(x.sub(x.mean(0))).square().div(49)",
     lambda x: L.svdvals(x - x.mean(0)).square() / 49, x=data)

# ---------------------------------------------------------------- errors (PyTorch's words)
I3 = torch.eye(3).long()
err('det/vector', 'torch.linalg.det(a)', lambda a: L.det(a), a=r(3))
err('det/non-square', 'torch.linalg.det(a)', lambda a: L.det(a), a=r(2, 3))
err('det/int', 'torch.linalg.det(a)', lambda a: L.det(a), a=I3)
err('torch.det/non-square', 'torch.det(a)', lambda a: torch.det(a), a=r(2, 3))
err('slogdet/non-square', 'torch.linalg.slogdet(a)', lambda a: L.slogdet(a), a=r(2, 3))
err('slogdet/int', 'torch.linalg.slogdet(a)', lambda a: L.slogdet(a), a=I3)
err('logdet/non-square', 'torch.logdet(a)', lambda a: torch.logdet(a), a=r(2, 3))
err('inv/non-square', 'torch.linalg.inv(a)', lambda a: L.inv(a), a=r(2, 3))
err('inv/vector', 'torch.linalg.inv(a)', lambda a: L.inv(a), a=r(3))
err('inv/int', 'torch.linalg.inv(a)', lambda a: L.inv(a), a=I3)
err('inv/singular', 'torch.linalg.inv(a)', lambda a: L.inv(a), a=torch.tensor([[1., 2], [2, 4]]))
err('inv/singular-1..9', 'torch.linalg.inv(a)', lambda a: L.inv(a), a=sing)
err('inv/singular-batched', 'torch.linalg.inv(a)', lambda a: L.inv(a), a=torch.stack([torch.eye(2), torch.tensor([[1., 2], [2, 4]])]))
err('inverse/non-square', 'torch.inverse(a)', lambda a: torch.inverse(a), a=r(2, 3))
err('inv_ex/check_errors', 'torch.linalg.inv_ex(a, { check_errors: true })', lambda a: L.inv_ex(a, check_errors=True), a=torch.zeros(2, 2))
err('inv_ex/non-square', 'torch.linalg.inv_ex(a)', lambda a: L.inv_ex(a), a=r(2, 3))
err('solve/non-square', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), a=r(2, 3), b=r(3))
err('solve/vector-a', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), a=r(3), b=r(3))
err('solve/int-a', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), a=I3, b=r(3, 3))
err('solve/dtype-b', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), a=r(3, 3), b=I3)
err('solve/shape-vector', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), a=r(3, 3), b=r(4))
err('solve/shape-matrix', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), a=r(3, 3), b=r(2, 3))
err('solve/shape-batched', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), a=r(2, 3, 3), b=r(4, 3))
err('solve/shape-right', 'torch.linalg.solve(a, b, { left: false })', lambda a, b: L.solve(a, b, left=False), a=r(3, 3), b=r(3))
err('solve/singular', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), a=torch.zeros(2, 2), b=r(2))
err('solve/singular-batched', 'torch.linalg.solve(a, b)', lambda a, b: L.solve(a, b), a=torch.stack([torch.eye(2), torch.zeros(2, 2)]), b=r(2, 2, 1))
err('cholesky/not-pd', 'torch.linalg.cholesky(a)', lambda a: L.cholesky(a), a=torch.tensor([[1., 2], [2, 1]]))
err('cholesky/not-pd-psd', 'torch.linalg.cholesky(a)', lambda a: L.cholesky(a), a=torch.tensor([[1., 2], [2, 4]]))
err('cholesky/not-pd-first', 'torch.linalg.cholesky(a)', lambda a: L.cholesky(a), a=torch.tensor([[-1., 0], [0, 1]]))
err('cholesky/not-pd-batched', 'torch.linalg.cholesky(a)', lambda a: L.cholesky(a), a=torch.stack([torch.eye(3), torch.tensor([[4., 2, 0], [2, 1, 0], [0, 0, 1]])]))
err('cholesky/non-square', 'torch.linalg.cholesky(a)', lambda a: L.cholesky(a), a=r(2, 3))
err('cholesky/int', 'torch.linalg.cholesky(a)', lambda a: L.cholesky(a), a=I3)
err('cholesky/vector', 'torch.linalg.cholesky(a)', lambda a: L.cholesky(a), a=r(3))
err('cholesky_ex/check_errors', 'torch.linalg.cholesky_ex(a, { check_errors: true })', lambda a: L.cholesky_ex(a, check_errors=True), a=torch.stack([torch.eye(2), -torch.eye(2)]))
err('torch.cholesky/not-pd', 'torch.cholesky(a)', lambda a: torch.cholesky(a), a=torch.tensor([[1., 2], [2, 1]]))
err('torch.cholesky/non-square', 'torch.cholesky(a)', lambda a: torch.cholesky(a), a=r(2, 3))
err('solve_triangular/upper-missing', 'torch.linalg.solve_triangular(a, b, {})', lambda a, b: L.solve_triangular(a, b), a=r(3, 3), b=r(3, 3))
err('solve_triangular/vector-b', 'torch.linalg.solve_triangular(a, b, { upper: true })', lambda a, b: L.solve_triangular(a, b, upper=True), a=r(3, 3), b=r(3))
err('solve_triangular/non-square', 'torch.linalg.solve_triangular(a, b, { upper: true })', lambda a, b: L.solve_triangular(a, b, upper=True), a=r(2, 3), b=r(3, 3))
err('solve_triangular/shape', 'torch.linalg.solve_triangular(a, b, { upper: true })', lambda a, b: L.solve_triangular(a, b, upper=True), a=r(3, 3), b=r(2, 3))
err('solve_triangular/shape-right', 'torch.linalg.solve_triangular(a, b, { upper: true, left: false })', lambda a, b: L.solve_triangular(a, b, upper=True, left=False), a=r(3, 3), b=r(3, 2))
err('qr/vector', 'torch.linalg.qr(a)', lambda a: L.qr(a), a=r(3))
err('qr/mode', "torch.linalg.qr(a, 'foo')", lambda a: L.qr(a, 'foo'), a=r(3, 3))
err('qr/int', 'torch.linalg.qr(a)', lambda a: L.qr(a), a=I3)
err('qr/backward-r', "torch.linalg.qr(a, 'r')", lambda a: L.qr(a, 'r'), backward=True, a=r(3, 2))
err('qr/backward-complete-tall', "torch.linalg.qr(a, 'complete')", lambda a: L.qr(a, 'complete'), backward=True, a=r(3, 2))
err('eigh/non-square', 'torch.linalg.eigh(a)', lambda a: L.eigh(a), a=r(2, 3))
err('eigh/vector', 'torch.linalg.eigh(a)', lambda a: L.eigh(a), a=r(3))
err('eigh/uplo', "torch.linalg.eigh(a, 'X')", lambda a: L.eigh(a, 'X'), a=r(3, 3))
err('eigh/int', 'torch.linalg.eigh(a)', lambda a: L.eigh(a), a=I3)
err('eigvalsh/non-square', 'torch.linalg.eigvalsh(a)', lambda a: L.eigvalsh(a), a=r(2, 3))
err('svd/vector', 'torch.linalg.svd(a)', lambda a: L.svd(a), a=r(3))
err('svd/int', 'torch.linalg.svd(a)', lambda a: L.svd(a), a=I3)
err('svd/nan', 'torch.linalg.svd(a)', lambda a: L.svd(a), a=torch.tensor([[float('nan'), 0], [0, 1]]))
err('svd/nan-batched', 'torch.linalg.svd(a)', lambda a: L.svd(a), a=torch.stack([torch.eye(2), torch.full((2, 2), float('nan'))]))
err('svdvals/vector', 'torch.linalg.svdvals(a)', lambda a: L.svdvals(a), a=r(3))
err('torch.svd/vector', 'torch.svd(a)', lambda a: torch.svd(a), a=r(3))
err('matrix_norm/vector', 'torch.linalg.matrix_norm(a)', lambda a: L.matrix_norm(a), a=r(3))
err('matrix_norm/ord', 'torch.linalg.matrix_norm(a, 3)', lambda a: L.matrix_norm(a, 3), a=r(3, 3))
err('matrix_norm/ord-str', "torch.linalg.matrix_norm(a, 'abc')", lambda a: L.matrix_norm(a, 'abc'), a=r(3, 3))
err('matrix_norm/int', 'torch.linalg.matrix_norm(a)', lambda a: L.matrix_norm(a), a=I3)
err('matrix_norm/same-dims', 'torch.linalg.matrix_norm(a, { dim: [0, 0] })', lambda a: L.matrix_norm(a, dim=(0, 0)), a=r(3, 3))
err('matrix_norm/one-dim', 'torch.linalg.matrix_norm(a, { dim: [0] })', lambda a: L.matrix_norm(a, dim=(0,)), a=r(3, 3))
err('matrix_norm/three-dims', "torch.linalg.matrix_norm(a, 'fro', [0, 1, 2])", lambda a: L.matrix_norm(a, 'fro', (0, 1, 2)), a=r(3, 3, 3))
err('vector_norm/int', 'torch.linalg.vector_norm(a)', lambda a: L.vector_norm(a), a=I3)
err('vector_norm/ord-str', "torch.linalg.vector_norm(a, 'fro')", lambda a: L.vector_norm(a, 'fro'), a=r(3, 3))
err('vector_norm/dims', 'torch.linalg.vector_norm(a, 2, [0, 0])', lambda a: L.vector_norm(a, 2, (0, 0)), a=r(3, 3))
err('vector_norm/inf-empty', 'torch.linalg.vector_norm(a, Infinity)', lambda a: L.vector_norm(a, inf), a=torch.zeros(0))
err('norm/3d-ord', 'torch.linalg.norm(a, 2)', lambda a: L.norm(a, 2), a=r(2, 2, 2))
err('norm/3d-fro', "torch.linalg.norm(a, 'fro')", lambda a: L.norm(a, 'fro'), a=r(2, 2, 2))
err('norm/three-dims', 'torch.linalg.norm(a, null, [0, 1, 0])', lambda a: L.norm(a, None, (0, 1, 0)), a=r(3, 3))
err('norm/three-dims-str', "torch.linalg.norm(a, 'fro', [0, 1, 0])", lambda a: L.norm(a, 'fro', (0, 1, 0)), a=r(3, 3))
err('norm/vector-fro', "torch.linalg.norm(a, 'fro')", lambda a: L.norm(a, 'fro'), a=r(3))
err('matrix_power/non-square', 'torch.linalg.matrix_power(a, 2)', lambda a: L.matrix_power(a, 2), a=r(2, 3))
err('matrix_power/vector', 'torch.linalg.matrix_power(a, 2)', lambda a: L.matrix_power(a, 2), a=r(3))
err('matrix_power/float-n', 'torch.linalg.matrix_power(a, 1.5)', lambda a: L.matrix_power(a, 1.5), a=r(3, 3))
err('matrix_power/int-inverse', 'torch.linalg.matrix_power(a, -1)', lambda a: L.matrix_power(a, -1), a=I3)
err('multi_dot/one', 'torch.linalg.multi_dot([a])', lambda a: L.multi_dot([a]), a=r(3, 3))
err('multi_dot/none', 'torch.linalg.multi_dot([])', lambda: L.multi_dot([]))
err('multi_dot/shapes', 'torch.linalg.multi_dot([a, b])', lambda a, b: L.multi_dot([a, b]), a=r(3, 3), b=r(2, 3))
err('multi_dot/vectors', 'torch.linalg.multi_dot([a, b])', lambda a, b: L.multi_dot([a, b]), a=r(3), b=r(4))
err('multi_dot/last-3d', 'torch.linalg.multi_dot([a, b])', lambda a, b: L.multi_dot([a, b]), a=r(3, 3), b=r(2, 3, 3))
err('multi_dot/first-3d', 'torch.linalg.multi_dot([a, b])', lambda a, b: L.multi_dot([a, b]), a=r(2, 3, 3), b=r(3, 3))
err('multi_dot/middle-1d', 'torch.linalg.multi_dot([a, b, c])', lambda a, b, c: L.multi_dot([a, b, c]), a=r(3, 3), b=r(3), c=r(3, 3))
err('cross/size', 'torch.linalg.cross(a, b)', lambda a, b: L.cross(a, b), a=r(3), b=r(4))
err('cross/size-2', 'torch.linalg.cross(a, b)', lambda a, b: L.cross(a, b), a=r(3, 2), b=r(3, 2))
err('cross/ndim', 'torch.linalg.cross(a, b)', lambda a, b: L.cross(a, b), a=r(2, 3), b=r(3))
err('cross/dim-range', 'torch.linalg.cross(a, b, { dim: 1 })', lambda a, b: L.cross(a, b, dim=1), a=r(3), b=r(3))
err('pinv/vector', 'torch.linalg.pinv(a)', lambda a: L.pinv(a), a=r(3))
err('pinv/int', 'torch.linalg.pinv(a)', lambda a: L.pinv(a), a=I3)
err('pinverse/vector', 'torch.pinverse(a)', lambda a: torch.pinverse(a), a=r(3))
err('matrix_rank/vector', 'torch.linalg.matrix_rank(a)', lambda a: L.matrix_rank(a), a=r(3))
err('lstsq/rows', 'torch.linalg.lstsq(a, b)', lambda a, b: L.lstsq(a, b), a=r(3, 3), b=r(4, 2))
err('lstsq/dtype', 'torch.linalg.lstsq(a, b)', lambda a, b: L.lstsq(a, b), a=I3, b=r(3, 3))
err('lstsq/driver', "torch.linalg.lstsq(a, b, { driver: 'foo' })", lambda a, b: L.lstsq(a, b, driver='foo'), a=r(3, 3), b=r(3, 2))
err('vecdot/size', 'torch.linalg.vecdot(a, b)', lambda a, b: L.vecdot(a, b), a=r(3), b=r(4))
err('vecdot/dtype', 'torch.linalg.vecdot(a, b)', lambda a, b: L.vecdot(a, b), a=r(3), b=torch.tensor([1, 2, 3]))
err('diagonal/vector', 'torch.linalg.diagonal(a)', lambda a: L.diagonal(a), a=r(3))

with open('test/fixtures/linalg.json', 'w') as f:
    json.dump({'cases': cases, 'errors': errors}, f, separators=(',', ':'))
print(f'{len(cases)} cases, {len(errors)} errors')
for e in errors:
    print(e['id'], '|', e['message'])
