// PyTorch's "Introduction to PyTorch" video series (beginner_source/introyt/: introyt1, tensors_deeper, autogradyt,
// modelsyt, trainingyt) and the mistakes a beginner makes on the way, run in tocha (test/introyt-programs.ts) and
// compared with what PyTorch 1.13 prints for the same programs and seeds (test/fixtures/introyt.json, written by
// scripts/gen-introyt.py). test/tutorial-harness.ts says how records compare.
import { programs } from './introyt-programs.js';
import { comparePrograms } from './tutorial-harness.js';

comparePrograms('the Introduction to PyTorch series prints what PyTorch prints', 'introyt.json', programs);
