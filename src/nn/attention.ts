// F.multi_head_attention_forward after torch/nn/functional.py (PyTorch 1.13), step for step: the same
// checks and messages, the same projections (one packed product for self-attention), masks merged into
// one additive float mask, softmax(q kᵀ/√d + mask) v per head, dropout on the weights from the same
// stream as PyTorch. Composed of linear, bmm, softmax and dropout, so autograd comes with them.
import { Tensor } from '../tensor.js';
import { float32, bool } from '../dtype.js';
import { formatSize as size } from '../print.js';
import * as E from '../ops/elementwise.js';
import * as S from '../ops/shape.js';
import * as L from '../ops/linalg.js';
import * as R from '../ops/reduce.js';
import { dropout } from './functional.js';

type T = Tensor | null;

export interface MultiHeadAttentionOptions {
  training?: boolean;
  key_padding_mask?: T;
  need_weights?: boolean;
  attn_mask?: T;
  use_separate_proj_weight?: boolean;
  q_proj_weight?: T;
  k_proj_weight?: T;
  v_proj_weight?: T;
  static_k?: T;
  static_v?: T;
  average_attn_weights?: boolean;
}

/** Python's repr of a tuple of ints. */
export const tup = (s: readonly number[]): string => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`;
const same = (a: readonly number[], b: readonly number[]): boolean => a.join() === b.join();

/** PyTorch's `assert cond, msg`: an Error named AssertionError, as Python's. */
export function check(ok: unknown, msg: string): asserts ok {
  if (!ok) throw Object.assign(new Error(msg), { name: 'AssertionError' });
}

export function checkPaddingMask(m: T | undefined): void {
  check(!m || m.dtype === bool || m.dtype === float32, 'only bool and floating types of key_padding_mask are supported');
}

/** A column of zeros (False) after the last one: PyTorch's pad(mask, (0, 1)). */
const padCol = (m: Tensor): Tensor => S.cat([m, E.filled([...m._shape.slice(0, -1), 1], m.dtype, 0)], -1);

/** q, k, v projected by the packed weight (3E, E): one product when q, k and v are one tensor. */
function packed(q: Tensor, k: Tensor, v: Tensor, w: Tensor, b: T): Tensor[] {
  const e = q._shape[q._shape.length - 1];
  if (k === v) {
    if (q === k) return L.linear(q, w, b).chunk(3, -1);
    const [wq, wkv] = w.split([e, 2 * e]);
    const [bq, bkv] = b ? b.split([e, 2 * e]) : [null, null];
    return [L.linear(q, wq, bq), ...L.linear(k, wkv, bkv).chunk(2, -1)];
  }
  const bs = b ? b.chunk(3) : [null, null, null];
  return w.chunk(3).map((wi, i) => L.linear([q, k, v][i], wi, bs[i]));
}

/**
 * Multi-head attention as `nn.MultiheadAttention` computes it: returns `[attn_output, attn_weights]`
 * (weights null unless need_weights; averaged over heads unless average_attn_weights is false).
 * Inputs are (L, N, E) or unbatched (L, E).
 * @example const [out, w] = F.multi_head_attention_forward(q, k, v, 8, 2, w_in, b_in, null, null, false, 0, w_out, b_out, { training: false });
 */
export function multi_head_attention_forward(
  query: Tensor, key: Tensor, value: Tensor, embed_dim_to_check: number, num_heads: number, in_proj_weight: T, in_proj_bias: T,
  bias_k: T, bias_v: T, add_zero_attn: boolean, dropout_p: number, out_proj_weight: Tensor, out_proj_bias: T,
  opts: MultiHeadAttentionOptions = {},
): [Tensor, Tensor | null] {
  const {
    training = true, need_weights = true, use_separate_proj_weight = false, static_k = null, static_v = null,
    average_attn_weights = true, q_proj_weight, k_proj_weight, v_proj_weight,
  } = opts;
  let kpm = opts.key_padding_mask ?? null;
  let mask = opts.attn_mask ?? null;
  const H = num_heads;
  // _mha_shape_check
  const nd = query.dim();
  const batched = nd === 3;
  check(batched || nd === 2, `query should be unbatched 2D or batched 3D tensor but received ${nd}-D query tensor`);
  const kind = `For ${batched ? 'batched (3-D)' : 'unbatched (2-D)'} \`query\`, expected`;
  check(key.dim() === nd && value.dim() === nd,
    `${kind} \`key\` and \`value\` to be ${nd}-D but found ${key.dim()}-D and ${value.dim()}-D tensors respectively`);
  check(!kpm || kpm.dim() === nd - 1, `${kind} \`key_padding_mask\` to be \`None\` or ${nd - 1}-D but found ${kpm?.dim()}-D tensor instead`);
  if (mask) {
    check(mask.dim() === 2 || mask.dim() === 3, `${kind} \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${mask.dim()}-D tensor instead`);
    const want = [H, query._shape[0], key._shape[0]];
    check(batched || mask.dim() === 2 || same(mask._shape, want), `Expected \`attn_mask\` shape to be ${tup(want)} but got ${size(mask._shape)}`);
  }
  if (!batched) {
    [query, key, value] = [query, key, value].map((t) => t.unsqueeze(1));
    kpm = kpm && kpm.unsqueeze(0);
  }
  const [tgt, bsz, embed] = query._shape;
  let src = key._shape[0];
  checkPaddingMask(kpm);
  check(embed === embed_dim_to_check, `was expecting embedding dimension of ${embed_dim_to_check}, but got ${embed}`);
  const hd = Math.floor(embed / H);
  check(hd * H === embed, `embed_dim ${embed} not divisible by num_heads ${H}`);
  if (use_separate_proj_weight) {
    const [a, b] = [key, value].map((t) => size(t._shape.slice(0, 2)));
    check(a === b, `key's sequence and batch dims ${a} do not match value's ${b}`);
  } else check(same(key._shape, value._shape), `key shape ${size(key._shape)} does not match value shape ${size(value._shape)}`);

  let q: Tensor, k: Tensor, v: Tensor;
  if (!use_separate_proj_weight) {
    check(in_proj_weight, 'use_separate_proj_weight is False but in_proj_weight is None');
    [q, k, v] = packed(query, key, value, in_proj_weight, in_proj_bias);
  } else {
    const ws = [q_proj_weight, k_proj_weight, v_proj_weight];
    ws.forEach((w, i) => check(w, `use_separate_proj_weight is True but ${'qkv'[i]}_proj_weight is None`));
    const bs = in_proj_bias ? in_proj_bias.chunk(3) : [null, null, null];
    [q, k, v] = [query, key, value].map((x, i) => {   // _in_projection
      const [w, b, name] = [ws[i]!, bs[i], ['query', 'key', 'value'][i]];
      const want = [embed, x._shape[x._shape.length - 1]];
      check(same(w._shape, want), `expecting ${name} weights shape of ${tup(want)}, but got ${size(w._shape)}`);
      check(!b || same(b._shape, [embed]), `expecting ${name} bias shape of ${tup([embed])}, but got ${size(b?._shape ?? [])}`);
      return L.linear(x, w, b);
    });
  }

  if (mask) {
    check(mask.dtype === float32 || mask.dtype === bool, `Only float, byte, and bool types are supported for attn_mask, not ${mask.dtype}`);
    const want = mask.dim() === 2 ? [tgt, src] : [bsz * H, tgt, src];
    if (!same(mask._shape, want)) throw new Error(`The shape of the ${mask.dim()}D attn_mask is ${size(mask._shape)}, but should be ${tup(want)}.`);
    if (mask.dim() === 2) mask = mask.unsqueeze(0);
  }
  if (bias_k && bias_v) {
    check(!static_k, 'bias cannot be added to static key.');
    check(!static_v, 'bias cannot be added to static value.');
    k = S.cat([k, bias_k.repeat(1, bsz, 1)]);
    v = S.cat([v, bias_v.repeat(1, bsz, 1)]);
    mask = mask && padCol(mask);
    kpm = kpm && padCol(kpm);
  } else check(!bias_k && !bias_v, '');

  // (L, N, E) -> (N·H, L, head_dim)
  const heads = (t: Tensor): Tensor => t.reshape(t._shape[0], bsz * H, hd).transpose(0, 1);
  q = heads(q);
  const given = (t: Tensor, name: string): Tensor => {
    check(t._shape[0] === bsz * H, `expecting ${name}.size(0) of ${bsz * H}, but got ${t._shape[0]}`);
    check(t._shape[2] === hd, `expecting ${name}.size(2) of ${hd}, but got ${t._shape[2]}`);
    return t;
  };
  k = static_k ? given(static_k, 'static_k') : heads(k);
  v = static_v ? given(static_v, 'static_v') : heads(v);
  if (add_zero_attn) {
    const z = E.filled([bsz * H, 1, hd], float32, 0);
    k = S.cat([k, z], 1);
    v = S.cat([v, z], 1);
    mask = mask && padCol(mask);
    kpm = kpm && padCol(kpm);
  }
  src = k._shape[1];
  if (kpm) {
    check(same(kpm._shape, [bsz, src]), `expecting key_padding_mask shape of ${tup([bsz, src])}, but got ${size(kpm._shape)}`);
    kpm = kpm.view(bsz, 1, 1, src).expand(-1, H, -1, -1).reshape(bsz * H, 1, src);
    mask = !mask ? kpm : mask.dtype === bool ? E.logical_or(mask, kpm) : E.masked_fill(mask, kpm, -Infinity);
  }
  if (mask && mask.dtype === bool) mask = E.masked_fill(E.filled(mask._shape, float32, 0), mask, -Infinity);

  const p = training ? dropout_p : 0;
  const scores = L.bmm(E.div(q, Math.sqrt(hd)), k.transpose(-2, -1));
  let w = R.softmax(mask ? E.add(mask, scores) : scores, -1);   // baddbmm(mask, q, kᵀ)
  if (p > 0) w = dropout(w, p);
  let out = L.linear(L.bmm(w, v).transpose(0, 1).reshape(tgt * bsz, embed), out_proj_weight, out_proj_bias);
  out = out.view(tgt, bsz, out._shape[1]);
  if (!batched) out = out.squeeze(1);
  if (!need_weights) return [out, null];
  w = w.view(bsz, H, tgt, src);
  if (average_attn_weights) w = E.div(w.sum(1), H);
  return [out, batched ? w : w.squeeze(0)];
}
