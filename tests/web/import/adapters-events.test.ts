// JSON event adapters on their fixtures: xAPI (array, StatementResult page, NDJSON) and Open edX
// problem_check server events. Expected rows worked out by hand from the fixture files.
import { describe, expect, it } from 'vitest';
import { importData } from '../../../web/src/import/index.js';
import { fixture, hmac16, KEY, logRows, sha1 } from './helpers.js';

const Q = (q: string) => `https://lms.example/quiz/7#${q}`;
const FR = 'https://lms.example/competency/fractions';
const DE = 'https://lms.example/competency/decimals';
// Raw actor keys (documented in xapi.ts): mbox is turned into its mbox_sha1sum first.
const anna = hmac16(`mbox_sha1sum:${sha1('mailto:anna.mueller@school.example')}`);
const account = hmac16('account:https://lms.example|76a7a061');

describe('xAPI statements', () => {
  it('keeps assessment verbs, drops voided and voiding statements, one student for mbox and mbox_sha1sum', async () => {
    const res = await importData(fixture('xapi_statements.json'), { key: KEY });
    expect(logRows(res.log!)).toEqual([
      [anna, FR, Q('q2'), 0, Date.UTC(2018, 0, 29, 12, 5)],     // score.scaled 0.4 < 0.5
      [anna, FR, Q('q1'), 1, Date.UTC(2018, 0, 29, 12, 10)],
      [account, DE, Q('q1'), 0, Date.UTC(2018, 0, 29, 12, 11, 0, 250)], // skill from category; dod-isd verb IRI
    ]);
    const r = res.report;
    expect(r.format).toBe('xapi');
    expect([r.rowsRead, r.rowsKept, r.rowsOut]).toEqual([8, 3, 3]);
    expect(r.skipped).toEqual([
      { row: 4, reason: 'not-assessment-verb', detail: 'http://adlnet.gov/expapi/verbs/experienced' },
      { row: 5, reason: 'voided' },
      { row: 6, reason: 'voiding-statement' },
      { row: 7, reason: 'missing-skill' },
      { row: 8, reason: 'no-result' },
    ]);
    expect(r.pseudonymisedColumns).toEqual(['actor']);
    expect(r.droppedColumns).toEqual([{ name: 'actor.name', reason: 'direct-identifier' }]);
  });

  it('takes the skill from itemSkillMap, passed without a result counts as correct, threshold is an option', async () => {
    const res = await importData(fixture('xapi_statements.json'), {
      key: KEY, itemSkillMap: { [Q('q4')]: 'geometry', [Q('q2')]: 'fractions-2' }, scoreThreshold: 0.4,
    });
    const openid = hmac16('openid:https://openid.example/u/42');
    expect(logRows(res.log!)).toEqual([
      [anna, 'fractions-2', Q('q2'), 1, Date.UTC(2018, 0, 29, 12, 5)],
      [anna, FR, Q('q1'), 1, Date.UTC(2018, 0, 29, 12, 10)],
      [account, DE, Q('q1'), 0, Date.UTC(2018, 0, 29, 12, 11, 0, 250)],
      [openid, 'geometry', Q('q4'), 1, Date.UTC(2018, 0, 30, 8)],
    ]);
  });

  it('reads a StatementResult page', async () => {
    const res = await importData(fixture('xapi_statement_result.json'), { key: KEY });
    expect(logRows(res.log!)).toEqual([
      [account, DE, Q('q1'), 0, Date.UTC(2018, 0, 29, 12, 11, 0, 250)],
      [anna, FR, Q('q1'), 1, Date.UTC(2018, 0, 29, 12, 10)],
    ]);
  });

  it('reads NDJSON and reports the broken line', async () => {
    const res = await importData(fixture('xapi_statements.ndjson'), { key: KEY });
    expect(logRows(res.log!)).toEqual([
      [anna, FR, Q('q2'), 0, Date.UTC(2018, 0, 29, 12, 5)],
      [anna, FR, Q('q1'), 1, Date.UTC(2018, 0, 29, 12, 10)],
    ]);
    expect(res.report.skipped).toEqual([{ row: 2, reason: 'bad-json' }]);
    expect(res.report.rowsRead).toBe(3);
  });
});

describe('Open edX tracking log', () => {
  const p1 = 'block-v1:edX+DemoX+Demo_Course+type@problem+block@a0effb954cca4759994f1ac9e9434bf4';
  const p2 = 'block-v1:edX+DemoX+Demo_Course+type@problem+block@c554538a57664fac80783b99d9d6da7c';
  const t1 = Date.UTC(2023, 7, 3, 6, 32, 31, 431), t0 = Date.UTC(2023, 7, 2, 10, 0, 0, 500), tb = Date.UTC(2023, 7, 3, 6, 40);

  it('makes one attempt per correct_map entry of server problem_check events', async () => {
    const res = await importData(fixture('openedx_tracking.log'), { key: KEY });
    const u8 = hmac16('8'), u12 = hmac16('12');
    expect(logRows(res.log!)).toEqual([
      [u8, p2, 'c554538a57664fac80783b99d9d6da7c_2_1', 1, t0],
      [u8, p1, 'a0effb954cca4759994f1ac9e9434bf4_2_1', 1, t1],
      [u8, p1, 'a0effb954cca4759994f1ac9e9434bf4_3_1', 0, t1],
      [u8, p1, 'a0effb954cca4759994f1ac9e9434bf4_4_1', 1, t1],
      [u12, p2, 'c554538a57664fac80783b99d9d6da7c_2_1', 0, tb],
    ]);
    const r = res.report;
    expect(r.format).toBe('openedx');
    expect([r.rowsRead, r.rowsKept, r.rowsOut]).toEqual([5, 3, 5]);
    expect(r.skipped).toEqual([
      { row: 2, reason: 'not-server-event' },
      { row: 3, reason: 'not-problem-check', detail: 'play_video' },
    ]);
    expect(r.pseudonymisedColumns).toEqual(['context.user_id']);
    expect(r.droppedColumns.map((d) => d.name)).toEqual(['username', 'ip']);
  });

  it('maps input ids and problem ids to skills', async () => {
    const res = await importData(fixture('openedx_tracking.log'), {
      key: KEY, itemSkillMap: { a0effb954cca4759994f1ac9e9434bf4_3_1: 'furniture', [p1]: 'colours', [p2]: 'music' },
    });
    expect(res.log!.skill).toEqual(['music', 'colours', 'furniture', 'colours', 'music']);
  });
});
