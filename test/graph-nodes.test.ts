// The graph PyTorch 1.13 records for ops tocha composes from others, against test/fixtures/graph-nodes.json
// (scripts/gen-graph-nodes.py): each output's chain of node names from its grad_fn (along the first edge),
// whether it is a view or an input itself, its values, and every leaf's gradient for sum(out_k * G_k).
// Each case here mirrors the Python case of the same id.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture as readFixture, type EncTensor, decode, expectTensor } from './fixture.js';

const F = torch.nn.functional;
const fixture = readFixture('graph-nodes.json') as {
  inputs: Record<string, EncTensor>;
  cases: {
    id: string;
    outputs: { chain: string[]; view: boolean; input: boolean; requires_grad: boolean; value: EncTensor }[];
    grads: Record<string, EncTensor>;
  }[];
};

type Leaves = Record<string, Tensor>;
type Case = (L: Leaves) => Tensor | Tensor[];

/**
 * How deep tocha's chain is PyTorch's, where it is not all four nodes: the op is one node in PyTorch and a
 * composite under one node of its name here (or mirrors ATen only that far), so only the top of the chain
 * is compared there.
 */
const DEPTH: Record<string, [number, string]> = {};
const depth = (ids: string[], n: number, why: string) => { for (const id of ids) DEPTH[id] = [n, why]; };
depth(['std_mean', 'var_mean', 'triangular_solve: both outputs', 'norm inf over a dim', 'norm p=3, keepdim',
  'pad constant, crop', 'pad reflect 1-D', 'pad reflect 3-D', 'pad replicate 1-D', 'pad replicate 3-D',
  'interpolate nearest 1-D', 'interpolate nearest 3-D', 'interpolate nearest-exact 2-D', 'interpolate linear, align_corners',
  'interpolate bilinear, scale', 'interpolate bicubic', 'interpolate trilinear', 'pixel_shuffle', 'pixel_unshuffle',
  'affine_grid'], 1, "one node in PyTorch; here PyTorch's name over tocha's composite");
depth(['linear 1-D, bias', 'linear 1-D', 'linear 3-D', 'linear 3-D not contiguous, bias', 'linear 4-D, bias'], 1,
  "F.linear is one GEMM with the bias here, recorded as the last node PyTorch's matmul/add_ records");
depth(['linear 3-D, bias: a view of addmm'], 2, "PyTorch's addmm has the bias as its first input, tocha's node the input");
depth(['linear 3-D, bias, then relu_'], 3, "as 'linear 3-D, bias: a view of addmm', under CopySlices");
depth(['instance_norm, affine'], 2, "ViewBackward0 over the batch norm's node; the batch norm is tocha's composite");
depth(['bilinear, no bias'], 1, "reshape of ATen's _trilinear (TrilinearBackward0), which tocha composes of mm and sum");
depth(['bilinear, 3-D input'], 2, "the bias added to the reshape of _trilinear, composed here");
depth(['pad circular 1-D'], 3, "tocha's CopySlices has the in-place op's node (CopyBackwards) as its second edge; " +
  "PyTorch's CopySlices takes that node's other edges itself (here SliceBackward0)");

const MM: [string, string, string, string | null][] = [
  ['1@1', 'v', 'w', null], ['2@1', 'x', 'v', null], ['1@2', 'v', 'm54', 't'], ['2@2', 'x', 'm54', 't'],
  ['3@1', 'b3', 'v', null], ['3@2', 'b3', 'm54', 't'], ['3T@2', 'c3', 'x', 'p'], ['3@3', 'b3', 'b4', null],
  ['2@3', 'x', 'b4', null], ['1@3', 'v', 'b4', null], ['3@1T', 'b4', 'v3', 'p1'], ['4@3', 'b334', 'b4', 'first'],
  ['4@1', 'b334', 'v', null], ['1@4', 'v', 'q', null], ['4b@3', 'q', 'b4', 'mt'],
];

function operands(L: Leaves, a: string, b: string, how: string | null): [Tensor, Tensor] {
  let [A, B] = [L[a], L[b]];
  if (how === 't') B = B.t();
  else if (how === 'p') [A, B] = [A.transpose(1, 2), B.narrow(0, 0, 2).narrow(1, 0, 3)];
  else if (how === 'p1') A = A.transpose(1, 2).narrow(2, 0, 3);
  else if (how === 'first') B = B.narrow(0, 0, 1);
  else if (how === 'mt') B = B.transpose(1, 2);
  return [A, B];
}

const EIN: [string, ...string[]][] = [
  ['ij,kj->ik', 'x', 'x'], ['bij,bjk->bik', 'b3', 'b4'], ['ii', 'a33'], ['ij->ji', 'x'], ['ij->', 'x'],
  ['i,j->ij', 'v', 'w'], ['ij,ij->ij', 'x', 'x'], ['ij,j->i', 'x', 'v'], ['...ij,...jk', 'b3', 'b4'],
  ['ij,jk,kl->il', 'x', 'm54', 'm54'], ['iij->j', 'a33'], ['i,i->', 'v', 'w'], ['ij,kl->ijkl', 'x', 'a33'],
  ['Ab,cb->Ac', 'x', 'm54'], ['bii->bi', 'b334'],
];

function einOps(L: Leaves, names: string[], eq: string): Tensor[] {
  const ops = names.map((n) => L[n]);
  if (eq === 'ij,jk,kl->il') return [ops[0], ops[1].t(), ops[2].narrow(1, 0, 2)];
  if (eq === 'iij->j') return [ops[0].unsqueeze(2).expand(3, 3, 2)];
  if (eq === 'bii->bi') return [ops[0].select(0, 0).narrow(2, 0, 3)];
  return ops;
}

const cases: Record<string, Case> = {
  'reshape: a view': (L) => L.x.reshape(4, 3),
  'reshape: a copy': (L) => L.x.t().reshape(12),
  'reshape: same shape': (L) => L.x.reshape(3, 4),
  'reshape: a copy, then mul_': (L) => L.x.t().reshape(12).mul_(2),
  'reshape: a view, then mul_': (L) => { const y = L.x.mul(1); const r = y.reshape(12); r.mul_(2); return [y, r]; },
  'flatten: 1-D (the input itself)': (L) => L.v.flatten(),
  'flatten: start_dim == end_dim': (L) => L.b3.flatten(1, 1),
  'flatten: 0-d': (L) => L.v.sum().flatten(),
  'flatten: not contiguous': (L) => L.x.t().flatten(),
  'flatten: dims 1..2': (L) => L.b3.flatten(1),
  'ravel: not contiguous': (L) => L.x.t().ravel(),
  'ravel': (L) => L.x.ravel(),
  'unflatten': (L) => L.x.unflatten(1, [2, 2]),
  'reshape_as': (L) => L.x.reshape_as(torch.zeros(4, 3)),
  'view_as': (L) => L.x.view_as(torch.zeros(4, 3)),
  'unsafe_split: pieces are not views': (L) => {
    const y = L.x.mul(2); const s = torch.unsafe_split(y, 2); s[0].mul_(3); return [y, s[0], s[1]];
  },
  'unsafe_chunk': (L) => torch.unsafe_chunk(L.x, 2, 1),
  'unsafe_split_with_sizes': (L) => L.x.unsafe_split_with_sizes([1, 2]),
  'split_with_sizes': (L) => L.x.split_with_sizes([1, 3], 1),
  ...Object.fromEntries(MM.map(([id, a, b, how]) => [`matmul ${id}`, (L: Leaves) => torch.matmul(...operands(L, a, b, how))])),
  'matmul 1@2, then mul_': (L) => L.v.matmul(L.m54.t()).mul_(2),
  'linear 1-D, bias': (L) => F.linear(L.v, L.m54, L.row.select(0, 0)),
  'linear 1-D': (L) => F.linear(L.v, L.m54),
  'linear 3-D, bias: a view of addmm': (L) => F.linear(L.b3, L.m54, L.row.select(0, 0)),
  'linear 3-D': (L) => F.linear(L.b3, L.m54),
  'linear 3-D not contiguous, bias': (L) => F.linear(L.c3.transpose(0, 1), L.m54, L.row.select(0, 0)),
  'linear 4-D, bias': (L) => F.linear(L.b334, L.m54, L.row.select(0, 0)),
  'linear 3-D, bias, then relu_': (L) => { const y = F.linear(L.b3, L.m54, L.row.select(0, 0)); F.relu(y, { inplace: true }); return y; },
  'mv': (L) => torch.mv(L.x, L.v),
  'mv (method)': (L) => L.x.mv(L.v),
  'kron': (L) => torch.kron(L.v3, L.v),
  'kron 2-D': (L) => torch.kron(L.x, L.a33),
  'inner': (L) => torch.inner(L.x, L.m54),
  'inner 1-D': (L) => torch.inner(L.v, L.w),
  'tensordot': (L) => torch.tensordot(L.b3, L.b4, [[2], [1]]),
  'tensordot: size-1 dim in the first': (L) => torch.tensordot(L.q, L.b4, [[1, 2], [0, 1]]),
  'tensordot: size-1 dim in the second': (L) => torch.tensordot(L.b3, L.row, [[0], [0]]),
  ...Object.fromEntries(EIN.map(([eq, ...names]) => [`einsum ${eq}`, (L: Leaves) => torch.einsum(eq, ...einOps(L, names, eq))])),
  'cov: one variable': (L) => torch.cov(L.row),
  'cov: weights': (L) => torch.cov(L.x, { fweights: torch.tensor([1, 2, 1, 3]), aweights: torch.tensor([0.5, 1.0, 2.0, 0.25]) }),
  'corrcoef': (L) => torch.corrcoef(L.x),
  'norm p=0 (no gradient)': (L) => torch.norm(L.x, 0),
  "norm 'fro' over two dims": (L) => torch.norm(L.b3, 'fro', [0, 2]),
  'norm inf over a dim': (L) => torch.norm(L.x, Infinity, 1),
  'norm p=3, keepdim': (L) => L.x.norm(3, 0, true),
  'std_mean': (L) => [...torch.std_mean(L.x, 1, false, true)],
  'var_mean': (L) => [...torch.var_mean(L.b3, [0, 2])],
  'triangular_solve: both outputs': (L) => [...torch.triangular_solve(L.x.narrow(1, 0, 2), L.tri)],
  'cosine_similarity: tiny norms': (L) => F.cosine_similarity(L.tiny, L.tiny2),
  'cosine_similarity: broadcast': (L) => F.cosine_similarity(L.x, L.v, 1),
  'pow(2, x)': (L) => torch.pow(2, L.x),
  'masked_select': (L) => torch.masked_select(L.x, L.x.detach().gt(0)),
  'masked_select: x broadcast to the mask': (L) => torch.masked_select(L.v, L.x.detach().gt(0)),
  'masked_select: mask broadcast to x': (L) => torch.masked_select(L.b3, L.v.detach().gt(0)),
  'masked_select: none selected': (L) => torch.masked_select(L.x, L.x.detach().gt(100)),
  'pad constant, crop': (L) => F.pad(L.x, [-1, 2, 0, 1], { value: 0.5 }),
  'pad reflect 1-D': (L) => F.pad(L.sig, [2, 1], 'reflect'),
  'pad reflect 3-D': (L) => F.pad(L.vol, [1, 1, 1, 0, 0, 2], 'reflect'),
  'pad replicate 1-D': (L) => F.pad(L.sig, [2, 3], 'replicate'),
  'pad replicate 3-D': (L) => F.pad(L.vol, [1, 2, 0, 1, 1, 0], 'replicate'),
  'pad circular 1-D': (L) => F.pad(L.sig, [2, 3], 'circular'),
  'pad circular 2-D, a negative pad': (L) => F.pad(L.img, [-1, 2, 1, 1], 'circular'),
  'pad circular 3-D': (L) => F.pad(L.vol, [1, 1, 2, 0, 0, 1], 'circular'),
  'interpolate nearest 1-D': (L) => F.interpolate(L.sig, { scale_factor: 2 }),
  'interpolate nearest 3-D': (L) => F.interpolate(L.vol, { size: [4, 5, 2] }),
  'interpolate nearest-exact 2-D': (L) => F.interpolate(L.img, { size: [3, 7], mode: 'nearest-exact' }),
  'interpolate area 1-D': (L) => F.interpolate(L.sig, { size: 3, mode: 'area' }),
  'interpolate area 3-D': (L) => F.interpolate(L.vol, { size: [2, 2, 3], mode: 'area' }),
  'interpolate linear, align_corners': (L) => F.interpolate(L.sig, { size: 8, mode: 'linear', align_corners: true }),
  'interpolate bilinear, scale': (L) => F.interpolate(L.img, { scale_factor: 1.5, mode: 'bilinear' }),
  'interpolate bicubic': (L) => F.interpolate(L.img, { size: [5, 3], mode: 'bicubic' }),
  'interpolate trilinear': (L) => F.interpolate(L.vol, { size: [2, 4, 4], mode: 'trilinear' }),
  'bilinear, no bias': (L) => F.bilinear(L.x, L.x.narrow(1, 0, 3), L.b3.transpose(1, 2).narrow(2, 0, 3)),
  'bilinear, 3-D input': (L) => F.bilinear(L.b3, L.b3.narrow(2, 0, 3), L.b334.select(0, 0).narrow(0, 0, 2).transpose(1, 2), L.bias),
  'instance_norm, affine': (L) => F.instance_norm(L.img, { weight: L.g, bias: L.bias }),
  'pixel_shuffle': (L) => F.pixel_shuffle(L.shuf, 2),
  'pixel_unshuffle': (L) => F.pixel_unshuffle(L.img, 2),
  'affine_grid': (L) => F.affine_grid(L.theta, [1, 2, 3, 4], false),
};

function chain(t: Tensor): string[] {
  const out: string[] = [];
  let n = t.grad_fn;
  while (n && out.length < 4) {
    out.push(n.name());
    n = n.next_functions.map(([m]) => m).find((m) => m !== null) ?? null;
  }
  return out;
}

/** PyTorch's grad_output k: ((i + 5k)·37 mod 17 − 8) / 8. */
function gradOutput(shape: number[], k: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return torch.tensor(Array.from({ length: n }, (_, i) => ((((i + 5 * k) * 37) % 17) - 8) / 8), { dtype: torch.float32 }).reshape(shape);
}

describe("graph nodes of composed ops against PyTorch 1.13 (chains, views, values, gradients)", () => {
  for (const c of fixture.cases) {
    it(c.id, () => {
      const fn = cases[c.id];
      expect(fn, `no tocha case for ${c.id}`).toBeDefined();
      torch.tidy(() => {
        const L: Leaves = Object.fromEntries(Object.entries(fixture.inputs).map(([k, v]) => [k, decode(v).clone().requires_grad_()]));
        const r = fn(L);
        const outs = Array.isArray(r) ? r : [r];
        const ins = Object.values(L);
        expect(outs.length).toBe(c.outputs.length);
        const [d, why] = DEPTH[c.id] ?? [4, ''];
        outs.forEach((t, k) => {
          const want = c.outputs[k];
          expect(chain(t).slice(0, d), `output ${k}'s nodes${why ? ` (${why})` : ''}`).toEqual(want.chain.slice(0, d));
          expect(t.is_view, `output ${k} is a view`).toBe(want.view);
          expect(ins.includes(t), `output ${k} is an input`).toBe(want.input);
          expect(t.requires_grad).toBe(want.requires_grad);
          expectTensor(`output ${k}`, t, want.value, 1e-5);
        });
        const need = outs.map((t, k) => [t, k] as const).filter(([t]) => t.requires_grad);
        if (need.length) torch.autograd.backward(need.map(([t]) => t), need.map(([t, k]) => gradOutput([...t.shape], k)));
        expect(Object.keys(L).filter((k) => L[k].grad !== null).sort()).toEqual(Object.keys(c.grads).sort());
        for (const [k, g] of Object.entries(c.grads)) expectTensor(`${k}.grad`, L[k].grad, g, 1e-4);
      });
    });
  }
  it('every case of the fixture has a tocha case, and the other way round', () => {
    expect(Object.keys(cases).sort()).toEqual(fixture.cases.map((c) => c.id).sort());
  });
});
