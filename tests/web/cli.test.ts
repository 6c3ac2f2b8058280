// The CLI (bin/pathwise.mjs, run as a user would, on web/dist): metrics as JSON and as a table,
// --test, --save + predict, and one-line "CODE: message" errors with exit codes 1 and 2.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cli, samplePath } from './fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'pathwise-cli-'));

describe('pathwise CLI', () => {
  it('README acceptance: 10-fold CV on ../shared student-por.csv, mean accuracy >= 0.90', async () => {
    const r = await cli(['train', '../shared/data/student-por.csv', '--target', 'G3', '--positive', 'G3 >= 10', '--cv', '10', '--seed', '1', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { mode: string; folds: number; mean: Record<string, number>; perFold: { accuracy: number; f1: number; rocAuc: number }[] };
    console.log(`CLI 10-fold CV: mean accuracy ${out.mean.accuracy!.toFixed(4)}, f1 ${out.mean.f1!.toFixed(4)}, rocAuc ${out.mean.rocAuc!.toFixed(4)}`);
    expect(out.mode).toBe('cv');
    expect(out.perFold).toHaveLength(10);
    expect(out.perFold.every((f) => typeof f.accuracy === 'number' && typeof f.f1 === 'number' && typeof f.rocAuc === 'number')).toBe(true);
    expect(out.mean.accuracy).toBeCloseTo(out.perFold.reduce((a, f) => a + f.accuracy, 0) / 10, 12);
    expect(out.mean.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('leaves identifier columns out and says so (JSON and table)', async () => {
    const lines = readFileSync(samplePath, 'utf8').trim().split('\n');
    const file = join(tmp, 'with-ids.csv');
    writeFileSync(file, lines.map((l, i) => (i === 0 ? `student_id;${l}` : `S${String(i).padStart(4, '0')};${l}`)).join('\n') + '\n');
    const args = ['train', file, '--target', 'G3', '--positive', 'G3 >= 10', '--hidden', '8', '--epochs', '3', '--seed', '1'];
    const json = await cli([...args, '--json']);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { excluded: { column: string; reason: string }[] }).excluded.map((e) => [e.column, e.reason]))
      .toEqual([['student_id', 'identifier-name']]);
    const table = await cli(args);
    expect(table.stdout).toContain('left out as identifiers: student_id (identifier-name)\n');
    const plain = await cli(['train', samplePath, '--target', 'G3', '--positive', 'G3 >= 10', '--hidden', '8', '--epochs', '3']);
    expect(plain.stdout).not.toContain('left out as identifiers');
  });

  it('hold-out by default, human table, --save then predict writes CSV with one row per student', async () => {
    const modelFile = join(tmp, 'model.pw');
    const r = await cli(['train', samplePath, '--target', 'G3', '--positive', 'G3 >= 10', '--exclude', 'G1,G2', '--hidden', '16', '--epochs', '20', '--save', modelFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/stratified 20% hold-out \(130 of 649 rows, seed 1\)/);
    expect(r.stdout).toMatch(/^accuracy\s+0\.\d{4}$/m);
    expect(r.stdout).toContain(`model saved to ${modelFile}`);

    const p = await cli(['predict', modelFile, samplePath]);
    expect(p.code).toBe(0);
    const parsed = Papa.parse<Record<string, string>>(p.stdout.trim(), { header: true });
    expect(parsed.data).toHaveLength(649);
    const fields = parsed.meta.fields!;
    expect(fields.slice(0, 3)).toEqual(['row', 'label', 'probability']);
    expect(fields.slice(3).map((f) => f.startsWith('p(') && f.endsWith(')'))).toEqual([true, true]);
    const first = parsed.data[0]!;
    expect(first.row).toBe('1');
    expect(Number(first.probability)).toBeGreaterThanOrEqual(0);
    expect(Number(first.probability)).toBeLessThanOrEqual(1);
  });

  it('--test evaluates on another file', async () => {
    const lines = readFileSync(samplePath, 'utf8').trim().split('\n');
    const trainFile = join(tmp, 'train.csv');
    const testFile = join(tmp, 'test.csv');
    writeFileSync(trainFile, [lines[0], ...lines.slice(1, 500)].join('\n'));
    writeFileSync(testFile, [lines[0], ...lines.slice(500)].join('\n'));
    const r = await cli(['train', trainFile, '--target', 'G3', '--positive', 'G3 >= 10', '--epochs', '10', '--test', testFile, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { mode: string; testRows: number; metrics: { rows: number; accuracy: number } };
    expect(out.mode).toBe('test');
    expect(out.testRows).toBe(649 - 499);
    expect(out.metrics.rows).toBe(649 - 499);
  });

  const errors: [string, number, string[], RegExp][] = [
    ['no command', 2, [], /^BAD_OPTION: missing command/],
    ['unknown command', 2, ['fit'], /^BAD_OPTION: unknown command "fit"/],
    ['unknown flag', 2, ['train', samplePath, '--target', 'G3', '--foo'], /^BAD_OPTION: Unknown option '--foo'/],
    ['missing --target', 2, ['train', samplePath], /^BAD_OPTION: --target COL is required/],
    ['epochs text', 2, ['train', samplePath, '--target', 'G3', '--epochs', 'x'], /^BAD_OPTION: --epochs must be a positive integer \(got "x"\)$/],
    ['epochs 0', 2, ['train', samplePath, '--target', 'G3', '--epochs', '0'], /^BAD_OPTION: --epochs must be a positive integer \(got "0"\)$/],
    ['epochs negative', 2, ['train', samplePath, '--target', 'G3', '--epochs', '-5'], /^BAD_OPTION: --epochs must be a positive integer \(got "-5"\)$/],
    ['hidden 0', 2, ['train', samplePath, '--target', 'G3', '--hidden', '64,0'], /^BAD_OPTION: --hidden must be/],
    ['hidden text', 2, ['train', samplePath, '--target', 'G3', '--hidden', 'big'], /^BAD_OPTION: --hidden must be/],
    ['seed not a number', 2, ['train', samplePath, '--target', 'G3', '--seed', 'abc'], /^BAD_OPTION: --seed must be a non-negative integer \(got "abc"\)$/],
    ['cv 1', 2, ['train', samplePath, '--target', 'G3', '--cv', '1'], /^BAD_OPTION: --cv must be an integer >= 2 \(got "1"\)$/],
    ['cv and test', 2, ['train', samplePath, '--target', 'G3', '--cv', '3', '--test', samplePath], /^BAD_OPTION: --cv and --test/],
    ['cv more than rows', 1, ['train', samplePath, '--target', 'G3', '--cv', '1000'], /^BAD_OPTION: --cv 1000 is more folds than rows \(649\)$/],
    ['missing file', 1, ['train', join(tmp, 'nope.csv'), '--target', 'G3'], /^IO_ERROR: cannot read CSV file/],
    ['unknown target', 1, ['train', samplePath, '--target', 'G4', '--epochs', '1'], /^UNKNOWN_COLUMN: .*G4/],
    ['bad rule', 1, ['train', samplePath, '--target', 'G3', '--positive', 'G3 >=< 10', '--epochs', '1'], /^BAD_RULE: /],
    ['bad model file', 1, ['predict', samplePath, samplePath], /^BAD_MODEL_FILE: /],
  ];
  it.each(errors)('%s → exit %i, one line', async (_name, exitCode, args, line) => {
    const r = await cli(args);
    expect(r.code).toBe(exitCode);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(line);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
