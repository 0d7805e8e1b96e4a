// Bad input to the core ops: a catalogue (issue 5). Each case asserts the error type and a
// PyTorch-like message naming the op, the argument and the shapes or values (PyTorch's own
// wording is quoted where tocha's differs), then checks that the library still computes
// correctly. NaN/Inf inputs propagate as in PyTorch and never throw; a tensor too large for
// wasm memory is a RangeError naming the bytes.
import { describe, it, expect } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';

const f32 = (data: torch.NestedArray) => torch.tensor(data, { dtype: torch.float32 });
const randn = (...shape: number[]) => torch.randn(shape);
const idx = (data: torch.NestedArray) => torch.tensor(data);

/** A small computation through elementwise, reduction, matmul and autograd gives the right numbers. */
function stillWorks(): void {
  const a = f32([[1, 2], [3, 4]]).requires_grad_();
  const y = a.matmul(f32([[1], [-1]])).square().sum();
  expect(y.item()).toBe(2);
  y.backward();
  expect(a.grad!.tolist()).toEqual([[-2, 2], [-2, 2]]);
  expect(f32([1, 2, 3]).exp().log().sum().item()).toBeCloseTo(6, 5);
  a.dispose();
}

type Case = [name: string, fn: () => unknown, type: new (...a: never[]) => Error, message: RegExp];

function catalogue(cases: Case[]): void {
  for (const [name, fn, type, message] of cases) {
    it(name, () => {
      const live = torch.memory_stats().live_tensors;
      let err: unknown = null;
      try {
        torch.tidy(() => { fn(); });
      } catch (e) {
        err = e;
      }
      expect(err, `${name} did not throw`).toBeInstanceOf(type);
      // (exactly that class: Error is PyTorch's RuntimeError, RangeError its IndexError or ValueError)
      expect((err as Error).constructor, name).toBe(type);
      expect((err as Error).message).toMatch(message);
      // nothing the failed call made stays alive (a backward may release older graph results)
      expect(torch.memory_stats().live_tensors).toBeLessThanOrEqual(live);
      stillWorks();
    });
  }
}

describe('shape mismatches', () => {
  catalogue([
    // PyTorch: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)
    ['matmul of 2-D operands', () => torch.matmul(randn(2, 3), randn(4, 5)), RangeError,
      /^mat1 and mat2 shapes cannot be multiplied \(2x3 and 4x5\)$/],
    ['mm', () => torch.mm(randn(2, 3), randn(2, 3)), RangeError, /^mat1 and mat2 shapes cannot be multiplied \(2x3 and 2x3\)$/],
    // PyTorch: Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].
    ['batched matmul', () => torch.matmul(randn(2, 2, 3), randn(2, 4, 5)), RangeError,
      /^Expected size for first two dimensions of batch2 tensor to be: \[2, 3\] but got: \[2, 4\]\.$/],
    ['batched matmul with broadcast batch', () => torch.matmul(randn(3, 1, 2, 3), randn(4, 4, 5)), RangeError,
      /batch2 tensor to be: \[12, 3\] but got: \[12, 4\]/],
    // a batch times a matrix folds into one mm, whose message PyTorch shows: makemore's emb @ W1 without the view
    ['matmul of a batch by a matrix', () => torch.matmul(randn(32, 3, 2), randn(6, 100)), RangeError,
      /^mat1 and mat2 shapes cannot be multiplied \(96x2 and 6x100\)$/],
    // (bᵀ aᵀ)ᵀ: bᵀ's rows folded, then aᵀ
    ['matmul of a matrix by a batch', () => torch.matmul(randn(2, 3), randn(4, 5, 6)), RangeError,
      /^mat1 and mat2 shapes cannot be multiplied \(24x5 and 3x2\)$/],
    ['batched matmul whose batches do not broadcast', () => torch.matmul(randn(7, 2, 3), randn(2, 4, 5)), RangeError,
      /^The size of tensor a \(7\) must match the size of tensor b \(2\) at non-singleton dimension 0$/],
    ['bmm', () => torch.bmm(randn(2, 3, 4), randn(2, 5, 5)), RangeError,
      /^Expected size for first two dimensions of batch2 tensor to be: \[2, 4\] but got: \[2, 5\]\.$/],
    ['mm of a vector', () => torch.mm(randn(3), randn(3, 2)), RangeError, /^self must be a matrix$/],
    ['matmul of a 0-dim tensor', () => torch.matmul(f32(1), randn(3)), RangeError,
      /^both arguments to matmul need to be at least 1D, but they are 0D and 1D$/],
    ['dot of different lengths', () => torch.dot(randn(3), randn(4)), RangeError,
      /^inconsistent tensor size, expected tensor \[3\] and src \[4\] to have the same number of elements, but got 3 and 4 elements respectively$/],
    ['broadcasting add', () => randn(2, 3).add(randn(4)), RangeError,
      /^The size of tensor a \(3\) must match the size of tensor b \(4\) at non-singleton dimension 1$/],
    // several mismatched dims: PyTorch (infer_size) names the last one
    ['broadcasting add, two mismatches', () => randn(4, 3).add(randn(3, 4)), RangeError,
      /^The size of tensor a \(3\) must match the size of tensor b \(4\) at non-singleton dimension 1$/],
    ['broadcasting add, three dims', () => randn(2, 3, 4).add(randn(5, 1, 6)), RangeError,
      /^The size of tensor a \(4\) must match the size of tensor b \(6\) at non-singleton dimension 2$/],
    ['broadcasting where', () => torch.where(randn(2, 3).gt(0), randn(3), randn(2, 1, 4)), RangeError,
      /^The size of tensor a \(3\) must match the size of tensor b \(4\) at non-singleton dimension 2$/],
    ['cat of different sizes', () => torch.cat([randn(2, 3), randn(2, 4)], 0), RangeError,
      /^Sizes of tensors must match except in dimension 0\. Expected size 3 but got size 4 for tensor number 1 in the list\.$/],
    ['cat of different ranks', () => torch.cat([randn(2, 3), randn(3)]), RangeError,
      /^Tensors must have same number of dimensions: got 2 and 1$/],
    ['cat of 0-dim tensors', () => torch.cat([f32(1), f32(2)]), RangeError,
      /^zero-dimensional tensor \(at position 0\) cannot be concatenated$/],
    ['cat of nothing', () => torch.cat([]), RangeError, /^torch\.cat\(\): expected a non-empty list of Tensors$/],
    ['stack of different shapes', () => torch.stack([randn(2, 3), randn(3, 2)]), RangeError,
      /^stack expects each tensor to be equal size, but got \[2, 3\] at entry 0 and \[3, 2\] at entry 1$/],
    ['view to a different numel', () => randn(2, 3).view(4), RangeError, /^shape '\[4\]' is invalid for input of size 6$/],
    ['view of a transposed tensor', () => randn(2, 3).t().view(6), Error,
      /^view size is not compatible with input tensor's size and stride \(at least one dimension spans across two contiguous subspaces\)\. Use \.reshape\(\.\.\.\) instead\.$/],
    ['reshape with -1 that does not divide', () => randn(2, 3).reshape(-1, 4), RangeError, /^shape '\[-1, 4\]' is invalid for input of size 6$/],
    ['expand a non-singleton dim', () => randn(2, 3).expand(4, 4), RangeError,
      /^The expanded size of the tensor \(4\) must match the existing size \(3\) at non-singleton dimension 1\. {2}Target sizes: \[4, 4\]\. {2}Tensor sizes: \[2, 3\]$/],
    ['expand to fewer dims', () => randn(2, 3).expand(3), RangeError,
      /^expand\(torch\.FloatTensor\{\[2, 3\]\}, size=\[3\]\): the number of sizes provided \(1\) must be greater or equal to the number of dimensions in the tensor \(2\)$/],
    ['split sizes that do not add up', () => randn(4).split([1, 2]), RangeError,
      /^split_with_sizes expects split_sizes to sum exactly to 4 \(input tensor's size at dimension 0\), but got split_sizes=\[1, 2\]$/],
    ['repeat with fewer dims', () => randn(2, 3).repeat(2), RangeError,
      /^Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor$/],
  ]);
});

describe('indices: non-integer, out of range, wrong dtype', () => {
  catalogue([
    ['gather index out of range', () => randn(2, 3).gather(1, idx([[0, 5], [1, 1]])), RangeError,
      /^index 5 is out of bounds for dimension 1 with size 3$/],
    // PyTorch 1.13 (the lecture's torch.tril(torch.ones(T)) with one T): IndexError from wrapping dim -2
    ['tril of a vector', () => torch.tril(torch.ones(3)), RangeError,
      /^Dimension out of range \(expected to be in range of \[-1, 0\], but got -2\)$/],
    ['triu_ of a vector', () => torch.ones(3).triu_(-1), RangeError,
      /^Dimension out of range \(expected to be in range of \[-1, 0\], but got -2\)$/],
    ['tril of a scalar', () => torch.tril(torch.tensor(1)), RangeError, /^Dimension specified as -2 but tensor has no dimensions$/],
    ['gather negative index', () => randn(2, 3).gather(0, idx([[-1, 0, 0]])), RangeError,
      /^index -1 is out of bounds for dimension 0 with size 2$/],
    // PyTorch: gather(): Expected dtype int64 for index
    ['gather with a float index', () => randn(2, 3).gather(1, f32([[0, 1], [1, 1]])), TypeError,
      /^gather\(\): Expected dtype int64 for index/],
    ['gather index of another rank', () => randn(2, 3).gather(1, idx([0, 1])), RangeError,
      /^Index tensor must have the same number of dimensions as input tensor$/],
    ['index_select index out of range', () => randn(2, 3).index_select(1, idx([0, 3])), RangeError,
      /^INDICES element is out of DATA bounds, id=3 axis_dim=3$/],
    ['index_select negative index', () => randn(2, 3).index_select(1, idx([-1])), RangeError,
      /^INDICES element is out of DATA bounds, id=-1 axis_dim=3$/],
    ['index_select index out of range along dim 0', () => randn(2, 3).index_select(0, idx([2])), RangeError,
      /^index out of range in self$/],
    ['index_select with a float index', () => randn(2, 3).index_select(1, f32([0])), TypeError,
      /^index_select\(\): Expected dtype int32 or int64 for index$/],
    // PyTorch 1.13's wordings of the index dtype check, op by op (the scatters all say scatter())
    ['gather with a bool index', () => randn(2, 3).gather(1, idx([[0, 1], [1, 1]]).bool()), TypeError,
      /^gather\(\): Expected dtype int64 for index$/],
    ['scatter_add with a float index', () => torch.zeros(2, 3).scatter_add(1, f32([[0], [1]]), torch.ones(2, 1)), TypeError,
      /^scatter\(\): Expected dtype int64 for index$/],
    ['scatter_reduce with a float index', () => torch.zeros(2, 3).scatter_reduce(1, f32([[0], [1]]), torch.ones(2, 1), 'sum'),
      TypeError, /^scatter\(\): Expected dtype int64 for index$/],
    ['scatter_reduce index of another rank', () => torch.zeros(2, 3).scatter_reduce(1, idx([0, 1]), torch.ones(2), 'sum'),
      RangeError, /^Index tensor must have the same number of dimensions as self tensor$/],
    ['take_along_dim with a float index', () => torch.take_along_dim(randn(2, 3), f32([[0], [1]]), 1), TypeError,
      /^torch.take_along_dim\(\): dtype of indices should be Long but got Float$/],
    ['index_add with a bool index', () => torch.zeros(2, 3).index_add(0, idx([0, 1]).bool(), torch.ones(2, 3)), TypeError,
      /^index_add_\(\): Expected dtype int32\/int64 for index but got: Bool$/],
    ['index_copy with a float index', () => torch.zeros(2, 3).index_copy(0, f32([0, 1]), torch.ones(2, 3)), TypeError,
      /^index_copy_\(\): Expected a long tensor for index, but got Float$/],
    ['index_fill with a float index', () => torch.zeros(2, 3).index_fill(0, f32([0, 1]), 1), RangeError,
      /^index_fill_\(\): Expected dtype int64 for index.$/],
    ['index_reduce with a bool index', () => torch.zeros(2, 3).index_reduce(0, idx([0, 1]).bool(), torch.ones(2, 3), 'prod'),
      TypeError, /^index_reduce_\(\): Expected dtype int32\/int64 for index but got: Bool$/],
    ['index_select with a 2-D index', () => randn(2, 3).index_select(0, idx([[0]])), RangeError,
      /^index_select\(\): Index is supposed to be a vector$/],
    ['scatter_add index out of range', () => torch.zeros(3).scatter_add(0, idx([5]), torch.ones(1)), RangeError,
      /^index 5 is out of bounds for dimension 0 with size 3$/],
    // PyTorch: select(): index 3 out of range for tensor of size [2, 3] at dimension 1
    ['select out of range', () => randn(2, 3).select(1, 3), RangeError,
      /^select\(\): index 3 out of range for tensor of size \[2, 3\] at dimension 1$/],
    ['select with a non-integer index', () => randn(2, 3).select(0, 0.5), TypeError,
      /^select\(\) received an invalid combination of arguments - got \(int, float\), but expected one of:\n \* \(int dim, int index\)\n {6}didn't match because some of the arguments have invalid types: \(int, !float!\)\n/],
    ['narrow past the end', () => randn(2, 3).narrow(1, 2, 2), RangeError, /^start \(2\) \+ length \(2\) exceeds dimension size \(3\)\.$/],
    ['narrow with a start out of range', () => randn(2, 3).narrow(1, 5, 0), RangeError,
      /^start out of range \(expected to be in range of \[-3, 3\], but got 5\)$/],
    // PyTorch (x[5]): index 5 is out of bounds for dimension 0 with size 2
    ['indexing out of range', () => randn(2, 3).index(5), RangeError, /^index 5 is out of bounds for dimension 0 with size 2$/],
    ['too many indices', () => randn(2, 3).index(0, 0, 0), RangeError, /^too many indices for tensor of dimension 2$/],
    ['slice with step 0', () => randn(4).index([null, null, 0]), RangeError, /^slice step cannot be zero$/],
    ['slice with a negative step', () => randn(4).index([null, null, -1]), RangeError, /^step must be greater than zero$/],
    // PyTorch (x[1.5:]): TypeError: slice indices must be integers or None or have an __index__ method
    ['slice with a float start', () => randn(4).index([1.5, null]), TypeError,
      /^slice indices must be integers or None or have an __index__ method \(got 1\.5\)$/],
    // an array of slices is one slice whose entries are slices: before, a NaN size
    ['slices given as one array', () => randn(4, 6).index([torch.slice(null), torch.slice(null, 3)] as never), TypeError,
      /^slice indices must be integers or None or have an __index__ method \(got an object\)$/],
    ['a slice of four entries', () => randn(4).index([0, 2, 1, 1]), TypeError, /^a slice is \[start, stop, step\] \(at most 3 entries\), got 4 entries$/],
    ['an object that is not an index', () => randn(4).index({} as never), TypeError,
      /^only integers, slices .* are valid indices \(got an object that is not torch\.slice\(\.\.\.\)\)$/],
  ]);
});

describe('dims: negative and out of range', () => {
  catalogue([
    ['sum over dim 2 of a 2-D tensor', () => randn(2, 3).sum(2), RangeError,
      /^Dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)$/],
    ['softmax over dim -3', () => randn(2, 3).softmax(-3), RangeError,
      /^Dimension out of range \(expected to be in range of \[-2, 1\], but got -3\)$/],
    ['transpose(0, 2)', () => randn(2, 3).transpose(0, 2), RangeError,
      /^Dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)$/],
    ['unsqueeze(4)', () => randn(2, 3).unsqueeze(4), RangeError,
      /^Dimension out of range \(expected to be in range of \[-3, 2\], but got 4\)$/],
    ['cat over dim 2', () => torch.cat([randn(2, 3), randn(2, 3)], 2), RangeError,
      /^Dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)$/],
    // (PyTorch's parser: test/dim-args.test.ts has its every word)
    ['a non-integer dim', () => randn(2, 3).sum(0.5), TypeError,
      /^sum\(\) received an invalid combination of arguments - got \(float\), but expected one of:\n \* \(\*, torch\.dtype dtype\)\n/],
    ['a repeated dim in a reduction', () => randn(2, 3).sum([1, -1]), Error, /^dim 1 appears multiple times in the list of dims$/],
    ['permute with a repeated dim', () => randn(2, 3).permute(0, 0), Error, /^permute\(\): duplicate dims are not allowed\.$/],
    // (PyTorch's RuntimeErrors: a repeated dim gave permute's words, or read past the list)
    ['diagonal of one dim twice', () => randn(2, 3, 4).diagonal(0, 1, 1), Error, /^diagonal dimensions cannot be identical 1, 1$/],
    ['movedim of lists of two lengths', () => torch.movedim(randn(2, 3, 4), [1], [1, 0]), Error,
      /^movedim: Invalid source or destination dims: source \(\[1\] dims\) should contain the same number of dims as destination \(\[1, 0\] dims\)$/],
    ['movedim with a repeated source dim', () => torch.movedim(randn(2, 3, 4), [1, 1], [0, 2]), Error,
      /^movedim: repeated dim in `source` \(\[1, 1\]\)$/],
    ['movedim with a repeated destination dim', () => torch.movedim(randn(2, 3, 4), [0, 1], [2, 2]), Error,
      /^movedim: repeated dim in `destination` \(\[2, 2\]\)$/],
    ['flatten(1, 0)', () => randn(2, 3).flatten(1, 0), RangeError, /^flatten\(\) has invalid args: start_dim cannot come after end_dim$/],
    ['t() of a 3-D tensor', () => randn(2, 3, 4).t(), RangeError, /^t\(\) expects a tensor with <= 2 dimensions, but self is 3D$/],
    ['max over an empty dim', () => randn(0, 3).max(0), RangeError, /^max\(\): Expected reduction dim 0 to have non-zero size\.$/],
    ['argmax of an empty tensor', () => randn(0).argmax(), RangeError,
      /^argmax\(\): Expected reduction dim to be specified for input\.numel\(\) == 0\.$/],
  ]);
});

describe('dtypes', () => {
  catalogue([
    ['an int64 tensor asking for grad', () => idx([1, 2]).requires_grad_(), Error,
      /^Only Tensors of floating point and complex dtype can require gradients$/],
    ['an int64 tensor created with requires_grad', () => torch.tensor([1, 2], { requires_grad: true }), Error,
      /Only Tensors of floating point and complex dtype can require gradients/],
    ['where with a float condition', () => torch.where(f32([1, 0]), randn(2), randn(2)), TypeError,
      /^where expected condition to be a boolean tensor, but got a tensor with dtype Float$/],
    // PyTorch 1.13 takes an int64 mask of 0s and 1s (test below) and refuses other values
    ['masked_fill with an int64 mask holding a 2', () => randn(3).masked_fill(idx([1, 0, 2]), 0), Error,
      /^Mask tensor can take 0 and 1 values only$/],
    ['masked_scatter with an int64 mask holding a 2', () => randn(3).masked_scatter(idx([1, 0, 2]), randn(3)), Error,
      /^Mask tensor can take 0 and 1 values only$/],
    // (1.13 runs a float mask without filling anything; later PyTorch's error)
    ['masked_fill with a float32 mask', () => randn(2).masked_fill(f32([1, 0]), 0), TypeError,
      /^masked_fill_ only supports boolean masks, but got mask with dtype float$/],
    // PyTorch 1.13: RuntimeError (a mask made with torch.LongTensor, as in chatbot_tutorial's maskNLLLoss)
    ['masked_select with an int64 mask', () => randn(2).masked_select(idx([1, 0])), Error,
      /^masked_select: expected BoolTensor or ByteTensor for mask$/],
    ['mean of an int64 tensor', () => idx([1, 2]).mean(), TypeError,
      /^mean\(\): could not infer output dtype\. Input dtype must be either a floating point or complex dtype\. Got: Long$/],
    ['matmul of int64 and float32 tensors', () => torch.matmul(idx([[1]]), f32([[1]])), TypeError, /^expected scalar type Long but found Float$/],
    ['subtracting bool tensors', () => torch.tensor([true]).sub(torch.tensor([false])), TypeError,
      /^Subtraction, the `-` operator, with two bool tensors is not supported\./],
    ['integer division by zero', () => idx([1]).floor_divide(idx([0])), RangeError, /ZeroDivisionError/],
    ['item() of two elements', () => randn(2).item(), RangeError, /^only one element tensors can be converted to Python scalars$/],
  ]);
});

describe('autograd misuse', () => {
  catalogue([
    ['backward twice', () => {
      const x = randn(3).requires_grad_();
      try {
        const y = x.mul(2).sigmoid().sum();
        y.backward();
        y.backward();
      } finally {
        x.dispose();
      }
    }, Error, /^Trying to backward through the graph a second time .*Specify retain_graph=True/],
    ['backward of a non-scalar without a gradient', () => {
      const x = randn(3).requires_grad_();
      try {
        x.mul(2).backward();
      } finally {
        x.dispose();
      }
    }, Error, /^grad can be implicitly created only for scalar outputs$/],
    ['backward of a tensor that needs no grad', () => randn(3).sum().backward(), Error,
      /^element 0 of tensors does not require grad and does not have a grad_fn$/],
    ['an in-place change to a tensor saved for backward', () => {
      const x = randn(3).requires_grad_();
      try {
        const s = x.sigmoid();
        const z = s.mul(2);
        s.mul_(2);
        z.sum().backward();
      } finally {
        x.dispose();
      }
    }, Error, /^one of the variables needed for gradient computation has been modified by an inplace operation: \[torch\.FloatTensor \[3\]\], which is output 0 of SigmoidBackward0, is at version 1; expected version 0 instead/],
    ['an in-place op on a leaf that requires grad', () => {
      const x = randn(3).requires_grad_();
      try {
        x.add_(1);
      } finally {
        x.dispose();
      }
    }, Error, /^a leaf Variable that requires grad is being used in an in-place operation\.$/],
    ['requires_grad on a non-leaf', () => {
      const x = randn(3).requires_grad_();
      try {
        x.mul(2).requires_grad = false;
      } finally {
        x.dispose();
      }
    }, Error, /^you can only change requires_grad flags of leaf variables/],
  ]);
});

describe('released tensors', () => {
  catalogue([
    ['a tensor used after dispose()', () => {
      const t = randn(2, 3);
      t.dispose();
      t.add(1);
    }, Error, /^tocha: this tensor \(shape \[2, 3\], torch\.float32\) was released by dispose\(\) and can no longer be used\./],
    ['a tensor used after its tidy() ended', () => {
      let inner: Tensor | null = null;
      torch.tidy(() => { inner = randn(4).mul(2); return null; });
      torch.matmul(inner!, randn(4));
    }, Error, /^tocha: this tensor \(shape \[4\], torch\.float32\) was released by torch\.tidy\(\)/],
  ]);
});

describe('NaN and Inf propagate as in PyTorch (never a crash)', () => {
  const nan = NaN;
  const inf = Infinity;
  const cases: [string, () => Tensor, (number | boolean)[]][] = [
    // values from torch 2.x on the same inputs
    ['log of 0, -1, inf', () => f32([0, -1, inf]).log(), [-inf, nan, inf]],
    ['1 / 0, -1 / 0, 0 / 0', () => f32([1, -1, 0]).div(f32([0, 0, 0])), [inf, -inf, nan]],
    ['sqrt(-1), exp(inf), exp(-inf)', () => torch.cat([f32([-1]).sqrt(), f32([inf, -inf]).exp()]), [nan, inf, 0]],
    ['sum and mean with a NaN', () => torch.stack([f32([1, nan, 2]).sum(), f32([1, nan, 2]).mean()]), [nan, nan]],
    ['max / argmax pick the NaN', () => {
      const r = f32([1, nan, 3]).max(0);
      return torch.stack([r.values, r.indices.float(), f32([1, nan, 3]).argmax().float(), f32([1, nan, 3]).amin()]);
    }, [nan, 1, 1, nan]],
    ['maximum / minimum propagate NaN', () => torch.cat([torch.maximum(f32([nan, 1]), f32([0, nan])), torch.minimum(f32([nan, 1]), f32([0, nan]))]), [nan, nan, nan, nan]],
    ['relu and clamp keep NaN', () => torch.cat([f32([nan, -inf, inf]).relu(), f32([nan, -inf, inf]).clamp(-1, 1)]), [nan, 0, inf, nan, -1, 1]],
    ['sigmoid and tanh of ±inf', () => torch.cat([f32([-inf, inf, nan]).sigmoid(), f32([-inf, inf, nan]).tanh()]), [0, 1, nan, -1, 1, nan]],
    ['softmax with inf', () => torch.cat([f32([inf, 1]).softmax(0), f32([-inf, 1]).softmax(0), f32([-inf, -inf]).softmax(0)]), [nan, nan, 0, 1, nan, nan]],
    ['log_softmax with -inf', () => f32([-inf, 0]).log_softmax(0), [-inf, 0]],
    ['logsumexp of ±inf', () => torch.stack([f32([inf, 1]).logsumexp(0), f32([-inf, -inf]).logsumexp(0), f32([inf, -inf]).logsumexp(0)]), [inf, -inf, inf]],
    ['matmul with inf and NaN', () => torch.matmul(f32([[inf, 1], [nan, 0]]), f32([[0], [1]])).flatten(), [nan, nan]],
    ['matmul inf * finite', () => torch.matmul(f32([[inf, 1]]), f32([[2], [1]])).flatten(), [inf]],
    ['cumsum through inf - inf', () => f32([inf, -inf, 1]).cumsum(0), [inf, nan, nan]],
    ['comparisons with NaN', () => torch.cat([f32([nan]).eq(f32([nan])), f32([nan]).ne(f32([nan])), f32([nan]).lt(1), f32([nan]).isnan()]), [false, true, false, true]],
    ['pow edge cases', () => torch.cat([f32([0]).pow(-1), f32([-8]).pow(1 / 3), f32([1]).pow(f32([nan])), f32([nan]).pow(0)]), [inf, nan, 1, 1]],
  ];
  for (const [name, fn, want] of cases) {
    it(name, () => {
      const got = torch.tidy(() => fn().tolist()) as (number | boolean)[];
      expect(got).toHaveLength(want.length);
      want.forEach((w, i) => {
        if (typeof w === 'number' && Number.isNaN(w)) expect(Number.isNaN(got[i] as number), `${name}[${i}]`).toBe(true);
        else expect(got[i], `${name}[${i}]`).toBe(w);
      });
      stillWorks();
    });
  }

  it('NaN gradients flow through backward without throwing', () => {
    const x = f32([nan, 1, -1]).requires_grad_();
    x.sqrt().sum().backward();
    const g = x.grad!.tolist() as number[];
    expect(Number.isNaN(g[0])).toBe(true);
    expect(g[1]).toBe(0.5);
    expect(Number.isNaN(g[2])).toBe(true);
    x.dispose();
    stillWorks();
  });
});

describe('memory exhaustion', () => {
  it('an op whose result cannot fit in wasm memory throws a RangeError naming the bytes', () => {
    const live = torch.memory_stats().live_tensors;
    const a = randn(50000, 1);
    const b = randn(1, 50000);
    // 50000 x 50000 float32 = 10,000,000,000 bytes
    expect(() => torch.matmul(a, b)).toThrow(RangeError);
    expect(() => torch.matmul(a, b)).toThrow(/10000000000 bytes/);
    expect(() => torch.tidy(() => a.expand(50000, 50000).contiguous())).toThrow(/cannot allocate 10000000000 bytes/);
    expect(() => torch.zeros(30000, 30000)).toThrow(/cannot allocate 3600000000 bytes|could not allocate 3600000000 bytes/);
    a.dispose();
    b.dispose();
    expect(torch.memory_stats().live_tensors).toBe(live);
    stillWorks();
    // and a large (but possible) tensor still allocates afterwards
    const big = torch.ones(1000, 1000);
    expect(big.sum().item()).toBe(1e6);
    big.dispose();
  });
});

describe('an int64 mask of 0s and 1s, as PyTorch 1.13 takes it (a LongTensor mask in older tutorials)', () => {
  it('masked_fill and masked_scatter read it as bool, with the same gradient', () => {
    const x = torch.ones(3, { requires_grad: true });
    const y = x.masked_fill(torch.tensor([1, 0, 1]), 5);
    expect(y.tolist()).toEqual([5, 1, 5]);
    expect(y.grad_fn!.name()).toBe('MaskedFillBackward0');
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual([0, 1, 0]);
    expect(torch.ones(3).masked_scatter(torch.tensor([1, 0, 1]), torch.tensor([7, 8, 9], { dtype: torch.float32 })).tolist()).toEqual([7, 1, 8]);
  });
});
