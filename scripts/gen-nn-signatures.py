# Writes test/fixtures/nn-signatures.json: PyTorch 1.13's `__init__` signature of every torch.nn module
# class tocha exports (parameter names in order, kinds, defaults where JSON can hold them) and the
# TypeErrors Python raises when they are bound wrongly (a required argument missing, an unknown keyword,
# a value given both by position and by name, too many positional values), so test/nn-kwargs.test.ts
# checks tocha's constructors against PyTorch itself rather than against a hand-written list.
# Run from the repo root: /usr/bin/python3 scripts/gen-nn-signatures.py
import inspect
import json
import warnings

import torch
import torch.nn as nn
import torch.nn.modules.linear as nn_linear

warnings.filterwarnings('ignore')

# Every torch.nn module class tocha exports (src/nn/index.ts). test/nn-kwargs.test.ts fails when tocha
# exports a Module class missing here, so a new module gets its signature checked.
CLASSES = '''
AdaptiveAvgPool1d AdaptiveAvgPool2d AdaptiveAvgPool3d AdaptiveLogSoftmaxWithLoss AdaptiveMaxPool1d AdaptiveMaxPool2d
AdaptiveMaxPool3d AlphaDropout AvgPool1d AvgPool2d AvgPool3d BCELoss BCEWithLogitsLoss BatchNorm1d BatchNorm2d BatchNorm3d
Bilinear CELU CTCLoss ChannelShuffle ConstantPad1d ConstantPad2d ConstantPad3d Container Conv1d Conv2d Conv3d ConvTranspose1d
ConvTranspose2d ConvTranspose3d CosineEmbeddingLoss CosineSimilarity CrossEntropyLoss CrossMapLRN2d DataParallel Dropout
Dropout1d Dropout2d Dropout3d ELU Embedding EmbeddingBag FeatureAlphaDropout Flatten Fold FractionalMaxPool2d
FractionalMaxPool3d GELU GLU GRU GRUCell GaussianNLLLoss GroupNorm Hardshrink Hardsigmoid Hardswish Hardtanh
HingeEmbeddingLoss HuberLoss Identity InstanceNorm1d InstanceNorm2d InstanceNorm3d KLDivLoss L1Loss LPPool1d LPPool2d LSTM
LSTMCell LayerNorm LazyBatchNorm1d LazyBatchNorm2d LazyBatchNorm3d LazyConv1d LazyConv2d LazyConv3d LazyConvTranspose1d
LazyConvTranspose2d LazyConvTranspose3d LazyInstanceNorm1d LazyInstanceNorm2d LazyInstanceNorm3d LazyLinear LeakyReLU Linear
LocalResponseNorm LogSigmoid LogSoftmax MSELoss MarginRankingLoss MaxPool1d MaxPool2d MaxPool3d MaxUnpool1d MaxUnpool2d
MaxUnpool3d Mish Module ModuleDict ModuleList MultiLabelMarginLoss MultiLabelSoftMarginLoss MultiMarginLoss
MultiheadAttention NLLLoss NLLLoss2d NonDynamicallyQuantizableLinear PReLU PairwiseDistance ParameterDict ParameterList
PixelShuffle PixelUnshuffle PoissonNLLLoss RNN RNNBase RNNCell RNNCellBase RReLU ReLU ReLU6 ReflectionPad1d ReflectionPad2d
ReflectionPad3d ReplicationPad1d ReplicationPad2d ReplicationPad3d SELU Sequential SiLU Sigmoid SmoothL1Loss SoftMarginLoss
Softmax Softmax2d Softmin Softplus Softshrink Softsign SyncBatchNorm Tanh Tanhshrink Threshold Transformer
TransformerDecoder TransformerDecoderLayer TransformerEncoder TransformerEncoderLayer TripletMarginLoss
TripletMarginWithDistanceLoss Unflatten Unfold Upsample UpsamplingBilinear2d UpsamplingNearest2d ZeroPad2d
'''.split()

# Where PyTorch defines a class outside the torch.nn namespace.
ELSEWHERE = {'NonDynamicallyQuantizableLinear': nn_linear}

KINDS = {
    inspect.Parameter.POSITIONAL_OR_KEYWORD: 'positional', inspect.Parameter.KEYWORD_ONLY: 'keyword',
    inspect.Parameter.VAR_POSITIONAL: 'var_positional', inspect.Parameter.VAR_KEYWORD: 'var_keyword',
}


def default(v):
    """A default as JSON: numbers, strings, booleans, None; a function as {'function': name}."""
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if callable(v):
        return {'function': v.__name__}
    return {'repr': repr(v)}


def params_of(sig, drop=()):
    out = []
    for p in sig.parameters.values():
        if p.name == 'self' or p.name in drop:
            continue
        e = {'name': p.name, 'kind': KINDS[p.kind]}
        if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY):
            e['required'] = p.default is inspect.Parameter.empty
            if not e['required']:
                e['default'] = default(p.default)
        out.append(e)
    return out


def signature(name, cls):
    """The parameters PyTorch binds for `name(...)`, and where they were read from."""
    if name in ('RNN', 'LSTM', 'GRU'):
        # RNN/LSTM/GRU.__init__(self, *args, **kwargs) pass everything on to RNNBase.__init__ after their
        # mode, so their parameters are RNNBase's without `mode`; RNN pops `nonlinearity` from the keywords
        # (a keyword-only parameter), GRU and RNN refuse `proj_size` given by name.
        ps = params_of(inspect.signature(nn.RNNBase.__init__), drop=('mode',))
        if name == 'RNN':
            ps.append({'name': 'nonlinearity', 'kind': 'keyword', 'required': False, 'default': 'tanh'})
        return ps, 'RNNBase.__init__ without mode' + (' (+ nonlinearity, popped from **kwargs)' if name == 'RNN' else '')
    return params_of(inspect.signature(cls.__init__)), f'{cls.__init__.__qualname__}'


def type_error(f):
    try:
        f()
    except TypeError as e:
        return str(e)
    except Exception as e:  # noqa: BLE001 - recorded, so the test shows what PyTorch raised instead
        return f'{type(e).__name__}: {e}'
    return None


def errors(cls, ps):
    """PyTorch's TypeErrors for wrong bindings. Binding fails before __init__'s body runs (RNN's body
    only pops its keywords first), so the values given are placeholders (None)."""
    pos = [p for p in ps if p['kind'] == 'positional']
    req = [p for p in pos if p['required']]
    varpos = any(p['kind'] == 'var_positional' for p in ps)
    varkw = any(p['kind'] == 'var_keyword' for p in ps)
    e = {}
    if req:
        e['missing_all'] = type_error(lambda: cls())
        e['missing_last'] = type_error(lambda: cls(*[None] * (len(req) - 1)))
    if not varkw:
        e['unknown'] = type_error(lambda: cls(*[None] * len(req), foo=None))
    if pos:
        first = pos[0]['name']
        e['doubled'] = {'name': first, 'message': type_error(lambda: cls(*[None] * max(len(req), 1), **{first: None}))}
    if not varpos:
        e['too_many'] = {'count': len(pos) + 1, 'message': type_error(lambda: cls(*[None] * (len(pos) + 1)))}
    return e


def main():
    out = {'torch': torch.__version__, 'classes': {}, 'missing': {}}
    for name in CLASSES:
        where = ELSEWHERE.get(name, nn)
        cls = getattr(where, name, None)
        if cls is None:
            out['missing'][name] = f'torch.nn.{name} does not exist in PyTorch {torch.__version__}'
            continue
        ps, source = signature(name, cls)
        entry = {'module': where.__name__, 'source': source, 'params': ps, 'errors': errors(cls, ps)}
        if name in ('RNN', 'GRU'):
            entry['proj_size_by_name'] = type_error(lambda: cls(3, 4, proj_size=0))
        out['classes'][name] = entry
    # one class per line: a diff shows which signatures changed
    with open('test/fixtures/nn-signatures.json', 'w') as f:
        f.write('{\n"torch": %s,\n"missing": %s,\n"classes": {\n' % (json.dumps(out['torch']), json.dumps(out['missing'])))
        f.write(',\n'.join(f'{json.dumps(k)}: {json.dumps(v, sort_keys=True)}' for k, v in out['classes'].items()))
        f.write('\n}}\n')


main()
