# Writes test/fixtures/attention.json: what PyTorch 1.13 computes for nn.MultiheadAttention, the
# Transformer encoder/decoder layers and stacks and nn.Transformer: parameters right after
# torch.manual_seed(seed) (bit-exact), outputs, attention weights, gradients of sum(out * g) (+ sum(w * gw))
# for every input and parameter, dropout in training with a seed, eval (fast-path) results, reprs,
# state_dict keys, a short training run and error messages. Every input is written into the JSON.
# Run from the repo root: /usr/bin/python3 scripts/gen-attention.py
import json
import math
import warnings
import torch
import torch.nn as nn

warnings.simplefilter('ignore')
r = torch.randn


def enc(t):
    if t is None:
        return None
    if isinstance(t, torch.Tensor):
        t = t.detach()
        dt = {torch.float32: 'float32', torch.int64: 'int64', torch.bool: 'bool'}[t.dtype]
        # JSON has no inf or nan: they are written as strings
        data = [x if not isinstance(x, float) or math.isfinite(x) else str(x) for x in t.flatten().tolist()]
        return {'dtype': dt, 'shape': list(t.shape), 'data': data}
    return [enc(x) for x in t]


ERROR_TYPES = {}


def message(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001 - the message is the point
        ERROR_TYPES[str(e)] = type(e).__name__
        return str(e)
    raise AssertionError('no error')


def act(a):
    return nn.GELU() if a == 'GELU()' else a


def kpm_bool(n, s, lens):
    return torch.arange(s)[None, :].expand(n, s) >= torch.tensor(lens)[:, None]


def causal(n, s=None):
    return torch.triu(torch.ones(n, s or n, dtype=torch.bool), 1)


out = {}

# ---------------------------------------------------------------- MultiheadAttention

mha = []


def attention(id, args, kw, L, S, N, qkv='self', masks=None, call=None, train=False, seed=0, drop_seed=None, grad=True):
    """qkv: 'self' (one tensor), 'kv' (key is value), 'all' (three tensors). N None: unbatched."""
    torch.manual_seed(seed)
    m = nn.MultiheadAttention(*args, **kw)
    params = {k: enc(p) for k, p in m.named_parameters()}
    m.train(train)
    E = args[0]
    kd, vd = kw.get('kdim') or E, kw.get('vdim') or E
    bf = kw.get('batch_first', False)
    shp = (lambda n, e: (n, e) if N is None else ((N, n, e) if bf else (n, N, e)))
    q = r(*shp(L, E)).requires_grad_(grad)
    k = q if qkv == 'self' else r(*shp(S, kd)).requires_grad_(grad)
    v = k if qkv in ('self', 'kv') else r(*shp(S, vd)).requires_grad_(grad)
    masks = masks or {}
    call = call or {}
    if drop_seed is not None:
        torch.manual_seed(drop_seed)
    ctx = torch.enable_grad() if grad else torch.no_grad()
    with ctx:
        o, w = m(q, k, v, **masks, **call)
    case = {'id': id, 'args': args, 'kwargs': kw, 'seed': seed, 'train': train, 'drop_seed': drop_seed, 'qkv': qkv, 'grad': grad,
            'repr': repr(m), 'state_dict': list(m.state_dict().keys()), 'params': params,
            'q': enc(q), 'k': enc(k), 'v': enc(v), 'masks': {a: enc(b) for a, b in masks.items()}, 'call': call,
            'out': enc(o), 'weights': enc(w)}
    if grad:
        g = r(*o.shape)
        gw = r(*w.shape) if w is not None else None
        loss = (o * g).sum() + ((w * gw).sum() if w is not None else 0)
        loss.backward()
        case.update({'g': enc(g), 'gw': enc(gw), 'grad_q': enc(q.grad), 'grad_k': enc(k.grad), 'grad_v': enc(v.grad),
                     'grads': {k_: enc(p.grad) for k_, p in m.named_parameters()}})
    mha.append(case)


attention('self-attention', [4, 2], {}, 3, 3, 2, seed=1)
attention('batch_first, bool key_padding_mask, per-head weights', [6, 3], {'batch_first': True}, 5, 5, 2,
          masks={'key_padding_mask': kpm_bool(2, 5, [5, 3])}, call={'average_attn_weights': False}, seed=2)
attention('cross-attention, float 2-D attn_mask', [4, 2], {}, 3, 5, 2, qkv='kv', masks={'attn_mask': r(3, 5)}, seed=3)
attention('kdim, vdim, bool 3-D attn_mask and key_padding_mask', [4, 2], {'kdim': 3, 'vdim': 5}, 3, 4, 2, qkv='all',
          masks={'attn_mask': causal(3, 4).repeat(4, 1, 1), 'key_padding_mask': kpm_bool(2, 4, [4, 2])}, seed=4)
attention('add_bias_kv, add_zero_attn, float key_padding_mask', [4, 2], {'add_bias_kv': True, 'add_zero_attn': True}, 3, 4, 2,
          qkv='all', masks={'key_padding_mask': r(2, 4), 'attn_mask': causal(3, 4)}, seed=5)
attention('float attn_mask with bool key_padding_mask', [8, 4], {}, 4, 4, 3,
          masks={'attn_mask': r(4, 4), 'key_padding_mask': kpm_bool(3, 4, [4, 1, 3])}, seed=6)
attention('unbatched, 3-D attn_mask, 1-D key_padding_mask', [4, 2], {}, 3, 5, None, qkv='kv',
          masks={'attn_mask': r(2, 3, 5), 'key_padding_mask': torch.tensor([False, False, True, False, True])}, seed=7)
attention('unbatched batch_first, no weights', [4, 1], {'batch_first': True}, 3, 3, None, call={'need_weights': False}, seed=8)
attention('no bias, need_weights=False', [4, 2], {'bias': False}, 3, 4, 2, qkv='all', call={'need_weights': False}, seed=9)
attention('kdim with bias_kv, batch_first', [6, 2], {'kdim': 4, 'vdim': 4, 'add_bias_kv': True, 'batch_first': True}, 2, 3, 3,
          qkv='kv', seed=10)
attention('dropout in training', [8, 2], {'dropout': 0.3}, 5, 5, 3, train=True, seed=11, drop_seed=123)
attention('dropout in eval', [8, 2], {'dropout': 0.3}, 5, 5, 3, seed=12)
attention('eval fast path (no grad, batch_first, key_padding_mask)', [8, 2], {'batch_first': True}, 4, 4, 3,
          masks={'key_padding_mask': kpm_bool(3, 4, [4, 2, 3])}, seed=13, grad=False)
out['mha'] = mha

# ---------------------------------------------------------------- Transformer layers, stacks and the Transformer

tf = []


def transformer(id, kind, args, kw, src_shape, tgt_shape=None, masks=None, train=False, seed=0, drop_seed=None, grad=True,
                num_layers=None, norm=False):
    torch.manual_seed(seed)
    kw2 = dict(kw)
    if 'activation' in kw2:
        kw2['activation'] = act(kw2['activation'])
    if kind in ('TransformerEncoder', 'TransformerDecoder'):
        layer = getattr(nn, kind + 'Layer')(*args, **kw2)
        m = getattr(nn, kind)(layer, num_layers, nn.LayerNorm(args[0]) if norm else None)
    else:
        m = getattr(nn, kind)(*args, **kw2)
    params = {k: enc(p) for k, p in m.named_parameters()}
    m.train(train)
    src = r(*src_shape).requires_grad_(grad)
    tgt = r(*tgt_shape).requires_grad_(grad) if tgt_shape else None
    masks = masks or {}
    if drop_seed is not None:
        torch.manual_seed(drop_seed)
    with (torch.enable_grad() if grad else torch.no_grad()):
        o = m(src, **masks) if tgt is None else m(tgt if kind.startswith('TransformerDecoder') else src,
                                                    src if kind.startswith('TransformerDecoder') else tgt, **masks)
    case = {'id': id, 'kind': kind, 'args': args, 'kwargs': kw, 'num_layers': num_layers, 'norm': norm, 'seed': seed, 'train': train,
            'drop_seed': drop_seed, 'grad': grad, 'repr': repr(m), 'state_dict': list(m.state_dict().keys()), 'params': params,
            'src': enc(src), 'tgt': enc(tgt), 'masks': {a: enc(b) for a, b in masks.items()}, 'out': enc(o)}
    if grad:
        g = r(*o.shape)
        (o * g).sum().backward()
        case.update({'g': enc(g), 'grad_src': enc(src.grad), 'grad_tgt': enc(tgt.grad if tgt is not None else None),
                     'grads': {k: enc(p.grad) for k, p in m.named_parameters()}})
    tf.append(case)


EL = 'TransformerEncoderLayer'
DL = 'TransformerDecoderLayer'
ff = {'dim_feedforward': 16}
transformer('encoder layer', EL, [8, 2], ff, (5, 3, 8), seed=20)
transformer('encoder layer, gelu, norm_first, masks', EL, [8, 2], {**ff, 'activation': 'gelu', 'norm_first': True}, (5, 3, 8),
            masks={'src_mask': causal(5), 'src_key_padding_mask': kpm_bool(3, 5, [5, 4, 2])}, seed=21)
transformer('encoder layer, batch_first, nn.GELU(), float mask', EL, [8, 4], {**ff, 'activation': 'GELU()', 'batch_first': True,
            'layer_norm_eps': 1e-3}, (3, 4, 8), masks={'src_mask': r(4, 4)}, seed=22)
transformer('encoder layer, unbatched', EL, [8, 2], ff, (4, 8), seed=23)
transformer('encoder layer, dropout in training', EL, [8, 2], {**ff, 'dropout': 0.2}, (5, 3, 8), train=True, seed=24, drop_seed=5)
transformer('encoder layer, eval fast path', EL, [8, 2], {**ff, 'batch_first': True}, (3, 5, 8),
            masks={'src_key_padding_mask': kpm_bool(3, 5, [5, 3, 4])}, seed=25, grad=False)
transformer('decoder layer', DL, [8, 2], ff, (5, 3, 8), (4, 3, 8), masks={'tgt_mask': causal(4).float() * -1e9}, seed=30)
transformer('decoder layer, norm_first, gelu, batch_first, padding masks', DL, [8, 4],
            {**ff, 'norm_first': True, 'activation': 'gelu', 'batch_first': True}, (2, 5, 8), (2, 3, 8),
            masks={'tgt_mask': causal(3), 'memory_key_padding_mask': kpm_bool(2, 5, [5, 3]), 'tgt_key_padding_mask': kpm_bool(2, 3, [3, 2])},
            seed=31)
transformer('decoder layer, dropout in training', DL, [8, 2], {**ff, 'dropout': 0.3}, (4, 2, 8), (3, 2, 8), train=True, seed=32, drop_seed=9)
transformer('encoder stack with norm', 'TransformerEncoder', [8, 2], ff, (5, 3, 8), num_layers=3, norm=True,
            masks={'mask': causal(5)}, seed=40)
transformer('encoder stack, training', 'TransformerEncoder', [8, 2], {**ff, 'dropout': 0.25}, (5, 2, 8), num_layers=2, train=True,
            seed=41, drop_seed=3)
transformer('encoder stack, eval nested fast path zeroes padding', 'TransformerEncoder', [8, 2], {**ff, 'batch_first': True}, (3, 5, 8),
            num_layers=2, norm=True, masks={'src_key_padding_mask': kpm_bool(3, 5, [5, 2, 4])}, seed=42, grad=False)
transformer('decoder stack with norm', 'TransformerDecoder', [8, 2], ff, (5, 2, 8), (4, 2, 8), num_layers=2, norm=True,
            masks={'tgt_mask': nn.Transformer.generate_square_subsequent_mask(4)}, seed=43)
transformer('Transformer', 'Transformer', [], {'d_model': 8, 'nhead': 2, 'num_encoder_layers': 2, 'num_decoder_layers': 2, **ff},
            (5, 3, 8), (4, 3, 8), masks={'tgt_mask': nn.Transformer.generate_square_subsequent_mask(4),
                                         'src_key_padding_mask': kpm_bool(3, 5, [5, 4, 3])}, seed=44)
transformer('Transformer, batch_first, norm_first, training', 'Transformer', [],
            {'d_model': 8, 'nhead': 4, 'num_encoder_layers': 1, 'num_decoder_layers': 2, 'dropout': 0.2, 'batch_first': True,
             'norm_first': True, **ff}, (2, 5, 8), (2, 3, 8), train=True, seed=45, drop_seed=11)
out['transformer'] = tf

# ---------------------------------------------------------------- reprs

reprs = []
for ctor, args, kw in [
    ('MultiheadAttention', [4, 2], {'kdim': 3, 'bias': False}), ('MultiheadAttention', [6, 3], {'add_bias_kv': True, 'dropout': 0.5}),
    ('TransformerEncoderLayer', [8, 2], {'activation': 'GELU()', 'dim_feedforward': 4}), ('TransformerDecoderLayer', [4, 1], {'dim_feedforward': 8}),
    ('Transformer', [], {'d_model': 4, 'nhead': 2, 'num_encoder_layers': 1, 'num_decoder_layers': 1, 'dim_feedforward': 8}),
]:
    kw2 = {**kw, 'activation': act(kw['activation'])} if 'activation' in kw else kw
    m = getattr(nn, ctor)(*args, **kw2)
    reprs.append({'ctor': ctor, 'args': args, 'kwargs': kw, 'repr': repr(m), 'state_dict': list(m.state_dict().keys()),
                  'shapes': [list(p.shape) for p in m.parameters()]})
out['reprs'] = reprs
out['square_mask'] = enc(nn.Transformer.generate_square_subsequent_mask(4))

# ---------------------------------------------------------------- training: a small Transformer encoder


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.inp = nn.Linear(3, 8)
        self.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16, 0.1, batch_first=True), 2)
        self.head = nn.Linear(8, 1)

    def forward(self, x, pad):
        h = self.encoder(self.inp(x), src_key_padding_mask=pad)
        return self.head(h.mean(1)).squeeze(1)


torch.manual_seed(42)
net = Net()
init = {k: enc(v) for k, v in net.state_dict().items()}
X = r(6, 5, 3)
PAD = kpm_bool(6, 5, [5, 4, 5, 3, 5, 2])
Y = X[:, :, 0].sum(1) * 0.3 + X[:, 0, 1]
# SGD: the key bias's gradient is float noise around 0 (softmax ignores a shift per query), which Adam would amplify
opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
torch.manual_seed(7)  # the dropout masks' stream, from here
losses = []
for _ in range(6):
    opt.zero_grad()
    loss = nn.functional.mse_loss(net(X, PAD), Y)
    loss.backward()
    opt.step()
    losses.append(loss.item())
out['training'] = {'seed': 42, 'drop_seed': 7, 'init': init, 'x': enc(X), 'pad': enc(PAD), 'y': enc(Y), 'losses': losses,
                   'final': {k: enc(v) for k, v in net.state_dict().items()}, 'repr': repr(net)}

# ---------------------------------------------------------------- errors (the ids are reproduced in test/attention.test.ts)

M = nn.MultiheadAttention
x = r(3, 2, 4)
E = {}
E['embed_dim not divisible'] = message(lambda: M(5, 2))
E['unknown kwarg'] = message(lambda: M(4, 2, foo=1))
E['query 4-D'] = message(lambda: M(4, 2)(r(1, 3, 2, 4), r(1, 3, 2, 4), r(1, 3, 2, 4)))
E['key 2-D'] = message(lambda: M(4, 2)(x, r(3, 4), r(3, 4)))
E['unbatched key 3-D'] = message(lambda: M(4, 2)(r(3, 4), x, r(3, 4)))
E['key_padding_mask 1-D'] = message(lambda: M(4, 2)(x, x, x, key_padding_mask=torch.zeros(3, dtype=torch.bool)))
E['unbatched key_padding_mask 2-D'] = message(lambda: M(4, 2)(r(3, 4), r(3, 4), r(3, 4), key_padding_mask=torch.zeros(1, 3, dtype=torch.bool)))
E['attn_mask 1-D'] = message(lambda: M(4, 2)(x, x, x, attn_mask=torch.zeros(3)))
E['unbatched 3-D attn_mask'] = message(lambda: M(4, 2)(r(3, 4), r(5, 4), r(5, 4), attn_mask=torch.zeros(4, 3, 5)))
E['2-D attn_mask shape'] = message(lambda: M(4, 2)(x, x, x, attn_mask=torch.zeros(3, 4)))
E['3-D attn_mask shape'] = message(lambda: M(4, 2)(x, x, x, attn_mask=torch.zeros(2, 3, 3)))
E['attn_mask dtype'] = message(lambda: M(4, 2)(x, x, x, attn_mask=torch.zeros(3, 3, dtype=torch.long)))
E['key_padding_mask dtype'] = message(lambda: M(4, 2)(x, x, x, key_padding_mask=torch.zeros(2, 3, dtype=torch.long)))
E['key_padding_mask shape'] = message(lambda: M(4, 2)(x, x, x, key_padding_mask=torch.zeros(2, 4, dtype=torch.bool)))
E['key value shapes'] = message(lambda: M(4, 2)(x, r(3, 2, 4), r(5, 2, 4)))
E['embedding dim'] = message(lambda: M(4, 2)(r(3, 2, 6), r(3, 2, 6), r(3, 2, 6)))
E['kdim weights'] = message(lambda: M(4, 2, kdim=3)(x, r(5, 2, 5), r(5, 2, 4)))
E['kdim sequence dims'] = message(lambda: M(4, 2, kdim=3)(x, r(5, 2, 3), r(4, 2, 4)))
E['activation'] = message(lambda: nn.TransformerEncoderLayer(4, 2, activation='tanh'))
E['layer unknown kwarg'] = message(lambda: nn.TransformerEncoderLayer(4, 2, foo=1))
E['layer nhead'] = message(lambda: nn.TransformerDecoderLayer(6, 4))
E['src tgt batch'] = message(lambda: nn.Transformer(4, 2, 1, 1, 8)(r(3, 2, 4), r(3, 3, 4)))
E['src tgt features'] = message(lambda: nn.Transformer(4, 2, 1, 1, 8)(r(3, 2, 4), r(3, 2, 5)))
E['encoder padding mask dtype'] = message(lambda: nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 2, 8), 1)(
    x, src_key_padding_mask=torch.zeros(2, 3, dtype=torch.long)))
out['errors'] = E
out['error_types'] = {k: ERROR_TYPES[v] for k, v in E.items()}

with open('test/fixtures/attention.json', 'w') as f:
    json.dump(out, f)
print(len(mha), 'attention cases,', len(tf), 'transformer cases,', len(E), 'errors')
