// CSV quirks of real exports: decimal commas, Latin-1 / Windows-1252 bytes, BOM, leading-zero ids,
// localized headers through the column map, trailing blank rows; plus the cell parsers.
import { describe, expect, it } from 'vitest';
import { parseDecimal, parseMoodleTime, parseIsoTime } from '../../../web/src/import/cells.js';
import { decodeInput, importData } from '../../../web/src/import/index.js';
import { fixtureBytes, hmac16, KEY, logRows } from './helpers.js';

describe('encodings', () => {
  it('decodes Windows-1252 bytes, including 0x80-0x9F (en dash, euro)', () => {
    const bytes = Uint8Array.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x20, 0x96, 0x20, 0x80, 0x20, 0xc9]);
    expect(decodeInput(bytes, 'windows-1252')).toBe('Müller – € É');
    expect(decodeInput(bytes.buffer, 'latin1')).toBe('Müller – € É');
    expect(decodeInput(bytes)).toContain('\ufffd'); // the same bytes are not UTF-8
  });

  it('strips a UTF-8 BOM from text and bytes, and a BOM wins over the encoding option', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0xa9]);
    expect(decodeInput(bytes, 'windows-1252')).toBe('aé');
    expect(decodeInput('\ufeffa,b')).toBe('a,b');
  });

  it("decodes Excel's UTF-16LE \"Unicode text\" (BOM FF FE) tab-separated export", async () => {
    const text = 'id\tG1\r\nA1\t12,5\r\n';
    const bytes = Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
    const res = await importData(bytes, { key: KEY, format: 'generic-table' });
    expect(res.table).toEqual({ header: ['id', 'G1'], rows: [[hmac16('A1'), '12.5']] });
  });

  it('rejects an unknown encoding with BAD_OPTION', async () => {
    await expect(importData(new Uint8Array([0x61]), { encoding: 'koi8-r' as never })).rejects.toMatchObject({ code: 'BAD_OPTION' });
  });

  it('imports a Latin-1 French log with localized headers via the column map', async () => {
    const res = await importData(fixtureBytes('generic_log_fr_latin1.csv'), {
      key: KEY, encoding: 'latin1',
      columnMap: { student: 'Élève', skill: 'Compétence', item: 'Question', correct: 'Réussi', order: 'Ordre' },
    });
    const a = hmac16('00123'), b = hmac16('0123');
    expect(logRows(res.log!)).toEqual([
      [a, 'fractions', 'q1', 1, 1], [a, 'décimaux', 'q2', 0, 2], [b, 'fractions', 'q1', 1, 1],
    ]);
    expect(res.report.droppedColumns).toEqual([{ name: 'Nom', reason: 'direct-identifier' }]);
    expect(res.report.pseudonymisedColumns).toEqual(['Élève']);
  });

  it('without the right encoding the localized headers are not found (UNKNOWN_COLUMN)', async () => {
    await expect(importData(fixtureBytes('generic_log_fr_latin1.csv'), {
      format: 'generic-log', columnMap: { student: 'Élève', skill: 'Compétence', correct: 'Réussi' },
    })).rejects.toMatchObject({ code: 'UNKNOWN_COLUMN' });
  });
});

describe('decimal commas and ; files', () => {
  it('German Moodle gradebook (cp1252, ;, decimal commas, trailing ;;; rows)', async () => {
    const res = await importData(fixtureBytes('moodle_gradebook_de_cp1252.csv'), {
      key: KEY, encoding: 'windows-1252', format: 'moodle-gradebook', dropColumns: ['Zuletzt aus diesem Kurs heruntergeladen'],
    });
    expect(res.table).toEqual({
      header: ['ID-Nummer', 'Institution', 'Abteilung', 'Test: Brüche (Punkte)', 'Kurs gesamt (Punkte)'],
      rows: [
        [hmac16('0815'), 'Gesamtschule Nord', 'Mathe – Förderkurs', '12.5', '87.25'],
        [hmac16('0042'), 'Gesamtschule Nord', 'Mathe', '', '45'],
      ],
    });
    expect(res.report.droppedColumns.map((d) => d.name)).toEqual(['Vorname', 'Nachname', 'E-Mail-Adresse', 'Zuletzt aus diesem Kurs heruntergeladen']);
    expect(res.report.rowsRead).toBe(2);
  });

  it('rewrites decimal commas only in numeric-looking columns', async () => {
    const csv = 'id;note;score;code\nA1;a,b;12,5;0012\nB2;c;3;0013\n';
    const res = await importData(csv, { key: KEY, format: 'generic-table' });
    expect(res.table!.rows.map((r) => r.slice(1))).toEqual([['a,b', '12.5', '0012'], ['c', '3', '0013']]);
  });

  it('leaves commas alone in comma-separated files unless asked', async () => {
    const csv = 'id,score\nA1,"12,5"\nB2,3\n';
    expect((await importData(csv, { key: KEY, format: 'generic-table' })).table!.rows[0]![1]).toBe('12,5');
    expect((await importData(csv, { key: KEY, format: 'generic-table', decimalSeparator: ',' })).table!.rows[0]![1]).toBe('12.5');
  });
});

describe('cell parsers', () => {
  it('parseDecimal', () => {
    expect(parseDecimal('12,5', true)).toBe(12.5);
    expect(parseDecimal('12,5', false)).toBeNaN();
    expect(parseDecimal(' -0.25 ', false)).toBe(-0.25);
    expect(parseDecimal('1,234.5', true)).toBeNaN();
  });

  it('parseIsoTime handles microseconds and offsets', () => {
    expect(parseIsoTime('2023-08-03T06:32:31.431355+00:00')).toBe(Date.UTC(2023, 7, 3, 6, 32, 31, 431));
    expect(parseIsoTime('2018-01-29T14:10:00+02:00')).toBe(Date.UTC(2018, 0, 29, 12, 10));
    expect(parseIsoTime('29/01/2018')).toBeNaN();
  });

  it('parseMoodleTime reads the report date formats', () => {
    expect(parseMoodleTime('12 February 2021  1:03 PM')).toBe(Date.UTC(2021, 1, 12, 13, 3));
    expect(parseMoodleTime('12 February 2021  12:30 AM')).toBe(Date.UTC(2021, 1, 12, 0, 30));
    expect(parseMoodleTime('Thursday, 4 February 2021, 1:05 PM')).toBe(Date.UTC(2021, 1, 4, 13, 5));
    expect(parseMoodleTime('4/02/21, 13:05')).toBe(Date.UTC(2021, 1, 4, 13, 5));
    expect(parseMoodleTime('1700000000')).toBe(1700000000000);
    expect(parseMoodleTime('yesterday')).toBeNaN();
  });
});

describe('ragged exports', () => {
  it('drops an unnamed empty column (trailing ; in the header) and reports it; pads short rows', async () => {
    const res = await importData('id;G1;\nA1;12,5;\nB2\n', { key: KEY, format: 'generic-table' });
    expect(res.table).toEqual({ header: ['id', 'G1'], rows: [[hmac16('A1'), '12.5'], [hmac16('B2'), '']] });
    expect(res.report.droppedColumns).toEqual([{ name: '', reason: 'empty-column' }]);
  });
});
