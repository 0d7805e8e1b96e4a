// npm run test:browser: the tests under test/browser run in Node and drive Debian's Chromium
// (playwright-core) against pages served from 127.0.0.1. They use the built dist/index.js.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.spec.ts'],
    globalSetup: ['test/browser/setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
