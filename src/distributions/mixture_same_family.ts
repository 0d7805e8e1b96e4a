// torch.distributions.MixtureSameFamily (torch/distributions/mixture_same_family.py).
import type { Tensor } from '../tensor.js';
import { no_grad } from '../autograd.js';
import * as E from '../ops/elementwise.js';
import * as R from '../ops/reduce.js';
import * as S from '../ops/shape.js';
import { formatSize } from '../print.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { Distribution, scopeMembers, SCOPED, type SampleShape } from './distribution.js';
import type * as constraints from './constraints.js';
import { Categorical } from './categorical.js';

export interface MixtureSameFamilyOptions {
  mixture_distribution?: Categorical; component_distribution?: Distribution; validate_args?: boolean | null;
}

const numel = (s: readonly number[]) => s.reduce((p, d) => p * d, 1);

/**
 * A mixture whose components are one distribution's last batch dim, weighted by a Categorical:
 * `new MixtureSameFamily(new Categorical({ probs: w }), new Normal(mus, sigmas))`. No rsample (as in PyTorch).
 * @example const gmm = new MixtureSameFamily(new Categorical(torch.ones(3)), new Normal(torch.randn(3), 1)); gmm.log_prob(torch.zeros(1))
 */
export class MixtureSameFamily extends Distribution {
  /** Where PyTorch defines it (its messages name the class by module). */
  static _pyModule = 'mixture_same_family';
  _mixture_distribution!: Categorical;
  _component_distribution!: Distribution;
  _num_component!: number;
  _event_ndims!: number;
  constructor(...args: Args<[mixture_distribution: Categorical, component_distribution: Distribution, validate_args: boolean | null], MixtureSameFamilyOptions>) {
    super();
    const a = bind('MixtureSameFamily.__init__', ['mixture_distribution', 'component_distribution', 'validate_args'], [], { validate_args: null }, args);
    const mix = a.mixture_distribution;
    const comp = a.component_distribution;
    if (!(mix instanceof Categorical)) {
      throw new RangeError(' The Mixture distribution needs to be an  instance of torch.distribtutions.Categorical');
    }
    if (!(comp instanceof Distribution)) {
      throw new RangeError('The Component distribution need to be an instance of torch.distributions.Distribution');
    }
    this._mixture_distribution = mix;
    this._component_distribution = comp;
    const mdbs = mix._batch_shape;
    const cdbs = comp._batch_shape.slice(0, -1);
    for (let i = 1; i <= Math.min(mdbs.length, cdbs.length); i++) {
      const [s1, s2] = [mdbs[mdbs.length - i], cdbs[cdbs.length - i]];
      if (s1 !== 1 && s2 !== 1 && s1 !== s2) {
        throw new RangeError(`\`mixture_distribution.batch_shape\` (${formatSize(mdbs)}) is not compatible with \`component_distribution.batch_shape\`(${formatSize(cdbs)})`);
      }
    }
    const km = mix.logits._shape[mix.logits.dim() - 1];
    const kc = comp._batch_shape[comp._batch_shape.length - 1];
    if (km !== kc) {
      throw new RangeError(`\`mixture_distribution component\` (${km}) does not equal \`component_distribution.batch_shape[-1]\` (${kc})`);
    }
    this._num_component = km;
    this._event_ndims = comp._event_shape.length;
    this._init(cdbs, comp._event_shape, a.validate_args);
  }

  override get arg_constraints(): Record<string, constraints.Constraint> { return {}; }
  override get support(): constraints.Constraint { return this._component_distribution.support; }
  get mixture_distribution(): Categorical { return this._mixture_distribution; }
  get component_distribution(): Distribution { return this._component_distribution; }

  override expand(batch_shape: SampleShape, _instance?: MixtureSameFamily): MixtureSameFamily {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as MixtureSameFamily;
    n._component_distribution = this._component_distribution.expand([...batch_shape, this._num_component]);
    n._mixture_distribution = this._mixture_distribution.expand(batch_shape) as Categorical;
    n._num_component = this._num_component;
    n._event_ndims = this._event_ndims;
    n._init(batch_shape, n._component_distribution._event_shape, false);
    n._validate_args = this._validate_args;
    return n;
  }

  override get mean(): Tensor {
    const probs = this._pad_mixture_dimensions(this.mixture_distribution.probs);
    return R.sum(E.mul(probs, this.component_distribution.mean), -1 - this._event_ndims);
  }

  override get variance(): Tensor {
    const probs = this._pad_mixture_dimensions(this.mixture_distribution.probs);
    const dim = -1 - this._event_ndims;
    const mean_cond_var = R.sum(E.mul(probs, this.component_distribution.variance), dim);
    const var_cond_mean = R.sum(E.mul(probs, E.pow(E.sub(this.component_distribution.mean, this._pad(this.mean)), 2)), dim);
    return E.add(mean_cond_var, var_cond_mean);
  }

  override cdf(x: Tensor): Tensor {
    const cdf_x = this.component_distribution.cdf(this._pad(x));
    return R.sum(E.mul(cdf_x, this.mixture_distribution.probs), -1);
  }

  override log_prob(x: Tensor): Tensor {
    if (this._validate_args) this._validate_sample(x);
    const log_prob_x = this.component_distribution.log_prob(this._pad(x));
    const log_mix_prob = R.log_softmax(this.mixture_distribution.logits, -1);
    return R.logsumexp(E.add(log_prob_x, log_mix_prob), -1);
  }

  override sample(sample_shape: SampleShape = []): Tensor {
    return no_grad(() => {
      const gather_dim = sample_shape.length + this._batch_shape.length;
      const es = this._event_shape;
      const mix_sample = this.mixture_distribution.sample(sample_shape);
      const mix_shape = mix_sample._shape;
      const comp_samples = this.component_distribution.sample(sample_shape);
      let idx = S.reshape(mix_sample, [...mix_shape, ...Array(es.length + 1).fill(1)]);
      idx = S.repeat(idx, [...mix_shape.map(() => 1), 1, ...es]);
      return S.squeeze(S.gather(comp_samples, gather_dim, idx), gather_dim);
    });
  }

  _pad(x: Tensor): Tensor { return S.unsqueeze(x, -1 - this._event_ndims); }

  /** PyTorch's padding, which compares numel() of the batch shapes (not their lengths). */
  _pad_mixture_dimensions(x: Tensor): Tensor {
    const dist_batch_ndims = numel(this._batch_shape);
    const cat_batch_ndims = numel(this.mixture_distribution._batch_shape);
    const pad_ndims = cat_batch_ndims === 1 ? 0 : dist_batch_ndims - cat_batch_ndims;
    const xs = x._shape;
    return S.reshape(x, [...xs.slice(0, -1), ...Array(pad_ndims).fill(1), xs[xs.length - 1], ...Array(this._event_ndims).fill(1)]);
  }

  override toString(): string {
    return `MixtureSameFamily(\n  ${this.mixture_distribution},\n  ${this.component_distribution})`;
  }
}
scopeMembers(MixtureSameFamily, SCOPED);
