// Builds dist/ first when it is missing (npm test builds it before running these).
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { DIST, ROOT } from './lib.js';

export default function setup(): void {
  if (!existsSync(DIST)) execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}
