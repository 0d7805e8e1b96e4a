# Writes test/fixtures/linalg2.json: what PyTorch 1.13 computes for the linear algebra of the second batch
# (LU with pivots, LDLᵀ, geqrf/householder_product/ormqr, matrix_exp, cond, tensorinv, tensorsolve, the
# norms, symeig, svd/pca_lowrank, and the removed names' errors), in test/linalg.test.ts's format
# (scripts/pyfixture.py's LinalgFixture): each case pairs a JavaScript expression (run by
# test/linalg2.test.ts on the same inputs) with the Python call it mirrors.
# Run from the repo root: /usr/bin/python3 scripts/gen-linalg2.py
import warnings
import torch
from pyfixture import LinalgFixture

warnings.simplefilter('ignore')
torch.manual_seed(0)
r = torch.randn
L = torch.linalg
inf = float('inf')
F = LinalgFixture()
case, err = F.case, F.err


def spd(*shape):
    m = r(*shape)
    return m @ m.mT + shape[-1] * torch.eye(shape[-1])


def sym(*shape):
    m = r(*shape)
    return (m + m.mT) / 2


a3 = r(3, 3) + 2 * torch.eye(3)
a4b = r(2, 3, 4, 4) + 3 * torch.eye(4)
tall = r(5, 3)
wide = r(3, 5)
sing = torch.tensor([[1., 2, 3], [4, 5, 6], [7, 8, 9]])

# ---------------------------------------------------------------- lu_factor, lu_factor_ex, lu
case('lu_factor/3x3', 'torch.linalg.lu_factor(a)', lambda a: L.lu_factor(a), node=True, a=a3)
case('lu_factor/batched', 'torch.linalg.lu_factor(a)', lambda a: L.lu_factor(a), a=a4b)
case('lu_factor/tall', 'torch.linalg.lu_factor(a)', lambda a: L.lu_factor(a), a=tall)
case('lu_factor/wide', 'torch.linalg.lu_factor(a)', lambda a: L.lu_factor(a), a=wide)
case('lu_factor/non-contiguous', 'torch.linalg.lu_factor(a.mT)', lambda a: L.lu_factor(a.mT), a=r(4, 4))
case('lu_factor/integers', 'torch.linalg.lu_factor(a)', lambda a: L.lu_factor(a), a=torch.tensor([[2., 1, 3], [4, 4, 1], [6, 2, 5]]))
case('lu_factor/ties', 'torch.linalg.lu_factor(a)', lambda a: L.lu_factor(a), grad=False, a=torch.tensor([[1., 2, 3], [-1, 0, 2], [1, 1, 1]]))
case('lu_factor/empty', 'torch.linalg.lu_factor(a)', lambda a: L.lu_factor(a), a=torch.zeros(2, 0, 3))
case('lu_factor_ex', 'torch.linalg.lu_factor_ex(a)', lambda a: L.lu_factor_ex(a), node=True, a=a3)
case('lu_factor_ex/singular', 'torch.linalg.lu_factor_ex(a)', lambda a: L.lu_factor_ex(a), grad=False, a=sing)
case('lu_factor_ex/singular-batched', 'torch.linalg.lu_factor_ex(a)', lambda a: L.lu_factor_ex(a), grad=False,
     a=torch.stack([torch.eye(3), torch.zeros(3, 3), torch.tensor([[1., 2, 0], [2, 4, 0], [0, 0, 1]])]))
case('lu_factor_ex/tall-singular', 'torch.linalg.lu_factor_ex(a)', lambda a: L.lu_factor_ex(a), grad=False, a=torch.tensor([[1., 2], [2, 4], [3, 6]]))
case('lu/square', 'torch.linalg.lu(a)', lambda a: L.lu(a), node=True, a=a3)
case('lu/tall', 'torch.linalg.lu(a)', lambda a: L.lu(a), node=True, a=tall)
case('lu/wide', 'torch.linalg.lu(a)', lambda a: L.lu(a), a=wide)
case('lu/batched', 'torch.linalg.lu(a)', lambda a: L.lu(a), a=r(2, 4, 3))
case('lu/only-L', 'torch.linalg.lu(a).L', lambda a: L.lu(a).L, a=tall)
case('lu/only-U-wide', 'torch.linalg.lu(a).U', lambda a: L.lu(a).U, a=wide)
case('lu/singular', 'torch.linalg.lu(a)', lambda a: L.lu(a), grad=False, a=sing)
case('lu/empty', 'torch.linalg.lu(a)', lambda a: L.lu(a), a=torch.zeros(3, 0))
case('torch.lu', 'torch.lu(a)', lambda a: torch.lu(a), node=True, a=a3)
case('torch.lu/get_infos', 'torch.lu(a, true, true)', lambda a: torch.lu(a, True, True), a=a4b)
case('torch.lu/options', 'torch.lu(a, { get_infos: true })', lambda a: torch.lu(a, get_infos=True), grad=False, a=sing)
case('torch.lu/method', 'a.lu()', lambda a: a.lu(), a=tall)

# ---------------------------------------------------------------- lu_unpack, lu_solve
lu3, piv3 = L.lu_factor(a3)
lut, pivt = L.lu_factor(tall)
luw, pivw = L.lu_factor(wide)
lub, pivb = L.lu_factor(a4b)
case('lu_unpack/square', 'torch.lu_unpack(lu, p)', lambda lu, p: torch.lu_unpack(lu, p), node=True, lu=lu3, p=piv3)
case('lu_unpack/tall', 'torch.lu_unpack(lu, p)', lambda lu, p: torch.lu_unpack(lu, p), lu=lut, p=pivt)
case('lu_unpack/wide', 'torch.lu_unpack(lu, p)', lambda lu, p: torch.lu_unpack(lu, p), lu=luw, p=pivw)
case('lu_unpack/batched', 'torch.lu_unpack(lu, p)', lambda lu, p: torch.lu_unpack(lu, p), lu=lub, p=pivb)
case('lu_unpack/broadcast-pivots', 'torch.lu_unpack(lu, p)', lambda lu, p: torch.lu_unpack(lu, p), grad=False, lu=lub, p=pivb[:1, :1])
case('lu_unpack/no-data', 'torch.lu_unpack(lu, p, false)', lambda lu, p: torch.lu_unpack(lu, p, False), grad=False, lu=lu3, p=piv3)
case('lu_unpack/no-pivots', 'torch.lu_unpack(lu, p, { unpack_pivots: false })', lambda lu, p: torch.lu_unpack(lu, p, unpack_pivots=False), node=True, lu=lut, p=pivt)
case('lu_unpack/integer-LU', 'torch.lu_unpack(lu, p)', lambda lu, p: torch.lu_unpack(lu, p), lu=torch.tensor([[3, 1], [2, 5]]), p=torch.tensor([2, 2], dtype=torch.int32))
case('lu_unpack/reconstructs', '(([P, l, u]) => P.matmul(l).matmul(u))(torch.lu_unpack(lu, p))',
     lambda lu, p: (lambda P, l, u: P @ l @ u)(*torch.lu_unpack(lu, p)), lu=lut, p=pivt)
b32 = r(3, 2)
for left in [True, False]:
    for adj in [False, True]:
        bb = b32 if left else r(2, 3)
        case(f'lu_solve/left={left}-adjoint={adj}', f'torch.linalg.lu_solve(lu, p, b, {{ left: {str(left).lower()}, adjoint: {str(adj).lower()} }})',
             lambda lu, p, b, left=left, adj=adj: L.lu_solve(lu, p, b, left=left, adjoint=adj), node=left and not adj, lu=lu3, p=piv3, b=bb)
case('lu_solve/batched', 'torch.linalg.lu_solve(lu, p, b)', lambda lu, p, b: L.lu_solve(lu, p, b), lu=lub, p=pivb, b=r(2, 3, 4, 2))
case('lu_solve/broadcast-B', 'torch.linalg.lu_solve(lu, p, b)', lambda lu, p, b: L.lu_solve(lu, p, b), lu=lu3, p=piv3, b=r(2, 3, 1))
case('lu_solve/broadcast-LU', 'torch.linalg.lu_solve(lu, p, b)', lambda lu, p, b: L.lu_solve(lu, p, b),
     lu=lu3.unsqueeze(0), p=piv3.unsqueeze(0), b=r(4, 3, 2))
case('lu_solve/through-lu_factor', 'torch.linalg.lu_solve(...torch.linalg.lu_factor(a), b)', lambda a, b: L.lu_solve(*L.lu_factor(a), b), a=a3, b=b32)
case('torch.lu_solve', 'torch.lu_solve(b, lu, p)', lambda b, lu, p: torch.lu_solve(b, lu, p), node=True, b=b32, lu=lu3, p=piv3)
case('torch.lu_solve/method', 'b.lu_solve(lu, p)', lambda b, lu, p: b.lu_solve(lu, p), b=r(2, 3, 4, 1), lu=lub, p=pivb)

# ---------------------------------------------------------------- matrix_exp (every degree of ATen's choice)
def scaled(m, norm):
    return m * (norm / m.abs().sum(-2).amax(-1))


m3 = r(3, 3)
for name, nrm in [('deg1', 1e-7), ('deg2', 4e-4), ('deg4', 0.04), ('deg8', 0.5), ('deg12', 1.3), ('deg18', 2.5),
                  ('scaled-1', 5.), ('scaled-4', 40.)]:
    case(f'matrix_exp/{name}', 'torch.linalg.matrix_exp(a)', lambda a: L.matrix_exp(a), node=name == 'deg1', a=scaled(m3, nrm))
case('matrix_exp/batched-mixed', 'torch.linalg.matrix_exp(a)', lambda a: L.matrix_exp(a),
     a=torch.stack([scaled(r(4, 4), v) for v in [0.3, 3.5, 1e-5, 1.0, 0.02, 12.]]).reshape(2, 3, 4, 4))
case('matrix_exp/1x1', 'torch.linalg.matrix_exp(a)', lambda a: L.matrix_exp(a), node=True, a=torch.tensor([[[0.7]], [[-2.]]]))
case('matrix_exp/empty', 'torch.linalg.matrix_exp(a)', lambda a: L.matrix_exp(a), a=torch.zeros(2, 0, 0))
case('matrix_exp/zeros', 'torch.linalg.matrix_exp(a)', lambda a: L.matrix_exp(a), a=torch.zeros(3, 3))
case('matrix_exp/rotation', 'torch.linalg.matrix_exp(a)', lambda a: L.matrix_exp(a), a=torch.tensor([[0., -1.2], [1.2, 0.]]))
case('matrix_exp/nilpotent', 'torch.linalg.matrix_exp(a)', lambda a: L.matrix_exp(a), a=torch.tensor([[0., 1, 2], [0, 0, 3], [0, 0, 0]]))
case('matrix_exp/torch', 'torch.matrix_exp(a)', lambda a: torch.matrix_exp(a), node=True, a=scaled(m3, 0.9))
case('matrix_exp/method', 'a.matrix_exp()', lambda a: a.matrix_exp(), a=scaled(r(5, 5), 6.))

# ---------------------------------------------------------------- cond
sing2 = torch.tensor([[1., 2], [2, 4]])
for ord_js, ord_py in [('null', None), ('2', 2), ('-2', -2), ("'fro'", 'fro'), ("'nuc'", 'nuc'), ('1', 1), ('-1', -1),
                       ('Infinity', inf), ('-Infinity', -inf)]:
    # PyTorch 1.13 differentiates only the SVD paths: the others modify in place the inverse saved for backward
    grad = ord_py in (None, 2, -2, 'nuc')
    case(f'cond/p={ord_py}', f'torch.linalg.cond(a, {ord_js})', lambda a, o=ord_py: L.cond(a, o), grad=grad, node=True, a=a3)
    if not grad:
        err(f'cond/p={ord_py}-backward', f'torch.linalg.cond(a, {ord_js})', lambda a, o=ord_py: L.cond(a, o), backward=True, a=a3)
    # (an exactly singular input for the SVD paths: the SVD of [[1, 2], [2, 4]] has σ_min ≈ 1e-7 in float32, rounding's choice)
    case(f'cond/p={ord_py}-singular', f'torch.linalg.cond(a, {ord_js})', lambda a, o=ord_py: L.cond(a, o), grad=False,
         a=sing2 if not grad else torch.tensor([[2., 0], [0, 0]]))
case('cond/default', 'torch.linalg.cond(a)', lambda a: L.cond(a), a=a4b)
case('cond/tall', 'torch.linalg.cond(a)', lambda a: L.cond(a), a=tall)
case('cond/wide-minus-2', 'torch.linalg.cond(a, -2)', lambda a: L.cond(a, -2), a=wide)
case('cond/batched-fro', "torch.linalg.cond(a, 'fro')", lambda a: L.cond(a, 'fro'), grad=False, a=a4b)
case('cond/batched-nuc', "torch.linalg.cond(a, 'nuc')", lambda a: L.cond(a, 'nuc'), a=a4b)
case('cond/options', 'torch.linalg.cond(a, { p: 1 })', lambda a: L.cond(a, p=1), grad=False, a=a3)
case('cond/empty', 'torch.linalg.cond(a, 1)', lambda a: L.cond(a, 1), grad=False, a=torch.zeros(2, 0, 0))
case('cond/empty-nonsquare', 'torch.linalg.cond(a)', lambda a: L.cond(a), grad=False, a=torch.zeros(0, 3))

# ---------------------------------------------------------------- geqrf, householder_product, ormqr
case('geqrf/tall', 'torch.geqrf(a)', lambda a: torch.geqrf(a), grad=False, node=True, a=tall)
case('geqrf/wide', 'torch.geqrf(a)', lambda a: torch.geqrf(a), grad=False, a=wide)
case('geqrf/batched', 'torch.geqrf(a)', lambda a: torch.geqrf(a), grad=False, a=r(2, 4, 4))
case('geqrf/zero-column', 'torch.geqrf(a)', lambda a: torch.geqrf(a), grad=False, a=torch.tensor([[1., 2], [0, 3], [0, 4]]))
case('geqrf/method', 'a.geqrf()', lambda a: a.geqrf(), grad=False, a=a3)
gt_a, gt_t = torch.geqrf(tall)
gs_a, gs_t = torch.geqrf(a3)
gb_a, gb_t = torch.geqrf(r(2, 4, 3))
case('householder_product/tall', 'torch.linalg.householder_product(a, t)', lambda a, t: L.householder_product(a, t), node=True, a=gt_a, t=gt_t)
case('householder_product/square', 'torch.linalg.householder_product(a, t)', lambda a, t: L.householder_product(a, t), a=gs_a, t=gs_t)
case('householder_product/batched', 'torch.linalg.householder_product(a, t)', lambda a, t: L.householder_product(a, t), a=gb_a, t=gb_t)
case('householder_product/fewer-tau', 'torch.linalg.householder_product(a, t)', lambda a, t: L.householder_product(a, t), a=gt_a, t=gt_t[:2])
case('householder_product/random', 'torch.linalg.householder_product(a, t)', lambda a, t: L.householder_product(a, t), a=r(4, 3), t=r(3) * 0.3)
case('householder_product/no-tau', 'torch.linalg.householder_product(a, t)', lambda a, t: L.householder_product(a, t), a=r(4, 2), t=torch.zeros(0))
case('orgqr', 'torch.orgqr(a, t)', lambda a, t: torch.orgqr(a, t), node=True, a=gt_a, t=gt_t)
case('orgqr/method', 'a.orgqr(t)', lambda a, t: a.orgqr(t), a=gs_a, t=gs_t)
c52 = r(5, 2)
c35 = r(3, 5)
for left in [True, False]:
    for tr in [False, True]:
        cc = c52 if left else c35
        case(f'ormqr/left={left}-transpose={tr}', f'torch.ormqr(a, t, c, {str(left).lower()}, {str(tr).lower()})',
             lambda a, t, c, left=left, tr=tr: torch.ormqr(a, t, c, left, tr), grad=False, node=left and not tr, a=gt_a, t=gt_t, c=cc)
case('ormqr/batched', 'torch.ormqr(a, t, c, { transpose: true })', lambda a, t, c: torch.ormqr(a, t, c, transpose=True), grad=False, a=gb_a, t=gb_t, c=r(2, 4, 3))
case('ormqr/fewer-tau', 'torch.ormqr(a, t, c)', lambda a, t, c: torch.ormqr(a, t, c), grad=False, a=gt_a, t=gt_t[:1], c=c52)
case('ormqr/method', 'a.ormqr(t, c, false)', lambda a, t, c: a.ormqr(t, c, False), grad=False, a=gs_a, t=gs_t, c=r(2, 3))

# ---------------------------------------------------------------- ldl_factor, ldl_solve
ind = torch.tensor([[1., 2, 0.5, -1], [2, 0.5, 3, 0], [0.5, 3, -2, 1], [-1, 0, 1, 0.1]])
zd = torch.tensor([[0., 1, 2], [1, 0, 3], [2, 3, 0]])
s4 = spd(4, 4)
y5 = sym(5, 5)
y4b = sym(2, 4, 4)
case('ldl_factor/spd', 'torch.linalg.ldl_factor(a)', lambda a: L.ldl_factor(a), grad=False, node=True, a=s4)
case('ldl_factor/indefinite', 'torch.linalg.ldl_factor(a)', lambda a: L.ldl_factor(a), grad=False, a=ind)
case('ldl_factor/zero-diagonal', 'torch.linalg.ldl_factor(a)', lambda a: L.ldl_factor(a), grad=False, a=zd)
case('ldl_factor/symmetric-5x5', 'torch.linalg.ldl_factor(a)', lambda a: L.ldl_factor(a), grad=False, a=y5)
case('ldl_factor/batched', 'torch.linalg.ldl_factor(a)', lambda a: L.ldl_factor(a), grad=False, a=y4b)
case('ldl_factor/lower-only', 'torch.linalg.ldl_factor(a)', lambda a: L.ldl_factor(a), grad=False, a=torch.tril(ind) + torch.triu(r(4, 4), 1))
case('ldl_factor/hermitian', 'torch.linalg.ldl_factor(a, { hermitian: true })', lambda a: L.ldl_factor(a, hermitian=True), grad=False, a=ind)
case('ldl_factor_ex', 'torch.linalg.ldl_factor_ex(a)', lambda a: L.ldl_factor_ex(a), grad=False, node=True, a=y5)
case('ldl_factor_ex/singular', 'torch.linalg.ldl_factor_ex(a)', lambda a: L.ldl_factor_ex(a), grad=False,
     a=torch.stack([torch.eye(3), torch.zeros(3, 3), torch.tensor([[1., 1, 0], [1, 1, 0], [0, 0, 2]])]))
for nm, m in [('spd', s4), ('indefinite', ind), ('zero-diagonal', zd), ('symmetric-5x5', y5)]:
    ld_, p_ = L.ldl_factor(m)
    case(f'ldl_solve/{nm}', 'torch.linalg.ldl_solve(ld, p, b)', lambda ld, p, b: L.ldl_solve(ld, p, b), grad=False, node=nm == 'spd',
         ld=ld_, p=p_, b=r(m.shape[-1], 2))
ldb, pb = L.ldl_factor(y4b)
case('ldl_solve/batched', 'torch.linalg.ldl_solve(ld, p, b)', lambda ld, p, b: L.ldl_solve(ld, p, b), grad=False, ld=ldb, p=pb, b=r(2, 4, 3))
case('ldl_solve/broadcast', 'torch.linalg.ldl_solve(ld, p, b)', lambda ld, p, b: L.ldl_solve(ld, p, b), grad=False, ld=ldb[0], p=pb[0], b=r(3, 4, 1))

# ---------------------------------------------------------------- tensorinv, tensorsolve
case('tensorinv/ind=2', 'torch.linalg.tensorinv(a)', lambda a: L.tensorinv(a), node=True, a=r(4, 3, 6, 2) + torch.eye(12).reshape(4, 3, 6, 2) * 3)
case('tensorinv/ind=1', 'torch.linalg.tensorinv(a, 1)', lambda a: L.tensorinv(a, 1), a=r(6, 2, 3) + torch.eye(6).reshape(6, 2, 3) * 3)
case('tensorinv/options', 'torch.linalg.tensorinv(a, { ind: 1 })', lambda a: L.tensorinv(a, ind=1), a=a3)
case('tensorsolve', 'torch.linalg.tensorsolve(a, b)', lambda a, b: L.tensorsolve(a, b), node=True, a=r(2, 3, 6) + torch.eye(6).reshape(2, 3, 6) * 3, b=r(2, 3))
case('tensorsolve/dims', 'torch.linalg.tensorsolve(a, b, [0])', lambda a, b: L.tensorsolve(a, b, dims=(0,)),
     a=(r(2, 3, 6) + torch.eye(6).reshape(2, 3, 6) * 3).permute(2, 0, 1).contiguous(), b=r(2, 3))
case('tensorsolve/4d', 'torch.linalg.tensorsolve(a, b, { dims: [1, 2] })', lambda a, b: L.tensorsolve(a, b, dims=(1, 2)),
     a=(r(3, 2, 3, 2) + torch.eye(6).reshape(3, 2, 3, 2) * 3).permute(0, 2, 1, 3).contiguous(), b=r(3, 2))

# ---------------------------------------------------------------- nuclear_norm, frobenius_norm
m34 = r(3, 4)
t234 = r(2, 3, 4)
case('nuclear_norm', 'torch.nuclear_norm(a)', lambda a: torch.nuclear_norm(a), node=True, a=m34)
case('nuclear_norm/keepdim', 'torch.nuclear_norm(a, true)', lambda a: torch.nuclear_norm(a, True), a=m34)
case('nuclear_norm/dim', 'torch.nuclear_norm(a, [0, 2])', lambda a: torch.nuclear_norm(a, (0, 2)), node=True, a=t234)
case('nuclear_norm/dim-keepdim', 'torch.nuclear_norm(a, [2, 1], true)', lambda a: torch.nuclear_norm(a, (2, 1), True), a=t234)
case('nuclear_norm/options', 'torch.nuclear_norm(a, { dim: [1, 2], keepdim: true })', lambda a: torch.nuclear_norm(a, dim=(1, 2), keepdim=True), a=t234)
case('frobenius_norm', 'torch.frobenius_norm(a)', lambda a: torch.frobenius_norm(a), node=True, a=t234)
case('frobenius_norm/two-dims', 'torch.frobenius_norm(a, [0, 2])', lambda a: torch.frobenius_norm(a, (0, 2)), node=True, a=t234)
case('frobenius_norm/one-dim', 'torch.frobenius_norm(a, 1)', lambda a: torch.frobenius_norm(a, 1), node=True, a=t234)
case('frobenius_norm/keepdim', 'torch.frobenius_norm(a, [-1, 0], true)', lambda a: torch.frobenius_norm(a, (-1, 0), True), a=t234)
case('frobenius_norm/options', 'torch.frobenius_norm(a, { dim: [1], keepdim: true })', lambda a: torch.frobenius_norm(a, dim=(1,), keepdim=True), a=m34)

# ---------------------------------------------------------------- symeig (deprecated)
y3 = sym(3, 3)
case('symeig/values', 'torch.symeig(a)', lambda a: torch.symeig(a), grad=False, node=True, a=y3)
case('symeig/vectors', 'torch.symeig(a, true)', lambda a: torch.symeig(a, True), grad=False, node=True, signs={'1': 'col'}, a=y3 + torch.triu(r(3, 3), 1))
case('symeig/lower', 'torch.symeig(a, { eigenvectors: true, upper: false })', lambda a: torch.symeig(a, eigenvectors=True, upper=False),
     grad=False, signs={'1': 'col'}, a=y3 + torch.triu(r(3, 3), 1))
case('symeig/batched', 'torch.symeig(a, true)', lambda a: torch.symeig(a, True), grad=False, signs={'1': 'col'}, a=y4b)
case('symeig/grad', "(([l, v]) => [l, v.square()])(torch.symeig(a, true))", lambda a: (lambda l, v: [l, v.square()])(*torch.symeig(a, True)), a=y3)
case('symeig/method', 'a.symeig(true, false).eigenvalues', lambda a: a.symeig(True, False).eigenvalues, a=y4b)

# ---------------------------------------------------------------- svd_lowrank, pca_lowrank (the global generator's draws)
low = r(8, 3) @ r(3, 6) + 0.01 * r(8, 6)
data = r(20, 5) @ torch.tensor([[3., 0, 0, 0, 0], [1, 1, 0, 0, 0], [0, 0.5, 0.3, 0, 0], [0, 0, 0, 0.1, 0], [0, 0, 0, 0, 0.05]])
rec = '(([u, s, v]) => [s, u.mul(s.unsqueeze(-2)).matmul(v.mT)])'


def seeded(f):
    state = torch.get_rng_state()
    torch.manual_seed(5)
    out = f()
    torch.set_rng_state(state)
    return out


case('svd_lowrank/wide', '(torch.manual_seed(5), torch.svd_lowrank(a, 3))', lambda a: seeded(lambda: torch.svd_lowrank(a, 3)),
     grad=False, node=True, signs={'0': 'col', '2': 'col'}, a=low)
case('svd_lowrank/tall', '(torch.manual_seed(5), torch.svd_lowrank(a, 3, 1))', lambda a: seeded(lambda: torch.svd_lowrank(a, 3, 1)),
     grad=False, signs={'0': 'col', '2': 'col'}, a=low.mT.contiguous())
case('svd_lowrank/q-ge-n', '(torch.manual_seed(5), torch.svd_lowrank(a, { q: 4 }))', lambda a: seeded(lambda: torch.svd_lowrank(a, q=4)),
     grad=False, signs={'0': 'col', '2': 'col'}, a=r(6, 4))
case('svd_lowrank/M', '(torch.manual_seed(5), torch.svd_lowrank(a, 2, 2, m))', lambda a, m: seeded(lambda: torch.svd_lowrank(a, 2, 2, m)),
     grad=False, signs={'0': 'col', '2': 'col'}, a=low, m=low.mean(0, keepdim=True).expand(8, 6).contiguous())
case('svd_lowrank/grad', f'(torch.manual_seed(5), {rec}(torch.svd_lowrank(a, 3)))', lambda a: seeded(lambda: (lambda u, s, v: [s, (u * s.unsqueeze(-2)) @ v.mT])(*torch.svd_lowrank(a, 3))),
     a=low, gtol=2e-3)
case('pca_lowrank', '(torch.manual_seed(5), torch.pca_lowrank(a))', lambda a: seeded(lambda: torch.pca_lowrank(a)),
     grad=False, signs={'0': 'col', '2': 'col'}, a=data)
case('pca_lowrank/q-no-center', '(torch.manual_seed(5), torch.pca_lowrank(a, 2, false))', lambda a: seeded(lambda: torch.pca_lowrank(a, 2, False)),
     grad=False, signs={'0': 'col', '2': 'col'}, a=data)
case('pca_lowrank/batched', '(torch.manual_seed(5), torch.pca_lowrank(a, { q: 2, niter: 3 }))', lambda a: seeded(lambda: torch.pca_lowrank(a, q=2, niter=3)),
     grad=False, signs={'0': 'col', '2': 'col'}, a=r(2, 10, 4))
case('pca_lowrank/grad', f'(torch.manual_seed(5), {rec}(torch.pca_lowrank(a, 2)))', lambda a: seeded(lambda: (lambda u, s, v: [s, (u * s.unsqueeze(-2)) @ v.mT])(*torch.pca_lowrank(a, 2))),
     a=data, gtol=2e-3)

# ---------------------------------------------------------------- lobpcg (the starting block from the global generator)
spd20 = spd(20, 20)
spd12b = spd(2, 12, 12)
bgen = spd(20, 20)
x20 = r(20, 3)
case('lobpcg/largest', '(torch.manual_seed(5), torch.lobpcg(a, 3))', lambda a: seeded(lambda: torch.lobpcg(a, 3)),
     grad=False, node=True, signs={'1': 'col'}, tol=1e-3, a=spd20)
case('lobpcg/smallest', '(torch.manual_seed(5), torch.lobpcg(a, 2, { largest: false }))', lambda a: seeded(lambda: torch.lobpcg(a, 2, largest=False)),
     grad=False, signs={'1': 'col'}, tol=1e-3, a=spd20)
case('lobpcg/basic', "(torch.manual_seed(5), torch.lobpcg(a, 2, { method: 'basic', niter: 200 }))", lambda a: seeded(lambda: torch.lobpcg(a, 2, method='basic', niter=200)),
     grad=False, signs={'1': 'col'}, tol=1e-3, a=spd20)
case('lobpcg/X', 'torch.lobpcg(a, null, null, x)', lambda a, x: torch.lobpcg(a, None, None, x), grad=False, signs={'1': 'col'}, tol=1e-3, a=spd20, x=x20)
case('lobpcg/n', '(torch.manual_seed(5), torch.lobpcg(a, 1, { n: 3 }))', lambda a: seeded(lambda: torch.lobpcg(a, 1, n=3)),
     grad=False, signs={'1': 'col'}, tol=1e-3, a=spd20)
case('lobpcg/generalized', '(torch.manual_seed(5), torch.lobpcg(a, 2, b))', lambda a, b: seeded(lambda: torch.lobpcg(a, 2, b)),
     grad=False, signs={'1': 'col'}, tol=1e-3, a=spd20, b=bgen)
case('lobpcg/batched', '(torch.manual_seed(5), torch.lobpcg(a, 2))', lambda a: seeded(lambda: torch.lobpcg(a, 2)),
     grad=False, signs={'1': 'col'}, tol=1e-3, a=spd12b)
case('lobpcg/grad', '(torch.manual_seed(5), (([e, x]) => [e, x.square()])(torch.lobpcg(a, 2)))',
     lambda a: seeded(lambda: (lambda e, x: [e, x.square()])(*torch.lobpcg(a, 2))), node=True, tol=1e-3, gtol=2e-3, a=spd20)
case('lobpcg/grad-smallest', '(torch.manual_seed(5), torch.lobpcg(a, 2, { largest: false })[0])',
     lambda a: seeded(lambda: torch.lobpcg(a, 2, largest=False)[0]), tol=1e-3, gtol=2e-3, a=spd20)

# ---------------------------------------------------------------- worked examples
# A linear ODE x' = Mx: x(t) = exp(tM)·x0 (a damped oscillator), and its sensitivity to M
osc = torch.tensor([[0., 1.], [-4., -0.4]])
case('example/ode', 'torch.linalg.matrix_exp(m.mul(2)).matmul(x0)', lambda m, x0: L.matrix_exp(m * 2) @ x0, m=osc, x0=torch.tensor([1., 0.]))
# Solving many right-hand sides with one factorization
case('example/factor-once', '((f) => [torch.linalg.lu_solve(f.LU, f.pivots, b1), torch.linalg.lu_solve(f.LU, f.pivots, b2)])(torch.linalg.lu_factor(a))',
     lambda a, b1, b2: (lambda f: [L.lu_solve(f.LU, f.pivots, b1), L.lu_solve(f.LU, f.pivots, b2)])(L.lu_factor(a)), a=a3, b1=r(3, 1), b2=r(3, 4))

# ---------------------------------------------------------------- errors (PyTorch's words)
I3 = torch.eye(3).long()
err('lu_factor/vector', 'torch.linalg.lu_factor(a)', lambda a: L.lu_factor(a), a=r(3))
err('lu_factor/int', 'torch.linalg.lu_factor(a)', lambda a: L.lu_factor(a), a=I3)
err('lu_factor/no-pivot', 'torch.linalg.lu_factor(a, { pivot: false })', lambda a: L.lu_factor(a, pivot=False), a=r(3, 3))
err('lu_factor/singular', 'torch.linalg.lu_factor(a)', lambda a: L.lu_factor(a), a=sing)
err('lu_factor/singular-zeros', 'torch.linalg.lu_factor(a)', lambda a: L.lu_factor(a), a=torch.zeros(3, 3))
err('lu_factor/singular-batched', 'torch.linalg.lu_factor(a)', lambda a: L.lu_factor(a), a=torch.stack([torch.eye(2), sing2]))
err('lu_factor/singular-tall', 'torch.linalg.lu_factor(a)', lambda a: L.lu_factor(a), a=torch.tensor([[1., 2], [2, 4], [3, 6]]))
err('lu_factor_ex/vector', 'torch.linalg.lu_factor_ex(a)', lambda a: L.lu_factor_ex(a), a=r(3))
err('lu_factor_ex/check_errors', 'torch.linalg.lu_factor_ex(a, { check_errors: true })', lambda a: L.lu_factor_ex(a, check_errors=True), a=sing2)
err('lu_factor_ex/no-pivot', 'torch.linalg.lu_factor_ex(a, { pivot: false })', lambda a: L.lu_factor_ex(a, pivot=False), a=r(3, 3))
err('lu/vector', 'torch.linalg.lu(a)', lambda a: L.lu(a), a=r(3))
err('lu/int', 'torch.linalg.lu(a)', lambda a: L.lu(a), a=I3)
err('lu/bool', 'torch.linalg.lu(a)', lambda a: L.lu(a), a=torch.ones(2, 2).bool())
err('lu/no-pivot', 'torch.linalg.lu(a, { pivot: false })', lambda a: L.lu(a, pivot=False), a=r(2, 2))
err('torch.lu/vector', 'torch.lu(a)', lambda a: torch.lu(a), a=r(3))
err('torch.lu/no-pivot', 'torch.lu(a, false)', lambda a: torch.lu(a, False), a=r(2, 2))
err('lu_solve/int-LU', 'torch.linalg.lu_solve(lu, p, b)', lambda lu, p, b: L.lu_solve(lu, p, b), lu=I3, p=piv3, b=r(3, 2))
err('lu_solve/dtype-B', 'torch.linalg.lu_solve(lu, p, b)', lambda lu, p, b: L.lu_solve(lu, p, b), lu=lu3, p=piv3, b=I3)
err('lu_solve/vector-B', 'torch.linalg.lu_solve(lu, p, b)', lambda lu, p, b: L.lu_solve(lu, p, b), lu=lu3, p=piv3, b=r(3))
err('lu_solve/shape', 'torch.linalg.lu_solve(lu, p, b)', lambda lu, p, b: L.lu_solve(lu, p, b), lu=lu3, p=piv3, b=r(4, 2))
err('lu_solve/shape-right', 'torch.linalg.lu_solve(lu, p, b, { left: false })', lambda lu, p, b: L.lu_solve(lu, p, b, left=False), lu=lu3, p=piv3, b=r(4, 2))
err('lu_solve/non-square', 'torch.linalg.lu_solve(lu, p, b)', lambda lu, p, b: L.lu_solve(lu, p, b), lu=r(3, 4), p=piv3, b=r(3, 2))
err('lu_solve/vector-LU', 'torch.linalg.lu_solve(lu, p, b)', lambda lu, p, b: L.lu_solve(lu, p, b), lu=r(3), p=piv3, b=r(3, 2))
err('lu_solve/pivots-length', 'torch.linalg.lu_solve(lu, p, b)', lambda lu, p, b: L.lu_solve(lu, p, b), lu=lu3, p=piv3[:2], b=r(3, 2))
err('lu_solve/pivots-batch', 'torch.linalg.lu_solve(lu, p, b)', lambda lu, p, b: L.lu_solve(lu, p, b), lu=lu3, p=piv3.expand(2, 3), b=r(3, 2))
err('lu_solve/pivot-too-large', 'torch.linalg.lu_solve(lu, p, b)', lambda lu, p, b: L.lu_solve(lu, p, b), lu=lu3, p=torch.tensor([5, 1, 1], dtype=torch.int32), b=r(3, 2))
err('lu_solve/pivot-zero', 'torch.linalg.lu_solve(lu, p, b)', lambda lu, p, b: L.lu_solve(lu, p, b), lu=lu3, p=torch.tensor([0, 2, 3], dtype=torch.int32), b=r(3, 2))
err('lu_solve/broadcast', 'torch.linalg.lu_solve(lu, p, b)', lambda lu, p, b: L.lu_solve(lu, p, b), lu=lu3.expand(2, 3, 3), p=piv3.expand(2, 3), b=r(4, 3, 1))
err('torch.lu_solve/shape', 'torch.lu_solve(b, lu, p)', lambda b, lu, p: torch.lu_solve(b, lu, p), b=r(4, 2), lu=lu3, p=piv3)
err('lu_unpack/vector', 'torch.lu_unpack(lu, p)', lambda lu, p: torch.lu_unpack(lu, p), lu=r(3), p=piv3)
err('lu_unpack/pivot-too-large', 'torch.lu_unpack(lu, p)', lambda lu, p: torch.lu_unpack(lu, p), lu=lu3, p=torch.tensor([5, 1, 1], dtype=torch.int32))
err('lu_unpack/pivot-zero', 'torch.lu_unpack(lu, p)', lambda lu, p: torch.lu_unpack(lu, p), lu=lu3, p=torch.tensor([0, 2, 3], dtype=torch.int32))
err('lu_unpack/no-data-backward', 'torch.lu_unpack(lu, p, false)', lambda lu, p: torch.lu_unpack(lu, p, False), backward=True, lu=lu3, p=piv3)
err('matrix_exp/vector', 'torch.linalg.matrix_exp(a)', lambda a: L.matrix_exp(a), a=r(3))
err('matrix_exp/non-square', 'torch.linalg.matrix_exp(a)', lambda a: L.matrix_exp(a), a=r(2, 3))
err('matrix_exp/int', 'torch.linalg.matrix_exp(a)', lambda a: L.matrix_exp(a), a=I3)
err('matrix_exp/bool', 'torch.matrix_exp(a)', lambda a: torch.matrix_exp(a), a=torch.ones(2, 2).bool())
err('cond/ord', 'torch.linalg.cond(a, 3)', lambda a: L.cond(a, 3), a=r(3, 3))
err('cond/ord-float', 'torch.linalg.cond(a, 2.5)', lambda a: L.cond(a, 2.5), a=r(3, 3))
err('cond/ord-str', "torch.linalg.cond(a, 'abc')", lambda a: L.cond(a, 'abc'), a=r(3, 3))
err('cond/int', 'torch.linalg.cond(a)', lambda a: L.cond(a), a=I3)
err('cond/int-fro', "torch.linalg.cond(a, 'fro')", lambda a: L.cond(a, 'fro'), a=I3)
err('cond/vector', 'torch.linalg.cond(a)', lambda a: L.cond(a), a=r(3))
err('cond/vector-fro', "torch.linalg.cond(a, 'fro')", lambda a: L.cond(a, 'fro'), a=r(3))
for ord_js, ord_py in [('1', 1), ('-1', -1), ('Infinity', inf), ('-Infinity', -inf), ("'nuc'", 'nuc'), ("'fro'", 'fro')]:
    err(f'cond/non-square-{ord_py}', f'torch.linalg.cond(a, {ord_js})', lambda a, o=ord_py: L.cond(a, o), a=r(2, 3))
err('geqrf/vector', 'torch.geqrf(a)', lambda a: torch.geqrf(a), a=r(3))
err('geqrf/int', 'torch.geqrf(a)', lambda a: torch.geqrf(a), a=I3)
err('geqrf/backward', 'torch.geqrf(a)', lambda a: torch.geqrf(a), backward=True, a=tall)
err('householder_product/vector', 'torch.linalg.householder_product(a, t)', lambda a, t: L.householder_product(a, t), a=r(3), t=r(3))
err('householder_product/wide', 'torch.linalg.householder_product(a, t)', lambda a, t: L.householder_product(a, t), a=r(3, 4), t=r(3))
err('householder_product/tau-long', 'torch.linalg.householder_product(a, t)', lambda a, t: L.householder_product(a, t), a=r(4, 3), t=r(4))
err('householder_product/tau-batch', 'torch.linalg.householder_product(a, t)', lambda a, t: L.householder_product(a, t), a=r(2, 4, 3), t=r(3, 3))
err('householder_product/tau-ndim', 'torch.linalg.householder_product(a, t)', lambda a, t: L.householder_product(a, t), a=r(2, 4, 3), t=r(3))
err('householder_product/int', 'torch.linalg.householder_product(a, t)', lambda a, t: L.householder_product(a, t), a=I3, t=r(3))
err('householder_product/tau-int', 'torch.linalg.householder_product(a, t)', lambda a, t: L.householder_product(a, t), a=r(3, 3), t=torch.ones(3).long())
err('householder_product/both-int', 'torch.linalg.householder_product(a, t)', lambda a, t: L.householder_product(a, t), a=I3, t=torch.ones(3).long())
err('orgqr/wide', 'torch.orgqr(a, t)', lambda a, t: torch.orgqr(a, t), a=r(3, 4), t=r(3))
err('ormqr/vector', 'torch.ormqr(a, t, c)', lambda a, t, c: torch.ormqr(a, t, c), a=r(3), t=r(3), c=r(3, 3))
err('ormqr/vector-other', 'torch.ormqr(a, t, c)', lambda a, t, c: torch.ormqr(a, t, c), a=r(3, 3), t=r(3), c=r(3))
err('ormqr/tau-long', 'torch.ormqr(a, t, c)', lambda a, t, c: torch.ormqr(a, t, c), a=r(4, 3), t=r(5), c=r(4, 2))
err('ormqr/shape-left', 'torch.ormqr(a, t, c)', lambda a, t, c: torch.ormqr(a, t, c), a=r(4, 3), t=r(3), c=r(5, 2))
err('ormqr/shape-right', 'torch.ormqr(a, t, c, false)', lambda a, t, c: torch.ormqr(a, t, c, False), a=r(4, 3), t=r(3), c=r(5, 2))
err('ormqr/shape-right-eq', 'torch.ormqr(a, t, c, false)', lambda a, t, c: torch.ormqr(a, t, c, False), a=r(4, 3), t=r(3), c=r(2, 5))
err('ormqr/tau-gt-n', 'torch.ormqr(a, t, c)', lambda a, t, c: torch.ormqr(a, t, c), a=r(4, 2), t=r(3), c=r(4, 2))
err('ormqr/tau-ndim', 'torch.ormqr(a, t, c)', lambda a, t, c: torch.ormqr(a, t, c), a=r(4, 3), t=r(1, 3), c=r(4, 2))
err('ormqr/other-ndim', 'torch.ormqr(a, t, c)', lambda a, t, c: torch.ormqr(a, t, c), a=r(4, 3), t=r(3), c=r(1, 4, 2))
err('ormqr/batch', 'torch.ormqr(a, t, c)', lambda a, t, c: torch.ormqr(a, t, c), a=r(2, 4, 3), t=r(2, 3), c=r(3, 4, 2))
err('ormqr/tau-batch', 'torch.ormqr(a, t, c)', lambda a, t, c: torch.ormqr(a, t, c), a=r(2, 4, 3), t=r(3, 3), c=r(2, 4, 2))
err('ormqr/dtype', 'torch.ormqr(a, t, c)', lambda a, t, c: torch.ormqr(a, t, c), a=r(4, 3), t=r(3), c=torch.ones(4, 2).long())
err('ormqr/int', 'torch.ormqr(a, t, c)', lambda a, t, c: torch.ormqr(a, t, c), a=I3, t=r(3), c=r(3, 2))
err('ormqr/both-int', 'torch.ormqr(a, t, c)', lambda a, t, c: torch.ormqr(a, t, c), a=I3, t=torch.ones(3).long(), c=I3)
err('ormqr/backward', 'torch.ormqr(a, t, c)', lambda a, t, c: torch.ormqr(a, t, c), backward=True, a=gt_a, t=gt_t, c=c52)
err('ldl_factor/vector', 'torch.linalg.ldl_factor(a)', lambda a: L.ldl_factor(a), a=r(3))
err('ldl_factor/non-square', 'torch.linalg.ldl_factor(a)', lambda a: L.ldl_factor(a), a=r(2, 3))
err('ldl_factor/int', 'torch.linalg.ldl_factor(a)', lambda a: L.ldl_factor(a), a=I3)
err('ldl_factor/bool', 'torch.linalg.ldl_factor(a)', lambda a: L.ldl_factor(a), a=torch.ones(2, 2).bool())
err('ldl_factor/singular', 'torch.linalg.ldl_factor(a)', lambda a: L.ldl_factor(a), a=torch.zeros(3, 3))
err('ldl_factor_ex/check_errors', 'torch.linalg.ldl_factor_ex(a, { check_errors: true })', lambda a: L.ldl_factor_ex(a, check_errors=True),
    a=torch.stack([torch.eye(2), torch.zeros(2, 2)]))
err('ldl_factor/backward', 'torch.linalg.ldl_factor(a)', lambda a: L.ldl_factor(a), backward=True, a=s4)
ld3, lp3 = L.ldl_factor(torch.eye(3) * 2)
err('ldl_solve/vector-B', 'torch.linalg.ldl_solve(ld, p, b)', lambda ld, p, b: L.ldl_solve(ld, p, b), ld=ld3, p=lp3, b=r(3))
err('ldl_solve/shape', 'torch.linalg.ldl_solve(ld, p, b)', lambda ld, p, b: L.ldl_solve(ld, p, b), ld=ld3, p=lp3, b=r(4, 2))
err('ldl_solve/pivots-shape', 'torch.linalg.ldl_solve(ld, p, b)', lambda ld, p, b: L.ldl_solve(ld, p, b), ld=ld3, p=lp3[:2], b=r(3, 2))
err('ldl_solve/dtype', 'torch.linalg.ldl_solve(ld, p, b)', lambda ld, p, b: L.ldl_solve(ld, p, b), ld=ld3, p=lp3, b=torch.ones(3, 2).long())
err('ldl_solve/non-square', 'torch.linalg.ldl_solve(ld, p, b)', lambda ld, p, b: L.ldl_solve(ld, p, b), ld=r(3, 4), p=lp3, b=r(3, 2))
err('ldl_solve/vector-LD', 'torch.linalg.ldl_solve(ld, p, b)', lambda ld, p, b: L.ldl_solve(ld, p, b), ld=r(3), p=lp3, b=r(3, 2))
err('ldl_solve/int-LD', 'torch.linalg.ldl_solve(ld, p, b)', lambda ld, p, b: L.ldl_solve(ld, p, b), ld=I3, p=lp3, b=I3)
err('ldl_solve/float-pivots', 'torch.linalg.ldl_solve(ld, p, b)', lambda ld, p, b: L.ldl_solve(ld, p, b), ld=ld3, p=lp3.float(), b=r(3, 2))
err('ldl_solve/backward', 'torch.linalg.ldl_solve(ld, p, b)', lambda ld, p, b: L.ldl_solve(ld, p, b), backward=True, ld=ld3, p=lp3, b=r(3, 2))
err('tensorinv/ind-0', 'torch.linalg.tensorinv(a, 0)', lambda a: L.tensorinv(a, 0), a=r(2, 2))
err('tensorinv/ind-negative', 'torch.linalg.tensorinv(a, -1)', lambda a: L.tensorinv(a, -1), a=r(2, 2))
err('tensorinv/shape', 'torch.linalg.tensorinv(a, 1)', lambda a: L.tensorinv(a, 1), a=r(2, 3))
err('tensorinv/singular', 'torch.linalg.tensorinv(a)', lambda a: L.tensorinv(a), a=torch.zeros(2, 2, 4))
err('tensorsolve/shape', 'torch.linalg.tensorsolve(a, b)', lambda a, b: L.tensorsolve(a, b), a=r(2, 3, 4), b=r(2, 3))
err('tensorsolve/dims-shape', 'torch.linalg.tensorsolve(a, b, [0])', lambda a, b: L.tensorsolve(a, b, dims=(0,)), a=r(6, 2, 3), b=r(6))
err('tensorsolve/singular', 'torch.linalg.tensorsolve(a, b)', lambda a, b: L.tensorsolve(a, b), a=torch.zeros(2, 3, 6), b=r(2, 3))
err('tensorsolve/dtype', 'torch.linalg.tensorsolve(a, b)', lambda a, b: L.tensorsolve(a, b), a=r(2, 3, 6), b=torch.ones(2, 3).long())
err('nuclear_norm/vector', 'torch.nuclear_norm(a)', lambda a: torch.nuclear_norm(a), a=r(3))
err('nuclear_norm/3d', 'torch.nuclear_norm(a)', lambda a: torch.nuclear_norm(a), a=r(2, 3, 3))
err('nuclear_norm/one-dim', 'torch.nuclear_norm(a, [1])', lambda a: torch.nuclear_norm(a, (1,)), a=r(2, 3, 3))
err('nuclear_norm/int', 'torch.nuclear_norm(a)', lambda a: torch.nuclear_norm(a), a=I3)
err('frobenius_norm/three-dims', 'torch.frobenius_norm(a, [0, 1, 2])', lambda a: torch.frobenius_norm(a, (0, 1, 2)), a=r(2, 3, 3))
err('frobenius_norm/same-dims', 'torch.frobenius_norm(a, [1, 1])', lambda a: torch.frobenius_norm(a, (1, 1)), a=r(2, 3, 3))
err('frobenius_norm/int', 'torch.frobenius_norm(a)', lambda a: torch.frobenius_norm(a), a=I3)
err('symeig/vector', 'torch.symeig(a)', lambda a: torch.symeig(a), a=r(3))
err('symeig/non-square', 'torch.symeig(a)', lambda a: torch.symeig(a), a=r(2, 3))
err('symeig/int', 'torch.symeig(a)', lambda a: torch.symeig(a), a=I3)
err('symeig/backward-values-only', 'torch.symeig(a)', lambda a: torch.symeig(a), backward=True, a=y3)
err('eig/non-square', 'torch.linalg.eig(a)', lambda a: L.eig(a), a=r(2, 3))
err('eig/vector', 'torch.linalg.eig(a)', lambda a: L.eig(a), a=r(3))
err('eigvals/vector', 'torch.linalg.eigvals(a)', lambda a: L.eigvals(a), a=r(3))
err('eigvals/int', 'torch.linalg.eigvals(a)', lambda a: L.eigvals(a), a=torch.eye(2).long())
err('pca_lowrank/q', 'torch.pca_lowrank(a, 5)', lambda a: torch.pca_lowrank(a, 5), a=r(4, 3))
err('pca_lowrank/niter', 'torch.pca_lowrank(a, { niter: -1 })', lambda a: torch.pca_lowrank(a, niter=-1), a=r(4, 3))
err('pca_lowrank/vector', 'torch.pca_lowrank(a)', lambda a: torch.pca_lowrank(a), a=r(3))
err('svd_lowrank/q', 'torch.svd_lowrank(a, 5)', lambda a: torch.svd_lowrank(a, 5), a=r(4, 3))
err('lobpcg/too-few-rows', 'torch.lobpcg(a, 2)', lambda a: torch.lobpcg(a, 2), a=spd(5, 5))
err('lobpcg/non-square', 'torch.lobpcg(a)', lambda a: torch.lobpcg(a), a=r(6, 5))
err('lobpcg/X-shape', 'torch.lobpcg(a, 1, null, x, 2)', lambda a, x: torch.lobpcg(a, 1, None, x, 2), a=spd(12, 12), x=r(11, 2))
err('lobpcg/backward-B', '(torch.manual_seed(5), torch.lobpcg(a, 1, b))', lambda a, b: seeded(lambda: torch.lobpcg(a, 1, b)), backward=True, a=spd(12, 12), b=spd(12, 12))
err('solve/removed', 'torch.solve(a, b)', lambda a, b: torch.solve(a, b), a=r(2, 2), b=r(2, 2))
err('solve/one-argument', 'torch.solve(a)', lambda a: torch.solve(a), a=r(2, 2))
err('solve/method', 'a.solve(b)', lambda a, b: a.solve(b), a=r(2, 2), b=r(2, 2))
err('lstsq/removed', 'torch.lstsq(a, b)', lambda a, b: torch.lstsq(a, b), a=r(2, 2), b=r(2, 2))
err('lstsq/method', 'a.lstsq(b)', lambda a, b: a.lstsq(b), a=r(2, 2), b=r(2, 2))
err('eig/removed', 'torch.eig(a)', lambda a: torch.eig(a), a=r(2, 2))
err('eig/removed-vectors', 'torch.eig(a, true)', lambda a: torch.eig(a, True), a=r(2, 2))
err('eig/method', 'a.eig()', lambda a: a.eig(), a=r(2, 2))
err('matrix_rank/removed', 'torch.matrix_rank(a)', lambda a: torch.matrix_rank(a), a=r(2, 2))

F.write('test/fixtures/linalg2.json')
