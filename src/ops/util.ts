// Shape arithmetic shared by the ops: broadcasting, dims, strides, collapsing.

export type Shape = readonly number[];

export function numelOf(shape: Shape): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

export function contiguousStrides(shape: Shape): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    st[d] = s;
    s *= Math.max(shape[d], 1); // PyTorch's: a size-0 dim counts as 1 (torch.empty(2, 0, 3).stride() is (3, 3, 1))
  }
  return st;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** ATen's name of a dtype in its messages: Float, Long, Bool. */
export function scalarName(dt: { name: string }): string {
  return dt.name === 'float32' ? 'Float' : dt.name === 'int64' ? 'Long' : 'Bool';
}

export function fmtShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Wraps a possibly negative dim into [0, ndim), with PyTorch's error. */
export function normDim(dim: number, ndim: number, allowScalar = true): number {
  const n = ndim === 0 && allowScalar ? 1 : ndim;
  // (a str is a dim name to PyTorch, for the ops with a named overload; tocha's tensors have no names)
  if (typeof dim === 'string') throw new Error(`Name '${dim}' not found in Tensor[${new Array(ndim).fill('None').join(', ')}].`);
  if (!Number.isInteger(dim)) {
    // (a 0-d integer tensor is an int to PyTorch's parser: x.transpose(torch.tensor(0), 1))
    const t = dim as unknown as { _shape?: number[]; dtype?: { name: string }; item?: () => number };
    if (t?._shape?.length !== 0 || t.dtype?.name !== 'int64') throw new TypeError(`dim must be an integer, got ${dim}`);
    dim = t.item!();
  }
  if (dim < -n || dim >= n) {
    throw new RangeError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

/** PyTorch's broadcasting of two shapes, with its error message. */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  // from the last dim, as ATen's infer_size: with several mismatches, the error names the last one
  for (let i = n - 1; i >= 0; i--) {
    const da = i - (n - a.length) >= 0 ? a[i - (n - a.length)] : 1;
    const db = i - (n - b.length) >= 0 ? b[i - (n - b.length)] : 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides that read a tensor of `shape`/`strides` as if broadcast to `target` (0 where expanded). */
export function broadcastStrides(shape: Shape, strides: Shape, target: Shape): number[] {
  const n = target.length;
  const out = new Array<number>(n).fill(0);
  const off = n - shape.length;
  for (let i = 0; i < shape.length; i++) {
    out[i + off] = shape[i] === 1 && target[i + off] !== 1 ? 0 : strides[i];
  }
  return out;
}

/**
 * Merges adjacent dims that are contiguous for every operand, so kernels see long rows.
 * Returns the new shape and one stride list per operand. (Hot: plain loops, few allocations.)
 */
export function collapse(shape: Shape, strides: Shape[]): [number[], number[][]] {
  const k = strides.length;
  const outShape: number[] = [];
  const outStrides: number[][] = [];
  for (let j = 0; j < k; j++) outStrides.push([]);
  const n = shape.length;
  for (let d = 0; d < n; d++) {
    const size = shape[d];
    if (size === 1 && n > 1) continue; // size-1 dims never matter
    const last = outShape.length - 1;
    let merge = last >= 0;
    for (let j = 0; merge && j < k; j++) if (outStrides[j][last] !== strides[j][d] * size) merge = false;
    if (merge) {
      outShape[last] *= size;
      for (let j = 0; j < k; j++) outStrides[j][last] = strides[j][d];
    } else {
      outShape.push(size);
      for (let j = 0; j < k; j++) outStrides[j].push(strides[j][d]);
    }
  }
  if (outShape.length === 0) {
    outShape.push(n === 0 ? 1 : numelOf(shape));
    for (let j = 0; j < k; j++) outStrides[j].push(1);
  }
  return [outShape, outStrides];
}

/** A list argument by keyword, as Python passes it (`x.view(size=[3, 2])`: `x.view({ size: [3, 2] })`). */
export type ListKw<K extends string> = { [P in K]: number | readonly number[] };

/**
 * PyTorch's list argument `name` of `fn` when given by keyword (a plain object `{ [name]: list }`): the list (a number
 * as a one-element list); any other value is returned as it is. Another key is Python's TypeError.
 */
export function listKw<T>(fn: string, name: string, v: T | Record<string, unknown>): T | number[] {
  if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return v as T;
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== name) throw new TypeError(`${fn}() got an unexpected keyword argument '${k}'`);
  if (!(name in o)) throw new TypeError(`${fn}() missing 1 required positional argument: "${name}"`);
  const x = o[name];
  return typeof x === 'number' ? [x] : [...(x as readonly number[])];
}

/** Sizes given as varargs or one array, as PyTorch accepts both, or by keyword when `fn` and `name` are given. */
export function sizesOf(args: readonly (number | readonly number[] | ListKw<string>)[], fn?: string, name?: string): number[] {
  if (fn && name && args.length === 1) args = [listKw(fn, name, args[0]) as number | readonly number[]];
  if (args.length === 1 && Array.isArray(args[0])) return [...(args[0] as readonly number[])];
  const out: number[] = [];
  for (const a of args) {
    if (Array.isArray(a)) throw new TypeError('sizes must be numbers or one array of numbers');
    out.push(a as number);
  }
  return out;
}

/** Sizes for a new tensor (`_op` makes it; PyTorch's message does not name it). */
export function checkSizes(_op: string, shape: Shape): void {
  for (const s of shape) {
    if (!Number.isInteger(s) || s < 0) {
      throw new RangeError(`Trying to create tensor with negative dimension ${s}: ${fmtShape(shape)}`);
    }
  }
}
