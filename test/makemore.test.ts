// Andrej Karpathy's makemore lectures (Neural Networks: Zero to Hero, parts 1-5: bigrams, MLP, BatchNorm, manual
// backprop, WaveNet), run in tocha (test/makemore-programs.ts) and compared with what PyTorch 1.13 prints for the same
// programs and seeds (test/fixtures/makemore.json, written by scripts/gen-makemore.py). test/tutorial-harness.ts says
// how records compare.
import { programs } from './makemore-programs.js';
import { comparePrograms } from './tutorial-harness.js';

comparePrograms('the makemore lectures print what PyTorch prints', 'makemore.json', programs);
