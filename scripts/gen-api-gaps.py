# Fixture for test/api-gaps.test.ts: PyTorch 1.13's public names that tocha lacked (the torch-level forms of nn
# functions, the torch.X_ in-place functions, the utilities, the global flags and the Tensor methods), and the lists of
# public names of torch and torch.Tensor, so test/api-gaps.test.ts can tell every one is either in tocha or excluded with
# a reason.
# Run: /usr/bin/python3 scripts/gen-api-gaps.py > test/fixtures/api-gaps.json
#
# A case is an op ('name' for torch.name, '.name' for a Tensor method, 'linalg.name', 'F.name') and its arguments as
# JSON both sides read: '@x' input x as a new leaf that requires grad, '=x' a fresh copy of input x, {'t': enc} a literal
# tensor, {'dtype': name}, {'size': [...]} a torch.Size, {'gen': seed} a new Generator seeded so, {'fn': name} one of
# the callables below; anything else a literal. `kw` holds keyword arguments (tocha's trailing options object), `seed`
# a torch.manual_seed before the call, `after` the arguments whose state to record after the call (in-place ops).
# Recorded: the result (tensors encoded; tuples as lists; torch.Size as {'size'}; numbers, booleans, strings), the
# requires_grad and grad_fn names of its tensors, whether it is its first argument (in-place), and what `after` names;
# or the error's type and message; and the warnings it gave.
import json, math, sys, warnings
import torch
import torch.nn.functional as F
from pyfixture import enc

torch.manual_seed(0)
R = lambda *s: torch.randn(*s)
U = lambda *s: torch.rand(*s)
inputs = {
    'x': R(3, 4), 'y': R(3, 4), 'v': R(4), 'w': R(4), 'v3': R(3), 's': torch.tensor(0.75), 'p': U(3, 4) + 0.5,
    'u': U(3, 4) * 1.8 - 0.9, 'big': U(3, 4) * 3 + 1.1, 'prob': U(3, 4) * 0.8 + 0.1, 'x3': R(3, 3), 'b3': R(2, 3, 4),
    'sig': R(1, 2, 8), 'img': R(1, 2, 6, 6), 'vol': R(1, 2, 4, 4, 4), 'img4': R(1, 4, 3, 3), 'wc1': R(3, 2, 3),
    'wt1': R(2, 3, 3), 'wc2': R(3, 2, 3, 3), 'wt2': R(2, 3, 3, 3), 'wc3': R(2, 2, 2, 2, 2), 'b3c': R(3), 'b2c': R(2),
    'wb': R(2, 4, 4), 'emb': R(5, 3), 'theta': R(1, 2, 3), 'theta3': R(1, 3, 4), 'grid': U(1, 4, 4, 2) * 1.6 - 0.8,
    'grid3': U(1, 2, 2, 2, 3) * 1.6 - 0.8, 'w1': torch.tensor([0.25]), 'rm': torch.zeros(4), 'rv': torch.ones(4),
    'rm2': torch.zeros(2), 'rv2': torch.ones(2), 'seq': R(5, 2, 4), 'tbc': R(5, 2, 3), 'wtbc': R(3, 3, 4), 'btbc': R(4),
    'lp': torch.log_softmax(R(6, 2, 4), 2), 'x1': R(1, 3),
    'lab': torch.tensor([0, 3, 1]), 'idx': torch.tensor([0, 2, 1]), 'xi': torch.randint(0, 4, (3, 4)),
    'bag': torch.tensor([0, 2, 1, 4, 3]), 'offs': torch.tensor([0, 2, 2]), 'mask': R(3, 4) > 0,
    'bin': torch.randint(0, 2, (3, 4)).float(), 'pm1': torch.randint(0, 2, (3, 4)).float() * 2 - 1,
    'sgn3': torch.tensor([1.0, -1.0, 1.0]), 'sgn4': torch.tensor([1.0, -1.0, -1.0, 1.0]), 'tgt': torch.tensor([[1, 2], [3, 3]]),
    'hist': torch.tensor([1.0, 2.0, 1.0, 4.0, 2.5, -1.0, 7.0]), 'pts': R(6, 2), 'hw': U(7), 'edges': torch.tensor([-1.0, 0.0, 2.0, 5.0]),
    'sq': None, 'i3': torch.tensor([1, 2, 3]), 'f3': torch.tensor([1.5, -2.0, 0.5]), 'z0': torch.tensor(2.5),
    'seg': torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), 'segl': torch.tensor([2, 0, 3, 1]), 'sego': torch.tensor([0, 2, 2, 5, 6]),
    'ir': torch.tensor([0, 2, 0]), 'coords': torch.tensor([0.0, 1.0, 1.5, 3.5]), 'xg': R(4, 5),
    'ints': torch.tensor([[1, 2], [3, 4]]), 'bools': torch.tensor([True, False, True]),
}
m = R(3, 3)
inputs['sq'] = m @ m.t() + 3 * torch.eye(3)
for k, t in inputs.items():
    if t.is_floating_point():
        inputs[k] = torch.tensor([float('%.7g' % e) for e in t.flatten().tolist()]).reshape(t.shape)

FNS = {
    'double': lambda v: v * 2,
    'scale17': lambda v: v * 1.7,
    'add': lambda a, b: a + b,
    'fma': lambda a, b, c: a + b * c,
    'neg_if': lambda v: not v,
}

CASES = []


def C(op, *args, kw=None, seed=None, after=None, tol=None, id=None, warn=False):
    CASES.append({'op': op, 'args': list(args), 'kw': kw or {}, 'seed': seed, 'after': after, 'tol': tol, 'id': id, 'warn': warn})


# ---------------------------------------------------------------- torch-level forms of nn functions
C('conv1d', '@sig', '@wc1', '@b3c'); C('conv1d', '@sig', '@wc1', None, 2, 1); C('conv1d', '@sig', '@wc1', kw={'padding': 'same'})
C('conv2d', '@img', '@wc2', '@b3c', 2, 1); C('conv3d', '@vol', '@wc3', '@b2c'); C('conv_transpose1d', '@sig', '@wt1', '@b3c', 2)
C('conv_transpose2d', '@img', '@wt2', None, 2, 1, 1); C('conv_tbc', '@tbc', '@wtbc', '@btbc', 1)
C('convolution', '@sig', '@wc1', '@b3c', [1], [1], [1], False, [0], 1)
C('convolution', '@img', '@wc2', None, [2, 1], [1, 0], [1, 1], False, [0, 0], 1)
C('convolution', '@img', '@wt2', '@b3c', [2], [1], [1], True, [1], 1)
C('convolution', '@sig', '@wc1', None, [1], [0], [1], False)
C('max_pool1d', '@sig', 2); C('max_pool2d', '@img', 3, 2, 1); C('max_pool2d', '@img', [2, 3], [], 0, 1, True); C('max_pool3d', '@vol', 2)
C('max_pool1d_with_indices', '@sig', 3, 2); C('avg_pool1d', '@sig', 3, 2, 1, False, False); C('adaptive_avg_pool1d', '@sig', 3)
C('adaptive_max_pool1d', '@sig', 3); C('max_pool2d', '@img', 2, kw={'return_indices': True})
C('batch_norm', '@x', '@v', '@w', '=rm', '=rv', True, 0.1, 1e-5, False, after=[3, 4])
C('batch_norm', '@x', None, None, '=rm', '=rv', False, 0.1, 1e-5, False)
C('batch_norm', '@x1', None, None, None, None, True, 0.1, 1e-5, False, id='batch_norm one value per channel')
C('batch_norm', '@x', None, None, None, None, False, 0.1, 1e-5, False, id='batch_norm eval without stats')
C('batch_norm', '@x', id='batch_norm missing arguments')
C('layer_norm', '@x', [4]); C('layer_norm', '@b3', [3, 4], None, None, 1e-3); C('layer_norm', '@x', [4], '@v', '@w', kw={'eps': 0.1})
C('group_norm', '@img', 2, '@b2c', '@b2c'); C('group_norm', '@img4', 2)
C('instance_norm', '@img', None, None, '=rm2', '=rv2', True, 0.1, 1e-5, False, after=[3, 4])
C('instance_norm', '@img', '@b2c', '@b2c', '=rm2', '=rv2', False, 0.1, 1e-5, False)
C('instance_norm', {'t': enc(R(2, 3, 1))}, None, None, None, None, True, 0.1, 1e-5, False, id='instance_norm one spatial element', tol=1e-4)
C('embedding', '@emb', '=idx'); C('embedding', '@emb', '=idx', 2); C('embedding', '@emb', '=tgt', -1, True)
C('embedding', '@emb', '=idx', 'a', id='embedding padding_idx type')
for mode in [0, 1, 2]:
    C('embedding_bag', '@emb', '=bag', '=offs', False, mode)
    C('embedding_bag', '@emb', '=bag', '=offs', False, mode, False, None, False, 2)
C('embedding_bag', '@emb', '=bag', {'t': enc(torch.tensor([0, 2, 2, 5]))}, False, 1, False, None, True)
C('embedding_bag', '@emb', '=bag', '=offs', False, 0, False, {'t': enc(U(5))})
C('embedding_renorm_', '=emb', '=idx', 1.0, 2.0, after=[0])
C('dropout', '@x', 0.5, True, seed=1); C('dropout', '@x', 0.5, False); C('dropout', '@x', 1.0, True); C('dropout', '@x', 1.5, True)
C('dropout_', '=x', 0.3, True, seed=2, after=[0]); C('feature_dropout', '@img', 0.5, True, seed=3); C('feature_dropout_', '=img', 0.5, True, seed=3, after=[0])
C('feature_dropout', '@v', 0.5, True, seed=3, id='feature_dropout 1-D')
C('alpha_dropout', '@x', 0.4, True, seed=4); C('alpha_dropout_', '=x', 0.4, True, seed=4, after=[0]); C('alpha_dropout', '@x', 0.4, False)
C('feature_alpha_dropout', '@img', 0.5, True, seed=5); C('feature_alpha_dropout_', '=img', 0.5, True, seed=5, after=[0])
C('dropout', '@x', 0.5, id='dropout missing train')
C('bilinear', '@x', '@y', '@wb', '@b2c'); C('pixel_shuffle', '@img4', 2); C('pixel_unshuffle', '@img', 2)
C('channel_shuffle', '=img4', 2); C('native_channel_shuffle', '=img4', 2)
C('cosine_similarity', '@x', '@y'); C('cosine_similarity', '@x', '@y', 0, 1e-3); C('pairwise_distance', '@x', '@y', 1.5, 1e-6, True)
C('pdist', '@x'); C('pdist', '@x', 1)
for r in [None, 0, 1, 2]:
    extra = [] if r is None else [r]
    C('kl_div', '@x', '@prob', *extra)
    C('margin_ranking_loss', '@v', '@w', '=sgn4', 0.2, *extra)
    C('hinge_embedding_loss', '@x', '=pm1', 1.0, *extra)
    C('cosine_embedding_loss', '@x', '@y', '=sgn3', 0.1, *extra)
    C('triplet_margin_loss', '@x', '@y', '@prob', 1.0, 2.0, 1e-6, False, *extra)
    C('binary_cross_entropy_with_logits', '@x', '=bin', None, None, *extra)
    C('ctc_loss', '@lp', '=tgt', [6, 5], [2, 2], 0, *extra)
C('kl_div', '@x', '@y', 1, kw={'log_target': True}); C('kl_div', '@x', '@prob', 'mean', id='kl_div reduction as str')
C('kl_div', '@x', '@prob', 3, id='kl_div reduction 3')
C('poisson_nll_loss', '@x', '@prob', True, False, 1e-8, 1); C('poisson_nll_loss', '@prob', '=bin', False, True, 1e-8, 0)
C('poisson_nll_loss', '@x', '@prob', id='poisson_nll_loss missing arguments')
C('binary_cross_entropy_with_logits', '@x', '=bin', '=prob', '=v', 2)
C('triplet_margin_loss', '@x', '@y', '@prob', kw={'swap': True, 'reduction': 1})
C('ctc_loss', '@lp', '=tgt', {'t': enc(torch.tensor([6, 5]))}, {'t': enc(torch.tensor([2, 1]))}, 0, 2, True)
C('celu', '@x'); C('celu', '@x', 2.0); C('selu', '@x'); C('selu', '@x', 1, id='selu extra argument')
C('celu_', '=x', 1.5, after=[0]); C('selu_', '=x', after=[0]); C('relu_', '=x', after=[0])
C('threshold', '@x', 0.1, 20.0); C('threshold_', '=x', 0.1, 20.0, after=[0]); C('threshold', '@x', 0.1, 2.0, 3.0, id='threshold extra argument')
C('rrelu', '@x'); C('rrelu', '@x', 0.1, 0.3, True, seed=6); C('rrelu', '@x', 0.1, 0.3, True, {'gen': 7})
C('rrelu_', '=x', 0.1, 0.3, True, seed=8, after=[0])
C('constant_pad_nd', '@x', [1, 2]); C('constant_pad_nd', '@img', [1, 1, 0, 2], 0.5); C('constant_pad_nd', '@x', [-1, 1])
C('constant_pad_nd', '@x', [1, 2, 3])
C('grid_sampler', '@img', '@grid', 0, 0, False); C('grid_sampler', '@img', '@grid', 1, 2, True)
C('grid_sampler', '@img', '@grid', 2, 1, False); C('grid_sampler_2d', '@img', '@grid', 0, 1, True)
C('grid_sampler_3d', '@vol', '@grid3', 0, 0, False); C('grid_sampler_3d', '@img', '@grid', 0, 0, False, id='grid_sampler_3d on 4-D input')
C('affine_grid_generator', '@theta', [1, 2, 4, 5], False); C('affine_grid_generator', '@theta3', [1, 2, 2, 3, 4], True)
C('hardshrink', '@x', 0.6); C('prelu', '@x', '@w1')

# ---------------------------------------------------------------- torch.X_ in-place functions
DOMAIN = {'acos_': 'u', 'arccos_': 'u', 'asin_': 'u', 'arcsin_': 'u', 'atanh_': 'u', 'arctanh_': 'u', 'acosh_': 'big',
          'arccosh_': 'big', 'log_': 'p', 'log10_': 'p', 'log1p_': 'p', 'log2_': 'p', 'sqrt_': 'p', 'rsqrt_': 'p',
          'reciprocal_': 'p', 'logit_': 'prob'}
for n in ['abs_', 'acos_', 'acosh_', 'arccos_', 'arccosh_', 'arcsin_', 'arcsinh_', 'arctan_', 'arctanh_', 'asin_', 'asinh_',
          'atan_', 'atanh_', 'ceil_', 'cos_', 'cosh_', 'deg2rad_', 'erf_', 'erfc_', 'exp2_', 'exp_', 'expm1_', 'fix_', 'floor_',
          'frac_', 'i0_', 'log10_', 'log1p_', 'log2_', 'log_', 'logit_', 'neg_', 'negative_', 'rad2deg_', 'reciprocal_',
          'round_', 'rsqrt_', 'sigmoid_', 'sin_', 'sinc_', 'sinh_', 'sqrt_', 'square_', 'tan_', 'tanh_', 'trunc_', 'zero_',
          'detach_', 'conj_physical_', 'nan_to_num_']:
    C(n, '=' + DOMAIN.get(n, 'x'), after=[0])
C('round_', '=x', kw={'decimals': 1}, after=[0]); C('logit_', '=prob', 0.2, after=[0])
C('clamp_', '=x', -0.5, 0.5, after=[0]); C('clamp_', '=x', kw={'min': 0.1}, after=[0]); C('clip_', '=x', -0.2, 0.3, after=[0])
C('clamp_min_', '=x', 0.1, after=[0]); C('clamp_max_', '=x', 0.1, after=[0]); C('fill_', '=x', 2.5, after=[0])
C('fill_', '=x', {'t': enc(torch.tensor(1.5))}, after=[0]); C('xlogy_', '=x', '=p', after=[0]); C('xlogy_', '=x', 2.0, after=[0])
C('gcd_', '=ints', {'t': enc(torch.tensor([[4, 6], [9, 8]]))}, after=[0]); C('lcm_', '=ints', {'t': enc(torch.tensor([[4, 6], [9, 8]]))}, after=[0])
C('ldexp_', '=x', '=xi', after=[0]); C('addmv_', '=v3', '=x', '=v', kw={'beta': 0.5, 'alpha': 2}, after=[0])
C('index_put_', '=x', ['=idx'], '=v', after=[0]); C('index_put_', '=x', ['=idx'], '=v', True, after=[0])
C('exp_', '@x', id='exp_ on a leaf that requires grad')

# ---------------------------------------------------------------- utilities
C('atleast_1d', '@s'); C('atleast_1d', '@v'); C('atleast_1d', ['@s', '@v']); C('atleast_1d', '@s', '@x')
C('atleast_2d', '@s'); C('atleast_2d', '@v'); C('atleast_2d', '@x'); C('atleast_3d', '@s'); C('atleast_3d', '@v'); C('atleast_3d', '@x')
C('atleast_3d', '@b3'); C('atleast_2d', ['@v', '@x'])
C('broadcast_shapes', [2], [3, 1], [1, 1, 1]); C('broadcast_shapes', 4, [2, 1]); C('broadcast_shapes', [2], [3])
C('broadcast_shapes', [-1], [3]); C('broadcast_shapes'); C('row_stack', ['@x', '@y']); C('row_stack', ['@v', '@w'])
C('scalar_tensor', 3); C('scalar_tensor', 2.5); C('scalar_tensor', True); C('scalar_tensor', 3, kw={'dtype': {'dtype': 'int64'}})
C('range', 1, 4, warn=True); C('range', 0, 1, 0.3); C('range', 0.5, 2.1, 0.4); C('range', 1, 4, kw={'dtype': {'dtype': 'int64'}})
C('range', 5, 1, -1.5); C('range', 1, 0); C('range', 0, 1, 0); C('range', 10, 0, -3, kw={'dtype': {'dtype': 'int64'}})
C('empty_strided', [2, 3], [1, 2], id='empty_strided')
C('as_strided', '@x', [2, 2], [1, 2]); C('as_strided', '@x', [2, 2], [4, 1], 5); C('as_strided', '@x', [3, 3], [1, 1])
C('as_strided', '@x', [4, 4], [4, 1]); C('as_strided', '@x', [2], [1], 11); C('as_strided', '@x', [2], [-1])
C('as_strided_scatter', '@x', {'t': enc(R(2, 2))}, [2, 2], [1, 4], 1); C('as_strided_scatter', '@v', '@v3', [3], [1])
C('as_strided_scatter', '@x', '@v', [2, 2], [1, 4], 1, id='as_strided_scatter wrong size')
C('as_strided_', '=x', [2, 3], [3, 1], 2, after=[0])
C('float_power', '@x', 2); C('float_power', '@p', 0.1); C('float_power', '@p', '@y'); C('float_power', 2.5, '@x')
C('float_power', '=i3', 2); C('float_power', '=i3', -1); C('float_power', '@x', 0); C('float_power', '=x', '=xi')
C('float_power', 0, '=x')
C('gradient', '=xg'); C('gradient', '=xg', kw={'spacing': 2.0}); C('gradient', '=xg', kw={'dim': 1}); C('gradient', '=xg', kw={'dim': [1], 'edge_order': 2})
C('gradient', '=xg', kw={'spacing': [0.5, 2.0]}); C('gradient', '=xg', kw={'spacing': ['=coords'], 'dim': 0})
C('gradient', '=xg', kw={'spacing': ['=coords'], 'dim': 0, 'edge_order': 2}); C('gradient', '=v', kw={'edge_order': 2})
C('gradient', '=i3'); C('gradient', '=xg', kw={'edge_order': 3}); C('gradient', '=xg', kw={'spacing': [1.0, 2.0, 3.0]})
C('gradient', {'t': enc(R(2, 5))}, kw={'edge_order': 2}); C('gradient', '=xg', kw={'dim': [0, 0]})
C('gradient', '@xg', kw={'spacing': 0.5})
C('histogram', '=hist', 3); C('histogram', '=hist', 4, kw={'range': [0.0, 4.0]}); C('histogram', '=hist', '=edges')
C('histogram', '=hist', 3, kw={'weight': '=hw', 'density': True}); C('histogram', '=hist', kw={'density': True})
C('histogram', {'t': enc(torch.tensor([2.0, 2.0]))}, 2); C('histogram', '=i3', 2); C('histogram', '=hist', 3, kw={'range': [4.0, 0.0]})
C('histogram', {'t': enc(torch.tensor([0.1, float('nan'), 0.9, 0.5]))}, 2)
C('histogramdd', '=pts', [2, 3]); C('histogramdd', '=pts', 2, kw={'range': [-1.0, 1.0, -1.0, 1.0], 'density': True})
C('histogramdd', '=pts', ['=edges', {'t': enc(torch.tensor([-2.0, 0.0, 2.0]))}]); C('histogramdd', '=pts', [2, 2], kw={'weight': {'t': enc(U(6))}})
C('vander', '@f3'); C('vander', '@f3', 4); C('vander', '@f3', None, True); C('vander', '=i3'); C('vander', '=i3', 2, True)
C('vander', '@f3', 0); C('vander', '@f3', 1); C('vander', '=x'); C('vander', '@f3', -1)
C('linalg.vander', '@f3'); C('linalg.vander', '@b3', kw={'N': 3}); C('linalg.vander', '=i3'); C('linalg.vander', '@z0', kw={'N': 2})
C('linalg.vander', '@f3', kw={'N': 1})
for n in ['bartlett_window', 'blackman_window', 'hamming_window', 'hann_window', 'kaiser_window']:
    C(n, 7, tol=2e-6); C(n, 6, False, tol=2e-6); C(n, 1); C(n, 0); C(n, -1); C(n, 5, kw={'dtype': {'dtype': 'int64'}})
C('hamming_window', 8, True, 0.5, 0.3, tol=2e-6); C('kaiser_window', 9, False, 5.0, tol=2e-6); C('kaiser_window', 16, tol=2e-6)
C('hann_window', 16, kw={'periodic': False}, tol=2e-6)
C('fill', '@x', 2.0); C('fill', '@x', '@s'); C('fill', '=ints', 1.7)
C('put', '@x', '=idx', '@v3'); C('put', '@x', {'t': enc(torch.tensor([0, -1, 0]))}, '@v3', True)
C('put', '@x', {'t': enc(torch.tensor([0, 12]))}, {'t': enc(torch.tensor([1.0, 2.0]))})
C('put', '@x', '=idx', {'t': enc(torch.tensor([1.0, 2.0]))})
C('index_reduce', '@x', 0, '=ir', '@y', 'prod', warn=True); C('index_reduce', '@x', 0, '=ir', '@y', 'mean')
C('index_reduce', '@x', 1, {'t': enc(torch.tensor([3, 0, 3, 1]))}, '@y', 'amax'); C('index_reduce', '@x', 0, '=ir', '@y', 'amin', kw={'include_self': False})
C('index_reduce', '@x', 0, '=ir', '@y', 'sum')
C('segment_reduce', '@seg', 'sum', kw={'lengths': '=segl'}); C('segment_reduce', '@seg', 'mean', kw={'lengths': '=segl'})
C('segment_reduce', '@seg', 'max', kw={'lengths': '=segl'}); C('segment_reduce', '@seg', 'min', kw={'offsets': '=sego'})
C('segment_reduce', '@seg', 'prod', kw={'lengths': '=segl', 'initial': 2.0}); C('segment_reduce', '@seg', 'mean', kw={'lengths': '=segl', 'initial': 1.0})
C('segment_reduce', '@seg', 'max', kw={'lengths': '=segl', 'initial': 3.5})
C('segment_reduce', {'t': enc(R(6, 2))}, 'sum', kw={'lengths': '=segl'})
C('asarray', [1, 2, 3]); C('asarray', [[1.5, 2], [3, 4]]); C('asarray', '=x'); C('asarray', '=x', kw={'dtype': {'dtype': 'int64'}})
C('asarray', '=ints', kw={'dtype': {'dtype': 'float32'}, 'copy': False}); C('asarray', [True, False])
C('asarray', '@x', kw={'copy': True}); C('asarray', '@x'); C('asarray', '=x', kw={'requires_grad': True})
C('typename', '=x'); C('typename', '=ints'); C('typename', 1); C('typename', 1.5); C('typename', 'a'); C('typename', None)
C('typename', [1]); C('typename', True)
C('detach', '@x'); C('is_signed', '=x'); C('is_signed', '=bools'); C('is_same_size', '=x', '=y'); C('is_same_size', '=x', '=v')
C('is_inference', '=x'); C('is_conj', '=x'); C('is_neg', '=x'); C('get_device', '=x'); C('is_distributed', '=x')
C('narrow_copy', '@x', 1, 1, 2); C('unsafe_split_with_sizes', '@x', [1, 3], 1); C('resize_as_', '=x', '=v', after=[0])
C('frobenius_norm', '@x'); C('frobenius_norm', '@x', [1]); C('frobenius_norm', '@x', [1], True); C('nuclear_norm', '@x')
C('nuclear_norm', '@b3', [1, 2]); C('nuclear_norm', '@x', True); C('norm_except_dim', '@b3', 2, 0); C('norm_except_dim', '@b3', 3, 1)
C('norm_except_dim', '@b3', 2, 2); C('norm_except_dim', '@b3', 2, -1)
C('symeig', '@sq', True, warn=True); C('symeig', '@sq'); C('symeig', '@sq', True, False)
C('solve', '=sq', '=sq'); C('lstsq', '=sq', '=sq'); C('eig', '=sq'); C('matrix_rank', '=sq')
C('set_flush_denormal', True); C('is_vulkan_available'); C('is_storage', '=x'); C('is_anomaly_check_nan_enabled')
C('BoolTensor', [1, 0, 2])
# spmm on dense matrices (tocha has no sparse tensors): mm's product, node and messages
C('spmm', '@sq', '@x'); C('spmm', '@v', '@x'); C('spmm', '@x', '@x'); C('spmm', 1, '=x')

# ---------------------------------------------------------------- Tensor methods
C('.bernoulli', '=prob', seed=9); C('.bernoulli', '=prob', 0.3, seed=9); C('.bernoulli', '=x', 0.7, kw={'generator': {'gen': 3}})
C('.bernoulli', '=xi', id='.bernoulli of int64'); C('bernoulli', '=x', 0.25, seed=10)
C('.log_normal_', '=x', seed=11, after=[0]); C('.log_normal_', '=x', 0.5, 0.25, seed=11, after=[0])
C('.log_normal_', {'t': enc(torch.zeros(40))}, seed=12, after=[0]); C('.log_normal_', '=xi'); C('.log_normal_', '=x', 1, -1)
C('.geometric_', '=x', 0.3, seed=13, after=[0]); C('.geometric_', '=xi', 0.6, seed=13, after=[0]); C('.geometric_', '=x', 1.5)
C('.geometric_', {'t': enc(torch.zeros(30))}, 0.05, kw={'generator': {'gen': 4}}, after=[0])
C('.float_power', '@x', 3); C('.float_power_', '=x', 2)
C('.hardshrink', '@x'); C('.prelu', '@x', '@w1'); C('.histogram', '=hist', 3)
C('.index_reduce', '@x', 0, '=ir', '@y', 'amax'); C('.index_reduce_', '=x', 0, '=ir', '=y', 'prod', after=[0])
C('.put', '@x', '=idx', '@v3'); C('.put_', '=x', '=idx', '=v3', after=[0]); C('.put_', '=x', '=idx', '=v3', True, after=[0])
C('.as_strided', '@x', [2, 2], [1, 2]); C('.as_strided_scatter', '@x', {'t': enc(R(2, 2))}, [2, 2], [1, 4])
C('.unsqueeze_', '=x', 1, after=[0]); C('.squeeze_', {'t': enc(R(1, 3, 1))}, after=[0]); C('.squeeze_', {'t': enc(R(1, 3, 1))}, 2, after=[0])
C('.transpose_', '=b3', 0, 2, after=[0]); C('.t_', '=x', after=[0]); C('.swapaxes_', '=x', 0, 1, after=[0]); C('.swapdims_', '=b3', 1, 2, after=[0])
C('.t_', '=b3'); C('.unsqueeze_', '=x', 5)
C('.new', '=x', 2, 3, id='.new sizes'); C('.new', '=x', [1, 2]); C('.new', '=x'); C('.new', '=ints', [1.5, 2])
C('.new', '=x', {'size': [2]}, id='.new torch.Size'); C('.new', '=x', '=i3'); C('.new', '=x', 2, 3.5)
C('.new_empty_strided', '=x', [2, 3], [1, 2], id='.new_empty_strided')
C('.resize_', '=x', 2, 6, after=[0]); C('.resize_', '=x', [4], after=[0]); C('.resize_', '@x', 3); C('.resize_as_', '=x', '=w', after=[0])
C('.resize', '@x', 4, 3, warn=True); C('.resize', '@x', 2, 2); C('.resize_as', '@x', '=b3')
C('.apply_', '=x', {'fn': 'double'}, after=[0]); C('.apply_', '=ints', {'fn': 'scale17'}, after=[0]); C('.apply_', '@x', {'fn': 'double'})
C('.apply_', '=bools', {'fn': 'neg_if'}, after=[0])
C('.map_', '=x', '=v', {'fn': 'add'}, after=[0]); C('.map_', '=x', '=v3', {'fn': 'add'}); C('.map2_', '=x', '=v', '=y', {'fn': 'fma'}, after=[0])
C('.get_device', '=x'); C('.is_pinned', '=x'); C('.is_shared', '=x'); C('.is_set_to', '=x', '=x'); C('.has_names', '=x')
C('.is_distributed', '=x'); C('.pin_memory', '=x'); C('.cuda', '=x'); C('.xpu', '=x'); C('.ipu', '=x')
for n in ['half', 'bfloat16', 'byte', 'char', 'short', 'cfloat', 'cdouble', 'chalf']:
    C('.' + n, '=x')
C('.symeig', '@sq', True); C('.lstsq', '=sq', '=sq'); C('.solve', '=sq', '=sq'); C('.eig', '=sq'); C('.reinforce', '=x', 1)
C('.storage_type', '=x'); C('.storage_type', '=ints'); C('.storage_type', '=bools')
for attr in ['layout', 'output_nr', 'names', 'name', 'is_xpu', 'is_ipu', 'is_mps', 'is_vulkan', 'is_ort', 'is_mkldnn', 'is_nested',
             'is_sparse_csr', 'volatile']:
    C('.' + attr, '=x', warn=attr == 'volatile')
C('.conj_physical_', '=x', after=[0])


# ---------------------------------------------------------------- running them
def resolve(op):
    if op.startswith('.'):
        return None
    for p, mod in [('F.', F), ('linalg.', torch.linalg)]:
        if op.startswith(p):
            return getattr(mod, op[len(p):])
    return getattr(torch, op)


def materialize(v, leaves):
    if isinstance(v, str) and v[:1] in '@=' and v[1:] in inputs:
        t = inputs[v[1:]].clone()
        if v[0] == '@':
            t.requires_grad_()
            leaves.append(t)
        return t
    if isinstance(v, dict):
        if 't' in v:
            e = v['t']
            return torch.tensor([float(d) if isinstance(d, str) else d for d in e['data']],
                                dtype={'float32': torch.float32, 'int64': torch.int64, 'bool': torch.bool}[e['dtype']]).reshape(e['shape'])
        if 'dtype' in v:
            return {'float32': torch.float32, 'int64': torch.int64, 'bool': torch.bool}[v['dtype']]
        if 'size' in v:
            return torch.Size(v['size'])
        if 'gen' in v:
            return torch.Generator().manual_seed(v['gen'])
        if 'fn' in v:
            return FNS[v['fn']]
        return {k: materialize(e, leaves) for k, e in v.items()}
    if isinstance(v, list):
        return [materialize(e, leaves) for e in v]
    return v


def encode(r):
    if isinstance(r, torch.Tensor):
        if r.dtype not in (torch.float32, torch.int64, torch.bool):
            return {'dtype_name': str(r.dtype)}
        return {'tensor': enc(r.float() if r.dtype == torch.float64 else r)}
    if isinstance(r, torch.Size):
        return {'size': list(r)}
    if isinstance(r, torch.dtype):
        return {'dtype': str(r)}
    if isinstance(r, torch.layout):
        return {'layout': str(r)}
    if isinstance(r, type):
        return {'class': r.__name__}
    if isinstance(r, (list, tuple)):
        return [encode(e) for e in r]
    if isinstance(r, float) and (r != r or r in (float('inf'), float('-inf'))):
        return {'float': str(r)}
    if r is None or isinstance(r, (bool, int, float, str)):
        return r
    return {'repr': repr(r)}


def tensors_of(r):
    if isinstance(r, torch.Tensor):
        return [r]
    if isinstance(r, (list, tuple)):
        return [t for e in r for t in tensors_of(e)]
    return []


def run(c):
    if c['seed'] is not None:
        torch.manual_seed(c['seed'])
    leaves = []
    args = [materialize(a, leaves) for a in c['args']]
    kw = {k: materialize(v, leaves) for k, v in c['kw'].items()}
    res = {}
    with warnings.catch_warnings(record=True) as wl:
        warnings.simplefilter('always')
        try:
            op = c['op']
            if op.startswith('.'):
                attr = getattr(args[0], op[1:])
                r = attr(*args[1:], **kw) if callable(attr) else attr
            else:
                r = resolve(op)(*args, **kw)
        except Exception as e:  # noqa: BLE001 - PyTorch's message is the point
            msg = str(e)
            if 'Could not run' in msg or 'dispatch' in msg:
                msg = msg.split('\n')[0]
            res['error'] = {'type': type(e).__name__, 'message': msg}
            r = None
        if c['warn']:
            res['warnings'] = [str(w.message) for w in wl]
    if 'error' in res:
        return res
    res['out'] = encode(r)
    ts = tensors_of(r)
    res['rg'] = [t.requires_grad for t in ts]
    res['node'] = [type(t.grad_fn).__name__ if t.grad_fn else None for t in ts]
    if args and isinstance(args[0], torch.Tensor) and r is args[0]:
        res['same'] = True
    if c['after']:
        res['after_vals'] = [encode(args[i]) for i in c['after']]
        if isinstance(args[0], torch.Tensor):
            res['version'] = args[0]._version
            res['stride'] = list(args[0].stride())
            res['offset'] = args[0].storage_offset()
    return res


out_cases = []
seen = {}
for c in CASES:
    n = seen.get(c['op'], 0) + 1
    seen[c['op']] = n
    cid = c['id'] or (c['op'] if n == 1 else f"{c['op']}#{n}")
    entry = {'id': cid, 'op': c['op'], 'args': c['args']}
    for k in ['kw', 'seed', 'after', 'tol', 'warn']:
        if c[k]:
            entry[k] = c[k]
    entry.update(run(c))
    out_cases.append(entry)

# ---------------------------------------------------------------- sequences: flags, storages, in-place views


def message(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001
        return {'type': type(e).__name__, 'message': str(e)}
    return None


seq = {}
seq['deterministic'] = [torch.are_deterministic_algorithms_enabled(), torch.is_deterministic_algorithms_warn_only_enabled(),
                        torch.get_deterministic_debug_mode()]
torch.use_deterministic_algorithms(True)
seq['deterministic'] += [torch.are_deterministic_algorithms_enabled(), torch.get_deterministic_debug_mode()]
torch.use_deterministic_algorithms(True, warn_only=True)
seq['deterministic'] += [torch.is_deterministic_algorithms_warn_only_enabled(), torch.get_deterministic_debug_mode()]
torch.set_deterministic_debug_mode('error')
seq['deterministic'] += [torch.get_deterministic_debug_mode(), torch.is_deterministic_algorithms_warn_only_enabled()]
torch.set_deterministic_debug_mode(0)
seq['deterministic'] += [torch.get_deterministic_debug_mode(), torch.are_deterministic_algorithms_enabled()]
seq['debug mode errors'] = [message(lambda: torch.set_deterministic_debug_mode('foo')), message(lambda: torch.set_deterministic_debug_mode(3)),
                            message(lambda: torch.set_deterministic_debug_mode([1])), message(lambda: torch.use_deterministic_algorithms(1))]
seq['warn always'] = [torch.is_warn_always_enabled()]
torch.set_warn_always(True)
seq['warn always'].append(torch.is_warn_always_enabled())
torch.set_warn_always(False)
seq['warn always'].append(torch.is_warn_always_enabled())
seq['autocast'] = [torch.is_autocast_enabled(), torch.is_autocast_cpu_enabled(), torch.is_autocast_cache_enabled()]
torch.set_autocast_enabled(True); torch.set_autocast_cpu_enabled(True); torch.set_autocast_cache_enabled(False)
seq['autocast'] += [torch.is_autocast_enabled(), torch.is_autocast_cpu_enabled(), torch.is_autocast_cache_enabled()]
torch.set_autocast_enabled(False); torch.set_autocast_cpu_enabled(False); torch.set_autocast_cache_enabled(True)
seq['autocast'] += [torch.autocast_increment_nesting(), torch.autocast_increment_nesting(), torch.autocast_decrement_nesting(),
                    torch.autocast_decrement_nesting(), torch.clear_autocast_cache()]
seq['anomaly'] = [torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled()]
torch.set_anomaly_enabled(True, False)
seq['anomaly'] += [torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled()]
torch.set_anomaly_enabled(False)
seq['anomaly'] += [torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled()]
seq['default tensor type'] = [message(lambda: torch.set_default_tensor_type(torch.FloatTensor)),
                              message(lambda: torch.set_default_tensor_type('torch.FloatTensor')),
                              message(lambda: torch.set_default_tensor_type(torch.LongTensor)),
                              message(lambda: torch.set_default_tensor_type('torch.BoolTensor'))]
seq['interop'] = [message(lambda: torch.set_num_interop_threads(0))]
seq['constants'] = [math.e, math.pi]
seq['has'] = {k: getattr(torch, k) for k in ['has_cuda', 'has_cudnn', 'has_mps', 'has_mkldnn']}

# storages
st = {}
a = torch.arange(6.).view(2, 3)
s = a.storage()
st['float'] = {'repr': repr(s), 'size': s.size(), 'len': len(s), 'item': s[4], 'list': s.tolist(), 'element_size': s.element_size(),
               'nbytes': s.nbytes(), 'type': s.type()}
for name, t in [('long', torch.tensor([3, -1])), ('bool', torch.tensor([True, False])), ('half', torch.tensor([0.5, 1e-5, 1e20]))]:
    ss = t.storage()
    st[name] = {'repr': repr(ss), 'element_size': ss.element_size(), 'nbytes': ss.nbytes()}
v = a[1]
st['view'] = {'size': v.storage().size(), 'same data_ptr': v.storage().data_ptr() == a.storage().data_ptr(),
              'ptr offset': v.data_ptr() - a.data_ptr(), 'is_storage': torch.is_storage(s)}
st['share'] = [a.is_shared(), a.share_memory_() is a, a.is_shared()]
b = torch.zeros(3)
b.set_(a)
st['set_'] = {'shape': list(b.shape), 'is_set_to': b.is_set_to(a), 'ptr': b.data_ptr() == a.data_ptr()}
c = torch.zeros(3)
c.set_(a.storage(), 1, (2,), (2,))
st['set_ storage'] = enc(c)
d = torch.zeros(3)
d.set_()
st['set_ empty'] = list(d.shape)
r = torch.arange(4.)
rv = r[1:]
r.resize_(6)
st['resize_ grow'] = {'shape': list(r.shape), 'head': r[:4].tolist(), 'view sees': rv.data_ptr() == r.data_ptr() + 4}

# in-place view ops: history and gradients through them
iv = {}
xx = inputs['x'].clone().requires_grad_()
for name, f in [('unsqueeze_', lambda t: t.unsqueeze_(0)), ('t_', lambda t: t.t_()), ('transpose_', lambda t: t.transpose_(0, 1)),
                ('squeeze_', lambda t: t.unsqueeze(0).squeeze_(0)), ('as_strided_', lambda t: t.as_strided_([2, 2], [1, 2], 1)),
                ('swapdims_', lambda t: t.swapdims_(1, 0))]:
    xx.grad = None
    y = xx * 2
    z = f(y)
    go = torch.arange(float(z.numel())).reshape(z.shape)
    (z * go).sum().backward()
    iv[name] = {'node': type(z.grad_fn).__name__, 'shape': list(z.shape), 'grad': enc(xx.grad), 'version': y._version if z is y else None}
vb = inputs['x'].clone().requires_grad_() * 1
vv = vb[0]
vv.unsqueeze_(0)
iv['view'] = {'node': type(vv.grad_fn).__name__, 'is_view': vv._base is vb, 'shape': list(vv.shape)}
iv['leaf'] = message(lambda: torch.zeros(2, requires_grad=True).unsqueeze_(0))

print(json.dumps({
    'names': {'torch': sorted(n for n in dir(torch) if not n.startswith('_')),
              'tensor': sorted(n for n in dir(torch.Tensor) if not n.startswith('_'))},
    'inputs': {k: enc(t, 7) for k, t in inputs.items()},
    'cases': out_cases,
    'seq': seq,
    'storage': st,
    'inplace_views': iv,
}, separators=(',', ':'), default=str))
print(f'{len(out_cases)} cases', file=sys.stderr)
