// Andrej Karpathy's makemore lectures ("Neural Networks: Zero to Hero": makemore_part1_bigrams.ipynb to
// makemore_part5_cnn1.ipynb) written against tocha the way a student translating them would write them, on the same
// inline list of names and the same seeds as scripts/gen-makemore.py (which records what PyTorch 1.13 prints for each,
// and says where the programs differ from the notebooks). test/makemore.test.ts compares. Where the translation has
// to differ from the Python for a reason of language (no operator overloading, no `with`, no tuples, Python's own
// printing of floats and dicts, plain classes are not callable), the line says so.
import * as torch from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { e as err, n as pn, p as pr, program, py, tuple, type Rec } from './tutorial-harness.js';

const F = torch.nn.functional;

// -------------------------------------------------------------------------------------------------
// What Python gives for free
/** Python's repr() of a float: the shortest digits, as JavaScript's, but `2.0` and `1e-05`, not `2` and `0.00001`. */
export function pyrepr(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, exp] = x.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 16) return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  const s = String(x);   // in this range JavaScript writes the same digits without an exponent
  return s.includes('.') ? s : `${s}.0`;
}
/** A list of floats, as Python prints it. */
const floats = (xs: number[]) => `[${xs.map(pyrepr).join(', ')}]`;
/** '%e' % x */
const pe = (x: number) => x.toExponential(6).replace(/e([+-])(\d)$/, 'e$10$2');
/** '%+.{d}f' % x */
const plus = (x: number, d: number) => (x >= 0 ? '+' : '') + x.toFixed(d);
/** str(tuple(t.shape)) */
const shapeTuple = (t: Tensor) => (t.ndim === 1 ? `(${t.shape[0]},)` : `(${[...t.shape].join(', ')})`);
/** Python's print of a dict of ints to strings, in insertion order. */
const pydict = (m: Map<number, string>) => `{${[...m].map(([k, v]) => `${k}: ${py(v, true)}`).join(', ')}}`;
/** zip(a, b) */
const zip = <A, B>(a: readonly A[], b: readonly B[]): [A, B][] => a.slice(0, b.length).map((x, i) => [x, b[i]]);
const item = (t: Tensor) => Number(t.item());
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// The names the programs train on, in place of names.txt (scripts/gen-makemore.py has the same list).
const NAMES = `
emma olivia ava isabella sophia charlotte mia amelia harper evelyn abigail emily elizabeth mila ella avery
sofia camila aria scarlett victoria madison luna grace chloe penelope layla riley zoey nora lily eleanor
hannah lillian addison aubrey ellie stella natalie zoe leah hazel violet aurora savannah audrey brooklyn bella
claire skylar lucy paisley everly anna caroline nova genesis emilia kennedy samantha maya willow kinsley naomi
aaliyah elena sarah ariana allison gabriella alice madelyn cora ruby eva serenity autumn adeline hailey gianna
valentina isla eliana quinn nevaeh ivy sadie piper lydia alexa josephine emery julia delilah arianna vivian
kaylee sophie brielle madeline peyton rylee clara hadley melanie mackenzie reagan adalynn liliana aubree jade
katherine isabelle natalia raelynn maria athena ximena arya leilani taylor faith rose kylie alexandra mary
margaret lyla ashley amaya eliza brianna bailey andrea khloe jasmine melody iris isabel norah annabelle
liam noah oliver elijah william james benjamin lucas henry alexander mason michael ethan daniel jacob logan
jackson levi sebastian mateo jack owen theodore aiden samuel joseph john david wyatt matthew luke asher carter
julian grayson leo jayden gabriel isaac lincoln anthony hudson dylan ezra thomas charles christopher jaxon
maverick josiah isaiah andrew elias joshua nathan caleb ryan adrian miles eli nolan christian aaron cameron
ezekiel colton luca landon hunter jonathan santiago axel easton cooper jeremiah angel roman connor jameson
robert greyson jordan ian carson jaxson leonardo nicholas dominic austin everett brooks xavier kai jose
parker adam jace wesley kayden silas bennett declan waylon weston evan emmett micah ryder beau damian
brayden gael rowan harrison bryson sawyer amir kingston jason giovanni vincent ayden chase myles diego
`;

/** words = open('names.txt', 'r').read().splitlines() */
const read_words = () => NAMES.split(/\s+/).filter((w) => w !== '');

/** random.seed(42); random.shuffle(words), as a torch draw. */
function shuffle(words: string[]): void {
  const perm = torch.randperm(words.length, { generator: new torch.Generator().manual_seed(42) });
  const shuffled = (perm.tolist() as number[]).map((i) => words[i]);
  words.splice(0, words.length, ...shuffled);
}

/** chars, stoi and itos. A Map keeps Python's dict order (a JS object lists integer keys first, in order). */
function vocabulary(words: string[]) {
  const chars = [...new Set(words.join(''))].sort();
  const stoi = new Map<string, number>(chars.map((s, i) => [s, i + 1]));
  stoi.set('.', 0);
  const itos = new Map<number, string>([...stoi].map(([s, i]) => [i, s]));
  return { chars, stoi, itos };
}

/** build_dataset(words): the contexts of block_size characters and the character that follows each. */
function build_dataset(words: string[], block_size: number, stoi: Map<string, number>): [Tensor, Tensor] {
  const X: number[][] = [];
  const Y: number[] = [];
  for (const w of words) {
    let context = new Array<number>(block_size).fill(0);
    for (const ch of w + '.') {
      const ix = stoi.get(ch)!;
      X.push(context);
      Y.push(ix);
      context = [...context.slice(1), ix];  // crop and append
    }
  }
  const Xt = torch.tensor(X);
  const Yt = torch.tensor(Y);
  pr(Xt.shape, Yt.shape);
  return [Xt, Yt];
}

// -------------------------------------------------------------------------------------------------
// makemore_part1_bigrams.ipynb
const part1_bigrams = program(() => {
  const words = read_words();
  pr(words.slice(0, 10));
  pr(words.length);
  pr(Math.min(...words.map((w) => w.length)));
  pr(Math.max(...words.map((w) => w.length)));

  // b = {}: a Python dict keyed by (ch1, ch2) tuples; a Map keyed by the pair's text here
  const b = new Map<string, [readonly string[], number]>();
  for (const w of words) {
    const chs = ['<S>', ...w, '<E>'];
    for (const [ch1, ch2] of zip(chs, chs.slice(1))) {
      const bigram = tuple(ch1, ch2) as readonly string[];
      const k = `${ch1} ${ch2}`;
      b.set(k, [bigram, (b.get(k)?.[1] ?? 0) + 1]);
    }
  }
  pr([...b.values()].sort((x, y) => y[1] - x[1]).slice(0, 10).map(([k, v]) => tuple(k, v)));

  const N = torch.zeros([27, 27], { dtype: torch.int64 });   // int64: see scripts/gen-makemore.py
  const { stoi, itos } = vocabulary(words);
  for (const w of words) {
    const chs = ['.', ...w, '.'];
    for (const [ch1, ch2] of zip(chs, chs.slice(1))) {
      const ix1 = stoi.get(ch1)!;
      const ix2 = stoi.get(ch2)!;
      N.index(ix1, ix2).add_(1);   // N[ix1, ix2] += 1
    }
  }
  pr(N);
  pr(N.index(0));
  let g = new torch.Generator().manual_seed(2147483647);
  err(() => torch.multinomial(N.index(0), { num_samples: 1, replacement: true, generator: g }));

  let p = N.index(0).float();
  p = p.div(p.sum());
  pr(p);
  g = new torch.Generator().manual_seed(2147483647);
  let ix = item(torch.multinomial(p, { num_samples: 1, replacement: true, generator: g }));
  pr(itos.get(ix));

  g = new torch.Generator().manual_seed(2147483647);
  p = torch.rand(3, { generator: g });
  p = p.div(p.sum());
  pr(p);
  pr(torch.multinomial(p, { num_samples: 100, replacement: true, generator: g }));
  pr(p.shape);

  const P = N.add(1).float();
  pr(P.sum(1, { keepdims: true }).shape);
  const Pbug = P.div(P.sum(1));
  pr(Pbug.index(0).sum(), Pbug.index(null, 0).sum());
  P.div_(P.sum(1, { keepdims: true }));   // P /= P.sum(1, keepdims=True)
  pr(P.index(0).sum());

  g = new torch.Generator().manual_seed(2147483647);
  for (let i = 0; i < 5; i++) {
    const out: string[] = [];
    ix = 0;
    while (true) {
      p = P.index(ix);
      ix = item(torch.multinomial(p, { num_samples: 1, replacement: true, generator: g }));
      out.push(itos.get(ix)!);
      if (ix === 0) break;
    }
    pr(out.join(''));
  }

  for (const w of words.slice(0, 3)) {
    const chs = ['.', ...w, '.'];
    for (const [ch1, ch2] of zip(chs, chs.slice(1))) {
      const prob = P.index(stoi.get(ch1)!, stoi.get(ch2)!);
      const logprob = torch.log(prob);
      pr(`${ch1}${ch2}: ${item(prob).toFixed(4)} ${item(logprob).toFixed(4)}`);
    }
  }

  // log_likelihood = 0.0: Python's float becomes a tensor at the first +=
  let log_likelihood = torch.tensor(0.0, { dtype: torch.float32 });
  let n = 0;
  for (const w of words) {
    const chs = ['.', ...w, '.'];
    for (const [ch1, ch2] of zip(chs, chs.slice(1))) {
      const ix1 = stoi.get(ch1)!;
      const ix2 = stoi.get(ch2)!;
      const prob = P.index(ix1, ix2);
      const logprob = torch.log(prob);
      log_likelihood.add_(logprob);
      n += 1;
    }
  }
  pr(`log_likelihood=${log_likelihood}`);
  const nll = log_likelihood.neg();
  pr(`nll=${nll}`);
  pr(pyrepr(item(nll.div(n))));   // f'{nll/n}': Tensor.__format__ prints a 0-dim tensor as its number

  log_likelihood = torch.tensor(0.0, { dtype: torch.float32 });
  n = 0;
  for (const w of ['andrejq']) {
    const chs = ['.', ...w, '.'];
    for (const [ch1, ch2] of zip(chs, chs.slice(1))) {
      const ix1 = stoi.get(ch1)!;
      const ix2 = stoi.get(ch2)!;
      const prob = P.index(ix1, ix2);
      const logprob = torch.log(prob);
      log_likelihood.add_(logprob);
      n += 1;
      pr(`${ch1}${ch2}: ${item(prob).toFixed(4)} ${item(logprob).toFixed(4)}`);
    }
  }
  pr(pyrepr(item(log_likelihood.neg().div(n))));

  // create the training set of bigrams (x,y)
  let xsl: number[] = [];
  let ysl: number[] = [];
  for (const w of words.slice(0, 1)) {
    const chs = ['.', ...w, '.'];
    for (const [ch1, ch2] of zip(chs, chs.slice(1))) {
      const ix1 = stoi.get(ch1)!;
      const ix2 = stoi.get(ch2)!;
      pr(ch1, ch2);
      xsl.push(ix1);
      ysl.push(ix2);
    }
  }
  let xs = torch.tensor(xsl);
  let ys = torch.tensor(ysl);
  pr(xs);
  pr(ys);

  let xenc = F.one_hot(xs, { num_classes: 27 }).float();
  pr(xenc);
  pr(xenc.shape);
  pr(xenc.dtype);
  err(() => F.one_hot(xs, { num_classes: 27 }).matmul(torch.randn([27, 27])));

  let W = torch.randn([27, 1]);
  pr(xenc.matmul(W));
  W = torch.randn([27, 27]);
  pr(xenc.matmul(W).index(3, 13));
  pr(xenc.index(3).mul(W.index(null, 13)).sum());
  let logits = xenc.matmul(W);  // log-counts
  let counts = logits.exp();  // equivalent N
  let probs = counts.div(counts.sum(1, { keepdims: true }));
  pr(probs);
  pr(probs.index(0).sum());
  pr(probs.shape);

  // SUMMARY ------------------------------>>>>
  pr(xs);
  pr(ys);
  g = new torch.Generator().manual_seed(2147483647);
  W = torch.randn([27, 27], { generator: g });
  xenc = F.one_hot(xs, { num_classes: 27 }).float();  // input to the network: one-hot encoding
  logits = xenc.matmul(W);  // predict log-counts
  counts = logits.exp();  // counts, equivalent to N
  probs = counts.div(counts.sum(1, { keepdims: true }));  // probabilities for next character
  pr(probs.shape);

  const nlls = torch.zeros(5);
  for (let i = 0; i < 5; i++) {
    const x = item(xs.index(i));  // input character index
    const y = item(ys.index(i));  // label character index
    pr('--------');
    pr(`bigram example ${i + 1}: ${itos.get(x)}${itos.get(y)} (indexes ${x},${y})`);
    pr('input to the neural net:', x);
    pr('output probabilities from the neural net:', probs.index(i));
    pr('label (actual next character):', y);
    const p = probs.index(i, y);
    pr('probability assigned by the net to the the correct character:', pyrepr(item(p)));
    const logp = torch.log(p);
    pr('log likelihood:', pyrepr(item(logp)));
    const nll = logp.neg();
    pr('negative log likelihood:', pyrepr(item(nll)));
    nlls.set(i, nll);   // nlls[i] = nll
  }
  pr('=========');
  pr('average negative log likelihood, i.e. loss =', pyrepr(item(nlls.mean())));

  // --------- !!! OPTIMIZATION !!! yay --------------
  g = new torch.Generator().manual_seed(2147483647);
  W = torch.randn([27, 27], { generator: g, requires_grad: true });
  for (let k = 0; k < 5; k++) {
    // forward pass
    xenc = F.one_hot(xs, { num_classes: 27 }).float();
    logits = xenc.matmul(W);
    counts = logits.exp();
    probs = counts.div(counts.sum(1, { keepdims: true }));
    const loss = probs.index(torch.arange(5), ys).log().mean().neg();
    pn(pyrepr(item(loss)));
    // backward pass
    W.grad = null;  // set to zero the gradient
    loss.backward();
    W.data.add_(W.grad!.mul(-0.1));   // W.data += -0.1 * W.grad
  }
  pn(W.grad!.shape, W.grad!.index(0, [null, 5]));
  const W_ = W;
  err(() => W_.sub_(W_.grad!.mul(0.1)));   // W -= 0.1 * W.grad

  // --------- !!! OPTIMIZATION !!! yay, but this time actually --------------
  xsl = [];
  ysl = [];
  for (const w of words) {
    const chs = ['.', ...w, '.'];
    for (const [ch1, ch2] of zip(chs, chs.slice(1))) {
      xsl.push(stoi.get(ch1)!);
      ysl.push(stoi.get(ch2)!);
    }
  }
  xs = torch.tensor(xsl);
  ys = torch.tensor(ysl);
  const num = xs.nelement();
  pr('number of examples: ', num);

  // initialize the 'network'
  g = new torch.Generator().manual_seed(2147483647);
  W = torch.randn([27, 27], { generator: g, requires_grad: true });

  // gradient descent
  for (let k = 0; k < 20; k++) {
    // forward pass
    xenc = F.one_hot(xs, { num_classes: 27 }).float();  // input to the network: one-hot encoding
    logits = xenc.matmul(W);  // predict log-counts
    counts = logits.exp();  // counts, equivalent to N
    probs = counts.div(counts.sum(1, { keepdims: true }));  // probabilities for next character
    const loss = probs.index(torch.arange(num), ys).log().mean().neg().add(W.pow(2).mean().mul(0.01));
    pn(pyrepr(item(loss)));
    // backward pass
    W.grad = null;  // set to zero the gradient
    loss.backward();
    // update
    W.data.add_(W.grad!.mul(-50));   // W.data += -50 * W.grad
  }

  // finally, sample from the 'neural net' model
  g = new torch.Generator().manual_seed(2147483647);
  for (let i = 0; i < 5; i++) {
    const out: string[] = [];
    ix = 0;
    while (true) {
      xenc = F.one_hot(torch.tensor([ix]), { num_classes: 27 }).float();
      logits = xenc.matmul(W);  // predict log-counts
      counts = logits.exp();  // counts, equivalent to N
      const p = counts.div(counts.sum(1, { keepdims: true }));  // probabilities for next character
      ix = item(torch.multinomial(p, { num_samples: 1, replacement: true, generator: g }));
      out.push(itos.get(ix)!);
      if (ix === 0) break;
    }
    pn(out.join(''));
  }
});

// -------------------------------------------------------------------------------------------------
// makemore_part2_mlp.ipynb
const part2_mlp = program(() => {
  const words = read_words();
  pr(words.slice(0, 8));
  pr(words.length);
  const { stoi, itos } = vocabulary(words);
  pr(pydict(itos));

  // build the dataset
  const block_size = 3;  // context length: how many characters do we take to predict the next one?
  const Xl: number[][] = [];
  const Yl: number[] = [];
  for (const w of words.slice(0, 5)) {
    let context = new Array<number>(block_size).fill(0);
    for (const ch of w + '.') {
      const ix = stoi.get(ch)!;
      Xl.push(context);
      Yl.push(ix);
      pr(context.map((i) => itos.get(i)).join(''), '--->', itos.get(ix));
      context = [...context.slice(1), ix];  // crop and append
    }
  }
  let X = torch.tensor(Xl);
  let Y = torch.tensor(Yl);
  pr(tuple(X.shape, X.dtype, Y.shape, Y.dtype));

  let C = torch.randn([27, 2]);
  pr(C.index(5));
  pr(F.one_hot(torch.tensor(5), { num_classes: 27 }).float().matmul(C));
  pr(C.index(torch.tensor([5, 6, 7])));   // C[[5, 6, 7]]: a JS array in index() is a slice
  pr(C.index(torch.tensor([5, 6, 7, 7, 7, 7])));
  pr(C.index(X).shape);
  pr(X.index(13, 2));
  pr(C.index(X).index(13, 2));
  pr(C.index(1));
  let emb = C.index(X);
  pr(emb.shape);

  let W1 = torch.randn([6, 100]);
  let b1 = torch.randn(100);
  pr(torch.cat([emb.index(null, 0, null), emb.index(null, 1, null), emb.index(null, 2, null)], 1).shape);
  pr(torch.unbind(emb, 1).length);
  pr(torch.cat(torch.unbind(emb, 1), 1).shape);
  const a = torch.arange(18);
  pr(a);
  pr(a.shape);
  pr(a.view(2, 9));
  pr(a.view(9, 2));
  pr(a.view(3, 3, 2));
  pr(emb.view(32, 6).eq(torch.cat(torch.unbind(emb, 1), 1)));
  const emb_ = emb;
  err(() => emb_.view(32, 5));
  err(() => emb_.matmul(W1));
  let h = torch.tanh(emb.view(-1, 6).matmul(W1).add(b1));
  pr(h);
  pr(h.shape);
  pr(emb.view(-1, 6).matmul(W1).shape, b1.shape);
  let W2 = torch.randn([100, 27]);
  let b2 = torch.randn(27);
  let logits = h.matmul(W2).add(b2);
  pr(logits.shape);
  let counts = logits.exp();
  let prob = counts.div(counts.sum(1, { keepdims: true }));
  pr(prob.shape);
  pr(prob.index(0).sum());
  pr(torch.arange(32));
  pr(Y);
  pn(prob.index(torch.arange(32), Y));
  let loss = prob.index(torch.arange(32), Y).log().mean().neg();
  pr(loss);

  // ------------ now made respectable :) ---------------
  pr(tuple(X.shape, Y.shape));  // dataset
  let g = new torch.Generator().manual_seed(2147483647);  // for reproducibility
  C = torch.randn([27, 2], { generator: g });
  W1 = torch.randn([6, 100], { generator: g });
  b1 = torch.randn(100, { generator: g });
  W2 = torch.randn([100, 27], { generator: g });
  b2 = torch.randn(27, { generator: g });
  let parameters = [C, W1, b1, W2, b2];
  pr(sum(parameters.map((p) => p.nelement())));  // number of parameters in total
  emb = C.index(X);  // (32, 3, 2)
  h = torch.tanh(emb.view(-1, 6).matmul(W1).add(b1));  // (32, 100)
  logits = h.matmul(W2).add(b2);  // (32, 27)
  counts = logits.exp();
  prob = counts.div(counts.sum(1, { keepdims: true }));
  loss = prob.index(torch.arange(32), Y).log().mean().neg();
  pr(loss);
  pr(F.cross_entropy(logits, Y));

  logits = torch.tensor([-100, -3, 0, 100]);
  counts = logits.exp();
  let probs = counts.div(counts.sum());
  pr(probs);
  logits = torch.tensor([-100, -3, 0, 100]).sub(100);
  counts = logits.exp();
  probs = counts.div(counts.sum());
  pr(probs);

  // overfitting one batch of 32 examples
  for (const p of parameters) p.requires_grad = true;
  for (let k = 0; k < 10; k++) {
    // forward pass
    emb = C.index(X);  // (32, 3, 2)
    h = torch.tanh(emb.view(-1, 6).matmul(W1).add(b1));  // (32, 100)
    logits = h.matmul(W2).add(b2);  // (32, 27)
    loss = F.cross_entropy(logits, Y);
    pn(pyrepr(item(loss)));
    // backward pass
    for (const p of parameters) p.grad = null;
    loss.backward();
    // update
    for (const p of parameters) p.data.add_(p.grad!.mul(-0.1));   // p.data += -0.1 * p.grad
  }
  pn(logits.max(1));
  pr(Y);

  // the whole dataset, in minibatches, and the search for a learning rate
  Xl.length = 0;
  Yl.length = 0;
  for (const w of words) {
    let context = new Array<number>(block_size).fill(0);
    for (const ch of w + '.') {
      const ix = stoi.get(ch)!;
      Xl.push(context);
      Yl.push(ix);
      context = [...context.slice(1), ix];  // crop and append
    }
  }
  X = torch.tensor(Xl);
  Y = torch.tensor(Yl);
  pr(X.shape, Y.shape);
  g = new torch.Generator().manual_seed(2147483647);  // for reproducibility
  C = torch.randn([27, 2], { generator: g });
  W1 = torch.randn([6, 100], { generator: g });
  b1 = torch.randn(100, { generator: g });
  W2 = torch.randn([100, 27], { generator: g });
  b2 = torch.randn(27, { generator: g });
  parameters = [C, W1, b1, W2, b2];
  for (const p of parameters) p.requires_grad = true;
  pr(torch.randint(0, 5, [32]));

  const lre = torch.linspace(-3, 0, 1000);
  const lrs = torch.pow(10, lre);   // 10**lre
  pr(lre.index([null, null, 100]));
  pr(lrs.index([null, null, 100]));
  let lri: Tensor[] = [];
  let lossi: number[] = [];
  for (let i = 0; i < 1000; i += 50) {
    // minibatch construct
    const ix = torch.randint(0, X.shape[0], [32]);
    // forward pass
    emb = C.index(X.index(ix));  // (32, 3, 2)
    h = torch.tanh(emb.view(-1, 6).matmul(W1).add(b1));  // (32, 100)
    logits = h.matmul(W2).add(b2);  // (32, 27)
    loss = F.cross_entropy(logits, Y.index(ix));
    // backward pass
    for (const p of parameters) p.grad = null;
    loss.backward();
    // update
    const lr = lrs.index(i);
    for (const p of parameters) p.data.add_(lr.neg().mul(p.grad!));   // p.data += -lr * p.grad
    // track stats
    lri.push(lre.index(i));
    lossi.push(item(loss));
  }
  pn(lri);
  pn(floats(lossi));

  shuffle(words);
  const n1 = Math.trunc(0.8 * words.length);
  const n2 = Math.trunc(0.9 * words.length);
  const [Xtr, Ytr] = build_dataset(words.slice(0, n1), block_size, stoi);
  const [Xdev, Ydev] = build_dataset(words.slice(n1, n2), block_size, stoi);
  build_dataset(words.slice(n2), block_size, stoi);   // Xte, Yte
  pr(tuple(Xtr.shape, Ytr.shape));  // dataset

  g = new torch.Generator().manual_seed(2147483647);  // for reproducibility
  C = torch.randn([27, 10], { generator: g });
  W1 = torch.randn([30, 200], { generator: g });
  b1 = torch.randn(200, { generator: g });
  W2 = torch.randn([200, 27], { generator: g });
  b2 = torch.randn(27, { generator: g });
  parameters = [C, W1, b1, W2, b2];
  pr(sum(parameters.map((p) => p.nelement())));  // number of parameters in total
  for (const p of parameters) p.requires_grad = true;

  lri = [];
  lossi = [];
  const stepi: number[] = [];
  for (let i = 0; i < 30; i++) {
    // minibatch construct
    const ix = torch.randint(0, Xtr.shape[0], [32]);
    // forward pass
    emb = C.index(Xtr.index(ix));  // (32, 3, 10)
    h = torch.tanh(emb.view(-1, 30).matmul(W1).add(b1));  // (32, 200)
    logits = h.matmul(W2).add(b2);  // (32, 27)
    loss = F.cross_entropy(logits, Ytr.index(ix));
    // backward pass
    for (const p of parameters) p.grad = null;
    loss.backward();
    // update
    const lr = i < 20 ? 0.1 : 0.01;
    for (const p of parameters) p.data.add_(p.grad!.mul(-lr));
    // track stats
    stepi.push(i);
    lossi.push(item(loss.log10()));
  }
  pn(pyrepr(item(loss)));
  pn(stepi.slice(-3), floats(lossi.slice(-3)));

  emb = C.index(Xtr);  // (32, 3, 2)
  h = torch.tanh(emb.view(-1, 30).matmul(W1).add(b1));  // (32, 100)
  logits = h.matmul(W2).add(b2);  // (32, 27)
  loss = F.cross_entropy(logits, Ytr);
  pn(loss);
  emb = C.index(Xdev);  // (32, 3, 2)
  h = torch.tanh(emb.view(-1, 30).matmul(W1).add(b1));  // (32, 100)
  logits = h.matmul(W2).add(b2);  // (32, 27)
  loss = F.cross_entropy(logits, Ydev);
  pn(loss);
  pn(C.index(null, 0).data.index([null, 5]), C.index(null, 1).data.index([null, 5]));

  const context0 = new Array<number>(block_size).fill(0);
  pr(C.index(torch.tensor([context0])).shape);

  // sample from the model
  g = new torch.Generator().manual_seed(2147483647 + 10);
  for (let k = 0; k < 20; k++) {
    const out: number[] = [];
    let context = new Array<number>(block_size).fill(0);  // initialize with all ...
    while (true) {
      emb = C.index(torch.tensor([context]));  // (1,block_size,d)
      h = torch.tanh(emb.view(1, -1).matmul(W1).add(b1));
      logits = h.matmul(W2).add(b2);
      probs = F.softmax(logits, { dim: 1 });
      const ix = item(torch.multinomial(probs, { num_samples: 1, generator: g }));
      context = [...context.slice(1), ix];
      out.push(ix);
      if (ix === 0) break;
    }
    pn(out.map((i) => itos.get(i)).join(''));
  }
});

// -------------------------------------------------------------------------------------------------
// makemore_part3_bn.ipynb

/** What the notebook's layers have in common (Python's duck typing). Plain classes are not callable in
 *  JavaScript: `layer(x)` is `layer.call(x)`. */
interface Layer { out: Tensor; training?: boolean; call(x: Tensor): Tensor; parameters(): Tensor[] }

const part3_batchnorm = program(() => {
  const words = read_words();
  pr(words.slice(0, 8));
  pr(words.length);
  const { stoi, itos } = vocabulary(words);
  const vocab_size = itos.size;
  pr(pydict(itos));
  pr(vocab_size);

  const block_size = 3;  // context length: how many characters do we take to predict the next one?
  shuffle(words);
  const n1 = Math.trunc(0.8 * words.length);
  const n2 = Math.trunc(0.9 * words.length);
  const [Xtr, Ytr] = build_dataset(words.slice(0, n1), block_size, stoi);  // 80%
  const [Xdev, Ydev] = build_dataset(words.slice(n1, n2), block_size, stoi);  // 10%
  const [Xte, Yte] = build_dataset(words.slice(n2), block_size, stoi);  // 10%
  const splits: Record<string, [Tensor, Tensor]> = { train: [Xtr, Ytr], val: [Xdev, Ydev], test: [Xte, Yte] };

  pr(torch.tensor(1 / 27.0).log().neg());
  let logits = torch.tensor([0.0, 0.0, 0.0, 0.0], { dtype: torch.float32 });   // [0, 0, 0, 0] in JS: int64 without the dtype
  let probs = torch.softmax(logits, { dim: 0 });
  let loss = probs.index(2).log().neg();
  pr(tuple(probs, loss));
  logits = torch.randn(4).mul(10);
  probs = torch.softmax(logits, { dim: 0 });
  loss = probs.index(2).log().neg();
  pr(tuple(logits, probs, loss));

  let x = torch.randn(1000, 10);
  const w = torch.randn(10, 200).div(10 ** 0.5);
  const y = x.matmul(w);
  pr(x.mean(), x.std());
  pr(y.mean(), y.std());
  pr(pyrepr((5 / 3) / (30 ** 0.5)));

  // MLP revisited
  let n_embd = 10;  // the dimensionality of the character embedding vectors
  let n_hidden = 200;  // the number of neurons in the hidden layer of the MLP

  let g = new torch.Generator().manual_seed(2147483647);  // for reproducibility
  let C = torch.randn([vocab_size, n_embd], { generator: g });
  const W1 = torch.randn([n_embd * block_size, n_hidden], { generator: g }).mul(5 / 3).div((n_embd * block_size) ** 0.5);
  const W2 = torch.randn([n_hidden, vocab_size], { generator: g }).mul(0.01);
  const b2 = torch.randn(vocab_size, { generator: g }).mul(0);

  // BatchNorm parameters
  const bngain = torch.ones([1, n_hidden]);
  const bnbias = torch.zeros([1, n_hidden]);
  let bnmean_running = torch.zeros([1, n_hidden]);
  let bnstd_running = torch.ones([1, n_hidden]);

  let parameters = [C, W1, W2, b2, bngain, bnbias];
  pr(sum(parameters.map((p) => p.nelement())));  // number of parameters in total
  for (const p of parameters) p.requires_grad = true;

  let max_steps = 30;
  let batch_size = 32;
  let lossi: number[] = [];

  for (let i = 0; i < max_steps; i++) {
    // minibatch construct
    const ix = torch.randint(0, Xtr.shape[0], [batch_size], { generator: g });
    const Xb = Xtr.index(ix);
    const Yb = Ytr.index(ix);  // batch X,Y

    // forward pass
    const emb = C.index(Xb);  // embed the characters into vectors
    const embcat = emb.view(emb.shape[0], -1);  // concatenate the vectors
    // Linear layer
    let hpreact = embcat.matmul(W1);  // + b1 # hidden layer pre-activation
    // BatchNorm layer
    // -------------------------------------------------------------
    const bnmeani = hpreact.mean(0, { keepdim: true });
    const bnstdi = hpreact.std(0, { keepdim: true });
    hpreact = bngain.mul(hpreact.sub(bnmeani)).div(bnstdi).add(bnbias);
    // with torch.no_grad(): what the block makes is released when it ends, but what it returns
    [bnmean_running, bnstd_running] = torch.no_grad(() => [
      bnmean_running.mul(0.999).add(bnmeani.mul(0.001)),
      bnstd_running.mul(0.999).add(bnstdi.mul(0.001)),
    ]);
    // -------------------------------------------------------------
    // Non-linearity
    const h = torch.tanh(hpreact);  // hidden layer
    const logits = h.matmul(W2).add(b2);  // output layer
    const loss = F.cross_entropy(logits, Yb);  // loss function

    // backward pass
    for (const p of parameters) p.grad = null;
    loss.backward();

    // update
    const lr = i < 20 ? 0.1 : 0.01;  // step learning rate decay
    for (const p of parameters) p.data.add_(p.grad!.mul(-lr));

    // track stats
    if (i % 10 === 0) pn(`${String(i).padStart(7)}/${String(max_steps).padStart(7)}: ${item(loss).toFixed(4)}`);
    lossi.push(item(loss.log10()));

    if (i === 0) {
      pr(h.abs().gt(0.99).float().mean());
      pr(hpreact.shape, bnmeani.shape, bnstdi.shape);
    }
  }
  pn(torch.tensor(lossi).view(-1, 10).mean(1));

  // calibrate the batch norm at the end of training
  const [bnmean, bnstd] = torch.no_grad(() => {
    // pass the training set through
    const emb = C.index(Xtr);
    const embcat = emb.view(emb.shape[0], -1);
    const hpreact = embcat.matmul(W1);  // + b1
    // measure the mean/std over the entire training set
    return [hpreact.mean(0, { keepdim: true }), hpreact.std(0, { keepdim: true })];
  });
  pn(bnmean.index(0, [null, 8]));
  pn(bnmean_running.index(0, [null, 8]));
  pn(bnstd.index(0, [null, 8]));
  pn(bnstd_running.index(0, [null, 8]));

  // @torch.no_grad() on a function: its body in a no_grad block
  let split_loss = (split: string) => torch.no_grad(() => {
    const [x, y] = splits[split];
    const emb = C.index(x);  // (N, block_size, n_embd)
    const embcat = emb.view(emb.shape[0], -1);  // concat into (N, block_size * n_embd)
    let hpreact = embcat.matmul(W1);  // + b1
    hpreact = bngain.mul(hpreact.sub(bnmean_running)).div(bnstd_running).add(bnbias);
    const h = torch.tanh(hpreact);  // (N, n_hidden)
    const logits = h.matmul(W2).add(b2);  // (N, vocab_size)
    const loss = F.cross_entropy(logits, y);
    pn(split, pyrepr(item(loss)));
  });
  split_loss('train');
  split_loss('val');

  // SUMMARY + PYTORCHIFYING -----------
  // Let's train a deeper network
  // The classes we create here are the same API as nn.Module in PyTorch

  class Linear implements Layer {
    weight: Tensor;
    bias: Tensor | null;
    out!: Tensor;
    training?: boolean;
    constructor(fan_in: number, fan_out: number, bias = true) {
      this.weight = torch.randn([fan_in, fan_out], { generator: g }).div(fan_in ** 0.5);
      this.bias = bias ? torch.zeros(fan_out) : null;
    }
    call(x: Tensor): Tensor {
      this.out = x.matmul(this.weight);
      if (this.bias !== null) this.out.add_(this.bias);   // self.out += self.bias
      return this.out;
    }
    parameters(): Tensor[] {
      return [this.weight, ...(this.bias === null ? [] : [this.bias])];
    }
  }

  class BatchNorm1d implements Layer {
    eps: number;
    momentum: number;
    training = true;
    gamma: Tensor;
    beta: Tensor;
    running_mean: Tensor;
    running_var: Tensor;
    out!: Tensor;
    constructor(dim: number, eps = 1e-5, momentum = 0.1) {
      this.eps = eps;
      this.momentum = momentum;
      // parameters (trained with backprop)
      this.gamma = torch.ones(dim);
      this.beta = torch.zeros(dim);
      // buffers (trained with a running 'momentum update')
      this.running_mean = torch.zeros(dim);
      this.running_var = torch.ones(dim);
    }
    call(x: Tensor): Tensor {
      // calculate the forward pass
      let xmean: Tensor;
      let xvar: Tensor;
      if (this.training) {
        xmean = x.mean(0, { keepdim: true });  // batch mean
        xvar = x.var(0, { keepdim: true });  // batch variance
      } else {
        xmean = this.running_mean;
        xvar = this.running_var;
      }
      const xhat = x.sub(xmean).div(torch.sqrt(xvar.add(this.eps)));  // normalize to unit variance
      this.out = this.gamma.mul(xhat).add(this.beta);
      // update the buffers
      if (this.training) {
        [this.running_mean, this.running_var] = torch.no_grad(() => [
          this.running_mean.mul(1 - this.momentum).add(xmean.mul(this.momentum)),
          this.running_var.mul(1 - this.momentum).add(xvar.mul(this.momentum)),
        ]);
      }
      return this.out;
    }
    parameters(): Tensor[] {
      return [this.gamma, this.beta];
    }
  }

  class Tanh implements Layer {
    out!: Tensor;
    training?: boolean;
    call(x: Tensor): Tensor {
      this.out = torch.tanh(x);
      return this.out;
    }
    parameters(): Tensor[] {
      return [];
    }
  }

  n_embd = 10;  // the dimensionality of the character embedding vectors
  n_hidden = 100;  // the number of neurons in the hidden layer of the MLP

  /** s without the '+' of '%+f' (scripts/gen-makemore.py says why). */
  const unsigned = (s: string) => s.replaceAll('+', '');
  /** The notebook's three diagnostic cells (scripts/gen-makemore.py). */
  function visualize(layers: Layer[], parameters: Tensor[], histograms: boolean): void {
    layers.slice(0, -1).forEach((layer, i) => {   // note: exclude the output layer
      if (layer instanceof Tanh) {
        const t = layer.out;
        pn(unsigned(`layer ${i} (${layer.constructor.name.padStart(10)}): mean ${plus(item(t.mean()), 2)}, std ${item(t.std()).toFixed(2)}, ` +
          `saturated: ${item(t.abs().gt(0.97).float().mean().mul(100)).toFixed(2)}%`));
        const [hy, hx] = torch.histogram(t, { density: true });
        if (histograms) pr(hx.index([null, -1]).detach(), hy.detach());
      }
    });
    layers.slice(0, -1).forEach((layer, i) => {
      if (layer instanceof Tanh) {
        const t = layer.out.grad!;
        pn(unsigned(`layer ${i} (${layer.constructor.name.padStart(10)}): mean ${plus(item(t.mean()), 6)}, std ${pe(item(t.std()))}`));
        const [hy, hx] = torch.histogram(t, { density: true });
        if (histograms) pn(hx.index([null, -1]).detach(), hy.detach());
      }
    });
    parameters.forEach((p) => {
      const t = p.grad!;
      if (p.ndim === 2) {
        pn(unsigned(`weight ${shapeTuple(p).padStart(10)} | mean ${plus(item(t.mean()), 6)} | std ${pe(item(t.std()))} | ` +
          `grad:data ratio ${pe(item(t.std().div(p.std())))}`));
        const [hy, hx] = torch.histogram(t, { density: true });
        if (histograms) pn(hx.index([null, -1]).detach(), hy.detach());
      }
    });
  }

  // The lecture's first deep network: no BatchNorm, gain 5/3, one step
  g = new torch.Generator().manual_seed(2147483647);  // for reproducibility
  C = torch.randn([vocab_size, n_embd], { generator: g });
  let layers: Layer[] = [
    new Linear(n_embd * block_size, n_hidden), new Tanh(),
    new Linear(n_hidden, n_hidden), new Tanh(),
    new Linear(n_hidden, n_hidden), new Tanh(),
    new Linear(n_hidden, n_hidden), new Tanh(),
    new Linear(n_hidden, n_hidden), new Tanh(),
    new Linear(n_hidden, vocab_size),
  ];
  torch.no_grad(() => {
    // last layer: make less confident
    (layers.at(-1) as Linear).weight.mul_(0.1);
    // all other layers: apply gain
    for (const layer of layers.slice(0, -1)) if (layer instanceof Linear) layer.weight.mul_(5 / 3);
  });
  parameters = [C, ...layers.flatMap((layer) => layer.parameters())];
  pr(sum(parameters.map((p) => p.nelement())));  // number of parameters in total
  for (const p of parameters) p.requires_grad = true;

  max_steps = 200000;
  batch_size = 32;
  for (let i = 0; i < max_steps; i++) {
    // minibatch construct
    const ix = torch.randint(0, Xtr.shape[0], [batch_size], { generator: g });
    const Xb = Xtr.index(ix);
    const Yb = Ytr.index(ix);  // batch X,Y

    // forward pass
    const emb = C.index(Xb);  // embed the characters into vectors
    let x = emb.view(emb.shape[0], -1);  // concatenate the vectors
    for (const layer of layers) x = layer.call(x);
    const loss = F.cross_entropy(x, Yb);  // loss function

    // backward pass
    for (const layer of layers) layer.out.retain_grad();  // AFTER_DEBUG: would take out retain_graph
    for (const p of parameters) p.grad = null;
    loss.backward();

    // update
    const lr = i < 150000 ? 0.1 : 0.01;  // step learning rate decay
    for (const p of parameters) p.data.add_(p.grad!.mul(-lr));

    // track stats
    if (i % 10000 === 0) pr(`${String(i).padStart(7)}/${String(max_steps).padStart(7)}: ${item(loss).toFixed(4)}`);
    break;
  }
  visualize(layers, parameters, true);

  // The final network: BatchNorm after every Linear
  g = new torch.Generator().manual_seed(2147483647);  // for reproducibility
  C = torch.randn([vocab_size, n_embd], { generator: g });
  layers = [
    new Linear(n_embd * block_size, n_hidden, false), new BatchNorm1d(n_hidden), new Tanh(),
    new Linear(n_hidden, n_hidden, false), new BatchNorm1d(n_hidden), new Tanh(),
    new Linear(n_hidden, n_hidden, false), new BatchNorm1d(n_hidden), new Tanh(),
    new Linear(n_hidden, n_hidden, false), new BatchNorm1d(n_hidden), new Tanh(),
    new Linear(n_hidden, n_hidden, false), new BatchNorm1d(n_hidden), new Tanh(),
    new Linear(n_hidden, vocab_size, false), new BatchNorm1d(vocab_size),
  ];
  torch.no_grad(() => {
    // last layer: make less confident
    (layers.at(-1) as BatchNorm1d).gamma.mul_(0.1);
    // all other layers: apply gain
    for (const layer of layers.slice(0, -1)) if (layer instanceof Linear) layer.weight.mul_(1.0);  // 5/3
  });
  parameters = [C, ...layers.flatMap((layer) => layer.parameters())];
  pr(sum(parameters.map((p) => p.nelement())));  // number of parameters in total
  for (const p of parameters) p.requires_grad = true;

  max_steps = 40;
  batch_size = 32;
  lossi = [];
  const ud: number[][] = [];

  for (let i = 0; i < max_steps; i++) {
    // minibatch construct
    const ix = torch.randint(0, Xtr.shape[0], [batch_size], { generator: g });
    const Xb = Xtr.index(ix);
    const Yb = Ytr.index(ix);  // batch X,Y

    // forward pass
    const emb = C.index(Xb);  // embed the characters into vectors
    let x = emb.view(emb.shape[0], -1);  // concatenate the vectors
    for (const layer of layers) x = layer.call(x);
    const loss = F.cross_entropy(x, Yb);  // loss function

    // backward pass
    for (const layer of layers) layer.out.retain_grad();  // AFTER_DEBUG: would take out retain_graph
    for (const p of parameters) p.grad = null;
    loss.backward();

    // update
    const lr = i < 150000 ? 0.1 : 0.01;  // step learning rate decay
    for (const p of parameters) p.data.add_(p.grad!.mul(-lr));

    // track stats
    if (i % 10 === 0) pn(`${String(i).padStart(7)}/${String(max_steps).padStart(7)}: ${item(loss).toFixed(4)}`);
    lossi.push(item(loss.log10()));
    ud.push(torch.no_grad(() => parameters.map((p) => item(p.grad!.mul(lr).std().div(p.data.std()).log10()))));

    if (i >= 29) break;  // AFTER_DEBUG: would take out obviously to run full optimization
  }

  visualize(layers, parameters, false);

  parameters.forEach((p, i) => {
    if (p.ndim === 2) {
      const every5 = ud.filter((_, j) => j % 5 === 0).map((row) => Number(row[i].toFixed(4)));   // round(x, 4)
      pn(`param ${i}`, floats(every5));
    }
  });
  pn(ud.length, ud[0].length);

  split_loss = (split: string) => torch.no_grad(() => {
    const [xs, y] = splits[split];
    const emb = C.index(xs);  // (N, block_size, n_embd)
    let x = emb.view(emb.shape[0], -1);  // concat into (N, block_size * n_embd)
    for (const layer of layers) x = layer.call(x);
    const loss = F.cross_entropy(x, y);
    pn(split, pyrepr(item(loss)));
  });

  // put layers into eval mode
  for (const layer of layers) layer.training = false;
  split_loss('train');
  split_loss('val');

  // sample from the model
  g = new torch.Generator().manual_seed(2147483647 + 10);
  for (let k = 0; k < 20; k++) {
    const out: number[] = [];
    let context = new Array<number>(block_size).fill(0);  // initialize with all ...
    while (true) {
      // forward pass the neural net
      const emb = C.index(torch.tensor([context]));  // (1,block_size,n_embd)
      x = emb.view(emb.shape[0], -1);  // concatenate the vectors
      for (const layer of layers) x = layer.call(x);
      const logits = x;
      const probs = F.softmax(logits, { dim: 1 });
      // sample from the distribution
      const ix = item(torch.multinomial(probs, { num_samples: 1, generator: g }));
      // shift the context window and track the samples
      context = [...context.slice(1), ix];
      out.push(ix);
      // if we sample the special '.' token, break
      if (ix === 0) break;
    }
    pn(out.map((i) => itos.get(i)).join(''));  // decode and print the generated word
  }
});

// -------------------------------------------------------------------------------------------------
// makemore_part4_backprop.ipynb
const part4_backprop = program(() => {
  const words = read_words();
  pr(words.length);
  pr(Math.max(...words.map((w) => w.length)));
  pr(words.slice(0, 8));
  const { stoi, itos } = vocabulary(words);
  const vocab_size = itos.size;
  pr(pydict(itos));
  pr(vocab_size);

  const block_size = 3;  // context length: how many characters do we take to predict the next one?
  shuffle(words);
  const n1 = Math.trunc(0.8 * words.length);
  const n2 = Math.trunc(0.9 * words.length);
  const [Xtr, Ytr] = build_dataset(words.slice(0, n1), block_size, stoi);  // 80%
  const [Xdev, Ydev] = build_dataset(words.slice(n1, n2), block_size, stoi);  // 10%
  const [Xte, Yte] = build_dataset(words.slice(n2), block_size, stoi);  // 10%
  const splits: Record<string, [Tensor, Tensor]> = { train: [Xtr, Ytr], val: [Xdev, Ydev], test: [Xte, Yte] };

  // utility function we will use later when comparing manual gradients to PyTorch gradients
  function cmp(s: string, dt: Tensor, t: Tensor): void {
    const ex = torch.all(dt.eq(t.grad!)).item();
    const app = torch.allclose(dt, t.grad!);
    const maxdiff = item(dt.sub(t.grad!).abs().max());
    pn(`${s.padEnd(15)} | exact: ${py(ex).padEnd(5)} | approximate: ${py(app).padEnd(5)} | maxdiff: ${pyrepr(maxdiff)}`);
  }

  let n_embd = 10;  // the dimensionality of the character embedding vectors
  let n_hidden = 64;  // the number of neurons in the hidden layer of the MLP

  let g = new torch.Generator().manual_seed(2147483647);  // for reproducibility
  let C = torch.randn([vocab_size, n_embd], { generator: g });
  // Layer 1
  let W1 = torch.randn([n_embd * block_size, n_hidden], { generator: g }).mul(5 / 3).div((n_embd * block_size) ** 0.5);
  let b1 = torch.randn(n_hidden, { generator: g }).mul(0.1);  // using b1 just for fun, it's useless because of BN
  // Layer 2
  let W2 = torch.randn([n_hidden, vocab_size], { generator: g }).mul(0.1);
  let b2 = torch.randn(vocab_size, { generator: g }).mul(0.1);
  // BatchNorm parameters
  let bngain = torch.randn([1, n_hidden]).mul(0.1).add(1.0);
  let bnbias = torch.randn([1, n_hidden]).mul(0.1);

  let parameters = [C, W1, b1, W2, b2, bngain, bnbias];
  pr(sum(parameters.map((p) => p.nelement())));  // number of parameters in total
  for (const p of parameters) p.requires_grad = true;

  let batch_size = 32;
  let n = batch_size;  // a shorter variable also, for convenience
  // construct a minibatch
  const ix0 = torch.randint(0, Xtr.shape[0], [batch_size], { generator: g });
  const Xb = Xtr.index(ix0);
  const Yb = Ytr.index(ix0);  // batch X,Y

  // forward pass, "chunkated" into smaller steps that are possible to backward one at a time

  const emb = C.index(Xb);  // embed the characters into vectors
  const embcat = emb.view(emb.shape[0], -1);  // concatenate the vectors
  // Linear layer 1
  const hprebn = embcat.matmul(W1).add(b1);  // hidden layer pre-activation
  // BatchNorm layer
  const bnmeani = hprebn.sum(0, { keepdim: true }).mul(1 / n);
  const bndiff = hprebn.sub(bnmeani);
  const bndiff2 = bndiff.pow(2);
  const bnvar = bndiff2.sum(0, { keepdim: true }).mul(1 / (n - 1));  // note: Bessel's correction (dividing by n-1, not n)
  const bnvar_inv = bnvar.add(1e-5).pow(-0.5);
  const bnraw = bndiff.mul(bnvar_inv);
  const hpreact = bngain.mul(bnraw).add(bnbias);
  // Non-linearity
  const h = torch.tanh(hpreact);  // hidden layer
  // Linear layer 2
  const logits = h.matmul(W2).add(b2);  // output layer
  // cross entropy loss (same as F.cross_entropy(logits, Yb))
  const logit_maxes = logits.max(1, { keepdim: true }).values;
  const norm_logits = logits.sub(logit_maxes);  // subtract max for numerical stability
  const counts = norm_logits.exp();
  const counts_sum = counts.sum(1, { keepdims: true });
  const counts_sum_inv = counts_sum.pow(-1);  // if I use (1.0 / counts_sum) instead then I can't get backprop to be bit exact...
  const probs = counts.mul(counts_sum_inv);
  const logprobs = probs.log();
  const loss = logprobs.index(torch.arange(n), Yb).mean().neg();   // range(n): a tensor in tocha's index

  // PyTorch backward pass
  for (const p of parameters) p.grad = null;
  for (const t of [logprobs, probs, counts, counts_sum, counts_sum_inv,  // afaik there is no cleaner way
    norm_logits, logit_maxes, logits, h, hpreact, bnraw,
    bnvar_inv, bnvar, bndiff2, bndiff, hprebn, bnmeani,
    embcat, emb]) {
    t.retain_grad();
  }
  loss.backward();
  pr(loss);

  // Exercise 1: backprop through the whole thing manually,
  // backpropagating through exactly all of the variables
  // as they are defined in the forward pass above, one by one

  const dlogprobs = torch.zeros_like(logprobs);
  dlogprobs.set(torch.arange(n), Yb, -1.0 / n);   // dlogprobs[range(n), Yb] = -1.0/n
  const dprobs = probs.reciprocal().mul(dlogprobs);   // (1.0 / probs) * dlogprobs: Python's 1.0 / t is t.reciprocal() * 1.0
  const dcounts_sum_inv = counts.mul(dprobs).sum(1, { keepdim: true });
  const dcounts = counts_sum_inv.mul(dprobs);
  const dcounts_sum = counts_sum.pow(-2).neg().mul(dcounts_sum_inv);
  dcounts.add_(torch.ones_like(counts).mul(dcounts_sum));
  const dnorm_logits = counts.mul(dcounts);
  let dlogits = dnorm_logits.clone();
  const dlogit_maxes = dnorm_logits.neg().sum(1, { keepdim: true });
  dlogits.add_(F.one_hot(logits.max(1).indices, { num_classes: logits.shape[1] }).mul(dlogit_maxes));
  const dh = dlogits.matmul(W2.T);
  const dW2 = h.T.matmul(dlogits);
  const db2 = dlogits.sum(0);
  const dhpreact = torch.rsub(h.pow(2), 1.0).mul(dh);   // (1.0 - h**2) * dh
  const dbngain = bnraw.mul(dhpreact).sum(0, { keepdim: true });
  const dbnraw = bngain.mul(dhpreact);
  const dbnbias = dhpreact.sum(0, { keepdim: true });
  const dbndiff = bnvar_inv.mul(dbnraw);
  const dbnvar_inv = bndiff.mul(dbnraw).sum(0, { keepdim: true });
  const dbnvar = bnvar.add(1e-5).pow(-1.5).mul(-0.5).mul(dbnvar_inv);
  const dbndiff2 = torch.ones_like(bndiff2).mul(1.0 / (n - 1)).mul(dbnvar);
  dbndiff.add_(bndiff.mul(2).mul(dbndiff2));
  let dhprebn = dbndiff.clone();
  const dbnmeani = dbndiff.neg().sum(0);
  dhprebn.add_(torch.ones_like(hprebn).mul(dbnmeani).mul(1.0 / n));
  const dembcat = dhprebn.matmul(W1.T);
  const dW1 = embcat.T.matmul(dhprebn);
  const db1 = dhprebn.sum(0);
  const demb = dembcat.view(emb.shape);
  const dC = torch.zeros_like(C);
  for (let k = 0; k < Xb.shape[0]; k++) {
    for (let j = 0; j < Xb.shape[1]; j++) {
      const ix = Xb.index(k, j);
      dC.index(ix).add_(demb.index(k, j));   // dC[ix] += demb[k,j]
    }
  }

  cmp('logprobs', dlogprobs, logprobs);
  cmp('probs', dprobs, probs);
  cmp('counts_sum_inv', dcounts_sum_inv, counts_sum_inv);
  cmp('counts_sum', dcounts_sum, counts_sum);
  cmp('counts', dcounts, counts);
  cmp('norm_logits', dnorm_logits, norm_logits);
  cmp('logit_maxes', dlogit_maxes, logit_maxes);
  cmp('logits', dlogits, logits);
  cmp('h', dh, h);
  cmp('W2', dW2, W2);
  cmp('b2', db2, b2);
  cmp('hpreact', dhpreact, hpreact);
  cmp('bngain', dbngain, bngain);
  cmp('bnbias', dbnbias, bnbias);
  cmp('bnraw', dbnraw, bnraw);
  cmp('bnvar_inv', dbnvar_inv, bnvar_inv);
  cmp('bnvar', dbnvar, bnvar);
  cmp('bndiff2', dbndiff2, bndiff2);
  cmp('bndiff', dbndiff, bndiff);
  cmp('bnmeani', dbnmeani, bnmeani);
  cmp('hprebn', dhprebn, hprebn);
  cmp('embcat', dembcat, embcat);
  cmp('W1', dW1, W1);
  cmp('b1', db1, b1);
  cmp('emb', demb, emb);
  cmp('C', dC, C);

  // Exercise 2: backprop through cross_entropy but all in one go
  const loss_fast = F.cross_entropy(logits, Yb);
  pn(pyrepr(item(loss_fast)), 'diff:', pyrepr(item(loss_fast.sub(loss))));

  // backward pass
  dlogits = F.softmax(logits, 1);
  // dlogits[range(n), Yb] -= 1: Python reads the elements, subtracts, and writes them back
  dlogits.set(torch.arange(n), Yb, dlogits.index(torch.arange(n), Yb).sub(1));
  dlogits.div_(n);
  cmp('logits', dlogits, logits);  // I can only get approximate to be true, my maxdiff is 6e-9
  pr(tuple(logits.shape, Yb.shape));
  pr(F.softmax(logits, 1).index(0));
  pr(dlogits.index(0).mul(n));
  pn(dlogits.index(0).sum());

  // Exercise 3: backprop through batchnorm but all in one go
  const hpreact_fast = bngain.mul(hprebn.sub(hprebn.mean(0, { keepdim: true })))
    .div(torch.sqrt(hprebn.var(0, { keepdim: true, unbiased: true }).add(1e-5))).add(bnbias);
  pr('max diff:', hpreact_fast.sub(hpreact).abs().max());

  // calculate dhprebn given dhpreact (i.e. backprop through the batchnorm)
  dhprebn = bngain.mul(bnvar_inv).div(n)
    .mul(dhpreact.mul(n).sub(dhpreact.sum(0)).sub(bnraw.mul(n / (n - 1)).mul(dhpreact.mul(bnraw).sum(0))));
  cmp('hprebn', dhprebn, hprebn);  // I can only get approximate to be true, my maxdiff is 9e-10
  pr(tuple(dhprebn.shape, bngain.shape, bnvar_inv.shape, dbnraw.shape, dbnraw.sum(0).shape));

  // Exercise 4: putting it all together!
  // Train the MLP neural net with your own backward pass

  // init
  n_embd = 10;  // the dimensionality of the character embedding vectors
  n_hidden = 200;  // the number of neurons in the hidden layer of the MLP

  const init = () => {
    g = new torch.Generator().manual_seed(2147483647);  // for reproducibility
    C = torch.randn([vocab_size, n_embd], { generator: g });
    // Layer 1
    W1 = torch.randn([n_embd * block_size, n_hidden], { generator: g }).mul(5 / 3).div((n_embd * block_size) ** 0.5);
    b1 = torch.randn(n_hidden, { generator: g }).mul(0.1);
    // Layer 2
    W2 = torch.randn([n_hidden, vocab_size], { generator: g }).mul(0.1);
    b2 = torch.randn(vocab_size, { generator: g }).mul(0.1);
    // BatchNorm parameters
    bngain = torch.randn([1, n_hidden]).mul(0.1).add(1.0);
    bnbias = torch.randn([1, n_hidden]).mul(0.1);
    parameters = [C, W1, b1, W2, b2, bngain, bnbias];
    for (const p of parameters) p.requires_grad = true;
  };
  init();
  pr(sum(parameters.map((p) => p.nelement())));  // number of parameters in total

  // same optimization as last time
  const max_steps = 30;
  batch_size = 32;
  n = batch_size;  // convenience
  let lossi: number[] = [];

  /** The notebook's training cell; check: its debugging state (scripts/gen-makemore.py). */
  function train(check: boolean): Tensor[] {
    let grads: Tensor[] = [];
    for (let i = 0; i < max_steps; i++) {
      // minibatch construct
      const ix = torch.randint(0, Xtr.shape[0], [batch_size], { generator: g });
      const Xb = Xtr.index(ix);
      const Yb = Ytr.index(ix);  // batch X,Y

      // forward pass
      const emb = C.index(Xb);  // embed the characters into vectors
      const embcat = emb.view(emb.shape[0], -1);  // concatenate the vectors
      // Linear layer
      const hprebn = embcat.matmul(W1).add(b1);  // hidden layer pre-activation
      // BatchNorm layer
      // -------------------------------------------------------------
      const bnmean = hprebn.mean(0, { keepdim: true });
      const bnvar = hprebn.var(0, { keepdim: true, unbiased: true });
      const bnvar_inv = bnvar.add(1e-5).pow(-0.5);
      const bnraw = hprebn.sub(bnmean).mul(bnvar_inv);
      const hpreact = bngain.mul(bnraw).add(bnbias);
      // -------------------------------------------------------------
      // Non-linearity
      const h = torch.tanh(hpreact);  // hidden layer
      const logits = h.matmul(W2).add(b2);  // output layer
      const loss = F.cross_entropy(logits, Yb);  // loss function

      // backward pass
      for (const p of parameters) p.grad = null;
      if (check) loss.backward();  // use this for correctness comparisons, delete it later!

      // manual backprop! #swole_doge_meme
      // -----------------
      const dlogits = F.softmax(logits, 1);
      dlogits.set(torch.arange(n), Yb, dlogits.index(torch.arange(n), Yb).sub(1));
      dlogits.div_(n);
      // 2nd layer backprop
      const dh = dlogits.matmul(W2.T);
      const dW2 = h.T.matmul(dlogits);
      const db2 = dlogits.sum(0);
      // tanh
      const dhpreact = torch.rsub(h.pow(2), 1.0).mul(dh);
      // batchnorm backprop
      const dbngain = bnraw.mul(dhpreact).sum(0, { keepdim: true });
      const dbnbias = dhpreact.sum(0, { keepdim: true });
      const dhprebn = bngain.mul(bnvar_inv).div(n)
        .mul(dhpreact.mul(n).sub(dhpreact.sum(0)).sub(bnraw.mul(n / (n - 1)).mul(dhpreact.mul(bnraw).sum(0))));
      // 1st layer
      const dembcat = dhprebn.matmul(W1.T);
      const dW1 = embcat.T.matmul(dhprebn);
      const db1 = dhprebn.sum(0);
      // embedding
      const demb = dembcat.view(emb.shape);
      const dC = torch.zeros_like(C);
      for (let k = 0; k < Xb.shape[0]; k++) {
        for (let j = 0; j < Xb.shape[1]; j++) {
          const ix = Xb.index(k, j);
          dC.index(ix).add_(demb.index(k, j));
        }
      }
      grads = [dC, dW1, db1, dW2, db2, dbngain, dbnbias];
      // -----------------

      // update
      const lr = i < 20 ? 0.1 : 0.01;  // step learning rate decay
      for (const [p, grad] of zip(parameters, grads)) {
        p.data.add_(grad.mul(-lr));  // new way of swole doge TODO: enable
      }

      // track stats
      if (i % 5 === 0) pn(`${String(i).padStart(7)}/${String(max_steps).padStart(7)}: ${item(loss).toFixed(4)}`);
      lossi.push(item(loss.log10()));

      if (check && i >= 2) break;  // TODO: delete early breaking when you're ready to train the full net
    }
    return grads;
  }

  const grads = train(true);
  // useful for checking your gradients
  for (const [p, g_] of zip(parameters, grads)) cmp(shapeTuple(p), g_, p);

  // the final state: the same cell from a fresh init, under torch.no_grad()
  init();
  lossi = [];
  torch.no_grad(() => train(false));

  // calibrate the batch norm at the end of training
  const [bnmean, bnvar2] = torch.no_grad(() => {
    // pass the training set through
    const emb = C.index(Xtr);
    const embcat = emb.view(emb.shape[0], -1);
    const hpreact = embcat.matmul(W1).add(b1);
    // measure the mean/std over the entire training set
    return [hpreact.mean(0, { keepdim: true }), hpreact.var(0, { keepdim: true, unbiased: true })];
  });

  // evaluate train and val loss
  const split_loss = (split: string) => torch.no_grad(() => {
    const [x, y] = splits[split];
    const emb = C.index(x);  // (N, block_size, n_embd)
    const embcat = emb.view(emb.shape[0], -1);  // concat into (N, block_size * n_embd)
    let hpreact = embcat.matmul(W1).add(b1);
    hpreact = bngain.mul(hpreact.sub(bnmean)).mul(bnvar2.add(1e-5).pow(-0.5)).add(bnbias);
    const h = torch.tanh(hpreact);  // (N, n_hidden)
    const logits = h.matmul(W2).add(b2);  // (N, vocab_size)
    const loss = F.cross_entropy(logits, y);
    pn(split, pyrepr(item(loss)));
  });
  split_loss('train');
  split_loss('val');

  // sample from the model
  g = new torch.Generator().manual_seed(2147483647 + 10);
  for (let k = 0; k < 20; k++) {
    const out: number[] = [];
    let context = new Array<number>(block_size).fill(0);  // initialize with all ...
    while (true) {
      // ------------
      // forward pass:
      // Embedding
      const emb = C.index(torch.tensor([context]));  // (1,block_size,d)
      const embcat = emb.view(emb.shape[0], -1);  // concat into (N, block_size * n_embd)
      let hpreact = embcat.matmul(W1).add(b1);
      hpreact = bngain.mul(hpreact.sub(bnmean)).mul(bnvar2.add(1e-5).pow(-0.5)).add(bnbias);
      const h = torch.tanh(hpreact);  // (N, n_hidden)
      const logits = h.matmul(W2).add(b2);  // (N, vocab_size)
      // ------------
      // Sample
      const probs = F.softmax(logits, { dim: 1 });
      const ix = item(torch.multinomial(probs, { num_samples: 1, generator: g }));
      context = [...context.slice(1), ix];
      out.push(ix);
      if (ix === 0) break;
    }
    pn(out.map((i) => itos.get(i)).join(''));
  }
});

// -------------------------------------------------------------------------------------------------
// makemore_part5_cnn1.ipynb
const part5_wavenet = program(() => {
  // read in all the words
  const words = read_words();
  pr(words.length);
  pr(Math.max(...words.map((w) => w.length)));
  pr(words.slice(0, 8));
  const { stoi, itos } = vocabulary(words);
  const vocab_size = itos.size;
  pr(pydict(itos));
  pr(vocab_size);

  // shuffle up the words
  shuffle(words);

  // build the dataset
  const block_size = 8;  // context length: how many characters do we take to predict the next one?
  const n1 = Math.trunc(0.8 * words.length);
  const n2 = Math.trunc(0.9 * words.length);
  const [Xtr, Ytr] = build_dataset(words.slice(0, n1), block_size, stoi);  // 80%
  const [Xdev, Ydev] = build_dataset(words.slice(n1, n2), block_size, stoi);  // 10%
  const [Xte, Yte] = build_dataset(words.slice(n2), block_size, stoi);  // 10%
  const splits: Record<string, [Tensor, Tensor]> = { train: [Xtr, Ytr], val: [Xdev, Ydev], test: [Xte, Yte] };

  // for x,y in zip(Xtr[:20], Ytr[:20]): a tensor is not iterable in tocha, unbind(0) gives its rows
  for (const [x, y] of zip(Xtr.index([null, 20]).unbind(0), Ytr.index([null, 20]).unbind(0))) {
    pr(x.unbind(0).map((ix) => itos.get(item(ix))).join(''), '-->', itos.get(item(y)));
  }

  // Near copy paste of the layers we have developed in Part 3

  // -----------------------------------------------------------------------------------------------
  class Linear implements Layer {
    weight: Tensor;
    bias: Tensor | null;
    out!: Tensor;
    training?: boolean;
    constructor(fan_in: number, fan_out: number, bias = true) {
      this.weight = torch.randn([fan_in, fan_out]).div(fan_in ** 0.5);  // note: kaiming init
      this.bias = bias ? torch.zeros(fan_out) : null;
    }
    call(x: Tensor): Tensor {
      this.out = x.matmul(this.weight);
      if (this.bias !== null) this.out.add_(this.bias);
      return this.out;
    }
    parameters(): Tensor[] {
      return [this.weight, ...(this.bias === null ? [] : [this.bias])];
    }
  }

  // -----------------------------------------------------------------------------------------------
  class BatchNorm1d implements Layer {
    eps: number;
    momentum: number;
    training = true;
    gamma: Tensor;
    beta: Tensor;
    running_mean: Tensor;
    running_var: Tensor;
    out!: Tensor;
    constructor(dim: number, eps = 1e-5, momentum = 0.1) {
      this.eps = eps;
      this.momentum = momentum;
      // parameters (trained with backprop)
      this.gamma = torch.ones(dim);
      this.beta = torch.zeros(dim);
      // buffers (trained with a running 'momentum update')
      this.running_mean = torch.zeros(dim);
      this.running_var = torch.ones(dim);
    }
    call(x: Tensor): Tensor {
      // calculate the forward pass
      let xmean: Tensor;
      let xvar: Tensor;
      if (this.training) {
        let dim: number | number[] = 0;
        if (x.ndim === 2) dim = 0;
        else if (x.ndim === 3) dim = [0, 1];
        xmean = x.mean(dim, { keepdim: true });  // batch mean
        xvar = x.var(dim, { keepdim: true });  // batch variance
      } else {
        xmean = this.running_mean;
        xvar = this.running_var;
      }
      const xhat = x.sub(xmean).div(torch.sqrt(xvar.add(this.eps)));  // normalize to unit variance
      this.out = this.gamma.mul(xhat).add(this.beta);
      // update the buffers
      if (this.training) {
        [this.running_mean, this.running_var] = torch.no_grad(() => [
          this.running_mean.mul(1 - this.momentum).add(xmean.mul(this.momentum)),
          this.running_var.mul(1 - this.momentum).add(xvar.mul(this.momentum)),
        ]);
      }
      return this.out;
    }
    parameters(): Tensor[] {
      return [this.gamma, this.beta];
    }
  }

  // -----------------------------------------------------------------------------------------------
  class Tanh implements Layer {
    out!: Tensor;
    training?: boolean;
    call(x: Tensor): Tensor {
      this.out = torch.tanh(x);
      return this.out;
    }
    parameters(): Tensor[] {
      return [];
    }
  }

  // -----------------------------------------------------------------------------------------------
  class Embedding implements Layer {
    weight: Tensor;
    out!: Tensor;
    training?: boolean;
    constructor(num_embeddings: number, embedding_dim: number) {
      this.weight = torch.randn([num_embeddings, embedding_dim]);
    }
    call(IX: Tensor): Tensor {
      this.out = this.weight.index(IX);
      return this.out;
    }
    parameters(): Tensor[] {
      return [this.weight];
    }
  }

  // -----------------------------------------------------------------------------------------------
  class FlattenConsecutive implements Layer {
    n: number;
    out!: Tensor;
    training?: boolean;
    constructor(n: number) {
      this.n = n;
    }
    call(x: Tensor): Tensor {
      const [B, T, C] = x.shape;
      x = x.view(B, Math.floor(T / this.n), C * this.n);
      if (x.shape[1] === 1) x = x.squeeze(1);
      this.out = x;
      return this.out;
    }
    parameters(): Tensor[] {
      return [];
    }
  }

  // -----------------------------------------------------------------------------------------------
  class Sequential {
    layers: Layer[];
    out!: Tensor;
    constructor(layers: Layer[]) {
      this.layers = layers;
    }
    call(x: Tensor): Tensor {
      for (const layer of this.layers) x = layer.call(x);
      this.out = x;
      return this.out;
    }
    parameters(): Tensor[] {
      // get parameters of all layers and stretch them out into one list
      return this.layers.flatMap((layer) => layer.parameters());
    }
  }

  torch.manual_seed(42);  // seed rng for reproducibility

  // hierarchical network
  const n_embd = 24;  // the dimensionality of the character embedding vectors
  const n_hidden = 128;  // the number of neurons in the hidden layer of the MLP
  const model = new Sequential([
    new Embedding(vocab_size, n_embd),
    new FlattenConsecutive(2), new Linear(n_embd * 2, n_hidden, false), new BatchNorm1d(n_hidden), new Tanh(),
    new FlattenConsecutive(2), new Linear(n_hidden * 2, n_hidden, false), new BatchNorm1d(n_hidden), new Tanh(),
    new FlattenConsecutive(2), new Linear(n_hidden * 2, n_hidden, false), new BatchNorm1d(n_hidden), new Tanh(),
    new Linear(n_hidden, vocab_size),
  ]);

  // parameter init
  torch.no_grad(() => { (model.layers.at(-1) as Linear).weight.mul_(0.1); });  // last layer make less confident

  const parameters = model.parameters();
  pr(sum(parameters.map((p) => p.nelement())));  // number of parameters in total
  for (const p of parameters) p.requires_grad = true;

  let ix = torch.randint(0, Xtr.shape[0], [4]);
  let Xb = Xtr.index(ix);
  model.call(Xb);
  pr(Xb.shape);
  pr(Xb);
  for (const layer of model.layers) pr(layer.constructor.name, ':', tuple(...layer.out.shape));

  const e = torch.randn(4, 8, 10);  // goal: want this to be (4, 4, 20) where consecutive 10-d vectors get concatenated
  const explicit = torch.cat([e.index(null, [null, null, 2], null), e.index(null, [1, null, 2], null)], { dim: 2 });
  pr(explicit.shape);
  pr(e.view(4, 4, 20).eq(explicit).all());

  const e_ = torch.randn(32, 4, 68);
  const emean = e_.mean([0, 1], { keepdim: true });  // 1, 1, 68
  const evar = e_.var([0, 1], { keepdim: true });  // 1, 1, 68
  const ehat = e_.sub(emean).div(torch.sqrt(evar.add(1e-5)));  // 32, 4, 68
  pr(ehat.shape);
  pr((model.layers[3] as BatchNorm1d).running_mean.shape);
  pr(emean.shape, e_.mean(0, { keepdim: true }).shape);

  // same optimization as last time
  const max_steps = 30;
  const batch_size = 32;
  const lossi: number[] = [];

  for (let i = 0; i < max_steps; i++) {
    // minibatch construct
    ix = torch.randint(0, Xtr.shape[0], [batch_size]);
    Xb = Xtr.index(ix);
    const Yb = Ytr.index(ix);  // batch X,Y

    // forward pass
    const logits = model.call(Xb);
    const loss = F.cross_entropy(logits, Yb);  // loss function

    // backward pass
    for (const p of parameters) p.grad = null;
    loss.backward();

    // update: simple SGD
    const lr = i < 20 ? 0.1 : 0.01;  // step learning rate decay
    for (const p of parameters) p.data.add_(p.grad!.mul(-lr));

    // track stats
    if (i % 10 === 0) pn(`${String(i).padStart(7)}/${String(max_steps).padStart(7)}: ${item(loss).toFixed(4)}`);
    lossi.push(item(loss.log10()));
  }

  pn(torch.tensor(lossi).view(-1, 10).mean(1));

  // put layers into eval mode (needed for batchnorm especially)
  for (const layer of model.layers) layer.training = false;

  // evaluate the loss
  const split_loss = (split: string) => torch.no_grad(() => {
    const [x, y] = splits[split];
    const logits = model.call(x);
    const loss = F.cross_entropy(logits, y);
    pn(split, pyrepr(item(loss)));
  });
  split_loss('train');
  split_loss('val');
  err(() => model.call(torch.zeros([4, 6], { dtype: torch.int64 })));

  // sample from the model
  for (let k = 0; k < 20; k++) {
    const out: number[] = [];
    let context = new Array<number>(block_size).fill(0);  // initialize with all ...
    while (true) {
      // forward pass the neural net
      const logits = model.call(torch.tensor([context]));
      const probs = F.softmax(logits, { dim: 1 });
      // sample from the distribution
      const ix = item(torch.multinomial(probs, { num_samples: 1 }));
      // shift the context window and track the samples
      context = [...context.slice(1), ix];
      out.push(ix);
      // if we sample the special '.' token, break
      if (ix === 0) break;
    }
    pn(out.map((i) => itos.get(i)).join(''));  // decode and print the generated word
  }

  // Next time: Why convolutions? Brief preview/hint
  for (const [x, y] of zip(Xtr.index([7, 15]).unbind(0), Ytr.index([7, 15]).unbind(0))) {
    pr(x.unbind(0).map((ix) => itos.get(item(ix))).join(''), '-->', itos.get(item(y)));
  }

  // forward a single example:
  let logits = model.call(Xtr.index(torch.tensor([7])));   // Xtr[[7]]
  pr(logits.shape);

  // forward all of them
  logits = torch.zeros(8, 27);
  for (let i = 0; i < 8; i++) logits.set(i, model.call(Xtr.index(torch.tensor([7 + i]))));   // logits[i] = ...
  pr(logits.shape);
});

export const programs: Record<string, () => Rec[]> = { part1_bigrams, part2_mlp, part3_batchnorm, part4_backprop, part5_wavenet };
