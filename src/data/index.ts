// torch.utils.data: Dataset, TensorDataset, DataLoader, random_split (being built).
export {};
