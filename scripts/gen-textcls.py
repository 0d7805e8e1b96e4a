# Two of PyTorch's text tutorials (pytorch/tutorials: beginner_source/text_sentiment_ngrams_tutorial.py, the
# EmbeddingBag news classifier, and beginner_source/chatbot_tutorial.py, the Luong-attention seq2seq chatbot) as
# PyTorch 1.13 runs them, with small inline corpora in place of the downloaded datasets, tiny sizes and few steps,
# plus the mistakes a user of each makes on the way. test/textcls.test.ts runs the same programs written against
# tocha (test/textcls-programs.ts) and compares.
#   /usr/bin/python3 scripts/gen-textcls.py   (writes test/fixtures/textcls.json)
# scripts/tutorial_harness.py says what a record is.
import itertools
import re
import unicodedata

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import optim
from torch.utils.data import DataLoader
from torch.utils.data.dataset import random_split

from tutorial_harness import e, n, p, program, write

# --------------------------------------------------------------------------------------------------
# text_sentiment_ngrams_tutorial.py ("Text classification with the torchtext library"). torchtext's AG_NEWS,
# its basic_english tokenizer and build_vocab_from_iterator are replaced by an inline corpus of news lines
# (label 1-4: World, Sports, Business, Sci/Tec), the tokenizer's rules written out (the same regular expressions
# as torchtext's _basic_english_normalize) and a vocabulary built here in torchtext's order (specials first,
# then by frequency, ties alphabetically), the same in both languages. Sizes: emsize 32 for 64, batches of 4
# for 64, 6 epochs for 10, a log line every 2 batches for every 500.
program('text_classification')

AG_NEWS_TRAIN = [
    (1, "Leaders meet in Geneva to talk about the peace plan for the region."),
    (1, "The president visits troops abroad as the war enters its third year."),
    (1, "Rebels and the army agree to a ceasefire after talks in the capital."),
    (1, "Elections in the country are delayed as protests spread to the south."),
    (1, "The prime minister calls for calm after the vote on the new government."),
    (1, "Diplomats warn of a crisis as the border talks fail again."),
    (1, "The UN sends aid to the region after the earthquake."),
    (1, "Minister resigns as the government faces a vote of no confidence."),
    (2, "The home team wins the cup final with a late goal."),
    (2, "Star striker scores twice as the club beats its rivals."),
    (2, "The coach praises his players after the season opener."),
    (2, "Tennis champion reaches the final after a long match."),
    (2, "The golfer leads by three strokes after the first round."),
    (2, "Olympic team wins gold in the relay as fans cheer."),
    (2, "The league suspends the player for two games after the fight."),
    (2, "Veteran pitcher throws a shutout as the team clinches the title."),
    (3, "Oil prices rise as markets worry about supply."),
    (3, "The bank raises interest rates to fight inflation."),
    (3, "Shares fall after the company reports lower profits."),
    (3, "The retailer posts record sales in the holiday quarter."),
    (3, "Investors buy stocks as the dollar gains against the euro."),
    (3, "The airline cuts jobs to reduce costs as fuel prices climb."),
    (3, "Profits at the carmaker beat forecasts as sales grow."),
    (3, "The merger creates the largest bank in the market."),
    (4, "Scientists find water on a distant planet with a new telescope."),
    (4, "The software company releases a new version of its browser."),
    (4, "Researchers build a faster chip for mobile phones."),
    (4, "A new space probe sends pictures of the moon."),
    (4, "Hackers attack the network of the software maker."),
    (4, "The internet search company unveils a new email service."),
    (4, "Scientists map the genome of the rice plant."),
    (4, "The computer maker launches a laptop with a longer battery life."),
]
AG_NEWS_TEST = [
    (1, "Talks on the peace plan resume as leaders meet in the capital."),
    (2, "The team wins the final as the striker scores a late goal."),
    (3, "Shares rise as the bank reports record profits."),
    (4, "The software maker releases a new chip for the computer."),
    (1, "Protests spread after the vote on the government."),
    (2, "The champion leads after the first round of the match."),
    (3, "Oil prices fall as investors worry about the market."),
    (4, "Scientists send a new probe to the planet."),
]

# torchtext.data.utils._basic_english_normalize
_patterns = [r"\'", r"\"", r"\.", r"<br \/>", r",", r"\(", r"\)", r"\!", r"\?", r"\;", r"\:", r"\s+"]
_replacements = [" '  ", "", " . ", " ", " , ", " ( ", " ) ", " ! ", " ? ", " ", " ", " "]
_patterns_dict = list((re.compile(p_), r) for p_, r in zip(_patterns, _replacements))


def tokenizer(line):  # get_tokenizer("basic_english")
    line = line.lower()
    for pattern_re, replaced_str in _patterns_dict:
        line = pattern_re.sub(replaced_str, line)
    return line.split()


train_iter = AG_NEWS_TRAIN
p(train_iter[0])  # next(iter(train_iter))


def yield_tokens(data_iter):
    for _, text in data_iter:
        yield tokenizer(text)


class Vocab:  # torchtext.vocab.build_vocab_from_iterator(..., specials=["<unk>"]), set_default_index
    def __init__(self, iterator, specials):
        counter = {}
        for tokens in iterator:
            for t in tokens:
                counter[t] = counter.get(t, 0) + 1
        ordered = sorted(counter.items(), key=lambda x: (-x[1], x[0]))
        self.itos = list(specials) + [t for t, _ in ordered if t not in specials]
        self.stoi = {t: i for i, t in enumerate(self.itos)}
        self.default_index = None

    def set_default_index(self, index):
        self.default_index = index

    def __getitem__(self, token):
        return self.stoi.get(token, self.default_index)

    def __call__(self, tokens):
        return [self[t] for t in tokens]

    def __len__(self):
        return len(self.itos)


vocab = Vocab(yield_tokens(train_iter), specials=["<unk>"])
vocab.set_default_index(vocab["<unk>"])
p(vocab(['here', 'is', 'an', 'example']))
p(len(vocab), vocab.itos[:12])


def text_pipeline(x):
    return vocab(tokenizer(x))


def label_pipeline(x):
    return int(x) - 1


p(text_pipeline('here is the an example'))
p(label_pipeline('10'))


def collate_batch(batch):
    label_list, text_list, offsets = [], [], [0]
    for _label, _text in batch:
        label_list.append(label_pipeline(_label))
        processed_text = torch.tensor(text_pipeline(_text), dtype=torch.int64)
        text_list.append(processed_text)
        offsets.append(processed_text.size(0))
    label_list = torch.tensor(label_list, dtype=torch.int64)
    offsets = torch.tensor(offsets[:-1]).cumsum(dim=0)
    text_list = torch.cat(text_list)
    return label_list, text_list, offsets


dataloader = DataLoader(train_iter, batch_size=8, shuffle=False, collate_fn=collate_batch)
label, text, offsets = next(iter(dataloader))
p(label)
p(text)
p(offsets)


class TextClassificationModel(nn.Module):
    def __init__(self, vocab_size, embed_dim, num_class):
        super(TextClassificationModel, self).__init__()
        self.embedding = nn.EmbeddingBag(vocab_size, embed_dim, sparse=False)
        self.fc = nn.Linear(embed_dim, num_class)
        self.init_weights()

    def init_weights(self):
        initrange = 0.5
        self.embedding.weight.data.uniform_(-initrange, initrange)
        self.fc.weight.data.uniform_(-initrange, initrange)
        self.fc.bias.data.zero_()

    def forward(self, text, offsets):
        embedded = self.embedding(text, offsets)
        return self.fc(embedded)


num_class = len(set([label for (label, text) in train_iter]))
vocab_size = len(vocab)
emsize = 32
model = TextClassificationModel(vocab_size, emsize, num_class)
p(model)
p(num_class, vocab_size)
p(model.fc.bias)
with torch.no_grad():
    p(model(text, offsets))

# the mistakes: a 2-D batch with offsets, a 1-D batch without offsets, offsets not starting at 0, a float
# text tensor, an index past the vocabulary, the labels 1-4 without label_pipeline's -1, float offsets
e(lambda: model(text.view(2, -1), offsets))
e(lambda: model.embedding(text))
e(lambda: model(text, offsets + 1))
e(lambda: model(text.float(), offsets))
e(lambda: model(torch.tensor([1, vocab_size]), torch.tensor([0])))
label4, text4, offsets4 = collate_batch(train_iter[-4:])
e(lambda: nn.CrossEntropyLoss()(model(text4, offsets4), label4 + 1))
e(lambda: model(text, offsets.float()))
# without collate_batch, the default collate batches the labels and leaves the strings in a tuple
p(next(iter(DataLoader(train_iter, batch_size=2))))
e(lambda: nn.CrossEntropyLoss()(model(text, offsets), label.float()))
e(lambda: nn.CrossEntropyLoss()(model(text, offsets), label.view(-1, 1)))
e(lambda: torch.optim.SGD(model.parameters(), lr=-5))


def train(dataloader):
    model.train()
    total_acc, total_count = 0, 0
    log_interval = 2
    for idx, (label, text, offsets) in enumerate(dataloader):
        optimizer.zero_grad()
        predicted_label = model(text, offsets)
        loss = criterion(predicted_label, label)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 0.1)
        optimizer.step()
        total_acc += (predicted_label.argmax(1) == label).sum().item()
        total_count += label.size(0)
        if idx % log_interval == 0 and idx > 0:
            # the elapsed time of the original's line is left out (it differs from run to run)
            n(
                "| epoch {:3d} | {:5d}/{:5d} batches "
                "| accuracy {:8.3f}".format(
                    epoch, idx, len(dataloader), total_acc / total_count
                )
            )
            total_acc, total_count = 0, 0


def evaluate(dataloader):
    model.eval()
    total_acc, total_count = 0, 0

    with torch.no_grad():
        for idx, (label, text, offsets) in enumerate(dataloader):
            predicted_label = model(text, offsets)
            loss = criterion(predicted_label, label)  # noqa: F841 - computed and unused, as in the tutorial
            total_acc += (predicted_label.argmax(1) == label).sum().item()
            total_count += label.size(0)
    return total_acc / total_count


# Hyperparameters
EPOCHS = 6  # epoch
LR = 5  # learning rate
BATCH_SIZE = 4  # batch size for training

criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=LR)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 1.0, gamma=0.1)
total_accu = None
train_dataset = list(AG_NEWS_TRAIN)  # to_map_style_dataset(train_iter)
test_dataset = list(AG_NEWS_TEST)
num_train = int(len(train_dataset) * 0.75)  # 0.95 of AG_NEWS' 120000; a quarter of 32 here
split_train_, split_valid_ = random_split(
    train_dataset, [num_train, len(train_dataset) - num_train]
)
p(len(split_train_), len(split_valid_), split_valid_.indices)

train_dataloader = DataLoader(
    split_train_, batch_size=BATCH_SIZE, shuffle=True, collate_fn=collate_batch
)
valid_dataloader = DataLoader(
    split_valid_, batch_size=BATCH_SIZE, shuffle=True, collate_fn=collate_batch
)
test_dataloader = DataLoader(
    test_dataset, batch_size=BATCH_SIZE, shuffle=True, collate_fn=collate_batch
)

for epoch in range(1, EPOCHS + 1):
    train(train_dataloader)
    accu_val = evaluate(valid_dataloader)
    if total_accu is not None and total_accu > accu_val:
        scheduler.step()
    else:
        total_accu = accu_val
    p("-" * 59)
    # the original prints "| time: {:5.2f}s" between these fields (the elapsed time differs from run to run)
    n(
        "| end of epoch {:3d} | "
        "valid accuracy {:8.3f} ".format(
            epoch, accu_val
        )
    )
    p("-" * 59)
    n(scheduler.get_last_lr())

# what a checkpoint of this run would hold (not in the tutorial)
n(scheduler.state_dict())
n(list(optimizer.state_dict()['state'].items()), optimizer.state_dict()['param_groups'])
p("Checking the results of test dataset.")
accu_test = evaluate(test_dataloader)
n("test accuracy {:8.3f}".format(accu_test))

ag_news_label = {1: "World", 2: "Sports", 3: "Business", 4: "Sci/Tec"}


def predict(text, text_pipeline):
    with torch.no_grad():
        text = torch.tensor(text_pipeline(text))
        output = model(text, torch.tensor([0]))
        return output.argmax(1).item() + 1


ex_text_str = "MEMPHIS, Tenn. – Four days ago, Jon Rahm was \
    enduring the season’s worst weather conditions on Sunday at The \
    Open on his way to a closing 75 at Royal Portrush, which \
    considering the wind and the rain was a respectable showing. \
    Thursday’s first round at the WGC-FedEx St. Jude Invitational \
    was another story. With temperatures in the mid-80s and hardly any \
    wind, the Spaniard was 13 strokes better in a flawless round. \
    Thanks to his best putting performance on the PGA Tour, Rahm \
    finished with an 8-under 62 for a three-stroke lead, which \
    was even more impressive considering he’d never played the \
    front nine at TPC Southwind."

model = model.to("cpu")

p(tokenizer(ex_text_str)[:12])
p("This is a %s news" % ag_news_label[predict(ex_text_str, text_pipeline)])
with torch.no_grad():
    n(model(torch.tensor(text_pipeline(ex_text_str)), torch.tensor([0])))
# an empty sentence is an empty bag: zeros through fc, the bias alone
with torch.no_grad():
    n(model(torch.tensor([], dtype=torch.long), torch.tensor([0])))


# --------------------------------------------------------------------------------------------------
# chatbot_tutorial.py: Voc, zero-padded batches with their mask, a bidirectional GRU encoder over packed
# sequences, Luong attention (dot; general and concat run once), the attention decoder, the masked NLL loss,
# training with teacher forcing, gradient clipping and two Adam optimizers, greedy decoding. A few inline
# query/response lines stand in for the Cornell Movie-Dialogs Corpus (MIN_COUNT 2 for 3 on so few lines);
# hidden_size 16 for 500, batches of 5 for 64, 6 iterations for 4000, no checkpoint files (their state_dict keys
# are printed instead), a fixed list of queries for the interactive evaluateInput loop. `random.choice(pairs)`
# and the teacher-forcing draw `random.random()` are drawn from torch's generator (torch.randint, torch.rand),
# and teacher_forcing_ratio is 0.5 (the tutorial's 1.0 would never take the greedy branch).
program('chatbot')

PAD_token = 0  # Used for padding short sentences
SOS_token = 1  # Start-of-sentence token
EOS_token = 2  # End-of-sentence token


class Voc:
    def __init__(self, name):
        self.name = name
        self.trimmed = False
        self.word2index = {}
        self.word2count = {}
        self.index2word = {PAD_token: "PAD", SOS_token: "SOS", EOS_token: "EOS"}
        self.num_words = 3  # Count SOS, EOS, PAD

    def addSentence(self, sentence):
        for word in sentence.split(' '):
            self.addWord(word)

    def addWord(self, word):
        if word not in self.word2index:
            self.word2index[word] = self.num_words
            self.word2count[word] = 1
            self.index2word[self.num_words] = word
            self.num_words += 1
        else:
            self.word2count[word] += 1

    # Remove words below a certain count threshold
    def trim(self, min_count):
        if self.trimmed:
            return
        self.trimmed = True

        keep_words = []

        for k, v in self.word2count.items():
            if v >= min_count:
                keep_words.append(k)

        p('keep_words {} / {} = {:.4f}'.format(
            len(keep_words), len(self.word2index), len(keep_words) / len(self.word2index)
        ))

        # Reinitialize dictionaries
        self.word2index = {}
        self.word2count = {}
        self.index2word = {PAD_token: "PAD", SOS_token: "SOS", EOS_token: "EOS"}
        self.num_words = 3  # Count default tokens

        for word in keep_words:
            self.addWord(word)


MAX_LENGTH = 10  # Maximum sentence length to consider


def unicodeToAscii(s):
    return ''.join(
        c for c in unicodedata.normalize('NFD', s)
        if unicodedata.category(c) != 'Mn'
    )


def normalizeString(s):
    s = unicodeToAscii(s.lower().strip())
    s = re.sub(r"([.!?])", r" \1", s)
    s = re.sub(r"[^a-zA-Z.!?]+", r" ", s)
    s = re.sub(r"\s+", r" ", s).strip()
    return s


# formatted_movie_lines.txt: query<TAB>response
MOVIE_LINES = """Hello?\tHello.
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
What is your name?\tMy name is Bob."""


def readVocs(datafile, corpus_name):
    p("Reading lines...")
    lines = datafile.strip().split('\n')
    pairs = [[normalizeString(s) for s in l.split('\t')] for l in lines]
    voc = Voc(corpus_name)
    return voc, pairs


def filterPair(p):
    # Input sequences need to preserve the last word for EOS token
    return len(p[0].split(' ')) < MAX_LENGTH and len(p[1].split(' ')) < MAX_LENGTH


def filterPairs(pairs):
    return [pair for pair in pairs if filterPair(pair)]


def loadPrepareData(corpus, corpus_name, datafile, save_dir):
    p("Start preparing training data ...")
    voc, pairs = readVocs(datafile, corpus_name)
    p("Read {!s} sentence pairs".format(len(pairs)))
    pairs = filterPairs(pairs)
    p("Trimmed to {!s} sentence pairs".format(len(pairs)))
    p("Counting words...")
    for pair in pairs:
        voc.addSentence(pair[0])
        voc.addSentence(pair[1])
    p("Counted words:", voc.num_words)
    return voc, pairs


corpus_name = "cornell movie-dialogs corpus"
voc, pairs = loadPrepareData(None, corpus_name, MOVIE_LINES, None)
p("\npairs:")
for pair in pairs[:10]:
    p(pair)

MIN_COUNT = 2  # Minimum word count threshold for trimming


def trimRareWords(voc, pairs, MIN_COUNT):
    voc.trim(MIN_COUNT)
    keep_pairs = []
    for pair in pairs:
        input_sentence = pair[0]
        output_sentence = pair[1]
        keep_input = True
        keep_output = True
        for word in input_sentence.split(' '):
            if word not in voc.word2index:
                keep_input = False
                break
        for word in output_sentence.split(' '):
            if word not in voc.word2index:
                keep_output = False
                break
        if keep_input and keep_output:
            keep_pairs.append(pair)

    p("Trimmed from {} pairs to {}, {:.4f} of total".format(len(pairs), len(keep_pairs), len(keep_pairs) / len(pairs)))
    return keep_pairs


pairs = trimRareWords(voc, pairs, MIN_COUNT)
p(pairs)
p(voc.num_words, voc.index2word)


def indexesFromSentence(voc, sentence):
    return [voc.word2index[word] for word in sentence.split(' ')] + [EOS_token]


def zeroPadding(l, fillvalue=PAD_token):
    return list(itertools.zip_longest(*l, fillvalue=fillvalue))


def binaryMatrix(l, value=PAD_token):
    m = []
    for i, seq in enumerate(l):
        m.append([])
        for token in seq:
            if token == PAD_token:
                m[i].append(0)
            else:
                m[i].append(1)
    return m


def inputVar(l, voc):
    indexes_batch = [indexesFromSentence(voc, sentence) for sentence in l]
    lengths = torch.tensor([len(indexes) for indexes in indexes_batch])
    padList = zeroPadding(indexes_batch)
    padVar = torch.LongTensor(padList)
    return padVar, lengths


def outputVar(l, voc):
    indexes_batch = [indexesFromSentence(voc, sentence) for sentence in l]
    max_target_len = max([len(indexes) for indexes in indexes_batch])
    padList = zeroPadding(indexes_batch)
    mask = binaryMatrix(padList)
    mask = torch.BoolTensor(mask)
    padVar = torch.LongTensor(padList)
    return padVar, mask, max_target_len


def batch2TrainData(voc, pair_batch):
    pair_batch.sort(key=lambda x: len(x[0].split(" ")), reverse=True)
    input_batch, output_batch = [], []
    for pair in pair_batch:
        input_batch.append(pair[0])
        output_batch.append(pair[1])
    inp, lengths = inputVar(input_batch, voc)
    output, mask, max_target_len = outputVar(output_batch, voc)
    return inp, lengths, output, mask, max_target_len


def random_choice(l):  # random.choice(l), drawn from torch's generator
    return l[torch.randint(len(l), (1,)).item()]


p(zeroPadding([[3, 4, 5, 2], [6, 2]]), binaryMatrix(zeroPadding([[3, 4, 5, 2], [6, 2]])))
small_batch_size = 5
batches = batch2TrainData(voc, [random_choice(pairs) for _ in range(small_batch_size)])
input_variable, lengths, target_variable, mask, max_target_len = batches

p("input_variable:", input_variable)
p("lengths:", lengths)
p("target_variable:", target_variable)
p("mask:", mask)
p("max_target_len:", max_target_len)
# what EncoderRNN packs (here the word indices themselves), and what pad_packed_sequence gives back
packed = nn.utils.rnn.pack_padded_sequence(input_variable, lengths)
p(packed)
p(nn.utils.rnn.pad_packed_sequence(packed))
p(nn.utils.rnn.pack_padded_sequence(input_variable, lengths.tolist(), enforce_sorted=False).sorted_indices)


class EncoderRNN(nn.Module):
    def __init__(self, hidden_size, embedding, n_layers=1, dropout=0):
        super(EncoderRNN, self).__init__()
        self.n_layers = n_layers
        self.hidden_size = hidden_size
        self.embedding = embedding

        self.gru = nn.GRU(hidden_size, hidden_size, n_layers,
                          dropout=(0 if n_layers == 1 else dropout), bidirectional=True)

    def forward(self, input_seq, input_lengths, hidden=None):
        embedded = self.embedding(input_seq)
        packed = nn.utils.rnn.pack_padded_sequence(embedded, input_lengths)
        outputs, hidden = self.gru(packed, hidden)
        outputs, _ = nn.utils.rnn.pad_packed_sequence(outputs)
        outputs = outputs[:, :, :self.hidden_size] + outputs[:, :, self.hidden_size:]
        return outputs, hidden


class Attn(nn.Module):
    def __init__(self, method, hidden_size):
        super(Attn, self).__init__()
        self.method = method
        if self.method not in ['dot', 'general', 'concat']:
            raise ValueError(self.method, "is not an appropriate attention method.")
        self.hidden_size = hidden_size
        if self.method == 'general':
            self.attn = nn.Linear(self.hidden_size, hidden_size)
        elif self.method == 'concat':
            self.attn = nn.Linear(self.hidden_size * 2, hidden_size)
            self.v = nn.Parameter(torch.FloatTensor(hidden_size))

    def dot_score(self, hidden, encoder_output):
        return torch.sum(hidden * encoder_output, dim=2)

    def general_score(self, hidden, encoder_output):
        energy = self.attn(encoder_output)
        return torch.sum(hidden * energy, dim=2)

    def concat_score(self, hidden, encoder_output):
        energy = self.attn(torch.cat((hidden.expand(encoder_output.size(0), -1, -1), encoder_output), 2)).tanh()
        return torch.sum(self.v * energy, dim=2)

    def forward(self, hidden, encoder_outputs):
        if self.method == 'general':
            attn_energies = self.general_score(hidden, encoder_outputs)
        elif self.method == 'concat':
            attn_energies = self.concat_score(hidden, encoder_outputs)
        elif self.method == 'dot':
            attn_energies = self.dot_score(hidden, encoder_outputs)

        attn_energies = attn_energies.t()

        return F.softmax(attn_energies, dim=1).unsqueeze(1)


class LuongAttnDecoderRNN(nn.Module):
    def __init__(self, attn_model, embedding, hidden_size, output_size, n_layers=1, dropout=0.1):
        super(LuongAttnDecoderRNN, self).__init__()

        self.attn_model = attn_model
        self.hidden_size = hidden_size
        self.output_size = output_size
        self.n_layers = n_layers
        self.dropout = dropout

        self.embedding = embedding
        self.embedding_dropout = nn.Dropout(dropout)
        self.gru = nn.GRU(hidden_size, hidden_size, n_layers, dropout=(0 if n_layers == 1 else dropout))
        self.concat = nn.Linear(hidden_size * 2, hidden_size)
        self.out = nn.Linear(hidden_size, output_size)

        self.attn = Attn(attn_model, hidden_size)

    def forward(self, input_step, last_hidden, encoder_outputs):
        embedded = self.embedding(input_step)
        embedded = self.embedding_dropout(embedded)
        rnn_output, hidden = self.gru(embedded, last_hidden)
        attn_weights = self.attn(rnn_output, encoder_outputs)
        context = attn_weights.bmm(encoder_outputs.transpose(0, 1))
        rnn_output = rnn_output.squeeze(0)
        context = context.squeeze(1)
        concat_input = torch.cat((rnn_output, context), 1)
        concat_output = torch.tanh(self.concat(concat_input))
        output = self.out(concat_output)
        output = F.softmax(output, dim=1)
        return output, hidden


def maskNLLLoss(inp, target, mask):
    nTotal = mask.sum()
    crossEntropy = -torch.log(torch.gather(inp, 1, target.view(-1, 1)).squeeze(1))
    loss = crossEntropy.masked_select(mask).mean()
    return loss, nTotal.item()


teacher_forcing_ratio = 0.5


def train(input_variable, lengths, target_variable, mask, max_target_len, encoder, decoder, embedding,
          encoder_optimizer, decoder_optimizer, batch_size, clip, max_length=MAX_LENGTH):

    encoder_optimizer.zero_grad()
    decoder_optimizer.zero_grad()

    loss = 0
    print_losses = []
    n_totals = 0

    encoder_outputs, encoder_hidden = encoder(input_variable, lengths)

    decoder_input = torch.LongTensor([[SOS_token for _ in range(batch_size)]])

    decoder_hidden = encoder_hidden[:decoder.n_layers]

    use_teacher_forcing = True if torch.rand(1).item() < teacher_forcing_ratio else False  # random.random()
    p("use_teacher_forcing:", use_teacher_forcing)

    if use_teacher_forcing:
        for t in range(max_target_len):
            decoder_output, decoder_hidden = decoder(
                decoder_input, decoder_hidden, encoder_outputs
            )
            decoder_input = target_variable[t].view(1, -1)
            mask_loss, nTotal = maskNLLLoss(decoder_output, target_variable[t], mask[t])
            loss += mask_loss
            print_losses.append(mask_loss.item() * nTotal)
            n_totals += nTotal
    else:
        for t in range(max_target_len):
            decoder_output, decoder_hidden = decoder(
                decoder_input, decoder_hidden, encoder_outputs
            )
            _, topi = decoder_output.topk(1)
            decoder_input = torch.LongTensor([[topi[i][0] for i in range(batch_size)]])
            mask_loss, nTotal = maskNLLLoss(decoder_output, target_variable[t], mask[t])
            loss += mask_loss
            print_losses.append(mask_loss.item() * nTotal)
            n_totals += nTotal

    loss.backward()

    _ = nn.utils.clip_grad_norm_(encoder.parameters(), clip)
    _ = nn.utils.clip_grad_norm_(decoder.parameters(), clip)

    encoder_optimizer.step()
    decoder_optimizer.step()

    return sum(print_losses) / n_totals


def trainIters(model_name, voc, pairs, encoder, decoder, encoder_optimizer, decoder_optimizer, embedding,
               encoder_n_layers, decoder_n_layers, save_dir, n_iteration, batch_size, print_every, save_every, clip,
               corpus_name, loadFilename):

    training_batches = [batch2TrainData(voc, [random_choice(pairs) for _ in range(batch_size)])
                        for _ in range(n_iteration)]

    p('Initializing ...')
    start_iteration = 1
    print_loss = 0

    p("Training...")
    for iteration in range(start_iteration, n_iteration + 1):
        training_batch = training_batches[iteration - 1]
        input_variable, lengths, target_variable, mask, max_target_len = training_batch

        loss = train(input_variable, lengths, target_variable, mask, max_target_len, encoder,
                     decoder, embedding, encoder_optimizer, decoder_optimizer, batch_size, clip)
        print_loss += loss

        if iteration % print_every == 0:
            print_loss_avg = print_loss / print_every
            n("Iteration: {}; Percent complete: {:.1f}%; Average loss: {:.4f}".format(
                iteration, iteration / n_iteration * 100, print_loss_avg))
            print_loss = 0

        if (iteration % save_every == 0):
            # torch.save({...}) of the tutorial: what the checkpoint would hold
            p(iteration, list(encoder.state_dict().keys()), list(decoder.state_dict().keys()),
              list(encoder_optimizer.state_dict()['state'].keys()), embedding.state_dict()['weight'].shape)


class GreedySearchDecoder(nn.Module):
    def __init__(self, encoder, decoder):
        super(GreedySearchDecoder, self).__init__()
        self.encoder = encoder
        self.decoder = decoder

    def forward(self, input_seq, input_length, max_length):
        encoder_outputs, encoder_hidden = self.encoder(input_seq, input_length)
        decoder_hidden = encoder_hidden[:decoder.n_layers]
        decoder_input = torch.ones(1, 1, dtype=torch.long) * SOS_token
        all_tokens = torch.zeros([0], dtype=torch.long)
        all_scores = torch.zeros([0])
        for _ in range(max_length):
            decoder_output, decoder_hidden = self.decoder(decoder_input, decoder_hidden, encoder_outputs)
            decoder_scores, decoder_input = torch.max(decoder_output, dim=1)
            all_tokens = torch.cat((all_tokens, decoder_input), dim=0)
            all_scores = torch.cat((all_scores, decoder_scores), dim=0)
            decoder_input = torch.unsqueeze(decoder_input, 0)
        return all_tokens, all_scores


def evaluate(encoder, decoder, searcher, voc, sentence, max_length=MAX_LENGTH):
    indexes_batch = [indexesFromSentence(voc, sentence)]
    lengths = torch.tensor([len(indexes) for indexes in indexes_batch])
    input_batch = torch.LongTensor(indexes_batch).transpose(0, 1)
    tokens, scores = searcher(input_batch, lengths, max_length)
    n("scores:", scores)
    decoded_words = [voc.index2word[token.item()] for token in tokens]
    return decoded_words


def evaluateInput(encoder, decoder, searcher, voc, queries):  # the queries typed at the '> ' prompt
    for input_sentence in queries:
        try:
            if input_sentence == 'q' or input_sentence == 'quit':
                break
            input_sentence = normalizeString(input_sentence)
            output_words = evaluate(encoder, decoder, searcher, voc, input_sentence)
            output_words[:] = [x for x in output_words if not (x == 'EOS' or x == 'PAD')]
            p('Bot:', ' '.join(output_words))

        except KeyError:
            p("Error: Encountered unknown word.")


model_name = 'cb_model'
attn_model = 'dot'
hidden_size = 16
encoder_n_layers = 2
decoder_n_layers = 2
dropout = 0.1
batch_size = 5

p('Building encoder and decoder ...')
embedding = nn.Embedding(voc.num_words, hidden_size)
encoder = EncoderRNN(hidden_size, embedding, encoder_n_layers, dropout)
decoder = LuongAttnDecoderRNN(attn_model, embedding, hidden_size, voc.num_words, decoder_n_layers, dropout)
p('Models built and ready to go!')
p(encoder)
p(decoder)
p([(k, tuple(v.shape)) for k, v in decoder.named_parameters()])

# one step of each, in eval mode (no dropout), on the example batch
encoder.eval()
decoder.eval()
with torch.no_grad():
    encoder_outputs, encoder_hidden = encoder(input_variable, lengths)
    p(encoder_outputs.shape, encoder_hidden.shape)
    n(encoder_outputs[:, 0, :4])
    decoder_input = torch.LongTensor([[SOS_token for _ in range(small_batch_size)]])
    decoder_output, decoder_hidden = decoder(decoder_input, encoder_hidden[:decoder.n_layers], encoder_outputs)
    p(decoder_output.shape, decoder_hidden.shape)
    n(decoder_output.sum(1), decoder_output.argmax(1))
    n(maskNLLLoss(decoder_output, target_variable[0], mask[0]))
    n(decoder_output.topk(1))
    n(torch.max(decoder_output, dim=1))
    # the other two score functions of Luong attention; concat's v is uninitialized memory in the tutorial
    # (torch.FloatTensor(hidden_size)), filled here with uniform_ so both runs see the same numbers
    for method in ['general', 'concat']:
        attn = Attn(method, hidden_size)
        if method == 'concat':
            attn.v.uniform_(-0.1, 0.1)
        p(attn, [(k, tuple(v.shape)) for k, v in attn.named_parameters()])
        n(attn(decoder_hidden[-1:], encoder_outputs))

    # the mistakes: lengths not sorted (batch2TrainData's sort left out), the batch not transposed to
    # (max_length, batch_size), a length of 0, the encoder's whole hidden state (both directions of both layers)
    # given to the decoder, the target index without view(-1, 1), the mask as a LongTensor, a time step with a
    # batch dimension of another size (a word past the vocabulary is left out: tocha's message adds the index and
    # the Embedding's sizes to PyTorch's "index out of range in self")
    e(lambda: encoder(input_variable, lengths.flip(0)))
    e(lambda: encoder(input_variable.t(), lengths))
    e(lambda: encoder(input_variable, torch.tensor([5, 4, 3, 2, 0])))
    e(lambda: decoder(decoder_input, encoder_hidden, encoder_outputs))
    e(lambda: torch.gather(decoder_output, 1, target_variable[0]))
    e(lambda: maskNLLLoss(decoder_output, target_variable[0], mask[0].long()))
    e(lambda: decoder(decoder_input[:, :3], encoder_hidden[:2], encoder_outputs))
    e(lambda: Attn('cosine', hidden_size))
    e(lambda: nn.utils.rnn.pack_padded_sequence(input_variable, lengths.view(1, -1)))

save_dir = None
clip = 50.0
learning_rate = 0.0001
decoder_learning_ratio = 5.0
n_iteration = 6
print_every = 1
save_every = 3

encoder.train()
decoder.train()

p('Building optimizers ...')
encoder_optimizer = optim.Adam(encoder.parameters(), lr=learning_rate)
decoder_optimizer = optim.Adam(decoder.parameters(), lr=learning_rate * decoder_learning_ratio)

# If you have cuda, configure cuda to call (the optimizers have no state yet: the loops do nothing)
for state in encoder_optimizer.state.values():
    for k, v in state.items():
        if isinstance(v, torch.Tensor):
            state[k] = v.cuda()
for state in decoder_optimizer.state.values():
    for k, v in state.items():
        if isinstance(v, torch.Tensor):
            state[k] = v.cuda()
e(lambda: input_variable.cuda())  # without a GPU

p("Starting Training!")
trainIters(model_name, voc, pairs, encoder, decoder, encoder_optimizer, decoder_optimizer,
           embedding, encoder_n_layers, decoder_n_layers, save_dir, n_iteration, batch_size,
           print_every, save_every, clip, corpus_name, None)
n(decoder.out.bias[:6])
n(encoder.gru.weight_hh_l0_reverse.grad[0, :4])

# the tutorial's checkpoint, loaded back the way its loadFilename branch does (in memory here, no file)
checkpoint = {'en': encoder.state_dict(), 'de': decoder.state_dict(), 'en_opt': encoder_optimizer.state_dict(),
              'de_opt': decoder_optimizer.state_dict(), 'embedding': embedding.state_dict()}
embedding2 = nn.Embedding(voc.num_words, hidden_size)
embedding2.load_state_dict(checkpoint['embedding'])
encoder2 = EncoderRNN(hidden_size, embedding2, encoder_n_layers, dropout)
decoder2 = LuongAttnDecoderRNN(attn_model, embedding2, hidden_size, voc.num_words, decoder_n_layers, dropout)
p(encoder2.load_state_dict(checkpoint['en']))
p(decoder2.load_state_dict(checkpoint['de']))
encoder_optimizer2 = optim.Adam(encoder2.parameters(), lr=learning_rate)
encoder_optimizer2.load_state_dict(checkpoint['en_opt'])
p(encoder_optimizer2.state_dict()['param_groups'][0]['lr'], len(encoder_optimizer2.state_dict()['state']))
p(torch.equal(decoder2.out.weight, decoder.out.weight), torch.equal(encoder2.embedding.weight, embedding.weight))
# the mistakes: a decoder built with another attention model, or another hidden size, than the checkpoint's
e(lambda: LuongAttnDecoderRNN('general', embedding2, hidden_size, voc.num_words, decoder_n_layers,
                              dropout).load_state_dict(checkpoint['de']))
e(lambda: LuongAttnDecoderRNN(attn_model, nn.Embedding(voc.num_words, 8), 8, voc.num_words, decoder_n_layers,
                              dropout).load_state_dict(checkpoint['de']))
e(lambda: optim.Adam(decoder2.parameters(), lr=learning_rate).load_state_dict(checkpoint['en_opt']))

encoder.eval()
decoder.eval()

searcher = GreedySearchDecoder(encoder, decoder)
p(searcher)
with torch.no_grad():
    evaluateInput(encoder, decoder, searcher, voc, ['Hello?', 'Where are you going?', 'Are you my friend?',
                                                    'What is the meaning of life?', 'q', 'never asked'])


write('test/fixtures/textcls.json')
