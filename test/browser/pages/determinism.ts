// The same seeded training in Node and in the page: the tutorial's Net, 50 SGD steps over a
// shuffled DataLoader with a seeded generator. Returns the SHA-256 of every parameter's bytes.
import * as torch from '../../../src/index.js';
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

export interface Hashes { params: Record<string, string>; all: string; losses: number[] }

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
  return { params, all: hex(await crypto.subtle.digest('SHA-256', joined)), losses };
}
