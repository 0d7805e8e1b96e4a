// torch.nn.utils.fusion (PyTorch 1.13): a convolution (or Linear) followed by a BatchNorm in eval mode folded into one
// layer, with PyTorch's formulas: w' = w · γ / √(var + eps), b' = (b − mean) · γ / √(var + eps) + β.
import { Tensor } from '../../tensor.js';
import { no_grad } from '../../autograd.js';
import * as C from '../../ops/create.js';
import * as E from '../../ops/elementwise.js';
import * as S from '../../ops/shape.js';
import { Module, Parameter, ownParameter } from '../module.js';
import { deepcopy } from '../copy.js';

/** A convolution's (or Linear's) weight and bias, and a BatchNorm's statistics and affine parameters. */
interface Conv extends Module { weight: Parameter; bias: Parameter | null }
interface BN extends Module {
  running_mean: Tensor | null; running_var: Tensor | null; eps: number; weight: Parameter | null; bias: Parameter | null;
}

function checkEval(a: Module, b: Module): void {
  if (a.training || b.training) throw new Error('Fusion only for eval!');   // PyTorch's AssertionError
}

/**
 * `nn.utils.fuse_conv_bn_weights(conv_w, conv_b, bn_rm, bn_rv, bn_eps, bn_w, bn_b, transpose=False)`: the fused weight
 * and bias, as new Parameters (a missing bias counts as zeros, missing affine parameters as ones and zeros).
 */
export function fuse_conv_bn_weights(conv_w: Tensor, conv_b: Tensor | null, bn_rm: Tensor, bn_rv: Tensor, bn_eps: number,
  bn_w: Tensor | null, bn_b: Tensor | null, transpose = false): [Parameter, Parameter] {
  return no_grad(() => {
    const b = conv_b ?? C.zeros_like(bn_rm);
    const g = bn_w ?? C.ones_like(bn_rm);
    const beta = bn_b ?? C.zeros_like(bn_rm);
    const rsqrt = E.rsqrt(E.add(bn_rv, bn_eps));
    const rest = Array<number>(conv_w._shape.length - 2).fill(1);
    const shape = transpose ? [1, -1, ...rest] : [-1, 1, ...rest];
    const w = E.mul(conv_w, S.reshape(E.mul(g, rsqrt), shape));
    const bias = E.add(E.mul(E.mul(E.sub(b, bn_rm), rsqrt), g), beta);
    return [ownParameter(w.detach()), ownParameter(bias.detach())] as [Parameter, Parameter];
  });
}

/**
 * `nn.utils.fuse_conv_bn_eval(conv, bn, transpose=False)`: a copy of `conv` (in eval mode, as `bn`) whose weight and
 * bias apply the BatchNorm too, so `fused(x)` is `bn(conv(x))`.
 * @example const fused = nn.utils.fuse_conv_bn_eval(conv.eval(), bn.eval())
 */
export function fuse_conv_bn_eval<M extends Module>(conv: M, bn: Module, transpose = false): M {
  checkEval(conv, bn);
  const fused = deepcopy(conv) as M & Conv;
  const b = bn as BN;
  const copies = [fused.weight, fused.bias];
  [fused.weight, fused.bias] = fuse_conv_bn_weights(fused.weight, fused.bias, b.running_mean!, b.running_var!, b.eps, b.weight,
    b.bias, transpose);
  for (const t of copies) t?.dispose();   // the copy's own, replaced
  return fused;
}

/** `nn.utils.fusion.fuse_linear_bn_weights(linear_w, linear_b, bn_rm, bn_rv, bn_eps, bn_w, bn_b)`. */
export function fuse_linear_bn_weights(linear_w: Tensor, linear_b: Tensor | null, bn_rm: Tensor, bn_rv: Tensor, bn_eps: number,
  bn_w: Tensor, bn_b: Tensor): [Parameter, Parameter] {
  return no_grad(() => {
    const b = linear_b ?? C.zeros_like(bn_rm);
    const scale = E.mul(bn_w, E.rsqrt(E.add(bn_rv, bn_eps)));
    const w = E.mul(linear_w, S.unsqueeze(scale, -1));
    const bias = E.add(E.mul(E.sub(b, bn_rm), scale), bn_b);
    return [ownParameter(w.detach()), ownParameter(bias.detach())] as [Parameter, Parameter];
  });
}

/** `nn.utils.fusion.fuse_linear_bn_eval(linear, bn)`: a copy of `linear` that applies the (eval-mode) BatchNorm too. */
export function fuse_linear_bn_eval<M extends Module>(linear: M, bn: Module): M {
  checkEval(linear, bn);
  const fused = deepcopy(linear) as M & Conv;
  const b = bn as BN;
  const copies = [fused.weight, fused.bias];
  [fused.weight, fused.bias] = fuse_linear_bn_weights(fused.weight, fused.bias, b.running_mean!, b.running_var!, b.eps,
    b.weight!, b.bias!);
  for (const t of copies) t?.dispose();   // the copy's own, replaced
  return fused;
}
