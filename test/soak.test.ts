// The short soak (issue 5): the cases of scripts/soak.ts (`npm run soak`) with fewer steps.
// Training loops written the plain PyTorch way, no dispose or tidy, must be flat after warm-up
// (the same live tensors and bytes at two checkpoints); loops without step scopes return to their
// baseline plus gradients and optimizer state once the event loop turns. When a case fails, it
// is run again with torch.set_debug_memory(true) and the tensors that appeared between the two
// checkpoints are printed with where they were created.
import { describe, it, expect } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { debugLiveTensors } from '../src/lifetime.js';
import {
  CaseResult, Sample, hooks, collect, soakLoaderSync, soakLoaderAsync, soakArray, soakEval,
  soakEvalLoader, soakRetainGraph, soakModels,
} from '../scripts/soak.js';

const STEPS = 300;
const AT = [100, STEPS];

/** Runs a case again in debug mode and describes the tensors that appeared between its checkpoints. */
async function leakReport(run: () => CaseResult | Promise<CaseResult>): Promise<string> {
  await collect();
  torch.set_debug_memory(true);
  const seen = new Map<number, Set<Tensor>>();
  hooks.onSample = (step) => { seen.set(step, new Set(debugLiveTensors() as Tensor[])); };
  try {
    await run();
  } finally {
    hooks.onSample = undefined;
    torch.set_debug_memory(false);
  }
  const steps = [...seen.keys()].filter((s) => s > 0);
  // Tensors grouped by where they were created: the places whose count grew between two checkpoints.
  const describe = (from: number, to: number, skipKept: boolean) => {
    const bySite = (step: number) => {
      const m = new Map<string, Tensor[]>();
      for (const t of seen.get(step) ?? []) {
        if (skipKept && t._kept) continue;
        const key = `shape [${t._shape.join(', ')}], ${t.dtype}${t._kept ? ', kept' : ''}, created at:\n${t._site ?? '  (unknown)'}`;
        m.set(key, [...(m.get(key) ?? []), t]);
      }
      return m;
    };
    const a = bySite(from);
    const grown = [...bySite(to)].filter(([k, ts]) => ts.length > (a.get(k)?.length ?? 0));
    return `tensors alive at ${to === -1 ? 'the end (after the loop)' : `step ${to}`} beyond those at step ${from}` +
      `${skipKept ? ' (kept ones, such as optimizer state, not counted)' : ''}:\n` +
      grown.slice(0, 20).map(([k, ts]) => `- ${ts.length - (a.get(k)?.length ?? 0)} more of ${k}`).join('\n');
  };
  let out = steps.length > 1 ? describe(steps[0], steps[steps.length - 1], false) : '';
  if (seen.has(0) && seen.has(-1)) out += '\n' + describe(0, -1, true);
  return out;
}

async function check(run: () => CaseResult | Promise<CaseResult>, assert: (r: CaseResult) => void): Promise<void> {
  await collect();
  const r = await run();
  try {
    assert(r);
  } catch (e) {
    const report = await leakReport(run);
    console.error(`${r.name}: not flat\n${JSON.stringify(r.samples)}\n${report}`);
    throw e;
  }
}

const flat = (a: Sample, b: Sample, what: string) => {
  expect(b.live_tensors, `${what}: live tensors at steps ${a.step} and ${b.step}`).toBe(a.live_tensors);
  expect(b.bytes_in_use, `${what}: bytes in use at steps ${a.step} and ${b.step}`).toBe(a.bytes_in_use);
};

/** No step scopes: flat between checkpoints; after the loop, baseline plus gradients and optimizer state only. */
function flatThenBaseline(r: CaseResult): void {
  const [before, ...during] = r.samples;
  flat(during[0], during[during.length - 1], r.name);
  expect(r.after!.live_tensors, `${r.name}: live tensors after the loop`).toBe(before.live_tensors + r.state!.tensors);
  expect(r.after!.bytes_in_use, `${r.name}: bytes after the loop`).toBe(before.bytes_in_use + r.state!.bytes);
  // during the loop, at most the last step's graph results (a few activations of one batch) on top
  expect(during[during.length - 1].bytes_in_use - r.after!.bytes_in_use).toBeLessThan(64 * (784 + 256 * 3 + 10 * 4) * 4);
}

describe('short soak: training loops written the PyTorch way stay flat', () => {
  it('(a) sync for...of over a DataLoader', async () => {
    await check(() => soakLoaderSync(STEPS, AT), (r) => flat(r.samples[0], r.samples[1], r.name));
  }, 60_000);

  it('(b) for await over a DataLoader', async () => {
    await check(() => soakLoaderAsync(STEPS, AT), (r) => flat(r.samples[0], r.samples[1], r.name));
  }, 60_000);

  it("(c) the tutorial's loop over a plain array: flat, and back to baseline once the event loop turns", async () => {
    await check(() => soakArray(STEPS, AT), flatThenBaseline);
  }, 60_000);

  it('keeping loss.item() in a JS array', async () => {
    await check(() => soakArray(STEPS, AT, { items: true }), flatThenBaseline);
  }, 60_000);

  it('backward with retain_graph, then backward through the same graph', async () => {
    await check(() => soakRetainGraph(STEPS, AT), flatThenBaseline);
  }, 60_000);

  it('evaluation under no_grad, a block per batch and a block around a DataLoader pass', async () => {
    await check(() => soakEval(STEPS, AT), (r) => flat(r.samples[0], r.samples[1], r.name));
    await check(() => soakEvalLoader(STEPS, AT), (r) => flat(r.samples[0], r.samples[1], r.name));
  }, 60_000);

  it('models created and dropped: bounded by what is made between two collections, back to baseline after', async () => {
    await check(() => soakModels(300, [100, 300], { gcEvery: 20 }), (r) => {
      const [before, ...during] = r.samples;
      expect(r.after!.live_tensors).toBe(before.live_tensors);
      expect(r.after!.bytes_in_use).toBe(before.bytes_in_use);
      // 8 tensors per model (4 parameters and the tensors they wrap), at most 21 models between collections
      expect(Number(r.note!.match(/\d+/)![0])).toBeLessThanOrEqual(before.live_tensors + 8 * 21);
    });
  }, 60_000);
});
