// DataLoader's other PyTorch 1.13 options (minGPT's Trainer passes pin_memory=True): accepted as PyTorch accepts them
// without workers or CUDA, with its errors for the worker options and for unknown names (PyTorch 1.13's messages).
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';

const { DataLoader } = torch.utils.data;
const message = (f: () => unknown) => {
  try { f(); } catch (e) { return `${(e as Error).name}: ${(e as Error).message}`; }
  return 'no error';
};

describe('DataLoader options', () => {
  const ds = Array.from({ length: 10 }, (_, i) => i);
  it('takes pin_memory, worker_init_fn, timeout 0 and the default prefetch_factor', () => {
    const loader = new DataLoader(ds, { batch_size: 4, pin_memory: true, worker_init_fn: () => undefined, timeout: 0, prefetch_factor: 2 });
    const batches: unknown[] = [];
    for (const b of loader) batches.push((b as torch.Tensor).tolist());
    expect(batches).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
  });
  it("refuses what PyTorch refuses without workers", () => {
    expect(message(() => new DataLoader(ds, { timeout: -1 }))).toBe('RangeError: timeout option should be non-negative');
    expect(message(() => [...new DataLoader(ds, { timeout: 5 })])).toBe('AssertionError: ');
    expect(message(() => new DataLoader(ds, { prefetch_factor: 3 })))
      .toBe('RangeError: prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable multiprocessing.');
    expect(message(() => new DataLoader(ds, { persistent_workers: true }))).toBe('RangeError: persistent_workers option needs num_workers > 0');
    expect(message(() => new DataLoader(ds, { multiprocessing_context: 'spawn' })))
      .toBe('RangeError: multiprocessing_context can only be used with multi-process loading (num_workers > 0), but got num_workers=0');
    // @ts-expect-error: no such option
    expect(message(() => new DataLoader(ds, { pin_mem: true }))).toBe("TypeError: DataLoader.__init__() got an unexpected keyword argument 'pin_mem'");
  });
});
