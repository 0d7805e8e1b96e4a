import * as torch from '../src/index.js';
const F = torch.nn.functional;
const th = torch.tensor([[[0.8, -0.3, 0.1], [0.2, 1.1, -0.2]]]);
const g = F.affine_grid(th, [1, 1, 3, 4]);
console.log(String(g));
const img = torch.arange(12).float().reshape(1, 1, 3, 4);
console.log(String(F.grid_sample(img, g)));
