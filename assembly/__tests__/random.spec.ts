import {
  gen_bytes, gen_seed, gen_copy, gen_u32, gen_initial_seed, rand_f32, randn_f32, randint_i32,
  randperm_i32, bernoulli_f32, bernoulli_tensor_f32, exponential_f32, standard_gamma_f32, dirichlet_f32,
  multinomial_f32, rrelu_f32,
} from "../random";

// Expected numbers come from PyTorch 1.13 on the CPU (../shared/conformance/torch-cases.json,
// `rng`, seed 0, and a few more read from the same torch build). They are exact: the
// float32 results are bit-identical, normals included.

const G = heap.alloc(gen_bytes());
const BUF = heap.alloc(4 * 1400);

function expectF32(out: usize, want: f64[], what: string): void {
  for (let i = 0; i < want.length; i++) {
    expect<f32>(load<f32>(out + (<usize>i << 2))).toBe(<f32>want[i], what + "[" + i.toString() + "]");
  }
}
function expectI32(out: usize, want: i32[], what: string): void {
  for (let i = 0; i < want.length; i++) {
    expect<i32>(load<i32>(out + (<usize>i << 2))).toBe(want[i], what + "[" + i.toString() + "]");
  }
}

const RAND5: f64[] = [0.49625658988952637, 0.7682217955589294, 0.08847743272781372, 0.13203048706054688, 0.30742281675338745];
const RANDN3: f64[] = [0.5507453083992004, 0.2703641355037689, 0.6472479701042175];
const RANDN20: f64[] = [
  0.5238832831382751, -0.6658713221549988, 0.8503773808479309, -1.3526537418365479, 0.03159274160861969,
  -0.4926769733428955, 0.2484147548675537, 0.4396958351135254, 0.11241118609905243, 0.6407923698425293,
  0.441156268119812, -0.21586325764656067, 0.7924439907073975, -0.28966769576072693, 0.05250748619437218,
  0.5228604674339294, 2.3022053241729736, -1.4688938856124878, -1.586688756942749, 1.203223705291748,
];
const RANDINT: i32[] = [1, 0, 9, 3, 1, 1];
const RANDPERM10: i32[] = [0, 6, 4, 5, 9, 2, 8, 7, 1, 3];
const RAND_2X17: f64[] = [
  0.49625658988952637, 0.7682217955589294, 0.08847743272781372, 0.13203048706054688, 0.30742281675338745,
  0.6340786814689636, 0.4900934100151062, 0.8964447379112244, 0.455627977848053, 0.6323062777519226,
  0.3488934636116028, 0.40171730518341064, 0.022325754165649414, 0.16885894536972046, 0.2938884496688843,
  0.518521785736084, 0.6976675987243652, 0.800011396408081, 0.16102945804595947, 0.28226858377456665,
  0.6816085577011108, 0.9151939749717712, 0.39709991216659546, 0.8741558790206909, 0.41940832138061523,
  0.5529070496559143, 0.9527381062507629, 0.036164820194244385, 0.1852310299873352, 0.37341737747192383,
  0.3051000237464905, 0.9320003986358643, 0.17591017484664917, 0.2698335647583008,
];

describe("random: PyTorch 1.13 CPU streams, seed 0", () => {
  it("rand(5), randn(3), randn(20), randint(0, 10, (6,)), randperm(10) in one stream", () => {
    gen_seed(G, 0);
    rand_f32(G, BUF, 5, 0, 1);
    expectF32(BUF, RAND5, "rand5");
    randn_f32(G, BUF, 3, 0, 1); // double normal_distribution, leaves a cached sample
    expectF32(BUF, RANDN3, "randn3");
    randn_f32(G, BUF + 4, 20, 0, 1); // 16-blocks with the overlapping last block; 4-byte aligned out
    expectF32(BUF + 4, RANDN20, "randn20");
    randint_i32(G, BUF, 6, 0, 10);
    expectI32(BUF, RANDINT, "randint");
    randperm_i32(G, BUF, 10);
    expectI32(BUF, RANDPERM10, "randperm10");
  });

  it("randint over all of int32 (a range of 2^32, 0 as a u32) takes random64()'s low words, as PyTorch's", () => {
    gen_seed(G, 0);
    randint_i32(G, BUF, 6, -2147483648, -2147483648); // high - low = 2^32 wraps to the same word
    // torch.manual_seed(0); torch.randint(-2**31, 2**31, (6,))
    const want: i32[] = [398764591, 1478610112, 1537364731, 1491434855, 530702035, -496576782];
    for (let i = 0; i < 6; i++) expect<i32>(load<i32>(BUF + (<usize>i << 2))).toBe(want[i]);
  });

  it("rand(2, 17) after a fresh seed", () => {
    gen_seed(G, 0);
    rand_f32(G, BUF, 34, 0, 1);
    expectF32(BUF, RAND_2X17, "rand_2x17");
  });

  it("crosses the 624-word twist", () => {
    gen_seed(G, 0);
    rand_f32(G, BUF, 1300, 0, 1);
    expect<f32>(load<f32>(BUF, 623 << 2)).toBe(<f32>0.012159585952758789);
    expect<f32>(load<f32>(BUF, 624 << 2)).toBe(<f32>0.3576542139053345);
    expect<f32>(load<f32>(BUF, 1299 << 2)).toBe(<f32>0.09964340925216675);
  });

  it("randn(21): the last block overlaps the first", () => {
    gen_seed(G, 0);
    randn_f32(G, BUF, 21, 0, 1);
    expectF32(BUF + 18 * 4, [2.0049805641174316, 0.05373690277338028, 0.6180566549301147], "randn21[18:]");
  });

  it("bernoulli_(0.5), dropout's mask (bernoulli_(1 - p)) and bernoulli(p tensor)", () => {
    gen_seed(G, 0);
    bernoulli_f32(G, BUF, 6, 0.5);
    expectF32(BUF, [0, 0, 1, 0, 0, 0], "bernoulli_(0.5)");
    gen_seed(G, 0);
    bernoulli_f32(G, BUF, 12, 1 - 0.5);
    expectF32(BUF, [0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1], "dropout(p=0.5) mask");
    const p = heap.alloc(32);
    for (let i = 0; i < 8; i++) store<f32>(p + (<usize>i << 2), 0.5);
    gen_seed(G, 0);
    bernoulli_tensor_f32(G, BUF, p, 8);
    expectF32(BUF, [1, 0, 1, 1, 1, 0, 1, 0], "bernoulli(full(8, 0.5))");
    heap.free(p);
  });

  it("exponential_() and exponential_(3): one double uniform per element", () => {
    gen_seed(G, 0);
    exponential_f32(G, BUF, 5, 1);
    expectF32(BUF, [3.508326292037964, 1.2303847074508667, 0.615044116973877, 2.535118579864502, 1.0357054471969604], "exponential_()");
    gen_seed(G, 0);
    exponential_f32(G, BUF, 3, 3);
    expectF32(BUF, [1.169442057609558, 0.41012826561927795, 0.2050146907567978], "exponential_(3)");
  });

  it("_standard_gamma (boosted alpha < 1, FLT_MIN floor) and _sample_dirichlet", () => {
    const a = heap.alloc(32);
    const alpha: f32[] = [0.5, 2.0, 10.0, 0.01];
    for (let i = 0; i < 4; i++) store<f32>(a + (<usize>i << 2), alpha[i]);
    gen_seed(G, 0);
    standard_gamma_f32(G, BUF, a, 4);
    expectF32(BUF, [0.0007893581641837955, 0.6315405964851379, 10.173935890197754, 1.1754943508222875e-38], "_standard_gamma");
    const c: f32[] = [0.5, 2.0, 10.0, 1, 1, 1];
    for (let i = 0; i < 6; i++) store<f32>(BUF + 64 + (<usize>i << 2), c[i]);
    const work = heap.alloc(48);
    gen_seed(G, 0);
    dirichlet_f32(G, BUF, BUF + 64, 2, 3, work);
    expectF32(BUF, [7.304634345928207e-05, 0.05844207853078842, 0.9414848685264587, 0.10397572815418243, 0.17401039600372314, 0.7220138907432556], "_sample_dirichlet");
    heap.free(work);
    heap.free(a);
  });
});

describe("random: generator state", () => {
  it("gen_copy continues the same stream, cached normal included", () => {
    const h = heap.alloc(gen_bytes());
    gen_seed(G, 1234);
    rand_f32(G, BUF, 700, 0, 1); // past a twist
    randn_f32(G, BUF, 1, 0, 1); // leaves a cached normal
    gen_copy(h, G);
    const a = BUF, b = BUF + 2800;
    randn_f32(G, a, 3, 0, 1);
    randn_f32(h, b, 3, 0, 1);
    for (let i = 0; i < 3; i++) expect<f32>(load<f32>(b + (<usize>i << 2))).toBe(load<f32>(a + (<usize>i << 2)));
    for (let i = 0; i < 1000; i++) expect<u32>(gen_u32(h)).toBe(gen_u32(G));
    expect<u64>(gen_initial_seed(h)).toBe(1234);
    heap.free(h);
  });

  it("manual_seed clears the cached normal and uses the low 32 bits of the seed", () => {
    gen_seed(G, 0);
    rand_f32(G, BUF, 5, 0, 1);
    randn_f32(G, BUF, 3, 0, 1); // 3 of 4 samples: one cached
    gen_seed(G, 0);
    rand_f32(G, BUF, 5, 0, 1);
    randn_f32(G, BUF, 3, 0, 1);
    expectF32(BUF, RANDN3, "randn3 after reseed");
    gen_seed(G, (<u64>7 << 32) | 0);
    rand_f32(G, BUF, 5, 0, 1);
    expectF32(BUF, RAND5, "seed 7 << 32");
  });
});

describe("random: multinomial and rrelu, PyTorch 1.13's draws", () => {
  it("multinomial(p, 7, replacement=True) for two rows after manual_seed(0), then the stream goes on", () => {
    gen_seed(G, 0);
    const p = heap.alloc(4 * 10 + 8) + 4; // unaligned
    const w: f32[] = [0.1, 0.0, 2.5, 1.0, 0.4, 3.0, 1.0, 0.0, 0.0, 0.5];
    for (let i = 0; i < 10; i++) store<f32>(p + (<usize>i << 2), w[i]);
    const out = heap.alloc(4 * 18);
    for (let i = 0; i < 18; i++) store<i32>(out + (<usize>i << 2), -1);
    const cum = heap.alloc(8 * 5);
    expect<i32>(multinomial_f32(out, p, 2, 5, 7, G, cum)).toBe(0);
    expectI32(out, [4, 3, 2, 4, 2, 3, 2, 0, 0, 0, 0, 0, 0, 0], "multinomial");
    for (let i = 14; i < 18; i++) expect<i32>(load<i32>(out + (<usize>i << 2))).toBe(-1);
    rand_f32(G, BUF, 2, 0, 1);
    expectF32(BUF, [0.1852310299873352, 0.37341737747192383], "rand after");
  });
  it("multinomial reports the first bad row and its reason", () => {
    const p = heap.alloc(4 * 9);
    const out = heap.alloc(4 * 9);
    const cum = heap.alloc(8 * 3);
    const rows: f32[][] = [[1, 2, 3], [1, -1, 3], [1, NaN, 3], [1, Infinity, 3], [0, 0, 0]];
    const code: i32[] = [0, 1, 1, 2, 3];
    for (let r = 0; r < rows.length; r++) {
      for (let j = 0; j < 3; j++) {
        store<f32>(p + (<usize>j << 2), 1);
        store<f32>(p + (<usize>(3 + j) << 2), rows[r][j]);
      }
      gen_seed(G, 0);
      expect<i32>(multinomial_f32(out, p, 2, 3, 2, G, cum)).toBe(code[r] == 0 ? 0 : (1 << 2) | code[r]);
    }
  });
  it("rrelu(x, 0.1, 0.3, training=True) after manual_seed(3): slopes drawn for x <= 0 only, NaN passes", () => {
    gen_seed(G, 3);
    const x = heap.alloc(4 * 8 + 8) + 4;
    const xs: f32[] = [-1.0, 2.0, -0.5, 0.0, 3.0, -2.0, NaN, -4.0];
    for (let i = 0; i < 8; i++) store<f32>(x + (<usize>i << 2), xs[i]);
    const out = heap.alloc(4 * 8);
    const noise = heap.alloc(4 * 8);
    rrelu_f32(out, noise, x, 8, G, <f64><f32>0.1, <f64><f32>0.3 - <f64><f32>0.1);
    const want: f64[] = [-0.10682164132595062, 2.0, -0.07867402583360672, 0.0, 3.0, -0.2699708044528961, NaN, -1.0042959451675415];
    for (let i = 0; i < 8; i++) {
      const g = load<f32>(out + (<usize>i << 2));
      if (isNaN(want[i])) expect<bool>(isNaN(g)).toBe(true);
      else expect<f32>(g).toBe(<f32>want[i]);
      const r = load<f32>(noise + (<usize>i << 2));
      if (xs[i] <= 0) expect<f32>(r * xs[i]).toBe(g);
      else expect<f32>(r).toBe(1);
    }
    rand_f32(G, BUF, 1, 0, 1);
    expectF32(BUF, [0.45103132724761963], "rand after");
  });
});
