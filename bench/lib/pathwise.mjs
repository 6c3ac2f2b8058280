// pathwise trainer for the bench, through the public package API (web/dist/index.js): same data,
// same model and options as the tfjs runs. Datasets are built with parseCsv from the same
// 2-decimal values the tfjs runs see, so both get identical inputs.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HIDDEN, BATCH, EPOCHS, LEARNING_RATE } from './model_shape.mjs';
import { TARGET, POSITIVE, partCsv } from './data.mjs';
import { timed, median, cpuSeconds, steadyRate } from './measure.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
export const PACKAGE_ENTRY = repo + 'web/dist/index.js';

export function pathwiseAvailable() {
  return existsSync(PACKAGE_ENTRY) && existsSync(repo + 'web/wasm/pathwise.wasm');
}

export async function loadPathwise() {
  return import(pathToFileURL(PACKAGE_ENTRY).href);
}

export { partCsv };  // the runner imports it from here

export function trainOptions(seed, epochs = EPOCHS) {
  // init 'glorot': the kernel initializer of the tfjs model (Dense's default), so both train the
  // same model from the same distribution of starting weights (pathwise's default is He for relu).
  return { target: TARGET, positive: POSITIVE, hidden: HIDDEN, epochs, seed, batchSize: BATCH,
    learningRate: LEARNING_RATE, optimizer: 'adam', init: 'glorot', validationSplit: 0, l2: 0, dropout: 0 };
}

function dispose(x) { if (x && typeof x.dispose === 'function') x.dispose(); }

// One training run + evaluation; datasets are built once by the caller and reused.
// keep: also return { predictOnce, release } (see runTfjs).
export async function runPathwise(pw, { trainData, testData, predictData, singleRow, seed = 1, epochs = EPOCHS, keep = false }) {
  const nTrain = trainData.rows;
  // CPU time at the end of every epoch, for the steady-state rate (epochs 2..N: no setup costs).
  const marks = [];
  const opts = { ...trainOptions(seed, epochs), onEpoch: () => marks.push(cpuSeconds()) };
  const fit = await timed(() => pw.train(trainData, opts));
  const model = fit.value;
  try {
    const report = model.evaluate(testData);
    model.predict(predictData);                       // warm-up
    const predictTimes = [];
    for (let r = 0; r < 5; ++r) predictTimes.push(await timed(() => model.predict(predictData)));
    predictTimes.sort((a, b) => a.wall - b.wall);
    // Single-row predict through the public API (plain row object), median of many calls.
    for (let r = 0; r < 50; ++r) model.predict([singleRow]);
    const single = [];
    for (let r = 0; r < 15; ++r) {
      const t = await timed(() => { for (let k = 0; k < 100; ++k) model.predict([singleRow]); });
      single.push(t.wall / 100);
    }
    const samples = nTrain * epochs;
    return {
      ...(keep ? { predictOnce: () => model.predict(predictData), release: () => dispose(model) } : {}),
      samplesPerCpuSecond: samples / fit.cpu, samplesPerWallSecond: samples / fit.wall,
      steadySamplesPerCpuSecond: steadyRate(marks, nTrain),
      trainCpuSeconds: fit.cpu, trainWallSeconds: fit.wall, accuracy: report.accuracy,
      predictMs: predictTimes[2].wall * 1e3, predictCpuMs: predictTimes[2].cpu * 1e3,
      singleRowPredictUs: median(single) * 1e6,
    };
  } finally {
    if (!keep) dispose(model);
  }
}
