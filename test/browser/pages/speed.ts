// Training speed of the playground's model, the same code in Node and in the page.
import { loadDigits, Trainer } from '../../../playground/train.js';

export async function run(url: string, steps = 60): Promise<{ msPerStep: number; batchSize: number }> {
  const data = loadDigits(await (await fetch(url)).arrayBuffer());
  const t = new Trainer(data);
  for (let i = 0; i < 5; i++) t.next();
  const start = performance.now();
  for (let i = 0; i < steps; i++) t.next();
  return { msPerStep: (performance.now() - start) / steps, batchSize: t.batchSize };
}
