// The torch.* functions' keyword arguments and out=, against PyTorch 1.13 (test/fixtures/kwargs.json, written by
// scripts/gen-kwargs.py): an options object holds PyTorch's names for the function and no other, and out= writes
// the function's result into the given tensor (its resizing, dtype rules, pairs and autograd refusal as ATen's).
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture, messageOf } from './fixture.js';

type Expected = { dtype: string; shape: number[]; stride: number[]; values: unknown };
type Case = { title: string; result?: Expected | Expected[]; error?: string; message?: string; warnings: string[] };
const { kwargs, out_kind: outKind, same_dtype: sameDtype, cases, methods, methods_no_keywords: noKeywords, functional } =
  fixture('kwargs.json') as {
    kwargs: Record<string, string[]>; out_kind: Record<string, string[]>; same_dtype: string[]; cases: Case[];
    methods: Record<string, string[]>; methods_no_keywords: string[]; functional: Record<string, string[]>;
  };

const T = torch as unknown as Record<string, (...a: unknown[]) => unknown>;
const x = () => torch.tensor([[0.5, -1.0, 2.0], [3.0, 0.0, -2.0]]);
const xi = () => torch.tensor([[3, -1, 2], [0, 5, -2]]);
const e0 = (dtype = torch.float32) => torch.empty(0, { dtype });
const long = torch.int64;
const F = torch.nn.functional;
const a = () => torch.tensor([[0.5, 1.0, 2.0], [3.0, 0.5, -1.0]]);
const b = () => a().flip(0);
const w1 = () => torch.tensor([[[1.0, -1.0], [0.5, 2.0]]]);
const seeded = <R>(f: () => R): R => { torch.manual_seed(0); return f(); };
const TF = F as unknown as Record<string, (...a: unknown[]) => unknown>;
/** A tensor's methods, called with what their types refuse (the fixture's errors). */
const M = (t: Tensor) => t as unknown as Record<string, (...a: unknown[]) => unknown>;
const t2 = () => torch.tensor([2, 0]);
const x4 = () => torch.arange(16).float().reshape(1, 1, 4, 4);
const x5 = () => torch.arange(32).float().reshape(1, 1, 2, 4, 4);
const v3 = () => torch.tensor([1, 2, 3], { dtype: torch.float32 });

/** The fixture's calls, in tocha. */
const CALLS: Record<string, () => unknown> = {
  'sigmoid into a 2x3 out': () => torch.sigmoid(x(), { out: torch.empty(2, 3) }),
  'sigmoid into a 0-element out (resized without a warning)': () => torch.sigmoid(x(), { out: e0() }),
  'exp into a 5-element out (resized, with the warning)': () => torch.exp(x(), { out: torch.empty(5) }),
  'tanh into a transposed out (its strides kept)': () => torch.tanh(x(), { out: torch.empty(3, 2).t() }),
  'sigmoid into a long out': () => torch.sigmoid(x(), { out: torch.empty(2, 3, { dtype: long }) }),
  'neg of longs into a float out': () => torch.neg(xi(), { out: torch.empty(2, 3) }),
  'eq into a float out': () => torch.eq(x(), 0.5, { out: torch.empty(2, 3) }),
  'eq into a long out': () => torch.eq(x(), 0.5, { out: torch.empty(2, 3, { dtype: long }) }),
  'sqrt of longs into a bool out': () => torch.sqrt(xi(), { out: e0(torch.bool) }),
  'pow into out': () => torch.pow(x(), 2, { out: e0() }),
  'clamp into out': () => torch.clamp(x(), -1, 1, { out: e0() }),
  'sum over dim 1 into out': () => torch.sum(x(), 1, { out: e0() }),
  'sum over dim 1 with keepdim into out': () => torch.sum(x(), 1, { keepdim: true, out: e0() }),
  'sum of floats over dim 1 into a long out': () => torch.sum(x(), 1, { out: e0(long) }),
  'cumsum into a long out': () => torch.cumsum(x(), 1, { out: e0(long) }),
  'prod over dim 0 into out': () => torch.prod(x(), 0, { out: e0() }),
  'mean over dim 1 into out': () => torch.mean(x(), 1, { out: e0() }),
  'max over dim 1 into (values, indices)': () => torch.max(x(), 1, { out: [e0(), e0(long)] }),
  'max over dim 1 into float indices': () => torch.max(x(), 1, { out: [e0(), e0()] }),
  'max over dim 1 into long values': () => torch.max(x(), 1, { out: [e0(long), e0(long)] }),
  'max over dim 1 into one tensor': () => torch.max(x(), 1, { out: e0() }),
  'max of two tensors into out': () => torch.max(x(), x().flip(0), { out: e0() }),
  'sort into (values, indices)': () => torch.sort(x(), 1, true, { out: [e0(), e0(long)] }),
  'topk into (values, indices)': () => torch.topk(x(), 2, { out: [e0(), e0(long)] }),
  'cummax into (values, indices)': () => torch.cummax(x(), 1, { out: [e0(), e0(long)] }),
  'matmul into out': () => torch.matmul(x(), x().t(), { out: e0() }),
  'cat into out': () => torch.cat([x(), x()], 0, { out: e0() }),
  'stack into out': () => torch.stack([x(), x()], 1, { out: e0() }),
  'where into out': () => { const a = x(); return torch.where(a.gt(0), a, a.neg(), { out: e0() }); },
  'sigmoid with out=list': () => T.sigmoid(x(), { out: [torch.empty(2, 3)] }),
  'sigmoid with out=a number': () => T.sigmoid(x(), { out: 3 }),
  'exp with an unknown keyword': () => T.exp(x(), { foo: 1 }),
  'relu with out': () => T.relu(x(), { out: e0() }),
  'abs of longs into a float out': () => torch.abs(xi(), { out: e0() }),
  'abs of floats into a long out': () => torch.abs(x(), { out: e0(long) }),
  'add of longs into a float out': () => torch.add(xi(), 1, { out: e0() }),
  'mean over dim 1 into a long out': () => torch.mean(x(), 1, { out: e0(long) }),
  'softmax into out': () => torch.softmax(x(), 1, { out: e0() }),
  'norm into out': () => torch.norm(x(), 2, 1, { out: e0() }),
  'polygamma into out': () => torch.polygamma(1, x().abs().add(1), { out: e0() }),
  'sum with an unknown keyword': () => T.sum(x(), 1, { keep_dim: true }),
  'sigmoid of a tensor that requires grad, into out': () => torch.sigmoid(x().requires_grad_(), { out: e0() }),
  'sigmoid into an out that requires grad': () => torch.sigmoid(x(), { out: torch.empty(0, { requires_grad: true }) }),
  'sigmoid of a tensor that requires grad, into out, under no_grad':
    () => torch.no_grad(() => torch.sigmoid(x().requires_grad_(), { out: e0() })),
  // keyword arguments PyTorch takes, the first of each function's names by name
  'avg_pool1d with kernel_size by name': () => torch.avg_pool1d(x().reshape(1, 2, 3), { kernel_size: 2, stride: 1 }),
  'avg_pool1d without kernel_size': () => T.avg_pool1d(x().reshape(1, 2, 3)),
  'chunk with chunks by name': () => torch.chunk(x(), { chunks: 2, dim: 1 }),
  'chunk with chunks twice': () => T.chunk(x(), 2, { chunks: 2 }),
  'chunk with a float chunks': () => torch.chunk(x(), { chunks: 1.5 }),
  'conv1d with weight by name': () => torch.conv1d(x().reshape(1, 2, 3), { weight: w1(), padding: 1 }),
  'conv2d with weight by name': () => torch.conv2d(x().reshape(1, 1, 2, 3), { weight: w1().reshape(1, 1, 2, 2) }),
  'conv3d with weight by name': () => torch.conv3d(x().reshape(1, 1, 1, 2, 3), { weight: w1().reshape(1, 1, 1, 2, 2) }),
  'conv_transpose1d with weight by name': () => torch.conv_transpose1d(x().reshape(1, 2, 3), { weight: w1().reshape(2, 1, 2) }),
  'conv_transpose2d with weight by name':
    () => torch.conv_transpose2d(x().reshape(1, 1, 2, 3), { weight: w1().reshape(1, 1, 2, 2), stride: 2 }),
  'conv_transpose3d with weight by name':
    () => torch.conv_transpose3d(x().reshape(1, 1, 1, 2, 3), { weight: w1().reshape(1, 1, 1, 2, 2) }),
  'conv_transpose2d without weight': () => T.conv_transpose2d(x().reshape(1, 1, 2, 3)),
  'conv_transpose2d with weight twice':
    () => T.conv_transpose2d(x().reshape(1, 1, 2, 3), w1().reshape(1, 1, 2, 2), { weight: w1().reshape(1, 1, 2, 2) }),
  'conv_transpose1d with a number for weight': () => T.conv_transpose1d(x().reshape(1, 2, 3), { weight: 3 }),
  'cosine_embedding_loss with size_average': () => T.cosine_embedding_loss(a(), b(), a().select(1, 0), { size_average: false }),
  'margin_ranking_loss with reduce': () => T.margin_ranking_loss(a(), b(), a(), { reduce: false }),
  'triplet_margin_loss with size_average': () => T.triplet_margin_loss(a(), b(), a(), { size_average: true }),
  'F.cosine_embedding_loss with size_average':
    () => F.cosine_embedding_loss(a(), b(), torch.tensor([1, -1], { dtype: torch.float32 }), { size_average: false }),
  'F.margin_ranking_loss with reduce': () => F.margin_ranking_loss(a(), b(), a(), { reduce: false }),
  'F.triplet_margin_loss with size_average and reduce':
    () => F.triplet_margin_loss(a(), b(), a().add(1), { size_average: true, reduce: true }),
  'cosine_similarity with x2 by name': () => torch.cosine_similarity(a(), { x2: b(), dim: 0 }),
  'cosine_similarity without x2': () => T.cosine_similarity(a()),
  'pairwise_distance with x2 by name': () => torch.pairwise_distance(a(), { x2: b(), p: 1, keepdim: true }),
  'pairwise_distance with x2 twice': () => T.pairwise_distance(a(), b(), { x2: b() }),
  'dist with other by name': () => torch.dist(a(), { other: b(), p: 1 }),
  'dist with a number for other': () => T.dist(a(), { other: 3 }),
  'kthvalue with k by name': () => torch.kthvalue(x(), { k: 2, dim: 1, keepdim: true }),
  'kthvalue with a float k': () => torch.kthvalue(x(), { k: 1.5 }),
  'lu_unpack with LU_pivots by name': () => {
    const [lu, piv] = torch.linalg.lu_factor(torch.tensor([[4, 3], [6, 3]], { dtype: torch.float32 }));
    return torch.lu_unpack(lu, { LU_pivots: piv });
  },
  'lu_unpack without LU_pivots': () => T.lu_unpack(torch.linalg.lu_factor(torch.tensor([[4, 3], [6, 3]], { dtype: torch.float32 }))[0]),
  'max with other by name': () => torch.max(x(), { other: b() }),
  'min with other by name': () => torch.min(x(), { other: b() }),
  'max with other by name and a dim': () => T.max(x(), 1, { other: b() }),
  'max of two tensors with a dim': () => T.max(x(), b(), { dim: 1 }),
  'quantile with q by name':
    () => torch.quantile(x(), { q: torch.tensor([0.25, 0.75]), dim: 1, keepdim: true, interpolation: 'midpoint' }),
  'nanquantile with q by name': () => torch.nanquantile(x().where(x().ne(0), NaN), { q: 0.5, dim: 1 }),
  'norm with dtype': () => torch.norm(x(), 2, 1, { dtype: torch.float32 }),
  'norm of longs with dtype': () => torch.norm(xi(), { p: 1, dtype: torch.float32 }),
  'norm with dtype, the Frobenius norm': () => torch.norm(x(), { dtype: torch.float32 }),
  'norm with a long dtype': () => torch.norm(x(), 2, { dtype: long }),
  'randint_like with high by name': () => seeded(() => torch.randint_like(x(), { high: 5 })),
  'randint_like with low and high by name': () => seeded(() => torch.randint_like(x(), { low: 1, high: 4 })),
  'randint_like with low by position, high by name': () => seeded(() => torch.randint_like(x(), 2, { high: 4 })),
  'randint_like without high': () => T.randint_like(x(), { low: 1 }),
  'randint_like with a float high': () => torch.randint_like(x(), { high: 1.5 }),
  'segment_reduce with reduce by name':
    () => torch.segment_reduce(x(), { reduce: 'max', lengths: torch.tensor([1, 1]), axis: 0 }),
  'segment_reduce with reduce twice': () => T.segment_reduce(x(), 'sum', { reduce: 'sum' }),
  'segment_reduce with a number for reduce': () => T.segment_reduce(x(), { reduce: 1 }),
  'split with split_size_or_sections by name': () => torch.split(x(), { split_size_or_sections: [1, 2], dim: 1 }),
  'split without split_size_or_sections': () => T.split(x()),
  'split with split_size_or_sections twice': () => T.split(x(), 2, { split_size_or_sections: 2 }),
  'swapaxes with axis0 and axis1 by name': () => torch.swapaxes(x(), { axis0: 0, axis1: 1 }),
  'swapaxes with axis1 by name': () => torch.swapaxes(x().reshape(1, 2, 3), 2, { axis1: 0 }),
  'swapaxes without axes': () => T.swapaxes(x()),
  'swapaxes with a float axis0': () => torch.swapaxes(x(), { axis0: 1.5, axis1: 1 }),
  'norm with dtype by position, after out': () => T.norm(x(), 2, 1, false, null, torch.float32),
  'norm with out and dtype by position': () => T.norm(x(), 2, 1, false, e0(), torch.float32),
  'F.mse_loss with target by name': () => F.mse_loss(a(), { target: b(), reduction: 'sum' }),
  'F.mse_loss without target': () => TF.mse_loss(a()),
  'F.l1_loss with target twice': () => TF.l1_loss(a(), b(), { target: b() }),
  'F.l1_loss with target by name': () => F.l1_loss(a(), { target: b() }),
  'F.smooth_l1_loss with target by name': () => F.smooth_l1_loss(a(), { target: b(), beta: 0.5 }),
  'F.huber_loss with target by name': () => F.huber_loss(a(), { target: b(), delta: 0.5 }),
  'F.soft_margin_loss with target by name': () => F.soft_margin_loss(a(), { target: b().sign() }),
  'F.kl_div with target by name': () => F.kl_div(a().log_softmax(1), { target: b().softmax(1), reduction: 'batchmean' }),
  'F.binary_cross_entropy with target by name': () => F.binary_cross_entropy(a().sigmoid(), { target: b().sigmoid() }),
  'F.binary_cross_entropy_with_logits with target by name':
    () => F.binary_cross_entropy_with_logits(a(), { target: b().sigmoid(), pos_weight: torch.tensor([1, 2, 0.5]) }),
  'F.hinge_embedding_loss with target by name': () => F.hinge_embedding_loss(a(), { target: b().sign(), margin: 0.5 }),
  'F.multilabel_soft_margin_loss with target by name': () => F.multilabel_soft_margin_loss(a(), { target: b().gt(0).float() }),
  'F.poisson_nll_loss with target by name': () => F.poisson_nll_loss(a(), { target: b().abs() }),
  'F.multilabel_margin_loss with target by name':
    () => F.multilabel_margin_loss(a(), { target: torch.tensor([[2, 0, -1], [1, -1, 0]]) }),
  'F.multi_margin_loss with target by name': () => F.multi_margin_loss(a(), { target: t2(), margin: 0.5 }),
  'F.nll_loss with target by name': () => F.nll_loss(a().log_softmax(1), { target: t2() }),
  'F.cross_entropy with target by name': () => F.cross_entropy(a(), { target: t2(), label_smoothing: 0.1 }),
  'F.cross_entropy with a number for target': () => TF.cross_entropy(a(), { target: 3 }),
  'F.embedding with weight by name': () => F.embedding(torch.tensor([1, 0, 1]), { weight: a() }),
  'F.embedding without weight': () => TF.embedding(torch.tensor([1, 0, 1])),
  'F.embedding with a number for weight': () => TF.embedding(torch.tensor([1, 0, 1]), { weight: 3 }),
  'F.embedding_bag with weight by name': () => F.embedding_bag(torch.tensor([[0, 1], [1, 1]]), { weight: a(), mode: 'sum' }),
  'F.avg_pool2d with kernel_size by name': () => F.avg_pool2d(x4(), { kernel_size: 2, stride: 1 }),
  'F.avg_pool2d without kernel_size': () => TF.avg_pool2d(x4()),
  'F.avg_pool2d with kernel_size twice': () => TF.avg_pool2d(x4(), 2, { kernel_size: 2 }),
  'F.avg_pool3d with kernel_size by name': () => F.avg_pool3d(x5(), { kernel_size: [1, 2, 2] }),
  'F.max_pool1d_with_indices with kernel_size by name': () => F.max_pool1d_with_indices(x4().select(0, 0), { kernel_size: 2 }),
  'F.max_pool2d_with_indices with kernel_size by name': () => F.max_pool2d_with_indices(x4(), { kernel_size: 2, stride: 1 }),
  'F.max_pool3d_with_indices with kernel_size by name': () => F.max_pool3d_with_indices(x5(), { kernel_size: [1, 2, 2] }),
  'F.max_pool2d_with_indices without kernel_size': () => TF.max_pool2d_with_indices(x4()),
  'F.adaptive_max_pool1d_with_indices with output_size by name':
    () => F.adaptive_max_pool1d_with_indices(x4().select(0, 0), { output_size: 2 }),
  'F.adaptive_max_pool2d_with_indices with output_size by name': () => F.adaptive_max_pool2d_with_indices(x4(), { output_size: 2 }),
  'F.adaptive_max_pool3d_with_indices with output_size by name':
    () => F.adaptive_max_pool3d_with_indices(x5(), { output_size: [1, 2, 2] }),
  'F.adaptive_max_pool2d_with_indices without output_size': () => TF.adaptive_max_pool2d_with_indices(x4()),
  'F.fractional_max_pool2d_with_indices with kernel_size by name': () => F.fractional_max_pool2d_with_indices(x4(),
    { kernel_size: 2, output_size: 2, _random_samples: torch.tensor([[[0.5, 0.5]]]) }),
  'F.fractional_max_pool3d_with_indices with kernel_size by name': () => F.fractional_max_pool3d_with_indices(x5(),
    { kernel_size: [1, 2, 2], output_size: [2, 2, 2], _random_samples: torch.tensor([[[0.5, 0.5, 0.5]]]) }),
  'F.softmax with dtype': () => F.softmax(xi(), 1, { dtype: torch.float32 }),
  'F.softmax with _stacklevel and dtype by position': () => F.softmax(x(), 1, 5, torch.float32),
  'F.softmax with a number for dtype': () => TF.softmax(x(), 1, { dtype: 3 }),
  'F.log_softmax with dtype': () => F.log_softmax(xi(), { dim: 0, dtype: torch.float32 }),
  'F.softmin with dtype and _stacklevel': () => F.softmin(xi(), 1, { _stacklevel: 2, dtype: torch.float32 }),
  'F.layer_norm with normalized_shape by name': () => F.layer_norm(x(), { normalized_shape: [3], eps: 1e-3 }),
  'F.layer_norm without normalized_shape': () => TF.layer_norm(x()),
  'F.local_response_norm with size by name': () => F.local_response_norm(x4(), { size: 2, alpha: 0.1 }),
  'F.elu_ with scale and input_scale': () => F.elu_(x(), { scale: 2, input_scale: 0.5 }),
  'F.elu_ with alpha, scale and input_scale by position': () => F.elu_(x(), 1.5, 2, 3),
  'F.elu_ with a string scale': () => TF.elu_(x(), { scale: 'a' }),
  'F.rrelu_ with a generator': () => F.rrelu_(x(), { training: true, generator: new torch.Generator().manual_seed(3) }),
  'F.rrelu_ with a number for generator': () => TF.rrelu_(x(), { generator: 3 }),
  'F.interpolate with antialias, bilinear': () => F.interpolate(x4(), { scale_factor: 0.5, mode: 'bilinear', antialias: true }),
  'F.interpolate with antialias, bicubic': () => F.interpolate(x4(), { size: [3, 5], mode: 'bicubic', antialias: true }),
  'F.interpolate with antialias, nearest': () => F.interpolate(x4(), { scale_factor: 0.5, antialias: true }),
  'F.pad with pad by name': () => TF.pad(x4(), { pad: [1, 1], value: 2 }),
  'F.pad with pad twice': () => TF.pad(x4(), [1, 1], { pad: [1, 1] }),
  'F.linear with weight by name': () => TF.linear(a(), { weight: torch.ones(2, 3), bias: torch.tensor([0.5, -1]) }),
  'F.max_pool2d with kernel_size by name': () => TF.max_pool2d(x4(), { kernel_size: 2, stride: 1 }),
  'F.max_pool1d with kernel_size by name': () => TF.max_pool1d(x4().select(0, 0), { kernel_size: 2 }),
  'F.adaptive_avg_pool2d with output_size by name': () => TF.adaptive_avg_pool2d(x4(), { output_size: [2, 1] }),
  'F.adaptive_max_pool2d with output_size by name': () => TF.adaptive_max_pool2d(x4(), { output_size: 2, return_indices: true }),
  'F.fractional_max_pool2d with kernel_size by name': () => TF.fractional_max_pool2d(x4(),
    { kernel_size: 2, output_size: 2, _random_samples: torch.tensor([[[0.5, 0.5]]]) }),
  'F.group_norm with num_groups by name': () => TF.group_norm(x4().reshape(1, 2, 8), { num_groups: 2, eps: 1e-3 }),
  'F.gaussian_nll_loss with target and var by name': () => TF.gaussian_nll_loss(a(), { target: b(), var: b().abs().add(0.5) }),
  'F.gaussian_nll_loss without target': () => TF.gaussian_nll_loss(a(), { var: b().abs() }),
  'F.unfold with kernel_size by name': () => TF.unfold(x4(), { kernel_size: 2, stride: 2 }),
  'F.pixel_shuffle with upscale_factor by name': () => TF.pixel_shuffle(torch.arange(8).float().reshape(1, 4, 1, 2), { upscale_factor: 2 }),
  'F.prelu with weight by name': () => TF.prelu(x(), { weight: torch.tensor([0.25]) }),
  'F.lp_pool2d with kernel_size by name': () => TF.lp_pool2d(x4(), 2, { kernel_size: 2 }),
  'F.threshold with threshold and value by name': () => TF.threshold(x(), { threshold: 0.5, value: -1 }),
  'F.triplet_margin_with_distance_loss with positive and negative by name':
    () => TF.triplet_margin_with_distance_loss(a(), { positive: b(), negative: a().add(1), margin: 0.5 }),
  'Tensor.expand with implicit': () => v3().expand(2, 3, { implicit: true }),
  'Tensor.expand with size by name and implicit': () => v3().expand({ size: [2, 3], implicit: false }),
  'Tensor.expand with a number for implicit': () => M(v3()).expand(2, 3, { implicit: 1 }),
  'Tensor.expand with sizes': () => M(v3()).expand(2, 3, { sizes: [2, 3] }),
  'Tensor.repeat with sizes': () => M(v3()).repeat(2, { sizes: [2, 1] }),
  'Tensor.new_full with fill_value by name': () => x().new_full([2], { fill_value: 3 }),
  'Tensor.new_full with size and fill_value by name': () => xi().new_full({ size: [2, 2], fill_value: true }),
  'Tensor.new_full without fill_value': () => M(x()).new_full([2]),
  'Tensor.new_full with a string fill_value': () => M(x()).new_full([2], { fill_value: 'a' }),
  'Tensor.fill_diagonal_ with wrap by name': () => torch.zeros(7, 3).fill_diagonal_(2, { wrap: true }),
  'Tensor.fill_diagonal_ with fill_value and wrap by name': () => torch.zeros(7, 3).fill_diagonal_({ fill_value: 2, wrap: false }),
  'Tensor.fill_diagonal_ with an int wrap': () => M(torch.zeros(7, 3)).fill_diagonal_(2, { wrap: 1 }),
  'Tensor.ormqr without input3': () => { const [qr, tau] = torch.geqrf(torch.tensor([[2, 1], [1, 3], [0.5, 0.5]])); return M(qr).ormqr(tau); },
  'Tensor.swapaxes with axis1 by name': () => x().swapaxes(0, { axis1: 1 }),
  'Tensor.swapaxes with axis0 and axis1 by name': () => x().reshape(1, 2, 3).swapaxes({ axis0: 2, axis1: 0 }),
  'Tensor.swapaxes with a float axis1': () => x().swapaxes(0, { axis1: 1.5 }),
  'Tensor.swapaxes without axis1': () => M(x()).swapaxes(0),
  'Tensor.swapaxes_ with axis1 by name': () => x().swapaxes_(0, { axis1: 1 }),
  'Tensor.chunk with chunks by name': () => x().chunk({ chunks: 2, dim: 1 }),
  'Tensor.chunk with chunks twice': () => M(x()).chunk(2, { chunks: 2 }),
  'Tensor.chunk with a float chunks': () => x().chunk({ chunks: 1.5 }),
  'Tensor.chunk without chunks': () => M(x()).chunk(),
  'Tensor.norm with dtype by position': () => x().norm(2, 1, false, torch.float32),
  'Tensor.norm with a long dtype by position': () => x().norm(2, 1, false, torch.int64),
  'conv2d without weight': () => T.conv2d(x().reshape(1, 1, 2, 3)),
  'kthvalue without k': () => T.kthvalue(x()),
  'quantile with a string q': () => T.quantile(x(), { q: 'a' }),
};

/** Where tocha's message is not PyTorch's, and why: PyTorch words a keyword or out= that no overload of a function
 *  with several takes (or a missing or ill-typed argument of one) as "received an invalid combination of arguments"
 *  followed by its signatures; tocha, which has one signature per function, names the argument as PyTorch does for a
 *  function with one (max and min, whose overloads tocha has, list them as PyTorch). */
const OWN: Record<string, [string, string]> = {
  'max over dim 1 into one tensor': ['TypeError', "max(): argument 'out' must be tuple of 2 Tensors, not Tensor"],
  'sum with an unknown keyword': ['TypeError', "sum() got an unexpected keyword argument 'keep_dim'"],
  'conv2d without weight': ['TypeError', 'conv2d() missing 1 required positional arguments: "weight"'],
  'kthvalue without k': ['TypeError', 'kthvalue() missing 1 required positional arguments: "k"'],
  'quantile with a string q': ['TypeError', "quantile(): argument 'q' must be Tensor or float, not str"],
  // F.softmax calls input.softmax, whose signatures PyTorch lists
  'F.softmax with a number for dtype': ['TypeError', "softmax(): argument 'dtype' must be torch.dtype, not int"],
};

/** Cases whose values agree with PyTorch's to within a float's last bits, not bit for bit (the relative tolerance):
 *  ATen's antialiased bicubic weights and sums, which its compiler fuses in ways tocha's float32 steps do not follow. */
const NEAR: Record<string, number> = { 'F.interpolate with antialias, bicubic': 1e-6 };

function describeTensor(t: Tensor): Expected {
  return { dtype: t.dtype.name, shape: [...t.shape], stride: t.stride() as number[], values: t.tolist() };
}

/** tocha's torch.* functions PyTorch has, that check their keywords another way or take none by design. */
const OTHERWISE = new Set([
  // the factories check their options themselves (src/ops/create.ts)
  'arange', 'as_tensor', 'asarray', 'empty', 'empty_strided', 'eye', 'from_numpy', 'frombuffer', 'full', 'linspace',
  'logspace', 'ones', 'rand', 'randint', 'randn', 'randperm', 'range', 'scalar_tensor', 'tensor', 'tril_indices', 'zeros',
  'triu_indices', 'bartlett_window', 'blackman_window', 'hamming_window', 'hann_window', 'kaiser_window',
  // process state, files and types: no tensor options
  'can_cast', 'promote_types', 'get_default_dtype', 'is_tensor', 'is_storage', 'is_grad_enabled', 'manual_seed', 'seed',
  'initial_seed', 'get_rng_state', 'get_num_threads', 'get_num_interop_threads', 'typename', 'broadcast_shapes',
  'is_anomaly_enabled', 'is_inference_mode_enabled', 'are_deterministic_algorithms_enabled', 'is_warn_always_enabled',
  'get_deterministic_debug_mode', 'get_float32_matmul_precision', 'is_autocast_enabled', 'is_autocast_cpu_enabled',
  'is_autocast_cache_enabled', 'clear_autocast_cache', 'autocast_increment_nesting', 'autocast_decrement_nesting',
  'is_deterministic_algorithms_warn_only_enabled', 'is_vulkan_available', 'is_anomaly_check_nan_enabled',
  'inference_mode', 'no_grad', 'enable_grad', 'is_nonzero', 'result_type', 'spmm',
  // PyTorch 1.13 raises for these (removed), and so does tocha, whatever the arguments
  'lstsq', 'matrix_rank', 'solve', 'eig', 'symeig',
]);

afterEach(() => vi.restoreAllMocks());

describe('out= and keyword calls as PyTorch', () => {
  for (const c of cases) {
    it(c.title, () => {
      const warned: string[] = [];
      vi.spyOn(console, 'warn').mockImplementation((m: unknown) => { warned.push(String(m)); });
      const call = CALLS[c.title];
      expect(call, 'a tocha call for the fixture case').toBeDefined();
      let r: unknown;
      let err: Error | undefined;
      try {
        r = call();
      } catch (e) {
        err = e as Error;
      }
      if (c.error) {
        expect(err, 'an error').toBeDefined();
        // Python's RuntimeError is an Error here, its ValueError a RangeError; the fixture keeps a message's first line
        const [type, message] = OWN[c.title] ?? [{ RuntimeError: 'Error', ValueError: 'RangeError' }[c.error] ?? c.error, c.message];
        expect([err!.constructor.name, err!.message.split('\n')[0]]).toEqual([type, message]);
        return;
      }
      if (err) throw err;
      const got = r instanceof torch.Tensor ? describeTensor(r)
        : [...r as Iterable<Tensor>].map(describeTensor);
      if (c.title in NEAR) {
        const want = c.result as Expected;
        const g = got as Expected;
        expect([g.dtype, g.shape, g.stride]).toEqual([want.dtype, want.shape, want.stride]);
        const [gv, wv] = [(g.values as number[]).flat(9) as number[], (want.values as number[]).flat(9) as number[]];
        gv.forEach((v, i) => expect(Math.abs(v - wv[i])).toBeLessThanOrEqual(NEAR[c.title] * Math.max(1, Math.abs(wv[i]))));
        return;
      }
      expect(got).toEqual(c.result);
      // PyTorch's warning, without its "(Triggered internally at ...)" tail
      expect(warned).toEqual(c.warnings.map((w) => `UserWarning: ${w.replace(/ \(Triggered internally at .*$/, '')}`));
    });
  }

  it('returns out itself, and a pair as torch.return_types.<name>_out of the tensors given', () => {
    const y = torch.empty(2, 3);
    expect(torch.sigmoid(x(), { out: y })).toBe(y);
    const v = e0();
    const i = e0(long);
    const r = torch.max(x(), 1, { out: [v, i] }) as unknown as torch.ReturnTypes;
    expect(r.values).toBe(v);
    expect(r.indices).toBe(i);
    expect(String(r)).toBe('torch.return_types.max_out(\nvalues=tensor([2., 3.]),\nindices=tensor([2, 0]))');
  });

  it('out may be an input: the result is computed first, then written', () => {
    const a = x();
    torch.exp(a, { out: a });
    expect(a.tolist()).toEqual(x().exp().tolist());
    const b = x();
    torch.add(b, b.flip(1), { out: b });
    expect(b.tolist()).toEqual([[2.5, -2, 2.5], [1, 0, 1]]);
  });

  it("an out that cannot take the result is left as it was (a pair's first tensor too)", () => {
    const y = torch.full([2, 3], 7, { dtype: long });
    expect(() => torch.sigmoid(x(), { out: y })).toThrow("result type Float can't be cast to the desired output type Long");
    expect(y.tolist()).toEqual([[7, 7, 7], [7, 7, 7]]);
    const v = torch.full([4], 7.5);
    expect(() => torch.max(x(), 1, { out: [v, torch.full([4], 7.5)] }))
      .toThrow('Expected out tensor to have dtype long int, but got float instead');
    expect(v.tolist()).toEqual([7.5, 7.5, 7.5, 7.5]);
    // the inputs are not released when one of them is the result (conj_physical of a real tensor is the tensor)
    const c = xi();
    expect(() => torch.conj_physical(c, { out: e0() })).toThrow('Found dtype Float but expected Long');
    expect(c.tolist()).toEqual([[3, -1, 2], [0, 5, -2]]);
    expect(torch.memory_stats().live_tensors).toBeGreaterThan(0);
  });

  // Every function PyTorch gives out= that tocha has: the tensor it writes holds the values of the call without it,
  // bit for bit, for the first argument list among ARGS it takes.
  it('every function with out= writes what it returns without it', () => {
    const a = () => torch.tensor([[0.5, 1.25, 2.0], [3.0, 0.75, 1.5]]);
    const ai = () => torch.tensor([[3, 5, 6], [2, 7, 4]]);
    const v = (n: number) => torch.arange(1, n + 1).mul(0.5);
    const b = () => a().reshape(1, 2, 3).expand(2, 2, 3).mul(torch.tensor([1, -2]).reshape(2, 1, 1));
    const spd = () => torch.tensor([[4, 1, 0.5], [1, 3, 0.25], [0.5, 0.25, 2]]);
    const idx = () => torch.tensor([[2, 0], [1, 1]]);
    const perm = () => torch.tensor([2, 0, 1]);
    const ARGS: (() => unknown[])[] = [
      () => [a()], () => [a(), a().flip(1)], () => [a(), 1], () => [[a(), a()]], () => [1, a()], () => [a(), a(), a()],
      () => [a().gt(1), a(), a()], () => [a(), 0], () => [a(), 2, 1], () => [a().reshape(3, 2), a()],
      // integers, vectors, batches, a positive-definite matrix, indices
      () => [ai()], () => [ai(), ai().flip(1)], () => [ai(), 1], () => [v(3), v(3).flip(0)], () => [a(), v(3)], () => [v(2), a(), v(3)],
      () => [b(), b().transpose(1, 2)], () => [torch.ones(2, 2), a(), a().t()], () => [torch.ones(2, 3), v(2), v(3)],
      () => [torch.ones(2, 2, 2), b(), b().transpose(1, 2)], () => [torch.ones(2, 2), b(), b().transpose(1, 2)],
      () => [spd()], () => [spd(), 2], () => [spd().cholesky()], () => [a().t(), spd().cholesky()],
      () => [a(), 1, idx()], () => [a(), 1, perm()], () => [a(), idx()], () => [a(), idx(), 1], () => [a(), a().gt(1)],
      () => [a(), 1, idx(), a()], () => [a(), 1, perm(), a()], () => [a(), 1, perm(), a(), 'prod'],
      () => [a(), v(3)], () => [a(), 2, 0, 1], () => [a(), 1, 0, 2],
    ];
    const sameBits = (p: unknown, q: unknown): boolean => {
      if (p instanceof torch.Tensor && q instanceof torch.Tensor) {
        return p.dtype === q.dtype && JSON.stringify(p.shape) === JSON.stringify(q.shape) &&
          Object.is(JSON.stringify(p.flatten().tolist()), JSON.stringify(q.flatten().tolist()));
      }
      const ps = [...p as Iterable<unknown>];
      const qs = [...q as Iterable<unknown>];
      return ps.length === qs.length && ps.every((e, i) => sameBits(e, qs[i]));
    };
    const written: string[] = [];
    const notTried: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const name of Object.keys(outKind)) {
      const f = T[name];
      if (typeof f !== 'function' || !(kwargs[name] ?? []).includes('out') || OTHERWISE.has(name)) continue;
      let done = false;
      for (const make of ARGS) {
        let plain: unknown;
        try {
          torch.manual_seed(7);
          plain = f(...make());
        } catch {
          continue;
        }
        if (!(plain instanceof torch.Tensor) && !Array.isArray(plain) && !(plain instanceof torch.ReturnTypes)) continue;
        const plainList = plain instanceof torch.Tensor ? [plain] : [...plain as Iterable<Tensor>];
        const outs = plainList.map((t) => torch.empty(0, { dtype: t.dtype }));
        const args = make();
        torch.manual_seed(7);
        let r: unknown;
        try {
          r = f(...args, { out: plain instanceof torch.Tensor ? outs[0] : outs });
        } catch (e) {
          // (a signature without out, where PyTorch refuses it too: torch.median(x, { out }), test/dim-args.test.ts)
          if (/^\w+\(\) received an invalid combination of arguments - got \(.*out=/.test((e as Error).message)) continue;
          throw e;
        }
        expect(sameBits(r, plain), name).toBe(true);
        expect(plain instanceof torch.Tensor ? r === outs[0] : [...r as Iterable<Tensor>].every((t, i) => t === outs[i]), name).toBe(true);
        written.push(name);
        done = true;
        break;
      }
      if (!done) notTried.push(name);
    }
    // the ones no argument list of ARGS fits (their own tests cover them): named so that a change shows
    expect(written.length).toBeGreaterThan(215);
    expect(notTried.sort()).toEqual(['lu_solve', 'lu_unpack', 'orgqr', 'ormqr', 'scatter_reduce']);
  });
});

describe('keyword arguments as PyTorch', () => {
  const probe = Symbol('probe');
  const callWith = (f: (...a: unknown[]) => unknown, kw: Record<string, unknown>): string => {
    const a = () => torch.tensor([[0.5, 1.25, 2.0], [3.0, 0.75, 1.5]]);
    let last = '';
    for (const args of [[a()], [[a(), a()]], [1, a()], [a(), a()], []]) {
      try {
        f(...args, kw);
        return '';
      } catch (e) {
        last = (e as Error).message;
        if (last.includes('unexpected keyword') || last.includes('multiple values')) return last;
      }
    }
    return last;
  };

  it("a name PyTorch does not take is its TypeError, in every function of tocha's that PyTorch has", () => {
    const checked: string[] = [];
    for (const name of Object.keys(kwargs)) {
      const f = T[name];
      if (typeof f !== 'function' || OTHERWISE.has(name)) continue;
      expect(callWith(f, { zzz_not_a_keyword: 1 }), name).toBe(`${name}() got an unexpected keyword argument 'zzz_not_a_keyword'`);
      checked.push(name);
    }
    expect(checked.length).toBeGreaterThan(440);
  });

  /** PyTorch's keywords that tocha's functions do not take yet (their own binding refuses them): a gap of each
   *  function, listed so that one filled (or a new one) shows here. */
  const GAPS: Record<string, string[]> = {};

  it('every name PyTorch takes passes the check (whatever the function then makes of the value)', () => {
    let pairs = 0;
    const refused: Record<string, string[]> = {};
    for (const [name, names] of Object.entries(kwargs)) {
      const f = T[name];
      if (typeof f !== 'function' || OTHERWISE.has(name)) continue;
      // the first is given by position here (PyTorch: "got multiple values")
      for (const k of names.slice(1)) {
        if (k === 'out' || k === 'input' || k === 'self') continue;
        if (callWith(f, { [k]: probe }).includes(`unexpected keyword argument '${k}'`)) (refused[name] ??= []).push(k);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(750);
    expect(refused).toEqual(GAPS);
  });

  it('out= where PyTorch has it, and not where it has not', () => {
    for (const name of Object.keys(kwargs)) {
      const f = T[name];
      if (typeof f !== 'function' || OTHERWISE.has(name)) continue;
      const m = callWith(f, { out: probe });
      expect(m.includes("unexpected keyword argument 'out'"), name).toBe(!(name in outKind));
    }
  });

  it("NumPy's names where PyTorch's parser takes them, undefined values as absent", () => {
    expect(torch.sum(x(), { axis: 1 } as never).tolist()).toEqual([1.5, 1]);
    expect(torch.sum(x(), 1, { keepdim: undefined, dtype: undefined }).tolist()).toEqual([1.5, 1]);
  });

  it("the unary ops that keep their input's dtype are the fixture's", () => {
    const keeps = Object.keys(outKind).filter((name) => {
      const f = T[name];
      if (typeof f !== 'function' || OTHERWISE.has(name)) return false;
      try {
        f(xi(), { out: e0() });
        return false;
      } catch (e) {
        return (e as Error).message.startsWith('Found dtype Float but expected Long');
      }
    });
    // those tocha computes on a long tensor (frac and hardshrink refuse one, as PyTorch does)
    const computes = sameDtype.filter((n) => {
      try {
        return typeof T[n] === 'function' && (T[n](xi()), true);
      } catch {
        return false;
      }
    });
    expect(keeps.sort()).toEqual(computes.sort());
    expect(computes.length).toBeGreaterThan(12);
  });
});

describe("Tensor methods' and nn.functional's keywords as PyTorch", () => {
  const probe = Symbol('probe');
  const a = () => torch.tensor([[0.5, 1.25, 2.0], [3.0, 0.75, 1.5]]);
  /** The message of f's call with kw after the first argument list it takes ('' if it returns). */
  const message = (f: (...args: unknown[]) => unknown, kw: Record<string, unknown>): string => {
    let last = '';
    for (const args of [[], [a()], [1], [a(), a()], [[a(), a()]]]) {
      try {
        f(...args, kw);
        return '';
      } catch (e) {
        last = (e as Error).message;
        if (last.includes('unexpected keyword') || last.includes('takes no keyword')) return last;
      }
    }
    return last;
  };
  const method = (name: string) => (...args: unknown[]) => (a() as unknown as Record<string, (...x: unknown[]) => unknown>)[name](...args);
  const F = torch.nn.functional as unknown as Record<string, (...a: unknown[]) => unknown>;

  /** PyTorch's keywords that tocha's own binding still refuses (the first one given by position is not tried). */
  const METHOD_GAPS: Record<string, string[]> = {};
  const F_GAPS: Record<string, string[]> = {};

  it("a method refuses a name PyTorch's does not take, in PyTorch's words", () => {
    const none = new Set(noKeywords);
    let checked = 0;
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const name of Object.keys(methods)) {
      if (typeof (a() as unknown as Record<string, unknown>)[name] !== 'function') continue;
      expect(message(method(name), { zzz_not_a_keyword: 1 }), name).toBe(none.has(name)
        ? `${name}() takes no keyword arguments` : `${name}() got an unexpected keyword argument 'zzz_not_a_keyword'`);
      checked++;
    }
    expect(checked).toBeGreaterThan(480);
  });

  it('an nn.functional function refuses a name PyTorch\'s does not take', () => {
    let checked = 0;
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const name of Object.keys(functional)) {
      if (typeof F[name] !== 'function') continue;
      expect(message(F[name], { zzz_not_a_keyword: 1 }), name).toBe(`${name}() got an unexpected keyword argument 'zzz_not_a_keyword'`);
      checked++;
    }
    expect(checked).toBeGreaterThan(110);
  });

  it('every name PyTorch takes passes the check, but for the gaps listed', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const refused = (table: Record<string, string[]>, get: (name: string) => ((...x: unknown[]) => unknown) | null) => {
      const out: Record<string, string[]> = {};
      for (const [name, names] of Object.entries(table)) {
        const f = get(name);
        if (!f) continue;
        for (const k of names.slice(1)) if (message(f, { [k]: probe }).includes(`unexpected keyword argument '${k}'`)) (out[name] ??= []).push(k);
      }
      return out;
    };
    expect(refused(methods, (n) => (typeof (a() as unknown as Record<string, unknown>)[n] === 'function' ? method(n) : null)))
      .toEqual(METHOD_GAPS);
    expect(refused(functional, (n) => (typeof F[n] === 'function' ? F[n] : null))).toEqual(F_GAPS);
  });

  it('the first argument by name too, as the same call by position (ormqr, broadcast_to, tile, softmax dtype)', () => {
    const [qr, tau] = torch.geqrf(torch.tensor([[2, 1], [1, 3], [0.5, 0.5]]));
    const c = torch.eye(3);
    // (the fixture leaves ormqr's values out: LAPACK's reflections round otherwise)
    expect(qr.ormqr(tau, { input3: c, left: false, transpose: true }).equal(qr.ormqr(tau, c, false, true))).toBe(true);
    expect(torch.ormqr(qr, { input2: tau, input3: c }).equal(torch.ormqr(qr, tau, c))).toBe(true);
    expect(a().select(0, 0).broadcast_to({ size: [2, 3] }).tolist()).toEqual(a().select(0, 0).broadcast_to([2, 3]).tolist());
    expect(a().tile({ dims: [1, 2] }).shape).toEqual([2, 6]);
    const xi = torch.tensor([[3, -1, 2], [0, 5, -2]]);
    expect(xi.softmax(1, { dtype: torch.float32 }).tolist()).toEqual(torch.nn.functional.softmax(xi, 1, { dtype: torch.float32 }).tolist());
    expect(() => a().softmax(1, { dtype: torch.int64 })).toThrow(`"softmax_lastdim_kernel_impl" not implemented for 'Long'`);
  });

  // A method's first argument by name gives what it gives by position (the first of 0, 1, [1, 2], true, a tensor, ...
  // that the call by position takes): x.gt({ other: 1 }) compared with a tensor, x.tril({ diagonal: 1 }) was x.tril().
  it("a method's first argument by name is the same call as by position", () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const same = (p: unknown, q: unknown): boolean => {
      if (p instanceof torch.Tensor && q instanceof torch.Tensor) {
        return JSON.stringify([p.shape, p.tolist()]) === JSON.stringify([q.shape, q.tolist()]);
      }
      if (p !== null && typeof p === 'object' && q !== null && typeof q === 'object' && Symbol.iterator in p && Symbol.iterator in q) {
        const [ps, qs] = [[...p as Iterable<unknown>], [...q as Iterable<unknown>]];
        return ps.length === qs.length && ps.every((e, i) => same(e, qs[i]));
      }
      return JSON.stringify(p) === JSON.stringify(q);
    };
    const RANDOM = new Set(['random_', 'uniform_', 'normal_', 'bernoulli', 'bernoulli_', 'exponential_', 'geometric_', 'cauchy_',
      'log_normal_', 'multinomial', 'register_hook', 'backward', 'apply_', 'map_']);
    const differ: string[] = [];
    let checked = 0;
    for (const [name, names] of Object.entries(methods)) {
      if (!names.length || RANDOM.has(name) || typeof (a() as unknown as Record<string, unknown>)[name] !== 'function') continue;
      for (const v of [1, 0, [1, 2], true, a(), 2, [0], 'sum']) {
        let byPosition: unknown;
        try {
          byPosition = method(name)(v);
        } catch {
          continue;
        }
        let ok = false;
        try {
          ok = same(byPosition, method(name)({ [names[0]]: v }));
        } catch {
          ok = false;
        }
        if (!ok) differ.push(name);
        checked++;
        break;
      }
    }
    expect(checked).toBeGreaterThan(190);
    // dtype is keyword-only in PyTorch's sum, mean and prod (by position the number is a dim); tocha's narrow takes a
    // lone number by position (PyTorch: missing start and length); the methods PyTorch writes in Python take tocha's own
    // options (split, unique_consecutive); resize_as (deprecated) only by position
    expect(differ.sort()).toEqual(['mean', 'narrow', 'prod', 'resize_as', 'split', 'sum', 'unique_consecutive']);
  });

  it('out= where PyTorch gives it to nn.functional (linear) and to a method (true_divide)', () => {
    const w = torch.tensor([[1, 0, -1], [0.5, 0.5, 0.5]]);
    const y = torch.empty(0);
    expect(F.linear(a(), w, null, { out: y })).toBe(y);
    expect(y.tolist()).toEqual(torch.nn.functional.linear(a(), w).tolist());
    const z = torch.empty(0);
    expect((a() as unknown as { true_divide: (...x: unknown[]) => unknown }).true_divide(2, { out: z })).toBe(z);
    expect(z.tolist()).toEqual(a().div(2).tolist());
  });
});

describe('positional arguments as PyTorch counts them', () => {
  const { positional, method_positional: methodPositional, functional_positional: functionalPositional } =
    fixture('kwargs.json') as {
      positional: Record<string, string | null>; method_positional: Record<string, string | null>;
      functional_positional: Record<string, string | null>;
    };
  const a = () => torch.tensor([[0.5, 1.25, 2.0], [3.0, 0.75, 1.5]]);
  const F = torch.nn.functional as unknown as Record<string, (...a: unknown[]) => unknown>;
  const message = messageOf;
  /** The most a `#A-B`, `#A-Bs` or `#B` count allows (self not counted), and PyTorch's words for one more. */
  const count = (token: string, name: string): [number, string] => {
    const [, a, b, self, kw] = /^#(\d+)(?:-(\d+))?(s?)(?:\/(.*))?$/.exec(token)!;
    const hint = kw ? ` (${kw.split(',').join(', ')}: keyword-only, pass { ${kw.split(',')[0]}: ... })` : '';
    if (b === undefined) {
      const most = Number(a);
      return [most, `${name}() received an invalid combination of arguments - got ${most + 1} positional argument${most === 0 ? '' : 's'}, but expected at most ${most}${hint}`];
    }
    const [fewest, most] = [Number(a), Number(b)];
    const given = most + 1;
    const takes = fewest === most ? `${most} positional argument${most === 1 ? '' : 's'}` : `from ${fewest} to ${most} positional arguments`;
    return [most - (self ? 1 : 0), `${name}() takes ${takes} but ${given} ${given === 1 ? 'was' : 'were'} given`];
  };

  it('one more than a torch.* function takes is its TypeError (before the function runs)', () => {
    let checked = 0;
    for (const [name, token] of Object.entries(positional)) {
      const f = T[name];
      if (token === null || typeof f !== 'function' || OTHERWISE.has(name) || !(name in kwargs)) continue;
      const [most, words] = count(token, name);
      const first = ['cat', 'concat', 'concatenate', 'stack', 'hstack', 'vstack', 'dstack', 'column_stack', 'row_stack',
        'block_diag', 'broadcast_tensors', 'cartesian_prod', 'chain_matmul', 'meshgrid', 'atleast_1d', 'atleast_2d',
        'atleast_3d'].includes(name) ? [a(), a()] : a();
      expect(message(() => f(first, ...Array(most).fill(1))), name).toBe(words);
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('so is one more than a method takes ("takes no arguments" for those PyTorch writes in C without any)', () => {
    const none = new Set(noKeywords);
    let checked = 0;
    for (const [name, token] of Object.entries(methodPositional)) {
      const x = a() as unknown as Record<string, (...a: unknown[]) => unknown>;
      if (token === null || typeof x[name] !== 'function' || !(name in methods)) continue;
      const [most, words] = count(token, name);
      expect(message(() => x[name](...Array(most + 1).fill(1))), name)
        .toBe(most === 0 && none.has(name) ? `${name}() takes no arguments (1 given)` : words);
      checked++;
    }
    expect(checked).toBeGreaterThan(450);
  });

  it("and one more than an nn.functional function takes", () => {
    let checked = 0;
    for (const [name, token] of Object.entries(functionalPositional)) {
      if (token === null || typeof F[name] !== 'function' || !(name in functional)) continue;
      const [most, words] = count(token, name);
      expect(message(() => F[name](a(), ...Array(most).fill(1))), name).toBe(words);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('as many as PyTorch takes pass, and trailing undefined ones are not counted', () => {
    expect(torch.sum(a(), 1, true).shape).toEqual([2, 1]);
    expect((T.sum(a(), 1, true, undefined, undefined) as Tensor).shape).toEqual([2, 1]);
    expect(a().sum(1, true, undefined).shape).toEqual([2, 1]);
    expect(message(() => (a() as unknown as { exp: (...x: unknown[]) => unknown }).exp(undefined))).toBe('(no error)');
  });
});
