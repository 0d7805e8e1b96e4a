# Fixture for test/funcs.test.ts: PyTorch 1.13's quantile/nanquantile, trapezoid/cumulative_trapezoid/trapz,
# combinations, renorm, frexp/ldexp, Tensor.unfold, diagonal/select/slice_scatter, sum_to_size, the bitwise
# and integer ops, nextafter and igamma/igammac: values, dtypes, shapes, gradients, node names and errors.
# Run: /usr/bin/python3 scripts/gen-funcs.py > test/fixtures/funcs.json
import json, warnings
import torch
from pyfixture import enc, err
warnings.filterwarnings('ignore')

torch.manual_seed(0)
T = torch.tensor
nanx = torch.randn(3, 5)
nanx[1, 2] = float('nan')
nanx[2, 0] = float('nan')
inputs = {
    'x': torch.randn(3, 4), 'b3': torch.randn(2, 3, 4), 'v': torch.randn(5), 'nanx': nanx,
    'allnan': T([[float('nan'), float('nan')], [1.0, 2.0]]),
    'q2': T([0.1, 0.5, 0.95]), 'xs': T([0.0, 0.5, 1.5, 3.5]), 'x2': torch.rand(3, 4).cumsum(1),
    'w': torch.randn(4, 3) * 2, 'a': T([12, -7, 5, 0, 9, 1024]), 'b': T([8, 3, -10, 0, 6, 3]),
    'sh': T([1, 2, 3, 0, 4, 5]), 'tf': T([True, False, True, False]), 'tt': T([True, True, False, False]),
    'e': T([1, -2, 3, 0]), 'ones3': torch.ones(3) * 7, 'ones4': torch.ones(4) * 7, 'src32': torch.randn(3, 2),
    'src4': torch.randn(4), 'diag2': torch.randn(2), 'big': torch.randn(6, 5),
    'na_to': T([2.0, 1.0, -2.0, 0.0, 1.0, float('nan')]), 'na_from': T([1.0, 0.0, -1.0, float('inf'), -0.0, 1.0]),
    'fr': T([0.0, 1.0, -3.5, float('inf'), float('nan'), 1e-40, -0.0, 1024.0, 0.1, -1e30]),
    'ga': T([0.5, 1.0, 2.5, 10.0, 0.1, 30.0, 3.0, 0.0]), 'gx': T([0.3, 2.0, 1.0, 12.0, 0.01, 25.0, 0.7, 1.0]),
}
# case id -> (function of the inputs, names of the differentiable inputs)
cases = {
    'quantile scalar': (lambda I: torch.quantile(I['x'], 0.3), ['x']),
    'quantile dim': (lambda I: torch.quantile(I['x'], 0.3, 1), ['x']),
    'quantile dim0 keepdim': (lambda I: torch.quantile(I['x'], 0.7, 0, True), ['x']),
    'quantile q tensor': (lambda I: torch.quantile(I['b3'], I['q2'], dim=1), ['b3']),
    'quantile q tensor keepdim': (lambda I: torch.quantile(I['b3'], I['q2'], dim=-1, keepdim=True), ['b3']),
    'quantile q tensor all': (lambda I: torch.quantile(I['x'], I['q2']), ['x']),
    'quantile lower': (lambda I: torch.quantile(I['x'], I['q2'], 1, interpolation='lower'), ['x']),
    'quantile higher': (lambda I: torch.quantile(I['x'], I['q2'], 1, interpolation='higher'), ['x']),
    'quantile nearest': (lambda I: torch.quantile(I['x'], I['q2'], 1, interpolation='nearest'), ['x']),
    'quantile midpoint': (lambda I: torch.quantile(I['x'], I['q2'], 1, interpolation='midpoint'), ['x']),
    'quantile keepdim all': (lambda I: torch.quantile(I['x'], 0.5, keepdim=True), ['x']),
    'quantile nan': (lambda I: torch.quantile(I['nanx'], 0.4, 1), []),
    'nanquantile': (lambda I: torch.nanquantile(I['nanx'], 0.4, 1), ['nanx']),
    'nanquantile q tensor': (lambda I: torch.nanquantile(I['nanx'], I['q2'], 1, interpolation='midpoint'), ['nanx']),
    'nanquantile allnan': (lambda I: torch.nanquantile(I['allnan'], 0.5, 1), []),
    'method quantile': (lambda I: I['x'].quantile(0.25, dim=0), ['x']),
    'trapezoid': (lambda I: torch.trapezoid(I['x']), ['x']),
    'trapezoid dx': (lambda I: torch.trapezoid(I['x'], dx=0.5, dim=0), ['x']),
    'trapezoid x': (lambda I: torch.trapezoid(I['x'], I['xs']), ['x', 'xs']),
    'trapezoid x nd': (lambda I: torch.trapezoid(I['x'], I['x2']), ['x', 'x2']),
    'trapz x': (lambda I: torch.trapz(I['x'], I['xs']), ['x']),
    'trapz dx': (lambda I: torch.trapz(I['x'], dx=2.0), ['x']),
    'trapezoid int': (lambda I: torch.trapezoid(I['a']), []),
    'trapezoid empty': (lambda I: torch.trapezoid(torch.zeros(3, 0)), []),
    'cumulative_trapezoid': (lambda I: torch.cumulative_trapezoid(I['x']), ['x']),
    'cumulative_trapezoid x': (lambda I: torch.cumulative_trapezoid(I['x'], I['xs']), ['x', 'xs']),
    'cumulative_trapezoid dx': (lambda I: torch.cumulative_trapezoid(I['x'], dx=0.25, dim=0), ['x']),
    'combinations': (lambda I: torch.combinations(I['v']), ['v']),
    'combinations 3': (lambda I: torch.combinations(I['v'], 3), ['v']),
    'combinations repl': (lambda I: torch.combinations(I['sh'][:3], 2, True), []),
    'combinations 0': (lambda I: torch.combinations(I['v'], 0), []),
    'combinations too many': (lambda I: torch.combinations(I['v'][:2], 3), []),
    'renorm': (lambda I: torch.renorm(I['w'], 2, 0, 1.5), ['w']),
    'renorm dim1 p1': (lambda I: torch.renorm(I['w'], 1, 1, 2.0), ['w']),
    'renorm_': (lambda I: I['w'].clone().renorm_(3, 1, 1.0), ['w']),
    'frexp mantissa': (lambda I: torch.frexp(I['x'] * 10).mantissa, ['x']),
    'frexp exponent': (lambda I: torch.frexp(I['x'] * 10).exponent.long(), []),
    'frexp special m': (lambda I: torch.frexp(I['fr'])[0], []),
    'frexp special e': (lambda I: torch.frexp(I['fr'])[1].long(), []),
    'ldexp': (lambda I: torch.ldexp(I['x'], I['e']), ['x']),
    'ldexp int': (lambda I: torch.ldexp(I['e'], I['e']), []),
    'ldexp_': (lambda I: I['x'].clone().ldexp_(I['e']), []),
    'unfold': (lambda I: I['x'].unfold(1, 2, 1), ['x']),
    'unfold step': (lambda I: I['big'].unfold(0, 3, 2), ['big']),
    'unfold dim0 size1': (lambda I: I['b3'].unfold(-2, 1, 2), ['b3']),
    'unfold empty': (lambda I: I['x'].unfold(1, 0, 1), ['x']),
    'unfold scalar': (lambda I: I['x'][0, 0].unfold(0, 1, 1), ['x']),
    'unfold strided': (lambda I: I['big'].t().unfold(1, 4, 1), ['big']),
    'diagonal_scatter': (lambda I: torch.diagonal_scatter(I['x'], I['ones3']), ['x', 'ones3']),
    'diagonal_scatter offset': (lambda I: torch.diagonal_scatter(I['x'], I['diag2'], 2), ['x', 'diag2']),
    'diagonal_scatter 3d': (lambda I: torch.diagonal_scatter(I['b3'], I['x'][:2, :3], 0, 1, 2), ['b3', 'x']),
    'select_scatter': (lambda I: torch.select_scatter(I['x'], I['ones4'], 0, 1), ['x', 'ones4']),
    'select_scatter neg': (lambda I: torch.select_scatter(I['x'], I['ones3'], 1, -1), ['x', 'ones3']),
    # step passed explicitly: Debian's torch 1.13.0a0 takes a missing step as a huge one (one element)
    'slice_scatter': (lambda I: torch.slice_scatter(I['x'], I['src32'], 1, 1, 3, 1), ['x', 'src32']),
    'slice_scatter step': (lambda I: torch.slice_scatter(I['x'], I['src32'], 1, 0, 4, 2), ['x', 'src32']),
    'slice_scatter default': (lambda I: torch.slice_scatter(I['x'], I['x'] * 2, step=1), ['x']),
    'sum_to_size': (lambda I: I['x'].sum_to_size(1, 4), ['x']),
    'sum_to_size list': (lambda I: I['b3'].sum_to_size([3, 1]), ['b3']),
    'sum_to_size lead': (lambda I: I['b3'].sum_to_size(4), ['b3']),
    'bitwise_and': (lambda I: torch.bitwise_and(I['a'], I['b']), []),
    'bitwise_or': (lambda I: torch.bitwise_or(I['a'], I['b']), []),
    'bitwise_xor': (lambda I: torch.bitwise_xor(I['a'], I['b']), []),
    'bitwise_not': (lambda I: torch.bitwise_not(I['a']), []),
    'bitwise_and scalar': (lambda I: torch.bitwise_and(I['a'], 6), []),
    'bitwise_or bool': (lambda I: torch.bitwise_or(I['tf'], I['tt']), []),
    'bitwise_xor bool': (lambda I: torch.bitwise_xor(I['tf'], I['tt']), []),
    'bitwise_not bool': (lambda I: torch.bitwise_not(I['tf']), []),
    'bitwise_and mixed': (lambda I: torch.bitwise_and(I['a'][:4], I['tt']), []),
    'left_shift': (lambda I: torch.bitwise_left_shift(I['a'], I['sh']), []),
    'right_shift': (lambda I: torch.bitwise_right_shift(I['a'], I['sh']), []),
    'left_shift scalar': (lambda I: torch.bitwise_left_shift(I['a'], 3), []),
    'bitwise_and_': (lambda I: I['a'].clone().bitwise_and_(I['b']), []),
    'bitwise_not_': (lambda I: I['a'].clone().bitwise_not_(), []),
    'right_shift_': (lambda I: I['a'].clone().bitwise_right_shift_(1), []),
    'gcd': (lambda I: torch.gcd(I['a'], I['b']), []),
    'lcm': (lambda I: torch.lcm(I['a'], I['b']), []),
    'gcd_': (lambda I: I['a'].clone().gcd_(I['b']), []),
    'nextafter': (lambda I: torch.nextafter(I['na_from'], I['na_to']), []),
    'nextafter grad_fn': (lambda I: torch.nextafter(I['x'], I['x'] + 1), ['x']),
    'igamma': (lambda I: torch.igamma(I['ga'], I['gx']), ['gx']),
    'igammac': (lambda I: torch.igammac(I['ga'], I['gx']), ['gx']),
    'gammainc': (lambda I: torch.special.gammainc(I['ga'][:7], I['gx'][:7]), ['gx']),
    'gammaincc': (lambda I: torch.special.gammaincc(I['ga'][:7], I['gx'][:7]), ['gx']),
    'igamma_': (lambda I: I['ga'].clone().igamma_(I['gx']), ['gx']),
    'igamma edge': (lambda I: torch.igamma(T([0.0, 1.0, 2.0, -1.0, float('inf'), 2.0]), T([1.0, 0.0, float('inf'), 1.0, 3.0, -1.0])), []),
    'igammac edge': (lambda I: torch.igammac(T([0.0, 1.0, 2.0, -1.0, float('inf'), 2.0]), T([1.0, 0.0, float('inf'), 1.0, 3.0, -1.0])), []),
}

out = {'inputs': {k: enc(v) for k, v in inputs.items()}, 'cases': []}
for cid, (f, diff) in cases.items():
    I = {k: (v.clone().requires_grad_() if k in diff else v.clone()) for k, v in inputs.items()}
    r = f(I)
    entry = {'id': cid, 'out': enc(r), 'node': type(r.grad_fn).__name__ if r.grad_fn is not None else None, 'diff': diff, 'grads': {}}
    if diff and r.requires_grad and r.numel() > 0:
        torch.manual_seed(1)
        g = torch.randn(r.shape)
        try:
            r.backward(g)
            entry['g'] = enc(g)
            entry['grads'] = {k: enc(I[k].grad) for k in diff}
        except Exception as e:  # noqa: BLE001
            entry['backward_error'] = type(e).__name__ + ': ' + str(e)
    out['cases'].append(entry)

x = inputs['x']
a, b = inputs['a'], inputs['b']
errors = {
    'quantile q range': lambda: torch.quantile(x, 1.5),
    'quantile q values': lambda: torch.quantile(x, T([0.5, 1.5])),
    'quantile interpolation': lambda: torch.quantile(x, 0.5, interpolation='foo'),
    'quantile empty': lambda: torch.quantile(torch.tensor([]), 0.5),
    'quantile int': lambda: torch.quantile(T([1, 2]), 0.5),
    'quantile q 2d': lambda: torch.quantile(x, T([[0.5]])),
    'quantile q dtype': lambda: torch.quantile(x, T([1, 0])),
    'quantile dim': lambda: torch.quantile(x, 0.5, dim=3),
    'nanquantile q range': lambda: torch.nanquantile(x, -0.1),
    'trapezoid x size': lambda: torch.trapezoid(x, T([1.0, 2.0, 4.0])),
    'trapezoid bool': lambda: torch.trapezoid(T([True, False])),
    'combinations 2d': lambda: torch.combinations(x),
    'combinations negative': lambda: torch.combinations(inputs['v'], -1),
    'renorm p': lambda: torch.renorm(x, -1, 0, 1.0),
    'renorm maxnorm': lambda: torch.renorm(x, 2, 0, -1.0),
    'renorm 1d': lambda: torch.renorm(inputs['v'], 2, 0, 1.0),
    'renorm dim': lambda: torch.renorm(x, 2, 2, 1.0),
    'frexp int': lambda: torch.frexp(a),
    'unfold size': lambda: x.unfold(1, 5, 1),
    'unfold step': lambda: x.unfold(1, 2, 0),
    'unfold dim': lambda: x.unfold(2, 2, 1),
    'unfold scalar size': lambda: T(3.0).unfold(0, 2, 1),
    'diagonal_scatter size': lambda: torch.diagonal_scatter(x, torch.ones(4)),
    'select_scatter size': lambda: torch.select_scatter(x, torch.ones(3), 0, 1),
    'select_scatter index': lambda: torch.select_scatter(x, torch.ones(4), 0, 5),
    'slice_scatter size': lambda: torch.slice_scatter(x, torch.ones(3, 3), 1, 1, 3, 1),
    'sum_to_size': lambda: x.sum_to_size(2, 4),
    'bitwise_and float': lambda: torch.bitwise_and(x, x),
    'bitwise_not float': lambda: torch.bitwise_not(x),
    'bitwise_and float scalar': lambda: torch.bitwise_and(a, 1.5),
    'left_shift bool': lambda: torch.bitwise_left_shift(T([True]), T([True])),
    'left_shift float': lambda: torch.bitwise_left_shift(T([1.5]), 1),
    'gcd float': lambda: torch.gcd(x, x),
    'gcd bool': lambda: torch.gcd(T([True]), T([True])),
    'nextafter long': lambda: torch.nextafter(a, b),
    'igamma long': lambda: torch.igamma(a, b),
    'ldexp_ grad': lambda: x.clone().requires_grad_().clone().ldexp_(inputs['e']),
}
out['errors'] = {k: err(f) for k, f in errors.items()}
# backward refusals
xg = x.clone().requires_grad_()
aa = (torch.rand(4) + 0.5).requires_grad_()
xx = (torch.rand(4) * 3).requires_grad_()
out['backward_errors'] = {
    'nextafter': err(lambda: torch.nextafter(xg, x).sum().backward()),
    'igamma': err(lambda: torch.igamma(aa, xx).sum().backward()),
    'igammac': err(lambda: torch.igammac(aa, xx).sum().backward()),
}
print(json.dumps(out))
