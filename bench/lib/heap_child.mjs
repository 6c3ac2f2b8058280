// Child process for the peak-heap figure: a fresh pathwise module trains on rows × cols generated
// numeric data (the bench's 32 features plus noise columns); prints the wasm heap size (which
// only grows, so the last value is the peak) at each stage as one JSON line.
// Usage: node heap_child.mjs 100000 50 1
import { pathToFileURL } from 'node:url';
import { rng, generate, FEATURE_NAMES, TARGET } from './data.mjs';
import { PACKAGE_ENTRY, trainOptions } from './pathwise.mjs';

const [rows, cols, epochs] = process.argv.slice(2).map(Number);
const pw = await import(pathToFileURL(PACKAGE_ENTRY).href);
const { loadModule } = await import(new URL('wasm.js', pathToFileURL(PACKAGE_ENTRY)).href);
const heap = async () => (await loadModule()).heapBytes();

const base = generate(rows, 777), r = rng(778), extra = cols - base.d;
const names = [...FEATURE_NAMES, ...Array.from({ length: extra }, (_, i) => `noise_${i + 1}`), TARGET];
const lines = [names.join(',')];
for (let i = 0; i < rows; ++i) {
  const row = [];
  for (let j = 0; j < base.d; ++j) row.push(base.X[i * base.d + j].toFixed(2));
  for (let j = 0; j < extra; ++j) row.push(r.normal().toFixed(3));
  row.push(base.y[i] ? 'yes' : 'no');
  lines.push(row.join(','));
}
const stages = { init: await heap() };
const data = await pw.parseCsv(lines.join('\n') + '\n');
stages.afterParse = await heap();
const model = await pw.train(data, trainOptions(1, epochs));
stages.afterTrain = await heap();
if (model.dispose) model.dispose();
if (data.dispose) data.dispose();
stages.afterDispose = await heap();
const float32Bytes = rows * cols * 4;
console.log(JSON.stringify({ rows, cols, epochs, float32Bytes, ...stages,
  peakBytes: stages.afterTrain, peakOverFloat32: stages.afterTrain / float32Bytes }));
