import * as torch from '../src/index.js';
const F = torch.nn.functional;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const h = torch.randn(64, 32, 26, 26).keep();
const w = torch.randn(64, 32, 3, 3).keep();
const A = torch.randn(64, 288).keep(), B = torch.randn(288, 576).keep();
const Gm = torch.randn(64, 576).keep();
const G = torch.randn(64, 64, 24, 24).keep();
const hg = torch.randn(64, 32, 26, 26, { requires_grad: true }).keep();
const wg = torch.randn(64, 32, 3, 3, { requires_grad: true }).keep();
const fns: Record<string, () => void> = {
  conv: () => { F.conv2d(h, w); },
  unfold: () => { F.unfold(h, 3); },
  mmloop: () => { for (let i = 0; i < 64; i++) A.mm(B); },
  mmNT: () => { for (let i = 0; i < 64; i++) Gm.mm(B.t()); },
  mmTN: () => { for (let i = 0; i < 64; i++) A.t().mm(Gm); },
  bwd: () => { F.conv2d(hg, wg).backward(G); hg.grad = null; wg.grad = null; },
};
const t: Record<string, number[]> = {};
for (let r = 0; r < 6; r++) for (const [k, f] of Object.entries(fns)) { const a = cpu(); torch.tidy(f); (t[k] ??= []).push(cpu() - a); }
const fl = 2 * 64 * 64 * 576 * 288;
for (const [k, v] of Object.entries(t)) { const m = v.slice(1).sort((a, b) => a - b)[2]; console.log(k.padEnd(8), m.toFixed(1), 'ms', (fl / m / 1e6).toFixed(1), 'GFLOP/s-equiv'); }
