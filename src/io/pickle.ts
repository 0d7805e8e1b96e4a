// Python's pickle, as much as torch.save and torch.load need: a writer of the opcodes CPython's pickler
// emits at protocol 2 (with its memo, so the same object graph gives the same bytes), and a small
// machine that reads protocols 2-5 with no way to run code: globals are looked up by a caller's
// allow-list (as torch.load(weights_only=True) does), persistent ids and BUILD go to the caller.
// Tuples are frozen arrays (immutable, as Python's), lists ordinary arrays.

const MARK = 0x28, STOP = 0x2e, POP = 0x30, POP_MARK = 0x31, DUP = 0x32, BINFLOAT = 0x47, BININT = 0x4a,
  BININT1 = 0x4b, BININT2 = 0x4d, NONE = 0x4e, BINPERSID = 0x51, REDUCE = 0x52, BINSTRING = 0x54,
  SHORT_BINSTRING = 0x55, BINUNICODE = 0x58, BINBYTES = 0x42, SHORT_BINBYTES = 0x43, APPEND = 0x61, BUILD = 0x62,
  GLOBAL = 0x63, DICT = 0x64, APPENDS = 0x65, BINGET = 0x68, LONG_BINGET = 0x6a, LIST = 0x6c, BINPUT = 0x71,
  LONG_BINPUT = 0x72, SETITEM = 0x73, TUPLE = 0x74, SETITEMS = 0x75, EMPTY_DICT = 0x7d, EMPTY_LIST = 0x5d,
  EMPTY_TUPLE = 0x29, PROTO = 0x80, TUPLE1 = 0x85, TUPLE2 = 0x86, TUPLE3 = 0x87, NEWTRUE = 0x88, NEWFALSE = 0x89,
  LONG1 = 0x8a, LONG4 = 0x8b, SHORT_BINUNICODE = 0x8c, BINUNICODE8 = 0x8d, BINBYTES8 = 0x8e, STACK_GLOBAL = 0x93,
  MEMOIZE = 0x94, FRAME = 0x95;
export const OP = { MARK, NONE, BINPERSID, REDUCE, BUILD, SETITEM, SETITEMS, APPEND, APPENDS, TUPLE, TUPLE1, TUPLE3,
  EMPTY_DICT, EMPTY_LIST, EMPTY_TUPLE, NEWTRUE, NEWFALSE } as const;
const TUPLEN = [EMPTY_TUPLE, TUPLE1, TUPLE2, TUPLE3];
const BATCH = 1000;
const utf8 = new TextEncoder();

/**
 * Writes pickle opcodes at protocol 2. The memo is keyed like CPython's (by object): `str(s)` memoizes
 * by value (an interned string), `str(s, token)` by a token object (a string made at run time, which
 * CPython memoizes only for that one object).
 */
export class Pickler {
  private b = new Uint8Array(256);
  private n = 0;
  private memo = new Map<unknown, number>();

  constructor() {
    this.op(PROTO, 2);
  }

  op(...codes: number[]): void {
    this.room(codes.length);
    for (const c of codes) this.b[this.n++] = c;
  }

  private room(k: number): void {
    if (this.n + k <= this.b.length) return;
    const b = new Uint8Array(Math.max(this.b.length * 2, this.n + k));
    b.set(this.b.subarray(0, this.n));
    this.b = b;
  }

  private raw(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.b.set(bytes, this.n);
    this.n += bytes.length;
  }

  private u32(x: number): void {
    this.op(x & 255, (x >>> 8) & 255, (x >>> 16) & 255, x >>> 24);
  }

  /** Memoizes the object on top of the stack (BINPUT). */
  put(key: unknown): void {
    const i = this.memo.size;
    this.memo.set(key, i);
    if (i < 256) this.op(BINPUT, i);
    else { this.op(LONG_BINPUT); this.u32(i); }
  }

  /** Pushes a memoized object again (BINGET); false when it is not in the memo. */
  get(key: unknown): boolean {
    const i = this.memo.get(key);
    if (i === undefined) return false;
    if (i < 256) this.op(BINGET, i);
    else { this.op(LONG_BINGET); this.u32(i); }
    return true;
  }

  str(s: string, token: unknown = 's' + s): void {
    if (this.get(token)) return;
    const u = utf8.encode(s);
    this.op(BINUNICODE);
    this.u32(u.length);
    this.raw(u);
    this.put(token);
  }

  global(module: string, name: string): void {
    const key = `g${module}\n${name}`;
    if (this.get(key)) return;
    this.op(GLOBAL);
    this.raw(utf8.encode(`${module}\n${name}\n`));
    this.put(key);
  }

  int(x: number | bigint): void {
    if (typeof x === 'number' && x >= -0x80000000 && x <= 0x7fffffff) {
      if (x >= 0 && x < 256) this.op(BININT1, x);
      else if (x >= 0 && x < 65536) this.op(BININT2, x & 255, x >> 8);
      else { this.op(BININT); this.u32(x); }
      return;
    }
    // LONG1: little-endian two's complement, as few bytes as keep the sign
    let v = BigInt(x);
    const bytes: number[] = [];
    for (;;) {
      const byte = Number(v & 255n);
      bytes.push(byte);
      v >>= 8n;
      if ((v === 0n && byte < 128) || (v === -1n && byte >= 128)) break;
    }
    this.op(LONG1, bytes.length, ...bytes);
  }

  float(x: number): void {
    this.op(BINFLOAT);
    this.room(8);
    new DataView(this.b.buffer).setFloat64(this.n, x);
    this.n += 8;
  }

  /** A tuple of items written by `each`: TUPLE1-3 or MARK ... TUPLE, then memoized under `key`. */
  tuple<T>(items: readonly T[], each: (x: T) => void, key: unknown = {}): void {
    if (!items.length) return this.op(EMPTY_TUPLE);
    if (items.length > 3) this.op(MARK);
    items.forEach(each);
    this.op(items.length > 3 ? TUPLE : TUPLEN[items.length]);
    this.put(key);
  }

  /** A list's or dict's items after its EMPTY_LIST / EMPTY_DICT, batched as CPython batches them: `exact`
   *  for a list or dict itself (a dict of a multiple of 1000 items ends with an empty batch), else
   *  the items of a __reduce__ iterator (OrderedDict). */
  items<T>(xs: readonly T[], each: (x: T) => void, dict: boolean, exact = true): void {
    const one = dict ? SETITEM : APPEND;
    if (exact && xs.length === 1) {
      each(xs[0]);
      return this.op(one);
    }
    for (let i = 0; xs.length;) {
      const rest = xs.length - i;
      if (!exact && rest < 2) {
        if (rest) { each(xs[i]); this.op(one); }
        break;
      }
      const k = Math.min(rest, BATCH);
      this.op(MARK);
      for (let j = i; j < i + k; j++) each(xs[j]);
      this.op(dict ? SETITEMS : APPENDS);
      i += k;
      if (dict && exact ? k < BATCH : i >= xs.length) break;
    }
  }

  bytes(): Uint8Array {
    this.op(STOP);
    return this.b.slice(0, this.n);
  }
}

/** A global named by a pickle (GLOBAL), as the caller's `find` resolves it. */
export interface Hooks {
  /** The value of `module.name`; throws for a global that is not allowed. */
  find(module: string, name: string): unknown;
  /** The object a persistent id stands for. */
  persistent(pid: unknown): unknown;
  /** BUILD: sets `state` on `inst`. */
  build(inst: unknown, state: unknown): void;
}

/**
 * Runs a pickle. Dicts become Maps (insertion order, any key), lists arrays, tuples frozen arrays,
 * str strings, bytes Uint8Arrays, ints numbers; REDUCE calls a function `find` returned.
 */
export function unpickle(data: Uint8Array, hooks: Hooks, op: string, what: string): unknown {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let p = 0;
  let stack: unknown[] = [];
  const marks: unknown[][] = [];
  const memo = new Map<number, unknown>();
  const dec = new TextDecoder('utf-8', { fatal: true });
  const bad = (why: string): never => { throw new Error(`${op}: ${what} is damaged (${why} at byte ${p})`); };
  const need = (k: number) => { if (p + k > data.length) bad('the pickle ends early'); };
  const u8 = () => { need(1); return data[p++]; };
  const u32 = () => { need(4); p += 4; return v.getUint32(p - 4, true); };
  const take = (k: number) => { need(k); p += k; return data.subarray(p - k, p); };
  const line = () => {
    const e = data.indexOf(10, p);
    if (e < 0) bad('the pickle ends early');
    const s = new TextDecoder().decode(data.subarray(p, e));
    p = e + 1;
    return s;
  };
  const pop = () => { if (!stack.length) bad('stack underflow'); return stack.pop(); };
  const top = () => { if (!stack.length) bad('stack underflow'); return stack[stack.length - 1]; };
  const popMark = () => {
    const items = stack;
    stack = marks.pop() ?? bad('no MARK');
    return items;
  };
  const setItems = (d: unknown, kv: unknown[]) => {
    if (!(d instanceof Map)) bad('SETITEM on a non-dict');
    for (let i = 0; i + 1 < kv.length; i += 2) (d as Map<unknown, unknown>).set(kv[i], kv[i + 1]);
  };
  const extend = (l: unknown, xs: unknown[]) => {
    if (!Array.isArray(l) || Object.isFrozen(l)) bad('APPEND to a non-list');
    (l as unknown[]).push(...xs);
  };
  const tuple = (xs: unknown[]) => stack.push(Object.freeze(xs));
  const str = (b: Uint8Array) => { try { return dec.decode(b); } catch { return bad('invalid UTF-8'); } };
  for (;;) {
    const c = u8();
    switch (c) {
      case PROTO: u8(); break;
      case FRAME: take(8); break;
      case STOP: if (marks.length || stack.length !== 1) bad('STOP with an unbalanced stack'); return stack[0];
      case MARK: marks.push(stack); stack = []; break;
      case POP: pop(); break;
      case POP_MARK: popMark(); break;
      case DUP: stack.push(top()); break;
      case NONE: stack.push(null); break;
      case NEWTRUE: stack.push(true); break;
      case NEWFALSE: stack.push(false); break;
      case BININT: need(4); stack.push(v.getInt32(p, true)); p += 4; break;
      case BININT1: stack.push(u8()); break;
      case BININT2: need(2); stack.push(v.getUint16(p, true)); p += 2; break;
      case LONG1: case LONG4: {
        const b = take(c === LONG1 ? u8() : u32());
        let x = 0n;
        for (let i = b.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[i]);
        if (b.length && b[b.length - 1] >= 128) x -= 1n << BigInt(8 * b.length);
        stack.push(Number(x));
        break;
      }
      case BINFLOAT: need(8); stack.push(v.getFloat64(p)); p += 8; break;
      case BINUNICODE: stack.push(str(take(u32()))); break;
      case SHORT_BINUNICODE: stack.push(str(take(u8()))); break;
      case BINUNICODE8: case BINBYTES8: { need(8); const k = Number(v.getBigUint64(p, true)); p += 8; const b = take(k); stack.push(c === BINBYTES8 ? b.slice() : str(b)); break; }
      case BINSTRING: case SHORT_BINSTRING: stack.push(String.fromCharCode(...take(c === BINSTRING ? u32() : u8()))); break;
      case BINBYTES: case SHORT_BINBYTES: stack.push(take(c === BINBYTES ? u32() : u8()).slice()); break;
      case EMPTY_TUPLE: tuple([]); break;
      case TUPLE1: case TUPLE2: case TUPLE3: {
        const k = c - TUPLE1 + 1;
        if (stack.length < k) bad('stack underflow');
        tuple(stack.splice(stack.length - k, k));
        break;
      }
      case TUPLE: tuple(popMark()); break;
      case EMPTY_LIST: stack.push([]); break;
      case LIST: stack.push(popMark()); break;
      case EMPTY_DICT: stack.push(new Map()); break;
      case DICT: { const d = new Map(); setItems(d, popMark()); stack.push(d); break; }
      case APPEND: { const x = pop(); extend(top(), [x]); break; }
      case APPENDS: { const xs = popMark(); extend(top(), xs); break; }
      case SETITEM: { const val = pop(); const key = pop(); setItems(top(), [key, val]); break; }
      case SETITEMS: { const kv = popMark(); setItems(top(), kv); break; }
      case BINPUT: memo.set(u8(), top()); break;
      case LONG_BINPUT: memo.set(u32(), top()); break;
      case MEMOIZE: memo.set(memo.size, top()); break;
      case BINGET: case LONG_BINGET: {
        const i = c === BINGET ? u8() : u32();
        if (!memo.has(i)) bad(`memo ${i} is not set`);
        stack.push(memo.get(i));
        break;
      }
      case GLOBAL: { const m = line(); stack.push(hooks.find(m, line())); break; }
      case STACK_GLOBAL: {
        const name = pop();
        const m = pop();
        if (typeof m !== 'string' || typeof name !== 'string') bad('STACK_GLOBAL of non-strings');
        stack.push(hooks.find(m as string, name as string));
        break;
      }
      case REDUCE: {
        const args = pop();
        const f = pop();
        if (typeof f !== 'function' || !Array.isArray(args)) bad('REDUCE of a non-function');
        stack.push((f as (...a: unknown[]) => unknown)(...(args as unknown[])));
        break;
      }
      case BUILD: { const state = pop(); hooks.build(top(), state); break; }
      case BINPERSID: stack.push(hooks.persistent(pop())); break;
      default: bad(`unsupported opcode 0x${c.toString(16).padStart(2, '0')}`);
    }
  }
}
