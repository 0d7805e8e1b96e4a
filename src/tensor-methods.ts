// Tensor's methods beyond the lean core (src/tensor.ts keeps the core: lifetime, autograd, metadata, the common
// elementwise, reduction, shape and product methods): declared on Tensor by declaration merging and installed on its
// prototype when this module is evaluated. `tocha` (src/index.ts) imports it; `tocha/lean` (src/lean.ts) does not, and
// an app of the lean entry adds these methods back with `import 'tocha/tensor-methods'`.
import { DType, float32, int64 } from './dtype.js';
import { Storage, finalize, unfinalize, composite } from './lifetime.js';
import { renamed } from './autograd.js';
import { contiguousStrides, numelOf, sizesOf, listKw, type ListKw, normDim, sameShape, scalarName } from './ops/util.js';
import * as E from './ops/elementwise.js';
import * as R from './ops/reduce.js';
import * as S from './ops/shape.js';
import * as L from './ops/linalg.js';
import * as C from './ops/create.js';
import * as O from './ops/sorting.js';
import * as X from './ops/extra.js';
import * as Fn from './ops/funcs.js';
import * as D from './ops/decomp.js';
import * as DM from './ops/decomp-more.js';
import * as LA from './linalg.js';
import * as Sp from './ops/special.js';
import * as M from './ops/misc.js';
import { TypedStorage, storageClass } from './storage.js';
import { warnOnce } from './warn.js';
import { NotImplementedError } from './distributions/utils.js';
import { argPosition, boolArg, intArg, kwargs, nativeAfter } from './ops/kw.js';
import { TensorOrScalar, NestedArray, Size, ReturnTypes, Tensor, strided } from './tensor.js';
import { checkTensorMethods } from './tensor-args.js';
import { METHOD_KW_MORE } from './method-kwargs-more.js';
import { METHOD_DIMS_MORE, METHOD_FIRST_MORE, METHOD_INTS_MORE, METHOD_LATER_MORE } from './method-params-more.js';
import * as MT from './ops/methods.js';

declare module './tensor.js' {
  interface Tensor {
    double(): Tensor;
    numpy(): Float32Array | Int32Array;
    fmod(other: TensorOrScalar): Tensor;
    atan2(other: Tensor): Tensor;
    logical_xor(other: Tensor): Tensor;
    exp2(): Tensor;
    expm1(): Tensor;
    log2(): Tensor;
    log10(): Tensor;
    tan(): Tensor;
    sinh(): Tensor;
    cosh(): Tensor;
    asin(): Tensor;
    acos(): Tensor;
    atan(): Tensor;
    erf(): Tensor;
    erfinv(): Tensor;
    lgamma(): Tensor;
    digamma(): Tensor;
    trunc(): Tensor;
    frac(): Tensor;
    logit(eps?: number | null): Tensor;
    /** `x.erfc()`: torch.special.erfc. */
    erfc(): Tensor;
    /** `x.i0()`: torch.special.i0. */
    i0(): Tensor;
    /** `x.polygamma(n)`: torch.polygamma(n, x). */
    polygamma(n: number): Tensor;
    /** `x.mvlgamma(p)`: torch.mvlgamma(x, p). */
    mvlgamma(p: number): Tensor;
    acos_(): this;
    asin_(): this;
    atan_(): this;
    acosh_(): this;
    asinh_(): this;
    atanh_(): this;
    arccos_(): this;
    arcsin_(): this;
    arctan_(): this;
    arccosh_(): this;
    arcsinh_(): this;
    arctanh_(): this;
    atan2_(other: Tensor): this;
    arctan2_(other: Tensor): this;
    cos_(): this;
    cosh_(): this;
    sin_(): this;
    sinh_(): this;
    tan_(): this;
    log_(): this;
    log10_(): this;
    log1p_(): this;
    log2_(): this;
    exp2_(): this;
    expm1_(): this;
    rsqrt_(): this;
    reciprocal_(): this;
    square_(): this;
    erf_(): this;
    erfc_(): this;
    erfinv_(): this;
    lgamma_(): this;
    digamma_(): this;
    polygamma_(n: number): this;
    mvlgamma_(p: number): this;
    i0_(): this;
    sinc_(): this;
    logit_(eps?: number | null): this;
    floor_(): this;
    ceil_(): this;
    round_(opts?: { decimals?: number }): this;
    trunc_(): this;
    fix_(): this;
    frac_(): this;
    sign_(): this;
    sgn_(): this;
    negative_(): this;
    absolute_(): this;
    deg2rad_(): this;
    rad2deg_(): this;
    nan_to_num_(nan?: number | { nan?: number; posinf?: number | null; neginf?: number | null }, posinf?: number | null, neginf?: number | null): this;
    clamp_min_(min: number | Tensor): this;
    clamp_max_(max: number | Tensor): this;
    clip_(min?: number | null, max?: number | null): this;
    multiply_(other: TensorOrScalar): this;
    subtract_(other: TensorOrScalar, opts?: { alpha?: number }): this;
    divide_(other: TensorOrScalar): this;
    true_divide_(other: TensorOrScalar): this;
    floor_divide_(other: TensorOrScalar): this;
    remainder_(other: TensorOrScalar): this;
    fmod_(other: TensorOrScalar): this;
    hypot_(other: Tensor): this;
    copysign_(other: TensorOrScalar): this;
    xlogy_(other: TensorOrScalar): this;
    heaviside_(values: Tensor): this;
    eq_(other: TensorOrScalar): this;
    ne_(other: TensorOrScalar): this;
    lt_(other: TensorOrScalar): this;
    le_(other: TensorOrScalar): this;
    gt_(other: TensorOrScalar): this;
    ge_(other: TensorOrScalar): this;
    not_equal_(other: TensorOrScalar): this;
    less_(other: TensorOrScalar): this;
    less_equal_(other: TensorOrScalar): this;
    greater_(other: TensorOrScalar): this;
    greater_equal_(other: TensorOrScalar): this;
    logical_and_(other: Tensor): this;
    logical_or_(other: Tensor): this;
    logical_xor_(other: Tensor): this;
    logical_not_(): this;
    addmm_(m1: Tensor, m2: Tensor, o?: { beta?: number; alpha?: number }): this;
    addmv_(m: Tensor, v: Tensor, o?: { beta?: number; alpha?: number }): this;
    addr_(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): this;
    baddbmm_(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): this;
    addbmm_(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): this;
    tril_(diagonal?: number): this;
    triu_(diagonal?: number): this;
    cumsum_(dim: number): this;
    cumprod_(dim: number): this;
    /** `x.fill_diagonal_(v, wrap)`: the main diagonal set to v (a tall matrix with wrap restarts it). */
    fill_diagonal_(...a: [fill_value: number, wrap?: boolean | { wrap?: boolean }] | [{ fill_value: number; wrap?: boolean }]): this;
    asinh(): Tensor;
    acosh(): Tensor;
    atanh(): Tensor;
    arccos(): Tensor;
    arcsin(): Tensor;
    arctan(): Tensor;
    arccosh(): Tensor;
    arcsinh(): Tensor;
    arctanh(): Tensor;
    arctan2(other: Tensor): Tensor;
    absolute(): Tensor;
    fix(): Tensor;
    positive(): Tensor;
    multiply(other: TensorOrScalar): Tensor;
    subtract(other: TensorOrScalar, opts?: { alpha?: number }): Tensor;
    divide(other: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor;
    greater(other: TensorOrScalar): Tensor;
    greater_equal(other: TensorOrScalar): Tensor;
    less(other: TensorOrScalar): Tensor;
    less_equal(other: TensorOrScalar): Tensor;
    not_equal(other: TensorOrScalar): Tensor;
    hypot(other: Tensor): Tensor;
    copysign(other: TensorOrScalar): Tensor;
    logaddexp2(other: Tensor): Tensor;
    isposinf(): Tensor;
    isneginf(): Tensor;
    isreal(): Tensor;
    is_nonzero(): boolean;
    is_complex(): boolean;
    /** Whether the dtype is signed (float32 and int64 are; bool is not). */
    is_signed(): boolean;
    ndimension(): number;
    swapdims(...a: [dim0: number, dim1: number] | [{ dim0: number; dim1: number }]): Tensor;
    adjoint(): Tensor;
    /** The conjugate transpose of a matrix (its transpose, for real tensors). */
    get H(): Tensor;
    get mH(): Tensor;
    conj(): Tensor;
    resolve_conj(): Tensor;
    resolve_neg(): Tensor;
    conj_physical(): Tensor;
    /** In place: nothing to do for a real tensor (PyTorch returns it as it is). */
    conj_physical_(): this;
    angle(): Tensor;
    ger(other: Tensor): Tensor;
    split_with_sizes(split_sizes: number[], dim?: number): Tensor[];
    unsafe_split(split_size: number, dim?: number): Tensor[];
    unsafe_chunk(chunks: number, dim?: number): Tensor[];
    unsafe_split_with_sizes(split_sizes: number[], dim?: number): Tensor[];
    narrow_copy(dim: number, start: number, length: number): Tensor;
    is_conj(): boolean;
    is_neg(): boolean;
    is_same_size(other: Tensor): boolean;
    /** The real part: the tensor itself, for real tensors. */
    get real(): Tensor;
    get imag(): Tensor;
    get is_quantized(): boolean;
    get is_meta(): boolean;
    random_(from: number, to?: number, opts?: { generator?: C.Generator }): this;
    /** Fills with exponential draws of rate lambd (PyTorch's CPU stream): `x.exponential_()`. */
    exponential_(lambd?: number, opts?: { generator?: C.Generator }): this;
    /** Fills with Cauchy draws of median and sigma (PyTorch's CPU stream): `x.cauchy_()`. */
    cauchy_(median?: number, sigma?: number, opts?: { generator?: C.Generator }): this;
    cumprod(...args: R.ScanArgs): Tensor;
    /** `x.swapaxes(axis0, axis1)`, NumPy's names as PyTorch's (by name too: `x.swapaxes(0, { axis1: 1 })`). */
    swapaxes(...a: SwapArgs): Tensor;
    broadcast_to(...size: (number | number[])[] | [ListKw<'size'>]): Tensor;
    det(): Tensor;
    logdet(): Tensor;
    slogdet(): D.SlogdetResult;
    inverse(): Tensor;
    cholesky(upper?: boolean): Tensor;
    cholesky_solve(L: Tensor, upper?: boolean): Tensor;
    cholesky_inverse(upper?: boolean): Tensor;
    svd(some?: boolean, compute_uv?: boolean): D.TorchSVDResult;
    qr(some?: boolean): D.QRResult;
    pinverse(rcond?: number): Tensor;
    matrix_power(n: number): Tensor;
    triangular_solve(A: Tensor, upper?: boolean, transpose?: boolean, unitriangular?: boolean): D.TriangularSolveResult;
    matrix_exp(): Tensor;
    lu(...args: Parameters<typeof DM.torchLu> extends [Tensor, ...infer R] ? R : never): [Tensor, Tensor] | [Tensor, Tensor, Tensor];
    lu_solve(LU_data: Tensor, LU_pivots: Tensor): Tensor;
    geqrf(): DM.GeqrfResult;
    orgqr(tau: Tensor): Tensor;
    ormqr(...args: DM.OrmqrArgs): Tensor;
    symeig(...args: Parameters<typeof DM.symeig> extends [Tensor, ...infer R] ? R : never): DM.SymeigResult;
    /** Removed in PyTorch 1.13: raises its error (torch.linalg.solve). */
    solve(...args: unknown[]): never;
    /** Removed in PyTorch 1.13: raises its error (torch.linalg.lstsq). */
    lstsq(...args: unknown[]): never;
    /** Removed in PyTorch 1.13: raises its error (torch.linalg.eig). */
    eig(...args: unknown[]): never;
    sort(...args: O.SortArgs): ReturnTypes;
    argsort(...args: O.SortArgs): Tensor;
    msort(): Tensor;
    topk(k: number | O.TopkOpts, ...args: O.TopkArgs): ReturnTypes;
    kthvalue(k: number, ...args: R.DimArgs<number, R.DimKeep>): ReturnTypes;
    median(): Tensor;
    median(...args: R.DimArgs<number, R.DimKeep>): ReturnTypes;
    nanmedian(): Tensor;
    nanmedian(...args: R.DimArgs<number, R.DimKeep>): ReturnTypes;
    mode(...args: R.DimArgs<number, R.DimKeep>): ReturnTypes;
    /** `x.unique()`: the distinct values (a tensor); with return_inverse or return_counts, a list of tensors. */
    unique(opts?: O.UniqueOpts & { return_inverse?: false; return_counts?: false }): Tensor;
    unique(opts?: O.UniqueOpts): Tensor | Tensor[];
    unique_consecutive(opts?: O.UniqueOpts): Tensor | Tensor[];
    nonzero(opts?: { as_tuple?: boolean }): Tensor | Tensor[];
    argwhere(): Tensor;
    count_nonzero(dim?: number | number[] | null): Tensor;
    cummax(dim: number): ReturnTypes;
    cummin(dim: number): ReturnTypes;
    logcumsumexp(dim: number): Tensor;
    addmm(m1: Tensor, m2: Tensor, o?: { beta?: number; alpha?: number }): Tensor;
    addmv(m: Tensor, v: Tensor, o?: { beta?: number; alpha?: number }): Tensor;
    addr(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): Tensor;
    baddbmm(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): Tensor;
    addbmm(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): Tensor;
    kron(other: Tensor): Tensor;
    trace(): Tensor;
    diag(diagonal?: number): Tensor;
    diagonal(offset?: number, dim1?: number, dim2?: number): Tensor;
    diag_embed(offset?: number, dim1?: number, dim2?: number): Tensor;
    diagflat(offset?: number): Tensor;
    dist(other: Tensor, p?: number): Tensor;
    vdot(other: Tensor): Tensor;
    inner(other: Tensor): Tensor;
    cross(other: Tensor, dim?: number | null): Tensor;
    cov(opts?: { correction?: number; fweights?: Tensor | null; aweights?: Tensor | null }): Tensor;
    corrcoef(): Tensor;
    roll(shifts: number | number[] | { shifts: number | number[]; dims?: number | number[] | null }, dims?: number | number[] | null): Tensor;
    rot90(k?: number, dims?: number[]): Tensor;
    fliplr(): Tensor;
    flipud(): Tensor;
    movedim(source: number | number[], destination: number | number[]): Tensor;
    moveaxis(source: number | number[], destination: number | number[]): Tensor;
    ravel(): Tensor;
    tile(...dims: (number | number[])[] | [ListKw<'dims'>]): Tensor;
    repeat_interleave(...args: X.RepeatInterleaveArgs): Tensor;
    tensor_split(sections: number | number[] | Tensor, dim?: number): Tensor[];
    hsplit(s: SplitSections): Tensor[];
    vsplit(s: SplitSections): Tensor[];
    dsplit(s: SplitSections): Tensor[];
    take(index: Tensor): Tensor;
    take_along_dim(indices: Tensor, dim?: number | null): Tensor;
    index_add(dim: number, index: Tensor, source: Tensor, o?: { alpha?: number }): Tensor;
    index_add_(dim: number, index: Tensor, source: Tensor, o?: { alpha?: number }): this;
    index_copy(dim: number, index: Tensor, source: Tensor): Tensor;
    index_copy_(dim: number, index: Tensor, source: Tensor): this;
    index_fill(dim: number, index: Tensor, value: number | Tensor): Tensor;
    index_fill_(dim: number, index: Tensor, value: number | Tensor): this;
    /** `x.scatter_(dim, index, src)` in place; a number as `value` (`x.scatter_(0, idx, { value: 1 })`). */
    scatter_(...a: X.ScatterArgs): this;
    scatter_add_(dim: number, index: Tensor, src: Tensor): this;
    scatter_reduce(dim: number, index: Tensor, src: Tensor, reduce: X.ScatterReduce, o?: { include_self?: boolean }): Tensor;
    scatter_reduce_(dim: number, index: Tensor, src: Tensor, reduce: X.ScatterReduce, o?: { include_self?: boolean }): this;
    masked_scatter(mask: Tensor, source: Tensor): Tensor;
    masked_scatter_(mask: Tensor, source: Tensor): this;
    /** `x.diff(n=1, dim=-1, prepend=None, append=None)`, each by position or by name. */
    diff(...a: [n?: number | DiffKw, dim?: number | DiffKw, prepend?: Tensor | null | DiffKw, append?: Tensor | null | DiffKw, kw?: DiffKw]): Tensor;
    nan_to_num(nan?: number | { nan?: number; posinf?: number | null; neginf?: number | null }, posinf?: number | null, neginf?: number | null): Tensor;
    nansum(dim?: number | number[] | null | R.DimOpts, opts?: R.DimOpts): Tensor;
    nanmean(dim?: number | number[] | null | R.DimOpts, opts?: R.DimOpts): Tensor;
    xlogy(other: TensorOrScalar): Tensor;
    logaddexp(other: Tensor): Tensor;
    fmax(other: Tensor): Tensor;
    fmin(other: Tensor): Tensor;
    heaviside(values: Tensor): Tensor;
    sgn(): Tensor;
    signbit(): Tensor;
    sinc(): Tensor;
    deg2rad(): Tensor;
    rad2deg(): Tensor;
    aminmax(opts?: { dim?: number | null; keepdim?: boolean }): [Tensor, Tensor] & { min: Tensor; max: Tensor };
    histc(bins?: number, min?: number, max?: number): Tensor;
    bincount(weights?: Tensor | null, minlength?: number): Tensor;
    multinomial(num_samples: number, replacement?: boolean, opts?: X.MultinomialOpts): Tensor;
    multinomial(num_samples: number, opts: X.MultinomialOpts): Tensor;
    multinomial(opts: X.MultinomialOpts & { num_samples: number }): Tensor;
    /** `x.quantile(q, dim, keepdim, { interpolation })`: torch.quantile. */
    quantile(q: number | Tensor, ...args: Parameters<typeof Fn.quantile> extends [Tensor, unknown, ...infer A] ? A : never): Tensor;
    /** `x.nanquantile(q, dim, keepdim, { interpolation })`: torch.nanquantile. */
    nanquantile(q: number | Tensor, ...args: Parameters<typeof Fn.nanquantile> extends [Tensor, unknown, ...infer A] ? A : never): Tensor;
    /** `x.renorm(p, dim, maxnorm)`: torch.renorm. */
    renorm(p: number, dim: number, maxnorm: number): Tensor;
    renorm_(p: number, dim: number, maxnorm: number): this;
    /** `x.frexp()`: [mantissa, exponent]. */
    frexp(): [Tensor, Tensor] & { mantissa: Tensor; exponent: Tensor };
    /** `x.ldexp(other)`: x·2^other. */
    ldexp(other: Tensor): Tensor;
    ldexp_(other: Tensor): this;
    /** `x.unfold(dimension, size, step)`: windows along a dim as a new last dim (a view). */
    unfold(dimension: number, size: number, step: number): Tensor;
    /** `x.diagonal_scatter(src, offset, dim1, dim2)`: torch.diagonal_scatter. */
    diagonal_scatter(src: Tensor, offset?: number, dim1?: number, dim2?: number): Tensor;
    /** `x.select_scatter(src, dim, index)`: torch.select_scatter. */
    select_scatter(src: Tensor, dim: number, index: number): Tensor;
    /** `x.slice_scatter(src, dim, start, end, step)`: torch.slice_scatter. */
    slice_scatter(src: Tensor, dim?: number, start?: number | null, end?: number | null, step?: number): Tensor;
    /** `x.sum_to_size(1, 4)`: x summed down to a size it broadcasts from. */
    sum_to_size(...size: (number | readonly number[])[] | [ListKw<'size'>]): Tensor;
    bitwise_and(other: TensorOrScalar): Tensor;
    bitwise_or(other: TensorOrScalar): Tensor;
    bitwise_xor(other: TensorOrScalar): Tensor;
    bitwise_not(): Tensor;
    bitwise_left_shift(other: TensorOrScalar): Tensor;
    bitwise_right_shift(other: TensorOrScalar): Tensor;
    bitwise_and_(other: TensorOrScalar): this;
    bitwise_or_(other: TensorOrScalar): this;
    bitwise_xor_(other: TensorOrScalar): this;
    bitwise_not_(): this;
    bitwise_left_shift_(other: TensorOrScalar): this;
    bitwise_right_shift_(other: TensorOrScalar): this;
    gcd(other: Tensor): Tensor;
    lcm(other: Tensor): Tensor;
    gcd_(other: Tensor): this;
    lcm_(other: Tensor): this;
    nextafter(other: Tensor): Tensor;
    nextafter_(other: Tensor): this;
    /** `a.igamma(x)`: torch.igamma(a, x). */
    igamma(other: Tensor): Tensor;
    igammac(other: Tensor): Tensor;
    igamma_(other: Tensor): this;
    igammac_(other: Tensor): this;
    /** `x.bernoulli()`: draws with x as probabilities (torch.bernoulli); `x.bernoulli(p)`: x's shape drawn with p. */
    bernoulli(p?: number | { generator?: C.Generator }, opts?: { generator?: C.Generator }): Tensor;
    /** Fills with exp(N(mean, std²)) draws (PyTorch's CPU stream). */
    log_normal_(mean?: number, std?: number, opts?: { generator?: C.Generator }): this;
    /** Fills with geometric draws: the number of Bernoulli(p) trials to the first success (PyTorch's CPU stream). */
    geometric_(p: number, opts?: { generator?: C.Generator }): this;
    /** `x.float_power(e)`: torch.float_power (in double, rounded to float32). */
    float_power(exponent: Tensor | number): Tensor;
    /** `x.float_power_(e)`: PyTorch's error: the result is float64, which x (float32, int64 or bool) cannot hold. */
    float_power_(exponent: Tensor | number): this;
    /** `x.hardshrink(lambd=0.5)`: nn.functional.hardshrink. */
    hardshrink(lambd?: number): Tensor;
    /** `x.prelu(weight)`: nn.functional.prelu. */
    prelu(weight: Tensor): Tensor;
    /** `x.histogram(bins, { range, weight, density })`: torch.histogram. */
    histogram(bins?: number | Tensor | { range?: readonly number[] | null; weight?: Tensor | null; density?: boolean }, opts?: { range?: readonly number[] | null; weight?: Tensor | null; density?: boolean }): M.HistogramResult;
    /** `x.index_reduce(dim, index, source, reduce, { include_self })`: torch.index_reduce. */
    index_reduce(dim: number, index: Tensor, source: Tensor, reduce: 'prod' | 'mean' | 'amax' | 'amin', opts?: { include_self?: boolean }): Tensor;
    index_reduce_(dim: number, index: Tensor, source: Tensor, reduce: 'prod' | 'mean' | 'amax' | 'amin', opts?: { include_self?: boolean }): this;
    /** `x.put(index, source, accumulate=False)`: torch.put. */
    put(index: Tensor, source: Tensor, accumulate?: boolean): Tensor;
    /** `x.put_(index, source, accumulate=False)`: source's values written at the flat indices of x. */
    put_(index: Tensor, source: Tensor, accumulate?: boolean): this;
    /** `x.as_strided(size, stride, storage_offset)`: torch.as_strided. */
    as_strided(size: readonly number[], stride: readonly number[], storage_offset?: number | null): Tensor;
    /** `x.as_strided_scatter(src, size, stride, storage_offset)`: torch.as_strided_scatter. */
    as_strided_scatter(src: Tensor, size: readonly number[], stride: readonly number[], storage_offset?: number | null): Tensor;
    /** `x.as_strided_(size, stride, storage_offset)`: x itself takes the geometry (bounds checked). */
    as_strided_(size: readonly number[], stride: readonly number[], storage_offset?: number | null): this;
    /** `x.unsqueeze_(dim)`: in place (UnsqueezeBackward1). */
    unsqueeze_(dim: number): this;
    /** `x.squeeze_(dim?)`: in place (SqueezeBackward2 without dim, SqueezeBackward3 with one). */
    squeeze_(dim?: number): this;
    /** `x.transpose_(dim0, dim1)`: in place (TransposeBackward1). */
    transpose_(dim0: number, dim1: number): this;
    swapaxes_(...a: SwapArgs): this;
    swapdims_(dim0: number, dim1: number): this;
    /** `x.t_()`: in place (TBackward1). */
    t_(): this;
    /** `x.new(...)`, the legacy constructor: `x.new()` (empty), `x.new(2, 3)` or `x.new(size)` (uninitialized, x's
     *  dtype), `x.new([1, 2])` (data, x's dtype), `x.new(tensor)` (an alias; same dtype), `x.new(storage)`. */
    'new'(...args: (number | NestedArray | Tensor | Size | TypedStorage)[]): Tensor;
    /** `x.new_empty_strided(size, stride, { dtype })`: torch.empty_strided with x's dtype unless given. */
    new_empty_strided(size: readonly number[], stride: readonly number[], opts?: C.TensorOptions): Tensor;
    /** `x.resize_(...sizes)`: x takes the sizes (contiguous strides), its storage grown when too small (its values kept,
     *  the new ones zero; every tensor on the storage sees it). */
    resize_(...sizes: (number | readonly number[])[]): this;
    /** `x.resize_as_(other)`: x.resize_(other.shape). */
    resize_as_(other: Tensor): this;
    /** `x.resize(...sizes)` (deprecated, with PyTorch's warning): a reshaped copy with the same number of elements. */
    resize(...sizes: (number | readonly number[])[]): Tensor;
    /** `x.resize_as(other)` (deprecated): x.resize(other.shape). */
    resize_as(other: Tensor): Tensor;
    /** `x.set_(source)`: x becomes a tensor over source's storage with source's geometry; `x.set_(storage, offset, size,
     *  stride)` over a storage; `x.set_()` an empty tensor. */
    set_(source?: Tensor | TypedStorage, storage_offset?: number, size?: readonly number[], stride?: readonly number[]): this;
    /** Whether x and other are the same view of the same storage (same offset, sizes and strides). */
    is_set_to(other: Tensor): boolean;
    /** `x.apply_(fn)`: each element replaced by fn(element), in order (a JavaScript callback, as PyTorch's Python one). */
    apply_(callable: (v: number) => number | boolean): this;
    /** `x.map_(other, fn)`: each element replaced by fn(element, other's element), other broadcast to x's shape. */
    map_(tensor: Tensor, callable: (a: number, b: number) => number | boolean): this;
    /** `x.map2_(a, b, fn)`: each element replaced by fn(element, a's, b's), a and b broadcast to x's shape. */
    map2_(x: Tensor, y: Tensor, callable: (a: number, b: number, c: number) => number | boolean): this;
    /** The byte address of the first element in wasm memory (0 for a tensor without memory). */
    data_ptr(): number;
    /** `x.storage()`: the TypedStorage under x (all of it, not just x's view). */
    storage(): TypedStorage;
    /** `x.storage_type()`: torch.FloatStorage, torch.LongStorage or torch.BoolStorage. */
    storage_type(): typeof TypedStorage;
    /** `torch.strided`: tocha's only layout. */
    get layout(): typeof strided;
    /** The CUDA device index: -1 on the CPU. */
    get_device(): number;
    /** Which output of its grad_fn this tensor is (0 for most; a position for unbind's and split's). */
    get output_nr(): number;
    is_pinned(): boolean;
    /** `x.pin_memory()`: PyTorch's error without CUDA (pinned memory is page-locked host memory for GPU copies). */
    pin_memory(): Tensor;
    is_shared(): boolean;
    /** `x.share_memory_()`: marks the storage shared (wasm memory already is, across tocha's worker threads). */
    share_memory_(): this;
    /** `x.cuda()`: PyTorch's AssertionError without CUDA. */
    cuda(): Tensor;
    xpu(): Tensor;
    ipu(): Tensor;
    get is_xpu(): boolean;
    get is_ipu(): boolean;
    get is_mps(): boolean;
    get is_vulkan(): boolean;
    get is_ort(): boolean;
    get is_mkldnn(): boolean;
    get is_nested(): boolean;
    get is_sparse_csr(): boolean;
    is_distributed(): boolean;
    half(): Tensor;
    bfloat16(): Tensor;
    byte(): Tensor;
    char(): Tensor;
    short(): Tensor;
    cfloat(): Tensor;
    cdouble(): Tensor;
    chalf(): Tensor;
    /** Named tensors: tocha's dimensions are unnamed, so every name is null. */
    get names(): null[];
    has_names(): boolean;
    /** `x.name`: null (the named-tensor attribute PyTorch keeps for every tensor). */
    get name(): null;
    /** `x.volatile` (removed in PyTorch): false, with PyTorch's warning. */
    get volatile(): boolean;
    /** `x.reinforce()`: removed in PyTorch, its error. */
    reinforce(reward?: unknown): never;
  }
}

/** hsplit's, vsplit's and dsplit's sections (an int) or indices (a list), by position or by name. */
type SplitSections = number | number[] | { sections: number } | { indices: number[] };
function sections(s: SplitSections): number | number[] {
  if (typeof s !== 'object' || Array.isArray(s)) return s;
  const o = s as { sections?: number; indices?: number[] };
  return o.sections ?? o.indices!;
}

type DiffKw = { n?: number; dim?: number; prepend?: Tensor | null; append?: Tensor | null };

/** Tensor.swapaxes's and swapaxes_'s (axis0, axis1): by position, or from either on by name. */
type SwapArgs = [axis0: number, axis1: number] | [axis0: number, kw: { axis1: number }] | [{ axis0: number; axis1: number }];

function swapAxes(fn: string, a: readonly unknown[]): [number, number] {
  const o = nativeAfter(fn, 1, ['axis0', 'axis1'], {}, a);
  return [intArg(fn, 'axis0', argPosition(a, 0), o.axis0), intArg(fn, 'axis1', argPosition(a, 1), o.axis1)];
}

function missingDtype(method: string, dtype: string): never {
  throw new TypeError(`tocha: x.${method}() converts to ${dtype}, a dtype tocha lacks (tocha has float32, int64 and bool)`);
}

/** Tensor.resize / resize_as (autograd's Resize function): the same elements in a new shape, a copy. */
const resizeLegacy = /*#__PURE__*/ composite(resizeLegacyImpl, 'Tensor.resize');

function resizeLegacyImpl(x: Tensor, shape: number[], name: string): Tensor {
  warnOnce(`Tensor.${name}`, `non-inplace ${name} is deprecated`);
  if (numelOf(shape) !== x.numel()) {
    throw new Error(`requested resize to ${shape.join('x')} (${numelOf(shape)} elements in total), but the given tensor has a ` +
      `size of ${x._shape.join('x')} (${x.numel()} elements). autograd's resize can only change the shape of a given tensor, ` +
      'while preserving the number of elements. ');
  }
  return renamed('ResizeBackward', S.reshape(E.clone(x), shape));
}

/** Tensor.new, the legacy constructor. */
function newLegacy(x: Tensor, args: unknown[]): Tensor {
  if (args.length === 0) return C.empty([0], { dtype: x.dtype });
  const a = args[0];
  if (args.length === 1 && a instanceof Tensor) {
    if (a.dtype !== x.dtype) {
      const o = (d: DType) => `TensorOptions(dtype=${d === float32 ? 'float' : d === int64 ? 'long int' : 'bool'}, device=cpu, layout=Strided, ` +
        'requires_grad=false (default), pinned_memory=false (default), memory_format=(nullopt))';
      throw new TypeError(`expected ${o(x.dtype)} (got ${o(a.dtype)})`);
    }
    return a.detach();
  }
  if (args.length === 1 && a instanceof TypedStorage) return C.empty([0], { dtype: x.dtype }).set_(a);
  if (args.length === 1 && a instanceof Size) return C.empty([...a], { dtype: x.dtype });
  if (args.length === 1 && Array.isArray(a)) return C.tensor(a as NestedArray, { dtype: x.dtype });
  args.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new TypeError(`new(): argument 'size' must be tuple of ints, but found element of type ${typeof v === 'number' ? 'float' : typeof v} at pos ${i + 1}`);
    }
  });
  return C.empty(args as number[], { dtype: x.dtype });
}

/** The methods' implementations, copied onto Tensor.prototype below (a class, so that each keeps the overloads, `this`
 *  and the property attributes of a class method). */
class TensorMethods extends Tensor {
  override double(): Tensor { return E.cast(this, float32, true); }
  override numpy(): Float32Array | Int32Array {
    if (this.requires_grad) throw new TypeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
    return this.dataSync();
  }
  override fmod(other: TensorOrScalar): Tensor { return E.fmod(this, other); }
  override atan2(other: Tensor): Tensor { return E.atan2(this, other); }
  override logical_xor(other: Tensor): Tensor { return E.logical_xor(this, other); }
  override exp2(): Tensor { return E.exp2(this); }
  override expm1(): Tensor { return E.expm1(this); }
  override log2(): Tensor { return E.log2(this); }
  override log10(): Tensor { return E.log10(this); }
  override tan(): Tensor { return E.tan(this); }
  override sinh(): Tensor { return E.sinh(this); }
  override cosh(): Tensor { return E.cosh(this); }
  override asin(): Tensor { return E.asin(this); }
  override acos(): Tensor { return E.acos(this); }
  override atan(): Tensor { return E.atan(this); }
  override erf(): Tensor { return E.erf(this); }
  override erfinv(): Tensor { return E.erfinv(this); }
  override lgamma(): Tensor { return E.lgamma(this); }
  override digamma(): Tensor { return E.digamma(this); }
  override trunc(): Tensor { return E.trunc(this); }
  override frac(): Tensor { return E.frac(this); }
  override logit(eps?: number | null): Tensor { return E.logit(this, eps); }
  override erfc(): Tensor { return Sp.erfc(this); }
  override i0(): Tensor { return Sp.i0(this); }
  override polygamma(n: number): Tensor { return Sp.polygammaOp('polygamma', Sp.nativeArgs('polygamma', ['n'], arguments)[0], this); }
  override mvlgamma(p: number): Tensor { return Sp.mvlgammaOp('mvlgamma', this, Sp.nativeArgs('mvlgamma', ['p'], arguments)[0], 1); }
  // PyTorch's other in-place forms: the op's result written into this tensor (its dtype kept).
  override acos_(): this { return MT.acos_(this); }
  override asin_(): this { return MT.asin_(this); }
  override atan_(): this { return MT.atan_(this); }
  override acosh_(): this { return MT.acosh_(this); }
  override asinh_(): this { return MT.asinh_(this); }
  override atanh_(): this { return MT.atanh_(this); }
  override arccos_(): this { return MT.arccos_(this); }
  override arcsin_(): this { return MT.arcsin_(this); }
  override arctan_(): this { return MT.arctan_(this); }
  override arccosh_(): this { return MT.arccosh_(this); }
  override arcsinh_(): this { return MT.arcsinh_(this); }
  override arctanh_(): this { return MT.arctanh_(this); }
  override atan2_(other: Tensor): this { return this._inplaceOf('atan2_', (s) => E.atan2(s, other), other); }
  override arctan2_(other: Tensor): this { return this.atan2_(other); }
  override cos_(): this { return MT.cos_(this); }
  override cosh_(): this { return MT.cosh_(this); }
  override sin_(): this { return MT.sin_(this); }
  override sinh_(): this { return MT.sinh_(this); }
  override tan_(): this { return MT.tan_(this); }
  override log_(): this { return MT.log_(this); }
  override log10_(): this { return MT.log10_(this); }
  override log1p_(): this { return MT.log1p_(this); }
  override log2_(): this { return MT.log2_(this); }
  override exp2_(): this { return MT.exp2_(this); }
  override expm1_(): this { return MT.expm1_(this); }
  override rsqrt_(): this { return MT.rsqrt_(this); }
  override reciprocal_(): this { return MT.reciprocal_(this); }
  override square_(): this { return MT.square_(this); }
  override erf_(): this { return MT.erf_(this); }
  override erfc_(): this { return MT.erfc_(this); }
  override erfinv_(): this { return this._inplaceOf('erfinv_', (s) => E.erfinv(s)); }
  override lgamma_(): this { return this._inplaceOf('lgamma_', (s) => E.lgamma(s)); }
  override digamma_(): this { return this._inplaceOf('digamma_', (s) => E.digamma(s)); }
  override polygamma_(n: number): this {
    const [k] = Sp.nativeArgs('polygamma_', ['n'], arguments);
    return this._inplaceOf('polygamma_', (s) => renamed('PolygammaBackward1', Sp.polygammaOp('polygamma_', k, s)));
  }
  override mvlgamma_(p: number): this {
    const [d] = Sp.nativeArgs('mvlgamma_', ['p'], arguments);
    return this._inplaceOf('mvlgamma_', (s) => Sp.mvlgammaOp('mvlgamma_', s, d, 1));
  }
  override i0_(): this { return MT.i0_(this); }
  override sinc_(): this { return MT.sinc_(this); }
  override logit_(eps?: number | null): this { return MT.logit_(this, eps); }
  override floor_(): this { return MT.floor_(this); }
  override ceil_(): this { return MT.ceil_(this); }
  override round_(opts?: { decimals?: number }): this { return MT.round_(this, opts); }
  override trunc_(): this { return MT.trunc_(this); }
  override fix_(): this { return MT.fix_(this); }
  override frac_(): this { return MT.frac_(this); }
  override sign_(): this { return MT.sign_(this); }
  override sgn_(): this { return this._inplaceOf('sgn_', (s) => X.sgn(s)); }
  override negative_(): this { return MT.negative_(this); }
  override absolute_(): this { return this.abs_(); }
  override deg2rad_(): this { return MT.deg2rad_(this); }
  override rad2deg_(): this { return MT.rad2deg_(this); }
  override nan_to_num_(nan?: number | { nan?: number; posinf?: number | null; neginf?: number | null }, posinf?: number | null, neginf?: number | null): this { return MT.nan_to_num_(this, nan, posinf, neginf); }
  override clamp_min_(min: number | Tensor): this { return MT.clamp_min_(this, min); }
  override clamp_max_(max: number | Tensor): this { return MT.clamp_max_(this, max); }
  override clip_(min?: number | null, max?: number | null): this { return this.clamp_(min, max); }
  override multiply_(other: TensorOrScalar): this { return this.mul_(other); }
  override subtract_(other: TensorOrScalar, opts?: { alpha?: number }): this { return this.sub_(other, opts); }
  override divide_(other: TensorOrScalar): this { return this.div_(other); }
  override true_divide_(other: TensorOrScalar): this { return this.div_(other); }
  override floor_divide_(other: TensorOrScalar): this { return this._inplaceOf('floor_divide_', (s) => E.floor_divide(s, other), other); }
  override remainder_(other: TensorOrScalar): this { return this._inplaceOf('remainder_', (s) => E.remainder(s, other), other); }
  override fmod_(other: TensorOrScalar): this { return this._inplaceOf('fmod_', (s) => E.fmod(s, other), other); }
  override hypot_(other: Tensor): this { return this._inplaceOf('hypot_', (s) => E.hypot(s, other), other); }
  override copysign_(other: TensorOrScalar): this { return this._inplaceOf('copysign_', (s) => E.copysign(s, other), other); }
  override xlogy_(other: TensorOrScalar): this { return MT.xlogy_(this, other); }
  override heaviside_(values: Tensor): this { return this._inplaceOf('heaviside_', (s) => X.heaviside(s, values), values); }
  override eq_(other: TensorOrScalar): this { return this._inplaceOf('eq_', (s) => E.eq(s, other), other); }
  override ne_(other: TensorOrScalar): this { return this._inplaceOf('ne_', (s) => E.ne(s, other), other); }
  override lt_(other: TensorOrScalar): this { return this._inplaceOf('lt_', (s) => E.lt(s, other), other); }
  override le_(other: TensorOrScalar): this { return this._inplaceOf('le_', (s) => E.le(s, other), other); }
  override gt_(other: TensorOrScalar): this { return this._inplaceOf('gt_', (s) => E.gt(s, other), other); }
  override ge_(other: TensorOrScalar): this { return this._inplaceOf('ge_', (s) => E.ge(s, other), other); }
  override not_equal_(other: TensorOrScalar): this { return this.ne_(other); }
  override less_(other: TensorOrScalar): this { return this.lt_(other); }
  override less_equal_(other: TensorOrScalar): this { return this.le_(other); }
  override greater_(other: TensorOrScalar): this { return this.gt_(other); }
  override greater_equal_(other: TensorOrScalar): this { return this.ge_(other); }
  override logical_and_(other: Tensor): this { return this._inplaceOf('logical_and_', (s) => E.logical_and(s, other), other); }
  override logical_or_(other: Tensor): this { return this._inplaceOf('logical_or_', (s) => E.logical_or(s, other), other); }
  override logical_xor_(other: Tensor): this { return this._inplaceOf('logical_xor_', (s) => E.logical_xor(s, other), other); }
  override logical_not_(): this { return this._inplaceOf('logical_not_', (s) => E.logical_not(s)); }
  override addmm_(m1: Tensor, m2: Tensor, o?: { beta?: number; alpha?: number }): this { return this._inplaceOf('addmm_', (s) => X.addmm(s, m1, m2, o), m1, m2); }
  override addmv_(m: Tensor, v: Tensor, o?: { beta?: number; alpha?: number }): this { return MT.addmv_(this, m, v, o); }
  override addr_(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): this { return this._inplaceOf('addr_', (s) => X.addr(s, a, b, o), a, b); }
  override baddbmm_(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): this { return this._inplaceOf('baddbmm_', (s) => X.baddbmm(s, a, b, o), a, b); }
  override addbmm_(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): this { return this._inplaceOf('addbmm_', (s) => X.addbmm(s, a, b, o), a, b); }
  override tril_(diagonal = 0): this { return this._inplaceOf('tril_', (s) => S.tril(s, diagonal)); }
  override triu_(diagonal = 0): this { return this._inplaceOf('triu_', (s) => S.triu(s, diagonal)); }
  override cumsum_(dim: number): this { return this._inplaceOf('cumsum_', (s) => R.cumsum(s, dim)); }
  override cumprod_(dim: number): this { return this._inplaceOf('cumprod_', (s) => R.cumprod(s, dim)); }
  override fill_diagonal_(...a: [fill_value: number, wrap?: boolean | { wrap?: boolean }] | [{ fill_value: number; wrap?: boolean }]): this {
    const o = nativeAfter('fill_diagonal_', 1, ['fill_value', 'wrap'], { wrap: false }, a);
    return X.fill_diagonal_(this, o.fill_value, boolArg('fill_diagonal_', 'wrap', argPosition(a, 1), o.wrap));
  }
  // PyTorch's other names and real-tensor forms of complex ops
  override asinh(): Tensor { return E.asinh(this); }
  override acosh(): Tensor { return E.acosh(this); }
  override atanh(): Tensor { return E.atanh(this); }
  override arccos(): Tensor { return E.acos(this); }
  override arcsin(): Tensor { return E.asin(this); }
  override arctan(): Tensor { return E.atan(this); }
  override arccosh(): Tensor { return E.acosh(this); }
  override arcsinh(): Tensor { return E.asinh(this); }
  override arctanh(): Tensor { return E.atanh(this); }
  override arctan2(other: Tensor): Tensor { return E.atan2(this, other); }
  override absolute(): Tensor { return E.abs(this); }
  override fix(): Tensor { return E.trunc(this); }
  override positive(): Tensor { return X.positive(this); }
  override multiply(other: TensorOrScalar): Tensor { return E.mul(this, other); }
  override subtract(other: TensorOrScalar, opts?: { alpha?: number }): Tensor { return E.sub(this, other, opts); }
  override divide(other: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor { return E.div(this, other, opts); }
  override greater(other: TensorOrScalar): Tensor { return E.gt(this, other); }
  override greater_equal(other: TensorOrScalar): Tensor { return E.ge(this, other); }
  override less(other: TensorOrScalar): Tensor { return E.lt(this, other); }
  override less_equal(other: TensorOrScalar): Tensor { return E.le(this, other); }
  override not_equal(other: TensorOrScalar): Tensor { return E.ne(this, other); }
  override hypot(other: Tensor): Tensor { return E.hypot(this, other); }
  override copysign(other: TensorOrScalar): Tensor { return E.copysign(this, other); }
  override logaddexp2(other: Tensor): Tensor { return X.logaddexp2(this, other); }
  override isposinf(): Tensor { return X.isposinf(this); }
  override isneginf(): Tensor { return X.isneginf(this); }
  override isreal(): Tensor { return X.isreal(this); }
  override is_nonzero(): boolean { return X.is_nonzero(this); }
  override is_complex(): boolean { return false; }
  override is_signed(): boolean { return MT.is_signed(this); }
  override ndimension(): number { return this._shape.length; }
  override swapdims(...a: [dim0: number, dim1: number] | [{ dim0: number; dim1: number }]): Tensor { return this.transpose(...(a as [number, number])); }
  override adjoint(): Tensor { return X.adjoint(this); }
  override get H(): Tensor {
    if (this._shape.length !== 2) {
      throw new Error(`tensor.H is only supported on matrices (2-D tensors). Got ${this._shape.length}-D tensor.` +
        `${this._shape.length > 2 ? ' For batches of matrices, consider using tensor.mH' : ''}`);
    }
    return S.transpose(this, 0, 1);
  }
  override get mH(): Tensor { return X.adjoint(this); }
  override conj(): Tensor { return this; }
  override resolve_conj(): Tensor { return this; }
  override resolve_neg(): Tensor { return this; }
  override conj_physical(): Tensor { return this; }
  override conj_physical_(): this { return MT.conj_physical_(this); }
  override angle(): Tensor { return X.angle(this); }
  override ger(other: Tensor): Tensor { return L.outer(this, other); }
  override split_with_sizes(split_sizes: number[], dim = 0): Tensor[] { return S.split(this, split_sizes, dim); }
  override unsafe_split(split_size: number, dim = 0): Tensor[] { return S.unsafe_split(this, split_size, dim); }
  override unsafe_chunk(chunks: number, dim = 0): Tensor[] { return S.unsafe_chunk(this, chunks, dim); }
  override unsafe_split_with_sizes(split_sizes: number[], dim = 0): Tensor[] { return S.unsafe_split(this, split_sizes, dim); }
  override narrow_copy(dim: number, start: number, length: number): Tensor { return MT.narrow_copy(this, dim, start, length); }
  override is_conj(): boolean { return MT.is_conj(this); }
  override is_neg(): boolean { return MT.is_neg(this); }
  override is_same_size(other: Tensor): boolean { return MT.is_same_size(this, other); }
  override get real(): Tensor { return this; }
  override get imag(): Tensor { return X.imag(this); }
  override get is_quantized(): boolean { return false; }
  override get is_meta(): boolean { return false; }
  override random_(from: number, to?: number, opts?: { generator?: C.Generator }): this { return C.random_(this, from, to, opts?.generator); }
  override exponential_(lambd = 1, opts?: { generator?: C.Generator }): this { return C.exponential_(this, lambd, opts?.generator); }
  override cauchy_(median = 0, sigma = 1, opts?: { generator?: C.Generator }): this { return C.cauchy_(this, median, sigma, opts?.generator); }
  override cumprod(...args: R.ScanArgs): Tensor { return R.cumprod(this, ...args); }
  override swapaxes(...a: SwapArgs): Tensor { return S.transpose(this, ...swapAxes('swapaxes', a)); }
  override broadcast_to(...size: (number | number[])[] | [ListKw<'size'>]): Tensor { return S.expand(this, sizesOf(size, 'broadcast_to', 'size')); }
  // torch.linalg's classic methods (ops/decomp.ts, linalg.ts)
  override det(): Tensor { return D.det(this); }
  override logdet(): Tensor { return D.logdet(this); }
  override slogdet(): D.SlogdetResult { return D.torchSlogdet(this); }
  override inverse(): Tensor { return D.inv(this); }
  override cholesky(upper = false): Tensor { return D.torchCholesky(this, upper); }
  override cholesky_solve(L: Tensor, upper = false): Tensor { return D.cholesky_solve(this, L, upper); }
  override cholesky_inverse(upper = false): Tensor { return D.cholesky_inverse(this, upper); }
  override svd(some = true, compute_uv = true): D.TorchSVDResult { return D.torchSvd(this, some, compute_uv); }
  override qr(some = true): D.QRResult { return D.torchQr(this, some); }
  override pinverse(rcond = 1e-15): Tensor { return D.pinverse(this, rcond); }
  override matrix_power(n: number): Tensor { return LA.matrix_power(this, n); }
  override triangular_solve(A: Tensor, upper = true, transpose = false, unitriangular = false): D.TriangularSolveResult {
    return D.triangular_solve(this, A, upper, transpose, unitriangular);
  }
  override matrix_exp(): Tensor { return LA.matrix_exp(this); }
  override lu(...args: Parameters<typeof DM.torchLu> extends [Tensor, ...infer R] ? R : never): [Tensor, Tensor] | [Tensor, Tensor, Tensor] {
    return DM.torchLu(this, ...args);
  }
  override lu_solve(LU_data: Tensor, LU_pivots: Tensor): Tensor { return DM.torchLuSolve(this, LU_data, LU_pivots); }
  override geqrf(): DM.GeqrfResult { return DM.geqrf(this); }
  override orgqr(tau: Tensor): Tensor { return DM.orgqr(this, tau); }
  override ormqr(...args: DM.OrmqrArgs): Tensor { return DM.ormqr(this, ...args); }
  override symeig(...args: Parameters<typeof DM.symeig> extends [Tensor, ...infer R] ? R : never): DM.SymeigResult { return DM.symeig(this, ...args); }
  override solve(...args: unknown[]): never { return DM.solve(this, ...args); }
  override lstsq(...args: unknown[]): never { return DM.lstsq(this, ...args); }
  override eig(...args: unknown[]): never { return DM.eig(this, ...args); }
  // ---------------------------------------------------------------- sorting, selection, helpers (ops/sorting.ts, ops/extra.ts)
  override sort(...args: O.SortArgs): ReturnTypes { return O.sort(this, ...args); }
  override argsort(...args: O.SortArgs): Tensor { return O.argsort(this, ...args); }
  override msort(): Tensor { return O.msort(this); }
  override topk(k: number | O.TopkOpts, ...args: O.TopkArgs): ReturnTypes { return O.topk(this, k, ...args); }
  override kthvalue(k: number, ...args: R.DimArgs<number, R.DimKeep>): ReturnTypes { return O.kthvalue(this, k, ...args); }
  override median(): Tensor;
  override median(...args: R.DimArgs<number, R.DimKeep>): ReturnTypes;
  override median(...args: unknown[]): Tensor | ReturnTypes { return (O.median as (x: Tensor, ...a: unknown[]) => Tensor)(this, ...args); }
  override nanmedian(): Tensor;
  override nanmedian(...args: R.DimArgs<number, R.DimKeep>): ReturnTypes;
  override nanmedian(...args: unknown[]): Tensor | ReturnTypes { return (O.nanmedian as (x: Tensor, ...a: unknown[]) => Tensor)(this, ...args); }
  override mode(...args: R.DimArgs<number, R.DimKeep>): ReturnTypes { return O.mode(this, ...args); }
  override unique(opts?: O.UniqueOpts & { return_inverse?: false; return_counts?: false }): Tensor;
  override unique(opts?: O.UniqueOpts): Tensor | Tensor[];
  override unique(opts?: O.UniqueOpts): Tensor | Tensor[] { return O.unique(this, opts); }
  override unique_consecutive(opts?: O.UniqueOpts): Tensor | Tensor[] { return O.unique_consecutive(this, opts); }
  override nonzero(opts?: { as_tuple?: boolean }): Tensor | Tensor[] { return O.nonzero(this, opts); }
  override argwhere(): Tensor { return O.argwhere(this); }
  override count_nonzero(dim?: number | number[] | null): Tensor { return O.count_nonzero(this, dim); }
  override cummax(dim: number): ReturnTypes { return O.cummax(this, dim); }
  override cummin(dim: number): ReturnTypes { return O.cummin(this, dim); }
  override logcumsumexp(dim: number): Tensor { return O.logcumsumexp(this, dim); }
  override addmm(m1: Tensor, m2: Tensor, o?: { beta?: number; alpha?: number }): Tensor { return X.addmm(this, m1, m2, o); }
  override addmv(m: Tensor, v: Tensor, o?: { beta?: number; alpha?: number }): Tensor { return X.addmv(this, m, v, o); }
  override addr(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): Tensor { return X.addr(this, a, b, o); }
  override baddbmm(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): Tensor { return X.baddbmm(this, a, b, o); }
  override addbmm(a: Tensor, b: Tensor, o?: { beta?: number; alpha?: number }): Tensor { return X.addbmm(this, a, b, o); }
  override kron(other: Tensor): Tensor { return X.kron(this, other); }
  override trace(): Tensor { return X.trace(this); }
  override diag(diagonal = 0): Tensor { return X.diag(this, diagonal); }
  override diagonal(offset = 0, dim1 = 0, dim2 = 1): Tensor { return X.diagonal(this, offset, dim1, dim2); }
  override diag_embed(offset = 0, dim1 = -2, dim2 = -1): Tensor { return X.diag_embed(this, offset, dim1, dim2); }
  override diagflat(offset = 0): Tensor { return X.diagflat(this, offset); }
  override dist(other: Tensor, p = 2): Tensor { return X.dist(this, other, p); }
  override vdot(other: Tensor): Tensor { return X.vdot(this, other); }
  override inner(other: Tensor): Tensor { return X.inner(this, other); }
  override cross(other: Tensor, dim?: number | null): Tensor { return X.cross(this, other, dim); }
  override cov(opts?: { correction?: number; fweights?: Tensor | null; aweights?: Tensor | null }): Tensor { return X.cov(this, opts); }
  override corrcoef(): Tensor { return X.corrcoef(this); }
  override roll(shifts: number | number[] | { shifts: number | number[]; dims?: number | number[] | null }, dims?: number | number[] | null): Tensor {
    return X.roll(this, shifts, dims);
  }
  override rot90(k = 1, dims: number[] = [0, 1]): Tensor { return X.rot90(this, k, dims); }
  override fliplr(): Tensor { return X.fliplr(this); }
  override flipud(): Tensor { return X.flipud(this); }
  override movedim(source: number | number[], destination: number | number[]): Tensor { return X.movedim(this, source, destination); }
  override moveaxis(source: number | number[], destination: number | number[]): Tensor { return X.movedim(this, source, destination); }
  override ravel(): Tensor { return X.ravel(this); }
  override tile(...dims: (number | number[])[] | [ListKw<'dims'>]): Tensor { return X.tile(this, sizesOf(dims, 'tile', 'dims')); }
  override repeat_interleave(...args: X.RepeatInterleaveArgs): Tensor { return X.repeat_interleave(this, ...args); }
  override tensor_split(sections: number | number[] | Tensor, dim = 0): Tensor[] { return X.tensor_split(this, sections, dim); }
  override hsplit(s: SplitSections): Tensor[] { return X.hsplit(this, sections(s)); }
  override vsplit(s: SplitSections): Tensor[] { return X.vsplit(this, sections(s)); }
  override dsplit(s: SplitSections): Tensor[] { return X.dsplit(this, sections(s)); }
  override take(index: Tensor): Tensor { return X.take(this, index); }
  override take_along_dim(indices: Tensor, dim?: number | null): Tensor { return X.take_along_dim(this, indices, dim); }
  override index_add(dim: number, index: Tensor, source: Tensor, o?: { alpha?: number }): Tensor { return X.index_add(this, dim, index, source, o); }
  override index_add_(dim: number, index: Tensor, source: Tensor, o?: { alpha?: number }): this {
    return E.inplace(this, () => X.index_add(this, dim, index, source, o), 'index_add_', source);
  }
  override index_copy(dim: number, index: Tensor, source: Tensor): Tensor { return X.index_copy(this, dim, index, source); }
  override index_copy_(dim: number, index: Tensor, source: Tensor): this { return MT.index_copy_(this, dim, index, source); }
  override index_fill(dim: number, index: Tensor, value: number | Tensor): Tensor { return X.index_fill(this, dim, index, value); }
  override index_fill_(dim: number, index: Tensor, value: number | Tensor): this { return MT.index_fill_(this, dim, index, value); }
  override scatter_(...a: X.ScatterArgs): this {
    const [dim, index, src] = X.scatterArgs(a);
    return E.inplace(this, () => X.scatter(this, dim, index, src), 'scatter_', src);
  }
  override scatter_add_(dim: number, index: Tensor, src: Tensor): this {
    return E.inplace(this, () => S.scatter_add(this, dim, index, src), 'scatter_add_', src);
  }
  override scatter_reduce(dim: number, index: Tensor, src: Tensor, reduce: X.ScatterReduce, o?: { include_self?: boolean }): Tensor {
    return X.scatter_reduce(this, dim, index, src, reduce, o);
  }
  override scatter_reduce_(dim: number, index: Tensor, src: Tensor, reduce: X.ScatterReduce, o?: { include_self?: boolean }): this {
    return E.inplace(this, () => X.scatter_reduce(this, dim, index, src, reduce, o), 'scatter_reduce_', src);
  }
  override masked_scatter(mask: Tensor, source: Tensor): Tensor { return X.masked_scatter(this, mask, source); }
  override masked_scatter_(mask: Tensor, source: Tensor): this {
    return E.inplace(this, () => X.masked_scatter(this, mask, source), 'masked_scatter_', source);
  }
  override diff(...a: [n?: number | DiffKw, dim?: number | DiffKw, prepend?: Tensor | null | DiffKw, append?: Tensor | null | DiffKw, kw?: DiffKw]): Tensor {
    const [n, dim, prepend, append] = kwargs('diff', ['n', 'dim', 'prepend', 'append'], { n: 1, dim: -1, prepend: null, append: null },
      a) as [number, number, Tensor | null, Tensor | null];
    return X.diff(this, n ?? 1, dim ?? -1, { prepend, append });
  }
  override nan_to_num(nan?: number | { nan?: number; posinf?: number | null; neginf?: number | null }, posinf?: number | null, neginf?: number | null): Tensor {
    return X.nan_to_num(this, nan, posinf, neginf);
  }
  override nansum(dim?: number | number[] | null | R.DimOpts, opts?: R.DimOpts): Tensor { return X.nansum(this, dim, opts); }
  override nanmean(dim?: number | number[] | null | R.DimOpts, opts?: R.DimOpts): Tensor { return X.nanmean(this, dim, opts); }
  override xlogy(other: TensorOrScalar): Tensor { return X.xlogy(this, other); }
  override logaddexp(other: Tensor): Tensor { return X.logaddexp(this, other); }
  override fmax(other: Tensor): Tensor { return X.fmax(this, other); }
  override fmin(other: Tensor): Tensor { return X.fmin(this, other); }
  override heaviside(values: Tensor): Tensor { return X.heaviside(this, values); }
  override sgn(): Tensor { return X.sgn(this); }
  override signbit(): Tensor { return X.signbit(this); }
  override sinc(): Tensor { return X.sinc(this); }
  override deg2rad(): Tensor { return X.deg2rad(this); }
  override rad2deg(): Tensor { return X.rad2deg(this); }
  override aminmax(opts?: { dim?: number | null; keepdim?: boolean }): [Tensor, Tensor] & { min: Tensor; max: Tensor } { return X.aminmax(this, opts); }
  override histc(bins = 100, min = 0, max = 0): Tensor { return X.histc(this, bins, min, max); }
  override bincount(weights?: Tensor | null, minlength = 0): Tensor { return X.bincount(this, weights, minlength); }
  override multinomial(num_samples: number, replacement?: boolean, opts?: X.MultinomialOpts): Tensor;
  override multinomial(num_samples: number, opts: X.MultinomialOpts): Tensor;
  override multinomial(opts: X.MultinomialOpts & { num_samples: number }): Tensor;
  override multinomial(...args: unknown[]): Tensor {
    return (X.multinomial as (x: Tensor, ...a: unknown[]) => Tensor)(this, ...args);
  }
  // ---------------------------------------------------------------- src/ops/funcs.ts
  override quantile(q: number | Tensor, ...args: Parameters<typeof Fn.quantile> extends [Tensor, unknown, ...infer A] ? A : never): Tensor { return Fn.quantile(this, q, ...args); }
  override nanquantile(q: number | Tensor, ...args: Parameters<typeof Fn.nanquantile> extends [Tensor, unknown, ...infer A] ? A : never): Tensor { return Fn.nanquantile(this, q, ...args); }
  override renorm(p: number, dim: number, maxnorm: number): Tensor { return Fn.renorm(this, p, dim, maxnorm); }
  override renorm_(p: number, dim: number, maxnorm: number): this { return this._inplaceOf('renorm_', (s) => Fn.renorm(s, p, dim, maxnorm)); }
  override frexp(): [Tensor, Tensor] & { mantissa: Tensor; exponent: Tensor } { return Fn.frexp(this); }
  override ldexp(other: Tensor): Tensor { return Fn.ldexp(this, other); }
  override ldexp_(other: Tensor): this { return MT.ldexp_(this, other); }
  override unfold(dimension: number, size: number, step: number): Tensor { return Fn.unfold(this, dimension, size, step); }
  override diagonal_scatter(src: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor { return Fn.diagonal_scatter(this, src, offset, dim1, dim2); }
  override select_scatter(src: Tensor, dim: number, index: number): Tensor { return Fn.select_scatter(this, src, dim, index); }
  override slice_scatter(src: Tensor, dim = 0, start: number | null = null, end: number | null = null, step = 1): Tensor {
    return Fn.slice_scatter(this, src, dim, start, end, step);
  }
  override sum_to_size(...size: (number | readonly number[])[] | [ListKw<'size'>]): Tensor {
    return Fn.sum_to_size(this, ...(size.length === 1 ? [listKw('sum_to_size', 'size', size[0]) as number | number[]] : size as number[]));
  }
  override bitwise_and(other: TensorOrScalar): Tensor { return Fn.bitwise_and(this, other); }
  override bitwise_or(other: TensorOrScalar): Tensor { return Fn.bitwise_or(this, other); }
  override bitwise_xor(other: TensorOrScalar): Tensor { return Fn.bitwise_xor(this, other); }
  override bitwise_not(): Tensor { return Fn.bitwise_not(this); }
  override bitwise_left_shift(other: TensorOrScalar): Tensor { return Fn.bitwise_left_shift(this, other); }
  override bitwise_right_shift(other: TensorOrScalar): Tensor { return Fn.bitwise_right_shift(this, other); }
  override bitwise_and_(other: TensorOrScalar): this { return this._inplaceOf('bitwise_and_', (s) => Fn.bitwise_and(s, other), other); }
  override bitwise_or_(other: TensorOrScalar): this { return this._inplaceOf('bitwise_or_', (s) => Fn.bitwise_or(s, other), other); }
  override bitwise_xor_(other: TensorOrScalar): this { return this._inplaceOf('bitwise_xor_', (s) => Fn.bitwise_xor(s, other), other); }
  override bitwise_not_(): this { return this._inplaceOf('bitwise_not_', (s) => Fn.bitwise_not(s)); }
  override bitwise_left_shift_(other: TensorOrScalar): this { return this._inplaceOf('bitwise_left_shift_', (s) => Fn.bitwise_left_shift(s, other), other); }
  override bitwise_right_shift_(other: TensorOrScalar): this { return this._inplaceOf('bitwise_right_shift_', (s) => Fn.bitwise_right_shift(s, other), other); }
  override gcd(other: Tensor): Tensor { return Fn.gcd(this, other); }
  override lcm(other: Tensor): Tensor { return Fn.lcm(this, other); }
  override gcd_(other: Tensor): this { return MT.gcd_(this, other); }
  override lcm_(other: Tensor): this { return MT.lcm_(this, other); }
  override nextafter(other: Tensor): Tensor { return Fn.nextafter(this, other); }
  override nextafter_(other: Tensor): this { return this._inplaceOf('nextafter_', (s) => Fn.nextafter(s, other), other); }
  override igamma(other: Tensor): Tensor { return Fn.igamma(this, other); }
  override igammac(other: Tensor): Tensor { return Fn.igammac(this, other); }
  override igamma_(other: Tensor): this { return this._inplaceOf('igamma_', (s) => Fn.igamma(s, other), other); }
  override igammac_(other: Tensor): this { return this._inplaceOf('igammac_', (s) => Fn.igammac(s, other), other); }
  // ---------------------------------------------------------------- PyTorch 1.13's other Tensor names (ops/misc.ts)
  override bernoulli(p?: number | { generator?: C.Generator }, opts?: { generator?: C.Generator }): Tensor {
    return typeof p === 'number' ? C.bernoulli(this, p, opts) : C.bernoulli(this, p);
  }
  override log_normal_(mean = 1, std = 2, opts?: { generator?: C.Generator }): this {
    if (this.dtype !== float32) throw new TypeError(`"log_normal_cpu" not implemented for '${scalarName(this.dtype)}'`);
    return C.log_normal_(this, mean, std, opts?.generator);
  }
  override geometric_(p: number, opts?: { generator?: C.Generator }): this { return C.geometric_(this, p, opts?.generator); }
  override float_power(exponent: Tensor | number): Tensor { return M.float_power(this, exponent); }
  override float_power_(exponent: Tensor | number): this {
    void exponent;
    throw new Error(`the base given to float_power_ has dtype ${scalarName(this.dtype)} ` +
      "but the operation's result requires dtype Double");
  }
  override hardshrink(lambd = 0.5): Tensor { return E.unary(E.unarySpecs.hardshrink, this, lambd); }
  override prelu(weight: Tensor): Tensor { return M.prelu(this, weight); }
  override histogram(bins?: number | Tensor | { range?: readonly number[] | null; weight?: Tensor | null; density?: boolean },
    opts?: { range?: readonly number[] | null; weight?: Tensor | null; density?: boolean }): M.HistogramResult {
    return M.histogram(this, bins, opts);
  }
  override index_reduce(dim: number, index: Tensor, source: Tensor, reduce: 'prod' | 'mean' | 'amax' | 'amin', opts?: { include_self?: boolean }): Tensor {
    return M.index_reduce(this, dim, index, source, reduce, opts);
  }
  override index_reduce_(dim: number, index: Tensor, source: Tensor, reduce: 'prod' | 'mean' | 'amax' | 'amin', opts?: { include_self?: boolean }): this {
    return this._inplaceOf('index_reduce_', (s) => M.index_reduce(s, dim, index, source, reduce, opts), source);
  }
  override put(index: Tensor, source: Tensor, accumulate = false): Tensor { return M.put(this, index, source, accumulate); }
  override put_(index: Tensor, source: Tensor, accumulate = false): this { return M.put_(this, index, source, accumulate); }
  override as_strided(size: readonly number[], stride: readonly number[], storage_offset?: number | null): Tensor {
    return M.as_strided(this, size, stride, storage_offset);
  }
  override as_strided_scatter(src: Tensor, size: readonly number[], stride: readonly number[], storage_offset?: number | null): Tensor {
    return M.as_strided_scatter(this, src, size, stride, storage_offset);
  }
  override as_strided_(size: readonly number[], stride: readonly number[], storage_offset?: number | null): this {
    return M.as_strided_(this, size, stride, storage_offset);
  }
  override unsqueeze_(dim: number): this {
    const d = normDim(dim, this._shape.length + 1);
    return this._viewInPlace((x) => S.unsqueeze(x, dim), 'UnsqueezeBackward1', (g) => S.squeeze(g, d));
  }
  override squeeze_(dim?: number): this {
    const shape = this._shape.slice();
    return this._viewInPlace((x) => S.squeeze(x, dim), dim === undefined ? 'SqueezeBackward2' : 'SqueezeBackward3', (g) => S.reshape(g, shape));
  }
  override transpose_(dim0: number, dim1: number): this { return MT.transpose_(this, dim0, dim1); }
  override swapaxes_(...a: SwapArgs): this { return this.transpose_(...swapAxes('swapaxes_', a)); }
  override swapdims_(dim0: number, dim1: number): this { return this.transpose_(dim0, dim1); }
  override t_(): this {
    if (this._shape.length > 2) throw new Error(`t_() expects a tensor with <= 2 dimensions, but self is ${this._shape.length}D`);
    return this._viewInPlace((x) => S.t(x), 'TBackward1', (g) => S.t(g));
  }
  override new(...args: (number | NestedArray | Tensor | Size | TypedStorage)[]): Tensor {
    return newLegacy(this, args);
  }
  override new_empty_strided(size: readonly number[], stride: readonly number[], opts: C.TensorOptions = {}): Tensor {
    return M.empty_strided(size, stride, { dtype: this.dtype, ...opts });
  }
  override resize_(...sizes: (number | readonly number[])[]): this { return MT.resize_(this, ...sizes); }
  override resize_as_(other: Tensor): this { return MT.resize_as_(this, other); }
  override resize(...sizes: (number | readonly number[])[]): Tensor { return resizeLegacy(this, sizesOf(sizes), 'resize'); }
  override resize_as(other: Tensor): Tensor { return resizeLegacy(this, other._shape.slice(), 'resize_as'); }
  override set_(source?: Tensor | TypedStorage, storage_offset = 0, size?: readonly number[], stride?: readonly number[]): this {
    let st: Storage;
    let shape: number[];
    let strides: number[];
    let offset: number;
    if (source === undefined) {
      st = Storage.allocate(0);
      shape = [0]; strides = [1]; offset = 0;
    } else if (source instanceof Tensor) {
      if (source.dtype !== this.dtype) throw new TypeError('Could not run set_ with a source of another dtype');
      st = source._live().retain();
      shape = source._shape.slice(); strides = source._strides.slice(); offset = source._offset;
    } else {
      if (source.dtype !== this.dtype) throw new TypeError('Expected a Storage of the tensor\'s dtype');
      shape = size ? [...size] : [source.size() - storage_offset];
      strides = stride ? [...stride] : contiguousStrides(shape);
      offset = storage_offset;
      st = source._storage.retain();
    }
    this._bumpVersion();
    const old = this._live();
    unfinalize(this);
    this._storage = st;
    finalize(this);
    old.release();
    this._shape = shape;
    this._strides = strides;
    this._offset = offset;
    this._sizeCache = null;
    if (source instanceof TypedStorage || source !== undefined) M.checkStrided(this, shape, strides, offset);
    return this;
  }
  override is_set_to(other: Tensor): boolean {
    return this._live() === other._live() && this._offset === other._offset && sameShape(this._shape, other._shape) &&
      sameShape(this._strides, other._strides);
  }
  override apply_(callable: (v: number) => number | boolean): this { return this._mapValues('apply_', [], (v) => callable(v[0])); }
  override map_(tensor: Tensor, callable: (a: number, b: number) => number | boolean): this {
    return this._mapValues('map_', [tensor], (v) => callable(v[0], v[1]));
  }
  override map2_(x: Tensor, y: Tensor, callable: (a: number, b: number, c: number) => number | boolean): this {
    return this._mapValues('map2_', [x, y], (v) => callable(v[0], v[1], v[2]));
  }
  override data_ptr(): number {
    const s = this._live();
    return s.bytes === 0 ? 0 : s.ptr + this._offset * 4;
  }
  override storage(): TypedStorage { return new (storageClass(this.dtype))(this._live(), this.dtype); }
  override storage_type(): typeof TypedStorage { return storageClass(this.dtype); }
  override get layout(): typeof strided { return strided; }
  override get_device(): number { return MT.get_device(this); }
  override get output_nr(): number { return this.grad_fn ? this._viewOutputNr : 0; }
  override is_pinned(): boolean { return false; }
  override pin_memory(): Tensor {
    throw new NotImplementedError("Could not run 'aten::_pin_memory' with arguments from the 'CUDA' backend. This could be " +
      'because the operator doesn\'t exist for this backend, or was omitted during the selective/custom build process (if using custom build).');
  }
  override is_shared(): boolean { return this._live().shared; }
  override share_memory_(): this { this._live().shared = true; return this; }
  override cuda(): Tensor { throw Object.assign(new Error('Torch not compiled with CUDA enabled'), { name: 'AssertionError' }); }
  override xpu(): Tensor { throw new Error('PyTorch is not linked with support for xpu devices'); }
  override ipu(): Tensor { throw new Error('PyTorch is not linked with support for ipu devices'); }
  override get is_xpu(): boolean { return false; }
  override get is_ipu(): boolean { return false; }
  override get is_mps(): boolean { return false; }
  override get is_vulkan(): boolean { return false; }
  override get is_ort(): boolean { return false; }
  override get is_mkldnn(): boolean { return false; }
  override get is_nested(): boolean { return false; }
  override get is_sparse_csr(): boolean { return false; }
  override is_distributed(): boolean { return MT.is_distributed(this); }
  // the dtypes tocha lacks: a TypeError naming the dtype
  override half(): Tensor { return missingDtype('half', 'torch.float16'); }
  override bfloat16(): Tensor { return missingDtype('bfloat16', 'torch.bfloat16'); }
  override byte(): Tensor { return missingDtype('byte', 'torch.uint8'); }
  override char(): Tensor { return missingDtype('char', 'torch.int8'); }
  override short(): Tensor { return missingDtype('short', 'torch.int16'); }
  override cfloat(): Tensor { return missingDtype('cfloat', 'torch.complex64'); }
  override cdouble(): Tensor { return missingDtype('cdouble', 'torch.complex128'); }
  override chalf(): Tensor { return missingDtype('chalf', 'torch.complex32'); }
  override get names(): null[] { return this._shape.map(() => null); }
  override has_names(): boolean { return false; }
  override get name(): null { return null; }
  override get volatile(): boolean {
    warnOnce('volatile', 'volatile was removed (Variable.volatile is always False)');
    return false;
  }
  override reinforce(reward?: unknown): never {
    void reward;
    throw new Error('reinforce() was removed.\nUse torch.distributions instead.\nSee https://pytorch.org/docs/master/distributions.html\n\n' +
      'Instead of:\n\nprobs = policy_network(state)\naction = probs.multinomial()\nnext_state, reward = env.step(action)\n' +
      'action.reinforce(reward)\naction.backward()\n\nUse:\n\nprobs = policy_network(state)\n# NOTE: categorical is equivalent to ' +
      'what used to be called multinomial\nm = torch.distributions.Categorical(probs)\naction = m.sample()\n' +
      'next_state, reward = env.step(action)\nloss = -m.log_prob(action) * reward\nloss.backward()\n');
  }
}

installMethods(Tensor.prototype, TensorMethods.prototype);

/** Copies `from`'s own members (methods, getters) onto `to` as they are defined there, then wraps the new methods
 *  with PyTorch's argument checks (src/tensor-args.ts: once a method). */
function installMethods(to: object, from: object): void {
  for (const key of Reflect.ownKeys(from)) {
    if (key !== 'constructor') Object.defineProperty(to, key, Object.getOwnPropertyDescriptor(from, key)!);
  }
  checkTensorMethods(to, { kw: METHOD_KW_MORE, first: METHOD_FIRST_MORE, ints: METHOD_INTS_MORE, later: METHOD_LATER_MORE,
    dims: METHOD_DIMS_MORE });
}
