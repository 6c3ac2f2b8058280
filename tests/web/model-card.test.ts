// modelCard() (issue 7): every section from its source — class balance counted independently,
// features from model.info, left-out columns with reasons (import, identifier rule, caller),
// cross-validated metrics, per-group metrics, advisory intended use, limitations, privacy facts.
import { describe, expect, it } from 'vitest';
import {
  ADVISORY_USE,
  audit,
  crossValidate,
  importData,
  modelCard,
  toDataset,
  train,
  TRAIN_DEFAULTS,
} from '../../web/src/index.js';
import { fixture, KEY } from './import/helpers.js';
import { withIdentifiers } from './fixtures.js';

const options = { target: 'G3', positive: 'G3 >= 10', exclude: ['G1'], hidden: [8], epochs: 5, seed: 1 };

describe('modelCard', () => {
  it('documents data, left-out columns, configuration, cross-validation, groups, use, limits and privacy', async () => {
    const { data } = await withIdentifiers();
    const model = await train(data, options);
    const cv = await crossValidate(data, { ...options, epochs: 2, folds: 3 });
    const a = audit(model, data, { groupBy: ['sex'] });
    const card = modelCard(model, { data, options, crossValidation: cv, audit: a, title: 'Pass in Portuguese' });
    const j = card.json;

    expect(j.title).toBe('Pass in Portuguese');
    expect(j.model).toMatchObject({ task: 'binary', target: 'G3', positive: 'G3 >= 10', classes: ['not G3 >= 10', 'G3 >= 10'], hidden: [8] });
    expect(j.data.rows).toBe(649);
    expect(j.data.columns).toBe(data.header.length);
    expect(j.data.featuresUsed).toEqual(model.info.features);
    const pass = data.column('G3').filter((g) => Number(g) >= 10).length; // counted here, not by pathwise
    expect(j.data.classBalance).toEqual([
      { class: 'not G3 >= 10', rows: 649 - pass, share: (649 - pass) / 649 },
      { class: 'G3 >= 10', rows: pass, share: pass / 649 },
    ]);
    expect(j.data.leftOut.map((l) => [l.column, l.stage])).toEqual([
      ['student_id', 'identifier-rule'], ['name', 'identifier-rule'], ['email', 'identifier-rule'], ['code', 'identifier-rule'], ['G1', 'caller'],
    ]);
    expect(j.data.leftOut[3]!.reason).toContain('unique-text');
    expect(j.training.options).toEqual({ target: 'G3', positive: 'G3 >= 10', exclude: ['G1'], hidden: [8], epochs: 5, seed: 1 });
    expect(j.evaluation).toEqual({ folds: 3, mean: cv.mean, sd: cv.sd });
    expect(j.fairness?.groups).toEqual(a.groups);
    expect(j.fairness?.gaps).toEqual(a.gaps);
    expect(j.intendedUse).toBe(ADVISORY_USE);
    expect(j.intendedUse).toContain('A teacher decides');
    expect(j.limitations.some((l) => l.includes('Sensitive attributes used as features: sex'))).toBe(true);
    expect(j.limitations.some((l) => l.includes('No cross-validated'))).toBe(false);
    expect(j.privacy.join(' ')).toContain('parameters and preprocessing statistics only');

    const md = card.markdown;
    for (const h of ['# Model card: Pass in Portuguese', '## Intended use', '## Data', '## Training configuration', '## Evaluation',
      '## Per-group metrics', '## Known limitations', '## Privacy']) expect(md).toContain(h);
    expect(md).toContain(`| G3 >= 10 | ${pass} | ${(pass / 649).toFixed(3)} |`);
    expect(md).toContain(`| accuracy | ${cv.mean.accuracy!.toFixed(3)} | ${cv.sd.accuracy!.toFixed(3)} |`);
    expect(md).toContain('| student_id | identifier-rule |');
    expect(md).toContain('3-fold cross-validation');
    const f = a.groups.find((g) => g.group === 'F')!;
    expect(md).toContain(`| sex | F | ${f.rows} | ${f.accuracy!.toFixed(3)} |`);
    model.dispose();
  });

  it('without extras: says what is not documented; with an import report: lists dropped columns and skips', async () => {
    const res = await importData(fixture('generic_table_bom.csv'), { key: KEY });
    const data = toDataset(res.table!);
    const model = await train(data, { target: 'G3', positive: 'G3 >= 10', hidden: [4], epochs: 2, validationSplit: 0 });
    const bare = modelCard(model);
    expect(bare.json.data.rows).toBeNull();
    expect(bare.json.evaluation).toBeNull();
    expect(bare.json.fairness).toBeNull();
    expect(bare.json.limitations.some((l) => l.startsWith('No cross-validated metrics'))).toBe(true);
    expect(bare.json.limitations.some((l) => l.startsWith('No per-group audit'))).toBe(true);
    expect(bare.markdown).toContain('No cross-validation was given.');
    expect(bare.json.title).toBe('Predicting G3 >= 10');

    const card = modelCard(model, { importReport: res.report, limitations: ['Three students only.'] });
    expect(card.json.data.leftOut).toEqual([
      { column: 'name', reason: 'direct-identifier', stage: 'import' },
      { column: 'email', reason: 'direct-identifier', stage: 'import' },
      { column: 'student_id', reason: expect.stringContaining('identifier-name'), stage: 'identifier-rule' },
    ]);
    expect(card.json.data.import).toMatchObject({ format: 'generic-table', pseudonymisedColumns: ['student_id'] });
    expect(card.json.limitations.at(-1)).toBe('Three students only.');
    expect(card.json.training.note).toContain('TRAIN_DEFAULTS');
    expect(Object.keys(TRAIN_DEFAULTS)).toContain('allowIdentifiers');
    expect(() => modelCard(model, { nope: 1 } as never)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    model.dispose();
  });
});
