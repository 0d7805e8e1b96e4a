// The files tocha writes for scripts/gen-save-load.py to load in PyTorch (and for test/save-load.test.ts to
// compare with the sha256 PyTorch verified): models built from a seed, the tensors of tensors.pt built in
// tocha, every fixture loaded and saved again, and a checkpoint after one more Adam step than checkpoint.pt.
//
//   npx tsx scripts/save-load-tocha.ts OUTDIR
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';

const { nn, optim } = torch;
const FIXTURES = new URL('../test/fixtures/save-load/', import.meta.url);
export const fixture = (name: string): Uint8Array => readFileSync(new URL(name, FIXTURES));

/** The tutorial's MLP (examples/tutorial.ts), as gen-save-load.py defines it. */
export class MyMLP extends nn.Module {
  emb_layer: torch.nn.Embedding;
  hidden_layer: torch.nn.Linear;
  out_layer: torch.nn.Linear;
  dropout_hidden = new nn.Dropout(0.5);
  constructor(vocab: number, emb: number, hidden: number, classes: number) {
    super();
    this.emb_layer = new nn.Embedding(vocab, emb);
    this.hidden_layer = new nn.Linear(emb, hidden);
    this.out_layer = new nn.Linear(hidden, classes);
  }
}

export class Misc extends nn.Module {
  layers = new nn.Sequential(...Array.from({ length: 11 }, () => new nn.Linear(2, 2)));
  plist = new nn.ParameterList([0, 1].map(() => new nn.Parameter(torch.randn(2))));
  norm = new nn.LayerNorm(2);
  emb = new nn.Embedding(3, 2);
  bn: torch.nn.BatchNorm1d;
  constructor() {
    super();
    this.register_buffer('scale', torch.tensor([1.5, 2.0], { dtype: torch.float32 }));
    this.register_buffer('tmp', torch.zeros(1), false);
    this.bn = new nn.BatchNorm1d(2);
  }
}

export class Net extends nn.Module {
  in_layer = new nn.Linear(4, 8);
  out_layer = new nn.Linear(8, 3);
  override forward(x: Tensor): Tensor {
    return this.out_layer(torch.relu(this.in_layer(x)));
  }
}

export const batchnormModel = () =>
  new nn.Sequential(new nn.Linear(3, 4), new nn.BatchNorm1d(4), new nn.ReLU(), new nn.Linear(4, 2));

/** What gen-save-load.py saves as tensors.pt, built in tocha: views of one storage, dtypes, 0-d, empty,
 *  Parameters, a tensor that requires grad, Python values (a frozen array is a tuple). */
export function tensorsObject(): Record<string, unknown> {
  const x = torch.arange(12, { dtype: torch.float32 }).reshape([3, 4]);
  return {
    x, xt: x.t(), row: x.select(0, 1), col: x.index(null, 2), same: x, mask: x.gt(5),
    idx: torch.tensor([-3, 0, 2147483647]), s: torch.tensor(2.5), si: torch.tensor(-7), e: torch.zeros(0, 3),
    p: new nn.Parameter(torch.tensor([0.5, -1.5])), frozen: new nn.Parameter(torch.ones(1), false),
    rg: torch.tensor([3], { dtype: torch.float32, requires_grad: true }),
    n: {
      int: 7, float: 0.5, str: 'hé ✓', none: null, t: true, f: false, list: [1, 2.5, 'a'],
      tuple: Object.freeze([1, Object.freeze([2, 3]), []]), big: 2 ** 40, neg: [-1, -129, -(2 ** 31), -(2 ** 31) - 1, -(2 ** 40)],
      floats: [-0, Infinity, NaN, 1e-300, 1e300],
    },
    dtype: torch.int64, size: torch.zeros(2, 3).shape,
  };
}

/** gen-save-load.py's `lazy`: lazy modules before their first forward. */
export const lazyModel = () => new nn.Sequential(new nn.LazyLinear(3), new nn.ReLU(), new nn.LazyBatchNorm1d());

/** One Adam step on the checkpoint's data (gen-save-load.py's `step`). */
export function adamStep(net: Net, opt: torch.optim.Adam, x: Tensor, y: Tensor): number {
  opt.zero_grad();
  const loss = new nn.CrossEntropyLoss()(net(x), y);
  loss.backward();
  opt.step();
  return Number(loss.item());
}

/** Every file tocha writes, by name. */
export function tochaFiles(): Record<string, Uint8Array> {
  const J = JSON.parse(readFileSync(new URL('save-load.json', new URL('..', FIXTURES)), 'utf8'));
  const out: Record<string, Uint8Array> = {};
  // torch.save names the archive's folder after the file: save through a file of the same name
  const dir = mkdtempSync(join(tmpdir(), 'tocha-save-'));
  const named = (name: string, obj: unknown) => {
    torch.save(obj, join(dir, name));
    return readFileSync(join(dir, name));
  };
  torch.manual_seed(0);
  out['tutorial.pt'] = named('tutorial.pt', new MyMLP(20, 8, 8, 2).state_dict());
  torch.manual_seed(2);
  out['misc.pt'] = named('misc.pt', new Misc().state_dict());
  out['tensors.pt'] = named('tensors.pt', tensorsObject());
  out['lazy.pt'] = named('lazy.pt', lazyModel().state_dict());
  for (const name of ['tutorial.pt', 'batchnorm.pt', 'misc.pt', 'tensors.pt', 'containers.pt', 'lazy.pt']) {
    out[`resaved/${name}`] = named(name, torch.load(fixture(name)));
  }
  const ck = torch.load(fixture('checkpoint.pt'));
  const net = new Net();
  net.load_state_dict(ck.model_state_dict);
  const opt = new optim.Adam(net.parameters(), { lr: 0.01 });
  opt.load_state_dict(ck.optimizer_state_dict);
  const x = torch.tensor(new Float32Array(new Int32Array(J.checkpoint.x.bits).buffer)).reshape(J.checkpoint.x.shape);
  const y = torch.tensor(J.checkpoint.y.data);
  const loss = adamStep(net, opt, x, y);
  out['checkpoint.pt'] = named('checkpoint.pt', {
    epoch: ck.epoch + 1, model_state_dict: net.state_dict(), optimizer_state_dict: opt.state_dict(), loss,
  });
  rmSync(dir, { recursive: true });
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: npx tsx scripts/save-load-tocha.ts OUTDIR');
  for (const [name, bytes] of Object.entries(tochaFiles())) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
}
