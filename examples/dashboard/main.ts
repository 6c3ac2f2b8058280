// Teacher dashboard: load a class CSV, train a pass/fail model in a Web Worker (progress, live
// loss, cancel), show held-out metrics and students by risk, save/load the model (file, IndexedDB).
import {
  clearAll, Dataset, init, initWorker, loadModel, parseCsv, PathwiseError, trainInWorker, type ClassificationMetrics, type Model,
} from 'pathwise';
import sampleCsv from '../data/student-por.csv?raw';
import { LossChart } from './chart';
import { Heartbeat } from './heartbeat';
import { loadFromBrowser, saveToBrowser } from './storage';
import { renderConfusion, renderMetrics, renderRisk, type RiskRow } from './view';

const SEED = 1;
const TEST_FRACTION = 0.2;
const ROW = '__pathwise_row'; // row numbers ride along through the split, never into the model
const EXTRA_COLUMNS = ['failures', 'absences', 'studytime'];

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  file: $<HTMLInputElement>('file'), sample: $<HTMLButtonElement>('sample'), dropzone: $('dropzone'), dataInfo: $('data-info'),
  form: $<HTMLFormElement>('train-form'), target: $<HTMLSelectElement>('target'), rule: $<HTMLInputElement>('rule'),
  epochs: $<HTMLInputElement>('epochs'), leaveOut: $<HTMLInputElement>('leave-out'), earlyStop: $<HTMLInputElement>('early-stop'),
  train: $<HTMLButtonElement>('train'), cancel: $<HTMLButtonElement>('cancel'),
  progress: $<HTMLProgressElement>('progress'), progressText: $('progress-text'), status: $('status'),
  metrics: $('metrics'), confusion: $<HTMLTableElement>('confusion'), modelInfo: $('model-info'), risk: $<HTMLTableElement>('risk'),
  download: $<HTMLButtonElement>('download'), modelFile: $<HTMLInputElement>('model-file'), saveIdb: $<HTMLButtonElement>('save-idb'),
  loadIdb: $<HTMLButtonElement>('load-idb'), forget: $<HTMLButtonElement>('forget'), modelStatus: $('model-status'),
  error: $('error'), errorText: $('error-text'), errorClose: $<HTMLButtonElement>('error-close'), heartbeat: $('heartbeat'),
};
const chart = new LossChart($<HTMLCanvasElement>('loss'));

let data: Dataset | undefined;
let model: Model | undefined;
let modelNumber = 0;
let controller: AbortController | undefined;

const setState = (state: string) => (document.body.dataset.state = state);

// ---- heartbeat: proves the main thread stays responsive while the worker trains ----
const heartbeat = new Heartbeat((gap) => {
  ui.heartbeat.dataset.maxGap = String(gap);
  if (controller) ui.heartbeat.textContent = `page responsive · longest pause while training ${gap} ms`;
});

// ---- errors: always in the page ----
function showError(e: unknown): void {
  const text = e instanceof PathwiseError ? `${e.message} (${e.code})` : e instanceof Error ? e.message : String(e);
  ui.errorText.textContent = text;
  ui.error.hidden = false;
}
ui.errorClose.addEventListener('click', () => (ui.error.hidden = true));
window.addEventListener('error', (event) => showError(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => showError(event.reason));
const guarded = (fn: () => Promise<void>) => () => void fn().catch(showError);

// ---- data ----
async function useData(input: string | File, name: string): Promise<void> {
  ui.error.hidden = true;
  const parsed = await parseCsv(input);
  if (parsed.rows === 0) throw new Error(`${name} has no data rows`);
  data = parsed;
  const previous = ui.target.value;
  ui.target.replaceChildren(...parsed.header.map((h) => new Option(h, h)));
  const target = parsed.header.includes(previous) ? previous : parsed.header.includes('G3') ? 'G3' : parsed.header.at(-1)!;
  ui.target.value = target;
  if (target === 'G3' && !ui.rule.value.trim()) ui.rule.value = 'G3 >= 10';
  for (const c of [ui.target, ui.rule, ui.epochs, ui.leaveOut, ui.earlyStop, ui.train]) c.disabled = false;
  const issues = parsed.errors.length ? ` · ${parsed.errors.length} malformed rows (kept, padded)` : '';
  ui.dataInfo.textContent = `${name}: ${parsed.rows} students, ${parsed.header.length} columns${issues}.`;
  ui.status.textContent = 'Data loaded. Choose the outcome and the pass rule, then train.';
  setState('data');
  if (model) await showResults('Results of the current model on the new data.');
}

ui.file.addEventListener('change', guarded(async () => {
  const file = ui.file.files?.[0];
  if (file) await useData(file, file.name);
  ui.file.value = '';
}));
ui.sample.addEventListener('click', guarded(() => useData(sampleCsv, 'Sample (UCI student-por.csv)')));
ui.dropzone.addEventListener('dragover', (e) => {
  e.preventDefault();
  ui.dropzone.classList.add('over');
});
ui.dropzone.addEventListener('dragleave', () => ui.dropzone.classList.remove('over'));
ui.dropzone.addEventListener('drop', (e) => {
  e.preventDefault();
  ui.dropzone.classList.remove('over');
  const file = e.dataTransfer?.files[0];
  if (file) guarded(() => useData(file, file.name))();
});
ui.target.addEventListener('change', () => {
  const m = /^\s*(\S+)\s*(>=|<=|==|!=|>|<)/.exec(ui.rule.value);
  if (m && data?.header.includes(m[1]!)) ui.rule.value = ui.rule.value.replace(m[1]!, ui.target.value);
});

// The seeded held-out split, with each student's row number carried along.
async function heldOutSplit(d: Dataset, target: string, positive: string) {
  const rowNumbers = Array.from({ length: d.rows }, (_, i) => String(i));
  const numbered = Dataset.fromColumns([...d.header, ROW], [...d.columns, rowNumbers], { types: d.types });
  const parts = await numbered.split({ test: TEST_FRACTION, target, positive, seed: SEED });
  return { train: parts.train.exclude([ROW]), test: parts.test.exclude([ROW]), testRows: new Set(parts.test.column(ROW).map(Number)) };
}

// ---- training ----
ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(trainModel)();
});
ui.cancel.addEventListener('click', () => controller?.abort());

async function trainModel(): Promise<void> {
  if (!data || controller) return;
  const epochs = Number(ui.epochs.value);
  if (!Number.isInteger(epochs) || epochs < 1) throw new Error('Epochs must be a whole number of at least 1');
  const target = ui.target.value;
  const positive = ui.rule.value.trim();
  const exclude = ui.leaveOut.value.split(',').map((c) => c.trim()).filter(Boolean);
  ui.error.hidden = true;
  const split = await heldOutSplit(data, target, positive);
  controller = new AbortController();
  setBusy(true);
  ui.progress.max = epochs;
  ui.progress.value = 0;
  ui.progressText.textContent = `0 / ${epochs}`;
  chart.reset(epochs);
  heartbeat.reset();
  setState('training');
  ui.status.textContent = `Training on ${split.train.rows} students (${split.test.rows} held out)…`;
  let last = 0;
  try {
    const trained = await trainInWorker(split.train, {
      target, positive, epochs, exclude, seed: SEED, signal: controller.signal,
      ...(ui.earlyStop.checked ? {} : { patience: 0 }), // 0 = never stop early
      onEpoch: (p) => {
        last = p.epoch;
        ui.progress.value = p.epoch;
        ui.progressText.textContent = `${p.epoch} / ${p.epochs}`;
        ui.status.textContent = `Training… epoch ${p.epoch} of at most ${p.epochs} · loss ${p.loss.toFixed(4)}`;
        chart.add(p.loss, p.valLoss);
      },
    });
    document.body.dataset.trainingMaxGap = String(heartbeat.maxGap); // the longest main-thread pause while training
    ui.heartbeat.textContent = `page responsive · longest pause while training ${heartbeat.maxGap} ms`;
    model?.dispose();
    model = trained;
    modelNumber++;
    const early = last < epochs ? ' (stopped early: the held-back validation loss stopped improving)' : '';
    if (last < epochs) {
      ui.progress.max = last; // a full bar: done
      ui.progressText.textContent = `${last} / ${last} (stopped early)`;
    }
    await showResults(`Model ${modelNumber} trained in this tab for ${last} epochs${early}.`);
    ui.status.textContent = `Trained for ${last} epochs${early}.`;
    setState('trained');
  } catch (e) {
    if (e instanceof PathwiseError && e.code === 'CANCELLED') {
      const detail = e.message.replace(/^training was cancelled:?\s*/, '');
      ui.status.textContent = `Training cancelled after epoch ${last}${detail ? ` (${detail})` : ''}. ${model ? 'The previous model is kept.' : 'No model was made.'}`;
      setState('cancelled');
    } else {
      setState('failed');
      throw e;
    }
  } finally {
    controller = undefined;
    setBusy(false);
  }
}

function setBusy(busy: boolean): void {
  ui.train.disabled = busy || !data;
  ui.cancel.disabled = !busy;
  for (const c of [ui.target, ui.rule, ui.epochs, ui.leaveOut, ui.earlyStop]) c.disabled = busy || !data;
  for (const c of [ui.sample, ui.file, ui.modelFile, ui.loadIdb, ui.forget]) c.disabled = busy;
  ui.download.disabled = ui.saveIdb.disabled = busy || !model;
}

// ---- results ----
async function showResults(note: string): Promise<void> {
  const m = model;
  if (!m) return;
  const info = m.info;
  ui.modelInfo.textContent = `Model ${modelNumber}: predicts “${info.positive || info.target}” from ${info.features.length} columns · ${info.trainedEpochs} epochs · ${info.trainRows} training rows.`;
  // Identifier-like columns (ids, names, e-mails) never become features; say which were left out.
  if (m.excluded.length > 0) ui.modelInfo.textContent += ` Left out as identifiers: ${m.excluded.map((e) => e.column).join(', ')}.`;
  ui.modelInfo.dataset.model = String(modelNumber);
  setBusy(false);
  if (!data) return;
  const names = (c: string) => (c === info.positive ? `pass (${c})` : c.startsWith('not ') ? 'at risk' : c);
  let metrics: ClassificationMetrics | undefined;
  let testRows = new Set<number>();
  if (info.task === 'binary' && data.header.includes(info.target)) {
    const split = await heldOutSplit(data, info.target, info.positive);
    metrics = m.evaluate(split.test) as ClassificationMetrics;
    testRows = split.testRows;
  }
  renderMetrics(ui.metrics, metrics, metrics ? `${note} Precision, recall and F1 are those of “pass”; at-risk students found: ${metrics.confusion[0]?.[0] ?? 0} of ${metrics.support[0] ?? 0}.` : 'This data has no outcome column for this model: predictions only.');
  renderConfusion(ui.confusion, metrics, names);
  const extras = EXTRA_COLUMNS.filter((c) => data!.header.includes(c));
  const actual = data.header.includes(info.target) ? data.column(info.target) : undefined;
  const rows: RiskRow[] = m.predict(data).map((p) => ({
    student: p.row + 1,
    risk: 1 - p.probability, // binary: probability = P(pass)
    predicted: names(p.label),
    actual: actual?.[p.row] ?? '',
    heldOut: testRows.has(p.row),
    extra: extras.map((c) => data!.column(c)[p.row] ?? ''),
  }));
  renderRisk(ui.risk, rows, `Actual ${info.target}`, extras);
}

// ---- keeping the model ----
ui.download.addEventListener('click', () => {
  if (!model) return;
  const blob = new Blob([model.save().slice()], { type: 'application/octet-stream' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `pathwise-model-${model.info.target}.pathwise`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  ui.modelStatus.textContent = `Model ${modelNumber} downloaded as ${a.download}.`;
});
ui.modelFile.addEventListener('change', guarded(async () => {
  const file = ui.modelFile.files?.[0];
  ui.modelFile.value = '';
  if (!file) return;
  await replaceModel(await loadModel(new Uint8Array(await file.arrayBuffer())), `Loaded from the file ${file.name}.`);
}));
ui.saveIdb.addEventListener('click', guarded(async () => {
  if (!model) return;
  const description = ui.modelInfo.textContent ?? '';
  await saveToBrowser({ bytes: model.save().slice(), description, savedAt: new Date().toISOString() });
  ui.modelStatus.textContent = `Model ${modelNumber} saved in this browser (IndexedDB). Only the model, no student rows.`;
}));
ui.loadIdb.addEventListener('click', guarded(async () => {
  const stored = await loadFromBrowser();
  if (!stored) {
    ui.modelStatus.textContent = 'No model saved in this browser yet.';
    return;
  }
  await replaceModel(await loadModel(stored.bytes), `Loaded the model saved in this browser on ${stored.savedAt}.`);
}));

ui.forget.addEventListener('click', guarded(async () => {
  // clearAll() deletes every pathwise* IndexedDB database and storage key (the saved model is the
  // only thing this page stores), stops the worker, frees all wasm memory and unloads the module.
  model = undefined;
  const cleared = await clearAll();
  data = undefined;
  for (const node of [ui.metrics, ui.confusion, ui.risk]) node.replaceChildren();
  ui.target.replaceChildren();
  chart.reset(1);
  ui.progress.value = 0;
  ui.progressText.textContent = '—';
  ui.dataInfo.textContent = 'No data loaded.';
  ui.modelInfo.textContent = 'No model yet.';
  delete ui.modelInfo.dataset.model;
  ui.modelStatus.textContent = `Everything was forgotten: no model or data in this tab, nothing stored in this browser (${cleared.databases.length} database(s) deleted, ${cleared.handles} wasm object(s) freed).`;
  ui.status.textContent = 'Load data to begin.';
  setBusy(false);
  setState('idle');
}));

async function replaceModel(loaded: Model, how: string): Promise<void> {
  model?.dispose();
  model = loaded;
  modelNumber++;
  ui.modelStatus.textContent = how;
  await showResults(how);
  setState('trained');
}

// ---- start: load the wasm here and in the worker now, so later work needs no network ----
setState('booting');
Promise.all([init(), initWorker()]).then(
  () => {
    ui.status.textContent = 'Ready. Load a CSV file or use the sample data.';
    setState('idle');
  },
  (e) => {
    setState('failed');
    showError(e);
  },
);
