// F.pad, F.interpolate, the pixel and channel shuffles, instance norm, Softmax2d and the 1-D adaptive
// pools against PyTorch 1.13: test/fixtures/cnn-utils.json, written by scripts/gen-cnn-utils.py (inputs,
// outputs, gradients of sum(out * g), running statistics, reprs and error messages all come from PyTorch).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture as readFixture, type EncTensor, decode, expectTensor as expectClose, messageOf } from './fixture.js';

const F = torch.nn.functional;
const nn = torch.nn;

interface Case { kwargs: Record<string, unknown>; input: EncTensor; out: EncTensor; grad_out?: EncTensor; grad?: EncTensor }
interface Step {
  training: boolean; input: EncTensor; out: EncTensor; grad_out: EncTensor; grad: EncTensor; grad_weight: EncTensor | null;
  grad_bias: EncTensor | null; running_mean: EncTensor | null; running_var: EncTensor | null;
}

const fixture = readFixture('cnn-utils.json') as {
  pad: (Case & { pad: number[] })[];
  pad_long: { input: EncTensor; out: EncTensor };
  interpolate: Case[];
  pixel_shuffle: Case[];
  pixel_unshuffle: Case[];
  channel_shuffle: Case[];
  softmax2d: Case[];
  adaptive1d: Case[];
  instance_norm_modules: {
    ctor: 'InstanceNorm1d' | 'InstanceNorm2d' | 'InstanceNorm3d'; kwargs: Record<string, number | boolean>;
    weight: EncTensor | null; bias: EncTensor | null; steps: Step[]; repr: string; state_dict: string[];
  }[];
  instance_norm_eval: { input: EncTensor; running_mean: EncTensor; running_var: EncTensor; out: EncTensor };
  reprs: { code: string; text: string }[];
  upsampling_modules: { input: EncTensor; nearest: EncTensor; bilinear: EncTensor; upsample: EncTensor };
  errors: { id: string; message: string }[];
};

/** Forward and the gradient of sum(out * grad_out) against PyTorch's. */
function check(c: Case, fn: (x: Tensor) => Tensor, tol = 1e-5): void {
  const x = decode(c.input).requires_grad_(c.grad !== undefined);
  const y = fn(x);
  expectClose('out', y, c.out, tol);
  if (!c.grad) return;
  y.mul(decode(c.grad_out!)).sum().backward();
  expectClose('grad', x.grad, c.grad, tol);
}

const label = (c: Case) => JSON.stringify(c.kwargs);

describe('F.pad against PyTorch: every mode, negative padding, gradients', () => {
  for (const c of fixture.pad) {
    it(`${c.input.shape} pad ${c.pad} ${label(c)}`, () => {
      const k = c.kwargs as { mode: torch.nn.PadMode; value?: number };
      check(c, (x) => F.pad(x, c.pad, k.mode, k.value));
      check(c, (x) => F.pad(x, c.pad, { mode: k.mode, value: k.value }));
    });
  }
  it('pads int64 tensors with an integer value', () => {
    expectClose('out', F.pad(decode(fixture.pad_long.input), [1, 2], { value: 7 }), fixture.pad_long.out, 0);
  });
  it('the modules pad as F.pad', () => {
    const x = torch.randn(1, 2, 4, 5);
    expect(torch.equal(new nn.ReflectionPad2d([1, 2, 0, 3])(x), F.pad(x, [1, 2, 0, 3], 'reflect'))).toBe(true);
    expect(torch.equal(new nn.ReplicationPad1d(2)(x.select(0, 0)), F.pad(x.select(0, 0), [2, 2], 'replicate'))).toBe(true);
    expect(torch.equal(new nn.ZeroPad2d(1)(x), F.pad(x, [1, 1, 1, 1]))).toBe(true);
    expect(torch.equal(new nn.ConstantPad3d([1, 0, 0, 1, 1, 0], 2.5)(x), F.pad(x, [1, 0, 0, 1, 1, 0], { value: 2.5 }))).toBe(true);
  });
});

describe('F.interpolate against PyTorch: every mode, align_corners both ways, sizes and scale factors', () => {
  for (const c of fixture.interpolate) {
    it(`${c.input.shape} ${label(c)}`, () => check(c, (x) => F.interpolate(x, c.kwargs as torch.nn.InterpolateOptions)));
  }
  it('takes PyTorch positional arguments', () => {
    const c = fixture.interpolate.find((k) => k.kwargs.mode === 'bilinear' && k.kwargs.align_corners === true && k.kwargs.scale_factor === 1.7)!;
    check(c, (x) => F.interpolate(x, null, 1.7, 'bilinear', true));
  });
  it('the Upsampling modules', () => {
    const u = fixture.upsampling_modules;
    const x = decode(u.input);
    expectClose('nearest', new nn.UpsamplingNearest2d({ scale_factor: 2 })(x), u.nearest);
    expectClose('bilinear', new nn.UpsamplingBilinear2d([5, 7])(x), u.bilinear);
    expectClose('upsample', new nn.Upsample({ scale_factor: 1.5, mode: 'bicubic' })(x), u.upsample);
  });
});

describe('shuffles, Softmax2d and the 1-D adaptive pools against PyTorch', () => {
  for (const c of fixture.pixel_shuffle) {
    it(`pixel_shuffle ${c.input.shape} ${label(c)}`, () => {
      check(c, (x) => F.pixel_shuffle(x, c.kwargs.factor as number), 0);
      check(c, (x) => new nn.PixelShuffle(c.kwargs.factor as number)(x), 0);
    });
  }
  for (const c of fixture.pixel_unshuffle) {
    it(`pixel_unshuffle ${c.input.shape} ${label(c)}`, () => {
      check(c, (x) => F.pixel_unshuffle(x, c.kwargs.factor as number), 0);
      check(c, (x) => new nn.PixelUnshuffle(c.kwargs.factor as number)(x), 0);
    });
  }
  for (const c of fixture.channel_shuffle) {
    it(`channel_shuffle ${c.input.shape} ${label(c)}`, () => {
      check(c, (x) => F.channel_shuffle(x, c.kwargs.groups as number), 0);
      check(c, (x) => new nn.ChannelShuffle(c.kwargs.groups as number)(x), 0);
    });
  }
  it('pixel_unshuffle undoes pixel_shuffle, gradient included', () => {
    const x = torch.randn([2, 8, 3, 5], { requires_grad: true });
    const y = F.pixel_unshuffle(F.pixel_shuffle(x, 2), 2);
    expect(torch.equal(y, x)).toBe(true);
    y.sum().backward();
    expect(torch.equal(x.grad!, torch.ones(2, 8, 3, 5))).toBe(true);
  });
  for (const c of fixture.softmax2d) it(`Softmax2d ${c.input.shape}`, () => check(c, (x) => new nn.Softmax2d()(x)));
  for (const c of fixture.adaptive1d) {
    it(`${c.kwargs.op} ${c.input.shape} → ${c.kwargs.size}`, () => {
      const fn = c.kwargs.op as 'adaptive_avg_pool1d' | 'adaptive_max_pool1d';
      const size = c.kwargs.size as number;
      check(c, (x) => F[fn](x, size));
      check(c, (x) => (fn === 'adaptive_avg_pool1d' ? new nn.AdaptiveAvgPool1d(size) : new nn.AdaptiveMaxPool1d(size))(x));
    });
  }
});

describe('InstanceNorm against PyTorch: train and eval, running statistics, affine', () => {
  for (const c of fixture.instance_norm_modules) {
    it(`${c.ctor} ${JSON.stringify(c.kwargs)}`, () => {
      const nf = c.steps[0].input.shape.length === Number(c.ctor[12]) + 2 ? c.steps[0].input.shape[1] : c.steps[0].input.shape[0];
      const m = new nn[c.ctor](nf, c.kwargs);
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.state_dict())).toEqual(c.state_dict);
      if (c.weight) torch.no_grad(() => { m.weight!.copy_(decode(c.weight!)); m.bias!.copy_(decode(c.bias!)); });
      for (const s of c.steps) {
        m.train(s.training);
        const x = decode(s.input).requires_grad_(true);
        const y = m(x);
        expectClose('out', y, s.out);
        y.mul(decode(s.grad_out)).sum().backward();
        expectClose('grad', x.grad, s.grad, 1e-4);
        if (s.grad_weight) {
          expectClose('grad_weight', m.weight!.grad, s.grad_weight, 1e-4);
          expectClose('grad_bias', m.bias!.grad, s.grad_bias!, 1e-4);
          m.weight!.grad = null;
          m.bias!.grad = null;
        }
        if (s.running_mean) {
          expectClose('running_mean', m.running_mean, s.running_mean);
          expectClose('running_var', m.running_var, s.running_var!);
        }
      }
    });
  }
  it('F.instance_norm with the running statistics (use_input_stats=False)', () => {
    const e = fixture.instance_norm_eval;
    const rm = decode(e.running_mean);
    const rv = decode(e.running_var);
    expectClose('out', F.instance_norm(decode(e.input), rm, rv, null, null, false, 0.1, 1e-3), e.out);
    expectClose('out (options)', F.instance_norm(decode(e.input), { running_mean: rm, running_var: rv, use_input_stats: false, eps: 1e-3 }), e.out);
    expectClose('running_mean unchanged', rm, e.running_mean, 0);
  });
});

describe('printing', () => {
  const ctors: Record<string, () => torch.nn.Module> = {
    'ZeroPad2d(2)': () => new nn.ZeroPad2d(2),
    'ZeroPad2d([1, 2, 3, 4])': () => new nn.ZeroPad2d([1, 2, 3, 4]),
    'ConstantPad1d(2, 3.5)': () => new nn.ConstantPad1d(2, 3.5),
    'ConstantPad2d([1, 0, 2, 0], -1)': () => new nn.ConstantPad2d([1, 0, 2, 0], -1),
    'ConstantPad3d(1, 0)': () => new nn.ConstantPad3d(1, 0),
    'ReflectionPad1d(2)': () => new nn.ReflectionPad1d(2),
    'ReflectionPad2d([1, 1, 2, 0])': () => new nn.ReflectionPad2d([1, 1, 2, 0]),
    'ReflectionPad3d(1)': () => new nn.ReflectionPad3d(1),
    'ReplicationPad1d([3, 1])': () => new nn.ReplicationPad1d([3, 1]),
    'ReplicationPad2d(1)': () => new nn.ReplicationPad2d(1),
    'ReplicationPad3d(2)': () => new nn.ReplicationPad3d(2),
    'Upsample({scale_factor: 2})': () => new nn.Upsample({ scale_factor: 2 }),
    'Upsample(5)': () => new nn.Upsample(5),
    "Upsample([3, 4], null, 'bilinear', true)": () => new nn.Upsample([3, 4], null, 'bilinear', true),
    "Upsample({scale_factor: 1.5, mode: 'bicubic'})": () => new nn.Upsample({ scale_factor: 1.5, mode: 'bicubic' }),
    'Upsample({scale_factor: [2, 1.5]})': () => new nn.Upsample({ scale_factor: [2, 1.5] }),
    'UpsamplingNearest2d({scale_factor: 2})': () => new nn.UpsamplingNearest2d({ scale_factor: 2 }),
    'UpsamplingBilinear2d(5)': () => new nn.UpsamplingBilinear2d(5),
    'PixelShuffle(3)': () => new nn.PixelShuffle(3),
    'PixelUnshuffle(2)': () => new nn.PixelUnshuffle(2),
    'ChannelShuffle(2)': () => new nn.ChannelShuffle(2),
    'Softmax2d()': () => new nn.Softmax2d(),
    'AdaptiveAvgPool1d(3)': () => new nn.AdaptiveAvgPool1d(3),
    'AdaptiveMaxPool1d(2)': () => new nn.AdaptiveMaxPool1d(2),
    'InstanceNorm1d(3)': () => new nn.InstanceNorm1d(3),
  };
  for (const r of fixture.reprs) {
    it(`prints ${r.code}`, () => {
      expect(ctors[r.code], `no constructor for ${r.code}`).toBeDefined();
      expect(String(ctors[r.code]())).toBe(r.text);
    });
  }
});

describe('the normalizations share PyTorch\'s _NormBase', () => {
  it('print momentum=None as PyTorch 1.13 does (InstanceNorm printed it as a float)', () => {
    expect(String(new nn.InstanceNorm1d(3, { momentum: null as unknown as number })))
      .toBe('InstanceNorm1d(3, eps=1e-05, momentum=None, affine=False, track_running_stats=False)');
    expect(String(new nn.LazyInstanceNorm2d({ momentum: null as unknown as number })))
      .toBe('LazyInstanceNorm2d(0, eps=1e-05, momentum=None, affine=True, track_running_stats=True)');
    expect(String(new nn.BatchNorm2d(4, { momentum: null, affine: false })))
      .toBe('BatchNorm2d(4, eps=1e-05, momentum=None, affine=False, track_running_stats=True)');
  });

  it('reset_parameters puts back ones, zeros and fresh statistics', () => {
    for (const m of [new nn.InstanceNorm2d(2, { affine: true, track_running_stats: true }), new nn.BatchNorm1d(2)]) {
      torch.no_grad(() => {
        m.weight!.fill_(3);
        m.bias!.fill_(4);
        m.running_mean!.fill_(5);
        m.running_var!.fill_(6);
        m.num_batches_tracked!.fill_(7);
      });
      m.reset_parameters();
      expect([m.weight!.tolist(), m.bias!.tolist(), m.running_mean!.tolist(), m.running_var!.tolist(), m.num_batches_tracked!.item()])
        .toEqual([[1, 1], [0, 0], [0, 0], [1, 1], 0]);
    }
  });
});

describe('errors with PyTorch messages', () => {
  const z = (...s: number[]) => torch.zeros(s);
  const calls: Record<string, () => unknown> = {
    'pad/odd': () => F.pad(z(1, 2, 3), [1]),
    'pad/odd3': () => F.pad(z(1, 2, 3), [1, 2, 3]),
    'pad/too-long': () => F.pad(z(2, 3), [1, 1, 1, 1, 1, 1]),
    'pad/crop-narrow': () => F.pad(z(1, 2, 3), [-2, -2]),
    'pad/crop-negative-size': () => F.pad(z(1, 2, 3), [-3, 0, 1, 1]),
    'pad/mode': () => F.pad(z(1, 2, 3), [1, 1], 'foo' as torch.nn.PadMode),
    'pad/value': () => F.pad(z(1, 2, 3), [1, 1], 'reflect', 1),
    'pad/reflect-1d': () => F.pad(z(1, 2, 3), [3, 0], 'reflect'),
    'pad/reflect-1d-unbatched': () => F.pad(z(2, 3), [3, 1], 'reflect'),
    'pad/reflect-2d-h': () => F.pad(z(1, 2, 3, 4), [1, 1, 3, 0], 'reflect'),
    'pad/reflect-2d-w': () => F.pad(z(1, 2, 3, 4), [4, 1, 1, 0], 'reflect'),
    'pad/reflect-2d-unbatched': () => F.pad(z(2, 3, 4), [1, 1, 3, 0], 'reflect'),
    'pad/reflect-3d': () => F.pad(z(1, 2, 3, 4, 5), [1, 1, 1, 1, 3, 3], 'reflect'),
    'pad/reflect-dims': () => F.pad(z(3), [1, 1], 'reflect'),
    'pad/replicate-dims': () => F.pad(z(1, 1, 1, 3, 3), [1, 1], 'replicate'),
    'pad/replicate-too-small': () => F.pad(z(1, 2, 3), [-2, -2], 'replicate'),
    'pad/circular-wrap': () => F.pad(z(1, 2, 3), [4, 0], 'circular'),
    'pad/circular-unbatched': () => F.pad(z(2, 3), [1, 1], 'circular'),
    'pad/circular-empty': () => F.pad(z(1, 2, 3), [-2, -2], 'circular'),
    'interp/both': () => F.interpolate(z(1, 2, 3), { size: 4, scale_factor: 2 }),
    'interp/none': () => F.interpolate(z(1, 2, 3)),
    'interp/size-len': () => F.interpolate(z(1, 2, 3), { size: [4, 4] }),
    'interp/scale-len': () => F.interpolate(z(1, 2, 3), { scale_factor: [2, 2] }),
    'interp/align-nearest': () => F.interpolate(z(1, 2, 3), { size: 4, align_corners: true }),
    'interp/2d-input': () => F.interpolate(z(2, 3), 4),
    'interp/bilinear-3d': () => F.interpolate(z(1, 2, 3), { size: 4, mode: 'bilinear' }),
    'interp/linear-4d': () => F.interpolate(z(1, 2, 3, 3), { size: 4, mode: 'linear' }),
    'interp/trilinear-4d': () => F.interpolate(z(1, 2, 3, 3), { size: 4, mode: 'trilinear' }),
    'interp/bicubic-5d': () => F.interpolate(z(1, 2, 3, 3, 3), { size: 4, mode: 'bicubic' }),
    'interp/mode': () => F.interpolate(z(1, 2, 3), { size: 4, mode: 'foo' as 'nearest' }),
    'interp/recompute-size': () => F.interpolate(z(1, 2, 3), { size: 4, recompute_scale_factor: true }),
    'interp/zero-out-1d': () => F.interpolate(z(1, 2, 3), { scale_factor: 0.2 }),
    'interp/zero-out-2d': () => F.interpolate(z(1, 2, 3, 3), { size: [0, 2], mode: 'bilinear' }),
    'interp/zero-out-3d': () => F.interpolate(z(1, 2, 3, 3, 3), { size: [1, 0, 2] }),
    'interp/zero-in': () => F.interpolate(z(1, 2, 0), 3),
    'Upsample/none': () => new nn.Upsample()(z(1, 2, 3)),
    'pixel_shuffle/channels': () => F.pixel_shuffle(z(1, 5, 2, 2), 2),
    'pixel_shuffle/dims': () => F.pixel_shuffle(z(4, 2), 2),
    'pixel_shuffle/factor': () => F.pixel_shuffle(z(1, 4, 2, 2), 0),
    'pixel_unshuffle/height': () => F.pixel_unshuffle(z(1, 1, 3, 4), 2),
    'pixel_unshuffle/width': () => F.pixel_unshuffle(z(1, 1, 4, 3), 2),
    'pixel_unshuffle/dims': () => F.pixel_unshuffle(z(4, 2), 2),
    'pixel_unshuffle/factor': () => F.pixel_unshuffle(z(1, 1, 4, 4), 0),
    'channel_shuffle/divisible': () => F.channel_shuffle(z(1, 5, 2, 2), 2),
    'channel_shuffle/groups': () => F.channel_shuffle(z(1, 4, 2, 2), 0),
    'channel_shuffle/dims': () => F.channel_shuffle(z(2, 4), 2),
    'InstanceNorm1d/dims': () => new nn.InstanceNorm1d(3)(z(3)),
    'InstanceNorm2d/dims': () => new nn.InstanceNorm2d(3)(z(3, 4)),
    'instance_norm/spatial': () => F.instance_norm(z(2, 3, 1)),
    'InstanceNorm1d/spatial': () => new nn.InstanceNorm1d(3)(z(2, 3, 1)),
    'InstanceNorm1d/affine-channels': () => new nn.InstanceNorm1d(3, { affine: true })(z(2, 4, 5)),
    'InstanceNorm1d/track-channels': () => new nn.InstanceNorm1d(3, { track_running_stats: true })(z(2, 4, 5)),
    'InstanceNorm1d/both-channels': () => new nn.InstanceNorm1d(3, { affine: true, track_running_stats: true })(z(2, 4, 5)),
    'instance_norm/no-stats': () => F.instance_norm(z(2, 3, 4), { use_input_stats: false }),
    'Softmax2d/dims': () => new nn.Softmax2d()(z(3)),
  };
  for (const e of fixture.errors) {
    it(e.id, () => {
      expect(calls[e.id], `no call for ${e.id}`).toBeDefined();
      expect(messageOf(calls[e.id])).toBe(e.message);
    });
  }
});
