import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  formatReturnTypes,
  formatSize,
  formatTensor,
  get_printoptions,
  moduleRepr,
  set_printoptions,
  type PrintableTensor,
  type PrintDtype,
  type PrintOptions,
  type TensorSuffixes,
} from '../src/print.js';

const here = (p: string) => new URL(p, import.meta.url);
const conformance = JSON.parse(readFileSync(here('../../shared/conformance/torch-cases.json'), 'utf8')) as {
  reprs: { id: string; text: string }[];
};
const reprs = new Map(conformance.reprs.map((r) => [r.id, r.text]));
const expected = (id: string): string => {
  const text = reprs.get(id);
  if (text === undefined) throw new Error(`no repr ${id} in torch-cases.json`);
  return text;
};

const f32 = (shape: number[], values: number[]): PrintableTensor => ({
  dtype: 'float32',
  shape,
  data: Float32Array.from(values),
});

/** The numbers a printed tensor shows, for cases whose data gen.py drew at random but rounded. */
const parseNumbers = (text: string): number[] =>
  [...text.replace(/^tensor\(/, '').matchAll(/-?\d+\.\d+(e[+-]\d+)?/g)].map((m) => Number(m[0]));

afterEach(() => set_printoptions({ profile: 'default' }));

describe('conformance reprs (gen.py printing section)', () => {
  // Each input rebuilt as gen.py builds it, in float32.
  const inputs: Record<string, [PrintableTensor, TensorSuffixes?]> = {
    'tensor/scalar': [f32([], [3.5])],
    'tensor/1d': [f32([4], [0.5136, 0.499, -0.5216, 1e-4])],
    'tensor/2d': [f32([3, 4], parseNumbers(expected('tensor/2d')))],
    'tensor/ints': [{ dtype: 'int64', shape: [2, 3], data: [1, 20, 300, 4, 5, 6] }],
    'tensor/bool': [{ dtype: 'bool', shape: [3], data: [1, 0, 1] }],
    'tensor/long-row': [f32([1, 10], parseNumbers(expected('tensor/long-row')))],
    // arange(2000).view(40, 50) / 7, divided in float32
    'tensor/summarized': [{ dtype: 'float32', shape: [40, 50], data: Float32Array.from({ length: 2000 }, (_, i) => Math.fround(i / 7)) }],
    'tensor/sci': [f32([3], [1e-8, 1.0, 12345.678])],
    'tensor/integral-floats': [f32([3], [1, 2, -3])],
    'tensor/3d': [f32([2, 3, 4], Array.from({ length: 24 }, (_, i) => i))],
    'tensor/empty': [f32([0, 3], [])],
    'tensor/nonfinite': [f32([4], [NaN, Infinity, -Infinity, 1.5])],
    'tensor/requires_grad': [f32([2, 2], [1, 1, 1, 1]), { requiresGrad: true }],
    'tensor/grad_fn': [f32([1, 3], [0.5, 0.5, 0.5]), { gradFn: 'SigmoidBackward0', requiresGrad: true }],
    'tensor/grad_fn-mse': [f32([], [1]), { gradFn: 'MseLossBackward0' }],
  };

  const ids = conformance.reprs.map((r) => r.id).filter((id) => id.startsWith('tensor/') || id === 'size');
  it('covers every tensor/* and size repr', () => {
    expect(ids.length).toBeGreaterThanOrEqual(17);
    for (const id of ids) expect(id in inputs || id === 'tensor/max-dim' || id === 'size').toBe(true);
  });

  for (const [id, [t, suffixes]] of Object.entries(inputs)) {
    it(id, () => expect(formatTensor(t, suffixes)).toBe(expected(id)));
  }

  it('tensor/max-dim', () => {
    const values = formatTensor(f32([1], [0.5776]), { gradFn: 'MaxBackward0' });
    const indices = formatTensor({ dtype: 'int64', shape: [1], data: [2] });
    expect(formatReturnTypes('max', [['values', values], ['indices', indices]])).toBe(expected('tensor/max-dim'));
  });

  it('size', () => {
    expect(formatSize([120, 4096])).toBe(expected('size'));
    expect(formatSize([])).toBe('torch.Size([])');
    expect(formatSize([5])).toBe('torch.Size([5])');
  });
});

describe('moduleRepr against conformance module/* reprs', () => {
  const linear = (i: number, o: number, bias = true) => moduleRepr('Linear', `in_features=${i}, out_features=${o}, bias=${bias ? 'True' : 'False'}`, []);
  const leaf = (name: string, extra = '') => moduleRepr(name, extra, []);

  it('module/mymlp', () => {
    const text = moduleRepr('MyMLP', '', [
      ['emb_layer', leaf('Embedding', '100, 50')],
      ['hidden_layer', linear(50, 20)],
      ['out_layer', linear(20, 2)],
      ['dropout_hidden', leaf('Dropout', 'p=0.5, inplace=False')],
    ]);
    expect(text).toBe(expected('module/mymlp'));
  });

  it('module/net', () => {
    expect(moduleRepr('Net', '', [['in_layer', linear(4096, 120)], ['out_layer', linear(120, 10)]])).toBe(expected('module/net'));
  });

  it('module/sequential', () => {
    const text = moduleRepr('Sequential', '', [
      ['0', leaf('Conv2d', '3, 8, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1)')],
      ['1', leaf('BatchNorm2d', '8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True')],
      ['2', leaf('ReLU')],
      ['3', leaf('Dropout', 'p=0.25, inplace=False')],
      ['4', leaf('Flatten', 'start_dim=1, end_dim=-1')],
      ['5', linear(32, 10, false)],
      ['6', leaf('LogSoftmax', 'dim=1')],
    ]);
    expect(text).toBe(expected('module/sequential'));
  });

  it('module/nested', () => {
    const inner = moduleRepr('Sequential', '', [['0', linear(2, 3)], ['1', leaf('Sigmoid')]]);
    const list = moduleRepr('ModuleList', '', [['0', leaf('Tanh')], ['1', leaf('Embedding', '5, 2, padding_idx=0')]]);
    const text = moduleRepr('Sequential', '', [
      ['0', inner],
      ['1', list],
      ['2', leaf('LayerNorm', '(3,), eps=1e-05, elementwise_affine=True')],
      ['3', leaf('LeakyReLU', 'negative_slope=0.1')],
    ]);
    expect(text).toBe(expected('module/nested'));
  });

  it('puts a multi-line extra repr and children each on their own line', () => {
    expect(moduleRepr('M', 'a=1\nb=2', [])).toBe('M(\n  a=1\n  b=2\n)');
    expect(moduleRepr('M', 'a=1', [['x', 'X(\n  (y): Y()\n)']])).toBe('M(\n  a=1\n  (x): X(\n    (y): Y()\n  )\n)');
    expect(moduleRepr('Identity', '', [])).toBe('Identity()');
  });
});

interface FixtureCase {
  id: string;
  opts: Omit<PrintOptions, 'threshold'> & { threshold: number | 'inf' };
  dtype: PrintDtype;
  shape: number[];
  data: (number | 'nan' | 'inf' | '-inf')[];
  text: string;
  gradFn?: string;
  requiresGrad?: boolean;
}

const fixture = JSON.parse(readFileSync(here('./fixtures/print-cases.json'), 'utf8')) as {
  torch_version: string;
  cases: FixtureCase[];
};
const special = { nan: NaN, inf: Infinity, '-inf': -Infinity } as const;

describe(`PyTorch ${fixture.torch_version} print fixture (test/fixtures/gen_print.py)`, () => {
  for (const c of fixture.cases) {
    it(c.id, () => {
      set_printoptions({ ...c.opts, threshold: c.opts.threshold === 'inf' ? Infinity : c.opts.threshold });
      const data = c.data.map((v) => (typeof v === 'string' ? special[v] : v));
      const t: PrintableTensor = { dtype: c.dtype, shape: c.shape, data: c.dtype === 'float32' ? Float32Array.from(data) : data };
      expect(formatTensor(t, { gradFn: c.gradFn, requiresGrad: c.requiresGrad })).toBe(c.text);
    });
  }
});

describe('print options', () => {
  it('has PyTorch defaults and profiles', () => {
    expect(get_printoptions()).toEqual({ precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sci_mode: null });
    set_printoptions({ profile: 'short', linewidth: 100 });
    expect(get_printoptions()).toEqual({ precision: 2, threshold: 1000, edgeitems: 2, linewidth: 100, sci_mode: null });
    set_printoptions({ profile: 'full' });
    expect(get_printoptions().threshold).toBe(Infinity);
  });

  it('resets sci_mode to automatic when it is not given, as torch.set_printoptions does', () => {
    set_printoptions({ sci_mode: true });
    expect(formatTensor(f32([2], [1, 2]))).toBe('tensor([1.0000e+00, 2.0000e+00])');
    set_printoptions({ precision: 2 });
    expect(get_printoptions().sci_mode).toBeNull();
    expect(formatTensor(f32([2], [1.125, 2]))).toBe('tensor([1.12, 2.00])');
  });

  it('returns a copy', () => {
    get_printoptions().precision = 9;
    expect(get_printoptions().precision).toBe(4);
  });

  it('rejects bad options and tensors', () => {
    expect(() => set_printoptions({ precision: -1 })).toThrow(/precision/);
    expect(() => formatTensor(f32([2, 2], [1, 2, 3]))).toThrow(/4 elements but data has 3/);
  });
});

describe('float formatting edge cases (Python round-half-even on the exact double)', () => {
  it('rounds exact ties to even where toFixed rounds up', () => {
    set_printoptions({ precision: 1 });
    expect(formatTensor(f32([3], [0.25, 0.75, 0.35]))).toBe('tensor([0.2, 0.8, 0.3])');
    set_printoptions({ precision: 4 });
    expect(formatTensor(f32([2], [100005000, 3]))).toBe('tensor([1.0000e+08, 3.0000e+00])');
  });

  it('prints float32 extremes in full', () => {
    set_printoptions({ sci_mode: false });
    expect(formatTensor(f32([1], [3.4028234663852886e38]))).toBe('tensor([340282346638528859811704183484516925440.])');
  });

  it('prints huge int64 values exactly', () => {
    expect(formatTensor({ dtype: 'int64', shape: [2], data: [2 ** 53, -1] })).toBe('tensor([9007199254740992,               -1])');
  });
});

describe('summarization quirks', () => {
  it('fails like torch.stack when edgeitems is 0 on a summarized matrix', () => {
    set_printoptions({ edgeitems: 0, threshold: 3 });
    expect(() => formatTensor(f32([3, 3], new Array(9).fill(0)))).toThrow(/non-empty TensorList/);
  });
});
