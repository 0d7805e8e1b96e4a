// Devices: tocha runs on the CPU only, but PyTorch code that picks a device runs unchanged. Expected
// values and messages are PyTorch 1.13's (printed by /usr/bin/python3 with torch 1.13).
import { inspect } from 'node:util';
import { describe, it, expect } from 'vitest';
import * as torch from '../src/index.js';

const { nn } = torch;

describe('torch.device and .to()', () => {
  it('devices print as PyTorch', () => {
    expect(String(new torch.device('cpu'))).toBe('cpu');
    expect(String(new torch.device('cuda:1'))).toBe('cuda:1');
    expect(inspect(new torch.device('cuda', 1))).toBe("device(type='cuda', index=1)");
    expect(inspect(new torch.device('cpu'))).toBe("device(type='cpu')");
    expect(() => new torch.device('foo')).toThrow(
      'Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, ort, xla, lazy, vulkan, mps, meta, hpu, privateuseone device type at start of device string: foo');
    expect(() => new torch.device('cuda:x')).toThrow("Invalid device string: 'cuda:x'");
    expect(torch.cuda.is_available()).toBe(false);
    expect(torch.backends.mps.is_available()).toBe(false);
  });

  it('x.to(device) is x on the CPU; dtype conversions as PyTorch', () => {
    const x = torch.ones(2);
    const dev = new torch.device(torch.cuda.is_available() ? 'cuda' : 'cpu');
    expect(x.to('cpu')).toBe(x);
    expect(x.to(dev)).toBe(x);
    expect(x.to(torch.float32)).toBe(x);
    expect(x.to('cpu', torch.int64).dtype).toBe(torch.int64);
    expect(x.to(torch.ones(1, { dtype: torch.int64 })).dtype).toBe(torch.int64);
    expect(x.to({ dtype: torch.int64 }).dtype).toBe(torch.int64);
    expect(x.to('long').tolist()).toEqual([1, 1]);
    expect(() => x.to('cuda')).toThrow('Torch not compiled with CUDA enabled');
    expect(() => x.to('mps')).toThrow('PyTorch is not linked with support for mps devices');
  });

  it('model.to(device) is the model on the CPU; other dtypes and devices fail as PyTorch', () => {
    const m = new nn.Linear(2, 2);
    expect(m.to('cpu')).toBe(m);
    expect(m.to(new torch.device('cpu'))).toBe(m);
    expect(m.to(torch.float32)).toBe(m);
    expect(() => m.to(torch.int64)).toThrow(new TypeError(
      'nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.int64'));
    expect(() => m.to('cuda')).toThrow('Torch not compiled with CUDA enabled');
  });

  it('factories take a device as a string or a torch.device (the DQN tutorial passes device=device)', () => {
    const dev = new torch.device('cpu');
    expect(String(torch.tensor([1.5], { device: dev }))).toBe('tensor([1.5000])');
    expect(String(torch.zeros(2, { device: dev }))).toBe('tensor([0., 0.])');
    expect(torch.rand(2, { device: new torch.device('cpu:0') }).shape).toEqual([2]);
    expect(torch.tensor([[1]], { device: dev, dtype: torch.long }).dtype).toBe(torch.int64);
    expect(() => torch.zeros(2, { device: new torch.device('cuda') })).toThrow('Torch not compiled with CUDA enabled');
    expect(() => torch.tensor([1.0], { device: 'cuda:0' })).toThrow('Torch not compiled with CUDA enabled');
    expect(() => torch.zeros(2, { device: 'gpu' })).toThrow(
      'Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, ort, xla, lazy, vulkan, mps, meta, hpu, privateuseone device type at start of device string: gpu');
  });
});
