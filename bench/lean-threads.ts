// npx tsx bench/lean-threads.ts [rounds]: a CNN training step (Conv2d(3,16,3) → ReLU → MaxPool2d(2) → Conv2d(16,32,3)
// → AdaptiveAvgPool2d(1) → Linear(32,10), cross-entropy, SGD, batch 32 of 32×32 images) through tocha/lean with its
// math and nn parts and its thread pool ('tocha/lean/threads') and through tocha, on 1 thread and on 2, and through
// tocha/lean without the pool (`bare`: 1 thread), each in a process of its own (an entry must be a process's first
// import), alternated `rounds` times; steps/s, the best sample of each configuration (the host's other load only ever
// slows a sample). `--child lean|bare|full <threads>` is one such process: it prints its samples' steps/s as JSON.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (process.argv[2] === '--child') {
  const threads = Number(process.argv[4]);
  const [torch, F] = (process.argv[3] === 'full'
    ? [await import('../src/index.js'), await import('../src/entries/nn-functional.js')]
    : [await import('../src/lean.js'), await import('../src/entries/lean-nn-functional.js'),
      await import('../src/entries/lean-kernels-math.js'), await import('../src/entries/lean-kernels-nn.js')]
  ) as unknown as [typeof import('../src/lean.js'), typeof import('../src/nn/F.js')];
  if (process.argv[3] === 'lean') await import('../src/entries/lean-threads.js');
  const { nn, optim } = torch;
  torch.manual_seed(0);
  const net = new nn.Sequential(new nn.Conv2d(3, 16, 3), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Conv2d(16, 32, 3),
    new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(32, 10));
  const opt = new optim.SGD(net.parameters(), { lr: 0.01, momentum: 0.9 });
  const x = torch.randn(32, 3, 32, 32);
  const y = torch.randint(0, 10, [32]);
  const step = () => {
    opt.zero_grad();
    const loss = F.cross_entropy(net(x), y);
    loss.backward();
    opt.step();
    loss.item();
  };
  torch.set_num_threads(threads);
  for (let i = 0; i < 5; i++) step(); // (the parts load, and the workers get them)
  await torch.threads_ready();
  const samples: number[] = [];
  for (let s = 0; s < 5; s++) {
    let n = 0;
    const t = performance.now();
    while (performance.now() - t < 1000) {
      step();
      n++;
    }
    samples.push(n / ((performance.now() - t) / 1000));
  }
  console.log(JSON.stringify(samples));
  process.exit(0);
}

const rounds = Number(process.argv[2] ?? 3);
const script = fileURLToPath(import.meta.url);
const best: Record<string, number> = {};
for (let r = 0; r < rounds; r++) {
  for (const [entry, threads] of [['lean', 1], ['lean', 2], ['bare', 1], ['full', 1], ['full', 2]] as const) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, '--child', entry, String(threads)], { encoding: 'utf8' });
    best[entry + threads] = Math.max(best[entry + threads] ?? 0, ...(JSON.parse(out) as number[]));
  }
}
for (const entry of ['lean', 'full']) {
  console.log(`${entry === 'lean' ? 'tocha/lean' : 'tocha     '} CNN step, batch 32: 1 thread ${best[entry + 1].toFixed(1)} ` +
    `steps/s, 2 threads ${best[entry + 2].toFixed(1)} steps/s, ×${(best[entry + 2] / best[entry + 1]).toFixed(2)}`);
}
console.log(`tocha/lean without 'tocha/lean/threads': 1 thread ${best.bare1.toFixed(1)} steps/s`);
