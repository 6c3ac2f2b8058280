// `npm run demo`: trains on the bundled sample (examples/data/student-por.csv) with a seeded,
// stratified 20% hold-out and prints the evaluation, then 10-fold cross-validation.
import { readFile } from 'node:fs/promises';
import { crossValidate, parseCsv, train } from 'pathwise';

const target = 'G3';
const positive = 'G3 >= 10'; // pass = final grade of at least 10 out of 20
const data = await parseCsv(await readFile(new URL('../data/student-por.csv', import.meta.url)));
console.log(`pathwise demo: ${data.rows} students, ${data.header.length} columns (UCI Student Performance, Portuguese)`);
console.log(`task: predict pass (${positive}) from the other columns\n`);

const { train: trainSet, test } = await data.split({ test: 0.2, target, positive, seed: 1 });
const started = Date.now();
const model = await train(trainSet, {
  target,
  positive,
  seed: 1,
  onEpoch: ({ epoch, epochs, loss }) => {
    if (process.stdout.isTTY) process.stdout.write(`\rtraining: epoch ${epoch}/${epochs}, loss ${loss.toFixed(4)}\x1b[K`);
  },
});
if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
const m = model.evaluate(test);
const info = model.info;
console.log(`hold-out evaluation (${test.rows} of ${data.rows} students, stratified, seed 1):`);
console.log(`  trained ${info.trainedEpochs} epochs on ${info.trainRows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const key of ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'logLoss']) {
  console.log(`  ${key.padEnd(10)} ${m[key].toFixed(4)}`);
}
console.log(`  confusion (rows = true ${m.classes.join('/')}, columns = predicted): ${JSON.stringify(m.confusion)}`);
model.dispose();

console.log('\n10-fold cross-validation (seed 1):');
const cv = await crossValidate(data, { target, positive, folds: 10, seed: 1 });
for (const key of ['accuracy', 'f1', 'rocAuc']) {
  console.log(`  ${key.padEnd(10)} ${cv.mean[key].toFixed(4)} ± ${cv.sd[key].toFixed(4)}`);
}
