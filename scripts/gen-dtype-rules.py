# Writes test/fixtures/dtype-rules.json: what PyTorch 1.13 does with int64 and bool tensors in ~170 ops (the result's
# dtype and values, or its error), for test/dtype-rules.test.ts. Run: /usr/bin/python3 scripts/gen-dtype-rules.py
import json
import warnings

import torch
import torch.nn.functional as F

warnings.simplefilter('ignore')
UNARY = ['abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'ceil', 'cos', 'cosh', 'deg2rad', 'digamma', 'erf', 'erfc',
         'erfinv', 'exp', 'exp2', 'expm1', 'fix', 'floor', 'frac', 'i0', 'lgamma', 'log', 'log10', 'log1p', 'log2', 'logit',
         'nan_to_num', 'neg', 'negative', 'positive', 'rad2deg', 'reciprocal', 'round', 'rsqrt', 'sigmoid', 'sign', 'sgn',
         'signbit', 'sin', 'sinc', 'sinh', 'sqrt', 'square', 'tan', 'tanh', 'trunc', 'relu', 'isnan', 'isinf', 'isfinite',
         'isposinf', 'isneginf', 'isreal', 'logical_not', 'bitwise_not', 'angle', 'sum', 'mean', 'prod', 'max', 'min', 'amax',
         'amin', 'argmax', 'argmin', 'std', 'var', 'norm', 'cumsum', 'cumprod', 'median', 'nanmedian', 'mode', 'all', 'any',
         'count_nonzero', 'nansum', 'nanmean', 'flip', 'sort', 'argsort', 'unique', 'msort', 'trace', 'diag', 'tril', 'triu', 't',
         'clone', 'ravel', 'logcumsumexp', 'cummax', 'cummin', 'diff', 'histc', 'bincount', 'clamp', 'clamp_min', 'clamp_max']
FUNCTIONAL = ['softmax', 'log_softmax', 'hardtanh', 'celu', 'selu', 'gelu', 'silu', 'mish', 'softplus', 'elu', 'leaky_relu',
              'relu6', 'hardsigmoid', 'hardswish', 'tanhshrink']
BINARY = ['floor_divide', 'remainder', 'fmod', 'pow', 'xlogy', 'atan2', 'hypot', 'copysign', 'nextafter', 'ldexp', 'lerp',
          'maximum', 'minimum', 'fmax', 'fmin', 'div', 'true_divide', 'mul', 'add', 'sub', 'bitwise_and', 'bitwise_or',
          'bitwise_xor', 'bitwise_left_shift', 'bitwise_right_shift', 'logical_and', 'logical_or', 'logical_xor', 'eq', 'ne',
          'lt', 'le', 'gt', 'ge', 'gcd', 'lcm', 'heaviside', 'logaddexp', 'logaddexp2', 'dist', 'dot', 'inner', 'outer', 'matmul',
          'mm', 'kron', 'cross', 'cdist']
# a divisor without zeros, so floor_divide and the rest compute (PyTorch raises ZeroDivisionError for int zeros)
INPUTS = {'L': [[3, -2, 5], [1, 7, -1]], 'B': [[True, False, True], [False, True, True]]}


def args_for(name, x):
    if name in ('softmax', 'log_softmax', 'cumsum', 'cumprod', 'logcumsumexp', 'cummax', 'cummin'):
        return (x, 1)
    if name == 'flip':
        return (x, (0,))
    if name == 'clamp':
        return (x, False, True) if x.dtype == torch.bool else (x, 0, 3)
    if name in ('clamp_min', 'clamp_max'):
        return (x, 1)
    if name in ('histc', 'bincount'):
        return (x.flatten(),)
    if name == 'lerp':
        return (x, x, 0.5)
    if name == 'dot':
        return (x[0], x[1])
    if name in ('mm', 'matmul', 'inner'):
        return (x, x.t()) if name != 'inner' else (x, x)
    if name in BINARY:
        return (x, x)
    return (x,)


def enc(r):
    if isinstance(r, tuple):
        r = r[0]
    v = r.tolist()
    return {'dtype': str(r.dtype).replace('torch.', ''), 'values': json.loads(json.dumps(v, allow_nan=True).replace('NaN', 'null')
                                                                              .replace('-Infinity', 'null').replace('Infinity', 'null'))}


cases = []
for name in UNARY + FUNCTIONAL + BINARY:
    for k, data in INPUTS.items():
        x = torch.tensor(data)
        f = getattr(F, name) if name in FUNCTIONAL else getattr(torch, name)
        try:
            cases.append({'op': name, 'input': k, **enc(f(*args_for(name, x)))})
        except Exception as e:  # noqa: BLE001 - PyTorch's message is the point
            cases.append({'op': name, 'input': k, 'error': str(e).split('\n')[0]})
with open('test/fixtures/dtype-rules.json', 'w') as fh:
    json.dump({'torch': torch.__version__, 'inputs': INPUTS, 'functional': FUNCTIONAL, 'cases': cases}, fh, separators=(',', ':'))
print(len(cases), 'cases')
