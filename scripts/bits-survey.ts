// Prints, for each op of scripts/bits-survey.py, how many of its 1003 outputs and input gradients differ from PyTorch's
// bits (NaN payloads aside). Run scripts/bits-survey.py first:
//   /usr/bin/python3 scripts/bits-survey.py && npx tsx scripts/bits-survey.ts [file]
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const torch = await import('../src/index.js');
const F = torch.nn.functional;
const d = JSON.parse(readFileSync(process.argv[2] ?? '/tmp/tocha-bits-survey.json', 'utf8'));
torch.manual_seed(5); const x = torch.randn(1003).mul(3);
torch.manual_seed(6); const g = torch.randn(1003);
const bits = (t: any) => { const a = new Float32Array((t.flatten().tolist() as number[])); return Array.from(new Uint32Array(a.buffer)).map((v) => v.toString(16).padStart(8, '0')); };
const FNS: Record<string, (x: any) => any> = {
 relu: F.relu, relu6: F.relu6, leaky_relu: (x) => F.leaky_relu(x, 0.1), hardtanh: F.hardtanh,
 softplus: F.softplus, softplus_b2: (x) => F.softplus(x, 2.0, 5.0), logsigmoid: F.logsigmoid, mish: F.mish,
 hardswish: F.hardswish, hardsigmoid: F.hardsigmoid, softsign: F.softsign, tanhshrink: F.tanhshrink,
 softshrink: F.softshrink, hardshrink: F.hardshrink, gelu_tanh: (x) => F.gelu(x, { approximate: 'tanh' }),
 gelu: F.gelu, silu: F.silu, sigmoid: torch.sigmoid, tanh: torch.tanh, elu: F.elu,
 sin: torch.sin, cos: torch.cos, tan: torch.tan, log1p: torch.log1p, log2: torch.log2, log10: torch.log10,
 exp2: torch.exp2, sqrt: torch.sqrt, rsqrt: torch.rsqrt, reciprocal: torch.reciprocal, atan: torch.atan,
 asinh: torch.asinh, sinh: torch.sinh, cosh: torch.cosh, erfc: torch.erfc, erfinv: (x) => torch.erfinv(x.div(10)),
 'pow2.5': (x) => torch.pow(x.abs(), 2.5), pow_t: (x) => torch.pow(x.abs(), x.div(3)), logit: (x) => torch.logit(torch.sigmoid(x)),
 lgamma: torch.lgamma, digamma: torch.digamma, softmax: (x) => torch.softmax(x.view(17, 59), 1), log_softmax: (x) => torch.log_softmax(x.view(17, 59), 1),
 abs: torch.abs, square: torch.square, asin: (x) => torch.asin(x.div(10)), acos: (x) => torch.acos(x.div(10)),
 atanh: (x) => torch.atanh(x.div(10)), acosh: (x) => torch.acosh(x.abs().add(1)), expm1: torch.expm1, log: (x) => torch.log(x.abs()),
};
const rows: string[] = [];
for (const [k, f] of Object.entries(FNS)) {
  const xr = x.clone().requires_grad_();
  let y: any;
  try { y = f(xr); } catch (e) { rows.push(`${k}: ERROR ${e}`); continue; }
  const cmp = (a: string[], b: string[] | null) => b === null ? '-' : String(a.filter((v, i) => v !== b[i] && !((parseInt(v, 16) & 0x7fffffff) > 0x7f800000 && (parseInt(b[i], 16) & 0x7fffffff) > 0x7f800000)).length);
  const fy = cmp(bits(y.detach()), d[k].y);
  let fg = '-';
  try { y.backward(g.view(y.shape)); fg = cmp(bits(xr.grad), d[k].grad); } catch (e) { fg = 'ERR'; }
  rows.push(`${k.padEnd(12)} y ${fy.padStart(5)}  grad ${fg.padStart(5)}`);
}
console.log(rows.join('\n'));
