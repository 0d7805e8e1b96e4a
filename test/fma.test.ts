// torch.set_float32_matmul_precision (issue 4): under 'high' or 'medium', matrix products use the GEMM
// built with relaxed SIMD (src/backend/fma.ts), whose multiply-adds fuse. Node 20 has relaxed SIMD
// behind a V8 flag, set here before tocha loads (Node 22 and Chromium have it on). The fused results
// are checked bit for bit against a JavaScript model of the kernel's order (each element a chain of
// fused multiply-adds in k order; the dot-product path's four lanes), for every path of the GEMM, on
// 1 and 2 threads; convolutions and the default precision keep the exact kernels.
import v8 from 'node:v8';
import { describe, it, expect, vi, beforeAll, afterAll, afterEach } from 'vitest';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');
const { K } = await import('../src/backend/wasm.js');
const { _setParallelMin, PARALLEL_MIN_MACS } = await import('../src/backend/gemm.js');
const { _setTesting, stats } = await import('../src/backend/threads.js');
type Tensor = import('../src/index.js').Tensor;

/** A module with one f32x4.relaxed_madd: whether this engine has relaxed SIMD at all. */
const RELAXED_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123, 3, 2, 1, 0,
  7, 5, 1, 1, 102, 0, 0, 10, 13, 1, 11, 0, 32, 0, 32, 1, 32, 2, 253, 133, 2, 11]);

/** Whether relaxed_madd fuses on this CPU: -(1 + 2⁻¹¹) + (1 + 2⁻¹²)² in k order is 2⁻²⁴ fused and 0
 *  when the product is rounded first. */
function fuses(): boolean {
  torch.set_float32_matmul_precision('high');
  const a = torch.tensor([1, 1 + 2 ** -12]).expand([8, 2]);
  const b = torch.tensor([-(1 + 2 ** -11), 1 + 2 ** -12]).reshape([2, 1]).expand([2, 16]);
  const out = torch.mm(a, b).dataSync();
  torch.set_float32_matmul_precision('highest');
  expect(torch.mm(a, b).dataSync().every((v) => v === 0)).toBe(true);
  if (out.every((v) => v === 2 ** -24)) return true;
  expect(out.every((v) => v === 0)).toBe(true);
  return false;
}

/** A module's section ids in order, and its active data segments as [offset, length]. */
function sections(b: Uint8Array): { ids: number[]; data: [number, number][] } {
  let p = 8;
  const uleb = (): number => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      const x = b[p++];
      v += (x & 127) * 2 ** shift;
      if (!(x & 128)) return v;
    }
  };
  const ids: number[] = [];
  const data: [number, number][] = [];
  while (p < b.length) {
    const id = b[p++];
    const size = uleb();
    const next = p + size;
    ids.push(id);
    if (id === 11) {
      for (let n = uleb(); n > 0; n--) {
        expect(b[p++]).toBe(0); // active, memory 0
        expect(b[p++]).toBe(0x41); // i32.const offset
        let at = 0;
        for (let shift = 0; ; shift += 7) { // sleb128 (offsets here are positive and below 2^31)
          const x = b[p++];
          at += (x & 127) * 2 ** shift;
          if (!(x & 128)) break;
        }
        expect(b[p++]).toBe(0x0b); // end
        const len = uleb();
        data.push([at, len]);
        p += len;
      }
    }
    p = next;
  }
  return { ids, data };
}

const f = Math.fround;
/** c = a·b as the fused GEMM computes it: A M×K, B K×N row-major, in k order (or the dot path). */
type Data = ArrayLike<number>;
function model(A: Data, B: Data, M: number, N: number, Kd: number, dot: boolean, fused: boolean,
  C0?: Data): Float32Array {
  const madd = fused ? (a: number, b: number, c: number) => f(a * b + c) : (a: number, b: number, c: number) => f(c + f(a * b));
  const C = new Float32Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      if (dot) {
        const s = [0, 0, 0, 0];
        for (let k = 0; k < Kd; k++) s[k & 3] = madd(A[i * Kd + k], B[k * N + j], s[k & 3]);
        const d = f(f(s[0] + s[2]) + f(s[1] + s[3]));
        C[i * N + j] = C0 ? f(C0[i * N + j] + d) : d;
      } else {
        let c = C0 ? C0[i * N + j] : 0;
        for (let k = 0; k < Kd; k++) c = madd(A[i * Kd + k], B[k * N + j], c);
        C[i * N + j] = c;
      }
    }
  }
  return C;
}

function same(got: Data, want: Data): string | null {
  for (let i = 0; i < want.length; i++) {
    if (Object.is(got[i], want[i])) continue;
    return `element ${i}: got ${got[i]}, want ${want[i]}`;
  }
  return null;
}

afterEach(() => torch.set_float32_matmul_precision('highest'));

describe('set_float32_matmul_precision', () => {
  it('keeps PyTorch\'s settings, default, warning and error', () => {
    expect(torch.get_float32_matmul_precision()).toBe('highest');
    for (const p of ['high', 'medium', 'highest'] as const) {
      torch.set_float32_matmul_precision(p);
      expect(torch.get_float32_matmul_precision()).toBe(p);
    }
    torch.set_float32_matmul_precision('high');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    torch.set_float32_matmul_precision('HIGH');
    expect(warn).toHaveBeenCalledWith("UserWarning: HIGH is not one of 'highest', 'high', or 'medium'; the current " +
      'setFloat32MatmulPrecision call has no effect.');
    warn.mockRestore();
    expect(torch.get_float32_matmul_precision()).toBe('high');
    expect(() => torch.set_float32_matmul_precision(3 as unknown as string))
      .toThrow('set_float32_matmul_precision expects a str, but got number');
  });

  it('finds relaxed SIMD where the engine has it', () => {
    expect(torch.backends.wasm.relaxed_simd.is_available()).toBe(WebAssembly.validate(RELAXED_PROBE));
    expect(torch.backends.wasm.relaxed_simd.is_available()).toBe(true); // the flag above
  });
});

describe('the fused GEMM', () => {
  it('owns nothing of the core\'s memory: its constants lie below the core\'s data, no globals, no start', async () => {
    const { coreBytes, fusedBytes } = await import('../src/backend/unpack.js');
    const b = fusedBytes();
    const { ids, data } = sections(b);
    // type, import (the memory), function, export, data count, code, data; never global (6) or start (8)
    expect(ids.filter((id) => id !== 0)).toEqual([1, 2, 3, 7, 12, 10, 11]);
    const mod = new WebAssembly.Module(b as BufferSource);
    expect(WebAssembly.Module.imports(mod)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    expect(WebAssembly.Module.exports(mod).map((e) => e.name).sort()).toEqual(['_initialize', 'fused_data_end',
      'gelu_grad_f32', 'gemm_batched_f32', 'gemm_f32', 'gemm_sub_f32', 'group_norm_f32', 'layer_norm_backward_f32',
      'layer_norm_f32',
      'memory', 'mish_grad_f32', 'moments_reduce_f32', 'pow_flat_f32', 'softmax_backward_f32', 'softmax_f32', 'tanh_backward_f32',
      'transcendental_flat_f32']);
    // every segment between byte 16 and fused_data_end, which ends before the core's first segment
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    const end = (new WebAssembly.Instance(mod, { env: { memory } }).exports.fused_data_end as () => number)();
    const coreStart = Math.min(...sections(coreBytes()).data.map(([at]) => at));
    expect(Math.min(...data.map(([at]) => at))).toBeGreaterThanOrEqual(16);
    expect(Math.max(...data.map(([at, n]) => at + n))).toBeLessThanOrEqual(end);
    expect(end).toBeLessThanOrEqual(coreStart);
  });

  const FUSED = fuses();

  it('fuses on this CPU (x86-64 with FMA3, as every CI machine here)', () => {
    expect(FUSED).toBe(true);
  });

  // [M, N, K, transposed operands]: the packed 6×8 kernel with its row and column edges, B read in
  // place (M ≤ 16), short k (the strip kernel), the dot path (x·Wᵀ, few rows), both vector paths, K
  // past one block (256).
  const SHAPES: [number, number, number, string][] = [
    [64, 48, 40, ''], [13, 37, 33, ''], [30, 70, 300, ''], [8, 40, 20, ''], [50, 64, 16, ''], [31, 17, 7, 'a'],
    [20, 9, 45, 'b'], [4, 30, 50, 'b'], [1, 50, 70, ''], [40, 1, 70, ''], [25, 1, 9, 'ab'], [7, 65, 129, 'ab'],
  ];
  for (const [M, N, Kd, tr] of SHAPES) {
    it(`mm ${M}×${Kd} · ${Kd}×${N}${tr ? ` (transposed: ${tr})` : ''} is the k-order chain of fused multiply-adds`, () => {
      torch.manual_seed(M * 1000 + N * 10 + Kd);
      const a = tr.includes('a') ? torch.randn([Kd, M]).t() : torch.randn([M, Kd]);
      const b = tr.includes('b') ? torch.randn([N, Kd]).t() : torch.randn([Kd, N]);
      const A = a.contiguous().dataSync(), B = b.contiguous().dataSync();
      const exact = torch.mm(a, b).dataSync();
      torch.set_float32_matmul_precision('high');
      const got = torch.mm(a, b).dataSync();
      const dot = K.gemm_uses_dot(M, N, Kd, tr.includes('a') ? 1 : 0, tr.includes('b') ? 1 : 0) !== 0;
      expect(same(got, model(A, B, M, N, Kd, dot, FUSED))).toBeNull();
      expect(same(exact, model(A, B, M, N, Kd, dot, false))).toBeNull(); // and 'highest' is the unfused order
      torch.set_float32_matmul_precision('medium');
      expect(same(torch.mm(a, b).dataSync(), got)).toBeNull();
    });
  }

  it('linear (bias, then the product accumulated) and its gradients use it; conv2d does not', () => {
    torch.manual_seed(7);
    const lin = new torch.nn.Linear(50, 30);
    const x = torch.randn([20, 50]);
    const run = () => {
      lin.zero_grad();
      const y = lin.forward(x);
      y.pow(2).sum().backward();
      return [y.dataSync(), lin.weight.grad!.dataSync(), lin.bias!.grad!.dataSync()];
    };
    const exact = run();
    torch.set_float32_matmul_precision('high');
    const [y, gw] = run();
    const W = lin.weight.detach().t().contiguous().dataSync();
    expect(same(y, model(x.dataSync(), W, 20, 30, 50, K.gemm_uses_dot(20, 30, 50, 0, 1) !== 0, FUSED,
      lin.bias!.detach().expand([20, 30]).contiguous().dataSync()))).toBeNull();
    expect(same(y, exact[0])).not.toBeNull(); // fused differs somewhere in 600 sums of 50
    // dW = gᵀ·x with g = 2y: K = 20 rows, summed in order
    const G = torch.tensor(Array.from(y, (v) => 2 * v)).reshape([20, 30]);
    expect(same(gw, model(G.t().contiguous().dataSync(), x.dataSync(), 30, 50, 20, false, FUSED))).toBeNull();
    torch.manual_seed(8);
    const img = torch.randn([2, 3, 9, 9]), w = torch.randn([4, 3, 3, 3]);
    torch.set_float32_matmul_precision('highest');
    const c0 = torch.nn.functional.conv2d(img, w).dataSync();
    torch.set_float32_matmul_precision('high');
    expect(same(torch.nn.functional.conv2d(img, w).dataSync(), c0)).toBeNull();
  });

  it('bmm and batched matmul broadcasting use it', () => {
    torch.manual_seed(9);
    const a = torch.randn([3, 10, 12]), b = torch.randn([12, 7]);
    torch.set_float32_matmul_precision('high');
    const got = torch.matmul(a, b).dataSync();
    const B = b.dataSync();
    for (let i = 0; i < 3; i++) {
      const Ai = a.select(0, i).contiguous().dataSync();
      expect(same(got.subarray(i * 70, (i + 1) * 70), model(Ai, B, 10, 7, 12, false, FUSED))).toBeNull();
    }
  });

  describe('on 2 and 3 threads', () => {
    const saved = PARALLEL_MIN_MACS;
    beforeAll(() => {
      _setTesting({ adaptive: false, callerWorks: false });
      _setParallelMin(1, 16, 2);
    });
    afterAll(() => {
      _setTesting({ adaptive: true, callerWorks: true });
      _setParallelMin(saved);
      torch.set_num_threads(1);
    });

    it('gives the bits of one thread, the workers computing every chunk', async () => {
      torch.manual_seed(11);
      // ragged splits: a 1-column or 1-row last chunk takes the vector paths
      const cases: [Tensor, Tensor][] = [
        [torch.randn([37, 50]), torch.randn([50, 33])], [torch.randn([65, 40]), torch.randn([40, 17])],
        [torch.randn([6, 80]), torch.randn([30, 80]).t()], [torch.randn([4, 9, 20]), torch.randn([4, 20, 11])],
      ];
      torch.set_float32_matmul_precision('high');
      torch.set_num_threads(1);
      const one = cases.map(([a, b]) => torch.matmul(a, b).dataSync().slice());
      for (const n of [2, 3]) {
        torch.set_num_threads(n);
        expect(await torch.threads_ready()).toBe(n);
        const before = { chunks: stats.chunks, by: stats.by_workers };
        const many = cases.map(([a, b]) => torch.matmul(a, b).dataSync().slice());
        expect(stats.chunks - before.chunks).toBeGreaterThan(cases.length);
        expect(stats.by_workers - before.by).toBe(stats.chunks - before.chunks);
        for (let i = 0; i < cases.length; i++) expect(same(many[i], one[i])).toBeNull();
      }
    });
  });
});
