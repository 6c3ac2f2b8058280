// detectFormat on every fixture, and importData's format override.
import { describe, expect, it } from 'vitest';
import { detectFormat, importData } from '../../../web/src/import/index.js';
import { fixture, fixtureBytes, KEY } from './helpers.js';

const CASES: [string, string][] = [
  ['assistments_2009.csv', 'assistments-2009'],
  ['kdd_cup_2010.tsv', 'kdd-cup-2010'],
  ['generic_log.csv', 'generic-log'],
  ['generic_table_bom.csv', 'generic-table'],
  ['moodle_quiz_grades.csv', 'moodle-quiz'],
  ['moodle_gradebook.csv', 'moodle-gradebook'],
  ['canvas_gradebook.csv', 'canvas-gradebook'],
  ['moodle_logs.csv', 'moodle-logs'],
  ['xapi_statements.json', 'xapi'],
  ['xapi_statement_result.json', 'xapi'],
  ['xapi_statements.ndjson', 'xapi'],
  ['openedx_tracking.log', 'openedx'],
];

describe('detectFormat', () => {
  it.each(CASES)('%s → %s', (name, format) => {
    const guess = detectFormat(fixtureBytes(name).buffer as ArrayBuffer);
    expect(guess.format).toBe(format);
    expect(guess.confidence).toBeGreaterThan(0);
    expect(guess.confidence).toBeLessThanOrEqual(1);
    expect(guess.reasons.length).toBeGreaterThan(0);
  });

  it('specific formats beat the generic ones', () => {
    expect(detectFormat(fixture('assistments_2009.csv')).confidence).toBeGreaterThan(0.6);
    expect(detectFormat(fixture('generic_table_bom.csv')).confidence).toBe(0.3);
  });

  it('recognises a localized attempt log through the column map', () => {
    const map = { student: 'Élève', skill: 'Compétence', correct: 'Réussi' };
    const bytes = fixtureBytes('generic_log_fr_latin1.csv');
    expect(detectFormat(bytes, { encoding: 'latin1' }).format).toBe('generic-table');
    expect(detectFormat(bytes, { encoding: 'latin1', columnMap: map }).format).toBe('generic-log');
  });

  it('gives confidence 0 for JSON that is neither xAPI nor Open edX, and importData then asks for a format', async () => {
    expect(detectFormat('[{"a": 1}]').confidence).toBe(0);
    await expect(importData('[{"a": 1}]')).rejects.toMatchObject({ code: 'BAD_OPTION' });
  });

  it('lets the caller override the detected format', async () => {
    const res = await importData(fixture('assistments_2009.csv'), { format: 'generic-log', key: KEY });
    expect(res.report.format).toBe('generic-log');
    expect(res.report.confidence).toBeUndefined();
    expect(res.report.skippedByReason).toEqual({ 'missing-skill': 2 }); // rows 7 and 8: empty skill_name, no skill_id fallback
    expect(res.report.rowsKept).toBe(7); // scaffolding row kept: the generic adapter knows no 'original'
  });
});
