# Fixture for test/grad-sweep.test.ts: an autograd parity sweep against PyTorch 1.13. For every
# differentiable op of torch.*, Tensor methods, torch.linalg.*, torch.special.* and nn.functional.* that
# tocha has, called on small inputs in the op's domain whose float tensors require grad: each selected
# output's requires_grad and type(grad_fn).__name__, the gradient of every input for a fixed grad_output,
# or PyTorch's backward error where it refuses.
# Run: /usr/bin/python3 scripts/gen-grad-sweep.py > test/fixtures/grad-sweep.json
#
# A case is an op name ('add', '.repeat' for a Tensor method only, 'linalg.det', 'special.zeta',
# 'F.conv2d') and its arguments, as JSON both sides read: '@x' is input x as a new leaf that requires grad
# (one leaf per mention), '=x' input x as a constant, any other value a literal; `kw` the keyword
# arguments (tocha's trailing options object). `out` picks outputs of a tuple result (default: every
# float output). grad_output k is grad_output(shape, k) below (test/grad-sweep.test.ts computes the same).
# A torch.* case whose Tensor method PyTorch also has gets `method: true`: the test calls it too.
import json, sys, warnings
import torch
import torch.nn.functional as F
from pyfixture import enc
warnings.filterwarnings('ignore')

torch.manual_seed(0)
R = lambda *s: torch.randn(*s)
U = lambda *s: torch.rand(*s)
x = R(3, 4); y = R(3, 4)
a33 = R(3, 3) + 3 * torch.eye(3)
m = R(3, 3); sq = m @ m.t() + 3 * torch.eye(3)
pool_in = R(1, 2, 6, 6)
inputs = {
    'x': x, 'y': y, 'p': U(3, 4) + 0.5, 'u': U(3, 4) * 1.8 - 0.9, 'prob': U(3, 4) * 0.8 + 0.1, 'big': U(3, 4) * 3 + 1.1,
    'xz': torch.tensor([[1.5, 0.0, -2.0, 0.5], [0.7, -1.2, 0.9, 2.0], [0.0, 0.0, 1.1, -0.4]]),
    'v': R(4), 'w': R(4), 'v3': R(3), 's': torch.tensor(0.75), 'a33': a33, 'x3': R(3, 3), 'sq': sq,
    'chol': torch.linalg.cholesky(sq), 'tri': torch.triu(R(3, 3)) + 3 * torch.eye(3), 'x43': R(4, 3), 'y43': R(4, 3),
    'b3': R(2, 3, 4), 'b4': R(2, 4, 3), 'b33': R(2, 3, 3), 'x1': R(1, 3, 4),
    'sig': R(1, 2, 8), 'img': R(1, 2, 6, 6), 'vol': R(1, 2, 4, 4, 4), 'img4': R(1, 4, 3, 3),
    'wc1': R(3, 2, 3), 'wt1': R(2, 3, 3), 'wc2': R(3, 2, 3, 3), 'wt2': R(2, 3, 3, 3), 'wc3': R(2, 2, 2, 2, 2),
    'wt3': R(2, 1, 2, 2, 2), 'b3c': R(3), 'b2c': R(2), 'w34': R(3, 4), 'w24': R(2, 4), 'wb': R(2, 4, 4), 'emb': R(5, 3),
    'theta': R(1, 2, 3), 'theta3': R(1, 3, 4), 'grid': U(1, 4, 4, 2) * 1.6 - 0.8, 'w1': torch.tensor([0.25]),
    'rm': torch.zeros(4), 'rv': torch.ones(4), 'unf': R(1, 18, 16), 'seq': R(5, 2, 4),
    'lp': torch.log_softmax(R(6, 2, 4), 2),
    'lab': torch.tensor([0, 3, 1]), 'idx': torch.tensor([0, 2, 1]), 'xi': torch.randint(0, 4, (3, 4)),
    'xi2': torch.randint(0, 3, (2, 4)), 'mask': R(3, 4) > 0, 'bin': torch.randint(0, 2, (3, 4)).float(),
    'pm1': torch.randint(0, 2, (3, 4)).float() * 2 - 1, 'sgn3': torch.tensor([1.0, -1.0, 1.0]),
    'sgn4': torch.tensor([1.0, -1.0, -1.0, 1.0]), 'edges': torch.tensor([-1.0, -0.2, 0.3, 1.5]),
    'mlm': torch.tensor([[3, 0, -1, 1], [1, 2, 3, -1], [-1, 0, 0, 0]]), 'offs': torch.tensor([0, 1]),
    'tgt': torch.tensor([[1, 2], [3, 3]]), 'lw': torch.tensor([1.0, 2.0, 0.5, 1.5]),
    'pooled': R(1, 2, 3, 3), 'pidx': F.max_pool2d(pool_in, 2, return_indices=True)[1],
    'pooled1': R(1, 2, 4), 'pidx1': F.max_pool1d(R(1, 2, 8), 2, return_indices=True)[1],
    'mhw': R(12, 4), 'mhb': R(12), 'mow': R(4, 4), 'mob': R(4),
}
# added later: new entries go last, so the earlier inputs keep their values
pool3_in = R(1, 2, 4, 4, 4)
inputs.update({
    'fs2': U(1, 2, 2), 'fs3': U(1, 2, 3), 'pooled3': R(1, 2, 2, 2, 2), 'pidx3': F.max_pool3d(pool3_in, 2, return_indices=True)[1],
    'tgt2': torch.randint(0, 2, (1, 6, 6)), 'tbc': R(5, 2, 3), 'wtbc': R(3, 3, 4), 'btbc': R(4),
})
# factorizations of inputs above (no draws): LU and LDLᵀ factors with their pivots (int32 in PyTorch: PIVOTS)
lu33, piv33 = torch.linalg.lu_factor(a33)
ld33, ldpiv = torch.linalg.ldl_factor(sq)
inputs.update({'lu33': lu33, 'piv33': piv33.long(), 'ld33': ld33, 'ldpiv': ldpiv.long()})
PIVOTS = {'piv33', 'ldpiv'}
inputs.update({'x31': R(3, 1)})
inputs.update({
    'grid3': U(1, 2, 2, 2, 3) * 1.6 - 0.8, 'seg': R(6), 'segl': torch.tensor([2, 0, 3, 1]), 'ir': torch.tensor([0, 2, 0]),
    'coords': torch.tensor([0.0, 1.0, 1.5, 3.5]), 'f3': R(3), 'bag': torch.tensor([0, 2, 1, 4, 3]), 'boffs': torch.tensor([0, 2, 2]),
    'w2x2': R(2, 2), 'img1': R(2, 3, 1),
})
# the values the fixture writes (7 significant digits), so both sides start from the same floats
for k, t in inputs.items():
    if t.is_floating_point():
        inputs[k] = torch.tensor([float('%.7g' % e) for e in t.flatten().tolist()]).reshape(t.shape)


def grad_output(shape, k):
    """The fixed, exactly representable grad_output of output k: ((i + 5k)·37 mod 17 − 8) / 8."""
    n = 1
    for d in shape:
        n *= d
    return torch.tensor([(((i + 5 * k) * 37) % 17 - 8) / 8 for i in range(n)]).reshape(shape)


CASES = []


def C(op, *args, out=None, kw=None, note=None):
    CASES.append({'op': op, 'args': list(args), 'kw': kw or {}, 'out': out})


# ---- element-wise, one tensor
for n, s in [('abs', 'x'), ('absolute', 'x'), ('acos', 'u'), ('acosh', 'big'), ('angle', 'x'), ('arccos', 'u'),
             ('arccosh', 'big'), ('arcsin', 'u'), ('arcsinh', 'x'), ('arctan', 'x'), ('arctanh', 'u'), ('asin', 'u'),
             ('asinh', 'x'), ('atan', 'x'), ('atanh', 'u'), ('ceil', 'x'), ('clone', 'x'), ('conj_physical', 'x'),
             ('cos', 'x'), ('cosh', 'x'), ('deg2rad', 'x'), ('digamma', 'p'), ('erf', 'x'), ('erfc', 'x'),
             ('erfinv', 'u'), ('exp', 'x'), ('exp2', 'x'), ('expm1', 'x'), ('fix', 'x'), ('floor', 'x'), ('frac', 'x'),
             ('i0', 'x'), ('lgamma', 'p'), ('log', 'p'), ('log10', 'p'), ('log1p', 'p'), ('log2', 'p'), ('logit', 'prob'),
             ('neg', 'x'), ('negative', 'x'), ('positive', 'x'), ('rad2deg', 'x'), ('reciprocal', 'p'), ('relu', 'x'),
             ('round', 'x'), ('rsqrt', 'p'), ('sgn', 'x'), ('sigmoid', 'x'), ('sign', 'x'), ('sin', 'x'), ('sinc', 'x'),
             ('sinh', 'x'), ('sqrt', 'p'), ('square', 'x'), ('tan', 'u'), ('tanh', 'x'), ('trunc', 'x'),
             ('nan_to_num', 'x'), ('resolve_conj', 'x'), ('resolve_neg', 'x'), ('signbit', 'x'), ('conj', 'x'),
             ('real', 'x'), ('ravel', 'x'), ('t', 'x'), ('adjoint', 'x'), ('fliplr', 'x'), ('flipud', 'x'), ('msort', 'x'),
             ('isnan', 'x'), ('argsort', 'x'), ('nonzero', 'x'), ('count_nonzero', 'x'), ('corrcoef', 'x'), ('cov', 'x'),
             ('det', 'a33'), ('logdet', 'sq'), ('inverse', 'a33'), ('cholesky', 'sq'), ('cholesky_inverse', 'chol'),
             ('pinverse', 'x'), ('trace', 'x'), ('diagflat', 'v'), ('diag_embed', 'x'), ('histc', 'x'),
             ('unique', 'xz'), ('unique_consecutive', 'xz'), ('sum', 'x'), ('mean', 'x'), ('prod', 'x'), ('prod', 'xz'),
             ('max', 'x'), ('min', 'x'), ('amax', 'x'), ('amin', 'x'), ('std', 'x'), ('var', 'x'), ('norm', 'x'),
             ('nansum', 'x'), ('nanmean', 'x'), ('median', 'x'), ('nanmedian', 'x'), ('argmax', 'x'), ('all', 'x'),
             ('any', 'x'), ('std_mean', 'x'), ('var_mean', 'x'), ('rot90', 'x'), ('diag', 'x'), ('diag', 'v'),
             ('diagonal', 'x'), ('tril', 'x'), ('triu', 'x'), ('flatten', 'b3'), ('squeeze', 'x1'), ('unbind', 'x'),
             ('diff', 'x'), ('matrix_power', 'a33')]:
    if n == 'matrix_power':
        continue
    C(n, '@' + s)
C('nan_to_num', '@x', 0.0, kw={'posinf': 1.0})
C('round', '@x', kw={'decimals': 1})
C('logit', '@x', 0.1)
C('clamp', '@x', -0.5, 0.5); C('clamp', '@x', kw={'min': -0.5}); C('clamp', '@x', kw={'max': 0.2})
C('clamp', '@x', '@y', '@big'); C('clip', '@x', -0.5, 0.5)
C('clamp_min', '@x', 0.1); C('clamp_max', '@x', 0.1); C('clamp_min', '@x', '@y'); C('clamp_max', '@x', '@y')
C('pow', '@x', 2); C('pow', '@x', 3); C('pow', '@p', 0.5); C('pow', '@x', 0); C('pow', '@p', '@y'); C('pow', 2, '@x')
C('polygamma', 1, '@p'); C('polygamma', 2, '@p'); C('polygamma', 0, '@p'); C('mvlgamma', '@big', 2)
C('xlogy', '@x', '@p'); C('xlogy', 2, '@p'); C('xlogy', '@x', 2.5)
C('prelu', '@x', '@w1'); C('hardshrink', '@x', 0.6)
C('softmax', '@x', 1); C('log_softmax', '@x', 0); C('logsumexp', '@x', 1); C('logcumsumexp', '@x', 1)

# ---- element-wise, two tensors or a tensor and a number (FooBackward0 / FooBackward1)
for n in ['add', 'sub', 'subtract', 'mul', 'multiply', 'div', 'divide', 'true_divide', 'remainder', 'fmod', 'copysign',
          'rsub', 'floor_divide']:
    C(n, '@x', '@p'); C(n, '@x', 2.5)
for n in ['atan2', 'arctan2', 'maximum', 'minimum', 'fmax', 'fmin', 'max', 'min', 'hypot', 'logaddexp', 'logaddexp2',
          'heaviside', 'dist', 'eq', 'inner', 'cdist']:
    C(n, '@x', '@y')
C('add', '@x', '@v'); C('mul', '@x', '@v'); C('div', '@x', '@s'); C('sub', '@v', '@x')
C('add', '@x', '@y', kw={'alpha': 2}); C('sub', '@x', '@y', kw={'alpha': 2}); C('rsub', '@x', '@y', kw={'alpha': 2})
C('div', '@x', '@p', kw={'rounding_mode': 'floor'}); C('div', '@x', '@p', kw={'rounding_mode': 'trunc'})
C('div', '@x', 2.5, kw={'rounding_mode': 'trunc'})
C('dist', '@x', '@y', 3); C('dist', '@x', '@y', float('inf'))
C('lerp', '@x', '@y', 0.3); C('lerp', '@x', '@y', '@prob')
C('addcmul', '@x', '@y', '@p', kw={'value': 2}); C('addcdiv', '@x', '@y', '@p', kw={'value': 0.5})
C('where', '=mask', '@x', '@y'); C('where', '=mask', '@x', 0.5)
C('masked_fill', '@x', '=mask', 0.5); C('masked_fill', '@x', '=mask', '@s')
C('masked_scatter', '@x', '=mask', '@y'); C('masked_select', '@x', '=mask')
C('take', '@x', '=idx'); C('take_along_dim', '@x', '=xi', 1); C('gather', '@x', 1, '=xi')
C('scatter', '@x', 1, '=xi', '@y'); C('scatter', '@x', 1, '=xi', 0.5); C('scatter_add', '@x', 1, '=xi', '@y')
for r in ['sum', 'prod', 'mean', 'amax', 'amin']:
    C('scatter_reduce', '@x', 0, '=xi2', '@w24', r)
C('scatter_reduce', '@x', 0, '=xi2', '@w24', 'sum', kw={'include_self': False})
C('index_add', '@x', 0, '=idx', '@y'); C('index_copy', '@x', 0, '=idx', '@y'); C('index_fill', '@x', 1, '=idx', 2.0)
C('index_put', '@x', ['=idx'], '@v'); C('index_put', '@x', ['=idx'], '@v', True); C('index_select', '@x', 1, '=idx')
C('special.xlog1py', '@x', '@p'); C('special.xlogy', '@x', '@p'); C('special.zeta', '@big', '@prob')
C('special.zeta', 2.5, '@prob')

# ---- reductions with dim / keepdim
for n in ['sum', 'mean', 'prod', 'amax', 'amin', 'logsumexp', 'nansum', 'nanmean', 'std', 'var']:
    C(n, '@x', 1); C(n, '@x', 1, kw={'keepdim': True})
C('sum', '@x', [0, 1]); C('mean', '@b3', [0, 2]); C('prod', '@xz', 1); C('prod', '@xz', 0)
for n in ['max', 'min', 'median', 'nanmedian', 'mode']:
    C(n, '@x', 1, out=[0]); C(n, '@x', 0, kw={'keepdim': True}, out=[0])
C('kthvalue', '@x', 2, 1, out=[0]); C('topk', '@x', 2, out=[0]); C('sort', '@x', 1, out=[0]); C('sort', '@x', 0, True, out=[0])
C('cummax', '@x', 1, out=[0]); C('cummin', '@x', 0, out=[0]); C('aminmax', '@x', kw={'dim': 1})
C('cumsum', '@x', 1); C('cumprod', '@x', 1); C('cumprod', '@xz', 1)
C('std', '@x', 1, False); C('var', '@x', 0, kw={'correction': 0}); C('std_mean', '@x', 1); C('var_mean', '@x', 0)
C('norm', '@x', 1); C('norm', '@x', 2, 1); C('norm', '@x', float('inf')); C('norm', '@x', 'fro'); C('norm', '@x', 3, 0, True)
C('diff', '@x', 2, 0, kw={'prepend': '@y'}); C('cov', '@x', kw={'correction': 0})
C('argmax', '@x', 1); C('all', '@x', 1); C('count_nonzero', '@x', 1)

# ---- views and shape ops
C('reshape', '@x', [4, 3]); C('.view', '@x', 4, 3); C('.view', '@x', -1); C('.view_as', '@x', '=x43')
C('.reshape_as', '@x', '=x43'); C('transpose', '@x', 0, 1); C('swapaxes', '@x', 0, 1); C('swapdims', '@x', 0, 1)
C('permute', '@b3', [2, 0, 1]); C('unsqueeze', '@x', 1); C('squeeze', '@x1', 0); C('flatten', '@b3', 1)
C('unflatten', '@x', 1, [2, 2]); C('.expand', '@v', 3, 4); C('.expand_as', '@v', '=x'); C('broadcast_to', '@v', [3, 4])
C('narrow', '@x', 1, 1, 2); C('select', '@x', 1, 2); C('split', '@x', 2); C('split', '@x', [1, 3], 1)
C('chunk', '@x', 2); C('tensor_split', '@x', 3, 1); C('hsplit', '@x', 2); C('vsplit', '@x', [1]); C('dsplit', '@b3', 2)
C('split_with_sizes', '@x', [1, 3], 1); C('unsafe_split', '@x', 2); C('unsafe_chunk', '@x', 2)
C('.repeat', '@x', 2, 1, 3); C('tile', '@v', [2, 2]); C('repeat_interleave', '@x', 2, 1)
C('flip', '@x', [0]); C('roll', '@x', 1); C('roll', '@x', [1, 2], [0, 1]); C('rot90', '@x', 2, [0, 1]); C('rot90', '@x', -1)
C('diagonal', '@x', 1); C('diagonal', '@b3', 0, 1, 2); C('diag', '@x', 1); C('diag_embed', '@x', 1); C('tril', '@x', -1); C('triu', '@x', 1)
C('movedim', '@b3', 0, 2); C('moveaxis', '@b3', [0, 1], [2, 0])
C('cat', ['@x', '@y']); C('cat', ['@x', '@y'], 1); C('concat', ['@x', '@y']); C('stack', ['@x', '@y'], 1)
C('hstack', ['@x', '@y']); C('vstack', ['@v', '@w']); C('dstack', ['@x', '@y']); C('column_stack', ['@v', '@w'])
C('block_diag', '@x', '@a33'); C('broadcast_tensors', '@x', '@v'); C('meshgrid', '@v', '@w', kw={'indexing': 'ij'})
C('cartesian_prod', '@v', '@w'); C('.T', '@x'); C('.mT', '@b3'); C('.H', '@x'); C('.mH', '@b3')
C('.contiguous', '@x'); C('.float', '@x'); C('.type_as', '@x', '=y'); C('.detach', '@x'); C('.data', '@x')
C('.narrow_copy', '@x', 1, 1, 2); C('.new_zeros', '@x', [2]); C('.to', '@x', torch.float32)

# ---- linear algebra
C('matmul', '@x', '@v'); C('matmul', '@v', '@x43'); C('matmul', '@b3', '@b4'); C('matmul', '@v', '@w'); C('matmul', '@b3', '@v')
C('mm', '@x', '@x43'); C('spmm', '@x', '@x43'); C('mv', '@x', '@v'); C('bmm', '@b3', '@b4'); C('dot', '@v', '@w'); C('vdot', '@v', '@w')
C('outer', '@v', '@w'); C('ger', '@v', '@w'); C('kron', '@x3', '@v')
C('addmm', '@a33', '@x', '@x43'); C('addmm', '@a33', '@x', '@x43', kw={'beta': 0.5, 'alpha': 2})
C('addmv', '@v3', '@x', '@v'); C('addr', '@x', '@v3', '@w'); C('baddbmm', '@b33', '@b3', '@b4', kw={'beta': 0.5})
C('addbmm', '@a33', '@b3', '@b4'); C('chain_matmul', '@x', '@x43', '@a33'); C('einsum', 'ij,kj->ik', '@x', '@y')
C('einsum', 'bij,bjk->bik', '@b3', '@b4'); C('einsum', 'ii', '@a33'); C('tensordot', '@x', '@y', 2)
C('tensordot', '@b3', '@b4', [[2], [1]]); C('cross', '@x3', '@a33'); C('cross', '@x3', '@a33', 0)
C('cdist', '@x', '@w34'); C('slogdet', '@sq', out=[1]); C('slogdet', '@a33', out=[1])
C('cholesky_solve', '@x3', '@chol'); C('triangular_solve', '@x3', '@tri', out=[0])
C('qr', '@x43'); C('svd', '@x', out=[1]); C('matrix_power', '@a33', 3); C('matrix_power', '@a33', -2)
C('matrix_power', '@a33', 0); C('linalg.cholesky', '@sq'); C('linalg.cholesky_ex', '@sq', out=[0]); C('linalg.det', '@a33')
C('linalg.diagonal', '@b3'); C('linalg.eigh', '@sq', out=[0]); C('linalg.eigvalsh', '@sq'); C('linalg.inv', '@a33')
C('linalg.inv_ex', '@a33', out=[0]); C('linalg.lstsq', '@x43', '@y43', out=[0]); C('linalg.matmul', '@x', '@x43')
C('linalg.matrix_norm', '@x'); C('linalg.matrix_norm', '@sq', 'nuc'); C('linalg.matrix_norm', '@sq', 2)
C('linalg.matrix_norm', '@a33', -1); C('linalg.matrix_norm', '@a33', float('inf')); C('linalg.matrix_power', '@a33', 2)
C('linalg.matrix_rank', '@x'); C('linalg.multi_dot', ['@x', '@x43', '@a33']); C('linalg.norm', '@x')
C('linalg.norm', '@v', 3); C('linalg.norm', '@sq', 'fro'); C('linalg.norm', '@x', 1, 1); C('linalg.pinv', '@x')
C('linalg.pinv', '@sq', kw={'hermitian': True}); C('linalg.qr', '@x43'); C('linalg.slogdet', '@sq', out=[1])
C('linalg.solve', '@a33', '@x'); C('linalg.solve_ex', '@a33', '@x', out=[0])
C('linalg.solve_triangular', '@tri', '@x', kw={'upper': True}); C('linalg.solve_triangular', '@tri', '@x43', kw={'upper': True, 'left': False})
C('linalg.svd', '@x', kw={'full_matrices': False}, out=[1]); C('linalg.svdvals', '@x'); C('linalg.vecdot', '@x', '@y')
C('linalg.vector_norm', '@x'); C('linalg.vector_norm', '@x', 0.5, 1); C('linalg.vector_norm', '@x', float('inf'))
C('linalg.vector_norm', '@x', 0); C('linalg.cross', '@x3', '@a33')
# the second batch: LU, LDLᵀ, Householder, matrix functions, tensor equations, deprecated names
C('linalg.lu_factor', '@a33', out=[0]); C('linalg.lu_factor', '@x43', out=[0]); C('linalg.lu_factor_ex', '@x', out=[0])
C('linalg.lu', '@x43'); C('linalg.lu', '@x'); C('linalg.lu_solve', '@lu33', '=piv33', '@x')
C('linalg.lu_solve', '@lu33', '=piv33', '@x43', kw={'left': False, 'adjoint': True}); C('lu', '@a33', out=[0])
C('lu_solve', '@x', '@lu33', '=piv33'); C('lu_unpack', '@lu33', '=piv33'); C('lu_unpack', '@x43', '=piv33')
C('linalg.matrix_exp', '@b33'); C('linalg.matrix_exp', '@a33'); C('matrix_exp', '@x3')
C('linalg.cond', '@a33'); C('linalg.cond', '@x43', -2); C('linalg.cond', '@a33', 'nuc'); C('linalg.cond', '@a33', 'fro')
C('linalg.cond', '@a33', 1); C('linalg.householder_product', '@x43', '@v3'); C('orgqr', '@x43', '@v3')
C('ormqr', '@x43', '@v3', '@y43'); C('geqrf', '@x43'); C('linalg.ldl_factor', '@sq', out=[0])
C('linalg.ldl_factor_ex', '@sq', out=[0]); C('linalg.ldl_solve', '@ld33', '=ldpiv', '@x')
C('linalg.tensorinv', '@a33', 1); C('linalg.tensorsolve', '@a33', '@v3'); C('linalg.tensorsolve', '@a33', '@v3', kw={'dims': [0]})
C('nuclear_norm', '@x'); C('nuclear_norm', '@b3', [1, 2], True); C('frobenius_norm', '@x'); C('frobenius_norm', '@b3', [0, 2])
C('frobenius_norm', '@x', [1]); C('symeig', '@sq', True, out=[0]); C('symeig', '@sq')
C('lobpcg', '@sq', 1, None, '=x31', out=[0]); C('lobpcg', '@sq', None, None, '=x31', kw={'largest': False}, out=[0])

# ---- torch.special
for n, s in [('bessel_j0', 'x'), ('bessel_j1', 'x'), ('digamma', 'p'), ('entr', 'prob'), ('erf', 'x'), ('erfc', 'x'),
             ('erfcx', 'x'), ('erfinv', 'u'), ('exp2', 'x'), ('expit', 'x'), ('expm1', 'x'), ('gammaln', 'p'), ('i0', 'x'),
             ('i0e', 'x'), ('i1', 'x'), ('i1e', 'x'), ('log1p', 'p'), ('log_ndtr', 'x'), ('logit', 'prob'), ('ndtr', 'x'),
             ('ndtri', 'prob'), ('psi', 'p'), ('round', 'x'), ('sinc', 'x'), ('spherical_bessel_j0', 'x')]:
    C('special.' + n, '@' + s)
C('special.log_softmax', '@x', 1); C('special.softmax', '@x', 0); C('special.logsumexp', '@x', 1)
C('special.multigammaln', '@big', 2); C('special.polygamma', 1, '@p'); C('special.logit', '@x', 0.1)
# 1.13's newer functions: their results do not require grad
for n, s in [('airy_ai', 'x'), ('bessel_y0', 'p'), ('bessel_y1', 'p'), ('modified_bessel_i0', 'x'), ('modified_bessel_i1', 'x'),
             ('modified_bessel_k0', 'p'), ('modified_bessel_k1', 'p'), ('scaled_modified_bessel_k0', 'p'),
             ('scaled_modified_bessel_k1', 'p')]:
    C('special.' + n, '@' + s)
for n in ['chebyshev_polynomial_t', 'chebyshev_polynomial_u', 'chebyshev_polynomial_v', 'chebyshev_polynomial_w',
          'shifted_chebyshev_polynomial_t', 'shifted_chebyshev_polynomial_u', 'shifted_chebyshev_polynomial_v',
          'shifted_chebyshev_polynomial_w', 'hermite_polynomial_h', 'hermite_polynomial_he', 'laguerre_polynomial_l',
          'legendre_polynomial_p']:
    C('special.' + n, '@u', 3); C('special.' + n, '@u', '@big'); C('special.' + n, 0.5, '@big')

# ---- nn.functional
for n in ['relu', 'relu6', 'elu', 'selu', 'celu', 'gelu', 'silu', 'mish', 'sigmoid', 'tanh', 'logsigmoid', 'softsign',
          'tanhshrink', 'hardsigmoid', 'hardswish', 'hardtanh', 'hardshrink', 'softshrink', 'softplus', 'leaky_relu', 'glu',
          'normalize']:
    C('F.' + n, '@x')
C('F.gelu', '@x', kw={'approximate': 'tanh'}); C('F.elu', '@x', 0.5); C('F.celu', '@x', 2.0); C('F.softplus', '@x', 2, 1)
C('F.leaky_relu', '@x', 0.2); C('F.hardtanh', '@x', -0.5, 0.5); C('F.softshrink', '@x', 0.3); C('F.threshold', '@x', 0.1, 20)
C('F.rrelu', '@x', kw={'training': False}); C('F.prelu', '@x', '@w1'); C('F.glu', '@b3', 0); C('F.normalize', '@x', 1.5, 0)
C('F.softmax', '@x', 1); C('F.log_softmax', '@x', 1); C('F.softmin', '@x', 1)
C('F.dropout', '@x', 0.0); C('F.dropout', '@x', 0.5, False)
C('F.linear', '@x', '@w34', '@b3c'); C('F.linear', '@x', '@w34'); C('F.bilinear', '@x', '@y', '@wb', '@b2c')
C('F.conv1d', '@sig', '@wc1', '@b3c'); C('F.conv1d', '@sig', '@wc1', None, 2, 1)
C('F.conv2d', '@img', '@wc2', '@b3c', 2, 1); C('F.conv2d', '@img', '@wc2', None, 1, 'same', 2)
C('F.conv3d', '@vol', '@wc3', '@b2c'); C('F.conv_transpose1d', '@sig', '@wt1', '@b3c', 2)
C('F.conv_transpose2d', '@img', '@wt2', '@b3c', 2, 1); C('F.conv_transpose3d', '@vol', '@wt3')
C('F.max_pool1d', '@sig', 2); C('F.max_pool2d', '@img', 2); C('F.max_pool2d', '@img', 3, 2, 1, 1, True)
C('F.max_pool2d', '@img', 2, kw={'return_indices': True}, out=[0]); C('F.max_pool3d', '@vol', 2)
C('F.avg_pool1d', '@sig', 2); C('F.avg_pool2d', '@img', 2); C('F.avg_pool2d', '@img', 3, 2, 1, True, False)
C('F.avg_pool3d', '@vol', 2); C('F.adaptive_avg_pool1d', '@sig', 3); C('F.adaptive_avg_pool2d', '@img', 4)
C('F.adaptive_avg_pool3d', '@vol', 3); C('F.adaptive_max_pool1d', '@sig', 3); C('F.adaptive_max_pool2d', '@img', 4)
C('F.adaptive_max_pool3d', '@vol', 3); C('F.lp_pool1d', '@sig', 2, 2); C('F.lp_pool2d', '@img', 2, 2)
C('F.max_unpool1d', '@pooled1', '=pidx1', 2); C('F.max_unpool2d', '@pooled', '=pidx', 2)
C('F.max_unpool3d', '@pooled3', '=pidx3', 2)
C('F.fractional_max_pool2d', '@img', 2, kw={'output_size': 3, '_random_samples': '=fs2'})
C('F.fractional_max_pool2d', '@img', 3, kw={'output_ratio': 0.5, 'return_indices': True, '_random_samples': '=fs2'}, out=[0])
C('F.fractional_max_pool2d_with_indices', '@img', 2, kw={'output_size': [4, 3], '_random_samples': '=fs2'}, out=[0])
C('F.fractional_max_pool3d', '@vol', 2, kw={'output_size': 2, '_random_samples': '=fs3'})
C('F.fractional_max_pool3d_with_indices', '@vol', [2, 1, 2], kw={'output_size': [2, 3, 2], '_random_samples': '=fs3'}, out=[0])
C('F.max_pool1d_with_indices', '@sig', 2, out=[0]); C('F.max_pool2d_with_indices', '@img', 3, 2, 1, out=[0])
C('F.max_pool3d_with_indices', '@vol', 2, out=[0]); C('F.adaptive_max_pool1d_with_indices', '@sig', 3, out=[0])
C('F.adaptive_max_pool2d_with_indices', '@img', 4, out=[0]); C('F.adaptive_max_pool3d_with_indices', '@vol', 3, out=[0])
C('F.adaptive_max_pool1d', '@sig', 3, True, out=[0])
C('F.pdist', '@x'); C('F.pdist', '@x', 1); C('F.pdist', '@x43', 3); C('F.pdist', '@x', float('inf'))
C('F.conv_tbc', '@tbc', '@wtbc', '@btbc'); C('F.conv_tbc', '@tbc', '@wtbc', '@btbc', 1)
C('F.native_channel_shuffle', '@img4', 2)
C('F.unfold', '@img', 3); C('F.fold', '@unf', 6, 3)
C('F.pad', '@img', [1, 1, 2, 0]); C('F.pad', '@img', [1, 1, 2, 1], 'reflect'); C('F.pad', '@img', [1, 1, 2, 1], 'replicate')
C('F.pad', '@img', [1, 1, 2, 1], 'circular'); C('F.pad', '@x', [1, 2], 'constant', 0.5)
C('F.interpolate', '@img', kw={'scale_factor': 2}); C('F.interpolate', '@img', kw={'size': [9, 7], 'mode': 'bilinear'})
C('F.interpolate', '@img', kw={'size': [4, 4], 'mode': 'bicubic', 'align_corners': True})
C('F.interpolate', '@sig', kw={'size': 5, 'mode': 'linear'}); C('F.interpolate', '@vol', kw={'size': [3, 5, 2], 'mode': 'trilinear'})
C('F.interpolate', '@img', kw={'size': [4, 4], 'mode': 'area'})
C('F.pixel_shuffle', '@img4', 2); C('F.pixel_unshuffle', '@img', 2); C('F.channel_shuffle', '@img4', 2)
C('F.batch_norm', '@x', '=rm', '=rv', '@v', '@w', True); C('F.batch_norm', '@x', '=rm', '=rv', '@v', '@w', False)
C('F.instance_norm', '@img'); C('F.layer_norm', '@x', [4], '@v', '@w'); C('F.layer_norm', '@b3', [3, 4])
C('F.group_norm', '@img', 2, '@b2c', '@b2c'); C('F.local_response_norm', '@img', 2)
C('F.embedding', '=idx', '@emb'); C('F.embedding', '=idx', '@emb', 1)
C('F.embedding_bag', '=idx', '@emb', '=offs'); C('F.embedding_bag', '=xi2', '@emb', kw={'mode': 'max'})
C('F.embedding_bag', '=xi2', '@emb', kw={'mode': 'sum'})
C('F.cosine_similarity', '@x', '@y'); C('F.pairwise_distance', '@x', '@y')
C('F.affine_grid', '@theta', [1, 2, 4, 5], False); C('F.affine_grid', '@theta3', [1, 2, 2, 3, 4], False)
C('F.grid_sample', '@img', '@grid', kw={'align_corners': False})
C('F.grid_sample', '@img', '@grid', kw={'mode': 'nearest', 'padding_mode': 'reflection', 'align_corners': True})
C('F.grid_sample', '@img', '@grid', kw={'mode': 'bicubic', 'padding_mode': 'border', 'align_corners': False})
# losses
C('F.mse_loss', '@x', '@y'); C('F.mse_loss', '@x', '@y', kw={'reduction': 'sum'}); C('F.mse_loss', '@x', '@y', kw={'reduction': 'none'})
C('F.l1_loss', '@x', '@y'); C('F.smooth_l1_loss', '@x', '@y', kw={'beta': 0.5}); C('F.huber_loss', '@x', '@y', kw={'delta': 0.5})
C('F.cross_entropy', '@x', '=lab'); C('F.cross_entropy', '@x', '@prob'); C('F.cross_entropy', '@x', '=lab', kw={'label_smoothing': 0.2, 'weight': '=lw'})
C('F.cross_entropy', '@x', '=lab', kw={'reduction': 'sum', 'ignore_index': 3})
C('F.nll_loss', '@x', '=lab'); C('F.nll_loss', '@x', '=lab', kw={'weight': '=lw', 'ignore_index': 3})
C('F.nll_loss', '@b3', '=xi2'); C('F.nll_loss', '@b3', '=xi2', kw={'reduction': 'none'}); C('F.nll_loss', '@img', '=tgt2')
C('F.nll_loss', '@img', '=tgt2', kw={'reduction': 'none'}); C('F.cross_entropy', '@img', '=tgt2')
C('F.binary_cross_entropy', '@prob', '=bin'); C('F.binary_cross_entropy', '@prob', '@bin'); C('F.binary_cross_entropy', '@prob', '=bin', '@p')
C('F.binary_cross_entropy_with_logits', '@x', '@bin'); C('F.binary_cross_entropy_with_logits', '@x', '=bin', kw={'pos_weight': '@v'})
C('F.kl_div', '@x', '@prob', kw={'reduction': 'batchmean'}); C('F.kl_div', '@x', '@y', kw={'log_target': True})
C('F.poisson_nll_loss', '@x', '@prob'); C('F.poisson_nll_loss', '@prob', '@bin', False, True)
C('F.gaussian_nll_loss', '@x', '@y', '@prob'); C('F.margin_ranking_loss', '@v', '@w', '=sgn4')
C('F.hinge_embedding_loss', '@x', '=pm1'); C('F.cosine_embedding_loss', '@x', '@y', '=sgn3')
C('F.multi_margin_loss', '@x', '=lab'); C('F.multi_margin_loss', '@x', '=lab', 2, 0.5, '@lw')
C('F.multilabel_margin_loss', '@x', '=mlm'); C('F.multilabel_soft_margin_loss', '@x', '=bin')
C('F.soft_margin_loss', '@x', '=pm1'); C('F.triplet_margin_loss', '@x', '@y', '@prob')
C('F.triplet_margin_loss', '@x', '@y', '@prob', kw={'swap': True}); C('F.triplet_margin_with_distance_loss', '@x', '@y', '@prob')
C('F.ctc_loss', '@lp', '=tgt', [6, 5], [2, 2]); C('F.ctc_loss', '@lp', '=tgt', [6, 5], [2, 1], kw={'reduction': 'sum'})
C('F.one_hot', '=idx')

# ---- PyTorch 1.13's torch-level forms of nn functions (ATen's signatures; the losses' reduction an int, 0 by default)
C('convolution', '@sig', '@wc1', '@b3c', [1], [1], [1], False, [0], 1); C('convolution', '@img', '@wt2', '@b3c', [2], [1], [1], True, [1], 1)
C('conv1d', '@sig', '@wc1', '@b3c'); C('conv2d', '@img', '@wc2', '@b3c', 2, 1); C('conv3d', '@vol', '@wc3', '@b2c')
C('conv_transpose1d', '@sig', '@wt1', '@b3c', 2); C('conv_transpose2d', '@img', '@wt2', '@b3c', 2, 1); C('conv_transpose3d', '@vol', '@wt3')
C('conv_tbc', '@tbc', '@wtbc', '@btbc', 1); C('max_pool1d', '@sig', 2); C('max_pool2d', '@img', 3, 2, 1); C('max_pool3d', '@vol', 2)
C('max_pool1d_with_indices', '@sig', 3, 2, out=[0]); C('avg_pool1d', '@sig', 3, 2, 1); C('adaptive_avg_pool1d', '@sig', 3)
C('adaptive_max_pool1d', '@sig', 3, out=[0])
C('batch_norm', '@x', '@v', '@w', '=rm', '=rv', True, 0.1, 1e-5, False); C('batch_norm', '@x', '@v', '@w', '=rm', '=rv', False, 0.1, 1e-5, False)
C('layer_norm', '@x', [4], '@v', '@w'); C('group_norm', '@img', 2, '@b2c', '@b2c')
C('instance_norm', '@img', '@b2c', '@b2c', None, None, True, 0.1, 1e-5, False)
C('instance_norm', '@img1', None, None, None, None, True, 0.1, 1e-5, False)
C('embedding', '@emb', '=idx'); C('embedding', '@emb', '=idx', 2, True)
C('embedding_bag', '@emb', '=bag', '=boffs', False, 1, out=[0]); C('embedding_bag', '@emb', '=bag', '=boffs', False, 2, out=[0])
C('bilinear', '@x', '@y', '@wb', '@b2c'); C('pixel_shuffle', '@img4', 2); C('pixel_unshuffle', '@img', 2)
C('channel_shuffle', '@img4', 2); C('native_channel_shuffle', '@img4', 2)
C('cosine_similarity', '@x', '@y'); C('pairwise_distance', '@x', '@y'); C('pdist', '@x')
C('kl_div', '@x', '@prob'); C('kl_div', '@x', '@y', 2, kw={'log_target': True})
C('ctc_loss', '@lp', '=tgt', [6, 5], [2, 2]); C('ctc_loss', '@lp', '=tgt', [6, 5], [2, 1], 0, 1)
C('margin_ranking_loss', '@v', '@w', '=sgn4', 0.2); C('hinge_embedding_loss', '@x', '=pm1', 1.0, 1)
C('cosine_embedding_loss', '@x', '@y', '=sgn3', 0.1); C('triplet_margin_loss', '@x', '@y', '@prob', 1.0, 2.0, 1e-6, True, 1)
C('poisson_nll_loss', '@x', '@prob', True, False, 1e-8, 1); C('binary_cross_entropy_with_logits', '@x', '@bin', None, '=lw', 2)
C('celu', '@x', 2.0); C('selu', '@x'); C('rrelu', '@x'); C('threshold', '@x', 0.1, 20.0)
C('constant_pad_nd', '@x', [1, 2], 0.5); C('constant_pad_nd', '@img', [-1, 1, 0, 2])
C('grid_sampler', '@img', '@grid', 0, 0, False); C('grid_sampler_2d', '@img', '@grid', 2, 1, False)
C('grid_sampler_3d', '@vol', '@grid3', 0, 2, True); C('affine_grid_generator', '@theta', [1, 2, 4, 5], False)

# ---- PyTorch 1.13's utilities
C('atleast_1d', '@s'); C('atleast_2d', '@v'); C('atleast_3d', '@x'); C('row_stack', ['@x', '@y'])
C('as_strided', '@x', [2, 2], [1, 2], 1); C('as_strided', '@v', [3, 2], [1, 1])
C('as_strided_scatter', '@x', '@w2x2', [2, 2], [1, 4], 1)
C('float_power', '@x', 2); C('float_power', '@p', '@y'); C('float_power', 2.5, '@x'); C('float_power', '@p', 0.5)
C('gradient', '@x'); C('gradient', '@x', kw={'spacing': [0.5, 2.0], 'edge_order': 2}); C('gradient', '@x43', kw={'spacing': ['=coords'], 'dim': 0})
C('vander', '@f3'); C('vander', '@f3', 4, True); C('linalg.vander', '@b3', kw={'N': 3})
C('fill', '@x', 2.0); C('fill', '@x', '@s'); C('put', '@x', '=idx', '@v3'); C('put', '@x', '=idx', '@v3', True)
for r in ['prod', 'mean', 'amax', 'amin']:
    C('index_reduce', '@x', 0, '=ir', '@y', r)
C('index_reduce', '@x', 0, '=ir', '@y', 'amax', kw={'include_self': False})
for r in ['sum', 'mean', 'max', 'prod']:
    C('segment_reduce', '@seg', r, kw={'lengths': '=segl'})
C('frobenius_norm', '@x'); C('frobenius_norm', '@x', [1], True); C('nuclear_norm', '@x'); C('nuclear_norm', '@b3', [1, 2], True)
C('norm_except_dim', '@b3', 2, 1); C('norm_except_dim', '@b3', 3, 0); C('narrow_copy', '@x', 1, 1, 2); C('detach', '@x')
C('unsafe_split_with_sizes', '@x', [1, 3], 1); C('symeig', '@sq', True, out=[0]); C('symeig', '@sq')


# ---------------------------------------------------------------- running them
def resolve(op):
    if op.startswith('.'):
        return None
    ns, name = torch, op
    for p, mod in [('F.', F), ('linalg.', torch.linalg), ('special.', torch.special)]:
        if op.startswith(p):
            ns, name = mod, op[len(p):]
    return getattr(ns, name)


def materialize(v, leaves):
    if isinstance(v, str) and v[:1] in '@=' and v[1:] in inputs:
        t = inputs[v[1:]].clone()
        if v[1:] in PIVOTS:
            t = t.int()  # the fixture's int64 stands for PyTorch's int32 pivots
        if v[0] == '@':
            t.requires_grad_()
            leaves.append(t)
        return t
    if isinstance(v, list):
        return [materialize(e, leaves) for e in v]
    return v


def outputs_of(r):
    if isinstance(r, torch.Tensor):
        return [r]
    if isinstance(r, (list, tuple)):
        return [t for e in r for t in outputs_of(e)]
    return []


def run(case, method=False):
    leaves = []
    args = [materialize(a, leaves) for a in case['args']]
    kw = {k: materialize(v, leaves) for k, v in case['kw'].items()}
    op = case['op']
    if op.startswith('.') or method:
        name = op.lstrip('.')
        attr = getattr(args[0], name)
        r = attr(*args[1:], **kw) if callable(attr) else attr
    else:
        r = resolve(op)(*args, **kw)
    outs = outputs_of(r)
    sel = [outs[k] for k in case['out']] if case['out'] is not None else [t for t in outs if t.is_floating_point()]
    res = {'rg': [t.requires_grad for t in sel], 'node': [type(t.grad_fn).__name__ if t.grad_fn else None for t in sel]}
    need = [(t, grad_output(t.shape, k)) for k, t in enumerate(sel) if t.requires_grad]
    if need:
        try:
            torch.autograd.backward([t for t, _ in need], [g for _, g in need])
            res['grads'] = [enc(t.grad, 6) if t.grad is not None else None for t in leaves]
        except Exception as e:  # noqa: BLE001 - PyTorch's message is the point
            res['error'] = str(e).split('\n')[0]
    return res


cases = []
seen = {}
for c in CASES:
    n = seen.get(c['op'], 0) + 1
    seen[c['op']] = n
    cid = c['op'] if n == 1 else f"{c['op']}#{n}"
    try:
        res = run(c)
    except Exception as e:  # noqa: BLE001
        msg = str(e).splitlines()[0]
        if 'requires_grad' not in msg:
            print(f'dropped {cid}: {msg}', file=sys.stderr)
            continue
        res = {'ferror': msg}  # PyTorch refuses in the forward an input that requires grad
    entry = {'id': cid, **{k: v for k, v in c.items() if v not in (None, {})}, **res}
    entry['args'] = c['args']
    if not c['op'].startswith('.') and '.' not in c['op'] and hasattr(torch.Tensor, c['op']) \
            and isinstance(c['args'][0], str) and c['args'][0][:1] in '@=':
        try:
            if run(c, method=True) == res:
                entry['method'] = True
        except Exception:  # noqa: BLE001 - no such method form
            pass
    cases.append(entry)


def fix(v):
    # dtype arguments (only torch.float32 here) as their name
    if isinstance(v, torch.dtype):
        return 'float32'
    if isinstance(v, float) and v != v or v in (float('inf'), float('-inf')):
        return str(v)
    if isinstance(v, list):
        return [fix(e) for e in v]
    if isinstance(v, dict):
        return {k: fix(e) for k, e in v.items()}
    return v


print(f'{len(cases)} cases', file=sys.stderr)
print(json.dumps({'inputs': {k: enc(v, 7) for k, v in inputs.items()}, 'cases': fix(cases)}, separators=(',', ':')))
