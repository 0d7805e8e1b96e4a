# Writes test/fixtures/special.json: what PyTorch 1.13 computes for torch.special (values over sweeps of
# float32 inputs, compared in ulps by test/special.test.ts), gradients (and second derivatives through
# create_graph) of sum(out * w), grad_fn names, dtypes, and error messages.
# Run from the repo root: /usr/bin/python3 scripts/gen-special.py
import json
import torch
from pyfixture import enc, message

torch.manual_seed(0)
S = torch.special
inf, nan = float('inf'), float('nan')

mags = torch.logspace(-6, 2.5, 40)
general = torch.cat([torch.linspace(-30, 30, 81), mags, -mags, torch.tensor([0., -0., inf, -inf, nan, 1e-30, 8., -8., 5., 50., 60., -6.1, -26.])])
unit = torch.cat([torch.linspace(0, 1, 41), torch.logspace(-30, -1, 30), 1 - torch.logspace(-7, -1, 12),
                  torch.tensor([-0.5, 1.5, nan, 0.13533528, 0.86466472])])
positive = torch.cat([torch.logspace(-5, 3, 50), torch.linspace(0.5, 12, 24), torch.tensor([0., -1., -0.5, -2.5, inf, nan])])

sweeps = {}
def sweep(name, fn, x):
    sweeps[name] = {'x': enc(x), 'y': enc(fn(x))}

for f in ['erfc', 'erfcx', 'i0', 'i0e', 'i1', 'i1e', 'log_ndtr', 'ndtr', 'sinc', 'bessel_j0', 'bessel_j1',
          'spherical_bessel_j0', 'expit', 'erf', 'exp2', 'expm1']:
    sweep(f, getattr(S, f), general)
sweep('ndtri', S.ndtri, unit)
sweep('logit', S.logit, unit)
sweep('entr', S.entr, torch.cat([positive, torch.tensor([-1e-3, -inf])]))
sweep('gammaln', S.gammaln, positive)
sweep('psi', S.psi, positive)
sweep('log1p', S.log1p, positive)
for n in [2, 3, 4, 6]:
    sweep(f'polygamma{n}', lambda x, n=n: S.polygamma(n, x), positive)
qs = torch.cat([torch.logspace(-3, 2, 30), torch.tensor([0., -1., -1.5, -2.25, inf, nan])])
sweeps['zeta'] = {'x': enc(torch.tensor([1., 1.5, 2., 3., 4.5, 8., 20., 0.5])), 'q': enc(qs)}
xs = torch.tensor([1., 1.5, 2., 3., 4.5, 8., 20., 0.5]).unsqueeze(1)
sweeps['zeta']['y'] = enc(S.zeta(xs, qs))

# PyTorch 1.13's newer functions (no gradients): past every branch point of their fits, and the
# polynomials over x × n (n truncates to an integer; n < 0, NaN and |n| >= 2^63 give 0)
NEW_UNARY = ['airy_ai', 'bessel_y0', 'bessel_y1', 'modified_bessel_i0', 'modified_bessel_i1', 'modified_bessel_k0',
             'modified_bessel_k1', 'scaled_modified_bessel_k0', 'scaled_modified_bessel_k1']
POLYS = ['chebyshev_polynomial_t', 'chebyshev_polynomial_u', 'chebyshev_polynomial_v', 'chebyshev_polynomial_w',
         'shifted_chebyshev_polynomial_t', 'shifted_chebyshev_polynomial_u', 'shifted_chebyshev_polynomial_v',
         'shifted_chebyshev_polynomial_w', 'hermite_polynomial_h', 'hermite_polynomial_he', 'laguerre_polynomial_l',
         'legendre_polynomial_p']
edges = torch.tensor([-2.09, -2.0899999, 2.09, 2.0899999, 8.3203353, 8.3203363, 103.892, 103.9, -50., -200., 2., 2.0000002,
                      1.9999999, 5.0000005, 4.9999995, 8.000001, 1e3, 1e5, 1e10, 3e38, -3e38, 1e-40, -1e-40, 1e-20, 0.01])
for f in NEW_UNARY:
    sweep(f, getattr(S, f), torch.cat([general, edges]))
px = torch.cat([torch.linspace(-1.2, 1.2, 25), torch.tensor([-1., 1., 0., 0.5, -0.5, 0.999, -0.999, 1.0001, -1.0001, 1e-4, 0.9999,
                                                             2., -2., 5., -5., 30., 1e-30, nan, inf, -inf])])
pn = torch.tensor([-2., -1., 0., 1., 2., 3., 4., 5., 6., 7., 8., 9., 10., 15., 25., 60., 2.5, 7.9, -0.5, nan, inf, -inf, 1e20])
for f in POLYS:
    sweeps[f] = {'x': enc(px), 'n': enc(pn), 'y': enc(getattr(S, f)(px.unsqueeze(1), pn))}

cases = []
def case(id, js, py, node=True, second=False, fixed=(), **inputs):
    """py(**inputs) with every float input requiring grad; gradients of sum(out * w); second: also the
    gradients of sum(first_grads * w2) (create_graph)."""
    ins = {k: v.clone().requires_grad_(v.is_floating_point() and k not in fixed) for k, v in inputs.items()}
    out = py(*ins.values())
    c = {'id': id, 'js': js, 'inputs': {k: enc(v) for k, v in inputs.items()}, 'out': enc(out),
         'requires_grad': [k for k, v in ins.items() if v.requires_grad]}
    if node:
        c['grad_fn'] = type(out.grad_fn).__name__ if out.grad_fn else None
    if out.requires_grad:
        w = torch.randn(out.shape)
        leaves = [ins[k] for k in c['requires_grad']]
        gs = torch.autograd.grad((out * w).sum(), leaves, create_graph=second)
        c['weight'] = enc(w)
        c['grads'] = [enc(g) for g in gs]
        if second:
            w2 = [torch.randn(g.shape) for g in gs]
            gg = torch.autograd.grad(sum((g * v).sum() for g, v in zip(gs, w2)), leaves, allow_unused=True)
            c['weight2'] = [enc(v) for v in w2]
            c['grads2'] = [enc(g if g is not None else torch.zeros(l.shape)) for g, l in zip(gg, leaves)]
    cases.append(c)

x = torch.tensor([-2.5, -0.7, 0.3, 1.2, 4.0, 9.0])
p = torch.tensor([0.01, 0.2, 0.5, 0.77, 0.999])
pos = torch.tensor([0.3, 1.0, 2.5, 7.0])
for f in ['erfc', 'erfcx', 'i0', 'i0e', 'i1', 'i1e', 'log_ndtr', 'ndtr', 'sinc']:
    # ndtr is composed ((1 + erf(x/sqrt 2)) * 0.5): its node is a MulBackward1 (tocha's: MulBackward0)
    case(f, f'torch.special.{f}(x)', getattr(S, f), node=f != 'ndtr', second=True, x=x)
case('i1/zero', 'torch.special.i1(x)', S.i1, x=torch.tensor([0., 1.]))
case('i1e/zero', 'torch.special.i1e(x)', S.i1e, x=torch.tensor([0., -1.]))
case('sinc/zero', 'torch.special.sinc(x)', S.sinc, x=torch.tensor([0., 0.25]))
case('ndtri', 'torch.special.ndtri(p)', S.ndtri, second=True, p=p)
case('entr', 'torch.special.entr(p)', S.entr, second=True, p=p)
case('logit/eps', 'torch.special.logit(p, 0.1)', lambda p: S.logit(p, 0.1), p=torch.tensor([0.05, 0.1, 0.5, 0.95]))
case('logit/eps-kw', 'torch.logit(p, { eps: 0.2 })', lambda p: torch.logit(p, eps=0.2), p=torch.tensor([0.05, 0.5, 0.95]))
for n in [0, 1, 2, 3]:
    case(f'polygamma{n}', f'torch.special.polygamma({n}, x)', lambda x, n=n: S.polygamma(n, x), second=True, x=pos)
case('polygamma/top', 'torch.polygamma(2, x)', lambda x: torch.polygamma(2, x), x=pos)
case('polygamma/method', 'x.polygamma(3)', lambda x: x.polygamma(3), x=pos)
case('zeta/q', 'torch.special.zeta(s, q)', lambda s, q: S.zeta(s, q), fixed=('s',), s=torch.tensor([2., 3., 4.5]), q=torch.tensor([0.5, 1., 3.]))
case('zeta/scalar-x', 'torch.special.zeta(2, q)', lambda q: S.zeta(2, q), q=torch.tensor([0.5, 1., 3.]))
case('zeta/scalar-q', 'torch.special.zeta(s, 1)', lambda s: S.zeta(s, 1), node=False, fixed=('s',), s=torch.tensor([2., 3.]))
case('zeta/scalar-q-grad', 'torch.special.zeta(2.5, q)', lambda q: S.zeta(2.5, q), q=torch.tensor([0.25, 4.]))
case('zeta/broadcast', 'torch.special.zeta(s, q)', lambda s, q: S.zeta(s, q), node=False, fixed=('s',), s=torch.tensor([[2.], [3.]]), q=torch.tensor([1., 2., 5.]))
case('xlog1py', 'torch.special.xlog1py(a, b)', S.xlog1py, a=torch.tensor([0., 0., 1.5, -2., 3.]), b=torch.tensor([-1., 2., 0.5, 3., nan]))
case('xlog1py/scalar', 'torch.special.xlog1py(2, b)', lambda b: S.xlog1py(2, b), node=False, b=torch.tensor([0.5, 3.]))
case('multigammaln', 'torch.special.multigammaln(x, 3)', lambda x: S.multigammaln(x, 3), node=False, x=torch.tensor([1.5, 2., 7.5]))
case('mvlgamma/top', 'torch.mvlgamma(x, 1)', lambda x: torch.mvlgamma(x, 1), node=False, x=torch.tensor([0.5, 2., 7.5]))
case('mvlgamma/method', 'x.mvlgamma(2)', lambda x: x.mvlgamma(2), node=False, x=torch.tensor([[1.5, 2.], [3., 9.]]))
case('erfc/top', 'torch.erfc(x)', torch.erfc, x=x)
case('erfc/method', 'x.erfc()', lambda x: x.erfc(), x=x)
case('i0/top', 'torch.i0(x)', torch.i0, x=x)
case('i0/method', 'x.i0()', lambda x: x.i0(), x=x)
case('sinc/method', 'x.sinc()', lambda x: x.sinc(), x=x)
case('bessel_j0', 'torch.special.bessel_j0(x)', S.bessel_j0, x=x)
case('bessel_j1', 'torch.special.bessel_j1(x)', S.bessel_j1, x=x)
case('spherical_bessel_j0', 'torch.special.spherical_bessel_j0(x)', S.spherical_bessel_j0, x=x)
case('expit', 'torch.special.expit(x)', S.expit, x=x)
case('gammaln', 'torch.special.gammaln(x)', S.gammaln, x=pos)
case('psi', 'torch.special.psi(x)', S.psi, x=pos)
case('digamma', 'torch.special.digamma(x)', S.digamma, x=pos)
case('erfinv', 'torch.special.erfinv(p)', S.erfinv, p=p)
case('round', 'torch.special.round(x)', S.round, x=x)
case('round/decimals', 'torch.special.round(x, { decimals: 1 })', lambda x: S.round(x, decimals=1), x=torch.tensor([0.25, 1.37, -2.45]))
case('softmax', 'torch.special.softmax(m, 1)', lambda m: S.softmax(m, 1), m=torch.randn(2, 3))
case('log_softmax', 'torch.special.log_softmax(m, 0)', lambda m: S.log_softmax(m, 0), m=torch.randn(2, 3))
case('logsumexp', 'torch.special.logsumexp(m, 1, true)', lambda m: S.logsumexp(m, 1, True), node=False, m=torch.randn(2, 3))
case('xlogy', 'torch.special.xlogy(a, b)', S.xlogy, a=torch.tensor([0., 1.5, 2.]), b=torch.tensor([0., 0.5, 3.]))
case('exp2', 'torch.special.exp2(x)', S.exp2, x=x)
case('expm1', 'torch.special.expm1(x)', S.expm1, x=x)
case('log1p', 'torch.special.log1p(p)', S.log1p, p=p)
case('erf', 'torch.special.erf(x)', S.erf, x=x)
case('int/erfc', 'torch.special.erfc(k)', S.erfc, node=False, k=torch.tensor([0, 1, 2]))
case('int/i0e', 'torch.special.i0e(k)', S.i0e, node=False, k=torch.tensor([0, -3, 10]))
case('int/zeta', 'torch.special.zeta(k, j)', S.zeta, node=False, k=torch.tensor([2, 3]), j=torch.tensor([1, 2]))

errors = []
def err(id, js, py, **inputs):
    errors.append({'id': id, 'js': js, 'inputs': {k: enc(v) for k, v in inputs.items()},
                   'message': message(py(**inputs)).split('\n')[0], 'type': message(py(**inputs), True).split(':')[0]})

g = torch.tensor([0.5, 2.])
err('polygamma/negative', 'torch.special.polygamma(-1, x)', lambda x: lambda: S.polygamma(-1, x), x=g)
err('polygamma/float-n', 'torch.special.polygamma(1.5, x)', lambda x: lambda: S.polygamma(1.5, x), x=g)
err('multigammaln/p', 'torch.special.multigammaln(x, 0)', lambda x: lambda: S.multigammaln(x, 0), x=g)
err('multigammaln/float-p', 'torch.special.multigammaln(x, 1.5)', lambda x: lambda: S.multigammaln(x, 1.5), x=g)
err('zeta/grad-x', 'torch.special.zeta(x.requires_grad_(), q).sum().backward()',
    lambda x, q: lambda: S.zeta(x.requires_grad_(), q).sum().backward(), x=g.clone(), q=torch.tensor([1., 2.]))
err('bessel_j0/no-grad', 'torch.special.bessel_j0(x.requires_grad_()).sum().backward()',
    lambda x: lambda: S.bessel_j0(x.requires_grad_()).sum().backward(), x=g.clone())
err('logit/too-many', 'torch.special.logit(x, 0.1, 2)', lambda x: lambda: S.logit(x, 0.1, 2), x=g)
err('softmax/kw', 'torch.special.softmax(x, 0, { dims: 1 })', lambda x: lambda: S.softmax(x, 0, dims=1), x=g)

# polygamma / mvlgamma take exactly PyTorch's arguments (positional, or keywords in a trailing object)
case('polygamma/kw', 'torch.polygamma({ n: 1, input: x })', lambda x: torch.polygamma(n=1, input=x), x=pos)
case('special.polygamma/kw', 'torch.special.polygamma(2, { input: x })', lambda x: S.polygamma(2, input=x), x=pos)
case('mvlgamma/kw', 'torch.mvlgamma(x, { p: 2 })', lambda x: torch.mvlgamma(x, p=2), node=False, x=torch.tensor([1.5, 3.]))
case('multigammaln/kw', 'torch.special.multigammaln({ input: x, p: 2 })', lambda x: S.multigammaln(input=x, p=2), node=False,
     x=torch.tensor([1.5, 3.]))
for id, js, py in [
        ('polygamma/extra', "torch.polygamma(1, x, 'zz')", lambda x: lambda: torch.polygamma(1, x, 'zz')),
        ('special.polygamma/extra', "torch.special.polygamma(1, x, 'zz')", lambda x: lambda: S.polygamma(1, x, 'zz')),
        ('mvlgamma/extra', "torch.mvlgamma(x, 1, 'zz')", lambda x: lambda: torch.mvlgamma(x, 1, 'zz')),
        ('multigammaln/extra', "torch.special.multigammaln(x, 1, 'zz')", lambda x: lambda: S.multigammaln(x, 1, 'zz')),
        ('.polygamma/extra', "x.polygamma(1, 'zz')", lambda x: lambda: x.polygamma(1, 'zz')),
        ('.mvlgamma/extra', "x.mvlgamma(1, 'zz')", lambda x: lambda: x.mvlgamma(1, 'zz')),
        ('.polygamma_/extra', 'x.clone().polygamma_(1, 2)', lambda x: lambda: x.clone().polygamma_(1, 2)),
        ('.mvlgamma_/float-p', 'x.clone().mvlgamma_(1.5)', lambda x: lambda: x.clone().mvlgamma_(1.5)),
        ('.mvlgamma/missing', 'x.mvlgamma()', lambda x: lambda: x.mvlgamma()),
        ('polygamma/missing', 'torch.polygamma(1)', lambda x: lambda: torch.polygamma(1)),
        ('polygamma/missing2', 'torch.polygamma()', lambda x: lambda: torch.polygamma()),
        ('multigammaln/missing', 'torch.special.multigammaln(x)', lambda x: lambda: S.multigammaln(x)),
        ('polygamma/kw-unknown', 'torch.polygamma(1, x, { y: 2 })', lambda x: lambda: torch.polygamma(1, x, y=2)),
        ('polygamma/kw-twice', 'torch.polygamma(1, x, { input: x })', lambda x: lambda: torch.polygamma(1, x, input=x)),
        ('polygamma/not-tensor', 'torch.polygamma(1, 2.5)', lambda x: lambda: torch.polygamma(1, 2.5)),
        ('mvlgamma/not-tensor', 'torch.mvlgamma(2.5, 1)', lambda x: lambda: torch.mvlgamma(2.5, 1)),
        ('.mvlgamma_/p', 'x.clone().mvlgamma_(0)', lambda x: lambda: x.clone().mvlgamma_(0)),
        ]:
    err(id, js, py, x=torch.tensor([1.5, 2.]))

# the newer functions: no gradient (their results do not require grad), ints and bools promoted, the
# polynomials' overloads (Tensor, Tensor), (Number, Tensor), (Tensor, Number) broadcast
xs6 = torch.tensor([-3., -0.5, 0.25, 1.5, 4., 9.])
for f in NEW_UNARY:
    case(f, f'torch.special.{f}(x)', getattr(S, f), x=xs6)
case('airy_ai/int', 'torch.special.airy_ai(k)', S.airy_ai, node=False, k=torch.tensor([0, 1, -3]))
case('modified_bessel_k1/bool', 'torch.special.modified_bessel_k1(b)', S.modified_bessel_k1, node=False, b=torch.tensor([True, False]))
case('airy_ai/kw', 'torch.special.airy_ai({ x: x })', lambda x: S.airy_ai(x=x), x=xs6)
case('bessel_y0/kw', 'torch.special.bessel_y0({ input: x })', lambda x: S.bessel_y0(input=x), x=xs6)
xp = torch.tensor([-1.5, -0.4, 0.1, 0.6, 1., 2.5])
for f in POLYS:
    case(f, f'torch.special.{f}(x, n)', getattr(S, f), x=xp, n=torch.tensor([0., 1., 2., 5., 9., 12.]))
    case(f + '/scalar-n', f'torch.special.{f}(x, 4)', lambda x, f=f: getattr(S, f)(x, 4), x=xp)
    case(f + '/scalar-x', f'torch.special.{f}(0.3, k)', lambda k, f=f: getattr(S, f)(0.3, k), node=False,
         k=torch.tensor([0, 1, 3, 7, 10]))
case('hermite_polynomial_h/int', 'torch.special.hermite_polynomial_h(k, j)', S.hermite_polynomial_h, node=False,
     k=torch.tensor([1, 2, -3]), j=torch.tensor([3, 4, 5]))
case('legendre_polynomial_p/broadcast', 'torch.special.legendre_polynomial_p(x, n)', S.legendre_polynomial_p,
     x=torch.tensor([[0.3], [-0.7]]), n=torch.tensor([0., 2., 5., 11.]))
case('laguerre_polynomial_l/kw', 'torch.special.laguerre_polynomial_l(x, { n: 4 })', lambda x: S.laguerre_polynomial_l(x, n=4), x=xp)
case('hermite_polynomial_he/kw', 'torch.special.hermite_polynomial_he({ x: x, n: 3 })', lambda x: S.hermite_polynomial_he(x=x, n=3), x=xp)
case('chebyshev_polynomial_w/bool-n', 'torch.special.chebyshev_polynomial_w(x, true)', lambda x: S.chebyshev_polynomial_w(x, True), x=xp)
case('shifted_chebyshev_polynomial_v/float-n', 'torch.special.shifted_chebyshev_polynomial_v(x, 2.7)',
     lambda x: S.shifted_chebyshev_polynomial_v(x, 2.7), x=xp)
case('chebyshev_polynomial_t/bool-x', 'torch.special.chebyshev_polynomial_t(b, 3)', lambda b: S.chebyshev_polynomial_t(b, 3), node=False,
     b=torch.tensor([True, False]))
for id, js, py in [
        ('airy_ai/not-tensor', 'torch.special.airy_ai(2.5)', lambda x: lambda: S.airy_ai(2.5)),
        ('scaled_modified_bessel_k0/list', 'torch.special.scaled_modified_bessel_k0([1, 2])',
         lambda x: lambda: S.scaled_modified_bessel_k0([1, 2])),
        ('bessel_y0/extra', 'torch.special.bessel_y0(x, x)', lambda x: lambda: S.bessel_y0(x, x)),
        ('airy_ai/missing', 'torch.special.airy_ai()', lambda x: lambda: S.airy_ai()),
        ('airy_ai/kw-unknown', 'torch.special.airy_ai(x, { y: 1 })', lambda x: lambda: S.airy_ai(x, y=1)),
        ('bessel_y0/kw-twice', 'torch.special.bessel_y0(x, { input: x })', lambda x: lambda: S.bessel_y0(x, input=x)),
        ('modified_bessel_i1/not-tensor', 'torch.special.modified_bessel_i1(1)', lambda x: lambda: S.modified_bessel_i1(1)),
        ('chebyshev_polynomial_t/numbers', 'torch.special.chebyshev_polynomial_t(0.5, 3)', lambda x: lambda: S.chebyshev_polynomial_t(0.5, 3)),
        ('chebyshev_polynomial_u/str', "torch.special.chebyshev_polynomial_u(x, 'a')", lambda x: lambda: S.chebyshev_polynomial_u(x, 'a')),
        ('chebyshev_polynomial_v/none', 'torch.special.chebyshev_polynomial_v(x, null)', lambda x: lambda: S.chebyshev_polynomial_v(x, None)),
        ('legendre_polynomial_p/one', 'torch.special.legendre_polynomial_p(x)', lambda x: lambda: S.legendre_polynomial_p(x)),
        ('hermite_polynomial_h/three', 'torch.special.hermite_polynomial_h(x, 2, 3)', lambda x: lambda: S.hermite_polynomial_h(x, 2, 3)),
        ('laguerre_polynomial_l/kw-unknown', 'torch.special.laguerre_polynomial_l(x, { n: 2, m: 3 })',
         lambda x: lambda: S.laguerre_polynomial_l(x, n=2, m=3)),
        ('chebyshev_polynomial_t/kw-twice', 'torch.special.chebyshev_polynomial_t(x, 2, { n: 3 })',
         lambda x: lambda: S.chebyshev_polynomial_t(x, 2, n=3)),
        ('shifted_chebyshev_polynomial_w/broadcast', 'torch.special.shifted_chebyshev_polynomial_w(torch.ones(2, 3), torch.ones(4))',
         lambda x: lambda: S.shifted_chebyshev_polynomial_w(torch.ones(2, 3), torch.ones(4))),
        ('airy_ai/no-grad', 'torch.special.airy_ai(x.requires_grad_()).sum().backward()',
         lambda x: lambda: S.airy_ai(x.requires_grad_()).sum().backward()),
        ('chebyshev_polynomial_t/no-grad', 'torch.special.chebyshev_polynomial_t(x.requires_grad_(), 2).sum().backward()',
         lambda x: lambda: S.chebyshev_polynomial_t(x.requires_grad_(), 2).sum().backward()),
        ]:
    err(id, js, py, x=torch.tensor([1.5, 2.]))

with open('test/fixtures/special.json', 'w') as f:
    json.dump({'sweeps': sweeps, 'cases': cases, 'errors': errors}, f, separators=(',', ':'))
print(len(sweeps), 'sweeps', len(cases), 'cases', len(errors), 'errors')
for e in errors:
    print(e['id'], '|', e['type'], '|', e['message'])
