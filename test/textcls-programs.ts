// Two of PyTorch's text tutorials (text_sentiment_ngrams_tutorial.py, the EmbeddingBag news classifier, and
// chatbot_tutorial.py, the Luong-attention seq2seq chatbot) written against tocha the way a user translating them
// would write them, with the same inline corpora and seeds as scripts/gen-textcls.py (which records what PyTorch
// 1.13 prints for each). test/textcls.test.ts compares. Where the translation has to differ from the Python for a
// reason of language (no operator overloading, no `with`, Python's own printing of lists, floats and tuples), the
// line says so.
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { e, n, p, program, pyfloat, tuple, type Rec } from './tutorial-harness.js';

const { nn, optim } = torch;
const F = nn.functional;
const { DataLoader, random_split } = torch.utils.data;

const item = (t: Tensor) => Number(t.item());

// -------------------------------------------------------------------------------------------------
// text_sentiment_ngrams_tutorial.py: an inline corpus for AG_NEWS, torchtext's basic_english tokenizer written
// out, a vocabulary built here in torchtext's order (specials, then by frequency, ties alphabetically), the
// same in both languages; emsize 32, batches of 4, 6 epochs, a log line every 2 batches
type News = readonly [number, string];
const AG_NEWS_TRAIN: News[] = [
  [1, 'Leaders meet in Geneva to talk about the peace plan for the region.'],
  [1, 'The president visits troops abroad as the war enters its third year.'],
  [1, 'Rebels and the army agree to a ceasefire after talks in the capital.'],
  [1, 'Elections in the country are delayed as protests spread to the south.'],
  [1, 'The prime minister calls for calm after the vote on the new government.'],
  [1, 'Diplomats warn of a crisis as the border talks fail again.'],
  [1, 'The UN sends aid to the region after the earthquake.'],
  [1, 'Minister resigns as the government faces a vote of no confidence.'],
  [2, 'The home team wins the cup final with a late goal.'],
  [2, 'Star striker scores twice as the club beats its rivals.'],
  [2, 'The coach praises his players after the season opener.'],
  [2, 'Tennis champion reaches the final after a long match.'],
  [2, 'The golfer leads by three strokes after the first round.'],
  [2, 'Olympic team wins gold in the relay as fans cheer.'],
  [2, 'The league suspends the player for two games after the fight.'],
  [2, 'Veteran pitcher throws a shutout as the team clinches the title.'],
  [3, 'Oil prices rise as markets worry about supply.'],
  [3, 'The bank raises interest rates to fight inflation.'],
  [3, 'Shares fall after the company reports lower profits.'],
  [3, 'The retailer posts record sales in the holiday quarter.'],
  [3, 'Investors buy stocks as the dollar gains against the euro.'],
  [3, 'The airline cuts jobs to reduce costs as fuel prices climb.'],
  [3, 'Profits at the carmaker beat forecasts as sales grow.'],
  [3, 'The merger creates the largest bank in the market.'],
  [4, 'Scientists find water on a distant planet with a new telescope.'],
  [4, 'The software company releases a new version of its browser.'],
  [4, 'Researchers build a faster chip for mobile phones.'],
  [4, 'A new space probe sends pictures of the moon.'],
  [4, 'Hackers attack the network of the software maker.'],
  [4, 'The internet search company unveils a new email service.'],
  [4, 'Scientists map the genome of the rice plant.'],
  [4, 'The computer maker launches a laptop with a longer battery life.'],
].map(([l, t]) => tuple(l, t) as unknown as News);
const AG_NEWS_TEST: News[] = [
  [1, 'Talks on the peace plan resume as leaders meet in the capital.'],
  [2, 'The team wins the final as the striker scores a late goal.'],
  [3, 'Shares rise as the bank reports record profits.'],
  [4, 'The software maker releases a new chip for the computer.'],
  [1, 'Protests spread after the vote on the government.'],
  [2, 'The champion leads after the first round of the match.'],
  [3, 'Oil prices fall as investors worry about the market.'],
  [4, 'Scientists send a new probe to the planet.'],
].map(([l, t]) => tuple(l, t) as unknown as News);

// torchtext.data.utils._basic_english_normalize
const _patterns = [/'/g, /"/g, /\./g, /<br \/>/g, /,/g, /\(/g, /\)/g, /!/g, /\?/g, /;/g, /:/g, /\s+/g];
const _replacements = [" '  ", '', ' . ', ' ', ' , ', ' ( ', ' ) ', ' ! ', ' ? ', ' ', ' ', ' '];
/** get_tokenizer("basic_english") */
function tokenizer(line: string): string[] {
  line = line.toLowerCase();
  _patterns.forEach((re, i) => { line = line.replace(re, _replacements[i]); });
  return line.split(/\s+/).filter((t) => t !== '');   // Python's str.split()
}

/** torchtext.vocab.build_vocab_from_iterator(..., specials=["<unk>"]), set_default_index */
class Vocab {
  itos: string[];
  stoi: Map<string, number>;
  default_index: number | null = null;
  constructor(iterator: Iterable<string[]>, specials: string[]) {
    const counter = new Map<string, number>();
    for (const tokens of iterator) for (const t of tokens) counter.set(t, (counter.get(t) ?? 0) + 1);
    // Python sorts strings by code point; JS's < compares UTF-16 units, the same for these tokens
    const ordered = [...counter].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.itos = [...specials, ...ordered.map(([t]) => t).filter((t) => !specials.includes(t))];
    this.stoi = new Map(this.itos.map((t, i) => [t, i]));
  }
  set_default_index(index: number): void {
    this.default_index = index;
  }
  get(token: string): number {   // vocab[token]
    return this.stoi.get(token) ?? this.default_index!;
  }
  call(tokens: string[]): number[] {   // vocab(tokens)
    return tokens.map((t) => this.get(t));
  }
  get length(): number {
    return this.itos.length;
  }
}

class TextClassificationModel extends nn.Module {
  embedding: torch.nn.EmbeddingBag;
  fc: torch.nn.Linear;
  constructor(vocab_size: number, embed_dim: number, num_class: number) {
    super();
    this.embedding = new nn.EmbeddingBag(vocab_size, embed_dim, { sparse: false });
    this.fc = new nn.Linear(embed_dim, num_class);
    this.init_weights();
  }
  init_weights(): void {
    const initrange = 0.5;
    this.embedding.weight.data.uniform_(-initrange, initrange);
    this.fc.weight.data.uniform_(-initrange, initrange);
    this.fc.bias!.data.zero_();
  }
  override forward(text: Tensor, offsets: Tensor): Tensor {
    const embedded = this.embedding(text, offsets);
    return this.fc(embedded);
  }
}

type Loader = Iterable<[Tensor, Tensor, Tensor]> & { length: number };
const fmt3 = (x: number) => x.toFixed(3).padStart(8);   // '{:8.3f}'.format(x)
const d = (x: number, w: number) => String(x).padStart(w);   // '{:3d}'

const text_classification = program(() => {
  const train_iter = AG_NEWS_TRAIN;
  p(train_iter[0]);   // next(iter(train_iter))
  function* yield_tokens(data_iter: News[]) {
    for (const [, text] of data_iter) yield tokenizer(text);
  }
  const vocab = new Vocab(yield_tokens(train_iter), ['<unk>']);
  vocab.set_default_index(vocab.get('<unk>'));
  p(vocab.call(['here', 'is', 'an', 'example']));
  p(vocab.length, vocab.itos.slice(0, 12));
  const text_pipeline = (x: string) => vocab.call(tokenizer(x));
  const label_pipeline = (x: string | number) => Number.parseInt(String(x), 10) - 1;
  p(text_pipeline('here is the an example'));
  p(label_pipeline('10'));

  const collate_batch = (batch: News[]): [Tensor, Tensor, Tensor] => {
    const label_list: number[] = [];
    const text_list: Tensor[] = [];
    const offsets_: number[] = [0];
    for (const [_label, _text] of batch) {
      label_list.push(label_pipeline(_label));
      const processed_text = torch.tensor(text_pipeline(_text), { dtype: torch.int64 });
      text_list.push(processed_text);
      offsets_.push(processed_text.size(0));
    }
    const labels = torch.tensor(label_list, { dtype: torch.int64 });
    const offsets = torch.tensor(offsets_.slice(0, -1)).cumsum({ dim: 0 });
    const text = torch.cat(text_list);
    return [labels, text, offsets];
  };

  const dataloader = new DataLoader(train_iter, { batch_size: 8, shuffle: false, collate_fn: collate_batch });
  const [label, text, offsets] = dataloader[Symbol.iterator]().next().value as Tensor[];
  p(label);
  p(text);
  p(offsets);

  const num_class = new Set(train_iter.map(([label]) => label)).size;
  const vocab_size = vocab.length;
  const emsize = 32;
  let model = new TextClassificationModel(vocab_size, emsize, num_class);
  p(model);
  p(num_class, vocab_size);
  p(model.fc.bias);
  torch.no_grad(() => p(model(text, offsets)));

  // the mistakes: a 2-D batch with offsets, a 1-D batch without offsets, offsets not starting at 0, a float
  // text tensor, an index past the vocabulary, the labels 1-4 without label_pipeline's -1, float offsets
  e(() => model(text.view(2, -1), offsets));
  e(() => model.embedding(text));
  e(() => model(text, offsets.add(1)));
  e(() => model(text.float(), offsets));
  e(() => model(torch.tensor([1, vocab_size]), torch.tensor([0])));
  const [label4, text4, offsets4] = collate_batch(train_iter.slice(-4));
  e(() => new nn.CrossEntropyLoss()(model(text4, offsets4), label4.add(1)));
  e(() => model(text, offsets.float()));

  let epoch = 0;
  const train = (dataloader: Loader) => {
    model.train();
    let total_acc = 0;
    let total_count = 0;
    const log_interval = 2;
    let idx = 0;
    for (const [label, text, offsets] of dataloader) {
      optimizer.zero_grad();
      const predicted_label = model(text, offsets);
      const loss = criterion(predicted_label, label);
      loss.backward();
      torch.nn.utils.clip_grad_norm_(model.parameters(), 0.1);
      optimizer.step();
      total_acc += item(predicted_label.argmax(1).eq(label).sum());
      total_count += label.size(0);
      if (idx % log_interval === 0 && idx > 0) {
        // the elapsed time of the original's line is left out (it differs from run to run)
        n(`| epoch ${d(epoch, 3)} | ${d(idx, 5)}/${d(dataloader.length, 5)} batches ` +
          `| accuracy ${fmt3(total_acc / total_count)}`);
        total_acc = 0;
        total_count = 0;
      }
      idx++;
    }
  };
  const evaluate = (dataloader: Loader) => {
    model.eval();
    let total_acc = 0;
    let total_count = 0;
    torch.no_grad(() => {
      for (const [label, text, offsets] of dataloader) {
        const predicted_label = model(text, offsets);
        criterion(predicted_label, label);   // computed and unused, as in the tutorial
        total_acc += item(predicted_label.argmax(1).eq(label).sum());
        total_count += label.size(0);
      }
    });
    return total_acc / total_count;
  };

  // Hyperparameters
  const EPOCHS = 6;   // epoch
  const LR = 5;   // learning rate
  const BATCH_SIZE = 4;   // batch size for training

  const criterion = new torch.nn.CrossEntropyLoss();
  const optimizer = new torch.optim.SGD(model.parameters(), { lr: LR });
  const scheduler = new torch.optim.lr_scheduler.StepLR(optimizer, 1.0, { gamma: 0.1 });
  let total_accu: number | null = null;
  const train_dataset = [...AG_NEWS_TRAIN];   // to_map_style_dataset(train_iter)
  const test_dataset = [...AG_NEWS_TEST];
  const num_train = Math.trunc(train_dataset.length * 0.75);
  const [split_train_, split_valid_] = random_split(train_dataset, [num_train, train_dataset.length - num_train]);
  p(split_train_.length, split_valid_.length, split_valid_.indices);

  const train_dataloader = new DataLoader(split_train_, { batch_size: BATCH_SIZE, shuffle: true, collate_fn: collate_batch });
  const valid_dataloader = new DataLoader(split_valid_, { batch_size: BATCH_SIZE, shuffle: true, collate_fn: collate_batch });
  const test_dataloader = new DataLoader(test_dataset, { batch_size: BATCH_SIZE, shuffle: true, collate_fn: collate_batch });

  for (epoch = 1; epoch < EPOCHS + 1; epoch++) {
    train(train_dataloader);
    const accu_val = evaluate(valid_dataloader);
    if (total_accu !== null && total_accu > accu_val) {
      scheduler.step();
    } else {
      total_accu = accu_val;
    }
    p('-'.repeat(59));
    // the original prints "| time: {:5.2f}s" between these fields (the elapsed time differs from run to run)
    n(`| end of epoch ${d(epoch, 3)} | valid accuracy ${fmt3(accu_val)} `);
    p('-'.repeat(59));
    n(scheduler.get_last_lr());
  }

  p('Checking the results of test dataset.');
  const accu_test = evaluate(test_dataloader);
  n(`test accuracy ${fmt3(accu_test)}`);

  const ag_news_label: Record<number, string> = { 1: 'World', 2: 'Sports', 3: 'Business', 4: 'Sci/Tec' };
  const predict = (text: string, text_pipeline: (x: string) => number[]) => torch.no_grad(() => {
    const t = torch.tensor(text_pipeline(text));
    const output = model(t, torch.tensor([0]));
    return item(output.argmax(1)) + 1;
  });
  const ex_text_str = 'MEMPHIS, Tenn. – Four days ago, Jon Rahm was \
    enduring the season’s worst weather conditions on Sunday at The \
    Open on his way to a closing 75 at Royal Portrush, which \
    considering the wind and the rain was a respectable showing. \
    Thursday’s first round at the WGC-FedEx St. Jude Invitational \
    was another story. With temperatures in the mid-80s and hardly any \
    wind, the Spaniard was 13 strokes better in a flawless round. \
    Thanks to his best putting performance on the PGA Tour, Rahm \
    finished with an 8-under 62 for a three-stroke lead, which \
    was even more impressive considering he’d never played the \
    front nine at TPC Southwind.';
  model = model.to('cpu');
  p(tokenizer(ex_text_str).slice(0, 12));
  p(`This is a ${ag_news_label[predict(ex_text_str, text_pipeline)]} news`);
  torch.no_grad(() => n(model(torch.tensor(text_pipeline(ex_text_str)), torch.tensor([0]))));
  // an empty sentence is an empty bag: zeros through fc, the bias alone
  torch.no_grad(() => n(model(torch.tensor([], { dtype: torch.long }), torch.tensor([0]))));
});

export const programs: Record<string, () => Rec[]> = {
  text_classification,
};
