// The playground page: talks to the training worker, draws the loss curve, and turns the drawing
// pad into a 28×28 MNIST-style image (bounding box scaled to 20 px, centred by its centre of mass,
// as the MNIST digits were prepared) for a prediction at every stroke.
import { MODEL_LABELS, type FromWorker, type ModelKind, type ToWorker } from './protocol.js';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const send = (m: ToWorker, transfer: Transferable[] = []) => worker.postMessage(m, transfer);

const startBtn = $<HTMLButtonElement>('start');
const progress = $<HTMLProgressElement>('progress');
const chart = $<HTMLCanvasElement>('chart');
let losses: number[] = [];
let accuracies: [number, number][] = [];
const kind = $<HTMLSelectElement>('kind');
for (const [k, label] of Object.entries(MODEL_LABELS)) kind.add(new Option(label, k));
kind.onchange = () => init(kind.value as ModelKind);
let totalSteps = 1;
let running = false;

// ---------------------------------------------------------------- training

worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  switch (m.type) {
    case 'ready':
      totalSteps = m.totalSteps;
      $('model').textContent = m.model;
      $('progress-text').textContent = `${m.totalSteps / m.stepsPerEpoch} epochs × ${m.stepsPerEpoch} steps, batch ${m.batchSize}; ${m.train} training / ${m.test} held-out digits; ${m.threads} thread${m.threads === 1 ? '' : 's'}`;
      $('accuracy').textContent = pct(m.accuracy);
      startBtn.disabled = false;
      $<HTMLButtonElement>('download').disabled = false;
      setRunning(false);
      drawChart();
      break;
    case 'progress':
      losses.push(...m.losses);
      if (m.accuracy !== null) { accuracies.push([m.step, m.accuracy]); $('accuracy').textContent = pct(m.accuracy); }
      totalSteps = Math.max(totalSteps, m.step);
      progress.value = m.step / totalSteps;
      $('step').textContent = `${m.step} / ${totalSteps}`;
      $('epoch').textContent = m.epoch.toFixed(2);
      $('loss').textContent = smoothed(losses).at(-1)!.toFixed(4);
      $('speed').textContent = `${(1000 / m.msPerStep).toFixed(1)} steps/s`;
      document.body.dataset.step = String(m.step);
      scheduleChart();
      if (lastPixels) predict(lastPixels);
      break;
    case 'state':
      setRunning(m.running);
      break;
    case 'prediction':
      if (m.id === predictionId) showPrediction(m.probs);
      break;
    case 'saved': {
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([m.bytes], { type: 'application/octet-stream' }));
      a.download = 'mnist-tocha.safetensors';
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      $('io-status').textContent = `saved ${(m.bytes.byteLength / 1024).toFixed(0)} KiB`;
      break;
    }
    case 'loaded':
      $('io-status').textContent = `loaded; held-out accuracy ${pct(m.accuracy)}`;
      $('accuracy').textContent = pct(m.accuracy);
      if (lastPixels) predict(lastPixels);
      break;
    case 'error':
      $('io-status').textContent = `error: ${m.message}`;
      console.error(m.message);
      break;
  }
};

function init(k: ModelKind): void {
  losses = [];
  accuracies = [];
  startBtn.disabled = true;
  startBtn.textContent = 'Loading…';
  progress.value = 0;
  for (const id of ['step', 'epoch', 'loss', 'accuracy', 'speed']) $(id).textContent = '–';
  $('model').textContent = '…';
  drawChart();
  send({ type: 'init', url: new URL('mnist.bin', location.href).href, kind: k });
}

function setRunning(r: boolean): void {
  running = r;
  kind.disabled = r;
  startBtn.textContent = r ? 'Pause' : !losses.length ? 'Start' : losses.length >= totalSteps ? 'One more epoch' : 'Resume';
  document.body.dataset.running = String(r);
}

startBtn.onclick = () => send({ type: running ? 'pause' : 'start' });
$('download').onclick = () => send({ type: 'save' });
$<HTMLInputElement>('upload').onchange = async (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (!file) return;
  const bytes = await file.arrayBuffer();
  send({ type: 'load', bytes }, [bytes]);
  (e.target as HTMLInputElement).value = '';
};

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function smoothed(xs: number[], k = 0.95): number[] {
  const out: number[] = [];
  let s = xs[0] ?? 0;
  for (const x of xs) out.push(s = k * s + (1 - k) * x);
  return out;
}

// ---------------------------------------------------------------- the chart (plain canvas)

let chartQueued = false;
function scheduleChart(): void {
  if (chartQueued) return;
  chartQueued = true;
  requestAnimationFrame(() => { chartQueued = false; drawChart(); });
}

function drawChart(): void {
  const ctx = chart.getContext('2d')!;
  const W = chart.width, H = chart.height;
  const L = 44, R = 44, T = 12, B = 28;
  const w = W - L - R, h = H - T - B;
  ctx.clearRect(0, 0, W, H);
  const top = Math.max(0.5, Math.ceil(Math.max(...losses.slice(0, 20), 0.5) * 2) / 2);
  const x = (s: number) => L + (s / totalSteps) * w;
  const yl = (v: number) => T + h - Math.min(v / top, 1) * h;
  const ya = (a: number) => T + h - Math.max(0, (a - 0.5) / 0.5) * h;
  ctx.font = '11px system-ui, sans-serif';
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#e6e9ed';
  ctx.fillStyle = '#6b7480';
  for (let i = 0; i <= 4; i++) {
    const yy = T + (h * i) / 4;
    ctx.beginPath(); ctx.moveTo(L, yy); ctx.lineTo(L + w, yy); ctx.stroke();
    ctx.textAlign = 'right'; ctx.fillText((top * (1 - i / 4)).toFixed(2), L - 6, yy + 4);
    ctx.textAlign = 'left'; ctx.fillText(`${+(100 - 12.5 * i).toFixed(1)}%`, L + w + 6, yy + 4);
  }
  ctx.textAlign = 'center';
  for (let i = 0; i <= 4; i++) ctx.fillText(String(Math.round((totalSteps * i) / 4)), x((totalSteps * i) / 4), H - 10);
  ctx.fillStyle = '#ee4c2c'; ctx.textAlign = 'left'; ctx.fillText('loss', L + 6, T + 12);
  ctx.fillStyle = '#2c6fee'; ctx.fillText('held-out accuracy', L + 40, T + 12);
  const line = (pts: [number, number][], color: string, width: number) => {
    if (pts.length < 2) return;
    ctx.strokeStyle = color; ctx.lineWidth = width;
    ctx.beginPath();
    pts.forEach(([px, py], i) => (i ? ctx.lineTo(px, py) : ctx.moveTo(px, py)));
    ctx.stroke();
  };
  line(losses.map((v, i) => [x(i + 1), yl(v)]), 'rgba(238,76,44,.22)', 1);
  line(smoothed(losses).map((v, i) => [x(i + 1), yl(v)]), '#ee4c2c', 2);
  line(accuracies.map(([s, a]) => [x(s), ya(a)]), '#2c6fee', 2);
  ctx.fillStyle = '#2c6fee';
  for (const [s, a] of accuracies) { ctx.beginPath(); ctx.arc(x(s), ya(a), 3, 0, 7); ctx.fill(); }
}

// ---------------------------------------------------------------- drawing and prediction

const pad = $<HTMLCanvasElement>('pad');
const pctx = pad.getContext('2d', { willReadFrequently: true })!;
const preview = $<HTMLCanvasElement>('preview');
let drawing = false;
let last: [number, number] | null = null;
let lastPixels: Float32Array | null = null;
let predictionId = 0;
let frameQueued = false;

function clearPad(): void {
  pctx.fillStyle = '#000';
  pctx.fillRect(0, 0, pad.width, pad.height);
  lastPixels = null;
  preview.getContext('2d')!.clearRect(0, 0, 28, 28);
  $('digit').textContent = '–';
  $('confidence').textContent = '';
  showPrediction(new Array(10).fill(0));
}

function point(e: PointerEvent): [number, number] {
  const r = pad.getBoundingClientRect();
  return [((e.clientX - r.left) / r.width) * pad.width, ((e.clientY - r.top) / r.height) * pad.height];
}

pad.addEventListener('pointerdown', (e) => {
  drawing = true;
  pad.setPointerCapture(e.pointerId);
  last = point(e);
  stroke(last, last);
});
pad.addEventListener('pointermove', (e) => {
  if (!drawing) return;
  const p = point(e);
  stroke(last!, p);
  last = p;
});
const end = () => { drawing = false; last = null; };
pad.addEventListener('pointerup', end);
pad.addEventListener('pointercancel', end);
$('clear').onclick = clearPad;

function stroke(a: [number, number], b: [number, number]): void {
  pctx.strokeStyle = '#fff';
  pctx.lineWidth = 20;
  pctx.lineCap = pctx.lineJoin = 'round';
  pctx.beginPath(); pctx.moveTo(...a); pctx.lineTo(...b); pctx.stroke();
  if (!frameQueued) {
    frameQueued = true;
    requestAnimationFrame(() => { frameQueued = false; const px = toMnist(); if (px) predict(px); });
  }
}

/** The pad as MNIST prepared its digits: fit the ink's box into 20×20, centre of mass at (14, 14). */
function toMnist(): Float32Array | null {
  const { width: W, height: H } = pad;
  const src = pctx.getImageData(0, 0, W, H).data;
  let x0 = W, y0 = H, x1 = -1, y1 = -1;
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    if (src[(y * W + x) * 4] > 0) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
  }
  if (x1 < 0) return null;
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const s = 20 / Math.max(bw, bh);
  const sw = Math.max(1, Math.round(bw * s)), sh = Math.max(1, Math.round(bh * s));
  const small = new OffscreenCanvas(sw, sh);
  const sctx = small.getContext('2d', { willReadFrequently: true })!;
  sctx.imageSmoothingEnabled = true;
  sctx.imageSmoothingQuality = 'high';
  sctx.drawImage(pad, x0, y0, bw, bh, 0, 0, sw, sh);
  const d = sctx.getImageData(0, 0, sw, sh).data;
  let m = 0, mx = 0, my = 0;
  for (let y = 0; y < sh; y++) for (let x = 0; x < sw; x++) {
    const v = d[(y * sw + x) * 4] / 255;
    m += v; mx += v * (x + 0.5); my += v * (y + 0.5);
  }
  const ox = Math.round(14 - mx / m), oy = Math.round(14 - my / m);
  const px = new Float32Array(28 * 28);
  for (let y = 0; y < sh; y++) for (let x = 0; x < sw; x++) {
    const tx = x + ox, ty = y + oy;
    if (tx >= 0 && tx < 28 && ty >= 0 && ty < 28) px[ty * 28 + tx] = d[(y * sw + x) * 4] / 255;
  }
  const img = new ImageData(28, 28);
  for (let i = 0; i < 784; i++) { img.data[i * 4] = img.data[i * 4 + 1] = img.data[i * 4 + 2] = px[i] * 255; img.data[i * 4 + 3] = 255; }
  preview.getContext('2d')!.putImageData(img, 0, 0);
  return px;
}

function predict(px: Float32Array): void {
  lastPixels = px;
  send({ type: 'predict', id: ++predictionId, pixels: px.slice() });
}

const bars = $('bars');
for (let d = 0; d < 10; d++) {
  const li = document.createElement('li');
  li.innerHTML = `<span>${d}</span><span class="bar"><i></i></span><span class="p">0.0%</span>`;
  bars.append(li);
}

function showPrediction(probs: number[]): void {
  const best = probs.indexOf(Math.max(...probs));
  [...bars.children].forEach((li, d) => {
    (li.querySelector('i') as HTMLElement).style.width = `${100 * probs[d]}%`;
    li.querySelector('.p')!.textContent = pct(probs[d]);
    li.classList.toggle('top', d === best && probs[d] > 0);
  });
  if (lastPixels) {
    $('digit').textContent = String(best);
    $('confidence').textContent = pct(probs[best]);
    document.body.dataset.prediction = String(best);
  }
}

clearPad();
init(kind.value as ModelKind);
