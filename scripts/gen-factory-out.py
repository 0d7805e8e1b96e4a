# The factories' out= in PyTorch 1.13 (torch.zeros(2, 3, out=t), arange, linspace, eye, the random ones...): what out
# holds after the call (values, dtype, shape, strides), whether it then requires grad and has a history, the warnings
# and the errors, for test/factory-out.test.ts. Each case's tocha call is written beside its title there.
#   /usr/bin/python3 scripts/gen-factory-out.py   (writes test/fixtures/factory-out.json)
import json
import warnings

import torch

long, f32, b8 = torch.long, torch.float32, torch.bool


def leaf(*s):
    return torch.zeros(*s, requires_grad=True)


def ramp(*s):
    """Probabilities 0.05 .. 0.95 in a tensor of shape s (contiguous)."""
    n = 1
    for v in s:
        n *= v
    return torch.linspace(0.05, 0.95, n).reshape(*s)


def dist():
    """Two rows of four weights for multinomial."""
    return torch.tensor([[0.1, 0.2, 0.3, 0.4], [0.5, 0.0, 0.25, 0.25]])


def case(title, fn, values=True):
    """fn() run after manual_seed(0): the tensor it returns (out), its warnings, or its error (first line)."""
    torch.manual_seed(0)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        try:
            r = fn()
            res = {'result': {'dtype': str(r.dtype).replace('torch.', ''), 'shape': list(r.shape), 'stride': list(r.stride()),
                              'values': r.tolist() if values else None, 'requires_grad': r.requires_grad,
                              'grad_fn': None if r.grad_fn is None else type(r.grad_fn).__name__}}
            if r.grad_fn is not None:
                try:
                    r.sum().backward()
                    res['backward'] = None
                except RuntimeError as e:
                    res['backward'] = str(e)
        except Exception as e:  # noqa: BLE001 (the error is the expectation)
            res = {'error': type(e).__name__, 'message': str(e).split('\n')[0]}
    # without the "(Triggered internally at ...)" tail of ATen's warnings; torch.range's deprecation (once a process in tocha)
    # left out
    res['warnings'] = [str(m.message).split(' (Triggered internally at')[0] for m in w
                       if not str(m.message).startswith('torch.range is deprecated')]
    return {'title': title, **res}


cases = [
    case('zeros into a 2x3 out', lambda: torch.zeros(2, 3, out=torch.empty(2, 3))),
    case('zeros into a long out', lambda: torch.zeros(2, 3, out=torch.empty(2, 3, dtype=long))),
    case('zeros into a 5-element out (resized, no warning)', lambda: torch.zeros(2, 3, out=torch.empty(5))),
    case('zeros into a 0-element out', lambda: torch.zeros([2, 3], out=torch.empty(0))),
    case('zeros into a transposed out (its strides kept)', lambda: torch.zeros(2, 3, out=torch.empty(3, 2).t())),
    case('zeros 3x2 into a transposed 2x3 out (resized)', lambda: torch.zeros(3, 2, out=torch.empty(3, 2).t())),
    case('zeros with dtype long into a float out', lambda: torch.zeros(2, out=torch.empty(2), dtype=long)),
    case('zeros with dtype long into a long out', lambda: torch.zeros(2, out=torch.empty(2, dtype=long), dtype=long)),
    case('zeros into a leaf that requires grad', lambda: torch.zeros(2, 3, out=leaf(2, 3))),
    case('zeros into a leaf that requires grad, under no_grad', lambda: torch.no_grad()(lambda: torch.zeros(2, 3, out=leaf(2, 3)))()),
    case('zeros into a tensor with history', lambda: torch.zeros(2, 3, out=leaf(2, 3) * 1)),
    case('zeros into a 5-element tensor with history', lambda: torch.zeros(2, 3, out=leaf(5) * 1)),
    # a factory's Python binding sets out's requires_grad to its own argument's (False unless given): under no_grad a
    # leaf that required grad no longer does
    case('ones into a leaf that requires grad, under no_grad', lambda: torch.no_grad()(lambda: torch.ones(2, out=leaf(2)))()),
    case('arange into a leaf that requires grad, under no_grad (resized)',
         lambda: torch.no_grad()(lambda: torch.arange(3, out=leaf(2)))()),
    case('rand into a leaf that requires grad, under no_grad', lambda: torch.no_grad()(lambda: torch.rand(2, out=leaf(2)))()),
    case('zeros with requires_grad into a leaf that requires grad, under no_grad',
         lambda: torch.no_grad()(lambda: torch.zeros(2, out=leaf(2), requires_grad=True))()),
    case('zeros with requires_grad into out', lambda: torch.zeros(2, 3, out=torch.empty(2, 3), requires_grad=True)),
    case('zeros with requires_grad into a long out', lambda: torch.zeros(2, 3, out=torch.empty(2, 3, dtype=long), requires_grad=True)),
    case('zeros with out=list', lambda: torch.zeros(2, 3, out=[torch.empty(2, 3)])),
    case('zeros of a list size with out=3', lambda: torch.zeros([2, 3], out=3)),
    case('zeros with out=None', lambda: torch.zeros(2, 3, out=None)),
    case('ones into a bool out', lambda: torch.ones(2, 3, out=torch.empty(2, 3, dtype=b8))),
    case('ones into a 0-element long out', lambda: torch.ones(4, out=torch.empty(0, dtype=long))),
    case('ones with dtype float into a long out', lambda: torch.ones(3, out=torch.empty(3, dtype=long), dtype=f32)),
    case('empty into a 5-element out', lambda: torch.empty(2, 3, out=torch.empty(5)), values=False),
    case('empty into a transposed out', lambda: torch.empty(2, 3, out=torch.empty(3, 2).t()), values=False),
    case('empty into a leaf that requires grad', lambda: torch.empty(2, 3, out=leaf(2, 3))),
    case('empty into a leaf that requires grad, under no_grad', lambda: torch.no_grad()(lambda: torch.empty(2, 3, out=leaf(2, 3)))()),
    case('empty with out=list', lambda: torch.empty(2, out=[1])),
    case('full of 1.5 into a 5-element out', lambda: torch.full((2, 3), 1.5, out=torch.empty(5))),
    case('full of 2.7 into a long out', lambda: torch.full((2,), 2.7, out=torch.empty(2, dtype=long))),
    case('full of -2.7 into a long out', lambda: torch.full((2,), -2.7, out=torch.empty(2, dtype=long))),
    case('full of 0.5 into a bool out', lambda: torch.full((2,), 0.5, out=torch.empty(2, dtype=b8))),
    case('full of True into a float out', lambda: torch.full((2, 3), True, out=torch.empty(2, 3))),
    case('full into a transposed out', lambda: torch.full((2, 3), 7, out=torch.empty(3, 2).t())),
    case('full with dtype long into a float out', lambda: torch.full((2,), 1, out=torch.empty(2), dtype=long)),
    case('full into a leaf that requires grad', lambda: torch.full((2,), 1.0, out=leaf(2))),
    case('full with out=list', lambda: torch.full([2], 1, out=[1])),
    case('rand into a 2x3 out', lambda: torch.rand(2, 3, out=torch.empty(2, 3))),
    case('rand into a transposed out (drawn in its memory order)', lambda: torch.rand(2, 3, out=torch.empty(3, 2).t())),
    case('rand into a 5-element out', lambda: torch.rand(2, 3, out=torch.empty(5))),
    case('rand into a long out', lambda: torch.rand(2, 3, out=torch.empty(2, 3, dtype=long))),
    case('rand into a bool out', lambda: torch.rand(2, out=torch.empty(2, dtype=b8))),
    case('rand into a leaf that requires grad', lambda: torch.rand(2, out=leaf(2))),
    case('rand into a tensor with history', lambda: torch.rand(2, 3, out=leaf(2, 3) * 1)),
    case('rand with a generator into out', lambda: torch.rand(3, out=torch.empty(3), generator=torch.Generator().manual_seed(5))),
    case('rand with out=list', lambda: torch.rand(2, out=[1])),
    case('randn into a 20-element out', lambda: torch.randn(20, out=torch.empty(20))),
    case('randn into a transposed out (the serial kernel)', lambda: torch.randn(2, 3, out=torch.empty(3, 2).t())),
    case('randn into a 0-element out', lambda: torch.randn(3, out=torch.empty(0))),
    case('randn into a long out', lambda: torch.randn(3, out=torch.empty(3, dtype=long))),
    case('randn into a leaf that requires grad', lambda: torch.randn(3, out=leaf(3))),
    case('randn into a tensor with history', lambda: torch.randn(3, out=leaf(3) * 1)),
    case('randint into a long out', lambda: torch.randint(0, 10, (2, 3), out=torch.empty(2, 3, dtype=long))),
    case('randint into a float out', lambda: torch.randint(0, 5, (2, 3), out=torch.empty(2, 3))),
    case('randint into a transposed long out', lambda: torch.randint(0, 10, (2, 3), out=torch.empty(3, 2, dtype=long).t())),
    case('randint(high) into a 0-element out', lambda: torch.randint(7, (4,), out=torch.empty(0, dtype=long))),
    case('randint(0, 2) into a bool out', lambda: torch.randint(0, 2, (3,), out=torch.empty(3, dtype=b8))),
    case('randint(0, 5) into a bool out', lambda: torch.randint(0, 5, (3,), out=torch.empty(3, dtype=b8))),
    case('randint with dtype long into a float out', lambda: torch.randint(3, (3,), out=torch.empty(3), dtype=long)),
    case('randint into a leaf that requires grad', lambda: torch.randint(3, (3,), out=leaf(3))),
    case('randint with out=list', lambda: torch.randint(0, 3, [2], out=[1])),
    case('randperm into a long out', lambda: torch.randperm(5, out=torch.empty(5, dtype=long))),
    case('randperm into a float out', lambda: torch.randperm(5, out=torch.empty(0))),
    case('randperm into a strided long out', lambda: torch.randperm(4, out=torch.empty(8, dtype=long)[::2])),
    case('randperm into a bool out', lambda: torch.randperm(3, out=torch.empty(3, dtype=b8))),
    case('randperm with out=list', lambda: torch.randperm(2, out=[1])),
    case('arange into a float out', lambda: torch.arange(6, out=torch.empty(6))),
    case('arange into a 2x3 out (its shape kept)', lambda: torch.arange(6, out=torch.empty(2, 3))),
    case('arange into a transposed out (its shape and strides kept)', lambda: torch.arange(6, out=torch.empty(3, 2).t())),
    case('arange into a 5-element out (resized, with the warning)', lambda: torch.arange(6, out=torch.empty(5))),
    case('arange into a 0-element out', lambda: torch.arange(1, 4, out=torch.empty(0))),
    case('arange of floats into a long out', lambda: torch.arange(0.5, 3, out=torch.empty(0, dtype=long))),
    case('arange with step 1.5 into a long out', lambda: torch.arange(0, 3, 1.5, out=torch.empty(0, dtype=long))),
    case('arange with step 0.5 into a long out', lambda: torch.arange(0, 3, 0.5, out=torch.empty(0, dtype=long))),
    case('arange with step 0.5 into a float out', lambda: torch.arange(0, 3, 0.5, out=torch.empty(0))),
    case('arange into a bool out', lambda: torch.arange(3, out=torch.empty(3, dtype=b8))),
    case('arange with dtype long into a float out', lambda: torch.arange(3, out=torch.empty(3), dtype=long)),
    case('arange into a leaf that requires grad', lambda: torch.arange(3, out=leaf(3))),
    case('arange into a tensor with history', lambda: torch.arange(6, out=leaf(4) * 1)),
    case('arange with out=list', lambda: torch.arange(2, out=[1])),
    case('arange(0, 2, 1) with out=list', lambda: torch.arange(0, 2, 1, out=[1])),
    case('linspace into a 2x3 out (resized)', lambda: torch.linspace(0, 1, 5, out=torch.empty(2, 3))),
    case('linspace of 6 into a 2x3 out (its shape kept)', lambda: torch.linspace(0, 1, 6, out=torch.empty(2, 3))),
    case('linspace into a long out', lambda: torch.linspace(-1.5, 2.5, 5, out=torch.empty(0, dtype=long))),
    case('linspace into a bool out', lambda: torch.linspace(0, 1, 3, out=torch.empty(3, dtype=b8))),
    case('linspace with dtype long into a float out', lambda: torch.linspace(0, 1, 3, out=torch.empty(3), dtype=long)),
    case('linspace into a leaf that requires grad', lambda: torch.linspace(0, 1, 3, out=leaf(3))),
    case('linspace with out=list', lambda: torch.linspace(0, 1, 2, out=[1])),
    case('logspace into a 0-element out', lambda: torch.logspace(0, 1, 5, out=torch.empty(0))),
    case('logspace into a long out', lambda: torch.logspace(0, 1, 5, out=torch.empty(0, dtype=long))),
    case('logspace base 2 into a long out', lambda: torch.logspace(0, 3, 4, 2, out=torch.empty(4, dtype=long))),
    case('logspace of 6 into a 3x2 out', lambda: torch.logspace(0, 1, 6, out=torch.empty(3, 2))),
    case('logspace into a bool out', lambda: torch.logspace(0, 1, 3, out=torch.empty(3, dtype=b8))),
    case('logspace with out=list', lambda: torch.logspace(0, 1, 2, out=[1])),
    case('range into a 2x2 out (its shape kept)', lambda: torch.range(0, 3, out=torch.empty(2, 2))),
    case('range into a 0-element long out', lambda: torch.range(0, 3, 1.5, out=torch.empty(0, dtype=long))),
    case('range with step 0.5 into a long out', lambda: torch.range(0, 3, 0.5, out=torch.empty(0, dtype=long))),
    case('range with dtype long into a float out', lambda: torch.range(0, 3, out=torch.empty(4), dtype=long)),
    case('range with out=list', lambda: torch.range(0, 3, out=[1])),
    case('normal into a 5-element out (resized, no warning)', lambda: torch.normal(0.5, 2.0, (2, 3), out=torch.empty(5))),
    case('normal into a transposed out (the serial kernel)', lambda: torch.normal(0.5, 2.0, (2, 3), out=torch.empty(3, 2).t())),
    case('normal of 20 into out', lambda: torch.normal(-1.0, 0.5, (20,), out=torch.empty(20))),
    case('normal into a long out', lambda: torch.normal(0.0, 1.0, (2,), out=torch.empty(2, dtype=long))),
    case('normal with dtype long into a float out', lambda: torch.normal(0.0, 1.0, (2,), out=torch.empty(2), dtype=long)),
    case('normal into a leaf that requires grad', lambda: torch.normal(0.0, 1.0, (2,), out=leaf(2))),
    case('normal into a tensor with history', lambda: torch.normal(0.0, 1.0, (2,), out=leaf(2) * 1)),
    case('normal with a negative std into out', lambda: torch.normal(0.0, -1.0, (2,), out=torch.empty(2))),
    case('normal with out=list', lambda: torch.normal(0.5, 1.5, [2], out=[1])),
    case('tensor with out', lambda: torch.tensor([1.0], out=torch.empty(1))),
    case('as_tensor with out', lambda: torch.as_tensor([1.0], out=torch.empty(1))),
    case('new_zeros with out', lambda: torch.empty(1).new_zeros(2, out=torch.empty(2))),
    case('zeros_like with out', lambda: torch.zeros_like(torch.empty(2), out=torch.empty(2))),
    case('eye into a 3x3 out', lambda: torch.eye(3, out=torch.empty(3, 3))),
    case('eye into a transposed out (its strides kept)', lambda: torch.eye(3, out=torch.empty(3, 3).t())),
    case('eye(2, 3) into a 5-element out', lambda: torch.eye(2, 3, out=torch.empty(5))),
    case('eye into a bool out', lambda: torch.eye(2, out=torch.empty(0, dtype=b8))),
    case('eye into a long out', lambda: torch.eye(2, 3, out=torch.empty(0, dtype=long))),
    case('eye with dtype long into a float out', lambda: torch.eye(2, out=torch.empty(2, 2), dtype=long)),
    case('eye into a leaf that requires grad', lambda: torch.eye(2, out=leaf(2, 2))),
    case('eye(2, 3) with out=list', lambda: torch.eye(2, 3, out=[1])),
    # the samplers' out= (ATen's bernoulli_out: out.resize_ then out.bernoulli_(p), in out's dtype and memory order;
    # multinomial_out: a long out only, resized, or written by argmax_out / topk_out without replacement)
    case('bernoulli into a 2x3 out', lambda: torch.bernoulli(ramp(2, 3), out=torch.empty(2, 3))),
    case('bernoulli into a 5-element out (resized, no warning)', lambda: torch.bernoulli(ramp(2, 3), out=torch.empty(5))),
    case('bernoulli into a transposed out (its strides kept)', lambda: torch.bernoulli(ramp(2, 3), out=torch.empty(3, 2).t())),
    case('bernoulli into a long out', lambda: torch.bernoulli(ramp(2, 3), out=torch.empty(2, 3, dtype=long))),
    case('bernoulli into a bool out', lambda: torch.bernoulli(ramp(2, 3), out=torch.empty(2, 3, dtype=b8))),
    case('bernoulli of a transposed p', lambda: torch.bernoulli(ramp(3, 2).t())),
    case('bernoulli of a transposed p into a 2x3 out', lambda: torch.bernoulli(ramp(3, 2).t(), out=torch.empty(2, 3))),
    case('bernoulli into a leaf that requires grad', lambda: torch.bernoulli(ramp(2, 3), out=leaf(2, 3))),
    case('bernoulli of p that requires grad into out', lambda: torch.bernoulli(ramp(2, 3).requires_grad_(), out=torch.empty(2, 3))),
    case('bernoulli of p that requires grad', lambda: torch.bernoulli(ramp(2, 3).requires_grad_())),
    case('bernoulli with out=list', lambda: torch.bernoulli(ramp(2, 3), out=[1])),
    case('bernoulli(input, 0.3) with out', lambda: torch.bernoulli(ramp(2, 3), 0.3, out=torch.empty(2, 3))),
    case('multinomial with replacement into a 2x3 long out',
         lambda: torch.multinomial(dist(), 3, True, out=torch.empty(2, 3, dtype=long))),
    case('multinomial with replacement into a 7-element long out (resized, no warning)',
         lambda: torch.multinomial(dist(), 3, True, out=torch.empty(7, dtype=long))),
    case('multinomial with replacement into a transposed long out',
         lambda: torch.multinomial(dist(), 3, True, out=torch.empty(3, 2, dtype=long).t())),
    case('multinomial into a float out', lambda: torch.multinomial(dist(), 3, True, out=torch.empty(2, 3))),
    case('multinomial without replacement into a 2x2 long out',
         lambda: torch.multinomial(dist(), 2, out=torch.empty(2, 2, dtype=long))),
    case('multinomial without replacement into a 5-element long out',
         lambda: torch.multinomial(dist(), 2, out=torch.empty(5, dtype=long))),
    case('multinomial of one sample into a 7-element long out',
         lambda: torch.multinomial(dist(), 1, out=torch.empty(7, dtype=long))),
    case('multinomial of a 1-d p into a 2-element long out', lambda: torch.multinomial(dist()[0], 2, out=torch.empty(2, dtype=long))),
    case('multinomial of p that requires grad into out',
         lambda: torch.multinomial(dist().requires_grad_(), 2, out=torch.empty(2, 2, dtype=long))),
]

# the same calls without out, with the dtype out would give: what the out= form must agree with
plain = [
    case('arange with step 1.5 and dtype long', lambda: torch.arange(0, 3, 1.5, dtype=long)),
    case('arange of 0.5 to 3 and dtype long', lambda: torch.arange(0.5, 3, dtype=long)),
    case('arange with dtype bool', lambda: torch.arange(3, dtype=b8)),
    case('linspace with dtype long', lambda: torch.linspace(0.9, 3.9, 5, dtype=long)),
    case('linspace with dtype bool', lambda: torch.linspace(0, 1, 3, dtype=b8)),
    case('logspace with dtype long', lambda: torch.logspace(0, 1, 5, dtype=long)),
    case('logspace base 3 with dtype long', lambda: torch.logspace(-1, 2, 7, 3, dtype=long)),
    case('logspace with dtype bool', lambda: torch.logspace(0, 1, 3, dtype=b8)),
    case('logspace with requires_grad', lambda: torch.logspace(0, 1, 3, requires_grad=True)),
    case('randint(0, 5) with dtype bool', lambda: torch.randint(0, 5, (3,), dtype=b8)),
    case('randint(-1, 1) with dtype bool', lambda: torch.randint(-1, 1, (3,), dtype=b8)),
    case('randperm with dtype bool', lambda: torch.randperm(3, dtype=b8)),
    case('logspace of 6', lambda: torch.logspace(0, 1, 6)),
    case('logspace base 2 of 11', lambda: torch.logspace(-2, 3, 11, 2)),
    case('logspace base 3.5 of 9', lambda: torch.logspace(0.1, 1.7, 9, 3.5)),
    case('logspace of 1', lambda: torch.logspace(0.3, 1, 1)),
    case('logspace of 20', lambda: torch.logspace(-1, 1, 20)),
    case('logspace base 7.1 of 13', lambda: torch.logspace(0.3, 2.9, 13, 7.1)),
    case('logspace base 1.7 of 33', lambda: torch.logspace(-3.3, 4.4, 33, 1.7)),
]

json.dump({'cases': cases + plain}, open('test/fixtures/factory-out.json', 'w'), indent=1)
print(len(cases + plain), 'cases')
