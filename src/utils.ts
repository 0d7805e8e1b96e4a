// torch.utils: as PyTorch's package, a namespace (so that an app's bundler keeps only what it uses of torch.utils.data).
/** torch.utils.data: Dataset, DataLoader, the samplers, random_split. */
export * as data from './data/index.js';
