// Student-table adapters on their fixtures: Moodle gradebook, Canvas gradebook, Moodle logs
// (engagement counts) and the generic table. Expected cells worked out by hand from the fixtures.
import { describe, expect, it } from 'vitest';
import { ENGAGEMENT_HEADER, importData } from '../../../web/src/import/index.js';
import { fixture, hmac16, KEY } from './helpers.js';

describe('Moodle gradebook export', () => {
  it('pseudonymises ID number, drops names/email/feedback/export time, maps - to missing', async () => {
    const res = await importData(fixture('moodle_gradebook.csv'), { key: KEY });
    expect(res.kind).toBe('table');
    expect(res.table).toEqual({
      header: ['ID number', 'Institution', 'Department', 'Quiz: Fractions 1 (Real)', 'Quiz: Fractions 1 (Percentage)', 'Course total (Real)'],
      rows: [
        [hmac16('007'), 'Moodle HQ', 'Rock on!', '8.00', '80.00', '56.00'],
        [hmac16('0420'), 'Moodle HQ', 'Maths', '', '', '40.50'],
        [hmac16('7'), 'Moodle HQ', 'Maths', '10.00', '100.00', '60.00'],
      ],
    });
    const r = res.report;
    expect(r.format).toBe('moodle-gradebook');
    expect(r.droppedColumns).toEqual([
      { name: 'First name', reason: 'direct-identifier' },
      { name: 'Surname', reason: 'direct-identifier' },
      { name: 'Email address', reason: 'direct-identifier' },
      { name: 'Assignment: Essay (Feedback)', reason: 'free-text' },
      { name: 'Last downloaded from this course', reason: 'export-metadata' },
    ]);
    expect(r.pseudonymisedColumns).toEqual(['ID number']);
    expect([r.rowsRead, r.rowsKept, r.rowsOut]).toEqual([3, 3, 3]);
  });

  it('keeps a direct identifier only when asked explicitly', async () => {
    const res = await importData(fixture('moodle_gradebook.csv'), { key: KEY, keepColumns: ['Surname'] });
    expect(res.table!.header[0]).toBe('Surname');
    expect(res.table!.rows.map((r) => r[0])).toEqual(['Able', 'Brown', 'Durand']);
  });
});

describe('Canvas gradebook export', () => {
  it('skips the note and Points Possible rows, EX and N/A become missing, ids pseudonymised', async () => {
    const res = await importData(fixture('canvas_gradebook.csv'), { key: KEY });
    expect(res.table).toEqual({
      header: ['ID', 'SIS User ID', 'Section', 'Quiz 1 (1234)', 'Essay (1235)', 'Current Score', 'Unposted Current Score', 'Final Score', 'Unposted Final Score'],
      rows: [
        [hmac16('101'), hmac16('S-007'), 'Period 2', '8.00', '', '80.00', '80.00', '72.00', '72.00'],
        [hmac16('102'), hmac16('S-0420'), 'Period 2', '', '15.00', '75.00', '75.00', '50.00', '50.00'],
        [hmac16('103'), hmac16('S-7'), 'Period 3', '9.50', '18.00', '92.50', '92.50', '92.50', '92.50'],
      ],
    });
    const r = res.report;
    expect(r.format).toBe('canvas-gradebook');
    expect(r.skipped).toEqual([{ row: 1, reason: 'note-row' }, { row: 2, reason: 'points-possible-row' }]);
    expect(r.droppedColumns).toEqual([
      { name: 'Student', reason: 'direct-identifier' }, { name: 'SIS Login ID', reason: 'direct-identifier' },
    ]);
    expect(r.pseudonymisedColumns).toEqual(['ID', 'SIS User ID']);
    expect([r.rowsRead, r.rowsKept, r.rowsOut]).toEqual([5, 3, 3]);
  });
});

describe('Moodle logs → engagement table', () => {
  it('counts events, active days, contexts and last activity per user; skips user "-"', async () => {
    const res = await importData(fixture('moodle_logs.csv'), { key: KEY });
    // Newest event in the file: 6 Feb 2021 11:00. Anna's last: 5 Feb 09:00 → 26 h = 1.0833 days.
    expect(res.table).toEqual({
      header: [...ENGAGEMENT_HEADER],
      rows: [
        [hmac16('Ben Baker'), '2', '2', '2', '2021-02-06T11:00:00.000Z', '0'],
        [hmac16('Anna Müller'), '3', '2', '2', '2021-02-05T09:00:00.000Z', '1.08'],
      ],
    });
    const r = res.report;
    expect(r.format).toBe('moodle-logs');
    expect(r.skipped).toEqual([{ row: 2, reason: 'missing-student' }]);
    expect(r.pseudonymisedColumns).toEqual(['User full name']);
    expect(r.droppedColumns.filter((d) => d.reason === 'direct-identifier').map((d) => d.name))
      .toEqual(['Affected user', 'Description', 'IP address']);
    expect([r.rowsRead, r.rowsKept, r.rowsOut]).toEqual([6, 5, 2]);
  });
});

describe('generic student table', () => {
  it('pseudonymises student_id (leading zeros kept apart), drops name and email, ignores the blank trailing row', async () => {
    const res = await importData(fixture('generic_table_bom.csv'), { key: KEY });
    expect(res.report.format).toBe('generic-table');
    expect(res.table).toEqual({
      header: ['student_id', 'age', 'absences', 'G3'],
      rows: [
        [hmac16('00017'), '15', '2', '14'],
        [hmac16('17'), '16', '0', '11'],
        [hmac16('017'), '15', '5', '9'],
      ],
    });
    expect(res.report.droppedColumns.map((d) => d.name)).toEqual(['name', 'email']);
  });
});
