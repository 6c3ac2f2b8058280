// Converts the DKT ASSISTments 3-line-per-student files (../shared/data/assistments2009_dkt) to a
// long CSV with one attempt per row: student,skill,correct,order.
// Usage: node examples/assistments-to-long.mjs <builder_train.csv> <out.csv> [studentPrefix]
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, prefix = 's'] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node assistments-to-long.mjs <dkt-file> <out.csv> [studentPrefix]');
  process.exit(2);
}
const lines = readFileSync(input, 'utf8').split('\n').map((l) => l.replace(/\r$/, ''));
const fields = (line) => line.split(',').filter((f, i, a) => !(i === a.length - 1 && f === ''));
const out = ['student,skill,correct,order'];
let record = 0;
for (let i = 0; i < lines.length; ) {
  if (lines[i] === '') { i++; continue; }
  const n = Number(lines[i]);
  const skills = fields(lines[i + 1] ?? '');
  const correct = fields(lines[i + 2] ?? '');
  if (!Number.isInteger(n) || skills.length !== n || correct.length !== n) {
    throw new Error(`line ${i + 1}: malformed record (n=${lines[i]}, ${skills.length} skills, ${correct.length} flags)`);
  }
  for (let k = 0; k < n; k++) {
    if (correct[k] !== '0' && correct[k] !== '1') throw new Error(`line ${i + 3}: flag '${correct[k]}' is not 0/1`);
    out.push(`${prefix}${record},${skills[k]},${correct[k]},${k}`);
  }
  record++;
  i += 3;
}
writeFileSync(output, out.join('\n') + '\n');
console.log(`${record} students, ${out.length - 1} attempts -> ${output}`);
