// Elementwise, reduction, scan, softmax and indexing kernels against plain loops: lengths that are
// not a multiple of 4, odd and negative strides, broadcasts, unaligned pointers and empty inputs.
import {
  unary_f32, unary_grad_f32, binary_f32, binary_i32, copy_strided, where_32, range_i32, unaryScalar, unaryGradScalar,
  binaryScalarF, binaryScalarI, wideScalarI,
} from "../elementwise";
import { reduce_32, sum_rows_f32, cumsum_f32, cumprod_i32, dot_i32, softmax_f32 } from "../reduce";
import { softmax_backward_f32 } from "../backward";
import {
  index_select_32, index_add_f32, gather_32, scatter_add_f32, tri_32, mask_count_32, masked_select_32, masked_scatter_32,
} from "../indexing";

const META: usize = heap.alloc(256);

function buf(n: i32, offsetBytes: usize = 0): usize {
  return heap.alloc(<usize>(n * 4) + 16) + offsetBytes;
}

function setMeta(shape: i32[], strides: i32[][]): usize {
  store<i32>(META, shape.length);
  let p = META + 4;
  for (let i = 0; i < shape.length; i++) { store<i32>(p, shape[i]); p += 4; }
  for (let k = 0; k < strides.length; k++) {
    for (let i = 0; i < shape.length; i++) { store<i32>(p, strides[k][i]); p += 4; }
  }
  return META;
}

@inline function f(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
@inline function setf(p: usize, i: i32, v: f32): void { store<f32>(p + (<usize>i << 2), v); }
@inline function gi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
@inline function seti(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }

function fillSeq(p: usize, n: i32, scale: f32 = 0.25, shift: f32 = -3): void {
  for (let i = 0; i < n; i++) setf(p, i, <f32>i * scale + shift);
}

describe("unary_f32", () => {
  it("neg/abs/relu/square over odd lengths and unaligned pointers, vector and tail alike", () => {
    for (let n = 0; n < 23; n++) {
      const a = buf(n, 4);
      const o = buf(n, 8);
      fillSeq(a, n);
      unary_f32(12 /* relu */, o, a, setMeta([n], [[1]]), 0, 0);
      for (let i = 0; i < n; i++) expect<f32>(f(o, i)).toBe(max<f32>(f(a, i), 0));
      unary_f32(13 /* square */, o, a, setMeta([n], [[1]]), 0, 0);
      for (let i = 0; i < n; i++) expect<f32>(f(o, i)).toBe(f(a, i) * f(a, i));
    }
  });
  it("every op's own vector loop gives the scalar reference's bits, in the vector part and the tail", () => {
    // op codes of the specialised loops and a few that share the generic loop
    const ops: i32[] = [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 24, 25, 26, 40, 37, 58, 8, 14, 17, 31, 36];
    const n = 37;
    const a = buf(n, 4);
    const o = buf(n, 8);
    for (let i = 0; i < n; i++) setf(a, i, <f32>(i - 18) * <f32>0.6180339 + <f32>0.01);
    setf(a, 3, NaN);
    setf(a, 5, -0.0);
    setf(a, 7, -95.5); // a subnormal sigmoid
    setf(a, 9, Infinity);
    setf(a, 30, -Infinity);
    for (let k = 0; k < ops.length; k++) {
      const op = ops[k];
      unary_f32(op, o, a, setMeta([n], [[1]]), 0.5, 2);
      for (let i = 0; i < n; i++) {
        const want = unaryScalar(op, f(a, i), 0.5, 2);
        if ((op == 11 || op == 26 || op == 24 || op == 25) && i < 32) {
          // sigmoid, SiLU and GELU, as ATen: SLEEF's exp, erf or tanh on whole 16-float blocks, glibc's expf, erff or
          // tanhf (the scalar op) after them; both are within an ulp, so the results are within a few
          const got = f(o, i);
          expect<bool>(isNaN(got)).toBe(isNaN(want));
          if (!isNaN(got) && got != want) expect<f32>(abs<f32>(got - want)).toBeLessThanOrEqual(abs<f32>(want) * <f32>4e-7 + <f32>1e-44);
        } else if (op == 8 && i < 32) {
          // sin, as PyTorch: SLEEF's slow reduction for each 8-float vector with a NaN or an infinity (the first, second
          // and fourth here), which may give its other lanes another last bit than each float alone (the reference)
          const got = f(o, i);
          expect<bool>(isNaN(got)).toBe(isNaN(want));
          if (!isNaN(got) && got != want) expect<f32>(abs<f32>(got - want)).toBeLessThanOrEqual(abs<f32>(want) * <f32>2.4e-7);
        } else if (isNaN(want)) {
          // (a NaN's payload follows the operand order binaryen leaves in each inlined copy: not part of the result)
          expect<bool>(isNaN(f(o, i))).toBe(true);
        } else expect<u32>(reinterpret<u32>(f(o, i))).toBe(reinterpret<u32>(want));
      }
    }
  });
  it("gradient loops (own or shared) give the scalar rule's bits", () => {
    const ops: i32[] = [11, 10, 12, 3, 1, 13, 37, 24, 26];
    const n = 23;
    const x = buf(n, 4);
    const y = buf(n, 8);
    const g = buf(n, 12);
    const o = buf(n);
    for (let i = 0; i < n; i++) {
      setf(x, i, <f32>(i - 11) * <f32>0.37);
      setf(y, i, <f32>(i - 7) * <f32>0.11);
      setf(g, i, <f32>1.5 - <f32>i * <f32>0.25);
    }
    for (let k = 0; k < ops.length; k++) {
      const op = ops[k];
      unary_grad_f32(op, o, x, y, g, n, 0.5, 0);
      for (let i = 0; i < n; i++) {
        const want = unaryGradScalar(op, f(x, i), f(y, i), f(g, i), 0.5, 0);
        if (op == 26 && i < 16) {
          // SiLU, as ATen: SLEEF's exp on whole 16-float blocks, glibc's expf (the scalar rule) after them
          expect<f32>(abs<f32>(f(o, i) - want)).toBeLessThanOrEqual(abs<f32>(want) * <f32>4e-7 + <f32>1e-44);
        } else if (op == 24 && i < 16) {
          // GELU's, as ATen: SLEEF's erf and exp on a whole 16-float block (p0's bits: one row), glibc's after it, and
          // cdf + x·pdf fused there: a few ulps of its terms (up to ~|g|) apart
          expect<f32>(abs<f32>(f(o, i) - want)).toBeLessThanOrEqual((abs<f32>(want) + abs<f32>(f(g, i))) * <f32>4e-7);
        } else expect<f32>(f(o, i)).toBe(want);
      }
    }
  });
  it("reads a strided (transposed) operand", () => {
    // a is 3x5 row-major; read its transpose (5x3) with strides [1, 5]
    const a = buf(15);
    fillSeq(a, 15, 1, 0);
    const o = buf(15);
    unary_f32(1 /* neg */, o, a, setMeta([5, 3], [[1, 5]]), 0, 0);
    for (let r = 0; r < 5; r++) for (let c = 0; c < 3; c++) expect<f32>(f(o, r * 3 + c)).toBe(-f(a, c * 5 + r));
  });
  it("reads a flipped operand (negative stride)", () => {
    const a = buf(7);
    fillSeq(a, 7, 1, 0);
    const o = buf(7);
    unary_f32(0 /* copy */, o, a + 24, setMeta([7], [[-1]]), 0, 0);
    for (let i = 0; i < 7; i++) expect<f32>(f(o, i)).toBe(<f32>(<i32>6 - i));
  });
  it("clamp propagates NaN and leaky_relu uses its slope", () => {
    const a = buf(5);
    setf(a, 0, NaN); setf(a, 1, -2); setf(a, 2, 0.5); setf(a, 3, 9); setf(a, 4, -0.25);
    const o = buf(5);
    unary_f32(31 /* clamp */, o, a, setMeta([5], [[1]]), -1, 1);
    expect<bool>(isNaN(f(o, 0))).toBe(true);
    expect<f32>(f(o, 1)).toBe(-1);
    expect<f32>(f(o, 2)).toBe(0.5);
    expect<f32>(f(o, 3)).toBe(1);
    unary_f32(37 /* leaky_relu */, o, a, setMeta([5], [[1]]), 0.1, 0);
    expect<f32>(f(o, 1)).toBe(<f32>-2 * <f32>0.1);
    expect<f32>(f(o, 3)).toBe(9);
  });
  it("does nothing for an empty shape", () => {
    const o = buf(1);
    setf(o, 0, 42);
    unary_f32(1, o, o, setMeta([0, 3], [[3, 1]]), 0, 0);
    expect<f32>(f(o, 0)).toBe(42);
  });
});

@inline function fitsI(v: i64): bool { return v == <i64><i32>v; }

describe("binary_i32 vector lanes", () => {
  it("every op against binaryScalarI word by word, and the range flag against wideScalarI: contiguous and broadcast b, rows around the vector width, strided a", () => {
    const ops: i32[] = [0, 1, 2, 4, 5, 8, 9, 10, 11, 12, 13, 14, 19, 20, 21, 23, 24, 27, 28, 29, 16, 17, 18, 30, 31, 6, 32, 33, 49];
    const vals: i32[] = [0, 1, -1, 2, -3, 7, 2147483647, -2147483648, 65536, -65535, 5, 0, 3, 46341, -32768, 31, 1073741824];
    for (let k = 0; k < ops.length; k++) {
      const op = ops[k];
      for (let n = 0; n <= 13; n++) {
        const a = buf(2 * n + 1, 4);
        const b = buf(n + 1, 8);
        const o = buf(n + 4, 4);
        for (let i = 0; i < 2 * n + 1; i++) seti(a, i, vals[(i * 5 + k) % vals.length]);
        for (let i = 0; i < n + 1; i++) seti(b, i, vals[(i * 3 + 2 * k + 1) % vals.length]);
        for (let sbi = 0; sbi < 2; sbi++) {
          for (let sa = 1; sa <= 2; sa++) {
            for (let i = 0; i < n + 4; i++) seti(o, i, -7777);
            const flag = binary_i32(op, o, a, b, setMeta([n], [[sa], [sbi]]), 1);
            let want = 0;
            for (let i = 0; i < n; i++) {
              expect<i32>(gi(o, i)).toBe(binaryScalarI(op, gi(a, i * sa), gi(b, i * sbi)));
              if (!fitsI(wideScalarI(op, gi(a, i * sa), gi(b, i * sbi)))) want = 1;
            }
            expect<i32>(flag).toBe(want);
            for (let i = n; i < n + 4; i++) expect<i32>(gi(o, i)).toBe(-7777);
          }
        }
      }
    }
  });
  it("flags a lone out-of-range lane wherever it is, in the vector part or the tail, for add/sub/rsub/mul", () => {
    const n = 11;
    const a = buf(n, 4);
    const b = buf(n, 8);
    const o = buf(n, 4);
    const ops: i32[] = [0, 1, 14, 2];
    // (a, b) pairs one step past the range for each op, and one exactly at its edge
    const over: i32[][] = [[2147483647, 1], [-2147483648, 1], [1, -2147483648], [65536, 32768]];
    const edge: i32[][] = [[2147483646, 1], [-2147483647, 1], [0, -2147483647], [65536, 32767]];
    for (let k = 0; k < ops.length; k++) {
      for (let at = 0; at < n; at++) {
        for (let e = 0; e < 2; e++) {
          const pair = e == 0 ? over[k] : edge[k];
          for (let i = 0; i < n; i++) { seti(a, i, i == at ? pair[0] : 3 - i); seti(b, i, i == at ? pair[1] : i); }
          expect<i32>(binary_i32(ops[k], o, a, b, setMeta([n], [[1], [1]]), 1)).toBe(e == 0 ? 1 : 0);
          expect<i32>(gi(o, at)).toBe(binaryScalarI(ops[k], pair[0], pair[1]));
          // the same pair with b broadcast from one word
          for (let i = 0; i < n; i++) seti(b, i, pair[1]);
          for (let i = 0; i < n; i++) seti(a, i, i == at ? pair[0] : 0);
          expect<i32>(binary_i32(ops[k], o, a, b, setMeta([n], [[1], [0]]), 1)).toBe(e == 0 ? 1 : 0);
        }
      }
    }
  });
  it("mul by a broadcast scalar flags exactly the products outside i32, for every sign of the scalar", () => {
    const scalars: i32[] = [0, 1, -1, 2, -2, 3, -3, 46341, -46341, 65536, -65536, 2147483647, -2147483648];
    const xs: i32[] = [0, 1, -1, 2, -2, 715827882, 715827883, -715827882, -715827883, 1073741823, 1073741824,
      -1073741824, -1073741825, 46340, 46341, -46341, 32767, 32768, -32768, -32769, 2147483647, -2147483648];
    const a = buf(4);
    const b = buf(1);
    const o = buf(4);
    for (let k = 0; k < scalars.length; k++) {
      seti(b, 0, scalars[k]);
      for (let j = 0; j < xs.length; j++) {
        for (let i = 0; i < 4; i++) seti(a, i, i == 2 ? xs[j] : 0);
        const want = fitsI(<i64>xs[j] * <i64>scalars[k]) ? 0 : 1;
        expect<i32>(binary_i32(2, o, a, b, setMeta([4], [[1], [0]]), 1)).toBe(want);
        expect<i32>(gi(o, 2)).toBe(xs[j] * scalars[k]);
      }
    }
  });
  it("add/sub with alpha: a ± alpha·b in one exact step", () => {
    const a = buf(3);
    const b = buf(3);
    const o = buf(3);
    seti(a, 0, -1); seti(a, 1, 5); seti(a, 2, 0);
    seti(b, 0, 65536); seti(b, 1, 2); seti(b, 2, 65536);
    expect<i32>(binary_i32(0, o, a, b, setMeta([2], [[1], [1]]), 32768)).toBe(0); // -1 + 2^31 fits
    expect<i32>(gi(o, 0)).toBe(2147483647);
    expect<i32>(gi(o, 1)).toBe(65541);
    expect<i32>(binary_i32(1, o, a, b, setMeta([2], [[1], [1]]), 3)).toBe(0);
    expect<i32>(gi(o, 1)).toBe(-1);
    expect<i32>(binary_i32(0, o, a, b, setMeta([3], [[1], [1]]), 32768)).toBe(1); // 0 + 2^31 does not
    expect<i32>(binary_i32(1, o, a, b, setMeta([3], [[1], [1]]), -32768)).toBe(1);
  });
  it("exact int64 results: division edges, shifts, pow, gcd and lcm", () => {
    expect<i64>(wideScalarI(16, -2147483648, -1)).toBe(2147483648); // floor_divide: no trap
    expect<i64>(wideScalarI(49, -2147483648, -1)).toBe(2147483648); // trunc
    expect<i64>(wideScalarI(17, -2147483648, -1)).toBe(0); // remainder
    expect<i64>(wideScalarI(18, -2147483648, -1)).toBe(0); // fmod
    expect<i64>(wideScalarI(16, -7, 2)).toBe(-4);
    expect<i64>(wideScalarI(49, -7, 2)).toBe(-3);
    expect<i64>(wideScalarI(30, 1, 31)).toBe(2147483648); // 1 << 31
    expect<i64>(wideScalarI(30, -1, 31)).toBe(-2147483648);
    expect<i64>(wideScalarI(30, 4, 62)).toBe(0); // the bits leave int64 itself
    expect<bool>(fitsI(wideScalarI(30, 1, 32))).toBe(false);
    expect<i64>(wideScalarI(6, -2, 31)).toBe(-2147483648);
    expect<bool>(fitsI(wideScalarI(6, 2, 31))).toBe(false);
    expect<bool>(fitsI(wideScalarI(6, 3, 40))).toBe(false);
    expect<bool>(fitsI(wideScalarI(6, -2147483648, 2))).toBe(false);
    expect<i64>(wideScalarI(6, -1, 2147483647)).toBe(-1);
    expect<i64>(wideScalarI(32, -2147483648, 0)).toBe(2147483648); // gcd
    expect<i64>(wideScalarI(32, -2147483648, 6)).toBe(2);
    expect<i64>(wideScalarI(33, 65536, 65537)).toBe(4295032832); // lcm
    expect<i64>(wideScalarI(33, -4, 6)).toBe(12);
    expect<bool>(fitsI(wideScalarI(23, 2147483647, -2147483648))).toBe(false); // sqdiff
    expect<i64>(wideScalarI(23, 46340, 0)).toBe(2147395600);
    expect<i64>(wideScalarI(24, 2147483647, -2147483648)).toBe(4294967295); // absdiff
  });
});

describe("binary_f32 / binary_i32", () => {
  it("broadcasts a row, a column and a scalar", () => {
    const rows = 3;
    const cols = 7;
    const a = buf(rows * cols, 4);
    fillSeq(a, rows * cols);
    const r = buf(cols);
    fillSeq(r, cols, 2, 1);
    const c = buf(rows);
    fillSeq(c, rows, 3, -1);
    const o = buf(rows * cols);
    binary_f32(0 /* add */, o, a, r, setMeta([rows, cols], [[cols, 1], [0, 1]]));
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) expect<f32>(f(o, i * cols + j)).toBe(f(a, i * cols + j) + f(r, j));
    binary_f32(2 /* mul */, o, a, c, setMeta([rows, cols], [[cols, 1], [1, 0]]));
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) expect<f32>(f(o, i * cols + j)).toBe(f(a, i * cols + j) * f(c, i));
    binary_f32(1 /* sub */, o, r, a, setMeta([cols], [[0], [1]]));
    for (let j = 0; j < cols; j++) expect<f32>(f(o, j)).toBe(f(r, 0) - f(a, j));
  });
  it("add/sub/mul/div loops (tensor-tensor, tensor-scalar, scalar-tensor) match the scalar op", () => {
    const n = 23;
    const a = buf(n, 4);
    const b = buf(n, 12);
    const o = buf(n, 8);
    for (let i = 0; i < n; i++) { setf(a, i, <f32>i * <f32>0.37 - 3); setf(b, i, <f32>(n - i) * <f32>0.11 + <f32>0.5); }
    const ops: i32[] = [0, 1, 2, 3, 4, 14, 15, 23];
    for (let k = 0; k < ops.length; k++) {
      const op = ops[k];
      binary_f32(op, o, a, b, setMeta([n], [[1], [1]]));
      for (let i = 0; i < n; i++) expect<f32>(f(o, i)).toBe(binaryScalarF(op, f(a, i), f(b, i)));
      binary_f32(op, o, a, b, setMeta([n], [[1], [0]]));
      for (let i = 0; i < n; i++) expect<f32>(f(o, i)).toBe(binaryScalarF(op, f(a, i), f(b, 0)));
      binary_f32(op, o, a, b, setMeta([n], [[0], [1]]));
      for (let i = 0; i < n; i++) expect<f32>(f(o, i)).toBe(binaryScalarF(op, f(a, 0), f(b, i)));
    }
  });
  it("comparisons write 0/1 words and maximum propagates NaN", () => {
    const a = buf(6);
    const b = buf(6);
    for (let i = 0; i < 6; i++) { setf(a, i, <f32>i); setf(b, i, <f32>(<i32>5 - i)); }
    setf(a, 5, NaN);
    const o = buf(6);
    binary_f32(10 /* lt */, o, a, b, setMeta([6], [[1], [1]]));
    for (let i = 0; i < 5; i++) expect<i32>(gi(o, i)).toBe(i < 5 - i ? 1 : 0);
    expect<i32>(gi(o, 5)).toBe(0);
    binary_f32(4 /* maximum */, o, a, b, setMeta([6], [[1], [1]]));
    for (let i = 0; i < 5; i++) expect<f32>(f(o, i)).toBe(max<f32>(<f32>i, <f32>(<i32>5 - i)));
    expect<bool>(isNaN(f(o, 5))).toBe(true);
  });
  it("integer floor division and remainder follow Python's signs", () => {
    const a = buf(4);
    const b = buf(1);
    seti(a, 0, 7); seti(a, 1, -7); seti(a, 2, 6); seti(a, 3, -1);
    seti(b, 0, 2);
    const o = buf(4);
    binary_i32(16 /* floor_divide */, o, a, b, setMeta([4], [[1], [0]]), 1);
    expect<i32>(gi(o, 0)).toBe(3);
    expect<i32>(gi(o, 1)).toBe(-4);
    binary_i32(17 /* remainder */, o, a, b, setMeta([4], [[1], [0]]), 1);
    expect<i32>(gi(o, 1)).toBe(1);
    expect<i32>(gi(o, 3)).toBe(1);
  });
});

describe("copy_strided, where_32, range_i32", () => {
  it("copies into a strided destination and converts", () => {
    const src = buf(6);
    for (let i = 0; i < 6; i++) seti(src, i, i - 2);
    const dst = buf(12);
    for (let i = 0; i < 12; i++) setf(dst, i, -9);
    // write src (2x3 ints) as floats into every other column of a 2x6 destination
    copy_strided(1 /* i32 -> f32 */, dst, src, setMeta([2, 3], [[6, 2], [3, 1]]));
    for (let r = 0; r < 2; r++) {
      for (let c = 0; c < 6; c++) {
        const want: f32 = c % 2 == 0 ? <f32>(r * 3 + c / 2 - 2) : -9;
        expect<f32>(f(dst, r * 6 + c)).toBe(want);
      }
    }
  });
  it("selects by condition with broadcasting", () => {
    const cond = buf(5);
    const a = buf(5);
    const b = buf(1);
    for (let i = 0; i < 5; i++) { seti(cond, i, i % 2); setf(a, i, <f32>i); }
    setf(b, 0, -1);
    const o = buf(5);
    where_32(o, cond, a, b, setMeta([5], [[1], [1], [0]]));
    for (let i = 0; i < 5; i++) expect<f32>(f(o, i)).toBe(i % 2 == 1 ? <f32>i : -1);
  });
  it("finds the index range", () => {
    const a = buf(9);
    for (let i = 0; i < 9; i++) seti(a, i, (i * 7) % 11 - 3);
    const res = buf(2);
    range_i32(a, 9, res);
    let lo = i32.MAX_VALUE;
    let hi = i32.MIN_VALUE;
    for (let i = 0; i < 9; i++) { lo = min(lo, gi(a, i)); hi = max(hi, gi(a, i)); }
    expect<i32>(gi(res, 0)).toBe(lo);
    expect<i32>(gi(res, 1)).toBe(hi);
  });
});

describe("reductions", () => {
  it("sums trailing dims (contiguous and strided), argmax takes the first max", () => {
    const rows = 3;
    const n = 13;
    const a = buf(rows * n, 4);
    fillSeq(a, rows * n, 0.5, -4);
    const o = buf(rows);
    reduce_32(0 /* sum */, o, a, setMeta([rows, n], [[n, 1]]), 1);
    for (let r = 0; r < rows; r++) {
      let s: f64 = 0;
      for (let j = 0; j < n; j++) s += <f64>f(a, r * n + j);
      expect<f32>(f(o, r)).toBe(<f32>s);
    }
    // column sums through strides: keep dim of size n with stride 1, reduce rows with stride n
    const oc = buf(n);
    reduce_32(0, oc, a, setMeta([n, rows], [[1, n]]), 1);
    for (let j = 0; j < n; j++) {
      let s: f64 = 0;
      for (let r = 0; r < rows; r++) s += <f64>f(a, r * n + j);
      expect<f32>(f(oc, j)).toBe(<f32>s);
    }
    setf(a, 5, 100); setf(a, 9, 100);
    reduce_32(4 /* argmax */, o, a, setMeta([rows, n], [[n, 1]]), 1);
    expect<i32>(gi(o, 0)).toBe(5);
  });
  it("column sums of a contiguous block (bias gradients)", () => {
    const rows = 5;
    const cols = 9;
    const a = buf(rows * cols);
    fillSeq(a, rows * cols, 0.125, 1);
    const o = buf(cols);
    sum_rows_f32(o, a, rows, cols, 0);
    for (let j = 0; j < cols; j++) {
      let s: f32 = 0;
      for (let i = 0; i < rows; i++) s += f(a, i * cols + j);
      expect<f32>(f(o, j)).toBe(s);
    }
  });
  it("cumsum forward and reversed along the middle axis", () => {
    const a = buf(2 * 5 * 3);
    fillSeq(a, 30, 1, 0);
    const o = buf(30);
    cumsum_f32(o, a, 2, 5, 3, 0, 0);
    expect<f32>(f(o, 1 * 15 + 4 * 3 + 2)).toBe(f(a, 15 + 2) + f(a, 15 + 5) + f(a, 15 + 8) + f(a, 15 + 11) + f(a, 15 + 14));
    cumsum_f32(o, a, 2, 5, 3, 1, 0);
    expect<f32>(f(o, 0)).toBe(f(a, 0) + f(a, 3) + f(a, 6) + f(a, 9) + f(a, 12));
  });
  it("softmax rows sum to 1, survive huge inputs, and its gradient is orthogonal to 1", () => {
    const n = 7;
    const a = buf(2 * n);
    fillSeq(a, 2 * n, 40, 1000);
    const y = buf(2 * n);
    softmax_f32(y, a, 2, n, 1, 0, 1);
    for (let r = 0; r < 2; r++) {
      let s: f64 = 0;
      for (let j = 0; j < n; j++) { expect<bool>(isFinite(f(y, r * n + j))).toBe(true); s += <f64>f(y, r * n + j); }
      expect<f64>(Math.abs(s - 1)).toBeLessThan(1e-6);
    }
    const g = buf(2 * n);
    fillSeq(g, 2 * n, 0.3, -1);
    const dx = buf(2 * n);
    softmax_backward_f32(dx, y, g, 2, n, 1, 0, 1);
    let s: f64 = 0;
    for (let j = 0; j < n; j++) s += <f64>f(dx, j);
    expect<f64>(Math.abs(s)).toBeLessThan(1e-5);
  });
});

describe("int64 range flags", () => {
  it("integer sums and products are exact: partial sums may leave i32, a product past it comes back only through a zero", () => {
    const a = buf(5);
    const o = buf(2);
    seti(a, 0, 2147483647); seti(a, 1, 1); seti(a, 2, -1); seti(a, 3, 2147483647); seti(a, 4, -2147483647);
    expect<i32>(reduce_32(6 /* sum_i32 */, o, a, setMeta([5], [[1]]), 0)).toBe(0);
    expect<i32>(gi(o, 0)).toBe(2147483647);
    expect<i32>(reduce_32(6, o, a, setMeta([2], [[1]]), 0)).toBe(1); // 2^31
    // two rows: the second overflows alone
    seti(a, 0, 3); seti(a, 1, -3); seti(a, 2, 2147483647); seti(a, 3, 1);
    expect<i32>(reduce_32(6, o, a, setMeta([2, 2], [[2, 1]]), 1)).toBe(1);
    expect<i32>(gi(o, 0)).toBe(0);
    seti(a, 0, 65536); seti(a, 1, 65536); seti(a, 2, -3); seti(a, 3, 0); seti(a, 4, 5);
    expect<i32>(reduce_32(7 /* prod_i32 */, o, a, setMeta([5], [[1]]), 0)).toBe(0);
    expect<i32>(gi(o, 0)).toBe(0);
    expect<i32>(reduce_32(7, o, a, setMeta([3], [[1]]), 0)).toBe(1);
    seti(a, 0, -65536); seti(a, 1, 32768);
    expect<i32>(reduce_32(7, o, a, setMeta([2], [[1]]), 0)).toBe(0);
    expect<i32>(gi(o, 0)).toBe(-2147483648);
    seti(a, 2, -1);
    expect<i32>(reduce_32(7, o, a, setMeta([3], [[1]]), 0)).toBe(1); // 2^31
  });
  it("cumsum and cumprod flag the first running value outside i32, and keep the rest exact", () => {
    const a = buf(4);
    const o = buf(4);
    seti(a, 0, 2147483647); seti(a, 1, -1); seti(a, 2, 1); seti(a, 3, 1);
    expect<i32>(cumsum_f32(o, a, 1, 3, 1, 0, 1)).toBe(0);
    expect<i32>(gi(o, 2)).toBe(2147483647);
    expect<i32>(cumsum_f32(o, a, 1, 4, 1, 0, 1)).toBe(1);
    expect<i32>(cumsum_f32(o, a, 1, 4, 1, 1, 1)).toBe(1); // reversed: 1, 2, 1, then 2^31
    expect<i32>(cumsum_f32(o, a, 1, 3, 1, 1, 1)).toBe(0); // reversed: 1, 0, 2^31 - 1
    expect<i32>(gi(o, 0)).toBe(2147483647);
    // (outer, n, inner) = (2, 5, 3), forward and reversed, against plain loops
    const b = buf(30);
    const ob = buf(30);
    for (let i = 0; i < 30; i++) seti(b, i, (i * 7919) % 23 - 11);
    for (let rev = 0; rev < 2; rev++) {
      expect<i32>(cumsum_f32(ob, b, 2, 5, 3, rev, 1)).toBe(0);
      for (let o2 = 0; o2 < 2; o2++) {
        for (let k = 0; k < 3; k++) {
          let s = 0;
          for (let t = 0; t < 5; t++) {
            const j = rev ? 4 - t : t;
            s += gi(b, (o2 * 5 + j) * 3 + k);
            expect<i32>(gi(ob, (o2 * 5 + j) * 3 + k)).toBe(s);
          }
        }
      }
    }
    seti(a, 0, -65536); seti(a, 1, 32768); seti(a, 2, 1); seti(a, 3, -1);
    expect<i32>(cumprod_i32(o, a, 1, 3, 1)).toBe(0);
    expect<i32>(gi(o, 1)).toBe(-2147483648);
    expect<i32>(cumprod_i32(o, a, 1, 4, 1)).toBe(1);
  });
  it("dot_i32 sums exactly past i64's partial sums", () => {
    const a = buf(13);
    const b = buf(13);
    const r = buf(1);
    // four products of 2^62 (the partial sum reaches 2^64, past i64), eight of -2^61, then 5
    for (let i = 0; i < 12; i++) { seti(a, i, -2147483648); seti(b, i, i < 4 ? -2147483648 : 1073741824); }
    seti(a, 12, 5); seti(b, 12, 1);
    expect<i32>(dot_i32(r, a, 1, b, 1, 13)).toBe(0);
    expect<i32>(gi(r, 0)).toBe(5);
    expect<i32>(dot_i32(r, a, 1, b, 1, 11)).toBe(1); // 2^61
    const n = 8;
    for (let i = 0; i < n; i++) { seti(a, i, i < 4 ? 65536 : -65536); seti(b, i, 65536); }
    expect<i32>(dot_i32(r, a, 1, b, 1, n)).toBe(0);
    expect<i32>(gi(r, 0)).toBe(0);
    seti(a, 7, 3); seti(b, 7, -5);
    expect<i32>(dot_i32(r, a, 1, b, 1, n)).toBe(1); // 2^32 - 15
    // strided: every other word of a
    for (let i = 0; i < n; i++) { seti(a, i, i); seti(b, i, 2); }
    expect<i32>(dot_i32(r, a, 2, b, 1, 4)).toBe(0);
    expect<i32>(gi(r, 0)).toBe(2 * (0 + 2 + 4 + 6));
  });
  it("copy_strided's neg and abs flag -2^31", () => {
    const a = buf(5);
    const o = buf(5);
    for (let i = 0; i < 5; i++) seti(a, i, i - 2);
    expect<i32>(copy_strided(6, o, a, setMeta([5], [[1], [1]]))).toBe(0);
    expect<i32>(gi(o, 0)).toBe(2);
    for (let at = 0; at < 5; at++) { // in the vector part and in the tail
      for (let i = 0; i < 5; i++) seti(a, i, i == at ? -2147483648 : i - 2);
      expect<i32>(copy_strided(6, o, a, setMeta([5], [[1], [1]]))).toBe(1);
      expect<i32>(copy_strided(7, o, a, setMeta([5], [[1], [1]]))).toBe(1);
      expect<i32>(copy_strided(7, o, a, setMeta([2], [[1], [2]]))).toBe(at == 0 || at == 2 ? 1 : 0); // strided
      expect<i32>(copy_strided(8, o, a, setMeta([5], [[1], [1]]))).toBe(0); // sign
      expect<i32>(gi(o, at)).toBe(-1);
    }
    for (let i = 0; i < 5; i++) seti(a, i, i - 2);
    seti(a, 3, -2147483648);
    seti(a, 3, -2147483647);
    expect<i32>(copy_strided(7, o, a, setMeta([5], [[1], [1]]))).toBe(0);
    expect<i32>(gi(o, 3)).toBe(2147483647);
  });
});

describe("indexing", () => {
  it("index_select and index_add are each other's adjoint", () => {
    const src = buf(4 * 3);
    fillSeq(src, 12, 1, 0);
    const idx = buf(5);
    seti(idx, 0, 3); seti(idx, 1, 0); seti(idx, 2, 3); seti(idx, 3, 1); seti(idx, 4, 2);
    const out = buf(5 * 3);
    index_select_32(out, src, idx, 1, 4, 5, 3);
    for (let j = 0; j < 5; j++) for (let k = 0; k < 3; k++) expect<f32>(f(out, j * 3 + k)).toBe(f(src, gi(idx, j) * 3 + k));
    const acc = buf(12);
    for (let i = 0; i < 12; i++) setf(acc, i, 0);
    index_add_f32(acc, idx, out, 1, 4, 5, 3);
    expect<f32>(f(acc, 3 * 3 + 1)).toBe(2 * f(src, 3 * 3 + 1));
    expect<f32>(f(acc, 2 * 3 + 2)).toBe(f(src, 2 * 3 + 2));
  });
  it("gather and scatter_add along the middle axis", () => {
    const src = buf(2 * 4 * 3);
    fillSeq(src, 24, 1, 0);
    const idx = buf(2 * 2 * 3);
    for (let i = 0; i < 12; i++) seti(idx, i, (i * 5) % 4);
    const out = buf(12);
    gather_32(out, src, idx, 2, 4, 2, 3);
    for (let o = 0; o < 2; o++) for (let j = 0; j < 2; j++) for (let k = 0; k < 3; k++) {
      const p = (o * 2 + j) * 3 + k;
      expect<f32>(f(out, p)).toBe(f(src, (o * 4 + gi(idx, p)) * 3 + k));
    }
    const dst = buf(24);
    for (let i = 0; i < 24; i++) setf(dst, i, 0);
    scatter_add_f32(dst, idx, out, 2, 4, 2, 3);
    let total: f32 = 0;
    for (let i = 0; i < 24; i++) total += f(dst, i);
    let want: f32 = 0;
    for (let i = 0; i < 12; i++) want += f(out, i);
    expect<f32>(total).toBe(want);
  });
  it("mask_count, masked_select and masked_scatter against plain loops: lengths 0-40, unaligned, every density", () => {
    for (let n = 0; n <= 40; n++) {
      for (let pattern = 0; pattern < 5; pattern++) {
        const mask = buf(n, 4);
        const src = buf(n, 8);
        let want = 0;
        for (let i = 0; i < n; i++) {
          const on = pattern == 0 ? 0 : pattern == 1 ? 1 : pattern == 2 ? i & 1
            : pattern == 3 ? ((i * 7 + 3) % 5 < 2 ? 1 : 0) : (i * 0x9e3779b1) >>> 31;
          seti(mask, i, on);
          want += on;
          setf(src, i, <f32>i + 0.5);
        }
        expect<i32>(mask_count_32(mask, n)).toBe(want);
        // four sentinel words past the end: the packing swizzles must not write there
        const out = buf(want + 4, 12);
        for (let i = 0; i < want + 4; i++) seti(out, i, -7);
        masked_select_32(out, src, mask, n, want);
        let k = 0;
        for (let i = 0; i < n; i++) {
          if (gi(mask, i) != 0) {
            expect<f32>(f(out, k)).toBe(f(src, i));
            k++;
          }
        }
        for (let i = want; i < want + 4; i++) expect<i32>(gi(out, i)).toBe(-7);
        // and back: the selected places get the packed words in order, the others (and past n) stay
        const back = buf(n + 4, 4);
        for (let i = 0; i < n + 4; i++) seti(back, i, -1);
        masked_scatter_32(back, mask, out, n, want);
        for (let i = 0; i < n; i++) expect<i32>(gi(back, i)).toBe(gi(mask, i) != 0 ? gi(src, i) : -1);
        for (let i = n; i < n + 4; i++) expect<i32>(gi(back, i)).toBe(-1);
      }
    }
  });
  it("tril keeps the lower triangle with a diagonal offset", () => {
    const a = buf(2 * 3 * 4);
    fillSeq(a, 24, 1, 1);
    const o = buf(24);
    tri_32(o, a, 2, 3, 4, 1, 0);
    for (let b = 0; b < 2; b++) for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) {
      const p = (b * 3 + i) * 4 + j;
      expect<f32>(f(o, p)).toBe(j - i <= 1 ? f(a, p) : 0);
    }
  });
});
