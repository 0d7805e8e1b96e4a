// torch.distributions.constraint_registry: from a constraint to a transform onto it. `biject_to(c)` is a
// bijection from the reals (or real vectors) onto c's region, `transform_to(c)` any transform onto it
// (not always invertible: the simplex's is a softmax), both looked up by the constraint's class.
import * as E from '../ops/elementwise.js';
import * as constraints from './constraints.js';
import {
  Transform, ComposeTransform, ExpTransform, AffineTransform, SigmoidTransform, StickBreakingTransform, SoftmaxTransform,
  IndependentTransform, LowerCholeskyTransform, CorrCholeskyTransform, CatTransform, StackTransform, identity_transform,
} from './transforms.js';
import { NotImplementedError } from './utils.js';

type Constraint = constraints.Constraint;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ConstraintClass = abstract new (...args: any[]) => Constraint;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TransformFactory = (constraint: any) => Transform;

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface ConstraintRegistry {
  /** The transform registered for the constraint's class, made for this constraint. */
  (constraint: Constraint): Transform;
}

/**
 * Links constraint classes to transform factories (`torch.distributions.constraint_registry.ConstraintRegistry`).
 * A registry is callable: `registry(constraint)`.
 * @example biject_to(constraints.positive)(torch.zeros(2))  // tensor([1., 1.])
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class ConstraintRegistry {
  declare _registry: Map<ConstraintClass, TransformFactory>;

  constructor() {
    const fn = ((c: Constraint) => (fn as unknown as ConstraintRegistry)._call(c)) as unknown as Record<string, unknown>;
    delete fn.name;
    delete fn.length;
    Object.setPrototypeOf(fn, new.target.prototype);
    (fn as unknown as ConstraintRegistry)._registry = new Map();
    return fn as unknown as ConstraintRegistry;
  }

  /**
   * Registers a factory for a Constraint subclass (or the class of a constraint instance):
   * `registry.register(MyConstraint, (c) => new MyTransform(...))`, or with the factory left out, a
   * decorator-like function that takes it.
   */
  register(constraint: Constraint | ConstraintClass): (factory: TransformFactory) => TransformFactory;
  register(constraint: Constraint | ConstraintClass, factory: TransformFactory): TransformFactory;
  register(constraint: Constraint | ConstraintClass, factory?: TransformFactory): TransformFactory | ((f: TransformFactory) => TransformFactory) {
    if (!factory) return (f: TransformFactory) => this.register(constraint, f);
    const cls = constraint instanceof constraints.Constraint ? constraint.constructor as ConstraintClass : constraint;
    if (typeof cls !== 'function' || !(cls.prototype instanceof constraints.Constraint)) {
      throw new TypeError(`Expected constraint to be either a Constraint subclass or instance, but got ${String((cls as { name?: string })?.name ?? cls)}`);
    }
    this._registry.set(cls, factory);
    return factory;
  }

  _call(constraint: Constraint): Transform {
    const factory = this._registry.get(constraint.constructor as ConstraintClass);
    if (!factory) throw new NotImplementedError(`Cannot transform ${constraint.constructor.name} constraints`);
    return factory(constraint);
  }

  toString(): string { return '<torch.distributions.constraint_registry.ConstraintRegistry object>'; }
}

/** Bijections from unconstrained space onto a constraint's region. */
export const biject_to = new ConstraintRegistry();
/** Transforms from unconstrained space onto a constraint's region (softmax for the simplex, as PyTorch). */
export const transform_to = new ConstraintRegistry();

const both = (c: Constraint | ConstraintClass, f: TransformFactory) => {
  biject_to.register(c, f);
  transform_to.register(c, f);
};

// PyTorch's registration table, in its order (greater_than's factory replaces positive's: the same class)
both(constraints.real, () => identity_transform);
biject_to.register(constraints._IndependentConstraint,
  (c: constraints._IndependentConstraint) => new IndependentTransform(biject_to(c.base_constraint), c.reinterpreted_batch_ndims));
transform_to.register(constraints._IndependentConstraint,
  (c: constraints._IndependentConstraint) => new IndependentTransform(transform_to(c.base_constraint), c.reinterpreted_batch_ndims));
both(constraints.positive, () => new ExpTransform());
both(constraints.nonnegative, () => new ExpTransform());
const greaterThan = (c: constraints._GreaterThan | constraints._GreaterThanEq) =>
  new ComposeTransform([new ExpTransform(), new AffineTransform(c.lower_bound, 1)]);
both(constraints._GreaterThan, greaterThan);
both(constraints._GreaterThanEq, greaterThan);
both(constraints._LessThan, (c: constraints._LessThan) => new ComposeTransform([new ExpTransform(), new AffineTransform(c.upper_bound, -1)]));
const interval = (c: constraints._Interval) => {
  // the unit interval (number bounds 0 and 1) is a sigmoid alone
  if (c.lower_bound === 0 && c.upper_bound === 1) return new SigmoidTransform();
  const [hi, lo] = [c.upper_bound, c.lower_bound];
  const scale = typeof hi === 'number' ? (typeof lo === 'number' ? hi - lo : E.sub(E.asTensorLike(hi, lo), lo)) : E.sub(hi, lo);
  return new ComposeTransform([new SigmoidTransform(), new AffineTransform(c.lower_bound, scale)]);
};
both(constraints._Interval, interval);
both(constraints._HalfOpenInterval, interval);
biject_to.register(constraints.simplex, () => new StickBreakingTransform());
transform_to.register(constraints.simplex, () => new SoftmaxTransform());
transform_to.register(constraints.lower_cholesky, () => new LowerCholeskyTransform());
both(constraints.corr_cholesky, () => new CorrCholeskyTransform());
biject_to.register(constraints._Cat, (c: constraints._Cat) => new CatTransform(c.cseq.map((k) => biject_to(k)), c.dim, c.lengths));
transform_to.register(constraints._Cat, (c: constraints._Cat) => new CatTransform(c.cseq.map((k) => transform_to(k)), c.dim, c.lengths));
biject_to.register(constraints._Stack, (c: constraints._Stack) => new StackTransform(c.cseq.map((k) => biject_to(k)), c.dim));
transform_to.register(constraints._Stack, (c: constraints._Stack) => new StackTransform(c.cseq.map((k) => transform_to(k)), c.dim));
