// Messages between the page (main.ts) and the training worker (worker.ts).
export type ModelKind = 'cnn' | 'net';
export const MODEL_LABELS: Record<ModelKind, string> = {
  cnn: 'CNN: two conv + pool stages, two linear layers',
  net: "Net: the main job's 784 → 256 → 10 (examples/mnist.ts)",
};

export type ToWorker =
  | { type: 'init'; url: string; kind: ModelKind }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'predict'; id: number; pixels: Float32Array }
  | { type: 'save' }
  | { type: 'load'; bytes: ArrayBuffer };

export type FromWorker =
  | { type: 'ready'; kind: ModelKind; model: string; totalSteps: number; stepsPerEpoch: number; batchSize: number; train: number; test: number; accuracy: number; threads: number }
  | { type: 'progress'; step: number; epoch: number; losses: number[]; msPerStep: number; accuracy: number | null }
  | { type: 'state'; running: boolean }
  | { type: 'prediction'; id: number; probs: number[] }
  | { type: 'saved'; bytes: ArrayBuffer }
  | { type: 'loaded'; accuracy: number }
  | { type: 'error'; message: string };
