// crossValidate(): folds partition the rows, per-fold metrics are real evaluations, and mean/sd
// are the mean and sample standard deviation of the folds.
import { describe, expect, it } from 'vitest';
import { crossValidate, liveHandles, parseCsv, type ClassificationMetrics } from '../../web/src/index.js';
import { sampleText } from './fixtures.js';

describe('crossValidate', () => {
  it('5 folds on the sample: folds partition the rows; mean and sd summarise them', async () => {
    const data = await parseCsv(sampleText());
    const folds: number[] = [];
    const cv = await crossValidate(data, {
      target: 'G3',
      positive: 'G3 >= 10',
      folds: 5,
      seed: 2,
      epochs: 15,
      onEpoch: ({ fold }) => fold !== undefined && !folds.includes(fold) && folds.push(fold),
    });
    expect(cv.task).toBe('binary');
    expect(cv.folds.map((f) => f.fold)).toEqual([1, 2, 3, 4, 5]);
    expect(folds).toEqual([1, 2, 3, 4, 5]);
    expect(cv.folds.reduce((n, f) => n + f.testRows, 0)).toBe(649);
    for (const f of cv.folds) {
      expect(f.trainRows + f.testRows).toBe(649);
      expect(Math.abs(f.testRows - 649 / 5)).toBeLessThanOrEqual(1);
      const m = f.metrics as ClassificationMetrics;
      expect(m.rows).toBe(f.testRows);
      expect(m.confusion.flat().reduce((a, b) => a + b, 0)).toBe(f.testRows);
      // stratified: each fold's pass share is close to the overall 549/649
      expect(Math.abs(m.support[1]! / f.testRows - 549 / 649)).toBeLessThan(0.02);
    }
    const acc = cv.folds.map((f) => (f.metrics as ClassificationMetrics).accuracy);
    const mean = acc.reduce((a, b) => a + b) / acc.length;
    const sd = Math.sqrt(acc.reduce((a, x) => a + (x - mean) ** 2, 0) / (acc.length - 1));
    expect(cv.mean.accuracy).toBeCloseTo(mean, 12);
    expect(cv.sd.accuracy).toBeCloseTo(sd, 12);
    expect(cv.mean.accuracy).toBeGreaterThan(0.85); // G1, G2 included
    expect(liveHandles()).toBe(0);
  });

  it('is deterministic for a seed', async () => {
    const data = (await parseCsv(sampleText())).head(200);
    const options = { target: 'G3', positive: 'G3 >= 10', folds: 3, seed: 9, epochs: 5 };
    const a = await crossValidate(data, options);
    const b = await crossValidate(data, options);
    expect(b).toEqual(a);
  });
});
