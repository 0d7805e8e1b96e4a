// Builds dist/ first when it is missing or older than the sources (npm test builds it just before;
// `npm run test:browser` alone must not test a stale bundle against the current source).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DIST, ROOT } from './lib.js';

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const stale = !existsSync(DIST) ||
    statSync(DIST).mtimeMs < Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'assembly')));
  if (stale) execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}
