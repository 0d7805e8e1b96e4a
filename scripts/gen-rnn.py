# Writes test/fixtures/rnn.json: what PyTorch 1.13 computes for nn.RNN / LSTM / GRU, the cells and
# nn.utils.rnn: parameters right after torch.manual_seed(seed) (bit-exact), outputs, final states,
# gradients of sum(out * g) + sum(h_n * gh) (+ sum(c_n * gc)) for the input, the initial states and every
# parameter, reprs, state_dict keys, dropout in training with a seed, a short SGD run and error messages.
# Every input is written into the JSON. Run from the repo root: /usr/bin/python3 scripts/gen-rnn.py
import json
import warnings
import torch
import torch.nn as nn
from torch.nn.utils import rnn as U

warnings.simplefilter('ignore')
r = torch.randn


def enc(t):
    if t is None:
        return None
    if isinstance(t, torch.Tensor):
        t = t.detach()
        dt = {torch.float32: 'float32', torch.int64: 'int64'}[t.dtype]
        return {'dtype': dt, 'shape': list(t.shape), 'data': t.flatten().tolist()}
    return [enc(x) for x in t]


def message(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001 - the message is the point
        return str(e)
    raise AssertionError('no error')


def make(ctor, args, kw):
    return getattr(nn, ctor)(*args, **kw)


out = {}

# ---------------------------------------------------------------- layers

layers = []


def layer(id, ctor, args, kw, shape=None, hx=False, packed=None, train=False, seed=0, drop_seed=None):
    """packed: {'lengths', 'enforce_sorted'}; the padded input has `shape` (batch_first as the module)."""
    torch.manual_seed(seed)
    m = make(ctor, args, kw)
    params = {k: enc(p) for k, p in m.named_parameters()}
    m.train(train)
    x = r(*shape).requires_grad_(True)
    lstm = ctor == 'LSTM'
    bf = kw.get('batch_first', False)
    batched = x.dim() == 3
    B = (x.shape[0] if bf else x.shape[1]) if batched else None
    D = 2 if kw.get('bidirectional') else 1
    Lyr = kw.get('num_layers', 1)
    Hs = kw.get('proj_size', 0) or args[1]
    h0 = c0 = None
    if hx:
        hshape = (Lyr * D, B, Hs) if batched else (Lyr * D, Hs)
        h0 = r(*hshape).requires_grad_(True)
        if lstm:
            cshape = (Lyr * D, B, args[1]) if batched else (Lyr * D, args[1])
            c0 = r(*cshape).requires_grad_(True)
    state = (h0, c0) if lstm and hx else h0
    inp = U.pack_padded_sequence(x, packed['lengths'], batch_first=bf, enforce_sorted=packed['enforce_sorted']) if packed else x
    if drop_seed is not None:
        torch.manual_seed(drop_seed)
    o, hn = m(inp, state)
    h, c = hn if lstm else (hn, None)
    od = o.data if packed else o
    g = r(*od.shape)
    gh = r(*h.shape)
    gc = r(*c.shape) if lstm else None
    loss = (od * g).sum() + (h * gh).sum() + ((c * gc).sum() if lstm else 0)
    loss.backward()
    case = {
        'id': id, 'ctor': ctor, 'args': args, 'kwargs': kw, 'seed': seed, 'train': train, 'drop_seed': drop_seed,
        'repr': repr(m), 'state_dict': list(m.state_dict().keys()), 'params': params,
        'input': enc(x), 'h0': enc(h0), 'c0': enc(c0), 'packed': packed,
        'out': enc(od), 'h_n': enc(h), 'c_n': enc(c), 'g': enc(g), 'gh': enc(gh), 'gc': enc(gc),
        'grad_input': enc(x.grad), 'grad_h0': enc(h0.grad if hx else None), 'grad_c0': enc(c0.grad if lstm and hx else None),
        'grads': {k: enc(p.grad) for k, p in m.named_parameters()},
    }
    if packed:
        case['batch_sizes'] = enc(o.batch_sizes)
        case['sorted_indices'] = enc(o.sorted_indices)
        case['unsorted_indices'] = enc(o.unsorted_indices)
        padded, lengths = U.pad_packed_sequence(o, batch_first=bf)
        case['padded'] = enc(padded)
        case['lengths'] = enc(lengths)
    layers.append(case)


for ctor, kw in [('RNN', {}), ('RNN', {'nonlinearity': 'relu'}), ('LSTM', {}), ('GRU', {})]:
    name = ctor + ('-relu' if kw else '')
    layer(f'{name}/1 layer', ctor, [4, 5], kw, (6, 3, 4), seed=1)
    layer(f'{name}/2 layers, h0', ctor, [4, 5], {**kw, 'num_layers': 2}, (5, 2, 4), hx=True, seed=2)
    layer(f'{name}/bidirectional 2 layers', ctor, [3, 4], {**kw, 'num_layers': 2, 'bidirectional': True}, (4, 3, 3), hx=True, seed=3)
    layer(f'{name}/batch_first', ctor, [4, 3], {**kw, 'batch_first': True}, (2, 5, 4), seed=4)
    layer(f'{name}/no bias', ctor, [4, 3], {**kw, 'bias': False}, (3, 2, 4), hx=True, seed=5)
    layer(f'{name}/unbatched', ctor, [4, 3], {**kw, 'num_layers': 2}, (5, 4), seed=6)
    layer(f'{name}/unbatched h0 bidirectional', ctor, [4, 3], {**kw, 'bidirectional': True}, (5, 4), hx=True, seed=7)
    layer(f'{name}/packed sorted', ctor, [3, 4], {**kw, 'num_layers': 2, 'bidirectional': True}, (5, 4, 3),
          hx=True, packed={'lengths': [5, 4, 2, 1], 'enforce_sorted': True}, seed=8)
    layer(f'{name}/packed unsorted batch_first', ctor, [3, 4], {**kw, 'bidirectional': True, 'batch_first': True}, (4, 5, 3),
          hx=True, packed={'lengths': [2, 5, 3, 3], 'enforce_sorted': False}, seed=9)
    layer(f'{name}/dropout training', ctor, [4, 6], {**kw, 'num_layers': 3, 'dropout': 0.4}, (5, 3, 4), train=True, seed=10, drop_seed=123)
    layer(f'{name}/dropout bidirectional training', ctor, [4, 3], {**kw, 'num_layers': 2, 'dropout': 0.5, 'bidirectional': True},
          (3, 2, 4), train=True, seed=11, drop_seed=7)
    layer(f'{name}/dropout eval', ctor, [4, 3], {**kw, 'num_layers': 2, 'dropout': 0.5}, (3, 2, 4), seed=12)
layer('LSTM/proj_size', 'LSTM', [4, 6], {'proj_size': 3, 'num_layers': 2}, (5, 2, 4), hx=True, seed=13)
layer('LSTM/proj_size bidirectional batch_first', 'LSTM', [4, 6], {'proj_size': 2, 'bidirectional': True, 'batch_first': True},
      (3, 4, 4), hx=True, seed=14)
layer('LSTM/proj_size packed unsorted', 'LSTM', [3, 5], {'proj_size': 2, 'num_layers': 2, 'bidirectional': True}, (4, 3, 3),
      hx=True, packed={'lengths': [1, 4, 2], 'enforce_sorted': False}, seed=15)
layer('LSTM/proj_size unbatched', 'LSTM', [3, 5], {'proj_size': 4}, (6, 3), hx=True, seed=16)
layer('GRU/longer sequence', 'GRU', [8, 16], {'num_layers': 2}, (40, 4, 8), seed=17)
layer('LSTM/longer sequence', 'LSTM', [8, 16], {'batch_first': True}, (4, 40, 8), hx=True, seed=18)
out['layers'] = layers

# ---------------------------------------------------------------- cells

cells = []
for ctor, kw in [('RNNCell', {}), ('RNNCell', {'nonlinearity': 'relu'}), ('LSTMCell', {}), ('GRUCell', {}),
                 ('GRUCell', {'bias': False})]:
    for batched in (True, False):
        for hx in (True, False):
            seed = len(cells) + 100
            torch.manual_seed(seed)
            m = make(ctor, [4, 5], kw)
            params = {k: enc(p) for k, p in m.named_parameters()}
            x = (r(3, 4) if batched else r(4)).requires_grad_(True)
            hs = (3, 5) if batched else (5,)
            lstm = ctor == 'LSTMCell'
            h0 = r(*hs).requires_grad_(True) if hx else None
            c0 = r(*hs).requires_grad_(True) if hx and lstm else None
            res = m(x, (h0, c0) if lstm and hx else h0)
            h, c = res if lstm else (res, None)
            gh = r(*h.shape)
            gc = r(*c.shape) if lstm else None
            ((h * gh).sum() + ((c * gc).sum() if lstm else 0)).backward()
            cells.append({
                'id': f'{ctor}{kw}/{"batched" if batched else "unbatched"}{"/hx" if hx else ""}', 'ctor': ctor, 'kwargs': kw,
                'seed': seed, 'repr': repr(m), 'state_dict': list(m.state_dict().keys()), 'params': params,
                'input': enc(x), 'h0': enc(h0), 'c0': enc(c0), 'h': enc(h), 'c': enc(c), 'gh': enc(gh), 'gc': enc(gc),
                'grad_input': enc(x.grad), 'grad_h0': enc(h0.grad if hx else None), 'grad_c0': enc(c0.grad if c0 is not None else None),
                'grads': {k: enc(p.grad) for k, p in m.named_parameters()},
            })
out['cells'] = cells

# ---------------------------------------------------------------- nn.utils.rnn

torch.manual_seed(20)
seqs = [r(3, 2), r(5, 2), r(1, 2), r(5, 2)]
utils = []
for bf in (False, True):
    for pv in (0.0, -1.5):
        xs = [s.clone().requires_grad_(True) for s in seqs]
        p = U.pad_sequence(xs, batch_first=bf, padding_value=pv)
        g = r(*p.shape)
        (p * g).sum().backward()
        utils.append({'fn': 'pad_sequence', 'batch_first': bf, 'padding_value': pv, 'out': enc(p), 'g': enc(g),
                      'grads': [enc(x.grad) for x in xs]})
for es in (False,):
    xs = [s.clone().requires_grad_(True) for s in seqs]
    p = U.pack_sequence(xs, enforce_sorted=es)
    g = r(*p.data.shape)
    (p.data * g).sum().backward()
    padded, lengths = U.pad_packed_sequence(p, batch_first=True, padding_value=2.5, total_length=7)
    utils.append({'fn': 'pack_sequence', 'enforce_sorted': es, 'data': enc(p.data), 'batch_sizes': enc(p.batch_sizes),
                  'sorted_indices': enc(p.sorted_indices), 'unsorted_indices': enc(p.unsorted_indices), 'g': enc(g),
                  'grads': [enc(x.grad) for x in xs], 'padded': enc(padded), 'lengths': enc(lengths)})
sorted_seqs = [seqs[1], seqs[3], seqs[0], seqs[2]]
p = U.pack_sequence(sorted_seqs)
utils.append({'fn': 'pack_sequence', 'enforce_sorted': True, 'data': enc(p.data), 'batch_sizes': enc(p.batch_sizes),
              'sorted_indices': None, 'unsorted_indices': None, 'seqs': enc(sorted_seqs)})
out['utils'] = utils
out['seqs'] = enc(seqs)

# ---------------------------------------------------------------- training: a few SGD steps on a toy task

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 8, num_layers=2, batch_first=True)
        self.gru = nn.GRU(8, 6, bidirectional=True)
        self.head = nn.Linear(12, 1)

    def forward(self, x):
        y, _ = self.lstm(x)
        y, h = self.gru(y.transpose(0, 1))
        return self.head(torch.cat([h[0], h[1]], 1)).squeeze(1)


torch.manual_seed(42)
net = Net()
init = {k: enc(v) for k, v in net.state_dict().items()}
X = r(16, 7, 3)
Y = X[:, :, 0].sum(1) * 0.3 + X[:, -1, 1]
opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
losses = []
for _ in range(8):
    opt.zero_grad()
    loss = nn.functional.mse_loss(net(X), Y)
    loss.backward()
    opt.step()
    losses.append(loss.item())
out['training'] = {'seed': 42, 'init': init, 'x': enc(X), 'y': enc(Y), 'losses': losses,
                   'final': {k: enc(v) for k, v in net.state_dict().items()}, 'repr': repr(net)}

# ---------------------------------------------------------------- reprs

reprs = []
for ctor, args, kw in [
    ('LSTM', [10, 20], {'num_layers': 2, 'batch_first': True, 'bidirectional': True}),
    ('RNN', [3, 4], {}), ('RNN', [3, 4], {'nonlinearity': 'relu', 'bias': False}), ('GRU', [3, 4], {'dropout': 0.25, 'num_layers': 2}),
    ('LSTM', [3, 4], {'proj_size': 2}), ('GRU', [5, 7], {'num_layers': 3, 'dropout': 1}),
    ('RNNCell', [3, 4], {}), ('RNNCell', [3, 4], {'nonlinearity': 'relu', 'bias': False}), ('LSTMCell', [3, 4], {}),
    ('GRUCell', [3, 4], {'bias': False}),
]:
    m = make(ctor, args, kw)
    reprs.append({'ctor': ctor, 'args': args, 'kwargs': kw, 'repr': repr(m), 'state_dict': list(m.state_dict().keys()),
                  'shapes': [list(p.shape) for p in m.parameters()]})
out['reprs'] = reprs

# ---------------------------------------------------------------- errors (the ids are reproduced in test/rnn.test.ts)

E = {}
E['dropout>1'] = message(lambda: nn.LSTM(3, 4, dropout=1.5))
E['dropout<0'] = message(lambda: nn.GRU(3, 4, dropout=-0.1))
E['proj>=hidden'] = message(lambda: nn.LSTM(3, 4, proj_size=4))
E['proj<0'] = message(lambda: nn.LSTM(3, 4, proj_size=-1))
E['rnn proj'] = message(lambda: nn.RNN(3, 4, proj_size=2))
E['gru proj'] = message(lambda: nn.GRU(3, 4, proj_size=2))
E['nonlinearity'] = message(lambda: nn.RNN(3, 4, nonlinearity='sigmoid'))
E['input size'] = message(lambda: nn.LSTM(4, 3)(r(5, 2, 6)))
E['input 4-D'] = message(lambda: nn.RNN(4, 3)(r(2, 3, 4, 4)))
E['input 1-D'] = message(lambda: nn.GRU(4, 3)(r(4)))
E['hidden size'] = message(lambda: nn.RNN(4, 3, 2)(r(5, 2, 4), r(1, 2, 3)))
E['hidden batch'] = message(lambda: nn.GRU(4, 3, batch_first=True)(r(5, 2, 4), r(1, 2, 3)))
E['batched 2-D hx'] = message(lambda: nn.RNN(4, 3)(r(5, 2, 4), r(2, 3)))
E['unbatched 3-D hx'] = message(lambda: nn.GRU(4, 3)(r(5, 4), r(1, 1, 3)))
E['lstm hidden[0]'] = message(lambda: nn.LSTM(4, 3)(r(5, 2, 4), (r(1, 3, 3), r(1, 2, 3))))
E['lstm hidden[1]'] = message(lambda: nn.LSTM(4, 3)(r(5, 2, 4), (r(1, 2, 3), r(2, 2, 3))))
E['lstm proj hidden[0]'] = message(lambda: nn.LSTM(4, 3, proj_size=2)(r(5, 2, 4), (r(1, 2, 3), r(1, 2, 3))))
E['lstm batched 2-D'] = message(lambda: nn.LSTM(4, 3)(r(5, 2, 4), (r(1, 2, 3), r(2, 3))))
E['lstm unbatched 3-D'] = message(lambda: nn.LSTM(4, 3)(r(5, 4), (r(1, 1, 3), r(1, 1, 3))))
E['packed hidden'] = message(lambda: nn.GRU(2, 3)(U.pack_sequence([r(3, 2), r(2, 2)]), r(1, 3, 3)))
E['packed input size'] = message(lambda: nn.GRU(3, 3)(U.pack_sequence([r(3, 2), r(2, 2)])))
E['cell 3-D'] = message(lambda: nn.RNNCell(4, 3)(r(2, 3, 4)))
E['lstm cell 0-D'] = message(lambda: nn.LSTMCell(4, 3)(torch.tensor(1.0)))
E['gru cell 3-D'] = message(lambda: nn.GRUCell(4, 3)(r(2, 3, 4)))
E['cell input size'] = message(lambda: nn.GRUCell(4, 3)(r(2, 5)))
E['cell hx batch'] = message(lambda: nn.RNNCell(4, 3)(r(2, 4), r(3, 3)))
E['cell hx size'] = message(lambda: nn.GRUCell(4, 3)(r(2, 4), r(2, 4)))
E['lstm cell c batch'] = message(lambda: nn.LSTMCell(4, 3)(r(2, 4), (r(2, 3), r(1, 3))))
E['lstm cell c size'] = message(lambda: nn.LSTMCell(4, 3)(r(2, 4), (r(2, 3), r(2, 2))))
E['cell nonlinearity'] = message(lambda: nn.RNNCell(4, 3, nonlinearity='gelu')(r(2, 4)))
E['pack unsorted'] = message(lambda: U.pack_padded_sequence(r(5, 3, 2), [3, 5, 1]))
E['pack lengths count'] = message(lambda: U.pack_padded_sequence(r(5, 3, 2), [5, 3]))
E['pack zero length'] = message(lambda: U.pack_padded_sequence(r(5, 3, 2), [5, 3, 0]))
E['pad total_length'] = message(lambda: U.pad_packed_sequence(U.pack_sequence([r(3, 2), r(2, 2)]), total_length=2))
E['rnn unknown kwarg'] = message(lambda: nn.RNN(3, 4, foo=1))
E['lstm unknown kwarg'] = message(lambda: nn.LSTM(3, 4, num_layers=2, batchfirst=True))
E['lstm nonlinearity'] = message(lambda: nn.LSTM(3, 4, nonlinearity='relu'))
E['gru nonlinearity'] = message(lambda: nn.GRU(3, 4, nonlinearity='tanh'))
E['rnn cell unknown kwarg'] = message(lambda: nn.RNNCell(3, 4, foo=1))
E['lstm cell nonlinearity'] = message(lambda: nn.LSTMCell(3, 4, nonlinearity='tanh'))
E['gru cell unknown kwarg'] = message(lambda: nn.GRUCell(3, 4, bias=False, foo=1))
E['pack_padded_sequence kwarg'] = message(lambda: U.pack_padded_sequence(r(5, 3, 2), [5, 3, 1], foo=1))
E['pad_packed_sequence kwarg'] = message(lambda: U.pad_packed_sequence(U.pack_sequence([r(3, 2), r(2, 2)]), foo=1))
E['pad_sequence kwarg'] = message(lambda: U.pad_sequence([r(3, 2), r(2, 2)], enforce_sorted=False))
E['pack_sequence kwarg'] = message(lambda: U.pack_sequence([r(3, 2), r(2, 2)], batch_first=True))
E['long input'] = message(lambda: nn.LSTM(3, 3)(torch.zeros(2, 1, 3, dtype=torch.long)))
E['long input, batch_first'] = message(lambda: nn.LSTM(3, 3, batch_first=True)(torch.zeros(1, 2, 3, dtype=torch.long)))
E['long unbatched input'] = message(lambda: nn.GRU(3, 3)(torch.zeros(2, 3, dtype=torch.long)))
out['errors'] = E

# The nodes ending the graph of a padded batch's output and final states (ATen's FullLayer stacks the steps,
# FullBidirectionalLayer cats the directions, rnn/gru transpose a batch_first result back in place).
nodes = []
for ctor in ('RNN', 'LSTM', 'GRU'):
    for kwargs, shape in [({}, (5, 1, 3)), ({}, (1, 1, 3)), ({}, (5, 3)), ({'batch_first': True}, (1, 5, 3)),
                          ({'bidirectional': True}, (5, 1, 3)), ({'num_layers': 2, 'bidirectional': True}, (5, 2, 3))]:
        torch.manual_seed(0)
        o, h = getattr(nn, ctor)(3, 2, **kwargs)(torch.randn(shape, requires_grad=True))
        hs = h if ctor == 'LSTM' else (h,)
        nodes.append({'ctor': ctor, 'kwargs': kwargs, 'shape': list(shape), 'out': type(o.grad_fn).__name__,
                      'out_next': [type(g).__name__ for g, _ in o.grad_fn.next_functions],
                      'states': [type(t.grad_fn).__name__ for t in hs]})
out['nodes'] = nodes

with open('test/fixtures/rnn.json', 'w') as f:
    json.dump(out, f)
print(len(layers), 'layer cases,', len(cells), 'cell cases,', len(E), 'errors')
