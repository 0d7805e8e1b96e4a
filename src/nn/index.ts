// torch.nn: Module, layers, losses, init and functional (being built).
export {};
