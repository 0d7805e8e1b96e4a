// The "GPT from scratch" programs (Karpathy's "Let's build GPT" notebook, bigram.py and gpt.py, nanoGPT's model.py with
// train.py and sample.py, minGPT with its sort demo) on an inline text, run in tocha (test/gpt-programs.ts) and compared
// with what PyTorch 1.13 prints for the same programs and seeds (test/fixtures/gpt.json, written by scripts/gen-gpt.py).
// test/tutorial-harness.ts says how records compare.
import { programs } from './gpt-programs.js';
import { comparePrograms } from './tutorial-harness.js';

comparePrograms('the GPT-from-scratch programs print what PyTorch prints', 'gpt.json', programs);
