import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import { defaults, parseOptions, train } from '../examples/mnist.js';

describe('examples/mnist.ts', () => {
  it('one epoch on 2,000 real digits is far better than chance; torch.save writes the state_dict', () => {
    const lines: string[] = [];
    const before = torch.memory_stats();
    const dir = mkdtempSync(join(tmpdir(), 'tocha-mnist-'));
    const save = join(dir, 'mnist-state.pt');
    const r = train({ ...defaults, epochs: 1, train_samples: 2000, quiet: true, save }, (s) => lines.push(s));
    const sd = torch.load(save);
    rmSync(dir, { recursive: true });
    expect(Object.keys(sd)).toEqual(['in_layer.weight', 'in_layer.bias', 'out_layer.weight', 'out_layer.bias']);
    expect([...sd['in_layer.weight'].shape]).toEqual([defaults.hidden, 784]);
    torch.dispose(...Object.values(sd) as torch.Tensor[]);
    expect(r.accuracy.length).toBe(1);
    expect(r.accuracy[0]).toBeGreaterThan(0.8);
    expect(lines.join('\n')).toMatch(/held-out accuracy \d+\.\d\d% after 1 epoch in .*; state_dict saved to /);
    // the data set is disposed; the model and optimizer state are what remains
    expect(torch.memory_stats().bytes_in_use - before.bytes_in_use).toBeLessThan(8 * 2 ** 20);
  });

  it("the tutorial's recipe (sigmoid + MSELoss + SGD) learns too", () => {
    const r = train({ ...parseOptions(['--recipe', 'tutorial', '--epochs', '1', '--train-samples', '2000', '--quiet']), save: null },
      () => undefined);
    expect(r.accuracy[0]).toBeGreaterThan(0.3); // chance is 0.1
  });

  it('parses and checks its flags', () => {
    const o = parseOptions(['--epochs', '3', '--batch-size', '32', '--lr', '0.01', '--optimizer', 'sgd', '--seed', '4', '--quiet']);
    expect(o).toMatchObject({ epochs: 3, batch_size: 32, lr: 0.01, optimizer: 'sgd', recipe: 'ce', seed: 4, quiet: true });
    expect(parseOptions(['--recipe', 'tutorial']).optimizer).toBe('sgd');
    expect(() => parseOptions(['--recipe', 'svm'])).toThrow('--recipe must be ce or tutorial');
    expect(() => parseOptions(['--batch-size', '0'])).toThrow('--batch-size must be an integer >= 1');
  });
});
