// Quickstart (shown in README.md and run by tests/web/examples.test.ts): load a CSV, hold out 20%,
// train a pass/fail model, evaluate it, predict, save and reload. Everything stays on this machine.
import { readFile } from 'node:fs/promises';
import { loadModel, parseCsv, train } from 'pathwise';

const csv = await readFile(new URL('../data/student-por.csv', import.meta.url));
const data = await parseCsv(csv); // ';' detected, quotes stripped
const { train: trainSet, test } = await data.split({ test: 0.2, target: 'G3', positive: 'G3 >= 10', seed: 1 });

const model = await train(trainSet, { target: 'G3', positive: 'G3 >= 10', seed: 1 });
const metrics = model.evaluate(test);
console.log(`accuracy ${metrics.accuracy.toFixed(3)}  f1 ${metrics.f1.toFixed(3)}  ROC AUC ${metrics.rocAuc.toFixed(3)}`);

const [first] = model.predict(test.head(1));
console.log(`first test student: ${first.label} (P(pass) = ${first.probability.toFixed(3)})`);

const bytes = model.save(); // Uint8Array: write it to a file, IndexedDB, ...
const again = await loadModel(bytes);
console.log(`reloaded model predicts the same: ${again.predict(test.head(1))[0].probability === first.probability}`);
model.dispose();
again.dispose();
