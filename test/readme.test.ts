// Every ```ts block of the README runs as a user would run it (importing 'tocha', the built
// package), and the outputs the README shows in comments after console.log are what it prints.
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, it, expect, afterAll } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
const dir = new URL('./.readme-blocks/', import.meta.url);
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The outputs a block promises: a comment after console.log(...), plus comment lines right below it. */
function promised(code: string): string[] {
  const lines = code.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*console\.log\(.*\);\s*\/\/ (.*)$/.exec(lines[i]);
    const bare = /^\s*console\.log\(.*\);\s*$/.test(lines[i]);
    if (!m && !bare) continue;
    const parts: string[] = m ? [m[1]] : [];
    for (let j = i + 1; j < lines.length && /^\/\/ /.test(lines[j]); j++) parts.push(lines[j].slice(3));
    if (parts.length) out.push(parts.join('\n'));
  }
  return out;
}

describe('README examples', () => {
  it('has examples', () => expect(blocks.length).toBeGreaterThanOrEqual(5));
  blocks.forEach((code, i) => {
    it(`block ${i + 1} runs and prints what the README says`, () => {
      const file = new URL(`block${i + 1}.ts`, dir);
      writeFileSync(file, code);
      const stdout = execFileSync(process.execPath, ['--import', 'tsx', file.pathname], {
        cwd: new URL('..', import.meta.url).pathname, encoding: 'utf8', timeout: 60_000,
      });
      for (const text of promised(code)) expect(stdout).toContain(text);
    });
  });
  it('every block type-checks under strict TypeScript, against the built types', () => {
    const types = new URL('types/', dir);
    mkdirSync(types, { recursive: true });
    blocks.forEach((code, i) => writeFileSync(new URL(`block${i + 1}.ts`, types), code));
    // This repository's options (strict), without its noImplicitOverride, which `strict` does not include.
    writeFileSync(new URL('tsconfig.json', types), JSON.stringify({
      extends: '../../../tsconfig.json', compilerOptions: { noImplicitOverride: false }, include: ['*.ts'],
    }));
    const root = new URL('..', import.meta.url).pathname;
    // `tocha` resolves to this package's own exports (dist/index.d.ts), as in a user's project.
    execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', types.pathname], {
      cwd: root, encoding: 'utf8', timeout: 120_000,
    });
  });
});
