// int64 is stored in 32-bit words: an op whose exact result (PyTorch's int64 holds it) leaves [-2^31, 2^31)
// is a RangeError naming the op, never a wrapped value or a WebAssembly trap; results that fit are
// PyTorch 1.13's (values below recorded from it); a failing in-place op or out= leaves its tensor, its
// version and its memory as they were; a failing call leaves no tensor behind.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { _setTesting, stats } from '../src/backend/threads.js';
import { _setFlatParallelMin, UNARY_PARALLEL_MIN, BINARY_PARALLEL_MIN } from '../src/backend/flat.js';

const T = (v: unknown) => torch.tensor(v as number[]);
const MAX = 2147483647;
const MIN = -2147483648;
const I = torch.int64;
const over = (op: string) => `${op}: an int64 result is outside [-2147483648, 2147483647] (tocha stores int64 in 32 bits)`;
const entering = (op: string, v: number) => `${op}: value ${v} is out of range for torch.int64 (tocha stores int64 in 32 bits: [-2147483648, 2147483647])`;
const live = () => torch.memory_stats().live_tensors;

/** The error f throws (its class and message), or a failure if it returns. */
function error(f: () => unknown): [string, string] {
  try {
    f();
  } catch (e) {
    return [(e as Error).constructor.name, (e as Error).message];
  }
  throw new Error('did not throw');
}

// [case, its inputs (made before the count of live tensors), the call, the op its error names ('' for a value refused
// where it enters)]
const OVER: [string, () => Tensor[], (...a: Tensor[]) => unknown, string][] = [
  ['add max + 1', () => [T([MAX])], (a) => torch.add(a, 1), 'add'],
  ['add of two rows (vector lanes)', () => [T([1, 2, 3, 4, 5, 6, 7, MAX]), T([0, 0, 0, 0, 0, 0, 0, 1])], (a, b) => torch.add(a, b), 'add'],
  ['add broadcast row', () => [T([[1, 2], [MAX, 4]]), T([1, 0])], (a, b) => torch.add(a, b), 'add'],
  ['add of strided views', () => [T([[1, MAX], [3, 4]]).t(), T([[1, 1], [1, 1]])], (a, b) => torch.add(a, b), 'add'],
  ['add, alpha', () => [T([0]), T([65536])], (a, b) => torch.add(a, b, { alpha: 32768 }), 'add'],
  ['add, int alpha past the words', () => [T([0]), T([0])], (a, b) => torch.add(a, b, { alpha: 2 ** 31 }), '=add'],
  ['sub min - 1', () => [T([MIN])], (a) => torch.sub(a, 1), 'sub'],
  ['sub of two rows', () => [T([0, 0, 0, 0, 0]), T([0, 0, 0, 0, MIN])], (a, b) => torch.sub(a, b), 'sub'],
  ['sub, alpha', () => [T([0]), T([65536])], (a, b) => torch.sub(a, b, { alpha: -32768 }), 'sub'],
  ['rsub', () => [T([MIN])], (a) => torch.rsub(a, 0), 'rsub'],
  ['rsub, alpha', () => [T([1])], (a) => torch.rsub(a, 0, { alpha: MIN }), 'rsub'],
  ['mul 65536 · 65536', () => [T([65536]), T([65536])], (a, b) => torch.mul(a, b), 'mul'],
  ['mul by a scalar', () => [T([1, 2, 3, 4, 5, 1073741824])], (a) => torch.mul(a, 2), 'mul'],
  ['mul min · -1', () => [T([0, 0, 0, 0, MIN])], (a) => torch.mul(a, -1), 'mul'],
  ['mul of rows, 64-bit products', () => [T([3, -5, 7, 65536]), T([3, 5, -7, -32769])], (a, b) => torch.mul(a, b), 'mul'],
  ['square', () => [T([46341])], (a) => torch.square(a), 'square'],
  ['neg min', () => [T([MIN])], (a) => torch.neg(a), 'neg'],
  ['abs min', () => [T([1, MIN])], (a) => torch.abs(a), 'abs'],
  ['floor_divide min // -1 (a trap before)', () => [T([MIN])], (a) => torch.floor_divide(a, -1), 'floor_divide'],
  ['floor_divide of rows', () => [T([7, MIN]), T([2, -1])], (a, b) => torch.floor_divide(a, b), 'floor_divide'],
  ['div floor min / -1', () => [T([MIN])], (a) => torch.div(a, -1, { rounding_mode: 'floor' }), 'div'],
  ['div trunc min / -1', () => [T([MIN]), T([-1])], (a, b) => torch.div(a, b, { rounding_mode: 'trunc' }), 'div'],
  ['pow 2 ** 31', () => [T([2])], (a) => torch.pow(a, 31), 'pow'],
  ['pow 3 ** 20 (wraps into the range mod 2^32)', () => [T([3])], (a) => torch.pow(a, 20), 'pow'],
  ['pow of tensors', () => [T([2, 65536]), T([3, 2])], (a, b) => torch.pow(a, b), 'pow'],
  ['pow, scalar base', () => [T([31])], (a) => torch.pow(2, a), 'pow'],
  ['pow, an exponent past the words', () => [T([2])], (a) => torch.pow(a, 2 ** 40), 'pow'],
  ['bitwise_left_shift 1 << 31 (PyTorch shifts in 64 bits)', () => [T([1])], (a) => torch.bitwise_left_shift(a, 31), 'bitwise_left_shift'],
  ['bitwise_left_shift 1 << 32', () => [T([1]), T([32])], (a, b) => torch.bitwise_left_shift(a, b), 'bitwise_left_shift'],
  ['gcd(min, 0) = 2^31', () => [T([MIN]), T([0])], (a, b) => torch.gcd(a, b), 'gcd'],
  ['lcm 65536, 65537', () => [T([65536]), T([65537])], (a, b) => torch.lcm(a, b), 'lcm'],
  ['sum', () => [T([MAX, 1])], (a) => torch.sum(a), 'sum'],
  ['sum along a dim', () => [T([[1, 2], [MAX, 1]])], (a) => torch.sum(a, 1), 'sum'],
  ['sum with dtype', () => [T([MAX, 1])], (a) => torch.sum(a, { dtype: torch.int64 }), 'sum'],
  ['prod', () => [T([65536, 65536])], (a) => torch.prod(a), 'prod'],
  ['prod along a dim', () => [T([[65536, 1], [65536, 1]])], (a) => torch.prod(a, 0), 'prod'],
  ['cumsum', () => [T([MAX, 1])], (a) => torch.cumsum(a, 0), 'cumsum'],
  ['cumprod', () => [T([65536, 65536])], (a) => torch.cumprod(a, 0), 'cumprod'],
  ['nansum', () => [T([MAX, 1])], (a) => torch.nansum(a), 'nansum'],
  ['trace', () => [T([[MAX, 0], [0, 1]])], (a) => torch.trace(a), 'trace'],
  ['dot', () => [T([65536]), T([65536])], (a, b) => torch.dot(a, b), 'dot'],
  ['outer', () => [T([65536]), T([65536])], (a, b) => torch.outer(a, b), 'outer'],
  ['kron', () => [T([65536]), T([65536])], (a, b) => torch.kron(a, b), 'kron'],
  ['index_add', () => [T([MAX]), T([0]), T([1])], (a, b, c) => a.index_add(0, b, c), 'index_add'],
  ['scatter_reduce sum', () => [torch.zeros(1, { dtype: I }), T([0, 0]), T([MAX, 1])], (a, b, c) => torch.scatter_reduce(a, 0, b, c, 'sum'), 'scatter_reduce'],
  ['scatter_reduce prod', () => [torch.ones(1, { dtype: I }), T([0, 0]), T([65536, 65536])], (a, b, c) => torch.scatter_reduce(a, 0, b, c, 'prod'), 'scatter_reduce'],
  ['arange', () => [], () => torch.arange(2147483640, 2147483650), 'arange'],
  ['linspace', () => [], () => torch.linspace(0, 3e9, 3, { dtype: I }), 'linspace'],
];

describe('int64 results outside the 32-bit words', () => {
  for (const [name, inputs, call, op] of OVER) {
    it(`${name}: ${op[0] !== '=' ? `${op}'s range error` : 'refused where it enters'}, nothing left behind`, () => {
      const a = inputs();
      const before = live();
      const [cls, msg] = error(() => call(...a));
      expect(cls).toBe('RangeError');
      expect(msg).toBe(op[0] !== '=' ? over(op) : entering(op.slice(1), 2 ** 31));
      expect(live()).toBe(before);
    });
  }

  it('numbers entering int64 ops must fit in the words (they used to wrap: x + 2^32 was x, x == 2^32 was x == 0)', () => {
    const x = T([0, 1]);
    const m = T([true, false]);
    const cases: [() => unknown, string, number][] = [
      [() => torch.add(x, 2 ** 32), 'add', 2 ** 32], [() => torch.remainder(x, -(2 ** 40)), 'remainder', -(2 ** 40)],
      [() => x.clone().fill_(2 ** 32), 'fill_', 2 ** 32], [() => x.masked_fill(m, 2 ** 32), 'masked_fill', 2 ** 32],
      [() => torch.where(m, 2 ** 32, x), 'where', 2 ** 32], [() => x.index_fill(0, T([0]), -(2 ** 31) - 1), 'index_fill', -(2 ** 31) - 1],
      [() => x.clone().random_(0, 2 ** 32), 'random_', 2 ** 32 - 1], [() => x.clamp(2 ** 40), 'clamp', 2 ** 40],
      [() => x.mul(2 ** 31), 'mul', 2 ** 31],
    ];
    for (const [f, op, v] of cases) expect(error(f)).toEqual(['RangeError', entering(op, v)]);
    expect(x.tolist()).toEqual([0, 1]);
  });

  it('an int64 value past the words is an error naming the op, the value and the dtype where it is made (PyTorch holds 2^40)', () => {
    const L = { dtype: torch.long };
    const before = live();
    const out = torch.empty(2, L);
    const cases: [() => unknown, string, number][] = [
      [() => torch.full([2], 2 ** 40, { out }), 'full', 2 ** 40], [() => torch.full([2], 2 ** 40, L), 'full', 2 ** 40],
      [() => torch.full([2], 2 ** 40), 'full', 2 ** 40], [() => torch.full_like(out, -(2 ** 40)), 'full_like', -(2 ** 40)],
      [() => out.new_full([2], 2 ** 40), 'full', 2 ** 40], [() => torch.tensor([2 ** 40], L), 'tensor', 2 ** 40],
      [() => torch.tensor([1, 2 ** 31]), 'tensor', 2 ** 31], [() => torch.tensor(-(2 ** 31) - 1), 'tensor', -(2 ** 31) - 1],
      [() => torch.tensor(new Float64Array([2 ** 40]), L), 'tensor', 2 ** 40], [() => out.fill_(2 ** 40), 'fill_', 2 ** 40],
      [() => torch.randint(2 ** 40, [2]), 'randint', 2 ** 40 - 1],
    ];
    for (const [f, op, v] of cases) expect(error(f)).toEqual(['RangeError', entering(op, v)]);
    // (out= and fill_ write nothing)
    expect(out._version).toBe(0);
    out.dispose();
    expect(live()).toBe(before);
  });

  it('comparisons with integers past the words answer as PyTorch (every element is below or above them)', () => {
    const x = T([[MIN, -1], [0, MAX]]);
    // PyTorch 1.13: (x < 2**40).all(), (x == 2**40).any() == False, (x > -2**40).all(), x.le(2**63 - 1).all()
    const all = (t: Tensor, v: boolean) => expect(t.tolist()).toEqual([[v, v], [v, v]]);
    all(torch.lt(x, 2 ** 40), true);
    all(torch.le(x, 2 ** 31), true);
    all(torch.gt(x, 2 ** 31), false);
    all(torch.ge(x, 2 ** 40), false);
    all(torch.eq(x, 2 ** 31), false);
    all(torch.ne(x, -(2 ** 31) - 1), true);
    all(torch.gt(x, -(2 ** 40)), true);
    all(torch.lt(x, -(2 ** 31) - 1), false);
    all(x.le(2 ** 62), true);
    expect(torch.lt(T([true]), 2 ** 40).tolist()).toEqual([true]);
    // a number that PyTorch cannot take as an int64 either stays an error
    expect(error(() => torch.lt(x, 2 ** 64))[0]).toBe('RangeError');
  });

  it('an int tensor to a negative integer power is PyTorch\'s error (a float exponent gives floats)', () => {
    for (const f of [() => torch.pow(T([1, 2]), -1), () => T([2]).pow_(-2), () => torch.pow(T([true]), -1)]) {
      expect(error(f)).toEqual(['Error', 'Integers to negative integer powers are not allowed.']);
    }
    expect(torch.pow(T([1, 2]), -2.5).tolist()).toEqual([1, Math.fround(2 ** -2.5)]);
    expect(torch.pow(T([1, 2, 3]), T([-1, 1, 2])).tolist()).toEqual([1, 2, 9]);
  });
});

// Edge cases that fit: PyTorch 1.13's values
const FITS: [string, () => Tensor[], (...a: Tensor[]) => Tensor, number | number[]][] = [
  ['add max + 0, min + 0', () => [T([MAX, MIN])], (a) => torch.add(a, 0), [MAX, MIN]],
  ['add max + min', () => [T([MAX]), T([MIN])], (a, b) => torch.add(a, b), [-1]],
  ['sub min - 0', () => [T([MIN])], (a) => torch.sub(a, 0), [MIN]],
  ['sub -1 - max', () => [T([-1]), T([MAX])], (a, b) => torch.sub(a, b), [MIN]],
  ['rsub -1 - max', () => [T([MAX])], (a) => torch.rsub(a, -1), [MIN]],
  ['mul min · 1', () => [T([MIN])], (a) => torch.mul(a, 1), [MIN]],
  ['mul max · -1', () => [T([MAX])], (a) => torch.mul(a, -1), [-MAX]],
  ['mul 65536 · -32768', () => [T([65536]), T([-32768])], (a, b) => torch.mul(a, b), [MIN]],
  ['mul 46340²', () => [T([46340]), T([46340])], (a, b) => torch.mul(a, b), [2147395600]],
  ['square 46340', () => [T([46340])], (a) => torch.square(a), [2147395600]],
  ['neg max', () => [T([MAX])], (a) => torch.neg(a), [-MAX]],
  ['neg of a row (vector lanes and tail)', () => [T([0, 1, -2, MAX, -MAX, 5, -6])], (a) => torch.neg(a), [0, -1, 2, -MAX, MAX, -5, 6]],
  ['abs of a row', () => [T([0, 1, -2, MAX, -MAX, 5, -6])], (a) => torch.abs(a), [0, 1, 2, MAX, MAX, 5, 6]],
  ['abs -max', () => [T([-MAX])], (a) => torch.abs(a), [MAX]],
  ['floor_divide -7 // 2', () => [T([-7])], (a) => torch.floor_divide(a, 2), [-4]],
  ['floor_divide min // 1', () => [T([MIN])], (a) => torch.floor_divide(a, 1), [MIN]],
  ['floor_divide min // -2', () => [T([MIN])], (a) => torch.floor_divide(a, -2), [1073741824]],
  ['div trunc -7 / 2', () => [T([-7])], (a) => torch.div(a, 2, { rounding_mode: 'trunc' }), [-3]],
  ['div trunc 16777217 / 1 (exact: it went through float32)', () => [T([16777217])], (a) => torch.div(a, 1, { rounding_mode: 'trunc' }), [16777217]],
  ['div floor min / 2', () => [T([MIN])], (a) => torch.div(a, 2, { rounding_mode: 'floor' }), [-1073741824]],
  ['remainder min % -1', () => [T([MIN])], (a) => torch.remainder(a, -1), [0]],
  ['remainder -7 % 2', () => [T([-7])], (a) => torch.remainder(a, 2), [1]],
  ['fmod min % -1', () => [T([MIN])], (a) => torch.fmod(a, -1), [0]],
  ['fmod -7 % 2', () => [T([-7])], (a) => torch.fmod(a, 2), [-1]],
  ['pow -2 ** 31', () => [T([-2])], (a) => torch.pow(a, 31), [MIN]],
  ['pow 2 ** 30', () => [T([2])], (a) => torch.pow(a, 30), [1073741824]],
  ['pow 46340 ** 2', () => [T([46340]), T([2])], (a, b) => torch.pow(a, b), [2147395600]],
  ['pow 1, -1, 0 ** (2^40 + 1)', () => [T([1, -1, 0])], (a) => torch.pow(a, 2 ** 40 + 1), [1, -1, 0]],
  ['pow 2 ** [0, 30] (int64, as PyTorch)', () => [T([0, 30])], (a) => torch.pow(2, a), [1, 1073741824]],
  ['bitwise_left_shift -1 << 31', () => [T([-1])], (a) => torch.bitwise_left_shift(a, 31), [MIN]],
  ['bitwise_left_shift 1 << 30', () => [T([1]), T([30])], (a, b) => torch.bitwise_left_shift(a, b), [1073741824]],
  ['bitwise_left_shift 4 << 62 (0 in 64 bits)', () => [T([4]), T([62])], (a, b) => torch.bitwise_left_shift(a, b), [0]],
  // counts taken mod 64, as PyTorch on x86: [1, -8, 3] << [64, -1, 65] is [1, 0, 6], >> is [1, -1, 1]
  ['bitwise_left_shift, counts mod 64', () => [T([1, -8, 3]), T([64, -1, 65])], (a, b) => torch.bitwise_left_shift(a, b), [1, 0, 6]],
  ['bitwise_right_shift, counts mod 64', () => [T([1, -8, 3]), T([64, -1, 65])], (a, b) => torch.bitwise_right_shift(a, b), [1, -1, 1]],
  ['gcd(min, 6)', () => [T([MIN]), T([6])], (a, b) => torch.gcd(a, b), [2]],
  ['lcm(65536, 32767)', () => [T([65536]), T([32767])], (a, b) => torch.lcm(a, b), [2147418112]],
  ['sum max + 1 - 1 (int64 partial sums)', () => [T([MAX, 1, -1])], (a) => torch.sum(a), MAX],
  ['sum along a dim', () => [T([[MAX, 1], [-1, -MAX]])], (a) => torch.sum(a, 0), [2147483646, -2147483646]],
  ['prod with a zero after 2^48', () => [T([65536, 65536, 65536, 0])], (a) => torch.prod(a), 0],
  ['prod -65536 · 32768', () => [T([-65536, 32768])], (a) => torch.prod(a), MIN],
  ['cumsum', () => [T([MAX, -1, 1])], (a) => torch.cumsum(a, 0), [MAX, 2147483646, MAX]],
  ['cumprod (int64, as PyTorch)', () => [T([-65536, 32768])], (a) => torch.cumprod(a, 0), [-65536, MIN]],
  ['nansum', () => [T([MAX, 1, -1])], (a) => torch.nansum(a), MAX],
  ['trace', () => [T([[MAX, 5], [6, -1]])], (a) => torch.trace(a), 2147483646],
  ['dot (int64, as PyTorch)', () => [T([65536, -65536, 3]), T([65536, 65536, 4])], (a, b) => torch.dot(a, b), 12],
  ['add, alpha (one exact step)', () => [T([-1]), T([65536])], (a, b) => torch.add(a, b, { alpha: 32768 }), [MAX]],
  ['sub, alpha', () => [T([0]), T([65536])], (a, b) => torch.sub(a, b, { alpha: 32768 }), [MIN]],
  ['arange to the edge', () => [], () => torch.arange(2147483645, 2147483648), [2147483645, 2147483646, MAX]],
  ['linspace edge to edge', () => [], () => torch.linspace(MIN, MAX, 3, { dtype: I }), [MIN, 0, MAX]],
  ['index_add (exact: it went through float32)', () => [T([-1]), T([0, 0]), T([MAX, 1])], (a, b, c) => a.index_add(0, b, c), [MAX]],
  ['scatter_reduce sum', () => [T([-1]), T([0, 0]), T([MAX, 1])], (a, b, c) => a.scatter_reduce(0, b, c, 'sum'), [MAX]],
  ['scatter_reduce mean floors', () => [torch.zeros(1, { dtype: I }), T([0, 0]), T([-7, 0])], (a, b, c) => a.scatter_reduce(0, b, c, 'mean'), [-3]],
  ['clamp with bounds past the words', () => [T([5, -3])], (a) => torch.clamp(a, -(2 ** 40), 2 ** 40), [5, -3]],
];

describe('int64 results that fit are exact (PyTorch 1.13\'s values)', () => {
  for (const [name, inputs, call, want] of FITS) {
    it(name, () => {
      const a = inputs();
      const before = live();
      const r = call(...a);
      expect(r.dtype).toBe(I);
      expect(r.tolist()).toEqual(want);
      r.dispose();
      expect(live()).toBe(before);
    });
  }
});

describe('creation at the edges of the words', () => {
  it('randint and random_ over all of int32 draw as PyTorch (high - low = 2^32 was a division by zero in the kernel)', () => {
    const want = [398764591, 1478610112, 1537364731, 1491434855, 530702035, -496576782]; // PyTorch 1.13, seed 0
    torch.manual_seed(0);
    expect(torch.randint(MIN, 2 ** 31, [6]).tolist()).toEqual(want);
    torch.manual_seed(0);
    expect(torch.zeros(6, { dtype: I }).random_(MIN, 2 ** 31).tolist()).toEqual(want);
    expect(error(() => torch.zeros(2, { dtype: I }).random_(5, 5))).toEqual(['RangeError', "random_ expects 'from' to be less than 'to', but got from=5 >= to=5"]);
  });
});

describe('a failing in-place op or out= changes nothing', () => {
  // [case, x's values, other inputs, the call, the op its error names]
  const cases: [string, number[], () => Tensor[], (x: Tensor, ...a: Tensor[]) => unknown, string][] = [
    ['add_', [1, 2, 3, 4, 5, MAX], () => [], (x) => x.add_(1), 'add'],
    ['add_ of a tensor', [1, 2, 3, 4, 5, MAX], () => [T([0, 0, 0, 0, 0, 1])], (x, a) => x.add_(a), 'add'],
    ['sub_, alpha', [1, 2, 3, 4, 5, MAX], () => [T([1])], (x, a) => x.sub_(a, { alpha: -1 }), 'sub'],
    ['mul_', [1, 2, 3, 4, 5, MAX], () => [], (x) => x.mul_(2), 'mul'],
    ['neg_', [1, 2, 3, 4, 5, MIN], () => [], (x) => x.neg_(), 'neg'],
    ['abs_', [1, 2, 3, 4, 5, MIN], () => [], (x) => x.abs_(), 'abs'],
    ['pow_', [1, 2, 3, 4, 5, 65536], () => [], (x) => x.pow_(2), 'pow'],
    ['floor_divide_', [1, 2, 3, 4, 5, MIN], () => [], (x) => x.floor_divide_(-1), 'floor_divide'],
    ['bitwise_left_shift_', [1, 2, 3, 4, 5, 1 << 30], () => [], (x) => x.bitwise_left_shift_(1), 'bitwise_left_shift'],
    ['cumsum_', [1, 2, 3, 4, 5, MAX], () => [], (x) => x.cumsum_(0), 'cumsum'],
    ['cumprod_', [1, 2, 3, 4, 5, 1 << 25], () => [], (x) => x.cumprod_(0), 'cumprod'],
    ['index_add_', [1, 2, 3, 4, 5, MAX], () => [T([5]), T([1])], (x, i, v) => x.index_add_(0, i, v), 'index_add'],
    ['square_', [1, 2, 3, 4, 5, 46341], () => [], (x) => x.square_(), 'square'],
    ['torch.add out=', [1, 2, 3, 4, 5, MAX], () => [], (x) => torch.add(x, 1, { out: x }), 'add'],
    ['torch.mul out=', [1, 2, 3, 4, 5, 65536], () => [], (x) => torch.mul(x, x, { out: x }), 'mul'],
    ['torch.sub out= another tensor', [1, 2, 3, 4, 5, 6], () => [T([0, 0, 0, 0, 0, MIN])], (x, a) => torch.sub(a, 1, { out: x }), 'sub'],
  ];
  for (const [name, values, inputs, call, op] of cases) {
    it(name, () => {
      const x = T(values);
      const a = inputs();
      const v = x._version;
      const before = live();
      expect(error(() => call(x, ...a))).toEqual(['RangeError', over(op)]);
      expect(x.tolist()).toEqual(values);
      expect(x._version).toBe(v);
      expect(x.grad_fn).toBe(null);
      expect(live()).toBe(before);
    });
  }

  it('a view written in place leaves its base and the base\'s version as they were', () => {
    const base = T([[1, 2], [MAX, 4]]);
    const row = base.select(0, 1);
    const v = base._version;
    expect(error(() => row.add_(T([1, 0])))).toEqual(['RangeError', over('add')]);
    expect(base.tolist()).toEqual([[1, 2], [MAX, 4]]);
    expect(base._version).toBe(v);
  });
});

describe('long int64 ops with threads on', () => {
  const saved = { unary: UNARY_PARALLEL_MIN, binary: BINARY_PARALLEL_MIN };
  beforeAll(async () => {
    _setTesting({ adaptive: false, callerWorks: false });
    _setFlatParallelMin(1, 1, 1);
    torch.set_num_threads(2);
    await torch.threads_ready();
  });
  afterAll(() => {
    torch.set_num_threads(1);
    _setFlatParallelMin(saved.unary, saved.binary);
    _setTesting({ adaptive: true, callerWorks: true });
  });

  it('report an out-of-range result wherever it is (int64 ops run on the calling thread: no chunk to lose a flag)', () => {
    const n = (1 << 18) + 7;
    for (const at of [0, 1 << 16, n - 5, n - 1]) {
      const a = torch.arange(n).remainder(1000);
      const b = a.clone();
      a.index_put_([T([at])], T(MAX));
      const jobs = stats.jobs;
      expect(error(() => a.add(b.add(1)))).toEqual(['RangeError', over('add')]);
      expect(error(() => a.mul(2))).toEqual(['RangeError', over('mul')]);
      expect(error(() => a.mul(b.add(2)))).toEqual(['RangeError', over('mul')]);
      expect(error(() => a.add(1).sum())).toEqual(['RangeError', over('add')]);
      expect(error(() => a.sum())).toEqual(['RangeError', over('sum')]);
      expect(stats.jobs).toBe(jobs); // if int64 ops are ever split, each chunk must report its flag
      // the same ops without the large value fit, and the float ops beside them still split
      a.index_put_([T([at])], T(1));
      expect(a.add(b).sum().item()).toBe(Number(a.sum().item()) + Number(b.sum().item()));
      a.float().add(1);
      expect(stats.jobs).toBeGreaterThan(jobs);
    }
  });
});
