// The bundle comparison's tocha apps (bench/bundle.ts's APPS: a one-liner and the tutorial's Net trained for five
// steps, through `tocha` and `tocha/lean`), each built by rolldown from the package's exports (dist/, so after
// `npm run build`) and run once in Node as a page runs it: what they print against PyTorch's (bench/bundle_train.py).
// The worker thread pool is in the default entry's apps and out of the lean ones (they add it with
// 'tocha/lean/threads').
// The peers' apps are checked by `npx tsx bench/bundle.ts --check` (they take longer, and are not tocha's to test).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APPS, TRAIN_LOSSES, buildApp, checkApp } from '../bench/bundle.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tochaApps = APPS.filter((a) => a.system === 'tocha' || a.system === 'tocha/lean');

describe('bench/bundle.ts: the tocha apps of the bundle comparison run as built', () => {
  it('dist/ is built (npm run build): the apps import the package as an app does', () => {
    expect(existsSync(join(root, 'dist/index.js')) && existsSync(join(root, 'dist/lean.js'))).toBe(true);
  });

  it('counts the apps it measures: a one-line and a training app through each entry', () => {
    expect(tochaApps.map((a) => `${a.system}, ${a.app}`).sort()).toEqual([
      'tocha, one-line app', 'tocha, training app', 'tocha/lean, one-line app', 'tocha/lean, training app']);
  });

  for (const app of tochaApps) {
    it(`${app.system}, ${app.app}: prints what PyTorch prints`, async () => {
      const built = await buildApp(root, app);
      expect(built.chunks.filter((c) => c.eager)).toHaveLength(1);
      // the pool's worker program and its waits (src/backend/threads.ts): the default entry's, not tocha/lean's
      const code = built.chunks[0].code;
      expect([code.includes('Atomics.wait'), code.includes('worker_threads')]).toEqual(
        app.system === 'tocha' ? [true, true] : [false, false]);
      const { problem, stdout } = checkApp(root, app, built);
      expect(problem).toBeNull();
      const lines = stdout.trimEnd().split('\n');
      if (app.app === 'one-line app') {
        expect(lines).toEqual(['tensor([2, 3])']);
      } else {
        expect(lines).toHaveLength(TRAIN_LOSSES.length);
        lines.forEach((l, i) => expect(Number(l)).toBeCloseTo(TRAIN_LOSSES[i], 6));
      }
    });
  }

  it("a lean app with 'tocha/lean/threads' bundles the pool, and in a page that is not isolated runs on one thread", async () => {
    const app = {
      ...tochaApps.find((a) => a.system === 'tocha/lean' && a.app === 'one-line app')!,
      code: "import * as torch from 'tocha/lean';\nimport 'tocha/lean/threads';\ntorch.set_num_threads(2);\n" +
        'console.log(String(torch.tensor([1, 2]).add(1)), torch.get_num_threads(), await torch.threads_ready());\n',
      expect: ['tensor([2, 3]) 1 1'],
    };
    const built = await buildApp(root, app);
    const code = built.chunks[0].code;
    expect([code.includes('Atomics.wait'), code.includes('worker_threads')]).toEqual([true, true]);
    expect(checkApp(root, app, built).problem).toBeNull();
  });

  it('the check fails an app that prints something else', async () => {
    const app = { ...tochaApps.find((a) => a.system === 'tocha/lean' && a.app === 'one-line app')!, expect: ['tensor([2, 4])'] };
    const { problem } = checkApp(root, app, await buildApp(root, app));
    expect(problem).toMatch(/^tocha\/lean, one-line app: printed other than "tensor\(\[2, 4\]\)"/);
  });
});
