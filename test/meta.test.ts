// metaBroadcast writes the same meta block as collapse() + meta() did (the allocation-free path
// of the elementwise ops), over random shapes, broadcasts, views and up to four operands.
import { describe, it, expect } from 'vitest';
import { I32, meta, metaBroadcast } from '../src/backend/wasm.js';
import { broadcastStrides, collapse, contiguousStrides } from '../src/ops/util.js';

function block(addr: number): number[] {
  const m = I32();
  const p = addr >> 2;
  return Array.from(m.subarray(p, p + 1 + m[p] * 5)); // ndim, shape and up to 4 operands' strides
}

let seed = 7;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };

describe('metaBroadcast', () => {
  it('equals collapse + meta for random operands', () => {
    for (let trial = 0; trial < 3000; trial++) {
      const n = rnd(5);
      const shape = Array.from({ length: n }, () => [1, 1, 2, 3, 4][rnd(5)]);
      const k = 1 + rnd(4);
      const ops: { s: number[]; t: number[] | null }[] = [];
      for (let j = 0; j < k; j++) {
        if (rnd(4) === 0) { ops.push({ s: shape, t: null }); continue; }
        // a broadcastable operand: drop leading dims, set some dims to 1, permute-ish strides
        const lead = rnd(n + 1);
        const s = shape.slice(lead).map((d) => (rnd(3) === 0 ? 1 : d));
        let t = contiguousStrides(s);
        if (rnd(2) === 0) t = t.map((x, i) => (rnd(3) === 0 ? x * 2 + i : x));
        if (rnd(3) === 0) t = t.reverse();
        ops.push({ s, t });
      }
      const strides = ops.map((o) => (o.t === null ? contiguousStrides(shape) : broadcastStrides(o.s, o.t, shape)));
      const [cs, cst] = collapse(shape, strides);
      const want = block(meta(cs, ...cst));
      const got = block((metaBroadcast as (...x: unknown[]) => number)(shape, ...ops.flatMap((o) => [o.s, o.t])));
      expect(got, JSON.stringify({ shape, ops })).toEqual(want);
    }
  });
});
