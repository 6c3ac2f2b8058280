// Identifier-like columns (issue 7): the rule (names and values), and that train() and
// crossValidate() leave such columns out of the features by default, report them, and use them
// only when asked (features listed explicitly, or allowIdentifiers).
import { describe, expect, it } from 'vitest';
import {
  crossValidate,
  Dataset,
  identifierColumns,
  identifierName,
  identifierValues,
  liveHandles,
  train,
  type PathwiseError,
} from '../../web/src/index.js';
import { withIdentifiers } from './fixtures.js';

describe('identifierName', () => {
  it.each([
    ['student_id', 'identifier-name'], ['userId', 'identifier-name'], ['ID number', 'identifier-name'],
    ['Anon Student Id', 'identifier-name'], ['id', 'identifier-name'], ['SIS User ID', 'identifier-name'],
    ['studentnumber', 'identifier-name'], ['Student No', 'identifier-name'], ['ID-Nummer', 'identifier-name'],
    ['name', 'direct-identifier'], ['First name', 'direct-identifier'], ['Email address', 'direct-identifier'],
    ['email', 'direct-identifier'], ['parent_email', 'direct-identifier'], ['IP address', 'direct-identifier'],
  ])('%s → %s', (header, reason) => {
    expect(identifierName(header)).toBe(reason);
  });

  it.each(['paid', 'idea', 'valid', 'G3', 'absences', 'school', 'address', 'Medu', 'guardian', 'studytime', 'Pstatus', 'famsup'])(
    '%s is not an identifier name',
    (header) => expect(identifierName(header)).toBeUndefined(),
  );
});

describe('identifierValues', () => {
  it('flags unique text, and unique whole numbers written with leading zeros', () => {
    expect(identifierValues(['Anna', 'Ben', 'Cem'])).toBe('unique-text');
    expect(identifierValues(['a1', '', 'NA', 'b2'])).toBe('unique-text'); // missing cells do not count
    expect(identifierValues(['007', '008', '123'])).toBe('unique-leading-zero-ids');
  });

  it('does not flag unique numbers (grades, averages), repeated values or a single value', () => {
    expect(identifierValues(['12.5', '13.25', '9.75', '0.5'])).toBeUndefined();
    expect(identifierValues(['1', '2', '3'])).toBeUndefined();
    expect(identifierValues(['0.5', '0.25'])).toBeUndefined(); // '0.5' is a decimal, not a leading-zero id
    expect(identifierValues(['12,5', '13,25'])).toBeUndefined(); // decimal commas: the core reports them
    expect(identifierValues(['GP', 'MS', 'GP'])).toBeUndefined();
    expect(identifierValues(['007', '007', '008'])).toBeUndefined();
    expect(identifierValues(['Anna', '', ''])).toBeUndefined();
  });

  it('identifierColumns reports in header order, never the target', () => {
    const data = Dataset.fromColumns(
      ['code', 'grade', 'student_id', 'label'],
      [['x1', 'x2', 'x3'], ['12.5', '13.5', '8'], ['1', '1', '2'], ['u', 'v', 'w']],
    );
    expect(identifierColumns(data, { target: 'label' }).map((e) => [e.column, e.reason])).toEqual([
      ['code', 'unique-text'],
      ['student_id', 'identifier-name'],
    ]);
  });
});

const small = { target: 'G3', positive: 'G3 >= 10', hidden: [8], epochs: 5, seed: 1 };

describe('train() and crossValidate() leave identifier-like columns out', () => {
  it('excludes ids, names, e-mails and unique text by default, keeps a unique numeric average, and says so', async () => {
    const { data } = await withIdentifiers();
    expect(new Set(data.column('average')).size).toBe(data.rows); // unique per row, yet a real feature
    const model = await train(data, small);
    expect(model.excluded.map((e) => [e.column, e.reason])).toEqual([
      ['student_id', 'identifier-name'],
      ['name', 'direct-identifier'],
      ['email', 'direct-identifier'],
      ['code', 'unique-text'],
    ]);
    for (const e of model.excluded) expect(e.detail.length).toBeGreaterThan(10);
    const features = model.info.features;
    for (const c of ['student_id', 'name', 'email', 'code']) expect(features).not.toContain(c);
    expect(features).toContain('average');
    expect(features).toHaveLength(data.header.length - 5); // all but the target and the 4 identifiers
    model.dispose();
  });

  it('keeps the caller’s own exclude list and adds to it', async () => {
    const { data } = await withIdentifiers();
    const model = await train(data, { ...small, exclude: ['G1', 'name'] });
    expect(model.excluded.map((e) => e.column)).toEqual(['student_id', 'email', 'code']); // 'name' was excluded by the caller
    expect(model.info.features).not.toContain('G1');
    expect(model.info.features).toHaveLength(data.header.length - 6);
    model.dispose();
  });

  it('uses an identifier only when listed in features, or with allowIdentifiers', async () => {
    const { data } = await withIdentifiers();
    const listed = await train(data, { ...small, features: ['student_id', 'G2'] });
    expect(listed.info.features).toEqual(['student_id', 'G2']);
    expect(listed.excluded).toEqual([]);
    listed.dispose();
    const allowed = await train(data, { ...small, allowIdentifiers: true });
    expect(allowed.info.features).toContain('name');
    expect(allowed.info.features).toContain('code');
    expect(allowed.excluded).toEqual([]);
    allowed.dispose();
  });

  it('refuses data where only identifiers would be left, naming them', async () => {
    const data = Dataset.fromObjects([
      { student_id: 'a', y: 'yes' },
      { student_id: 'b', y: 'no' },
      { student_id: 'c', y: 'yes' },
    ]);
    const err = (await train(data, { target: 'y', positive: 'yes', epochs: 1 }).catch((e) => e)) as PathwiseError;
    expect(err.code).toBe('BAD_OPTION');
    expect(err.message).toContain("'student_id'");
    expect(err.message).toContain('allowIdentifiers');
    await expect(train(data, { target: 'y', allowIdentifiers: 'yes' as unknown as boolean })).rejects.toMatchObject({ code: 'BAD_OPTION' });
    expect(liveHandles()).toBe(0);
  });

  it('crossValidate reports the same exclusions and trains without them', async () => {
    const { data } = await withIdentifiers();
    const cv = await crossValidate(data, { ...small, epochs: 2, folds: 2 });
    expect(cv.excluded.map((e) => e.column)).toEqual(['student_id', 'name', 'email', 'code']);
    expect(cv.folds).toHaveLength(2);
    expect(cv.mean.accuracy).toBeGreaterThan(0.5);
    const allowed = await crossValidate(data, { ...small, epochs: 2, folds: 2, allowIdentifiers: true });
    expect(allowed.excluded).toEqual([]);
    expect(liveHandles()).toBe(0);
  });
});
