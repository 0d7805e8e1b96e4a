// torch.optim: Optimizer, the optimizers and lr_scheduler.
export { Optimizer, required } from './optimizer.js';
export type { ParamGroup, Params, ParamState, OptimizerStateDict, Closure } from './optimizer.js';
export { SGD } from './sgd.js';
export type { SGDOptions } from './sgd.js';
export { Adam, AdamW, Adamax, NAdam, RAdam } from './adam.js';
export type { AdamOptions, AdamaxOptions, NAdamOptions, RAdamOptions } from './adam.js';
export { Adagrad, Adadelta, RMSprop } from './adagrad.js';
export type { AdagradOptions, AdadeltaOptions, RMSpropOptions } from './adagrad.js';
export { Rprop, ASGD } from './rprop.js';
export type { RpropOptions, ASGDOptions } from './rprop.js';
export * as lr_scheduler from './lr_scheduler.js';
export { LBFGS } from './lbfgs.js';
export type { LBFGSOptions } from './lbfgs.js';
export { SparseAdam } from './sparse_adam.js';
export type { SparseAdamOptions } from './sparse_adam.js';
/** torch.optim.swa_utils: AveragedModel, SWALR, update_bn (stochastic weight averaging). */
export * as swa_utils from './swa_utils.js';
