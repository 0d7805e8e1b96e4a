// Bad input to nn, optim and data: a catalogue (issue 5), beside test/errors-ops.test.ts for the
// core ops. Each case asserts the error type and PyTorch's message (PyTorch 1.13's own wording
// is quoted where tocha's differs), then that no parameter, buffer, optimizer state or
// hyper-parameter changed (a sha256 of every byte, before and after) and that the model still
// trains. NaN/Inf inputs to losses give PyTorch's values and never throw.
import { createHash } from 'node:crypto';
import { beforeAll, describe, it, expect } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';

const { nn, optim } = torch;
const F = nn.functional;
const S = optim.lr_scheduler;
const { DataLoader, TensorDataset } = torch.utils.data;
const f32 = (data: torch.NestedArray) => torch.tensor(data, { dtype: torch.float32 });

class Net extends nn.Module {
  emb = new nn.Embedding(10, 4);
  fc = new nn.Linear(4, 3);
  bn = new nn.BatchNorm1d(3);
  override forward(idx: Tensor): Tensor {
    return this.bn(this.fc(this.emb(idx)));
  }
}

/** A model whose forward changes in place a tensor its graph saved for backward. */
class InPlaceNet extends nn.Module {
  fc = new nn.Linear(4, 3);
  override forward(x: Tensor): Tensor {
    const h = torch.sigmoid(this.fc(x));
    return h.mul_(2);
  }
}

let net: Net;
let opt: torch.optim.Adam;
const idx = () => torch.tensor([1, 2, 3, 9]);
const target = () => torch.tensor([0, 2, 1, 1]);

/** sha256 over every parameter and buffer, the optimizer's state tensors and its hyper-parameters. */
function fingerprint(): string {
  const h = createHash('sha256');
  const bytes = (t: Tensor) => {
    const d = t.contiguous().dataSync();
    h.update(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
  };
  for (const [name, p] of net.named_parameters()) { h.update(name); bytes(p); }
  for (const [name, b] of net.named_buffers()) { h.update(name); bytes(b); }
  for (const st of opt.state.values()) {
    for (const [k, v] of Object.entries(st)) {
      h.update(k);
      if (v instanceof torch.Tensor) bytes(v); else h.update(String(v));
    }
  }
  for (const g of opt.param_groups) h.update(JSON.stringify({ ...g, params: g.params.length }));
  return h.digest('hex');
}

/** One training step of the shared model still works (and gives a finite loss). */
function stillTrains(): void {
  opt.zero_grad();
  const loss = F.cross_entropy(net(idx()), target());
  loss.backward();
  opt.step();
  expect(Number.isFinite(loss.item())).toBe(true);
}

type Case = [name: string, fn: () => unknown, type: new (...a: never[]) => Error, message: RegExp];

function catalogue(cases: Case[]): void {
  for (const [name, fn, type, message] of cases) {
    it(name, () => {
      opt.zero_grad();
      const before = fingerprint();
      let err: unknown = null;
      try {
        torch.tidy(() => { fn(); });
      } catch (e) {
        err = e;
      }
      expect(err, `${name} did not throw`).toBeInstanceOf(type);
      expect((err as Error).message).toMatch(message);
      expect(fingerprint(), `${name} changed the model or the optimizer`).toBe(before);
      stillTrains();
    });
  }
}

beforeAll(() => {
  torch.manual_seed(0);
  net = new Net();
  opt = new optim.Adam(net.parameters(), { lr: 0.01 });
  stillTrains(); // the optimizer has state to protect
});

const params = () => net.parameters();
const sgd = () => new optim.SGD(net.parameters(), { lr: 0.1 });

describe('layers', () => {
  catalogue([
    // PyTorch: mat1 and mat2 shapes cannot be multiplied (2x5 and 4x3)
    ['Linear given the wrong input width', () => net.fc(torch.randn(2, 5)), RangeError,
      /^mat1 and mat2 shapes cannot be multiplied \(2x5 and 4x3\)$/],
    // PyTorch: IndexError: index out of range in self
    ['Embedding index out of range', () => net(torch.tensor([1, 10])), RangeError,
      /^index out of range in self: index 10 is out of range for Embedding\(10, 4\)$/],
    ['Embedding negative index', () => net.emb(torch.tensor([[1, -1]])), RangeError,
      /^index out of range in self: index -1 is out of range for Embedding\(10, 4\)$/],
    ['Embedding given float indices', () => net.emb(f32([1, 2])), TypeError,
      /^Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch\.FloatTensor instead \(while checking arguments for embedding\)$/],
    ['BatchNorm1d given the wrong number of features', () => net.bn(torch.randn(4, 5)), Error,
      /^running_mean should contain 5 elements not 3$/],
    ['BatchNorm1d training on one value per channel', () => net.bn(torch.randn(1, 3)), Error,
      /^Expected more than 1 value per channel when training, got input size torch\.Size\(\[1, 3\]\)$/],
    ['a layer with a negative size', () => new nn.Linear(-1, 3), RangeError,
      /Trying to create tensor with negative dimension -1: \[3, -1\]$/],
    ['Dropout probability above 1', () => new nn.Dropout(1.5), Error,
      /^dropout probability has to be between 0 and 1, but got 1\.5$/],
  ]);
});

describe('losses given a target of the wrong shape or dtype', () => {
  // The forward runs once, outside the cases: a training-mode forward updates BatchNorm's running
  // statistics (as in PyTorch), and the cases check that the failing loss changes nothing.
  let logits: Tensor;
  beforeAll(() => { logits = net(idx()).keep(); });
  const out = () => logits;
  catalogue([
    ['cross_entropy: batch sizes differ', () => F.cross_entropy(out(), torch.tensor([0, 1, 2])), Error,
      /^Expected input batch_size \(4\) to match target batch_size \(3\)\.$/],
    ['cross_entropy: float class indices', () => F.cross_entropy(out(), f32([0, 1, 2, 0])), TypeError,
      /^expected scalar type Long but found Float$/],
    ['cross_entropy: class index out of range', () => new nn.CrossEntropyLoss()(out(), torch.tensor([0, 1, 3, 0])), RangeError,
      /^Target 3 is out of bounds\.$/],
    ['cross_entropy: probabilities of the wrong shape', () => F.cross_entropy(out(), torch.rand(4, 4)), Error,
      /^0D or 1D target tensor expected, multi-target not supported$/],
    ['nll_loss: batch sizes differ', () => F.nll_loss(F.log_softmax(out(), 1), torch.tensor([0, 1, 2, 0, 1])), Error,
      /^Expected input batch_size \(4\) to match target batch_size \(5\)\.$/],
    ['nll_loss: a 2-D target', () => new nn.NLLLoss()(out(), torch.tensor([[0], [1], [2], [0]])), Error,
      /^0D or 1D target tensor expected, multi-target not supported$/],
    ['nll_loss: float target', () => F.nll_loss(out(), f32([0, 1, 2, 0])), TypeError, /^expected scalar type Long but found Float$/],
    ['mse_loss: shapes that do not broadcast', () => new nn.MSELoss()(out(), torch.randn(4, 2)), RangeError,
      /^The size of tensor a \(3\) must match the size of tensor b \(2\) at non-singleton dimension 1$/],
    // PyTorch 1.13 promotes an int64 target (tested below); a bool one in l1_loss meets subtraction's error
    ['l1_loss: bool target', () => F.l1_loss(out(), torch.zeros(4, 3, { dtype: torch.bool })), TypeError,
      /^Subtraction, the `-` operator, with a bool tensor is not supported\. If you are trying to invert a mask, use the `~` or `logical_not\(\)` operator instead\.$/],
    ['kl_div: int64 target', () => F.kl_div(out(), torch.zeros(4, 3, { dtype: torch.int64 })), TypeError,
      /^kl_div: Integral inputs not supported\.$/],
    ['binary_cross_entropy: target size differs', () => F.binary_cross_entropy(torch.sigmoid(out()), torch.rand(4)), Error,
      /^Using a target size \(torch\.Size\(\[4\]\)\) that is different to the input size \(torch\.Size\(\[4, 3\]\)\) is deprecated\. Please ensure they have the same size\.$/],
    ['binary_cross_entropy: input outside [0, 1]', () => new nn.BCELoss()(out().mul(10), torch.rand(4, 3)), Error,
      /^all elements of input should be between 0 and 1$/],
    ['binary_cross_entropy: int64 target', () => F.binary_cross_entropy(torch.sigmoid(out()), torch.ones(4, 3, { dtype: torch.int64 })), Error,
      /^Found dtype Long but expected Float$/],
    ['binary_cross_entropy: bool target', () => new nn.BCELoss()(torch.sigmoid(out()), torch.ones(4, 3, { dtype: torch.bool })), Error,
      /^Found dtype Bool but expected Float$/],
    ['binary_cross_entropy_with_logits: target size differs', () => new nn.BCEWithLogitsLoss()(out(), torch.rand(4, 1)), Error,
      /^Target size \(torch\.Size\(\[4, 1\]\)\) must be the same as input size \(torch\.Size\(\[4, 3\]\)\)$/],
    ['binary_cross_entropy_with_logits: int64 target', () => F.binary_cross_entropy_with_logits(out(), torch.ones(4, 3, { dtype: torch.int64 })), Error,
      /^result type Float can't be cast to the desired output type Long$/],
    ['binary_cross_entropy_with_logits: bool target', () => F.binary_cross_entropy_with_logits(out(), torch.ones(4, 3, { dtype: torch.bool })), TypeError,
      /^Subtraction, the `-` operator, with two bool tensors is not supported\. Use the `\^` or `logical_xor\(\)` operator instead\.$/],
    ['kl_div: shapes that do not broadcast', () => new nn.KLDivLoss({ reduction: 'batchmean' })(F.log_softmax(out(), 1), torch.rand(4, 4)), RangeError,
      /^The size of tensor a \(4\) must match the size of tensor b \(3\) at non-singleton dimension 1$/],
    ['huber_loss: shapes that do not broadcast', () => F.huber_loss(out(), torch.randn(2, 3)), RangeError,
      /^The size of tensor a \(4\) must match the size of tensor b \(2\) at non-singleton dimension 0$/],
  ]);

  it('promotes int64 and bool targets where PyTorch 1.13 does (mse, l1 for int64, smooth_l1, huber)', () => {
    const x = torch.tensor([0.5, 1.5]);
    const L = torch.tensor([1, 2]);
    const B = torch.tensor([true, false]);
    // PyTorch: mse 0.25 / 1.25, l1 0.5, smooth_l1 and huber 0.125 / 0.5625
    expect(F.mse_loss(x, L).item()).toBe(0.25);
    expect(F.mse_loss(x, B).item()).toBe(1.25);
    expect(F.l1_loss(x, L).item()).toBe(0.5);
    expect(F.smooth_l1_loss(x, L).item()).toBe(0.125);
    expect(F.smooth_l1_loss(x, B).item()).toBe(0.5625);
    expect(F.huber_loss(x, B).item()).toBe(0.5625);
    const w = torch.tensor([0.5, 1.5], { requires_grad: true });
    F.mse_loss(w, L).backward();
    expect(w.grad!.tolist()).toEqual([-0.5, -0.5]);
    expect(() => F.mse_loss(L, L)).toThrow(new TypeError('"mse_cpu" not implemented for \'Long\''));
  });
});

describe('optimizers: invalid hyper-parameters, no parameters', () => {
  catalogue([
    ['SGD: negative lr', () => new optim.SGD(params(), { lr: -1 }), Error, /^Invalid learning rate: -1$/],
    ['SGD: negative momentum', () => new optim.SGD(params(), { lr: 0.1, momentum: -1 }), Error, /^Invalid momentum value: -1$/],
    ['SGD: nesterov without momentum', () => new optim.SGD(params(), { lr: 0.1, nesterov: true }), Error,
      /^Nesterov momentum requires a momentum and zero dampening$/],
    ['SGD: no lr', () => new optim.SGD(params(), {} as { lr: number }), Error,
      /^parameter group didn't specify a value of required optimization parameter lr$/],
    ['Adam: beta1 = 1', () => new optim.Adam(params(), { betas: [1, 0.999] }), Error, /^Invalid beta parameter at index 0: 1\.0$/],
    ['Adam: negative eps', () => new optim.Adam(params(), { eps: -1 }), Error, /^Invalid epsilon value: -1$/],
    ['AdamW: negative weight_decay', () => new optim.AdamW(params(), { weight_decay: -1 }), Error, /^Invalid weight_decay value: -1$/],
    ['Adamax: beta2 > 1', () => new optim.Adamax(params(), { betas: [0.9, 1.5] }), Error, /^Invalid beta parameter at index 1: 1\.5$/],
    ['NAdam: negative momentum_decay', () => new optim.NAdam(params(), { momentum_decay: -1 }), Error, /^Invalid momentum_decay value: -1$/],
    ['RAdam: negative weight_decay', () => new optim.RAdam(params(), { weight_decay: -1 }), Error, /^Invalid weight_decay value: -1$/],
    ['Adagrad: negative lr_decay', () => new optim.Adagrad(params(), { lr_decay: -1 }), Error, /^Invalid lr_decay value: -1$/],
    ['Adagrad: negative initial_accumulator_value', () => new optim.Adagrad(params(), { initial_accumulator_value: -1 }), Error,
      /^Invalid initial_accumulator_value value: -1$/],
    ['Adadelta: rho > 1', () => new optim.Adadelta(params(), { rho: 1.5 }), Error, /^Invalid rho value: 1\.5$/],
    ['RMSprop: negative alpha', () => new optim.RMSprop(params(), { alpha: -1 }), Error, /^Invalid alpha value: -1$/],
    ['Rprop: etas out of order', () => new optim.Rprop(params(), { etas: [1.5, 1.2] }), Error, /^Invalid eta values: 1\.5, 1\.2$/],
    ['ASGD: negative lr', () => new optim.ASGD(params(), { lr: -1 }), Error, /^Invalid learning rate: -1$/],
    // LBFGS validates nothing but its parameters in PyTorch 1.13
    ['an optimizer given no parameters', () => new optim.Adam([]), Error, /^optimizer got an empty parameter list$/],
    ['LBFGS given no parameters', () => new optim.LBFGS([]), Error, /^optimizer got an empty parameter list$/],
    ['a parameter in two groups', () => opt.add_param_group({ params: [net.fc.weight] }), Error,
      /^some parameters appear in more than one parameter group$/],
    ['optimizer load_state_dict with other groups', () => opt.load_state_dict({ state: {}, param_groups: [] } as never), Error,
      /^loaded state dict has a different number of parameter groups$/],
  ]);
});

describe('schedulers: invalid hyper-parameters (the optimizer keeps its lr)', () => {
  catalogue([
    ['ConstantLR: factor > 1', () => new S.ConstantLR(opt, { factor: 2 }), Error,
      /^Constant multiplicative factor expected to be between 0 and 1\.$/],
    ['LinearLR: start_factor > 1', () => new S.LinearLR(opt, { start_factor: 1.5 }), Error,
      /^Starting multiplicative factor expected to be between 0 and 1\.$/],
    ['LinearLR: end_factor > 1', () => new S.LinearLR(opt, { end_factor: 2 }), Error,
      /^Ending multiplicative factor expected to be between 0 and 1\.$/],
    ['LambdaLR: one lambda per group', () => new S.LambdaLR(opt, [() => 1, () => 1]), Error, /^Expected 1 lr_lambdas, but got 2$/],
    ['CosineAnnealingWarmRestarts: T_0 = 0', () => new S.CosineAnnealingWarmRestarts(opt, { T_0: 0 }), Error,
      /^Expected positive integer T_0, but got 0$/],
    ['CosineAnnealingWarmRestarts: T_mult = 0', () => new S.CosineAnnealingWarmRestarts(opt, { T_0: 2, T_mult: 0 }), Error,
      /^Expected integer T_mult >= 1, but got 0$/],
    ['OneCycleLR: no total_steps', () => new S.OneCycleLR(opt, { max_lr: 0.1 }), Error,
      /^You must define either total_steps OR \(epochs AND steps_per_epoch\)$/],
    ['OneCycleLR: pct_start > 1', () => new S.OneCycleLR(opt, { max_lr: 0.1, total_steps: 10, pct_start: 2 }), Error,
      /^Expected float between 0 and 1 pct_start, but got 2$/],
    ['ReduceLROnPlateau: factor = 1', () => new S.ReduceLROnPlateau(opt, { factor: 1 }), Error, /^Factor should be < 1\.0\.$/],
    ['ReduceLROnPlateau: unknown mode', () => new S.ReduceLROnPlateau(opt, { mode: 'max1' as 'max' }), Error, /^mode max1 is unknown!$/],
    ['CyclicLR: unknown mode', () => new S.CyclicLR(opt, { base_lr: 0.01, max_lr: 0.1, mode: 'bad' as 'triangular' }), Error,
      /^mode is invalid and scale_fn is None$/],
    ['SequentialLR: milestones do not fit the schedulers', () => { const o = sgd(); return new S.SequentialLR(o, { schedulers: [new S.StepLR(o, { step_size: 1 })], milestones: [1] }); }, Error,
      /^Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers 1 and the number of milestones to be equal to 1$/],
  ]);
});

describe('load_state_dict: a failed load leaves the model unchanged', () => {
  const good = () => net.state_dict();
  const without = (k: string) => Object.fromEntries(Object.entries(good()).filter(([n]) => n !== k));
  const changed = () => Object.fromEntries(Object.entries(good()).map(([k, v]) => [k, v.float().add(1)]));
  catalogue([
    // PyTorch copies the matching entries before it raises; tocha checks everything first.
    ['strict, a missing key (the other entries, all changed, are not loaded)', () => net.load_state_dict(Object.fromEntries(Object.entries(changed()).filter(([k]) => k !== 'fc.bias'))), Error,
      /^Error\(s\) in loading state_dict for Net:\n\tMissing key\(s\) in state_dict: "fc\.bias"\. $/],
    ['strict, an unexpected key', () => net.load_state_dict({ ...changed(), 'fc.extra': torch.ones(1) }), Error,
      /^Error\(s\) in loading state_dict for Net:\n\tUnexpected key\(s\) in state_dict: "fc\.extra"\. $/],
    ['strict, a mis-shaped entry', () => net.load_state_dict({ ...changed(), 'fc.weight': torch.randn(3, 5) }), Error,
      /^Error\(s\) in loading state_dict for Net:\n\tsize mismatch for fc\.weight: copying a param with shape torch\.Size\(\[3, 5\]\) from checkpoint, the shape in current model is torch\.Size\(\[3, 4\]\)\.$/],
    ['non-strict, a mis-shaped entry', () => net.load_state_dict({ ...without('fc.bias'), 'fc.weight': torch.randn(3, 5) }, { strict: false }), Error,
      /size mismatch for fc\.weight: copying a param with shape torch\.Size\(\[3, 5\]\)/],
    ['an entry that is not a tensor', () => net.load_state_dict({ ...changed(), 'emb.weight': 3 as never }), Error,
      /While copying the parameter named "emb\.weight", expected torch\.Tensor or Tensor-like object from checkpoint but received/],
  ]);

  it('non-strict: reports missing and unexpected keys and loads the rest; a wrong dtype converts, as in PyTorch', () => {
    const m = new nn.Linear(4, 3);
    const w = m.weight.clone().keep();
    const r = m.load_state_dict({ bias: f32([1, 2, 3]), extra: torch.ones(1) }, { strict: false });
    expect(r).toEqual({ missing_keys: ['weight'], unexpected_keys: ['extra'] });
    expect(m.bias!.tolist()).toEqual([1, 2, 3]);
    expect(m.weight.equal(w)).toBe(true);
    m.load_state_dict({ weight: torch.ones(3, 4, { dtype: torch.int64 }), bias: torch.tensor([true, false, true]) });
    expect(m.weight.dtype).toBe(torch.float32);
    expect(m.weight.sum().item()).toBe(12);
    expect(m.bias!.tolist()).toEqual([1, 0, 1]);
    // a float into an int64 buffer truncates, as copy_ does
    const bn = new nn.BatchNorm1d(2);
    bn.load_state_dict({ ...bn.state_dict(), num_batches_tracked: f32(2.7) });
    expect(bn.num_batches_tracked!.item()).toBe(2);
  });
});

describe('data', () => {
  catalogue([
    ['a shuffled DataLoader over an empty dataset', () => new DataLoader([], { batch_size: 2, shuffle: true }), RangeError,
      /^num_samples should be a positive integer value, but got num_samples=0$/],
    ['a DataLoader over a ragged dataset', () => [...new DataLoader([torch.ones(3), torch.ones(4)], { batch_size: 2 })], RangeError,
      /^stack expects each tensor to be equal size, but got \[3\] at entry 0 and \[4\] at entry 1$/],
    // PyTorch: AssertionError: Size mismatch between tensors
    ['a TensorDataset of tensors with different lengths', () => new TensorDataset(torch.ones(3, 2), torch.ones(4)), RangeError,
      /^Size mismatch between tensors$/],
    ['batch_size 0', () => new DataLoader([1, 2], { batch_size: 0 }), RangeError,
      /^batch_size should be a positive integer value, but got batch_size=0$/],
  ]);

  it('a DataLoader over an empty dataset gives no batches (as PyTorch)', () => {
    const loader = new DataLoader([], { batch_size: 2 });
    expect(loader.len()).toBe(0);
    expect([...loader].length).toBe(0);
  });
});

describe('autograd through a module', () => {
  /** The model's output in eval mode, so that the forward itself leaves the BatchNorm statistics as they are. */
  const evalOut = () => {
    net.eval();
    try {
      return net(idx());
    } finally {
      net.train();
    }
  };
  catalogue([
    ['backward twice through a module', () => {
      const loss = F.cross_entropy(evalOut(), target());
      loss.backward();
      loss.backward();
    }, Error, /^Trying to backward through the graph a second time \(or directly access saved tensors after they have already been freed\)\./],
    ['an in-place change to a tensor saved for backward inside a model', () => {
      torch.manual_seed(1);
      const m = new InPlaceNet();
      m(torch.randn(2, 4)).sum().backward();
    }, Error, /^one of the variables needed for gradient computation has been modified by an inplace operation: \[torch\.FloatTensor \[2, 3\]\], which is output 0 of SigmoidBackward0, is at version 1; expected version 0 instead\./],
    ['an in-place change to a parameter outside no_grad', () => net.fc.weight.add_(1), Error,
      /^a leaf Variable that requires grad is being used in an in-place operation\.$/],
    ['backward on a non-scalar model output', () => evalOut().backward(), Error, /^grad can be implicitly created only for scalar outputs$/],
  ]);
});

describe('NaN and Inf in losses propagate as in PyTorch (values from PyTorch 1.13), never throw', () => {
  const inf = Infinity;
  const T = (...a: number[]) => f32(a);
  const cases: [string, () => Tensor, number][] = [
    ['mse_loss with a NaN input', () => F.mse_loss(T(NaN, 1), T(0, 1)), NaN],
    ['mse_loss with an Inf input', () => F.mse_loss(T(inf, 1), T(0, 1)), inf],
    ['l1_loss of inf - inf', () => F.l1_loss(T(inf), T(inf)), NaN],
    ['huber_loss with an Inf input', () => F.huber_loss(T(inf, 0), T(0, 0)), inf],
    ['cross_entropy with a +inf logit', () => F.cross_entropy(f32([[inf, 0, 0]]), torch.tensor([0])), NaN],
    ['cross_entropy with a -inf logit elsewhere', () => F.cross_entropy(f32([[-inf, 0, 0]]), torch.tensor([1])), Math.fround(Math.log(2))],
    ['cross_entropy with a -inf logit at the target', () => F.cross_entropy(f32([[-inf, 0, 0]]), torch.tensor([0])), inf],
    ['cross_entropy with a NaN logit', () => F.cross_entropy(f32([[NaN, 0, 0], [1, 0, 0]]), torch.tensor([1, 0])), NaN],
    ['nll_loss with a NaN it does not pick', () => F.nll_loss(f32([[NaN, 0], [0, -1]]), torch.tensor([1, 1])), 0.5],
    ['binary_cross_entropy_with_logits(inf, 1)', () => F.binary_cross_entropy_with_logits(T(inf), T(1)), NaN],
    ['binary_cross_entropy_with_logits(inf, 0)', () => F.binary_cross_entropy_with_logits(T(inf), T(0)), inf],
    ['binary_cross_entropy_with_logits(NaN, 0)', () => F.binary_cross_entropy_with_logits(T(NaN), T(0)), NaN],
    ['binary_cross_entropy(0, 1) is clamped at 100', () => F.binary_cross_entropy(T(0), T(1)), 100],
    ['kl_div with -inf input where the target is 0', () => F.kl_div(T(-inf, -1), T(0, 0.5), { reduction: 'sum' }), NaN],
    ['kl_div with a NaN target', () => F.kl_div(T(-1), T(NaN), { reduction: 'sum' }), NaN],
    ['kl_div with an Inf input', () => F.kl_div(T(inf), T(0.5), { reduction: 'sum' }), -inf],
  ];
  for (const [name, fn, want] of cases) {
    it(name, () => {
      const got = torch.tidy(() => fn().item());
      expect(got).toBe(want);
    });
  }

  catalogue([
    // PyTorch checks 0 <= x <= 1, which NaN fails
    ['binary_cross_entropy with a NaN input', () => F.binary_cross_entropy(T(NaN), T(0)), Error, /^all elements of input should be between 0 and 1$/],
  ]);

  it('a NaN loss backpropagates NaN gradients without throwing', () => {
    const w = f32([1, 2]).requires_grad_();
    F.mse_loss(w.mul(T(NaN, 1)), T(0, 0)).backward();
    expect(w.grad!.tolist()).toEqual([NaN, 2]); // as PyTorch
  });
});
