// PyTorch's argument check where a function's first argument must be a Tensor: a JavaScript array there (a
// list to PyTorch) gets `relu(): argument 'input' (position 1) must be Tensor, not list`, not an error from
// inside the op; and the later tensor arguments, the int arguments and the dim overloads. Each torch.* and
// nn.functional function gets its own data (src/torch-params.ts, src/nn/F-params.ts: written by
// scripts/pyfixture.py write_params from the fixtures of scripts/gen-tensor-args.py, gen-int-args.py and
// gen-dim-args.py), which src/torch.ts and src/nn/F.ts pass to the function they make, so that an app's bundler
// drops it with the function; Tensor's methods take theirs from src/method-params.ts (the lean core's) and
// src/method-params-more.ts (the others', which src/tensor-methods.ts passes). test/tensor-args.test.ts fails for a
// function of PyTorch's lists that tocha has and does not check: add it to src/torch.ts or src/nn/F.ts with its
// entry, after running the generators.
import { intElements, intsArg, pyType, tensorArg, tensorIndex } from './ops/kw.js';
import { keywordCall, optionsAt, trimmedLength, type WithKeywords } from './kwargs.js';
import { METHOD_KW } from './method-kwargs.js';
import { isPlainObject } from './optim/optimizer.js';
import { CLASS_KW } from './class-kwargs.js';

import { METHOD_DIMS, METHOD_FIRST, METHOD_INTS, METHOD_LATER } from './method-params.js';
import { dimCheck, dimsOf, dimSuspect, type DimSigs } from './dim-args.js';

/** A torch.* or nn.functional function's checks (its entry in src/torch-params.ts or src/nn/F-params.ts, whose
 *  header describes the fields). */
export interface Checks {
  first?: string; scalar?: boolean; second?: string; later?: string; combo?: string; builtin?: boolean; ints?: string;
  dims?: string;
}

/** A function's later tensor arguments (a `later` entry): [index in the call, keyword, function and position
 *  the message names, and whether given by name it keeps that position (PyTorch's Python functions)]. */
type Later = [number, string, string, number, boolean][];

/** A function's `later` entry (`index:keyword[:function:position][+]`, comma-separated) as checkLater reads it. */
function laterOf(name: string, list: string | undefined): Later | undefined {
  return list?.split(',').map((e): Later[number] => {
    const keeps = e.endsWith('+');
    const [i, key, fn, pos] = (keeps ? e.slice(0, -1) : e).split(':');
    return [Number(i), key, fn ?? name, pos ? Number(pos) : Number(i) + 1, keeps];
  });
}

/** A table of `name=entry` rows (src/method-params*.ts), by name. */
function rowsOf(table: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const row of table.trim().split(/\s+/).filter(Boolean)) {
    const at = row.indexOf('=');
    m.set(row.slice(0, at), row.slice(at + 1));
  }
  return m;
}

/** An argument where PyTorch's parser takes an int or a tuple of ints (an `ints` entry): its index after the input
 *  or self, name and kind ('i', 't' or 'T'); whether a single int passes (`one`), a method's arguments are the tuple's
 *  elements (`varargs`), null passes, and given by name it keeps its position in the message. */
interface IntParam { index: number; key: string; kind: string; one: boolean; varargs: boolean; nullable: boolean; keeps: boolean }

/** A function's `ints` entry (`index:name:kind`, comma-separated) as checkInts reads it. */
function intsOf(list: string | undefined): IntParam[] | undefined {
  return list?.split(',').map((e): IntParam => {
    const [i, key, kind] = e.split(':');
    return { index: Number(i), key, kind: kind[0], one: kind.includes('1'), varargs: kind.includes('*'),
      nullable: kind.includes('?'), keeps: kind.includes('+') };
  });
}

/** Whether `v` is an int where `p` goes (where a method takes the tuple's elements as its arguments, the first of
 *  them): the common case, in a few nanoseconds; anything else (a Tensor, null, a wrong type) is checkInts'. */
function intOk(p: IntParam, v: unknown): boolean {
  if (typeof v === 'number') return Number.isInteger(v) && (p.kind === 'i' || p.one || p.varargs);
  if (v === undefined) return true;
  if (p.kind === 'i' || !Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) {
    const e: unknown = v[i];
    if (typeof e !== 'number' || !Number.isInteger(e)) return false;
  }
  return true;
}

/** Whether a call's first four arguments (after the input or self) hold ints where `params` go, and where a method takes
 *  the tuple's elements as its arguments (`varargs`), its others (`n` of them) too: the values, not the call's
 *  `arguments` (passing those on would make the engine build them). An argument further on is checkInts'. */
function intsFast(params: IntParam[], varargs: boolean, n: number, a0: unknown, a1: unknown, a2: unknown, a3: unknown): boolean {
  for (let k = 0; k < params.length; k++) {
    const p = params[k];
    const i = p.index;
    if (!intOk(p, i === 0 ? a0 : i === 1 ? a1 : i === 2 ? a2 : i === 3 ? a3 : NaN)) return false;
  }
  if (varargs && typeof a0 === 'number' && n > 1) {
    return n <= 4 && intOk(params[0], a1) && (n < 3 || intOk(params[0], a2)) && (n < 4 || intOk(params[0], a3));
  }
  return true;
}

/** PyTorch's TypeError where `params` (a function's int arguments) hold something else: by position (after `lead`
 *  leading arguments: a torch.* function's input) and by name in a trailing options object. A 0-d integer tensor
 *  there is an int to PyTorch's parser: `args` gets its value in its place (the options object a copy), and the
 *  result is whether any was. */
function checkInts(name: string, params: IntParam[], args: unknown[], lead: number): boolean {
  let changed = false;
  for (const p of params) {
    const at = p.index + lead;
    const v = args[at];
    if (p.varargs && v !== undefined && !Array.isArray(v)) {
      const values = intElements(name, p.key, p.kind, 1, args.slice(at), false);
      if (values) {
        args.splice(at, values.length, ...values);
        changed = true;
      }
    } else {
      const w = intsArg(name, p.key, p.kind, p.one, p.nullable, at + 1, v);
      if (w !== v) {
        args[at] = w;
        changed = true;
      }
    }
  }
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const o = args[n - 1] as Record<string, unknown>;
  if (n > 0 && isPlainObject(o)) {
    let copy: Record<string, unknown> | null = null;
    for (const p of params) {
      const v = o[p.key];
      const w = intsArg(name, p.key, p.kind, p.one || p.varargs, p.nullable, p.keeps ? p.index + lead + 1 : null, v);
      if (w !== v) (copy ??= { ...o })[p.key] = w;
    }
    if (copy) {
      args[n - 1] = copy;
      changed = true;
    }
  }
  return changed;
}

/** The functions with an int argument where an overload takes another type (a Tensor start, a dim name): their
 *  signatures as PyTorch's message lists them for a method (a torch.* function's begin with `Tensor input`). */
const COMBO_INTS: Record<string, string[]> = {
  narrow: ['int dim, Tensor start, int length', 'int dim, int start, int length'],
  select: ['int dim, int index', 'name dim, int index'],
};

/** Whether `v` is of a signature's type `t` (a 0-d integer tensor is an int). */
function ofType(t: string, v: unknown): boolean {
  return t === 'int' ? typeof v === 'number' && Number.isInteger(v) || tensorIndex(v) !== undefined
    : t === 'name' ? typeof v === 'string' : pyType(v) === t;
}

/** PyTorch's "invalid combination of arguments" where a call by position (after `lead`: a torch.* function's input)
 *  fits none of `name`'s COMBO_INTS signatures by its types: `narrow() received an invalid combination of arguments -
 *  got (int, str, int), but expected one of: ...`, each signature of as many arguments with its mismatches marked.
 *  Where one fits, a 0-d integer tensor where it takes an int gets its value in `args` (x.select(0, torch.tensor(1))). */
function comboCheck(name: string, args: unknown[], lead: number): void {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  if (n > 0 && isPlainObject(args[n - 1])) n--;
  let ints = true;
  for (let i = lead; ints && i < n; i++) ints = typeof args[i] === 'number' && Number.isInteger(args[i]);
  if (ints) return;
  const given = Array.from({ length: n }, (_, i) => args[i]);
  const sigs = COMBO_INTS[name].map((s) => (lead ? `Tensor input, ${s}` : s).split(', ').map((p) => p.slice(0, p.lastIndexOf(' '))));
  const fits = (sig: string[]) => sig.length === n && given.every((v, i) => ofType(sig[i], v));
  const fit = sigs.find(fits);
  if (fit) {
    for (let i = lead; i < n; i++) if (fit[i] === 'int' && typeof given[i] !== 'number') args[i] = tensorIndex(given[i]);
    return;
  }
  if (!sigs.some((sig) => sig.length === n)) return;
  const got = given.map(pyType);
  throw new TypeError(`${name}() received an invalid combination of arguments - got (${got.join(', ')}), but expected one of:\n` +
    COMBO_INTS[name].map((s, k) => ` * (${lead ? `Tensor input, ${s}` : s})\n` + (sigs[k].length !== n ? '' :
      `      didn't match because some of the arguments have invalid types: (${got.map((t, i) => ofType(sigs[k][i], given[i]) ? t : `!${t}!`).join(', ')})\n`)).join(''));
}

/** A call's trailing options object, or null. */
function optionsOf(args: unknown[]): Record<string, unknown> | null {
  const at = optionsAt(args);
  return at < 0 ? null : args[at] as Record<string, unknown>;
}

/** An array where one of `later`'s tensors goes, by position or in a trailing options object: PyTorch's message (one
 *  given by name has no position in it, as PyTorch's parser words it, unless a Python function passes it on). */
function checkLater(later: Later, args: unknown[]): void {
  const opts = optionsOf(args);
  for (const [i, key, fn, pos, keeps] of later) {
    if (Array.isArray(args[i])) tensorArg(fn, key, pos, args[i]);
    if (opts && Array.isArray(opts[key])) tensorArg(fn, key, keeps ? pos : null, opts[key]);
  }
}

/** The check of a second tensor argument `s` of `name` (its `second` entry): an array there by position, or by name where the function is
 *  PyTorch's builtin (`byName`: its parser's message has no position then; a Python function's binding puts it in
 *  its place first, placeRequired). */
function secondCheck(name: string, s: string | undefined, byName: boolean): ((args: unknown[]) => void) | null {
  if (s === undefined) return null;
  // (its `second` entry: the argument, or function:argument[:position] as PyTorch's message names them)
  const e = s.split(':');
  const [fn, arg, pos] = e.length === 1 ? [name, s, 2] : [e[0], e[1], e[2] ? Number(e[2]) : 2];
  return (args) => {
    if (Array.isArray(args[1])) tensorArg(fn, arg, pos, args[1]);
    if (byName) {
      const opts = optionsOf(args);
      if (opts && Array.isArray(opts[arg])) tensorArg(fn, arg, null, opts[arg]);
    }
  };
}

/** How many arguments a function takes by position, as PyTorch counts them: `fewest` to `most` where it has one
 *  signature (`self`: the counts include a method's self, as Python's do for a method written in Python), `most`
 *  alone where it has several. */
interface Positional { fewest: number; most: number; several: boolean; self: boolean; keywordOnly: string; kwOnly: string[] }

/** A spec's `#A-B`, `#A-Bs` or `#B` token, then `/name,name` for its keyword-only parameters, which the message for
 *  several signatures (tocha's wording: PyTorch's lists them) names as a hint (src/method-kwargs.ts's and parseSpec's). */
function parsePositional(t: string): Positional {
  const m = /^#(\d+)(?:-(\d+))?(s?)(?:\/(.*))?$/.exec(t);
  if (!m) throw new Error(`tocha: bad positional count ${t}`);
  const kwOnly = m[4] ? m[4].split(',') : [];
  const keywordOnly = m[4] ? ` (${kwOnly.join(', ')}: keyword-only, pass { ${kwOnly[0]}: ... })` : '';
  return m[2] === undefined ? { fewest: 0, most: Number(m[1]), several: true, self: false, keywordOnly, kwOnly }
    : { fewest: Number(m[1]), most: Number(m[2]), several: false, self: m[3] === 's', keywordOnly, kwOnly };
}

/** PyTorch's TypeError for `given` arguments by position where `p` allows fewer, or null. */
function tooMany(name: string, p: Positional | undefined, given: number): TypeError | null {
  if (!p) return null;
  const g = given + (p.self ? 1 : 0);
  if (g <= p.most) return null;
  if (p.several) {
    return new TypeError(`${name}() received an invalid combination of arguments - got ${g} positional argument${g === 1 ? '' : 's'}, ` +
      `but expected at most ${p.most}${p.keywordOnly}`);
  }
  const takes = p.fewest === p.most ? `${p.most} positional argument${p.most === 1 ? '' : 's'}`
    : `from ${p.fewest} to ${p.most} positional arguments`;
  return new TypeError(`${name}() takes ${takes} but ${g} ${g === 1 ? 'was' : 'were'} given`);
}

/** A function's keywords as src/torch.ts and nn/F.ts give them: PyTorch's names, space-separated, after `=` (out must
 *  have the result's dtype) and a positional count (`#A-B` or `#B`, parsePositional), or `@A` for A required ones
 *  where PyTorch's count is not known (its boolean_dispatch functions, which take any arguments and pass them on); and
 *  where a function has several signatures (or takes out by position), each as PyTorch's parser lists them,
 *  `(input,dim,keepdim;out)2`: the names it takes by position, then by name only (`outdim!` one it requires), then
 *  how many it requires (one token per type PyTorch tells apart: `int dim` and `name dim`). */
interface Spec {
  allowed: Set<string>; names: string[]; sameDtype: boolean; positional?: Positional; required?: number;
  /** PyTorch's signatures: the spec's `(input,other;out)2` tokens, else its names in order (signaturesOf, once) */
  signatures?: Signature[];
}

/** One of PyTorch's signatures of a function: the names it takes by position, those it takes by name only (`needs`:
 *  those of them it requires), and how many arguments it requires. */
interface Signature { pos: string[]; kw: string[]; needs: string[]; fewest: number }

function parseSpec(spec: string): Spec {
  const r: Spec = { allowed: new Set(), names: [], sameDtype: false };
  for (const t of spec.split(' ')) {
    if (t === '=') r.sameDtype = true;
    else if (t[0] === '#') r.positional = parsePositional(t);
    else if (t[0] === '@') r.required = Number(t.slice(1));
    else if (t[0] === '(') {
      const close = t.indexOf(')');
      const [pos, named] = t.slice(1, close).split(';');
      const kw = named ? named.split(',') : [];
      (r.signatures ??= []).push({ pos: pos.split(','), kw: kw.map((k) => k.replace('!', '')),
        needs: kw.filter((k) => k.endsWith('!')).map((k) => k.slice(0, -1)), fewest: Number(t.slice(close + 1)) });
    }
    else if (t) {
      r.allowed.add(t);
      r.names.push(t);
    }
  }
  return r;
}

/**
 * An nn.functional call with required arguments given by name (`F.pad(x, { pad: [1, 1] })`, `F.linear(x, { weight })`):
 * the arguments with those moved into their places, as Python binds them (spec: PyTorch's names in order and its
 * count of required ones); a required one by name when an earlier one is missing, or one given both ways, is Python's
 * TypeError. `at`: the options object's index, `given` the arguments before it.
 */
function placeRequired(name: string, spec: Spec, args: unknown[], at: number, given: number): unknown[] {
  const o = args[at] as Record<string, unknown>;
  for (let i = 1; i < given && i < spec.names.length; i++) {
    if (o[spec.names[i]] !== undefined) throw new TypeError(`${name}() got multiple values for argument '${spec.names[i]}'`);
  }
  const p = spec.positional;
  const fewest = p && !p.several ? p.fewest : spec.required ?? 0;
  if (given >= fewest) return args;
  const required = spec.names.slice(given, fewest);
  if (!required.some((k) => o[k] !== undefined)) return args;
  const missing = required.filter((k) => o[k] === undefined);
  if (missing.length) {
    throw new TypeError(`${name}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ` +
      missing.map((k) => `'${k}'`).join(missing.length > 2 ? ', ' : ' and '));
  }
  const rest = { ...o };
  for (const k of required) delete rest[k];
  return [...args.slice(0, at), ...required.map((k) => o[k]), ...(Object.keys(rest).length ? [rest] : [])];
}

/** The signatures a spec binds leading names by: its `(...)` tokens, else its names in order (out and the keyword-only
 *  ones last), or none where it gives no positional count (kept in the spec after the first call). */
function signaturesOf(spec: Spec): Signature[] {
  if (spec.signatures) return spec.signatures;
  const p = spec.positional;
  if (!p) return spec.signatures = [];
  const pos = spec.names.filter((k) => k !== 'out' && !p.kwOnly.includes(k)).slice(0, p.most);
  return spec.signatures = [{ pos, kw: spec.names.filter((k) => !pos.includes(k)), needs: [], fewest: p.fewest }];
}

/** PyTorch's message when no signature takes a call (tocha lists the signatures' names, PyTorch their types too). */
function invalidCombination(name: string, args: unknown[], at: number, signatures: Signature[]): TypeError {
  const o = args[at] as Record<string, unknown>;
  // (PyTorch lists the keywords last first)
  const got = [...args.slice(0, at).map(pyType), ...Object.keys(o).filter((k) => o[k] !== undefined).reverse().map((k) => `${k}=${pyType(o[k])}`)];
  return new TypeError(`${name}() received an invalid combination of arguments - got (${got.join(', ')}), but expected one of:\n` +
    signatures.map((s) => ` * (${[...s.pos, ...(s.kw.length ? ['*', ...s.kw] : [])].join(', ')})\n`).join(''));
}

/**
 * A torch.* call whose options object (at `at`, after as many arguments) holds the next names a signature takes by
 * position: those moved into their places, as PyTorch's parser binds them (torch.gt(x, { other: 1 }) is torch.gt(x, 1);
 * the rest of the object stays the options), with the names moved; null where it holds none. A name given by position
 * too is PyTorch's TypeError: "got multiple values" where one signature could take that many arguments, else "received
 * an invalid combination of arguments" (PyTorch's print_error counts the arguments, not their names).
 */
function bindLeading(name: string, spec: Spec, args: unknown[], at: number): { args: unknown[]; moved: string[] } | null {
  const signatures = signaturesOf(spec);
  const o = args[at] as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  // (a name a signature takes among the arguments given, and none that takes as many after them or by name only)
  const twice = keys.find((k) => signatures.some((s) => s.pos.indexOf(k) >= 0 && s.pos.indexOf(k) < at) &&
    !signatures.some((s) => s.pos.indexOf(k) >= at || (s.kw.includes(k) && s.pos.length >= at)));
  if (twice !== undefined) {
    const n = at + keys.length;
    const plausible = signatures.filter((s) => n >= s.fewest && n <= s.pos.length + s.kw.length);
    if (plausible.length !== 1 && spec.positional?.several) throw invalidCombination(name, args, at, signatures);
    const s = plausible[0] ?? signatures[0];
    throw new TypeError(`${name}() got multiple values for argument '${s.pos.slice(0, at).find((k) => keys.includes(k)) ?? twice}'`);
  }
  // (the first signature that takes the arguments given and every name, and has as many as it requires, as PyTorch's
  // parser tries them in order: its names after them are bound, where it takes the next one by position;
  // rsub(x, y, { alpha: 2 }) keeps its alpha by name, as its first signature takes it)
  for (const s of signatures) {
    if (s.pos.length < at || at + keys.length < s.fewest || keys.some((k) => !s.pos.includes(k) && !s.kw.includes(k)) ||
      s.needs.some((k) => !keys.includes(k))) continue;
    if (o[s.pos[at]] === undefined) return null;
    let end = at;
    while (end < s.pos.length && s.pos[end] !== 'out' && o[s.pos[end]] !== undefined) end++;
    // (fewer than it requires by position would be another signature's call: randint_like(x, { low: 1 }) is not
    // randint_like(x, 1), whose 1 is high; the function's own words for what is missing)
    if (end === at || end < Math.min(s.fewest, s.pos.length)) continue;
    const moved = s.pos.slice(at, end);
    const rest: Record<string, unknown> = {};
    for (const k of keys) if (!moved.includes(k)) rest[k] = o[k];
    const bound = [...args.slice(0, at), ...moved.map((k) => o[k])];
    if (Object.keys(rest).length) bound.push(rest);
    return { args: bound, moved };
  }
  return null;
}

/** `call()`, PyTorch's words for an argument given by name in its TypeErrors: `argument 'other' must be Tensor`, where
 *  the moved names' positions would say `(position 2)`. */
function byNameWords<R>(moved: string[], call: () => R): R {
  try {
    return call();
  } catch (e) {
    if (e instanceof TypeError) {
      for (const k of moved) e.message = e.message.replace(new RegExp(`argument '${k}' \\(position \\d+\\)`), `argument '${k}'`);
    }
    throw e;
  }
}

/** `f` running `check` on its arguments first; with `spec` (src/kwargs.ts, parseSpec), its options object takes
 *  PyTorch's names only (and out= when they include it), and its positional arguments are counted. `byName`
 *  (nn.functional): its required arguments by name are put in their places; `leading` (torch.*): an options object's
 *  leading names are (bindLeading). */
function guarded<F>(f: F, name: string, check: ((args: unknown[]) => void) | null, spec?: string, byName = false, leading = false,
  ints?: IntParam[], dims?: DimSigs): F {
  if (typeof f !== 'function') throw new Error(`tocha: ${name} is not a function to check`);
  let parsed: Spec | undefined;
  // (its int arguments: a function of its own, made only where it has some)
  const intCheck = ints && ((args: unknown[]) => {
    for (let k = 0; k < ints.length; k++) {
      const i = ints[k].index + 1;
      if (!intOk(ints[k], i < args.length ? args[i] : undefined)) return checkInts(name, ints, args, 1);
    }
  });
  // a call with an options object: its names checked, bound to their places (byName, leading), out= written
  const withOptions = function (this: unknown, args: unknown[], at: number, sp: Spec): unknown {
    // (its int arguments as given, after PyTorch's count: one given by name has no position in the message)
    if (ints && !tooMany(name, sp.positional, at)) checkInts(name, ints, args, 1);
    if (byName) {
      const placed = placeRequired(name, sp, args, at, at);
      // (an array among those placed is PyTorch's error at its position, as F's Python passes it on)
      if (placed !== args) {
        args = placed;
        check?.(args);
        at = optionsAt(args);
        if (at < 0) return call.call(this, args, -1, sp);
      }
    }
    if (leading) {
      const bound = bindLeading(name, sp, args, at);
      // (the call again with the names in their places: its checks, its count and its other keywords)
      if (bound) return byNameWords(bound.moved, () => g.apply(this, bound.args));
    }
    return call.call(this, args, at, sp);
  };
  const call = function (this: unknown, args: unknown[], at: number, sp: Spec): unknown {
    const e = tooMany(name, sp.positional, at >= 0 ? at : trimmedLength(args));
    if (e) throw e;
    if (at >= 0) {
      const r = keywordCall(name, sp.allowed, sp.sameDtype, args, at, (a) => (f as (...a: unknown[]) => unknown).apply(this, a));
      if (r) return r.value;
    }
    return (f as (...a: unknown[]) => unknown).apply(this, args);
  };
  // (the rare work in functions of their own: a call by position passes in a few nanoseconds)
  const g = function (this: unknown, ...args: unknown[]): unknown {
    // (a float, a bool, a Tensor or a list where a signature with a dim goes: PyTorch's overloads tried, src/dim-args.ts;
    // before the later arguments' own check, which words PyTorch's message for one signature)
    if (dims) for (let i = 1; i < args.length; i++) if (dimSuspect(dims, i - 1, args[i])) { dimCheck(name, dims, args, 1); break; }
    check?.(args);
    if (spec !== undefined) {
      parsed ??= parseSpec(spec);
      const n = trimmedLength(args);
      if (n > 0 && isPlainObject(args[n - 1])) return withOptions.call(this, args, n - 1, parsed);
      const e = tooMany(name, parsed.positional, n);
      if (e) throw e;
    }
    intCheck?.(args);
    return (f as (...a: unknown[]) => unknown).apply(this, args);
  };
  return g as F;
}

/** The check of a function whose first argument must be a Tensor: PyTorch's TypeError when it is not, naming the
 *  function and argument of its `first` entry (or itself and 'input'); for one with a `second`, an array as the second
 *  argument (null may be an optional tensor, numbers and options objects stay the function's); and its `later` ones. */
function firstCheck(name: string, c: Checks, builtin: boolean): (args: unknown[]) => void {
  const other = c.first?.split(':');
  const [fn, arg] = !other ? [name, 'input'] : other.length === 1 ? [name, other[0]] : other;
  const scalar = c.scalar === true;
  const check2 = secondCheck(name, c.second, builtin);
  const rest = laterOf(name, c.later);
  return (args) => {
    const a0 = args[0];
    if (!(scalar && (typeof a0 === 'number' || typeof a0 === 'boolean'))) tensorArg(fn, arg, 1, a0);
    check2?.(args);
    if (rest) checkLater(rest, args);
  };
}

// torch.* and nn.functional functions one by one (src/torch.ts, src/nn/F.ts), each with its own entry of
// src/torch-params.ts or src/nn/F-params.ts (`checks`), so that an app's bundler drops those the app does not call.

/** torch.<name> checking its arguments first (firstCheck with its `checks`), and its keywords against `spec`
 *  (PyTorch's, test/fixtures/kwargs.json: out= where they include it). */
export function torchFirst<F, S extends string = never>(name: string, f: F, spec?: S, checks: Checks = {}):
  WithKeywords<F, S> {
  return guarded(f, name, firstCheck(name, checks, true), spec, false, true, intsOf(checks.ints), dimsOf(checks.dims)) as
    WithKeywords<F, S>;
}

/** torch.<name> checking its keywords only (`spec` as torchFirst's), and its int arguments and dim overloads where its
 *  `checks` have them. */
export function torchKw<F, S extends string>(name: string, f: F, spec: S, checks: Checks = {}): WithKeywords<F, S> {
  return guarded(f, name, null, spec, false, true, intsOf(checks.ints), dimsOf(checks.dims)) as WithKeywords<F, S>;
}

/** nn.functional's native functions whose own binding takes their required arguments by name. */
const OWN_BINDING = new Set(['conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'avg_pool1d',
  'avg_pool2d', 'avg_pool3d', 'cosine_similarity', 'pairwise_distance']);

/** nn.functional.<name> checking its arguments first: firstCheck where its `checks` have a `first` (with its `second`
 *  and `later`), its `later` tensor arguments alone for the others that have some; and its keywords against `spec`
 *  (as torchFirst's); the rest are `f`. */
export function functionalChecked<F, S extends string = never>(name: string, f: F, spec?: S, checks: Checks = {}): WithKeywords<F, S> {
  // (required arguments by name are put in their places first, F.pad(x, { pad: [1, 1] }), but for the functions that
  // bind them themselves, in the words of ATen's parser: conv's weight, avg_pool's kernel_size, ...)
  const byName = !OWN_BINDING.has(name);
  if (checks.first !== undefined) {
    return guarded(f, name, firstCheck(name, checks, checks.builtin === true), spec, byName) as WithKeywords<F, S>;
  }
  const rest = laterOf(name, checks.later);
  return (rest || spec !== undefined ? guarded(f, name, rest ? (args) => checkLater(rest, args) : null, spec, byName) : f) as WithKeywords<F, S>;
}

/** torch.<name> whose first argument may be a number: an array there gets PyTorch's message where it words that as
 *  an invalid combination of arguments (its `combo`: the argument it names), and its later tensor arguments are
 *  checked (its `later`). */
export function torchLaterArgs<F, S extends string = never>(name: string, f: F, spec: S | undefined, checks: Checks): WithKeywords<F, S> {
  const arg = checks.combo;
  const rest = laterOf(name, checks.later);
  const check2 = secondCheck(name, checks.second, true);
  if (!arg && !rest) throw new Error(`tocha: torch.${name} has no later tensor arguments to check`);
  const combo = name in COMBO_INTS;
  return guarded(f, name, (args) => {
    if (arg && Array.isArray(args[0])) tensorArg(name, arg, 1, args[0]);
    check2?.(args);
    if (rest) checkLater(rest, args);
    if (combo) comboCheck(name, args, 1);
  }, spec, false, true, intsOf(checks.ints), dimsOf(checks.dims)) as WithKeywords<F, S>;
}

/** The first n of a call's arguments as an array (not slice.call: `arguments` stays unmaterialized in the caller). */
function argsOf(a: IArguments, n: number): unknown[] {
  const args: unknown[] = [];
  for (let i = 0; i < n; i++) args.push(a[i]);
  return args;
}

/** Whether any of a call's first n arguments, or a value of its options object, is an array. */
function anyArray(a: IArguments, n: number, options: boolean): boolean {
  for (let i = 0; i < n; i++) if (Array.isArray(a[i])) return true;
  return options && Object.values(a[n - 1] as object).some(Array.isArray);
}

/** A Tensor method taking the keywords `allowed` only (`noKeywords`: none, in the words PyTorch's methods written in C
 *  use, "exp() takes no keyword arguments"), `positional` arguments by position at most; out= where they include it;
 *  `check` (checkTensorMethods') run when an argument is an array. `arguments` rather than a rest parameter, and the rare work
 *  in functions of its own: the hot methods (dim, size, add_, ...) pass through in a few nanoseconds. */
function methodKeywords(name: string, f: (...a: unknown[]) => unknown, allowed: ReadonlySet<string>, noKeywords: boolean,
  positional: Positional | undefined, check: ((args: unknown[]) => void) | undefined, names: readonly string[],
  objectArgs = false, ints?: IntParam[]): (...a: unknown[]) => unknown {
  const limit = positional ? positional.most - (positional.self ? 1 : 0) : Infinity;
  // `objectArgs` (nn.Module's and the optimizers' methods): a plain object where a required argument goes is that
  // argument (opt.add_param_group({ params }), net.load_state_dict(sd)), not the options
  const required = objectArgs && positional && !positional.several ? positional.fewest - (positional.self ? 1 : 0) : 0;
  // the names PyTorch's signatures take by position, in its order (keyword-only ones left out), for the methods written
  // in C (tocha's forms of those written in Python take their own options objects: x.unique_consecutive({ ... }))
  const byPosition = positional && !positional.self && !OWN_METHOD_BINDING.has(name)
    ? names.filter((k) => k !== 'out' && !positional.kwOnly.includes(k)).slice(0, positional.most) : [];
  // (the class methods' names come in Python's signature order, those taken by position first)
  const classByPosition = objectArgs && positional && !OWN_CLASS_OPTIONS.has(name) ? names.slice(0, positional.most - 1) : [];
  const slow = function (this: unknown, a: IArguments, n: number, options: boolean): { value: unknown } | undefined {
    if (check && anyArray(a, n, options)) check(argsOf(a, n));
    const given = options ? n - 1 : n;
    if (given > limit) {
      throw noKeywords && limit === 0 ? new TypeError(`${name}() takes no arguments (${given} given)`) : tooMany(name, positional, given)!;
    }
    if (!options) return undefined;
    const o = a[n - 1] as Record<string, unknown>;
    if (noKeywords && Object.keys(o).some((k) => o[k] !== undefined)) throw new TypeError(`${name}() takes no keyword arguments`);
    // nn.Module's and the optimizers' methods written to take their arguments by position: the names bound to their
    // places, as Python binds them (net.named_parameters({ prefix: 'p' }) had named them '[object Object].weight')
    if (classByPosition.length) {
      const args = argsOf(a, given);
      const keys = Object.keys(o).filter((k) => o[k] !== undefined);
      for (const k of keys) {
        const i = classByPosition.indexOf(k);
        if (i < 0) return keywordCall(name, allowed, false, argsOf(a, n), n - 1, (x) => f.apply(this, x));
        if (i < given) throw new TypeError(`${name}() got multiple values for argument '${k}'`);
        args[i] = o[k];
      }
      return { value: f.apply(this, args) };
    }
    // an options object holding only the next arguments PyTorch takes by position is those arguments
    // (x.add({ other: 1 }), x.tril({ diagonal: 1 }), x.index_select({ dim: 0, index })), as PyTorch's parser binds
    // them; one holding more stays the method's own (x.roll({ shifts: 1, dims: 1 }), x.add(1, { alpha: 2 }))
    if (byPosition.length > given && o[byPosition[given]] !== undefined) {
      for (let i = 0; i < given && i < names.length; i++) {
        if (o[names[i]] !== undefined) throw new TypeError(`${name}() got multiple values for argument '${names[i]}'`);
      }
      const keys = Object.keys(o).filter((k) => o[k] !== undefined);
      const next = byPosition.slice(given, given + keys.length);
      if (next.length === keys.length && next.every((k) => o[k] !== undefined)) {
        return { value: f.apply(this, [...argsOf(a, given), ...next.map((k) => o[k])]) };
      }
    }
    return keywordCall(name, allowed, false, argsOf(a, n), n - 1, (args) => f.apply(this, args));
  };
  const plain = function (this: unknown) {
    let n = arguments.length;
    if (n === 0) return f.call(this);
    while (n > 0 && arguments[n - 1] === undefined) n--;
    const options = n > required && isPlainObject(arguments[n - 1]);
    // (PyTorch counts the arguments first: one too many is that error, whatever its type)
    if (options || n > limit || check) {
      const r = slow.call(this, arguments, n, options);
      if (r) return r.value;
    }
    if (arguments.length === 1) return f.call(this, arguments[0]);
    if (arguments.length === 2) return f.call(this, arguments[0], arguments[1]);
    return f.apply(this, arguments as unknown as unknown[]);
  };
  if (!ints) return plain;
  // a method with int arguments (METHOD_INTS): those checked first, but after PyTorch's count (one too many is that
  // error, whatever its type); a wrapper of its own, so that the others' stays small enough to inline
  const varargs = ints.some((p) => p.varargs);
  // (how many leading arguments take an int each: a call of that many ints, x.unsqueeze(0), x.reshape(2, 8), passes at once)
  let ofInts = varargs ? 4 : 0;
  while (ints.some((p) => p.index === ofInts && (p.kind === 'i' || p.one))) ofInts++;
  const general = function (this: unknown): unknown {
    let n = arguments.length;
    while (n > 0 && arguments[n - 1] === undefined) n--;
    const options = n > required && isPlainObject(arguments[n - 1]);
    if ((options ? n - 1 : n) <= limit && (options ||
      !intsFast(ints, varargs, n, arguments[0], n > 1 ? arguments[1] : undefined, n > 2 ? arguments[2] : undefined, n > 3 ? arguments[3] : undefined))) {
      const args = argsOf(arguments, n);
      // (a 0-d integer tensor's value in its place)
      if (checkInts(name, ints, args, 0)) return (plain as (...a: unknown[]) => unknown).apply(this, args);
    }
    // (plain's own fast path, for a call by position)
    if (options || n > limit || check) return (plain as (...a: unknown[]) => unknown).apply(this, arguments as unknown as unknown[]);
    if (arguments.length === 1) return f.call(this, arguments[0]);
    if (arguments.length === 2) return f.call(this, arguments[0], arguments[1]);
    return f.apply(this, arguments as unknown as unknown[]);
  };
  // (small, so that the engine inlines it where it is called)
  return function (this: unknown) {
    if (arguments.length <= ofInts && arguments.length <= limit) {
      let ok = true;
      for (let i = 0; ok && i < arguments.length; i++) ok = typeof arguments[i] === 'number' && Number.isInteger(arguments[i]);
      if (ok) return arguments.length === 1 ? f.call(this, arguments[0]) : f.apply(this, arguments as unknown as unknown[]);
    }
    return (general as (...a: unknown[]) => unknown).apply(this, arguments as unknown as unknown[]);
  };
}

/** A method with a dim overload (METHOD_DIMS): a float, a bool or a Tensor where a dim goes is PyTorch's overloads
 *  tried (src/dim-args.ts); a call of ints passes after a test of each argument's type. */
function dimMethod(name: string, dims: DimSigs, inner: (...a: unknown[]) => unknown): (...a: unknown[]) => unknown {
  return function (this: unknown) {
    const n = arguments.length;
    for (let i = 0; i < n; i++) {
      if (dimSuspect(dims, i, arguments[i])) {
        const args = argsOf(arguments, n);
        dimCheck(name, dims, args, 0);
        return inner.apply(this, args);
      }
    }
    return n === 1 ? inner.call(this, arguments[0]) : inner.apply(this, arguments as unknown as unknown[]);
  };
}

/** Methods whose own binding takes their leading arguments by name, in the words of PyTorch's parser ("argument 'chunks'
 *  must be int", without a position): left as they are. */
/** The class methods whose tocha form takes an options object of its own (the others take PyTorch's keywords by
 *  position: methodKeywords binds them). */
const OWN_CLASS_OPTIONS = new Set(['Module.state_dict', 'Module.load_state_dict', 'Module.zero_grad', 'Optimizer.zero_grad']);
const OWN_METHOD_BINDING = new Set(['chunk', 'swapaxes', 'swapaxes_', 'fill_diagonal_', 'new_full', 'ormqr']);

/**
 * The grouped tables src/method-kwargs.ts and src/class-kwargs.ts: a `name,name#A-B:` header (`-` for PyTorch's methods
 * without keywords), then its members; `visit` gets each member with its group's names, positional count and whether
 * it takes no keywords.
 */
function eachGroup(table: string, visit: (member: string, names: string[], positional: Positional | undefined, none: boolean) => void): void {
  let names: string[] = [];
  let positional: Positional | undefined;
  let none = false;
  for (const tok of table.split(/\s+/)) {
    if (tok.endsWith(':')) {
      const [list, n] = tok.slice(0, -1).split('#');
      none = list === '-';
      positional = n === undefined ? undefined : parsePositional(`#${n}`);
      names = list.split(',').filter((k) => k && k !== '-');
    } else if (tok) {
      visit(tok, names, positional, none);
    }
  }
}

/** The wrappers checkTensorMethods made: a method is wrapped once, whichever entry runs it first (the lean core's
 *  methods by src/torch.ts, the rest by src/tensor-methods.ts when it installs them, before or after). */
const checkedMethods = new WeakSet<object>();

/** The tables of the Tensor methods src/tensor-methods.ts adds beyond the lean core (src/method-kwargs-more.ts,
 *  src/method-params-more.ts), as checkTensorMethods takes them. */
export interface MoreMethodTables { kw: string; first: string; ints: string; later: string; dims: string }

/** Tensor.prototype's methods of METHOD_FIRST refuse an array as their first argument, with PyTorch's message (numbers,
 *  null and options objects stay the methods' own: most of these take a number too); and every method PyTorch has
 *  takes PyTorch's keywords only (METHOD_KW), with its later tensor arguments, int arguments and dim overloads
 *  checked (src/method-params.ts); `more` adds the tables of the methods beyond the lean core, which
 *  src/tensor-methods.ts passes. Methods already wrapped are left as they are, so that this runs again over methods
 *  installed later. */
export function checkTensorMethods(proto: object, more?: MoreMethodTables): void {
  const methods = proto as Record<string, unknown>;
  const unchecked = (name: string) => typeof methods[name] === 'function' && !checkedMethods.has(methods[name] as object);
  const later = new Map<string, Later>();
  for (const [name, list] of rowsOf(METHOD_LATER + (more?.later ?? ''))) later.set(name, laterOf(name, list)!);
  const checks = new Map<string, (args: unknown[]) => void>();
  for (const [name, arg] of rowsOf(METHOD_FIRST + (more?.first ?? ''))) {
    const rest = later.get(name);
    checks.set(name, (args) => {
      if (Array.isArray(args[0])) tensorArg(name, arg, 1, args[0]);
      // by name (x.add({ other: [1] })): PyTorch's parser names it without a position
      const opts = optionsOf(args);
      if (opts && Array.isArray(opts[arg])) tensorArg(name, arg, null, opts[arg]);
      if (rest) checkLater(rest, args);
    });
  }
  for (const [name, rest] of later) if (!checks.has(name)) checks.set(name, (args) => checkLater(rest, args));
  // the int arguments (METHOD_INTS): checked at every call, by methodKeywords, or with the check above
  const ints = new Map<string, IntParam[]>();
  for (const [name, list] of rowsOf(METHOD_INTS + (more?.ints ?? ''))) ints.set(name, intsOf(list)!);
  const dimTable = rowsOf(METHOD_DIMS + (more?.dims ?? ''));
  // one wrapper a method: its keywords and positional count (METHOD_KW), and its check (above) where it has one
  const sets = new Map<string[], Set<string>>();   // one Set a group
  eachGroup(METHOD_KW + (more?.kw ?? ''), (tok, names, positional, none) => {
    if (!unchecked(tok)) return;
    if (!sets.has(names)) sets.set(names, new Set(names));
    methods[tok] = methodKeywords(tok, methods[tok] as (...a: unknown[]) => unknown, sets.get(names)!, none, positional, checks.get(tok), names,
      false, ints.get(tok));
    if (tok in COMBO_INTS) {
      const inner = methods[tok] as (...a: unknown[]) => unknown;
      methods[tok] = function (this: unknown, ...args: unknown[]) {
        comboCheck(tok, args, 0);
        return inner.apply(this, args);
      };
    }
    const dims = dimsOf(dimTable.get(tok));
    if (dims) methods[tok] = dimMethod(tok, dims, methods[tok] as (...a: unknown[]) => unknown);
    checkedMethods.add(methods[tok] as object);
    checks.delete(tok);
    ints.delete(tok);
  });
  for (const [name, params] of ints) {
    const check = checks.get(name);
    checks.set(name, (args) => {
      check?.(args);
      checkInts(name, params, args, 0);
    });
  }
  for (const [name, check] of checks) {
    if (!unchecked(name)) continue;
    methods[name] = guarded(methods[name], name, check);
    checkedMethods.add(methods[name] as object);
  }
}

let classTable: Map<string, { allowed: Set<string>; names: string[]; positional?: Positional }> | undefined;
const classesChecked = new WeakSet<object>();

/**
 * The public methods PyTorch's class of that name defines (nn.Module's, an optimizer's) take PyTorch's keywords and positional counts
 * only (CLASS_KW, src/class-kwargs.ts): `net.eval(1)` is Python's `Module.eval() takes 1 positional argument but 2
 * were given`, `opt.zero_grad({ foo: 1 })` its unexpected keyword argument. Once a class; `className` as Python's
 * messages name it.
 */
export function checkClassMethods(cls: { prototype: object }, className: string): void {
  if (classesChecked.has(cls)) return;
  classesChecked.add(cls);
  if (!classTable) {
    const table = new Map<string, { allowed: Set<string>; names: string[]; positional?: Positional }>();
    eachGroup(CLASS_KW, (key, names, positional) => table.set(key, { allowed: new Set(names), names, positional }));
    classTable = table;
  }
  // each method PyTorch's class defines, inherited here or not (tocha's SGD takes its step from Optimizer; PyTorch's
  // message names SGD.step)
  const proto = cls.prototype as Record<string, unknown>;
  for (const [key, spec] of classTable) {
    const [owner, name] = key.split('.');
    const f = proto[name];
    if (owner === className && typeof f === 'function') {
      proto[name] = methodKeywords(key, f as (...a: unknown[]) => unknown, spec.allowed, false, spec.positional, undefined,
        spec.names, true);
    }
  }
}
