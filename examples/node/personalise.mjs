// Personalisation in Node: why is a student at risk (Integrated Gradients), what could help
// (what-if), and — from an interaction log — how well each student masters each skill and what to
// study next. Runs on the bundled sample and a small seeded, simulated log; no network, no files written.
import { readFile } from 'node:fs/promises';
import { Dataset, parseCsv, train, trainMastery } from 'pathwise';

// 1. At-risk prediction with explanations (an early warning: G1 and G2 are left out).
const data = await parseCsv(await readFile(new URL('../data/student-por.csv', import.meta.url)));
const options = { target: 'G3', positive: 'G3 >= 10', exclude: ['G1', 'G2'], seed: 1 };
const { train: trainSet, test } = await data.split({ target: 'G3', positive: 'G3 >= 10', test: 0.2, seed: 1 });
const model = await train(trainSet, options);
const predictions = model.predict(test);
const risky = predictions.reduce((a, b) => (b.probability < a.probability ? b : a));
console.log(`most at-risk test student: row ${risky.row + 1}, P(pass) = ${risky.probability.toFixed(3)}`);

const why = model.explain({ data: test, row: risky.row }, { background: trainSet });
const top = [...why.contributions].sort((a, b) => a.contribution - b.contribution).slice(0, 4);
console.log(`why (baseline P(pass) ${why.baselinePrediction.toFixed(3)}; contributions sum to the difference):`);
for (const c of top) console.log(`  ${c.column} = ${c.value || '(missing)'}: ${c.contribution >= 0 ? '+' : ''}${c.contribution.toFixed(3)}`);

const actionable = ['studytime', 'absences', 'goout', 'Dalc', 'Walc', 'freetime', 'activities', 'paid'];
const changes = model.whatIf({ data: test, row: risky.row }, { actionable }).filter((c) => c.gain > 0);
console.log('what could help (one realistic step each):');
for (const c of changes.slice(0, 3))
  console.log(`  ${c.column} ${c.from} -> ${c.to}: P(pass) ${c.before.toFixed(2)} -> ${c.after.toFixed(2)}`);
model.dispose();

// 2. Skill mastery and a learning path from an attempt log (simulated, seeded).
function simulatedLog(students, attempts, seed) {
  let state = seed >>> 0;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
  const skills = ['count', 'add', 'mul'];
  const rows = [];
  for (let s = 0; s < students; s++) {
    const ability = random() * 3 - 1.5;
    const practice = [0, 0, 0];
    for (let t = 0; t < attempts; t++) {
      const k = Math.floor(random() * 3);
      const z = ability - 0.6 * k + 0.35 * practice[k]++;
      rows.push({ student: `s${seed}-${s}`, skill: skills[k], correct: random() < 1 / (1 + Math.exp(-z)) ? 1 : 0, t });
    }
  }
  return Dataset.fromObjects(rows);
}
const columns = { student: 'student', skill: 'skill', correct: 'correct', order: 't' };
const kt = await trainMastery(simulatedLog(300, 30, 1), { ...columns, epochs: 6, seed: 1 });
const report = kt.evaluate(simulatedLog(100, 30, 2));
console.log(`mastery model on 100 new students: AUC ${report.auc.toFixed(3)} (PFA baseline ${report.pfaAuc.toFixed(3)})`);

const history = Dataset.fromObjects([
  { student: 'kim', skill: 'count', correct: 1, t: 1 }, { student: 'kim', skill: 'count', correct: 1, t: 2 },
  { student: 'kim', skill: 'add', correct: 0, t: 3 }, { student: 'kim', skill: 'add', correct: 1, t: 4 },
  { student: 'kim', skill: 'add', correct: 0, t: 5 },
]);
for (const m of kt.mastery(history)) console.log(`  kim masters ${m.skill}: ${m.mastery.toFixed(2)}`);
const catalog = [
  { id: 'count-review', skill: 'count', difficulty: 0.2 },
  { id: 'add-easy', skill: 'add', difficulty: 0.3 },
  { id: 'add-hard', skill: 'add', difficulty: 0.7 },
  { id: 'mul-intro', skill: 'mul', difficulty: 0.5, prerequisites: ['add'] },
];
const path = kt.recommend(history, catalog, { n: 3 });
console.log('learning path for kim:');
for (const s of path.steps)
  console.log(`  ${s.resource} (${s.reason.skill}, mastery ${s.reason.mastery.toFixed(2)}, predicted success ${s.reason.predictedSuccess.toFixed(2)})`);
if (path.blockedSkills.length) console.log(`  waiting for prerequisites: ${path.blockedSkills.join('; ')}`);
kt.dispose();
