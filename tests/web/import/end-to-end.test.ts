// Every fixture of tests/data/formats/, end to end (issue 7 acceptance): detectFormat picks its
// adapter, importData converts it (detected and with the format forced: same result), toDataset
// turns the result into a Dataset, and train() (student tables) or trainMastery() (attempt logs)
// trains on it and predicts one row per student / attempt. Tiny models: the fixtures are tiny.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Dataset,
  detectFormat,
  eraseStudent,
  importData,
  liveHandles,
  masteryColumns,
  toDataset,
  train,
  trainMastery,
  type FormatName,
  type ImportOptions,
} from '../../../web/src/index.js';
import { fixtureBytes, hmac16, KEY } from './helpers.js';

interface TableCase {
  kind: 'table';
  format: FormatName;
  options?: ImportOptions;
  target: string;
  positive: string;
  /** Students in the file, and columns the identifier rule must leave out of the features. */
  students: number;
  excluded: string[];
  /** Every feature left is the same for all rows (constant or imputed): no signal to learn. */
  noSignal?: true;
}
interface LogCase {
  kind: 'log';
  format: FormatName;
  options?: ImportOptions;
  attempts: number;
  students: number;
  skills: string[];
}

const FR_MAP = { student: 'Élève', skill: 'Compétence', item: 'Question', correct: 'Réussi', order: 'Ordre' };
const CASES: Record<string, TableCase | LogCase> = {
  'generic_table_bom.csv': { kind: 'table', format: 'generic-table', target: 'G3', positive: 'G3 >= 10', students: 3, excluded: ['student_id'] },
  'moodle_gradebook.csv': { kind: 'table', format: 'moodle-gradebook', target: 'Course total (Real)', positive: 'Course total (Real) >= 50', students: 3, excluded: ['ID number'] },
  'moodle_gradebook_de_cp1252.csv': {
    kind: 'table', format: 'moodle-gradebook', options: { encoding: 'windows-1252' },
    target: 'Kurs gesamt (Punkte)', positive: 'Kurs gesamt (Punkte) >= 50', students: 2, excluded: ['ID-Nummer', 'Abteilung'], noSignal: true, // 2 rows, 2 different departments: unique text
  },
  'canvas_gradebook.csv': { kind: 'table', format: 'canvas-gradebook', target: 'Final Score', positive: 'Final Score >= 60', students: 3, excluded: ['ID', 'SIS User ID'] },
  'moodle_logs.csv': { kind: 'table', format: 'moodle-logs', target: 'events', positive: 'events >= 3', students: 2, excluded: ['student', 'lastActivity'] },
  'assistments_2009.csv': { kind: 'log', format: 'assistments-2009', attempts: 0, students: 0, skills: [] },
  'kdd_cup_2010.tsv': { kind: 'log', format: 'kdd-cup-2010', attempts: 0, students: 0, skills: [] },
  'generic_log.csv': { kind: 'log', format: 'generic-log', attempts: 0, students: 0, skills: [] },
  'generic_log_fr_latin1.csv': { kind: 'log', format: 'generic-log', options: { encoding: 'latin1', columnMap: FR_MAP }, attempts: 3, students: 2, skills: ['décimaux', 'fractions'] },
  'moodle_quiz_grades.csv': { kind: 'log', format: 'moodle-quiz', attempts: 0, students: 0, skills: [] },
  'xapi_statements.json': { kind: 'log', format: 'xapi', attempts: 0, students: 0, skills: [] },
  'xapi_statement_result.json': { kind: 'log', format: 'xapi', attempts: 0, students: 0, skills: [] },
  'xapi_statements.ndjson': { kind: 'log', format: 'xapi', attempts: 0, students: 0, skills: [] },
  'openedx_tracking.log': { kind: 'log', format: 'openedx', attempts: 0, students: 0, skills: [] },
};

const dir = fileURLToPath(new URL('../../data/formats/', import.meta.url));
const fixtures = readdirSync(dir).filter((f) => !f.endsWith('.mjs')).sort();

afterAll(() => expect(liveHandles()).toBe(0));

describe('every fixture end to end', () => {
  it('has a case for every fixture file', () => {
    expect(fixtures).toEqual(Object.keys(CASES).sort());
  });

  it.each(fixtures)('%s', async (name) => {
    const c = CASES[name]!;
    const bytes = fixtureBytes(name);
    const options: ImportOptions = { key: KEY, ...(c.options ?? {}) };
    expect(detectFormat(bytes, options).format).toBe(c.format);
    const detected = await importData(bytes, options);
    const forced = await importData(bytes, { ...options, format: c.format });
    expect(detected.report.format).toBe(c.format);
    expect(forced.table ?? forced.log).toEqual(detected.table ?? detected.log);
    expect(detected.kind).toBe(c.kind);

    if (c.kind === 'table') {
      const data = toDataset(detected.table!);
      expect(data.rows).toBe(c.students);
      const model = await train(data, { target: c.target, positive: c.positive, hidden: [8], epochs: 30, learningRate: 0.05, validationSplit: 0, seed: 1 });
      expect(model.excluded.map((e) => e.column)).toEqual(c.excluded);
      for (const e of c.excluded) expect(model.info.features).not.toContain(e);
      expect(model.info.features.length).toBeGreaterThan(0);
      const predictions = model.predict(data);
      expect(predictions).toHaveLength(c.students);
      for (const p of predictions) expect(p.probability).toBeGreaterThanOrEqual(0), expect(p.probability).toBeLessThanOrEqual(1);
      if (c.noSignal) {
        // Institution is constant and the one quiz grade is imputed for the other student: same inputs, same output.
        expect(new Set(predictions.map((p) => p.probability)).size).toBe(1);
        model.dispose();
        return;
      }
      // Trained on these very rows with a wide net: it reproduces the pass/fail labels it was given.
      const labels = data.column(c.target).map((v) => (Number(v) >= Number(c.positive.split('>=')[1]) ? c.positive : `not ${c.positive}`));
      expect(predictions.map((p) => p.label)).toEqual(labels);
      model.dispose();
    } else {
      const log = toDataset(detected.log!);
      const students = new Set(detected.log!.student);
      const skills = [...new Set(detected.log!.skill)].sort();
      expect(log.rows).toBe(detected.log!.student.length);
      if (c.attempts) expect([log.rows, students.size, skills]).toEqual([c.attempts, c.students, c.skills]);
      const kt = await trainMastery(log, { ...masteryColumns(log), hidden: [8], epochs: 3, seed: 1, validationFraction: 0 });
      expect([...kt.skills].sort()).toEqual(skills);
      const next = kt.predictNext(log);
      expect(next).toHaveLength(log.rows);
      for (const p of next) expect(p > 0 && p < 1).toBe(true);
      const first = detected.log!.student[0]!;
      const mastery = kt.mastery(log, first);
      expect(mastery.map((m) => m.skill).sort()).toEqual(skills);
      // Erase the first student and retrain: a one-liner, and the student is gone from the log.
      const rest = eraseStudent(log, first, 'student');
      expect(rest.rows).toBe(log.rows - detected.log!.student.filter((s) => s === first).length);
      expect(rest.column('student')).not.toContain(first);
      kt.dispose();
    }
  });

  it('the French Latin-1 log keeps 00123 and 0123 apart as two pseudonymous students', async () => {
    const res = await importData(fixtureBytes('generic_log_fr_latin1.csv'), { key: KEY, encoding: 'latin1', columnMap: FR_MAP });
    const log = toDataset(res.log!);
    expect(log.header).toEqual(['student', 'skill', 'item', 'correct', 'order']);
    expect(new Set(log.column('student'))).toEqual(new Set([hmac16('00123'), hmac16('0123')]));
    expect(masteryColumns(log)).toEqual({ student: 'student', skill: 'skill', correct: 'correct', order: 'order', item: 'item' });
    const noItems = toDataset({ student: ['a'], skill: ['s'], item: [null], correct: [1], order: [1] });
    expect(noItems.header).toEqual(['student', 'skill', 'correct', 'order']);
    expect(masteryColumns(noItems).item).toBeUndefined();
    expect(Dataset.fromRows(['x'], [['1']]).rows).toBe(1);
  });
});
