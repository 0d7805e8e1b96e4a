// The best-known "GPT from scratch" PyTorch programs written against tocha the way a user translating them would write
// them: Karpathy's "Let's build GPT" lecture (gpt-dev.ipynb, bigram.py, gpt.py of karpathy/ng-video-lecture), nanoGPT's
// model.py (early 2023) with its train.py loop and sample.py, and minGPT's model.py with its sort demo. The same inline
// text, tiny hyperparameters and seeds as scripts/gen-gpt.py, which records what PyTorch 1.13 prints for each;
// test/gpt.test.ts compares. Where the translation has to differ from the Python for a reason of language (no
// operator overloading, no `with`, no decorators on functions, 1 and 1.0 being one number, Python's formatting), the
// line says so.
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { e, n, p, program, pyfloat, pystr, tuple, type Rec } from './tutorial-harness.js';

const { nn } = torch;
const F = nn.functional;
const { DataLoader, Dataset, RandomSampler } = torch.utils.data;

const item = (t: Tensor) => Number(t.item());
const len = (t: Tensor) => t.shape[0];  // Python's len() of a tensor
/** Python's repr() of a float: 1.0, 6.845046153846154e-08 (JavaScript prints 1 and 6.845046153846154e-8). */
const pyrepr = (x: number): string => {
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  const a = Math.abs(x);
  if (a !== 0 && Number.isFinite(a) && (a < 1e-4 || a >= 1e16)) {
    const [m, ex] = x.toExponential().split('e');
    return `${m}e${ex[0]}${ex.slice(1).padStart(2, '0')}`;
  }
  return String(x);
};
/** Python's assert statement. */
function assert(cond: boolean, message = ''): asserts cond {
  if (!cond) {
    const err = new Error(message);
    err.name = 'AssertionError';
    throw err;
  }
}

// tinyshakespeare's stand-in (the lecture reads input.txt)
const TEXT = `The river ran slowly past the old mill, and the miller sat at his door to watch the boats go by.
He had lived there for many years, and he knew every boat and every boatman on the water.
In the morning the mist lay low over the fields, and the cows stood in it up to their knees.

When the sun rose higher, the mist was gone, and the children came down the lane with their baskets.
They were going to the market in the town, where their mother sold eggs and butter and cheese.
The miller called out to them, and they waved to him and laughed, and went on their way.

At noon the wind began to blow from the west, and the sails of the mill turned round and round.
The miller went inside to grind the corn, and the noise of the stones filled the house.
His wife baked bread in the oven, and the smell of it drifted out across the yard.

In the evening the boats came home, one after another, with their lamps lit at the bow.
The boatmen sang as they rowed, and their songs carried over the quiet water.
Then the stars came out, the mill was still, and the miller and his wife went to sleep.
`;

/** The character vocabulary every program builds: chars, stoi/itos, encode/decode. */
function vocabulary(text: string) {
  const chars = [...new Set(text)].sort();  // sorted(list(set(text)))
  const vocab_size = chars.length;
  const stoi = new Map(chars.map((ch, i) => [ch, i]));
  const itos = new Map(chars.map((ch, i) => [i, ch]));
  const encode = (s: string) => [...s].map((c) => stoi.get(c)!);  // encoder: take a string, output a list of integers
  const decode = (l: number[]) => l.map((i) => itos.get(i)!).join('');  // decoder: take a list of integers, output a string
  return { chars, vocab_size, stoi, itos, encode, decode };
}

// -------------------------------------------------------------------------------------------------
// gpt-dev.ipynb and bigram.py
class BigramLanguageModel extends nn.Module {
  token_embedding_table: torch.nn.Embedding;
  constructor(vocab_size: number) {
    super();
    // each token directly reads off the logits for the next token from a lookup table
    this.token_embedding_table = new nn.Embedding(vocab_size, vocab_size);
  }

  override forward(idx: Tensor, targets: Tensor | null = null): [Tensor, Tensor | null] {
    // idx and targets are both (B,T) tensor of integers
    let logits = this.token_embedding_table(idx);  // (B,T,C)
    let loss: Tensor | null;
    if (targets === null) {
      loss = null;
    } else {
      const [B, T, C] = logits.shape;
      logits = logits.view(B * T, C);
      targets = targets.view(B * T);
      loss = F.cross_entropy(logits, targets);
    }
    return [logits, loss];
  }

  generate(idx: Tensor, max_new_tokens: number): Tensor {
    // idx is (B, T) array of indices in the current context
    for (let _ = 0; _ < max_new_tokens; _++) {
      // get the predictions
      let [logits] = this.forward(idx);  // self(idx)
      // focus only on the last time step
      logits = logits.index(null, -1, null);  // becomes (B, C)
      // apply softmax to get probabilities
      const probs = F.softmax(logits, { dim: -1 });  // (B, C)
      // sample from the distribution
      const idx_next = torch.multinomial(probs, { num_samples: 1 });  // (B, 1)
      // append sampled index to the running sequence
      idx = torch.cat([idx, idx_next], { dim: 1 });  // (B, T+1)
    }
    return idx;
  }
}

/** The notebook's LayerNorm1d, a plain class: Python's __call__ is call(). */
class LayerNorm1d {  // (used to be BatchNorm1d)
  eps: number;
  gamma: Tensor;
  beta: Tensor;
  out: Tensor | null = null;
  constructor(dim: number, eps = 1e-5, momentum = 0.1) {
    void momentum;
    this.eps = eps;
    this.gamma = torch.ones(dim);
    this.beta = torch.zeros(dim);
  }

  call(x: Tensor): Tensor {
    // calculate the forward pass
    const xmean = x.mean(1, { keepdim: true });  // batch mean
    const xvar = x.var(1, { keepdim: true });  // batch variance
    const xhat = x.sub(xmean).div(torch.sqrt(xvar.add(this.eps)));  // normalize to unit variance
    this.out = this.gamma.mul(xhat).add(this.beta);
    return this.out;
  }

  parameters(): Tensor[] {
    return [this.gamma, this.beta];
  }
}

const gpt_dev = program(() => {
  const text = TEXT;
  p('length of dataset in characters: ', text.length);
  // let's look at the first 1000 characters (the first 200 here)
  p(text.slice(0, 200));
  // here are all the unique characters that occur in this text
  const { chars, vocab_size, encode, decode } = vocabulary(text);
  p(chars.join(''));
  p(vocab_size);
  p(encode('hii there'));
  p(decode(encode('hii there')));
  // let's now encode the entire text dataset and store it into a torch.Tensor
  const data = torch.tensor(encode(text), { dtype: torch.long });
  p(data.shape, data.dtype);
  p(data.index([null, 100]));  // the 1000 characters we looked at earier will to the GPT look like this (100 here)
  // Let's now split up the data into train and validation sets
  const n_ = Math.trunc(0.9 * len(data));  // first 90% will be train, rest val
  const train_data = data.index([null, n_]);
  const val_data = data.index([n_, null]);
  let block_size = 8;
  p(train_data.index([null, block_size + 1]));
  {
    const x = train_data.index([null, block_size]);
    const y = train_data.index([1, block_size + 1]);
    for (let t = 0; t < block_size; t++) {
      const context = x.index([null, t + 1]);
      const target = y.index(t);
      p(`when input is ${context} the target: ${target.item()}`);  // f"{target}" formats a 0-dim tensor as its number
    }
  }

  torch.manual_seed(1337);
  let batch_size = 4;  // how many independent sequences will we process in parallel?
  block_size = 8;  // what is the maximum context length for predictions?

  const get_batch = (split: string): [Tensor, Tensor] => {
    // generate a small batch of data of inputs x and targets y
    const data = split === 'train' ? train_data : val_data;
    const ix = torch.randint(len(data) - block_size, [batch_size]);
    const x = torch.stack((ix.tolist() as number[]).map((i) => data.index([i, i + block_size])));
    const y = torch.stack((ix.tolist() as number[]).map((i) => data.index([i + 1, i + block_size + 1])));
    return [x, y];
  };

  let [xb, yb] = get_batch('train');
  p('inputs:');
  p(xb.shape);
  p(xb);
  p('targets:');
  p(yb.shape);
  p(yb);
  p('----');
  for (let b = 0; b < batch_size; b++) {  // batch dimension
    for (let t = 0; t < block_size; t++) {  // time dimension
      const context = xb.index(b, [null, t + 1]);
      const target = yb.index(b, t);
      p(`when input is ${py(context.tolist())} the target: ${target.item()}`);
    }
  }
  p(xb);  // our input to the transformer
  // get_batch without the "- block_size": the last windows are short, and torch.stack refuses them
  e(() => torch.stack([len(train_data) - 3, 0].map((i) => train_data.index([i, i + block_size]))));

  torch.manual_seed(1337);
  const m = new BigramLanguageModel(vocab_size);
  let [logits, loss] = m(xb, yb);
  p(logits.shape);
  p(loss);
  p(m);
  // the lecture's first attempt, before the view: cross_entropy wants the classes in dim 1
  e(() => F.cross_entropy(m.token_embedding_table(xb), yb));
  // (an index past the vocabulary is left out: tocha's message adds the index and the Embedding's sizes to PyTorch's
  // "index out of range in self")

  p(decode(m.generate(torch.zeros([1, 1], { dtype: torch.long }), 100).index(0).tolist() as number[]));
  // the usual slips in generate: a float context (no dtype=torch.long), sampling from the logits instead of the
  // probabilities, torch.cat without dim=1
  e(() => m.generate(torch.zeros([1, 1]), 1));
  e(() => torch.multinomial(m(torch.zeros([1, 1], { dtype: torch.long }))[0].index(null, -1, null), { num_samples: 1 }));
  e(() => torch.cat([torch.zeros([1, 5], { dtype: torch.long }), torch.zeros([1, 1], { dtype: torch.long })]));
  // create a PyTorch optimizer
  const optimizer = new torch.optim.AdamW(m.parameters(), { lr: 1e-3 });
  p(optimizer);
  batch_size = 32;
  for (let steps = 0; steps < 100; steps++) {  // increase number of steps for good results...
    // sample a batch of data
    [xb, yb] = get_batch('train');
    // evaluate the loss
    [logits, loss] = m(xb, yb);
    optimizer.zero_grad({ set_to_none: true });
    loss!.backward();
    optimizer.step();
  }
  n(loss!.item());
  n(decode(m.generate(torch.zeros([1, 1], { dtype: torch.long }), 300).index(0).tolist() as number[]));

  // The mathematical trick in self-attention
  // toy example illustrating how matrix multiplication can be used for a "weighted aggregation"
  torch.manual_seed(42);
  let a = torch.tril(torch.ones(3, 3));
  a = a.div(torch.sum(a, 1, { keepdim: true }));
  const b_ = torch.randint(0, 10, [3, 2]).float();
  const c = a.matmul(b_);
  p('a=');
  p(a);
  p('--');
  p('b=');
  p(b_);
  p('--');
  p('c=');
  p(c);
  // consider the following toy example:
  torch.manual_seed(1337);
  let [B, T, C] = [4, 8, 2];  // batch, time, channels
  let x = torch.randn(B, T, C);
  p(x.shape);
  // We want x[b,t] = mean_{i<=t} x[b,i]
  const xbow = torch.zeros([B, T, C]);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const xprev = x.index(b, [null, t + 1]);  // (t,C)
      xbow.set(b, t, torch.mean(xprev, 0));  // xbow[b,t] = ...
    }
  }
  p(x.index(0));
  p(xbow.index(0));
  // version 2: using matrix multiply for a weighted aggregation
  let wei = torch.tril(torch.ones(T, T));
  wei = wei.div(wei.sum(1, { keepdim: true }));
  const xbow2 = wei.matmul(x);  // (B, T, T) @ (B, T, C) ----> (B, T, C)
  p(torch.allclose(xbow, xbow2, { atol: 1e-6 }));  // atol: see version 3
  p(wei);
  // version 3: use Softmax
  let tril = torch.tril(torch.ones(T, T));
  wei = torch.zeros([T, T]);
  wei = wei.masked_fill(tril.eq(0), -Infinity);  // float('-inf')
  p(wei);
  wei = F.softmax(wei, { dim: -1 });
  const xbow3 = wei.matmul(x);
  // atol=1e-6 (the notebook: the default 1e-8): xbow3[1, 5, 1] sums six terms near 1 to 0.002, and its last bits are
  // the matrix product's order (PyTorch folds this product into an OpenBLAS sgemm, which fuses multiply-adds; tocha
  // rounds each product), 1e-7 apart: past allclose's default tolerance for that one element in tocha
  p(torch.allclose(xbow, xbow3, { atol: 1e-6 }));
  // version 4: self-attention!
  torch.manual_seed(1337);
  [B, T, C] = [4, 8, 32];  // batch, time, channels
  x = torch.randn(B, T, C);

  // let's see a single Head perform self-attention
  const head_size = 16;
  const key = new nn.Linear(C, head_size, { bias: false });
  const query = new nn.Linear(C, head_size, { bias: false });
  const value = new nn.Linear(C, head_size, { bias: false });
  let k = key(x);  // (B, T, 16)
  let q = query(x);  // (B, T, 16)
  wei = q.matmul(k.transpose(-2, -1));  // (B, T, 16) @ (B, 16, T) ---> (B, T, T)

  tril = torch.tril(torch.ones(T, T));
  // wei = torch.zeros((T,T))
  wei = wei.masked_fill(tril.eq(0), -Infinity);
  wei = F.softmax(wei, { dim: -1 });

  const v = value(x);
  const out = wei.matmul(v);
  // out = wei @ x

  p(out.shape);
  p(wei.index(0));
  e(() => q.matmul(k));  // without the transpose
  e(() => q.matmul(k.T));  // .T reverses all three dims (PyTorch warns that it is deprecated for 3-D)
  e(() => torch.tril(torch.ones(T)));  // torch.ones(T, T) with one T
  k = torch.randn(B, T, head_size);
  q = torch.randn(B, T, head_size);
  wei = q.matmul(k.transpose(-2, -1)).mul(head_size ** -0.5);
  p(k.var());
  p(q.var());
  p(wei.var());
  p(torch.softmax(torch.tensor([0.1, -0.2, 0.3, -0.2, 0.5]), { dim: -1 }));
  p(torch.softmax(torch.tensor([0.1, -0.2, 0.3, -0.2, 0.5]).mul(8), { dim: -1 }));  // gets too peaky, converges to one-hot

  torch.manual_seed(1337);
  const module = new LayerNorm1d(100);
  x = torch.randn(32, 100);  // batch size 32 of 100-dimensional vectors
  x = module.call(x);
  p(x.shape);
  p(tuple(x.index(null, 0).mean(), x.index(null, 0).std()));  // mean,std of one feature across all batch inputs
  p(tuple(x.index(0, null).mean(), x.index(0, null).std()));  // mean,std of a single input from the batch, of its features
});

/** Python's str() of a value, for the f-strings that format lists. */
function py(v: unknown): string {
  return Array.isArray(v) ? `[${v.map(py).join(', ')}]` : typeof v === 'string' ? pystr(v) : String(v);
}

// -------------------------------------------------------------------------------------------------
// ng-video-lecture's bigram.py (max_iters 3000, eval_interval 300, eval_iters 200 there)
const bigram = program(() => {
  // hyperparameters
  const batch_size = 32;  // how many independent sequences will we process in parallel?
  const block_size = 8;  // what is the maximum context length for predictions?
  const max_iters = 300;
  const eval_interval = 100;
  const learning_rate = 1e-2;
  const device = torch.cuda.is_available() ? 'cuda' : 'cpu';
  const eval_iters = 10;
  // ------------

  torch.manual_seed(1337);

  const text = TEXT;  // with open('input.txt', 'r', encoding='utf-8') as f: text = f.read()
  const { vocab_size, encode, decode } = vocabulary(text);

  // Train and test splits
  const data = torch.tensor(encode(text), { dtype: torch.long });
  const n_ = Math.trunc(0.9 * len(data));  // first 90% will be train, rest val
  const train_data = data.index([null, n_]);
  const val_data = data.index([n_, null]);

  // data loading
  const get_batch = (split: string): [Tensor, Tensor] => {
    // generate a small batch of data of inputs x and targets y
    const data = split === 'train' ? train_data : val_data;
    const ix = torch.randint(len(data) - block_size, [batch_size]);
    let x = torch.stack((ix.tolist() as number[]).map((i) => data.index([i, i + block_size])));
    let y = torch.stack((ix.tolist() as number[]).map((i) => data.index([i + 1, i + block_size + 1])));
    [x, y] = [x.to(device), y.to(device)];
    return [x, y];
  };

  // @torch.no_grad()
  const estimate_loss = () => torch.no_grad(() => {
    const out: Record<string, Tensor> = {};
    model.eval();
    for (const split of ['train', 'val']) {
      const losses = torch.zeros(eval_iters);
      for (let k = 0; k < eval_iters; k++) {
        const [X, Y] = get_batch(split);
        const [, loss] = model(X, Y);
        losses.set(k, loss!.item());  // losses[k] = loss.item()
      }
      out[split] = losses.mean();
    }
    model.train();
    return out;
  });

  const model = new BigramLanguageModel(vocab_size);
  const m = model.to(device);

  // create a PyTorch optimizer
  const optimizer = new torch.optim.AdamW(model.parameters(), { lr: learning_rate });

  for (let iter = 0; iter < max_iters; iter++) {
    // every once in a while evaluate the loss on train and val sets
    if (iter % eval_interval === 0) {
      const losses = estimate_loss();
      n(`step ${iter}: train loss ${item(losses.train).toFixed(4)}, val loss ${item(losses.val).toFixed(4)}`);
    }

    // sample a batch of data
    const [xb, yb] = get_batch('train');

    // evaluate the loss
    const [, loss] = model(xb, yb);
    optimizer.zero_grad({ set_to_none: true });
    loss!.backward();
    optimizer.step();
  }

  // generate from the model
  const context = torch.zeros([1, 1], { dtype: torch.long, device });
  n(decode(m.generate(context, 500).index(0).tolist() as number[]));
});

// -------------------------------------------------------------------------------------------------
// ng-video-lecture's gpt.py (batch_size 64, block_size 256, max_iters 5000, eval_interval 500, learning_rate 3e-4,
// eval_iters 200, n_embd 384, n_head 6, n_layer 6 there). The hyperparameters are module globals in gpt.py: here the
// classes read them from `hp`, which the program sets.
const hp = { batch_size: 8, block_size: 16, n_embd: 32, n_head: 4, n_layer: 2, dropout: 0.2, vocab_size: 0, device: 'cpu' };

/** one head of self-attention */
class Head extends nn.Module {
  key: torch.nn.Linear;
  query: torch.nn.Linear;
  value: torch.nn.Linear;
  declare tril: Tensor;
  dropout: torch.nn.Dropout;
  constructor(head_size: number) {
    super();
    this.key = new nn.Linear(hp.n_embd, head_size, { bias: false });
    this.query = new nn.Linear(hp.n_embd, head_size, { bias: false });
    this.value = new nn.Linear(hp.n_embd, head_size, { bias: false });
    this.register_buffer('tril', torch.tril(torch.ones(hp.block_size, hp.block_size)));

    this.dropout = new nn.Dropout(hp.dropout);
  }

  override forward(x: Tensor): Tensor {
    // input of size (batch, time-step, channels)
    // output of size (batch, time-step, head size)
    const [, T] = x.shape;
    const k = this.key(x);  // (B,T,hs)
    const q = this.query(x);  // (B,T,hs)
    // compute attention scores ("affinities")
    let wei = q.matmul(k.transpose(-2, -1)).mul(k.size(-1) ** -0.5);  // (B, T, hs) @ (B, hs, T) -> (B, T, T)
    wei = wei.masked_fill(this.tril.index([null, T], [null, T]).eq(0), -Infinity);  // (B, T, T)
    wei = F.softmax(wei, { dim: -1 });  // (B, T, T)
    wei = this.dropout(wei);
    // perform the weighted aggregation of the values
    const v = this.value(x);  // (B,T,hs)
    const out = wei.matmul(v);  // (B, T, T) @ (B, T, hs) -> (B, T, hs)
    return out;
  }
}

/** multiple heads of self-attention in parallel */
class MultiHeadAttention extends nn.Module {
  heads: torch.nn.ModuleList;
  proj: torch.nn.Linear;
  dropout: torch.nn.Dropout;
  constructor(num_heads: number, head_size: number) {
    super();
    this.heads = new nn.ModuleList(Array.from({ length: num_heads }, () => new Head(head_size)));
    this.proj = new nn.Linear(head_size * num_heads, hp.n_embd);
    this.dropout = new nn.Dropout(hp.dropout);
  }

  override forward(x: Tensor): Tensor {
    let out = torch.cat([...this.heads].map((h) => (h as Head)(x)), { dim: -1 });
    out = this.dropout(this.proj(out));
    return out;
  }
}

/** a simple linear layer followed by a non-linearity */
class FeedFoward extends nn.Module {
  net: torch.nn.Sequential;
  constructor(n_embd: number) {
    super();
    this.net = new nn.Sequential(
      new nn.Linear(n_embd, 4 * n_embd),
      new nn.ReLU(),
      new nn.Linear(4 * n_embd, n_embd),
      new nn.Dropout(hp.dropout),
    );
  }

  override forward(x: Tensor): Tensor {
    return this.net(x);
  }
}

/** Transformer block: communication followed by computation */
class Block extends nn.Module {
  sa: MultiHeadAttention;
  ffwd: FeedFoward;
  ln1: torch.nn.LayerNorm;
  ln2: torch.nn.LayerNorm;
  constructor(n_embd: number, n_head: number) {
    // n_embd: embedding dimension, n_head: the number of heads we'd like
    super();
    const head_size = Math.trunc(n_embd / n_head);
    this.sa = new MultiHeadAttention(n_head, head_size);
    this.ffwd = new FeedFoward(n_embd);
    this.ln1 = new nn.LayerNorm(n_embd);
    this.ln2 = new nn.LayerNorm(n_embd);
  }

  override forward(x: Tensor): Tensor {
    x = x.add(this.sa(this.ln1(x)));
    x = x.add(this.ffwd(this.ln2(x)));
    return x;
  }
}

class GPTLanguageModel extends nn.Module {
  token_embedding_table: torch.nn.Embedding;
  position_embedding_table: torch.nn.Embedding;
  blocks: torch.nn.Sequential;
  ln_f: torch.nn.LayerNorm;
  lm_head: torch.nn.Linear;
  constructor() {
    super();
    // each token directly reads off the logits for the next token from a lookup table
    this.token_embedding_table = new nn.Embedding(hp.vocab_size, hp.n_embd);
    this.position_embedding_table = new nn.Embedding(hp.block_size, hp.n_embd);
    this.blocks = new nn.Sequential(...Array.from({ length: hp.n_layer }, () => new Block(hp.n_embd, hp.n_head)));
    this.ln_f = new nn.LayerNorm(hp.n_embd);  // final layer norm
    this.lm_head = new nn.Linear(hp.n_embd, hp.vocab_size);

    // better init, not covered in the original GPT video, but important, will cover in followup video
    this.apply((m) => this._init_weights(m));
  }

  _init_weights(module: torch.nn.Module): void {
    if (module instanceof nn.Linear) {
      torch.nn.init.normal_(module.weight, { mean: 0.0, std: 0.02 });
      if (module.bias !== null) torch.nn.init.zeros_(module.bias);
    } else if (module instanceof nn.Embedding) {
      torch.nn.init.normal_(module.weight, { mean: 0.0, std: 0.02 });
    }
  }

  override forward(idx: Tensor, targets: Tensor | null = null): [Tensor, Tensor | null] {
    let [B, T] = idx.shape;

    // idx and targets are both (B,T) tensor of integers
    const tok_emb = this.token_embedding_table(idx);  // (B,T,C)
    const pos_emb = this.position_embedding_table(torch.arange(T, { device: hp.device }));  // (T,C)
    let x = tok_emb.add(pos_emb);  // (B,T,C)
    x = this.blocks(x);  // (B,T,C)
    x = this.ln_f(x);  // (B,T,C)
    let logits = this.lm_head(x);  // (B,T,vocab_size)

    let loss: Tensor | null;
    if (targets === null) {
      loss = null;
    } else {
      let C: number;
      [B, T, C] = logits.shape;
      logits = logits.view(B * T, C);
      targets = targets.view(B * T);
      loss = F.cross_entropy(logits, targets);
    }
    return [logits, loss];
  }

  generate(idx: Tensor, max_new_tokens: number): Tensor {
    // idx is (B, T) array of indices in the current context
    for (let _ = 0; _ < max_new_tokens; _++) {
      // crop idx to the last block_size tokens
      const idx_cond = idx.index(null, [-hp.block_size, null]);
      // get the predictions
      let [logits] = this.forward(idx_cond);
      // focus only on the last time step
      logits = logits.index(null, -1, null);  // becomes (B, C)
      // apply softmax to get probabilities
      const probs = F.softmax(logits, { dim: -1 });  // (B, C)
      // sample from the distribution
      const idx_next = torch.multinomial(probs, { num_samples: 1 });  // (B, 1)
      // append sampled index to the running sequence
      idx = torch.cat([idx, idx_next], { dim: 1 });  // (B, T+1)
    }
    return idx;
  }
}

const gpt = program(() => {
  // hyperparameters
  const batch_size = 8;  // how many independent sequences will we process in parallel?
  const block_size = 16;  // what is the maximum context length for predictions?
  const max_iters = 30;
  const eval_interval = 10;
  const learning_rate = 1e-3;
  const device = torch.cuda.is_available() ? 'cuda' : 'cpu';
  const eval_iters = 4;
  const n_embd = 32;
  const n_head = 4;
  const n_layer = 2;
  const dropout = 0.2;
  // ------------
  Object.assign(hp, { batch_size, block_size, n_embd, n_head, n_layer, dropout, device });

  torch.manual_seed(1337);

  const text = TEXT;
  const { vocab_size, encode, decode } = vocabulary(text);
  hp.vocab_size = vocab_size;
  const data = torch.tensor(encode(text), { dtype: torch.long });
  const n_ = Math.trunc(0.9 * len(data));
  const train_data = data.index([null, n_]);
  const val_data = data.index([n_, null]);

  // get_batch and estimate_loss are bigram.py's
  const get_batch = (split: string): [Tensor, Tensor] => {
    const data = split === 'train' ? train_data : val_data;
    const ix = torch.randint(len(data) - block_size, [batch_size]);
    let x = torch.stack((ix.tolist() as number[]).map((i) => data.index([i, i + block_size])));
    let y = torch.stack((ix.tolist() as number[]).map((i) => data.index([i + 1, i + block_size + 1])));
    [x, y] = [x.to(device), y.to(device)];
    return [x, y];
  };
  const estimate_loss = () => torch.no_grad(() => {
    const out: Record<string, Tensor> = {};
    model.eval();
    for (const split of ['train', 'val']) {
      const losses = torch.zeros(eval_iters);
      for (let k = 0; k < eval_iters; k++) {
        const [X, Y] = get_batch(split);
        const [, loss] = model(X, Y);
        losses.set(k, loss!.item());
      }
      out[split] = losses.mean();
    }
    model.train();
    return out;
  });

  const model = new GPTLanguageModel();
  const m = model.to(device);
  // print the number of parameters in the model
  p([...m.parameters()].reduce((s, q) => s + q.numel(), 0) / 1e6, 'M parameters');
  p(m);
  p(Object.keys(m.state_dict()).slice(0, 12));
  p(((m.blocks[0] as Block).sa.heads[0] as Head).tril.index([null, 4], [null, 4]));
  p(m.token_embedding_table.weight.index(0, [null, 6]));
  p(m.lm_head.bias!.index([null, 6]));

  // create a PyTorch optimizer
  const optimizer = new torch.optim.AdamW(model.parameters(), { lr: learning_rate });

  for (let iter = 0; iter < max_iters; iter++) {
    // every once in a while evaluate the loss on train and val sets
    if (iter % eval_interval === 0 || iter === max_iters - 1) {
      const losses = estimate_loss();
      n(`step ${iter}: train loss ${item(losses.train).toFixed(4)}, val loss ${item(losses.val).toFixed(4)}`);
    }

    // sample a batch of data
    const [xb, yb] = get_batch('train');

    // evaluate the loss
    const [, loss] = model(xb, yb);
    optimizer.zero_grad({ set_to_none: true });
    loss!.backward();
    optimizer.step();
  }

  // generate from the model
  const context = torch.zeros([1, 1], { dtype: torch.long, device });
  n(decode(m.generate(context, 100).index(0).tolist() as number[]));
  // without the crop idx[:, -block_size:], a context longer than block_size: the position table runs out (left out:
  // tocha's message adds the index and the Embedding's sizes to PyTorch's "index out of range in self"), and a Head
  // alone, given 17 steps, masks with its 16x16 tril
  e(() => ((m.blocks[0] as Block).sa.heads[0] as Head)(torch.zeros(1, block_size + 1, n_embd)));
});

// -------------------------------------------------------------------------------------------------
// nanoGPT's model.py (early 2023: new_gelu, and the flash check that PyTorch 1.13 fails, so the manual attention
// runs) with train.py's loop and sample.py, on the character-level data of data/shakespeare_char/prepare.py

/**
 * Implementation of the GELU activation function currently in Google BERT repo (identical to OpenAI GPT).
 * Reference: Gaussian Error Linear Units (GELU) paper: https://arxiv.org/abs/1606.08415
 */
function new_gelu(x: Tensor): Tensor {
  return x.mul(0.5).mul(torch.tanh(x.add(torch.pow(x, 3.0).mul(0.044715)).mul(Math.sqrt(2.0 / Math.PI))).add(1.0));
}

/** LayerNorm but with an optional bias. PyTorch doesn't support simply bias=False */
class LayerNorm extends nn.Module {
  weight: torch.nn.Parameter;
  bias: torch.nn.Parameter | null;
  constructor(ndim: number, bias: boolean) {
    super();
    this.weight = new nn.Parameter(torch.ones(ndim));
    this.bias = bias ? new nn.Parameter(torch.zeros(ndim)) : null;
  }

  override forward(input: Tensor): Tensor {
    return F.layer_norm(input, this.weight.shape, this.weight, this.bias, 1e-5);
  }
}

/** nanoGPT's GPTConfig dataclass (its repr is the dataclass's). */
class GPTConfig {
  block_size = 1024;
  vocab_size = 50304;  // GPT-2 vocab_size of 50257, padded up to nearest multiple of 64 for efficiency
  n_layer = 12;
  n_head = 12;
  n_embd = 768;
  dropout = 0.0;
  bias = true;  // True: bias in Linears and LayerNorms, like GPT-2. False: a bit better and faster
  constructor(kw: Partial<GPTConfig> = {}) {
    Object.assign(this, kw);
  }

  toString(): string {
    return `GPTConfig(block_size=${this.block_size}, vocab_size=${this.vocab_size}, n_layer=${this.n_layer}, ` +
      `n_head=${this.n_head}, n_embd=${this.n_embd}, dropout=${pyrepr(this.dropout)}, bias=${this.bias ? 'True' : 'False'})`;
  }
}

class CausalSelfAttention extends nn.Module {
  c_attn: torch.nn.Linear;
  c_proj: torch.nn.Linear;
  attn_dropout: torch.nn.Dropout;
  resid_dropout: torch.nn.Dropout;
  n_head: number;
  n_embd: number;
  dropout: number;
  flash: boolean;
  declare bias: Tensor;
  constructor(config: GPTConfig) {
    super();
    assert(config.n_embd % config.n_head === 0);
    // key, query, value projections for all heads, but in a batch
    this.c_attn = new nn.Linear(config.n_embd, 3 * config.n_embd, { bias: config.bias });
    // output projection
    this.c_proj = new nn.Linear(config.n_embd, config.n_embd, { bias: config.bias });
    // regularization
    this.attn_dropout = new nn.Dropout(config.dropout);
    this.resid_dropout = new nn.Dropout(config.dropout);
    this.n_head = config.n_head;
    this.n_embd = config.n_embd;
    this.dropout = config.dropout;
    // flash attention make GPU go brrrrr but support is only in PyTorch >= 2.0
    this.flash = 'scaled_dot_product_attention' in torch.nn.functional;  // hasattr(torch.nn.functional, ...)
    if (!this.flash) {
      p('WARNING: using slow attention. Flash Attention requires PyTorch >= 2.0');
      // causal mask to ensure that attention is only applied to the left in the input sequence
      this.register_buffer('bias', torch.tril(torch.ones(config.block_size, config.block_size))
        .view(1, 1, config.block_size, config.block_size));
    }
  }

  override forward(x: Tensor): Tensor {
    const [B, T, C] = x.size();  // batch size, sequence length, embedding dimensionality (n_embd)

    // calculate query, key, values for all heads in batch and move head forward to be the batch dim
    let [q, k, v] = this.c_attn(x).split(this.n_embd, { dim: 2 });
    k = k.view(B, T, this.n_head, Math.trunc(C / this.n_head)).transpose(1, 2);  // (B, nh, T, hs)
    q = q.view(B, T, this.n_head, Math.trunc(C / this.n_head)).transpose(1, 2);  // (B, nh, T, hs)
    v = v.view(B, T, this.n_head, Math.trunc(C / this.n_head)).transpose(1, 2);  // (B, nh, T, hs)

    // causal self-attention; Self-attend: (B, nh, T, hs) x (B, nh, hs, T) -> (B, nh, T, T)
    let y: Tensor;
    if (this.flash) {
      throw new Error('flash attention needs PyTorch >= 2.0');  // never taken on 1.13
    } else {
      // manual implementation of attention
      let att = q.matmul(k.transpose(-2, -1)).mul(1.0 / Math.sqrt(k.size(-1)));
      att = att.masked_fill(this.bias.index(null, null, [null, T], [null, T]).eq(0), -Infinity);
      att = F.softmax(att, { dim: -1 });
      att = this.attn_dropout(att);
      y = att.matmul(v);  // (B, nh, T, T) x (B, nh, T, hs) -> (B, nh, T, hs)
    }
    y = y.transpose(1, 2).contiguous().view(B, T, C);  // re-assemble all head outputs side by side

    // output projection
    y = this.resid_dropout(this.c_proj(y));
    return y;
  }
}

class MLP extends nn.Module {
  c_fc: torch.nn.Linear;
  c_proj: torch.nn.Linear;
  dropout: torch.nn.Dropout;
  constructor(config: GPTConfig) {
    super();
    this.c_fc = new nn.Linear(config.n_embd, 4 * config.n_embd, { bias: config.bias });
    this.c_proj = new nn.Linear(4 * config.n_embd, config.n_embd, { bias: config.bias });
    this.dropout = new nn.Dropout(config.dropout);
  }

  override forward(x: Tensor): Tensor {
    x = this.c_fc(x);
    x = new_gelu(x);
    x = this.c_proj(x);
    x = this.dropout(x);
    return x;
  }
}

class NanoBlock extends nn.Module {  // model.py's Block
  ln_1: LayerNorm;
  attn: CausalSelfAttention;
  ln_2: LayerNorm;
  mlp: MLP;
  constructor(config: GPTConfig) {
    super();
    this.ln_1 = new LayerNorm(config.n_embd, config.bias);
    this.attn = new CausalSelfAttention(config);
    this.ln_2 = new LayerNorm(config.n_embd, config.bias);
    this.mlp = new MLP(config);
  }

  override forward(x: Tensor): Tensor {
    x = x.add(this.attn(this.ln_1(x)));
    x = x.add(this.mlp(this.ln_2(x)));
    return x;
  }
  // PyTorch prints the class's own name
  override _getName(): string { return 'Block'; }
}

type NanoTransformer = torch.nn.ModuleDict & {
  wte: torch.nn.Embedding; wpe: torch.nn.Embedding; drop: torch.nn.Dropout; h: torch.nn.ModuleList; ln_f: LayerNorm;
};

class GPT extends nn.Module {
  config: GPTConfig;
  transformer: NanoTransformer;
  lm_head: torch.nn.Linear;
  constructor(config: GPTConfig) {
    super();
    assert(config.vocab_size !== null);
    assert(config.block_size !== null);
    this.config = config;

    this.transformer = new nn.ModuleDict({
      wte: new nn.Embedding(config.vocab_size, config.n_embd),
      wpe: new nn.Embedding(config.block_size, config.n_embd),
      drop: new nn.Dropout(config.dropout),
      h: new nn.ModuleList(Array.from({ length: config.n_layer }, () => new NanoBlock(config))),
      ln_f: new LayerNorm(config.n_embd, config.bias),
    }) as NanoTransformer;
    this.lm_head = new nn.Linear(config.n_embd, config.vocab_size, { bias: false });
    // with weight tying when using torch.compile() some warnings get generated:
    // "UserWarning: functional_call was passed multiple values for tied weights.
    // This behavior is deprecated and will be an error in future versions"
    // not 100% sure what this is, so far seems to be harmless. TODO investigate
    this.transformer.wte.weight = this.lm_head.weight;  // https://paperswithcode.com/method/weight-tying

    // init all weights
    this.apply((m) => this._init_weights(m));
    // apply special scaled init to the residual projections, per GPT-2 paper
    for (const [pn, p_] of this.named_parameters()) {
      if (pn.endsWith('c_proj.weight')) {
        torch.nn.init.normal_(p_, { mean: 0.0, std: 0.02 / Math.sqrt(2 * config.n_layer) });
      }
    }

    // report number of parameters
    p(`number of parameters: ${(this.get_num_params() / 1e6).toFixed(2)}M`);  // "%.2fM" % ...
  }

  /**
   * Return the number of parameters in the model.
   * For non-embedding count (default), the position embeddings get subtracted.
   * The token embeddings would too, except due to the parameter sharing these
   * params are actually used as weights in the final layer, so we include them.
   */
  get_num_params(non_embedding = true): number {
    let n_params = [...this.parameters()].reduce((s, q) => s + q.numel(), 0);
    if (non_embedding) n_params -= this.transformer.wpe.weight.numel();
    return n_params;
  }

  _init_weights(module: torch.nn.Module): void {
    if (module instanceof nn.Linear) {
      torch.nn.init.normal_(module.weight, { mean: 0.0, std: 0.02 });
      if (module.bias !== null) torch.nn.init.zeros_(module.bias);
    } else if (module instanceof nn.Embedding) {
      torch.nn.init.normal_(module.weight, { mean: 0.0, std: 0.02 });
    }
  }

  override forward(idx: Tensor, targets: Tensor | null = null): [Tensor, Tensor | null] {
    const device = idx.device;
    const [, t] = idx.size();
    assert(t <= this.config.block_size, `Cannot forward sequence of length ${t}, block size is only ${this.config.block_size}`);
    const pos = torch.arange(0, t, { dtype: torch.long, device });  // shape (t)

    // forward the GPT model itself
    const tok_emb = this.transformer.wte(idx);  // token embeddings of shape (b, t, n_embd)
    const pos_emb = this.transformer.wpe(pos);  // position embeddings of shape (t, n_embd)
    let x = this.transformer.drop(tok_emb.add(pos_emb));
    for (const block of this.transformer.h) x = (block as NanoBlock)(x);
    x = this.transformer.ln_f(x);

    let logits: Tensor;
    let loss: Tensor | null;
    if (targets !== null) {
      // if we are given some desired targets also calculate the loss
      logits = this.lm_head(x);
      loss = F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1), { ignore_index: -1 });
    } else {
      // inference-time mini-optimization: only forward the lm_head on the very last position
      logits = this.lm_head(x.index(null, torch.tensor([-1]), null));  // note: using list [-1] to preserve the time dim
      loss = null;
    }
    return [logits, loss];
  }

  crop_block_size(block_size: number): void {
    // model surgery to decrease the block size if necessary
    // e.g. we may load the GPT2 pretrained model checkpoint (block size 1024)
    // but want to use a smaller block size for some smaller, simpler model
    assert(block_size <= this.config.block_size);
    this.config.block_size = block_size;
    this.transformer.wpe.weight = new nn.Parameter(this.transformer.wpe.weight.index([null, block_size]));
    for (const block of this.transformer.h as Iterable<NanoBlock>) {
      if ('bias' in block.attn) {  // hasattr(block.attn, 'bias')
        block.attn.bias = block.attn.bias.index(null, null, [null, block_size], [null, block_size]);
      }
    }
  }

  configure_optimizers(weight_decay: number, learning_rate: number, betas: readonly [number, number], device_type: string) {
    // start with all of the candidate parameters
    let param_dict = Object.fromEntries(this.named_parameters());
    // filter out those that do not require grad
    param_dict = Object.fromEntries(Object.entries(param_dict).filter(([, q]) => q.requires_grad));
    // create optim groups. Any parameters that is 2D will be weight decayed, otherwise no.
    // i.e. all weight tensors in matmuls + embeddings decay, all biases and layernorms don't.
    const decay_params = Object.values(param_dict).filter((q) => q.dim() >= 2);
    const nodecay_params = Object.values(param_dict).filter((q) => q.dim() < 2);
    const optim_groups = [
      { params: decay_params, weight_decay },
      { params: nodecay_params, weight_decay: 0.0 },
    ];
    const num_decay_params = decay_params.reduce((s, q) => s + q.numel(), 0);
    const num_nodecay_params = nodecay_params.reduce((s, q) => s + q.numel(), 0);
    // f"{x:,}" is toLocaleString('en-US')
    p(`num decayed parameter tensors: ${decay_params.length}, with ${num_decay_params.toLocaleString('en-US')} parameters`);
    p(`num non-decayed parameter tensors: ${nodecay_params.length}, with ${num_nodecay_params.toLocaleString('en-US')} parameters`);
    // Create AdamW optimizer and use the fused version if it is available
    // 'fused' in inspect.signature(torch.optim.AdamW).parameters: PyTorch 1.13's AdamW has no fused argument
    const fused_available = false;
    const use_fused = fused_available && device_type === 'cuda';
    const extra_args = use_fused ? { fused: true } : {};
    const optimizer = new torch.optim.AdamW(optim_groups, { lr: learning_rate, betas, ...extra_args });
    p(`using fused AdamW: ${use_fused ? 'True' : 'False'}`);

    return optimizer;
  }

  /** estimate model flops utilization (MFU) in units of A100 bfloat16 peak FLOPS */
  estimate_mfu(fwdbwd_per_iter: number, dt: number): number {
    // first estimate the number of flops we do per iteration.
    // see PaLM paper Appendix B as ref: https://arxiv.org/abs/2204.02311
    const N = this.get_num_params();
    const cfg = this.config;
    const [L, H, Q, T] = [cfg.n_layer, cfg.n_head, Math.trunc(cfg.n_embd / cfg.n_head), cfg.block_size];
    const flops_per_token = 6 * N + 12 * L * H * Q * T;
    const flops_per_fwdbwd = flops_per_token * T;
    const flops_per_iter = flops_per_fwdbwd * fwdbwd_per_iter;
    // express our flops throughput as ratio of A100 bfloat16 peak flops
    const flops_achieved = flops_per_iter * (1.0 / dt);  // per second
    const flops_promised = 312e12;  // A100 GPU bfloat16 peak flops is 312 TFLOPS
    const mfu = flops_achieved / flops_promised;
    return mfu;
  }

  /**
   * Take a conditioning sequence of indices idx (LongTensor of shape (b,t)) and complete
   * the sequence max_new_tokens times, feeding the predictions back into the model each time.
   * Most likely you'll want to make sure to be in model.eval() mode of operation for this.
   */
  generate(idx: Tensor, max_new_tokens: number, temperature = 1.0, top_k: number | null = null): Tensor {
    return torch.no_grad(() => {  // @torch.no_grad()
      for (let _ = 0; _ < max_new_tokens; _++) {
        // if the sequence context is growing too long we must crop it at block_size
        const idx_cond = idx.size(1) <= this.config.block_size ? idx : idx.index(null, [-this.config.block_size, null]);
        // forward the model to get the logits for the index in the sequence
        let [logits] = this.forward(idx_cond);
        // pluck the logits at the final step and scale by desired temperature
        logits = logits.index(null, -1, null).div(temperature);
        // optionally crop the logits to only the top k options
        if (top_k !== null) {
          const [v] = torch.topk(logits, Math.min(top_k, logits.size(-1)));
          logits.set(logits.lt(v.index(null, torch.tensor([-1]))), -Infinity);  // logits[logits < v[:, [-1]]] = -float('Inf')
        }
        // apply softmax to convert logits to (normalized) probabilities
        const probs = F.softmax(logits, { dim: -1 });
        // sample from the distribution
        const idx_next = torch.multinomial(probs, { num_samples: 1 });
        // append sampled index to the running sequence and continue
        idx = torch.cat([idx, idx_next], { dim: 1 });
      }
      return idx;
    });
  }
}

const nanogpt = program(() => {
  // data/shakespeare_char/prepare.py
  let data = TEXT;
  p(`length of dataset in characters: ${data.length.toLocaleString('en-US')}`);
  const { chars, vocab_size, encode, decode } = vocabulary(data);
  p('all the unique characters:', chars.join(''));
  p(`vocab size: ${vocab_size.toLocaleString('en-US')}`);
  const n_ = data.length;
  const train_text = data.slice(0, Math.trunc(n_ * 0.9));
  const val_text = data.slice(Math.trunc(n_ * 0.9));
  const train_ids = encode(train_text);
  const val_ids = encode(val_text);
  p(`train has ${train_ids.length.toLocaleString('en-US')} tokens`);
  p(`val has ${val_ids.length.toLocaleString('en-US')} tokens`);
  // prepare.py writes train.bin / val.bin as np.uint16 and train.py reads them with np.memmap: tensors here
  const train_data = torch.tensor(train_ids, { dtype: torch.long });
  const val_data = torch.tensor(val_ids, { dtype: torch.long });
  void data;
  data = '';

  // train.py, with config/train_shakespeare_char.py's settings made tiny
  const out_dir = 'out-shakespeare-char';
  const eval_interval = 4;
  const log_interval = 1;
  const eval_iters = 3;
  const always_save_checkpoint = false;
  const gradient_accumulation_steps = 2;
  const batch_size = 4;
  const block_size = 16;
  const n_layer = 2;
  const n_head = 4;
  const n_embd = 32;
  const dropout = 0.1;
  const bias = false;
  const learning_rate = 1e-3;
  const max_iters = 10;
  const weight_decay = 1e-1;
  const beta1 = 0.9;
  const beta2 = 0.99;
  const grad_clip: number = 1.0;
  const decay_lr = true;
  const warmup_iters = 2;
  const lr_decay_iters = 10;
  const min_lr = 1e-4;
  const device = 'cpu';
  const device_type = 'cpu';
  torch.manual_seed(1337);

  const get_batch = (split: string): [Tensor, Tensor] => {
    const data = split === 'train' ? train_data : val_data;
    const ix = torch.randint(len(data) - block_size, [batch_size]);
    // train.py: torch.from_numpy((data[i:i+block_size]).astype(np.int64))
    const x = torch.stack((ix.tolist() as number[]).map((i) => data.index([i, i + block_size])));
    const y = torch.stack((ix.tolist() as number[]).map((i) => data.index([i + 1, i + 1 + block_size])));
    return [x, y];
  };

  let iter_num = 0;
  let best_val_loss: number | Tensor = 1e9;
  const meta_vocab_size = vocab_size;  // from meta.pkl
  p(`found vocab_size = ${meta_vocab_size} (inside data/shakespeare_char/meta.pkl)`);
  const model_args: Record<string, number | boolean | null> = {
    n_layer, n_head, n_embd, block_size, bias, vocab_size: null, dropout,
  };  // start with model_args from command line
  // init a new model from scratch
  p('Initializing a new model from scratch');
  model_args.vocab_size = meta_vocab_size ?? 50304;
  let gptconf = new GPTConfig(model_args as Partial<GPTConfig>);
  p(gptconf);
  const model = new GPT(gptconf);
  p(model);
  p(model.transformer.wte.weight === model.lm_head.weight);
  p([...model.named_parameters()].map(([pn]) => pn));
  p(Object.keys(model.state_dict()));
  p(model.get_num_params(), model.get_num_params(false), [...model.parameters()].reduce((s, q) => s + q.numel(), 0));
  const h0 = model.transformer.h[0] as NanoBlock;
  p(h0.attn.bias.shape, h0.attn.bias.index(0, 0, [null, 3], [null, 3]));
  p(h0.attn.c_proj.weight.std().lt(0.015), h0.attn.c_attn.weight.std().gt(0.015));
  p(model.lm_head.weight.index([null, 2], [null, 4]));
  p((model.transformer.h[1] as NanoBlock).mlp.c_proj.weight.index([null, 2], [null, 4]));
  // 'float32', 'bfloat16', or 'float16', the latter will auto implement a GradScaler
  // (and torch.cuda.is_bf16_supported(), which the Python never reaches without CUDA)
  const dtype = torch.cuda.is_available() ? 'bfloat16' : 'float16';
  // initialize a GradScaler. If enabled=False scaler is a no-op (without CUDA, PyTorch disables it, with a warning)
  const scaler = new torch.cuda.amp.GradScaler({ enabled: dtype === 'float16' });
  p(dtype, scaler.is_enabled(), pyrepr(scaler.get_scale()));
  const optimizer = model.configure_optimizers(weight_decay, learning_rate, [beta1, beta2], device_type);
  p(optimizer.param_groups.map((g) => g.params.length), `[${optimizer.param_groups.map((g) => pyrepr(g.weight_decay as number)).join(', ')}]`);
  p(pyrepr(model.estimate_mfu(batch_size * gradient_accumulation_steps, 1.0)));
  p(new_gelu(torch.tensor([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])));
  p(F.gelu(torch.tensor([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0]), { approximate: 'tanh' }));

  // helps estimate an arbitrarily accurate loss over either split using many batches
  const estimate_loss = () => torch.no_grad(() => {  // @torch.no_grad()
    const out: Record<string, Tensor> = {};
    model.eval();
    for (const split of ['train', 'val']) {
      const losses = torch.zeros(eval_iters);
      for (let k = 0; k < eval_iters; k++) {
        const [X, Y] = get_batch(split);
        const [, loss] = model(X, Y);  // with ctx: (nullcontext on the CPU)
        losses.set(k, loss!.item());
      }
      out[split] = losses.mean();
    }
    model.train();
    return out;
  });

  // learning rate decay scheduler (cosine with warmup)
  const get_lr = (it: number): number => {
    // 1) linear warmup for warmup_iters steps
    if (it < warmup_iters) return learning_rate * it / warmup_iters;
    // 2) if it > lr_decay_iters, return min learning rate
    if (it > lr_decay_iters) return min_lr;
    // 3) in between, use cosine decay down to min learning rate
    const decay_ratio = (it - warmup_iters) / (lr_decay_iters - warmup_iters);
    assert(decay_ratio >= 0 && decay_ratio <= 1);
    const coeff = 0.5 * (1.0 + Math.cos(Math.PI * decay_ratio));  // coeff ranges 0..1
    return min_lr + coeff * (learning_rate - min_lr);
  };

  // [round(get_lr(it), 8) for it in range(0, 12)]: Python's floats print as 0.0
  p(`[${Array.from({ length: 12 }, (_, it) => pyrepr(Number(get_lr(it).toFixed(8)))).join(', ')}]`);

  // training loop
  let [X, Y] = get_batch('train');  // fetch the very first batch
  let local_iter_num = 0;  // number of iterations in the lifetime of this process
  const raw_model = model;  // unwrap DDP container if needed
  let checkpoint: Record<string, unknown> | null = null;
  let total_norm: Tensor | null = null;
  for (;;) {
    // determine and set the learning rate for this iteration
    const lr = decay_lr ? get_lr(iter_num) : learning_rate;
    for (const param_group of optimizer.param_groups) param_group.lr = lr;

    // evaluate the loss on train/val sets and write checkpoints
    if (iter_num % eval_interval === 0) {
      const losses = estimate_loss();
      n(`step ${iter_num}: train loss ${item(losses.train).toFixed(4)}, val loss ${item(losses.val).toFixed(4)}`);
      if (losses.val.lt(best_val_loss).item() || always_save_checkpoint) {  // losses['val'] < best_val_loss
        best_val_loss = losses.val.keep();  // kept past the step (tocha releases a step's tensors)
        if (iter_num > 0) {
          checkpoint = {
            model: raw_model.state_dict(),
            optimizer: optimizer.state_dict(),
            model_args,
            iter_num,
            best_val_loss,
            config: { batch_size, learning_rate, max_iters },
          };
          p(`saving checkpoint to ${out_dir}`);  // torch.save(checkpoint, os.path.join(out_dir, 'ckpt.pt'))
        }
      }
    }

    // forward backward update, with optional gradient accumulation to simulate larger batch size
    let loss: Tensor | null = null;
    for (let micro_step = 0; micro_step < gradient_accumulation_steps; micro_step++) {
      [, loss] = model(X, Y);  // with ctx:
      loss = loss!.div(gradient_accumulation_steps);  // scale the loss to account for gradient accumulation
      // immediately async prefetch next batch while model is doing the forward pass on the GPU
      [X, Y] = get_batch('train');
      // backward pass, with gradient scaling if training in fp16
      scaler.scale(loss).backward();
    }
    // clip the gradient
    if (grad_clip !== 0.0) {
      scaler.unscale_(optimizer);
      total_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip);
    }
    // step the optimizer and scaler if training in fp16
    scaler.step(optimizer);
    scaler.update();
    // flush the gradients as soon as we can, no need for this memory anymore
    optimizer.zero_grad({ set_to_none: true });

    // timing and logging
    if (iter_num % log_interval === 0) {
      // get loss as float. note: this is a CPU-GPU sync point
      // scale up to undo the division above, approximating the true total loss (exact would have been a sum)
      const lossf = item(loss!) * gradient_accumulation_steps;
      // the time and mfu of the original depend on the clock: the gradient norm instead
      n(`iter ${iter_num}: loss ${lossf.toFixed(4)}, lr ${lr.toFixed(6)}, norm ${item(total_norm!).toFixed(4)}`);
    }
    iter_num += 1;
    local_iter_num += 1;

    // termination conditions
    if (iter_num > max_iters) break;
  }
  void local_iter_num;

  p(model.lm_head.weight.grad);
  let ckpt = checkpoint as {
    model: Record<string, Tensor>; optimizer: ReturnType<typeof optimizer.state_dict>; model_args: Record<string, unknown>;
    iter_num: number; best_val_loss: Tensor; config: Record<string, number>;
  };
  p(Object.keys(ckpt));
  p(Object.keys(ckpt.model).slice(0, 6));
  for (const [k, v] of Object.entries(ckpt.model).slice(0, 6)) p(k, v.shape);
  p(ckpt.iter_num, ckpt.model_args, ckpt.config);
  n(ckpt.best_val_loss);
  const osd = ckpt.optimizer;
  p(Object.keys(osd), Object.keys(osd.state).length, Object.keys(osd.state[0]));
  p(osd.state[0].step, (osd.state[0].exp_avg as Tensor).shape, (osd.state[Object.keys(osd.state).length - 1].exp_avg_sq as Tensor).shape);
  // n: JavaScript prints 0.0 and 1e-08 as 0 and 1e-8; betas is a tuple in Python, an array here
  n(osd.param_groups.map((g) => Object.fromEntries(Object.entries(g).filter(([k]) => k !== 'params')
    .map(([k, v]) => [k, Array.isArray(v) ? tuple(...v) : v]))));
  p(osd.param_groups.map((g) => g.params));

  // torch.save(checkpoint, os.path.join(out_dir, 'ckpt.pt')) and train.py's resume: torch.load(ckpt_path, map_location=device)
  const buf = torch.save(checkpoint);  // the bytes (io.BytesIO in the Python)
  ckpt = torch.load(buf, { map_location: device });
  p(Object.keys(ckpt), ckpt.iter_num, ckpt.model_args, ckpt.config);
  p(py(Object.keys(ckpt.model)) === py(Object.keys(model.state_dict())), torch.equal(ckpt.model['lm_head.weight'], model.lm_head.weight));
  p(ckpt.model['transformer.wte.weight'] === ckpt.model['lm_head.weight'], ckpt.model['transformer.h.0.attn.bias'].index(0, 0, 2));
  p(Object.keys(ckpt.optimizer.state).length, ckpt.optimizer.param_groups[1].params, ckpt.optimizer.state[3].step);
  n(ckpt.best_val_loss, tuple(...(ckpt.optimizer.param_groups[0].betas as number[])), (ckpt.optimizer.state[14].exp_avg_sq as Tensor).index([null, 3]));
  // resuming (train.py's init_from == 'resume') from the checkpoint dict
  gptconf = new GPTConfig(ckpt.model_args as Partial<GPTConfig>);
  const model2 = new GPT(gptconf);
  const state_dict = ckpt.model;
  const unwanted_prefix = '_orig_mod.';
  for (const [k, v] of Object.entries(state_dict)) {
    if (k.startsWith(unwanted_prefix)) {
      state_dict[k.slice(unwanted_prefix.length)] = v;  // state_dict.pop(k)
      delete state_dict[k];
    }
  }
  p(model2.load_state_dict(state_dict));
  const optimizer2 = model2.configure_optimizers(weight_decay, learning_rate, [beta1, beta2], device_type);
  optimizer2.load_state_dict(ckpt.optimizer);
  p(optimizer2.state_dict().state[0].step, optimizer2.param_groups[0].lr);
  model2.eval();
  model.eval();
  torch.no_grad(() => {
    p(torch.equal(model2(X)[0], model(X)[0]), model2(X)[0].shape);
  });

  // sample.py
  const start = '\n';  // or "<|endoftext|>" or etc. Can also specify a file, use as: "FILE:prompt.txt"
  const num_samples = 2;  // number of samples to draw
  const max_new_tokens = 60;  // number of tokens generated in each sample
  const temperature = 0.8;  // 1.0 = no change, < 1.0 = less random, > 1.0 = more random, in predictions
  const top_k = 10;  // retain only the top_k most likely tokens, clamp others to have 0 probability
  torch.manual_seed(1337);
  model.eval();
  const start_ids = encode(start);
  const x = torch.tensor(start_ids, { dtype: torch.long, device }).index('None', '...');  // [None, ...]
  torch.no_grad(() => {
    for (let k = 0; k < num_samples; k++) {
      const y = model.generate(x, max_new_tokens, temperature, top_k);
      n(decode(y.index(0).tolist() as number[]));
      n('---------------');
    }
  });
  const y = model.generate(x.repeat(3, 1), 20, 1.0, 200);  // top_k above the vocabulary: min(top_k, logits.size(-1))
  n(y.shape, decode(y.index(2).tolist() as number[]));
  // generate's top-k filtering on its own
  const logits = torch.tensor([[1.0, 3.0, 2.0, 0.5], [0.0, -1.0, 4.0, 2.0]]);
  const [v] = torch.topk(logits, 2);
  p(v, v.index(null, torch.tensor([-1])));
  logits.set(logits.lt(v.index(null, torch.tensor([-1]))), -Infinity);
  p(logits, F.softmax(logits, { dim: -1 }));
  // crop_block_size: model surgery
  model.crop_block_size(8);
  p(model.config.block_size, model.transformer.wpe.weight.shape, h0.attn.bias.shape);
  p(model.transformer.wpe);
  p(model(torch.zeros([1, 8], { dtype: torch.long }))[0].shape);
  e(() => model.crop_block_size(12));
  e(() => model.transformer.get('wpe2'));  // model.transformer['wpe2']
  // CausalSelfAttention's re-assembly without .contiguous()
  e(() => torch.zeros(2, 4, 8, 8).transpose(1, 2).view(2, 8, 32));
  e(() => model(torch.zeros([1, 9], { dtype: torch.long })));
  // ignore_index=-1: minGPT masks the loss of the prompt positions with -1
  const targets = torch.tensor([[-1, -1, 3, 4]]);
  n(F.cross_entropy(torch.randn(4, vocab_size), targets.view(-1), { ignore_index: -1 }));
  n(F.cross_entropy(torch.randn(4, vocab_size), torch.full([4], -1), { ignore_index: -1 }));
  e(() => F.cross_entropy(torch.randn(4, vocab_size), targets.view(-1)));
  // a bias=True model: LayerNorm and Linear biases, and the same parameter groups
  const model3 = new GPT(new GPTConfig({ block_size: 8, vocab_size, n_layer: 1, n_head: 2, n_embd: 16, bias: true }));
  p(model3.transformer.h[0]);
  const opt3 = model3.configure_optimizers(weight_decay, learning_rate, [beta1, beta2], device_type);
  n(opt3);  // n: its weight_decay 0.0 is a number, which JavaScript prints as 0
});

// -------------------------------------------------------------------------------------------------
// minGPT (karpathy/minGPT): mingpt/model.py, mingpt/trainer.py, mingpt/utils.py's CfgNode, and demo.ipynb's sort task

// CfgNode prints Python's str() of its values: 1.0 is a float there, a number here (the keys that hold one)
const PY_FLOATS = new Set(['grad_norm_clip']);

/** a lightweight configuration class inspired by yacs */
class CfgNode {
  [key: string]: unknown;
  constructor(kwargs: Record<string, unknown> = {}) {
    Object.assign(this, kwargs);
  }

  toString(): string {
    return this._str_helper(0);
  }

  /** need to have a helper to support nested indentation for pretty printing */
  _str_helper(indent: number): string {
    let parts: string[] = [];
    for (const [k, v] of Object.entries(this)) {
      if (v instanceof CfgNode) {
        parts.push(`${k}:\n`);
        parts.push(v._str_helper(indent + 1));
      } else {
        const s = typeof v === 'number' && PY_FLOATS.has(k) ? pyfloat(v) : pyval(v);
        parts.push(`${k}: ${s}\n`);
      }
    }
    parts = parts.map((q) => ' '.repeat(indent * 4) + q);
    return parts.join('');
  }

  /** return a dict representation of the config */
  to_dict(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this).map(([k, v]) => [k, v instanceof CfgNode ? v.to_dict() : v]));
  }

  merge_from_dict(d: Record<string, unknown>): void {
    Object.assign(this, d);
  }
}
const CN = CfgNode;
/** Python's str() of a config value (None, tuples). */
const pyval = (v: unknown): string => v === null ? 'None' : Array.isArray(v) ? `(${v.map(pyval).join(', ')})` : String(v);

/**
 * Implementation of the GELU activation function currently in Google BERT repo (identical to OpenAI GPT).
 * Reference: Gaussian Error Linear Units (GELU) paper: https://arxiv.org/abs/1606.08415
 */
class NewGELU extends nn.Module {
  override forward(x: Tensor): Tensor {
    return x.mul(0.5).mul(torch.tanh(x.add(torch.pow(x, 3.0).mul(0.044715)).mul(Math.sqrt(2.0 / Math.PI))).add(1.0));
  }
}

/**
 * A vanilla multi-head masked self-attention layer with a projection at the end.
 * It is possible to use torch.nn.MultiheadAttention here but I am including an
 * explicit implementation here to show that there is nothing too scary here.
 */
class MinCausalSelfAttention extends nn.Module {  // minGPT's CausalSelfAttention
  c_attn: torch.nn.Linear;
  c_proj: torch.nn.Linear;
  attn_dropout: torch.nn.Dropout;
  resid_dropout: torch.nn.Dropout;
  declare bias: Tensor;
  n_head: number;
  n_embd: number;
  constructor(config: CfgNode) {
    super();
    const n_embd = config.n_embd as number;
    const block_size = config.block_size as number;
    assert(n_embd % (config.n_head as number) === 0);
    // key, query, value projections for all heads, but in a batch
    this.c_attn = new nn.Linear(n_embd, 3 * n_embd);
    // output projection
    this.c_proj = new nn.Linear(n_embd, n_embd);
    // regularization
    this.attn_dropout = new nn.Dropout(config.attn_pdrop as number);
    this.resid_dropout = new nn.Dropout(config.resid_pdrop as number);
    // causal mask to ensure that attention is only applied to the left in the input sequence
    this.register_buffer('bias', torch.tril(torch.ones(block_size, block_size)).view(1, 1, block_size, block_size));
    this.n_head = config.n_head as number;
    this.n_embd = n_embd;
  }

  override forward(x: Tensor): Tensor {
    const [B, T, C] = x.size();  // batch size, sequence length, embedding dimensionality (n_embd)

    // calculate query, key, values for all heads in batch and move head forward to be the batch dim
    let [q, k, v] = this.c_attn(x).split(this.n_embd, { dim: 2 });
    k = k.view(B, T, this.n_head, Math.trunc(C / this.n_head)).transpose(1, 2);  // (B, nh, T, hs)
    q = q.view(B, T, this.n_head, Math.trunc(C / this.n_head)).transpose(1, 2);  // (B, nh, T, hs)
    v = v.view(B, T, this.n_head, Math.trunc(C / this.n_head)).transpose(1, 2);  // (B, nh, T, hs)

    // causal self-attention; Self-attend: (B, nh, T, hs) x (B, nh, hs, T) -> (B, nh, T, T)
    let att = q.matmul(k.transpose(-2, -1)).mul(1.0 / Math.sqrt(k.size(-1)));
    att = att.masked_fill(this.bias.index(null, null, [null, T], [null, T]).eq(0), -Infinity);
    att = F.softmax(att, { dim: -1 });
    att = this.attn_dropout(att);
    let y = att.matmul(v);  // (B, nh, T, T) x (B, nh, T, hs) -> (B, nh, T, hs)
    y = y.transpose(1, 2).contiguous().view(B, T, C);  // re-assemble all head outputs side by side

    // output projection
    y = this.resid_dropout(this.c_proj(y));
    return y;
  }
  override _getName(): string { return 'CausalSelfAttention'; }
}

type MinMLP = torch.nn.ModuleDict & { c_fc: torch.nn.Linear; c_proj: torch.nn.Linear; act: NewGELU; dropout: torch.nn.Dropout };

/** an unassuming Transformer block */
class MinBlock extends nn.Module {  // minGPT's Block
  ln_1: torch.nn.LayerNorm;
  attn: MinCausalSelfAttention;
  ln_2: torch.nn.LayerNorm;
  mlp: MinMLP;
  mlpf: (x: Tensor) => Tensor;
  constructor(config: CfgNode) {
    super();
    const n_embd = config.n_embd as number;
    this.ln_1 = new nn.LayerNorm(n_embd);
    this.attn = new MinCausalSelfAttention(config);
    this.ln_2 = new nn.LayerNorm(n_embd);
    this.mlp = new nn.ModuleDict({
      c_fc: new nn.Linear(n_embd, 4 * n_embd),
      c_proj: new nn.Linear(4 * n_embd, n_embd),
      act: new NewGELU(),
      dropout: new nn.Dropout(config.resid_pdrop as number),
    }) as MinMLP;
    const m = this.mlp;
    this.mlpf = (x) => m.dropout(m.c_proj(m.act(m.c_fc(x))));  // MLP forward
  }

  override forward(x: Tensor): Tensor {
    x = x.add(this.attn(this.ln_1(x)));
    x = x.add(this.mlpf(this.ln_2(x)));
    return x;
  }
  override _getName(): string { return 'Block'; }
}

type MinTransformer = torch.nn.ModuleDict & {
  wte: torch.nn.Embedding; wpe: torch.nn.Embedding; drop: torch.nn.Dropout; h: torch.nn.ModuleList; ln_f: torch.nn.LayerNorm;
};

/** GPT Language Model */
class MinGPT extends nn.Module {  // minGPT's GPT
  block_size: number;
  transformer: MinTransformer;
  lm_head: torch.nn.Linear;

  static get_default_config(): CfgNode {
    const C = new CN();
    // either model_type or (n_layer, n_head, n_embd) must be given in the config
    C.model_type = 'gpt';
    C.n_layer = null;
    C.n_head = null;
    C.n_embd = null;
    // these options must be filled in externally
    C.vocab_size = null;
    C.block_size = null;
    // dropout hyperparameters
    C.embd_pdrop = 0.1;
    C.resid_pdrop = 0.1;
    C.attn_pdrop = 0.1;
    return C;
  }

  constructor(config: CfgNode) {
    super();
    assert(config.vocab_size !== null);
    assert(config.block_size !== null);
    this.block_size = config.block_size as number;

    const type_given = config.model_type !== null;
    const params_given = [config.n_layer !== null, config.n_head !== null, config.n_embd !== null].every(Boolean);
    assert(type_given !== params_given);  // exactly one of these (XOR)
    if (type_given) {
      // translate from model_type to detailed configuration
      config.merge_from_dict(({
        // names follow the huggingface naming conventions
        // GPT-1
        'openai-gpt': { n_layer: 12, n_head: 12, n_embd: 768 },  // 117M params
        // GPT-2 configs
        'gpt2': { n_layer: 12, n_head: 12, n_embd: 768 },  // 124M params
        'gpt2-medium': { n_layer: 24, n_head: 16, n_embd: 1024 },  // 350M params
        'gpt2-large': { n_layer: 36, n_head: 20, n_embd: 1280 },  // 774M params
        'gpt2-xl': { n_layer: 48, n_head: 25, n_embd: 1600 },  // 1558M params
        // Gophers
        'gopher-44m': { n_layer: 8, n_head: 16, n_embd: 512 },
        // (there are a number more...)
        // I made these tiny models up
        'gpt-mini': { n_layer: 6, n_head: 6, n_embd: 192 },
        'gpt-micro': { n_layer: 4, n_head: 4, n_embd: 128 },
        'gpt-nano': { n_layer: 3, n_head: 3, n_embd: 48 },
      } as Record<string, Record<string, number>>)[config.model_type as string]);
    }

    const n_embd = config.n_embd as number;
    this.transformer = new nn.ModuleDict({
      wte: new nn.Embedding(config.vocab_size as number, n_embd),
      wpe: new nn.Embedding(config.block_size as number, n_embd),
      drop: new nn.Dropout(config.embd_pdrop as number),
      h: new nn.ModuleList(Array.from({ length: config.n_layer as number }, () => new MinBlock(config))),
      ln_f: new nn.LayerNorm(n_embd),
    }) as MinTransformer;
    this.lm_head = new nn.Linear(n_embd, config.vocab_size as number, { bias: false });

    // init all weights, and apply a special scaled init to the residual projections, per GPT-2 paper
    this.apply((m) => this._init_weights(m));
    for (const [pn, p_] of this.named_parameters()) {
      if (pn.endsWith('c_proj.weight')) {
        torch.nn.init.normal_(p_, { mean: 0.0, std: 0.02 / Math.sqrt(2 * (config.n_layer as number)) });
      }
    }

    // report number of parameters (note we don't count the decoder parameters in lm_head)
    const n_params = [...this.transformer.parameters()].reduce((s, q) => s + q.numel(), 0);
    p(`number of parameters: ${(n_params / 1e6).toFixed(2)}M`);
  }

  _init_weights(module: torch.nn.Module): void {
    if (module instanceof nn.Linear) {
      torch.nn.init.normal_(module.weight, { mean: 0.0, std: 0.02 });
      if (module.bias !== null) torch.nn.init.zeros_(module.bias);
    } else if (module instanceof nn.Embedding) {
      torch.nn.init.normal_(module.weight, { mean: 0.0, std: 0.02 });
    } else if (module instanceof nn.LayerNorm) {
      torch.nn.init.zeros_(module.bias!);
      torch.nn.init.ones_(module.weight!);
    }
  }

  /**
   * This long function is unfortunately doing something very simple and is being very defensive:
   * We are separating out all parameters of the model into two buckets: those that will experience
   * weight decay for regularization and those that won't (biases, and layernorm/embedding weights).
   * We are then returning the PyTorch optimizer object.
   */
  configure_optimizers(train_config: CfgNode) {
    // separate out all parameters to those that will and won't experience regularizing weight decay
    const decay = new Set<string>();
    const no_decay = new Set<string>();
    const whitelist_weight_modules = [torch.nn.Linear];
    const blacklist_weight_modules = [torch.nn.LayerNorm, torch.nn.Embedding];
    for (const [mn, m] of this.named_modules()) {
      for (const [pn] of m.named_parameters()) {
        const fpn = mn ? `${mn}.${pn}` : pn;  // full param name
        // random note: because named_modules and named_parameters are recursive
        // we will see the same tensors p many many times. but doing it this way
        // allows us to know which parent module any tensor p belongs to...
        if (pn.endsWith('bias')) {
          // all biases will not be decayed
          no_decay.add(fpn);
        } else if (pn.endsWith('weight') && whitelist_weight_modules.some((c) => m instanceof c)) {  // isinstance(m, (...))
          // weights of whitelist modules will be weight decayed
          decay.add(fpn);
        } else if (pn.endsWith('weight') && blacklist_weight_modules.some((c) => m instanceof c)) {
          // weights of blacklist modules will NOT be weight decayed
          no_decay.add(fpn);
        }
      }
    }

    // validate that we considered every parameter
    const param_dict = Object.fromEntries(this.named_parameters());
    const inter_params = new Set([...decay].filter((k) => no_decay.has(k)));  // decay & no_decay
    const union_params = new Set([...decay, ...no_decay]);  // decay | no_decay
    const pyset = (s: Set<string>) => `{${[...s].map(pystr).join(', ')}}`;  // str() of a set
    assert(inter_params.size === 0, `parameters ${pyset(inter_params)} made it into both decay/no_decay sets!`);
    const missing = new Set(Object.keys(param_dict).filter((k) => !union_params.has(k)));  // param_dict.keys() - union_params
    assert(missing.size === 0, `parameters ${pyset(missing)} were not separated into either decay/no_decay set!`);

    // create the pytorch optimizer object
    const optim_groups = [
      { params: [...decay].sort().map((pn) => param_dict[pn]), weight_decay: train_config.weight_decay as number },
      { params: [...no_decay].sort().map((pn) => param_dict[pn]), weight_decay: 0.0 },
    ];
    p(decay.size, no_decay.size, [...decay].sort().slice(0, 4), [...no_decay].sort().slice(0, 4));  // (not in minGPT)
    const optimizer = new torch.optim.AdamW(optim_groups, {
      lr: train_config.learning_rate as number, betas: train_config.betas as [number, number],
    });
    return optimizer;
  }

  override forward(idx: Tensor, targets: Tensor | null = null): [Tensor, Tensor | null] {
    const device = idx.device;
    const [, t] = idx.size();
    assert(t <= this.block_size, `Cannot forward sequence of length ${t}, block size is only ${this.block_size}`);
    const pos = torch.arange(0, t, { dtype: torch.long, device }).unsqueeze(0);  // shape (1, t)

    // forward the GPT model itself
    const tok_emb = this.transformer.wte(idx);  // token embeddings of shape (b, t, n_embd)
    const pos_emb = this.transformer.wpe(pos);  // position embeddings of shape (1, t, n_embd)
    let x = this.transformer.drop(tok_emb.add(pos_emb));
    for (const block of this.transformer.h) x = (block as MinBlock)(x);
    x = this.transformer.ln_f(x);
    const logits = this.lm_head(x);

    // if we are given some desired targets also calculate the loss
    let loss: Tensor | null = null;
    if (targets !== null) {
      loss = F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1), { ignore_index: -1 });
    }
    return [logits, loss];
  }

  /**
   * Take a conditioning sequence of indices idx (LongTensor of shape (b,t)) and complete
   * the sequence max_new_tokens times, feeding the predictions back into the model each time.
   * Most likely you'll want to make sure to be in model.eval() mode of operation for this.
   */
  generate(idx: Tensor, max_new_tokens: number, temperature = 1.0, do_sample = false, top_k: number | null = null): Tensor {
    return torch.no_grad(() => {  // @torch.no_grad()
      for (let _ = 0; _ < max_new_tokens; _++) {
        // if the sequence context is growing too long we must crop it at block_size
        const idx_cond = idx.size(1) <= this.block_size ? idx : idx.index(null, [-this.block_size, null]);
        // forward the model to get the logits for the index in the sequence
        let [logits] = this.forward(idx_cond);
        // pluck the logits at the final step and scale by desired temperature
        logits = logits.index(null, -1, null).div(temperature);
        // optionally crop the logits to only the top k options
        if (top_k !== null) {
          const [v] = torch.topk(logits, top_k);
          logits.set(logits.lt(v.index(null, torch.tensor([-1]))), -Infinity);
        }
        // apply softmax to convert logits to (normalized) probabilities
        const probs = F.softmax(logits, { dim: -1 });
        // either sample from the distribution or take the most likely element
        let idx_next: Tensor;
        if (do_sample) {
          idx_next = torch.multinomial(probs, { num_samples: 1 });
        } else {
          [, idx_next] = torch.topk(probs, { k: 1, dim: -1 });
        }
        // append sampled index to the running sequence and continue
        idx = torch.cat([idx, idx_next], { dim: 1 });
      }
      return idx;
    });
  }
  override _getName(): string { return 'GPT'; }
}

class Trainer {
  config: CfgNode;
  model: MinGPT;
  optimizer: torch.optim.AdamW | null;
  train_dataset: InstanceType<typeof Dataset<[Tensor, Tensor]>>;
  callbacks: Map<string, ((t: Trainer) => void)[]>;
  device: string;
  iter_num: number;
  iter_time: number;
  iter_dt: number;
  loss: Tensor | null = null;

  static get_default_config(): CfgNode {
    const C = new CN();
    // device to train on
    C.device = 'auto';
    // dataloder parameters
    C.num_workers = 4;
    // optimizer parameters
    C.max_iters = null;
    C.batch_size = 64;
    C.learning_rate = 3e-4;
    C.betas = tuple(0.9, 0.95);
    C.weight_decay = 0.1;  // only applied on matmul weights
    C.grad_norm_clip = 1.0;
    return C;
  }

  constructor(config: CfgNode, model: MinGPT, train_dataset: InstanceType<typeof Dataset<[Tensor, Tensor]>>) {
    this.config = config;
    this.model = model;
    this.optimizer = null;
    this.train_dataset = train_dataset;
    this.callbacks = new Map();  // defaultdict(list)

    // determine the device we'll train on
    if (config.device === 'auto') {
      this.device = torch.cuda.is_available() ? 'cuda' : 'cpu';
    } else {
      this.device = config.device as string;
    }
    this.model = this.model.to(this.device);
    p('running on device', this.device);

    // variables that will be assigned to trainer class later for logging and etc
    this.iter_num = 0;
    this.iter_time = 0.0;
    this.iter_dt = 0.0;
  }

  add_callback(onevent: string, callback: (t: Trainer) => void): void {
    this.callbacks.set(onevent, [...(this.callbacks.get(onevent) ?? []), callback]);
  }

  set_callback(onevent: string, callback: (t: Trainer) => void): void {
    this.callbacks.set(onevent, [callback]);
  }

  trigger_callbacks(onevent: string): void {
    for (const callback of this.callbacks.get(onevent) ?? []) callback(this);
  }

  run(): void {
    const [model, config] = [this.model, this.config];

    // setup the optimizer
    this.optimizer = model.configure_optimizers(config);

    // setup the dataloader
    const train_loader = new DataLoader(this.train_dataset, {
      sampler: new RandomSampler(this.train_dataset, { replacement: true, num_samples: Math.trunc(1e10) }),
      shuffle: false,
      pin_memory: true,
      batch_size: config.batch_size as number,
      num_workers: config.num_workers as number,
    });

    model.train();
    this.iter_num = 0;
    this.iter_time = 0.0;  // time.time(): the clock is left out
    let data_iter = train_loader[Symbol.iterator]();  // iter(train_loader)
    for (;;) {
      // fetch the next batch (x, y) and re-init iterator if needed
      let next = data_iter.next();
      if (next.done) {  // except StopIteration
        data_iter = train_loader[Symbol.iterator]();
        next = data_iter.next();
      }
      const batch = (next.value as Tensor[]).map((t) => t.to(this.device));
      const [x, y] = batch;

      // forward the model
      [, this.loss] = model(x, y);

      // backprop and update the parameters
      model.zero_grad({ set_to_none: true });
      this.loss!.backward();
      torch.nn.utils.clip_grad_norm_(model.parameters(), config.grad_norm_clip as number);
      this.optimizer.step();

      this.trigger_callbacks('on_batch_end');
      this.iter_num += 1;

      // termination conditions
      if (config.max_iters !== null && (config.max_iters as number) <= this.iter_num) break;
    }
  }
}

/**
 * Dataset for the Sort problem. E.g. for problem length 6:
 * Input: 0 0 2 1 0 1 -> Output: 0 0 0 1 1 2
 * Which will feed into the transformer concatenated as:
 * input:  0 0 2 1 0 1 0 0 0 1 1
 * output: I I I I I 0 0 0 1 1 2
 * where I is "ignore", as the transformer is reading the input sequence
 */
class SortDataset extends Dataset<[Tensor, Tensor]> {
  split: string;
  length_: number;  // self.length: tocha's Dataset has a length accessor (its len())
  num_digits: number;
  constructor(split: string, length = 6, num_digits = 3) {
    super();
    assert(['train', 'test'].includes(split));
    this.split = split;
    this.length_ = length;
    this.num_digits = num_digits;
  }

  len(): number {
    return 10000;  // ...
  }

  get_vocab_size(): number {
    return this.num_digits;
  }

  get_block_size(): number {
    // the length of the sequence that will feed into transformer,
    // containing concatenated input and the output, but -1 because
    // the transformer starts making predictions at the last input element
    return this.length_ * 2 - 1;
  }

  getitem(idx: number): [Tensor, Tensor] {
    void idx;
    // use rejection sampling to generate an input example from the desired split
    let inp: Tensor;
    for (;;) {
      // generate some random integers
      inp = torch.randint(this.num_digits, [this.length_], { dtype: torch.long });
      // half of the time let's try to boost the number of examples that
      // have a large number of repeats, as this is what the model seems to struggle
      // with later in training, and they are kind of rate
      if (item(torch.rand(1)) < 0.5) {
        if (inp.unique().nelement() > Math.trunc(this.length_ / 2)) {
          // too many unqiue digits, re-sample
          continue;
        }
      }
      // figure out if this generated example is train or test based on its hash
      // (minGPT: hash(pickle.dumps(inp.tolist())), which PYTHONHASHSEED salts: a fixed hash of the digits here)
      let h = 0;
      for (const d of inp.tolist() as number[]) h = (h * 31 + d + 7) % 1000003;
      const inp_split = h % 4 === 0 ? 'test' : 'train';  // designate 25% of examples as test
      if (inp_split === this.split) break;  // ok
    }

    // solve the task: i.e. sort
    const sol = torch.sort(inp)[0];

    // concatenate the problem specification and the solution
    const cat = torch.cat([inp, sol], { dim: 0 });

    // the inputs to the transformer will be the offset sequence
    const x = cat.index([null, -1]).clone();
    const y = cat.index([1, null]).clone();
    // we only want to predict at output locations, mask out the loss at the input locations
    y.set([null, this.length_ - 1], -1);
    return [x, y];
  }
}

const mingpt = program(() => {
  torch.manual_seed(3407);  // demo.ipynb: set_seed(3407)
  // print an example instance of the dataset
  const train_dataset = new SortDataset('train');
  const test_dataset = new SortDataset('test');
  {
    const [x, y] = train_dataset.getitem(0);
    const xs = x.tolist() as number[];
    const ys = y.tolist() as number[];
    xs.forEach((a, i) => p(a, ys[i]));  // for a, b in zip(x, y): print(int(a), int(b))
  }

  // create a GPT instance
  const model_config = MinGPT.get_default_config();
  model_config.model_type = 'gpt-nano';
  model_config.vocab_size = train_dataset.get_vocab_size();
  model_config.block_size = train_dataset.get_block_size();
  const model = new MinGPT(model_config);
  p(model_config);
  p(model);
  p([...model.named_modules()].length, [...model.named_modules()].map(([mn]) => mn).slice(0, 8));

  // create a Trainer object
  const train_config = Trainer.get_default_config();
  train_config.learning_rate = 5e-4;  // the model we're using is so small that we can go a bit faster
  train_config.max_iters = 30;  // 2000 in the demo
  train_config.num_workers = 0;
  train_config.batch_size = 32;  // 64 in the demo
  const trainer = new Trainer(train_config, model, train_dataset);
  p(train_config);

  const batch_end_callback = (trainer: Trainer) => {
    if (trainer.iter_num % 5 === 0) {  // % 100 in the demo; its iter_dt (the clock) is left out
      n(`iter ${trainer.iter_num}: train loss ${item(trainer.loss!).toFixed(5)}`);
    }
  };
  trainer.set_callback('on_batch_end', batch_end_callback);

  trainer.run();
  n(trainer.optimizer);  // n: its weight_decay 0.0 is a number, which JavaScript prints as 0

  // now let's perform some evaluation
  model.eval();

  const eval_split = (trainer: Trainer, split: string, max_batches: number | null): Tensor => {
    const dataset = ({ train: train_dataset, test: test_dataset } as Record<string, SortDataset>)[split];
    const n_ = train_dataset.length_;  // naugy direct access shrug
    const results: number[] = [];
    let mistakes_printed_already = 0;
    const loader = new DataLoader(dataset, { batch_size: 100, num_workers: 0, drop_last: false });
    let b = 0;
    for (let [x, y] of loader) {  // for b, (x, y) in enumerate(loader)
      x = x.to(trainer.device);
      y = y.to(trainer.device);
      // isolate the input pattern alone
      const inp = x.index(null, [null, n_]);
      const sol = y.index(null, [-n_, null]);
      // let the model sample the rest of the sequence
      const cat = model.generate(inp, n_, 1.0, false);  // using greedy argmax, not sampling
      const sol_candidate = cat.index(null, [n_, null]);  // isolate the filled in sequence
      // compare the predicted sequence to the true sequence
      const correct = sol.eq(sol_candidate).all(1).cpu();  // Software 1.0 vs. Software 2.0 fight RIGHT on this line haha
      for (let i = 0; i < x.size(0); i++) {
        results.push(Number(correct.index(i).item()));
        if (!correct.index(i).item() && mistakes_printed_already < 3) {  // only print up to 5 mistakes to get a sense
          mistakes_printed_already += 1;
          n(`GPT claims that ${py(inp.index(i).tolist())} sorted is ${py(sol_candidate.index(i).tolist())} but gt is ${py(sol.index(i).tolist())}`);
        }
      }
      if (max_batches !== null && b + 1 >= max_batches) break;
      b++;
    }
    const rt = torch.tensor(results, { dtype: torch.float });
    // "%s final score: %d/%d = %.2f%% correct" % (split, rt.sum(), len(results), 100*rt.mean())
    n(`${split} final score: ${Math.trunc(item(rt.sum()))}/${results.length} = ${item(rt.mean().mul(100)).toFixed(2)}% correct`);
    return rt.mean();
  };

  // run a lot of examples from both train and test through the model and verify the output correctness
  const [train_score, test_score] = torch.no_grad(() => [
    eval_split(trainer, 'train', 2),  // max_batches=50 in the demo
    eval_split(trainer, 'test', 2),
  ]);
  n(train_score, test_score);

  // let's run a random given sequence through the model as well
  const n_ = train_dataset.length_;  // naugy direct access shrug
  const inp = torch.tensor([[0, 0, 2, 1, 0, 1]], { dtype: torch.long }).to(trainer.device);
  assert(inp.index(0).nelement() === n_);
  const cat = torch.no_grad(() => model.generate(inp, n_, 1.0, false));
  const sol = torch.sort(inp.index(0))[0];
  const sol_candidate = cat.index(null, [n_, null]);
  n('input sequence  :', inp.tolist());
  n('predicted sorted:', sol_candidate.tolist());
  n('gt sort         :', sol.tolist());
  n('matches         :', Boolean(sol.eq(sol_candidate).all().item()));
  // sampling instead of the argmax, with a top_k
  torch.no_grad(() => {
    n(model.generate(inp, n_, 0.5, true, 2));
  });
  e(() => model.generate(inp, n_, 1.0, false, 4));  // top_k above the vocabulary (minGPT has no min() there)
  e(() => model(torch.zeros([1, 12], { dtype: torch.long })));
  // configure_optimizers' check that every parameter found a bucket: a parameter of a module neither listed
  (model.transformer as unknown as Record<string, unknown>).extra = new nn.Conv1d(2, 2, 1);
  e(() => model.configure_optimizers(train_config));
});

// -------------------------------------------------------------------------------------------------
// minGPT's projects/adder/adder.py: n-digit addition (ndigit 2), the nested config, the Trainer with its callback
// evaluating both splits (every 500 iterations there: every 10 of 20 here)

/**
 * Creates n-digit addition problems. For example, if n=2, then an example
 * addition problem would be to add 85 + 50 = 135. This problem would be
 * represented as the following string for the GPT:
 *
 * "8550531"
 *
 * This is because:
 * - we are discarding the + and =, which are not necessary. We just encode the digits
 *   of the input numbers concatenated together.
 * - the result 135 is encoded backwards to make the addition easier to learn for the
 *   GPT model, because of how the addition algorithm works.
 *
 * As one more example, the problem 6 + 39 = 45 would be encoded as:
 *
 * "0639054"
 *
 * where you will notice that we are padding with zeros to make sure that we always
 * produce strings of the exact same size: n + n + (n + 1). When n=2, this is 7.
 * At test time, we will feed in an addition problem by giving the first 2n digits,
 * and hoping that the GPT model completes the sequence with the next (n+1) digits
 * correctly.
 */
class AdditionDataset extends Dataset<[Tensor, Tensor]> {
  config: CfgNode;
  split: string;
  ixes: Tensor;

  static get_default_config(): CfgNode {
    const C = new CN();
    C.ndigit = 2;
    return C;
  }

  constructor(config: CfgNode, split: string) {
    super();
    this.config = config;
    this.split = split;  // train/test

    // split up all addition problems into either training data or test data
    const ndigit = this.config.ndigit as number;
    assert(ndigit <= 3, 'the lines below would be very memory inefficient, in future maybe refactor to support');
    const num = (10 ** ndigit) ** 2;  // total number of possible addition problems with ndigit numbers
    const rng = new torch.Generator();
    rng.manual_seed(1337);
    const perm = torch.randperm(num, { generator: rng });
    const num_test = Math.min(Math.trunc(num * 0.2), 500);  // 20% of the whole dataset, or only up to 500
    this.ixes = (split === 'test' ? perm.index([null, num_test]) : perm.index([num_test, null])).keep();
  }

  get_vocab_size(): number {
    return 10;  // digits 0..9
  }

  get_block_size(): number {
    // a,b,a+b, and +1 due to potential carry overflow,
    // but then also -1 because very last digit doesn't ever plug back
    // as there is no explicit <EOS> token to predict, it is implied
    return 3 * (this.config.ndigit as number) + 1 - 1;
  }

  len(): number {
    return this.ixes.nelement();
  }

  getitem(idx_: number): [Tensor, Tensor] {
    const ndigit = this.config.ndigit as number;
    // given a problem index idx, first recover the associated a + b
    const idx = item(this.ixes.index(idx_));
    const nd = 10 ** ndigit;
    const a = Math.floor(idx / nd);
    const b = idx % nd;
    // calculate the "label" of the addition problem a + b
    const c = a + b;
    // encode the digits of a, b, c into strings
    const astr = String(a).padStart(ndigit, '0');  // f'%0{ndigit}d' % a
    const bstr = String(b).padStart(ndigit, '0');
    const cstr = [...String(c).padStart(ndigit + 1, '0')].reverse().join('');  // reverse c to make addition easier
    const render = astr + bstr + cstr;
    const dix = [...render].map((ch) => Number(ch));  // convert each character to its token index
    // x will be input to GPT and y will be the associated expected outputs
    const x = torch.tensor(dix.slice(0, -1), { dtype: torch.long });
    const y = torch.tensor(dix.slice(1), { dtype: torch.long });  // predict the next token in the sequence
    y.set([null, ndigit * 2 - 1], -1);  // we will only train in the output locations. -1 will mask loss to zero
    return [x, y];
  }
}

function get_config(): CfgNode {
  const C = new CN();

  // system
  C.system = new CN();
  (C.system as CfgNode).seed = 3407;
  (C.system as CfgNode).work_dir = './out/adder';

  // data
  C.data = AdditionDataset.get_default_config();

  // model
  C.model = MinGPT.get_default_config();
  (C.model as CfgNode).model_type = 'gpt-nano';

  // trainer
  C.trainer = Trainer.get_default_config();
  (C.trainer as CfgNode).learning_rate = 5e-4;  // the model we're using is so small that we can go a bit faster

  return C;
}

const mingpt_adder = program(() => {
  // get default config and overrides from the command line, if any
  const config = get_config();
  const cfg = (k: string) => config[k] as CfgNode;
  cfg('trainer').max_iters = 21;  // (runs until interrupted in adder.py)
  cfg('trainer').batch_size = 32;
  cfg('trainer').num_workers = 0;
  p(config);
  torch.manual_seed(cfg('system').seed as number);  // set_seed(config.system.seed)

  // construct train and test datasets
  const train_dataset = new AdditionDataset(cfg('data'), 'train');
  const test_dataset = new AdditionDataset(cfg('data'), 'test');
  p(train_dataset.len(), test_dataset.len(), train_dataset.ixes.index([null, 5]), test_dataset.ixes.index([null, 5]));
  const [x, y] = train_dataset.getitem(0);
  p(x, y);

  // construct the model
  cfg('model').vocab_size = train_dataset.get_vocab_size();
  cfg('model').block_size = train_dataset.get_block_size();
  const model = new MinGPT(cfg('model'));

  // construct the trainer object
  const trainer = new Trainer(cfg('trainer'), model, train_dataset);

  // helper function for the evaluation of a model
  const eval_split = (trainer: Trainer, split: string, max_batches: number | null = null): Tensor => {
    const dataset = ({ train: train_dataset, test: test_dataset } as Record<string, AdditionDataset>)[split];
    const ndigit = cfg('data').ndigit as number;
    const results: number[] = [];
    let mistakes_printed_already = 0;
    const factors = torch.tensor([Array.from({ length: ndigit + 1 }, (_, i) => 10 ** i).reverse()]).to(trainer.device);
    const loader = new DataLoader(dataset, { batch_size: 100, num_workers: 0, drop_last: false });
    let b = 0;
    for (let [x] of loader) {  // for b, (x, y) in enumerate(loader)
      x = x.to(trainer.device);
      // isolate the first two digits of the input sequence alone
      const d1d2 = x.index(null, [null, ndigit * 2]);
      // let the model sample the rest of the sequence
      const d1d2d3 = model.generate(d1d2, ndigit + 1, 1.0, false);  // using greedy argmax, not sampling
      // isolate the last digit of the sampled sequence
      let d3 = d1d2d3.index(null, [-(ndigit + 1), null]);
      d3 = d3.flip(1);  // reverse the digits to their "normal" order
      // decode the integers from individual digits
      const d1i = d1d2.index(null, [null, ndigit]).mul(factors.index(null, [1, null])).sum(1);
      const d2i = d1d2.index(null, [ndigit, ndigit * 2]).mul(factors.index(null, [1, null])).sum(1);
      const d3i_pred = d3.mul(factors).sum(1);
      const d3i_gt = d1i.add(d2i);  // manually calculate the ground truth
      // evaluate the correctness of the results in this batch
      const correct = d3i_pred.eq(d3i_gt).cpu();  // Software 1.0 vs. Software 2.0 fight RIGHT on this line haha
      for (let i = 0; i < x.size(0); i++) {
        results.push(Number(correct.index(i).item()));
        if (!correct.index(i).item() && mistakes_printed_already < 5) {  // only print up to 5 mistakes to get a sense
          mistakes_printed_already += 1;
          n(`GPT claims that ${item(d1i.index(i))} + ${item(d2i.index(i))} = ${item(d3i_pred.index(i))} but gt is ${item(d3i_gt.index(i))}`);
        }
      }
      if (max_batches !== null && b + 1 >= max_batches) break;
      b++;
    }
    const rt = torch.tensor(results, { dtype: torch.float });
    n(`${split} final score: ${Math.trunc(item(rt.sum()))}/${results.length} = ${item(rt.mean().mul(100)).toFixed(2)}% correct`);
    return rt.mean().keep();  // kept: the loader's step released what the loop made
  };

  // iteration callback
  let top_score: number | Tensor = 0;

  const batch_end_callback = (trainer: Trainer) => {
    if (trainer.iter_num % 10 === 0) {
      n(`iter ${trainer.iter_num}: train loss ${item(trainer.loss!).toFixed(5)}`);  // its iter_dt (the clock) is left out
    }

    if (trainer.iter_num % 10 === 0) {  // % 500 in adder.py
      // evaluate both the train and test score
      let train_max_batches = ({ 1: null, 2: null, 3: 5 } as Record<number, number | null>)[cfg('data').ndigit as number];  // if ndigit=2 we can afford the whole train set, ow no
      train_max_batches = 2;  // (the whole train set here would be 95 batches)
      model.eval();
      const [train_score, test_score] = torch.no_grad(() => [
        eval_split(trainer, 'train', train_max_batches),
        eval_split(trainer, 'test', null),
      ]);
      const score = train_score.add(test_score);
      // save the model if this is the best score we've seen so far
      if (score.gt(top_score).item()) {  // score > top_score
        top_score = score.keep();
        n(`saving model with new top score of ${item(score)}`);
        torch.save(model.state_dict());  // os.path.join(config.system.work_dir, "model.pt")
      }
      // revert model to training mode
      model.train();
    }
  };

  trainer.set_callback('on_batch_end', batch_end_callback);

  // run the optimization
  trainer.run();
});

export const programs: Record<string, () => Rec[]> = { gpt_dev, bigram, gpt, nanogpt, mingpt, mingpt_adder };
