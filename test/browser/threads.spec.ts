// Threads in Chromium: a cross-origin isolated page runs tocha's worker threads (the same bundle as
// Node), a page without isolation falls back to one thread silently, and both train to the same
// bits as Node on one thread. Under torch.set_float32_matmul_precision('high') Chromium's relaxed SIMD
// fuses the products' multiply-adds: then too 2 threads in Chromium give the bits of Node (relaxed SIMD
// turned on by its V8 flag) on 1. tocha/lean's parts run on the web workers too (handed to them in messages as they
// load), with Node's bits.
import v8 from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { bundle, launch, outUrl, serve, ROUTES, type Served } from './lib.js';
import type { Threaded } from './pages/threads.js';
import type { LeanThreaded } from './pages/lean-threads.js';
import { execFileSync } from 'node:child_process';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd'); // Node 20: before the bundle loads

let isolated: Served;
let plain: Served;
let browser: Browser;
let web: string;
let node: string;
let leanWeb: string;

beforeAll(async () => {
  [isolated, plain, browser] = await Promise.all([serve(ROUTES, true), serve(ROUTES), launch()]);
  [web, node, leanWeb] = await Promise.all([bundle('test/browser/pages/threads.ts', 'browser', 'threads'),
    bundle('test/browser/pages/threads.ts', 'node', 'threads'),
    bundle('test/browser/pages/lean-threads.ts', 'browser', 'lean-threads')]);
});

afterAll(async () => {
  await browser?.close();
  await isolated?.close();
  await plain?.close();
});

async function inPage(server: Served, steps: number, threads: number, precision = 'highest'): Promise<Threaded> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`${server.url}/index.html`);
  const url = outUrl(server.url, web);
  const r = await page.evaluate(`import(${JSON.stringify(url)}).then((m) => m.run(${steps}, ${threads}, ${JSON.stringify(precision)}))`) as Threaded;
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

  it("with set_float32_matmul_precision('high'): fused products, 2 threads in Chromium = Node on 1", async () => {
    const mod = await import(pathToFileURL(node).href);
    const exact = await mod.run(30, 1) as Threaded;
    const nodeOne = await mod.run(30, 1, 'high') as Threaded;
    const two = await inPage(isolated, 30, 2, 'high');
    console.log(`fused: Chromium 2 threads ${two.hashes.all}, Node 1 thread ${nodeOne.hashes.all}; exact ${exact.hashes.all}`);
    expect(two.relaxed).toBe(true);
    expect(nodeOne.relaxed).toBe(true);
    expect(two.threads).toBe(2);
    expect(nodeOne.hashes.all).not.toBe(exact.hashes.all);
    expect(two.hashes.losses).toEqual(nodeOne.hashes.losses);
    expect(two.hashes.all).toBe(nodeOne.hashes.all);
  });

  it("tocha/lean's parts on 2 web workers: a GELU and a convolution give Node's bits on 1 thread", async () => {
    // (Node: test/lean-threads-run.ts, src/ through tsx, in a process of its own; its hashes are the page's)
    const nodeOne = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'test/lean-threads-run.ts', 'lean', '1',
      'pool-first'], { encoding: 'utf8' })) as { gelu: { bits: string }; conv: { bits: string } };
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e));
    await page.goto(`${isolated.url}/index.html`);
    const url = outUrl(isolated.url, leanWeb);
    const two = await page.evaluate(`import(${JSON.stringify(url)}).then((m) => m.run(2))`) as LeanThreaded;
    await page.close();
    expect(two.threads).toBe(2);
    expect(two.parts_by_workers).toBeGreaterThan(0);
    expect(two.gelu).toBe(nodeOne.gelu.bits);
    expect(two.conv).toBe(nodeOne.conv.bits);
  });
});
