// nn.MultiheadAttention and the Transformer family after torch/nn/modules/{activation,transformer}.py
// (PyTorch 1.13): parameters registered and initialized in PyTorch's order (a seed gives its exact
// weights), the same submodules (so printing and state_dict keys agree), stacks made of deep copies of
// the layer given. Every forward is PyTorch's slow path; its eval "fast path" gives the same numbers to
// float tolerance, except that TransformerEncoder's nested-tensor path zeroes padded positions, which
// is reproduced (`fastPathPadding`).
import { Tensor } from '../tensor.js';
import { float32 } from '../dtype.js';
import { is_grad_enabled } from '../autograd.js';
import { scoped } from '../lifetime.js';
import * as C from '../ops/create.js';
import { Module, Parameter, ownParameter, initArgs, checkArgs, type Args, type Init, type Factory, type FactoryKwargs } from './module.js';
import { Linear, LayerNorm, Dropout, ModuleList, ReLU, GELU } from './layers.js';
import * as F from './F.js';
import { xavier_uniform_, xavier_normal_, constant_ } from './init.js';
import { kwargs } from './utils/rnn.js';
import { multi_head_attention_forward, checkPaddingMask, check } from './attention.js';
import { deepcopy } from './copy.js';

type T = Tensor | null;
type Activation = 'relu' | 'gelu' | ((x: Tensor) => Tensor);
const TEMP = 'the end of the attention layer call that made it (an internal temporary)';


function param(shape: number[]): Parameter {
  return ownParameter(Tensor._empty(shape, float32));
}

/** The out_proj of MultiheadAttention: a Linear (PyTorch's name marks it for the quantization tools). */
export class NonDynamicallyQuantizableLinear extends Linear {
  protected static override _initName = 'NonDynamicallyQuantizableLinear';
}

export interface MultiheadAttentionOptions extends FactoryKwargs {
  dropout?: number;
  bias?: boolean;
  add_bias_kv?: boolean;
  add_zero_attn?: boolean;
  kdim?: number | null;
  vdim?: number | null;
  batch_first?: boolean;
}

export interface AttentionCallOptions {
  key_padding_mask?: T;
  need_weights?: boolean;
  attn_mask?: T;
  average_attn_weights?: boolean;
}

/**
 * Multi-head attention (Attention Is All You Need): returns `[attn_output, attn_weights]`, the weights
 * averaged over heads (per head with `average_attn_weights: false`; null with `need_weights: false`).
 * Inputs (L, N, E), (N, L, E) with batch_first, or unbatched (L, E). Masks are bool (true = masked) or float (added).
 * @example const mha = new nn.MultiheadAttention(8, 2); const [out, w] = mha(x, x, x, { attn_mask: mask });
 */
export class MultiheadAttention extends Module {
  declare kdim: number;
  declare vdim: number;
  declare _qkv_same_embed_dim: boolean;
  declare dropout: number;
  declare batch_first: boolean;
  declare head_dim: number;
  declare in_proj_weight: Parameter | null;
  declare q_proj_weight: Parameter | null;
  declare k_proj_weight: Parameter | null;
  declare v_proj_weight: Parameter | null;
  declare in_proj_bias: Parameter | null;
  declare out_proj: NonDynamicallyQuantizableLinear;
  declare bias_k: Parameter | null;
  declare bias_v: Parameter | null;
  declare add_zero_attn: boolean;

  readonly embed_dim: number;
  readonly num_heads: number;
  constructor(...args: Init<[embed_dim: number, num_heads: number], ['embed_dim', 'num_heads'], [dropout: number, bias: boolean,
    add_bias_kv: boolean, add_zero_attn: boolean, kdim: number | null, vdim: number | null, batch_first: boolean, ...Factory],
    MultiheadAttentionOptions>) {
    super();
    const o = initArgs('MultiheadAttention', 0, ['embed_dim', 'num_heads', 'dropout', 'bias', 'add_bias_kv', 'add_zero_attn', 'kdim', 'vdim',
      'batch_first'], { dropout: 0, bias: true, add_bias_kv: false, add_zero_attn: false, kdim: null, vdim: null, batch_first: false },
    args, [], true, 2);
    checkArgs('MultiheadAttention', o, { embed_dim: 'int', num_heads: 'int', dropout: 'float', kdim: 'int?', vdim: 'int?' });
    const { embed_dim, num_heads } = o as { embed_dim: number; num_heads: number };
    this.embed_dim = embed_dim;
    this.num_heads = num_heads;
    const E = embed_dim;
    this.kdim = o.kdim ?? E;
    this.vdim = o.vdim ?? E;
    this._qkv_same_embed_dim = this.kdim === E && this.vdim === E;
    this.dropout = o.dropout;
    this.batch_first = o.batch_first;
    this.head_dim = Math.floor(E / num_heads);
    check(this.head_dim * num_heads === E, 'embed_dim must be divisible by num_heads');
    const same = this._qkv_same_embed_dim;
    const reg = (name: string, shape: number[] | false) => this.register_parameter(name, shape ? param(shape) : null);
    if (!same) ['q', 'k', 'v'].forEach((n, i) => reg(`${n}_proj_weight`, [E, [E, this.kdim, this.vdim][i]]));
    reg('in_proj_weight', same && [3 * E, E]);
    if (same) ['q', 'k', 'v'].forEach((n) => reg(`${n}_proj_weight`, false));
    reg('in_proj_bias', o.bias && [3 * E]);
    this.out_proj = new NonDynamicallyQuantizableLinear(E, E, { bias: o.bias });
    if (o.add_bias_kv) {
      reg('bias_k', [1, 1, E]);
      reg('bias_v', [1, 1, E]);
    } else this.bias_k = this.bias_v = null;
    this.add_zero_attn = o.add_zero_attn;
    this._reset_parameters();
  }

  _reset_parameters(): void {
    for (const w of same3(this)) xavier_uniform_(w);
    if (this.in_proj_bias) {
      constant_(this.in_proj_bias, 0);
      constant_(this.out_proj.bias!, 0);
    }
    if (this.bias_k) xavier_normal_(this.bias_k);
    if (this.bias_v) xavier_normal_(this.bias_v);
  }

  override forward(query: Tensor, key: Tensor, value: Tensor, key_padding_mask?: T | AttentionCallOptions, need_weights?: boolean,
    attn_mask?: T, average_attn_weights?: boolean): [Tensor, Tensor | null] {
    const o = kwargs('MultiheadAttention.forward', [key_padding_mask, need_weights, attn_mask, average_attn_weights],
      { key_padding_mask: null as T, need_weights: true, attn_mask: null as T, average_attn_weights: true });
    checkPaddingMask(o.key_padding_mask);
    return scoped(() => {
      const bf = this.batch_first && query.dim() === 3;
      if (bf) {   // one transpose per distinct tensor, so self-attention stays one packed projection
        const tr = new Map<Tensor, Tensor>();
        [query, key, value] = [query, key, value].map((x) => tr.get(x) ?? tr.set(x, x.transpose(1, 0)).get(x)!);
      }
      const sep = !this._qkv_same_embed_dim;
      const [out, w] = multi_head_attention_forward(query, key, value, this.embed_dim, this.num_heads, this.in_proj_weight,
        this.in_proj_bias, this.bias_k, this.bias_v, this.add_zero_attn, this.dropout, this.out_proj.weight, this.out_proj.bias,
        { ...o, training: this.training, use_separate_proj_weight: sep, q_proj_weight: this.q_proj_weight, k_proj_weight: this.k_proj_weight, v_proj_weight: this.v_proj_weight });
      return [bf ? out.transpose(1, 0) : out, w];
    }, TEMP);
  }
}

/** The input projection weights: [in_proj_weight] or [q, k, v]_proj_weight. */
function same3(m: MultiheadAttention): Parameter[] {
  return (m._qkv_same_embed_dim ? [m.in_proj_weight] : [m.q_proj_weight, m.k_proj_weight, m.v_proj_weight]) as Parameter[];
}

export interface TransformerLayerOptions extends FactoryKwargs {
  dim_feedforward?: number;
  dropout?: number;
  activation?: Activation;
  layer_norm_eps?: number;
  batch_first?: boolean;
  norm_first?: boolean;
}

/** TransformerEncoderLayer's and TransformerDecoderLayer's `(d_model, nhead, dim_feedforward=2048, dropout=0.1, activation=relu,
 *  layer_norm_eps=1e-05, batch_first=False, norm_first=False, device=None, dtype=None)`. */
export type TransformerLayerArgs = Init<[d_model: number, nhead: number], ['d_model', 'nhead'], [dim_feedforward: number, dropout: number,
  activation: Activation, layer_norm_eps: number, batch_first: boolean, norm_first: boolean, ...Factory], TransformerLayerOptions>;

const LAYER_DEFAULTS = {
  dim_feedforward: 2048, dropout: 0.1, activation: 'relu' as Activation, layer_norm_eps: 1e-5, batch_first: false, norm_first: false,
};

/** What the encoder and decoder layers share: attention blocks, the feed-forward block, the norms and dropouts. */
abstract class TransformerLayer extends Module {
  declare self_attn: MultiheadAttention;
  declare multihead_attn: MultiheadAttention;
  declare linear1: Linear;
  declare dropout: Dropout;
  declare linear2: Linear;
  declare norm_first: boolean;
  declare norm1: LayerNorm;
  declare norm2: LayerNorm;
  declare norm3: LayerNorm;
  declare dropout1: Dropout;
  declare dropout2: Dropout;
  declare dropout3: Dropout;
  declare activation: (x: Tensor) => Tensor;
  declare activation_relu_or_gelu: number;

  constructor(name: string, decoder: boolean, args: readonly unknown[]) {
    super();
    const o = initArgs(name, 0, ['d_model', 'nhead', ...Object.keys(LAYER_DEFAULTS)], LAYER_DEFAULTS, args, [], true, 2) as
      typeof LAYER_DEFAULTS & { d_model: number; nhead: number };
    checkArgs(name, o, { d_model: 'int', nhead: 'int', dim_feedforward: 'int', dropout: 'float', layer_norm_eps: 'float' });
    const { d_model, nhead } = o;
    const mha = () => new MultiheadAttention(d_model, nhead, { dropout: o.dropout, batch_first: o.batch_first });
    this.self_attn = mha();
    if (decoder) this.multihead_attn = mha();
    this.linear1 = new Linear(d_model, o.dim_feedforward);
    this.dropout = new Dropout(o.dropout);
    this.linear2 = new Linear(o.dim_feedforward, d_model);
    this.norm_first = o.norm_first;
    const norms = decoder ? [1, 2, 3] : [1, 2];
    for (const i of norms) (this as unknown as Record<string, Module>)[`norm${i}`] = new LayerNorm(d_model, { eps: o.layer_norm_eps });
    for (const i of norms) (this as unknown as Record<string, Module>)[`dropout${i}`] = new Dropout(o.dropout);
    let a = o.activation;
    if (typeof a === 'string') {
      if (a !== 'relu' && a !== 'gelu') throw new Error(`activation should be relu/gelu, not ${a}`);
      a = F[a];
    }
    if (!decoder) this.activation_relu_or_gelu = a === F.relu || a instanceof ReLU ? 1 : a === F.gelu || a instanceof GELU ? 2 : 0;
    this.activation = a;
  }

  _sa_block(x: Tensor, attn_mask: T, key_padding_mask: T): Tensor {
    return this.dropout1(this.self_attn(x, x, x, { attn_mask, key_padding_mask, need_weights: false })[0]);
  }

  _ff_block(x: Tensor): Tensor {
    return (this.dropout3 ?? this.dropout2)(this.linear2(this.dropout(this.activation(this.linear1(x)))));
  }
}

/**
 * Self-attention then a feed-forward block, each with a residual connection and LayerNorm (after it, or
 * before with `norm_first`). @example const layer = new nn.TransformerEncoderLayer(16, 4, { dim_feedforward: 32 });
 */
export class TransformerEncoderLayer extends TransformerLayer {
  constructor(...args: TransformerLayerArgs) {
    super('TransformerEncoderLayer', false, args);
  }

  override forward(src: Tensor, src_mask?: T | { src_mask?: T; src_key_padding_mask?: T }, src_key_padding_mask?: T): Tensor {
    const o = kwargs('TransformerEncoderLayer.forward', [src_mask, src_key_padding_mask], { src_mask: null as T, src_key_padding_mask: null as T });
    checkPaddingMask(o.src_key_padding_mask);
    return scoped(() => {
      let x = src;
      if (this.norm_first) {
        x = x.add(this._sa_block(this.norm1(x), o.src_mask, o.src_key_padding_mask));
        return x.add(this._ff_block(this.norm2(x)));
      }
      x = this.norm1(x.add(this._sa_block(x, o.src_mask, o.src_key_padding_mask)));
      return this.norm2(x.add(this._ff_block(x)));
    }, TEMP);
  }
}

export interface DecoderMasks {
  tgt_mask?: T;
  memory_mask?: T;
  tgt_key_padding_mask?: T;
  memory_key_padding_mask?: T;
}
const DECODER_MASKS = { tgt_mask: null as T, memory_mask: null as T, tgt_key_padding_mask: null as T, memory_key_padding_mask: null as T };

/**
 * Self-attention, attention over the encoder's output (memory), then a feed-forward block.
 * @example const layer = new nn.TransformerDecoderLayer(16, 4); const y = layer(tgt, memory, { tgt_mask });
 */
export class TransformerDecoderLayer extends TransformerLayer {
  constructor(...args: TransformerLayerArgs) {
    super('TransformerDecoderLayer', true, args);
  }

  _mha_block(x: Tensor, mem: Tensor, attn_mask: T, key_padding_mask: T): Tensor {
    return this.dropout2(this.multihead_attn(x, mem, mem, { attn_mask, key_padding_mask, need_weights: false })[0]);
  }

  override forward(tgt: Tensor, memory: Tensor, tgt_mask?: T | DecoderMasks, memory_mask?: T, tgt_key_padding_mask?: T,
    memory_key_padding_mask?: T): Tensor {
    const o = kwargs('TransformerDecoderLayer.forward', [tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask], DECODER_MASKS);
    return scoped(() => {
      let x = tgt;
      if (this.norm_first) {
        x = x.add(this._sa_block(this.norm1(x), o.tgt_mask, o.tgt_key_padding_mask));
        x = x.add(this._mha_block(this.norm2(x), memory, o.memory_mask, o.memory_key_padding_mask));
        return x.add(this._ff_block(this.norm3(x)));
      }
      x = this.norm1(x.add(this._sa_block(x, o.tgt_mask, o.tgt_key_padding_mask)));
      x = this.norm2(x.add(this._mha_block(x, memory, o.memory_mask, o.memory_key_padding_mask)));
      return this.norm3(x.add(this._ff_block(x)));
    }, TEMP);
  }
}

/**
 * True where PyTorch 1.13's TransformerEncoder takes its nested-tensor path (eval, batch_first, a
 * left-aligned src_key_padding_mask, no graph...): that path gives zeros at the padded positions.
 */
function fastPathPadding(enc: TransformerEncoder, src: Tensor, mask: T, kpm: T): boolean {
  const l = enc.layers.get(0) as TransformerEncoderLayer;
  if (!(l instanceof TransformerEncoderLayer) || l.norm_first || l.training || !l.self_attn.batch_first || !l.activation_relu_or_gelu ||
    l.norm1.eps !== l.norm2.eps || src.dim() !== 3 || !enc.enable_nested_tensor || !kpm || mask || l.self_attn.num_heads % 2) return false;
  const keep = kpm.logical_not().tolist() as boolean[][];
  if (enc.mask_check && keep.some((r) => r.some((k, j) => k && j && !r[j - 1]))) return false;
  const args = [src, ...l.self_attn.parameters(), ...l.norm1.parameters(), ...l.norm2.parameters(), ...l.linear1.parameters(), ...l.linear2.parameters()];
  return !(is_grad_enabled() && args.some((t) => t.requires_grad));
}

/**
 * A stack of `num_layers` copies of `encoder_layer` (deep copies, as PyTorch's), then `norm` if given.
 * @example const enc = new nn.TransformerEncoder(new nn.TransformerEncoderLayer(16, 4), 2);
 */
export class TransformerEncoder extends Module {
  layers: ModuleList;
  norm: Module | null;
  enable_nested_tensor: boolean;
  mask_check: boolean;
  readonly num_layers: number;
  constructor(...args: Init<[encoder_layer: Module, num_layers: number], ['encoder_layer', 'num_layers'], [norm: Module | null,
    enable_nested_tensor: boolean, mask_check: boolean], { norm?: Module | null; enable_nested_tensor?: boolean; mask_check?: boolean }>) {
    super();
    const o = initArgs('TransformerEncoder', 0, ['encoder_layer', 'num_layers', 'norm', 'enable_nested_tensor', 'mask_check'],
      { norm: null, enable_nested_tensor: true, mask_check: true }, args, [], false, 2);
    checkArgs('TransformerEncoder', o, { encoder_layer: 'module', num_layers: 'int', norm: 'module?' });
    const { encoder_layer, num_layers } = o as { encoder_layer: Module; num_layers: number };
    this.num_layers = num_layers;
    this.layers = new ModuleList(Array.from({ length: num_layers }, () => deepcopy(encoder_layer)));
    this.norm = o.norm;
    this.enable_nested_tensor = o.enable_nested_tensor;
    this.mask_check = o.mask_check;
  }

  override forward(src: Tensor, mask?: T | { mask?: T; src_key_padding_mask?: T }, src_key_padding_mask?: T): Tensor {
    const o = kwargs('TransformerEncoder.forward', [mask, src_key_padding_mask], { mask: null as T, src_key_padding_mask: null as T });
    checkPaddingMask(o.src_key_padding_mask);
    return scoped(() => {
      const pad = fastPathPadding(this, src, o.mask, o.src_key_padding_mask);
      let x = src;
      for (const l of this.layers) x = l(x, { src_mask: o.mask, src_key_padding_mask: o.src_key_padding_mask });
      if (pad) x = x.masked_fill(o.src_key_padding_mask!.ne(0).unsqueeze(-1), 0);
      return this.norm ? this.norm(x) : x;
    }, TEMP);
  }
}

/** A stack of `num_layers` copies of `decoder_layer`, then `norm` if given. */
export class TransformerDecoder extends Module {
  layers: ModuleList;
  norm: Module | null;
  readonly num_layers: number;
  constructor(...args: Init<[decoder_layer: Module, num_layers: number], ['decoder_layer', 'num_layers'], [norm: Module | null],
    { norm?: Module | null }>) {
    super();
    const o = initArgs('TransformerDecoder', 0, ['decoder_layer', 'num_layers', 'norm'], { norm: null }, args, [], false, 2);
    checkArgs('TransformerDecoder', o, { decoder_layer: 'module', num_layers: 'int', norm: 'module?' });
    const { decoder_layer, num_layers } = o as { decoder_layer: Module; num_layers: number };
    this.num_layers = num_layers;
    this.layers = new ModuleList(Array.from({ length: num_layers }, () => deepcopy(decoder_layer)));
    this.norm = o.norm;
  }

  override forward(tgt: Tensor, memory: Tensor, tgt_mask?: T | DecoderMasks, memory_mask?: T, tgt_key_padding_mask?: T,
    memory_key_padding_mask?: T): Tensor {
    const o = kwargs('TransformerDecoder.forward', [tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask], DECODER_MASKS);
    return scoped(() => {
      let x = tgt;
      for (const l of this.layers) x = l(x, memory, o);
      return this.norm ? this.norm(x) : x;
    }, TEMP);
  }
}

export interface TransformerOptions extends TransformerLayerOptions {
  d_model?: number;
  nhead?: number;
  num_encoder_layers?: number;
  num_decoder_layers?: number;
  custom_encoder?: Module | null;
  custom_decoder?: Module | null;
}

const TRANSFORMER_KEYS = ['d_model', 'nhead', 'num_encoder_layers', 'num_decoder_layers', 'dim_feedforward', 'dropout', 'activation',
  'custom_encoder', 'custom_decoder', 'layer_norm_eps', 'batch_first', 'norm_first'];

/**
 * The encoder-decoder Transformer: `model(src, tgt, { tgt_mask })`. Every weight matrix is re-drawn with
 * xavier_uniform_, as PyTorch's. @example const model = new nn.Transformer({ d_model: 16, nhead: 4, num_encoder_layers: 2 });
 */
export class Transformer extends Module {
  declare encoder: Module;
  declare decoder: Module;
  declare d_model: number;
  declare nhead: number;
  declare batch_first: boolean;
  constructor(...args: Args<[d_model: number, nhead: number, num_encoder_layers: number, num_decoder_layers: number, dim_feedforward: number,
    dropout: number, activation: Activation, custom_encoder: Module | null, custom_decoder: Module | null, layer_norm_eps: number,
    batch_first: boolean, norm_first: boolean, ...Factory], TransformerOptions>) {
    super();
    const o = initArgs('Transformer', 0, TRANSFORMER_KEYS, {
      d_model: 512, nhead: 8, num_encoder_layers: 6, num_decoder_layers: 6, dim_feedforward: 2048, dropout: 0.1, activation: 'relu',
      custom_encoder: null, custom_decoder: null, layer_norm_eps: 1e-5, batch_first: false, norm_first: false,
    }, args) as Required<TransformerOptions>;
    checkArgs('Transformer', o, { d_model: 'int', nhead: 'int', num_encoder_layers: 'int', num_decoder_layers: 'int', dim_feedforward: 'int',
      dropout: 'float', layer_norm_eps: 'float', custom_encoder: 'module?', custom_decoder: 'module?' });
    const { d_model: d, nhead: h } = o;
    const lo = Object.fromEntries(Object.keys(LAYER_DEFAULTS).map((k) => [k, o[k as keyof typeof o]]));
    const norm = () => new LayerNorm(d, { eps: o.layer_norm_eps });
    this.encoder = o.custom_encoder ?? new TransformerEncoder(new TransformerEncoderLayer(d, h, lo), o.num_encoder_layers, norm());
    this.decoder = o.custom_decoder ?? new TransformerDecoder(new TransformerDecoderLayer(d, h, lo), o.num_decoder_layers, norm());
    for (const p of this.parameters()) if (p.dim() > 1) xavier_uniform_(p);
    this.d_model = d;
    this.nhead = h;
    this.batch_first = o.batch_first;
  }

  override forward(src: Tensor, tgt: Tensor, src_mask?: T | DecoderMasks & { src_mask?: T; src_key_padding_mask?: T }, tgt_mask?: T,
    memory_mask?: T, src_key_padding_mask?: T, tgt_key_padding_mask?: T, memory_key_padding_mask?: T): Tensor {
    const o = kwargs('Transformer.forward', [src_mask, tgt_mask, memory_mask, src_key_padding_mask, tgt_key_padding_mask, memory_key_padding_mask],
      { src_mask: null as T, tgt_mask: null as T, memory_mask: null as T, src_key_padding_mask: null as T, tgt_key_padding_mask: null as T,
        memory_key_padding_mask: null as T });
    const { src_mask: sm, src_key_padding_mask: skpm, ...dec } = o;
    const b = this.batch_first ? 0 : 1;
    if (src.dim() === 3 && src._shape[b] !== tgt._shape[b]) throw new Error('the batch number of src and tgt must be equal');
    if (src.size(-1) !== this.d_model || tgt.size(-1) !== this.d_model) throw new Error('the feature number of src and tgt must be equal to d_model');
    return scoped(() => {
      return this.decoder(tgt, this.encoder(src, { mask: sm, src_key_padding_mask: skpm }), dec);
    }, TEMP);
  }

  /** A float mask with -inf above the diagonal: position i attends to positions ≤ i. */
  static generate_square_subsequent_mask(sz: number, _device?: string): Tensor {
    return C.full([sz, sz], -Infinity).triu(1);
  }
}
