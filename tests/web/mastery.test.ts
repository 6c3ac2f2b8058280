// trainMastery / MasteryModel against the real wasm on a seeded synthetic log (success grows with
// practice and ability; skills differ in difficulty): held-out AUC above chance and above PFA's
// floor, mastery ordering that follows the planted abilities, causal predictions, learning paths
// that respect completed items and flag unknown skills, save/load round trip, no leaked handles.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dataset, liveHandles, PathwiseError } from '../../web/src/index.js';
import { loadMastery, splitLogByStudent, trainMastery } from '../../web/src/mastery.js';
import { cli } from './fixtures.js';
import { mulberry32 as rng } from '../../web/src/random.js';


const SKILLS = ['count', 'add', 'mul'];

// Attempts in shuffled row order, with a `t` column giving the true order.
function simulatedLog(students: number, length: number, seed: number, prefix = 's'): Dataset {
  const u = rng(seed);
  const rows: Record<string, string | number>[] = [];
  for (let s = 0; s < students; s++) {
    const ability = u() * 3 - 1.5;
    const practice = [0, 0, 0];
    for (let t = 0; t < length; t++) {
      const k = Math.floor(u() * 3);
      const z = ability - 0.6 * k + 0.35 * practice[k]!;
      practice[k]!++;
      rows.push({ user: `${prefix}${s}`, skill: SKILLS[k]!, ok: u() < 1 / (1 + Math.exp(-z)) ? 1 : 0, t });
    }
  }
  return Dataset.fromObjects(rows);
}

const columns = { student: 'user', skill: 'skill', correct: 'ok', order: 't' } as const;

describe('trainMastery', () => {
  it('predicts held-out students, knows strong from weak, recommends, saves and frees', async () => {
    const trainLog = simulatedLog(300, 30, 1);
    const testLog = simulatedLog(100, 30, 2, 'test');
    const kt = await trainMastery(trainLog, { ...columns, epochs: 6, seed: 3 });
    expect(kt.skills.sort()).toEqual([...SKILLS].sort());

    const report = kt.evaluate(testLog);
    expect(report.attempts).toBe(3000);
    expect(report.students).toBe(100);
    expect(report.auc).toBeGreaterThan(0.7);
    expect(report.auc).toBeGreaterThan(report.pfaAuc - 0.02); // PFA is a strong fit for this simulator
    expect(report.rmse).toBeLessThan(0.5);

    // A student who always succeeded vs one who always failed.
    const history = (who: string, ok: number) =>
      Dataset.fromObjects(SKILLS.flatMap((skill) => [0, 1, 2, 3].map((t) => ({ user: who, skill, ok, t }))));
    const strong = kt.mastery(history('ann', 1));
    const weak = kt.mastery(history('bob', 0));
    for (const skill of SKILLS) {
      const a = strong.find((m) => m.skill === skill)!;
      const b = weak.find((m) => m.skill === skill)!;
      expect(a.attempts).toBe(4);
      expect(a.successes).toBe(4);
      expect(a.mastery).toBeGreaterThan(b.mastery + 0.2);
    }

    // Causal: predictions of a student's first attempts do not change when later rows are added.
    const full = kt.predictNext(testLog);
    const firstTen = testLog.selectRows(Array.from({ length: 10 }, (_, i) => i));
    const early = kt.predictNext(firstTen);
    expect(early).toHaveLength(10);
    early.forEach((p, i) => expect(p).toBeCloseTo(full[i]!, 6));

    // Paths: never a completed resource, never an unknown skill (flagged instead).
    const catalog = [
      { id: 'c1', skill: 'count' },
      { id: 'a1', skill: 'add', difficulty: 0.3 },
      { id: 'a2', skill: 'add', difficulty: 0.6 },
      { id: 'm1', skill: 'mul', prerequisites: ['add'] },
      { id: 'x1', skill: 'fractions' },
    ];
    const path = kt.recommend(history('bob', 0), catalog, { n: 3, completed: ['a1'] });
    const ids = path.steps.map((s) => s.resource);
    expect(ids).not.toContain('a1');
    expect(ids).not.toContain('x1');
    expect(ids).not.toContain('m1'); // 'add' is not mastered by bob
    expect(path.flagged.map((f) => f.resource)).toEqual(['x1']);
    for (const step of path.steps) expect(step.reason.mastery).toBeLessThan(0.95);
    expect(() => kt.recommend(testLog, catalog)).toThrowError(/option 'student' is required/);
    expect(kt.recommend(testLog, catalog, { student: 'test0', n: 2 }).steps.length).toBeLessThanOrEqual(2);
    expect(kt.classView(testLog).map((s) => s.skill).sort()).toEqual([...SKILLS].sort());

    const again = await loadMastery(kt.save(), columns);
    expect(again.evaluate(testLog)).toEqual(report);
    again.dispose();
    kt.dispose();
    expect(() => kt.evaluate(testLog)).toThrowError(PathwiseError);
    expect(liveHandles()).toBe(0);
  });

  it('names the column and row of a bad correctness cell', async () => {
    const log = Dataset.fromObjects([
      { user: 'a', skill: 'add', ok: 1, t: 1 },
      { user: 'a', skill: 'add', ok: 'maybe', t: 2 },
    ]);
    await expect(trainMastery(log, columns)).rejects.toThrowError(/'ok'.*row 2|row 2.*'ok'/);
    await expect(trainMastery(log, { ...columns, skill: 'kc' })).rejects.toMatchObject({ code: 'UNKNOWN_COLUMN' });
    expect(liveHandles()).toBe(0);
  });

  it('splitLogByStudent keeps every student on one side, seeded', () => {
    const log = simulatedLog(50, 4, 9);
    const { train, test } = splitLogByStudent(log, 'user', { test: 0.2, seed: 5 });
    const trainStudents = new Set(train.column('user'));
    const testStudents = new Set(test.column('user'));
    expect(testStudents.size).toBe(10);
    expect(trainStudents.size).toBe(40);
    for (const s of testStudents) expect(trainStudents.has(s)).toBe(false);
    expect(train.rows + test.rows).toBe(200);
    expect(splitLogByStudent(log, 'user', { test: 0.2, seed: 5 }).test.column('user')).toEqual(test.column('user'));
    expect(() => splitLogByStudent(log, 'user', { test: 1 })).toThrowError(PathwiseError);
  });
});

describe('pathwise mastery (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pathwise-mastery-'));
  const csv = (data: Dataset) =>
    [data.header.join(','), ...Array.from({ length: data.rows }, (_, r) => data.columns.map((c) => c[r]).join(','))].join('\n');
  const trainPath = join(dir, 'train.csv');
  const testPath = join(dir, 'test.csv');
  writeFileSync(trainPath, csv(simulatedLog(200, 30, 11)));
  writeFileSync(testPath, csv(simulatedLog(60, 30, 12, 'test')));
  const cols = ['--student', 'user', '--skill', 'skill', '--correct', 'ok', '--order', 't'];

  it('--test prints auc, pfaAuc, accuracy, logLoss as JSON', async () => {
    const r = await cli(['mastery', trainPath, ...cols, '--test', testPath, '--epochs', '4', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, number | string>;
    expect(out.mode).toBe('test');
    expect(out.testStudents).toBe(60);
    expect(out.testAttempts).toBe(1800);
    expect(out.auc).toBeGreaterThan(0.7);
    for (const k of ['pfaAuc', 'accuracy', 'logLoss', 'rmse']) expect(typeof out[k]).toBe('number');
  });

  it('without --test holds out 20% of the students; errors are one line', async () => {
    const r = await cli(['mastery', trainPath, ...cols, '--epochs', '3', '--seed', '2', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, number | string>;
    expect(out.mode).toBe('holdout');
    expect(out.testStudents).toBe(40);
    expect(out.trainAttempts).toBe(160 * 30);
    const bad = await cli(['mastery', trainPath, '--skill', 'skill', '--correct', 'ok']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^BAD_OPTION: --student COL is required\n$/);
    const unknown = await cli(['mastery', trainPath, ...cols.slice(0, 4), '--correct', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^UNKNOWN_COLUMN: .*'nope'/);
  });
});
