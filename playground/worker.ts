// The training worker: owns the model and the data, trains in slices of ~50 ms so that pause,
// predict, save and load messages are answered between batches, and reports every step.
import * as torch from '../src/index.js';
import { loadDigits, MODELS, Trainer } from './train.js';
import { load, save } from './safetensors.js';
import type { FromWorker, ModelKind, ToWorker } from './protocol.js';

const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

let trainer: Trainer | null = null;
let running = false;
let totalSteps = 0;
let evalEvery = 100;
let trainMs = 0;

let data: ReturnType<typeof loadDigits> | null = null;

async function init(url: string, kind: ModelKind): Promise<void> {
  running = false;
  data ??= loadDigits(await (await fetch(url)).arrayBuffer());
  if (trainer) for (const p of trainer.model.parameters()) p.dispose();
  trainer = new Trainer(data, kind);
  trainMs = 0;
  totalSteps = MODELS[kind].epochs * trainer.stepsPerEpoch;
  evalEvery = Math.ceil(trainer.stepsPerEpoch / 2);
  // Threads run where the page is cross-origin isolated (npm run playground serves it so).
  const threads = await torch.threads_ready();
  post({
    type: 'ready', kind, model: String(trainer.model), totalSteps, stepsPerEpoch: trainer.stepsPerEpoch,
    batchSize: trainer.batchSize, train: trainer.data.train[1]._shape[0], test: trainer.data.test[1]._shape[0],
    accuracy: trainer.accuracy(), threads,
  });
}

async function loop(): Promise<void> {
  const t = trainer!;
  while (running && trainer === t && t.step < totalSteps) {
    const start = performance.now();
    const losses: number[] = [];
    while (performance.now() - start < 50 && t.step < totalSteps) losses.push(t.next().loss);
    const ms = performance.now() - start;
    trainMs += ms;
    const evalNow = Math.floor(t.step / evalEvery) > Math.floor((t.step - losses.length) / evalEvery) || t.step === totalSteps;
    post({
      type: 'progress', step: t.step, epoch: t.step / t.stepsPerEpoch, losses,
      msPerStep: trainMs / t.step, accuracy: evalNow ? t.accuracy() : null,
    });
    await new Promise((r) => setTimeout(r, 0));
  }
  if (trainer !== t) return;
  if (t.step >= totalSteps) running = false;
  post({ type: 'state', running });
}

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  try {
    switch (m.type) {
      case 'init': await init(m.url, m.kind); break;
      case 'start':
        if (!running && trainer) {
          if (trainer.step >= totalSteps) totalSteps += trainer.stepsPerEpoch;
          running = true;
          post({ type: 'state', running });
          void loop();
        }
        break;
      case 'pause': running = false; post({ type: 'state', running }); break;
      case 'predict': if (trainer) post({ type: 'prediction', id: m.id, probs: trainer.predict(m.pixels) }); break;
      case 'save': {
        const bytes = save(trainer!.model.state_dict());
        post({ type: 'saved', bytes: bytes.buffer as ArrayBuffer }, [bytes.buffer as ArrayBuffer]);
        break;
      }
      case 'load': {
        const sd = load(m.bytes);
        torch.tidy(() => trainer!.model.load_state_dict(sd));
        post({ type: 'loaded', accuracy: trainer!.accuracy() });
        break;
      }
    }
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
