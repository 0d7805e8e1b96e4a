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
import { checkExports, pack, writeBytesModule, writePartModule } from './pack-wasm.mjs';

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
/** family → { name → value } (kernels.ts's table). */
const tables = {};
/** family → every value of its codes assembly/ defines. */
const allValues = {};
for (const fam of Object.keys(lists.codes)) {
  tables[fam] = table(fam);
  allValues[fam] = new Set([...CODES.values()].filter(([f]) => f === fam).map(([, v]) => v));
}
/** A list's code names of family `fam` as their values (`what` names the list in messages). */
function codeValues(fam, names, what) {
  const t = tables[fam];
  return new Set(names.map((n) => {
    if (!(n in t)) fail(`src/backend/lean-core.json: ${what} keeps ${fam}.${n}, which src/backend/kernels.ts does not define`);
    if (!allValues[fam].has(t[n])) fail(`${fam}.${n} = ${t[n]} (src/backend/kernels.ts) is no ${fam}_* constant of assembly/`);
    return t[n];
  }));
}
/** The module being built's kept codes: family → Set of values (the transform below reads it; set per module). */
let kept = {};

// ---- the transform of one file
const terminates = (s) => !!s && (ts.isReturnStatement(s) || ts.isBreakStatement(s) || ts.isThrowStatement(s)
  || ts.isContinueStatement(s) || isTrap(s) || (ts.isBlock(s) && terminates(s.statements[s.statements.length - 1])));
/** `unreachable();` */
function isTrap(s) {
  return ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && ts.isIdentifier(s.expression.expression)
    && s.expression.expression.text === 'unreachable' && s.expression.arguments.length === 0;
}
const codeOf = (e) => (ts.isIdentifier(e) ? CODES.get(e.text) : undefined);

/** A condition over `op` evaluated for op = v: true / false, or undefined when it depends on anything else. */
function evalCond(e, v, fam) {
  if (ts.isParenthesizedExpression(e)) return evalCond(e.expression, v, fam);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const r = evalCond(e.operand, v, fam);
    return r === undefined ? undefined : !r;
  }
  if (!ts.isBinaryExpression(e)) return undefined;
  const k = e.operatorToken.kind;
  if (k === ts.SyntaxKind.AmpersandAmpersandToken || k === ts.SyntaxKind.BarBarToken) {
    // one side decides whatever the other tests (`sa != 1 && op == U_TAN` is false for every op but tan)
    const a = evalCond(e.left, v, fam);
    const b = evalCond(e.right, v, fam);
    const or = k === ts.SyntaxKind.BarBarToken;
    if (a === or || b === or) return or;
    if (a === undefined || b === undefined) return undefined;
    return or ? a || b : a && b;
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

// ---- the modules: the parts first, each on its own stretch of static data from address 16 up, then the core above
// them all (at asconfig.json's memoryBase or past the parts' data), so that none overwrites another's tables
/** Every export of assembly/index.ts. */
const allExports = [...sources.get('index.ts').replace(/\/\/.*$/gm, '').matchAll(/export \{([^}]*)\} from "[^"]+"/g)]
  .flatMap(([, list]) => list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => s.split(/\s+as\s+/).pop()));
const familyOf = new Map(Object.entries(lists.codes).flatMap(([fam, spec]) => spec.kernels.map((k) => [k, fam])));
const coreKept = Object.fromEntries(Object.entries(lists.codes).map(([fam, spec]) => [fam, codeValues(fam, spec.keep, 'the core')]));
/** name → { exports, kept } of each part, as src/backend/lean-core.json describes it. */
const parts = Object.entries(lists.parts ?? {}).map(([name, spec]) => {
  if (!/^[a-z]+$/.test(name)) fail(`src/backend/lean-core.json: a part's name is lowercase letters (not ${name})`);
  if (spec.rest) {
    const core = new Set(lists.exports);
    const exports = allExports.filter((e) => (!core.has(e) && e !== 'alloc' && e !== 'free')
      || (familyOf.has(e) && new Set(Object.values(tables[familyOf.get(e)])).size > coreKept[familyOf.get(e)].size));
    // every code src/backend/kernels.ts names (a dispatch may reach some by range, without a constant of their own)
    const partKept = Object.fromEntries(Object.keys(lists.codes).map((fam) =>
      [fam, new Set(Object.values(tables[fam]).filter((v) => !coreKept[fam].has(v)))]));
    return { name, exports, kept: partKept, listed: new Set(), rest: true };
  }
  const partKept = {};
  for (const fam of Object.keys(lists.codes)) {
    const listed = spec.codes?.[fam];
    if (!listed && spec.exports.some((e) => familyOf.get(e) === fam)) {
      fail(`src/backend/lean-core.json: the part ${name} exports ${fam}'s kernels but lists no ${fam} codes`);
    }
    partKept[fam] = listed ? codeValues(fam, listed, `the part ${name}`) : new Set(allValues[fam]);
  }
  for (const e of spec.exports) if (e === 'alloc' || e === 'free') fail(`src/backend/lean-core.json: the part ${name} exports ${e}`);
  return { name, exports: spec.exports, kept: partKept, listed: new Set(Object.keys(spec.codes ?? {})) };
});

const asc = (args) => execFileSync('node_modules/.bin/asc', args, { stdio: 'inherit' });
let tableCount = 0;
/** The transformed copy of assembly/ in `dir` with `keep`'s codes (see the head of this file), its entry `entry`
 *  with the lines `entryLines`; returns the cuts made. `listed`: the families whose codes come from a list, each of
 *  which some dispatch must name (a rest part's are what the core lacks, some of which a dispatch reaches by range; a
 *  part keeps every code of a family it lists none of). */
function transform(dir, keep, entry, entryLines, listed) {
  kept = keep;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = new Map(sources);
  tableCount = tablesToFunctions(files);
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
    if (listed.has(fam) && kept[fam].has(v) && !new RegExp(`\\b${name}\\b`).test(all.replace(/export const \w+: i32 = \d+;/g, ''))) {
      fail(`the kept code ${name} appears in no dispatch of assembly/`);
    }
  }
  writeFileSync(join(dir, entry), entryLines);
  return cuts;
}
/** The end of a module's static data, which its entry exports as `name` (`return __heap_base`). */
function dataEnd(wat, name) {
  const end = Number(new RegExp(`\\(func \\$\\S*/${name} \\(result i32\\)\\s+i32\\.const (\\d+)`).exec(readFileSync(wat, 'utf8'))?.[1]);
  if (!(end > 0)) fail(`${wat}: no ${name}`);
  return end;
}

const coreBase = JSON.parse(readFileSync('asconfig.json', 'utf8')).options.memoryBase;
let base = 16;
let fused = Buffer.alloc(0);
if (withFused) {
  transform('build/lean-fma', coreKept, 'lean-fma.ts', '// Generated by scripts/build-lean-wasm.mjs: the lean fused module.\n' +
    entryFor('fma.ts', lists.fused.exports) + 'export function fused_data_end(): usize { return __heap_base; }\n',
    new Set(Object.keys(coreKept)));
  asc(['build/lean-fma/lean-fma.ts', '--target', 'release', '--enable', 'relaxed-simd', '--memoryBase', String(base),
    '-o', 'build/tocha-lean-fma.wasm', '-t', 'build/tocha-lean-fma.wat']);
  base = dataEnd('build/tocha-lean-fma.wat', 'fused_data_end');
  fused = readFileSync('build/tocha-lean-fma.wasm');
}
for (const part of parts) {
  const { name } = part;
  part.base = base = Math.ceil(base / 16) * 16;
  part.cuts = transform(`build/lean-${name}`, part.kept, 'part.ts', `// Generated by scripts/build-lean-wasm.mjs: the lean part ${name}.\n` +
    entryFor('index.ts', part.exports) + 'export function part_data_end(): usize { return __heap_base; }\n', part.listed);
  const wasm = `build/tocha-lean-${name}.wasm`;
  const wat = `build/tocha-lean-${name}.wat`;
  asc([`build/lean-${name}/part.ts`, '--target', 'release', '--memoryBase', String(base), '-o', wasm, '-t', wat]);
  base = dataEnd(wat, 'part_data_end');
  // a part runs on the core's memory: its own allocator would hand out the core's memory, and a start function that did
  // any work would run again in every instance
  const text = readFileSync(wat, 'utf8');
  if (/\(func \$~lib\/rt\//.test(text)) fail(`${wat}: the part ${name} reaches the allocator (a kernel allocates, or a table is a new StaticArray)`);
  if (!/\(func \$~start\s*\)/.test(text)) fail(`${wat}: the part ${name} has a start function that does work`);
  checkExports(wat, fail);
  part.bytes = readFileSync(wasm);
  const exported = new Set(WebAssembly.Module.exports(new WebAssembly.Module(part.bytes)).map((e) => e.name));
  for (const e of part.exports) if (!exported.has(e)) fail(`${wasm} does not export ${e}`);
}
const memoryBase = Math.max(coreBase, Math.ceil(base / 16) * 16);
const cuts = transform('build/lean', coreKept, 'lean.ts', '// Generated by scripts/build-lean-wasm.mjs: the lean core\'s exports (src/backend/lean-core.json).\n' +
  entryFor('index.ts', lists.exports), new Set(Object.keys(coreKept)));
asc(['build/lean/lean.ts', '--target', 'release', '--memoryBase', String(memoryBase), '-o', 'build/tocha-lean.wasm', '-t', 'build/tocha-lean.wat']);
const core = readFileSync('build/tocha-lean.wasm');
// no export may have a v128 in its signature (scripts/build.mjs checks the full modules the same way)
for (const wat of ['build/tocha-lean.wat', ...(withFused ? ['build/tocha-lean-fma.wat'] : [])]) checkExports(wat, fail);
const exported = new Set(WebAssembly.Module.exports(new WebAssembly.Module(core)).map((e) => e.name));
for (const name of lists.exports) if (!exported.has(name)) fail(`build/tocha-lean.wasm does not export ${name}`);

// ---- packed as the full build packs (LZMA mode 9, kept in build/ while the bytes stay the same), checked by unpacking
const decoder = readFileSync('build/lzma.wasm');
const stream = pack(Buffer.concat([core, fused]), 'packed-lean', decoder, fail);
/** What a module keeps, as numbers: the export list, and each dispatching kernel's codes. */
function kernelsOf(exports, keep) {
  const codes = {};
  for (const k of exports) {
    const fam = familyOf.get(k);
    if (fam) codes[k] = [...keep[fam]].sort((a, b) => a - b);
  }
  return { exports, codes };
}
for (const [fam, spec] of Object.entries(lists.codes)) {
  for (const k of spec.kernels) if (!lists.exports.includes(k)) fail(`src/backend/lean-core.json: ${fam}'s kernel ${k} is not among the exports`);
}
// a rest part is written as such (it has every kernel and code the core lacks), not as its lists (2 KB in every app)
const kernels = { ...kernelsOf(lists.exports, coreKept),
  parts: Object.fromEntries(parts.map((p) => [p.name, p.rest ? { rest: true } : kernelsOf(p.exports, p.kept)])) };
writeBytesModule('src/backend/wasm-bytes-lean.generated.ts', [
  'Generated by scripts/build-lean-wasm.mjs from assembly/ and src/backend/lean-core.json: the LZMA decoder',
  `(build/lzma.wasm) as hex, the lean core (build/tocha-lean.wasm)${withFused ? ' and its fused module' : ''} as one LZMA stream, base64,`,
  `with their sizes${withFused ? '' : ' (no fused module: 0)'}, and what the lean core and its parts keep. Importing it provides them`,
  'to src/backend/wasm-source.ts (the lean entries import it first).',
], decoder, stream, [core.length, fused.length], kernels);
const gz = (b) => (gzipSync(b, { level: 9 }).length / 1024).toFixed(1);
console.log(`built build/tocha-lean.wasm (${core.length} bytes, ${gz(core)} KB gzip; ${lists.exports.length} exports, ${cuts} cuts, ` +
  `${tableCount} tables as functions; static data from ${memoryBase})${withFused ? ` and build/tocha-lean-fma.wasm (${fused.length} bytes)` : ''}, packed as ` +
  `${stream.length} bytes; in the bundle ${gz(stream.toString('base64') + decoder.toString('hex'))} KB gzip`);
for (const part of parts) {
  const partStream = pack(part.bytes, `packed-lean-${part.name}`, decoder, fail);
  writePartModule(`src/backend/wasm-bytes-lean-${part.name}.generated.ts`, [
    `Generated by scripts/build-lean-wasm.mjs from assembly/ and src/backend/lean-core.json: the lean part '${part.name}'`,
    `(build/tocha-lean-${part.name}.wasm) as an LZMA stream, base64, and its size. Importing it ('tocha/lean/kernels/${part.name}')`,
    'provides it to src/backend/wasm-source.ts, and the lean core calls its kernels (src/backend/lean-guard.ts).',
  ], part.name, partStream, part.bytes.length);
  console.log(`built build/tocha-lean-${part.name}.wasm (${part.bytes.length} bytes, ${part.exports.length} exports, ${part.cuts} cuts, ` +
    `static data from ${part.base}), packed as ${partStream.length} bytes; in the bundle ${gz(partStream.toString('base64'))} KB gzip`);
}
