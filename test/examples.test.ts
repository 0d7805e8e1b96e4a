// Programs of the pytorch/examples repository (as of PyTorch 1.13: mnist, vae, time_sequence_prediction,
// super_resolution, regression, word_language_model) and the mistakes their users make, run in tocha
// (test/examples-programs.ts) and compared with what PyTorch 1.13 prints for the same programs and seeds
// (test/fixtures/examples.json, written by scripts/gen-examples.py). test/tutorial-harness.ts says how records compare.
import { programs } from './examples-programs.js';
import { comparePrograms } from './tutorial-harness.js';

comparePrograms('the pytorch/examples programs print what PyTorch prints', 'examples.json', programs);
