// torch.distributions.Independent (torch/distributions/independent.py).
import type { Tensor } from '../tensor.js';
import { bind } from '../optim/optimizer.js';
import type { Args } from '../nn/module.js';
import { Distribution, scopeMembers, type SampleShape } from './distribution.js';
import * as constraints from './constraints.js';
import { _sum_rightmost, NotImplementedError } from './utils.js';

export interface IndependentOptions { base_distribution?: Distribution; reinterpreted_batch_ndims?: number; validate_args?: boolean | null }

/**
 * Reinterprets the last `reinterpreted_batch_ndims` batch dims of a distribution as event dims, so
 * log_prob sums over them: `new Independent(new Normal(mu, sigma), 1)` is a diagonal Gaussian.
 */
export class Independent extends Distribution {
  base_dist!: Distribution;
  reinterpreted_batch_ndims!: number;
  constructor(...args: Args<[base_distribution: Distribution, reinterpreted_batch_ndims: number, validate_args: boolean | null], IndependentOptions>) {
    super();
    const a = bind('Independent.__init__', ['base_distribution', 'reinterpreted_batch_ndims', 'validate_args'], [], { validate_args: null }, args);
    const base = a.base_distribution as Distribution;
    const n = a.reinterpreted_batch_ndims as number;
    if (n > base._batch_shape.length) {
      throw new RangeError('Expected reinterpreted_batch_ndims <= len(base_distribution.batch_shape), ' +
        `actual ${n} vs ${base._batch_shape.length}`);
    }
    const shape = [...base._batch_shape, ...base._event_shape];
    const event_dim = n + base._event_shape.length;
    this.base_dist = base;
    this.reinterpreted_batch_ndims = n;
    this._init(shape.slice(0, shape.length - event_dim), shape.slice(shape.length - event_dim), a.validate_args);
  }

  override get arg_constraints() { return {}; }
  override get has_rsample(): boolean { return this.base_dist.has_rsample; }
  override get has_enumerate_support(): boolean {
    return this.reinterpreted_batch_ndims > 0 ? false : this.base_dist.has_enumerate_support;
  }
  override get support(): constraints.Constraint {
    const result = this.base_dist.support;
    return this.reinterpreted_batch_ndims ? constraints.independent(result, this.reinterpreted_batch_ndims) : result;
  }

  override get mean(): Tensor { return this.base_dist.mean; }
  override get mode(): Tensor { return this.base_dist.mode; }
  override get variance(): Tensor { return this.base_dist.variance; }

  override expand(batch_shape: SampleShape, _instance?: Independent): Independent {
    const n = _instance ?? Object.create(Object.getPrototypeOf(this)) as Independent;
    n.base_dist = this.base_dist.expand([...batch_shape, ...this._event_shape.slice(0, this.reinterpreted_batch_ndims)]);
    n.reinterpreted_batch_ndims = this.reinterpreted_batch_ndims;
    n._init(batch_shape, this._event_shape, false);
    n._validate_args = this._validate_args;
    return n;
  }

  override sample(sample_shape: SampleShape = []): Tensor { return this.base_dist.sample(sample_shape); }
  override rsample(sample_shape: SampleShape = []): Tensor { return this.base_dist.rsample(sample_shape); }
  override log_prob(value: Tensor): Tensor {
    return _sum_rightmost(this.base_dist.log_prob(value), this.reinterpreted_batch_ndims);
  }
  override entropy(): Tensor {
    return _sum_rightmost(this.base_dist.entropy(), this.reinterpreted_batch_ndims);
  }
  override enumerate_support(expand = true): Tensor {
    if (this.reinterpreted_batch_ndims > 0) throw new NotImplementedError('Enumeration over cartesian product is not implemented');
    return this.base_dist.enumerate_support(expand);
  }

  override toString(): string {
    return `Independent(${this.base_dist}, ${this.reinterpreted_batch_ndims})`;
  }
}
scopeMembers(Independent, ['log_prob', 'entropy']);
