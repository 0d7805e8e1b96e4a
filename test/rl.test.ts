// PyTorch's reinforcement-learning programs (pytorch/examples' REINFORCE and actor-critic, pytorch/tutorials' DQN)
// on an inline CartPole-v1, run in tocha (test/rl-programs.ts) and compared with what PyTorch 1.13 prints for the
// same programs and seeds (test/fixtures/rl.json, written by scripts/gen-rl.py). test/tutorial-harness.ts says how
// records compare.
import { programs } from './rl-programs.js';
import { comparePrograms } from './tutorial-harness.js';

comparePrograms('the reinforcement-learning programs print what PyTorch prints', 'rl.json', programs);
