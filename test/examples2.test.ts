// More programs of pytorch/examples and pytorch/tutorials (siamese_network, mnist_forward_forward, mnist_rnn, gcn,
// knowledge distillation, fast_neural_style, imagenet's training step) run in tocha (test/examples2-programs.ts) and
// compared with what PyTorch 1.13 prints for the same programs and seeds (test/fixtures/examples2.json, written by
// scripts/gen-examples2.py). test/tutorial-harness.ts says how records compare.
import { programs } from './examples2-programs.js';
import { comparePrograms } from './tutorial-harness.js';

comparePrograms('more pytorch/examples and tutorials programs print what PyTorch prints', 'examples2.json', programs);
