# Fixture for test/positional.test.ts: PyTorch 1.13's results for calls that pass
# positional-or-keyword parameters by position (module reprs and attributes, reductions, sorting),
# and its TypeErrors for keyword-only or unknown arguments.
# Run: /usr/bin/python3 scripts/gen-positional.py > test/fixtures/positional.json
import inspect, json, warnings
import torch
from torch import nn

warnings.filterwarnings('ignore')
torch.manual_seed(0)

MODULES = [
    ('Conv2d', [1, 8, 3, 2, 1]), ('Conv1d', [1, 2, 3, 1, 1]), ('Conv2d', [2, 4, 3, 1, 0, 2, 2, False, 'reflect']),
    ('ConvTranspose2d', [8, 4, 3, 2, 1, 1]), ('ConvTranspose1d', [3, 5, 4, 2, 0, 0, 1, False, 1]),
    ('MaxPool2d', [3, 2, 1]), ('MaxPool1d', [3, 2, 1, 2, False, True]), ('AvgPool2d', [3, 2, 1, True, False]),
    ('AvgPool1d', [3, 2, 1]), ('AdaptiveMaxPool2d', [2, False]), ('Unfold', [2, 1, 0, 2]), ('Fold', [(4, 4), 2, 1, 0, 2]),
    ('Linear', [4, 3, False]), ('Bilinear', [2, 3, 4, False]), ('Embedding', [10, 3, 0, 1.0, 1.0, True]),
    ('LayerNorm', [8, 1e-3, False]), ('BatchNorm1d', [4, 1e-3]), ('BatchNorm1d', [4, 1e-3, 0.2, False, False]),
    ('BatchNorm2d', [4, 1e-5, None]), ('GroupNorm', [2, 4, 1e-3, False]), ('LocalResponseNorm', [2, 1e-3, 0.5, 2.0]),
    ('Dropout', [0.2, True]), ('Dropout2d', [0.3]), ('Flatten', [0, 2]), ('ReLU', [True]), ('Hardtanh', [-2.0, 2.0, True]),
    ('ReLU6', [True]), ('LeakyReLU', [0.2, True]), ('RReLU', [0.1, 0.3]), ('PReLU', [3, 0.1]), ('ELU', [0.5, True]),
    ('CELU', [2.0]), ('SELU', [True]), ('GELU', ['tanh']), ('SiLU', [True]), ('Mish', [True]), ('Softplus', [2, 10]),
    ('Hardshrink', [0.3]), ('Softshrink', [0.2]), ('Threshold', [0.1, 20.0, True]), ('GLU', [0]), ('Softmax', [1]),
    ('LogSoftmax', [0]), ('Softmin', [1]),
]
# Losses print no options: compare the attributes instead.
LOSSES = [
    ('CrossEntropyLoss', [None, None, 0, None, 'sum', 0.1], ['ignore_index', 'reduction', 'label_smoothing']),
    ('NLLLoss', [None, None, 3], ['ignore_index', 'reduction']),
    ('MSELoss', [None, False], ['reduction']), ('L1Loss', [False], ['reduction']),
    ('BCEWithLogitsLoss', [None, None, None, 'sum'], ['reduction']), ('BCELoss', [None, None, None, 'none'], ['reduction']),
    ('KLDivLoss', [None, None, 'batchmean', True], ['reduction', 'log_target']),
    ('MarginRankingLoss', [0.5, None, None, 'sum'], ['margin', 'reduction']),
    ('HingeEmbeddingLoss', [2.0], ['margin', 'reduction']), ('CosineEmbeddingLoss', [0.2], ['margin', 'reduction']),
    ('HuberLoss', ['sum', 2.0], ['reduction', 'delta']), ('SmoothL1Loss', [None, None, 'none', 0.5], ['reduction', 'beta']),
    ('MultiMarginLoss', [2, 0.5], ['p', 'margin', 'reduction']),
    ('TripletMarginLoss', [0.5, 1.0, 1e-3, True], ['margin', 'p', 'eps', 'swap', 'reduction']),
    ('PoissonNLLLoss', [False, True, None, 1e-3], ['log_input', 'full', 'eps', 'reduction']),
]

X = ((torch.arange(24) * 7 % 24).float() / 4 - 3).reshape(2, 3, 4)   # distinct values
XM = (torch.arange(24) * 7 % 5).float().reshape(2, 3, 4)              # repeats (mode)
OPS = [
    ('sum', [1, True]), ('sum', [[0, 2], True]), ('mean', [0, True]), ('prod', [1, True]), ('max', [1, True]),
    ('min', [2, True]), ('amax', [1, True]), ('amin', [[0, 1], True]), ('argmax', [1, True]), ('argmin', [2, True]),
    ('var', [1, False, True]), ('std', [0, True]), ('std', [0, False, True]), ('var', [False]), ('logsumexp', [1, True]),
    ('norm', [1, 2, True]), ('all', [1, True]), ('any', [2, True]), ('median', [1, True]), ('nanmedian', [0, True]),
    ('sort', [0, True]), ('argsort', [1, True]), ('topk', [1, 0]), ('topk', [2, 1, False]), ('kthvalue', [2, 2, True]),
    ('cumsum', [1]), ('cumprod', [0]), ('flatten', [1]), ('flatten', [0, 1]),
]
# The names of the ops' optional parameters, in PyTorch 1.13's order (for the options form).
NAMES = {'var': ['dim', 'unbiased', 'keepdim'], 'std': ['dim', 'unbiased', 'keepdim'], 'norm': ['p', 'dim', 'keepdim'],
         'sort': ['dim', 'descending'], 'argsort': ['dim', 'descending'], 'topk': ['k', 'dim', 'largest', 'sorted'],
         'kthvalue': ['k', 'dim', 'keepdim'], 'cumsum': ['dim'], 'cumprod': ['dim'],
         'flatten': ['start_dim', 'end_dim']}


def params(cls):
    """__init__'s parameters after self: names, and how many are required."""
    ps = list(inspect.signature(cls.__init__).parameters.values())[1:]
    return [p.name for p in ps], sum(p.default is inspect.Parameter.empty for p in ps)


def out(r):
    if isinstance(r, tuple):
        return [out(t) for t in r]
    return {'shape': list(r.shape), 'values': r.tolist()}


def err(f):
    try:
        f()
    except TypeError as e:
        return str(e).split('\n')[0]
    return None


res = {'modules': [], 'losses': [], 'ops': [], 'errors': {}}
for name, args in MODULES:
    names, req = params(getattr(nn, name))
    res['modules'].append({'name': name, 'args': args, 'names': names, 'required': req, 'repr': repr(getattr(nn, name)(*args))})
for name, args, attrs in LOSSES:
    m = getattr(nn, name)(*args)
    names, req = params(getattr(nn, name))
    res['losses'].append({'name': name, 'args': args, 'names': names, 'required': req, 'attrs': {a: getattr(m, a) for a in attrs}})
res['x'] = X.tolist()
res['xm'] = XM.tolist()
for op, args in OPS:
    res['ops'].append({'op': op, 'args': args, 'names': NAMES.get(op, ['dim', 'keepdim']), 'out': out(getattr(torch, op)(X, *args))})
res['ops'].append({'op': 'mode', 'args': [1, True], 'names': ['dim', 'keepdim'], 'input': 'xm', 'out': out(torch.mode(XM, 1, True))})
# F.* losses with their optional parameters by position (the deprecated size_average/reduce included).
import torch.nn.functional as F
T = {'a': X[0, :2, :3].contiguous(), 'b': XM[0, :2, :3].contiguous() / 4, 'cls': torch.tensor([0, 2]),
     'p': torch.tensor([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8]]), 'y': torch.tensor([[1., -1., 1.], [-1., 1., 1.]]),
     'v': torch.tensor([[0.5, 1., 2.], [1., 0.3, 0.7]]), 'idx': torch.tensor([[0, 2], [1, 2]]),
     'emb': torch.tensor([[1., 2.], [0.5, -0.25], [3., -4.]])}
res['loss_inputs'] = {k: v.tolist() for k, v in T.items()}
FLOSSES = [
    ('cross_entropy', ['a', 'cls'], [None, None, 1, None, 'sum', 0.1],
     ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing']),
    ('nll_loss', ['a', 'cls'], [None, None, 2, None, 'sum'], ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction']),
    ('mse_loss', ['a', 'b'], [None, None, 'sum'], ['size_average', 'reduce', 'reduction']),
    ('mse_loss', ['a', 'b'], [None, False], ['size_average', 'reduce', 'reduction']),
    ('l1_loss', ['a', 'b'], [False], ['size_average', 'reduce', 'reduction']),
    ('huber_loss', ['a', 'b'], ['sum', 0.5], ['reduction', 'delta']),
    ('smooth_l1_loss', ['a', 'b'], [None, None, 'mean', 0.5], ['size_average', 'reduce', 'reduction', 'beta']),
    ('kl_div', ['a', 'p'], [None, None, 'batchmean'], ['size_average', 'reduce', 'reduction', 'log_target']),
    ('gaussian_nll_loss', ['a', 'b', 'v'], [True, 1e-3, 'sum'], ['full', 'eps', 'reduction']),
    ('margin_ranking_loss', ['a', 'b', 'y'], [0.2, None, None, 'sum'], ['margin', 'size_average', 'reduce', 'reduction']),
    ('hinge_embedding_loss', ['a', 'y'], [0.5], ['margin', 'size_average', 'reduce', 'reduction']),
    ('binary_cross_entropy_with_logits', ['a', 'p'], [None, None, None, 'sum'], ['weight', 'size_average', 'reduce', 'reduction', 'pos_weight']),
    ('poisson_nll_loss', ['b', 'v'], [False, True, None, 1e-3], ['log_input', 'full', 'size_average', 'eps', 'reduce', 'reduction']),
    ('multi_margin_loss', ['a', 'cls'], [2, 0.5], ['p', 'margin', 'weight', 'size_average', 'reduce', 'reduction']),
    ('soft_margin_loss', ['a', 'y'], [None, None, 'sum'], ['size_average', 'reduce', 'reduction']),
    ('embedding', ['idx', 'emb'], [0, 1.0, 1.0], ['padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse']),
]
res['flosses'] = [{'fn': fn, 'inputs': ins, 'args': args, 'names': names,
                   'out': out(getattr(F, fn)(*[T[i] for i in ins], *args))} for fn, ins, args, names in FLOSSES]
# F.* layers' functions with their optional parameters by position (F.conv2d(x, w, b, 1, 1), ...).
torch.manual_seed(3)
U = {'img': torch.randn(1, 2, 6, 6), 'w': torch.randn(3, 2, 3, 3), 'bias': torch.randn(3), 'seq': torch.randn(1, 2, 9),
     'w1': torch.randn(4, 2, 3), 'wt': torch.randn(2, 3, 3, 3), 'a': X[0].contiguous()}
res['f_inputs'] = {k: v.tolist() for k, v in U.items()}
FFUNCS = [
    ('conv2d', ['img', 'w'], [None, 1, 1], ['bias', 'stride', 'padding', 'dilation', 'groups']),
    ('conv2d', ['img', 'w', 'bias'], [2, 2, 2], ['stride', 'padding', 'dilation', 'groups']),
    ('conv1d', ['seq', 'w1'], [None, 2, 1], ['bias', 'stride', 'padding', 'dilation', 'groups']),
    ('conv_transpose2d', ['img', 'wt'], [None, 2, 1, 1], ['bias', 'stride', 'padding', 'output_padding', 'groups', 'dilation']),
    ('max_pool2d', ['img'], [3, 2, 1, 1, True], ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode']),
    ('avg_pool2d', ['img'], [3, 2, 1, True, False], ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad']),
    ('max_pool1d', ['seq'], [2, 1], ['kernel_size', 'stride']),
    ('avg_pool1d', ['seq'], [3, 2, 1], ['kernel_size', 'stride', 'padding']),
    ('unfold', ['img'], [2, 1, 0, 2], ['kernel_size', 'dilation', 'padding', 'stride']),
    ('leaky_relu', ['a'], [0.2], ['negative_slope']),
    ('hardtanh', ['a'], [-0.5, 0.5], ['min_val', 'max_val']),
    ('elu', ['a'], [0.5], ['alpha']),
    ('softmax', ['a'], [0], ['dim']),
    ('dropout', ['a'], [0.5, False], ['p', 'training']),
    ('normalize', ['a'], [1, 0], ['p', 'dim']),
    ('interpolate', ['img'], [None, 2, 'bilinear', True], ['size', 'scale_factor', 'mode', 'align_corners']),
    ('pad', ['img'], [[1, 1, 2, 0], 'reflect'], ['pad', 'mode']),
]
res['ffuncs'] = [{'fn': fn, 'inputs': ins, 'args': args, 'names': names,
                  'out': out(getattr(F, fn)(*[U[i] for i in ins], *args))} for fn, ins, args, names in FFUNCS]
res['ffuncs_mixed'] = out(F.max_pool2d(U['img'], 3, 2, padding=1))
fp = nn.Embedding.from_pretrained(T['emb'], False, 1, 2.0)
res['from_pretrained'] = {'repr': repr(fp), 'requires_grad': fp.weight.requires_grad}
res['errors'] = {
    'sum_dtype': err(lambda: torch.sum(X, 1, True, torch.float)),
    'cumsum_dtype': err(lambda: torch.cumsum(X, 1, torch.float)),
    'linear_unknown': err(lambda: nn.Linear(2, 3, biass=False)),
    'conv_too_many': err(lambda: nn.Conv2d(1, 2, 3, 1, 0, 1, 1, True, 'zeros', None, None, 1)),
    'gaussian_positional': err(lambda: nn.GaussianNLLLoss(True)),
    'relu_unknown': err(lambda: nn.ReLU(inplce=True)),
    'tmwd_positional': err(lambda: F.triplet_margin_with_distance_loss(X, X, X, None)),
    'f_relu_unknown': err(lambda: F.relu(X, foo=1)),
    'f_hardtanh_too_many': err(lambda: F.hardtanh(X, -2.0, 2.0, False, 5)),
    'f_dropout_unknown': err(lambda: F.dropout(X, pp=0.2)),
    'f_unfold_too_many': err(lambda: F.unfold(U['img'], 2, 1, 0, 1, 5)),
    'f_interpolate_unknown': err(lambda: F.interpolate(U['img'], scale_factor=2, mod='nearest')),
}
print(json.dumps(res, indent=1))
