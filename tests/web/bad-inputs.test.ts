// The bad-input corpus (tests/data/bad/, cases.json; issue 4) through the public API: parseCsv, then
// train + predict (or crossValidate with `cv`). Each case ends in its documented outcome — a
// result with the stated shape, or a PathwiseError with the stated code and a message naming the
// row/column/option — never a trap, an INTERNAL error or NaN predictions. Table: docs/BAD_INPUTS.md.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crossValidate, liveHandles, parseCsv, PathwiseError, train } from '../../web/src/index.js';
import { type BadCase, casePath, cases } from './bad-cases.js';

type Outcome = { ok: true; rows: number; task?: string; classes?: number; issues: { code: string; row: number }[] } | { code: string; message: string };

async function run(c: BadCase): Promise<Outcome> {
  try {
    const data = await parseCsv(readFileSync(casePath(c)));
    const issues = data.errors.map((e) => ({ code: e.code, row: e.row }));
    const { cv, ...options } = c.options;
    if (cv !== undefined) {
      const result = await crossValidate(data, { ...options, folds: cv });
      expect(result.folds).toHaveLength(cv);
      return { ok: true, rows: data.rows, issues };
    }
    const model = await train(data, options);
    try {
      const predictions = model.predict(data);
      expect(predictions.length).toBeGreaterThan(0);
      for (const p of predictions) {
        if (model.info.task === 'regression') expect(Number.isFinite(p.value)).toBe(true);
        else expect(Object.values(p.probabilities).every(Number.isFinite)).toBe(true);
      }
      return { ok: true, rows: data.rows, task: model.info.task, classes: model.info.classes.length, issues };
    } finally {
      model.dispose();
    }
  } catch (e) {
    if (!(e instanceof PathwiseError)) throw e; // a trap, TypeError, … is a bug
    return { code: e.code, message: e.message };
  }
}

describe('bad-input corpus (tests/data/bad/cases.json)', () => {
  it('has at least 40 committed files plus the generated ones, every case with an outcome', () => {
    expect(new Set(cases.filter((c) => !c.generated).map((c) => c.file)).size).toBeGreaterThanOrEqual(40);
    expect(cases.some((c) => c.generated)).toBe(true);
  });

  for (const c of cases) {
    it(`${c.name} (${c.file}) → ${'ok' in c.expect ? 'ok' : c.expect.code}`, async () => {
      const got = await run(c);
      const want = c.expect;
      if ('ok' in want) {
        expect(got, JSON.stringify(got)).toHaveProperty('ok', true);
        if (!('ok' in got)) return;
        if (want.rows !== undefined) expect(got.rows).toBe(want.rows);
        if (want.task !== undefined) expect(got.task).toBe(want.task);
        if (want.classes !== undefined) expect(got.classes).toBe(want.classes);
        if (want.csvIssue) expect(got.issues).toContainEqual(want.csvIssue);
        else expect(got.issues).toEqual([]);
      } else {
        expect(got).toMatchObject({ code: want.code });
        if ('message' in got) expect(got.message).toContain(want.messageIncludes);
      }
      expect(liveHandles()).toBe(0);
    });
  }
});
