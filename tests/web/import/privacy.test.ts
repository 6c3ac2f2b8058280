// Privacy guarantees of the importers: HMAC pseudonyms checked against node:crypto, key handling,
// no raw identifier left in any imported output, identifier-like columns, erasing a student.
import { describe, expect, it } from 'vitest';
import {
  eraseStudent, forgetPageKey, identifierLikeColumns, importData, type ImportOptions, pseudonymise,
} from '../../../web/src/import/index.js';
import { fixture, fixtureBytes, hmac16, KEY, sha1 } from './helpers.js';

describe('pseudonymise', () => {
  it('equals HMAC-SHA-256 computed independently with node:crypto (first 16 hex characters)', async () => {
    const [p] = await pseudonymise(['00017'], KEY);
    expect(p).toBe(hmac16('00017'));
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    const [rfc] = await pseudonymise(['what do ya want for nothing?'], 'Jefe');
    expect(rfc).toBe('5bdcc146bf60754e');
  });

  it('is stable under one key, different under another; key as string, bytes or CryptoKey agree', async () => {
    const a = await pseudonymise(['007', '7', '007'], KEY);
    expect(a[0]).toBe(a[2]);
    expect(a[0]).not.toBe(a[1]);
    const b = await pseudonymise(['007'], 'another key');
    expect(b[0]).not.toBe(a[0]);
    const bytes = new TextEncoder().encode(KEY);
    const ck = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    expect(await pseudonymise(['007'], bytes)).toEqual([a[0]]);
    expect(await pseudonymise(['007'], ck)).toEqual([a[0]]);
    expect(await pseudonymise([''], KEY)).toEqual(['']);
  });

  it('uses a random page key when none is given: stable within the page, new after forgetPageKey', async () => {
    const [x] = await pseudonymise(['007']);
    const [y] = await pseudonymise(['007']);
    expect(x).toBe(y);
    expect(x).not.toBe(hmac16('007'));
    forgetPageKey();
    const [z] = await pseudonymise(['007']);
    expect(z).not.toBe(x);
  });

  it('rejects an empty or ill-typed key with BAD_OPTION', async () => {
    await expect(pseudonymise(['a'], '')).rejects.toMatchObject({ code: 'BAD_OPTION' });
    await expect(pseudonymise(['a'], 42 as never)).rejects.toMatchObject({ code: 'BAD_OPTION' });
  });
});

// Every raw identifier written into the fixtures (ids, names, emails, IPs, login ids, IFIs).
const SECRETS: [string, ImportOptions, string[]][] = [
  ['assistments_2009.csv', {}, ['064525', '70363', '64525']],
  ['kdd_cup_2010.tsv', {}, ['0BrbPbwCMz', '02i5jCrfQK']],
  ['generic_log.csv', {}, ['00017', 'Anna', 'Müller', 'Baker', 'Cécile', 'Durand']],
  ['generic_table_bom.csv', {}, ['00017', 'Anna', 'Müller', 'Baker', 'Cécile', 'school.example']],
  ['moodle_quiz_grades.csv', {}, ['Müller', 'Anna', 'Able', 'Anne', 'Baker', '@', 'mail.com']],
  ['moodle_gradebook.csv', {}, ['007', '0420', 'Able', 'Anne', 'Brown', 'Bob', 'Cécile', 'Durand', '@', 'Good work']],
  ['canvas_gradebook.csv', {}, ['Able', 'Anne', 'Brown', 'Durand', 'S-007', 'S-0420', 'aable', 'bbrown', 'cdurand', '"101"']],
  ['moodle_logs.csv', {}, ['Anna', 'Müller', 'Ben', 'Baker', '192.168', '10.0.0', "user with id", 'anna.m']],
  ['xapi_statements.json', {}, ['anna.mueller', 'mailto', 'Müller', '76a7a061', 'openid.example', 'Schmidt']],
  ['xapi_statements.ndjson', {}, ['anna.mueller', 'mailto', 'Müller']],
  ['openedx_tracking.log', {}, ['anna_m', 'ben_b', '172.18', '"8"', '"12"']],
];

describe('no raw identifier in imported output', () => {
  it.each(SECRETS)('%s', async (name, opts, secrets) => {
    const res = await importData(fixture(name), { key: KEY, ...opts });
    const json = JSON.stringify({ table: res.table, log: res.log, skipped: res.report.skipped });
    for (const s of secrets) expect(json, `leaked ${s}`).not.toContain(s);
  });

  it('xAPI mbox_sha1sum is re-hashed, never copied', async () => {
    const json = JSON.stringify(await importData(fixture('xapi_statements.json'), { key: KEY }));
    expect(json).not.toContain(sha1('mailto:anna.mueller@school.example'));
  });

  it('the same key gives the same pseudonyms across formats (joins stay possible)', async () => {
    const grades = await importData(fixture('moodle_gradebook.csv'), { key: KEY });
    const latin = await importData(fixtureBytes('generic_log_fr_latin1.csv'), {
      key: KEY, encoding: 'latin1', columnMap: { student: 'Élève', skill: 'Compétence', correct: 'Réussi' },
    });
    expect(grades.table!.rows[0]![0]).toBe(hmac16('007'));
    expect(latin.log!.student[0]).toBe(hmac16('00123'));
  });
});

describe('identifierLikeColumns', () => {
  it('reports text columns unique per row, not numeric or repeated ones', () => {
    const t = { header: ['id', 'name', 'age', 'school', 'sparse', 'one'],
      rows: [['a1', 'Ann', '15', 'GP', 'x', 'z'], ['b2', 'Bob', '16', 'GP', '', ''], ['c3', 'Cid', '17', 'MS', 'y', '']] };
    expect(identifierLikeColumns(t)).toEqual(['id', 'name', 'sparse']);
  });

  it('flags the pseudonymised id column of an imported table', async () => {
    const res = await importData(fixture('canvas_gradebook.csv'), { key: KEY });
    expect(identifierLikeColumns(res.table!)).toEqual(['ID', 'SIS User ID']);
  });
});

describe('eraseStudent', () => {
  it('removes one pseudonym from a log, leaving the input untouched', async () => {
    const { log } = await importData(fixture('generic_log.csv'), { key: KEY });
    const rest = eraseStudent(log!, hmac16('00017'));
    expect(rest.student).toEqual([hmac16('17'), hmac16('017')]);
    expect(rest.skill).toEqual(['decimals', 'decimals']);
    expect(rest.order).toEqual([2, 6]);
    expect(log!.student.length).toBe(5);
  });

  it('removes one pseudonym from a table, optionally restricted to a column', async () => {
    const { table } = await importData(fixture('moodle_gradebook.csv'), { key: KEY });
    expect(eraseStudent(table!, hmac16('0420')).rows.map((r) => r[0])).toEqual([hmac16('007'), hmac16('7')]);
    expect(eraseStudent(table!, hmac16('0420'), 'Institution').rows.length).toBe(3);
    expect(() => eraseStudent(table!, 'x', 'nope')).toThrow(expect.objectContaining({ code: 'UNKNOWN_COLUMN' }));
  });
});

describe('options', () => {
  it('rejects unknown options and bad values with BAD_OPTION', async () => {
    const csv = fixture('generic_log.csv');
    await expect(importData(csv, { colunmMap: {} } as never)).rejects.toMatchObject({ code: 'BAD_OPTION' });
    await expect(importData(csv, { format: 'excel' as never })).rejects.toMatchObject({ code: 'BAD_OPTION' });
    await expect(importData(csv, { scoreThreshold: 2 })).rejects.toMatchObject({ code: 'BAD_OPTION' });
    await expect(importData(csv, { columnMap: { learner: 'x' } as never })).rejects.toMatchObject({ code: 'BAD_OPTION' });
  });

  it('throws EMPTY_DATA for empty input and when no row is usable, naming the reasons', async () => {
    await expect(importData('  \n')).rejects.toMatchObject({ code: 'EMPTY_DATA' });
    await expect(importData('user_id,skill_name,correct\n1,,1\n', { format: 'generic-log' }))
      .rejects.toThrow(/missing-skill: 1/);
  });

  it('caps the listed skips but counts them all', async () => {
    const csv = `user_id,skill_name,correct\n${'1,,1\n'.repeat(5)}2,s,1\n`;
    const res = await importData(csv, { format: 'generic-log', maxSkippedListed: 2, key: KEY });
    expect(res.report.skipped.length).toBe(2);
    expect(res.report.skippedByReason).toEqual({ 'missing-skill': 5 });
  });
});
