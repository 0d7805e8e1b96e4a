// torch.optim: Optimizer, the optimizers and lr_scheduler (being built).
export {};
