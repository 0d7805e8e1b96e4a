# Writes test/fixtures/save-load/*.pt (files PyTorch 1.13's torch.save wrote) and test/fixtures/save-load.json
# (what they hold, and PyTorch's numbers and messages around them), then checks the other direction: the
# files tocha writes (scripts/save-load-tocha.ts, run here with tsx) are loaded by PyTorch, which must find
# the same tensors, types, views and shared storages, and continue training from tocha's checkpoint with
# Adam to its own numbers. The sha256 of those verified files goes into the JSON, so test/save-load.test.ts
# notices when tocha's output changes (and this script must run again). Small files: a few KB each.
# Run from the repo root, with the wasm built (node scripts/build.mjs --wasm-only): /usr/bin/python3 scripts/gen-save-load.py
import hashlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import warnings
import zipfile
from collections import OrderedDict

import torch
import torch.nn as nn

warnings.simplefilter('ignore')
DIR = 'test/fixtures/save-load'
os.makedirs(DIR, exist_ok=True)
out = {'torch': torch.__version__}


def enc(t):
    t = t.detach()
    if t.dtype.is_floating_point:
        # float32 bits, so that inf, nan and -0.0 survive JSON and comparisons are exact
        return {'dtype': 'float32', 'shape': list(t.shape), 'bits': t.float().contiguous().view(torch.int32).flatten().tolist()}
    dt = 'bool' if t.dtype == torch.bool else 'int64'
    return {'dtype': dt, 'shape': list(t.shape), 'data': t.flatten().tolist()}


def sha(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def path(name):
    return os.path.join(DIR, name)


def message(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001 - the message is the point
        return str(e)
    raise AssertionError('no error')


files = {}


def save(obj, name, **kw):
    torch.save(obj, path(name), **kw)
    files[name] = sha(path(name))


# ---------------------------------------------------------------- the tutorial's MLP (Embedding, Linear, Dropout)

class MyMLP(nn.Module):
    def __init__(self, vocab_size, emb_size, hidden_size, nb_classes):
        super().__init__()
        self.emb_layer = nn.Embedding(vocab_size, emb_size)
        self.hidden_layer = nn.Linear(emb_size, hidden_size)
        self.out_layer = nn.Linear(hidden_size, nb_classes)
        self.dropout_hidden = nn.Dropout(0.5)


torch.manual_seed(0)
mlp = MyMLP(20, 8, 8, 2)
save(mlp.state_dict(), 'tutorial.pt')
buf = io.BytesIO()
torch.save(mlp.state_dict(), buf)  # to io.BytesIO: the records are named archive/...
with open(path('tutorial-bytes.pt'), 'wb') as f:
    f.write(buf.getvalue())
files['tutorial-bytes.pt'] = sha(path('tutorial-bytes.pt'))
out['tutorial'] = {'args': [20, 8, 8, 2], 'seed': 0, 'state_dict': {k: enc(v) for k, v in mlp.state_dict().items()}}
wrong = MyMLP(20, 8, 6, 2)
out['tutorial']['mismatch'] = message(lambda: wrong.load_state_dict(torch.load(path('tutorial.pt'))))

# ---------------------------------------------------------------- BatchNorm: running stats, int64 num_batches_tracked

torch.manual_seed(1)
bn = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
sgd = torch.optim.SGD(bn.parameters(), lr=0.1)
for _ in range(2):
    sgd.zero_grad()
    bn(torch.randn(8, 3)).pow(2).mean().backward()
    sgd.step()
bn.eval()
x = torch.randn(5, 3)
save(bn.state_dict(), 'batchnorm.pt')
out['batchnorm'] = {'x': enc(x), 'y': enc(bn(x)), 'state_dict': {k: enc(v) for k, v in bn.state_dict().items()}}

# ---------------------------------------------------------------- lazy modules before their first forward

# UninitializedParameter / UninitializedBuffer pickle as their class called with (requires_grad,): no storage
lazy = nn.Sequential(nn.LazyLinear(3), nn.ReLU(), nn.LazyBatchNorm1d())
save(lazy.state_dict(), 'lazy.pt')
fresh = nn.Sequential(nn.LazyLinear(3), nn.ReLU(), nn.LazyBatchNorm1d())
out['lazy'] = {'keys': list(lazy.state_dict().keys()),
               'types': [type(v).__name__ for v in lazy.state_dict().values()],
               'load': str(fresh.load_state_dict(torch.load(path('lazy.pt')))),
               'repr': repr(fresh)}

# ---------------------------------------------------------------- many layers, ParameterList, buffers, nesting


class Misc(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(*[nn.Linear(2, 2) for _ in range(11)])
        self.plist = nn.ParameterList([nn.Parameter(torch.randn(2)) for _ in range(2)])
        self.norm = nn.LayerNorm(2)
        self.emb = nn.Embedding(3, 2)
        self.register_buffer('scale', torch.tensor([1.5, 2.0]))
        self.register_buffer('tmp', torch.zeros(1), persistent=False)
        self.bn = nn.BatchNorm1d(2)


torch.manual_seed(2)
misc = Misc()
save(misc.state_dict(), 'misc.pt')
out['misc'] = {'seed': 2, 'keys': list(misc.state_dict().keys())}

# ---------------------------------------------------------------- a checkpoint: epoch, model, Adam, loss


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.in_layer = nn.Linear(4, 8)
        self.out_layer = nn.Linear(8, 3)

    def forward(self, x):
        return self.out_layer(torch.relu(self.in_layer(x)))


torch.manual_seed(3)
net = Net()
adam = torch.optim.Adam(net.parameters(), lr=0.01)
X = torch.randn(16, 4)
Y = torch.randint(0, 3, (16,))
lossf = nn.CrossEntropyLoss()


def step(model, opt):
    opt.zero_grad()
    loss = lossf(model(X), Y)
    loss.backward()
    opt.step()
    return loss.item()


for epoch in range(3):
    loss = step(net, adam)
save({'epoch': 3, 'model_state_dict': net.state_dict(), 'optimizer_state_dict': adam.state_dict(), 'loss': loss},
     'checkpoint.pt')
ck = {'x': enc(X), 'y': enc(Y), 'epoch': 3, 'loss': loss, 'lr': 0.01}
ck['loss4'] = step(net, adam)
ck['params4'] = {k: enc(v) for k, v in net.state_dict().items()}
ck['loss5'] = step(net, adam)
ck['params5'] = {k: enc(v) for k, v in net.state_dict().items()}
out['checkpoint'] = ck

# ---------------------------------------------------------------- tensors: views, shared storage, dtypes, 0-d, empty

x = torch.arange(12.).reshape(3, 4)
tensors = {
    'x': x, 'xt': x.t(), 'row': x[1], 'col': x[:, 2], 'same': x, 'mask': x > 5,
    'idx': torch.tensor([-3, 0, 2147483647]), 's': torch.tensor(2.5), 'si': torch.tensor(-7), 'e': torch.zeros(0, 3),
    'p': nn.Parameter(torch.tensor([0.5, -1.5])), 'frozen': nn.Parameter(torch.ones(1), requires_grad=False),
    'rg': torch.tensor([3.0], requires_grad=True),
    'n': {'int': 7, 'float': 0.5, 'str': 'hé ✓', 'none': None, 't': True, 'f': False, 'list': [1, 2.5, 'a'],
          'tuple': (1, (2, 3), []), 'big': 2 ** 40, 'neg': [-1, -129, -2 ** 31, -2 ** 31 - 1, -2 ** 40],
          'floats': [-0.0, float('inf'), float('nan'), 1e-300, 1e300]},
    'dtype': torch.int64, 'size': torch.Size([2, 3]),
}
save(tensors, 'tensors.pt')
out['tensors'] = {k: enc(v) for k, v in tensors.items() if isinstance(v, torch.Tensor)}
out['tensors_views'] = {k: {'offset': v.storage_offset(), 'stride': list(v.stride())}
                        for k, v in tensors.items() if isinstance(v, torch.Tensor)}

# containers past pickle's batches of 1000 items and memo index 255; int keys; keys JavaScript would reorder
containers = {
    'd1000': {i: None for i in range(1000)},
    'l1001': [None] * 1001,
    'od': OrderedDict((i, None) for i in range(1001)),
    'lists': [[] for _ in range(300)],
    'intkeys': {0: 'a', 1: 'b'},
    'reordered': {2: 'x', 1: 'y', 'z': 0},
    'empty': [{}, [], (), OrderedDict()],
}
save(containers, 'containers.pt')

# ---------------------------------------------------------------- dtypes tocha does not have, converted on load

dts = {
    'f64': torch.tensor([1 / 3, 1e40, -2.5, 1e-50], dtype=torch.float64),
    'f16': torch.tensor([0.1, 65504, -0.0, 6e-8, float('inf'), float('nan')], dtype=torch.float16),
    'bf16': torch.tensor([0.1, 3e38, -1.5], dtype=torch.bfloat16),
    'i32': torch.tensor([-5, 2 ** 31 - 1], dtype=torch.int32),
    'i16': torch.tensor([-300, 32767], dtype=torch.int16),
    'i8': torch.tensor([-128, 127], dtype=torch.int8),
    'u8': torch.tensor([0, 255], dtype=torch.uint8),
}
save(dts, 'dtypes.pt')
out['dtypes'] = {k: enc(v) for k, v in dts.items()}

# ---------------------------------------------------------------- files tocha refuses, with PyTorch's messages

save({'n': torch.tensor([2 ** 40, 1])}, 'int64-range.pt')
save({'z': torch.tensor([1 + 2j])}, 'complex.pt')
if not os.path.exists(path('legacy.pt')):  # its storage keys are memory addresses: written once, not on every run
    torch.save(torch.ones(2), path('legacy.pt'), _use_new_zipfile_serialization=False)
torch.manual_seed(0)
save(Net(), 'module.pt')  # a whole pickled model (the class __main__.Net)
out['errors'] = {
    'module': message(lambda: torch.load(path('module.pt'), weights_only=True)),
}

# ---------------------------------------------------------------- records of newer PyTorch (2.x), and big-endian data


def rezip(src, name, big=False):
    """The records of `src` as PyTorch 2.x lays them out (byteorder, .data/version, serialization_id), written by
    Python's zipfile (no alignment, no data descriptors); with big=True, byteorder 'big' and swapped storages."""
    with zipfile.ZipFile(path(src)) as z:
        recs = {n.split('/', 1)[1]: z.read(n) for n in z.namelist()}
    dt = {'data/%d' % i: 4 for i in range(100)}
    with zipfile.ZipFile(path(name), 'w', zipfile.ZIP_STORED) as z:
        def put(k, v):
            z.writestr(zipfile.ZipInfo('archive/' + k, date_time=(2024, 1, 1, 0, 0, 0)), v)
        put('data.pkl', recs['data.pkl'])
        put('byteorder', 'big' if big else 'little')
        for k, v in recs.items():
            if k.startswith('data/'):
                if big:
                    v = b''.join(v[i:i + dt[k]][::-1] for i in range(0, len(v), dt[k]))
                put(k, v)
        put('.data/version', '3\n')
        put('.data/serialization_id', '1234567890')
    files[name] = sha(path(name))


rezip('tutorial.pt', 'newer.pt')
rezip('tutorial.pt', 'bigendian.pt', big=True)  # PyTorch 1.13 predates the byteorder record: 2.x reads this

out['files'] = files

# ---------------------------------------------------------------- the other direction: PyTorch reads tocha's files

with open('test/fixtures/save-load.json', 'w') as f:
    json.dump(out, f, indent=None, separators=(',', ':'))

tmp = tempfile.mkdtemp()
subprocess.run(['npx', 'tsx', 'scripts/save-load-tocha.ts', tmp], check=True)
tocha = {}

# the checkpoint tocha wrote after loading checkpoint.pt and one more Adam step
c = torch.load(os.path.join(tmp, 'checkpoint.pt'))
assert type(c['epoch']) is int and c['epoch'] == 4, c['epoch']
assert type(c['loss']) is float and abs(c['loss'] - ck['loss4']) < 1e-6, (c['loss'], ck['loss4'])
m = Net()
m.load_state_dict(c['model_state_dict'])
opt = torch.optim.Adam(m.parameters(), lr=0.01)
opt.load_state_dict(c['optimizer_state_dict'])
sd = opt.state_dict()
assert sorted(sd['state'].keys()) == [0, 1, 2, 3] and float(sd['state'][0]['step']) == 4.0
assert sd['param_groups'][0]['params'] == [0, 1, 2, 3] and sd['param_groups'][0]['lr'] == 0.01
diff4 = max((v - torch.tensor(ck['params4'][k]['bits'], dtype=torch.int32).view(torch.float32).reshape(v.shape)).abs().max().item()
            for k, v in m.state_dict().items())
loss5 = step(m, opt)
diff5 = max((v - torch.tensor(ck['params5'][k]['bits'], dtype=torch.int32).view(torch.float32).reshape(v.shape)).abs().max().item()
            for k, v in m.state_dict().items())
assert diff4 < 1e-6 and diff5 < 1e-6 and abs(loss5 - ck['loss5']) < 1e-6, (diff4, diff5, loss5, ck['loss5'])
tocha['checkpoint'] = {'params4_max_abs_diff': diff4, 'params5_max_abs_diff': diff5, 'loss5': loss5}

# tensors tocha built (the same object as tensors.pt): views share one storage, dtypes, 0-d, empty, Parameter
t = torch.load(os.path.join(tmp, 'tensors.pt'))
ref = torch.arange(12.).reshape(3, 4)
assert torch.equal(t['x'], ref) and torch.equal(t['xt'], ref.t()) and torch.equal(t['row'], ref[1])
assert torch.equal(t['col'], ref[:, 2]) and t['same'] is t['x']
ptr = t['x'].storage().data_ptr()
assert all(t[k].storage().data_ptr() == ptr for k in ('xt', 'row', 'col'))
assert t['xt'].stride() == (1, 4) and t['row'].storage_offset() == 4 and t['col'].stride() == (4,)
assert t['mask'].dtype == torch.bool and torch.equal(t['mask'], ref > 5)
assert t['idx'].dtype == torch.int64 and t['idx'].tolist() == [-3, 0, 2147483647]
assert t['s'].dim() == 0 and t['s'].item() == 2.5 and t['si'].dtype == torch.int64 and t['si'].item() == -7
assert t['e'].shape == (0, 3) and t['e'].dtype == torch.float32
assert type(t['p']) is nn.Parameter and t['p'].requires_grad and t['p'].tolist() == [0.5, -1.5]
assert type(t['frozen']) is nn.Parameter and not t['frozen'].requires_grad
assert type(t['rg']) is torch.Tensor and t['rg'].requires_grad and t['rg'].is_leaf
n = t['n']
assert n['int'] == 7 and type(n['int']) is int and n['float'] == 0.5 and n['str'] == 'hé ✓' and n['none'] is None
assert n['t'] is True and n['list'] == [1, 2.5, 'a'] and n['tuple'] == (1, (2, 3), []) and n['big'] == 2 ** 40
assert n['neg'] == [-1, -129, -2 ** 31, -2 ** 31 - 1, -2 ** 40] and str(n['floats']) == '[-0.0, inf, nan, 1e-300, 1e+300]'
assert t['dtype'] is torch.int64 and type(t['size']) is torch.Size and t['size'] == (2, 3)

# files tocha builds from the same seed, and every fixture tocha loads and saves again: the same bytes
for name in ('tutorial.pt', 'misc.pt', 'tensors.pt', 'lazy.pt'):
    assert sha(os.path.join(tmp, name)) == files[name], name
for name in ('tutorial.pt', 'batchnorm.pt', 'misc.pt', 'tensors.pt', 'containers.pt', 'lazy.pt'):
    assert sha(os.path.join(tmp, 'resaved', name)) == files[name], 'resaved/' + name
tocha['files'] = {name: sha(os.path.join(tmp, name)) for name in ('checkpoint.pt',)}
shutil.rmtree(tmp)
out['tocha'] = tocha

with open('test/fixtures/save-load.json', 'w') as f:
    json.dump(out, f, indent=None, separators=(',', ':'))
print('PyTorch', torch.__version__, 'read tocha\'s files:', json.dumps(tocha['checkpoint']))
