// F.affine_grid and F.grid_sample (4-D) against PyTorch 1.13: test/fixtures/grid-sample.json, written by
// scripts/gen-grid-sample.py. Every mode (bilinear, nearest, bicubic) × padding × align_corners: values and the gradients w.r.t. input
// and grid; affine_grid's grid and theta gradient; the errors.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { decode, expectTensor, fixture, messageOf } from './fixture.js';

const fx = fixture('grid-sample.json');
const F = torch.nn.functional;
const input = decode(fx.input);
const grid = decode(fx.grid);
const gout = decode(fx.gout);

describe('F.grid_sample', () => {
  for (const c of fx.cases) {
    it(`${c.mode}, padding ${c.padding_mode}, align_corners ${c.align_corners}: values and gradients`, () => {
      const x = input.clone().requires_grad_();
      const g = grid.clone().requires_grad_();
      const y = F.grid_sample(x, g, { mode: c.mode, padding_mode: c.padding_mode, align_corners: c.align_corners });
      expect(y.grad_fn!.name()).toBe('GridSampler2DBackward0');
      y.backward(gout);
      expectTensor('output', y, c.out, 1e-5);
      expectTensor('grad input', x.grad, c.grad_input, 1e-5);
      expectTensor('grad grid', g.grad, c.grad_grid, 1e-4);
    });
  }

  for (const c of fx.cases5) {
    it(`5-D ${c.mode}, padding ${c.padding_mode}, align_corners ${c.align_corners}: values and gradients`, () => {
      const x = decode(fx.input5).requires_grad_();
      const g = decode(fx.grid5).requires_grad_();
      const y = F.grid_sample(x, g, c.mode, c.padding_mode, c.align_corners);
      expect(y.grad_fn!.name()).toBe('GridSampler3DBackward0');
      y.backward(decode(fx.gout5));
      expectTensor('output', y, c.out, 1e-5);
      expectTensor('grad input', x.grad, c.grad_input, 1e-5);
      expectTensor('grad grid', g.grad, c.grad_grid, 1e-4);
    });
  }

  it('takes its arguments by position, and strided inputs', () => {
    const c = fx.cases[3];
    const xt = input.transpose(2, 3).contiguous().transpose(2, 3);
    expectTensor('by position', F.grid_sample(xt, grid, c.mode, c.padding_mode, c.align_corners), c.out, 1e-5);
  });

  it('affine_grid + grid_sample: the spatial-transformer sampling', () => {
    const theta = decode(fx.theta);
    const img = torch.arange(50).float().reshape(2, 1, 5, 5);
    expectTensor('stn', F.grid_sample(img, F.affine_grid(theta, [2, 1, 5, 5], { align_corners: false }),
      { align_corners: false }), fx.stn, 1e-5);
  });

  it('has no double backward, as PyTorch 1.13', () => {
    const x = input.clone().requires_grad_();
    const g = grid.clone().requires_grad_();
    const [gx] = torch.autograd.grad(F.grid_sample(x, g).sum(), [x], { create_graph: true });
    expect(messageOf(() => gx!.sum().backward())).toBe('derivative for grid_sampler_2d_backward is not implemented');
  });
});

describe('F.affine_grid', () => {
  for (const c of fx.affine_grid) {
    it(`size [${c.size}], align_corners ${c.align_corners}: grid and theta gradient`, () => {
      const t = decode(c.theta3 ? fx.theta3 : fx.theta).requires_grad_();
      const gr = F.affine_grid(t, c.size, c.align_corners);
      const w = torch.linspace(-1, 1, gr.numel()).reshape(...gr.shape);
      gr.mul(w).sum().backward();
      expectTensor('grid', gr, c.grid, 1e-5);
      expectTensor('grad theta', t.grad, c.grad_theta, 1e-4);
    });
  }
});

describe("PyTorch's errors", () => {
  const E = fx.errors;
  const theta = decode(fx.theta);
  const cases: [string, () => unknown][] = [
    ['mode', () => F.grid_sample(input, grid, { mode: 'linear' })],
    ['padding', () => F.grid_sample(input, grid, { padding_mode: 'circular' })],
    ['ndim', () => F.grid_sample(input.select(0, 0), grid)],
    ['batch', () => F.grid_sample(input, grid.narrow(0, 0, 1))],
    ['last', () => F.grid_sample(input, torch.zeros(2, 3, 6, 3))],
    ['empty', () => F.grid_sample(torch.zeros(2, 3, 0, 5), grid)],
    ['aff_shape', () => F.affine_grid(theta.narrow(1, 0, 1), [2, 3, 4, 5])],
    ['aff_size', () => F.affine_grid(theta, [2, 3, 0, 5])],
    ['aff_batch', () => F.affine_grid(theta, [3, 3, 4, 5])],
    ['aff_int', () => F.affine_grid(theta.long(), [2, 3, 4, 5])],
    ['aff_dims', () => F.affine_grid(theta, [2, 3, 4])],
    ['bicubic5', () => F.grid_sample(decode(fx.input5), decode(fx.grid5), { mode: 'bicubic' })],
    ['dims5', () => F.grid_sample(decode(fx.input5), grid.narrow(0, 0, 1))],
    ['dims4', () => F.grid_sample(input, torch.zeros(2, 1, 3, 6, 2))],
    ['aff_shape3', () => F.affine_grid(theta, [2, 3, 4, 5, 6])],
    ['aff_shape_size', () => F.affine_grid(theta.narrow(1, 0, 1), torch.zeros(2, 3, 4, 5).size())],
    ['too_many', () => (F.grid_sample as (...a: unknown[]) => unknown)(input, grid, 'bilinear', 'zeros', false, 1)],
  ];
  for (const [name, f] of cases) {
    it(name, () => {
      expect(messageOf(f)).toBe(E[name].message);
      const type = { TypeError, ValueError: RangeError, NotImplementedError: Error }[E[name].type as string] ?? Error;
      expect(f).toThrow(type);
    });
  }
});
