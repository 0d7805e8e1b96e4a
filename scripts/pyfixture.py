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
