// Tensor basics: creation, dtypes, views sharing storage, slicing, conversions and errors.
import { describe, it, expect, vi } from 'vitest';
import * as torch from '../src/index.js';

const list = (t: torch.Tensor) => t.tolist() as any;

describe('creation', () => {
  it('infers dtypes as PyTorch does for integers, floats and booleans', () => {
    expect(torch.tensor([1, 2]).dtype).toBe(torch.int64);
    expect(torch.tensor([1.5, 2]).dtype).toBe(torch.float32);
    expect(torch.tensor([true, false]).dtype).toBe(torch.bool);
    expect(torch.tensor([1, 2], { dtype: torch.float32 }).dtype).toBe(torch.float32);
    expect(String(torch.float32)).toBe('torch.float32');
    expect(torch.tensor(new Float32Array([1, 2, 3])).dtype).toBe(torch.float32);
  });

  it('takes data or sizes in the legacy constructors, as PyTorch 1.13', () => {
    // torch.FloatTensor(2, 3).shape: torch.Size([2, 3]); torch.LongTensor(3): 3 elements; no argument: tensor([])
    expect([torch.FloatTensor(2, 3).shape, torch.FloatTensor(2, 3).dtype]).toEqual([[2, 3], torch.float32]);
    expect([torch.LongTensor(3).shape, torch.LongTensor(3).dtype]).toEqual([[3], torch.int64]);
    expect([torch.BoolTensor(2, 2).shape, torch.BoolTensor(2, 2).dtype]).toEqual([[2, 2], torch.bool]);
    expect(torch.FloatTensor().shape).toEqual([0]);
    expect(torch.LongTensor(torch.zeros(2, 3).shape).shape).toEqual([2, 3]);
    expect(String(torch.FloatTensor(1, 3).fill_(-10000))).toBe('tensor([[-10000., -10000., -10000.]])');
    expect(String(torch.FloatTensor([1, 2]))).toBe('tensor([1., 2.])');
    expect(String(torch.LongTensor([1.5, 2]))).toBe('tensor([1, 2])');
    expect(() => torch.FloatTensor(-1)).toThrow(/^Trying to create tensor with negative dimension -1: \[-1\]$/);
    expect(() => (torch.FloatTensor as (...a: number[]) => torch.Tensor)(2, 3.5))
      .toThrow(/^new\(\): argument 'size' must be tuple of ints, but found element of type float at pos 2$/);
    expect(() => torch.LongTensor(2.5)).toThrow(/^new\(\): data must be a sequence \(got float\)$/);
  });

  it('takes data or sizes in torch.Tensor itself, as torch.FloatTensor (PyTorch 1.13)', () => {
    // torch.Tensor([[3]]), its .long(), torch.Tensor(2, 3).shape, torch.Tensor(), torch.Tensor(torch.Size([2])).shape
    // (word_language_model/generate.py builds its next input with torch.Tensor([[word_idx]]).long())
    expect(String(new torch.Tensor([[3]]))).toBe('tensor([[3.]])');
    expect(String(new torch.Tensor([[3]]).long())).toBe('tensor([[3]])');
    expect(new torch.Tensor(2, 3).shape).toEqual([2, 3]);
    expect(String(new torch.Tensor())).toBe('tensor([])');
    expect(new torch.Tensor([1, 2]).dtype).toBe(torch.float32);
    expect(new torch.Tensor(torch.zeros(2).shape).shape).toEqual([2]);
    expect(new torch.Tensor([1, 2])).toBeInstanceOf(torch.Tensor);
    expect(() => new torch.Tensor(2.5)).toThrow(/^new\(\): data must be a sequence \(got float\)$/);
  });

  it('reads one-element tensors inside arrays as their values, with their kind of dtype (PyTorch 1.13)', () => {
    const a = torch.tensor(1.5);
    const b = torch.tensor(2);
    // torch.tensor([a, b]) -> tensor([1.5000, 2.0000]); int tensors stay int64; a float tensor makes floats
    expect(String(torch.tensor([a, b]))).toBe('tensor([1.5000, 2.0000])');
    expect(torch.tensor([torch.tensor(1), torch.tensor(2)]).dtype).toBe(torch.int64);
    expect(torch.tensor([torch.tensor(2, { dtype: torch.float32 }), 1]).dtype).toBe(torch.float32);
    expect(String(torch.tensor([torch.tensor(1), torch.tensor(true)]))).toBe('tensor([1, 1])');
    expect(String(torch.tensor([torch.tensor(true), torch.tensor(false)]))).toBe('tensor([ True, False])');
    expect(String(torch.tensor([[a, b], [b, a]]))).toBe('tensor([[1.5000, 2.0000],\n        [2.0000, 1.5000]])');
    // any one-element shape is a scalar; a requires-grad tensor gives a plain value
    expect(String(torch.tensor([torch.tensor([1.5]), torch.tensor(2)]))).toBe('tensor([1.5000, 2.0000])');
    const w = torch.tensor(3.5, { requires_grad: true });
    const t = torch.tensor([w, a]);
    expect(t.requires_grad).toBe(false);
    expect(t.grad_fn).toBe(null);
    expect(() => torch.tensor([torch.tensor([1, 2]), torch.tensor([3, 4])])).toThrow(
      new RangeError('only one element tensors can be converted to Python scalars'));
  });

  it('torch.tensor(tensor) copies with PyTorch\'s warning; as_tensor neither copies nor warns', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const a = torch.tensor([1.5, 2], { requires_grad: true });
      const c = torch.tensor(a);
      expect(c.requires_grad).toBe(false);
      expect(String(c)).toBe('tensor([1.5000, 2.0000])');
      expect(torch.as_tensor(a)).toBe(a);
      expect(String(torch.as_tensor(a, { dtype: torch.int64 }))).toBe('tensor([1, 2])');
      const msgs = warn.mock.calls.map((m) => String(m[0]));
      // shown once per process (Python's default filter: once per call site)
      expect(msgs.filter((m) => m.includes('To copy construct from a tensor')).length).toBeLessThanOrEqual(1);
      torch.tensor(a);
      const all = warn.mock.calls.map((m) => String(m[0])).filter((m) => m.includes('To copy construct'));
      expect(all.length).toBe(1);
      expect(all[0]).toBe('UserWarning: To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() ' +
        'or sourceTensor.clone().detach().requires_grad_(True), rather than torch.tensor(sourceTensor).');
    } finally {
      warn.mockRestore();
    }
  });

  it("PyTorch's warnings and errors for common slips: implicit softmax dim, x.T beyond 2-D, a non-leaf's .grad, numpy() of a requires-grad tensor", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const seen = () => warn.mock.calls.map((m) => String(m[0]));
      torch.nn.functional.softmax(torch.randn(2, 3));
      torch.nn.functional.log_softmax(torch.randn(2, 3));
      expect(seen()).toContain('UserWarning: Implicit dimension choice for softmax has been deprecated. Change the call to include dim=X as an argument.');
      expect(seen()).toContain('UserWarning: Implicit dimension choice for log_softmax has been deprecated. Change the call to include dim=X as an argument.');
      void torch.ones(2, 3).T;
      void torch.tensor(1.5).T;
      expect(seen().filter((m) => m.includes('`x.T`'))).toEqual([]);
      void torch.ones(3).T;
      expect(seen().filter((m) => m.includes('`x.T`'))).toEqual(['UserWarning: The use of `x.T` on tensors of dimension other than 2 to ' +
        'reverse their shape is deprecated and it will throw an error in a future release. Consider `x.mT` to transpose batches ' +
        'of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor. (Triggered ' +
        'internally at  ./aten/src/ATen/native/TensorShape.cpp:3277.)']);
      const w = torch.ones(2, { requires_grad: true });
      const y = w.mul(2);
      y.sum().backward();
      expect(w.grad).not.toBe(null);
      expect(seen().some((m) => m.includes('not a leaf Tensor'))).toBe(false);
      expect(y.grad).toBe(null);
      expect(seen().filter((m) => m.includes('not a leaf Tensor'))).toHaveLength(1);
      expect(() => w.numpy()).toThrow(new TypeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."));
      expect([...w.detach().numpy()]).toEqual([1, 1]);
    } finally {
      warn.mockRestore();
    }
  });

  it('accepts sizes as varargs or one array', () => {
    expect([...torch.zeros(2, 3).shape]).toEqual([2, 3]);
    expect([...torch.ones([4, 1]).shape]).toEqual([4, 1]);
    expect(String(torch.zeros(120, 4096).size())).toBe('torch.Size([120, 4096])');
  });

  it('arange, linspace, eye, full', () => {
    expect(list(torch.arange(5))).toEqual([0, 1, 2, 3, 4]);
    expect(torch.arange(5).dtype).toBe(torch.int64);
    expect(list(torch.arange(0, 1, 0.25))).toEqual([0, 0.25, 0.5, 0.75]);
    expect(list(torch.linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(list(torch.eye(2, 3))).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(list(torch.full([2], 7))).toEqual([7, 7]);
    expect(torch.full([2], 7).dtype).toBe(torch.int64);
  });

  it('linspace takes steps by name (PyTorch 1.13: torch.linspace(0., 1., steps=5, requires_grad=True))', () => {
    const t = torch.linspace(0, 1, { steps: 5, requires_grad: true });
    expect(String(t)).toBe('tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000], requires_grad=True)');
    expect(() => (torch.linspace as (...a: unknown[]) => unknown)(0, 1)).toThrow(new TypeError('linspace() missing 1 required positional arguments: "steps"'));
  });

  it('factories write into out= (torch.rand(2, 2, out=c) returns c) and check the device before drawing', () => {
    torch.manual_seed(0);
    const c = torch.zeros(2, 2);
    expect(torch.rand(2, 2, { out: c })).toBe(c);
    // PyTorch 1.13 after manual_seed(0)
    expect(list(c)).toEqual([[0.49625658988952637, 0.7682217955589294], [0.08847743272781372, 0.13203048706054688]]);
    expect(list(torch.randn(3, { out: torch.zeros(3) }))).toEqual([-2.1787893772125244, 0.5684312582015991, -1.0845223665237427]);
    const l = torch.zeros(3, { dtype: torch.int64 });
    expect(torch.randint(0, 10, [3], { out: l })).toBe(l);
    expect(list(l)).toEqual([6, 9, 8]);
    expect(String(torch.ones(2, { out: torch.zeros(2, { dtype: torch.int64 }) }))).toBe('tensor([1, 1])');
    expect(String(torch.full([2], 7, { out: torch.zeros(2) }))).toBe('tensor([7., 7.])');
    expect(() => torch.rand(2, 2, { out: l.view(3) as never })).toThrow();
    expect(() => torch.rand(3, { out: l })).toThrow(new TypeError(`"check_uniform_bounds" not implemented for 'Long'`));
    expect(() => torch.ones(3, { out: l, dtype: torch.float32 })).toThrow('dtype Float does not match dtype of out parameter (Long)');
    expect(() => torch.rand(2, 2, { out: torch.zeros(2, 2, { requires_grad: true }) }))
      .toThrow('a leaf Variable that requires grad is being used in an in-place operation.');
    // a torch.device is a device; an unknown one is PyTorch's error, raised before anything is drawn
    torch.manual_seed(0);
    expect(() => torch.rand(2, { device: 'gpu' })).toThrow('Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ' +
      'ideep, hip, ve, fpga, ort, xla, lazy, vulkan, mps, meta, hpu, privateuseone device type at start of device string: gpu');
    expect(list(torch.rand(1, { device: new torch.device('cpu') }))).toEqual([0.49625658988952637]);
    expect(() => torch.zeros(2, { device: 'cuda' })).toThrow('Torch not compiled with CUDA enabled');
  });

  it('rejects bad shapes and out-of-range int64 with clear errors', () => {
    expect(() => torch.zeros(2, -1)).toThrow(/negative dimension -1/);
    expect(() => torch.tensor([[1, 2], [3]])).toThrow(/expected sequence of length 2 at dim 1 \(got 1\)/);
    expect(() => torch.tensor([2 ** 40])).toThrow(/out of range for torch\.int64/);
    expect(() => torch.tensor([1e10], { dtype: torch.float32 }).long()).toThrow(/cannot convert/);
  });
});

describe('views share storage', () => {
  it('view, transpose, permute, narrow, expand and slicing write through', () => {
    const x = torch.arange(12, { dtype: torch.float32 }).view(3, 4);
    const v = x.view(4, 3);
    const t = x.t();
    const s = x.index([1, null], [null, null, 2]);
    expect(list(s)).toEqual([[4, 6], [8, 10]]);
    s.fill_(-1);
    expect(list(x)).toEqual([[0, 1, 2, 3], [-1, 5, -1, 7], [-1, 9, -1, 11]]);
    expect(v.is_contiguous()).toBe(true);
    expect(t.is_contiguous()).toBe(false);
    expect(list(t.contiguous().view(-1)).slice(0, 3)).toEqual([0, -1, -1]);
    expect(() => t.view(12)).toThrow(/view size is not compatible/);
    expect(list(t.reshape(12)).slice(0, 3)).toEqual([0, -1, -1]);
  });

  it('negative slices and steps follow Python', () => {
    const x = torch.arange(6);
    expect(list(x.index([-4, -1, 2]))).toEqual([2, 4]);
    expect(list(x.index(torch.slice(null, null, 4)))).toEqual([0, 4]);
    expect(list(x.index(3))).toEqual(3);
  });

  it('squeeze, unsqueeze, flatten, split, chunk, expand', () => {
    const x = torch.zeros(1, 3, 1, 4);
    expect([...x.squeeze().shape]).toEqual([3, 4]);
    expect([...x.squeeze(2).shape]).toEqual([1, 3, 4]);
    expect([...x.unsqueeze(-1).shape]).toEqual([1, 3, 1, 4, 1]);
    expect([...x.flatten(1).shape]).toEqual([1, 12]);
    expect(torch.arange(5).split(2).map((t) => t.numel())).toEqual([2, 2, 1]);
    expect(torch.arange(6).chunk(4).map((t) => t.numel())).toEqual([2, 2, 2]);
    expect(() => torch.zeros(3, 2).expand(3, 4)).toThrow(/expanded size of the tensor \(4\) must match the existing size \(2\)/);
  });
});

describe('values out', () => {
  it('item, tolist, float/long/bool conversions', () => {
    expect(torch.tensor([[2.5]], { dtype: torch.float32 }).item()).toBe(2.5);
    expect(() => torch.zeros(2).item()).toThrow('only one element tensors can be converted to Python scalars');
    expect(list(torch.tensor([1.7, -1.7]).long())).toEqual([1, -1]);
    expect(list(torch.tensor([0, 2]).bool())).toEqual([false, true]);
    expect(list(torch.tensor([true, false]).float())).toEqual([1, 0]);
  });

  it("sums a contiguous run in ATen's order (its float cascade, 8 lanes, 4 interleaved rows), to PyTorch's bits", () => {
    // PyTorch 1.13 after manual_seed(0); it was a serial float sum (whole tensors) and f64 blocks (rows)
    torch.manual_seed(0);
    const want: [number, number, number][] = [[5, -1.4473134279251099, -0.289462685585022],
      [37, 3.1100168228149414, 0.08405450731515884], [300, 11.294384956359863, 0.037647951394319534]];
    for (const [n, s, m] of want) {
      const x = torch.randn(n);
      expect([x.sum().item(), x.mean().item()]).toEqual([s, m]);
    }
    expect(list(torch.randn(3, 37).sum(1))).toEqual([8.556108474731445, 15.220423698425293, -8.629287719726562]);
    expect(torch.rand(2, 3, 7).sum().item()).toBe(19.8289737701416);
  });

  it('prints as PyTorch', () => {
    expect(String(torch.tensor([1, 2, 3]))).toBe('tensor([1, 2, 3])');
    expect(String(torch.zeros(2, 2, { requires_grad: true }))).toBe('tensor([[0., 0.],\n        [0., 0.]], requires_grad=True)');
  });
});

describe('broadcasting and type promotion', () => {
  it('follows PyTorch rules', () => {
    expect(torch.tensor([1, 2]).add(0.5).dtype).toBe(torch.float32);
    expect(torch.tensor([1, 2]).add(1).dtype).toBe(torch.int64);
    expect(torch.tensor([1, 2]).div(2).dtype).toBe(torch.float32);
    expect(list(torch.tensor([7, -7]).floor_divide(2))).toEqual([3, -4]);
    expect(torch.tensor([true]).add(torch.tensor([true])).dtype).toBe(torch.bool);
    expect(() => torch.zeros(3, 4).add(torch.zeros(3))).toThrow(
      'The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1');
  });
});

describe('factories refuse an unknown option key before anything is made or drawn', () => {
  it("names the function and the key, as Python's TypeError", () => {
    const bad = (f: () => unknown) => { try { f(); } catch (e) { return [(e as Error).name, (e as Error).message]; } return null; };
    // PyTorch 1.13's words for tensor, zeros_like and linspace (one signature each)
    expect(bad(() => torch.tensor([1], { foo: 1 } as never))).toEqual(['TypeError', "tensor() got an unexpected keyword argument 'foo'"]);
    expect(bad(() => torch.zeros_like(torch.ones(2), { dtyp: torch.int64 } as never)))
      .toEqual(['TypeError', "zeros_like() got an unexpected keyword argument 'dtyp'"]);
    expect(bad(() => torch.linspace(0, 1, 3, { foo: 1 } as never))).toEqual(['TypeError', "linspace() got an unexpected keyword argument 'foo'"]);
    // PyTorch words these as an invalid combination of arguments (overloads); tocha names the key the same way
    expect(bad(() => torch.zeros(2, { dtyp: torch.float32 } as never))).toEqual(['TypeError', "zeros() got an unexpected keyword argument 'dtyp'"]);
    expect(bad(() => torch.arange(3, { stpe: 1 } as never))).toEqual(['TypeError', "arange() got an unexpected keyword argument 'stpe'"]);
    // a misspelt key of a random factory leaves the stream where it was
    torch.manual_seed(0);
    expect(bad(() => torch.rand(2, { requires_gard: true } as never))).toEqual(['TypeError', "rand() got an unexpected keyword argument 'requires_gard'"]);
    expect(bad(() => torch.randint(0, 9, [2], { foo: 1 } as never))).toEqual(['TypeError', "randint() got an unexpected keyword argument 'foo'"]);
    const after = torch.rand(1).item();
    torch.manual_seed(0);
    expect(torch.rand(1).item()).toBe(after);
    // PyTorch's keys pass
    expect(torch.zeros(2, { dtype: torch.int64, device: 'cpu', requires_grad: false }).tolist()).toEqual([0, 0]);
    expect(torch.ones(2).new_zeros(3, { dtype: torch.int64 }).tolist()).toEqual([0, 0, 0]);
  });
});
