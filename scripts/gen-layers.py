# Writes test/fixtures/layers.json: what PyTorch 1.13 computes for nn.EmbeddingBag / F.embedding_bag,
# nn.MaxUnpool1d/2d / F.max_unpool1d/2d and nn.LPPool1d/2d / F.lp_pool1d/2d (forward values, gradients of
# sum(out * g), grad_fn names, seeded initial weights, reprs, error messages and a few SGD steps of a
# text classifier). Every input is written into the JSON, so the tests never depend on reproducing it.
# Run from the repo root: /usr/bin/python3 scripts/gen-layers.py
import json
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
r = torch.randn


from pyfixture import enc, message as message_of


def message(f):
    return message_of(f, with_type=True)


L = lambda *v: torch.tensor(v, dtype=torch.long)  # noqa: E731
out = {}

# ---------------------------------------------------------------- embedding_bag

bags = []


def eb(id, input, offsets=None, psw=None, **kw):
    w = r(10, 3).requires_grad_(True)
    w0 = w.detach().clone()
    p = psw.clone().requires_grad_(True) if psw is not None else None
    y = F.embedding_bag(input, w, offsets, per_sample_weights=p, **kw)
    g = r(y.shape)
    (y * g).sum().backward()
    bags.append({'id': id, 'kwargs': kw, 'input': enc(input), 'offsets': enc(offsets), 'psw': enc(psw), 'weight': enc(w0),
                 'weight_after': enc(w), 'out': enc(y), 'grad_fn': type(y.grad_fn).__name__, 'grad_out': enc(g),
                 'grad_weight': enc(w.grad), 'grad_psw': enc(p.grad) if p is not None else None})


ids = L(1, 2, 4, 5, 4, 3, 2, 9)
for mode in ['sum', 'mean', 'max']:
    eb(f'{mode}/offsets', ids, L(0, 4), mode=mode)
    eb(f'{mode}/2d', L(1, 2, 4, 5, 4, 3, 2, 9, 0).reshape(3, 3), mode=mode)
    eb(f'{mode}/empty-bags', ids, L(0, 0, 3, 3, 8), mode=mode)
    eb(f'{mode}/include_last_offset', ids, L(0, 3, 5, 5, 8), mode=mode, include_last_offset=True)
    eb(f'{mode}/padding_idx', L(2, 2, 4, 5, 2, 3, 2, 9), L(0, 2, 5), mode=mode, padding_idx=2)
    eb(f'{mode}/max_norm', ids, L(0, 3, 6), mode=mode, max_norm=1.0)
eb('sum/psw', ids, L(0, 3, 6), r(8), mode='sum')
eb('sum/psw-2d', ids.reshape(2, 4), None, r(2, 4), mode='sum')
eb('sum/psw-padding', L(2, 2, 4, 5, 2, 3, 2, 9), L(0, 2, 5), r(8), mode='sum', padding_idx=2)
eb('sum/scale_grad_by_freq', ids, L(0, 4), mode='sum', scale_grad_by_freq=True)
eb('mean/scale_grad_by_freq', ids, L(0, 3, 6), mode='mean', scale_grad_by_freq=True)
# ATen 1.13's CPU backward divides the i-th distinct index by the count of sorted_indices[i] (row 7 by 2 here).
eb('sum/scale_grad_by_freq-sorted-quirk', L(7, 7, 7, 1, 3, 3, 2, 7), L(0, 2, 5), mode='sum', scale_grad_by_freq=True)
eb('mean/scale_grad_by_freq-padding', L(7, 0, 7, 1, 0, 3, 0, 7), L(0, 2, 5), mode='mean', scale_grad_by_freq=True, padding_idx=0)
eb('max/duplicates', L(3, 3, 5, 3, 5), L(0, 3), mode='max')
eb('mean/max_norm-p1', ids, L(0, 3, 6), mode='mean', max_norm=1.5, norm_type=1.0)
eb('mean/negative-padding_idx', L(2, 9, 4, 5, 9, 3, 2, 9), L(0, 2, 5), mode='mean', padding_idx=-1)
eb('mean/empty-input', torch.zeros(0, dtype=torch.long), L(0, 0), mode='mean')
out['embedding_bag'] = bags

modules = []
for code, make in [
    ("new nn.EmbeddingBag(10, 3)", lambda: nn.EmbeddingBag(10, 3)),
    ("new nn.EmbeddingBag(10, 3, null, 2.0, false, 'sum')", lambda: nn.EmbeddingBag(10, 3, None, 2.0, False, 'sum')),
    ("new nn.EmbeddingBag(6, 4, { mode: 'max', padding_idx: 1 })", lambda: nn.EmbeddingBag(6, 4, mode='max', padding_idx=1)),
    ("new nn.EmbeddingBag(6, 4, { max_norm: 1.5, norm_type: 1, scale_grad_by_freq: true, padding_idx: -2 })",
     lambda: nn.EmbeddingBag(6, 4, max_norm=1.5, norm_type=1., scale_grad_by_freq=True, padding_idx=-2)),
    ("new nn.EmbeddingBag(5, 2, { sparse: true, include_last_offset: true })", lambda: nn.EmbeddingBag(5, 2, sparse=True, include_last_offset=True)),
]:
    torch.manual_seed(7)
    m = make()
    modules.append({'code': code, 'repr': repr(m), 'weight': enc(m.weight), 'padding_idx': m.padding_idx,
                    'requires_grad': m.weight.requires_grad})
pre = r(4, 3)
for code, make in [
    ("nn.EmbeddingBag.from_pretrained(pre)", lambda: nn.EmbeddingBag.from_pretrained(pre)),
    ("nn.EmbeddingBag.from_pretrained(pre, false, null, 2, false, 'sum')", lambda: nn.EmbeddingBag.from_pretrained(pre, False, None, 2, False, 'sum')),
    ("nn.EmbeddingBag.from_pretrained(pre, { freeze: false, mode: 'max', padding_idx: 0 })", lambda: nn.EmbeddingBag.from_pretrained(pre, freeze=False, mode='max', padding_idx=0)),
]:
    m = make()
    modules.append({'code': code, 'repr': repr(m), 'weight': enc(m.weight), 'padding_idx': m.padding_idx,
                    'requires_grad': m.weight.requires_grad})
out['pretrained'] = enc(pre)
out['embedding_bag_modules'] = modules

# Module forward with offsets / per_sample_weights, in eval: one check of the module's plumbing.
torch.manual_seed(3)
m = nn.EmbeddingBag(10, 3, mode='sum', include_last_offset=True)
psw = r(8)
out['module_forward'] = {'seed': 3, 'input': enc(ids), 'offsets': enc(L(0, 3, 8)), 'psw': enc(psw),
                         'out': enc(m(ids, L(0, 3, 8), psw))}

# ---------------------------------------------------------------- a text classifier's SGD steps


class TextClassificationModel(nn.Module):
    def __init__(self, vocab_size, embed_dim, num_class):
        super().__init__()
        self.embedding = nn.EmbeddingBag(vocab_size, embed_dim, sparse=False)
        self.fc = nn.Linear(embed_dim, num_class)

    def forward(self, text, offsets):
        return self.fc(self.embedding(text, offsets))


torch.manual_seed(0)
model = TextClassificationModel(30, 8, 4)
text = torch.randint(0, 30, (40,))
offsets = L(0, 5, 12, 12, 20, 27, 33)
labels = torch.randint(0, 4, (7,))
opt = torch.optim.SGD(model.parameters(), lr=4.0)
losses = []
for _ in range(3):
    opt.zero_grad()
    loss = F.cross_entropy(model(text, offsets), labels)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 0.1)
    opt.step()
    losses.append(loss.item())
out['train'] = {'seed': 0, 'repr': repr(model), 'text': enc(text), 'offsets': enc(offsets), 'labels': enc(labels),
                'losses': losses, 'params': {k: enc(v) for k, v in model.state_dict().items()}}

# ---------------------------------------------------------------- max_unpool

unpools = []


def up(id, fn, x, pool_kw, unpool_args, unpool_kw):
    pool = {'max_unpool2d': F.max_pool2d, 'max_unpool1d': F.max_pool1d}[fn]
    y, idx = pool(x, return_indices=True, **pool_kw)
    y = y.detach().requires_grad_(True)
    o = getattr(F, fn)(y, idx, *unpool_args, **unpool_kw)
    g = r(o.shape)
    (o * g).sum().backward()
    unpools.append({'id': id, 'fn': fn, 'args': unpool_args, 'kwargs': unpool_kw, 'input': enc(y), 'indices': enc(idx),
                    'out': enc(o), 'grad_fn': type(o.grad_fn).__name__, 'grad_out': enc(g), 'grad': enc(y.grad)})


up('2d/k2', 'max_unpool2d', r(2, 3, 6, 6), {'kernel_size': 2}, [2], {})
up('2d/k3s2p1-output_size', 'max_unpool2d', r(2, 2, 7, 7), {'kernel_size': 3, 'stride': 2, 'padding': 1}, [3, 2, 1], {'output_size': [7, 7]})
up('2d/output_size-4d', 'max_unpool2d', r(1, 2, 5, 5), {'kernel_size': 2}, [2], {'output_size': [1, 2, 5, 5]})
up('2d/overlap', 'max_unpool2d', r(1, 1, 5, 5), {'kernel_size': 3, 'stride': 1}, [3, 1], {})
up('2d/unbatched-rect', 'max_unpool2d', r(3, 4, 6), {'kernel_size': (2, 3)}, [(2, 3)], {})
up('1d/k2', 'max_unpool1d', r(2, 3, 8), {'kernel_size': 2}, [2], {})
up('1d/k3s2-output_size', 'max_unpool1d', r(2, 2, 10), {'kernel_size': 3, 'stride': 2}, [3, 2], {'output_size': [10]})
up('1d/unbatched', 'max_unpool1d', r(3, 9), {'kernel_size': 3}, [3], {})
out['max_unpool'] = unpools

# ---------------------------------------------------------------- lp_pool

lps = []


def lp(id, fn, x, args, kw):
    x = x.clone().requires_grad_(True)
    o = getattr(F, fn)(x, *args, **kw)
    g = r(o.shape)
    (o * g).sum().backward()
    lps.append({'id': id, 'fn': fn, 'args': args, 'kwargs': kw, 'input': enc(x), 'out': enc(o),
                'grad_fn': type(o.grad_fn).__name__, 'grad_out': enc(g), 'grad': enc(x.grad)})


lp('2d/p2k3s2', 'lp_pool2d', r(2, 3, 7, 7), [2, 3, 2], {})
lp('2d/p1.5k2', 'lp_pool2d', r(1, 2, 6, 6).abs() + 0.1, [1.5, 2], {})
lp('2d/rect-ceil', 'lp_pool2d', r(2, 2, 7, 6).abs() + 0.1, [3, (2, 3)], {'stride': (2, 2), 'ceil_mode': True})
lp('2d/unbatched', 'lp_pool2d', r(3, 5, 5), [2, 2], {'stride': 1})
lp('1d/p2k3', 'lp_pool1d', r(2, 3, 9), [2, 3], {})
lp('1d/p1k2s1', 'lp_pool1d', r(2, 3, 7).abs() + 0.1, [1, 2, 1], {})
lp('1d/ceil', 'lp_pool1d', r(1, 2, 8).abs() + 0.1, [4, 3], {'stride': 2, 'ceil_mode': True})
out['lp_pool'] = lps

# ---------------------------------------------------------------- reprs and errors

out['reprs'] = [{'code': c, 'text': repr(m)} for c, m in [
    ('new nn.MaxUnpool2d(2)', nn.MaxUnpool2d(2)),
    ('new nn.MaxUnpool2d([2, 3], 1, [1, 0])', nn.MaxUnpool2d((2, 3), 1, (1, 0))),
    ('new nn.MaxUnpool2d(3, { stride: 2, padding: 1 })', nn.MaxUnpool2d(3, stride=2, padding=1)),
    ('new nn.MaxUnpool1d(3, 2)', nn.MaxUnpool1d(3, 2)),
    ('new nn.MaxUnpool1d(2)', nn.MaxUnpool1d(2)),
    ('new nn.LPPool2d(2, 3)', nn.LPPool2d(2, 3)),
    ('new nn.LPPool2d(1.5, [2, 3], [2, 2], true)', nn.LPPool2d(1.5, (2, 3), (2, 2), True)),
    ('new nn.LPPool1d(3, 2, { stride: 1 })', nn.LPPool1d(3, 2, stride=1)),
]]

W = r(10, 3)
x4 = r(1, 1, 4, 4)
y4, i4 = F.max_pool2d(x4, 2, return_indices=True)
x3 = r(1, 2, 6)
y3, i3 = F.max_pool1d(x3, 2, return_indices=True)
errors = {
    'eb/offsets0': lambda: F.embedding_bag(ids, W, L(1, 4)),
    'eb/offsets-last': lambda: F.embedding_bag(ids, W, L(0, 9)),
    'eb/offsets-last-include': lambda: F.embedding_bag(ids, W, L(0, 3, 9), include_last_offset=True),
    'eb/2d-offsets': lambda: F.embedding_bag(ids.reshape(2, 4), W, L(0, 2)),
    'eb/1d-no-offsets': lambda: F.embedding_bag(ids, W),
    'eb/offsets-2d': lambda: F.embedding_bag(ids, W, L(0, 2).reshape(1, 2)),
    'eb/input-3d': lambda: F.embedding_bag(ids.reshape(2, 2, 2), W),
    'eb/mode': lambda: F.embedding_bag(ids, W, L(0, 4), mode='median'),
    'eb/max-scale': lambda: F.embedding_bag(ids, W, L(0, 4), mode='max', scale_grad_by_freq=True),
    'eb/max-sparse': lambda: F.embedding_bag(ids, W, L(0, 4), mode='max', sparse=True),
    'eb/psw-mean': lambda: F.embedding_bag(ids, W, L(0, 4), mode='mean', per_sample_weights=r(8)),
    'eb/psw-shape': lambda: F.embedding_bag(ids, W, L(0, 4), mode='sum', per_sample_weights=r(7)),
    'eb/index-range': lambda: F.embedding_bag(L(1, 10, 2), W, L(0, 1)),
    'eb/index-negative': lambda: F.embedding_bag(L(1, -1, 2), W, L(0, 1)),
    'eb/float-input': lambda: F.embedding_bag(torch.ones(3), W, L(0, 1)),
    'eb/float-offsets': lambda: F.embedding_bag(ids, W, torch.zeros(2)),
    'eb/module-padding': lambda: nn.EmbeddingBag(10, 3, padding_idx=10),
    'eb/module-weight': lambda: nn.EmbeddingBag(10, 3, _weight=r(3, 10)),
    'eb/pretrained-1d': lambda: nn.EmbeddingBag.from_pretrained(r(4)),
    'unpool/output_size-range': lambda: F.max_unpool2d(y4, i4, 2, output_size=[6, 6]),
    'unpool/output_size-len': lambda: F.max_unpool2d(y4, i4, 2, output_size=[4, 4, 4]),
    'unpool/index-range': lambda: F.max_unpool2d(y4, i4 + 16, 2),
    'unpool/index-negative': lambda: F.max_unpool2d(y4, i4 - 16, 2),
    'unpool/indices-shape': lambda: F.max_unpool2d(y4, i4[..., :1], 2),
    'unpool/indices-dtype': lambda: F.max_unpool2d(y4, i4.float(), 2),
    'unpool/input-2d': lambda: F.max_unpool2d(y4[0, 0], i4[0, 0], 2),
    'unpool1d/input-4d': lambda: F.max_unpool1d(y4, i4, 2),
    'unpool1d/index-range': lambda: F.max_unpool1d(y3, i3 + 6, 2),
    'unpool1d/output_size-range': lambda: F.max_unpool1d(y3, i3, 2, output_size=[8]),
}
out['error_inputs'] = {'x4': enc(x4), 'x3': enc(x3)}
out['errors'] = [{'id': k, 'message': message(f)} for k, f in errors.items()]

with open('test/fixtures/layers.json', 'w') as f:
    json.dump({'torch': torch.__version__, **out}, f, indent=None, separators=(',', ':'))
