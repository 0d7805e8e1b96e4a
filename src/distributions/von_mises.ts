// torch.distributions.VonMises (torch/distributions/von_mises.py).
import { Tensor } from '../tensor.js';
import { no_grad } from '../autograd.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import * as C from '../ops/create.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { Distribution, allTrue, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { broadcast_all, type Param } from './utils.js';

export interface VonMisesOptions { loc?: Param; concentration?: Param; validate_args?: boolean | null }

// The polynomial approximations of I0 and I1 PyTorch uses (Abramowitz and Stegun 9.8.1-9.8.4).
const I0_SMALL = [1.0, 3.5156229, 3.0899424, 1.2067492, 0.2659732, 0.360768e-1, 0.45813e-2];
const I0_LARGE = [0.39894228, 0.1328592e-1, 0.225319e-2, -0.157565e-2, 0.916281e-2, -0.2057706e-1, 0.2635537e-1, -0.1647633e-1, 0.392377e-2];
const I1_SMALL = [0.5, 0.87890594, 0.51498869, 0.15084934, 0.2658733e-1, 0.301532e-2, 0.32411e-3];
const I1_LARGE = [0.39894228, -0.3988024e-1, -0.362018e-2, 0.163801e-2, -0.1031555e-1, 0.2282967e-1, -0.2895312e-1, 0.1787654e-1, -0.420059e-2];

/** coef[0] + y (coef[1] + y (...)), Horner's rule from the last coefficient as PyTorch's `_eval_poly`. */
function evalPoly(y: Tensor, coef: readonly number[]): Tensor {
  let result: Tensor = E.add(E.mul(y, coef[coef.length - 1]), coef[coef.length - 2]);
  for (let i = coef.length - 3; i >= 0; i--) result = E.add(E.mul(y, result), coef[i]);
  return result;
}

/** log I_order(x) for x > 0, order 0 or 1 (PyTorch's `_log_modified_bessel_fn`). */
export function _log_modified_bessel_fn(x: Tensor, order: 0 | 1 = 0): Tensor {
  const ys = E.div(x, 3.75);
  let small = evalPoly(E.mul(ys, ys), order === 0 ? I0_SMALL : I1_SMALL);
  if (order === 1) small = E.mul(E.abs(x), small);
  small = E.log(small);
  const yl = E.mul(E.reciprocal(x), 3.75); // Python's 3.75 / x
  const large = E.add(E.sub(x, E.mul(E.log(x), 0.5)), E.log(evalPoly(yl, order === 0 ? I0_LARGE : I1_LARGE)));
  return E.where(E.lt(x, 3.75), small, large);
}

/**
 * Best and Fisher's (1979) rejection sampler, as PyTorch's `_rejection_sample`: three uniforms per
 * element a round, until every element has been accepted once (an accepted element is overwritten by a
 * later round that accepts it again, as there).
 */
function rejectionSample(loc: Tensor, concentration: Tensor, proposal_r: Tensor, shape: number[]): Tensor {
  let x = C.zeros(shape, { dtype: loc.dtype });
  let done = C.zeros(shape, { dtype: 'bool' });
  while (!allTrue(done)) {
    const [u1, u2, u3] = S.unbind(C.rand([3, ...shape], { dtype: loc.dtype }));
    const z = E.cos(E.mul(u1, Math.PI));
    const f = E.div(E.add(E.mul(proposal_r, z), 1), E.add(proposal_r, z));
    const c = E.mul(concentration, E.sub(proposal_r, f));
    const accept = E.logical_or(E.gt(E.sub(E.mul(c, E.sub(E.asTensorLike(2, c), c)), u2), 0),
      E.ge(E.sub(E.add(E.log(E.div(c, u2)), 1), c), 0));
    if (R.any(accept).item()) x = E.where(accept, E.mul(E.sign(E.sub(u3, 0.5)), E.acos(f)), x);
    done = E.logical_or(done, accept);
  }
  return E.sub(E.remainder(E.add(E.add(x, Math.PI), loc), 2 * Math.PI), Math.PI);
}

/**
 * The circular von Mises distribution with mean angle `loc` and `concentration`: `new VonMises(0, 2)`.
 * Angles are read modulo 2π; samples lie in [-π, π) and are PyTorch's draws for a seed (its rejection
 * sampler on the same uniforms). `mean`, `mode` and `variance` are the circular ones.
 * @example new VonMises(torch.tensor([0.5]), torch.tensor([4.0])).log_prob(torch.tensor([0.3]))
 */
export class VonMises extends Distribution {
  static _pyModule = 'von_mises';
  loc: Tensor;
  concentration: Tensor;
  _proposal_r: Tensor;
  private _variance?: Tensor;
  constructor(...args: Args<[loc: Param, concentration: Param, validate_args: boolean | null], VonMisesOptions>) {
    super();
    const a = bind('VonMises.__init__', ['loc', 'concentration', 'validate_args'], [], { validate_args: null }, args);
    [this.loc, this.concentration] = broadcast_all(a.loc, a.concentration);
    // the sampler's parameter, from the concentration k: tau = 1 + sqrt(1 + 4k²), rho = (tau - sqrt(2 tau)) / 2k
    this._proposal_r = this._proposal(this.concentration);
    this._init(this.loc._shape.slice(), [], a.validate_args);
  }

  private _proposal(k: Tensor): Tensor {
    const tau = E.add(E.sqrt(E.add(E.mul(E.pow(k, 2), 4), 1)), 1);
    const rho = E.div(E.sub(tau, E.sqrt(E.mul(tau, 2))), E.mul(k, 2));
    return E.div(E.add(E.pow(rho, 2), 1), E.mul(rho, 2));
  }

  override get arg_constraints() { return { loc: constraints.real, concentration: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.real; }

  override log_prob(value: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(value);
    const lp = E.mul(this.concentration, E.cos(E.sub(value, this.loc)));
    return E.sub(E.sub(lp, Math.log(2 * Math.PI)), _log_modified_bessel_fn(this.concentration, 0));
  }

  override sample(sample_shape: SampleShape = []): Tensor {
    return no_grad(() => rejectionSample(this.loc, this.concentration, this._proposal_r, this._extended_shape(sample_shape)));
  }

  /** A VonMises of the expanded parameters (PyTorch builds a new one: Distribution.expand is not implemented for it). */
  override expand(batch_shape: SampleShape): VonMises {
    return new VonMises(S.expand(this.loc, batch_shape), S.expand(this.concentration, batch_shape), this._validate_args);
  }

  /** The circular mean. */
  override get mean(): Tensor { return this.loc; }
  override get mode(): Tensor { return this.loc; }
  /** The circular variance, 1 - I1(k) / I0(k) (computed on first use, then kept). */
  override get variance(): Tensor {
    if (!this._variance) {
      const ratio = E.exp(E.sub(_log_modified_bessel_fn(this.concentration, 1), _log_modified_bessel_fn(this.concentration, 0)));
      this._variance = this._keepLazy(E.sub(E.asTensorLike(1, ratio), ratio));
    }
    return this._variance;
  }
}
scopeMembers(VonMises, [...SCOPED, '_proposal']);
