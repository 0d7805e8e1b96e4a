// torch.nn: Module and Parameter, the layers, the losses, `nn.init` and `nn.functional`.
export { Module, Parameter, UninitializedParameter, UninitializedBuffer, RemovableHandle } from './module.js';
export type { StateDict, ForwardHook, ForwardPreHook } from './module.js';
export { IncompatibleKeys } from './module.js';
export {
  Identity, Linear, Bilinear, Embedding, Dropout, Dropout1d, Dropout2d, Dropout3d, AlphaDropout, FeatureAlphaDropout,
  Flatten, Unflatten, LayerNorm, BatchNorm1d, BatchNorm2d, BatchNorm3d, GroupNorm, Sequential, ModuleList,
  ModuleDict, ParameterList, ParameterDict, LocalResponseNorm, ReLU, ReLU6, LeakyReLU, RReLU, PReLU, ELU, SELU, CELU, GELU, SiLU, Mish, Sigmoid, Tanh,
  Softplus, Softsign, Hardtanh, Hardsigmoid, Hardswish, LogSigmoid, Tanhshrink, Hardshrink, Softshrink, Threshold,
  GLU, Softmax, LogSoftmax, Softmin, CosineSimilarity, PairwiseDistance, SyncBatchNorm, CrossMapLRN2d, Container,
} from './layers.js';
export type { EmbeddingModuleOptions, BatchNormOptions } from './layers.js';
export {
  L1Loss, MSELoss, CrossEntropyLoss, NLLLoss, PoissonNLLLoss, GaussianNLLLoss, KLDivLoss, BCELoss,
  BCEWithLogitsLoss, MarginRankingLoss, HingeEmbeddingLoss, MultiLabelMarginLoss, HuberLoss, SmoothL1Loss,
  SoftMarginLoss, MultiLabelSoftMarginLoss, CosineEmbeddingLoss, CTCLoss, MultiMarginLoss, TripletMarginLoss,
  TripletMarginWithDistanceLoss, NLLLoss2d,
} from './loss.js';
export { DataParallel } from './parallel.js';
export { AdaptiveLogSoftmaxWithLoss } from './adaptive.js';
export type { ASMoutput } from './adaptive.js';
export * from './conv.js';
export {
  ConstantPad1d, ConstantPad2d, ConstantPad3d, ZeroPad2d, ReflectionPad1d, ReflectionPad2d, ReflectionPad3d, ReplicationPad1d,
  ReplicationPad2d, ReplicationPad3d, Upsample, UpsamplingNearest2d, UpsamplingBilinear2d, PixelShuffle, PixelUnshuffle,
  ChannelShuffle, Softmax2d, AdaptiveAvgPool1d, AdaptiveMaxPool1d, InstanceNorm1d, InstanceNorm2d, InstanceNorm3d,
} from './cnn-utils.js';
export { EmbeddingBag } from './sparse.js';
export type { EmbeddingBagMode, EmbeddingBagOptions, EmbeddingBagModuleOptions } from './sparse.js';
export { MaxUnpool1d, MaxUnpool2d, MaxUnpool3d, LPPool1d, LPPool2d, FractionalMaxPool2d, FractionalMaxPool3d } from './pool-extra.js';
export type { MaxUnpoolOptions, LPPoolOptions, FractionalMaxPoolOptions } from './pool-extra.js';
export type { PadMode, InterpolateMode, InterpolateOptions, InstanceNormOptions, InstanceNormModuleOptions, InstanceNormArgs } from './cnn-utils.js';
/** torch.nn.functional (`const F = nn.functional`). */
export * as functional from './F.js';
/** torch.nn.init */
export * as init from './init.js';
export {
  LazyLinear, LazyConv1d, LazyConv2d, LazyConv3d, LazyConvTranspose1d, LazyConvTranspose2d, LazyConvTranspose3d, LazyBatchNorm1d,
  LazyBatchNorm2d, LazyBatchNorm3d, LazyInstanceNorm1d, LazyInstanceNorm2d, LazyInstanceNorm3d,
} from './lazy.js';
export { RNNBase, RNN, LSTM, GRU, RNNCellBase, RNNCell, LSTMCell, GRUCell } from './rnn.js';
export type { RNNOptions } from './rnn.js';
/** torch.nn.utils (`nn.utils.rnn.pack_padded_sequence`, ...). */
export * as utils from './utils/index.js';
export {
  MultiheadAttention, NonDynamicallyQuantizableLinear, TransformerEncoderLayer, TransformerDecoderLayer, TransformerEncoder,
  TransformerDecoder, Transformer,
} from './transformer.js';
export type { MultiheadAttentionOptions, TransformerLayerOptions, TransformerOptions } from './transformer.js';
