# Fixture for test/prune.test.ts: PyTorch 1.13's torch.nn.utils.prune: each method's mask (seeded draws for the
# random ones), what a pruned module holds (parameters, buffers, state_dict keys, grad_fn), masks combined by a
# PruningContainer (unstructured after structured and the other way round), importance scores, global pruning,
# custom_from_mask, remove, is_pruned, the gradient reaching <name>_orig, and the errors.
# Run: /usr/bin/python3 scripts/gen-prune.py > test/fixtures/prune.json
import json
import torch
import torch.nn.utils.prune as prune
from pyfixture import err, L
from torch import nn

out = {}


def state(m, name='weight'):
    return {'params': [n for n, _ in m.named_parameters()], 'buffers': [n for n, _ in m.named_buffers()],
            'keys': list(m.state_dict().keys()), 'mask': L(getattr(m, name + '_mask')), 'value': L(getattr(m, name)),
            'grad_fn': type(getattr(m, name).grad_fn).__name__,
            'hooks': [type(h).__name__ for h in m._forward_pre_hooks.values()]}


def conv(seed=0):
    torch.manual_seed(seed)
    return nn.Conv2d(2, 4, 3)


torch.manual_seed(0)
c = nn.Conv2d(2, 4, 3)
out['conv'] = {'weight': L(c.weight), 'bias': L(c.bias)}
prune.random_unstructured(c, 'weight', amount=0.3)
out['random_unstructured'] = state(c)
prune.l1_unstructured(c, 'bias', amount=2)
out['l1_bias'] = state(c, 'bias')
prune.ln_structured(c, 'weight', amount=0.5, n=2, dim=0)
out['ln_after_random'] = state(c)
prune.random_structured(c, 'weight', amount=1, dim=1)
out['random_structured_after'] = state(c)
prune.l1_unstructured(c, 'weight', amount=5)
out['l1_after_structured'] = state(c)
out['container'] = [type(m).__name__ for h in c._forward_pre_hooks.values() if h._tensor_name == 'weight' for m in h]
x = torch.randn(1, 2, 5, 5)
out['x'] = L(x)
y = c(x)
y.sum().backward()
out['forward'] = {'y': L(y), 'grad_orig': L(c.weight_orig.grad), 'grad_bias_orig': L(c.bias_orig.grad)}
prune.remove(c, 'weight')
out['removed'] = {'params': [n for n, _ in c.named_parameters()], 'buffers': [n for n, _ in c.named_buffers()],
                  'weight': L(c.weight), 'is_param': isinstance(c.weight, nn.Parameter), 'pruned': prune.is_pruned(c)}
prune.remove(c, 'bias')
out['removed_all'] = prune.is_pruned(c)

# each method alone on a fresh Linear, with ints, fractions and the other norms
cases = {}
for key, f in {
    'l1_frac': lambda m: prune.l1_unstructured(m, 'weight', amount=0.25),
    'l1_int0': lambda m: prune.l1_unstructured(m, 'weight', amount=0),
    'l1_all': lambda m: prune.l1_unstructured(m, 'weight', amount=15),
    'ln1_dim1': lambda m: prune.ln_structured(m, 'weight', amount=2, n=1, dim=1),
    'lninf_dim-1': lambda m: prune.ln_structured(m, 'weight', amount=0.4, n=float('inf'), dim=-1),
    'lnfro_dim0': lambda m: prune.ln_structured(m, 'weight', amount=1, n='fro', dim=0),
    'random_structured': lambda m: prune.random_structured(m, 'weight', amount=0.5, dim=0),
    'random_unstructured_half': lambda m: prune.random_unstructured(m, 'weight', amount=0.5),
    'identity': lambda m: prune.identity(m, 'weight'),
    'importance': lambda m: prune.l1_unstructured(m, 'weight', amount=4, importance_scores=torch.arange(15.).view(3, 5).flip(1)),
    'ln_importance': lambda m: prune.ln_structured(m, 'weight', amount=1, n=2, dim=0, importance_scores=torch.arange(15.).view(3, 5)),
    'custom': lambda m: prune.custom_from_mask(m, 'weight', mask=torch.tensor([[1., 0, 1, 0, 1]] * 3)),
    'custom_then_l1': lambda m: prune.l1_unstructured(prune.custom_from_mask(m, 'weight', mask=torch.tensor([[1., 0, 1, 0, 1]] * 3)), 'weight', amount=3),
    'l1_twice': lambda m: prune.l1_unstructured(prune.l1_unstructured(m, 'weight', amount=0.2), 'weight', amount=0.5),
}.items():
    torch.manual_seed(3)
    m = nn.Linear(5, 3)
    w = L(m.weight)
    f(m)
    cases[key] = {'w': w, **state(m)}
out['cases'] = cases
out['round_half_even'] = [L(prune.L1Unstructured(amount=a).compute_mask(torch.arange(1., 11.), torch.ones(10))) for a in (0.25, 0.35, 0.45)]
out['prune_method'] = L(prune.L1Unstructured(amount=2).prune(torch.tensor([3., -1., 0.5, 2.])))

# global pruning over three layers
torch.manual_seed(4)
net = nn.Sequential(nn.Linear(4, 3), nn.Linear(3, 2), nn.Linear(2, 2))
ws = [L(l.weight) for l in net]
prune.global_unstructured([(net[0], 'weight'), (net[1], 'weight'), (net[2], 'weight')], pruning_method=prune.L1Unstructured, amount=0.3)
out['global'] = {'w': ws, 'masks': [L(l.weight_mask) for l in net], 'hooks': [type(h).__name__ for h in net[0]._forward_pre_hooks.values()]}
prune.global_unstructured([(net[0], 'weight'), (net[1], 'weight')], pruning_method=prune.L1Unstructured, amount=4,
                          importance_scores={(net[1], 'weight'): torch.ones(2, 3)})
out['global_again'] = {'masks': [L(l.weight_mask) for l in net[:2]],
                       'container': [type(m).__name__ for m in list(net[0]._forward_pre_hooks.values())[0]]}
torch.manual_seed(4)
net = nn.Sequential(nn.Linear(4, 3), nn.Linear(3, 2))
prune.global_unstructured([(net[0], 'weight'), (net[1], 'bias')], pruning_method=prune.RandomUnstructured, amount=5)
out['global_random'] = [L(net[0].weight_mask), L(net[1].bias_mask)]

# a custom method
class FooBarPruningMethod(prune.BasePruningMethod):
    PRUNING_TYPE = 'unstructured'

    def compute_mask(self, t, default_mask):
        mask = default_mask.clone()
        mask.view(-1)[::2] = 0
        return mask


torch.manual_seed(3)
m = nn.Linear(5, 3)
FooBarPruningMethod.apply(m, 'bias')
prune.l1_unstructured(m, 'bias', amount=1)
out['custom_method'] = {'b': L(m.bias_orig), 'mask': L(m.bias_mask), 'container': [type(h).__name__ for h in list(m._forward_pre_hooks.values())[0]]}

# errors (and the module left as it was)
m = nn.Linear(5, 3)
errs = {
    'too_many': err(lambda: prune.l1_unstructured(m, 'weight', amount=16)),
    'frac_range': err(lambda: prune.random_unstructured(m, 'weight', amount=1.5)),
    'negative': err(lambda: prune.random_unstructured(m, 'weight', amount=-1)),
    'type': err(lambda: prune.random_unstructured(m, 'weight', amount='a')),
    'structured_1d': err(lambda: prune.ln_structured(m, 'bias', amount=1, n=2, dim=0)),
    'dim': err(lambda: prune.ln_structured(m, 'weight', amount=1, n=2, dim=2)),
    'remove': err(lambda: prune.remove(m, 'weight')),
    'channels': err(lambda: prune.random_structured(m, 'weight', amount=6, dim=1)),
    'global_type': err(lambda: prune.global_unstructured([(m, 'weight')], pruning_method=prune.LnStructured, amount=1, n=2, dim=0)),
}
named = prune.Identity()
named._tensor_name = 'weight'
other = prune.Identity()
other._tensor_name = 'bias'
errs['container_add'] = err(lambda: prune.PruningContainer(named).add_pruning_method(3))
errs['container_name'] = err(lambda: prune.PruningContainer(named).add_pruning_method(other))
errs['params_after'] = [n for n, _ in m.named_parameters()]
errs['pruned_after'] = prune.is_pruned(m)
out['errors'] = errs
print(json.dumps(out))
