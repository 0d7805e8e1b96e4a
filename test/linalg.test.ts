// torch.linalg and the classic names against PyTorch 1.13: test/fixtures/linalg.json, written by
// scripts/gen-linalg.py. Each case runs its JavaScript expression on the fixture's inputs and compares
// every output, the grad_fn names and the gradients of sum(out_i * w_i) with PyTorch's; eigenvectors and
// singular vectors are aligned to PyTorch's signs first (they are defined up to sign), and the gradient
// cases of those factorizations are sign-invariant. Each error case compares the message. Then what the
// fixture cannot show: reconstructions and orthogonality, finite-difference gradients, memory, printing.
import { describe, expect, it, vi } from 'vitest';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { fixture as readFixture } from './fixture.js';
import { itCases, itErrors, gradcheck, type Case, type ErrorCase } from './linalg-harness.js';

const fixture = readFixture('linalg.json') as { cases: Case[]; errors: ErrorCase[] };
const L = torch.linalg;

describe('torch.linalg against PyTorch 1.13', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  itCases(fixture.cases);
  it('warns once for the deprecated torch.cholesky, torch.qr and torch.triangular_solve', () => {
    const texts = warn.mock.calls.map((a) => String(a[0]));
    for (const name of ['torch.cholesky is deprecated', 'torch.qr is deprecated', 'torch.triangular_solve is deprecated',
      'torch.chain_matmul is deprecated']) {
      expect(texts.filter((t) => t.includes(name)).length, name).toBe(1);
    }
    warn.mockRestore();
  });
});

describe('torch.linalg errors as PyTorch words them', () => {
  itErrors(fixture.errors);
  it('singular and indefinite inputs raise torch.linalg.LinAlgError', () => {
    expect(() => L.inv(torch.zeros(2, 2))).toThrow(L.LinAlgError);
    expect(() => L.cholesky(torch.zeros(2, 2))).toThrow(L.LinAlgError);
  });
});

// ---------------------------------------------------------------- beyond the fixture

const maxAbs = (t: Tensor) => Number(t.abs().max().item());
const eyeLike = (n: number) => torch.eye(n);

describe('torch.linalg: factorizations reconstruct their input', () => {
  torch.manual_seed(1);
  const A = torch.randn(3, 6, 4);
  it('qr: A = QR, QᵀQ = I, R upper triangular (reduced and complete, tall and wide)', () => {
    for (const a of [A, A.mT]) {
      for (const mode of ['reduced', 'complete']) {
        const [Q, R] = L.qr(a, mode);
        expect(maxAbs(Q.matmul(R).sub(a))).toBeLessThan(1e-5);
        expect(maxAbs(Q.mT.matmul(Q).sub(eyeLike(Q.shape[2])))).toBeLessThan(1e-5);
        expect(maxAbs(R.sub(R.triu()))).toBe(0);
      }
    }
  });
  it('eigh: A = QΛQᵀ with Q orthogonal, eigenvalues ascending', () => {
    const S = A.matmul(A.mT);
    const [w, Q] = L.eigh(S);
    expect(maxAbs(Q.mul(w.unsqueeze(-2)).matmul(Q.mT).sub(S))).toBeLessThan(2e-5 * maxAbs(S));
    expect(maxAbs(Q.mT.matmul(Q).sub(eyeLike(6)))).toBeLessThan(1e-5);
    expect(torch.all(w.narrow(-1, 1, 5).ge(w.narrow(-1, 0, 5))).item()).toBe(true);
  });
  it('svd: A = U·diag(S)·Vh, full U and Vh orthogonal, S descending; torch.svd gives V', () => {
    for (const a of [A, A.mT]) {
      const [U, S, Vh] = L.svd(a);
      const k = S.shape[1];
      const Uk = U.narrow(-1, 0, k);
      const Vk = Vh.narrow(-2, 0, k);
      expect(maxAbs(Uk.mul(S.unsqueeze(-2)).matmul(Vk).sub(a))).toBeLessThan(1e-5);
      expect(maxAbs(U.mT.matmul(U).sub(eyeLike(U.shape[2])))).toBeLessThan(1e-5);
      expect(maxAbs(Vh.matmul(Vh.mT).sub(eyeLike(Vh.shape[1])))).toBeLessThan(1e-5);
      expect(torch.all(S.narrow(-1, 0, k - 1).ge(S.narrow(-1, 1, k - 1))).item()).toBe(true);
      const [u, s, V] = torch.svd(a);
      expect(maxAbs(u.mul(s.unsqueeze(-2)).matmul(V.mT).sub(a))).toBeLessThan(1e-5);
    }
  });
  it('svd of a rank-deficient matrix still gives orthonormal U and Vh', () => {
    const a = torch.ones(4, 3);
    const [U, S, Vh] = L.svd(a);
    expect((S.tolist() as number[])[0]).toBeCloseTo(Math.sqrt(12), 5);
    expect(maxAbs(S.narrow(0, 1, 2))).toBeLessThan(1e-6);
    expect(maxAbs(U.mT.matmul(U).sub(eyeLike(4)))).toBeLessThan(1e-5);
    expect(maxAbs(Vh.matmul(Vh.mT).sub(eyeLike(3)))).toBeLessThan(1e-5);
  });
  it('cholesky, inv, solve, lstsq and pinv agree with their definitions', () => {
    const a = A.matmul(A.mT).add(torch.eye(6));
    const l = L.cholesky(a);
    expect(maxAbs(l.matmul(l.mT).sub(a))).toBeLessThan(1e-4);
    expect(maxAbs(L.inv(a).matmul(a).sub(eyeLike(6)))).toBeLessThan(1e-4);
    const b = torch.randn(3, 6, 2);
    expect(maxAbs(a.matmul(L.solve(a, b)).sub(b))).toBeLessThan(1e-4);
    const x = L.lstsq(A, b).solution;
    // the least-squares residual is orthogonal to A's columns
    expect(maxAbs(A.mT.matmul(A.matmul(x).sub(b)))).toBeLessThan(1e-4);
    const p = L.pinv(A);
    expect(maxAbs(A.matmul(p).matmul(A).sub(A))).toBeLessThan(1e-4);
  });
  it('det and slogdet of small integer matrices are PyTorch\'s bits (LU in getf2\'s order)', () => {
    const a = torch.tensor([[2, 3, 5], [7, 11, 13], [17, 19, 23]], { dtype: torch.float32 });
    expect(L.det(a).item()).toBe(-78.00000762939453);
    const b = torch.tensor([[1.5, 2, -3, 4], [0.5, -1, 2, 7], [3, 1, 1, -2], [2.5, 0.25, -4, 1]], { dtype: torch.float32 });
    expect(L.det(b).item()).toBe(294.375);
    expect(L.det(torch.tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]], { dtype: torch.float32 })).item()).toBe(0);
  });
});


describe('torch.linalg gradients against finite differences', () => {
  torch.manual_seed(5);
  const a = torch.randn(3, 3).add(torch.eye(3).mul(3));
  const tall = torch.randn(4, 3);
  const wide = torch.randn(2, 4);
  const symm = (x: Tensor) => x.add(x.mT).div(2);
  gradcheck('det', (x) => L.det(x), a);
  gradcheck('slogdet', (x) => L.slogdet(x).logabsdet, a);
  gradcheck('inv', (x) => L.inv(x), a);
  gradcheck('solve', (x) => L.solve(x, torch.ones(3, 2)), a);
  gradcheck('cholesky of a symmetric input', (x) => L.cholesky(symm(x).matmul(symm(x)).add(torch.eye(3))), a);
  gradcheck('solve_triangular', (x) => L.solve_triangular(x.triu(), torch.ones(3, 2), { upper: true }), a);
  gradcheck('qr tall', (x) => { const [q, r] = L.qr(x); return torch.cat([q.reshape([-1]), r.reshape([-1])]); }, tall);
  gradcheck('qr wide', (x) => { const [q, r] = L.qr(x); return torch.cat([q.reshape([-1]), r.reshape([-1])]); }, wide);
  gradcheck('eigh (values and squared vectors)', (x) => { const [l, v] = L.eigh(symm(x)); return torch.cat([l, v.square().reshape([-1])]); }, a);
  gradcheck('svd tall (U·Vh pairs and S)', (x) => { const [u, s, vh] = L.svd(x, false); return torch.cat([s, u.matmul(vh).reshape([-1])]); }, tall);
  gradcheck('svd wide', (x) => { const [u, s, vh] = L.svd(x, false); return torch.cat([s, u.square().reshape([-1]), vh.square().reshape([-1])]); }, wide);
  gradcheck('pinv', (x) => L.pinv(x), tall);
  gradcheck('lstsq', (x) => L.lstsq(x, torch.ones(4, 2)).solution, tall);
  gradcheck('matrix_norm nuc', (x) => L.matrix_norm(x, 'nuc'), tall);
  gradcheck('matrix_norm 2', (x) => L.matrix_norm(x, 2), tall);
  gradcheck('vector_norm 3', (x) => L.vector_norm(x, 3, 1), tall);
});

describe('torch.linalg: second derivatives (create_graph)', () => {
  it('det: the Hessian of det through its gradient, for regular and singular matrices (as PyTorch 1.13)', () => {
    const A = torch.tensor([[2, 1], [1, 3]], { dtype: torch.float32, requires_grad: true });
    const [g] = torch.autograd.grad(L.det(A), A, { create_graph: true });
    expect(g!.tolist()).toEqual([[3, -1], [-1, 2]]);
    expect(g!.grad_fn?.name()).toBe('LinalgSolveExBackward0');
    const [h] = torch.autograd.grad(g!.sum(), A);
    expect(maxAbs(h!.sub(torch.tensor([[1, -1], [-1, 1]], { dtype: torch.float32 })))).toBeLessThan(1e-5);
    // a singular matrix: zero gradient in a plain backward, its cofactors under create_graph
    const S = torch.tensor([[1, 2], [2, 4]], { dtype: torch.float32, requires_grad: true });
    expect(maxAbs(torch.autograd.grad(L.det(S), S)[0]!)).toBe(0);
    const [c] = torch.autograd.grad(L.det(S), S, { create_graph: true });
    expect(maxAbs(c!.sub(torch.tensor([[4, -2], [-2, 1]], { dtype: torch.float32 })))).toBeLessThan(1e-5);
  });
  it('inv and solve differentiate twice (PyTorch 1.13\'s values)', () => {
    const A = torch.tensor([[3, 1], [1, 2]], { dtype: torch.float32, requires_grad: true });
    const [g] = torch.autograd.grad(L.inv(A).sum(), A, { create_graph: true });
    const [h] = torch.autograd.grad(g!.square().sum(), A);
    expect(maxAbs(h!.sub(torch.tensor([[0, -0.016], [-0.016, -0.064]], { dtype: torch.float32 })))).toBeLessThan(1e-6);
    const B = torch.tensor([[3, 1], [1, 2]], { dtype: torch.float32, requires_grad: true });
    const [g2] = torch.autograd.grad(L.solve(B, torch.tensor([1, 2], { dtype: torch.float32 })).square().sum(), B, { create_graph: true });
    const [h2] = torch.autograd.grad(g2!.sum(), B);
    expect(maxAbs(h2!.sub(torch.tensor([[-0.08, 0], [0.24, 1.2]], { dtype: torch.float32 })))).toBeLessThan(1e-6);
  });
});

describe('torch.linalg: memory, printing, batching', () => {
  it('leaves no tensors behind in tidy', () => {
    const before = torch.memory_stats().live_tensors;
    torch.tidy(() => {
      const a = torch.randn(2, 4, 4).add(torch.eye(4).mul(4));
      L.det(a); L.slogdet(a); L.inv(a); L.solve(a, torch.ones(4)); L.qr(a); L.eigh(a); L.svd(a); L.pinv(a);
      L.lstsq(a, torch.ones(2, 4, 1)); L.matrix_norm(a, 'nuc'); L.matrix_rank(a); L.cholesky(a.matmul(a.mT));
    });
    expect(torch.memory_stats().live_tensors).toBe(before);
  });
  it('torch.linalg holds PyTorch\'s names only', () => {
    // PyTorch 1.13's torch.linalg (its __all__)
    expect(Object.keys(L).sort()).toEqual(['LinAlgError', 'cholesky', 'cholesky_ex', 'cond', 'cross', 'det', 'diagonal', 'eig',
      'eigh', 'eigvals', 'eigvalsh', 'householder_product', 'inv', 'inv_ex', 'ldl_factor', 'ldl_factor_ex', 'ldl_solve', 'lstsq',
      'lu', 'lu_factor', 'lu_factor_ex', 'lu_solve', 'matmul', 'matrix_exp', 'matrix_norm', 'matrix_power', 'matrix_rank',
      'multi_dot', 'norm', 'pinv', 'qr', 'slogdet', 'solve', 'solve_ex', 'solve_triangular', 'svd', 'svdvals', 'tensorinv',
      'tensorsolve', 'vander', 'vecdot', 'vector_norm']);
  });
  it('prints named tuples as torch.return_types', () => {
    const r = L.eigh(torch.tensor([[2, 0], [0, 1]], { dtype: torch.float32 }));
    expect(String(r)).toBe('torch.return_types.linalg_eigh(\neigenvalues=tensor([1., 2.]),\neigenvectors=tensor([[0., 1.],\n        [1., 0.]]))');
    expect(r.eigenvalues).toBe(r[0]);
    const [Q, R] = torch.qr(torch.eye(2));
    expect(Q.shape).toEqual(R.shape);
  });
  it('handles empty matrices and batches', () => {
    expect(L.det(torch.zeros(2, 0, 0)).tolist()).toEqual([1, 1]);
    expect(L.inv(torch.zeros(0, 3, 3)).shape).toEqual([0, 3, 3]);
    const [U, S, Vh] = L.svd(torch.zeros(0, 3));
    expect([U.shape, S.shape, Vh.shape].map((s) => [...s])).toEqual([[0, 0], [0], [3, 3]]);
    expect(L.eigh(torch.zeros(0, 0)).eigenvalues.shape).toEqual([0]);
  });
});
