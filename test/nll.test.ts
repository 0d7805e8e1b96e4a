// F.nll_loss and F.cross_entropy against PyTorch 1.13 (scripts/gen-nll.py): nll_loss's value and
// gradient bit for bit (ATen's cascade summation), cross_entropy's within float32 rounding.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { fixture, decode, expectTensor, messageOf, EncTensor } from './fixture.js';

const F = torch.nn.functional;
const data = fixture('nll.json');

interface Result {
  fn: 'nll_loss' | 'cross_entropy'; reduction: 'none' | 'mean' | 'sum'; grad_output: EncTensor | null;
  out?: EncTensor; grad?: EncTensor; out_sum?: number; grad_sum?: number; grad_abs_sum?: number;
}
interface Case {
  name: string; seed: number; shape: number[]; scale: number; x_sum: number; x?: EncTensor; t: EncTensor;
  w: EncTensor | null; ignore_index: number; results: Result[];
}

function input(c: Case): torch.Tensor {
  if (c.x) return decode(c.x);
  torch.manual_seed(c.seed);
  return torch.randn(c.shape).mul(c.scale);
}

const sum = (t: torch.Tensor, abs = false) => (t.reshape([-1]).tolist() as number[]).reduce((a, v) => a + (abs ? Math.abs(v) : v), 0);

describe('nll_loss and cross_entropy as PyTorch computes them', () => {
  for (const c of data.cases as Case[]) {
    describe(c.name, () => {
      it('draws the same input', () => {
        expect(sum(input(c))).toBeCloseTo(c.x_sum, 6);
      });
      for (const r of c.results) {
        it(`${r.fn}, reduction '${r.reduction}'`, () => {
          const x = input(c).requires_grad_();
          const w = c.w ? decode(c.w) : null;
          const out = F[r.fn](x, decode(c.t), w, { ignore_index: c.ignore_index, reduction: r.reduction });
          out.backward(r.grad_output ? decode(r.grad_output) : torch.ones_like(out));
          // nll_loss: exact; cross_entropy: log_softmax rounds its own way (a few ulps)
          const tol = r.fn === 'nll_loss' ? 0 : 2e-6;
          if (r.out) expectTensor('loss', out, r.out, tol);
          if (r.grad) expectTensor('grad', x.grad, r.grad, r.fn === 'nll_loss' ? 0 : 1e-5);
          if (r.out_sum !== undefined) {
            expect(sum(out)).toBeCloseTo(r.out_sum, r.fn === 'nll_loss' ? 6 : 3);
            // cross_entropy's rows sum to ~0: their sum is rounding noise, bounded by the magnitudes
            expect(Math.abs(sum(x.grad!) - r.grad_sum!)).toBeLessThanOrEqual(1e-6 * r.grad_abs_sum!);
            expect(sum(x.grad!, true)).toBeCloseTo(r.grad_abs_sum!, 4);
          }
          expect(out.grad_fn?.name()).toBe('NllLossBackward0');
        });
      }
    });
  }

  it('differentiates the gradient again (create_graph through cross_entropy)', () => {
    const d = data.double;
    const x = decode(d.x).requires_grad_();
    const [gx] = torch.autograd.grad([F.cross_entropy(x, decode(d.t), decode(d.w))], [x], { create_graph: true });
    expectTensor('grad', gx, d.gx, 1e-5);
    gx!.mul(decode(d.h)).sum().backward();
    expectTensor('grad of grad', x.grad, d.ggx, 1e-4);
  });

  it('names the first target out of range, and refuses a weight that requires grad, as PyTorch', () => {
    const e = data.errors;
    const x = torch.randn([4, 3]);
    expect(messageOf(() => F.nll_loss(x, torch.tensor([0, 2, 3, 7])))).toBe(e['too large']);
    expect(messageOf(() => F.nll_loss(x, torch.tensor([0, -1, 5, 1])))).toBe(e.negative);
    expect(messageOf(() => F.nll_loss(x, torch.tensor([1, 1, 9, 3]), { reduction: 'none' }))).toBe(e['none, too large']);
    expect(messageOf(() => F.cross_entropy(x, torch.tensor([0, 2, 3, 7])))).toBe(e['too large']);
    const w = torch.rand([3], { requires_grad: true });
    expect(messageOf(() => F.nll_loss(x, torch.tensor([0, 1, 2, 1]), w))).toBe(e['weight requires grad']);
    expect(messageOf(() => F.cross_entropy(x, torch.tensor([0, 1, 2, 1]), w))).toBe(e['weight requires grad']);
    expect(messageOf(() => F.nll_loss(torch.randn([2, 3, 5]), torch.zeros([2, 5], { dtype: torch.int64 }), w)))
      .toBe(e['weight requires grad, 3-D']);
    expect(torch.no_grad(() => F.nll_loss(x, torch.tensor([0, 1, 2, 1]), w)).shape).toEqual([]);
  });

  it('checks input, target, weight and label_smoothing in ATen\'s order, with its messages and types', () => {
    interface Order {
      fn: 'nll_loss' | 'cross_entropy'; input: number[]; target: number[]; dtype: 'int64' | 'float32'; weight: number[] | null;
      weight_requires_grad?: boolean; label_smoothing: number; ignore_index: number; outcome: string;
    }
    // JavaScript's error classes for Python's: ValueError and RuntimeError are Error (or RangeError/TypeError), IndexError RangeError
    const TYPES: Record<string, string[]> = { RuntimeError: ['Error', 'RangeError', 'TypeError'], ValueError: ['Error', 'RangeError'], IndexError: ['RangeError'] };
    for (const o of data.order as Order[]) {
      const x = torch.zeros(o.input);
      const t = torch.zeros(o.target, { dtype: torch[o.dtype] });
      const w = o.weight && torch.rand(o.weight, { requires_grad: o.weight_requires_grad ?? false });
      let got = 'ok';
      try {
        if (o.fn === 'nll_loss') F.nll_loss(x, t, w, { ignore_index: o.ignore_index });
        else F.cross_entropy(x, t, w, { ignore_index: o.ignore_index, label_smoothing: o.label_smoothing });
      } catch (ex) {
        got = `${(ex as Error).constructor.name}: ${(ex as Error).message}`;
      }
      const what = `${o.fn}(${JSON.stringify(o.input)}, ${o.dtype} ${JSON.stringify(o.target)}, weight ${JSON.stringify(o.weight)}, ` +
        `label_smoothing ${o.label_smoothing})`;
      if (o.outcome === 'ok') {
        expect(got, what).toBe('ok');
        continue;
      }
      const [wt, ...wm] = o.outcome.split(': ');
      const [gt, ...gm] = got.split(': ');
      expect(gm.join(': '), what).toBe(wm.join(': '));
      expect(TYPES[wt], `${what}: ${gt} for ${wt}`).toContain(gt);
    }
  });

  it('reads the first entry of a 1-D target given with 1-D input; a negative label_smoothing is none', () => {
    const q = data.quirks;
    const x = torch.tensor([0.1, 0.2, 0.3], { requires_grad: true });
    const loss = F.nll_loss(x, torch.tensor([2, 0, 1]));
    loss.backward();
    expectTensor('loss', loss, q.one_d_target, 0);
    expectTensor('grad', x.grad, q.one_d_grad, 0);
    expectTensor('none', F.nll_loss(x, torch.tensor([2, 0, 1]), null, { reduction: 'none' }), q.one_d_none, 0);
    expectTensor('ignore_index past 32 bits', F.nll_loss(x, torch.tensor([1, 2, 2]), null, { ignore_index: 2 ** 40 }), q.one_d_ignore_wide, 0);
    expectTensor('index targets', F.cross_entropy(decode(q.xs), torch.tensor([0, 2]), null, { label_smoothing: -0.5 }), q.negative_smoothing, 1e-6);
    expectTensor('probabilities', F.cross_entropy(decode(q.xs), decode(q.ps), null, { label_smoothing: -0.5 }), q.negative_smoothing_probs, 1e-6);
  });

  it('leaves no tensor behind, forward and backward', () => {
    const x = torch.randn([64, 10], { requires_grad: true });
    const t = torch.randint(0, 10, [64]);
    const w = torch.rand([10]);
    const bad = torch.tidy(() => torch.tensor([0, 2, 3, 70]).repeat([16]));
    const body = () => {
      F.cross_entropy(x, t, w).backward();
      F.nll_loss(x, t, null, { reduction: 'none' }).sum().backward();
      torch.no_grad(() => F.cross_entropy(x, t)).dispose();
      expect(() => F.nll_loss(x, bad)).toThrow(/Target 70/);
    };
    body();
    body();
    const before = torch.memory_stats().live_tensors;
    for (let i = 0; i < 20; i++) body();
    expect(torch.memory_stats().live_tensors).toBe(before);
  });
});
