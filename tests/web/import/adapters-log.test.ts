// Delimited attempt-log adapters on their fixtures: ASSISTments 2009, KDD Cup 2010, generic log,
// Moodle quiz grades. Expected rows were worked out by hand from the fixture files.
import { describe, expect, it } from 'vitest';
import { importData } from '../../../web/src/import/index.js';
import { fixture, hmac16, KEY, logRows } from './helpers.js';

describe('ASSISTments 2009 skill builder', () => {
  it('keeps original==1, falls back to skill_id, keeps one row per skill, sorts by student then order_id', async () => {
    const res = await importData(fixture('assistments_2009.csv'), { key: KEY });
    expect(res.kind).toBe('log');
    const a = hmac16('064525'), b = hmac16('70363'), c = hmac16('64525');
    expect(logRows(res.log!)).toEqual([
      [a, 'Box and Whisker', '51424', 1, 33022537],
      [a, '12', '51500', 1, 33022600],
      [a, 'Box and Whisker', '51425', 0, 33022709],
      [b, 'Scatter Plot', '33140', 0, 35450204],
      [b, 'Scatter Plot', '33150', 1, 35450295],
      [b, 'Venn Diagram', '33150', 1, 35450295],
      [c, 'Box and Whisker', '51424', 1, 33022800],
    ]);
    const r = res.report;
    expect(r.format).toBe('assistments-2009');
    expect(r.confidence).toBeGreaterThan(0.9);
    expect([r.rowsRead, r.rowsKept, r.rowsOut]).toEqual([9, 7, 7]);
    expect(r.skipped).toEqual([{ row: 3, reason: 'not-original' }, { row: 7, reason: 'missing-skill' }]);
    expect(r.pseudonymisedColumns).toEqual(['user_id']);
  });

  it("keeps only the first row of a repeated order_id with multiSkillRows: 'first'", async () => {
    const res = await importData(fixture('assistments_2009.csv'), { key: KEY, multiSkillRows: 'first' });
    expect(res.log!.skill.slice(3)).toEqual(['Scatter Plot', 'Scatter Plot', 'Box and Whisker']);
    expect(res.report.skippedByReason).toEqual({ 'not-original': 1, 'missing-skill': 1, 'duplicate-order': 1 });
    expect(res.report.skipped[1]).toEqual({ row: 6, reason: 'duplicate-order', detail: '35450295' });
  });

  it('keeps scaffolding rows when asked', async () => {
    const res = await importData(fixture('assistments_2009.csv'), { key: KEY, keepScaffolding: true });
    expect(res.report.rowsKept).toBe(8);
    expect(res.log!.order.slice(0, 4)).toEqual([33022537, 33022600, 33022709, 33022712]);
  });
});

describe('KDD Cup 2010 / DataShop step roll-up', () => {
  const item1 = 'EG4-FIXED::3(x+2) = 15';
  it('splits KC(SubSkills) on ~~ into one attempt per KC', async () => {
    const res = await importData(fixture('kdd_cup_2010.tsv'), { key: KEY });
    const a = hmac16('0BrbPbwCMz'), b = hmac16('02i5jCrfQK');
    expect(logRows(res.log!)).toEqual([
      [a, '[SkillRule: Remove constant; {ax+b=c, positive}]', item1, 0, 1],
      [a, '[SkillRule: Remove coefficient; {ax/b=c, positive}]', item1, 0, 1],
      [a, '[SkillRule: Remove constant; {ax+b=c, positive}]', 'EG4-FIXED::x+2 = 5', 1, 2],
      [b, '[SkillRule: Remove negative coefficient; {-x=a}]', 'EG40::-x = 6', 1, 4],
    ]);
    expect(res.report.format).toBe('kdd-cup-2010');
    expect([res.report.rowsRead, res.report.rowsKept, res.report.rowsOut]).toEqual([5, 3, 4]);
    expect(res.report.skipped).toEqual([{ row: 3, reason: 'missing-skill' }, { row: 5, reason: 'bad-correct', detail: '' }]);
  });

  it('uses another KC model when asked', async () => {
    const res = await importData(fixture('kdd_cup_2010.tsv'), { key: KEY, kcModel: 'KTracedSkills' });
    expect(res.log!.skill).toEqual(['Remove constant', 'Remove constant', 'Remove negative coefficient']);
  });

  it('throws UNKNOWN_COLUMN for a KC model that is not in the file', async () => {
    await expect(importData(fixture('kdd_cup_2010.tsv'), { kcModel: 'Rules' })).rejects.toMatchObject({ code: 'UNKNOWN_COLUMN' });
  });
});

describe('generic attempt log (pyBKT names)', () => {
  it('maps user_id/skill_name/problem_id/correct/order_id and keeps 00017, 017 and 17 apart', async () => {
    const res = await importData(fixture('generic_log.csv'), { key: KEY });
    const a = hmac16('00017'), b = hmac16('17'), c = hmac16('017');
    expect(new Set([a, b, c]).size).toBe(3);
    expect(logRows(res.log!)).toEqual([
      [a, 'fractions', 'p2', 0, 1],
      [a, 'fractions', 'p1', 1, 3],
      [a, 'decimals', null, 1, 5],
      [b, 'decimals', 'p3', 1, 2],
      [c, 'decimals', 'p3', 0, 6],
    ]);
    expect(res.report.format).toBe('generic-log');
    expect(res.report.skipped).toEqual([{ row: 4, reason: 'missing-skill' }, { row: 7, reason: 'bad-correct', detail: 'yes' }]);
    expect(res.report.droppedColumns).toEqual([{ name: 'name', reason: 'direct-identifier' }]);
  });
});

describe('Moodle quiz grades report', () => {
  // Started on, read as UTC, plus the slot number.
  const anna = Date.UTC(2021, 1, 12, 13, 3), anne = Date.UTC(2021, 1, 11, 9, 0), ben = Date.UTC(2021, 1, 12, 14, 0);

  it('turns Q. n /max columns into attempts and skips In progress, unmarked and Overall average', async () => {
    const res = await importData(fixture('moodle_quiz_grades.csv'), { key: KEY });
    const pa = hmac16('anna.mueller@school.example'), pe = hmac16('student7@mail.com'), pb = hmac16('ben.baker@school.example');
    expect(logRows(res.log!)).toEqual([
      [pa, 'Q1', '1', 1, anna + 1], [pa, 'Q2', '2', 0, anna + 2], [pa, 'Q3', '3', 1, anna + 3],
      [pe, 'Q1', '1', 0, anne + 1], [pe, 'Q3', '3', 1, anne + 3],
      [pb, 'Q1', '1', 1, ben + 1], [pb, 'Q2', '2', 1, ben + 2], [pb, 'Q3', '3', 1, ben + 3],
    ]);
    const r = res.report;
    expect(r.format).toBe('moodle-quiz');
    expect([r.rowsRead, r.rowsKept, r.rowsOut]).toEqual([5, 3, 8]);
    expect(r.skipped).toEqual([
      { row: 2, reason: 'unmarked-question', detail: 'Q. 2 /1.00' },
      { row: 3, reason: 'in-progress', detail: 'In progress' },
      { row: 5, reason: 'summary-row' },
    ]);
    expect(r.pseudonymisedColumns).toEqual(['Email address']);
    expect(r.droppedColumns).toEqual([
      { name: 'Surname', reason: 'direct-identifier' }, { name: 'First name', reason: 'direct-identifier' },
    ]);
  });

  it('maps slots to skills with itemSkillMap', async () => {
    const res = await importData(fixture('moodle_quiz_grades.csv'), {
      key: KEY, itemSkillMap: { 1: 'fractions', 'Q. 2': 'fractions', 3: 'decimals' },
    });
    expect(res.log!.skill.slice(0, 3)).toEqual(['fractions', 'fractions', 'decimals']);
  });
});
