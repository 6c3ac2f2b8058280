// The bad-input corpus through the CLI (`node bin/pathwise.mjs train <file> ... --json`): every case
// of tests/data/bad/cases.json with a `cli` entry ends with its exit code (0 ok, 1 data/option
// error found while running, 2 bad command line) and, on error, ONE stderr line "CODE: message".
import { describe, expect, it } from 'vitest';
import { type BadCase, casePath, cases } from './bad-cases.js';
import { cli } from './fixtures.js';

/** The CLI flags equivalent to a case's train options. */
function flags(c: BadCase): string[] {
  const o = c.options;
  const out = ['--target', String(o.target)];
  if (o.positive !== undefined) out.push('--positive', o.positive);
  if (o.exclude !== undefined) out.push('--exclude', o.exclude.join(','));
  if (o.hidden !== undefined) out.push('--hidden', Array.isArray(o.hidden) ? o.hidden.join(',') : String(o.hidden));
  if (o.epochs !== undefined) out.push('--epochs', String(o.epochs));
  if (o.seed !== undefined) out.push('--seed', String(o.seed));
  if (o.cv !== undefined) out.push('--cv', String(o.cv));
  return out;
}

describe('bad-input corpus through the CLI', () => {
  const cliCases = cases.filter((c) => c.cli);
  it('covers a representative subset (≥ 30 cases)', () => {
    expect(cliCases.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of cliCases) {
    const want = c.cli!;
    it(`${c.name} (${c.file}) → exit ${want.exit}`, async () => {
      const r = await cli(['train', casePath(c), ...flags(c), '--json']);
      const lines = r.stderr.split('\n').filter(Boolean);
      const warnings = lines.filter((l) => l.startsWith('warning: '));
      const errors = lines.filter((l) => !l.startsWith('warning: '));
      expect(r.code, r.stderr).toBe(want.exit);
      if (want.warning) expect(warnings.some((l) => l.includes(want.warning!)), r.stderr).toBe(true);
      else expect(warnings).toEqual([]);
      if (want.exit === 0) {
        const report = JSON.parse(r.stdout) as { mode: string };
        expect(['holdout', 'cv']).toContain(report.mode);
        expect(errors).toEqual([]);
      } else {
        expect(r.stdout).toBe('');
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(/^[A-Z_]+: \S/);
        expect(errors[0].startsWith(`${want.code}: `), errors[0]).toBe(true);
        if (want.includes) expect(errors[0]).toContain(want.includes);
      }
    });
  }
});
