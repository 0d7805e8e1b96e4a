# Fixture for test/ctc.test.ts: PyTorch 1.13's F.ctc_loss / nn.CTCLoss: losses for padded and
# concatenated targets, unbatched input, every reduction, another blank, impossible alignments with and
# without zero_infinity, gradients with respect to log_probs and through log_softmax, a training step,
# the module's repr, and the errors.
# Run: /usr/bin/python3 scripts/gen-ctc.py > test/fixtures/ctc.json
import json, warnings
import torch
from pyfixture import err, L
import torch.nn.functional as F
warnings.filterwarnings('ignore')


torch.manual_seed(0)
T, N, C = 12, 3, 5
logits = torch.randn(T, N, C)
padded = torch.tensor([[1, 2, 2, 4], [3, 1, 0, 0], [4, 4, 4, 0]])
concat = torch.tensor([1, 2, 2, 4, 3, 1, 4, 4, 4])
il = torch.tensor([12, 9, 10])
tl = torch.tensor([4, 2, 3])
out = {'logits': L(logits), 'padded': L(padded), 'concat': L(concat), 'il': L(il), 'tl': L(tl), 'cases': []}

def case(name, targets, reduction='mean', blank=0, zero_infinity=False, il=il, tl=tl, lg=logits):
    x = lg.clone().requires_grad_()
    lp = x.log_softmax(-1)
    lp.retain_grad()
    loss = F.ctc_loss(lp, targets, il, tl, blank=blank, reduction=reduction, zero_infinity=zero_infinity)
    (loss.sum() if reduction == 'none' else loss).backward()
    out['cases'].append({'name': name, 'targets': L(targets), 'reduction': reduction, 'blank': blank,
                         'zero_infinity': zero_infinity, 'il': L(torch.as_tensor(il)), 'tl': L(torch.as_tensor(tl)),
                         'loss': L(loss), 'grad_lp': L(lp.grad), 'grad_logits': L(x.grad),
                         'grad_fn': type(loss.grad_fn).__name__})

case('padded/mean', padded)
case('padded/sum', padded, 'sum')
case('padded/none', padded, 'none')
case('concatenated/mean', concat)
case('blank 4', torch.tensor([[1, 2, 2, 0], [3, 1, 0, 0], [0, 0, 0, 0]]), 'none', blank=4)
case('impossible, zero_infinity', padded, 'none', zero_infinity=True, il=torch.tensor([12, 9, 2]))
case('empty target', padded, 'none', tl=torch.tensor([4, 0, 3]))
# unbatched
x = logits[:, 0].clone().requires_grad_()
loss = F.ctc_loss(x.log_softmax(-1), padded[0], torch.tensor(12), torch.tensor(4))
loss.backward()
out['unbatched'] = {'loss': L(loss), 'grad_logits': L(x.grad)}
# impossible without zero_infinity: inf loss
out['impossible_inf'] = L(F.ctc_loss(logits.log_softmax(-1), padded, torch.tensor([12, 9, 2]), tl, reduction='none'))

# A training step: Linear → log_softmax → CTCLoss, SGD.
torch.manual_seed(1)
lin = torch.nn.Linear(6, C)
feats = torch.randn(T, N, 6)
crit = torch.nn.CTCLoss()
opt = torch.optim.SGD(lin.parameters(), lr=0.5)
w0, b0 = L(lin.weight), L(lin.bias)
losses = []
for _ in range(3):
    opt.zero_grad()
    l = crit(lin(feats).log_softmax(-1), padded, il, tl)
    losses.append(l.item())
    l.backward()
    opt.step()
out['train'] = {'w0': w0, 'b0': b0, 'feats': L(feats), 'losses': losses, 'w': L(lin.weight), 'b': L(lin.bias)}
out['repr'] = [repr(torch.nn.CTCLoss()), repr(torch.nn.CTCLoss(3, 'sum', True))]
lp = logits.log_softmax(-1)
out['errors'] = {
    'input_length': err(lambda: F.ctc_loss(lp, padded, torch.tensor([13, 9, 10]), tl)),
    'target_size': err(lambda: F.ctc_loss(lp, padded, il, torch.tensor([5, 2, 3]))),
    'blank': err(lambda: F.ctc_loss(lp, padded, il, tl, blank=5)),
    'batch': err(lambda: F.ctc_loss(lp[:, :2], padded, il, tl)),
    'reduction': err(lambda: F.ctc_loss(lp, padded, il, tl, reduction='foo')),
}
def finite(v):
    # JSON has no inf or nan: they are written as the strings JavaScript's Number() reads.
    if isinstance(v, float) and v != v:
        return 'NaN'
    if isinstance(v, float) and v in (float('inf'), float('-inf')):
        return 'Infinity' if v > 0 else '-Infinity'
    if isinstance(v, list):
        return [finite(x) for x in v]
    if isinstance(v, dict):
        return {k: finite(x) for k, x in v.items()}
    return v
print(json.dumps(finite(out)))
