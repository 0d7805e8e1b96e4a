# Fixture for test/grid-sample.test.ts: PyTorch 1.13's F.affine_grid and F.grid_sample on 4-D input
# (bilinear, nearest and bicubic; zeros, border, reflection padding; align_corners both) and 5-D input
# (trilinear and nearest): values, the gradients with respect to input and grid, and the errors.
# Run: /usr/bin/python3 scripts/gen-grid-sample.py > test/fixtures/grid-sample.json
import json, warnings
import torch
import torch.nn.functional as F
from pyfixture import enc, err

warnings.simplefilter('ignore')
torch.manual_seed(0)
out = {}
inp = torch.randn(2, 3, 4, 5)
# grid points inside, on the edges and well outside [-1, 1] (every padding mode's branches)
grid = (torch.rand(2, 3, 6, 2) * 3.2 - 1.6)
grid[0, 0, 0] = torch.tensor([-1.0, 1.0])
grid[0, 0, 1] = torch.tensor([1.0, -1.0])
grid[1, 2, 5] = torch.tensor([0.0, 0.0])
grid[1, 1, 1] = torch.tensor([3.7, -4.1])
gout = torch.randn(2, 3, 3, 6)
out['input'], out['grid'], out['gout'] = enc(inp), enc(grid), enc(gout)
cases = []
for mode in ['bilinear', 'nearest', 'bicubic']:
    for padding in ['zeros', 'border', 'reflection']:
        for align in [False, True]:
            x = inp.clone().requires_grad_()
            g = grid.clone().requires_grad_()
            y = F.grid_sample(x, g, mode=mode, padding_mode=padding, align_corners=align)
            y.backward(gout)
            cases.append({'mode': mode, 'padding_mode': padding, 'align_corners': align,
                          'out': enc(y), 'grad_input': enc(x.grad), 'grad_grid': enc(g.grad)})
out['cases'] = cases

# 5-D: volumes (trilinear 'bilinear' and nearest)
vin = torch.randn(1, 2, 3, 4, 3)
vgrid = torch.rand(1, 2, 3, 2, 3) * 3.2 - 1.6
vgrid[0, 0, 0, 0] = torch.tensor([-1.0, 1.0, 0.0])
vgout = torch.randn(1, 2, 2, 3, 2)
out['input5'], out['grid5'], out['gout5'] = enc(vin), enc(vgrid), enc(vgout)
cases5 = []
for mode in ['bilinear', 'nearest']:
    for padding in ['zeros', 'border', 'reflection']:
        for align in [False, True]:
            x = vin.clone().requires_grad_()
            g = vgrid.clone().requires_grad_()
            y = F.grid_sample(x, g, mode=mode, padding_mode=padding, align_corners=align)
            y.backward(vgout)
            cases5.append({'mode': mode, 'padding_mode': padding, 'align_corners': align,
                           'out': enc(y), 'grad_input': enc(x.grad), 'grad_grid': enc(g.grad)})
out['cases5'] = cases5

theta = torch.tensor([[[0.8, -0.3, 0.1], [0.2, 1.1, -0.2]], [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]])
out['theta'] = enc(theta)
aff = []
for size, align in [([2, 3, 4, 5], False), ([2, 3, 4, 5], True), ([2, 1, 1, 3], False), ([2, 1, 3, 1], True)]:
    t = theta.clone().requires_grad_()
    gr = F.affine_grid(t, size, align_corners=align)
    w = torch.linspace(-1, 1, gr.numel()).reshape(gr.shape)
    (gr * w).sum().backward()
    aff.append({'size': size, 'align_corners': align, 'grid': enc(gr), 'grad_theta': enc(t.grad)})
theta3 = torch.tensor([[[0.9, -0.2, 0.1, 0.05], [0.3, 1.1, -0.1, 0.0], [0.0, 0.2, 0.8, -0.3]],
                       [[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.2]]])
out['theta3'] = enc(theta3)
for size, align in [([2, 1, 2, 3, 4], False), ([2, 2, 3, 1, 2], True)]:
    t = theta3.clone().requires_grad_()
    gr = F.affine_grid(t, size, align_corners=align)
    w = torch.linspace(-1, 1, gr.numel()).reshape(gr.shape)
    (gr * w).sum().backward()
    aff.append({'size': size, 'align_corners': align, 'grid': enc(gr), 'grad_theta': enc(t.grad), 'theta3': True})
out['affine_grid'] = aff

# affine_grid then grid_sample: a rotation of an image, as the spatial-transformer tutorial does
img = torch.arange(2 * 1 * 5 * 5, dtype=torch.float32).reshape(2, 1, 5, 5)
out['stn'] = enc(F.grid_sample(img, F.affine_grid(theta, [2, 1, 5, 5], align_corners=False), align_corners=False))

g4 = grid
out['errors'] = {
    'mode': err(lambda: F.grid_sample(inp, g4, mode='linear')),
    'padding': err(lambda: F.grid_sample(inp, g4, padding_mode='circular')),
    'ndim': err(lambda: F.grid_sample(inp[0], g4)),
    'batch': err(lambda: F.grid_sample(inp, g4[:1])),
    'last': err(lambda: F.grid_sample(inp, torch.zeros(2, 3, 6, 3))),
    'empty': err(lambda: F.grid_sample(torch.zeros(2, 3, 0, 5), g4)),
    'aff_shape': err(lambda: F.affine_grid(theta[:, :1], [2, 3, 4, 5])),
    'aff_size': err(lambda: F.affine_grid(theta, [2, 3, 0, 5])),
    'aff_batch': err(lambda: F.affine_grid(theta, [3, 3, 4, 5])),
    'aff_int': err(lambda: F.affine_grid(theta.long(), [2, 3, 4, 5])),
    'aff_dims': err(lambda: F.affine_grid(theta, [2, 3, 4])),
    'bicubic5': err(lambda: F.grid_sample(vin, vgrid, mode='bicubic')),
    'dims5': err(lambda: F.grid_sample(vin, g4[:1])),
    'dims4': err(lambda: F.grid_sample(inp, torch.zeros(2, 1, 3, 6, 2))),
    'aff_shape3': err(lambda: F.affine_grid(theta, [2, 3, 4, 5, 6])),
    # a torch.Size (x.size()) prints as one in the message
    'aff_shape_size': err(lambda: F.affine_grid(theta[:, :1], torch.zeros(2, 3, 4, 5).size())),
    'too_many': err(lambda: F.grid_sample(inp, g4, 'bilinear', 'zeros', False, 1)),
}
print(json.dumps(out))
