// Threads in Chromium: a cross-origin isolated page runs tocha's worker threads (the same bundle as
// Node), a page without isolation falls back to one thread silently, and both train to the same
// bits as Node on one thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { bundle, launch, outUrl, serve, ROUTES, type Served } from './lib.js';
import type { Threaded } from './pages/threads.js';

let isolated: Served;
let plain: Served;
let browser: Browser;
let web: string;
let node: string;

beforeAll(async () => {
  [isolated, plain, browser] = await Promise.all([serve(ROUTES, true), serve(ROUTES), launch()]);
  [web, node] = await Promise.all([bundle('test/browser/pages/threads.ts', 'browser', 'threads'),
    bundle('test/browser/pages/threads.ts', 'node', 'threads')]);
});

afterAll(async () => {
  await browser?.close();
  await isolated?.close();
  await plain?.close();
});

async function inPage(server: Served, steps: number, threads: number): Promise<Threaded> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`${server.url}/index.html`);
  const url = outUrl(server.url, web);
  const r = await page.evaluate(`import(${JSON.stringify(url)}).then((m) => m.run(${steps}, ${threads}))`) as Threaded;
  await page.close();
  return r;
}

describe('threads in Chromium', () => {
  it('a cross-origin isolated page trains on 2 threads to the bits of Node on 1; without isolation, 1 thread, same bits', async () => {
    const nodeOne = await (await import(pathToFileURL(node).href)).run(30, 1) as Threaded;
    const two = await inPage(isolated, 30, 2);
    const fallback = await inPage(plain, 30, 2);
    console.log(`Chromium isolated: ${two.threads} threads, ${two.hashes.all}; not isolated: ${fallback.threads} thread; ` +
      `Node 1 thread: ${nodeOne.hashes.all}`);
    expect(two.isolated).toBe(true);
    expect(two.threads).toBe(2);
    expect(fallback.isolated).toBe(false);
    expect(fallback.threads).toBe(1);
    expect(nodeOne.threads).toBe(1);
    expect(two.hashes.losses).toEqual(nodeOne.hashes.losses);
    expect(two.hashes.all).toBe(nodeOne.hashes.all);
    expect(fallback.hashes.all).toBe(nodeOne.hashes.all);
  });
});
