// explain / importance / whatIf against the real wasm: IG completeness seen from JS, agreement
// with model.predict, a planted informative column ranked first, what-if steps inside the observed
// range with an independently predicted `after`, typed errors, and no leaked handles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset, liveHandles, PathwiseError, train, type Model } from '../../web/src/index.js';
import { explain, importance, whatIf } from '../../web/src/explain.js';
import { mulberry32 as rng } from '../../web/src/random.js';


// studytime 1–4 helps, absences 0–30 hurt, noise is noise, colour red helps a little.
function students(n: number, seed: number): Dataset {
  const u = rng(seed);
  return Dataset.fromObjects(
    Array.from({ length: n }, () => {
      const studytime = 1 + Math.floor(u() * 4);
      const absences = Math.floor(u() * 31);
      const noise = Math.round((u() * 10 - 5) * 1000) / 1000;
      const colour = u() < 0.4 ? 'red' : u() < 0.5 ? 'green' : 'blue';
      const z = 1.6 * (studytime - 2.5) - 0.12 * (absences - 15) + (colour === 'red' ? 0.6 : 0) + (u() * 2 - 1);
      return { studytime, absences, noise, colour, result: z > 0 ? 'pass' : 'fail' };
    }),
  );
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof PathwiseError ? e.code : `not a PathwiseError: ${String(e)}`;
  }
  return 'no error';
}

const trainData = students(400, 1);
const testData = students(60, 2);
let model: Model;

beforeAll(async () => {
  model = await train(trainData, { target: 'result', positive: 'pass', hidden: [16, 8], epochs: 60, seed: 7 });
});

afterAll(() => {
  model.dispose();
  expect(liveHandles()).toBe(0);
});

describe('explain', () => {
  it('contributions sum to prediction − baseline (completeness) and the prediction is predict()’s', () => {
    const predictions = model.predict(testData);
    for (let row = 0; row < 15; row++) {
      const e = explain(model, { data: testData, row }, { background: trainData });
      const sum = e.contributions.reduce((s, c) => s + c.contribution, 0);
      const diff = e.prediction - e.baselinePrediction;
      expect(Math.abs(sum - diff)).toBeLessThanOrEqual(Math.max(0.01 * Math.abs(diff), 0.002));
      expect(e.completenessError).toBeCloseTo(Math.abs(sum - diff), 9);
      expect(e.prediction).toBeCloseTo(predictions[row]!.probability, 5);
      expect(e.output).toBe('pass');
      expect(e.contributions.map((c) => c.column)).toEqual(['studytime', 'absences', 'noise', 'colour']);
      expect(e.contributions[0]!.value).toBe(testData.column('studytime')[row]);
    }
  });

  it('is also a Model method (model.explain / importance / whatIf delegate)', () => {
    const input = { data: testData, row: 3 };
    expect(model.explain(input, { steps: 128 })).toEqual(explain(model, input, { steps: 128 }));
    expect(model.whatIf(input, { actionable: ['absences'] })).toEqual(whatIf(model, input, { actionable: ['absences'] }));
    expect(model.importance(testData, { repeats: 1, seed: 2 })).toEqual(importance(model, testData, { repeats: 1, seed: 2 }));
  });

  it('accepts a plain row object and another class', () => {
    const row = { studytime: 4, absences: 2, noise: 0, colour: 'red' };
    const pass = explain(model, row, { steps: 512 });
    const fail = explain(model, row, { steps: 512, class: 'fail' });
    expect(pass.steps).toBe(512);
    expect(pass.prediction + fail.prediction).toBeCloseTo(1, 6);
    expect(fail.contributions[0]!.contribution).toBeCloseTo(-pass.contributions[0]!.contribution, 6);
    // a strong student: studytime 4 pushes P(pass) above the average student's
    expect(pass.contributions[0]!.contribution).toBeGreaterThan(0);
  });

  it('throws PathwiseError with a code for bad input', () => {
    expect(codeOf(() => explain(model, { data: testData, row: 60 }))).toBe('SHAPE_MISMATCH');
    expect(codeOf(() => explain(model, { data: testData, row: 0 }, { class: 'maybe' }))).toBe('BAD_OPTION');
    expect(codeOf(() => explain(model, { studytime: 2 }))).toBe('SCHEMA_MISMATCH');
  });
});

describe('importance', () => {
  it('ranks the planted column first, seeded', () => {
    const imp = importance(model, testData, { repeats: 3, seed: 4 });
    expect(imp.metric).toBe('rocAuc');
    expect(imp.baseline).toBeCloseTo((model.evaluate(testData) as { rocAuc: number }).rocAuc, 12);
    expect(imp.columns[0]!.column).toBe('studytime');
    expect(imp.columns[0]!.mean).toBeGreaterThan(0.1);
    expect(imp.columns.find((c) => c.column === 'noise')!.mean).toBeLessThan(0.05);
    expect(importance(model, testData, { repeats: 3, seed: 4 })).toEqual(imp);
  });
});

describe('whatIf', () => {
  it('never leaves the observed range and sorts by gain', () => {
    const extremes = Dataset.fromObjects([
      { studytime: 1, absences: 0, noise: -4.9, colour: 'red' },
      { studytime: 4, absences: 30, noise: 4.9, colour: 'blue' },
      { studytime: 4, absences: 45, noise: 0, colour: 'purple' },
    ]);
    const seen = { studytime: [1, 4], absences: [0, 30] } as const;
    for (let row = 0; row < extremes.rows; row++) {
      const changes = whatIf(model, { data: extremes, row });
      expect(changes).toHaveLength(4);
      for (let i = 1; i < changes.length; i++) expect(changes[i - 1]!.gain).toBeGreaterThanOrEqual(changes[i]!.gain);
      for (const c of changes) {
        if (c.column === 'studytime' || c.column === 'absences') {
          const [lo, hi] = seen[c.column];
          expect(Number(c.to)).toBeGreaterThanOrEqual(lo);
          expect(Number(c.to)).toBeLessThanOrEqual(hi);
        }
        if (c.column === 'colour') expect(['red', 'green', 'blue']).toContain(c.to);
      }
    }
  });

  it('more study time raises the predicted pass probability', () => {
    const student = { studytime: 2, absences: 15, noise: 0, colour: 'green' };
    const [best] = whatIf(model, student, { actionable: ['studytime'] });
    expect(best!.to).toBe('3');
    expect(best!.gain).toBeGreaterThan(0);
    expect(best!.before).toBeCloseTo(model.predict([student])[0]!.probability, 6);
    expect(best!.after).toBeCloseTo(model.predict([{ ...student, studytime: 3 }])[0]!.probability, 6);
    expect(() => whatIf(model, student, { actionable: ['result'] })).toThrowError(/not a feature/);
  });
});
