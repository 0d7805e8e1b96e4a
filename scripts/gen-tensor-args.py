# PyTorch 1.13's argument error for a list where a function's first argument must be a Tensor
# (`relu(): argument 'input' (position 1) must be Tensor, not list`), for every public torch.* and
# torch.nn.functional.* function that raises exactly that: the message a JavaScript array gets there.
#   /usr/bin/python3 scripts/gen-tensor-args.py   (writes test/fixtures/tensor-args.json)
import inspect
import json
import re

import torch
import torch.nn.functional as F

out = {}
for mod, prefix in [(torch, 'torch'), (F, 'F')]:
    for name in sorted(dir(mod)):
        f = getattr(mod, name)
        if name.startswith('_') or not callable(f) or inspect.isclass(f):
            continue
        try:
            f([1.0, 2.5])
            continue
        except Exception as e:  # noqa: BLE001 (every error is recorded or skipped)
            m = str(e)
        if re.match(r"^\w+\(\): argument '\w+' \(position 1\) must be Tensor, not list$", m):
            out[prefix + '.' + name] = m

# nn.functional functions written in Python fail on a list with an AttributeError ('list' object has no
# attribute 'dim'): those get the message of the ATen function they call (torch._C._nn.X or torch.X).
ATEN = {'cross_entropy': 'cross_entropy_loss'}
pattern = r"^\w+\(\): argument '\w+' \(position 1\) must be Tensor, not list$"
for name in sorted(dir(F)):
    f = getattr(F, name)
    if name.startswith('_') or not callable(f) or inspect.isclass(f) or 'F.' + name in out:
        continue
    aten = ATEN.get(name, name)
    for impl in [getattr(torch._C._nn, aten, None), getattr(torch, aten, None)]:
        if impl is None or not callable(impl):
            continue
        try:
            impl([1.0, 2.5])
            continue
        except Exception as e:  # noqa: BLE001
            m = str(e)
        if re.match(pattern, m):
            out['F.' + name] = m
            break

# Functions with an overload that takes a number first and a tensor second (torch.normal(0.0, std),
# torch.xlogy(2, x)): there a number is not this error.
scalar_first = []
for key in sorted(out):
    prefix, name = key.split('.')
    f = getattr(torch if prefix == 'torch' else F, name)
    try:
        f(2.5, torch.ones(2))
        scalar_first.append(key)
    except Exception:  # noqa: BLE001 (an error of any kind: no such overload)
        pass

# The second argument: f(tensor, list) with exactly `...(position 2) must be Tensor, not list` (the nn.functional
# Python-level functions through their ATen function again); `scalar_second` where a number there is no such error.
second = {}
scalar_second = []
p2 = r"^\w+\(\): argument '\w+' \(position 2\) must be Tensor, not (list|float)$"
# (only for the functions above: ops whose first argument is a tensor; calling others with a list can abort)
for key in sorted(out):
    prefix, name = key.split('.')
    f = getattr(torch if prefix == 'torch' else F, name)
    if True:
        impls = [f]
        if prefix == 'F':
            aten = ATEN.get(name, name)
            impls += [i for i in [getattr(torch._C._nn, aten, None), getattr(torch, aten, None)] if callable(i)]
        for impl in impls:
            try:
                impl(torch.ones(2, 2), [1.0, 2.5])
                break
            except Exception as e:  # noqa: BLE001
                m = str(e)
            if re.match(p2, m) and m.endswith('list'):
                second[prefix + '.' + name] = m
                try:
                    impl(torch.ones(2, 2), 2.5)
                    scalar_second.append(prefix + '.' + name)
                except Exception as e:  # noqa: BLE001
                    if not re.match(p2, str(e)):
                        scalar_second.append(prefix + '.' + name)
                break

# Tensor methods whose first argument (after self) must be a Tensor: x.add([1, 2]).
methods = {}
for name in sorted(dir(torch.Tensor)):
    if name.startswith('_'):
        continue
    try:
        f = getattr(torch.ones(2, 2), name)
    except Exception:  # noqa: BLE001 (properties that raise for a float tensor: imag, ...)
        continue
    if not callable(f):
        continue
    try:
        f([1.0, 2.5])
        continue
    except Exception as e:  # noqa: BLE001
        m = str(e)
    if re.match(r"^\w+\(\): argument '\w+' \(position 1\) must be Tensor, not list$", m):
        methods[name] = m

with open('test/fixtures/tensor-args.json', 'w') as fh:
    json.dump({'messages': out, 'scalar_first': scalar_first, 'second': second, 'scalar_second': scalar_second,
               'methods': methods}, fh, indent=0, sort_keys=True)
    fh.write('\n')
print(len(out), 'functions')
