// Two of PyTorch's text tutorials (text_sentiment_ngrams_tutorial.py and chatbot_tutorial.py), run in tocha
// (test/textcls-programs.ts) and compared with what PyTorch 1.13 prints for the same programs and seeds
// (test/fixtures/textcls.json, written by scripts/gen-textcls.py). test/tutorial-harness.ts says how records compare.
import { programs } from './textcls-programs.js';
import { comparePrograms } from './tutorial-harness.js';

comparePrograms('the text classification and chatbot tutorials print what PyTorch prints', 'textcls.json', programs);
