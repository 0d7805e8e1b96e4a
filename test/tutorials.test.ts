// PyTorch's beginner tutorials (basics/*, blitz/*, nn_tutorial, examples_autograd, examples_nn and nlp/*) and the
// mistakes beginners make on the way, run in tocha (test/tutorials-programs.ts) and compared with what
// PyTorch 1.13 prints for the same programs and seeds (test/fixtures/tutorials.json, written by
// scripts/gen-tutorials.py). test/tutorial-harness.ts says how records compare.
import { programs } from './tutorials-programs.js';
import { comparePrograms } from './tutorial-harness.js';

comparePrograms('the beginner tutorials print what PyTorch prints', 'tutorials.json', programs);
