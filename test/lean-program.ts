// A tutorial-style training run (test/lean.test.ts): the same program through tocha's default entry and through
// tocha/lean, each in a process of its own (test/lean-run.ts), must print the same. It uses what an app of the lean
// entry uses: Linear, relu, sigmoid, MSELoss and SGD; Embedding, cross_entropy and Adam; a DataLoader; printing; a small
// CNN (Conv2d, BatchNorm2d, max and average pooling, LayerNorm, Dropout, GELU) with AdamW.
import type * as Torch from '../src/lean.js';
import type * as Functional from '../src/nn/F.js';
import type * as Data from '../src/data/index.js';

export function program(torch: typeof Torch, F: typeof Functional, data: typeof Data): string[] {
  const out: string[] = [];
  const { nn, optim } = torch;
  torch.manual_seed(0);

  // features -> ReLU hidden layer -> sigmoid outputs, MSE loss, SGD with momentum
  class Net extends nn.Module {
    fc1 = new nn.Linear(4, 8);
    fc2 = new nn.Linear(8, 2);
    override forward(x: Torch.Tensor): Torch.Tensor {
      return torch.sigmoid(this.fc2(F.relu(this.fc1(x))));
    }
  }
  const net = new Net();
  out.push(String(net));
  const x = torch.randn(16, 4);
  const y = x.sum(1, true).gt(0).float().expand(16, 2).contiguous();
  const sgd = new optim.SGD(net.parameters(), { lr: 0.5, momentum: 0.9 });
  const mse = new nn.MSELoss();
  const loader = new data.DataLoader(new data.TensorDataset(x, y), { batch_size: 4, shuffle: true });
  for (let epoch = 0; epoch < 3; epoch++) {
    for (const [xb, yb] of loader) {
      sgd.zero_grad();
      const loss = mse(net(xb), yb);
      loss.backward();
      sgd.step();
      out.push(String(loss.item()));
    }
  }
  out.push(String(net.fc1.weight), String(net(x)));

  // word indices -> embeddings -> tanh -> linear -> cross_entropy, Adam
  const emb = new nn.Embedding(10, 5);
  const head = new nn.Linear(5, 3);
  const adam = new optim.Adam([...emb.parameters(), ...head.parameters()], { lr: 0.05 });
  const words = torch.tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9], [0, 2, 4]]);
  const labels = torch.tensor([0, 1, 2, 1]);
  for (let step = 0; step < 10; step++) {
    adam.zero_grad();
    const logits = head(torch.tanh(emb(words)).mean(1));
    const loss = F.cross_entropy(logits, labels);
    loss.backward();
    adam.step();
    out.push(String(loss.item()));
  }
  const logits = head(torch.tanh(emb(words)).mean(1));
  out.push(String(torch.softmax(logits, -1)), String(logits.argmax(1)), JSON.stringify(emb.weight.tolist()));

  // 1x8x8 images -> conv, batch norm, relu, max pool -> conv, average pool -> layer norm, GELU, dropout -> linear
  const cnn = new nn.Sequential(
    new nn.Conv2d(1, 4, 3, { padding: 1 }), new nn.BatchNorm2d(4), new nn.ReLU(), new nn.MaxPool2d(2),
    new nn.Conv2d(4, 6, 3), new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.LayerNorm(6), new nn.GELU(),
    new nn.Dropout(0.25), new nn.Linear(6, 3));
  out.push(String(cnn));
  const images = torch.randn(6, 1, 8, 8);
  const classes = torch.tensor([0, 1, 2, 0, 1, 2]);
  const adamw = new optim.AdamW(cnn.parameters(), { lr: 0.01 });
  for (let step = 0; step < 5; step++) {
    adamw.zero_grad();
    const loss = F.cross_entropy(cnn(images), classes);
    loss.backward();
    adamw.step();
    out.push(String(loss.item()));
  }
  cnn.eval();
  out.push(String(torch.no_grad(() => cnn(images))), String(F.avg_pool2d(images, 2).sum()));
  return out;
}
