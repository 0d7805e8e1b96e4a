// The second batch of torch.linalg against PyTorch 1.13 (test/fixtures/linalg2.json, written by
// scripts/gen-linalg2.py): LU with pivots, LDLᵀ, geqrf / householder_product / ormqr, matrix_exp, cond,
// tensorinv, tensorsolve, torch.nuclear_norm / frobenius_norm, symeig, svd_lowrank / pca_lowrank, and the
// errors of the removed names, through test/linalg-harness.ts. Then what the fixture cannot show:
// tocha's own messages (int64 pivots, complex results), warnings, reconstructions, finite differences,
// second derivatives, memory.
import { describe, expect, it, vi } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture as readFixture } from './fixture.js';
import { itCases, itErrors, gradcheck, type Case, type ErrorCase } from './linalg-harness.js';

const fixture = readFixture('linalg2.json') as { cases: Case[]; errors: ErrorCase[] };
const L = torch.linalg;
const f32 = (v: number[] | number[][] | number[][][]) => torch.tensor(v as number[][], { dtype: torch.float32 });
const maxAbs = (t: Tensor) => Number(t.abs().max().item());

describe('torch.linalg (second batch) against PyTorch 1.13', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  itCases(fixture.cases);
  it('warns once for the deprecated torch.lu, torch.lu_solve and torch.symeig', () => {
    const texts = warn.mock.calls.map((a) => String(a[0]));
    for (const name of ['torch.lu is deprecated', 'torch.lu_solve is deprecated', 'torch.symeig is deprecated']) {
      expect(texts.filter((t) => t.includes(name)).length, name).toBe(1);
    }
    warn.mockRestore();
  });
});

describe('torch.linalg (second batch) errors as PyTorch words them', () => {
  itErrors(fixture.errors);
  it('pivots are int64 in tocha (PyTorch\'s int32): other dtypes are refused with PyTorch\'s message, int64 named', () => {
    const [LU, piv] = L.lu_factor(f32([[2, 1], [1, 3]]));
    const fp = piv.float();
    expect(() => L.lu_solve(LU, fp, torch.ones(2, 1))).toThrow('linalg.lu_solve: pivots should be a Tensor of scalar type torch.int64');
    expect(() => torch.lu_unpack(LU, fp)).toThrow('torch.lu_unpack: LU_pivots is expected to be a contiguous tensor of torch.int64 dtype.');
    expect(piv.dtype).toBe(torch.int64);
    expect(L.lu_factor_ex(LU).info.dtype).toBe(torch.int64);
  });
  it('linalg.eig and eigvals name themselves and point to eigh/eigvalsh: tocha has no complex dtype', () => {
    for (const [f, name] of [[L.eig, 'linalg.eig'], [L.eigvals, 'linalg.eigvals']] as const) {
      let err: Error | null = null;
      try { f(f32([[2, 1], [1, 2]])); } catch (e) { err = e as Error; }
      expect(err!.name).toBe('NotImplementedError');
      expect(err!.message).toMatch(new RegExp(`^${name}: .*complex.*torch\\.linalg\\.eigh.*eigvalsh`));
    }
  });
  it('ldl_solve refuses pivots it cannot follow (PyTorch 1.13 reads out of bounds there)', () => {
    const [LD] = L.ldl_factor(torch.eye(3).mul(2));
    for (const p of [[7, 1, 1], [0, 2, 3], [1, 2, -3], [-2, -3, 3]]) {
      expect(() => L.ldl_solve(LD, torch.tensor(p), torch.ones(3, 1))).toThrow('torch.linalg.ldl_solve: pivots must be those of linalg.ldl_factor');
    }
  });
  it('lu_unpack: pivots broadcast to LU\'s batch, and others are refused (PyTorch 1.13 reads out of bounds)', () => {
    const [LU, piv] = L.lu_factor(torch.randn(2, 3, 3));
    expect(torch.lu_unpack(LU, piv.select(0, 0)).P.shape).toEqual([2, 3, 3]);
    expect(() => torch.lu_unpack(LU, torch.stack([piv.select(0, 0), piv.select(0, 0), piv.select(0, 0)])))
      .toThrow('torch.lu_unpack: LU_pivots of shape [3, 3] do not broadcast to LU_data\'s batch [2]');
  });
  it('LinAlgError for tensorinv of a singular map', () => {
    expect(() => L.tensorinv(torch.zeros(2, 2, 4))).toThrow(L.LinAlgError);
  });
});

// ---------------------------------------------------------------- beyond the fixture

describe('factorizations reconstruct their input', () => {
  torch.manual_seed(3);
  it('lu: A = P·L·U for square, tall, wide and batched inputs; lu_unpack of lu_factor gives the same', () => {
    for (const A of [torch.randn(6, 6), torch.randn(7, 4), torch.randn(3, 8), torch.randn(2, 3, 5, 5)]) {
      const [P, Lm, U] = L.lu(A);
      expect(maxAbs(P.matmul(Lm).matmul(U).sub(A))).toBeLessThan(1e-5);
      const [LU, piv] = L.lu_factor(A);
      const [P2, L2, U2] = torch.lu_unpack(LU, piv);
      expect(maxAbs(P2.sub(P)) + maxAbs(L2.sub(Lm)) + maxAbs(U2.sub(U))).toBe(0);
      // partial pivoting: |L| ≤ 1
      expect(maxAbs(Lm)).toBeLessThanOrEqual(1);
    }
  });
  it('lu_solve agrees with solve for every left/adjoint combination, at 60×60', () => {
    const A = torch.randn(60, 60).add(torch.eye(60).mul(8));
    const [LU, piv] = L.lu_factor(A);
    const B = torch.randn(60, 3);
    expect(maxAbs(L.lu_solve(LU, piv, B).sub(L.solve(A, B)))).toBeLessThan(1e-5);
    expect(maxAbs(L.lu_solve(LU, piv, B, { adjoint: true }).sub(L.solve(A.mT, B)))).toBeLessThan(1e-5);
    expect(maxAbs(L.lu_solve(LU, piv, B.mT, { left: false }).sub(L.solve(A, B.mT, { left: false })))).toBeLessThan(1e-5);
    expect(maxAbs(L.lu_solve(LU, piv, B.mT, { left: false, adjoint: true }).sub(L.solve(A.mT, B.mT, { left: false })))).toBeLessThan(1e-5);
  });
  it('ldl: A = P·L·D·Lᵀ·Pᵀ, and ldl_solve solves, for symmetric indefinite matrices', () => {
    const m = torch.randn(2, 7, 7);
    const A = m.add(m.mT);
    const [LD, piv] = L.ldl_factor(A);
    const B = torch.randn(2, 7, 2);
    expect(maxAbs(A.matmul(L.ldl_solve(LD, piv, B)).sub(B))).toBeLessThan(1e-4);
    expect(maxAbs(LD.triu(1))).toBe(0);
  });
  it('geqrf + householder_product is linalg.qr\'s Q; ormqr applies Q and Qᵀ', () => {
    const A = torch.randn(2, 6, 4);
    const [a, tau] = torch.geqrf(A);
    const Q = L.householder_product(a, tau);
    const [Qr, Rr] = L.qr(A);
    expect(maxAbs(Q.sub(Qr))).toBeLessThan(1e-5);
    expect(maxAbs(a.triu().narrow(-2, 0, 4).sub(Rr))).toBeLessThan(1e-5);
    const C = torch.randn(2, 6, 3);
    const Qfull = L.qr(A, 'complete').Q;
    expect(maxAbs(torch.ormqr(a, tau, C).sub(Qfull.matmul(C)))).toBeLessThan(1e-5);
    expect(maxAbs(torch.ormqr(a, tau, C, true, true).sub(Qfull.mT.matmul(C)))).toBeLessThan(1e-5);
  });
  it('matrix_exp: exp(A)·exp(-A) = I, exp of a diagonal is exp of its entries, exp((s+t)A) = exp(sA)·exp(tA)', () => {
    for (const scale of [1e-6, 0.01, 0.3, 1, 2, 20]) {
      const A = torch.randn(4, 4).mul(scale / 4);
      const E = L.matrix_exp(A);
      expect(maxAbs(E.matmul(L.matrix_exp(A.neg())).sub(torch.eye(4)))).toBeLessThan(2e-5 * Math.exp(2 * scale));
      expect(maxAbs(L.matrix_exp(A.mul(2)).sub(E.matmul(E)))).toBeLessThan(1e-5 * Math.exp(2 * scale));
    }
    const d = f32([0.5, -1, 2]);
    expect(maxAbs(L.matrix_exp(torch.diag(d)).diagonal().sub(d.exp()))).toBeLessThan(1e-6);
  });
  it('cond(A) = ‖A‖·‖A⁻¹‖ for each norm, and is infinite for a singular A', () => {
    const A = torch.randn(5, 5);
    for (const p of ['fro', 'nuc', 1, -1, Infinity, -Infinity, 2, -2] as const) {
      const want = Number(L.matrix_norm(A, p).mul(L.matrix_norm(L.inv(A), p)).item());
      expect(Number(L.cond(A, p).item()) / want).toBeCloseTo(1, 4);
    }
    expect(L.cond(f32([[1, 2], [2, 4]]), 1).item()).toBe(Infinity);
  });
  it('tensorinv and tensorsolve: tensordot with the inverse is the identity map', () => {
    const A = torch.randn(4, 6, 8, 3).add(torch.eye(24).reshape([4, 6, 8, 3]).mul(5));
    const Ainv = L.tensorinv(A);
    expect(maxAbs(torch.tensordot(A, Ainv, 2).sub(torch.eye(24).reshape([4, 6, 4, 6])))).toBeLessThan(1e-5);
    const B = torch.randn(4, 6);
    const X = L.tensorsolve(A, B);
    expect(maxAbs(torch.tensordot(A, X, 2).sub(B))).toBeLessThan(1e-4);
  });
});


describe('gradients against finite differences', () => {
  torch.manual_seed(5);
  const a = torch.randn(3, 3).add(torch.eye(3).mul(3));
  const tall = torch.randn(5, 3);
  const wide = torch.randn(3, 5);
  gradcheck('lu_factor (square)', (x) => L.lu_factor(x).LU, a);
  gradcheck('lu_factor (tall)', (x) => L.lu_factor(x).LU, tall);
  gradcheck('lu_factor (wide)', (x) => L.lu_factor(x).LU, wide);
  gradcheck('lu (tall, L and U)', (x) => { const [, l, u] = L.lu(x); return torch.cat([l.reshape([-1]), u.reshape([-1])]); }, tall);
  gradcheck('lu_solve in LU', (x) => L.lu_solve(x, torch.tensor([1, 2, 3]), torch.ones(3, 2)), a);
  gradcheck('lu_solve in LU (left false, adjoint)', (x) => L.lu_solve(x, torch.tensor([2, 3, 3]), torch.ones(2, 3), { left: false, adjoint: true }), a);
  gradcheck('matrix_exp', (x) => L.matrix_exp(x), a.div(3));
  gradcheck('matrix_exp (scaled and squared)', (x) => L.matrix_exp(x), a.mul(1.5), 1e-2, 3e-2);
  gradcheck('cond', (x) => L.cond(x), a);
  gradcheck('householder_product in the vectors', (x) => L.householder_product(x, f32([1.2, 0.7, 0.4])), tall);
  gradcheck('tensorinv', (x) => L.tensorinv(x.reshape([3, 3]), 1), a);
});

describe('second derivatives (create_graph)', () => {
  it('matrix_exp differentiates twice through its block-matrix backward', () => {
    const A = f32([[0.1, 0.4], [-0.3, 0.2]]).requires_grad_(true);
    const [g] = torch.autograd.grad(L.matrix_exp(A).sum(), A, { create_graph: true });
    expect(g!.grad_fn?.name()).toBeTruthy();
    const [h] = torch.autograd.grad(g!.square().sum(), A);
    // finite differences of the first gradient's square sum
    const eps = 1e-3;
    const fd = (i: number, j: number) => {
      const d = torch.zeros(2, 2);
      d.index_put_([torch.tensor([i]), torch.tensor([j])], eps);
      const val = (x: Tensor) => {
        const xx = x.clone().requires_grad_(true);
        return Number(torch.autograd.grad(L.matrix_exp(xx).sum(), xx)[0]!.square().sum().item());
      };
      return (val(A.detach().add(d)) - val(A.detach().sub(d))) / (2 * eps);
    };
    const hv = h!.tolist() as number[][];
    for (const [i, j] of [[0, 0], [0, 1], [1, 0], [1, 1]]) expect(hv[i][j]).toBeCloseTo(fd(i, j), 2);
  });
});

describe('memory', () => {
  it('leaves no tensors behind in tidy', () => {
    const before = torch.memory_stats().live_tensors;
    torch.tidy(() => {
      const a = torch.randn(2, 4, 4).add(torch.eye(4).mul(4));
      const [LU, piv] = L.lu_factor(a);
      L.lu(a); L.lu_solve(LU, piv, torch.ones(2, 4, 1)); torch.lu_unpack(LU, piv); L.matrix_exp(a.div(4)); L.matrix_exp(a);
      L.cond(a); L.cond(a, 'fro'); L.ldl_factor(a.add(a.mT)); const [qa, qt] = torch.geqrf(a); L.householder_product(qa, qt);
      L.tensorinv(a.select(0, 0).reshape([2, 2, 4])); L.tensorsolve(a.select(0, 0).reshape([2, 2, 4]), torch.ones(2, 2));
      torch.svd_lowrank(torch.randn(6, 5), 2); torch.pca_lowrank(torch.randn(6, 5));
    });
    expect(torch.memory_stats().live_tensors).toBe(before);
  });
  // (one thread against two, with every product split: test/threads.test.ts)
});
