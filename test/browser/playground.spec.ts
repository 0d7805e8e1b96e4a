// The playground in headless Chromium: `npm run playground`'s server, a full training run in the
// worker while the page stays responsive, a drawn stroke and its prediction, the state_dict
// downloaded and loaded back, a screenshot in artifacts/playground.png; and the training speed in
// the worker, in the page and in Node for the same model and batch size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { bundle, launch, outUrl, serve, ROOT, ROUTES, type Served } from './lib.js';

let proc: ChildProcess;
let url: string;
let browser: Browser;
let page: Page;
const ART = join(ROOT, 'artifacts');

beforeAll(async () => {
  proc = spawn('node', ['scripts/playground.mjs', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise<string>((ok, fail) => {
    let text = '';
    proc.stdout!.on('data', (d) => {
      text += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(text);
      if (m) ok(m[0]);
    });
    proc.on('exit', (code) => fail(new Error(`npm run playground exited with ${code}: ${text}`)));
  });
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1120, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e));
  mkdirSync(ART, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  proc?.kill();
});

const text = (sel: string) => page.locator(sel).innerText();

/** Draws a polyline on the pad with the mouse. */
async function draw(points: [number, number][]): Promise<void> {
  const box = (await page.locator('#pad').boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + (x * box.width) / 280, box.y + (y * box.height) / 280] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 8 });
  await page.mouse.up();
}

describe('playground', () => {
  it('trains in the worker to >= 95% held-out accuracy while the page stays responsive', async () => {
    await page.goto(url);
    await page.locator('#start:not([disabled])').waitFor();
    const model = await text('#model');
    expect(model).toContain('(0): Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))');
    expect(model.split('\n')[0]).toBe('Sequential(');
    // npm run playground serves the page cross-origin isolated: the training worker runs tocha's threads.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await text('#progress-text')).toMatch(/; 2 threads$/);
    const t0 = Date.now();
    await page.click('#start');
    // Main-thread responsiveness while training: the longest gap between timer ticks.
    const worstGap = await page.evaluate(() => new Promise<number>((ok) => {
      let last = performance.now(), worst = 0, n = 0;
      const tick = () => {
        const now = performance.now();
        worst = Math.max(worst, now - last);
        last = now;
        if (++n < 100) setTimeout(tick, 10); else ok(worst);
      };
      setTimeout(tick, 10);
    }));
    // Draw while it trains: the prediction appears before training is over.
    await draw([[150, 50], [148, 120], [145, 230]]);
    await page.waitForFunction(() => document.body.dataset.prediction !== undefined);
    await page.waitForFunction(() => document.body.dataset.running === 'false', null, { timeout: 240_000 });
    const seconds = (Date.now() - t0) / 1000;
    const steps = Number(await page.evaluate(() => document.body.dataset.step));
    const accuracy = parseFloat(await text('#accuracy')) / 100;
    console.log(`playground: ${steps} steps in ${seconds.toFixed(1)} s (${await text('#speed')} in the worker), held-out accuracy ${(100 * accuracy).toFixed(1)}%, worst main-thread gap ${worstGap.toFixed(0)} ms`);
    expect(steps).toBeGreaterThanOrEqual(300);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
    expect(worstGap).toBeLessThan(250);
  });

  it('predicts a drawn digit with probabilities', async () => {
    await page.click('#clear');
    await draw([[150, 45], [147, 130], [143, 235]]);
    await page.waitForFunction(() => document.body.dataset.prediction !== undefined && document.getElementById('digit')!.textContent !== '–');
    await page.waitForTimeout(300);
    const digit = await text('#digit');
    const probs = await page.locator('#bars .p').allInnerTexts();
    console.log(`drew a 1: predicted ${digit} (${await text('#confidence')})`);
    expect(probs.map((p) => parseFloat(p)).reduce((a, b) => a + b)).toBeCloseTo(100, -1);
    expect(digit).toBe('1');
    // A 7 and a 0, for the record (and the screenshot shows the 7).
    for (const [name, stroke] of [
      ['0', Array.from({ length: 25 }, (_, i) => [140 + 60 * Math.sin((i / 24) * 2 * Math.PI), 140 - 95 * Math.cos((i / 24) * 2 * Math.PI)])],
      ['7', [[70, 60], [210, 60], [180, 120], [150, 180], [125, 240]]],
    ] as [string, [number, number][]][]) {
      await page.click('#clear');
      await draw(stroke);
      await page.waitForFunction(() => document.getElementById('digit')!.textContent !== '–');
      await page.waitForTimeout(300);
      console.log(`drew a ${name}: predicted ${await text('#digit')} (${await text('#confidence')})`);
    }
    await page.screenshot({ path: join(ART, 'playground.png'), fullPage: true });
  });

  it('downloads the state_dict and loads it back', async () => {
    const accuracy = await text('#accuracy');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const file = join(ART, 'mnist-tocha.safetensors');
    await download.saveAs(file);
    await page.reload();
    await page.locator('#start:not([disabled])').waitFor();
    expect(await text('#accuracy')).not.toBe(accuracy);
    await page.setInputFiles('#upload', file);
    await page.locator('#io-status', { hasText: 'loaded' }).waitFor();
    expect(await text('#accuracy')).toBe(accuracy);
  });

  it("trains the main job's Net (784 → 256 → 10) to >= 95% too", async () => {
    await page.selectOption('#kind', 'net');
    await page.locator('#start:not([disabled])').waitFor();
    expect(await text('#model')).toBe(
      'Net(\n  (in_layer): Linear(in_features=784, out_features=256, bias=True)\n  (out_layer): Linear(in_features=256, out_features=10, bias=True)\n)');
    const t0 = Date.now();
    await page.click('#start');
    await page.waitForFunction(() => document.body.dataset.running === 'true');
    await page.waitForFunction(() => document.body.dataset.running === 'false', null, { timeout: 240_000 });
    const steps = Number(await page.evaluate(() => document.body.dataset.step));
    const accuracy = parseFloat(await text('#accuracy')) / 100;
    console.log(`playground, Net: ${steps} steps in ${((Date.now() - t0) / 1000).toFixed(1)} s (${await text('#speed')} in the worker), held-out accuracy ${(100 * accuracy).toFixed(1)}%`);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('measures training speed: the worker, the page and Node, same model and batch', async () => {
    const server: Served = await serve({ ...ROUTES, '/playground/': join(ROOT, 'playground/dist') });
    try {
      const entry = 'test/browser/pages/speed.ts';
      const [web, node] = await Promise.all([bundle(entry, 'browser', 'speed'), bundle(entry, 'node', 'speed')]);
      const digits = `${server.url}/playground/mnist.bin`;
      const p = await browser.newPage();
      await p.goto(`${server.url}/index.html`);
      type Speed = Record<string, number>;
      const call = `.then((m) => m.run(${JSON.stringify(digits)}, [['cnn', 40], ['net', 200]]))`;
      const pageRun = async () => await p.evaluate(`import(${JSON.stringify(outUrl(server.url, web))})${call}`) as Speed;
      // Node in its own process (as a user runs it), not inside the test runner's worker.
      const nodeRun = async () => JSON.parse(await new Promise<string>((ok, fail) => execFile('node',
        ['--input-type=module', '-e', `import(${JSON.stringify(pathToFileURL(node).href)})${call}.then((r) => console.log(JSON.stringify(r)))`],
        (err, out) => (err ? fail(err) : ok(out))))) as Speed;
      // Alternating, best of three: the machine is shared.
      const runs: { page: Speed[]; node: Speed[] } = { page: [], node: [] };
      for (let i = 0; i < 3; i++) { runs.node.push(await nodeRun()); runs.page.push(await pageRun()); }
      for (const kind of ['cnn', 'net']) {
        const best = (xs: Speed[]) => Math.min(...xs.map((x) => x[kind]));
        const [c, n] = [best(runs.page), best(runs.node)];
        console.log(`training speed, ${kind}, batch 64 (best of 3): Chromium page ${c.toFixed(2)} ms/step, Node ${n.toFixed(2)} ms/step (Chromium/Node time ${(c / n).toFixed(2)}×)`);
        expect(c).toBeGreaterThan(0);
      }
    } finally {
      await server.close();
    }
  });
});
