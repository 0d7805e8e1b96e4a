// The PyTorch code of "Dive into Deep Learning" (d2l.ai: linear and softmax regression, MLPs, weight decay, dropout,
// the builders' guide, the CNN and RNN chapters) run in tocha (test/d2l-programs.ts) and compared with what PyTorch
// 1.13 prints for the same programs and seeds (test/fixtures/d2l.json, written by scripts/gen-d2l.py).
// test/tutorial-harness.ts says how records compare.
import { programs } from './d2l-programs.js';
import { comparePrograms } from './tutorial-harness.js';

comparePrograms('the d2l.ai programs print what PyTorch prints', 'd2l.json', programs);
