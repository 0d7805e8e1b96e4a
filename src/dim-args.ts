// PyTorch's parser for the functions with several signatures that take a dim (the reductions, softmax, cumsum, max,
// sort, std, ...): a float, a Tensor or a bool where a dim goes is `sum() received an invalid combination of arguments -
// got (float), but expected one of: ...`, each signature as PyTorch prints it and those of as many arguments with their
// mismatches marked (torch/csrc/utils/invalid_arguments.cpp), or its simple message where one signature alone takes as
// many arguments (python_arg_parser.cpp's print_error); a 0-d integer tensor is an int where a signature takes one
// (x.softmax(torch.tensor(1))) and refused where it takes a tuple of ints (x.sum(torch.tensor(1))). The signatures are
// src/torch-params.ts's `dims` and src/method-params*.ts's METHOD_DIMS (scripts/gen-dim-args.py). Only a call with such a value pays for any of it (dimSuspect).
import { DType, MissingDType } from './dtype.js';
import { intElements, pyType, tensorIndex } from './ops/kw.js';
import { isPlainObject } from './optim/optimizer.js';
import { Tensor } from './tensor.js';

/** One argument of a signature: its type letter (src/torch-params.ts), name, whether required, keyword-only. */
interface Param { type: string; name: string; required: boolean; kwOnly: boolean }

/** A function's signatures, and what a fast check needs: for each position (after the input), and each name, which of
 *  a float (1), a bool (2), a Tensor (4), a list of anything (8) or a list (16) some signature takes there. */
export interface DimSigs { sigs: Param[][]; pos: number[]; kw: Record<string, number> }

const TYPE_NAMES: Record<string, string> = {
  T: 'Tensor', i: 'int', t: 'tuple of ints', l: 'tuple of ints', n: 'name', N: 'tuple of names', b: 'bool',
  d: 'torch.dtype', f: 'float', s: 'str', L: 'tuple of Tensors', S: 'Number',
};
/** The kinds of value each type takes, as DimSigs' bits (16: a list, of the elements the type says). */
const TAKES: Record<string, number> = { T: 4, f: 7, S: 7, b: 2, L: 24, t: 16, l: 16, N: 16 };

function parseSig(s: string): Param[] {
  const out: Param[] = [];
  let kwOnly = false;
  for (const p of s ? s.split(',') : []) {
    if (p === '*') kwOnly = true;
    else out.push({ type: p[0], name: p.slice(1).replace('!', ''), required: p.endsWith('!'), kwOnly });
  }
  return out;
}

function dimSigs(sigs: Param[][]): DimSigs {
  const d: DimSigs = { sigs, pos: [], kw: {} };
  for (const sig of sigs) {
    let i = 0;
    for (const p of sig) {
      const bits = TAKES[p.type] ?? 0;
      if (!p.kwOnly) d.pos[i] = (d.pos[i++] ?? 0) | bits;
      d.kw[p.name] = (d.kw[p.name] ?? 0) | bits;
    }
  }
  return d;
}

/** The signatures of a function or method (its `dims` entry, src/torch-params.ts), or undefined where it has none. */
export function dimsOf(enc: string | undefined): DimSigs | undefined {
  return enc === undefined ? undefined : dimSigs(enc.split('|').map(parseSig));
}

/** Whether a list holds a float, a bool or a Tensor (what a tuple of ints refuses, or takes by __index__). */
function oddList(v: unknown[]): boolean {
  for (let i = 0; i < v.length; i++) {
    const e = v[i];
    if (typeof e === 'number' ? !Number.isInteger(e) : typeof e === 'boolean' || e instanceof Tensor) return true;
  }
  return false;
}

/** Whether the value at position `i` (after the input), or an options object's, may be one PyTorch refuses or reads
 *  otherwise: a float, a bool or a Tensor where no signature takes one there, a list holding one. Ints, int lists,
 *  strings (dim names: normDim's), null and dtypes are not. */
export function dimSuspect(d: DimSigs, i: number, v: unknown): boolean {
  if (typeof v === 'number') return !Number.isInteger(v) && !(d.pos[i] & 1);
  if (typeof v === 'boolean') return !(d.pos[i] & 2);
  if (typeof v !== 'object' || v === null) return false;
  if (v instanceof Tensor) return !(d.pos[i] & 4);
  // (a list where no signature takes one: a Tensor's place, index_select's index)
  if (Array.isArray(v)) return !(d.pos[i] & 16) || oddList(v);
  if (!isPlainObject(v)) return false;
  for (const k in v) {
    const w = v[k];
    const m = d.kw[k] ?? 15;
    if (typeof w === 'number' ? !Number.isInteger(w) && !(m & 1) : typeof w === 'boolean' ? !(m & 2)
      : w instanceof Tensor ? !(m & 4) : Array.isArray(w) && !(m & 8) && (!(m & 16) || oddList(w))) return true;
  }
  return false;
}

/** An element of a tuple of ints as PyTorch's parser takes the first one: an int, or what has __index__ (a 0-d integer tensor). */
const indexLike = (e: unknown) => typeof e === 'number' && Number.isInteger(e) || tensorIndex(e) !== undefined;

/** Whether `v` passes where a signature takes type `t` (python_arg_parser.cpp's FunctionParameter::check). */
function takes(t: string, v: unknown): boolean {
  switch (t) {
    case 'T': return v instanceof Tensor;
    case 'i': return indexLike(v) && typeof v !== 'boolean';
    case 't': case 'l': return Array.isArray(v) ? v.length === 0 || indexLike(v[0]) : t === 't' && typeof v === 'number' && Number.isInteger(v);
    case 'n': return typeof v === 'string';
    case 'N': return Array.isArray(v) ? v.length === 0 || typeof v[0] === 'string' : typeof v === 'string';
    case 'b': return typeof v === 'boolean';
    case 'd': return v instanceof DType || v instanceof MissingDType;
    case 'f': case 'S': return typeof v === 'number' || typeof v === 'boolean' || v instanceof Tensor && v._shape.length === 0 && !v.requires_grad;
    case 's': return typeof v === 'string';
    case 'L': return Array.isArray(v) && v.every((e) => e instanceof Tensor);
    default: return false;
  }
}

/** Python's `__index__` of a value: an int, or an integer tensor of one element. */
const index = (v: unknown) => typeof v === 'number' && Number.isInteger(v) ? v
  : v instanceof Tensor && v.numel() === 1 && v.dtype.name === 'int64' ? v.item() as number : undefined;

/** A value's Python type name as the messages print it. */
const pyName = (v: unknown) => v instanceof DType || v instanceof MissingDType ? 'torch.dtype' : v instanceof Tensor ? 'Tensor' : pyType(v);

/**
 * A call of one signature, as PyTorch's parser binds it: the arguments after the input (`pos`) and by name (`kw`), with
 * each 0-d integer tensor where it takes an int replaced by that int, or null where it does not take the call. `raise`:
 * PyTorch's message for the first argument it refuses instead (the signature the only one that takes as many).
 */
function bindSig(fn: string, sig: Param[], pos: unknown[], kw: Record<string, unknown>, lead: number, raise: boolean):
  { pos: unknown[]; kw: Record<string, unknown> } | null {
  const most = sig.filter((p) => !p.kwOnly).length;
  const fewest = sig.filter((p) => p.required).length + lead;
  const given = pos.length + lead;
  const extra = () => new TypeError(fewest !== most + lead ? `${fn}() takes from ${fewest} to ${most + lead} positional arguments but ${given} were given`
    : `${fn}() takes ${fewest} positional argument${fewest === 1 ? '' : 's'} but ${given} ${given === 1 ? 'was' : 'were'} given`);
  // (a method whose one positional argument is a tuple of ints takes its elements as its arguments: x.view(2, 3))
  const varargs = lead === 0 && most === 1 && (sig[0].type === 't' || sig[0].type === 'l');
  if (pos.length > most && !varargs) {
    if (raise) throw extra();
    return null;
  }
  const out = { pos: [...pos], kw: { ...kw } };
  /** The tuples of ints the call gives: where (a position, or a name), the argument's name, the list. */
  const tuples: [number | string, string, unknown[]][] = [];
  let at = 0;
  let left = Object.keys(kw).length;
  for (let i = 0; i < sig.length; i++) {
    const p = sig[i];
    const byName = at >= pos.length;
    const v = byName ? kw[p.name] : pos[at];
    if (!byName && p.kwOnly) {
      if (raise) throw extra();
      return null;
    }
    if (v === undefined && p.required) {
      if (!raise) return null;
      const missing = sig.slice(i).filter((q) => q.required).map((q) => `"${q.name}"`);
      // (PyTorch's own "argument%s": an s for one)
      throw new TypeError(`${fn}() missing ${missing.length} required positional argument${missing.length === 1 ? 's' : ''}: ${missing.join(', ')}`);
    }
    if (v !== undefined && v !== null) {
      if (!takes(p.type, v)) {
        // (there, anything with __index__ starts the elements: an integer tensor of one element too)
        if (varargs && at === 0 && !byName && index(v) !== undefined) {
          out.pos = [pos.map((e) => index(e) ?? e)];
          at = pos.length;
          continue;
        }
        if (!raise) return null;
        throw new TypeError(`${fn}(): argument '${p.name}'${byName ? '' : ` (position ${at + 1 + lead})`} must be ${TYPE_NAMES[p.type]}, not ${pyName(v)}`);
      }
      // (its value where it takes an int: a 0-d integer tensor is one; a tuple's later elements must be, which the
      // parser reads once the signature matched: `tuples`)
      if (p.type === 'i') {
        const w = tensorIndex(v) ?? v;
        if (byName) out.kw[p.name] = w;
        else out.pos[at] = w;
      } else if ((p.type === 't' || p.type === 'l') && Array.isArray(v)) tuples.push([byName ? p.name : at, p.name, v]);
    }
    if (!byName) at++;
    else if (v !== undefined) left--;
  }
  if (left > 0) {
    if (!raise) return null;
    const k = Object.keys(kw).find((key) => !sig.some((p) => p.name === key)) ??
      Object.keys(kw).find((key) => sig.findIndex((p) => p.name === key) < pos.length)!;
    throw new TypeError(sig.some((p) => p.name === k) ? `${fn}() got multiple values for argument '${k}'` : `${fn}() got an unexpected keyword argument '${k}'`);
  }
  // (the signature matched: a float, a bool or a Tensor after a tuple's first element is the parser's error now, for
  // it alone; before, movedim(x, [1, 1.5]) named the element where PyTorch names no signature, destination missing)
  for (const [where, name, v] of tuples) {
    const w = intElements(fn, name, 't', null, v, true) ?? v;
    if (typeof where === 'string') out.kw[where] = w;
    else out.pos[where] = w;
  }
  return out;
}

/** Whether invalid_arguments.cpp's simple matching takes `v` for a printed type (a type by its Python name alone). */
function printedMatch(type: string, v: unknown): boolean {
  const n = pyName(v);
  return n === type || type === 'float' && n === 'int';
}

/**
 * PyTorch's TypeError where no signature takes a call: `args` the call (after `lead` leading arguments: a torch.*
 * function's input, printed as `Tensor input`), its options object's names `keys`.
 */
function invalidCombination(fn: string, d: DimSigs, all: unknown[], kw: Record<string, unknown>, lead: number): TypeError {
  // (PyTorch lists the keywords last first, its dict's order)
  const keys = Object.keys(kw).reverse();
  const list = (items: string[]) => `(${items.map((s) => `${s}, `).join('').slice(0, all.length ? -2 : undefined)})`;
  let msg = `${fn}() received an invalid combination of arguments - got ${list([...all.map(pyName), ...keys.map((k) => `${k}=${pyName(kw[k])}`)])}, but expected one of:\n`;
  for (const sig of d.sigs) {
    // (a signature's items as it prints them, '*' among them: invalid_arguments.cpp counts it as an argument)
    const items: [string, string][] = [];
    if (lead) items.push(['Tensor', 'input']);
    let star = false;
    for (const p of sig) {
      if (p.kwOnly && !star) {
        items.push(['*', '*']);
        star = true;
      }
      items.push([TYPE_NAMES[p.type], p.name]);
    }
    msg += ` * (${items.map(([t, n]) => t === '*' ? '*' : `${t} ${n}`).join(', ')})\n`;
    // (and '()' as one argument of no type: the split of an empty string)
    if (!items.length) items.push(['', '']);
    if (items.length !== all.length + keys.length) continue;
    const start = Math.max(0, items.length - keys.length);
    const unmatched = keys.filter((k) => !items.slice(start).some(([, n]) => n === k));
    if (unmatched.length) {
      msg += `      didn't match because some of the keywords were incorrect: ${unmatched.join(', ')}\n`;
      continue;
    }
    const marked = items.map(([t, n], i) => {
      const byName = i >= all.length;
      const v = byName ? kw[n] : all[i];
      const s = (byName ? `${n}=` : '') + pyName(v);
      return t !== '*' && printedMatch(t, v) ? s : `!${s}!`;
    });
    msg += `      didn't match because some of the arguments have invalid types: ${list(marked)}\n`;
  }
  return new TypeError(msg);
}

/**
 * The check of a call whose arguments dimSuspect flagged: `args` (after `lead` leading arguments, a torch.* function's
 * input) bound as PyTorch's parser binds them, trying each signature in order; where one takes the call, a 0-d integer
 * tensor where it takes an int is that int in `args` (an options object copied), else PyTorch's TypeError.
 */
export function dimCheck(fn: string, d: DimSigs, args: unknown[], lead: number): void {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const hasKw = n > lead && isPlainObject(args[n - 1]);
  const o = hasKw ? args[n - 1] as Record<string, unknown> : {};
  const kw: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (o[k] !== undefined) kw[k] = o[k];
  const pos = args.slice(lead, hasKw ? n - 1 : n);
  for (const sig of d.sigs) {
    const bound = bindSig(fn, sig, pos, kw, lead, false);
    if (!bound) continue;
    if (hasKw) args[n - 1] = { ...o, ...bound.kw };
    args.splice(lead, pos.length, ...bound.pos);
    return;
  }
  // (PyTorch's print_error: where one signature alone takes as many arguments, its own message)
  const count = pos.length + Object.keys(kw).length;
  const plausible = d.sigs.filter((s) => count >= s.filter((p) => p.required).length && count <= s.length);
  if (plausible.length === 1) bindSig(fn, plausible[0], pos, kw, lead, true);
  throw invalidCombination(fn, d, args.slice(0, lead + pos.length), kw, lead);
}
