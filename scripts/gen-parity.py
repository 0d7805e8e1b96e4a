# Fixture for test/parity.test.ts: PyTorch 1.13's Tensor/torch names that tocha added for parity:
# asinh/acosh/atanh and the arc* aliases, the step functions' nodes (round/floor/ceil/trunc with a
# zero gradient), the in-place forms (values, gradients through them, their error), logaddexp2,
# angle, positive, isposinf/isneginf/isreal, is_nonzero, adjoint/H/mH, rsub with alpha,
# clamp_min/clamp_max, fill_diagonal_, split_with_sizes, narrow_copy and the real-tensor forms.
# Run: /usr/bin/python3 scripts/gen-parity.py > test/fixtures/parity.json
import json, warnings
import torch
from pyfixture import enc, message
warnings.filterwarnings('ignore')

torch.manual_seed(0)
x = torch.randn(3, 4)
u = torch.rand(3, 4) * 1.8 - 0.9          # in (-0.9, 0.9): atanh
big = torch.rand(3, 4) * 3 + 1.1          # above 1: acosh
y = torch.randn(3, 4)
inputs = {'x': x, 'u': u, 'big': big, 'y': y}

unary = []
for name, src in [('asinh', 'x'), ('acosh', 'big'), ('atanh', 'u'), ('arcsin', 'u'), ('arccos', 'u'), ('arctan', 'x'),
                  ('arcsinh', 'x'), ('arccosh', 'big'), ('arctanh', 'u'), ('fix', 'x'), ('round', 'x'), ('floor', 'x'),
                  ('ceil', 'x'), ('trunc', 'x'), ('angle', 'x'), ('absolute', 'x'), ('positive', 'x')]:
    a = inputs[src].clone().requires_grad_()
    out = getattr(torch, name)(a)
    out.backward(torch.ones_like(out) * 0.5)
    unary.append({'name': name, 'src': src, 'out': enc(out), 'grad': enc(a.grad), 'node': type(out.grad_fn).__name__})
a = (x * 3).clone().requires_grad_()
r1 = torch.round(a, decimals=1)
r1.sum().backward()
unary.append({'name': 'round decimals', 'src': 'x3', 'out': enc(r1), 'grad': enc(a.grad), 'node': type(r1.grad_fn).__name__})

# in-place forms: values (and the gradient through a clone for the differentiable ones)
inplace = []
def ip(name, src, args=(), other=None, grad=True):
    base = inputs[src]
    extra = [inputs[other]] if other else []
    ref = getattr(base.clone(), name)(*extra, *args)
    entry = {'name': name, 'src': src, 'other': other, 'args': list(args), 'out': enc(ref)}
    if grad:
        a = base.clone().requires_grad_()
        t = a.clone()
        r = getattr(t, name)(*extra, *args)
        entry['node'] = type(r.grad_fn).__name__
        try:
            r.backward(torch.ones_like(r) * 0.75)
            entry['grad'] = enc(a.grad)
        except Exception as e:  # noqa: BLE001 - PyTorch's message is the point
            entry['backward_error'] = str(e)
    inplace.append(entry)

for n, s in [('acos_', 'u'), ('asin_', 'u'), ('atan_', 'x'), ('acosh_', 'big'), ('asinh_', 'x'), ('atanh_', 'u'),
             ('arccos_', 'u'), ('arcsinh_', 'x'), ('cos_', 'x'), ('cosh_', 'x'), ('sin_', 'x'), ('sinh_', 'x'), ('tan_', 'u'),
             ('log_', 'big'), ('log10_', 'big'), ('log1p_', 'big'), ('log2_', 'big'), ('exp2_', 'x'), ('expm1_', 'x'),
             ('rsqrt_', 'big'), ('reciprocal_', 'big'), ('square_', 'x'), ('erf_', 'x'), ('erfc_', 'x'), ('erfinv_', 'u'),
             ('lgamma_', 'big'), ('digamma_', 'big'), ('i0_', 'x'), ('sinc_', 'x'), ('floor_', 'x'), ('ceil_', 'x'),
             ('round_', 'x'), ('trunc_', 'x'), ('fix_', 'x'), ('frac_', 'x'), ('sign_', 'x'),
             ('negative_', 'x'), ('absolute_', 'x'), ('deg2rad_', 'x'), ('rad2deg_', 'x')]:
    ip(n, s)
ip('sgn_', 'x', grad=False)  # PyTorch 1.13's backward through sgn_ fails on its own ("unallocated storage")
ip('logit_', 'u', (0.1,))
ip('polygamma_', 'big', (1,))
ip('mvlgamma_', 'big', (1,))
ip('clamp_min_', 'x', (0.2,))
ip('clamp_max_', 'x', (-0.1,))
ip('clip_', 'x', (-0.5, 0.5))
for n in ['multiply_', 'subtract_', 'divide_', 'true_divide_', 'hypot_', 'xlogy_', 'atan2_', 'arctan2_', 'copysign_']:
    ip(n, 'big' if n == 'xlogy_' else 'x', (), 'big' if n == 'xlogy_' else 'y')
ip('floor_divide_', 'x', (), 'y', grad=False)
ip('remainder_', 'x', (), 'y')
ip('fmod_', 'x', (), 'y')
for n in ['eq_', 'ne_', 'lt_', 'le_', 'gt_', 'ge_', 'less_', 'greater_equal_', 'not_equal_']:
    ip(n, 'x', (), 'y', grad=False)
ip('tril_', 'x', (1,))
ip('triu_', 'x', (-1,))
ip('cumsum_', 'x', (1,))
ip('cumprod_', 'x', (0,))

misc = {
    'logaddexp2': enc(torch.logaddexp2(x, y)),
    'logaddexp2 grad': None,
    'isposinf': enc(torch.isposinf(torch.tensor([float('inf'), -float('inf'), 1.0, float('nan')]))),
    'isneginf': enc(torch.isneginf(torch.tensor([float('inf'), -float('inf'), 1.0, float('nan')]))),
    'isreal': enc(torch.isreal(torch.tensor([1, 2]))),
    'angle special': enc(torch.angle(torch.tensor([1.0, -1.0, 0.0, -0.0, float('nan'), -float('inf')]))),
    'is_nonzero': [torch.is_nonzero(torch.tensor([0.5])), torch.is_nonzero(torch.tensor(0))],
    'is_nonzero many': message(lambda: torch.is_nonzero(torch.tensor([1, 2]))),
    'is_nonzero none': message(lambda: torch.is_nonzero(torch.tensor([]))),
    'positive bool': message(lambda: torch.positive(torch.tensor([True]))),
    'imag': message(lambda: torch.imag(x)),
    'adjoint 1-D': message(lambda: torch.adjoint(torch.ones(3))),
    'H 3-D': message(lambda: torch.ones(2, 2, 2).H),
    'rsub': enc(torch.rsub(x, y, alpha=2)),
    'rsub scalar': enc(torch.rsub(x, 5)),
    'clamp_min': enc(torch.clamp_min(x, 0.1)),
    'clamp_max': enc(torch.clamp_max(x, 0.1)),
    'fill_diagonal': enc(torch.zeros(3, 4).fill_diagonal_(2.5)),
    'fill_diagonal tall wrap': enc(torch.zeros(7, 3).fill_diagonal_(1, wrap=True)),
    'fill_diagonal tall': enc(torch.zeros(7, 3).fill_diagonal_(1)),
    'fill_diagonal 3-D': enc(torch.zeros(3, 3, 3).fill_diagonal_(4)),
    'fill_diagonal 1-D': message(lambda: torch.zeros(3).fill_diagonal_(1)),
    'fill_diagonal unequal': message(lambda: torch.zeros(3, 3, 2).fill_diagonal_(1)),
    'split_with_sizes': [list(t.shape) for t in torch.split_with_sizes(torch.arange(10), [3, 7])],
    'narrow_copy': enc(x.narrow_copy(1, 1, 2)),
    'is_signed': [x.is_signed(), torch.tensor([1]).is_signed(), torch.tensor([True]).is_signed()],
    'hardshrink': enc(torch.hardshrink(x, 0.6)),
    'prelu': enc(torch.prelu(x, torch.tensor([0.25]))),
    'inplace leaf': message(lambda: torch.randn(3, requires_grad=True).floor_()),
}
a = x.clone().requires_grad_(); b = y.clone().requires_grad_()
torch.logaddexp2(a, b).sum().backward()
misc['logaddexp2 grad'] = [enc(a.grad), enc(b.grad)]
for name in ['copysign', 'remainder', 'fmod', 'hypot']:
    a = x.clone().requires_grad_(); b = (y + 0.25).clone().requires_grad_()
    out = getattr(torch, name)(a, b)
    out.backward(torch.ones_like(out) * 0.75)
    misc[name + ' grads'] = {'out': enc(out), 'a': enc(a.grad), 'b': enc(b.grad), 'node': type(out.grad_fn).__name__}
m = x.clone().requires_grad_()
mm = m.clone()
mm.fill_diagonal_(3.0)
(mm * y).sum().backward()
misc['fill_diagonal grad'] = enc(m.grad)
print(json.dumps({'inputs': {k: enc(v) for k, v in inputs.items()}, 'x3': enc(x * 3), 'unary': unary, 'inplace': inplace, 'misc': misc}))
