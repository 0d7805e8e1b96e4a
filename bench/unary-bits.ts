// Time of the elementwise ops given PyTorch's bits (test/unary-bits.test.ts) on 1M floats, one thread, on the core and
// on the relaxed build: a quick A/B between checkouts, not a test.
//   npx tsx bench/unary-bits.ts [op,op,...]
import v8 from 'node:v8';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');
const { _setFusedKernels } = await import('../src/backend/fma.js');
const { _setFlatParallelMin } = await import('../src/backend/flat.js');
_setFlatParallelMin(1 << 30, 1 << 30, 1 << 30); // one thread
const { unaryGrad } = await import('../src/ops/elementwise.js');
const { U } = await import('../src/backend/kernels.js');
const F = torch.nn.functional;
const OPS: Record<string, (x: import('../src/index.js').Tensor) => import('../src/index.js').Tensor> = {
  exp: torch.exp, erf: torch.erf, gelu: F.gelu, gelu_tanh: (x) => F.gelu(x, { approximate: 'tanh' }),
  // GELU's gradient kernel alone (GeluBackward0's), for g = x
  gelu_grad: (x) => unaryGrad(U.gelu, x, null, x), gelu_tanh_grad: (x) => unaryGrad(U.gelu_tanh, x, null, x),
  sin: torch.sin, cos: torch.cos, expm1: torch.expm1, elu: F.elu, log1p: torch.log1p, softplus: F.softplus,
  tan: torch.tan,
  // pow's three kernels (negative x gives NaN for x ** 2.5, at the same cost)
  pow2_5: (x) => torch.pow(x, 2.5), pow_t: (x) => torch.pow(x, x), rpow: (x) => torch.pow(2.5, x),
  // mish and its gradient kernel (MishBackward0's, g = x); logit of sigmoid(x) and its gradient; digamma's gradient
  mish: F.mish, mish_grad: (x) => unaryGrad(U.mish, x, null, x), logit: () => torch.logit(p),
  logit_grad: () => unaryGrad(U.logit, p, null, p, -1), digamma_grad: (x) => unaryGrad(U.digamma, x, null, x),
};
const names = process.argv[2]?.split(',') ?? Object.keys(OPS);
torch.manual_seed(0);
const x = torch.randn(1 << 20).mul(3).keep();
const p = torch.sigmoid(x).keep();
for (const name of names) {
  const row: string[] = [];
  for (const fused of [false, true]) {
    _setFusedKernels(fused);
    let best = Infinity;
    for (let r = 0; r < 7; r++) {
      const t = performance.now();
      torch.tidy(() => { OPS[name](x); });
      best = Math.min(best, performance.now() - t);
    }
    row.push(`${fused ? 'relaxed' : 'core'} ${best.toFixed(2)} ms`);
  }
  console.log(`${name}: ${row.join(', ')}`);
}
