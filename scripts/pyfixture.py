# Helpers shared by the scripts/gen-*.py fixture writers (run from the repository root:
# `/usr/bin/python3 scripts/gen-x.py`, which puts scripts/ on the import path).


def err(f, first_line=False):
    """What calling f raises, as {'type', 'message'} (None if it does not raise)."""
    try:
        f()
    except Exception as e:
        msg = str(e)
        return {'type': type(e).__name__, 'message': msg.split('\n')[0] if first_line else msg}
    return None


def L(t):
    """A tensor's values as nested lists (None stays None)."""
    return None if t is None else t.detach().tolist()


def enc(t, digits=None):
    """A tensor as {'dtype', 'shape', 'data'} (inf and nan as strings; float32 values to `digits`
    significant digits when given), lists and tuples element-wise, None and other values as they are."""
    import torch
    if isinstance(t, torch.Tensor):
        t = t.detach()
        dt = {torch.float32: 'float32', torch.int64: 'int64', torch.bool: 'bool'}[t.dtype]
        short = digits is not None and t.dtype == torch.float32
        data = [(float('%.*g' % (digits, x)) if short else x) if x == x and abs(x) != float('inf') else str(x)
                for x in t.flatten().tolist()]
        return {'dtype': dt, 'shape': list(t.shape), 'data': data}
    if isinstance(t, (list, tuple)):
        return [enc(x, digits) for x in t]
    return t


def message(f, with_type=False):
    """The message of what calling f raises ('Type: message' with with_type); f must raise."""
    try:
        f()
    except Exception as e:  # noqa: BLE001 - the message is the point
        return type(e).__name__ + ': ' + str(e) if with_type else str(e)
    raise AssertionError('no error')
