import * as torch from '../src/index.js';
torch.manual_seed(0);
const bn = new torch.nn.BatchNorm2d(3);
const x = torch.randn(4, 3, 5, 5, { requires_grad: true });
const g = torch.randn(4, 3, 5, 5);
const y = bn(x);
console.log(y.grad_fn?.name(), y.grad_fn?.next_functions.map((e: any) => e[0]?.name()));
y.backward(g);
console.log(x.grad!.flatten().index(torch.slice(0, 4)).tolist(), bn.weight.grad!.tolist(), bn.bias.grad!.tolist());
console.log(bn.running_mean!.tolist(), bn.running_var!.tolist());
// double backward
const x2 = torch.randn(4, 3, { requires_grad: true });
const bn1 = new torch.nn.BatchNorm1d(3);
const [gx] = torch.autograd.grad(bn1(x2).pow(2).sum(), x2, { create_graph: true });
const [gg] = torch.autograd.grad(gx!.pow(2).sum(), x2);
console.log(gx!.flatten().tolist().slice(0, 4), gg!.flatten().tolist().slice(0, 4));
bn.eval();
const x3 = torch.randn(2, 3, 2, 2, { requires_grad: true });
const y3 = bn(x3); y3.sum().backward(); console.log(x3.grad!.flatten().tolist().slice(0, 3), bn.weight.grad!.tolist());
const before = torch.memory_stats().live_tensors;
for (let i = 0; i < 5; i++) { bn.train(); bn.zero_grad(); bn(x).backward(g); }
console.log('live delta', torch.memory_stats().live_tensors - before);
