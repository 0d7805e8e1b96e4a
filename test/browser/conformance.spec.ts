// The conformance suite and the seeded training, run by the same bundle in Node and in Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { bundle, launch, outUrl, serve, ROOT, ROUTES, type Served } from './lib.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFile, type CasesFile, type Outcome } from '../../scripts/conformance.js';
import type { Hashes } from './pages/determinism.js';

let server: Served;
let browser: Browser;
let page: Page;

/** Imports a bundled page module in the page and calls its run(...args). */
async function inPage<T>(file: string, ...args: unknown[]): Promise<T> {
  // A string, so that vitest's transform does not rewrite the dynamic import.
  const url = outUrl(server.url, file);
  return page.evaluate(`import(${JSON.stringify(url)}).then((m) => m.run(...${JSON.stringify(args)}))`) as Promise<T>;
}

async function inNode<T>(file: string, ...args: unknown[]): Promise<T> {
  const m = await import(pathToFileURL(file).href);
  return m.run(...args) as Promise<T>;
}

beforeAll(async () => {
  server = await serve(ROUTES);
  browser = await launch();
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`${server.url}/index.html`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const summary = (rs: Outcome[]) => {
  const passed = rs.filter((r) => r.ok).length;
  return `${passed} passed, ${rs.length - passed} failed`;
};

describe('conformance', () => {
  const entry = 'test/browser/pages/conformance.ts';
  let inChromium: Outcome[];
  let inNodeDist: Outcome[];

  beforeAll(async () => {
    const cases = `${server.url}/shared/torch-cases.json`;
    const [web, node] = await Promise.all([bundle(entry, 'browser', 'conformance'), bundle(entry, 'node', 'conformance')]);
    inChromium = await inPage<Outcome[]>(web, cases);
    inNodeDist = await inNode<Outcome[]>(node, cases);
    console.log(`conformance in Chromium: ${summary(inChromium)}; in Node (the same dist/index.js): ${summary(inNodeDist)}`);
  });

  it('Chromium and Node running dist/index.js agree case by case, reasons included', () => {
    expect(inChromium.map((r) => r.id)).toEqual(inNodeDist.map((r) => r.id));
    const node = new Map(inNodeDist.map((r) => [r.id, r]));
    const differ = inChromium.filter((r) => r.ok !== node.get(r.id)!.ok || r.reason !== node.get(r.id)!.reason)
      .map((r) => `${r.id}: Chromium ${r.ok ? 'passed' : r.reason}; Node ${node.get(r.id)!.ok ? 'passed' : node.get(r.id)!.reason}`);
    expect(differ).toEqual([]);
  });

  it('every case passing in Node (npm run conformance, from source) passes in Chromium', () => {
    const file = JSON.parse(readFileSync(join(ROOT, '../shared/conformance/torch-cases.json'), 'utf8')) as CasesFile;
    const fromSource = runFile(file);
    console.log(`conformance in Node from source: ${summary(fromSource)}`);
    const web = new Map(inChromium.map((r) => [r.id, r]));
    const lost = fromSource.filter((r) => r.ok && !web.get(r.id)?.ok);
    expect(lost.map((r) => `${r.id}: ${web.get(r.id)?.reason ?? 'missing'}`)).toEqual([]);
  });
});

describe('the tutorial example', () => {
  const entry = join(ROOT, 'examples/tutorial.ts');
  it.runIf(existsSync(entry))('prints in Chromium exactly what it prints in Node', async () => {
    const [web, node] = await Promise.all([bundle(entry, 'browser', 'tutorial'), bundle(entry, 'node', 'tutorial')]);
    const url = outUrl(server.url, web);
    const inChromium = await page.evaluate(`import(${JSON.stringify(url)}).then((m) => m.main())`) as string[];
    const inNodeDist = (await import(pathToFileURL(node).href)).main() as string[];
    const fromSource = (await import('../../examples/tutorial.js' as string)).main() as string[];
    console.log(`tutorial in Chromium: ${inChromium.length} printouts, last: ${inChromium.at(-1)}`);
    expect(inChromium).toEqual(inNodeDist);
    expect(inChromium).toEqual(fromSource);
  });
});

describe('determinism', () => {
  it('the same seeded training gives bit-identical parameters in Node and Chromium, and exp/log/tanh/sigmoid/SiLU/softmax on Chromium\'s relaxed build give Node\'s core bits', async () => {
    const entry = 'test/browser/pages/determinism.ts';
    const [web, node] = await Promise.all([bundle(entry, 'browser', 'determinism'), bundle(entry, 'node', 'determinism')]);
    const a = await inPage<Hashes>(web, 50);
    const b = await inNode<Hashes>(node, 50);
    console.log(`parameters after 50 steps: SHA-256 ${a.all} (Chromium), ${b.all} (Node)`);
    expect(a.losses.length).toBe(50);
    expect(a.losses).toEqual(b.losses);
    expect(a.params).toEqual(b.params);
    expect(a.all).toBe(b.all);
    // the SLEEF-based ops on Chromium's relaxed build (fused multiply-adds) give Node's bits (Node 20: the core)
    console.log(`relaxed build in use: Chromium ${a.fused}, Node ${b.fused}`);
    expect(a.fused).toBe(true);
    expect(Object.keys(a.unary)).toHaveLength(7);
    expect(a.unary).toEqual(b.unary);
  });
});
