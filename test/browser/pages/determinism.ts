// The same seeded training in Node and in the page: the tutorial's Net, 50 SGD steps over a
// shuffled DataLoader with a seeded generator. Returns the SHA-256 of every parameter's bytes.
import * as torch from '../../../src/index.js';
import { fusedKernels } from '../../../src/backend/fma.js';
const { nn, optim } = torch;
const { DataLoader } = torch.utils.data;

class Net extends nn.Module {
  in_layer: torch.nn.Linear;
  out_layer: torch.nn.Linear;
  constructor(features: number, hidden: number, classes: number) {
    super();
    this.in_layer = new nn.Linear(features, hidden);
    this.out_layer = new nn.Linear(hidden, classes);
  }
  override forward(x: torch.Tensor): torch.Tensor {
    return torch.sigmoid(this.out_layer.forward(torch.relu(this.in_layer.forward(x))));
  }
}

const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');

export interface Hashes {
  params: Record<string, string>; all: string; losses: number[];
  /** SHA-256 of exp, log, tanh, sigmoid, SiLU, softmax and log_softmax of 100,000 seeded floats, and whether they ran
   *  on the relaxed build (fused multiply-adds: Chromium has relaxed SIMD; Node 20 does not without a flag). */
  unary: Record<string, string>; fused: boolean;
}

export async function run(steps = 50): Promise<Hashes> {
  torch.manual_seed(1);
  const patterns = torch.randn(10, 64 * 64);
  const dataset: [torch.Tensor, number][] = [];
  for (let i = 0; i < 160; i++) dataset.push([patterns.select(0, i % 10).add(torch.randn(64 * 64).mul(4)).keep(), i % 10]);
  const net = new Net(64 * 64, 120, 10);
  const opt = new optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 });
  const criterion = new nn.MSELoss();
  const loader = new DataLoader(dataset, { batch_size: 16, shuffle: true, generator: new torch.Generator().manual_seed(42) });
  const losses: number[] = [];
  for (let step = 0; step < steps;) {
    for (const [x, y] of loader) {
      opt.zero_grad();
      const loss = criterion.forward(net.forward(x as torch.Tensor), nn.functional.one_hot(y as torch.Tensor, 10).float());
      loss.backward();
      opt.step();
      losses.push(Number(loss.item()));
      if (++step === steps) break;
    }
  }
  const params: Record<string, string> = {};
  const bytes: Uint8Array[] = [];
  for (const [name, p] of net.named_parameters()) {
    const b = new Uint8Array(new Float32Array(p.dataSync()).buffer);
    bytes.push(b);
    params[name] = hex(await crypto.subtle.digest('SHA-256', b));
  }
  const joined = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  bytes.reduce((o, b) => (joined.set(b, o), o + b.length), 0);
  torch.manual_seed(7);
  const x = torch.randn(100_000).mul(6);
  const ops: Record<string, (t: torch.Tensor) => torch.Tensor> = {
    exp: torch.exp, log: (t) => torch.log(t.abs()), tanh: torch.tanh, sigmoid: torch.sigmoid, silu: torch.nn.functional.silu,
    softmax: (t) => torch.softmax(t.reshape([1000, 100]), 1), log_softmax: (t) => torch.log_softmax(t.reshape([1000, 100]), 0),
  };
  const unary: Record<string, string> = {};
  for (const [name, f] of Object.entries(ops)) {
    unary[name] = hex(await crypto.subtle.digest('SHA-256', new Uint8Array(new Float32Array(f(x).dataSync()).buffer)));
  }
  return { params, all: hex(await crypto.subtle.digest('SHA-256', joined)), losses, unary, fused: fusedKernels() !== null };
}
