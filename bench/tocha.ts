// tocha's side of the workloads, written as a user writes them: nn.Sequential, the loss module,
// optimizer.zero_grad() / step(). Each step's tensors are released by tocha's own rules (the
// graph at the next backward, old gradients at zero_grad); `leakCheck` verifies memory stays flat.
import * as torch from '../src/index.js';
import { nn, optim } from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { Runner, System, uniform, labels, linearInit } from './lib.js';

/** A Linear layer whose weights are the shared benchmark initialization. */
function linear(fanIn: number, fanOut: number, seed: number): InstanceType<typeof nn.Linear> {
  const l = new nn.Linear(fanIn, fanOut);
  const { w, b } = linearInit(fanIn, fanOut, seed);
  torch.no_grad(() => {
    const tw = torch.tensor(w).reshape([fanOut, fanIn]);
    const tb = torch.tensor(b);
    l.weight.copy_(tw);
    l.bias!.copy_(tb);
    tw.dispose();
    tb.dispose();
  });
  return l;
}

function input(rows: number, cols: number, seed: number): Tensor {
  return torch.tensor(uniform(rows * cols, seed)).reshape([rows, cols]).keep();
}

/** One training step as in PyTorch's tutorial: zero_grad, forward, loss, backward, step. */
function trainer(net: InstanceType<typeof nn.Module>, lossFn: (out: Tensor, y: Tensor) => Tensor,
  opt: InstanceType<typeof optim.Optimizer>, x: Tensor, y: Tensor): Runner {
  return {
    run() {
      opt.zero_grad();
      const out = (net as unknown as (t: Tensor) => Tensor)(x);
      const loss = lossFn(out, y);
      loss.backward();
      opt.step();
    },
    dispose() {
      x.dispose();
      y.dispose();
    },
  };
}

export function tutorialNet(batch: number): { runner: Runner; net: InstanceType<typeof nn.Module> } {
  const net = new nn.Sequential(linear(4096, 120, 11), new nn.ReLU(), linear(120, 10, 13), new nn.Sigmoid());
  const x = input(batch, 4096, 21);
  const y = input(batch, 10, 22);
  const crit = new nn.MSELoss();
  const opt = new optim.SGD(net.parameters(), { lr: 0.01 });
  return { runner: trainer(net, (o, t) => crit(o, t), opt, x, y), net };
}

export function mnistNet(batch: number): Runner {
  const net = new nn.Sequential(linear(784, 256, 31), new nn.ReLU(), linear(256, 10, 33));
  const x = input(batch, 784, 41);
  const y = torch.tensor(Array.from(labels(batch, 10, 42))).keep();
  const crit = new nn.CrossEntropyLoss();
  const opt = new optim.Adam(net.parameters(), { lr: 1e-3 });
  return trainer(net, (o, t) => crit(o, t), opt, x, y);
}

export const tocha: System = {
  name: 'tocha',
  matmul(n) {
    const a = input(n, n, 1), b = input(n, n, 2);
    return {
      run() { torch.mm(a, b).dispose(); },
      dispose() { a.dispose(); b.dispose(); },
    };
  },
  tutorial: (batch) => tutorialNet(batch).runner,
  mnist: mnistNet,
  elementwise(op, n) {
    const a = input(1, n, 3).reshape([n]), b = input(1, n, 4).reshape([n]);
    const f = op === 'sigmoid' ? () => torch.sigmoid(a) : () => torch.add(a, b);
    return {
      run() { f().dispose(); },
      dispose() { a.dispose(); b.dispose(); },
    };
  },
};

/** Runs `steps` steps and reports tocha's live bytes before and after: a loop that leaks shows
 *  growth proportional to the steps. */
export function leakCheck(r: Runner, steps: number): { before: number; after: number; tensorsBefore: number; tensorsAfter: number } {
  r.run();
  r.run();
  const s0 = torch.memory_stats();
  for (let i = 0; i < steps; i++) r.run();
  const s1 = torch.memory_stats();
  return { before: s0.bytes_in_use, after: s1.bytes_in_use, tensorsBefore: s0.live_tensors, tensorsAfter: s1.live_tensors };
}
