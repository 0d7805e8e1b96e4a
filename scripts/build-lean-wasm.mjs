// The lean core: build/tocha-lean.wasm, the WebAssembly of the 'tocha/lean' entries, from the same assembly/ sources as
// build/tocha.wasm, packed into src/backend/wasm-bytes-lean.generated.ts. scripts/build.mjs runs it after the full
// build (it needs build/lzma.wasm); alone: node scripts/build-lean-wasm.mjs [--fused] (--fused: with a lean fused
// module, whatever src/backend/lean-core.json says; for measuring).
//
// What it keeps is src/backend/lean-core.json: the exports, and per op-code family (U, B) the codes. assembly/ is
// copied to build/lean/ and transformed there, never edited:
// - every `switch` over a family's codes loses the case groups of cut codes (their code goes with them), and their
//   labels go into one group that traps (`unreachable()`) at the top of the switch, so that a cut code that still
//   reached the kernel would trap instead of taking another case or the default;
// - every `if` whose condition tests only `op` against a family's codes and holds for no kept code has its branch
//   replaced by a trap (its else stays);
// - each top-level table `const T = memory.data(...)` becomes `function T(): usize { return memory.data(...); }`: asc
//   emits a top-level table for every file the entry reaches, used or not, and a function's only where it is called
//   (binaryen inlines the call back to the constant address);
// - build/lean/lean.ts exports the kept kernels (their lines of assembly/index.ts).
// The build fails if a name in the lists is unknown, if a switch over `op` mixes codes with other labels, if a kept
// code's case was lost, if a cut code's case survived outside a trap, or if the decoder does not unpack the stream.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';
import { checkExports, pack, writeBytesModule } from './pack-wasm.mjs';

const fail = (msg) => { throw new Error(`scripts/build-lean-wasm.mjs: ${msg}`); };
const lists = JSON.parse(readFileSync('src/backend/lean-core.json', 'utf8'));
const withFused = lists.fused.ship || process.argv.includes('--fused');
const dir = 'build/lean';

// ---- the op codes: kernels.ts's tables (names → values), checked against assembly/'s constants
const kernelsTs = readFileSync('src/backend/kernels.ts', 'utf8');
/** kernels.ts's `export const NAME = { ... } as const` table. */
function table(name) {
  const m = new RegExp(`export const ${name} = (\\{[\\s\\S]*?\\}) as const`).exec(kernelsTs);
  if (!m) fail(`src/backend/kernels.ts has no table ${name}`);
  return Function(`return (${m[1]});`)();
}
const sources = new Map(readdirSync('assembly').filter((f) => f.endsWith('.ts')).map((f) => [f, readFileSync(join('assembly', f), 'utf8')]));
/** Every `export const F_NAME: i32 = v` of the cut families: name → [family, value]. */
const CODES = new Map();
for (const text of sources.values()) {
  for (const m of text.matchAll(/export const ([A-Z]+)_(\w+): i32 = (\d+);/g)) {
    if (lists.codes[m[1]]) CODES.set(`${m[1]}_${m[2]}`, [m[1], +m[3]]);
  }
}
/** family → Set of kept values. */
const kept = {};
/** family → { name → value } (kernels.ts's table). */
const tables = {};
for (const [fam, spec] of Object.entries(lists.codes)) {
  const t = tables[fam] = table(fam);
  const asmValues = new Set([...CODES.values()].filter(([f]) => f === fam).map(([, v]) => v));
  kept[fam] = new Set(spec.keep.map((n) => {
    if (!(n in t)) fail(`src/backend/lean-core.json keeps ${fam}.${n}, which src/backend/kernels.ts does not define`);
    if (!asmValues.has(t[n])) fail(`${fam}.${n} = ${t[n]} (src/backend/kernels.ts) is no ${fam}_* constant of assembly/`);
    return t[n];
  }));
}

// ---- the transform of one file
const terminates = (s) => !!s && (ts.isReturnStatement(s) || ts.isBreakStatement(s) || ts.isThrowStatement(s)
  || ts.isContinueStatement(s) || isTrap(s) || (ts.isBlock(s) && terminates(s.statements[s.statements.length - 1])));
/** `unreachable();` */
function isTrap(s) {
  return ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && ts.isIdentifier(s.expression.expression)
    && s.expression.expression.text === 'unreachable' && s.expression.arguments.length === 0;
}
const codeOf = (e) => (ts.isIdentifier(e) ? CODES.get(e.text) : undefined);

/** A condition over `op` evaluated for op = v: true / false, or undefined when it tests anything else. */
function evalCond(e, v, fam) {
  if (ts.isParenthesizedExpression(e)) return evalCond(e.expression, v, fam);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const r = evalCond(e.operand, v, fam);
    return r === undefined ? undefined : !r;
  }
  if (!ts.isBinaryExpression(e)) return undefined;
  const k = e.operatorToken.kind;
  if (k === ts.SyntaxKind.AmpersandAmpersandToken || k === ts.SyntaxKind.BarBarToken) {
    const a = evalCond(e.left, v, fam);
    const b = evalCond(e.right, v, fam);
    if (a === undefined || b === undefined) return undefined;
    return k === ts.SyntaxKind.BarBarToken ? a || b : a && b;
  }
  const c = codeOf(e.right);
  if (!ts.isIdentifier(e.left) || e.left.text !== 'op' || !c || c[0] !== fam) return undefined;
  switch (k) {
    case ts.SyntaxKind.EqualsEqualsToken: case ts.SyntaxKind.EqualsEqualsEqualsToken: return v === c[1];
    case ts.SyntaxKind.ExclamationEqualsToken: case ts.SyntaxKind.ExclamationEqualsEqualsToken: return v !== c[1];
    case ts.SyntaxKind.GreaterThanEqualsToken: return v >= c[1];
    case ts.SyntaxKind.LessThanEqualsToken: return v <= c[1];
    case ts.SyntaxKind.GreaterThanToken: return v > c[1];
    case ts.SyntaxKind.LessThanToken: return v < c[1];
  }
  return undefined;
}
/** The one cut family whose codes a node names, or null. */
function familyIn(node) {
  const fams = new Set();
  const visit = (n) => { const c = codeOf(n); if (c) fams.add(c[0]); ts.forEachChild(n, visit); };
  visit(node);
  return fams.size === 1 ? [...fams][0] : null;
}
const where = (sf, n) => `${sf.fileName}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;

/** The cut file and what it did: [text, cuts, labels of kept codes outside removed code]. */
function cut(text, file) {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits = [];
  /** p, or past a comment that ends its line (a removed clause's comment goes with it). */
  const lineEnd = (p) => p + (/^[ \t]*\/\/[^\n]*/.exec(text.slice(p))?.[0].length ?? 0);
  let cuts = 0;
  let keptLabels = 0;
  const visit = (n) => {
    if (ts.isSwitchStatement(n)) {
      const clauses = n.caseBlock.clauses;
      const labels = clauses.filter(ts.isCaseClause).map((c) => c.expression);
      const fams = new Set(labels.map((l) => codeOf(l)?.[0] ?? '?'));
      const fam = fams.size === 1 ? [...fams][0] : null;
      if (labels.some((l) => codeOf(l)) && (fams.size !== 1 || fam === '?')) {
        fail(`${where(sf, n)}: a switch mixes op codes with other labels (${labels.map((l) => l.getText(sf)).join(', ')}): cut it by hand or split it`);
      }
      if (fam && kept[fam]) {
        const keep = kept[fam];
        const isKept = (c) => ts.isDefaultClause(c) || keep.has(codeOf(c.expression)[1]);
        // groups: runs of clauses ending in one with statements (labels falling into one body)
        const groups = [];
        let g = [];
        for (const c of clauses) { g.push(c); if (c.statements.length || ts.isDefaultClause(c)) { groups.push(g); g = []; } }
        if (g.length) groups.push(g);
        const trapped = [];
        let before = null; // the last clause kept: a group it falls into stays
        for (const grp of groups) {
          const body = grp[grp.length - 1];
          if (body.statements.length === 1 && isTrap(body.statements[0]) && !grp.some(isKept)) continue; // a trap already
          const fallsIn = before !== null && !terminates(before.statements[before.statements.length - 1]);
          if (!grp.some(isKept) && !fallsIn) {
            edits.push([grp[0].getFullStart(), lineEnd(body.getEnd()), '']);
            for (const c of grp) trapped.push(c.expression.getText(sf));
            cuts++;
            continue;
          }
          // a cut label in a group kept (for its other labels, or since the group before falls into it): only the label
          // goes (of the clause holding the body, `case X:` alone; the body then follows the labels before it)
          for (const c of grp) {
            if (isKept(c)) continue;
            const end = c.statements.length ? text.indexOf(':', c.expression.getEnd()) + 1 : lineEnd(c.getEnd());
            edits.push([c === body ? c.getStart(sf) : c.getFullStart(), end, '']);
            trapped.push(c.expression.getText(sf));
            cuts++;
          }
          for (const c of grp) if (ts.isCaseClause(c) && isKept(c)) keptLabels++;
          for (const s of body.statements) visit(s);
          before = body;
        }
        if (trapped.length) {
          const at = n.caseBlock.getStart(sf) + 1;
          edits.push([at, at, `\n    ${trapped.map((l) => `case ${l}:`).join(' ')} unreachable(); // cut from the lean core`]);
        }
        visit(n.expression);
        return;
      }
    }
    if (ts.isIfStatement(n) && !isTrap(n.thenStatement)) {
      const fam = familyIn(n.expression);
      if (fam && kept[fam]) {
        const r = [...kept[fam]].map((v) => evalCond(n.expression, v, fam));
        if (r.every((x) => x === false)) {
          edits.push([n.thenStatement.getStart(sf), n.thenStatement.getEnd(), 'unreachable(); // cut from the lean core\n ']);
          cuts++;
          if (n.elseStatement) visit(n.elseStatement);
          return;
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  // deletions that meet (a clause's trailing comment is the next clause's leading trivia) merge into one
  edits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = edits.length - 1; i > 0; i--) {
    const [p, q] = [edits[i - 1], edits[i]];
    if (p[2] === '' && q[2] === '' && q[0] <= p[1]) { p[1] = Math.max(p[1], q[1]); edits.splice(i, 1); }
  }
  edits.reverse();
  let out = text;
  let last = Infinity;
  for (const [s, e, r] of edits) {
    if (e > last) fail(`${file}: overlapping cuts at ${s}`); // cannot happen: removed code is not visited
    out = out.slice(0, s) + r + out.slice(e);
    last = s;
  }
  return [out, cuts, keptLabels];
}

/** Checks a cut file: every label of a kept code survived (as many as outside the removed code), and every label of a
 *  cut code sits in a trap group. */
function check(text, file, keptLabels) {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  let n = 0;
  const visit = (node) => {
    if (ts.isCaseClause(node)) {
      const c = codeOf(node.expression);
      if (c && kept[c[0]]) {
        if (kept[c[0]].has(c[1])) n++;
        else {
          const clauses = node.parent.clauses;
          const body = clauses.slice(clauses.indexOf(node)).find((x) => x.statements.length);
          if (!body || body.statements.length !== 1 || !isTrap(body.statements[0])) {
            fail(`${where(sf, node)}: the cut code ${node.expression.getText(sf)} still has a case that does not trap`);
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (n !== keptLabels) fail(`${file}: ${keptLabels} case labels of kept codes before the cut, ${n} after`);
}

/** Top-level tables as functions (see the head of this file); references `T` become `T()` in every file. */
function tablesToFunctions(files) {
  const names = new Set();
  for (const [f, text] of files) {
    files.set(f, text.replace(/^(export )?const (\w+)(?:: usize)? = (memory\.data(?:<\w+>)?\([\s\S]*?\));(?=[ \t]*(?:\/\/[^\n]*)?\n)/gm,
      (m, ex, name, init) => { names.add(name); return `${ex ?? ''}function ${name}(): usize { return ${init}; }`; }));
  }
  const left = [...files].flatMap(([f, t]) => [...t.matchAll(/^(?:export )?const (\w+)[^=\n]*= memory\.data/gm)].map((m) => `${f}: ${m[1]}`));
  if (left.length) fail(`tables not turned into functions (an unexpected form): ${left.join(', ')}`);
  const re = new RegExp(`\\b(${[...names].join('|')})\\b(?!\\s*\\()`, 'g');
  const spec = /(?:import|export)\s*\{[^}]*\}\s*from\s*"[^"]*";/g;
  for (const [f, text] of files) {
    let out = '';
    let at = 0;
    const fix = (part) => part.split('\n').map((line) => (/^(export )?function \w+\(\): usize \{ return memory\.data/.test(line)
      ? line : line.replace(re, '$1()'))).join('\n');
    for (const m of text.matchAll(spec)) { out += fix(text.slice(at, m.index)) + m[0]; at = m.index + m[0].length; }
    files.set(f, out + fix(text.slice(at)));
  }
  return names.size;
}

/** The export lines of an entry (assembly/index.ts, assembly/fma.ts) for the kept names: `export { a, b as c } from "./x";`. */
function entryFor(entry, names) {
  const want = new Set(names);
  const lines = [];
  const text = sources.get(entry).replace(/\/\/.*$/gm, '');
  for (const [, list, from] of text.matchAll(/export \{([^}]*)\} from "([^"]+)"/g)) {
    const picked = list.split(',').map((s) => s.trim()).filter((s) => s && want.delete(s.split(/\s+as\s+/).pop()));
    if (picked.length) lines.push(`export { ${picked.join(', ')} } from "${from}";`);
  }
  if (want.size) fail(`assembly/${entry} does not export ${[...want].join(', ')} (src/backend/lean-core.json)`);
  return lines.join('\n') + '\n';
}

// ---- build/lean/: the transformed copy and its entries
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const files = new Map(sources);
const tableCount = tablesToFunctions(files);
let cuts = 0;
for (const [f, text] of files) {
  if (f === 'index.ts' || f === 'lzma.ts') continue;
  const [out, n, keptLabels] = cut(text, f);
  writeFileSync(join(dir, f), out);
  check(out, f, keptLabels);
  cuts += n;
}
// every kept code must be handled somewhere, or the list names a code no dispatch knows
const all = [...files.values()].join('\n');
for (const [name, [fam, v]] of CODES) {
  if (kept[fam].has(v) && !new RegExp(`\\b${name}\\b`).test(all.replace(/export const \w+: i32 = \d+;/g, ''))) {
    fail(`the kept code ${name} appears in no dispatch of assembly/`);
  }
}
writeFileSync(join(dir, 'lean.ts'), '// Generated by scripts/build-lean-wasm.mjs: the lean core\'s exports (src/backend/lean-core.json).\n' +
  entryFor('index.ts', lists.exports));
const asc = (args) => execFileSync('node_modules/.bin/asc', args, { stdio: 'inherit' });
asc([join(dir, 'lean.ts'), '--target', 'release', '-o', 'build/tocha-lean.wasm', '-t', 'build/tocha-lean.wat']);
const core = readFileSync('build/tocha-lean.wasm');
let fused = Buffer.alloc(0);
if (withFused) {
  writeFileSync(join(dir, 'lean-fma.ts'), '// Generated by scripts/build-lean-wasm.mjs: the lean fused module.\n' +
    entryFor('fma.ts', lists.fused.exports) + 'export function fused_data_end(): usize { return __heap_base; }\n');
  asc([join(dir, 'lean-fma.ts'), '--target', 'release', '--enable', 'relaxed-simd', '--memoryBase', '16',
    '-o', 'build/tocha-lean-fma.wasm', '-t', 'build/tocha-lean-fma.wat']);
  const coreBase = JSON.parse(readFileSync('asconfig.json', 'utf8')).options.memoryBase;
  const end = Number(/\(func \$\S*\/fused_data_end \(result i32\)\s+i32\.const (\d+)/.exec(readFileSync('build/tocha-lean-fma.wat', 'utf8'))?.[1]);
  if (!(end <= coreBase)) fail(`build/tocha-lean-fma.wasm's static data ends at ${end}, past the core's memoryBase ${coreBase}`);
  fused = readFileSync('build/tocha-lean-fma.wasm');
}
// no export may have a v128 in its signature (scripts/build.mjs checks the full modules the same way)
for (const wat of ['build/tocha-lean.wat', ...(withFused ? ['build/tocha-lean-fma.wat'] : [])]) checkExports(wat, fail);
const exported = new Set(WebAssembly.Module.exports(new WebAssembly.Module(core)).map((e) => e.name));
for (const name of lists.exports) if (!exported.has(name)) fail(`build/tocha-lean.wasm does not export ${name}`);

// ---- packed as the full build packs (LZMA mode 9, kept in build/ while the bytes stay the same), checked by unpacking
const decoder = readFileSync('build/lzma.wasm');
const stream = pack(Buffer.concat([core, fused]), 'packed-lean', decoder, fail);
const codes = {};
for (const [fam, spec] of Object.entries(lists.codes)) {
  for (const k of spec.kernels) {
    if (!lists.exports.includes(k)) fail(`src/backend/lean-core.json: ${fam}'s kernel ${k} is not among the exports`);
    codes[k] = [...kept[fam]].sort((a, b) => a - b);
  }
}
const kernels = { exports: lists.exports, codes };
writeBytesModule('src/backend/wasm-bytes-lean.generated.ts', [
  'Generated by scripts/build-lean-wasm.mjs from assembly/ and src/backend/lean-core.json: the LZMA decoder',
  `(build/lzma.wasm) as hex, the lean core (build/tocha-lean.wasm)${withFused ? ' and its fused module' : ''} as one LZMA stream, base64,`,
  `with their sizes${withFused ? '' : ' (no fused module: 0)'}, and what the lean core kept. Importing it provides them to`,
  'src/backend/wasm-source.ts (the lean entries import it first).',
], decoder, stream, [core.length, fused.length], kernels);
const gz = (b) => (gzipSync(b, { level: 9 }).length / 1024).toFixed(1);
console.log(`built build/tocha-lean.wasm (${core.length} bytes, ${gz(core)} KB gzip; ${lists.exports.length} exports, ${cuts} cuts, ` +
  `${tableCount} tables as functions)${withFused ? ` and build/tocha-lean-fma.wasm (${fused.length} bytes)` : ''}, packed as ` +
  `${stream.length} bytes; in the bundle ${gz(stream.toString('base64') + decoder.toString('hex'))} KB gzip`);
