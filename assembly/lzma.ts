// The LZMA decoder that unpacks the library's own WebAssembly (scripts/build.mjs packs the core and the fused
// module as one .lzma stream, "LZMA alone" format, embedded as base64: two thirds of their hex's gzip).
// A module of its own (assembly/lzma.asconfig.json: its own memory, no imports), built before the core.
// It follows Igor Pavlov's reference decoder (LzmaSpec.cpp, public domain) step for step, writing into one
// flat output buffer that is also the dictionary.
//
// Memory: the probabilities at PROBS, the input at IN (the host writes it), the output after it.

/** Where the probabilities live (u16 each). */
const PROBS: usize = 1024;
/** Where the host writes the compressed stream. */
export const IN: usize = 65536;

// The probability tables' offsets, in u16 units from PROBS (kNumStates = 12, kNumPosBitsMax = 4).
const IS_MATCH = 0; // [12 << 4]
const IS_REP = IS_MATCH + 192; // [12]
const IS_REP_G0 = IS_REP + 12;
const IS_REP_G1 = IS_REP_G0 + 12;
const IS_REP_G2 = IS_REP_G1 + 12;
const IS_REP0_LONG = IS_REP_G2 + 12; // [12 << 4]
const POS_SLOT = IS_REP0_LONG + 192; // [4][64]: 6-bit trees by length state
const POS_SPECIAL = POS_SLOT + 256; // [1 + 128 - 14]: reverse trees of the distances below 128
const ALIGN = POS_SPECIAL + 115; // 4-bit reverse tree
const LEN = ALIGN + 16; // the match length coder
const REP_LEN = LEN + 514; // the repeated-match length coder
const LITERAL = REP_LEN + 514; // [0x300 << (lc + lp)]
// A length coder: choice, choice2, low[16][8], mid[16][8], high[256].
const L_CHOICE2 = 1;
const L_LOW = 2;
const L_MID = L_LOW + 128;
const L_HIGH = L_MID + 128;

// The range decoder's state and the input position.
let range: u32 = 0;
let code: u32 = 0;
let inPos: usize = 0;
let inEnd: usize = 0;
let corrupted = false;

@inline function nextByte(): u32 {
  if (inPos >= inEnd) {
    corrupted = true;
    return 0;
  }
  return <u32>load<u8>(inPos++);
}

@inline function normalize(): void {
  if (range < (1 << 24)) {
    range <<= 8;
    code = (code << 8) | nextByte();
  }
}

/** One bit with the adaptive probability at `p` (u16 index from PROBS). */
function bit(p: usize): u32 {
  const at = PROBS + (p << 1);
  let v = <u32>load<u16>(at);
  const bound = (range >>> 11) * v;
  let b: u32;
  if (code < bound) {
    v += ((1 << 11) - v) >>> 5;
    range = bound;
    b = 0;
  } else {
    v -= v >>> 5;
    code -= bound;
    range -= bound;
    b = 1;
  }
  store<u16>(at, <u16>v);
  normalize();
  return b;
}

/** `n` bits with probability one half each, high bit first. */
function directBits(n: u32): u32 {
  let res: u32 = 0;
  for (; n > 0; n--) {
    range >>>= 1;
    code -= range;
    const t = 0 - (code >>> 31); // all ones when code went below zero
    code += range & t;
    if (code == range) corrupted = true;
    normalize();
    res = (res << 1) + (t + 1);
  }
  return res;
}

/** A `bits`-bit symbol from the tree at `p`, high bit first. */
function tree(p: usize, bits: u32): u32 {
  let m: u32 = 1;
  for (let i: u32 = 0; i < bits; i++) m = (m << 1) + bit(p + m);
  return m - (1 << bits);
}

/** A `bits`-bit symbol from the tree at `p`, low bit first. */
function reverseTree(p: usize, bits: u32): u32 {
  let m: u32 = 1;
  let sym: u32 = 0;
  for (let i: u32 = 0; i < bits; i++) {
    const b = bit(p + m);
    m = (m << 1) + b;
    sym |= b << i;
  }
  return sym;
}

function length(p: usize, posState: u32): u32 {
  if (bit(p) == 0) return tree(p + L_LOW + (posState << 3), 3);
  if (bit(p + L_CHOICE2) == 0) return 8 + tree(p + L_MID + (posState << 3), 3);
  return 16 + tree(p + L_HIGH, 8);
}

function distance(len: u32): u32 {
  const lenState = len < 3 ? len : 3;
  const slot = tree(POS_SLOT + (lenState << 6), 6);
  if (slot < 4) return slot;
  const direct = (slot >>> 1) - 1;
  let dist = (2 | (slot & 1)) << direct;
  if (slot < 14) return dist + reverseTree(POS_SPECIAL + dist - slot, direct);
  dist += directBits(direct - 4) << 4;
  return dist + reverseTree(ALIGN, 4);
}

/**
 * Decodes the LZMA-alone stream of `inLen` bytes at IN into `outLen` bytes at `out` (past the input). Returns
 * `outLen`, or a negative code: -1 bad header, -2 corrupt data, -3 the end marker came early.
 */
export function decode(inLen: usize, out: usize, outLen: usize): i32 {
  inPos = IN;
  inEnd = IN + inLen;
  corrupted = false;
  if (inLen < 13) return -1;
  let props = <u32>load<u8>(IN);
  if (props >= 9 * 5 * 5) return -1;
  const lc = props % 9;
  props /= 9;
  const lp = props % 5;
  const pb = props / 5;
  if (lc + lp > 4) return -1; // the tables are sized for this (xz's own limit for LZMA2)
  inPos = IN + 13; // props, dictionary size (the output buffer is the dictionary), uncompressed size
  const probs = LITERAL + (0x300 << (lc + lp));
  for (let i: usize = 0; i < <usize>probs; i++) store<u16>(PROBS + (i << 1), 1 << 10);
  range = 0xffffffff;
  code = 0;
  if (nextByte() != 0) return -2;
  for (let i = 0; i < 4; i++) code = (code << 8) | nextByte();
  if (code == range) return -2;

  const pbMask: usize = (1 << pb) - 1;
  const lpMask: usize = (1 << lp) - 1;
  let state: u32 = 0;
  let rep0: u32 = 0;
  let rep1: u32 = 0;
  let rep2: u32 = 0;
  let rep3: u32 = 0;
  let pos: usize = 0;
  while (pos < outLen) {
    if (corrupted) return -2;
    const posState = <u32>(pos & pbMask);
    if (bit(IS_MATCH + (state << 4) + posState) == 0) {
      // a literal, coded against the byte at rep0 right after a match
      const prev = pos > 0 ? <u32>load<u8>(out + pos - 1) : 0;
      const lit = LITERAL + 0x300 * ((<u32>(pos & lpMask) << lc) + (prev >>> (8 - lc)));
      let sym: u32 = 1;
      if (state >= 7) {
        if (<usize>rep0 >= pos) return -2;
        let match = <u32>load<u8>(out + pos - rep0 - 1);
        do {
          const matchBit = (match >>> 7) & 1;
          match <<= 1;
          const b = bit(lit + ((1 + matchBit) << 8) + sym);
          sym = (sym << 1) | b;
          if (matchBit != b) break;
        } while (sym < 0x100);
      }
      while (sym < 0x100) sym = (sym << 1) | bit(lit + sym);
      store<u8>(out + pos++, <u8>sym);
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len: u32;
    if (bit(IS_REP + state) != 0) {
      if (pos == 0) return -2;
      if (bit(IS_REP_G0 + state) == 0) {
        if (bit(IS_REP0_LONG + (state << 4) + posState) == 0) {
          // one byte from rep0
          state = state < 7 ? 9 : 11;
          store<u8>(out + pos, load<u8>(out + pos - rep0 - 1));
          pos++;
          continue;
        }
      } else {
        let dist: u32;
        if (bit(IS_REP_G1 + state) == 0) {
          dist = rep1;
        } else {
          if (bit(IS_REP_G2 + state) == 0) {
            dist = rep2;
          } else {
            dist = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = dist;
      }
      len = length(REP_LEN, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = length(LEN, posState);
      state = state < 7 ? 7 : 10;
      rep0 = distance(len);
      if (rep0 == 0xffffffff) return -3; // the end marker, before outLen bytes
      if (<usize>rep0 >= pos) return -2;
    }
    len += 2;
    if (<usize>len > outLen - pos) return -2;
    // a match copies byte by byte: it may overlap what it writes
    const from = out + pos - rep0 - 1;
    const to = out + pos;
    for (let i: usize = 0; i < <usize>len; i++) store<u8>(to + i, load<u8>(from + i));
    pos += len;
  }
  if (corrupted) return -2;
  return <i32>outLen;
}
