// audit() (issue 7): per-group accuracy, at-risk recall and at-risk rate with hand-computed values.
// The model learns a wide-margin rule (score >= 10 exactly when x >= 5, x in 0..4 or 6..10); the
// audited rows then carry deliberately "wrong" labels so that the metrics are not trivial. The test
// first checks that the model predicts the rule on these rows, then compares with hand counts.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { audit, Dataset, liveHandles, parseCsv, train, type Model } from '../../web/src/index.js';
import { sampleText } from './fixtures.js';

const PASS = 'score >= 10';
const RISK = 'not score >= 10';
let model: Model;

beforeAll(async () => {
  const rows = Array.from({ length: 200 }, (_, i) => {
    const x = [0, 1, 2, 3, 4, 6, 7, 8, 9, 10][i % 10]!;
    return { x, g: i % 2 ? 'A' : 'B', score: x >= 5 ? 15 : 5 };
  });
  model = await train(Dataset.fromObjects(rows), {
    target: 'score', positive: PASS, exclude: ['g'], hidden: [8], epochs: 150, learningRate: 0.02, seed: 3, validationSplit: 0,
  });
});
afterAll(() => {
  model.dispose();
  expect(liveHandles()).toBe(0);
});

// Group A: x 1, 2, 8, 9 → predicted risk, risk, pass, pass; truth risk, pass, pass, pass.
// Group B: x 1, 3, 8, 9 → predicted risk, risk, pass, pass; truth risk, risk, risk, pass.
// Group C (one row, below minRows): x 8 → pass; truth risk.
const audited = Dataset.fromObjects([
  { x: 1, g: 'A', score: 5 }, { x: 2, g: 'A', score: 15 }, { x: 8, g: 'A', score: 15 }, { x: 9, g: 'A', score: 15 },
  { x: 1, g: 'B', score: 5 }, { x: 3, g: 'B', score: 5 }, { x: 8, g: 'B', score: 5 }, { x: 9, g: 'B', score: 15 },
  { x: 8, g: 'C', score: 5 }, { x: 2, g: '', score: '' },
]);

describe('audit', () => {
  it('precondition: the model predicts the rule on the audited rows', () => {
    expect(model.predict(audited).map((p) => p.label)).toEqual([RISK, RISK, PASS, PASS, RISK, RISK, PASS, PASS, PASS, RISK]);
  });

  it('gives hand-computed metrics per group and overall, and the largest gaps', () => {
    const a = audit(model, audited, { groupBy: ['g'], minRows: 2 });
    expect(a.atRisk).toBe(RISK); // the class that is not the positive one
    expect(a.classes).toEqual([RISK, PASS]);
    const byGroup = Object.fromEntries(a.groups.map((g) => [g.group, g]));
    expect(byGroup.A).toEqual({ column: 'g', group: 'A', rows: 4, labelled: 4, accuracy: 3 / 4, atRiskRecall: 1, atRiskRate: 2 / 4, actualAtRiskRate: 1 / 4, small: false });
    expect(byGroup.B).toEqual({ column: 'g', group: 'B', rows: 4, labelled: 4, accuracy: 3 / 4, atRiskRecall: 2 / 3, atRiskRate: 2 / 4, actualAtRiskRate: 3 / 4, small: false });
    expect(byGroup.C).toEqual({ column: 'g', group: 'C', rows: 1, labelled: 1, accuracy: 0, atRiskRecall: 0, atRiskRate: 0, actualAtRiskRate: 1, small: true });
    // The row with an empty group and no target value: a group of its own, with nothing to measure.
    expect(byGroup['(missing)']).toEqual({ column: 'g', group: '(missing)', rows: 1, labelled: 0, accuracy: null, atRiskRecall: null, atRiskRate: null, actualAtRiskRate: null, small: true });
    // Overall: 9 labelled rows; correct 3 + 3 + 0; truly at risk 1 + 3 + 1 = 5, of which flagged 1 + 2 + 0.
    expect(a.overall).toEqual({ rows: 10, labelled: 9, accuracy: 6 / 9, atRiskRecall: 3 / 5, atRiskRate: 4 / 9, actualAtRiskRate: 5 / 9 });
    // Gaps over A and B only (C and '(missing)' are below minRows).
    const gap = Object.fromEntries(a.gaps.map((x) => [x.metric, x]));
    expect(gap.accuracy!.gap).toBe(0);
    expect(gap.atRiskRecall).toEqual({ column: 'g', metric: 'atRiskRecall', gap: 1 - 2 / 3, highest: { group: 'A', value: 1 }, lowest: { group: 'B', value: 2 / 3 } });
    expect(gap.atRiskRate!.gap).toBe(0);
  });

  it('with minRows 1 the one-row group enters the gaps; atRisk can be the positive class', () => {
    const a = audit(model, audited, { groupBy: ['g'], minRows: 1 });
    const acc = a.gaps.find((x) => x.metric === 'accuracy')!;
    expect(acc.gap).toBe(3 / 4);
    expect(acc.lowest).toEqual({ group: 'C', value: 0 });
    const p = audit(model, audited, { groupBy: ['g'], atRisk: PASS, minRows: 2 });
    const A = p.groups.find((g) => g.group === 'A')!;
    expect(A.atRiskRecall).toBe(2 / 3); // of 3 true passes in A, 2 predicted pass
    expect(A.atRiskRate).toBe(2 / 4);
  });

  it('agrees with predictions computed independently on real data, for two sensitive attributes', async () => {
    const data = await parseCsv(sampleText());
    const m = await train(data, { target: 'G3', positive: 'G3 >= 10', exclude: ['G1', 'G2'], hidden: [8], epochs: 10, seed: 1 });
    const a = audit(m, data, { groupBy: ['sex', 'address'] });
    const predicted = m.predict(data).map((p) => p.label === 'not G3 >= 10');
    const truth = data.column('G3').map((g) => Number(g) < 10);
    for (const column of ['sex', 'address']) {
      const cells = data.column(column);
      for (const value of new Set(cells)) {
        const idx = cells.flatMap((c, i) => (c === value ? [i] : []));
        const atRisk = idx.filter((i) => truth[i]);
        const g = a.groups.find((x) => x.column === column && x.group === value)!;
        expect(g.rows).toBe(idx.length);
        expect(g.accuracy).toBeCloseTo(idx.filter((i) => predicted[i] === truth[i]).length / idx.length, 12);
        expect(g.atRiskRecall).toBeCloseTo(atRisk.filter((i) => predicted[i]).length / atRisk.length, 12);
        expect(g.atRiskRate).toBeCloseTo(idx.filter((i) => predicted[i]).length / idx.length, 12);
      }
    }
    expect(a.groups.map((g) => `${g.column}=${g.group}`).sort()).toEqual(['address=R', 'address=U', 'sex=F', 'sex=M']);
    expect(a.gaps.map((g) => `${g.column}.${g.metric}`)).toEqual([
      'sex.accuracy', 'sex.atRiskRecall', 'sex.atRiskRate', 'address.accuracy', 'address.atRiskRecall', 'address.atRiskRate',
    ]);
    m.dispose();
  });

  it('refuses regression models, unknown classes, identifier-like or unknown columns and bad options', async () => {
    expect(() => audit(model, audited, { groupBy: ['g'], atRisk: 'maybe' })).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => audit(model, audited, { groupBy: [] })).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => audit(model, audited, { groupBy: ['nope'] })).toThrow(expect.objectContaining({ code: 'UNKNOWN_COLUMN' }));
    expect(() => audit(model, audited, { groupBy: ['g'], minRows: 0 })).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => audit(model, audited, { groupBy: ['g'], extra: 1 } as never)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => audit(model, audited.exclude(['score']), { groupBy: ['g'] })).toThrow(expect.objectContaining({ code: 'SCHEMA_MISMATCH' }));
    const withIds = Dataset.fromColumns([...audited.header, 'student_id'], [...audited.columns, audited.columns[0]!.map((_, i) => `s${i}`)]);
    expect(() => audit(model, withIds, { groupBy: ['student_id'] })).toThrow(expect.objectContaining({ code: 'BAD_OPTION', message: expect.stringContaining('identifier') }));
    const reg = await train(audited.exclude(['g']).head(8), { target: 'score', task: 'regression', hidden: [2], epochs: 1, validationSplit: 0 });
    expect(() => audit(reg, audited, { groupBy: ['g'] })).toThrow(expect.objectContaining({ code: 'BAD_OPTION', message: expect.stringContaining('regression') }));
    reg.dispose();
  });
});
