// Two of PyTorch's text tutorials (text_sentiment_ngrams_tutorial.py, the EmbeddingBag news classifier, and
// chatbot_tutorial.py, the Luong-attention seq2seq chatbot) written against tocha the way a user translating them
// would write them, with the same inline corpora and seeds as scripts/gen-textcls.py (which records what PyTorch
// 1.13 prints for each). test/textcls.test.ts compares. Where the translation has to differ from the Python for a
// reason of language (no operator overloading, no `with`, Python's own printing of lists, floats and tuples), the
// line says so.
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { e, n, p, program, py, pystr, tuple, type Rec } from './tutorial-harness.js';

const { nn, optim } = torch;
const F = nn.functional;
const { DataLoader, random_split } = torch.utils.data;

const item = (t: Tensor) => Number(t.item());
/** unicodeToAscii: NFD, without the combining marks (category Mn). */
const toAscii = (s: string) => [...s.normalize('NFD')].filter((c) => !/\p{Mn}/u.test(c)).join('');
/** random.choice(l), drawn from torch's generator. */
const randomChoice = <T>(l: T[]): T => l[item(torch.randint(l.length, [1]))];

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
  // without collate_batch, the default collate batches the labels and leaves the strings in a tuple
  p(new DataLoader(train_iter, { batch_size: 2 })[Symbol.iterator]().next().value);
  e(() => new nn.CrossEntropyLoss()(model(text, offsets), label.float()));
  e(() => new nn.CrossEntropyLoss()(model(text, offsets), label.view(-1, 1)));
  e(() => new torch.optim.SGD(model.parameters(), { lr: -5 }));

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

  // what a checkpoint of this run would hold (not in the tutorial); n(): Python prints step_size 1.0 as a float
  n(scheduler.state_dict());
  // (the state's keys are Python ints; a JS object's keys are strings)
  const osd = optimizer.state_dict();
  n(Object.entries(osd.state).map(([k, v]) => tuple(Number(k), v)), osd.param_groups);
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

// -------------------------------------------------------------------------------------------------
// chatbot_tutorial.py: a few inline query/response lines (MIN_COUNT 2), hidden_size 16, batches of 5, 6
// iterations, no checkpoint files (their state_dict keys printed instead), a fixed list of queries for the
// interactive evaluateInput loop; random.choice and the teacher-forcing draw come from torch's generator, and
// teacher_forcing_ratio is 0.5 (the tutorial's 1.0 would never take the greedy branch)
const PAD_token = 0;   // Used for padding short sentences
const SOS_token = 1;   // Start-of-sentence token
const EOS_token = 2;   // End-of-sentence token
const MAX_LENGTH = 10;   // Maximum sentence length to consider

class Voc {
  name: string;
  trimmed = false;
  word2index = new Map<string, number>();   // Maps keep insertion order, as Python's dicts
  word2count = new Map<string, number>();
  index2word = new Map<number, string>([[PAD_token, 'PAD'], [SOS_token, 'SOS'], [EOS_token, 'EOS']]);
  num_words = 3;   // Count SOS, EOS, PAD
  constructor(name: string) {
    this.name = name;
  }
  addSentence(sentence: string): void {
    for (const word of sentence.split(' ')) this.addWord(word);
  }
  addWord(word: string): void {
    if (!this.word2index.has(word)) {
      this.word2index.set(word, this.num_words);
      this.word2count.set(word, 1);
      this.index2word.set(this.num_words, word);
      this.num_words += 1;
    } else {
      this.word2count.set(word, this.word2count.get(word)! + 1);
    }
  }
  // Remove words below a certain count threshold
  trim(min_count: number): void {
    if (this.trimmed) return;
    this.trimmed = true;
    const keep_words: string[] = [];
    for (const [k, v] of this.word2count) {
      if (v >= min_count) keep_words.push(k);
    }
    p(`keep_words ${keep_words.length} / ${this.word2index.size} = ${(keep_words.length / this.word2index.size).toFixed(4)}`);
    // Reinitialize dictionaries
    this.word2index = new Map();
    this.word2count = new Map();
    this.index2word = new Map([[PAD_token, 'PAD'], [SOS_token, 'SOS'], [EOS_token, 'EOS']]);
    this.num_words = 3;   // Count default tokens
    for (const word of keep_words) this.addWord(word);
  }
}

/** Python's KeyError, which evaluateInput catches. */
class KeyError extends Error {
  override name = 'KeyError';
}

class EncoderRNN extends nn.Module {
  n_layers: number;
  hidden_size: number;
  embedding: torch.nn.Embedding;
  gru: torch.nn.GRU;
  constructor(hidden_size: number, embedding: torch.nn.Embedding, n_layers = 1, dropout = 0) {
    super();
    this.n_layers = n_layers;
    this.hidden_size = hidden_size;
    this.embedding = embedding;
    this.gru = new nn.GRU(hidden_size, hidden_size, n_layers,
      { dropout: (n_layers === 1 ? 0 : dropout), bidirectional: true });
  }
  override forward(input_seq: Tensor, input_lengths: Tensor, hidden: Tensor | null = null): [Tensor, Tensor] {
    const embedded = this.embedding(input_seq);
    const packed = nn.utils.rnn.pack_padded_sequence(embedded, input_lengths);
    let packed_out: InstanceType<typeof nn.utils.rnn.PackedSequence>;
    [packed_out, hidden] = this.gru(packed, hidden) as [InstanceType<typeof nn.utils.rnn.PackedSequence>, Tensor];
    let [outputs] = nn.utils.rnn.pad_packed_sequence(packed_out);
    outputs = outputs.index(null, null, [null, this.hidden_size]).add(outputs.index(null, null, [this.hidden_size, null]));
    return [outputs, hidden];
  }
}

class Attn extends nn.Module {
  method: string;
  hidden_size: number;
  attn?: torch.nn.Linear;
  v?: torch.nn.Parameter;
  constructor(method: string, hidden_size: number) {
    super();
    this.method = method;
    if (!['dot', 'general', 'concat'].includes(this.method)) {
      throw new RangeError(py(tuple(this.method, 'is not an appropriate attention method.')));   // ValueError(a, b)
    }
    this.hidden_size = hidden_size;
    if (this.method === 'general') {
      this.attn = new nn.Linear(this.hidden_size, hidden_size);
    } else if (this.method === 'concat') {
      this.attn = new nn.Linear(this.hidden_size * 2, hidden_size);
      this.v = new nn.Parameter(torch.FloatTensor(hidden_size));
    }
  }
  dot_score(hidden: Tensor, encoder_output: Tensor): Tensor {
    return torch.sum(hidden.mul(encoder_output), { dim: 2 });
  }
  general_score(hidden: Tensor, encoder_output: Tensor): Tensor {
    const energy = this.attn!(encoder_output);
    return torch.sum(hidden.mul(energy), { dim: 2 });
  }
  concat_score(hidden: Tensor, encoder_output: Tensor): Tensor {
    const energy = this.attn!(torch.cat([hidden.expand(encoder_output.size(0), -1, -1), encoder_output], 2)).tanh();
    return torch.sum(this.v!.mul(energy), { dim: 2 });
  }
  override forward(hidden: Tensor, encoder_outputs: Tensor): Tensor {
    let attn_energies!: Tensor;
    if (this.method === 'general') {
      attn_energies = this.general_score(hidden, encoder_outputs);
    } else if (this.method === 'concat') {
      attn_energies = this.concat_score(hidden, encoder_outputs);
    } else if (this.method === 'dot') {
      attn_energies = this.dot_score(hidden, encoder_outputs);
    }
    attn_energies = attn_energies.t();
    return F.softmax(attn_energies, { dim: 1 }).unsqueeze(1);
  }
}

class LuongAttnDecoderRNN extends nn.Module {
  attn_model: string;
  hidden_size: number;
  output_size: number;
  n_layers: number;
  dropout: number;
  embedding: torch.nn.Embedding;
  embedding_dropout: torch.nn.Dropout;
  gru: torch.nn.GRU;
  concat: torch.nn.Linear;
  out: torch.nn.Linear;
  attn: Attn;
  constructor(attn_model: string, embedding: torch.nn.Embedding, hidden_size: number, output_size: number, n_layers = 1,
    dropout = 0.1) {
    super();
    this.attn_model = attn_model;
    this.hidden_size = hidden_size;
    this.output_size = output_size;
    this.n_layers = n_layers;
    this.dropout = dropout;
    this.embedding = embedding;
    this.embedding_dropout = new nn.Dropout(dropout);
    this.gru = new nn.GRU(hidden_size, hidden_size, n_layers, { dropout: (n_layers === 1 ? 0 : dropout) });
    this.concat = new nn.Linear(hidden_size * 2, hidden_size);
    this.out = new nn.Linear(hidden_size, output_size);
    this.attn = new Attn(attn_model, hidden_size);
  }
  override forward(input_step: Tensor, last_hidden: Tensor, encoder_outputs: Tensor): [Tensor, Tensor] {
    let embedded = this.embedding(input_step);
    embedded = this.embedding_dropout(embedded);
    let [rnn_output, hidden] = this.gru(embedded, last_hidden);
    const attn_weights = this.attn(rnn_output, encoder_outputs);
    let context = attn_weights.bmm(encoder_outputs.transpose(0, 1));
    rnn_output = rnn_output.squeeze(0);
    context = context.squeeze(1);
    const concat_input = torch.cat([rnn_output, context], 1);
    const concat_output = torch.tanh(this.concat(concat_input));
    let output = this.out(concat_output);
    output = F.softmax(output, { dim: 1 });
    return [output, hidden];
  }
}

class GreedySearchDecoder extends nn.Module {
  encoder: EncoderRNN;
  decoder: LuongAttnDecoderRNN;
  constructor(encoder: EncoderRNN, decoder: LuongAttnDecoderRNN) {
    super();
    this.encoder = encoder;
    this.decoder = decoder;
  }
  override forward(input_seq: Tensor, input_length: Tensor, max_length: number): [Tensor, Tensor] {
    const [encoder_outputs, encoder_hidden] = this.encoder(input_seq, input_length);
    let decoder_hidden = encoder_hidden.index([null, this.decoder.n_layers]);
    let decoder_input = torch.ones(1, 1, { dtype: torch.long }).mul(SOS_token);
    let all_tokens = torch.zeros([0], { dtype: torch.long });
    let all_scores = torch.zeros([0]);
    for (let i = 0; i < max_length; i++) {
      let decoder_output: Tensor;
      [decoder_output, decoder_hidden] = this.decoder(decoder_input, decoder_hidden, encoder_outputs);
      let decoder_scores: Tensor;
      [decoder_scores, decoder_input] = torch.max(decoder_output, { dim: 1 });
      all_tokens = torch.cat([all_tokens, decoder_input], { dim: 0 });
      all_scores = torch.cat([all_scores, decoder_scores], { dim: 0 });
      decoder_input = torch.unsqueeze(decoder_input, 0);
    }
    return [all_tokens, all_scores];
  }
}

const chatbot = program(() => {
  const normalizeString = (s: string) => {
    s = toAscii(s.toLowerCase().trim());
    s = s.replace(/([.!?])/g, ' $1');
    s = s.replace(/[^a-zA-Z.!?]+/g, ' ');
    s = s.replace(/\s+/g, ' ').trim();
    return s;
  };
  // formatted_movie_lines.txt: query<TAB>response
  const MOVIE_LINES = `Hello?\tHello.
How are you?\tI'm fine.
Where are you going?\tI'm going home.
Are you going home?\tNo, I'm not.
Where is the money?\tI don't know.
Who are you?\tI'm your friend.
Are you my friend?\tYes, I am your friend.
What are you doing here?\tI'm looking for you.
Do you know where he is?\tNo, I don't know where he is.
Is that your money?\tYes, that is my money.
Can you help me?\tYes, I can help you.
Where do you live?\tI live here.
Why are you here?\tI don't know why.
What do you want?\tI want the money.
It's time for me to go home.\tI know.
Goodbye.\tGoodbye, my friend!
Thank you for everything you did for me today, it was the best day of my life.\tYou're welcome.
Are you a lawyer?\tNo, I'm a doctor.
What is your name?\tMy name is Bob.`;
  const readVocs = (datafile: string, corpus_name: string) => {
    p('Reading lines...');
    const lines = datafile.trim().split('\n');
    const pairs = lines.map((l) => l.split('\t').map((s) => normalizeString(s)));
    const voc = new Voc(corpus_name);
    return [voc, pairs] as const;
  };
  // Input sequences need to preserve the last word for EOS token
  const filterPair = (p: string[]) => p[0].split(' ').length < MAX_LENGTH && p[1].split(' ').length < MAX_LENGTH;
  const filterPairs = (pairs: string[][]) => pairs.filter((pair) => filterPair(pair));
  const loadPrepareData = (corpus: null, corpus_name: string, datafile: string, save_dir: null) => {
    p('Start preparing training data ...');
    const [voc, pairs_] = readVocs(datafile, corpus_name);
    p(`Read ${pairs_.length} sentence pairs`);
    const pairs = filterPairs(pairs_);
    p(`Trimmed to ${pairs.length} sentence pairs`);
    p('Counting words...');
    for (const pair of pairs) {
      voc.addSentence(pair[0]);
      voc.addSentence(pair[1]);
    }
    p('Counted words:', voc.num_words);
    return [voc, pairs] as const;
  };
  const corpus_name = 'cornell movie-dialogs corpus';
  const [voc, pairs0] = loadPrepareData(null, corpus_name, MOVIE_LINES, null);
  p('\npairs:');
  for (const pair of pairs0.slice(0, 10)) p(pair);

  const MIN_COUNT = 2;   // Minimum word count threshold for trimming
  const trimRareWords = (voc: Voc, pairs: string[][], MIN_COUNT: number) => {
    voc.trim(MIN_COUNT);
    const keep_pairs: string[][] = [];
    for (const pair of pairs) {
      const [input_sentence, output_sentence] = pair;
      let keep_input = true;
      let keep_output = true;
      for (const word of input_sentence.split(' ')) {
        if (!voc.word2index.has(word)) {
          keep_input = false;
          break;
        }
      }
      for (const word of output_sentence.split(' ')) {
        if (!voc.word2index.has(word)) {
          keep_output = false;
          break;
        }
      }
      if (keep_input && keep_output) keep_pairs.push(pair);
    }
    p(`Trimmed from ${pairs.length} pairs to ${keep_pairs.length}, ${(keep_pairs.length / pairs.length).toFixed(4)} of total`);
    return keep_pairs;
  };
  const pairs = trimRareWords(voc, pairs0, MIN_COUNT);
  p(pairs);
  // Python's printing of a dict with int keys
  p(voc.num_words, `{${[...voc.index2word].map(([k, v]) => `${k}: ${pystr(v)}`).join(', ')}}`);

  const indexesFromSentence = (voc: Voc, sentence: string) => [...sentence.split(' ').map((word) => {
    if (!voc.word2index.has(word)) throw new KeyError(pystr(word));
    return voc.word2index.get(word)!;
  }), EOS_token];
  // itertools.zip_longest(*l, fillvalue=fillvalue), as a list of tuples
  const zeroPadding = (l: number[][], fillvalue = PAD_token) =>
    Array.from({ length: Math.max(...l.map((s) => s.length)) }, (_, t) => tuple(...l.map((s) => s[t] ?? fillvalue)) as unknown as number[]);
  const binaryMatrix = (l: number[][], value = PAD_token) => {
    const m: number[][] = [];
    l.forEach((seq, i) => {
      m.push([]);
      for (const token of seq) {
        if (token === value) m[i].push(0);
        else m[i].push(1);
      }
    });
    return m;
  };
  const inputVar = (l: string[], voc: Voc) => {
    const indexes_batch = l.map((sentence) => indexesFromSentence(voc, sentence));
    const lengths = torch.tensor(indexes_batch.map((indexes) => indexes.length));
    const padList = zeroPadding(indexes_batch);
    const padVar = torch.LongTensor(padList);
    return [padVar, lengths] as const;
  };
  const outputVar = (l: string[], voc: Voc) => {
    const indexes_batch = l.map((sentence) => indexesFromSentence(voc, sentence));
    const max_target_len = Math.max(...indexes_batch.map((indexes) => indexes.length));
    const padList = zeroPadding(indexes_batch);
    const mask = torch.BoolTensor(binaryMatrix(padList));
    const padVar = torch.LongTensor(padList);
    return [padVar, mask, max_target_len] as const;
  };
  type Batch = readonly [Tensor, Tensor, Tensor, Tensor, number];
  const batch2TrainData = (voc: Voc, pair_batch: string[][]): Batch => {
    pair_batch.sort((a, b) => b[0].split(' ').length - a[0].split(' ').length);   // stable, as Python's sort
    const input_batch: string[] = [];
    const output_batch: string[] = [];
    for (const pair of pair_batch) {
      input_batch.push(pair[0]);
      output_batch.push(pair[1]);
    }
    const [inp, lengths] = inputVar(input_batch, voc);
    const [output, mask, max_target_len] = outputVar(output_batch, voc);
    return [inp, lengths, output, mask, max_target_len];
  };
  p(zeroPadding([[3, 4, 5, 2], [6, 2]]), binaryMatrix(zeroPadding([[3, 4, 5, 2], [6, 2]])));
  const small_batch_size = 5;
  const batches = batch2TrainData(voc, Array.from({ length: small_batch_size }, () => randomChoice(pairs)));
  const [input_variable, lengths, target_variable, mask, max_target_len] = batches;
  p('input_variable:', input_variable);
  p('lengths:', lengths);
  p('target_variable:', target_variable);
  p('mask:', mask);
  p('max_target_len:', max_target_len);
  // what EncoderRNN packs (here the word indices themselves), and what pad_packed_sequence gives back
  const packed = nn.utils.rnn.pack_padded_sequence(input_variable, lengths);
  p(packed);
  p(tuple(...nn.utils.rnn.pad_packed_sequence(packed)));
  p(nn.utils.rnn.pack_padded_sequence(input_variable, lengths.tolist() as number[], { enforce_sorted: false }).sorted_indices);

  const maskNLLLoss = (inp: Tensor, target: Tensor, mask: Tensor) => {
    const nTotal = mask.sum();
    const crossEntropy = torch.log(torch.gather(inp, 1, target.view(-1, 1)).squeeze(1)).neg();
    const loss = crossEntropy.masked_select(mask).mean();
    return tuple(loss, item(nTotal)) as unknown as [Tensor, number];
  };
  const teacher_forcing_ratio = 0.5;
  const train = (input_variable: Tensor, lengths: Tensor, target_variable: Tensor, mask: Tensor, max_target_len: number,
    encoder: EncoderRNN, decoder: LuongAttnDecoderRNN, embedding: torch.nn.Embedding, encoder_optimizer: torch.optim.Optimizer,
    decoder_optimizer: torch.optim.Optimizer, batch_size: number, clip: number, max_length = MAX_LENGTH) => {
    encoder_optimizer.zero_grad();
    decoder_optimizer.zero_grad();
    let loss: Tensor | number = 0;
    const print_losses: number[] = [];
    let n_totals = 0;
    const [encoder_outputs, encoder_hidden] = encoder(input_variable, lengths);
    let decoder_input = torch.LongTensor([Array.from({ length: batch_size }, () => SOS_token)]);
    let decoder_hidden = encoder_hidden.index([null, decoder.n_layers]);
    const use_teacher_forcing = item(torch.rand(1)) < teacher_forcing_ratio;   // random.random()
    p('use_teacher_forcing:', use_teacher_forcing);
    const step = (t: number, decoder_output: Tensor) => {
      const [mask_loss, nTotal] = maskNLLLoss(decoder_output, target_variable.index(t), mask.index(t));
      loss = typeof loss === 'number' ? mask_loss.add(loss) : loss.add(mask_loss);   // loss += mask_loss
      print_losses.push(item(mask_loss) * nTotal);
      n_totals += nTotal;
    };
    if (use_teacher_forcing) {
      for (let t = 0; t < max_target_len; t++) {
        let decoder_output: Tensor;
        [decoder_output, decoder_hidden] = decoder(decoder_input, decoder_hidden, encoder_outputs);
        decoder_input = target_variable.index(t).view(1, -1);
        step(t, decoder_output);
      }
    } else {
      for (let t = 0; t < max_target_len; t++) {
        let decoder_output: Tensor;
        [decoder_output, decoder_hidden] = decoder(decoder_input, decoder_hidden, encoder_outputs);
        const [, topi] = decoder_output.topk(1);
        decoder_input = torch.LongTensor([Array.from({ length: batch_size }, (_, i) => topi.index(i, 0))]);
        step(t, decoder_output);
      }
    }
    (loss as unknown as Tensor).backward();
    nn.utils.clip_grad_norm_(encoder.parameters(), clip);
    nn.utils.clip_grad_norm_(decoder.parameters(), clip);
    encoder_optimizer.step();
    decoder_optimizer.step();
    return print_losses.reduce((a, b) => a + b, 0) / n_totals;
  };
  const trainIters = (model_name: string, voc: Voc, pairs: string[][], encoder: EncoderRNN, decoder: LuongAttnDecoderRNN,
    encoder_optimizer: torch.optim.Optimizer, decoder_optimizer: torch.optim.Optimizer, embedding: torch.nn.Embedding,
    encoder_n_layers: number, decoder_n_layers: number, save_dir: null, n_iteration: number, batch_size: number,
    print_every: number, save_every: number, clip: number, corpus_name: string, loadFilename: null) => {
    const training_batches = Array.from({ length: n_iteration },
      () => batch2TrainData(voc, Array.from({ length: batch_size }, () => randomChoice(pairs))));
    p('Initializing ...');
    const start_iteration = 1;
    let print_loss = 0;
    p('Training...');
    for (let iteration = start_iteration; iteration < n_iteration + 1; iteration++) {
      const training_batch = training_batches[iteration - 1];
      const [input_variable, lengths, target_variable, mask, max_target_len] = training_batch;
      const loss = train(input_variable, lengths, target_variable, mask, max_target_len, encoder,
        decoder, embedding, encoder_optimizer, decoder_optimizer, batch_size, clip);
      print_loss += loss;
      if (iteration % print_every === 0) {
        const print_loss_avg = print_loss / print_every;
        n(`Iteration: ${iteration}; Percent complete: ${(iteration / n_iteration * 100).toFixed(1)}%; Average loss: ${print_loss_avg.toFixed(4)}`);
        print_loss = 0;
      }
      if (iteration % save_every === 0) {
        // torch.save({...}) of the tutorial: what the checkpoint would hold
        p(iteration, Object.keys(encoder.state_dict()), Object.keys(decoder.state_dict()),
          Object.keys(encoder_optimizer.state_dict().state).map(Number), embedding.state_dict().weight.shape);
      }
    }
  };
  const evaluate = (encoder: EncoderRNN, decoder: LuongAttnDecoderRNN, searcher: GreedySearchDecoder, voc: Voc, sentence: string,
    max_length = MAX_LENGTH) => {
    const indexes_batch = [indexesFromSentence(voc, sentence)];
    const lengths = torch.tensor(indexes_batch.map((indexes) => indexes.length));
    const input_batch = torch.LongTensor(indexes_batch).transpose(0, 1);
    const [tokens, scores] = searcher(input_batch, lengths, max_length);
    n('scores:', scores);
    // `for token in tokens` iterates a tensor (Tensor.__iter__, unbind(0)); tocha's tensors are not iterable
    return tokens.unbind(0).map((token) => voc.index2word.get(item(token))!);
  };
  const evaluateInput = (encoder: EncoderRNN, decoder: LuongAttnDecoderRNN, searcher: GreedySearchDecoder, voc: Voc,
    queries: string[]) => {   // the queries typed at the '> ' prompt
    for (let input_sentence of queries) {
      try {
        if (input_sentence === 'q' || input_sentence === 'quit') break;
        input_sentence = normalizeString(input_sentence);
        let output_words = evaluate(encoder, decoder, searcher, voc, input_sentence);
        output_words = output_words.filter((x) => !(x === 'EOS' || x === 'PAD'));
        p('Bot:', output_words.join(' '));
      } catch (ex) {
        if (!(ex instanceof KeyError)) throw ex;
        p('Error: Encountered unknown word.');
      }
    }
  };

  const model_name = 'cb_model';
  const attn_model = 'dot';
  const hidden_size = 16;
  const encoder_n_layers = 2;
  const decoder_n_layers = 2;
  const dropout = 0.1;
  const batch_size = 5;

  p('Building encoder and decoder ...');
  const embedding = new nn.Embedding(voc.num_words, hidden_size);
  const encoder = new EncoderRNN(hidden_size, embedding, encoder_n_layers, dropout);
  const decoder = new LuongAttnDecoderRNN(attn_model, embedding, hidden_size, voc.num_words, decoder_n_layers, dropout);
  p('Models built and ready to go!');
  p(encoder);
  p(decoder);
  p([...decoder.named_parameters()].map(([k, v]) => tuple(k, tuple(...v.shape))));

  // one step of each, in eval mode (no dropout), on the example batch
  encoder.eval();
  decoder.eval();
  torch.no_grad(() => {
    const [encoder_outputs, encoder_hidden] = encoder(input_variable, lengths);
    p(encoder_outputs.shape, encoder_hidden.shape);
    n(encoder_outputs.index(null, 0, [null, 4]));
    const decoder_input = torch.LongTensor([Array.from({ length: small_batch_size }, () => SOS_token)]);
    const [decoder_output, decoder_hidden] = decoder(decoder_input, encoder_hidden.index([null, decoder.n_layers]), encoder_outputs);
    p(decoder_output.shape, decoder_hidden.shape);
    n(decoder_output.sum(1), decoder_output.argmax(1));
    n(maskNLLLoss(decoder_output, target_variable.index(0), mask.index(0)));
    n(decoder_output.topk(1));
    n(torch.max(decoder_output, { dim: 1 }));
    // the other two score functions of Luong attention; concat's v is uninitialized memory in the tutorial
    // (torch.FloatTensor(hidden_size)), filled here with uniform_ so both runs see the same numbers
    for (const method of ['general', 'concat']) {
      const attn = new Attn(method, hidden_size);
      if (method === 'concat') attn.v!.uniform_(-0.1, 0.1);
      p(attn, [...attn.named_parameters()].map(([k, v]) => tuple(k, tuple(...v.shape))));
      n(attn(decoder_hidden.index([-1, null]), encoder_outputs));
    }
    // the mistakes: lengths not sorted (batch2TrainData's sort left out), the batch not transposed to
    // (max_length, batch_size), a length of 0, the encoder's whole hidden state (both directions of both layers)
    // given to the decoder, the target index without view(-1, 1), the mask as a LongTensor, a time step with a
    // batch dimension of another size (a word past the vocabulary is left out: tocha's message adds the index and
    // the Embedding's sizes to PyTorch's "index out of range in self")
    e(() => encoder(input_variable, lengths.flip(0)));
    e(() => encoder(input_variable.t(), lengths));
    e(() => encoder(input_variable, torch.tensor([5, 4, 3, 2, 0])));
    e(() => decoder(decoder_input, encoder_hidden, encoder_outputs));
    e(() => torch.gather(decoder_output, 1, target_variable.index(0)));
    e(() => maskNLLLoss(decoder_output, target_variable.index(0), mask.index(0).long()));
    e(() => decoder(decoder_input.index(null, [null, 3]), encoder_hidden.index([null, 2]), encoder_outputs));
    e(() => new Attn('cosine', hidden_size));
    e(() => nn.utils.rnn.pack_padded_sequence(input_variable, lengths.view(1, -1)));
  });

  const save_dir = null;
  const clip = 50.0;
  const learning_rate = 0.0001;
  const decoder_learning_ratio = 5.0;
  const n_iteration = 6;
  const print_every = 1;
  const save_every = 3;

  encoder.train();
  decoder.train();

  p('Building optimizers ...');
  const encoder_optimizer = new optim.Adam(encoder.parameters(), { lr: learning_rate });
  const decoder_optimizer = new optim.Adam(decoder.parameters(), { lr: learning_rate * decoder_learning_ratio });

  // If you have cuda, configure cuda to call (the optimizers have no state yet: the loops do nothing)
  for (const state of encoder_optimizer.state.values()) {
    for (const [k, v] of Object.entries(state)) {
      if (v instanceof torch.Tensor) state[k] = v.cuda();
    }
  }
  for (const state of decoder_optimizer.state.values()) {
    for (const [k, v] of Object.entries(state)) {
      if (v instanceof torch.Tensor) state[k] = v.cuda();
    }
  }
  e(() => input_variable.cuda());   // without a GPU

  p('Starting Training!');
  trainIters(model_name, voc, pairs, encoder, decoder, encoder_optimizer, decoder_optimizer,
    embedding, encoder_n_layers, decoder_n_layers, save_dir, n_iteration, batch_size,
    print_every, save_every, clip, corpus_name, null);
  n(decoder.out.bias!.index([null, 6]));
  n(encoder.gru.weight_hh_l0_reverse.grad!.index(0, [null, 4]));

  // the tutorial's checkpoint, loaded back the way its loadFilename branch does (in memory here, no file)
  const checkpoint = { en: encoder.state_dict(), de: decoder.state_dict(), en_opt: encoder_optimizer.state_dict(),
    de_opt: decoder_optimizer.state_dict(), embedding: embedding.state_dict() };
  const embedding2 = new nn.Embedding(voc.num_words, hidden_size);
  embedding2.load_state_dict(checkpoint.embedding);
  const encoder2 = new EncoderRNN(hidden_size, embedding2, encoder_n_layers, dropout);
  const decoder2 = new LuongAttnDecoderRNN(attn_model, embedding2, hidden_size, voc.num_words, decoder_n_layers, dropout);
  p(encoder2.load_state_dict(checkpoint.en));
  p(decoder2.load_state_dict(checkpoint.de));
  const encoder_optimizer2 = new optim.Adam(encoder2.parameters(), { lr: learning_rate });
  encoder_optimizer2.load_state_dict(checkpoint.en_opt);
  p(encoder_optimizer2.state_dict().param_groups[0].lr, Object.keys(encoder_optimizer2.state_dict().state).length);
  p(torch.equal(decoder2.out.weight, decoder.out.weight), torch.equal(encoder2.embedding.weight, embedding.weight));
  // the mistakes: a decoder built with another attention model, or another hidden size, than the checkpoint's
  e(() => new LuongAttnDecoderRNN('general', embedding2, hidden_size, voc.num_words, decoder_n_layers,
    dropout).load_state_dict(checkpoint.de));
  e(() => new LuongAttnDecoderRNN(attn_model, new nn.Embedding(voc.num_words, 8), 8, voc.num_words, decoder_n_layers,
    dropout).load_state_dict(checkpoint.de));
  e(() => new optim.Adam(decoder2.parameters(), { lr: learning_rate }).load_state_dict(checkpoint.en_opt));

  encoder.eval();
  decoder.eval();

  const searcher = new GreedySearchDecoder(encoder, decoder);
  p(searcher);
  torch.no_grad(() => {
    evaluateInput(encoder, decoder, searcher, voc, ['Hello?', 'Where are you going?', 'Are you my friend?',
      'What is the meaning of life?', 'q', 'never asked']);
  });
});

export const programs: Record<string, () => Rec[]> = {
  text_classification, chatbot,
};
