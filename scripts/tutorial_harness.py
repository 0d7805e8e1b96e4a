# What the tutorial-style fixture generators share (scripts/gen-tutorials.py and the others): a program
# records what it prints, in order; test/tutorial-harness.ts runs the same program written against tocha
# and compares.
#
# A record is [kind, text]:
#   'p'  a printout, compared exactly;
#   'n'  a printout after training steps: the text around the numbers exactly, the numbers within the
#        tolerance test/tutorial-harness.ts states;
#   'e'  an error: 'Type: message'.
import json
import os

import torch

programs = {}
out = None


def program(name):
    global out
    out = programs.setdefault(name, [])
    torch.manual_seed(0)


def p(*objs, sep=' '):
    out.append(['p', sep.join(str(o) for o in objs)])


def n(*objs, sep=' '):
    out.append(['n', sep.join(str(o) for o in objs)])


def e(f):
    try:
        f()
    except Exception as ex:  # noqa: BLE001 - the message is the point
        out.append(['e', type(ex).__name__ + ': ' + str(ex)])
        return
    raise AssertionError('no error')


def write(path):
    """Writes the programs' records to path (test/fixtures/...), and prints how many each made."""
    with open(path, 'w') as f:
        json.dump({'torch_version': torch.__version__, 'programs': programs}, f, indent=0, separators=(',', ':'))
        f.write('\n')
    print({k: len(v) for k, v in programs.items()}, os.path.getsize(path))
