// Training speed of the playground's models, the same code in Node and in the page: ms per
// optimization step (batch 64) after a few warm-up steps, for each [model, steps] of the plan.
import { loadDigits, Trainer, type ModelKind } from '../../../playground/train.js';

export async function run(url: string, plan: [ModelKind, number][]): Promise<Record<string, number>> {
  const data = loadDigits(await (await fetch(url)).arrayBuffer());
  const out: Record<string, number> = {};
  for (const [kind, steps] of plan) {
    const t = new Trainer(data, kind);
    for (let i = 0; i < 5; i++) t.next();
    const start = performance.now();
    for (let i = 0; i < steps; i++) t.next();
    out[kind] = (performance.now() - start) / steps;
  }
  return out;
}
