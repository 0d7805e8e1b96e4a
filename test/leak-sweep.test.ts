// Every public function of torch (torch.*, torch.linalg.*, torch.special.*, nn.functional.*, nn.init.*), every public Tensor
// method and the common nn layers, called on small valid inputs, must leave no tensor behind once what it
// returns is disposed: tensor memory is wasm memory, which the garbage collector does not see, so an op
// built from other ops has to release its temporaries itself (lifetime.ts `composite`, or dispose them).
// The names are enumerated (Object.keys of the namespaces, Tensor.prototype), so a new op is covered
// as soon as one of the generic argument lists below fits it, and the sweep fails if none does and it is
// neither in ARGS nor in SKIP. Each op runs twice: with grad off, and with requires_grad inputs followed by
// backward() of a scalar made from its result (a graph's intermediate results are released at the next
// backward, so that pass measures whole forward + backward + next-backward cycles).
import { describe, it, expect } from 'vitest';
import * as torch from '../src/index.js';

const { nn } = torch;
type T = torch.Tensor;
type Args = unknown[];

/** The inputs: small, valid for most ops; `grad` makes the floating ones leaves that require grad. */
function fixtures(grad: boolean) {
  torch.manual_seed(0);
  const g = <X extends T>(t: X): X => (grad ? t.requires_grad_() : t.keep()) as X;
  const spd = torch.tidy(() => { const m = torch.randn(3, 3); return m.matmul(m.t()).add(torch.eye(3).mul(3)); });
  return {
    x: g(torch.randn(3, 4)), y: g(torch.randn(3, 4)), v: g(torch.randn(4)), w: g(torch.randn(4)),
    s: g(torch.tensor(0.5)), sq: g(spd), b3: g(torch.randn(2, 3, 4)), b4: g(torch.randn(2, 4, 3)),
    sig: g(torch.randn(1, 2, 8)), img: g(torch.randn(1, 2, 6, 6)), vol: g(torch.randn(1, 2, 4, 4, 4)),
    prob: g(torch.rand(3, 4).mul(0.8).add(0.1)), seq: g(torch.randn(5, 2, 4)),
    // not differentiable
    lab: torch.tensor([0, 3, 1]).keep(), idx: torch.tensor([0, 2, 1]).keep(), xi: torch.randint(0, 5, [3, 4]).keep(),
    mask: torch.randn(3, 4).gt(0).keep(), edges: torch.tensor([-1, -0.2, 0.3, 1.5]).keep(), bin: torch.randint(0, 2, [3, 4]).float().keep(),
  };
}
type Fx = ReturnType<typeof fixtures>;
type Build = (f: Fx) => Args;

// Generic argument lists, tried in order until one is accepted; the first that is becomes the op's call.
const TRY: Build[] = [
  (f) => [f.x], (f) => [f.x, f.y], (f) => [f.x, 1], (f) => [f.x, 0], (f) => [f.sq], (f) => [f.sq, f.sq],
  (f) => [f.v], (f) => [f.v, f.w], (f) => [[f.x, f.y]], (f) => [f.x, f.y, f.y], (f) => [f.x, f.y, 0.5],
  (f) => [f.s], (f) => [f.img], (f) => [f.x, f.lab], (f) => [f.x, [0, 1]], (f) => [f.b3, f.b4],
];

// Ops whose generic call is wrong, or that have paths worth their own call (`name#2`, ...). For Tensor
// methods the first argument is the receiver.
const ARGS: Record<string, Build[]> = {
  // torch
  resize_as_: [(f) => [f.x.detach().clone(), f.y]], // it refuses tensors that require grad, as PyTorch
  zeros: [() => [2, 3]], ones: [() => [2, 3]], empty: [() => [2, 3]], full: [() => [[2, 3], 1.5]],
  rand: [() => [2, 3]], randn: [() => [2, 3]], randint: [() => [0, 5, [2, 3]]], randperm: [() => [5]],
  arange: [() => [5]], linspace: [() => [0, 1, 5]], logspace: [() => [0, 1, 5]], eye: [() => [3]],
  tensor: [() => [[1, 2, 3]]], as_tensor: [() => [[1, 2, 3]]], from_numpy: [() => [new Float32Array([1, 2])]],
  full_like: [(f) => [f.x, 2]], randint_like: [(f) => [f.x, 5]],
  normal: [(f) => [f.x, f.prob], () => [0, 1, [2, 3]]], bernoulli: [(f) => [f.prob]], multinomial: [(f) => [f.prob, 2]],
  max: [(f) => [f.x], (f) => [f.x, 1], (f) => [f.x, f.y]], min: [(f) => [f.x], (f) => [f.x, 1], (f) => [f.x, f.y]],
  median: [(f) => [f.x], (f) => [f.x, 1]], nanmedian: [(f) => [f.x], (f) => [f.x, 1]],
  std: [(f) => [f.x], (f) => [f.x, 1]], var: [(f) => [f.x], (f) => [f.x, 1]], norm: [(f) => [f.x], (f) => [f.x, 2, 1]],
  sum: [(f) => [f.x], (f) => [f.x, 1], (f) => [f.xi.t(), 1, { dtype: torch.float32 }], (f) => [f.xi, 0]],
  mean: [(f) => [f.x], (f) => [f.x, 1]], prod: [(f) => [f.x], (f) => [f.x, 1], (f) => [f.xi, 1]],
  cumsum: [(f) => [f.x, 1], (f) => [f.x.t(), 1], (f) => [f.xi.t(), 0], (f) => [f.xi, 1, { dtype: torch.float32 }]],
  cumprod: [(f) => [f.x, 1], (f) => [f.xi.t(), 0], (f) => [f.mask, 1]],
  matmul: [(f) => [f.x, f.v], (f) => [f.v, f.v], (f) => [f.b3, f.b4], (f) => [f.x, f.y.t()]],
  mm: [(f) => [f.x, f.y.t()]], spmm: [(f) => [f.x, f.y.t()]], mv: [(f) => [f.x, f.v]], bmm: [(f) => [f.b3, f.b4]],
  addmm: [(f) => [f.sq, f.x, f.y.t()]], addmv: [(f) => [f.v.narrow(0, 0, 3), f.x, f.v]], addr: [(f) => [f.x, f.v.narrow(0, 0, 3), f.w]],
  baddbmm: [(f) => [f.b3.matmul(f.b4), f.b3, f.b4]], addbmm: [(f) => [f.sq, f.b3, f.b4]],
  chain_matmul: [(f) => [f.x, f.y.t(), f.sq]], einsum: [(f) => ['ij,kj->ik', f.x, f.y]],
  tensordot: [(f) => [f.x, f.y, 2]], cross: [(f) => [f.x.narrow(1, 0, 3), f.y.narrow(1, 0, 3)]],
  cholesky_solve: [(f) => [f.x.t().narrow(1, 0, 3).t(), torch.linalg.cholesky(f.sq)]],
  cholesky_inverse: [(f) => [torch.linalg.cholesky(f.sq)]], triangular_solve: [(f) => [f.x.narrow(1, 0, 2), f.sq.triu()]],
  matrix_power: [(f) => [f.sq, 3], (f) => [f.sq, -2]], pinverse: [(f) => [f.x]],
  cat: [(f) => [[f.x, f.y]], (f) => [[f.x, f.y], 1]], stack: [(f) => [[f.x, f.y]]],
  split: [(f) => [f.x, 2], (f) => [f.x, [1, 3], 1]], split_with_sizes: [(f) => [f.x, [1, 3], 1]],
  unsafe_split_with_sizes: [(f) => [f.x, [1, 3], 1]], chunk: [(f) => [f.x, 2]], tensor_split: [(f) => [f.x, 2]],
  hsplit: [(f) => [f.x, 2]], vsplit: [(f) => [f.x, [1]]], dsplit: [(f) => [f.b3, 2]], unbind: [(f) => [f.x]],
  gather: [(f) => [f.x, 1, f.xi.remainder(4)]], scatter_add: [(f) => [f.x, 1, f.xi.remainder(4), f.y]],
  scatter: [(f) => [f.x, 1, f.xi.remainder(4), f.y]], scatter_reduce: [(f) => [f.x, 1, f.xi.remainder(4), f.y, 'amax']],
  index_select: [(f) => [f.x, 1, f.idx]], index_add: [(f) => [f.x, 0, f.idx, f.y]], index_copy: [(f) => [f.x, 0, f.idx, f.y]],
  index_fill: [(f) => [f.x, 1, f.idx, 2]], index_put: [(f) => [f.x, [f.idx], f.v]],
  masked_fill: [(f) => [f.x, f.mask, 0]], masked_select: [(f) => [f.x, f.mask]], masked_scatter: [(f) => [f.x, f.mask, f.y]],
  where: [(f) => [f.mask, f.x, f.y], (f) => [f.mask]], take: [(f) => [f.x, f.idx]], take_along_dim: [(f) => [f.x, f.xi.remainder(4), 1]],
  lerp: [(f) => [f.x, f.y, 0.3], (f) => [f.x, f.y, f.prob]], addcmul: [(f) => [f.x, f.y, f.y]], addcdiv: [(f) => [f.x, f.y, f.prob]],
  clamp: [(f) => [f.x, -0.5, 0.5], (f) => [f.x, f.y, f.prob]], clip: [(f) => [f.x, -0.5, 0.5]],
  narrow: [(f) => [f.x, 1, 1, 2]], '.narrow_copy': [(f) => [f.x.detach(), 1, 1, 2]], swapdims: [(f) => [f.x, 0, 1]], select: [(f) => [f.x, 1, 2]], slice: [(f) => [f.x, 1, 1, 3]], transpose: [(f) => [f.x, 0, 1]],
  swapaxes: [(f) => [f.x, 0, 1]], permute: [(f) => [f.x, [1, 0]]], movedim: [(f) => [f.b3, 0, 2]], moveaxis: [(f) => [f.b3, 0, 2]],
  reshape: [(f) => [f.x, [4, 3]]], broadcast_to: [(f) => [f.v, [3, 4]]], unflatten: [(f) => [f.x, 1, [2, 2]]],
  repeat: [(f) => [f.x, [2, 1, 3]]], tile: [(f) => [f.v, [2, 2]]], repeat_interleave: [(f) => [f.x, 2, 1], (f) => [f.x, f.lab, 0]],
  roll: [(f) => [f.x, 1], (f) => [f.x, [1, 2], [0, 1]]], flip: [(f) => [f.x, [0]]], rot90: [(f) => [f.x]],
  diagonal: [(f) => [f.x]], diag: [(f) => [f.x], (f) => [f.v]], diag_embed: [(f) => [f.x]], diagflat: [(f) => [f.v]],
  tril_indices: [() => [3, 3]], triu_indices: [() => [3, 3]], cdist: [(f) => [f.x, f.y]], dist: [(f) => [f.x, f.y]],
  histc: [(f) => [f.x]], bincount: [(f) => [f.xi.flatten()]], searchsorted: [(f) => [f.edges, f.x], (f) => [f.edges, f.x, { right: true, sorter: torch.tensor([0, 1, 2, 3]) }]],
  bucketize: [(f) => [f.x, f.edges]], isin: [(f) => [f.xi, f.idx]], unique: [(f) => [f.xi], (f) => [f.xi, { return_inverse: true, return_counts: true, dim: 0 }]],
  unique_consecutive: [(f) => [f.xi, { return_counts: true }]], meshgrid: [(f) => [f.v, f.w, { indexing: 'ij' }]],
  cartesian_prod: [(f) => [f.v, f.w]], block_diag: [(f) => [f.x, f.sq]], broadcast_tensors: [(f) => [f.x, f.v]],
  column_stack: [(f) => [[f.x, f.y]], (f) => [[f.v, f.w]]], dstack: [(f) => [[f.x, f.y]]], hstack: [(f) => [[f.x, f.y]]], vstack: [(f) => [[f.x, f.y]], (f) => [[f.v, f.w]]],
  diff: [(f) => [f.x], (f) => [f.x, 2, 0, { prepend: f.y }]], kthvalue: [(f) => [f.x, 2]], topk: [(f) => [f.x, 2]],
  cov: [(f) => [f.x], (f) => [f.x, { correction: 0, aweights: f.prob.select(0, 0) }]],
  pow: [(f) => [f.prob, f.y], (f) => [f.x, 2], (f) => [2, f.x]], xlogy: [(f) => [f.x, f.prob], (f) => [2, f.prob]],
  sort: [(f) => [f.x], (f) => [f.x, 0, true]], logit: [(f) => [f.prob], (f) => [f.x, 0.1]], erfinv: [(f) => [f.prob]],
  det: [(f) => [f.sq]], logdet: [(f) => [f.sq]], slogdet: [(f) => [f.sq]], inverse: [(f) => [f.sq]], cholesky: [(f) => [f.sq]],
  svd: [(f) => [f.x]], qr: [(f) => [f.x.t()]], trace: [(f) => [f.x]], inner: [(f) => [f.x, f.y]], vdot: [(f) => [f.v, f.w]],
  flatten: [(f) => [f.b3], (f) => [f.b3, 1]], squeeze: [(f) => [f.x.unsqueeze(0)]], unsqueeze: [(f) => [f.x, 1]],
  // dtypes
  promote_types: [() => [torch.int64, torch.float32]], can_cast: [() => [torch.int64, torch.float32]],
  get_default_dtype: [() => []], set_default_dtype: [() => [torch.float32]], finfo: [() => []], iinfo: [() => [torch.int64]],
  // torch.special
  polygamma: [(f) => [2, f.prob], (f) => [0, f.x]], 'special.polygamma': [(f) => [3, f.prob]], '.polygamma': [(f) => [f.prob, 2]],
  mvlgamma: [(f) => [f.prob.add(2), 2]], 'special.multigammaln': [(f) => [f.prob.add(2), 3]], '.mvlgamma': [(f) => [f.prob.add(2), 2]],
  'special.zeta': [(f) => [f.x.detach().abs().add(1.5), f.prob], (f) => [2, f.prob]], 'special.ndtri': [(f) => [f.prob]],
  'special.entr': [(f) => [f.prob]], 'special.logit': [(f) => [f.prob], (f) => [f.x, 0.1]], 'special.xlog1py': [(f) => [f.x, f.prob]],
  'special.softmax': [(f) => [f.x, 1]], 'special.log_softmax': [(f) => [f.x, 0]], 'special.logsumexp': [(f) => [f.x, 1]],
  'special.erfinv': [(f) => [f.prob]], 'special.round': [(f) => [f.x], (f) => [f.x, { decimals: 1 }]],
  ...Object.fromEntries(['chebyshev_polynomial_t', 'chebyshev_polynomial_u', 'chebyshev_polynomial_v', 'chebyshev_polynomial_w',
    'shifted_chebyshev_polynomial_t', 'shifted_chebyshev_polynomial_u', 'shifted_chebyshev_polynomial_v',
    'shifted_chebyshev_polynomial_w', 'hermite_polynomial_h', 'hermite_polynomial_he', 'laguerre_polynomial_l',
    'legendre_polynomial_p'].map((n): [string, Build[]] => [`special.${n}`, [(f) => [f.x, 3], (f) => [f.prob, f.xi], (f) => [0.5, f.xi]]])),
  // torch.linalg
  'linalg.cross': [(f) => [f.x.narrow(1, 0, 3), f.y.narrow(1, 0, 3)]], 'linalg.vecdot': [(f) => [f.x, f.y]],
  'linalg.matrix_norm': [(f) => [f.x], (f) => [f.sq, 'nuc'], (f) => [f.sq, 2], (f) => [f.sq, -1]],
  'linalg.norm': [(f) => [f.x], (f) => [f.v, 3], (f) => [f.sq, 'fro']], 'linalg.vector_norm': [(f) => [f.x], (f) => [f.x, 0.5, 1]],
  'linalg.multi_dot': [(f) => [[f.x, f.y.t(), f.sq]]], 'linalg.solve_triangular': [(f) => [f.sq.triu(), f.x, { upper: true }]],
  'linalg.matrix_rank': [(f) => [f.x]], 'linalg.pinv': [(f) => [f.x], (f) => [f.sq, { hermitian: true }]],
  'linalg.lstsq': [(f) => [f.x.t(), f.y.t()]], 'linalg.svd': [(f) => [f.x], (f) => [f.x, { full_matrices: false }]],
  'linalg.qr': [(f) => [f.x.t()], (f) => [f.x, 'complete']], 'linalg.eigh': [(f) => [f.sq]], 'linalg.eigvalsh': [(f) => [f.sq]],
  'linalg.matrix_power': [(f) => [f.sq, 3], (f) => [f.sq, -2]], 'linalg.solve': [(f) => [f.sq, f.x.narrow(1, 0, 2)]],
  'linalg.lu_solve': [(f) => [...torch.linalg.lu_factor(f.sq), f.x], (f) => [...torch.linalg.lu_factor(f.sq), f.x.t(), { left: false, adjoint: true }]],
  'linalg.householder_product': [(f) => [f.b4.select(0, 0), f.v.narrow(0, 0, 3)]], 'linalg.tensorsolve': [(f) => [f.sq, f.v.narrow(0, 0, 3)]],
  // (no derivative in PyTorch 1.13: backward would raise, so the inputs are detached)
  'linalg.ldl_factor': [(f) => [f.sq.detach()]], 'linalg.ldl_factor_ex': [(f) => [f.sq.detach()]],
  'linalg.ldl_solve': [(f) => [...torch.linalg.ldl_factor(f.sq.detach()), f.x.detach()]],
  lu: [(f) => [f.sq], (f) => [f.x, true, true]], lu_unpack: [(f) => [...torch.linalg.lu_factor(f.sq)], (f) => [...torch.linalg.lu_factor(f.x.detach()), false, true]],
  lu_solve: [(f) => [f.x, ...torch.linalg.lu_factor(f.sq)]], orgqr: [(f) => [f.b4.select(0, 0), f.v.narrow(0, 0, 3)]],
  geqrf: [(f) => [f.x.detach()]], ormqr: [(f) => [...torch.geqrf(f.x.t().detach()), f.b4.select(0, 0).detach(), true, true]],
  svd_lowrank: [(f) => [f.x, 2]], pca_lowrank: [(f) => [f.x, 2]], lobpcg: [(f) => [f.sq], (f) => [f.sq, 1, { method: 'basic' }]],
  // nn.functional
  'F.linear': [(f) => [f.x, f.y, f.v.narrow(0, 0, 3)]], 'F.bilinear': [(f) => [f.x, f.y, torch.randn(2, 4, 4), torch.randn(2)]],
  'F.conv1d': [(f) => [f.sig, f.b3.narrow(1, 0, 2).narrow(2, 0, 3)]], 'F.conv2d': [(f) => [f.img, f.b3.narrow(2, 0, 3).unsqueeze(1).expand(2, 2, 3, 3).contiguous(), null, 1, 1]],
  'F.conv3d': [(f) => [f.vol, torch.ones(2, 2, 2, 2, 2)]], 'F.conv_transpose1d': [(f) => [f.sig, f.b3.narrow(1, 0, 2).narrow(2, 0, 3)]],
  'F.conv_transpose2d': [(f) => [f.img, torch.ones(2, 3, 3, 3)]], 'F.conv_transpose3d': [(f) => [f.vol, torch.ones(2, 1, 2, 2, 2)]],
  'F.max_pool1d': [(f) => [f.sig, 2]], 'F.max_pool2d': [(f) => [f.img, 2], (f) => [f.img, 3, 2, 1, 1, true, true]], 'F.max_pool3d': [(f) => [f.vol, 2]],
  'F.avg_pool1d': [(f) => [f.sig, 2]], 'F.avg_pool2d': [(f) => [f.img, 2], (f) => [f.img, 3, 2, 1, true, false]], 'F.avg_pool3d': [(f) => [f.vol, 2]],
  'F.adaptive_avg_pool1d': [(f) => [f.sig, 3]], 'F.adaptive_avg_pool2d': [(f) => [f.img, 4]], 'F.adaptive_avg_pool3d': [(f) => [f.vol, 3]],
  'F.adaptive_max_pool1d': [(f) => [f.sig, 3], (f) => [f.sig, 3, true]], 'F.adaptive_max_pool2d': [(f) => [f.img, 4], (f) => [f.img, 4, true]], 'F.adaptive_max_pool3d': [(f) => [f.vol, 3]],
  'F.lp_pool1d': [(f) => [f.sig, 2, 2]], 'F.lp_pool2d': [(f) => [f.img, 2, 2]],
  'F.max_unpool1d': [(f) => { const [o, i] = F.max_pool1d(f.sig, 2, { return_indices: true }) as unknown as [T, T]; return [o, i, 2]; }],
  'F.max_unpool2d': [(f) => { const [o, i] = F.max_pool2d(f.img, 2, { return_indices: true }) as unknown as [T, T]; return [o, i, 2]; }],
  'F.max_unpool3d': [(f) => { const [o, i] = F.max_pool3d(f.vol, 2, { return_indices: true }) as unknown as [T, T]; return [o, i, 2]; }],
  'F.fractional_max_pool2d': [(f) => [f.img, 2, { output_size: 3 }], (f) => [f.img, 3, { output_ratio: 0.5, return_indices: true, _random_samples: torch.rand(1, 2, 2) }]],
  'F.fractional_max_pool2d_with_indices': [(f) => [f.img, 2, { output_size: [4, 3] }]],
  'F.fractional_max_pool3d': [(f) => [f.vol, 2, { output_size: 2 }], (f) => [f.vol, 2, { output_size: 2, return_indices: true, _random_samples: torch.rand(1, 2, 3) }]],
  'F.fractional_max_pool3d_with_indices': [(f) => [f.vol, [2, 1, 2], { output_size: [2, 3, 2] }]],
  'F.dropout3d': [(f) => [f.vol, 0.5], (f) => [f.vol.select(0, 0), 0.5]],
  'F.max_pool1d_with_indices': [(f) => [f.sig, 2]], 'F.max_pool2d_with_indices': [(f) => [f.img, 3, 2, 1]], 'F.max_pool3d_with_indices': [(f) => [f.vol, 2]],
  'F.adaptive_max_pool1d_with_indices': [(f) => [f.sig, 3]], 'F.adaptive_max_pool2d_with_indices': [(f) => [f.img, 4]],
  'F.adaptive_max_pool3d_with_indices': [(f) => [f.vol, 3]], 'F.upsample': [(f) => [f.img, { scale_factor: 2 }], (f) => [f.img, [5, 4], null, 'bilinear']],
  'F.upsample_nearest': [(f) => [f.sig, 7]], 'F.upsample_bilinear': [(f) => [f.img, { scale_factor: 2 }]],
  'F.pdist': [(f) => [f.x], (f) => [f.x, 0], (f) => [f.x, Infinity]], 'F.conv_tbc': [(f) => [f.seq, torch.randn(2, 4, 3), torch.randn(3), 1]],
  'F.native_channel_shuffle': [(f) => [f.img.detach(), 2]],
  'F.unfold': [(f) => [f.img, 3]], 'F.fold': [(f) => [F.unfold(f.img, 3), 6, 3]], 'F.pad': [(f) => [f.img, [1, 1, 2, 0]], (f) => [f.img, [1, 1, 2, 1], 'reflect'], (f) => [f.img, [1, 1, 2, 1], 'replicate'], (f) => [f.img, [1, 1, 2, 1], 'circular']],
  'F.interpolate': [(f) => [f.img, { scale_factor: 2 }], (f) => [f.img, { size: [9, 7], mode: 'bilinear' }], (f) => [f.img, { size: [4, 4], mode: 'bicubic', align_corners: true }], (f) => [f.sig, { size: 5, mode: 'linear' }]],
  'F.pixel_shuffle': [(f) => [f.img.repeat(1, 2, 1, 1), 2]], 'F.pixel_unshuffle': [(f) => [f.img, 2]], 'F.channel_shuffle': [(f) => [f.img.detach(), 2]],
  'F.batch_norm': [(f) => [f.x, torch.zeros(4), torch.ones(4), f.v, f.w, true], (f) => [f.img, torch.zeros(2), torch.ones(2), null, null, false]],
  'F.instance_norm': [(f) => [f.img]], 'F.layer_norm': [(f) => [f.x, [4], f.v, f.w]], 'F.group_norm': [(f) => [f.img, 2]],
  'F.local_response_norm': [(f) => [f.img, 2]], 'F.normalize': [(f) => [f.x]],
  'F.embedding': [(f) => [f.idx, f.x.t()], (f) => [f.idx, f.x.t().contiguous().detach(), { max_norm: 1 }]],
  'F.embedding_bag': [(f) => [f.idx, f.x.t(), torch.tensor([0, 1])], (f) => [f.xi.narrow(1, 0, 2).remainder(4), f.x.t(), { mode: 'max' }]],
  'F.one_hot': [(f) => [f.idx]], 'F.glu': [(f) => [f.x]], 'F.prelu': [(f) => [f.x, f.v.narrow(0, 0, 1)]],
  'F.softmax': [(f) => [f.x, 1]], 'F.log_softmax': [(f) => [f.x, 1]], 'F.softmin': [(f) => [f.x, 1]],
  'F.threshold': [(f) => [f.x, 0.1, 20]], 'F.dropout': [(f) => [f.x, 0.5]], 'F.alpha_dropout': [(f) => [f.x, 0.5, true]],
  'F.feature_alpha_dropout': [(f) => [f.img, 0.5, true]], 'F.dropout1d': [(f) => [f.sig, 0.5]], 'F.dropout2d': [(f) => [f.img, 0.5]],
  'F.rrelu': [(f) => [f.x], (f) => [f.x, 0.1, 0.3, true]], 'F.gelu': [(f) => [f.x], (f) => [f.x, { approximate: 'tanh' }]],
  'F.cross_entropy': [(f) => [f.x, f.lab], (f) => [f.x, f.prob], (f) => [f.img, f.idx.narrow(0, 0, 1).expand(1, 6, 6).contiguous().remainder(2), { label_smoothing: 0.1 }],
    (f) => [f.x, f.lab, { label_smoothing: 0.2, weight: f.edges }]],
  'F.nll_loss': [(f) => [f.x, f.lab], (f) => [f.x, f.lab, { weight: f.edges, ignore_index: 3 }], (f) => [f.b3.transpose(1, 2), f.xi.narrow(0, 0, 2).narrow(1, 0, 3).remainder(4)]],
  'F.binary_cross_entropy': [(f) => [f.prob, f.bin], (f) => [f.prob, f.bin, f.y.detach()]], 'F.binary_cross_entropy_with_logits': [(f) => [f.x, f.bin], (f) => [f.x, f.bin, null, { pos_weight: f.v.detach() }]],
  'F.kl_div': [(f) => [f.x, f.prob, { reduction: 'batchmean' }], (f) => [f.x, f.y, { log_target: true }]], 'F.poisson_nll_loss': [(f) => [f.x, f.prob], (f) => [f.prob, f.bin, false, true]],
  'F.gaussian_nll_loss': [(f) => [f.x, f.y, f.prob]], 'F.margin_ranking_loss': [(f) => [f.v, f.w, f.w.sign()]],
  'F.hinge_embedding_loss': [(f) => [f.x, f.bin.mul(2).sub(1)]], 'F.cosine_embedding_loss': [(f) => [f.x, f.y, torch.tensor([1, -1, 1])]],
  'F.multi_margin_loss': [(f) => [f.x, f.lab], (f) => [f.x, f.lab, 2, 1, f.v.detach()]], 'F.multilabel_margin_loss': [(f) => [f.x, torch.tensor([[3, 0, -1, 1], [1, 2, 3, -1], [-1, 0, 0, 0]])]],
  'F.multilabel_soft_margin_loss': [(f) => [f.x, f.bin]], 'F.soft_margin_loss': [(f) => [f.x, f.bin.mul(2).sub(1)]],
  'F.triplet_margin_loss': [(f) => [f.x, f.y, f.prob], (f) => [f.x, f.y, f.prob, { swap: true }]], 'F.triplet_margin_with_distance_loss': [(f) => [f.x, f.y, f.prob]],
  'F.ctc_loss': [(f) => [f.seq.log_softmax(2), torch.tensor([[1, 2], [3, 3]]), [5, 5], [2, 2]]],
  'F.grid_sample': [(f) => [f.img, f.img.permute(0, 2, 3, 1).mul(0.7)],
    (f) => [f.img, f.img.permute(0, 2, 3, 1), { mode: 'nearest', padding_mode: 'reflection', align_corners: true }],
    (f) => [f.img, f.img.permute(0, 2, 3, 1).mul(0.7), { mode: 'bicubic', padding_mode: 'border' }],
    (f) => { const p = f.vol.permute(0, 2, 3, 4, 1); return [f.vol, torch.cat([p, p.narrow(4, 0, 1)], 4).mul(0.6)]; }],
  'F.affine_grid': [(f) => [f.x.narrow(0, 0, 2).narrow(1, 0, 3).unsqueeze(0), [1, 2, 4, 5]], (f) => [f.x.unsqueeze(0), [1, 2, 2, 3, 4]]],
  'F.gumbel_softmax': [(f) => [f.x], (f) => [f.x, { tau: 0.5, hard: true }]],
  'F.cosine_similarity': [(f) => [f.x, f.y]], 'F.pairwise_distance': [(f) => [f.x, f.y]],
  'F.multi_head_attention_forward': [(f) => {
    const w = torch.randn(12, 4);
    return [f.seq, f.seq, f.seq, 4, 2, w, torch.zeros(12), null, null, false, 0, torch.randn(4, 4), torch.zeros(4)];
  }],
  // nn.init: fills a fresh tensor
  'init.calculate_gain': [() => ['relu']], 'init._calculate_fan_in_and_fan_out': [() => [torch.empty(3, 4)]],
  'init.constant_': [() => [torch.empty(3, 4), 0.3]], 'init.dirac_': [() => [torch.empty(2, 2, 3)]], 'init.eye_': [() => [torch.empty(3, 4)]],
  'init.orthogonal_': [() => [torch.empty(3, 4)]], 'init.sparse_': [() => [torch.empty(3, 4), 0.5]],
  // Tensor methods (receiver first)
  '.item': [(f) => [f.s]], '.to': [(f) => [f.x, torch.int64]], '.type': [(f) => [f.x, torch.int64]], '.type_as': [(f) => [f.x, f.xi]],
  '.view': [(f) => [f.x, 4, 3]], '.view_as': [(f) => [f.x, f.y.t()]], '.reshape_as': [(f) => [f.x, f.y.t()]], '.expand': [(f) => [f.v, 3, 4]],
  '.expand_as': [(f) => [f.v, f.x]], '.index': [(f) => [f.x, 1], (f) => [f.x, f.idx], (f) => [f.x, f.mask], (f) => [f.x, [0, 2], f.lab]],
  '.get': [(f) => [f.x, [1, 3], 0]], '.index_put_': [(f) => [f.x.clone(), [f.idx], f.v]],
  '.set': [(f) => [f.x.clone(), null, 1, 0], (f) => [f.x.clone(), f.mask, 0.5], (f) => [f.x.clone(), 1, f.v],
    (f) => [f.x.clone(), f.idx, '...', f.v], (f) => [f.x.clone(), '...', [0, 2], f.x.narrow(1, 1, 2)]], '.new_tensor': [(f) => [f.x, [1, 2]]],
  '.new_zeros': [(f) => [f.x, [2]]], '.new_ones': [(f) => [f.x, [2]]], '.new_empty': [(f) => [f.x, [2]]], '.new_full': [(f) => [f.x, [2], 3]],
  '.masked_fill_': [(f) => [f.x.clone(), f.mask, 0]], '.clamp_': [(f) => [f.x.clone(), -0.5, 0.5]], '.clamp_min': [(f) => [f.x, 0]],
  '.clamp_max': [(f) => [f.x, 0]], '.fill_': [(f) => [f.x.clone(), 2]], '.copy_': [(f) => [f.x.clone(), f.v]],
  '.lerp_': [(f) => [f.x.clone(), f.y, 0.3]], '.pow_': [(f) => [f.prob.clone(), 2]], '.scatter_': [(f) => [f.x.clone(), 1, f.xi.remainder(4), f.y]],
  '.scatter_add_': [(f) => [f.x.clone(), 1, f.xi.remainder(4), f.y]], '.scatter_reduce_': [(f) => [f.x.clone(), 1, f.xi.remainder(4), f.y, 'sum']],
  '.index_add_': [(f) => [f.x.clone(), 0, f.idx, f.y]], '.index_copy_': [(f) => [f.x.clone(), 0, f.idx, f.y]],
  '.index_fill_': [(f) => [f.x.clone(), 1, f.idx, 2]], '.masked_scatter_': [(f) => [f.x.clone(), f.mask, f.y]],
  '.random_': [(f) => [f.x.clone(), 0, 5]], '.bernoulli_': [(f) => [f.x.clone(), 0.5]], '.exponential_': [(f) => [f.x.clone()]], '.cauchy_': [(f) => [f.x.clone()]],
  // PyTorch 1.13 has no derivative for these (their backward raises, test/grad-sweep.test.ts): constants here
  floor_divide: [(f) => [f.x.detach(), f.prob.detach()]], heaviside: [(f) => [f.x.detach(), f.y.detach()]],
  aminmax: [(f) => [f.x.detach()], (f) => [f.x.detach(), { dim: 1 }]],
  poisson: [(f) => [f.prob]], binomial: [(f) => [f.prob.mul(10).floor(), f.prob]],
  '.where': [(f) => [f.x, f.mask, f.y]], '.multinomial': [(f) => [f.prob, 2]], '.rsub': [(f) => [f.x, f.y]], '.detach_': [(f) => [f.x.detach().clone()]],
  // src/ops/funcs.ts
  quantile: [(f) => [f.x, 0.3], (f) => [f.x, torch.tensor([0.2, 0.9]), 1, true, { interpolation: 'midpoint' }]],
  nanquantile: [(f) => [f.x, 0.3, 0]], '.quantile': [(f) => [f.x, 0.5, 1]], '.nanquantile': [(f) => [f.x, 0.5]],
  trapezoid: [(f) => [f.x], (f) => [f.x, f.v], (f) => [f.x, { dx: 0.5, dim: 0 }]], trapz: [(f) => [f.x, f.v]],
  cumulative_trapezoid: [(f) => [f.x], (f) => [f.x, f.v]], combinations: [(f) => [f.v], (f) => [f.v, 3, true]],
  renorm: [(f) => [f.x, 2, 0, 1]], '.renorm': [(f) => [f.x, 1, 1, 0.5]], '.renorm_': [(f) => [f.x.clone(), 2, 0, 1]],
  ldexp: [(f) => [f.x, f.xi]], '.ldexp': [(f) => [f.x, f.xi]], '.ldexp_': [(f) => [f.x.detach().clone(), f.xi]],
  '.unfold': [(f) => [f.x, 1, 2, 1]], select_scatter: [(f) => [f.x, f.v, 0, 1]], '.select_scatter': [(f) => [f.x, f.v, 0, 1]],
  diagonal_scatter: [(f) => [f.x, f.v.narrow(0, 0, 3)]], '.diagonal_scatter': [(f) => [f.x, f.v.narrow(0, 0, 3)]],
  slice_scatter: [(f) => [f.x, f.y.narrow(1, 0, 2), 1, 0, 4, 2]], '.slice_scatter': [(f) => [f.x, f.y]],
  '.sum_to_size': [(f) => [f.x, 1, 4], (f) => [f.b3, [4]]],
  bitwise_and: [(f) => [f.xi, f.xi]], bitwise_or: [(f) => [f.xi, 3]], bitwise_xor: [(f) => [f.mask, f.mask]], bitwise_not: [(f) => [f.xi]],
  bitwise_left_shift: [(f) => [f.xi, 2]], bitwise_right_shift: [(f) => [f.xi, f.xi]], gcd: [(f) => [f.xi, f.xi]], lcm: [(f) => [f.xi, f.xi]],
  '.bitwise_and': [(f) => [f.xi, f.xi]], '.bitwise_or': [(f) => [f.xi, 3]], '.bitwise_xor': [(f) => [f.mask, f.mask]], '.bitwise_not': [(f) => [f.xi]],
  '.bitwise_left_shift': [(f) => [f.xi, 2]], '.bitwise_right_shift': [(f) => [f.xi, f.xi]], '.gcd': [(f) => [f.xi, f.xi]], '.lcm': [(f) => [f.xi, f.xi]],
  '.bitwise_and_': [(f) => [f.xi.clone(), f.xi]], '.bitwise_or_': [(f) => [f.xi.clone(), 3]], '.bitwise_xor_': [(f) => [f.mask.clone(), f.mask]], '.bitwise_not_': [(f) => [f.xi.clone()]],
  '.bitwise_left_shift_': [(f) => [f.xi.clone(), 2]], '.bitwise_right_shift_': [(f) => [f.xi.clone(), f.xi]], '.gcd_': [(f) => [f.xi.clone(), f.xi]], '.lcm_': [(f) => [f.xi.clone(), f.xi]],
  // no derivative in PyTorch (nextafter; igamma's first argument): their inputs do not require grad
  nextafter: [(f) => [f.x.detach(), f.y.detach()]], '.nextafter': [(f) => [f.x.detach(), f.y.detach()]], '.nextafter_': [(f) => [f.x.detach().clone(), f.y.detach()]],
  igamma: [(f) => [f.prob.detach(), f.prob]], igammac: [(f) => [f.prob.detach(), f.prob]], 'special.gammainc': [(f) => [f.prob.detach(), f.prob]],
  'special.gammaincc': [(f) => [f.prob.detach(), f.prob]], '.igamma': [(f) => [f.prob.detach(), f.prob]], '.igammac': [(f) => [f.prob.detach(), f.prob]],
  // (detached: Tensor._inplaceOf leaks its copy when only the operand requires grad, as atan2_ and xlogy_ do)
  '.igamma_': [(f) => [f.prob.detach().clone(), f.prob.detach()]], '.igammac_': [(f) => [f.prob.detach().clone(), f.prob.detach()]],
  // nn.init's deprecated names (fresh tensors: they write in place)
  'init.uniform': [() => [torch.empty(3, 4)]], 'init.normal': [() => [torch.empty(3, 4)]], 'init.constant': [() => [torch.empty(3, 4), 0.3]],
  'init.eye': [() => [torch.empty(3, 4)]], 'init.dirac': [() => [torch.empty(2, 2, 3)]], 'init.xavier_uniform': [() => [torch.empty(3, 4)]],
  'init.xavier_normal': [() => [torch.empty(3, 4)]], 'init.kaiming_uniform': [() => [torch.empty(3, 4)]],
  'init.kaiming_normal': [() => [torch.empty(3, 4)]], 'init.orthogonal': [() => [torch.empty(3, 4)]], 'init.sparse': [() => [torch.empty(3, 4), 0.5]],
  // nn.utils (modules made per call: drop() frees their parameters, buffers and tensor attributes)
  'utils.clip_grad_norm_': [() => [[withGrad(torch.randn(3)), withGrad(torch.randn(2, 2))], 0.5], () => [[withGrad(torch.randn(3))], 1, 'inf']],
  'utils.clip_grad_norm': [() => [[withGrad(torch.randn(3))], 0.5]], 'utils.clip_grad_value_': [() => [[withGrad(torch.randn(3))], 0.1]],
  'utils.parameters_to_vector': [(f) => [[f.x, f.v]]],
  'utils.vector_to_parameters': [() => [torch.randn(7), [new nn.Parameter(torch.zeros(3)), new nn.Parameter(torch.zeros(2, 2))]]],
  'utils.skip_init': [() => [nn.Linear, 4, 3]],
  'utils.fuse_conv_bn_eval': [() => [new nn.Conv2d(2, 3, 3).eval(), new nn.BatchNorm2d(3).eval()]],
  'utils.fuse_conv_bn_weights': [() => [torch.randn(3, 2, 3, 3), null, torch.randn(3), torch.rand(3), 1e-5, null, torch.randn(3)],
    () => [torch.randn(2, 3, 3, 3), torch.randn(3), torch.randn(3), torch.rand(3), 1e-5, torch.randn(3), null, true]],
  'fusion.fuse_conv_bn_eval': [() => [new nn.Conv2d(2, 3, 3).eval(), new nn.BatchNorm2d(3).eval()]],
  'fusion.fuse_conv_bn_weights': [() => [torch.randn(3, 2, 3, 3), torch.randn(3), torch.randn(3), torch.rand(3), 1e-5, torch.randn(3), torch.randn(3)]],
  'fusion.fuse_linear_bn_eval': [() => [new nn.Linear(4, 3).eval(), new nn.BatchNorm1d(3).eval()]],
  'fusion.fuse_linear_bn_weights': [() => [torch.randn(3, 4), null, torch.randn(3), torch.rand(3), 1e-5, torch.randn(3), torch.randn(3)]],
  'parametrize.register_parametrization': [() => [new nn.Linear(3, 3), 'weight', new Symmetric()],
    () => [nn.utils.parametrize.register_parametrization(new nn.Linear(3, 3), 'weight', new Symmetric()), 'weight', new Symmetric()]],
  'parametrize.remove_parametrizations': [() => [nn.utils.parametrize.register_parametrization(new nn.Linear(3, 3), 'weight', new Symmetric()), 'weight'],
    () => [nn.utils.parametrize.register_parametrization(new nn.Linear(3, 3), 'weight', new Symmetric()), 'weight', false]],
  'parametrize.is_parametrized': [() => [new nn.Linear(2, 2)]], 'parametrize.type_before_parametrizations': [() => [new nn.Linear(2, 2)]],
  'parametrize.cached': [(f) => [() => f.x.exp()]],
  'prune.identity': [() => [new nn.Linear(3, 2), 'weight']], 'prune.random_unstructured': [() => [new nn.Linear(3, 2), 'weight', 0.5]],
  'prune.l1_unstructured': [() => [new nn.Linear(3, 2), 'weight', 2], () => [new nn.Linear(3, 2), 'weight', 0.5, torch.randn(2, 3)]],
  'prune.random_structured': [() => [new nn.Linear(3, 2), 'weight', 1, 0]],
  'prune.ln_structured': [() => [new nn.Linear(3, 2), 'weight', 1, 2, 0], () => [new nn.Linear(3, 2), 'weight', 0.5, 1, -1, torch.randn(2, 3)]],
  'prune.custom_from_mask': [() => [new nn.Linear(3, 2), 'weight', torch.tensor([[1, 0, 1], [0, 1, 0]]).float()]],
  'parametrizations.spectral_norm': [() => [new nn.Linear(4, 3)]], 'parametrizations.orthogonal': [() => [new nn.Linear(3, 3), 'weight', 'cayley'],
    () => [new nn.Linear(3, 5), 'weight', 'cayley']],
  'stateless.functional_call': [(f) => [new nn.Linear(4, 3), { weight: f.y.narrow(0, 0, 3), bias: f.v.narrow(0, 0, 3) }, [f.x]]],
  // torch.autograd
  'autograd.Variable': [(f) => [f.x], (f) => [f.x, { requires_grad: true }]],
  'autograd.gradcheck': [() => [(t: T) => t.sin(), torch.randn(3, { requires_grad: true })]],
  'autograd.gradgradcheck': [() => [(t: T) => t.pow(3), torch.randn(3, { requires_grad: true })]],
  'graph.saved_tensors_hooks': [(f) => [(t: T) => t, (t: T) => t, () => f.x.mul(f.y)], (f) => [(t: T) => t.clone(), (t: T) => t, () => f.x.exp()]],
  'graph.save_on_cpu': [(f) => [() => f.x.mul(f.y)]], 'graph.disable_saved_tensors_hooks': [(f) => ['no hooks', () => f.x.exp()]],
  // torch-level forms of nn functions (ATen's signatures: src/nn/aten.ts)
  convolution: [(f) => [f.sig, torch.ones(3, 2, 3), null, [1], [0], [1], false, [0], 1],
    (f) => [f.img, torch.ones(2, 3, 3, 3), null, [2], [1], [1], true, [1], 1]],
  max_pool2d: [(f) => [f.img, 2]], max_pool3d: [(f) => [f.vol, 2]],
  batch_norm: [(f) => [f.x, f.v, f.w, torch.zeros(4), torch.ones(4), true, 0.1, 1e-5, false],
    (f) => [f.img, null, null, torch.zeros(2), torch.ones(2), false, 0.1, 1e-5, false]],
  layer_norm: [(f) => [f.x, [4], f.v, f.w]], instance_norm: [(f) => [f.img, null, null, null, null, true, 0.1, 1e-5, false]],
  embedding: [(f) => [f.x.t(), f.idx]],
  embedding_bag: [(f) => [f.x.t(), torch.tensor([0, 2, 1]), torch.tensor([0, 1]), false, 1],
    (f) => [f.x.t(), torch.tensor([0, 2, 1]), torch.tensor([0, 1]), false, 2], (f) => [f.x.t(), torch.tensor([0, 2, 1]), torch.tensor([0, 1]), false, 0, false, null, false, 2]],
  embedding_renorm_: [(f) => [f.x.t().contiguous().detach(), f.idx, 1, 2]],
  dropout: [(f) => [f.x, 0.5, true]], dropout_: [(f) => [f.x, 0.5, true]], alpha_dropout: [(f) => [f.x, 0.5, true]],
  alpha_dropout_: [(f) => [f.x, 0.5, true]], feature_dropout: [(f) => [f.img, 0.5, true]], feature_dropout_: [(f) => [f.img, 0.5, true]],
  feature_alpha_dropout: [(f) => [f.img, 0.5, true]], feature_alpha_dropout_: [(f) => [f.img, 0.5, true]],
  ctc_loss: [(f) => [f.seq.log_softmax(2), torch.tensor([[1, 2], [3, 3]]), [5, 5], [2, 2], 0, 1]],
  cosine_embedding_loss: [(f) => [f.x, f.y, torch.tensor([1, -1, 1])]], poisson_nll_loss: [(f) => [f.x, f.prob, true, false, 1e-8, 1]],
  grid_sampler: [(f) => [f.img, f.img.permute(0, 2, 3, 1).mul(0.7), 0, 0, false]],
  grid_sampler_2d: [(f) => [f.img, f.img.permute(0, 2, 3, 1).mul(0.7), 2, 1, false]],
  grid_sampler_3d: [(f) => { const p = f.vol.permute(0, 2, 3, 4, 1); return [f.vol, torch.cat([p, p.narrow(4, 0, 1)], 4).mul(0.6), 0, 0, false]; }],
  affine_grid_generator: [(f) => [f.x.narrow(0, 0, 2).narrow(1, 0, 3).unsqueeze(0), [1, 2, 4, 5], false]],
  // torch.X_ and utilities (src/ops/misc.ts)
  ldexp_: [(f) => [f.x.detach().clone(), f.xi]], gcd_: [(f) => [f.xi, f.xi]], lcm_: [(f) => [f.xi, f.xi]], addmv_: [(f) => [f.v.narrow(0, 0, 3), f.x, f.v]],
  index_put_: [(f) => [f.x, [f.idx], f.v]], range: [() => [1, 4], () => [0, 1, 0.3]], empty_strided: [() => [[2, 3], [1, 2]]],
  as_strided: [(f) => [f.x, [2, 2], [1, 2]], (f) => [f.x, [2, 2], [1, 1], 3]], as_strided_: [(f) => [f.x, [2, 3], [3, 1], 2]],
  as_strided_scatter: [(f) => [f.x, f.y.narrow(0, 0, 2).narrow(1, 0, 2), [2, 2], [1, 4]]],
  float_power: [(f) => [f.prob, 2], (f) => [f.prob, f.y], (f) => [2, f.x]],
  ...Object.fromEntries(['hamming_window', 'hann_window', 'blackman_window', 'bartlett_window', 'kaiser_window']
    .map((n): [string, Build[]] => [n, [() => [7], () => [6, false]]])),
  put: [(f) => [f.x, f.idx, f.v.narrow(0, 0, 3)], (f) => [f.x, f.idx, f.v.narrow(0, 0, 3), true]],
  index_reduce: [(f) => [f.x, 0, torch.tensor([0, 2, 0]), f.y, 'amax'], (f) => [f.x, 0, torch.tensor([0, 2, 0]), f.y, 'mean']],
  segment_reduce: [(f) => [f.x.flatten(), 'sum', { lengths: torch.tensor([5, 0, 7]) }], (f) => [f.x.flatten(), 'mean', { lengths: torch.tensor([5, 0, 7]) }]],
  frombuffer: [() => [new Float32Array([1, 2]).buffer, { dtype: torch.float32 }]], narrow_copy: [(f) => [f.x.detach(), 1, 1, 2]],
  gradient: [(f) => [f.x], (f) => [f.x, { spacing: [torch.tensor([0, 1, 3]), torch.tensor([0, 1, 1.5, 4])], edge_order: 2 }]],
  histogram: [(f) => [f.x.detach(), 3], (f) => [f.x.detach(), f.edges, { density: true }]],
  histogramdd: [(f) => [f.x.detach(), [2, 2, 2, 2]]], vander: [(f) => [f.v], (f) => [f.v, 3, true]],
  '.geometric_': [(f) => [f.x.clone(), 0.3]], '.log_normal_': [(f) => [f.x.clone()]], '.new_empty_strided': [(f) => [f.x, [2, 3], [1, 2]]],
  '.apply_': [(f) => [f.x.detach().clone(), (v: number) => v * 2]], '.map_': [(f) => [f.x.detach().clone(), f.v.detach(), (a: number, b: number) => a + b]],
  '.map2_': [(f) => [f.x.detach().clone(), f.v.detach(), f.y.detach(), (a: number, b: number, c: number) => a + b * c]],
  '.set_': [(f) => [torch.zeros(2), f.x.detach()]], '.resize_': [(f) => [f.x.detach().clone(), 4, 3]], '.resize_as_': [(f) => [f.x.detach().clone(), f.y]],
  '.new': [(f) => [f.x, 2, 3], (f) => [f.x, [1, 2]]], '.bernoulli': [(f) => [f.prob], (f) => [f.x, 0.3]],
};
for (const n of ['conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'conv_tbc', 'bilinear',
  'pixel_shuffle', 'pixel_unshuffle', 'channel_shuffle', 'native_channel_shuffle']) ARGS[n] = ARGS[`F.${n}`];

/** A parameter with a gradient (for the clipping functions). */
function withGrad(t: T): T {
  const p = new nn.Parameter(t);
  p.grad = torch.randn(...t.shape);
  return p;
}

class Symmetric extends nn.Module {
  override forward(X: T): T { return X.triu().add(X.triu(1).transpose(-1, -2)); }
}

// Names not swept, and why.
const SKIP: Record<string, string> = {};
const skip = (names: string, why: string) => { for (const n of names.split(/\s+/).filter(Boolean)) SKIP[n] = why; };
skip('device dispose keep tidy no_grad enable_grad inference_mode set_grad_enabled is_grad_enabled is_inference_mode_enabled ' +
  'is_anomaly_enabled manual_seed seed initial_seed get_rng_state set_rng_state set_printoptions get_printoptions ' +
  'set_debug_memory set_num_threads get_num_threads threads_ready memory_stats is_tensor numel ' +
  'set_float32_matmul_precision get_float32_matmul_precision',
  'not an op: runtime settings, RNG state, memory management, predicates on the object');
skip('save load', 'I/O (async, writes files): test/save-load.test.ts');
skip('linalg.eig linalg.eigvals', 'complex results: always an error in tocha (test/linalg2.test.ts)');
skip('.acosh_ .asinh_ .atanh_ .arccosh_ .arcsinh_ .arctanh_ acosh_ asinh_ atanh_ arccosh_ arcsinh_ arctanh_',
  "PyTorch 1.13 has no derivative for these in-place forms: their backward raises its error (test/parity.test.ts)");
skip('imag .imag', "real tensors have no imaginary part: PyTorch's error, always (test/parity.test.ts)");
skip('.constructor .dispose .keep .backward .register_hook .retain_grad .requires_grad_ .toString .size .stride .storage_offset ' +
  '.dim .numel .nelement .element_size .is_floating_point .is_contiguous .is_inference .dataSync .tolist .numpy',
  'lifetime, autograd plumbing or metadata: makes no tensor (backward is what the grad pass runs)');

skip('autograd.grad autograd.backward', 'the backward engine itself: what the grad pass of this sweep runs');
skip('autograd.no_grad autograd.enable_grad autograd.set_grad_enabled autograd.inference_mode autograd.set_detect_anomaly ' +
  'autograd.detect_anomaly', 'grad modes and anomaly detection (the same functions as torch.*, skipped there too)');
skip('parametrize.is_parametrized parametrize.type_before_parametrizations prune.is_pruned', 'predicates on a module: make no tensor');
skip('utils.weight_norm utils.remove_weight_norm utils.spectral_norm utils.remove_spectral_norm parametrize.transfer_parametrizations_and_params',
  "replace a module's parameters (the old ones are the garbage collector's, as PyTorch drops them: an optimizer may still " +
  'hold them): test/weight-norm.test.ts, test/nn-utils.test.ts');
skip('prune.remove prune.global_unstructured', "replace a pruned module's tensor (its mask and weight): the graph of the " +
  "weight replaced is the garbage collector's, as weight_norm's (pruning again and remove in test/prune.test.ts)");
skip('swa_utils.update_bn', "replaces the BatchNorm statistics as PyTorch does; the old tensors are the garbage collector's (a " +
  'module converted by convert_sync_batchnorm may share them): test/swa.test.ts');
skip('use_deterministic_algorithms set_deterministic_debug_mode set_warn_always set_num_interop_threads set_flush_denormal ' +
  'set_default_tensor_type set_anomaly_enabled set_autocast_enabled set_autocast_cpu_enabled set_autocast_cache_enabled ' +
  'clear_autocast_cache autocast_increment_nesting autocast_decrement_nesting are_deterministic_algorithms_enabled ' +
  'is_deterministic_algorithms_warn_only_enabled get_deterministic_debug_mode is_warn_always_enabled get_num_interop_threads ' +
  'is_autocast_enabled is_autocast_cpu_enabled is_autocast_cache_enabled is_anomaly_check_nan_enabled is_vulkan_available',
  'not an op: global settings and their queries (test/api-gaps.test.ts)');
skip('dtype layout memory_format is_storage typename is_signed is_same_size is_inference is_conj is_neg is_distributed get_device',
  'a class, or a predicate on the object: makes no tensor');
skip('solve eig lstsq matrix_rank .solve .eig .lstsq .reinforce .float_power_ .pin_memory .cuda .xpu .ipu .half .bfloat16 .byte ' +
  '.char .short .cfloat .cdouble .chalf',
  'always an error (removed in PyTorch 1.13, or a device or dtype tocha lacks: test/api-gaps.test.ts)');
skip('.storage .storage_type .data_ptr .is_set_to .is_pinned .is_shared .share_memory_ .has_names .get_device .is_distributed ' +
  '.names .name .layout .output_nr .volatile .is_xpu .is_ipu .is_mps .is_vulkan .is_ort .is_mkldnn .is_nested .is_sparse_csr',
  'storage and metadata: makes no tensor');

const IN_PLACE = /^\.[a-z].*_$/;
skip('._released ._version .grad_fn .requires_grad .is_leaf .grad .retains_grad .shape .ndim .is_view .device',
  'metadata getters (no new tensor, or one the autograd engine owns)');

const F = nn.functional;
const isTensor = (v: unknown): v is T => v instanceof torch.Tensor;

/** The tensors in a result or argument list: tensors, arrays, tuples, records (as lifetime.ts's handOffAll). */
function tensorsIn(v: unknown, out = new Set<T>(), depth = 0): Set<T> {
  if (isTensor(v)) out.add(v);
  else if (v instanceof nn.Module) {
    // a module made for the call or returned by it: its parameters, buffers and tensor attributes
    for (const m of v.modules()) {
      for (const t of [...m.parameters(false), ...m.buffers(false), ...Object.values(m).filter(isTensor)]) out.add(t);
    }
  } else if (v !== null && typeof v === 'object' && depth < 4 && !ArrayBuffer.isView(v)) {
    for (const x of Array.isArray(v) ? v : Object.values(v)) tensorsIn(x, out, depth + 1);
  }
  return out;
}

interface Op { name: string; call: (args: Args) => unknown; builds: Build[] | null; clone: boolean; params?: T[] }

function ops(): Op[] {
  const list: Op[] = [];
  const fns = (ns: object, prefix: string) => {
    for (const [k, f] of Object.entries(ns)) {
      if (typeof f !== 'function' || /^[A-Z]/.test(k)) continue;   // classes: Tensor, Generator, Size, ...
      const name = prefix + k;
      list.push({ name, call: (a) => (f as (...x: Args) => unknown)(...a), builds: ARGS[name] ?? null, clone: k.endsWith('_') });
    }
  };
  fns(torch, ''); fns(torch.linalg, 'linalg.'); fns(torch.special, 'special.'); fns(F, 'F.'); fns(nn.init, 'init.');
  fns(nn.utils, 'utils.'); fns(nn.utils.fusion, 'fusion.'); fns(nn.utils.parametrize, 'parametrize.');
  fns(nn.utils.parametrizations, 'parametrizations.'); fns(nn.utils.stateless, 'stateless.'); fns(nn.utils.prune, 'prune.'); fns(torch.autograd, 'autograd.');
  fns(torch.autograd.graph, 'graph.'); fns(torch.optim.swa_utils, 'swa_utils.');
  // (a function with a class's name: `fns` takes capitalized names for classes)
  list.push({ name: 'autograd.Variable', call: (a) => torch.autograd.Variable(...(a as [])), builds: ARGS['autograd.Variable'], clone: false });
  const P = torch.Tensor.prototype;
  for (const k of Object.getOwnPropertyNames(P)) {
    if (k.startsWith('_')) continue;   // internal
    const d = Object.getOwnPropertyDescriptor(P, k)!;
    const name = `.${k}`;
    const call = d.get ? (a: Args) => (a[0] as Record<string, unknown>)[k]
      : (a: Args) => (a[0] as unknown as Record<string, (...x: Args) => unknown>)[k](...a.slice(1));
    // A method takes its torch function's arguments, the receiver first (`x.add(y)` as `torch.add(x, y)`).
    const base = ARGS[name] ?? ARGS[k] ?? (IN_PLACE.test(name) ? ARGS[k.slice(0, -1)] : undefined);
    list.push({ name, call, builds: base ?? null, clone: IN_PLACE.test(name) && !ARGS[name] });
  }
  return list.filter((o) => !(o.name in SKIP));
}

const live = () => torch.memory_stats().live_tensors;
const CALLS = 5;

/** Tensors added per call of `cycle`, after two calls that may cache constants or release former graphs (a backward
 *  releases the previous graph's intermediate results, the one after it that graph's root). */
function leakPerCall(cycle: () => void): number {
  cycle();
  cycle();
  const before = live();
  for (let i = 0; i < CALLS; i++) cycle();
  return (live() - before) / CALLS;
}

class Sweep {
  readonly fixture: Set<T>;
  readonly leaves: T[];
  constructor(readonly f: Fx, readonly grad: boolean) {
    this.fixture = tensorsIn(f);
    this.leaves = [...this.fixture].filter((t) => t.requires_grad);
  }

  /** The arguments, built in a tidy so the builder's own intermediates are gone; in-place ops get a copy. */
  args(op: Op, b: Build): Args {
    return torch.tidy(() => {
      const a = b(this.f);
      if (op.clone && isTensor(a[0])) a[0] = a[0].clone();
      return a;
    });
  }

  /** Disposes what a call returned and the arguments built for it (never the fixture). */
  drop(...vs: unknown[]): void {
    for (const t of tensorsIn(vs)) {
      if (this.fixture.has(t) || t._released) continue;
      if (t.grad && !this.fixture.has(t.grad) && !t.grad._released) t.grad.dispose();
      t.dispose();
    }
  }

  /** One call; with grad, backward() of the sum of its differentiable outputs, then the gradients dropped. */
  run(op: Op, b: Build): void {
    const a = this.args(op, b);
    const r = op.call(a);
    if (this.grad) {
      const outs = [...tensorsIn(r)].filter((t) => t.requires_grad);
      if (outs.length) outs.map((t) => t.sum()).reduce((s, t) => s.add(t)).backward();
    }
    this.drop(r, a);
    for (const t of this.leaves) t.grad = null;
    for (const t of op.params ?? []) t.grad = null;
  }

  /** The argument lists of op: its ARGS entries, or the first generic one it accepts. */
  builds(op: Op): Build[] | string {
    const method = op.name.startsWith('.');
    const fits = (b: Build) => {
      const a = this.args(op, b);
      this.drop(a);
      return !method || isTensor(a[0]);
    };
    if (op.builds) {
      try {
        return op.builds.filter(fits);
      } catch (e) {
        return `its ARGS entry throws: ${(e as Error).message.split('\n')[0]}`;
      }
    }
    for (const b of TRY) {
      if (!fits(b)) continue;
      try {
        this.run(op, b);
        return [b];
      } catch { /* next */ }
    }
    return 'no argument list fits: add one to ARGS, or the name to SKIP with the reason';
  }

  /** `name: +n tensors per call` for each op (and argument list) that leaks, or the error it raised. */
  sweep(list: Op[]): { leaks: string[]; covered: number } {
    const leaks: string[] = [];
    let covered = 0;
    for (const op of list) {
      const bs = this.builds(op);
      if (typeof bs === 'string') { leaks.push(`${op.name}: ${bs}`); continue; }
      covered++;
      bs.forEach((b, i) => {
        const label = bs.length > 1 ? `${op.name}#${i + 1}` : op.name;
        try {
          const n = leakPerCall(() => this.run(op, b));
          if (n !== 0) leaks.push(`${label}: ${n > 0 ? '+' : ''}${n} tensors per call`);
        } catch (e) {
          leaks.push(`${label}: throws ${(e as Error).message.split('\n')[0]}`);
        }
      });
    }
    return { leaks, covered };
  }
}

/** The common layers, each with its input (a layer's forward is an op built from other ops). */
function layers(): Op[] {
  torch.manual_seed(0);
  const at = (name: string, m: torch.nn.Module, b: Build): Op =>
    ({ name: `nn.${name}`, call: (a) => (m as unknown as (...x: Args) => unknown)(...a), builds: [b], clone: false, params: [...m.parameters()] });
  const evalMode = <M extends torch.nn.Module>(m: M): M => { m.eval(); return m; };
  const lo = { dim_feedforward: 8, dropout: 0.1 };
  return [
    at('Linear', new nn.Linear(4, 3), (f) => [f.x]), at('Bilinear', new nn.Bilinear(4, 4, 2), (f) => [f.x, f.y]),
    at('Conv1d', new nn.Conv1d(2, 3, 3), (f) => [f.sig]), at('Conv2d', new nn.Conv2d(2, 3, 3, { padding: 1 }), (f) => [f.img]),
    at('Conv2d(groups, padding_mode)', new nn.Conv2d(2, 4, 3, { groups: 2, padding: 1, padding_mode: 'reflect' }), (f) => [f.img]),
    at('Conv3d', new nn.Conv3d(2, 2, 2), (f) => [f.vol]), at('ConvTranspose2d', new nn.ConvTranspose2d(2, 2, 3, { stride: 2 }), (f) => [f.img]),
    at('MaxPool2d', new nn.MaxPool2d(2), (f) => [f.img]), at('AvgPool2d', new nn.AvgPool2d(2), (f) => [f.img]),
    at('AdaptiveAvgPool2d', new nn.AdaptiveAvgPool2d(1), (f) => [f.img]),
    at('BatchNorm1d', new nn.BatchNorm1d(4), (f) => [f.x]), at('BatchNorm2d', new nn.BatchNorm2d(2), (f) => [f.img]),
    at('BatchNorm2d (eval)', evalMode(new nn.BatchNorm2d(2)), (f) => [f.img]), at('LayerNorm', new nn.LayerNorm(4), (f) => [f.x]),
    at('GroupNorm', new nn.GroupNorm(2, 2), (f) => [f.img]), at('InstanceNorm2d', new nn.InstanceNorm2d(2, { affine: true }), (f) => [f.img]),
    at('Dropout', new nn.Dropout(0.5), (f) => [f.x]), at('Dropout2d', new nn.Dropout2d(0.5), (f) => [f.img]),
    at('Dropout3d', new nn.Dropout3d(0.5), (f) => [f.vol]),
    at('LazyLinear', new nn.LazyLinear(3), (f) => [f.x]), at('LazyConv2d', new nn.LazyConv2d(3, 3, { padding: 1 }), (f) => [f.img]),
    at('LazyBatchNorm2d', new nn.LazyBatchNorm2d(), (f) => [f.img]),
    at('DataParallel', new nn.DataParallel(new nn.Linear(4, 3)), (f) => [f.x]), at('CrossMapLRN2d', new nn.CrossMapLRN2d(3), (f) => [f.img]),
    at('AveragedModel', new torch.optim.swa_utils.AveragedModel(new nn.Linear(4, 3)), (f) => [f.x]),
    at('Linear (register_parametrization)', nn.utils.parametrize.register_parametrization(new nn.Linear(4, 4), 'weight', new Symmetric()), (f) => [f.x]),
    at('Linear (parametrizations.spectral_norm)', nn.utils.parametrizations.spectral_norm(new nn.Linear(4, 3)), (f) => [f.x]),
    at('Linear (parametrizations.orthogonal, cayley)', nn.utils.parametrizations.orthogonal(new nn.Linear(4, 3), 'weight', 'cayley'), (f) => [f.x]),
    at('NLLLoss2d', new nn.NLLLoss2d(), (f) => [f.img, torch.tensor([[[0, 1, 1, 0, 1, 0]]]).expand(1, 6, 6)]),
    at('AdaptiveLogSoftmaxWithLoss', new nn.AdaptiveLogSoftmaxWithLoss(4, 6, [2, 4]), (f) => [f.x, torch.tensor([0, 3, 5])]),
    at('FractionalMaxPool2d', new nn.FractionalMaxPool2d(2, { output_ratio: 0.5 }), (f) => [f.img]),
    at('FractionalMaxPool3d', new nn.FractionalMaxPool3d(2, { output_size: 2, return_indices: true }), (f) => [f.vol]),
    at('MaxUnpool3d', new nn.MaxUnpool3d(2), (f) => { const [o, i] = F.max_pool3d(f.vol, 2, { return_indices: true }) as unknown as [T, T]; return [o, i]; }),
    at('Embedding', new nn.Embedding(5, 3), (f) => [f.idx]), at('Embedding(max_norm)', new nn.Embedding(5, 3, { max_norm: 1 }), (f) => [f.idx]),
    at('RNN', new nn.RNN(4, 3), (f) => [f.seq]), at('LSTM', new nn.LSTM(4, 3, { num_layers: 2 }), (f) => [f.seq]),
    at('GRU', new nn.GRU(4, 3, { bidirectional: true }), (f) => [f.seq]),
    at('LSTM (batch_first, h0)', new nn.LSTM(4, 3, { batch_first: true }), (f) => [f.seq, [torch.zeros(1, 5, 3), torch.zeros(1, 5, 3)]]),
    at('RNNCell', new nn.RNNCell(4, 3), (f) => [f.x]), at('LSTMCell', new nn.LSTMCell(4, 3), (f) => [f.x]), at('GRUCell', new nn.GRUCell(4, 3), (f) => [f.x]),
    at('MultiheadAttention', new nn.MultiheadAttention(4, 2), (f) => [f.seq, f.seq, f.seq]),
    at('MultiheadAttention (masks)', new nn.MultiheadAttention(4, 2, { batch_first: true }),
      (f) => [f.seq, f.seq, f.seq, { key_padding_mask: torch.tensor([[false, true], [false, false], [true, false], [false, false], [false, false]]) }]),
    at('TransformerEncoderLayer', new nn.TransformerEncoderLayer(4, 2, lo), (f) => [f.seq]),
    at('TransformerEncoderLayer (norm_first, gelu)', new nn.TransformerEncoderLayer(4, 2, { ...lo, norm_first: true, activation: 'gelu' }), (f) => [f.seq]),
    at('TransformerDecoderLayer', new nn.TransformerDecoderLayer(4, 2, lo), (f) => [f.seq, f.seq]),
    at('TransformerEncoder', new nn.TransformerEncoder(new nn.TransformerEncoderLayer(4, 2, lo), 2), (f) => [f.seq]),
    at('Transformer', new nn.Transformer({ d_model: 4, nhead: 2, num_encoder_layers: 1, num_decoder_layers: 1, ...lo }),
      (f) => [f.seq, f.seq.narrow(0, 0, 3), { tgt_mask: nn.Transformer.generate_square_subsequent_mask(3) }]),
    // Not Sequential: with grad off and no scope, its layers' outputs are the caller's tensors as in a hand-written
    // chain (hooks and user modules may hold them), released by a no_grad/tidy scope or the collector.
  ];
}

describe('every public op releases what it made but returned (leak sweep)', () => {
  const list = ops();

  it('with grad off', () => {
    const s = new Sweep(fixtures(false), false);
    torch.set_grad_enabled(false);
    try {
      const { leaks, covered } = s.sweep(list);
      console.log(`leak sweep, grad off: ${covered} ops`);
      expect(leaks).toEqual([]);
    } finally {
      torch.set_grad_enabled(true);
    }
  });

  it('with requires_grad inputs, across forward + backward + the next backward', () => {
    const s = new Sweep(fixtures(true), true);
    const { leaks, covered } = s.sweep(list);
    console.log(`leak sweep, grad on: ${covered} ops`);
    expect(leaks).toEqual([]);
  });

  it('nn layers\' forward, with grad off and with backward', () => {
    const mods = layers();
    const off = new Sweep(fixtures(false), false);
    torch.set_grad_enabled(false);
    let leaks: string[];
    try {
      leaks = off.sweep(mods).leaks.map((l) => `grad off: ${l}`);
    } finally {
      torch.set_grad_enabled(true);
    }
    leaks.push(...new Sweep(fixtures(true), true).sweep(mods).leaks.map((l) => `grad on: ${l}`));
    expect(leaks).toEqual([]);
  });
});
