// The conformance suite and the seeded training, run by the same bundle in Node and in Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { bundle, launch, outUrl, serve, ROUTES, type Served } from './lib.js';
import type { Outcome } from '../../scripts/conformance.js';
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
  it('every case passing in Node passes in Chromium, with the same outcome', async () => {
    const entry = 'test/browser/pages/conformance.ts';
    const cases = `${server.url}/shared/torch-cases.json`;
    const [web, node] = await Promise.all([bundle(entry, 'browser', 'conformance'), bundle(entry, 'node', 'conformance')]);
    const inChromium = await inPage<Outcome[]>(web, cases);
    const inNodeJs = await inNode<Outcome[]>(node, cases);
    console.log(`conformance in Chromium: ${summary(inChromium)}; in Node: ${summary(inNodeJs)}`);
    expect(inChromium.length).toBe(inNodeJs.length);
    const browserById = new Map(inChromium.map((r) => [r.id, r]));
    const regressions = inNodeJs.filter((r) => r.ok && !browserById.get(r.id)?.ok)
      .map((r) => `${r.id}: ${browserById.get(r.id)?.reason ?? 'missing'}`);
    expect(regressions).toEqual([]);
    // Failures should be the same failures, for the same reasons.
    const differ = inNodeJs.filter((r) => browserById.get(r.id)?.reason !== r.reason).map((r) => r.id);
    expect(differ).toEqual([]);
  });
});

describe('determinism', () => {
  it('the same seeded training gives bit-identical parameters in Node and Chromium', async () => {
    const entry = 'test/browser/pages/determinism.ts';
    const [web, node] = await Promise.all([bundle(entry, 'browser', 'determinism'), bundle(entry, 'node', 'determinism')]);
    const a = await inPage<Hashes>(web, 50);
    const b = await inNode<Hashes>(node, 50);
    console.log(`parameters after 50 steps: SHA-256 ${a.all} (Chromium), ${b.all} (Node)`);
    expect(a.losses.length).toBe(50);
    expect(a.losses).toEqual(b.losses);
    expect(a.params).toEqual(b.params);
    expect(a.all).toBe(b.all);
  });
});
