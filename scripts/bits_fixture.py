# What the gen-*-bits.py scripts write: float32 results as big-endian hex bits, all of a small tensor or a sample of a
# large one, for a test's pickedBits (test/fixture.ts) to compare bit for bit.
import struct


def float_hex(v, one_nan=False):
    """A float's float32 bits in hex; with one_nan, any NaN as 7fc00000 (its sign and payload are not compared)."""
    return '7fc00000' if one_nan and v != v else struct.pack('>f', v).hex()


def hexes(t, one_nan=False):
    """Every value of t, flattened."""
    return [float_hex(v, one_nan) for v in t.flatten().tolist()]


def pick(t, k=48, one_nan=False):
    """Every result of a small tensor; of a large one, k evenly spaced and the last 17 (the tail and the block before)."""
    v = t.flatten().tolist()
    idx = list(range(len(v))) if len(v) <= k else [i * len(v) // k for i in range(k)] + list(range(len(v) - 17, len(v)))
    return {'at': idx, 'bits': [float_hex(v[i], one_nan) for i in idx]}
