# Fixture for test/hooks.test.ts: PyTorch 1.13's tensor gradient hooks (register_hook, their order
# with retain_grad, autograd.grad), torch.inference_mode (inference tensors and their errors), and
# addcmul/addcdiv with a value.
# Run: /usr/bin/python3 scripts/gen-hooks.py > test/fixtures/hooks.json
#
# PyTorch's kernels built for AVX2 let the compiler fuse addcmul's a + (value*t1)*t2 into an FMA,
# so its bits depend on the CPU; tocha follows the portable kernel (ATEN_CPU_CAPABILITY=default),
# which rounds each operation: this script runs with it.
import json, os
os.environ['ATEN_CPU_CAPABILITY'] = 'default'
import torch
from pyfixture import err

torch.manual_seed(0)
out = {}


def v(t):
    return t.detach().reshape(-1).tolist()

# Hooks: y = x * 2 with x = [1, 2]; the loss below; what y.grad and x.grad become.
cases = {}
def case(name, setup, loss='sum'):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    setup(x, y)
    (y * y * 0.5).sum().backward() if loss == 'sq' else (y * 3).sum().backward()
    cases[name] = {'x_grad': v(x.grad), 'y_grad': v(y.grad) if y.grad is not None else None}
case('retain_then_hook', lambda x, y: (y.retain_grad(), y.register_hook(lambda g: g * 10)))
case('hook_then_retain', lambda x, y: (y.register_hook(lambda g: g * 10), y.retain_grad()))
case('two_hooks_in_order', lambda x, y: (y.register_hook(lambda g: g + 1), y.register_hook(lambda g: g * 10)))
case('leaf_hook', lambda x, y: x.register_hook(lambda g: g + 1))
case('observing_hook', lambda x, y: y.register_hook(lambda g: None))
case('removed', lambda x, y: y.register_hook(lambda g: g * 10).remove())
case('square_loss_hook', lambda x, y: y.register_hook(lambda g: g * g), 'sq')
out['cases'] = cases

x = torch.tensor([1.0, 2.0], requires_grad=True); y = x * 2; y.retain_grad(); y.register_hook(lambda g: g * 10)
gx = torch.autograd.grad((y * 3).sum(), [x])[0]
out['autograd_grad'] = {'x': v(gx), 'y_grad': v(y.grad)}
x = torch.tensor([1.0, 2.0], requires_grad=True); y = x * 2; y.register_hook(lambda g: g * 10)
out['autograd_grad_nonleaf_input'] = v(torch.autograd.grad((y * y).sum(), [y])[0])
x = torch.tensor([1.0, 2.0], requires_grad=True); x.register_hook(lambda g: g * 10)
out['autograd_grad_leaf_input'] = v(torch.autograd.grad((x * x).sum(), [x])[0])

# A hook that halves a layer's weight gradient, over three SGD steps.
torch.manual_seed(1)
lin = torch.nn.Linear(3, 2)
w0, b0 = v(lin.weight), v(lin.bias)
lin.weight.register_hook(lambda g: g * 0.5)
opt = torch.optim.SGD(lin.parameters(), lr=0.1)
inp = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])
for _ in range(3):
    opt.zero_grad()
    torch.nn.functional.mse_loss(lin(inp), torch.zeros(2, 2)).backward()
    opt.step()
out['sgd_hook'] = {'w0': w0, 'b0': b0, 'input': v(inp), 'w': v(lin.weight), 'b': v(lin.bias)}

out['hook_errors'] = {
    'no_grad_tensor': err(lambda: torch.ones(2).register_hook(lambda g: g)),
}
def size_change():
    x = torch.ones(2, requires_grad=True)
    def hook(g): return torch.ones(3)
    x.register_hook(hook)
    (x * 2).sum().backward()
out['hook_errors']['size'] = err(size_change)

# Inference mode.
w = torch.randn(3, requires_grad=True)
with torch.inference_mode():
    xi = torch.randn(3)
    inside = {'is_inference': xi.is_inference(), 'enabled': torch.is_inference_mode_enabled(),
              'grad_enabled': torch.is_grad_enabled(), 'w2_requires_grad': (w * 2).requires_grad,
              'w2_is_inference': (w * 2).is_inference(), 'view_of_normal': w[:2].is_inference()}
    with torch.inference_mode(False):
        inside['nested_false'] = {'enabled': torch.is_inference_mode_enabled(), 'grad_enabled': torch.is_grad_enabled(),
                                  'new_is_inference': torch.ones(2).is_inference()}
    xi.add_(1)
    inside['inplace_inside'] = True
out['inference'] = {
    'inside': inside,
    'after': {'enabled': torch.is_inference_mode_enabled(), 'view_is_inference': xi[:2].is_inference(),
              'op_result_is_inference': torch.exp(xi).is_inference(), 'clone_is_inference': xi.clone().is_inference()},
    'errors': {
        'saved_for_backward': err(lambda: (w * xi).sum().backward()),
        'inplace_outside': err(lambda: xi.add_(1)),
        'inplace_view_outside': err(lambda: xi[:1].zero_()),
        'requires_grad_outside': err(lambda: xi.requires_grad_()),
    },
    'not_saved_ok': err(lambda: (w + xi).sum().backward()),
}

# addcmul / addcdiv with a value: ATen rounds (value * t1) * t2 and (value * t1) / t2.
a = torch.randn(64); t1 = torch.randn(64); t2 = torch.rand(64) + 0.5
out['addc'] = {'a': v(a), 't1': v(t1), 't2': v(t2),
               'addcmul': v(torch.addcmul(a, t1, t2, value=0.3)), 'addcdiv': v(torch.addcdiv(a, t1, t2, value=-0.7))}
print(json.dumps(out))
