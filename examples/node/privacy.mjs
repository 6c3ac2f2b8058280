// Student data and privacy (shown in README.md and run by tests/web/examples.test.ts): import a
// class list with ids, names and e-mails; train without identifiers; audit per group; write a
// model card; erase one student and retrain; forget everything. Everything stays on this machine.
import { readFile } from 'node:fs/promises';
import { audit, clearAll, crossValidate, eraseStudent, importData, liveHandles, modelCard, pseudonymise, toDataset, train } from 'pathwise';

// A class list as a school exports it: ids, names and e-mails next to the answers and grades.
const csv = await readFile(new URL('../data/student-por.csv', import.meta.url), 'utf8');
const [header, ...lines] = csv.trim().split('\n');
const id = (i) => String(i + 1).padStart(5, '0'); // 00001, 00002, ...
const classList = [`student_id;name;email;${header}`, ...lines.map((l, i) => `${id(i)};Student ${id(i)};s${id(i)}@school.example;${l}`)].join('\n');

// Import: ids become keyed pseudonyms (HMAC-SHA-256), names and e-mails are dropped.
const key = 'a secret the school keeps'; // omit it for a random per-page key
const { table, report } = await importData(classList, { format: 'generic-table', key });
console.log(`dropped at import: ${report.droppedColumns.map((d) => d.name).join(', ')}; pseudonymised: ${report.pseudonymisedColumns.join(', ')}`);
const data = toDataset(table);

// Train: identifier-like columns (here the pseudonyms) are never features.
const options = { target: 'G3', positive: 'G3 >= 10', exclude: ['G1', 'G2'], hidden: [32], epochs: 60, seed: 1 };
const model = await train(data, options);
console.log(`left out of the features: ${model.excluded.map((e) => `${e.column} (${e.reason})`).join(', ')}`);

// Fairness: accuracy, recall of the at-risk class and at-risk rate per group, and the largest gaps.
const fairness = audit(model, data, { groupBy: ['sex', 'address'] });
for (const g of fairness.gaps.filter((x) => x.metric === 'atRiskRecall')) {
  console.log(`at-risk recall by ${g.column}: ${g.highest.group} ${g.highest.value.toFixed(3)}, ${g.lowest.group} ${g.lowest.value.toFixed(3)} (gap ${g.gap.toFixed(3)})`);
}

// A model card for the school's records (DPIA): Markdown and JSON.
const crossValidation = await crossValidate(data, { ...options, folds: 5 });
const card = modelCard(model, { data, options, crossValidation, audit: fairness, importReport: report });
console.log(`${card.markdown.split('\n')[0]} (${card.markdown.length} characters)`);

// Erase one student (GDPR Art. 17) and retrain: one line.
const [pseudonym] = await pseudonymise(['00007'], key);
const retrained = await train(eraseStudent(data, pseudonym, 'student_id'), options);
console.log(`retrained without student 00007: ${data.rows} → ${eraseStudent(data, pseudonym, 'student_id').rows} rows, ${retrained.info.features.length} features`);

// Forget everything pathwise holds: stored data (browsers), the worker, every model, the wasm module.
await clearAll();
console.log(`after clearAll(): model disposed ${model.isDisposed}, live wasm objects ${liveHandles()}`);
