// What PyTorch 1.13 does with int64 and bool tensors in ~170 ops (scripts/gen-dtype-rules.py): the result's dtype and
// values, or PyTorch's error. Floats computed from int input are compared to within 4e-7 relative: PyTorch runs its
// scalar libm for casted input where tocha runs the vector kernels it mirrors for float32 input (1 ulp apart at most).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';

interface Case { op: string; input: 'L' | 'B'; dtype?: string; values?: unknown; error?: string }
const J = JSON.parse(readFileSync(new URL('./fixtures/dtype-rules.json', import.meta.url), 'utf8')) as {
  inputs: Record<string, number[][] | boolean[][]>; functional: string[]; cases: Case[];
};

// Where tocha knowingly differs, and why (a case listed here that starts to agree fails, so the list stays true).
const KNOWN: Record<string, string> = {
  'logsumexp/L': 'logsumexp without dim: tocha names the missing argument; PyTorch lists its overloads',
  'logsumexp/B': 'logsumexp without dim: tocha names the missing argument; PyTorch lists its overloads',
  'float_power/L': 'float_power: float64 in PyTorch, float32 here (README, What differs)',
  'float_power/B': 'float_power: float64 in PyTorch, float32 here (README, What differs)',
  'bitwise_left_shift/L': "-2 << 62 is int64's minimum in PyTorch: outside tocha's 32-bit int64 words, a RangeError",
};

const FN = new Set(J.functional);
function run(c: Case): { dtype?: string; values?: unknown; error?: string } {
  const x = torch.tensor(J.inputs[c.input] as number[][]);
  const T = torch as unknown as Record<string, (...a: unknown[]) => unknown>;
  const f = FN.has(c.op) ? (torch.nn.functional as unknown as Record<string, (...a: unknown[]) => unknown>)[c.op] : T[c.op];
  const n = c.op;
  let args: unknown[] = [x];
  if (['softmax', 'log_softmax', 'cumsum', 'cumprod', 'logcumsumexp', 'cummax', 'cummin'].includes(n)) args = [x, 1];
  else if (n === 'flip') args = [x, [0]];
  else if (n === 'clamp') args = x.dtype === torch.bool ? [x, false, true] : [x, 0, 3];
  else if (n === 'clamp_min' || n === 'clamp_max') args = [x, 1];
  else if (n === 'histc' || n === 'bincount') args = [x.flatten()];
  else if (n === 'lerp') args = [x, x, 0.5];
  else if (n === 'dot') args = [x.select(0, 0), x.select(0, 1)];
  else if (n === 'mm' || n === 'matmul') args = [x, x.t()];
  else if (n === 'inner' || n === 'outer' || n === 'cross' || n === 'cdist' || n === 'dist' || n === 'kron') args = [x, x];
  else if (J.cases.filter((k) => k.op === n).length && ['floor_divide', 'remainder', 'fmod', 'pow', 'xlogy', 'atan2', 'hypot',
    'copysign', 'nextafter', 'ldexp', 'maximum', 'minimum', 'fmax', 'fmin', 'div', 'true_divide', 'mul', 'add', 'sub',
    'bitwise_and', 'bitwise_or', 'bitwise_xor', 'bitwise_left_shift', 'bitwise_right_shift', 'logical_and', 'logical_or',
    'logical_xor', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'gcd', 'lcm', 'heaviside', 'logaddexp', 'logaddexp2'].includes(n)) args = [x, x];
  try {
    let r = f(...args) as Tensor | Tensor[] | { values: Tensor };
    if (Array.isArray(r)) r = r[0];
    else if (!(r instanceof torch.Tensor) && (r as { values?: Tensor }).values) r = (r as { values: Tensor }).values;
    const t = r as Tensor;
    return { dtype: String(t.dtype).replace('torch.', ''), values: t.tolist() };
  } catch (e) {
    return { error: (e as Error).message.split('\n')[0] };
  }
}

function same(got: ReturnType<typeof run>, want: Case): boolean {
  if (want.error !== undefined || got.error !== undefined) return got.error === want.error;
  if (got.dtype !== want.dtype) return false;
  const g = [got.values].flat(9) as (number | boolean)[];
  const w = [want.values].flat(9) as (number | boolean | null)[];
  if (g.length !== w.length) return false;
  return g.every((a, i) => {
    const b = w[i];
    if (b === null) return typeof a === 'number' && !Number.isFinite(a);
    if (typeof b === 'boolean' || want.dtype !== 'float32') return a === b;
    return Math.abs((a as number) - b) <= 4e-7 * Math.max(1, Math.abs(b));
  });
}

describe('int64 and bool tensors in the ops, as PyTorch 1.13 (dtype and values, or its error)', () => {
  for (const c of J.cases) {
    const id = `${c.op}/${c.input}`;
    it(id, () => {
      const got = run(c);
      if (KNOWN[id]) expect(same(got, c), `${id} agrees with PyTorch now: remove it from KNOWN`).toBe(false);
      else expect(got).toEqual(c.error !== undefined ? { error: c.error } : { dtype: c.dtype, values: got.values }) as void;
      if (!KNOWN[id]) expect(same(got, c), `${id}: got ${JSON.stringify(got)}, PyTorch ${JSON.stringify(c)}`).toBe(true);
    });
  }
});
